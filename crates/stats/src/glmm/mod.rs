//! Generalised linear mixed models (lme4's `glmer`, glmmTMB's `nbinom2`, `Gamma`,
//! `beta_family` and `betabinomial`): Poisson, binomial and negative-binomial counts, successes
//! out of trials more variable than binomial (beta-binomial, logit link), positive continuous
//! values (gamma, log link) and proportions inside (0, 1) (beta, logit link), with random effects of
//! one grouping factor, by the Laplace approximation or adaptive Gauss-Hermite quadrature, or
//! of several (crossed or nested) by the Laplace approximation, and for the families with a
//! dispersion parameter a log dispersion linear in fixed terms (glmmTMB's `dispformula`;
//! Brooks et al. 2017, R Journal 9(2)), and for counts a zero-inflation probability whose
//! logit is linear in fixed terms (glmmTMB's `ziformula`); and ordered categories by the
//! cumulative logit model with thresholds (ordinal's `clmm`, [`ordinal`]). The
//! formula, data frame and design matrices are `lmm`'s ([`crate::lmm::formula`],
//! [`crate::lmm::frame`], [`crate::lmm::design`], [`crate::lmm::random`]); a formula without
//! random terms fits a plain GLM with the same families.
//!
//! ```
//! # fn main() -> trialstats_stats::Result<()> {
//! # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
//! use std::path::Path;
//! use trialstats_stats::glmm::{fit_csv, Family, GlmmOptions};
//! // lme4's cbpp: glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd),
//! // family = binomial) at tight tolerances: period2 -0.99233229286026625 (SE
//! // 0.30664249497139889), herd SD 0.64226167223459096 (tests/glmm_reference.rs).
//! let fit = fit_csv(
//!     Path::new("tests/data/cbpp.csv"),
//!     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
//!     GlmmOptions { family: Family::Binomial, nagq: 1 },
//! )?;
//! assert!((fit.fixed[1].estimate - -0.99233229286026625).abs() < 3e-5); // 1e-4 of its SE
//! let odds_ratio = fit.fixed[1].estimate.exp(); // period 2 against period 1
//! # let _ = odds_ratio;
//! # Ok(())
//! # }
//! ```
//!
//! | file | owns |
//! |---|---|
//! | [`family`] | response distributions and links: log density, score, information |
//! | [`betabinomial`] | glmmTMB's beta-binomial: its log density as rising factorials, with the derivatives in η and in the precision φ, and its moment start |
//! | [`dispersion`] | the dispersion parameters: the negative binomial's 1/θ, or glmmTMB's log dispersion linear in a `dispformula`; each row's value and the chain rule back |
//! | [`zero_inflation`] | glmmTMB's zero-inflation model (`ziformula`): each row's logit π, and a row's log density, score and information under the mixture with their derivatives |
//! | [`ordinal`] | the cumulative logit model (ordinal's `clmm`): the thresholds, each row's log probability with its derivatives in η and in its two thresholds, the response's levels in order |
//! | [`model`] | the data of a model: response checks, offsets, rows in group order |
//! | [`laplace`] | conditional modes (penalised Newton) and the Laplace deviance |
//! | [`several`] | several grouping factors: the joint modes (Newton steps on `lmm`'s blocked Cholesky, rows weighted by their observed information of either sign) and the Laplace deviance |
//! | [`quadrature`] | Gauss-Hermite rules; the adaptive rule for one scalar random effect |
//! | [`fit`](mod@fit) | joint optimisation, standard errors, the fitted model and its output |
//! | [`compare`](mod@compare) | the likelihood-ratio test of nested models |
//! | [`observed_fitted`] | observed against fitted by the levels of a categorical fixed effect (and a time column): each level's mean, proportion or category shares with its interval beside the average prediction at random effects 0 |
//! | [`fitted_rows`] | what a fit keeps of each row for the observed-against-fitted summary: response, trials, η at random effects 0, designs, covariance; each row's prediction |
//! | [`fitted_interval`] | the fitted values' confidence intervals: the delta method over β, the zero-inflation coefficients and the thresholds, on the link scale of each level's average prediction |
//!
//! With one grouping factor the integral splits into one small integral per group
//! ([`laplace`], analytic gradients); with several, crossed factors couple the groups, and
//! [`several`] solves the joint system with [`crate::lmm::blocked`] (the deviance is then
//! differenced numerically by the optimiser) for every family: the beta's and the
//! beta-binomial's information in η, negative for a row far from its mean, weights the rows'
//! cross-products as it is, and the log determinant is that of the observed Hessian, as
//! glmmTMB's; the ordinal model's thresholds are parameters like the dispersion's, and a
//! zero-inflated row's score and information are the mixture's ([`zero_inflation`]), of either
//! sign. What several factors still refuse: adaptive quadrature (`nagq` above 1).

pub mod betabinomial;
pub mod compare;
pub mod dispersion;
pub mod family;
pub mod fit;
pub mod fitted_interval;
pub mod fitted_rows;
pub mod laplace;
pub mod model;
pub mod observed_fitted;
pub mod ordinal;
pub mod quadrature;
pub mod row_terms;
pub mod several;
pub mod zero_inflation;

pub use compare::{GlmmLikelihoodRatioTest, compare_csv};
pub use family::Family;
pub use fit::{
    DispersionEffect, FixedEffect, GlmmFit, GlmmOptions, Ratio, SideModels, Threshold, fit,
    fit_csv, fit_csv_with, fit_csv_with_dispersion, fit_csv_with_frame, fit_csv_with_references,
};
pub use observed_fitted::{LevelSummary, ObservedFittedRequest, ObservedVsFitted};
