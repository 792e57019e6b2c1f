//! The likelihood-ratio test of two nested meta-regressions, both fitted by maximum
//! likelihood to the same studies, as metafor's `anova(res1, res2)` for `rma.uni` fits (and as
//! `lmm compare` does for mixed models): `LRT = 2 (ll_full − ll_reduced)` on the difference in
//! parameters, with each model's AIC, BIC, AICc, log-likelihood, deviance, residual QE and τ²,
//! and the pseudo-R² `100 · max(0, (τ²_reduced − τ²_full) / τ²_reduced)` (0 when τ²_reduced
//! = 0), the share of the reduced model's heterogeneity that the full model's extra
//! moderators account for.

use super::fitting::spec::{MetaData, MetaOptions, Method};
use super::rma::{MetaFit, fit};
use crate::error::{Error, Result};
use crate::likelihood_ratio::LikelihoodRatio;
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;

/// One model in the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedModel {
    /// Its moderators (empty: intercept-only).
    pub mods: Vec<String>,
    pub n_parameters: usize,
    pub aic: f64,
    pub bic: f64,
    pub aicc: f64,
    pub log_likelihood: f64,
    pub deviance: f64,
    /// Residual heterogeneity QE.
    pub qe: f64,
    pub tau2: f64,
}

/// The test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelComparison {
    /// The reduced model first.
    pub models: [ComparedModel; 2],
    pub lrt: f64,
    pub df: usize,
    pub p_value: f64,
    /// Pseudo-R² in percent (absent for fixed-effect models).
    pub r2: Option<f64>,
    pub k: usize,
}

fn summary(mods: &[String], f: &MetaFit) -> ComparedModel {
    let c = f.fit_statistics.criteria;
    ComparedModel {
        mods: mods.to_vec(),
        n_parameters: f.fit_statistics.parameters,
        aic: c.aic,
        bic: c.bic,
        aicc: c.aicc,
        log_likelihood: c.log_likelihood,
        deviance: c.deviance,
        qe: f.q,
        tau2: f.tau2,
    }
}

/// The studies of `data` with only the moderators `mods` (by name).
fn with_mods(data: &MetaData, mods: &[String]) -> Result<MetaData> {
    let all = data.mods.as_deref().unwrap_or(&[]);
    let chosen =
        mods.iter()
            .map(|m| {
                all.iter().find(|x| &x.name == m).cloned().ok_or_else(|| {
                    Error::field("model", format!("the moderator '{m}' was not read"))
                })
            })
            .collect::<Result<Vec<_>>>()?;
    Ok(MetaData {
        mods: (!chosen.is_empty()).then_some(chosen),
        ..data.clone()
    })
}

/// Fit the models with moderators `a` and `b` (column names of `data`'s moderators) by ML
/// (fixed-effect models stay fixed-effect) and test the smaller against the larger.
pub fn compare(
    data: &MetaData,
    a: &[String],
    b: &[String],
    options: &MetaOptions,
) -> Result<ModelComparison> {
    let method = if options.method == Method::FE {
        Method::FE
    } else {
        Method::ML
    };
    let o = MetaOptions {
        method,
        leave_one_out: false,
        influence: false,
        per_study: false,
        hat_matrix: false,
        ..*options
    };
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() == large.len() || !small.iter().all(|m| large.contains(m)) {
        return Err(Error::field(
            "model",
            format!(
                "the models are not nested: every moderator of the smaller ({}) must also be in \
                 the larger ({}), which must have more",
                listed(small),
                listed(large)
            ),
        ));
    }
    let fs = fit(&with_mods(data, small)?, &o)?;
    let fl = fit(&with_mods(data, large)?, &o)?;
    let (ms, ml) = (summary(small, &fs), summary(large, &fl));
    let test = LikelihoodRatio::from_log_likelihoods(
        ms.log_likelihood,
        ml.log_likelihood,
        ml.n_parameters - ms.n_parameters,
    );
    let r2 = (method != Method::FE).then(|| {
        if fs.tau2 == 0.0 {
            0.0
        } else {
            100.0 * ((fs.tau2 - fl.tau2) / fs.tau2).max(0.0)
        }
    });
    Ok(ModelComparison {
        lrt: test.statistic,
        df: test.df,
        // The larger model has more parameters (checked above), so there is a p.
        p_value: test.p_value.unwrap_or(1.0),
        r2,
        k: fs.k,
        models: [ms, ml],
    })
}

fn listed(mods: &[String]) -> String {
    if mods.is_empty() {
        "intercept only".to_string()
    } else {
        mods.join(", ")
    }
}

impl Tabular for ModelComparison {
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "Likelihood-ratio test of nested meta-regressions (both fitted by ML, as metafor's anova; k = {})",
            self.k
        ))
    }

    fn table(&self) -> Table {
        let header = [
            "moderators",
            "npar",
            "AIC",
            "BIC",
            "AICc",
            "logLik",
            "deviance",
            "QE",
            "tau2",
            "LRT",
            "df",
            "p",
        ];
        let rows = self
            .models
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut row = vec![
                    Cell::from(listed(&m.mods).as_str()),
                    m.n_parameters.into(),
                    m.aic.into(),
                    m.bic.into(),
                    m.aicc.into(),
                    m.log_likelihood.into(),
                    m.deviance.into(),
                    m.qe.into(),
                    m.tau2.into(),
                ];
                if i == 0 {
                    row.extend([Cell::Missing, Cell::Missing, Cell::Missing]);
                } else {
                    row.extend([self.lrt.into(), self.df.into(), self.p_value.into()]);
                }
                row
            })
            .collect();
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows,
        }
    }

    fn epilogue(&self) -> Option<String> {
        let mut s = format!(
            "LRT {} on {} df, p = {}",
            human_number(self.lrt),
            self.df,
            human_number(self.p_value)
        );
        if let Some(r2) = self.r2 {
            s.push_str(&format!(
                "; pseudo-R^2 = {}% of the reduced model's tau^2",
                human_number(r2)
            ));
        }
        Some(s)
    }
}
