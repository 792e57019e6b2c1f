//! Bounded minimisation of a smooth function of a few variables: a projected quasi-Newton
//! (BFGS) method with an active set for the lower bounds, finite-difference gradients, and a
//! final Newton refinement with a finite-difference Hessian that also confirms the optimum.
//!
//! Method: Nocedal & Wright (2006), *Numerical Optimization*, 2nd ed., §6.1 (BFGS update,
//! eq. 6.17), §3.1 (Armijo backtracking) and §16.7 (gradient projection with an active set);
//! central differences (§8.1, eq. 8.7), and a second-order one-sided difference at a bound.
//! The criterion of a linear mixed model has only `q(q+1)/2` parameters, so a finite-difference
//! gradient costs a handful of evaluations, each O(groups).

/// What the optimiser found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Optimum {
    /// The minimiser.
    pub x: Vec<f64>,
    /// The minimum.
    pub value: f64,
    /// Function evaluations used.
    pub evaluations: usize,
    /// Largest absolute projected gradient at `x` (zero for components held at a bound with a
    /// gradient pushing outwards).
    pub projected_gradient: f64,
    /// gᵀH⁻¹g over the free components at `x`: twice the further decrease a Newton step
    /// predicts (scale-free in the number of observations, unlike the gradient).
    pub newton_decrement: f64,
    /// Whether the Hessian over the free components is positive definite at `x`.
    pub hessian_positive_definite: bool,
    /// Whether the optimum is confirmed: small projected gradient and positive-definite Hessian.
    pub converged: bool,
}

/// An analytic gradient: `None` where it is not defined.
pub type GradientFn<'a> = &'a dyn Fn(&[f64]) -> Option<Vec<f64>>;

struct Counted<'a, F: Fn(&[f64]) -> f64> {
    f: &'a F,
    grad: Option<GradientFn<'a>>,
    count: usize,
    /// The second differences along each axis from the last finite-difference gradient
    /// (empty after an analytic one): the Hessian's diagonal, for free.
    curvature: Vec<f64>,
    /// Take the Hessian's off-diagonal from two evaluations each instead of four (see
    /// [`minimize_scaled`]).
    economical: bool,
}

impl<F: Fn(&[f64]) -> f64> Counted<'_, F> {
    fn eval(&mut self, x: &[f64]) -> f64 {
        self.count += 1;
        (self.f)(x)
    }

    /// The gradient at `x` (where `f(x) = fx`): analytic if given, else finite differences
    /// (central; second-order one-sided at a lower bound).
    fn gradient(&mut self, x: &[f64], fx: f64, lower: &[f64]) -> Vec<f64> {
        if let Some(grad) = self.grad {
            self.count += 1;
            if let Some(g) = grad(x) {
                return g;
            }
        }
        let mut g = vec![0.0; x.len()];
        self.curvature = vec![0.0; x.len()];
        let mut y = x.to_vec();
        for j in 0..x.len() {
            let h = step_size(x[j]);
            if x[j] - h < lower[j] {
                y[j] = x[j] + h;
                let f1 = self.eval(&y);
                y[j] = x[j] + 2.0 * h;
                let f2 = self.eval(&y);
                g[j] = (-3.0 * fx + 4.0 * f1 - f2) / (2.0 * h);
                self.curvature[j] = (fx - 2.0 * f1 + f2) / (h * h);
            } else {
                y[j] = x[j] + h;
                let f1 = self.eval(&y);
                y[j] = x[j] - h;
                let f2 = self.eval(&y);
                g[j] = (f1 - f2) / (2.0 * h);
                self.curvature[j] = (f1 - 2.0 * fx + f2) / (h * h);
            }
            y[j] = x[j];
        }
        g
    }

    /// Finite-difference Hessian over the `free` components: differences of the analytic
    /// gradient if there is one, else second differences of `f`.
    fn hessian(
        &mut self,
        x: &[f64],
        fx: f64,
        g: &[f64],
        free: &[usize],
        lower: &[f64],
    ) -> Vec<f64> {
        let m = free.len();
        let mut h = vec![0.0; m * m];
        let mut y = x.to_vec();
        if self.grad.is_some() {
            // Forward differences of the gradient (`g` is the gradient at `x`), symmetrised.
            for a in 0..m {
                let i = free[a];
                let hi = 1e1 * step_size(x[i]);
                y[i] = x[i] + hi;
                let gp = self.gradient(&y, f64::NAN, lower);
                y[i] = x[i];
                for b in 0..m {
                    h[b * m + a] = (gp[free[b]] - g[free[b]]) / hi;
                }
            }
            for a in 0..m {
                for b in 0..a {
                    let avg = 0.5 * (h[a * m + b] + h[b * m + a]);
                    h[a * m + b] = avg;
                    h[b * m + a] = avg;
                }
            }
            return h;
        }
        let mut plus_minus = vec![(0.0, 0.0); m];
        for a in 0..m {
            let i = free[a];
            let hi = 1e2 * step_size(x[i]);
            y[i] = x[i] + hi;
            let fp = self.eval(&y);
            y[i] = x[i] - hi;
            let fm = self.eval(&y);
            y[i] = x[i];
            plus_minus[a] = (fp, fm);
            h[a * m + a] = (fp - 2.0 * fx + fm) / (hi * hi);
            if self.economical {
                // With u = hᵢeᵢ + hⱼeⱼ, f(x+u) + f(x−u) − 2f(x) = uᵀHu + O(h⁴), so subtracting
                // the two axes' second differences leaves 2hᵢhⱼHᵢⱼ: second order, from two
                // evaluations instead of four.
                for b in 0..a {
                    let j = free[b];
                    let hj = 1e2 * step_size(x[j]);
                    y[i] = x[i] + hi;
                    y[j] = x[j] + hj;
                    let fpp = self.eval(&y);
                    y[i] = x[i] - hi;
                    y[j] = x[j] - hj;
                    let fmm = self.eval(&y);
                    y[i] = x[i];
                    y[j] = x[j];
                    let (gp, gm) = plus_minus[b];
                    let d = (fpp + fmm - fp - fm - gp - gm + 2.0 * fx) / (2.0 * hi * hj);
                    h[a * m + b] = d;
                    h[b * m + a] = d;
                }
                continue;
            }
            for b in 0..a {
                let j = free[b];
                let hj = 1e2 * step_size(x[j]);
                let mut v = [0.0; 4];
                for (k, (si, sj)) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)]
                    .iter()
                    .enumerate()
                {
                    y[i] = x[i] + si * hi;
                    y[j] = x[j] + sj * hj;
                    v[k] = self.eval(&y);
                }
                y[i] = x[i];
                y[j] = x[j];
                let d = (v[0] - v[1] - v[2] + v[3]) / (4.0 * hi * hj);
                h[a * m + b] = d;
                h[b * m + a] = d;
            }
        }
        h
    }
}

fn step_size(x: f64) -> f64 {
    1e-5 * x.abs().max(0.1)
}

fn at_bound(x: f64, lower: f64) -> bool {
    x <= lower + 1e-12
}

fn free_mask(x: &[f64], g: &[f64], lower: &[f64]) -> Vec<bool> {
    (0..x.len())
        .map(|j| !(at_bound(x[j], lower[j]) && g[j] > 0.0))
        .collect()
}

fn projected_norm(g: &[f64], free: &[bool]) -> f64 {
    g.iter()
        .zip(free)
        .filter(|(_, f)| **f)
        .fold(0.0f64, |m, (g, _)| m.max(g.abs()))
}

fn project(x: &mut [f64], lower: &[f64]) {
    for (v, l) in x.iter_mut().zip(lower) {
        if *v < *l {
            *v = *l;
        }
    }
}

/// Minimise `f` from `x0` subject to `x ≥ lower` (use `-∞` for unbounded components).
/// The gradient is taken by finite differences.
///
/// ```
/// use trialstats_numerics::optimize::quasi_newton::minimize;
/// // (x − 1)² + (y + 2)² with y ≥ 0: the minimum is on the bound, at (1, 0), value 4.
/// let f = |p: &[f64]| (p[0] - 1.0).powi(2) + (p[1] + 2.0).powi(2);
/// let m = minimize(&f, &[0.0, 1.0], &[f64::NEG_INFINITY, 0.0]);
/// assert!(m.converged);
/// assert!((m.x[0] - 1.0).abs() < 1e-6 && m.x[1] == 0.0 && (m.value - 4.0).abs() < 1e-9);
/// ```
pub fn minimize<F: Fn(&[f64]) -> f64>(f: &F, x0: &[f64], lower: &[f64]) -> Optimum {
    minimize_with(f, None, x0, lower)
}

/// Minimise `f` with an analytic gradient (`None` where it is undefined falls back to
/// differences) from `x0` subject to `x ≥ lower`.
pub fn minimize_with<F: Fn(&[f64]) -> f64>(
    f: &F,
    grad: Option<GradientFn<'_>>,
    x0: &[f64],
    lower: &[f64],
) -> Optimum {
    minimize_from(f, grad, x0, lower, false)
}

/// [`minimize_with`] for a badly scaled `f` (a criterion in the hundreds of thousands over
/// parameters of order 1), started near its minimum: the first inverse Hessian of the BFGS
/// iterations is the inverse of the Hessian's diagonal, read off the central differences of
/// the finite-difference gradient (`(f(x+h) − 2f(x) + f(x−h)) / h²`, no extra evaluations),
/// instead of the identity, so that the first steps have the length the curvature calls for
/// rather than the gradient's magnitude (Nocedal & Wright §6.1, "the choice of H₀"). Where f
/// curves downwards along some axis at the start, the identity is kept, as in [`minimize_with`].
/// The Newton stage's Hessian takes each off-diagonal entry from two further evaluations
/// (along the diagonal of its plane, still second order) rather than four: for n parameters,
/// 2n + n(n−1) evaluations instead of 2n + 2n(n−1). For a criterion that costs a large
/// factorisation per evaluation.
pub fn minimize_scaled<F: Fn(&[f64]) -> f64>(
    f: &F,
    grad: Option<GradientFn<'_>>,
    x0: &[f64],
    lower: &[f64],
) -> Optimum {
    minimize_from(f, grad, x0, lower, true)
}

fn minimize_from<F: Fn(&[f64]) -> f64>(
    f: &F,
    grad: Option<GradientFn<'_>>,
    x0: &[f64],
    lower: &[f64],
    diagonal_start: bool,
) -> Optimum {
    let mut fc = Counted {
        f,
        grad,
        count: 0,
        curvature: Vec::new(),
        economical: diagonal_start,
    };
    let mut x = x0.to_vec();
    project(&mut x, lower);
    let mut fx = fc.eval(&x);
    let mut g = fc.gradient(&x, fx, lower);
    let mut confirmation = Confirmation::default();
    // A start on a saddle or ridge (for example a variance stuck at zero where the criterion
    // is flat) is left along the direction of negative curvature, then the search restarts.
    for _restart in 0..4 {
        quasi_newton(&mut fc, &mut x, &mut fx, &mut g, lower, diagonal_start);
        confirmation = newton(&mut fc, &mut x, &mut fx, &mut g, lower, &[]);
        if confirmation.hessian_positive_definite {
            break;
        }
        // Components at their bound are tried too: moving one inside may lower f.
        let mut directions = confirmation.negative_curvature.clone();
        directions.extend(
            confirmation
                .free_at_bound
                .iter()
                .filter(|j| !confirmation.negative_curvature.contains(j)),
        );
        if !escape(&mut fc, &mut x, &mut fx, &directions, lower) {
            // A variance at zero along which f is flat (a singular fit, e.g. a random
            // intercept of a factor that is also a fixed effect) has a zero or, from rounding,
            // slightly negative curvature, and no lower point inside the bounds: it is an
            // optimum on the boundary, as lme4 reports it (singular, not unconverged). The
            // optimum is confirmed over the other components with those held at the bound.
            if !confirmation.free_at_bound.is_empty() {
                let pinned = confirmation.free_at_bound.clone();
                confirmation = newton(&mut fc, &mut x, &mut fx, &mut g, lower, &pinned);
            }
            break;
        }
        g = fc.gradient(&x, fx, lower);
    }
    let free = free_mask(&x, &g, lower);
    let pg = projected_norm(&g, &free);
    Optimum {
        converged: confirmation.hessian_positive_definite && confirmation.decrement < 1e-6,
        x,
        value: fx,
        evaluations: fc.count,
        projected_gradient: pg,
        newton_decrement: confirmation.decrement,
        hessian_positive_definite: confirmation.hessian_positive_definite,
    }
}

/// Largest step (Euclidean, in the units of x) one quasi-Newton iteration may take.
const MAX_STEP: f64 = 1.0;

/// Projected BFGS with backtracking (quadratic interpolation) until the decrease stalls.
fn quasi_newton<F: Fn(&[f64]) -> f64>(
    fc: &mut Counted<F>,
    x: &mut Vec<f64>,
    fx: &mut f64,
    g: &mut Vec<f64>,
    lower: &[f64],
    diagonal_start: bool,
) {
    let n = x.len();
    let start = |curvature: &[f64]| initial_inverse_hessian(n, curvature, diagonal_start);
    let mut hinv = start(&fc.curvature);
    let mut fresh = true;
    let mut small_steps = 0;
    for _iter in 0..500 {
        let free = free_mask(x, g, lower);
        if projected_norm(g, &free) < 1e-7 {
            break;
        }
        let mut d = quasi_newton_direction(&hinv, g, &free);
        let slope: f64 = d.iter().zip(g.iter()).map(|(a, b)| a * b).sum();
        if !fresh && -slope < 1e-7 {
            // The quadratic model predicts less than 1e-7 further decrease: hand over to
            // the Newton stage, which confirms (or finishes) the optimum.
            break;
        }
        if slope.is_nan() || slope >= 0.0 {
            hinv = start(&fc.curvature);
            fresh = true;
            for i in 0..n {
                d[i] = if free[i] {
                    -hinv[i * n + i] * g[i]
                } else {
                    0.0
                };
            }
        }
        let norm = d.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > MAX_STEP {
            d.iter_mut().for_each(|v| *v *= MAX_STEP / norm);
        }
        let Some((xn, fnew)) = backtrack(fc, x, *fx, g, &d, lower) else {
            break;
        };
        let gn = fc.gradient(&xn, fnew, lower);
        let s: Vec<f64> = xn.iter().zip(x.iter()).map(|(a, b)| a - b).collect();
        let yv: Vec<f64> = gn.iter().zip(g.iter()).map(|(a, b)| a - b).collect();
        let sy: f64 = s.iter().zip(&yv).map(|(a, b)| a * b).sum();
        if sy > 1e-12 {
            fresh = false;
            bfgs_update(&mut hinv, &s, &yv, sy);
        }
        let improvement = *fx - fnew;
        *x = xn;
        *g = gn;
        *fx = fnew;
        if improvement < 1e-10 * fx.abs().max(1.0) {
            small_steps += 1;
            if small_steps >= 2 {
                break;
            }
        } else {
            small_steps = 0;
        }
    }
}

/// The first inverse Hessian of the BFGS iterations (n×n, row-major): the identity, or with
/// `diagonal_start` the inverse of the Hessian's diagonal `curvature` where f curves upwards
/// along every axis.
fn initial_inverse_hessian(n: usize, curvature: &[f64], diagonal_start: bool) -> Vec<f64> {
    let mut h = identity(n);
    // Only where f curves upwards along every axis: elsewhere the start is not near a
    // minimum, and a step scaled by the other axes' curvature would rush along the axis
    // that curves downwards (to a bound, where it may stay).
    if diagonal_start && curvature.len() == n && curvature.iter().all(|c| *c > 0.0 && c.is_finite())
    {
        for (j, c) in curvature.iter().enumerate() {
            h[j * n + j] = 1.0 / c;
        }
    }
    h
}

/// The quasi-Newton direction `−H⁻¹g` over the `free` components (0 for the others).
fn quasi_newton_direction(hinv: &[f64], g: &[f64], free: &[bool]) -> Vec<f64> {
    let n = g.len();
    let mut d = vec![0.0; n];
    for i in 0..n {
        if free[i] {
            d[i] = -(0..n)
                .filter(|&j| free[j])
                .map(|j| hinv[i * n + j] * g[j])
                .sum::<f64>();
        }
    }
    d
}

/// The first point `(x', f(x'))` along `d` from `x` (projected onto the bounds) with
/// sufficient decrease (Armijo, 10⁻⁴), backtracking by quadratic interpolation from the full
/// step; `None` after 60 tries.
fn backtrack<F: Fn(&[f64]) -> f64>(
    fc: &mut Counted<F>,
    x: &[f64],
    fx: f64,
    g: &[f64],
    d: &[f64],
    lower: &[f64],
) -> Option<(Vec<f64>, f64)> {
    let mut alpha = 1.0;
    let mut accepted = None;
    for _ in 0..60 {
        let mut xn: Vec<f64> = x.iter().zip(d).map(|(a, b)| a + alpha * b).collect();
        project(&mut xn, lower);
        let decrease: f64 = g
            .iter()
            .zip(xn.iter().zip(x.iter()))
            .map(|(g, (a, b))| g * (a - b))
            .sum();
        let fnew = fc.eval(&xn);
        if fnew.is_finite() && fnew <= fx + 1e-4 * decrease.min(0.0) {
            accepted = Some((xn, fnew));
            break;
        }
        // Minimiser of the quadratic through f(0), f'(0) and f(alpha), kept in [0.1, 0.5]·alpha.
        let next = if fnew.is_finite() && decrease < 0.0 {
            let curvature = fnew - fx - decrease;
            if curvature > 0.0 {
                -decrease * alpha / (2.0 * curvature)
            } else {
                0.5 * alpha
            }
        } else {
            0.1 * alpha
        };
        alpha = next.clamp(0.1 * alpha, 0.5 * alpha);
    }
    accepted
}

/// What the Newton stage found at the final point.
#[derive(Debug, Clone, Default)]
struct Confirmation {
    hessian_positive_definite: bool,
    /// gᵀH⁻¹g over the free components.
    decrement: f64,
    /// Free components along which the Hessian's diagonal is negative.
    negative_curvature: Vec<usize>,
    /// Free components at their lower bound when the Hessian is not positive definite (f is
    /// flat there to rounding or curves down): held at the bound when moving them inside
    /// finds no lower point.
    free_at_bound: Vec<usize>,
}

/// Newton steps with a finite-difference Hessian over the free components (those not at a
/// bound the gradient pushes against, nor `pinned`), until the Newton decrement is below 1e-6
/// (then one last step) or no step lowers f; reports whether the optimum is confirmed.
fn newton<F: Fn(&[f64]) -> f64>(
    fc: &mut Counted<F>,
    x: &mut Vec<f64>,
    fx: &mut f64,
    g: &mut Vec<f64>,
    lower: &[f64],
    pinned: &[usize],
) -> Confirmation {
    let n = x.len();
    let mut out = Confirmation {
        decrement: f64::INFINITY,
        ..Default::default()
    };
    for _ in 0..8 {
        let mask = free_mask(x, g, lower);
        let free: Vec<usize> = (0..n)
            .filter(|&j| mask[j] && !pinned.contains(&j))
            .collect();
        if free.is_empty() {
            out.hessian_positive_definite = true;
            out.decrement = 0.0;
            break;
        }
        let hess = fc.hessian(x, *fx, g, &free, lower);
        let m = free.len();
        let mut h = hess.clone();
        if crate::dense::cholesky(&mut h, m).is_none() {
            out.hessian_positive_definite = false;
            out.negative_curvature = (0..m)
                .filter(|&a| hess[a * m + a] < 0.0)
                .map(|a| free[a])
                .collect();
            out.free_at_bound = free
                .iter()
                .copied()
                .filter(|&j| at_bound(x[j], lower[j]))
                .collect();
            break;
        }
        out.hessian_positive_definite = true;
        let mut step: Vec<f64> = free.iter().map(|&j| -g[j]).collect();
        crate::dense::forward_solve(&h, m, &mut step);
        crate::dense::backward_solve_transpose(&h, m, &mut step);
        out.decrement = -step.iter().zip(&free).map(|(s, &j)| s * g[j]).sum::<f64>();
        let mut improved = false;
        let mut alpha = 1.0;
        for _ in 0..8 {
            let mut xn = x.clone();
            for (a, &j) in free.iter().enumerate() {
                xn[j] += alpha * step[a];
            }
            project(&mut xn, lower);
            let fnew = fc.eval(&xn);
            if fnew <= *fx {
                *x = xn;
                *fx = fnew;
                *g = fc.gradient(x, *fx, lower);
                improved = true;
                break;
            }
            alpha *= 0.5;
        }
        // Within 1e-6 of the optimum the Newton step just taken converges quadratically, so
        // another Hessian would not change the answer; and if no point along the step is
        // lower, the optimum is at `x` to rounding.
        if out.decrement < 1e-6 || !improved {
            break;
        }
    }
    out
}

/// Move along one component of negative curvature to a lower point; false if none is found.
fn escape<F: Fn(&[f64]) -> f64>(
    fc: &mut Counted<F>,
    x: &mut [f64],
    fx: &mut f64,
    components: &[usize],
    lower: &[f64],
) -> bool {
    for &j in components {
        for size in [0.5, 0.2, 0.1, 0.03, 0.01] {
            for sign in [1.0, -1.0] {
                let mut y = x.to_vec();
                y[j] += sign * size * x[j].abs().max(1.0);
                if y[j] < lower[j] {
                    continue;
                }
                let fy = fc.eval(&y);
                if fy < *fx {
                    x.copy_from_slice(&y);
                    *fx = fy;
                    return true;
                }
            }
        }
    }
    false
}

fn identity(n: usize) -> Vec<f64> {
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        m[i * n + i] = 1.0;
    }
    m
}

/// BFGS update of the inverse Hessian (Nocedal & Wright eq. 6.17).
fn bfgs_update(h: &mut [f64], s: &[f64], y: &[f64], sy: f64) {
    let n = s.len();
    let rho = 1.0 / sy;
    let hy: Vec<f64> = (0..n)
        .map(|i| (0..n).map(|j| h[i * n + j] * y[j]).sum())
        .collect();
    let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
    for i in 0..n {
        for j in 0..n {
            h[i * n + j] +=
                -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rosenbrock_minimum_is_found() {
        let f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let o = minimize(&f, &[-1.2, 1.0], &[f64::NEG_INFINITY, f64::NEG_INFINITY]);
        assert!(
            (o.x[0] - 1.0).abs() < 1e-6 && (o.x[1] - 1.0).abs() < 1e-6,
            "{o:?}"
        );
        assert!(o.converged);
    }

    /// A criterion shaped like a crossed model's: large (3e5), curvatures four hundred-fold
    /// apart, minimum at (0.25, 0.41, 0.13), started near it as from a moment estimate.
    fn badly_scaled(x: &[f64]) -> f64 {
        let (a, b, c) = (x[0] - 0.25, x[1] - 0.41, x[2] - 0.13);
        325525.0
            + 4.0e4 * a * a
            + 2.0e4 * b * b
            + 1.0e2 * c * c
            + 1.0e4 * a * b
            + 50.0 * (a * a * a + b * b * b)
    }

    #[test]
    fn the_scaled_start_finds_the_same_minimum_with_fewer_evaluations() {
        let (x0, lower) = ([0.26, 0.44, 0.14], [0.0; 3]);
        let plain = minimize(&badly_scaled, &x0, &lower);
        let scaled = minimize_scaled(&badly_scaled, None, &x0, &lower);
        // f near 3e5 is known to about 1e-10, which fixes x to about √(1e-10 / 100) ≈ 1e-6
        // along the flattest axis.
        for o in [&plain, &scaled] {
            assert!(o.converged, "{o:?}");
            for (got, want) in o.x.iter().zip([0.25, 0.41, 0.13]) {
                assert!((got - want).abs() < 1e-5, "{o:?}");
            }
            assert!((o.value - 325525.0).abs() < 1e-8, "{o:?}");
        }
        assert!(
            scaled.evaluations < plain.evaluations,
            "{} vs {}",
            scaled.evaluations,
            plain.evaluations
        );
    }

    #[test]
    fn the_scaled_start_keeps_a_bound_and_finds_rosenbrock() {
        let f = |x: &[f64]| (x[0] + 1.0).powi(2) + (x[1] - 2.0).powi(2) + 0.5 * x[0] * (x[1] - 2.0);
        let o = minimize_scaled(&f, None, &[1.0, 0.0], &[0.0, f64::NEG_INFINITY]);
        assert_eq!(o.x[0], 0.0);
        assert!((o.x[1] - 2.0).abs() < 1e-6, "{o:?}");
        assert!(o.converged);
        let f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let o = minimize_scaled(&f, None, &[-1.2, 1.0], &[f64::NEG_INFINITY; 2]);
        assert!(
            (o.x[0] - 1.0).abs() < 1e-6 && (o.x[1] - 1.0).abs() < 1e-6,
            "{o:?}"
        );
        assert!(o.converged);
    }

    #[test]
    fn a_bound_holds_when_the_minimum_is_outside() {
        // Unconstrained minimum at (-1, 2); with x0 ≥ 0 the minimum is (0, 2).
        let f = |x: &[f64]| (x[0] + 1.0).powi(2) + (x[1] - 2.0).powi(2) + 0.5 * x[0] * (x[1] - 2.0);
        let o = minimize(&f, &[1.0, 0.0], &[0.0, f64::NEG_INFINITY]);
        assert_eq!(o.x[0], 0.0);
        assert!((o.x[1] - 2.0).abs() < 1e-6, "{o:?}");
        assert!(o.converged);
    }
}
