//! The conditional binomial–normal model of 2×2 tables (metafor's `rma.glmm(measure = "OR",
//! model = "CM.EL")`; van Houwelingen, Zwinderman & Stijnen 1993): given both margins, a
//! study's events in group 1 follow Fisher's noncentral hypergeometric distribution with log
//! odds ratio θᵢ, and θᵢ ~ N(β, τ²). Conditioning removes the study intercepts, so the
//! likelihood is exact ("EL") and has two parameters.
//!
//! P(aᵢ | θ) = C(n₁ᵢ, aᵢ) C(n₂ᵢ, xᵢ − aᵢ) e^{aᵢθ} / Σᵤ C(n₁ᵢ, u) C(n₂ᵢ, xᵢ − u) e^{uθ} over
//! max(0, xᵢ − n₂ᵢ) ≤ u ≤ min(n₁ᵢ, xᵢ) (xᵢ = aᵢ + cᵢ), computed on the log scale. Each study's
//! marginal likelihood ∫ P(aᵢ | θ) φ(θ; β, τ) dθ is integrated by adaptive Gauss–Hermite
//! quadrature with 21 nodes centred at the integrand's mode (the rule of
//! [`crate::glmm::quadrature`]); metafor integrates with R's `integrate`. β and τ are
//! maximised by [`crate::optimize::minimize_box`] (τ ≥ 0); the SE of β is from the
//! finite-difference Hessian of the log-likelihood (metafor: `numDeriv::hessian`). The
//! fixed-effect model (τ = 0) is the conditional maximum-likelihood estimate, whose SE is exact:
//! 1/√Σ Var(aᵢ | β̂).
//!
//! Moderators (`mods = ~ ...`): θᵢ ~ N(xᵢᵀβ, τ²) with xᵢ the table's row of the model matrix
//! of `binomial_normal::Design` (numeric moderators centred and scaled for the fit, as
//! metafor's `scaleX`); the fixed-effect model is then the conditional MLE of β by Newton steps
//! on the score Σ xᵢ(aᵢ − E(aᵢ | θᵢ)) with its exact covariance (Σ xᵢxᵢᵀ Var(aᵢ | θᵢ))⁻¹, the
//! random-effects model maximised over (β, τ) with τ settled near 0 by
//! `binomial_normal::minimize_with_tau`, its covariance from the extrapolated finite-difference
//! Hessian (`glmm::fit::covariance_extrapolated`).
//!
//! Heterogeneity: the likelihood-ratio test of the fixed-effect model against the saturated one
//! (each study its own conditional MLE; a study whose aᵢ is at an end of its range has
//! likelihood 1 there), on k − p df (metafor's `QE.LRT`). O(k · Σ range) per evaluation.

use super::binomial_normal::{BinomialNormalFit, Design, Estimation, minimize_with_tau};
use super::{RatioScale, Tables};
use crate::error::{Error, Result};
use crate::glmm::fit::covariance_extrapolated;
use crate::glmm::quadrature::Rule;
use crate::level::ConfidenceLevel;
use crate::likelihood_ratio::LikelihoodRatio;
use crate::meta::fitting::moderators::{ModelMatrix, Moderator};
use crate::optimize::BoxOptimum;
use nalgebra::{DMatrix, DVector};
use statrs::function::gamma::ln_gamma;

/// Quadrature nodes per study.
const NODES: usize = 21;

/// One table's conditional distribution: the support's lowest value, the log of its
/// central-hypergeometric weights, and the observed count.
struct Conditional {
    lo: f64,
    log_weights: Vec<f64>,
    a: f64,
}

impl Conditional {
    fn new([a, b, c, d]: [f64; 4]) -> Self {
        let (n1, n2, x) = (a + b, c + d, a + c);
        let lc = |n: f64, k: f64| ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0);
        let (lo, hi) = ((x - n2).max(0.0), n1.min(x));
        let log_weights = (0..=(hi - lo) as usize)
            .map(|j| {
                let u = lo + j as f64;
                lc(n1, u) + lc(n2, x - u)
            })
            .collect();
        Conditional { lo, log_weights, a }
    }

    /// log P(a | θ), E(u | θ) and Var(u | θ).
    fn at(&self, theta: f64) -> (f64, f64, f64) {
        let m = self
            .log_weights
            .iter()
            .enumerate()
            .map(|(j, w)| w + (self.lo + j as f64) * theta)
            .fold(f64::NEG_INFINITY, f64::max);
        let (mut s, mut s1, mut s2) = (0.0, 0.0, 0.0);
        for (j, w) in self.log_weights.iter().enumerate() {
            let u = self.lo + j as f64;
            let e = (w + u * theta - m).exp();
            s += e;
            s1 += e * u;
            s2 += e * u * u;
        }
        let mean = s1 / s;
        let j = (self.a - self.lo) as usize;
        (
            self.log_weights[j] + self.a * theta - m - s.ln(),
            mean,
            (s2 / s - mean * mean).max(0.0),
        )
    }

    fn at_an_end(&self) -> bool {
        self.a == self.lo || self.a == self.lo + (self.log_weights.len() - 1) as f64
    }

    /// log ∫ P(a | θ) φ(θ; β, τ) dθ by adaptive Gauss–Hermite quadrature.
    fn log_marginal(&self, beta: f64, tau: f64, rule: &Rule) -> f64 {
        if tau <= 0.0 {
            return self.at(beta).0;
        }
        // h(θ) = −log P(a | θ) + (θ − β)²/(2τ²): its mode by Newton (h is convex).
        let h = |t: f64| -self.at(t).0 + (t - beta).powi(2) / (2.0 * tau * tau);
        let mut t = beta;
        for _ in 0..100 {
            let (_, mean, var) = self.at(t);
            let g = -(self.a - mean) + (t - beta) / (tau * tau);
            let step = g / (var + 1.0 / (tau * tau));
            t -= step;
            if step.abs() < 1e-12 * (1.0 + t.abs()) {
                break;
            }
        }
        let curvature = self.at(t).2 + 1.0 / (tau * tau);
        let s = 1.0 / curvature.sqrt();
        let h0 = h(t);
        let sum: f64 = rule
            .nodes
            .iter()
            .zip(&rule.weights)
            .map(|(z, w)| w * (z * z / 2.0 - (h(t + s * z) - h0)).exp())
            .sum();
        // ∫ e^{−h} = s √(2π) Σ wₖ e^{zₖ²/2 − h(t + s zₖ)}, and the normal density's 1/(τ√(2π)).
        -h0 + (s * sum).ln() - tau.ln()
    }

    /// The study's own conditional MLE's log-likelihood (0 when a is at an end of its range).
    fn saturated(&self) -> f64 {
        if self.at_an_end() {
            return 0.0;
        }
        let mut t = 0.0;
        for _ in 0..200 {
            let (_, mean, var) = self.at(t);
            let step = (self.a - mean) / var;
            t += step.clamp(-5.0, 5.0);
            if step.abs() < 1e-13 * (1.0 + t.abs()) {
                break;
            }
        }
        self.at(t).0
    }
}

/// The conditional MLE of the coefficients βₛ of `design` (log OR of table i: θᵢ = xᵢᵀβₛ), their
/// exact covariance (the inverse of the information Σ xᵢxᵢᵀ Var(aᵢ | θᵢ), row-major) and the
/// log-likelihood, by Newton steps on the score Σ xᵢ(aᵢ − E(aᵢ | θᵢ)).
fn fixed_effect(tables: &[Conditional], design: &ModelMatrix) -> Result<(Vec<f64>, Vec<f64>, f64)> {
    let p = design.p;
    let theta = |b: &DVector<f64>, i: usize| -> f64 {
        design.row(i).iter().zip(b.iter()).map(|(x, b)| x * b).sum()
    };
    let information = |b: &DVector<f64>| {
        let mut score = DVector::<f64>::zeros(p);
        let mut info = DMatrix::<f64>::zeros(p, p);
        let mut ll = 0.0;
        for (i, c) in tables.iter().enumerate() {
            let (lp, mean, var) = c.at(theta(b, i));
            let x = DVector::from_row_slice(design.row(i));
            score += &x * (c.a - mean);
            info += &x * x.transpose() * var;
            ll += lp;
        }
        (score, info, ll)
    };
    let mut b = DVector::<f64>::zeros(p);
    for _ in 0..200 {
        let (score, info, _) = information(&b);
        let Some(chol) = info.cholesky() else { break };
        let step = chol.solve(&score);
        // at most 5 on the log OR scale per step, as a table at an end of its range pulls far
        let largest = step.amax();
        let step = if largest > 5.0 {
            step * (5.0 / largest)
        } else {
            step
        };
        b += &step;
        if step.amax() < 1e-14 * (1.0 + b.amax()) {
            break;
        }
    }
    let (_, info, ll) = information(&b);
    let estimable =
        (0..tables.len()).all(|i| theta(&b, i).abs() < 50.0) && b.iter().all(|v| v.is_finite());
    let inverse = info.cholesky().filter(|_| estimable).map(|c| c.inverse());
    let Some(inverse) = inverse else {
        return Err(Error::input(
            "the tables",
            "the conditional odds ratio is not estimable: every table's events sit at an end of their range (for example no events in one group of every table)",
        ));
    };
    Ok((
        b.iter().copied().collect(),
        inverse.transpose().as_slice().to_vec(),
        ll,
    ))
}

/// Fit the intercept-only model to `tables`.
pub fn fit(
    tables: &Tables,
    estimation: Estimation,
    level: ConfidenceLevel,
) -> Result<BinomialNormalFit> {
    fit_with_moderators(tables, &[], estimation, level)
}

/// The random-effects fit started from the fixed-effect one `fixed` = (β, its covariance,
/// log-likelihood): `(β, covariance of β, τ², log-likelihood)`, a warning pushed to `warnings`
/// when its optimum is not confirmed.
fn random_effects(
    conditional: &[Conditional],
    design: &ModelMatrix,
    p: usize,
    fixed: (Vec<f64>, Vec<f64>, f64),
    warnings: &mut Vec<String>,
) -> (Vec<f64>, Option<Vec<f64>>, f64, f64) {
    let (beta_fe, vcov_fe, ll_fe) = fixed;
    let rule = Rule::new(NODES);
    let theta =
        |b: &[f64], i: usize| -> f64 { design.row(i).iter().zip(b).map(|(x, b)| x * b).sum() };
    // −2 log-likelihood at (βₛ, τ)
    let deviance = |v: &[f64]| -> f64 {
        -2.0 * conditional
            .iter()
            .enumerate()
            .map(|(i, c)| c.log_marginal(theta(&v[..p], i), v[p], &rule))
            .sum::<f64>()
    };
    let mut start = beta_fe.clone();
    start.push(0.3);
    let mut lower: Vec<f64> = beta_fe.iter().map(|b| b - 20.0).collect();
    let mut upper: Vec<f64> = beta_fe.iter().map(|b| b + 20.0).collect();
    lower.push(0.0);
    upper.push(20.0);
    let scale = 2.0 * ll_fe.abs().max(1.0);
    // the boundary τ = 0: the fixed-effect model, exact
    let edge = |_: &[f64]| BoxOptimum {
        x: beta_fe.clone(),
        value: -2.0 * ll_fe,
        converged: true,
        at_bound: false,
    };
    let opt = minimize_with_tau(&deviance, &start, &lower, &upper, scale, &edge);
    if !opt.converged {
        warnings.push("the optimum of the likelihood was not confirmed".to_string());
    }
    let tau = opt.x[p];
    let vcov = if tau > 1e-8 {
        // the (β, β) block of the inverse over (β, τ)
        covariance_extrapolated(&deviance, &opt.x, &(0..=p).collect::<Vec<_>>()).map(|c| {
            (0..p)
                .flat_map(|a| (0..p).map(move |b| (a, b)))
                .map(|(a, b)| c[a * (p + 1) + b])
                .collect()
        })
    } else {
        Some(vcov_fe)
    };
    (opt.x[..p].to_vec(), vcov, tau * tau, -0.5 * opt.value)
}

/// Fit the model with `moderators` (none: intercept-only): table i's log odds ratio is
/// N(xᵢᵀβ, τ²), xᵢ its row of the model matrix (metafor's `rma.glmm(..., mods = ~ ...,
/// model = "CM.EL")`), with the model matrix, its checks and the scaling of numeric
/// moderators of `binomial_normal::Design`.
pub fn fit_with_moderators(
    tables: &Tables,
    moderators: &[Moderator],
    estimation: Estimation,
    level: ConfidenceLevel,
) -> Result<BinomialNormalFit> {
    let random = estimation == Estimation::RandomEffects;
    let d = Design::new(
        tables,
        moderators,
        random,
        "the conditional model needs at least 2",
    )?;
    let conditional: Vec<Conditional> = d
        .cells
        .iter()
        .map(|&cells| Conditional::new(cells))
        .collect();
    let (k, p) = (conditional.len(), d.design.p);
    let design = &d.fitting;
    let (beta_fe, vcov_fe, ll_fe) = fixed_effect(&conditional, design)?;
    let mut warnings = Vec::new();
    let (beta, vcov, tau2, ll) = match estimation {
        Estimation::FixedEffect => (beta_fe, Some(vcov_fe), 0.0, ll_fe),
        Estimation::RandomEffects => random_effects(
            &conditional,
            design,
            p,
            (beta_fe, vcov_fe, ll_fe),
            &mut warnings,
        ),
    };
    let no_se = || {
        Error::input(
            "the tables",
            "the pooled log odds ratio has no standard error: the likelihood is flat at its optimum",
        )
    };
    let (coefficients, qm) = d.coefficients(&beta, vcov.as_deref(), level, &mut warnings, no_se)?;
    let pooled = coefficients[0].tested;
    let saturated: f64 = conditional.iter().map(Conditional::saturated).sum();
    let qe_df = k - p;
    let heterogeneity_test = LikelihoodRatio::from_log_likelihoods(ll_fe, saturated, qe_df);
    Ok(BinomialNormalFit {
        model: "CM.EL",
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
        log_likelihood: ll,
        qe_lrt: heterogeneity_test.statistic,
        // With no degrees of freedom there is nothing to test: p = 1, as metafor prints it.
        qe_lrt_p: heterogeneity_test.p_value.unwrap_or(1.0),
        qe_wald: None,
        qe_wald_p: None,
        qe_df,
        warnings,
    })
}
