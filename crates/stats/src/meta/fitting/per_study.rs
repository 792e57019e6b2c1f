//! What a fitted model says about each study, as metafor's `fitted`, `blup`, `ranef`,
//! `rstandard` and `hatvalues` for `rma.uni` (Raudenbush 2009, *Handbook of Research
//! Synthesis*, ch. 16, eq. 16.37; Viechtbauer & Cheung 2010). With `λᵢ = τ²/(τ² + vᵢ)`:
//!
//! * the fitted value `xᵢ'β̂`;
//! * the BLUP of the study's true effect `λᵢ yᵢ + (1 − λᵢ) xᵢ'β̂`, variance
//!   `λᵢ vᵢ + (1 − λᵢ)² xᵢ'V xᵢ` (V the coefficients' covariance);
//! * the BLUP of its random effect `λᵢ (yᵢ − xᵢ'β̂)`, variance `λᵢ vᵢ + λᵢ² xᵢ'V xᵢ` (0 for a
//!   fixed-effect model);
//! * the marginal residual `yᵢ − xᵢ'β̂` with variance `(vᵢ + τ²)(1 − hᵢ)` (the diagonal of
//!   `(I − H) M (I − H)'`, `M = diag(vᵢ + τ²)`, `H = X(X'WX)⁻¹X'W`: `(HM)ᵢᵢ = (HMH')ᵢᵢ =
//!   xᵢ'(X'WX)⁻¹xᵢ`), and the standardised residual, its ratio to its SE;
//! * the hat value `hᵢ`.
//!
//! Intervals are `± crit · SE` with the model's critical value (z, or t on k − p df under
//! Knapp–Hartung, as metafor). O(k·p²) time: no k×k matrix (the full hat matrix, k×k, is
//! [`hat_matrix`], on request).

use super::gls::quadratic_form;
use super::model::FittedModel;
use super::moderators::ModelMatrix;
use crate::error::{Error, Result};
use serde::Serialize;

/// A predicted value with its SE and interval (metafor's `pred`, `se`, `pi.lb`, `pi.ub`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Predicted {
    pub pred: f64,
    pub se: f64,
    pub pi_lower: f64,
    pub pi_upper: f64,
}

impl Predicted {
    /// `pred` with variance `variance` and interval `± crit · SE`.
    pub fn new(pred: f64, variance: f64, crit: f64) -> Self {
        let se = variance.max(0.0).sqrt();
        Predicted {
            pred,
            se,
            pi_lower: pred - crit * se,
            pi_upper: pred + crit * se,
        }
    }
}

/// One study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyPrediction {
    pub label: String,
    /// `xᵢ'β̂` (metafor's `fitted`).
    pub fitted: f64,
    /// The BLUP of the true effect (metafor's `blup`).
    pub blup: Predicted,
    /// The BLUP of the random effect (metafor's `ranef`).
    pub random_effect: Predicted,
    /// `yᵢ − xᵢ'β̂` (metafor's `rstandard(...)$resid`).
    pub residual: f64,
    /// Its SE (`rstandard(...)$se`).
    pub residual_se: f64,
    /// The standardised residual (`rstandard(...)$z`).
    pub rstandard: f64,
    /// The hat value (`hatvalues`).
    pub hat: f64,
}

/// The per-study table of `model`, fitted on `design` to `y`, `v` (labels `labels`).
pub fn per_study(
    design: &ModelMatrix,
    labels: &[String],
    y: &[f64],
    v: &[f64],
    model: &FittedModel,
    random: bool,
) -> Vec<StudyPrediction> {
    let tau2 = if random { model.tau2.tau2 } else { 0.0 };
    let crit = model.crit;
    let hat = model.fit.hat_values(design);
    (0..design.n)
        .map(|i| {
            let x = design.row(i);
            let fitted: f64 = x
                .iter()
                .zip(model.fit.beta.iter())
                .map(|(a, b)| a * b)
                .sum();
            let var_fitted = quadratic_form(&model.vb, x);
            let lambda = tau2 / (tau2 + v[i]);
            let mut residual = y[i] - fitted;
            // As metafor's rstandard: a residual within rounding of 0 is 0.
            if residual.abs() < 100.0 * f64::EPSILON {
                residual = 0.0;
            }
            let residual_se = ((v[i] + tau2) * (1.0 - hat[i])).max(0.0).sqrt();
            StudyPrediction {
                label: labels[i].clone(),
                fitted,
                blup: Predicted::new(
                    lambda * y[i] + (1.0 - lambda) * fitted,
                    lambda * v[i] + (1.0 - lambda).powi(2) * var_fitted,
                    crit,
                ),
                random_effect: if random {
                    Predicted::new(
                        lambda * (y[i] - fitted),
                        lambda * v[i] + lambda * lambda * var_fitted,
                        crit,
                    )
                } else {
                    Predicted::new(0.0, 0.0, crit)
                },
                residual,
                residual_se,
                rstandard: residual / residual_se,
                hat: hat[i],
            }
        })
        .collect()
}

/// The most studies the full k×k hat matrix is formed for (k² numbers: 25 million here).
pub const MAX_HAT_MATRIX: usize = 5_000;

/// The hat matrix `H = X (X'WX)⁻¹ X'W` (metafor's `hatvalues(res, type = "matrix")`), row by
/// row: `Hᵢⱼ = xᵢ'(X'WX)⁻¹xⱼ wⱼ`.
pub fn hat_matrix(design: &ModelMatrix, model: &FittedModel) -> Result<Vec<Vec<f64>>> {
    let k = design.n;
    if k > MAX_HAT_MATRIX {
        return Err(Error::field(
            "hat_matrix",
            format!(
                "{k} studies: the hat matrix has k² entries; it is formed for up to {MAX_HAT_MATRIX} studies"
            ),
        ));
    }
    let a_inv = &model.fit.a_inv;
    let p = design.p;
    let projected: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            let x = design.row(i);
            (0..p)
                .map(|a| (0..p).map(|b| a_inv[(a, b)] * x[b]).sum())
                .collect()
        })
        .collect();
    Ok((0..k)
        .map(|i| {
            (0..k)
                .map(|j| {
                    let xj = design.row(j);
                    projected[i].iter().zip(xj).map(|(a, b)| a * b).sum::<f64>()
                        * model.fit.weights[j]
                })
                .collect()
        })
        .collect())
}
