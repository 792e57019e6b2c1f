//! The scale a score lives on: its bounds and step, and the largest standard deviation a
//! sample can have on a bounded scale.

use serde::Serialize;

/// The range of a score: `min`, optional `max` (`None`: unbounded above, as a relapse rate)
/// and optional `step` (`None`: continuous; `Some(0.5)` for EDSS).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    pub min: f64,
    pub max: Option<f64>,
    pub step: Option<f64>,
}

impl Scale {
    /// Whether `x` lies within `[min, max]`.
    pub fn contains(&self, x: f64) -> bool {
        x >= self.min && self.max.map_or(true, |max| x <= max)
    }

    /// The largest sample standard deviation (n − 1 denominator) that `n` values on
    /// `[min, max]` with this `mean` can have, or `None` when the scale is unbounded above,
    /// `n < 2`, or the mean lies outside the scale.
    ///
    /// For a fixed mean the sum of squares is largest when every value sits at a bound; with
    /// a fraction p = (mean − min)/(max − min) at `max` the population variance is
    /// (mean − min)(max − mean), so the sample SD is at most
    /// √(n/(n−1) · (mean − min)(max − mean)) (Bhatia & Davis 2000, *Amer. Math. Monthly*
    /// 107:353, the bound on the variance of a bounded random variable; applied to the
    /// empirical distribution and rescaled from n to n − 1).
    /// The bound ignores the step, so it is never too strict.
    pub fn max_sd(&self, mean: f64, n: u32) -> Option<f64> {
        let max = self.max?;
        if n < 2 || !self.contains(mean) {
            return None;
        }
        let n = f64::from(n);
        Some((n / (n - 1.0) * (mean - self.min) * (max - mean)).sqrt())
    }

    /// The scale as text: `0–10 (step 0.5)`, `0–∞`.
    pub fn describe(&self) -> String {
        let num = crate::output::human_number;
        let mut s = match self.max {
            Some(max) => format!("{}–{}", num(self.min), num(max)),
            None => format!("{}–∞", num(self.min)),
        };
        if let Some(step) = self.step {
            s.push_str(&format!(" (step {})", num(step)));
        }
        s
    }
}

#[cfg(test)]
// The reference values are R's 17-significant-digit printouts, kept as printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn max_sd_matches_the_bound_by_hand() {
        // EDSS 0–10, mean 5, n = 7: √(7/6 · 5 · 5) = 5.400617248673217
        // (R: sprintf("%.17g", sqrt(7/6*5*5)) -> "5.4006172486732176")
        let edss = Scale {
            min: 0.0,
            max: Some(10.0),
            step: Some(0.5),
        };
        assert_relative_eq!(
            edss.max_sd(5.0, 7).unwrap(),
            5.4006172486732176,
            max_relative = 1e-15
        );
        // NRS 0–10, mean 0.9, n = 7 (the NMO pain score after a year):
        // R: sprintf("%.17g", sqrt(7/6*0.9*9.1)) -> "3.0911163032147462"
        let nrs = Scale {
            min: 0.0,
            max: Some(10.0),
            step: Some(1.0),
        };
        assert_relative_eq!(
            nrs.max_sd(0.9, 7).unwrap(),
            3.0911163032147462,
            max_relative = 1e-15
        );
    }

    #[test]
    fn max_sd_is_attained_by_values_at_the_bounds() {
        // Four values 0, 0, 10, 10: mean 5, sample SD = sqrt(100/3)
        // (R: sd(c(0, 0, 10, 10)) = 5.7735026918962582); the bound must equal it.
        let s = Scale {
            min: 0.0,
            max: Some(10.0),
            step: None,
        };
        assert_relative_eq!(
            s.max_sd(5.0, 4).unwrap(),
            5.7735026918962582,
            max_relative = 1e-15
        );
    }

    #[test]
    fn max_sd_is_none_without_an_upper_bound_or_outside_the_scale() {
        let unbounded = Scale {
            min: 0.0,
            max: None,
            step: None,
        };
        assert_eq!(unbounded.max_sd(2.9, 7), None);
        let s = Scale {
            min: 0.0,
            max: Some(10.0),
            step: None,
        };
        assert_eq!(s.max_sd(11.0, 7), None);
        assert_eq!(s.max_sd(5.0, 1), None);
        assert!(!s.contains(-0.1) && s.contains(10.0));
        assert_eq!(s.describe(), "0–10");
    }
}
