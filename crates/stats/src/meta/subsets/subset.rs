//! The random-effects (or fixed-effect) summary of a subset of the studies, as one row:
//! what the subgroup analysis, the cumulative meta-analysis and trim and fill report for each
//! model they fit (metafor's `rma(yi, vi, subset = ...)` with the model's method and test).

use crate::error::Result;
use crate::meta::fitting::model::{FittedModel, TestedEstimate, reads_through_to_tested};
use crate::meta::fitting::moderators::{INTERCEPT, ModelMatrix};
use crate::meta::fitting::spec::{MetaOptions, Method, Test};
use serde::Serialize;

/// An intercept-only model fitted to some of the studies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubsetSummary {
    /// What the subset is: a subgroup's level, or the study added last.
    pub label: String,
    /// Number of studies in the model.
    pub k: usize,
    /// The pooled estimate with its test and interval.
    #[serde(flatten)]
    pub tested: TestedEstimate,
    pub tau2: f64,
    /// Cochran's Q with `k − 1` df and its p-value.
    pub q: f64,
    pub q_df: usize,
    pub q_p: f64,
    /// I² (percent) and H², as the full model's.
    pub i2: f64,
    pub h2: f64,
}

reads_through_to_tested!(SubsetSummary);

/// Fit the intercept-only model to `y`, `v` (one or more studies) with the options' method,
/// test and level; as metafor, one study is tested by z even under Knapp–Hartung.
pub fn summarise(
    label: &str,
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
) -> Result<SubsetSummary> {
    let design = ModelMatrix::intercept_only(y.len(), INTERCEPT);
    let test = if y.len() == 1 { Test::Z } else { options.test };
    let m = FittedModel::new(&design, y, v, options.method, test, options.level.value())?;
    let het = m.heterogeneity;
    let t = (options.method != Method::FE).then_some(m.tau2.tau2);
    Ok(SubsetSummary {
        label: label.to_string(),
        k: y.len(),
        tested: m.tested(0),
        tau2: m.tau2.tau2,
        q: het.q,
        q_df: het.q_df,
        q_p: het.q_p,
        i2: het.i2(t),
        h2: het.h2(t),
    })
}
