//! Fit statistics of a model with a known sampling variance per study: the log-likelihood,
//! deviance, AIC, BIC and AICc, under the full likelihood (ML) and the restricted one (REML),
//! as metafor's `fitstats`, `logLik`, `deviance`, `AIC` and `BIC` for `rma.uni` (its
//! `rma.uni` code; Viechtbauer 2005, eqs. 4–5). Both are evaluated at the model's estimates
//! whatever its τ² method; metafor shows the REML ones for `method = "REML"` and the ML ones
//! otherwise ([`FitStatistics::shown`]).
//!
//! * `ll_ML = −½ k log 2π − ½ Σ log(vᵢ + τ²) − ½ Σ wᵢ rᵢ²`;
//! * `ll_REML = −½ (k − p) log 2π + ½ log|X'X| − ½ Σ log(vᵢ + τ²) − ½ log|X'WX| − ½ Σ wᵢ rᵢ²`
//!   (the "full" REML likelihood, metafor's `REMLf = TRUE`);
//! * deviance: ML `−2 (ll_ML − Σ log φ(yᵢ; yᵢ, vᵢ))` (the saturated model fits each study
//!   exactly; 0 when k = p), REML `−2 ll_REML`;
//! * with `q` parameters (the p coefficients, and τ² unless the model is fixed-effect) and
//!   `n = k` (ML) or `k − p` (REML): `AIC = −2 ll + 2q`, `BIC = −2 ll + q log n`,
//!   `AICc = −2 ll + 2q · max(n, q + 2) / (max(n, q + 2) − q − 1)`.
//!
//! The determinants come from the design the model is computed on (centred and scaled, see
//! `model::Standardised`): `log|X'X| − log|X'WX|` is the same for any basis of the column
//! space. O(k·p²).

use super::gls::{WeightedFit, cross_product};
use super::moderators::ModelMatrix;
use super::spec::Method;
use serde::Serialize;

/// The statistics under one likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Criteria {
    pub log_likelihood: f64,
    pub deviance: f64,
    pub aic: f64,
    pub bic: f64,
    pub aicc: f64,
}

impl Criteria {
    /// AIC, BIC and AICc from `ll`, `parameters` and the number of observations `n`.
    pub fn new(log_likelihood: f64, deviance: f64, parameters: usize, n: usize) -> Self {
        let (q, n) = (parameters as f64, n as f64);
        let m = n.max(q + 2.0);
        Criteria {
            log_likelihood,
            deviance,
            aic: -2.0 * log_likelihood + 2.0 * q,
            bic: -2.0 * log_likelihood + q * n.ln(),
            aicc: -2.0 * log_likelihood + 2.0 * q * m / (m - q - 1.0),
        }
    }
}

/// Both likelihoods' statistics of one fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FitStatistics {
    /// Parameters counted by AIC and BIC: the coefficients, and τ² unless fixed at 0.
    pub parameters: usize,
    pub ml: Criteria,
    pub reml: Criteria,
}

impl FitStatistics {
    /// The statistics at `fit` (weights `1/(vᵢ + τ²)` on `design`), `tau2_estimated` false for
    /// a fixed-effect model.
    pub fn new(
        design: &ModelMatrix,
        v: &[f64],
        fit: &WeightedFit,
        tau2: f64,
        tau2_estimated: bool,
    ) -> Self {
        Self::with_rss(design, v, fit, tau2, tau2_estimated, None)
    }

    /// [`FitStatistics::new`] with the residual sum of squares `Σ wᵢ rᵢ²` of other
    /// coefficients than `fit`'s (those of user weights: metafor's `RSS.f`); `None`: `fit`'s.
    pub fn with_rss(
        design: &ModelMatrix,
        v: &[f64],
        fit: &WeightedFit,
        tau2: f64,
        tau2_estimated: bool,
        rss: Option<f64>,
    ) -> Self {
        let (k, p) = (design.n, design.p);
        let parameters = p + usize::from(tau2_estimated);
        let ln_2pi = (2.0 * std::f64::consts::PI).ln();
        let rss = rss.unwrap_or_else(|| fit.rss());
        let log_det_v: f64 = v.iter().map(|vi| (vi + tau2).ln()).sum();
        let ll_ml = -0.5 * k as f64 * ln_2pi - 0.5 * log_det_v - 0.5 * rss;
        let deviance_ml = if k > p {
            let saturated: f64 = v.iter().map(|vi| -0.5 * (ln_2pi + vi.ln())).sum();
            -2.0 * (ll_ml - saturated)
        } else {
            0.0
        };
        // log|X'X| − log|X'WX|, the latter as −log|(X'WX)⁻¹|.
        let log_det_xx = cross_product(design, |_| 1.0).determinant().ln();
        let log_det_xwx = -fit.a_inv.determinant().ln();
        let ll_reml = -0.5 * (k - p) as f64 * ln_2pi + 0.5 * log_det_xx
            - 0.5 * log_det_v
            - 0.5 * log_det_xwx
            - 0.5 * rss;
        FitStatistics {
            parameters,
            ml: Criteria::new(ll_ml, deviance_ml, parameters, k),
            reml: Criteria::new(ll_reml, -2.0 * ll_reml, parameters, k - p),
        }
    }

    /// The statistics metafor prints for a fit by `method`: REML for REML, ML otherwise.
    pub fn shown(&self, method: Method) -> ShownStatistics {
        // A fixed τ² is metafor's `rma(tau2 = )` with its default method, REML.
        let reml = method == Method::REML || method.is_fixed();
        ShownStatistics {
            likelihood: if reml { "REML" } else { "ML" },
            parameters: self.parameters,
            criteria: if reml { self.reml } else { self.ml },
        }
    }
}

/// The statistics under the likelihood metafor prints for the fit's method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShownStatistics {
    /// `ML` or `REML`.
    pub likelihood: &'static str,
    pub parameters: usize,
    #[serde(flatten)]
    pub criteria: Criteria,
}
