//! `trialstats check`: do the reported numbers add up? Without a subcommand, every check on
//! every reported summary in the data folder; with one, a single check on numbers given as
//! options (numbers are read as written: `--mean 3.0` has one decimal).

use std::path::PathBuf;
use trialstats::checks::bounds::{bounds, Scale};
use trialstats::checks::debit::debit;
use trialstats::checks::grim::grim;
use trialstats::checks::grimmer::{grimmer, Spread};
use trialstats::checks::percent::percent_count;
use trialstats::checks::sprite::{sprite, SpriteRequest};
use trialstats::checks::{Grid, ReportedValue, Rounding};
use trialstats::output::{render, Format, Tabular};
use trialstats::{Error, Outcome, Result};

/// Largest sample size accepted (keeps the exact arithmetic in range).
const MAX_N: u64 = 1_000_000_000;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<CheckCommand>,
    /// Folder with the study data files (every reported summary is checked) [default: data].
    /// Only without a subcommand.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Output format: table, json or csv.
    #[arg(long, global = true, default_value = "table")]
    pub format: Format,
    /// How the authors rounded ties: up-or-down (either; the default, as GRIM/GRIMMER),
    /// half-up (away from zero) or half-even.
    #[arg(long, global = true, default_value = "up-or-down")]
    pub rounding: Rounding,
}

#[derive(Debug, clap::Subcommand)]
pub enum CheckCommand {
    /// GRIM: is the mean possible for n values on the scale's step?
    Grim(GrimArgs),
    /// GRIMMER: is the SD possible for that mean, n and step?
    Grimmer(GrimmerArgs),
    /// DEBIT: are mean (a proportion) and SD of a 0/1 outcome possible together?
    Debit(DebitArgs),
    /// Percent vs count: which denominators can give a percentage?
    Percent(PercentArgs),
    /// Mean inside the scale; SD at most the largest possible; SD that looks like an SEM.
    Bounds(BoundsArgs),
    /// SPRITE: reconstruct samples consistent with mean, SD, n, bounds and step.
    Sprite(SpriteArgs),
}

/// The scale's grid: a step and the number of items averaged.
#[derive(Debug, clap::Args)]
pub struct GridArgs {
    /// Step between possible values of one item (1 for integers, 0.5 for EDSS).
    #[arg(long, default_value = "1")]
    pub step: String,
    /// Number of items averaged into the score (1 for a single item or a sum score).
    #[arg(long, default_value_t = 1)]
    pub items: u32,
}

#[derive(Debug, clap::Args)]
pub struct GrimArgs {
    /// The mean as reported (decimals count: 3.0 is not 3).
    #[arg(long, allow_hyphen_values = true)]
    pub mean: String,
    /// Sample size.
    #[arg(long)]
    pub n: u64,
    #[command(flatten)]
    pub grid: GridArgs,
}

#[derive(Debug, clap::Args)]
pub struct GrimmerArgs {
    #[command(flatten)]
    pub summary: SummaryArgs,
    /// The spread is a standard error of the mean, not an SD.
    #[arg(long)]
    pub sem: bool,
    #[command(flatten)]
    pub grid: GridArgs,
}

#[derive(Debug, clap::Args)]
pub struct DebitArgs {
    /// Mean (the proportion of 1s), SD and n of the 0/1 outcome.
    #[command(flatten)]
    pub summary: SummaryArgs,
}

/// A reported mean ± spread and its sample size.
#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// The mean as reported (decimals count: 3.0 is not 3).
    #[arg(long, allow_hyphen_values = true)]
    pub mean: String,
    /// The SD as reported (or the SEM, with --sem where offered).
    #[arg(long, allow_hyphen_values = true)]
    pub sd: String,
    /// Sample size.
    #[arg(long)]
    pub n: u64,
}

impl SummaryArgs {
    /// Mean, spread and n, validated.
    fn read(&self) -> Result<(ReportedValue, ReportedValue, u64)> {
        Ok((
            number(&self.mean, "--mean")?,
            spread(&self.sd, "--sd")?,
            sample_size(self.n)?,
        ))
    }
}

#[derive(Debug, clap::Args)]
pub struct PercentArgs {
    /// The percentage as reported (e.g. 85.7).
    #[arg(long, allow_hyphen_values = true)]
    pub percent: String,
    /// The denominator, if reported.
    #[arg(long)]
    pub n: Option<u64>,
    /// The count, if reported (needs --n).
    #[arg(long, requires = "n")]
    pub count: Option<u64>,
    /// List the possible denominators up to this number.
    #[arg(long, default_value_t = 100)]
    pub max_n: u64,
}

#[derive(Debug, clap::Args)]
pub struct BoundsArgs {
    /// The mean as reported.
    #[arg(long, allow_hyphen_values = true)]
    pub mean: String,
    /// The SD as reported (or the SEM, with --sem).
    #[arg(long, allow_hyphen_values = true)]
    pub sd: Option<String>,
    /// Sample size.
    #[arg(long)]
    pub n: u64,
    /// Scale minimum.
    #[arg(long, allow_hyphen_values = true)]
    pub min: String,
    /// Scale maximum.
    #[arg(long, allow_hyphen_values = true)]
    pub max: String,
    /// The spread is a standard error of the mean, not an SD.
    #[arg(long)]
    pub sem: bool,
    /// Step between possible values (omit for a continuous measure).
    #[arg(long)]
    pub step: Option<String>,
    /// Number of items averaged into the score.
    #[arg(long, default_value_t = 1)]
    pub items: u32,
}

#[derive(Debug, clap::Args)]
pub struct SpriteArgs {
    #[command(flatten)]
    pub summary: SummaryArgs,
    /// Scale minimum.
    #[arg(long, allow_hyphen_values = true)]
    pub min: String,
    /// Scale maximum.
    #[arg(long, allow_hyphen_values = true)]
    pub max: String,
    #[command(flatten)]
    pub grid: GridArgs,
    /// How many distinct samples to return.
    #[arg(long, default_value_t = 10)]
    pub samples: usize,
    /// Seed of the random search (same seed, same samples).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(args: Args) -> Result<Outcome> {
    let (format, rounding) = (args.format, args.rounding);
    if args.data.is_some() && args.command.is_some() {
        return Err(Error::input(
            "--data",
            "--data is for checking the whole data folder; a subcommand checks the numbers given as options",
        ));
    }
    match args.command {
        None => {
            let dir = args.data.unwrap_or_else(|| PathBuf::from("data"));
            let studies = trialstats::study::load_dir(&dir)?;
            let report = trialstats::checks::study_data::check_studies(
                &studies,
                rounding,
                &trialstats::report::ReportOptions::default(),
            )?;
            super::print(&render(format, &report)?);
            Ok(report.outcome())
        }
        Some(CheckCommand::Grim(a)) => {
            let n = sample_size(a.n)?;
            let r = grim(&number(&a.mean, "--mean")?, n, grid(&a.grid)?, rounding)?;
            show(format, &r, r.consistent)
        }
        Some(CheckCommand::Grimmer(a)) => {
            let (mean, spread, n) = a.summary.read()?;
            let kind = if a.sem { Spread::Sem } else { Spread::Sd };
            let r = grimmer(&mean, &spread, kind, n, grid(&a.grid)?, rounding)?;
            show(format, &r, r.consistent)
        }
        Some(CheckCommand::Debit(a)) => {
            let (mean, sd, n) = a.summary.read()?;
            if !(0.0..=1.0).contains(&mean.value()) {
                return Err(Error::input(
                    "--mean",
                    format!(
                        "{} is not a proportion; DEBIT needs the mean of a 0/1 outcome, between 0 and 1",
                        mean.text
                    ),
                ));
            }
            let r = debit(&mean, &sd, n, rounding)?;
            show(format, &r, r.consistent)
        }
        Some(CheckCommand::Percent(a)) => {
            if let Some(n) = a.n {
                sample_size(n)?;
            }
            if a.max_n == 0 || a.max_n > 1_000_000 {
                return Err(Error::input("--max-n", "must be between 1 and 1000000"));
            }
            let percent = number(&a.percent, "--percent")?;
            if !(0.0..=100.0).contains(&percent.value()) {
                return Err(Error::input(
                    "--percent",
                    format!("{}: a percentage lies between 0 and 100", percent.text),
                ));
            }
            let r = percent_count(&percent, a.n, a.count, a.max_n, rounding)?;
            show(format, &r, r.consistent)
        }
        Some(CheckCommand::Bounds(a)) => {
            let n = sample_size(a.n)?;
            let kind = if a.sem { Spread::Sem } else { Spread::Sd };
            let grid = match &a.step {
                Some(step) => Some(Grid::new(&number(step, "--step")?, a.items, "--step")?),
                None => None,
            };
            let scale = scale(&a.min, &a.max, grid)?;
            let spread = a.sd.as_deref().map(|s| spread(s, "--sd")).transpose()?;
            let r = bounds(
                &number(&a.mean, "--mean")?,
                spread.as_ref(),
                kind,
                n,
                &scale,
                rounding,
            )?;
            show(format, &r, r.consistent)
        }
        Some(CheckCommand::Sprite(a)) => {
            let (mean, sd, n) = a.summary.read()?;
            if a.samples == 0 || a.samples > 100_000 {
                return Err(Error::input("--samples", "must be between 1 and 100000"));
            }
            let req = SpriteRequest {
                mean,
                sd,
                n,
                scale: scale(&a.min, &a.max, Some(grid(&a.grid)?))?,
                samples: a.samples,
                seed: a.seed,
                random_fallback: true,
                rounding,
            };
            let r = sprite(&req)?;
            show(format, &r, r.consistent)
        }
    }
}

fn number(text: &str, option: &str) -> Result<ReportedValue> {
    ReportedValue::parse(text, option)
}

/// An SD or SEM as written: a number ≥ 0.
fn spread(text: &str, option: &str) -> Result<ReportedValue> {
    let v = number(text, option)?;
    if v.value() < 0.0 {
        return Err(Error::input(
            option,
            format!(
                "{}: an SD or SEM cannot be negative; give a number ≥ 0",
                v.text
            ),
        ));
    }
    Ok(v)
}

fn sample_size(n: u64) -> Result<u64> {
    if n == 0 || n > MAX_N {
        return Err(Error::input(
            "--n",
            format!("the sample size must be between 1 and {MAX_N}, got {n}"),
        ));
    }
    Ok(n)
}

fn grid(a: &GridArgs) -> Result<Grid> {
    Grid::new(&number(&a.step, "--step")?, a.items, "--step")
}

fn scale(min: &str, max: &str, grid: Option<Grid>) -> Result<Scale> {
    let scale = Scale {
        min: Some(number(min, "--min")?),
        max: Some(number(max, "--max")?),
        grid,
    };
    if let (Some(lo), Some(hi)) = (&scale.min, &scale.max) {
        if lo.value() >= hi.value() {
            return Err(Error::input(
                "--max",
                format!(
                    "the maximum {} must be above the minimum {}",
                    hi.text, lo.text
                ),
            ));
        }
    }
    scale.bounds_in_steps()?;
    Ok(scale)
}

fn show<T: Tabular + serde::Serialize>(
    format: Format,
    value: &T,
    consistent: bool,
) -> Result<Outcome> {
    super::print(&render(format, value)?);
    Ok(if consistent {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    })
}
