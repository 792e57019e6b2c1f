//! The distribution of a weighted sum of independent χ²₁ variables, `Q = Σⱼ λⱼ Xⱼ²` with
//! `Xⱼ ~ N(0, 1)` and `λⱼ ≥ 0`: the null distribution of a quadratic form in normal variables,
//! such as the generalised Q statistic of a meta-analysis with arbitrary weights (Jackson
//! 2013, *Res Synth Methods* 4:220; metafor's `confint()` of a GENQ fit, which calls
//! CompQuadForm's `farebrother`).
//!
//! The upper tail is Imhof's (1961, *Biometrika* 48:419, eq. 3.2, central case) inversion of
//! the characteristic function,
//!
//! `P(Q > x) = ½ + (1/π) ∫₀^∞ sin θ(u) / (u ρ(u)) du`,
//! `θ(u) = ½ Σⱼ arctan(λⱼ u) − ½ x u`, `ρ(u) = Πⱼ (1 + λⱼ² u²)^¼`,
//!
//! on λ and x divided by the largest λ (which leaves P unchanged). The integral is cut at the
//! first U = 2ʲ where a bound on the rest is below 10⁻¹⁰: the smaller of Imhof's (his eq.
//! 3.4, over the n λⱼ with λⱼU ≥ 1, since `(1 + λ²u²)^¼ ≥ max(1, (λu)^½)`),
//! `(1/π) ∫_U^∞ du / (u Π (λⱼu)^½) = 2 / (π n U^{n/2} Π λⱼ^½)`, and, once θ is decreasing
//! (θ′(U) < 0; θ′ falls in u), the second mean value theorem's for the oscillating rest,
//! `|∫_U^∞ sin θ · g| ≤ 2 g(U)/|θ′(U)|` with `g = 1/(uρ)` (g/|θ′| falls in u), which is far
//! smaller when few λ make Imhof's decay slow. The part up to U is taken by 10-point
//! Gauss–Legendre (`crate::quadrature`) on panels of 1/2 (the scale of ρ after scaling),
//! each from u on at most u/4 wide (where ρ and 1/u vary by a quarter at most) and never
//! wider than the half period 2π/x of the sine's eventual oscillation, so that the rule's
//! error is at rounding level. The tail probability is so within 10⁻¹⁰ (3·10⁻¹¹ at most
//! against the closed forms of the tests). A single λ is `λχ²₁`, done by the χ² tail.
//!
//! ```
//! use trialstats_numerics::weighted_chisq::WeightedChiSquare;
//! // λ = (1, 1): Q ~ χ²₂, P(Q > 3) = e^{-3/2}
//! let q = WeightedChiSquare::new(&[1.0, 1.0])?;
//! assert!((q.upper_tail(3.0)? - (-1.5_f64).exp()).abs() < 1e-10);
//! # Ok::<(), trialstats_numerics::Error>(())
//! ```

use crate::dist::pchisq_upper;
use crate::error::{Error, Result};
use crate::quadrature::integrate;

/// Bound on the part of the integral left out beyond the cut.
const TRUNCATION: f64 = 1e-10;
/// Most panels one tail probability may use.
const MAX_PANELS: usize = 2_000_000;

/// `Σⱼ λⱼ χ²₁`, its weights checked.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedChiSquare {
    /// The positive weights, largest first.
    lambda: Vec<f64>,
}

impl WeightedChiSquare {
    /// The distribution with weights `lambda`: each finite and ≥ 0, at least one positive
    /// (weights of 0 add nothing and are dropped).
    pub fn new(lambda: &[f64]) -> Result<Self> {
        if let Some(bad) = lambda.iter().find(|l| !(l.is_finite() && **l >= 0.0)) {
            return Err(Error::Numerical(format!(
                "the weight {bad} of a weighted sum of chi-squares is not a finite number >= 0"
            )));
        }
        let mut lambda: Vec<f64> = lambda.iter().copied().filter(|l| *l > 0.0).collect();
        if lambda.is_empty() {
            return Err(Error::Numerical(
                "a weighted sum of chi-squares needs at least one positive weight".into(),
            ));
        }
        lambda.sort_by(|a, b| b.total_cmp(a));
        Ok(WeightedChiSquare { lambda })
    }

    /// `P(Q > x)`.
    pub fn upper_tail(&self, x: f64) -> Result<f64> {
        if x.is_nan() {
            return Err(Error::Numerical("the quantile is not a number".into()));
        }
        let largest = self.lambda[0];
        if x <= 0.0 {
            return Ok(1.0);
        }
        if self.lambda.len() == 1 {
            return Ok(pchisq_upper(x / largest, 1.0));
        }
        let l: Vec<f64> = self.lambda.iter().map(|v| v / largest).collect();
        let y = x / largest;
        let cut = cut_point(&l, y)?;
        // panels of 1/2, growing by a quarter of their start where ρ varies slowly
        // (relatively), never wider than half the sine's period
        let longest = std::f64::consts::PI / y;
        let mut edges = vec![0.0];
        let mut at = 0.0_f64;
        while at < cut {
            at += longest.min((0.25 * at).max(0.5));
            edges.push(at);
            if edges.len() > MAX_PANELS {
                return Err(Error::Numerical(format!(
                    "P(Q > {x}) of a weighted sum of chi-squares needs more than {MAX_PANELS} \
                     quadrature panels (weights too unequal for Imhof's integral)"
                )));
            }
        }
        let integrand = |u: f64| {
            let (mut theta, mut log_rho) = (-0.5 * y * u, 0.0);
            for lj in &l {
                let a = lj * u;
                theta += 0.5 * a.atan();
                log_rho += 0.25 * (a * a).ln_1p();
            }
            theta.sin() / (u * log_rho.exp())
        };
        let p = 0.5 + integrate(integrand, &edges) / std::f64::consts::PI;
        Ok(p.clamp(0.0, 1.0))
    }
}

/// The U beyond which a bound on the integral is below [`TRUNCATION`], for weights `l`
/// (largest 1, decreasing) and the scaled quantile `y`, found by doubling.
fn cut_point(l: &[f64], y: f64) -> Result<f64> {
    let pi = std::f64::consts::PI;
    let mut cut = 1.0_f64;
    for _ in 0..200 {
        // Imhof's, over the weights with l·U ≥ 1: 2 / (π n Π (l U)^½)
        let (mut n, mut log_product) = (0usize, 0.0);
        for lj in l.iter().take_while(|lj| **lj * cut >= 1.0) {
            n += 1;
            log_product += 0.5 * (lj * cut).ln();
        }
        let imhof = 2.0 / (pi * n as f64) * (-log_product).exp();
        // the oscillating rest: 2 g(U) / (π |θ′(U)|)
        let slope: f64 = l
            .iter()
            .map(|lj| 0.5 * lj / (1.0 + (lj * cut).powi(2)))
            .sum::<f64>()
            - 0.5 * y;
        let log_rho: f64 = l.iter().map(|lj| 0.25 * (lj * cut).powi(2).ln_1p()).sum();
        let oscillating = if slope < 0.0 {
            2.0 / (pi * cut * log_rho.exp() * -slope)
        } else {
            f64::INFINITY
        };
        if imhof.min(oscillating) < TRUNCATION {
            return Ok(cut);
        }
        cut *= 2.0;
    }
    Err(Error::Numerical(
        "no cut of Imhof's integral bounds its tail (weights too unequal)".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal weights are a scaled χ²: `Σ λ χ²₁ = λ χ²_m`.
    #[test]
    fn equal_weights_are_a_scaled_chi_square() {
        for m in [2usize, 3, 5, 16] {
            let q = WeightedChiSquare::new(&vec![0.7; m]).unwrap();
            for x in [0.3, 2.0, 7.5, 25.0] {
                let want = pchisq_upper(x / 0.7, m as f64);
                let got = q
                    .upper_tail(x)
                    .unwrap_or_else(|e| panic!("m {m} x {x}: {e}"));
                assert!((got - want).abs() < 1e-10, "m {m} x {x}: {got} vs {want}");
            }
        }
    }

    /// Unequal weights with a closed form: `λ₁χ²₂ + λ₂χ²₂` (each weight twice) is a sum of
    /// two exponentials, `P(Q > x) = (λ₁e^{−x/2λ₁} − λ₂e^{−x/2λ₂}) / (λ₁ − λ₂)`.
    #[test]
    fn two_exponential_components_match_their_closed_form() {
        let (a, b) = (2.0_f64, 0.5_f64);
        let q = WeightedChiSquare::new(&[a, a, b, b]).unwrap();
        for x in [0.5, 1.0, 4.0, 10.0, 30.0] {
            let want = (a * (-x / (2.0 * a)).exp() - b * (-x / (2.0 * b)).exp()) / (a - b);
            let got = q.upper_tail(x).unwrap();
            assert!((got - want).abs() < 1e-10, "x {x}: {got} vs {want}");
        }
    }

    #[test]
    fn bad_weights_are_refused() {
        assert!(WeightedChiSquare::new(&[1.0, -0.1]).is_err());
        assert!(WeightedChiSquare::new(&[f64::NAN]).is_err());
        assert!(WeightedChiSquare::new(&[0.0, 0.0]).is_err());
        assert_eq!(
            WeightedChiSquare::new(&[1.0])
                .unwrap()
                .upper_tail(0.0)
                .unwrap(),
            1.0
        );
    }
}
