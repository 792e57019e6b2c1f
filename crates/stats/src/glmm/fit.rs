//! Fitting a generalised linear mixed model: the fixed effects β, the covariance parameters
//! θ (lme4's relative Cholesky factor, here the factor of the random effects' covariance
//! itself, as there is no residual scale), the dispersion parameters
//! ([`super::dispersion`]: the negative binomial's 1/θ, or glmmTMB's log-scale dispersion
//! linear in a `dispformula`) and the zero-inflation coefficients ([`super::zero_inflation`]:
//! glmmTMB's `ziformula`, logit scale), all optimised jointly on the Laplace (or quadrature)
//! deviance, as glmmTMB does and lme4's second `glmer` stage does. The optimiser is the one
//! `lmm` uses ([`crate::optimize::quasi_newton`]: BFGS, then Newton steps that confirm the
//! optimum).
//!
//! The start is the GLM without random effects (Newton–Raphson), and β is optimised in units
//! of its GLM standard errors, so that the problem is well scaled whatever the units of the
//! covariates (a zero-inflated model's start is then refined, `Layout::zero_inflated_start`).
//! Standard errors come from the Hessian of the deviance over all parameters (finite
//! differences of the analytic gradient, step 1/500 of each parameter's own SE, or second
//! differences of the deviance at 1/50 where there is no analytic gradient), as glmmTMB's
//! `sdreport` and lme4's default `vcov(use.hessian = TRUE)`: Var(β̂) is the β block of 2 H⁻¹.
//!
//! Without random terms the same code fits a GLM (and a negative-binomial GLM, as MASS's
//! `glm.nb`).

use super::dispersion::{Dispersion, moment_start};
use super::family::Family;
use super::laplace::{Modes, Problem, lower_times};
use super::model::{Locate, Model, SideFormulas, build, columns_for, parse_side_formula};
use super::observed_fitted::{
    FittedModel, FittedRows, ObservedFittedRequest, ObservedVsFitted, observed_vs_fitted,
};
use super::ordinal::{Thresholds, parse_levels};
use super::several::SeveralFactors;
use super::zero_inflation::ZeroInflation;
use crate::csv_file::CsvFile;
use crate::dense::{cholesky, inverse_from_cholesky};
use crate::dist::p_two_sided_z;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::lmm::compare::union_columns;
use crate::lmm::fit::{
    FactorModes, GroupModes, GroupingFactor, RandomEffectCorrelation, RandomEffectSd,
    factor_summaries, group_modes, grouping_factors, mode_in, random_effects_lines, ranef_text,
};
use crate::lmm::formula::Formula;
use crate::lmm::frame::{Frame, ReferenceLevels, Role};
use crate::optimize::quasi_newton::{GradientFn, minimize_with};
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;
use std::cell::RefCell;
use std::path::Path;

/// How to fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlmmOptions {
    pub family: Family,
    /// Quadrature nodes per group: 1 is the Laplace approximation.
    pub nagq: usize,
}

/// One fixed effect.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FixedEffect {
    pub term: String,
    pub estimate: f64,
    pub se: f64,
    pub z: f64,
    pub p: f64,
}

/// One coefficient of the log dispersion (glmmTMB's `fixef(m)$disp`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DispersionEffect {
    pub term: String,
    /// On glmmTMB's log scale: log θ (negative binomial), log shape (gamma), log precision
    /// (beta).
    pub estimate: f64,
    pub se: f64,
}

/// One threshold of an ordinal model (clmm's "Threshold coefficients"): τⱼ, the logit of
/// P(Y ≤ level j) at η = 0, between the levels its term names (`2|3`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Threshold {
    pub term: String,
    pub estimate: f64,
    pub se: f64,
    pub z: f64,
}

/// exp(coefficient) with its Wald interval: a rate ratio (log link) or odds ratio (logit).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ratio {
    pub term: String,
    pub ratio: f64,
    pub lower: f64,
    pub upper: f64,
}

/// A fitted model.
#[derive(Debug, Clone, Serialize)]
pub struct GlmmFit {
    pub formula: String,
    /// Each categorical fixed-effect variable's reference level (`--reference`, else the first
    /// in sorted order), as (variable, level).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference_levels: Vec<(String, String)>,
    /// `poisson`, `binomial` or `nbinom2`.
    pub family: String,
    pub link: String,
    /// `"Laplace"` or `"adaptive Gauss-Hermite quadrature"`.
    pub method: String,
    pub nagq: usize,
    pub log_likelihood: f64,
    /// −2 × log-likelihood (lme4's summary "deviance").
    pub deviance: f64,
    pub aic: f64,
    pub bic: f64,
    /// Fixed effects, covariance parameters and θ.
    pub n_parameters: usize,
    pub fixed: Vec<FixedEffect>,
    /// With `--exp`: exp(estimate) and its interval at `level`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratios: Option<Vec<Ratio>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<ConfidenceLevel>,
    pub random: Vec<RandomEffectSd>,
    pub correlations: Vec<RandomEffectCorrelation>,
    /// The negative binomial's θ (Var = μ + μ²/θ), as glmmTMB's `sigma()` for `nbinom2`;
    /// infinite (JSON `null`) when the data show no overdispersion (the Poisson limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theta: Option<f64>,
    /// The log dispersion's coefficients (a gamma's or beta's, or any family's with a
    /// dispersion formula), on glmmTMB's log scale (`fixef(m)$disp`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dispersion: Vec<DispersionEffect>,
    /// The dispersion formula (`~ arm`), or `~ 1` for a gamma's or beta's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispformula: Option<String>,
    /// What the dispersion coefficients are the log of (`log shape (Var = mu^2/shape)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispersion_scale: Option<String>,
    /// The zero-inflation model's coefficients (with `--ziformula`), on the logit scale of the
    /// probability of a structural zero, as glmmTMB's `fixef(m)$zi`, with SEs, z and p.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub zero_inflation: Vec<FixedEffect>,
    /// The zero-inflation formula (`~ arm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ziformula: Option<String>,
    /// An ordinal model's thresholds (`--family ordinal`), as clmm's, with SEs and z.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<Threshold>,
    pub converged: bool,
    /// A random-effect SD at zero.
    pub singular: bool,
    /// Problems the user must see: separation, an unconfirmed optimum.
    pub warnings: Vec<String>,
    pub n_obs: usize,
    pub n_dropped: usize,
    /// The first grouping factor (the one with most levels), as `grouping_factors[0]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub n_groups: usize,
    /// Every grouping factor with its number of levels, most levels first (lme4's order).
    pub grouping_factors: Vec<GroupingFactor>,
    /// Conditional modes per group (only with `--ranef`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranef: Option<Vec<GroupModes>>,
    /// The conditional modes of every factor (for `--ranef`).
    #[serde(skip)]
    pub factor_modes: Vec<FactorModes>,
    /// Deviance evaluations used.
    pub evaluations: usize,
    /// Largest absolute projected gradient at the optimum (β in units of their GLM SEs).
    pub gradient: f64,
    /// lme4's covariance parameters `getME(m, "theta")`.
    #[serde(skip)]
    pub covariance_parameters: Vec<f64>,
    /// Each row's response and prediction at random effects 0, for
    /// [`observed_vs_fitted`].
    #[serde(skip)]
    pub rows: FittedRows,
    /// Observed against fitted by level (after [`GlmmFit::with_observed_vs_fitted`]); in JSON
    /// the keys `observed_vs_fitted_by` and `observed_vs_fitted`.
    #[serde(flatten)]
    pub observed_vs_fitted: Option<ObservedVsFitted>,
}

/// Parse `formula`, read its columns from `path`, and fit.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::glmm::{fit_csv, Family, GlmmOptions};
/// // Seizure counts (MASS's epil, tests/data/epil.csv). R: glmmTMB(y ~ lbase * trt + lage + V4 +
/// // (1 | subject), family = poisson, data = epil) at tight tolerances: logLik
/// // -665.47442607144001, trtprogabide -0.33421100678734833 (SE 0.14765237884706162), subject SD
/// // 0.50113691284216955 (tests/glmm_reference.rs).
/// let options = GlmmOptions { family: Family::Poisson, nagq: 1 };
/// let m = fit_csv(Path::new("tests/data/epil.csv"), "y ~ lbase * trt + lage + V4 + (1 | subject)", options)?;
/// let trt = m.fixed_effect("trtprogabide").unwrap();
/// assert!((trt.estimate - -0.33421100678734833).abs() < 1e-4 * 0.1477);
/// assert!((trt.se - 0.14765237884706162).abs() < 1e-4 * 0.1477);
/// assert!((m.random[0].sd - 0.50113691284216955).abs() < 1e-4 * 0.5011);
/// assert!((m.log_likelihood - -665.47442607144001).abs() < 1e-5);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit_csv(path: &Path, formula: &str, options: GlmmOptions) -> Result<GlmmFit> {
    fit_csv_with_references(path, formula, options, &ReferenceLevels::default())
}

/// [`fit_csv`] with each variable's reference level as `references` sets it.
pub fn fit_csv_with_references(
    path: &Path,
    formula: &str,
    options: GlmmOptions,
    references: &ReferenceLevels,
) -> Result<GlmmFit> {
    fit_csv_with(path, formula, SideModels::default(), options, references)
}

/// The formulas of a model's parts besides its mean, as text: glmmTMB's `dispformula` and
/// `ziformula` (one-sided, `~ arm`; `None`: the family's default dispersion, no zero
/// inflation).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SideModels<'a> {
    pub dispformula: Option<&'a str>,
    pub ziformula: Option<&'a str>,
    /// The order of an ordinal response's levels, lowest first, as `none<mild<severe`
    /// (`None`: whole-number scores in numeric order).
    pub levels: Option<&'a str>,
}

/// [`fit_csv_with_references`] with the log dispersion linear in the terms of `dispformula`
/// (glmmTMB's `dispformula`, a one-sided formula such as `~ arm`; `None`: the family's
/// default), for the negative binomial, gamma and beta families.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::glmm::{fit_csv_with_dispersion, Family, GlmmOptions};
/// use trialstats_stats::lmm::ReferenceLevels;
/// // R (benches/glmm_families_reference.R, glmmTMB 1.1.5): glmmTMB(relapses ~ arm +
/// // offset(log(years)) + (1 | patient), dispformula = ~ arm, family = nbinom2): log theta
/// // -0.50275124170696328 (active), armplacebo 1.1018426268882739 (tests/glmm_families.rs).
/// let m = fit_csv_with_dispersion(
///     Path::new("tests/data/relapses_negbin.csv"),
///     "relapses ~ arm + offset(log(years)) + (1 | patient)",
///     Some("~ arm"),
///     GlmmOptions { family: Family::NegativeBinomial, nagq: 1 },
///     &ReferenceLevels::default(),
/// )?;
/// assert!((m.dispersion[1].estimate - 1.1018426268882739).abs() < 1e-5);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit_csv_with_dispersion(
    path: &Path,
    formula: &str,
    dispformula: Option<&str>,
    options: GlmmOptions,
    references: &ReferenceLevels,
) -> Result<GlmmFit> {
    let side = SideModels {
        dispformula,
        ..SideModels::default()
    };
    fit_csv_with(path, formula, side, options, references)
}

/// [`fit_csv_with_references`] with the dispersion and zero-inflation formulas of `side`
/// (glmmTMB's `dispformula` and `ziformula`). The zero-inflation model is for Poisson and
/// negative-binomial counts: P(y = 0) = π + (1 − π) f(0), P(y > 0) = (1 − π) f(y), logit π
/// linear in the terms of `ziformula`.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::glmm::{fit_csv_with, Family, GlmmOptions, SideModels};
/// use trialstats_stats::lmm::ReferenceLevels;
/// // R (benches/glmm_zero_inflation_reference.R, glmmTMB 1.1.5): glmmTMB(lesions ~ arm + scan
/// // + (1 | patient), ziformula = ~ arm, family = poisson): zi armplacebo -1.1311346473841697
/// // (tests/glmm_zero_inflation.rs).
/// let m = fit_csv_with(
///     Path::new("tests/data/lesions_zi.csv"),
///     "lesions ~ arm + scan + (1 | patient)",
///     SideModels { ziformula: Some("~ arm"), ..SideModels::default() },
///     GlmmOptions { family: Family::Poisson, nagq: 1 },
///     &ReferenceLevels::default(),
/// )?;
/// assert!((m.zero_inflation[1].estimate - -1.1311346473841697).abs() < 1e-5);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit_csv_with(
    path: &Path,
    formula: &str,
    side: SideModels,
    options: GlmmOptions,
    references: &ReferenceLevels,
) -> Result<GlmmFit> {
    Ok(fit_csv_with_frame(path, formula, side, options, references)?.0)
}

/// [`fit_csv_with`], returning the data it was fitted to as well (complete rows of the columns
/// the model uses), for [`GlmmFit::with_observed_vs_fitted`].
pub fn fit_csv_with_frame(
    path: &Path,
    formula: &str,
    side: SideModels,
    options: GlmmOptions,
    references: &ReferenceLevels,
) -> Result<(GlmmFit, Frame)> {
    let f = Formula::parse(formula)?;
    let read = |text: Option<&str>, field| {
        text.map(|text| parse_side_formula(text, &f.response, field))
            .transpose()
    };
    let side = SideFormulas {
        dispersion: read(side.dispformula, "dispformula")?,
        zero_inflation: read(side.ziformula, "ziformula")?,
        levels: side.levels.map(parse_levels).transpose()?,
    };
    let mut wanted = columns_for(&f);
    for d in side.dispersion.iter().chain(&side.zero_inflation) {
        wanted = union_columns(wanted, columns_for(d));
    }
    if options.family == Family::Ordinal {
        ordinal_response_column(&f, &mut wanted, references)?;
    }
    let mut frame = Frame::read_csv(path, &wanted).map_err(|e| side_column_error(e, &f, &side))?;
    frame.relevel(references)?;
    let locate = |row: usize, column: &str| locate_in_file(path, &wanted, row, column);
    let fit = fit_located(&f, &frame, options, &side, &locate)?;
    Ok((fit, frame))
}

/// An ordinal response is read as its levels, text or numbers (`wanted` says so), ordered by
/// their values or the order given ([`super::ordinal::categories`]), never by a reference
/// level: one in `references` is refused.
fn ordinal_response_column(
    formula: &Formula,
    wanted: &mut [(String, Role)],
    references: &ReferenceLevels,
) -> Result<()> {
    if let Some(e) = wanted.iter_mut().find(|(n, _)| *n == formula.response) {
        e.1 = Role::Categorical;
    }
    if references.0.iter().any(|(v, _)| *v == formula.response) {
        return Err(Error::field(
            "reference",
            format!(
                "{}: an ordinal response's levels keep their order (their values, or {{field:levels}}); a reference level is for the categorical variables on the right of the formula",
                formula.response
            ),
        ));
    }
    Ok(())
}

/// `error` from reading the columns of `formula` and `side`, naming the side formula
/// (`{field:dispformula}`, `{field:ziformula}`) instead of the formula when the column it
/// misses is one that only a side formula asks for.
fn side_column_error(error: Error, formula: &Formula, side: &SideFormulas) -> Error {
    let Error::Refused(crate::error::Refusal::Input { location, message }) = &error else {
        return error;
    };
    if location != "{field:formula}" {
        return error;
    }
    let main = columns_for(formula);
    let sides = [
        (&side.dispersion, "{field:dispformula}"),
        (&side.zero_inflation, "{field:ziformula}"),
    ];
    for (f, field) in sides {
        let Some(f) = f else { continue };
        for (name, _) in columns_for(f) {
            let missing = message.starts_with(&format!("no column '{name}' "));
            if missing && !main.iter().any(|(n, _)| *n == name) {
                return Error::input(field, message.clone());
            }
        }
    }
    error
}

/// Fit `formula` to in-memory `frame` (errors name rows of the frame).
pub fn fit(formula: &Formula, frame: &Frame, options: GlmmOptions) -> Result<GlmmFit> {
    let source = frame.source.clone();
    let locate =
        move |row: usize, column: &str| format!("{source}: row {}, column {column}", row + 1);
    fit_located(formula, frame, options, &SideFormulas::default(), &locate)
}

/// "FILE:LINE: column C" of the `row`-th complete row (0-based) of the `wanted` columns; read
/// again only for an error message.
pub(crate) fn locate_in_file(
    path: &Path,
    wanted: &[(String, Role)],
    row: usize,
    column: &str,
) -> String {
    let fallback = format!("{}: data row {}, column {column}", path.display(), row + 1);
    let Ok(file) = CsvFile::read(path) else {
        return fallback;
    };
    let index: Vec<usize> = wanted.iter().filter_map(|(n, _)| file.find(n)).collect();
    let Some(col) = file.find(column) else {
        return fallback;
    };
    let mut seen = 0usize;
    let mut found = None;
    let _ = file.for_each_row(|r| {
        if found.is_none() && index.iter().all(|&i| !r.is_missing(i)) {
            if seen == row {
                found = Some(r.location(col));
            }
            seen += 1;
        }
        Ok(())
    });
    found.unwrap_or(fallback)
}

pub(crate) fn fit_located(
    formula: &Formula,
    frame: &Frame,
    options: GlmmOptions,
    side: &SideFormulas,
    locate: Locate,
) -> Result<GlmmFit> {
    let model = build(formula, frame, options.family, options.nagq, side, locate)?;
    let mut fit = fit_model(formula, frame, &model, options)?;
    if !fit.dispersion.is_empty() {
        let text = side.dispersion.as_ref().map(|d| d.text.clone());
        fit.dispformula = Some(text.unwrap_or_else(|| "~ 1".to_string()));
    }
    fit.ziformula = side.zero_inflation.as_ref().map(|z| z.text.clone());
    Ok(fit)
}

/// The parameters being optimised, in scaled units: z (β = β₀ + s ⊙ z), θ, the
/// dispersion parameters ([`Dispersion`]: the negative binomial's 1/θ ≥ 0, or the γ of a
/// log-linear dispersion), then the zero-inflation coefficients ([`ZeroInflation`]).
struct Layout<'a> {
    problem: &'a Problem,
    several: Option<&'a SeveralFactors>,
    beta0: Vec<f64>,
    scale: Vec<f64>,
    n_theta: usize,
    positions: Vec<(usize, usize)>,
    /// How many dispersion parameters (after θ).
    n_dispersion: usize,
    /// How many zero-inflation coefficients (after the dispersion parameters).
    n_zero_inflation: usize,
    /// An ordinal model's thresholds (the last of the vector), optimised in scaled units as β
    /// is: τ = τ₀ + s ⊙ z (both empty for the other families).
    tau0: Vec<f64>,
    tau_scale: Vec<f64>,
}

// (θ positions are shared with the gradient of [`Problem::deviance_and_gradient`].)

impl<'a> Layout<'a> {
    /// The layout of `model`'s parameters, started from the GLM (for the dispersion, a pilot
    /// GLM and its moment estimate, [`moment_start`]; for the zero inflation, the share of
    /// zeros the GLM does not expect, [`ZeroInflation::start`]): (layout, start point, lower
    /// bounds).
    fn start(model: &'a Model) -> Result<(Self, Vec<f64>, Vec<f64>)> {
        if !model.problem.thresholds.is_empty() {
            return Self::ordinal_start(model);
        }
        let problem = &model.problem;
        let p = problem.p;
        let (start_phi, start_dispersion) = if problem.family.has_dispersion() {
            // The pilot: the Poisson for the negative binomial, the binomial for the
            // beta-binomial; the gamma's and beta's mean model does not need the dispersion to
            // be right.
            let pilot = match problem.family {
                Family::NegativeBinomial | Family::BetaBinomial => Problem {
                    family: match problem.family {
                        Family::NegativeBinomial => Family::Poisson,
                        _ => Family::Binomial,
                    },
                    dispersion: Dispersion::None,
                    ..problem.clone()
                },
                _ => problem.clone(),
            };
            let pilot_phi = match problem.family {
                Family::Gamma => 1.0,
                Family::Beta => 10.0,
                _ => 0.0,
            };
            let (b, _) = glm_start(&pilot, pilot_phi).ok_or_else(not_identifiable)?;
            let eta = problem.fixed_predictor(&b);
            moment_start(
                &problem.dispersion,
                problem.family,
                &problem.y,
                &problem.trials,
                &eta,
            )?
        } else {
            (0.0, Vec::new())
        };
        let (beta0, scale) = glm_start(problem, start_phi).ok_or_else(not_identifiable)?;
        let start_zero_inflation = problem.zero_inflation.start(
            problem.family,
            &problem.y,
            &problem.fixed_predictor(&beta0),
            start_phi,
        )?;
        let factors = model.factors();
        let positions = model
            .random
            .as_ref()
            .map_or(Vec::new(), |re| re.theta_positions());
        let lower_theta: Vec<f64> = factors.iter().flat_map(|r| r.lower_bounds()).collect();
        let start_theta: Vec<f64> = factors.iter().flat_map(|r| r.initial_theta()).collect();
        let layout = Layout {
            problem,
            several: model.several.as_ref(),
            beta0,
            scale,
            n_theta: start_theta.len(),
            positions,
            n_dispersion: start_dispersion.len(),
            n_zero_inflation: start_zero_inflation.len(),
            tau0: Vec::new(),
            tau_scale: Vec::new(),
        };
        let mut x0 = vec![0.0; p];
        x0.extend(&start_theta);
        let mut lower = vec![f64::NEG_INFINITY; p];
        lower.extend(&lower_theta);
        x0.extend(&start_dispersion);
        // The negative binomial's 1/θ is ≥ 0 (0: the Poisson); a log dispersion is free.
        let bound = match problem.dispersion {
            Dispersion::Shared => 0.0,
            _ => f64::NEG_INFINITY,
        };
        lower.extend(std::iter::repeat_n(bound, start_dispersion.len()));
        x0.extend(&start_zero_inflation);
        lower.extend(std::iter::repeat_n(
            f64::NEG_INFINITY,
            start_zero_inflation.len(),
        ));
        Ok((layout, x0, lower))
    }

    /// The start of an ordinal model: the cumulative logit model without random effects
    /// (ordinal's `clm`), fitted by the same optimiser from β = 0 and the thresholds of the
    /// categories' cumulative shares ([`Thresholds::start`](super::ordinal::Thresholds::start)),
    /// in units of rough SEs (an information of 0.2 a row); then β and τ are optimised in
    /// units of that model's SEs ([`covariance`]), and θ starts at lme4's start.
    fn ordinal_start(model: &'a Model) -> Result<(Self, Vec<f64>, Vec<f64>)> {
        let problem = &model.problem;
        let (n, p) = (problem.n(), problem.p);
        // The pilot's covariates are centred, so that the thresholds of the categories' shares
        // start near its own (uncentred, they move by β·x̄: 2 for an age of 68 at 0.03 a year,
        // a hundred rough SEs, and the search took 566 evaluations at 100,000 rows).
        let mean: Vec<f64> = (0..p)
            .map(|j| (0..n).map(|i| problem.x[i * p + j]).sum::<f64>() / n as f64)
            .collect();
        let mut x = problem.x.clone();
        for row in x.chunks_mut(p.max(1)) {
            row.iter_mut().zip(&mean).for_each(|(v, m)| *v -= m);
        }
        let scale = (0..p)
            .map(|j| {
                let ss: f64 = (0..n).map(|i| x[i * p + j].powi(2)).sum();
                if ss > 0.0 {
                    1.0 / (0.2 * ss).sqrt()
                } else {
                    1.0
                }
            })
            .collect();
        let tau0 = problem.thresholds.start(&problem.y);
        let glm = Problem {
            grouping: None,
            rule: None,
            x,
            ..problem.clone()
        };
        let pilot = Layout {
            problem: &glm,
            several: None,
            beta0: vec![0.0; p],
            scale,
            n_theta: 0,
            positions: Vec::new(),
            n_dispersion: 0,
            n_zero_inflation: 0,
            tau_scale: vec![1.0 / (0.2 * n as f64).sqrt(); tau0.len()],
            tau0,
        };
        let m = pilot.len();
        let modes = RefCell::new(Modes::default());
        let f = |w: &[f64]| pilot.deviance(w, &modes);
        let g = |w: &[f64]| pilot.gradient(w, &modes);
        let opt = minimize_with(&f, Some(&g), &vec![0.0; m], &vec![f64::NEG_INFINITY; m]);
        // Its covariance only scales the search: one pass of differences, not covariance's two.
        let all: Vec<usize> = (0..m).collect();
        let steps: Vec<f64> = opt.x.iter().map(|v| 1e-2 * v.abs().max(0.1)).collect();
        let mut information = hessian(&f, &g, &opt.x, &all, &steps);
        cholesky(&mut information, m).ok_or_else(not_identifiable)?;
        let cov: Vec<f64> = inverse_from_cholesky(&information, m)
            .iter()
            .map(|v| 2.0 * v)
            .collect();
        let se = |k: usize| cov[k * m + k].sqrt();
        let factors = model.factors();
        let start_theta: Vec<f64> = factors.iter().flat_map(|r| r.initial_theta()).collect();
        let beta0 = pilot.beta(&opt.x);
        // Back to the uncentred covariates: τ = τ_c + β·x̄, whose SE (from the pilot's
        // covariance of β and τ_c, in its scaled units) scales τ in the search.
        let shift: f64 = beta0.iter().zip(&mean).map(|(b, m)| b * m).sum();
        let tau_se = |k: usize| {
            let mut g: Vec<f64> = (0..p).map(|j| mean[j] * pilot.scale[j]).collect();
            g.extend((0..m - p).map(|l| if l == k { pilot.tau_scale[k] } else { 0.0 }));
            let var: f64 = (0..m)
                .flat_map(|a| (0..m).map(move |b| (a, b)))
                .map(|(a, b)| g[a] * g[b] * cov[a * m + b])
                .sum();
            var.sqrt()
        };
        let layout = Layout {
            problem,
            several: model.several.as_ref(),
            beta0,
            scale: (0..p).map(|j| pilot.scale[j] * se(j)).collect(),
            n_theta: start_theta.len(),
            positions: model
                .random
                .as_ref()
                .map_or(Vec::new(), |re| re.theta_positions()),
            n_dispersion: 0,
            n_zero_inflation: 0,
            tau0: pilot.thresholds(&opt.x).iter().map(|t| t + shift).collect(),
            tau_scale: (0..m - p).map(tau_se).collect(),
        };
        let mut x0 = vec![0.0; p];
        x0.extend(&start_theta);
        x0.extend(vec![0.0; m - p]);
        let mut lower = vec![f64::NEG_INFINITY; p];
        lower.extend(factors.iter().flat_map(|r| r.lower_bounds()));
        lower.extend(vec![f64::NEG_INFINITY; m - p]);
        Ok((layout, x0, lower))
    }

    fn len(&self) -> usize {
        self.beta0.len()
            + self.n_theta
            + self.n_dispersion
            + self.n_zero_inflation
            + self.tau0.len()
    }
    fn beta(&self, v: &[f64]) -> Vec<f64> {
        self.beta0
            .iter()
            .zip(&self.scale)
            .zip(v)
            .map(|((b, s), z)| b + s * z)
            .collect()
    }
    fn t(&self, v: &[f64]) -> Vec<f64> {
        let q = self.problem.grouping.as_ref().map_or(0, |g| g.q);
        let mut t = vec![0.0; q * q];
        let p = self.beta0.len();
        for (k, &(r, c)) in self.positions.iter().enumerate() {
            t[r * q + c] = v[p + k];
        }
        t
    }
    /// The dispersion parameters (the negative binomial's φ = 1/θ ≥ 0, 0 being the Poisson;
    /// or the γ of a log-linear dispersion); none for the Poisson and binomial.
    fn dispersion<'v>(&self, v: &'v [f64]) -> &'v [f64] {
        let first = self.beta0.len() + self.n_theta;
        &v[first..first + self.n_dispersion]
    }
    /// The dispersion parameters followed by the zero-inflation coefficients and an ordinal
    /// model's thresholds (unscaled), as [`Problem::deviance`] takes them.
    fn extra(&self, v: &[f64]) -> Vec<f64> {
        let first = self.beta0.len() + self.n_theta;
        let last = first + self.n_dispersion + self.n_zero_inflation;
        let mut out = v[first..last].to_vec();
        out.extend(self.thresholds(v));
        out
    }

    /// An ordinal model's thresholds τ = τ₀ + s ⊙ z (empty for the other families).
    fn thresholds(&self, v: &[f64]) -> Vec<f64> {
        let first = v.len() - self.tau0.len();
        self.tau0
            .iter()
            .zip(&self.tau_scale)
            .zip(&v[first..])
            .map(|((t, s), z)| t + s * z)
            .collect()
    }
    /// The gradient in the optimised units; `None` where it is not available analytically
    /// (quadrature, several grouping factors), and then the optimiser takes differences. The
    /// dispersion parameters and zero-inflation coefficients are analytic too, except the
    /// dispersion with negative-binomial counts above 10,000, where it is differenced here
    /// (central, or one-sided of second order at the bound φ = 0).
    fn gradient(&self, v: &[f64], modes: &RefCell<Modes>) -> Option<Vec<f64>> {
        if self.several.is_some() {
            return None;
        }
        let (_, g) = self.problem.deviance_and_gradient(
            &self.beta(v),
            &self.t(v),
            &self.positions,
            &self.extra(v),
            &mut modes.borrow_mut(),
        )?;
        let p = self.beta0.len();
        let mut out: Vec<f64> = g[..p].iter().zip(&self.scale).map(|(g, s)| g * s).collect();
        out.extend_from_slice(&g[p..p + self.n_theta]);
        let first = p + self.n_theta;
        let last = g.len() - self.tau0.len();
        for (k, &slope) in g.iter().enumerate().take(last).skip(first) {
            out.push(self.dispersion_slope(v, k, slope, modes));
        }
        out.extend(g[last..].iter().zip(&self.tau_scale).map(|(g, s)| g * s));
        out.iter().all(|g| g.is_finite()).then_some(out)
    }

    /// The derivative of the deviance in dispersion parameter `k` of `v`: `analytic` when it is
    /// finite, else differenced (central, or one-sided of second order at the bound 0).
    fn dispersion_slope(&self, v: &[f64], k: usize, analytic: f64, modes: &RefCell<Modes>) -> f64 {
        if analytic.is_finite() {
            analytic
        } else {
            let h = 1e-5 * v[k].abs().max(0.01);
            let mut y = v.to_vec();
            let at_bound = self.problem.dispersion == Dispersion::Shared
                && k < self.beta0.len() + self.n_theta + self.n_dispersion
                && v[k] - h < 0.0;
            let slope = if at_bound {
                let f0 = self.deviance(v, modes);
                y[k] = v[k] + h;
                let f1 = self.deviance(&y, modes);
                y[k] = v[k] + 2.0 * h;
                let f2 = self.deviance(&y, modes);
                (-3.0 * f0 + 4.0 * f1 - f2) / (2.0 * h)
            } else {
                y[k] = v[k] + h;
                let up = self.deviance(&y, modes);
                y[k] = v[k] - h;
                let down = self.deviance(&y, modes);
                (up - down) / (2.0 * h)
            };
            self.deviance(v, modes);
            slope
        }
    }

    /// The start `x0` of a zero-inflated mixed model (others' is kept) improved in two ways:
    /// β and the dispersion become those of the zero-inflated model without random effects
    /// (a GLM, fitted by the same optimiser from `x0`; the start of [`Layout::start`] takes
    /// the excess zeros for the count model's), and θ the best of θ, θ/2, θ/4 and θ/8 there.
    /// The zero-inflation coefficients keep their start: the GLM's can run off to −∞ where
    /// overdispersion without the random effects explains a level's zeros, and the mixed
    /// model's search then stays in that flat region (a local optimum below glmmTMB's).
    /// lme4's start θ (a relative SD of 1) is often far above the data's; the deviance is then
    /// steep in θ, the first quasi-Newton step (at most 1 long, along that slope) drives θ to
    /// its bound 0, and the search crawls back. At 100,000 rows
    /// (`benches/glmm_families_vs_glmmtmb.sh`) the two take the zero-inflated negative
    /// binomial from 126 evaluations of the mixed deviance to 96, the zero-inflated Poisson
    /// from 192 to 101.
    fn zero_inflated_start(&self, mut x0: Vec<f64>, lower: &[f64]) -> Vec<f64> {
        if self.n_zero_inflation == 0 || self.problem.grouping.is_none() {
            return x0;
        }
        let glm = Problem {
            grouping: None,
            rule: None,
            ..self.problem.clone()
        };
        let pilot = Layout {
            problem: &glm,
            several: None,
            beta0: self.beta0.clone(),
            scale: self.scale.clone(),
            n_theta: 0,
            positions: Vec::new(),
            n_dispersion: self.n_dispersion,
            n_zero_inflation: self.n_zero_inflation,
            tau0: Vec::new(),
            tau_scale: Vec::new(),
        };
        let (p, first) = (self.beta0.len(), self.beta0.len() + self.n_theta);
        let keep = |v: &[f64]| -> Vec<f64> { v[..p].iter().chain(&v[first..]).copied().collect() };
        let modes = RefCell::new(Modes::default());
        let opt = minimize_with(
            &|w: &[f64]| pilot.deviance(w, &modes),
            Some(&|w: &[f64]| pilot.gradient(w, &modes)),
            &keep(&x0),
            &keep(lower),
        );
        if opt.value.is_finite() {
            let nd = self.n_dispersion;
            x0[..p].copy_from_slice(&opt.x[..p]);
            x0[first..first + nd].copy_from_slice(&opt.x[p..p + nd]);
        }
        let modes = RefCell::new(Modes::default());
        let mut best = (self.deviance(&x0, &modes), 1.0);
        for factor in [0.5, 0.25, 0.125] {
            let mut y = x0.clone();
            y[p..first].iter_mut().for_each(|t| *t *= factor);
            let d = self.deviance(&y, &modes);
            if d < best.0 {
                best = (d, factor);
            }
        }
        x0[p..first].iter_mut().for_each(|t| *t *= best.1);
        x0
    }

    /// The covariance parameters θ (lme4's `getME(m, "theta")`, factor after factor).
    fn theta<'v>(&self, v: &'v [f64]) -> &'v [f64] {
        let p = self.beta0.len();
        &v[p..p + self.n_theta]
    }

    fn deviance(&self, v: &[f64], modes: &RefCell<Modes>) -> f64 {
        let d = match self.several {
            Some(several) => several.deviance(
                self.problem,
                &self.beta(v),
                self.theta(v),
                &self.extra(v),
                &mut modes.borrow_mut(),
            ),
            None => self.problem.deviance(
                &self.beta(v),
                &self.t(v),
                &self.extra(v),
                &mut modes.borrow_mut(),
            ),
        };
        if d.is_finite() { d } else { f64::INFINITY }
    }
}

/// The linear predictor the GLM's first IRLS step starts from: each response pulled towards
/// the mean response (off 0 and 1), as R's glm family `mustart` does; the log of a gamma
/// response itself.
fn starting_predictor(problem: &Problem) -> Vec<f64> {
    let mean_y: f64 = problem.y.iter().sum::<f64>() / problem.trials.iter().sum::<f64>();
    problem
        .trials
        .iter()
        .zip(&problem.y)
        .map(|(&t, &y)| match problem.family {
            Family::Binomial | Family::BetaBinomial => {
                let m = (t * mean_y + y + 0.5) / (2.0 * t + 1.0);
                (m / (1.0 - m)).ln()
            }
            Family::Beta => {
                let m = (y + mean_y) / 2.0;
                (m / (1.0 - m)).ln()
            }
            Family::Gamma => y.ln(),
            _ => (y + 0.5).ln(),
        })
        .collect()
}

/// Newton–Raphson for the GLM without random effects (the start): β̂ and its SEs, at
/// negative-binomial φ `phi`.
fn glm_start(problem: &Problem, phi: f64) -> Option<(Vec<f64>, Vec<f64>)> {
    let (n, p) = (problem.n(), problem.p);
    let mut beta = vec![0.0; p];
    let mut eta = starting_predictor(problem);
    let kernel = |eta: &[f64]| -> f64 {
        (0..n)
            .map(|i| {
                problem
                    .family
                    .terms(problem.y[i], problem.trials[i], eta[i], phi)
                    .kernel
            })
            .sum()
    };
    let mut first = true;
    let mut info = vec![0.0; p * p];
    for _ in 0..100 {
        // Weighted least squares step: (XᵀWX) δ = Xᵀ(score) (+ working response on the first).
        info.iter_mut().for_each(|v| *v = 0.0);
        let mut rhs = vec![0.0; p];
        for (i, &e) in eta.iter().enumerate() {
            let t = problem
                .family
                .terms(problem.y[i], problem.trials[i], e, phi);
            let row = &problem.x[i * p..(i + 1) * p];
            let w = t.weight.max(1e-300);
            // First iteration: regress the working response η + score/w on X (IRLS).
            let target = if first {
                (e - problem.offset[i]) * w + t.score
            } else {
                t.score
            };
            for a in 0..p {
                rhs[a] += row[a] * target;
                for b in 0..=a {
                    info[a * p + b] += w * row[a] * row[b];
                }
            }
        }
        for a in 0..p {
            for b in 0..a {
                info[b * p + a] = info[a * p + b];
            }
        }
        let mut l = info.clone();
        cholesky(&mut l, p)?;
        crate::dense::forward_solve(&l, p, &mut rhs);
        crate::dense::backward_solve_transpose(&l, p, &mut rhs);
        let old = if first {
            f64::NEG_INFINITY
        } else {
            kernel(&eta)
        };
        let mut alpha = 1.0;
        let mut done = false;
        for _ in 0..30 {
            let trial: Vec<f64> = if first {
                rhs.clone()
            } else {
                beta.iter().zip(&rhs).map(|(b, d)| b + alpha * d).collect()
            };
            let new_eta = problem.fixed_predictor(&trial);
            let value = kernel(&new_eta);
            if value.is_finite() && value >= old - 1e-12 * old.abs() {
                let change = trial
                    .iter()
                    .zip(&beta)
                    .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
                beta = trial;
                eta = new_eta;
                done = !first
                    && change < 1e-10 * (1.0 + beta.iter().fold(0.0f64, |m, b| m.max(b.abs())));
                break;
            }
            alpha *= 0.5;
        }
        first = false;
        if done {
            break;
        }
    }
    let mut l = info;
    cholesky(&mut l, p)?;
    let inv = inverse_from_cholesky(&l, p);
    let se = (0..p).map(|j| inv[j * p + j].sqrt()).collect();
    Some((beta, se))
}

/// Finite-difference Hessian at `x` over the indices `free`, steps `h`: central differences
/// of the gradient `grad` when it is available, at a tenth of `h` (the analytic gradient is
/// exact to rounding, so the smaller step costs no precision and takes the O(h²) error of a
/// parameter whose likelihood is far from quadratic, a zero-inflation intercept near its
/// bound, from 3e-4 of its SE to 3e-6), else second differences of `f` at `h`.
fn hessian(
    f: &dyn Fn(&[f64]) -> f64,
    grad: &dyn Fn(&[f64]) -> Option<Vec<f64>>,
    x: &[f64],
    free: &[usize],
    h: &[f64],
) -> Vec<f64> {
    let m = free.len();
    if let Some(columns) = free
        .iter()
        .zip(h)
        .map(|(&i, &hi)| {
            let hi = 0.1 * hi;
            let mut y = x.to_vec();
            y[i] = x[i] + hi;
            let up = grad(&y)?;
            y[i] = x[i] - hi;
            let down = grad(&y)?;
            Some(
                free.iter()
                    .map(|&j| (up[j] - down[j]) / (2.0 * hi))
                    .collect::<Vec<f64>>(),
            )
        })
        .collect::<Option<Vec<Vec<f64>>>>()
    {
        let mut out = vec![0.0; m * m];
        for a in 0..m {
            for b in 0..m {
                out[a * m + b] = 0.5 * (columns[a][b] + columns[b][a]);
            }
        }
        return out;
    }
    let f0 = f(x);
    let mut out = vec![0.0; m * m];
    let mut y = x.to_vec();
    for a in 0..m {
        let i = free[a];
        y[i] = x[i] + h[a];
        let fp = f(&y);
        y[i] = x[i] - h[a];
        let fm = f(&y);
        y[i] = x[i];
        out[a * m + a] = (fp - 2.0 * f0 + fm) / (h[a] * h[a]);
        for b in 0..a {
            let j = free[b];
            let mut v = [0.0; 4];
            for (k, (si, sj)) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)]
                .iter()
                .enumerate()
            {
                y[i] = x[i] + si * h[a];
                y[j] = x[j] + sj * h[b];
                v[k] = f(&y);
            }
            y[i] = x[i];
            y[j] = x[j];
            let d = (v[0] - v[1] - v[2] + v[3]) / (4.0 * h[a] * h[b]);
            out[a * m + b] = d;
            out[b * m + a] = d;
        }
    }
    out
}

/// The covariance (2 H⁻¹) of the parameters `free` at `x`, with steps refined to 1/50 of each
/// parameter's own SE; `None` when the Hessian is not positive definite. (Also the
/// binomial-normal meta-analysis's, on its deviance profiled over the study intercepts.)
pub(crate) fn covariance(
    f: &dyn Fn(&[f64]) -> f64,
    grad: &dyn Fn(&[f64]) -> Option<Vec<f64>>,
    x: &[f64],
    free: &[usize],
) -> Option<Vec<f64>> {
    let m = free.len();
    let mut h: Vec<f64> = free.iter().map(|&i| 1e-3 * x[i].abs().max(0.1)).collect();
    let mut cov = None;
    for _pass in 0..2 {
        let mut hess = hessian(f, grad, x, free, &h);
        cholesky(&mut hess, m)?;
        let inv = inverse_from_cholesky(&hess, m);
        let c: Vec<f64> = inv.iter().map(|v| 2.0 * v).collect();
        h = (0..m).map(|a| 0.02 * c[a * m + a].sqrt()).collect();
        if h.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
            return None;
        }
        cov = Some(c);
    }
    cov
}

/// [`covariance`] with the final Hessian extrapolated (Richardson): second differences at
/// steps h and h/2 combined as (4 H(h/2) − H(h)) / 3, whose error is O(h⁴) instead of O(h²).
/// For an objective smooth to rounding and cheap to evaluate (the binomial–normal
/// meta-analysis's profiled deviance), this takes the SEs from about 1e-6 to about 1e-8.
pub(crate) fn covariance_extrapolated(
    f: &dyn Fn(&[f64]) -> f64,
    x: &[f64],
    free: &[usize],
) -> Option<Vec<f64>> {
    let none = |_: &[f64]| None;
    let m = free.len();
    let mut h: Vec<f64> = free.iter().map(|&i| 1e-3 * x[i].abs().max(0.1)).collect();
    for _pass in 0..2 {
        let mut hess = hessian(f, &none, x, free, &h);
        cholesky(&mut hess, m)?;
        let inv = inverse_from_cholesky(&hess, m);
        h = (0..m)
            .map(|a| 0.02 * (2.0 * inv[a * m + a]).sqrt())
            .collect();
        if h.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
            return None;
        }
    }
    let coarse = hessian(f, &none, x, free, &h);
    let half: Vec<f64> = h.iter().map(|v| 0.5 * v).collect();
    let fine = hessian(f, &none, x, free, &half);
    let mut hess: Vec<f64> = fine
        .iter()
        .zip(&coarse)
        .map(|(a, b)| (4.0 * a - b) / 3.0)
        .collect();
    cholesky(&mut hess, m)?;
    Some(
        inverse_from_cholesky(&hess, m)
            .iter()
            .map(|v| 2.0 * v)
            .collect(),
    )
}

/// Fit `model` by maximising its (Laplace or quadrature) log-likelihood. Several grouping
/// factors have no analytic gradient: the optimiser then takes the Hessian that confirms the
/// optimum from second differences of the deviance, at steps a hundred times its gradient's,
/// rather than from differences of differenced gradients (whose rounding, 1e-10 in a
/// deviance of 3,000, left a beta-binomial's Hessian not positive definite).
fn fit_model(
    formula: &Formula,
    frame: &Frame,
    model: &Model,
    options: GlmmOptions,
) -> Result<GlmmFit> {
    let problem = &model.problem;
    let family = options.family;
    let p = problem.p;
    let (layout, x0, lower) = Layout::start(model)?;
    let x0 = layout.zero_inflated_start(x0, &lower);
    let factors = model.factors();
    let modes = RefCell::new(Modes::default());
    let objective = |v: &[f64]| layout.deviance(v, &modes);
    let gradient = |v: &[f64]| layout.gradient(v, &modes);
    let analytic: Option<GradientFn> = match model.several {
        Some(_) => None,
        None => Some(&gradient),
    };
    let opt = minimize_with(&objective, analytic, &x0, &lower);
    let v = opt.x.clone();
    let deviance = objective(&v);
    if !deviance.is_finite() {
        return Err(Error::numerical(
            "the log-likelihood is not finite at the optimum".into(),
        ));
    }
    let beta = layout.beta(&v);
    // Standard errors: θ entries at a bound are held fixed.
    let free: Vec<usize> = (0..v.len())
        .filter(|&i| !(lower[i].is_finite() && v[i] <= lower[i] + 1e-8))
        .collect();
    let cov = parameter_covariance(model, &objective, &gradient, &v, &free);
    objective(&v); // leave the modes at the optimum
    let fixed = fixed_effects(model, &beta, &layout.scale, cov.as_deref(), free.len());
    let first = p + layout.n_theta;
    let dispersion = dispersion_effects(&problem.dispersion, first, &v, &free, cov.as_deref());
    let zi_first = first + layout.n_dispersion;
    let zero_inflation =
        zero_inflation_effects(&problem.zero_inflation, zi_first, &v, &free, cov.as_deref());
    let thresholds = threshold_effects(&problem.thresholds, &layout, &v, &free, cov.as_deref());
    let theta_cov: Vec<f64> = v[p..p + layout.n_theta].to_vec();
    let (random, correlations, singular) = factor_summaries(factors, &theta_cov, 1.0);
    let factor_modes = conditional_modes(model, &theta_cov, &modes.borrow());
    let converged = opt.converged && cov.is_some();
    let mut warnings = convergence_warnings(opt.converged, cov.is_some());
    let eta = linear_predictor(model, &beta, &layout.t(&v), &theta_cov, &modes.borrow());
    warnings.extend(separation_warnings(family, &eta, &fixed, &thresholds));
    warnings.extend(structural_zero_warnings(
        &problem.zero_inflation,
        &v[zi_first..],
        &zero_inflation,
    ));
    let n = problem.n();
    let n_parameters = v.len();
    Ok(GlmmFit {
        formula: formula.text.clone(),
        reference_levels: frame.reference_levels(formula),
        family: family.r_name().to_string(),
        link: family.link().to_string(),
        method: method_name(options.nagq).to_string(),
        nagq: options.nagq,
        log_likelihood: -deviance / 2.0,
        deviance,
        aic: deviance + 2.0 * n_parameters as f64,
        bic: deviance + (n as f64).ln() * n_parameters as f64,
        n_parameters,
        fixed,
        ratios: None,
        level: None,
        random,
        correlations,
        theta: (problem.dispersion == Dispersion::Shared).then(|| 1.0 / layout.dispersion(&v)[0]),
        dispersion_scale: (!dispersion.is_empty())
            .then(|| family.dispersion_scale().map(String::from))
            .flatten(),
        dispersion,
        dispformula: None,
        zero_inflation,
        ziformula: None,
        thresholds,
        converged,
        singular,
        warnings,
        n_obs: n,
        n_dropped: frame.n_dropped,
        group: factors.first().map(|re| re.group.clone()),
        n_groups: factors.first().map_or(0, |re| re.levels.len()),
        grouping_factors: grouping_factors(factors),
        ranef: None,
        factor_modes,
        evaluations: opt.evaluations,
        gradient: opt.projected_gradient,
        covariance_parameters: theta_cov,
        rows: fitted_rows(model, &layout, &v, &free, cov.as_deref()),
        observed_vs_fitted: None,
    })
}

/// Each row's prediction at random effects 0 at the optimum `v`, with the covariance of the
/// parameters it depends on ([`prediction_covariance`]) for the fitted values' intervals.
fn fitted_rows(
    model: &Model,
    layout: &Layout,
    v: &[f64],
    free: &[usize],
    cov: Option<&[f64]>,
) -> FittedRows {
    let zi_first = model.problem.p + layout.n_theta + layout.n_dispersion;
    let zero_coefficients = &v[zi_first..zi_first + layout.n_zero_inflation];
    let covariance = prediction_covariance(layout, v, free, cov);
    FittedRows::new(model, &layout.beta(v), zero_coefficients, covariance)
}

/// The covariance, in their own units, of the parameters a prediction at random effects 0
/// depends on: the fixed effects β, then the zero-inflation coefficients, then an ordinal
/// model's thresholds (the order of [`FittedRows`]' gradients), from `cov` (the covariance of
/// the parameters `free` of `v`, β and τ in their scaled units); `None` without `cov` or when
/// one of them is held at a bound.
fn prediction_covariance(
    layout: &Layout,
    v: &[f64],
    free: &[usize],
    cov: Option<&[f64]>,
) -> Option<Vec<f64>> {
    let cov = cov?;
    let p = layout.problem.p;
    let zi_first = p + layout.n_theta + layout.n_dispersion;
    let tau_first = v.len() - layout.tau0.len();
    // (position in v, units of the optimised parameter)
    let params: Vec<(usize, f64)> = (0..p)
        .map(|j| (j, layout.scale[j]))
        .chain((0..layout.n_zero_inflation).map(|k| (zi_first + k, 1.0)))
        .chain(
            layout
                .tau_scale
                .iter()
                .enumerate()
                .map(|(k, s)| (tau_first + k, *s)),
        )
        .collect();
    let at: Vec<usize> = params
        .iter()
        .map(|(i, _)| free.iter().position(|f| f == i))
        .collect::<Option<_>>()?;
    let (k, n_free) = (params.len(), free.len());
    Some(
        (0..k * k)
            .map(|ab| {
                let (a, b) = (ab / k, ab % k);
                params[a].1 * params[b].1 * cov[at[a] * n_free + at[b]]
            })
            .collect(),
    )
}

/// The method's name: the Laplace approximation (`nagq` 1) or adaptive Gauss-Hermite
/// quadrature.
fn method_name(nagq: usize) -> &'static str {
    if nagq > 1 {
        "adaptive Gauss-Hermite quadrature"
    } else {
        "Laplace"
    }
}

/// The covariance of the parameters `free` at the optimum `v` ([`covariance`]); without an
/// analytic gradient (an ordinal model by quadrature, several grouping factors)
/// [`covariance_extrapolated`]: second differences of the deviance at one step leave an
/// ordinal model's SEs 0.7% off (its thresholds move together with the random intercept; the
/// simulated trial of tests/glmm_ordinal.rs, by quadrature) and 6e-4 off with two nested
/// factors (tests/glmm_several_factors.rs), extrapolated ones 4e-6 and 1e-8.
fn parameter_covariance(
    model: &Model,
    objective: &dyn Fn(&[f64]) -> f64,
    gradient: &dyn Fn(&[f64]) -> Option<Vec<f64>>,
    v: &[f64],
    free: &[usize],
) -> Option<Vec<f64>> {
    let problem = &model.problem;
    if model.several.is_some() || problem.rule.is_some() && !problem.thresholds.is_empty() {
        covariance_extrapolated(objective, v, free)
    } else {
        covariance(objective, gradient, v, free)
    }
}

/// The fixed effects `beta` with their SEs from `cov` (the covariance of the `n_free` free
/// parameters in optimised units, `None` when not available: SEs NaN), `scale` back to β's
/// units, and their Wald z and p.
fn fixed_effects(
    model: &Model,
    beta: &[f64],
    scale: &[f64],
    cov: Option<&[f64]>,
    n_free: usize,
) -> Vec<FixedEffect> {
    (0..model.problem.p)
        .map(|j| {
            let se = cov.map_or(f64::NAN, |c| scale[j] * c[j * n_free + j].sqrt());
            let z = beta[j] / se;
            FixedEffect {
                term: model.fixed_names[j].clone(),
                estimate: beta[j],
                se,
                z,
                p: p_two_sided_z(z),
            }
        })
        .collect()
}

/// The parameters of `v` from `first` on, one per name of `names`, as (name, estimate, SE),
/// the SEs from `cov` (the covariance of the parameters `free`, NaN when `None` or when the
/// parameter is not free).
fn coefficients(
    names: &[String],
    first: usize,
    v: &[f64],
    free: &[usize],
    cov: Option<&[f64]>,
) -> Vec<(String, f64, f64)> {
    let n_free = free.len();
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let at = first + k;
            let se = match (cov, free.iter().position(|&i| i == at)) {
                (Some(c), Some(j)) => c[j * n_free + j].sqrt(),
                _ => f64::NAN,
            };
            (name.clone(), v[at], se)
        })
        .collect()
}

/// The coefficients of a log-linear dispersion (none otherwise), the parameters of `v` from
/// `first` on, with their SEs from `cov` (the covariance of the parameters `free`, NaN when
/// `None`).
fn dispersion_effects(
    dispersion: &Dispersion,
    first: usize,
    v: &[f64],
    free: &[usize],
    cov: Option<&[f64]>,
) -> Vec<DispersionEffect> {
    let Dispersion::Linear { names, .. } = dispersion else {
        return Vec::new();
    };
    coefficients(names, first, v, free, cov)
        .into_iter()
        .map(|(term, estimate, se)| DispersionEffect { term, estimate, se })
        .collect()
}

/// The zero-inflation coefficients (logit scale; none without zero inflation), the parameters
/// of `v` from `first` on, with their SEs from `cov` (as [`dispersion_effects`]) and Wald z
/// and p, as glmmTMB's summary prints them.
fn zero_inflation_effects(
    zero_inflation: &ZeroInflation,
    first: usize,
    v: &[f64],
    free: &[usize],
    cov: Option<&[f64]>,
) -> Vec<FixedEffect> {
    let ZeroInflation::Linear { names, .. } = zero_inflation else {
        return Vec::new();
    };
    coefficients(names, first, v, free, cov)
        .into_iter()
        .map(|(term, estimate, se)| {
            let z = estimate / se;
            FixedEffect {
                term,
                estimate,
                se,
                z,
                p: p_two_sided_z(z),
            }
        })
        .collect()
}

/// An ordinal model's thresholds (none for the other families), the last parameters of `v`
/// in the scaled units of `layout`, with their SEs from `cov` (as [`dispersion_effects`]) and
/// Wald z.
fn threshold_effects(
    thresholds: &Thresholds,
    layout: &Layout,
    v: &[f64],
    free: &[usize],
    cov: Option<&[f64]>,
) -> Vec<Threshold> {
    let Thresholds::Cumulative { names, .. } = thresholds else {
        return Vec::new();
    };
    let first = v.len() - names.len();
    let tau = layout.thresholds(v);
    coefficients(names, first, v, free, cov)
        .into_iter()
        .enumerate()
        .map(|(k, (term, _, se))| {
            let se = se * layout.tau_scale[k];
            Threshold {
                term,
                estimate: tau[k],
                se,
                z: tau[k] / se,
            }
        })
        .collect()
}

/// A structural zero's probability numerically 0 (logit below −15) in some rows at the
/// zero-inflation coefficients `gamma`: a coefficient running off to −∞ (a level of the
/// formula without excess zeros), whose finite value and SE mean nothing.
fn structural_zero_warnings(
    zero_inflation: &ZeroInflation,
    gamma: &[f64],
    effects: &[FixedEffect],
) -> Vec<String> {
    let rows = zero_inflation
        .predictor(gamma)
        .iter()
        .filter(|&&zeta| zeta < -15.0)
        .count();
    let Some(worst) = effects
        .iter()
        .min_by(|a, b| a.estimate.total_cmp(&b.estimate))
        .filter(|_| rows > 0)
    else {
        return Vec::new();
    };
    vec![format!(
        "the probability of a structural zero is numerically 0 in {rows} row(s): a zero-inflation coefficient runs off to −∞ (there are no excess zeros there), so its finite value, SE, z and p mean nothing; the lowest is '{}' = {} (SE {}); drop that term from the zero-inflation formula, or the zero inflation altogether",
        worst.term,
        human_number(worst.estimate),
        human_number(worst.se)
    )]
}

/// The warnings of an optimum not confirmed (`converged` false) or without standard errors
/// (`has_covariance` false).
fn convergence_warnings(converged: bool, has_covariance: bool) -> Vec<String> {
    let mut warnings = Vec::new();
    if !converged {
        warnings.push(
            "the optimum could not be confirmed (the Hessian of the deviance is not positive definite or the Newton decrement stayed above 1e-6)".to_string(),
        );
    } else if !has_covariance {
        warnings.push("the Hessian of the deviance is not positive definite at the optimum: standard errors are not available (NA)".to_string());
    }
    warnings
}

fn not_identifiable() -> Error {
    Error::numerical(
        "the fixed-effect information matrix is singular at the start (is a covariate constant, or a column a combination of others?)".into(),
    )
}

/// The linear predictor η = Xβ + offset + Zb at the modes, in the problem's row order.
fn linear_predictor(
    model: &Model,
    beta: &[f64],
    t: &[f64],
    theta: &[f64],
    modes: &Modes,
) -> Vec<f64> {
    let problem = &model.problem;
    let mut eta = problem.fixed_predictor(beta);
    if let Some(g) = &problem.grouping {
        let q = g.q;
        for k in 0..g.n_groups() {
            let b = lower_times(t, &modes.u[k * q..(k + 1) * q], q);
            let rows = g.starts[k]..g.starts[k + 1];
            for (e, z) in eta[rows.clone()]
                .iter_mut()
                .zip(g.z[rows.start * q..rows.end * q].chunks(q))
            {
                *e += z.iter().zip(&b[..q]).map(|(z, b)| z * b).sum::<f64>();
            }
        }
    }
    if let Some(several) = &model.several {
        let zb = several.predictor(theta, &modes.u, eta.len());
        for (e, b) in eta.iter_mut().zip(zb) {
            *e += b;
        }
    }
    eta
}

/// The conditional modes b = Λθ û of every grouping factor, each level in its factor's order.
fn conditional_modes(model: &Model, theta: &[f64], modes: &Modes) -> Vec<FactorModes> {
    let values: Vec<Vec<f64>> = match (&model.several, &model.random) {
        (Some(several), _) => several.random_effects(theta, &modes.u),
        (None, Some(re)) => {
            let q = re.q();
            let mut t = vec![0.0; q * q];
            re.fill_t(theta, &mut t);
            vec![
                modes
                    .u
                    .chunks(q)
                    .flat_map(|u| lower_times(&t, u, q)[..q].to_vec())
                    .collect(),
            ]
        }
        (None, None) => Vec::new(),
    };
    model
        .factors()
        .iter()
        .zip(values)
        .map(|(re, values)| FactorModes {
            group: re.group.clone(),
            terms: re.names.clone(),
            levels: re.levels.clone(),
            values,
        })
        .collect()
}

/// Fitted means at 0 or 1 (binomial), rates at 0 (counts) or cumulative probabilities at 0 or
/// 1 (ordinal, at its `thresholds`), from the linear predictor `eta`: an estimate that runs off
/// to infinity (separation: for the ordinal family, a category that no row of some level of a
/// covariate reaches), which a finite number in the output must not hide.
fn separation_warnings(
    family: Family,
    eta: &[f64],
    fixed: &[FixedEffect],
    thresholds: &[Threshold],
) -> Vec<String> {
    // Separation (a fitted mean or probability numerically 0 or 1) is of counts and ordered
    // categories only.
    if !(family.is_count() || family == Family::Ordinal) {
        return Vec::new();
    }
    let extreme = eta
        .iter()
        .filter(|&&eta| match family {
            Family::Binomial | Family::BetaBinomial => eta.abs() > 15.0,
            Family::Ordinal => thresholds.iter().any(|t| (t.estimate - eta).abs() > 15.0),
            _ => eta < -15.0,
        })
        .count();
    if extreme == 0 {
        return Vec::new();
    }
    let worst = fixed
        .iter()
        .filter(|f| f.term != "(Intercept)")
        .max_by(|a, b| a.estimate.abs().total_cmp(&b.estimate.abs()))
        .or(fixed.first());
    let what = match family {
        Family::Binomial | Family::BetaBinomial => "fitted probabilities numerically 0 or 1",
        Family::Ordinal => "fitted cumulative probabilities numerically 0 or 1",
        _ => "fitted rates numerically 0",
    };
    let mut s = format!(
        "{what} in {extreme} row(s): separation — some estimate is really infinite (the likelihood keeps rising as it grows), so its finite value, SE, z and p mean nothing"
    );
    if let Some(w) = worst {
        s.push_str(&format!(
            "; the largest is '{}' = {} (SE {})",
            w.term,
            human_number(w.estimate),
            human_number(w.se)
        ));
    }
    s.push_str("; remove or merge the category without events, or use a penalised (Firth) fit");
    vec![s]
}

impl GlmmFit {
    /// Fill [`GlmmFit::observed_vs_fitted`] with the summaries `request` asks for, of this fit
    /// to `frame` ([`observed_vs_fitted`]).
    pub fn with_observed_vs_fitted(
        mut self,
        frame: &Frame,
        request: &ObservedFittedRequest,
    ) -> Result<Self> {
        self.observed_vs_fitted = Some(self.summarise_observed_vs_fitted(frame, request)?);
        Ok(self)
    }

    /// Observed against fitted by level, of this fit to `frame` ([`observed_vs_fitted`]).
    pub fn summarise_observed_vs_fitted(
        &self,
        frame: &Frame,
        request: &ObservedFittedRequest,
    ) -> Result<ObservedVsFitted> {
        let thresholds: Vec<f64> = self.thresholds.iter().map(|t| t.estimate).collect();
        let model = FittedModel {
            rows: &self.rows,
            formula: &self.formula,
            random_effects: !self.grouping_factors.is_empty(),
            link: &self.link,
            thresholds: &thresholds,
        };
        observed_vs_fitted(model, frame, request)
    }

    /// Fill [`GlmmFit::ratios`]: exp(β) with the Wald interval exp(β ± z SE) at `level`.
    pub fn with_ratios(mut self, level: ConfidenceLevel) -> Self {
        let z = level.z_crit();
        self.ratios = Some(
            self.fixed
                .iter()
                .map(|f| Ratio {
                    term: f.term.clone(),
                    ratio: f.estimate.exp(),
                    lower: (f.estimate - z * f.se).exp(),
                    upper: (f.estimate + z * f.se).exp(),
                })
                .collect(),
        );
        self.level = Some(level);
        self
    }

    /// Fill [`GlmmFit::ranef`] (the conditional modes b = Λθ û shown with `--ranef`), every
    /// grouping factor in turn.
    pub fn with_ranef(mut self) -> Self {
        self.ranef = Some(group_modes(&self.factor_modes));
        self
    }

    /// The conditional mode of random-effect `term` for level `level` of grouping factor
    /// `group`, if all exist.
    pub fn mode_of(&self, group: &str, level: &str, term: &str) -> Option<f64> {
        mode_in(&self.factor_modes, group, level, term)
    }

    /// The dispersion model's coefficients as the preamble prints them: a title naming the
    /// formula and the scale, then term, estimate and SE.
    fn dispersion_lines(&self) -> String {
        let mut s = format!(
            "\n\ndispersion model {}: {}, as glmmTMB's fixef(m)$disp\n{:<16} {:>14} {:>14}",
            self.dispformula.as_deref().unwrap_or("~ 1"),
            self.dispersion_scale.as_deref().unwrap_or("log scale"),
            "term",
            "estimate",
            "se"
        );
        for d in &self.dispersion {
            s.push_str(&format!(
                "\n{:<16} {:>14} {:>14}",
                d.term,
                human_number(d.estimate),
                human_number(d.se)
            ));
        }
        s
    }

    /// The zero-inflation model's coefficients as the preamble prints them: a title naming the
    /// formula and the scale, then term, estimate, SE, z and p.
    fn zero_inflation_lines(&self) -> String {
        let mut s = format!(
            "\n\nzero-inflation model {}: logit of the probability of a structural zero, as glmmTMB's fixef(m)$zi\n{:<16} {:>14} {:>14} {:>14} {:>14}",
            self.ziformula.as_deref().unwrap_or("~ 1"),
            "term",
            "estimate",
            "se",
            "z",
            "p"
        );
        for f in &self.zero_inflation {
            s.push_str(&format!(
                "\n{:<16} {:>14} {:>14} {:>14} {:>14}",
                f.term,
                human_number(f.estimate),
                human_number(f.se),
                human_number(f.z),
                human_number(f.p)
            ));
        }
        s
    }

    /// An ordinal model's thresholds as the preamble prints them: the response's levels in
    /// order, then term, estimate, SE and z (clmm's "Threshold coefficients").
    fn threshold_lines(&self) -> String {
        let levels: Vec<&str> = self
            .thresholds
            .iter()
            .map(|t| t.term.split('|').next().unwrap_or(""))
            .chain(
                self.thresholds
                    .last()
                    .and_then(|t| t.term.split('|').nth(1)),
            )
            .collect();
        let mut s = format!(
            "\n\nresponse levels: {} (a positive coefficient moves the response up)\nthresholds (logit of P(Y <= j) at eta = 0), as clmm's\n{:<16} {:>14} {:>14} {:>14}",
            levels.join(" < "),
            "term",
            "estimate",
            "se",
            "z"
        );
        for t in &self.thresholds {
            s.push_str(&format!(
                "\n{:<16} {:>14} {:>14} {:>14}",
                t.term,
                human_number(t.estimate),
                human_number(t.se),
                human_number(t.z)
            ));
        }
        s
    }

    /// The threshold called `term` (`2|3`) of an ordinal model.
    pub fn threshold(&self, term: &str) -> Option<&Threshold> {
        self.thresholds.iter().find(|t| t.term == term)
    }

    /// The fixed effect called `term`.
    pub fn fixed_effect(&self, term: &str) -> Option<&FixedEffect> {
        self.fixed.iter().find(|f| f.term == term)
    }
}

impl Tabular for GlmmFit {
    fn preamble(&self) -> Option<String> {
        let method = if self.nagq > 1 {
            format!("{} ({} nodes)", self.method, self.nagq)
        } else {
            format!("{} approximation", self.method)
        };
        let kind = match (self.group.is_some(), self.thresholds.is_empty()) {
            (true, true) => "Generalised linear mixed model",
            (false, true) => "Generalised linear model",
            (true, false) => "Cumulative link mixed model (as ordinal's clmm)",
            (false, false) => "Cumulative link model (as ordinal's clm)",
        };
        let link = if self.thresholds.is_empty() {
            self.link.clone()
        } else {
            "logit: logit P(Y <= j) = threshold_j - eta, eta without an intercept".to_string()
        };
        let mut s = format!(
            "{kind}, family {} (link {link}), fit by maximum likelihood ({method})\nformula: {}\n\nlog-likelihood: {}   deviance: {}   AIC: {}   BIC: {}",
            self.family,
            self.formula,
            human_number(self.log_likelihood),
            human_number(self.deviance),
            human_number(self.aic),
            human_number(self.bic),
        );
        if !self.random.is_empty() {
            s.push_str(&format!(
                "\n\nrandom effects:\n{}",
                random_effects_lines(&self.random, &self.correlations).join("\n")
            ));
        }
        match self.theta {
            Some(theta) if theta.is_finite() => s.push_str(&format!(
                "\n\nnegative binomial dispersion theta: {} (Var = mu + mu^2/theta)",
                human_number(theta)
            )),
            Some(_) => s.push_str(
                "\n\nnegative binomial dispersion theta: infinite (1/theta = 0: no overdispersion beyond the random effects; the fit is the Poisson model's)",
            ),
            None => {}
        }
        if !self.dispersion.is_empty() {
            s.push_str(&self.dispersion_lines());
        }
        if !self.zero_inflation.is_empty() {
            s.push_str(&self.zero_inflation_lines());
        }
        if !self.thresholds.is_empty() {
            s.push_str(&self.threshold_lines());
        }
        s.push_str(&format!("\n\nobservations: {}", self.n_obs));
        match self.grouping_factors.as_slice() {
            [] => {}
            [one] => s.push_str(&format!("   groups ({}): {}", one.group, one.levels)),
            several => s.push_str(&format!(
                "   groups: {}",
                several
                    .iter()
                    .map(|f| format!("{} {}", f.group, f.levels))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        if self.n_dropped > 0 {
            s.push_str(&format!(
                "\n{} row(s) with missing values dropped (as R's na.omit)",
                self.n_dropped
            ));
        }
        if !self.reference_levels.is_empty() {
            s.push_str(&format!(
                "\nreference levels: {}",
                crate::lmm::ReferenceLevels(self.reference_levels.clone()).describe()
            ));
        }
        s.push_str(&format!(
            "\nconverged: {} ({} evaluations, max |projected gradient| {})",
            if self.converged { "yes" } else { "NO" },
            self.evaluations,
            human_number(self.gradient)
        ));
        if self.singular {
            s.push_str("\nsingular fit: a random-effect SD is (nearly) zero");
        }
        for w in &self.warnings {
            s.push_str(&format!("\nwarning: {w}"));
        }
        s.push_str("\n\nfixed effects:");
        Some(s)
    }

    fn table(&self) -> Table {
        let mut header: Vec<String> = ["term", "estimate", "se", "z", "p"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if let (Some(_), Some(level)) = (&self.ratios, self.level) {
            let name = match (self.link.as_str(), self.family.as_str()) {
                ("logit", _) => "odds_ratio",
                (_, "Gamma") => "mean_ratio",
                _ => "rate_ratio",
            };
            header.push(name.to_string());
            header.push(format!("lower_{}", human_number(level.percent())));
            header.push(format!("upper_{}", human_number(level.percent())));
        }
        let rows = self
            .fixed
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let mut row = vec![
                    Cell::from(f.term.as_str()),
                    f.estimate.into(),
                    f.se.into(),
                    f.z.into(),
                    f.p.into(),
                ];
                if let Some(r) = &self.ratios {
                    row.extend([r[k].ratio.into(), r[k].lower.into(), r[k].upper.into()]);
                }
                row
            })
            .collect();
        Table { header, rows }
    }

    fn epilogue(&self) -> Option<String> {
        let parts: Vec<String> = [
            self.ranef
                .as_ref()
                .map(|r| ranef_text(&self.factor_modes, r)),
            self.observed_vs_fitted.as_ref().map(|o| o.text()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }
}
