//! GRIMMER, granularity-related inconsistency of means mapped to error repeats (Anaya 2016,
//! PeerJ Preprints 4:e2400; the analytic form of Allard 2018, "Analytic-GRIMMER").
//!
//! For `n` values on a grid of step `h`, write each value as `u·h` with `u` an integer. The
//! sum `T = Σu` is fixed by the mean (GRIM), and the sum of squares `Q = Σu²` by the SD:
//! `Q = (n − 1)·(SD/h)² + T²/n`. A reported SD is possible only if, for some possible `T`,
//! an integer `Q` gives an SD that rounds to it (Allard's test 1), `Q` has the parity of `T`
//! (as `u² ≡ u mod 2`; test 3), and `Q` is at least the sum of squares of the most even
//! spread of `T` over `n` values. An SEM is read as `SD = SEM·√n`, so `SD² = n·SEM²` stays
//! exact. All arithmetic is exact (integers), so there is no floating-point tolerance.
//!
//! GRIMMER is necessary, not sufficient: passing it does not prove a sample exists; SPRITE's
//! exhaustive search ([`super::sprite`]) settles small cases completely.

use super::exact::{IntRange, Rounding, add, div_ceil, div_floor, min_sum_of_squares, mul};
use super::grim::{fmt_step, fmt_sum, grim};
use super::{CheckName, Grid, Status, Verdict, fixed, key_value_table};
use crate::error::Result;
use crate::output::{Table, Tabular};
use crate::reported::ReportedNumber;
use crate::reported::SpreadKind;
use serde::Serialize;

/// The largest number of possible sums GRIMMER walks through; beyond it every SD is possible
/// at the reported precision and the test is not applicable.
const MAX_SUMS: i128 = 1_000_000;

/// The integer sums of squares `Q` (in grid steps squared) of `n` values with sum `sum`
/// (in steps) whose spread rounds to `spread` under `rule`: an inclusive range, not yet
/// restricted by parity, the minimum for `sum`, or scale bounds.
pub fn sums_of_squares(
    sum: i128,
    n: u64,
    spread: &ReportedNumber,
    kind: SpreadKind,
    grid: Grid,
    rule: Rounding,
) -> Result<IntRange> {
    let n = n as i128;
    let sq = spread.squared_interval(rule)?;
    // An SEM reading squares to SD² = n·SEM²; the callers have checked the kind is definite.
    let factor = match kind {
        SpreadKind::Sem => n,
        SpreadKind::Sd | SpreadKind::NotReported => 1,
    };
    // Q = (n−1)·factor·s²·den²/num² + T²/n with s² = s2_num/E²: common denominator n·E²·num².
    let common = mul(mul(n, sq.den)?, mul(grid.num, grid.num)?)?;
    let spread_part = mul(mul(n, n - 1)?, mul(factor, mul(grid.den, grid.den)?)?)?;
    let sum_part = mul(mul(sum, sum)?, mul(sq.den, mul(grid.num, grid.num)?)?)?;
    let lo_num = add(mul(spread_part, sq.lo_num)?, sum_part)?;
    let hi_num = add(mul(spread_part, sq.hi_num)?, sum_part)?;
    let mut first = div_ceil(lo_num, common);
    let mut last = div_floor(hi_num, common);
    if mul(first, common)? == lo_num && !sq.lo_included {
        first += 1;
    }
    if mul(last, common)? == hi_num && !sq.hi_included {
        last -= 1;
    }
    Ok(IntRange { first, last })
}

/// For messages: the (real) sum of squares, in steps squared, at which the spread would be
/// `s` (an end of its rounding interval).
fn q_for(t: i128, n: u64, s: f64, kind: SpreadKind, grid: Grid) -> f64 {
    let s = s.max(0.0);
    let nf = n as f64;
    let sd = kind.to_sd(s, nf) / grid.step();
    (nf - 1.0) * sd * sd + (t as f64) * (t as f64) / nf
}

/// The smallest `Q ≥ from` with the parity of `sum`, if it is at most `to`.
pub fn first_with_parity(from: i128, to: i128, sum: i128) -> Option<i128> {
    let q = if (from - sum).rem_euclid(2) == 0 {
        from
    } else {
        from + 1
    };
    (q <= to).then_some(q)
}

/// The spread (SD or SEM) of `n` values with sum `t` and sum of squares `q` in steps.
pub fn spread_of(t: i128, q: i128, n: u64, kind: SpreadKind, grid: Grid) -> f64 {
    let nf = n as f64;
    let var_steps = (q as f64 - (t as f64) * (t as f64) / nf) / (nf - 1.0);
    let sd = var_steps.max(0.0).sqrt() * grid.step();
    match kind {
        SpreadKind::Sem => sd / nf.sqrt(),
        SpreadKind::Sd | SpreadKind::NotReported => sd,
    }
}

/// The GRIMMER verdict for one mean and spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grimmer {
    /// The three-valued answer ([`Status::answer`]): `true` the numbers can be true together,
    /// `false` they cannot, `null` the check cannot say (not applicable).
    pub consistent: Option<bool>,
    pub status: Status,
    pub detail: String,
    /// Which of the tests failed first: `grim`, `integer_sum_of_squares` (Allard's test 1),
    /// `below_minimum_sd`, `parity` (Allard's test 3); `null` when consistent.
    pub failed_test: Option<&'static str>,
    pub mean: String,
    pub spread: String,
    pub spread_kind: SpreadKind,
    pub n: u64,
    pub step: f64,
    /// One sum and sum of squares (in steps) that reproduce mean and spread, if any.
    pub example_sum: Option<i128>,
    pub example_sum_of_squares: Option<i128>,
}

/// Run GRIMMER on `mean` and `spread` (as written) for `n` values on `grid`.
///
/// ```
/// use trialstats_numerics::reported::{ReportedNumber, SpreadKind};
/// use trialstats_stats::checks::grimmer::grimmer;
/// use trialstats_stats::checks::{Grid, Rounding};
/// // Allard's (2018) aGrimmer(), as scrutiny's tests run it: mean 1.91, SD 1.65 of 33
/// // integers is consistent, mean 1.71, SD 2.15 of 36 is not (tests/checks_allard_grimmer.rs).
/// let check = |m: &str, s: &str, n| -> trialstats_stats::Result<Option<bool>> {
///     let (m, s) = (ReportedNumber::parse(m, "mean")?, ReportedNumber::parse(s, "sd")?);
///     Ok(grimmer(&m, &s, SpreadKind::Sd, n, Grid::INTEGER, Rounding::UpOrDown)?.consistent)
/// };
/// assert_eq!(check("1.91", "1.65", 33)?, Some(true));
/// assert_eq!(check("1.71", "2.15", 36)?, Some(false));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn grimmer(
    mean: &ReportedNumber,
    spread: &ReportedNumber,
    kind: SpreadKind,
    n: u64,
    grid: Grid,
    rule: Rounding,
) -> Result<Grimmer> {
    let kind = super::definite(kind)?;
    let g = grim(mean, n, grid, rule)?;
    let mut out = Grimmer {
        consistent: None,
        status: Status::NotApplicable,
        detail: String::new(),
        failed_test: None,
        mean: mean.text.clone(),
        spread: spread.text.clone(),
        spread_kind: kind,
        n,
        step: grid.step(),
        example_sum: None,
        example_sum_of_squares: None,
    };
    let label = kind.as_str();
    let verdict = if n < 2 {
        Verdict::new(
            Status::NotApplicable,
            format!("n = {n}: an {label} needs at least 2 values"),
        )
    } else if spread.scaled < 0 {
        out.failed_test = Some("negative");
        Verdict::new(
            Status::Inconsistent,
            format!("an {label} cannot be negative ({})", spread.text),
        )
    } else if g.status == Status::Inconsistent {
        out.failed_test = Some("grim");
        Verdict::new(
            Status::Inconsistent,
            format!("the mean fails GRIM: {}", g.detail),
        )
    } else if g.sums_in_steps.len() > MAX_SUMS {
        Verdict::new(
            Status::NotApplicable,
            format!(
                "n = {n} is too large for the reported precision: GRIM and GRIMMER cannot test {} ± {}",
                mean.text, spread.text
            ),
        )
    } else {
        let SumSearch {
            found,
            first_failure,
        } = first_fitting_sum(&g.sums_in_steps, n, spread, kind, grid, rule)?;
        match (found, first_failure) {
            (Some((t, q)), _) => {
                out.example_sum = Some(t);
                out.example_sum_of_squares = Some(q);
                Verdict::new(
                    Status::Consistent,
                    format!(
                        "{} ± {} ({label}) is possible for n = {n} on steps of {}: sum {} and sum of squares {} (in steps) give mean {} and {label} {}",
                        mean.text,
                        spread.text,
                        fmt_step(&grid),
                        t,
                        q,
                        fixed(grid.value_of(t) / n as f64, mean.decimals as usize + 3),
                        fixed(spread_of(t, q, n, kind, grid), spread.decimals as usize + 3)
                    ),
                )
            }
            (None, Some((test, why))) => {
                out.failed_test = Some(test);
                Verdict::new(
                    Status::Inconsistent,
                    format!(
                        "{} ± {} ({label}) is impossible for n = {n}: {why}",
                        mean.text, spread.text
                    ),
                )
            }
            (None, None) => Verdict::new(Status::NotApplicable, "no possible sum to test"),
        }
    };
    out.consistent = verdict.status.answer();
    out.status = verdict.status;
    out.detail = verdict.detail;
    Ok(out)
}

/// A failure of GRIMMER at one sum: the test that failed and why.
type Failure = (&'static str, String);

/// What the tests at one possible sum found.
enum SumTest {
    /// A sum of squares (in steps) that passes every test.
    Fits(i128),
    /// The first test that fails, with why.
    Fails(Failure),
}

/// The tests at sum `t` (in steps): the first sum of squares that passes them all, or the
/// first test that fails (Allard's test 1, the minimum SD, Allard's test 3 parity).
fn test_sum(
    t: i128,
    n: u64,
    spread: &ReportedNumber,
    kind: SpreadKind,
    grid: Grid,
    rule: Rounding,
) -> Result<SumTest> {
    let range = sums_of_squares(t, n, spread, kind, grid, rule)?;
    // ok: n ≥ 2 here and the bounds are unbounded, so a minimum always exists.
    let q_min = min_sum_of_squares(n as i128, t, i128::MIN / 4, i128::MAX / 4).unwrap_or(0);
    let label = kind.as_str();
    Ok(if range.is_empty() {
        SumTest::Fails((
            "integer_sum_of_squares",
            format!(
                "with sum {}, no whole-number sum of squares gives an {label} that rounds to {} (it would need one between {} and {}, in steps squared)",
                fmt_sum(&grid, t),
                spread.text,
                fixed(q_for(t, n, spread.rounding_bounds(rule).0, kind, grid), 3),
                fixed(q_for(t, n, spread.rounding_bounds(rule).1, kind, grid), 3),
            ),
        ))
    } else if range.last < q_min {
        SumTest::Fails((
            "below_minimum_sd",
            format!(
                "with sum {}, the smallest possible {label} is {} (values as equal as the grid allows), above {}",
                fmt_sum(&grid, t),
                fixed(
                    spread_of(t, q_min, n, kind, grid),
                    spread.decimals as usize + 3
                ),
                spread.text
            ),
        ))
    } else {
        let from = range.first.max(q_min);
        match first_with_parity(from, range.last, t) {
            Some(q) => SumTest::Fits(q),
            None => SumTest::Fails((
                "parity",
                format!(
                    "with sum {} ({} in steps of {}), the only sums of squares that fit ({}) are {}, but integers with an {} sum have an {} sum of squares",
                    fmt_sum(&grid, t),
                    t,
                    fmt_step(&grid),
                    (from..=range.last)
                        .map(|q| q.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    if t % 2 == 0 { "odd" } else { "even" },
                    if t % 2 == 0 { "even" } else { "odd" },
                    if t % 2 == 0 { "even" } else { "odd" },
                ),
            )),
        }
    })
}

/// What the walk over the possible sums found.
struct SumSearch {
    /// The first sum and a sum of squares (in steps) that pass every test.
    found: Option<(i128, i128)>,
    /// The failure at the first sum, when it failed.
    first_failure: Option<Failure>,
}

/// The first sum in `sums` with a sum of squares that passes every test (that sum and sum of
/// squares), else the failure at the first sum.
fn first_fitting_sum(
    sums: &IntRange,
    n: u64,
    spread: &ReportedNumber,
    kind: SpreadKind,
    grid: Grid,
    rule: Rounding,
) -> Result<SumSearch> {
    let mut first_failure: Option<Failure> = None;
    for t in sums.first..=sums.last {
        match test_sum(t, n, spread, kind, grid, rule)? {
            SumTest::Fits(q) => {
                return Ok(SumSearch {
                    found: Some((t, q)),
                    first_failure,
                });
            }
            SumTest::Fails(failure) => {
                if first_failure.is_none() {
                    first_failure = Some(failure);
                }
            }
        }
    }
    Ok(SumSearch {
        found: None,
        first_failure,
    })
}

impl Tabular for Grimmer {
    fn table(&self) -> Table {
        key_value_table(
            CheckName::Grimmer,
            vec![
                ("mean", self.mean.as_str().into()),
                (self.spread_kind.as_str(), self.spread.as_str().into()),
                ("n", (self.n as usize).into()),
                ("step", self.step.into()),
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
    fn run(mean: &str, sd: &str, n: u64, grid: Grid) -> Grimmer {
        grimmer(
            &rv(mean),
            &rv(sd),
            SpreadKind::Sd,
            n,
            grid,
            Rounding::UpOrDown,
        )
        .unwrap()
    }

    #[test]
    fn scrutiny_pigs5_reference() {
        // scrutiny tests/testthat/test-grimmer-map.R: grimmer_map(pigs5) gives consistency
        // F T F T F T F T F T T T with reasons GRIM (1, 5, 7, 9) and "GRIMMER inconsistent
        // (test 3)" (parity) for case 3.
        let cases = [
            ("7.22", "5.30", 38, Some("grim")),
            ("4.74", "6.55", 31, None),
            ("5.23", "2.55", 35, Some("parity")),
            ("2.57", "2.57", 30, None),
            ("6.77", "2.18", 33, Some("grim")),
            ("2.68", "2.59", 34, None),
            ("7.01", "6.68", 35, Some("grim")),
            ("7.38", "3.65", 32, None),
            ("3.14", "5.32", 33, Some("grim")),
            ("6.89", "4.18", 37, None),
            ("5.00", "2.18", 31, None),
            ("0.24", "6.43", 34, None),
        ];
        for (m, s, n, failed) in cases {
            let g = run(m, s, n, Grid::INTEGER);
            assert_eq!(g.failed_test, failed, "{m} ± {s}, n = {n}: {}", g.detail);
            assert_eq!(g.status.possible(), failed.is_none());
        }
    }

    #[test]
    fn case_3_by_hand() {
        // 5.23 ± 2.55, n = 35: sum ∈ [5.225·35, 5.235·35] = [182.875, 183.225] → 183.
        // Q ∈ 34·[2.545², 2.555²] + 183²/35 = [220.22, 221.95] + 956.83 = [1177.05, 1178.78]
        // → only 1178, even; 183 is odd, so Σu² must be odd. Impossible.
        let g = run("5.23", "2.55", 35, Grid::INTEGER);
        assert!(g.detail.contains("(1178)"), "{}", g.detail);
    }

    #[test]
    fn nmo_summaries_by_hand() {
        // Relapses after 1 year, 0.4 ± 0.8, n = 7: T = 3; Q ∈ 6·[0.75², 0.85²] + 9/7
        // = [4.661, 5.621] → 5 (odd like T). SD = √((5 − 9/7)/6) = 0.7868 → 0.8.
        let g = run("0.4", "0.8", 7, Grid::INTEGER);
        assert_eq!(
            (g.example_sum, g.example_sum_of_squares),
            (Some(3), Some(5))
        );
        // Pain 3.0 ± 1.5: T = 21; Q ∈ 6·[1.45², 1.55²] + 63 = [75.615, 77.415] → 76, 77; odd → 77.
        let g = run("3.0", "1.5", 7, Grid::INTEGER);
        assert_eq!(
            (g.example_sum, g.example_sum_of_squares),
            (Some(21), Some(77))
        );
        // Pain 0.9 ± 1.2: T = 6; Q ∈ 6·[1.15², 1.25²] + 36/7 = [13.078, 14.518] → 14 (even ✓).
        let g = run("0.9", "1.2", 7, Grid::INTEGER);
        assert_eq!(g.example_sum_of_squares, Some(14));
        // Fatigue 6.1 ± 2.0: T = 43; Q ∈ 6·[1.95², 2.05²] + 1849/7 = [286.96, 289.36] → 287.
        let g = run("6.1", "2.0", 7, Grid::INTEGER);
        assert_eq!(g.example_sum_of_squares, Some(287));
        // Fatigue 3.0 ± 1.4: T = 21; Q ∈ 6·[1.35², 1.45²] + 63 = [73.935, 75.615] → 75.
        let g = run("3.0", "1.4", 7, Grid::INTEGER);
        assert_eq!(g.example_sum_of_squares, Some(75));
        // EDSS 5.1 ± 1.7 on half points (u = 2·EDSS): T = 71; Q ∈ 6·[3.3², 3.5²] + 71²/7
        // = [65.34, 73.5] + 720.14 = [785.48, 793.64] → 787 (odd like 71).
        let half = Grid::new(&rv("0.5"), 1, "--step").unwrap();
        let g = run("5.1", "1.7", 7, half);
        assert_eq!(
            (g.example_sum, g.example_sum_of_squares),
            (Some(71), Some(787))
        );
        // EDSS 4.1 ± 1.6: T = 57; Q ∈ 6·[3.1², 3.3²] + 57²/7 = [57.66, 65.34] + 464.14
        // = [521.8, 529.48] → 523 (odd like 57).
        let g = run("4.1", "1.6", 7, half);
        assert_eq!(
            (g.example_sum, g.example_sum_of_squares),
            (Some(57), Some(523))
        );
    }

    #[test]
    fn impossible_sds_for_small_n() {
        // 0.4 ± 0.5, n = 7: T = 3, Q ∈ 6·[0.45², 0.55²] + 9/7 = [2.501, 3.101] → 3 (odd ✓),
        // but Q = 3 with T = 3 means three 1s: SD = √((3 − 9/7)/6) = 0.5345 → 0.5. Possible.
        assert!(run("0.4", "0.5", 7, Grid::INTEGER).status.possible());
        // 0.4 ± 0.6: Q ∈ 6·[0.55², 0.65²] + 9/7 = [3.101, 3.821]: no integer (test 1).
        let g = run("0.4", "0.6", 7, Grid::INTEGER);
        assert_eq!(g.failed_test, Some("integer_sum_of_squares"));
        // 3.0 ± 0.0 with n = 7 is possible (all 3s); 0.4 ± 0.0 is not (SD at least 0.5345).
        assert!(run("3.0", "0.0", 7, Grid::INTEGER).status.possible());
        assert!(!run("0.4", "0.0", 7, Grid::INTEGER).status.possible());
    }

    #[test]
    fn sem_is_read_as_sd_over_root_n() {
        // 3.0 ± 0.58 (SEM), n = 7: SD = 0.58·√7 ∈ [0.575·√7, 0.585·√7] = [1.5213, 1.5478];
        // Q = 6·SD² + 63 ∈ [76.886, 77.374] → 77 (odd ✓): consistent (SD = 1.5275).
        let g = grimmer(
            &rv("3.0"),
            &rv("0.58"),
            SpreadKind::Sem,
            7,
            Grid::INTEGER,
            Rounding::UpOrDown,
        )
        .unwrap();
        assert_eq!(g.example_sum_of_squares, Some(77));
        // 0.60 (SEM): SD ∈ [0.595·√7, 0.605·√7] → Q ∈ [77.869, 78.373]: none.
        let g = grimmer(
            &rv("3.0"),
            &rv("0.60"),
            SpreadKind::Sem,
            7,
            Grid::INTEGER,
            Rounding::UpOrDown,
        )
        .unwrap();
        assert!(!g.status.possible());
    }
}
