//! The one fixed quadrature rule: 10-point Gauss–Legendre on panels, for smooth integrands
//! whose panels the caller places where they are not smooth (the selection models'
//! normalising constants, the weighted χ² distribution's Imhof integral).
//!
//! An n-point rule's error on a panel falls as the 2n-th derivative times the panel's width
//! to the 2n + 1 (Davis & Rabinowitz 1984, *Methods of Numerical Integration*, §2.7): with 10
//! points on a panel a fraction of the integrand's scale long, the integral is exact to
//! double precision for analytic integrands, and a smooth function of their parameters.
//!
//! ```
//! use trialstats_numerics::quadrature::integrate;
//! // ∫₀^π sin x dx = 2, on 8 panels
//! let edges: Vec<f64> = (0..=8).map(|j| std::f64::consts::PI * j as f64 / 8.0).collect();
//! assert!((integrate(f64::sin, &edges) - 2.0).abs() < 1e-15);
//! ```

use std::sync::OnceLock;

/// Points per panel.
pub const POINTS: usize = 10;

/// Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on Pₙ from Chebyshev
/// starting points (Press et al. 2007, *Numerical Recipes*, §4.6.1).
pub fn legendre() -> &'static [(f64, f64); POINTS] {
    static RULE: OnceLock<[(f64, f64); POINTS]> = OnceLock::new();
    RULE.get_or_init(|| {
        let n = POINTS;
        let mut rule = [(0.0, 0.0); POINTS];
        for (i, r) in rule.iter_mut().enumerate() {
            let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (n as f64 + 0.5)).cos();
            let mut derivative = 0.0;
            for _ in 0..100 {
                // P_n(x) and P_n'(x) by the three-term recurrence
                let (mut p0, mut p1) = (1.0, x);
                for j in 2..=n {
                    let p2 = ((2 * j - 1) as f64 * x * p1 - (j - 1) as f64 * p0) / j as f64;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n as f64 * (x * p1 - p0) / (x * x - 1.0);
                let step = p1 / derivative;
                x -= step;
                if step.abs() < 1e-16 {
                    break;
                }
            }
            *r = (x, 2.0 / ((1.0 - x * x) * derivative * derivative));
        }
        rule
    })
}

/// `∫ f` over the panels between consecutive `edges` (increasing), the rule on each.
pub fn integrate(f: impl Fn(f64) -> f64, edges: &[f64]) -> f64 {
    edges
        .windows(2)
        .map(|pair| {
            let (centre, half) = ((pair[0] + pair[1]) / 2.0, (pair[1] - pair[0]) / 2.0);
            legendre()
                .iter()
                .map(|&(x, w)| w * f(centre + half * x))
                .sum::<f64>()
                * half
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legendre_rule_integrates_polynomials_exactly() {
        let rule = legendre();
        let total: f64 = rule.iter().map(|(_, w)| w).sum();
        assert!((total - 2.0).abs() < 1e-14);
        // ∫ x^18 over [−1, 1] = 2/19 (degree 2n − 2)
        let x18: f64 = rule.iter().map(|(x, w)| w * x.powi(18)).sum();
        assert!((x18 - 2.0 / 19.0).abs() < 1e-14, "{x18}");
    }
}
