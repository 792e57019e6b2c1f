//! Time points reported as a median with quartiles and/or range instead of mean ± spread:
//! the mean and SD estimated by [`crate::convert::median::mean_sd`] with the method the study
//! names (default luo-wan-shi, as metafor's `conv.fivenum`: mean by Luo et al. 2018, SD by
//! Wan et al. 2014 or Shi et al. 2020), with Shi et al. 2023's skewness test. From then on the
//! time point is a mean ± SD *read from a conversion*, never a reported one: every effect that
//! uses it is printed with [`Conversion::text`], and the consistency checks that test printed
//! numbers (GRIM, GRIMMER, DEBIT, SPRITE, bounds) are not run on it.

use crate::convert::five_numbers::{Distribution, FiveNumbers};
use crate::convert::median::{MeanSd, mean_sd};
use crate::error::Result;
use crate::output::human_number as h;
use crate::study::{MedianSummary, TimePoint};
use serde::Serialize;

/// Why the checks of printed numbers are not run on a converted time point.
pub const NOT_CHECKED: &str =
    "GRIM, GRIMMER and SPRITE not run: the mean and SD are estimates, not printed numbers";

/// One time point's median, quartiles and/or range turned into a mean and SD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    /// The time point's id (with the arm, `arm.timepoint`, for a trial).
    pub timepoint: String,
    /// The estimate with its method, scenario and skewness test.
    pub estimate: MeanSd,
    /// In words: `median 4 (IQR 2–6) → mean 4, SD 3.0 (…)`.
    pub text: String,
}

/// The mean and SD of time point `t` of n participants, estimated from its median, when it
/// reports one (`None` otherwise). `name` names the time point in the text, `at` the place
/// for messages.
pub fn convert_timepoint(
    t: &TimePoint,
    n: u32,
    name: &str,
    at: &str,
) -> Option<Result<Conversion>> {
    let summary = t.median.as_ref()?;
    Some(convert(summary, n, at).map(|estimate| Conversion {
        timepoint: name.to_string(),
        text: describe(summary, &estimate),
        estimate,
    }))
}

fn convert(s: &MedianSummary, n: u32, at: &str) -> Result<MeanSd> {
    let v = |x: &Option<crate::study::ReportedNumber>| x.as_ref().map(|x| x.value);
    let five = FiveNumbers {
        min: v(&s.min),
        q1: v(&s.q1),
        median: s.median.value,
        q3: v(&s.q3),
        max: v(&s.max),
        n: u64::from(n),
    };
    Ok(mean_sd(&five, s.method, Distribution::Norm, at)?)
}

/// `median 4 (IQR 2–6) → mean 4, SD 2.9652 (luo-wan-shi: mean Luo et al. 2018 (q1, median,
/// q3), SD Wan et al. 2014 (q1, median, q3); n = 20; Shi et al. 2023 skewness test 0 <
/// critical 0.5725: no sign of skew)`.
pub fn describe(s: &MedianSummary, e: &MeanSd) -> String {
    let skew = if e.skewness.skewed && e.method.is_skewed() {
        format!(
            "data look skewed: Shi et al. 2023 test {} ≥ critical {}",
            h(e.skewness.statistic),
            h(e.skewness.critical)
        )
    } else if e.skewness.skewed {
        format!(
            "data look skewed: Shi et al. 2023 test {} ≥ critical {}, so the normal-theory estimates may be poor",
            h(e.skewness.statistic),
            h(e.skewness.critical)
        )
    } else {
        format!(
            "Shi et al. 2023 skewness test {} < critical {}: no sign of skew",
            h(e.skewness.statistic),
            h(e.skewness.critical)
        )
    };
    let fitted: String = e
        .fits
        .iter()
        .map(|f| format!("; {}: {} ({})", f.method.as_str(), f.distribution, f.reason))
        .collect();
    format!(
        "{} → mean {}, SD {} ({}: mean {}, SD {}{fitted}; n = {}; {skew})",
        s.describe(),
        h(e.mean),
        h(e.sd),
        e.method.as_str(),
        e.mean_source,
        e.sd_source,
        e.n
    )
}
