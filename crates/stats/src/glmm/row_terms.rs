//! What a family gives the likelihood for one row: its log density's kernel and derivatives
//! in η ([`Terms`]) and in the dispersion parameter ([`DispersionSlopes`]). Kept apart from
//! [`super::family`] so that the families written in modules of their own
//! ([`super::betabinomial`], [`super::ordinal`]) build these without importing the module that
//! dispatches to them.

/// One observation's log density (up to the constant of `Family::constant`) with its
/// score and observed information in η.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terms {
    /// The part of log f(y | η) that depends on η (and θ for the negative binomial).
    pub kernel: f64,
    /// ∂ log f / ∂η.
    pub score: f64,
    /// −∂² log f / ∂η² (≥ 0 where the family is log-concave in η; the beta's and the
    /// beta-binomial's can be negative, `Family::information_can_be_negative`).
    pub weight: f64,
    /// ∂ weight / ∂η (for the gradient of the Laplace approximation's log determinant).
    pub weight_slope: f64,
}

/// Derivatives in the family's dispersion parameter at fixed η (`Family::dispersion_slopes`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DispersionSlopes {
    /// ∂ log f(y | η) / ∂φ, constant part included.
    pub log_density: f64,
    /// ∂ score / ∂φ.
    pub score: f64,
    /// ∂ information / ∂φ.
    pub weight: f64,
}
