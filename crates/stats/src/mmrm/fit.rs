//! Fitting an MMRM: the data read and checked, the covariance parameters φ found by Fisher
//! scoring then Newton–Raphson on `−2ℓ` ([`super::criterion`]), with step halving that keeps
//! Σ positive definite and the criterion decreasing (as SAS PROC MIXED's Newton–Raphson with
//! Fisher scoring first iterations), and the fixed effects' inference by
//! [`crate::lmm::inference`] on the sums of [`super::criterion::marginal_sums`].
//!
//! An optimum is *confirmed* when the Newton decrement `gᵀH⁻¹g` of `−2ℓ` is below 1e-8 and the
//! observed Hessian is positive definite; otherwise the fit is reported with `converged:
//! false` (exit 1, as `lmm`).

use super::covariance::{CovarianceModel, Structure};
use super::criterion::{Evaluation, derivatives, evaluate, marginal_sums};
use super::formula::MmrmFormula;
use super::patterns::{Groups, Patterns, group};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::lmm::design::{check_full_rank, fixed_matrix};
use crate::lmm::emmeans::{Contrast, Emmean};
use crate::lmm::fit::{FixedEffect, columns_for};
use crate::lmm::frame::{Column, Frame, ReferenceLevels, Role};
use crate::lmm::inference::{Ddf, FixedInference, KrInformation};
use crate::lmm::marginal::MarginalSums;
use crate::model_matrix::ModelMatrix;
use nalgebra::{DMatrix, DVector, SymmetricEigen};
use serde::Serialize;
use std::path::Path;

/// Iterations of the optimiser before it gives up.
pub const MAX_ITERATIONS: usize = 200;
/// Fisher-scoring iterations before Newton–Raphson takes over.
const SCORING_ITERATIONS: usize = 3;
/// The Newton decrement (on the `−2ℓ` scale) below which the optimum is reached.
const DECREMENT_TOL: f64 = 1e-8;

/// One covariance parameter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CovarianceParameter {
    pub name: String,
    pub estimate: f64,
}

/// The covariance of one group of subjects (`--group`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupCovariance {
    /// The group's level.
    pub group: String,
    pub n_subjects: usize,
    pub covariance: Vec<Vec<f64>>,
    pub correlation: Vec<Vec<f64>>,
}

/// A fitted MMRM.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MmrmFit {
    pub formula: String,
    /// Each categorical fixed-effect variable's reference level (`--reference`, else the first
    /// in sorted order), as (variable, level).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reference_levels: Vec<(String, String)>,
    /// `REML` or `ML`.
    pub method: String,
    /// `us`, `cs`, `toep` or `diag`.
    pub covariance_structure: Structure,
    pub visit: String,
    pub subject: String,
    /// The visit levels, in order (the rows and columns of `covariance`).
    pub visits: Vec<String>,
    /// Observations at each visit.
    pub n_per_visit: Vec<usize>,
    pub n_obs: usize,
    pub n_subjects: usize,
    /// Rows dropped because a used column was missing.
    pub n_dropped: usize,
    /// `−2ℓ` (REML or ML).
    pub criterion: f64,
    pub log_likelihood: f64,
    /// `−2ℓ + 2k` with k the covariance parameters (and the fixed effects under ML), as SAS
    /// and mmrm count them.
    pub aic: f64,
    /// `−2ℓ + k log(subjects)`.
    pub bic: f64,
    /// The estimated covariance matrix over visits (row by row); with `--group`, the first
    /// group's (all groups in `groups`).
    pub covariance: Vec<Vec<f64>>,
    pub correlation: Vec<Vec<f64>>,
    /// The column whose levels have their own covariance (`--group`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// With `--group`: each group's covariance and correlation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupCovariance>>,
    pub covariance_parameters: Vec<CovarianceParameter>,
    pub fixed: Vec<FixedEffect>,
    /// The df method (absent with `--ddf none`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ddf: Option<Ddf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<ConfidenceLevel>,
    pub converged: bool,
    pub iterations: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emmeans: Option<Vec<Emmean>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contrasts: Option<Vec<Contrast>>,
}

/// A fitted MMRM with the data and inference behind it (for further contrasts).
#[derive(Debug, Clone)]
pub struct Mmrm {
    pub fit: MmrmFit,
    pub formula: MmrmFormula,
    pub frame: Frame,
    /// Present unless `--ddf none`.
    pub inference: Option<FixedInference>,
}

/// What to fit.
#[derive(Debug, Clone, Copy)]
pub struct MmrmOptions {
    pub reml: bool,
    pub ddf: Ddf,
    pub level: ConfidenceLevel,
}

/// Read the columns of `formula` from `path` (visit and subject categorical) and fit.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::mmrm::{fit_csv, MmrmOptions};
/// use trialstats_stats::lmm::inference::Ddf;
/// // openpharma/mmrm's fev_data (tests/data/fev_data.csv) with an AR(1) covariance. R: gls(FEV1 ~
/// // ARMCD, correlation = corAR1(form = ~ vis | USUBJID), method = "REML") gives -2 logLik
/// // 3855.12433950821, ARMCDTRT 4.22574325046466 (SE 0.959868287469079) and variance
/// // 84.4289651905766 (tests/mmrm_structures.rs).
/// let options = MmrmOptions { reml: true, ddf: Ddf::None, level: Default::default() };
/// let m = fit_csv(Path::new("tests/data/fev_data.csv"), "FEV1 ~ ARMCD + ar1(AVISIT | USUBJID)", options)?;
/// assert!((m.fit.criterion - 3855.12433950821).abs() < 1e-10 * 3855.0);
/// assert!((m.fit.fixed[1].estimate - 4.22574325046466).abs() < 2e-5 * 4.23);
/// assert!((m.fit.fixed[1].se - 0.959868287469079).abs() < 2e-5 * 0.96);
/// assert!((m.fit.covariance[0][0] - 84.4289651905766).abs() < 2e-5 * 84.43);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit_csv(path: &Path, formula: &str, options: MmrmOptions) -> Result<Mmrm> {
    fit_csv_grouped(path, formula, None, options)
}

/// [`fit_csv`] with one covariance per level of `group` (`--group`; the formula may name it
/// instead, as `us(visit | group / subject)`).
pub fn fit_csv_grouped(
    path: &Path,
    formula: &str,
    group: Option<&str>,
    options: MmrmOptions,
) -> Result<Mmrm> {
    fit_csv_with_references(path, formula, group, options, &ReferenceLevels::default())
}

/// [`fit_csv_grouped`] with each variable's reference level as `references` sets it (the
/// arm's, say: `arm=placebo`).
pub fn fit_csv_with_references(
    path: &Path,
    formula: &str,
    group: Option<&str>,
    options: MmrmOptions,
    references: &ReferenceLevels,
) -> Result<Mmrm> {
    let mut f = MmrmFormula::parse(formula)?;
    if let Some(g) = group {
        match &f.group {
            Some(h) if h != g => {
                return Err(Error::field(
                    "group",
                    format!("{{field:group}} {g} and the formula's group '{h}' differ; give one"),
                ));
            }
            _ if g == f.visit || g == f.subject => {
                return Err(Error::field(
                    "group",
                    format!("'{g}' is the visit or subject column; name the arm column"),
                ));
            }
            _ => f.group = Some(g.to_string()),
        }
    }
    let mut wanted = columns_for(&f.fixed);
    for name in [Some(&f.visit), Some(&f.subject), f.group.as_ref()]
        .into_iter()
        .flatten()
    {
        match wanted.iter_mut().find(|(n, _)| n == name) {
            Some(w) => w.1 = Role::Categorical,
            None => wanted.push((name.clone(), Role::Categorical)),
        }
    }
    let mut frame = Frame::read_csv(path, &wanted)?;
    frame.relevel(references)?;
    fit(f, frame, options)
}

fn categorical<'a>(frame: &'a Frame, name: &str) -> Result<(&'a [u32], &'a [String])> {
    match frame.column(name) {
        Some(Column::Categorical { codes, levels }) => Ok((codes, levels)),
        _ => Err(Error::field(
            "formula",
            format!("column '{name}' is not in {}", frame.source),
        )),
    }
}

/// Independent-visit starting values: the variance of the OLS residuals at each visit.
fn start_variances(
    x: &crate::model_matrix::ModelMatrix,
    y: &[f64],
    visit: &[u32],
    v: usize,
) -> Vec<f64> {
    let p = x.p;
    let mut xtx = DMatrix::zeros(p, p);
    let mut xty = DVector::zeros(p);
    for (i, &yi) in y.iter().enumerate() {
        let r = DVector::from_column_slice(x.row(i));
        xtx += &r * r.transpose();
        xty += r * yi;
    }
    let beta = xtx.cholesky().map(|c| c.solve(&xty));
    let mut ss = vec![0.0; v];
    let mut n = vec![0usize; v];
    for (i, &yi) in y.iter().enumerate() {
        let fitted = beta.as_ref().map_or(0.0, |b| {
            x.row(i).iter().zip(b.iter()).map(|(a, c)| a * c).sum()
        });
        ss[visit[i] as usize] += (yi - fitted).powi(2);
        n[visit[i] as usize] += 1;
    }
    let all = ss.iter().sum::<f64>() / y.len() as f64;
    ss.iter()
        .zip(&n)
        .map(|(s, &k)| {
            let var = if k > 0 { s / k as f64 } else { all };
            if var > 0.0 { var } else { all.max(1e-8) }
        })
        .collect()
}

/// The refusals of a covariance the data cannot estimate (exit 2), naming what is missing.
fn check_estimable(
    formula: &MmrmFormula,
    data: &Patterns,
    visits: &[String],
    k: usize,
    group_levels: &[String],
) -> Result<()> {
    let loc = "{field:formula}";
    let structure = formula.structure;
    if visits.len() < 2 {
        return Err(Error::input(
            format!("column {}", formula.visit),
            format!(
                "the visit column has one level ('{}') in the rows used; an MMRM needs at least two visits",
                visits.first().map_or("", |s| s.as_str())
            ),
        ));
    }
    let free = data.n_obs.saturating_sub(data.p);
    if k > free {
        return Err(Error::input(
            loc,
            format!(
                "the {} covariance over {} visits has {k} parameters, more than the {} observations less {} fixed effects allow ({free}); use a structure with fewer parameters (cs, toep) or more subjects",
                structure.name(),
                visits.len(),
                data.n_obs,
                data.p
            ),
        ));
    }
    if structure == Structure::Us {
        for (g, n_together) in data.n_together.iter().enumerate() {
            let v = visits.len();
            let in_group = match &formula.group {
                Some(col) => format!(" in group '{}' of {col}", group_levels[g]),
                None => String::new(),
            };
            for a in 0..v {
                for b in 0..=a {
                    let together = n_together[(a, b)];
                    if together < 2 {
                        let what = if a == b {
                            format!("visit '{}'", visits[a])
                        } else {
                            format!("visits '{}' and '{}'", visits[b], visits[a])
                        };
                        return Err(Error::input(
                            loc,
                            format!(
                                "{together} subject(s){in_group} observed at {what}: an unstructured (us) covariance needs at least 2 to estimate it; use cs or toep, or fewer visits"
                            ),
                        ));
                    }
                }
            }
            if data.n_subjects_per_group[g] <= v {
                return Err(Error::input(
                    loc,
                    format!(
                        "{} subjects{in_group} for an unstructured covariance over {v} visits: it needs more subjects than visits; use cs or toep",
                        data.n_subjects_per_group[g]
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn is_positive_definite(h: &DMatrix<f64>) -> bool {
    SymmetricEigen::new(h.clone())
        .eigenvalues
        .iter()
        .all(|&e| e > 0.0)
}

/// Solve `h s = −g` (a pseudo-inverse over the positive eigenvalues when `h` is singular).
fn newton_step(h: &DMatrix<f64>, g: &DVector<f64>) -> DVector<f64> {
    if let Some(c) = h.clone().cholesky() {
        return -c.solve(g);
    }
    let e = SymmetricEigen::new(h.clone());
    let top = e.eigenvalues.amax();
    let mut s = DVector::zeros(g.len());
    for (k, &lambda) in e.eigenvalues.iter().enumerate() {
        if lambda > 1e-10 * top {
            let v = e.eigenvectors.column(k);
            s -= v * (v.dot(g) / lambda);
        }
    }
    s
}

/// Minimise `−2ℓ` over θ from `start`: (θ, evaluation, confirmed, iterations).
fn optimise(
    data: &Patterns,
    basis: &CovarianceModel,
    start: Vec<f64>,
    reml: bool,
) -> Result<(Vec<f64>, Evaluation, bool, usize)> {
    let mut phi = start;
    let mut ev = evaluate(data, basis, &phi, reml)?.ok_or_else(|| {
        Error::singular(
            "starting covariance",
            "the starting covariance is not positive definite".into(),
        )
    })?;
    let mut iterations = 0;
    let mut decrement = f64::INFINITY;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let d = derivatives(data, basis, &phi, &ev, reml);
        let newton = iterations > SCORING_ITERATIONS && is_positive_definite(&d.observed);
        let h = if newton { &d.observed } else { &d.expected };
        let step = newton_step(h, &d.gradient);
        decrement = -d.gradient.dot(&step);
        if decrement.abs() < DECREMENT_TOL {
            break;
        }
        let mut t = 1.0;
        let mut accepted = false;
        for _ in 0..60 {
            let cand: Vec<f64> = phi
                .iter()
                .zip(step.iter())
                .map(|(p, s)| p + t * s)
                .collect();
            if let Some(e) = evaluate(data, basis, &cand, reml)? {
                if e.criterion <= ev.criterion + 1e-12 * ev.criterion.abs() {
                    phi = cand;
                    ev = e;
                    accepted = true;
                    break;
                }
            }
            t *= 0.5;
        }
        if !accepted {
            break;
        }
    }
    let d = derivatives(data, basis, &phi, &ev, reml);
    let confirmed = decrement.abs() < DECREMENT_TOL && is_positive_definite(&d.observed);
    Ok((phi, ev, confirmed, iterations))
}

/// Fit `formula` to `frame`.
pub fn fit(formula: MmrmFormula, frame: Frame, options: MmrmOptions) -> Result<Mmrm> {
    if options.ddf == Ddf::KenwardRoger && !options.reml {
        return Err(Error::field(
            "ddf",
            "Kenward-Roger needs a REML fit (as SAS and mmrm): drop {field:ml}, or use {field:ddf} satterthwaite",
        ));
    }
    let y = response(&formula, &frame)?;
    let x = fixed_matrix(&formula.fixed, &frame)?;
    check_fixed_rank(&x)?;
    let Grouped {
        data,
        model,
        visit_levels,
        visit_codes,
        group_levels,
    } = group_rows(&formula, &frame, &x, &y)?;
    let v = visit_levels.len();
    let one = formula
        .structure
        .start(&start_variances(&x, &y, &visit_codes, v));
    let start: Vec<f64> = (0..model.groups).flat_map(|_| one.clone()).collect();
    let (phi, ev, converged, iterations) = optimise(&data, &model, start, options.reml)?;
    let sigmas: Vec<DMatrix<f64>> = (0..model.groups).map(|g| model.sigma(&phi, g)).collect();
    let correlations: Vec<DMatrix<f64>> = sigmas.iter().map(|s| correlation_of(s, v)).collect();
    let (sigma, correlation) = (&sigmas[0], &correlations[0]);
    let k = phi.len() + if options.reml { 0 } else { x.p };
    let mut fit = MmrmFit {
        formula: formula.text.clone(),
        reference_levels: frame.reference_levels(&formula.fixed),
        method: if options.reml { "REML" } else { "ML" }.into(),
        covariance_structure: formula.structure,
        visit: formula.visit.clone(),
        subject: formula.subject.clone(),
        visits: visit_levels.clone(),
        n_per_visit: data.n_per_visit.clone(),
        n_obs: data.n_obs,
        n_subjects: data.n_subjects,
        n_dropped: frame.n_dropped,
        criterion: ev.criterion,
        log_likelihood: -0.5 * ev.criterion,
        aic: ev.criterion + 2.0 * k as f64,
        bic: ev.criterion + k as f64 * (data.n_subjects as f64).ln(),
        covariance: rows(sigma),
        correlation: rows(correlation),
        group: formula.group.clone(),
        groups: formula.group.as_ref().map(|_| {
            (0..model.groups)
                .map(|g| GroupCovariance {
                    group: group_levels[g].clone(),
                    n_subjects: data.n_subjects_per_group[g],
                    covariance: rows(&sigmas[g]),
                    correlation: rows(&correlations[g]),
                })
                .collect()
        }),
        covariance_parameters: covariance_parameters(&formula, &visit_levels, &group_levels, &phi),
        fixed: fixed_effects(&x.names, &ev),
        ddf: None,
        level: None,
        converged,
        iterations,
        emmeans: None,
        contrasts: None,
    };
    let inference = if options.ddf == Ddf::None {
        None
    } else {
        let sums = marginal_sums(&data, &model, &phi, &ev);
        Some(add_inference(&mut fit, sums, &ev, options)?)
    };
    Ok(Mmrm {
        fit,
        formula,
        frame,
        inference,
    })
}

/// The response column of `formula` in `frame`, refused unless numeric and finite.
fn response(formula: &MmrmFormula, frame: &Frame) -> Result<Vec<f64>> {
    let y: Vec<f64> = match frame.column(&formula.fixed.response) {
        Some(Column::Numeric(v)) => v.clone(),
        _ => {
            return Err(Error::field(
                "formula",
                format!(
                    "the response '{}' is not a numeric column of {}",
                    formula.fixed.response, frame.source
                ),
            ));
        }
    };
    if let Some(bad) = y.iter().find(|v| !v.is_finite()) {
        return Err(Error::input(
            format!("{}, column {}", frame.source, formula.fixed.response),
            format!("the value {bad} is not a finite number"),
        ));
    }
    Ok(y)
}

/// Refuses a fixed-effect design `x` whose `XᵀX` is not of full rank (naming the columns).
fn check_fixed_rank(x: &ModelMatrix) -> Result<()> {
    let mut xtx = vec![0.0; x.p * x.p];
    for i in 0..x.n {
        let r = x.row(i);
        for a in 0..x.p {
            for b in 0..x.p {
                xtx[a * x.p + b] += r[a] * r[b];
            }
        }
    }
    check_full_rank(&xtx, &x.names)
}

/// The rows of an MMRM grouped by pattern ([`group`]) over the visits observed, with the
/// covariance model they are fitted with.
struct Grouped {
    data: Patterns,
    model: CovarianceModel,
    /// The visit levels observed in the rows used.
    visit_levels: Vec<String>,
    /// Each row's visit, a code into `visit_levels`.
    visit_codes: Vec<u32>,
    /// The `--group` levels (one empty level without a group).
    group_levels: Vec<String>,
}

/// The rows of `x`, `y` grouped by subject and visit (the visits seen only in dropped rows
/// left out), refused when a group has no subject or the covariance is not estimable.
fn group_rows(formula: &MmrmFormula, frame: &Frame, x: &ModelMatrix, y: &[f64]) -> Result<Grouped> {
    let (subject, subjects) = categorical(frame, &formula.subject)?;
    let (visit, visits) = categorical(frame, &formula.visit)?;
    let location = format!(
        "{}, columns {} and {}",
        frame.source, formula.subject, formula.visit
    );
    let group_column = match &formula.group {
        Some(name) => Some(categorical(frame, name)?),
        None => None,
    };
    let groups = group_column.map(|(code, levels)| Groups {
        code,
        levels,
        column: formula.group.as_deref().unwrap_or_default(),
    });
    let data = group(x, y, subject, subjects, visit, visits, groups, &location)?;
    // Levels seen only in dropped rows have no observations: keep the visits observed.
    let observed: Vec<usize> = (0..visits.len())
        .filter(|&a| data.n_per_visit[a] > 0)
        .collect();
    let (data, visit_levels) = if observed.len() < visits.len() {
        let mut remap = vec![u32::MAX; visits.len()];
        for (k, &a) in observed.iter().enumerate() {
            remap[a] = k as u32;
        }
        let v2: Vec<u32> = visit.iter().map(|&c| remap[c as usize]).collect();
        let levels: Vec<String> = observed.iter().map(|&a| visits[a].clone()).collect();
        (
            group(x, y, subject, subjects, &v2, &levels, groups, &location)?,
            levels,
        )
    } else {
        (data, visits.to_vec())
    };
    let group_levels: Vec<String> = groups.map_or(vec![String::new()], |g| g.levels.to_vec());
    let model = CovarianceModel {
        structure: formula.structure,
        visits: visit_levels.len(),
        groups: group_levels.len(),
    };
    if let Some(g) = data.n_subjects_per_group.iter().position(|&n| n == 0) {
        return Err(Error::input(
            format!("column {}", formula.group.as_deref().unwrap_or_default()),
            format!(
                "group '{}' has no subject with data; each group gets its own covariance",
                group_levels[g]
            ),
        ));
    }
    check_estimable(
        formula,
        &data,
        &visit_levels,
        model.n_parameters(),
        &group_levels,
    )?;
    let visit_codes: Vec<u32> = {
        let lookup: std::collections::HashMap<&str, u32> = visit_levels
            .iter()
            .enumerate()
            .map(|(k, l)| (l.as_str(), k as u32))
            .collect();
        visit
            .iter()
            .map(|&c| lookup[visits[c as usize].as_str()])
            .collect()
    };
    Ok(Grouped {
        data,
        model,
        visit_levels,
        visit_codes,
        group_levels,
    })
}

/// The correlation matrix (`v` × `v`) of the covariance `sigma`.
fn correlation_of(sigma: &DMatrix<f64>, v: usize) -> DMatrix<f64> {
    DMatrix::from_fn(v, v, |a, b| {
        sigma[(a, b)] / (sigma[(a, a)] * sigma[(b, b)]).sqrt()
    })
}

/// The rows of `m`, each as a vector.
fn rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    (0..m.nrows())
        .map(|a| m.row(a).iter().copied().collect())
        .collect()
}

/// The covariance parameters `phi` named by the structure (and, with `--group`, the group's
/// level), group by group.
fn covariance_parameters(
    formula: &MmrmFormula,
    visit_levels: &[String],
    group_levels: &[String],
    phi: &[f64],
) -> Vec<CovarianceParameter> {
    group_levels
        .iter()
        .flat_map(|level| {
            let grouped = formula.group.is_some();
            formula
                .structure
                .parameter_names(visit_levels)
                .into_iter()
                .map(move |name| {
                    if grouped {
                        format!("{name} [{level}]")
                    } else {
                        name
                    }
                })
        })
        .zip(phi)
        .map(|(name, &estimate)| CovarianceParameter { name, estimate })
        .collect()
}

/// The fixed effects `names` with their GLS estimates and model-based SEs and t (no df, p
/// or CI yet).
fn fixed_effects(names: &[String], ev: &Evaluation) -> Vec<FixedEffect> {
    names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let se = ev.phi_beta[(j, j)].sqrt();
            FixedEffect {
                term: name.clone(),
                estimate: ev.beta[j],
                se,
                t: ev.beta[j] / se,
                df: None,
                p: None,
                ci_lower: None,
                ci_upper: None,
            }
        })
        .collect()
}

/// The fixed effects' inference from the marginal `sums`, after filling each fixed effect's
/// SE, t, df, p and CI and the df method and level into `fit`.
fn add_inference(
    fit: &mut MmrmFit,
    sums: MarginalSums,
    ev: &Evaluation,
    options: MmrmOptions,
) -> Result<FixedInference> {
    // Kenward–Roger with the observed information, as SAS and mmrm (pbkrtest, and so
    // `lmm`, use the expected one).
    let inf = FixedInference::from_sums_with(
        sums,
        ev.beta.clone(),
        options.reml,
        options.ddf,
        KrInformation::Observed,
    )?;
    inf.test_each(&mut fit.fixed, options.level);
    fit.ddf = Some(options.ddf);
    fit.level = Some(options.level);
    Ok(inf)
}

impl Mmrm {
    /// The subjects observed per level of the categorical `variable` (the arm) at each visit
    /// (the rows used, one per subject and visit), in the order of the fit's visits.
    pub fn subjects_per_visit(&self, variable: &str) -> Result<Vec<(String, Vec<usize>)>> {
        use crate::lmm::frame::Column;
        let (codes, levels) = match self.frame.column(variable) {
            Some(Column::Categorical { codes, levels }) => (codes, levels),
            _ => {
                return Err(Error::field(
                    "contrast",
                    format!("'{variable}' is not a categorical column"),
                ));
            }
        };
        let visit_codes: Vec<Option<usize>> = match self.frame.column(&self.fit.visit) {
            Some(Column::Categorical {
                codes: visit_codes,
                levels: visit_levels,
            }) => visit_codes
                .iter()
                .map(|&c| {
                    self.fit
                        .visits
                        .iter()
                        .position(|v| *v == visit_levels[c as usize])
                })
                .collect(),
            _ => {
                return Err(Error::field(
                    "formula",
                    "the visit column is not categorical",
                ));
            }
        };
        let mut counts = vec![vec![0usize; self.fit.visits.len()]; levels.len()];
        for (a, v) in codes.iter().zip(&visit_codes) {
            if let Some(v) = v {
                counts[*a as usize][*v] += 1;
            }
        }
        Ok(levels.iter().cloned().zip(counts).collect())
    }

    /// Least-squares means of `variable` and their pairwise differences at the points `at`
    /// ([`crate::lmm::emmeans`]); when `at` does not name the visit and the visit is a fixed
    /// variable, at every visit (the contrast per visit, the last one usually the primary
    /// estimand).
    pub fn with_contrast(mut self, variable: &str, at: &[(String, Vec<String>)]) -> Result<Self> {
        let inference = self.inference.as_ref().ok_or_else(|| {
            Error::field("ddf",
                "{field:contrast} needs denominator df: use {field:ddf} satterthwaite or kenward-roger",
            )
        })?;
        let mut at = at.to_vec();
        let visit_is_fixed = self
            .formula
            .fixed
            .fixed
            .iter()
            .any(|t| t.variables.iter().any(|v| v.name == self.formula.visit));
        if visit_is_fixed
            && variable != self.formula.visit
            && !at.iter().any(|(v, _)| *v == self.formula.visit)
        {
            at.push((self.formula.visit.clone(), self.fit.visits.clone()));
        }
        let level = self.fit.level.unwrap_or_default();
        let (means, differences) = crate::lmm::emmeans::emmeans(
            &self.formula.fixed,
            &self.frame,
            inference,
            variable,
            &at,
            level,
        )?;
        self.fit.emmeans = Some(means);
        self.fit.contrasts = Some(differences);
        Ok(self)
    }
}
