//! The solver every design shares: the allocation between the arms, what is solved for (n,
//! power or the detectable difference), and the test's quantiles (normal, or t with the
//! design's degrees of freedom).
//!
//! A design describes its estimate by its standard error times √N, with N the total number
//! of patients (or, for survival, of events) and a fraction f of them in arm a: the standard
//! error is s(e, f)/√N under the null (s₀) and under the alternative (s₁), at effect e > 0 on
//! the design's scale (a difference in means, a log rate ratio, a log hazard ratio). With the
//! patients' variances vₐ, v_b of the two arms, s² = vₐ/f + v_b/(1 − f), so
//!
//! - normal quantiles (the default): power = Φ((e − z_crit s₀/√N)/(s₁/√N)) and
//!   N = ((z_crit s₀ + z_power s₁)/e)², the closed form of every reference (Lu, Luo & Chen
//!   2008 formula (3); Zhu & Lakkis 2014 eq. 8; Schoenfeld 1983);
//! - `--small-sample t`: the power of the t test with df = N − 2, the noncentral t with
//!   noncentrality e/(s₁/√N) beyond the critical value t_crit·s₀/s₁ (R's `power.t.test`,
//!   which counts the rejections in the direction of the effect only, as here); N and the
//!   detectable e are found by Brent's method on that power.
//!
//! The exact N is split by the allocation and each arm rounded up; the power is then
//! recomputed with the arms as rounded (so it is at least the power asked for).

use super::Sides;
use crate::dist;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::human_number;
use crate::root::brent;
use serde::{Serialize, Serializer};

/// The largest total n reported; beyond it the effect is too small to study.
pub const MAX_N_TOTAL: f64 = 2e9;

/// Patients randomised `a`:`b` to arm a and arm b (e.g. 2:1 treatment to control).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Allocation {
    pub a: f64,
    pub b: f64,
}

impl Default for Allocation {
    fn default() -> Self {
        Allocation::EQUAL
    }
}

impl Allocation {
    /// 1:1.
    pub const EQUAL: Allocation = Allocation { a: 1.0, b: 1.0 };

    /// The fraction of patients in arm a.
    pub fn fraction_a(self) -> f64 {
        self.a / (self.a + self.b)
    }

    /// Whether both arms get the same number.
    pub fn is_equal(self) -> bool {
        self.a == self.b
    }

    /// "2:1".
    pub fn describe(self) -> String {
        format!("{}:{}", human_number(self.a), human_number(self.b))
    }
}

impl std::str::FromStr for Allocation {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = |why: &str| {
            Error::field(
                "allocation",
                format!(
                    "'{s}': {why}; allowed: A:B with A and B numbers from 0.001 to 1000 (e.g. 2:1, treatment to control)"
                ),
            )
        };
        let (a, b) = s
            .split_once(':')
            .ok_or_else(|| bad("not of the form A:B"))?;
        let parse = |t: &str| t.trim().parse::<f64>().map_err(|_| bad("not a number"));
        let (a, b) = (parse(a)?, parse(b)?);
        for v in [a, b] {
            if !(v.is_finite() && (0.001..=1000.0).contains(&v)) {
                return Err(bad(&format!(
                    "{} is not a share of the patients (an arm with none has no comparison)",
                    human_number(v)
                )));
            }
        }
        Ok(Allocation { a, b })
    }
}

impl Serialize for Allocation {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.describe())
    }
}

/// The quantiles of the test: normal (the closed forms), or t with the design's df.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SmallSample {
    #[default]
    Normal,
    T,
}

impl std::str::FromStr for SmallSample {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "t" => Ok(SmallSample::T),
            "z" | "normal" => Ok(SmallSample::Normal),
            _ => Err(Error::field(
                "small_sample",
                format!(
                    "'{s}'; allowed: t (t quantiles with df = N − 2, as power.t.test) or z (normal, the default)"
                ),
            )),
        }
    }
}

/// The test: its level, sides and quantiles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Test {
    pub level: ConfidenceLevel,
    pub sides: Sides,
    pub small_sample: SmallSample,
}

impl Test {
    /// A normal-quantile test.
    pub fn normal(level: ConfidenceLevel, sides: Sides) -> Test {
        Test {
            level,
            sides,
            small_sample: SmallSample::Normal,
        }
    }

    /// The tail probability beyond the critical value: α/2 (two-sided) or α.
    fn tail(&self) -> f64 {
        match self.sides {
            Sides::TwoSided => self.level.alpha() / 2.0,
            Sides::OneSided => self.level.alpha(),
        }
    }
}

/// A number of patients: per arm (equal allocation) or in total.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SampleSize {
    PerArm(f64),
    Total(f64),
}

/// What to solve for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The n that gives this power.
    Power(f64),
    /// The power of this n.
    N(SampleSize),
    /// The difference detectable with this power at this n.
    Delta { power: f64, n: SampleSize },
}

fn check_power(p: f64) -> Result<()> {
    if p.is_finite() && p > 0.0 && p < 1.0 {
        Ok(())
    } else {
        Err(Error::field(
            "power",
            format!("{p} is not a power; allowed: a fraction strictly between 0 and 1 (e.g. 0.8)"),
        ))
    }
}

fn check_size(n: SampleSize) -> Result<()> {
    match n {
        SampleSize::PerArm(n) if !(n.is_finite() && (2.0..=1e9).contains(&n)) => Err(Error::field(
            "n",
            format!("{n} patients per arm; allowed: 2 to 1e9"),
        )),
        SampleSize::Total(n) if !(n.is_finite() && (4.0..=MAX_N_TOTAL).contains(&n)) => Err(
            Error::field("n_total", format!("{n} patients in all; allowed: 4 to 2e9")),
        ),
        _ => Ok(()),
    }
}

impl Goal {
    /// Refuse a power outside (0, 1) (naming `--power`) or an n below 2 per arm (naming
    /// `--n` or `--n-total`).
    pub fn validate(self) -> Result<Goal> {
        match self {
            Goal::Power(p) => check_power(p)?,
            Goal::N(n) => check_size(n)?,
            Goal::Delta { power, n } => {
                check_power(power)?;
                check_size(n)?;
            }
        }
        Ok(self)
    }

    /// What is solved for: "n", "power" or "delta".
    pub fn solved_for(self) -> &'static str {
        match self {
            Goal::Power(_) => "n",
            Goal::N(_) => "power",
            Goal::Delta { .. } => "delta",
        }
    }
}

/// The patients per arm that `n` means under `allocation`: per arm (equal allocation only;
/// rounded up) or a total split by the allocation (arm a rounded to the nearest).
pub fn arms_of(n: SampleSize, allocation: Allocation) -> Result<(u64, u64)> {
    match n {
        SampleSize::PerArm(n) => {
            if !allocation.is_equal() {
                return Err(Error::field(
                    "n",
                    format!(
                        "patients per arm is ambiguous with allocation {}; give the total number of patients ({{field:n_total}}) instead",
                        allocation.describe()
                    ),
                ));
            }
            let n = n.ceil() as u64;
            Ok((n, n))
        }
        SampleSize::Total(n) => {
            let total = n.round() as u64;
            let a = (n * allocation.fraction_a()).round() as u64;
            let (a, b) = (a.max(1), total.saturating_sub(a).max(1));
            Ok((a, b))
        }
    }
}

/// How a design's estimate behaves: its standard error times √N under the null and the
/// alternative at effect `e` with fraction `f` in arm a; and whether a t version exists.
pub struct Precision<'a> {
    pub unit_se: &'a dyn Fn(f64, f64) -> Result<(f64, f64)>,
    /// Degrees of freedom of the t version are N − `df_lost`; `None`: no t version.
    pub df_lost: Option<f64>,
    /// Names the design's n in messages ("patients", "events").
    pub unit: &'a str,
}

impl Precision<'_> {
    /// The power at effect `e` with N in all and fraction `f` in arm a.
    pub fn power(&self, test: &Test, e: f64, n: f64, f: f64) -> Result<f64> {
        let (s0, s1) = (self.unit_se)(e, f)?;
        let (se0, se1) = (s0 / n.sqrt(), s1 / n.sqrt());
        Ok(match test.small_sample {
            SmallSample::Normal => {
                dist::pnorm((e.abs() - test.sides.z_crit(test.level) * se0) / se1)
            }
            SmallSample::T => {
                let df = n - self.df_lost.unwrap_or(2.0);
                if df <= 0.0 {
                    return Ok(0.0);
                }
                let crit = dist::qt(1.0 - test.tail(), df);
                dist::pt_noncentral_upper(crit * se0 / se1, df, e.abs() / se1)
            }
        })
    }

    /// The exact total N that gives power `p` at effect `e`.
    pub fn total_for_power(&self, test: &Test, e: f64, f: f64, p: f64) -> Result<f64> {
        let (s0, s1) = (self.unit_se)(e, f)?;
        let z = test.sides.z_crit(test.level);
        let root = (z * s0 + dist::qnorm(p) * s1) / e.abs();
        let n_normal = root * root;
        let too_many = |n: f64| {
            Error::numerical(format!(
                "the formula's {} in all ({}) are beyond 1e9 per arm: the effect is too small to study",
                self.unit,
                human_number(n)
            ))
        };
        if !(n_normal.is_finite() && n_normal <= MAX_N_TOTAL) {
            return Err(too_many(n_normal));
        }
        if test.small_sample == SmallSample::Normal {
            return Ok(n_normal);
        }
        // t: less powerful than z at the same N, so the root lies above the normal N.
        let g = |n: f64| Ok(self.power(test, e, n, f)? - p);
        let lo = n_normal.max(self.df_lost.unwrap_or(2.0) + 1e-9);
        let g_lo = g(lo)?;
        if g_lo >= 0.0 {
            return Ok(lo);
        }
        let mut hi = lo.max(4.0) * 2.0;
        let mut g_hi = g(hi)?;
        while g_hi < 0.0 {
            hi *= 2.0;
            if hi > MAX_N_TOTAL {
                return Err(too_many(hi));
            }
            g_hi = g(hi)?;
        }
        Ok(brent(g, lo, hi, g_lo, g_hi, "the total n for the t test")?)
    }

    /// The effect detectable with power `p` by N in all (fraction `f` in arm a), searched
    /// from `guess` (> 0) outward.
    pub fn effect_for_power(&self, test: &Test, n: f64, f: f64, p: f64, guess: f64) -> Result<f64> {
        let g = |e: f64| Ok(self.power(test, e, n, f)? - p);
        let none = || {
            Error::numerical(format!(
                "no effect reaches power {} with {} {}",
                human_number(p),
                human_number(n),
                self.unit
            ))
        };
        let (mut lo, mut hi) = (guess, guess);
        let mut g_lo = g(lo)?;
        while g_lo > 0.0 {
            lo /= 2.0;
            if lo < 1e-200 {
                return Err(none());
            }
            g_lo = g(lo)?;
        }
        let mut g_hi = g(hi)?;
        while g_hi < 0.0 {
            hi *= 2.0;
            if hi > 1e200 || !g_hi.is_finite() {
                return Err(none());
            }
            g_hi = g(hi)?;
        }
        if lo == hi {
            return Ok(lo);
        }
        Ok(brent(g, lo, hi, g_lo, g_hi, "the detectable difference")?)
    }
}

/// A difference in means between two arms whose patients contribute the variances `va`
/// (arm a) and `vb` (arm b) to the estimate, the same under the null and the alternative:
/// s² = vₐ/f + v_b/(1 − f), and the t version has df = N − 2. The slope design (Edland 2009)
/// and the MMRM design (Lu, Luo & Chen 2008) are both of this form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoArmVariances {
    pub va: f64,
    pub vb: f64,
}

impl TwoArmVariances {
    /// The standard error times √N with fraction `f` in arm a.
    pub fn unit_se(&self, f: f64) -> f64 {
        (self.va / f + self.vb / (1.0 - f)).sqrt()
    }

    /// Run `k` with the [`Precision`] of this difference.
    fn with_precision<R>(&self, k: impl FnOnce(&Precision) -> R) -> R {
        let unit = |_e: f64, f: f64| {
            let s = self.unit_se(f);
            Ok((s, s))
        };
        k(&Precision {
            unit_se: &unit,
            df_lost: Some(2.0),
            unit: "patients",
        })
    }

    /// [`Solution::solve`] for this difference.
    pub fn solve(
        &self,
        goal: Goal,
        effect: f64,
        test: Test,
        allocation: Allocation,
    ) -> Result<Solution> {
        self.with_precision(|p| Solution::solve(goal, effect, p, test, allocation))
    }

    /// The power at effect `e` with N patients in all and fraction `f` in arm a.
    pub fn power(&self, test: &Test, e: f64, n: f64, f: f64) -> Result<f64> {
        self.with_precision(|p| p.power(test, e, n, f))
    }
}

/// What the solver answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solution {
    /// "n", "power" or "delta".
    pub solved_for: &'static str,
    /// The power asked for (when solving for n or delta).
    pub target_power: Option<f64>,
    pub allocation: Allocation,
    pub small_sample: SmallSample,
    /// Arm a's n (patients, or events for survival): the n given, or the formula's rounded up.
    pub n_a: u64,
    /// Arm b's n.
    pub n_b: u64,
    /// The formula's total before rounding (when solving for n).
    pub n_total_exact: Option<f64>,
    /// The power with the arms as rounded.
    pub power: f64,
    /// The effect on the solver's scale (e > 0).
    pub effect: f64,
    /// The degrees of freedom of the t version at the arms as rounded.
    pub df: Option<f64>,
}

impl Solution {
    /// Solve `goal` for a design described by `precision` at effect `effect` (used unless
    /// solving for it; then the search starts there).
    pub fn solve(
        goal: Goal,
        effect: f64,
        precision: &Precision,
        test: Test,
        allocation: Allocation,
    ) -> Result<Solution> {
        if test.small_sample == SmallSample::T && precision.df_lost.is_none() {
            return Err(Error::field(
                "small_sample",
                format!(
                    "this design counts {}; its test has no t version (give z or leave it out)",
                    precision.unit
                ),
            ));
        }
        let f = allocation.fraction_a();
        let at_arms = |a: u64, b: u64, e: f64| -> Result<f64> {
            let n = (a + b) as f64;
            precision.power(&test, e, n, a as f64 / n)
        };
        let (n_a, n_b, exact, target, e) = match goal.validate()? {
            Goal::Power(p) => {
                let exact = precision.total_for_power(&test, effect, f, p)?;
                let a = ((exact * f).ceil() as u64).max(2);
                let b = ((exact * (1.0 - f)).ceil() as u64).max(2);
                (a, b, Some(exact), Some(p), effect)
            }
            Goal::N(n) => {
                let (a, b) = arms_of(n, allocation)?;
                (a, b, None, None, effect)
            }
            Goal::Delta { power, n } => {
                let (a, b) = arms_of(n, allocation)?;
                let total = (a + b) as f64;
                let e =
                    precision.effect_for_power(&test, total, a as f64 / total, power, effect)?;
                (a, b, None, Some(power), e)
            }
        };
        let power = at_arms(n_a, n_b, e)?;
        let df = (test.small_sample == SmallSample::T)
            .then(|| (n_a + n_b) as f64 - precision.df_lost.unwrap_or(2.0));
        Ok(Solution {
            solved_for: goal.solved_for(),
            target_power: target,
            allocation,
            small_sample: test.small_sample,
            n_a,
            n_b,
            n_total_exact: exact,
            power,
            effect: e,
            df,
        })
    }

    /// The formula's n per arm before rounding (solving for n with equal allocation).
    pub fn n_per_arm_exact(&self) -> Option<f64> {
        self.n_per_arm().and(self.n_total_exact).map(|x| x / 2.0)
    }

    /// Patients in both arms.
    pub fn n_total(&self) -> u64 {
        self.n_a + self.n_b
    }

    /// Patients per arm when both arms have the same number.
    pub fn n_per_arm(&self) -> Option<u64> {
        (self.n_a == self.n_b && self.allocation.is_equal()).then_some(self.n_a)
    }

    /// Its rows of a result table; `delta` is the effect in the design's own terms and
    /// `unit` what n counts ("patients", "events").
    pub fn rows(&self, delta: f64, unit: &str) -> Vec<Vec<crate::output::Cell>> {
        use crate::output::Cell;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let Some(p) = self.target_power {
            rows.push(vec!["target power".into(), p.into()]);
        }
        if !self.allocation.is_equal() {
            rows.push(vec![
                "allocation (a:b)".into(),
                self.allocation.describe().into(),
            ]);
        }
        match (self.n_per_arm(), self.n_total_exact) {
            (Some(_), Some(x)) => rows.push(vec![
                format!("{unit} per arm (formula, unrounded)").into(),
                (x / 2.0).into(),
            ]),
            (None, Some(x)) => rows.push(vec![
                format!("{unit} in all (formula, unrounded)").into(),
                x.into(),
            ]),
            _ => {}
        }
        match self.n_per_arm() {
            Some(n) => rows.push(vec![
                format!("{unit} per arm").into(),
                Cell::Integer(n as i64),
            ]),
            None => {
                rows.push(vec![
                    format!("{unit} in arm a").into(),
                    Cell::Integer(self.n_a as i64),
                ]);
                rows.push(vec![
                    format!("{unit} in arm b").into(),
                    Cell::Integer(self.n_b as i64),
                ]);
            }
        }
        rows.push(vec![
            format!("{unit} in all").into(),
            Cell::Integer(self.n_total() as i64),
        ]);
        if self.solved_for == "delta" {
            rows.push(vec!["detectable difference".into(), delta.into()]);
        }
        if let Some(df) = self.df {
            rows.push(vec!["df (t quantiles)".into(), df.into()]);
        }
        let label = match self.small_sample {
            SmallSample::Normal => "power (formula)",
            SmallSample::T => "power (formula, noncentral t)",
        };
        rows.push(vec![label.into(), self.power.into()]);
        rows
    }
}

/// A solution as JSON: `n_per_arm` (equal allocation) or `n_per_arm_a` and `n_per_arm_b`,
/// `n_total`, the unrounded formula's n, `power`, and the solver's settings; the design adds
/// `delta` in its own terms.
impl Serialize for Solution {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("solved_for", self.solved_for)?;
        if let Some(p) = self.target_power {
            m.serialize_entry("target_power", &p)?;
        }
        m.serialize_entry("allocation", &self.allocation)?;
        m.serialize_entry("small_sample", &self.small_sample)?;
        match self.n_per_arm() {
            Some(n) => {
                m.serialize_entry("n_per_arm", &n)?;
                if let Some(x) = self.n_total_exact {
                    m.serialize_entry("n_per_arm_exact", &(x / 2.0))?;
                }
            }
            None => {
                m.serialize_entry("n_per_arm_a", &self.n_a)?;
                m.serialize_entry("n_per_arm_b", &self.n_b)?;
            }
        }
        m.serialize_entry("n_total", &self.n_total())?;
        if let Some(x) = self.n_total_exact {
            m.serialize_entry("n_total_exact", &x)?;
        }
        if let Some(df) = self.df {
            m.serialize_entry("df", &df)?;
        }
        m.serialize_entry("power", &self.power)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_version_is_power_t_test() {
        let unit_variances = TwoArmVariances { va: 1.0, vb: 1.0 };
        let test = Test {
            level: ConfidenceLevel::NINETY_FIVE,
            sides: Sides::TwoSided,
            small_sample: SmallSample::T,
        };
        // R 4.2.2: power.t.test(n = 20, delta = 1, sd = 1)$power = 0.868952801692498
        let s = unit_variances
            .solve(
                Goal::N(SampleSize::PerArm(20.0)),
                1.0,
                test,
                Allocation::EQUAL,
            )
            .unwrap();
        assert!((s.power - 0.868952801692498).abs() < 1e-10, "{}", s.power);
        // power.t.test(power = 0.9, delta = 1, sd = 1, tol = 1e-13)$n = 22.0210955700938
        let s = unit_variances
            .solve(Goal::Power(0.9), 1.0, test, Allocation::EQUAL)
            .unwrap();
        let per_arm = s.n_total_exact.unwrap() / 2.0;
        assert!((per_arm - 22.0210955700938).abs() < 1e-8, "{per_arm}");
        assert_eq!(s.n_per_arm(), Some(23));
        // power.t.test(n = 20, sd = 1, power = 0.9, tol = 1e-13)$delta = 1.05199312665833
        let s = unit_variances
            .solve(
                Goal::Delta {
                    power: 0.9,
                    n: SampleSize::PerArm(20.0),
                },
                0.5,
                test,
                Allocation::EQUAL,
            )
            .unwrap();
        assert!((s.effect - 1.05199312665833).abs() < 1e-8, "{}", s.effect);
    }

    #[test]
    fn allocations_are_read_and_refused() {
        let a: Allocation = "2:1".parse().unwrap();
        assert!((a.fraction_a() - 2.0 / 3.0).abs() < 1e-15);
        for bad in ["2:0", "2", "a:1", "-1:1", "1:inf"] {
            let e = bad.parse::<Allocation>().unwrap_err().to_string();
            assert!(e.contains("allocation"), "{e}");
        }
        let e = arms_of(SampleSize::PerArm(10.0), a)
            .unwrap_err()
            .to_string();
        assert!(e.contains("the total number of patients (n_total)"), "{e}");
        assert_eq!(arms_of(SampleSize::Total(174.0), a).unwrap(), (116, 58));
    }
}
