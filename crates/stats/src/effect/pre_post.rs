//! One group measured before and after, with the pre/post correlation r: MC, SMCC, SMCR,
//! SMCRH and ROMC, as metafor's `escalc` (`vtype = "LS"`).
//!
//! Our convention: the effect is **after − before** (ROMC: ln(after/before)), and SMCR and
//! SMCRH divide by the **before** SD (Becker 1988). In metafor's terms this is
//! `escalc(m1i = after, m2i = before, ...)` with `sd1i = after SD, sd2i = before SD` for MC,
//! SMCC and ROMC, and `sd1i = before SD, sd2i = after SD` for SMCR and SMCRH (metafor
//! standardises those by `sd1i`).

use super::{EffectSize, Family, MeasureCode};
use super::{check_finite, check_n, check_ratio_means, check_sd, check_sd_or_zero};
use super::{hedges_correction, wrong_family};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// The correlation assumed when a study does not report one.
pub const ASSUMED_R: f64 = 0.5;

/// A mean and its SD.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MeanSd {
    pub mean: f64,
    pub sd: f64,
}

/// A before/after summary of one group of `n` people.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{pre_post, MeasureCode, PrePostSummary};
/// // 7 patients, before 2.9 ± 1.1, after 0.4 ± 0.8, r = 0.5. Change variance by hand:
/// // 1.1² + 0.8² − 2·0.5·1.1·0.8 = 0.97. R (after − before): escalc("SMCC", m1i=0.4, sd1i=0.8,
/// // m2i=2.9, sd2i=1.1, ni=7, ri=0.5) gives yi -2.2048919410457031, vi 0.49011060512059201
/// // (metafor 3.8.1, tests/effect_reference.rs).
/// let s = PrePostSummary::new(7.0, (2.9, 1.1), (0.4, 0.8), Some(0.5));
/// assert!((s.mean_change() - -2.5).abs() < 1e-15);
/// assert!((s.change_variance(0.5) - 0.97).abs() < 1e-12);
/// let e = pre_post(MeasureCode::SMCC, &s, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((e.estimate - -2.2048919410457031).abs() < 1e-12);
/// assert!((e.variance.unwrap() - 0.49011060512059201).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PrePostSummary {
    pub n: f64,
    pub before: MeanSd,
    pub after: MeanSd,
    /// The pre/post correlation; `None` when not reported ([`ASSUMED_R`] is then used and
    /// the result says so in a note).
    pub r: Option<f64>,
}

impl PrePostSummary {
    /// A summary from `(mean, sd)` pairs: `PrePostSummary::new(7.0, (2.9, 1.1), (0.4, 0.8), Some(0.5))`.
    pub fn new(n: f64, before: (f64, f64), after: (f64, f64), r: Option<f64>) -> PrePostSummary {
        PrePostSummary {
            n,
            before: MeanSd {
                mean: before.0,
                sd: before.1,
            },
            after: MeanSd {
                mean: after.0,
                sd: after.1,
            },
            r,
        }
    }

    /// The mean change, after − before.
    pub fn mean_change(&self) -> f64 {
        self.after.mean - self.before.mean
    }

    /// Variance of the within-person change at correlation `r`:
    /// s_a² + s_b² − 2r·s_a·s_b (Cochrane Handbook 6.5.2.8), computed as the equal
    /// (s_a − s_b)² + 2·s_a·s_b·(1 − r), which does not cancel: it is exactly 0 only when
    /// the SDs are equal and r = 1 (or both SDs are 0), and never negative for r ≤ 1.
    pub fn change_variance(&self, r: f64) -> f64 {
        let (sa, sb) = (self.after.sd, self.before.sd);
        (sa - sb) * (sa - sb) + 2.0 * sa * sb * (1.0 - r)
    }

    fn validate(&self, code: MeasureCode) -> Result<f64> {
        let min_n = match code {
            MeasureCode::MC | MeasureCode::ROMC => 1.0,
            // the exact correction c(n − 1) is defined only for n − 1 > 1
            _ => 3.0,
        };
        let why = if min_n > 1.0 {
            format!(" for {code} (the small-sample correction needs n − 1 > 1)")
        } else {
            String::new()
        };
        check_n(self.n, min_n, "n", &why)?;
        check_finite(self.before.mean, "before.mean", "the before mean")?;
        check_finite(self.after.mean, "after.mean", "the after mean")?;
        // The before SD standardises SMCR and SMCRH, so it must be > 0 there. Elsewhere a zero
        // SD is allowed, as metafor documents for MC and SMCC: when only the SD of the change
        // is reported, give it as one SD with the other SD 0 and r = 0.
        match code {
            MeasureCode::SMCR => check_sd(self.before.sd, "before.sd")?, // after SD unused
            MeasureCode::SMCRH => {
                check_sd(self.before.sd, "before.sd")?;
                check_sd_or_zero(self.after.sd, "after.sd")?;
            }
            _ => {
                check_sd_or_zero(self.before.sd, "before.sd")?;
                check_sd_or_zero(self.after.sd, "after.sd")?;
            }
        }
        let r = self.r.unwrap_or(ASSUMED_R);
        if !(r.is_finite() && (-1.0..=1.0).contains(&r)) {
            return Err(Error::input(
                "r",
                format!("the pre/post correlation must be between -1 and 1 (got {r})"),
            ));
        }
        Ok(r)
    }
}

/// The before/after effect of `code` (after − before), with a Wald interval at `level`.
///
/// With d = after − before, s_b and s_a the before and after SDs and c(m) Hedges' exact
/// correction (Hedges 1981):
/// - MC: d, variance (s_a² + s_b² − 2r·s_a·s_b)/n.
/// - SMCC: c(n − 1)·d/s_d with s_d² = s_a² + s_b² − 2r·s_a·s_b, variance 1/n + g²/(2n)
///   (Gibbons, Hedeker & Davis 1993).
/// - SMCR: c(n − 1)·d/s_b, variance 2(1 − r)/n + g²/(2n) (Becker 1988, with g in place of δ).
/// - SMCRH: c(n − 1)·d/s_b, variance s_d²/(s_b²(n − 1)) + g²/(2(n − 1)) (Bonett 2008, eq. 13;
///   as metafor ≥ 4.6-0, which no longer multiplies it by c², as 3.8-1 did).
/// - ROMC: ln(after/before), variance s_a²/(n·a²) + s_b²/(n·b²) − 2r·s_a·s_b/(a·b·n)
///   (Lajeunesse 2011).
///
/// When `r` is `None`, r = 0.5 is used and a note says so; `r` is kept in the result.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{pre_post, MeasureCode, PrePostSummary};
/// // 7 patients, before 2.9 ± 1.1, after 0.4 ± 0.8, r = 0.5. R (metafor 3.8.1, after − before):
/// // escalc("MC", m1i=0.4, sd1i=0.8, m2i=2.9, sd2i=1.1, ni=7, ri=0.5)
/// // gives yi -2.5, vi 0.1385714285714286, ci.lb -3.2296001895434925.
/// let s = PrePostSummary::new(7.0, (2.9, 1.1), (0.4, 0.8), Some(0.5));
/// let e = pre_post(MeasureCode::MC, &s, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((e.estimate - -2.5).abs() < 1e-12);
/// assert!((e.variance.unwrap() - 0.1385714285714286).abs() < 1e-12);
/// assert!((e.ci_lower.unwrap() - -3.2296001895434925).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn pre_post(
    code: MeasureCode,
    summary: &PrePostSummary,
    level: ConfidenceLevel,
) -> Result<EffectSize> {
    if code.family() != Family::PrePost {
        return Err(wrong_family(code, Family::PrePost));
    }
    let r = summary.validate(code)?;
    let n = summary.n;
    let (b, sb) = (summary.before.mean, summary.before.sd);
    let (a, sa) = (summary.after.mean, summary.after.sd);
    let d = summary.mean_change();
    let var_diff = summary.change_variance(r);
    let correction = || {
        // ok-path: validate() guaranteed n ≥ 3 for these codes, so n − 1 > 1
        hedges_correction(n - 1.0)
            .ok_or_else(|| Error::input("n", format!("{code} needs n ≥ 3 (got {n})")))
    };
    // SDs relative to the larger one, so that squares of SDs near the largest double
    // (≈ 1.8e308) do not overflow where only their ratios matter.
    let scale = sa.max(sb);
    let sd_change = if scale > 0.0 {
        let (ra, rb) = (sa / scale, sb / scale);
        scale * ((ra - rb) * (ra - rb) + 2.0 * ra * rb * (1.0 - r)).sqrt()
    } else {
        0.0
    };
    let (estimate, variance) = match code {
        MeasureCode::MC | MeasureCode::SMCC if sd_change <= 0.0 => {
            return Err(Error::input(
                "r",
                format!(
                    "{code} is undefined here: with r = {r} and these SDs the SD of the change is 0"
                ),
            ));
        }
        MeasureCode::MC => (d, var_diff / n),
        MeasureCode::SMCC => {
            let g = correction()? * d / sd_change;
            (g, 1.0 / n + g * g / (2.0 * n))
        }
        MeasureCode::SMCR => {
            let g = correction()? * d / sb;
            (g, 2.0 * (1.0 - r) / n + g * g / (2.0 * n))
        }
        MeasureCode::SMCRH => {
            let c = correction()?;
            let g = c * d / sb;
            // metafor ≥ 4.6-0: Bonett (2008, eq. 13) with the corrected g plugged in, not
            // multiplied by c² (3.8-1 returned c² times this).
            let v = (sd_change / sb).powi(2) / (n - 1.0) + g * g / (2.0 * (n - 1.0));
            (g, v)
        }
        MeasureCode::ROMC => {
            if !super::two_group::same_sign(a, b) {
                check_ratio_means(code, (a, "after.mean"), (b, "before.mean"))?;
            }
            let (ca, cb) = (sa / a, sb / b); // coefficients of variation
            (
                super::two_group::log_ratio(a, b),
                ca * ca / n + cb * cb / n - 2.0 * r * ca * cb / n,
            )
        }
        other => return Err(wrong_family(other, Family::PrePost)),
    };
    let mut result =
        super::two_group::finite_wald(code, estimate, variance, level, ("after.mean", "after.sd"))?;
    result.r = Some(r);
    if summary.r.is_none() {
        result = result.with_note(format!(
            "assumed r = {ASSUMED_R} (pre/post correlation not reported)"
        ));
    }
    Ok(result)
}
