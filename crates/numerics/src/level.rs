//! The confidence level of an interval, checked once where it enters (an option, a CSV run, a
//! report run) and then carried as a type, so that every table and chart of one run uses the
//! same level and no routine re-checks a bare `f64`.
//!
//! A level is a fraction strictly between 0 and 1 (0.95); the significance level of a
//! two-sided test is its complement, α = 1 − level, and [`ConfidenceLevel::from_alpha`]
//! builds one from α (the `--alpha` of `report` and `prepost`).

use crate::dist;
use crate::error::{Error, Result};
use serde::Serialize;

/// The smallest α (and level) taken: closer to 0 or 1, the critical values leave double
/// precision and a printed "99.99999999%" could not be told from 100 %.
pub const MIN_FRACTION: f64 = 1e-6;

/// A confidence level in (0, 1); serialised as the bare fraction (`0.95`).
///
/// Both the level and α are kept as given or as their complement, so that a run asked for
/// `--alpha 0.05` reports α = 0.05 exactly (1 − 0.95 is 0.05000000000000004 in floating
/// point).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct ConfidenceLevel {
    level: f64,
    alpha: f64,
}

impl Serialize for ConfidenceLevel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.level)
    }
}

impl ConfidenceLevel {
    /// 95 %, the default everywhere.
    pub const NINETY_FIVE: ConfidenceLevel = ConfidenceLevel {
        level: 0.95,
        alpha: 0.05,
    };

    /// A level given as a fraction; refused (naming `--level`) outside
    /// [MIN_FRACTION, 1 − MIN_FRACTION] (see [`MIN_FRACTION`]).
    ///
    /// ```
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// let level = ConfidenceLevel::new(0.9)?;
    /// assert!((level.alpha() - 0.1).abs() < 1e-15);
    /// assert!(ConfidenceLevel::new(95.0).is_err()); // a percentage, not a fraction
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn new(level: f64) -> Result<ConfidenceLevel> {
        if level.is_finite() && (MIN_FRACTION..=1.0 - MIN_FRACTION).contains(&level) {
            Ok(ConfidenceLevel {
                level,
                alpha: 1.0 - level,
            })
        } else {
            Err(Error::field(
                "level",
                format!(
                    "level = {level}: a confidence level must lie strictly between 0 and 1, from 0.000001 to 0.999999 (e.g. 0.95)"
                ),
            ))
        }
    }

    /// The level 1 − α of a two-sided test at significance level `alpha`; refused (naming
    /// the field `alpha`) unless α is strictly between 0 and 1.
    ///
    /// ```
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// // A test at α = 0.1 matches a 90 % interval (1 − 0.1 = 0.9).
    /// let level = ConfidenceLevel::from_alpha(0.1)?;
    /// assert!((level.value() - 0.9).abs() < 1e-15);
    /// assert_eq!(level.label(), "90%");
    /// let e = ConfidenceLevel::from_alpha(5.0).unwrap_err().to_string();
    /// assert!(e.starts_with("alpha:")); // the error names the field
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn from_alpha(alpha: f64) -> Result<ConfidenceLevel> {
        if alpha.is_finite() && (MIN_FRACTION..=1.0 - MIN_FRACTION).contains(&alpha) {
            Ok(ConfidenceLevel {
                level: 1.0 - alpha,
                alpha,
            })
        } else {
            Err(Error::field(
                "alpha",
                format!(
                    "alpha = {alpha}: a significance level must lie strictly between 0 and 1, from 0.000001 to 0.999999 (e.g. 0.05)"
                ),
            ))
        }
    }

    /// The level as a fraction (0.95).
    pub fn value(self) -> f64 {
        self.level
    }

    /// The significance level of the matching two-sided test, 1 − level.
    pub fn alpha(self) -> f64 {
        self.alpha
    }

    /// The level in percent (95).
    pub fn percent(self) -> f64 {
        100.0 * self.level
    }

    /// "95%" (up to 8 significant digits: "97.5%").
    ///
    /// ```
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// // 0.975 is 97.5 per cent.
    /// let level = ConfidenceLevel::new(0.975)?;
    /// assert!((level.percent() - 97.5).abs() < 1e-12);
    /// assert_eq!(level.label(), "97.5%");
    /// assert_eq!(ConfidenceLevel::default().label(), "95%");
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn label(self) -> String {
        format!("{}%", crate::output::human_number(self.percent()))
    }

    /// The two-sided normal critical value z₁₋α/₂ (R `qnorm(1 - alpha/2)`).
    ///
    /// ```
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// // R: qnorm(0.975) = 1.959963984540054; qnorm(0.95) = 1.6448536269514722.
    /// assert!((ConfidenceLevel::NINETY_FIVE.z_crit() - 1.959963984540054).abs() < 1e-12);
    /// assert!((ConfidenceLevel::new(0.9)?.z_crit() - 1.6448536269514722).abs() < 1e-12);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn z_crit(self) -> f64 {
        dist::z_crit(self.level)
    }

    /// The two-sided t critical value on `df` degrees of freedom (R `qt(1 - alpha/2, df)`).
    ///
    /// ```
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// // R: qt(0.975, 28) = 2.0484071417952445; qt(0.95, 20) = 1.7247182429207868.
    /// assert!((ConfidenceLevel::NINETY_FIVE.t_crit(28.0) - 2.0484071417952445).abs() < 1e-12);
    /// assert!((ConfidenceLevel::new(0.9)?.t_crit(20.0) - 1.7247182429207868).abs() < 1e-12);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn t_crit(self, df: f64) -> f64 {
        dist::t_crit(self.level, df)
    }
}

impl Default for ConfidenceLevel {
    fn default() -> Self {
        ConfidenceLevel::NINETY_FIVE
    }
}

impl std::str::FromStr for ConfidenceLevel {
    type Err = Error;
    /// A fraction as typed on the command line (`0.9`); the error is the bare message, as
    /// the command line names the option itself.
    fn from_str(s: &str) -> Result<Self> {
        let x: f64 = s.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "'{s}' is not a number; a confidence level is a fraction such as 0.95"
            ))
        })?;
        ConfidenceLevel::new(x).map_err(|e| match e {
            e @ (Error::Input { .. } | Error::Field { .. }) => Error::Usage(e.into_message()),
            other => other,
        })
    }
}

impl std::fmt::Display for ConfidenceLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", crate::output::human_number(self.level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_outside_zero_one_are_refused_naming_the_field() {
        // The library's name for the field; the command line names its option (`--level`).
        let option = |f: &str| format!("--{f}");
        for bad in [0.0, 1.0, 1.5, -0.1, f64::NAN, f64::INFINITY, 95.0] {
            let e = ConfidenceLevel::new(bad).unwrap_err();
            assert!(e.to_string().starts_with("level:"), "{e}");
            assert!(e.naming_fields(&option).to_string().starts_with("--level:"));
        }
        let e = ConfidenceLevel::from_alpha(1.5).unwrap_err().to_string();
        assert!(e.starts_with("alpha:"), "{e}");
        assert!("x".parse::<ConfidenceLevel>().is_err());
    }

    #[test]
    fn alpha_and_level_are_complements() {
        let l = ConfidenceLevel::from_alpha(0.1).unwrap();
        assert!((l.value() - 0.9).abs() < 1e-15);
        assert_eq!(l.alpha(), 0.1);
        assert_eq!(l.label(), "90%");
        assert_eq!(ConfidenceLevel::NINETY_FIVE.label(), "95%");
        // R: qnorm(0.975) = 1.959963984540054
        assert!((ConfidenceLevel::NINETY_FIVE.z_crit() - 1.959963984540054).abs() < 1e-12);
    }
}
