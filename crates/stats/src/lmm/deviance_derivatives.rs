//! Satterthwaite's degrees of freedom from numerical derivatives of the deviance, as lmerTest
//! computes them for every model (Kuznetsova, Brockhoff & Christensen 2017, *J. Stat.
//! Softw.* 82(13), §3–4; lmerTest's `devfun_vp` and `get_covbeta`): for the designs whose
//! marginal covariance links more rows than [`super::marginal::MAX_BLOCK_ROWS`] (crossed
//! factors over 10⁵ rows, a site with thousands of patients), or whose exact sums
//! ([`super::marginal`]) would cost more than [`super::inference`] allows (sites of 2,000 rows
//! with 200 patients each, a crossed block of 1,500 rows).
//!
//! In lmerTest's parametrisation φ = (θ, σ) (θ the relative Cholesky factors of the fit, σ
//! the residual SD), at the fit:
//!
//! ```text
//! −2ℓ(θ, σ) = log|L_θ|² + n log(2πσ²) + r²(θ)/σ²                        (ML)
//!            = log|L_θ|² + log|R_X|² + (n − p) log(2πσ²) + r²(θ)/σ²      (REML)
//! Var(β̂)(θ, σ) = σ² (R_X R_Xᵀ)⁻¹
//! ```
//!
//! both from the sparse factorisation at θ that the fit itself uses (one grouping factor:
//! [`super::criterion`]; several: [`super::blocked`]), so the cost is a few dozen
//! factorisations and no matrix of order n. The Hessian of −2ℓ and the Jacobian of Var(β̂)
//! are numDeriv's ([`trialstats_numerics::derivatives`], the same steps lmerTest takes);
//! [`super::inference`] turns them into the `A` and `∂Φ/∂φ` of Satterthwaite's formula. The
//! factorisations at each θ are kept, since the Hessian visits each θ with several σ.
//!
//! A model with correlated residuals ([`super::residual`]) has the same form with
//! log|L_θ|² = Σᵢ log|Vᵢ| over its subjects' covariances relative to σ², and its θ extended
//! by the unconstrained φ of the correlation ρ: its df are taken here too ([`from_solver`]).

use super::blocked::BlockedSystem;
use super::criterion::{CrossProducts, ProfiledCriterion, Solution};
use super::fit::LmmFit;
use super::random::RandomEffects;
use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use nalgebra::{DMatrix, DVector};
use std::cell::RefCell;
use trialstats_numerics::dense::inverse_from_cholesky;
use trialstats_numerics::derivatives::{hessian, jacobian};

/// The pieces of the penalised least-squares solution at θ that −2ℓ(θ, σ) and Var(β̂) need.
#[derive(Debug, Clone)]
struct AtTheta {
    logdet_l: f64,
    logdet_rx: f64,
    pwrss: f64,
    /// `(R_X R_Xᵀ)⁻¹`, p·p row-major.
    unscaled_vcov: Vec<f64>,
}

impl AtTheta {
    fn of(solution: Solution, p: usize) -> Option<AtTheta> {
        let ok = solution.pwrss > 0.0 && solution.logdet_l.is_finite();
        ok.then(|| AtTheta {
            logdet_l: solution.logdet_l,
            logdet_rx: solution.logdet_rx,
            pwrss: solution.pwrss,
            unscaled_vcov: inverse_from_cholesky(&solution.rx, p),
        })
    }
}

/// −2ℓ and Var(β̂) as functions of φ = (θ, σ), with each θ's solution remembered.
struct VarianceParameters<'a> {
    solve: &'a dyn Fn(&[f64]) -> Option<Solution>,
    n: usize,
    p: usize,
    reml: bool,
    seen: RefCell<Vec<(Vec<f64>, Option<AtTheta>)>>,
}

impl VarianceParameters<'_> {
    fn at(&self, theta: &[f64]) -> Option<AtTheta> {
        if let Some((_, s)) = self.seen.borrow().iter().find(|(t, _)| t == theta) {
            return s.clone();
        }
        let s = (self.solve)(theta).and_then(|sol| AtTheta::of(sol, self.p));
        self.seen.borrow_mut().push((theta.to_vec(), s.clone()));
        s
    }

    /// −2ℓ(θ, σ) (`varpar = θ ++ [σ]`), lmerTest's `devfun_vp`.
    fn deviance(&self, varpar: &[f64]) -> Option<f64> {
        let (theta, sigma) = varpar.split_at(varpar.len() - 1);
        let s = self.at(theta)?;
        let sigma2 = sigma[0] * sigma[0];
        let two_pi_sigma2 = (2.0 * std::f64::consts::PI * sigma2).ln();
        let d = if self.reml {
            s.logdet_l + s.logdet_rx + (self.n - self.p) as f64 * two_pi_sigma2
        } else {
            s.logdet_l + self.n as f64 * two_pi_sigma2
        } + s.pwrss / sigma2;
        d.is_finite().then_some(d)
    }

    /// Var(β̂)(θ, σ), p·p row-major (lmerTest's `get_covbeta`).
    fn covariance(&self, varpar: &[f64]) -> Option<Vec<f64>> {
        let (theta, sigma) = varpar.split_at(varpar.len() - 1);
        let s = self.at(theta)?;
        Some(
            s.unscaled_vcov
                .iter()
                .map(|v| sigma[0] * sigma[0] * v)
                .collect(),
        )
    }
}

/// What Satterthwaite's df need, at the fit, in φ = (θ, σ).
pub(crate) struct DevianceDerivatives {
    /// β̂.
    pub beta: DVector<f64>,
    /// Φ = Var(β̂).
    pub phi: DMatrix<f64>,
    /// ∂Φ/∂φᵣ, one per variance parameter.
    pub jacobians: Vec<DMatrix<f64>>,
    /// The Hessian of −2ℓ in φ.
    pub hessian: DMatrix<f64>,
}

/// The derivatives for `fit` (the model with design `x`, response `y` and random effects
/// `factors`), taken numerically in (θ, σ) as lmerTest takes them.
pub(crate) fn deviance_derivatives(
    x: &ModelMatrix,
    y: &[f64],
    factors: &[RandomEffects],
    fit: &LmmFit,
) -> Result<DevianceDerivatives> {
    let reml = fit.method == "REML";
    let varpar: Vec<f64> = fit.theta.iter().copied().chain([fit.sigma]).collect();
    let beta = DVector::from_iterator(x.p, fit.fixed.iter().map(|f| f.estimate));
    if factors.len() == 1 {
        let data = CrossProducts::new(y, x, &factors[0])?;
        let criterion = ProfiledCriterion::new(&data, &factors[0], reml);
        from_solver(&|t| criterion.solve(t), fit.n_obs, x.p, reml, &varpar, beta)
    } else {
        let system = BlockedSystem::new(y, x, factors)?;
        from_solver(
            &|t| system.solve(t, reml),
            fit.n_obs,
            x.p,
            reml,
            &varpar,
            beta,
        )
    }
}

/// [`deviance_derivatives`] given the solution at any θ (`solve`) of a model with `n` rows
/// and `p` fixed effects, at the fit's `varpar` = θ ++ [σ] with β̂ = `beta`. Any model whose
/// −2ℓ and Var(β̂) have the form above (log|L_θ|² the log-determinant of the marginal
/// covariance relative to σ², R_X the factor of XᵀV⁻¹X) takes its df here: the correlated
/// residuals of [`super::residual`] too, with ρ's unconstrained φ among θ.
pub(crate) fn from_solver(
    solve: &dyn Fn(&[f64]) -> Option<Solution>,
    n: usize,
    p: usize,
    reml: bool,
    varpar: &[f64],
    beta: DVector<f64>,
) -> Result<DevianceDerivatives> {
    let parameters = VarianceParameters {
        solve,
        n,
        p,
        reml,
        seen: RefCell::new(Vec::new()),
    };
    let failed = || {
        Error::numerical(
            "the deviance could not be evaluated near the fit, so Satterthwaite's degrees of freedom are not available".into(),
        )
    };
    let hess = hessian(&|v| parameters.deviance(v), varpar).ok_or_else(failed)?;
    let columns = jacobian(&|v| parameters.covariance(v), varpar).ok_or_else(failed)?;
    let k = varpar.len();
    let phi = DMatrix::from_row_slice(p, p, &parameters.covariance(varpar).ok_or_else(failed)?);
    let jacobians: Vec<DMatrix<f64>> = columns
        .iter()
        .map(|c| DMatrix::from_row_slice(p, p, c))
        .collect();
    Ok(DevianceDerivatives {
        beta,
        phi,
        jacobians,
        hessian: DMatrix::from_row_slice(k, k, &hess),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lmm::Formula;
    use crate::lmm::design::fixed_matrix;
    use crate::lmm::fit::fit_csv_with_frame;
    use std::path::Path;

    /// The df of each fixed effect of `formula` on `file` by this module's path (which the
    /// command takes only for large designs), whatever the design's size.
    fn df_by_derivatives(file: &str, formula: &str, reml: bool) -> Vec<f64> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data")
            .join(file);
        let (fit, frame) = fit_csv_with_frame(&path, formula, reml).unwrap();
        let parsed = Formula::parse(formula).unwrap();
        let x = fixed_matrix(&parsed, &frame).unwrap();
        let factors = RandomEffects::build_all(&parsed, &frame).unwrap();
        let d = deviance_derivatives(&x, &fit.observed, &factors, &fit).unwrap();
        let inference = crate::lmm::inference::FixedInference::from_derivatives(d).unwrap();
        (0..x.p)
            .map(|j| {
                let mut l = vec![0.0; x.p];
                l[j] = 1.0;
                inference.contrast(&l).df
            })
            .collect()
    }

    // The issue's tolerance for df against lmerTest, 1e-4 (measured: within 8e-6 on these
    // models; the optimum θ itself differs from lme4's in the 7th digit).

    /// lmerTest 3.1.3 (which takes these derivatives numerically for every model), the values
    /// of tests/lmm_ddf.rs: `coef(summary(lmer(Reaction ~ Days + (Days | Subject), ss)))` with
    /// REML and with `REML = FALSE`.
    #[test]
    fn one_grouping_factor_as_lmertest() {
        let f = "Reaction ~ Days + (Days | Subject)";
        let reml = df_by_derivatives("sleepstudy.csv", f, true);
        approx::assert_abs_diff_eq!(
            reml.as_slice(),
            [17.000000939649702, 17.000002783050181].as_slice(),
            epsilon = 1e-4
        );
        let ml = df_by_derivatives("sleepstudy.csv", f, false);
        approx::assert_abs_diff_eq!(
            ml.as_slice(),
            [17.999997449787362, 18.000000467414910].as_slice(),
            epsilon = 1e-4
        );
    }

    /// lmerTest 3.1.3 on lme4's Penicillin (crossed) and Pastes (nested), and a site + patient
    /// model with slopes (tests/lmm_ddf.rs, `several_grouping_factors_crossed_nested_and_with_slopes`).
    #[test]
    fn several_grouping_factors_as_lmertest() {
        let crossed = df_by_derivatives(
            "penicillin.csv",
            "diameter ~ 1 + (1 | plate) + (1 | sample)",
            true,
        );
        approx::assert_abs_diff_eq!(
            crossed.as_slice(),
            [5.4870933975056539].as_slice(),
            epsilon = 1e-4
        );
        let nested = df_by_derivatives("pastes.csv", "strength ~ 1 + (1 | batch/cask)", true);
        approx::assert_abs_diff_eq!(
            nested.as_slice(),
            [9.0000003080135418].as_slice(),
            epsilon = 1e-4
        );
        let slopes = df_by_derivatives(
            "sites_slopes.csv",
            "alsfrs ~ month + (month | patient) + (1 | site)",
            true,
        );
        approx::assert_abs_diff_eq!(
            slopes.as_slice(),
            [9.0113529154130401, 61.0318396468069224].as_slice(),
            epsilon = 1e-4
        );
    }
}
