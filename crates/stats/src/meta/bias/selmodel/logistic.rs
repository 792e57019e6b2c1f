//! The logistic selection function (Preston, Ashby & Smyth 2004):
//! `f(p) = 2 exp(−δ p) / (1 + exp(−δ p)) = 2 / (1 + exp(δ p))` (metafor's
//! `type = "logistic"`).

use super::decay::Shape;

pub struct Logistic;

impl Shape for Logistic {
    const NAME: &'static str = "logistic";
    fn log_shape(p: f64, delta: f64) -> (f64, f64) {
        let x = delta * p;
        // log(1 + eˣ) without overflow, and its derivative in δ, p·eˣ/(1 + eˣ)
        let softplus = x.max(0.0) + (-x.abs()).exp().ln_1p();
        let logistic = 1.0 / (1.0 + (-x).exp());
        (std::f64::consts::LN_2 - softplus, -p * logistic)
    }
}
