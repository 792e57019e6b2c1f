//! Percent vs count: a reported percentage of `n` people is `100·k/n` for a whole count `k`,
//! so it is possible only for some denominators (85.7 % for 7, 14, 21, ... people). This is
//! GRIM (Brown & Heathers 2017) on a grid of step 100 (each person adds `100/n` points).

use super::exact::{IntRange, Rounding};
use super::grim::grim;
use super::{CheckName, Grid, Status, Verdict, fixed, key_value_table};
use crate::error::Result;
use crate::output::{Cell, Table, Tabular};
use crate::reported::ReportedNumber;
use serde::Serialize;

/// Each person adds 100/n percentage points.
const PERCENT_GRID: Grid = Grid { num: 100, den: 1 };

/// The verdict for one percentage, with the denominators that could give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PercentCount {
    /// The three-valued answer ([`Status::answer`]): `true` the numbers can be true together,
    /// `false` they cannot, `null` the check cannot say (not applicable).
    pub consistent: Option<bool>,
    pub status: Status,
    pub detail: String,
    pub percent: String,
    /// The reported denominator, if any.
    pub n: Option<u64>,
    /// The reported count, if any.
    pub count: Option<u64>,
    /// The counts out of `n` that give the percentage (when `n` is reported).
    pub possible_counts: Vec<u64>,
    /// Every denominator up to `max_n` for which some count gives the percentage.
    pub possible_denominators: Vec<u64>,
    /// The largest denominator searched.
    pub max_n: u64,
}

/// The counts `k` in `0..=n` with `100·k/n` rounding to `percent`.
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::checks::Rounding;
/// use trialstats_stats::checks::percent::counts_for;
/// // 71.4 % of 7: only 5/7 = 71.43 % rounds to it.
/// let counts = counts_for(&ReportedNumber::parse("71.4", "%")?, 7, Rounding::UpOrDown)?;
/// assert_eq!((counts.first, counts.last), (5, 5));
/// // 80 % of 7: none (5/7 = 71.4 %, 6/7 = 85.7 %).
/// assert!(counts_for(&ReportedNumber::parse("80", "%")?, 7, Rounding::UpOrDown)?.is_empty());
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn counts_for(percent: &ReportedNumber, n: u64, rule: Rounding) -> Result<IntRange> {
    let g = grim(percent, n, PERCENT_GRID, rule)?;
    Ok(g.sums_in_steps.intersect(&IntRange {
        first: 0,
        last: n as i128,
    }))
}

/// Does `k` of `n` print as `percent`: rounded by `rule`, or cut to its decimals (`Trunc`;
/// some software cuts rather than rounds: 29 of 892 is 3.251 %, printed 3.2)?
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::checks::Rounding;
/// use trialstats_stats::checks::percent::count_gives;
/// let p = ReportedNumber::parse("16", "%")?;
/// // 17 of 103 is 16.50 %: 16 only when cut; 17 of 106 is 16.04 %: rounded.
/// assert!(count_gives(&p, 17, 103, Rounding::UpOrDown)?);
/// assert!(count_gives(&p, 17, 106, Rounding::UpOrDown)?);
/// // 37 of 106 is 34.9 %: neither rounds nor cuts to 36.
/// assert!(!count_gives(&ReportedNumber::parse("36", "%")?, 37, 106, Rounding::UpOrDown)?);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn count_gives(percent: &ReportedNumber, k: u64, n: u64, rule: Rounding) -> Result<bool> {
    for r in [rule, Rounding::Trunc] {
        if percent.contains(100 * k as i128, n as i128, r)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Every denominator `1..=max_n` for which some count gives `percent`.
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::checks::Rounding;
/// use trialstats_stats::checks::percent::possible_denominators;
/// // Whole-number 80 % from at most 10 patients: 4/5 and 8/10 only.
/// let whole = possible_denominators(&ReportedNumber::parse("80", "%")?, 10, Rounding::UpOrDown)?;
/// assert_eq!(whole, [5, 10]);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn possible_denominators(
    percent: &ReportedNumber,
    max_n: u64,
    rule: Rounding,
) -> Result<Vec<u64>> {
    let mut out = Vec::new();
    for n in 1..=max_n {
        if !counts_for(percent, n, rule)?.is_empty() {
            out.push(n);
        }
    }
    Ok(out)
}

/// Check a percentage against its denominator `n` and count, when reported, and list the
/// denominators up to `max_n` that could give it.
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::checks::percent::percent_count;
/// use trialstats_stats::checks::Rounding;
/// // "5 of 7 (80%)": of 7 patients, k/7 is 0, 14.3, 28.6, 42.9, 57.1, 71.4, 85.7 or 100 %,
/// // so no count gives 80 %; 7 × 0.8 = 5.6 is not whole. 4 of 5 does give it.
/// let percent = ReportedNumber::parse("80", "percent")?;
/// let c = percent_count(&percent, Some(7), Some(5), 100, Rounding::UpOrDown)?;
/// assert_eq!(c.consistent, Some(false));
/// assert!(c.possible_counts.is_empty());
/// assert!(c.possible_denominators.contains(&5));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn percent_count(
    percent: &ReportedNumber,
    n: Option<u64>,
    count: Option<u64>,
    max_n: u64,
    rule: Rounding,
) -> Result<PercentCount> {
    let denominators = possible_denominators(percent, max_n, rule)?;
    let mut possible_counts = Vec::new();
    let verdict = if percent.scaled < 0 || percent.scaled > 100 * percent.scale() {
        Verdict::new(
            Status::Inconsistent,
            format!("a percentage is between 0 and 100, not {}", percent.text),
        )
    } else {
        match n {
            None | Some(0) => {
                if denominators.is_empty() {
                    // With no whole printed, the sample may be larger, or the percentage no
                    // share of people at all (a mean or a change in %): nothing to suspect.
                    Verdict::new(
                        Status::NotApplicable,
                        format!(
                            "no denominator reported; {} % needs more than {max_n} people (every n from 1 to {max_n} searched): a larger sample, or no share of people (a mean or a change in %)",
                            percent.text
                        ),
                    )
                } else {
                    Verdict::new(
                        Status::NotApplicable,
                        format!(
                            "no denominator reported; {} % is possible for n = {} (every n from 1 to {max_n} searched)",
                            percent.text,
                            listed(&denominators)
                        ),
                    )
                }
            }
            Some(n) => {
                let (verdict, counts) =
                    verdict_of_count(percent, n, count, max_n, &denominators, rule)?;
                possible_counts = counts;
                verdict
            }
        }
    };
    Ok(PercentCount {
        consistent: verdict.status.answer(),
        status: verdict.status,
        detail: verdict.detail,
        percent: percent.text.clone(),
        n,
        count,
        possible_counts,
        possible_denominators: denominators,
        max_n,
    })
}

/// The denominators in `v` as a list, the first 30 and how many more.
fn listed(v: &[u64]) -> String {
    let mut s: Vec<String> = v.iter().take(30).map(|x| x.to_string()).collect();
    if v.len() > 30 {
        s.push(format!("and {} more", v.len() - 30));
    }
    s.join(", ")
}

/// The verdict on a percentage of a reported `n` (and `count`, when reported), and the
/// counts out of `n` that give the percentage.
fn verdict_of_count(
    percent: &ReportedNumber,
    n: u64,
    count: Option<u64>,
    max_n: u64,
    denominators: &[u64],
    rule: Rounding,
) -> Result<(Verdict, Vec<u64>)> {
    let range = counts_for(percent, n, rule)?;
    let possible_counts: Vec<u64> = (range.first.max(0)..=range.last)
        .map(|k| k as u64)
        .collect();
    let verdict = match count {
        Some(k) if k > n => Verdict::new(
            Status::Inconsistent,
            format!("the count {k} is larger than the denominator {n}"),
        ),
        Some(k) if !possible_counts.contains(&k) => Verdict::new(
            Status::Inconsistent,
            format!(
                "{k}/{n} = {} %, which does not round to {} %",
                fixed(100.0 * k as f64 / n as f64, percent.decimals as usize + 2),
                percent.text
            ),
        ),
        Some(k) => Verdict::new(
            Status::Consistent,
            format!(
                "{k}/{n} = {} % rounds to {} %",
                fixed(100.0 * k as f64 / n as f64, percent.decimals as usize + 2),
                percent.text
            ),
        ),
        None if possible_counts.is_empty() => Verdict::new(
            Status::Inconsistent,
            format!(
                "no count out of {n} gives {} %; possible denominators up to {max_n}: {}",
                percent.text,
                if denominators.is_empty() {
                    "none".to_string()
                } else {
                    listed(denominators)
                }
            ),
        ),
        None => Verdict::new(
            Status::Consistent,
            format!(
                "{} % of {n} is a count of {}",
                percent.text,
                possible_counts
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ),
    };
    Ok((verdict, possible_counts))
}

impl Tabular for PercentCount {
    fn table(&self) -> Table {
        let dens: Vec<String> = self
            .possible_denominators
            .iter()
            .map(|d| d.to_string())
            .collect();
        key_value_table(
            CheckName::PercentCount,
            vec![
                ("percent", self.percent.as_str().into()),
                ("n", self.n.map_or(Cell::Missing, |n| (n as usize).into())),
                (
                    "count",
                    self.count.map_or(Cell::Missing, |k| (k as usize).into()),
                ),
                ("possible denominators", dens.join(" ").into()),
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

    #[test]
    fn the_searched_range_of_denominators_is_said() {
        // 92/104 = 88.46 %: beyond the default search, so the message must say where it stops.
        let c = percent_count(&rv("88.5"), None, None, 100, Rounding::UpOrDown).unwrap();
        assert!(
            c.detail.contains("every n from 1 to 100 searched"),
            "{}",
            c.detail
        );
        assert!(!c.possible_denominators.contains(&104));
        let c = percent_count(&rv("88.5"), None, None, 200, Rounding::UpOrDown).unwrap();
        assert!(c.possible_denominators.contains(&104));
        // 10.93 % needs 183 people at least (20/183 = 10.929 %; Python: the first n with a k/n
        // in [10.925, 10.935)); with no whole printed, that is no reason for suspicion.
        let c = percent_count(&rv("10.93"), None, None, 100, Rounding::UpOrDown).unwrap();
        assert!(c.possible_denominators.is_empty());
        assert_eq!(c.status, Status::NotApplicable, "{}", c.detail);
    }

    #[test]
    fn denominators_of_85_7_percent() {
        // R: n <- 1:100; n[sapply(n, function(N) any(abs(100*(0:N)/N - 85.7) <= 0.05+1e-9))]
        // →  7 14 21 28 35 42 49 56 63 70 77 84 91 98
        let d = possible_denominators(&rv("85.7"), 100, Rounding::UpOrDown).unwrap();
        assert_eq!(
            d,
            vec![7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98]
        );
    }

    #[test]
    fn denominators_of_71_percent() {
        // R: n[sapply(n, function(N) any(abs(100*(0:N)/N - 71) <= 0.5+1e-9))] for n <- 1:40
        // → 7 14 17 21 24 28 31 34 35 38
        let d = possible_denominators(&rv("71"), 40, Rounding::UpOrDown).unwrap();
        assert_eq!(d, vec![7, 14, 17, 21, 24, 28, 31, 34, 35, 38]);
    }

    #[test]
    fn scrutiny_percent_sequence() {
        // scrutiny tests/testthat/test-grim.R: grim(seq_endpoint(6, 16), 50, percent = TRUE)
        // == c(t,f,t,f,t,f,t,f,t,f,t): with n = 50 each person is 2 points.
        let expected = [
            true, false, true, false, true, false, true, false, true, false, true,
        ];
        for (i, e) in expected.into_iter().enumerate() {
            let p = (6 + i).to_string();
            let c = percent_count(&rv(&p), Some(50), None, 50, Rounding::UpOrDown).unwrap();
            assert_eq!(c.status.possible(), e, "{p} %");
        }
    }

    #[test]
    fn counts_are_checked_against_the_percentage() {
        // NMO: 5 of 7 relapse-free = 71.43 %.
        let c = percent_count(&rv("71.4"), Some(7), Some(5), 30, Rounding::UpOrDown).unwrap();
        assert!(c.status.possible());
        let c = percent_count(&rv("71.4"), Some(7), Some(6), 30, Rounding::UpOrDown).unwrap();
        assert_eq!(c.status, Status::Inconsistent);
        let c = percent_count(&rv("70"), Some(7), None, 30, Rounding::UpOrDown).unwrap();
        assert_eq!(c.status, Status::Inconsistent);
        // R: n[sapply(1:30, function(N) any(abs(100*(0:N)/N - 70) <= 0.5+1e-9))] → 10 20 23 27 30
        assert!(c.detail.contains("10, 20, 23, 27, 30"), "{}", c.detail);
    }
}
