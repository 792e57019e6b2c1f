//! `trialstats lmm`: fit a linear mixed model (lme4's `lmer`, or with `--residual` nlme's
//! `lme` with a residual correlation) to a CSV file, or
//! `trialstats lmm compare` two nested models by a likelihood-ratio test. Exit 1 when an
//! optimum could not be confirmed (the output says so), 2 on bad input.

use serde::Serialize;
use std::path::PathBuf;
use trialstats::charts::lmm_charts::{caterpillar_chart, residual_qq_chart, time_chart};
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::anova::anova;
use trialstats::lmm::emmeans::{emmeans, held_variables, parse_at};
use trialstats::lmm::fitted::FittedValues;
use trialstats::lmm::inference::{Ddf, FixedInference};
use trialstats::lmm::residual::fit_correlated_csv_with_frame;
use trialstats::lmm::summary::LmmSummary;
use trialstats::lmm::{FittedModel, Formula, Frame};
use trialstats::lmm::{ReferenceLevels, compare::compare_csv, fit_csv_with_references};
use trialstats::output::{Format, Tabular, render};
use trialstats::plot::Chart;
use trialstats::{Error, Outcome, Result};

/// The formula grammar, shown after `trialstats lmm --help`.
const FORMULA_GRAMMAR: &str = "\
Formulas (a subset of lme4's):
  response ~ fixed terms + (random terms | group)
  fixed terms   numeric columns as they are; text columns and factor(x) are categorical
                (treatment coding, the first level in sorted order is the reference);
                a + b, a:b (interaction), a * b (= a + b + a:b); a leading 0 + or a
                trailing - 1 drops the intercept
  random terms  (1 | g) intercept, (x | g) or (1 + x | g) intercept and slope, correlated;
                (0 + x | g) slope only; (x || g) intercept and slope, uncorrelated
  grouping      g a column; a:b the combinations of two columns; a/b nested (= a + b:a);
                several random terms on different groupings, nested or crossed:
                (month | patient) + (1 | site), (1 | site/patient), (1 | plate) + (1 | sample)
Rows with a missing value (empty or NA) in a used column are dropped, as R's na.omit.
Exit codes: 0 fitted; 1 the optimum could not be confirmed (the output says so); 2 bad input.
Example: trialstats lmm data/synthetic/als_prepost_slope_synthetic.csv \\
           --formula 'alsfrs ~ month + month_after + (month | patient)'";

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, after_help = FORMULA_GRAMMAR)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<LmmCommand>,
    /// CSV file with a header row; "NA" and empty cells are missing (those rows are dropped).
    pub file: Option<PathBuf>,
    /// The reference level of a categorical variable, VAR=LEVEL (repeatable; e.g.
    /// arm=placebo): every other level is compared with it (R's relevel). Default: the first
    /// level in sorted order.
    #[arg(long, value_name = "VAR=LEVEL")]
    pub reference: Vec<String>,
    /// Model formula, e.g. 'alsfrs ~ month * arm + (month | patient)'.
    #[arg(long)]
    pub formula: Option<String>,
    /// Fit by maximum likelihood (default: REML).
    #[arg(long)]
    pub ml: bool,
    /// Correlated residuals within each subject, beside its random effects (nlme's lme with
    /// corAR1, corCAR1 or corCompSymm): 'ar1(TIME | ID)' (whole-number times), 'car1(TIME |
    /// ID)' (any times) or 'cs(TIME | ID)' (compound symmetry; not beside a random intercept,
    /// e.g. with (0 + TIME | ID)); the random terms must group by the same ID. Fixed effects
    /// with Satterthwaite's df (or --ddf containment, nlme's); --anova, --contrast, --ranef
    /// (the BLUPs, nlme's ranef) and the charts as without it (--qq then shows the normalized
    /// residuals, nlme's).
    #[arg(long, value_name = "STRUCTURE")]
    pub residual: Option<String>,
    /// Denominator df of the fixed effects' t tests: satterthwaite (lmerTest's default),
    /// kenward-roger (pbkrtest; also adjusts the SEs; REML fits only; not with --residual),
    /// containment (nlme's lme: one grouping factor or nested ones, not crossed) or none
    /// (lme4's summary: no df, p or CI).
    #[arg(long, default_value = "satterthwaite")]
    pub ddf: Ddf,
    /// Level of the fixed effects' confidence intervals, as a fraction.
    #[arg(long, default_value = "0.95")]
    pub level: ConfidenceLevel,
    /// Type III F tests of every fixed term (lmerTest's anova(m, type = 3)), with the --ddf
    /// method's denominator df.
    #[arg(long)]
    pub anova: bool,
    /// Estimated marginal (least-squares) means of this categorical variable and their
    /// pairwise differences (emmeans); other covariates at their means.
    #[arg(long, value_name = "VARIABLE")]
    pub contrast: Option<String>,
    /// With --contrast: the value(s) of another variable, VAR=V or VAR=V1,V2 (one row per
    /// point; repeat for several variables), e.g. --at month=9.
    #[arg(long, value_name = "VAR=V", requires = "contrast")]
    pub at: Vec<String>,
    /// Show the conditional modes (random effects) of every group.
    #[arg(long)]
    pub ranef: bool,
    /// Output format: table, json or csv (fixed effects).
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Also draw observed trajectories with the fitted per-group and population lines to
    /// this file (.png or .svg); needs --time. With a categorical time (factor(visit) in the
    /// formula): each visit's observed mean (t interval at --level) and the mean of the
    /// population prediction over the same rows, visits in level order.
    #[arg(long, requires = "time")]
    pub plot: Option<PathBuf>,
    /// The time column for --plot (for example month; visit or factor(visit) for a visit the
    /// formula takes as a factor).
    #[arg(long, requires = "plot")]
    pub time: Option<String>,
    /// Mark where treatment starts on the --plot time axis (a numeric time only).
    #[arg(long, requires = "plot", allow_hyphen_values = true)]
    pub treatment_start: Option<f64>,
    /// Draw the normal QQ plot of the residuals to this file (.png or .svg); with --residual,
    /// of the normalized residuals (nlme's residuals(fit, type = "normalized")).
    #[arg(long, value_name = "FILE")]
    pub qq: Option<PathBuf>,
    /// Draw the random effects (each group's conditional modes, sorted) to this file.
    #[arg(long, value_name = "FILE")]
    pub caterpillar: Option<PathBuf>,
    /// Size, resolution, title and time-axis label of the --plot chart.
    #[command(flatten)]
    pub chart: super::args::ChartOptions,
}

/// The fit's df (`--ddf`), `--anova` and `--contrast`, its charts and `--ranef`, printed, for
/// an lme4-style fit and one with correlated residuals (`--residual`) alike: `fit` is the
/// model `formula` fitted to `frame` (read from `file`). Exit 1 when its optimum could not be
/// confirmed.
fn report<F: FittedModel + Tabular + Serialize>(
    args: &Args,
    file: &std::path::Path,
    fit: F,
    frame: Frame,
    formula: &str,
    at: &[(String, Vec<String>)],
    format: Format,
) -> Result<Outcome> {
    let parsed = Formula::parse(formula)?;
    let (fit, inference) = fit.with_ddf(&parsed, &frame, args.ddf, args.level)?;
    let mut summary = LmmSummary::new(fit);
    if let Some(inference) = &inference {
        add_tests(&mut summary, args, &parsed, &frame, inference, at)?;
    }
    draw_charts(args, file, &frame, &summary.fit.fitted_values())?;
    if args.ranef {
        summary.fit = summary.fit.with_ranef();
    }
    super::print(&render(format, &summary)?);
    // An optimum that could not be confirmed is a problem the user must see (exit 1).
    let outcome = if summary.fit.converged() {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    };
    // The process ends after the command: the data, the fit and its design are left to the
    // operating system rather than freed piece by piece (tens of thousands of allocations
    // for 100,000 rows, 2-3 ms, a tenth of the whole command).
    std::mem::forget((summary, frame, inference));
    Ok(outcome)
}

/// `--plot` (with `--time`), `--qq` and `--caterpillar`, drawn from `values`, the fitted
/// values of the model fitted to `frame` (read from `file`, which no chart may overwrite).
fn draw_charts(
    args: &Args,
    file: &std::path::Path,
    frame: &Frame,
    values: &FittedValues,
) -> Result<()> {
    if let (Some(path), Some(time)) = (&args.plot, &args.time) {
        super::args::refuse_overwrite("--plot", path, &[file])?;
        let canvas = args.chart.canvas()?;
        let chart = time_chart(values, frame, time, args.treatment_start, args.level)?;
        let chart = chart.relabelled(
            args.chart.title.as_deref(),
            args.chart.xlab.as_deref(),
            args.chart.ylab.as_deref(),
        );
        trialstats::plot::render(&chart, path, canvas)?;
    }
    let diagnostics: [(&Option<PathBuf>, DiagnosticChart); 2] = [
        (&args.qq, |f| residual_qq_chart(f).into()),
        (&args.caterpillar, |f| caterpillar_chart(f).into()),
    ];
    for (path, chart) in diagnostics {
        if let Some(path) = path {
            super::args::refuse_overwrite("--qq/--caterpillar", path, &[file])?;
            trialstats::plot::render(&chart(values), path, args.chart.canvas()?)?;
        }
    }
    Ok(())
}

/// `--anova` and `--contrast`, added to `summary` from `inference` on the model `parsed`
/// fitted to `frame`.
fn add_tests<F>(
    summary: &mut LmmSummary<F>,
    args: &Args,
    parsed: &Formula,
    frame: &Frame,
    inference: &FixedInference,
    at: &[(String, Vec<String>)],
) -> Result<()> {
    if args.anova {
        summary.anova = Some(anova(parsed, frame, inference)?);
    }
    if let Some(variable) = &args.contrast {
        let (means, differences) = emmeans(parsed, frame, inference, variable, at, args.level)?;
        summary.emmeans = Some(means);
        summary.emmeans_held = Some(held_variables(parsed, frame, variable, at));
        summary.contrasts = Some(differences);
    }
    Ok(())
}

/// A model-checking chart drawn from a fit's values (`--qq`, `--caterpillar`).
type DiagnosticChart = fn(&FittedValues) -> Chart;

#[derive(Debug, clap::Subcommand)]
pub enum LmmCommand {
    /// Likelihood-ratio test of two nested models, both refitted by ML (lme4's anova).
    Compare(CompareArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// CSV file with a header row.
    pub file: PathBuf,
    /// The two model formulas: give --formula twice.
    #[arg(long, num_args = 1)]
    pub formula: Vec<String>,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    if let Some(LmmCommand::Compare(c)) = args.command {
        return run_compare(c);
    }
    let format: Format = args.format.parse()?;
    let file = args.file.clone().ok_or_else(|| {
        Error::usage("give the CSV file: trialstats lmm FILE.csv --formula '...'".into())
    })?;
    let formula = args.formula.clone().ok_or_else(|| {
        Error::input(
            "--formula",
            "missing; for example --formula 'y ~ month + (month | patient)'",
        )
    })?;
    let at = args
        .at
        .iter()
        .map(|a| parse_at(a))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if args.ddf == Ddf::None && (args.anova || args.contrast.is_some()) {
        return Err(Error::input(
            "--ddf",
            "--anova and --contrast need denominator df: use --ddf satterthwaite, kenward-roger or containment",
        ));
    }
    let references = ReferenceLevels::parse(&args.reference)?;
    if let Some(residual) = &args.residual {
        let structure = residual.parse()?;
        let (fit, frame) =
            fit_correlated_csv_with_frame(&file, &formula, &structure, !args.ml, &references)?;
        return report(&args, &file, fit, frame, &formula, &at, format);
    }
    let (fit, frame) = fit_csv_with_references(&file, &formula, !args.ml, &references)?;
    report(&args, &file, fit, frame, &formula, &at, format)
}

fn run_compare(args: CompareArgs) -> Result<Outcome> {
    let format: Format = args.format.parse()?;
    if args.formula.len() != 2 {
        return Err(Error::input(
            "--formula",
            format!(
                "give exactly two formulas (--formula twice), got {}",
                args.formula.len()
            ),
        ));
    }
    let test = compare_csv(&args.file, &args.formula[0], &args.formula[1])?;
    super::print(&render(format, &test)?);
    Ok(if test.models.iter().all(|m| m.converged) {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    })
}
