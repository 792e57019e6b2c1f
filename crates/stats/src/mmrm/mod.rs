//! Mixed models for repeated measures (MMRM): a linear model of a longitudinal response with
//! an unstructured (or compound-symmetry, autoregressive, Toeplitz, their heterogeneous forms,
//! diagonal) covariance of each subject's visits, optionally one per arm, and no random effects, fitted by REML or ML, as the R package mmrm and SAS PROC
//! MIXED `REPEATED visit / SUBJECT=id TYPE=UN` fit it. Missing visits are missing at random:
//! each subject contributes the visits it has. Fixed effects get Satterthwaite or
//! Kenward–Roger df from [`crate::lmm::inference`], and least-squares means and their
//! differences per visit from [`crate::lmm::emmeans`].
//!
//! The usual primary analysis of a trial, on the mmrm package's `fev_data` (a copy is in
//! `tests/data/`); the arm difference at the last visit equals SAS PROC MIXED's (SE 1.6805,
//! DF 133, as held by mmrm's tests) and emmeans on nlme::gls (estimate 4.39853686060):
//!
//! ```
//! # fn main() -> trialstats_stats::Result<()> {
//! # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
//! use std::path::Path;
//! use trialstats_stats::lmm::inference::Ddf;
//! use trialstats_stats::mmrm::{fit_csv, MmrmOptions};
//! let options = MmrmOptions { reml: true, ddf: Ddf::Satterthwaite, level: Default::default() };
//! let path = Path::new("tests/data/fev_data.csv");
//! let m = fit_csv(&path, "FEV1 ~ RACE + SEX + ARMCD * AVISIT + us(AVISIT | USUBJID)", options)?
//!     .with_contrast("ARMCD", &[])?; // the arm difference at every visit
//! let last = m.fit.contrasts.as_ref().unwrap().last().unwrap();
//! assert_eq!((last.contrast.as_str(), last.at.as_str()), ("PBO - TRT", "AVISIT=VIS4"));
//! assert!((-last.estimate - 4.39853686060).abs() < 1e-5);
//! assert!((last.se - 1.6805).abs() < 1e-4);
//! assert_eq!(last.df.round(), 133.0);
//! # Ok(())
//! # }
//! ```
//!
//! | file | owns |
//! |---|---|
//! | [`formula`] | `y ~ fixed + us(visit \| subject)`: the covariance term and the fixed part |
//! | [`covariance`] | the structures in SAS's parametrisation, `Σ(θ)` and its first and second derivatives; one θ per group |
//! | [`patterns`] | rows by subject, subjects by their group and set of visits, and the per-pattern cross-products |
//! | [`criterion`] | `−2ℓ` (REML, ML), its gradient and Hessians, and the marginal sums for inference |
//! | [`fit`](mod@fit) | checks, the optimiser, the fitted model and its contrasts |
//! | [`summary`] | the printed summary |

pub mod covariance;
pub mod criterion;
pub mod fit;
pub mod formula;
pub mod patterns;
pub mod summary;

pub use covariance::Structure;
pub use fit::{Mmrm, MmrmFit, MmrmOptions, fit, fit_csv, fit_csv_grouped, fit_csv_with_references};
pub use formula::MmrmFormula;
