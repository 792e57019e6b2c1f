//! Power and sample size for the confirmatory trial a report calls for: how many patients per
//! arm a two-arm randomised trial needs to show the reported effect, or the power a given
//! number gives, with the nuisance values a document does not report (the SD of individual
//! slopes, the residual SD, dropout, dispersion) swept rather than guessed once.
//!
//! Two endpoints:
//!
//! - a difference in mean slopes (points per month) analysed by a random-intercept,
//!   random-slope linear mixed model: the closed form of Diggle et al. (2002, §2.4) as
//!   generalised to random slopes and monotone dropout by Edland (2009) and Zhao & Edland
//!   (R's longpower `edland.linear.power`), checked by simulating trials that are each
//!   fitted by our own [`crate::lmm`];
//! - a ratio of two event rates (relapses per year) analysed by negative binomial regression
//!   (Poisson when the dispersion is 0): Zhu & Lakkis (2014, Stat Med 33:376), with their
//!   three variance methods.
//!
//! Both closed forms use the normal approximation of the Wald test, as the references do,
//! and count a two-sided test's rejection in the direction of the effect only (the other
//! tail adds less than α/2, in practice nothing, and is left out as longpower, MKpower and
//! PASS leave it out); the simulation counts a rejection in either direction, as an
//! analysis would.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`Sides`], [`Goal`], the normal-approximation sample size and power |
//! | [`slope`] | the slope design, its dropout pattern, the closed-form n and power |
//! | [`rate`] | the rate design, Zhu & Lakkis's variances, n and power |
//! | [`simulate`] | simulated slope trials fitted by the mixed model, in parallel |
//! | [`sweep`] | a closed form across one or two nuisance parameters, as a table and a chart |

pub mod rate;
pub mod simulate;
pub mod slope;
pub mod sweep;

pub use rate::{RateDesign, RatePower, VarianceMethod};
pub use simulate::{simulate_slope_trials, SimulatedPower, SimulationSettings};
pub use slope::{dropout_pattern, SlopeDesign, SlopePower};
pub use sweep::{SweepAxis, SweepResult};

use crate::dist;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use serde::Serialize;

/// A one- or two-sided test at significance level α.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Sides {
    #[default]
    TwoSided,
    OneSided,
}

impl Sides {
    /// The critical value of the test: z₁₋α/₂ (two-sided) or z₁₋α (one-sided).
    pub fn z_crit(self, alpha: ConfidenceLevel) -> f64 {
        match self {
            Sides::TwoSided => alpha.z_crit(),
            Sides::OneSided => dist::qnorm(1.0 - alpha.alpha()),
        }
    }

    /// "two-sided" or "one-sided".
    pub fn describe(self) -> &'static str {
        match self {
            Sides::TwoSided => "two-sided",
            Sides::OneSided => "one-sided",
        }
    }
}

/// What to solve for: the per-arm n that gives a power, or the power of a per-arm n.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The power wanted, strictly between 0 and 1.
    Power(f64),
    /// Patients per arm.
    N(f64),
}

impl Goal {
    /// Refuse a power outside (0, 1) (naming `--power`) or an n below 2 (naming `--n`).
    pub fn validate(self) -> Result<Goal> {
        match self {
            Goal::Power(p) if !(p.is_finite() && p > 0.0 && p < 1.0) => Err(Error::input(
                "--power",
                format!(
                    "{p} is not a power; allowed: a fraction strictly between 0 and 1 (e.g. 0.8)"
                ),
            )),
            Goal::N(n) if !(n.is_finite() && (2.0..=1e9).contains(&n)) => Err(Error::input(
                "--n",
                format!("{n} patients per arm; allowed: 2 to 1e9"),
            )),
            ok => Ok(ok),
        }
    }
}

/// The largest n per arm reported; beyond it the effect is too small to study.
pub const MAX_N_PER_ARM: f64 = 1e9;

/// Per-arm n for a Wald test of an effect `effect` (> 0) whose estimate has variance
/// `v_null / n` under the null and `v_alt / n` under the alternative (n per arm):
/// n = (z_crit √v_null + z_power √v_alt)² / effect² (Zhu & Lakkis 2014, eq. 8; with
/// v_null = v_alt, the familiar (z_crit + z_power)² v / effect², as longpower).
pub fn normal_n(effect: f64, v_null: f64, v_alt: f64, z_crit: f64, power: f64) -> f64 {
    let z_power = dist::qnorm(power);
    let root = z_crit * v_null.sqrt() + z_power * v_alt.sqrt();
    root * root / (effect * effect)
}

/// The power of that test with n per arm: Φ((√n |effect| − z_crit √v_null) / √v_alt).
pub fn normal_power(effect: f64, v_null: f64, v_alt: f64, z_crit: f64, n: f64) -> f64 {
    dist::pnorm((n.sqrt() * effect.abs() - z_crit * v_null.sqrt()) / v_alt.sqrt())
}

/// What a closed form answers: the per-arm n (the formula's, rounded up, or the one given)
/// and the power it gives.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Solution {
    /// The power asked for (when solving for n).
    pub target_power: Option<f64>,
    /// Patients per arm: the n asked for, or the formula's n rounded up.
    pub n_per_arm: u64,
    /// The formula's n before rounding up (when solving for n).
    pub n_per_arm_exact: Option<f64>,
    /// The power with `n_per_arm` patients per arm.
    pub power: f64,
}

impl Solution {
    /// Solve `goal` for a Wald test of `effect` with per-patient variances `v_null`, `v_alt`
    /// ([`normal_n`], [`normal_power`]); `too_small` says why an n beyond
    /// [`MAX_N_PER_ARM`] is refused.
    pub fn solve(
        goal: Goal,
        effect: f64,
        (v_null, v_alt): (f64, f64),
        z_crit: f64,
        too_small: &str,
    ) -> Result<Solution> {
        let (n, exact, target) = match goal.validate()? {
            Goal::Power(p) => {
                let exact = normal_n(effect, v_null, v_alt, z_crit, p);
                if !(exact.is_finite() && exact <= MAX_N_PER_ARM) {
                    return Err(Error::Numerical(format!(
                        "the formula's n per arm ({}) is beyond 1e9: {too_small}",
                        crate::output::human_number(exact)
                    )));
                }
                (exact.ceil().max(2.0), Some(exact), Some(p))
            }
            Goal::N(n) => (n.ceil(), None, None),
        };
        Ok(Solution {
            target_power: target,
            n_per_arm: n as u64,
            n_per_arm_exact: exact,
            power: normal_power(effect, v_null, v_alt, z_crit, n),
        })
    }

    /// Its rows of a result table.
    pub fn rows(&self) -> Vec<Vec<crate::output::Cell>> {
        use crate::output::Cell;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let Some(p) = self.target_power {
            rows.push(vec!["target power".into(), p.into()]);
        }
        if let Some(n) = self.n_per_arm_exact {
            rows.push(vec!["n per arm (formula, unrounded)".into(), n.into()]);
        }
        rows.push(vec![
            "n per arm".into(),
            Cell::Integer(self.n_per_arm as i64),
        ]);
        rows.push(vec!["power (formula)".into(), self.power.into()]);
        rows
    }
}

/// A result's preamble: `head`, then each line of `provenance` indented.
pub(crate) fn preamble_with(mut head: String, provenance: &[String]) -> Option<String> {
    for line in provenance {
        head.push_str(&format!("  {line}\n"));
    }
    Some(head)
}

/// Refuse a value that must be finite and > 0 (an SD, a rate, a duration), naming `option`.
pub(crate) fn require_positive(option: &str, value: f64, what: &str) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::input(
            option,
            format!(
                "{}: {what} must be a number greater than 0",
                crate::output::human_number(value)
            ),
        ))
    }
}

/// Refuse a value that must be finite and ≥ 0, naming `option`.
pub(crate) fn require_non_negative(option: &str, value: f64, what: &str) -> Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(Error::input(
            option,
            format!(
                "{}: {what} must be a number of at least 0",
                crate::output::human_number(value)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_sample_z_formula() {
        // The two-sample z test, d = 0.5,
        // unit variance: v = 2 per patient for the difference of two means).
        let z = Sides::TwoSided.z_crit(ConfidenceLevel::NINETY_FIVE);
        let n = normal_n(0.5, 2.0, 2.0, z, 0.8);
        // R: 2 * (qnorm(0.975) + qnorm(0.8))^2 / 0.5^2 = 62.791037874792686
        assert!((n - 62.791037874792686).abs() < 1e-9, "{n}");
        let p = normal_power(0.5, 2.0, 2.0, z, n);
        assert!((p - 0.8).abs() < 1e-12, "{p}");
    }

    #[test]
    fn goals_outside_their_range_are_refused() {
        for p in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
            let e = Goal::Power(p).validate().unwrap_err().to_string();
            assert!(e.contains("--power"), "{e}");
        }
        let e = Goal::N(1.0).validate().unwrap_err().to_string();
        assert!(e.contains("--n"), "{e}");
    }
}
