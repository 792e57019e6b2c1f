//! What the library can refuse, as one error for a caller of the facade.
//!
//! Each library crate has its own error enum (`trialstats_stats::Error`,
//! `trialstats_documents::Error`, …), each holding the refusals every layer shares
//! ([`Refusal`]: bad input at a place, a field out of its range, a usage, an I/O failure,
//! arithmetic that cannot be done) beside its own failures. [`Error`] gathers them for a
//! caller that uses several crates through this facade, with each shared refusal in
//! [`Error::Refused`] whichever crate refused, so that one `match` sees them all. The
//! command line maps every error to exit code 2 and names each request field as its option
//! ([`Error::naming_fields`]). A check that *finds a problem* is no error (see [`Outcome`]).
//!
//! ```
//! use trialstats::prelude::*;
//! use trialstats::{error::Refusal, Error};
//! // A level outside (0, 1) is a field out of its range, in the library's own terms.
//! let e: Error = trialstats::level::ConfidenceLevel::new(1.5).unwrap_err().into();
//! assert!(matches!(e, Error::Refused(Refusal::Field { field: "level", .. })));
//! # let _ = grim_check("5.19", 28)?;
//! # Ok::<(), trialstats::Error>(())
//! ```

/// Each crate's own error, for a caller of one crate's functions through the facade.
pub use trialstats_documents::Error as DocumentsError;
pub use trialstats_numerics::Error as Refusal;
pub use trialstats_numerics::error::{Outcome, fields_named_plainly, fields_named_with};
pub use trialstats_stats::Error as StatisticsError;

/// A refusal of any of the library crates.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A refusal every layer shares, whichever crate refused.
    #[error(transparent)]
    Refused(#[from] Refusal),

    /// A failure of the statistics' own kind (a singular matrix, a search that did not
    /// converge).
    #[error(transparent)]
    Statistics(trialstats_stats::Error),

    /// A failure of the documents' own kind (a file that is no readable document).
    #[error(transparent)]
    Documents(trialstats_documents::Error),

    /// A failure of the charts' own kind (a chart that cannot be drawn or encoded).
    #[cfg(feature = "charts")]
    #[error(transparent)]
    Charts(trialstats_charts::Error),

    /// A failure of the page's own kind (its server cannot run).
    #[cfg(feature = "cli")]
    #[error(transparent)]
    Page(trialstats_page::Error),
}

trialstats_numerics::layer_error!(Error);

trialstats_numerics::passes_up!(Error from trialstats_stats::Error => Statistics);

trialstats_numerics::passes_up!(Error from trialstats_documents::Error => Documents, keeping Statistics);

#[cfg(feature = "charts")]
trialstats_numerics::passes_up!(Error from trialstats_charts::Error => Charts, keeping Statistics, Documents);

#[cfg(feature = "cli")]
trialstats_numerics::passes_up!(Error from trialstats_page::Error => Page, keeping Statistics, Documents, Charts);

/// Result alias of the facade.
pub type Result<T> = std::result::Result<T, Error>;
