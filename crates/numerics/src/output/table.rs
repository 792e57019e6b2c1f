//! Plain-text table for people: preamble, aligned columns (numbers right-aligned with up to
//! eight significant digits), epilogue.

use super::{Cell, Exporter, Tabular, human_number};
use crate::error::Result;
use serde::Serialize;

/// Writes an aligned text table.
pub struct TextTableExporter;

impl Exporter for TextTableExporter {
    fn export<T: Tabular + Serialize + ?Sized>(&self, value: &T) -> Result<String> {
        let mut out = String::new();
        if let Some(p) = value.preamble() {
            out.push_str(p.trim_end());
            out.push_str("\n\n");
        }
        let table = value.table();
        if !table.header.is_empty() {
            out.push_str(&align(&table.header, &table.rows));
        }
        if let Some(e) = value.epilogue() {
            out.push('\n');
            out.push_str(e.trim_end());
            out.push('\n');
        }
        Ok(out)
    }
}

/// A cell as the table prints it: text as it is, a number by [`human_number`], `NA` for a
/// value that is not estimable (metafor's NA; an infinite value stays as it is), `-` for a
/// missing one.
///
/// ```
/// use trialstats_numerics::output::{Cell, table::cell_text};
/// assert_eq!(cell_text(&Cell::Number(f64::NAN)), "NA");
/// assert_eq!(cell_text(&Cell::Missing), "-");
/// assert_eq!(cell_text(&Cell::Integer(7)), "7");
/// ```
pub fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Number(x) if x.is_nan() => "NA".to_string(),
        Cell::Number(x) => human_number(*x),
        Cell::Integer(i) => i.to_string(),
        Cell::Missing => "-".to_string(),
    }
}

/// Align `rows` under `header`: text left-aligned, numbers right-aligned.
pub fn align(header: &[String], rows: &[Vec<Cell>]) -> String {
    let cells: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| (cell_text(c), !matches!(c, Cell::Text(_))))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (i, (s, _)) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(s.chars().count());
            }
        }
    }
    let mut out = String::new();
    // Each line is written straight into `out`: no string per padded cell or per line (a
    // million-row table, as `meta --blup` prints, made several per cell).
    let line = |out: &mut String, items: Vec<(String, bool)>| {
        let start = out.len();
        // Spaces owed before the next text: they are written only when text follows them,
        // since the line's trailing spaces are trimmed. Writing them all made every line as
        // long as the widest cell of its last column, quadratic in a table where one cell
        // grows with the rows (`check`'s spread reading lists every time point of a measure:
        // 3,000 time points made 15,000 lines of 700,000 spaces each).
        let mut owed = 0;
        for (i, (s, right)) in items.iter().enumerate() {
            if i > 0 {
                owed += 2;
            }
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = w.saturating_sub(s.chars().count());
            if *right {
                owed += pad;
            }
            if !s.is_empty() {
                push_spaces(out, owed);
                owed = 0;
                out.push_str(s);
            }
            if !*right {
                owed += pad;
            }
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    };
    // A header sits over its column the way the column's values do.
    let numeric: Vec<bool> = (0..header.len())
        .map(|i| cells.first().and_then(|r| r.get(i)).is_some_and(|c| c.1))
        .collect();
    line(
        &mut out,
        header
            .iter()
            .zip(&numeric)
            .map(|(h, &right)| (h.clone(), right))
            .collect(),
    );
    line(
        &mut out,
        widths.iter().map(|w| ("-".repeat(*w), false)).collect(),
    );
    for row in cells {
        line(&mut out, row);
    }
    out
}

/// Append `n` spaces.
fn push_spaces(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(' ');
    }
}
