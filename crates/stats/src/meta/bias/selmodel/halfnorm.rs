//! The half-normal selection function (Preston, Ashby & Smyth 2004, *J Eval Clin Pract*
//! 10:313): `f(p) = exp(−δ p²)` (metafor's `type = "halfnorm"`).

use super::decay::Shape;

pub struct HalfNormal;

impl Shape for HalfNormal {
    const NAME: &'static str = "halfnorm";
    fn log_shape(p: f64, delta: f64) -> (f64, f64) {
        (-delta * p * p, -p * p)
    }
}
