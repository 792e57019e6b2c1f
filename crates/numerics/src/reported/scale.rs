//! The scale a score lives on: its bounds and step, and what they imply for a standard
//! deviation.
//!
//! One type serves the study files (EDSS 0–10 in steps of 0.5, a relapse rate 0–∞), the
//! consistency checks (which need the bounds and step exactly, as printed numbers) and the
//! charts. The largest SD a sample can have on a bounded scale is written once, here.

use super::number::ReportedNumber;
use serde::Serialize;

/// The range of a score: `min` and `max` (`None`: open at that end, as a relapse rate is
/// above), `step` between possible values of one item (`None`: continuous; 0.5 for EDSS) and
/// the number of `items` averaged into the score (1 for a single item or a sum score, so
/// that the score's own step is `step / items`).
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: Option<ReportedNumber>,
    pub max: Option<ReportedNumber>,
    pub step: Option<ReportedNumber>,
    pub items: u32,
}

impl Scale {
    /// A scale with these bounds and step, one item; refused (with what is wrong) when the
    /// maximum is not above the minimum or the step is not positive.
    ///
    /// ```
    /// use trialstats_numerics::reported::{ReportedNumber, Scale};
    /// let n = |s: &str| ReportedNumber::parse(s, "scale").unwrap();
    /// // EDSS: 0 to 10 in steps of 0.5.
    /// let edss = Scale::new(Some(n("0")), Some(n("10")), Some(n("0.5")))?;
    /// assert_eq!(edss.describe(), "0–10 (step 0.5)");
    /// assert!(edss.contains(10.0) && !edss.contains(10.5));
    /// // 10 is not a whole number of steps of 0.3 (10 / 0.3 = 33.3...): refused.
    /// assert!(Scale::new(Some(n("0")), Some(n("10")), Some(n("0.3"))).is_err());
    /// # Ok::<(), String>(())
    /// ```
    pub fn new(
        min: Option<ReportedNumber>,
        max: Option<ReportedNumber>,
        step: Option<ReportedNumber>,
    ) -> Result<Scale, String> {
        if let (Some(lo), Some(hi)) = (&min, &max) {
            if hi.value <= lo.value {
                return Err(format!(
                    "the maximum {} must be above the minimum {}",
                    hi.text, lo.text
                ));
            }
        }
        if let Some(s) = &step {
            if s.value <= 0.0 {
                return Err(format!("the step {} must be a positive number", s.text));
            }
            for (name, bound) in [("minimum", &min), ("maximum", &max)] {
                if let Some(b) = bound.as_ref().filter(|b| !is_multiple(b, s)) {
                    return Err(format!(
                        "the {name} {} is not a whole number of steps of {}; a bound must be a multiple of the step",
                        b.text, s.text
                    ));
                }
            }
        }
        Ok(Scale {
            min,
            max,
            step,
            items: 1,
        })
    }

    /// The same scale for the mean of `items` items.
    pub fn with_items(mut self, items: u32) -> Result<Scale, String> {
        if items == 0 {
            return Err("the number of items must be at least 1".into());
        }
        self.items = items;
        Ok(self)
    }

    /// The lower bound as a number.
    pub fn min_value(&self) -> Option<f64> {
        self.min.as_ref().map(|v| v.value)
    }

    /// The upper bound as a number.
    pub fn max_value(&self) -> Option<f64> {
        self.max.as_ref().map(|v| v.value)
    }

    /// The step as a number.
    pub fn step_value(&self) -> Option<f64> {
        self.step.as_ref().map(|v| v.value)
    }

    /// Whether `x` lies within `[min, max]`.
    pub fn contains(&self, x: f64) -> bool {
        self.min_value().is_none_or(|a| x >= a) && self.max_value().is_none_or(|b| x <= b)
    }

    /// The largest sample standard deviation (n − 1 denominator) that `n` values on the
    /// scale with exactly this `mean` can have; `None` when the scale is open at both ends,
    /// `n < 2`, or the mean lies outside the scale.
    ///
    /// Bounded at both ends: for a fixed mean the sum of squares is largest when every value
    /// sits at a bound; with a fraction p = (mean − min)/(max − min) at `max` the population
    /// variance is (mean − min)(max − mean), so the sample SD is at most
    /// √(n/(n−1) · (mean − min)(max − mean)) (Bhatia & Davis 2000, *Amer. Math. Monthly*
    /// 107:353, the bound on the variance of a bounded random variable; applied to the
    /// empirical distribution and rescaled from n to n − 1).
    ///
    /// Bounded at one end only (a relapse rate ≥ 0): the sum of squares about the mean is
    /// largest when n − 1 values sit at the bound and one carries the rest,
    /// Σ(x − m)² = n(n − 1)(m − a)², so the sample SD is at most |m − a|·√n.
    ///
    /// Either bound ignores the step, so it is never too strict.
    ///
    /// ```
    /// use trialstats_numerics::reported::{ReportedNumber, Scale};
    /// // Seven EDSS scores (0 to 10) with mean 9.8: SD at most √(7/6 · 9.8 · 0.2) = 1.5119.
    /// let n = |s: &str| ReportedNumber::parse(s, "scale").unwrap();
    /// let edss = Scale::new(Some(n("0")), Some(n("10")), Some(n("0.5"))).unwrap();
    /// let largest = edss.largest_sd_at(9.8, 7).unwrap();
    /// assert!((largest - (7.0f64 / 6.0 * 9.8 * 0.2).sqrt()).abs() < 1e-12);
    /// assert_eq!(edss.largest_sd_at(10.5, 7), None); // outside the scale
    /// ```
    pub fn largest_sd_at(&self, mean: f64, n: u64) -> Option<f64> {
        if n < 2 || !self.contains(mean) {
            return None;
        }
        let nf = n as f64;
        match (self.min_value(), self.max_value()) {
            (Some(a), Some(b)) => Some((nf / (nf - 1.0) * (mean - a) * (b - mean)).max(0.0).sqrt()),
            (Some(a), None) => Some((mean - a) * nf.sqrt()),
            (None, Some(b)) => Some((b - mean) * nf.sqrt()),
            (None, None) => None,
        }
    }

    /// The largest SD for any mean that rounds to the printed `mean` and lies on the scale:
    /// [`Scale::largest_sd_at`] at the point of the mean's rounding interval where it is
    /// largest (nearest the middle of a bounded scale, as the bound is concave in the mean;
    /// farthest from the bound of a half-open one). `None` where that is: a scale open at
    /// both ends, `n < 2`, or no such mean.
    ///
    /// ```
    /// use trialstats_numerics::reported::{ReportedNumber, Scale};
    /// let n = |s: &str| ReportedNumber::parse(s, "scale").unwrap();
    /// let edss = Scale::new(Some(n("0")), Some(n("10")), Some(n("0.5")))?;
    /// // A printed mean of 9.8 is 9.75 at the least; the bound is largest there, nearest the
    /// // middle: √(7/6 · (9.75 − 0) · (10 − 9.75)) for 7 patients (Bhatia–Davis).
    /// let largest = edss.largest_sd(&n("9.8"), 7).unwrap();
    /// assert!((largest - (7.0f64 / 6.0 * 9.75 * 0.25).sqrt()).abs() < 1e-12);
    /// # Ok::<(), String>(())
    /// ```
    pub fn largest_sd(&self, mean: &ReportedNumber, n: u64) -> Option<f64> {
        let half = mean.half_unit();
        let lo = self
            .min_value()
            .map_or(mean.value - half, |a| (mean.value - half).max(a));
        let hi = self
            .max_value()
            .map_or(mean.value + half, |b| (mean.value + half).min(b));
        if lo > hi {
            return None;
        }
        let at = match (self.min_value(), self.max_value()) {
            (Some(a), Some(b)) => (0.5 * (a + b)).clamp(lo, hi),
            (Some(_), None) => hi,
            (None, Some(_)) => lo,
            (None, None) => return None,
        };
        self.largest_sd_at(at, n)
    }

    /// The scale as text: `0–10 (step 0.5)`, `0–∞`.
    pub fn describe(&self) -> String {
        let end = |v: &Option<ReportedNumber>, open: &str| {
            v.as_ref()
                .map_or(open.to_string(), |v| crate::output::human_number(v.value))
        };
        let mut s = format!("{}–{}", end(&self.min, "−∞"), end(&self.max, "∞"));
        if let Some(step) = &self.step {
            s.push_str(&format!(
                " (step {})",
                crate::output::human_number(step.value)
            ));
        }
        s
    }
}

/// Whether `x` is a whole multiple of `step`, exactly: x = X/10^dx and step = S/10^ds, so
/// x/step = X·10^ds / (S·10^dx). (At most 18 digits and 8 decimals each, so the products fit
/// an `i128`.)
fn is_multiple(x: &ReportedNumber, step: &ReportedNumber) -> bool {
    let top = x.scaled.checked_mul(step.scale());
    let bottom = step.scaled.checked_mul(x.scale());
    match (top, bottom) {
        (Some(t), Some(b)) if b != 0 => t % b == 0,
        _ => false,
    }
}

/// Serialised with the bounds and step as plain numbers (`{"min": 0.0, "max": 10.0,
/// "step": 0.5}`), as the data files write them.
impl Serialize for Scale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Scale", 3)?;
        st.serialize_field("min", &self.min_value())?;
        st.serialize_field("max", &self.max_value())?;
        st.serialize_field("step", &self.step_value())?;
        if self.items != 1 {
            st.serialize_field("items", &self.items)?;
        }
        st.end()
    }
}

#[cfg(test)]
// The reference values are R's 17-significant-digit printouts, kept as printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    fn n(t: &str) -> ReportedNumber {
        ReportedNumber::parse(t, "test").unwrap()
    }

    fn scale(min: &str, max: Option<&str>, step: Option<&str>) -> Scale {
        Scale::new(Some(n(min)), max.map(n), step.map(n)).unwrap()
    }

    #[test]
    fn largest_sd_matches_the_bound_by_hand() {
        // EDSS 0–10, mean 5, n = 7: √(7/6 · 5 · 5)
        // (R: sprintf("%.17g", sqrt(7/6*5*5)) -> "5.4006172486732176")
        let edss = scale("0", Some("10"), Some("0.5"));
        assert_relative_eq!(
            edss.largest_sd_at(5.0, 7).unwrap(),
            5.4006172486732176,
            max_relative = 1e-15
        );
        // NRS 0–10, mean 0.9, n = 7 (the NMO pain score after a year):
        // R: sprintf("%.17g", sqrt(7/6*0.9*9.1)) -> "3.0911163032147462"
        let nrs = scale("0", Some("10"), Some("1"));
        assert_relative_eq!(
            nrs.largest_sd_at(0.9, 7).unwrap(),
            3.0911163032147462,
            max_relative = 1e-15
        );
        // Over the rounding interval of "0.9" ([0.85, 0.95]) the largest is at 0.95:
        // R: sprintf("%.17g", sqrt(7/6*0.95*9.05)) -> "3.1670833059246593"
        assert_relative_eq!(
            nrs.largest_sd(&n("0.9"), 7).unwrap(),
            3.1670833059246593,
            max_relative = 1e-15
        );
    }

    #[test]
    fn largest_sd_is_attained_by_values_at_the_bounds() {
        // Four values 0, 0, 10, 10: mean 5, sample SD = sqrt(100/3)
        // (R: sd(c(0, 0, 10, 10)) = 5.7735026918962582); the bound must equal it.
        let s = scale("0", Some("10"), None);
        assert_relative_eq!(
            s.largest_sd_at(5.0, 4).unwrap(),
            5.7735026918962582,
            max_relative = 1e-15
        );
    }

    #[test]
    fn a_half_open_scale_bounds_the_sd_by_one_value_carrying_the_rest() {
        // Values ≥ 0 with mean 0.4, n = 7: six zeros and one 2.8 give the largest SD,
        // R: sd(c(rep(0, 6), 2.8)) = 1.0583005244258361 = 0.4·√7.
        let relapses = scale("0", None, None);
        assert_relative_eq!(
            relapses.largest_sd_at(0.4, 7).unwrap(),
            1.0583005244258361,
            max_relative = 1e-15
        );
        // Over the rounding interval of "0.4" the largest is at 0.45: 0.45·√7,
        // R: sd(c(rep(0, 6), 3.15)) = 1.1905880899790657.
        assert_relative_eq!(
            relapses.largest_sd(&n("0.4"), 7).unwrap(),
            1.1905880899790657,
            max_relative = 1e-15
        );
        let below = Scale::new(None, Some(n("10")), None).unwrap();
        // R: sd(c(rep(10, 6), 10 - 7*0.6)) = 1.5874507866387544 = 0.6·√7.
        assert_relative_eq!(
            below.largest_sd_at(9.4, 7).unwrap(),
            1.5874507866387544,
            max_relative = 1e-12
        );
    }

    #[test]
    fn largest_sd_is_none_on_an_open_scale_or_outside_the_scale() {
        let unbounded = Scale::new(None, None, None).unwrap();
        assert_eq!(unbounded.largest_sd_at(2.9, 7), None);
        let s = scale("0", Some("10"), None);
        assert_eq!(s.largest_sd_at(11.0, 7), None);
        assert_eq!(s.largest_sd(&n("11"), 7), None);
        assert_eq!(s.largest_sd_at(5.0, 1), None);
        assert!(!s.contains(-0.1) && s.contains(10.0));
        assert_eq!(s.describe(), "0–10");
        assert_eq!(unbounded.describe(), "−∞–∞");
        assert_eq!(scale("0", None, None).describe(), "0–∞");
        assert!(Scale::new(Some(n("10")), Some(n("0")), None).is_err());
        assert!(Scale::new(None, None, Some(n("0"))).is_err());
        // 10 is no whole number of steps of 0.3; 10 is of 0.5 and 2.5.
        assert!(Scale::new(Some(n("0")), Some(n("10")), Some(n("0.3"))).is_err());
        assert!(Scale::new(Some(n("0")), Some(n("10")), Some(n("0.5"))).is_ok());
        assert!(Scale::new(Some(n("-2.5")), Some(n("10")), Some(n("2.5"))).is_ok());
    }
}
