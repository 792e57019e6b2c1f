//! How a fitted meta-analysis is shown.
//!
//! | file | owns |
//! |---|---|
//! | [`report`] | the fit as tables and text |
//! | [`chart`] | the fit as forest, funnel, Baujat and bubble charts |

#[cfg(feature = "charts")]
pub mod chart;
pub mod report;
