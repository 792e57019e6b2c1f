//! Fixed-, random- and mixed-effects meta-analysis of summary results, as metafor's `rma.uni`
//! (Viechtbauer 2010, *J Stat Softw* 36(3)).
//!
//! The model is `yᵢ = xᵢ'β + uᵢ + εᵢ`, `uᵢ ~ N(0, τ²)`, `εᵢ ~ N(0, vᵢ)` with known `vᵢ`.
//! [`fit`] estimates τ² ([`fitting::tau2`]), then β by weighted least squares with weights
//! `1/(vᵢ + τ̂²)` ([`fitting::gls`]), with Wald-type z tests or the Knapp & Hartung (2003) t
//! and F tests, heterogeneity statistics and the Q-profile interval for τ²
//! ([`fitting::heterogeneity`]), the prediction interval, R², Egger's regression test
//! ([`bias::egger`]) and, on request, leave-one-out and case-deletion diagnostics
//! ([`subsets::influence`]).
//!
//! The folders, from the ground up (a folder imports only the ones above it in this list):
//!
//! | file or folder | owns |
//! |---|---|
//! | [`fitting`] (folder) | fitting one model: the studies and options, the model matrix, weighted least squares, the τ² estimators and their root finding, Q/I²/H², the fitted model with its tests, cluster-robust tests, the three-level model |
//! | [`bayes`] (folder) | Bayesian random-effects meta-analysis: priors on τ and μ, the exact posterior by quadrature over τ, shrinkage, Bayes factors |
//! | [`subsets`] (folder) | models of subsets of the studies: leave-one-out and case deletion, one summary row per subset, subgroups, the cumulative meta-analysis |
//! | [`bias`] (folder) | small-study effects and publication bias: Egger, PET-PEESE, the rank test, trim and fill, fail-safe N, the selection model |
//! | [`models`] (folder) | models of the studies' 2×2 tables rather than of effect sizes: Mantel–Haenszel and Peto (`rma.mh`, `rma.peto`) |
//! | [`input`] | the studies from a CSV file: estimates and variances, or raw columns through `escalc`; labels; moderators |
//! | [`rma`] | [`fit`]: the model as `trialstats meta` reports it, [`MetaFit`] |
//! | [`compare`] | the likelihood-ratio test of two nested models fitted by ML (`anova(res1, res2)`) |
//! | [`review`] | the analyses a review adds to the fit (subgroups, publication bias, cumulative) |
//! | [`output`] (folder) | the fit as tables and text (its charts are `trialstats-charts`' `meta_charts`) |
//!
//! Cost is O(k·p²) time and O(k·p) memory per evaluation: no k×k matrix is formed.
//!
//! Agreement with metafor (3.8-1; see `tests/meta_metafor.rs`): every number to 1e-8
//! relative when metafor is run to tight tolerances. Where metafor's defaults stop early
//! this module returns the exact value instead: the Paule–Mandel root and the Q-profile
//! bounds (metafor's `uniroot` tolerance 1.2e-4 leaves them ~1e-4 off), ML/REML/EB (Fisher
//! scoring stopped at a change below 1e-5: ~1e-7 off); a Q-profile upper bound beyond
//! metafor's search limit `max(100, 10 τ̂²)`, which metafor prints as "> 100", is found
//! rather than clamped; and a likelihood maximum on the boundary is exactly τ² = 0 (metafor
//! can stop up to about 1e-5 above it when its iterations start from a positive Hedges
//! estimate).
//!
//! ```
//! # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
//! use std::path::Path;
//! use trialstats_stats::meta::input::{read_csv, Columns, Effects};
//! use trialstats_stats::meta::{fit, MetaOptions};
//! // The BCG trials' log risk ratios (tests/data/bcg.csv). R: dat <- read.csv("tests/data/bcg.csv");
//! // res <- rma(yi, vi, data = dat, control = list(threshold = 1e-12, maxiter = 1000, tol = 1e-12))
//! // gives -0.71453234215813966 (SE 0.1797815161052069), tau^2 0.3132432581364859,
//! // I^2 92.221384521269073 %, QE 152.23300808237329 (metafor 3.8-1, tests/data/metafor_cases.rs).
//! let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
//! let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
//! let bcg = read_csv(Path::new("tests/data/bcg.csv"), &columns)?;
//! let res = fit(&bcg, &MetaOptions::default())?;
//! assert!((res.estimate - -0.71453234215813966).abs() < 1e-8);
//! assert!((res.tau2 - 0.3132432581364859).abs() < 1e-8);
//! assert!((res.i2 - 92.221384521269073).abs() < 1e-6);
//! assert!((res.q - 152.23300808237329).abs() < 1e-8);
//! # Ok::<(), trialstats_stats::Error>(())
//! ```

pub mod bayes;
pub mod bias;
pub mod compare;
pub mod fitting;
pub mod input;
pub mod models;
pub mod output;
pub mod review;
pub mod rma;
pub mod subsets;

pub use bias::egger::{Egger, PetPeese};
pub use bias::failsafe::FailSafeN;
pub use bias::ranktest::RankTest;
pub use bias::selmodel::SelectionModel;
pub use bias::trimfill::TrimFill;
pub use fitting::model::{Coefficient, FittedModel, TestedEstimate};
pub use fitting::moderators::{Moderator, ModeratorValues};
pub use fitting::spec::{MAX_REFITS, MetaData, MetaOptions, Method, Tau2Interval, Test, validate};
pub use output::report::Studies;
pub use review::ReviewRequest;
pub use rma::{FEW_STUDIES, MetaFit, StudyResult, fit};
pub use subsets::influence::{BaujatPoint, Influence, InfluenceRow, LeaveOneOut, LeaveOneOutRow};
pub use subsets::subgroup::SubgroupTest;
pub use subsets::subset::SubsetSummary;
