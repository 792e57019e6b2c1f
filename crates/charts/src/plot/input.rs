//! The rows a chart is drawn from when they come from the command line (`--row A,1,2,3`,
//! repeatable) or from a CSV file's columns (read by [`crate::csv_file`], columns found by
//! name without regard to case): one [`Record`] per row, its fields in the order of the
//! chart's columns, with where it came from for every message.

use crate::csv_file::CsvFile;
use crate::error::{Error, Result};
use std::path::Path;

/// A row of fields, in the order of the chart's columns, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `--row 'A,1,2'` or `FILE:LINE`.
    pub location: String,
    pub fields: Vec<String>,
}

impl Record {
    /// Field `i` as text (spaces around it removed; empty when absent).
    pub fn text(&self, i: usize) -> &str {
        self.fields.get(i).map(|s| s.trim()).unwrap_or("")
    }

    /// Field `i` as a finite number, or `None` when empty or NA.
    pub fn optional(&self, i: usize, name: &str) -> Result<Option<f64>> {
        let t = self.text(i);
        if t.is_empty() || t.eq_ignore_ascii_case("na") {
            return Ok(None);
        }
        crate::csv_file::parse_number(t.as_bytes())
            .map(Some)
            .ok_or_else(|| {
                Error::input(
                    &self.location,
                    format!("{name} '{t}' is not a number; a finite number is needed"),
                )
            })
    }

    /// Field `i` as a number that must be there.
    pub fn number(&self, i: usize, name: &str) -> Result<f64> {
        self.optional(i, name)?.ok_or_else(|| {
            Error::input(
                &self.location,
                format!("{name} is missing; a number is needed"),
            )
        })
    }

    /// Field `i` as a whole number ≥ 0 that must be there.
    pub fn count(&self, i: usize, name: &str) -> Result<u64> {
        let t = self.text(i);
        t.parse::<u64>().map_err(|_| {
            Error::input(
                &self.location,
                format!("{name} '{t}' is not a whole number ≥ 0"),
            )
        })
    }
}

/// Rows given inline with `option` (comma-separated; a first column holding commas keeps
/// them) and rows of the CSV file `csv` (columns matched by name in its header, any case).
/// The first `required` of `columns` must be present in every row.
pub fn records(
    option: &str,
    inline: &[String],
    csv: Option<&Path>,
    columns: &[&str],
    required: usize,
) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    for value in inline {
        let mut fields: Vec<String> = value.split(',').map(|s| s.trim().to_string()).collect();
        if fields.len() > columns.len() {
            let extra = fields.len() - columns.len();
            let label = fields[..=extra].join(",");
            fields.splice(..=extra, [label]);
        }
        if fields.len() < required {
            return Err(Error::input(
                option,
                format!(
                    "'{value}' has {} values; expected {} (comma-separated: {})",
                    fields.len(),
                    required,
                    columns.join(",")
                ),
            ));
        }
        out.push(Record {
            location: format!("{option} '{value}'"),
            fields,
        });
    }
    if let Some(path) = csv {
        out.extend(read_csv(path, columns, required)?);
    }
    Ok(out)
}

fn read_csv(path: &Path, columns: &[&str], required: usize) -> Result<Vec<Record>> {
    let file = CsvFile::read(path)?;
    let mut index = Vec::new();
    for (k, col) in columns.iter().enumerate() {
        match file.find_ignore_case(&[col]) {
            Some(i) => index.push(Some(i)),
            None if k < required => {
                return Err(Error::input(
                    format!("{}:1", file.name()),
                    format!(
                        "the header has no column '{col}'; needed: {} (optional: {})",
                        columns[..required].join(","),
                        columns[required..].join(",")
                    ),
                ));
            }
            None => index.push(None),
        }
    }
    let mut out = Vec::new();
    file.for_each_row(|row| {
        let fields = index
            .iter()
            .map(|i| match i {
                Some(i) => row.text(*i).map(str::to_string),
                None => Ok(String::new()),
            })
            .collect::<crate::error::RefusalResult<Vec<_>>>()?;
        out.push(Record {
            location: row.line_location(),
            fields,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Parse "A,B" given to `option` into two numbers.
pub fn pair(option: &str, value: &str) -> Result<(f64, f64)> {
    let rec = Record {
        location: format!("{option} '{value}'"),
        fields: value.split(',').map(str::to_string).collect(),
    };
    if rec.fields.len() != 2 {
        return Err(Error::input(
            option,
            format!("'{value}' must be two numbers separated by a comma"),
        ));
    }
    Ok((
        rec.number(0, "the first value")?,
        rec.number(1, "the second value")?,
    ))
}
