//! The confidence interval of a level's fitted value ([`super::observed_fitted`]), by the
//! delta method over the parameters the prediction at random effects 0 depends on.
//!
//! A level's fitted value is an average on the response scale, m̄ = Σ wᵢ mᵢ / Σ wᵢ, of its rows'
//! predictions mᵢ = g⁻¹(xᵢβ + offsetᵢ) (times 1 − πᵢ under zero inflation; wᵢ the trials for
//! successes out of trials, else 1; for an ordinal response a category's probability
//! F(τⱼ − xᵢβ) − F(τⱼ₋₁ − xᵢβ)). Its gradient d in (β, the zero-inflation coefficients, the
//! thresholds) is the average of the rows' gradients, and with V their covariance (the
//! inverse Hessian of the deviance's half, the covariance the fixed effects' SEs come from)
//! Var(m̄) ≈ d'Vd. The interval is built on the link scale of the average, h(m̄) ± z·se with
//! se = √(d'Vd) · h'(m̄), and transformed back by h⁻¹: h is the log for the log-link families
//! (a zero-inflated mean (1 − π)μ included) and the logit for the logit-link ones and for an
//! ordinal category's probability. So the interval stays inside the response's range, and
//! where every row of a level has the same xβ (a model of the arm alone, whatever the
//! offsets) it is exactly what glmmTMB users compute from `predict(m, newdata, re.form = NA,
//! se.fit = TRUE, type = "link")`: g⁻¹(fit ± z·se.fit), as emmeans does for a model's
//! predictions; with covariates that vary within a level it is the delta method of the
//! average on the response scale, carried to its link scale. Like the fitted value it is a
//! typical subject's (random effects 0), and it leaves out the random effects' and the
//! dispersion's uncertainty, as `predict(re.form = NA, se.fit = TRUE)` does.
//!
//! Checked against glmmTMB 1.1.5 (`sdreport`'s covariance at the polished optimum, and
//! `predict(se.fit = TRUE)` row by row) and clmm (numDeriv's Hessian of its Laplace
//! objective): `benches/glmm_fitted_ci_reference.R`, `tests/glmm_fitted_ci.rs`.

use super::family::Family;
use super::fitted_rows::{FittedRows, logistic};
use crate::level::ConfidenceLevel;

/// A fitted value with its interval and its SE on the link scale (both `None` without a
/// covariance, or when they are not finite).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FittedInterval {
    pub value: f64,
    pub ci: Option<[f64; 2]>,
    pub se_link: Option<f64>,
}

/// The scale an interval is built on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkScale {
    Log,
    Logit,
}

impl LinkScale {
    /// The scale of `family`'s mean (log for counts and the gamma, logit for probabilities).
    pub fn of(family: Family) -> LinkScale {
        match family {
            Family::Poisson | Family::NegativeBinomial | Family::Gamma => LinkScale::Log,
            _ => LinkScale::Logit,
        }
    }

    fn forward(self, m: f64) -> f64 {
        match self {
            LinkScale::Log => m.ln(),
            LinkScale::Logit => (m / (1.0 - m)).ln(),
        }
    }

    fn inverse(self, eta: f64) -> f64 {
        match self {
            LinkScale::Log => eta.exp(),
            LinkScale::Logit => logistic(eta),
        }
    }

    /// dh/dm at `m`.
    fn slope(self, m: f64) -> f64 {
        match self {
            LinkScale::Log => 1.0 / m,
            LinkScale::Logit => 1.0 / (m * (1.0 - m)),
        }
    }
}

impl FittedRows {
    /// The number of parameters a prediction depends on (β, zero inflation, thresholds).
    fn n_parameters(&self) -> Option<usize> {
        let c = self.covariance.as_ref()?;
        Some((c.len() as f64).sqrt().round() as usize)
    }

    /// The fixed-effect design's columns.
    fn fixed_width(&self) -> usize {
        self.design
            .len()
            .checked_div(self.population_predictor.len())
            .unwrap_or(0)
    }

    /// The average of `rows`' predictions (weighted by their trials when `weighted`) with its
    /// interval at `level`.
    pub(super) fn mean_interval(
        &self,
        rows: &[usize],
        weighted: bool,
        level: ConfidenceLevel,
    ) -> FittedInterval {
        let k = self.n_parameters().unwrap_or(0);
        let p = self.fixed_width();
        let r = self
            .zero_design
            .len()
            .checked_div(self.zero_logit.len())
            .unwrap_or(0);
        let logit_link = matches!(
            self.family,
            Family::Binomial | Family::Beta | Family::BetaBinomial
        );
        let mut gradient = vec![0.0; k];
        let (mut total, mut weights) = (0.0, 0.0);
        for &i in rows {
            let w = if weighted { self.trials[i] } else { 1.0 };
            let m = self.mean(i);
            total += w * m;
            weights += w;
            if k == 0 {
                continue;
            }
            let mu = match self.zero_logit.get(i) {
                Some(&zeta) => m / (1.0 - logistic(zeta)),
                None => m,
            };
            let dmu = if logit_link { mu * (1.0 - mu) } else { mu };
            let (keep, pi) = self
                .zero_logit
                .get(i)
                .map_or((1.0, 0.0), |&zeta| (1.0 - logistic(zeta), logistic(zeta)));
            let x = &self.design[i * p..(i + 1) * p];
            for (g, xj) in gradient.iter_mut().zip(x) {
                *g += w * keep * dmu * xj;
            }
            if r > 0 {
                let zrow = &self.zero_design[i * r..(i + 1) * r];
                for (g, zj) in gradient[p..p + r].iter_mut().zip(zrow) {
                    *g -= w * pi * keep * mu * zj;
                }
            }
        }
        let scale = if self.zero_logit.is_empty() {
            LinkScale::of(self.family)
        } else {
            LinkScale::Log
        };
        self.interval(total / weights, &gradient, weights, scale, level)
    }

    /// Category `j`'s mean probability over `rows` at the thresholds `tau`, with its interval
    /// at `level` (on the logit scale).
    pub(super) fn category_interval(
        &self,
        tau: &[f64],
        j: usize,
        rows: &[usize],
        level: ConfidenceLevel,
    ) -> FittedInterval {
        let k = self.n_parameters().unwrap_or(0);
        let p = self.fixed_width();
        // F(τⱼ − η) and its density at threshold index t (0: −∞, past the last: +∞).
        let at = |t: usize, eta: f64| match t {
            0 => (0.0, 0.0),
            t if t > tau.len() => (1.0, 0.0),
            t => {
                let f = logistic(tau[t - 1] - eta);
                (f, f * (1.0 - f))
            }
        };
        let mut gradient = vec![0.0; k];
        let mut total = 0.0;
        for &i in rows {
            let eta = self.population_predictor[i];
            let ((upper, du), (lower, dl)) = (at(j + 1, eta), at(j, eta));
            total += upper - lower;
            if k == 0 {
                continue;
            }
            let x = &self.design[i * p..(i + 1) * p];
            for (g, xj) in gradient.iter_mut().zip(x) {
                *g -= (du - dl) * xj;
            }
            if j < tau.len() {
                gradient[p + j] += du;
            }
            if j > 0 {
                gradient[p + j - 1] -= dl;
            }
        }
        let weights = rows.len() as f64;
        self.interval(total / weights, &gradient, weights, LinkScale::Logit, level)
    }

    /// `value` with its interval on `scale` from the gradient `sum` of Σ wᵢ mᵢ (so
    /// `sum / weights` is the value's).
    fn interval(
        &self,
        value: f64,
        sum: &[f64],
        weights: f64,
        scale: LinkScale,
        level: ConfidenceLevel,
    ) -> FittedInterval {
        let none = FittedInterval {
            value,
            ci: None,
            se_link: None,
        };
        let Some(v) = &self.covariance else {
            return none;
        };
        let k = sum.len();
        let d: Vec<f64> = sum.iter().map(|g| g / weights).collect();
        let variance: f64 = (0..k)
            .map(|a| d[a] * (0..k).map(|b| v[a * k + b] * d[b]).sum::<f64>())
            .sum();
        let se = variance.max(0.0).sqrt() * scale.slope(value);
        let centre = scale.forward(value);
        let half = level.z_crit() * se;
        let ci = [scale.inverse(centre - half), scale.inverse(centre + half)];
        if !(se.is_finite() && ci.iter().all(|c| c.is_finite())) {
            return none;
        }
        FittedInterval {
            value,
            ci: Some(ci),
            se_link: Some(se),
        }
    }
}
