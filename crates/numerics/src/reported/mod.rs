//! What a document reports, and what it does not: the vocabulary every layer above shares.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`Reported`]: a value, or the explicit statement that it is not reported |
//! | [`number`] | [`ReportedNumber`]: a number exactly as printed (`"3.0"` keeps its decimal) |
//! | [`p_value`] | [`ReportedP`]: a p-value as printed, exact (`0.411`) or a bound (`< 0.001`), with its rounding; [`Relation`] |
//! | [`spread`] | [`SpreadKind`]: what the `±` means (SD, SEM, not reported) and SD ↔ SEM; [`Adjusted`]: whether a comparison was adjusted |
//! | [`exact`] | rounding rules, the interval of true values that round to a printed number, scale grids, exact integer arithmetic (the GRIM family's) |
//! | [`scale`] | [`Scale`]: the bounds and step of a score, and the largest SD they allow |
//!
//! Nothing here knows about study files, checks or charts; they all build on these types.

pub mod exact;
pub mod number;
pub mod p_value;
pub mod scale;
pub mod spread;

pub use number::ReportedNumber;
pub use p_value::{Relation, ReportedP};
pub use scale::Scale;
pub use spread::{Adjusted, SpreadKind};

use serde::Serialize;

/// The text data files and printouts use for something a document does not report.
pub const NOT_REPORTED: &str = "not reported";

/// A value the document reports, or the explicit statement that it does not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reported<T> {
    /// The document gives this value.
    Value(T),
    /// The document does not give it (serialised as the string `"not reported"`).
    #[serde(serialize_with = "serialize_not_reported")]
    NotReported,
}

fn serialize_not_reported<S: serde::Serializer>(s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(NOT_REPORTED)
}

impl<T> Reported<T> {
    /// The value, if reported.
    ///
    /// ```
    /// use trialstats_numerics::reported::Reported;
    /// assert_eq!(Reported::Value(7).value(), Some(&7));
    /// let missing: Reported<u32> = Reported::NotReported;
    /// assert_eq!((missing.value(), missing.is_reported()), (None, false));
    /// assert_eq!(missing.to_string(), "not reported");
    /// ```
    pub fn value(&self) -> Option<&T> {
        match self {
            Reported::Value(v) => Some(v),
            Reported::NotReported => None,
        }
    }

    /// Whether the document gives the value.
    pub fn is_reported(&self) -> bool {
        matches!(self, Reported::Value(_))
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Reported<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reported::Value(v) => v.fmt(f),
            Reported::NotReported => f.write_str(NOT_REPORTED),
        }
    }
}
