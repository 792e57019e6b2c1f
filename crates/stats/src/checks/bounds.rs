//! Scale bounds: the mean must lie inside the scale, and on a bounded scale the SD can be no
//! larger than when the values are pushed to the two ends. Also flags a spread labelled SD
//! that looks like an SEM (or the reverse).
//!
//! Largest SD. For `n` values in `[a, b]` with mean `m`, the sample variance is largest when
//! the values sit at `a` and `b`: `Var ≤ (m − a)(b − m)·n/(n − 1)` (the Bhatia–Davis
//! inequality, Bhatia & Davis 2000, *Amer. Math. Monthly* 107:353, with the `n/(n − 1)`
//! sample correction). On a grid the bound is exact: the largest sum of squares of `n` grid
//! values with sum `T` puts `k` values at `b`, one in between and the rest at `a`. With a grid
//! the check is exact integer arithmetic (as GRIMMER); without one (continuous scale) it uses
//! the Bhatia–Davis bound in floating point with the mean at the point of its rounding
//! interval that allows the largest SD.
//!
//! SD or SEM (a heuristic, reported as a warning only): a spread labelled SD that is below
//! [`SEM_LIKE_FRACTION`] of the largest SD the scale allows, while the same number read as an
//! SEM (`SD = SEM·√n`) would be an ordinary SD, is flagged; a spread labelled SEM whose SD
//! reading (`SEM·√n`) exceeds the largest possible SD is flagged too (and fails the bounds
//! check as an SEM).

use super::exact::{IntRange, Rounding, max_sum_of_squares, mul};
use super::grim::grim;
use super::grimmer::{spread_of, sums_of_squares};
use super::{CheckName, Grid, Status, Verdict, definite, fixed, key_value_table};
use crate::error::Result;
use crate::output::{Cell, Table, Tabular};
use crate::reported::ReportedNumber;
use crate::reported::Scale;
use crate::reported::SpreadKind;
use serde::Serialize;

/// A labelled SD smaller than this fraction of the largest possible SD is suspicious of
/// being an SEM (when its SEM reading is possible).
pub const SEM_LIKE_FRACTION: f64 = 0.1;

/// Most possible sums walked through exactly.
const MAX_SUMS: i128 = 1_000_000;

/// The bounds verdict for one mean and spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bounds {
    /// The three-valued answer ([`Status::answer`]): `true` the numbers can be true together,
    /// `false` they cannot, `null` the check cannot say (not applicable).
    pub consistent: Option<bool>,
    pub status: Status,
    pub detail: String,
    /// Whether the mean can lie inside the scale.
    pub mean_inside: bool,
    /// Whether the spread is at most the largest possible.
    pub spread_possible: Option<bool>,
    /// The largest SD possible for this mean and n on this scale (`null` on an open scale).
    pub largest_sd: Option<f64>,
    pub mean: String,
    pub spread: Option<String>,
    pub spread_kind: SpreadKind,
    pub n: u64,
    pub min: Option<String>,
    pub max: Option<String>,
    /// Whether the spread looks like the other kind (SD vs SEM); `null` without a spread.
    pub sd_or_sem: Option<Verdict>,
}

/// ```
/// use trialstats_numerics::reported::{ReportedNumber, Scale, SpreadKind};
/// use trialstats_stats::checks::Rounding;
/// use trialstats_stats::checks::bounds::bounds;
/// // EDSS runs from 0 to 10 in steps of 0.5. Of all samples of seven EDSS scores whose mean
/// // rounds to 9.8, the most spread is 8.5 and six 10s, SD 0.567 (every sample enumerated by
/// // hand in Python), so 9.8 ± 4.5 cannot be seven EDSS scores; a mean of 10.5 is outside.
/// let n = |s: &str| ReportedNumber::parse(s, "x");
/// let edss = Scale::new(Some(n("0")?), Some(n("10")?), Some(n("0.5")?)).unwrap();
/// let b = bounds(&n("9.8")?, Some(&n("4.5")?), SpreadKind::Sd, 7, &edss, Rounding::UpOrDown)?;
/// assert_eq!(b.consistent, Some(false));
/// let outside = bounds(&n("10.5")?, None, SpreadKind::Sd, 7, &edss, Rounding::UpOrDown)?;
/// assert!(!outside.mean_inside);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
/// Check `mean` (and `spread`, if reported) against the scale.
pub fn bounds(
    mean: &ReportedNumber,
    spread: Option<&ReportedNumber>,
    kind: SpreadKind,
    n: u64,
    scale: &Scale,
    rule: Rounding,
) -> Result<Bounds> {
    let kind = definite(kind)?;
    let (mean_inside, largest_sd, spread_possible) = match scale.grid("{field:step}")? {
        Some(grid) => on_grid(mean, spread, kind, n, grid, scale, rule)?,
        None => continuous(mean, spread, kind, n, scale),
    };
    let range = format!(
        "[{}, {}]",
        scale.min.as_ref().map_or("-∞", |v| v.text.as_str()),
        scale.max.as_ref().map_or("∞", |v| v.text.as_str())
    );
    let label = kind.as_str();
    let verdict = if !mean_inside {
        Verdict::new(
            Status::Inconsistent,
            format!("the mean {} cannot lie inside the scale {range}", mean.text),
        )
    } else {
        match (spread, spread_possible, largest_sd) {
            (Some(s), Some(false), Some(big)) => Verdict::new(
                Status::Inconsistent,
                format!(
                    "{label} {} is larger than possible: with mean {} and n = {n} on {range} the SD is at most {}{}",
                    s.text,
                    mean.text,
                    fixed(big, s.decimals as usize + 2),
                    if kind == SpreadKind::Sem {
                        format!(
                            " (SEM at most {})",
                            fixed(big / (n as f64).sqrt(), s.decimals as usize + 2)
                        )
                    } else {
                        String::new()
                    }
                ),
            ),
            (Some(s), _, Some(big)) => Verdict::new(
                Status::Consistent,
                format!(
                    "mean {} inside {range}; {label} {} within the largest possible SD {}",
                    mean.text,
                    s.text,
                    fixed(big, s.decimals as usize + 2)
                ),
            ),
            (Some(_), _, _) if n < 2 => Verdict::new(
                Status::Consistent,
                format!(
                    "mean {} can lie inside {range}; a spread needs n ≥ 2, so it is not checked",
                    mean.text
                ),
            ),
            (Some(_), _, _) => Verdict::new(
                Status::Consistent,
                format!(
                    "mean {} can lie inside {range}; the SD has no upper limit on a scale open at both ends",
                    mean.text
                ),
            ),
            (None, _, _) => Verdict::new(
                Status::Consistent,
                format!("mean {} can lie inside {range}", mean.text),
            ),
        }
    };
    Ok(Bounds {
        consistent: verdict.status.answer(),
        status: verdict.status,
        detail: verdict.detail,
        mean_inside,
        spread_possible,
        largest_sd,
        mean: mean.text.clone(),
        spread: spread.map(|s| s.text.clone()),
        spread_kind: kind,
        n,
        min: scale.min.as_ref().map(|v| v.text.clone()),
        max: scale.max.as_ref().map(|v| v.text.clone()),
        sd_or_sem: spread.map(|s| sd_or_sem(s, kind, n, largest_sd)),
    })
}

/// Exact check on a grid: (mean inside, largest SD, spread possible).
fn on_grid(
    mean: &ReportedNumber,
    spread: Option<&ReportedNumber>,
    kind: SpreadKind,
    n: u64,
    grid: Grid,
    scale: &Scale,
    rule: Rounding,
) -> Result<(bool, Option<f64>, Option<bool>)> {
    let (lo, hi) = scale.bounds_in_steps(Some(grid))?;
    let n_i = n as i128;
    let sums = grim(mean, n, grid, rule)?.sums_in_steps;
    if sums.is_empty() || n == 0 {
        // No sum of n values on the grid gives this mean (GRIM says so): whether the mean
        // itself can lie inside the scale is then a question of its rounding interval alone.
        let (inside, _, _) = continuous(mean, None, kind, n, scale);
        return Ok((inside, None, None));
    }
    let inside = sums.intersect(&IntRange {
        first: match lo {
            Some(l) => mul(l, n_i)?,
            None => i128::MIN,
        },
        last: match hi {
            Some(h) => mul(h, n_i)?,
            None => i128::MAX,
        },
    });
    if inside.is_empty() {
        return Ok((false, None, None));
    }
    if (lo.is_none() && hi.is_none()) || n < 2 || inside.len() > MAX_SUMS {
        return Ok((true, None, None));
    }
    let mut largest: f64 = 0.0;
    let mut possible = false;
    for t in inside.first..=inside.last {
        // The values lie in [lo, hi]; an open end is as far as one value can go when the
        // other n − 1 sit at the closed one (the sum t is fixed).
        let (a, b) = match (lo, hi) {
            (Some(l), Some(h)) => (l, h),
            (Some(l), None) => (l, t - (n_i - 1) * l),
            (None, Some(h)) => (t - (n_i - 1) * h, h),
            (None, None) => return Ok((true, None, None)),
        };
        // ok: t lies in [n·a, n·b], so the maximum exists.
        let q_max = max_sum_of_squares(n_i, t, a, b).unwrap_or(0);
        largest = largest.max(spread_of(t, q_max, n, SpreadKind::Sd, grid));
        if let Some(s) = spread {
            if sums_of_squares(t, n, s, kind, grid, rule)?.first <= q_max {
                possible = true;
            }
        }
    }
    Ok((true, Some(largest), spread.map(|_| possible)))
}

/// Floating-point check on a continuous scale: (mean inside, largest SD, spread possible).
fn continuous(
    mean: &ReportedNumber,
    spread: Option<&ReportedNumber>,
    kind: SpreadKind,
    n: u64,
    scale: &Scale,
) -> (bool, Option<f64>, Option<bool>) {
    let half = mean.half_unit();
    let (m_lo, m_hi) = (mean.value - half, mean.value + half);
    let tol = 1e-12 * (1.0 + mean.value.abs());
    let inside = scale.min_value().is_none_or(|a| m_hi >= a - tol)
        && scale.max_value().is_none_or(|b| m_lo <= b + tol);
    if !inside {
        return (false, None, None);
    }
    // The Bhatia–Davis bound at the mean in its rounding interval closest to the middle.
    let Some(largest) = scale.largest_sd(mean, n) else {
        return (true, None, None);
    };
    let possible = spread.map(|s| kind.smallest_sd(s, n) <= largest * (1.0 + 1e-12));
    (true, Some(largest), possible)
}

/// Does a spread labelled `kind` look like the other kind? Needs the largest possible SD.
pub fn sd_or_sem(
    spread: &ReportedNumber,
    kind: SpreadKind,
    n: u64,
    largest_sd: Option<f64>,
) -> Verdict {
    let Some(big) = largest_sd.filter(|b| *b > 0.0) else {
        return Verdict::new(
            Status::NotApplicable,
            "needs a bounded scale (minimum and maximum) to judge the size of the spread",
        );
    };
    if n < 2 {
        return Verdict::new(Status::NotApplicable, "needs n ≥ 2");
    }
    let root_n = (n as f64).sqrt();
    let s = spread.value;
    let d = spread.decimals as usize + 2;
    match kind {
        SpreadKind::Sd if s < SEM_LIKE_FRACTION * big && s * root_n <= big => Verdict::new(
            Status::Warning,
            format!(
                "SD {} is under {:.0} % of the largest SD the scale allows ({}); read as an SEM it would mean SD {}: check that it is not an SEM",
                spread.text,
                100.0 * SEM_LIKE_FRACTION,
                fixed(big, d),
                fixed(s * root_n, d)
            ),
        ),
        SpreadKind::Sem if s * root_n > big && s <= big => Verdict::new(
            Status::Warning,
            format!(
                "as an SEM, {} means SD {}, above the largest possible ({}); as an SD it would be possible: check that it is not an SD",
                spread.text,
                fixed(s * root_n, d),
                fixed(big, d)
            ),
        ),
        _ => Verdict::new(
            Status::Consistent,
            format!(
                "{} {} is of a plausible size for an {} (largest possible SD {})",
                kind.as_str(),
                spread.text,
                kind.as_str(),
                fixed(big, d)
            ),
        ),
    }
}

impl Tabular for Bounds {
    fn table(&self) -> Table {
        key_value_table(
            CheckName::Bounds,
            vec![
                ("mean", self.mean.as_str().into()),
                (
                    self.spread_kind.as_str(),
                    self.spread.clone().map_or(Cell::Missing, Cell::Text),
                ),
                ("n", (self.n as usize).into()),
                ("min", self.min.clone().map_or(Cell::Missing, Cell::Text)),
                ("max", self.max.clone().map_or(Cell::Missing, Cell::Text)),
                ("largest possible SD", self.largest_sd.into()),
                (
                    "SD or SEM",
                    self.sd_or_sem.as_ref().map_or(Cell::Missing, |v| {
                        format!("{}: {}", v.status.as_str(), v.detail).into()
                    }),
                ),
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
    fn scale(min: &str, max: &str, step: Option<&str>) -> Scale {
        Scale::new(Some(rv(min)), Some(rv(max)), step.map(rv)).unwrap()
    }
    fn run(m: &str, s: &str, n: u64, sc: &Scale) -> Bounds {
        bounds(
            &rv(m),
            Some(&rv(s)),
            SpreadKind::Sd,
            n,
            sc,
            Rounding::UpOrDown,
        )
        .unwrap()
    }

    #[test]
    fn continuous_bhatia_davis_bound() {
        // Mean 9.0 on [0, 10], n = 10: largest SD at m = 8.95 (the end of the rounding
        // interval nearest the middle 5): √(8.95·1.05·10/9) = √10.441667 = 3.2314.
        let b = run("9.0", "3.0", 10, &scale("0", "10", None));
        assert!(b.status.possible());
        approx::assert_relative_eq!(
            b.largest_sd.unwrap(),
            (8.95f64 * 1.05 * 10.0 / 9.0).sqrt(),
            max_relative = 1e-14
        );
        // SD 3.3 means at least 3.25 > 3.2314.
        let b = run("9.0", "3.3", 10, &scale("0", "10", None));
        assert_eq!(b.status, Status::Inconsistent);
        let b = run("10.3", "1.0", 10, &scale("0", "10", None));
        assert!(!b.mean_inside);
    }

    #[test]
    fn nmo_summaries_inside_their_scales() {
        // Pain 0.9 ± 1.2, n = 7 on 0..10 integers: T = 6; the largest sum of squares of seven
        // integers in [0, 10] summing to 6 is 36 ({6,0,...}): SD = √((36 − 36/7)/6) = 2.2678.
        let b = run("0.9", "1.2", 7, &scale("0", "10", Some("1")));
        assert!(b.status.possible());
        approx::assert_relative_eq!(
            b.largest_sd.unwrap(),
            ((36.0f64 - 36.0 / 7.0) / 6.0).sqrt(),
            max_relative = 1e-14
        );
        // Fatigue 6.1 ± 2.0: T = 43 = 4·10 + 3: Q_max = 400 + 9 = 409: SD = √((409 − 1849/7)/6) = 4.9136.
        let b = run("6.1", "2.0", 7, &scale("0", "10", Some("1")));
        approx::assert_relative_eq!(
            b.largest_sd.unwrap(),
            ((409.0f64 - 1849.0 / 7.0) / 6.0).sqrt(),
            max_relative = 1e-14
        );
        // EDSS 5.1 ± 1.7 on 0..10 by 0.5: half-points T ∈ {71, 72}; T = 72 = 3·20 + 12:
        // Q_max = 3·400 + 144 = 1344: SD = 0.5·√((1344 − 72²/7)/6) = 5.0143
        // (T = 71 gives Q_max = 3·400 + 121 = 1321, SD 0.5·√((1321 − 71²/7)/6) = 5.0035).
        let b = run("5.1", "1.7", 7, &scale("0", "10", Some("0.5")));
        assert!(b.status.possible());
        approx::assert_relative_eq!(
            b.largest_sd.unwrap(),
            0.5 * ((1344.0f64 - 5184.0 / 7.0) / 6.0).sqrt(),
            max_relative = 1e-14
        );
        // An impossible variant: 0.9 ± 2.4 exceeds 2.2678.
        assert_eq!(
            run("0.9", "2.4", 7, &scale("0", "10", Some("1"))).status,
            Status::Inconsistent
        );
    }

    #[test]
    fn a_half_open_scale_bounds_the_sd_too() {
        // Relapses in a year, whole counts ≥ 0, 0.4 ± 0.8 with n = 7: the sum is 3 (2.8 to
        // 3.15 round to 0.4... only 3 is whole), and the largest SD puts it on one patient:
        // R: sd(c(rep(0, 6), 3)) = 1.1338934190276817. As an SD, 0.8 is possible; as an SEM
        // (SD = 0.8·√7 ≈ 2.12) it is not.
        let open = Scale::new(Some(rv("0")), None, Some(rv("1"))).unwrap();
        let b = run("0.4", "0.8", 7, &open);
        assert!(b.status.possible());
        approx::assert_relative_eq!(
            b.largest_sd.unwrap(),
            1.1338934190276817,
            max_relative = 1e-14
        );
        let sem = bounds(
            &rv("0.4"),
            Some(&rv("0.8")),
            SpreadKind::Sem,
            7,
            &open,
            Rounding::UpOrDown,
        )
        .unwrap();
        assert_eq!(sem.status, Status::Inconsistent);
        assert!(!run("-0.2", "0.8", 7, &open).mean_inside);
    }

    #[test]
    fn a_mean_that_fails_grim_is_not_said_to_lie_outside_the_scale() {
        // 5.1 with n = 1 is no whole number, but 5.1 lies inside 0–10: GRIM says the first,
        // bounds must not claim the second.
        let b = run("5.1", "1.0", 1, &scale("0", "10", Some("1")));
        assert!(b.mean_inside, "{}", b.detail);
    }

    #[test]
    fn sd_that_looks_like_an_sem() {
        // Mean 5.0 on 0..10 with n = 50: largest SD ≈ √(25·50/49) = 5.05. An "SD" of 0.30 is
        // 6 % of that; as an SEM it means SD 0.30·√50 = 2.12: flagged.
        let w = sd_or_sem(&rv("0.30"), SpreadKind::Sd, 50, Some(5.05));
        assert_eq!(w.status, Status::Warning);
        assert_eq!(
            sd_or_sem(&rv("2.1"), SpreadKind::Sd, 50, Some(5.05)).status,
            Status::Consistent
        );
        // An "SEM" of 1.0 with n = 50 means SD 7.07 > 5.05: flagged.
        assert_eq!(
            sd_or_sem(&rv("1.0"), SpreadKind::Sem, 50, Some(5.05)).status,
            Status::Warning
        );
        assert_eq!(
            sd_or_sem(&rv("1.0"), SpreadKind::Sd, 50, None).status,
            Status::NotApplicable
        );
    }

    #[test]
    fn bounds_off_the_grid_are_refused() {
        let e = Scale::new(Some(rv("0")), Some(rv("10.25")), Some(rv("0.5"))).unwrap_err();
        assert!(
            e.starts_with("the maximum 10.25 is not a whole number of steps"),
            "{e}"
        );
        let e = crate::checks::input::scale(Some("0"), Some("10.25"), Some("0.5"), 1)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("max:"), "{e}");
    }
}
