//! Fail-safe N, as metafor's `fsn` with its defaults: how many unpublished null studies would
//! bring the evidence down to a threshold.
//!
//! * Rosenthal (1979, *Psychol Bull* 86:638), Stouffer's method: `N = max(0, k (Σzᵢ / √k /
//!   z₁₋α)² − k)`, `zᵢ = yᵢ/√vᵢ`, one-sided α.
//! * Orwin (1983, *J Educ Stat* 8:157), unweighted: `N = max(0, k (ȳ − target) / target)`
//!   with the target half the mean effect (so N = k).
//! * Rosenberg (2005, *Evolution* 59:464), the fixed-effect weighted version:
//!   `N = max(0, k ((Σwᵢyᵢ / z₁₋α/₂)² − Σwᵢ) / Σwᵢ)`, `wᵢ = 1/vᵢ`.
//! * Orwin with a given `target` (metafor ≥ 4.0 `fsn(type = "Orwin", target = )`): the same
//!   formula with the unweighted mean and with the inverse-variance weighted mean (metafor's
//!   choice when the variances are given).
//!
//! As metafor, a non-integer N is rounded up (to the next whole study).

use crate::dist::qnorm;
use crate::error::Result;
use serde::Serialize;

/// The three fail-safe numbers, at one-sided α (Rosenthal) and two-sided α (Rosenberg).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FailSafeN {
    pub alpha: f64,
    pub rosenthal: f64,
    /// `None` when the mean effect is exactly 0 (metafor: infinite).
    pub orwin: Option<f64>,
    pub rosenberg: f64,
    /// Orwin's N for a given target effect (`--fsn-target`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orwin_target: Option<OrwinTarget>,
}

/// Orwin's fail-safe N for a target effect, from the unweighted and the weighted mean
/// (`None`: the target is 0, metafor's infinite N).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OrwinTarget {
    pub target: f64,
    pub unweighted: Option<f64>,
    pub weighted: Option<f64>,
}

/// Orwin's N: `max(0, k (est − target) / target)`, the target's sign turned to the
/// estimate's as metafor does.
fn orwin(k: f64, est: f64, target: f64) -> Option<f64> {
    (target != 0.0).then(|| {
        let t = if target.signum() != est.signum() {
            -target
        } else {
            target
        };
        whole((k * (est - t) / t).max(0.0))
    })
}

/// Orwin's N for `target` from the unweighted and the inverse-variance weighted mean.
pub fn orwin_target(y: &[f64], v: &[f64], target: f64) -> OrwinTarget {
    let k = y.len() as f64;
    let mean = y.iter().sum::<f64>() / k;
    let sw: f64 = v.iter().map(|v| 1.0 / v).sum();
    let weighted = y.iter().zip(v).map(|(y, v)| y / v).sum::<f64>() / sw;
    OrwinTarget {
        target,
        unweighted: orwin(k, mean, target),
        weighted: orwin(k, weighted, target),
    }
}

/// Round up as metafor: a value within `√ε` of an integer is that integer.
fn whole(n: f64) -> f64 {
    if n.is_finite() && (n - n.round()).abs() >= f64::EPSILON.sqrt() {
        n.ceil()
    } else {
        n.round()
    }
}

/// Fail-safe N of the studies `y`, `v` at significance level `alpha` (metafor's default 0.05),
/// with Orwin's N for `target` when given.
pub fn fail_safe_n(y: &[f64], v: &[f64], alpha: f64, target: Option<f64>) -> Result<FailSafeN> {
    let k = y.len() as f64;
    let z_sum: f64 = y.iter().zip(v).map(|(y, v)| y / v.sqrt()).sum();
    let z_avg = (z_sum / k.sqrt()).abs();
    let rosenthal = (k * (z_avg / qnorm(1.0 - alpha)).powi(2) - k).max(0.0);
    let mean = y.iter().sum::<f64>() / k;
    let orwin = (mean != 0.0).then(|| {
        let target = mean / 2.0;
        whole((k * (mean - target) / target).max(0.0))
    });
    let sw: f64 = v.iter().map(|v| 1.0 / v).sum();
    let swy: f64 = y.iter().zip(v).map(|(y, v)| y / v).sum();
    let excess = (swy / qnorm(1.0 - alpha / 2.0)).powi(2) - sw;
    let rosenberg = (k * excess / sw).max(0.0);
    Ok(FailSafeN {
        alpha,
        rosenthal: whole(rosenthal),
        orwin,
        rosenberg: whole(rosenberg),
        orwin_target: target.map(|t| orwin_target(y, v, t)),
    })
}
