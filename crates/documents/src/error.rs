//! What reading documents and study files can refuse.
//!
//! [`Error`] is this crate's own: the refusals every layer shares ([`Error::Refused`]: a study
//! file's key out of range, a row that cannot be read), the statistics' own failures passed
//! up as they are ([`Error::Statistics`]), and the one failure only this crate has: a file
//! that is no readable document ([`Error::UnreadableDocument`]: binary data, another encoding,
//! a damaged PDF). The constructors and field naming come from
//! [`trialstats_numerics::layer_error!`], written there once for every layer.
//!
//! ```
//! use trialstats_documents::{text::Document, Error};
//! let e = Document::from_bytes("scan.txt", b"\x00\x01").unwrap_err();
//! assert!(matches!(e, Error::UnreadableDocument { .. }));
//! assert!(e.to_string().starts_with("scan.txt: a binary file"));
//! ```

/// The refusals every layer shares, as this crate matches on them.
pub use trialstats_numerics::Error as Refusal;
pub use trialstats_numerics::error::{Outcome, fields_named_plainly};

/// A refusal of the documents layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A refusal every layer shares: bad input at a file and line, a field out of range, a
    /// usage, an I/O failure, arithmetic that cannot be done.
    #[error(transparent)]
    Refused(#[from] Refusal),

    /// A failure of the statistics' own kind (a singular matrix, a search that did not
    /// converge), as the statistics said it. Never a shared refusal: those are `Refused`.
    #[error(transparent)]
    Statistics(trialstats_stats::Error),

    /// The file is no document this crate reads (binary data, text that is not UTF-8, a PDF
    /// whose text cannot be extracted, over the size read): `document` names it, `message`
    /// says what it is and what to give instead.
    #[error("{document}: {message}")]
    UnreadableDocument { document: String, message: String },
}

trialstats_numerics::layer_error!(Error, UnreadableDocument { document, message });

trialstats_numerics::passes_up!(Error from trialstats_stats::Error => Statistics);

impl Error {
    /// `document` is no document this crate reads; `message` says why and what to give.
    pub fn unreadable(document: &str, message: impl Into<String>) -> Self {
        Error::UnreadableDocument {
            document: document.to_string(),
            message: message.into(),
        }
    }
}

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;
