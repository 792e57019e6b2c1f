//! Two independent groups, each summarised by mean, SD and n: MD, SMD, SMDH and ROM, as
//! metafor's `escalc` with its default `vtype = "LS"`. The effect is group1 − group2
//! (metafor's `m1i − m2i`).

use super::{check_finite, check_n, check_ratio_means, check_sd};
use super::{hedges_correction, EffectSize};
use super::{wrong_family, Family, MeasureCode};
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
/// - SMDH: c(m)·(m1 − m2)/√((s1² + s2²)/2), variance after Bonett (2008), multiplied by
///   c(m)² as metafor does.
/// - ROM: ln(m1/m2), variance s1²/(n1·m1²) + s2²/(n2·m2²) (Hedges, Gurevitch & Curtis 1999).
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
    let result = match code {
        MeasureCode::MD => EffectSize::wald(code, m1 - m2, s1 * s1 / n1 + s2 * s2 / n2, level),
        MeasureCode::SMD => {
            let pooled = (((n1 - 1.0) * s1 * s1 + (n2 - 1.0) * s2 * s2) / df).sqrt();
            let g = correction()? * (m1 - m2) / pooled;
            let v = 1.0 / n1 + 1.0 / n2 + g * g / (2.0 * (n1 + n2));
            EffectSize::wald(code, g, v, level)
        }
        MeasureCode::SMDH => {
            let c = correction()?;
            let sum_var = s1 * s1 + s2 * s2;
            let g = c * (m1 - m2) / (sum_var / 2.0).sqrt();
            let v = g * g * (s1.powi(4) / (n1 - 1.0) + s2.powi(4) / (n2 - 1.0))
                / (2.0 * sum_var * sum_var)
                + (s1 * s1 / (n1 - 1.0) + s2 * s2 / (n2 - 1.0)) / (sum_var / 2.0);
            EffectSize::wald(code, g, c * c * v, level)
        }
        MeasureCode::ROM => {
            check_ratio_means(code, (m1, "group1.mean"), (m2, "group2.mean"))?;
            let v = s1 * s1 / (n1 * m1 * m1) + s2 * s2 / (n2 * m2 * m2);
            EffectSize::wald(code, (m1 / m2).ln(), v, level)
        }
        other => return Err(wrong_family(other, Family::TwoGroup)),
    };
    Ok(result)
}
