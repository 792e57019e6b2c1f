//! # trialstats
//!
//! Effect sizes with honest uncertainty, before/after charts, consistency checks and
//! mixed-effects models for the summary numbers that clinical trials report (mean ± SD
//! before and after treatment, relapse rates, proportions, per-month slopes).
//!
//! ## Quick start
//!
//! The common calls are in [`prelude`]. For statistics only (no charts, no command line),
//! depend on `trialstats = { version = "0.1", default-features = false }`.
//!
//! ```
//! use trialstats::prelude::*;
//! // GRIM: 28 integers cannot have a mean of 5.19 (145/28 = 5.18, 146/28 = 5.21).
//! assert_eq!(grim_check("5.19", 28)?.consistent, Some(false));
//! // Hedges' g of two arms; R: escalc("SMD", m1i=10.2, sd1i=2.1, n1i=25, m2i=8.9, sd2i=2.5, n2i=23)
//! let g = standardised_mean_difference(
//!     GroupSummary { mean: 10.2, sd: 2.1, n: 25.0 },
//!     GroupSummary { mean: 8.9, sd: 2.5, n: 23.0 },
//! )?;
//! assert!((g.estimate - 0.55594305424155732).abs() < 1e-12);
//! # Ok::<(), trialstats::Error>(())
//! ```
//!
//! ## Features
//!
//! | feature | default | adds |
//! |---|---|---|
//! | `charts` | yes (through `cli`) | [`charts`] (`trialstats-charts`: every model's chart, the report's gallery) and [`plot`] (the chart kinds; plotters, resvg) |
//! | `pdf` | yes (through `cli`) | reading PDFs as text (`check text paper.pdf`) |
//! | `cli` | yes | the `trialstats` command (clap, indicatif); implies `charts` and `pdf` |
//!
//! ## The crates behind it
//!
//! `trialstats` is a facade: every module below is one of the workspace's library crates,
//! re-exported at the path it has always had. Each crate depends only on those above it in
//! this table, so the compiler guards the layers; a user who needs only the statistics can
//! depend on `trialstats-stats` alone (no regex, TOML, PDF or drawing crates).
//!
//! | crate | modules |
//! |---|---|
//! | `trialstats-numerics` | [`dist`], [`optimize`], [`level`], [`csv_file`], [`reported`], [`number_list`], [`model_matrix`], [`output`] |
//! | `trialstats-stats` | [`effect`], [`expression`], [`prepost`], [`checks`] (but its text readers), [`convert`], [`meta`], [`nma`], [`lmm`], [`glmm`], [`mmrm`], [`power`] |
//! | `trialstats-documents` | [`text`], [`draft`], [`checks`] (with statcheck's reading of texts), [`reading`], [`study`], [`verify`], [`analysis`], [`report`] |
//! | `trialstats-charts` | [`plot`], [`charts`] (feature `charts`) |
//! | `trialstats` | [`error`] (the crates' errors as one), [`prelude`], and the command line |
//!
//! What each module owns:
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
//! | [`nma`] | network meta-analysis of pairwise contrasts, as R's netmeta (GLS from `meta`'s fitting) |
//! | [`mmrm`] | mixed models for repeated measures (unstructured covariance over visits), as R's mmrm and SAS PROC MIXED |
//! | [`power`] | power and sample size of a confirmatory trial: slopes (mixed model) and event rates (negative binomial) |
//! | [`glmm`] | generalised linear mixed models of counts and proportions, as lme4's `glmer` and glmmTMB |
//! | [`plot`] | charts (SVG and PNG) with an embedded font |
//! | [`charts`] | each model's fit as a chart, and the report's gallery |
//! | [`analysis`] | every analysis of a study, computed once |
//! | [`report`] | the main job: every study, every measure, as one readable report |
//! | [`output`] | output formats (table, JSON, CSV, JUnit XML) behind one trait |
//! | [`prelude`] | the common calls in one place (GRIM, GRIMMER, SPRITE, SMD, rma, paired change, verify) with the command line's defaults |
//! | [`text`] | running text made plain (full-width forms, signs, ligatures, PDF artefacts) and the one reader of numbers in prose (thousands separators, decimal commas, scientific notation), with spans back to the original |
//! | [`draft`] | from a document's text to a drafted study file: every number found (mean ± spread, medians, counts, percentages, n, p, CIs, rates, test statistics, dates), classified and quoted; and `check text`'s checks of every summary a text prints |
//! | [`number_list`] | comma-separated numbers given to one option (`--grid 0.2,0.5`, `--before 2.9,1.1`, `1,NA`): the one reader, naming the option in its errors |
//! | [`dist`] | distribution functions (quantiles and tail probabilities) |
//! | [`optimize`] | numerical minimisation without derivatives (R's `optimize`, a bounded Newton minimiser) |
//! | [`error`] | the crates' errors as one (each crate has its own enum beside the shared refusals) and exit-code semantics |

pub mod error;
pub mod prelude;

#[cfg(debug_assertions)]
pub use trialstats_numerics::counters;
pub use trialstats_numerics::{
    csv_file, dist, level, model_matrix, number_list, optimize, output, reported, whole_file,
};

pub use trialstats_stats::{
    convert, effect, expression, glmm, lmm, meta, mmrm, nma, power, prepost,
};

pub use trialstats_documents::{analysis, checks, draft, reading, report, study, text, verify};

#[cfg(feature = "charts")]
pub use trialstats_charts as charts;
#[cfg(feature = "charts")]
pub use trialstats_charts::plot;

pub use error::{Error, Outcome, Result};
