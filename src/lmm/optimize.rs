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

struct Counted<'a, F: Fn(&[f64]) -> f64> {
    f: &'a F,
    count: usize,
}
impl<F: Fn(&[f64]) -> f64> Counted<'_, F> {
    fn eval(&mut self, x: &[f64]) -> f64 {
        self.count += 1;
        (self.f)(x)
    }
}

fn step_size(x: f64) -> f64 {
    1e-5 * x.abs().max(0.1)
}

/// Finite-difference gradient; components at their lower bound use a forward difference.
fn gradient<F: Fn(&[f64]) -> f64>(
    f: &mut Counted<F>,
    x: &[f64],
    fx: f64,
    lower: &[f64],
) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    let mut y = x.to_vec();
    for j in 0..x.len() {
        let h = step_size(x[j]);
        if x[j] - h < lower[j] {
            y[j] = x[j] + h;
            let f1 = f.eval(&y);
            y[j] = x[j] + 2.0 * h;
            let f2 = f.eval(&y);
            g[j] = (-3.0 * fx + 4.0 * f1 - f2) / (2.0 * h);
        } else {
            y[j] = x[j] + h;
            let f1 = f.eval(&y);
            y[j] = x[j] - h;
            let f2 = f.eval(&y);
            g[j] = (f1 - f2) / (2.0 * h);
        }
        y[j] = x[j];
    }
    g
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

/// Finite-difference Hessian over the `free` components (central differences).
fn hessian<F: Fn(&[f64]) -> f64>(
    f: &mut Counted<F>,
    x: &[f64],
    fx: f64,
    free: &[usize],
) -> Vec<f64> {
    let m = free.len();
    let mut h = vec![0.0; m * m];
    let mut y = x.to_vec();
    for a in 0..m {
        let i = free[a];
        let hi = 1e2 * step_size(x[i]);
        y[i] = x[i] + hi;
        let fp = f.eval(&y);
        y[i] = x[i] - hi;
        let fm = f.eval(&y);
        y[i] = x[i];
        h[a * m + a] = (fp - 2.0 * fx + fm) / (hi * hi);
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
                v[k] = f.eval(&y);
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

/// Minimise `f` from `x0` subject to `x ≥ lower` (use `-∞` for unbounded components).
pub fn minimize<F: Fn(&[f64]) -> f64>(f: &F, x0: &[f64], lower: &[f64]) -> Optimum {
    let n = x0.len();
    let mut fc = Counted { f, count: 0 };
    let mut x = x0.to_vec();
    project(&mut x, lower);
    let mut fx = fc.eval(&x);
    let mut g = gradient(&mut fc, &x, fx, lower);
    let mut hinv = identity(n);
    let mut first = true;
    let mut small_steps = 0;
    for _iter in 0..500 {
        let free = free_mask(&x, &g, lower);
        if projected_norm(&g, &free) < 1e-6 {
            break;
        }
        let mut d = vec![0.0; n];
        for i in 0..n {
            if free[i] {
                d[i] = -(0..n)
                    .filter(|&j| free[j])
                    .map(|j| hinv[i * n + j] * g[j])
                    .sum::<f64>();
            }
        }
        let slope: f64 = d.iter().zip(&g).map(|(a, b)| a * b).sum();
        if slope.is_nan() || slope >= 0.0 {
            hinv = identity(n);
            for i in 0..n {
                d[i] = if free[i] { -g[i] } else { 0.0 };
            }
        }
        if first {
            // Scale the first (steepest-descent) step to length at most 1 in θ.
            let norm = d.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm > 0.5 {
                d.iter_mut().for_each(|v| *v *= 0.5 / norm);
            }
            first = false;
        }
        let mut alpha = 1.0;
        let mut accepted = None;
        for _ in 0..60 {
            let mut xn: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + alpha * b).collect();
            project(&mut xn, lower);
            let decrease: f64 = g
                .iter()
                .zip(xn.iter().zip(&x))
                .map(|(g, (a, b))| g * (a - b))
                .sum();
            let fnew = fc.eval(&xn);
            if fnew <= fx + 1e-4 * decrease.min(0.0) && fnew.is_finite() {
                accepted = Some((xn, fnew));
                break;
            }
            alpha *= 0.5;
        }
        let Some((xn, fnew)) = accepted else { break };
        let gn = gradient(&mut fc, &xn, fnew, lower);
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let yv: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy: f64 = s.iter().zip(&yv).map(|(a, b)| a * b).sum();
        if sy > 1e-12 {
            bfgs_update(&mut hinv, &s, &yv, sy);
        }
        let improvement = fx - fnew;
        x = xn;
        g = gn;
        fx = fnew;
        if improvement < 1e-10 * fx.abs().max(1.0) {
            small_steps += 1;
            if small_steps >= 2 {
                break;
            }
        } else {
            small_steps = 0;
        }
    }
    // Newton refinement over the free components with a finite-difference Hessian; it also
    // confirms the optimum: the Hessian is positive definite and the Newton decrement
    // gᵀH⁻¹g (twice the improvement a Newton step predicts) is below 1e-6.
    let mut hess_pd = false;
    let mut decrement = f64::INFINITY;
    for _ in 0..8 {
        let mask = free_mask(&x, &g, lower);
        let free: Vec<usize> = (0..n).filter(|&j| mask[j]).collect();
        if free.is_empty() {
            hess_pd = true;
            decrement = 0.0;
            break;
        }
        let mut h = hessian(&mut fc, &x, fx, &free);
        let m = free.len();
        if super::dense::cholesky(&mut h, m).is_none() {
            hess_pd = false;
            break;
        }
        hess_pd = true;
        let mut step: Vec<f64> = free.iter().map(|&j| -g[j]).collect();
        super::dense::forward_solve(&h, m, &mut step);
        super::dense::backward_solve_transpose(&h, m, &mut step);
        decrement = -step.iter().zip(&free).map(|(s, &j)| s * g[j]).sum::<f64>();
        if decrement < 1e-10 {
            break;
        }
        let mut improved = false;
        let mut alpha = 1.0;
        for _ in 0..8 {
            let mut xn = x.clone();
            for (a, &j) in free.iter().enumerate() {
                xn[j] += alpha * step[a];
            }
            project(&mut xn, lower);
            let fnew = fc.eval(&xn);
            if fnew < fx {
                x = xn;
                fx = fnew;
                g = gradient(&mut fc, &x, fx, lower);
                improved = true;
                break;
            }
            alpha *= 0.5;
        }
        if !improved {
            // No point nearby is lower: the optimum is at `x` to within rounding.
            break;
        }
    }
    let free = free_mask(&x, &g, lower);
    let pg = projected_norm(&g, &free);
    Optimum {
        converged: hess_pd && decrement < 1e-6,
        x,
        value: fx,
        evaluations: fc.count,
        projected_gradient: pg,
        newton_decrement: decrement,
        hessian_positive_definite: hess_pd,
    }
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
