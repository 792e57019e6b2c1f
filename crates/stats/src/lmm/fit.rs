//! A fitted linear mixed model: fitting by minimising the profiled criterion over θ, and
//! everything lme4's `summary(lmer(...))` reports (criterion, log-likelihood, AIC/BIC, fixed
//! effects with SE and t, random-effect SDs and correlations, residual SD), plus conditional
//! modes per group and fitted values for charts.
//!
//! Formulas (Bates et al. 2015, J. Stat. Softw. 67(1)): σ̂² = r²/n (ML) or r²/(n−p) (REML)
//! (eqs. 33, 40); Var(β̂) = σ̂² (RX RXᵀ)⁻¹ (§3.6); the random-effect covariance is σ̂² T Tᵀ.
//! The log-likelihood is −criterion/2, with `p + length(θ) + 1` parameters for AIC and BIC,
//! as lme4's `logLik`.

use super::blocked::BlockedSystem;
use super::criterion::{CrossProducts, ProfiledCriterion, Solution};
use super::design::fixed_matrix;
use super::formula::Formula;
use super::frame::{Frame, ReferenceLevels, Role};
use super::random::RandomEffects;
use crate::dense::inverse_from_cholesky;
use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use crate::optimize::quasi_newton::{Optimum, minimize_scaled, minimize_with};
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

/// One fixed effect.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FixedEffect {
    pub term: String,
    pub estimate: f64,
    pub se: f64,
    pub t: f64,
    /// Denominator degrees of freedom (Satterthwaite or Kenward–Roger; absent with
    /// `--ddf none`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df: Option<f64>,
    /// Two-sided p-value of t on `df`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<f64>,
    /// Confidence interval `estimate ± t(df) · se` at the run's level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci_lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci_upper: Option<f64>,
}

/// The standard deviation of one random effect.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RandomEffectSd {
    pub group: String,
    pub term: String,
    pub sd: f64,
}

/// The correlation of two random effects of one group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RandomEffectCorrelation {
    pub group: String,
    pub terms: [String; 2],
    /// `None` when one of the two SDs is 0: a correlation with a constant is not defined
    /// (lme4 prints NaN there).
    pub corr: Option<f64>,
}

/// The conditional modes (BLUPs) of one group's random effects.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupModes {
    /// The grouping factor.
    pub group: String,
    pub level: String,
    /// One value per random-effect term, in the order of [`LmmFit::random`].
    pub values: Vec<f64>,
}

/// One grouping factor of a fitted model and its number of levels.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupingFactor {
    pub group: String,
    pub levels: usize,
}

/// The conditional modes of every level of one grouping factor.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorModes {
    pub group: String,
    /// The random-effect terms (`(Intercept)`, `month`).
    pub terms: Vec<String>,
    pub levels: Vec<String>,
    /// `levels × terms`, level-major.
    pub values: Vec<f64>,
}

/// A fitted model.
#[derive(Debug, Clone, Serialize)]
pub struct LmmFit {
    pub formula: String,
    /// Each categorical fixed-effect variable's reference level (`--reference`, else the first
    /// in sorted order), as (variable, level).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference_levels: Vec<(String, String)>,
    /// `"REML"` or `"ML"`.
    pub method: String,
    /// REML criterion (REML fits) or deviance −2ℓ (ML fits), as lme4's `REMLcrit`/`deviance`.
    pub criterion: f64,
    pub log_likelihood: f64,
    pub aic: f64,
    pub bic: f64,
    /// Number of parameters (fixed effects, θ, σ).
    pub n_parameters: usize,
    /// Residual standard deviation.
    pub sigma: f64,
    pub fixed: Vec<FixedEffect>,
    /// The method of the fixed effects' df (`satterthwaite`, `kenward-roger`; absent when none
    /// were computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ddf: Option<super::ddf::Ddf>,
    /// The level of the fixed effects' confidence intervals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<crate::level::ConfidenceLevel>,
    pub random: Vec<RandomEffectSd>,
    pub correlations: Vec<RandomEffectCorrelation>,
    /// The relative covariance parameters (lme4's `getME(m, "theta")`).
    pub theta: Vec<f64>,
    pub converged: bool,
    /// A variance or correlation at the boundary (lme4's `isSingular`, tolerance 1e-4).
    pub singular: bool,
    pub n_obs: usize,
    /// Rows dropped because a used column was missing (R's `na.omit`).
    pub n_dropped: usize,
    /// The grouping factor with the most levels (the one charts draw a line for).
    pub group: String,
    pub n_groups: usize,
    /// Every grouping factor, most levels first (lme4's order).
    pub grouping_factors: Vec<GroupingFactor>,
    /// Criterion evaluations the optimiser used.
    pub evaluations: usize,
    /// Largest absolute projected gradient of the criterion at the optimum.
    pub gradient: f64,
    /// Conditional modes per group (only with `--ranef`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranef: Option<Vec<GroupModes>>,
    /// Fitted values `Xβ̂ + Zb̂`, one per row used, in file order.
    #[serde(skip)]
    pub fitted: Vec<f64>,
    /// Population-level fitted values `Xβ̂`, one per row used.
    #[serde(skip)]
    pub population: Vec<f64>,
    /// Conditional modes of every grouping factor, in the order of `grouping_factors`.
    #[serde(skip)]
    pub factor_modes: Vec<FactorModes>,
    /// Conditional modes of the first factor, `n_groups × q` (group-major), for charts.
    #[serde(skip)]
    pub modes: Vec<f64>,
    /// Group levels in the order of `modes`.
    #[serde(skip)]
    pub levels: Vec<String>,
    /// Group index of each row used.
    #[serde(skip)]
    pub group_of_row: Vec<u32>,
    /// The observed response of each row used.
    #[serde(skip)]
    pub observed: Vec<f64>,
    /// The design the fit was made from, kept for inference on it (see [`FitDesign`]).
    #[serde(skip)]
    pub(crate) design: Option<Arc<FitDesign>>,
    /// Var(β̂) = σ̂²(RX RXᵀ)⁻¹ (lme4's `vcov`), p × p row-major: the covariance the
    /// containment df test with ([`super::inference`]).
    #[serde(skip)]
    pub(crate) beta_covariance: Vec<f64>,
}

/// The fixed-effect matrix X and the random effects of every grouping factor of a fit, kept
/// with it so that inference on the fit ([`super::inference::FixedInference::new`]) does not
/// build them again from the frame (a copy of every row's values).
#[derive(Debug)]
pub(crate) struct FitDesign {
    pub(crate) x: ModelMatrix,
    pub(crate) factors: Vec<RandomEffects>,
}

/// One observation on a trajectory chart.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrajectoryPoint {
    /// The time column's value (e.g. month).
    pub time: f64,
    /// The observed response.
    pub observed: f64,
    /// The group's fitted value `Xβ̂ + Zb̂` (per-patient line).
    pub fitted: f64,
    /// The population fitted value `Xβ̂` (population line).
    pub population: f64,
}

/// One group's observations and fitted lines, in time order.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Trajectory {
    pub group: String,
    pub points: Vec<TrajectoryPoint>,
}

/// The columns `formula` needs and how each is read.
pub fn columns_for(formula: &Formula) -> Vec<(String, Role)> {
    let mut out: Vec<(String, Role)> = vec![(formula.response.clone(), Role::Numeric)];
    let mut add = |name: &str, role: Role| {
        if let Some(e) = out.iter_mut().find(|(n, _)| n == name) {
            if role == Role::Categorical || e.1 == Role::Categorical {
                e.1 = Role::Categorical;
            } else if role == Role::Numeric {
                e.1 = Role::Numeric;
            }
        } else {
            out.push((name.to_string(), role));
        }
    };
    for r in &formula.random {
        for s in &r.slopes {
            add(s, Role::Numeric);
        }
    }
    for t in &formula.fixed {
        for v in &t.variables {
            add(
                &v.name,
                if v.as_factor {
                    Role::Categorical
                } else {
                    Role::Either
                },
            );
        }
    }
    for r in &formula.random {
        for g in &r.group_columns {
            add(g, Role::Categorical);
        }
    }
    out
}

/// Parse `formula`, read the columns it needs from `path`, and fit.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::lmm::fit_csv;
/// // R 4.2.2, lme4 1.1.31: m <- lmer(Reaction ~ Days + (Days | Subject), sleepstudy,
/// // REML = FALSE); deviance(m) = 1751.9393444889909, sigma(m) = 25.591907036486965, and
/// // sqrt(diag(vcov(m)))[2] = 1.5022302138320407 (tests/lmm_lme4.rs).
/// let m = fit_csv(Path::new("tests/data/sleepstudy.csv"), "Reaction ~ Days + (Days | Subject)", false)?;
/// // lme4 stops where the criterion is flat: SDs and SEs agree to 1e-4 relative, as there.
/// assert!((m.criterion - 1751.9393444889909).abs() < 1e-6);
/// assert!((m.sigma - 25.591907036486965).abs() < 1e-4 * 25.59);
/// assert!((m.fixed[1].se - 1.5022302138320407).abs() < 1e-4 * 1.502);
/// assert_eq!((m.n_obs, m.n_groups), (180, 18));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit_csv(path: &Path, formula: &str, reml: bool) -> Result<LmmFit> {
    fit_csv_with_frame(path, formula, reml).map(|(fit, _)| fit)
}

/// [`fit_csv`], also returning the data used (for [`LmmFit::trajectories`]).
pub fn fit_csv_with_frame(path: &Path, formula: &str, reml: bool) -> Result<(LmmFit, Frame)> {
    fit_csv_with_references(path, formula, reml, &ReferenceLevels::default())
}

/// [`fit_csv_with_frame`] with each variable's reference level as `references` sets it.
pub fn fit_csv_with_references(
    path: &Path,
    formula: &str,
    reml: bool,
    references: &ReferenceLevels,
) -> Result<(LmmFit, Frame)> {
    let f = Formula::parse(formula)?;
    let mut frame = Frame::read_csv(path, &columns_for(&f))?;
    frame.relevel(references)?;
    let fit = fit(&f, &frame, reml)?;
    Ok((fit, frame))
}

/// The largest magnitude a model's numeric column may hold. The fit forms sums of squares and
/// cross-products of the columns, which overflow the largest double (about 1.8e308) long
/// before the values themselves do; 1e100 leaves room for any number of rows.
pub const MAX_ABS_VALUE: f64 = 1e100;

/// Refuse numeric columns the fit cannot work with, naming the column: values that are not
/// finite or beyond ±[`MAX_ABS_VALUE`], and a response without variation.
pub(crate) fn check_numeric_columns(formula: &Formula, frame: &Frame, y: &[f64]) -> Result<()> {
    let at = |name: &str| format!("{}, column {name}", frame.source);
    for name in formula.columns() {
        let Some(super::frame::Column::Numeric(values)) = frame.column(&name) else {
            continue;
        };
        if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
            return Err(Error::input(
                at(&name),
                format!("the value {bad} is not a finite number"),
            ));
        }
        let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if largest > MAX_ABS_VALUE {
            return Err(Error::input(
                at(&name),
                format!(
                    "values up to {} are too large for the model arithmetic (its sums of squares overflow beyond 1.8e308); allowed: |value| ≤ {MAX_ABS_VALUE:e}; rescale the column, e.g. to other units",
                    human_number(largest)
                ),
            ));
        }
    }
    if let Some(first) = y.first() {
        if y.iter().all(|v| v == first) {
            return Err(Error::input(
                at(&formula.response),
                format!(
                    "the response is constant (every one of the {} values is {}); a model needs variation in the response",
                    y.len(),
                    human_number(*first)
                ),
            ));
        }
    }
    Ok(())
}

/// The SD of every random effect and the correlations within each block, named, for
/// covariance parameters `theta` and residual SD `sigma` (1 for generalised models).
pub fn random_effect_summaries(
    re: &RandomEffects,
    theta: &[f64],
    sigma: f64,
) -> (Vec<RandomEffectSd>, Vec<RandomEffectCorrelation>) {
    let (sd, corr) = re.sd_and_correlations(theta, sigma);
    let random = re
        .names
        .iter()
        .zip(&sd)
        .map(|(term, sd)| RandomEffectSd {
            group: re.group.clone(),
            term: term.clone(),
            sd: *sd,
        })
        .collect();
    let correlations = corr
        .iter()
        .map(|&(i, j, c)| RandomEffectCorrelation {
            group: re.group.clone(),
            terms: [re.names[i].clone(), re.names[j].clone()],
            corr: c.is_finite().then_some(c),
        })
        .collect();
    (random, correlations)
}

/// [`random_effect_summaries`] of every factor, for `theta` (the factors' θ one after the
/// other), and whether the fit is singular (a diagonal entry of some `T` below 1e-4).
pub fn factor_summaries(
    factors: &[RandomEffects],
    theta: &[f64],
    sigma: f64,
) -> (Vec<RandomEffectSd>, Vec<RandomEffectCorrelation>, bool) {
    let mut random = Vec::new();
    let mut correlations = Vec::new();
    let mut singular = false;
    let mut k0 = 0;
    for re in factors {
        let theta = &theta[k0..k0 + re.n_theta()];
        k0 += re.n_theta();
        let (sds, corrs) = random_effect_summaries(re, theta, sigma);
        random.extend(sds);
        correlations.extend(corrs);
        singular |= theta
            .iter()
            .zip(re.theta_is_diagonal())
            .any(|(t, d)| d && *t < 1e-4);
    }
    (random, correlations, singular)
}

/// Refuse a frame without complete rows, saying whether the file has none or every row
/// misses a value of the model's columns.
pub fn require_rows(formula: &Formula, frame: &Frame) -> Result<()> {
    if frame.n_rows > 0 {
        return Ok(());
    }
    let why = if frame.n_dropped == 0 {
        "there are no data rows".to_string()
    } else {
        format!(
            "every one of the {} rows has a missing value in one of the model's columns ({})",
            frame.n_dropped,
            formula.columns().join(", ")
        )
    };
    Err(Error::input(frame.source.clone(), why))
}

/// Fit `formula` to `frame` by REML (`reml = true`) or maximum likelihood.
pub fn fit(formula: &Formula, frame: &Frame, reml: bool) -> Result<LmmFit> {
    if formula.failures.is_some() || !formula.offsets.is_empty() {
        return Err(Error::field(
            "formula",
            "cbind( ) responses and offset( ) terms belong to generalised models: use trialstats glmm",
        ));
    }
    let y = match frame.column(&formula.response) {
        Some(super::frame::Column::Numeric(v)) => v,
        _ => {
            return Err(Error::field(
                "formula",
                format!(
                    "the response '{}' must be a numeric column",
                    formula.response
                ),
            ));
        }
    };
    require_rows(formula, frame)?;
    check_numeric_columns(formula, frame, y)?;
    let x = fixed_matrix(formula, frame)?;
    let factors = RandomEffects::build_all(formula, frame)?;
    let n = frame.n_rows;
    check_enough_rows(&factors, n, x.p)?;
    let (opt, sol, modes) = if factors.len() == 1 {
        fit_one_factor(y, &x, &factors[0], reml)?
    } else {
        fit_several_factors(y, &x, &factors, reml)?
    };
    if !sol.criterion.is_finite() {
        return Err(Error::numerical(
            "the criterion is not finite at the optimum (is the residual variance zero?)".into(),
        ));
    }
    let p = x.p;
    let df_resid = if reml { n - p } else { n } as f64;
    let sigma = (sol.pwrss / df_resid).sqrt();
    let (fixed, beta_covariance) = fixed_effects(&x, &sol, sigma);
    let (random, correlations, singular) = factor_summaries(&factors, &opt.x, sigma);
    let (population, fitted) = fitted_values(&x, &factors, &sol.beta, &modes);
    let n_theta: usize = factors.iter().map(|f| f.n_theta()).sum();
    let n_parameters = p + n_theta + 1;
    let log_likelihood = -sol.criterion / 2.0;
    let first = &factors[0];
    let factor_modes = named_modes(&factors, modes);
    Ok(LmmFit {
        formula: formula.text.clone(),
        reference_levels: frame.reference_levels(formula),
        method: if reml { "REML" } else { "ML" }.to_string(),
        criterion: sol.criterion,
        log_likelihood,
        aic: sol.criterion + 2.0 * n_parameters as f64,
        bic: sol.criterion + (n as f64).ln() * n_parameters as f64,
        n_parameters,
        sigma,
        fixed,
        ddf: None,
        level: None,
        random,
        correlations,
        theta: opt.x.clone(),
        converged: opt.converged,
        singular,
        n_obs: n,
        n_dropped: frame.n_dropped,
        group: first.group.clone(),
        n_groups: first.levels.len(),
        grouping_factors: grouping_factors(&factors),
        evaluations: opt.evaluations,
        gradient: opt.projected_gradient,
        ranef: None,
        fitted,
        population,
        modes: factor_modes[0].values.clone(),
        factor_modes,
        levels: first.levels.clone(),
        group_of_row: first.group_of_row.clone(),
        observed: y.clone(),
        design: Some(Arc::new(FitDesign { x, factors })),
        beta_covariance,
    })
}

/// Refuses `n` rows that are too few for the random effects of some factor (as lme4's
/// check.nobs.vs.nRE = "stop") or for the `p` fixed effects.
pub(crate) fn check_enough_rows(factors: &[RandomEffects], n: usize, p: usize) -> Result<()> {
    // For each grouping factor: with no more observations than its random effects, they
    // cannot be told apart from the residual.
    for re in factors {
        let n_random = re.q() * re.levels.len();
        if n <= n_random {
            return Err(Error::input(
                format!("{{field:formula}}, column {}", re.group),
                format!(
                    "{n} observations are too few for {n_random} random effects ({} per group × {} groups of '{}'); the random-effect and residual variances are not identifiable: use fewer random terms",
                    re.q(),
                    re.levels.len(),
                    re.group
                ),
            ));
        }
    }
    if n <= p {
        return Err(Error::field(
            "formula",
            format!("{n} complete rows are too few for {p} fixed effects"),
        ));
    }
    Ok(())
}

/// The fixed effects of the solution `sol` with their SEs `σ̂ √diag((RX RXᵀ)⁻¹)` and t (no
/// df, p or CI yet), and their covariance σ̂²(RX RXᵀ)⁻¹ (p × p, row-major).
fn fixed_effects(x: &ModelMatrix, sol: &Solution, sigma: f64) -> (Vec<FixedEffect>, Vec<f64>) {
    let p = x.p;
    let vcov = inverse_from_cholesky(&sol.rx, p);
    let fixed = (0..p)
        .map(|j| {
            let se = sigma * vcov[j * p + j].sqrt();
            FixedEffect {
                term: x.names[j].clone(),
                estimate: sol.beta[j],
                se,
                t: sol.beta[j] / se,
                df: None,
                p: None,
                ci_lower: None,
                ci_upper: None,
            }
        })
        .collect();
    let covariance = vcov.iter().map(|v| v * sigma * sigma).collect();
    (fixed, covariance)
}

/// Each row's population prediction `xβ̂` and fitted value `xβ̂ + zb` (the conditional modes
/// `modes` of every factor), as (population, fitted).
fn fitted_values(
    x: &ModelMatrix,
    factors: &[RandomEffects],
    beta: &[f64],
    modes: &[Vec<f64>],
) -> (Vec<f64>, Vec<f64>) {
    let n = x.n;
    let mut population = Vec::with_capacity(n);
    let mut fitted = Vec::with_capacity(n);
    for i in 0..n {
        let pop: f64 = x.row(i).iter().zip(beta).map(|(a, b)| a * b).sum();
        let mut b = 0.0;
        for (re, m) in factors.iter().zip(modes) {
            let (q, g) = (re.q(), re.group_of_row[i] as usize);
            b += re.z[i * q..(i + 1) * q]
                .iter()
                .zip(&m[g * q..(g + 1) * q])
                .map(|(a, b)| a * b)
                .sum::<f64>();
        }
        population.push(pop);
        fitted.push(pop + b);
    }
    (population, fitted)
}

/// Each grouping factor of `factors` with its number of levels.
pub(crate) fn grouping_factors(factors: &[RandomEffects]) -> Vec<GroupingFactor> {
    factors
        .iter()
        .map(|f| GroupingFactor {
            group: f.group.clone(),
            levels: f.levels.len(),
        })
        .collect()
}

/// The conditional modes `modes` of each factor of `factors`, with its group, terms and levels.
fn named_modes(factors: &[RandomEffects], modes: Vec<Vec<f64>>) -> Vec<FactorModes> {
    factors
        .iter()
        .zip(modes)
        .map(|(re, values)| FactorModes {
            group: re.group.clone(),
            terms: re.names.clone(),
            levels: re.levels.clone(),
            values,
        })
        .collect()
}

/// The optimum, the solution there and the conditional modes (one vector per factor).
type Fitted = (Optimum, Solution, Vec<Vec<f64>>);

fn not_positive_definite() -> Error {
    Error::singular(
        "fixed-effect system",
        "the fixed-effect system is not positive definite at the optimum".into(),
    )
}

/// One grouping factor: the per-group criterion of [`super::criterion`] with its analytic
/// gradient.
fn fit_one_factor(y: &[f64], x: &ModelMatrix, re: &RandomEffects, reml: bool) -> Result<Fitted> {
    let data = CrossProducts::new(y, x, re)?;
    let crit = ProfiledCriterion::new(&data, re, reml);
    let f = |theta: &[f64]| crit.value(theta);
    let g = |theta: &[f64]| crit.value_and_gradient(theta).map(|(_, g)| g);
    let opt = minimize_with(&f, Some(&g), &re.initial_theta(), &re.lower_bounds());
    let sol = crit.solve(&opt.x).ok_or_else(not_positive_definite)?;
    let modes = crit.conditional_modes(&opt.x, &sol.beta);
    Ok((opt, sol, vec![modes]))
}

/// Several grouping factors: the blocked criterion of [`super::blocked`].
fn fit_several_factors(
    y: &[f64],
    x: &ModelMatrix,
    factors: &[RandomEffects],
    reml: bool,
) -> Result<Fitted> {
    let system = BlockedSystem::new(y, x, factors)?;
    let f = |theta: &[f64]| system.value(theta, reml);
    let lme4_start: Vec<f64> = factors.iter().flat_map(|r| r.initial_theta()).collect();
    let lower: Vec<f64> = factors.iter().flat_map(|r| r.lower_bounds()).collect();
    // The start: lme4's or the moment estimate, whichever has the lower criterion. From the
    // moment start a crossed model needs a third of the evaluations; comparing the two guards
    // against a poor moment estimate.
    let moments = system.moment_start();
    let (start, extra) = if moments == lme4_start.as_slice() {
        (lme4_start, 0)
    } else if f(moments) < f(&lme4_start) {
        (moments.to_vec(), 2)
    } else {
        (lme4_start, 2)
    };
    let mut opt = minimize_scaled(&f, None, &start, &lower);
    opt.evaluations += extra;
    let sol = system
        .solve(&opt.x, reml)
        .ok_or_else(not_positive_definite)?;
    let modes = system
        .conditional_modes(&opt.x, &sol.beta)
        .ok_or_else(not_positive_definite)?;
    Ok((opt, sol, modes))
}

impl LmmFit {
    /// Fill [`LmmFit::ranef`] (the per-group conditional modes shown with `--ranef`), every
    /// grouping factor in turn.
    pub fn with_ranef(mut self) -> Self {
        self.ranef = Some(group_modes(&self.factor_modes));
        self
    }

    /// The conditional mode of random-effect `term` for group `level` of the first grouping
    /// factor, if both exist.
    pub fn mode(&self, level: &str, term: &str) -> Option<f64> {
        self.mode_of(&self.group, level, term)
    }

    /// The conditional mode of random-effect `term` for level `level` of grouping factor
    /// `group` (`site`, `cask:batch`), if all exist.
    pub fn mode_of(&self, group: &str, level: &str, term: &str) -> Option<f64> {
        mode_in(&self.factor_modes, group, level, term)
    }

    /// Observed values with the fitted per-group and population lines, one trajectory per
    /// group in level order, points in order of the numeric column `time` (which the formula
    /// must use, so that `frame`, the data of the fit, holds it). As
    /// [`super::fitted::FittedValues::trajectories`], which a fit with correlated residuals
    /// shares.
    pub fn trajectories(&self, frame: &Frame, time: &str) -> Result<Vec<Trajectory>> {
        self.fitted_values().trajectories(frame, time)
    }

    /// The fixed effect called `term`.
    pub fn fixed_effect(&self, term: &str) -> Option<&FixedEffect> {
        self.fixed.iter().find(|f| f.term == term)
    }

    fn random_text(&self) -> String {
        let mut lines = random_effects_lines(&self.random, &self.correlations);
        lines.push(format!(
            "{:<10} {:<14} {:>14}",
            "Residual",
            "",
            human_number(self.sigma)
        ));
        lines.join("\n")
    }
}

/// The conditional modes of every level of every factor, one entry per group (for `--ranef`
/// and JSON).
pub fn group_modes(factor_modes: &[FactorModes]) -> Vec<GroupModes> {
    let mut all = Vec::new();
    for f in factor_modes {
        let q = f.terms.len();
        all.extend(f.levels.iter().enumerate().map(|(g, level)| GroupModes {
            group: f.group.clone(),
            level: level.clone(),
            values: f.values[g * q..(g + 1) * q].to_vec(),
        }));
    }
    all
}

/// The conditional mode of random-effect `term` for level `level` of grouping factor `group`
/// among `factor_modes`, if all exist.
pub fn mode_in(factor_modes: &[FactorModes], group: &str, level: &str, term: &str) -> Option<f64> {
    let f = factor_modes.iter().find(|f| f.group == group)?;
    let q = f.terms.len();
    let g = f.levels.iter().position(|l| l == level)?;
    let k = f.terms.iter().position(|t| t == term)?;
    Some(f.values[g * q + k])
}

/// The `--ranef` block of a summary: one table of conditional modes per grouping factor.
pub fn ranef_text(factor_modes: &[FactorModes], ranef: &[GroupModes]) -> String {
    let mut parts = Vec::new();
    for f in factor_modes {
        let mut s = format!("conditional modes ({}):\n{:<12}", f.group, "level");
        for t in &f.terms {
            s.push_str(&format!(" {:>14}", t));
        }
        for g in ranef.iter().filter(|g| g.group == f.group) {
            s.push_str(&format!("\n{:<12}", g.level));
            for v in &g.values {
                s.push_str(&format!(" {:>14}", human_number(*v)));
            }
        }
        parts.push(s);
    }
    parts.join("\n\n")
}

/// The random-effects block of a summary: a header, then one line per random effect with its
/// SD and its correlations with the effects before it.
pub fn random_effects_lines(
    random: &[RandomEffectSd],
    correlations: &[RandomEffectCorrelation],
) -> Vec<String> {
    let mut lines = vec![format!("{:<10} {:<14} {:>14}  corr", "group", "term", "sd")];
    for (k, r) in random.iter().enumerate() {
        let corrs: Vec<String> = correlations
            .iter()
            .filter(|c| c.group == r.group && c.terms[1] == r.term)
            .map(|c| match c.corr {
                Some(r) => format!("{} (with {})", human_number(r), c.terms[0]),
                None => format!("not defined: an SD is 0 (with {})", c.terms[0]),
            })
            .collect();
        lines.push(format!(
            "{:<10} {:<14} {:>14}  {}",
            // The group's name on its first line only (several grouping factors follow
            // one another).
            if k == 0 || random[k - 1].group != r.group {
                r.group.as_str()
            } else {
                ""
            },
            r.term,
            human_number(r.sd),
            corrs.join(", ")
        ));
    }
    lines
}

impl Tabular for LmmFit {
    fn preamble(&self) -> Option<String> {
        let crit_name = if self.method == "REML" {
            "REML criterion"
        } else {
            "deviance"
        };
        let mut s = format!(
            "Linear mixed model fit by {} (as lme4's lmer)\nformula: {}\n\n{crit_name}: {}   log-likelihood: {}   AIC: {}   BIC: {}\n\nrandom effects:\n{}\n\nobservations: {}   {}",
            self.method,
            self.formula,
            human_number(self.criterion),
            human_number(self.log_likelihood),
            human_number(self.aic),
            human_number(self.bic),
            self.random_text(),
            self.n_obs,
            match self.grouping_factors.as_slice() {
                [one] => format!("groups ({}): {}", one.group, one.levels),
                several => format!(
                    "groups: {}",
                    several
                        .iter()
                        .map(|g| format!("{} {}", g.group, g.levels))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        );
        if self.n_dropped > 0 {
            s.push_str(&format!(
                "\n{} row(s) with missing values dropped (as R's na.omit)",
                self.n_dropped
            ));
        }
        if !self.reference_levels.is_empty() {
            s.push_str(&format!(
                "\nreference levels: {}",
                super::ReferenceLevels(self.reference_levels.clone()).describe()
            ));
        }
        s.push_str(&format!(
            "\nconverged: {} ({} evaluations, max |projected gradient| {})",
            if self.converged { "yes" } else { "NO" },
            self.evaluations,
            human_number(self.gradient)
        ));
        if self.singular {
            s.push_str(
                "\nsingular fit: a random-effect variance is (nearly) zero or a correlation is ±1",
            );
        }
        match (self.ddf, self.level) {
            (Some(ddf), Some(level)) => s.push_str(&format!(
                "\n\nfixed effects ({} df{}; {} CI):",
                ddf.label(),
                if ddf == super::ddf::Ddf::KenwardRoger {
                    ", SEs adjusted"
                } else {
                    ""
                },
                level.label()
            )),
            _ => s.push_str("\n\nfixed effects:"),
        }
        Some(s)
    }

    fn table(&self) -> Table {
        fixed_effects_table(&self.fixed)
    }

    fn epilogue(&self) -> Option<String> {
        Some(ranef_text(&self.factor_modes, self.ranef.as_ref()?))
    }
}

/// The fixed effects as a table: term, estimate, SE, and df, t, p and CI where the fit has
/// df (else t alone). One table for `lmm` and `mmrm`.
pub fn fixed_effects_table(fixed: &[FixedEffect]) -> Table {
    let with_df = fixed.iter().any(|f| f.df.is_some());
    let mut header = vec!["term", "estimate", "se"];
    if with_df {
        header.extend(["df", "t", "p", "ci_lower", "ci_upper"]);
    } else {
        header.push("t");
    }
    Table {
        header: header.iter().map(|s| s.to_string()).collect(),
        rows: fixed
            .iter()
            .map(|f| {
                let mut row = vec![Cell::from(f.term.as_str()), f.estimate.into(), f.se.into()];
                if with_df {
                    row.extend([
                        f.df.into(),
                        f.t.into(),
                        f.p.into(),
                        f.ci_lower.into(),
                        f.ci_upper.into(),
                    ]);
                } else {
                    row.push(f.t.into());
                }
                row
            })
            .collect(),
    }
}
