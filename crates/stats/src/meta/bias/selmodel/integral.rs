//! The normalising constant of a continuous selection function,
//! `A(μ, τ², δ) = ∫ w(p(y); δ) φ(y; μ, v + τ²) dy`, and its derivatives (under the integral
//! sign: `∂A/∂μ = ∫ w φ (y − μ)/σ²`, `∂A/∂τ² = ∫ w φ ((y − μ)²/σ² − 1)/(2σ²)`,
//! `∂A/∂δ = ∫ ∂w/∂δ φ`), by Gauss–Legendre quadrature on fixed panels
//! (`trialstats_numerics::quadrature`).
//!
//! metafor calls R's `integrate` (QUADPACK, relative tolerance ε^¼ by default) for each study
//! in each evaluation. An adaptive rule makes the likelihood a rough function of the
//! parameters, which spoils the finite-difference Hessian the standard errors come from; a
//! fixed rule on panels whose edges are where the integrand is not smooth (the p-values of
//! the function's steps and of `pval.min`) and no wider than half the scale of either factor
//! (σ for the density, √v for the p-value) gives the integral to rounding (Davis & Rabinowitz
//! 1984, *Methods of Numerical Integration*, §2.7: the error of an n-point rule falls as the
//! 2n-th derivative over a panel, so a panel of half a scale length with 10 points is exact to
//! double precision for these analytic integrands) and a smooth function of the parameters.
//! The range is μ ± 10σ; outside it the density is below 10⁻²² of its peak.

use super::function::{Alternative, At, Normaliser, SelectionFunction, Study, clamp_p};
use trialstats_numerics::quadrature::legendre;

/// Half-width of the range, in σ.
const RANGE: f64 = 10.0;

/// `A` and its derivatives for `study`.
pub fn normaliser<F: SelectionFunction + ?Sized>(
    f: &F,
    study: Study,
    mu: f64,
    tau2: f64,
    delta: &[f64],
    alternative: Alternative,
) -> Normaliser {
    let s2 = study.v + tau2;
    let sigma = s2.sqrt();
    let sd = study.v.sqrt();
    let (lo, hi) = (mu - RANGE * sigma, mu + RANGE * sigma);
    let mut edges = vec![lo, hi];
    let steps = (2.0 * RANGE) as i32;
    edges.extend((-steps..=steps).map(|j| mu + sigma * f64::from(j) / 2.0));
    // where the p-value runs from 1e-19 to 1 − 1e-19
    edges.extend((-18..=18).map(|j| sd * f64::from(j) / 2.0));
    let p_min = f.p_min();
    let mut kinks = f.kinks();
    if p_min > 0.0 {
        kinks.extend([p_min, 1.0 - p_min]);
    }
    for c in kinks {
        if c > 0.0 && c < 1.0 {
            edges.extend(alternative.kinks(c, sd));
        }
    }
    edges.retain(|e| e.is_finite() && *e >= lo && *e <= hi);
    edges.sort_by(f64::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() <= 1e-12 * sigma);
    let m = f.parameters();
    let mut out = Normaliser {
        value: 0.0,
        d_mu: 0.0,
        d_tau2: 0.0,
        d_delta: vec![0.0; m],
    };
    let mut gradient = vec![0.0; m];
    let norm = 1.0 / (sigma * (2.0 * std::f64::consts::PI).sqrt());
    for pair in edges.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (centre, half) = ((a + b) / 2.0, (b - a) / 2.0);
        for &(x, weight) in legendre() {
            let y = centre + half * x;
            let z = (y - mu) / sigma;
            let density = norm * (-0.5 * z * z).exp() * weight * half;
            let p = clamp_p(alternative.p_value(y, sd), p_min);
            let at = At {
                p,
                y,
                precision: study.precision,
            };
            let w = f.log_weight(at, delta, &mut gradient).exp();
            let term = w * density;
            out.value += term;
            out.d_mu += term * z / sigma;
            out.d_tau2 += term * (z * z - 1.0) / (2.0 * s2);
            for (d, g) in out.d_delta.iter_mut().zip(&gradient) {
                *d += term * g;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A selection function that selects nothing: the integral is the density's, 1.
    struct Flat;
    impl SelectionFunction for Flat {
        fn name(&self) -> &'static str {
            "flat"
        }
        fn parameters(&self) -> usize {
            1
        }
        fn start(&self) -> Vec<f64> {
            vec![0.0]
        }
        fn space(&self) -> Vec<[f64; 2]> {
            vec![[0.0, 1.0]]
        }
        fn limits(&self) -> Vec<[f64; 2]> {
            vec![[0.0, 1.0]]
        }
        fn no_selection(&self) -> Vec<f64> {
            vec![0.0]
        }
        fn kinks(&self) -> Vec<f64> {
            vec![0.3]
        }
        fn log_weight(&self, at: At, delta: &[f64], gradient: &mut [f64]) -> f64 {
            // w = 1 + δ p: its integral is 1 + δ E[p]
            let p = at.p;
            gradient[0] = p / (1.0 + delta[0] * p);
            (1.0 + delta[0] * p).ln()
        }
    }

    /// With δ = 0 the integral is the normal density's, 1; with w = 1 + δp it is
    /// 1 + δ·E[p], and for μ = 0, τ² = 0 the one-sided p-value is uniform: E[p] = 1/2.
    #[test]
    fn integral_of_the_density_is_one_and_its_mean_p_one_half() {
        for alternative in [
            Alternative::Greater,
            Alternative::Less,
            Alternative::TwoSided,
        ] {
            let study = Study {
                v: 0.04,
                precision: 1.0,
            };
            let a = normaliser(&Flat, study, 0.0, 0.0, &[0.0], alternative);
            assert!((a.value - 1.0).abs() < 1e-13, "{a:?}");
            assert!(a.d_mu.abs() < 1e-13 && a.d_tau2.abs() < 1e-12, "{a:?}");
            let b = normaliser(&Flat, study, 0.0, 0.0, &[1.0], alternative);
            assert!((b.value - 1.5).abs() < 1e-13, "{b:?}");
            assert!((a.d_delta[0] - 0.5).abs() < 1e-13, "{a:?}");
        }
    }
}
