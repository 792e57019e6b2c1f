//! The one-parameter selection functions that fall from 1 as the p-value rises above a
//! threshold α (0 unless given; metafor's `steps = α`): `w(p) = 1` for p ≤ α, else
//! `f(p; δ) / f(α; δ)` for a decreasing shape f, each shape in its own file. δ = 0 is no
//! selection; metafor searches δ in [0, 100].
//!
//! With selection depending on precision (metafor's `prec`), a study's δ is multiplied by its
//! precision factor c (`f(p; c·δ)`: `exp(−δ c p²)`, `exp(−δ c p)`, `2/(1 + exp(δ c p))`,
//! `(1 − p)^(c δ)`, as metafor's `wi.fun`), so that the selection of an imprecise study (c
//! near 1) is stronger than that of a precise one (c near 0).

use super::function::{At, SelectionFunction};

/// The shape f of a decaying selection function, on the log scale.
pub trait Shape: Sync {
    /// metafor's `type`.
    const NAME: &'static str;
    /// `pval.min`.
    const P_MIN: f64 = 0.0;
    /// `log f(p; δ)` and `∂ log f / ∂δ`.
    fn log_shape(p: f64, delta: f64) -> (f64, f64);
}

/// A decaying selection function with threshold `alpha`.
pub struct Decay<S: Shape> {
    pub alpha: f64,
    pub shape: std::marker::PhantomData<S>,
}

impl<S: Shape> Decay<S> {
    pub fn new(alpha: f64) -> Self {
        Decay {
            alpha,
            shape: std::marker::PhantomData,
        }
    }
}

impl<S: Shape> SelectionFunction for Decay<S> {
    fn name(&self) -> &'static str {
        S::NAME
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
        vec![0.0]
    }
    fn p_min(&self) -> f64 {
        S::P_MIN
    }
    fn kinks(&self) -> Vec<f64> {
        if self.alpha > 0.0 {
            vec![self.alpha]
        } else {
            Vec::new()
        }
    }
    fn takes_precision(&self) -> bool {
        true
    }
    fn log_weight(&self, at: At, delta: &[f64], gradient: &mut [f64]) -> f64 {
        if at.p <= self.alpha {
            gradient[0] = 0.0;
            return 0.0;
        }
        let c = at.precision;
        let (at_p, d_p) = S::log_shape(at.p, c * delta[0]);
        let (at_alpha, d_alpha) = S::log_shape(self.alpha, c * delta[0]);
        gradient[0] = c * (d_p - d_alpha);
        at_p - at_alpha
    }
}
