//! Conversions between the ways trials report uncertainty, after the Cochrane Handbook
//! (Higgins et al., version 6.3, 2022), chapter 6: SEM → SD (§6.5.2.2), a confidence interval
//! → SE (§6.3.1 for differences, §6.3.2 for ratios, with t instead of z for small samples as
//! §6.5.2.2 advises), and a t statistic or a p-value → SE (§6.3.1).

use super::{check_finite, check_n, check_positive};
use crate::dist::{qnorm, qt};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use serde::Serialize;

/// The SD of individual values from the standard error of a mean over `n` people:
/// SD = SEM·√n (Cochrane Handbook §6.5.2.2).
///
/// ```
/// use trialstats_stats::effect::convert::sd_from_sem;
/// assert_eq!(sd_from_sem(0.5, 16.0)?, 2.0); // 0.5 · √16
/// assert!(sd_from_sem(0.5, 0.0).is_err());
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn sd_from_sem(sem: f64, n: f64) -> Result<f64> {
    check_positive(sem, "sem", "the SEM")?;
    check_n(n, 1.0, "n", "")?;
    let sd = sem * n.sqrt();
    if !sd.is_finite() {
        return Err(Error::input(
            "sem",
            format!(
                "SEM·√n = {}·√{} overflows (beyond the largest double, about 1.8e308); rescale the data, e.g. to other units",
                crate::output::human_number(sem),
                crate::output::human_number(n)
            ),
        ));
    }
    Ok(sd)
}

/// The SE of an estimate from its confidence interval (Cochrane Handbook §6.3.1):
/// SE = (upper − lower)/(2·z) with z the normal critical value for `level`, or with the t
/// critical value on n − 1 degrees of freedom when `n` is given (§6.5.2.2, small samples).
/// With `ratio`, the interval is of a ratio measure and is taken on the log scale (§6.3.2):
/// SE(ln) = (ln upper − ln lower)/(2·z).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::convert::se_from_ci;
/// // A difference with its 95 % CI 0.2 to 1.4: SE = 1.2 / (2 · 1.959964) = 0.30612807415479243;
/// // a hazard ratio's CI 0.5 to 0.9 on the log scale: (ln 0.9 − ln 0.5) / (2 · 1.959964)
/// // = 0.1499483331169617 (Python's NormalDist; R: qnorm(0.975)).
/// let level = ConfidenceLevel::NINETY_FIVE;
/// assert!((se_from_ci(0.2, 1.4, level, None, false)? - 0.30612807415479243).abs() < 1e-12);
/// assert!((se_from_ci(0.5, 0.9, level, None, true)? - 0.1499483331169617).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn se_from_ci(
    lower: f64,
    upper: f64,
    level: ConfidenceLevel,
    n: Option<f64>,
    ratio: bool,
) -> Result<f64> {
    check_finite(lower, "ci-lower", "the lower limit")?;
    check_finite(upper, "ci-upper", "the upper limit")?;
    if upper <= lower {
        return Err(Error::input(
            "ci-upper",
            format!("the upper limit ({upper}) must be larger than the lower limit ({lower})"),
        ));
    }
    if ratio && lower <= 0.0 {
        return Err(Error::input(
            "ci-lower",
            format!("a ratio's limits must be > 0 to be taken on the log scale (got {lower})"),
        ));
    }
    let crit = match n {
        Some(n) => {
            check_n(
                n,
                2.0,
                "n",
                " for a t critical value (n − 1 degrees of freedom)",
            )?;
            level.t_crit(n - 1.0)
        }
        None => level.z_crit(),
    };
    // half the width, formed from halves so that limits near ±1.8e308 do not overflow
    let half_width = if ratio {
        (upper.ln() - lower.ln()) / 2.0
    } else {
        upper / 2.0 - lower / 2.0
    };
    Ok(half_width / crit)
}

/// The SE of an estimate from its t (or z) statistic: SE = |estimate / t|.
///
/// ```
/// use trialstats_stats::effect::convert::se_from_t;
/// assert_eq!(se_from_t(-2.5, -5.0)?, 0.5);
/// assert!(se_from_t(-2.5, 0.0).is_err()); // a t of 0 says nothing about the SE
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn se_from_t(estimate: f64, t: f64) -> Result<f64> {
    check_finite(estimate, "estimate", "the estimate")?;
    if !(t.is_finite() && t != 0.0) {
        return Err(Error::input(
            "t",
            format!("the t statistic must be a non-zero number (got {t})"),
        ));
    }
    let se = (estimate / t).abs();
    if !se.is_finite() {
        return Err(Error::input(
            "t",
            format!(
                "the SE |estimate / t| = |{} / {}| overflows (beyond the largest double, about 1.8e308); the t statistic is too close to 0 for this estimate",
                crate::output::human_number(estimate),
                crate::output::human_number(t)
            ),
        ));
    }
    Ok(se)
}

/// The SE of an estimate from its two-sided p-value (Cochrane Handbook §6.3.1): the
/// statistic is z = Φ⁻¹(1 − p/2) (or the t quantile on n − 1 degrees of freedom when `n` is
/// given) and SE = |estimate| / statistic.
///
/// ```
/// use trialstats_stats::effect::convert::se_from_p;
/// // A change of −2.5 with p = 0.04: z = Φ⁻¹(0.98) = 2.053749, SE = 2.5/z = 1.217286099122454
/// // (Python's NormalDist().inv_cdf; R: 2.5 / qnorm(0.98)).
/// assert!((se_from_p(-2.5, 0.04, None)? - 1.217286099122454).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn se_from_p(estimate: f64, p: f64, n: Option<f64>) -> Result<f64> {
    check_finite(estimate, "estimate", "the estimate")?;
    if !(p.is_finite() && p > 0.0 && p < 1.0) {
        return Err(Error::input(
            "p",
            format!("the p-value must be strictly between 0 and 1 (got {p})"),
        ));
    }
    let statistic = match n {
        Some(n) => {
            check_n(n, 2.0, "n", " for a t statistic (n − 1 degrees of freedom)")?;
            // the upper quantile as minus the lower one: 1 − p/2 would round to 1 (and the
            // statistic to infinity) for p below about 1e-16
            -qt(p / 2.0, n - 1.0)
        }
        None => -qnorm(p / 2.0),
    };
    se_from_t(estimate, statistic)
}

/// SEM → SD with its formula, for printing.
pub fn sd_from_sem_conversion(sem: f64, n: f64) -> Result<Conversion> {
    Ok(Conversion {
        quantity: "sd".into(),
        value: sd_from_sem(sem, n)?,
        formula: "SD = SEM × √n (Cochrane Handbook 6.5.2.2)".into(),
    })
}

/// CI → SE with its formula (z, or t on n − 1 df when `n` is given; the log scale for a
/// ratio), for printing.
pub fn se_from_ci_conversion(
    lower: f64,
    upper: f64,
    level: ConfidenceLevel,
    n: Option<f64>,
    ratio: bool,
) -> Result<Conversion> {
    let value = se_from_ci(lower, upper, level, n, ratio)?;
    let crit = if n.is_some() { "t(n − 1)" } else { "z" };
    let (quantity, formula) = if ratio {
        (
            "se_log",
            format!("SE = (ln upper − ln lower) / (2·{crit}) (Cochrane Handbook 6.3.2)"),
        )
    } else {
        (
            "se",
            format!("SE = (upper − lower) / (2·{crit}) (Cochrane Handbook 6.3.1)"),
        )
    };
    Ok(Conversion {
        quantity: quantity.into(),
        value,
        formula,
    })
}

/// t → SE with its formula, for printing.
pub fn se_from_t_conversion(estimate: f64, t: f64) -> Result<Conversion> {
    Ok(Conversion {
        quantity: "se".into(),
        value: se_from_t(estimate, t)?,
        formula: "SE = |estimate / t| (Cochrane Handbook 6.3.1)".into(),
    })
}

/// p → SE with its formula (z, or t on n − 1 df when `n` is given), for printing.
pub fn se_from_p_conversion(estimate: f64, p: f64, n: Option<f64>) -> Result<Conversion> {
    let crit = if n.is_some() {
        "t(1 − p/2; n − 1)"
    } else {
        "z(1 − p/2)"
    };
    Ok(Conversion {
        quantity: "se".into(),
        value: se_from_p(estimate, p, n)?,
        formula: format!("SE = |estimate| / {crit} (Cochrane Handbook 6.3.1)"),
    })
}

/// One converted quantity, for printing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversion {
    /// What was computed (`"sd"`, `"se"`, `"se_log"`).
    pub quantity: String,
    pub value: f64,
    /// The formula used, with its source.
    pub formula: String,
}

impl crate::output::Tabular for Conversion {
    fn table(&self) -> crate::output::Table {
        crate::output::Table {
            header: vec!["quantity".into(), "value".into(), "formula".into()],
            rows: vec![vec![
                self.quantity.as_str().into(),
                self.value.into(),
                self.formula.as_str().into(),
            ]],
        }
    }
}
