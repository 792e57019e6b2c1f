//! CSV: the [`Tabular`] rows with a header; numbers at full precision, missing as empty.

use super::{Cell, Exporter, Tabular, full_number};
use crate::error::{Error, Result};
use serde::Serialize;

/// Writes a header row and one record per row.
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn export<T: Tabular + Serialize + ?Sized>(&self, value: &T) -> Result<String> {
        let table = value.table();
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| Error::Numerical(format!("cannot write CSV: {e}"));
        w.write_record(&table.header).map_err(fail)?;
        for row in &table.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => s.clone(),
                Cell::Number(x) if x.is_nan() => "NA".to_string(),
                Cell::Number(x) => full_number(*x),
                Cell::Integer(i) => i.to_string(),
                Cell::Missing => String::new(),
            }))
            .map_err(fail)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::Numerical(format!("cannot write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| Error::Numerical(format!("cannot write CSV: {e}")))
    }
}
