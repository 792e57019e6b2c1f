//! Tables as text extraction leaves them: blocks of consecutive lines whose cells are set
//! apart by `|` or tabs ([`super::sentences::is_table_row`]). One model of a table's rows,
//! cells, column headers and the words around it, shared by the recognisers (a column headed
//! `P` holds p-values; a header `Mean (SD)` says what the cells' spreads are) and by the
//! structure ([`super::structure`]).
//!
//! How tables are printed, and what this reads of it:
//! - **Header rows** stand above the first **data row** (a row with a cell after its label
//!   that opens with a number). Rows of dashes (`---|---`) separate, and are no header.
//! - A header row often has fewer cells than the rows below it: the stub column (the row
//!   labels) and the group columns are named in a row above, or not at all, and a statistic's
//!   header (`Difference | p value`) stands over the last columns. So a header row with fewer
//!   filled cells than a data row is aligned to it from the **right**; one with as many, from
//!   the left.
//! - A table's **statement** of what its cells are (`Data are mean (SD); n`, `Mean (SD)` in a
//!   header) is printed in the caption above it (at most two lines), in its header rows, or in
//!   the legend right below it (at most three lines, up to a blank line).

use super::sentences::is_table_row;
use std::ops::Range;

/// The byte ranges of a table row's cells, in the text `line` is a slice of, starting at
/// `offset`. The separator is `|` when the row has two or more, else a tab; a row that opens
/// with its separator has no empty first cell, so cell 0 is the row's label.
///
/// ```
/// use trialstats_documents::draft::table::cells;
/// let row = "| PHQ-9 | 17·4 (4·8); 219 | 17·7 (4·8); 221 |";
/// let texts: Vec<&str> = cells(row, 0).into_iter().map(|c| row[c].trim()).collect();
/// assert_eq!(texts, ["PHQ-9", "17·4 (4·8); 219", "17·7 (4·8); 221", ""]);
/// ```
pub fn cells(line: &str, offset: usize) -> Vec<Range<usize>> {
    let line = line.trim_end_matches(['\n', '\r']);
    let sep = if line.matches('|').count() >= 2 {
        '|'
    } else {
        '\t'
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == sep {
            out.push(offset + start..offset + i);
            start = i + c.len_utf8();
        }
    }
    out.push(offset + start..offset + line.len());
    if line.trim_start().starts_with(sep) && !out.is_empty() {
        out.remove(0);
    }
    out
}

/// One row of a table: its line's range and its cells' ranges.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: Range<usize>,
    pub cells: Vec<Range<usize>>,
}

/// One table: its rows, how many of them are header rows, and the words around it.
#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Row>,
    /// Rows before the first data row (separator rows among them included).
    pub header_rows: usize,
    /// The caption above, the header rows and the legend below, joined by newlines: where a
    /// table states what its cells are.
    pub statement: String,
}

/// Every table of a text.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub tables: Vec<Table>,
}

fn is_separator(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '-' | '|' | ':' | ' ' | '\t' | '—' | '–'))
}

/// Does a cell open with a number (`17·4 (4·8)`, `−0.1`, `< 0.001`, `.04`)?
fn opens_with_number(cell: &str) -> bool {
    let t = cell.trim_start_matches([' ', '<', '>', '≤', '≥', '=', '+', '-', '−', '–']);
    t.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || t.starts_with('.') && t[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// The text of the cells a row holds, trailing empty cells dropped.
fn filled_width(text: &str, row: &Row) -> usize {
    row.cells
        .iter()
        .rposition(|c| !text[c.clone()].trim().is_empty())
        .map_or(0, |i| i + 1)
}

impl Tables {
    /// Find the tables of `text` (the plain text the recognisers read).
    pub fn find(text: &str) -> Tables {
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        for l in text.split_inclusive('\n') {
            lines.push(at..at + l.trim_end_matches(['\n', '\r']).len());
            at += l.len();
        }
        let mut tables = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if !is_table_row(&text[lines[i].clone()]) {
                i += 1;
                continue;
            }
            let first = i;
            while i < lines.len() && is_table_row(&text[lines[i].clone()]) {
                i += 1;
            }
            let rows: Vec<Row> = lines[first..i]
                .iter()
                .map(|l| Row {
                    line: l.clone(),
                    cells: cells(&text[l.clone()], l.start),
                })
                .collect();
            let header_rows = rows
                .iter()
                .position(|r| {
                    r.cells
                        .iter()
                        .skip(1)
                        .any(|c| opens_with_number(&text[c.clone()]))
                })
                .unwrap_or(rows.len());
            let caption = lines[..first]
                .iter()
                .rev()
                .filter(|l| !text[(*l).clone()].trim().is_empty())
                .take(2)
                .map(|l| &text[l.clone()])
                .collect::<Vec<_>>();
            let legend = lines[i..]
                .iter()
                .take_while(|l| !text[(*l).clone()].trim().is_empty())
                .take(3)
                .map(|l| &text[l.clone()]);
            let statement = caption
                .into_iter()
                .rev()
                .chain(rows[..header_rows].iter().map(|r| &text[r.line.clone()]))
                .chain(legend)
                .collect::<Vec<_>>()
                .join("\n");
            tables.push(Table {
                rows,
                header_rows,
                statement,
            });
        }
        Tables { tables }
    }

    /// The table, row and cell at byte `at`, when `at` stands in a table's cell.
    pub fn at(&self, at: usize) -> Option<(&Table, usize, usize)> {
        let table = self.tables.iter().find(|t| {
            t.rows.first().is_some_and(|r| r.line.start <= at)
                && t.rows.last().is_some_and(|r| at <= r.line.end)
        })?;
        let row = table
            .rows
            .iter()
            .position(|r| r.line.start <= at && at <= r.line.end)?;
        let cell = table.rows[row]
            .cells
            .iter()
            .position(|c| c.start <= at && at <= c.end)?;
        Some((table, row, cell))
    }
}

impl Table {
    /// The header of cell `cell` of data row `row`: the texts of the header rows standing
    /// over it (each aligned as the module doc says), joined by spaces; empty when none.
    pub fn column_header(&self, text: &str, row: usize, cell: usize) -> String {
        let width = filled_width(text, &self.rows[row]);
        let mut parts = Vec::new();
        for h in &self.rows[..self.header_rows] {
            // A row of dashes separates; a row with one filled cell is a section's or a
            // spanning header's label, over no one column.
            let filled = h
                .cells
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty())
                .count();
            if is_separator(&text[h.line.clone()]) || filled < 2 {
                continue;
            }
            let hw = filled_width(text, h);
            let index = if hw < width {
                (cell + hw).checked_sub(width)
            } else {
                Some(cell)
            };
            if let Some(c) = index.and_then(|k| h.cells.get(k)) {
                let t = text[c.clone()].trim();
                if !t.is_empty() {
                    parts.push(t);
                }
            }
        }
        parts.join(" ")
    }

    /// The label of row `row` (its first cell), trimmed.
    pub fn row_label<'t>(&self, text: &'t str, row: usize) -> &'t str {
        self.rows[row]
            .cells
            .first()
            .map_or("", |c| text[c.clone()].trim())
    }

    /// Is row `row` a data row (below the header rows)?
    pub fn is_data_row(&self, row: usize) -> bool {
        row >= self.header_rows
    }
}

/// Does a header or row label name p-values (`P`, `p value`, `P-value*`, `p値`)?
///
/// ```
/// use trialstats_documents::draft::table::names_p;
/// assert!(names_p("p value") && names_p("P*") && names_p("p値") && names_p("P for interaction"));
/// assert!(!names_p("PHQ-9") && !names_p("Placebo"));
/// ```
pub fn names_p(header: &str) -> bool {
    let h = header
        .trim()
        .trim_end_matches(['*', '†', '‡', '§', '¶', 'ᵃ', 'ᵇ', ' '])
        .to_lowercase();
    h == "p"
        || h.starts_with("p ")
        || h.contains("p value")
        || h.contains("p-value")
        || h.contains("p値")
        || h == "p*"
}

/// Does a header or row label name a count of people (`n`, `N`, `No.`, `No. of patients`)?
pub fn names_n(header: &str) -> bool {
    matches!(
        header.trim().to_lowercase().as_str(),
        "n" | "no." | "no" | "no. of patients" | "number of patients" | "例数" | "症例数"
    )
}

/// Does a header or row label say its cells are counts with their percentage, `x (y)`
/// (`n (%)`, `No. (%)`, `Response (%)`, `例数（%）`)? A `% (SD)` is a mean of percentages.
pub fn names_count_percent(header: &str) -> bool {
    let h = header.to_lowercase().replace('（', "(").replace('）', ")");
    h.contains("(%)") || h.contains("( %)") || h.contains("(% )")
}

#[cfg(test)]
mod tests {
    use super::*;

    const COBRA_LIKE: &str = "Table 2.\nOutcomes at 12 months\nA | B |\n||||\n---|---|---|---|---|\nDifference | p value | ||||\nScore | |||||\nBaseline | 17·4 (4·8); 219 | 17·7 (4·8); 221 | .. | .. | |\nWeek 12 | 8·4 (7·5); 189 | 8·4 (7·0); 175 | 0·1 (−1·3 to 1·5) | 0·89 | |\nData are mean (SD); n or mean (95% CI).\n\nNext paragraph.\n";

    #[test]
    fn header_rows_with_fewer_cells_stand_over_the_last_columns() {
        let t = Tables::find(COBRA_LIKE);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        assert_eq!(table.header_rows, 5);
        // Row 6 (`Week 12`): cells label, A, B, difference, p. The section row `Score` above
        // the data names no column. `A | B |` has no stub cell, so it is taken to stand over
        // the last two columns too (where a table prints its columns' spanning names is not
        // decided by its text): the header still ends in what the nearest row names.
        assert_eq!(table.column_header(COBRA_LIKE, 6, 4), "B p value");
        assert!(names_p(&table.column_header(COBRA_LIKE, 6, 4)));
        assert_eq!(table.column_header(COBRA_LIKE, 6, 3), "A Difference");
        assert!(!names_p(&table.column_header(COBRA_LIKE, 6, 2)));
        assert_eq!(table.row_label(COBRA_LIKE, 6), "Week 12");
        assert!(table.statement.contains("Data are mean (SD); n"));
        assert!(table.statement.contains("Outcomes at 12 months"));
        assert!(!table.statement.contains("Next paragraph"));
        let at = COBRA_LIKE.find("0·89").unwrap();
        let (_, row, cell) = t.at(at).unwrap();
        assert_eq!((row, cell), (6, 4));
        assert!(table.is_data_row(6) && !table.is_data_row(4));
        assert!(t.at(COBRA_LIKE.find("Next").unwrap()).is_none());
    }

    #[test]
    fn a_header_as_wide_as_the_rows_is_read_from_the_left() {
        let text = "| | Mean (SD) | % (SD) |\n| MADRS | 32.8 (2.68) | 17.68 (21.16) |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        assert_eq!(table.column_header(text, 1, 1), "Mean (SD)");
        assert_eq!(table.column_header(text, 1, 2), "% (SD)");
    }
}
