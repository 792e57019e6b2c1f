//! `trialstats meta`: read effect sizes (and moderators) from a CSV file, fit the meta-analysis
//! with `trialstats::meta::fit`, print it. Reading and validation of the file live here; the
//! statistics live in `trialstats::meta`.

use std::path::{Path, PathBuf};
use trialstats::effect::{self, CiMethod, MeasureCode};
use trialstats::meta::{self, MetaData, MetaOptions, Method, Moderator, ModeratorValues, Test};
use trialstats::output::{render, Format};
use trialstats::{Error, Outcome, Result};

/// The options live behind a `Box` so that the `Command` enum stays small.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    options: Box<MetaArgs>,
}

#[derive(Debug, clap::Args)]
pub struct MetaArgs {
    /// CSV file with a header row, one study per row (or give --data).
    #[arg(required_unless_present = "data")]
    pub file: Option<PathBuf>,
    /// Pool the studies of this data folder instead: every before/after measure that two or
    /// more studies report.
    #[arg(long, conflicts_with_all = ["file", "yi", "vi", "sei", "measure", "mods", "forest", "funnel"])]
    pub data: Option<PathBuf>,
    /// With --data: the before/after effect size to pool (MC, SMCC, SMCR, SMCRH or ROMC).
    #[arg(long, default_value = "SMCR", requires = "data")]
    pub effect: String,
    /// Column of effect estimates (or give --measure to compute them from raw columns).
    #[arg(long, required_unless_present_any = ["measure", "data"])]
    pub yi: Option<String>,
    /// Compute yi and vi from raw columns with metafor's names, as `trialstats effect
    /// --input` does (for example --measure RR with ai, bi, ci, di).
    #[arg(long, conflicts_with_all = ["yi", "vi", "sei"])]
    pub measure: Option<String>,
    /// Pre/post correlation for --measure MC/SMCC/SMCR/SMCRH/ROMC when the file has no ri
    /// column.
    #[arg(long, allow_hyphen_values = true)]
    pub r: Option<f64>,
    /// Column of sampling variances (give this or --sei).
    #[arg(long, conflicts_with = "sei")]
    pub vi: Option<String>,
    /// Column of standard errors (squared to give the variances).
    #[arg(long)]
    pub sei: Option<String>,
    /// Column of study labels (default: a column named study, label, author or trial, else
    /// the row number).
    #[arg(long)]
    pub label: Option<String>,
    /// Estimator of tau^2: FE, DL, HE, HS, SJ, ML, REML, EB or PM.
    #[arg(long, default_value = "REML")]
    pub method: String,
    /// Moderator columns, comma-separated; a non-numeric column is categorical (treatment
    /// coding, first level in sorted order as reference).
    #[arg(long, value_delimiter = ',')]
    pub mods: Vec<String>,
    /// Tests of the coefficients: z or knha (Knapp-Hartung t and F tests).
    #[arg(long, default_value = "z")]
    pub test: String,
    /// Confidence level of every interval.
    #[arg(long, default_value_t = 0.95)]
    pub level: f64,
    /// Also print the leave-one-out table (models without moderators).
    #[arg(long)]
    pub leave_one_out: bool,
    /// Also print the influence diagnostics (studentised residuals, Cook's distance, hat values).
    #[arg(long)]
    pub influence: bool,
    /// Also print the per-study estimates, intervals and weights.
    #[arg(long)]
    pub studies: bool,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Draw the forest plot (weights, summary diamond, prediction interval) to this file
    /// (.png or .svg).
    #[arg(long)]
    pub forest: Option<PathBuf>,
    /// Draw the contour-enhanced funnel plot with Egger's line to this file (.png or .svg).
    #[arg(long)]
    pub funnel: Option<PathBuf>,
    /// The effects are log ratios (RR, OR, ROM, IRR …): draw the forest plot on the ratio scale.
    #[arg(long)]
    pub exp: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let args = *args.options;
    let format: Format = args.format.parse()?;
    let options = MetaOptions {
        method: args.method.parse::<Method>()?,
        test: args.test.parse::<Test>()?,
        level: args.level,
        leave_one_out: args.leave_one_out,
        influence: args.influence,
    };
    if let Some(dir) = &args.data {
        return run_data(dir, &args, &options, format);
    }
    let data = read_csv(&args)?;
    let mut fit = meta::fit(&data, &options)?;
    let effect_label = match &args.measure {
        Some(code) => code.to_uppercase(),
        None => args.yi.clone().unwrap_or_default(),
    };
    let title = format!(
        "{} ({} studies, {})",
        input_file(&args)?.display(),
        fit.k,
        fit.method
    );
    for (path, chart) in [
        (
            &args.forest,
            args.forest
                .as_ref()
                .map(|_| meta::chart::forest_chart(&fit, &title, &effect_label, args.exp).into()),
        ),
        (
            &args.funnel,
            args.funnel.as_ref().map(|_| {
                // The funnel's x axis is the scale of the analysis: log ratios stay logs.
                let label = if args.exp {
                    format!("log {effect_label}")
                } else {
                    effect_label.clone()
                };
                meta::chart::funnel_chart(&fit, &title, &label).into()
            }),
        ),
    ] {
        if let (Some(path), Some(chart)) = (path, chart) {
            super::args::refuse_overwrite("--forest/--funnel", path, &[input_file(&args)?])?;
            trialstats::plot::render(&chart, path, trialstats::plot::Size::DEFAULT)?;
        }
    }
    if !args.studies {
        fit.studies.clear();
    }
    let mut out = render(format, &fit)?;
    if format != Format::Json {
        if args.studies {
            out.push('\n');
            out.push_str(&render(format, &meta::Studies(fit.studies.clone()))?);
        }
        if let Some(l) = &fit.leave_one_out {
            out.push('\n');
            out.push_str(&render(format, l)?);
        }
        if let Some(i) = &fit.influence {
            out.push('\n');
            out.push_str(&render(format, i)?);
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// The CSV file (clap requires it unless --data is given, and --data returns earlier).
fn input_file(args: &MetaArgs) -> Result<&Path> {
    args.file
        .as_deref()
        .ok_or_else(|| Error::Usage("give the CSV file, or --data DIR".into()))
}

/// `--data DIR`: pool every before/after measure that two or more studies report.
fn run_data(dir: &Path, args: &MetaArgs, options: &MetaOptions, format: Format) -> Result<Outcome> {
    let code: MeasureCode = args.effect.parse().map_err(|e: Error| match e {
        Error::Input { message, .. } => Error::input("--effect", message),
        other => other,
    })?;
    let studies = trialstats::study::load_dir(dir)?;
    let report_options = trialstats::report::ReportOptions {
        r: args.r,
        alpha: 1.0 - options.level,
        ..Default::default()
    };
    let sets = meta::study_data::poolable_sets(&studies, code, &report_options)?;
    if sets.is_empty() {
        super::print(&format!(
            "No before/after measure is reported by two or more studies in {}: nothing to pool.\n",
            dir.display()
        ));
        return Ok(Outcome::Ok);
    }
    let mut out = String::new();
    let mut json = Vec::new();
    for set in &sets {
        let fit = meta::fit(&set.data, options)?;
        match format {
            Format::Json => {
                let mut v = serde_json::to_value(&fit)
                    .map_err(|e| Error::Numerical(format!("cannot write JSON: {e}")))?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("measure".into(), set.measure.clone().into());
                }
                json.push(v);
            }
            _ => {
                if format == Format::Table {
                    out.push_str(&format!("== {} ({code} per study)\n", set.measure));
                }
                out.push_str(&render(format, &fit)?);
                out.push('\n');
            }
        }
    }
    if format == Format::Json {
        out = serde_json::to_string_pretty(&json)
            .map_err(|e| Error::Numerical(format!("cannot write JSON: {e}")))?;
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// The columns of one CSV file that the command uses: numeric columns parsed as they are
/// read (so a million-row file costs no per-cell allocation), text columns kept as text.
struct Sheet {
    path: String,
    header: Vec<String>,
    rows: usize,
    numeric: Vec<(usize, Vec<f64>)>,
    text: Vec<(usize, Vec<String>)>,
}

impl Sheet {
    /// Read `path`, parsing the columns named in `numeric` as finite numbers and keeping those
    /// in `text` as text. `numeric` pairs a column name with the option that named it.
    fn read(path: &Path, numeric: &[(&str, &str)], text: &[(&str, &str)]) -> Result<Sheet> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(std::io::BufReader::with_capacity(1 << 20, file));
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| Error::input(format!("{name}:1"), format!("cannot read the header: {e}")))?
            .iter()
            .map(str::to_string)
            .collect();
        if header.iter().all(String::is_empty) {
            return Err(Error::input(
                format!("{name}:1"),
                "the file is empty: a header row naming the columns is needed",
            ));
        }
        let find = |col: &str, option: &str| -> Result<usize> {
            header.iter().position(|h| h == col).ok_or_else(|| {
                Error::input(
                    option,
                    format!(
                        "no column '{col}' in {name}; its columns are: {}",
                        header.join(", ")
                    ),
                )
            })
        };
        let mut num: Vec<(usize, Vec<f64>)> = numeric
            .iter()
            .map(|(c, o)| Ok((find(c, o)?, Vec::new())))
            .collect::<Result<_>>()?;
        let mut txt: Vec<(usize, Vec<String>)> = text
            .iter()
            .map(|(c, o)| Ok((find(c, o)?, Vec::new())))
            .collect::<Result<_>>()?;
        let mut record = csv::StringRecord::new();
        let mut row = 0;
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    return Err(Error::input(
                        format!("{name}:{}", row + 2),
                        format!("not a valid CSV row: {e}"),
                    ))
                }
            }
            for (c, values) in num.iter_mut() {
                let cell = &record[*c];
                match cell.parse::<f64>() {
                    Ok(x) if x.is_finite() => values.push(x),
                    _ => {
                        return Err(Error::input(
                            format!("{name}:{}: row {}, column {}", row + 2, row + 1, header[*c]),
                            format!("'{cell}' is not a number; a finite number is needed"),
                        ))
                    }
                }
            }
            for (c, values) in txt.iter_mut() {
                values.push(record[*c].to_string());
            }
            row += 1;
        }
        Ok(Sheet {
            path: name,
            header,
            rows: row,
            numeric: num,
            text: txt,
        })
    }

    fn location(&self, row: usize, col: usize) -> String {
        format!(
            "{}:{}: row {}, column {}",
            self.path,
            row + 2,
            row + 1,
            self.header[col]
        )
    }

    fn take_numeric(&mut self, i: usize) -> (usize, Vec<f64>) {
        std::mem::take(&mut self.numeric[i])
    }
}

/// yi and vi computed from raw columns by `--measure CODE` (metafor's escalc).
fn escalc_columns(args: &MetaArgs, code: &str) -> Result<(Vec<f64>, Vec<f64>)> {
    let code: MeasureCode = code.parse().map_err(|e: Error| match e {
        Error::Input { message, .. } => Error::input("--measure", message),
        other => other,
    })?;
    if args.r.is_some() && code.family() != effect::Family::PrePost {
        return Err(Error::input(
            "--r",
            format!("{code} does not use a pre/post correlation; --r goes with MC, SMCC, SMCR, SMCRH or ROMC"),
        ));
    }
    let effects = effect::escalc_csv(input_file(args)?, code, args.level, CiMethod::Wald, args.r)?;
    let mut yi = Vec::with_capacity(effects.len());
    let mut vi = Vec::with_capacity(effects.len());
    for (i, e) in effects.iter().enumerate() {
        match e.variance {
            Some(v) if v > 0.0 => {
                yi.push(e.estimate);
                vi.push(v);
            }
            _ => {
                return Err(Error::input(
                    format!("{}:{}: row {}", input_file(args)?.display(), i + 2, i + 1),
                    format!("the {code} sampling variance is not estimable or not > 0 for this row, so it cannot be pooled"),
                ))
            }
        }
    }
    Ok((yi, vi))
}

fn read_csv(args: &MetaArgs) -> Result<MetaData> {
    if let Some(code) = &args.measure {
        let (yi, vi) = escalc_columns(args, code)?;
        return read_sheet(args, None, Some((yi, vi)));
    }
    let (variance_col, variance_option, is_se) =
        match (&args.vi, &args.sei) {
            (Some(v), None) => (v.as_str(), "--vi", false),
            (None, Some(s)) => (s.as_str(), "--sei", true),
            _ => return Err(Error::input(
                "--vi",
                "give the sampling variances with --vi COL or the standard errors with --sei COL",
            )),
        };
    // ok: clap requires --yi unless --measure is given, and --measure returned above.
    let yi = args.yi.as_deref().unwrap_or_default();
    read_sheet(args, Some((yi, variance_col, variance_option, is_se)), None)
}

/// The columns `--yi` and `--vi`/`--sei` name (`columns`), or effect sizes computed already
/// (`computed`), with the label and moderator columns of the same file.
#[allow(clippy::type_complexity)]
fn read_sheet(
    args: &MetaArgs,
    columns: Option<(&str, &str, &str, bool)>,
    computed: Option<(Vec<f64>, Vec<f64>)>,
) -> Result<MetaData> {
    // The label column: the one named, else a conventional name if present.
    let label = match &args.label {
        Some(l) => Some(l.clone()),
        None => {
            let path = input_file(args)?;
            let text = std::fs::File::open(path)
                .map_err(|e| Error::io(path, e))
                .map(std::io::BufReader::new)?;
            let mut r = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(text);
            let header: Vec<String> = r
                .headers()
                .map(|h| h.iter().map(str::to_string).collect())
                .unwrap_or_default();
            ["study", "label", "author", "trial", "id"]
                .iter()
                .find_map(|n| header.iter().find(|h| h.eq_ignore_ascii_case(n)).cloned())
        }
    };
    let mods: Vec<&str> = args
        .mods
        .iter()
        .map(String::as_str)
        .filter(|m| !m.is_empty())
        .collect();
    let mut text: Vec<(&str, &str)> = mods.iter().map(|m| (*m, "--mods")).collect();
    if let Some(l) = &label {
        text.push((l.as_str(), "--label"));
    }
    let numeric: Vec<(&str, &str)> = match columns {
        Some((yi, vcol, voption, _)) => vec![(yi, "--yi"), (vcol, voption)],
        None => Vec::new(),
    };
    let mut sheet = Sheet::read(input_file(args)?, &numeric, &text)?;
    if sheet.rows == 0 {
        return Err(Error::input(
            format!("{}", input_file(args)?.display()),
            "no studies: the file has a header but no rows",
        ));
    }
    let (yi, vi) = match (columns, computed) {
        (Some((_, _, _, is_se)), _) => {
            let (_, yi) = sheet.take_numeric(0);
            let (vcol, second) = sheet.take_numeric(1);
            let what = if is_se {
                "standard error"
            } else {
                "sampling variance"
            };
            for (i, v) in second.iter().enumerate() {
                if *v <= 0.0 {
                    return Err(Error::input(
                        sheet.location(i, vcol),
                        format!("the {what} {v} is not allowed; it must be > 0"),
                    ));
                }
            }
            let vi = if is_se {
                second.iter().map(|s| s * s).collect()
            } else {
                second
            };
            (yi, vi)
        }
        (None, Some(computed)) => computed,
        (None, None) => {
            return Err(Error::Usage(
                "meta needs --yi with --vi/--sei, or --measure".into(),
            ))
        }
    };
    let labels = match &label {
        Some(_) => std::mem::take(&mut sheet.text[mods.len()].1),
        None => (1..=sheet.rows).map(|i| i.to_string()).collect(),
    };
    let mut moderators = Vec::new();
    for (j, name) in mods.iter().enumerate() {
        let (c, cells) = &sheet.text[j];
        if let Some(i) = cells.iter().position(String::is_empty) {
            return Err(Error::input(
                sheet.location(i, *c),
                "the moderator is empty; every study needs a value",
            ));
        }
        let numbers: Option<Vec<f64>> = cells
            .iter()
            .map(|x| x.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect();
        let values = match numbers {
            Some(v) => ModeratorValues::Numeric(v),
            None => ModeratorValues::Categorical(cells.clone()),
        };
        moderators.push(Moderator {
            name: name.to_string(),
            values,
        });
    }
    let k = yi.len();
    let p = 1 + moderators
        .iter()
        .map(|m| match &m.values {
            ModeratorValues::Numeric(_) => 1,
            ModeratorValues::Categorical(v) => {
                let mut l: Vec<&String> = v.iter().collect();
                l.sort();
                l.dedup();
                l.len() - 1
            }
        })
        .sum::<usize>();
    if k < p {
        return Err(Error::input(
            "--mods",
            format!(
                "{} has {k} studies but the model has {p} coefficients; fewer studies than \
                 coefficients cannot be fitted",
                sheet.path
            ),
        ));
    }
    Ok(MetaData {
        labels,
        yi,
        vi,
        mods: (!moderators.is_empty()).then_some(moderators),
    })
}
