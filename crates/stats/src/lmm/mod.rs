//! Linear mixed models of longitudinal scores (lme4's `lmer`): the profiled criterion of
//! Bates et al. (2015).
//!
//! ```
//! # fn main() -> trialstats_stats::Result<()> {
//! # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
//! use std::path::Path;
//! use trialstats_stats::lmm::fit_csv_with_frame;
//! // lme4's sleepstudy: lmer(Reaction ~ Days + (Days | Subject), sleepstudy) gives
//! // REMLcrit 1743.6282719599519 and fixef 251.40510484848497, 10.467285959595987.
//! let (fit, frame) = fit_csv_with_frame(
//!     Path::new("tests/data/sleepstudy.csv"),
//!     "Reaction ~ Days + (Days | Subject)",
//!     true, // REML
//! )?;
//! assert!((fit.fixed[0].estimate - 251.40510484848497).abs() < 1e-6);
//! assert!((fit.fixed[1].estimate - 10.467285959595987).abs() < 1e-6);
//! // Observed points with the population and per-subject fitted lines, for charts.
//! let lines = fit.trajectories(&frame, "Days")?;
//! # let _ = lines;
//! # Ok(())
//! # }
//! ```
//!
//! | file | owns |
//! |---|---|
//! | [`formula`] | the formula parser (subset of lme4's syntax) |
//! | [`frame`] | the used columns (read by [`crate::csv_file`]); missing values; factor levels |
//! | [`design`] | the fixed-effect model matrix X and its coding; rank check |
//! | [`random`] | random-effect terms and grouping factors (`a:b`, nested), Z, and θ ↔ Λθ |
//! | [`criterion`] | one grouping factor: per-group cross-products and the profiled deviance / REML criterion |
//! | [`blocked`] | several grouping factors (nested, crossed): the criterion by blocked Cholesky algebra |
//! | `optimize` | the bounded optimiser over θ: `trialstats-numerics`' `optimize::quasi_newton`, shared with `meta` and `glmm` |
//! | [`fit`](mod@fit) | the fitted model and its output |
//! | [`fitted`] | what a fit's charts are drawn from (fitted values, conditional modes, residuals), an lme4-style fit's or one with correlated residuals alike |
//! | [`fitted_model`] | what every fitted model offers, either kind: its df (`with_ddf`, written once), its charts' values, its conditional modes |
//! | [`residual`] | random effects with correlated residuals within a subject (nlme's `lme` with `corAR1` / `corCAR1` / `corCompSymm`), by dense per-subject algebra, and their df |
//! | [`marginal`] | the marginal covariance Σ(φ) by blocks of rows, and the sums over rows that small-sample inference needs (linear algebra only) |
//! | [`ddf`] | the choice of denominator df (`--ddf`), recorded by the fit |
//! | [`inference`] | Satterthwaite, Kenward–Roger and containment df, t and F tests of contrasts of β̂ |
//! | [`containment`] | nlme's containment ("inner-outer") df of each coefficient and term, one grouping factor |
//! | `deviance_derivatives` | Satterthwaite's df from numerical derivatives of the deviance in (θ, σ), as lmerTest: where the exact sums of the marginal covariance's blocks would be too large or too costly, and for correlated residuals |
//! | [`anova`](mod@anova) | type III hypotheses of the fixed terms and their F tests |
//! | [`emmeans`](mod@emmeans) | estimated marginal means of a categorical variable and their pairwise differences |
//! | [`summary`] | the fit with its anova and marginal means, as `trialstats lmm` prints them |
//! | [`compare`](mod@compare) | the likelihood-ratio test of nested models |

pub mod anova;
pub mod blocked;
pub mod compare;
pub mod containment;
pub mod criterion;
pub mod ddf;
pub mod design;
mod deviance_derivatives;
pub mod emmeans;
pub mod fit;
pub mod fitted;
pub mod fitted_model;
pub mod formula;
pub mod frame;
pub mod inference;
pub mod marginal;
pub mod random;
pub mod residual;
pub mod summary;

pub use compare::{LikelihoodRatioTest, compare, compare_csv};
pub use fit::{
    FactorModes, GroupingFactor, LmmFit, Trajectory, TrajectoryPoint, fit, fit_csv,
    fit_csv_with_frame, fit_csv_with_references,
};
pub use fitted_model::FittedModel;
pub use formula::Formula;
pub use frame::{Frame, ReferenceLevels};
