//! Sample size and power for a ratio of two event rates (relapses per year) analysed by
//! negative binomial regression with the log follow-up time as offset, tested by the Wald
//! test of the arm coefficient (Zhu & Lakkis 2014, Stat Med 33:376; Poisson when the
//! dispersion k is 0). Counts have mean λt and variance λt + k(λt)².
//!
//! With equal arms (n per arm), control rate λ₀, treatment rate λ₁ = RR·λ₀ and mean follow-up
//! t, the variance of log(RR̂) is V/n with, under the alternative,
//!
//!   V₁ = (1/λ₀ + 1/λ₁)/t + 2k,
//!
//! and n = (z₁₋α/₂ √V₀ + z_power √V₁)² / (log RR)², where V₀, the variance under the null
//! (both rates equal), is estimated in one of three ways (Zhu & Lakkis's three methods, in
//! the order and numbering of R's MKpower `power.nb.test`, which implements them):
//!
//! 1. [`VarianceMethod::ControlRate`]: both rates at the control rate, V₀ = 2/(λ₀t) + 2k;
//! 2. [`VarianceMethod::TrueRates`]: V₀ = V₁;
//! 3. [`VarianceMethod::Pooled`] (the default, as MKpower's): both rates at the rate with
//!    the marginal total fixed, λ̄ = (λ₀ + λ₁)/2, V₀ = 2/(λ̄t) + 2k (statsmodels' `ftotal`).

use super::{require_non_negative, require_positive, Goal, Sides, Solution};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::{human_number, Cell, Table, Tabular};
use serde::Serialize;

/// How the variance under the null is estimated (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum VarianceMethod {
    /// Method 1: both rates at the control rate.
    ControlRate,
    /// Method 2: the variance under the alternative.
    TrueRates,
    /// Method 3: both rates at the pooled rate (fixed marginal total).
    #[default]
    Pooled,
}

impl VarianceMethod {
    pub const ALL: [VarianceMethod; 3] = [
        VarianceMethod::ControlRate,
        VarianceMethod::TrueRates,
        VarianceMethod::Pooled,
    ];

    /// The option value (`control-rate`, `true-rates`, `pooled`).
    pub fn name(self) -> &'static str {
        match self {
            VarianceMethod::ControlRate => "control-rate",
            VarianceMethod::TrueRates => "true-rates",
            VarianceMethod::Pooled => "pooled",
        }
    }

    /// Zhu & Lakkis's method number, as MKpower numbers them.
    pub fn number(self) -> u8 {
        match self {
            VarianceMethod::ControlRate => 1,
            VarianceMethod::TrueRates => 2,
            VarianceMethod::Pooled => 3,
        }
    }
}

impl std::str::FromStr for VarianceMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        VarianceMethod::ALL
            .into_iter()
            .find(|m| m.name() == s || m.number().to_string() == s)
            .ok_or_else(|| {
                Error::input(
                    "--variance",
                    format!("unknown method '{s}'; allowed: control-rate (1), true-rates (2), pooled (3)"),
                )
            })
    }
}

/// The assumptions of a two-arm rate trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateDesign {
    /// Events per patient per time unit in the control arm (λ₀).
    pub rate_control: f64,
    /// Treatment rate over control rate (RR ≠ 1).
    pub rate_ratio: f64,
    /// Mean follow-up per patient (time units of the rate).
    pub years: f64,
    /// Negative binomial dispersion k (variance λt + k(λt)²); 0 is Poisson.
    pub dispersion: f64,
}

impl RateDesign {
    /// Refuse what has no answer, naming the option.
    pub fn validate(&self) -> Result<()> {
        require_positive(
            "--rate-control",
            self.rate_control,
            "the control event rate",
        )?;
        require_positive("--rate-ratio", self.rate_ratio, "the rate ratio")?;
        if self.rate_ratio == 1.0 {
            return Err(Error::input(
                "--rate-ratio",
                "1 is no effect; give the ratio the trial should detect (e.g. 0.7)",
            ));
        }
        require_positive("--years", self.years, "the mean follow-up")?;
        require_non_negative("--dispersion", self.dispersion, "the dispersion k")?;
        for (option, v) in [
            ("--rate-control", self.rate_control),
            ("--rate-ratio", self.rate_ratio),
            ("--years", self.years),
            ("--dispersion", self.dispersion),
        ] {
            if !(1e-12..=1e12).contains(&v) && v != 0.0 {
                return Err(Error::input(
                    option,
                    format!(
                        "{} is out of range; allowed: 1e-12 to 1e12",
                        human_number(v)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// V₁, the variance of log(RR̂) per patient per arm under the alternative.
    pub fn variance_alternative(&self) -> f64 {
        let l0 = self.rate_control;
        let l1 = l0 * self.rate_ratio;
        (1.0 / l0 + 1.0 / l1) / self.years + 2.0 * self.dispersion
    }

    /// V₀, the variance under the null by `method`.
    pub fn variance_null(&self, method: VarianceMethod) -> f64 {
        let l0 = self.rate_control;
        let l1 = l0 * self.rate_ratio;
        let at = |rate: f64| 2.0 / (rate * self.years) + 2.0 * self.dispersion;
        match method {
            VarianceMethod::ControlRate => at(l0),
            VarianceMethod::TrueRates => self.variance_alternative(),
            VarianceMethod::Pooled => at((l0 + l1) / 2.0),
        }
    }
}

/// The closed-form answer for a rate trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatePower {
    pub method: String,
    pub variance_method: VarianceMethod,
    #[serde(flatten)]
    pub design: RateDesign,
    pub rate_treatment: f64,
    pub alpha: f64,
    pub sides: Sides,
    #[serde(flatten)]
    pub solution: Solution,
    pub variance_null: f64,
    pub variance_alternative: f64,
    /// Which inputs are reported and which assumed, one line each.
    pub provenance: Vec<String>,
}

/// The method line of a rate result.
pub const RATE_METHOD: &str =
    "negative binomial regression, Wald z test of log rate ratio (Zhu & Lakkis 2014)";

/// Per-arm n (for [`Goal::Power`]) or power (for [`Goal::N`]) of `design`.
pub fn rate_power(
    design: &RateDesign,
    method: VarianceMethod,
    alpha: ConfidenceLevel,
    sides: Sides,
    goal: Goal,
) -> Result<RatePower> {
    design.validate()?;
    let (v0, v1) = (design.variance_null(method), design.variance_alternative());
    let solution = Solution::solve(
        goal,
        design.rate_ratio.ln().abs(),
        (v0, v1),
        sides.z_crit(alpha),
        "the rate ratio is too close to 1",
    )?;
    Ok(RatePower {
        method: format!(
            "{RATE_METHOD}, variance under H0 by method {} ({})",
            method.number(),
            method.name()
        ),
        variance_method: method,
        design: design.clone(),
        rate_treatment: design.rate_control * design.rate_ratio,
        alpha: alpha.alpha(),
        sides,
        solution,
        variance_null: v0,
        variance_alternative: v1,
        provenance: Vec::new(),
    })
}

impl Tabular for RatePower {
    fn preamble(&self) -> Option<String> {
        let s = format!(
            "Power for a ratio of event rates: {}\nalpha = {} ({}); counts {}\n",
            self.method,
            human_number(self.alpha),
            self.sides.describe(),
            if self.design.dispersion == 0.0 {
                "Poisson (k = 0)".to_string()
            } else {
                format!(
                    "negative binomial, variance λt + k(λt)², k = {}",
                    human_number(self.design.dispersion)
                )
            }
        );
        super::preamble_with(s, &self.provenance)
    }

    fn table(&self) -> Table {
        let d = &self.design;
        let mut rows: Vec<Vec<Cell>> = vec![
            vec![
                "rate control (per patient-year)".into(),
                d.rate_control.into(),
            ],
            vec!["rate treatment".into(), self.rate_treatment.into()],
            vec!["rate ratio".into(), d.rate_ratio.into()],
            vec!["mean follow-up".into(), d.years.into()],
            vec!["dispersion k".into(), d.dispersion.into()],
            vec!["V0 (null)".into(), self.variance_null.into()],
            vec!["V1 (alternative)".into(), self.variance_alternative.into()],
        ];
        rows.extend(self.solution.rows());
        Table {
            header: vec!["quantity".into(), "value".into()],
            rows,
        }
    }
}
