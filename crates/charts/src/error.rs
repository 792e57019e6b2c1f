//! What drawing a chart can refuse.
//!
//! [`Error`] is this crate's own: the refusals every layer shares ([`Error::Refused`]: a CSV
//! row, a width out of range), the statistics' and the documents' own failures passed up as
//! they are, and the failures only this crate has: a chart the backend cannot draw ([`Error::Draw`]),
//! a picture that cannot be encoded ([`Error::Encode`]). The constructors and field naming come from
//! [`trialstats_numerics::layer_error!`], written there once for every layer.

/// The refusals every layer shares, as this crate matches on them.
pub use trialstats_numerics::Error as Refusal;
pub use trialstats_numerics::error::{Outcome, fields_named_plainly};

/// A refusal of the charts layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A refusal every layer shares: bad input at a row or column, a field out of range, a
    /// usage, an I/O failure, arithmetic that cannot be done.
    #[error(transparent)]
    Refused(#[from] Refusal),

    /// A failure of the statistics' own kind (a singular matrix, a search that did not
    /// converge), as the statistics said it.
    #[error(transparent)]
    Statistics(trialstats_stats::Error),

    /// A failure of the documents' own kind (a file that is no readable document), as the
    /// documents layer said it.
    #[error(transparent)]
    Documents(trialstats_documents::Error),

    /// The drawing backend (plotters) failed; the message is its own.
    #[error("the chart could not be drawn: {0}")]
    Draw(String),

    /// A drawn chart could not be encoded in `format` (`PNG`); `message` is the encoder's.
    #[error("the {format} could not be encoded: {message}")]
    Encode {
        format: &'static str,
        message: String,
    },
}

trialstats_numerics::layer_error!(Error);

trialstats_numerics::passes_up!(Error from trialstats_stats::Error => Statistics);

trialstats_numerics::passes_up!(Error from trialstats_documents::Error => Documents, keeping Statistics);

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;

/// The result of a callback that the layer below runs (a root search's function, a CSV row
/// reader), which returns the shared refusal: the numerics crate's own `Result`.
pub use trialstats_numerics::Result as RefusalResult;
