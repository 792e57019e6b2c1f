//! `trialstats convert`: what papers report instead of mean ± SD, converted with the method
//! named — `median` (median with quartiles and/or range → mean, SD), `change-sd` (SD of a
//! mean change from its CI, p or t), `r` (the pre/post correlation implied by three SDs),
//! `ratio` (a log hazard, odds or risk ratio and its SE from what a report prints,
//! `trialstats::nma::ratio`).

use super::args;
use std::path::PathBuf;
use trialstats::convert::{
    self, ChangeSource, Distribution, FiveNumbers, MedianMethod, Methods, Reference,
};
use trialstats::csv_file::CsvFile;
use trialstats::error::Refusal;
use trialstats::level::ConfidenceLevel;
use trialstats::output::{Format, Tabular, render};
use trialstats::reported::ReportedNumber;
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE)]
pub struct Args {
    #[command(subcommand)]
    pub command: ConvertCommand,
    /// Output format: table, json or csv.
    #[arg(long, global = true, default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConvertCommand {
    /// Median with quartiles and/or range → estimated mean and SD (default: mean by Luo et
    /// al. 2018, SD by Wan et al. 2014 or Shi et al. 2020, as metafor's conv.fivenum), with
    /// Shi et al.'s test of skewness.
    Median(MedianArgs),
    /// SE and SD of a mean change from its confidence interval, p-value or t statistic
    /// (Cochrane Handbook 6.5.2.3).
    ChangeSd(ChangeSdArgs),
    /// The pre/post correlation implied by the SDs before, after and of the change; exit 1
    /// when no r in [−1, 1] fits them.
    R(RArgs),
    /// A log ratio (hazard, odds, risk) and its SE from a printed ratio with its CI or
    /// p-value, from log-rank O − E with its variance V (Parmar 1998), or from the events
    /// with a log-rank p (Tierney 2007): what `nma --ratio` does for each row.
    Ratio(RatioArgs),
}

#[derive(Debug, clap::Args)]
pub struct RatioArgs {
    /// The ratio as printed (treatment vs control), not its logarithm.
    #[arg(long, allow_hyphen_values = true)]
    pub estimate: Option<String>,
    /// Lower limit of its confidence interval (with --ci-upper).
    #[arg(long, allow_hyphen_values = true, requires = "ci_upper")]
    pub ci_lower: Option<String>,
    /// Upper limit of its confidence interval.
    #[arg(long, allow_hyphen_values = true, requires = "ci_lower")]
    pub ci_upper: Option<String>,
    /// Level of the printed interval, as a fraction.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    pub level: ConfidenceLevel,
    /// Exact two-sided p-value (with --estimate; with --events too, a log-rank p).
    #[arg(long, allow_hyphen_values = true, requires = "estimate")]
    pub p: Option<String>,
    /// Total number of events in both arms (with --p and --estimate: V = events/4).
    #[arg(long, allow_hyphen_values = true, requires = "p")]
    pub events: Option<String>,
    /// Observed minus expected events in the treatment arm (log-rank O − E, with --variance).
    #[arg(long, allow_hyphen_values = true, requires = "variance")]
    pub o_minus_e: Option<String>,
    /// The log-rank variance V.
    #[arg(long, allow_hyphen_values = true, requires = "o_minus_e")]
    pub variance: Option<String>,
}

/// How a median becomes a mean and SD: the options of `convert median`, also taken by
/// `effect --input` for its median columns.
#[derive(Debug, Clone, clap::Args)]
pub struct MedianMethodArgs {
    /// How a median with quartiles or range becomes a mean and SD: luo-wan-shi (default),
    /// wan2014, wan2014-exact (Wan et al.'s Tables 1 and 2 for small n, as R meta), hozo2005
    /// (min/median/max), bland2015 (all five), walter2007 (min/median/max), blue (Yang et al.
    /// 2022's best linear unbiased estimates from normal order statistics, as metaBLUE); for
    /// skewed data qe, bc, mln (estmeansd's: McGrath et al. 2020, Cai et al. 2021; n ≥ 3; bc
    /// and mln need values > 0).
    #[arg(long, default_value = "luo-wan-shi")]
    pub method: MedianMethod,
    /// The method of the mean alone (any of --method's; the SD's stays --method's unless
    /// --sd-method is given).
    #[arg(long)]
    pub mean_method: Option<MedianMethod>,
    /// The method of the SD alone (any of --method's).
    #[arg(long)]
    pub sd_method: Option<MedianMethod>,
}

impl MedianMethodArgs {
    /// The mean's and the SD's method.
    pub fn methods(&self) -> Methods {
        Methods {
            mean: self.mean_method.unwrap_or(self.method),
            sd: self.sd_method.unwrap_or(self.method),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct MedianArgs {
    /// Sample size (at least 5).
    #[arg(long, allow_negative_numbers = true, value_parser = args::whole_number, required_unless_present = "input")]
    pub n: Option<i64>,
    /// The median.
    #[arg(long, allow_hyphen_values = true, required_unless_present = "input")]
    pub median: Option<String>,
    /// First quartile (with --q3).
    #[arg(long, allow_hyphen_values = true, requires = "q3")]
    pub q1: Option<String>,
    /// Third quartile (with --q1).
    #[arg(long, allow_hyphen_values = true, requires = "q1")]
    pub q3: Option<String>,
    /// Minimum (with --max).
    #[arg(long, allow_hyphen_values = true, requires = "max")]
    pub min: Option<String>,
    /// Maximum (with --min).
    #[arg(long, allow_hyphen_values = true, requires = "min")]
    pub max: Option<String>,
    #[command(flatten)]
    pub methods: MedianMethodArgs,
    /// Distribution assumed for the data: norm, or lnorm (log-normal: logged, converted,
    /// back-transformed; luo-wan-shi only).
    #[arg(long, default_value = "norm")]
    pub dist: Distribution,
    /// A CSV file with one summary per row: columns min, q1, median, q3, max, n (missing
    /// cells empty or NA).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["n", "median", "q1", "q3", "min", "max"])]
    pub input: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ChangeSdArgs {
    /// Number of patients with both measurements.
    #[arg(long, allow_negative_numbers = true, value_parser = args::whole_number)]
    pub n: i64,
    /// Lower end of the confidence interval of the mean change (with --ci-upper).
    #[arg(long, allow_hyphen_values = true, requires = "ci_upper", conflicts_with_all = ["p", "t"])]
    pub ci_lower: Option<String>,
    /// Upper end of the confidence interval of the mean change.
    #[arg(long, allow_hyphen_values = true, requires = "ci_lower")]
    pub ci_upper: Option<String>,
    /// Level of the confidence interval, as a fraction.
    #[arg(long, default_value = "0.95", requires = "ci_lower")]
    pub level: ConfidenceLevel,
    /// Exact two-sided p-value of the mean change (with --mean-change).
    #[arg(
        long,
        allow_hyphen_values = true,
        requires = "mean_change",
        conflicts_with = "t"
    )]
    pub p: Option<String>,
    /// t statistic of the mean change (with --mean-change).
    #[arg(long, allow_hyphen_values = true, requires = "mean_change")]
    pub t: Option<String>,
    /// The mean change (after − before), with --p or --t.
    #[arg(long, allow_hyphen_values = true)]
    pub mean_change: Option<String>,
    /// Use the normal distribution instead of t with n − 1 df for a CI or p.
    #[arg(long)]
    pub z: bool,
}

#[derive(Debug, clap::Args)]
pub struct RArgs {
    /// Number of patients measured before and after.
    #[arg(long, allow_negative_numbers = true, value_parser = args::whole_number)]
    pub n: i64,
    /// Mean and SD before, as MEAN,SD (the SD as printed: its decimals set its rounding).
    #[arg(long, allow_hyphen_values = true)]
    pub before: String,
    /// Mean and SD after, as MEAN,SD.
    #[arg(long, allow_hyphen_values = true)]
    pub after: String,
    /// SD of the change (after − before), as printed.
    #[arg(long, allow_hyphen_values = true)]
    pub change_sd: String,
}

pub fn run(a: Args) -> Result<Outcome> {
    match a.command {
        ConvertCommand::Median(m) => median(m, a.format),
        ConvertCommand::ChangeSd(c) => change_sd(c, a.format),
        ConvertCommand::R(r) => implied_r(r, a.format),
        ConvertCommand::Ratio(r) => ratio(r, a.format),
    }
}

fn ratio(a: RatioArgs, format: Format) -> Result<Outcome> {
    use trialstats::nma::ratio::{ReportedRatio, log_ratio};
    let reported = ReportedRatio {
        estimate: number(&a.estimate, "--estimate")?,
        ci_lower: number(&a.ci_lower, "--ci-lower")?,
        ci_upper: number(&a.ci_upper, "--ci-upper")?,
        p: number(&a.p, "--p")?,
        o_minus_e: number(&a.o_minus_e, "--o-minus-e")?,
        variance: number(&a.variance, "--variance")?,
        events: number(&a.events, "--events")?,
    };
    // The library names the field; the message names the option.
    let r = log_ratio(&reported, a.level).map_err(|e| match e.into() {
        trialstats::Error::Refused(Refusal::Input { location, message }) => {
            Error::input(format!("--{location}"), message)
        }
        other => other,
    })?;
    show(format, &r, None)?;
    Ok(Outcome::Ok)
}

fn number(text: &Option<String>, option: &str) -> Result<Option<f64>> {
    Ok(text
        .as_deref()
        .map(|t| ReportedNumber::parse(t, option).map(|x| x.value))
        .transpose()?)
}

/// Print `value`; a warning goes after the table, or to standard error with JSON and CSV
/// so their output stays machine-readable.
fn show<T: Tabular + serde::Serialize>(
    format: Format,
    value: &T,
    warning: Option<String>,
) -> Result<()> {
    super::print(&render(format, value)?);
    if format != Format::Table {
        if let Some(w) = warning {
            eprintln!("{}", super::options_named(&w));
        }
    }
    Ok(())
}

fn median(m: MedianArgs, format: Format) -> Result<Outcome> {
    let methods = m.methods.methods();
    if let Some(path) = &m.input {
        let file = CsvFile::read(path)?;
        let rows = convert::mean_sd_rows(&file, methods, m.dist)?;
        show(format, &rows, rows.epilogue())?;
        return Ok(Outcome::Ok);
    }
    let n = m.n.unwrap_or_default();
    let n = u64::try_from(n).map_err(|_| {
        Error::input(
            "--n",
            format!("n = {n}: a sample size is a whole number (≥ 5; ≥ 3 for qe, bc, mln)"),
        )
    })?;
    let median = number(&m.median, "--median")?
        .ok_or_else(|| Error::input("--median", "the median is needed"))?;
    let x = FiveNumbers {
        min: number(&m.min, "--min")?,
        q1: number(&m.q1, "--q1")?,
        median,
        q3: number(&m.q3, "--q3")?,
        max: number(&m.max, "--max")?,
        n,
    };
    let r = convert::mean_sd(&x, methods, m.dist, "--n/--median/--q1/--q3/--min/--max")?;
    show(format, &r, r.warning())?;
    Ok(Outcome::Ok)
}

fn change_sd(c: ChangeSdArgs, format: Format) -> Result<Outcome> {
    let n = u64::try_from(c.n).map_err(|_| {
        Error::input(
            "--n",
            format!("n = {}: a sample size is a whole number ≥ 2", c.n),
        )
    })?;
    let mean_change = number(&c.mean_change, "--mean-change")?;
    let source = match (
        number(&c.ci_lower, "--ci-lower")?,
        number(&c.ci_upper, "--ci-upper")?,
        number(&c.p, "--p")?,
        number(&c.t, "--t")?,
    ) {
        (Some(lower), Some(upper), None, None) => ChangeSource::Ci {
            lower,
            upper,
            level: c.level,
        },
        (None, None, Some(p), None) => ChangeSource::P {
            p,
            mean_change: mean_change.unwrap_or_default(),
        },
        (None, None, None, Some(t)) => ChangeSource::T {
            t,
            mean_change: mean_change.unwrap_or_default(),
        },
        _ => {
            return Err(Error::input(
                "--ci-lower/--p/--t",
                "give one of: --ci-lower L --ci-upper U [--level], --p P --mean-change D, or --t T --mean-change D",
            ));
        }
    };
    if c.mean_change.is_some() && matches!(source, ChangeSource::Ci { .. }) {
        return Err(Error::input(
            "--mean-change",
            "with a CI the mean change is its midpoint; --mean-change goes with --p or --t",
        ));
    }
    let reference = if c.z { Reference::Z } else { Reference::T };
    let r = convert::change_sd(n, source, reference)?;
    show(format, &r, None)?;
    Ok(Outcome::Ok)
}

fn implied_r(a: RArgs, format: Format) -> Result<Outcome> {
    if a.n < 2 {
        return Err(Error::input(
            "--n",
            format!("n = {}: before/after SDs need at least 2 patients", a.n),
        ));
    }
    // MEAN,SD checked as every such option is; the SD then read as printed (its decimals).
    let sd_of = |text: &str, option: &str| -> Result<ReportedNumber> {
        trialstats::number_list::named_numbers(option, text, &["MEAN", "SD"])?;
        let sd = text.split(',').nth(1).unwrap_or_default();
        Ok(ReportedNumber::parse(sd.trim(), option)?)
    };
    let before = sd_of(&a.before, "--before")?;
    let after = sd_of(&a.after, "--after")?;
    let change = ReportedNumber::parse(&a.change_sd, "--change-sd")?;
    let r = convert::implied_r(&before, &after, &change)?;
    show(format, &r, None)?;
    Ok(if r.consistent {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    })
}

/// For `effect --input` and `meta --measure`: medians (`median1i`, `q1_1i`, `q3_1i`,
/// `min1i`, `max1i`, and the same for group 2) converted to the missing `m1i`, `sd1i` by
/// `methods` (`meta`: the default); each conversion is noted on standard error.
pub(crate) fn medians_as_means(
    file: &CsvFile,
    methods: Methods,
) -> Result<Option<convert::FilledFile>> {
    let filled = convert::fill_means_from_medians(file, methods, Distribution::default())?;
    if let Some(f) = &filled {
        for note in &f.notes {
            eprintln!("note: {}", super::options_named(note));
        }
    }
    Ok(filled)
}
