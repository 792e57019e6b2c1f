//! `convert median --input FILE.csv`: one five-number summary per row (columns `min`, `q1`,
//! `median`, `q3`, `max`, `n`, names without regard to case; `median` and `n` required, the
//! others may be absent or missing as empty/`NA` cells), each converted as a single one
//! would be. Every bad row is reported at once, with its `FILE:LINE`.

use super::five_numbers::{Distribution, FiveNumbers, Methods};
use super::median::{MeanSd, mean_sd};
use crate::csv_file::{CsvFile, Row};
use crate::error::{Error, Result};
use serde::Serialize;

/// One converted row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedianRow {
    /// The line of the file the row starts on (the header is line 1).
    pub line: usize,
    #[serde(flatten)]
    pub result: MeanSd,
}

/// Every row of a file, converted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct MedianRows(pub Vec<MedianRow>);

impl MedianRows {
    /// The rows whose numbers look skewed (for the warning).
    pub fn skewed_lines(&self) -> Vec<usize> {
        self.0
            .iter()
            .filter(|r| r.result.skewness.skewed)
            .map(|r| r.line)
            .collect()
    }
}

/// The sample size in `column` of `row`: a whole number (its range is checked with the
/// other numbers, by `mean_sd`).
pub(super) fn sample_size(row: &Row, column: usize) -> Result<u64> {
    let n = row.required_number(column)?;
    if n.fract() != 0.0 || !(0.0..=1e12).contains(&n) {
        return Err(Error::input(
            row.location(column),
            format!("n = {n} is not a whole number of patients"),
        ));
    }
    Ok(n as u64)
}

/// Convert every row of `file` by `method` under `dist`.
pub fn mean_sd_rows(
    file: &CsvFile,
    method: impl Into<Methods>,
    dist: Distribution,
) -> Result<MedianRows> {
    let method: Methods = method.into();
    let median = file.find_ignore_case(&["median"]);
    let n_column = file.find_ignore_case(&["n"]);
    let (Some(median), Some(n_column)) = (median, n_column) else {
        return Err(Error::field(
            "input",
            format!(
                "{} needs the columns median and n (and min, max and/or q1, q3); its columns are: {}",
                file.name(),
                file.column_list()
            ),
        ));
    };
    let optional = |name: &str| file.find_ignore_case(&[name]);
    let (min, q1, q3, max) = (
        optional("min"),
        optional("q1"),
        optional("q3"),
        optional("max"),
    );
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    file.for_each_row(|row| {
        let one = || -> Result<MedianRow> {
            let cell = |c: Option<usize>| c.map_or(Ok(None), |c| row.number(c));
            let x = FiveNumbers {
                min: cell(min)?,
                q1: cell(q1)?,
                median: row.required_number(median)?,
                q3: cell(q3)?,
                max: cell(max)?,
                n: sample_size(row, n_column)?,
            };
            Ok(MedianRow {
                line: row.line,
                result: mean_sd(&x, method, dist, &row.line_location())?,
            })
        };
        match one() {
            Ok(r) => rows.push(r),
            Err(e) => errors.push(e),
        }
        Ok(())
    })?;
    if let Some(e) = Error::all(errors) {
        return Err(e);
    }
    if rows.is_empty() {
        return Err(Error::field(
            "input",
            format!("{} has a header but no rows to convert", file.name()),
        ));
    }
    Ok(MedianRows(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::MedianMethod;

    /// Rows 1–3 are the example of ?conv.fivenum (metafor ≥ 4; values from
    /// benches/convert_reference.R, as in median.rs's tests); the NA cells pick the scenario.
    #[test]
    fn converts_each_row_with_its_scenario() {
        let text = "min,q1,median,q3,max,n\n2,,6,,14,20\nNA,4,6,10,NA,20\n2,4,6,10,14,20\n";
        let file = CsvFile::from_text("x.csv", text).unwrap();
        let rows = mean_sd_rows(&file, MedianMethod::LuoWanShi, Distribution::Norm).unwrap();
        let got: Vec<(usize, f64, f64)> = rows
            .0
            .iter()
            .map(|r| (r.line, r.result.mean, r.result.sd))
            .collect();
        let want = [
            (2, 6.5944677601167285, 3.211575967369702),
            (3, 6.7195, 4.7870760433704662),
            (4, 6.9388412499397667, 3.6794350446432098),
        ];
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.0, w.0);
            assert!(
                (g.1 - w.1).abs() < 1e-12 && (g.2 - w.2).abs() < 1e-12,
                "{g:?} vs {w:?}"
            );
        }
    }

    #[test]
    fn every_bad_row_is_named() {
        let text = "median,q1,q3,n\n6,4,10,20\n6,7,10,20\n6,4,10,3\n6,4,,20\n6,4,10,2.5\n";
        let file = CsvFile::from_text("x.csv", text).unwrap();
        let e = mean_sd_rows(&file, MedianMethod::LuoWanShi, Distribution::Norm)
            .unwrap_err()
            .to_string();
        for place in ["x.csv:3", "x.csv:4", "x.csv:5", "x.csv:6"] {
            assert!(e.contains(place), "{place} missing from {e}");
        }
        assert!(!e.contains("x.csv:2"), "{e}");
        let none = CsvFile::from_text("y.csv", "a,b\n1,2\n").unwrap();
        assert!(
            mean_sd_rows(&none, MedianMethod::LuoWanShi, Distribution::Norm)
                .unwrap_err()
                .to_string()
                .contains("median and n")
        );
    }
}
