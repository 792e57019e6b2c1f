//! The negative-exponential selection function (Preston, Ashby & Smyth 2004):
//! `f(p) = exp(−δ p)` (metafor's `type = "negexp"`).

use super::decay::Shape;

pub struct NegativeExponential;

impl Shape for NegativeExponential {
    const NAME: &'static str = "negexp";
    fn log_shape(p: f64, delta: f64) -> (f64, f64) {
        (-delta * p, -p)
    }
}
