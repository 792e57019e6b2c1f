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
//! Each Newton step for û solves `H δ = ΛθᵀZᵀs − u` with the score s and the Hessian
//! `H = I + ΛθᵀZᵀWZΛθ`, W the rows' observed information (β is held at the outer optimiser's
//! value, as in glmmTMB and lme4's second stage). That is the linear mixed model's system
//! with each row's cross-products weighted by wᵢ and no fixed effects, so it is solved by
//! `lmm`'s blocked sparse Cholesky ([`BlockedSystem::with_row_weights`],
//! [`BlockedSystem::solve_spherical`]), whose factor also gives the log determinant. A weight
//! multiplies the cross-products rather than scaling the row by its root, so it may be
//! negative: the beta's and the beta-binomial's information is negative for a row far from its
//! mean ([`super::family`]), and the ordinal model's rows are held the same way
//! (`Problem::terms_at`). Where the observed H is not positive definite (far from the mode),
//! the step takes the information without its term in the residual, w + (1 − 2μ)s = φ²v²T
//! (`positive_weight`; the beta's expected information), which always is: a Fisher-scoring
//! step. The steps are damped (halved until h does not rise) and run until a full Newton
//! step (observed information) is below 1e-8, after which the mode is exact to rounding
//! (quadratic convergence) and the log determinant is taken there, of the observed Hessian, as
//! TMB's Laplace approximation takes it (the exact Hessian of the joint negative
//! log-likelihood at the mode; Kristensen et al. 2016, J. Stat. Softw. 70(5)), so the deviance
//! is glmmTMB's and smooth in the parameters for the outer finite differences. An observed
//! Hessian that is not positive definite at the mode leaves the deviance undefined there, as in
//! TMB.

use super::family::{Family, Terms};
use super::laplace::{Modes, Problem, RowParameters};
use crate::error::Result;
use crate::lmm::blocked::BlockedSystem;
use crate::lmm::random::{RandomEffects, t_blocks};
use crate::model_matrix::ModelMatrix;

/// The smallest weight of a step taken with the positive surrogate of the information
/// ([`positive_weight`]).
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
        at: &RowParameters,
        u: &[f64],
    ) -> f64 {
        let zb = self.predictor(theta, u, eta0.len());
        let kernel: f64 = (0..eta0.len())
            .map(|i| problem.terms_at(i, eta0[i] + zb[i], at).kernel)
            .sum();
        -kernel + 0.5 * u.iter().map(|v| v * v).sum::<f64>()
    }

    /// Λθᵀ Zᵀ `s` (`s` one value per row), over the factors one after the other.
    fn transpose_times(&self, theta: &[f64], s: &[f64]) -> Vec<f64> {
        let ts = t_blocks(&self.factors, theta);
        let mut out = Vec::with_capacity(self.n_random());
        for (f, t) in self.factors.iter().zip(&ts) {
            let q = f.q();
            let mut zs = vec![0.0; q * f.levels.len()];
            for (i, &si) in s.iter().enumerate() {
                let g = f.group_of_row[i] as usize;
                for a in 0..q {
                    zs[g * q + a] += f.z[i * q + a] * si;
                }
            }
            for level in zs.chunks(q) {
                out.extend((0..q).map(|j| (j..q).map(|a| t[a * q + j] * level[a]).sum::<f64>()));
            }
        }
        out
    }

    /// The Laplace deviance 2h(û) + log det H(û) (without the data's constant) at the fixed
    /// predictor `eta0` and the rows' parameters `at`; `u` holds the start and receives û.
    /// `None` when the inner problem fails (a non-finite h, or an observed information that
    /// is not positive definite at the mode).
    pub(crate) fn laplace(
        &self,
        problem: &Problem,
        eta0: &[f64],
        theta: &[f64],
        at: &RowParameters,
        u: &mut Vec<f64>,
    ) -> Option<f64> {
        let n = eta0.len();
        if u.len() != self.n_random() {
            *u = vec![0.0; self.n_random()];
        }
        let mut score = vec![0.0; n];
        let mut observed = vec![0.0; n];
        let mut positive = vec![0.0; n];
        let mut converged = false;
        for _ in 0..200 {
            // The score, the observed information and its positive surrogate at the current u.
            let zb = self.predictor(theta, u, n);
            let mut kernel = 0.0;
            for i in 0..n {
                let eta = eta0[i] + zb[i];
                let term = problem.terms_at(i, eta, at);
                kernel += term.kernel;
                score[i] = term.score;
                observed[i] = term.weight;
                positive[i] = positive_weight(problem.family, eta, &term);
            }
            let h = -kernel + 0.5 * u.iter().map(|v| v * v).sum::<f64>();
            if !h.is_finite() {
                return None;
            }
            // The gradient of −h: Λᵀ Zᵀ s − u.
            let mut gradient = self.transpose_times(theta, &score);
            gradient.iter_mut().zip(u.iter()).for_each(|(g, v)| *g -= v);
            let newton = BlockedSystem::with_row_weights(&self.factors, &observed)
                .ok()?
                .solve_spherical(theta, &gradient);
            if converged {
                // The mode to rounding: the log determinant of the observed Hessian there.
                let (_, log_det) = newton?;
                return Some(2.0 * h + log_det);
            }
            let (step, log_det, exact) = match newton {
                Some((step, log_det)) => (step, Some(log_det), true),
                None => {
                    let (step, _) = BlockedSystem::with_row_weights(&self.factors, &positive)
                        .ok()?
                        .solve_spherical(theta, &gradient)?;
                    (step, None, false)
                }
            };
            let size = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
            let mut alpha = 1.0;
            let mut accepted = false;
            for _ in 0..40 {
                let trial: Vec<f64> = u.iter().zip(&step).map(|(a, s)| a + alpha * s).collect();
                let ht = self.h(problem, eta0, theta, at, &trial);
                if ht.is_finite() && ht <= h + 1e-13 * h.abs().max(1.0) {
                    *u = trial;
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if !accepted {
                // No step lowers h: u is the mode to rounding, and the system was built there.
                return log_det.map(|d| 2.0 * h + d);
            }
            // After a full Newton step below 1e-8 the mode is exact to rounding: one more pass
            // builds the system (and the log determinant) there.
            converged = exact && alpha == 1.0 && size < 1e-8;
        }
        None
    }

    /// −2 × the Laplace log-likelihood at `beta`, `theta` (the factors' θ in order) and
    /// `extra` (the dispersion parameters, then the zero-inflation coefficients and an ordinal
    /// model's thresholds, as [`Problem::deviance`] takes them); `modes` holds the start and
    /// receives û. Not finite when the inner problem fails.
    pub fn deviance(
        &self,
        problem: &Problem,
        beta: &[f64],
        theta: &[f64],
        extra: &[f64],
        modes: &mut Modes,
    ) -> f64 {
        let eta0 = problem.fixed_predictor(beta);
        let at = problem.row_parameters(extra);
        let constant = problem.constant + problem.dispersion_constant(&at.phi);
        match self.laplace(problem, &eta0, theta, &at, &mut modes.u) {
            Some(d) => d - 2.0 * constant,
            None => f64::NAN,
        }
    }
}

/// A positive weight for a Newton step where the observed information is not positive
/// definite: the beta's and the beta-binomial's information without its term in the residual,
/// w + (1 − 2μ)s = φ²v²T ([`super::family`]; the beta's expected information), and the
/// observed information of the other families (at least [`MIN_WEIGHT`]).
fn positive_weight(family: Family, eta: f64, term: &Terms) -> f64 {
    let w = if family.information_can_be_negative() {
        term.weight - (0.5 * eta).tanh() * term.score
    } else {
        term.weight
    };
    w.max(MIN_WEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scalar random intercept of `levels` levels over the rows' `groups`.
    fn factor(name: &str, levels: usize, groups: &[u32]) -> RandomEffects {
        RandomEffects {
            group: name.to_string(),
            levels: (0..levels).map(|l| l.to_string()).collect(),
            group_of_row: groups.to_vec(),
            names: vec!["(Intercept)".to_string()],
            z: vec![1.0; groups.len()],
            blocks: vec![(0, 1)],
        }
    }

    #[test]
    fn a_system_with_negative_row_weights_solves_and_has_the_dense_log_determinant() {
        // Two crossed factors (5 and 3 levels) over 15 rows, some weights negative, the matrix
        // I + ΛᵀZᵀWZΛ still positive definite.
        let n = 15;
        let a: Vec<u32> = (0..n).map(|i| (i % 5) as u32).collect();
        let b: Vec<u32> = (0..n).map(|i| (i / 5) as u32).collect();
        let factors = vec![factor("a", 5, &a), factor("b", 3, &b)];
        let weights: Vec<f64> = (0..n)
            .map(|i| {
                if i % 4 == 1 {
                    -0.15
                } else {
                    0.3 + 0.1 * i as f64
                }
            })
            .collect();
        let theta = [0.8, 1.3];
        // Dense: H = I + Λ Zᵀ W Z Λ over the 8 spherical effects (Λ diagonal here).
        let q = 8;
        let mut hm = vec![0.0; q * q];
        for i in 0..n {
            let cols = [a[i] as usize, 5 + b[i] as usize];
            let scale = [theta[0], theta[1]];
            for (x, sx) in cols.iter().zip(scale) {
                for (y, sy) in cols.iter().zip(scale) {
                    hm[x * q + y] += weights[i] * sx * sy;
                }
            }
        }
        for j in 0..q {
            hm[j * q + j] += 1.0;
        }
        let rhs: Vec<f64> = (0..q).map(|j| (j as f64 * 0.7).sin()).collect();
        let system = BlockedSystem::with_row_weights(&factors, &weights).unwrap();
        let (x, log_det) = system.solve_spherical(&theta, &rhs).unwrap();
        for r in 0..q {
            let back: f64 = (0..q).map(|c| hm[r * q + c] * x[c]).sum();
            assert!(
                (back - rhs[r]).abs() < 1e-12,
                "row {r}: {back} vs {}",
                rhs[r]
            );
        }
        let mut l = hm.clone();
        crate::dense::cholesky(&mut l, q).unwrap();
        let want: f64 = (0..q).map(|j| 2.0 * l[j * q + j].ln()).sum();
        assert!((log_det - want).abs() < 1e-12, "{log_det} vs {want}");
        // Weights that make it indefinite are reported as such.
        let bad: Vec<f64> = weights.iter().map(|w| w - 2.0).collect();
        let system = BlockedSystem::with_row_weights(&factors, &bad).unwrap();
        assert!(system.solve_spherical(&theta, &rhs).is_none());
    }
}
