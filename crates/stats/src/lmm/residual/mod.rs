//! Random effects with correlated residuals within each subject, as nlme's
//! `lme(fixed, random = ~ terms | id, correlation = corAR1(form = ~ time | id))` (or
//! `corCAR1`, `corCompSymm`): `lmm --residual 'ar1(time | id)'` / `'car1(time | id)'` /
//! `'cs(time | id)'`. This module owns the `--residual` structure, its parsing and its
//! refusals, and the fit: the profiled criterion, its optimum and the output.
//!
//! For subject i (rows Sᵢ), with the random effects' relative factor T (lme4's θ, as
//! [`super::random`]) and the residual correlation matrix Rᵢ(ρ):
//!
//! ```text
//! Var(yᵢ) = σ² Vᵢ,   Vᵢ = Zᵢ T Tᵀ Zᵢᵀ + Rᵢ(ρ),   Rᵢ[a, b] = ρ^|tₐ − t_b|  (ar1, car1)
//!                                                Rᵢ[a, b] = ρ for a ≠ b  (cs)
//! −2ℓ_ML   = n (1 + log 2πσ̂²) + Σ log|Vᵢ|,                      σ̂² = r²/n
//! −2ℓ_REML = (n − p)(1 + log 2πσ̂²) + Σ log|Vᵢ| + log|XᵀV⁻¹X|,    σ̂² = r²/(n − p)
//! ```
//!
//! with `r² = (y − Xβ̂)ᵀV⁻¹(y − Xβ̂)` at the GLS β̂ (σ² profiled out, Pinheiro & Bates 2000,
//! *Mixed-Effects Models in S and S-PLUS*, §2.2 and §5.3; the AR(1) of corAR1 on integer
//! times, the continuous-time AR(1) of corCAR1 on real times, §5.3.1). Each subject's Vᵢ is
//! small (its visits) and is factored densely; the criterion is minimised over (θ, φ) with
//! ρ = tanh φ (AR(1), ρ ∈ (−1, 1)), ρ = 1/(1 + e^−φ) (CAR(1), ρ ∈ (0, 1)) or
//! ρ = (e^φ + ρ₀)/(e^φ + 1) (compound symmetry, ρ ∈ (ρ₀, 1) with ρ₀ = −1/(m − 1) for the
//! largest subject's m rows, so that every Rᵢ is positive definite), nlme's own unconstrained
//! forms (`coef.corCompSymm` and `Initialize.corCompSymm` in nlme's R/corStruct.R,
//! `compSymm_factList` in src/corStruct.c). The random effects must be on the subject that the
//! residuals are correlated within (one grouping factor), as nlme's single-level `lme`.
//!
//! Compound symmetry with a random intercept is not identifiable, and is refused: the
//! intercept's column of Zᵢ is 1 on every row, so ZᵢDZᵢᵀ + ρJ = Zᵢ(D + ρe₁e₁ᵀ)Zᵢᵀ and the
//! intercept's variance and ρ trade off exactly (the likelihood is flat along a segment of
//! them; nlme stops on it where its start leads, benches/lmm_residual_cs_reference.R). The
//! same holds whenever some combination of the random-effect columns is 1 on every row
//! (`spans_intercept`). A random slope alone, `(0 + time | id)`, is identifiable.
//!
//! The fixed effects' df, t and F tests (Satterthwaite's or nlme's containment df) are
//! [`inference`]'s; the subjects' conditional modes (BLUPs, nlme's `ranef`), the fitted
//! values and the normalized residuals that `--ranef` and the charts show are
//! [`conditional`]'s.

use super::design::fixed_matrix;
use super::fit::{
    FixedEffect, GroupModes, RandomEffectCorrelation, RandomEffectSd, fixed_effects_table,
    group_modes, mode_in, random_effect_summaries, random_effects_lines, ranef_text,
};
use super::formula::Formula;
use super::frame::{Column, Frame};
use super::random::RandomEffects;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::model_matrix::ModelMatrix;
use crate::optimize::quasi_newton::minimize_with;
use crate::output::{Table, Tabular, human_number};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

pub mod conditional;
pub mod inference;

pub use conditional::Conditional;

/// The residual correlation within a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResidualKind {
    /// First-order autoregressive on integer times (nlme's `corAR1`).
    Ar1,
    /// Continuous-time first-order autoregressive (nlme's `corCAR1`).
    Car1,
    /// Compound symmetry: one correlation between any two of a subject's residuals (nlme's
    /// `corCompSymm`); the times only order the rows.
    Cs,
}

/// `--residual 'ar1(time | id)'`: the kind, the time column and the subject column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResidualStructure {
    pub kind: ResidualKind,
    pub time: String,
    pub group: String,
}

impl std::str::FromStr for ResidualStructure {
    type Err = Error;
    /// `ar1(visit | id)`, `car1(month | id)` or `cs(visit | id)`.
    fn from_str(text: &str) -> Result<ResidualStructure> {
        let bad = || {
            Error::field(
                "residual",
                format!(
                    "'{text}' is not a residual structure; allowed: ar1(TIME | ID) (integer times, nlme's corAR1), car1(TIME | ID) (any times, corCAR1) or cs(TIME | ID) (compound symmetry, corCompSymm)"
                ),
            )
        };
        let t = text.trim();
        let open = t.find('(').ok_or_else(bad)?;
        let kind = match t[..open].trim().to_ascii_lowercase().as_str() {
            "ar1" => ResidualKind::Ar1,
            "car1" => ResidualKind::Car1,
            "cs" => ResidualKind::Cs,
            _ => return Err(bad()),
        };
        let inner = t[open + 1..].strip_suffix(')').ok_or_else(bad)?;
        let (time, group) = inner.split_once('|').ok_or_else(bad)?;
        let (time, group) = (time.trim(), group.trim());
        if time.is_empty() || group.is_empty() {
            return Err(bad());
        }
        Ok(ResidualStructure {
            kind,
            time: time.to_string(),
            group: group.to_string(),
        })
    }
}

/// A fit with correlated residuals.
#[derive(Debug, Clone, Serialize)]
pub struct CorrelatedFit {
    pub formula: String,
    pub residual: ResidualStructure,
    /// `REML` or `ML`.
    pub method: String,
    /// −2ℓ at the optimum (the REML criterion for a REML fit).
    pub criterion: f64,
    pub log_likelihood: f64,
    pub aic: f64,
    pub bic: f64,
    /// Residual SD σ̂.
    pub sigma: f64,
    /// The residual correlation ρ: between visits one time unit apart (ar1, car1), between
    /// any two visits (cs).
    pub rho: f64,
    /// Fixed effects with SEs and t, and with df, p and CI when
    /// [`FittedModel::with_ddf`](super::FittedModel::with_ddf) gave them.
    pub fixed: Vec<FixedEffect>,
    /// The method of the fixed effects' df (`satterthwaite`, `containment`; absent when none
    /// were computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ddf: Option<super::ddf::Ddf>,
    /// The level of the fixed effects' confidence intervals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<ConfidenceLevel>,
    pub random: Vec<RandomEffectSd>,
    pub correlations: Vec<RandomEffectCorrelation>,
    pub n_obs: usize,
    pub n_groups: usize,
    pub converged: bool,
    pub evaluations: usize,
    /// The conditional modes (BLUPs) of every subject, as nlme's `ranef(fit)` (only with
    /// [`CorrelatedFit::with_ranef`]); the same rows as an lme4-style fit's `ranef`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranef: Option<Vec<GroupModes>>,
    /// The optimum's parameters: θ, then ρ's unconstrained φ.
    #[serde(skip)]
    params: Vec<f64>,
    /// The BLUPs, fitted values and normalized residuals at the optimum.
    #[serde(skip)]
    conditional: Conditional,
}

/// One subject's rows and times.
struct Subject {
    rows: Vec<usize>,
    times: Vec<f64>,
}

/// Subjects with the same times and random-effect rows (so the same Vᵢ): one of them, how
/// many, and the sums of their cross-products `uₐu_bᵀ`, `u = [x; y]`, per pair of positions.
struct Pattern {
    representative: usize,
    count: usize,
    /// The subjects of the pattern (indices into the subjects), the first its representative.
    members: Vec<usize>,
    cross: Vec<DMatrix<f64>>,
}

/// Group `subjects` by their rows of Z and (`with_times`; compound symmetry does not depend on
/// them) their times, summing each group's cross-products.
fn patterns(
    subjects: &[Subject],
    x: &ModelMatrix,
    y: &[f64],
    re: &RandomEffects,
    with_times: bool,
) -> Vec<Pattern> {
    let q = re.q();
    let p = x.p;
    let mut index: std::collections::HashMap<Vec<u64>, usize> = std::collections::HashMap::new();
    let mut out: Vec<Pattern> = Vec::new();
    for (i, subject) in subjects.iter().enumerate() {
        let key: Vec<u64> = subject
            .times
            .iter()
            .filter(|_| with_times)
            .map(|t| t.to_bits())
            .chain(
                subject
                    .rows
                    .iter()
                    .flat_map(|&r| re.z[r * q..(r + 1) * q].iter().map(|z| z.to_bits())),
            )
            .collect();
        let m = subject.rows.len();
        let k = *index.entry(key).or_insert_with(|| {
            out.push(Pattern {
                representative: i,
                count: 0,
                members: Vec::new(),
                cross: vec![DMatrix::zeros(p + 1, p + 1); m * m],
            });
            out.len() - 1
        });
        let u: Vec<DVector<f64>> = subject
            .rows
            .iter()
            .map(|&r| DVector::from_iterator(p + 1, x.row(r).iter().copied().chain([y[r]])))
            .collect();
        let pattern = &mut out[k];
        pattern.count += 1;
        pattern.members.push(i);
        for a in 0..m {
            for b in 0..m {
                pattern.cross[a * m + b] += &u[a] * u[b].transpose();
            }
        }
    }
    out
}

/// Compound symmetry's ρ from the unconstrained φ: nlme's (e^φ + ρ₀)/(e^φ + 1)
/// (`compSymm_factList` in src/corStruct.c), written so that a large φ gives 1, not ∞/∞.
fn cs_rho(phi: f64, floor: f64) -> f64 {
    1.0 - (1.0 - floor) / (1.0 + phi.exp())
}

/// The data of the criterion.
struct Problem<'a> {
    x: &'a ModelMatrix,
    y: &'a [f64],
    re: &'a RandomEffects,
    subjects: &'a [Subject],
    patterns: Vec<Pattern>,
    kind: ResidualKind,
    /// ρ's lower bound for compound symmetry, −1/(m − 1) (unused by ar1 and car1).
    cs_floor: f64,
    reml: bool,
}

/// The sums over subjects at (θ, ρ): Σ log|Vᵢ|, XᵀV⁻¹X, XᵀV⁻¹y, yᵀV⁻¹y.
struct Sums {
    logdet: f64,
    xtvx: DMatrix<f64>,
    xtvy: DVector<f64>,
    ytvy: f64,
}

/// The profiled criterion at one point: −2ℓ, β̂, σ̂² and the factor of XᵀV⁻¹X (inverted only
/// at the optimum, for the SEs).
struct AtOptimum {
    criterion: f64,
    beta: DVector<f64>,
    sigma2: f64,
    xtvx: nalgebra::Cholesky<f64, nalgebra::Dyn>,
    /// Σ log|Vᵢ| and r² = (y − Xβ̂)ᵀV⁻¹(y − Xβ̂).
    logdet: f64,
    r2: f64,
}

impl Problem<'_> {
    fn rho_of(&self, phi: f64) -> f64 {
        match self.kind {
            ResidualKind::Ar1 => phi.tanh(),
            ResidualKind::Car1 => 1.0 / (1.0 + (-phi).exp()),
            ResidualKind::Cs => cs_rho(phi, self.cs_floor),
        }
    }

    /// The starting φ: ρ = 0 for compound symmetry (nlme's default `corCompSymm(value = 0)`,
    /// φ = log(−ρ₀)), φ = 0 otherwise.
    fn start_phi(&self) -> f64 {
        match self.kind {
            ResidualKind::Cs => (-self.cs_floor).ln(),
            ResidualKind::Ar1 | ResidualKind::Car1 => 0.0,
        }
    }

    /// Zᵢ T for `subject` (m × q), T the relative factor `t` (row-major q × q).
    fn zt_of(&self, subject: &Subject, t: &[f64]) -> DMatrix<f64> {
        let q = self.re.q();
        DMatrix::from_fn(subject.rows.len(), q, |a, j| {
            let row = subject.rows[a];
            (j..q).map(|k| self.re.z[row * q + k] * t[k * q + j]).sum()
        })
    }

    /// Vᵢ = Zᵢ T Tᵀ Zᵢᵀ + Rᵢ(ρ) for `subject`.
    fn v_of(&self, subject: &Subject, t: &[f64], rho: f64) -> DMatrix<f64> {
        // ZT, m × q.
        let zt = self.zt_of(subject, t);
        &zt * zt.transpose() + self.correlation_of(subject, rho)
    }

    /// The residual correlation matrix Rᵢ(ρ) of `subject`, its rows in time order.
    fn correlation_of(&self, subject: &Subject, rho: f64) -> DMatrix<f64> {
        let m = subject.rows.len();
        DMatrix::from_fn(m, m, |a, b| match self.kind {
            ResidualKind::Cs if a == b => 1.0,
            ResidualKind::Cs => rho,
            ResidualKind::Ar1 | ResidualKind::Car1 => {
                rho.powf((subject.times[a] - subject.times[b]).abs())
            }
        })
    }

    /// The sums over subjects, pattern by pattern: subjects seen at the same times with the
    /// same random-effect rows share Vᵢ, so Vᵢ⁻¹ is formed once per pattern and applied to
    /// the pattern's cross-products `Σᵢ uᵢₐuᵢ_bᵀ` (`u = [x; y]` at positions a, b), as
    /// [`crate::mmrm`] sums by pattern: `XᵀV⁻¹X = Σ_ab W[a, b] Σᵢ xᵢₐxᵢ_bᵀ` and so on.
    fn sums(&self, theta: &[f64], rho: f64) -> Option<Sums> {
        let p = self.x.p;
        let q = self.re.q();
        let mut t = vec![0.0; q * q];
        self.re.fill_t(theta, &mut t);
        let mut s = Sums {
            logdet: 0.0,
            xtvx: DMatrix::zeros(p, p),
            xtvy: DVector::zeros(p),
            ytvy: 0.0,
        };
        for pattern in &self.patterns {
            let subject = &self.subjects[pattern.representative];
            let m = subject.rows.len();
            let chol = self.v_of(subject, &t, rho).cholesky()?;
            s.logdet += pattern.count as f64
                * 2.0
                * chol.l().diagonal().iter().map(|d| d.ln()).sum::<f64>();
            let w = chol.inverse();
            let mut total = DMatrix::<f64>::zeros(p + 1, p + 1);
            for a in 0..m {
                for b in 0..m {
                    total += &pattern.cross[a * m + b] * w[(a, b)];
                }
            }
            s.xtvx += total.view((0, 0), (p, p));
            s.xtvy += total.view((0, p), (p, 1));
            s.ytvy += total[(p, p)];
        }
        Some(s)
    }

    /// The profiled criterion at `params` = θ ++ [φ].
    fn evaluate(&self, params: &[f64]) -> Option<AtOptimum> {
        let (theta, phi) = params.split_at(params.len() - 1);
        let s = self.sums(theta, self.rho_of(phi[0]))?;
        let chol = s.xtvx.clone().cholesky()?;
        let beta = chol.solve(&s.xtvy);
        let r2 = s.ytvy - beta.dot(&s.xtvy);
        let n = self.y.len() as f64;
        let p = self.x.p as f64;
        let df = if self.reml { n - p } else { n };
        let sigma2 = r2 / df;
        let log_2pi = (2.0 * std::f64::consts::PI).ln();
        let mut criterion = df * (1.0 + log_2pi + sigma2.ln()) + s.logdet;
        if self.reml {
            criterion += 2.0 * chol.l().diagonal().iter().map(|d| d.ln()).sum::<f64>();
        }
        (criterion.is_finite() && sigma2 > 0.0).then_some(AtOptimum {
            criterion,
            beta,
            sigma2,
            xtvx: chol,
            logdet: s.logdet,
            r2,
        })
    }

    /// The pieces of the criterion at `params` = θ ++ [φ] in the form of an lme4-style fit's
    /// ([`super::criterion::Solution`]: log|L|² = Σ log|Vᵢ|, R_X the factor of XᵀV⁻¹X, the
    /// penalised residual sum of squares r²), so that Satterthwaite's df are taken by the same
    /// code ([`super::deviance_derivatives::from_solver`]).
    fn solution(&self, params: &[f64]) -> Option<super::criterion::Solution> {
        let at = self.evaluate(params)?;
        let l = at.xtvx.l();
        let p = self.x.p;
        Some(super::criterion::Solution {
            criterion: at.criterion,
            beta: at.beta.as_slice().to_vec(),
            pwrss: at.r2,
            logdet_l: at.logdet,
            logdet_rx: 2.0 * l.diagonal().iter().map(|d| d.ln()).sum::<f64>(),
            rx: (0..p * p).map(|k| l[(k / p, k % p)]).collect(),
        })
    }
}

/// The subjects of `re` in level order, each with its rows in time order and their times;
/// refuses times that are (AR(1)) not whole numbers or (AR(1), CAR(1), as nlme's corAR1 and
/// corCAR1) repeated within a subject.
fn subjects(re: &RandomEffects, times: &[f64], kind: ResidualKind) -> Result<Vec<Subject>> {
    let mut out: Vec<Subject> = (0..re.levels.len())
        .map(|_| Subject {
            rows: Vec::new(),
            times: Vec::new(),
        })
        .collect();
    for (row, &g) in re.group_of_row.iter().enumerate() {
        out[g as usize].rows.push(row);
    }
    for (g, s) in out.iter_mut().enumerate() {
        s.rows.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
        s.times = s.rows.iter().map(|&r| times[r]).collect();
        if kind == ResidualKind::Ar1 && s.times.iter().any(|t| t.fract() != 0.0) {
            return Err(Error::field(
                "residual",
                format!(
                    "ar1 needs whole-number times (visit numbers, as nlme's corAR1); subject '{}' has {:?}: use car1 for times on a continuous scale",
                    re.levels[g], s.times
                ),
            ));
        }
        if kind != ResidualKind::Cs && s.times.windows(2).any(|w| w[0] == w[1]) {
            return Err(Error::field(
                "residual",
                format!(
                    "subject '{}' has two rows at the same time; each time may appear once per subject",
                    re.levels[g]
                ),
            ));
        }
    }
    Ok(out)
}

/// Whether some combination c of the random-effect columns is 1 on every row (Z c = 1, as a
/// random intercept's column is): then J = Zᵢ c cᵀ Zᵢᵀ in every subject and compound
/// symmetry's ρJ is one more random intercept. c is the least squares solution of Z c = 1
/// (normal equations, small q × q), the fit checked row by row.
fn spans_intercept(re: &RandomEffects) -> bool {
    let q = re.q();
    let n = re.group_of_row.len();
    let mut gram = DMatrix::<f64>::zeros(q, q);
    let mut sums = DVector::<f64>::zeros(q);
    for z in re.z.chunks_exact(q).take(n) {
        let z = DVector::from_column_slice(z);
        gram += &z * z.transpose();
        sums += &z;
    }
    let Ok(c) = gram.svd(true, true).solve(&sums, 1e-12) else {
        return false;
    };
    re.z.chunks_exact(q)
        .take(n)
        .all(|z| (z.iter().zip(c.iter()).map(|(a, b)| a * b).sum::<f64>() - 1.0).abs() < 1e-6)
}

/// For compound symmetry: ρ's lower bound −1/(m − 1), m the largest subject's rows (nlme's
/// `Initialize.corCompSymm`: every Rᵢ is then positive definite). Refuses a fit where ρ is
/// not identifiable (random effects that span an intercept, [`spans_intercept`]) or no
/// subject has two rows.
fn cs_floor(re: &RandomEffects, subjects: &[Subject], residual: &ResidualStructure) -> Result<f64> {
    let (time, group) = (&residual.time, &residual.group);
    let m = subjects.iter().map(|s| s.rows.len()).max().unwrap_or(0);
    if m < 2 {
        return Err(Error::field(
            "residual",
            format!(
                "cs({time} | {group}) needs a subject with two or more rows; every '{group}' has one"
            ),
        ));
    }
    if spans_intercept(re) {
        return Err(Error::field(
            "residual",
            format!(
                "cs({time} | {group}) cannot be fitted with a random intercept on '{group}' (or random terms that add up to one): the common correlation and the intercept's variance trade off exactly, the likelihood is flat along a segment of them, so any split reported would be arbitrary (nlme's lme stops where its start leads). Keep cs and drop the intercept, e.g. (0 + {time} | {group}); or drop {{field:residual}} ((1 | {group}) alone is the same model when the correlation is positive); or fit compound symmetry without random effects with trialstats mmrm (cs({time} | {group}), nlme's gls with corCompSymm)"
            ),
        ));
    }
    Ok(-1.0 / (m as f64 - 1.0))
}

/// [`fit_correlated`] on the CSV file at `path` (the formula's columns and the time column),
/// each variable's reference level as `references` sets it.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::lmm::ReferenceLevels;
/// use trialstats_stats::lmm::residual::fit_correlated_csv;
/// // nlme: lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
/// //           data = d) gives logLik -922.694276781691, rho 0.662341974305638
/// //           (benches/lmm_residual_reference.R).
/// let fit = fit_correlated_csv(
///     Path::new("tests/data/visits_ar1.csv"),
///     "score ~ visit * arm + (1 | id)",
///     &"ar1(visit | id)".parse()?,
///     true,
///     &ReferenceLevels::default(),
/// )?;
/// assert!((fit.log_likelihood - -922.694276781691).abs() < 1e-6);
/// assert!((fit.rho - 0.662341974305638).abs() < 1e-4);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit_correlated_csv(
    path: &std::path::Path,
    formula: &str,
    residual: &ResidualStructure,
    reml: bool,
    references: &super::ReferenceLevels,
) -> Result<CorrelatedFit> {
    fit_correlated_csv_with_frame(path, formula, residual, reml, references).map(|(fit, _)| fit)
}

/// [`fit_correlated_csv`] with the rows it used, for the df, anova and marginal means
/// ([`FittedModel::with_ddf`](super::FittedModel::with_ddf)).
pub fn fit_correlated_csv_with_frame(
    path: &std::path::Path,
    formula: &str,
    residual: &ResidualStructure,
    reml: bool,
    references: &super::ReferenceLevels,
) -> Result<(CorrelatedFit, Frame)> {
    let f = Formula::parse(formula)?;
    let mut columns = super::fit::columns_for(&f);
    // The time column alone is `--residual`'s; the others are the formula's.
    let in_formula: Vec<String> = columns.iter().map(|(name, _)| name.clone()).collect();
    if !in_formula.contains(&residual.time) {
        columns.push((residual.time.clone(), super::frame::Role::Numeric));
    }
    let option_of = |name: &str| {
        if in_formula.iter().any(|n| n == name) {
            "{field:formula}"
        } else {
            "{field:residual}"
        }
    };
    let mut frame = Frame::read_csv_naming(path, &columns, &option_of)?;
    frame.relevel(references)?;
    let fit = fit_correlated(&f, &frame, residual, reml)?;
    Ok((fit, frame))
}

/// The time column `name` of `frame` as numbers: a numeric column, or one that the formula
/// reads as a factor (`factor(visit)` beside `ar1(visit | id)`, as nlme allows) whose levels
/// are all numbers. `None` otherwise.
fn times_of(frame: &Frame, name: &str) -> Option<Vec<f64>> {
    match frame.column(name)? {
        Column::Numeric(t) => Some(t.clone()),
        Column::Categorical { codes, levels } => {
            let values: Vec<f64> = levels
                .iter()
                .map(|l| l.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
                .collect::<Option<_>>()?;
            Some(codes.iter().map(|&c| values[c as usize]).collect())
        }
    }
}

/// What the criterion of a fit with correlated residuals is built from, checked: X, the
/// random effects on the subject, the response and the subjects' rows and times.
struct Design<'f> {
    x: ModelMatrix,
    re: RandomEffects,
    y: &'f [f64],
    subjects: Vec<Subject>,
    kind: ResidualKind,
    cs_floor: f64,
}

impl<'f> Design<'f> {
    /// The design of `formula` on `frame` with residuals correlated as `residual`, with the
    /// checks of an lme4-style fit (rows, numeric columns, a response that varies, more
    /// observations than random effects) and `residual`'s own.
    fn new(formula: &Formula, frame: &'f Frame, residual: &ResidualStructure) -> Result<Self> {
        super::fit::require_rows(formula, frame)?;
        let x = fixed_matrix(formula, frame)?;
        let factors = RandomEffects::build_all(formula, frame)?;
        if let Some(Column::Numeric(y)) = frame.column(&formula.response) {
            super::fit::check_numeric_columns(formula, frame, y)?;
        }
        super::fit::check_enough_rows(&factors, frame.n_rows, x.p)?;
        let Ok([re]) = <[RandomEffects; 1]>::try_from(factors) else {
            return Err(Error::field(
                "residual",
                "correlated residuals take random terms on one grouping factor, the subject the residuals are correlated within",
            ));
        };
        if re.group != residual.group {
            return Err(Error::field(
                "residual",
                format!(
                    "the residuals are correlated within '{}' but the random terms group by '{}': they must be the same subject",
                    residual.group, re.group
                ),
            ));
        }
        let (Some(Column::Numeric(y)), Some(times)) = (
            frame.column(&formula.response),
            times_of(frame, &residual.time),
        ) else {
            return Err(Error::field(
                "residual",
                format!(
                    "the response '{}' and the time '{}' must be numeric columns of the file",
                    formula.response, residual.time
                ),
            ));
        };
        let subjects = subjects(&re, &times, residual.kind)?;
        let cs_floor = match residual.kind {
            ResidualKind::Cs => cs_floor(&re, &subjects, residual)?,
            ResidualKind::Ar1 | ResidualKind::Car1 => -1.0,
        };
        Ok(Design {
            x,
            re,
            y,
            subjects,
            kind: residual.kind,
            cs_floor,
        })
    }

    /// The criterion by REML (`reml`) or ML.
    fn problem(&self, reml: bool) -> Problem<'_> {
        Problem {
            x: &self.x,
            y: self.y,
            re: &self.re,
            patterns: patterns(
                &self.subjects,
                &self.x,
                self.y,
                &self.re,
                self.kind != ResidualKind::Cs,
            ),
            subjects: &self.subjects,
            kind: self.kind,
            cs_floor: self.cs_floor,
            reml,
        }
    }
}

/// Fit `formula` (fixed effects and random terms on one grouping factor, the residual
/// structure's subject) to `frame` with the residual correlation `residual`, by REML or ML.
pub fn fit_correlated(
    formula: &Formula,
    frame: &Frame,
    residual: &ResidualStructure,
    reml: bool,
) -> Result<CorrelatedFit> {
    let design = Design::new(formula, frame, residual)?;
    let problem = design.problem(reml);
    let f = |v: &[f64]| problem.evaluate(v).map_or(f64::INFINITY, |a| a.criterion);
    let mut start = design.re.initial_theta();
    start.push(problem.start_phi());
    let mut lower = design.re.lower_bounds();
    lower.push(f64::NEG_INFINITY);
    let opt = minimize_with(&f, None, &start, &lower);
    let at = problem.evaluate(&opt.x).ok_or_else(|| {
        Error::numerical("the criterion cannot be evaluated at the optimum".into())
    })?;
    let (theta, phi) = opt.x.split_at(opt.x.len() - 1);
    let conditional = problem
        .conditional(
            theta,
            problem.rho_of(phi[0]),
            at.beta.as_slice(),
            at.sigma2.sqrt(),
        )
        .ok_or_else(|| {
            Error::singular(
                "residual covariance",
                "a subject's covariance is not positive definite at the optimum".into(),
            )
        })?;
    Ok(summarise(
        &problem,
        formula,
        residual,
        &opt,
        &at,
        conditional,
    ))
}

/// The fit's output from the optimum `opt` and the criterion there.
fn summarise(
    problem: &Problem,
    formula: &Formula,
    residual: &ResidualStructure,
    opt: &crate::optimize::quasi_newton::Optimum,
    at: &AtOptimum,
    conditional: Conditional,
) -> CorrelatedFit {
    let sigma = at.sigma2.sqrt();
    let unscaled_vcov = at.xtvx.inverse();
    let (theta, phi) = opt.x.split_at(opt.x.len() - 1);
    let fixed = (0..problem.x.p)
        .map(|j| {
            let se = sigma * unscaled_vcov[(j, j)].sqrt();
            FixedEffect {
                term: problem.x.names[j].clone(),
                estimate: at.beta[j],
                se,
                t: at.beta[j] / se,
                df: None,
                p: None,
                ci_lower: None,
                ci_upper: None,
            }
        })
        .collect();
    let (random, correlations) = random_effect_summaries(problem.re, theta, sigma);
    let n = problem.y.len();
    // θ, the correlation, σ and the fixed effects (as nlme counts them).
    let n_parameters = (problem.x.p + theta.len() + 2) as f64;
    CorrelatedFit {
        formula: formula.text.clone(),
        residual: residual.clone(),
        method: if problem.reml { "REML" } else { "ML" }.into(),
        criterion: at.criterion,
        log_likelihood: -at.criterion / 2.0,
        aic: at.criterion + 2.0 * n_parameters,
        bic: at.criterion + (n as f64).ln() * n_parameters,
        sigma,
        rho: problem.rho_of(phi[0]),
        fixed,
        random,
        correlations,
        n_obs: n,
        n_groups: problem.re.levels.len(),
        converged: opt.converged,
        evaluations: opt.evaluations,
        ddf: None,
        level: None,
        ranef: None,
        params: opt.x.clone(),
        conditional,
    }
}

impl CorrelatedFit {
    /// Fill [`CorrelatedFit::ranef`]: every subject's conditional modes (BLUPs), as
    /// `lmm --ranef` shows them for an lme4-style fit.
    pub fn with_ranef(mut self) -> Self {
        self.ranef = Some(group_modes(std::slice::from_ref(&self.conditional.modes)));
        self
    }

    /// The conditional mode (BLUP) of random-effect `term` for subject `level`, if both exist.
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use std::path::Path;
    /// use trialstats_stats::lmm::ReferenceLevels;
    /// use trialstats_stats::lmm::residual::fit_correlated_csv;
    /// // nlme: ranef(lme(score ~ visit * arm, random = ~ 1 | id, correlation =
    /// //   corAR1(form = ~ visit | id), data = d))["P01", ] is 6.94887489021176
    /// //   (benches/lmm_residual_ranef_reference.R).
    /// let fit = fit_correlated_csv(
    ///     Path::new("tests/data/visits_ar1.csv"),
    ///     "score ~ visit * arm + (1 | id)",
    ///     &"ar1(visit | id)".parse()?,
    ///     true,
    ///     &ReferenceLevels::default(),
    /// )?;
    /// let blup = fit.mode("P01", "(Intercept)").unwrap();
    /// assert!((blup - 6.94887489021176).abs() < 1e-5 * 6.95);
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn mode(&self, level: &str, term: &str) -> Option<f64> {
        let modes = &self.conditional.modes;
        mode_in(std::slice::from_ref(modes), &modes.group, level, term)
    }

    /// The BLUPs, fitted values and normalized residuals at the optimum.
    pub fn conditional(&self) -> &Conditional {
        &self.conditional
    }
}

impl Tabular for CorrelatedFit {
    fn preamble(&self) -> Option<String> {
        let (time, group, rho) = (
            &self.residual.time,
            &self.residual.group,
            human_number(self.rho),
        );
        let (nlme, residuals) = match self.residual.kind {
            ResidualKind::Ar1 => (
                "corAR1",
                format!(
                    "AR(1) in {time} within {group}: correlation {rho} between times one unit apart"
                ),
            ),
            ResidualKind::Car1 => (
                "corCAR1",
                format!(
                    "continuous-time AR(1) in {time} within {group}: correlation {rho} between times one unit apart"
                ),
            ),
            ResidualKind::Cs => (
                "corCompSymm",
                format!(
                    "compound symmetry within {group}: correlation {rho} between any two times"
                ),
            ),
        };
        let crit_name = if self.method == "REML" {
            "REML criterion"
        } else {
            "deviance"
        };
        let mut lines = random_effects_lines(&self.random, &self.correlations);
        lines.push(format!(
            "{:<10} {:<14} {:>14}",
            "Residual",
            "",
            human_number(self.sigma)
        ));
        Some(format!(
            "Linear mixed model with correlated residuals, fit by {} (as nlme's lme with {nlme})\nformula: {}\nresiduals: {residuals}\n\n{crit_name}: {}   log-likelihood: {}   AIC: {}   BIC: {}\n\nrandom effects:\n{}\n\nobservations: {}   groups ({}): {}\nconverged: {} ({} evaluations)\n\nfixed effects{}:",
            self.method,
            self.formula,
            human_number(self.criterion),
            human_number(self.log_likelihood),
            human_number(self.aic),
            human_number(self.bic),
            lines.join("\n"),
            self.n_obs,
            self.residual.group,
            self.n_groups,
            if self.converged { "yes" } else { "NO" },
            self.evaluations,
            match (self.ddf, self.level) {
                (Some(ddf), Some(level)) => format!(" ({} df; {} CI)", ddf.label(), level.label()),
                _ => String::new(),
            },
        ))
    }

    fn table(&self) -> Table {
        fixed_effects_table(&self.fixed)
    }

    fn epilogue(&self) -> Option<String> {
        Some(ranef_text(
            std::slice::from_ref(&self.conditional.modes),
            self.ranef.as_ref()?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cs_parses_and_its_rho_is_nlmes_transform() {
        let r: ResidualStructure = " CS( visit | id ) ".parse().unwrap();
        assert_eq!(
            (r.kind, r.time.as_str(), r.group.as_str()),
            (ResidualKind::Cs, "visit", "id")
        );
        // nlme's Initialize.corCompSymm starts at log((0 - inf)/(1 - 0)), rho 0; inf = -1/5
        // for six visits. coef(..., unconstrained = FALSE) is (e^phi + inf)/(e^phi + 1).
        let floor: f64 = -0.2;
        assert!(cs_rho((-floor).ln(), floor).abs() < 1e-15);
        let phi = 0.7f64;
        let nlme = (phi.exp() + floor) / (phi.exp() + 1.0);
        assert!((cs_rho(phi, floor) - nlme).abs() < 1e-15);
        assert_eq!(cs_rho(800.0, floor), 1.0);
        assert!((cs_rho(-800.0, floor) - floor).abs() < 1e-15);
    }
}
