//! The likelihood-ratio test of two nested generalised models fitted to the same rows, as
//! lme4's `anova(m0, m1)` for `glmer` fits: χ² = deviance₀ − deviance₁ on the difference in
//! parameters.

use super::fit::{GlmmFit, GlmmOptions, fit_located, locate_in_file};
use super::model::{SideFormulas, columns_for};
use crate::error::{Error, Result};
use crate::lmm::compare::{ComparedModel, LikelihoodRatioTest, union_columns};
use crate::lmm::formula::Formula;
use crate::lmm::frame::Frame;
use crate::output::{Table, Tabular};
use serde::Serialize;
use std::path::Path;

/// The test (lme4's `anova` layout, as `lmm compare`), for models of one family.
#[derive(Debug, Clone, Serialize)]
pub struct GlmmLikelihoodRatioTest {
    pub family: String,
    #[serde(flatten)]
    pub test: LikelihoodRatioTest,
}

fn summary(f: &GlmmFit) -> ComparedModel {
    ComparedModel {
        formula: f.formula.clone(),
        n_parameters: f.n_parameters,
        aic: f.aic,
        bic: f.bic,
        log_likelihood: f.log_likelihood,
        deviance: f.deviance,
        converged: f.converged,
    }
}

/// Read the columns of both formulas from `path` (so both models use the same rows), fit
/// both and test the smaller against the larger.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::glmm::compare::compare_csv;
/// use trialstats_stats::glmm::{Family, GlmmOptions};
/// // R (benches/glmm_reference.R): anova(m0, m1) of glmmTMB fits of lme4's cbpp gives
/// // chisq 25.610063449900139 on 3 df, p 1.150936691434434e-05.
/// let t = compare_csv(
///     Path::new("tests/data/cbpp.csv"),
///     "cbind(incidence, size - incidence) ~ 1 + (1 | herd)",
///     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
///     GlmmOptions { family: Family::Binomial, nagq: 1 },
/// )?;
/// assert_eq!(t.test.df, 3);
/// assert!((t.test.chisq - 25.610063449900139).abs() < 1e-5);
/// assert!((t.test.p_value - 1.150936691434434e-05).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn compare_csv(
    path: &Path,
    a: &str,
    b: &str,
    options: GlmmOptions,
) -> Result<GlmmLikelihoodRatioTest> {
    let fa = Formula::parse(a)?;
    let fb = Formula::parse(b)?;
    let cols = union_columns(columns_for(&fa), columns_for(&fb));
    let frame = Frame::read_csv(path, &cols)?;
    let locate = |row: usize, column: &str| locate_in_file(path, &cols, row, column);
    let side = SideFormulas::default();
    let ma = fit_located(&fa, &frame, options, &side, &locate)?;
    let mb = fit_located(&fb, &frame, options, &side, &locate)?;
    test(&fa, &fb, ma, mb)
}

fn test(a: &Formula, b: &Formula, ma: GlmmFit, mb: GlmmFit) -> Result<GlmmLikelihoodRatioTest> {
    let same_response =
        a.response == b.response && a.failures == b.failures && a.offsets == b.offsets;
    let (small, large) = if ma.n_parameters <= mb.n_parameters {
        (ma, mb)
    } else {
        (mb, ma)
    };
    let nested = same_response
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
                "the models are not nested: they need the same response and offsets, and every fixed and random term of '{}' must also be in '{}', which must have more parameters",
                small.formula, large.formula
            ),
        ));
    }
    Ok(GlmmLikelihoodRatioTest {
        family: small.family.clone(),
        test: LikelihoodRatioTest::of_nested(
            summary(&small),
            summary(&large),
            small.n_obs,
            small.n_dropped,
        ),
    })
}

impl Tabular for GlmmLikelihoodRatioTest {
    fn preamble(&self) -> Option<String> {
        Some(self.test.preamble_with_title(&format!(
            "Likelihood-ratio test of nested generalised models (family {}, maximum likelihood, as lme4's anova)",
            self.family
        )))
    }

    fn table(&self) -> Table {
        self.test.table()
    }

    fn epilogue(&self) -> Option<String> {
        self.test.epilogue()
    }
}
