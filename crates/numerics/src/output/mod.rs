//! Output formats: one small file per format behind one trait (as hyperfine's `export`).
//!
//! A result that can be printed implements [`Tabular`] (rows for the table and CSV formats,
//! plus an optional free-text preamble) and `serde::Serialize` (for JSON, which keeps full
//! precision). [`render`] picks the [`Exporter`] for a [`Format`]. Results that are checks
//! also say what their test cases are ([`Tabular::test_cases`]), for JUnit XML.

mod csv;
mod json;
mod junit;
pub mod table;

pub use self::csv::CsvExporter;
pub use self::json::JsonExporter;
pub use self::junit::{JunitExporter, escape as xml_escape, input_error as junit_input_error};
pub use self::table::TextTableExporter;

use crate::error::Result;
use serde::Serialize;

/// The formats every command offers with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned plain-text table for people.
    #[default]
    Table,
    /// JSON: an object for one result, an array for many; full precision.
    Json,
    /// CSV with a header row; numbers at full precision.
    Csv,
    /// JUnit XML, one test case per expectation or finding (verify and check only).
    Junit,
}

impl std::str::FromStr for Format {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "junit" => Err(crate::error::Error::field(
                "format",
                "junit is for verify and check (each expectation or finding a test case); allowed here: table, json, csv",
            )),
            other => Err(crate::error::Error::field(
                "format",
                format!(
                    "unknown format '{other}'; allowed: table, json, csv (and junit for verify and check)"
                ),
            )),
        }
    }
}

/// The `--format` of the commands whose results are checks (`verify`, `check`): the
/// [`Format`]s and JUnit XML. Other commands refuse `junit` when the options are read,
/// before any work or any file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckFormat(pub Format);

impl std::str::FromStr for CheckFormat {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> Result<Self> {
        if s.eq_ignore_ascii_case("junit") {
            Ok(CheckFormat(Format::Junit))
        } else {
            s.parse().map(CheckFormat)
        }
    }
}

/// A rectangular view of a result: column names and rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names, in order.
    pub header: Vec<String>,
    /// One entry per row, each as long as `header`.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a [`Table`]: numbers are kept as numbers so each format can choose digits.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Integer(i64),
    /// A value that is absent (not reported, not estimable).
    Missing,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Number(x)
    }
}
impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Self {
        x.map_or(Cell::Missing, Cell::Number)
    }
}
impl From<usize> for Cell {
    fn from(x: usize) -> Self {
        Cell::Integer(x as i64)
    }
}
impl From<i64> for Cell {
    fn from(x: i64) -> Self {
        Cell::Integer(x)
    }
}

/// A result that can be shown as a table (and so as CSV).
pub trait Tabular {
    /// The rows and columns.
    fn table(&self) -> Table;
    /// Text printed before the table in the `table` format (title, assumptions, notes).
    fn preamble(&self) -> Option<String> {
        None
    }
    /// Text printed after the table in the `table` format.
    fn epilogue(&self) -> Option<String> {
        None
    }
    /// The result as test cases (for JUnit XML); `None` for results that are not checks.
    fn test_cases(&self) -> Option<Vec<TestCase>> {
        None
    }
}

/// One check or expectation as a test: `suite` groups them (a study, a file), `failure`
/// says why it does not hold, `skipped` marks one that could not be tested.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    pub suite: String,
    pub name: String,
    /// The short reason of a failure; `None` when it holds.
    pub failure: Option<String>,
    /// Could not be tested (not applicable).
    pub skipped: bool,
    /// The long explanation.
    pub detail: String,
}

/// A bare [`Table`] as a printable result (JSON is an array of row objects).
#[derive(Debug, Clone, PartialEq)]
pub struct TableOnly(pub Table);

impl Tabular for TableOnly {
    fn table(&self) -> Table {
        self.0.clone()
    }
}

impl Serialize for TableOnly {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.rows.len()))?;
        for row in &self.0.rows {
            let object: Vec<(&String, &Cell)> = self.0.header.iter().zip(row).collect();
            seq.serialize_element(&RowObject(object))?;
        }
        seq.end()
    }
}

struct RowObject<'a>(Vec<(&'a String, &'a Cell)>);

impl Serialize for RowObject<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            match v {
                Cell::Text(t) => map.serialize_entry(k, t)?,
                Cell::Number(x) => map.serialize_entry(k, x)?,
                Cell::Integer(i) => map.serialize_entry(k, i)?,
                Cell::Missing => map.serialize_entry(k, &Option::<f64>::None)?,
            }
        }
        map.end()
    }
}

/// One output format.
pub trait Exporter {
    /// Render `value` in this format.
    fn export<T: Tabular + Serialize + ?Sized>(&self, value: &T) -> Result<String>;
}

/// Render `value` in `format`.
///
/// ```
/// use trialstats_numerics::output::{render, Cell, Format, Table, TableOnly};
/// let table = Table {
///     header: vec!["arm".into(), "n".into()],
///     rows: vec![vec![Cell::from("placebo"), Cell::from(58usize)]],
/// };
/// // CSV: a header record, then one record per row (RFC 4180).
/// let format: Format = "csv".parse()?;
/// assert_eq!(render(format, &TableOnly(table))?, "arm,n\nplacebo,58\n");
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn render<T: Tabular + Serialize + ?Sized>(format: Format, value: &T) -> Result<String> {
    match format {
        Format::Table => TextTableExporter.export(value),
        Format::Json => JsonExporter.export(value),
        Format::Csv => CsvExporter.export(value),
        Format::Junit => JunitExporter.export(value),
    }
}

/// A count with its noun: "1 study", "3 studies", "0 findings".
///
/// ```
/// use trialstats_numerics::output::count_of;
/// assert_eq!(count_of(1, "study", "studies"), "1 study");
/// assert_eq!(count_of(0, "finding", "findings"), "0 findings");
/// ```
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A number for people: up to 8 significant digits, trailing zeros trimmed, scientific
/// notation outside 1e-4..1e9. Enough digits to check against another tool's printout. A
/// value that could not be estimated (NaN) reads `NA`, as metafor and R print it.
///
/// ```
/// use trialstats_numerics::output::human_number;
/// assert_eq!(human_number(0.4481391304347826), "0.44813913");
/// assert_eq!(human_number(2.5), "2.5");
/// assert_eq!(human_number(f64::NAN), "NA");
/// ```
pub fn human_number(x: f64) -> String {
    if x.is_nan() {
        return "NA".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Inf" } else { "-Inf" }.to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let a = x.abs();
    if !(1e-4..1e9).contains(&a) {
        let s = format!("{x:.7e}");
        return match s.split_once('e') {
            Some((mantissa, exp)) if mantissa.contains('.') => format!(
                "{}e{exp}",
                mantissa.trim_end_matches('0').trim_end_matches('.')
            ),
            _ => s,
        };
    }
    let digits_before = a.log10().floor() as i32 + 1;
    let decimals = (8 - digits_before).clamp(0, 12) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A number for machines: the shortest text that reads back to the same `f64`.
///
/// ```
/// use trialstats_numerics::output::full_number;
/// // 0.1 + 0.2 is not 0.3 in binary floating point: all 17 digits are kept.
/// assert_eq!(full_number(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(full_number(0.3), "0.3");
/// assert_eq!(full_number(f64::NEG_INFINITY), "-Inf");
/// ```
pub fn full_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "Inf" } else { "-Inf" }.to_string()
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_number_keeps_eight_significant_digits() {
        assert_eq!(human_number(0.123456789), "0.12345679");
        assert_eq!(human_number(2.5), "2.5");
        assert_eq!(human_number(-1234.5678912), "-1234.5679");
        assert_eq!(human_number(0.0), "0");
        assert_eq!(human_number(1.5e-7), "1.5e-7");
        assert_eq!(human_number(1e-9), "1e-9");
        assert_eq!(human_number(-1.23456789e12), "-1.2345679e12");
    }

    #[test]
    fn format_names_are_parsed_and_unknown_ones_refused() {
        assert_eq!("JSON".parse::<Format>().unwrap(), Format::Json);
        let err = "xml".parse::<Format>().unwrap_err().to_string();
        assert!(
            err.starts_with("format:") && err.contains("table, json, csv"),
            "{err}"
        );
        let junit = "junit".parse::<Format>().unwrap_err().to_string();
        assert!(junit.contains("verify and check"), "{junit}");
        assert_eq!(
            "JUnit".parse::<CheckFormat>().unwrap(),
            CheckFormat(Format::Junit)
        );
        assert_eq!(
            "csv".parse::<CheckFormat>().unwrap(),
            CheckFormat(Format::Csv)
        );
    }
}
