//! `trialstats effect CODE …`: one effect size from summary numbers given as options, many
//! from a CSV file with metafor's column names, the slope change (`SLOPE`) and the Cochrane
//! conversions (`convert`).
//!
//! Each code is a subcommand with exactly the options its family takes, so clap itself
//! refuses an option the code does not use, a missing one, or inline numbers given together
//! with `--input`. Library errors name input fields (`before.sd`); this file maps them to the
//! option that carried them (`--before`).

use std::path::PathBuf;
use trialstats::convert::Methods;
use trialstats::effect::convert::{self, Conversion};
use trialstats::effect::{
    self, CiMethod, EffectSize, EffectSizes, GroupSummary, MeanSd, MeasureCode, PersonTime,
    PrePostSummary, Proportion, Slope, SlopeChange, TwoByTwo,
};
use trialstats::error::Refusal;
use trialstats::level::ConfidenceLevel;
use trialstats::output::{Format, render};
use trialstats::{Error, Outcome, Result};

/// Compute an effect size (metafor escalc codes) from summary numbers or a CSV file.
#[derive(Debug, clap::Args)]
#[command(after_help = INPUT_FORMS)]
pub struct Args {
    #[command(subcommand)]
    code: Code,
}

const INPUT_FORMS: &str = "\
Inputs by code (`trialstats effect CODE --help` lists each code's options):
  MD SMD SMDH SMD1 SMD1H ROM  --group1 MEAN,SD,N --group2 MEAN,SD,N  (group1 − group2;
                           SMD1, SMD1H divide by the SD of group 2)
  MC SMCC SMCR SMCRH ROMC  --n N --before MEAN,SD --after MEAN,SD [--r R]
                           (after − before; SMCR, SMCRH divide by the before SD;
                            r = 0.5 assumed, with a note, when --r is missing)
  RR OR RD                 --events1 X --n1 N --events2 X --n2 N      (1/2 added to every cell
                            of a table with a zero cell, as metafor)
  PR PLO PLN PAS PFT       --events X --n N [--ci wald|wilson|exact] (PFT: wald)
  COR ZCOR                 --r R --n N   (ZCOR: Fisher's z, atanh r, variance 1/(n − 3))
  IR IRLN IRS IRFT         --events X --time T [--ci wald|exact]  (IRFT: wald)
  IRR IRD                  --events1 X --time1 T --events2 X --time2 T
  SLOPE                    --slope-before B --slope-after A
                           [--se-before S --se-after S | --sd-before S --sd-after S --n N]
  convert                  --sem S --n N | --ci-lower L --ci-upper U [--n N] [--ratio]
                           | --estimate E --t T | --estimate E --p P [--n N]
  any escalc code          --input FILE.csv with metafor's columns (m1i sd1i n1i m2i sd2i n2i
                           ni ri ai bi ci di xi mi x1i x2i t1i t2i ti; optional slab or study);
                           yi is exactly escalc's (m1i − m2i; SMCR divides by sd1i);
                           a group's m1i, sd1i may come from median1i with q1_1i, q3_1i
                           (quartiles) and/or min1i, max1i (range), converted by --method

Exit codes: 0 computed; 2 bad input or usage (the message names the option or the CSV cell).
Example: trialstats effect SMCR --n 7 --before 2.9,1.1 --after 0.4,0.8 --r 0.5";

#[derive(Debug, clap::Subcommand)]
enum Code {
    /// Mean difference, group1 − group2.
    #[command(name = "MD", alias = "md")]
    Md(TwoGroupArgs),
    /// Standardised mean difference (Hedges' g).
    #[command(name = "SMD", alias = "smd")]
    Smd(TwoGroupArgs),
    /// Standardised mean difference without assuming equal variances (Bonett 2008).
    #[command(name = "SMDH", alias = "smdh")]
    Smdh(TwoGroupArgs),
    /// Standardised mean difference over the SD of group 2 (Glass's delta, corrected).
    #[command(name = "SMD1", alias = "smd1")]
    Smd1(TwoGroupArgs),
    /// SMD1 with Bonett's (2008) heteroscedastic variance.
    #[command(name = "SMD1H", alias = "smd1h")]
    Smd1h(TwoGroupArgs),
    /// Log ratio of means.
    #[command(name = "ROM", alias = "rom")]
    Rom(TwoGroupArgs),
    /// Mean change, after − before.
    #[command(name = "MC", alias = "mc")]
    Mc(PrePostArgs),
    /// Standardised mean change by the SD of the change.
    #[command(name = "SMCC", alias = "smcc")]
    Smcc(PrePostArgs),
    /// Standardised mean change by the before SD (Becker 1988).
    #[command(name = "SMCR", alias = "smcr")]
    Smcr(PrePostArgs),
    /// SMCR with the heteroscedastic variance (Bonett 2008).
    #[command(name = "SMCRH", alias = "smcrh")]
    Smcrh(PrePostArgs),
    /// Log ratio of means for paired data.
    #[command(name = "ROMC", alias = "romc")]
    Romc(PrePostArgs),
    /// Log risk ratio.
    #[command(name = "RR", alias = "rr")]
    Rr(TwoByTwoArgs),
    /// Log odds ratio.
    #[command(name = "OR", alias = "or")]
    Or(TwoByTwoArgs),
    /// Risk difference.
    #[command(name = "RD", alias = "rd")]
    Rd(TwoByTwoArgs),
    /// Raw proportion.
    #[command(name = "PR", alias = "pr")]
    Pr(ProportionArgs),
    /// Logit of a proportion.
    #[command(name = "PLO", alias = "plo")]
    Plo(ProportionArgs),
    /// Log of a proportion.
    #[command(name = "PLN", alias = "pln")]
    Pln(ProportionArgs),
    /// Arcsine square root of a proportion.
    #[command(name = "PAS", alias = "pas")]
    Pas(ProportionArgs),
    /// Freeman-Tukey double arcsine of a proportion.
    #[command(name = "PFT", alias = "pft")]
    Pft(ProportionArgs),
    /// Correlation coefficient.
    #[command(name = "COR", alias = "cor")]
    Cor(CorrelationArgs),
    /// Fisher's r-to-z transformed correlation.
    #[command(name = "ZCOR", alias = "zcor")]
    Zcor(CorrelationArgs),
    /// Incidence rate.
    #[command(name = "IR", alias = "ir")]
    Ir(RateArgs),
    /// Log incidence rate.
    #[command(name = "IRLN", alias = "irln")]
    Irln(RateArgs),
    /// Square root of an incidence rate.
    #[command(name = "IRS", alias = "irs")]
    Irs(RateArgs),
    /// Freeman-Tukey transformed incidence rate.
    #[command(name = "IRFT", alias = "irft")]
    Irft(RateArgs),
    /// Log incidence rate ratio.
    #[command(name = "IRR", alias = "irr")]
    Irr(RateComparisonArgs),
    /// Incidence rate difference.
    #[command(name = "IRD", alias = "ird")]
    Ird(RateComparisonArgs),
    /// Change of a slope: difference, ratio and percent slowing (SLOPEDIFF, SLOPERATIO, SLOWING).
    #[command(
        name = "SLOPE",
        aliases = ["slope", "SLOPEDIFF", "slopediff", "SLOPERATIO", "sloperatio", "SLOWING", "slowing"]
    )]
    Slope(SlopeArgs),
    /// Conversions: SEM → SD, a CI, t or p → SE (Cochrane Handbook ch. 6).
    #[command(name = "convert", alias = "CONVERT")]
    Convert(ConvertArgs),
    #[command(external_subcommand)]
    Unknown(Vec<String>),
}

/// What every code takes: the level and the output format.
#[derive(Debug, clap::Args)]
struct Common {
    /// Confidence level, a fraction.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    level: ConfidenceLevel,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    format: Format,
}

#[derive(Debug, clap::Args)]
struct TwoGroupArgs {
    /// Group 1 as MEAN,SD,N.
    #[arg(
        long,
        value_name = "MEAN,SD,N",
        allow_hyphen_values = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    group1: Option<String>,
    /// Group 2 as MEAN,SD,N.
    #[arg(
        long,
        value_name = "MEAN,SD,N",
        allow_hyphen_values = true,
        required_unless_present = "input"
    )]
    group2: Option<String>,
    /// CSV file with metafor's columns m1i, sd1i, n1i, m2i, sd2i, n2i (one study per row); a
    /// row may give median1i with q1_1i, q3_1i and/or min1i, max1i instead of m1i, sd1i (and
    /// the same for group 2), converted by --method.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "group2")]
    input: Option<PathBuf>,
    #[command(flatten)]
    median: super::convert::MedianMethodArgs,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct PrePostArgs {
    /// Number of people measured before and after.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    n: Option<f64>,
    /// Before as MEAN,SD.
    #[arg(
        long,
        value_name = "MEAN,SD",
        allow_hyphen_values = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    before: Option<String>,
    /// After as MEAN,SD.
    #[arg(
        long,
        value_name = "MEAN,SD",
        allow_hyphen_values = true,
        required_unless_present = "input"
    )]
    after: Option<String>,
    /// Pre/post correlation (default 0.5, with a note; with --input it fills a missing ri column).
    #[arg(long, allow_negative_numbers = true)]
    r: Option<f64>,
    /// CSV file with metafor's columns m1i, m2i, sd1i, sd2i, ni, ri (one study per row); a
    /// median (median1i with q1_1i, q3_1i and/or min1i, max1i) may stand for m1i, sd1i (and
    /// for m2i, sd2i), converted by --method.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "after")]
    input: Option<PathBuf>,
    #[command(flatten)]
    median: super::convert::MedianMethodArgs,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct TwoByTwoArgs {
    /// Events in group 1.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    events1: Option<f64>,
    /// Size of group 1.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    n1: Option<f64>,
    /// Events in group 2.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    events2: Option<f64>,
    /// Size of group 2.
    #[arg(long, allow_negative_numbers = true, required_unless_present = "input")]
    n2: Option<f64>,
    /// CSV file with metafor's columns ai, n1i (or bi), ci, n2i (or di).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "n2")]
    input: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct ProportionArgs {
    /// Events.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    events: Option<f64>,
    /// Number of people.
    #[arg(long, allow_negative_numbers = true, required_unless_present = "input")]
    n: Option<f64>,
    /// Confidence interval: wald (as metafor), wilson, or exact (Clopper–Pearson).
    #[arg(long, default_value = "wald", value_parser = ["wald", "wilson", "exact"])]
    ci: String,
    /// CSV file with metafor's columns xi, ni (or mi).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "n")]
    input: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct CorrelationArgs {
    /// The correlation coefficient.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    r: Option<f64>,
    /// Number of people.
    #[arg(long, allow_negative_numbers = true, required_unless_present = "input")]
    n: Option<f64>,
    /// CSV file with metafor's columns ri, ni.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "n")]
    input: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct RateArgs {
    /// Events.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    events: Option<f64>,
    /// Person-time.
    #[arg(long, allow_negative_numbers = true, required_unless_present = "input")]
    time: Option<f64>,
    /// Confidence interval: wald (as metafor) or exact (Poisson, as poisson.test).
    #[arg(long, default_value = "wald", value_parser = ["wald", "exact"])]
    ci: String,
    /// CSV file with metafor's columns xi, ti.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "time")]
    input: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct RateComparisonArgs {
    /// Events in group 1.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    events1: Option<f64>,
    /// Person-time of group 1.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    time1: Option<f64>,
    /// Events in group 2.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    events2: Option<f64>,
    /// Person-time of group 2.
    #[arg(long, allow_negative_numbers = true, required_unless_present = "input")]
    time2: Option<f64>,
    /// CSV file with metafor's columns x1i, t1i, x2i, t2i.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "time2")]
    input: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
struct SlopeArgs {
    /// Slope before, e.g. 0.47 points/month.
    #[arg(long, allow_negative_numbers = true)]
    slope_before: f64,
    /// Slope after.
    #[arg(long, allow_negative_numbers = true)]
    slope_after: f64,
    /// Standard error of the before slope.
    #[arg(long, allow_negative_numbers = true, requires = "se_after", conflicts_with_all = ["sd_before", "sd_after"])]
    se_before: Option<f64>,
    /// Standard error of the after slope.
    #[arg(long, allow_negative_numbers = true, requires = "se_before", conflicts_with_all = ["sd_before", "sd_after"])]
    se_after: Option<f64>,
    /// SD of individual before slopes (with --n).
    #[arg(long, allow_negative_numbers = true, requires_all = ["sd_after", "n"])]
    sd_before: Option<f64>,
    /// SD of individual after slopes (with --n).
    #[arg(long, allow_negative_numbers = true, requires_all = ["sd_before", "n"])]
    sd_after: Option<f64>,
    /// Number of people (with --sd-before and --sd-after).
    #[arg(long, allow_negative_numbers = true, requires = "sd_before")]
    n: Option<f64>,
    #[command(flatten)]
    common: Common,
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("from").required(true).args(["sem", "ci_lower", "t", "p"]))]
struct ConvertArgs {
    /// Standard error of a mean (SD = SEM·√n; needs --n).
    #[arg(long, allow_negative_numbers = true, requires = "n")]
    sem: Option<f64>,
    /// Lower confidence limit (with --ci-upper).
    #[arg(long, allow_negative_numbers = true, requires = "ci_upper")]
    ci_lower: Option<f64>,
    /// Upper confidence limit (with --ci-lower).
    #[arg(long, allow_negative_numbers = true, requires = "ci_lower")]
    ci_upper: Option<f64>,
    /// The interval is of a ratio: take it on the log scale.
    #[arg(long, requires = "ci_lower")]
    ratio: bool,
    /// An estimate (with --t or --p).
    #[arg(long, allow_negative_numbers = true, conflicts_with_all = ["sem", "ci_lower"])]
    estimate: Option<f64>,
    /// A t or z statistic (with --estimate).
    #[arg(
        long,
        allow_negative_numbers = true,
        requires = "estimate",
        conflicts_with = "p"
    )]
    t: Option<f64>,
    /// A two-sided p-value (with --estimate; with --n the t quantile on n − 1 df is used).
    #[arg(long, allow_negative_numbers = true, requires = "estimate")]
    p: Option<f64>,
    /// Number of people (SEM → SD; with a CI or a p-value: t on n − 1 df instead of z).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "t")]
    n: Option<f64>,
    #[command(flatten)]
    common: Common,
}

pub fn run(args: Args) -> Result<Outcome> {
    use MeasureCode as M;
    let text = match args.code {
        Code::Md(a) => two_group(M::MD, a)?,
        Code::Smd(a) => two_group(M::SMD, a)?,
        Code::Smdh(a) => two_group(M::SMDH, a)?,
        Code::Smd1(a) => two_group(M::SMD1, a)?,
        Code::Smd1h(a) => two_group(M::SMD1H, a)?,
        Code::Rom(a) => two_group(M::ROM, a)?,
        Code::Mc(a) => pre_post(M::MC, a)?,
        Code::Smcc(a) => pre_post(M::SMCC, a)?,
        Code::Smcr(a) => pre_post(M::SMCR, a)?,
        Code::Smcrh(a) => pre_post(M::SMCRH, a)?,
        Code::Romc(a) => pre_post(M::ROMC, a)?,
        Code::Rr(a) => two_by_two(M::RR, a)?,
        Code::Or(a) => two_by_two(M::OR, a)?,
        Code::Rd(a) => two_by_two(M::RD, a)?,
        Code::Pr(a) => proportion(M::PR, a)?,
        Code::Plo(a) => proportion(M::PLO, a)?,
        Code::Pln(a) => proportion(M::PLN, a)?,
        Code::Pas(a) => proportion(M::PAS, a)?,
        Code::Pft(a) => proportion(M::PFT, a)?,
        Code::Cor(a) => correlation(M::COR, a)?,
        Code::Zcor(a) => correlation(M::ZCOR, a)?,
        Code::Ir(a) => rate(M::IR, a)?,
        Code::Irln(a) => rate(M::IRLN, a)?,
        Code::Irs(a) => rate(M::IRS, a)?,
        Code::Irft(a) => rate(M::IRFT, a)?,
        Code::Irr(a) => rate_comparison(M::IRR, a)?,
        Code::Ird(a) => rate_comparison(M::IRD, a)?,
        Code::Slope(a) => slope(a)?,
        Code::Convert(a) => {
            let format = a.common.format;
            render(format, &conversion(a).map_err(to_option)?)?
        }
        Code::Unknown(words) => {
            return Err(Error::input(
                "CODE",
                format!(
                    "unknown measure code '{}'; allowed: {}, SLOPE, convert",
                    words.first().map_or("", String::as_str),
                    escalc_codes().join(", ")
                ),
            ));
        }
    };
    super::print(&text);
    Ok(Outcome::Ok)
}

fn escalc_codes() -> Vec<&'static str> {
    MeasureCode::ALL
        .iter()
        .filter(|c| c.family() != effect::Family::Slope)
        .map(|c| c.as_str())
        .collect()
}

/// Many effects from `--input`, one per row; median columns converted by `medians` (the
/// default method for measures without means), each converted row marked in its notes.
fn from_csv(
    path: &std::path::Path,
    code: MeasureCode,
    common: &Common,
    ci: CiMethod,
    r: Option<f64>,
    medians: Methods,
) -> Result<String> {
    let file = trialstats::csv_file::CsvFile::read(path)?;
    let filled = super::convert::medians_as_means(&file, medians)?;
    let source = filled.as_ref().map_or(&file, |f| &f.file);
    let mut rows = effect::escalc_rows(source, code, common.level, ci, r)?;
    if let Some(f) = &filled {
        trialstats::convert::mark_rows(&mut rows, f);
    }
    Ok(render(common.format, &EffectSizes(rows))?)
}

fn one(common: &Common, e: std::result::Result<EffectSize, impl Into<Error>>) -> Result<String> {
    Ok(render(common.format, &e.map_err(to_option)?)?)
}

fn two_group(code: MeasureCode, a: TwoGroupArgs) -> Result<String> {
    if let Some(path) = &a.input {
        return from_csv(
            path,
            code,
            &a.common,
            CiMethod::Wald,
            None,
            a.median.methods(),
        );
    }
    let group = |text: &Option<String>, option: &str| -> Result<GroupSummary> {
        let v = trialstats::number_list::named_numbers(
            option,
            required(text.as_deref(), option)?,
            &["MEAN", "SD", "N"],
        )?;
        Ok(GroupSummary {
            mean: v[0],
            sd: v[1],
            n: v[2],
        })
    };
    let (g1, g2) = (group(&a.group1, "--group1")?, group(&a.group2, "--group2")?);
    one(&a.common, effect::two_group(code, &g1, &g2, a.common.level))
}

fn pre_post(code: MeasureCode, a: PrePostArgs) -> Result<String> {
    if let Some(path) = &a.input {
        return from_csv(
            path,
            code,
            &a.common,
            CiMethod::Wald,
            a.r,
            a.median.methods(),
        );
    }
    let mean_sd = |text: &Option<String>, option: &str| -> Result<MeanSd> {
        let v = trialstats::number_list::named_numbers(
            option,
            required(text.as_deref(), option)?,
            &["MEAN", "SD"],
        )?;
        Ok(MeanSd {
            mean: v[0],
            sd: v[1],
        })
    };
    let summary = PrePostSummary {
        n: required(a.n, "--n")?,
        before: mean_sd(&a.before, "--before")?,
        after: mean_sd(&a.after, "--after")?,
        r: a.r,
    };
    one(&a.common, effect::pre_post(code, &summary, a.common.level))
}

fn two_by_two(code: MeasureCode, a: TwoByTwoArgs) -> Result<String> {
    if let Some(path) = &a.input {
        return from_csv(
            path,
            code,
            &a.common,
            CiMethod::Wald,
            None,
            Methods::default(),
        );
    }
    let table = TwoByTwo {
        events1: required(a.events1, "--events1")?,
        n1: required(a.n1, "--n1")?,
        events2: required(a.events2, "--events2")?,
        n2: required(a.n2, "--n2")?,
    };
    one(&a.common, effect::binary(code, &table, a.common.level))
}

fn proportion(code: MeasureCode, a: ProportionArgs) -> Result<String> {
    let ci: CiMethod = a.ci.parse().map_err(to_option)?;
    if let Some(path) = &a.input {
        return from_csv(path, code, &a.common, ci, None, Methods::default());
    }
    let input = Proportion {
        events: required(a.events, "--events")?,
        n: required(a.n, "--n")?,
    };
    one(
        &a.common,
        effect::proportion(code, &input, a.common.level, ci),
    )
}

fn correlation(code: MeasureCode, a: CorrelationArgs) -> Result<String> {
    if let Some(path) = &a.input {
        return from_csv(
            path,
            code,
            &a.common,
            CiMethod::Wald,
            None,
            Methods::default(),
        );
    }
    let input = effect::Correlation {
        r: required(a.r, "--r")?,
        n: required(a.n, "--n")?,
    };
    one(&a.common, effect::correlation(code, &input, a.common.level))
}

fn rate(code: MeasureCode, a: RateArgs) -> Result<String> {
    let ci: CiMethod = a.ci.parse().map_err(to_option)?;
    if let Some(path) = &a.input {
        return from_csv(path, code, &a.common, ci, None, Methods::default());
    }
    let input = PersonTime {
        events: required(a.events, "--events")?,
        time: required(a.time, "--time")?,
    };
    one(
        &a.common,
        effect::rate_measure(code, &input, a.common.level, ci),
    )
}

fn rate_comparison(code: MeasureCode, a: RateComparisonArgs) -> Result<String> {
    if let Some(path) = &a.input {
        return from_csv(
            path,
            code,
            &a.common,
            CiMethod::Wald,
            None,
            Methods::default(),
        );
    }
    let group1 = PersonTime {
        events: required(a.events1, "--events1")?,
        time: required(a.time1, "--time1")?,
    };
    let group2 = PersonTime {
        events: required(a.events2, "--events2")?,
        time: required(a.time2, "--time2")?,
    };
    one(
        &a.common,
        effect::rate_comparison(code, &group1, &group2, a.common.level),
    )
}

fn slope(a: SlopeArgs) -> Result<String> {
    let side = |value: f64, se: Option<f64>, sd: Option<f64>, which: &str| match (se, sd, a.n) {
        (Some(se), _, _) => Ok(Slope {
            value,
            se: Some(se),
        }),
        (None, Some(sd), Some(n)) => Slope::with_sd(value, sd, n, which),
        _ => Ok(Slope { value, se: None }),
    };
    let change = SlopeChange {
        before: side(a.slope_before, a.se_before, a.sd_before, "before").map_err(slope_option)?,
        after: side(a.slope_after, a.se_after, a.sd_after, "after").map_err(slope_option)?,
    };
    let rows = effect::slope_change(&change, a.common.level).map_err(slope_option)?;
    Ok(render(a.common.format, &EffectSizes(rows))?)
}

/// Slope errors name `n-before`/`n-after` for the one `--n`.
fn slope_option(e: impl Into<Error>) -> Error {
    match e.into() {
        Error::Refused(Refusal::Input { location, message }) if location.starts_with("n-") => {
            Error::input("--n", message)
        }
        other => to_option(other),
    }
}

fn conversion(a: ConvertArgs) -> Result<Conversion> {
    let level = a.common.level;
    if let Some(sem) = a.sem {
        return Ok(convert::sd_from_sem_conversion(sem, required(a.n, "--n")?)?);
    }
    if let (Some(lower), Some(upper)) = (a.ci_lower, a.ci_upper) {
        return Ok(convert::se_from_ci_conversion(
            lower, upper, level, a.n, a.ratio,
        )?);
    }
    let estimate = required(a.estimate, "--estimate")?;
    match (a.t, a.p) {
        (Some(t), _) => Ok(convert::se_from_t_conversion(estimate, t)?),
        (None, Some(p)) => Ok(convert::se_from_p_conversion(estimate, p, a.n)?),
        // ok to state: clap requires one of --sem, --ci-lower, --t, --p.
        (None, None) => Err(Error::usage(
            "convert needs one of: --sem S --n N; --ci-lower L --ci-upper U [--n N] [--ratio]; --estimate E --t T; --estimate E --p P [--n N]".into(),
        )),
    }
}

fn required<T: Copy>(value: Option<T>, option: &str) -> Result<T> {
    value.ok_or_else(|| Error::input(option, "missing"))
}

/// Map a library field location (`before.sd`, `level`) to the option that carried it.
fn to_option(e: impl Into<Error>) -> Error {
    match e.into() {
        Error::Refused(Refusal::Input { location, message })
            if !location.starts_with("--") && !location.starts_with("{field:") =>
        {
            let field = location.split('.').next().unwrap_or(&location);
            let option = if field == "measure" {
                "CODE".to_string()
            } else {
                format!("--{field}")
            };
            Error::input(option, message)
        }
        other => other,
    }
}
