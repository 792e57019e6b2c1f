//! Maximum-likelihood and restricted maximum-likelihood estimation of τ² (Viechtbauer 2005,
//! *J Educ Behav Stat* 30:261–293, eqs. 11–12 and the Fisher-scoring update of §4).
//!
//! Fisher scoring from the Hedges estimate, as metafor does: `τ² ← τ² + score / information`,
//! halving a step that would make τ² negative; a maximum on the boundary is detected when the
//! score at τ² = 0 is not positive and the iterate heads there. The iterate is then polished
//! to machine precision by a bracketed root search on the score, and, as metafor's
//! `ll0check`, replaced by 0 when the (restricted) likelihood is higher at τ² = 0.
//! Bounded number of iterations; non-convergence is an error that says so.

use super::gls::{Moments, WeightedFit};
use super::moderators::Design;
use crate::error::{Error, Result};

/// Most Fisher-scoring iterations.
pub const MAX_ITERATIONS: usize = 1000;

/// Score (derivative of the log-likelihood in τ²) and expected information at `tau2`.
fn score_and_information(
    design: &Design,
    y: &[f64],
    v: &[f64],
    reml: bool,
    tau2: f64,
) -> Result<(f64, f64)> {
    let m = Moments::new(design, y, v, tau2, reml)?;
    if reml {
        Ok((0.5 * (m.y_ppy - m.tr_p), 0.5 * m.tr_pp))
    } else {
        Ok((0.5 * (m.y_ppy - m.sum_w), 0.5 * m.sum_w2))
    }
}

/// The (restricted) log-likelihood at `tau2`, up to a constant that does not depend on τ².
pub fn log_likelihood(design: &Design, y: &[f64], v: &[f64], reml: bool, tau2: f64) -> Result<f64> {
    let fit = WeightedFit::inverse_variance(design, y, v, tau2)?;
    let log_det_v: f64 = v.iter().map(|vi| (vi + tau2).ln()).sum();
    let mut ll = -0.5 * log_det_v - 0.5 * fit.rss();
    if reml {
        // log det(X'WX) = −log det((X'WX)⁻¹).
        ll += 0.5 * fit.a_inv.determinant().ln();
    }
    Ok(ll)
}

/// The τ² ≥ 0 that maximises the (restricted) likelihood, starting from `start`.
pub fn maximise(design: &Design, y: &[f64], v: &[f64], reml: bool, start: f64) -> Result<f64> {
    let what = if reml { "REML" } else { "ML" };
    let scale = v.iter().sum::<f64>() / v.len() as f64;
    let score = |t: f64| score_and_information(design, y, v, reml, t).map(|s| s.0);
    let mut tau2 = start.max(0.0);
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        let (s, info) = score_and_information(design, y, v, reml, tau2)?;
        let mut step = s / info;
        if !step.is_finite() {
            return Err(Error::Numerical(format!(
                "{what} estimation of tau^2 failed: the information is not positive at tau^2 = {tau2}"
            )));
        }
        if tau2 + step < 0.0 {
            if score(0.0)? <= 0.0 {
                tau2 = 0.0;
                converged = true;
                break;
            }
            while tau2 + step < 0.0 {
                step /= 2.0;
            }
        }
        tau2 += step;
        if step.abs() <= 1e-13 * tau2.max(1e-8 * scale) {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(Error::Numerical(format!(
            "{what} estimation of tau^2 did not converge in {MAX_ITERATIONS} Fisher-scoring \
             iterations; try --method DL or PM"
        )));
    }
    if tau2 > 0.0 {
        let ll0 = log_likelihood(design, y, v, reml, 0.0)?;
        let ll = log_likelihood(design, y, v, reml, tau2)?;
        if ll0 > ll {
            tau2 = 0.0;
        }
    }
    Ok(tau2)
}
