//! Maximum-likelihood and restricted maximum-likelihood estimation of τ² (Viechtbauer 2005,
//! *J Educ Behav Stat* 30:261–293, eqs. 11–12 and the Fisher-scoring update of §4).
//!
//! Fisher scoring from the Hedges estimate, as metafor does: `τ² ← τ² + score / information`
//! (Newton's step, with the observed information, once the score has been positive somewhere
//! and the likelihood is concave there: quadratic rather than linear convergence), safeguarded
//! by a bracket on the sign of the score (bisection when a step would leave it), to machine
//! precision; a maximum on the boundary is detected when the score at τ² = 0 is not positive
//! and the iterate heads there; as metafor's `ll0check`, the root is replaced by 0 when the
//! (restricted) likelihood is higher at τ² = 0. Bounded number of evaluations; a failure is an
//! error that says why.

use super::gls::{Moments, WeightedFit};
use super::moderators::ModelMatrix;
use crate::error::{Error, Result};
use crate::root::{self, safeguarded_newton};

/// Most Fisher-scoring iterations (evaluations of the score), as [`root::MAX_EVALUATIONS`].
pub const MAX_ITERATIONS: usize = root::MAX_EVALUATIONS;

/// Score (derivative of the log-likelihood in τ²), expected information and observed
/// information (minus the score's derivative) at `tau2`. With `dP/dτ² = −PP`:
/// REML score `½(y'PPy − tr P)`, expected `½ tr(PP)`, observed `y'PPPy − ½ tr(PP)`;
/// ML score `½(y'PPy − Σ wᵢ)`, expected `½ Σ wᵢ²`, observed `y'PPPy − ½ Σ wᵢ²`.
fn score_and_information(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    reml: bool,
    tau2: f64,
) -> Result<(f64, f64, f64)> {
    let m = Moments::new(design, y, v, tau2, reml)?;
    if reml {
        Ok((
            0.5 * (m.y_ppy - m.tr_p),
            0.5 * m.tr_pp,
            m.y_pppy - 0.5 * m.tr_pp,
        ))
    } else {
        Ok((
            0.5 * (m.y_ppy - m.sum_w),
            0.5 * m.sum_w2,
            m.y_pppy - 0.5 * m.sum_w2,
        ))
    }
}

/// The (restricted) log-likelihood at `tau2`, up to a constant that does not depend on τ².
pub fn log_likelihood(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    reml: bool,
    tau2: f64,
) -> Result<f64> {
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
///
/// Fisher scoring `τ² ← τ² + score / information` (metafor's iteration; Newton's, with the
/// observed information, once a positive score has been seen and where the observed
/// information is positive), safeguarded by the
/// sign of the score ([`safeguarded_newton`]): every evaluated τ² with a positive score is a
/// lower end, every one with a negative score an upper end, of an interval that holds a
/// maximum; a step that would leave that interval (or below 0), or that does not shrink it at
/// least as fast as halving, is replaced by a bisection of the interval. The upper end, when
/// needed, is `max(max vᵢ, 2 RSS_OLS / (k − p))`, beyond which the score is negative
/// (`y'PPy ≤ RSS_OLS / τ⁴` and `tr(P) ≥ (k − p) / (max vᵢ + τ²)`; the ML score's `Σ wᵢ` is
/// larger still). A score that is not positive at 0, when the search heads there, is a
/// maximum on the boundary. As metafor's `ll0check`, a positive root is then replaced by 0
/// when the likelihood is higher there. At most [`root::MAX_EVALUATIONS`] evaluations; a failure is
/// an error that says why.
pub fn maximise(design: &ModelMatrix, y: &[f64], v: &[f64], reml: bool, start: f64) -> Result<f64> {
    let what = if reml {
        "REML estimation of tau^2"
    } else {
        "ML estimation of tau^2"
    };
    let k = design.n as f64;
    let v_min = v.iter().fold(f64::INFINITY, |m, x| m.min(*x));
    let v_max = v.iter().fold(0.0_f64, |m, x| m.max(*x));
    // A score that is not a number stops the search; an information that is not positive
    // (rounding, with extreme weights) only makes the step a bisection.
    let score = |t: f64| -> crate::error::RefusalResult<(f64, f64, f64)> {
        let (s, expected, observed) = score_and_information(design, y, v, reml, t)?;
        if !s.is_finite() {
            return Err(Error::numerical(format!(
                "{what} failed: the score is {s}, not a finite number, at tau^2 = {t}"
            ))
            .into());
        }
        // Newton's step (observed information) where the likelihood is concave, which
        // converges quadratically; Fisher's (expected information) elsewhere, and while no
        // positive score has been seen (metafor's path: from a start beyond the maximum
        // nearest to it, not past it towards the boundary).
        let newton = if observed > 0.0 { observed } else { expected };
        Ok((s, -newton, -expected))
    };
    let upper = || -> crate::error::RefusalResult<f64> {
        let ols = WeightedFit::new(design, y, vec![1.0; design.n])?;
        Ok(v_max.max(2.0 * ols.rss() / (k - design.p as f64).max(1.0)))
    };
    let mut tau2 = safeguarded_newton(score, 0.0, start.max(0.0), v_min, upper, what)?;
    if tau2 > 0.0 {
        let ll0 = log_likelihood(design, y, v, reml, 0.0)?;
        let ll = log_likelihood(design, y, v, reml, tau2)?;
        if ll0 > ll {
            tau2 = 0.0;
        }
    }
    Ok(tau2)
}

/// The profile-likelihood interval for τ² (metafor's `confint(res, type = "PL")`): the τ²
/// where twice the drop of the (restricted) log-likelihood from its value at `tau2_hat`
/// (β re-estimated at each τ²) reaches the `level` quantile of χ²(1). A lower bound with no
/// root in τ² ≥ 0 is 0. Brent's method inside brackets found by doubling.
pub fn profile_interval(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    reml: bool,
    tau2_hat: f64,
    level: f64,
) -> Result<[f64; 2]> {
    let ll_hat = log_likelihood(design, y, v, reml, tau2_hat)?;
    let crit = crate::dist::qchisq(level, 1.0);
    let drop = |t: f64| -> crate::error::RefusalResult<f64> {
        Ok(2.0 * (ll_hat - log_likelihood(design, y, v, reml, t)?) - crit)
    };
    let at_hat = drop(tau2_hat)?;
    let at_zero = drop(0.0)?;
    let lower = if tau2_hat <= 0.0 || at_zero <= 0.0 {
        0.0
    } else {
        root::brent(
            drop,
            0.0,
            tau2_hat,
            at_zero,
            at_hat,
            "lower bound of the profile-likelihood interval for tau^2",
        )?
    };
    let v_max = v.iter().fold(0.0_f64, |m, x| m.max(*x));
    let mut hi = (2.0 * tau2_hat).max(v_max).max(f64::MIN_POSITIVE);
    let mut at_hi = drop(hi)?;
    let mut doublings = 0;
    while at_hi <= 0.0 {
        doublings += 1;
        if doublings > root::MAX_EVALUATIONS || !hi.is_finite() {
            return Err(Error::numerical(
                "upper bound of the profile-likelihood interval for tau^2: the likelihood does \
                 not fall far enough as tau^2 grows"
                    .to_string(),
            ));
        }
        hi *= 2.0;
        at_hi = drop(hi)?;
    }
    let upper = root::brent(
        drop,
        tau2_hat,
        hi,
        at_hat,
        at_hi,
        "upper bound of the profile-likelihood interval for tau^2",
    )?;
    Ok([lower, upper])
}
