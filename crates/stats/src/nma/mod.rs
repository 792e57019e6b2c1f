//! Network meta-analysis of pairwise contrasts, as the R package netmeta does it (Rücker
//! 2012, *Res Synth Methods* 3:312; Rücker & Schwarzer 2015; Krahn, König & Binder 2013):
//! common-effect and random-effects models with multi-arm trials handled exactly, τ² by
//! netmeta's generalised DerSimonian–Laird or by REML (`rma.mv` with `rho = 1/2`), Q and its
//! split into within and between designs, I² with its interval, node splitting by
//! back-calculation, P-scores and the league table.
//!
//! The model is fitted by the block-diagonal GLS of [`crate::meta::fitting::block_gls`]: one
//! block per study, its basic contrasts with their exact covariance; netmeta's reduced
//! weights give the same estimates (see [`network`]).
//!
//! | file | owns |
//! |---|---|
//! | [`network`] | the treatments, studies and contrasts, their checks (self-comparisons, multi-arm studies whose contrasts or SEs do not fit together, a disconnected network), the model's blocks |
//! | [`input`] | the contrasts from a CSV file: given, from arms (escalc measures with netmeta's zero-cell increment), or from printed ratios |
//! | [`ratio`] | a log ratio and its SE from a printed ratio with its CI or p, O − E with V, or events with a log-rank p |
//! | [`model`] | one model's estimates and their covariance, every pairwise contrast |
//! | [`heterogeneity`] | Q, Q within and between designs, I² with its interval |
//! | [`split`] | node splitting by back-calculation |
//! | [`rank`] | P-scores |
//! | [`analysis`] | both models and everything derived: what `trialstats nma` reports |
//! | [`report`] | the analysis as text |
//!
//! Agreement (tests/nma_reference.rs): netmeta's formulas written out in R and metafor's
//! `rma.mv`, to 1e-6 or better on three networks, two with multi-arm trials.

pub mod analysis;
pub mod heterogeneity;
pub mod input;
pub mod model;
pub mod network;
pub mod rank;
pub mod ratio;
pub mod report;
pub mod split;

pub use analysis::{NmaOptions, NmaResult, Tau2Method, analyse};
pub use network::{Contrast, Network};
pub use rank::SmallValues;
