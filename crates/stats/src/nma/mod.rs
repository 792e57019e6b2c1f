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
//!
//! ```
//! # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
//! use std::path::Path;
//! use trialstats_numerics::csv_file::CsvFile;
//! use trialstats_numerics::level::ConfidenceLevel;
//! use trialstats_stats::nma::input::{read_contrasts, ContrastColumns};
//! use trialstats_stats::nma::{analyse, Network, NmaOptions, SmallValues, Tau2Method};
//! // netmeta's Franchini et al. (2012) Parkinson's network (tests/data/nma/franchini2012.csv).
//! let file = CsvFile::read(Path::new("tests/data/nma/franchini2012.csv"))?;
//! let network = Network::from_contrasts("franchini2012", &read_contrasts(&file, &ContrastColumns::default())?)?;
//! let options = NmaOptions {
//!     reference: Some("Placebo".into()),
//!     level: ConfidenceLevel::NINETY_FIVE,
//!     small_values: SmallValues::Good,
//!     method: Tau2Method::DerSimonianLaird,
//!     exp: false,
//!     scale: "given".into(),
//! };
//! let r = analyse(&network, &options)?;
//! // R (benches/nma_reference.R, metafor 3.8.1): the common-effect rma.mv of the basic
//! // contrasts, and netmeta's formulas written out, give Pramipexole − Placebo
//! // -1.81155332088742 (SE 0.332668071697028) and Q 2.28789024087262 on 4 df
//! // (tests/common/nma_reference_values.rs).
//! let pramipexole = r.common.effects.iter().find(|e| e.treatment == "Pramipexole").unwrap();
//! assert!((pramipexole.estimate - -1.81155332088742).abs() < 1e-6);
//! assert!((pramipexole.se - 0.332668071697028).abs() < 1e-6);
//! assert!((r.heterogeneity.q - 2.28789024087262).abs() < 1e-6);
//! assert_eq!(r.heterogeneity.df, 4);
//! # Ok::<(), trialstats_stats::Error>(())
//! ```

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
