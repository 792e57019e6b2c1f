//! Root finding with a bounded number of steps: Newton's method for the convex, decreasing
//! generalised Q statistic (Paule–Mandel, empirical Bayes, the Q-profile interval), and
//! Brent's bracketed method (Brent 1973, *Algorithms for Minimization without Derivatives*,
//! ch. 4: inverse quadratic / secant steps inside a shrinking sign-change bracket, bisection
//! when they would not shrink it fast enough) where no derivative is at hand.

use crate::error::{Error, Result};

/// Most function evaluations one search may use.
pub const MAX_EVALUATIONS: usize = 200;

/// A root of `f` in `[lo, hi]`, where `f(lo)` and `f(hi)` have opposite signs (or one is 0).
/// `what` names the quantity for the error message when the search fails.
pub fn brent(
    mut f: impl FnMut(f64) -> Result<f64>,
    lo: f64,
    hi: f64,
    f_lo: f64,
    f_hi: f64,
    what: &str,
) -> Result<f64> {
    let (mut a, mut b, mut fa, mut fb) = (lo, hi, f_lo, f_hi);
    if fa == 0.0 {
        return Ok(a);
    }
    if fb == 0.0 {
        return Ok(b);
    }
    if fa.signum() == fb.signum() {
        return Err(Error::Numerical(format!(
            "{what}: no sign change between {lo} and {hi}; the search cannot start"
        )));
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..MAX_EVALUATIONS {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 1e-300;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Ok(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b)?;
    }
    Err(Error::Numerical(format!(
        "{what}: the root search did not converge in {MAX_EVALUATIONS} steps"
    )))
}

/// The root of a convex, decreasing function, by Newton's method from a `start` where the
/// function is positive. For such a function every Newton step from the left stays left of
/// the root and moves towards it, so the iteration converges monotonically without a bracket
/// (the generalised Q statistic is one: `Q'(τ²) = −y'PPy`, `Q''(τ²) = 2 y'PPPy ≥ 0`).
/// `f` returns the value and the derivative.
pub fn newton_convex_decreasing(
    mut f: impl FnMut(f64) -> Result<(f64, f64)>,
    start: f64,
    what: &str,
) -> Result<f64> {
    let mut x = start;
    for _ in 0..MAX_EVALUATIONS {
        let (fx, dfx) = f(x)?;
        if fx <= 0.0 {
            return Ok(x);
        }
        let step = -fx / dfx;
        if !(step.is_finite() && step >= 0.0) {
            return Err(Error::Numerical(format!(
                "{what}: the function is not decreasing at {x}; the search cannot continue"
            )));
        }
        let next = x + step;
        if step <= 4.0 * f64::EPSILON * next {
            return Ok(next);
        }
        x = next;
    }
    Err(Error::Numerical(format!(
        "{what}: Newton's method did not converge in {MAX_EVALUATIONS} steps"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_square_root_of_two_to_machine_precision() {
        // sqrt(2) = 1.4142135623730951 (IEEE double nearest).
        let f = |x: f64| Ok(x * x - 2.0);
        let r = brent(f, 0.0, 2.0, -2.0, 2.0, "test").unwrap();
        assert!((r - std::f64::consts::SQRT_2).abs() < 1e-15);
    }

    #[test]
    fn newton_finds_root_of_convex_decreasing_function() {
        // 1/(1 + x) - 0.25 = 0 at x = 3.
        let f = |x: f64| Ok((1.0 / (1.0 + x) - 0.25, -1.0 / ((1.0 + x) * (1.0 + x))));
        let r = newton_convex_decreasing(f, 0.0, "test").unwrap();
        assert!((r - 3.0).abs() < 1e-14, "{r}");
    }

    #[test]
    fn refuses_a_bracket_without_sign_change() {
        let f = |x: f64| Ok(x * x + 1.0);
        assert!(brent(f, 0.0, 1.0, 1.0, 2.0, "test").is_err());
    }
}
