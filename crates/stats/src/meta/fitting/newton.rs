//! Newton's method to finish a maximisation that a quasi-Newton search has brought close: the
//! Hessian by central differences of an analytic gradient (Nocedal & Wright 2006, §8.1), the
//! step `−H⁻¹g` over the free parameters, taken while it raises the objective and keeps every
//! parameter inside its lower bound. Near the maximum this converges quadratically, to the
//! rounding of the gradient, where a quasi-Newton search stops at its tolerance.

use nalgebra::{DMatrix, DVector};

/// A function to maximise, returning its value and gradient.
pub type ValueAndGradient<'a> = &'a dyn Fn(&[f64]) -> (f64, Vec<f64>);

/// The Hessian of `value_and_gradient` (a function to maximise) over the parameters `free`
/// at `x`, by central differences of the gradient (symmetrised).
pub fn hessian(value_and_gradient: ValueAndGradient, x: &[f64], free: &[usize]) -> DMatrix<f64> {
    let q = free.len();
    let mut h = DMatrix::<f64>::zeros(q, q);
    for (a, &ia) in free.iter().enumerate() {
        let step = 1e-5 * x[ia].abs().max(1e-3);
        let mut up = x.to_vec();
        let mut down = x.to_vec();
        up[ia] += step;
        down[ia] -= step;
        let (_, gu) = value_and_gradient(&up);
        let (_, gd) = value_and_gradient(&down);
        for (b, &ib) in free.iter().enumerate() {
            h[(a, b)] = (gu[ib] - gd[ib]) / (2.0 * step);
        }
    }
    (&h + h.transpose()) * 0.5
}

/// Newton steps from `x` on the parameters `free` (each kept `≥ lower`), at most 20, while
/// the value rises; returns the point and its value.
pub fn polish(
    value_and_gradient: ValueAndGradient,
    x: &[f64],
    free: &[usize],
    lower: &[f64],
) -> (Vec<f64>, f64) {
    let mut x = x.to_vec();
    let (mut value, _) = value_and_gradient(&x);
    if free.is_empty() {
        return (x, value);
    }
    for _ in 0..20 {
        let (_, g) = value_and_gradient(&x);
        let gv = DVector::from_iterator(free.len(), free.iter().map(|&i| g[i]));
        // −H is positive definite at a maximum.
        let neg = -hessian(value_and_gradient, &x, free);
        let Some(step) = neg.cholesky().map(|c| c.solve(&gv)) else {
            break;
        };
        let mut next = x.clone();
        for (a, &i) in free.iter().enumerate() {
            next[i] += step[a];
        }
        if next.iter().zip(lower).any(|(v, l)| v < l) {
            break;
        }
        let (next_value, _) = value_and_gradient(&next);
        if next_value.is_nan() || next_value < value {
            break;
        }
        let change = step.iter().zip(free).fold(0.0_f64, |m, (s, &i)| {
            m.max(s.abs() / next[i].abs().max(1e-8))
        });
        x = next;
        value = next_value;
        if change < 1e-14 {
            break;
        }
    }
    (x, value)
}
