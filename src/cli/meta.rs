//! `trialstats meta`: read effect sizes (and moderators) from a CSV file, fit the meta-analysis
//! with `trialstats::meta::fit`, print it. Reading and validation of the file live here; the
//! statistics live in `trialstats::meta`.

use std::path::{Path, PathBuf};
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
    /// CSV file with a header row, one study per row.
    pub file: PathBuf,
    /// Column of effect estimates.
    #[arg(long)]
    pub yi: String,
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
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
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
    let data = read_csv(&args)?;
    let fit = meta::fit(&data, &options)?;
    let mut out = render(format, &fit)?;
    if format != Format::Json {
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

/// The cells of one CSV file with its header.
struct Sheet {
    path: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    fn read(path: &Path) -> Result<Sheet> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let name = path.display().to_string();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| Error::input(format!("{name}:1"), format!("cannot read the header: {e}")))?
            .iter()
            .map(str::to_string)
            .collect();
        let mut rows = Vec::new();
        for (n, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|e| {
                Error::input(
                    format!("{name}:{}", n + 2),
                    format!("not a valid CSV row: {e}"),
                )
            })?;
            rows.push(rec.iter().map(str::to_string).collect());
        }
        Ok(Sheet {
            path: name,
            header,
            rows,
        })
    }

    fn column(&self, name: &str, option: &str) -> Result<usize> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            Error::input(
                option,
                format!(
                    "no column '{name}' in {}; its columns are: {}",
                    self.path,
                    self.header.join(", ")
                ),
            )
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

    fn numbers(&self, col: usize) -> Result<Vec<f64>> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let cell = &r[col];
                match cell.parse::<f64>() {
                    Ok(x) if x.is_finite() => Ok(x),
                    _ => Err(Error::input(
                        self.location(i, col),
                        format!("'{cell}' is not a number; a finite number is needed"),
                    )),
                }
            })
            .collect()
    }
}

fn read_csv(args: &MetaArgs) -> Result<MetaData> {
    let sheet = Sheet::read(&args.file)?;
    if sheet.rows.is_empty() {
        return Err(Error::input(
            format!("{}", args.file.display()),
            "no studies: the file has a header but no rows",
        ));
    }
    let yi_col = sheet.column(&args.yi, "--yi")?;
    let yi = sheet.numbers(yi_col)?;
    let vi =
        match (&args.vi, &args.sei) {
            (Some(v), None) => {
                let c = sheet.column(v, "--vi")?;
                let vi = sheet.numbers(c)?;
                check_positive(&sheet, c, &vi, "sampling variance")?;
                vi
            }
            (None, Some(s)) => {
                let c = sheet.column(s, "--sei")?;
                let se = sheet.numbers(c)?;
                check_positive(&sheet, c, &se, "standard error")?;
                se.iter().map(|s| s * s).collect()
            }
            _ => return Err(Error::input(
                "--vi",
                "give the sampling variances with --vi COL or the standard errors with --sei COL",
            )),
        };
    let label_col = match &args.label {
        Some(l) => Some(sheet.column(l, "--label")?),
        None => ["study", "label", "author", "trial", "id"]
            .iter()
            .find_map(|n| sheet.header.iter().position(|h| h.eq_ignore_ascii_case(n))),
    };
    let labels = (0..sheet.rows.len())
        .map(|i| match label_col {
            Some(c) => sheet.rows[i][c].clone(),
            None => format!("{}", i + 1),
        })
        .collect();
    let mut mods = Vec::new();
    for name in args.mods.iter().filter(|m| !m.is_empty()) {
        let c = sheet.column(name, "--mods")?;
        for (i, r) in sheet.rows.iter().enumerate() {
            if r[c].is_empty() {
                return Err(Error::input(
                    sheet.location(i, c),
                    "the moderator is empty; every study needs a value",
                ));
            }
        }
        let values = match sheet.numbers(c) {
            Ok(v) => ModeratorValues::Numeric(v),
            Err(_) => {
                ModeratorValues::Categorical(sheet.rows.iter().map(|r| r[c].clone()).collect())
            }
        };
        mods.push(Moderator {
            name: name.clone(),
            values,
        });
    }
    let k = yi.len();
    let p = 1 + mods
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
            format!("{} has {k} studies but the model has {p} coefficients; fewer studies than coefficients cannot be fitted", sheet.path),
        ));
    }
    Ok(MetaData {
        labels,
        yi,
        vi,
        mods: (!mods.is_empty()).then_some(mods),
    })
}

fn check_positive(sheet: &Sheet, col: usize, x: &[f64], what: &str) -> Result<()> {
    for (i, v) in x.iter().enumerate() {
        if *v <= 0.0 {
            return Err(Error::input(
                sheet.location(i, col),
                format!("the {what} {v} is not allowed; it must be > 0"),
            ));
        }
    }
    Ok(())
}
