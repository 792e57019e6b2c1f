//! The Laplace approximation with several grouping factors, nested or crossed (lme4's
//! `glmer` with `(1 | a) + (1 | b)` or `(1 | a/b)`, `nAGQ = 1`).
//!
//! The random effects of different factors meet in the same observations, so the integral no
//! longer splits by group: the conditional modes solve one joint penalised problem
//! (Bates et al. 2015, J. Stat. Softw. 67(1), §5; Bates' lme4 book ch. 6), in the spherical
//! parameterisation b = Λθ u:
//!
//! ```text
//! h(u)   = −Σᵢ log f(yᵢ | ηᵢ) + ½‖u‖²,   η = Xβ + offset + ZΛθ u
//! −2 log L ≈ 2 h(û) + log det(I + ΛθᵀZᵀWZΛθ)   at û
//! ```
//!
//! Each Newton step for û is a penalised weighted least-squares problem (PIRLS): with the
//! score s and the information w at the current u, the next u minimises
//! `‖W^½(ỹ − ZΛθ u)‖² + ‖u‖²` with the working response `ỹ = ZΛθ u + s / w`. That is the
//! linear mixed model's system with rows scaled by √wᵢ and no fixed effects (β is held at
//! the outer optimiser's value, as in glmmTMB and lme4's second stage), so it is solved by
//! `lmm`'s blocked sparse Cholesky ([`crate::lmm::blocked::BlockedSystem`]), whose factor
//! also gives the log determinant. The steps are damped (halved until h does not rise) and
//! run until a full step is below 1e-8, after which the mode is exact to rounding
//! (quadratic convergence) and the log determinant is taken there, so the deviance is smooth
//! in the parameters for the outer finite differences.

use super::dispersion::RowDispersion;
use super::laplace::{Modes, Problem};
use crate::error::Result;
use crate::lmm::blocked::BlockedSystem;
use crate::lmm::random::{RandomEffects, t_blocks};
use crate::model_matrix::ModelMatrix;

/// The smallest information weight used for a PIRLS step (a fitted probability or rate that
/// underflows would otherwise divide by zero); the log determinant uses the same weights.
const MIN_WEIGHT: f64 = 1e-100;

/// The random effects of two or more grouping factors.
#[derive(Debug, Clone)]
pub struct SeveralFactors {
    /// The factors in lme4's order (most levels first), over the rows in the data's order.
    pub factors: Vec<RandomEffects>,
}

impl SeveralFactors {
    /// Check that `lmm`'s blocked system can hold the factors (its dense part is bounded).
    pub fn new(factors: Vec<RandomEffects>, n: usize) -> Result<SeveralFactors> {
        let y = vec![1.0; n];
        BlockedSystem::new(&y, &ModelMatrix::from_columns(n, Vec::new()), &factors)?;
        Ok(SeveralFactors { factors })
    }

    /// Length of θ (the factors' θ one after the other).
    pub fn n_theta(&self) -> usize {
        self.factors.iter().map(|f| f.n_theta()).sum()
    }

    /// Number of random effects (the length of u).
    pub fn n_random(&self) -> usize {
        self.factors.iter().map(|f| f.q() * f.levels.len()).sum()
    }

    /// The random effects b = Λθ u, one vector per factor (level-major, q per level).
    pub fn random_effects(&self, theta: &[f64], u: &[f64]) -> Vec<Vec<f64>> {
        let ts = t_blocks(&self.factors, theta);
        let mut start = 0;
        self.factors
            .iter()
            .zip(&ts)
            .map(|(f, t)| {
                let q = f.q();
                let len = q * f.levels.len();
                let uk = &u[start..start + len];
                start += len;
                let mut b = vec![0.0; len];
                for (level, out) in uk.chunks(q).zip(b.chunks_mut(q)) {
                    for a in 0..q {
                        out[a] = (0..=a).map(|j| t[a * q + j] * level[j]).sum();
                    }
                }
                b
            })
            .collect()
    }

    /// Z Λθ u, one value per row.
    pub fn predictor(&self, theta: &[f64], u: &[f64], n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n];
        for (f, b) in self.factors.iter().zip(self.random_effects(theta, u)) {
            let q = f.q();
            for (i, o) in out.iter_mut().enumerate() {
                let g = f.group_of_row[i] as usize;
                *o += (0..q).map(|a| f.z[i * q + a] * b[g * q + a]).sum::<f64>();
            }
        }
        out
    }

    /// h(u) (without the data's constant) at the fixed predictor `eta0`.
    fn h(
        &self,
        problem: &Problem,
        eta0: &[f64],
        theta: &[f64],
        phi: &RowDispersion,
        u: &[f64],
    ) -> f64 {
        let zb = self.predictor(theta, u, eta0.len());
        let kernel: f64 = (0..eta0.len())
            .map(|i| {
                problem
                    .family
                    .terms(problem.y[i], problem.trials[i], eta0[i] + zb[i], phi.at(i))
                    .kernel
            })
            .sum();
        -kernel + 0.5 * u.iter().map(|v| v * v).sum::<f64>()
    }

    /// The Laplace deviance 2h(û) + log det H(û) (without the data's constant) at the fixed
    /// predictor `eta0`; `u` holds the start and receives û. `None` when the inner problem
    /// fails (a non-finite h or a factorisation that is not positive definite).
    pub fn laplace(
        &self,
        problem: &Problem,
        eta0: &[f64],
        theta: &[f64],
        phi: &RowDispersion,
        u: &mut Vec<f64>,
    ) -> Option<f64> {
        let n = eta0.len();
        if u.len() != self.n_random() {
            *u = vec![0.0; self.n_random()];
        }
        let no_fixed = ModelMatrix::from_columns(n, Vec::new());
        let mut weighted = self.factors.clone();
        let mut working = vec![0.0; n];
        let mut converged = false;
        for _ in 0..200 {
            // The weighted system at the current u.
            let zb = self.predictor(theta, u, n);
            let mut kernel = 0.0;
            for i in 0..n {
                let term = problem.family.terms(
                    problem.y[i],
                    problem.trials[i],
                    eta0[i] + zb[i],
                    phi.at(i),
                );
                kernel += term.kernel;
                let root = term.weight.max(MIN_WEIGHT).sqrt();
                working[i] = root * zb[i] + term.score / root;
                for (w, f) in weighted.iter_mut().zip(&self.factors) {
                    let q = f.q();
                    for a in 0..q {
                        w.z[i * q + a] = root * f.z[i * q + a];
                    }
                }
            }
            let h = -kernel + 0.5 * u.iter().map(|v| v * v).sum::<f64>();
            if !h.is_finite() {
                return None;
            }
            let system = BlockedSystem::new(&working, &no_fixed, &weighted).ok()?;
            let (next, log_det) = system.spherical_modes(theta, &[])?;
            if converged {
                return Some(2.0 * h + log_det);
            }
            let next: Vec<f64> = next.concat();
            let step: Vec<f64> = next.iter().zip(u.iter()).map(|(a, b)| a - b).collect();
            let size = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
            let mut alpha = 1.0;
            let mut accepted = false;
            for _ in 0..40 {
                let trial: Vec<f64> = u.iter().zip(&step).map(|(a, s)| a + alpha * s).collect();
                let ht = self.h(problem, eta0, theta, phi, &trial);
                if ht.is_finite() && ht <= h + 1e-13 * h.abs().max(1.0) {
                    *u = trial;
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if !accepted {
                // No step lowers h: u is the mode to rounding, and the system was built there.
                return Some(2.0 * h + log_det);
            }
            // After a full step below 1e-8 the mode is exact to rounding: one more pass builds
            // the system (and the log determinant) there.
            converged = alpha == 1.0 && size < 1e-8;
        }
        None
    }

    /// −2 × the Laplace log-likelihood at `beta`, `theta` (the factors' θ in order) and the
    /// dispersion parameters `dispersion` (as [`Problem::deviance`] takes them); `modes` holds
    /// the start and receives û. Not finite when the inner problem fails.
    pub fn deviance(
        &self,
        problem: &Problem,
        beta: &[f64],
        theta: &[f64],
        dispersion: &[f64],
        modes: &mut Modes,
    ) -> f64 {
        let eta0 = problem.fixed_predictor(beta);
        let phi = problem.row_dispersion(dispersion);
        let constant = problem.constant + problem.dispersion_constant(&phi);
        match self.laplace(problem, &eta0, theta, &phi, &mut modes.u) {
            Some(d) => d - 2.0 * constant,
            None => f64::NAN,
        }
    }
}
