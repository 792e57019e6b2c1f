//! Running text as documents print it: what every reader of prose (statcheck's `check text`,
//! the drafting of study files) needs before it looks for results.
//!
//! | file | owns |
//! |---|---|
//! | [`document`] | [`Document`]: a file read as running text, whether plain text, a web page (HTML) or a PDF's text layer; empty, binary and non-UTF-8 files refused by name |
//! | [`plain`] | [`PlainText`]: a text with full-width forms, typographic signs, ligatures, soft hyphens and PDF artefacts made plain, each byte mapped back to the original for quoting |
//! | [`window`] | the few words before or after a byte, bounded by a width and a limit, never cutting a character |
//! | [`number`] | [`TextNumber`]: one number as running text prints it (signs, thousands separators, decimal commas, scientific notation, `l` for 1 in degrees of freedom), with the regular-expression pieces that find it |
//!
//! One reader of numbers for every command that reads text: a number found here reads the same
//! whichever command found it. Nothing here knows about tests or checks; it builds on
//! [`crate::reported::ReportedNumber`] only.

pub mod document;
pub mod number;
pub mod plain;
pub mod window;

pub use document::{Document, DocumentKind};
pub use number::TextNumber;
pub use plain::PlainText;
