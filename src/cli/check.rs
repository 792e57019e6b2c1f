//! `trialstats check`: do the reported numbers add up? Without a subcommand, every check on
//! every reported summary in the data folder; with one, a single check on numbers given as
//! options (numbers are read as written: `--mean 3.0` has one decimal).

use std::path::PathBuf;
use trialstats::analysis::{self, AnalysisOptions};
use trialstats::checks::Rounding;
use trialstats::checks::bounds::bounds;
use trialstats::checks::debit::debit;
use trialstats::checks::grim::grim;
use trialstats::checks::grimmer::grimmer;
use trialstats::checks::input;
use trialstats::checks::percent::percent_count;
use trialstats::checks::reported_test;
use trialstats::checks::sprite::{SpriteRequest, sprite};
use trialstats::level::ConfidenceLevel;
use trialstats::output::{CheckFormat, Format, Tabular, render};
use trialstats::reported::SpreadKind;
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<CheckCommand>,
    /// Without a subcommand: the studies whose every reported summary is checked.
    #[command(flatten)]
    pub studies: super::args::Studies,
    /// Output format: table, json, csv, or junit (the data folder, stat and text: one test
    /// case per finding).
    #[arg(long, global = true, default_value = "table")]
    pub format: CheckFormat,
    /// How the authors rounded: up-or-down (ties either way; the default, as GRIM/GRIMMER),
    /// half-up (ties away from zero), half-down or down (ties toward zero), half-even,
    /// ceiling-or-floor, ceiling, floor, trunc, anti-trunc, up-from:T or down-from:T (T the
    /// digit cut off from which values round up or above which they do; 5 is the half).
    /// scrutiny's rounding options, with hyphens.
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
    /// A reported test statistic against its p-value, as statcheck: "t(28) = 2.20, p = .04"
    /// (also F(df1, df2), chi2(df) or χ2(df), r(df), z; p =, <, > or ns).
    Stat(StatArgs),
    /// Every test result in a text file (APA style, and full-width forms such as
    /// ｔ（２８）＝２．２０，ｐ＜0.05), each checked as `check stat`, with its line.
    Text(TextArgs),
    /// What an unlabelled ± means (SD, SEM or the SE of an adjusted mean), decided from what
    /// the document prints about the comparison: its p, CI, t or ± (exit 1 when contradicted).
    Spread(SpreadArgs),
    /// Carlisle's check of baseline tables: are the arms as alike as randomisation makes them?
    /// (ANOVA and simulated p per variable, Stouffer per trial; as R's simdistr.)
    Baseline(BaselineArgs),
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The file: one row per arm of each baseline variable: trial, variable, arm, n, mean
(a proportion from 0 to 1 when sd is empty), sd, and optionally decimals (the decimals the mean
was rounded to; by default those of the mean as written, so write 0.50, not 0.5, if the paper
printed 0.50). Exit codes: 0 nothing flagged; 1 a trial's combined p below --flag-below (a
reason to look at its table, not a verdict); 2 bad input (the message names the row and column).
Example: trialstats check baseline tests/data/baseline_saitoh.csv --simulations 10000 --seed 1"
)]
pub struct BaselineArgs {
    /// The baseline table (CSV).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Column of the trial's name.
    #[arg(long, default_value = "trial")]
    pub trial: String,
    /// Column of the variable's name.
    #[arg(long, default_value = "variable")]
    pub variable: String,
    /// Column of the arm.
    #[arg(long, default_value = "arm")]
    pub arm: String,
    /// Column of the arm's n.
    #[arg(long, default_value = "n")]
    pub n: String,
    /// Column of the mean (or proportion) as printed.
    #[arg(long, default_value = "mean")]
    pub mean: String,
    /// Column of the SD (empty for a binary variable).
    #[arg(long, default_value = "sd")]
    pub sd: String,
    /// Column of the decimals the mean was rounded to (optional).
    #[arg(long, default_value = "decimals")]
    pub decimals: String,
    /// Simulated tables per variable for similar_p.
    #[arg(long, default_value_t = 10_000, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub simulations: i64,
    /// Seed of the simulations.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub seed: i64,
    /// Flag a trial (exit 1) whose combined anova or similar p is below this.
    #[arg(long, default_value_t = 0.0001, allow_negative_numbers = true)]
    pub flag_below: f64,
    /// Draw the variables' p-values against the uniform distribution (.png or .svg).
    #[arg(long)]
    pub plot: Option<PathBuf>,
    /// Size, resolution and labels of the --plot chart.
    #[command(flatten)]
    pub chart: super::args::ChartOptions,
}

/// The numbers of one spread, as printed.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  trialstats check spread --group -5.70,0.85,100 --group -6.35,0.84,99 --difference 0.65,0.78 --p 0.411
  trialstats check spread --group 1.2,0.4,30 --p 0.004          (one mean change tested against 0)
  trialstats check spread --before 5.1,1.7 --after 4.1,1.6 --n 7 --p 0.03 --min 0 --max 10 --step 0.5")]
pub struct SpreadArgs {
    /// A group's MEAN,SPREAD,N as printed (twice for two arms: group 1 − group 2; once for a
    /// mean change tested against 0).
    #[arg(long, value_name = "MEAN,SPREAD,N", allow_hyphen_values = true)]
    pub group: Vec<String>,
    /// One group's mean and spread before (MEAN,SPREAD), with --after and --n.
    #[arg(long, value_name = "MEAN,SPREAD", allow_hyphen_values = true, requires_all = ["after", "n"], conflicts_with = "group")]
    pub before: Option<String>,
    /// The same group's mean and spread after.
    #[arg(
        long,
        value_name = "MEAN,SPREAD",
        allow_hyphen_values = true,
        requires = "before"
    )]
    pub after: Option<String>,
    /// The group's n (with --before and --after).
    #[arg(long, allow_negative_numbers = true, value_parser = super::args::whole_number, requires = "before")]
    pub n: Option<i64>,
    /// The printed difference (or mean change), optionally with its ±: D or D,SPREAD.
    #[arg(long, value_name = "D[,SPREAD]", allow_hyphen_values = true)]
    pub difference: Option<String>,
    /// The printed p of the comparison: 0.411, "<0.001", ">0.05".
    #[arg(long, allow_hyphen_values = true)]
    pub p: Option<String>,
    /// The printed confidence interval of the difference: LO,HI.
    #[arg(long, value_name = "LO,HI", allow_hyphen_values = true)]
    pub ci: Option<String>,
    /// The level of --ci.
    #[arg(long, default_value_t = 0.95, allow_negative_numbers = true)]
    pub level: f64,
    /// The printed test statistic (t or z).
    #[arg(long, allow_hyphen_values = true)]
    pub t: Option<String>,
    /// The comparison is adjusted (ANCOVA, MMRM, least-squares means).
    #[arg(long, conflicts_with = "unadjusted")]
    pub adjusted: bool,
    /// The comparison is unadjusted (say so when the document does; default: not reported).
    #[arg(long)]
    pub unadjusted: bool,
    /// The label the document states for ±, to cross-check: sd or sem.
    #[arg(long)]
    pub label: Option<String>,
    /// Scale minimum (the bounds are evidence too).
    #[arg(long, allow_hyphen_values = true)]
    pub min: Option<String>,
    /// Scale maximum.
    #[arg(long, allow_hyphen_values = true)]
    pub max: Option<String>,
    /// Step between possible values.
    #[arg(long, allow_hyphen_values = true)]
    pub step: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct StatArgs {
    /// The result as written, e.g. "t(28) = 2.20, p = .04" (say "one-sided" in it if so).
    #[arg(value_name = "RESULT", allow_hyphen_values = true)]
    pub result: String,
    /// Significance level for decision errors (p = alpha counts as significant).
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    pub alpha: f64,
}

/// on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

/// Whether p = alpha is significant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PEqualAlpha {
    Significant,
    NotSignificant,
}

#[derive(Debug, clap::Args)]
pub struct TextArgs {
    /// The document: UTF-8 plain text, a web page (HTML, in its declared character set) or a
    /// PDF with a text layer; told apart by the file's first bytes. Or a folder: every .txt,
    /// .text, .pdf, .html and .htm file in it and its sub-folders (statcheck's checkdir).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Significance level for decision errors (statcheck alpha; default .05 in both).
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    pub alpha: f64,
    /// Whether p = alpha counts as significant (statcheck pEqualAlphaSig; default significant
    /// in both).
    #[arg(long, value_enum, default_value = "significant")]
    pub p_equal_alpha: PEqualAlpha,
    /// Treat every t, z and r as one-tailed (statcheck OneTailedTests; default off in both).
    #[arg(long)]
    pub one_tailed_tests: bool,
    /// Read "one-sided", "one-tailed", "directional" or 片側 on a result's line: a result that
    /// holds only one-sided is then consistent (statcheck OneTailedTxt: default off there, on
    /// here).
    #[arg(long, value_enum, default_value = "on")]
    pub one_tailed_text: Switch,
    /// Whether p = .000 as printed is an inconsistency (statcheck pZeroError; default on in
    /// both).
    #[arg(long, value_enum, default_value = "on")]
    pub p_zero_error: Switch,
    /// List every p-value in the text, with or without a statistic (statcheck AllPValues).
    #[arg(long)]
    pub all_p_values: bool,
    /// The scale of the text's means ± spreads, MIN,MAX (either may be empty: ",10"), for
    /// the bounds checks; every mean ± spread printed with its n is checked by GRIM, GRIMMER,
    /// bounds and SPRITE on it.
    #[arg(long, value_name = "MIN,MAX", allow_hyphen_values = true)]
    pub scale: Option<String>,
    /// Step between possible values of one item, for GRIM and GRIMMER (1: whole numbers;
    /// "none" for a continuous measure, which GRIM cannot check). Default: 1 with --scale (a
    /// rating scale), else none: a report's means (HbA1c, weights, model-adjusted changes)
    /// are not whole-number averages unless the reader says so.
    #[arg(long, allow_hyphen_values = true)]
    pub step: Option<String>,
    /// Number of items averaged into each score.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub items: i64,
}

/// The scale's grid: a step and the number of items averaged.
#[derive(Debug, clap::Args)]
pub struct GridArgs {
    /// Step between possible values of one item (1 for integers, 0.5 for EDSS).
    #[arg(long, default_value = "1", allow_hyphen_values = true)]
    pub step: String,
    /// Number of items averaged into the score (1 for a single item or a sum score).
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub items: i64,
}

#[derive(Debug, clap::Args)]
pub struct GrimArgs {
    /// The mean as reported (decimals count: 3.0 is not 3).
    #[arg(long, allow_hyphen_values = true)]
    pub mean: String,
    /// Sample size.
    #[arg(long, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub n: i64,
    #[command(flatten)]
    pub grid: GridArgs,
}

#[derive(Debug, clap::Args)]
pub struct GrimmerArgs {
    #[command(flatten)]
    pub summary: SummaryArgs,
    /// The spread given with --sd is a standard error of the mean (SEM), not an SD.
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
    /// The SD as reported.
    #[arg(long, allow_hyphen_values = true)]
    pub sd: String,
    /// Sample size.
    #[arg(long, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub n: i64,
}

impl SummaryArgs {
    /// Mean, spread and n, validated.
    fn read(
        &self,
    ) -> Result<(
        trialstats::reported::ReportedNumber,
        trialstats::reported::ReportedNumber,
        u64,
    )> {
        Ok((
            input::number(&self.mean, "--mean")?,
            input::spread(&self.sd, "--sd")?,
            input::sample_size(self.n)?,
        ))
    }
}

#[derive(Debug, clap::Args)]
pub struct PercentArgs {
    /// The percentage as reported (e.g. 85.7).
    #[arg(long, allow_hyphen_values = true)]
    pub percent: String,
    /// The denominator, if reported.
    #[arg(long, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub n: Option<i64>,
    /// The count, if reported (needs --n).
    #[arg(long, requires = "n", allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub count: Option<i64>,
    /// List the possible denominators up to this number.
    #[arg(long, default_value_t = 100, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub max_n: i64,
}

#[derive(Debug, clap::Args)]
pub struct BoundsArgs {
    /// The mean as reported.
    #[arg(long, allow_hyphen_values = true)]
    pub mean: String,
    /// The SD as reported (read as an SEM with --sem).
    #[arg(long, allow_hyphen_values = true)]
    pub sd: Option<String>,
    /// Sample size.
    #[arg(long, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub n: i64,
    /// Scale minimum (omit for a scale open below).
    #[arg(long, allow_hyphen_values = true, required_unless_present = "max")]
    pub min: Option<String>,
    /// Scale maximum (omit for a scale open above, as a rate).
    #[arg(long, allow_hyphen_values = true)]
    pub max: Option<String>,
    /// The spread is a standard error of the mean, not an SD.
    #[arg(long)]
    pub sem: bool,
    /// Step between possible values (omit for a continuous measure).
    #[arg(long, allow_hyphen_values = true)]
    pub step: Option<String>,
    /// Number of items averaged into the score.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub items: i64,
}

#[derive(Debug, clap::Args)]
pub struct SpriteArgs {
    #[command(flatten)]
    pub summary: SummaryArgs,
    /// The spread given with --sd is a standard error of the mean (SEM): reconstruct samples
    /// whose SD/√n rounds to it.
    #[arg(long)]
    pub sem: bool,
    /// Scale minimum.
    #[arg(long, allow_hyphen_values = true)]
    pub min: String,
    /// Scale maximum.
    #[arg(long, allow_hyphen_values = true)]
    pub max: String,
    #[command(flatten)]
    pub grid: GridArgs,
    /// How many distinct samples to return.
    #[arg(long, default_value_t = 10, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub samples: i64,
    /// Seed of the random search (same seed, same samples): a whole number ≥ 0.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub seed: i64,
}

pub fn run(args: Args) -> Result<Outcome> {
    let (format, rounding) = (args.format.0, args.rounding);
    if args.studies.given() && args.command.is_some() {
        return Err(Error::input(
            "--data",
            "study files and --data are for checking whole studies; a subcommand checks the numbers given as options",
        ));
    }
    match args.command {
        None => {
            let studies = super::load_for(&args.studies, args.format, "check")?;
            let options = AnalysisOptions {
                rounding,
                ..AnalysisOptions::default()
            };
            let analyses = analysis::analyse_studies(&studies, &options)?;
            let report = analysis::check_report(&analyses, rounding);
            super::print(&render(format, &report)?);
            Ok(report.outcome())
        }
        Some(CheckCommand::Grim(a)) => {
            let n = input::sample_size(a.n)?;
            let grid = input::grid(&a.grid.step, a.grid.items)?;
            let r = grim(&input::number(&a.mean, "--mean")?, n, grid, rounding)?;
            show(format, &r, r.status.possible())
        }
        Some(CheckCommand::Grimmer(a)) => {
            let (mean, spread, n) = a.summary.read()?;
            let grid = input::grid(&a.grid.step, a.grid.items)?;
            let r = grimmer(&mean, &spread, spread_kind(a.sem), n, grid, rounding)?;
            show(format, &r, r.status.possible())
        }
        Some(CheckCommand::Debit(a)) => {
            let (_, sd, n) = a.summary.read()?;
            let mean = input::proportion(&a.summary.mean, "--mean")?;
            let r = debit(&mean, &sd, n, rounding)?;
            show(format, &r, r.status.possible())
        }
        Some(CheckCommand::Percent(a)) => run_percent(format, &a, rounding),
        Some(CheckCommand::Bounds(a)) => {
            let n = input::sample_size(a.n)?;
            let scale = input::scale(
                a.min.as_deref(),
                a.max.as_deref(),
                a.step.as_deref(),
                a.items,
            )?;
            let spread =
                a.sd.as_deref()
                    .map(|s| input::spread(s, "--sd"))
                    .transpose()?;
            let r = bounds(
                &input::number(&a.mean, "--mean")?,
                spread.as_ref(),
                spread_kind(a.sem),
                n,
                &scale,
                rounding,
            )?;
            show(format, &r, r.status.possible())
        }
        Some(CheckCommand::Sprite(a)) => run_sprite(format, &a, rounding),
        Some(CheckCommand::Stat(a)) => {
            let alpha = ConfidenceLevel::from_alpha(a.alpha)?.alpha();
            let r = reported_test::check_result(
                &reported_test::parse_result(&a.result)?,
                &reported_test::CheckRules::at(alpha),
            );
            show(format, &r, r.consistent())
        }
        Some(CheckCommand::Baseline(a)) => run_baseline(format, &a),
        Some(CheckCommand::Spread(a)) => {
            let r = trialstats::reading::question::read_spread(&spread_question(&a, rounding)?)?;
            show(format, &r, !r.is_contradicted())
        }
        Some(CheckCommand::Text(a)) => run_text(format, &a, rounding),
    }
}

/// What ± means with `--sem` (the SEM) and without it (the SD).
fn spread_kind(sem: bool) -> SpreadKind {
    if sem { SpreadKind::Sem } else { SpreadKind::Sd }
}

/// `check percent`: the counts that print as the percentage, of n or of any n up to --max-n.
fn run_percent(format: Format, a: &PercentArgs, rounding: Rounding) -> Result<Outcome> {
    let n = a.n.map(input::sample_size).transpose()?;
    let count = a
        .count
        .map(|c| {
            u64::try_from(c).map_err(|_| {
                Error::input("--count", format!("a count is a whole number ≥ 0, got {c}"))
            })
        })
        .transpose()?;
    let max_n = input::listed_n(a.max_n)?;
    let percent = input::percent(&a.percent)?;
    let mut r = percent_count(&percent, n, count, max_n, rounding)?;
    // The library names no option (the study checks print the same message); here
    // --max-n is the way to search further.
    if n.is_none() {
        r.detail = r
            .detail
            .replace(" searched)", " searched; --max-n searches further)");
    }
    show(format, &r, r.status.possible())
}

/// `check sprite`: samples on the scale with the mean and SD as printed.
fn run_sprite(format: Format, a: &SpriteArgs, rounding: Rounding) -> Result<Outcome> {
    let (mean, sd, n) = a.summary.read()?;
    let req = SpriteRequest {
        kind: spread_kind(a.sem),
        mean,
        sd,
        n,
        scale: input::scale(Some(&a.min), Some(&a.max), Some(&a.grid.step), a.grid.items)?,
        samples: input::samples(a.samples)?,
        seed: u64::try_from(a.seed).map_err(|_| {
            Error::input(
                "--seed",
                format!("{}: a seed is a whole number ≥ 0", a.seed),
            )
        })?,
        random_fallback: true,
        rounding,
    };
    let r = sprite(&req)?;
    show(format, &r, r.status.possible())
}

/// `check text`: every test result in a file (or a folder of files) against its p-value.
fn run_text(format: Format, a: &TextArgs, rounding: Rounding) -> Result<Outcome> {
    let alpha = ConfidenceLevel::from_alpha(a.alpha)?.alpha();
    let rules = reported_test::CheckRules {
        p_equal_alpha_significant: a.p_equal_alpha == PEqualAlpha::Significant,
        one_tailed_tests: a.one_tailed_tests,
        one_tailed_text: a.one_tailed_text == Switch::On,
        p_zero_error: a.p_zero_error == Switch::On,
        ..reported_test::CheckRules::at(alpha)
    };
    if a.file.is_dir() {
        let r = trialstats::checks::text_folder::FolderScan::new(&a.file, &rules, a.all_p_values)?;
        return show(format, &r, r.all_hold());
    }
    // Plain text, a web page or a PDF, told apart by the file's first bytes.
    let name = a.file.display().to_string();
    let text = trialstats::text::Document::read(&a.file)?.text;
    let scale = text_scale(a)?;
    let r = trialstats::draft::summary_check::TextChecks::read(
        &name,
        &text,
        &rules,
        a.all_p_values,
        &scale,
        rounding,
    )?;
    show(format, &r, r.consistent())
}

/// The scale of `check text`: --scale MIN,MAX, --step, --items.
fn text_scale(a: &TextArgs) -> Result<trialstats::reported::Scale> {
    let number = |option: &str, t: &str| -> Result<Option<trialstats::reported::ReportedNumber>> {
        let t = t.trim();
        if t.is_empty() || t == "none" {
            return Ok(None);
        }
        Ok(Some(trialstats::reported::ReportedNumber::parse(
            t, option,
        )?))
    };
    let (min, max) = match &a.scale {
        Some(s) => {
            let p = parts("--scale", s, &["MIN", "MAX"], 2)?;
            (number("--scale", p[0])?, number("--scale", p[1])?)
        }
        None => (None, None),
    };
    if a.items < 1 {
        return Err(Error::input(
            "--items",
            format!("{} must be 1 or more", a.items),
        ));
    }
    let step = match (&a.step, &a.scale) {
        (Some(step), _) => number("--step", step)?,
        (None, Some(_)) => number("--step", "1")?,
        (None, None) => None,
    };
    let scale =
        trialstats::reported::Scale::new(min, max, step).map_err(|e| Error::input("--scale", e))?;
    scale
        .with_items(a.items as u32)
        .map_err(|e| Error::input("--items", e))
}

fn run_baseline(format: Format, a: &BaselineArgs) -> Result<Outcome> {
    use trialstats::checks::baseline::{
        BaselineColumns, BaselineSettings, BaselineTable, check_baseline,
    };
    let columns = BaselineColumns {
        trial: a.trial.clone(),
        variable: a.variable.clone(),
        arm: a.arm.clone(),
        n: a.n.clone(),
        mean: a.mean.clone(),
        sd: a.sd.clone(),
        decimals: a.decimals.clone(),
    };
    if !(a.flag_below > 0.0 && a.flag_below < 1.0) {
        return Err(Error::input(
            "--flag-below",
            format!("{}: a p between 0 and 1", a.flag_below),
        ));
    }
    let settings = BaselineSettings {
        simulations: usize::try_from(a.simulations).map_err(|_| {
            Error::input(
                "--simulations",
                format!("{}: a whole number ≥ 100", a.simulations),
            )
        })?,
        seed: u64::try_from(a.seed)
            .map_err(|_| Error::input("--seed", format!("{}: a whole number ≥ 0", a.seed)))?,
    };
    let table = BaselineTable::from_csv(&trialstats::csv_file::CsvFile::read(&a.file)?, &columns)?;
    let result = check_baseline(&table, settings)?;
    if let Some(path) = &a.plot {
        trialstats::plot::render(
            &trialstats::charts::check_charts::baseline_chart(
                &result,
                &a.chart
                    .title_or("Baseline p-values against the uniform distribution"),
            )
            .into(),
            path,
            a.chart.canvas()?,
        )?;
    }
    let flagged = result.flagged(a.flag_below);
    show(format, &result, flagged.is_empty())
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

/// The parts of a comma-separated value given to `option`, exactly `names.len()` of them
/// (the last ones optional from `required` on).
fn parts<'a>(option: &str, text: &'a str, names: &[&str], required: usize) -> Result<Vec<&'a str>> {
    let p: Vec<&str> = text.split(',').map(str::trim).collect();
    if p.len() < required || p.len() > names.len() {
        return Err(Error::input(
            option,
            format!(
                "'{text}' has {} value(s); expected {}",
                p.len(),
                names.join(",")
            ),
        ));
    }
    Ok(p)
}

/// The question `check spread` asks, from its options; each refusal names its option.
fn spread_question(
    a: &SpreadArgs,
    rounding: Rounding,
) -> Result<trialstats::reading::question::SpreadQuestion> {
    use trialstats::reading::change::{BeforeAfter, PrintedChange};
    use trialstats::reading::comparison::{Adjusted, PrintedComparison};
    use trialstats::reading::question::{Design, SpreadQuestion};
    let (difference, diff_spread) = match &a.difference {
        Some(text) => {
            let p = parts("--difference", text, &["D", "SPREAD"], 1)?;
            (
                Some(input::number(p[0], "--difference")?),
                p.get(1)
                    .map(|s| input::spread(s, "--difference"))
                    .transpose()?,
            )
        }
        None => (None, None),
    };
    let test = printed_test(a)?;
    let label = spread_label(a.label.as_deref())?;
    let adjusted = match (a.adjusted, a.unadjusted) {
        (true, _) => Adjusted::Yes,
        (_, true) => Adjusted::No,
        _ => Adjusted::NotReported,
    };
    let scale = if a.min.is_some() || a.max.is_some() || a.step.is_some() {
        Some(input::scale(
            a.min.as_deref(),
            a.max.as_deref(),
            a.step.as_deref(),
            1,
        )?)
    } else {
        None
    };
    let design = match (&a.before, &a.after, a.n) {
        (Some(b), Some(af), Some(n)) => {
            if a.adjusted {
                return Err(Error::input(
                    "--adjusted",
                    "is for a comparison of groups (--group); a change of one group (--before/--after) is a paired test",
                ));
            }
            let mean_spread = |option: &str, text: &str| -> Result<_> {
                let p = parts(option, text, &["MEAN", "SPREAD"], 2)?;
                Ok((input::number(p[0], option)?, input::spread(p[1], option)?))
            };
            let n = input::sample_size(n)?;
            if n < 2 {
                return Err(Error::input("--n", "a change needs at least 2 patients"));
            }
            Design::BeforeAfter(
                BeforeAfter {
                    before: mean_spread("--before", b)?,
                    after: mean_spread("--after", af)?,
                    n,
                },
                PrintedChange {
                    mean: difference,
                    sd: None,
                    se: diff_spread,
                    test,
                },
            )
        }
        _ => {
            let groups = read_groups(&a.group)?;
            Design::Groups(
                groups,
                PrintedComparison {
                    difference,
                    spread: diff_spread,
                    test,
                },
            )
        }
    };
    Ok(SpreadQuestion {
        design,
        adjusted,
        label,
        scale,
        rounding,
    })
}

/// The test as `check spread` was given it: --ci (at --level), --p and --t.
fn printed_test(a: &SpreadArgs) -> Result<trialstats::reading::PrintedTest> {
    use trialstats::reported::ReportedP;
    let level = ConfidenceLevel::new(a.level).map_err(|_| {
        Error::input(
            "--level",
            format!(
                "{}: the level of --ci must lie strictly between 0 and 1 (e.g. 0.95)",
                a.level
            ),
        )
    })?;
    let ci =
        a.ci.as_ref()
            .map(|text| -> Result<_> {
                let p = parts("--ci", text, &["LO", "HI"], 2)?;
                let (lo, hi) = (input::number(p[0], "--ci")?, input::number(p[1], "--ci")?);
                if lo.value >= hi.value {
                    return Err(Error::input(
                        "--ci",
                        format!(
                            "{} is not below {}; give LO,HI with LO < HI",
                            lo.text, hi.text
                        ),
                    ));
                }
                Ok((lo, hi, level))
            })
            .transpose()?;
    let p =
        a.p.as_deref()
            .map(|t| ReportedP::parse(t, "--p"))
            .transpose()?;
    let t =
        a.t.as_deref()
            .map(|t| input::number(t, "--t"))
            .transpose()?;
    Ok(trialstats::reading::PrintedTest {
        ci,
        t,
        p,
        claim: None,
    })
}

/// The label of ± given with --label (sd or sem), or not reported.
fn spread_label(label: Option<&str>) -> Result<SpreadKind> {
    Ok(match label {
        None => SpreadKind::NotReported,
        Some(l) => match l.to_ascii_lowercase().as_str() {
            "sd" => SpreadKind::Sd,
            "sem" | "se" => SpreadKind::Sem,
            other => {
                return Err(Error::input(
                    "--label",
                    format!("'{other}' is not a label of ±; allowed: sd, sem"),
                ));
            }
        },
    })
}

/// The arms given with --group (MEAN,SPREAD,N): one (a change tested against 0) or two.
fn read_groups(group: &[String]) -> Result<trialstats::reading::comparison::Groups> {
    use trialstats::reading::comparison::{Group, Groups};
    let groups = group
        .iter()
        .map(|text| -> Result<Group> {
            let p = parts("--group", text, &["MEAN", "SPREAD", "N"], 3)?;
            let n = p[2].parse::<i64>().map_err(|_| {
                Error::input(
                    "--group",
                    format!("n '{}' in '{text}' is not a whole number", p[2]),
                )
            })?;
            Ok(Group::new(
                input::number(p[0], "--group")?,
                input::spread(p[1], "--group")?,
                input::sample_size(n)?,
                "--group",
            )?)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(match groups.len() {
        1 => Groups::One(groups[0].clone()),
        2 => Groups::Two(groups[0].clone(), groups[1].clone()),
        k => {
            return Err(Error::input(
                "--group",
                format!(
                    "given {k} times; give it twice (two arms, group 1 − group 2) or once (a mean change tested against 0), or use --before, --after and --n"
                ),
            ));
        }
    })
}
