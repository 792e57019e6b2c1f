//! Numerical minimisation without derivatives, one routine per kind of problem, shared by
//! every module that fits something (the skewed-data methods of `convert`, the
//! Bayesian meta-analysis's peak and mode searches in `meta::bayes`):
//!
//! - [`fmin`], Brent's (1973, *Algorithms for Minimization without Derivatives*, ch. 5)
//!   golden-section and parabolic search as R's `optimize()` runs it (the same steps and
//!   stopping rule, tolerance `tol` as R's), so that a parameter R finds with a coarse
//!   tolerance (estmeansd's MLN λ, `tol = 0.001`) is found at the same point, not at a more
//!   exact one that would differ from theirs by up to that tolerance; with a tiny `tol` it
//!   stops at √ε relative, where a smooth function's values stop telling points apart.
//!   [`fmax`] is the same for a maximum.
//! - [`minimize_box`], a damped (Levenberg) Newton method over a box with an active set,
//!   finite-difference gradient and Hessian (Nocedal & Wright 2006, §§3.3, 10.3, 16.7);
//!   converged only when the projected Newton decrement is negligible and the Hessian over
//!   the free parameters is positive definite.
//!
//! - [`quasi_newton`], a projected BFGS method with lower bounds and a final Newton check, for
//!   the profiled criteria of the mixed models (`lmm`, `glmm`) and the multilevel and
//!   selection-model meta-analyses: [`quasi_newton::minimize_with`] and its [`Optimum`].
//!
//! Root finding is [`crate::root`]'s; fixed Gauss–Legendre panels are [`crate::quadrature`]'s,
//! adaptive quadrature each user's own (the skewed-data moments by adaptive Simpson, the
//! posterior by Gauss–Kronrod), as their integrands differ.

pub mod quasi_newton;

pub use quasi_newton::Optimum;

/// R's `optimize(f, c(a, b), tol = tol)`: the minimiser of `f` on [a, b] by Brent's method,
/// and the value there (R's `$minimum` and `$objective`). A non-finite value of `f` counts
/// as the largest double, as R replaces it. The number of evaluations is bounded (1,000;
/// Brent's method needs about 50 at double precision).
///
/// ```
/// use trialstats_numerics::optimize::fmin;
/// // R's own example, ?optimize: f <- function(x, a) (x - a)^2;
/// // optimize(f, c(0, 1), tol = 0.0001, a = 1/3) gives $minimum 0.3333333.
/// let (x, fx) = fmin(&|x| (x - 1.0 / 3.0).powi(2), 0.0, 1.0, 1e-4);
/// assert!((x - 1.0 / 3.0).abs() < 1e-4 && fx < 1e-8);
/// ```
pub fn fmin(f: &dyn Fn(f64) -> f64, lower: f64, upper: f64, tol: f64) -> (f64, f64) {
    let eval = |x: f64| {
        let y = f(x);
        if y.is_finite() { y } else { f64::MAX }
    };
    let c = (3.0 - 5f64.sqrt()) * 0.5;
    let eps = f64::EPSILON.sqrt();
    let (mut a, mut b) = (lower, upper);
    let mut v = a + c * (b - a);
    let (mut w, mut x) = (v, v);
    let (mut d, mut e) = (0.0f64, 0.0f64);
    let mut fx = eval(x);
    let (mut fv, mut fw) = (fx, fx);
    let tol3 = tol / 3.0;
    for _ in 0..1000 {
        let xm = (a + b) * 0.5;
        let tol1 = eps * x.abs() + tol3;
        let t2 = tol1 * 2.0;
        if (x - xm).abs() <= t2 - (b - a) * 0.5 {
            break;
        }
        let (mut p, mut q, mut r) = (0.0f64, 0.0f64, 0.0f64);
        if e.abs() > tol1 {
            r = (x - w) * (fx - fv);
            q = (x - v) * (fx - fw);
            p = (x - v) * q - (x - w) * r;
            q = (q - r) * 2.0;
            if q > 0.0 {
                p = -p;
            } else {
                q = -q;
            }
            r = e;
            e = d;
        }
        if p.abs() >= (q * 0.5 * r).abs() || p <= q * (a - x) || p >= q * (b - x) {
            e = if x < xm { b - x } else { a - x };
            d = c * e;
        } else {
            d = p / q;
            let u = x + d;
            if u - a < t2 || b - u < t2 {
                d = if x >= xm { -tol1 } else { tol1 };
            }
        }
        let u = if d.abs() >= tol1 {
            x + d
        } else if d > 0.0 {
            x + tol1
        } else {
            x - tol1
        };
        let fu = eval(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            v = w;
            w = x;
            x = u;
            fv = fw;
            fw = fx;
            fx = fu;
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                v = w;
                fv = fw;
                w = u;
                fw = fu;
            } else if fu <= fv || v == x || v == w {
                v = u;
                fv = fu;
            }
        }
    }
    (x, fx)
}

/// R's `optimize(f, c(a, b), maximum = TRUE, tol = tol)`: [`fmin`] of −f, returning the
/// maximiser and f there (a non-finite f counts as the lowest double).
pub fn fmax(f: &dyn Fn(f64) -> f64, lower: f64, upper: f64, tol: f64) -> (f64, f64) {
    let (x, neg) = fmin(&|x| -f(x), lower, upper, tol);
    (x, -neg)
}

/// What [`minimize_box`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxOptimum {
    pub x: Vec<f64>,
    pub value: f64,
    /// Projected Newton decrement negligible and the free Hessian positive definite.
    pub converged: bool,
    /// Some parameter ended on a bound of the box.
    pub at_bound: bool,
}

/// Minimise `f` over the box `lower ≤ x ≤ upper` (any number of parameters; one or two in
/// most callers, one per coefficient and τ in the binomial–normal meta-regression) from `x0`
/// (moved into the box first). `scale` is the size of `f` that counts as large: the iterations go on
/// while a Newton step promises more than 1e-16·scale, and the optimum is confirmed when it
/// promises at most 1e-10·scale. At most 500 Newton iterations.
///
/// ```
/// use trialstats_numerics::optimize::minimize_box;
/// // (x − 2)² + (y − 0.5)² over 0 ≤ x ≤ 1, 0 ≤ y ≤ 1: x stops at its bound 1, y at 0.5.
/// let f = |p: &[f64]| (p[0] - 2.0).powi(2) + (p[1] - 0.5).powi(2);
/// let m = minimize_box(&f, &[0.5, 0.5], &[0.0, 0.0], &[1.0, 1.0], 1.0);
/// assert!(m.converged && m.at_bound);
/// assert!((m.x[0] - 1.0).abs() < 1e-9 && (m.x[1] - 0.5).abs() < 1e-6);
/// ```
pub fn minimize_box(
    f: &dyn Fn(&[f64]) -> f64,
    x0: &[f64],
    lower: &[f64],
    upper: &[f64],
    scale: f64,
) -> BoxOptimum {
    let m = x0.len();
    let clamp = |x: &mut Vec<f64>| {
        for j in 0..m {
            x[j] = x[j].clamp(lower[j], upper[j]);
        }
    };
    let mut x = x0.to_vec();
    clamp(&mut x);
    let mut fx = f(&x);
    let scale = scale.abs().max(f64::MIN_POSITIVE);
    let mut mu = 1e-3;
    let mut converged = false;
    if fx.is_finite() {
        for _ in 0..500 {
            let (g, h) = derivatives(f, &x, fx, lower, upper);
            let free: Vec<usize> = (0..m)
                .filter(|&j| {
                    !((x[j] <= lower[j] && g[j] > 0.0) || (x[j] >= upper[j] && g[j] < 0.0))
                })
                .collect();
            if let Some(dec) = newton_decrement(&g, &h, &free, m) {
                if dec <= 1e-16 * scale.max(fx.abs()) {
                    converged = true;
                    break;
                }
            }
            let mut moved = false;
            for _ in 0..80 {
                let Some(d) = damped_step(&g, &h, &free, m, mu) else {
                    mu *= 10.0;
                    continue;
                };
                let mut y = x.clone();
                for (k, &j) in free.iter().enumerate() {
                    y[j] += d[k];
                }
                clamp(&mut y);
                let fy = f(&y);
                if fy.is_finite() && fy < fx {
                    x = y;
                    fx = fy;
                    mu = (mu / 10.0).max(1e-12);
                    moved = true;
                    break;
                }
                mu *= 10.0;
                if mu > 1e20 {
                    break;
                }
            }
            if !moved {
                // No decrease possible at this resolution: confirm below.
                break;
            }
        }
        if !converged {
            let (g, h) = derivatives(f, &x, fx, lower, upper);
            let free: Vec<usize> = (0..m)
                .filter(|&j| {
                    !((x[j] <= lower[j] && g[j] > 0.0) || (x[j] >= upper[j] && g[j] < 0.0))
                })
                .collect();
            converged = newton_decrement(&g, &h, &free, m)
                .is_some_and(|dec| dec <= 1e-10 * scale.max(fx.abs()));
        }
    }
    let at_bound = (0..m).any(|j| {
        let tol = 1e-9 * x[j].abs().max(1e-3);
        (x[j] - lower[j]).abs() <= tol || (upper[j] - x[j]).abs() <= tol
    });
    BoxOptimum {
        x,
        value: fx,
        converged: converged && fx.is_finite(),
        at_bound,
    }
}

/// Central differences for the gradient and Hessian, one-sided inside the box at a bound.
fn derivatives(
    f: &dyn Fn(&[f64]) -> f64,
    x: &[f64],
    fx: f64,
    lower: &[f64],
    upper: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let m = x.len();
    let step = |j: usize| {
        let h = 1e-4 * x[j].abs().max(1e-3);
        // the direction that stays inside the box for a one-sided difference
        if x[j] + 2.0 * h > upper[j] { -h } else { h }
    };
    let mut g = vec![0.0; m];
    let mut h = vec![0.0; m * m];
    let mut y = x.to_vec();
    let mut hs = vec![0.0; m];
    for j in 0..m {
        let s = step(j);
        hs[j] = s;
        let central = x[j] - s.abs() >= lower[j] && x[j] + s.abs() <= upper[j];
        if central {
            let s = s.abs();
            hs[j] = s;
            y[j] = x[j] + s;
            let fp = f(&y);
            y[j] = x[j] - s;
            let fm = f(&y);
            g[j] = (fp - fm) / (2.0 * s);
            h[j * m + j] = (fp - 2.0 * fx + fm) / (s * s);
        } else {
            y[j] = x[j] + s;
            let f1 = f(&y);
            y[j] = x[j] + 2.0 * s;
            let f2 = f(&y);
            g[j] = (-3.0 * fx + 4.0 * f1 - f2) / (2.0 * s);
            h[j * m + j] = (fx - 2.0 * f1 + f2) / (s * s);
        }
        y[j] = x[j];
    }
    for i in 0..m {
        for j in 0..i {
            let (si, sj) = (hs[i], hs[j]);
            let mut v = [0.0; 4];
            for (k, (a, b)) in [(1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)]
                .iter()
                .enumerate()
            {
                y[i] = x[i] + a * si;
                y[j] = x[j] + b * sj;
                v[k] = f(&y);
            }
            y[i] = x[i];
            y[j] = x[j];
            // forward cross difference (stays on the side the one-sided steps chose)
            let d = (v[0] - v[1] - v[2] + v[3]) / (si * sj);
            h[i * m + j] = d;
            h[j * m + i] = d;
        }
    }
    (g, h)
}

/// gᵀH⁻¹g over the free parameters, when that Hessian is positive definite (zero when no
/// parameter is free).
fn newton_decrement(g: &[f64], h: &[f64], free: &[usize], m: usize) -> Option<f64> {
    let d = damped_step(g, h, free, m, 0.0)?;
    Some(-free.iter().zip(&d).map(|(&j, dj)| g[j] * dj).sum::<f64>())
}

/// Solve (H + μ·diag(|H|))·d = −g over the free parameters, when that matrix is positive
/// definite. One and two parameters in closed form (the values every earlier caller got);
/// more by Cholesky.
fn damped_step(g: &[f64], h: &[f64], free: &[usize], m: usize, mu: f64) -> Option<Vec<f64>> {
    let damp = |j: usize| h[j * m + j] + mu * h[j * m + j].abs().max(1e-12);
    if free.len() > 2 {
        let n = free.len();
        let mut a = vec![0.0; n * n];
        for (r, &i) in free.iter().enumerate() {
            for (c, &j) in free.iter().enumerate() {
                a[r * n + c] = if r == c { damp(i) } else { h[i * m + j] };
            }
        }
        crate::dense::cholesky(&mut a, n)?;
        // L y = −g, then Lᵀ d = y
        let mut d: Vec<f64> = free.iter().map(|&j| -g[j]).collect();
        crate::dense::forward_solve(&a, n, &mut d);
        crate::dense::backward_solve_transpose(&a, n, &mut d);
        return d.iter().all(|v| v.is_finite()).then_some(d);
    }
    match free {
        [] => Some(Vec::new()),
        [j] => {
            let a = damp(*j);
            (a > 0.0).then(|| vec![-g[*j] / a])
        }
        [i, j] => {
            let (a, b, c) = (damp(*i), h[i * m + j], damp(*j));
            let det = a * c - b * b;
            (a > 0.0 && det > 0.0).then(|| {
                vec![
                    -(c * g[*i] - b * g[*j]) / det,
                    -(a * g[*j] - b * g[*i]) / det,
                ]
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A positive definite quadratic in four parameters, one of them held at its lower
    /// bound: the minimum is the solution of the linear system over the other three.
    #[test]
    fn minimize_box_solves_more_than_two_parameters() {
        let f = |x: &[f64]| {
            let (a, b, c, d) = (x[0] - 1.0, x[1] + 2.0, x[2] - 0.5, x[3] + 1.0);
            a * a + 2.0 * b * b + 3.0 * c * c + 0.5 * a * b + 0.3 * b * c + d * d
        };
        let o = minimize_box(
            &f,
            &[0.0, 0.0, 0.0, 1.0],
            &[-10.0, -10.0, -10.0, 0.0],
            &[10.0; 4],
            1.0,
        );
        assert!(o.converged && o.at_bound);
        // with d held at 0, the rest is the unconstrained minimum (1, −2, 0.5)
        for (got, want) in o.x.iter().zip([1.0, -2.0, 0.5, 0.0]) {
            assert!((got - want).abs() < 1e-6, "{:?}", o.x);
        }
    }

    /// R 4.2: optimize(function(x) (x - 1/3)^2, c(0, 1))$minimum = 0.333333333333333 and
    /// optimize(function(x) sin(x), c(0, 5), tol = 0.001)$minimum = 4.7123548680994904
    /// (printed with digits = 17).
    #[test]
    fn fmin_takes_r_optimize_steps() {
        let (x, _) = fmin(
            &|x| (x - 1.0 / 3.0).powi(2),
            0.0,
            1.0,
            f64::EPSILON.powf(0.25),
        );
        assert!((x - 0.333333333333333).abs() < 1e-14, "{x}");
        let (x, fx) = fmin(&|x: f64| x.sin(), 0.0, 5.0, 0.001);
        assert_eq!(fx, x.sin());
        assert!((x - 4.7123548680994904).abs() < 1e-12, "{x}");
    }

    #[test]
    fn minimize_box_confirms_interior_and_bound_optima() {
        // Rosenbrock's valley, minimum at (1, 1).
        let rosen = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let o = minimize_box(&rosen, &[-1.2, 1.0], &[-5.0, -5.0], &[5.0, 5.0], 1.0);
        assert!(o.converged && !o.at_bound);
        assert!(
            (o.x[0] - 1.0).abs() < 1e-6 && (o.x[1] - 1.0).abs() < 1e-6,
            "{:?}",
            o.x
        );
        // With x ≤ 0.5 the minimum is on the bound: x = 0.5, y = 0.25.
        let o = minimize_box(&rosen, &[-1.2, 1.0], &[-5.0, -5.0], &[0.5, 5.0], 1.0);
        assert!(o.converged && o.at_bound);
        assert!(
            (o.x[0] - 0.5).abs() < 1e-9 && (o.x[1] - 0.25).abs() < 1e-6,
            "{:?}",
            o.x
        );
    }
}
