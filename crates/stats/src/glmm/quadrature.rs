//! Gauss-Hermite quadrature for the standard normal density, and the adaptive rule for one
//! scalar random effect per group (`--nagq K`, as lme4's `glmer(nAGQ = K)`).
//!
//! The rule: ∫ f(z) φ(z) dz ≈ Σₖ wₖ f(zₖ), exact for polynomials of degree < 2K. Nodes and
//! weights come from the eigen-decomposition of the Jacobi matrix of the probabilists'
//! Hermite polynomials (Golub & Welsch 1969, *Calculation of Gauss quadrature rules*, Math.
//! Comp. 23: the off-diagonal is √k; the nodes are its eigenvalues, the weights the squared
//! first components of its eigenvectors) — the same rule as lme4's `GHrule`.
//!
//! Adaptive: each group's integrand is centred at its conditional mode û and scaled by
//! s = H^(−1/2) (H the second derivative of the negative log integrand there; Liu & Pierce
//! 1994, Biometrika 81:624), so −2 log Lᵍ = −2 log(s Σₖ wₖ exp(zₖ²/2 − h(û + s zₖ))); with
//! K = 1 this is the Laplace approximation 2h(û) + log H.

use nalgebra::{DMatrix, SymmetricEigen};

/// The most nodes taken (lme4 allows up to 25 as well).
pub const MAX_NODES: usize = 25;

/// A Gauss-Hermite rule for the standard normal density, nodes in increasing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub nodes: Vec<f64>,
    pub weights: Vec<f64>,
}

impl Rule {
    /// The `k`-node rule (1 ≤ k ≤ [`MAX_NODES`]).
    pub fn new(k: usize) -> Rule {
        assert!((1..=MAX_NODES).contains(&k), "1 to {MAX_NODES} nodes");
        let mut jacobi = DMatrix::<f64>::zeros(k, k);
        for i in 1..k {
            let off = (i as f64).sqrt();
            jacobi[(i, i - 1)] = off;
            jacobi[(i - 1, i)] = off;
        }
        let eigen = SymmetricEigen::new(jacobi);
        let mut pairs: Vec<(f64, f64)> = (0..k)
            .map(|j| {
                let v = eigen.eigenvectors[(0, j)];
                (eigen.eigenvalues[j], v * v)
            })
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        // The rule is symmetric: make it exactly so (and the middle node of an odd rule 0).
        for i in 0..k / 2 {
            let j = k - 1 - i;
            let z = 0.5 * (pairs[j].0 - pairs[i].0);
            let w = 0.5 * (pairs[j].1 + pairs[i].1);
            pairs[i] = (-z, w);
            pairs[j] = (z, w);
        }
        if k % 2 == 1 {
            pairs[k / 2].0 = 0.0;
        }
        let total: f64 = pairs.iter().map(|p| p.1).sum();
        Rule {
            nodes: pairs.iter().map(|p| p.0).collect(),
            weights: pairs.iter().map(|p| p.1 / total).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_nodes_match_lme4_ghrule() {
        // R: lme4::GHrule(5)[, c("z", "w")]
        let r = Rule::new(5);
        let z = [
            -2.8569700138728056,
            -1.3556261799742662,
            0.0,
            1.3556261799742659,
            2.8569700138728056,
        ];
        let w = [
            0.011257411327720701,
            0.222075922005612575,
            0.533333333333333326,
            0.222075922005612630,
            0.011257411327720689,
        ];
        for k in 0..5 {
            assert!((r.nodes[k] - z[k]).abs() < 1e-13, "{:?}", r.nodes);
            assert!((r.weights[k] - w[k]).abs() < 1e-13, "{:?}", r.weights);
        }
    }

    #[test]
    fn moments_of_the_normal_are_exact() {
        // E z^(2m) = (2m - 1)!! for the standard normal; exact up to degree 2K - 1.
        let r = Rule::new(9);
        for (m, exact) in [
            (0, 1.0),
            (2, 1.0),
            (4, 3.0),
            (6, 15.0),
            (8, 105.0),
            (10, 945.0),
        ] {
            let e: f64 = r
                .nodes
                .iter()
                .zip(&r.weights)
                .map(|(z, w)| w * z.powi(m))
                .sum();
            assert!((e - exact).abs() < 1e-10 * exact, "{m}: {e}");
        }
        assert_eq!(Rule::new(1).nodes, [0.0]);
    }
}
