//! What the page can refuse.
//!
//! [`Error`] is this crate's own: the refusals every layer shares ([`Error::Refused`]: an
//! edit's field, a port out of range), the lower layers' own failures passed up as they are,
//! and the one failure only the page has: the server itself cannot run ([`Error::Server`]).
//! The constructors and field naming come from [`trialstats_numerics::layer_error!`].

pub use trialstats_numerics::Error as Refusal;

/// A refusal of the page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A refusal every layer shares.
    #[error(transparent)]
    Refused(#[from] Refusal),

    /// A failure of the statistics' own kind, as the statistics said it.
    #[error(transparent)]
    Statistics(trialstats_stats::Error),

    /// A failure of the documents' own kind (a file that is no readable document).
    #[error(transparent)]
    Documents(trialstats_documents::Error),

    /// A failure of the charts' own kind (a chart that cannot be drawn or encoded).
    #[error(transparent)]
    Charts(trialstats_charts::Error),

    /// The server cannot start or stopped (its runtime, its address); the message says which.
    #[error("the server {0}")]
    Server(String),
}

trialstats_numerics::layer_error!(Error);

trialstats_numerics::passes_up!(Error from trialstats_stats::Error => Statistics);

impl From<trialstats_documents::Error> for Error {
    fn from(e: trialstats_documents::Error) -> Self {
        trialstats_charts::Error::from(e).into()
    }
}

trialstats_numerics::passes_up!(Error from trialstats_charts::Error => Charts, keeping Statistics, Documents);

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;
