//! GRIM, the granularity-related inconsistency of means (Brown & Heathers 2017, *Social
//! Psychological and Personality Science* 8(4):363–369).
//!
//! `n` values on a grid of step `h` have a sum that is a whole number of steps `k`, so their
//! mean is `k·h/n`. A reported mean is possible only if some such `k·h/n` rounds to it. For
//! the mean of `K` items the grid is `h/K`. When the possible means are closer together than
//! the reported precision (`h/n ≤ 10^−d`) every mean is possible and the test says nothing.

use super::exact::{IntRange, Rounding};
use super::{CheckName, Grid, Status, Verdict, fixed, key_value_table};
use crate::error::Result;
use crate::output::{Table, Tabular};
use crate::reported::ReportedNumber;
use serde::Serialize;

/// The GRIM verdict for one mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grim {
    /// The three-valued answer ([`Status::answer`]): `true` the numbers can be true together,
    /// `false` they cannot, `null` the check cannot say (not applicable).
    pub consistent: Option<bool>,
    /// The verdict and its explanation.
    pub status: Status,
    pub detail: String,
    /// The mean as written.
    pub mean: String,
    /// Sample size.
    pub n: u64,
    /// The grid step (after dividing by the number of items).
    pub step: f64,
    /// The possible sums, in steps, whose mean rounds to the reported one (empty when
    /// inconsistent; `first > last`).
    pub sums_in_steps: IntRange,
    /// The GRIM ratio as scrutiny defines it (`grim_ratio`): `(10^d − n/h) / 10^d` for `d`
    /// decimals and grid step `h` (`h = 1/items` on integer items, so `n/h = n·items` as in
    /// scrutiny). `n/h` means of `n` values fall in each unit and `10^d` printable values:
    /// the ratio is the share of printable values no mean can round to. Negative when the
    /// means are denser than the printed precision.
    pub ratio: f64,
    /// The GRIM probability (scrutiny's `grim_probability`): the ratio, or 0 when it is
    /// negative. Read as the chance that a mean with random last digits fails GRIM.
    pub probability: f64,
}

/// The GRIM ratio (scrutiny's `grim_ratio`) of a mean printed with `decimals` decimals, for
/// `n` values on `grid`: `(10^d − n/h) / 10^d`, computed exactly and rounded once.
///
/// ```
/// use trialstats_stats::checks::grim::grim_ratio;
/// use trialstats_stats::checks::Grid;
/// // scrutiny's grim_ratio: a two-decimal mean of 28 integers can take 28 of the 100 endings per
/// // unit, so (100 − 28)/100 = 0.72 of them fail GRIM; with 120 integers every ending is
/// // possible and the ratio, (100 − 120)/100, is below 0.
/// assert_eq!(grim_ratio(2, 28, Grid::INTEGER)?, 0.72);
/// assert!(grim_ratio(2, 120, Grid::INTEGER)? < 0.0);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn grim_ratio(decimals: u32, n: u64, grid: Grid) -> Result<f64> {
    use super::exact::mul;
    // (10^d − n·den/num) / 10^d = (10^d·num − n·den) / (10^d·num)
    let p10 = 10i128
        .checked_pow(decimals)
        .ok_or_else(|| crate::error::Error::numerical("too many decimals".into()))?;
    let bottom = mul(p10, grid.num)?;
    let top = bottom - mul(n as i128, grid.den)?;
    Ok(top as f64 / bottom as f64)
}

/// Run GRIM on `mean` (as written) for `n` values on `grid`, with ties rounded by `rule`.
///
/// ```
/// use trialstats_numerics::reported::ReportedNumber;
/// use trialstats_stats::checks::grim::grim;
/// use trialstats_stats::checks::input::grid;
/// use trialstats_stats::checks::Rounding;
/// // 28 patients on a 1-to-7 scale. One item: sums over 28, 145/28 = 5.18 and 146/28 = 5.21, so
/// // 5.19 is impossible. The mean of 3 items: sums over 84, and 436/84 = 5.1905 rounds to 5.19.
/// let mean = ReportedNumber::parse("5.19", "mean")?;
/// assert_eq!(grim(&mean, 28, grid("1", 1)?, Rounding::UpOrDown)?.consistent, Some(false));
/// assert_eq!(grim(&mean, 28, grid("1", 3)?, Rounding::UpOrDown)?.consistent, Some(true));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn grim(mean: &ReportedNumber, n: u64, grid: Grid, rule: Rounding) -> Result<Grim> {
    let n_i = n as i128;
    let sums = mean.integers_rounding_here(grid.num, super::exact::mul(grid.den, n_i)?, rule)?;
    let d = mean.decimals as usize;
    let informative =
        super::exact::mul(grid.num, mean.scale())? > super::exact::mul(grid.den, n_i)?;
    let verdict = if n == 0 {
        Verdict::new(Status::NotApplicable, "n is 0: there is no mean to test")
    } else if !sums.is_empty() {
        let k = sums.first;
        let example = fixed(grid.value_of(k) / n as f64, d + 3);
        if informative {
            Verdict::new(
                Status::Consistent,
                format!(
                    "{} is possible for n = {n} on steps of {}: e.g. a sum of {} gives {example}",
                    mean.text,
                    fmt_step(&grid),
                    fmt_sum(&grid, k)
                ),
            )
        } else {
            Verdict::new(
                Status::NotApplicable,
                format!(
                    "n = {n} on steps of {} makes every mean with {d} decimals possible; GRIM cannot test {}",
                    fmt_step(&grid),
                    mean.text
                ),
            )
        }
    } else {
        // What a possible sum's mean rounds to under the rule, as printed.
        let rounds_to = |k: i128| -> Result<String> {
            let num = super::exact::mul(k, grid.num)?;
            let den = super::exact::mul(grid.den, n_i)?;
            let values = super::exact::rounded_values(num, den, mean.decimals, rule)?;
            Ok(values
                .iter()
                .map(|x| fixed(*x as f64 / mean.scale() as f64, d))
                .collect::<Vec<_>>()
                .join(" or "))
        };
        // The nearest possible means on either side of the reported one.
        let below = sums.last;
        let above = sums.first;
        let m_below = grid.value_of(below) / n as f64;
        let m_above = grid.value_of(above) / n as f64;
        Verdict::new(
            Status::Inconsistent,
            format!(
                "{} is impossible for n = {n} on steps of {}: the nearest possible means are {} (sum {}) and {} (sum {}), which round to {} and {}{}",
                mean.text,
                fmt_step(&grid),
                fixed(m_below, d + 3),
                fmt_sum(&grid, below),
                fixed(m_above, d + 3),
                fmt_sum(&grid, above),
                rounds_to(below)?,
                rounds_to(above)?,
                if rule == Rounding::UpOrDown {
                    String::new()
                } else {
                    format!(" (rounding {})", rule.describe())
                },
            ),
        )
    };
    let ratio = grim_ratio(mean.decimals, n, grid)?;
    Ok(Grim {
        ratio,
        probability: ratio.max(0.0),
        consistent: verdict.status.answer(),
        status: verdict.status,
        detail: verdict.detail,
        mean: mean.text.clone(),
        n,
        step: grid.step(),
        sums_in_steps: sums,
    })
}

/// The step for a sentence: `1`, `0.5`, `1/3`.
pub(crate) fn fmt_step(grid: &Grid) -> String {
    let dec = grid.decimals();
    if dec < 4 || grid.den == 1 {
        fixed(grid.step(), dec)
    } else {
        format!("{}/{}", grid.num, grid.den)
    }
}

/// A sum of `k` steps for a sentence, in the scale's units.
pub(crate) fn fmt_sum(grid: &Grid, k: i128) -> String {
    fixed(grid.value_of(k), grid.decimals())
}

impl Tabular for Grim {
    fn table(&self) -> Table {
        key_value_table(
            CheckName::Grim,
            vec![
                ("mean", self.mean.as_str().into()),
                ("n", (self.n as usize).into()),
                ("step", self.step.into()),
                ("probability", self.probability.into()),
                ("ratio", self.ratio.into()),
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
    fn grid(step: &str, items: u32) -> Grid {
        Grid::new(&rv(step), items, "--step").unwrap()
    }
    fn ok(mean: &str, n: u64, g: Grid) -> bool {
        grim(&rv(mean), n, g, Rounding::UpOrDown)
            .unwrap()
            .status
            .possible()
    }

    #[test]
    fn worked_examples() {
        // 5.19 with n = 28 integer responses (scrutiny's tests: grim("5.19", 28) is FALSE):
        // 145/28 = 5.17857 → 5.18 and 146/28 = 5.21429 → 5.21.
        let g = grim(&rv("5.19"), 28, Grid::INTEGER, Rounding::UpOrDown).unwrap();
        assert_eq!(g.status, Status::Inconsistent);
        assert!(
            g.detail.contains("5.17857") && g.detail.contains("5.21429"),
            "{}",
            g.detail
        );
        // The Economist (18 June 2016, "Come again") describing Brown & Heathers' test: 49
        // participants on a 1–7 scale, mean 5.93: 5.93·49 = 290.57, and [5.925, 5.935]·49 =
        // [290.325, 290.815] holds no integer. Impossible.
        assert!(!ok("5.93", 49, Grid::INTEGER));
        // Wikipedia, "GRIM test", example: a die rolled 20 times, mean reported as 3.48: any
        // k/20 at two decimals ends in 0 or 5. Impossible; 3.45 (69/20) is possible.
        assert!(!ok("3.48", 20, Grid::INTEGER));
        assert!(ok("3.45", 20, Grid::INTEGER));
    }

    #[test]
    fn scrutiny_reference_sequences() {
        // scrutiny tests/testthat/test-grim.R (up_or_down rounding):
        // grim(seq_endpoint(5.19, 5.30), 28) == c(f,f,t,f,f,f,t,f,f,f,t,f)
        let means = [
            "5.19", "5.20", "5.21", "5.22", "5.23", "5.24", "5.25", "5.26", "5.27", "5.28", "5.29",
            "5.30",
        ];
        let expected = [
            false, false, true, false, false, false, true, false, false, false, true, false,
        ];
        for (m, e) in means.iter().zip(expected) {
            assert_eq!(ok(m, 28, Grid::INTEGER), e, "mean {m}");
        }
        // grim(seq_endpoint(0.150, 0.159), 120, items = 3) == c(t,f,f,t,f,f,t,f,t,f)
        let expected = [
            true, false, false, true, false, false, true, false, true, false,
        ];
        for (i, e) in expected.into_iter().enumerate() {
            let m = format!("0.{}", 150 + i);
            assert_eq!(ok(&m, 120, grid("1", 3)), e, "mean {m}");
        }
        // grim(seq_endpoint(0.80, 0.89), 28, items = 2) == c(t,f,t,f,t,f,t,t,t,t)
        // (0.87 needs the tie 49/56 = 0.875 rounded down: consistent under up-or-down).
        let expected = [
            true, false, true, false, true, false, true, true, true, true,
        ];
        for (i, e) in expected.into_iter().enumerate() {
            let m = format!("0.{}", 80 + i);
            assert_eq!(ok(&m, 28, grid("1", 2)), e, "mean {m}");
        }
    }

    #[test]
    fn scrutiny_pigs1_data() {
        // scrutiny's pigs1 data (data/pigs1.rda). Reference: R,
        //   load("pigs1.rda"); k <- 0:(20*n); any(abs(k/n - x) <= 0.005 + 1e-9)
        // gives T F F F F T F T F F T F; by hand, x·n must be within 0.005·n of an integer:
        // 7.22·32 = 231.04 ✓; 4.74·25 = 118.5 (118/25 = 4.72, 119/25 = 4.76) ✗;
        // 5.23·29 = 151.67 (152/29 = 5.2414) ✗; 2.57·24 = 61.68 (62/24 = 2.5833) ✗;
        // 6.77·27 = 182.79 (183/27 = 6.7778 → 6.78) ✗; 2.68·28 = 75.04 ✓; 7.01·29 = 203.29
        // (203/29 = 7.0000) ✗; 7.38·26 = 191.88 (192/26 = 7.3846 → 7.38) ✓; 3.14·27 = 84.78
        // (85/27 = 3.1481) ✗; 6.89·31 = 213.59 (214/31 = 6.9032) ✗; 5.00·25 ✓; 0.24·28 = 6.72
        // (7/28 = 0.25) ✗.
        let cases = [
            ("7.22", 32, true),
            ("4.74", 25, false),
            ("5.23", 29, false),
            ("2.57", 24, false),
            ("6.77", 27, false),
            ("2.68", 28, true),
            ("7.01", 29, false),
            ("7.38", 26, true),
            ("3.14", 27, false),
            ("6.89", 31, false),
            ("5.00", 25, true),
            ("0.24", 28, false),
        ];
        for (m, n, e) in cases {
            assert_eq!(ok(m, n, Grid::INTEGER), e, "mean {m}, n {n}");
        }
    }

    #[test]
    fn nmo_means_are_possible() {
        // Relapse rate 0.4 (counts, n = 7): sums in [0.35·7, 0.45·7] = [2.45, 3.15] → 3 (3/7 = 0.4286).
        assert!(ok("0.4", 7, Grid::INTEGER));
        // EDSS 5.1 on 0.5 steps: sums of half-points k/14 ∈ [5.05, 5.15] → k = 71, 72 (5.0714, 5.1429).
        // Possible means are 1/14 = 0.0714 apart, closer than 0.1, so every one-decimal mean
        // is possible: GRIM cannot test EDSS means with n = 7.
        let g = grim(&rv("5.1"), 7, grid("0.5", 1), Rounding::UpOrDown).unwrap();
        assert_eq!((g.sums_in_steps.first, g.sums_in_steps.last), (71, 72));
        assert_eq!(g.status, Status::NotApplicable);
        // EDSS 4.1: k/14 ∈ [4.05, 4.15] → k = 57, 58.
        assert!(ok("4.1", 7, grid("0.5", 1)));
        // Pain 3.0: sum 21; 0.9: 6/7 = 0.857; fatigue 6.1: 43/7 = 6.143; 3.0: 21.
        for m in ["3.0", "0.9", "6.1"] {
            assert!(ok(m, 7, Grid::INTEGER), "{m}");
        }
        // Counter-example with the same n: 0.5 needs k/7 ∈ [0.45, 0.55] = [3.15, 3.85]: none.
        assert!(!ok("0.5", 7, Grid::INTEGER));
    }

    #[test]
    fn large_n_is_not_testable_and_decimals_matter() {
        let g = grim(&rv("3.17"), 150, Grid::INTEGER, Rounding::UpOrDown).unwrap();
        assert_eq!(g.status, Status::NotApplicable);
        // "3.0" (one decimal) and "3.00" (two) differ: n = 7 gives 21/7 = 3 for both, but
        // 3.10 with n = 7 is impossible (22/7 = 3.142857 → 3.14) while 3.1 is possible.
        assert!(ok("3.1", 7, Grid::INTEGER));
        assert!(!ok("3.10", 7, Grid::INTEGER));
    }

    #[test]
    fn rounding_rules_differ_only_at_ties() {
        // 49/56 = 0.875 exactly (n = 28, two items): 0.87 only if ties may round down.
        let g = grid("1", 2);
        let run = |m: &str, r| grim(&rv(m), 28, g, r).unwrap().status.possible();
        assert!(run("0.87", Rounding::UpOrDown));
        assert!(!run("0.87", Rounding::HalfUp));
        assert!(!run("0.87", Rounding::HalfEven)); // 0.875 → 0.88 (8 is even)
        assert!(run("0.88", Rounding::HalfUp));
        assert!(run("0.88", Rounding::HalfEven));
    }
}
