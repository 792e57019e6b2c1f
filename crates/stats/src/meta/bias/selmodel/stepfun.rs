//! The step function of Vevea & Hedges (1995, *Psychometrika* 60:419): `w(p) = δⱼ` for a
//! p-value in the j-th interval `(cⱼ₋₁, cⱼ]` of the cut points (the last is 1; δ₁ is fixed at
//! 1), metafor's `type = "stepfun"`. Its normalising constant has a closed form (eq. 5 of the
//! paper; metafor's `.selmodel.ll.stepfun`): `A = Σⱼ δⱼ P(p ∈ interval j)`, each probability a
//! difference of normal tails over the estimates whose p-value falls in the interval.
//!
//! With selection depending on precision (metafor's `prec`, "undocumented and experimental"
//! there), the δ of every interval but the first is divided by the study's precision factor
//! c: `A = P₁ + Σ_{j≥2} (δⱼ/c) Pⱼ`, and the study's own weight is `log(δⱼ/c)` in every
//! interval, the first included (metafor's `.selmodel.ll.stepfun` exactly; for a study in the
//! first interval −log c is a constant of the likelihood, which moves its value and the LRT
//! but not the estimates).

use super::function::{Alternative, At, Normaliser, SelectionFunction, Study};
use crate::dist::{pnorm, pnorm_upper};

/// `type = "stepfun"` with cut points `steps` (increasing, ending with 1).
pub struct StepFunction {
    pub steps: Vec<f64>,
}

impl StepFunction {
    /// The interval (0-based) of a p-value.
    pub fn interval(&self, p: f64) -> usize {
        self.steps
            .iter()
            .position(|s| p <= *s)
            .unwrap_or(self.steps.len() - 1)
    }
}

/// `P(a ≤ Y ≤ b)` for Y ~ N(μ, σ²) with its derivatives in μ and σ², from the upper tails
/// when the range lies above μ (where `1 − Φ` keeps its digits).
pub(super) fn mass(a: f64, b: f64, mu: f64, sigma: f64) -> (f64, f64, f64) {
    let density = |z: f64| {
        if z.is_finite() {
            let d = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
            (d, d * z)
        } else {
            (0.0, 0.0)
        }
    };
    let (za, zb) = ((a - mu) / sigma, (b - mu) / sigma);
    let p = if za > 0.0 {
        pnorm_upper(za) - pnorm_upper(zb)
    } else {
        pnorm(zb) - pnorm(za)
    };
    let ((da, dza), (db, dzb)) = (density(za), density(zb));
    (p, (da - db) / sigma, (dza - dzb) / (2.0 * sigma * sigma))
}

impl SelectionFunction for StepFunction {
    fn name(&self) -> &'static str {
        "stepfun"
    }
    fn parameters(&self) -> usize {
        self.steps.len()
    }
    fn start(&self) -> Vec<f64> {
        vec![1.0; self.steps.len()]
    }
    fn space(&self) -> Vec<[f64; 2]> {
        vec![[0.0, f64::INFINITY]; self.steps.len()]
    }
    fn limits(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 100.0]; self.steps.len()]
    }
    fn no_selection(&self) -> Vec<f64> {
        vec![1.0; self.steps.len()]
    }
    fn floor(&self) -> f64 {
        // log δ of a study's own interval is −∞ at 0
        1e-10
    }
    fn kinks(&self) -> Vec<f64> {
        self.steps[..self.steps.len() - 1].to_vec()
    }
    fn takes_precision(&self) -> bool {
        true
    }
    fn log_weight(&self, at: At, delta: &[f64], gradient: &mut [f64]) -> f64 {
        gradient.iter_mut().for_each(|g| *g = 0.0);
        let j = self.interval(at.p);
        gradient[j] = 1.0 / delta[j];
        delta[j].ln() - at.precision.ln()
    }
    fn closed_form_normaliser(
        &self,
        study: Study,
        mu: f64,
        tau2: f64,
        delta: &[f64],
        alternative: Alternative,
    ) -> Option<Normaliser> {
        let sigma = (study.v + tau2).sqrt();
        let sd = study.v.sqrt();
        let mut out = Normaliser {
            value: 0.0,
            d_mu: 0.0,
            d_tau2: 0.0,
            d_delta: vec![0.0; self.steps.len()],
        };
        let mut lo = 0.0;
        for (j, &hi) in self.steps.iter().enumerate() {
            let scale = if j == 0 { 1.0 } else { 1.0 / study.precision };
            for [a, b] in alternative.ranges(lo, hi, sd) {
                let (p, d_mu, d_s2) = mass(a, b, mu, sigma);
                out.value += delta[j] * scale * p;
                out.d_mu += delta[j] * scale * d_mu;
                out.d_tau2 += delta[j] * scale * d_s2;
                out.d_delta[j] += scale * p;
            }
            lo = hi;
        }
        Some(out)
    }
}
