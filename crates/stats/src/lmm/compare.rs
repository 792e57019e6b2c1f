//! The likelihood-ratio test of two nested linear mixed models, both refitted by maximum
//! likelihood, as lme4's `anova(m0, m1)`: χ² = deviance₀ − deviance₁ on
//! (parameters₁ − parameters₀) degrees of freedom.

use super::fit::{LmmFit, columns_for, fit};
use super::formula::Formula;
use super::frame::{Frame, Role};
use crate::error::{Error, Result};
use crate::likelihood_ratio::LikelihoodRatio;
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;
use std::path::Path;

/// One model in the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct ComparedModel {
    pub formula: String,
    pub n_parameters: usize,
    pub aic: f64,
    pub bic: f64,
    pub log_likelihood: f64,
    pub deviance: f64,
    pub converged: bool,
}

/// The test.
#[derive(Debug, Clone, Serialize)]
pub struct LikelihoodRatioTest {
    /// The smaller model first.
    pub models: [ComparedModel; 2],
    pub chisq: f64,
    pub df: usize,
    pub p_value: f64,
    pub n_obs: usize,
    pub n_dropped: usize,
}

fn summary(f: &LmmFit) -> ComparedModel {
    ComparedModel {
        formula: f.formula.clone(),
        n_parameters: f.n_parameters,
        aic: f.aic,
        bic: f.bic,
        log_likelihood: f.log_likelihood,
        deviance: f.criterion,
        converged: f.converged,
    }
}

/// The columns two models read, each once: a column categorical for either model is read
/// as categorical, one numeric for either as numeric.
pub fn union_columns(a: Vec<(String, Role)>, b: Vec<(String, Role)>) -> Vec<(String, Role)> {
    let mut cols = a;
    for (n, r) in b {
        match cols.iter_mut().find(|(m, _)| *m == n) {
            Some(e) if e.1 != r => {
                if r == Role::Categorical || e.1 == Role::Categorical {
                    e.1 = Role::Categorical
                } else {
                    e.1 = Role::Numeric
                }
            }
            Some(_) => {}
            None => cols.push((n, r)),
        }
    }
    cols
}

/// Read the columns of both formulas from `path` (so both models use the same rows) and test.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::lmm::compare::compare_csv;
/// // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R): m0 <- lmer(alsfrs ~ month + arm +
/// // (month | patient), tr); m1 <- lmer(alsfrs ~ month * arm + (month | patient), tr);
/// // anova(m0, m1): Chisq 12.732146663910044 on 2 df, p 0.0017188955234318291.
/// let t = compare_csv(
///     Path::new("tests/data/trial_arms.csv"),
///     "alsfrs ~ month * arm + (month | patient)",
///     "alsfrs ~ month + arm + (month | patient)",
/// )?;
/// assert_eq!(t.df, 2);
/// assert!((t.chisq - 12.732146663910044).abs() < 2e-6);
/// assert!((t.p_value - 0.0017188955234318291).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn compare_csv(path: &Path, a: &str, b: &str) -> Result<LikelihoodRatioTest> {
    let fa = Formula::parse(a)?;
    let fb = Formula::parse(b)?;
    let cols = union_columns(columns_for(&fa), columns_for(&fb));
    let frame = Frame::read_csv(path, &cols)?;
    compare(&fa, &fb, &frame)
}

/// Fit both models by ML to `frame` and test the smaller against the larger.
pub fn compare(a: &Formula, b: &Formula, frame: &Frame) -> Result<LikelihoodRatioTest> {
    let ma = fit(a, frame, false)?;
    let mb = fit(b, frame, false)?;
    let (small, large) = if ma.n_parameters <= mb.n_parameters {
        (ma, mb)
    } else {
        (mb, ma)
    };
    let nested = small.response_matches(&large)
        && small
            .fixed
            .iter()
            .all(|f| large.fixed.iter().any(|g| g.term == f.term))
        && small.random.iter().all(|r| {
            large
                .random
                .iter()
                .any(|s| s.group == r.group && s.term == r.term)
        });
    if !nested || small.n_parameters == large.n_parameters {
        return Err(Error::field(
            "formula",
            format!(
                "the models are not nested: every fixed and random term of '{}' must also be in '{}', which must have more parameters",
                small.formula, large.formula
            ),
        ));
    }
    Ok(LikelihoodRatioTest::of_nested(
        summary(&small),
        summary(&large),
        small.n_obs,
        small.n_dropped,
    ))
}

impl LmmFit {
    fn response_matches(&self, other: &LmmFit) -> bool {
        let lhs = |s: &str| s.split('~').next().unwrap_or("").trim().to_string();
        lhs(&self.formula) == lhs(&other.formula)
    }
}

impl LikelihoodRatioTest {
    /// The test of `small` against `large`, nested models fitted by maximum likelihood to the
    /// same `n_obs` rows (`n_dropped` left out), from their deviances: the one table `lmm` and
    /// `glmm` print. `large` must have more parameters (the callers check nesting), so there
    /// is always a p.
    pub fn of_nested(
        small: ComparedModel,
        large: ComparedModel,
        n_obs: usize,
        n_dropped: usize,
    ) -> LikelihoodRatioTest {
        let test = LikelihoodRatio::from_deviances(
            small.deviance,
            large.deviance,
            large.n_parameters - small.n_parameters,
        );
        LikelihoodRatioTest {
            chisq: test.statistic,
            df: test.df,
            p_value: test.p_value.unwrap_or(1.0),
            n_obs,
            n_dropped,
            models: [small, large],
        }
    }

    /// The preamble under the title `title`: observations, dropped rows, fits that did not
    /// converge.
    pub fn preamble_with_title(&self, title: &str) -> String {
        let mut s = format!("{title}\nobservations: {}", self.n_obs);
        if self.n_dropped > 0 {
            s.push_str(&format!(
                "; {} row(s) with missing values dropped",
                self.n_dropped
            ));
        }
        for m in &self.models {
            if !m.converged {
                s.push_str(&format!(
                    "\nwarning: the fit of '{}' did not converge",
                    m.formula
                ));
            }
        }
        s
    }
}

impl Tabular for LikelihoodRatioTest {
    fn preamble(&self) -> Option<String> {
        Some(self.preamble_with_title(
            "Likelihood-ratio test of nested linear mixed models (both fitted by ML, as lme4's anova)",
        ))
    }

    fn table(&self) -> Table {
        let header = [
            "model", "npar", "AIC", "BIC", "logLik", "deviance", "chisq", "df", "p",
        ];
        let mut rows = Vec::new();
        for (k, m) in self.models.iter().enumerate() {
            let mut row = vec![
                Cell::from(m.formula.as_str()),
                m.n_parameters.into(),
                m.aic.into(),
                m.bic.into(),
                m.log_likelihood.into(),
                m.deviance.into(),
            ];
            if k == 0 {
                row.extend([Cell::Missing, Cell::Missing, Cell::Missing]);
            } else {
                row.extend([self.chisq.into(), self.df.into(), self.p_value.into()]);
            }
            rows.push(row);
        }
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows,
        }
    }

    fn epilogue(&self) -> Option<String> {
        Some(format!(
            "chi-square {} on {} df, p = {}",
            human_number(self.chisq),
            self.df,
            human_number(self.p_value)
        ))
    }
}
