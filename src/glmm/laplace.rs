//! The Laplace approximation of a GLMM's log-likelihood (lme4's `glmer`, `nAGQ = 1`), with
//! the conditional modes found by penalised Newton steps (PIRLS), and its adaptive
//! Gauss-Hermite refinement for one scalar random effect.
//!
//! With one grouping factor the random effects of different groups are independent given
//! the parameters, so the q-dimensional integral of each group is approximated on its own
//! (Bates et al. 2015, J. Stat. Softw. 67(1), and Bates' lme4 book ch. 6, in the spherical
//! parameterisation b = Λ u, u ~ N(0, I)). For group g with rows i:
//!
//! ```text
//! h(u)   = −Σᵢ log f(yᵢ | ηᵢ) + ½‖u‖²,   ηᵢ = xᵢβ + offsetᵢ + zᵢ·(T u)
//! −2 log Lᵍ ≈ 2 h(û) + log det H(û),    H = I + Tᵀ (Σᵢ wᵢ zᵢ zᵢᵀ) T
//! ```
//!
//! which is lme4's `aic + ‖u‖² + log det(L)²` summed over groups; `w` is the observed
//! information of [`super::family::Family::terms`]. The per-group Newton iteration converges
//! quadratically to machine precision (the objective must be smooth in the parameters for the
//! outer finite differences), starting from the previous evaluation's modes. Groups are
//! solved in parallel for large data; their terms are summed in group order, so a result is
//! the same on any number of cores.

use super::family::Family;
use super::quadrature::Rule;
use rayon::prelude::*;

/// The most random effects per group (small dense blocks on the stack).
pub const MAX_Q: usize = 8;

/// Rows per group (ordered by group), with the random-effect columns.
#[derive(Debug, Clone)]
pub struct Grouping {
    /// Random effects per group.
    pub q: usize,
    /// Group g's rows are `starts[g]..starts[g + 1]` of the reordered data.
    pub starts: Vec<usize>,
    /// Row-major `n × q` random-effect columns of the reordered rows.
    pub z: Vec<f64>,
}

impl Grouping {
    /// Number of groups.
    pub fn n_groups(&self) -> usize {
        self.starts.len() - 1
    }
}

/// A model's data in the order of its groups, ready for evaluation.
#[derive(Debug, Clone)]
pub struct Problem {
    pub family: Family,
    /// Responses (successes for binomial).
    pub y: Vec<f64>,
    /// Trials (binomial), 1 otherwise.
    pub trials: Vec<f64>,
    /// Offsets (0 without an offset term).
    pub offset: Vec<f64>,
    /// Row-major `n × p` fixed-effect design.
    pub x: Vec<f64>,
    pub p: usize,
    /// Σ of the η-free parts of the log densities.
    pub constant: f64,
    /// `None`: a GLM without random effects.
    pub grouping: Option<Grouping>,
    /// Quadrature rule (`None`: Laplace).
    pub rule: Option<Rule>,
}

/// The random-effect state at the parameters of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Modes {
    /// Spherical conditional modes û, `n_groups × q`.
    pub u: Vec<f64>,
}

/// The per-group solution.
struct GroupSolution {
    /// h(û) − constant part (the kernel form).
    h: f64,
    /// log det H(û), or the quadrature correction for K > 1.
    log_det: f64,
}

struct Pass {
    h: f64,
    grad: [f64; MAX_Q],
    hess: [f64; MAX_Q * MAX_Q],
}

impl Problem {
    /// Number of rows.
    pub fn n(&self) -> usize {
        self.y.len()
    }

    /// The linear predictor without random effects, Xβ + offset.
    pub fn fixed_predictor(&self, beta: &[f64]) -> Vec<f64> {
        let p = self.p;
        let mut eta = self.offset.clone();
        for (i, e) in eta.iter_mut().enumerate() {
            let row = &self.x[i * p..(i + 1) * p];
            *e += row.iter().zip(beta).map(|(a, b)| a * b).sum::<f64>();
        }
        eta
    }

    /// Sum over rows of the θ-dependent constant (negative binomial only).
    fn dispersion_constant(&self, theta: f64) -> f64 {
        if !self.family.has_dispersion() {
            return 0.0;
        }
        self.y
            .iter()
            .map(|&y| self.family.dispersion_constant(y, theta))
            .sum()
    }

    /// −2 × the (approximate) log-likelihood at fixed effects `beta`, relative covariance
    /// factor `t` (row-major q × q, lower triangular) and dispersion `theta`; `modes` holds the
    /// starting modes and receives the new ones. Not finite when the inner problem fails.
    pub fn deviance(&self, beta: &[f64], t: &[f64], theta: f64, modes: &mut Modes) -> f64 {
        let eta0 = self.fixed_predictor(beta);
        let constant = self.constant + self.dispersion_constant(theta);
        let Some(grouping) = &self.grouping else {
            let mut total = 0.0;
            for (i, &e) in eta0.iter().enumerate() {
                total += self
                    .family
                    .terms(self.y[i], self.trials[i], e, theta)
                    .kernel;
            }
            return -2.0 * (total + constant);
        };
        let q = grouping.q;
        let g = grouping.n_groups();
        if modes.u.len() != g * q {
            modes.u = vec![0.0; g * q];
        }
        let solve = |(k, u): (usize, &mut [f64])| -> Option<GroupSolution> {
            let rows = grouping.starts[k]..grouping.starts[k + 1];
            self.solve_group(rows, &eta0, t, theta, u, q)
        };
        let solutions: Vec<Option<GroupSolution>> = if self.n() >= 20_000 {
            modes.u.par_chunks_mut(q).enumerate().map(solve).collect()
        } else {
            modes.u.chunks_mut(q).enumerate().map(solve).collect()
        };
        let mut total = -2.0 * constant;
        for s in solutions {
            match s {
                Some(s) => total += 2.0 * s.h + s.log_det,
                None => return f64::NAN,
            }
        }
        total
    }

    /// h, its gradient and Hessian in u for one group's rows at `u`.
    fn pass(
        &self,
        rows: std::ops::Range<usize>,
        eta0: &[f64],
        t: &[f64],
        theta: f64,
        u: &[f64],
        q: usize,
    ) -> Pass {
        let z = &self.grouping.as_ref().expect("grouped").z;
        let mut b = [0.0; MAX_Q];
        for r in 0..q {
            b[r] = (0..=r).map(|c| t[r * q + c] * u[c]).sum();
        }
        let mut kernel = 0.0;
        let mut gz = [0.0; MAX_Q];
        let mut wzz = [0.0; MAX_Q * MAX_Q];
        for i in rows {
            let zi = &z[i * q..(i + 1) * q];
            let eta = eta0[i] + zi.iter().zip(&b[..q]).map(|(a, c)| a * c).sum::<f64>();
            let term = self.family.terms(self.y[i], self.trials[i], eta, theta);
            kernel += term.kernel;
            for r in 0..q {
                gz[r] += zi[r] * term.score;
                for c in 0..=r {
                    wzz[r * q + c] += term.weight * zi[r] * zi[c];
                }
            }
        }
        for r in 0..q {
            for c in 0..r {
                wzz[c * q + r] = wzz[r * q + c];
            }
        }
        let mut out = Pass {
            h: -kernel + 0.5 * u.iter().map(|v| v * v).sum::<f64>(),
            grad: [0.0; MAX_Q],
            hess: [0.0; MAX_Q * MAX_Q],
        };
        // grad = u − Tᵀ gz; H = I + Tᵀ W T.
        for c in 0..q {
            out.grad[c] = u[c] - (c..q).map(|r| t[r * q + c] * gz[r]).sum::<f64>();
        }
        // M = W T (q × q), then Tᵀ M.
        let mut m = [0.0; MAX_Q * MAX_Q];
        for r in 0..q {
            for c in 0..q {
                m[r * q + c] = (c..q).map(|k| wzz[r * q + k] * t[k * q + c]).sum();
            }
        }
        for r in 0..q {
            for c in 0..q {
                let v: f64 = (r..q).map(|k| t[k * q + r] * m[k * q + c]).sum();
                out.hess[r * q + c] = v + if r == c { 1.0 } else { 0.0 };
            }
        }
        out
    }

    /// Newton iteration for one group's mode; the Laplace (or quadrature) term at it.
    fn solve_group(
        &self,
        rows: std::ops::Range<usize>,
        eta0: &[f64],
        t: &[f64],
        theta: f64,
        u: &mut [f64],
        q: usize,
    ) -> Option<GroupSolution> {
        let mut current = self.pass(rows.clone(), eta0, t, theta, u, q);
        let mut trial = [0.0; MAX_Q];
        for _ in 0..200 {
            if !current.h.is_finite() {
                return None;
            }
            let mut l = current.hess;
            let mut step = current.grad;
            cholesky_solve(&mut l, &mut step[..q], q)?;
            let size = step[..q].iter().fold(0.0f64, |m, s| m.max(s.abs()));
            let mut alpha = 1.0;
            let mut accepted = false;
            for _ in 0..40 {
                for k in 0..q {
                    trial[k] = u[k] - alpha * step[k];
                }
                let next = self.pass(rows.clone(), eta0, t, theta, &trial[..q], q);
                if next.h.is_finite() && next.h <= current.h + 1e-13 * current.h.abs().max(1.0) {
                    u.copy_from_slice(&trial[..q]);
                    current = next;
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            // Quadratic convergence: after a full step smaller than 1e-8 the mode is exact to
            // rounding, and `current` was evaluated there.
            if !accepted || (alpha == 1.0 && size < 1e-8) {
                break;
            }
        }
        let mut l = current.hess;
        let log_det = cholesky_log_det(&mut l, q)?;
        let Some(rule) = &self.rule else {
            return Some(GroupSolution {
                h: current.h,
                log_det,
            });
        };
        // Adaptive Gauss-Hermite (q = 1): s = H^(-1/2).
        let s = (-0.5 * log_det).exp();
        let mut sum = 0.0;
        for (z, w) in rule.nodes.iter().zip(&rule.weights) {
            let at = [u[0] + s * z];
            let hk = self.pass(rows.clone(), eta0, t, theta, &at, 1).h;
            sum += w * (0.5 * z * z - (hk - current.h)).exp();
        }
        if !(sum > 0.0 && sum.is_finite()) {
            return None;
        }
        Some(GroupSolution {
            h: current.h,
            log_det: log_det - 2.0 * sum.ln(),
        })
    }
}

/// Solve `a x = b` for symmetric positive-definite `a` (q × q, overwritten by its Cholesky
/// factor); `None` if `a` is not positive definite.
fn cholesky_solve(a: &mut [f64], b: &mut [f64], q: usize) -> Option<()> {
    crate::lmm::dense::cholesky(&mut a[..q * q], q)?;
    crate::lmm::dense::forward_solve(&a[..q * q], q, b);
    crate::lmm::dense::backward_solve_transpose(&a[..q * q], q, b);
    Some(())
}

/// log det of symmetric positive-definite `a` (overwritten by its Cholesky factor).
fn cholesky_log_det(a: &mut [f64], q: usize) -> Option<f64> {
    crate::lmm::dense::cholesky(&mut a[..q * q], q)?;
    Some((0..q).map(|k| 2.0 * a[k * q + k].ln()).sum())
}
