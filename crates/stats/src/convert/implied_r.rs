//! The pre/post correlation implied by the SDs before, after and of the change:
//! r = (SDb² + SDa² − SDc²) / (2 SDb SDa) (Cochrane Handbook v6.4, 6.5.2.8, "imputing a
//! change-from-baseline standard deviation using a correlation coefficient", solved for r).
//!
//! A correlation lies in [−1, 1], so the SD of a change must lie between |SDb − SDa| and
//! SDb + SDa. Numbers printed rounded may give an r slightly outside; the three SDs are
//! called inconsistent only when no values within their rounding (half a unit of the last
//! printed decimal) give an r in [−1, 1].

use crate::error::{Error, Result};
use crate::output::human_number;
use crate::reported::ReportedNumber;
use serde::Serialize;

/// The implied correlation and whether the three SDs can be true together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpliedR {
    /// SD before, as printed.
    pub sd_before: f64,
    /// SD after, as printed.
    pub sd_after: f64,
    /// SD of the change, as printed.
    pub sd_change: f64,
    /// The implied r from the printed numbers (may lie outside [−1, 1]).
    pub r: f64,
    /// The change SDs any r in [−1, 1] allows with these SDs before and after:
    /// [|SDb − SDa|, SDb + SDa].
    pub change_sd_range: [f64; 2],
    /// Some values within the rounding of the three printed SDs give an r in [−1, 1].
    pub consistent: bool,
    /// In words: the r, or which numbers cannot all be true.
    pub detail: String,
    /// The three SDs as printed (before, after, change), for the table.
    #[serde(skip)]
    pub printed: [String; 3],
}

/// The implied pre/post correlation of three SDs as printed. Refused: a negative SD, an SD
/// before or after of 0 (r is then undefined).
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::convert::implied_r;
/// // SDs 1.1 before, 0.8 after, 0.9 of the change: r = (1.21 + 0.64 − 0.81)/(2·1.1·0.8)
/// // = 0.5909 (Cochrane Handbook 6.5.2.8, solved for r).
/// let sd = |s: &str| ReportedNumber::parse(s, "sd").unwrap();
/// let r = implied_r(&sd("1.1"), &sd("0.8"), &sd("0.9"))?;
/// assert!((r.r - 1.04 / 1.76).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn implied_r(
    sd_before: &ReportedNumber,
    sd_after: &ReportedNumber,
    sd_change: &ReportedNumber,
) -> Result<ImpliedR> {
    for (sd, option) in [
        (sd_before, "{field:before}"),
        (sd_after, "{field:after}"),
        (sd_change, "{field:change_sd}"),
    ] {
        if !(sd.value >= 0.0 && sd.value.is_finite()) {
            return Err(Error::input(
                option,
                format!("SD {}: an SD is a finite number ≥ 0", sd.text),
            ));
        }
    }
    for (sd, option) in [(sd_before, "{field:before}"), (sd_after, "{field:after}")] {
        if sd.value == 0.0 {
            return Err(Error::input(
                option,
                format!(
                    "SD {}: with no spread at one time point the correlation is undefined (0/0)",
                    sd.text
                ),
            ));
        }
    }
    let (b, a, c) = (sd_before.value, sd_after.value, sd_change.value);
    // The one formula (prepost::implied_r); both SDs are > 0 here, so it is defined.
    let r = crate::prepost::implied_r(b, a, c).unwrap_or(f64::NAN);
    let range = [(b - a).abs(), b + a];
    // Within rounding: the largest sum and the smallest difference of the two SDs, against
    // the change SD's interval.
    let (hb, ha, hc) = (
        sd_before.half_unit(),
        sd_after.half_unit(),
        sd_change.half_unit(),
    );
    let widest = b + hb + a + ha;
    let narrowest = ((b - a).abs() - hb - ha).max(0.0);
    let consistent = c - hc <= widest && c + hc >= narrowest;
    let detail = if (-1.0..=1.0).contains(&r) {
        format!(
            "r = {} implied by SD before {}, SD after {} and SD of the change {}",
            human_number(r),
            sd_before.text,
            sd_after.text,
            sd_change.text
        )
    } else if consistent {
        format!(
            "r = {} is outside [−1, 1] as printed, but within the rounding of the printed SDs an r in [−1, 1] is possible (take r = {})",
            human_number(r),
            if r > 1.0 { 1 } else { -1 }
        )
    } else {
        format!(
            "SD before {}, SD after {} and SD of the change {} cannot all be true: with those SDs before and after, the SD of a change lies between {} and {} (r from 1 to −1), even allowing for rounding; r would be {}",
            sd_before.text,
            sd_after.text,
            sd_change.text,
            human_number(range[0]),
            human_number(range[1]),
            human_number(r)
        )
    };
    Ok(ImpliedR {
        sd_before: b,
        sd_after: a,
        sd_change: c,
        r,
        change_sd_range: range,
        consistent,
        detail,
        printed: [
            sd_before.text.clone(),
            sd_after.text.clone(),
            sd_change.text.clone(),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(t: &str) -> ReportedNumber {
        ReportedNumber::parse(t, "test").unwrap()
    }

    /// R: b <- 1.7; a <- 1.6; c <- 1.2; sprintf("%.17g", (b^2 + a^2 - c^2) / (2*b*a))
    ///    → 0.73713235294117641
    #[test]
    fn implied_r_matches_the_formula_in_r() {
        let r = implied_r(&num("1.7"), &num("1.6"), &num("1.2")).unwrap();
        assert!((r.r - 0.73713235294117641).abs() < 1e-15, "{}", r.r);
        assert!(r.consistent);
        assert_eq!(r.change_sd_range, [1.7f64 - 1.6, 1.7 + 1.6]);
    }

    #[test]
    fn impossible_change_sd_names_the_numbers() {
        let r = implied_r(&num("1.7"), &num("1.6"), &num("5.0")).unwrap();
        assert!(!r.consistent);
        assert!(r.r < -1.0);
        assert!(
            r.detail.contains("cannot all be true") && r.detail.contains("5.0"),
            "{}",
            r.detail
        );
        // Too small: SDs 3.0 and 1.0 need a change SD of at least 2.0.
        let small = implied_r(&num("3.0"), &num("1.0"), &num("1.5")).unwrap();
        assert!(!small.consistent && small.r > 1.0);
    }

    /// 3.4 as printed gives r = −1.12; but 3.35 (within its rounding) is below 1.75 + 1.65
    /// = 3.4 (the SDs before and after within theirs), where r = −1 is possible.
    #[test]
    fn rounding_can_rescue_an_r_just_outside() {
        let r = implied_r(&num("1.7"), &num("1.6"), &num("3.4")).unwrap();
        assert!(r.r < -1.0);
        assert!(r.consistent, "{}", r.detail);
    }

    #[test]
    fn bad_input_is_refused() {
        assert!(
            implied_r(&num("0"), &num("1.6"), &num("1.2"))
                .unwrap_err()
                .to_string()
                .contains("undefined")
        );
        assert!(
            implied_r(&num("1"), &num("1.6"), &num("-1.2"))
                .unwrap_err()
                .to_string()
                .contains("≥ 0")
        );
    }
}
