//! The denominator df of a fit with correlated residuals ([`super`]): this module owns how
//! `--ddf` applies to it. The tests themselves (t, F, marginal means) are
//! [`crate::lmm::inference`]'s, as for an lme4-style fit.
//!
//! **Satterthwaite** (the default; Kuznetsova, Brockhoff & Christensen 2017, *J. Stat. Softw.*
//! 82(13), eqs. 5–7): lmerTest's construction applied to this likelihood. The variance
//! parameters are (θ, φ, σ): the random effects' relative factor θ, ρ's unconstrained φ
//! (nlme's, [`super`]) and the residual SD σ. −2ℓ (REML's for a REML fit, ML's for an ML fit,
//! β profiled out) and Var(β̂) = σ²(XᵀV⁻¹X)⁻¹ are functions of them of the form lmerTest
//! differentiates (log|L_θ|² = Σ log|Vᵢ|), so the Hessian and the Jacobian are numDeriv's
//! Richardson differences of `lmm::deviance_derivatives` and `ν = 2(lᵀΦl)² / (gᵀAg)`
//! with `A = 2H⁻¹`. At the optimum ν does not depend on the parametrisation (the gradient
//! vanishes, so the Hessian and the gradients of Φ transform together); φ rather than ρ keeps
//! every step inside ρ's range. F tests rotate L as lmerTest's `contestMD`.
//!
//! **Containment** (nlme's "inner-outer" df, Pinheiro & Bates 2000, §2.4.2;
//! [`crate::lmm::containment`]): the df `summary(lme(…))$tTable` and `anova(lme(…))` print,
//! and emmeans' for linear functions of β̂.
//!
//! **Kenward–Roger** is refused: pbkrtest computes it for lme4's models only, so there is no
//! reference to check it against here, and its adjustment of Var(β̂) would need the second
//! derivatives of V in ρ.
//!
//! ```
//! # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
//! use std::path::Path;
//! use trialstats_numerics::level::ConfidenceLevel;
//! use trialstats_stats::lmm::{FittedModel, Formula, ReferenceLevels};
//! use trialstats_stats::lmm::inference::Ddf;
//! use trialstats_stats::lmm::residual::fit_correlated_csv_with_frame;
//! // nlme 3.1.162: summary(lme(score ~ visit * arm, random = ~ 1 | id, correlation =
//! // corAR1(form = ~ visit | id), data = d))$tTable gives armplacebo 78 DF; Satterthwaite's
//! // df 95.7813472467694 (benches/lmm_residual_df_reference.R).
//! let text = "score ~ visit * arm + (1 | id)";
//! let (fit, frame) = fit_correlated_csv_with_frame(
//!     Path::new("tests/data/visits_ar1.csv"),
//!     text,
//!     &"ar1(visit | id)".parse()?,
//!     true,
//!     &ReferenceLevels::default(),
//! )?;
//! let formula = Formula::parse(text)?;
//! let level = ConfidenceLevel::NINETY_FIVE;
//! let (by_containment, _) = fit.clone().with_ddf(&formula, &frame, Ddf::Containment, level)?;
//! assert_eq!(by_containment.fixed[2].df, Some(78.0));
//! let (by_satterthwaite, _) = fit.with_ddf(&formula, &frame, Ddf::Satterthwaite, level)?;
//! assert!((by_satterthwaite.fixed[2].df.unwrap() - 95.7813472467694).abs() < 1e-4 * 95.8);
//! # Ok::<(), trialstats_stats::Error>(())
//! ```

use super::{CorrelatedFit, Design};
use crate::error::{Error, Result};
use crate::lmm::containment::containment_df;
use crate::lmm::ddf::Ddf;
use crate::lmm::deviance_derivatives::from_solver;
use crate::lmm::formula::Formula;
use crate::lmm::frame::Frame;
use crate::lmm::inference::FixedInference;
use nalgebra::DVector;

impl CorrelatedFit {
    /// The inference on β̂ by `method`, as `--ddf` applies to a fit with correlated residuals
    /// (`formula` and `frame` are the fit's): Satterthwaite's or containment df; Kenward–Roger
    /// and [`Ddf::None`] are refused. [`FittedModel::with_ddf`](crate::lmm::FittedModel::with_ddf)
    /// gives the fixed effects their df by it.
    pub(crate) fn fixed_inference(
        &self,
        formula: &Formula,
        frame: &Frame,
        method: Ddf,
    ) -> Result<FixedInference> {
        match method {
            Ddf::None => Err(Error::field(
                "ddf",
                "none gives no df, so there is no inference on the fixed effects; use {field:ddf} satterthwaite (the default) or containment (nlme's)",
            )),
            Ddf::KenwardRoger => Err(Error::field(
                "ddf",
                "Kenward-Roger is not available with correlated residuals ({field:residual}): pbkrtest computes it for lme4's models only, so there is no reference to check it against, and its adjustment would need the second derivatives of the covariance in the correlation; use {field:ddf} satterthwaite (the default) or containment (nlme's)",
            )),
            Ddf::Satterthwaite => self.satterthwaite(formula, frame),
            Ddf::Containment => self.containment(formula, frame),
        }
    }

    fn reml(&self) -> bool {
        self.method == "REML"
    }

    fn beta(&self) -> DVector<f64> {
        DVector::from_iterator(self.fixed.len(), self.fixed.iter().map(|f| f.estimate))
    }

    /// Satterthwaite's inference: numerical derivatives in (θ, φ, σ) at the fit.
    fn satterthwaite(&self, formula: &Formula, frame: &Frame) -> Result<FixedInference> {
        let design = Design::new(formula, frame, &self.residual)?;
        let problem = design.problem(self.reml());
        let varpar: Vec<f64> = self.params.iter().copied().chain([self.sigma]).collect();
        let derivatives = from_solver(
            &|params| problem.solution(params),
            self.n_obs,
            design.x.p,
            self.reml(),
            &varpar,
            self.beta(),
        )?;
        FixedInference::from_derivatives(derivatives)
    }

    /// nlme's containment df, with Var(β̂) = σ̂²(XᵀV⁻¹X)⁻¹ at the fit.
    fn containment(&self, formula: &Formula, frame: &Frame) -> Result<FixedInference> {
        let design = Design::new(formula, frame, &self.residual)?;
        let at = design
            .problem(self.reml())
            .evaluate(&self.params)
            .ok_or_else(|| {
                Error::numerical("the criterion cannot be evaluated at the optimum".into())
            })?;
        let df = containment_df(
            &design.x,
            formula.fixed.len(),
            &design.re.group_of_row,
            design.re.levels.len(),
        );
        Ok(FixedInference::from_containment(
            self.beta(),
            at.xtvx.inverse() * at.sigma2,
            df,
        ))
    }
}
