//! Exact arithmetic on numbers as written ([`ReportedNumber`], from [`crate::reported`]): the
//! interval of true values that round to a printed number, the grid a scale's values lie on
//! ([`Grid`], and [`Scale`] in grid steps), and the overflow-checked integer arithmetic the
//! GRIM-family checks need.
//!
//! Every check here works in exact integer arithmetic (`i128`, overflow-checked): a reported
//! `x` with `d` decimals is the integer `X = x·10^d`, and the values that round to it form an
//! interval that the [`Rounding`] rule fixes: `[(2X − 1)/(2·10^d), (2X + 1)/(2·10^d)]` for the
//! half rules (which of its ends belong to it is the rule's choice), `(X − 1, X]/10^d` for
//! ceiling, and so on (`docs/rounding.md`).

use crate::error::{Error, Result};
use crate::reported::{ReportedNumber, Scale};
use serde::Serialize;

/// How the authors may have rounded: which true values round to a printed one. Away from
/// ties the four half rules agree; the directed rules (ceiling, floor, trunc, anti-trunc)
/// and the thresholds move the interval itself. The names are scrutiny's (`reround()`,
/// `rounding = …`), with hyphens; on negative numbers every rule is symmetric around zero
/// (scrutiny's `symmetric = TRUE`), so −0.125 rounds as 0.125 with the sign kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// Ties may have gone either way (both ends of the interval count). The default, as in
    /// the GRIM and GRIMMER papers, which accept a value when rounding up *or* down matches
    /// (scrutiny's `"up_or_down"`): the check then never calls a value impossible because of
    /// an assumption about the authors' software.
    #[default]
    UpOrDown,
    /// Ties away from zero (Excel, SPSS, most hand calculation): 0.125 → 0.13, −0.125 → −0.13
    /// (scrutiny's `"up"`).
    HalfUp,
    /// Ties toward zero: 0.125 → 0.12, −0.125 → −0.12 (scrutiny's `"down"`).
    HalfDown,
    /// Ties to the even neighbour (IEEE 754, R's `round`, Python's `round`): 0.125 → 0.12
    /// (scrutiny's `"even"`).
    HalfEven,
    /// Either always up or always down (scrutiny's `"ceiling_or_floor"`): every value
    /// strictly within one unit of the last digit.
    CeilingOrFloor,
    /// Always up (toward +∞): 0.121 → 0.13, −0.129 → −0.12.
    Ceiling,
    /// Always down (toward −∞): 0.129 → 0.12, −0.121 → −0.13.
    Floor,
    /// Toward zero (cut off): 0.129 → 0.12, −0.129 → −0.12.
    Trunc,
    /// Away from zero: 0.121 → 0.13, −0.121 → −0.13; a value already on the last digit
    /// stays (0.12 → 0.12).
    AntiTrunc,
    /// Up when the first digit cut off, with what follows, is at least the threshold:
    /// `up-from:5` is half-up (scrutiny's `"up_from"` with `threshold`).
    UpFrom(Threshold),
    /// Down when the part cut off is at most the threshold: `down-from:5` is half-down
    /// (scrutiny's `"down_from"`).
    DownFrom(Threshold),
}

/// The threshold of [`Rounding::UpFrom`] and [`Rounding::DownFrom`]: a number above 0 and
/// below 10 on the scale of the first digit cut off (5 is the half), as the exact fraction
/// `scaled / 10^decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    pub scaled: i128,
    pub decimals: u32,
}

impl Threshold {
    /// Most decimals a threshold may have.
    const MAX_DECIMALS: u32 = 3;

    fn parse(text: &str, mode: &str) -> Result<Threshold> {
        let bad = || {
            Error::field(
                "rounding",
                format!(
                    "the threshold of {mode} must be a number above 0 and below 10 with at most {} decimals (the digit cut off from which it rounds; 5 is the half), got '{text}'",
                    Self::MAX_DECIMALS
                ),
            )
        };
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if int.is_empty()
            || !digits_only(int)
            || !digits_only(frac)
            || (text.contains('.') && frac.is_empty())
            || frac.len() > Self::MAX_DECIMALS as usize
            || int.len() > 2
        {
            return Err(bad());
        }
        let decimals = frac.len() as u32;
        let scaled: i128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
        let ten = 10 * 10i128.pow(decimals);
        if scaled <= 0 || scaled >= ten {
            return Err(bad());
        }
        Ok(Threshold { scaled, decimals })
    }

    fn text(&self) -> String {
        let s = self.scale();
        if self.decimals == 0 {
            self.scaled.to_string()
        } else {
            format!(
                "{}.{:0w$}",
                self.scaled / s,
                self.scaled % s,
                w = self.decimals as usize
            )
        }
    }

    fn scale(&self) -> i128 {
        10i128.pow(self.decimals)
    }
}

impl std::str::FromStr for Rounding {
    type Err = Error;
    /// A rule by its name as the command line takes it (scrutiny's names, with hyphens).
    ///
    /// ```
    /// use trialstats_numerics::reported::exact::Rounding;
    /// assert_eq!("half-even".parse::<Rounding>()?, Rounding::HalfEven);
    /// assert_eq!("up".parse::<Rounding>()?, Rounding::HalfUp); // scrutiny's "up"
    /// assert_eq!("up-from:5".parse::<Rounding>()?.to_string(), "up-from:5");
    /// assert!("up-from".parse::<Rounding>().is_err()); // needs its threshold
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        let canonical = s.trim().replace('_', "-");
        let (name, threshold) = match canonical.split_once(':') {
            Some((n, t)) => (n.trim(), Some(t.trim())),
            None => (canonical.as_str(), None),
        };
        let plain = match name {
            "up-or-down" => Some(Rounding::UpOrDown),
            "half-up" | "up" => Some(Rounding::HalfUp),
            "half-down" | "down" => Some(Rounding::HalfDown),
            "half-even" | "even" => Some(Rounding::HalfEven),
            "ceiling-or-floor" => Some(Rounding::CeilingOrFloor),
            "ceiling" => Some(Rounding::Ceiling),
            "floor" => Some(Rounding::Floor),
            "trunc" => Some(Rounding::Trunc),
            "anti-trunc" => Some(Rounding::AntiTrunc),
            _ => None,
        };
        match (name, plain, threshold) {
            (_, Some(rule), None) => Ok(rule),
            (_, Some(_), Some(_)) => Err(Error::field(
                "rounding",
                format!(
                    "'{s}': only up-from and down-from take a threshold (up-from:T, down-from:T)"
                ),
            )),
            ("up-from" | "down-from", None, None) => Err(Error::field(
                "rounding",
                format!(
                    "'{s}' needs a threshold: {name}:T with T above 0 and below 10, e.g. {name}:5"
                ),
            )),
            ("up-from", None, Some(t)) => Ok(Rounding::UpFrom(Threshold::parse(t, "up-from")?)),
            ("down-from", None, Some(t)) => {
                Ok(Rounding::DownFrom(Threshold::parse(t, "down-from")?))
            }
            _ => Err(Error::field(
                "rounding",
                format!(
                    "unknown rounding rule '{s}'; allowed: {}",
                    Rounding::ALLOWED
                ),
            )),
        }
    }
}

impl std::fmt::Display for Rounding {
    /// The name as the command line takes it (`up-or-down`, `up-from:5`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name("-"))
    }
}

/// In JSON the scrutiny name with underscores (`up_or_down`, `up_from:5`).
impl Serialize for Rounding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.name("_"))
    }
}

impl Rounding {
    /// The rules the command line accepts, for messages and help.
    pub const ALLOWED: &'static str = "up-or-down, half-up, half-down (or down), half-even, ceiling-or-floor, ceiling, floor, trunc, anti-trunc, up-from:T, down-from:T (T above 0 and below 10)";

    fn name(&self, sep: &str) -> String {
        let base = match self {
            Rounding::UpOrDown => "up-or-down",
            Rounding::HalfUp => "half-up",
            Rounding::HalfDown => "half-down",
            Rounding::HalfEven => "half-even",
            Rounding::CeilingOrFloor => "ceiling-or-floor",
            Rounding::Ceiling => "ceiling",
            Rounding::Floor => "floor",
            Rounding::Trunc => "trunc",
            Rounding::AntiTrunc => "anti-trunc",
            Rounding::UpFrom(t) => return format!("up{sep}from:{}", t.text()),
            Rounding::DownFrom(t) => return format!("down{sep}from:{}", t.text()),
        };
        base.replace('-', sep)
    }

    /// A phrase for reports: how a value was rounded under this rule.
    pub fn describe(&self) -> String {
        match self {
            Rounding::UpOrDown => {
                "ties either way (a value is possible if rounding up or down gives it)".into()
            }
            Rounding::HalfUp => "half away from zero".into(),
            Rounding::HalfDown => "half toward zero".into(),
            Rounding::HalfEven => "half to even".into(),
            Rounding::CeilingOrFloor => "always up or always down (ceiling or floor)".into(),
            Rounding::Ceiling => "always up (ceiling)".into(),
            Rounding::Floor => "always down (floor)".into(),
            Rounding::Trunc => "toward zero (truncated)".into(),
            Rounding::AntiTrunc => "away from zero".into(),
            Rounding::UpFrom(t) => format!(
                "up from {} in the first digit cut off (away from zero)",
                t.text()
            ),
            Rounding::DownFrom(t) => format!(
                "down up to {} in the first digit cut off (toward zero beyond it, away above)",
                t.text()
            ),
        }
    }

    /// The true values that round to the printed integer `x` (in units of its last digit),
    /// as `q·x + a ≤ q·v ≤ q·x + b` with the ends included or not: `(q, a, a_incl, b,
    /// b_incl)`.
    fn offsets(self, x: i128) -> (i128, i128, bool, i128, bool) {
        let sign = x.signum();
        // A rule symmetric around zero: its interval for x > 0, mirrored for x < 0, and
        // the union of both sides at 0 (given as `at_zero`).
        let symmetric =
            |q: i128, a: i128, ai: bool, b: i128, bi: bool, at_zero: (i128, bool, i128, bool)| {
                match sign {
                    1 => (q, a, ai, b, bi),
                    -1 => (q, -b, bi, -a, ai),
                    _ => (q, at_zero.0, at_zero.1, at_zero.2, at_zero.3),
                }
            };
        match self {
            Rounding::UpOrDown => (2, -1, true, 1, true),
            Rounding::HalfUp => symmetric(2, -1, true, 1, false, (-1, false, 1, false)),
            Rounding::HalfDown => symmetric(2, -1, false, 1, true, (-1, true, 1, true)),
            Rounding::HalfEven => (2, -1, x % 2 == 0, 1, x % 2 == 0),
            Rounding::CeilingOrFloor => (2, -2, false, 2, false),
            Rounding::Ceiling => (2, -2, false, 0, true),
            Rounding::Floor => (2, 0, true, 2, false),
            Rounding::Trunc => symmetric(2, 0, true, 2, false, (-2, false, 2, false)),
            Rounding::AntiTrunc => symmetric(2, -2, false, 0, true, (0, true, 0, true)),
            Rounding::UpFrom(t) => {
                let q = 10 * t.scale();
                let f = t.scaled;
                symmetric(q, f - q, true, f, false, (-f, false, f, false))
            }
            Rounding::DownFrom(t) => {
                let q = 10 * t.scale();
                let f = t.scaled;
                symmetric(q, -f, false, q - f, true, (f - q, true, q - f, true))
            }
        }
    }
}

/// The true values that round to a printed number under a rule: `[lo/den, hi/den]`, each
/// end included or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    lo: i128,
    lo_included: bool,
    hi: i128,
    hi_included: bool,
    den: i128,
}

/// The exact arithmetic of a number as written: the interval of true values that round to
/// it, and the integers on a grid that do.
impl ReportedNumber {
    /// The interval of true values that round to this value under `rule`, as exact
    /// fractions with the common denominator `q·10^decimals` (`q` = 2 for the half and
    /// directed rules: `[(2X − 1)/(2·10^d), (2X + 1)/(2·10^d)]` for up-or-down).
    fn rounding_interval(&self, rule: Rounding) -> Result<Interval> {
        let (q, a, lo_included, b, hi_included) = rule.offsets(self.scaled);
        let qx = mul(q, self.scaled)?;
        Ok(Interval {
            lo: add(qx, a)?,
            lo_included,
            hi: add(qx, b)?,
            hi_included,
            den: mul(q, self.scale())?,
        })
    }

    /// The ends of the interval of true values that round to this value under `rule`, as
    /// floats (for messages).
    ///
    /// ```
    /// use trialstats_numerics::reported::{exact::Rounding, ReportedNumber};
    /// // "5.19" with 2 decimals is any value from 5.185 to 5.195 (half a hundredth either way).
    /// let (lo, hi) = ReportedNumber::parse("5.19", "mean")?.rounding_bounds(Rounding::UpOrDown);
    /// assert!((lo - 5.185).abs() < 1e-12 && (hi - 5.195).abs() < 1e-12);
    /// // Rounded always up (ceiling): from just above 5.18 to 5.19.
    /// let (lo, hi) = ReportedNumber::parse("5.19", "mean")?.rounding_bounds(Rounding::Ceiling);
    /// assert!((lo - 5.18).abs() < 1e-12 && (hi - 5.19).abs() < 1e-12);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn rounding_bounds(&self, rule: Rounding) -> (f64, f64) {
        let (q, a, _, b, _) = rule.offsets(self.scaled);
        let d = q as f64 * self.scale() as f64;
        let qx = q as f64 * self.scaled as f64;
        ((qx + a as f64) / d, (qx + b as f64) / d)
    }

    /// The integers `k` whose value `k · unit_num / unit_den` rounds to this reported value
    /// under `rule`, as an inclusive range (possibly empty). This is the core of GRIM: with
    /// `unit = step / n` the `k` are the possible sums (in steps) of `n` values.
    ///
    /// ```
    /// use trialstats_numerics::reported::{exact::Rounding, ReportedNumber};
    /// // GRIM (Brown & Heathers 2016): a mean of 5.19 from 28 integer scores. The sum would be
    /// // 5.19 · 28 = 145.32, but 145 / 28 = 5.1786 and 146 / 28 = 5.2143: no sum gives 5.19.
    /// let mean = ReportedNumber::parse("5.19", "mean")?;
    /// assert!(mean.integers_rounding_here(1, 28, Rounding::UpOrDown)?.is_empty());
    /// // 5.18 is possible: exactly the sum 145.
    /// let mean = ReportedNumber::parse("5.18", "mean")?;
    /// let sums = mean.integers_rounding_here(1, 28, Rounding::UpOrDown)?;
    /// assert_eq!((sums.first, sums.last), (145, 145));
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn integers_rounding_here(
        &self,
        unit_num: i128,
        unit_den: i128,
        rule: Rounding,
    ) -> Result<IntRange> {
        // k·u/v ∈ [lo/D, hi/D]  ⇔  k·u·D ∈ [lo·v, hi·v]
        let iv = self.rounding_interval(rule)?;
        let a = mul(unit_num, iv.den)?;
        let lo_num = mul(iv.lo, unit_den)?;
        let hi_num = mul(iv.hi, unit_den)?;
        let mut first = div_ceil(lo_num, a);
        let mut last = div_floor(hi_num, a);
        if first <= last && mul(first, a)? == lo_num && !iv.lo_included {
            first += 1;
        }
        if first <= last && mul(last, a)? == hi_num && !iv.hi_included {
            last -= 1;
        }
        Ok(IntRange { first, last })
    }

    /// The interval of true values that round to this value under `rule`, *squared*, as
    /// exact fractions `(lo_num, hi_num, den)` with the ends flagged as included or not.
    /// Used for a reported spread, whose square enters the sum of squares. A lower end
    /// below zero is clamped to zero (and then included).
    pub fn squared_interval(&self, rule: Rounding) -> Result<SquaredInterval> {
        let iv = self.rounding_interval(rule)?;
        let (lo, lo_included) = if iv.lo < 0 {
            (0, true)
        } else {
            (iv.lo, iv.lo_included)
        };
        let hi = iv.hi.max(0);
        Ok(SquaredInterval {
            lo_num: mul(lo, lo)?,
            hi_num: mul(hi, hi)?,
            den: mul(iv.den, iv.den)?,
            lo_included,
            hi_included: iv.hi_included,
        })
    }

    /// Is the exact fraction `num/den` (den > 0) one that rounds to this value under `rule`?
    ///
    /// ```
    /// use trialstats_numerics::reported::{exact::Rounding, ReportedNumber};
    /// // 1/8 = 0.125 is a tie: half up gives 0.13, half to even gives 0.12.
    /// let printed = ReportedNumber::parse("0.13", "mean")?;
    /// assert!(printed.contains(1, 8, Rounding::HalfUp)?);
    /// assert!(!printed.contains(1, 8, Rounding::HalfEven)?);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn contains(&self, num: i128, den: i128, rule: Rounding) -> Result<bool> {
        let iv = self.rounding_interval(rule)?;
        // num/den vs lo/D  ⇔  num·D vs lo·den
        let x = mul(num, iv.den)?;
        let l = mul(iv.lo, den)?;
        let h = mul(iv.hi, den)?;
        Ok((x > l || (x == l && iv.lo_included)) && (x < h || (x == h && iv.hi_included)))
    }
}

/// The printed values (as integers in units of the last of `decimals` decimals) that the
/// exact fraction `num/den` (den > 0) rounds to under `rule`: one, or two where the rule
/// allows either (a tie under up-or-down, ceiling-or-floor).
///
/// ```
/// use trialstats_numerics::reported::exact::{rounded_values, Rounding};
/// // 1/8 = 0.125 to 2 decimals: 0.12 or 0.13 when ties go either way; 0.12 (12 hundredths)
/// // to even, as R's round(0.125, 2) gives 0.12.
/// assert_eq!(rounded_values(1, 8, 2, Rounding::UpOrDown)?, [12, 13]);
/// assert_eq!(rounded_values(1, 8, 2, Rounding::HalfEven)?, [12]);
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn rounded_values(num: i128, den: i128, decimals: u32, rule: Rounding) -> Result<Vec<i128>> {
    let scale = 10i128.checked_pow(decimals).ok_or_else(too_large)?;
    let floor = div_floor(mul(num, scale)?, den);
    let mut out = Vec::new();
    for x in floor - 1..=floor + 2 {
        let printed = ReportedNumber {
            text: String::new(),
            value: x as f64 / scale as f64,
            decimals,
            scaled: x,
        };
        if printed.contains(num, den, rule)? {
            out.push(x);
        }
    }
    Ok(out)
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
    ///
    /// ```
    /// use trialstats_numerics::reported::ReportedNumber;
    /// use trialstats_numerics::reported::exact::Grid;
    /// // The mean of 4 items scored in steps of 0.5 moves in steps of 0.5 / 4 = 0.125.
    /// let grid = Grid::new(&ReportedNumber::parse("0.5", "step")?, 4, "--step")?;
    /// assert_eq!(grid.step(), 0.125);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn new(step: &ReportedNumber, items: u32, location: &str) -> Result<Grid> {
        if step.scaled <= 0 {
            return Err(Error::input(
                location,
                format!("the step must be positive, got '{}'", step.text),
            ));
        }
        if items == 0 {
            return Err(Error::field(
                "items",
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
        if den == 1 { d } else { 4 }
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
///
/// ```
/// use trialstats_numerics::reported::exact::{div_ceil, div_floor, gcd};
/// // −7 / 2 = −3.5: floor −4, ceiling −3 (Rust's `/` truncates to −3); gcd(12, 18) = 6.
/// assert_eq!((div_floor(-7, 2), div_ceil(-7, 2), -7 / 2), (-4, -3, -3));
/// assert_eq!(gcd(12, 18), 6);
/// ```
pub fn div_floor(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && a < 0 { q - 1 } else { q }
}

/// Greatest common divisor of two positive integers.
pub fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

/// The smallest and largest sums of squares of `r` integers in `[lo, hi]` that sum to `s`,
/// written once for every integer type a search counts in: `i128` ([`min_sum_of_squares`],
/// [`max_sum_of_squares`]) and `i64` (SPRITE's search where its sums fit, the same steps).
///
/// ```
/// use trialstats_numerics::reported::exact::{max_sum_of_squares, min_sum_of_squares};
/// // Three scores from 0 to 10 summing to 7: at least 2² + 2² + 3² = 17 (as equal as can
/// // be), at most 7² + 0² + 0² = 49 (pushed to the ends); no three sum to 31 (> 3 · 10).
/// assert_eq!(min_sum_of_squares(3, 7, 0, 10), Some(17));
/// assert_eq!(max_sum_of_squares(3, 7, 0, 10), Some(49));
/// assert_eq!(min_sum_of_squares(3, 31, 0, 10), None);
/// ```
macro_rules! sums_of_squares {
    ($t:ty, $min:ident, $max:ident) => {
        /// Smallest sum of squares of `r` integers in `[lo, hi]` that sum to `s` (values as
        /// equal as possible), or `None` if no such integers exist.
        pub fn $min(r: $t, s: $t, lo: $t, hi: $t) -> Option<$t> {
            if r == 0 {
                return (s == 0).then_some(0);
            }
            if s < r.saturating_mul(lo) || s > r.saturating_mul(hi) {
                return None;
            }
            // Floor division (as [`div_floor`]).
            let f = if s % r != 0 && s < 0 {
                s / r - 1
            } else {
                s / r
            };
            let e = s - r * f;
            Some((r - e) * f * f + e * (f + 1) * (f + 1))
        }

        /// Largest sum of squares of `r` integers in `[lo, hi]` that sum to `s` (values
        /// pushed to the ends of the range, at most one in between), or `None` if no such
        /// integers exist.
        pub fn $max(r: $t, s: $t, lo: $t, hi: $t) -> Option<$t> {
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
    };
}

sums_of_squares!(i128, min_sum_of_squares, max_sum_of_squares);
sums_of_squares!(i64, min_sum_of_squares_i64, max_sum_of_squares_i64);

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
                            "{} is not on the scale's grid (steps of {:.*}); a bound must be a multiple of the step",
                            v.text,
                            grid.decimals(),
                            grid.step()
                        ),
                    )
                }),
            }
        };
        let lo = steps(&self.min, "{field:min}")?;
        let hi = steps(&self.max, "{field:max}")?;
        if let (Some(l), Some(h)) = (lo, hi) {
            if l >= h {
                return Err(Error::field(
                    "max",
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
