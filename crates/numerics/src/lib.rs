//! # trialstats-numerics
//!
//! The ground floor of [trialstats](https://docs.rs/trialstats): what every statistical routine
//! and every document reader above it shares, and nothing that knows about trials. It depends
//! on no other trialstats crate.
//!
//! | module | owns |
//! |---|---|
//! | [`error`] | the error type and exit-code semantics ([`Error`], [`Outcome`]) |
//! | [`dist`] | distribution functions (quantiles and tail probabilities) |
//! | [`optimize`] | minimisation: R's `optimize` (Brent), a box-constrained Newton method, the bounded quasi-Newton (BFGS) method of the mixed models |
//! | [`likelihood_ratio`] | the one likelihood-ratio test of two nested models |
//! | [`root`] | root finding: Brent's bracketed method, safeguarded Newton, R's `uniroot` step for step |
//! | [`derivatives`] | numerical Jacobians and Hessians by extrapolated central differences, as R's numDeriv |
//! | [`special`] | the polygamma functions ψ, ψ′, ψ″ (R's `digamma`, `trigamma`, `psigamma`) |
//! | [`quadrature`] | the one fixed quadrature rule (Gauss–Legendre on panels) |
//! | [`weighted_chisq`] | the distribution of a weighted sum of χ²₁ variables (Imhof 1961) |
//! | [`dense`] | small dense linear algebra on row-major slices: the one Cholesky factorisation, triangular solves, the inverse from a factor |
//! | [`level`] | the one confidence level (a probability in (0, 1), its z and t quantiles) |
//! | [`csv_file`] | the one CSV reader: named columns, missing values, errors with file, line and column |
//! | [`reported`] | a number as it was written (its decimals, its rounding), p-values, spreads and scales as reported |
//! | [`number_list`] | comma-separated numbers given to one option: the one reader |
//! | [`model_matrix`] | fixed-effects design matrices from a formula's terms (treatment coding) |
//! | [`output`] | output formats (table, JSON, CSV, JUnit XML) behind one trait |
//! | [`whole_file`] | the one way a file is written: whole or not at all, never over its input |
//! | `counters` | (debug builds) counts of expensive work, for tests that assert it is done once |
//!
//! ```
//! use trialstats_numerics::dist;
//! // R: qnorm(0.975)
//! assert!((dist::qnorm(0.975) - 1.959963984540054).abs() < 1e-12);
//! ```

#[cfg(debug_assertions)]
pub mod counters;
pub mod csv_file;
pub mod dense;
pub mod derivatives;
pub mod dist;
pub mod error;
pub mod level;
pub mod likelihood_ratio;
pub mod model_matrix;
pub mod number_list;
pub mod optimize;
pub mod output;
pub mod quadrature;
pub mod reported;
pub mod root;
pub mod special;
pub mod weighted_chisq;
pub mod whole_file;

pub use error::{Error, Outcome, Result};
