//! The choice of denominator degrees of freedom (`--ddf`), apart from the computation in
//! [`super::inference`] so that the fit can record it without importing the inference layer.

use crate::error::{Error, Result};
use serde::Serialize;

/// The method for the denominator degrees of freedom (`--ddf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ddf {
    Satterthwaite,
    KenwardRoger,
    /// nlme's containment ("inner-outer") df (Pinheiro & Bates 2000, §2.4.2), offered with
    /// correlated residuals ([`super::containment`]).
    Containment,
    /// No df: estimates, SEs and t only (as lme4's `summary`).
    None,
}

impl std::str::FromStr for Ddf {
    type Err = Error;
    fn from_str(s: &str) -> Result<Ddf> {
        match s.to_ascii_lowercase().as_str() {
            "satterthwaite" => Ok(Ddf::Satterthwaite),
            "kenward-roger" | "kr" => Ok(Ddf::KenwardRoger),
            "containment" => Ok(Ddf::Containment),
            "none" => Ok(Ddf::None),
            _ => Err(Error::field(
                "ddf",
                format!(
                    "'{s}' is not a method; allowed: satterthwaite, kenward-roger, containment, none"
                ),
            )),
        }
    }
}

impl Ddf {
    /// The name printed in summaries.
    pub fn label(self) -> &'static str {
        match self {
            Ddf::Satterthwaite => "Satterthwaite",
            Ddf::KenwardRoger => "Kenward-Roger",
            Ddf::Containment => "containment",
            Ddf::None => "none",
        }
    }
}
