//! The binomial–normal model of 2×2 tables for rare events (metafor's `rma.glmm(measure =
//! "OR", model = "UM.FS")`; Stijnen, Hamza & Özdemir 2010): the events of arm j of study i are
//! binomial with logit pᵢⱼ = αᵢ + (β + uᵢ) xᵢⱼ, a fixed intercept αᵢ per study, xᵢⱼ = +½ for
//! group 1 and −½ for group 2, uᵢ ~ N(0, τ²) (the `(group − 1 | study)` term of metafor's
//! `glmer` call), and β the pooled log odds ratio. The likelihood is metafor's
//! `glmer(cbind(xi, mi) ~ 0 + treated + study + (0 + group | study), nAGQ = 7)`: each study's
//! term is integrated by the project's GLMM ([`crate::glmm`]) with adaptive Gauss–Hermite
//! quadrature of 7 nodes; the fixed-effect model (τ² = 0, metafor's `method = "EE"`) is the
//! same GLM without uᵢ.
//!
//! Fitting: the k intercepts αᵢ make the model k + 2 parameters, but αᵢ enters study i's
//! term only. So for given (β, τ) each αᵢ is found on its own (a one-dimensional convex
//! minimum, a few Newton steps), and only β and τ are optimised, on the deviance profiled
//! over the intercepts ([`crate::optimize::minimize_box`]). The optimum is the joint one, and
//! the Hessian of the profile is the (β, τ) block of the full Hessian's inverse, inverted
//! (Schur complement), so the SE of β is the full model's. The cost is O(k) per evaluation
//! instead of the O(k²) of differencing all k + 2 parameters, and the numbers are those of the
//! joint fit.
//!
//! No continuity correction is needed: a study with no events in one arm contributes through
//! the likelihood. A study with no events (or only events) in both arms carries no information
//! about β and is left out (metafor's `drop00 = TRUE`).
//!
//! Moderators (`rma.glmm(..., mods = ~ ...)`): the log odds ratio of study i is xᵢᵀβ + uᵢ,
//! with xᵢ the study's row of the model matrix of [`crate::meta::fitting::moderators`]
//! (metafor's `X.fit = group1 * X`: the moderators act on the treated arm). Study i's term
//! depends on β only through θᵢ = xᵢᵀβ, so each study stays the two-parameter problem (αᵢ, θᵢ)
//! above and the optimiser works on (β, τ), p + 1 parameters. As metafor (`scaleX = TRUE`), the
//! numeric moderators are centred and scaled to unit SD for the fit (a column such as a year
//! makes the intercept and slope nearly collinear otherwise) and β and its covariance are
//! transformed back: β = Tβₛ, V = T Vₛ Tᵀ. The moderators are tested together by the Wald
//! statistic QM = β₂ᵀ V₂₂⁻¹ β₂ on p − 1 df (all coefficients but the intercept; metafor's
//! `QM`).
//!
//! Heterogeneity, as metafor: the likelihood-ratio test of the fixed-effect model against the
//! saturated one (each study its own log OR; `QE.LRT`, k − p df), and, when no cell is 0, the
//! Wald test that the saturated model's k log odds ratios follow the moderators (`QE.Wld`: each
//! study's estimate is ln(ad/bc) with variance 1/a + 1/b + 1/c + 1/d, and the Wald test of
//! the k − p linear constraints is the weighted residual sum of squares of their regression on
//! X, Cochran's Q without moderators). With a zero cell the saturated estimate is infinite and
//! `glm`'s Wald statistic is an artefact of where its iterations stopped; it is not reported.

use super::{RatioScale, Tables};
use crate::dist::pchisq_upper;
use crate::effect::MeasureCode;
use crate::error::{Error, Result};
use crate::glmm::Family;
use crate::glmm::fit::covariance_extrapolated;
use crate::glmm::laplace::{Modes, Problem};
use crate::glmm::quadrature::Rule;
use crate::level::ConfidenceLevel;
use crate::meta::fitting::gls::{WeightedFit, invert_spd};
use crate::meta::fitting::linear::{
    Coefficients as LinearCoefficients, Inference, WaldTest, wald_test_with,
};
use crate::meta::fitting::model::{Coefficient, TESTED_COLUMNS, TestedEstimate};
use crate::meta::fitting::moderators::{ModelMatrix, Moderator, model_matrix};
use crate::optimize::{BoxOptimum, minimize_box};
use crate::output::{Cell, Table, Tabular, human_number};
use nalgebra::{DMatrix, DVector};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;

/// Quadrature nodes per study, metafor's default `nAGQ = 7`.
pub const NAGQ: usize = 7;

/// Which model: random effects (ML) or fixed effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Estimation {
    /// τ² estimated by maximum likelihood (metafor's `method = "ML"`).
    RandomEffects,
    /// τ² = 0 (`method = "EE"`).
    FixedEffect,
}

impl Estimation {
    /// metafor's name of the method: "ML" or "EE".
    pub fn metafor_name(self) -> &'static str {
        match self {
            Estimation::RandomEffects => "ML",
            Estimation::FixedEffect => "EE",
        }
    }
}

/// The fitted model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BinomialNormalFit {
    /// "UM.FS" or "CM.EL" (the conditional model of
    /// [`super::conditional_binomial_normal`]).
    pub model: &'static str,
    /// "ML" or "EE".
    pub method: &'static str,
    pub level: f64,
    /// Studies in the model (those with events and non-events), and those left out.
    pub k: usize,
    pub k_dropped: usize,
    /// The pooled log odds ratio β with its z test and Wald interval (with moderators: the
    /// intercept, the log odds ratio where every moderator is 0 or at its reference level).
    #[serde(flatten)]
    pub pooled: TestedEstimate,
    /// exp of the pooled log odds ratio and its interval (intercept-only models).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<RatioScale>,
    /// Every coefficient, the intercept (`intrcpt`) first, as metafor names them.
    pub coefficients: Vec<Coefficient>,
    /// The Wald test of the moderators (every coefficient but the intercept; metafor's `QM`,
    /// `QMdf`, `QMp`); absent without moderators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qm_df: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qm_p: Option<f64>,
    /// τ² (0 for the fixed-effect model).
    pub tau2: f64,
    /// The marginal log-likelihood of the fitted GLMM (lme4's `logLik`; for the fixed-effect
    /// model, the GLM's).
    pub log_likelihood: f64,
    /// Likelihood-ratio and Wald tests of residual heterogeneity on `qe_df` = k − p df.
    pub qe_lrt: f64,
    pub qe_lrt_p: f64,
    pub qe_wald: Option<f64>,
    pub qe_wald_p: Option<f64>,
    pub qe_df: usize,
    /// Warnings of the GLMM fit (separation, an unconfirmed optimum).
    pub warnings: Vec<String>,
}

/// One study's two groups as a GLMM problem of its own: rows group 1 and group 2, fixed
/// effects (αᵢ, β) with design rows (1, 1) and (1, 0) (the `study` and `treated` columns of
/// metafor's `glmer` call), random slope ±½ (its `group`). Its deviance at (αᵢ, β, τ) is the
/// study's share of the model's deviance, by [`crate::glmm`]'s adaptive quadrature.
struct Study {
    problem: Problem,
    /// The intercept that minimised the study's deviance at the last (β, τ) asked for: the
    /// next search starts there.
    alpha: f64,
    modes: Modes,
}

impl Study {
    fn new([a, b, c, d]: [f64; 4], rule: Option<&Rule>) -> Study {
        let problem = Problem::one_group(
            Family::Binomial,
            vec![a, c],
            vec![a + b, c + d],
            vec![1.0, 1.0, 1.0, 0.0],
            2,
            vec![0.5, -0.5],
            1,
            rule.cloned(),
        );
        Study {
            problem,
            // group 2's log odds, pulled off 0 and 1
            alpha: ((c + 0.5) / (d + 0.5)).ln(),
            modes: Modes::default(),
        }
    }

    fn deviance(&mut self, alpha: f64, beta: f64, tau: f64) -> f64 {
        let d = self
            .problem
            .deviance(&[alpha, beta], &[tau], &[], &mut self.modes);
        if d.is_finite() { d } else { f64::INFINITY }
    }

    /// The study's deviance minimised over its intercept αᵢ at (β, τ). The minimum is
    /// one-dimensional (αᵢ enters no other study's term) and the deviance is convex in αᵢ
    /// (the integral of a log-concave integrand is log-concave), so Newton steps on central
    /// differences, halved while they do not descend, from the last call's αᵢ, converge in a
    /// few steps. The iterations stop once a step promises less than 1e-14 of the deviance:
    /// the value returned is then exact to rounding, as the deviance is flat to second order
    /// in αᵢ there (which is also why the profile's derivatives in β and τ are the full
    /// model's: envelope theorem).
    fn profile(&mut self, beta: f64, tau: f64) -> f64 {
        const H: f64 = 1e-4;
        let mut alpha = self.alpha;
        let mut d0 = self.deviance(alpha, beta, tau);
        for _ in 0..100 {
            let up = self.deviance(alpha + H, beta, tau);
            let down = self.deviance(alpha - H, beta, tau);
            let slope = (up - down) / (2.0 * H);
            let curvature = (up - 2.0 * d0 + down) / (H * H);
            if !(slope.is_finite() && d0.is_finite()) {
                break;
            }
            let mut step = if curvature > 0.0 {
                -slope / curvature
            } else {
                -slope.signum()
            };
            if curvature > 0.0 && 0.5 * curvature * step * step <= 1e-14 * d0.abs().max(1.0) {
                alpha += step;
                break;
            }
            let mut moved = false;
            for _ in 0..60 {
                let d = self.deviance(alpha + step, beta, tau);
                if d < d0 {
                    alpha += step;
                    d0 = d;
                    moved = true;
                    break;
                }
                step *= 0.5;
            }
            if !moved {
                break;
            }
        }
        self.alpha = alpha;
        d0
    }
}

/// The model's deviance (−2 log-likelihood) at (β, τ), profiled over the study intercepts:
/// study i at its own log odds ratio θᵢ = xᵢᵀβ (`design`'s row i). Studies are solved in
/// parallel when there are many; their terms are summed in study order, so the value does
/// not depend on the number of threads.
fn profile_deviance(
    studies: &RefCell<Vec<Study>>,
    design: &ModelMatrix,
    beta: &[f64],
    tau: f64,
) -> f64 {
    let mut studies = studies.borrow_mut();
    let theta = |i: usize| -> f64 { design.row(i).iter().zip(beta).map(|(x, b)| x * b).sum() };
    let terms: Vec<f64> = if studies.len() >= 64 {
        studies
            .par_iter_mut()
            .enumerate()
            .map(|(i, s)| s.profile(theta(i), tau))
            .collect()
    } else {
        studies
            .iter_mut()
            .enumerate()
            .map(|(i, s)| s.profile(theta(i), tau))
            .collect()
    };
    terms.iter().sum()
}

/// β (p coefficients of `design`'s columns), its covariance, τ and the deviance of the model
/// fitted to `studies`: τ = 0 for the fixed-effect model (the GLM), else maximum likelihood
/// with τ ≥ 0. The covariance is twice the inverse of the finite-difference Hessian
/// ([`covariance_extrapolated`]) of the profiled deviance over β and τ (over β alone when
/// τ = 0), as the Hessian of the deviance over every parameter would give it (its inverse's
/// (β, τ) block is the inverse of the profile's Hessian), and as lme4's
/// `vcov(use.hessian = TRUE)` takes it; `None` when that Hessian is not positive definite.
struct Optimum {
    beta: Vec<f64>,
    /// Row-major p × p.
    vcov: Option<Vec<f64>>,
    tau: f64,
    deviance: f64,
    converged: bool,
}

fn optimise(
    studies: &RefCell<Vec<Study>>,
    design: &ModelMatrix,
    beta0: &[f64],
    random: bool,
) -> Optimum {
    let p = design.p;
    let m = p + usize::from(random);
    // β within 20 of its start (a log odds ratio per unit of a scaled moderator), τ in [0, 20]
    let mut lower: Vec<f64> = beta0.iter().map(|b| b - 20.0).collect();
    let mut upper: Vec<f64> = beta0.iter().map(|b| b + 20.0).collect();
    let mut start = beta0.to_vec();
    if random {
        lower.push(0.0);
        upper.push(20.0);
        start.push(0.3);
    }
    let f = |v: &[f64]| profile_deviance(studies, design, &v[..p], if random { v[p] } else { 0.0 });
    let mut at_zero = beta0.to_vec();
    at_zero.extend(random.then_some(0.0));
    let scale = f(&at_zero);
    let opt = if random {
        // the boundary τ = 0: β alone
        let g = |b: &[f64]| profile_deviance(studies, design, b, 0.0);
        let edge = |b: &[f64]| minimize_box(&g, b, &lower[..p], &upper[..p], scale);
        minimize_with_tau(&f, &start, &lower, &upper, scale, &edge)
    } else {
        minimize_box(&f, &start, &lower, &upper, scale)
    };
    let tau = if random { opt.x[p] } else { 0.0 };
    let free: Vec<usize> = if random && tau > 1e-8 {
        (0..m).collect()
    } else {
        (0..p).collect()
    };
    let cov = covariance_extrapolated(&f, &opt.x, &free);
    let deviance = f(&opt.x); // also leaves each study's intercept at the optimum
    let n = free.len();
    Optimum {
        beta: opt.x[..p].to_vec(),
        vcov: cov.map(|c| {
            (0..p)
                .flat_map(|a| (0..p).map(move |b| (a, b)))
                .map(|(a, b)| c[a * n + b])
                .collect()
        }),
        tau,
        deviance,
        converged: opt.converged,
    }
}

/// The tables a model uses (those with events and non-events) and their model matrix, as
/// given (`design`) and as fitted (`fitting`, numeric moderators centred and scaled, with `t`
/// the way back: see [`scaled`]).
pub(crate) struct Design {
    pub cells: Vec<[f64; 4]>,
    pub design: ModelMatrix,
    pub fitting: ModelMatrix,
    pub t: Vec<f64>,
}

impl Design {
    /// The model matrix is built over all the tables, as metafor builds it before it leaves
    /// out the tables with no events (or only events) in both groups; a model matrix that is
    /// not of full rank on the tables kept (a constant moderator, a level only in tables left
    /// out), or more coefficients than tables (metafor: p ≤ k for EE, p + 1 ≤ k for ML), is
    /// refused. Fewer than 2 tables kept: refused with `too_few` (what the model needs).
    pub(crate) fn new(
        tables: &Tables,
        moderators: &[Moderator],
        random: bool,
        too_few: &str,
    ) -> Result<Design> {
        let all = model_matrix(tables.cells.len(), moderators)?;
        let kept: Vec<usize> = (0..tables.cells.len())
            .filter(|&i| {
                let [a, b, c, d] = tables.cells[i];
                !((a == 0.0 && c == 0.0) || (b == 0.0 && d == 0.0))
            })
            .collect();
        let cells: Vec<[f64; 4]> = kept.iter().map(|&i| tables.cells[i]).collect();
        let k = cells.len();
        if k < 2 {
            return Err(Error::input(
                "the tables",
                format!(
                    "{k} {} events and non-events; {too_few}",
                    if k == 1 { "study has" } else { "studies have" }
                ),
            ));
        }
        let design = ModelMatrix::from_columns(
            k,
            (0..all.p)
                .map(|j| {
                    let col = all.column(j);
                    (all.names[j].clone(), kept.iter().map(|&i| col[i]).collect())
                })
                .collect(),
        );
        let p = design.p;
        if p + usize::from(random) > k {
            return Err(Error::field(
                "mods",
                format!(
                    "{p} coefficients{} but {k} studies with events and non-events; the model needs at least {}",
                    if random { " and tau^2" } else { "" },
                    p + usize::from(random)
                ),
            ));
        }
        // full rank on the tables kept (metafor's check of eigen(crossprod(X)) against evtol)
        invert_spd(crate::meta::fitting::gls::cross_product(&design, |_| 1.0))?;
        let (fitting, t) = scaled(&design);
        Ok(Design {
            cells,
            design,
            fitting,
            t,
        })
    }

    /// The coefficients on the moderators' own scale (β = T βₛ, V = T Vₛ Tᵀ) from the fitted
    /// ones `beta` and their covariance `vcov` (row-major p × p; `None`: not estimable), each
    /// with its z test and Wald interval, and QM, the Wald test of every coefficient but the
    /// intercept (`None` without moderators, or with a warning when their covariance is not
    /// positive definite). `no_se` is the error when a standard error is not finite and > 0.
    pub(crate) fn coefficients(
        &self,
        beta: &[f64],
        vcov: Option<&[f64]>,
        level: ConfidenceLevel,
        warnings: &mut Vec<String>,
        no_se: impl Fn() -> Error,
    ) -> Result<(Vec<Coefficient>, Option<WaldTest>)> {
        let p = self.design.p;
        let t = DMatrix::from_row_slice(p, p, &self.t);
        let beta = &t * DVector::from_column_slice(beta);
        let vcov = &t * DMatrix::from_row_slice(p, p, vcov.ok_or_else(&no_se)?) * t.transpose();
        let z = level.z_crit();
        let mut coefficients = Vec::with_capacity(p);
        for j in 0..p {
            let se = vcov[(j, j)].sqrt();
            if !(se.is_finite() && se > 0.0 && beta[j].is_finite()) {
                return Err(no_se());
            }
            coefficients.push(Coefficient {
                name: self.design.names[j].clone(),
                tested: TestedEstimate::new(beta[j], se, None, z),
            });
        }
        if p == 1 {
            return Ok((coefficients, None));
        }
        // QM by the one Wald test of the meta-analysis models (`linear::wald_test_with`).
        let names = &self.design.names;
        let beta: Vec<f64> = beta.iter().copied().collect();
        let vcov: Vec<Vec<f64>> = (0..p)
            .map(|a| (0..p).map(|b| vcov[(a, b)]).collect())
            .collect();
        let inference = Inference::Model(LinearCoefficients {
            names,
            beta: &beta,
            vcov: &vcov,
            df: None,
        });
        let qm = wald_test_with(names, inference, &(1..p).collect::<Vec<_>>())
            .ok()
            .filter(|t| t.statistic.is_finite());
        if qm.is_none() {
            warnings.push("the covariance of the moderators' coefficients is not positive definite: no test of the moderators".to_string());
        }
        Ok((coefficients, qm))
    }
}

/// Minimise a deviance `f` over (β, τ), τ last and ≥ 0, by [`minimize_box`], and settle τ
/// near 0. The deviance is even in τ, so its slope in τ vanishes at 0 whether 0 is the
/// minimum or a saddle, and next to 0 its curvature in τ is below the rounding of the
/// optimiser's differences: a search can stop there either way. So when τ ends below 1e-4,
/// τ is probed at 0.001 to 1 for the same β, and the search starts again from the lowest
/// probe below the optimum found; if τ still ends near 0, the boundary optimum `edge` (the
/// fixed-effect model, β alone at τ = 0, searched from the β given) is taken when at least
/// as low, with τ = 0 exactly (as lme4's estimate of 0).
pub(crate) fn minimize_with_tau(
    f: &dyn Fn(&[f64]) -> f64,
    start: &[f64],
    lower: &[f64],
    upper: &[f64],
    scale: f64,
    edge: &dyn Fn(&[f64]) -> BoxOptimum,
) -> BoxOptimum {
    let p = start.len() - 1;
    let tol = 1e-12 * scale.abs();
    let mut opt = minimize_box(f, start, lower, upper, scale);
    if opt.x[p] < 1e-4 {
        let probe = |tau: f64| {
            let mut y = opt.x.clone();
            y[p] = tau;
            (f(&y), y)
        };
        let lowest = [1e-3, 1e-2, 0.05, 0.1, 0.3, 1.0]
            .into_iter()
            .map(probe)
            .filter(|(v, _)| *v < opt.value - tol)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, y)) = lowest {
            let again = minimize_box(f, &y, lower, upper, scale);
            if again.value < opt.value {
                opt = again;
            }
        }
    }
    if opt.x[p] < 1e-4 {
        let e = edge(&opt.x[..p]);
        if e.value <= opt.value + tol {
            let mut x = e.x;
            x.push(0.0);
            opt = BoxOptimum {
                x,
                value: e.value,
                converged: e.converged,
                at_bound: true,
            };
        }
    }
    opt
}

/// The fitting design and its way back (metafor's `scaleX`): each numeric moderator column
/// (any column that is not 0/1) centred at its mean and divided by its SD, so that
/// `X = Xₛ T⁻¹` and β = T βₛ with T[j][j] = 1/sⱼ and T[0][j] = −mⱼ/sⱼ (row-major p × p).
fn scaled(design: &ModelMatrix) -> (ModelMatrix, Vec<f64>) {
    let (n, p) = (design.n, design.p);
    let mut t = vec![0.0; p * p];
    let mut columns = Vec::with_capacity(p);
    for j in 0..p {
        t[j * p + j] = 1.0;
        let mut col = design.column(j);
        let dummy = col.iter().all(|&x| x == 0.0 || x == 1.0);
        if j > 0 && !dummy && n > 1 {
            let mean = col.iter().sum::<f64>() / n as f64;
            let sd = (col.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
            col.iter_mut().for_each(|x| *x = (*x - mean) / sd);
            t[j * p + j] = 1.0 / sd;
            t[j] = -mean / sd;
        }
        columns.push((design.names[j].clone(), col));
    }
    (ModelMatrix::from_columns(n, columns), t)
}

/// The log-likelihood of the saturated model (each arm's own proportion; 0 · log 0 = 0), with
/// the binomial coefficients, as the GLM's log-likelihood includes them.
fn saturated_log_likelihood(cells: &[[f64; 4]]) -> f64 {
    let term = |x: f64, n: f64| if x > 0.0 { x * (x / n).ln() } else { 0.0 };
    let log_choose = |x: f64, n: f64| Family::Binomial.constant(x, n);
    cells
        .iter()
        .map(|&[a, b, c, d]| {
            let (n1, n2) = (a + b, c + d);
            term(a, n1)
                + term(b, n1)
                + term(c, n2)
                + term(d, n2)
                + log_choose(a, n1)
                + log_choose(c, n2)
        })
        .sum()
}

/// Fit the intercept-only model to `tables`.
pub fn fit(
    tables: &Tables,
    estimation: Estimation,
    level: ConfidenceLevel,
) -> Result<BinomialNormalFit> {
    fit_with_moderators(tables, &[], estimation, level)
}

/// Fit the model with `moderators` (one value per table; none: the intercept-only model).
/// The model matrix is built over all the tables, as metafor builds it before it leaves out
/// the tables with no events (or only events) in both groups; a model matrix that is not of
/// full rank on the tables kept (a constant moderator, a level only in tables left out), or
/// more coefficients than tables (metafor: p ≤ k for EE, p + 1 ≤ k for ML), is refused.
pub fn fit_with_moderators(
    tables: &Tables,
    moderators: &[Moderator],
    estimation: Estimation,
    level: ConfidenceLevel,
) -> Result<BinomialNormalFit> {
    let random = estimation == Estimation::RandomEffects;
    let Design {
        cells,
        design,
        fitting,
        t,
    } = Design::new(
        tables,
        moderators,
        random,
        "the binomial-normal model needs at least 2 (studies with no events, or only events, in both groups are left out)",
    )?;
    let (k, p) = (cells.len(), design.p);
    let beta0 = starting_coefficients(tables, &fitting)?;
    let (glm_log_likelihood, fit) = fit_models(&cells, &fitting, &beta0, estimation);
    let mut warnings = Vec::new();
    if !fit.converged {
        warnings.push("the optimum of the likelihood could not be confirmed".to_string());
    }
    let unconfirmed = if warnings.is_empty() {
        String::new()
    } else {
        format!(": {}", warnings.join("; "))
    };
    let no_se = move || {
        Error::input(
            "the tables",
            format!(
                "the {} has no standard error (the likelihood is flat or the optimum was not confirmed){unconfirmed}",
                if p == 1 {
                    "pooled log odds ratio"
                } else {
                    "model"
                },
            ),
        )
    };
    let d = Design {
        cells,
        design,
        fitting,
        t,
    };
    let (coefficients, qm) =
        d.coefficients(&fit.beta, fit.vcov.as_deref(), level, &mut warnings, no_se)?;
    let (cells, fitting) = (d.cells, d.fitting);
    let pooled = coefficients[0].tested;
    let tau2 = fit.tau * fit.tau;
    let qe_df = k - p;
    let qe_p = |q: f64| {
        if qe_df > 0 {
            pchisq_upper(q, qe_df as f64)
        } else {
            1.0
        }
    };
    let qe_lrt = (2.0 * (saturated_log_likelihood(&cells) - glm_log_likelihood)).max(0.0);
    let qe_wald = wald_heterogeneity(&cells, &fitting)?;
    Ok(BinomialNormalFit {
        model: "UM.FS",
        method: estimation.metafor_name(),
        level: level.value(),
        k,
        k_dropped: tables.cells.len() - k,
        ratio: (p == 1).then(|| RatioScale::of(&pooled)),
        pooled,
        coefficients,
        qm: qm.as_ref().map(|t| t.statistic),
        qm_df: qm.as_ref().map(|t| t.df1),
        qm_p: qm.as_ref().map(|t| t.p),
        tau2,
        log_likelihood: -0.5 * fit.deviance,
        qe_lrt,
        qe_lrt_p: qe_p(qe_lrt),
        qe_wald,
        qe_wald_p: qe_wald.map(qe_p),
        qe_df,
        warnings,
    })
}

/// The starting coefficients: the inverse-variance weighted regression on `fitting` of the
/// studies' own log ORs (escalc's, 1/2 added to tables with a zero cell).
fn starting_coefficients(tables: &Tables, fitting: &ModelMatrix) -> Result<Vec<f64>> {
    let (y0, w0): (Vec<f64>, Vec<f64>) = tables
        .study_effects(MeasureCode::OR)?
        .iter()
        .map(|(y, v)| (*y, 1.0 / v))
        .unzip();
    Ok(WeightedFit::new(fitting, &y0, w0)?
        .beta
        .iter()
        .copied()
        .collect())
}

/// The fixed-effect model (the GLM) fitted first from `beta0`: its log-likelihood (the
/// heterogeneity test's), and the fit `estimation` asks for (the random-effects one started at
/// the GLM's β and study effects).
fn fit_models(
    cells: &[[f64; 4]],
    fitting: &ModelMatrix,
    beta0: &[f64],
    estimation: Estimation,
) -> (f64, Optimum) {
    let glm_studies = RefCell::new(cells.iter().map(|&c| Study::new(c, None)).collect());
    let glm = optimise(&glm_studies, fitting, beta0, false);
    let glm_log_likelihood = -0.5 * glm.deviance;
    let fit = match estimation {
        Estimation::FixedEffect => glm,
        Estimation::RandomEffects => {
            let rule = Rule::new(NAGQ);
            let studies: Vec<Study> = glm_studies
                .borrow()
                .iter()
                .zip(cells)
                .map(|(g, &c)| Study {
                    alpha: g.alpha,
                    ..Study::new(c, Some(&rule))
                })
                .collect();
            optimise(&RefCell::new(studies), fitting, &glm.beta, true)
        }
    };
    (glm_log_likelihood, fit)
}

/// The Wald-type test statistic of residual heterogeneity: the weighted residual sum of
/// squares of the studies' log ORs regressed on `fitting` (`None` when a table has a zero
/// cell).
fn wald_heterogeneity(cells: &[[f64; 4]], fitting: &ModelMatrix) -> Result<Option<f64>> {
    Ok(if cells.iter().all(|c| c.iter().all(|&x| x > 0.0)) {
        let (y, w): (Vec<f64>, Vec<f64>) = cells
            .iter()
            .map(|&[a, b, c, d]| {
                (
                    (a * d / (b * c)).ln(),
                    1.0 / (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d),
                )
            })
            .unzip();
        let wls = WeightedFit::new(fitting, &y, w)?;
        Some(
            wls.residuals
                .iter()
                .zip(&wls.weights)
                .map(|(r, w)| w * r * r)
                .sum::<f64>()
                .max(0.0),
        )
    } else {
        None
    })
}

impl Tabular for BinomialNormalFit {
    fn preamble(&self) -> Option<String> {
        let mut s = format!(
            "{} binomial-normal model (log odds ratio, {}; {} studies",
            match (self.method == "ML", self.qm_df.is_some()) {
                (true, true) => "Mixed-effects",
                (true, false) => "Random-effects",
                (false, _) => "Fixed-effect",
            },
            if self.model == "CM.EL" {
                "conditional model, exact likelihood, CM.EL"
            } else {
                "unconditional model with fixed study effects, UM.FS"
            },
            self.k
        );
        if self.k_dropped > 0 {
            s.push_str(&format!(
                "; {} left out: no events, or only events, in both groups",
                self.k_dropped
            ));
        }
        s.push(')');
        if self.method == "ML" {
            s.push_str(&format!(
                "\ntau^2 = {} (ML, adaptive Gauss-Hermite quadrature with {} nodes)",
                human_number(self.tau2),
                if self.model == "CM.EL" { 21 } else { NAGQ }
            ));
        }
        for w in &self.warnings {
            s.push_str(&format!("\nwarning: {w}"));
        }
        Some(s)
    }

    fn table(&self) -> Table {
        let mut header = vec!["coefficient".to_string()];
        header.extend(TESTED_COLUMNS.iter().map(|s| s.to_string()));
        // intercept-only: "intercept", as the other models of the tables; else metafor's names
        let rows = self
            .coefficients
            .iter()
            .map(|c| {
                let name = if self.coefficients.len() == 1 {
                    "intercept"
                } else {
                    c.name.as_str()
                };
                let mut row = vec![Cell::from(name)];
                row.extend(c.tested.cells().map(Cell::from));
                row
            })
            .collect();
        Table { header, rows }
    }

    fn epilogue(&self) -> Option<String> {
        let mut lines = Vec::new();
        if let Some(r) = &self.ratio {
            lines.push(format!(
                "OR: {} ({}% CI {} to {})",
                human_number(r.estimate),
                human_number(100.0 * self.level),
                human_number(r.ci_lower),
                human_number(r.ci_upper)
            ));
        }
        if let (Some(q), Some(df), Some(p)) = (self.qm, self.qm_df, self.qm_p) {
            lines.push(format!(
                "Test of moderators (coefficients 2:{}): QM(df = {df}) = {}, p = {}",
                df + 1,
                human_number(q),
                human_number(p)
            ));
        }
        let mut het = format!(
            "Tests for {}heterogeneity ({} df): LRT = {}, p = {}",
            if self.qm_df.is_some() {
                "residual "
            } else {
                ""
            },
            self.qe_df,
            human_number(self.qe_lrt),
            human_number(self.qe_lrt_p)
        );
        if let (Some(q), Some(p)) = (self.qe_wald, self.qe_wald_p) {
            het.push_str(&format!(
                "; Wald = {}, p = {}",
                human_number(q),
                human_number(p)
            ));
        }
        lines.push(het);
        lines.push(format!(
            "log-likelihood {}",
            human_number(self.log_likelihood)
        ));
        Some(lines.join("\n"))
    }
}
