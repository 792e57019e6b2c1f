//! The consistency checks, with the two that read text: every check of
//! `trialstats_stats::checks` (GRIM, GRIMMER, DEBIT, bounds, SPRITE, percent vs count), and
//!
//! | file | owns |
//! |---|---|
//! | [`reported_test`] | a reported t, F, χ², r, z or Q against its p-value, statcheck's options, and scanning texts for them (statcheck; Nuijten et al. 2016) |
//! | [`text_folder`] | `check text` on a folder: every plain-text, HTML and PDF document in it, the unreadable ones listed (statcheck's `checkdir`) |
//!
//! They live here, not with the statistics, because finding a test statistic in prose needs the
//! text layer (patterns, numbers as printed, PDF reading).

pub use trialstats_stats::checks::*;

pub mod reported_test;
pub mod text_folder;
