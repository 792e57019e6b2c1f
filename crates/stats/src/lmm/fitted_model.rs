//! What every fitted linear mixed model offers, whichever way it was fitted: an lme4-style
//! [`LmmFit`] or one with correlated residuals ([`CorrelatedFit`]). This module owns the one
//! way a fit's fixed effects get their df, p-values and confidence intervals
//! ([`FittedModel::with_ddf`]), so that the df, the anova and the marginal means
//! ([`super::anova`], [`super::emmeans`], [`super::summary`]) are written once for both
//! kinds. How each kind computes its inference stays with it: [`super::inference`] for an
//! lme4-style fit, [`super::residual::inference`] with correlated residuals.

use super::ddf::Ddf;
use super::fit::{FixedEffect, LmmFit};
use super::fitted::FittedValues;
use super::formula::Formula;
use super::frame::Frame;
use super::inference::FixedInference;
use super::residual::CorrelatedFit;
use crate::error::Result;
use crate::level::ConfidenceLevel;

/// A fitted linear mixed model: its inference on β̂, the df its fixed effects were given,
/// what its charts are drawn from and its conditional modes.
pub trait FittedModel: Sized {
    /// Inference on the fixed effects at the fit by `method` (not [`Ddf::None`]), for the
    /// model `formula` fitted to `frame`; a method the fit cannot give is refused.
    fn inference(&self, formula: &Formula, frame: &Frame, method: Ddf) -> Result<FixedInference>;

    /// The fixed effects, whose df, p-values and intervals [`FittedModel::with_ddf`] fills.
    fn fixed_effects_mut(&mut self) -> &mut [FixedEffect];

    /// Record that the fixed effects' df are `method`'s and their intervals at `level`.
    fn record_df(&mut self, method: Ddf, level: ConfidenceLevel);

    /// The method of the fixed effects' df, if they have any.
    fn ddf(&self) -> Option<Ddf>;

    /// The level of the fixed effects' confidence intervals, if they have any.
    fn level(&self) -> Option<ConfidenceLevel>;

    /// Whether the optimum was confirmed.
    fn converged(&self) -> bool;

    /// What the fit's charts are drawn from ([`super::fitted`]).
    fn fitted_values(&self) -> FittedValues<'_>;

    /// The fit with every group's conditional modes (`--ranef`).
    fn with_ranef(self) -> Self;

    /// Give every fixed effect its df, p-value and confidence interval at `level` by `method`
    /// (Kenward–Roger also replaces the SEs by the adjusted ones, as lmerTest's
    /// `summary(m, ddf = "Kenward-Roger")`); `formula` and `frame` are the fit's. Returns the
    /// inference too, for the anova and the marginal means. [`Ddf::None`] leaves the fit as it
    /// is.
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use std::path::Path;
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// use trialstats_stats::lmm::{FittedModel, fit_csv_with_frame};
    /// use trialstats_stats::lmm::formula::Formula;
    /// use trialstats_stats::lmm::inference::Ddf;
    /// // R 4.2.2, lme4 1.1.31, lmerTest 3.1-3: coef(summary(lmer(Reaction ~ Days + (Days | Subject),
    /// // sleepstudy), ddf = "Satterthwaite")) gives Days: SE 1.5457887992631254 on
    /// // 17.000002783050181 df (tests/lmm_ddf.rs).
    /// let text = "Reaction ~ Days + (Days | Subject)";
    /// let (fit, frame) = fit_csv_with_frame(Path::new("tests/data/sleepstudy.csv"), text, true)?;
    /// let formula = Formula::parse(text)?;
    /// let (fit, _) = fit.with_ddf(&formula, &frame, Ddf::Satterthwaite, ConfidenceLevel::NINETY_FIVE)?;
    /// let days = fit.fixed_effect("Days").unwrap();
    /// assert!((days.se - 1.5457887992631254).abs() < 1e-6);
    /// assert!((days.df.unwrap() - 17.000002783050181).abs() < 1e-4);
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    fn with_ddf(
        mut self,
        formula: &Formula,
        frame: &Frame,
        method: Ddf,
        level: ConfidenceLevel,
    ) -> Result<(Self, Option<FixedInference>)> {
        if method == Ddf::None {
            return Ok((self, None));
        }
        let inference = self.inference(formula, frame, method)?;
        inference.test_each(self.fixed_effects_mut(), level);
        self.record_df(method, level);
        Ok((self, Some(inference)))
    }
}

/// The methods of [`FittedModel`] that both fits answer alike: from the fields they name alike
/// (`fixed`, `ddf`, `level`, `converged`) and by their own `fitted_values` and `with_ranef`.
macro_rules! answered_alike {
    ($fit:ty) => {
        fn fixed_effects_mut(&mut self) -> &mut [FixedEffect] {
            &mut self.fixed
        }
        fn record_df(&mut self, method: Ddf, level: ConfidenceLevel) {
            self.ddf = Some(method);
            self.level = Some(level);
        }
        fn ddf(&self) -> Option<Ddf> {
            self.ddf
        }
        fn level(&self) -> Option<ConfidenceLevel> {
            self.level
        }
        fn converged(&self) -> bool {
            self.converged
        }
        fn fitted_values(&self) -> FittedValues<'_> {
            <$fit>::fitted_values(self)
        }
        fn with_ranef(self) -> Self {
            <$fit>::with_ranef(self)
        }
    };
}

impl FittedModel for LmmFit {
    /// [`FixedInference::new`]: Satterthwaite's, Kenward–Roger's or (nested grouping factors)
    /// nlme's containment df.
    fn inference(&self, formula: &Formula, frame: &Frame, method: Ddf) -> Result<FixedInference> {
        FixedInference::new(formula, frame, self, method)
    }
    answered_alike!(LmmFit);
}

impl FittedModel for CorrelatedFit {
    /// Satterthwaite's or nlme's containment df, as [`super::residual::inference`] applies
    /// `--ddf` to a fit with correlated residuals.
    fn inference(&self, formula: &Formula, frame: &Frame, method: Ddf) -> Result<FixedInference> {
        self.fixed_inference(formula, frame, method)
    }
    answered_alike!(CorrelatedFit);
}
