//! The BLUE of Yang, Hutson & Wang (2022, "A generalized BLUE approach for combining location
//! and scale information in a meta-analysis", J Appl Stat 49:3846; R package metaBLUE's
//! `BLUE_s`, which metafor's `conv.fivenum(method = "blue")` calls): the reported numbers are
//! taken as the order statistics of ranks 1, ⌊n/4⌋ + 1, ⌊n/2⌋ + 1, ⌊3n/4⌋ + 1 and n (those
//! present) of a normal sample, X = μ + σZ, and μ and σ are Lloyd's (1952, Biometrika 39:88)
//! best linear unbiased estimates: generalized least squares of X on (1, E Z) with the
//! covariance of Z, both from David & Johnson's expansion
//! ([`super::normal_order::order_statistic_moments`]).
//!
//! Like the other normal-theory methods it assumes normal data (the skewness test applies).

use super::five_numbers::{FiveNumbers, Scenario};
use super::normal_order::order_statistic_moments;
use crate::error::{Error, Result};
use nalgebra::{DMatrix, DVector};

/// The ranks of the reported order statistics in a sample of `n` (metaBLUE's
/// `sum_stat_index`): min = 1, q1 = ⌊n/4⌋ + 1, median = ⌊n/2⌋ + 1, q3 = ⌊3n/4⌋ + 1, max = n.
pub fn ranks(n: u64, scenario: Scenario) -> Vec<u64> {
    let (q1, m, q3) = (n / 4 + 1, n / 2 + 1, 3 * n / 4 + 1);
    match scenario {
        Scenario::Range => vec![1, m, n],
        Scenario::Quartiles => vec![q1, m, q3],
        Scenario::FiveNumbers => vec![1, q1, m, q3, n],
    }
}

/// μ̂ and σ̂, Lloyd's BLUE from the reported numbers of `x` (validated: ordered, n ≥ 5, so the
/// ranks are distinct). The normal equations are solved through the Cholesky factor of the
/// covariance, not its inverse. `at` names the place for messages.
///
/// ```
/// use trialstats_stats::convert::blue::blue;
/// use trialstats_stats::convert::{FiveNumbers, Scenario};
/// // Median 6 (range 2–14) of 20. R: metaBLUE::BLUE_s(c(2, 6, 14), 20, "S1") gives mean
/// // 6.4670435453097976 and SD 3.1871778342772790 (metaBLUE 1.0.0, benches/blue_reference.R,
/// // tests/blue_medians.rs).
/// let x = FiveNumbers { min: Some(2.0), q1: None, median: 6.0, q3: None, max: Some(14.0), n: 20 };
/// let (mean, sd) = blue(&x, Scenario::Range, "range")?;
/// assert!((mean - 6.4670435453097976).abs() < 1e-12);
/// assert!((sd - 3.1871778342772790).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn blue(x: &FiveNumbers, scenario: Scenario, at: &str) -> Result<(f64, f64)> {
    let ranks = ranks(x.n, scenario);
    let (expected, cov) = order_statistic_moments(&ranks, x.n);
    let k = ranks.len();
    let failed = || {
        Error::numerical(format!(
            "{at}: blue: the covariance of the order statistics of ranks {ranks:?} (n = {}) is not positive definite",
            x.n
        ))
    };
    let chol = DMatrix::from_row_slice(k, k, &cov)
        .cholesky()
        .ok_or_else(failed)?;
    let design = DMatrix::from_fn(k, 2, |i, j| if j == 0 { 1.0 } else { expected[i] });
    let values = DVector::from_vec(x.values(scenario));
    // AᵀB⁻¹A θ = AᵀB⁻¹X
    let weighted = chol.solve(&design);
    let normal = design.transpose() * &weighted;
    let rhs = weighted.transpose() * values;
    let theta = normal.lu().solve(&rhs).ok_or_else(failed)?;
    Ok((theta[0], theta[1]))
}
