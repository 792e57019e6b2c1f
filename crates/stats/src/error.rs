//! What the statistics can refuse.
//!
//! [`Error`] is this crate's own: the refusals every layer shares (a field out of its range,
//! bad input at a row, a combination not allowed, arithmetic that cannot be done) as
//! [`Error::Refused`], and the two failures a fitting routine has that a caller may want to
//! act on (refit with a simpler model, report that the search did not end) as their own
//! variants. The constructors and field naming come from
//! [`trialstats_numerics::layer_error!`], written there once for every layer.
//!
//! ```
//! use trialstats_stats::Error;
//! let e = Error::singular("XᵀX", "XᵀX is not positive definite (rank-deficient design)".into());
//! assert!(matches!(e, Error::SingularMatrix { matrix: "XᵀX", .. }));
//! assert_eq!(e.to_string(), "XᵀX is not positive definite (rank-deficient design)");
//! // A level outside (0, 1) is a field out of its range, named as the library names it.
//! let e = Error::field("level", "1.5: a confidence level must be between 0 and 1");
//! assert_eq!(e.to_string(), "level: 1.5: a confidence level must be between 0 and 1");
//! ```

/// The refusals every layer shares, as this crate matches on them (`Error::Refused(Refusal::Field { .. })`).
pub use trialstats_numerics::Error as Refusal;
pub use trialstats_numerics::error::{Outcome, fields_named_plainly};

/// A refusal of the statistics: the shared refusals, or a failure of a model's arithmetic.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A refusal every layer shares: bad input, a field out of range, a usage, an I/O failure,
    /// arithmetic that cannot be done (the message says why).
    #[error(transparent)]
    Refused(#[from] trialstats_numerics::Error),

    /// A matrix the model must factor or invert is singular or not positive definite (a
    /// design that does not identify the model, a covariance at its boundary): `matrix` names
    /// it as the method's paper writes it, `message` says what it means here.
    #[error("{message}")]
    SingularMatrix {
        matrix: &'static str,
        message: String,
    },

    /// An iterative search stopped without its answer (a likelihood not maximised, a root
    /// not found in its steps): `search` names it, `message` says how it stopped.
    #[error("{message}")]
    NotConverged {
        search: &'static str,
        message: String,
    },
}

trialstats_numerics::layer_error!(Error);

impl Error {
    /// `matrix` is singular or not positive definite; `message` is what the user reads.
    pub fn singular(matrix: &'static str, message: String) -> Self {
        Error::SingularMatrix { matrix, message }
    }

    /// The search `search` stopped without its answer; `message` is what the user reads.
    pub fn not_converged(search: &'static str, message: String) -> Self {
        Error::NotConverged { search, message }
    }
}

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;

/// The result of a callback that the layer below runs (a root search's function, a CSV row
/// reader), which returns the shared refusal: the numerics crate's own `Result`.
pub use trialstats_numerics::Result as RefusalResult;
