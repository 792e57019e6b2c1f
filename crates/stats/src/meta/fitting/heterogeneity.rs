//! Heterogeneity: Cochran's Q (residual QE with moderators), I², H², the Q-profile
//! confidence interval for τ² (Viechtbauer 2007, *Stat Med* 26:37–52), and the generalised Q
//! interval of a fit with the user's weights (Jackson 2013).
//!
//! I² and H² follow metafor's definitions: for a fixed-effect model from Q itself
//! (Higgins & Thompson 2002: `I² = (Q − df)/Q`, `H² = Q/df`); for random- and mixed-effects
//! models from τ̂² and the "typical" within-study variance `ṽ = (k − p) / tr(P)` computed with
//! inverse-variance weights (Higgins & Thompson 2002, eq. 9; metafor `rma.uni` details):
//! `I² = τ̂² / (ṽ + τ̂²)`, `H² = τ̂²/ṽ + 1`.

use super::gls::WeightedFit;
use super::moderators::ModelMatrix;
use super::tau2::generalised_q_root;
use crate::dist::{pchisq_upper, qchisq};
use crate::error::{Error, Result};
use nalgebra::DMatrix;
use trialstats_numerics::root::brent;
use trialstats_numerics::weighted_chisq::WeightedChiSquare;

/// Cochran's Q and what follows from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heterogeneity {
    /// Q (residual QE with moderators), with inverse-variance weights `1/vᵢ`.
    pub q: f64,
    /// Its degrees of freedom `k − p`.
    pub q_df: usize,
    /// Upper-tail χ² p-value of Q.
    pub q_p: f64,
    /// The typical within-study variance `(k − p)/tr(P)`.
    pub typical_variance: f64,
}

impl Heterogeneity {
    /// Q, its df and p, and the typical variance (with `k ≤ p`: Q = 0, p = 1, as metafor).
    pub fn new(design: &ModelMatrix, y: &[f64], v: &[f64]) -> Result<Self> {
        if design.n <= design.p {
            return Ok(Heterogeneity {
                q: 0.0,
                q_df: 0,
                q_p: 1.0,
                typical_variance: 0.0,
            });
        }
        let fe = WeightedFit::inverse_variance(design, y, v, 0.0)?;
        let q = fe.rss().max(0.0);
        let q_df = design.n - design.p;
        Ok(Heterogeneity {
            q,
            q_df,
            q_p: pchisq_upper(q, q_df as f64),
            typical_variance: q_df as f64 / fe.trace_pd(design, None),
        })
    }

    /// I² in percent for τ² (`None` is a fixed-effect model).
    pub fn i2(&self, tau2: Option<f64>) -> f64 {
        if self.q_df == 0 {
            return 0.0;
        }
        match tau2 {
            None => (100.0 * (self.q - self.q_df as f64) / self.q).max(0.0),
            Some(t) => 100.0 * t / (self.typical_variance + t),
        }
    }

    /// H² for τ² (`None` is a fixed-effect model).
    pub fn h2(&self, tau2: Option<f64>) -> f64 {
        if self.q_df == 0 {
            return 1.0;
        }
        match tau2 {
            None => self.q / self.q_df as f64,
            Some(t) => t / self.typical_variance + 1.0,
        }
    }
}

/// The Q-profile confidence interval for τ²: the τ² values at which the generalised Q
/// statistic `Σ (yᵢ − xᵢ'β̂(τ²))² / (vᵢ + τ²)` equals the upper and lower `(1 − level)/2`
/// quantiles of χ²(k − p). A bound whose equation has no root in τ² ≥ 0 is 0 (metafor
/// reports these as "< 0"). Each evaluation is O(k·p²). Needs `k > p`.
pub fn q_profile_interval(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    level: f64,
) -> Result<[f64; 2]> {
    let df = (design.n - design.p) as f64;
    let alpha = 1.0 - level;
    let crit_for_lower = qchisq(1.0 - alpha / 2.0, df);
    let crit_for_upper = qchisq(alpha / 2.0, df);
    // Q is decreasing in τ², so the lower bound (larger critical value) comes first and the
    // search for the upper bound starts from it.
    let lower = generalised_q_root(
        design,
        y,
        v,
        crit_for_lower,
        0.0,
        "lower bound of the tau^2 interval",
    )?;
    let upper = generalised_q_root(
        design,
        y,
        v,
        crit_for_upper,
        lower,
        "upper bound of the tau^2 interval",
    )?;
    Ok([lower, upper])
}

/// The generalised Q interval for τ² of a fit with the user's weights `a` (Jackson 2013,
/// *Res Synth Methods* 4:220; metafor's `confint()` of a GENQ fit, `type = "GENQ"`). The
/// statistic `Q_a = Σ aᵢ rᵢ²` of the weighted fit is, for a τ², distributed as
/// `Σⱼ λⱼ(τ²) χ²₁` over the k − p non-zero eigenvalues of `S P S`, with
/// `S = diag(√(vᵢ + τ²))` and `P = A − AX(X'AX)⁻¹X'A` (its tail by Imhof's integral,
/// `trialstats_numerics::weighted_chisq`). The tail `P(Q > Q_a)` grows with τ²; the lower
/// bound is the τ² where it is `(1 − level)/2`, the upper where it is `(1 + level)/2`, each
/// by Brent's method. A bound whose equation has no root in τ² ≥ 0 is 0 (both are when even
/// τ² = 0 makes the observed Q improbably small, as metafor's "null" interval).
pub fn generalised_q_interval(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    a: &[f64],
    level: f64,
) -> Result<[f64; 2]> {
    let fit = WeightedFit::new(design, y, a.to_vec())?;
    let q = fit.rss();
    let (k, p) = (design.n, design.p);
    // P = A − AX(X'AX)⁻¹X'A
    let x = DMatrix::from_fn(k, p, |i, j| design.row(i)[j]);
    let ax = DMatrix::from_fn(k, p, |i, j| a[i] * x[(i, j)]);
    let mut big_p = -(&ax * &fit.a_inv * ax.transpose());
    for i in 0..k {
        big_p[(i, i)] += a[i];
    }
    let tail = |tau2: f64| -> trialstats_numerics::Result<f64> {
        let s: Vec<f64> = v.iter().map(|vi| (vi + tau2).sqrt()).collect();
        let sps = DMatrix::from_fn(k, k, |i, j| s[i] * big_p[(i, j)] * s[j]);
        let mut lambda: Vec<f64> = sps.symmetric_eigenvalues().iter().copied().collect();
        lambda.sort_by(|l1, l2| l2.total_cmp(l1));
        lambda.truncate(k - p);
        lambda.iter_mut().for_each(|l| *l = l.max(0.0));
        WeightedChiSquare::new(&lambda)?.upper_tail(q)
    };
    let alpha = 1.0 - level;
    let bound = |target: f64, what: &str| -> Result<f64> {
        let f = |tau2: f64| tail(tau2).map(|t| t - target);
        let at_zero = f(0.0)?;
        if at_zero >= 0.0 {
            return Ok(0.0);
        }
        let mut hi = v.iter().fold(0.0_f64, |m, vi| m.max(*vi)).max(1e-8);
        let mut at_hi = f(hi)?;
        for _ in 0..200 {
            if at_hi > 0.0 {
                break;
            }
            hi *= 2.0;
            at_hi = f(hi)?;
        }
        if at_hi <= 0.0 {
            return Err(Error::not_converged(
                "generalised Q interval",
                format!("the {what} of the generalised Q interval of tau^2 was not bracketed"),
            ));
        }
        Ok(brent(f, 0.0, hi, at_zero, at_hi, what)?)
    };
    let lower = bound(alpha / 2.0, "lower bound")?;
    let upper = bound(1.0 - alpha / 2.0, "upper bound")?;
    Ok([lower, upper])
}
