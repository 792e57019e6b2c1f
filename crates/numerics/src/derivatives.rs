//! Numerical derivatives by central differences with Richardson extrapolation, step for step
//! as R's numDeriv package (Gilbert & Varadhan, `numDeriv` 2016.8: `jacobian(method =
//! "Richardson")` and `genD`, which `hessian` calls), with its defaults: relative step
//! `d = 1e-4` for the Jacobian and `d = 0.1` for the Hessian (a second difference at a smaller
//! step would lose to rounding), `eps = 1e-4`, `zero.tol = √(ε/7e-7)`, `r = 4` halvings,
//! `v = 2`.
//!
//! Where a result must equal one that R computes *by* numerical differences (lmerTest's
//! Satterthwaite df take the Hessian of the deviance and the Jacobian of Var(β̂) this way),
//! the same steps and the same extrapolation give the same answer to many more digits than
//! any other accurate method would: the difference is then only rounding. The extrapolation
//! (Richardson 1911) removes the O(h²), O(h⁴) and O(h⁶) error terms of central differences at
//! steps h, h/2, h/4, h/8, so the results are accurate to about 1e-10 relative for smooth
//! functions. Written here rather than taken from a crate because no Rust crate follows
//! numDeriv's steps, and this is the one place such derivatives are taken.
//!
//! Every function takes a fallible `f` (`None` where it cannot be evaluated) and returns
//! `None` if any evaluation fails.

/// numDeriv's relative step `d` of `jacobian` (and `grad`).
const JACOBIAN_STEP: f64 = 1e-4;
/// numDeriv's relative step `d` of `genD` (and so of `hessian`).
const HESSIAN_STEP: f64 = 0.1;
/// numDeriv's absolute step `eps` for a coordinate near zero.
const ZERO_STEP: f64 = 1e-4;
/// Halvings of the step (numDeriv's `r`).
const HALVINGS: usize = 4;

/// numDeriv's first steps: `|d·x| + eps` where `|x|` is below `zero.tol = √(ε/7e-7)`.
fn first_steps(x: &[f64], d: f64) -> Vec<f64> {
    let zero_tol = (f64::EPSILON / 7e-7).sqrt();
    x.iter()
        .map(|&v| (d * v).abs() + if v.abs() < zero_tol { ZERO_STEP } else { 0.0 })
        .collect()
}

/// Richardson's extrapolation of `a` (estimates at steps h, h/2, h/4, …, error O(h²) in
/// each): after round m, `a[k] = (4^m a[k+1] − a[k]) / (4^m − 1)`; `a[0]` is the answer.
fn extrapolate(a: &mut [f64]) -> f64 {
    let r = a.len();
    for m in 1..r {
        let w = 4f64.powi(m as i32);
        for k in 0..r - m {
            a[k] = (a[k + 1] * w - a[k]) / (w - 1.0);
        }
    }
    a[0]
}

/// `x` with `step` added to coordinate `i` (and `step_j` to coordinate `j`, when given).
fn moved(x: &[f64], i: usize, step: f64, other: Option<(usize, f64)>) -> Vec<f64> {
    let mut y = x.to_vec();
    y[i] += step;
    if let Some((j, s)) = other {
        y[j] += s;
    }
    y
}

/// The Jacobian of the vector function `f` at `x`: `columns[i][k] = ∂fₖ/∂xᵢ`, as numDeriv's
/// `jacobian(f, x)` (an entry whose previous estimate was below 1e-20 in magnitude stays 0,
/// as numDeriv sets it).
///
/// ```
/// use trialstats_numerics::derivatives::jacobian;
/// // f(x, y) = (x·y, sin x): ∂/∂x = (y, cos x), ∂/∂y = (x, 0).
/// let f = |v: &[f64]| Some(vec![v[0] * v[1], v[0].sin()]);
/// let j = jacobian(&f, &[0.5, 2.0]).unwrap();
/// assert!((j[0][0] - 2.0).abs() < 1e-10 && (j[0][1] - 0.5f64.cos()).abs() < 1e-10);
/// assert!((j[1][0] - 0.5).abs() < 1e-10 && j[1][1] == 0.0);
/// ```
pub fn jacobian(f: &dyn Fn(&[f64]) -> Option<Vec<f64>>, x: &[f64]) -> Option<Vec<Vec<f64>>> {
    let mut h = first_steps(x, JACOBIAN_STEP);
    // estimates[i][k][step]
    let mut estimates: Vec<Vec<Vec<f64>>> = Vec::with_capacity(x.len());
    for step in 0..HALVINGS {
        for (i, &hi) in h.iter().enumerate() {
            let up = f(&moved(x, i, hi, None))?;
            let down = f(&moved(x, i, -hi, None))?;
            if step == 0 {
                estimates.push(vec![Vec::with_capacity(HALVINGS); up.len()]);
            }
            for (k, (u, d)) in up.iter().zip(&down).enumerate() {
                let before = estimates[i][k].last().copied();
                let value = match before {
                    Some(b) if b.abs() < 1e-20 => 0.0,
                    _ => (u - d) / (2.0 * hi),
                };
                estimates[i][k].push(value);
            }
        }
        h.iter_mut().for_each(|v| *v /= 2.0);
    }
    Some(
        estimates
            .into_iter()
            .map(|column| {
                column
                    .into_iter()
                    .map(|mut a| extrapolate(&mut a))
                    .collect()
            })
            .collect(),
    )
}

/// The Hessian of the scalar function `f` at `x` (row-major, `n × n`), as numDeriv's
/// `hessian(f, x)` (its `genD`): the diagonal from second differences along each coordinate,
/// each off-diagonal entry from the second difference along the diagonal direction `eᵢ + eⱼ`
/// less the two diagonal terms, each extrapolated over four halvings of the steps.
///
/// ```
/// use trialstats_numerics::derivatives::hessian;
/// // f(x, y) = x²y + eʸ: ∂²/∂x² = 2y, ∂²/∂x∂y = 2x, ∂²/∂y² = eʸ.
/// let f = |v: &[f64]| Some(v[0] * v[0] * v[1] + v[1].exp());
/// let h = hessian(&f, &[1.5, 0.3]).unwrap();
/// assert!((h[0] - 0.6).abs() < 1e-8 && (h[1] - 3.0).abs() < 1e-8);
/// assert!((h[2] - 3.0).abs() < 1e-8 && (h[3] - 0.3f64.exp()).abs() < 1e-8);
/// ```
pub fn hessian(f: &dyn Fn(&[f64]) -> Option<f64>, x: &[f64]) -> Option<Vec<f64>> {
    let n = x.len();
    let f0 = f(x)?;
    let h0 = first_steps(x, HESSIAN_STEP);
    let mut out = vec![0.0; n * n];
    for i in 0..n {
        let mut a = Vec::with_capacity(HALVINGS);
        let mut h = h0[i];
        for _ in 0..HALVINGS {
            let up = f(&moved(x, i, h, None))?;
            let down = f(&moved(x, i, -h, None))?;
            a.push((up - 2.0 * f0 + down) / (h * h));
            h /= 2.0;
        }
        out[i * n + i] = extrapolate(&mut a);
    }
    for i in 0..n {
        for j in 0..i {
            let mut a = Vec::with_capacity(HALVINGS);
            let (mut hi, mut hj) = (h0[i], h0[j]);
            for _ in 0..HALVINGS {
                let up = f(&moved(x, i, hi, Some((j, hj))))?;
                let down = f(&moved(x, i, -hi, Some((j, -hj))))?;
                let diagonal = out[i * n + i] * hi * hi + out[j * n + j] * hj * hj;
                a.push((up - 2.0 * f0 + down - diagonal) / (2.0 * hi * hj));
                hi /= 2.0;
                hj /= 2.0;
            }
            let d = extrapolate(&mut a);
            out[i * n + j] = d;
            out[j * n + i] = d;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(x, y) = eˣ sin y + x³/y` at (0.7, 1.3) against its derivatives written out by hand
    /// (the reference here is calculus, not numDeriv; numDeriv's documentation promises about
    /// 1e-10 for such functions).
    #[test]
    fn extrapolated_differences_reach_the_exact_derivatives() {
        let f = |v: &[f64]| Some(v[0].exp() * v[1].sin() + v[0].powi(3) / v[1]);
        let (x, y) = (0.7f64, 1.3f64);
        let exact = [
            x.exp() * y.sin() + 6.0 * x / y,
            x.exp() * y.cos() - 3.0 * x * x / (y * y),
            x.exp() * y.cos() - 3.0 * x * x / (y * y),
            -x.exp() * y.sin() + 2.0 * x.powi(3) / y.powi(3),
        ];
        let h = hessian(&f, &[x, y]).unwrap();
        for (a, b) in h.iter().zip(exact) {
            assert!((a - b).abs() < 1e-8 * b.abs().max(1.0), "{a} vs {b}");
        }
        let g = |v: &[f64]| Some(vec![f(v).unwrap(), v[0] * v[1]]);
        let j = jacobian(&g, &[x, y]).unwrap();
        let dx = x.exp() * y.sin() + 3.0 * x * x / y;
        let dy = x.exp() * y.cos() - x.powi(3) / (y * y);
        assert!((j[0][0] - dx).abs() < 1e-9 && (j[1][0] - dy).abs() < 1e-9);
        assert!((j[0][1] - y).abs() < 1e-9 && (j[1][1] - x).abs() < 1e-9);
    }

    #[test]
    fn a_failed_evaluation_is_none() {
        let f = |v: &[f64]| (v[0] > 0.0).then(|| v[0].ln());
        assert!(hessian(&f, &[0.0]).is_none());
        assert!(hessian(&f, &[2.0]).is_some());
    }
}
