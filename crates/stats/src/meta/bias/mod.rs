//! Small-study effects and publication bias.
//!
//! | file | owns |
//! |---|---|
//! | [`egger`] | Egger's regression test, PET-PEESE |
//! | [`ranktest`] | Begg and Mazumdar's rank correlation test (Kendall's τ) |
//! | [`trimfill`] | Duval and Tweedie's trim and fill (L0, R0) |
//! | [`failsafe`] | fail-safe N (Rosenthal, Orwin, Rosenberg) |
//! | [`selmodel`] | selection models (step function, beta, half-normal, negative-exponential, logistic, power) |

pub mod egger;
pub mod failsafe;
pub mod ranktest;
pub mod selmodel;
pub mod trimfill;
