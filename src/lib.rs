//! # trialstats
//!
//! Effect sizes with honest uncertainty, before/after charts, consistency checks and
//! mixed-effects models for the summary numbers that clinical trials report (mean ± SD
//! before and after treatment, relapse rates, proportions, per-month slopes).
//!
//! The crate is organised one module per concept:
//!
//! | module | owns |
//! |---|---|
//! | [`study`] | the study data files: reported numbers, their scales and provenance; loading and validation |
//! | [`effect`] | effect sizes and their sampling variances, as R's metafor `escalc` |
//! | [`prepost`] | before/after analysis when the pre/post correlation is not reported: paired tests and the r sweep |
//! | [`verify`] | expectations pinned in the data (derived numbers a document reports) and their recomputation |
//! | [`reading`] | what an unlabelled `±` means (SD, SEM, SE of an adjusted mean), decided from the p, CI, t, scale and claims the document prints |
//! | [`checks`] | do the reported numbers add up: GRIM, GRIMMER, bounds, SPRITE; reported test statistics against their p (statcheck) |
//! | [`convert`] | what papers report instead of mean ± SD (median and quartiles or range, CI, p or t of a change, three SDs) → mean, SD, r |
//! | [`meta`] | fixed-, random- and mixed-effects meta-analysis, as metafor's `rma` |
//! | [`lmm`] | linear mixed models of longitudinal scores, as lme4's `lmer` |
//! | [`power`] | power and sample size of a confirmatory trial: slopes (mixed model) and event rates (negative binomial) |
//! | [`glmm`] | generalised linear mixed models of counts and proportions, as lme4's `glmer` and glmmTMB |
//! | [`plot`] | charts (SVG and PNG) with an embedded font |
//! | [`report`] | the main job: every study, every measure, as one readable report |
//! | [`output`] | output formats (table, JSON, CSV, JUnit XML) behind one trait |
//! | [`dist`] | distribution functions (quantiles and tail probabilities) |
//! | [`error`] | errors and exit-code semantics |

pub mod analysis;
pub mod checks;
pub mod convert;
#[cfg(debug_assertions)]
pub mod counters;
pub mod csv_file;
pub mod dist;
pub mod effect;
pub mod error;
pub mod expression;
pub mod glmm;
pub mod level;
pub mod lmm;
pub mod meta;
pub mod model_matrix;
pub mod output;
pub mod plot;
pub mod power;
pub mod prepost;
pub mod reading;
pub mod report;
pub mod reported;
pub mod study;
pub mod verify;

pub use error::{Error, Outcome, Result};
