//! DEBIT, the descriptive binary test (Heathers & Brown 2019, "DEBIT: A simple consistency
//! test for binary data", OSF preprint): the mean of a 0/1 outcome is a proportion `k/n`,
//! and its sample SD is then fixed, `SD = √(k(n − k) / (n(n − 1)))`.
//!
//! Here DEBIT is GRIMMER on a scale with only the values 0 and 1: every value equals its
//! square, so the sum of squares must equal the sum `k`. For each count `k` whose proportion
//! rounds to the reported mean, the test asks whether the sum of squares `k` gives an SD that
//! rounds to the reported SD. This is exact (no interval arithmetic on floats) and stricter
//! than bracketing the SD between the values at the ends of the mean's rounding interval,
//! because only attainable proportions `k/n` are considered. The SD is the sample SD
//! (denominator `n − 1`), as in the paper.

use super::exact::Rounding;
use super::grim::grim;
use super::grimmer::sums_of_squares;
use super::{CheckName, Grid, Status, Verdict, fixed, key_value_table};
use crate::error::Result;
use crate::output::{Table, Tabular};
use crate::reported::ReportedNumber;
use crate::reported::SpreadKind;
use serde::Serialize;

/// The DEBIT verdict for one proportion and SD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debit {
    /// The three-valued answer ([`Status::answer`]): `true` the numbers can be true together,
    /// `false` they cannot, `null` the check cannot say (not applicable).
    pub consistent: Option<bool>,
    pub status: Status,
    pub detail: String,
    pub mean: String,
    pub sd: String,
    pub n: u64,
    /// The counts `k` (of `n`) that reproduce both mean and SD.
    pub counts: Vec<i128>,
}

/// Largest number of candidate counts listed in the result.
const MAX_LISTED: usize = 20;

/// Run DEBIT on a binary outcome's mean (a proportion, as written) and sample SD.
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::checks::debit::debit;
/// use trialstats_stats::checks::Rounding;
/// // A yes/no outcome with mean 0.35 among 20: 7 patients said yes, and the sample SD of
/// // seven 1s and thirteen 0s is √(0.35 · 0.65 · 20/19) = 0.4894, printed 0.49; an SD of 0.18
/// // is impossible for any count.
/// let (mean, n) = (ReportedNumber::parse("0.35", "mean")?, 20);
/// let good = debit(&mean, &ReportedNumber::parse("0.49", "sd")?, n, Rounding::UpOrDown)?;
/// assert_eq!((good.consistent, good.counts.as_slice()), (Some(true), &[7][..]));
/// let bad = debit(&mean, &ReportedNumber::parse("0.18", "sd")?, n, Rounding::UpOrDown)?;
/// assert_eq!(bad.consistent, Some(false));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn debit(mean: &ReportedNumber, sd: &ReportedNumber, n: u64, rule: Rounding) -> Result<Debit> {
    let g = grim(mean, n, Grid::INTEGER, rule)?;
    let mut counts = Vec::new();
    let sums = g.sums_in_steps.intersect(&super::exact::IntRange {
        first: 0,
        last: n as i128,
    });
    let verdict = if n < 2 {
        Verdict::new(
            Status::NotApplicable,
            format!("n = {n}: an SD needs at least 2 values"),
        )
    } else if mean.scaled < 0 || mean.scaled > mean.scale() {
        Verdict::new(
            Status::Inconsistent,
            format!(
                "a binary mean is a proportion between 0 and 1, not {}",
                mean.text
            ),
        )
    } else if sums.is_empty() {
        Verdict::new(
            Status::Inconsistent,
            format!(
                "no count out of {n} gives the proportion {}: {}",
                mean.text, g.detail
            ),
        )
    } else {
        let mut nearest: Option<(i128, f64)> = None;
        for k in sums.first..=sums.last {
            let q = sums_of_squares(k, n, sd, SpreadKind::Sd, Grid::INTEGER, rule)?;
            if q.first <= k && k <= q.last {
                counts.push(k);
            }
            if nearest.is_none() {
                nearest = Some((k, binary_sd(k, n)));
            }
        }
        let shown: Vec<String> = counts
            .iter()
            .take(MAX_LISTED)
            .map(|k| format!("{k}/{n}"))
            .collect();
        if counts.is_empty() {
            // ok: the loop ran at least once because `sums` is not empty.
            let (k, s) = nearest.unwrap_or((0, 0.0));
            Verdict::new(
                Status::Inconsistent,
                format!(
                    "a proportion of {} with n = {n} has SD {} (e.g. {k}/{n}), not {}",
                    mean.text,
                    fixed(s, sd.decimals as usize + 3),
                    sd.text
                ),
            )
        } else {
            let k = counts[0];
            Verdict::new(
                Status::Consistent,
                format!(
                    "{} ± {} is possible for n = {n}: {} gives SD {}{}",
                    mean.text,
                    sd.text,
                    shown.join(", "),
                    fixed(binary_sd(k, n), sd.decimals as usize + 3),
                    if counts.len() > MAX_LISTED {
                        " (and more counts)"
                    } else {
                        ""
                    }
                ),
            )
        }
    };
    counts.truncate(MAX_LISTED);
    Ok(Debit {
        consistent: verdict.status.answer(),
        status: verdict.status,
        detail: verdict.detail,
        mean: mean.text.clone(),
        sd: sd.text.clone(),
        n,
        counts,
    })
}

/// The sample SD of `k` ones among `n` binary values.
///
/// ```
/// use trialstats_stats::checks::debit::binary_sd;
/// // Seven 1s and thirteen 0s: the sample SD is √(7·13/(20·19)) = √(91/380) = 0.48936.
/// assert!((binary_sd(7, 20) - (91.0f64 / 380.0).sqrt()).abs() < 1e-15);
/// assert_eq!(binary_sd(0, 20), 0.0); // all 0s
/// ```
pub fn binary_sd(k: i128, n: u64) -> f64 {
    let (k, n) = (k as f64, n as f64);
    (k * (n - k) / (n * (n - 1.0))).sqrt()
}

impl Tabular for Debit {
    fn table(&self) -> Table {
        key_value_table(
            CheckName::Debit,
            vec![
                ("mean", self.mean.as_str().into()),
                ("SD", self.sd.as_str().into()),
                ("n", (self.n as usize).into()),
            ],
            self.status,
            &self.detail,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rv;
    fn ok(m: &str, s: &str, n: u64) -> bool {
        debit(&rv(m), &rv(s), n, Rounding::UpOrDown)
            .unwrap()
            .status
            .possible()
    }

    #[test]
    fn scrutiny_pigs3_reference() {
        // scrutiny tests/testthat/test-debit.R: pmap_lgl(pigs3, debit) == T T T F T T T.
        // Case 4 by hand: 0.19 with n = 1683 → SD ≈ √(0.19·0.81·1683/1682) = 0.3924, not 0.35.
        let cases = [
            ("0.53", "0.50", true),
            ("0.44", "0.50", true),
            ("0.77", "0.42", true),
            ("0.19", "0.35", false),
            ("0.34", "0.47", true),
            ("0.93", "0.25", true),
            ("0.12", "0.33", true),
        ];
        for (m, s, e) in cases {
            assert_eq!(ok(m, s, 1683), e, "{m} ± {s}");
        }
    }

    #[test]
    fn heathers_brown_style_small_sample() {
        // scrutiny's DEBIT vignette example debit("0.35", "0.18", 20): 7/20 = 0.35 is the only
        // count, SD = √(7·13/(20·19)) = √(91/380) = 0.48936 → 0.49, so 0.18 is impossible.
        assert!(!ok("0.35", "0.18", 20));
        assert!(ok("0.35", "0.49", 20));
        let d = debit(&rv("0.35"), &rv("0.49"), 20, Rounding::UpOrDown).unwrap();
        assert_eq!(d.counts, vec![7]);
    }

    #[test]
    fn nmo_relapse_free_proportion() {
        // 5 of 7 relapse-free: 5/7 = 0.7143 → "0.71"; SD = √(5·2/(7·6)) = √(10/42) = 0.48795 → 0.49.
        assert!(ok("0.71", "0.49", 7));
        assert!(!ok("0.71", "0.45", 7));
        assert!(!ok("1.20", "0.40", 7));
    }
}
