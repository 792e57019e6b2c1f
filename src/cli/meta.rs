//! `trialstats meta`: read effect sizes (and moderators) from a CSV file
//! (`trialstats::meta::input`), fit the meta-analysis with `trialstats::meta::fit`, print it;
//! or pool the studies of a data folder (`trialstats::analysis::poolable_sets`).

use std::path::{Path, PathBuf};
use trialstats::analysis::{self, AnalysisOptions};
use trialstats::csv_file::CsvFile;
use trialstats::effect::MeasureCode;
use trialstats::level::ConfidenceLevel;
use trialstats::meta::input::{Columns, Effects};
use trialstats::meta::{self, MetaOptions, Method, Test};
use trialstats::output::{Format, render};
use trialstats::{Error, Outcome, Result};

/// The analyses computed for inverse-variance weights only, refused with --weights and
/// --unweighted.
const WEIGHTED_ONLY: [&str; 15] = [
    "data",
    "subgroup",
    "cumulative",
    "trimfill",
    "fsn",
    "ranktest",
    "pet_peese",
    "selmodel",
    "cluster",
    "robust",
    "bayes",
    "baujat",
    "leave_one_out",
    "influence",
    "blup",
];

/// The options live behind a `Box` so that the `Command` enum stays small.
#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE_NO_CHECKS, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<MetaCommand>,
    #[command(flatten)]
    options: Box<MetaArgs>,
}

#[derive(Debug, clap::Subcommand)]
pub enum MetaCommand {
    /// Likelihood-ratio test of two nested meta-regressions, both fitted by ML (metafor's
    /// anova(res1, res2)): trialstats meta compare FILE.csv --yi COL --vi COL --model ablat
    /// --model ablat,year.
    Compare(CompareArgs),
    /// Mantel-Haenszel fixed-effect model of 2x2 tables (metafor's rma.mh): pooled OR, RR or
    /// RD, heterogeneity test, and for the OR the Cochran-Mantel-Haenszel and Tarone tests.
    Mh(super::meta_tables::MantelHaenszelArgs),
    /// Peto's one-step odds ratio of 2x2 tables (metafor's rma.peto).
    Peto(super::meta_tables::TablesArgs),
    /// Binomial-normal model of 2x2 tables for rare events (metafor's rma.glmm, model UM.FS),
    /// fitted by the GLMM.
    Glmm(super::meta_tables::GlmmArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The two models' moderators, comma-separated columns ('' for the model without
    /// moderators): give --model twice.
    #[arg(long, num_args = 1)]
    model: Vec<String>,
    #[command(flatten)]
    options: Box<MetaArgs>,
}

#[derive(Debug, clap::Args)]
pub struct MetaArgs {
    /// CSV file with a header row, one study per row (or give --data).
    #[arg(required_unless_present = "data")]
    pub file: Option<PathBuf>,
    /// Pool the studies of this data folder instead: every before/after measure, or with a
    /// between-arm --effect every per-arm measure or count, that two or more studies report.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["file", "yi", "vi", "sei", "measure", "mods", "forest", "funnel", "baujat", "bubble", "subgroup", "cumulative", "trimfill", "fsn", "ranktest", "pet_peese", "selmodel", "bayes_forest", "bayes_densities"])]
    pub data: Option<PathBuf>,
    /// With --data: the effect size to pool: before/after (MC, SMCC, SMCR, SMCRH, ROMC) or
    /// between the arms of trials (MD, SMD, ROM; RR, OR, RD; IRR, IRD) [default: SMCR].
    #[arg(long, requires = "data")]
    pub effect: Option<String>,
    /// With --data and MD or SMD: pool the change scores of per-arm measures (baseline to the
    /// last time point, change SD from the pre/post r) instead of the values at the last time
    /// point.
    #[arg(long, requires = "data")]
    pub change_scores: bool,
    /// Column of effect estimates (or give --measure to compute them from raw columns).
    #[arg(long, required_unless_present_any = ["measure", "data"])]
    pub yi: Option<String>,
    /// Compute yi and vi from raw columns with metafor's names, as `trialstats effect
    /// --input` does (for example --measure RR with ai, bi, ci, di).
    #[arg(long, conflicts_with_all = ["yi", "vi", "sei"])]
    pub measure: Option<String>,
    /// With --measure: how a study's median (median1i with q1_1i, q3_1i and/or min1i, max1i)
    /// becomes its mean and SD. The methods of `convert median --method` (luo-wan-shi default,
    /// wan2014, wan2014-exact, hozo2005, bland2015, walter2007, blue, qe, bc, mln); named
    /// --median-method here because --method is the τ² estimator.
    #[arg(long, requires = "measure", default_value = "luo-wan-shi")]
    pub median_method: trialstats::convert::MedianMethod,
    /// With --measure: the method of the mean alone (any of --median-method's).
    #[arg(long, requires = "measure")]
    pub median_mean_method: Option<trialstats::convert::MedianMethod>,
    /// With --measure: the method of the SD alone (any of --median-method's).
    #[arg(long, requires = "measure")]
    pub median_sd_method: Option<trialstats::convert::MedianMethod>,
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
    /// A row missing a value in a column the model reads (estimates, variances, raw columns of
    /// --measure, moderators, grouping columns): omit leaves it out and lists it (metafor's
    /// na.action = na.omit; JSON: omitted), fail refuses the file naming the row and column.
    #[arg(long, value_name = "ACTION", default_value = "omit")]
    pub na: String,
    /// Estimate the coefficients with the weights of this column (metafor's rma(weights = ));
    /// tau^2, Q and I^2 are unchanged, except with --method GENQ, which estimates tau^2 with
    /// them.
    #[arg(long, value_name = "COL", conflicts_with_all = WEIGHTED_ONLY)]
    pub weights: Option<String>,
    /// Estimate the coefficients by unweighted least squares (metafor's weighted = FALSE).
    #[arg(long, conflicts_with_all = WEIGHTED_ONLY, conflicts_with = "weights")]
    pub unweighted: bool,
    /// Estimator of tau^2: FE, DL, HE, HS, HSk, SJ, ML, REML, EB, PM, PMM, DLIT, SJIT or GENQ
    /// (with --weights).
    #[arg(long, default_value = "REML")]
    pub method: String,
    /// Fix tau^2 at this value instead of estimating it (metafor's rma(..., tau2 = VALUE)); the
    /// leave-one-out, influence and subgroup refits keep it.
    #[arg(long, value_name = "VALUE", conflicts_with_all = ["tau2_init", "cluster"])]
    pub tau2: Option<String>,
    /// With --method SJ: start the Sidik-Jonkman estimator from this tau^2 (metafor's
    /// control = list(tau2.init = VALUE)) instead of the variance of the estimates.
    #[arg(long, value_name = "VALUE")]
    pub tau2_init: Option<String>,
    /// Moderator columns, comma-separated; a non-numeric column is categorical (treatment
    /// coding, first level in sorted order as reference).
    #[arg(long, value_delimiter = ',')]
    pub mods: Vec<String>,
    /// Tests of the coefficients: z, knha (Knapp-Hartung t and F tests) or adhoc
    /// (Knapp-Hartung never narrower than the standard random-effects interval, as metafor's
    /// test = "adhoc").
    #[arg(long, default_value = "z")]
    pub test: String,
    /// Confidence interval for tau^2 (and I^2, H^2): QP (Q-profile; the default), PL (profile
    /// likelihood: REML for a REML fit, ML otherwise), Wald, or GENQ (generalised Q, for
    /// --method GENQ, and its default there) (metafor's confint types).
    #[arg(long, value_name = "TYPE")]
    pub tau2_ci: Option<String>,
    /// Confidence level of every interval.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    pub level: ConfidenceLevel,
    /// Also print the leave-one-out table (models without moderators).
    #[arg(long)]
    pub leave_one_out: bool,
    /// Also print the influence diagnostics (studentised residuals, Cook's distance, hat values).
    #[arg(long)]
    pub influence: bool,
    /// Also print, per study, the fitted value, the BLUP of the true effect and of the random
    /// effect with SE and prediction interval, the standardised residual and the hat value
    /// (metafor's fitted, blup, ranef, rstandard, hatvalues).
    #[arg(long)]
    pub blup: bool,
    /// Wald test (chi^2, or F under Knapp-Hartung) that these coefficients are all 0: positions
    /// counted from 1 = intercept (ranges 2:4) or names, comma-separated (metafor's btt).
    #[arg(long, value_name = "COEFS", conflicts_with_all = ["cluster", "data"])]
    pub btt: Option<String>,
    /// Predict the effect at these moderator values, one number per moderator column after
    /// the intercept (comma-separated; repeat the option for more rows): estimate, SE, CI and
    /// prediction interval (metafor's predict(res, newmods = ...)).
    #[arg(long, value_name = "VALUES", conflicts_with_all = ["data"], allow_hyphen_values = true)]
    pub newmods: Vec<String>,
    /// Test this linear combination of the coefficients: one weight per coefficient, or per
    /// coefficient after the intercept (intercept weight 1), comma-separated; repeat for more
    /// rows; with the omnibus test of all rows (metafor's anova(res, X = ...)).
    #[arg(long, value_name = "WEIGHTS", conflicts_with_all = ["cluster", "data"], allow_hyphen_values = true)]
    pub contrast: Vec<String>,
    /// Test every pairwise difference of these coefficients (positions or names, as --btt;
    /// metafor's pairmat(btt = ...)).
    #[arg(long, value_name = "COEFS", conflicts_with_all = ["cluster", "data"])]
    pub pairwise: Option<String>,
    /// Adjust the p-values of --contrast/--pairwise for multiplicity: none, bonferroni, holm,
    /// hochberg, BH or BY (R's p.adjust).
    #[arg(long, value_name = "METHOD", default_value = "none")]
    pub adjust: String,
    /// Also print the covariance matrix of the coefficients (metafor's vcov; always in JSON as
    /// vcov).
    #[arg(long)]
    pub vcov: bool,
    /// Also print the k x k hat matrix (metafor's hatvalues(res, type = "matrix")); up to
    /// 5000 studies.
    #[arg(long)]
    pub hat_matrix: bool,
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
    /// Draw the Baujat plot (each study's squared Pearson residual against its influence on
    /// the pooled estimate, as metafor's baujat(); models without moderators) to this file
    /// (.png or .svg).
    #[arg(long, value_name = "FILE")]
    pub baujat: Option<PathBuf>,
    /// Draw the bubble plot of a meta-regression on one numeric moderator (--mods COL):
    /// studies sized by weight, the regression line and its confidence band, as metafor's
    /// regplot(); to this file (.png or .svg).
    #[arg(long, value_name = "FILE", requires = "mods")]
    pub bubble: Option<PathBuf>,
    /// The effects are log ratios (RR, OR, ROM, IRR …): give the pooled estimate and its
    /// intervals also on the ratio scale (exp, as metafor's predict(transf = exp)), and draw
    /// the forest plots on it.
    #[arg(long)]
    pub exp: bool,
    /// The effects are Fisher z values (--measure ZCOR): give the pooled estimate and its
    /// intervals also as correlations (tanh, as metafor's predict(transf = transf.ztor)).
    #[arg(long, conflicts_with = "exp")]
    pub ztor: bool,
    /// Size, resolution, title and axis label of the --forest and --funnel charts.
    #[command(flatten)]
    pub chart: super::args::ChartOptions,
    /// Draw the cumulative forest plot (with --cumulative) to this file (.png or .svg).
    #[arg(long, value_name = "FILE", requires = "cumulative")]
    pub cumulative_forest: Option<PathBuf>,
    /// Draw the leave-one-out forest plot (with --leave-one-out) to this file (.png or .svg).
    #[arg(long, value_name = "FILE", requires = "leave_one_out")]
    pub leave_one_out_forest: Option<PathBuf>,
    /// Subgroup analysis by this column: a separate model (own tau^2) per subgroup and the
    /// test for subgroup differences (for a common tau^2, use --mods COL).
    #[arg(long, value_name = "COL")]
    pub subgroup: Option<String>,
    /// Cumulative meta-analysis, adding the studies in the order of this column.
    #[arg(long, value_name = "COL")]
    pub cumulative: Option<String>,
    /// Trim and fill (Duval & Tweedie) with estimator L0 (default) or R0.
    #[arg(long, value_name = "ESTIMATOR", num_args = 0..=1, default_missing_value = "L0")]
    pub trimfill: Option<String>,
    /// Fail-safe N (Rosenthal, Orwin, Rosenberg; alpha 0.05).
    #[arg(long)]
    pub fsn: bool,
    /// With --fsn: Orwin's fail-safe N for this target effect, from the unweighted and the
    /// weighted mean (metafor's fsn(type = "Orwin", target = T)), and the General method's
    /// (fsn(type = "General", target = T)).
    #[arg(long, value_name = "T", requires = "fsn", allow_hyphen_values = true)]
    pub fsn_target: Option<f64>,
    /// With --fsn: the General method refits the model with the missing studies added
    /// (metafor's fsn(type = "General", exact = TRUE)) instead of its approximation.
    #[arg(long, requires = "fsn")]
    pub fsn_exact: bool,
    /// Begg and Mazumdar's rank correlation test.
    #[arg(long)]
    pub ranktest: bool,
    /// PET-PEESE limit estimates (regressions on the standard error and on the variance).
    #[arg(long)]
    pub pet_peese: bool,
    /// Selection model (metafor's selmodel): a function, stepfun, beta, halfnorm, negexp,
    /// logistic, power or trunc (truncated distribution), or the step function's one-sided
    /// p-value cut points (e.g. 0.025 or 0.025,0.5); with --mods, of the meta-regression (its
    /// coefficients and QM).
    #[arg(long, value_name = "TYPE|CUTS")]
    pub selmodel: Option<String>,
    /// With --selmodel: the step function's cut points, or the threshold alpha below which
    /// halfnorm, negexp, logistic and power select nothing against, or trunc's threshold on
    /// the scale of the estimates (0 by default) (metafor's steps).
    #[arg(long, value_name = "CUTS", requires = "selmodel")]
    pub selmodel_steps: Option<String>,
    /// With --selmodel: fixed values of the selection parameters, NA for those to estimate
    /// (metafor's delta), e.g. 1,NA,0.5.
    #[arg(long, value_name = "LIST", requires = "selmodel")]
    pub selmodel_delta: Option<String>,
    /// With --selmodel: lower search limits of the selection parameters, one value or one
    /// each (metafor's control delta.min).
    #[arg(long, value_name = "LIST", requires = "selmodel")]
    pub selmodel_delta_min: Option<String>,
    /// With --selmodel: upper search limits (metafor's control delta.max; 100 by default).
    #[arg(long, value_name = "LIST", requires = "selmodel")]
    pub selmodel_delta_max: Option<String>,
    /// With --selmodel stepfun: keep the selection probabilities non-increasing in the
    /// p-value (metafor's decreasing = TRUE).
    #[arg(long, requires = "selmodel")]
    pub selmodel_decreasing: bool,
    /// With --selmodel: the p-values selected on: greater (one-sided, the default), less, or
    /// two.sided (metafor's alternative).
    #[arg(long, value_name = "SIDE", requires = "selmodel")]
    pub selmodel_alternative: Option<String>,
    /// With --selmodel stepfun, halfnorm, negexp, logistic or power: selection depending on
    /// each study's precision (metafor's prec): sei, vi, ninv (1/n) or sqrtninv (1/sqrt(n));
    /// the last two need --selmodel-ni.
    #[arg(long, value_name = "MEASURE", requires = "selmodel")]
    pub selmodel_prec: Option<String>,
    /// With --selmodel-prec: divide each study's precision by the largest (metafor's
    /// scaleprec; true by default).
    #[arg(long, value_name = "BOOL", requires = "selmodel_prec")]
    pub selmodel_scaleprec: Option<bool>,
    /// With --selmodel-prec ninv or sqrtninv: the column of each study's sample size
    /// (metafor's ni).
    #[arg(long, value_name = "COL", requires = "selmodel_prec")]
    pub selmodel_ni: Option<String>,
    /// With --selmodel: also the profile-likelihood intervals of tau^2 and of each estimated
    /// selection parameter (metafor's confint() of the selection model; one refit per step).
    #[arg(long, requires = "selmodel")]
    pub selmodel_profile_ci: bool,
    /// Three-level model: several effects per cluster (rma.mv with random = ~ 1 | COL/id), by
    /// REML or ML, with --mods; --test knha gives t tests with k - p df.
    #[arg(long, value_name = "COL", conflicts_with_all = ["subgroup", "cumulative", "trimfill", "fsn", "ranktest", "pet_peese", "selmodel", "leave_one_out", "influence", "forest", "funnel", "baujat", "bubble", "studies"])]
    pub cluster: Option<String>,
    /// With --cluster: the column identifying each effect within its cluster (default: each
    /// row is its own effect).
    #[arg(long, value_name = "COL", requires = "cluster")]
    pub id: Option<String>,
    /// Cluster-robust tests of the coefficients, clustered by this column, as metafor's
    /// robust(); --btt, --contrast and --newmods then use the robust covariance too.
    #[arg(long, value_name = "COL")]
    pub robust: Option<String>,
    /// With --robust: CR2 (clubSandwich: Satterthwaite df, HTZ test), CR1 (factor J/(J-p),
    /// t on J - p df: robust(adjust = TRUE)) or CR0 (no factor: adjust = FALSE).
    #[arg(long, value_name = "TYPE", default_value = "CR2", requires = "robust")]
    pub robust_type: String,
    /// Also fit the Bayesian random-effects model (normal-normal, exact posterior by
    /// integration over tau): posteriors of mu, tau and a new study's effect, shrinkage
    /// estimates, Bayes factors. Needs --tau-prior; models without moderators. With --data,
    /// for every pooled measure.
    #[arg(long, conflicts_with_all = ["cluster"])]
    pub bayes: bool,
    /// With --bayes: the prior on tau: half-normal:S, half-cauchy:S, half-t:S,DF,
    /// exponential:RATE, uniform:MAX, uniform (improper), log-normal:MU,SIGMA (of ln tau), or
    /// turner:OUTCOME,COMPARISON / turner:any (Turner et al. 2015, Table IV; log odds ratios).
    #[arg(long, value_name = "PRIOR", requires = "bayes")]
    pub tau_prior: Option<String>,
    /// With --bayes: the prior on mu: normal:MEAN,SD [default: improper uniform].
    #[arg(long, value_name = "PRIOR", requires = "bayes")]
    pub mu_prior: Option<String>,
    /// With --bayes: a clinically relevant effect; P(mu beyond it) is reported (P(mu < T) for
    /// T < 0, P(mu > T) otherwise), on the scale of the estimates (log scale for ratios).
    #[arg(long, value_name = "T", requires = "bayes", allow_hyphen_values = true)]
    pub threshold: Option<f64>,
    /// With --bayes: draw the Bayesian forest plot (each study's observed interval with its
    /// shrinkage interval under it, mu's posterior median and interval, the prediction
    /// interval) to this file (.png or .svg).
    #[arg(long, value_name = "FILE", requires = "bayes")]
    pub bayes_forest: Option<PathBuf>,
    /// With --bayes: draw the posterior densities (mu; tau with its prior; the joint density
    /// of mu and tau) to this file (.png or .svg).
    #[arg(long, value_name = "FILE", requires = "bayes")]
    pub bayes_densities: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        Some(MetaCommand::Compare(c)) => return run_compare(c),
        Some(MetaCommand::Mh(a)) => return super::meta_tables::run_mh(a),
        Some(MetaCommand::Peto(a)) => return super::meta_tables::run_peto(a),
        Some(MetaCommand::Glmm(a)) => return super::meta_tables::run_glmm(a),
        None => {}
    }
    let args = *args.options;
    refuse_conflicting_options(&args)?;
    let format: Format = args.format.parse()?;
    let method = method_of(&args)?;
    let options = MetaOptions {
        method,
        test: args.test.parse::<Test>()?,
        level: args.level,
        leave_one_out: args.leave_one_out,
        influence: args.influence,
        per_study: args.blup,
        hat_matrix: args.hat_matrix,
        tau2_interval: match &args.tau2_ci {
            Some(t) => t.parse()?,
            None if method == Method::GENQ => meta::Tau2Interval::GeneralisedQ,
            None => meta::Tau2Interval::QProfile,
        },
    };
    if let Some(dir) = &args.data {
        return run_data(dir, &args, &options, format);
    }
    let (data, request, clusters, omitted, weights) = read_csv(&args)?;
    if let Some(clusters) = clusters {
        let study = CsvStudies {
            data: &data,
            request: &request,
            omitted: &omitted,
        };
        return run_multilevel(&args, &study, clusters, &options, format);
    }
    let bayes_options = bayes_options(&args, &data)?;
    let mut fit = fit_univariate(
        &args,
        &data,
        &options,
        &request,
        weights,
        bayes_options.as_ref(),
    )?;
    write_charts(
        &args,
        &fit,
        &data,
        &options,
        &request,
        bayes_options.as_ref(),
    )?;
    if !args.studies {
        fit.studies.clear();
    }
    let mut out = render_with_omitted(format, &fit, &omitted)?;
    if format != Format::Json {
        push_tables(&mut out, format, &fit, &data, &args)?;
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// Refuses --r without a measure or --data, and one file for both --forest and --funnel.
fn refuse_conflicting_options(args: &MetaArgs) -> Result<()> {
    if args.r.is_some() && args.measure.is_none() && args.data.is_none() {
        return Err(Error::input(
            "--r",
            "a pre/post correlation is used with --measure MC/SMCC/SMCR/SMCRH/ROMC or --data; estimates given with --yi already carry theirs",
        ));
    }
    if let (Some(forest), Some(funnel)) = (&args.forest, &args.funnel) {
        if forest == funnel {
            return Err(Error::input(
                "--funnel",
                format!(
                    "'{}' is also the --forest file; give the two charts different names",
                    funnel.display()
                ),
            ));
        }
    }
    Ok(())
}

/// The studies read from the CSV file, the analyses asked for beyond the fit and the rows
/// left out for missing values.
struct CsvStudies<'a> {
    data: &'a meta::MetaData,
    request: &'a meta::ReviewRequest,
    omitted: &'a meta::input::Omitted,
}

/// `--cluster` (and `--id`): fits the three-level model and prints it, with its random
/// effects and predictions.
fn run_multilevel(
    args: &MetaArgs,
    study: &CsvStudies,
    (cluster, id): (NamedColumn, Option<NamedColumn>),
    options: &MetaOptions,
    format: Format,
) -> Result<Outcome> {
    let columns = meta::fitting::multilevel::ClusterColumns {
        cluster: (&cluster.0, &cluster.1),
        id: id.as_ref().map(|(n, v)| (n.as_str(), &v[..])),
        robust: study
            .request
            .robust
            .as_ref()
            .map(|(n, v)| (n.as_str(), &v[..])),
        robust_type: study.request.robust_type,
    };
    let mut fit = meta::fitting::multilevel::fit_data(study.data, columns, options)?;
    if !args.newmods.is_empty() {
        fit.predictions = Some(fit.predict(&args.newmods)?);
    }
    let mut out = render_with_omitted(format, &fit, study.omitted)?;
    if let (Some(r), true) = (&fit.ranef, format != Format::Json) {
        out.push('\n');
        out.push_str(&render(format, r)?);
    }
    if let (Some(p), true) = (&fit.predictions, format != Format::Json) {
        out.push('\n');
        out.push_str(&render(
            format,
            &meta::output::report::Predictions::of_fit(&fit.coefficients, p),
        )?);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// The two-level model with its weights, the review analyses, --btt, predictions,
/// contrasts, the Bayesian model and the --exp/--ztor back-transformations.
fn fit_univariate(
    args: &MetaArgs,
    data: &meta::MetaData,
    options: &MetaOptions,
    request: &meta::ReviewRequest,
    weights: Option<NamedColumn>,
    bayes_options: Option<&meta::bayes::BayesOptions>,
) -> Result<meta::MetaFit> {
    let weights = weights
        .map(|(_, w)| numeric_weights(&w, data))
        .transpose()?;
    let weighting = match (&weights, args.unweighted) {
        (Some(w), _) => meta::fitting::model::Weighting::User(w),
        (None, true) => meta::fitting::model::Weighting::Unweighted,
        (None, false) => meta::fitting::model::Weighting::InverseVariance,
    };
    let mut fit = meta::rma::fit_weighted(data, options, weighting)?;
    meta::review::add_review(&mut fit, data, options, request)?;
    if let Some(spec) = &args.btt {
        fit.btt = Some(fit.wald_test(spec)?);
        // metafor's selmodel tests the model's btt too.
        if let Some(s) = fit.selmodel.as_mut() {
            s.set_btt(spec)?;
        }
    }
    if !args.newmods.is_empty() {
        fit.predictions = Some(fit.predict(&args.newmods)?);
    } else if fit.robust.is_some() && fit.p == 1 {
        // The pooled estimate's robust CI and prediction interval (metafor's predict(sav)).
        fit.predictions = Some(vec![fit.predict_intercept()?]);
    }
    let adjust: meta::fitting::contrast::PAdjust = args.adjust.parse()?;
    if !args.contrast.is_empty() || args.pairwise.is_some() {
        fit.contrasts = Some(fit.contrasts(&args.contrast, args.pairwise.as_deref(), adjust)?);
    } else if adjust != meta::fitting::contrast::PAdjust::None {
        return Err(Error::input(
            "--adjust",
            "adjusts the p-values of --contrast or --pairwise; give one of them",
        ));
    }
    if let Some(b) = bayes_options {
        fit.bayes = Some(meta::bayes::fit(&data.labels, &data.yi, &data.vi, b)?);
    }
    if args.exp {
        fit.exponentiate();
    }
    if args.ztor {
        fit.z_to_correlation();
    }
    Ok(fit)
}

/// What every chart of a fit shares: the options, the measure, the title and the canvas.
struct ChartText<'a> {
    args: &'a MetaArgs,
    measure: Option<MeasureCode>,
    title: String,
    canvas: trialstats::plot::Canvas,
}

impl ChartText<'_> {
    /// The effect axis's label: the measure's name ("log risk ratio") or the estimates'
    /// column, on the ratio scale when `exponentiate`.
    fn axis_label(&self, exponentiate: bool) -> String {
        match self.measure {
            Some(code) => trialstats::charts::meta_charts::measure_axis_label(code, exponentiate),
            // Without a measure the axis names the column, and says when its ticks are ratios.
            None if exponentiate => {
                format!(
                    "ratio, exp(column {})",
                    self.args.yi.as_deref().unwrap_or("yi")
                )
            }
            None => format!(
                "effect size (column {})",
                self.args.yi.as_deref().unwrap_or("yi")
            ),
        }
    }
}

/// The measure's name as a title ("Log risk ratio"), or "Meta-analysis".
fn measure_title(measure: Option<MeasureCode>, exponentiate: bool) -> String {
    match measure {
        Some(code) => capitalised(&trialstats::charts::meta_charts::measure_axis_label(
            code,
            exponentiate,
        )),
        None => "Meta-analysis".into(),
    }
}

/// Draws every chart asked for: forest and funnel, the Bayesian charts, Baujat, bubble and
/// the cumulative and leave-one-out forests.
fn write_charts(
    args: &MetaArgs,
    fit: &meta::MetaFit,
    data: &meta::MetaData,
    options: &MetaOptions,
    request: &meta::ReviewRequest,
    bayes_options: Option<&meta::bayes::BayesOptions>,
) -> Result<()> {
    // Chart labels from the data: the measure's name ("log risk ratio") or the estimates'
    // column; --title and --xlab override them.
    let measure = match &args.measure {
        Some(code) => Some(code.parse::<MeasureCode>()?),
        None => None,
    };
    let title = args.chart.title_or(format!(
        "{} ({}, {}): {} studies",
        measure_title(measure, args.exp),
        if fit.method == "FE" {
            "fixed effect"
        } else {
            "random effects"
        },
        fit.method,
        fit.k
    ));
    let text = ChartText {
        args,
        measure,
        title,
        canvas: args.chart.canvas()?,
    };
    write_forest_and_funnel(&text, fit, request)?;
    if let (Some(b), Some(options)) = (&fit.bayes, bayes_options) {
        write_bayes_charts(&text, fit, data, options, b)?;
    }
    write_baujat_and_bubble(&text, fit, data, options)?;
    write_sequence_forests(&text, fit)
}

/// Draws --forest (subgrouped with --subgroup: each subgroup's rows, diamond and
/// heterogeneity line, then the test for subgroup differences) and --funnel.
fn write_forest_and_funnel(
    text: &ChartText,
    fit: &meta::MetaFit,
    request: &meta::ReviewRequest,
) -> Result<()> {
    let args = text.args;
    let title = &text.title;
    let forest = match &args.forest {
        None => None,
        Some(_) => {
            let label = args.chart.xlab_or(text.axis_label(args.exp));
            Some(match &request.subgroup {
                Some((column, groups)) => trialstats::charts::meta_charts::subgroup_forest_chart(
                    fit, column, groups, title, &label, args.exp,
                )?,
                None => trialstats::charts::meta_charts::forest_chart(fit, title, &label, args.exp),
            })
        }
    };
    for (path, chart) in [
        (&args.forest, forest.map(Into::into)),
        (
            &args.funnel,
            args.funnel.as_ref().map(|_| {
                // The funnel's x axis is the scale of the analysis: log ratios stay logs.
                let label = args.chart.xlab_or(text.axis_label(false));
                trialstats::charts::meta_charts::funnel_chart(fit, title, &label).into()
            }),
        ),
    ] {
        if let (Some(path), Some(chart)) = (path, chart) {
            super::args::refuse_overwrite("--forest/--funnel", path, &[input_file(args)?])?;
            trialstats::plot::render(&chart, path, text.canvas)?;
        }
    }
    Ok(())
}

/// Draws --bayes-forest and --bayes-densities.
fn write_bayes_charts(
    text: &ChartText,
    fit: &meta::MetaFit,
    data: &meta::MetaData,
    options: &meta::bayes::BayesOptions,
    b: &meta::bayes::BayesFit,
) -> Result<()> {
    let args = text.args;
    let others = [
        &args.forest,
        &args.funnel,
        &args.baujat,
        &args.bubble,
        &args.cumulative_forest,
        &args.leave_one_out_forest,
    ];
    let bayes_title = format!(
        "{} (Bayesian random effects): {} studies",
        measure_title(text.measure, args.exp),
        fit.k
    );
    if let Some(path) = &args.bayes_forest {
        let mut all = others.to_vec();
        all.push(&args.bayes_densities);
        refuse_chart_file(args, "--bayes-forest", path, &all)?;
        let chart = trialstats::charts::meta_charts::bayes_forest_chart(
            fit,
            b,
            &args.chart.title_or(bayes_title.clone()),
            &args.chart.xlab_or(text.axis_label(args.exp)),
            args.exp,
        );
        trialstats::plot::render(&chart.into(), path, text.canvas)?;
    }
    if let Some(path) = &args.bayes_densities {
        refuse_chart_file(args, "--bayes-densities", path, &others)?;
        let densities = meta::bayes::densities::densities(&data.yi, &data.vi, options, b)?;
        let chart = trialstats::charts::meta_charts::posterior_chart(
            b,
            &densities,
            &args
                .chart
                .title_or(format!("Posterior densities: {bayes_title}")),
            &text.axis_label(false),
        );
        trialstats::plot::render(&chart.into(), path, text.canvas)?;
    }
    Ok(())
}

/// Draws --baujat and --bubble.
fn write_baujat_and_bubble(
    text: &ChartText,
    fit: &meta::MetaFit,
    data: &meta::MetaData,
    options: &MetaOptions,
) -> Result<()> {
    let args = text.args;
    let title = &text.title;
    if let Some(path) = &args.baujat {
        let others = [
            &args.forest,
            &args.funnel,
            &args.cumulative_forest,
            &args.leave_one_out_forest,
        ];
        refuse_chart_file(args, "--baujat", path, &others)?;
        let points = fit.baujat(data, options)?;
        let mut chart = trialstats::charts::meta_charts::baujat_chart(
            fit,
            &points,
            &args.chart.title_or(format!("Baujat plot: {title}")),
        );
        chart.x_label = args.chart.xlab_or(chart.x_label);
        chart.y_label = args.chart.ylab_or(chart.y_label);
        trialstats::plot::render(&chart.into(), path, text.canvas)?;
    }
    if let Some(path) = &args.bubble {
        let others = [&args.forest, &args.funnel, &args.baujat];
        refuse_chart_file(args, "--bubble", path, &others)?;
        let mut chart = trialstats::charts::meta_charts::bubble_chart(
            fit,
            data,
            &args.chart.title_or(format!("Meta-regression: {title}")),
            &args.chart.ylab_or(text.axis_label(false)),
        )?;
        chart.x_label = args.chart.xlab_or(chart.x_label);
        trialstats::plot::render(&chart.into(), path, text.canvas)?;
    }
    Ok(())
}

/// Draws --cumulative-forest and --leave-one-out-forest.
fn write_sequence_forests(text: &ChartText, fit: &meta::MetaFit) -> Result<()> {
    let args = text.args;
    let title = &text.title;
    let sequences = [
        (
            &args.cumulative_forest,
            fit.cumulative.as_ref().map(|c| {
                c.iter()
                    .map(|r| (format!("+ {}", r.label), r.estimate, r.ci_lower, r.ci_upper))
                    .collect::<Vec<_>>()
            }),
            "adding",
            "cumulative",
        ),
        (
            &args.leave_one_out_forest,
            fit.leave_one_out.as_ref().map(|l| {
                l.0.iter()
                    .map(|r| (format!("- {}", r.label), r.estimate, r.ci_lower, r.ci_upper))
                    .collect::<Vec<_>>()
            }),
            "leaving out",
            "leave-one-out",
        ),
    ];
    for (path, rows, header, kind) in sequences {
        if let (Some(path), Some(rows)) = (path, rows) {
            super::args::refuse_overwrite(
                "--cumulative-forest/--leave-one-out-forest",
                path,
                &[input_file(args)?],
            )?;
            let chart = trialstats::charts::meta_charts::sequence_forest_chart(
                fit,
                &rows,
                &format!("{title}, {kind}"),
                header,
                &args.chart.xlab_or(text.axis_label(args.exp)),
                args.exp,
            );
            trialstats::plot::render(&chart.into(), path, text.canvas)?;
        }
    }
    Ok(())
}

/// Appends the tables after the fit's (not in JSON): studies, leave-one-out, influence,
/// btt, contrasts, predictions, per-study, hat matrix, vcov, subgroups, cumulative,
/// publication bias and the robust variance.
fn push_tables(
    out: &mut String,
    format: Format,
    fit: &meta::MetaFit,
    data: &meta::MetaData,
    args: &MetaArgs,
) -> Result<()> {
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
    if let Some(t) = &fit.btt {
        out.push('\n');
        out.push_str(&render(format, t)?);
    }
    if let Some(c) = &fit.contrasts {
        out.push('\n');
        out.push_str(&render(format, c)?);
    }
    if let Some(p) = &fit.predictions {
        out.push('\n');
        out.push_str(&render(
            format,
            &meta::output::report::Predictions::of_fit(&fit.coefficients, p),
        )?);
    }
    if let Some(rows) = &fit.per_study {
        out.push('\n');
        out.push_str(&render(
            format,
            &meta::output::report::PerStudy(rows.clone()),
        )?);
    }
    if let Some(h) = &fit.hat_matrix {
        out.push('\n');
        let labels = data.labels.clone();
        out.push_str(&render(
            format,
            &meta::output::report::LabelledMatrix {
                title: "Hat matrix H = X (X'WX)^-1 X'W".to_string(),
                labels,
                rows: h.clone(),
            },
        )?);
    }
    if args.vcov {
        out.push('\n');
        out.push_str(&render(
            format,
            &meta::output::report::LabelledMatrix {
                title: "Covariance matrix of the coefficients (vcov)".to_string(),
                labels: fit.coefficients.iter().map(|c| c.name.clone()).collect(),
                rows: fit.vcov.clone(),
            },
        )?);
    }
    if let (Some(subgroups), Some(test)) = (&fit.subgroups, fit.subgroup_test) {
        out.push('\n');
        let table = meta::output::report::SubgroupTable {
            subgroups: subgroups.clone(),
            subgroup_test: test,
        };
        out.push_str(&render(format, &table)?);
    }
    if let Some(c) = &fit.cumulative {
        out.push('\n');
        out.push_str(&render(
            format,
            &meta::output::report::CumulativeTable(c.clone()),
        )?);
    }
    if let Some(bias) = meta::output::report::PublicationBias::of(fit) {
        out.push('\n');
        out.push_str(&render(format, &bias)?);
    }
    if let Some(r) = &fit.robust {
        out.push('\n');
        out.push_str(&render(format, r)?);
    }
    Ok(())
}

/// The τ² method of `--method`, `--tau2` (fixed) and `--tau2-init` (SJ's starting value).
fn method_of(args: &MetaArgs) -> Result<Method> {
    let method = args.method.parse::<Method>()?;
    if let Some(t) = &args.tau2 {
        if method == Method::FE {
            return Err(Error::input(
                "--tau2",
                "a fixed tau^2 is for random-effects models; leave out --method FE",
            ));
        }
        return Ok(Method::Fixed(meta::fitting::spec::Tau2Value::parse(
            t, "--tau2",
        )?));
    }
    if let Some(t) = &args.tau2_init {
        if method != Method::SJ {
            return Err(Error::input(
                "--tau2-init",
                format!(
                    "a starting value changes only the Sidik-Jonkman estimator (--method SJ); {} does not depend on one",
                    method.name()
                ),
            ));
        }
        return Ok(Method::SJStart(meta::fitting::spec::Tau2Value::parse(
            t,
            "--tau2-init",
        )?));
    }
    Ok(method)
}

/// `meta compare`: read the union of both models' moderators (so both use the same studies),
/// fit both by ML and test.
fn run_compare(c: CompareArgs) -> Result<Outcome> {
    let mut args = *c.options;
    if c.model.len() != 2 {
        return Err(Error::input(
            "--model",
            format!(
                "give exactly two models (--model twice; '' for the model without moderators), got {}",
                c.model.len()
            ),
        ));
    }
    if args.weights.is_some() || args.unweighted {
        return Err(Error::input(
            "--weights",
            "meta compare tests models fitted by ML with inverse-variance weights; leave out --weights and --unweighted",
        ));
    }
    if !args.mods.is_empty() || args.data.is_some() {
        return Err(Error::input(
            "--mods",
            "meta compare takes each model's moderators from --model; leave out --mods and --data",
        ));
    }
    let models: Vec<Vec<String>> = c
        .model
        .iter()
        .map(|m| {
            m.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect();
    for m in models.iter().flatten() {
        if !args.mods.contains(m) {
            args.mods.push(m.clone());
        }
    }
    let format: Format = args.format.parse()?;
    let options = MetaOptions {
        method: args.method.parse::<Method>()?,
        test: args.test.parse::<Test>()?,
        level: args.level,
        ..MetaOptions::default()
    };
    let (data, _, _, omitted, _) = read_csv(&args)?;
    let test = meta::compare::compare(&data, &models[0], &models[1], &options)?;
    let mut out = render_with_omitted(format, &test, &omitted)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// The CSV file (clap requires it unless --data is given, and --data returns earlier).
/// `text` with its first letter in upper case (for a title made from a measure's name).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Refuse to draw `option`'s chart over another chart's file or the input file.
fn refuse_chart_file(
    args: &MetaArgs,
    option: &str,
    path: &Path,
    others: &[&Option<PathBuf>],
) -> Result<()> {
    if others.iter().any(|f| f.as_deref() == Some(path)) {
        return Err(Error::input(
            option,
            format!(
                "'{}' is also the file of another chart; give each chart its own file",
                path.display()
            ),
        ));
    }
    super::args::refuse_overwrite(option, path, &[input_file(args)?])
}

fn input_file(args: &MetaArgs) -> Result<&Path> {
    args.file
        .as_deref()
        .ok_or_else(|| Error::usage("give the CSV file, or --data DIR".into()))
}

/// `--data DIR`: pool every before/after measure that two or more studies report.
fn run_data(dir: &Path, args: &MetaArgs, options: &MetaOptions, format: Format) -> Result<Outcome> {
    let code: MeasureCode = args
        .effect
        .as_deref()
        .unwrap_or("SMCR")
        .parse()
        .map_err(|e| Error::from(e).placed_at("--effect"))?;
    let studies = trialstats::study::load_dir(dir)?;
    let analysis_options = AnalysisOptions {
        r: args.r,
        level: options.level,
        ..AnalysisOptions::default()
    };
    let analyses = analysis::analyse_studies(&studies, &analysis_options)?;
    let sets = analysis::poolable_sets_with(&analyses, code, options.level, args.change_scores)?;
    if sets.is_empty() {
        let what = if code.family() == trialstats::effect::Family::PrePost {
            "before/after measure"
        } else {
            "per-arm measure or count"
        };
        super::print(&format!(
            "No {what} with {code} is reported by two or more studies in {}: nothing to pool.\n",
            dir.display()
        ));
        return Ok(Outcome::Ok);
    }
    let mut out = String::new();
    let mut json = Vec::new();
    for set in &sets {
        let mut fit = meta::fit(&set.data, options)?;
        if let Some(b) = bayes_options(args, &set.data)? {
            // Turner et al.'s priors describe log odds ratios; on another scale they would
            // claim a heterogeneity nobody measured.
            if matches!(
                &b.tau_prior,
                meta::bayes::TauPrior::LogNormal {
                    preset: Some(_),
                    ..
                }
            ) && code != MeasureCode::OR
            {
                return Err(Error::input(
                    "--tau-prior",
                    format!(
                        "Turner et al. (2015)'s priors are for log odds ratios, but --effect {code} pools another scale; give a prior on tau on the scale of {code} (for example half-normal:S)"
                    ),
                ));
            }
            fit.bayes = Some(meta::bayes::fit(
                &set.data.labels,
                &set.data.yi,
                &set.data.vi,
                &b,
            )?);
        }
        match format {
            Format::Json => {
                let mut v = serde_json::to_value(&fit)
                    .map_err(|e| Error::numerical(format!("cannot write JSON: {e}")))?;
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
            .map_err(|e| Error::numerical(format!("cannot write JSON: {e}")))?;
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// `result` rendered with the rows left out for missing values: in JSON as its `omitted`
/// field, otherwise as a table after it.
fn render_with_omitted<T: serde::Serialize + trialstats::output::Tabular>(
    format: Format,
    result: &T,
    omitted: &meta::input::Omitted,
) -> Result<String> {
    let mut out = render(
        format,
        &meta::output::report::WithOmitted { result, omitted },
    )?;
    if format != Format::Json && !omitted.0.is_empty() {
        out.push('\n');
        out.push_str(&render(format, omitted)?);
    }
    Ok(out)
}

/// A column's name and its value for each study.
type NamedColumn = (String, Vec<String>);

/// The studies of the CSV file, as the options name their columns, the analyses asked for
/// beyond the fit, the cluster and id columns of a three-level model, the rows left out for
/// missing values and the --weights column.
#[allow(clippy::type_complexity)]
fn read_csv(
    args: &MetaArgs,
) -> Result<(
    meta::MetaData,
    meta::ReviewRequest,
    Option<(NamedColumn, Option<NamedColumn>)>,
    meta::input::Omitted,
    Option<NamedColumn>,
)> {
    let effects = effects_of(args)?;
    let file = CsvFile::read(input_file(args)?)?;
    let filled = match effects {
        Effects::Computed { .. } => super::convert::medians_as_means(
            &file,
            trialstats::convert::Methods {
                mean: args.median_mean_method.unwrap_or(args.median_method),
                sd: args.median_sd_method.unwrap_or(args.median_method),
            },
        )?,
        Effects::Columns { .. } => None,
    };
    let groupings = groupings_of(args);
    let meta::input::ReadStudies {
        mut data,
        groupings: mut columns,
        omitted,
    } = meta::input::read_file_with(
        filled.as_ref().map_or(&file, |f| &f.file),
        &Columns {
            effects,
            label: args.label.clone(),
            mods: args.mods.clone(),
            level: args.level,
            na: args.na.parse()?,
        },
        &groupings,
    )?;
    // A study whose mean and SD came from its median says so in its label, which the
    // --studies table and the forest plot show.
    if let Some(f) = &filled {
        trialstats::convert::mark_labels(&mut data.labels, f);
    }
    let mut take = |name: &Option<String>| name.as_ref().map(|n| (n.clone(), columns.remove(0)));
    let request = meta::ReviewRequest {
        subgroup: take(&args.subgroup),
        cumulative: take(&args.cumulative),
        trimfill: args
            .trimfill
            .as_deref()
            .map(|e| e.parse().map(|e| (e, None)))
            .transpose()?,
        fsn: args.fsn,
        fsn_target: match args.fsn_target {
            Some(t) if !t.is_finite() => {
                return Err(Error::input("--fsn-target", "must be a finite number"));
            }
            other => other,
        },
        fsn_exact: args.fsn_exact,
        ranktest: args.ranktest,
        pet_peese: args.pet_peese,
        selmodel: args
            .selmodel
            .as_deref()
            .map(|v| selection(v, args))
            .transpose()?,
        robust: take(&args.robust),
        robust_type: args.robust_type.parse()?,
    };
    let cluster = take(&args.cluster).map(|c| (c, take(&args.id)));
    let weights = take(&args.weights);
    let mut request = request;
    if let (Some(s), Some((_, n))) = (request.selmodel.as_mut(), take(&args.selmodel_ni)) {
        if let Some(prec) = s.prec.as_mut() {
            prec.sample_sizes = Some(numeric_column(
                "--selmodel-ni",
                &n,
                &data,
                "; sample sizes are numbers > 0",
            )?);
        }
    }
    Ok((data, request, cluster, omitted, weights))
}

/// How the effects are given: computed from the arms with --measure, or read from the
/// --yi and --vi (or --sei) columns.
fn effects_of(args: &MetaArgs) -> Result<Effects> {
    Ok(match &args.measure {
        Some(code) => Effects::Computed {
            code: code
                .parse()
                .map_err(|e| Error::from(e).placed_at("--measure"))?,
            r: args.r,
        },
        None => match (&args.vi, &args.sei) {
            (Some(v), None) => Effects::Columns {
                yi: args.yi.clone().unwrap_or_default(),
                variance: v.clone(),
                is_se: false,
            },
            (None, Some(s)) => Effects::Columns {
                yi: args.yi.clone().unwrap_or_default(),
                variance: s.clone(),
                is_se: true,
            },
            _ => {
                return Err(Error::input(
                    "--vi",
                    "give the sampling variances with --vi COL or the standard errors with --sei COL",
                ));
            }
        },
    })
}

/// The grouping columns named by the options (--subgroup, --cumulative, --robust, --cluster,
/// --id, --weights), each with its option, in that order.
fn groupings_of(args: &MetaArgs) -> Vec<(&str, &str)> {
    let mut groupings: Vec<(&str, &str)> = Vec::new();
    if let Some(c) = &args.subgroup {
        groupings.push(("--subgroup", c));
    }
    if let Some(c) = &args.cumulative {
        groupings.push(("--cumulative", c));
    }
    if let Some(c) = &args.robust {
        groupings.push(("--robust", c));
    }
    if let Some(c) = &args.cluster {
        groupings.push(("--cluster", c));
    }
    if let Some(c) = &args.id {
        groupings.push(("--id", c));
    }
    if let Some(c) = &args.weights {
        groupings.push(("--weights", c));
    }
    if let Some(c) = &args.selmodel_ni {
        groupings.push(("--selmodel-ni", c));
    }
    groupings
}

/// The --weights column as numbers (finite and >= 0 is checked by the fit).
fn numeric_weights(cells: &[String], data: &meta::MetaData) -> Result<Vec<f64>> {
    numeric_column("--weights", cells, data, "; weights are numbers >= 0")
}

/// The column of `option` as numbers; a cell that is not one is named with its study and
/// `hint`.
fn numeric_column(
    option: &str,
    cells: &[String],
    data: &meta::MetaData,
    hint: &str,
) -> Result<Vec<f64>> {
    cells
        .iter()
        .zip(&data.labels)
        .map(|(c, label)| {
            c.trim().parse::<f64>().map_err(|_| {
                Error::input(
                    option,
                    format!("'{c}' (study {label}) is not a number{hint}"),
                )
            })
        })
        .collect()
}

/// The Bayesian model's options (`--bayes`), checked before anything is fitted.
fn bayes_options(
    args: &MetaArgs,
    data: &meta::MetaData,
) -> Result<Option<meta::bayes::BayesOptions>> {
    if !args.bayes {
        return Ok(None);
    }
    if data.mods.as_ref().is_some_and(|m| !m.is_empty()) {
        return Err(Error::input(
            "--bayes",
            "Bayesian meta-regression (--bayes with --mods) is not supported yet; fit the model without moderators, or per subgroup",
        ));
    }
    let Some(tau_prior) = &args.tau_prior else {
        return Err(Error::input(
            "--tau-prior",
            format!(
                "--bayes needs a prior on tau; allowed: {} (for log odds, risk or hazard ratios half-normal:0.5 is a common weakly informative choice)",
                meta::bayes::prior::TAU_PRIOR_FORMS
            ),
        ));
    };
    if let Some(t) = args.threshold {
        if !t.is_finite() {
            return Err(Error::input("--threshold", "must be a finite number"));
        }
    }
    Ok(Some(meta::bayes::BayesOptions {
        tau_prior: tau_prior.parse()?,
        mu_prior: match &args.mu_prior {
            Some(s) => s.parse()?,
            None => meta::bayes::MuPrior::Uniform,
        },
        level: args.level.value(),
        threshold: args.threshold,
    }))
}

/// `--selmodel` with its options.
fn selection(value: &str, args: &MetaArgs) -> Result<meta::bias::selmodel::Selection> {
    let mut s = meta::bias::selmodel::Selection::parse(value)?;
    if let Some(steps) = &args.selmodel_steps {
        s = s.with_steps(steps)?;
    }
    if let Some(delta) = &args.selmodel_delta {
        s = s.with_delta(delta)?;
    }
    if let Some(min) = &args.selmodel_delta_min {
        s = s.with_limit(min, false)?;
    }
    if let Some(max) = &args.selmodel_delta_max {
        s = s.with_limit(max, true)?;
    }
    if let Some(side) = &args.selmodel_alternative {
        s.alternative = side.parse()?;
    }
    s.decreasing = args.selmodel_decreasing;
    s.profile_ci = args.selmodel_profile_ci;
    if let Some(measure) = &args.selmodel_prec {
        s.prec = Some(meta::bias::selmodel::Precision {
            measure: measure.parse()?,
            scaled: args.selmodel_scaleprec.unwrap_or(true),
            sample_sizes: None,
        });
    }
    Ok(s)
}
