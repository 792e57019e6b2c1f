//! # trialstats-stats
//!
//! The statistics of [trialstats](https://docs.rs/trialstats): effect sizes, consistency checks,
//! conversions, meta-analysis, mixed models and trial design, on numbers already read. It
//! depends only on `trialstats-numerics`; it draws nothing, reads no document text and parses
//! no command line (none of clap, plotters, resvg, regex, toml or a PDF reader is below it).
//!
//! | module | owns |
//! |---|---|
//! | [`effect`] | effect sizes and their sampling variances, as R's metafor `escalc` |
//! | [`error`] | what the statistics can refuse: the shared refusals, a singular matrix, a search that did not converge |
//! | [`expression`] | arithmetic on named values (the derived numbers a study file pins) |
//! | [`prepost`] | before/after analysis when the pre/post correlation is not reported: paired tests and the r sweep |
//! | [`checks`] | do the reported numbers add up: GRIM, GRIMMER, DEBIT, bounds, SPRITE, percent vs count |
//! | [`convert`] | what papers report instead of mean ± SD (median and quartiles or range, CI, p or t of a change, three SDs) → mean, SD, r |
//! | [`meta`] | fixed-, random- and mixed-effects meta-analysis, as metafor's `rma` |
//! | [`nma`] | network meta-analysis of pairwise contrasts, as R's netmeta |
//! | [`lmm`] | linear mixed models of longitudinal scores, as lme4's `lmer` |
//! | [`glmm`] | generalised linear mixed models of counts and proportions, as lme4's `glmer` and glmmTMB |
//! | [`mmrm`] | mixed models for repeated measures, as R's mmrm and SAS PROC MIXED |
//! | [`power`] | power and sample size of a confirmatory trial: slopes, event rates, hazard ratios, MMRM |
//!
//! ```
//! use trialstats_numerics::reported::ReportedNumber;
//! use trialstats_stats::checks::grim::grim;
//! use trialstats_stats::checks::{Grid, Rounding};
//! // GRIM: 28 integers cannot have a mean of 5.19 (145/28 = 5.18, 146/28 = 5.21).
//! let mean = ReportedNumber::parse("5.19", "mean")?;
//! assert_eq!(grim(&mean, 28, Grid::INTEGER, Rounding::UpOrDown)?.consistent, Some(false));
//! # Ok::<(), trialstats_numerics::Error>(())
//! ```

pub mod checks;
pub mod convert;
pub mod effect;
pub mod error;
pub mod expression;
pub mod glmm;
pub mod lmm;
pub mod meta;
pub mod mmrm;
pub mod nma;
pub mod power;
pub mod prepost;

// The layer below, named at this crate's root so that every module reaches it as
// `crate::dist`, `crate::error`, … as it did when the crates were one.
#[cfg(debug_assertions)]
use trialstats_numerics::counters;
use trialstats_numerics::{
    csv_file, dense, dist, level, likelihood_ratio, model_matrix, number_list, optimize, output,
    reported, root, special,
};

pub use error::{Error, Outcome, Result};
