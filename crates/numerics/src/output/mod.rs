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

/// How many digits the numbers of a text for people are printed with: the one place that
/// decides it for the commands' text ([`Digits::Check`], [`human_number`]) and for the page
/// a clinician reads ([`Digits::Reader`]). JSON and CSV keep every digit ([`full_number`]).
///
/// ```
/// use trialstats_numerics::output::Digits;
/// let d = Digits::Reader;
/// // MD −1.2 [−1.4800853, −0.91991472] as a clinician reads it, and as it is checked.
/// assert_eq!(format!("{} [{}, {}]", d.number(-1.2), d.number(-1.4800853), d.number(-0.91991472)), "-1.2 [-1.48, -0.92]");
/// assert_eq!(Digits::Check.number(-1.4800853), "-1.4800853");
/// // 225/356 = 63.2 %; p below 0.001 is said so, never in e-notation.
/// assert_eq!(d.percent(225.0 / 356.0), "63.2 %");
/// assert_eq!((d.p(2.22e-13), d.p(0.16043342)), ("p < 0.001".to_string(), "p = 0.16".to_string()));
/// // Never fewer digits than the whole number has.
/// assert_eq!(d.number(7837.8), "7838");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// Up to 8 significant digits ([`human_number`]): enough to check against another tool's
    /// printout. The commands' text.
    #[default]
    Check,
    /// Three significant digits (never fewer than the whole number's, trailing zeros
    /// trimmed), a percentage to one decimal, a p below 0.001 as `p < 0.001`. The page.
    Reader,
}

impl Digits {
    /// The significant digits [`Digits::Reader`] keeps.
    const READER_DIGITS: i32 = 3;

    /// A number.
    pub fn number(self, x: f64) -> String {
        match self {
            Digits::Check => human_number(x),
            Digits::Reader if x == 0.0 || !x.is_finite() => human_number(x),
            Digits::Reader => {
                let digits_before = x.abs().log10().floor() as i32 + 1;
                let decimals = (Self::READER_DIGITS - digits_before).clamp(0, 12) as usize;
                let s = format!("{x:.decimals$}");
                let s = if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                };
                // A number that rounds to zero is zero, not "-0".
                if s == "-0" { "0".to_string() } else { s }
            }
        }
    }

    /// A proportion (0.632) as a percentage: `63.2 %` ([`Digits::Reader`]: one decimal).
    pub fn percent(self, fraction: f64) -> String {
        match self {
            Digits::Reader if fraction.is_finite() => format!("{:.1} %", 100.0 * fraction),
            _ => format!("{} %", self.number(100.0 * fraction)),
        }
    }

    /// A table's cell as text: a number printed to these digits, a sentence with its computed
    /// numbers so ([`Digits::sentence`]), anything else as [`table::cell_text`] prints it.
    pub fn cell(self, c: &Cell) -> String {
        match c {
            Cell::Number(x) => self.number(*x),
            Cell::Text(t) => self.sentence(t),
            other => table::cell_text(other),
        }
    }

    /// A sentence the analysis wrote (`significance fits at r from -0.54682522 to 1`, `p =
    /// 1.68e-7`) with its computed numbers printed to these digits: with [`Digits::Reader`],
    /// a number of six or more significant digits or in e-notation (no report prints one so:
    /// the document's own numbers, `3.0` or `0.0152`, are left as printed) becomes three
    /// significant digits, and a p below 0.001 after `p =` becomes `p < 0.001`. Numbers
    /// inside names, paths and DOIs (a letter, `_`, `/` or a further `.digit` beside them)
    /// are left alone. [`Digits::Check`] leaves the sentence as it is.
    ///
    /// ```
    /// use trialstats_numerics::output::Digits;
    /// let d = Digits::Reader;
    /// assert_eq!(
    ///     d.sentence("fits at r from -0.54682522 to 1 (p = 1.68e-7, n = 12, SD 3.0)"),
    ///     "fits at r from -0.547 to 1 (p < 0.001, n = 12, SD 3.0)"
    /// );
    /// assert_eq!(d.sentence("doi 10.3109/21678421.2014.959024; file_20240101.5"), "doi 10.3109/21678421.2014.959024; file_20240101.5");
    /// assert_eq!(Digits::Check.sentence("r = 0.78692533"), "r = 0.78692533");
    /// ```
    pub fn sentence(self, text: &str) -> String {
        if self == Digits::Check {
            return text.to_string();
        }
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let starts = bytes[i].is_ascii_digit()
                || (bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
            let before_ok = i == 0 || !is_name_byte(bytes[i - 1]);
            if !(starts && before_ok) {
                i += 1;
                continue;
            }
            let end = number_end(bytes, i);
            let token = &text[i..end];
            let after_ok = bytes.get(end).is_none_or(|&b| {
                let dotted = b == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
                !(is_name_byte(b) || b == b'/' || dotted)
            });
            let significant = token
                .split(['e', 'E'])
                .next()
                .unwrap_or("")
                .trim_start_matches(['-', '0', '.'])
                .chars()
                .filter(char::is_ascii_digit)
                .count();
            let computed = token.contains(['e', 'E']) || significant >= 6;
            match token.parse::<f64>() {
                Ok(x) if after_ok && computed => {
                    out.push_str(&text[copied..i]);
                    let written = out.trim_end();
                    if x < 0.001 && (written.ends_with("p =") || written.ends_with("p=")) {
                        let cut = written.rfind('=').unwrap_or(written.len());
                        out.truncate(cut);
                        out.push_str("< 0.001");
                    } else {
                        out.push_str(&self.number(x));
                    }
                    copied = end;
                }
                _ => {}
            }
            i = end.max(i + 1);
        }
        out.push_str(&text[copied..]);
        out
    }

    /// A p-value with its relation: `p = 0.16`, and with [`Digits::Reader`] `p < 0.001` below
    /// 0.001.
    pub fn p(self, p: f64) -> String {
        match self {
            Digits::Reader if p < 0.001 => "p < 0.001".to_string(),
            _ => format!("p = {}", self.number(p)),
        }
    }
}

/// A byte that makes a number part of a name or code (`G93A`, `file_2024`).
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Where the number starting at `start` of `bytes` ends: sign, digits, one decimal point,
/// digits, and an exponent (`e-7`) when digits follow it.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let digits = |mut k: usize| {
        while bytes.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
        k
    };
    let mut k = digits(start + usize::from(bytes[start] == b'-'));
    if bytes.get(k) == Some(&b'.') && bytes.get(k + 1).is_some_and(u8::is_ascii_digit) {
        k = digits(k + 1);
    }
    if matches!(bytes.get(k), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(k + 1), Some(b'-' | b'+')));
        if bytes.get(k + 1 + sign).is_some_and(u8::is_ascii_digit) {
            k = digits(k + 1 + sign);
        }
    }
    k
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
    fn reader_digits_keep_three_significant_digits_and_whole_numbers() {
        let d = Digits::Reader;
        assert_eq!(d.number(0.076815169), "0.0768");
        assert_eq!(d.number(2.9922185), "2.99");
        assert_eq!(d.number(0.65), "0.65");
        assert_eq!(d.number(0.9996), "1");
        assert_eq!(d.number(-0.0004), "-0.0004");
        assert_eq!(d.number(-0.00000000000001), "0");
        assert_eq!(d.number(123456.7), "123457");
        assert_eq!(d.number(f64::NAN), "NA");
        assert_eq!(d.percent(0.40927543), "40.9 %");
        assert_eq!(d.p(0.0449871), "p = 0.045");
        assert_eq!(d.p(0.001), "p = 0.001");
        assert_eq!(Digits::Check.p(2.22e-13), "p = 2.22e-13");
        assert_eq!(Digits::Check.percent(0.63202247), "63.202247 %");
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
