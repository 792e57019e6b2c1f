//! Two independent groups, each summarised by mean, SD and n: MD, SMD, SMDH, SMD1, SMD1H and
//! ROM, as
//! metafor's `escalc` with its default `vtype = "LS"`. The effect is group1 − group2
//! (metafor's `m1i − m2i`).

use super::{EffectSize, hedges_correction};
use super::{Family, MeasureCode, wrong_family};
use super::{check_finite, check_n, check_ratio_means, check_sd};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// One group's mean, SD and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupSummary {
    pub mean: f64,
    pub sd: f64,
    pub n: f64,
}

impl GroupSummary {
    fn validate(&self, location: &str, min_n: f64, why: &str) -> Result<()> {
        check_finite(self.mean, &format!("{location}.mean"), "the mean")?;
        check_sd(self.sd, &format!("{location}.sd"))?;
        check_n(self.n, min_n, &format!("{location}.n"), why)
    }
}

/// The effect of `code` comparing `group1` with `group2` (group1 − group2), with a Wald
/// interval at `level`.
///
/// - MD: m1 − m2, variance s1²/n1 + s2²/n2.
/// - SMD: Hedges' g = c(m)·(m1 − m2)/s_pooled with m = n1 + n2 − 2 and c the exact correction
///   (Hedges 1981); variance 1/n1 + 1/n2 + g²/(2(n1 + n2)) (Hedges & Olkin 1985, with
///   g in place of δ, as metafor's "LS").
/// - SMDH: c(m)·(m1 − m2)/√((s1² + s2²)/2), variance after Bonett (2008, eq. 8) with the
///   corrected g plugged in, as metafor ≥ 4.6-0 (3.8-1 multiplied it by c(m)²).
/// - SMD1: c(n2 − 1)·(m1 − m2)/s2 (Glass's Δ, corrected), variance 1/n1 + 1/n2 + g²/(2 n2)
///   (metafor's "LS").
/// - SMD1H: the same estimate, variance (s1²/s2²)/(n1 − 1) + 1/(n2 − 1) + g²/(2(n2 − 1))
///   (Bonett 2008, eq. 12, with the corrected g plugged in, as metafor ≥ 4.6-0; earlier
///   versions multiplied it by c²).
/// - ROM: ln(m1/m2), variance s1²/(n1·m1²) + s2²/(n2·m2²) (Hedges, Gurevitch & Curtis 1999).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{two_group, GroupSummary, MeasureCode};
/// // R: escalc("MD", m1i=10.2, sd1i=2.1, n1i=25, m2i=8.9, sd2i=2.5, n2i=23)
/// // gives yi 1.2999999999999989, vi 0.4481391304347826 (metafor 3.8.1).
/// let e = two_group(
///     MeasureCode::MD,
///     &GroupSummary { mean: 10.2, sd: 2.1, n: 25.0 },
///     &GroupSummary { mean: 8.9, sd: 2.5, n: 23.0 },
///     ConfidenceLevel::NINETY_FIVE,
/// )?;
/// assert!((e.estimate - 1.2999999999999989).abs() < 1e-12);
/// assert!((e.variance.unwrap() - 0.4481391304347826).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn two_group(
    code: MeasureCode,
    group1: &GroupSummary,
    group2: &GroupSummary,
    level: ConfidenceLevel,
) -> Result<EffectSize> {
    if code.family() != Family::TwoGroup {
        return Err(wrong_family(code, Family::TwoGroup));
    }
    let (min_n, why) = match code {
        MeasureCode::SMDH => (2.0, " for SMDH (its variance divides by n − 1)"),
        MeasureCode::SMD1H => (2.0, " for SMD1H (its variance divides by n − 1)"),
        _ => (1.0, ""),
    };
    group1.validate("group1", min_n, why)?;
    group2.validate("group2", min_n, why)?;
    let GroupSummary {
        mean: m1,
        sd: s1,
        n: n1,
    } = *group1;
    let GroupSummary {
        mean: m2,
        sd: s2,
        n: n2,
    } = *group2;
    let df = n1 + n2 - 2.0;
    let correction = || {
        hedges_correction(df).ok_or_else(|| {
            Error::input(
                "group2.n",
                format!(
                    "{code} needs n1 + n2 ≥ 4 (the small-sample correction needs more than one degree of freedom; got n1 + n2 = {})",
                    n1 + n2
                ),
            )
        })
    };
    // SDs are scaled by the larger one before squaring, so that a standardised effect of SDs
    // near the largest double (≈ 1.8e308) is still computed rather than silently 0.
    let scale = s1.max(s2);
    let (r1, r2) = (s1 / scale, s2 / scale);
    let (estimate, variance) = match code {
        MeasureCode::MD => (m1 - m2, s1 * s1 / n1 + s2 * s2 / n2),
        MeasureCode::SMD => {
            let pooled = scale * (((n1 - 1.0) * r1 * r1 + (n2 - 1.0) * r2 * r2) / df).sqrt();
            let g = correction()? * (m1 - m2) / pooled;
            (g, 1.0 / n1 + 1.0 / n2 + g * g / (2.0 * (n1 + n2)))
        }
        MeasureCode::SMDH => {
            let c = correction()?;
            let sum_var = r1 * r1 + r2 * r2; // (s1² + s2²) / scale²
            let g = c * (m1 - m2) / (scale * (sum_var / 2.0).sqrt());
            let v = g * g * (r1.powi(4) / (n1 - 1.0) + r2.powi(4) / (n2 - 1.0))
                / (2.0 * sum_var * sum_var)
                + (r1 * r1 / (n1 - 1.0) + r2 * r2 / (n2 - 1.0)) / (sum_var / 2.0);
            // metafor ≥ 4.6-0: Bonett's variance with the corrected g plugged in, not
            // multiplied by c² (3.8-1 returned c² times this).
            (g, v)
        }
        MeasureCode::SMD1 | MeasureCode::SMD1H => glass_delta(code, group1, group2, (r1, r2))?,
        MeasureCode::ROM => {
            if !same_sign(m1, m2) {
                check_ratio_means(code, (m1, "group1.mean"), (m2, "group2.mean"))?;
            }
            (
                log_ratio(m1, m2),
                (s1 / m1).powi(2) / n1 + (s2 / m2).powi(2) / n2,
            )
        }
        other => return Err(wrong_family(other, Family::TwoGroup)),
    };
    finite_wald(
        code,
        estimate,
        variance,
        level,
        ("group1.mean", "group1.sd"),
    )
}

/// SMD1 or SMD1H (`code`): Glass's Δ standardised by group 2's SD with the small-sample
/// correction, and its variance (metafor's "LS" for SMD1; Bonett 2008, eq. 12, for SMD1H);
/// `(r1, r2)` are the SDs over the larger one.
fn glass_delta(
    code: MeasureCode,
    group1: &GroupSummary,
    group2: &GroupSummary,
    (r1, r2): (f64, f64),
) -> Result<(f64, f64)> {
    let (m1, n1) = (group1.mean, group1.n);
    let GroupSummary {
        mean: m2,
        sd: s2,
        n: n2,
    } = *group2;
    // Standardised by the SD of group 2 (metafor: mi = n2 − 1, sdpi = sd2i).
    let c = hedges_correction(n2 - 1.0).ok_or_else(|| {
        Error::input(
            "group2.n",
            format!("{code} needs n2 ≥ 3 (the small-sample correction needs more than one degree of freedom; got n2 = {n2})"),
        )
    })?;
    if s2 <= 0.0 {
        return Err(Error::input(
            "group2.sd",
            format!("{code} divides by the SD of group 2, which must be > 0"),
        ));
    }
    let g = c * (m1 - m2) / s2;
    let v = if code == MeasureCode::SMD1 {
        1.0 / n1 + 1.0 / n2 + g * g / (2.0 * n2)
    } else {
        // Bonett (2008a, eq. 12) with the corrected g, as metafor ≥ 4.6-0.
        (r1 / r2).powi(2) / (n1 - 1.0) + 1.0 / (n2 - 1.0) + g * g / (2.0 * (n2 - 1.0))
    };
    Ok((g, v))
}

/// Non-zero and of the same sign (by sign, not by a/b > 0, which underflows for 1e-300/1e300).
pub(crate) fn same_sign(a: f64, b: f64) -> bool {
    a != 0.0 && b != 0.0 && a.is_sign_positive() == b.is_sign_positive()
}

/// ln(a/b) for a, b of the same sign, also when a/b itself would overflow or underflow.
pub(crate) fn log_ratio(a: f64, b: f64) -> f64 {
    let ratio = a / b;
    if ratio.is_finite() && ratio > f64::MIN_POSITIVE {
        ratio.ln()
    } else {
        a.abs().ln() - b.abs().ln()
    }
}

/// A Wald effect size, refused when its numbers overflowed: inputs near the largest double
/// (about ±1.8e308) can make the estimate, its variance or the interval ends infinite, and an
/// infinite variance would otherwise be reported as "not estimable". `locations` name the
/// inputs to blame: (for the estimate, for the variance).
pub(crate) fn finite_wald(
    code: MeasureCode,
    estimate: f64,
    variance: f64,
    level: ConfidenceLevel,
    (estimate_at, variance_at): (&str, &str),
) -> Result<EffectSize> {
    const RESCALE: &str =
        "beyond the largest double, about ±1.8e308; rescale the data, e.g. to other units";
    if !estimate.is_finite() {
        return Err(Error::input(
            estimate_at,
            format!(
                "{code} = {estimate} for these numbers: they are too large to compute with ({RESCALE})"
            ),
        ));
    }
    if !variance.is_finite() {
        return Err(Error::input(
            variance_at,
            format!("the variance of {code} overflows for these numbers ({RESCALE})"),
        ));
    }
    let result = EffectSize::wald(code, estimate, variance, level);
    if [result.ci_lower, result.ci_upper]
        .iter()
        .flatten()
        .any(|v| !v.is_finite())
    {
        return Err(Error::input(
            estimate_at,
            format!("the confidence interval of {code} overflows for these numbers ({RESCALE})"),
        ));
    }
    Ok(result)
}
