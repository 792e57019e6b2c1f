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
//!   three variance methods, checked by simulating trials that are each fitted by our own
//!   [`crate::glmm`] negative binomial (or Poisson) regression.
//!
//! - the difference at the last visit analysed by a mixed model for repeated measures
//!   (MMRM) with monotone dropout: Lu, Luo & Chen (2008), formula (3), as R's longpower
//!   `power.mmrm` and `power.mmrm.ar1`;
//! - a hazard ratio analysed by the log-rank test: events by Schoenfeld (1983) or Freedman
//!   (1982), patients from accrual, follow-up and hazards (Lachin & Foulkes 1986).
//!
//! The closed forms use the normal approximation of the Wald test, as the references do
//! (`--small-sample t` uses the noncentral t with df = N − 2, as R's `power.t.test`), and
//! count a two-sided test's rejection in the direction of the effect only (the other
//! tail adds less than α/2, in practice nothing, and is left out as longpower, MKpower and
//! PASS leave it out); the simulation counts a rejection in either direction, as an
//! analysis would. Every design takes an allocation A:B between its arms and solves for n,
//! power or the detectable difference ([`solve`]).
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`Sides`], the checks of positive inputs, the preamble of a result |
//! | [`solve`] | [`Allocation`], [`Goal`], [`SmallSample`], [`Solution`]: n, power or delta, z or t; [`TwoArmVariances`]: a difference in means (slope, MMRM) |
//! | [`slope`] | the slope design, its dropout pattern or retention, the closed-form n and power |
//! | [`mmrm`] | the MMRM design (Lu, Luo & Chen 2008): correlation, retention, φ per arm |
//! | [`rate`] | the rate design, Zhu & Lakkis's variances, n and power |
//! | [`survival`] | events (Schoenfeld, Freedman) and patients (Lachin & Foulkes) for a hazard ratio |
//! | [`hazard_ratio`] | the HR to plan on from a CSV of trials: one trial's as reported, or several pooled |
//! | [`simulate`] | simulated slope and rate trials, fitted by `lmm` and `glmm`, in parallel |
//! | [`sweep`] | a closed form across one or two nuisance parameters, as a table and a chart |
//! | [`sequential`] | group-sequential designs: boundaries, spending functions, inflation factor, expected n |

pub mod hazard_ratio;
pub mod mmrm;
pub mod rate;
pub mod sequential;
pub mod simulate;
pub mod slope;
pub mod solve;
pub mod survival;
pub mod sweep;

pub use rate::{RateDesign, RatePower, VarianceMethod};
pub use simulate::{
    SimulatedPower, SimulationSettings, simulate_rate_trials, simulate_slope_trials,
};
pub use slope::{SlopeDesign, SlopePower, dropout_pattern};
pub use solve::{
    Allocation, Goal, Precision, SampleSize, SmallSample, Solution, Test, TwoArmVariances,
};
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
    ///
    /// ```
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// use trialstats_stats::power::Sides;
    /// // R: qnorm(0.975) = 1.959963984540054 and qnorm(0.95) = 1.6448536269514722.
    /// let l = ConfidenceLevel::NINETY_FIVE;
    /// assert!((Sides::TwoSided.z_crit(l) - 1.959963984540054).abs() < 1e-12);
    /// assert!((Sides::OneSided.z_crit(l) - 1.6448536269514722).abs() < 1e-12);
    /// ```
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

/// The rows a simulation adds to a result table: its power and Monte Carlo SE.
pub(crate) fn simulation_rows(
    power: Option<f64>,
    se: Option<f64>,
) -> Vec<Vec<crate::output::Cell>> {
    match (power, se) {
        (Some(p), Some(se)) => vec![
            vec!["power (simulated)".into(), p.into()],
            vec!["Monte Carlo SE".into(), se.into()],
        ],
        _ => Vec::new(),
    }
}

/// A result's preamble: `head`, then each line of `provenance` indented.
pub(crate) fn preamble_with(mut head: String, provenance: &[String]) -> Option<String> {
    for line in provenance {
        head.push_str(&format!("  {line}\n"));
    }
    Some(head)
}

/// Refuse a value that must be finite and > 0 (an SD, a rate, a duration), naming `field`.
pub fn require_positive(field: &'static str, value: f64, what: &str) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::field(
            field,
            format!(
                "{}: {what} must be a number greater than 0",
                crate::output::human_number(value)
            ),
        ))
    }
}

/// Refuse a value that must be finite and ≥ 0, naming `field`.
pub(crate) fn require_non_negative(field: &'static str, value: f64, what: &str) -> Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(Error::field(
            field,
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
        // The two-sample z test, d = 0.5, unit variance, 1:1.
        let unit_variances = TwoArmVariances { va: 1.0, vb: 1.0 };
        let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
        let s = unit_variances
            .solve(Goal::Power(0.8), 0.5, test, Allocation::EQUAL)
            .unwrap();
        // R: 2 * (qnorm(0.975) + qnorm(0.8))^2 / 0.5^2 = 62.791037874792686 per arm
        let n = s.n_total_exact.unwrap() / 2.0;
        assert!((n - 62.791037874792686).abs() < 1e-9, "{n}");
        assert_eq!(s.n_per_arm(), Some(63));
    }

    #[test]
    fn goals_outside_their_range_are_refused() {
        for p in [0.0, 1.0, -0.1, 1.5, f64::NAN] {
            let e = Goal::Power(p).validate().unwrap_err().to_string();
            assert!(e.contains("power"), "{e}");
        }
        let e = Goal::N(SampleSize::PerArm(1.0))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("n"), "{e}");
    }
}
