//! Exact arithmetic on numbers as written ([`ReportedNumber`], from [`crate::reported`]): the
//! interval of true values that round to a printed number, the grid a scale's values lie on
//! ([`Grid`], and [`Scale`] in grid steps), and the overflow-checked integer arithmetic the
//! GRIM-family checks need.
//!
//! Every check here works in exact integer arithmetic (`i128`, overflow-checked): a reported
//! `x` with `d` decimals is the integer `X = x·10^d`, and the values that round to it form the
//! interval `[(2X − 1)/(2·10^d), (2X + 1)/(2·10^d)]`. Which ends of that interval belong to it
//! depends on the [`Rounding`] rule.

use crate::error::{Error, Result};
use crate::reported::{ReportedNumber, Scale};
use serde::Serialize;

/// How the authors may have rounded a value that lies exactly halfway between two reported
/// values (a tie). Away from ties every rule rounds the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Ties may have gone either way (both ends of the interval count). The default, as in
    /// the GRIM and GRIMMER papers, which accept a value when rounding up *or* down matches
    /// (scrutiny's `"up_or_down"`): the check then never calls a value impossible because of
    /// an assumption about the authors' software.
    #[default]
    UpOrDown,
    /// Ties away from zero (Excel, SPSS, most hand calculation): 0.125 → 0.13, −0.125 → −0.13.
    HalfUp,
    /// Ties to the even neighbour (IEEE 754, R's `round`, Python's `round`): 0.125 → 0.12.
    HalfEven,
}

impl std::str::FromStr for Rounding {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "up-or-down" | "up_or_down" => Ok(Rounding::UpOrDown),
            "half-up" | "half_up" => Ok(Rounding::HalfUp),
            "half-even" | "half_even" => Ok(Rounding::HalfEven),
            other => Err(Error::input(
                "--rounding",
                format!("unknown rounding rule '{other}'; allowed: up-or-down, half-up, half-even"),
            )),
        }
    }
}

impl Rounding {
    /// Does the tie `X − ½` (lower end) round to `X` under this rule?
    fn lower_tie_rounds_to(self, x: i128) -> bool {
        match self {
            Rounding::UpOrDown => true,
            Rounding::HalfUp => x >= 1,
            Rounding::HalfEven => x % 2 == 0,
        }
    }
    /// Does the tie `X + ½` (upper end) round to `X` under this rule?
    fn upper_tie_rounds_to(self, x: i128) -> bool {
        match self {
            Rounding::UpOrDown => true,
            Rounding::HalfUp => x <= -1,
            Rounding::HalfEven => x % 2 == 0,
        }
    }
}

/// The exact arithmetic of a number as written: the interval of true values that round to
/// it, and the integers on a grid that do.
impl ReportedNumber {
    /// The closed interval of true values that round to this value, as exact fractions with
    /// the common denominator `2·10^decimals`: `(2X − 1, 2X + 1, 2·10^d)`.
    fn rounding_interval(&self) -> (i128, i128, i128) {
        (2 * self.scaled - 1, 2 * self.scaled + 1, 2 * self.scale())
    }

    /// The integers `k` whose value `k · unit_num / unit_den` rounds to this reported value
    /// under `rule`, as an inclusive range (possibly empty). This is the core of GRIM: with
    /// `unit = step / n` the `k` are the possible sums (in steps) of `n` values.
    pub fn integers_rounding_here(
        &self,
        unit_num: i128,
        unit_den: i128,
        rule: Rounding,
    ) -> Result<IntRange> {
        // k·u/v ∈ [(2X−1)/D, (2X+1)/D]  ⇔  k·u·D ∈ [(2X−1)·v, (2X+1)·v]
        let (lo, hi, d) = self.rounding_interval();
        let a = mul(unit_num, d)?;
        let lo_num = mul(lo, unit_den)?;
        let hi_num = mul(hi, unit_den)?;
        let mut first = div_ceil(lo_num, a);
        let mut last = div_floor(hi_num, a);
        if first <= last && mul(first, a)? == lo_num && !rule.lower_tie_rounds_to(self.scaled) {
            first += 1;
        }
        if first <= last && mul(last, a)? == hi_num && !rule.upper_tie_rounds_to(self.scaled) {
            last -= 1;
        }
        Ok(IntRange { first, last })
    }

    /// Lower and upper end of the rounding interval of this value *squared and multiplied*
    /// by `factor_num/factor_den`, as exact fractions `(lo_num, hi_num, den)` with the ties
    /// flagged as included or not under `rule`. Used for a reported spread, whose square
    /// enters the sum of squares. A lower end below zero is clamped to zero.
    pub fn squared_interval(&self, rule: Rounding) -> SquaredInterval {
        let (lo, hi, d) = self.rounding_interval();
        let lo = lo.max(0);
        SquaredInterval {
            lo_num: lo * lo,
            hi_num: hi * hi,
            den: d * d,
            lo_included: lo == 0 || rule.lower_tie_rounds_to(self.scaled),
            hi_included: rule.upper_tie_rounds_to(self.scaled),
        }
    }

    /// Is the exact fraction `num/den` (den > 0) one that rounds to this value under `rule`?
    pub fn contains(&self, num: i128, den: i128, rule: Rounding) -> Result<bool> {
        let (lo, hi, d) = self.rounding_interval();
        // num/den vs lo/d  ⇔  num·d vs lo·den
        let x = mul(num, d)?;
        let l = mul(lo, den)?;
        let h = mul(hi, den)?;
        Ok((x > l || (x == l && rule.lower_tie_rounds_to(self.scaled)))
            && (x < h || (x == h && rule.upper_tie_rounds_to(self.scaled))))
    }
}

/// The square of a reported value's rounding interval: `[lo_num/den, hi_num/den]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SquaredInterval {
    pub lo_num: i128,
    pub hi_num: i128,
    pub den: i128,
    /// Whether the lower end itself rounds to the reported value.
    pub lo_included: bool,
    /// Whether the upper end itself rounds to the reported value.
    pub hi_included: bool,
}

/// An inclusive range of integers `first..=last`; empty when `first > last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IntRange {
    pub first: i128,
    pub last: i128,
}

impl IntRange {
    /// True when the range holds no integer.
    pub fn is_empty(&self) -> bool {
        self.first > self.last
    }
    /// How many integers the range holds.
    pub fn len(&self) -> i128 {
        (self.last - self.first + 1).max(0)
    }
    /// The overlap of two ranges.
    pub fn intersect(&self, other: &IntRange) -> IntRange {
        IntRange {
            first: self.first.max(other.first),
            last: self.last.min(other.last),
        }
    }
}

/// The grid a scale's values lie on: multiples of `num/den` (e.g. 1/1 for an integer NRS,
/// 1/2 for EDSS, 1/K for the mean of K integer items).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub num: i128,
    pub den: i128,
}

impl Grid {
    /// Integers: step 1.
    pub const INTEGER: Grid = Grid { num: 1, den: 1 };

    /// The grid of a scale with step `step` (as written) whose reported score is the mean of
    /// `items` item scores (1 for a single item or a sum score).
    pub fn new(step: &ReportedNumber, items: u32, location: &str) -> Result<Grid> {
        if step.scaled <= 0 {
            return Err(Error::input(
                location,
                format!("the step must be positive, got '{}'", step.text),
            ));
        }
        if items == 0 {
            return Err(Error::input(
                "--items",
                "the number of items must be at least 1",
            ));
        }
        let num = step.scaled;
        let den = mul(step.scale(), items as i128)?;
        let g = gcd(num, den);
        Ok(Grid {
            num: num / g,
            den: den / g,
        })
    }

    /// The step as a float (for display).
    pub fn step(&self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// A value `k` steps from zero, as a float (for display and samples).
    pub fn value_of(&self, k: i128) -> f64 {
        k as f64 * self.num as f64 / self.den as f64
    }

    /// The number of steps that `value` is from zero, if it lies on the grid.
    pub fn steps_of(&self, value: &ReportedNumber) -> Option<i128> {
        // value = scaled/10^d = k·num/den  ⇔  k = scaled·den / (10^d·num)
        let top = value.scaled.checked_mul(self.den)?;
        let bottom = value.scale().checked_mul(self.num)?;
        (top % bottom == 0).then_some(top / bottom)
    }

    /// Decimals enough to print values on this grid exactly where possible.
    pub fn decimals(&self) -> usize {
        let mut d = 0;
        let mut den = self.den;
        while den % 10 == 0 {
            den /= 10;
            d += 1;
        }
        while den % 2 == 0 || den % 5 == 0 {
            den /= if den % 2 == 0 { 2 } else { 5 };
            d += 1;
        }
        if den == 1 {
            d
        } else {
            4
        }
    }
}

/// Overflow-checked multiplication for the exact arithmetic.
pub fn mul(a: i128, b: i128) -> Result<i128> {
    a.checked_mul(b).ok_or_else(too_large)
}

/// Overflow-checked addition for the exact arithmetic.
pub fn add(a: i128, b: i128) -> Result<i128> {
    a.checked_add(b).ok_or_else(too_large)
}

fn too_large() -> Error {
    Error::Numerical(
        "the numbers are too large for exact arithmetic (fewer decimals or a smaller n are needed)"
            .into(),
    )
}

/// `⌈a / b⌉` for `b > 0`.
pub fn div_ceil(a: i128, b: i128) -> i128 {
    -div_floor(-a, b)
}

/// `⌊a / b⌋` for `b > 0`.
pub fn div_floor(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && a < 0 {
        q - 1
    } else {
        q
    }
}

/// Greatest common divisor of two positive integers.
pub fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

/// Smallest sum of squares of `r` integers in `[lo, hi]` that sum to `s` (values as equal as
/// possible), or `None` if no such integers exist.
pub fn min_sum_of_squares(r: i128, s: i128, lo: i128, hi: i128) -> Option<i128> {
    if r == 0 {
        return (s == 0).then_some(0);
    }
    if s < r.saturating_mul(lo) || s > r.saturating_mul(hi) {
        return None;
    }
    let f = div_floor(s, r);
    let e = s - r * f;
    Some((r - e) * f * f + e * (f + 1) * (f + 1))
}

/// Largest sum of squares of `r` integers in `[lo, hi]` that sum to `s` (values pushed to the
/// ends of the range, at most one in between), or `None` if no such integers exist.
pub fn max_sum_of_squares(r: i128, s: i128, lo: i128, hi: i128) -> Option<i128> {
    if r == 0 {
        return (s == 0).then_some(0);
    }
    if s < r.saturating_mul(lo) || s > r.saturating_mul(hi) {
        return None;
    }
    if hi == lo {
        return Some(r * lo * lo);
    }
    let k = ((s - r * lo) / (hi - lo)).min(r);
    if k == r {
        return Some(r * hi * hi);
    }
    let middle = s - k * hi - (r - k - 1) * lo;
    Some(k * hi * hi + (r - k - 1) * lo * lo + middle * middle)
}

/// The grid and the bounds in grid steps of a [`Scale`].
impl Scale {
    /// The grid of the scale's step for the mean of its items; `None` for a continuous scale.
    /// `location` names the scale in errors.
    pub fn grid(&self, location: &str) -> Result<Option<Grid>> {
        self.step
            .as_ref()
            .map(|step| Grid::new(step, self.items, location))
            .transpose()
    }

    /// The bounds in grid steps (`None` for an open end, or for both without a grid); an
    /// error naming `--min`/`--max` if a bound is off the grid.
    pub fn bounds_in_steps(&self, grid: Option<Grid>) -> Result<(Option<i128>, Option<i128>)> {
        let Some(grid) = grid else {
            return Ok((None, None));
        };
        let steps = |v: &Option<ReportedNumber>, opt: &str| -> Result<Option<i128>> {
            match v {
                None => Ok(None),
                Some(v) => grid.steps_of(v).map(Some).ok_or_else(|| {
                    Error::input(
                        opt,
                        format!(
                            "{} is not on the scale's grid (steps of {}); a bound must be a multiple of the step",
                            v.text,
                            super::fixed(grid.step(), grid.decimals())
                        ),
                    )
                }),
            }
        };
        let lo = steps(&self.min, "--min")?;
        let hi = steps(&self.max, "--max")?;
        if let (Some(l), Some(h)) = (lo, hi) {
            if l >= h {
                return Err(Error::input(
                    "--max",
                    "the scale maximum must be above the minimum",
                ));
            }
        }
        Ok((lo, hi))
    }
}

/// Test helper: a reported number from text that is known to be valid.
#[cfg(test)]
pub(crate) fn rv(text: &str) -> ReportedNumber {
    ReportedNumber::parse(text, "test").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_follow_the_rounding_rule() {
        // 0.125 = 1/8 lies exactly between 0.12 and 0.13.
        let low = rv("0.12");
        let high = rv("0.13");
        assert!(low.contains(1, 8, Rounding::UpOrDown).unwrap());
        assert!(high.contains(1, 8, Rounding::UpOrDown).unwrap());
        assert!(!low.contains(1, 8, Rounding::HalfUp).unwrap());
        assert!(high.contains(1, 8, Rounding::HalfUp).unwrap());
        assert!(low.contains(1, 8, Rounding::HalfEven).unwrap());
        assert!(!high.contains(1, 8, Rounding::HalfEven).unwrap());
        // Negative ties go away from zero under half-up: −0.125 → −0.13.
        assert!(rv("-0.13").contains(-1, 8, Rounding::HalfUp).unwrap());
        assert!(!rv("-0.12").contains(-1, 8, Rounding::HalfUp).unwrap());
    }

    #[test]
    fn extreme_sums_of_squares() {
        // Three integers in [0, 10] summing to 7: most even {2,2,3} → 17; most spread {0,0,7} → 49.
        assert_eq!(min_sum_of_squares(3, 7, 0, 10), Some(17));
        assert_eq!(max_sum_of_squares(3, 7, 0, 10), Some(49));
        // Sum 25 in [0, 10]: {10,10,5} → 225.
        assert_eq!(max_sum_of_squares(3, 25, 0, 10), Some(225));
        assert_eq!(max_sum_of_squares(3, 31, 0, 10), None);
        assert_eq!(min_sum_of_squares(2, -3, -5, 5), Some(5)); // {−2, −1}
    }

    #[test]
    fn grids_reduce_and_locate_values() {
        let g = Grid::new(&rv("0.5"), 1, "--step").unwrap();
        assert_eq!((g.num, g.den), (1, 2));
        assert_eq!(g.steps_of(&rv("4.5")), Some(9));
        assert_eq!(g.steps_of(&rv("4.25")), None);
        let g = Grid::new(&rv("1"), 3, "--step").unwrap();
        assert_eq!((g.num, g.den), (1, 3));
        assert!(Grid::new(&rv("0"), 1, "--step").is_err());
    }
}
