//! Command-line helpers shared by several commands: the no-overwrite check, the chart
//! options, whole-number values and study lookup, with errors that name the option.
//! Comma-separated numbers (`MEAN,SD`, lists) are read by `trialstats::number_list`.

use trialstats::{Error, Result};

/// Refuse to write `output` when it is one of `inputs` (compared as canonical paths, so
/// `./x.csv` and `../dir/x.csv` are the same file): the tool never overwrites its input.
pub fn refuse_overwrite(
    option: &str,
    output: &std::path::Path,
    inputs: &[&std::path::Path],
) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // the output does not exist yet, so it is no input
    };
    if inputs
        .iter()
        .any(|i| i.canonicalize().is_ok_and(|i| i == out))
    {
        return Err(Error::input(
            option,
            format!(
                "'{}' would overwrite the input file; give another file name",
                output.display()
            ),
        ));
    }
    Ok(())
}

/// The options every chart-drawing command takes (`plot KIND`, `plot study`, `report`,
/// `meta --forest/--funnel`, `lmm --plot`): flatten this struct into the command's clap
/// arguments (`#[command(flatten)] chart: ChartOptions`) and call [`ChartOptions::canvas`].
#[derive(Debug, Clone, clap::Args)]
pub struct ChartOptions {
    /// Chart width in pixels.
    #[arg(long, default_value_t = 800, allow_negative_numbers = true)]
    pub width: i64,
    /// Chart height in pixels (a chart of many rows grows taller when its rows need it).
    #[arg(long, default_value_t = 600, allow_negative_numbers = true)]
    pub height: i64,
    /// Resolution in pixels per inch: text is set in points at this resolution, so a larger
    /// image gives the chart more room, not larger text (96 for screens; 300 with a large
    /// --width/--height for print).
    #[arg(long, default_value_t = trialstats::plot::Canvas::DEFAULT_DPI, allow_negative_numbers = true)]
    pub dpi: f64,
    /// Chart title [default: from the data].
    #[arg(long)]
    pub title: Option<String>,
    /// Label of the x axis [default: from the data, e.g. the time points, or the effect
    /// measure's name].
    #[arg(long)]
    pub xlab: Option<String>,
    /// Label of the y axis [default: from the data, e.g. the response column].
    #[arg(long)]
    pub ylab: Option<String>,
    /// Write an SVG file's text as text (naming DejaVu Sans and VL PGothic), for a vector
    /// editor to change it; a viewer without those fonts then draws it with others. Without
    /// it, each text is written as the outlines of its glyphs, which show the same on any
    /// machine.
    #[arg(long)]
    pub editable_svg: bool,
}

impl ChartOptions {
    /// The canvas from `--width`, `--height` and `--dpi` as typed (negative values reach the
    /// library's range check instead of clap's "unexpected argument").
    pub fn canvas(&self) -> Result<trialstats::plot::Canvas> {
        let text = if self.editable_svg {
            trialstats::plot::SvgText::Editable
        } else {
            trialstats::plot::SvgText::Outlined
        };
        Ok(
            trialstats::plot::Canvas::new(size(self.width, self.height)?, self.dpi)?
                .with_svg_text(text),
        )
    }

    /// `--title` if given, else `default`.
    pub fn title_or(&self, default: impl Into<String>) -> String {
        self.title.clone().unwrap_or_else(|| default.into())
    }

    /// `--xlab` if given, else `default`.
    pub fn xlab_or(&self, default: impl Into<String>) -> String {
        self.xlab.clone().unwrap_or_else(|| default.into())
    }

    /// `--ylab` if given, else `default`.
    pub fn ylab_or(&self, default: impl Into<String>) -> String {
        self.ylab.clone().unwrap_or_else(|| default.into())
    }

    /// Refuse `--title`/`--xlab`/`--ylab` for a command that draws many charts (`report`, `plot
    /// study`), where one title cannot name them all.
    pub fn refuse_labels(&self, command: &str) -> Result<()> {
        for (option, given) in [
            ("--title", &self.title),
            ("--xlab", &self.xlab),
            ("--ylab", &self.ylab),
        ] {
            if given.is_some() {
                return Err(Error::input(
                    option,
                    format!(
                        "{command} draws many charts, each titled from its data; {option} is for commands that draw one chart"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A chart size from `--width` and `--height` as typed.
fn size(width: i64, height: i64) -> Result<trialstats::plot::Size> {
    let side = |v: i64, option: &str| {
        u32::try_from(v).map_err(|_| {
            Error::input(
                option,
                format!(
                    "{v} pixels is out of range; allowed: {} to {}",
                    trialstats::plot::Size::MIN,
                    trialstats::plot::Size::MAX
                ),
            )
        })
    };
    Ok(trialstats::plot::Size::new(
        side(width, "--width")?,
        side(height, "--height")?,
    )?)
}

/// A whole number as typed (clap value parser): refuses `28.5` or `x` saying what is allowed;
/// the range is checked by the library, which names the option.
pub fn whole_number(text: &str) -> std::result::Result<i64, String> {
    text.trim().parse::<i64>().map_err(|_| {
        format!("'{text}' is not a whole number; give one such as 28 (no decimals, no units)")
    })
}

/// The study `id` of the folder `data`, refused (naming `option`) when there is none,
/// listing the known ids.
pub fn study_by_id(
    data: &std::path::Path,
    id: &str,
    option: &str,
) -> Result<trialstats::study::Study> {
    let known = trialstats::study::study_ids(data)?;
    if !known.iter().any(|k| k == id) {
        let known = if known.is_empty() {
            "none (the folder has no *.toml files)".to_string()
        } else {
            known.join(", ")
        };
        return Err(Error::input(
            option,
            format!("unknown study '{id}' in {}; known: {known}", data.display()),
        ));
    }
    Ok(trialstats::study::load_file(
        &data.join(format!("{id}.toml")),
    )?)
}

/// The studies a command reads: the study files named (`trialstats report out/a.toml`), or
/// every study file of a folder (`--data DIR`, `data` when neither is given).
#[derive(Debug, clap::Args)]
pub struct Studies {
    /// Study files (`*.toml`, such as drafts of `trialstats draft`), from one folder; without
    /// them, every study file of the --data folder.
    #[arg(value_name = "STUDY.toml")]
    pub files: Vec<std::path::PathBuf>,
    /// Folder of study files [default: data]; not with study files named.
    #[arg(long, value_name = "DIR")]
    pub data: Option<std::path::PathBuf>,
}

impl Studies {
    /// Whether the user chose the studies (named files, or a folder).
    pub fn given(&self) -> bool {
        !self.files.is_empty() || self.data.is_some()
    }

    /// The studies, sorted by id, and the folder holding them (where the files beside a study
    /// are looked for).
    pub fn load(&self) -> Result<(Vec<trialstats::study::Study>, std::path::PathBuf)> {
        match (&self.files[..], &self.data) {
            ([], data) => {
                let dir = data
                    .clone()
                    .unwrap_or_else(|| std::path::PathBuf::from("data"));
                Ok((trialstats::study::load_dir(&dir)?, dir))
            }
            (_, Some(_)) => Err(Error::input(
                "--data",
                "name study files or give the folder holding them with --data DIR, not both",
            )),
            (files, None) => Ok(trialstats::study::load_files(files)?),
        }
    }
}
