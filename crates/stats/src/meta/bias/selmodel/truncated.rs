//! The truncated-distribution selection model (metafor ≥ 4.2's `type = "trunc"`): a study
//! whose estimate lies beyond a threshold c (above it with the "greater" alternative, below it
//! with "less") is always published, any other with relative probability δ. The selection
//! acts on the estimate itself, not on its p-value, so the weight is a step function of y and
//! the normalising constant has a closed form: `A = P(Y > c) + δ P(Y ≤ c)` for
//! Y ~ N(μ, v + τ²) (metafor's `.selmodel.ll.trunc`, `1 − (1 − δ) Φ((c − μ)/σ)`). δ = 1 is no
//! selection; δ = 0 is a distribution truncated at c. metafor searches δ in [0, 100], c = 0
//! unless given (its `steps`).

use super::function::{Alternative, At, Normaliser, SelectionFunction, Study};
use super::stepfun::mass;

/// `type = "trunc"` with threshold `threshold` on the scale of the estimates.
pub struct Truncated {
    pub threshold: f64,
    /// "greater": the estimates above the threshold are always published; "less": below.
    pub alternative: Alternative,
}

impl Truncated {
    /// Whether an estimate `y` is always published.
    fn beyond(&self, y: f64) -> bool {
        match self.alternative {
            Alternative::Less => y < self.threshold,
            _ => y > self.threshold,
        }
    }
}

impl SelectionFunction for Truncated {
    fn name(&self) -> &'static str {
        "trunc"
    }
    fn parameters(&self) -> usize {
        1
    }
    fn start(&self) -> Vec<f64> {
        vec![1.0]
    }
    fn space(&self) -> Vec<[f64; 2]> {
        vec![[0.0, f64::INFINITY]]
    }
    fn limits(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 100.0]]
    }
    fn no_selection(&self) -> Vec<f64> {
        vec![1.0]
    }
    fn floor(&self) -> f64 {
        // log δ of a study on the selected side is −∞ at 0
        1e-10
    }
    fn kinks(&self) -> Vec<f64> {
        Vec::new()
    }
    fn log_weight(&self, at: At, delta: &[f64], gradient: &mut [f64]) -> f64 {
        if self.beyond(at.y) {
            gradient[0] = 0.0;
            0.0
        } else {
            gradient[0] = 1.0 / delta[0];
            delta[0].ln()
        }
    }
    fn closed_form_normaliser(
        &self,
        study: Study,
        mu: f64,
        tau2: f64,
        delta: &[f64],
        _alternative: Alternative,
    ) -> Option<Normaliser> {
        let sigma = (study.v + tau2).sqrt();
        let c = self.threshold;
        let (always, selected) = match self.alternative {
            Alternative::Less => ([f64::NEG_INFINITY, c], [c, f64::INFINITY]),
            _ => ([c, f64::INFINITY], [f64::NEG_INFINITY, c]),
        };
        let (p1, d_mu1, d_s1) = mass(always[0], always[1], mu, sigma);
        let (p0, d_mu0, d_s0) = mass(selected[0], selected[1], mu, sigma);
        Some(Normaliser {
            value: p1 + delta[0] * p0,
            d_mu: d_mu1 + delta[0] * d_mu0,
            d_tau2: d_s1 + delta[0] * d_s0,
            d_delta: vec![p0],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::pnorm;

    /// metafor's form `1 − (1 − δ) Φ((c − μ)/σ)` and its derivatives by central differences.
    #[test]
    fn normaliser_is_metafors_closed_form_with_its_derivatives() {
        let f = Truncated {
            threshold: 0.1,
            alternative: Alternative::Greater,
        };
        let study = Study {
            v: 0.04,
            precision: 1.0,
        };
        let at = |mu: f64, tau2: f64, d: f64| {
            f.closed_form_normaliser(study, mu, tau2, &[d], Alternative::Greater)
                .unwrap()
        };
        let a = at(0.3, 0.02, 0.4);
        let sigma = 0.06_f64.sqrt();
        let want = 1.0 - 0.6 * pnorm((0.1 - 0.3) / sigma);
        assert!((a.value - want).abs() < 1e-15, "{a:?}");
        let h = 1e-6;
        let d_mu = (at(0.3 + h, 0.02, 0.4).value - at(0.3 - h, 0.02, 0.4).value) / (2.0 * h);
        let d_t = (at(0.3, 0.02 + h, 0.4).value - at(0.3, 0.02 - h, 0.4).value) / (2.0 * h);
        let d_d = (at(0.3, 0.02, 0.4 + h).value - at(0.3, 0.02, 0.4 - h).value) / (2.0 * h);
        assert!((a.d_mu - d_mu).abs() < 1e-8, "{} {d_mu}", a.d_mu);
        assert!((a.d_tau2 - d_t).abs() < 1e-8, "{} {d_t}", a.d_tau2);
        assert!((a.d_delta[0] - d_d).abs() < 1e-8, "{:?} {d_d}", a.d_delta);
    }
}
