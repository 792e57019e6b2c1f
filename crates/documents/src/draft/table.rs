//! Tables as text extraction leaves them: blocks of consecutive lines whose cells are set
//! apart by `|` or tabs ([`super::sentences::is_table_row`]). One model of a table's rows,
//! cells, column headers and the words around it, shared by the recognisers (a column headed
//! `P` holds p-values; a header `Mean (SD)` says what the cells' spreads are) and by the
//! structure ([`super::structure`]).
//!
//! How tables are printed, and what this reads of it:
//! - **Header rows** stand above the first **data row** (a row with a cell after its label
//!   that opens with a datum: a number not followed by a word, as `12 weeks` or `10 mg` in a
//!   header are). Rows of dashes (`---|---`) separate, and are no header.
//! - A header row often has fewer cells than the rows below it: the stub column (the row
//!   labels) and the group columns are named in a row above, or not at all, and a statistic's
//!   header (`Difference | p value`) stands over the last columns. So a header row with fewer
//!   filled cells than a data row is aligned to it from the **right**; one with as many, from
//!   the left.
//! - A row whose cell holds a sentence or more is running text laid out in cells (a page of
//!   labels and paragraphs), not a table's row ([`is_prose_row`]).
//! - A table's **statement** of what its cells are (`Data are mean (SD); n`, `Mean (SD)` in a
//!   header) is printed in the caption above it (at most two lines), in its header rows, or in
//!   the legend right below it (at most three lines, up to a blank line).
//! - A table pasted a cell a line, each cell closed by its separator (`Baseline, mean (SD) |`,
//!   `12.8 (20.14) |`, …) under a names' row printed whole (`Drug N = 115 | Placebo N = 111
//!   | |`): a label's line and the `k` value lines after it are one row, `k` the names'
//!   count, where every such line after the names' row falls into a row so.
//! - A header row of n's alone (`(n = 21) | (n = 20)`) right under the groups' names stands
//!   under them, the k-th n under the k-th name, however its cells are misaligned.

use super::sentences::is_table_row;
use std::ops::Range;
use std::sync::OnceLock;

/// The byte ranges of a table row's cells, in the text `line` is a slice of, starting at
/// `offset`. The separator is `|` when the row has two or more, else a tab; a row that opens
/// with its separator has no empty first cell, so cell 0 is the row's label.
///
/// ```
/// use trialstats_documents::draft::table::cells;
/// let row = "| PHQ-9 | 17·4 (4·8); 219 | 17·7 (4·8); 221 |";
/// let texts: Vec<&str> = cells(row, 0).into_iter().map(|c| row[c].trim()).collect();
/// assert_eq!(texts, ["PHQ-9", "17·4 (4·8); 219", "17·7 (4·8); 221", ""]);
/// // The footnote mark ‖ copied as two bars glued to its value is no empty cell; bars set
/// // apart by white space are separators.
/// let row = "Drug | 30 | 17.0 ± 13.1†,|| | 41.8 ± 13.1|| | 18.9 | ||";
/// let texts: Vec<&str> = cells(row, 0).into_iter().map(|c| row[c].trim()).collect();
/// assert_eq!(texts, ["Drug", "30", "17.0 ± 13.1†,||", "41.8 ± 13.1||", "18.9", "", "", ""]);
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
    let mut footnote_end = 0;
    for (i, c) in line.char_indices() {
        if i < footnote_end {
            continue;
        }
        if sep == '|' && double_bar_footnote(line, i) {
            footnote_end = i + 2;
            continue;
        }
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

/// Is the `||` at byte `at` of a pipe row the footnote mark ‖ (the fifth of the classic
/// sequence `*, †, ‡, §, ‖, ¶`, copied as two bars) rather than two separators: glued to the
/// value or mark before it (`13.1||`, `13.1†,||`) and followed by white space or the line's
/// end? An empty cell between two separators is printed with white space before it (`| |`,
/// ` ||`) or opens the row.
fn double_bar_footnote(line: &str, at: usize) -> bool {
    let rest = &line[at..];
    if !rest.starts_with("||") || rest.starts_with("|||") {
        return false;
    }
    let after_ok = rest[2..].chars().next().is_none_or(char::is_whitespace);
    let before = line[..at].chars().next_back();
    let glued = before.is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, '†' | '‡' | '§' | '¶' | '*' | ',' | ')')
    });
    after_ok && glued
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
    /// The widest data row's number of cells (trailing empty cells not counted).
    width: usize,
    /// [`Table::headers`] at that width, read once: every cell's header is asked for.
    column_headers: Vec<Vec<Range<usize>>>,
    /// Which set of columns this is, from the second on, where a table prints the same groups
    /// side by side for several sets of patients ([`Table::column_sets`]).
    pub set: Option<usize>,
    /// The measure a header cell spanning this set of columns names, where the sets are the
    /// same groups' measures side by side (`ADAS-Cog` over `Placebo | 100 mg`, `CDR-SB` over
    /// the same arms again; [`Table::sets_of_measures`]).
    pub measure: Option<String>,
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

/// Does a cell open with a datum (`17·4 (4·8)`, `−0.1`, `< 0.001`, `.04`, `52 (43%)`, `106例`),
/// rather than a header that opens with a number (`12 weeks`, `10 mg (n = 50)`, `24週`)? A
/// number followed by a word, or joined to one by a hyphen (`28-day mortality`), is a header's
/// or a label's; by a bracket, a sign, a count's 例 or nothing, a datum.
fn opens_with_datum(cell: &str) -> bool {
    // A cell's own n before its value (`n=124 13 (8–21)`) opens no datum of its own: the value
    // after it decides.
    let cell = cell.trim_start();
    let cell = cells_own_n(cell).map_or(cell, |n| &cell[n..]);
    // Spaces of every width (a table copied from a page keeps its no-break spaces) and the
    // signs and relations a value may open with, as printed (full-width, ▲ for a fall).
    let t = cell.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '<' | '>'
                    | '≤'
                    | '≥'
                    | '≦'
                    | '≧'
                    | '＜'
                    | '＞'
                    | '='
                    | '+'
                    | '＋'
                    | '±'
                    | '-'
                    | '−'
                    | '–'
                    | '‐'
                    | '‑'
                    | '‒'
                    | '－'
                    | '﹣'
                    | '▲'
                    | '△'
                    | '('
            )
    });
    let opens = t.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || t.starts_with('.') && t[1..].starts_with(|c: char| c.is_ascii_digit());
    if !opens {
        return false;
    }
    let rest = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '·' | ',')
    });
    // A number joined to a word by a hyphen names something (`28-day mortality`, `6-minute
    // walk distance`, `5‐year survival`): a row's label, not a datum.
    if let Some(after) = rest.strip_prefix(['-', '‐', '‑']) {
        if after.starts_with(char::is_alphabetic) {
            return false;
        }
    }
    // A percentage followed by a word names a column (`95% CI of diff.`, `50% responders`);
    // one followed by `to` is a bound (`(−2% to 15%)`).
    let rest = rest
        .strip_prefix('%')
        .filter(|r| r.starts_with(char::is_whitespace))
        .filter(|r| !r.trim_start().starts_with("to "))
        .unwrap_or(rest);
    let next = rest.trim_start().chars().next();
    !next.is_some_and(|c| c.is_alphabetic() && !matches!(c, '例' | '名' | '人' | '件' | '回'))
}

/// The text of the cells a row holds, trailing empty cells dropped.
pub(super) fn filled_width(text: &str, row: &Row) -> usize {
    row.cells
        .iter()
        .rposition(|c| !text[c.clone()].trim().is_empty())
        .map_or(0, |i| i + 1)
}

impl Tables {
    /// Find the tables of `text` (the plain text the recognisers read).
    pub fn find(text: &str) -> Tables {
        let lines = line_ranges(text);
        // A row of one cell closed by its separator (`Observed data only |`, a spanning
        // header as copied) belongs to the table it stands in, when there is one.
        let row = |l: &Range<usize>| {
            let t = &text[l.clone()];
            (is_table_row(t) || t.trim_end().ends_with('|'))
                && (!is_prose_row(t) || is_spanning_label_row(t))
        };
        let mut tables = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if !row(&lines[i]) {
                i += 1;
                continue;
            }
            let block_start = i;
            while i < lines.len()
                && (row(&lines[i])
                    || blank_between_pipe_rows(text, &lines, i)
                    || section_between_tab_rows(text, &lines, i))
            {
                i += 1;
            }
            for (first, end) in inner_headers_split(text, &lines, block_start, i) {
                if let Some(table) = block_table(text, &lines, first, end) {
                    tables.push(table);
                }
            }
        }
        let taken = extents(&tables);
        tables.extend(find_bracketed_cell_lines(text, &lines, &taken));
        let taken = extents(&tables);
        tables.extend(find_stacked(text, &lines, &taken));
        let taken = extents(&tables);
        tables.extend(find_glued(text, &lines, &taken));
        let taken = extents(&tables);
        tables.extend(find_cell_lines(text, &lines, &taken));
        tables.sort_by_key(|t| t.rows.first().map_or(0, |r| r.line.start));
        Tables { tables }
    }

    /// The index of the table whose rows span byte `at` (its first row's start to its last
    /// row's end).
    pub fn index_at(&self, at: usize) -> Option<usize> {
        // The tables are in document order and do not overlap: the last one starting at or
        // before `at` is the only candidate.
        let k = self
            .tables
            .partition_point(|t| t.rows.first().is_some_and(|r| r.line.start <= at));
        let k = k.checked_sub(1)?;
        self.tables[k]
            .rows
            .last()
            .is_some_and(|r| at <= r.line.end)
            .then_some(k)
    }

    /// The indices of the tables whose first row starts inside `range`.
    pub fn starting_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .tables
            .partition_point(|t| t.rows.first().is_none_or(|r| r.line.start < range.start));
        (first..self.tables.len()).take_while(move |&k| {
            self.tables[k]
                .rows
                .first()
                .is_some_and(|r| r.line.start < range.end)
        })
    }

    /// The table, row and cell at byte `at`, when `at` stands in a table's cell.
    pub fn at(&self, at: usize) -> Option<(&Table, usize, usize)> {
        let table = &self.tables[self.index_at(at)?];
        // Rows are in document order: the last one starting at or before `at`.
        let row = table
            .rows
            .partition_point(|r| r.line.start <= at)
            .checked_sub(1)
            .filter(|&k| at <= table.rows[k].line.end)?;
        // A cell glued to the one before it starts where that one ends (`(8.4)60.9`): the cell
        // that holds `at` comes first, the one it closes only at a row's last byte.
        let cells = &table.rows[row].cells;
        let cell = cells
            .iter()
            .position(|c| c.start <= at && at < c.end)
            .or_else(|| cells.iter().position(|c| c.start <= at && at == c.end))?;
        Some((table, row, cell))
    }
}

/// The byte range of each line of `text`, its line break left out.
pub(crate) fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        lines.push(at..at + l.trim_end_matches(['\n', '\r']).len());
        at += l.len();
    }
    lines
}

/// One table from the pipe rows `lines[first..end]`, when they hold a row of two cells or more.
fn block_table(text: &str, lines: &[Range<usize>], first: usize, end: usize) -> Option<Table> {
    // Lines of one cell each (a transposed table copied a cell a line) are no table
    // of rows and columns: a block needs a row with two cells or more.
    // (A line of separators alone, `||||`, fills no two cells.)
    if !lines[first..end].iter().any(|l| {
        let t = &text[l.clone()];
        is_table_row(t)
            && cells(t, 0)
                .iter()
                .filter(|c| !t[(*c).clone()].trim().is_empty())
                .count()
                >= 2
    }) {
        return None;
    }
    let rows: Vec<Row> = lines[first..end]
        .iter()
        .filter(|l| !text[(*l).clone()].trim().is_empty())
        .map(|l| {
            let mut cells = cells(&text[l.clone()], l.start);
            // A section's label that lost its tabs ([`section_between_tab_rows`]): its row's
            // other cells are empty.
            if cells.len() == 1 && !text[l.clone()].contains(['|', '\t']) {
                cells.push(l.end..l.end);
            }
            Row {
                line: l.clone(),
                cells,
            }
        })
        .collect();
    let rows = join_header_cell_lines(text, join_cell_lines(text, rows));
    let rows =
        fill_spanned_first_cells(text, join_broken_rows(text, join_wrapped_rows(text, rows)));
    Some(Table::new(text, rows, lines, (first, end), false))
}

/// A block of pipe rows split where a table pasted right under another starts: a Markdown
/// table opens with its header row and a row of dashes (`副作用の種類 | 副作用発現件数(%)`,
/// `---|---`), so a row of dashes below a data row of the block makes the row above it the
/// header of a new table. The parts, as ranges of `lines`.
fn inner_headers_split(
    text: &str,
    lines: &[Range<usize>],
    start: usize,
    end: usize,
) -> Vec<(usize, usize)> {
    let is_data = |k: usize| {
        let t = &text[lines[k].clone()];
        !is_separator(t)
            && cells(t, 0)
                .iter()
                .skip(1)
                .any(|c| opens_with_datum(&t[c.clone()]))
    };
    let mut parts = Vec::new();
    let mut first = start;
    for k in start + 2..end {
        let header = k - 1;
        if is_separator(&text[lines[k].clone()])
            && !is_separator(&text[lines[header].clone()])
            && !is_data(header)
            && (first..header).any(is_data)
        {
            parts.push((first, header));
            first = header;
        }
    }
    parts.push((first, end));
    parts
}

/// A row whose first cell alone is filled and the rest are the table's empty cells (`AVOREN
/// study (Escudier et al, 2008; Bracarda et al, 2007; …) | |||||||`): a section's name
/// spanning the table, however long (a trial's name with its citations), not prose laid out
/// in cells, which fills no row of empty cells.
fn is_spanning_label_row(line: &str) -> bool {
    let cells = cells(line, 0);
    cells.len() >= 5 && cells[1..].iter().all(|c| line[c.clone()].trim().is_empty())
}

/// A header row whose last cells were copied a line each, each closed by its separator
/// (`Group | N | Time | Glucose |`, then `Insulin |`, `Sensitivity |`): the lines are cells of
/// that row where the document's own rows say so: the row and its lines make exactly as many
/// cells as the first data row below fills, or each line names a group with its n
/// (`Escitalopram (N=86) |`). A line naming a heading that spans columns (`Observed data
/// only |` over two columns) fits neither, and stays a row of its own.
fn join_header_cell_lines(text: &str, rows: Vec<Row>) -> Vec<Row> {
    let line_of = |r: &Row| text[r.line.clone()].trim().to_string();
    let one_closed_cell = |r: &Row| {
        let line = line_of(r);
        line.ends_with('|')
            && line.matches('|').count() == 1
            && !opens_with_datum(line.trim_end_matches('|'))
    };
    let is_data = |r: &Row| r.cells.iter().any(|c| opens_with_datum(&text[c.clone()]));
    let Some(first_data) = rows.iter().position(is_data) else {
        return rows;
    };
    let data_width = filled_width(text, &rows[first_data]);
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut r = 0;
    while r < rows.len() {
        let mut row = rows[r].clone();
        let run = rows[(r + 1).min(first_data)..first_data]
            .iter()
            .take_while(|l| one_closed_cell(l))
            .count();
        let header = run > 0
            && filled_width(text, &row) >= 2
            && line_of(&row).ends_with('|')
            && !is_separator(&line_of(&row));
        let lines = &rows[r + 1..r + 1 + run];
        let names_ns = lines.iter().all(|l| n_printed_in(&line_of(l)).is_some());
        if header && (filled_width(text, &row) + run == data_width || names_ns) {
            while row
                .cells
                .last()
                .is_some_and(|c| text[c.clone()].trim().is_empty())
            {
                row.cells.pop();
            }
            for l in lines {
                let cell = l.cells[0].clone();
                let kept = text[cell.clone()].trim_end().trim_end_matches('|').len();
                row.cells.push(cell.start..cell.start + kept);
                row.line = row.line.start..l.line.end;
            }
            r += run;
        }
        out.push(row);
        r += 1;
    }
    out
}

/// Rows whose first cells span the rows below them, as a page's table copies them: the cells
/// are printed once, on their first row, and the rows below open further right
/// (`Interim | Bevacizumab plus IFN | 327 | 10.2`, then `Placebo plus IFN | 322 | 5.4`;
/// `Control | 120 | Day 1 | 9.44±1.94`, then `Day 7 | 7.21±2.19`). A row that opens with a
/// name and then a datum, under a row whose first `d` cells are filled and whose cell `d` is a
/// name followed by a datum, and which fills at most `d` cells fewer than that row, has lost
/// its first `d` cells: empty ones are put back, so that each cell stands under its column's
/// header.
fn fill_spanned_first_cells(text: &str, mut rows: Vec<Row>) -> Vec<Row> {
    let cell = |row: &Row, k: usize| row.cells.get(k).map(|c| text[c.clone()].trim().to_string());
    let name = |t: Option<String>| t.is_some_and(|t| !t.is_empty() && !opens_with_datum(&t));
    let datum = |t: Option<String>| t.is_some_and(|t| opens_with_datum(&t));
    // The last row printing its own first cells: the one whose cells the rows below share.
    let mut anchor: Option<usize> = None;
    for r in 0..rows.len() {
        let lost = anchor.and_then(|a| {
            let above = &rows[a];
            (name(cell(&rows[r], 0)) && datum(cell(&rows[r], 1)))
                .then(|| {
                    (1..4).find(|&d| {
                        (0..d).all(|k| cell(above, k).is_some_and(|t| !t.is_empty()))
                            && name(cell(above, d))
                            && datum(cell(above, d + 1))
                            && filled_width(text, &rows[r]) + d <= filled_width(text, above)
                    })
                })
                .flatten()
        });
        match lost {
            Some(d) => {
                let at = rows[r].line.start;
                for _ in 0..d {
                    rows[r].cells.insert(0, at..at);
                }
            }
            None => anchor = Some(r),
        }
    }
    rows
}

/// Is line `i` a blank line between two rows closed by `|`? A table copied from a web page
/// (HighWire's table views, PMC's) often keeps one blank line after each row; the rows on
/// both sides are still one table.
fn blank_between_pipe_rows(text: &str, lines: &[Range<usize>], i: usize) -> bool {
    let piped = |k: usize| {
        lines.get(k).is_some_and(|l| {
            let t = text[l.clone()].trim_end();
            t.ends_with('|') && !is_prose_row(t)
        })
    };
    text[lines[i].clone()].trim().is_empty() && i > 0 && piped(i - 1) && piped(i + 1)
}

/// Is line `i` a section's label standing alone between two rows of a table set apart by tabs
/// with as many cells (`Disease extent` between `Disease duration (yr)\t3.83 ± 4.00\t3.64 ±
/// 2.59` and `E3 (pancolitis)\t7 (25.9)\t6 (20.7)`)? A copy drops the empty cells of a row
/// that prints a label alone, so the label loses its tabs: it is the table's section row, no
/// end of the table. A short label of words only (no value, no title, no sentence).
fn section_between_tab_rows(text: &str, lines: &[Range<usize>], i: usize) -> bool {
    let tab_cells = |k: usize| {
        lines.get(k).map_or(0, |l| {
            let t = &text[l.clone()];
            if t.contains('\t') && !t.contains('|') {
                t.split('\t').count()
            } else {
                0
            }
        })
    };
    let t = text[lines[i].clone()].trim();
    let (above, below) = (i.checked_sub(1).map_or(0, tab_cells), tab_cells(i + 1));
    !t.is_empty()
        && t.chars().count() <= 60
        && !t.contains(['|', '\t', '.', '。', ':', '：'])
        && !t.chars().any(|c| c.is_ascii_digit())
        && !is_title(t)
        && above >= 2
        && above == below
}

/// Is a line only a cell separator (`|`) or a rule ending a row (`---|`), as a page's table
/// converted a cell a line prints between its cells?
fn is_rule_line(line: &str) -> bool {
    let t = line.trim();
    t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A table's title line (`Table 2`, `TABLE 3.`, `Tab. 1`, `表 2`, `表1`).
pub(super) fn is_title(line: &str) -> bool {
    let t = line.trim_start();
    let rest = ["Table", "TABLE", "Tab.", "表"]
        .iter()
        .find_map(|w| t.strip_prefix(w));
    // `Table. 1—` as some journals print it: a full stop after the word.
    rest.is_some_and(|r| {
        let r = r.strip_prefix('.').unwrap_or(r);
        r.trim_start().starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Rows that copying broke across two lines, joined again. A long cell wraps, and the copy
/// keeps the wrap as a new line, which then reads as a row of its own:
/// - a row label alone, closed by its separator (`Fatal or nonfatal congestive heart failure
///   |`), then a line that opens with a datum (`152 (3.0) | 0.90 | …`): one row;
/// - a header row closed by its separator (`… | Hazard Ratio (95% CI) |`), then a line whose
///   one filled cell names a statistic (`P Value | ||`): that header continues, its last
///   column named on the next line.
fn join_broken_rows(text: &str, rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut seen_data = false;
    for row in rows {
        let filled = |r: &Row| {
            r.cells
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty())
                .count()
        };
        let first_cell = row.cells.first().map_or("", |c| text[c.clone()].trim());
        let joined = out.last().is_some_and(|prev: &Row| {
            let closed = text[prev.line.clone()].trim_end().ends_with('|');
            let label_alone = prev.cells.len() <= 2 && filled(prev) == 1;
            let wrapped_label = label_alone && opens_with_datum(first_cell);
            // A header wrapped in its last column fills its cells up to the closing
            // separator; one that ends in empty cells (`Baseline | 6 Months | … | |||`) is
            // complete, and a statement under it (`Mean ± Standard Deviation ||||`) is a row
            // of its own.
            let trailing_empty = prev
                .cells
                .iter()
                .rev()
                .take_while(|c| {
                    text[(*c).clone()]
                        .trim()
                        .trim_matches('|')
                        .trim()
                        .is_empty()
                })
                .count();
            let wrapped_header = !seen_data
                && filled(prev) >= 2
                && trailing_empty <= 1
                && filled(&row) == 1
                && names_statistic(first_cell);
            closed && (wrapped_label || wrapped_header)
        });
        let is_data = row
            .cells
            .iter()
            .skip(1)
            .any(|c| opens_with_datum(&text[c.clone()]))
            || opens_with_datum(first_cell);
        match (joined, out.last_mut()) {
            (true, Some(prev)) => {
                // The previous row without its closing separator and empty cell (a row of one
                // separator is one cell, `label |`), then this row's cells.
                if let Some(last) = prev.cells.last_mut() {
                    let cell = &text[last.clone()];
                    let trimmed = cell.trim_end();
                    if let Some(kept) = trimmed.strip_suffix('|') {
                        last.end = last.start + kept.len();
                    }
                }
                while prev
                    .cells
                    .last()
                    .is_some_and(|c| text[c.clone()].trim().is_empty())
                {
                    prev.cells.pop();
                }
                prev.cells.extend(row.cells);
                prev.line = prev.line.start..row.line.end;
            }
            _ => out.push(row),
        }
        seen_data |= is_data;
    }
    out
}

/// Rows a page's copy wrapped after some of their cells, each line closed by its separator, as
/// many lines as the page's width allowed:
/// - a data row (`EASI change (SE) | − 9.2 (1.8) |`, then `− 22.6 (1.5) p < 0.0001 |`, `− 22.2
///   (1.3) p < 0.0001 |`, …), its later lines opening with a datum, while together they fill no
///   more cells than the rule (`---|---|…`) has columns;
/// - the header's names under the rule (`Placebo (n = 85) | Drug (n = 84) |`, `Drug 2 (n = 82) |
///   Placebo (n = 83) | Drug (n = 69) |`, `Drug 2 (n = 62) | |`), up to the first line with data
///   or padded with empty cells: one row where together they name every column but the stub's,
///   or every column;
/// - the same names above the rule, at the table's top, a cell a line (`| Group 1 n=21 |`,
///   `Group 2 n=11 |`, `Group 3 N=33 |`, `p-value | |`), every line up to the rule.
///
/// A table without a rule, or whose rows fill it, is left as it is.
fn join_wrapped_rows(text: &str, rows: Vec<Row>) -> Vec<Row> {
    let width = rule_width(text, &rows);
    if width < 3 {
        return rows;
    }
    let filled = |r: &Row| filled_cells(text, r);
    let has_datum = |r: &Row| r.cells.iter().any(|c| opens_with_datum(&text[c.clone()]));
    let closed = |r: &Row| text[r.line.clone()].trim_end().ends_with('|');
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut i = 0;
    let mut seen_data = false;
    while i < rows.len() {
        let row = &rows[i];
        // The header's names under the rule, or above it at the table's top, joined as a
        // whole or not at all.
        let under_rule = i > 0 && is_separator(&text[rows[i - 1].line.clone()]);
        if (under_rule || i == 0) && !seen_data {
            let run: Vec<&Row> = rows[i..]
                .iter()
                .take_while(|r| {
                    !is_separator(&text[r.line.clone()])
                        && !has_datum(r)
                        && !padded_with_empty_cells(text, r)
                        && closed(r)
                })
                .collect();
            let names: usize = run.iter().map(|r| filled(r)).sum();
            // Under the rule some line holds two names or more; above it, the run is all
            // the rows up to the rule (a cell a line, `| Group 1 n=21 |`, `Group 2 n=11 |`).
            let several = if under_rule {
                run.iter().any(|r| filled(r) >= 2)
            } else {
                // One name short of the rule's columns only where the copy printed the stub's
                // empty cell (`p-value | |`, `|`); else the missing name may be any column's.
                let stub_printed = run.last().is_some_and(|r| {
                    let line = text[r.line.clone()].trim();
                    line == "|" || line.ends_with("| |") || line.ends_with("||")
                });
                rows.get(i + run.len())
                    .is_some_and(|r| is_separator(&text[r.line.clone()]))
                    && (names == width || stub_printed)
            };
            if run.len() >= 2 && several && (names + 1 == width || names == width) {
                let mut joined = run[0].clone();
                for r in &run[1..] {
                    append_wrapped(text, &mut joined, (*r).clone());
                }
                // Above the rule, the stub's empty header cell was copied last (`|` alone, or
                // `p-value | |`): the names stand over the columns right of the stub.
                if !under_rule {
                    while joined.cells.len() > 1
                        && joined.cells.last().is_some_and(|c| {
                            text[c.clone()].trim().trim_matches('|').trim().is_empty()
                        })
                    {
                        joined.cells.pop();
                    }
                }
                out.push(joined);
                i += run.len();
                continue;
            }
        }
        let first = row
            .cells
            .iter()
            .map(|c| text[c.clone()].trim())
            .find(|t| !t.is_empty())
            .unwrap_or("");
        let join = opens_with_datum(first)
            && out.last().is_some_and(|prev| {
                !is_separator(&text[prev.line.clone()])
                    && closed(prev)
                    && has_datum(prev)
                    && filled(prev) < width
                    && filled(prev) + filled(row) <= width
                    // A table copied a cell a line (each line one cell) is another layout.
                    && (filled(prev) >= 2 || filled(row) >= 2)
            });
        seen_data |= has_datum(row);
        match (join, out.last_mut()) {
            (true, Some(prev)) => append_wrapped(text, prev, row.clone()),
            _ => out.push(row.clone()),
        }
        i += 1;
    }
    out
}

/// The number of columns the rule rows (`---|---|---|`) of `rows` mark, the most of any.
fn rule_width(text: &str, rows: &[Row]) -> usize {
    rows.iter()
        .filter(|r| is_separator(&text[r.line.clone()]))
        .map(|r| {
            text[r.line.clone()]
                .split('|')
                .filter(|p| !p.trim().is_empty())
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// How many cells of `row` hold something.
fn filled_cells(text: &str, row: &Row) -> usize {
    cells_holding_something(text, row).count()
}

/// The cells of `row` that hold something (a separator left in a cell is nothing).
pub(super) fn cells_holding_something<'r>(
    text: &'r str,
    row: &'r Row,
) -> impl Iterator<Item = &'r Range<usize>> + 'r {
    row.cells.iter().filter(|c| {
        !text[(*c).clone()]
            .trim()
            .trim_matches('|')
            .trim()
            .is_empty()
    })
}

/// Is the row padded with empty cells (`COPD severity | |||||||`, a section's row)? Such a line
/// is a whole row, not part of a wrapped one.
fn padded_with_empty_cells(text: &str, row: &Row) -> bool {
    let pieces: Vec<&str> = text[row.line.clone()].trim().split('|').collect();
    pieces[..pieces.len() - 1]
        .iter()
        .filter(|p| p.trim().is_empty())
        .count()
        >= 2
}

/// Appends `row`'s cells to `prev`, without the empty cells `prev` ended in: an empty cell the
/// page printed before the wrap (`Drug 2 (n = 62) | |`) is kept at the whole row's end.
fn append_wrapped(text: &str, prev: &mut Row, row: Row) {
    while prev.cells.len() > 1
        && prev
            .cells
            .last()
            .is_some_and(|c| text[c.clone()].trim().trim_matches('|').trim().is_empty())
    {
        prev.cells.pop();
    }
    // A line of one cell closed by its separator (`BIKE |`, a header's name a line) reads as
    // one cell with the bar in it: the name is what stands before the bar.
    prev.cells.extend(row.cells.into_iter().map(|c| {
        let cell = &text[c.clone()];
        match cell.trim_end().strip_suffix('|') {
            Some(kept) if !kept.contains('|') => c.start..c.start + kept.trim_end().len(),
            _ => c,
        }
    }));
    prev.line = prev.line.start..row.line.end;
}

/// A row's cells copied a cell a line, each closed by its separator (`Baseline, mean (SD) |`,
/// `12.8 (20.14) |`, `14.3 (22.62) |`, …, an empty cell a bare `|`), as a page's table pastes
/// when its header row is copied whole (`Drug N = 115 | Placebo N = 111 | |`): a label's line
/// and the `k` value lines after it are one row, `k` the most cells a row of the block fills.
/// A value line opens with a datum, prints an n (`n = 109`) or a placeholder (`–`, `NS`), or
/// is empty. A label followed by other than exactly `k` value lines is left as it is.
fn join_cell_lines(text: &str, rows: Vec<Row>) -> Vec<Row> {
    // The cell a line of one cell closed by its separator holds, without it.
    let lone_cell = |r: &Row| -> Option<Range<usize>> {
        let line = &text[r.line.clone()];
        let body = line.trim_end().strip_suffix('|')?;
        if body.contains('|') || body.contains('\t') {
            return None;
        }
        let start = r.line.start + (body.len() - body.trim_start().len());
        Some(start..r.line.start + body.trim_end().len())
    };
    let is_value = |cell: &Range<usize>| {
        let t = text[cell.clone()].trim();
        t.is_empty()
            || opens_with_datum(t)
            || is_n_cell(t)
            || matches!(
                t,
                "N/A" | "NA" | "n/a" | "NR" | "NE" | "NS" | "ns" | "–" | "—" | "-" | "‐"
            )
    };
    let k = rows
        .iter()
        // Rows of names (the header), not rows of data.
        .filter(|r| {
            let line = &text[r.line.clone()];
            line.matches('|').count() >= 2
                && !is_separator(line)
                && !r.cells.iter().any(|c| opens_with_datum(&text[c.clone()]))
        })
        .map(|r| {
            r.cells
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty())
                .count()
        })
        .max()
        .unwrap_or(0);
    if k < 2 {
        return rows;
    }
    // The first row of names: the lines of one cell above it are the header's.
    let Some(names) = rows.iter().position(|r| {
        let line = &text[r.line.clone()];
        line.matches('|').count() >= 2 && !is_separator(line) && {
            let filled = r
                .cells
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty());
            filled.count() == k
        }
    }) else {
        return rows;
    };
    let mut out: Vec<Row> = rows[..=names].to_vec();
    let mut i = names + 1;
    while i < rows.len() {
        let label = lone_cell(&rows[i]).filter(|c| !is_value(c));
        let values: Vec<Range<usize>> = rows[i + 1..]
            .iter()
            .map_while(|r| lone_cell(r).filter(|c| is_value(c)))
            .take(k + 1)
            .collect();
        match label {
            Some(label) if values.len() == k => {
                let mut cells = vec![label];
                cells.extend(values);
                out.push(Row {
                    line: rows[i].line.start..rows[i + k].line.end,
                    cells,
                });
                i += k + 1;
            }
            // A line of one cell that no row takes: the block is laid out otherwise (rows of
            // cells with labels wrapped, or columns the names' row does not count).
            _ if lone_cell(&rows[i]).is_some() => return rows,
            _ => {
                out.push(rows[i].clone());
                i += 1;
            }
        }
    }
    // The layout is the table's when it repeats: one label and `k` values in a row may be a
    // wrapped row of another layout.
    if out.len() + 2 * k <= rows.len() {
        out
    } else {
        rows
    }
}

/// Tables copied a cell a line with every row, its rule too, opened and closed by a bar: a
/// Markdown table (`| | Drug | Placebo |`, `|---|`, `| Pain | 3.1 (1.2) | 4.0 (1.5) |`) whose
/// cells a converter put each on a line of its own, the bars on the lines between. A row's
/// closing bar and the next row's opening bar then stand on two lines in a row (`|`, `|`),
/// and an empty cell is printed between two bars on one line (`| |`). The rule, opened and
/// closed by its bars (`|---|`), tells this copy from one that closes each cell by its bar
/// alone (`12 |`, `---|`), whose rows nothing ends ([`find_cell_lines`]).
fn find_bracketed_cell_lines(
    text: &str,
    lines: &[Range<usize>],
    taken: &[Range<usize>],
) -> Vec<Table> {
    let line = |k: usize| text[lines[k].clone()].trim();
    let is_bars = |k: usize| {
        let t = line(k);
        t.starts_with('|') && t.ends_with('|') && is_rule_line(t)
    };
    let is_cell = |k: usize| {
        !line(k).is_empty()
            && !line(k).contains('|')
            && k > 0
            && k + 1 < lines.len()
            && is_bars(k - 1)
            && is_bars(k + 1)
    };
    let mut out = Vec::new();
    for run in runs(lines, |k| {
        !is_inside(taken, &lines[k]) && (is_bars(k) || is_cell(k))
    }) {
        let opened_rule = run.clone().any(|k| is_bars(k) && is_separator(line(k)));
        if !opened_rule {
            continue;
        }
        if let Some(table) = bracketed_table(text, lines, run) {
            out.push(table);
        }
    }
    out
}

/// The table of [`find_bracketed_cell_lines`] in one run of lines: each cell line a cell,
/// each `| |` an empty cell, a row ended where two bars meet and at each rule.
fn bracketed_table(text: &str, lines: &[Range<usize>], run: Range<usize>) -> Option<Table> {
    let mut rows: Vec<Row> = Vec::new();
    // The open row's cells, each with the index of the line it stands on.
    let mut cells: Vec<(usize, Range<usize>)> = Vec::new();
    let mut after_bar = false;
    let close = |cells: &mut Vec<(usize, Range<usize>)>, rows: &mut Vec<Row>| {
        if let (Some((first, _)), Some((last, _))) = (cells.first(), cells.last()) {
            rows.push(Row {
                line: lines[*first].start..lines[*last].end,
                cells: cells.drain(..).map(|(_, c)| c).collect(),
            });
        }
    };
    for k in run.clone() {
        let l = &lines[k];
        let t = &text[l.clone()];
        if !t.contains('|') {
            let name = t.trim();
            let start = l.start + t.find(name)?;
            cells.push((k, start..start + name.len()));
            after_bar = false;
            continue;
        }
        if is_separator(t) {
            close(&mut cells, &mut rows);
            rows.push(Row {
                line: l.clone(),
                cells: self::cells(t, l.start),
            });
            after_bar = false;
            continue;
        }
        // Bars and the white space between them: a gap of spaces is an empty cell; two
        // bars meeting end one row and open the next. (The line's indent is no gap.)
        let indent = t.len() - t.trim_start().len();
        let mut gap_start: Option<usize> = None;
        for (i, c) in t.char_indices().skip_while(|(i, _)| *i < indent) {
            if c == '|' {
                match gap_start.take() {
                    Some(g) => cells.push((k, l.start + g..l.start + i)),
                    None if after_bar => close(&mut cells, &mut rows),
                    None => {}
                }
                after_bar = true;
            } else if after_bar && gap_start.is_none() {
                gap_start = Some(i);
            }
        }
    }
    close(&mut cells, &mut rows);
    let data_rows = rows
        .iter()
        .filter(|r| {
            r.cells
                .iter()
                .filter(|c| opens_with_datum(&text[(*c).clone()]))
                .count()
                >= 2
        })
        .count();
    (data_rows >= 2).then(|| Table::new(text, rows, lines, (run.start, run.end), false))
}

/// The byte ranges the `tables` span (first row's start to last row's end): where a later
/// finder does not look.
fn extents(tables: &[Table]) -> Vec<Range<usize>> {
    tables
        .iter()
        .filter_map(|t| Some(t.rows.first()?.line.start..t.rows.last()?.line.end))
        .collect()
}

/// The runs of consecutive lines (indices into `lines`) that `keep` keeps.
fn runs(lines: &[Range<usize>], keep: impl Fn(usize) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !keep(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && keep(i) {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// Is line `l` inside one of the `taken` ranges (a table already found)?
fn is_inside(taken: &[Range<usize>], l: &Range<usize>) -> bool {
    taken.iter().any(|t| t.start <= l.start && l.start <= t.end)
}

/// The indices of the title lines (`Table 2 …`) outside the tables already found: where a
/// table without separators may start.
fn titles_outside(text: &str, lines: &[Range<usize>], taken: &[Range<usize>]) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| !is_inside(taken, &lines[i]) && is_title(&text[lines[i].clone()]))
        .collect()
}

/// Tables copied a cell a line (as a web page's table pastes: each cell on its own line, the
/// cells often set apart by blank lines and an empty cell then a line of spaces), after a
/// title line (`Table 2 …`). The columns are not marked, so their number is found: the one that
/// groups the most cells into rows whose first cell (the row's label) never opens with a
/// datum while the rows below the header hold data, as a table's rows do. A long line (a
/// footnote) or the next title ends the table. Lines inside `taken` (tables of `|` or tabs)
/// are not looked at.
fn find_stacked(text: &str, lines: &[Range<usize>], taken: &[Range<usize>]) -> Vec<Table> {
    let mut out = Vec::new();
    let inside = |l: &Range<usize>| is_inside(taken, l);
    for i in titles_outside(text, lines, taken) {
        // The cells: after the title and any long lines under it (its description), and the
        // article a publisher's table page names under it (`From: High-dose drug reduces …`).
        let mut k = i + 1;
        while k < lines.len()
            && (text[lines[k].clone()].trim().is_empty()
                || text[lines[k].clone()].chars().count() > 100
                || text[lines[k].clone()].starts_with("From: "))
        {
            k += 1;
        }
        let start = k;
        // Blank lines set the cells apart when every other line is blank at the start.
        let spaced = lines[start..]
            .iter()
            .take(8)
            .skip(1)
            .step_by(2)
            .all(|l| text[l.clone()].is_empty());
        // Without blank lines between them, short lines may be a table's rows with their cells
        // set apart by spaces (`プラセボ群 113 4.3±8.20`) rather than cells: read as cells only
        // when (nearly) every line holds one cell at most (no two numbers side by side).
        if !spaced && !lines_hold_one_cell(text, &lines[start..]) {
            continue;
        }
        let mut cells_at: Vec<Range<usize>> = Vec::new();
        let mut end = start;
        while end < lines.len() {
            let l = &lines[end];
            let line = &text[l.clone()];
            if inside(l) || is_title(line) || line.chars().count() > 100 {
                break;
            }
            if line.is_empty() || (!spaced && line.trim().is_empty()) {
                end += 1;
                continue;
            }
            if is_rule_line(line) {
                // Cells set apart by lines of `|` are [`find_cell_lines`]' to read.
                cells_at.clear();
                break;
            }
            cells_at.push(l.clone());
            end += 1;
        }
        // The lines the rows stand on: from the first row's to the last's.
        let extent = |rows: &[Row]| {
            let first = lines
                .iter()
                .position(|l| l.start == rows[0].line.start)
                .unwrap_or(start);
            let last = lines
                .iter()
                .position(|l| l.end >= rows[rows.len() - 1].line.end)
                .map_or(end, |p| p + 1);
            (first, last)
        };
        // Groups over their times, the times' unit printed once in the stub (`Supervised`,
        // `Home based`, `Control`, then `Week`, `1`, `6`, `12`, `1`, `6`, `12` …).
        if let Some(rows) = stacked_groups_over_times(text, &cells_at) {
            let mut table = Table::new(text, rows.clone(), lines, extent(&rows), spaced);
            // The row of times opens with numbers: a header row all the same.
            table.header_rows = 2;
            table.column_headers = table.headers(text, table.width);
            out.push(table);
            continue;
        }
        let Some((taken_cells, layout)) = stacked_columns(text, &cells_at) else {
            continue;
        };
        if !spaced
            && taken_cells < cells_at.len()
            && read_further_by_labels(
                text,
                lines,
                taken,
                start..end,
                cells_at[taken_cells - 1].end,
            )
        {
            continue;
        }
        let rows = stacked_rows(text, &cells_at[..taken_cells], layout);
        let extent = extent(&rows);
        out.push(Table::new(text, rows, lines, extent, spaced));
    }
    out
}

/// Do the short lines from the start of `lines` (up to a title or a long line) hold a cell
/// each: nine or more, and at most one in ten with two numbers side by side?
fn lines_hold_one_cell(text: &str, lines: &[Range<usize>]) -> bool {
    let candidates: Vec<&Range<usize>> = lines
        .iter()
        .take_while(|l| {
            let line = &text[(*l).clone()];
            !is_title(line) && line.chars().count() <= 100
        })
        .filter(|l| !text[(*l).clone()].trim().is_empty())
        .collect();
    let multi = candidates
        .iter()
        .filter(|l| two_numbers_side_by_side(&text[(**l).clone()]))
        .count();
    !(candidates.len() < 9 || multi * 10 > candidates.len())
}

/// The rows of a table copied a cell a line: the first `layout.header` cells as its header
/// row (under an empty stub when they are fewer than the columns), then the body's rows as
/// [`stacked_body`] reads them.
fn stacked_rows(text: &str, cells_at: &[Range<usize>], layout: StackedLayout) -> Vec<Row> {
    let (width, header) = (layout.width, layout.header);
    let header_rows = if layout.ns_under_names {
        // The stub's name, if printed, heads the names' row; the n's row's stub is empty.
        let stub = header % 2 == 1;
        let named = &cells_at[usize::from(stub)..header];
        let row = |from: usize| {
            let cells: Vec<Range<usize>> = named.iter().skip(from).step_by(2).cloned().collect();
            let corner = if stub && from == 0 {
                cells_at[0].clone()
            } else {
                cells[0].start..cells[0].start
            };
            Row {
                line: corner.start..cells[cells.len() - 1].end,
                cells: std::iter::once(corner).chain(cells).collect(),
            }
        };
        vec![row(0), row(1)]
    } else if let Some(upper) = layout.spanning {
        // The stub's cell is left empty in both rows; the lower names stand over the value
        // columns, the upper over the blocks ([`Table::headers`] spans them).
        let row = |cells: &[Range<usize>]| Row {
            line: cells[0].start..cells[cells.len() - 1].end,
            cells: std::iter::once(cells[0].start..cells[0].start)
                .chain(cells.iter().cloned())
                .collect(),
        };
        vec![row(&cells_at[..upper]), row(&cells_at[upper..header])]
    } else {
        vec![Row {
            line: cells_at[0].start..cells_at[header - 1].end,
            cells: (header < width)
                .then(|| cells_at[0].start..cells_at[0].start)
                .into_iter()
                .chain(cells_at[..header].iter().cloned())
                .collect(),
        }]
    };
    header_rows
        .into_iter()
        .chain(
            stacked_body(text, &cells_at[header..], layout)
                .0
                .into_iter()
                .map(|r| Row {
                    line: r[0].start..r.iter().map(|c| c.end).max().unwrap_or(r[0].end),
                    cells: r,
                }),
        )
        .collect()
}

/// Columns counted in fixed steps ([`stacked_columns`]) stop at the first row that prints
/// fewer values (a later visit of one arm only, a section's label between rows): does
/// [`find_cell_lines`], reading each label with the values below it, take the lines of
/// `block` further than `stacked_end`? Then the table is its to read: asked of the same runs
/// and cells that reader will take (lines inside `taken` are not its).
fn read_further_by_labels(
    text: &str,
    lines: &[Range<usize>],
    taken: &[Range<usize>],
    block: Range<usize>,
    stacked_end: usize,
) -> bool {
    cell_line_runs(text, lines, taken)
        .into_iter()
        .filter(|run| run.start < block.end && block.start < run.end)
        .filter_map(|run| cell_lines_run(text, lines, run))
        .any(|t| t.rows.last().is_some_and(|r| r.line.end > stacked_end))
}

/// A stacked table's ([`find_stacked`]) header of two rows, groups over their times, as a
/// page's table copies it a cell a line: two group names or more, then the times' unit alone
/// (`Week`, `Month`, `Day`, `週`: the stub's cell of the lower header row), then the same
/// sequence of times, as bare numbers, once under each group (`1`, `6`, `12`, `1`, `6`, `12`,
/// …); then rows of a label and a value under each time of each group. Its rows (the two
/// header rows first), or `None` where the cells are not so printed or fewer than two rows
/// follow.
fn stacked_groups_over_times(text: &str, cells_at: &[Range<usize>]) -> Option<Vec<Row>> {
    let cell = |k: usize| text[cells_at[k].clone()].trim();
    let groups = (0..cells_at.len())
        .take_while(|&k| !opens_with_datum(cell(k)) && !is_time_unit(cell(k)))
        .count();
    if groups < 2 || groups >= cells_at.len() || !is_time_unit(cell(groups)) {
        return None;
    }
    let unit = groups;
    let times: Vec<&str> = (unit + 1..cells_at.len())
        .map(cell)
        .take_while(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    // The sequence under the first group, repeated under each (its first time returns).
    let per_group = times.iter().skip(1).position(|t| *t == times[0])? + 1;
    if per_group < 2
        || times.len() < groups * per_group
        || (0..groups * per_group).any(|k| times[k] != times[k % per_group])
    {
        return None;
    }
    let width = 1 + groups * per_group;
    let header_end = unit + 1 + groups * per_group;
    let body: Vec<&[Range<usize>]> = cells_at[header_end..].chunks_exact(width).collect();
    let rows = body
        .iter()
        .take_while(|r| {
            !opens_with_datum(&text[r[0].clone()])
                && r[1..]
                    .iter()
                    .all(|c| value_or_empty(text[c.clone()].trim()))
        })
        .count();
    if rows < 2 {
        return None;
    }
    let at = |k: usize| cells_at[k].clone();
    let upper = Row {
        line: at(0).start..at(groups - 1).end,
        cells: std::iter::once(at(0).start..at(0).start)
            .chain((0..groups).map(at))
            .collect(),
    };
    let lower = Row {
        line: at(unit).start..at(header_end - 1).end,
        cells: (unit..header_end).map(at).collect(),
    };
    Some(
        [upper, lower]
            .into_iter()
            .chain(body[..rows].iter().map(|r| Row {
                line: r[0].start..r[width - 1].end,
                cells: r.to_vec(),
            }))
            .collect(),
    )
}

/// A header row's texts that are times as bare numbers with their unit printed once in the
/// stub's cell (`Week | 1 | 6 | 12 | 1 | 6 | 12`).
fn numbers_under_a_time_unit(texts: &[String]) -> bool {
    let filled: Vec<&String> = texts[1..].iter().filter(|t| !t.is_empty()).collect();
    texts.first().is_some_and(|t| is_time_unit(t))
        && filled.len() >= 2
        && filled.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit()))
}

/// Is a header cell the unit of the times printed under it as bare numbers (`Week`, `Weeks`,
/// `Time (months)`, `Day`, `Visit`, `Week of study`, `Months after surgery`, `週`, `ヶ月`,
/// `投与後週数`)?
pub fn is_time_unit(cell: &str) -> bool {
    static P: OnceLock<regex::Regex> = OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^(?:time\s*\(\s*)?(?:weeks?|wks?|months?|mos?|days?|years?|hours?|visits?)\b(?:\s*\))?(?:\s+(?:of|on|after|from|since|post|into)\b(?:\s+\S+){1,3})?$|^(?:投与後|治療後|介入後)?(?:週|週目|週数|日|日目|日数|か月|カ月|ヶ月|ヵ月|年)$",
        )
        .expect("valid pattern")
    })
    .is_match(cell.trim())
}

/// A cell a row of values may print after its label: a value, nothing, a dash for an empty
/// cell or `ns`.
fn value_or_empty(cell: &str) -> bool {
    opens_with_datum(cell) || cell.is_empty() || ["—", "–", "-", "ns", "NS"].contains(&cell)
}

/// How a stacked table's cells ([`find_stacked`]) make rows: its columns, its header's cells,
/// and whether a row's label may stand alone as a section's (`NYHA stage, n (%)` over its
/// indented categories ` I`, ` II`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct StackedLayout {
    width: usize,
    header: usize,
    sections: bool,
    /// The header's cells are the columns' names, each with its n on the line after it
    /// (`Before run-in`, `(n = 140)`, `After run-in`, `(n = 128)`), after an optional stub's
    /// name: two header rows, the names' and the n's.
    ns_under_names: bool,
    /// The header's first cells are this many names, each spanning one block of the names
    /// under them, which repeat a block (`FFIT-FU-I | FFIT-FU-C | Difference` over `N | Mean
    /// (95% CI) | p | N | Mean (95% CI) | p | Estimate (95% CI) | p`): two header rows, the
    /// spanning names' and the columns'.
    spanning: Option<usize>,
}

/// A cell printed indented on its line (` I`, ` < 25`, ` 25–30`): a page's table copies a
/// category's row under its section's label so, and its label may open with a number.
pub(crate) fn indented_label(text: &str, cell: &Range<usize>) -> bool {
    let line = &text[cell.clone()];
    line.starts_with(|c: char| c.is_whitespace()) && !line.trim().is_empty()
}

/// The body rows of a stacked table's cells after its header, as long as they read as a
/// table's rows (a label, then values or empty cells), each `layout.width` cells; with
/// `layout.sections`, a label followed straight by an indented category's label is a
/// section's row alone, its other cells empty. With the rows, the cells they take.
fn stacked_body(
    text: &str,
    cells: &[Range<usize>],
    layout: StackedLayout,
) -> (Vec<Vec<Range<usize>>>, usize) {
    let width = layout.width;
    let datum = |c: &Range<usize>| opens_with_datum(&text[c.clone()]);
    let label = |c: &Range<usize>| !datum(c) || (layout.sections && indented_label(text, c));
    // Without the stub's cell the rows must read as rows throughout: a label, then values
    // (or empty cells) only; a label among the values says the columns were miscounted (a
    // table of groups as rows, each with its n).
    let values_only = |r: &[Range<usize>]| {
        layout.header == width
            || r[1..].iter().all(|c| {
                let t = text[c.clone()].trim();
                value_or_empty(t) || is_n_cell(t)
            })
    };
    let mut rows = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        let c = &cells[k];
        let section = layout.sections
            && !text[c.clone()].trim().is_empty()
            && !datum(c)
            && !indented_label(text, c)
            && cells.get(k + 1).is_some_and(|n| indented_label(text, n));
        if section {
            let mut row = vec![c.clone()];
            row.resize(width, c.end..c.end);
            rows.push(row);
            k += 1;
            continue;
        }
        // A section's label on a row of its own, spanning the columns, which a page's copy
        // leaves as the label and fewer blank cells than the row's (`Other characteristics`
        // over one line of spaces), before a row that reads as one: the section's row, padded.
        let blanks = cells[k + 1..]
            .iter()
            .take_while(|n| text[(*n).clone()].trim().is_empty())
            .count();
        let next_row = cells.get(k + 1 + blanks..k + 1 + blanks + width);
        if (1..width - 1).contains(&blanks)
            && !text[c.clone()].trim().is_empty()
            && !datum(c)
            && next_row.is_some_and(|r| {
                !text[r[0].clone()].trim().is_empty() && label(&r[0]) && values_only(r)
            })
        {
            let mut row = vec![c.clone()];
            row.resize(width, c.end..c.end);
            rows.push(row);
            k += 1 + blanks;
            continue;
        }
        let Some(r) = cells.get(k..k + width) else {
            break;
        };
        if !label(&r[0]) || !values_only(r) {
            break;
        }
        rows.push(r.to_vec());
        k += width;
    }
    (rows, k)
}

/// The layout of a stacked table's cells ([`find_stacked`]) whose rows take the most cells,
/// and how many cells they take, or `None`.
fn stacked_columns(text: &str, cells_at: &[Range<usize>]) -> Option<(usize, StackedLayout)> {
    let datum = |c: &Range<usize>| opens_with_datum(&text[c.clone()]);
    // Indented cells mark categories under a section only where they are few (a paste that
    // indents every line marks nothing).
    let filled = cells_at
        .iter()
        .filter(|c| !text[(*c).clone()].trim().is_empty())
        .count();
    let indented = cells_at.iter().filter(|c| indented_label(text, c)).count();
    let may_have_sections = indented > 0 && indented * 3 <= filled;
    // For each number of columns, how many cells its consistent rows take. The header row
    // may leave the stub's cell out (`Control group (n= 180) | Tα1 (n= 181) | P value`
    // over rows of a label and three values), as a page's table copies an empty cell.
    // The header's cells alternate a name and its n (an optional stub's name first).
    let names_over_ns = |header: usize| {
        let stub = header % 2 == 1;
        let named = &cells_at[usize::from(stub)..header];
        named.iter().enumerate().all(|(i, c)| {
            let t = text[c.clone()].trim();
            !t.is_empty() && is_n_cell(t) == (i % 2 == 1) && (i % 2 == 1 || !datum(c))
        })
    };
    let mut best: Option<(usize, usize, StackedLayout)> = None;
    for width in 3..=10 {
        if cells_at.len() < 3 * width {
            break;
        }
        // Names spanning blocks of the columns' names: as many as the blocks the lower names
        // repeat, and one more over the comparison's columns after them.
        let spanning = (2..=4).find(|&upper| {
            let lower = upper + width - 1;
            cells_at.len() > lower
                && !cells_at[..lower].iter().any(datum)
                && spanning_names_over_blocks(text, &cells_at[..upper], &cells_at[upper..lower])
        });
        let headers = [
            (width, false, None),
            (width - 1, false, None),
            (2 * (width - 1), true, None),
            (2 * (width - 1) + 1, true, None),
            (
                spanning.map_or(0, |upper| upper + width - 1),
                false,
                spanning,
            ),
        ];
        for (header, ns_under_names, spanning) in headers {
            if header == 0 {
                continue;
            }
            // A header of one row names its columns, or prints their n's after their names:
            // an n between names (`Before run-in`, `(n = 140)`, `After run-in`) is the n of
            // the name above it, a header of two rows.
            let ns_among_names = || {
                cells_at[..header].windows(3).any(|w| {
                    let t = |c: &Range<usize>| text[c.clone()].trim();
                    let name = |c: &Range<usize>| !t(c).is_empty() && !is_n_cell(t(c));
                    name(&w[0]) && is_n_cell(t(&w[1])) && name(&w[2])
                })
            };
            if cells_at.len() < header + 2 * width
                || !ns_under_names
                    && spanning.is_none()
                    && (cells_at[..header].iter().any(datum) || ns_among_names())
                || ns_under_names && !names_over_ns(header)
            {
                continue;
            }
            for sections in [false, true] {
                if sections && !may_have_sections {
                    continue;
                }
                let layout = StackedLayout {
                    width,
                    header,
                    sections,
                    ns_under_names,
                    spanning,
                };
                let (rows, body_cells) = stacked_body(text, &cells_at[header..], layout);
                let data_rows = rows.iter().filter(|r| r[1..].iter().any(datum)).count();
                let taken = header + body_cells;
                // Words under the value columns (`ITT` there: a row's label) say the
                // columns were miscounted, though the count took as many cells (a section's
                // label over one line of spaces and two rows under it are ten cells, as two
                // rows of five).
                let score = taken.saturating_sub(words_under_values(text, &rows));
                if data_rows >= 2 && best.is_none_or(|(most, _, _)| score > most) {
                    best = Some((score, taken, layout));
                }
            }
        }
    }
    best.map(|(_, taken, layout)| (taken, layout))
}

/// How many cells of `rows` under a value's column hold words (no value, n or empty cell).
fn words_under_values(text: &str, rows: &[Vec<Range<usize>>]) -> usize {
    rows.iter()
        .map(|r| {
            r[1..]
                .iter()
                .filter(|c| {
                    let t = text[(*c).clone()].trim();
                    !value_or_empty(t) && !is_n_cell(t)
                })
                .count()
        })
        .sum()
}

/// Do the `upper` cells name the blocks the `lower` cells repeat ([`repeated_blocks`]): one
/// name over each block, and one over the comparison's columns after them where the lower
/// names print such columns?
fn spanning_names_over_blocks(text: &str, upper: &[Range<usize>], lower: &[Range<usize>]) -> bool {
    let names = |cells: &[Range<usize>]| -> Vec<String> {
        cells
            .iter()
            .map(|c| text[c.clone()].trim().to_string())
            .collect()
    };
    let (upper, lower) = (names(upper), names(lower));
    if upper.iter().chain(&lower).any(|t| t.is_empty()) {
        return false;
    }
    repeated_blocks(&lower).is_some_and(|(period, repeated)| {
        let blocks = repeated / period;
        let tail = usize::from(repeated < lower.len());
        upper.len() == blocks + tail
    })
}

/// Tables copied a cell a line with no blank lines between the cells and no marked columns,
/// found by their rows, title or none: a row is a label (a line that opens with no datum)
/// and the values below it (lines that open with one), so a row may print fewer values than
/// there are columns (a later visit of one arm only), and a label followed by another label
/// is a section's (`DLQI(OC)` over `16 週`). The first row with two values or more sets the
/// number of value columns; the header is as many label lines right above that row's label
/// (a stub's name before them, as `評価時期`, stands over the labels), and at least one of them
/// must name a group, a time or the p, none a column of n's; where rules (`---|`) end the
/// header rows, they say which labels are the header ([`ruled_header`]). A row printing more
/// values than the columns and one more (a p), or a long line, ends the table.
fn find_cell_lines(text: &str, lines: &[Range<usize>], taken: &[Range<usize>]) -> Vec<Table> {
    cell_line_runs(text, lines, taken)
        .into_iter()
        .filter_map(|run| cell_lines_run(text, lines, run))
        .collect()
}

/// The runs of lines [`find_cell_lines`] reads: short lines outside `taken` that are no
/// prose, title or row of `|` or tabs.
fn cell_line_runs(text: &str, lines: &[Range<usize>], taken: &[Range<usize>]) -> Vec<Range<usize>> {
    runs(lines, |k| {
        let t = text[lines[k].clone()].trim();
        !is_inside(taken, &lines[k])
            && t.chars().count() <= 80
            && !is_prose_line(t)
            && !is_title(t)
            && (!is_table_row(t) || is_bare_separator(t))
    })
}

/// A line of separators alone (`|`, `|||`): what a page's table copied a cell a line leaves
/// where a row's cells are empty (a section's label, `SF-36 |`, then `|||`) or a row ends.
fn is_bare_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('|') && t.chars().all(|c| c == '|' || c.is_whitespace())
}

/// The table of [`find_cell_lines`] in one run of lines: its cells, in order, with whether
/// each opens with a datum, and its rules.
fn cell_lines_run(text: &str, lines: &[Range<usize>], run: Range<usize>) -> Option<Table> {
    let line = |k: usize| text[lines[k].clone()].trim();
    let is_rule = |k: usize| is_rule_line(line(k));
    // A line of spaces alone (`    `) is an empty cell, as a page's table copies one: the row
    // of a section's label (`Primary endpoint`, then its empty cells) holds it, so the label
    // is no column's name.
    // Where the cells are not set apart by blank lines, a blank line among them is an empty
    // cell too (`Mean change ± SD`, then a blank line under `Day 0`, then the values).
    let blank_lines = run
        .clone()
        .filter(|&k| text[lines[k].clone()].is_empty())
        .count();
    let set_apart = blank_lines * 3 >= run.len();
    let blank_cell = |k: usize| {
        line(k).is_empty()
            && (!text[lines[k].clone()].is_empty()
                || !set_apart && k > run.start && k + 1 < run.end)
    };
    // A line of separators alone is an empty cell between two values each closed by its
    // separator (`12 |`, `|`, `15 |`); else it sets cells apart (`23.3 (6.1)`, `|`,
    // `35.1 (8.0)`), ends a row or holds a section's empty cells: no cell, no label.
    let datum_line =
        |k: usize| run.contains(&k) && opens_with_datum(line(k)) && line(k).ends_with('|');
    let separators_alone = |k: usize| is_bare_separator(line(k));
    let empty_between_values =
        |k: usize| separators_alone(k) && k > 0 && datum_line(k - 1) && datum_line(k + 1);
    let cells: Vec<(usize, bool)> = run
        .clone()
        .filter(|&k| {
            (!line(k).is_empty() || blank_cell(k))
                && (!is_rule(k) || empty_between_values(k))
                && (!separators_alone(k) || empty_between_values(k))
        })
        .map(|k| {
            (
                k,
                blank_cell(k) || empty_between_values(k) || opens_with_datum(line(k)),
            )
        })
        .collect();
    let rules: Vec<usize> = run
        .filter(|&k| is_rule(k) && line(k).contains('-'))
        .collect();
    cell_lines_table(text, lines, &cells, &rules)
}

/// The table of [`find_cell_lines`] in one run of cells (line index, opens with a datum);
/// `rules`: the lines of dashes (`---|`) in the run, which end a header row where a page's
/// table was converted a cell a line ([`ruled_header`]).
fn cell_lines_table(
    text: &str,
    lines: &[Range<usize>],
    cells: &[(usize, bool)],
    rules: &[usize],
) -> Option<Table> {
    let line = |k: usize| text[lines[k].clone()].trim();
    // Rows: each label and the values after it.
    let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(k, datum) in cells {
        match (datum, rows.last_mut()) {
            (true, Some((_, values))) => values.push(k),
            (true, None) => {}
            (false, _) => rows.push((k, Vec::new())),
        }
    }
    let first = rows.iter().position(|(_, v)| v.len() >= 2)?;
    // Columns named a line each with each one's n on the line under its name (`Before run-in`,
    // `(n = 140)`, `After run-in`, `(n = 128)`, `Estimated changes`, `(n = 128)`): as many
    // columns as names, where a row prints that many values, although the first row may leave
    // its last cell empty (a change no baseline-only measure has).
    let named = names_over_their_ns(&rows, first, &line);
    let width = match named {
        Some(w)
            if w == rows[first].1.len() + 1
                && rows[first..]
                    .iter()
                    .take_while(|(_, v)| v.len() <= w)
                    .any(|(_, v)| v.len() == w) =>
        {
            w
        }
        _ => rows[first].1.len(),
    };
    merge_section_ns(&mut rows, first, width, &line);
    // A cell's text without its spaces and the separator that closes it (`DAS28 |`; an
    // empty cell's at its line's start).
    let span = |k: usize| {
        let l = &text[lines[k].clone()];
        let end = lines[k].start + l.trim_end().trim_end_matches('|').trim_end().len();
        (lines[k].start + (l.len() - l.trim_start().len())).min(end)..end
    };
    // The header: rows ended by rules, or the `width` labels right above the first row's
    // label, after any sections.
    let labels_above: Vec<usize> = rows[..first].iter().map(|(k, _)| *k).collect();
    let (header_rows, names, sections) =
        if let Some(ruled) = ruled_header(&labels_above, rows[first].0, rules, width, line) {
            (
                ruled_rows(&ruled, lines, &span)?,
                ruled.names,
                ruled.sections_from,
            )
        } else {
            labels_header(text, lines, &rows, first, width, &span)?
        };
    if !reads_as_columns(text, lines, (&rows, first, width), &header_rows, &names) {
        return None;
    }
    let header_start = header_rows.first()?.line.start;
    let header_end = header_rows.last()?.line.end;
    let mut last = lines.iter().position(|l| l.end == header_end)?;
    let mut table_rows = header_rows;
    let mut full_rows = 0;
    for (label, values) in &rows[sections..] {
        if values.len() > width + 1 {
            break;
        }
        full_rows += usize::from(values.len() == width);
        let end = values.last().copied().unwrap_or(*label);
        table_rows.push(Row {
            line: lines[*label].start..lines[end].end,
            cells: std::iter::once(*label)
                .chain(values.iter().copied())
                .map(span)
                .collect(),
        });
        last = end;
    }
    // Section rows after the last data row belong to what follows.
    while table_rows.last().is_some_and(|r| r.cells.len() == 1) {
        table_rows.pop();
        last = table_rows
            .last()
            .and_then(|r| lines.iter().position(|l| l.end == r.line.end))
            .unwrap_or(last);
    }
    if full_rows < 2 {
        return None;
    }
    let first_line = lines.iter().position(|l| l.start == header_start)?;
    Some(Table::new(
        text,
        table_rows,
        lines,
        (first_line, last + 1),
        false,
    ))
}

/// How many names, each with its n alone on the line under it (`Before run-in`, `(n = 140)`,
/// `After run-in`, `(n = 128)`), stand right above the first data row (`first` in `rows`):
/// two or more, or `None`.
fn names_over_their_ns<'t>(
    rows: &[(usize, Vec<usize>)],
    first: usize,
    line: &impl Fn(usize) -> &'t str,
) -> Option<usize> {
    let label = |r: usize, n: bool| rows[r].1.is_empty() && is_n_cell(line(rows[r].0)) == n;
    let mut pairs = 0;
    let mut r = first;
    while r >= 2 && label(r - 1, true) && label(r - 2, false) {
        pairs += 1;
        r -= 2;
    }
    (pairs >= 2).then_some(pairs)
}

/// Whether the header found for [`cell_lines_table`] (`header_rows`, its value columns'
/// labels `names`) stands over columns it reads: some name a group, a time or the p; none a
/// column of n's; and the rows (`rows`, the first data row `first`, `width` value columns)
/// are not the groups with what each column prints as the header (a table turned the other
/// way), unless a header row names the visits over the columns, whose groups' rows under
/// each measure's section the structure reads as a grid of groups by visits.
fn reads_as_columns(
    text: &str,
    lines: &[Range<usize>],
    (rows, first, width): (&[(usize, Vec<usize>)], usize, usize),
    header_rows: &[Row],
    names: &[usize],
) -> bool {
    let line = |k: usize| text[lines[k].clone()].trim();
    let names_column = |t: &str| names_a_column(t) || is_dose(t);
    // Rows that are the groups (`Topical diclofenac`, `Vehicle control`, each with its N and
    // its values); a column of n's (`N`) among the labels above says so too.
    let rows_are_groups = rows[first..]
        .iter()
        .any(|(k, v)| !v.is_empty() && !super::cues::groups(line(*k)).is_empty());
    let n_column = rows[first.saturating_sub(width + 2)..first]
        .iter()
        .any(|(k, _)| names_n(line(*k)));
    // `Baseline | Post-intervention | 3-month follow-up` over `Mean (SD) | P value …`, or
    // `Before run-in | After run-in`.
    let visits_over = header_rows.iter().any(|r| {
        r.cells
            .iter()
            .filter(|c| {
                let t = text[(*c).clone()].trim();
                super::cues::is_whole(t, super::cues::times)
                    || super::cues::opens_with_before_or_after(t)
            })
            .count()
            >= 2
    });
    let says_what_cells_print = names.iter().any(|&k| describes_cells(line(k)));
    !(rows_are_groups && !visits_over
        || n_column
        || !names.iter().any(|&k| names_column(line(k))) && !visits_over
        || names.iter().any(|&k| names_n(line(k)))
        || says_what_cells_print && !visits_over)
}

/// The rows of a ruled header, each line's cell at its text's `span` (a cell no line fills
/// empty, at its row's start); `None` when a row has no cell filled.
fn ruled_rows(
    ruled: &RuledHeader,
    lines: &[Range<usize>],
    span: &dyn Fn(usize) -> Range<usize>,
) -> Option<Vec<Row>> {
    ruled
        .rows
        .iter()
        .map(|cells| {
            let filled: Vec<usize> = cells.iter().flatten().copied().collect();
            let at = lines[*filled.first()?].start;
            Some(Row {
                line: at..lines[*filled.last()?].end,
                cells: cells.iter().map(|c| c.map_or(at..at, span)).collect(),
            })
        })
        .collect::<Option<Vec<Row>>>()
}

/// The header of [`cell_lines_table`] where no rules mark it: the `width` labels right above
/// the first data row's label (`first` in `rows`), after any sections, with a stub's name
/// before them where one stands there. The header row, its labels and where the data begin.
fn labels_header(
    text: &str,
    lines: &[Range<usize>],
    rows: &[(usize, Vec<usize>)],
    first: usize,
    width: usize,
    span: &dyn Fn(usize) -> Range<usize>,
) -> Option<(Vec<Row>, Vec<usize>, usize)> {
    let line = |k: usize| text[lines[k].clone()].trim();
    let labels_at = |end: usize| -> Option<Vec<usize>> {
        let from = end.checked_sub(width)?;
        rows[from..end]
            .iter()
            .all(|(_, v)| v.is_empty())
            .then(|| rows[from..end].iter().map(|(k, _)| *k).collect())
    };
    let header_row = |header: &[usize], stub: Option<usize>| Row {
        line: lines[stub.unwrap_or(header[0])].start..lines[header[width - 1]].end,
        cells: std::iter::once(stub.map_or(lines[header[0]].start..lines[header[0]].start, span))
            .chain(header.iter().map(|&k| span(k)))
            .collect(),
    };
    // Names a line each, each with its n on the line under it: the names' row and the n's row.
    if names_over_their_ns(rows, first, &line) == Some(width) {
        let at = |from: usize| -> Vec<usize> {
            (0..width)
                .map(|i| rows[first - 2 * width + 2 * i + from].0)
                .collect()
        };
        let (names, ns) = (at(0), at(1));
        return Some((
            vec![header_row(&names, None), header_row(&ns, None)],
            names,
            first,
        ));
    }
    // The columns' n's on one line under their names, after what the cells print (`NTG
    // 0.4%`, `Placebo`, then `n (%) (n = 123) (n = 124)`): a header's last row whose cells a
    // page's copy left on one line. The k-th n is the k-th column's; the line is no name.
    if let Some(n_line) = first.checked_sub(1).map(|r| rows[r].0) {
        if let Some(n_row) = ns_of_one_line(text, lines, n_line, width) {
            if let Some(names) = labels_at(first - 1)
                .filter(|h| h.iter().all(|&k| !is_n_cell(line(k)) && !names_n(line(k))))
            {
                let stub = (first > width + 1)
                    .then(|| &rows[first - width - 2])
                    .filter(|(k, v)| v.is_empty() && names_stub(line(*k)))
                    .map(|(k, _)| *k);
                return Some((vec![header_row(&names, stub), n_row], names, first));
            }
        }
    }
    let (end, header) = header_window(first, &line, &labels_at)?;
    let stub_at = |end: usize| {
        (end > width)
            .then(|| rows[end - width - 1].0)
            .filter(|&k| names_stub(line(k)) || super::cues::is_whole(line(k), super::cues::times))
    };
    // A row of the columns' n's under a row of their names (`PBO/RIS … All subjects`, then
    // `PANSS`, `(n = 46) … (N = 385)`): both are header rows, the label between them the
    // stub's.
    let ns_only = header.iter().all(|&k| is_n_cell(line(k)));
    if ns_only && end > width {
        let stub = Some(rows[end - width - 1].0).filter(|&k| !is_n_cell(line(k)));
        let names_end = end - width - usize::from(stub.is_some());
        if let Some(names) = labels_at(names_end).filter(|h| h.iter().all(|&k| !is_n_cell(line(k))))
        {
            let names_row = header_row(&names, None);
            let n_row = header_row(&header, stub);
            return Some((vec![names_row, n_row], header, end));
        }
    }
    if let Some(spanned) = spanned_comparisons(rows, first, width, &line) {
        return Some(spanned.header_rows(lines, span));
    }
    let stub = stub_at(end);
    Some((vec![header_row(&header, stub)], header, end))
}

/// The labels of [`labels_header`]'s header: the window of `width` labels ending at the
/// first data row `first` (or one or two labels higher), and where it ends.
fn header_window<'t>(
    first: usize,
    line: &dyn Fn(usize) -> &'t str,
    labels_at: &dyn Fn(usize) -> Option<Vec<usize>>,
) -> Option<(usize, Vec<usize>)> {
    // The labels right above the first row; or, where those mix the columns' n's
    // (`(n = 289)`) with a name, the columns are miscounted by a section's label between the
    // header and the rows (`(n = 46) … (N = 385)`, `Total`, then the rows): the window of
    // labels that are all n's, one or two labels higher, with those labels as sections. So
    // too where some labels print a group's n and one does not (`Drug 300 mg, n = 64`,
    // `Placebo, n = 70`, then `Mean pain score` over the rows): the names with their n's
    // stand higher, the label without one is a section's.
    let uniform = |h: &[usize]| {
        let ns = h.iter().filter(|&&k| is_n_cell(line(k))).count();
        // (A statistic's column, `P-value`, `Group difference`, prints no n beside the groups'.)
        let named_ns = h
            .iter()
            .filter(|&&k| n_printed_in(line(k)).is_some())
            .count();
        let nameless = h
            .iter()
            .filter(|&&k| n_printed_in(line(k)).is_none() && !names_statistic(line(k)))
            .count();
        (ns == 0 || ns == h.len()) && (named_ns == 0 || nameless == 0)
    };
    let windows: Vec<(usize, Vec<usize>)> = (0..=2)
        .filter_map(|skip| {
            Some((
                first.checked_sub(skip)?,
                labels_at(first.checked_sub(skip)?)?,
            ))
        })
        .collect();
    // A header of several rows (`Intervention (n = 16)`, `Control (n = 15)` over `Pre`,
    // `Post`, …) is uniform in no window: the labels right above then, as before.
    match windows.iter().find(|(_, h)| uniform(h)) {
        Some(w) => Some(w.clone()),
        None if windows.iter().all(|(_, h)| {
            let ns = h.iter().filter(|&&k| is_n_cell(line(k))).count();
            ns == 0 || ns == h.len()
        }) =>
        {
            windows.first().cloned()
        }
        None => None,
    }
}

/// A line holding `width` n's in brackets and, before them, at most what the cells print
/// (`n (%) (n = 123) (n = 124)`, `(N = 40) (N = 41)`): as a header row, an empty stub's cell
/// and one cell for each n.
fn ns_of_one_line(text: &str, lines: &[Range<usize>], k: usize, width: usize) -> Option<Row> {
    static N: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let n = N.get_or_init(|| {
        regex::Regex::new(r"[(（]\s*[nN]\s*[=＝]\s*\d[\d,]*\s*[)）]").expect("a valid pattern")
    });
    let l = &text[lines[k].clone()];
    let found: Vec<Range<usize>> = n.find_iter(l).map(|m| m.range()).collect();
    if found.len() != width || width < 2 {
        return None;
    }
    let before = l[..found[0].start].trim();
    let between_blank = found
        .windows(2)
        .all(|w| l[w[0].end..w[1].start].trim().is_empty());
    let after_blank = l[found[width - 1].end..].trim().is_empty();
    if !(between_blank && after_blank && (before.is_empty() || describes_cells(before))) {
        return None;
    }
    // The stub's cell is left empty: what the cells print names no row's section.
    let at = lines[k].start;
    let stub_start = at + (l.len() - l.trim_start().len());
    let stub = stub_start..stub_start;
    Some(Row {
        line: lines[k].clone(),
        cells: std::iter::once(stub)
            .chain(found.iter().map(|r| at + r.start..at + r.end))
            .collect(),
    })
}

/// A header copied a cell a line whose statistic's name spans the comparisons it is printed
/// for (`Variable` / `High dose (n = 22)` / `Low dose (n = 23)` / `Placebo (n = 23)` / `P
/// value` / `High dose vs placebo` / `Low dose vs placebo`, over rows of five values): one
/// line more than the columns, the spanning name no column's own.
struct SpannedComparisons {
    /// The stub's name, if printed.
    stub: Option<usize>,
    /// The columns' names, in order (the spanning name left out).
    names: Vec<usize>,
    /// The spanning name's line and the columns (indices into `names`) it spans.
    spanning: (usize, Vec<usize>),
    /// Where the data begin (an index into the run's rows).
    end: usize,
}

/// The [`SpannedComparisons`] right above the first data row (`first` in `rows`), where the
/// last labels (two or more) each name a comparison of groups and the label before them a
/// statistic.
fn spanned_comparisons<'t>(
    rows: &[(usize, Vec<usize>)],
    first: usize,
    width: usize,
    line: &impl Fn(usize) -> &'t str,
) -> Option<SpannedComparisons> {
    let from = first.checked_sub(width + 1)?;
    let labels: Vec<usize> = rows[from..first]
        .iter()
        .map(|(k, v)| v.is_empty().then_some(*k))
        .collect::<Option<_>>()?;
    let compared = labels
        .iter()
        .rev()
        .take_while(|&&k| names_a_comparison_of_groups(line(k)))
        .count();
    let over = labels.len().checked_sub(compared + 1)?;
    let statistic = line(labels[over]);
    if compared < 2 || !(names_p(statistic) || names_statistic(statistic)) {
        return None;
    }
    let names: Vec<usize> = labels
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != over)
        .map(|(_, &k)| k)
        .collect();
    let stub = from
        .checked_sub(1)
        .map(|r| &rows[r])
        .filter(|(k, v)| v.is_empty() && names_stub(line(*k)))
        .map(|(k, _)| *k);
    Some(SpannedComparisons {
        stub,
        spanning: (
            labels[over],
            (names.len() - compared..names.len()).collect(),
        ),
        names,
        end: first,
    })
}

impl SpannedComparisons {
    /// The header's rows: the spanning name over its columns (the others' cells empty), then
    /// the columns' names; with the names and where the data begin, as [`labels_header`]
    /// returns them.
    fn header_rows(
        self,
        lines: &[Range<usize>],
        span: &dyn Fn(usize) -> Range<usize>,
    ) -> (Vec<Row>, Vec<usize>, usize) {
        let first = self.stub.unwrap_or(self.names[0]);
        let at = lines[first].start;
        let (over, spanned) = &self.spanning;
        let upper = Row {
            line: lines[*over].clone(),
            cells: std::iter::once(at..at)
                .chain((0..self.names.len()).map(|i| {
                    if spanned.contains(&i) {
                        span(*over)
                    } else {
                        at..at
                    }
                }))
                .collect(),
        };
        let names_row = Row {
            line: at..lines[self.names[self.names.len() - 1]].end,
            cells: std::iter::once(self.stub.map_or(at..at, span))
                .chain(self.names.iter().map(|&k| span(k)))
                .collect(),
        };
        (vec![upper, names_row], self.names, self.end)
    }
}

/// Below the first data row, a section's label followed by exactly `width` lines that are
/// each a column's n (`CGAS`, `(n = 45)`, `(n = 174)`, `(n = 41)`, `(n = 260)`) is one row:
/// the section and the n of each column, as the header printed the first section's.
fn merge_section_ns<'t>(
    rows: &mut Vec<(usize, Vec<usize>)>,
    first: usize,
    width: usize,
    line: &impl Fn(usize) -> &'t str,
) {
    let mut r = first + 1;
    while r + width < rows.len() {
        let ns = &rows[r + 1..=r + width];
        if rows[r].1.is_empty()
            && !is_n_cell(line(rows[r].0))
            && ns.iter().all(|(k, v)| v.is_empty() && is_n_cell(line(*k)))
        {
            let values: Vec<usize> = ns.iter().map(|(k, _)| *k).collect();
            rows[r].1 = values;
            rows.drain(r + 1..=r + width);
        }
        r += 1;
    }
}

/// A header read from rows that rules end ([`ruled_header`]): each header row's cells over
/// the stub and the value columns (a label's line, or none), the labels that name the value
/// columns, and where the sections and data rows begin (an index into the run's rows).
struct RuledHeader {
    rows: Vec<Vec<Option<usize>>>,
    names: Vec<usize>,
    sections_from: usize,
}

/// The header rows of a table converted a cell a line with a rule (`---|`) after each header
/// row, as pages' tables are copied (`WOMAC | Time | Control | Drug | ---| Low dose | High dose
/// | ---|` over rows of a label and three values). `labels` are the label lines above the
/// first data row, `rules` the rule lines, `width` the number of value columns.
///
/// Labels after the last rule and before the data are the first rows' section (`Pain`). The
/// last header row names the value columns from the right when it has as many cells or more
/// (a stub's name before them); when it has fewer, it is the sub-header of one spanning cell
/// of the row above (`Drug` over `Low dose | High dose`), whose cells then name `width −
/// fewer + 1` columns from the right, the cells before them the row labels' columns. Which of
/// them spans is not printed: doses and regimens split an active arm, never its control, so
/// the one cell that names no control spans; with none or several the header is not read.
fn ruled_header<'t>(
    labels: &[usize],
    before: usize,
    rules: &[usize],
    width: usize,
    line: impl Fn(usize) -> &'t str,
) -> Option<RuledHeader> {
    let first_label = *labels.first()?;
    let rules: Vec<usize> = rules
        .iter()
        .copied()
        .filter(|&r| first_label < r && r < before)
        .collect();
    if rules.is_empty() {
        return None;
    }
    // Each label's header row: the number of rules above it.
    let row_of = |k: usize| rules.iter().filter(|&&r| r < k).count();
    let header: Vec<Vec<usize>> = (0..rules.len())
        .map(|h| labels.iter().copied().filter(|&k| row_of(k) == h).collect())
        .collect();
    if header.iter().any(Vec::is_empty) {
        return None;
    }
    let sections_from = labels
        .iter()
        .position(|&k| row_of(k) == rules.len())
        .unwrap_or(labels.len());
    let lower = header.last()?;
    if let Some(ruled) = visits_over_what_cells_print(&header, width, sections_from, &line) {
        return Some(ruled);
    }
    if lower.len() >= width {
        let values = &lower[lower.len() - width..];
        let stub = (lower.len() > width).then(|| lower[lower.len() - width - 1]);
        return Some(RuledHeader {
            rows: vec![
                std::iter::once(stub)
                    .chain(values.iter().copied().map(Some))
                    .collect(),
            ],
            names: values.to_vec(),
            sections_from,
        });
    }
    let upper = header.get(header.len().checked_sub(2)?)?;
    let spanned = width - lower.len() + 1;
    let values = upper.get(upper.len().checked_sub(spanned)?..)?;
    let active: Vec<usize> = (0..spanned)
        .filter(|&i| !super::cues::is_control(line(values[i])))
        .collect();
    let [spanning] = active[..] else {
        return None;
    };
    let stub = (upper.len() > spanned).then(|| upper[upper.len() - spanned - 1]);
    let (mut top, mut bottom) = (vec![stub], vec![None]);
    for (i, &c) in values.iter().enumerate() {
        if i == spanning {
            for &l in lower {
                top.push(Some(c));
                bottom.push(Some(l));
            }
        } else {
            top.push(Some(c));
            bottom.push(None);
        }
    }
    Some(RuledHeader {
        rows: vec![top, bottom],
        names: values.iter().chain(lower).copied().collect(),
        sections_from,
    })
}

/// A ruled header of two rows whose lower names what each value column prints (`Mean (SD) |
/// Mean (SD) | P value | …`) and whose upper names fewer columns, each over a run of the lower
/// that opens with a summary's name (`Baseline` over `Mean (SD)`, `Post-intervention` over
/// `Mean (SD) | P value`): as a page's table spans its visits over what each prints. Both
/// rows, each upper name repeated over its run; `None` for any other header.
fn visits_over_what_cells_print<'t>(
    header: &[Vec<usize>],
    width: usize,
    sections_from: usize,
    line: &impl Fn(usize) -> &'t str,
) -> Option<RuledHeader> {
    let [upper, lower] = header else {
        return None;
    };
    if lower.len() != width || upper.len() >= lower.len() || upper.len() < 2 {
        return None;
    }
    // The runs: each opens where a summary's name stands (`Mean (SD)`, `Median (IQR)`).
    let opens: Vec<usize> = (0..width)
        .filter(|&i| {
            let t = line(lower[i]).trim().to_lowercase();
            describes_cells(&t) && !names_p(&t) && !names_n(&t)
        })
        .collect();
    if opens.len() != upper.len() || opens.first() != Some(&0) {
        return None;
    }
    let mut top = vec![None];
    for (run, &start) in opens.iter().enumerate() {
        let end = opens.get(run + 1).copied().unwrap_or(width);
        top.extend(std::iter::repeat_n(Some(upper[run]), end - start));
    }
    let bottom = std::iter::once(None)
        .chain(lower.iter().copied().map(Some))
        .collect();
    Some(RuledHeader {
        rows: vec![top, bottom],
        names: upper.iter().chain(lower).copied().collect(),
        sections_from,
    })
}

/// Tables copied from a web page with their cells glued together (`Age (years)62.3 (9.1)62.4
/// (9.2)`, `Placebo(n = 318)Salmeterol(n = 316)`), after a title line. A cell is found by how
/// a value is printed, not by a separator: a number, its `± spread` or its bracket (`(9.1)`,
/// `(76%)`, `(0.7 to 3.2)`), stars; a row is a label (words) and two such cells or more, the
/// label ending where the rest of the line reads as cells. Where cells are glued, a `±`
/// spread is read with as many decimals as its mean (`−0.23 ± 0.080.03 ± 0.08` is −0.23 ±
/// 0.08 and 0.03 ± 0.08), as tables print a column's values. Above the rows, a header of
/// names each with its n (`Placebo(n = 318)Salmeterol(n = 316)`), of n's (`n = 48n = 50`), or
/// of names glued at a capital (`TJ-54Placebo`) as many as the value columns, stands over the
/// columns after the stub. Lines without values within the rows (`Smoking status, n (%)`)
/// are section rows; other lines between the header and the rows (a legend) go into the
/// table's statement. Without such a header the lines are no table here.
fn find_glued(text: &str, lines: &[Range<usize>], taken: &[Range<usize>]) -> Vec<Table> {
    let mut out = Vec::new();
    let inside = |l: &Range<usize>| is_inside(taken, l);
    for i in titles_outside(text, lines, taken) {
        // The block: up to the next title or table.
        let mut end = i + 1;
        while end < lines.len() && !inside(&lines[end]) && !is_title(&text[lines[end].clone()]) {
            end += 1;
        }
        out.extend(glued_table(text, lines, i + 1..end));
    }
    // Without a title: a run of short lines between paragraphs (a PDF's table extracted with
    // its columns set apart by spaces, under no `Table 2` line). Its header must still name
    // the columns (names with their n's, or names set apart by runs of spaces, or each a
    // group's or a time's name), so that a list of values in short lines is no table.
    let mut taken: Vec<Range<usize>> = taken.to_vec();
    taken.extend(extents(&out));
    let in_run = |k: usize| {
        let line = &text[lines[k].clone()];
        !(is_inside(&taken, &lines[k]) || is_title(line) || is_prose_line(line))
    };
    for run in runs(lines, in_run) {
        // A run may hold several tables, each under its own header.
        let mut from = run.start;
        while from < run.end {
            match untitled_table(text, lines, from..run.end) {
                Some((table, end)) => {
                    out.push(table);
                    from = end;
                }
                None => break,
            }
        }
    }
    out
}

/// The first table in `run` (lines of `text` between paragraphs, under no title): a header
/// naming the columns above rows of a label and values set apart by spaces
/// ([`glued_row_spaced`]), with section rows (a short label alone) between them. Returns the
/// table and the line after it. The evidence asked of it is more than under a title, since
/// nothing else says the lines are a table:
/// - the header is at most three lines above the first row;
/// - where the columns are aligned (as a PDF's text extraction keeps them), each value stands
///   under one name of the lowest header line, and a name of a line above may span several
///   columns (`Control group (n = 191)` over `Before trial | During trial`): each column's
///   header is what stands over it ([`aligned_headers`]);
/// - otherwise the header line splits into as many names as the first row prints values,
///   each set apart by a run of spaces, or a group's or a time's name, or carrying an n;
/// - no header name says what the cells print (`n`, `例数`, `Mean ± SD`): such a header
///   stands over a table whose rows are the groups, which this does not read;
/// - every row prints values in the columns (as many as the header names, or one fewer where
///   the last column is a statistic a row may leave empty); a row that does not, or another
///   header, ends the table. A line of values with no label under the columns (a CI or p
///   printed below its estimate) is passed over.
// Long because the header's three readings and the body's line kinds (a row, values alone, a
// label's wrapped bracket, a section row, the end) are one walk down the run's lines, each
// kind decided against the one before it.
fn untitled_table(text: &str, lines: &[Range<usize>], run: Range<usize>) -> Option<(Table, usize)> {
    let line = |k: usize| &text[lines[k].clone()];
    // A row printing `..` (The Lancet's empty cell) under the groups' columns, and then the
    // comparison's values (`Total .. .. .. −1·13 (2·39; −5·81 to 3·55); 0·637`), opens a
    // section: its label is the measure of the rows under it, its values no group's.
    let placeholders_first = |k: usize| section_before_placeholders(text, &lines[k]).is_some();
    let row_at = |k: usize| {
        if placeholders_first(k) {
            return None;
        }
        glued_row_spaced(line(k), lines[k].start)
    };
    let mut run = run;
    loop {
        let first_data = run.clone().find(|&k| row_at(k).is_some())?;
        let first_cells = row_at(first_data)?;
        let values = first_cells.len() - 1;
        let above: Vec<usize> = (run.start..first_data)
            .rev()
            .filter(|&k| !line(k).trim().is_empty())
            .take(3)
            .collect();
        // Aligned columns: the value cells' display columns in the first row.
        let span_of = |k: usize, r: &Range<usize>| {
            let l = &lines[k];
            display_column(line(k), r.start - l.start)..display_column(line(k), r.end - l.start)
        };
        let columns: Vec<Range<usize>> = first_cells[1..]
            .iter()
            .map(|c| span_of(first_data, c))
            .collect();
        let aligned = aligned_headers(text, lines, &above, &columns);
        let is_aligned = aligned.is_some();
        let Some((header_rows, column_headers)) = aligned
            .or_else(|| spaced_header(text, lines, &above, values))
            .or_else(|| stacked_untitled_header(text, lines, run.start..first_data, values))
        else {
            // No header over this row: look past it for the next table of the run.
            run = first_data + 1..run.end;
            continue;
        };
        let last_is_statistic = column_headers.last().is_some_and(|cells| {
            cells
                .iter()
                .any(|c| names_statistic(&text[c.clone()]) || names_p(&text[c.clone()]))
        });
        let header_first = header_rows.first().map_or(first_data, |(k, _)| *k);
        // Section rows between the header and the first row (`性別、例数(%)` over `男性 …`)
        // are the table's: its rows start right under the header's last line.
        let header_last = header_rows
            .iter()
            .map(|(_, r)| {
                (header_first..first_data)
                    .rfind(|&k| lines[k].start < r.line.end)
                    .unwrap_or(header_first)
            })
            .max()
            .unwrap_or(first_data);
        let mut rows: Vec<Row> = header_rows.into_iter().map(|(_, r)| r).collect();
        let mut last_data = first_data;
        let mut k = (header_last + 1).min(first_data);
        while k < run.end {
            let l = &lines[k];
            let t = line(k).trim();
            if let Some(cells) = row_at(k) {
                let placed = if is_aligned {
                    place_by_column(&cells, &columns, |c| span_of(k, c))
                } else {
                    let n = cells.len() - 1;
                    (n == values || last_is_statistic && n + 1 == values).then_some(cells)
                };
                let Some(cells) = placed else { break };
                rows.push(Row {
                    line: l.clone(),
                    cells,
                });
                last_data = k;
            } else if let Some(cells) = (!is_aligned)
                .then(|| values_alone(line(k), l.start, values))
                .flatten()
            {
                // The values of the label printed on the lines above (`非急速交代型` / `(過去
                // 12ヵ月間の…)` / `155(90.6) 163(89.6) 150(88.8)`), a long label's cell
                // broken before them.
                rows.push(Row {
                    line: l.clone(),
                    cells,
                });
                last_data = k;
            } else if t.is_empty() {
            } else if let Some(row) = section_before_placeholders(text, l) {
                // A section opened by the comparison's row: its label alone, the measure of
                // the rows under it.
                rows.push(row);
            } else if k < first_data && names_the_comparisons_of_groups(t) {
                // The header's lower line over the comparison's columns (`CBT vs antipsychotics
                // CBT vs antipsychotics plus CBT`): no row.
            } else if is_aligned
                && display_column(line(k), line(k).len() - line(k).trim_start().len())
                    >= columns[0].start
            {
                // Under the value columns with no label: the rest of the row above.
            } else if untitled_header(line(k), l.start, values).is_some()
                || two_numbers_side_by_side(t)
                || t.chars().count() > 60
            {
                break;
            } else if let Some(prev) = rows
                .last_mut()
                .filter(|r| r.cells.len() == 1 && t.starts_with(['(', '（']))
            {
                // A label's bracket on a line of its own (`A型` / ` (発症から1年未満)`): the
                // label's cell wrapped.
                prev.line.end = l.end;
                prev.cells[0].end = l.end;
            } else {
                rows.push(Row {
                    line: l.clone(),
                    cells: vec![l.clone()],
                });
            }
            k += 1;
        }
        // Section rows after the last data row belong to what follows.
        while rows
            .last()
            .is_some_and(|r| r.line.start > lines[last_data].start)
        {
            rows.pop();
        }
        let data_rows = rows.iter().filter(|r| r.cells.len() > 1).count();
        if data_rows < 2 && rows.len() < 3 {
            return None;
        }
        let mut table = Table::new(text, rows, lines, (header_first, last_data + 1), false);
        if is_aligned {
            table.column_headers = column_headers;
        }
        return Some((table, last_data + 1));
    }
}

/// The section row a line `l` opens whose first cells are `..` (The Lancet's empty cell:
/// `Total .. .. .. −1·13 (2·39; …)`): its label alone, the words before them, none a number,
/// one a word at least.
fn section_before_placeholders(text: &str, l: &Range<usize>) -> Option<Row> {
    let line = &text[l.clone()];
    let at = line.find(" ..")?;
    let after = &line[at + 3..];
    let label = line[..at].trim();
    ((after.is_empty() || after.starts_with(' '))
        && label.chars().any(char::is_alphabetic)
        && !label.split_whitespace().any(opens_with_datum))
    .then(|| {
        let start = l.start + line.len() - line.trim_start().len();
        Row {
            line: l.clone(),
            cells: std::iter::once(start..l.start + at).collect(),
        }
    })
}

/// Does a line with no values name the comparisons of groups one after another (`CBT vs
/// antipsychotics CBT vs antipsychotics plus CBT`, `A vs B A vs C`), as the lower line of a
/// header over the comparison's columns prints them?
fn names_the_comparisons_of_groups(line: &str) -> bool {
    let lower = line.to_lowercase();
    !line_has_values(line) && lower.matches(" vs").count() + lower.matches(" versus ").count() >= 2
}

/// The header row and each column's header cell of a table under no title whose columns
/// are not aligned: the nearest of the lines `above` its first row that splits into `values`
/// names ([`untitled_header`]), over an empty stub; `None` when none does.
fn spaced_header(
    text: &str,
    lines: &[Range<usize>],
    above: &[usize],
    values: usize,
) -> Option<AlignedHeader> {
    let line = |k: usize| &text[lines[k].clone()];
    let one_line = above.iter().find_map(|&k| {
        let cells = untitled_header(line(k), lines[k].start, values)?;
        Some((k, lines[k].clone(), cells))
    });
    // A header whose first cells broke their names over lines (`Study group` / `(n = 11)` /
    // `Reference group (n = 144) P value`, a page's header cell with a line break inside,
    // the next cells on one line): the nearest lines read as one, an n alone on a line of
    // them the evidence. The line breaks stand where spaces would, so each name's range
    // holds its own.
    let broken = || {
        (2..=above.len()).find_map(|count| {
            let mut ks: Vec<usize> = above[..count].to_vec();
            ks.sort_unstable();
            // An n alone is the name's above it: the window opens with a name.
            if prints_an_n_alone(line(ks[0])) || !ks.iter().any(|&k| prints_an_n_alone(line(k))) {
                return None;
            }
            let span = lines[ks[0]].start..lines[ks[count - 1]].end;
            let joined = text[span.clone()].replace(['\n', '\r'], " ");
            let cells = untitled_header(&joined, span.start, values)?;
            Some((ks[0], span, cells))
        })
    };
    let (k, span, cells) = one_line.or_else(broken)?;
    let headers: Vec<Vec<Range<usize>>> = std::iter::once(Vec::new())
        .chain(cells.iter().map(|c| vec![c.clone()]))
        .collect();
    let row = Row {
        line: span.clone(),
        cells: std::iter::once(span.start..span.start)
            .chain(cells)
            .collect(),
    };
    Some((vec![(k, row)], headers))
}

/// The header of a table under no title whose names stand a line each, each over a line
/// printing its n alone (`プラセボ群` / `(n=171)` / `ラツーダ20-60mg群` / `(n=182)`), as a web
/// page's header cells copy with a line break between name and n ([`stacked_header`]). The
/// n's alone make the lines a header: a list of names in short lines prints none. The lines
/// looked at are the nearest of `above` (the run's lines before its first row): two for each
/// column, a stub's and a section row's.
fn stacked_untitled_header(
    text: &str,
    lines: &[Range<usize>],
    above: Range<usize>,
    values: usize,
) -> Option<AlignedHeader> {
    let filled: Vec<usize> = above
        .filter(|&k| !text[lines[k].clone()].trim().is_empty())
        .collect();
    let near = &filled[filled.len().saturating_sub(2 * values + 2)..];
    let near_lines: Vec<Range<usize>> = near.iter().map(|&k| lines[k].clone()).collect();
    let (row, _) = stacked_header(text, &near_lines, values)?;
    if !near
        .iter()
        .any(|&k| prints_an_n_alone(&text[lines[k].clone()]))
    {
        return None;
    }
    let first = near
        .iter()
        .copied()
        .find(|&k| lines[k].end > row.line.start)?;
    let headers: Vec<Vec<Range<usize>>> = std::iter::once(Vec::new())
        .chain(row.cells[1..].iter().map(|c| vec![c.clone()]))
        .collect();
    Some((vec![(first, row)], headers))
}

/// A line of a table's `values` value cells and no label (its label printed on the lines
/// above): its cells after an empty label cell; `None` for a line of other words, or of
/// another count of values.
fn values_alone(line: &str, offset: usize, values: usize) -> Option<Vec<Range<usize>>> {
    let lead = line.len() - line.trim_start().len();
    let cells = glued_cells(line.trim())?;
    (cells.len() == values && cells.iter().all(|c| c.1)).then(|| {
        std::iter::once(offset + lead..offset + lead)
            .chain(
                cells
                    .into_iter()
                    .map(|(c, _)| offset + lead + c.start..offset + lead + c.end),
            )
            .collect()
    })
}

/// A table's header rows (each with its line's index) and, for each column, the header cells
/// standing over it (the stub's first, empty).
type AlignedHeader = (Vec<(usize, Row)>, Vec<Vec<Range<usize>>>);

/// The display column of byte `at` of `line` (a wide CJK character takes two, as a page or
/// a PDF's extraction aligns them).
fn display_column(line: &str, at: usize) -> usize {
    unicode_width::UnicodeWidthStr::width(&line[..at.min(line.len())])
}

/// The header rows and each column's header cells of a table whose columns are aligned:
/// the lines `above` the first row (nearest first) split at runs of two spaces or more into
/// names, each standing over the value `columns` its display columns overlap. The lowest
/// line must name each column once (a name over no column, at the left margin, names the
/// stub); a line above it may span columns. `None` when the lowest line does not.
fn aligned_headers(
    text: &str,
    lines: &[Range<usize>],
    above: &[usize],
    columns: &[Range<usize>],
) -> Option<AlignedHeader> {
    let mut headers: Vec<Vec<Range<usize>>> = vec![Vec::new(); columns.len() + 1];
    let mut rows: Vec<(usize, Row)> = Vec::new();
    for (depth, &k) in above.iter().enumerate() {
        let l = &lines[k];
        let line = &text[l.clone()];
        let names = spaced_names(line);
        let overlaps = |name: &Range<usize>, col: &Range<usize>| {
            let span = display_column(line, name.start)..display_column(line, name.end);
            span.start < col.end && col.start < span.end
        };
        let lowest = depth == 0;
        // Which name stands over each column: on the lowest line the one overlapping it; on a
        // line above, a name spans from its first column to the next name (a spanning header
        // is printed at the left of its columns, or centred over them).
        let over: Vec<Option<usize>> = columns
            .iter()
            .map(|col| {
                let overlapping = names.iter().position(|n| overlaps(n, col));
                if lowest {
                    return overlapping;
                }
                overlapping.or_else(|| {
                    names
                        .iter()
                        .rposition(|n| display_column(line, n.start) < col.start)
                        .filter(|&i| display_column(line, names[i].start) >= columns[0].start)
                })
            })
            .collect();
        let each_once = over.iter().all(Option::is_some)
            && over.windows(2).all(|w| w[0] != w[1])
            && names.len() >= columns.len();
        if lowest && !each_once {
            return None;
        }
        // A name over no column: the stub's (left of the first column), else the line is no
        // header of these columns.
        let stray = names.iter().enumerate().any(|(i, n)| {
            !over.contains(&Some(i)) && display_column(line, n.start) >= columns[0].start
        });
        // A name running from the row labels' margin into the columns is a caption's line.
        let caption = names.iter().any(|n| {
            display_column(line, n.start) < columns[0].start
                && display_column(line, n.end) > columns[0].start
        });
        if stray || caption || over.iter().all(Option::is_none) || line_has_values(line) {
            break;
        }
        // The stub's cell is empty: the names stand over the value columns.
        let mut cells: Vec<Range<usize>> = std::iter::once(l.start..l.start).collect();
        for (c, o) in over.iter().enumerate() {
            if let Some(i) = o {
                let r = l.start + names[*i].start..l.start + names[*i].end;
                headers[c + 1].insert(0, r.clone());
                if cells.last() != Some(&r) {
                    cells.push(r);
                }
            }
        }
        rows.insert(
            0,
            (
                k,
                Row {
                    line: l.clone(),
                    cells,
                },
            ),
        );
    }
    let names: Vec<String> = headers
        .iter()
        .flatten()
        .map(|c| text[c.clone()].trim().to_string())
        .collect();
    // A column of n's (`n`, `例数`) is the tell of a table whose rows are the groups.
    (!rows.is_empty() && !names.iter().any(|n| names_n(n))).then_some((rows, headers))
}

/// The names of a line set apart by runs of two spaces or more (or a tab, or an ideographic
/// space): their byte ranges in `line`.
fn spaced_names(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut run = 0;
    for (k, c) in line.char_indices() {
        let wide_gap = c == '\t' || c == '\u{3000}';
        if c.is_whitespace() {
            run += if wide_gap { 2 } else { 1 };
            continue;
        }
        if run >= 2 {
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
        }
        start.get_or_insert(k);
        run = 0;
        last_end = k + c.len_utf8();
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

/// Does a line print values (a number that is no n and no part of a name)?
fn line_has_values(line: &str) -> bool {
    glued_row_spaced(line, 0).is_some()
}

/// A row's value cells placed in the `columns` their display columns overlap (an empty cell
/// where a column prints nothing); `None` when a cell stands under no column or two cells
/// under one.
fn place_by_column(
    cells: &[Range<usize>],
    columns: &[Range<usize>],
    span: impl Fn(&Range<usize>) -> Range<usize>,
) -> Option<Vec<Range<usize>>> {
    let mut out: Vec<Option<Range<usize>>> = vec![None; columns.len()];
    for c in &cells[1..] {
        let s = span(c);
        let i = columns
            .iter()
            .position(|col| s.start < col.end && col.start < s.end)?;
        if out[i].is_some() {
            return None;
        }
        out[i] = Some(c.clone());
    }
    let label = cells[0].clone();
    let at = label.end;
    Some(
        std::iter::once(label)
            .chain(out.into_iter().map(|c| c.unwrap_or(at..at)))
            .collect(),
    )
}

/// Does a header name, in a table found without separators, name a column: a group's name
/// in it, a time and nothing else, the p, or an n (`=`)?
fn names_a_column(name: &str) -> bool {
    use super::cues::{groups, is_whole, times};
    !groups(name).is_empty() || is_whole(name, times) || names_p(name) || name.contains('=')
}

/// A header line over `values` columns of a table under no title ([`untitled_table`]).
fn untitled_header(line: &str, offset: usize, values: usize) -> Option<Vec<Range<usize>>> {
    let cells = glued_header(line, 0, values, false).or_else(|| stub_then_names(line, values))?;
    let names: Vec<&str> = cells.iter().map(|c| line[c.clone()].trim()).collect();
    let says_what_cells_print =
        |name: &str| names_n(name) || describes_cells(name) || names_count_percent(name);
    (names.iter().any(|n| names_a_column(n)) && !names.iter().any(|n| says_what_cells_print(n)))
        .then(|| {
            cells
                .into_iter()
                .map(|c| offset + c.start..offset + c.end)
                .collect()
        })
}

/// A header at single spaces whose first words name the stub (`Outcome Baseline 6-month p`,
/// `Outcome (n = 49) Baseline Day 90 Day 180 p Value`): the `values` columns' names read from
/// the right ([`names_from_right`]) where the words left before them, an n aside, are a stub's
/// name of four words at most. The stub's name is the evidence a table under no title needs
/// that the words are a header; a caption's words rarely are one (`Changes seen`).
fn stub_then_names(line: &str, values: usize) -> Option<Vec<Range<usize>>> {
    let trimmed = line.trim_end();
    let (from, cuts) = names_from_right(trimmed, values)?;
    let stub = n_printed().replace_all(&trimmed[..from], "");
    let stub = stub.trim().trim_end_matches(['(', ')', ' ']);
    if stub.is_empty() || stub.split_whitespace().count() > 4 || !names_stub(stub) {
        return None;
    }
    let mut start = from;
    let mut out = Vec::new();
    for end in cuts {
        out.push(start..end);
        start = end;
    }
    Some(out)
}

/// A line of running text, not a table's row: a name (the line's text between runs of
/// spaces) of fifteen words or more, or a long line that is one name, or a sentence (a
/// Japanese full stop, or a full stop after many words), or a row holding a paragraph
/// ([`is_prose_row`], for a line of `|` or tab cells).
fn is_prose_line(line: &str) -> bool {
    let t = line.trim();
    let names = spaced_names(t);
    let long_name = names
        .iter()
        .any(|n| t[n.clone()].split_whitespace().count() >= 15);
    let words = t.split_whitespace().count();
    long_name
        || t.chars().count() > 120 && names.len() < 2
        || t.contains('。')
        || (t.ends_with('.') && words >= 8 && names.len() < 2)
        || (is_table_row(t) && is_prose_row(line))
}

/// The table in `block` (lines of `text`) whose rows are a label and glued or spaced values
/// ([`glued_row`]) under a header naming the value columns ([`glued_header`]), after a
/// table's title; `None` when the block holds fewer than three such rows or no header.
fn glued_table(text: &str, lines: &[Range<usize>], block: Range<usize>) -> Option<Table> {
    let data: Vec<(usize, Vec<Range<usize>>)> = block
        .clone()
        .filter_map(|k| Some((k, glued_row(&text[lines[k].clone()], lines[k].start)?)))
        .collect();
    if data.len() < 3 {
        return None;
    }
    // The group columns: as many as the fewest values a row prints (a row with a p after
    // its groups' values prints one more).
    let values = data
        .iter()
        .map(|(_, cells)| values_printed(text, cells))
        .min()
        .unwrap_or(0);
    let (first_data, last_data) = (data[0].0, data[data.len() - 1].0);
    // Rows that end in a test printed whole (`t=−1.3, df=17, p=0.2`) stand under a header
    // whose last name is that test's.
    let tested = data.iter().all(|(_, cells)| {
        cells.len() > values + 1 && cells.last().is_some_and(|c| opens_a_test(&text[c.clone()]))
    });
    // A row of one arm only (`Work rate (W)42 (16)44 (18)` among rows of both arms and their
    // comparison) prints fewer values than the columns, as rows of each dose against placebo
    // (`LSMD v. placebo (95% CI)`) and their p's print one fewer than the arms' rows and may
    // outnumber them: the columns are as many as the fewest values a row prints, as most rows
    // print, or as the widest row prints: the first a header names.
    let most = most_values(text, &data);
    let widest = data
        .iter()
        .map(|(_, cells)| values_printed(text, cells))
        .max()
        .unwrap_or(0);
    let mut counts = vec![values, most, widest];
    counts.dedup();
    // Two header lines, the lower repeating its groups under each name of the upper
    // (`Month 0Month 3…` over `Intervention (n=290)Control (n=315)…`), name the columns at
    // their lower line's count, though the upper alone names as many as a row with empty
    // cells prints.
    let above = &lines[block.start..first_data];
    counts.sort_by_key(|&count| two_level_glued_header(text, above, count).is_none());
    // Columns no header names are left to the sentence reader, which reads a row's
    // values side by side as before.
    // Columns more than most rows print are the arms' only where the header names each with
    // its n (`Placebo, n = 185Drug, 40 mg/day, n = 185…`), not a row's extra cells.
    let each_with_its_n = |rows: &[Row], count: usize| {
        rows.iter().any(|r| {
            let named: Vec<&str> = r
                .cells
                .iter()
                .map(|c| text[c.clone()].trim())
                .filter(|t| !t.is_empty())
                .collect();
            named.len() == count && named.iter().all(|t| n_printed().is_match(t))
        })
    };
    let (values, (mut rows, legend)) = counts.into_iter().find_map(|count| {
        let found = glued_header_rows(text, &lines[block.start..first_data], count, tested);
        // A lower line repeating its times under each group names the columns too, however
        // few rows print them all (a table of baseline characteristics whose outcomes alone
        // print both times).
        let named = !found.0.is_empty()
            && (count <= most
                || each_with_its_n(&found.0, count)
                || two_level_glued_header(text, above, count).is_some());
        named.then_some((count, found))
    })?;
    let header_first = rows.first().map(|r| r.line.start);
    push_glued_body(text, lines, &data, values, &mut rows);
    let first = lines
        .iter()
        .position(|l| Some(l.start) == header_first)
        .unwrap_or(first_data);
    let mut table = Table::new(text, rows, lines, (first, last_data + 1), false);
    for l in legend {
        table.statement.push('\n');
        table.statement.push_str(l);
    }
    Some(table)
}

/// Does a line print a decimal broken by a space (`7. 19`), as a PDF's or page's copy
/// sometimes sets a value's digits apart?
fn broken_decimal(line: &str) -> bool {
    let b = line.as_bytes();
    b.windows(4)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2] == b' ' && w[3].is_ascii_digit())
}

/// How many values a glued row's `cells` print after its label (an `ns` cell is none; an
/// `N/A` one holds a column's place, as an empty cell does).
fn values_printed(text: &str, cells: &[Range<usize>]) -> usize {
    cells[1..]
        .iter()
        .filter(|c| opens_with_datum(&text[(*c).clone()]) || is_not_available(&text[(*c).clone()]))
        .count()
}

/// How a glued table prints an empty cell.
const NOT_AVAILABLE: &str = "N/A";

/// A cell that says in words that its column was not measured for the row (`Not assessed`
/// under a visit where a device was not worn): its column's place, no value.
const NOT_DONE: [&str; 5] = [
    "Not assessed",
    "Not measured",
    "Not available",
    "Not applicable",
    "Not done",
];

/// `N/A` or `NA`: a cell with no value, holding its column's place (`38.5 (11.4)N/AN/A`: a
/// measure taken at baseline only, under three times). [`glued_cells`] reads no other form.
fn is_not_available(cell: &str) -> bool {
    matches!(cell.trim(), NOT_AVAILABLE | "NA") || NOT_DONE.contains(&cell.trim())
}

/// The length of the `N/A` or `NA` (not available, as a legend spells it) that `s` opens
/// with: `NA` only where no letter follows but the next `NA` (`0.5 (0.2–1.3)NANA`), so that
/// a word such as `NAFLD` is no empty cell.
fn not_available_len(s: &str) -> Option<usize> {
    if s.starts_with(NOT_AVAILABLE) {
        return Some(NOT_AVAILABLE.len());
    }
    if let Some(words) = NOT_DONE.iter().find(|w| s.starts_with(**w)) {
        return Some(words.len());
    }
    let after = s.strip_prefix("NA")?;
    (after.starts_with("NA")
        || after.starts_with(NOT_AVAILABLE)
        || !after.starts_with(char::is_alphabetic))
    .then_some(2)
}

/// The number of values most of a glued table's `data` rows print (the larger on a tie).
fn most_values(text: &str, data: &[(usize, Vec<Range<usize>>)]) -> usize {
    let counts: Vec<usize> = data
        .iter()
        .map(|(_, cells)| values_printed(text, cells))
        .collect();
    let rows_printing = |n: usize| counts.iter().filter(|&&c| c == n).count();
    counts
        .iter()
        .copied()
        .max_by_key(|&n| (rows_printing(n), n))
        .unwrap_or(0)
}

/// A header of two glued lines (as a journal page's table copies): the lower names the
/// sub-columns each group spans, the same names again under each (`Pre trainingPost
/// trainingPre trainingPost training`); the upper the stub, the groups over them and the
/// comparison's columns after (`VariablesIntervention groupControl groupAdjusted difference
/// (95% CI) at post trainingP values*`). Each line is split where a lower-case letter, a
/// digit or a bracket meets a capital. The two rows (the upper with its stub's cell, the
/// lower without it, as [`Table::headers`] places them), when the lower repeats a sequence
/// of two names or more, fewer than `values`, and the upper names at least the groups.
fn two_level_glued_header(
    text: &str,
    above: &[Range<usize>],
    values: usize,
) -> Option<(usize, [Row; 2])> {
    // The lower line may have section labels under it (`Functional capacity`): the nearest
    // pair of lines that reads so, from the bottom.
    let filled: Vec<usize> = (0..above.len())
        .filter(|&k| !text[above[k].clone()].trim().is_empty())
        .collect();
    filled.windows(2).rev().find_map(|w| {
        two_level_rows(text, (&above[w[0]], &above[w[1]]), values).map(|rows| (w[1], rows))
    })
}

/// Where a header's lower names repeat one block under each name above them, then name the
/// comparison's own columns (`N | Mean (95% CI) | p | N | Mean (95% CI) | p | Estimate (95%
/// CI) | p` under `Drug | Placebo | Difference`): the block's length and how many names the
/// repeats take; `None` where the names repeat no block at least twice.
fn repeated_blocks<S: AsRef<str>>(names: &[S]) -> Option<(usize, usize)> {
    let names: Vec<&str> = names.iter().map(|n| n.as_ref()).collect();
    let first = *names.first()?;
    let period = names.iter().skip(1).position(|t| *t == first)? + 1;
    let mut repeated = 0;
    while repeated + period <= names.len() && (0..period).all(|i| names[repeated + i] == names[i]) {
        repeated += period;
    }
    let tail_is_statistics = names[repeated..]
        .iter()
        .all(|t| names_statistic(t) || names_the_comparison(t));
    (period >= 2 && repeated / period >= 2 && tail_is_statistics).then_some((period, repeated))
}

/// The rows of [`two_level_glued_header`] from its `upper` and `lower` lines.
fn two_level_rows(
    text: &str,
    (upper, lower): (&Range<usize>, &Range<usize>),
    values: usize,
) -> Option<[Row; 2]> {
    let split = |l: &Range<usize>| -> Vec<Range<usize>> {
        let line = &text[l.clone()];
        let body = line.trim_end();
        let lead = body.len() - body.trim_start().len();
        let cuts = cuts_before_a_glued_p(body).unwrap_or_else(|| cuts_at_capitals(body));
        let mut start = lead;
        cuts.into_iter()
            .map(|end| {
                let r = l.start + start..l.start + end;
                start = end;
                r
            })
            .collect()
    };
    let subs = split(lower);
    // A group's name is the same under each time though its n differs (`Intervention
    // (n=290)` at month 0, `Intervention (n=269)` at month 3).
    let names: Vec<String> = subs
        .iter()
        .map(|c| {
            let name = text[c.clone()].trim();
            let bare = n_printed().replace_all(name, "");
            let bare = bare.trim().trim_end_matches(['(', ',']).trim_end();
            if bare.is_empty() { name } else { bare }.to_string()
        })
        .collect();
    // Words, not values: a line of data is no header.
    if names.iter().any(|n| opens_with_datum(n)) {
        return None;
    }
    // The repeated names may be followed by the comparison's own columns, which stand under
    // a spanning name of their own (`Exercise groupControlExercise groupControlDifference
    // (95% CI)p Value` under `BaselineAfter interventionBetween-group difference`).
    let (period, repeated) = repeated_blocks(&names)?;
    let statistics = names.len() - repeated;
    let mut tops = split(upper);
    // The lower may name every value column (`Week 0Week 1Week 13Week 0Week 1Week 13`) under
    // the groups alone (`Placebo ( )ZAZ ( )`, no stub's name): the stub's cell is left empty.
    let every_column = names.len() == values && tops.len() == repeated / period;
    if every_column {
        tops.insert(0, upper.start..upper.start);
    }
    let with_statistics = statistics > 0 && names.len() == values;
    let fits = names.len() < values || every_column || with_statistics;
    if !fits || tops.len() < 1 + repeated / period {
        return None;
    }
    Some([
        Row {
            line: upper.clone(),
            cells: tops,
        },
        Row {
            line: lower.clone(),
            cells: subs,
        },
    ])
}

/// The header rows of a [`glued_table`] in the lines `above` its first data row, with the
/// section rows under them, and the other lines under them (a legend).
///
/// The header: the lines above the first row that split into as many names (or n's) as
/// there are value columns, each under an empty stub; or one more, the last naming the
/// p that only some rows print.
fn glued_header_rows<'t>(
    text: &'t str,
    above: &[Range<usize>],
    values: usize,
    tested: bool,
) -> (Vec<Row>, Vec<&'t str>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut legend: Vec<&str> = Vec::new();
    let header = |l: &Range<usize>| {
        let stubbed = || {
            tested
                .then(|| names_glued_after_stub(&text[l.clone()], l.start, values + 1))
                .flatten()
        };
        glued_header(&text[l.clone()], l.start, values, true)
            .or_else(stubbed)
            .or_else(|| {
                glued_header(&text[l.clone()], l.start, values + 1, true).filter(|c| {
                    c.last()
                        .is_some_and(|c| names_the_comparison(text[c.clone()].trim()))
                })
            })
    };
    // A header whose names are stacked a line each, each with its n on the next line
    // (`Iloperidone` over `(N = 151)`, as a web page's header cell with a line break copies)
    // where no one line names the columns.
    let none_names = above.iter().all(|l| header(l).is_none());
    let stacked = none_names
        .then(|| {
            stacked_header(text, above, values)
                .map(|(row, at)| (None, row, at))
                .or_else(|| names_a_line_each(text, above, values))
        })
        .flatten()
        .map(|(upper, row, at)| {
            rows.extend(upper);
            (row, at)
        });
    // Tried also where one line names every column: a lower line that repeats its names
    // (`Week 0Week 1Week 13Week 0Week 1Week 13`) under the groups' names is the lower row of
    // two, not the whole header.
    let two_level = stacked
        .is_none()
        .then(|| two_level_glued_header(text, above, values))
        .flatten();
    let stacked = stacked.or_else(|| {
        // The two lines stand as the header's rows; what is under them is read as below.
        let (lower, [upper_row, lower_row]) = two_level?;
        rows.push(upper_row);
        Some((lower_row, lower))
    });
    // Visits as bare numbers under their unit stand as one header row, as stacked names do.
    let stacked = stacked.or_else(|| {
        let (at, row) = none_names
            .then(|| numbers_under_their_unit(text, above, values))
            .flatten()?;
        Some((row, at))
    });

    let spanning = spanning_header(text, above, values, &header);
    for (k, l) in above.iter().enumerate() {
        if spanning.as_ref().is_some_and(|(at, _)| *at == k) {
            if let Some((_, row)) = &spanning {
                rows.push(row.clone());
            }
            continue;
        }
        if let Some((row, last)) = &stacked {
            match k.cmp(last) {
                std::cmp::Ordering::Less => continue,
                std::cmp::Ordering::Equal => {
                    rows.push(row.clone());
                    continue;
                }
                std::cmp::Ordering::Greater => {}
            }
        }
        match (header(l), rows.is_empty()) {
            (Some(cells), _) => rows.push(Row {
                line: l.clone(),
                cells: std::iter::once(l.start..l.start).chain(cells).collect(),
            }),
            (None, true) => {}
            (None, false) => {
                if let Some(row) = section_row_under_header(text, &rows[0], l) {
                    rows.push(row)
                } else if !text[l.clone()].trim().is_empty() {
                    legend.push(&text[l.clone()])
                }
            }
        }
    }
    (rows, legend)
}

/// A line under a glued header's first row that opens a section rather than a legend: a
/// section's name with its n's, a row of p's under the header, or a short label with no
/// statement of what the cells are, which is the first rows' section (`Pain score` over
/// `Week 4`).
fn section_row_under_header(text: &str, first: &Row, l: &Range<usize>) -> Option<Row> {
    if let Some(cells) = section_with_ns(&text[l.clone()], l.start) {
        return Some(Row {
            line: l.clone(),
            cells,
        });
    }
    if let Some(row) = section_p_row(text, first, l) {
        return Some(row);
    }
    is_section_label(&text[l.clone()]).then(|| Row {
        line: l.clone(),
        cells: vec![l.clone()],
    })
}

/// A header of visits printed as bare numbers under the unit they count, on the line above
/// (`Week of study` over `0 4 8 12 p value`, `Months` over `0 6 12`, `週` over `0 4 12`), as
/// journals set a time axis over a table's columns: one number per value column, rising, and
/// after them at most the comparison's name (`p value`), which a row may leave empty. The
/// numbers' line's index in `above` and its row, the unit's cell as the stub's (where
/// [`crate::draft::structure`] reads a time printed in two header cells, `Week` and `6`).
fn numbers_under_their_unit(
    text: &str,
    above: &[Range<usize>],
    values: usize,
) -> Option<(usize, Row)> {
    let filled: Vec<usize> = (0..above.len())
        .filter(|&k| !text[above[k].clone()].trim().is_empty())
        .collect();
    filled.windows(2).rev().find_map(|w| {
        let (unit_line, numbers_line) = (&above[w[0]], &above[w[1]]);
        let unit = text[unit_line.clone()].trim();
        let unit_start = unit_line.start + text[unit_line.clone()].find(unit)?;
        if !is_time_unit(unit) {
            return None;
        }
        let line = &text[numbers_line.clone()];
        let words = word_ranges(line.trim_end());
        let numbers = words
            .iter()
            .take_while(|w| line[(*w).clone()].parse::<u32>().is_ok())
            .count();
        let rest = words[numbers..]
            .first()
            .map(|w| line[w.start..].trim())
            .unwrap_or("");
        let rising = words[..numbers].windows(2).all(|p| {
            line[p[0].clone()].parse::<u32>().ok() < line[p[1].clone()].parse::<u32>().ok()
        });
        let comparison = !rest.is_empty();
        if numbers < 2
            || !rising
            || comparison && !names_the_comparison(rest)
            || numbers != values && !(comparison && numbers + 1 == values)
        {
            return None;
        }
        let mut cells: Vec<Range<usize>> =
            std::iter::once(unit_start..unit_start + unit.len()).collect();
        cells.extend(
            words[..numbers]
                .iter()
                .map(|w| numbers_line.start + w.start..numbers_line.start + w.end),
        );
        if comparison {
            let at = words[numbers].start;
            cells.push(numbers_line.start + at..numbers_line.start + line.trim_end().len());
        }
        Some((
            w[1],
            Row {
                line: numbers_line.clone(),
                cells,
            },
        ))
    })
}

/// How [`glued_header_rows`] splits a line into a header's cells.
type HeaderReader<'a> = dyn Fn(&Range<usize>) -> Option<Vec<Range<usize>>> + 'a;

/// A header line spanning the columns of the header under it (`Baseline (n = 22)
/// Post-intervention (n = 22)` over `Mean SD Mean SD Mean diff. … p`), where that header
/// names what each column prints: the line right above the first line `header` reads, split
/// into fewer names than there are `values` columns, each with its n or each a group's or a
/// time's name ([`glued_header`]). Its index in `above` and its row (the stub's cell empty);
/// [`Table::headers`] then spans each name over a run of the columns below.
fn spanning_header(
    text: &str,
    above: &[Range<usize>],
    values: usize,
    header: &HeaderReader,
) -> Option<(usize, Row)> {
    let (first, cells) = above
        .iter()
        .enumerate()
        .find_map(|(k, l)| Some((k, header(l)?)))?;
    if !cells
        .first()
        .is_some_and(|c| describes_cells(&text[c.clone()]))
    {
        return None;
    }
    let k = (0..first)
        .rev()
        .find(|&k| !text[above[k].clone()].trim().is_empty())?;
    let l = &above[k];
    let names = (2..values).find_map(|n| glued_header(&text[l.clone()], l.start, n, false))?;
    Some((
        k,
        Row {
            line: l.clone(),
            cells: std::iter::once(l.start..l.start).chain(names).collect(),
        },
    ))
}

/// Does a line print an n and nothing else (`(N = 151)`, `(n=171)`)?
fn prints_an_n_alone(line: &str) -> bool {
    let t = line.trim();
    n_printed()
        .find(t)
        .is_some_and(|m| m.range() == (0..t.len()))
}

/// A header stacked in the lines `above` a table's rows: as many lines printing an n alone
/// (`(N = 151)`), or else as many saying alone what the cells print (`mean (SD)`), as there
/// are value columns, each column named by the line above it (`Iloperidone`, `6 Months`)
/// where that line is a short name, or by that line alone. A web page's header cell with a
/// line break in it copies so. The header row (its cells spanning name and n) and the index
/// of its last line in `above`.
fn stacked_header(text: &str, above: &[Range<usize>], values: usize) -> Option<(Row, usize)> {
    let n_only = |l: &Range<usize>| prints_an_n_alone(&text[l.clone()]);
    let describes_only = |l: &Range<usize>| {
        let t = text[l.clone()].trim();
        !t.is_empty() && t.chars().count() <= 30 && describes_cells(t)
    };
    let lines_where = |f: &dyn Fn(&Range<usize>) -> bool| -> Vec<usize> {
        (0..above.len()).filter(|&k| f(&above[k])).collect()
    };
    let by_n = lines_where(&n_only);
    // One column more than the names with their n's, named by the line after the last n
    // (`Missing values (all groups), n`, `P value`): a column of another statistic, whose
    // name the page's header printed on one line.
    let trailing = by_n.last().and_then(|&k| {
        let name = text[above.get(k + 1)?.clone()].trim();
        (by_n.len() + 1 == values
            && k + 2 == above.len()
            && !name.is_empty()
            && name.chars().count() <= 60
            && !prints_an_n_alone(name)
            && !name.ends_with(['.', '。']))
        .then_some(k + 1)
    });
    type LineTest<'a> = &'a dyn Fn(&Range<usize>) -> bool;
    let (ns, n_alone): (Vec<usize>, LineTest) = if by_n.len() == values || trailing.is_some() {
        (by_n, &n_only)
    } else {
        (lines_where(&describes_only), &describes_only)
    };
    if values < 2 || ns.len() + usize::from(trailing.is_some()) != values {
        return None;
    }
    let mut cells: Vec<Range<usize>> = ns
        .iter()
        .map(|&k| {
            let named = k > 0 && !n_alone(&above[k - 1]) && {
                let name = text[above[k - 1].clone()].trim();
                !name.is_empty() && name.chars().count() <= 60 && !name.ends_with(['.', '。'])
            };
            let from = if named { &above[k - 1] } else { &above[k] };
            let lead = text[from.clone()].len() - text[from.clone()].trim_start().len();
            from.start + lead..above[k].start + text[above[k].clone()].trim_end().len()
        })
        .collect();
    let last = trailing.unwrap_or(ns[ns.len() - 1]);
    if let Some(k) = trailing {
        let l = &above[k];
        let lead = text[l.clone()].len() - text[l.clone()].trim_start().len();
        cells.push(l.start + lead..l.start + text[l.clone()].trim_end().len());
    }
    let first = ns[0].saturating_sub(1);
    let line = above[first].start..above[last].end;
    let stub = line.start..line.start;
    let row = Row {
        line,
        cells: std::iter::once(stub).chain(cells).collect(),
    };
    Some((row, last))
}

/// A header whose column names stand a line each above the rows, as a web page's header
/// cells copy with a line break after each (`Parameter` / `Total sample (n = 174)` / `Men (n =
/// 121)` / `Women (n = 53)` / `P value`), where no one line names the columns. The lines
/// between the title and the first row must be exactly the `values` names, or a stub's name
/// (`Parameter`, `Variable`) and the names; each is short and no sentence; and either the stub
/// is named or every name is a group's, a time's or the p's or carries an n (a legend or a
/// caption split over lines names no columns). The row (its stub cell empty) and the last
/// name's line.
fn names_a_line_each(
    text: &str,
    above: &[Range<usize>],
    values: usize,
) -> Option<(Option<Row>, Row, usize)> {
    let line = |k: usize| text[above[k].clone()].trim();
    let mut filled: Vec<usize> = (0..above.len()).filter(|&k| !line(k).is_empty()).collect();
    // A statistic's name over the comparisons it is printed for (`P value` over `High dose
    // vs placebo` / `Low dose vs placebo`): a header cell spanning theirs, no column.
    let spanning = filled.windows(3).find_map(|w| {
        let over = names_p(line(w[0])) || names_statistic(line(w[0]));
        let compared: Vec<usize> = filled
            .iter()
            .copied()
            .skip_while(|&k| k <= w[0])
            .take_while(|&k| names_a_comparison_of_groups(line(k)))
            .collect();
        (over && compared.len() >= 2).then_some((w[0], compared))
    });
    if let Some((over, _)) = &spanning {
        filled.retain(|k| k != over);
    }
    let stubbed = match filled.len().checked_sub(values)? {
        0 => false,
        1 => names_stub(line(filled[0])),
        _ => return None,
    };
    let names = &filled[filled.len() - values..];
    let short = |k: usize| {
        let t = line(k);
        t.chars().count() <= 40 && !t.ends_with(['.', '。', ':', ',']) && !is_title(t)
    };
    let named = |k: usize| is_column_name(line(k)) || n_printed().is_match(line(k));
    // An n alone on its line is the n of the name above it (a header cell broken over two
    // lines), no column's name.
    if values < 2
        || names.iter().any(|&k| prints_an_n_alone(line(k)))
        || !names.iter().all(|&k| short(k))
        || !(stubbed || names.iter().all(|&k| named(k)))
    {
        return None;
    }
    let trimmed = |k: usize| {
        let l = &above[k];
        let lead = text[l.clone()].len() - text[l.clone()].trim_start().len();
        l.start + lead..l.start + lead + line(k).len()
    };
    let first = filled[0];
    let stub = if stubbed {
        trimmed(first)
    } else {
        above[first].start..above[first].start
    };
    let row = Row {
        line: above[first].start..above[names[values - 1]].end,
        cells: std::iter::once(stub.clone())
            .chain(names.iter().map(|&k| trimmed(k)))
            .collect(),
    };
    // The spanning name as a row of its own over the comparisons' columns.
    let upper = spanning.map(|(over, compared)| Row {
        line: above[over].clone(),
        cells: std::iter::once(stub.start..stub.start)
            .chain(names.iter().map(|k| {
                if compared.contains(k) {
                    trimmed(over)
                } else {
                    above[over].start..above[over].start
                }
            }))
            .collect(),
    });
    Some((upper, row, names[values - 1]))
}

/// Does a header name the comparison of two groups (`High dose vs placebo`, `Drug versus
/// control`, `A群対B群`): a column of that comparison's statistic, never a group?
///
/// ```
/// use trialstats_documents::draft::table::names_a_comparison_of_groups;
/// assert!(names_a_comparison_of_groups("High dose vs placebo"));
/// assert!(names_a_comparison_of_groups("Drug versus control"));
/// assert!(names_a_comparison_of_groups("A群 vs. B群"));
/// assert!(!names_a_comparison_of_groups("Placebo"));
/// assert!(!names_a_comparison_of_groups("Baseline vs week 12 change in the score of the patients"));
/// ```
pub fn names_a_comparison_of_groups(header: &str) -> bool {
    static P: OnceLock<regex::Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\S.{0,30}\s(?:vs\.?|versus|v\.)\s.{1,30}$|^\S{1,15}群?\s?対\s?\S{1,15}群$",
        )
        .expect("the comparison pattern is valid")
    });
    p.is_match(header.trim())
}

/// A header of `count` names glued at capitals after the stub's name, the last naming the
/// test every row prints whole in its last cell (`SF-36 subscalePreintervention, mean
/// (±SD)Postintervention, mean (±SD)Paired t-test`): each name's range, the stub's left out.
fn names_glued_after_stub(line: &str, offset: usize, count: usize) -> Option<Vec<Range<usize>>> {
    let trimmed = line.trim_end();
    if trimmed.contains("  ") || trimmed.chars().count() > 160 {
        return None;
    }
    let mut cuts: Vec<usize> = trimmed
        .char_indices()
        .zip(trimmed.chars().skip(1))
        .filter(|((_, a), b)| (a.is_lowercase() || *a == ')') && b.is_uppercase())
        .map(|((k, a), _)| k + a.len_utf8())
        .collect();
    cuts.push(trimmed.len());
    if cuts.len() != count + 1 {
        return None;
    }
    let last = &trimmed[cuts[count - 1]..];
    if !(names_p(last) || last.to_lowercase().trim_end().ends_with("test")) {
        return None;
    }
    Some(
        cuts.windows(2)
            .map(|w| offset + w[0]..offset + w[1])
            .collect(),
    )
}

/// Pushes onto `rows` (the header's first) the rows of a [`glued_table`] from its first to
/// its last `data` row: those rows, sections' n's and p's, and short section labels.
fn push_glued_body(
    text: &str,
    lines: &[Range<usize>],
    data: &[(usize, Vec<Range<usize>>)],
    values: usize,
    rows: &mut Vec<Row>,
) {
    let (first_data, last_data) = (data[0].0, data[data.len() - 1].0);
    for (k, l) in lines
        .iter()
        .enumerate()
        .take(last_data + 1)
        .skip(first_data)
    {
        let line = &text[l.clone()];
        if let Some(row) = section_before_placeholders(text, l) {
            // A section opened by the comparison's row (`Total .. .. .. −1·13 (2·39; …)`): its
            // label alone, the measure of the rows under it.
            rows.push(row);
        } else if let Some((_, cells)) = data.iter().find(|(d, _)| *d == k) {
            // A row printing fewer values than the columns, but for a last statistic (`Work
            // rate (W)42 (16)44 (18)` under two groups' two times each), shows no column its
            // values stand under: no row of the table, its values left to review.
            if values_printed(text, cells) + 1 < values {
                continue;
            }
            // One short where a value is broken (`7. 19 (1.29)`: a decimal point and its digits
            // set apart in the copy): the lost value's column is not shown, and the values
            // after it would slide one column over.
            if values_printed(text, cells) < values && broken_decimal(line) {
                continue;
            }
            // One more than the columns where the first is a number glued to the label's last
            // letter (`Gestational weight gain, kg5 7.4 [3.6] …`, `Preterm birth, %4 10.6 …`):
            // a footnote's mark, no column's value; the values set apart by spaces are the
            // row's.
            let spaced = (values_printed(text, cells) == values + 1)
                .then(|| glued_row_spaced(line, l.start))
                .flatten()
                .filter(|spaced| values_printed(text, spaced) == values);
            let cells = spaced.unwrap_or_else(|| cells.clone());
            rows.push(Row {
                line: l.clone(),
                cells,
            });
        } else if let Some(cells) = glued_header(line, l.start, values, true)
            .filter(|c| c.iter().all(|c| is_n_cell(&text[c.clone()])))
        {
            // A section's n's (`n = 54n = 60` over the ITT rows).
            rows.push(Row {
                line: l.clone(),
                cells: std::iter::once(l.start..l.start).chain(cells).collect(),
            });
        } else if let Some(cells) = numbered_level_row(line, l.start, values) {
            rows.push(Row {
                line: l.clone(),
                cells,
            });
        } else if let Some(cells) = section_with_ns(line, l.start) {
            // A section's label with its columns' n's (`Pain (n=23) (n=21) (n=22)`).
            rows.push(Row {
                line: l.clone(),
                cells,
            });
        } else if let Some(row) = rows.first().and_then(|h| section_p_row(text, h, l)) {
            rows.push(row);
        } else if !line.trim().is_empty()
            && line.trim().chars().count() <= 60
            && !line.trim_end().ends_with('.')
            && !is_marks_line(line)
        {
            rows.push(Row {
                line: l.clone(),
                cells: vec![l.clone()],
            });
        }
    }
}

/// A row whose label is a level's number (` 2 131 (17.8) 52 (20.5) 79 (16.4)` under
/// `Deprivation quintile` and its `1 (most deprived)` row): a whole number of one or two
/// digits set apart by a space, then exactly one value for each of the table's `values`
/// columns. The label cells of [`glued_row`] need a letter, so that a row of bare numbers is
/// not read as a label and values; one more number than the columns, before them, is the
/// level they are of.
fn numbered_level_row(line: &str, offset: usize, values: usize) -> Option<Vec<Range<usize>>> {
    let start = line.len() - line.trim_start().len();
    let level = line[start..].bytes().take_while(u8::is_ascii_digit).count();
    let after = &line[start + level..];
    if !(1..=2).contains(&level) || !after.starts_with([' ', '\t']) {
        return None;
    }
    let rest_at = start + level;
    let cells = glued_cells(after)?;
    if cells.iter().filter(|c| c.1).count() != values || cells.iter().any(|c| !c.1) {
        return None;
    }
    Some(
        std::iter::once(offset + start..offset + rest_at)
            .chain(
                cells
                    .into_iter()
                    .map(|(c, _)| offset + rest_at + c.start..offset + rest_at + c.end),
            )
            .collect(),
    )
}

/// A row of glued cells (`Age (years)62.3 (9.1)62.4 (9.2)`, ` CGI-S−0.36 ± 0.09−0.25 ±
/// 0.07ns`): the label's range and each value cell's (a trailing `ns` one too), when the line
/// is a label and two values or more.
fn glued_row(line: &str, offset: usize) -> Option<Vec<Range<usize>>> {
    label_and_values(line, offset, false)
}

/// A row whose values are set apart from its label and from each other by spaces (`MG-ADL
/// -1.9 ± 0.5   -4.1 ± 0.5   0.002`, `抑うつ　9.5±11.5　8.1±9.4`): as [`glued_row`], but the
/// first value follows a space, so that a number inside the label (`HbA1c`, `E/T比10:1`) stays
/// in it, and a label's time (`Week 12`, `Day 28`) keeps its number.
fn glued_row_spaced(line: &str, offset: usize) -> Option<Vec<Range<usize>>> {
    label_and_values(line, offset, true)
}

/// The label and value cells of a row ([`glued_row`], [`glued_row_spaced`]).
fn label_and_values(line: &str, offset: usize, spaced: bool) -> Option<Vec<Range<usize>>> {
    // `..` cells after the values (The Lancet's empty cell, under the comparison's columns):
    // no cells of the row.
    let mut line = line.trim_end();
    while let Some(before) = line.strip_suffix("..").filter(|b| b.ends_with(' ')) {
        line = before.trim_end();
    }
    let starts = line.char_indices().filter(|&(k, c)| {
        let en_dash_minus =
            c == '–' && line[k + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
        let opens = c.is_ascii_digit()
            || "-−+<>≤≥".contains(c)
            || en_dash_minus
            || line[k..].starts_with(NOT_AVAILABLE)
            || cells_own_n(&line[k..]).is_some();
        let after = line[..k].chars().next_back();
        let apart = !spaced || after.is_some_and(char::is_whitespace);
        // A signed value right after a unit's exponent (`kg/m2-0.4 (-0.9; 0.0)`) opens the
        // row's values, though a digit stands before it.
        let after_exponent = "-−+".contains(c)
            && line[..k]
                .char_indices()
                .next_back()
                .is_some_and(|(at, _)| unit_exponent(&line[..at], &line[at..]));
        opens
            && k > 0
            && apart
            && (after_exponent
                || !after.is_some_and(|p| p.is_ascii_digit() || ".,·-−+<>≤≥±".contains(p)))
    });
    for (k, _) in starts {
        let label = &line[..k];
        if !label.chars().any(char::is_alphabetic)
            || label.trim_end().ends_with(['(', '[', '=', ':'])
            || unit_exponent(label, &line[k..])
        {
            continue;
        }
        if let Some(cells) = glued_cells(&line[k..]) {
            let values = cells.iter().filter(|c| c.1).count();
            // A row of one value and its other columns' `N/A` is a row of the table.
            let real = cells
                .iter()
                .filter(|c| c.1 && !is_not_available(&line[k..][c.0.clone()]))
                .count();
            if real == 0 {
                continue;
            }
            // A label ending in a time noun keeps the number after it (`Week 12`): the row's
            // values start after that number.
            let first = &line[k..][cells[0].0.clone()];
            let time_number = first.bytes().all(|b| b.is_ascii_digit())
                && super::cues::times(&format!("{}{first}", label.trim_start()))
                    .last()
                    .is_some_and(|p| p.end == label.trim_start().len() + first.len());
            if time_number {
                continue;
            }
            if values >= 2 {
                let mut out = Vec::with_capacity(cells.len() + 1);
                out.push(offset..offset + label.trim_end().len());
                out.extend(
                    cells
                        .into_iter()
                        .map(|(c, _)| offset + k + c.start..offset + k + c.end),
                );
                return Some(out);
            }
        }
    }
    None
}

/// Is the digit that opens `rest` the exponent of a unit of area or volume that ends `label`
/// (`BMI, kg/m2`, `1.73 m2`, `cells/mm3`), not a value?
fn unit_exponent(label: &str, rest: &str) -> bool {
    let unit = label.rsplit(['/', ' ']).next().unwrap_or("");
    ["m", "cm", "mm", "dm"].contains(&unit)
        && rest.starts_with(['2', '3'])
        && !rest[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
}

/// `s` read wholly as glued cells: each cell's range and whether it is a value (not `ns`).
fn glued_cells(s: &str) -> Option<Vec<(Range<usize>, bool)>> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = 0;
    // The digits of the last spread read (before and after its point): the next cell's
    // spread prints as it does where the cells run together.
    let mut spread_before: Option<(usize, usize)> = None;
    loop {
        at += s[at..].len() - s[at..].trim_start().len();
        if at >= s.len() {
            break;
        }
        let rest = &s[at..];
        // After the values, a test printed whole in the last cell (`t=−1.3, df=17, p=0.2`,
        // `p = 0.03`): one cell, no value of a column.
        if out.iter().filter(|c| c.1).count() >= 2 && opens_a_test(rest) {
            out.push((at..s.len(), false));
            break;
        }
        // A dash alone is an empty cell; one straight before digits is the value's minus.
        let minus = rest.starts_with('–')
            && rest['–'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit() || c == '.');
        let len = if let Some(word) = ["n.s.", "ns", "NS", "N.S.", "—", "–"]
            .iter()
            .find(|w| rest.starts_with(**w) && !minus)
        {
            out.push((at..at + word.len(), false));
            at += word.len();
            continue;
        } else if let Some(len) = not_available_len(rest) {
            // An empty cell: its column's place, no value.
            out.push((at..at + len, true));
            at += len;
            continue;
        } else if let Some(n_len) = cells_own_n(rest) {
            // The cell's own n before its value (`n=124 13 (8–21)`, where the column's n
            // varies by row): part of the cell.
            let value = glued_value(&rest[n_len..], spread_before)?;
            n_len + value
        } else {
            glued_value(rest, spread_before)?
        };
        let cell_start = at;
        out.push((at..at + len, true));
        if let Some((_, spread)) = rest[..len].split_once('±') {
            spread_before = printed_digits(spread.trim_start());
        }
        at += len;
        // A word in brackets after a summary with its spread says how it was computed (`1.1
        // (1.12)* (Adj)`): part of its cell. (After a bare number it is the label's unit, as
        // in `FEV1 (l)1.3 (0.5)`.)
        let rest = &s[at..];
        let gap = rest.len() - rest.trim_start().len();
        let summary = s[cell_start..at].contains(['(', '±', '[']);
        if let Some(close) = rest[gap..]
            .strip_prefix('(')
            .and_then(|r| r.find(')'))
            .filter(|_| summary)
        {
            if annotates_its_cell(&rest[gap + 1..gap + 1 + close]) {
                at += gap + close + 2;
                if let Some(last) = out.last_mut() {
                    last.0.end = at;
                }
            }
        }
        // A footnote's mark glued to a bracket's close (`5.10 (0.67)3 4.04 (0.73)`): one or
        // two digits, then a space and the next value. A value glued there prints its own
        // decimals or bracket (`(9.1)62.4 (9.2)`, `(53%)60 (51%)`).
        if s[..at].ends_with([')', ']']) {
            let digits = s[at..].bytes().take_while(u8::is_ascii_digit).count();
            let after = &s[at + digits..];
            let next = after.trim_start();
            if (1..=2).contains(&digits)
                && after.starts_with(char::is_whitespace)
                && !next.starts_with(['(', '['])
                && glued_value(next, None).is_some()
            {
                if let Some(last) = out.last_mut() {
                    last.0.end += digits;
                }
                at += digits;
            }
        }
        // A summary's n after a comma (`70·13 (10·11), 24 70·35 (8·03), 26`, The Lancet's
        // `mean (SD), n`): part of its cell, where the next cell or the row's end follows.
        // (The cell so far runs from its start: a bracket read above may have lengthened it.)
        if let Some(n_len) = cells_n_after_a_comma(&s[cell_start..at], &s[at..]) {
            at += n_len;
            if let Some(last) = out.last_mut() {
                last.0.end = at;
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The length of a cell's own n printed before its value and a space (`n=124 13 (8–21)`,
/// `n=76/116 34 (8.0)`: those measured, of those randomised), if `s` opens with one.
fn cells_own_n(s: &str) -> Option<usize> {
    static P: OnceLock<regex::Regex> = OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(r"^[nN]\s?=\s?\d+(?:/\d+)?\s+[-−–+<>≤≥]?\d").expect("a valid pattern")
    })
    .find(s)
    .map(|m| {
        m.as_str()
            .trim_end_matches(|c: char| !c.is_whitespace())
            .len()
    })
}

/// Does a bracket after a glued cell's summary belong to the cell: a word saying how it was
/// computed (`1.1 (1.12)* (Adj)`), or the cell's own n (`0.53 (0.54) (n=73)`, where the
/// column's n varies by row)?
fn annotates_its_cell(word: &str) -> bool {
    let own_n = word
        .trim_start_matches(['n', 'N'])
        .trim_start()
        .strip_prefix('=')
        .is_some_and(|d| {
            let d = d.trim();
            !d.is_empty() && d.len() < word.len() - 1 && d.bytes().all(|b| b.is_ascii_digit())
        });
    own_n || (2..=8).contains(&word.chars().count()) && word.chars().all(char::is_alphabetic)
}

/// The length of the n that `rest` opens with after the summary `cell`, as a comma sets it
/// apart (`, 24` after `70·13 (10·11)`), where the next cell or the row's end follows it.
fn cells_n_after_a_comma(cell: &str, rest: &str) -> Option<usize> {
    if !cell.contains(['(', '±', '[']) {
        return None;
    }
    let after_comma = rest.strip_prefix(',')?;
    let gap = after_comma.len() - after_comma.trim_start().len();
    let digits = after_comma[gap..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let next = &after_comma[gap + digits..];
    let ends_cell = next.trim().is_empty()
        || (next.starts_with(char::is_whitespace)
            && (next.trim_start().starts_with("..")
                || glued_value(next.trim_start(), None).is_some()));
    ((1..=6).contains(&digits) && ends_cell).then_some(1 + gap + digits)
}

/// Does `s` open with a test's statistic or p (`t=−1.3, df=17`, `F(2, 40) = 3.1`, `p = 0.03`,
/// `χ2 = 4.5`)?
fn opens_a_test(s: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(
            r"^(?:[tFzUWH]|χ2|χ²|[pP])\s*(?:\(\s*\d+(?:\.\d+)?(?:\s*,\s*\d+)?\s*\))?\s*[=<>≤≥]",
        )
        .expect("valid pattern")
    })
    .is_match(s)
}

/// The length of the value cell `s` opens with: `< 0.018*`, `62.3 (9.1)`, `242 (76%)`,
/// `−7.04 ± 1.59`, `1.9 (0.7 to 3.2)`.
fn glued_value(s: &str, spread_before: Option<(usize, usize)>) -> Option<usize> {
    let mut at = 0;
    let skip = |at: &mut usize, set: &str| {
        while let Some(c) = s[*at..].chars().next().filter(|c| set.contains(*c)) {
            *at += c.len_utf8();
        }
    };
    skip(&mut at, "<>≤≥= ");
    // A zero glued to the next count (`9 (9.6)02 (2.2)0`: a column's 0, printed without its
    // percentage, then 2 (2.2)): no count prints a leading zero, so the 0 is a cell of its own.
    if s[at..].starts_with('0') && s[at + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(at + 1);
    }
    let (end, decimals) = number_at(s, at, None)?;
    at = end;
    skip(&mut at, "%");
    let spaced = |at: usize| at + s[at..].len() - s[at..].trim_start().len();
    // An interval in a cell of its own (`1.1–6.8`, `−0.3 to 1.7`, `2.0~4.1`, as a CI's column
    // prints it): one cell, its bounds printed alike. (The plain text prints the en dash as a
    // hyphen; `4.0-1.25 ` with unlike decimals stays a value glued to a negative one.)
    let first_decimals = decimals;
    for joint in ["-", "–", "~", "〜", " to "] {
        if let Some(after) = s[at..].strip_prefix(joint) {
            let from = s.len() - after.len();
            if let Some((end, _)) = number_at(s, from, None).filter(|&(end, places)| {
                (s[end..].starts_with(char::is_whitespace) || end == s.len())
                    && (joint == " to " || places == first_decimals)
            }) {
                return Some(end);
            }
        }
    }
    let next = spaced(at);
    if s[next..].starts_with('±') {
        let after = spaced(next + '±'.len_utf8());
        if let Some((end, places)) = number_at(s, after, Some(decimals)) {
            at = end;
            // A spread glued to the row's p (`2±10.012`, `1±00.002`): the spread prints as
            // its mean does, the p after it opens `0.`.
            if places > decimals
                && let Some(len) = spread_before_a_p(&s[after..at], decimals)
            {
                at = after + len;
            }
            // The spread ran into the next cell's mean (`349±136402±179`, `2.16±0.42.35±0.5`):
            // cut where the next mean prints as this one does.
            if s[at..].starts_with(['±', '.']) {
                let mean = s[..next].trim_start_matches(['<', '>', '≤', '≥', '=', ' ']);
                if let Some(len) = printed_digits(mean)
                    .and_then(|mean| spread_before_next_mean(&s[after..], mean, spread_before))
                {
                    at = after + len;
                }
            }
        }
    }
    let next = spaced(at);
    if s[next..].starts_with(['(', '[']) {
        let close = s[next..].find([')', ']'])? + next;
        let inside = &s[next + 1..close];
        let numeric = inside.chars().any(|c| c.is_ascii_digit())
            && inside
                .split(|c: char| !c.is_alphabetic())
                .all(|w| w.is_empty() || ["to", "SD", "SE", "IQR", "CI"].contains(&w));
        if numeric {
            at = close + 1;
            // A footnote's letter glued to the bracket's close (`93.0 (86.0; 100.0)c92.9`,
            // `54 (31)c`): one lower-case letter, then the line's end, a space or the next
            // value (not a test's `t=` or `p<`).
            let mut chars = s[at..].chars();
            if chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c.is_ascii_digit() || "-−+".contains(c))
            {
                at += 1;
            }
        }
    }
    // Footnote marks after a value (`0.46+#`, `3.18§`, `9.10+`, `0.205&`, `0.04‖`): a `+` is
    // a mark where no number follows it (else it is the next value's sign).
    loop {
        skip(&mut at, "*†‡§¶#&‖");
        let rest = &s[at..];
        if rest.starts_with('+') && !rest[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.')
        {
            at += 1;
        } else {
            break;
        }
    }
    Some(at)
}

/// Where a spread runs into the row's p (`10.012` after `2±`, `00.002` after `1±`), the
/// spread's length: the one cut that leaves the spread printed with its mean's `decimals`
/// and a p opening `0.` after it.
fn spread_before_a_p(run: &str, decimals: usize) -> Option<usize> {
    let cuts: Vec<usize> = (1..run.len())
        .filter(|&k| run.is_char_boundary(k))
        .filter(|&k| {
            let (spread, p) = run.split_at(k);
            p.starts_with("0.")
                && digits_as_printed(p).is_some()
                && digits_as_printed(spread).is_some_and(|(_, places)| places == decimals)
        })
        .collect();
    match cuts[..] {
        [k] => Some(k),
        _ => None,
    }
}

/// The digits before and after its point of a number of digits and one point as printed
/// (no leading point, no leading zero before a digit, a digit last), or `None`.
fn digits_as_printed(part: &str) -> Option<(usize, usize)> {
    let (int, frac) = part.split_once('.').unwrap_or((part, ""));
    let plain = !int.is_empty()
        && !frac.contains('.')
        && (int.len() == 1 || !int.starts_with('0'))
        && part.ends_with(|c: char| c.is_ascii_digit());
    plain.then_some((int.len(), frac.len()))
}

/// The digits a number prints before and after its point (`-12.6` → (2, 1), `349` → (3,
/// 0)), its sign passed over; `None` where `s` opens with no digit.
fn printed_digits(s: &str) -> Option<(usize, usize)> {
    let s = s.trim_start_matches(['-', '−', '+']);
    let whole = s.bytes().take_while(u8::is_ascii_digit).count();
    let frac = s[whole..]
        .strip_prefix('.')
        .map_or(0, |f| f.bytes().take_while(u8::is_ascii_digit).count());
    (whole > 0).then_some((whole, frac))
}

/// Where a glued row's spread runs into the next cell's mean (`136402±179` after `349±`,
/// `0.42.35±0.5` after `2.16±`, `1221.7±7` after `23.2±`, as a journal page's table copies
/// when its cells lose their spaces), the length of the spread. Each part must be a number
/// as printed (no leading point, no leading zero before a digit); where several cuts give
/// that, the one whose next mean prints as `mean` does and whose spread prints as
/// `spread_before` (the row's last spread) does, as a table's columns print alike. `None`
/// where no cut, or more than one, is best.
fn spread_before_next_mean(
    run: &str,
    mean: (usize, usize),
    spread_before: Option<(usize, usize)>,
) -> Option<usize> {
    let len = run
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let run = &run[..len];
    let scored: Vec<(usize, usize)> = (1..len)
        .filter_map(|k| {
            let spread = digits_as_printed(&run[..k])?;
            let next = digits_as_printed(&run[k..])?;
            let score = usize::from(next.0 == mean.0)
                + usize::from(next.1 == mean.1)
                + spread_before.map_or(0, |b| {
                    usize::from(b.0 == spread.0) + usize::from(b.1 == spread.1)
                });
            Some((k, score))
        })
        .collect();
    let best = scored.iter().map(|c| c.1).max()?;
    match scored.iter().filter(|c| c.1 == best).collect::<Vec<_>>()[..] {
        [&(k, _)] => Some(k),
        _ => None,
    }
}

/// Where the `header`'s last column is the p's, a section's label may print its own p and
/// nothing else (`Depression diagnosis (2) 0.001` over its categories' rows, as a test across
/// the categories is printed): the row of line `l`, its p in the last column.
fn section_p_row(text: &str, header: &Row, l: &Range<usize>) -> Option<Row> {
    let last = header.cells.last()?;
    if !names_p(text[last.clone()].trim()) {
        return None;
    }
    let (label, p) = label_and_p(&text[l.clone()])?;
    let at = l.start + p.start;
    Some(Row {
        line: l.clone(),
        cells: std::iter::once(l.start + label.start..l.start + label.end)
            .chain((2..header.cells.len()).map(|_| at..at))
            .chain(std::iter::once(at..l.start + p.end))
            .collect(),
    })
}

/// A line that is a label and one p-like number after it (`Cigarette smoking (1) 0.320`,
/// `Alcohol consumption (17) < 0.001`): the label's and the number's ranges in `line`.
fn label_and_p(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let c = P
        .get_or_init(|| {
            regex::Regex::new(
                r"^\s*(?P<label>.*[^\s\d.<>≤≥])\s+(?P<p>(?:[<>≤≥]\s*)?(?:0?\.[0-9]+|1\.0+))\s*[*†‡§]*\s*$",
            )
            .expect("valid pattern")
        })
        .captures(line)?;
    let label = c.name("label")?;
    let p = c.name("p")?;
    Some((label.range(), p.range()))
}

/// Is a line only footnote marks (`#`, `§`, `*†`), as a table copied from a page prints the
/// marks of the cells above on lines of their own?
fn is_marks_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| "*†‡§¶#+ ".contains(c))
}

/// A number at `at` (sign, digits, thousands commas, decimals): its end and its decimals.
/// With `decimals`, a number glued to the next one (its digits run into another decimal
/// point: `0.080.03`) keeps only that many decimals.
fn number_at(s: &str, at: usize, decimals: Option<usize>) -> Option<(usize, usize)> {
    let mut k = at;
    // An en dash straight before the digits is a minus as BMJ's tables print it (`–6.6`).
    if let Some(c) = s[k..].chars().next().filter(|c| "-−+–".contains(*c)) {
        k += c.len_utf8();
    }
    let digits = |k: usize| s[k..].bytes().take_while(u8::is_ascii_digit).count();
    let n = digits(k);
    // A number printed without its leading zero (`.008`, as APA-style tables print p).
    let bare_decimal = n == 0 && s[k..].starts_with('.') && digits(k + 1) > 0;
    if n == 0 && !bare_decimal {
        return None;
    }
    k += n;
    while s[k..].starts_with(',') && digits(k + 1) == 3 {
        k += 4;
    }
    let mut places = 0;
    if s[k..].starts_with(['.', '·']) {
        let dot = s[k..].chars().next().map_or(1, char::len_utf8);
        let d = digits(k + dot);
        if d > 0 {
            // The next number's point or thousands separator right after the decimals
            // (`0.080.03`, `598.71,527.3`: no number prints a separator after its point).
            let after = &s[k + dot + d..];
            let glued = after.starts_with(['.', '·'])
                || after.starts_with(',')
                    && after[1..].bytes().take_while(u8::is_ascii_digit).count() == 3;
            places = match decimals {
                Some(want) if glued && d > want && want > 0 => want,
                _ => d,
            };
            k += dot + places;
        }
    }
    Some((k, places))
}

/// Does `tail`, the header's words after the groups' names (each closed by its n), name only
/// the columns of the groups' comparison: a difference or an effect with its interval, and a p
/// (`Mean difference (SE; 95% CI); p value`, `Difference (95% CI) P`)? The rows of the groups'
/// values print none under them (the table prints the comparison on a row of its own, or not
/// at all).
fn names_only_the_comparisons_columns(tail: &str) -> bool {
    let tail = tail.trim();
    // The words outside brackets: what each column is, the brackets what it prints.
    let mut depth = 0usize;
    let outside: String = tail
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect();
    let pieces: Vec<&str> = outside
        .split([';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    !pieces.is_empty()
        && tail.chars().count() <= 60
        && super::cues::difference_word(pieces[0])
        && pieces[1..]
            .iter()
            .all(|p| names_p(p) || names_effect_size(p))
}

/// After a header's names each closed by its n, the comparison's column (`Intervention
/// n=55Standard care n=59Comparison`, `Drug (n = 120)Placebo (n = 118)P value`, `Intensive
/// n=150 Standard care n=158 Difference*`), which prints no
/// n: the cuts after each name and the line's end, where `values` columns are so named.
fn comparison_last(trimmed: &str, ends: &[usize], values: usize) -> Option<Vec<usize>> {
    let tail = trimmed[*ends.last()?..].trim();
    // Only the comparison's name (`P value`), not a caption's words that hold one; a
    // bracket after the name says what it compares (`p (for changes between week 0 and
    // 4)`).
    let tail = match tail.split_once(['(', '（']) {
        Some((name, rest)) if rest.trim_end().ends_with([')', '）']) => name.trim(),
        _ => tail,
    };
    let short = !tail.is_empty() && tail.chars().count() <= 20;
    // Or the difference's column (`Difference*`, `Mean difference`), its estimate and
    // interval printed under it on every row.
    let difference = super::cues::difference_word(tail.trim_end_matches(['*', '†', '‡', '§']));
    (ends.len() + 1 == values && short && (names_the_comparison(tail) || difference)).then(|| {
        ends.iter()
            .copied()
            .chain([trimmed.len()])
            .collect::<Vec<usize>>()
    })
}

/// Names each with its n in blocks, each block closed by its comparison's column (`MD1003 (n
/// = 103) Placebo (n = 51) p value MD1003 > MD1003 (n = 91) Placebo > MD1003 (n = 42) p
/// value`: a trial's two phases, or two times, each comparing its arms with a p of its own):
/// the comparison's name (one or two words) opening the stretch before a later name is a
/// column of its own, as is one closing the line. Each column's end, `values` in all, a
/// comparison between blocks one at least; `None` otherwise.
fn comparisons_after_blocks(trimmed: &str, ends: &[usize], values: usize) -> Option<Vec<usize>> {
    let mut cuts = Vec::new();
    let mut from = 0;
    for (i, &end) in ends.iter().enumerate() {
        if i > 0 {
            let stretch = &trimmed[from..end];
            let words = word_ranges(stretch);
            let opening = [2, 1].into_iter().find_map(|count| {
                let last = words.get(count - 1)?;
                (words.len() > count && names_the_comparison(&stretch[..last.end]))
                    .then_some(from + last.end)
            });
            cuts.extend(opening);
        }
        cuts.push(end);
        from = end;
    }
    let tail = trimmed[from..].trim();
    if !tail.is_empty() {
        if !names_the_comparison(tail) {
            return None;
        }
        cuts.push(trimmed.len());
    }
    (cuts.len() == values && cuts.len() > ends.len() + usize::from(!tail.is_empty()))
        .then_some(cuts)
}

/// A header line above glued rows split into `values` cells: names each with its n
/// (`Placebo(n = 318)Salmeterol(n = 316)`), n's (`n = 48n = 50`), or names glued at a
/// capital (`TJ-54Placebo`, only with `glued_names`: under a table's title).
fn glued_header(
    line: &str,
    offset: usize,
    values: usize,
    glued_names: bool,
) -> Option<Vec<Range<usize>>> {
    let trimmed = line.trim_end();
    let ends: Vec<usize> = n_printed().find_iter(trimmed).map(|m| m.end()).collect();
    // Names set apart by spaces (`Placebo group   Drug group`, `  A群 B群`): at runs of two
    // spaces or more (a name may hold one), or at single spaces where each piece is itself
    // a group's or a time's name (a caption's words are not column names).
    let is_space = |c: char| matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\t');
    let spaced = |min_run: usize| -> Option<Vec<usize>> {
        let body = trimmed.trim_start_matches(is_space);
        let lead = trimmed.len() - body.len();
        let mut ends = Vec::new();
        let (mut last, mut run) = (0, 0);
        for (k, c) in body.char_indices() {
            if is_space(c) {
                run += 1;
                continue;
            }
            if run >= min_run && last > 0 {
                ends.push(lead + last);
            }
            run = 0;
            last = k + c.len_utf8();
        }
        ends.push(lead + last);
        (values >= 2 && ends.len() == values).then_some(ends)
    };
    // At single spaces, a dose's number and unit kept together (`Placebo 50 mg 100 mg
    // p-value`).
    let single_spaced = || {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for word in word_ranges(trimmed) {
            match pieces.last_mut() {
                Some(last) if is_dose(&trimmed[last.start..word.end]) => last.end = word.end,
                _ => pieces.push(word),
            }
        }
        (values >= 2
            && pieces.len() == values
            && pieces.iter().all(|p| is_column_name(&trimmed[p.clone()])))
        .then(|| pieces.iter().map(|p| p.end).collect())
    };
    let mut start = trimmed.len() - trimmed.trim_start().len();
    let cuts: Vec<usize> = if ends.len() == values && ends.last() == Some(&trimmed.len()) {
        ends
    } else if let Some(cuts) = comparison_last(trimmed, &ends, values) {
        cuts
    } else if let Some(cuts) = comparisons_after_blocks(trimmed, &ends, values) {
        cuts
    } else if ends.len() == values
        && names_only_the_comparisons_columns(&trimmed[ends[values - 1]..])
    {
        // The comparison's columns after the names (`Mean difference (SE; 95% CI); p
        // value`), under which the groups' rows print nothing: no value column of theirs.
        ends
    } else if let Some(cuts) = spaced(2).or_else(single_spaced) {
        cuts
    } else if let Some((from, cuts)) = (glued_names && values >= 2)
        .then(|| names_from_right(trimmed, values).or_else(|| statistics_names(trimmed, values)))
        .flatten()
    {
        start = from;
        cuts
    } else if let Some(cuts) = (glued_names && values >= 3)
        .then(|| names_glued_before_p(trimmed, values))
        .flatten()
    {
        cuts
    } else if glued_names && values >= 2 && trimmed.chars().count() <= 40 && !trimmed.contains("  ")
    {
        let cuts = cuts_at_capitals(trimmed);
        if cuts.len() != values {
            return None;
        }
        cuts
    } else {
        return None;
    };
    if let [first, second, ..] = cuts[..] {
        start += lettered_name_after_stub(&trimmed[start..first], &trimmed[first..second]);
    }
    let mut out = Vec::new();
    for end in cuts {
        if line[start..end].trim().is_empty() {
            return None;
        }
        out.push(offset + start..offset + end);
        start = end;
    }
    Some(out)
}

/// Where the first column's name begins in `first`, the header's first piece, when the names
/// are lettered in order (`A. Drug X`, `B. Drug Y`, `C. Standard`) and the stub's name is glued
/// before the first (`Clinical responseA. Drug X (n=85)`): at the letter before `second`'s,
/// glued to a lower-case letter or a bracket. 0 where the names are not lettered so.
fn lettered_name_after_stub(first: &str, second: &str) -> usize {
    let mut chars = second.trim_start().chars();
    let (Some(letter), Some(mark)) = (chars.next(), chars.next()) else {
        return 0;
    };
    let lettered = letter.is_ascii_uppercase() && letter > 'A' && matches!(mark, '.' | ')');
    if !(lettered && chars.next().is_some_and(char::is_whitespace)) {
        return 0;
    }
    let before = char::from(letter as u8 - 1);
    let label = format!("{before}{mark} ");
    first
        .match_indices(&label)
        .find(|(k, _)| {
            first[..*k]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase() || c == ')')
        })
        .map_or(0, |(k, _)| k)
}

/// Does a header name the column of the groups' comparison, which a row prints as its test
/// or p (`P value`, `Paired t-test`, `Comparison`)?
fn names_the_comparison(header: &str) -> bool {
    let h = header.trim().to_lowercase();
    names_p(&h) || h.ends_with("test") || h == "comparison" || h == "comparisons"
}

/// Names glued at capitals with the p's column glued last after a lower-case letter, as a
/// journal page's header copies (`Patients with complete follow-upAll other eligible
/// patientsp-value`): the groups' names split at capitals, each of at most 40 characters,
/// then `p-value`. Each name's end, `values` in all.
fn names_glued_before_p(trimmed: &str, values: usize) -> Option<Vec<usize>> {
    let cuts = cuts_before_a_glued_p(trimmed)?;
    // The p's name glued after a lower-case letter only (not a bracket), each name before it
    // of at most 40 characters, no run of spaces.
    let head = &trimmed[..cuts[cuts.len() - 2]];
    if !head.ends_with(|c: char| c.is_lowercase()) || head.contains("  ") {
        return None;
    }
    let mut start = 0;
    for &end in &cuts[..cuts.len() - 1] {
        if head[start..end].chars().count() > 40 || head[start..end].trim().is_empty() {
            return None;
        }
        start = end;
    }
    (cuts.len() == values).then_some(cuts)
}

/// Where names glued together end in a line whose last name is the p's, glued after a
/// lower-case letter or a bracket (`…Difference (95% CI)p Value`, `…patientsp-value`), which
/// [`cuts_at_capitals`] does not see: the cuts of the names before it, then the line's end.
fn cuts_before_a_glued_p(s: &str) -> Option<Vec<usize>> {
    let lower = s.to_lowercase();
    let p_name = ["p-value", "p value", "p-values", "p values"]
        .into_iter()
        .find(|p| lower.ends_with(p))?;
    let head = &s[..s.len() - p_name.len()];
    if head.trim().is_empty() || !head.ends_with(|c: char| c.is_lowercase() || c == ')') {
        return None;
    }
    let mut cuts = cuts_at_capitals(head);
    cuts.push(s.len());
    Some(cuts)
}

/// Where names glued together end (`Intervention groupControl group`): after a lower-case
/// letter, a digit or a bracket followed by a capital; before a time glued to the word
/// before it (`Baseline1 year`, `Pre6 months`: a time names its unit, so `HbA1c` is no
/// cut); and at the end of `s`.
fn cuts_at_capitals(s: &str) -> Vec<usize> {
    let mut cuts: Vec<usize> = s
        .char_indices()
        .zip(s.chars().skip(1))
        .filter(|((k, a), b)| {
            ((a.is_lowercase() || a.is_ascii_digit() || *a == ')') && b.is_uppercase())
                || (a.is_alphabetic()
                    && b.is_ascii_digit()
                    && starts_with_a_time(&s[k + a.len_utf8()..]))
        })
        .map(|((k, a), _)| k + a.len_utf8())
        .collect();
    cuts.push(s.len());
    cuts
}

/// Does `s` open with a time, a number and its unit (`1 year`, `6 months`, `12 wk`)?
fn starts_with_a_time(s: &str) -> bool {
    static TIME: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    TIME.get_or_init(|| {
        regex::Regex::new(
            r"^\d+(?:\.\d+)?\s?(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|h)(?:$|[^a-z])",
        )
        .expect("a valid pattern")
    })
    .is_match(s)
}

/// The byte ranges of the words of `s` (runs of non-space characters).
fn word_ranges(s: &str) -> Vec<Range<usize>> {
    s.split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - s.as_ptr() as usize;
            start..start + w.len()
        })
        .collect()
}

/// A column's name set apart by single spaces: a group's, a time's, a dose's (an arm named by
/// its dose, `50 mg`), or the p's.
fn is_column_name(piece: &str) -> bool {
    use super::cues::{groups, is_whole, times};
    let piece = piece.trim();
    is_whole(piece, groups) || is_whole(piece, times) || is_dose(piece) || names_p(piece)
}

/// A header under a title with its names at single spaces, read from the right (`Outcome
/// (Missing) Baseline Six-month follow-up P-value*`): each of the `values` columns' names a
/// phrase of up to four words that names a column ([`is_column_name`]), the words left before
/// them the stub's name, which is no column's. The first name's start and each name's end in
/// `trimmed`.
fn names_from_right(trimmed: &str, values: usize) -> Option<(usize, Vec<usize>)> {
    let words = word_ranges(trimmed);
    // The names' first words, last name first: the longest phrase that leaves the rest
    // splittable, found by trying each length in turn.
    fn split(
        end: usize,
        left: usize,
        names: &dyn Fn(usize, usize) -> bool,
        firsts: &mut Vec<usize>,
    ) -> bool {
        if left == 0 {
            return end > 0;
        }
        for from in end.saturating_sub(4)..end {
            firsts.push(from);
            if names(from, end) && split(from, left - 1, names, firsts) {
                return true;
            }
            firsts.pop();
        }
        false
    }
    // A p's name opens the phrase (`P-value*`, `p value`): `follow-up P-value*` is two.
    let names = |from: usize, end: usize| {
        let phrase = &trimmed[words[from].start..words[end - 1].end];
        is_column_name(phrase) && (!names_p(phrase) || phrase.starts_with(['p', 'P']))
    };
    let mut firsts = Vec::new();
    if !split(words.len(), values, &names, &mut firsts) {
        return None;
    }
    // The stub's name ends in no column's name: one there says the header prints more
    // columns than asked for (`… Baseline Six-month follow-up P-value*` over rows of two
    // values and a p that some rows leave out).
    firsts.reverse();
    let stub = firsts[0];
    if (stub.saturating_sub(4)..stub).any(|from| names(from, stub)) {
        return None;
    }
    // Each name ends where the next begins; the last at the line's end.
    let cuts = firsts[1..]
        .iter()
        .map(|&f| words[f - 1].end)
        .chain(std::iter::once(trimmed.len()))
        .collect();
    Some((words[firsts[0]].start, cuts))
}

/// A header under a title naming, after the stub's name, what each column prints, at single
/// spaces (`Outcome Mean SD Mean SD Mean diff. 95% CI of diff. d p`, as a web page's table
/// pastes): each name opens with a statistic's word (`Mean`, `SD`, `95%`, `d`, `p` …) and runs
/// on over the words that qualify it (`diff.`, `CI of diff.`). The first name's start and each
/// name's end in `trimmed`, when the words after the stub split into exactly `values` names
/// and the first two are a summary's (`Mean SD`, `Median IQR`): a caption's words do not.
fn statistics_names(trimmed: &str, values: usize) -> Option<(usize, Vec<usize>)> {
    const OPENS: [&str; 24] = [
        "mean",
        "sd",
        "se",
        "sem",
        "median",
        "iqr",
        "range",
        "n",
        "%",
        "p",
        "d",
        "95%",
        "ci",
        "min",
        "max",
        "or",
        "hr",
        "rr",
        "es",
        "t",
        "f",
        "z",
        "r",
        "difference",
    ];
    const QUALIFIES: [&str; 7] = ["diff.", "diff", "difference", "change", "of", "ci", "value"];
    let words = word_ranges(trimmed);
    let word = |k: usize| trimmed[words[k].clone()].to_lowercase();
    let bare = |k: usize| {
        word(k)
            .trim_end_matches(['*', '†', '‡', '§', 'ᵃ', 'ᵇ'])
            .to_string()
    };
    let is_statistic =
        |k: usize| OPENS.contains(&bare(k).as_str()) || QUALIFIES.contains(&bare(k).as_str());
    // `CI` after `95%`, `diff.` after `Mean`, `value` after `p` qualify the name they follow.
    let opens = |k: usize| {
        OPENS.contains(&bare(k).as_str())
            && !(k > 0 && QUALIFIES.contains(&bare(k).as_str()) && is_statistic(k - 1))
    };
    // The names run from the first opening word of the words that are all statistics' at the
    // line's end; the words before it are the stub's name.
    let run = (0..words.len())
        .rev()
        .take_while(|&k| is_statistic(k))
        .last()?;
    let from = (run..words.len()).find(|&k| opens(k))?;
    if from == 0 {
        return None;
    }
    let firsts: Vec<usize> = (from..words.len()).filter(|&k| opens(k)).collect();
    let word = |k: usize| bare(k);
    let summary = |a: &str, b: &str| {
        matches!(
            (a, b),
            ("mean", "sd" | "se" | "sem") | ("median", "iqr" | "range")
        )
    };
    if firsts.len() != values || !summary(&word(firsts[0]), &word(firsts[1])) {
        return None;
    }
    let cuts = firsts[1..]
        .iter()
        .map(|&f| words[f - 1].end)
        .chain(std::iter::once(trimmed.len()))
        .collect();
    Some((words[from].start, cuts))
}

/// A group's n as a header prints it: `n = 318`, `(N=120)`, `（n＝54）`.
/// The n a header prints (`Men (n = 121)` → 121; `N=1,149` → 1149), if one.
pub fn n_printed_in(header: &str) -> Option<u64> {
    let m = n_printed().find(header)?;
    let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn n_printed() -> &'static regex::Regex {
    static N: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        regex::Regex::new(r"[(（]?\s*[nN]\s*[=＝]\s*[0-9][0-9,]*\s*[)）]?").expect("valid pattern")
    })
}

/// A section's label followed by its columns' n's, each in brackets or not (`Vasomotor
/// composite (n=23) (n=21) (n=22)`): the label's cell and each n's, when there are two n's or
/// more and nothing else after the label.
fn section_with_ns(line: &str, offset: usize) -> Option<Vec<Range<usize>>> {
    let found: Vec<Range<usize>> = n_printed().find_iter(line).map(|m| m.range()).collect();
    let first = found.first()?.start;
    let label = line[..first].trim_end();
    let only_ns = found
        .windows(2)
        .all(|w| line[w[0].end..w[1].start].trim().is_empty())
        && found
            .last()
            .is_some_and(|l| line[l.end..].trim().is_empty());
    (found.len() >= 2 && only_ns && label.chars().any(char::is_alphabetic)).then(|| {
        let start = line.len() - line.trim_start().len();
        std::iter::once(offset + start..offset + label.len())
            .chain(found.into_iter().map(|r| offset + r.start..offset + r.end))
            .collect()
    })
}

/// A table's section label: a short line that is no sentence and says nothing of what the
/// cells print (`Pain score`, `Secondary outcomes`; not `Values are mean (SD).`).
fn is_section_label(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 60
        && !t.ends_with(['.', '。'])
        && super::cues::spread_kind(t).is_none()
        && !describes_cells(t)
}

/// Is `s` a dose and nothing else (`50 mg`, `0.5 mg/kg`, `10 µg`, `300mg`): how an arm is
/// named in a dose-ranging table's header?
fn is_dose(s: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^[0-9]+(?:\.[0-9]+)?\s*(?:mg|µg|μg|mcg|g|iu|units?|ml)(?:/(?:kg|day|d|m2|m²))?$",
        )
        .expect("valid pattern")
    })
    .is_match(s.trim())
}

/// Does a line print two numbers side by side, set apart by spaces only (`113 4.3±8.20`, `12
/// 15`): two cells on one line, not one cell (`7.92 (0.11)`, `5.1 ± 1.2`, `-0.34 (0.12) P =
/// 0.006`)?
fn two_numbers_side_by_side(line: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[\s(])[-−+]?[0-9０-９][0-9０-９.,·]*[%％]?[ \t\u{3000}]+[-−+]?[0-9０-９]",
        )
        .expect("valid pattern")
    });
    p.is_match(line)
}

/// Where the cells of the header row `h` nearest the data stand (`filled`: its filled cells;
/// `hw`: its filled width; `width`: the data rows'), in the cases its own cells decide; `None`
/// for a row above the nearest, or one whose first cell's place is not shown.
/// A header row that opens with the stub's cell (`Characteristic | High dose (n = 22) | Low dose
/// (n = 23) | Placebo (n = 23) | P value`) above a row that named only the last columns (`High
/// dose vs placebo | Low dose vs placebo`, under the spanning `P value`): its cells stand over
/// the columns from the left, and its last over the named columns after it too, the span the
/// row below divides. `None` where the row does not open with the stub, no column after the
/// stub is named below, or a cell before its last would stand over a named column.
fn stub_led_over_spanned<'t>(
    filled: &[usize],
    cell: impl Fn(usize) -> &'t str,
    named: &[bool],
) -> Option<Vec<(usize, usize)>> {
    let (&first, &last) = (filled.first()?, filled.last()?);
    let width = named.len();
    if first != 0
        || !names_stub(cell(0))
        || last >= width
        || !named[1..].contains(&true)
        || filled[..filled.len() - 1].iter().any(|&k| named[k])
    {
        return None;
    }
    let mut placed: Vec<(usize, usize)> = filled.iter().map(|&k| (k, k)).collect();
    placed.extend((last + 1..width).filter(|&c| named[c]).map(|c| (last, c)));
    Some(placed)
}

/// Where a header row above others stands (`below`: the rows under it, nearest first, as
/// placed; `named`: the columns they name): over the runs of sub-headers its cells span, as a
/// row of the same layout that says what its cells print, as the stub's name over a spanning
/// cell and statistics, or over the columns left unnamed where it fills as many cells.
fn placed_over_rows_below<'t>(
    filled: &[usize],
    below: &[PlacedRow],
    cell: impl Fn(usize) -> &'t str + Copy,
    named: &[bool],
) -> Vec<(usize, usize)> {
    let width = named.len();
    let unnamed: Vec<usize> = (1..width).filter(|&c| !named[c]).collect();
    // Over a row that says what its cells print (`Mean ± SD`) or prints each column's n (`(N =
    // 341)`), not over a row of the comparison's statistics (`Difference | p value`), which no
    // group's name heads.
    let same_layout = below
        .iter()
        .find(|b| b.filled == filled && b.describes)
        .map(|b| b.placed.clone());
    if let Some(p) = spans_over(filled, below.first(), cell, width) {
        p
    } else if let Some(p) = same_layout {
        p
    } else if let Some(p) = stub_span_statistics(filled, cell, named) {
        p
    } else if let Some(p) = stub_led_over_spanned(filled, cell, named) {
        p
    } else if filled.len() == unnamed.len() {
        filled.iter().copied().zip(unnamed).collect()
    } else {
        Vec::new()
    }
}

/// A header row of the stub's name, one cell spanning the groups the row below names, and
/// the comparison's statistics (`Subjects | Group (mean ± SD) | t | p` over `Control group
/// (n = 30) | Intervention group (n = 30)`): the first cell stands over the row labels, the
/// spanning one over the groups' columns (the run `1..=k` the row below named), the
/// statistics over the columns after them, one each. `None` unless the cells fit so exactly
/// and those after the span all name a statistic.
fn stub_span_statistics<'t>(
    filled: &[usize],
    cell: impl Fn(usize) -> &'t str,
    named: &[bool],
) -> Option<Vec<(usize, usize)>> {
    let width = named.len();
    let groups = named.iter().skip(1).take_while(|&&n| n).count();
    let statistics = filled.get(2..)?;
    if filled.first() != Some(&0)
        || statistics.is_empty()
        || named[0]
        || groups < 2
        || named[groups + 1..].contains(&true)
        || 1 + groups + statistics.len() != width
        || names_statistic(cell(filled[1]))
        || !statistics.iter().all(|&k| names_statistic(cell(k)))
    {
        return None;
    }
    let mut placed = vec![(filled[0], 0)];
    placed.extend((1..=groups).map(|c| (filled[1], c)));
    placed.extend(
        statistics
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, groups + 1 + i)),
    );
    Some(placed)
}

/// Does header row `h` print a cell over every one of the `width` columns, from the stub's
/// empty cell on, as a table copied with all its cells does: a name spanning two columns is
/// printed over each (`| | Group 1 | Group 1 | | Group 2 | Group 2 | |`), and an empty cell
/// after a name (a p's column no header names) only after such a repeated name. A name followed by empty cells is
/// printed once over the columns it spans (`| | Placebo | | Drug | |`) and stands over the
/// first alone: not such a row.
fn prints_every_cell(text: &str, h: &Row, width: usize) -> bool {
    let cell = |k: usize| text[h.cells[k].clone()].trim();
    width >= 2
        && h.cells.len() >= width
        && cell(0).is_empty()
        && (1..width - 1).all(|k| {
            cell(k).is_empty() || !cell(k + 1).is_empty() || k >= 2 && cell(k) == cell(k - 1)
        })
}

/// Does a header cell name a test's statistic column (`t`, `z`, `F value`, `χ2`)? Written as a
/// table prints it: a lower-case `t` (an upper-case `T` may name a treated group, `F` women).
pub(crate) fn names_test_statistic(header: &str) -> bool {
    let h = header.trim().trim_end_matches(['*', '†', '‡', '§']).trim();
    // A statistic with its degrees of freedom in a bracket (`t (df)`, `F (df)`, `χ2 (df)`).
    let h = h
        .strip_suffix("(df)")
        .or_else(|| h.strip_suffix("(d.f.)"))
        .map_or(h, str::trim_end);
    [
        "t",
        "t value",
        "t-value",
        "t-test",
        "z",
        "z value",
        "F value",
        "χ2",
        "χ²",
        "χ2 value",
        "χ² value",
        "Chi-square",
        "chi-square",
    ]
    .contains(&h)
}

fn nearest_placement(
    text: &str,
    h: &Row,
    filled: &[usize],
    (hw, width): (usize, usize),
    nearest: bool,
    summaries_up_to: impl Fn(usize) -> bool,
) -> Option<Vec<(usize, usize)>> {
    let cell = |k: usize| &text[h.cells[k].clone()];
    let names: Vec<&str> = filled.iter().map(|&k| cell(k).trim()).collect();
    let placed = if hw >= width
        && width >= 2
        && nearest
        && names_a_time(cell(0).trim())
        && filled.get(1).is_some_and(|&k| names_a_time(cell(k).trim()))
    {
        // A row of times that opens with two times (`Baseline | Week 2 | Week 4 | Within-group
        // p`; not `Endpoint | Drug | Placebo`), as wide as the data rows or wider: the stub's cell was left out of the copy,
        // for no time heads the rows' labels. From the first column after the stub.
        (0..hw.min(width - 1)).map(|k| (k, k + 1)).collect()
    } else if hw >= width || prints_every_cell(text, h, width) {
        (0..width).map(|k| (k, k)).collect()
    } else if nearest
        && hw < width
        && describes_cells(cell(0))
        && filled.iter().all(|&k| describes_cells(cell(k)))
    {
        // What the cells print (`no. of patients (%) | % per yr | …`), under the
        // groups named above: from the first column after the stub.
        (0..hw).map(|k| (k, k + 1)).collect()
    } else if nearest && hw + 1 == width && !names_stub(cell(0)) && !describes_cells(cell(0)) {
        // One cell short of the data rows: every column named but the stub (a copy
        // that leaves the stub's header out). Read from the right or from the first
        // column after the stub, the cells stand over the same columns.
        (0..hw).map(|k| (k, k + 1)).collect()
    } else if nearest
        && hw + 1 < width
        // A row whose first cell is empty prints the stub's cell (`\tn\tScore\tn\tScore`
        // under groups spanning two columns each and the comparison's columns after them):
        // it stands from the left, as a row opening with its stub does (below).
        && (repeats_times_or_ns(&names) && filled.first() == Some(&0)
            || filled.first() == Some(&0)
                && !names_stub(cell(0))
                // Names of groups, not of statistics (`MD (95% CI) | Effect size | MD (95%
                // CI) | Effect size` stands over the comparisons' columns at the right).
                && filled.iter().all(|&k| !names_statistic(cell(k)) && !describes_cells(cell(k)))
                && repeats_a_block(&names))
    {
        // Each group's times, or its values and their n (`Baseline | 6 Months | Baseline | 6
        // Months`, `Data | No in group | Data | No in group`), or the groups under each time
        // (`C | I | C | I` under `Baseline | Month 4`, opening at the row's first cell), the
        // stub's cell left out of the copy: from the first column after the stub, under the
        // names that span them (the row above), the comparison's columns after them.
        (0..hw).map(|k| (k, k + 1)).collect()
    } else if nearest
        && (names_statistic(cell(0))
            || filled
                .iter()
                .all(|&k| names_a_comparison_of_groups(cell(k))))
    {
        // A statistic's header over the last columns, the stub unnamed; so too the
        // comparisons a spanning `P value` is of (`High dose vs placebo | Low dose vs
        // placebo`), each naming two groups and so no group's column.
        (0..hw).map(|k| (k, k + width - hw)).collect()
    } else if nearest
        && hw >= 2
        && hw + 1 < width
        && filled.len() == hw
        && filled.iter().all(|&k| {
            let c = cell(k);
            n_printed_in(c).is_some() && !is_n_cell(c) && !names_stub(c)
        })
        && summaries_up_to(hw)
    {
        // Each group's name with its n (`Control group (n = 30) | Intervention group (n = 30)`)
        // packed to the left, the stub's cell left out of the copy: a stub prints no n, and a
        // table prints its groups right after the stub, the statistics (`t | p`) after them.
        // Only where the first columns after the stub print one summary each (`33.0 ± 3.4`):
        // a group spanning two columns (`n | %`) stands over more than one.
        (0..hw).map(|k| (k, k + 1)).collect()
    } else if nearest && names_stub(cell(0)) {
        // A row that opens with its stub cell (empty, or `Characteristic`): from the
        // left.
        (0..hw).map(|k| (k, k)).collect()
    } else {
        return None;
    };
    Some(placed)
}

/// Does a header cell name a time: a time phrase, or a header's word placing a column in time
/// (`Pre training`, `Post-test`, `Before`, `After intervention`)?
/// The visit a row label names the n of (`Week 13/n`, `Baseline, n`): tables of a trial's
/// visits print how many patients each visit saw on the visit's own row, its statistics on the
/// rows under it.
///
/// ```
/// use trialstats_documents::draft::table::visit_of_n;
/// assert_eq!(visit_of_n("Week 13/n"), Some("Week 13"));
/// assert_eq!(visit_of_n("Baseline, n"), Some("Baseline"));
/// assert_eq!(visit_of_n("Patients with relapse, n"), None);
/// ```
pub fn visit_of_n(label: &str) -> Option<&str> {
    let visit = name_before_the_n_sign(label)?;
    names_a_time(visit).then_some(visit)
}

/// The words of a row label before the sign that its cells count people (`Week 13` in `Week
/// 13/n`, `Female` in `Female (N)`), if the label ends in one.
pub(crate) fn name_before_the_n_sign(label: &str) -> Option<&str> {
    let l = label.trim();
    ["/n", "/N", ", n", ", N", " (n)", " (N)"]
        .iter()
        .find_map(|end| l.strip_suffix(end))
        .map(str::trim)
}

fn names_a_time(t: &str) -> bool {
    static BEFORE_AFTER: OnceLock<regex::Regex> = OnceLock::new();
    let before_after = BEFORE_AFTER.get_or_init(|| {
        // A visit's code (`T0`, `T2`, `M6`, `V1`, `W12`, `D28`) as a header prints a time.
        regex::Regex::new(
            r"(?i)^(?:(?:pre|post|before|after|initial|final)(?:[\s-]?[a-z]+)?|[TMVWD]\s?[0-9]{1,2})$",
        )
        .expect("valid pattern")
    });
    super::cues::is_whole(t, super::cues::times) || before_after.is_match(t.trim())
}

/// Do `cells` print one block of times again and again (`Baseline | 6 Months | Baseline | 6
/// Months`), or of a column of values and one of their n's (`Data | No in group | Data | No
/// in group`, `Mean (SD) | n | Mean (SD) | n`): each group's columns, named again under every
/// group? (Other blocks repeat under other things: the comparison's statistics under each
/// analysis, `Difference | p value | Difference | p value`.)
/// Does a header cell name a time, then what its cells print (`Baseline M (SD)`,
/// `Post-intervention mean ± SD`, `Week 12, n (%)`)?
fn names_a_time_then_cells(t: &str) -> bool {
    let t = t.trim();
    t.char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .any(|(i, _)| {
            let (time, cells) = (t[..i].trim_end_matches(','), &t[i..]);
            names_a_time(time) && describes_cells(cells.trim())
        })
}

fn repeats_times_or_ns(cells: &[&str]) -> bool {
    repeats_a_block(cells)
        && (cells.iter().all(|t| names_a_time(t)) || cells.iter().any(|t| names_n(t)))
}

/// Do `cells` print one block of two names or more again and again (`Data | No in group |
/// Data | No in group`, `n | Mean (SD) | n | Mean (SD)`, `Baseline | 6 Months | Baseline | 6
/// Months`): the columns each group spans, named again under every group?
fn repeats_a_block(cells: &[&str]) -> bool {
    let Some(m) = cells
        .iter()
        .skip(1)
        .position(|t| *t == cells[0])
        .map(|p| p + 1)
    else {
        return false;
    };
    m >= 2
        && cells.len() % m == 0
        && cells.len() / m >= 2
        && cells.iter().enumerate().all(|(i, t)| *t == cells[i % m])
}

/// A spanning header row's stub and spanning cells: the stub's name (`Outcome`) stands over
/// the row labels, not over a run, and so does a first cell naming no time before two times
/// or more (`SF36 | Baseline | Month 4`: the times span the runs, the first names the rows).
/// The third value says whether the spanning cells open with two times or more: times over
/// the groups printed again under each (`Baseline | Month 6` over `Control (n = 27) |
/// Intervention (n = 26) | Control (n = 27) | Intervention (n = 26)`), each time over one
/// run of the groups, the statistics' headers after them (`Baseline | Month 4 | P`).
fn stub_and_spanning<'f, 't>(
    filled: &'f [usize],
    cell_text: &impl Fn(usize) -> &'t str,
) -> (Option<usize>, &'f [usize], bool) {
    let leading_times = |cells: &[usize]| {
        cells
            .iter()
            .take_while(|&&k| names_a_time(cell_text(k)))
            .count()
    };
    let (stub, spanning): (Option<usize>, &[usize]) = match filled.split_first() {
        Some((&k, rest))
            if k == 0
                && (names_stub(cell_text(k))
                    || !names_a_time(cell_text(k)) && leading_times(rest) >= 2) =>
        {
            (Some(k), rest)
        }
        _ => (None, filled),
    };
    (stub, spanning, leading_times(spanning) >= 2)
}

/// Each column a row of sub-headers places, with its text, in column order.
type SubHeaders = Vec<(usize, String)>;

/// The columns a row of sub-headers places (its cells' texts, by column) and where each run
/// of them under one spanning cell starts: at each return of its first sub-header. Under
/// times (`over_times`) the groups' names are compared with their n's left out: a visit's n
/// may differ from the one before.
fn runs_under(below: &PlacedRow, over_times: bool) -> Option<(SubHeaders, Vec<usize>)> {
    let mut cols: Vec<(usize, String)> = below
        .placed
        .iter()
        .map(|&(k, c)| (c, below.texts[k].clone()))
        // The stub's own name (`Characteristics`) over the row labels heads no run.
        .filter(|(c, t)| !(t.is_empty() || *c == 0 && (is_time_unit(t) || names_stub(t))))
        .collect();
    cols.sort_by_key(|(c, _)| *c);
    let name = |t: &str| {
        if !over_times {
            return t.to_string();
        }
        n_printed()
            .replace_all(t, "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let first = name(&cols.first()?.1);
    let starts = cols
        .iter()
        .enumerate()
        .filter(|(_, (_, t))| name(t) == first)
        .map(|(i, _)| i)
        .collect();
    Some((cols, starts))
}

/// The cells of a spanning header row that stand over their own columns, left of the first
/// run of the row below (which starts at column `first_sub`): where the row below leaves two
/// columns or more unnamed before it (`|`, `|`, then `n`, `Mean (s.e.)`) and this row fills
/// a cell over each of them (`Analysis | Weeks | Garlic 1 | …`), those are the row labels'
/// and another stub column's names; only the cells after them span the runs.
fn own_columns_before_runs(filled: &[usize], first_sub: usize) -> Vec<usize> {
    if first_sub >= 2 && (0..first_sub).all(|k| filled.contains(&k)) {
        (0..first_sub).collect()
    } else {
        Vec::new()
    }
}

/// Where a header row's cells span several columns each (`| Baseline | Week 2 | Week 4 |` over
/// `| Mean (SD) | Mean (SD) | % (SD) | Mean (SD) | % (SD) |`): the row below repeats the
/// same sub-headers under each, and each repetition starts with the first of them. A stub's
/// name first stands over the row labels; the next cells over the runs, one each; any cells
/// left (`Hazard Ratio (95% CI)` after the arms) over the columns after the last run. `None`
/// when there are fewer such cells than runs, or too many to fit.
fn spans_over<'t>(
    filled: &[usize],
    below: Option<&PlacedRow>,
    cell_text: impl Fn(usize) -> &'t str,
    width: usize,
) -> Option<Vec<(usize, usize)>> {
    // Over a row that says what its cells print (`Mean (SD) | % (SD) | Mean (SD) | % (SD)`)
    // or when (`Baseline | Week 8 | p | Baseline | Week 8 | p`): each return of its first
    // header opens a run under one spanning header. A row of the comparison's statistics
    // (`Difference | p value | Difference | p value`, under two analyses) is headed by no
    // group.
    // The row below may go on past its summaries' columns with the comparison's (`Mean | SD
    // | Mean | SD | Mean diff. | p`): its first column's header says what its cells print.
    let (stub, spanning, over_times) = stub_and_spanning(filled, &cell_text);
    let sub_headers = |b: &PlacedRow| {
        let named: Vec<&str> = b
            .texts
            .iter()
            .map(String::as_str)
            .filter(|t| !t.is_empty())
            .collect();
        // Or a time with what its cells print (`Baseline M (SD) | Post-intervention M (SD)`),
        // printed again in the row (under each group).
        let time_described_again = named.first().is_some_and(|first| {
            names_a_time_then_cells(first) && named.iter().skip(1).any(|t| t == first)
        });
        b.describes
            || time_described_again
            || repeats_times_or_ns(&named)
            || b.texts.iter().any(|t| names_a_time(t))
            || numbers_under_a_time_unit(&b.texts)
            || b.texts
                .iter()
                .find(|t| !t.is_empty())
                .is_some_and(|t| describes_cells(t))
    };
    let below = below.filter(|b| sub_headers(b) || over_times)?;
    // Groups under the times: one time over each run, none over the groups themselves.
    let groups_below = !sub_headers(below);
    let (cols, starts) = runs_under(below, over_times)?;
    let own = own_columns_before_runs(filled, cols.first()?.0);
    let (stub, spanning) = if own.is_empty() {
        (stub, spanning)
    } else {
        (None, &filled[own.len()..])
    };
    if starts.len() < 2 || spanning.len() < starts.len() {
        return None;
    }
    if groups_below
        && !spanning[..starts.len()]
            .iter()
            .all(|&k| names_a_time(cell_text(k)))
    {
        return None;
    }
    // A run ends where the next begins; the last is as long as the one before it (the runs
    // repeat the same sub-headers; the first may hold fewer: `Baseline` prints no % change).
    let last_len = starts[starts.len() - 1] - starts[starts.len() - 2];
    let run_end = |run: usize| {
        starts
            .get(run + 1)
            .copied()
            .unwrap_or((starts[run] + last_len).min(cols.len()))
    };
    let mut out: Vec<(usize, usize)> = stub.map(|k| (k, 0)).into_iter().collect();
    out.extend(own.iter().map(|&k| (k, k)));
    for (run, &k) in spanning.iter().take(starts.len()).enumerate() {
        let from = starts[run];
        let to = run_end(run);
        for (c, _) in &cols[from..to] {
            out.push((k, *c));
        }
    }
    let rest = &spanning[starts.len()..];
    let left: Vec<usize> = cols[run_end(starts.len() - 1)..]
        .iter()
        .map(|(c, _)| *c)
        .collect();
    place_past_the_runs(&mut out, rest, &left, cols.last()?.0 + 1, width)?;
    Some(out)
}

/// The header cells of a spanning row past its runs (`rest`), over the columns left after the
/// runs (`left`; the row below names columns up to `after`): one each, or one over them all;
/// `None` where the cells cannot stand so, and the row spans nothing.
fn place_past_the_runs(
    out: &mut Vec<(usize, usize)>,
    rest: &[usize],
    left: &[usize],
    after: usize,
    width: usize,
) -> Option<()> {
    // Cells past the runs (`Hazard Ratio (95% CI)` after the arms, `Comparison between
    // groups` over `p1 | p2 | p3`) stand over the columns after the last run: one each, or
    // one over them all.
    match (rest.len(), left.len()) {
        (0, _) => {}
        (1, l) if l >= 1 => out.extend(left.iter().map(|&c| (rest[0], c))),
        (r, l) if r == l => out.extend(rest.iter().copied().zip(left.iter().copied())),
        // Several cells over more columns past the runs (`Δ (T1-T2) | Test statistics` over
        // `ΔCG | ΔEG | t (df) | p | d`) do not say which each spans: they name no column, and
        // the runs are still named.
        (r, l) if r < l => {}
        _ => {
            // Past the columns the row below names (`Hazard Ratio (95% CI)` over a column
            // the row below leaves empty), in order. More cells than columns left say the
            // row spans nothing (`Placebo | 10 mg | 20 mg | Placebo | …` over n's).
            if after >= width {
                return None;
            }
            out.extend(
                rest.iter()
                    .take(width - after)
                    .enumerate()
                    .map(|(i, &k)| (k, after + i)),
            );
        }
    }
    Some(())
}

/// Is a cell an n and nothing else (`n = 74`, `(N=120)`, `n=54`, `number = 281`)?
pub(crate) fn is_n_cell(cell: &str) -> bool {
    let t = cell
        .trim()
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）'])
        .trim();
    // `n = 60`, and the word some pages print for it (`number = 281`, `No. = 40`).
    let lower = t.to_lowercase();
    let word = ["number", "no.", "n"]
        .iter()
        .find(|w| lower.starts_with(**w))
        .map_or(0, |w| w.len());
    if word == 0 {
        return false;
    }
    let rest = t[word..].trim_start();
    let Some(rest) = rest.strip_prefix(['=', '＝']) else {
        return false;
    };
    let rest = rest.trim();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// A header row placed over the columns: which of its cells are filled, where each stands
/// (cell, column), and whether it only says what the cells print.
struct PlacedRow {
    filled: Vec<usize>,
    placed: Vec<(usize, usize)>,
    describes: bool,
    /// Each cell's text, trimmed.
    texts: Vec<String>,
}

/// Does a cell print a p-value with its name (`P < 0.001`, `p = .04`)? A section's row of a
/// table prints its comparison's p so beside its label: a row of data, not of the header.
fn prints_a_p(cell: &str) -> bool {
    static P: OnceLock<regex::Regex> = OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(r"^\s*[pP]\s*[<=>≤≥]\s*0?\.\d").expect("the printed p is valid")
    })
    .is_match(cell)
}

impl Table {
    /// The table of `rows`, standing on lines `first..end` of `lines`: its header rows (those
    /// above the first data row) and its statement (the caption above, the header rows and
    /// the legend below).
    /// `spaced`: the table sets its lines apart by blank lines, so its legend may stand after
    /// one too.
    fn new(
        text: &str,
        rows: Vec<Row>,
        lines: &[Range<usize>],
        (first, end): (usize, usize),
        spaced: bool,
    ) -> Table {
        let mut header_rows = rows
            .iter()
            .position(|r| {
                // Visits printed as bare numbers under their unit (`Week` | `0` | `4`) are
                // the header's ([`numbers_under_their_unit`]).
                let visits = r
                    .cells
                    .first()
                    .is_some_and(|c| is_time_unit(&text[c.clone()]));
                !visits
                    && r.cells.iter().skip(1).any(|c| {
                        let t = &text[c.clone()];
                        opens_with_datum(t) || prints_a_p(t)
                    })
            })
            .unwrap_or(rows.len());
        // A section label alone on its row (one cell: a row of a table found without
        // separators) above the first data row is the first rows' section, not a header;
        // unless the rows of one cell reach up to the rule and are as many as the data rows'
        // cells (or one fewer, the stub's left out): a header row copied a cell a line.
        let one_cell_run = rows[..header_rows]
            .iter()
            .rev()
            .take_while(|r| r.cells.len() == 1)
            .count();
        let data_width = rows[header_rows..]
            .iter()
            .map(|r| filled_width(text, r))
            .max()
            .unwrap_or(0);
        let header_a_cell_a_line = one_cell_run >= 2
            && header_rows > one_cell_run
            && is_separator(&text[rows[header_rows - one_cell_run - 1].line.clone()])
            && (one_cell_run == data_width || one_cell_run + 1 == data_width);
        // So is a row pasted a cell a line whose label is its only filled cell, its others
        // copied as lines of spaces (`Evolution to severe PPH, n (%)` over `   `), unless it
        // names the stub. (A row of `|` or tab cells below the header is read as the header's
        // by its own rules.)
        let label_alone = |r: &Row| {
            r.cells.len() == 1
                || !text[r.line.clone()].contains(['|', '\t'])
                    && r.cells.first().is_some_and(|c| {
                        let label = text[c.clone()].trim();
                        !label.is_empty() && !names_stub(label)
                    })
                    && r.cells[1..]
                        .iter()
                        .all(|c| text[c.clone()].trim().is_empty())
        };
        while !header_a_cell_a_line && header_rows > 1 && label_alone(&rows[header_rows - 1]) {
            header_rows -= 1;
        }
        let caption = lines[..first]
            .iter()
            .rev()
            .filter(|l| !text[(*l).clone()].trim().is_empty())
            .take(2)
            .map(|l| &text[l.clone()])
            .collect::<Vec<_>>();
        let legend = lines[end.min(lines.len())..]
            .iter()
            .skip_while(|l| spaced && text[(*l).clone()].trim().is_empty())
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
        let width = rows[header_rows..]
            .iter()
            .map(|r| filled_width(text, r))
            .max()
            .unwrap_or(0);
        let mut table = Table {
            rows,
            header_rows,
            statement,
            width,
            column_headers: Vec::new(),
            set: None,
            measure: None,
        };
        table.column_headers = table.headers(text, width);
        table
    }

    /// The sets of value columns of a table that prints the same groups side by side for
    /// several sets of patients (subgroups, analysis sets, periods: `Drug (N=40) | Placebo
    /// (N=20) | p | Drug (N=20) | Placebo (N=12) | p`): the columns' names nearest the data,
    /// their n's left out, repeat in the same order, and each run names two groups or more
    /// (names that are no time, statistic or statement of what the cells print). Each set is
    /// a table of its own: its groups are other patients than the same names in the next set,
    /// and its statistics compare its own groups. So too where the names differ but each run
    /// of two groups or more is closed by a comparison's column of its own and no other column
    /// is one (`MD1003 (n = 103) | Placebo (n = 51) | p value | MD1003 > MD1003 (n = 91) |
    /// Placebo > MD1003 (n = 42) | p value`: a trial's phases, each comparing its own arms):
    /// a group of one run compared with another's would be a comparison nobody printed.
    /// `None` where the names do not repeat so.
    pub fn column_sets(&self, text: &str) -> Option<Vec<Vec<usize>>> {
        let names = self.lowest_names(text);
        let group_like = |t: &str| {
            !t.is_empty()
                && !describes_cells(t)
                && !names_p(t)
                && !names_statistic(t)
                && !super::cues::is_whole(t, super::cues::times)
                // A bare number is a time under its unit (`Week` | `0` | `8`), no group.
                && !t.bytes().all(|b| b.is_ascii_digit())
        };
        let repeated = |p: usize| {
            (p..names.len()).all(|i| names[i] == names[i - p])
                && names[..p].iter().filter(|t| group_like(t)).count() >= 2
        };
        let closed_by_comparisons = |p: usize| {
            (0..names.len()).all(|i| names_p(&names[i]) == (i % p == p - 1))
                && names
                    .chunks(p)
                    .all(|run| run.iter().filter(|t| group_like(t)).count() >= 2)
        };
        let period = (2..=names.len() / 2)
            .find(|&p| names.len() % p == 0 && (repeated(p) || closed_by_comparisons(p)))?;
        Some(
            (0..names.len() / period)
                .map(|k| (1 + k * period..1 + (k + 1) * period).collect())
                .collect(),
        )
    }

    /// Do the sets of columns print the same names ([`Table::column_sets`]), so that each
    /// set's groups need telling apart from the same names in the others?
    pub fn sets_repeat_names(&self, text: &str, sets: &[Vec<usize>]) -> bool {
        let names = self.lowest_names(text);
        let of = |set: &Vec<usize>| -> Vec<&String> {
            set.iter().filter_map(|&c| names.get(c - 1)).collect()
        };
        sets.windows(2).all(|w| of(&w[0]) == of(&w[1]))
    }

    /// Each value column's name nearest the data, past a cell printing only the column's n
    /// (`(N = 341)` under `Placebo BID`), its n left out, in lower case.
    fn lowest_names(&self, text: &str) -> Vec<String> {
        self.column_headers
            .iter()
            .skip(1)
            .map(|cells| {
                cells
                    .iter()
                    .rev()
                    .map(|c| {
                        n_printed()
                            .replace_all(text[c.clone()].trim(), "")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .to_lowercase()
                    })
                    .find(|t| !t.is_empty())
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Where the sets of columns ([`Table::column_sets`]) are the same groups' measures side
    /// by side rather than other patients: one header cell spans each set (over all of its
    /// columns and no other's), and none of them names a group of people (`ADAS-Cog` and
    /// `CDR-SB`, not `Men` and `Women` or `Per-protocol set`). The cells spanning each set, in
    /// order; `None` where the sets are other patients.
    pub fn sets_of_measures(
        &self,
        text: &str,
        sets: &[Vec<usize>],
        names_a_group: impl Fn(&str) -> bool,
    ) -> Option<Vec<Range<usize>>> {
        let spanning = self.cells_spanning(sets)?;
        let distinct = spanning.windows(2).all(|w| w[0] != w[1]);
        // A name printing its n (`Adults (N=60)`) is a set of patients.
        let measures = spanning.iter().all(|c| {
            let name = text[c.clone()].trim();
            !name.is_empty()
                && !names_a_group(name)
                && !describes_cells(name)
                && n_printed_in(name).is_none()
        });
        // The same groups' n's, where each column prints one, are the same in every set.
        let ns = |columns: &Vec<usize>| -> Vec<Option<u64>> {
            columns
                .iter()
                .map(|&c| {
                    let cells = self.column_headers.get(c)?;
                    cells.iter().find_map(|h| n_printed_in(&text[h.clone()]))
                })
                .collect()
        };
        let first = ns(&sets[0]);
        let same_ns = sets[1..].iter().all(|set| {
            let other = ns(set);
            other.len() != first.len()
                || first
                    .iter()
                    .zip(&other)
                    .all(|(a, b)| a.is_none() || b.is_none() || a == b)
        });
        (distinct && measures && same_ns).then_some(spanning)
    }

    /// The header cell spanning each set of columns (over all of its columns and no other's),
    /// in order; `None` where a set has none.
    fn cells_spanning(&self, sets: &[Vec<usize>]) -> Option<Vec<Range<usize>>> {
        sets.iter()
            .map(|columns| {
                let first = self.column_headers.get(*columns.first()?)?;
                first
                    .iter()
                    .find(|cell| {
                        columns
                            .iter()
                            .all(|&c| self.column_headers.get(c).is_some_and(|h| h.contains(cell)))
                    })
                    .cloned()
            })
            .collect()
    }

    /// Are the sets of columns ([`Table::column_sets`]) the same groups at different times:
    /// a header cell naming a time spans each set (`Baseline | Month 6` over `Control |
    /// Intervention | Control | Intervention`)? The table is then one set of groups, each
    /// column that group at the time over it: one table, not one per set.
    pub fn sets_are_times(&self, text: &str, sets: &[Vec<usize>]) -> bool {
        self.cells_spanning(sets).is_some_and(|cells| {
            cells.windows(2).all(|w| w[0] != w[1])
                && cells.iter().all(|c| names_a_time(text[c.clone()].trim()))
        })
    }

    /// The table with its first two columns swapped, every body row printing the first
    /// column's cell it shares: where that column's cell spans the rows below it, a copy
    /// prints it on its first row only and the rows under it open with an empty one
    /// (put back when the table was read); each such row takes the last cell printed
    /// above it. (The cell taken stands on another line: it names, it holds none of the
    /// row's items.)
    pub fn first_columns_swapped(&self, text: &str) -> Table {
        let mut shared: Option<Range<usize>> = None;
        let rows = self
            .rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let mut cells = row.cells.clone();
                if cells.len() >= 2 {
                    if r >= self.header_rows {
                        if text[cells[0].clone()].trim().is_empty() {
                            if let Some(c) = &shared {
                                cells[0] = c.clone();
                            }
                        } else {
                            shared = Some(cells[0].clone());
                        }
                    }
                    cells.swap(0, 1);
                }
                Row {
                    line: row.line.clone(),
                    cells,
                }
            })
            .collect();
        let mut column_headers = self.column_headers.clone();
        if column_headers.len() >= 2 {
            column_headers.swap(0, 1);
        }
        Table {
            rows,
            header_rows: self.header_rows,
            statement: self.statement.clone(),
            width: self.width,
            column_headers,
            set: self.set,
            measure: self.measure.clone(),
        }
    }

    /// The table of one set of columns ([`Table::column_sets`]): every row's label and those
    /// columns' cells (an empty range where a row prints fewer), their headers as this table
    /// reads them; `set` numbers it from the second on. `spanning`: the header cell naming
    /// the set's measure ([`Table::sets_of_measures`]), left out of its columns' headers.
    pub fn column_set(
        &self,
        text: &str,
        columns: &[usize],
        set: Option<usize>,
        spanning: Option<&Range<usize>>,
    ) -> Table {
        let pick = |row: &Row| Row {
            line: row.line.clone(),
            cells: std::iter::once(0)
                .chain(columns.iter().copied())
                .map(|c| {
                    row.cells
                        .get(c)
                        .cloned()
                        .unwrap_or(row.line.end..row.line.end)
                })
                .collect(),
        };
        Table {
            rows: self.rows.iter().map(pick).collect(),
            header_rows: self.header_rows,
            statement: self.statement.clone(),
            width: columns.len() + 1,
            column_headers: std::iter::once(0)
                .chain(columns.iter().copied())
                .map(|c| {
                    let mut cells = self.column_headers.get(c).cloned().unwrap_or_default();
                    cells.retain(|cell| Some(cell) != spanning);
                    cells
                })
                .collect(),
            set,
            measure: spanning.map(|c| text[c.clone()].trim().to_string()),
        }
    }

    /// The header of cell `cell` of data row `row`: the texts of the header rows standing
    /// over it (each aligned as the module doc says), joined by spaces; empty when none.
    pub fn column_header(&self, text: &str, row: usize, cell: usize) -> String {
        header_text(text, &self.column_header_cells(text, row, cell))
    }

    /// The header cells over cell `cell` of row `row`, top first: joined they are
    /// [`Table::column_header`]; the last is the one nearest the data (`p0` under `Placebo
    /// group (n = 30)`), which says what the column's cells are where the cells above name the
    /// group it belongs to.
    pub fn column_header_cells(&self, text: &str, row: usize, cell: usize) -> Vec<Range<usize>> {
        // Every row against the widest data row: a row with its last cells empty is no
        // narrower table.
        let width = self.width().max(filled_width(text, &self.rows[row]));
        let wider;
        let headers = if width == self.width {
            &self.column_headers
        } else {
            wider = self.headers(text, width);
            &wider
        };
        headers.get(cell).cloned().unwrap_or_default()
    }

    /// The header cells standing over each column at the table's width ([`Table::headers`]).
    /// (See [`header_text`] for one column's cells read as one name.)
    pub fn column_headers(&self) -> &[Vec<Range<usize>>] {
        &self.column_headers
    }

    /// The widest data row's number of cells (trailing empty cells not counted).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The header cells standing over each column (top row first), for data rows `width`
    /// cells wide.
    ///
    /// A header row copied one cell per line under the rule (`Drug (N=40) |`, `Placebo (N=20) |`)
    /// names the columns first. The header rows are read from the bottom up, as they stack:
    /// - a row as wide as the data stands over the columns from the left;
    /// - a narrower row nearest the data whose first cell names a statistic stands over the
    ///   last columns (`Difference | p value`, with the stub and the groups named above); one
    ///   that opens with its stub cell (empty, or a stub's name such as `Characteristic`)
    ///   from the left; any other stands where the text does not show, and names nothing;
    /// - a row higher up with its cells filled where a row below that says what its cells
    ///   print has them stands over the same columns (`| Placebo | Drug |` over `| Mean ± SD
    ///   | Mean ± SD |`); else over the columns the rows below left unnamed (after the stub)
    ///   when it has as many filled cells as there are such columns, as a row of group names
    ///   stands beside the statistics named below it; otherwise its cells span columns in a
    ///   way the text does not show (`Baseline | Week 2` over pairs of columns) and it names
    ///   none.
    pub fn headers(&self, text: &str, width: usize) -> Vec<Vec<Range<usize>>> {
        let mut columns: Vec<Vec<Range<usize>>> = vec![Vec::new(); width];
        let mut named = vec![false; width];
        // A header wrapped over lines names every column by itself: the lines are read so
        // and no other way.
        if let Some(cells) = self.wrapped_header(text, width) {
            for (k, cell) in cells.into_iter().enumerate() {
                columns[k + 1].push(cell);
            }
            return columns;
        }
        let copied = self.cell_per_line_columns(text, &mut columns, &mut named);
        let mut nearest = copied.is_none();
        let mut below: Vec<PlacedRow> = copied.into_iter().collect();
        let mut placements: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
        for (r, h) in self.rows[..self.header_rows].iter().enumerate().rev() {
            let filled: Vec<usize> = (0..h.cells.len())
                .filter(|&k| !text[h.cells[k].clone()].trim().is_empty())
                .collect();
            // A row of dashes separates; a row with one filled cell is a section's or a
            // spanning header's label, over no one column; a row of each column's n (`HbA1c |
            // n = 74 | n = 84`) heads the rows below it, as their section.
            // A row whose every cell is an n, its first too, is the columns' n's printed
            // from the stub's place (the stub spanning the header rows), no section.
            let is_n = |k: usize| is_n_cell(&text[h.cells[k].clone()]);
            let only_ns =
                filled.len() >= 3 && filled[1..].iter().all(|&k| is_n(k)) && !is_n(filled[0]);
            if is_separator(&text[h.line.clone()]) || filled.len() < 2 || only_ns {
                continue;
            }
            let hw = filled_width(text, h);
            let placed: Vec<(usize, usize)> = if let Some(p) =
                nearest_placement(text, h, &filled, (hw, width), nearest, |k| {
                    self.columns_print_summaries(text, 1..k + 1)
                }) {
                p
            } else if nearest {
                // Where a narrower row's first cell stands is not shown: it names nothing.
                Vec::new()
            } else {
                placed_over_rows_below(&filled, &below, |k| text[h.cells[k].clone()].trim(), &named)
            };
            nearest = false;
            placements.push((r, placed.clone()));
            let describes = filled.iter().all(|&k| {
                let cell = &text[h.cells[k].clone()];
                describes_cells(cell) || is_n_cell(cell)
            });
            below.push(PlacedRow {
                filled: filled.clone(),
                placed: placed.clone(),
                describes,
                texts: h
                    .cells
                    .iter()
                    .map(|c| text[c.clone()].trim().to_string())
                    .collect(),
            });
            // Times printed as bare numbers under their unit in the stub's cell: each
            // column's header holds the unit too (`Week`, `6`), which names the time.
            let texts: Vec<String> = h
                .cells
                .iter()
                .map(|c| text[c.clone()].trim().to_string())
                .collect();
            let unit = numbers_under_a_time_unit(&texts).then(|| h.cells[0].clone());
            // A name followed by empty cells over columns a row below names (`Curcumin group |
            // | Placebo group |` over `n | UCDAI | n | UCDAI`) spans them: a cell spanning
            // columns copies as its text and an empty cell for each further column.
            let spans: Vec<(usize, usize)> = placed
                .iter()
                .filter(|&&(k, _)| !texts[k].is_empty() && k > 0)
                .flat_map(|&(k, _)| {
                    placed
                        .iter()
                        .filter(move |&&(j, _)| j > k)
                        .take_while(|&&(j, c)| texts[j].is_empty() && named[c])
                        .map(move |&(_, c)| (k, c))
                })
                .collect();
            for &(k, c) in &spans {
                columns[c].insert(0, h.cells[k].clone());
            }
            for (k, c) in placed {
                if !text[h.cells[k].clone()].trim().is_empty() {
                    columns[c].insert(0, h.cells[k].clone());
                    if let Some(unit) = unit.as_ref().filter(|_| k > 0 && c > 0) {
                        columns[c].insert(0, unit.clone());
                    }
                    named[c] = true;
                }
            }
        }
        self.ns_under_names(text, &placements, &mut columns);
        columns
    }

    /// A header row of n's alone (`(n = 21) | (n = 20)`) right under a row of names that
    /// stands over its columns (`YH1 Group | Placebo Group | p value`), where the n's
    /// stand is not shown (the row is as misaligned as the names' row, or printed from the
    /// stub's place): the k-th n is the k-th named column's, as a table prints each group's
    /// n under its name (the statistics' columns, after the groups, have none).
    fn ns_under_names(
        &self,
        text: &str,
        placements: &[(usize, Vec<(usize, usize)>)],
        columns: &mut [Vec<Range<usize>>],
    ) {
        for &(r, ref placed) in placements {
            let h = &self.rows[r];
            let ns: Vec<&Range<usize>> = h
                .cells
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty())
                .collect();
            if !placed.is_empty()
                || ns.len() < 2
                || !ns.iter().all(|c| is_n_cell(&text[(*c).clone()]))
            {
                continue;
            }
            // The nearest row above it that is no rule.
            let Some(above) = (0..r)
                .rev()
                .find(|&k| !is_separator(&text[self.rows[k].line.clone()]))
            else {
                continue;
            };
            let Some((_, names)) = placements.iter().find(|(k, _)| *k == above) else {
                continue;
            };
            let mut named: Vec<(usize, usize)> =
                names.iter().copied().filter(|&(_, c)| c >= 1).collect();
            named.sort_unstable();
            if named.len() < ns.len() {
                continue;
            }
            for (n, &(_, c)) in ns.into_iter().zip(&named) {
                columns[c].push(n.clone());
            }
        }
    }

    /// A header row copied one cell per line under the table's rule (`Drug (N=40) |`,
    /// `Placebo (N=20) |`, `p- value |`, … each on a line of its own): a run of lines of one
    /// cell each, right under the rule and ended by a line with no words, as many as the data
    /// rows have cells after the stub. Each line's cell, its closing `|` left out, stands over
    /// the next column. `None` unless the count is exactly that.
    ///
    /// A web page's table copied as text may print the same run right above the rule instead,
    /// the stub's empty cell last (`プラセボ群 (n=233) |`, `ラツーダ40mg群 (n=245) |`, `|`, then
    /// `---|---|---|`): read so where nothing stands under the rule.
    fn cell_per_line_header(&self, text: &str, width: usize) -> Option<Vec<Range<usize>>> {
        let header = &self.rows[..self.header_rows];
        // The cell of a row of one cell, its closing `|` left out (`None` for another row;
        // an empty range for an empty cell).
        let one_cell = |r: &Row| -> Option<Range<usize>> {
            let [cell] = r.cells.as_slice() else {
                return None;
            };
            let raw = &text[cell.clone()];
            let name = raw.trim().trim_end_matches('|').trim();
            let start = cell.start + raw.find(name)?;
            Some(start..start + name.len())
        };
        let Some(rule) = header
            .iter()
            .rposition(|r| is_separator(&text[r.line.clone()]))
        else {
            return header_cells_closing_the_header(text, header, width, one_cell);
        };
        let mut cells = Vec::new();
        // Empty cells first (`|` a line) are the stub's, then those of columns the row above
        // names alone (`Analysis | Weeks | Drug A | …` over `|`, `|`, `n |`, `Mean (s.e.) |`):
        // the first stands over the row labels, the others over their own columns, unnamed.
        let mut leading_empty = 0;
        for r in &header[rule + 1..] {
            match one_cell(r) {
                Some(c) if !c.is_empty() => cells.push(c),
                Some(c) if cells.is_empty() => {
                    if leading_empty > 0 {
                        cells.push(c);
                    }
                    leading_empty += 1;
                }
                _ => break,
            }
        }
        if cells.iter().filter(|c| !c.is_empty()).count() < 2 {
            cells.clear();
            let mut above = header[..rule].iter().rev().map(one_cell).peekable();
            // The stub's empty cell, printed last.
            if above
                .next_if(|c| c.as_ref().is_some_and(|c| c.is_empty()))
                .is_some()
            {
                while let Some(Some(c)) =
                    above.next_if(|c| c.as_ref().is_some_and(|c| !c.is_empty()))
                {
                    cells.push(c);
                }
                cells.reverse();
            }
        }
        (cells.len() >= 2 && cells.len() + 1 == width).then_some(cells)
    }

    /// A header row wrapped over two lines or more right above the table's rule, as a page's
    /// narrow table is copied: `Endpoint | Patients with Events, No. (%) |`, then `HR (95% CI) |
    /// P-value |`, the data rows printing as many cells as those lines together. The lines
    /// after the first name only the comparison's statistics (a ratio, its CI, a p: the
    /// columns a table prints last), never what the cells print (`Mean | SD`, a two-level
    /// header's lower row). The header's cells after the stub, in order; `None` unless the
    /// lines' cells number exactly the data rows' width.
    fn wrapped_header(&self, text: &str, width: usize) -> Option<Vec<Range<usize>>> {
        let header = &self.rows[..self.header_rows];
        let rule = header
            .iter()
            .rposition(|r| is_separator(&text[r.line.clone()]))?;
        let filled = |r: &Row| -> Vec<Range<usize>> {
            r.cells
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty())
                .map(|c| {
                    let raw = &text[c.clone()];
                    let name = raw.trim();
                    let start = c.start + raw.find(name).unwrap_or(0);
                    start..start + name.len()
                })
                .collect()
        };
        let lines: Vec<Vec<Range<usize>>> = header[..rule].iter().map(filled).collect();
        let [first, rest @ ..] = lines.as_slice() else {
            return None;
        };
        let statistics_only = rest.iter().flatten().all(|c| {
            let cell = &text[c.clone()];
            names_statistic(cell) && !describes_cells(cell)
        });
        let cells: Vec<Range<usize>> = lines.iter().flatten().cloned().collect();
        (!rest.is_empty()
            && first.len() >= 2
            && rest.iter().all(|l| !l.is_empty() && l.len() < width)
            && statistics_only
            && cells.len() == width)
            .then(|| cells[1..].to_vec())
    }

    /// Name the columns by a header copied one cell per line ([`Table::cell_per_line_header`]),
    /// each line's cell over the next column; the row as placed, for the rows above it.
    fn cell_per_line_columns(
        &self,
        text: &str,
        columns: &mut [Vec<Range<usize>>],
        named: &mut [bool],
    ) -> Option<PlacedRow> {
        let cells = self.cell_per_line_header(text, columns.len())?;
        let filled: Vec<usize> = (0..cells.len()).filter(|&k| !cells[k].is_empty()).collect();
        for &k in &filled {
            columns[k + 1].push(cells[k].clone());
            named[k + 1] = true;
        }
        Some(PlacedRow {
            placed: filled.iter().map(|&k| (k, k + 1)).collect(),
            filled,
            describes: false,
            texts: cells.iter().map(|c| text[c.clone()].to_string()).collect(),
        })
    }

    /// The label of row `row` (its first cell), trimmed.
    pub fn row_label<'t>(&self, text: &'t str, row: usize) -> &'t str {
        self.rows[row]
            .cells
            .first()
            .map_or("", |c| text[c.clone()].trim())
    }

    /// Is row `row` a section's label: a data row printing its label and nothing in its other
    /// cells (`ICU length of stay (median (IQR) days) | | |`)? It heads the rows below it, up to
    /// the next such row.
    pub fn is_section_row(&self, text: &str, row: usize) -> bool {
        self.is_data_row(row)
            && self.rows[row].cells.len() >= 2
            && !self.row_label(text, row).is_empty()
            && self.rows[row].cells[1..]
                .iter()
                .all(|c| text[c.clone()].trim().is_empty())
    }

    /// The bytes of the section whose label row ([`Table::is_section_row`]) is row `row`: from
    /// that row's end to the start of the next section's label row, or to the table's end.
    pub fn section_under(&self, text: &str, row: usize) -> Range<usize> {
        let end = (row + 1..self.rows.len())
            .find(|&r| self.is_section_row(text, r))
            .map_or_else(
                || self.rows.last().map_or(0, |r| r.line.end),
                |r| self.rows[r].line.start,
            );
        self.rows[row].line.end..end
    }

    /// Is row `row` a data row (below the header rows)?
    pub fn is_data_row(&self, row: usize) -> bool {
        row >= self.header_rows
    }

    /// Does every data row that fills a cell of `columns` print a summary in each (a value and
    /// its spread or share: two numbers or more, `33.03 ± 3.41`, `12 (30.0)`), and one row at
    /// least? A bare number (`12`, `30.0`) is one column of a group spanning several.
    fn columns_print_summaries(&self, text: &str, columns: Range<usize>) -> bool {
        static NUMBER: OnceLock<regex::Regex> = OnceLock::new();
        let number = NUMBER.get_or_init(|| {
            regex::Regex::new(r"[0-9]+(?:[.·][0-9]+)?").expect("the number pattern is valid")
        });
        let mut seen = false;
        for row in &self.rows[self.header_rows..] {
            let cells: Vec<&str> = columns
                .clone()
                .map(|c| row.cells.get(c).map_or("", |r| text[r.clone()].trim()))
                .collect();
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            if cells.iter().any(|c| number.find_iter(c).count() < 2) {
                return false;
            }
            seen = true;
        }
        seen
    }
}

/// The symbols tables mark a row or a cell with for a footnote (`*`, `†`, `‡`, `§`, `¶`, `#`).
pub const FOOTNOTE_SYMBOLS: [char; 6] = ['*', '†', '‡', '§', '¶', '#'];

/// The legend's entry for the footnote mark a row's label ends with (`ベースラインa)` and
/// `a)平均±標準偏差(EAS症例数) b)最小二乗平均±標準誤差…` below the table; `Change†` and
/// `† LS mean ± SE`): tables say once, in a footnote, what a marked row's cells print, and a
/// table's rows may print different things (a baseline's SD, a change's SE). `None` where
/// the label carries no mark or the legend no entry for it.
///
/// ```
/// use trialstats_documents::draft::table::footnote_entry;
/// let legend = "a)平均±標準偏差(例数) b)最小二乗平均±標準誤差(例数)、MMRM";
/// assert_eq!(footnote_entry(legend, "変化量b)"), Some("最小二乗平均±標準誤差(例数)、MMRM"));
/// assert_eq!(footnote_entry("* p < 0.05\n† LS mean ± SE", "Change†"), Some("LS mean ± SE"));
/// assert_eq!(footnote_entry(legend, "HbA1c"), None);
/// ```
pub fn footnote_entry<'s>(statement: &'s str, label: &str) -> Option<&'s str> {
    let label = label.trim().trim_end_matches(['|', ' ']);
    // The mark: a letter with its bracket (`a)`, after no Latin letter: `Baselinea)` is
    // ambiguous), or footnote symbols.
    let symbols: String = label
        .chars()
        .rev()
        .take_while(|c| FOOTNOTE_SYMBOLS.contains(c))
        .collect();
    let mark: String = if !symbols.is_empty() {
        symbols.chars().rev().collect()
    } else {
        let mut rev = label.chars().rev();
        let (Some(')'), Some(letter), before) = (rev.next(), rev.next(), rev.next()) else {
            return None;
        };
        if !letter.is_ascii_lowercase()
            || before.is_some_and(|b| b.is_ascii_alphabetic() || b == '(')
        {
            return None;
        }
        format!("{letter})")
    };
    let opens_entry = |at: usize| {
        statement[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "|、。,;，".contains(c))
    };
    let start = statement
        .match_indices(mark.as_str())
        .map(|(k, _)| k)
        .find(|&k| opens_entry(k) && !statement[k + mark.len()..].starts_with(mark.as_str()))?
        + mark.len();
    // The entry runs to the next entry's mark or the line's end.
    let rest = &statement[start..];
    let mut end = rest.find('\n').unwrap_or(rest.len());
    for (k, c) in rest.char_indices() {
        if k >= end {
            break;
        }
        let next_entry = (c.is_ascii_lowercase() && rest[k + 1..].starts_with(')'))
            || matches!(c, '*' | '†' | '‡' | '§' | '¶');
        if k > 0 && next_entry && opens_entry(start + k) {
            end = k;
            break;
        }
    }
    let entry = rest[..end].trim();
    (!entry.is_empty()).then_some(entry)
}

/// Header cells (`cells` of `text`, top first) read as one name: `Placebo group (n = 30) p0`.
pub fn header_text(text: &str, cells: &[Range<usize>]) -> String {
    cells
        .iter()
        .map(|c| text[c.clone()].trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does a header name p-values printed each with its effect size in brackets (`p-value
/// (Cohen d)`, `P (ES)`): the p's name alone before a bracket naming a statistic, not a header
/// joined over rows (`p-value 4-week Change, mean (SE)`)?
///
/// ```
/// use trialstats_documents::draft::table::names_p_with_its_effect;
/// assert!(names_p_with_its_effect("p-value (Cohen d)") && names_p_with_its_effect("P (ES)"));
/// assert!(!names_p_with_its_effect("p-value 4-week Change, mean (SE)"));
/// assert!(!names_p_with_its_effect("p-value"));
/// ```
pub fn names_p_with_its_effect(header: &str) -> bool {
    let Some((p, bracket)) = header.split_once(['(', '（']) else {
        return false;
    };
    names_p(p)
        && p.split_whitespace().count() <= 2
        && names_statistic(bracket.trim_end_matches([')', '）', ' ', '*']))
}

/// Does a header or row label name p-values (`P`, `p value`, `P-value*`, `p値`)?
///
/// ```
/// use trialstats_documents::draft::table::names_p;
/// assert!(names_p("p value") && names_p("P*") && names_p("p値") && names_p("P for interaction"));
/// assert!(names_p("Significance") && names_p("Sig. (2-tailed)"));
/// assert!(!names_p("PHQ-9") && !names_p("Placebo") && !names_p("Significant change"));
/// ```
pub fn names_p(header: &str) -> bool {
    let h = header
        .trim()
        .trim_end_matches(['*', '†', '‡', '§', '¶', 'ᵃ', 'ᵇ', ' '])
        .to_lowercase();
    // `p0`, `p1`, `P a`, `P†`: a p numbered or marked for its footnote.
    let numbered = h.len() <= 3
        && h.starts_with('p')
        && h[1..]
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase() && c <= 'd');
    h == "p"
        || numbered
        || h.starts_with("p ")
        || h.contains("p value")
        || h.contains("p-value")
        // Broken at its hyphen where a page's copy wrapped it (`p- value`).
        || h.contains("p- value")
        || h.contains("p値")
        || h == "p*"
        // SPSS's name for a p (`Sig.`, `Sig. (2-tailed)`), which tables copy as their p's
        // column (`Mean difference (95%CI) | Significance`).
        || matches!(h.as_str(), "sig" | "sig." | "significance")
        || h.starts_with("sig. (")
}

/// Does a header or row label name a count of people (`n`, `N`, `No.`, `Number`, `No. of
/// patients`, `Patients, n`, `Number of participants analysed`, `例数`, `被験者数`)? Tables
/// name the row or column of their groups' sizes so; `Number of events` counts no people.
///
/// ```
/// use trialstats_documents::draft::table::names_n;
/// for yes in ["n", "N*", "Number", "No. of patients", "Patients, n", "n of participants", "Number of subjects analysed", "症例数", "被験者数", "標本数(人)", "解析対象例数", "Sample size"] {
///     assert!(names_n(yes), "{yes}");
/// }
/// for no in ["Number of events", "n (%)", "NNT", "Patients with relapse, n", "副作用発現例数"] {
///     assert!(!names_n(no), "{no}");
/// }
/// // A visit's n (`Week 13/n`): the patients seen at that visit.
/// assert!(names_n("Week 13/n") && names_n("Baseline, n"));
/// ```
pub fn names_n(header: &str) -> bool {
    let h = header
        .trim()
        .trim_end_matches(['*', '†', '‡', '§', '¶', ':'])
        .trim()
        .to_lowercase();
    if visit_of_n(&h).is_some() {
        return true;
    }
    const PEOPLE: [&str; 8] = [
        "patients",
        "participants",
        "subjects",
        "people",
        "persons",
        "individuals",
        "children",
        "cases",
    ];
    // What may follow the people: how they were counted (`analysed`, `evaluable`).
    const COUNTED: [&str; 8] = [
        "",
        " analysed",
        " analyzed",
        " evaluated",
        " evaluable",
        " included",
        " randomised",
        " randomized",
    ];
    let people_then_counted = |rest: &str| {
        PEOPLE.iter().any(|p| {
            rest.strip_prefix(p)
                .is_some_and(|after| COUNTED.contains(&after))
        })
    };
    // A Japanese size ends in 数 after the people (`解析対象例数`, `標本数(人)`), unless it
    // counts the people an event befell (`副作用発現例数`).
    let ja = ["(人)", "（人）", "(例)", "（例）", "(名)", "（名）"]
        .iter()
        .find_map(|u| h.strip_suffix(u))
        .unwrap_or(&h)
        .trim_end();
    // Not a count in a bracket after another name (`累積軽減率(軽減人数)`).
    let ja_size = ["例数", "人数", "者数", "標本数", "症例数"]
        .iter()
        .any(|w| ja.ends_with(w))
        && !ja.contains(['(', '（'])
        && ![
            "発現",
            "発症",
            "死亡",
            "脱落",
            "中止",
            "有害",
            "副作用",
            "イベント",
            "再発",
        ]
        .iter()
        .any(|w| ja.contains(w));
    matches!(
        h.as_str(),
        "n" | "no."
            | "no"
            | "number"
            | "sample size"
            | "例数"
            | "症例数"
            | "人数"
            | "被験者数"
            | "患者数"
    ) || ja_size
        || in_group_or_counted(&h)
        || ["no. of ", "no of ", "number of ", "n of "]
            .iter()
            .any(|opening| h.strip_prefix(opening).is_some_and(people_then_counted))
        || h.strip_suffix(", n")
            .or_else(|| h.strip_suffix(" (n)"))
            .is_some_and(people_then_counted)
}

/// `No in group`, `Number per arm`, `No. analysed`, `n randomised`: a column of each row's
/// number of people, as a table printing every arm's value beside its own n heads it.
fn in_group_or_counted(h: &str) -> bool {
    static P: OnceLock<regex::Regex> = OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(r"^(?:no\.?|number|n)\s+(?:(?:in|per)\s+(?:each\s+|the\s+)?(?:group|arm)s?|analy[sz]ed|evaluated|evaluable|included|randomi[sz]ed|treated)$")
            .expect("the n-in-group header pattern is valid")
    })
    .is_match(h)
}

/// Does a header say its cells are rates per period (`% per yr`, `per 100 patient-years`,
/// `events/year`, `年率`)? A count with its percentage (`n (%)`) is not.
pub fn names_rate(header: &str) -> bool {
    let h = header.to_lowercase();
    !names_count_percent(header)
        && [
            "per yr",
            "per year",
            "per 100",
            "per 1000",
            "patient-year",
            "person-year",
            "/yr",
            "/year",
            "年率",
        ]
        .iter()
        .any(|w| h.contains(w))
}

/// Does a header say its cells are ratios (`Hazard Ratio (95% CI)`, `OR`, `RR (95% CI)`,
/// `ハザード比`)?
pub fn names_ratio(header: &str) -> bool {
    let h = header.to_lowercase();
    let first = h
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    [
        "hazard ratio",
        "odds ratio",
        "risk ratio",
        "rate ratio",
        "relative risk",
        "ハザード比",
        "オッズ比",
    ]
    .iter()
    .any(|w| h.contains(w))
        || ["hr", "or", "rr", "irr", "ahr", "aor"].contains(&first)
}

/// Does a header or row label say its cells are counts with their percentage, `x (y)`
/// (`n (%)`, `No. (%)`, `Response (%)`, `例数（%）`, `n [%]`, `(n, %)`)? A `% (SD)` is a mean
/// of percentages.
pub fn names_count_percent(header: &str) -> bool {
    let h: String = header
        .to_lowercase()
        .replace('（', "(")
        .replace('）', ")")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // The percent in a bracket of its own (`(%)`, `[%]`), or after the count's name in one
    // (`(n, %)`, `(no., %)`).
    ["(%)", "[%]", "(n,%)", "(no.,%)", "(n;%)", "[n,%]"]
        .iter()
        .any(|w| h.contains(w))
}

/// A row's label without the words saying its cells are counts with their percentage
/// (`Responders, n (%)` → `Responders`; `Women (%)`; `有効例数（%）` keeps its name): the
/// name of what is counted.
///
/// ```
/// use trialstats_documents::draft::table::without_count_percent;
/// assert_eq!(without_count_percent("Responders, n (%)"), "Responders");
/// assert_eq!(without_count_percent("Women, n/N (%)"), "Women");
/// assert_eq!(without_count_percent("Death (%)"), "Death");
/// assert_eq!(without_count_percent("5% BPO, no. cases (%)"), "5% BPO");
/// assert_eq!(without_count_percent("Age, years"), "Age, years");
/// ```
pub fn without_count_percent(label: &str) -> &str {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)[\s,;:]*(?:(?:n/n|n|no\.|number|例数|例)(?:\s+(?:of\s+)?(?:cases|patients|subjects|participants|events))?\s*)?[(\[（](?:\s*(?:n|no\.)\s*[,;])?\s*[%％]\s*[)\]）]\s*$",
        )
        .expect("the count-and-percent pattern is valid")
    });
    match p.find(label) {
        Some(m) if m.start() > 0 => label[..m.start()].trim_end(),
        _ => label,
    }
}

/// Does a header only say what its cells print (`Mean (SD)`, `% (SD)`, `n (%)`, `Median
/// (IQR)`, `LSM (SE)`, 平均値±標準偏差)? Such a column is no group: which group and time its
/// cells belong to is said elsewhere, or not at all.
///
/// ```
/// use trialstats_documents::draft::table::describes_cells;
/// assert!(describes_cells("Mean (SD)") && describes_cells("% (SD)") && describes_cells("n (%)"));
/// assert!(!describes_cells("Placebo (n = 60)") && !describes_cells("Week 12"));
/// ```
pub fn describes_cells(header: &str) -> bool {
    // A footnote's letter glued after the bracket (`Adjusted mean (SE)a`) says nothing of
    // the cells.
    let header = match header
        .trim_end()
        .strip_suffix(|c: char| c.is_ascii_lowercase())
    {
        Some(h) if h.ends_with(')') => h,
        _ => header,
    };
    let mut rest = header.to_lowercase();
    for w in [
        // `M (SD)`: M for the mean, as a table's legend spells out (`M—Mean`).
        "m (sd)",
        "m(sd)",
        "m ± sd",
        "m±sd",
        "m (se)",
        "m(se)",
        "no. of patients",
        "number of patients",
        "no. of events",
        "number of events",
        "per yr",
        "per year",
        "standard deviation",
        "standard error",
        // `Mean (s.e.)`, `s.d.`: the spellings with stops some journals print.
        "s.e.m.",
        "s.e.",
        "s.d.",
        "adjusted",
        "median",
        // `LSMean ± SE`, `LS mean (SE)`: a least-squares mean, before `mean` takes its tail.
        "lsmean",
        "ls mean",
        "least squares mean",
        "least-squares mean",
        "mean",
        "lsm",
        "iqr",
        "range",
        "sem",
        "sd",
        "se",
        "ci",
        "no.",
        // `Data` under each group's name: the column of its values, as against the column of
        // its n beside it (`Data | No in group`).
        "data",
        "平均値",
        "平均",
        "標準偏差",
        "標準誤差",
        "中央値",
        "例数",
    ] {
        rest = rest.replace(w, " ");
    }
    let rest: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !"()[]（）%±,;/n95".contains(*c))
        .collect();
    rest.is_empty() && header.chars().any(char::is_alphabetic)
}

/// Does a row's label name a measure and then state what its cells print, after a dash, a
/// comma or in brackets (`Age - Mean ± SD`, `Race-N (%)`, `Duration, median (IQR)`, `Right
/// side (%)`)? A statement alone (`Mean (SD)`) names no measure. A footnote's mark after the
/// statement (`TJC, median (IQR)#`, `VAS, median (IQR)**`) is no part of it.
///
/// ```
/// use trialstats_documents::draft::table::states_its_statistic;
/// assert!(states_its_statistic("Race-N (%)"));
/// assert!(states_its_statistic("TJC, median (IQR)#"));
/// assert!(!states_its_statistic("Moderate"));
/// ```
pub fn states_its_statistic(label: &str) -> bool {
    let statement = |tail: &str| {
        let tail = tail
            .trim()
            .trim_end_matches(FOOTNOTE_SYMBOLS)
            .trim_start_matches(['-', '–', ',', ':'])
            .trim();
        describes_cells(tail)
            || (!tail.is_empty()
                && tail.chars().all(|c| "()（）%".contains(c))
                && tail.contains('%'))
    };
    label.char_indices().any(|(i, c)| {
        matches!(c, '-' | '–' | ',' | '(' | ':')
            && label[..i].chars().any(char::is_alphabetic)
            && statement(&label[i..])
    })
}

/// Does a header name an effect size's column (`d`, `g`, `Cohen's d`, `Hedges' g`, `ES`, `SMD`,
/// `η2`, `Effect size`)?
pub fn names_effect_size(header: &str) -> bool {
    let h = header.to_lowercase();
    let h = h.trim().trim_end_matches(['*', '†', '‡', '§']).trim();
    [
        "d",
        "g",
        "es",
        "smd",
        "η2",
        "η²",
        "ηp2",
        "ηp²",
        "cohen's d",
        "cohen’s d",
        "cohen d",
        "cohens d",
        "hedges' g",
        "hedges’ g",
        "hedges g",
    ]
    .contains(&h)
        || h.contains("effect size")
}

/// Does a header name a statistic of the comparison or of the cells (`p value`,
/// `Difference`, `95% CI`, `Mean (SD)`), rather than a group, a time or the stub?
pub fn names_statistic(header: &str) -> bool {
    let h = header.to_lowercase();
    names_p(header)
        || names_test_statistic(header)
        || names_effect_size(header)
        || describes_cells(header)
        || [
            "difference",
            "diff.",
            "群間差",
            "95%",
            "ci",
            "ratio",
            "estimate",
            "信頼区間",
        ]
        .iter()
        .any(|w| {
            h.split(|c: char| !c.is_alphanumeric() && c != '%' && c != '.')
                .any(|t| t == *w)
                || (!w.is_ascii() && h.contains(w))
        })
}

/// Is a header cell the stub's (the row labels' column): empty, or a name such as
/// `Characteristic`, `Variable`, `Outcome`, 項目, or such names of what the rows hold set
/// side by side (`Visit / parameter`: the rows print each visit's parameters)?
///
/// ```
/// use trialstats_documents::draft::table::names_stub;
/// assert!(names_stub("Visit / parameter"));
/// assert!(names_stub("Characteristic"));
/// assert!(!names_stub("Placebo / drug"));
/// ```
pub fn names_stub(header: &str) -> bool {
    let h = header.trim().trim_end_matches(['*', ':']).to_lowercase();
    let parts: Vec<&str> = h.split(['/', '&']).map(str::trim).collect();
    if parts.len() >= 2
        && parts
            .iter()
            .all(|p| ["visit", "time point", "timepoint"].contains(p) || names_stub(p))
        && parts.iter().any(|p| !p.is_empty())
    {
        return true;
    }
    h.is_empty()
        || [
            "characteristic",
            "variable",
            "outcome",
            "endpoint",
            "end point",
            "parameter",
            "measure",
            "item",
            "efficacy",
            "項目",
            "評価項目",
            "変数",
        ]
        .iter()
        .any(|w| h.starts_with(w))
}

/// Is a row set apart by `|` or tabs really running text: a cell holding a sentence or more
/// (`Results | In the 12 patients, EDSS fell from … |`, a page laid out as labels and
/// paragraphs)? Such a row is read as the sentences it holds, not as a table's row.
///
/// ```
/// use trialstats_documents::draft::table::is_prose_row;
/// assert!(is_prose_row("Results | In all twelve patients the score fell from 5.1 ± 1.7 at baseline to 4.1 ± 1.6 after one year of treatment with the drug. |"));
/// assert!(!is_prose_row("Age, years | 52.1 ± 9.8 | 51.9 ± 10.2 | 0.81 |"));
/// // A long label naming an outcome in full, its data after it.
/// assert!(!is_prose_row("Time from randomization to first adjudicated MI, stroke, unstable angina requiring hospitalization, or all-cause death | 17 (6.2%) vs. 15 (5.6%) | 1.065 (0.532–2.134) | 0.8580 |"));
/// ```
pub fn is_prose_row(line: &str) -> bool {
    let all = cells(line, 0);
    // A long row label naming an outcome in full (`Time from randomization to first
    // adjudicated MI, stroke, unstable angina requiring hospitalization, or all-cause death`)
    // is no sentence: it prints no number and closes with no full stop, and the cells after it
    // are the row's data.
    let data_after = all
        .iter()
        .skip(1)
        .filter(|c| !line[(*c).clone()].trim().is_empty())
        .all(|c| opens_with_datum(&line[c.clone()]))
        && all
            .iter()
            .skip(1)
            .filter(|c| !line[(*c).clone()].trim().is_empty())
            .count()
            >= 2;
    all.iter().enumerate().any(|(k, c)| {
        let cell = line[c.clone()].trim();
        if k == 0
            && data_after
            && !cell.chars().any(|ch| ch.is_ascii_digit())
            && !cell.ends_with(['.', '。'])
        {
            return false;
        }
        let words = cell
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        let cjk_sentence =
            cell.chars().count() >= 60 && (cell.contains('。') || cell.matches('、').count() >= 2);
        words >= 15 || cjk_sentence
    })
}

/// A made-up table copied a cell a line (blank lines between the cells) under names
/// spanning the blocks of names under them: `Drug | Placebo | Difference` over each group's
/// `N | Mean (95% CI)(a) or median (IQR) | p` and the difference's `Estimate (95% CI)(b) | p`,
/// a section of means with their CIs, then one whose label says its rows print medians.
/// Shared by the tests of the table model and of the study file.
#[cfg(test)]
pub(crate) fn cells_under_spanning_names() -> String {
    let cells = [
        "Drug",
        "Placebo",
        "Difference",
        "N",
        "Mean (95% CI)(a) or median (IQR)",
        "p",
        "N",
        "Mean (95% CI)(a) or median (IQR)",
        "p",
        "Estimate (95% CI)(b)",
        "p",
        "Clinical outcomes",
        " Weight (kg)",
        "233",
        "−2.90 (−4.02, −1.78)",
        "< 0.001",
        "255",
        "−2.71 (−3.77, −1.65)",
        "< 0.001",
        "0.19 (−1.35, 1.73)",
        "0.74",
        " Waist (cm)",
        "214",
        "−2.90 (−3.89, −1.91)",
        "< 0.001",
        "237",
        "−2.64 (−3.64, −1.65)",
        "< 0.001",
        "0.25 (−1.15, 1.66)",
        "0.71",
        "Physical activity (median [IQR])",
        " Total MET-mins/week",
        "213",
        "800 (−120, 2514)",
        "< 0.001",
        "232",
        "919 (−186, 2909)",
        "< 0.001",
        "149 (−428, 725)",
        "0.61",
        " Walking MET-mins/week",
        "213",
        "396 (0, 1386)",
        "0.002",
        "232",
        "495 (0, 1485)",
        "< 0.001",
        "−99 (−396, 198)",
        "0.51",
    ];
    format!(
        "Table 2 Change from baseline at 12 months\n\n{}\n",
        cells.join("\n\n")
    )
}

/// A header row copied one cell per line with no rule under it (`Total |`, `High dose |`,
/// `Low dose |`, `Placebo |`, each on a line of its own, then the row's closing `|` alone):
/// the run of one-cell lines that ends the header, as many as the data rows have cells after
/// the stub, each line's cell over the next column. `None` unless the count is exactly that
/// and at least two lines hold a name.
fn header_cells_closing_the_header(
    text: &str,
    header: &[Row],
    width: usize,
    one_cell: impl Fn(&Row) -> Option<Range<usize>>,
) -> Option<Vec<Range<usize>>> {
    let mut rows = header.iter().rev().peekable();
    // Under the run: the row's closing separator alone on its line, and a section's label
    // row over the first data rows (`Bowel Movement Frequency (BMF) | ||||`).
    while rows
        .next_if(|r| match one_cell(r) {
            Some(c) => c.is_empty(),
            None => r
                .cells
                .iter()
                .skip(1)
                .all(|c| text[c.clone()].trim().is_empty()),
        })
        .is_some()
    {}
    let mut cells: Vec<Range<usize>> = Vec::new();
    while let Some(Some(c)) = rows
        .next_if(|r| one_cell(r).is_some_and(|c| !c.is_empty()))
        .map(&one_cell)
    {
        cells.push(c);
    }
    cells.reverse();
    (cells.len() >= 2 && cells.len() + 1 == width).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_dot_decimals_in_a_table_copied_with_spaces_are_read_not_a_panic() {
        // Made-up values as The Lancet prints decimals (`0·18`): the cut between a glued spread
        // and a p was tried inside the two bytes of `·`, and the draft panicked (four
        // development tables with their points made mid-dots did so).
        let text = "Table 2\nVariable Baseline 2 months 6 months Baseline 2 months 6 months\n HbA1c (%) 7·4 ± 0·3 7·3 ± 0·3 7·2 ± 0·3 7·1 ± 0·2 6·9 ± 0·2 6·6 ± 0·18 <0·01\n LDL (mmol/l) 3·1 ± 0·14 3·0 ± 0·15 2·8 ± 0·14 3·3 ± 0·14 3·2 ± 0·17 3·1 ± 0·13 <0·01\n";
        let items = crate::draft::read_items(text);
        let summaries = items
            .iter()
            .filter(|i| i.kind == crate::draft::ItemKind::MeanSpread)
            .count();
        assert_eq!(summaries, 12);
        assert_eq!(spread_before_a_p("0·180·01", 2), None);
    }

    /// The trimmed text of each cell of `table`'s row `row`.
    fn cells_of<'t>(text: &'t str, table: &Table, row: usize) -> Vec<&'t str> {
        table.rows[row]
            .cells
            .iter()
            .map(|c| text[c.clone()].trim())
            .collect()
    }

    const COBRA_LIKE: &str = "Table 2.\nOutcomes at 12 months\nA | B |\nObserved |\n||||\n---|---|---|---|---|---|---|\nDifference | p value | Difference | p value | ||||\nScore | |||||||\nBaseline | 17·4 (4·8); 219 | 17·7 (4·8); 221 | .. | .. | |\nWeek 12 | 8·4 (7·5); 189 | 8·4 (7·0); 175 | 0·1 (−1·3 to 1·5) | 0·89 | 0·2 (−1·1 to 1·7) | 0·80 |\nData are mean (SD); n or mean (95% CI).\n\nNext paragraph.\n";

    #[test]
    fn header_rows_with_fewer_cells_stand_over_the_last_columns() {
        let t = Tables::find(COBRA_LIKE);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        assert_eq!(table.header_rows, 6);
        // Row 7 (`Week 12`): cells label, A, B, then difference and p twice. The section row
        // `Score` and the spanning `Observed |` name no column; `Difference | p value | …`
        // stands over the last four columns and `A | B |` over the two it left unnamed.
        assert_eq!(table.column_header(COBRA_LIKE, 7, 4), "p value");
        assert!(names_p(&table.column_header(COBRA_LIKE, 7, 6)));
        assert_eq!(table.column_header(COBRA_LIKE, 7, 3), "Difference");
        assert_eq!(table.column_header(COBRA_LIKE, 7, 1), "A");
        assert_eq!(table.column_header(COBRA_LIKE, 7, 2), "B");
        assert_eq!(table.column_header(COBRA_LIKE, 7, 0), "");
        assert_eq!(table.row_label(COBRA_LIKE, 7), "Week 12");
        assert!(table.statement.contains("Data are mean (SD); n"));
        assert!(table.statement.contains("Outcomes at 12 months"));
        assert!(!table.statement.contains("Next paragraph"));
        let at = COBRA_LIKE.find("0·89").unwrap();
        let (_, row, cell) = t.at(at).unwrap();
        assert_eq!((row, cell), (7, 4));
        assert!(table.is_data_row(7) && !table.is_data_row(5));
        assert!(t.at(COBRA_LIKE.find("Next").unwrap()).is_none());
    }

    #[test]
    fn each_groups_values_and_their_n_named_again_under_every_group() {
        // Made-up values in a journal's layout: the stub's header cell left out of both header
        // rows, each group's `Data | No in group` under its name, the comparison after.
        let text = "Table 4.\nControl group | Intervention group | Mean difference (95% CI) | P value | ||||\n---|---|---|---|---|---|---|---|\nData | No in group | Data | No in group | ||||\nMean at baseline (SD) | 4.77 (2.17) | 354 | 4.33 (2.24) | 352 | — | — | |\nMean change to 12 mo | 0.33 (0.08 to 0.57) | 309 | 0.23 (−0.02 to 0.48) | 295 | 0.31 (−0.05 to 0.67) | 0.09 | |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        let row = table.header_rows + 1;
        assert_eq!(table.column_header(text, row, 1), "Control group Data");
        assert_eq!(
            table.column_header(text, row, 2),
            "Control group No in group"
        );
        assert_eq!(
            table.column_header(text, row, 4),
            "Intervention group No in group"
        );
        assert!(names_p(&table.column_header(text, row, 6)));
        assert!(names_n("No in group") && names_n("n randomised") && !names_n("No change"));
        // The n's are read as n's.
        let items = crate::draft::read_items(text);
        let ns: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == crate::draft::ItemKind::N)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ns, ["354", "352", "309", "295"]);
    }

    #[test]
    fn a_row_of_times_opening_with_a_time_leaves_the_stubs_cell_out() {
        // Made-up values in a journal page's pipes: the times' row has no stub cell and is
        // wider than the data rows; each measure's section row prints its p's.
        let text = "| Group | Time | Effect | ||||
|---|---|---|---|---|---|---|
| Baseline | Week 2 | Week 4 | Within-group p | Between-group p | Adjusted p | |
| Frequency per week | P < 0.001 | P < 0.001 | |||
| Drug | 2.9 (1.7) | 11.0 (4.6) | 11.9 (5.3) | P < 0.001 | ||
| Control | 2.8 (1.6) | 6.2 (3.8) | 6.8 (4.1) | P < 0.001 | ||
";
        let t = Tables::find(text);
        let table = &t.tables[0];
        // The section row with its p's is data, not a header.
        assert_eq!(table.header_rows, 3);
        assert_eq!(table.column_header(text, 4, 0), "");
        assert_eq!(table.column_header(text, 4, 1), "Baseline");
        assert_eq!(table.column_header(text, 4, 3), "Week 4");
        assert_eq!(table.column_header(text, 4, 4), "Within-group p");
    }

    #[test]
    fn arms_spanning_what_their_cells_print_then_the_comparison() {
        // As a journal prints it: each arm over `no. of patients (%) | % per yr`, then the
        // hazard ratio; the P column's header wrapped onto a line of its own, and a long row
        // label wrapped before its cells.
        let text = "Outcome | Intensive (N = 5128) | Standard (N = 5123) | Hazard Ratio (95% CI) |\nP Value | ||\n---|---|---|---|---|---|---|\nno. of patients (%) | % per yr | no. of patients (%) | % per yr | |||\nPrimary outcome | 352 (6.9) | 2.11 | 371 (7.2) | 2.29 | 0.90 (0.78–1.04) | 0.16 |\nFatal or nonfatal congestive heart failure |\n152 (3.0) | 0.90 | 124 (2.4) | 0.75 | 1.18 (0.93–1.49) | 0.17 |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        let row = table.rows.len() - 2;
        let headers: Vec<String> = (0..7).map(|c| table.column_header(text, row, c)).collect();
        assert_eq!(
            headers,
            [
                "Outcome",
                "Intensive (N = 5128) no. of patients (%)",
                "Intensive (N = 5128) % per yr",
                "Standard (N = 5123) no. of patients (%)",
                "Standard (N = 5123) % per yr",
                "Hazard Ratio (95% CI)",
                "P Value",
            ]
        );
        // The wrapped label and its cells are one row.
        assert_eq!(
            table.row_label(text, row + 1),
            "Fatal or nonfatal congestive heart failure"
        );
        assert_eq!(table.rows[row + 1].cells.len(), 8);
        let items = crate::draft::read_items(text);
        let brief = crate::draft::tests::brief(&items);
        for (kind, numbers) in [
            ("percent", "352/6.9"),
            ("rate", "2.11"),
            ("ratio", "0.90"),
            ("p", "0.16"),
            ("percent", "152/3.0"),
            ("rate", "0.75"),
            ("ratio", "1.18"),
            ("p", "0.17"),
        ] {
            assert!(
                brief.contains(&(kind, numbers.to_string())),
                "{kind} {numbers}: {brief:?}"
            );
        }
    }

    #[test]
    fn cells_a_line_each_closed_by_its_separator_make_rows_under_a_row_of_names() {
        // Made-up values in the layout a page's table pastes: the names' row whole, then each
        // cell on a line of its own, closed by `|` (an empty cell a bare `|`).
        let text = "Table 3.\nCharacteristic |\n---|---|---|\nDrug N = 115 | Placebo N = 111 | |\nControl days (%) |\nn = 109 |\nn = 105 |\nBaselinea, mean (SD) |\n12.8 (20.14) |\n10.0 (18.11) |\nWeek 12, mean (SD) |\n69.1 (37.69) |\n46.0 (41.22) |\nChange to week 12 |\n|\n|\np-value* |\n|\n0.017 |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        let (_, row, cell) = t.at(text.find("46.0").unwrap()).unwrap();
        assert_eq!(cell, 2);
        assert_eq!(table.row_label(text, row), "Week 12, mean (SD)");
        assert_eq!(table.column_header(text, row, 2), "Placebo N = 111");
        let (_, n_row, _) = t.at(text.find("n = 105").unwrap()).unwrap();
        assert_eq!(table.row_label(text, n_row), "Control days (%)");
        // Through the structure: one arm measure over both times, each arm with its n.
        let (items, s) = crate::draft::structure::read_text(text);
        let m = &s.measures[0];
        let read: Vec<(Option<&str>, &str)> = m
            .cells
            .iter()
            .map(|c| (c.time.as_deref(), items[c.n.unwrap()].text.trim()))
            .collect();
        assert_eq!(
            read,
            [
                (Some("Baseline"), "n = 109"),
                (Some("Baseline"), "n = 105"),
                (Some("Week 12"), "n = 109"),
                (Some("Week 12"), "n = 105")
            ]
        );
    }

    #[test]
    fn a_row_of_ns_under_the_groups_names_is_theirs() {
        // Made-up values in a journal's layout: the names and their n's printed from the
        // stub's place, each a row of its own, over what the cells print.
        let text = "Table 3. Outcomes at 12 weeks.\nDrug Group | Placebo Group | p value | |\n---|---|---|---|\n(n = 21) | (n = 20) | ||\nmedian (min, max) | median (min, max) | ||\nWeight (kg) | |||\nAt week 12 | 73.6 (57.7, 108.2) | 74.3 (60.9, 87.6) | |\nRelative change (%) | -0.5 (-3.2, 1.7) | 0.6 (-1.7, 4.2) | 0.030* |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        let (_, row, _) = t.at(text.find("73.6").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, 1), "Drug Group (n = 21)");
        assert_eq!(table.column_header(text, row, 2), "Placebo Group (n = 20)");
        assert_eq!(table.column_header(text, row, 3), "p value");
    }

    #[test]
    fn a_blank_line_among_cells_not_set_apart_by_blank_lines_is_an_empty_cell() {
        // Times over the columns, a row of their n's, then rows whose first cell is empty (a
        // change has no value at the first visit), copied a cell a line.
        let text = "Results are in Table 2.\nDay 0\nDay 7\nDay 30\nVAS (mm)\n(n=14)\n(n=14)\n(n=13)\nMean score ± SD\n95 ± 10\n65 ± 28\n40 ± 32\nMean change ± SD\n\n30 ± 29\n55 ± 32\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("55 ± 32").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Day 30");
    }

    #[test]
    fn a_line_of_spaces_is_an_empty_cell_of_a_sections_row() {
        // A page's table copied a cell a line prints an empty cell as a line of spaces: the
        // section's label before it (`Primary endpoint`) is no column's name.
        let text = "Variable\nDrug (n = 30)\nPlacebo (n = 28)\nP value\nPrimary endpoint\n    \nAge, years\n52.1 (9.8)\n51.9 (10.2)\n0.81\nWeight, kg\n80.1 (12.3)\n82.4 (11.9)\n0.35\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("52.1").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Drug (n = 30)");
        let (table, row, cell) = t.at(text.find("0.35").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "P value");
    }

    #[test]
    fn a_table_pasted_a_cell_a_line() {
        let text = "Table 2 Primary end points\n\nEfficacy variable\n\nDrug (n = 74)\n\nPlacebo (n = 86)\n\nP value\n\nHbA1c, mean (SE)\n\n7.92 (0.11)\n\n7.97 (0.09)\n\n0.71\n\nHbA1c <7%, n (%)\n\n29 (37.5)\n\n19 (24.2)\n\n0.04\n\n1. A footnote that is much longer than any cell of the table, as footnotes under a table are printed.\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        assert_eq!((table.rows.len(), table.header_rows), (3, 1));
        let at = text.find("0.04").unwrap();
        let (_, row, cell) = t.at(at).unwrap();
        assert_eq!((row, cell), (2, 3));
        assert_eq!(table.column_header(text, row, cell), "P value");
        assert_eq!(table.row_label(text, row), "HbA1c <7%, n (%)");
        // Read through it: the P column, and counts with their percentage.
        let items = crate::draft::read_items(text);
        let brief = crate::draft::tests::brief(&items);
        assert!(brief.contains(&("p", "0.04".to_string())), "{brief:?}");
        assert!(
            brief.contains(&("percent", "29/37.5".to_string())),
            "{brief:?}"
        );
        // Short lines with no blank lines between them are not taken for cells when they hold
        // cells set apart by spaces; a cell a line, with no blank lines, is read.
        let t = Tables::find(
            "表3 結果\n投与群 例数 平均値\nプラセボ群 113 4.3\n本剤群 111 1.1\n実薬群 98 2.0\n",
        );
        assert!(t.tables.is_empty());
        let text = "Table 1\nVariable\nDrug\nPlacebo\nP value\nAge, years\n52.1 (9.8)\n51.9 (10.2)\n0.81\nWeight, kg\n80.1 (12.3)\n82.4 (11.9)\n0.35\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        assert_eq!((t.tables[0].rows.len(), t.tables[0].header_rows), (3, 1));
        assert!(two_numbers_side_by_side("プラセボ群 113 4.3±8.20"));
        assert!(!two_numbers_side_by_side("-0.34 (0.12) P = 0.006"));
        assert!(!two_numbers_side_by_side("5.1 ± 1.2"));
    }

    #[test]
    fn a_sections_label_over_one_line_of_spaces_in_a_table_pasted_a_cell_a_line() {
        // A row spanning the columns (a section's label) copies as its label and one line of
        // spaces, fewer cells than a row's: the rows under it keep their columns.
        let text = "Table 3 Outcomes\n\nEarly N = 40\n\nLate N = 41\n\nP-value\n\nDeath\n\n4 (10%)\n\n6 (15%)\n\n0.52\n\nOther outcomes of the stay\n\n   \n\nReintubation\n\n5 (13%)\n\n3 (7%)\n\n0.48\n\nDays in ICU\n\n7 (2 to 30)\n\n9 (3 to 41)\n\n0.09\n\n  1. Quantitative variables are medians and ranges; qualitative ones percentages.\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("9 (3 to 41)").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Late N = 41");
        assert_eq!(table.row_label(text, row), "Days in ICU");
        let (table, row, cell) = t.at(text.find("0.48").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "P-value");
        assert_eq!(table.row_label(text, row), "Reintubation");
        assert!(table.statement.contains("medians and ranges"));
    }

    #[test]
    fn names_spanning_two_columns_copied_with_tabs_over_the_statistics_columns() {
        // Made-up numbers in the form a page's table copies with tabs: each group's name
        // spans an n's column and a value's (its second cell empty), the difference's and the
        // p's columns span both header rows; the row under the names opens with the stub's
        // empty cell.
        let text = "Table 2 Score by group\n\tDrug group\t\tPlacebo group\t\tMean difference (95%CI)\tSignificance\n\tn\tScore\tn\tScore\nWeek 0\t29\t5.2 ± 2.0\t33\t5.5 ± 1.9\t-0.244 (-1.256 to 0.77)\t0.632\nWeek 4\t16\t3.6 ± 2.4\t23\t4.4 ± 3.2\t-0.823 (-2.678 to 1.020)\t0.37\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let header_of = |value: &str| {
            let (table, row, cell) = t.at(text.find(value).unwrap()).unwrap();
            table.column_header(text, row, cell)
        };
        assert!(
            header_of("5.2 ± 2.0").contains("Drug group"),
            "{}",
            header_of("5.2 ± 2.0")
        );
        assert!(header_of("5.2 ± 2.0").contains("Score"));
        assert!(header_of("4.4 ± 3.2").contains("Placebo group"));
        assert!(header_of("29").contains("Drug group") && header_of("29").contains('n'));
        assert_eq!(header_of("-0.823"), "Mean difference (95%CI)");
        assert_eq!(header_of("0.37"), "Significance");
    }

    #[test]
    fn a_sections_label_that_lost_its_tabs_stays_in_its_table() {
        // Made-up values in the form a page's table copies with tabs: a section's label alone
        // on its line (its empty cells dropped) between rows of three cells. One table, its
        // columns named by the header for every row; a line of prose ends it.
        let text = "Table 1 Baseline\n\tDrug (n = 29)\tPlacebo (n = 33)\nAge (yr)\t36 ± 12\t34 ± 7\nDisease extent\nPancolitis\t7 (25.9)\t6 (20.7)\nHemoglobin (g/dL)\t12.1 ± 2.8\t13.4 ± 1.7\nThe groups were alike at baseline.\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let (table, row, cell) = t.at(text.find("13.4").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Placebo (n = 33)");
        let section = table
            .rows
            .iter()
            .position(|r| text[r.line.clone()] == *"Disease extent")
            .expect("the section's row");
        assert!(table.is_section_row(text, section));
        assert!(!text[table.rows.last().unwrap().line.clone()].contains("alike"));
        // A line of a sentence between two tab rows is no section's label.
        assert!(!section_between_tab_rows(
            "a\tb\tc\nThe groups were alike.\nd\te\tf\n",
            &line_ranges("a\tb\tc\nThe groups were alike.\nd\te\tf\n"),
            1
        ));
    }

    #[test]
    fn an_n_cell_may_spell_the_n_as_a_word() {
        // The forty-sixth trial's table headed each arm's n `number = …` under its name: a row
        // of n's, never the arms' names.
        assert!(is_n_cell("number = 281") && is_n_cell("(No. = 40)") && is_n_cell("N=120"));
        assert!(!is_n_cell("number of visits") && !is_n_cell("No. of patients"));
    }

    #[test]
    fn a_glued_cell_keeps_its_own_n_and_lettered_names_lose_the_stub() {
        // A glued table whose last rows print each cell's own n after its mean (SD), under a
        // header whose stub's name runs into the first lettered name (made-up numbers).
        let text = "Table 2. Response at 3 months\nOutcomeA. Drug X (n=50)B. Drug Y (n=50)C. Standard (n=50)\nScore, mean (SD)1.8 (0.9)1.9 (0.8)2.4 (1.0)\nPain, mean (SD)3.1 (1.2)3.0 (1.1)3.9 (1.3)\nHAQ, mean (SD)0.53 (0.54) (n=43)0.52 (0.55) (n=45)0.69 (0.64) (n=41)\nΔHAQ, mean (SD)−0.41 (0.50) (n=40)−0.40 (0.53) (n=44)−0.37 (0.57) (n=38)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let cells = |row: usize| cells_of(text, &t.tables[0], row);
        assert_eq!(
            cells(0),
            [
                "",
                "A. Drug X (n=50)",
                "B. Drug Y (n=50)",
                "C. Standard (n=50)"
            ]
        );
        assert_eq!(
            cells(3),
            [
                "HAQ, mean (SD)",
                "0.53 (0.54) (n=43)",
                "0.52 (0.55) (n=45)",
                "0.69 (0.64) (n=41)"
            ]
        );
        assert_eq!(cells(4)[3], "−0.37 (0.57) (n=38)");
    }

    #[test]
    fn a_header_stacked_one_name_a_line_with_its_n_below_names_the_columns() {
        // A web page's header cells with a line break inside, copied one line each; the rows
        // a label and values set apart by single spaces, one value annotated `(Adj)`.
        let text = "Table 2.\n\nSecondary outcomes\n\nVisit Open label\n(N = 629)\nRandomised\nDrug\n(N = 151)\nPlacebo\n(N = 150)\nScore, change to last visit\n N 607 150 149\n Baseline mean (SD) 76.8 (11.54) 55.6 (10.76) 55.2 (10.08)\n Change mean (SE) −14.0 (14.05) 1.1 (1.12)* (Adj) 12.4 (1.15) (Adj)\nFEV1 (l)1.3 (0.5)1.3 (0.5) 1.2 (0.4)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let cells = |row: usize| cells_of(text, table, row);
        // The spanning `Randomised` names no column; each name goes with the n below it.
        assert_eq!(
            cells(0),
            [
                "",
                "Visit Open label\n(N = 629)",
                "Drug\n(N = 151)",
                "Placebo\n(N = 150)"
            ]
        );
        assert_eq!(
            cells(4),
            [
                "Change mean (SE)",
                "−14.0 (14.05)",
                "1.1 (1.12)* (Adj)",
                "12.4 (1.15) (Adj)"
            ]
        );
        // A bracketed word after a bare number is the label's unit, not an annotation.
        assert_eq!(
            cells(5),
            ["FEV1 (l)", "1.3 (0.5)", "1.3 (0.5)", "1.2 (0.4)"]
        );
        // Three n's alone for two value columns stack no header.
        let over = "(N = 1)\n(N = 151)\n(N = 150)";
        let lines: Vec<Range<usize>> = vec![0..7, 8..17, 18..27];
        assert!(stacked_header(over, &lines, 2).is_none());
        assert!(stacked_header(over, &lines, 3).is_some());
    }

    #[test]
    fn a_header_stacked_with_what_its_cells_print_and_rows_holding_na_in_place() {
        // A journal page's times copied a header cell a line, each over `mean (SD)`; the
        // rows glued, a measure not taken at a visit printed `N/A` in its place.
        let text = "Table 3\n\nOutcomes\n\nBaseline\nmean (SD)\n6 Months\nmean (SD)\n12 Months\nmean (SD)\nScore OFF*38.5 (11.4)N/AN/A\nScore OFF/OFF*N/A30.5 (12.9)†30.9 (9.9)†\nStage3.0 (0.7)2.5 (0.4)2.6 (0.7)\nPart I3.4 (2.2)3.1 (2.8)3.5 (2.1)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let cells = |row: usize| cells_of(text, table, row);
        assert_eq!(
            cells(0),
            [
                "",
                "Baseline\nmean (SD)",
                "6 Months\nmean (SD)",
                "12 Months\nmean (SD)"
            ]
        );
        // Each value under its own time: `N/A` holds the column it stands in.
        assert_eq!(cells(1), ["Score OFF*", "38.5 (11.4)", "N/A", "N/A"]);
        assert_eq!(
            cells(2),
            ["Score OFF/OFF*", "N/A", "30.5 (12.9)†", "30.9 (9.9)†"]
        );
        assert_eq!(cells(3), ["Stage", "3.0 (0.7)", "2.5 (0.4)", "2.6 (0.7)"]);
    }

    #[test]
    fn glued_names_are_cut_before_capitals_and_before_a_time_glued_to_a_word() {
        let cut = |s: &str| -> Vec<String> {
            let mut start = 0;
            cuts_at_capitals(s)
                .into_iter()
                .map(|end| {
                    let piece = s[start..end].to_string();
                    start = end;
                    piece
                })
                .collect()
        };
        assert_eq!(
            cut("Baseline1 yearBaseline1 year"),
            ["Baseline", "1 year", "Baseline", "1 year"]
        );
        assert_eq!(
            cut("Pre6 monthsPost12 wk"),
            ["Pre", "6 months", "Post", "12 wk"]
        );
        // Digits inside a name name no time.
        assert_eq!(
            cut("Stage2 diseaseCD4 count"),
            ["Stage2 disease", "CD4 count"]
        );
    }

    #[test]
    fn a_glued_header_with_its_stub_name_and_a_test_in_the_last_cell() {
        // A journal page's table copied with every cell glued: the header's names glued at
        // capitals after the stub's name, each row's last cell the paired test as printed.
        let text = "Table 4\n\nQuality of life\n\nScale scorePre, mean (±SD)Post, mean (±SD)Paired t-test\nPhysical78.0 (±20.4)84.3 (±16.7)t=−1.3, df=17, p=0.2\nMental44.0 (±17.7)55.4 (±19.1)t=−3.0, df=17, p=0.007\nVitality26.8 (±14.6)41.5 (±20.0)t=−2.9, df=17, p=0.01\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let cells = |row: usize| cells_of(text, table, row);
        assert_eq!(
            cells(0),
            ["", "Pre, mean (±SD)", "Post, mean (±SD)", "Paired t-test"]
        );
        assert_eq!(
            cells(1),
            [
                "Physical",
                "78.0 (±20.4)",
                "84.3 (±16.7)",
                "t=−1.3, df=17, p=0.2"
            ]
        );
        // A short line of names glued at capitals has no stub's name to leave out.
        assert!(glued_header("DrugPlacebo", 0, 2, true).is_some());
        assert!(glued_header("Scale scoreDrugPlacebo", 0, 2, true).is_none());
    }

    #[test]
    fn a_glued_header_with_its_p_glued_last_and_na_cells() {
        // The groups' names glued at a capital and the p's glued after a lower-case letter;
        // `NA` cells (not available) hold their columns' places, `NAFLD` stays a word.
        let text = "Table 1 Characteristics\nPatients followed upAll other patientsp-value\nMale56 (61)26 (60)0.90\nAge yrs4.5 (2.2–6.8)4.6 (2.1–6.9)0.67\nScore at baseline0.5 (0.2–1.3)NANA\nNAFLD12 (13)5 (11)0.74\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        assert_eq!(
            cells_of(text, table, 0),
            ["", "Patients followed up", "All other patients", "p-value"]
        );
        assert_eq!(
            cells_of(text, table, 3),
            ["Score at baseline", "0.5 (0.2–1.3)", "NA", "NA"]
        );
        assert_eq!(
            cells_of(text, table, 4),
            ["NAFLD", "12 (13)", "5 (11)", "0.74"]
        );
        // Names with their n's, then the comparison's column with none.
        let text = "Table 3\n\nOutcomes at 3 months\n\nIntervention n=55Standard care n=59Comparison\nScore, mean (SD)22.9 (2.3)20.8 (3.0)p<0.001\nChange, mean (SD)2.7 (2.8)0.6 (2.8)p<0.001\nVisits, n (%)2 (3.6)6 (10.2)p=0.32\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        assert_eq!(
            cells_of(text, &t.tables[0], 0),
            ["", "Intervention n=55", "Standard care n=59", "Comparison"]
        );
    }

    #[test]
    fn a_glued_table_under_column_names_a_line_each() {
        // A web page's header cells copied one per line above rows whose cells are glued,
        // a footnote's letter glued after a bracket, a unit's exponent glued to the label.
        let text = "Table 2 Outcomes by visit\nVariable\nWeek 0\nWeek 8\nWeek 16\nScore, points12.0 (10.5; 14.0)11.0 (9.0; 13.5)a10.5 (8.0; 12.0)b\nBMI, kg/m2 28.1 (26.0; 30.2)27.9 (25.8; 30.0)27.5 (25.1; 29.9)a\nGrip, kg30.2 (25.0; 35.1)31.0 (26.2; 35.8)32.4 (27.0; 36.0)a\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        assert_eq!(
            cells_of(text, table, 0),
            ["Variable", "Week 0", "Week 8", "Week 16"]
        );
        assert_eq!(
            cells_of(text, table, 1),
            [
                "Score, points",
                "12.0 (10.5; 14.0)",
                "11.0 (9.0; 13.5)a",
                "10.5 (8.0; 12.0)b"
            ]
        );
        assert_eq!(
            cells_of(text, table, 2),
            [
                "BMI, kg/m2",
                "28.1 (26.0; 30.2)",
                "27.9 (25.8; 30.0)",
                "27.5 (25.1; 29.9)a"
            ]
        );
        // Lines that are a caption's words, not names of columns, make no header.
        let prose = "Table 3 Results\nThe values were\nmeasured at the\nclinic\nScore, points12.0 (1.5)11.0 (1.9)10.5 (2.0)\nGrip, kg30.2 (5.0)31.0 (4.2)32.4 (5.1)\nGait, m/s1.10 (0.20)1.15 (0.22)1.21 (0.19)\n";
        assert!(Tables::find(prose).tables.is_empty());
    }

    #[test]
    fn a_table_copied_with_its_cells_glued() {
        let text = "Table 1\n\nBaseline characteristics\n\nDrug(n = 120)Placebo(n = 118)\nValues are mean (SD) unless stated.\nAge (years)61.2 (8.4)60.9 (8.8)\nWomen, n (%)64 (53%)60 (51%)\nSmoking status, n (%)\n    Current40 (33%)38 (32%)\nHbA1c (%)−0.23 ± 0.080.03 ± 0.08<0.018*\nn = 110n = 109\nWeight (kg)80.1 (12.3)82.4 (11.9)ns\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let cell_texts = |row: usize| cells_of(text, table, row);
        assert_eq!(cell_texts(0), ["", "Drug(n = 120)", "Placebo(n = 118)"]);
        assert_eq!(cell_texts(1), ["Age (years)", "61.2 (8.4)", "60.9 (8.8)"]);
        assert_eq!(cell_texts(2), ["Women, n (%)", "64 (53%)", "60 (51%)"]);
        assert_eq!(cell_texts(3), ["Smoking status, n (%)"]);
        // A spread glued to the next value keeps its mean's decimals.
        assert_eq!(
            cell_texts(5),
            ["HbA1c (%)", "−0.23 ± 0.08", "0.03 ± 0.08", "<0.018*"]
        );
        assert_eq!(cell_texts(6), ["", "n = 110", "n = 109"]);
        assert_eq!(
            cell_texts(7),
            ["Weight (kg)", "80.1 (12.3)", "82.4 (11.9)", "ns"]
        );
        assert_eq!(table.header_rows, 1);
        assert_eq!(table.column_header(text, 1, 2), "Placebo(n = 118)");
        // The legend between the header and the rows is part of what the table states.
        assert!(
            table.statement.contains("Values are mean (SD)"),
            "{}",
            table.statement
        );
        // A footnote's digit glued to a bracket is no cell of its own.
        let row = glued_row("Pain 5.10 (0.67)3 4.04 (0.73) 0.57", 0).unwrap();
        let texts: Vec<&str> = row
            .iter()
            .map(|c| &"Pain 5.10 (0.67)3 4.04 (0.73) 0.57"[c.clone()])
            .collect();
        assert_eq!(texts, ["Pain", "5.10 (0.67)3", "4.04 (0.73)", "0.57"]);
        // Names glued at a capital, over as many value columns; prose is no glued row.
        assert_eq!(
            glued_header("TJ-54Placebo", 0, 2, true).map(|c| c.len()),
            Some(2)
        );
        assert!(glued_header("TJ-54Placebo", 0, 3, true).is_none());
        assert!(glued_row("The mean age was 61.2 years.", 0).is_none());
        // Without a header naming the columns, the lines are left to the sentence reader.
        let t = Tables::find(
            "Table 2\nAge (years)61.2 (8.4)60.9 (8.8)\nWeight (kg)80.1 (12.3)82.4 (11.9)\nBMI24.1 (3.1)24.5 (3.3)\n",
        );
        assert!(t.tables.is_empty());
    }

    #[test]
    fn a_header_as_wide_as_the_rows_is_read_from_the_left() {
        let text = "| | Mean (SD) | % (SD) |\n| MADRS | 32.8 (2.68) | 17.68 (21.16) |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        assert_eq!(table.column_header(text, 1, 1), "Mean (SD)");
        assert_eq!(table.column_header(text, 1, 2), "% (SD)");
    }

    #[test]
    fn a_table_converted_a_cell_a_line_with_rules_after_its_header_rows() {
        // As a page's table converts: `|` between the cells, `---|` after each header row;
        // two stub columns (`Score`, `Time`) whose first prints as a section row (`Pain`); a
        // spanning header (`Drug`) over its doses.
        let text = "Source: a page\nScore\n|\nTime\n|\nPlacebo\n|\nDrug\n|\n---|\nLow dose\n|\nHigh dose\n|\n---|\nPain\n|\nBaseline\n|\n5.5 (5, 6)\n|\n7.5 (5, 9)\n|\n4.5 (4, 5)\n|\n3 months\n|\n3 (1, 3)*\n|\n3.5 (3, 7)\n|\n3 (2, 5)\n|\nStiffness\n|\nBaseline\n|\n2 (1, 3)\n|\n4 (2, 5)\n|\n2.5 (2, 4)\n|\n- Data are the median (IQR) of each group, a footnote longer than any of the table's cells.\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        let at = text.find("4.5 (4, 5)").unwrap();
        let (_, row, cell) = t.at(at).unwrap();
        assert_eq!(table.row_label(text, row), "Baseline");
        assert_eq!(table.column_header(text, row, cell), "Drug High dose");
        assert_eq!(table.column_header(text, row, 1), "Placebo");
        assert_eq!(table.column_header(text, row, 0), "Time");
        let (_, row, _) = t.at(text.find("2.5 (2, 4)").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row - 1), "Stiffness");
        // Which cell spans is not printed: with no control among them, no header is read.
        let two_active = text
            .replace("Placebo", "Drug A")
            .replace("\nDrug\n", "\nDrug B\n");
        assert!(Tables::find(&two_active).tables.is_empty());
        // With a title above (a cell-a-line table under a title is otherwise read by its
        // columns' count), blank lines between the cells, one header row.
        let text = "Table 2 Outcomes at week 12\n\nOutcome\n\n|\n\nPlacebo (n = 40)\n\n|\n\nDrug (n = 42)\n\n|\n\n---|\n\nHbA1c, %\n\n|\n\n7.1 (0.2)\n\n|\n\n6.8 (0.3)\n\n|\n\nWeight, kg\n\n|\n\n80.1 (2.1)\n\n|\n\n78.2 (2.0)\n\n|\n\nData are mean (SD), a footnote longer than any of the table's cells, as footnotes are.\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("78.2").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row), "Weight, kg");
        assert_eq!(table.column_header(text, row, cell), "Drug (n = 42)");
        assert_eq!(table.column_header(text, row, 0), "Outcome");
    }

    #[test]
    fn a_row_of_the_columns_n_under_their_names_and_again_for_a_later_section() {
        // Made-up numbers, a cell a line with blank lines between (no title, no rules): the
        // columns' names, then a section's label with each column's n, a section label
        // (`Total`), the rows; a later section prints its own n's. The n's are the columns',
        // not miscounted over the row labels.
        let text = "Source: a page\nDrug/Drug\n\nPlacebo/Drug\n\nAll patients\n\n\nScore A\n\n(n = 40)\n\n(n = 38)\n\n(N = 78)\n\n\nTotal\n\nBaseline, mean (SD)\n\n50.1 (10.2)\n\n49.8 (11.0)\n\n50.0 (10.6)\n\nChange, mean (SD)\n\n-8.1 (6.0)\n\n-4.2 (5.5)\n\n-6.2 (6.0)\n\nScore B\n\n(n = 35)\n\n(n = 33)\n\n(n = 68)\n\nBaseline, mean (SD)\n\n20.3 (4.1)\n\n21.0 (4.4)\n\n20.6 (4.2)\n\nChange, mean (SD)\n\n-2.1 (3.0)\n\n-1.0 (2.9)\n\n-1.6 (3.0)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("49.8").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row), "Baseline, mean (SD)");
        assert_eq!(table.column_header(text, row, cell), "Placebo/Drug");
        let (_, row, _) = t.at(text.find("21.0").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row - 1), "Score B");
        assert_eq!(
            table.rows[row - 1].cells.len(),
            4,
            "the later section's n's are one row"
        );
        // Each value's n is its column's, in its section.
        let (items, s) = crate::draft::structure::read_text(text);
        let n_of = |value: &str| {
            let cell = s
                .measures
                .iter()
                .flat_map(|m| &m.cells)
                .find(|c| items[c.item].text.starts_with(value))
                .unwrap();
            items[cell.n.unwrap()].text.trim().to_string()
        };
        assert_eq!(n_of("49.8"), "n = 38");
        assert_eq!(n_of("-4.2"), "n = 38");
        assert_eq!(n_of("21.0"), "n = 33");
    }

    #[test]
    fn each_groups_times_under_the_groups_with_the_stubs_cell_left_out() {
        // Made-up numbers, as a journal page's table copies: groups spanning their times in
        // the first header row, the times row without the stub's cell and ending in empty
        // cells, a statement row under it (no continuation of the header's last column).
        let text = "Table 2.\nOutcome | Drug | Placebo | Difference (95% CI) | P | ||\n---|---|---|---|---|---|---|\nBaseline | Week 12 | Baseline | Week 12 | |||\nMean ± SD | ||||||\nPain | 6.1 ± 1.2 | 3.2 ± 1.5 | 6.0 ± 1.3 | 5.1 ± 1.6 | −1.9 (−2.5 to −1.3) | .001 |\nFatigue | 5.0 ± 2.0 | 4.1 ± 2.1 | 5.2 ± 1.9 | 4.9 ± 2.2 | −0.6 (−1.4 to 0.2) | .14 |\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("3.2 ± 1.5").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Drug Week 12");
        assert_eq!(table.column_header(text, row, 3), "Placebo Baseline");
        assert_eq!(table.column_header(text, row, 5), "Difference (95% CI)");
        assert!(
            table
                .rows
                .iter()
                .any(|r| text[r.line.clone()].starts_with("Mean")),
            "the statement is a row of its own, not joined to the times row"
        );
    }

    #[test]
    fn a_stacked_table_whose_header_leaves_the_stub_out() {
        // A page's table copied a cell a line, blank lines between the cells; the header
        // prints no cell over the row labels, and a label opens with a number joined to a
        // word (`28-day mortality`), which is no datum.
        let text = "Table 4 Outcomes\n\nControl (n = 80)\n\nDrug (n = 81)\n\nP value\n\n28-day mortality\n\n20 (25.0%)\n\n12 (14.8%)\n\n0.091\n\nIn-hospital mortality\n\n24 (30.0%)\n\n15 (18.5%)\n\n0.083\n\n6-minute walk, m\n\n310 (60)\n\n342 (55)\n\n0.001\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("0.083").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row), "In-hospital mortality");
        assert_eq!(table.column_header(text, row, cell), "P value");
        assert_eq!(table.column_header(text, row, 2), "Drug (n = 81)");
        assert!(!opens_with_datum("28-day mortality") && !opens_with_datum("6‐minute walk"));
        assert!(opens_with_datum("6.0 (2.0-14.0)") && opens_with_datum("-0.5"));
        // Rows that do not read as a label and values throughout are not read so: a table
        // of groups as rows (each with its n, the measure's label on its first group's row
        // only), under a caption line, is no table whose header leaves the stub out.
        let text = "Table 2\n\nEfficacy of the continuous variables\n\nVariable\n\nGroup\n\nN\n\nBaseline, mean (SD)\n\nChange, mean (SD)\n\nDifference (95% CI)\n\nP\n\nEffect size (95% CI)\n\nPain\n\nDrug\n\n105\n\n13.0 (3.1)\n\n-5.2 (5.0)\n\n1.9 (0.7 to 3.2)\n\n0.003\n\n0.41 (0.14 to 0.68)\n\nPlacebo\n\n107\n\n12.7 (3.2)\n\n-3.3 (4.3)\n\nFunction\n\nDrug\n\n105\n\n40.9 (11.9)\n\n-13.4 (16.3)\n\n5.2 (1.1 to 9.3)\n\n0.02\n\n0.30 (0.05 to 0.57)\n\nPlacebo\n\n107\n\n41.2 (12.0)\n\n-9.8 (14.1)\n";
        assert!(Tables::find(text).at(text.find("12.7").unwrap()).is_none());
    }

    #[test]
    fn comparisons_under_a_spanning_p_stand_over_the_last_columns() {
        // Made-up values in a journal page's pipes: the spanning `P value`'s two comparisons
        // copied on the next line from the left, as the page sets them under it.
        let text = "Table 1 Baseline characteristics\nCharacteristic | High dose (n = 20) | Low dose (n = 21) | Placebo (n = 22) | P value | |\nHigh dose vs placebo | Low dose vs placebo | ||||\nAge, yr | 40.1 ± 9.0 | 44.2 ± 10.5 | 42.0 ± 11.0 | 0.51 | 0.49 |\nWeight, kg | 81.0 ± 12.0 | 79.5 ± 15.0 | 82.1 ± 13.0 | 0.78 | 0.55 |\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let header = |needle: &str| {
            let (table, row, cell) = t.at(text.find(needle).unwrap()).unwrap();
            table.column_header(text, row, cell)
        };
        assert_eq!(header("40.1"), "High dose (n = 20)");
        assert_eq!(header("42.0"), "Placebo (n = 22)");
        assert_eq!(header("0.51"), "P value High dose vs placebo");
        assert_eq!(header("0.49"), "P value Low dose vs placebo");
    }

    #[test]
    fn a_row_labelled_by_its_levels_number_is_a_row_of_the_table() {
        // Made-up counts in a cohort paper's spaced table: a quintile's rows labelled by their
        // number alone between the labelled first and last.
        let text = "Table 1 Baseline characteristics\n\n  Cohort A (n = 100) Cohort B (n = 120)\n Weight (kg) 90.1 (12.3) 91.4 (11.8)\nDeprivation (quintiles)\n 1 (most deprived) 20 (20.0) 25 (20.8)\n 2 20 (20.0) 22 (18.3)\n 3 18 (18.0) 26 (21.7)\n 4 21 (21.0) 23 (19.2)\n 5 (least deprived) 21 (21.0) 24 (20.0)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("22 (18.3)").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row).trim(), "2");
        assert_eq!(table.column_header(text, row, cell), "Cohort B (n = 120)");
        let (table, row, _) = t.at(text.find("21 (21.0) 23").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row).trim(), "4");
    }

    #[test]
    fn a_stacked_tables_section_label_over_its_indented_categories() {
        // A section's label alone (`Stage, n (%)`), its categories indented under it, one
        // opening with a number (` < 25`), an empty cell a line of a space: the rows after it
        // are still the table's, and the p on a category's row is under the p's column.
        let text = "Table 1 Baseline

Drug (n = 60)

Placebo (n = 58)

P-value

Male, n (%)

30 (50.0)

31 (53.4)

0.71

Age, mean (SD)

61.2 (8.1)

60.4 (7.9)

0.59

Stage, n (%)

 I

20 (33.3)

18 (31.0)

 

 II

40 (66.7)

40 (69.0)

0.79

BMI, n (%)

 < 25

21 (35.0)

19 (32.8)

 

 25 or more

39 (65.0)

39 (67.2)

0.80

Smoker, n (%)

12 (20.0)

10 (17.2)

0.70
";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("0.79").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row).trim(), "II");
        assert_eq!(table.column_header(text, row, cell), "P-value");
        let (table, row, cell) = t.at(text.find("39 (65.0)").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row).trim(), "25 or more");
        assert_eq!(table.column_header(text, row, cell), "Drug (n = 60)");
        let (table, row, _) = t.at(text.find("10 (17.2)").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row), "Smoker, n (%)");
    }

    #[test]
    fn a_zero_glued_to_the_next_count_is_a_cell_of_its_own() {
        // Made-up glued rows: a column's 0, printed without its percentage, runs into the next
        // column's count (`4 (10.0)0`, `02 (5.0)`).
        let text = "Table 1\nControl\nN=40\nActive\nN=40\n Improved10 (25.0)20 (50.0)\n Worse4 (10.0)0\n Much worse02 (5.0)\nValues are n (%)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let cells: Vec<Vec<&str>> = t.tables[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| text[c.clone()].trim()).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["", "Control\nN=40", "Active\nN=40"],
                vec!["Improved", "10 (25.0)", "20 (50.0)"],
                vec!["Worse", "4 (10.0)", "0"],
                vec!["Much worse", "0", "2 (5.0)"]
            ]
        );
    }

    #[test]
    fn single_spaced_names_closed_by_their_ns_then_a_p_that_says_what_it_compares() {
        // Made-up: a single group's visits each named with its n, then the p's name with a
        // bracket saying what it compares; a BMJ table's en dash as the minus of a value.
        let text = "Table 3.\n\nScores over the study\n\nBaseline n = 30 Week 4 n = 30 p (for the change from baseline)\n Pain 4.1 (1.2) 3.0 (1.1) 0.01\n Fatigue 5.2 (1.0) 4.8 (1.2) 0.2\n Sleep 6.0 (2.0) 5.1 (1.9) 0.04\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("3.0 (1.1)").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Week 4 n = 30");
        assert_eq!(
            table.column_header(text, row, 3),
            "p (for the change from baseline)"
        );
        let text = "Table 2.\n\nOutcomes\n\nOutcome Drug (n = 40) Placebo (n = 40) P value\n Pain 4.1 (1.2) 5.0 (1.3) 0.01\n Change –0.9 (0.4) –0.1 (0.5) 0.002\n Sleep 6.0 (2.0) 6.1 (1.9) 0.9\n";
        let t = Tables::find(text);
        let (table, row, _) = t.at(text.find("–0.9").unwrap()).unwrap();
        let cells: Vec<&str> = table.rows[row]
            .cells
            .iter()
            .map(|c| text[c.clone()].trim())
            .collect();
        assert_eq!(cells, ["Change", "–0.9 (0.4)", "–0.1 (0.5)", "0.002"]);
    }

    #[test]
    fn a_titled_table_set_apart_by_single_spaces_and_its_footnote_marks() {
        // The header's names at single spaces, read from the right (each a time's or the p's
        // name, `Six-month follow-up` one name), the stub's name before them; rows of two
        // values, or two and the p.
        let text = "Table 4.\n\nChanges from baseline (n = 55)\n\nOutcome (Missing) Baseline Six-month follow-up P-value*\n\nDepression diagnosis (2) 0.001\nNone (%) 47.2 71.7\nMinor (%) 18.9 7.6\nMean severity (SD) (2) 12.4 (5.3) 6.8 (6.3) < 0.0001\nMean summary (SD) (3) 39.0 (11.2) 45.2 (12.9) 0.042\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("45.2").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Six-month follow-up");
        assert_eq!(table.column_header(text, row, 1), "Baseline");
        assert_eq!(table.column_header(text, row, 3), "P-value*");
        // A section's label with its own p only: the p in the p's column.
        let (table, row, cell) = t.at(text.find("0.001").unwrap()).unwrap();
        assert_eq!(table.row_label(text, row), "Depression diagnosis (2)");
        assert_eq!(table.column_header(text, row, cell), "P-value*");
        assert_eq!(
            label_and_p("Alcohol consumption (17) < 0.007").map(|(_, p)| p.len()),
            Some(7)
        );
        assert!(label_and_p("Week 12 3.5").is_none());
        // A stub that ends in a column's name would be a column more: not split so.
        assert!(glued_header("Outcome Baseline Week 12 P", 0, 2, true).is_none());
        assert_eq!(
            glued_header("Outcome Baseline Week 12 P", 0, 3, true).map(|c| c.len()),
            Some(3)
        );
        // Footnote marks glued after a value, and lines of marks alone, are no cells or rows.
        let text = "Table 3\n\nGroup A (n = 30)Group B (n = 30)Group C (n = 30)\n\nTime (min)127.47 ± 32.52+#59.13 ± 3.18§26.33 ± 9.10+\n#\n§\nVAS\nRecovery unit3.17 ± 0.46+#4.60 ± 0.68§6.33 ± 1.47+\n#\n4 h after operation3.37 ± 0.77#4.47 ± 0.51§4.97 ± 0.85#\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        let labels: Vec<&str> = (0..table.rows.len())
            .map(|r| table.row_label(text, r))
            .collect();
        assert_eq!(
            labels,
            [
                "",
                "Time (min)",
                "VAS",
                "Recovery unit",
                "4 h after operation"
            ]
        );
        let (table, row, cell) = t.at(text.find("4.60").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Group B (n = 30)");
        assert_eq!(glued_value("0.46+#4.60", None), Some(6));
        assert_eq!(glued_value("0.46+4.60", None), Some(4));
    }

    // Counts with their percentage are named in a bracket of the percent's own, square or
    // round, or after the count's name in one; a mean of percentages is not.
    #[test]
    fn a_count_and_its_percent_named_in_any_bracket() {
        for h in [
            "n (%)",
            "No. (%)",
            "Attained level (n [%])",
            "Events (n, %)",
            "例数（%）",
        ] {
            assert!(names_count_percent(h), "{h}");
        }
        for h in ["Body fat, % (SD)", "Mean (SD)", "Change, %"] {
            assert!(!names_count_percent(h), "{h}");
        }
    }

    // A table copied from a web page with a blank line after each row is one table.
    #[test]
    fn rows_apart_by_blank_lines_are_one_table() {
        let text = "Outcome | Drug (n=50) | Placebo (n=48) | P |\n\nRelapse, n (%) | 5 (10.0) | 12 (25.0) | 0.04 |\n\nEDSS, mean (SD) | 3.1 (1.2) | 3.3 (1.1) | 0.41 |\n\nNote: not a row\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        assert_eq!(t.tables[0].rows.len(), 3);
        let (table, row, cell) = t.at(text.find("3.3").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Placebo (n=48)");
    }

    // A section row naming a trial with its citations spans a table: still its row.
    #[test]
    fn a_long_section_label_over_empty_cells_stays_in_its_table() {
        let text = "Analysis | Arm | N | HR | P |\n---|---|---|---|---|\nFIRST study (Smith et al, 2008; Jones et al, 2007; Brown et al, 2007; Smith et al, 2007; Green et al, 2008) | ||||\nInterim | Drug | 327 | 0.63 | <0.0001 |\nPlacebo | 322 | | |\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        assert_eq!(t.tables[0].rows.len(), 5);
        assert!(is_prose_row(
            "Note | This is running text laid out in a cell, which says what the authors did over many words in one sentence. |"
        ));
        assert!(!is_spanning_label_row(
            "Note | This is running text laid out in a cell, which says what the authors did over many words in one sentence. |"
        ));
    }

    // A first cell spanning the rows below it is printed once; the rows below open with the
    // second column, and stand under their columns again.
    #[test]
    fn a_first_cell_spanning_rows_below_is_put_back_empty() {
        let text = "Analysis | Arm | N | HR | P |\n---|---|---|---|---|\nInterim | Drug | 327 | 0.63 | <0.0001 |\nPlacebo | 322 | | |\nFinal | Drug | 369 | 0.71 | 0.02 |\nPlacebo | 363 | | |\n";
        let t = Tables::find(text);
        let (table, row, cell) = t.at(text.find("363").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "N");
        let (table, row, cell) = t.at(text.find("Placebo | 322").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Arm");
        // Two cells spanning: a group and its n, over its time points.
        let text = "Group | N | Time | Glucose | Insulin |\nControl | 120 | Day 1 | 9.44±1.94 | 22.8±5.9 |\nDay 7 | 7.21±2.19 | 21.3±7.1 | ||\nDrug | 120 | Day 1 | 10.09±2.86 | 23.3±7.7 |\nDay 7 | 6.29±1.39 | 16.6±6.4 | ||\n";
        let t = Tables::find(text);
        let (table, row, cell) = t.at(text.find("16.6").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Insulin");
        let (table, row, cell) = t.at(text.find("Day 7 | 6.29").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Time");
        // A table whose rows each open with their own label is left as it is.
        let text =
            "Outcome | Drug | Placebo |\n---|---|---|\nScore | 5.1 | 6.3 |\nPain | 2.2 | 2.9 |\n";
        let t = Tables::find(text);
        let (table, row, cell) = t.at(text.find("2.9").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Placebo");
    }

    // A header whose cells were copied a line each, each closed by its separator, is one
    // header row over the data.
    #[test]
    fn a_glued_row_one_value_short_where_a_value_is_broken_is_no_row() {
        // Made-up numbers; `27. 3 (4.1)` is a value whose copy set its digits apart: the
        // values after it would slide one column over.
        let text = "Table 1. Baseline\nDrug (n = 50)Placebo (n = 48)Other (n = 40)\nAge, mean (SD)52.1 (10.2)51.3 (9.8)50.2 (9.9)\nBMI, mean (SD)26.1 (4.2)27. 3 (4.1)26.8 (4.0)\nWeight, mean (SD)80.1 (12.2)79.3 (11.8)78.2 (10.9)\nScore, mean (SD)10.1 (2.2)11.3 (2.8)12.2 (2.9)\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:#?}", t.tables);
        let in_a_row = |v: &str| {
            let at = text.find(v).unwrap();
            t.at(at)
                .is_some_and(|(table, row, _)| row >= table.header_rows)
        };
        assert!(in_a_row("80.1") && in_a_row("52.1"));
        assert!(!in_a_row("26.8"));
    }

    #[test]
    fn a_header_row_over_dashes_below_a_data_row_starts_a_new_table() {
        // Made-up numbers: two Markdown tables pasted with no line between them.
        let text = "調査症例数 | 1,000 |\n発現例数(%) | 5(0.50) |\n種類 | 発現件数(%) |\n---|---|\nそう痒感 | 2(0.20) |\n便意 | 1(0.10) |\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 2, "{:#?}", t.tables);
        let second = &t.tables[1];
        assert_eq!(second.header_rows, 2);
        assert_eq!(second.column_header(text, 2, 1), "発現件数(%)");
        // Dashes right under a table's own header split nothing.
        let text = "Group | Drug | Placebo |\n---|---|---|\nAge | 50 | 51 |\nWeight | 70 | 71 |\n";
        assert_eq!(Tables::find(text).tables.len(), 1);
    }

    #[test]
    fn header_cells_a_line_each_are_one_header_row() {
        let text = "Outcome | Therapy (N=69) |\nEscitalopram (N=86) |\nDuloxetine (N=79) |\nNon-response, n (%) | 15 (21.7) | 15 (17.4) | 10 (12.7) |\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let (table, row, cell) = t.at(text.find("10 (12.7)").unwrap()).unwrap();
        assert_eq!(table.column_header(text, row, cell), "Duloxetine (N=79)");
    }

    #[test]
    fn glued_spreads_run_into_the_next_mean_cut_where_the_columns_print_alike() {
        // Made-up rows as a journal page's table copies when its cells lose their spaces.
        let texts = |s: &str| -> Vec<String> {
            glued_cells(s)
                .unwrap()
                .into_iter()
                .map(|(c, _)| s[c].to_string())
                .collect()
        };
        // Whole numbers: the next mean has as many digits as the one before.
        assert_eq!(
            texts("349±136402±179388±135"),
            ["349±136", "402±179", "388±135"]
        );
        // The spread prints fewer decimals than its mean.
        assert_eq!(
            texts("2.16±0.42.35±0.52.31±0.5"),
            ["2.16±0.4", "2.35±0.5", "2.31±0.5"]
        );
        assert_eq!(texts("23.2±1221.7±7"), ["23.2±12", "21.7±7"]);
        // `21.7±718.4`: `7|18.4` prints the mean as the one before, `71|8.4` the spread as
        // the one before; no cut is made where the two disagree.
        assert_eq!(
            spread_before_next_mean("718.4±7", (2, 1), Some((2, 0))),
            None
        );
        // A change column after the levels: the spread prints as the row's spreads do; the
        // p after the last spread opens `0.`.
        assert_eq!(texts("61±163±12±10.012"), ["61±1", "63±1", "2±1", "0.012"]);
        assert_eq!(texts("54±155±11±00.002"), ["54±1", "55±1", "1±0", "0.002"]);
        // Where the mean's digits and the spread's digits point to different cuts (`16|939`
        // as the means print, `169|39` as the spreads), nothing decides: no cut is made.
        assert_eq!(
            spread_before_next_mean("16939±34", (3, 0), Some((3, 0))),
            None
        );
        // Decimals printed alike are read as before.
        assert_eq!(texts("69.4±6.569.6±7.4"), ["69.4±6.5", "69.6±7.4"]);
    }

    #[test]
    fn a_glued_header_of_groups_under_times_then_the_comparisons_columns() {
        // Made-up values; the upper line spans the groups under each time and the
        // comparison's own two columns.
        let text = "Table 2\n\nOutcome variableBaselineAfter interventionBetween-group difference\nExercise groupControlExercise groupControlDifference (95% CI)p Value\nPeak flow (L/min)1.38±0.371.28±0.461.76±0.491.39±0.510.26 (0.11 to 0.42)0.005\nGrip strength (kg)19.2±5.118.1±5.523.3±5.519.0±6.03.4 (1.3 to 5.5)0.002\nWalk distance (m)71.1±16.372.3±18.577.9±16.278.4±22.80.6 (−4.2 to 5.4)0.738\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        let row = table.header_rows;
        assert_eq!(cells_of(text, table, row)[0], "Peak flow (L/min)");
        assert_eq!(table.column_header(text, row, 1), "Baseline Exercise group");
        assert_eq!(
            table.column_header(text, row, 4),
            "After intervention Control"
        );
        assert!(
            table
                .column_header(text, row, 5)
                .contains("Difference (95% CI)")
        );
        assert!(names_p(&table.column_header(text, row, 6)));
        // `Table. 1—` is a title too.
        assert!(is_title("Table. 1—") && is_title("Table 2") && !is_title("Tablet 2"));
    }

    #[test]
    fn groups_under_each_time_with_their_own_ns_and_a_cell_not_assessed() {
        // Made-up values: the groups' n's differ at each time; a visit where a measure was
        // not taken prints `Not assessed` in its columns.
        let text = "Table 3\n\nMean±SD of groups\n\nMonth 0Month 6\nIntervention (n=290)Control (n=315)Intervention (n=269)Control (n=272)\nSteps (number)6495±29766306±2885Not assessedNot assessed\nTotal score32.04±18.6929.10±17.1932.94±18.5431.16±17.08\nSedentary (min/week)514.29±119.14505.6±124.21519.46±138.89504.57±144.96\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1);
        let table = &t.tables[0];
        let row = table.header_rows + 1;
        assert_eq!(cells_of(text, table, row)[0], "Total score");
        assert_eq!(
            table.column_header(text, row, 1),
            "Month 0 Intervention (n=290)"
        );
        assert_eq!(table.column_header(text, row, 4), "Month 6 Control (n=272)");
        let steps = cells_of(text, table, table.header_rows);
        assert_eq!(
            steps,
            [
                "Steps (number)",
                "6495±2976",
                "6306±2885",
                "Not assessed",
                "Not assessed"
            ]
        );
    }

    #[test]
    fn a_signed_value_after_a_units_exponent_opens_the_rows_values() {
        let line = "∆ BMI, kg/m2-0.4 (-0.9; 0.0)-0.3 (-0.8; 0.0)";
        let cells = glued_row(line, 0).unwrap();
        let texts: Vec<&str> = cells.iter().map(|c| &line[c.clone()]).collect();
        assert_eq!(
            texts,
            ["∆ BMI, kg/m2", "-0.4 (-0.9; 0.0)", "-0.3 (-0.8; 0.0)"]
        );
    }

    #[test]
    fn a_spread_glued_to_a_mean_with_its_thousands_separator() {
        // No number prints a thousands separator after its point: `598.71,527.3` is a spread
        // and the next cell's mean.
        let s = "1,551.2 ± 598.71,527.3 ± 535.0";
        let texts: Vec<&str> = glued_cells(s)
            .unwrap()
            .into_iter()
            .map(|(c, _)| &s[c])
            .collect();
        assert_eq!(texts, ["1,551.2 ± 598.7", "1,527.3 ± 535.0"]);
        let items = crate::draft::read_items(&format!("Energy intake (kcal/d){s}"));
        let means: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == crate::draft::ItemKind::MeanSpread)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(means, ["1,551.2 ± 598.7", "1,527.3 ± 535.0"]);
    }

    #[test]
    fn header_names_a_line_each_lose_the_bar_that_closes_them() {
        let text = "Table 1.\n| Completers |\nBIKE |\nMOD |\n|\n|---|---|---|---|\n| (n=74) | (n=14) | (n=18) | |\n| Body weight, kg | 91 (12) | 88.0 (10.0) | 90.9 (11.6) |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        let row = table.rows.len() - 1;
        assert_eq!(table.column_header(text, row, 2), "BIKE (n=14)");
    }

    #[test]
    fn a_single_spaced_header_under_no_title_whose_first_words_name_the_stub() {
        // Made-up values of one group at three visits, the cells set apart by single spaces.
        let text = "Outcome (n = 49) Baseline Day 90 Day 180 p Value\nHeart rate 66.9 ± 8.3 64.7 ± 7.5 61.5 ± 7.6 <0.001\nSystolic BP 135.0 ± 7.5 133.0 ± 6.2 127.7 ± 6.7 <0.001\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let row = table.rows.len() - 1;
        assert_eq!(table.row_label(text, row), "Systolic BP");
        assert_eq!(table.column_header(text, row, 2), "Day 90");
        assert_eq!(table.column_header(text, row, 4), "p Value");
        // A caption's words name no stub: no header, no table.
        let caption = "Changes seen Baseline Day 90 Day 180 p Value\nHeart rate 66.9 ± 8.3 64.7 ± 7.5 61.5 ± 7.6 <0.001\nSystolic BP 135.0 ± 7.5 133.0 ± 6.2 127.7 ± 6.7 <0.001\n";
        assert!(Tables::find(caption).tables.is_empty());
    }

    #[test]
    fn header_names_a_line_each_with_no_rule_under_them_name_the_columns() {
        // Made-up values in a page's table copied so: the set's spanning name, a row of empty
        // cells, the stub's empty cell, then each group's name a line, the row's closing bar
        // alone, and a section's label over the data rows.
        let text = "Table 3.\n| Full set |\nSubgroup |\n||||||\n| |\nTotal |\nHigh dose |\nPlacebo |\nTotal |\nHigh dose |\nPlacebo |\n|\n| Stool frequency | ||||||\n| Day 0 | 4.5 ± 2.2 | 4.8 ± 2.4 | 4.1 ± 1.6 | 2.7 ± 0.8 | 2.6 ± 0.8 | 2.7 ± 0.9 | |\n| Day 28 | 5.1 ± 2.1 | 5.5 ± 2.4 | 4.5 ± 1.7 | 4.2 ± 2.1 | 4.6 ± 1.8 | 3.5 ± 1.5 | |\n";
        let t = Tables::find(text);
        let table = &t.tables[0];
        let row = table.rows.len() - 1;
        assert_eq!(table.column_header(text, row, 1), "Total");
        assert_eq!(table.column_header(text, row, 2), "High dose");
        assert_eq!(table.column_header(text, row, 6), "Placebo");
        // A run of one-cell lines that is not as long as the data rows are wide names nothing.
        let short = text.replace("Placebo |\n|\n", "|\n");
        let t = Tables::find(&short);
        let table = &t.tables[0];
        assert_eq!(table.column_header(&short, table.rows.len() - 1, 2), "");
    }

    #[test]
    fn a_table_a_cell_a_line_with_each_row_opened_and_closed_by_its_bar() {
        // Made-up values: a Markdown table whose cells a converter put a line each. `| |` is
        // an empty cell, two bars on lines in a row end one row and open the next.
        let text = "Table 2\n| |\nGroup A\n|\nGroup A\n| |\nGroup B\n|\nGroup B\n| |\n|---|\n|\nPre\n|\nPost\n| |\nPre\n|\nPost\n| |\n|---|\n|\nPain\n|\n70.4 (21.9)\n|\n29.1 (26.6)\n|\n0.01\n|\n71.8 (16.4)\n|\n27.5 (22.5)\n|\n0.02\n|\n|\nSleep\n|\n40.6 (31.9)\n|\n20.5 (25.4)\n|\n0.03\n|\n39.8 (32.1)\n|\n24.2 (28.0)\n|\n0.04\n|\n";
        let t = Tables::find(text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let row = table.rows.len() - 1;
        assert_eq!(table.row_label(text, row), "Sleep");
        assert_eq!(table.column_header(text, row, 1), "Group A Pre");
        assert_eq!(table.column_header(text, row, 5), "Group B Post");
        let cell = |k: usize| text[table.rows[row].cells[k].clone()].trim();
        assert_eq!((cell(1), cell(3), cell(6)), ("40.6 (31.9)", "0.03", "0.04"));
        // Cells each closed by their bar alone (`---|` the rule) end no row at two bars:
        // that copy is another reader's.
        let closed = "Table 2\n|\nGroup A\n|\nGroup B\n|\n---|\nPain\n|\n70.4 (21.9)\n|\n71.8 (16.4)\n|\nSleep\n|\n40.6 (31.9)\n|\n39.8 (32.1)\n|\n";
        assert!(find_bracketed_cell_lines(closed, &line_ranges(closed), &[]).is_empty());
    }

    #[test]
    fn a_cell_a_line_header_of_names_spanning_the_blocks_they_stand_over() {
        // Made-up values in a page's copy a cell a line, blank lines between the cells: the
        // groups' names and the comparison's span the columns' names, which repeat one block
        // under each group.
        let text = cells_under_spanning_names();
        let t = Tables::find(&text);
        assert_eq!(t.tables.len(), 1, "{:?}", t.tables);
        let table = &t.tables[0];
        let row = table.rows.len() - 1;
        assert_eq!(table.row_label(&text, row), "Walking MET-mins/week");
        assert_eq!(table.column_header(&text, row, 1), "Drug N");
        assert_eq!(
            table.column_header(&text, row, 5),
            "Placebo Mean (95% CI)(a) or median (IQR)"
        );
        assert_eq!(
            table.column_header(&text, row, 7),
            "Difference Estimate (95% CI)(b)"
        );
        assert_eq!(table.column_header(&text, row, 8), "Difference p");
    }
}
