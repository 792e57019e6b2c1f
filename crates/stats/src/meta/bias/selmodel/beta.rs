//! The beta selection function of Citkowicz & Vevea (2017, *Psychological Methods* 22:28):
//! `w(p) = p^(δ₁−1) (1 − p)^(δ₂−1)`, with p kept inside [10⁻⁵, 1 − 10⁻⁵] (metafor's
//! `type = "beta"`, `pval.min = 1e-5`); δ₁ = δ₂ = 1 is no selection.

use super::function::{At, SelectionFunction};

/// `type = "beta"`.
pub struct Beta;

impl SelectionFunction for Beta {
    fn name(&self) -> &'static str {
        "beta"
    }
    fn parameters(&self) -> usize {
        2
    }
    fn start(&self) -> Vec<f64> {
        vec![1.0, 1.0]
    }
    fn space(&self) -> Vec<[f64; 2]> {
        vec![[0.0, f64::INFINITY]; 2]
    }
    fn limits(&self) -> Vec<[f64; 2]> {
        vec![[1e-5, 100.0]; 2]
    }
    fn no_selection(&self) -> Vec<f64> {
        vec![1.0, 1.0]
    }
    fn p_min(&self) -> f64 {
        1e-5
    }
    fn kinks(&self) -> Vec<f64> {
        Vec::new()
    }
    fn log_weight(&self, at: At, delta: &[f64], gradient: &mut [f64]) -> f64 {
        let p = at.p;
        let (lp, lq) = (p.ln(), (-p).ln_1p());
        gradient[0] = lp;
        gradient[1] = lq;
        (delta[0] - 1.0) * lp + (delta[1] - 1.0) * lq
    }
}
