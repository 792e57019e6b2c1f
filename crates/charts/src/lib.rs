//! # trialstats-charts
//!
//! The charts of [trialstats](https://docs.rs/trialstats), as SVG and PNG with an embedded
//! font: the chart kinds themselves ([`plot`]), each model's fit as a chart, and the report's
//! gallery. It sits above every other library crate of trialstats (the charts show what the
//! statistics computed and what the documents said) and below only the command line.
//!
//! | module | owns |
//! |---|---|
//! | [`error`] | what drawing can refuse: the shared refusals, the lower layers' own failures, a chart that cannot be drawn or encoded |
//! | [`plot`] | every chart kind as a plain input struct, rendering (plotters, resvg), the gallery folder |
//! | [`meta_charts`] | a meta-analysis as forest, funnel, Baujat, bubble and posterior charts |
//! | [`nma_charts`] | a network meta-analysis as forest, node-split forest, network graph and league table |
//! | [`lmm_charts`] | a linear mixed model as trajectories, residual QQ plot and caterpillar plot |
//! | [`glmm_charts`] | a generalised linear mixed model's observed against fitted values by level |
//! | [`mmrm_charts`] | an MMRM's least-squares means per arm over visits |
//! | [`power_charts`] | a power sweep, and a survival design's expected events over time |
//! | [`report_charts`] | which charts a report draws, written into a folder with its index |
//!
//! ```
//! use trialstats_charts::plot::{render_svg, Canvas, ProportionChart};
//! use trialstats_numerics::level::ConfidenceLevel;
//! // 5 of 7 patients relapse-free, with its exact (Clopper–Pearson) 95 % interval, as SVG.
//! let chart = ProportionChart::exact(
//!     "Relapse-free at one year",
//!     ConfidenceLevel::new(0.95)?,
//!     vec![("tocilizumab".to_string(), 5, 7)],
//! );
//! let svg = render_svg(&chart.into(), Canvas::default())?;
//! assert!(svg.starts_with("<svg") && svg.contains("tocilizumab"));
//! # Ok::<(), trialstats_numerics::Error>(())
//! ```

pub mod check_charts;
pub mod error;
pub mod glmm_charts;
pub mod lmm_charts;
pub mod meta_charts;
pub mod mmrm_charts;
pub mod nma_charts;
pub mod plot;
pub mod power_charts;
pub mod report_charts;

// The layers below, named at this crate's root so that every module reaches them as
// `crate::effect`, `crate::report`, … as it did when the crates were one.
use trialstats_documents::{analysis, reading, report, study};
use trialstats_numerics::{csv_file, dist, level, output, reported};
use trialstats_stats::{effect, glmm, lmm, meta, mmrm, nma, prepost};

pub use error::{Error, Outcome, Result};
