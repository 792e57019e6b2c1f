//! What a fit keeps of each row for the observed-against-fitted summary
//! ([`super::observed_fitted`]) and its fitted values' intervals ([`super::fitted_interval`]):
//! the response, the trials, η at random effects 0, the designs and the parameters'
//! covariance, in the data's row order; and each row's prediction on the response scale. Its
//! own file so that the summary and the intervals both read it, and neither the other's.

use super::family::Family;
use super::model::Model;
use super::ordinal::Thresholds;
use super::zero_inflation::ZeroInflation;

/// What a fit keeps of each row for [`super::observed_fitted::observed_vs_fitted`], in the data's row order (the rows
/// of the frame it was fitted to).
#[derive(Debug, Clone)]
pub struct FittedRows {
    pub(super) family: Family,
    /// The response (successes; an ordinal row's category, 0-based).
    pub(super) observed: Vec<f64>,
    /// The trials (1 except for successes out of trials).
    pub(super) trials: Vec<f64>,
    /// η at random effects 0: xβ + offset.
    pub(super) population_predictor: Vec<f64>,
    /// The logit of the probability of a structural zero (empty without zero inflation).
    pub(super) zero_logit: Vec<f64>,
    /// An ordinal response's categories, lowest first (empty for the other families).
    pub(super) categories: Vec<String>,
    /// The fixed-effect design, row-major `n × p`, in the data's row order.
    pub(super) design: Vec<f64>,
    /// The zero-inflation design, row-major `n × r` (empty without zero inflation).
    pub(super) zero_design: Vec<f64>,
    /// The covariance of (β, zero-inflation coefficients, thresholds), in that order, for
    /// the fitted values' intervals ([`super::fitted_interval`]); `None` when the fit has
    /// none (an optimum whose Hessian is not positive definite).
    pub(super) covariance: Option<Vec<f64>>,
}

impl FittedRows {
    /// The rows of `model` at the fixed effects `beta` and zero-inflation coefficients `gamma`
    /// (empty without zero inflation), put back in the data's order, with `covariance` (see
    /// [`FittedRows::covariance`]).
    pub(crate) fn new(
        model: &Model,
        beta: &[f64],
        gamma: &[f64],
        covariance: Option<Vec<f64>>,
    ) -> FittedRows {
        let problem = &model.problem;
        let n = problem.n();
        // Row k of `values` (`width` a row) goes to row order[k].
        let in_data_order = |values: &[f64], width: usize| {
            let mut out = vec![0.0; values.len()];
            for (k, &row) in model.order.iter().enumerate() {
                out[row * width..(row + 1) * width]
                    .copy_from_slice(&values[k * width..(k + 1) * width]);
            }
            out
        };
        let (zero_logit, zero_design) = match &problem.zero_inflation {
            ZeroInflation::Linear { design, r, .. } => (
                in_data_order(&problem.zero_inflation.predictor(gamma), 1),
                in_data_order(design, *r),
            ),
            ZeroInflation::None => (Vec::new(), Vec::new()),
        };
        let categories = match &problem.thresholds {
            Thresholds::Cumulative { levels, .. } => levels.clone(),
            Thresholds::None => Vec::new(),
        };
        debug_assert_eq!(model.order.len(), n);
        FittedRows {
            family: problem.family,
            observed: in_data_order(&problem.y, 1),
            trials: in_data_order(&problem.trials, 1),
            population_predictor: in_data_order(&problem.fixed_predictor(beta), 1),
            zero_logit,
            categories,
            design: in_data_order(&problem.x, problem.p),
            zero_design,
            covariance,
        }
    }

    /// Row `i`'s prediction at random effects 0 on the response scale (a probability for
    /// successes out of trials), for the families with one mean.
    pub(super) fn mean(&self, i: usize) -> f64 {
        let eta = self.population_predictor[i];
        let mu = match self.family {
            Family::Binomial | Family::Beta | Family::BetaBinomial => logistic(eta),
            _ => eta.exp(),
        };
        match self.zero_logit.get(i) {
            Some(&zeta) => (1.0 - logistic(zeta)) * mu,
            None => mu,
        }
    }
}

/// 1/(1 + e^−x) without overflow.
pub(super) fn logistic(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}
