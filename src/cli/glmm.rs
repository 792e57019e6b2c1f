//! `trialstats glmm`: fit a generalised linear mixed model (lme4's `glmer`, glmmTMB's
//! `nbinom2`, `Gamma`, `beta_family` and `betabinomial`, with its `dispformula` and `ziformula`; ordinal's
//! `clmm` for ordered categories) to a CSV file, or `trialstats glmm compare` two nested models by a
//! likelihood-ratio test. Exit 1 when an optimum could not be confirmed or an estimate is
//! infinite (the output says so), 2 on bad input.

use std::path::PathBuf;
use trialstats::charts::glmm_charts::observed_fitted_chart;
use trialstats::glmm::{
    Family, GlmmFit, GlmmOptions, ObservedFittedRequest, SideModels, compare_csv,
    fit_csv_with_frame,
};
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::frame::Frame;
use trialstats::output::{Format, render};
use trialstats::{Error, Outcome, Result};

/// The formula grammar, shown after `trialstats glmm --help`.
const FORMULA_GRAMMAR: &str = "\
Formulas (a subset of lme4's):
  response ~ fixed terms + offset(log(exposure)) + (random terms | group)
  response      counts (poisson, negbin); for binomial a 0/1 column, or
                cbind(events, trials - events), or cbind(events, failures);
                for betabinomial cbind( ) only; values > 0 (gamma);
                proportions strictly inside (0, 1) (beta)
  fixed terms   numeric columns as they are; text columns and factor(x) are categorical
                (treatment coding, the first level in sorted order is the reference);
                a + b, a:b, a * b; a leading 0 + or a trailing - 1 drops the intercept
  offset(x)     a known term with coefficient 1; offset(log(years)) makes the model one of
                rates per year (the column must be > 0)
  random terms  (1 | g) intercept, (x | g) intercept and slope, (x || g) uncorrelated;
                several grouping factors, crossed (1 | a) + (1 | b) or nested (1 | a/b),
                as lme4's glmer (Laplace); none at all fits a plain GLM
Families: poisson (log link), binomial (logit), negbin (log link, Var = mu + mu^2/theta,
theta estimated with the model, as glmmTMB's nbinom2), gamma (log link, Var = mu^2/shape,
glmmTMB's Gamma(link = \"log\")), beta (logit link, Var = mu(1 - mu)/(1 + phi), glmmTMB's
beta_family()), betabinomial (successes out of n trials, logit link,
Var = n mu(1 - mu)(phi + n)/(phi + 1), glmmTMB's betabinomial(): a binomial whose
probability varies as a beta with precision phi), ordinal (ordered categories such as the mRS 0-6: cumulative logit,
logit P(Y <= j) = threshold_j - eta, one threshold between each two levels and no
intercept in eta, as ordinal's clmm; whole-number scores are ordered numerically, other
levels by --levels 'none<mild<severe'; a positive coefficient moves the response up).
Dispersion formula (negbin, gamma, beta, betabinomial): --dispformula '~ arm' makes the log
dispersion (log theta, log shape, log phi) linear in fixed terms, as glmmTMB's dispformula; its
coefficients are printed on that log scale (glmmTMB's fixef(m)$disp).
Zero inflation (poisson, negbin): --ziformula '~ 1' (or '~ arm', '~ arm * period') adds
structural zeros, P(y = 0) = pi + (1 - pi) f(0), P(y > 0) = (1 - pi) f(y), with logit(pi)
linear in fixed terms, as glmmTMB's ziformula; the random effects stay in the count model.
Its coefficients are printed on the logit scale (glmmTMB's fixef(m)$zi).
Rows with a missing value (empty or NA) in a used column are dropped, as R's na.omit.
Exit codes: 0 fitted; 1 the optimum could not be confirmed or an estimate is infinite
(separation; the output says so); 2 bad input.
Example: trialstats glmm data/synthetic/relapses_prepost_synthetic.csv --family poisson \\
           --formula 'relapses ~ period + offset(log(years)) + (1 | patient)' --exp";

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, after_help = FORMULA_GRAMMAR)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<GlmmCommand>,
    /// CSV file with a header row; "NA" and empty cells are missing (those rows are dropped).
    pub file: Option<PathBuf>,
    /// The reference level of a categorical variable, VAR=LEVEL (repeatable; e.g.
    /// arm=placebo): every other level is compared with it (R's relevel). Default: the first
    /// level in sorted order.
    #[arg(long, value_name = "VAR=LEVEL")]
    pub reference: Vec<String>,
    /// Model formula, e.g. 'relapses ~ period + offset(log(years)) + (1 | patient)'.
    #[arg(long)]
    pub formula: Option<String>,
    #[command(flatten)]
    pub model: ModelArgs,
    /// One-sided formula of the log dispersion, e.g. '~ arm' (negbin, gamma, beta,
    /// betabinomial; glmmTMB's dispformula). Default: one dispersion for all rows.
    #[arg(long, value_name = "FORMULA")]
    pub dispformula: Option<String>,
    /// One-sided formula of the logit of the probability of a structural zero, e.g. '~ 1' or
    /// '~ arm' (poisson, negbin; glmmTMB's ziformula). Default: no zero inflation.
    #[arg(long, value_name = "FORMULA")]
    pub ziformula: Option<String>,
    /// The order of an ordinal response's levels, lowest first, e.g. 'none<mild<severe'
    /// (--family ordinal). Default: whole-number scores in numeric order; text or other
    /// values need this.
    #[arg(long, value_name = "LOW<...<HIGH")]
    pub levels: Option<String>,
    /// Also show exp(estimate) with its confidence interval: rate ratios (poisson, negbin),
    /// ratios of means (gamma) or odds ratios (binomial, betabinomial, beta, and cumulative
    /// odds ratios of a higher category for ordinal).
    #[arg(long)]
    pub exp: bool,
    /// Confidence level of the --exp intervals and of the observed values' intervals (--by,
    /// --plot).
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    pub level: ConfidenceLevel,
    /// Also show the conditional modes of the random effects (lme4's ranef) for every group
    /// of every grouping factor.
    #[arg(long)]
    pub ranef: bool,
    /// Output format: table, json or csv (fixed effects).
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Compare the observed response with the model's fitted one in each level of this
    /// categorical fixed effect (e.g. arm): the mean, proportion or category shares with its
    /// confidence interval beside the mean prediction at random effects 0. Default (for --plot
    /// and JSON): the formula's first categorical fixed effect.
    #[arg(long, value_name = "VARIABLE")]
    pub by: Option<String>,
    /// With --by or --plot: also split each level by this numeric fixed effect (a visit or
    /// time column with at most 30 values, e.g. week); not for --family ordinal.
    #[arg(long, value_name = "VARIABLE")]
    pub time: Option<String>,
    /// Draw the observed and fitted values by level (--by) to this file (.png or .svg).
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Size, resolution, title and axis labels of the --plot chart.
    #[command(flatten)]
    pub chart: super::args::ChartOptions,
}

#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// Response distribution: poisson, negbin, binomial, betabinomial, gamma, beta or ordinal.
    #[arg(long)]
    pub family: Option<String>,
    /// Quadrature nodes per group: 1 is the Laplace approximation (lme4's default); more
    /// (up to 25) is adaptive Gauss-Hermite quadrature, for one scalar random effect of one
    /// grouping factor.
    #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    pub nagq: i64,
}

impl ModelArgs {
    fn options(&self) -> Result<GlmmOptions> {
        let family: Family = self
            .family
            .as_deref()
            .ok_or_else(|| {
                Error::input(
                    "--family",
                    "missing; allowed: poisson, negbin, binomial, betabinomial, gamma, beta, ordinal",
                )
            })?
            .parse()?;
        if !(1..=25).contains(&self.nagq) {
            return Err(Error::input(
                "--nagq",
                format!(
                    "{}: the number of quadrature nodes must be 1 (Laplace) to 25",
                    self.nagq
                ),
            ));
        }
        Ok(GlmmOptions {
            family,
            nagq: self.nagq as usize,
        })
    }
}

#[derive(Debug, clap::Subcommand)]
pub enum GlmmCommand {
    /// Likelihood-ratio test of two nested models (lme4's anova).
    Compare(CompareArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// CSV file with a header row.
    pub file: PathBuf,
    /// The two model formulas: give --formula twice.
    #[arg(long, num_args = 1)]
    pub formula: Vec<String>,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    if let Some(GlmmCommand::Compare(c)) = args.command {
        return run_compare(c);
    }
    let format: Format = args.format.parse()?;
    let file = args.file.clone().ok_or_else(|| {
        Error::usage(
            "give the CSV file: trialstats glmm FILE.csv --formula '...' --family poisson".into(),
        )
    })?;
    let formula = args.formula.clone().ok_or_else(|| {
        Error::input(
            "--formula",
            "missing; for example --formula 'relapses ~ period + offset(log(years)) + (1 | patient)'",
        )
    })?;
    let options = args.model.options()?;
    let references = trialstats::lmm::ReferenceLevels::parse(&args.reference)?;
    let side = SideModels {
        dispformula: args.dispformula.as_deref(),
        ziformula: args.ziformula.as_deref(),
        levels: args.levels.as_deref(),
    };
    if let Some(path) = &args.plot {
        // Before the fit: a file name the chart cannot be written to is refused at once.
        trialstats::plot::ImageFormat::from_path(path)?;
        super::args::refuse_overwrite("--plot", path, &[&file])?;
    }
    let (mut fit, frame) = fit_csv_with_frame(&file, &formula, side, options, &references)?;
    fit = with_observed_vs_fitted(fit, &frame, &args, format)?;
    if let Some(path) = &args.plot {
        draw_plot(&fit, path, &args.chart)?;
    }
    if args.exp {
        fit = fit.with_ratios(args.level);
    }
    if args.ranef {
        fit = fit.with_ranef();
    }
    super::print(&render(format, &fit)?);
    // An unconfirmed optimum or an infinite estimate is a problem the user must see (exit 1).
    Ok(if fit.converged && fit.warnings.is_empty() {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    })
}

/// `fit` with its observed and fitted values by level: as `--by`, `--time` and `--plot` ask
/// (their refusals name them), or in JSON by the first categorical fixed effect where the
/// formula has one.
fn with_observed_vs_fitted(
    fit: GlmmFit,
    frame: &Frame,
    args: &Args,
    format: Format,
) -> Result<GlmmFit> {
    let request = ObservedFittedRequest {
        by: args.by.as_deref(),
        time: args.time.as_deref(),
        level: args.level,
    };
    let asked = args.by.is_some() || args.time.is_some() || args.plot.is_some();
    if asked {
        Ok(fit.with_observed_vs_fitted(frame, &request)?)
    } else if format == Format::Json {
        // Without a categorical fixed effect the JSON has no such keys.
        let summary = fit.summarise_observed_vs_fitted(frame, &request).ok();
        Ok(GlmmFit {
            observed_vs_fitted: summary,
            ..fit
        })
    } else {
        Ok(fit)
    }
}

/// Draws `fit`'s observed and fitted values by level to `path` (`--plot`), with the chart
/// options' size, title and axis labels.
fn draw_plot(
    fit: &GlmmFit,
    path: &std::path::Path,
    options: &super::args::ChartOptions,
) -> Result<()> {
    let canvas = options.canvas()?;
    let Some(summary) = &fit.observed_vs_fitted else {
        return Ok(());
    };
    let mut chart = observed_fitted_chart(summary);
    if let Some(title) = &options.title {
        chart.title = title.clone();
    }
    if let Some(xlab) = &options.xlab {
        chart.x_label = xlab.clone();
    }
    if let Some(ylab) = &options.ylab {
        chart.y_label = ylab.clone();
    }
    trialstats::plot::render(&chart.into(), path, canvas)?;
    Ok(())
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
    let options = args.model.options()?;
    let test = compare_csv(&args.file, &args.formula[0], &args.formula[1], options)?;
    super::print(&render(format, &test)?);
    Ok(if test.test.models.iter().all(|m| m.converged) {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    })
}
