//! The power selection function (Preston, Ashby & Smyth 2004): `f(p) = (1 − p)^δ`, with p kept
//! below 1 − 10⁻⁵ (metafor's `type = "power"`, `pval.min = 1e-5`).

use super::decay::Shape;

pub struct Power;

impl Shape for Power {
    const NAME: &'static str = "power";
    const P_MIN: f64 = 1e-5;
    fn log_shape(p: f64, delta: f64) -> (f64, f64) {
        let l = (-p).ln_1p();
        (delta * l, l)
    }
}
