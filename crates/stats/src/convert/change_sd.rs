//! The SE and SD of a mean change (after − before, within the same patients) from what a
//! paper reports instead: its confidence interval, its p-value, or its t statistic, each
//! with the mean change. Cochrane Handbook for Systematic Reviews of Interventions v6.4,
//! ch. 6.5.2.2–6.5.2.3 ("obtaining standard deviations from standard errors, confidence
//! intervals, t statistics and P values"): SE = width / (2 × critical value),
//! SE = |mean change| / t, with t from the p-value; SD = SE × √n.
//!
//! The critical value and the t from a p-value come from the t distribution with n − 1
//! degrees of freedom (the Handbook's advice for small samples; a paired t-test is what
//! produced such a p) or, when asked, from the normal distribution (what papers that print
//! "SE = width/3.92" assume).

use crate::effect::convert::{sd_from_sem, se_from_ci, se_from_p, se_from_t};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::human_number;
use serde::Serialize;

/// Which distribution turns a CI width or a p-value into a standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reference {
    /// Student's t with n − 1 degrees of freedom.
    #[default]
    T,
    /// The standard normal.
    Z,
}

/// What the paper reported about the change.
///
/// ```
/// use trialstats_stats::convert::{change_sd, ChangeSource, Reference};
/// // A mean change of −2.5 in 7 patients with paired t = −6.715883618966692 (the t of
/// // prepost::paired_t_test's example, whose change SD is √(1.1² + 0.8² − 2·0.5·1.1·0.8) = √0.97):
/// // SE = 2.5/6.7158… and SD = SE·√7 give back √0.97 (Cochrane Handbook 6.5.2.3).
/// let t = ChangeSource::T { t: -6.715883618966692, mean_change: -2.5 };
/// assert!((change_sd(7, t, Reference::T)?.sd - 0.97f64.sqrt()).abs() < 1e-12);
/// // A change of −1.8 in 20 patients with p = 0.03. R: 1.8/qt(1 - 0.03/2, 19) =
/// // 0.76737871919998957 is its SE (tests/effect_slope_convert.rs).
/// let p = ChangeSource::P { p: 0.03, mean_change: -1.8 };
/// let c = change_sd(20, p, Reference::T)?;
/// assert!((c.se - 0.76737871919998957).abs() < 1e-12);
/// assert!((c.sd - 0.76737871919998957 * 20f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum ChangeSource {
    /// A confidence interval of the mean change at `level`.
    Ci {
        lower: f64,
        upper: f64,
        level: ConfidenceLevel,
    },
    /// An exact two-sided p-value of the mean change (not "p < 0.05").
    P { p: f64, mean_change: f64 },
    /// The t statistic of the mean change.
    T { t: f64, mean_change: f64 },
}

/// The SE and SD of the change with how they were obtained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeSd {
    /// Sample size (patients with both measurements).
    pub n: u64,
    /// What was reported.
    pub source: ChangeSource,
    /// The mean change: as given, or the midpoint of the CI.
    pub mean_change: f64,
    /// The distribution used (`t` or `z`; a reported t needs none).
    pub reference: Option<Reference>,
    /// Degrees of freedom of the t reference.
    pub df: Option<f64>,
    /// The t or z value the SE was obtained with (the critical value for a CI, the statistic
    /// for a p-value, the reported t).
    pub statistic: f64,
    /// Standard error of the mean change.
    pub se: f64,
    /// SD of the individual changes: SE × √n.
    pub sd: f64,
    /// How, in words.
    pub method: String,
}

/// Derive the SE and SD of a mean change of `n` patients from `source`, using `reference`
/// for a CI or a p-value. Refused: n < 2, a CI whose ends are not ordered or not finite, a
/// p outside (0, 1), a mean change of 0 with a p or t (its SE is then not determined), a t
/// of 0.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::convert::{ChangeSource, Reference, change_sd};
/// // A mean change of 12 patients with its 95 % CI −4.1 to −0.9. By hand: SE = 3.2 / (2 ·
/// // t_{0.975, 11}) = 3.2 / (2 · 2.20098516009164) = 0.726947200286159 and SD = SE · √12 =
/// // 2.51821897063115 (mpmath; R: 3.2 / (2 * qt(0.975, 11)) * sqrt(12)).
/// let ci = ChangeSource::Ci { lower: -4.1, upper: -0.9, level: ConfidenceLevel::NINETY_FIVE };
/// let c = change_sd(12, ci, Reference::T)?;
/// assert!((c.se - 0.726947200286159).abs() < 1e-12);
/// assert!((c.sd - 2.51821897063115).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn change_sd(n: u64, source: ChangeSource, reference: Reference) -> Result<ChangeSd> {
    if n < 2 {
        return Err(Error::field(
            "n",
            format!(
                "n = {n}: the SD of a change needs at least 2 patients (n − 1 ≥ 1 degrees of freedom)"
            ),
        ));
    }
    let nf = n as f64;
    // The SE itself is the effect layer's Cochrane conversion (effect::convert): t on
    // n − 1 df when it is given an n, the normal otherwise.
    let t_n = (reference == Reference::T).then_some(nf);
    let ref_name = match reference {
        Reference::T => format!("t with {} df", n - 1),
        Reference::Z => "the normal distribution".to_string(),
    };
    let (mean_change, se, statistic, reference_used, method) = match source {
        ChangeSource::Ci {
            lower,
            upper,
            level,
        } => {
            let se = se_from_ci(lower, upper, level, t_n, false)?;
            let crit = (upper - lower) / 2.0 / se;
            (
                lower / 2.0 + upper / 2.0,
                se,
                crit,
                Some(reference),
                format!(
                    "SE = CI width / (2 × {}), the {} critical value of {ref_name} (Cochrane Handbook 6.5.2.3); SD = SE × √n",
                    human_number(crit),
                    level.label()
                ),
            )
        }
        ChangeSource::P { p, mean_change } => {
            let d = nonzero_change(mean_change)?;
            let se = se_from_p(d, p, t_n)?;
            let t = d.abs() / se;
            (
                d,
                se,
                t,
                Some(reference),
                format!(
                    "the two-sided p = {} is |{}| = {} under {ref_name}; SE = |mean change| / that (Cochrane Handbook 6.5.2.3); SD = SE × √n",
                    human_number(p),
                    match reference {
                        Reference::T => "t",
                        Reference::Z => "z",
                    },
                    human_number(t)
                ),
            )
        }
        ChangeSource::T { t, mean_change } => {
            let d = nonzero_change(mean_change)?;
            if t.is_finite() && t != 0.0 && d.signum() != t.signum() {
                return Err(Error::field(
                    "t",
                    format!(
                        "t = {t} and the mean change {d} have opposite signs; a t statistic has the sign of its mean change"
                    ),
                ));
            }
            (
                d,
                se_from_t(d, t)?,
                t,
                None,
                "SE = |mean change| / |t| (Cochrane Handbook 6.5.2.3); SD = SE × √n".to_string(),
            )
        }
    };
    Ok(ChangeSd {
        n,
        source,
        mean_change,
        reference: reference_used,
        df: (reference_used == Some(Reference::T)).then_some(nf - 1.0),
        statistic,
        se,
        sd: sd_from_sem(se, nf)?,
        method,
    })
}

fn nonzero_change(d: f64) -> Result<f64> {
    if !d.is_finite() {
        return Err(Error::field(
            "mean_change",
            format!("{d} is not a finite number"),
        ));
    }
    if d == 0.0 {
        return Err(Error::field(
            "mean_change",
            "a mean change of 0 gives no SE from a p-value or t (SE = mean change / t); give the CI instead",
        ));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R: n <- 20; se <- (4.1 - 0.7) / (2 * qt(0.975, 19)); sd <- se * sqrt(20)
    ///    sprintf("%.17g", c(qt(0.975, 19), se, sd))
    ///    → 2.0930240544083092 0.81222191231843432 3.6323668175177861
    /// and with z: (4.1 - 0.7) / (2 * qnorm(0.975)) = 0.86736287677191182,
    ///    × sqrt(20) = 3.8789647072435365
    #[test]
    fn from_a_confidence_interval() {
        let ci = ChangeSource::Ci {
            lower: 0.7,
            upper: 4.1,
            level: ConfidenceLevel::default(),
        };
        let r = change_sd(20, ci, Reference::T).unwrap();
        approx::assert_relative_eq!(
            r.statistic,
            2.0930240544083092,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        approx::assert_relative_eq!(
            r.se,
            0.81222191231843432,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        approx::assert_relative_eq!(
            r.sd,
            3.6323668175177861,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        approx::assert_relative_eq!(r.mean_change, 2.4, epsilon = 1e-12, max_relative = 1e-12);
        assert_eq!(r.df, Some(19.0));
        let z = change_sd(20, ci, Reference::Z).unwrap();
        approx::assert_relative_eq!(
            z.se,
            0.86736287677191182,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        approx::assert_relative_eq!(
            z.sd,
            3.8789647072435365,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        assert_eq!(z.df, None);
    }

    /// R: t <- qt(1 - 0.03/2, 27); se <- 1.8 / t; sprintf("%.17g", c(t, se, se*sqrt(28)))
    ///    → 2.290913608083724 0.78571273645960071 4.1576010052162715
    /// and the t so obtained, given back as a reported t, gives the same SD.
    #[test]
    fn from_a_p_value_and_from_t() {
        let p = ChangeSource::P {
            p: 0.03,
            mean_change: -1.8,
        };
        let r = change_sd(28, p, Reference::T).unwrap();
        approx::assert_relative_eq!(
            r.statistic,
            2.290913608083724,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        approx::assert_relative_eq!(
            r.se,
            0.78571273645960071,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        approx::assert_relative_eq!(
            r.sd,
            4.1576010052162715,
            epsilon = 1e-12,
            max_relative = 1e-12
        );
        let t = ChangeSource::T {
            t: -2.290913608083724,
            mean_change: -1.8,
        };
        let r2 = change_sd(28, t, Reference::T).unwrap();
        approx::assert_relative_eq!(r2.sd, r.sd, epsilon = 1e-12, max_relative = 1e-12);
    }

    #[test]
    fn bad_input_is_refused() {
        let level = ConfidenceLevel::default();
        let e = |n, s| change_sd(n, s, Reference::T).unwrap_err().to_string();
        assert!(
            e(
                1,
                ChangeSource::T {
                    t: 2.0,
                    mean_change: 1.0
                }
            )
            .contains("at least 2")
        );
        assert!(
            e(
                9,
                ChangeSource::Ci {
                    lower: 2.0,
                    upper: 1.0,
                    level
                }
            )
            .contains("must be larger")
        );
        assert!(
            e(
                9,
                ChangeSource::P {
                    p: 0.0,
                    mean_change: 1.0
                }
            )
            .contains("strictly between")
        );
        assert!(
            e(
                9,
                ChangeSource::P {
                    p: 1.0,
                    mean_change: 1.0
                }
            )
            .contains("strictly between")
        );
        assert!(
            e(
                9,
                ChangeSource::P {
                    p: 0.04,
                    mean_change: 0.0
                }
            )
            .contains("mean change of 0")
        );
        assert!(
            e(
                9,
                ChangeSource::T {
                    t: 0.0,
                    mean_change: 1.0
                }
            )
            .contains("non-zero")
        );
        assert!(
            e(
                9,
                ChangeSource::T {
                    t: 2.0,
                    mean_change: -1.0
                }
            )
            .contains("opposite signs")
        );
        assert!(
            e(
                9,
                ChangeSource::T {
                    t: f64::NAN,
                    mean_change: 1.0
                }
            )
            .contains("NaN")
        );
    }
}
