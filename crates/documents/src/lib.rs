//! # trialstats-documents
//!
//! The documents of [trialstats](https://docs.rs/trialstats): a trial report's text read into a
//! study file with a quote per number, the study files loaded and validated, what an
//! unlabelled ± means, the pinned expectations, and the analysis and report of every study.
//! It depends on `trialstats-numerics` and `trialstats-stats`; it draws nothing (the charts
//! are `trialstats-charts`, above it).
//!
//! | module | owns |
//! |---|---|
//! | [`error`] | what reading can refuse: the shared refusals, the statistics' own failures, a file that is no readable document |
//! | [`text`] | running text made plain (full-width forms, signs, ligatures, PDF artefacts) and the one reader of numbers in prose, with spans back to the original |
//! | [`draft`] | from a document's text to a drafted study file: every number found, its structure (arms, measures, time points) decided or marked for review, and `check text`'s checks |
//! | [`checks`] | every consistency check of `trialstats-stats`, with the two that read text (statcheck's reported tests, a folder of documents) |
//! | [`reading`] | what an unlabelled `±` means (SD, SEM, SE of an adjusted mean), decided from the p, CI, t, scale and claims the document prints |
//! | [`study`] | the study data files: reported numbers, their scales and provenance; loading and validation |
//! | [`verify`] | expectations pinned in the data (derived numbers a document reports) and their recomputation |
//! | [`analysis`] | every analysis of a study, computed once: measures, arms, slopes, conversions, checks, pooling, the confirmatory trial |
//! | [`report`] | the main job's text: every study, every measure, as one readable report |
//!
//! ```
//! use trialstats_documents::text::PlainText;
//! // A full-width minus after a kanji is a sign: 投与群－2.15 reads as −2.15.
//! let plain = PlainText::new("投与群－2.15");
//! assert!(plain.text.contains("-2.15"));
//! ```

pub mod analysis;
pub mod checks;
pub mod draft;
pub mod error;
pub mod reading;
pub mod report;
pub mod study;
pub mod text;
pub mod verify;

// The layers below, named at this crate's root so that every module reaches them as
// `crate::dist`, `crate::effect`, … as it did when the crates were one.
use trialstats_numerics::{csv_file, dist, level, output, reported};
use trialstats_stats::{convert, effect, expression, lmm, meta, mmrm, power, prepost};

pub use error::{Error, Outcome, Result};
