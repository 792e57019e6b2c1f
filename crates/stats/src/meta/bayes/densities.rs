//! The posterior densities `meta --bayes-densities` draws (bayesmeta's `plot()`, Röver 2020
//! §3.3): the marginal posterior of τ with its prior, the marginal posterior of μ (with its
//! prior when that is normal), and the joint posterior of (μ, τ) on a grid with the density
//! levels that enclose its 50%, 90% and 99% highest-density regions and the conditional
//! posterior mean `E[μ | τ, y]` as a line.
//!
//! The joint density is `p(μ, τ | y) = p(τ | y) · N(μ; μ̂(τ), V(τ))` (see [`super::posterior`]),
//! exact at every grid point. The regions' density levels are found on the grid (cells
//! sorted by density, their mass counted until it reaches the region's share of the grid's
//! mass), so they are approximate to the grid's resolution: good for drawing, not printed.

use super::mixture::Mixture;
use super::posterior::Model;
use super::{BayesFit, BayesOptions, integrate, mu_mixture, tail_power};
use crate::error::Result;

/// Points along each marginal curve.
pub const CURVE_POINTS: usize = 241;
/// Grid points along μ and along τ for the joint density.
pub const GRID_POINTS: (usize, usize) = (161, 141);
/// The shares of the joint posterior whose highest-density regions are shaded.
pub const REGIONS: [f64; 3] = [0.99, 0.9, 0.5];

/// A density evaluated along a grid: (x, density) pairs in increasing x.
pub type Curve = Vec<(f64, f64)>;

/// The joint posterior of (μ, τ) on a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct JointDensity {
    /// Grid points along μ.
    pub mu: Vec<f64>,
    /// Grid points along τ.
    pub tau: Vec<f64>,
    /// `density[j][i]` is `p(mu[i], tau[j] | y)`.
    pub density: Vec<Vec<f64>>,
    /// The density levels of the highest-density regions holding [`REGIONS`] of the mass
    /// (same order: largest region, lowest level, first).
    pub region_levels: Vec<f64>,
    /// `(τ, E[μ | τ, y])` along the τ grid.
    pub conditional_mean: Vec<(f64, f64)>,
}

/// What the densities chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct PosteriorDensities {
    pub mu: Curve,
    /// The prior density of μ along the same points (`None` for the improper uniform prior).
    pub mu_prior: Option<Curve>,
    pub tau: Curve,
    /// The prior density of τ along the same points (`None` for the improper uniform prior).
    pub tau_prior: Option<Curve>,
    pub joint: JointDensity,
}

/// `n` evenly spaced points from `lo` to `hi`.
fn grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
        .collect()
}

/// The densities of the model `fit` was fitted with (the same studies and options), over
/// the ranges that hold the bulk of the posterior: τ from 0 to its 99.5% quantile (or the
/// prior's upper bound), μ between its 0.25% and 99.75% quantiles, widened a little; heavy
/// tails cut shorter (below).
pub fn densities(
    y: &[f64],
    v: &[f64],
    options: &BayesOptions,
    fit: &BayesFit,
) -> Result<PosteriorDensities> {
    let a = tail_power(y.len(), options);
    let model = Model {
        y,
        v,
        mu_prior: options.mu_prior,
        tau_prior: &options.tau_prior,
    };
    let (post, nodes) = integrate(model, [a > 2.0, a > 3.0])?;
    let mu_mix: Mixture = mu_mixture(&nodes);

    // A heavy tail (a half-Cauchy or improper prior with two studies) would stretch the
    // axes far beyond the bulk: each end is also kept within 2.5 times the distance from
    // the median to the 5% (95%) quantile.
    let (tau_median, tau_95) = (post.quantile(0.5)?, post.quantile(0.95)?);
    let mut tau_hi = post
        .quantile(0.995)?
        .min(tau_median + 2.5 * (tau_95 - tau_median));
    if let Some(max) = options.tau_prior.upper_bound() {
        tau_hi = tau_hi.min(max);
    }
    if tau_hi <= 0.0 {
        tau_hi = 1.0;
    }
    let mu_median = fit.mu.median;
    let mu_lo = mu_mix
        .quantile(0.0025)?
        .max(mu_median - 2.5 * (mu_median - mu_mix.quantile(0.05)?));
    let mu_hi = mu_mix
        .quantile(0.9975)?
        .min(mu_median + 2.5 * (mu_mix.quantile(0.95)? - mu_median));
    let widen = 0.05 * (mu_hi - mu_lo);
    let (mu_lo, mu_hi) = (mu_lo - widen, mu_hi + widen);

    let taus = grid(0.0, tau_hi, CURVE_POINTS);
    let mus = grid(mu_lo, mu_hi, CURVE_POINTS);
    let tau = taus.iter().map(|&t| (t, post.density(t))).collect();
    let tau_prior = options.tau_prior.is_proper().then(|| {
        taus.iter()
            .map(|&t| (t, options.tau_prior.log_density(t).exp()))
            .collect()
    });
    let mu = mus.iter().map(|&m| (m, mu_mix.pdf(m))).collect();
    let mu_prior = options.mu_prior.density(0.0).is_some().then(|| {
        mus.iter()
            .map(|&m| (m, options.mu_prior.density(m).unwrap_or(0.0)))
            .collect()
    });

    let (gm, gt) = GRID_POINTS;
    let grid_mu = grid(mu_lo, mu_hi, gm);
    let grid_tau = grid(0.0, tau_hi, gt);
    let mut conditional_mean = Vec::with_capacity(gt);
    let density: Vec<Vec<f64>> = grid_tau
        .iter()
        .map(|&t| {
            let c = model.conditional(t);
            conditional_mean.push((t, c.mean));
            let marginal = post.density(t);
            let sd = c.var.sqrt();
            grid_mu
                .iter()
                .map(|&m| {
                    let z = (m - c.mean) / sd;
                    marginal * (-0.5 * z * z).exp() / (sd * (2.0 * std::f64::consts::PI).sqrt())
                })
                .collect()
        })
        .collect();
    let region_levels = region_levels(&density, &REGIONS);
    Ok(PosteriorDensities {
        mu,
        mu_prior,
        tau,
        tau_prior,
        joint: JointDensity {
            mu: grid_mu,
            tau: grid_tau,
            density,
            region_levels,
            conditional_mean,
        },
    })
}

/// The density levels whose superlevel sets hold `shares` of the grid's mass (each cell's
/// mass taken as its density: the grid is even).
fn region_levels(density: &[Vec<f64>], shares: &[f64]) -> Vec<f64> {
    let mut values: Vec<f64> = density.iter().flatten().copied().collect();
    values.sort_by(|a, b| b.total_cmp(a));
    let total: f64 = values.iter().sum();
    shares
        .iter()
        .map(|&share| {
            let mut sum = 0.0;
            for &d in &values {
                sum += d;
                if sum >= share * total {
                    return d;
                }
            }
            values.last().copied().unwrap_or(0.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_levels_enclose_their_share_of_the_mass() {
        // Ten cells of mass 1..=10 (total 55): the top cells 10, 9, 8 hold 27 (49%), with 7
        // 34 (62%); so the 50% region needs density 7 and the 10% region density 10.
        let d = vec![(1..=10).map(f64::from).collect::<Vec<_>>()];
        assert_eq!(region_levels(&d, &[0.5, 0.1]), vec![7.0, 10.0]);
    }
}
