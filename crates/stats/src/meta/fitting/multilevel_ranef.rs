//! The random effects of a fitted three-level model, as metafor's `ranef(res)` for
//! `rma.mv(yi, vi, random = ~ 1 | cluster/id)`: for each cluster `ûc = σ₁² 1'M_c⁻¹ r_c`, for
//! each effect `ŵᵢ = σ₂² (M_c⁻¹ r_c)ᵢ` (r = y − Xβ̂, M_c the cluster's marginal covariance), with
//! the prediction-error variance metafor uses, `D − D Z'P Z D` (`P = W − WX(X'WX)⁻¹X'W`,
//! `W = M⁻¹`), whose diagonal needs only each cluster's block:
//!
//! * cluster: `σ₁² − σ₁⁴ (1'M_c⁻¹1 − b_c'A⁻¹b_c)`, `1'M_c⁻¹1 = S_c/(1 + σ₁²S_c)`,
//!   `b_c = X_c'M_c⁻¹1 = Σᵢ xᵢ/dᵢ / (1 + σ₁²S_c)`;
//! * effect: `σ₂² − σ₂⁴ (W_ii − e_i'A⁻¹e_i)`, `W_ii = 1/dᵢ − g_c/dᵢ²`,
//!   `e_i = X'M⁻¹eᵢ = (xᵢ − g_c t_c)/dᵢ`, `t_c = Σⱼ xⱼ/dⱼ`,
//!
//! with `dᵢ = vᵢ + σ₂²`, `S_c = Σ 1/dᵢ`, `g_c = σ₁²/(1 + σ₁²S_c)` and `A = X'M⁻¹X`. Intervals
//! `± crit · SE` with the model's z or t critical value. O(k·p²).

use super::gls::{invert_spd, quadratic_form};
use super::moderators::ModelMatrix;
use super::per_study::Predicted;
use crate::error::Result;
use nalgebra::DMatrix;
use serde::Serialize;

/// One predicted random effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RandomEffect {
    pub label: String,
    #[serde(flatten)]
    pub predicted: Predicted,
}

/// The random effects of both levels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MultilevelRandomEffects {
    /// One per cluster, in order of first appearance.
    pub cluster: Vec<RandomEffect>,
    /// One per effect, in the file's order.
    pub effect: Vec<RandomEffect>,
}

/// What the computation reads from the fit.
pub struct Fitted<'a> {
    pub design: &'a ModelMatrix,
    pub y: &'a [f64],
    pub v: &'a [f64],
    /// Cluster of each row (0-based, in order of first appearance).
    pub of_row: &'a [usize],
    pub beta: &'a [f64],
    pub sigma2: [f64; 2],
    pub crit: f64,
}

/// The random effects, labelled `cluster_labels[c]` and `effect_labels[i]`.
pub fn random_effects(
    f: &Fitted,
    cluster_labels: &[String],
    effect_labels: &[String],
) -> Result<MultilevelRandomEffects> {
    let (k, p) = (f.design.n, f.design.p);
    let [s1, s2] = f.sigma2;
    let n_clusters = cluster_labels.len();
    let d: Vec<f64> = f.v.iter().map(|vi| vi + s2).collect();
    let mut sum_inv = vec![0.0; n_clusters];
    let mut sum_r = vec![0.0; n_clusters];
    let mut t = vec![vec![0.0; p]; n_clusters];
    let mut a = DMatrix::<f64>::zeros(p, p);
    let residual: Vec<f64> = (0..k)
        .map(|i| {
            let x = f.design.row(i);
            f.y[i] - x.iter().zip(f.beta).map(|(a, b)| a * b).sum::<f64>()
        })
        .collect();
    for i in 0..k {
        let c = f.of_row[i];
        let x = f.design.row(i);
        sum_inv[c] += 1.0 / d[i];
        sum_r[c] += residual[i] / d[i];
        for j in 0..p {
            t[c][j] += x[j] / d[i];
            for l in 0..p {
                a[(j, l)] += x[j] * x[l] / d[i];
            }
        }
    }
    let g: Vec<f64> = sum_inv.iter().map(|s| s1 / (1.0 + s1 * s)).collect();
    for c in 0..n_clusters {
        for j in 0..p {
            for l in 0..p {
                a[(j, l)] -= g[c] * t[c][j] * t[c][l];
            }
        }
    }
    let a_inv = invert_spd(a)?;
    let cluster = (0..n_clusters)
        .map(|c| {
            let shrink = 1.0 + s1 * sum_inv[c];
            let b: Vec<f64> = t[c].iter().map(|x| x / shrink).collect();
            let one_w_one = sum_inv[c] / shrink;
            RandomEffect {
                label: cluster_labels[c].clone(),
                predicted: Predicted::new(
                    s1 * sum_r[c] / shrink,
                    s1 - s1 * s1 * (one_w_one - quadratic_form(&a_inv, &b)),
                    f.crit,
                ),
            }
        })
        .collect();
    let effect = (0..k)
        .map(|i| {
            let c = f.of_row[i];
            let x = f.design.row(i);
            let w_r = residual[i] / d[i] - g[c] * sum_r[c] / d[i];
            let w_ii = 1.0 / d[i] - g[c] / (d[i] * d[i]);
            let e: Vec<f64> = (0..p).map(|j| (x[j] - g[c] * t[c][j]) / d[i]).collect();
            RandomEffect {
                label: effect_labels[i].clone(),
                predicted: Predicted::new(
                    s2 * w_r,
                    s2 - s2 * s2 * (w_ii - quadratic_form(&a_inv, &e)),
                    f.crit,
                ),
            }
        })
        .collect();
    Ok(MultilevelRandomEffects { cluster, effect })
}
