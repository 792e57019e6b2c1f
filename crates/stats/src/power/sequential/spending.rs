//! Error-spending functions: the share of α (or β) a design may have spent by information
//! fraction t, with f(0) = 0 and f(1) = the whole. Names and forms as rpact's
//! `typeOfDesign` / `typeBetaSpending` (and gsDesign's `sfLDOF`, `sfLDPocock`, `sfPower`,
//! `sfHSD`):
//!
//! | rpact | function | f(t) for a total ε |
//! |---|---|---|
//! | `asOF`, `bsOF` | Lan & DeMets (1983), O'Brien–Fleming type | 2·s·(1 − Φ(Φ⁻¹(1 − ε/(2s))/√t)), s = sides (1 for β) |
//! | `asP`, `bsP` | Lan & DeMets (1983), Pocock type | ε·ln(1 + (e − 1)·t) |
//! | `asKD`, `bsKD` | Kim & DeMets (1987), power family | ε·t^γ (γ > 0) |
//! | `asHSD`, `bsHSD` | Hwang, Shih & DeCani (1990) | ε·(1 − e^(−γt))/(1 − e^(−γ)); ε·t at γ = 0 |

use crate::dist::{pnorm_upper, qnorm};
use crate::error::{Error, Result};
use serde::Serialize;

/// One family of spending functions, with its parameter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "family", rename_all = "kebab-case")]
pub enum Spending {
    /// Lan–DeMets O'Brien–Fleming type.
    OBrienFleming,
    /// Lan–DeMets Pocock type.
    Pocock,
    /// Kim–DeMets power family t^γ.
    KimDeMets { gamma: f64 },
    /// Hwang–Shih–DeCani family.
    HwangShihDeCani { gamma: f64 },
}

impl Spending {
    /// The family named as rpact names it without its `as`/`bs` prefix (`OF`, `P`, `KD`,
    /// `HSD`), with `gamma` where the family has one. Errors name `field`
    /// (the family) or `gamma_field` (its parameter), the request's fields.
    pub fn from_name(
        name: &str,
        gamma: Option<f64>,
        field: &'static str,
        gamma_field: &'static str,
    ) -> Result<Spending> {
        let needs_gamma = |range: &str| -> Result<f64> {
            gamma.ok_or_else(|| {
                Error::field(
                    gamma_field,
                    format!("the {name} spending function needs its parameter γ ({range})"),
                )
            })
        };
        let spending = match name {
            "OF" => Spending::OBrienFleming,
            "P" => Spending::Pocock,
            "KD" => Spending::KimDeMets {
                gamma: needs_gamma("a number from 0.4 to 8, e.g. 1 to 3")?,
            },
            "HSD" => Spending::HwangShihDeCani {
                gamma: needs_gamma("a number from −10 to 5, e.g. −4 for a conservative start")?,
            },
            other => {
                return Err(Error::field(
                    field,
                    format!("unknown spending function '{other}'; allowed: OF, P, KD, HSD"),
                ));
            }
        };
        if gamma.is_some() && matches!(spending, Spending::OBrienFleming | Spending::Pocock) {
            return Err(Error::field(
                gamma_field,
                format!("the {name} spending function has no parameter; γ is for KD and HSD"),
            ));
        }
        spending.validate(gamma_field)?;
        Ok(spending)
    }

    /// Refuse a γ outside the family's range (rpact's: KD 0.4 to 8, HSD −10 to 5).
    pub fn validate(&self, gamma_field: &'static str) -> Result<()> {
        match *self {
            Spending::KimDeMets { gamma } if !(0.4..=8.0).contains(&gamma) => Err(Error::field(
                gamma_field,
                format!("{gamma}: the Kim–DeMets γ must be from 0.4 to 8 (as rpact)"),
            )),
            Spending::HwangShihDeCani { gamma } if !(-10.0..=5.0).contains(&gamma) => {
                Err(Error::field(
                    gamma_field,
                    format!("{gamma}: the Hwang–Shih–DeCani γ must be from −10 to 5"),
                ))
            }
            _ => Ok(()),
        }
    }

    /// The short name rpact gives the family after `as`/`bs`.
    pub fn name(&self) -> &'static str {
        match self {
            Spending::OBrienFleming => "OF",
            Spending::Pocock => "P",
            Spending::KimDeMets { .. } => "KD",
            Spending::HwangShihDeCani { .. } => "HSD",
        }
    }

    /// The parameter γ, where the family has one.
    pub fn gamma(&self) -> Option<f64> {
        match *self {
            Spending::KimDeMets { gamma } | Spending::HwangShihDeCani { gamma } => Some(gamma),
            _ => None,
        }
    }

    /// What the family spends by time `t` out of `total`, for a test with `sides` sides
    /// (which only the O'Brien–Fleming type uses, as rpact: 1 for β).
    ///
    /// ```
    /// use trialstats_stats::power::sequential::spending::Spending;
    /// // Lan–DeMets O'Brien–Fleming type at t = ½, one-sided α = 0.025:
    /// // 2·(1 − Φ(Φ⁻¹(0.9875)/√½)); R: 2 * pnorm(qnorm(1 - 0.0125) / sqrt(0.5),
    /// // lower.tail = FALSE) = 0.0015253227579889016.
    /// let spent = Spending::OBrienFleming.spent(0.5, 0.025, 1);
    /// assert!((spent - 0.0015253227579889016).abs() < 1e-16);
    /// // Pocock type: 0.025·ln(1 + (e − 1)/2) = 0.015503775...
    /// let spent = Spending::Pocock.spent(0.5, 0.025, 1);
    /// assert!((spent - 0.025 * (1.0 + (std::f64::consts::E - 1.0) / 2.0).ln()).abs() < 1e-17);
    /// ```
    pub fn spent(&self, t: f64, total: f64, sides: u8) -> f64 {
        if t >= 1.0 {
            return total;
        }
        if t <= 0.0 {
            return 0.0;
        }
        match *self {
            Spending::OBrienFleming => {
                let s = f64::from(sides);
                2.0 * s * pnorm_upper(qnorm(1.0 - total / (2.0 * s)) / t.sqrt())
            }
            Spending::Pocock => total * (1.0 + (std::f64::consts::E - 1.0) * t).ln(),
            Spending::KimDeMets { gamma } => total * t.powf(gamma),
            Spending::HwangShihDeCani { gamma } => {
                if gamma == 0.0 {
                    total * t
                } else {
                    total * (-(-gamma * t).exp_m1()) / (-(-gamma).exp_m1())
                }
            }
        }
    }
}
