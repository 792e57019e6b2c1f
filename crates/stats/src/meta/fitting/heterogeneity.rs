//! Heterogeneity: Cochran's Q (residual QE with moderators), I², H², and the Q-profile
//! confidence interval for τ² (Viechtbauer 2007, *Stat Med* 26:37–52).
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
use crate::error::Result;

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
