//! Fail-safe N, as metafor's `fsn` with its defaults: how many unpublished null studies would
//! bring the evidence down to a threshold.
//!
//! * Rosenthal (1979, *Psychol Bull* 86:638), Stouffer's method: `N = max(0, k (Σzᵢ / √k /
//!   z₁₋α)² − k)`, `zᵢ = yᵢ/√vᵢ`, one-sided α.
//! * Orwin (1983, *J Educ Stat* 8:157), unweighted: `N = max(0, k (ȳ − target) / target)`
//!   with the target half the mean effect (so N = k).
//! * Rosenberg (2005, *Evolution* 59:464), the fixed-effect weighted version:
//!   `N = max(0, k ((Σwᵢyᵢ / z₁₋α/₂)² − Σwᵢ) / Σwᵢ)`, `wᵢ = 1/vᵢ`.
//!
//! As metafor, a non-integer N is rounded up (to the next whole study).

use crate::dist::qnorm;
use serde::Serialize;

/// The three fail-safe numbers, at one-sided α (Rosenthal) and two-sided α (Rosenberg).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FailSafeN {
    pub alpha: f64,
    pub rosenthal: f64,
    /// `None` when the mean effect is exactly 0 (metafor: infinite).
    pub orwin: Option<f64>,
    pub rosenberg: f64,
}

/// Round up as metafor: a value within `√ε` of an integer is that integer.
fn whole(n: f64) -> f64 {
    if n.is_finite() && (n - n.round()).abs() >= f64::EPSILON.sqrt() {
        n.ceil()
    } else {
        n.round()
    }
}

/// Fail-safe N of the studies `y`, `v` at significance level `alpha` (metafor's default 0.05).
pub fn fail_safe_n(y: &[f64], v: &[f64], alpha: f64) -> FailSafeN {
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
    FailSafeN {
        alpha,
        rosenthal: whole(rosenthal),
        orwin,
        rosenberg: whole(rosenberg),
    }
}
