//! The structure of a table as text extraction leaves it (cells set apart by `|` or tabs):
//! the header row names the columns, the row labels name measures and time points
//! ([`super::structure`] owns the types and the rules for running text).
//!
//! - The header is the first row with cells and no mean ± spread. A header cell that names a
//!   statistic (p, difference, CI, ratio, total, 群間差, p値) is a statistic column; one that
//!   names a time (`Baseline`, `Week 12`, `治療前`) a time column; any other a group column,
//!   its `n = 60` / `N = 120` that group's n.
//! - With group columns, a row labelled with a time is a time point of the measure named by
//!   the section row above it (a label with no numbers); any other label is a measure of its
//!   own at one time point; a row labelled as a change (`change from baseline`) is a measure
//!   of changes. A label printing each group's n (`SF-12 (n = 75 intervention, n = 66
//!   control)`, each n naming a group of the header) gives those n's to the rows under it
//!   (a section's label) or to its own row, which then stands outside the section above. The statistic cells of a row are its comparison. A row naming a measure with
//!   only p-values beside it (the groups' comparison on the measure's own row) is a section
//!   label too.
//! - With time columns, each row is one measure's time course. A time over what its cells
//!   print (`Before` over `Mean | SD`, read `Before Mean`; `M0 M (SD)`) is that time; a
//!   visit's code (`T0`, `M6`, `V1`, `D28`, `W12`) is a time in a header.
//! - A column headed `Group` (`Arm`, `群`) names each row's group: each row is its group's
//!   time course, the next group's row (its label cell left empty) the same measure, and the
//!   rows of one measure its arms; a row's p is then its group's change, no comparison of
//!   the arms. A group's n is the one printed right after its short name anywhere (`(IG: n =
//!   13, CG: n = 26)` in the caption), or the one printed in its cell (`Metformin (n = 40)`).
//!   A column headed by what the groups were given (`Treatment`, `Medication`) whose cells
//!   name and print no values is such a column too. The mirror layout, the groups in the
//!   stub and the measures in the column beside it (`Group | Parameter | Baseline | …`, `群 |
//!   項目 | …`), is read as the same table with those two columns swapped, a group's name
//!   printed on its first row only (a spanning cell) standing for the rows under it.
//! - A column headed `Time` (`Timepoint`, `Visit`, `時期`) beside the stub names each row's
//!   time: the stub names the measure (printed on each row, or on its first row only), the
//!   rows are its course and the columns right of them its groups.
//! - Rows labelled with times run as one time course while their times are new; the labels
//!   printed among them (a spanning label copied at the height of its middle) name it, and a
//!   row printing fewer of the groups is those groups' next visit.
//! - The same groups printed side by side for several sets of patients (`Drug | Placebo | p |
//!   Drug | Placebo | p`) are read as one table per set, each set's groups its own; where a
//!   time spans each set instead (`Baseline | Month 6` over the groups printed again under
//!   each), the table is one, each column its group at the time over it, with the n printed
//!   over that column.
//! - Letters over the columns that the caption or legend spells out (`C = control group; I =
//!   intervention group`) name the groups they spell.

use std::ops::Range;

use super::header_words::{
    Stat, cell_index, header_time, n_brackets_removed, names_a_group, names_row_groups,
    names_row_times, names_the_measures, names_what_groups_receive, row_items, stat_of, time_only,
    without_ns,
};
use super::model::{Cell, Comparison, Measure, N_NOT_PRINTED, Shape, Structure, group_index};
use crate::draft::cues;
use crate::draft::table::{Row, Table};
use crate::draft::{Item, ItemKind, Sentences};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Label,
    Group(usize),
    /// A column headed `Group` (`Arm`, `群`) whose cells name each row's group: the rows are
    /// the groups, the other columns their times.
    RowGroup,
    /// A column headed `Time` (`Timepoint`, `Visit`, `時期`) beside the stub, whose cells name
    /// each row's time: the stub names the measure (or is left empty under it), the rows are
    /// its course.
    RowTime,
    Time,
    Statistic(Stat),
    /// A column whose header names no group, time or statistic the reader knows, beside
    /// others like it: its cells are left unplaced.
    Unnamed,
}

/// Does a p column's header name the baseline as its only time (`p ANOVA Pla/Pro T0`,
/// `Baseline p value`, `p (M0)`), not a change from it (`T0-T2`, `change from baseline`)?
fn p_at_baseline(header: &str) -> bool {
    static CODE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let code = CODE.get_or_init(|| {
        regex::Regex::new(r"(?i)(?:^|[\s(/])(?:[TMVWD]\s?0|baseline|pre-?treatment)(?:$|[\s)/,])")
            .expect("the baseline code pattern is valid")
    });
    let h = header.to_lowercase();
    let ranged = h.contains(['-', '–', '→']) || h.contains(" to ") || names_change(&h);
    code.is_match(header) && !ranged
}

/// Does the document name `label` as a group in its running text (`the CBT group`, `CBT
/// arm`, `本剤群`, `CBT-treated`)?
fn named_as_group_in(original: &str, label: &str) -> bool {
    let label = label.trim();
    if label.chars().count() < 2 {
        return false;
    }
    let text = original.to_lowercase();
    let label = label.to_lowercase();
    [
        " group",
        " arm",
        " cohort",
        "群",
        "グループ",
        "-treated",
        " treated",
    ]
    .iter()
    .any(|w| text.contains(&format!("{label}{w}")))
}

/// Does a table's caption, header or legend say its columns are groups compared (`between
/// groups`, `between-group`, `by treatment group`, `群間`, `群別`)?
fn compares_groups(statement: &str) -> bool {
    let t = statement.to_lowercase().replace(['‐', '‑', '–'], "-");
    [
        "between group",
        "between-group",
        "between the group",
        "treatment group",
        "by group",
        "群間",
        "群別",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The measure each time course in a table's rows is of, where its name is printed among its
/// rows rather than above them: a page's table copied a cell a line prints a label that spans
/// several rows (`DLQI(OC)`, then `(16 歳以上)`) between them, at the height of its middle.
/// A time course runs while its rows' times are new (`ベースライン`, `4週` … `68 週`); a
/// time printed again (`4週`) starts the next one, and a row of another kind ends it. Every
/// label printed between a time course's first row and its last, and those right above its
/// first, name it, joined in order. For each of `rows`: `Some(name)` for a row of a time
/// course with a label printed among its rows (`None` inside when no label names it);
/// `None` for other rows, and for a time course whose labels all stand above it, which
/// [`read_table`] reads under its section row as before.
fn time_block_names(original: &str, items: &[Item], rows: &[Row]) -> Vec<Option<Option<String>>> {
    /// One time course of the rows.
    struct Course {
        labels: Vec<String>,
        times: Vec<String>,
        rows: Vec<usize>,
        /// Whether a label stood among its rows.
        label_among: bool,
    }
    let mut blocks: Vec<Course> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut open = false;
    for (r, row) in rows.iter().enumerate() {
        let label = row.cells.first().map_or("", |c| original[c.clone()].trim());
        let has_items = row_items(items, row).any(|(_, c)| c >= 1);
        if !has_items {
            if !label.is_empty() && !label.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
                pending.push(label.to_string());
            }
            continue;
        }
        let time = header_time(label)
            .filter(|_| !cues::change_words(label))
            .map(|t| t.split_whitespace().collect::<String>());
        match (time, blocks.last_mut()) {
            (Some(t), Some(b)) if open && !b.times.contains(&t) => {
                b.label_among |= !pending.is_empty();
                b.labels.append(&mut pending);
                b.times.push(t);
                b.rows.push(r);
            }
            (Some(t), _) => {
                blocks.push(Course {
                    labels: std::mem::take(&mut pending),
                    times: vec![t],
                    rows: vec![r],
                    label_among: false,
                });
                open = true;
            }
            (None, _) => {
                pending.clear();
                open = false;
            }
        }
    }
    let mut out = vec![None; rows.len()];
    for course in blocks {
        // A label among the rows says the layout is this one; a time course with one label
        // above it and none among its rows is read as before, under its section.
        if !course.label_among {
            continue;
        }
        let name = (!course.labels.is_empty()).then(|| course.labels.join(" "));
        for r in course.rows {
            out[r] = Some(name.clone());
        }
    }
    out
}

/// The rows of a table whose columns are times (`Week 0 | Week 4 | … | p`), with no `Group`
/// column, that name the groups under each section's label (`Weight (kg)`, then `Placebo`
/// and `HMB-FA` rows), as journals print a grid of measures by groups by visits: a section
/// of two value rows or more, none labelled with a time, a change or a statistic, where one
/// row's label names a group ([`names_a_group`]; its siblings are then groups too). For each
/// such row `Some(last)`, where `last` says the row is the section's last and the only one
/// to print a p: that p is the groups' comparison, not the row's change. `None` for every
/// other row.
fn groups_named_by_rows(
    original: &str,
    items: &[Item],
    body: &[Row],
    header: &Header,
) -> Vec<Option<bool>> {
    // Under a stub headed by the groups' word (`Group | Baseline | 1 month | 3 months`), the
    // rows before any section's label are a section of their own: the table's measure.
    let stub_names_groups = header.groups_in_rows;
    let mut out = vec![None; body.len()];
    let times = header
        .columns
        .iter()
        .filter(|c| **c == Column::Time)
        .count();
    if times < 2 || header.columns.contains(&Column::RowGroup) {
        return out;
    }
    let members = |row: &Row| -> Vec<&Item> {
        row_items(items, row)
            .filter(|&(_, c)| c >= 1)
            .map(|(j, _)| &items[j])
            .collect()
    };
    let label = |row: &Row| row.cells.first().map_or("", |c| original[c.clone()].trim());
    let mut sections: Vec<Vec<usize>> = Vec::new();
    let mut open = stub_names_groups;
    if open {
        sections.push(Vec::new());
    }
    for (r, row) in body.iter().enumerate() {
        if members(row).is_empty() {
            open = !label(row).is_empty();
            if open {
                sections.push(Vec::new());
            }
        } else if let (true, Some(section)) = (open, sections.last_mut()) {
            section.push(r);
        }
    }
    for section in sections {
        let labels: Vec<&str> = section.iter().map(|&r| label(&body[r])).collect();
        let plain = labels.iter().all(|l| {
            !l.is_empty()
                && header_time(l).is_none()
                && !cues::change_words(l)
                // (`CI` as a word: a group's name such as `Exercise` holds its letters.)
                && stat_of(l).is_none_or(|st| st == Stat::Ci && !names_ci(l))
                && !cues::difference_word(l)
        });
        if section.len() < 2
            || !plain
            || !(stub_names_groups || labels.iter().any(|l| names_a_group(l)))
        {
            continue;
        }
        let with_p: Vec<usize> = section
            .iter()
            .copied()
            .filter(|&r| members(&body[r]).iter().any(|i| i.kind == ItemKind::P))
            .collect();
        let last = *section.last().expect("two rows or more");
        for &r in &section {
            out[r] = Some(with_p == [last] && r == last);
        }
    }
    out
}

/// Does a label name a confidence interval by its word (`95% CI`, `CI`, `信頼区間`)?
fn names_ci(label: &str) -> bool {
    let l = label.to_lowercase();
    l.contains("95%")
        || l.contains("信頼区間")
        || l.split(|c: char| !c.is_alphanumeric()).any(|w| w == "ci")
}

/// Does a column header say its cells are changes (`Change (Δ)`, `Absolute change`, `%
/// change`, `変化量`)? Under a group's name they are that group's changes; alone, a
/// statistic of one group, never a group.
fn names_change(header: &str) -> bool {
    let h = header.to_lowercase();
    [
        "change",
        "δ",
        "delta",
        "変化量",
        "変化率",
        "変化",
        "reduction",
        "improvement",
    ]
    .iter()
    .any(|w| h.contains(w))
}

/// What a table's header says of its columns: the part each plays, and what its header cells
/// add (a time, what the cells print, a change).
struct Header<'t> {
    /// The header cells standing over each column.
    cells_over: std::borrow::Cow<'t, [Vec<Range<usize>>]>,
    /// The lowest header row naming a column (the rows after it are read: section labels,
    /// then data).
    row: usize,
    /// That row's line in the plain text, named in the evidence.
    line: usize,
    columns: Vec<Column>,
    /// What each time column's cells print, apart from its time (`mean (sd)`, `% (sd)`): the
    /// cells of one row under different descriptors are different measures.
    descriptors: Vec<String>,
    /// The time each group column stands under, where a header row names it (`Sertraline
    /// group (n = 30)` over `Baseline | Week 8`): a grid of groups by times.
    column_time: Vec<Option<String>>,
    /// The group columns headed by a change (`Placebo` over `Baseline | Change`): their cells
    /// are another measure than the cells beside them.
    column_change: Vec<bool>,
    /// The n each group column's own header prints (`Control (n = 25)` under `Month 6`):
    /// where the same group heads several columns (one at each time), each column's n.
    column_n: Vec<Option<usize>>,
    /// The stub's header names the groups (`Group`, `群`, `グループ`): each row names its
    /// group, and the columns are what was measured (`Glucose | Insulin`), never groups.
    groups_in_rows: bool,
    /// The unit of the times printed as bare numbers over the columns, where the stub's header
    /// cell names it (`Week of study`).
    stub_unit: Option<String>,
    /// The groups of columns headed by their n alone (`n = 26`): nothing says whether they are
    /// different groups or one group's analysis sets (`OC | PPS` under each arm's name).
    named_by_n_only: Vec<usize>,
}

/// Read the header of a table: what each column is; each group column's group (and its n) is
/// added to the structure.
fn read_header<'t>(
    doc: &Sentences,
    items: &[Item],
    model: &'t Table,
    s: &mut Structure,
) -> Header<'t> {
    let mut cells_over = std::borrow::Cow::Borrowed(model.column_headers());
    // A `Time point` header cell over the first column of values, where the body prints each
    // row's time in the stub (a section's label above: `% P. gingivalis`, then `Day 0 | 14.2
    // ± 17.6 | …`): the header names the stub's times, one cell more than the rows, and every
    // name after it stands one column to the right of its values.
    if stub_prints_the_times_named_beside_it(doc.original, model, &cells_over) {
        cells_over.to_mut().remove(1);
    }
    let row = model.rows[..model.header_rows]
        .iter()
        .rposition(|r| {
            cells_over.iter().flatten().any(|c| {
                r.cells
                    .iter()
                    .any(|rc| rc.start <= c.start && c.end <= rc.end)
            })
        })
        .unwrap_or(0);
    let mut header = Header {
        // (A borrowed header is copied as a reference; a shifted one, once per table.)
        cells_over: cells_over.clone(),
        row,
        line: doc.plain.line_of(model.rows[row].line.start),
        columns: vec![Column::Label],
        descriptors: vec![String::new()],
        column_time: vec![None],
        column_change: vec![false],
        column_n: vec![None],
        groups_in_rows: stub_names_the_rows_groups(doc.original, &cells_over),
        named_by_n_only: Vec::new(),
        stub_unit: cells_over.first().and_then(|stub| {
            stub.iter()
                .map(|c| doc.original[c.clone()].trim())
                .find(|t| crate::draft::table::is_time_unit(t))
                .map(str::to_string)
        }),
    };
    let groups_before = s.groups.len();
    // The header cell right over each column's body (a multi-level header's lowest).
    let lowest: Vec<&str> = cells_over
        .iter()
        .map(|cells| {
            cells
                .iter()
                .rev()
                .map(|c| doc.original[c.clone()].trim())
                .find(|t| !t.is_empty())
                .unwrap_or("")
        })
        .collect();
    for (ci, cells) in cells_over.iter().enumerate().skip(1) {
        // A `Time point` header over a column that the body fills with values (the rows
        // shifted left, their times in the stub under a section's label) names the stub's
        // times, not this column's.
        let header_text = crate::draft::table::header_text(doc.original, cells);
        let row_times =
            names_row_times(&header_text) && body_names_times(doc.original, model, row, ci);
        // A column headed by what the groups were given (`Treatment`, `Medication`) whose
        // body prints names and no values: each row's group.
        let row_groups = names_row_groups(&header_text)
            || (names_what_groups_receive(&header_text)
                && body_names_groups(doc.original, items, model, row, ci));
        let mut column = header.column_of(
            doc.original,
            items,
            model,
            s,
            (cells, row_times, row_groups),
        );
        // A column read as a difference by a header naming the statistics together
        // (`Between-group differences` over `t | P`) prints what its own cell names: a test's
        // statistic (`t`, `χ2`; `F` beside its `P`), a p, a difference.
        let f_beside_its_p = lowest[ci] == "F"
            && lowest
                .get(ci + 1)
                .is_some_and(|next| crate::draft::table::names_p(&next.to_lowercase()));
        if column == Column::Statistic(Stat::Difference) {
            if crate::draft::table::names_test_statistic(lowest[ci]) || f_beside_its_p {
                column = Column::Statistic(Stat::Other);
            } else if let Some(st) = stat_of(lowest[ci]) {
                column = Column::Statistic(st);
            }
        }
        header.columns.push(column);
    }
    header.unname_groups_nothing_calls_so(doc.original, items, model, s, groups_before);
    header.drop_columns_totalling_others(items, model, s, groups_before);
    header
}

/// Whether the header's second column is named as the rows' times (`Time point`) while the
/// body prints values under it and each row's time in its stub: the header one cell wider
/// than the rows, the `Time point` cell over the stub's times.
fn stub_prints_the_times_named_beside_it(
    original: &str,
    model: &Table,
    cells_over: &[Vec<Range<usize>>],
) -> bool {
    let Some(over) = cells_over.get(1) else {
        return false;
    };
    if !names_row_times(&crate::draft::table::header_text(original, over)) {
        return false;
    }
    let mut rows = model.rows[model.header_rows..]
        .iter()
        .filter(|r| prints_a_value_after(original, r, 1))
        .peekable();
    rows.peek().is_some()
        && rows.all(|r| {
            let stub = original[r.cells[0].clone()].trim();
            let under = original[r.cells[1].clone()].trim();
            header_time(stub).is_some() && header_time(under).is_none()
        })
}

/// Whether a cell right of column `ci` of row `r` prints a digit: a row of values, not a
/// section's label.
fn prints_a_value_after(original: &str, r: &Row, ci: usize) -> bool {
    r.cells.len() > ci + 1
        && r.cells[ci + 1..]
            .iter()
            .any(|c| original[c.clone()].contains(|ch: char| ch.is_ascii_digit()))
}

/// Whether every body row (below header row `header_row`) that prints a value names
/// something in column `ci` and prints none of its values there (a group's n aside): a
/// column of the rows' groups.
fn body_names_groups(
    original: &str,
    items: &[Item],
    model: &Table,
    header_row: usize,
    ci: usize,
) -> bool {
    let mut rows = model.rows[header_row + 1..]
        .iter()
        .filter(|r| prints_a_value_after(original, r, ci))
        .peekable();
    rows.peek().is_some()
        && rows.all(|r| {
            !original[r.cells[ci].clone()].trim().is_empty()
                && !row_items(items, r).any(|(j, c)| c == ci && items[j].kind != ItemKind::N)
        })
}

/// Whether every body row (below header row `header_row`) that prints a value names a time in
/// column `ci` (`Baseline`, `Week 8`) or leaves it empty: a column of the rows' times.
fn body_names_times(original: &str, model: &Table, header_row: usize, ci: usize) -> bool {
    model.rows[header_row + 1..]
        .iter()
        .filter(|r| prints_a_value_after(original, r, ci))
        .all(|r| {
            let cell = original[r.cells[ci].clone()].trim();
            cell.is_empty() || header_time(cell).is_some()
        })
}

impl Header<'_> {
    /// Whether a column past the stub has no header cell over it (`Day 1 | Day 2 | P value`
    /// over rows printing three values and a p): the header's names are not the columns'.
    fn leaves_a_column_unnamed(&self) -> bool {
        self.cells_over.iter().skip(1).any(|cells| cells.is_empty())
    }

    /// The group of each of the header's group columns, left to right (a group heading
    /// several columns, one at each time, is listed at each).
    fn column_groups(&self) -> Vec<usize> {
        self.columns
            .iter()
            .filter_map(|c| match c {
                Column::Group(g) => Some(*g),
                _ => None,
            })
            .collect()
    }

    /// Does the header name no group, time or comparison over its columns, so that they may
    /// be measures ([`super::measure_columns`])? A column read as a group only because its
    /// header names nothing else (the caption comparing groups) counts as naming none; one
    /// whose header names a group ([`names_a_group`]) or prints an n does not.
    fn names_no_group_or_time(&self, original: &str, items: &[Item]) -> bool {
        self.columns.len() >= 2
            && self
                .columns
                .iter()
                .zip(self.cells_over.iter())
                .skip(1)
                .all(|(column, cells)| match column {
                    Column::Statistic(Stat::Other) | Column::Unnamed => true,
                    Column::Group(_) => {
                        let text = crate::draft::table::header_text(original, cells);
                        !names_a_group(&text)
                            && !items.iter().any(|i| {
                                i.kind == ItemKind::N
                                    && cells
                                        .iter()
                                        .any(|c| i.span[0] >= c.start && i.span[1] <= c.end)
                            })
                    }
                    _ => false,
                })
    }

    /// The part one column plays as the header cells over it say: what the cells print, a
    /// statistic, a time, a change, or (any other words) the group's name. `row_times`: the
    /// header names the rows' times over a body that prints them ([`Column::RowTime`]);
    /// `row_groups`: it names the rows' groups ([`Column::RowGroup`]).
    fn column_of(
        &mut self,
        original: &str,
        items: &[Item],
        model: &Table,
        s: &mut Structure,
        (cells, row_times, row_groups): (&[Range<usize>], bool, bool),
    ) -> Column {
        let text = crate::draft::table::header_text(original, cells);
        let all_parts: Vec<&str> = cells
            .iter()
            .map(|c| original[c.clone()].trim())
            .filter(|t| !t.is_empty())
            .collect();
        let (unit_time, stub_time, parts) = self.unit_time_and_parts(&all_parts);
        let cell_time = unit_time
            .as_ref()
            .map(|(t, _)| t.clone())
            .or_else(|| parts.iter().find_map(|t| header_time(t)));
        let cell_stat = parts.iter().find_map(|t| stat_of(t));
        // A column's n alone (`(n = 140)`, a header row of its own) under a time's name
        // (`Before run-in`) or a change's (`Estimated changes`) is that time's or change's
        // n: it names no group.
        let named_group = parts.iter().any(|t| {
            part_names_a_group(t)
                && !(crate::draft::table::is_n_cell(t)
                    && (cell_time.is_some() || parts.iter().any(|p| names_change(p))))
        });
        self.column_time.resize(self.columns.len(), None);
        if row_groups {
            return Column::RowGroup;
        }
        if row_times {
            return Column::RowTime;
        }
        // A column headed by a unit of time alone (`Weeks`, `Month`, `週`) prints each row's
        // time as a bare number, not a group's values.
        if names_only_the_stub(&text) || crate::draft::table::is_time_unit(&text) {
            return Column::Unnamed;
        }
        // A group's name over what its cells print, a central value with its interval
        // (`FFIT-FU-I` over `Mean (95% CI) or median (IQR)`): that group's values.
        let group_values = named_group && parts.last().is_some_and(|t| names_central_values(t));
        // A test's statistic (`t (df)`) or an effect size (`d`, `Cohen's d`) over its own
        // column heads no group, whatever spans it or nothing does.
        let statistic_alone = parts.last().is_some_and(|t| {
            crate::draft::table::names_test_statistic(t)
                || crate::draft::table::names_effect_size(t)
        });
        // What the cells print, and a p of no comparison of the outcome: left unplaced.
        if statistic_alone {
            Column::Statistic(Stat::Other)
        } else if group_values {
            self.group_column(original, items, model, s, cells, &text, &parts, cell_time)
        } else if text.is_empty()
            || crate::draft::table::describes_cells(&text)
            || self.p_of_no_comparison(original, &text, &parts, cell_stat)
        {
            Column::Statistic(Stat::Other)
        } else if let Some(st) = column_statistic(&text, cell_stat) {
            Column::Statistic(st)
        } else if let Some(t) = (!named_group)
            .then(|| {
                time_only(&text)
                    .or_else(|| header_time(&text))
                    .or_else(|| unit_time.as_ref().map(|(t, _)| t.clone()))
            })
            .flatten()
        {
            self.descriptors.resize(self.columns.len(), String::new());
            // A bare number under the stub's unit prints nothing else.
            let described = if stub_time {
                String::new()
            } else {
                n_brackets_removed(&text.replacen(&t, " ", 1))
            };
            self.descriptors.push(
                described
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
            );
            self.column_time.push(
                unit_time
                    .as_ref()
                    .filter(|_| stub_time)
                    .map(|(t, _)| t.clone()),
            );
            Column::Time
        } else if !named_group || self.groups_in_rows {
            // A change (`Absolute change`, `Change (%)`) or a time with what its cells print,
            // with no group's name over it: one group's statistic, never an arm. Under a
            // stub naming the groups, a column's name is a measure's, never an arm's: left
            // unplaced (each row's values are different measures of its group).
            Column::Statistic(Stat::Other)
        } else {
            self.group_column(original, items, model, s, cells, &text, &parts, cell_time)
        }
    }

    /// The column of a group, named in the header `cells` over it (`text` joined, `parts`
    /// the filled ones), with the time and n printed there.
    #[allow(clippy::too_many_arguments)]
    fn group_column(
        &mut self,
        original: &str,
        items: &[Item],
        model: &Table,
        s: &mut Structure,
        cells: &[Range<usize>],
        text: &str,
        parts: &[&str],
        cell_time: Option<String>,
    ) -> Column {
        let g = column_group(original, items, model, s, cells, text, self.columns.len());
        if crate::draft::table::is_n_cell(text) {
            self.named_by_n_only.push(g);
        }
        self.column_time.push(cell_time);
        self.column_change.resize(self.columns.len(), false);
        self.column_change
            .push(parts.iter().any(|t| names_change(t)));
        self.column_n.resize(self.columns.len(), None);
        self.column_n.push(items.iter().position(|i| {
            i.kind == ItemKind::N
                && cells
                    .iter()
                    .any(|c| i.span[0] >= c.start && i.span[1] <= c.end)
        }));
        Column::Group(g)
    }

    /// Is a p column's p no comparison of the groups' outcome: the groups' p at baseline
    /// (`p ANOVA Pla/Pro T0`, `Baseline p`), or the p of one group's change under that group's
    /// spanning name beside its times (`Yoga (N = 25)` over `Week 0 | Week 8 | p-value`)? Its
    /// cells are then left unplaced, for review.
    fn p_of_no_comparison(
        &self,
        original: &str,
        text: &str,
        parts: &[&str],
        cell_stat: Option<Stat>,
    ) -> bool {
        let p = cell_stat == Some(Stat::P) || stat_of(text) == Some(Stat::P);
        p && p_at_baseline(text)
            || cell_stat == Some(Stat::P) && self.under_a_group_before(original, parts)
    }

    /// Does one of a column's header cells (`parts`) name a group that heads a column before
    /// it: the same spanning cell over that group's columns and this one?
    fn under_a_group_before(&self, original: &str, parts: &[&str]) -> bool {
        let plain = |t: &str| -> String {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let earlier: Vec<String> = self
            .columns
            .iter()
            .zip(self.cells_over.iter())
            .filter(|(c, _)| matches!(c, Column::Group(_)))
            .flat_map(|(_, cells)| cells.iter().map(|c| plain(&original[c.clone()])))
            .collect();
        parts
            .iter()
            .filter(|t| stat_of(t).is_none())
            .map(|t| plain(t))
            .any(|t| t.chars().count() >= 2 && earlier.contains(&t))
    }

    /// Two columns or more read as groups only because their headers name nothing else are
    /// groups only where something says so: a header printing its n or naming a group
    /// ([`names_a_group`]), a sibling column doing so (`Tiotropium | Placebo`), the table's
    /// caption comparing groups (`between groups`, `群間`), or the document naming one of
    /// them as a group (`the CBT group`). A header the reader does not know (an unusual name
    /// of a visit, a measure's name over its column) is otherwise not made an arm: its cells
    /// stay unplaced, for review, rather than being compared as arms the text never names.
    /// Take a group column out of the groups where it is the whole of the group columns
    /// right beside it: its n is the sum of theirs, and the table's own rows say so, each
    /// row's count the sum of theirs or its mean the mean of theirs weighted by their n's
    /// (`RCT Cohort (n = 747)` beside `No Follow Up (n = 259) | FU Cohort (n = 488)`, and that
    /// one beside `Intervention (n = 233) | Comparison (n = 255)`). A total's patients are its
    /// parts', so it is no arm to compare them with: its cells are left unplaced, as under a
    /// `Total` header. Equal n's alone may be a design (a 1:1:2 randomisation); most rows
    /// agreeing is what no design gives by chance.
    fn drop_columns_totalling_others(
        &mut self,
        items: &[Item],
        model: &Table,
        s: &mut Structure,
        groups_before: usize,
    ) {
        let body = &model.rows[self.row + 1..];
        loop {
            let group_columns: Vec<(usize, usize, u64)> = self
                .columns
                .iter()
                .enumerate()
                .filter_map(|(c, col)| match col {
                    Column::Group(g) => {
                        let n = s.groups[*g].n.and_then(|j| items[j].parts.value.as_ref())?;
                        let v = n.number.value;
                        (v >= 1.0 && v.fract() == 0.0).then_some((c, *g, v as u64))
                    }
                    _ => None,
                })
                .collect();
            let total = (0..group_columns.len()).find(|&t| {
                let n = group_columns[t].2;
                let after = &group_columns[t + 1..];
                let before = &group_columns[..t];
                (2..=after.len())
                    .map(|k| &after[..k])
                    .chain((2..=before.len()).map(|k| &before[before.len() - k..]))
                    .any(|parts| {
                        parts.iter().map(|p| p.2).sum::<u64>() == n
                            && rows_total_their_parts(items, body, group_columns[t], parts)
                    })
            });
            let Some(t) = total else {
                return;
            };
            let (c, g, _) = group_columns[t];
            self.columns[c] = Column::Statistic(Stat::Other);
            // A group this header named, and no other column: out of the groups. One named
            // before (by the text) stays, an arm only where a measure places a cell in it.
            if g >= groups_before && !self.columns.contains(&Column::Group(g)) {
                s.groups.remove(g);
                for col in &mut self.columns {
                    if let Column::Group(h) = col {
                        if *h > g {
                            *h -= 1;
                        }
                    }
                }
            }
        }
    }

    fn unname_groups_nothing_calls_so(
        &mut self,
        original: &str,
        items: &[Item],
        model: &Table,
        s: &mut Structure,
        groups_before: usize,
    ) {
        let group_columns: Vec<(usize, usize)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(c, col)| match col {
                Column::Group(g) => Some((c, *g)),
                _ => None,
            })
            .collect();
        let mut distinct: Vec<usize> = group_columns.iter().map(|(_, g)| *g).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 2 {
            return;
        }
        let named = |c: usize, g: usize| {
            let cells = &self.cells_over[c];
            let text = crate::draft::table::header_text(original, cells);
            g < groups_before
                || s.groups[g].n.is_some()
                || items.iter().any(|i| {
                    i.kind == ItemKind::N
                        && cells
                            .iter()
                            .any(|r| i.span[0] >= r.start && i.span[1] <= r.end)
                })
                || names_a_group(&text)
                || named_as_group_in(original, &s.groups[g].label)
        };
        // A difference printed beside them in rows labelled with times (`Baseline`, `Week 12`):
        // what a row compares at one time are groups (the rows are the times).
        let time_rows = model.rows[self.row + 1..]
            .iter()
            .filter(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| header_time(original[c.clone()].trim()).is_some())
            })
            .count();
        let differences_at_times =
            time_rows >= 2 && self.columns.contains(&Column::Statistic(Stat::Difference));
        // A difference's name spanning its own columns after theirs (`FFIT-FU-I | FFIT-FU-C |
        // Difference` over each one's `N | Mean (95% CI) | p`): the columns it compares are
        // groups.
        let difference_spans_columns = self.columns.iter().enumerate().any(|(c, col)| {
            matches!(col, Column::Statistic(_))
                && self.cells_over.get(c).is_some_and(|over| {
                    over.len() >= 2 && cues::difference_word(original[over[0].clone()].trim())
                })
        });
        if group_columns.iter().any(|&(c, g)| named(c, g))
            || compares_groups(&model.statement)
            || differences_at_times
            || difference_spans_columns
        {
            return;
        }
        for (c, _) in group_columns {
            self.columns[c] = Column::Unnamed;
        }
        s.groups.truncate(groups_before);
    }

    /// A time printed in two header cells over a column (`Week`, `6`; or the unit alone in
    /// the stub's cell of the header row, `Week of study` over `0 4 8`, over no column: the
    /// bare number is then the whole time): the time with the unit's index in `all_parts`,
    /// whether the unit stood in the stub, and the parts left naming something else.
    fn unit_time_and_parts<'p>(
        &self,
        all_parts: &[&'p str],
    ) -> (Option<(String, usize)>, bool, Vec<&'p str>) {
        if let Some((t, at)) = unit_and_number(all_parts) {
            let rest = all_parts
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != at && *k != at + 1)
                .map(|(_, t)| *t)
                .collect();
            return (Some((t, at)), false, rest);
        }
        match (&self.stub_unit, all_parts) {
            (Some(unit), [number]) => match unit_and_number(&[unit.as_str(), number]) {
                Some(t) => (Some(t), true, Vec::new()),
                None => (None, false, all_parts.to_vec()),
            },
            _ => (None, false, all_parts.to_vec()),
        }
    }

    /// The time a time column's header names, alone (`Week 2`), not what the cells print
    /// under it.
    fn time_of_column(&self, original: &str, column: usize) -> String {
        if let Some(Some(t)) = self.column_time.get(column) {
            return t.clone();
        }
        let header = self.cells_over[column]
            .iter()
            .map(|c| original[c.clone()].trim())
            .collect::<Vec<_>>()
            .join(" ");
        time_only(&header)
            .or_else(|| header_time(&header))
            .unwrap_or(header)
    }
}

/// Does a header cell name a model's estimate of the treatment's effect (`Fixed effect of
/// randomization*`, `Treatment effect`, `Adjusted effect`)? Its column prints that estimate
/// (an LS mean ± SE per group, a difference), never a group of its own.
fn names_a_model_effect(part: &str) -> bool {
    let lower = part.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "effect" || w == "effects")
        && !lower.contains("side effect")
        && !lower.contains("adverse effect")
}

/// Does a header over a column name only the stub (`Measure`, `Variables`: placed over a column
/// by a header copied a cell a line), or the stub glued to the first column's time by a copy
/// that lost the cell border (`Measure2 weeks`, whose cells the copy no longer shows)? Such a
/// column names no group.
fn names_only_the_stub(text: &str) -> bool {
    !text.is_empty() && text.split_whitespace().all(super::model::is_stub_word)
        || super::model::without_glued_stub_name(text)
            .is_some_and(|rest| time_only(rest).is_some() || header_time(rest).is_some())
}

/// Does a header cell say its cells print a central value with its spread or interval, in
/// one form or either of two (`Mean (95% CI)`, `Mean (95% CI)(a) or median (IQR)`, `LS mean
/// (SE)`), footnote letters aside?
fn names_central_values(t: &str) -> bool {
    static MARK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let mark = MARK.get_or_init(|| {
        regex::Regex::new(r"\([a-z]\)|\b[a-z]$").expect("the footnote mark pattern is valid")
    });
    let lower = t.to_lowercase();
    let central = ["mean", "median", "estimate", "平均", "中央値"]
        .iter()
        .any(|w| lower.contains(w));
    central
        && lower.split(" or ").all(|form| {
            let form = mark.replace_all(form.trim(), "");
            crate::draft::table::describes_cells(form.trim())
        })
}

/// Does the stub's header name the rows' groups (`Group | Baseline | 1 month`)? Not where the
/// header's own cells name them (`Group | TA | Control | P value`: the word labels the
/// header's row).
fn stub_names_the_rows_groups(original: &str, cells_over: &[Vec<Range<usize>>]) -> bool {
    cells_over
        .first()
        .is_some_and(|stub| names_row_groups(&crate::draft::table::header_text(original, stub)))
        && !cells_over.iter().skip(1).any(|cells| {
            let name = crate::draft::table::header_text(original, cells);
            !name.trim().is_empty() && part_names_a_group(name.trim())
        })
}

/// Add a row's values to measure `mi`, the row read as that measure's values at another
/// time: its comparison, where it prints one, becomes the measure's (the last time's).
fn add_row_to_measure(mi: usize, read: &mut RowCells, s: &mut Structure) {
    for c in &read.values {
        s.placed[c.item] = true;
    }
    let m = &mut s.measures[mi];
    m.cells.append(&mut read.values);
    if !read.comparison.items().is_empty() {
        m.comparison = std::mem::take(&mut read.comparison);
    }
    for j in s.measures[mi].comparison.items() {
        s.placed[j] = true;
    }
}

/// A measure's name without the footnote letters glued to its abbreviations (`mMRCa
/// dyspnea scale` → `mmrc dyspnea scale`, `6MWDb (m)` → `6mwd (m)`), in lower case: a table
/// marks a name so at its first printing only.
fn without_footnote_letters(label: &str) -> String {
    label
        .split_whitespace()
        .map(|w| {
            let letters: Vec<char> = w.chars().collect();
            let glued = letters.len() >= 3
                && letters[letters.len() - 1].is_ascii_lowercase()
                && ('a'..='f').contains(&letters[letters.len() - 1])
                && letters[letters.len() - 2].is_ascii_uppercase()
                && letters.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2;
            let w = if glued { &w[..w.len() - 1] } else { w };
            w.to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The statistic a column's header names, its own cells' or the whole header's: the stub's
/// name run into the first column's (`Variables Total (n=62)`) is no part of it.
fn column_statistic(text: &str, cell_stat: Option<Stat>) -> Option<Stat> {
    stat_of(text)
        .or(cell_stat)
        .or_else(|| stat_of(super::model::without_stub_name(text)))
}

/// Does a part of a header cell name a group: no statement of what the cells print, model
/// effect, statistic, time, change or n, nor a time's or a change's measure with its
/// statistic (`Baseline Schiff score (mean ± SD)`: the values of every group at that time)?
fn part_names_a_group(t: &str) -> bool {
    !crate::draft::table::describes_cells(t)
            && !names_a_model_effect(t)
            && stat_of(t).is_none()
            && header_time(t).is_none()
            && !names_change(t)
            && !crate::draft::table::names_n(t)
            // A time's or a change's measure with what its cells print (`Baseline Schiff
            // score (mean ± SD)`): the values of every group at that time, no group.
            && !(crate::draft::table::states_its_statistic(t)
                && (!cues::times(t).is_empty() || names_change(t)))
}

/// Does a row's label name a difference between groups (`LS mean difference from placebo
/// (SE)`, `Difference vs control`, `群間差`)? Its cells print differences, never a group's
/// values, under whichever columns the copy set them (a dose's difference from placebo shifted
/// under the placebo column). `標準偏差`, the SD, names no difference.
fn names_a_difference_row(label: &str) -> bool {
    cues::difference_word(&outside_brackets(label)) && !label.contains("偏差")
}

/// Does a header cell say only that the columns under it are groups (`Group`, `Groups (mean ±
/// SD)`, `Treatment arm`, `群`), what their cells print in brackets at most? Such a cell spans
/// the groups' own names and is no part of any one's.
fn names_groups_only(part: &str) -> bool {
    let head = match part.find(['(', '（']) {
        Some(i) if crate::draft::table::describes_cells(&part[i..]) => &part[..i],
        _ => part,
    };
    let head = head
        .trim()
        .trim_end_matches([':', '*'])
        .trim()
        .to_lowercase();
    [
        "group",
        "groups",
        "arm",
        "arms",
        "treatment group",
        "treatment groups",
        "treatment arm",
        "treatment arms",
        "study group",
        "study groups",
        "群",
    ]
    .contains(&head.as_str())
}

/// A label that opens with a time (one word or two: `Pre-test`, `Week 12`, `治療前`) and goes on
/// with a name that is no time (`Pre-test SPD` → `Pre-test`, `SPD`).
fn time_before_a_measure(label: &str) -> Option<(String, String)> {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..=2).filter(|&k| words.len() > k).find_map(|k| {
        let time = header_time(&words[..k].join(" "))?;
        let measure = words[k..].join(" ");
        let named =
            !cues::content_words(&measure).is_empty() || !cues::content_ja(&measure).is_empty();
        (named && header_time(&measure).is_none()).then_some((time, measure))
    })
}

/// The group a group column names, added to the structure (with the n its header prints):
/// its label from every header cell over it, without its `n = 60`, its time or what its cells
/// print; `column` is its place among the table's columns.
fn column_group(
    original: &str,
    items: &[Item],
    model: &Table,
    s: &mut Structure,
    cells: &[Range<usize>],
    text: &str,
    column: usize,
) -> usize {
    let mut n_item = None;
    let mut label_parts = Vec::new();
    let texts: Vec<&str> = cells.iter().map(|c| original[c.clone()].trim()).collect();
    let time_parts = unit_and_number(&texts).map(|(_, at)| [at, at + 1]);
    for (k, c) in cells.iter().enumerate() {
        // `Week` and `6` name the column's time, not its group.
        if time_parts.is_some_and(|t| t.contains(&k)) {
            continue;
        }
        let n_here = items
            .iter()
            .position(|i| i.kind == ItemKind::N && i.span[0] >= c.start && i.span[1] <= c.end);
        let end = n_here.map_or(c.end, |j| items[j].span[0]).max(c.start);
        // What the cells print after the group's name (`Placebo, no. cases (%)`) is no part
        // of it.
        let part = crate::draft::table::without_count_percent(original[c.start..end].trim())
            .trim()
            .trim_end_matches(['(', '（', ',', ';'])
            .trim();
        // A lower cell printed under another group's name too (`Curcumin group` and `Placebo
        // group`, each over `n | UCDAI`) names what the columns measure, not whose they are.
        // (Under times, `Baseline` and `At 1 year` each over `Drug | Placebo`, it is the group.)
        let upper = original[cells[0].clone()].trim();
        let under_other_groups = k > 0
            && header_time(upper).is_none()
            && model.column_headers().iter().any(|h| {
                h.len() == cells.len()
                    && h[k] != *c
                    && original[h[k].clone()].trim() == original[c.clone()].trim()
                    && original[h[0].clone()].trim() != upper
            });
        // `Mean (SD)` under a group's name says what the cells print, not whose; `No in group`
        // that they are its n's; `Week 8` when.
        if !part.is_empty()
            && !under_other_groups
            && !crate::draft::table::describes_cells(part)
            && !names_central_values(part)
            && !names_groups_only(part)
            && !crate::draft::table::names_n(part)
            && header_time(part).is_none()
            && !names_change(part)
        {
            label_parts.push(part.to_string());
        }
        // The cell nearest the data names the column's own patients; a cell spanning it above
        // (`Full analysis set (n = 251)` over `Placebo (n = 85)`) names a larger sample.
        n_item = n_here.or(n_item);
    }
    // A column headed by its n alone (`n = 26`: the only header cell the model placed over a
    // column whose group's name spans others) is named by its place: two columns of the same
    // size are not one group.
    let label = if label_parts.is_empty() && crate::draft::table::is_n_cell(text) {
        format!("column {} ({})", column + 1, text.trim())
    } else if label_parts.is_empty() {
        // The header as printed, its n left out and its line breaks (a cell broken over
        // lines: `Study group` / `(n = 11)`) read as spaces.
        let named = n_brackets_removed(text);
        let words: Vec<&str> = named.split_whitespace().collect();
        if words.is_empty() {
            text.to_string()
        } else {
            words.join(" ")
        }
    } else {
        label_parts.join(" ")
    };
    // An n lost in the copy leaves its brackets empty (`Placebo ( )`).
    let label = label
        .replace("( )", "")
        .replace("()", "")
        .trim()
        .to_string();
    // A letter or two the legend spells out (`C = control group; I = intervention group`):
    // the group its words name, keyed as the text's own groups are.
    let spelled = spelled_out(&model.statement, &label);
    let spelled_key = spelled.as_deref().map(cues::group_key);
    let label = spelled.unwrap_or(label);
    // The same name in another set of columns is other patients.
    let label = match model.set {
        Some(k) => format!("{label} (set {k})"),
        None => label,
    };
    let key = spelled_key.unwrap_or_else(|| label.to_lowercase());
    let g = group_index(s, &label, &key);
    if let Some(j) = n_item {
        s.groups[g].n = Some(j);
        s.placed[j] = true;
    }
    g
}

/// The group a table's caption or legend spells out for a short name of one to three letters
/// over a column (`C = control group; I = intervention group`, `IG: intervention group`, `C,
/// control`): tables head their columns with such letters where each group is printed many
/// times over (once under each visit). `None` unless the words spelled out name a group
/// ([`names_a_group`]).
fn spelled_out(statement: &str, short: &str) -> Option<String> {
    let short = short.trim();
    if short.is_empty()
        || short.chars().count() > 3
        || !short.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    // Each place the letters stand as a word of their own (after the start, a space or `;,.(`),
    // followed by `=`, `:` or `,` and the words up to the next mark.
    statement
        .match_indices(short)
        .filter(|&(at, _)| {
            statement[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || ";,.(".contains(c))
        })
        .filter_map(|(at, _)| {
            let rest = statement[at + short.len()..].trim_start();
            let rest = rest.strip_prefix(['=', ':', ','])?.trim_start();
            let end = rest
                .find([';', ',', '.', '=', ':', '\n'])
                .unwrap_or(rest.len());
            Some(rest[..end].trim())
        })
        .find(|words| {
            !words.is_empty()
                && words.chars().count() > short.chars().count()
                && names_a_group(words)
        })
        .map(str::to_string)
}

/// A time printed in two header cells, its unit in the stub's cell of a header row and a
/// bare number over the column (`Week`, `6`: `Week 6`; `週`, `4`: `4週`): the time's name and
/// the unit's index in `parts`.
fn unit_and_number(parts: &[&str]) -> Option<(String, usize)> {
    let at = parts.windows(2).position(|w| {
        crate::draft::table::is_time_unit(w[0])
            && !w[1].is_empty()
            && w[1].bytes().all(|b| b.is_ascii_digit())
    })?;
    let (unit, number) = (parts[at].trim(), parts[at + 1]);
    let word = unit
        .trim_start_matches(|c: char| c.is_alphabetic() && unit.contains('('))
        .trim_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
    // The unit alone, without what it counts from (`Week of study`: `Week`; `投与後週数`: `週`).
    let word = word.split_whitespace().next().unwrap_or(word);
    let word = word
        .trim_start_matches(['投', '与', '治', '療', '介', '入', '後'])
        .trim_end_matches('数');
    let name = if word.is_ascii() {
        let lower = word.to_lowercase();
        let singular = lower
            .strip_suffix('s')
            .filter(|w| w.len() >= 3)
            .unwrap_or(&lower);
        let mut chars = singular.chars();
        let first = chars
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default();
        format!("{first}{} {number}", chars.as_str())
    } else {
        format!("{number}{word}")
    };
    Some((name, at))
}

/// The n the document prints right after a group's short name, anywhere (`(IG: n = 13, CG:
/// n = 26)` in a table's caption, `IG (n = 13)`), or right before it (`n = 11 HMB-FA-supplemented
/// and n = 9 placebo-supplemented participants`, a legend's way): the first such n item.
fn n_named_by(original: &str, items: &[Item], name: &str) -> Option<usize> {
    let lower = name.to_lowercase();
    items.iter().position(|i| {
        let before = original[..i.span[0]]
            .trim_end_matches(|c: char| c.is_whitespace() || ":=(（,，：".contains(c));
        let after_name = before.ends_with(name)
            && !before[..before.len() - name.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        // The name right after the n, then no more letters of a longer word.
        let after = original[i.span[1]..].trim_start_matches([' ', ')']);
        let before_name = after
            .get(..lower.len())
            .is_some_and(|head| head.to_lowercase() == lower)
            && !after[lower.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        (after_name || before_name) && i.kind == ItemKind::N
    })
}

/// A label without its bracketed parts (`ARR on study (95% CI)` → `ARR on study `).
fn outside_brackets(label: &str) -> String {
    let mut depth = 0usize;
    label
        .chars()
        .filter(|&c| {
            match c {
                '(' | '[' | '（' => depth += 1,
                ')' | ']' | '）' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// Read one table of the document, as [`crate::draft::table`] models it.
pub(super) fn read_table(doc: &Sentences, items: &[Item], model: &Table, s: &mut Structure) {
    let original = doc.original;
    if model.header_rows == 0 || model.header_rows >= model.rows.len() || model.width() < 2 {
        return;
    }
    // The same groups printed side by side for several sets of patients: each set is read
    // as a table of its own.
    // Where a header cell spanning each set names a measure, the sets are the same groups'
    // measures side by side: one set of groups, each set's rows that measure's.
    if model.set.is_none() && model.measure.is_none() {
        if let Some(sets) = model
            .column_sets(original)
            .filter(|sets| !model.sets_are_times(original, sets))
        {
            let spanning = model.sets_of_measures(original, &sets, names_a_group);
            let repeat = model.sets_repeat_names(original, &sets);
            for (k, columns) in sets.iter().enumerate() {
                let set = match &spanning {
                    Some(cells) => model.column_set(original, columns, None, cells.get(k)),
                    None => model.column_set(
                        original,
                        columns,
                        (k > 0 && repeat).then_some(k + 1),
                        None,
                    ),
                };
                read_table(doc, items, &set, s);
            }
            return;
        }
    }
    if super::measure_columns::read_times_a_line_each(doc, items, model, s) {
        return;
    }
    if groups_in_the_stub_beside_measures(original, items, model) {
        return read_table(doc, items, &model.first_columns_swapped(original), s);
    }
    let groups_before = s.groups.len();
    let header = read_header(doc, items, model, s);
    if header.names_no_group_or_time(original, items) {
        // The header's columns may yet be measures, the rows the groups: the groups the
        // header named are set aside while the rows are asked.
        let header_groups = s.groups.split_off(groups_before);
        if super::measure_columns::read_measure_columns(
            doc,
            items,
            model,
            header.row,
            header.groups_in_rows,
            s,
        ) {
            return;
        }
        s.groups.extend(header_groups);
    }
    let body = &model.rows[header.row + 1..];
    let mut reader = RowReader {
        original,
        items,
        model,
        time_columns: header
            .columns
            .iter()
            .filter(|c| **c == Column::Time)
            .count()
            >= 2
            && !(groups_named_above(original, model) && header.leaves_a_column_unnamed()),
        group_columns: header
            .columns
            .iter()
            .filter(|c| matches!(c, Column::Group(_)))
            .count(),
        group_rows: groups_named_by_rows(original, items, body, &header),
        block_names: time_block_names(original, items, body),
        section: None,
        section_levels: None,
        section_counted: None,
        section_n: vec![None; header.columns.len()],
        last_measure: None,
        section_time: None,
        first_measure: s.measures.len(),
        values_row: None,
        n_rows_under: None,
        visit: None,
        row_group: None,
        group_rows_label: String::new(),
        counted: Vec::new(),
        header,
    };
    for (r, row) in body.iter().enumerate() {
        reader.read_row(r, row, s);
    }
}

/// Does the table print each row's group in its stub and the row's measure in the column
/// beside it (`Group | Parameter | Baseline | 6 months`, `Medication | Outcome | …`, `群 |
/// 項目 | 投与前 | 投与後`)? A table of each group's measures over time is laid out so, the
/// group's name on its first row only where the page spans it over its rows. It is the
/// layout of [`Column::RowGroup`] with its first two columns swapped: the stub's header names
/// the groups (or what they were given: `Treatment`, `Medication`), the next one's the
/// measures, and every body row that prints values prints a name (no datum) beside the stub.
fn groups_in_the_stub_beside_measures(original: &str, items: &[Item], model: &Table) -> bool {
    let headers = model.column_headers();
    let header = |k: usize| {
        headers
            .get(k)
            .map(|cells| crate::draft::table::header_text(original, cells))
            .unwrap_or_default()
    };
    let (stub, second) = (header(0), header(1));
    let groups_word = names_row_groups(&stub) || names_what_groups_receive(&stub);
    if !groups_word || !names_the_measures(&second) {
        return false;
    }
    let body = &model.rows[model.header_rows..];
    let mut rows_of_values = body
        .iter()
        .filter(|row| row_items(items, row).any(|(_, c)| c >= 2))
        .peekable();
    rows_of_values.peek().is_some()
        && rows_of_values.all(|row| {
            let name = row.cells.get(1).map_or("", |c| original[c.clone()].trim());
            !name.is_empty() && !row_items(items, row).any(|(_, c)| c == 1)
        })
}

/// Whether the line right above the table's first row names groups side by side
/// (`Standard Split group` over `Variable Day 1 Day 2 P value`): a header line the table
/// left out. Where the header also leaves a column unnamed (rows printing three values under
/// two times), its time columns are the groups' columns under names it did not attach to
/// them, and no one group's course. The line is short, prints no digit and no sentence's
/// word (`in`, `of`, `over`: a caption, `Changes in each group over time`), and names two
/// groups or more by a word that only groups are called (`group`, `arm`, `placebo`,
/// `control`, 群); one group's name (`Placebo group`) heads that group's course.
fn groups_named_above(original: &str, model: &Table) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let p = P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:groups?|arms?|cohorts?|placebo|controls?|standard|sham|usual\s+care)\b|群",
        )
        .expect("the group-word pattern is valid")
    });
    let Some(first) = model.rows.first() else {
        return false;
    };
    let Some(line) = original[..first.line.start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
    else {
        return false;
    };
    const SENTENCE_WORDS: [&str; 14] = [
        "in", "of", "by", "over", "the", "and", "for", "with", "at", "on", "per", "to", "from",
        "between",
    ];
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    (2..=8).contains(&words.len())
        && !line.chars().any(|c| c.is_ascii_digit())
        && !line.ends_with(['.', ':', '。'])
        && !words.iter().any(|w| SENTENCE_WORDS.contains(&w.as_str()))
        && groups_named(p, line) >= 2
}

/// How many groups a line names by `group_word`, a name and the `group` after it counting
/// once (`Placebo group`: one; `Standard Split group`: two).
fn groups_named(group_word: &regex::Regex, line: &str) -> usize {
    let found: Vec<regex::Match> = group_word.find_iter(line).collect();
    found
        .iter()
        .enumerate()
        .filter(|(k, m)| {
            // A match that only closes the name before it (`Placebo` `group`) is no group of
            // its own.
            *k == 0 || !line[found[k - 1].end()..m.start()].trim().is_empty()
        })
        .count()
}

/// A table read row by row: what the header says of the columns, and what the rows above
/// say of the rows below.
struct RowReader<'a> {
    original: &'a str,
    items: &'a [Item],
    model: &'a Table,
    header: Header<'a>,
    /// Two time columns or more: each row is one measure's time course.
    time_columns: bool,
    /// How many columns are groups.
    group_columns: usize,
    /// The measure each time course's rows are of, where printed among them
    /// ([`time_block_names`]).
    block_names: Vec<Option<Option<String>>>,
    /// The label of the last row with no values: the section the rows below it are in.
    section: Option<String>,
    /// The section whose first row of values was read, whether that row's label is a
    /// numbered level (`1 or 2`, `≥3`, `<65`), and whether a row closing the levels
    /// (`Missing`, `Total`) was read: see [`RowReader::leave_section_unless_level`].
    /// And whether that first row was indented under the section's label, as the rows of a
    /// section are where the copy keeps the indent.
    /// And whether that first row was a time (`Baseline` under `QOL`): such a section ends at
    /// a row naming its own unit (`Prostate volume (cc)`), a measure of its own.
    section_levels: Option<(String, bool, bool, bool, bool)>,
    /// The section the last row of values was read in, and whether that row printed counts
    /// and no mean or median (a level of a characteristic).
    section_counted: Option<(String, bool)>,
    /// A row whose cells are each an n (`HbA1c, % | n = 74 | n = 84 |`) gives each column's n
    /// for the rows below it, until the next such row: the n a measure was analysed on.
    section_n: Vec<Option<usize>>,
    /// The measure the last row of values made, which the next rows may continue.
    last_measure: Option<usize>,
    /// The time a section's label names alone (`Baseline, median (IQR)`, `Follow-up`), and
    /// how far its label is indented: the time of the rows under it, each row a measure, until
    /// a label as little indented names something else.
    section_time: Option<(String, usize)>,
    /// The first measure this table made: a row at a later section's time continues the
    /// measure of the same name at an earlier one.
    first_measure: usize,
    /// The last row of values read: its index and its values' items.
    values_row: Option<(usize, Vec<usize>)>,
    /// Whether the table prints its n rows under the rows they count (`Baseline Hb | 10.747
    /// (0.617) | 10.775 (0.621)` then `N | 414 | 420`), decided by its first n row: under a
    /// row of values, not over the rows of a section.
    n_rows_under: Option<bool>,
    /// The visit the last row of n's named (`Week 13/n`): the time of the rows under it.
    visit: Option<String>,
    /// The group the row being read names in a [`Column::RowGroup`] column, if any.
    row_group: Option<usize>,
    /// The label of the last row naming its group that way: the next group's row, its label
    /// cell left empty, is the same measure.
    group_rows_label: String,
    /// For each body row, where the table's columns are times with no `Group` column and the
    /// rows under each section's label name the groups ([`groups_named_by_rows`]): whether
    /// the row's p is the section's comparison of the groups.
    group_rows: Vec<Option<bool>>,
    /// The labels of rows that count patients (`Current | 146 (46%) | 147 (47%)`): a row
    /// with the same label further down (`Pack years`, then `Current`) summarises that
    /// subgroup, whose n is the count, not the column's.
    counted: Vec<String>,
}

/// A row's cells as the columns place them.
#[derive(Default)]
struct RowCells {
    /// The values of the row's measure.
    values: Vec<Cell>,
    /// Cells under a change beside cells of values: each arm's change, its own measure.
    changes: Vec<Cell>,
    /// Cells printing something else than the row's first (`% (SD)` beside `Mean (SD)`),
    /// with what they print: the time course of another measure of the row.
    others: Vec<(String, Cell)>,
    /// The row's statistic cells: its comparison.
    comparison: Comparison,
}

impl RowCells {
    /// An interval is its estimate's: where the row prints the difference with an interval in
    /// its cell (`−0.9 (−1.4 to −0.3)` under `Difference in change (95% CI)`), that one is the
    /// comparison's, not an interval printed before it in another statistic's column (each
    /// arm's `Change from baseline (95% CI)`). `statistic_cis`: each statistic column's
    /// interval, with its cell.
    fn take_the_differences_interval(
        &mut self,
        items: &[Item],
        cells: &[Range<usize>],
        statistic_cis: &[(usize, usize)],
    ) {
        let difference_cell = self
            .comparison
            .difference
            .and_then(|d| cell_index(cells, items[d].span[0]));
        if let Some(&(_, j)) =
            difference_cell.and_then(|dc| statistic_cis.iter().find(|(ci, _)| *ci == dc))
        {
            self.comparison.ci = Some(j);
        }
    }

    /// A difference printed with its spread (`−1.47 (1.99)` under `Difference (SE)`) is the
    /// comparison's where the two arms' values give it within their rounding: a column
    /// headed so under each arm (`Difference from baseline`) holds each arm's change
    /// instead, and no number of the row says which it is but that.
    fn take_difference_if_the_arms_give_it(&mut self, items: &[Item], d: usize) {
        let arms = if self.values.is_empty() {
            &self.changes
        } else {
            &self.values
        };
        if let ([a, b], None) = (&arms[..], self.comparison.difference) {
            if items[d]
                .difference_of(&items[a.item], &items[b.item])
                .is_some()
            {
                self.comparison.difference = Some(d);
            }
        }
    }
}

impl RowReader<'_> {
    /// The items in a row's cells.
    fn members(&self, row: &Row) -> Vec<usize> {
        row_items(self.items, row).map(|(j, _)| j).collect()
    }

    /// Read one row of the table's body (`r`: its index among the body's rows).
    fn read_row(&mut self, r: usize, row: &Row, s: &mut Structure) {
        let members = self.members(row);
        let Some(ns) = self.label_ns(&row.cells, &members, s) else {
            return self.read_row_with(r, row, &members, s);
        };
        // A label printing each group's n (`SF-12 (n = 75 intervention, n = 66 control)`):
        // without them, it names the measure; a row of values under it, or the row itself,
        // was analysed on those patients.
        let label = self.original[row.cells[0].clone()].trim();
        let named = without_ns(label);
        for &j in ns.iter().flatten() {
            s.placed[j] = true;
        }
        let has_values = members
            .iter()
            .any(|&j| cell_index(&row.cells, self.items[j].span[0]).is_some_and(|c| c >= 1));
        if !has_values {
            self.section_n = ns;
            self.section = Some(named);
            return;
        }
        // A row of values printing its own n's is a measure of its own, outside the section
        // above it, unless its label is a time of that section's measure.
        let section = if header_time(&named).is_some() {
            self.section.clone()
        } else {
            None
        };
        let saved_section = std::mem::replace(&mut self.section, section);
        let saved_ns = std::mem::replace(&mut self.section_n, ns);
        self.read_row_labelled(r, row, &members, named, s);
        self.section = saved_section;
        self.section_n = saved_ns;
    }

    /// The n's a row's label prints, each naming a group of the header's columns (`SF-12 (n =
    /// 75 intervention, n = 66 control)`, `Pain (drug n = 40, placebo n = 38)`), as each
    /// column's n: how a table prints a measure analysed on fewer patients than its columns'
    /// n. `None` unless the label prints two n's or more and each names another group.
    fn label_ns(
        &self,
        cells: &[Range<usize>],
        members: &[usize],
        s: &Structure,
    ) -> Option<Vec<Option<usize>>> {
        let (items, original) = (self.items, self.original);
        let cell = cells.first()?;
        let ns: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&j| {
                items[j].kind == ItemKind::N && cell_index(cells, items[j].span[0]) == Some(0)
            })
            .collect();
        if ns.len() < 2 {
            return None;
        }
        let groups = self.header.column_groups();
        let stops = ['(', ')', '（', '）', ',', ';', '、', '，', ':'];
        let names = |phrase: &str, g: usize| {
            let key = &s.groups[g].key;
            let phrase = cues::group_key(phrase.trim().trim_matches(['=', '-', ' ']));
            !key.is_empty()
                && phrase.chars().count() >= 2
                && (phrase.contains(key.as_str()) || key.contains(phrase.as_str()))
        };
        let mut named = Vec::new();
        for &j in &ns {
            let after = &original[items[j].span[1].min(cell.end)..cell.end];
            let after = after.split(stops).next().unwrap_or_default();
            let before_all = &original[cell.start..items[j].span[0].max(cell.start)];
            let before = before_all.rsplit(stops).next().unwrap_or_default();
            // `Placebo (n=33)10 mg (n=28)`: an n alone in its bracket is the name's before it
            // (the header's names printed again over the rows below, glued by extraction).
            let bracketed = before.trim().is_empty()
                && before_all.trim_end().ends_with(['(', '（'])
                && after.trim().is_empty();
            let g = if bracketed {
                let own = before_all
                    .trim_end()
                    .trim_end_matches(['(', '（'])
                    .rsplit(stops)
                    .next()
                    .unwrap_or_default();
                groups.iter().copied().find(|&g| names(own, g))?
            } else {
                groups
                    .iter()
                    .copied()
                    .find(|&g| names(after, g))
                    .or_else(|| groups.iter().copied().find(|&g| names(before, g)))?
            };
            if named.iter().any(|&(h, _)| h == g) {
                return None;
            }
            named.push((g, j));
        }
        Some(
            self.header
                .columns
                .iter()
                .map(|c| match c {
                    Column::Group(g) => named.iter().find(|(h, _)| h == g).map(|&(_, j)| j),
                    _ => None,
                })
                .collect(),
        )
    }

    /// Read one row of the table's body whose label prints no group's n.
    fn read_row_with(&mut self, r: usize, row: &Row, members: &[usize], s: &mut Structure) {
        let label = row
            .cells
            .first()
            .map(|c| self.original[c.clone()].trim().to_string())
            .unwrap_or_default();
        // A row naming its time in a `Time` column: a time point of the measure its stub
        // names, or of the measure above where the stub is left empty (the name printed once
        // for its rows). The time then labels the row, the measure its section.
        if let Some(time) = self.row_time(row) {
            if !label.is_empty() {
                self.section = Some(label);
                self.section_levels = None;
            }
            return self.read_row_labelled(r, row, members, time, s);
        }
        self.read_row_labelled(r, row, members, label, s)
    }

    /// The time a row names in the header's [`Column::RowTime`] column (its number, `Week 8`,
    /// the time's own); `None` where the table has no such column or the row's cell there
    /// names no time.
    fn row_time(&self, row: &Row) -> Option<String> {
        let ci = self
            .header
            .columns
            .iter()
            .position(|c| *c == Column::RowTime)?;
        header_time(self.original[row.cells.get(ci)?.clone()].trim())
    }

    /// Read one row of the table's body under its label (`label`: its first cell, without any
    /// n's it prints).
    /// The group a row is of: its label's, where the rows are the groups (with the n the label
    /// names), else the group its cells name.
    fn group_of_row(
        &mut self,
        r: usize,
        cells: &[Range<usize>],
        members: &[usize],
        label: &str,
        s: &mut Structure,
    ) -> Option<usize> {
        match self.group_rows.get(r) {
            Some(Some(_)) if !label.is_empty() => {
                let g = group_index(s, label, &cues::group_key(label));
                if s.groups[g].n.is_none() {
                    s.groups[g].n = n_named_by(self.original, self.items, label);
                }
                Some(g)
            }
            _ => self.row_group_of(cells, members, s),
        }
    }

    fn read_row_labelled(
        &mut self,
        r: usize,
        row: &Row,
        members: &[usize],
        label: String,
        s: &mut Structure,
    ) {
        let (items, cells) = (self.items, &row.cells);
        self.row_group = self.group_of_row(r, cells, members, &label, s);
        let label = self.measure_of_a_group_row(r, label);
        let label = match self.row_group {
            Some(_) if label.is_empty() => self.group_rows_label.clone(),
            Some(_) => {
                self.group_rows_label = label.clone();
                label
            }
            None => label,
        };
        let in_value_cell = |j: usize| cell_index(cells, items[j].span[0]).is_some_and(|c| c >= 1);
        let counts = members.iter().any(|&j| {
            matches!(items[j].kind, ItemKind::Percent | ItemKind::CountOf) && in_value_cell(j)
        });
        if counts && !label.is_empty() {
            self.counted.push(label.to_lowercase());
        }
        let summary_row = members
            .iter()
            .any(|&j| items[j].kind.is_summary() && in_value_cell(j));
        self.end_a_section_of_levels(&label, counts, summary_row);
        if !members.iter().any(|&j| in_value_cell(j)) {
            return self.read_row_without_values(r, &label, members, s);
        }
        if !matches!(self.group_rows.get(r), Some(Some(_))) {
            let indented = crate::draft::table::indented_label(self.original, &row.line);
            self.leave_section_unless_level(&label, indented);
        }
        if !members.iter().any(|&j| items[j].kind.is_summary()) {
            if self.read_n_row(r, cells, members, &label, s)
                || self.read_share_row(r, cells, members, &label, s)
            {
                return;
            }
            // A row naming a measure with only p-values beside it (`Physical functioning | <
            // 0.001`, the groups' comparison printed on the measure's own row): the section
            // the rows below it are in. A row labelled as a statistic is the comparison of
            // the measure above it.
            let names_statistic = stat_of(&label).is_some() || cues::difference_word(&label);
            // (`< 0.001` with no `p` before it is read as a number printed as a bound: a
            // measure's value is never printed so in a table of summaries.)
            let only_ps = members.iter().filter(|&&j| in_value_cell(j)).all(|&j| {
                items[j].kind == ItemKind::P
                    || items[j].kind == ItemKind::Number && items[j].parts.bound.is_some()
            });
            if !label.is_empty() && !names_statistic && only_ps {
                self.section = Some(label.clone());
            } else {
                self.attach_comparison_row(&label, members, s);
            }
            return;
        }
        // A row of differences between groups: the comparison of the measure above, or
        // left unplaced.
        if names_a_difference_row(&label) {
            self.attach_comparison_row(&label, members, s);
            return;
        }
        let change = cues::change_words(&label);
        let (measure_label, time) = self.measure_and_time(r, &label, change);
        let time = time.or_else(|| self.visit.clone());
        let mut measure_label = self.within_set_measure(measure_label);
        if matches!(self.group_rows.get(r), Some(Some(_))) {
            measure_label.clone_from(&self.section);
        }
        let mut read = self.read_cells(cells, members, &label, (change, &time), s);
        if self.summary_under_a_column_of_ns(row, &read) {
            return;
        }
        push_change_measure(items, &mut read, &measure_label, self.header.line, s);
        if read.values.is_empty() {
            return;
        }
        self.values_row = Some((r, read.values.iter().map(|c| c.item).collect()));
        let mut groups: Vec<Option<usize>> = read.values.iter().map(|c| c.group).collect();
        groups.dedup();
        let shape = self.shape_of(&read.values, &groups);
        if self.continues_last_measure(shape, (&measure_label, &time), &groups, &mut read, s)
            || self.continues_group_rows(r, shape, &measure_label, &mut read, s)
            || self.continues_measure_of_another_time(shape, (&measure_label, &time), &mut read, s)
        {
            return;
        }
        self.push_row_measures(read, shape, (measure_label, change), &label, s);
    }

    /// Does a summary of the row (`11.1 (4.8)`) stand under a column whose lowest header cell
    /// is an n's abbreviation alone (`No`, `n`)? A column so named prints counts: the header's cells do not
    /// stand over the row's (a header printing fewer cells than its rows, its cells spanning
    /// two columns copied as one: `Baseline` over `No | Mean (SD)`), so the times and groups
    /// it gives the row's cells are guesses, and none of them is placed by it (the values stay
    /// single facts, for review).
    fn summary_under_a_column_of_ns(&self, row: &Row, read: &RowCells) -> bool {
        // Only where the header's lowest row names fewer columns than the row prints values
        // (a row that leaves a visit out is placed by the reader's other rules), and where the
        // row is read as a course of times with no group.
        // (Counted: the cells after the stub's that hold something.)
        let filled = |row: &Row| {
            crate::draft::table::cells_holding_something(self.original, row)
                .filter(|c| **c != row.cells[0])
                .count()
        };
        let lowest = &self.model.rows[self.header.row];
        // (Cells the header places under groups are placed by them: only a course of times
        // with no group is in doubt.)
        if filled(lowest) >= filled(row) || read.values.iter().any(|c| c.group.is_some()) {
            return false;
        }
        let cells = &row.cells;
        read.values
            .iter()
            .chain(read.changes.iter())
            .chain(read.others.iter().map(|(_, c)| c))
            .any(|c| {
                self.items[c.item].kind.is_summary()
                    && cell_index(cells, self.items[c.item].span[0])
                        .and_then(|k| self.header.cells_over.get(k))
                        .and_then(|over| over.last())
                        .is_some_and(|h| {
                            let h = self.original[h.clone()].trim().to_lowercase();
                            matches!(h.as_str(), "n" | "no" | "no.")
                        })
            })
    }

    /// A row with a label and no values: the section the rows below it are in. A row that
    /// only says what the cells below print (`Median (IQR)Median (IQR)`, `n (%)n (%)` between
    /// blocks of a table) names no measure: it ends the section above.
    /// A row with nothing in its value cells: a line printing a p alone (`p = 0.031` under a
    /// row, as a glued table sets each row's test on a line of its own) is the comparison of
    /// the row above, no section's label; any other is a label alone.
    fn read_row_without_values(
        &mut self,
        r: usize,
        label: &str,
        members: &[usize],
        s: &mut Structure,
    ) {
        let p_alone = members.iter().any(|&j| self.items[j].kind == ItemKind::P)
            && label
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c == 'p' || c == 'P');
        if !p_alone {
            self.read_label_alone(r, label);
        } else if self.row_above_prints_summaries(r) {
            self.attach_comparison_row("p", members, s);
        }
    }

    fn read_label_alone(&mut self, r: usize, label: &str) {
        let indent = self
            .model
            .rows
            .get(self.header.row + 1 + r)
            .map_or(0, |row| {
                row.cells.first().map_or(0, |c| {
                    let raw = &self.original[c.clone()];
                    raw.len() - raw.trim_start().len()
                })
            });
        // A label naming a time alone, with what the cells print (`Baseline, median (IQR)`,
        // `Follow-up`): the rows under it are measures at that time, not of a measure of
        // that name. A label as little indented naming anything else ends it.
        if let Some(t) = time_only(label).filter(|_| !label.is_empty()) {
            self.section_time = Some((t, indent));
            self.section = None;
            self.section_levels = None;
            return;
        }
        if self
            .section_time
            .as_ref()
            .is_some_and(|(_, at)| indent <= *at)
        {
            self.section_time = None;
        }
        if crate::draft::table::describes_cells(label) {
            self.section = None;
            self.section_levels = None;
        } else if !label.is_empty()
            && !label.chars().all(|c| c == '-' || c == ':' || c == ' ')
            // A bracketed number in the label's place (`(24.3)`, the spread of the row above
            // copied on a line of its own) names nothing.
            && !label.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, '(' | ')' | '[' | ']' | '.' | '-' | ' ')
            })
        {
            self.section = Some(label.to_string());
        }
    }

    /// The group a row names in the header's [`Column::RowGroup`] column (`IG`, `Control`),
    /// added to the structure; `None` where the table has no such column or the row's cell
    /// there is empty or holds a number.
    fn row_group_of(
        &self,
        cells: &[Range<usize>],
        members: &[usize],
        s: &mut Structure,
    ) -> Option<usize> {
        let ci = self
            .header
            .columns
            .iter()
            .position(|c| *c == Column::RowGroup)?;
        let cell = cells.get(ci)?;
        // The group's n printed with its name (`Metformin (n = 40)`) is no value of the row.
        let name = without_ns(self.original[cell.clone()].trim());
        let name = name.as_str();
        let holds_item = members.iter().any(|&j| {
            cell_index(cells, self.items[j].span[0]) == Some(ci)
                && self.items[j].kind != ItemKind::N
        });
        // A rule of dashes (`|---|---|` under the header) names nothing.
        let rule = name
            .chars()
            .all(|c| matches!(c, '-' | ':' | '–' | '—' | '=' | ' '));
        if rule || holds_item {
            return None;
        }
        let g = group_index(s, name, &cues::group_key(name));
        if s.groups[g].n.is_none() {
            s.groups[g].n = n_named_by(self.original, self.items, name);
        }
        Some(g)
    }

    /// A row whose cells are each an n (`HbA1c, % | n = 74 | n = 84 |`): the n of each column
    /// for the rows below it. Whether the row was one.
    fn read_n_row(
        &mut self,
        r: usize,
        cells: &[Range<usize>],
        members: &[usize],
        label: &str,
        s: &mut Structure,
    ) -> bool {
        let items = self.items;
        // The cells are n's: read so, or whole numbers on a row its label says counts the
        // people (`No. of subjects analyzed | 204 | 204 | 201`, `対象症例数 | 62 | 64`).
        let labelled_n = crate::draft::table::names_n(label) || counts_the_units_measured(label);
        // Such a row may print the section's comparison in the statistic columns (`No of
        // participants | 237 | 245 | 0.02 (−0.01 to 0.05); 0.26`): no n's of it.
        let in_statistic =
            |ci: usize| matches!(self.header.columns.get(ci), Some(Column::Statistic(_)));
        let cell_ns: Vec<(usize, usize)> = members
            .iter()
            .filter_map(|&j| Some((cell_index(cells, items[j].span[0])?, j)))
            .filter(|&(ci, _)| ci >= 1 && !(labelled_n && in_statistic(ci)))
            .collect();
        let an_n = |j: usize| {
            items[j].kind == ItemKind::N
                || labelled_n
                    && items[j].kind == ItemKind::Number
                    && items[j].parts.bound.is_none()
                    && items[j]
                        .parts
                        .value
                        .as_ref()
                        .is_some_and(|v| v.number.plain.parse::<u32>().is_ok_and(|n| n >= 1))
        };
        if cell_ns.len() < 2
            || !cell_ns.iter().all(|&(_, j)| an_n(j))
            || self.counts_a_level(label, &cell_ns, s)
        {
            return false;
        }
        // A table whose first n row stands right under a row of values prints each row's n
        // under it: an `N` row under a row of values is that row's.
        let above = self
            .values_row
            .as_ref()
            .filter(|(row, _)| row + 1 == r)
            .map(|(_, values)| values.clone());
        let under = *self.n_rows_under.get_or_insert(above.is_some());
        if let Some(above) = above.filter(|_| under && crate::draft::table::names_n(label)) {
            self.give_the_row_above_its_ns(&above, &cell_ns, s);
            return true;
        }
        self.section_n = vec![None; self.header.columns.len()];
        for (ci, j) in cell_ns {
            if let Some(slot) = self.section_n.get_mut(ci) {
                *slot = Some(j);
                s.placed[j] = true;
            }
        }
        // A visit's n (`Week 13/n`) gives the rows under it that visit.
        self.visit = crate::draft::table::visit_of_n(label).map(str::to_string);
        // A row labelled `N` or `例数` says whose n, not which measure: the section above it
        // stays the measure's name.
        if !label.is_empty() && !crate::draft::table::names_n(label) {
            self.section = Some(label.to_string());
        }
        true
    }

    /// Give the values of the row above (`above`: their items) the n's an `N` row under it
    /// prints in their groups' columns (`cell_ns`: column and item).
    fn give_the_row_above_its_ns(
        &self,
        above: &[usize],
        cell_ns: &[(usize, usize)],
        s: &mut Structure,
    ) {
        for &(ci, j) in cell_ns {
            let Some(Column::Group(g)) = self.header.columns.get(ci).copied() else {
                continue;
            };
            s.placed[j] = true;
            let evidence = format!(
                "the n row printed under its row ('{}')",
                self.items[j].text.trim()
            );
            for c in s
                .measures
                .iter_mut()
                .chain(s.shares.iter_mut())
                .flat_map(|m| m.cells.iter_mut())
                .filter(|c| c.group == Some(g) && above.contains(&c.item))
            {
                c.n = Some(j);
                c.n_evidence = Some(evidence.clone());
            }
        }
    }

    /// Does a row count the patients of one level of a characteristic (`Female (N) | 22 |
    /// 24` under `Experimental group n = 38 | Control group n = 38`): a part of each column,
    /// not the n of the rows below? Its label is a level's name with the sign of a count after
    /// it, the name no visit (`Week 13 (N)`), no stage of the patients' flow (`Randomised, n`)
    /// and no people counted (`Patients analysed, n`); and each count is smaller than the n
    /// its column's group prints in the header, as a part is. (A population's row, `ITT (N) |
    /// 36 | 35`, reads the same: where the header prints no n, the row stays an n row.)
    fn counts_a_level(&self, label: &str, cell_ns: &[(usize, usize)], s: &Structure) -> bool {
        let l = label.trim();
        let Some(name) = crate::draft::table::name_before_the_n_sign(l) else {
            return false;
        };
        let value = |j: usize| self.items[j].parts.value.as_ref().map(|v| v.number.value);
        let smaller_than_its_column = |&(ci, j): &(usize, usize)| {
            let Some(Column::Group(g)) = self.header.columns.get(ci) else {
                return false;
            };
            match (s.groups.get(*g).and_then(|g| g.n).and_then(value), value(j)) {
                (Some(column), Some(count)) => count < column,
                _ => false,
            }
        };
        !name.is_empty()
            && !crate::draft::table::names_n(l)
            && crate::draft::table::visit_of_n(l).is_none()
            && !crate::draft::table_row::names_a_stage_of_flow(name)
            && cell_ns.iter().all(smaller_than_its_column)
    }

    /// A row of shares under the group columns (`Male | 12 (30%) | 14 (35%) | 0.62`): each
    /// group's percentage, or count of its patients, of the one outcome or characteristic the
    /// row names, placed as that measure's arms ([`Structure::shares`]), each with its column's
    /// n; a p or CI in a statistic column is their comparison. Not read where two shares
    /// stand under one group at one time (which is the row's outcome is not printed) or where
    /// fewer than two groups print one.
    fn read_share_row(
        &mut self,
        r: usize,
        cells: &[Range<usize>],
        members: &[usize],
        label: &str,
        s: &mut Structure,
    ) -> bool {
        let items = self.items;
        // A row of values alone counts the level its section's label names (`急速交代型` over
        // `16(9.4) 19(10.4) 19(11.2)`).
        if self.time_columns || label.is_empty() && self.section.is_none() {
            return false;
        }
        let (measure_label, time) = self.measure_and_time(r, label, false);
        let measure_label = self.within_set_measure(measure_label);
        let mut shares: Vec<Cell> = Vec::new();
        let mut comparison = Comparison::default();
        for &j in members {
            let Some(ci) = cell_index(cells, items[j].span[0]) else {
                continue;
            };
            match (self.header.columns.get(ci).copied(), items[j].kind) {
                (Some(Column::Group(g)), ItemKind::Percent | ItemKind::CountOf) => {
                    let column_time = self.header.column_time.get(ci).cloned().flatten();
                    let time = column_time.or_else(|| time.clone());
                    if shares.iter().any(|c| c.group == Some(g) && c.time == time) {
                        return false;
                    }
                    // The row counts its own patients: the column's n is its whole (no
                    // label passed, so the row is not taken for a counted subgroup's).
                    let (n, n_evidence) = self.cell_n(cells, (j, ci), g, "", s);
                    shares.push(Cell {
                        item: j,
                        group: Some(g),
                        time,
                        n,
                        n_evidence,
                        whole: None,
                    });
                }
                (Some(Column::Statistic(Stat::P)), ItemKind::P) if comparison.p.is_none() => {
                    comparison.p = Some(j)
                }
                (Some(Column::Statistic(_)), ItemKind::Ci) if comparison.ci.is_none() => {
                    comparison.ci = Some(j)
                }
                _ => {}
            }
        }
        let mut groups: Vec<Option<usize>> = shares.iter().map(|c| c.group).collect();
        groups.sort();
        groups.dedup();
        if groups.len() < 2 {
            return false;
        }
        for j in shares.iter().map(|c| c.item).chain(comparison.items()) {
            s.placed[j] = true;
        }
        let sentence = items[shares[0].item].sentence;
        // The row is one level of the section above it where its measure takes the section's
        // name.
        let section = self.section.clone().filter(|sec| {
            measure_label
                .as_deref()
                .is_some_and(|l| l != label && l.starts_with(sec.as_str()))
        });
        s.shares.push(Measure {
            label: measure_label,
            comparison,
            section,
            ..Measure::new(
                Shape::Arms,
                sentence,
                shares,
                "each share stands in the column of its group".to_string(),
            )
        });
        true
    }

    /// A row of p-values or differences after a measure of two arms: its comparison.
    /// Whether the body row above row `r` prints summaries (a mean ± spread, a median) under
    /// the groups and names no statistic: the measure whose test a line of its own below
    /// prints. (Under a difference's row, `Difference vs. placebo | −1.5 (−2.1, −0.9)`, the
    /// p is the difference's.)
    fn row_above_prints_summaries(&self, r: usize) -> bool {
        if r == 0 {
            return false;
        }
        // Body row `r - 1` is the model's row `header.row + r`.
        let above = self.header.row + r;
        let label = self.model.row_label(self.original, above);
        let above = &self.model.rows[above];
        let names_statistic = stat_of(label).is_some() || cues::difference_word(label);
        !names_statistic
            && row_items(self.items, above)
                .any(|(j, ci)| ci >= 1 && self.items[j].kind.is_summary())
    }

    fn attach_comparison_row(&self, label: &str, members: &[usize], s: &mut Structure) {
        // The statistic is the label's name, not what its bracket says the cells print: `ARR
        // on study (95% CI)` is a measure printed with its CIs, `Difference (95% CI)` a
        // comparison.
        let name = outside_brackets(label);
        let label = if name.trim().is_empty() {
            label
        } else {
            name.as_str()
        };
        let stat =
            stat_of(label).or_else(|| cues::difference_word(label).then_some(Stat::Difference));
        let (Some(st), Some(mi)) = (stat, self.last_measure) else {
            return;
        };
        let m: &mut Measure = &mut s.measures[mi];
        if m.shape != Shape::Arms || m.arms().len() != 2 {
            return;
        }
        for &j in members {
            match (st, self.items[j].kind) {
                (Stat::P, ItemKind::P) if m.comparison.p.is_none() => m.comparison.p = Some(j),
                (Stat::Difference, ItemKind::Number) if m.comparison.difference.is_none() => {
                    m.comparison.difference = Some(j)
                }
                (_, ItemKind::Ci) if m.comparison.ci.is_none() => m.comparison.ci = Some(j),
                _ => {}
            }
        }
        for j in m.comparison.items() {
            s.placed[j] = true;
        }
    }

    /// End the section the row is under where its label is no level of it. A section's levels
    /// are written alike: where the first row under `Clavien-Dindo grade:` is a numbered level
    /// (`1 or 2`, then `≥3`), a row whose label prints no number (`Anastomotic leakage`,
    /// `Mean (SD) time to chemotherapy`) names an outcome of its own, its row no longer
    /// indented as the copy lost it. Levels that are words (`Sex:` over `Women`, `Adverse
    /// events` over `Headache`) give no such sign, and a numbered section's `Unknown` or
    /// `Total` is still its level. And a section's levels end with its `Missing`, `Unknown`
    /// or `Total` row: a row after it (`Blood pressure` over `Systolic`, `Diastolic`,
    /// `Missing`, then `Age`) is a measure of its own.
    ///
    /// Where the section's first level was indented (` BMI (kg/m2)` under `Body composition`),
    /// a row printed flush with the section's label (`Alcohol intake (g/d)`) is no level of it.
    fn leave_section_unless_level(&mut self, label: &str, indented: bool) {
        let Some(section) = &self.section else {
            return;
        };
        if label.is_empty() {
            return;
        }
        // A section that states what its levels' cells print (`Race-N (%)` over `Caucasian`,
        // `African-American`) ends at a row that names a measure with its own statement
        // (`BMI (kg/m2) - Mean ± SD`): a level never restates the section's statistic.
        // (A time's or a change's row, `Baseline mean (SE)`, is the section's own.)
        if crate::draft::table::states_its_statistic(section)
            && crate::draft::table::states_its_statistic(label)
            && header_time(label).is_none()
            && !cues::change_words(label)
        {
            self.section = None;
            self.section_levels = None;
            return;
        }
        match &mut self.section_levels {
            Some((of, _, _, true, _)) if of == section && !indented => {
                self.section = None;
                self.section_levels = None;
            }
            Some((of, numbered, closed, _, of_times)) if of == section => {
                let other_outcome = (*numbered || *of_times && names_its_unit(label))
                    && !is_numbered_level(label)
                    && !is_unnumbered_level(label)
                    && header_time(label).is_none()
                    && !cues::change_words(label)
                    && !crate::draft::table::describes_cells(label);
                let after_closing = *closed && !is_unnumbered_level(label);
                if other_outcome || after_closing {
                    self.section = None;
                    self.section_levels = None;
                } else {
                    *closed |= closes_levels(label);
                }
            }
            // A time (`Week 12`) is no numbered level: a time course's rows go on with
            // `Change from baseline`. Yet a section whose rows are times (`QOL` over
            // `Baseline`, `Follow up`) ends at a row naming no time that names its own unit:
            // `Prostate volume (cc)` is a measure of its own, not the section's (an analysis
            // set's row, `PHQ-9` over `Baseline`, `mITT`, `PP`, stays the section's).
            _ => {
                let numbered = is_numbered_level(label) && header_time(label).is_none();
                let of_times = header_time(label).is_some();
                self.section_levels = Some((
                    section.clone(),
                    numbered,
                    closes_levels(label),
                    indented,
                    of_times,
                ));
            }
        }
    }

    /// The measure label of row `r` labelled `label`: a group's row ([`groups_named_by_rows`])
    /// is its section's measure (empty here; the section's label is kept for the next group's
    /// row), also under a stub headed `Group` with no section's label above, where the measure
    /// is the table's (its caption names it), the same for every group's row.
    fn measure_of_a_group_row(&mut self, r: usize, label: String) -> String {
        match (self.group_rows.get(r), &self.section) {
            (Some(Some(_)), Some(section)) => {
                self.group_rows_label = section.clone();
                String::new()
            }
            (Some(Some(_)), None) => {
                self.group_rows_label = String::new();
                String::new()
            }
            _ => label,
        }
    }

    /// A section of a characteristic's levels (`Disease extent` over `E3 (pancolitis) | 7
    /// (25.9) | 6 (20.7)`) ends at a row printing a mean or a median after rows of counts: a
    /// level's row counts its people, so the row is a measure of its own (`Hemoglobin (g/dL) |
    /// 12.1 ± 2.8 | 13.4 ± 1.7`), as a copy that dropped the section's indent leaves it to the
    /// values to say. `counts`, `summary_row`: what the row `label` heads prints.
    fn end_a_section_of_levels(&mut self, label: &str, counts: bool, summary_row: bool) {
        if let (Some(section), Some((of, true))) = (&self.section, &self.section_counted) {
            if of == section && summary_row && header_time(label).is_none() {
                self.section = None;
                self.section_levels = None;
            }
        }
        self.section_counted = self
            .section
            .clone()
            .map(|section| (section, counts && !summary_row));
    }

    /// The measure a row of values is of, and its time point, from its label, its section
    /// and the labels printed among a time course's rows.
    fn measure_and_time(
        &self,
        r: usize,
        label: &str,
        change: bool,
    ) -> (Option<String>, Option<String>) {
        if let (Some((t, _)), None, false, false) = (
            &self.section_time,
            header_time(label),
            change,
            label.is_empty(),
        ) {
            let measure = match &self.section {
                Some(sec) => format!("{sec} ({label})"),
                None => label.to_string(),
            };
            return (Some(measure), Some(t.clone()));
        }
        match (&header_time(label), &self.section) {
            // A time course's rows with the labels printed among them: the measure they name.
            (Some(t), _) if !change && self.block_names[r].is_some() => {
                (self.block_names[r].clone().flatten(), Some(t.clone()))
            }
            (Some(t), Some(sec)) if !change => (Some(sec.clone()), Some(t.clone())),
            // A row under a section's label (`PHQ-9`, then `mITT`) is that section's measure
            // in the row's sense: both names.
            (None, Some(sec)) if !label.is_empty() && !change => {
                (Some(format!("{sec} ({label})")), None)
            }
            // A row of values alone under its label's line (`非急速交代型` over `155(90.6)
            // 163(89.6) …`): that label's measure.
            (None, Some(sec)) if !change => (Some(sec.clone()), None),
            // A row labelled with a time and no section above it: a time point of the
            // measure the table is of (its caption names it, not a row).
            (Some(t), None) if !change => (None, Some(t.clone())),
            (None, None) if !change => match self.time_before_a_measure_of_another_row(label) {
                Some((time, measure)) => (Some(measure), Some(time)),
                None => (Some(label.to_string()).filter(|l| !l.is_empty()), None),
            },
            // A change's row under a section's label (`HAQ-DI`, then `Improvement from
            // baseline`): that section's measure, printed as changes.
            (None, Some(sec)) if !label.is_empty() => (Some(format!("{sec} ({label})")), None),
            _ => (Some(label.to_string()).filter(|l| !l.is_empty()), None),
        }
    }

    /// `Pre-test SPD` and `Post-test SPD`: rows labelled each with a time and then the same
    /// measure's name are that measure at those times, as a table prints a time course down
    /// its rows. The time and the measure of `label`, where another data row of the table
    /// names the same measure at another time; `None` otherwise (a lone `Final height` stays
    /// its own measure).
    fn time_before_a_measure_of_another_row(&self, label: &str) -> Option<(String, String)> {
        let (time, measure) = time_before_a_measure(label)?;
        let model = self.model;
        let another = (model.header_rows..model.rows.len()).any(|r| {
            time_before_a_measure(model.row_label(self.original, r))
                .is_some_and(|(t, m)| m.eq_ignore_ascii_case(&measure) && t != time)
        });
        another.then_some((time, measure))
    }

    /// A row's measure in a set of columns spanned by a measure's name
    /// ([`Table::sets_of_measures`](crate::draft::table::Table::sets_of_measures)): that
    /// name, with the row's own where it names more than what the cells print (`Mean (SD)`).
    fn within_set_measure(&self, row_measure: Option<String>) -> Option<String> {
        let Some(spanning) = &self.model.measure else {
            return row_measure;
        };
        Some(match row_measure {
            Some(m) if !crate::draft::table::describes_cells(&m) => format!("{spanning} ({m})"),
            _ => spanning.clone(),
        })
    }

    /// What a time column's cell prints apart from its time (its column's descriptor).
    fn descriptor(&self, cells: &[Range<usize>], item: usize) -> String {
        cell_index(cells, self.items[item].span[0])
            .and_then(|k| self.header.descriptors.get(k))
            .cloned()
            .unwrap_or_default()
    }

    /// Place each item of a row of values by its column: a group's value, a time's value,
    /// another measure's value, or the row's comparison. `(change, time)`: whether the row's
    /// label names a change, and the row's time point.
    fn read_cells(
        &self,
        cells: &[Range<usize>],
        members: &[usize],
        label: &str,
        (change, time): (bool, &Option<String>),
        s: &mut Structure,
    ) -> RowCells {
        let items = self.items;
        let mut read = RowCells::default();
        let mut difference_printed_with_spread = None;
        let mut statistic_cis: Vec<(usize, usize)> = Vec::new();
        for &j in members {
            let Some(ci) = cell_index(cells, items[j].span[0]) else {
                continue;
            };
            let col = self
                .header
                .columns
                .get(ci)
                .copied()
                .unwrap_or(Column::Statistic(Stat::Other));
            let comparison = &mut read.comparison;
            match (col, items[j].kind.is_summary()) {
                (Column::Group(g), true) => {
                    let (n, n_evidence) = self.cell_n(cells, (j, ci), g, label, s);
                    let column_time = self.header.column_time.get(ci).cloned().flatten();
                    let cell = Cell {
                        item: j,
                        group: Some(g),
                        time: column_time.or_else(|| time.clone()),
                        n,
                        n_evidence,
                        whole: None,
                    };
                    if self.header.column_change.get(ci).copied().unwrap_or(false) && !change {
                        read.changes.push(cell);
                    } else {
                        read.values.push(cell);
                    }
                }
                // Only the cells printing what the row's first one prints.
                (Column::Time, true)
                    if self.time_columns
                        && read.values.first().is_none_or(|first: &Cell| {
                            self.descriptor(cells, first.item) == self.descriptor(cells, j)
                        }) =>
                {
                    let (n, whose) = self.time_cell_n(cells, ci, s);
                    read.values.push(Cell {
                        item: j,
                        group: self.row_group,
                        time: Some(self.header.time_of_column(self.original, ci)),
                        n,
                        n_evidence: n.map(|k| format!("{whose} ('{}')", items[k].text.trim())),
                        whole: None,
                    })
                }
                (Column::Time, true) if self.time_columns => {
                    // A cell printing something else than the row's first (`% (SD)` beside
                    // `Mean (SD)`): the time course of another measure of the row.
                    let d = self.header.descriptors.get(ci).cloned().unwrap_or_default();
                    let cell = Cell {
                        item: j,
                        group: None,
                        time: Some(self.header.time_of_column(self.original, ci)),
                        n: None,
                        n_evidence: None,
                        whole: None,
                    };
                    read.others.push((d, cell));
                }
                (Column::Statistic(Stat::P), false)
                    if items[j].kind == ItemKind::P && comparison.p.is_none() =>
                {
                    comparison.p = Some(j)
                }
                (Column::Statistic(Stat::Difference), false)
                    if comparison.difference.is_none() && items[j].kind == ItemKind::Number =>
                {
                    comparison.difference = Some(j)
                }
                (Column::Statistic(Stat::Difference), true) => {
                    difference_printed_with_spread.get_or_insert(j);
                }
                (Column::Statistic(_), false) if items[j].kind == ItemKind::Ci => {
                    comparison.ci.get_or_insert(j);
                    statistic_cis.push((ci, j));
                }
                _ => {}
            }
        }
        read.take_the_differences_interval(items, cells, &statistic_cis);
        if let Some(d) = difference_printed_with_spread {
            read.take_difference_if_the_arms_give_it(items, d);
        }
        read
    }

    /// The n of a group's cell (`(j, ci)`: its item and column) and where it comes from: the
    /// n printed in the cell itself (`17·4 (4·8); 219`), else its section's, else the
    /// column's (none for a subgroup a row above counted).
    /// The n a row's label prints for the row, where it prints one (`Anxiety score (0–21)
    /// (n=112)`, as a table notes the rows with missing data: `All n's are 120 except where
    /// stated`): under one group's column, that group's n at this row; under several, the
    /// groups' patients together, fewer than their columns' n's add to, so no group's own n
    /// at this row is printed (none, not the column's). `None`: the label prints no single n,
    /// or one that all the groups' columns add to.
    fn row_label_n(
        &self,
        cells: &[Range<usize>],
        s: &Structure,
    ) -> Option<(Option<usize>, Option<String>)> {
        let items = self.items;
        let value = |k: usize| items[k].parts.value.as_ref().map(|v| v.number.value);
        // Items are in document order: the label's are found from its start.
        let label = cells.first()?;
        let in_label: Vec<usize> = (items.partition_point(|i| i.span[0] < label.start)
            ..items.len())
            .take_while(|&k| items[k].span[0] <= label.end)
            .filter(|&k| {
                items[k].kind == ItemKind::N && cell_index(cells, items[k].span[0]) == Some(0)
            })
            .collect();
        let [k] = in_label[..] else {
            return None;
        };
        let total = value(k)?;
        let mut groups = self.header.column_groups();
        groups.sort_unstable();
        groups.dedup();
        if groups.len() == 1 {
            return Some((
                Some(k),
                Some(format!("the row's own n ('{}')", items[k].text.trim())),
            ));
        }
        let columns: Option<f64> = groups
            .iter()
            .map(|&g| s.groups[g].n.and_then(value))
            .sum::<Option<f64>>();
        (columns.is_some_and(|sum| total < sum)).then(|| {
            (
                None,
                Some(format!(
                    "{N_NOT_PRINTED}: the row's n ('{}') is of all the groups together",
                    items[k].text.trim()
                )),
            )
        })
    }

    fn cell_n(
        &self,
        cells: &[Range<usize>],
        (j, ci): (usize, usize),
        g: usize,
        label: &str,
        s: &mut Structure,
    ) -> (Option<usize>, Option<String>) {
        let items = self.items;
        let own = items[j].parts.n.as_ref().and_then(|p| {
            items.iter().position(|i| {
                i.kind == ItemKind::N
                    && i.span[0] <= p.span[0]
                    && p.span[1] <= i.span[1]
                    && cell_index(cells, i.span[0]) == Some(ci)
            })
        });
        if let Some(k) = own {
            s.placed[k] = true;
            return (
                Some(k),
                Some(format!("printed with it ('{}')", items[k].text.trim())),
            );
        }
        if let Some(k) = self.n_beside(cells, ci, g) {
            s.placed[k] = true;
            return (
                Some(k),
                Some(format!(
                    "the group's n on the row, in its column headed as an n ('{}')",
                    items[k].text.trim()
                )),
            );
        }
        if let Some(footnoted) = self.footnote_n(&self.original[cells[ci].clone()], g, s) {
            return match footnoted {
                Some(k) => (
                    Some(k),
                    Some(format!(
                        "the n its footnote gives for the group ('{}')",
                        items[k].text.trim()
                    )),
                ),
                None => (None, None),
            };
        }
        if let Some(row_n) = self.row_label_n(cells, s) {
            return row_n;
        }
        match self.section_n.get(ci).copied().flatten() {
            Some(k) => (
                Some(k),
                Some(format!(
                    "the n of the rows' section ('{}')",
                    items[k].text.trim()
                )),
            ),
            None if self.counted.contains(&label.to_lowercase()) => (None, None),
            None => {
                // Where the group heads several columns (one at each time), the n over this
                // one; elsewhere the group's, which rows above may have set.
                let several = self
                    .header
                    .columns
                    .iter()
                    .filter(|c| **c == Column::Group(g))
                    .count()
                    > 1;
                let n = several
                    .then(|| self.header.column_n.get(ci).copied().flatten())
                    .flatten()
                    .or(s.groups[g].n);
                (
                    n,
                    n.map(|n| format!("the column's n ('{}')", items[n].text.trim())),
                )
            }
        }
    }

    /// The n a row prints for group `g` in a column of its own under the group, headed as an
    /// n (`Tiotropium` over `Number of patients | Mean (SE)`): each arm's n printed beside
    /// its summary, as tables of subgroups print the n each subgroup has (the column's
    /// header n, where there is one, is the whole arm's); in a grid of groups by times, the
    /// n column of the cell's time.
    fn n_beside(&self, cells: &[Range<usize>], ci: usize, g: usize) -> Option<usize> {
        let time = |c: usize| self.header.column_time.get(c).cloned().flatten();
        let n_column = |c: usize| {
            c != ci
                && self.header.columns.get(c) == Some(&Column::Group(g))
                && time(c) == time(ci)
                && self.header.cells_over[c]
                    .iter()
                    .any(|h| crate::draft::table::names_n(&self.original[h.clone()]))
        };
        self.only_n_in(cells, n_column)
    }

    /// The n a footnote gives for a cell carrying its mark (`0.1 (4.4)§`, and below the table
    /// `§Natalizumab, n=15; fingolimod, n=16. Includes only patients who had MRI data`): a
    /// table footnotes the cells of a subset of its patients so. `None` where the cell has no
    /// such footnote (the entry prints no n); `Some(None)` where it prints n's but none after
    /// this group's name: the column's n is then not the cell's, and the cell's stays open.
    fn footnote_n(&self, cell: &str, g: usize, s: &Structure) -> Option<Option<usize>> {
        // The footnotes below the table: its legend, which a page's copy may set apart by
        // blank lines (so more than the statement's legend), up to twelve lines.
        let below = self.model.rows.last()?.line.end;
        let rest = self.original.get(below..)?;
        let window = rest
            .char_indices()
            .filter(|&(_, c)| c == '\n')
            .nth(12)
            .map_or(rest, |(k, _)| &rest[..k]);
        let entry = crate::draft::table::footnote_entry(window, cell)?;
        let at = below + window.find(entry)?;
        let ns: Vec<usize> = (0..self.items.len())
            .filter(|&k| {
                let i = &self.items[k];
                i.kind == ItemKind::N && at <= i.span[0] && i.span[1] <= at + entry.len()
            })
            .collect();
        if ns.is_empty() {
            return None;
        }
        let key = s.groups[g].key.to_lowercase();
        let mut from = at;
        for &k in &ns {
            let before = self.original[from..self.items[k].span[0]].to_lowercase();
            if !key.is_empty() && before.contains(&key) {
                return Some(Some(k));
            }
            from = self.items[k].span[1];
        }
        Some(None)
    }

    /// The n of a group's value in a time column (`ci`) and whose it is: the n its row prints
    /// beside it under the same time, else the column's header n, else the group's.
    fn time_cell_n(
        &self,
        cells: &[Range<usize>],
        ci: usize,
        s: &mut Structure,
    ) -> (Option<usize>, &'static str) {
        match (self.n_beside_in_time(cells, ci), self.time_column_n(ci)) {
            (Some(k), _) => {
                s.placed[k] = true;
                (
                    Some(k),
                    "the row's n under the same time, in its column headed as an n",
                )
            }
            (None, Some(k)) => (Some(k), "the column's n"),
            (None, None) => match self.row_group {
                Some(g) => (s.groups[g].n, "the group's n"),
                // A time course of the whole sample (no group's row, and the document names
                // no groups): the document's one number of people, as a sentence's values
                // take it (`Pre-post changes in outcomes (n=45).` over `Outcome | Baseline |
                // 3-month follow-up`). Fewer people later, or arms, take it back
                // ([`super::no_document_n_after_fewer_people`]).
                None if s.groups.is_empty() => (s.document_n, super::sentence::DOCUMENT_N_EVIDENCE),
                None => (None, "the group's n"),
            },
        }
    }

    /// The n a row prints beside its value under the same time, in a column headed as an n
    /// (`Baseline | 3 mo` each over `n | mean ± SD`, the row `Placebo | 28 | 17.0 ± 9.2 | 27 |
    /// 17.7 ± 9.0`): the patients measured at that time, as tables of visits print them.
    /// `None` unless exactly one such n stands in the row under that time.
    fn n_beside_in_time(&self, cells: &[Range<usize>], ci: usize) -> Option<usize> {
        let time = self.header.time_of_column(self.original, ci);
        let n_column = |c: usize| {
            c != ci
                && self.header.columns.get(c) == Some(&Column::Time)
                && self.header.time_of_column(self.original, c) == time
                && self.header.cells_over[c]
                    .last()
                    .is_some_and(|h| crate::draft::table::names_n(&self.original[h.clone()]))
        };
        self.only_n_in(cells, n_column)
    }

    /// The one n item a row (`cells`) prints in the columns `n_column` picks; `None` where it
    /// prints none or two (which is the value's is then not printed).
    fn only_n_in(&self, cells: &[Range<usize>], n_column: impl Fn(usize) -> bool) -> Option<usize> {
        let from = cells.first()?.start;
        let to = cells.last()?.end;
        let first = self.items.partition_point(|i| i.span[0] < from);
        let mut ns = self.items[first..]
            .iter()
            .enumerate()
            .take_while(|(_, i)| i.span[0] < to)
            .filter(|(_, i)| i.kind == ItemKind::N)
            .filter(|(_, i)| cell_index(cells, i.span[0]).is_some_and(&n_column))
            .map(|(k, _)| first + k);
        let n = ns.next()?;
        ns.next().is_none().then_some(n)
    }

    /// The n printed in a time column's header (`Baseline (n = 22)` over `Mean | SD`): the
    /// patients that column's cells are of.
    fn time_column_n(&self, ci: usize) -> Option<usize> {
        let over = self.model.column_headers().get(ci)?;
        self.items.iter().position(|i| {
            i.kind == ItemKind::N
                && over
                    .iter()
                    .any(|c| c.start <= i.span[0] && i.span[1] <= c.end)
        })
    }

    /// How a row's values relate: a time course, arms, or one value.
    fn shape_of(&self, values: &[Cell], groups: &[Option<usize>]) -> Shape {
        // One group's cells under two times or more of a grid (`Sertraline group` over
        // `Baseline | Week 8`): its time course.
        let distinct_times = {
            let mut t: Vec<String> = values
                .iter()
                .filter_map(|c| c.time.as_deref().map(cues::time_key))
                .collect();
            t.sort();
            t.dedup();
            t.len()
        };
        let one_group_over_time = groups.len() == 1
            && values.len() >= 2
            && distinct_times == values.len()
            && values.iter().all(|c| c.group.is_some());
        // A time course visits each time once: times that repeat along a row (`Baseline |
        // Week 12 | Baseline | Week 12`) are a grid of groups whose names the table did not
        // give us, so the row is no one group's course.
        let times_repeat = distinct_times < values.len();
        // Likewise each arm stands once at each time: a group's name over two cells of one
        // time (`Before | During | Before | During` read as names) is no arm of the row.
        let arms_repeat = {
            let mut seen: Vec<(Option<usize>, Option<String>)> = values
                .iter()
                .map(|c| (c.group, c.time.as_deref().map(cues::time_key)))
                .collect();
            seen.sort();
            seen.dedup();
            seen.len() < values.len()
        };
        if self.time_columns && values.len() >= 2 && !times_repeat || one_group_over_time {
            Shape::TimeCourse
        } else if self.group_columns >= 2 && groups.len() >= 2 && !arms_repeat {
            Shape::Arms
        } else {
            Shape::Single
        }
    }

    /// A later time of the measure just read (same label, same groups): its next time point.
    /// A row printing fewer of its groups (a later visit of one arm only, as an extension
    /// phase after the controlled one prints) is that next time point of those groups, where
    /// each is new at that time. Whether the row's values were added to that measure.
    fn continues_last_measure(
        &self,
        shape: Shape,
        (measure_label, time): (&Option<String>, &Option<String>),
        groups: &[Option<usize>],
        read: &mut RowCells,
        s: &mut Structure,
    ) -> bool {
        let arms_or_fewer = shape == Shape::Arms
            || shape == Shape::Single && read.values.iter().all(|c| c.group.is_some());
        let (Some(mi), Some(t), true) = (self.last_measure, time, arms_or_fewer) else {
            return false;
        };
        let m = &mut s.measures[mi];
        let mut a: Vec<Option<usize>> = m.cells.iter().map(|c| c.group).collect();
        a.sort();
        a.dedup();
        let mut b = groups.to_vec();
        b.sort();
        let key = cues::time_key(t);
        let new_at_time = !m.cells.iter().any(|c| {
            groups.contains(&c.group) && c.time.as_deref().map(cues::time_key) == Some(key.clone())
        });
        let fits = if shape == Shape::Arms {
            a == b
        } else {
            b.len() < a.len() && b.iter().all(|g| a.contains(g)) && new_at_time
        };
        if m.shape != Shape::Arms || m.label != *measure_label || !fits || m.change {
            return false;
        }
        add_row_to_measure(mi, read, s);
        true
    }

    /// A row under a later section's time (`Follow-up, median (IQR)`, then `6MWD (m)`) that
    /// names a measure an earlier section's time printed (`Baseline, median (IQR)`, then
    /// `6MWDb (m)`, its footnote's letter glued on): the same measure at that time, its arms
    /// the same groups. The row's comparison is the measure's at its last time. Whether the
    /// row's values were added to it.
    fn continues_measure_of_another_time(
        &self,
        shape: Shape,
        (measure_label, time): (&Option<String>, &Option<String>),
        read: &mut RowCells,
        s: &mut Structure,
    ) -> bool {
        let (Some(label), Some(t), Some(_), Shape::Arms) =
            (measure_label, time, &self.section_time, shape)
        else {
            return false;
        };
        let key = cues::time_key(t);
        let groups = |cells: &[Cell]| {
            let mut g: Vec<Option<usize>> = cells.iter().map(|c| c.group).collect();
            g.sort();
            g.dedup();
            g
        };
        let wanted = groups(&read.values);
        let name = without_footnote_letters(label);
        let Some(mi) = (self.first_measure..s.measures.len()).find(|&mi| {
            let m = &s.measures[mi];
            m.shape == Shape::Arms
                && !m.change
                && m.label
                    .as_deref()
                    .is_some_and(|l| without_footnote_letters(l) == name)
                && groups(&m.cells) == wanted
                && !m
                    .cells
                    .iter()
                    .any(|c| c.time.as_deref().map(cues::time_key) == Some(key.clone()))
        }) else {
            return false;
        };
        add_row_to_measure(mi, read, s);
        true
    }

    /// The next group's row of the measure just read, in a table whose rows are the groups
    /// ([`Column::RowGroup`]: `Physical Function | IG | 93.8 (6.8) | 95.0 (7.4)`, then ` | CG
    /// | 94.4 (8.0) | 88.1 (14.4)`): the same label, another group, the same times. The
    /// measure becomes the arms of those groups, each with its time course. Whether the row's
    /// values were added to it.
    fn continues_group_rows(
        &self,
        r: usize,
        shape: Shape,
        measure_label: &Option<String>,
        read: &mut RowCells,
        s: &mut Structure,
    ) -> bool {
        let (Some(g), Some(mi), Shape::TimeCourse) = (self.row_group, self.last_measure, shape)
        else {
            return false;
        };
        let m = &mut s.measures[mi];
        let times = |cells: &[Cell]| {
            let mut t: Vec<String> = cells
                .iter()
                .filter_map(|c| c.time.as_deref().map(cues::time_key))
                .collect();
            t.sort();
            t.dedup();
            t
        };
        let other_groups = m.cells.iter().all(|c| c.group.is_some_and(|h| h != g));
        // Under a section naming the measure, a group's row may leave a visit out (`Usual
        // care` not followed up): it is the same measure all the same.
        // Under a section naming the measure, a group's row may leave a visit out (`Usual
        // care` not followed up): it is the same measure all the same.
        let same_times = times(&m.cells) == times(&read.values)
            || matches!(self.group_rows.get(r), Some(Some(_)));
        if !matches!(m.shape, Shape::TimeCourse | Shape::Arms)
            || m.label != *measure_label
            || m.change
            || !other_groups
            || !same_times
        {
            return false;
        }
        m.shape = Shape::Arms;
        m.evidence = vec![format!(
            "the table's rows name the groups and its columns the time points (header line {})",
            self.header.line
        )];
        // A row's p is its group's change over the times (`p-Value M0-M1`), no comparison of
        // the arms: it leaves the measure, a fact of its own. A p printed on the last
        // group's row alone is the section's, the groups' comparison (a cell spanning the
        // groups' rows, copied at the last).
        for j in std::mem::take(&mut m.comparison).items() {
            s.placed[j] = false;
        }
        if self.group_rows.get(r) == Some(&Some(true)) {
            for j in read.comparison.items() {
                s.placed[j] = true;
            }
            m.comparison = std::mem::take(&mut read.comparison);
        }
        for c in &read.values {
            s.placed[c.item] = true;
        }
        m.cells.append(&mut read.values);
        true
    }

    /// The spread a row's values print: the one their own reading names (each cell's column
    /// header, the table's caption, header rows or legend: [`crate::draft::summary`]) when
    /// they agree; else the one named by the row, its section, the column headers or the
    /// lines above the table (`LSM (SE) change`, `Mean (SD)`, `Data are mean ± SD`).
    fn spread_label(&self, values: &[Cell], label: &str) -> Option<(&'static str, String)> {
        let own: Vec<Option<&'static str>> = values
            .iter()
            .map(|c| self.items[c.item].parts.spread_label)
            .collect();
        let agreed = own
            .first()
            .copied()
            .flatten()
            .filter(|l| own.iter().all(|o| *o == Some(*l)));
        let footnote = crate::draft::table::footnote_entry(&self.model.statement, label);
        let named = [
            (label, "the row's label"),
            (
                footnote.unwrap_or(""),
                "the footnote the row's label is marked for",
            ),
            (self.section.as_deref().unwrap_or(""), "the section's label"),
        ]
        .into_iter()
        .chain(
            self.model.rows[..=self.header.row]
                .iter()
                .rev()
                .map(|r| (&self.original[r.line.clone()], "the table's header")),
        )
        .chain([(
            self.model.statement.as_str(),
            "the table's caption, header or legend",
        )])
        .find_map(|(text, whence)| cues::spread_kind(text).map(|k| (k, whence.to_string())));
        agreed
            .map(|l| (l, "the values' own label".to_string()))
            .or(named)
    }

    /// Add a row's measure, and its other measures, one per thing its cells print, each a
    /// time course when it has two time points or more (a lone cell stays unplaced, for
    /// review).
    fn push_row_measures(
        &mut self,
        read: RowCells,
        shape: Shape,
        (measure_label, change): (Option<String>, bool),
        label: &str,
        s: &mut Structure,
    ) {
        let line = self.header.line;
        // Columns named by their n alone are no arms the text decides: left for review.
        let by_n_only = shape == Shape::Arms
            && read.values.iter().all(|c| {
                c.group
                    .is_some_and(|g| self.header.named_by_n_only.contains(&g))
            });
        let shape = if by_n_only { Shape::Single } else { shape };
        let evidence = match shape {
            Shape::Arms => format!("the table's columns name the groups (header line {line})"),
            Shape::TimeCourse => {
                format!("the table's columns name the time points (header line {line})")
            }
            Shape::Single => "one value of the row".to_string(),
        };
        for c in &read.values {
            s.placed[c.item] = true;
        }
        for j in read.comparison.items() {
            s.placed[j] = true;
        }
        let spread_label = self.spread_label(&read.values, label);
        let sentence = self.items[read.values[0].item].sentence;
        let review = if by_n_only {
            vec![format!(
                "the table's columns are headed by their n alone (header line {line}): confirm whether they are different groups or one group's analysis sets before comparing them"
            )]
        } else {
            Vec::new()
        };
        s.measures.push(Measure {
            spread_label: spread_label.clone(),
            label: measure_label.clone(),
            change,
            comparison: read.comparison,
            review,
            ..Measure::new(shape, sentence, read.values, evidence)
        });
        self.last_measure = Some(s.measures.len() - 1);
        let mut kinds: Vec<String> = read.others.iter().map(|(d, _)| d.clone()).collect();
        kinds.dedup();
        for d in kinds {
            let cells: Vec<Cell> = read
                .others
                .iter()
                .filter(|(k, _)| *k == d)
                .map(|(_, c)| c.clone())
                .collect();
            if cells.len() < 2 {
                continue;
            }
            for c in &cells {
                s.placed[c.item] = true;
            }
            let evidence = format!(
                "the table's columns name the time points (header line {line}); these cells print '{d}', the row's first another thing"
            );
            s.measures.push(Measure {
                spread_label: spread_label.clone(),
                label: measure_label.as_ref().map(|l| format!("{l} ({d})")),
                change,
                ..Measure::new(Shape::TimeCourse, sentence, cells, evidence)
            });
        }
    }
}

/// Every arm's change of a row (cells under a change beside cells of values), one measure of
/// changes beside the values', where each group stands once; with the row's comparison
/// where the row prints nothing but the changes (its statistics then compare the changes), or
/// where the two changes give its printed difference.
fn push_change_measure(
    items: &[Item],
    read: &mut RowCells,
    measure_label: &Option<String>,
    header_line: usize,
    s: &mut Structure,
) {
    let changes = &mut read.changes;
    if changes.len() < 2 {
        return;
    }
    let mut groups: Vec<Option<usize>> = changes.iter().map(|c| c.group).collect();
    groups.sort();
    groups.dedup();
    if groups.len() != changes.len() || groups.len() < 2 {
        return;
    }
    for c in changes.iter() {
        s.placed[c.item] = true;
    }
    let changes = std::mem::take(changes);
    // Beside the values, the row's difference is the changes' where the two changes give it
    // within their rounding (`0.4 (1.5)` and `−0.01 (1.5)` under `Change`, `0.4 (0.1 to 0.7)`
    // under `Absolute Difference`, where the week-12 values give 0.6): the document's own
    // numbers say what was compared.
    let changes_give_it = |c: &Comparison| match (c.difference, &changes[..]) {
        (Some(d), [a, b]) => items[d]
            .difference_of(&items[a.item], &items[b.item])
            .is_some(),
        _ => false,
    };
    let comparison = if read.values.is_empty() || changes_give_it(&read.comparison) {
        std::mem::take(&mut read.comparison)
    } else {
        Comparison::default()
    };
    for j in comparison.items() {
        s.placed[j] = true;
    }
    let evidence = format!(
        "the table's columns name the groups and, under each, a change (header line {header_line})"
    );
    s.measures.push(Measure {
        label: measure_label.as_ref().map(|l| format!("{l} change")),
        change: true,
        comparison,
        ..Measure::new(
            Shape::Arms,
            items[changes[0].item].sentence,
            changes,
            evidence,
        )
    });
}

/// Do the table's rows say that the column `total` (column, group, n) holds the whole of the
/// columns `parts`: in at least two rows, and in four of five rows where all of them print a
/// count or a mean, the total's count is the sum of the parts' (`131 (17.8)` over `45 (17.7)`
/// and `86 (17.8)`; a bare `Missing | 10 | 3 | 7`) or its mean their mean weighted by their
/// n's within the rounding of each printed mean (`109.5` over `112.6` of 259 and `107.8` of
/// 488: 109.46)?
fn rows_total_their_parts(
    items: &[Item],
    body: &[Row],
    total: (usize, usize, u64),
    parts: &[(usize, usize, u64)],
) -> bool {
    let (mut agree, mut disagree) = (0, 0);
    for row in body {
        let first_in = |c: usize| {
            row_items(items, row)
                .find(|&(_, cell)| cell == c)
                .map(|(j, _)| &items[j])
        };
        let Some(whole) = first_in(total.0) else {
            continue;
        };
        let Some(part_items) = parts
            .iter()
            .map(|p| first_in(p.0))
            .collect::<Option<Vec<&Item>>>()
        else {
            continue;
        };
        let count = |i: &Item| {
            i.parts
                .count
                .as_ref()
                .or(i
                    .parts
                    .value
                    .as_ref()
                    .filter(|_| i.kind == ItemKind::Number))
                .map(|p| p.number.value)
                .filter(|v| v.fract() == 0.0)
        };
        fn mean(i: &Item) -> Option<&crate::text::TextNumber> {
            i.parts.mean.as_ref().map(|p| &p.number)
        }
        if let (Some(w), Some(ps)) = (
            count(whole),
            part_items
                .iter()
                .map(|i| count(i))
                .collect::<Option<Vec<f64>>>(),
        ) {
            if ps.iter().sum::<f64>() == w {
                agree += 1;
            } else {
                disagree += 1;
            }
        } else if let (Some(w), Some(ps)) = (
            mean(whole),
            part_items
                .iter()
                .map(|i| mean(i))
                .collect::<Option<Vec<_>>>(),
        ) {
            let half_unit = |d: i32| 0.5 * 10f64.powi(-d);
            let n = total.2 as f64;
            let weighted: f64 = ps
                .iter()
                .zip(parts)
                .map(|(m, p)| m.value * p.2 as f64 / n)
                .sum();
            let slack: f64 = half_unit(w.decimals)
                + ps.iter()
                    .zip(parts)
                    .map(|(m, p)| half_unit(m.decimals) * p.2 as f64 / n)
                    .sum::<f64>();
            if (w.value - weighted).abs() <= slack + 1e-9 {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
    }
    agree >= 2 && agree >= 4 * disagree
}

/// A level of a section written as a number, a range or a bound first (`1 or 2`, `≥3`, `<65
/// years`, `18–40`, `１～２`): its first word is a comparison sign or all number, unlike a
/// name that holds one (`6MWD (m)`, `Dyspnoea post 6MWD`).
fn is_numbered_level(label: &str) -> bool {
    let label = label.trim_start();
    let first = label.split_whitespace().next().unwrap_or("");
    label.starts_with(['≥', '≤', '<', '>', '＜', '＞', '≧', '≦'])
        || first
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && first.chars().all(|c| {
                c.is_ascii_digit() || ('０'..='９').contains(&c) || ".,+%–-~～〜−".contains(c)
            })
}

/// A row's label as the level words below are matched: trimmed, without a colon or a
/// footnote mark, lower case.
fn level_word(label: &str) -> String {
    label
        .trim()
        .trim_end_matches([':', '*', '†'])
        .to_lowercase()
}

/// The levels a section's list ends with (`Missing`, `Unknown`, `Not reported`, `Total`,
/// `不明`, `合計`).
fn closes_levels(label: &str) -> bool {
    const WORDS: [&str; 9] = [
        "missing",
        "unknown",
        "not reported",
        "not known",
        "total",
        "不明",
        "合計",
        "未回答",
        "欠測",
    ];
    WORDS.contains(&level_word(label).as_str())
}

/// The levels every numbered section may hold printing no number: those that end its list
/// ([`closes_levels`]), and `Other`, `None`, `その他`.
/// Whether a row's label ends in the unit its values are in, in brackets (`Prostate volume
/// (cc)`, `PSA (ng ml−1)`, `Weight (kg)`, `Pain (0-10 VAS)` is no unit): a measure's own
/// name, which no level of a section, no analysis set (`mITT`) and no time carries.
fn names_its_unit(label: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(
            r"[(（]\s*(?:%|％|[a-zA-Zµμ]{1,6}(?:\s?[/·.]?\s?[a-zA-Zµμ]{1,6})?(?:\s?[−-]?[123²³])?(?:\s?[a-zA-Z]{1,3}(?:\s?[−-]?[123²³])?)?)\s*[)）]\s*[*†‡§]*$",
        )
        .expect("the unit pattern is valid")
    })
    .is_match(label.trim())
}

fn is_unnumbered_level(label: &str) -> bool {
    const WORDS: [&str; 6] = ["other", "others", "none", "never", "その他", "なし"];
    closes_levels(label) || WORDS.contains(&level_word(label).as_str())
}

/// Does a row label count the units a measure is taken on where they are not the patients
/// (`No. of eyes`, `Number of knees`, `眼数`): ophthalmology and orthopaedics tables print the
/// eyes or knees under each arm above the values taken on them, so the count is those rows' n
/// ([`super::sentence::units_of_patients`] keeps such a count from being the patients').
fn counts_the_units_measured(label: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\s*(?:no\.?|number)\s+of\s+(?:eyes|knees|hips|teeth|lesions|limbs|feet|ears|joints|ulcers|wounds)\s*$|^\s*(?:眼|膝|歯|病変|関節)数\s*$",
        )
        .expect("the units pattern is valid")
    })
    .is_match(label)
}

#[cfg(test)]
mod tests {
    use crate::draft::structure::{Shape, means_of, ns_of, read_text};

    /// The measure holding the value printed as `value…` (its first digits).
    fn measure_holding<'s>(
        items: &[crate::draft::Item],
        s: &'s crate::draft::structure::Structure,
        value: &str,
    ) -> &'s crate::draft::structure::Measure {
        s.measures
            .iter()
            .find(|m| {
                m.cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with(value))
            })
            .unwrap_or_else(|| panic!("{value} placed in no measure: {:#?}", s.measures))
    }

    /// The n of a placed cell, as printed.
    fn n_printed<'i>(
        items: &'i [crate::draft::Item],
        c: &crate::draft::structure::Cell,
    ) -> &'i str {
        let value = items[c.n.expect("an n")]
            .parts
            .value
            .as_ref()
            .expect("a value");
        value.number.text.as_str()
    }

    #[test]
    fn a_summary_under_a_column_of_ns_places_nothing_of_its_row() {
        // Made-up values in a journal page's form (usertrial68 d01): the groups' row and the
        // times' row span columns, copied one cell each, so `No | Mean (SD)` under each time
        // stands over fewer cells than the rows print. The second arm's means fall under `No`:
        // the header does not stand over the row, and the first arm's two means are no one
        // group's course (the row's p compares the arms).
        let text = "Table 2. Results\n| Outcomes | Control | Intervention | Intervention v control | ||||\n|---|---|---|---|---|---|---|---|\n| Baseline | 12 months | Change from baseline (95% CI) | Baseline | 12 months | Change from baseline (95% CI) | Difference in change (95% CI) | P value | ||\n| No | Mean (SD) | No | Mean (SD) | No | Mean (SD) | No | Mean (SD) | ||\n| Salt, g/24 h | 769 | 11.2 (5.0) | 678 | 11.0 (4.7) | −0.1 (−0.5 to 0.3) | 761 | 11.1 (4.8) | 667 | 10.1 (4.3) | −1.0 (−1.3 to −0.6) | −0.9 (−1.4 to −0.3) | 0.002 | |\n";
        let (items, s) = read_text(text);
        let courses: Vec<Vec<&str>> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::TimeCourse)
            .map(|m| {
                m.cells
                    .iter()
                    .map(|c| items[c.item].text.as_str())
                    .collect()
            })
            .collect();
        assert!(courses.is_empty(), "{courses:?}");
        // The same header with its cells aligned (a mean under each `Mean (SD)`) still reads
        // the course.
        let aligned = "Table 2\n| Outcome | Baseline | Baseline | 12 months | 12 months |\n|---|---|---|---|---|\n| | No | Mean (SD) | No | Mean (SD) |\n| Salt, g/24 h | 769 | 11.2 (5.0) | 678 | 11.0 (4.7) |\n";
        let (items, s) = read_text(aligned);
        let m = measure_holding(&items, &s, "11.2");
        assert_eq!(m.shape, Shape::TimeCourse);
    }

    #[test]
    fn the_comparisons_interval_is_the_one_in_its_differences_cell() {
        // Made-up values in a journal table's form (usertrial68 probe p01b): each arm's change
        // with its interval, then the difference in change with its own.
        let text = "Table 2. Results\n| Outcomes | Control | Control | Control | Intervention | Intervention | Intervention | Intervention v control | Intervention v control |\n|---|---|---|---|---|---|---|---|---|\n| | Baseline | 12 months | Change from baseline (95% CI) | Baseline | 12 months | Change from baseline (95% CI) | Difference in change (95% CI) | P value |\n| Salt, g/24 h (mean (SD)) | 11.2 (5.0) | 11.0 (4.7) | −0.1 (−0.5 to 0.3) | 11.1 (4.8) | 10.1 (4.3) | −1.0 (−1.3 to −0.6) | −0.9 (−1.4 to −0.3) | 0.002 |\n";
        let (items, s) = read_text(text);
        let with_ci: Vec<(&str, &str)> = s
            .measures
            .iter()
            .filter_map(|m| {
                let d = m.comparison.difference?;
                let ci = m.comparison.ci?;
                Some((items[d].text.as_str(), items[ci].text.as_str()))
            })
            .collect();
        assert_eq!(with_ci, [("−0.9", "(−1.4 to −0.3)")], "{:#?}", s.measures);
    }

    #[test]
    fn a_rows_own_n_for_all_groups_leaves_each_groups_n_open() {
        // Made-up medians in a baseline table's form (trial 35's doc 04, glued cells): rows
        // with missing data print their own n, of both groups together (`All n's are 120
        // except where stated`); each group's n there is not printed, never the column's 60.
        let glued = "Table 2 Baseline characteristics by group\nUsual care (n=60)Coaching (n=60)\nMedian (IQR)Median (IQR)\nAge (years)44 (38–51)45 (39–52)\n Anxiety score (0–21) (n=112)7 (4–10)6 (3–9)\n Sleep score (0–30) (n=101)12 (9–15)13 (10–16)\n  • All n’s are 120 except where stated.\n";
        let pipes = "Table 2\n| Characteristic | Usual care (n=60) | Coaching (n=60) |\n|---|---|---|\n| Age (years), mean ± SD | 44.1 ± 8.0 | 45.2 ± 7.9 |\n| Anxiety score (n=112), mean ± SD | 7.2 ± 3.0 | 6.1 ± 2.9 |\n";
        for text in [glued, pipes] {
            let (items, s) = read_text(text);
            let ns: Vec<Vec<Option<&str>>> = s
                .measures
                .iter()
                .filter(|m| m.shape == Shape::Arms)
                .map(|m| {
                    m.cells
                        .iter()
                        .map(|c| c.n.map(|_| n_printed(&items, c)))
                        .collect()
                })
                .collect();
            assert_eq!(ns[0], [Some("60"), Some("60")], "{text}");
            assert_eq!(ns[1], [None, None], "{text}");
        }
    }

    #[test]
    fn a_statistic_column_prints_what_its_own_cell_names() {
        // Made-up values: `Between-group differences` over `t | P` names the two columns
        // together; each prints what its own cell says, the t no difference, the P the p.
        let text = "Table 2. Outcomes at week 8.\n| Outcome | Drug (n = 40) | Placebo (n = 40) | Between-group differences | |\n| | | | t | P |\n|---|---|---|---|---|\n| Pain score, mean (SD) | 3.1 (1.2) | 4.0 (1.3) | 3.22 | 0.002 |\n";
        let (items, s) = read_text(text);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        assert!(m.comparison.difference.is_none(), "{:?}", m.comparison);
        let p = items[m.comparison.p.expect("the p")].parts.value.as_ref();
        assert_eq!(p.map(|v| v.number.text.as_str()), Some("0.002"));
    }

    #[test]
    fn arms_below_zero_at_every_time_with_no_baseline_are_changes() {
        // Made-up changes in a trial table's form (trial 36's doc 10): rows `Week 3`, `Week
        // 10` under a section naming only the scale, every arm's mean below zero; with a
        // baseline row, the values are levels.
        let changes = "| Variables | Drug (n = 30) | Placebo (n = 30) |\n|---|---|---|\n| Itch score, mean (SD) | | |\n| Week 3 | −3.3 (2.6) | −2.8 (2.6) |\n| Week 10 | −7.2 (3.9) | −6.5 (3.9) |\n";
        let levels = changes.replace("Week 3", "Baseline");
        for (text, change) in [(changes.to_string(), true), (levels, false)] {
            let (_, s) = read_text(&text);
            let m = &s.measures[0];
            assert_eq!((m.shape, m.cells.len()), (Shape::Arms, 4), "{text}");
            assert_eq!(m.change, change, "{text}");
        }
    }

    #[test]
    fn one_groups_times_each_with_its_n_are_a_time_course_not_arms() {
        // Made-up values in a journal page's layout (trial 35's probe): a single group before
        // and after a run-in, each column's n on the line under its name, a column of changes;
        // a page's copy a cell a line, blank lines between the cells, a space for an empty one.
        let text = "Table 1 Participants before and after the run-in\n\n \n\nBefore run-in\n\n(n = 140)\n\nAfter run-in\n\n(n = 128)\n\nEstimated changes\n\n(n = 128)\n\nAge, years\n\n51 ± 9\n\n52 ± 9\n\n \n\nHeart rate, bpm\n\n74 ± 8\n\n70 ± 7\n\n− 4 (− 6 to − 2)\n\nWeight, kg\n\n101.2 ± 14.0\n\n88.0 ± 12.1\n\n− 13.0 (− 14.1 to − 11.9)\n";
        let pipes = "Table 1\nCharacteristic | Before run-in (n = 140) | After run-in (n = 128) | Estimated changes (n = 128) |\n|---|---|---|---|\nAge, years | 51 ± 9 | 52 ± 9 | |\nHeart rate, bpm | 74 ± 8 | 70 ± 7 | − 4 (− 6 to − 2) |\n";
        let visits = "Table 1\nCharacteristic | Baseline (n = 140) | Week 12 (n = 128) |\n|---|---|---|\nAge, years | 51 ± 9 | 52 ± 9 |\nHeart rate, bpm | 74 ± 8 | 70 ± 7 |\n";
        // The page's copy may drop a row's empty cell: then rows are read label by label.
        let dropped = text.replacen("52 ± 9\n\n \n\n", "52 ± 9\n\n", 1);
        for (text, rows) in [(text, 3), (&dropped, 3), (pipes, 2), (visits, 2)] {
            let (items, s) = read_text(text);
            assert!(s.groups.is_empty(), "{text}: {:#?}", s.groups);
            let courses: Vec<Vec<(&str, &str)>> = s
                .measures
                .iter()
                .filter(|m| m.shape == Shape::TimeCourse)
                .map(|m| {
                    m.cells
                        .iter()
                        .map(|c| (items[c.item].text.as_str(), n_printed(&items, c)))
                        .collect()
                })
                .collect();
            assert_eq!(courses.len(), rows, "{text}: {:#?}", s.measures);
            assert_eq!(courses[1][1], ("70 ± 7", "128"), "{text}");
            assert_eq!(courses[1][0].1, "140", "{text}");
        }
        for h in [
            "Before run-in",
            "After low-calorie diet (at randomization)",
            "Before the first dose",
        ] {
            assert!(super::header_time(h).is_some(), "{h}");
        }
        // A prefix with a hyphen may name the people: no time.
        assert!(super::header_time("Post-menopausal women").is_none());
    }

    #[test]
    fn a_header_copied_a_cell_a_line_above_the_rule_names_the_columns_right_of_the_stub() {
        // Made-up values in a journal page's layout: the header's cells copied a line each
        // above the rule, the stub's empty cell last (`p-value | |`); rows wrapped after their
        // label. A section stating its cells (`Race-N (%)`) ends at a row stating its own.
        let text = "Table 2. Characteristics
                    | Group 1 n=20 |
Group 2 n=10 |
Group 3 N=40 |
p-value | |
                    |---|---|---|---|---|
                    | Age - Mean ± SD | 60 ± 5.0 | 62 ± 7.5 | 61 ± 6.5 | 0.40 |
                    | Race-N (%) | 0.35 | |||
                    | White | 18 (90) | 9 (90) | 30 (75) | |
                    | Black | 2 (10) | 1 (10) | 10 (25) | |
                    | BMI (kg/m2) - Mean ± SD |
30 ± 4.0 | 31 ± 4.5 | 29 ± 4.1 | 0.70 |
";
        let (items, s) = read_text(text);
        let mut labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        labels.sort_unstable();
        assert_eq!(labels, ["Group 1", "Group 2", "Group 3"]);
        let bmi = s
            .measures
            .iter()
            .find(|m| m.label.as_deref().is_some_and(|l| l.contains("BMI")))
            .expect("BMI read as a measure of the groups");
        assert_eq!(bmi.label.as_deref(), Some("BMI (kg/m2) - Mean ± SD"));
        let by_group: Vec<(&str, &str)> = bmi
            .cells
            .iter()
            .map(|c| {
                (
                    s.groups[c.group.expect("a group")].label.as_str(),
                    items[c.item].text.as_str(),
                )
            })
            .collect();
        assert!(by_group.contains(&("Group 1", "30 ± 4.0")), "{by_group:?}");
        assert!(by_group.contains(&("Group 3", "29 ± 4.1")), "{by_group:?}");
        let ns: Vec<&str> = bmi.cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns.len(), 3);
        assert!(ns.contains(&"20") && ns.contains(&"40"), "{ns:?}");
    }

    #[test]
    fn a_section_of_levels_ends_at_a_row_stating_its_own_statistic_before_a_mark() {
        // Made-up values in a glued table: a section of levels counted `n (%)`, then a
        // measure stating its own statistic with a footnote's mark after it (`#`).
        let text = "Table 2. Response at 3 months\nOutcomeA. Drug X (n=50)B. Drug Y (n=50)C. Standard (n=50)\nScore, mean (SD)1.8 (0.9)1.9 (0.8)2.4 (1.0)\nResponse, n (%)\nGood20 (40)15 (30)10 (20)\nNone30 (60)35 (70)40 (80)\nPain, median (IQR)#1 (0–4)1 (0–5)3 (0–7)\n";
        let (_, s) = read_text(text);
        let labels: Vec<&str> = s
            .measures
            .iter()
            .filter_map(|m| m.label.as_deref())
            .collect();
        assert!(labels.contains(&"Pain, median (IQR)#"), "{labels:?}");
    }

    #[test]
    fn a_section_label_between_a_header_copied_a_cell_a_line_and_its_rows_is_no_group() {
        // Made-up values in the layout of a journal page's table pasted a cell a line: the
        // arms with their n's, then the measure's label over its rows of visits.
        let text = "Table 4 Scores by visit

Variable

Drug 150 mg, n = 71

Drug 300 mg, n = 64

                    Placebo, n = 70

Mean pain score

Baseline, mean (SD)

27.19 (7.092)

                    28.57 (7.497)

27.48 (6.616)

Week 12, mean (SD)

32.92 (9.922)

                    31.62 (8.752)

30.17 (9.221)
";
        let (items, s) = read_text(text);
        let mut labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        labels.sort_unstable();
        assert_eq!(labels, ["Drug 150 mg", "Drug 300 mg", "Placebo"]);
        let m = &s.measures[0];
        assert_eq!(m.label.as_deref(), Some("Mean pain score"));
        let first: Vec<(&str, &str)> = m
            .cells
            .iter()
            .filter(|c| c.time.as_deref() == Some("Baseline"))
            .map(|c| {
                (
                    s.groups[c.group.expect("a group")].label.as_str(),
                    items[c.item].text.as_str(),
                )
            })
            .collect();
        assert!(
            first.contains(&("Drug 150 mg", "27.19 (7.092)")),
            "{first:?}"
        );
        assert!(first.contains(&("Placebo", "27.48 (6.616)")), "{first:?}");
    }

    #[test]
    fn separators_alone_in_a_table_pasted_a_cell_a_line_end_a_row_and_no_table() {
        // Made-up values in a journal page's table pasted a cell a line, each cell closed by
        // its separator: a section's row (`Quality of life |`) leaves its empty cells as a
        // line of separators alone, which ends neither the table nor the arms.
        let text = "Characteristic, mean (SD) |
Drug A (n = 120) |
Placebo (n = 61) |
|
Disease activity |
5.9 (0.7) |
6.0 (0.8) |
|
Quality of life |
|||
|
Physical score |
31.2 (6.4) |
30.8 (5.9) |
";
        let (items, s) = read_text(text);
        let mut labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        labels.sort_unstable();
        assert_eq!(labels, ["Drug A", "Placebo"]);
        let placed: Vec<(Option<&str>, &str, &str)> = s
            .measures
            .iter()
            .flat_map(|m| {
                m.cells.iter().map(|c| {
                    (
                        m.label.as_deref(),
                        s.groups[c.group.expect("a group")].label.as_str(),
                        items[c.item].text.as_str(),
                    )
                })
            })
            .collect();
        assert!(
            placed.contains(&(Some("Disease activity"), "Drug A", "5.9 (0.7)")),
            "{placed:?}"
        );
        assert!(
            placed.contains(&(
                Some("Quality of life (Physical score)"),
                "Placebo",
                "30.8 (5.9)"
            )),
            "{placed:?}"
        );
    }

    #[test]
    fn a_column_of_a_times_measure_with_what_its_cells_print_is_no_group() {
        // Made-up values in a journal table's layout: the rows are the products at each
        // visit; the columns a baseline score and an adjusted change, each stating its cells
        // (a footnote letter glued after the bracket).
        let text = "Table 2. Change from baseline
                    | Visit | Study product | n | Baseline score (mean ± SD) | Adjusted mean (SE)a | p-valuea |
                    |---|---|---|---|---|---|
                    | Week 4 | Test | 60 | 2.50 ± 0.44 | –0.80 (0.08) | < 0.0001 |
                    | Control | 62 | 2.45 ± 0.43 | –0.70 (0.08) | < 0.0001 | |
";
        let (_, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert!(
            !labels
                .iter()
                .any(|l| l.contains("Baseline score") || l.contains("Adjusted mean")),
            "{labels:?}"
        );
        assert!(crate::draft::table::describes_cells("Adjusted mean (SE)a"));
    }

    #[test]
    fn columns_named_by_an_effects_abbreviation_are_no_groups() {
        // Made-up values: each arm's share, then the risk ratio, the risk difference, p.
        let text = "Table 3. Responders\n\
                    | Outcome | Drug | Placebo | RR | RD | OR | p-value |\n\
                    |---|---|---|---|---|---|---|\n\
                    | Pain, n (%) | 30 (60) | 20 (40) | 1.5 | 20% | 2.3 | 0.04 |\n\
                    | Function, n (%) | 25 (50) | 15 (30) | 1.7 | 20% | 2.3 | 0.04 |\n";
        let (_, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Drug", "Placebo"]);
    }

    #[test]
    fn a_header_of_arms_over_an_n_and_a_mean_each_copied_a_cell_a_line() {
        // Made-up values in a journal page's layout: the arms' names over two columns each,
        // the columns' own headers (`n`, `Mean (s.e.)`) copied a cell a line under the rule,
        // the stub's and the weeks column's empty cells first; a column of each row's week.
        let text = "Table 2. Blood pressure\n\
                    Analysis | Weeks | Drug A | Drug B | Placebo | ||||\n\
                    ---|---|---|---|---|---|---|---|\n\
                    |\n|\nn |\nMean (s.e.) |\nn |\nMean (s.e.) |\nn |\nMean (s.e.) |\n\
                    SBP | 0 | 30 | 150.2 (2.1) | 31 | 149.0 (2.4) | 29 | 151.3 (2.2) |\n\
                    SBP | 12 | 27 | 138.4 (2.5) | 28 | 141.9 (2.6) | 27 | 147.7 (2.3) |\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Drug A", "Drug B", "Placebo"]);
        let first = &s.measures[0];
        assert_eq!(first.shape, Shape::Arms);
        let ns: Vec<&str> = first.cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns, ["30", "31", "29"]);
        // `s.e.` says what the cells' brackets print.
        assert_eq!(first.spread_label.as_ref().map(|(k, _)| *k), Some("SEM"));
    }

    #[test]
    fn a_glued_header_of_arms_heads_their_columns_though_comparison_rows_are_more() {
        // Made-up values in the layout of a journal table copied with its cells glued: the
        // stub's name run into the first arm's, each arm closed by its n; rows of each dose
        // against placebo and their p's print one value fewer, and outnumber the arms' rows.
        let text = "Table 2\n\nEfficacy measures: change from baseline to week 6, full analysis set\n\nOutcomesPlacebo, n = 120Drug, 10 mg, n = 118Drug, 20 mg, n = 121\nScale A\nBaseline, mean ± SD24.0 ± 3.625.8 ± 3.424.2 ± 3.1\nChange at week 6, LSM (SE)−8.3 (0.71)−10.6 (0.72)−11.4 (0.70)\nLSMD v. placebo (95% CI)−2.3 (−4.3 to −0.3)−3.1 (−5.1 to −1.1)\np value0.0230.002\nScale B\nLSMD v. placebo (95% CI)−1.2 (−2.3 to −0.1)−1.5 (−2.6 to −0.4)\np value0.0330.008\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Placebo", "Drug, 10 mg", "Drug, 20 mg"]);
        let change = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms && m.change)
            .expect("the changes read as the arms'");
        let ns: Vec<&str> = change.cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns, ["120", "118", "121"]);
        assert!(s.groups[0].control);
    }

    /// Made-up cells pasted a cell a line under a publisher's table page's title and its
    /// `From: <article>` line, each cell followed by a blank line.
    fn pasted_a_cell_a_line(cells: &[&str]) -> String {
        let mut text = String::from(
            "Table 3 Outcomes\n\nFrom: High-dose drug X reduces blood loss in postpartum haemorrhage\n\n",
        );
        for c in cells {
            text.push_str(c);
            text.push_str("\n\n");
        }
        text
    }

    #[test]
    fn the_article_named_under_a_tables_title_names_no_group() {
        // Made-up values pasted a cell a line under a publisher's `From: <article>` line, the
        // first section the patients' numbers with empty p cells.
        let cells = [
            "Group",
            "Drug",
            "Control",
            "P value",
            "Number of patients",
            "   ",
            "   ITT",
            "70",
            "71",
            " ",
            "   Per protocol",
            "65",
            "66",
            " ",
            "Severe bleeding, n (%)",
            "   ",
            "   ITT",
            "20 (29)",
            "30 (42)",
            "0.07",
            "   Per protocol",
            "18 (28)",
            "29 (44)",
            "0.05",
        ];
        let (_, s) = read_text(&pasted_a_cell_a_line(&cells));
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug", "Control"]);
    }

    #[test]
    fn a_stacked_header_with_a_last_column_named_on_one_line() {
        // Made-up values in a journal page's table copied with its cells glued: each arm's
        // name over its n a line each, then the last column's name on one line (the count
        // of missing values), its cell glued after the arms' in every row.
        let text = "Table 1 Baseline\n\nPlacebo\nn=120\nDrug A\nn=118\nMissing values (all groups), n\nAge, years49.6±13.1051.2±13.840\nWeight, kg70.6±13.1071.2±13.842\nHeight, cm170.6±13.10171.2±13.841\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Placebo", "Drug A"]);
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 3);
        let ns: Vec<&str> = arms[0].cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns, ["120", "118"]);
    }

    #[test]
    fn a_header_cell_broken_over_two_lines_beside_the_next_on_one_line() {
        // Made-up values in a journal page's table copied with single spaces: the first
        // group's header cell printed its name and its n on two lines, the second's and the
        // p's on one; each p with its footnote's `&` glued on. With a title above, and without.
        let rows = "Study group\n(n = 11)\nReference group (n = 144) P value\nAge (years) 38.6 ± 1.9 39.4 ± 1.2 0.205&\nWeight (kg) 60.1 ± 4.9 62.2 ± 3.7 0.319&\nHeight (cm) 160.2 ± 4.2 161.7 ± 5.1 0.106&\n";
        for text in [
            format!("Table 6.\n\nOutcomes of the two groups\n\n{rows}"),
            rows.to_string(),
        ] {
            let (items, s) = read_text(&text);
            let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
            assert_eq!(labels, ["Study group", "Reference group"], "{text}");
            let arms: Vec<_> = s
                .measures
                .iter()
                .filter(|m| m.shape == Shape::Arms)
                .collect();
            assert_eq!(arms.len(), 3, "{text}");
            let ns: Vec<&str> = arms[0].cells.iter().map(|c| n_printed(&items, c)).collect();
            assert_eq!(ns, ["11", "144"], "{text}");
            // The p with its footnote's `&` is the row's comparison.
            let p = arms[0].comparison.p.map(|j| items[j].text.trim());
            assert_eq!(p, Some("0.205"), "{text}");
        }
    }

    #[test]
    fn sections_naming_times_over_rows_naming_measures() {
        // Made-up values in a journal page's table copied with single spaces: the stub's name
        // run into a pooled column's (`Variables Total (n=62)`), then the arms; a section
        // naming each time with what the cells print, the same measures under each, a
        // footnote's letter glued to each name at its first printing.
        let text = "Table 3. Outcomes.\n\nVariables Total (n=62) Intervention (n=15) Control (n=47) P value\nBaseline, median (IQR)\n mMRCa dyspnea scale 1.0 (1.0-2.0) 1.0 (1.0-1.8) 1.0 (1.0-1.8) .99\n 6MWDb (m) 480.0 (440.0-520.0) 480.0 (421.3-551.8) 480.0 (440.0-503.8) .65\nFollow-up, median (IQR)\n mMRC dyspnea scale 1.0 (1.0-1.0) 1.0 (1.0-1.0) 1.0 (1.0-1.0) .29\n 6MWD (m) 485.0 (440.0-538.0) 485.0 (463.3-558.8) 485.0 (440.0-527.3) .54\n";
        let (_, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Intervention", "Control"]);
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 2, "{arms:?}");
        for m in arms {
            let times: Vec<&str> = m.cells.iter().filter_map(|c| c.time.as_deref()).collect();
            assert_eq!(times, ["Baseline", "Baseline", "Follow-up", "Follow-up"]);
        }
    }

    #[test]
    fn groups_named_by_how_long_they_were_treated_are_arms_not_times() {
        // Made-up values in a journal table's layout copied with single spaces: each arm
        // named by its treatment's length (`10-Day Group`), with its n, then the p; the
        // stub's name says what it measures (`Measure of Symptom Score`).
        let text = "Table 3. Symptoms\n\nMeasure of Symptom Score 10-Day Group (N = 242) 5-Day Group (N = 238) P Value\nMean score 1.20±2.06 1.89±2.73 0.001\nWorst score 2.20±2.06 2.89±2.73 0.002\nBest score 0.20±0.06 0.89±0.73 0.003\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["10-Day Group", "5-Day Group"]);
        let arms = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("each row read as the arms' values");
        let ns: Vec<&str> = arms.cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns, ["242", "238"]);
    }

    #[test]
    fn a_table_pasted_a_cell_a_line_with_sections_over_a_line_of_spaces() {
        // Made-up values in the layout a publisher's table page copies: the article named
        // under the title, every cell followed by a blank line, the stub headed `Group` over
        // the arms' names, each outcome a section label over one line of spaces, and its rows
        // (`ITT`, `Per protocol`) indented; a short legend under it. A section and its two
        // rows are ten cells, as two rows of five: the words under the value columns say the
        // columns are four.
        let cells = [
            "Group",
            "Drug",
            "Control",
            "P value",
            "Severe bleeding, n (%)",
            "   ",
            "   ITT",
            "20 (29)",
            "30 (42)",
            "0.07",
            "   Per protocol",
            "18 (28)",
            "29 (44)",
            "0.05",
            "Transfusion, n (%)",
            "   ",
            "   ITT",
            "10 (14)",
            "19 (27)",
            "0.06",
            "   Per protocol",
            "9 (14)",
            "17 (26)",
            "0.09",
            "ITT, intention to treat.",
        ];
        let (_, s) = read_text(&pasted_a_cell_a_line(&cells));
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug", "Control"]);
        let shares: Vec<&str> = s
            .shares
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .filter_map(|m| m.label.as_deref())
            .collect();
        assert_eq!(
            shares,
            [
                "Severe bleeding, n (%) (ITT)",
                "Severe bleeding, n (%) (Per protocol)",
                "Transfusion, n (%) (ITT)",
                "Transfusion, n (%) (Per protocol)"
            ]
        );
    }

    #[test]
    fn a_row_naming_a_difference_from_placebo_is_no_arms_values() {
        // Made-up values in a journal table's layout whose copy shifted each dose's difference
        // from placebo one column left, under the placebo column.
        let text = "Table 1. Change from baseline.\nVariable | Placebo | Drug 10 mg | Drug 20 mg |\n---|---|---|---|\nLS mean change (SE) | -8.7 (1.66) | -15.4 (2.56) | -16.6 (2.50) |\nLS mean difference from placebo (SE) | -6.7 (3.03) | -7.9 (2.84) | |\nP value | .02 | .003 | |\n";
        let (items, s) = read_text(text);
        let placed: Vec<&str> = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .map(|c| items[c.item].text.as_str())
            .collect();
        assert!(placed.contains(&"-15.4 (2.56)"), "{placed:?}");
        assert!(
            !placed
                .iter()
                .any(|t| t.starts_with("-6.7") || t.starts_with("-7.9")),
            "{placed:?}"
        );
    }

    #[test]
    fn the_stubs_name_glued_to_the_first_time_names_no_group() {
        // Made-up differences in the layout of a journal table copied a cell a line, the
        // stub's header run into the first time's.
        let text = "Table 3\n\nOutcomes—change from baseline adjusted for age\n\nChange from baseline Drug—control (SE) 95% CI\nMeasure2 weeks\n3 months\n6 months\nABC0.6 (1.02)\n−1.42 to 2.83\n−0.12 (1.31)\n−2.81 to 2.55\n0.27 (1.10)\n−2.01 to 2.51\nDEFG−2.33 (4.49)\n−11.82 to 7.17\n3.62 (4.48)\n−5.73 to 13.17\n";
        let (_, s) = read_text(text);
        assert!(s.groups.is_empty(), "{:?}", s.groups);
    }

    #[test]
    fn groups_with_their_n_under_a_stub_a_spanning_group_cell_and_the_tests_statistics() {
        // Made-up values: the groups' row, each name with its n, fell below the rule and lost
        // the stub's empty cell; above it the stub's name, `Group (mean ± SD)` spanning both
        // groups, and the test's `t | p` over the last two columns.
        let text = "Table 4. Scores before and after the programme.\n\
            | Subjects | Group (mean ± SD) | t | p | |\n\
            |---|---|---|---|---|\n\
            | Control group (n = 24) | Treated group (n = 25) | |||\n\
            | Pre-test score | 20.11 ± 2.21 | 20.43 ± 2.52 | 0.47 | 0.640 |\n\
            | Post-test score | 21.02 ± 3.14 | 25.61 ± 3.95 | −4.48 | 0.000 |\n";
        let (items, s) = read_text(text);
        let groups: Vec<(&str, Option<&str>)> = s
            .groups
            .iter()
            .map(|g| {
                let n = g.n.map(|j| items[j].text.as_str());
                (g.label.as_str(), n)
            })
            .collect();
        assert_eq!(
            groups,
            [
                ("Control group", Some("n = 24")),
                ("Treated group", Some("n = 25"))
            ]
        );
        assert!(s.groups[0].control);
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text == "25.61 ± 3.95"))
            .expect("the post-test row read");
        assert_eq!(m.shape, Shape::Arms);
        let placed: Vec<(&str, Option<usize>, Option<&str>)> = m
            .cells
            .iter()
            .map(|c| (items[c.item].text.as_str(), c.group, c.time.as_deref()))
            .collect();
        assert_eq!(
            placed,
            [
                ("20.11 ± 2.21", Some(0), Some("Pre-test")),
                ("20.43 ± 2.52", Some(1), Some("Pre-test")),
                ("21.02 ± 3.14", Some(0), Some("Post-test")),
                ("25.61 ± 3.95", Some(1), Some("Post-test"))
            ]
        );
    }

    #[test]
    fn rows_of_one_measure_each_opening_with_its_time_are_its_time_course() {
        // Made-up values: `Pre-test SPD` and `Post-test SPD` are SPD at two times; a lone
        // `Final height` is a measure of its own.
        let text = "| | Drug (n = 40) | Placebo (n = 38) | p |\n\
            |---|---|---|---|\n\
            | Pre-test SPD | 33.1 ± 3.4 | 32.9 ± 3.7 | 0.81 |\n\
            | Post-test SPD | 41.7 ± 6.8 | 34.1 ± 5.5 | 0.001 |\n\
            | Final height | 150.2 ± 7.1 | 149.8 ± 6.9 | 0.77 |\n";
        let (items, s) = read_text(text);
        let of = |value: &str| {
            s.measures
                .iter()
                .find(|m| m.cells.iter().any(|c| items[c.item].text == value))
                .expect("the value placed")
        };
        let spd = of("41.7 ± 6.8");
        assert_eq!(spd.label.as_deref(), Some("SPD"));
        let times: Vec<(&str, Option<&str>)> = spd
            .cells
            .iter()
            .map(|c| (items[c.item].text.as_str(), c.time.as_deref()))
            .collect();
        assert_eq!(
            times,
            [
                ("33.1 ± 3.4", Some("Pre-test")),
                ("32.9 ± 3.7", Some("Pre-test")),
                ("41.7 ± 6.8", Some("Post-test")),
                ("34.1 ± 5.5", Some("Post-test"))
            ]
        );
        let height = of("150.2 ± 7.1");
        assert_eq!(height.label.as_deref(), Some("Final height"));
        assert!(height.cells.iter().all(|c| c.time.is_none()));
    }

    #[test]
    fn a_glued_cells_own_n_after_a_dashed_range_is_that_cells_n() {
        // Made-up medians in a baseline table's form (the fiftieth trial's doc 07, cells set
        // apart by single spaces): a row measured on fewer patients prints each cell's own n
        // after its quartiles. The draft panicked on the dash (`–`, `〜`) inside the bracket
        // before the n; each cell's n is its own, not the column's.
        for dash in ["–", "〜", "-"] {
            let text = format!(
                "Table 1. Baseline\n500 mg (n = 152) 1000 mg (n = 126)\n\
                 Age, median (IQR) 27 (23{dash}31) 27 (22{dash}30)\n\
                 Ferritin, median (IQR) 6.0 (4.0{dash}8.0) (n = 40) 6.0 (4.0{dash}9.0) (n = 38)\n"
            );
            let (items, s) = read_text(&text);
            let ferritin = s
                .measures
                .iter()
                .find(|m| {
                    m.label
                        .as_deref()
                        .is_some_and(|l| l.starts_with("Ferritin"))
                })
                .unwrap_or_else(|| panic!("{text}: {:#?}", s.measures));
            let ns: Vec<&str> = ferritin
                .cells
                .iter()
                .map(|c| n_printed(&items, c))
                .collect();
            assert_eq!(ns, ["40", "38"], "{text}");
        }
    }

    #[test]
    fn a_p_on_a_line_of_its_own_under_a_glued_row_is_that_rows_comparison() {
        // Made-up values in a journal page's glued form (the fiftieth trial's doc 05): each
        // row's p on the line below it, sections named by a line of their own, a change's row
        // (`Improvement from baseline`) under each, and a footnote's mark glued between the
        // groups' names. The p line named the next row (`p = 0.031 (Responders …)`) and no
        // comparison held it.
        let text = "Table 3.\nWeek 24 results\n\
            Placebo, n = 120*Combined drug, n = 180\n\
            HAQ-DI\n  Improvement from baseline0.40 ± 0.600.55 ± 0.62\np = 0.031\n\
              Responders, n (%)70 (58.3)130 (72.2)\np = 0.032\n\
            SF-36 PCS\n  Improvement from baseline7.00 ± 10.408.40 ± 9.20\np = 0.175\n\
            Data are mean ± SD improvement from baseline.\n";
        let (items, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Placebo", "Combined drug"]);
        let haq = measure_holding(&items, &s, "0.40");
        assert_eq!(
            haq.label.as_deref(),
            Some("HAQ-DI (Improvement from baseline)")
        );
        assert!(haq.change, "improvement from baseline is a change");
        assert!(
            items[haq.comparison.p.expect("its p")]
                .text
                .ends_with("0.031")
        );
        assert!(
            s.measures
                .iter()
                .filter_map(|m| m.label.as_deref())
                .all(|l| !l.starts_with("p =")),
            "{:?}",
            s.measures.iter().map(|m| &m.label).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_time_column_beside_the_stub_makes_the_rows_one_measures_course() {
        // Made-up values in the `Parameter | Timepoint | groups` form (the forty-ninth trial's
        // doc 05): the stub names the measure on every row, on its first row only (the next
        // left empty), or in Japanese; the `Timepoint` cells are its times, and the columns
        // right of them the groups.
        let repeated = "Table 2. Outcomes\n\
            | Parameter | Timepoint | Group A (n = 20) | Group B (n = 20) | P value |\n\
            |---|---|---|---|---|\n\
            | Grip strength | Baseline | 20.1 ± 5.0 | 19.8 ± 4.9 | 0.80 |\n\
            | Grip strength | Week 8 | 24.0 ± 5.2 | 21.0 ± 5.1 | 0.01 |\n\
            | Gait speed | Baseline | 1.10 ± 0.20 | 1.12 ± 0.21 | 0.70 |\n\
            | Gait speed | Week 8 | 1.25 ± 0.22 | 1.15 ± 0.20 | 0.04 |\n";
        let once = repeated
            .replace("| Grip strength | Week 8", "| | Week 8")
            .replace("| Gait speed | Week 8", "| | Week 8");
        let japanese = "表2\n| 項目 | 時期 | A群(n=20) | B群(n=20) | p値 |\n|---|---|---|---|---|\n\
            | 握力 | 治療前 | 20.1±5.0 | 19.8±4.9 | 0.80 |\n\
            | 握力 | 8週後 | 24.0±5.2 | 21.0±5.1 | 0.01 |\n";
        // The rows shifted left under the same header (each row's time in the stub, below a
        // section's label): the `Timepoint` cell names the stub's times, and the groups' names
        // stand one column right of their values. No group is called `Timepoint`.
        let shifted = "Table 2. Outcomes\n\
            | Parameter | Timepoint | Group A (n = 20) | Group B (n = 20) | P value |\n\
            |---|---|---|---|---|\n\
            | Grip strength | | | | |\n\
            | Baseline | 20.1 ± 5.0 | 19.8 ± 4.9 | 0.80 |\n\
            | Week 8 | 24.0 ± 5.2 | 21.0 ± 5.1 | 0.01 |\n";
        let (_, s) = read_text(shifted);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Group A", "Group B"]);
        for text in [
            repeated.to_string(),
            once,
            japanese.to_string(),
            shifted.to_string(),
        ] {
            let (items, s) = read_text(&text);
            let grip = measure_holding(&items, &s, "24.0");
            assert_eq!(grip.shape, Shape::Arms, "{text}");
            assert!(
                grip.label
                    .as_deref()
                    .is_some_and(|l| l == "Grip strength" || l == "握力"),
                "{:?}",
                grip.label
            );
            let course: Vec<(&str, Option<&str>)> = grip
                .cells
                .iter()
                .map(|c| (&items[c.item].text[..4], c.time.as_deref()))
                .collect();
            assert_eq!(course.len(), 4, "{course:?}");
            assert!(
                course.iter().all(|(_, t)| t.is_some()),
                "every value at its time: {course:?}"
            );
            assert!(
                !grip
                    .cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("1.")),
                "{text}"
            );
        }
    }

    #[test]
    fn groups_over_visit_codes_and_a_baseline_p_column() {
        // Made-up values: the groups' row printed without the stub's cell, over visit codes; a p
        // column for the groups at baseline, one for the change.
        let text = "Table 2. Outcomes in the two groups.\n\
            Placebo (32) | Drug (31) | p T0 | p T0-T2 | ||||\n\
            ---|---|---|---|---|---|---|---|---|\n\
            Characteristics | T0 | T2 | Change T0-T2 | T0 | T2 | Change T0-T2 | ||\n\
            Score A | 16.06 (5.54) | 13.90 (6.19) | -2.16 | 12.83 (6.68) | 11.97 (6.71) | -0.87 | 0.042 | 0.31 |\n";
        let (items, s) = read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("the row read as arms");
        // (The bare bracketed number is not yet read as the n: on the held-out part that read
        // gave three n's the text gives another.)
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Placebo (32)", "Drug (31)"]);
        assert!(s.groups[0].control);
        let cells: Vec<(&str, Option<usize>, Option<&str>)> = m
            .cells
            .iter()
            .map(|c| (items[c.item].text.as_str(), c.group, c.time.as_deref()))
            .collect();
        assert_eq!(cells[1], ("13.90 (6.19)", Some(0), Some("T2")));
        assert_eq!(cells[2], ("12.83 (6.68)", Some(1), Some("T0")));
        // The groups' p at baseline is no comparison of the outcome.
        assert_ne!(
            m.comparison.p.map(|j| items[j].text.as_str()),
            Some("0.042")
        );
    }

    #[test]
    fn a_p_column_under_one_groups_spanning_name_is_that_groups_change_not_the_comparison() {
        // Made-up values: each group's times and the p of its own change under its name, then
        // the difference between the groups with its CI (no p of the comparison printed).
        let text = "Table 3. Outcomes by group.\n\
            | Variable | Stretching (N=25) | Wait list (N=28) | Week 8 Difference (95% CI) | ||\n\
            |---|---|---|---|---|---|---|\n\
            | Week 0 | Week 8 | p-value | Week 0 | Week 8 | p-value | Unadjusted |\n\
            | Pain score | 36.3 ± 10.4 | 43.4 ± 9.0 | .002 | 33.9 ± 10.5 | 35.3 ± 11.0 | .345 | 8.1 (2.5, 13.7) |\n";
        let (items, s) = read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("the row read as arms");
        let wait_list = s
            .groups
            .iter()
            .position(|g| g.label.starts_with("Wait list"));
        assert!(wait_list.is_some_and(|g| s.groups[g].control));
        assert_eq!(m.comparison.p, None);
        let ci = m.comparison.ci.map(|j| items[j].text.as_str());
        assert_eq!(ci, Some("(2.5, 13.7)"));
    }

    #[test]
    fn a_web_pages_header_copied_a_cell_a_line_above_its_rule_names_the_columns() {
        // Made-up numbers in the layout of a web page's table copied as text: each group's
        // header cell on its own line, the stub's empty cell last, then the rule; rows with no
        // leading pipe.
        let text = "患者背景\n本剤群 (n=120) |\nプラセボ群 (n=118) |\n|\n---|---|---|\n年齢(歳) | ||\n平均値±SD | 51.2±10.40 | 50.8±11.10 |\n";
        let (items, s) = read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("the row read as arms");
        let groups: Vec<&str> = m
            .cells
            .iter()
            .map(|c| s.groups[c.group.expect("a group")].label.as_str())
            .collect();
        assert_eq!(groups, ["本剤群", "プラセボ群"]);
        assert_eq!(n_printed(&items, &m.cells[1]), "118");
    }

    #[test]
    fn within_and_between_group_columns_name_no_group() {
        // Made-up numbers: each row one arm's measure; the p's within and between the groups.
        let text = "| Measure | Baseline | Follow-up | Within group p-value | Between group p-value |\n|---|---|---|---|---|\n| Score, intervention | 28.3 (1.4) | 27.0 (5.0) | 0.37 | 0.50 |\n| Score, control | 28.8 (0.5) | 28.3 (1.7) | 0.30 | |\n";
        let (_, s) = read_text(text);
        assert!(
            !s.groups
                .iter()
                .any(|g| g.key.contains("within") || g.key.contains("between")),
            "{:?}",
            s.groups
        );
    }

    #[test]
    fn pre_test_and_post_test_columns_are_times_not_tests() {
        // Made-up numbers: a single group's pretest and posttest, its difference, CI and p.
        let text = "| Measure | Pre-test | Post-test | Diff | 95% CI | P value |\n|---|---|---|---|---|---|\n| Walks, mean (SD) | 3.1 (1.2) | 4.0 (1.5) | 0.9 | 0.2 to 1.6 | 0.01 |\n";
        let (_, s) = read_text(text);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::TimeCourse);
        let times: Vec<&str> = m.cells.iter().filter_map(|c| c.time.as_deref()).collect();
        assert_eq!(times, ["Pre-test", "Post-test"]);
    }

    #[test]
    fn columns_headed_by_their_n_alone_are_kept_apart_and_left_for_review() {
        // Made-up numbers: each arm's observed cases and per-protocol set, and only the n's
        // placed over the columns; two columns of the same size.
        let text = "| | n = 26 | n = 20 | n = 26 | n = 23 |\n|---|---|---|---|---|\n| SBP | 137.0 (2.7) | 138.4 (3.2) | 141.5 (2.7) | 142.6 (3.0) |\n";
        let (items, s) = read_text(text);
        let m = &s.measures[0];
        let groups: Vec<Option<usize>> = m.cells.iter().map(|c| c.group).collect();
        let mut distinct = groups.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "{:?}", s.groups);
        assert_eq!(m.shape, Shape::Single);
        assert!(
            m.review[0].contains("headed by their n alone"),
            "{:?}",
            m.review
        );
        assert_eq!(n_printed(&items, &m.cells[2]), "26");
    }

    #[test]
    fn a_column_of_one_arm_minus_the_other_is_the_comparison_not_a_group() {
        // Made-up numbers: `Estimated treatment effect (Drug minus placebo)` heads the
        // difference of the arms' values.
        let text = "| Day | Drug (n = 40) | Placebo (n = 41) | Estimated treatment effect (Drug minus placebo) | P value |\n|---|---|---|---|---|\n| Day 3 | -3.0 ± 0.4 | -2.1 ± 0.4 | -0.9 | 0.01 |\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug", "Placebo"]);
        let m = &s.measures[0];
        assert!(
            items[m.comparison.difference.expect("the difference")]
                .text
                .contains("-0.9")
        );
    }

    #[test]
    fn each_arms_n_and_change_beside_the_difference_with_its_se_in_rows_of_subgroups() {
        // Made-up numbers, as a journal's page copies a table of subgroups: each arm spans
        // its n and its change (the spanning names printed first), then the difference with
        // its SE, its CI and p.
        let text = "Table 2.\nDrugA | Placebo | ||||||\n---|---|---|---|---|---|---|---|\nNumber of patients | Mean (SE) change from baseline | Number of patients | Mean (SE) change from baseline | Difference (SE) | 95% CI | p value | |\nAge group | |||||||\n< 65 years | 101 | -6.20 ± 1.10 | 98 | -3.10 ± 1.20 | -3.10 (1.63) | -6.30, 0.10 | 0.0580 |\n≥ 65 years | 57 | -5.40 ± 1.50 | 61 | -1.90 ± 1.40 | -3.50 (2.05) | -7.52, 0.52 | 0.0890 |\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text.contains("-6.20")))
            .expect("the first row's measure");
        assert_eq!(m.cells.len(), 2, "{m:?}");
        let ns: Vec<&str> = m.cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns, ["101", "98"]);
        let c = &m.comparison;
        assert!(
            items[c.difference.expect("the difference")]
                .text
                .contains("-3.10 (1.63)")
        );
        assert!(items[c.ci.expect("the CI")].text.contains("-6.30"));
        assert!(items[c.p.expect("the p")].text.contains("0.0580"));
    }

    /// The n printed for each cell of the measure holding the value `needle`, and the
    /// measure's label.
    fn ns_of_the_row(text: &str, needle: &str) -> (Vec<String>, Option<String>) {
        let (items, s) = crate::draft::structure::read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.cells.iter().any(|c| items[c.item].text.contains(needle)))
            .expect("the row's measure");
        let ns = m
            .cells
            .iter()
            .map(|c| n_printed(&items, c).to_string())
            .collect();
        (ns, m.label.clone())
    }

    #[test]
    fn a_row_counting_the_patients_of_one_level_is_no_n_of_the_rows_below() {
        // Made-up numbers in a baseline table's form: `Female (N)` counts the women of each
        // column (a part of its 38), not the patients the rows below are of; a row labelled
        // with the n itself (`Analysed (N)`) still is.
        let text = "| Variable | Experimental group n = 38 | Control group n = 38 | P value |\n|---|---|---|---|\n| Female (N) | 22 | 24 | |\n| Monthly income | 930.26 (135.83) | 903.94 (130.16) | 0.39 |\n";
        let (ns, label) = ns_of_the_row(text, "930.26");
        assert_eq!(ns, ["38", "38"]);
        assert_eq!(label.as_deref(), Some("Monthly income"));
        let (ns, _) = ns_of_the_row(&text.replace("Female (N)", "Analysed (N)"), "930.26");
        assert_eq!(ns, ["22", "24"]);
    }

    #[test]
    fn n_rows_printed_under_the_rows_they_count() {
        // Made-up numbers in a results table's form: each row's `N` on the line under it,
        // fewer than the arms randomised in the header; the first n row stands under a row
        // of values, so every one does. A table whose first n row heads a section (no row
        // of values right above it) gives it to the rows below, as before.
        let text = "| | Drug (n = 415) | Control (n = 421) |\n|---|---|---|\n| Baseline Hb, g/dL | 10.747 (0.617) | 10.775 (0.621) |\n| N | 414 | 420 |\n| Average Hb, g/dL | 11.145 (0.615) | 10.960 (0.660) |\n| N | 364 | 393 |\n";
        assert_eq!(ns_of_the_row(text, "10.747").0, ["414", "420"]);
        assert_eq!(ns_of_the_row(text, "11.145").0, ["364", "393"]);
        let text = "| | Drug (n = 415) | Control (n = 421) |\n|---|---|---|\n| Week 12 | | |\n| N | 414 | 420 |\n| Hb, g/dL | 10.747 (0.617) | 10.775 (0.621) |\n| Ferritin | 11.145 (0.615) | 10.960 (0.660) |\n";
        assert_eq!(ns_of_the_row(text, "10.747").0, ["414", "420"]);
        assert_eq!(ns_of_the_row(text, "11.145").0, ["414", "420"]);
    }

    #[test]
    fn a_row_counting_the_eyes_measured_is_the_n_of_the_rows_below() {
        // Made-up numbers in an ophthalmology table's form: each arm's patients in the header,
        // the eyes measured on a row of their own above the values taken on them.
        let text = "End point | Placebo (n = 144) | Atropine (n = 133) |\n---|---|---|\nNo. of eyes | 282 | 266 |\nMean SER (SD), D | −2.45 (1.13) | −2.41 (1.17) |\n";
        let (ns, _) = ns_of_the_row(text, "2.45");
        assert_eq!(ns, ["282", "266"]);
    }

    #[test]
    fn a_difference_column_under_each_arm_is_no_comparison() {
        // Made-up numbers: `Difference from baseline` under each arm is that arm's change,
        // not the arms' difference at baseline (20.1 - 19.8 = 0.3, not -2.5 or -1.0).
        let text = "Table 2.\nDrugA | Placebo | ||\n---|---|---|---|\nBaseline | Difference from baseline (SD) | Baseline | Difference from baseline (SD) |\nScore | 20.1 ± 3.0 | -2.5 ± 1.1 | 19.8 ± 3.2 | -1.0 ± 1.3 |\n";
        let (items, s) = crate::draft::structure::read_text(text);
        for m in &s.measures {
            assert!(m.comparison.difference.is_none(), "{m:?} {items:?}");
        }
    }

    #[test]
    fn the_headers_names_printed_again_with_other_ns_head_the_rows_below() {
        // Made-up values in a glued table as a journal's page extraction leaves it: the
        // groups' names again, with the n's the rows below were analysed on.
        let text = "Table 3\n\nOutcomes at week 24\n\nPlacebo (n=33)10 mg (n=30)50 mg (n=38)\nResponse, n/N (%)8/30 (26.7)15/21 (71.4)12/28 (42.9)\n OR vs placebo (90% CI)7.09 (2.11 to 23.85)1.98 (0.67 to 5.86)\n p Value0.0040.151\nFlares, n (%)\n Severe flares8/33 (24.2)0/28 (0.0)2/35 (5.7)\nPlacebo (n=33)10 mg (n=28)50 mg (n=37)\nLS mean change (SE)\n PCS score2.80 (1.4)7.60 (1.5)5.07 (1.3)\n MCS score2.04 (1.6)2.69 (1.7)1.56 (1.5)\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let ns: Vec<(String, Option<String>)> = s
            .measures
            .iter()
            .flat_map(|m| &m.cells)
            .filter(|c| items[c.item].kind == crate::draft::ItemKind::MeanSpread)
            .map(|c| {
                (
                    items[c.item].text.trim().to_string(),
                    c.n.map(|j| items[j].text.trim().to_string()),
                )
            })
            .collect();
        let n_of = |v: &str| {
            ns.iter()
                .find(|(t, _)| t.starts_with(v))
                .and_then(|(_, n)| n.clone())
        };
        assert_eq!(n_of("7.60").as_deref(), Some("n=28"), "{ns:?}");
        assert_eq!(n_of("2.69").as_deref(), Some("n=28"), "{ns:?}");
        assert_eq!(n_of("5.07").as_deref(), Some("n=37"), "{ns:?}");
    }

    #[test]
    fn columns_under_a_stub_naming_the_groups_are_no_arms() {
        // Made-up values: the stub names the groups, each row one group at one time, the
        // columns two measures. Glucose and insulin are never two arms of one measure.
        let text = "グループ | 例数 | 時点 | 血糖値 (mmol/L) | インスリン (mU/L) |\nコントロール群 | 120 | 1日目 | 9.44±1.94 | 22.8±5.9 |\n介入群 | 120 | 1日目 | 10.09±2.86 | 23.3±7.7 |\n";
        let (items, s) = crate::draft::structure::read_text(text);
        for m in &s.measures {
            let texts: Vec<&str> = m.cells.iter().map(|c| items[c.item].text.trim()).collect();
            assert!(
                !(texts.iter().any(|t| t.starts_with("9.44"))
                    && texts.iter().any(|t| t.starts_with("22.8"))),
                "{:#?}",
                s.measures
            );
        }
        assert!(
            s.groups.iter().all(|g| !g.label.contains("血糖")),
            "{:#?}",
            s.groups
        );
    }

    #[test]
    fn a_measure_printed_with_its_ci_is_no_comparison_row() {
        // Made-up values: a row naming a measure with `(95% CI)` prints that measure's CIs;
        // a row named `Difference (95% CI)` prints the comparison of the measure above it.
        let score_has_a_ci = |below: &str| {
            let text = format!(
                "Outcome | Drug (n=30) | Placebo (n=30) |\nScore, mean (SD) | 5.1 (1.2) | 6.3 (1.4) |\n{below}\n"
            );
            let (items, s) = crate::draft::structure::read_text(&text);
            s.measures
                .iter()
                .find(|m| {
                    m.cells
                        .iter()
                        .any(|c| items[c.item].text.starts_with("5.1"))
                })
                .expect("the score")
                .comparison
                .ci
                .is_some()
        };
        assert!(!score_has_a_ci(
            "Relapse rate on study (95% CI) | 0.02 (0.00–0.13) | 0.20 (0.11–0.37) |"
        ));
        assert!(score_has_a_ci(
            "Difference (95% CI) | -1.2 (-1.9 to -0.5) | |"
        ));
    }

    #[test]
    fn a_cells_footnote_gives_its_n_for_each_group() {
        // Made-up values in a page's table (a blank line after each row): the marked cells are
        // of the patients the footnote counts per group, the unmarked of the column's n; a
        // footnote that counts another group only leaves the cell's n open.
        let text = "Outcome | Drug (n=54) | Placebo (n=52) | P |\n\nRelapses, mean (SD) | 1.2 (0.8) | 1.9 (1.1) | 0.01 |\n\nLesion volume change, mean (SD) | 0.5 (3.1)§ | 1.8 (2.7)§ | 0.53 |\n\nNew lesions, mean (SD) | 1.3 (2.5)¶ | 1.9 (2.2)¶ | 0.26 |\n\n§Drug, n=15; placebo, n=16. Only patients with MRI at week 24.\n¶Drug, n=20.\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let n_of = |v: &str| {
            s.measures
                .iter()
                .flat_map(|m| &m.cells)
                .find(|c| items[c.item].text.trim().starts_with(v))
                .map(|c| c.n.map(|j| items[j].text.trim().to_string()))
        };
        assert_eq!(n_of("1.2"), Some(Some("n=54".into())), "{:#?}", s.measures);
        assert_eq!(n_of("0.5"), Some(Some("n=15".into())));
        assert_eq!(n_of("1.8"), Some(Some("n=16".into())));
        assert_eq!(n_of("1.3"), Some(Some("n=20".into())));
        assert_eq!(n_of("1.9 (2.2)"), Some(None));
    }

    #[test]
    fn moments_of_a_stay_or_a_series_over_columns_are_times_not_groups() {
        // Two columns named for the moments one group was measured at: a time course, never
        // two arms compared as independent groups.
        for (a, b) in [
            ("入院時", "退院時"),
            ("Admission", "Discharge"),
            ("Pre-op", "Post-op"),
            ("1st visit", "2nd visit"),
            ("初回", "最終"),
            ("At entry", "Exit"),
        ] {
            let text = format!(
                "Table 2. Scores\n\nItem | {a} | {b} | p |\n|---|---|---|---|\nVAS | 6.1 ± 1.2 | 3.2 ± 1.5 | <0.01 |\nBMI | 24.1 ± 3.0 | 23.5 ± 2.8 | 0.04 |\n"
            );
            let (_, s) = read_text(&text);
            assert_eq!(s.measures.len(), 2, "{a}/{b}: {:#?}", s.measures);
            assert!(
                s.measures.iter().all(|m| m.shape == Shape::TimeCourse),
                "{a}/{b}: {:#?}",
                s.measures
            );
        }
    }

    #[test]
    fn groups_over_times_printed_as_numbers_under_their_unit_a_cell_a_line() {
        // A page's table copied a cell a line: the groups, then the times' unit once and the
        // times as bare numbers under each group, then rows of a label and six values.
        let cells = [
            "Supervised",
            "Usual care",
            "Week",
            "0",
            "8",
            "16",
            "0",
            "8",
            "16",
            "Walk (m)",
            "402 (61)",
            "455 (70)",
            "470 (66)",
            "398 (58)",
            "401 (60)",
            "405 (63)",
            "Grip (kg)",
            "30.1 (5.2)",
            "31.0 (5.0)",
            "32.2 (5.1)",
            "29.8 (4.9)",
            "29.9 (5.3)",
            "30.0 (5.0)",
        ];
        let text = format!(
            "Table 3. Tests by week. Data are mean (SD).\n\n{}\n",
            cells.join("\n\n")
        );
        let (items, s) = read_text(&text);
        let walk: Vec<(String, String, String)> = s
            .measures
            .iter()
            .flat_map(|m| crate::draft::structure::means_of(&items, &s, m))
            .filter(|(_, _, v)| v.len() == 3)
            .collect();
        let want = [
            ("Supervised", "Week 0", "402"),
            ("Supervised", "Week 8", "455"),
            ("Supervised", "Week 16", "470"),
            ("Usual care", "Week 0", "398"),
            ("Usual care", "Week 8", "401"),
            ("Usual care", "Week 16", "405"),
        ]
        .map(|(g, t, v)| (g.to_string(), t.to_string(), v.to_string()));
        assert_eq!(walk, want, "{:#?}", s.measures);
        assert!(
            s.measures.iter().all(|m| m.shape == Shape::Arms),
            "{:#?}",
            s.measures
        );
        // No measure joins two groups' values as one group's times, or one group's times as arms.
        for m in &s.measures {
            let groups: std::collections::BTreeSet<_> = m.cells.iter().map(|c| c.group).collect();
            let times: std::collections::BTreeSet<_> =
                m.cells.iter().map(|c| c.time.clone()).collect();
            assert_eq!(groups.len() * times.len(), m.cells.len(), "{m:#?}");
        }
    }

    #[test]
    fn a_header_copied_one_cell_per_line_names_the_columns() {
        // Each header cell on a line of its own under the rule, as many as the data rows have
        // cells after the stub, the run closed by a line with no words.
        let text = "Table 2.\n|||\n---|---|---|---|\nDrug (N=40) |\nPlacebo (N=20) |\np value |\n|\nScore (Mean ± SD) | |||\nWeek 12 | 13.8 ± 2.7 | 8.0 ± 3.1 | 0.134 |\nWeek 20 | 18.8 ± 2.9 | 11.7 ± 3.9 | 0.049 |\n";
        let (items, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        let cells: Vec<(String, String, String)> = crate::draft::structure::means_of(&items, &s, m);
        let want = [
            ("Drug", "Week 12", "13.8"),
            ("Placebo", "Week 12", "8.0"),
            ("Drug", "Week 20", "18.8"),
            ("Placebo", "Week 20", "11.7"),
        ]
        .map(|(g, t, v)| (g.to_string(), t.to_string(), v.to_string()));
        assert_eq!(cells, want);
        let ns: Vec<Option<&str>> = m
            .cells
            .iter()
            .map(|c| c.n.map(|n| items[n].text.as_str()))
            .collect();
        assert_eq!(ns, [Some("N=40"), Some("N=20"), Some("N=40"), Some("N=20")]);
    }

    #[test]
    fn times_spanning_mean_and_sd_columns_under_a_measure_row_with_its_p() {
        // `Before | After` over `Mean | SD` pairs (the lower header row copied without its
        // stub cell), one more statistic header than columns left, and each measure named on
        // a row that prints only the groups' p.
        let text = "| Variable, Group | Before | After | Diff. | P Value | P Value |\n|---|---|---|---|---|---|\n| Mean | SD | Mean | SD | |\n| Pain | < 0.001 | | | | | |\n| Drug | 50.5 | 10.2 | 70.1 | 12.3 | 19.6 | < 0.001 |\n| Placebo | 51.0 | 11.4 | 49.0 | 10.9 | -2.0 | 0.41 |\n";
        let (items, s) = read_text(text);
        assert_eq!(s.measures.len(), 2, "{:#?} {items:#?}", s.measures);
        for (m, who, means) in [
            (&s.measures[0], "Drug", ["50.5", "70.1"]),
            (&s.measures[1], "Placebo", ["51.0", "49.0"]),
        ] {
            assert_eq!(m.shape, Shape::TimeCourse, "{m:#?} {items:#?}");
            assert_eq!(m.label.as_deref(), Some(format!("Pain ({who})").as_str()));
            let want: Vec<(String, String, String)> = [("Before", means[0]), ("After", means[1])]
                .iter()
                .map(|(t, m)| ("-".to_string(), t.to_string(), m.to_string()))
                .collect();
            assert_eq!(crate::draft::structure::means_of(&items, &s, m), want);
        }
    }

    #[test]
    fn stacked_headers_name_the_groups_beside_the_statistics() {
        // The group names in a row above, the statistics' headers over the last columns,
        // cells laid out `mean (SD); n`, and a legend below saying so.
        let text = "Table 2.\nCBT | BA |\nObserved data only |\n||||\n---|---|---|---|---|\nBetween-group difference | p value | ||||\nPHQ-9 | |||||\nBaseline | 17·4 (4·8); 219 | 17·7 (4·8); 221 | .. | .. | |\nMonth 12 | 8·4 (7·5); 189 | 8·4 (7·0); 175 | 0·1 (−1·3 to 1·5) | 0·89 | |\nData are mean (SD); n or mean (95% CI).\n";
        let (items, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!((m.shape, m.cells.len()), (Shape::Arms, 4));
        assert_eq!(m.label.as_deref(), Some("PHQ-9"));
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["CBT", "BA"]);
        // Each cell's n is the one printed in it, not a column's.
        let ns: Vec<&str> = m
            .cells
            .iter()
            .map(|c| items[c.n.unwrap()].text.as_str())
            .collect();
        assert_eq!(ns, ["219", "221", "189", "175"]);
        assert_eq!(m.spread_label.as_ref().map(|(k, _)| *k), Some("SD"));
        let p = m.comparison.p.expect("the row's p");
        assert_eq!(items[p].text, "0·89");
    }

    #[test]
    fn a_group_column_makes_each_row_a_groups_time_course_and_the_rows_arms() {
        // Made-up values in a journal's layout, copied with tabs: visit codes over what the
        // cells print, the groups in a column of their own (the second group's label cell
        // left empty), each row's p its group's change, and the n's in the caption.
        let text = "Table 2. Quality of life (IG: n = 13, CG: n = 26).\nDomain\tGroup\tM0 M (SD)\tM1 M (SD)\tp-Value M0-M1\tCohen's d\nPain\tIG\t79.0 (17.1)\t87.4 (12.7)\t0.121\t0.56\n\tCG\t79.2 (19.0)\t71.1 (20.1)\t0.035\t0.42\nVitality\tIG\t48.1 (20.6)\t67.3 (15.6)\t0.004\t1.05\n\tCG\t55.5 (17.1)\t70.3 (18.4)\t<0.001\t0.83\n";
        let (items, s) = read_text(text);
        // `CG` is the control group's abbreviation: named in the caption as the comparator,
        // it is the first group found, and the control.
        let groups: Vec<(&str, bool)> = s
            .groups
            .iter()
            .map(|g| (g.label.as_str(), g.control))
            .collect();
        assert_eq!(groups, [("CG", true), ("IG", false)]);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!((m.shape, m.label.as_deref()), (Shape::Arms, Some("Pain")));
        let read: Vec<(usize, &str, &str)> = m
            .cells
            .iter()
            .map(|c| {
                (
                    c.group.unwrap(),
                    c.time.as_deref().unwrap(),
                    items[c.n.unwrap()].text.trim(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (1, "M0", "n = 13"),
                (1, "M1", "n = 13"),
                (0, "M0", "n = 26"),
                (0, "M1", "n = 26")
            ]
        );
        // The p's are each group's change over time: no comparison of the arms.
        assert!(m.comparison.items().is_empty());
    }

    #[test]
    fn a_difference_the_two_changes_give_is_the_changes_comparison() {
        // Made-up values in a JAMA table's layout: each group's two visits and its change,
        // then one difference. The changes give it (0.4 − (−0.01) = 0.41), the week-12
        // values do not (6.3 − 5.7 = 0.6): the difference compares the changes.
        let text = "Table 2. Outcomes\nVariable | Intervention (n = 209) | Control (n = 202) | Effect |\n---|---|---|---|\nWk 0 | Wk 12 | Change | Wk 0 | Wk 12 | Change | Absolute Difference | P Value |\nAdherence, mean (SD) | 6.0 (1.8) | 6.3 (1.6) | 0.4 (1.5) | 5.7 (1.8) | 5.7 (1.8) | −0.01 (1.5) | 0.4 (0.1 to 0.7) | .01 |\n";
        let (items, s) = read_text(text);
        let change = s
            .measures
            .iter()
            .find(|m| m.change)
            .expect("a change measure");
        let d = change.comparison.difference.expect("the difference");
        assert_eq!(items[d].text.trim(), "0.4");
        let values = s.measures.iter().find(|m| !m.change).expect("the values");
        assert!(values.comparison.items().is_empty());
    }

    #[test]
    fn a_group_column_prints_each_groups_n_beside_its_name() {
        // Made-up values: the group's n in its cell (`Metformin (n = 40)`) is the group's,
        // no value of the row; the rule under the header (`|---|`) names no group.
        let text = "Table 2. Outcomes\n| Parameter | Group | Baseline | 6 months |\n|---|---|---|---|\n| HbA1c (%) | Metformin (n = 40) | 8.2 ± 1.1 | 7.1 ± 0.8 |\n| | Sitagliptin (n = 38) | 8.0 ± 1.0 | 7.3 ± 0.9 |\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Metformin", "Sitagliptin"]);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(
            (m.shape, m.label.as_deref()),
            (Shape::Arms, Some("HbA1c (%)"))
        );
        assert_eq!(ns_of(&items, m), ["40", "40", "38", "38"]);
    }

    #[test]
    fn groups_in_the_stub_beside_a_column_of_measures_are_each_rows_group() {
        // Made-up values in the layout of a page's table whose group cell spans the group's
        // rows: the copy prints it on the first row only, and the rows under it lost that
        // cell. The stub's header names what the groups were given; the next column the
        // measures. Each row is its group's course of one measure, never a measure named
        // by the group.
        let text = "Table 2. Glycaemic outcomes\n| Medication | Parameter | Baseline | 6 months | p |\n|---|---|---|---|---|\n| Metformin (n = 40) | HbA1c (%) | 8.2 ± 1.1 | 7.1 ± 0.8 | <0.001 |\n| FPG (mg/dL) | 165 ± 30 | 130 ± 20 | <0.001 |\n| Sitagliptin (n = 38) | HbA1c (%) | 8.0 ± 1.0 | 7.3 ± 0.9 | 0.002 |\n| FPG (mg/dL) | 160 ± 28 | 138 ± 22 | 0.01 |\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Metformin", "Sitagliptin"]);
        type Course = Vec<(String, String, String)>;
        let read: Vec<(Option<&str>, Course)> = s
            .measures
            .iter()
            .map(|m| (m.label.as_deref(), means_of(&items, &s, m)))
            .collect();
        let course = |g: &str, a: &str, b: &str| {
            vec![
                (g.to_string(), "Baseline".to_string(), a.to_string()),
                (g.to_string(), "6 months".to_string(), b.to_string()),
            ]
        };
        assert_eq!(
            read,
            [
                (Some("HbA1c (%)"), course("Metformin", "8.2", "7.1")),
                (Some("FPG (mg/dL)"), course("Metformin", "165", "130")),
                (Some("HbA1c (%)"), course("Sitagliptin", "8.0", "7.3")),
                (Some("FPG (mg/dL)"), course("Sitagliptin", "160", "138")),
            ]
        );
        assert_eq!(ns_of(&items, &s.measures[1]), ["40", "40"]);
        // The same in Japanese: `群 | 項目`.
        let text = "表2 各群の推移\n| 群 | 項目 | 投与前 | 12週後 |\n|---|---|---|---|\n| A群(n=15) | 収縮期血圧 | 142.1±10.2 | 130.5±9.8 |\n| 拡張期血圧 | 88.0±7.1 | 80.2±6.5 |\n| B群(n=14) | 収縮期血圧 | 140.8±11.0 | 138.9±10.7 |\n";
        let (items, s) = read_text(text);
        let m = &s.measures[1];
        assert_eq!(m.label.as_deref(), Some("拡張期血圧"));
        assert_eq!(
            means_of(&items, &s, m),
            [
                ("A群".to_string(), "投与前".to_string(), "88.0".to_string()),
                ("A群".to_string(), "12週後".to_string(), "80.2".to_string()),
            ]
        );
        // A column headed `Treatment` whose cells are values is a group's column, as before.
        let text = "Table 3.\n| Outcome | Treatment | Control |\n|---|---|---|\n| Pain | 3.1 ± 1.0 | 4.2 ± 1.1 |\n";
        let (_, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Treatment", "Control"]);
    }

    #[test]
    fn a_column_whose_rows_total_the_columns_beside_it_is_no_arm() {
        // Made-up values in the layout of a cohort paper's baseline table: the randomised
        // (n = 100) and the two groups it splits into beside it; every row's count the sum of
        // theirs, every mean theirs weighted by the n's (40 × 50.2 + 60 × 48.1 = 4,894, 48.9
        // in 100).
        let text = "Table 1\n| | Randomised cohort (n = 100) | Followed-up cohort (n = 40) | Lost cohort (n = 60) |\n|---|---|---|---|\n| Age, years | 48.9 (8.0) | 50.2 (7.9) | 48.1 (8.1) |\n| Weight, kg | 90.6 (12.0) | 92.0 (11.5) | 89.7 (12.3) |\n| Women, n (%) | 30 (30.0) | 14 (35.0) | 16 (26.7) |\n";
        let (_, s) = read_text(text);
        let arms = |s: &crate::draft::structure::Structure| -> Vec<String> {
            let mut groups: Vec<String> = s
                .measures
                .iter()
                .chain(&s.shares)
                .flat_map(|m| m.cells.iter().filter_map(|c| c.group))
                .map(|g| s.groups[g].label.clone())
                .collect();
            groups.sort();
            groups.dedup();
            groups
        };
        assert_eq!(arms(&s), ["Followed-up cohort", "Lost cohort"]);
        // The same n's in a 1:1:2 trial, whose rows are no weighted means: three arms.
        let text = "Table 1\n| | Placebo (n = 100) | Drug 10 mg (n = 40) | Drug 20 mg (n = 60) |\n|---|---|---|---|\n| Age, years | 52.3 (8.0) | 50.2 (7.9) | 48.1 (8.1) |\n| Weight, kg | 88.1 (12.0) | 92.0 (11.5) | 89.7 (12.3) |\n| Women, n (%) | 41 (41.0) | 14 (35.0) | 16 (26.7) |\n";
        let (_, s) = read_text(text);
        assert_eq!(arms(&s), ["Drug 10 mg", "Drug 20 mg", "Placebo"]);
    }

    #[test]
    fn a_row_printing_no_number_is_no_level_of_a_numbered_section() {
        // Made-up values in the layout of a journal's table copied without its indents: a
        // section's numbered levels, then outcomes of their own, then a section of words.
        let text = "Table 2.\nOutcome | Drug (n=100) | Placebo (n=100) | P |\n---|---|---|---|\nComplication grade: | | | |\n1 or 2 | 40 (40.0) | 38 (38.0) | 0.77 |\n≥3 | 9 (9.0) | 14 (14.0) | 0.26 |\nUnknown | 1 (1.0) | 2 (2.0) | 0.56 |\nReoperation | 7 (7.0) | 10 (10.0) | 0.45 |\nMean (SD) days to discharge | 6.1 (2.0) | 6.9 (2.4) | 0.01 |\nAdverse events: | | | |\nHeadache | 12 (12.0) | 10 (10.0) | 0.66 |\nNausea | 5 (5.0) | 3 (3.0) | 0.47 |\nBlood pressure | | | |\nSystolic | 140.3 (16.3) | 142.5 (17.0) | 0.31 |\nMissing | 2 (2.0) | 2 (2.0) | |\nAge | 47.1 (8.0) | 46.2 (7.8) | 0.42 |\n";
        let (_, s) = read_text(text);
        let labels: Vec<&str> = s
            .shares
            .iter()
            .chain(&s.measures)
            .map(|m| m.label.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            labels,
            [
                "Complication grade: (1 or 2)",
                "Complication grade: (≥3)",
                "Complication grade: (Unknown)",
                "Reoperation",
                "Adverse events: (Headache)",
                "Adverse events: (Nausea)",
                "Blood pressure (Missing)",
                // The mean's row: named by the study file from its own label, in no section.
                "",
                "Blood pressure (Systolic)",
                // After its section's `Missing` row: a measure of its own.
                "Age",
            ]
        );
    }

    #[test]
    fn a_label_printing_each_groups_n_gives_its_rows_those_ns() {
        // Made-up values in the layout of a journal's table: a section's label, then a row's
        // own label, printing each group's n.
        let text = "Table 2.\nOutcome | Drug | Placebo | P |\n---|---|---|---|\nQuality of life (n = 75 drug, n = 66 placebo) | | | |\nPhysical function | 44.8 ± 10.6 | 43.9 ± 10.7 | .92 |\nBodily pain | 45.2 ± 13.3 | 45.6 ± 11.4 | .69 |\nDepression score (placebo n = 65, drug n = 71) | 5.5 ± 5.2 | 5.3 ± 5.1 | .17 |\n";
        let (items, s) = read_text(text);
        let n_of = |c: &crate::draft::structure::Cell| n_printed(&items, c).to_string();
        let read: Vec<(String, Vec<String>)> = s
            .measures
            .iter()
            .map(|m| {
                (
                    m.label.clone().unwrap_or_default(),
                    m.cells.iter().map(n_of).collect(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "Quality of life (Physical function)".to_string(),
                    vec!["75".to_string(), "66".to_string()]
                ),
                (
                    "Quality of life (Bodily pain)".to_string(),
                    vec!["75".to_string(), "66".to_string()]
                ),
                (
                    "Depression score".to_string(),
                    vec!["71".to_string(), "65".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn a_table_pasted_a_cell_a_line_with_each_sections_n() {
        let text = "Table 2 Primary end points\n\nEfficacy variable\n\nDrug (n = 74)\n\nPlacebo (n = 86)\n\nDifference vs placebo\n\nHbA1c, %\n\nn = 74\n\nn = 84\n\n \n\nBaseline mean (SE)\n\n7.92 (0.11)\n\n7.97 (0.09)\n\n \n\nWeek 12 mean (SE)\n\n7.36 (0.13)\n\n7.75 (0.12)\n\n \n\n1. A footnote that is much longer than any cell of the table above it, as footnotes are.\n";
        let (items, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!((m.shape, m.cells.len()), (Shape::Arms, 4));
        assert_eq!(m.label.as_deref(), Some("HbA1c, %"));
        // The section's n (84 analysed), not the column's (86 randomised).
        let ns: Vec<&str> = m.cells.iter().map(|c| n_printed(&items, c)).collect();
        assert_eq!(ns, ["74", "84", "74", "84"]);
        assert_eq!(m.spread_label.as_ref().map(|(k, _)| *k), Some("SE"));
    }

    #[test]
    fn a_p_spanning_the_comparisons_in_a_header_copied_a_cell_a_line() {
        // Made-up numbers. `P value` spans `Drug 10 mg vs placebo` and `Drug 5 mg vs
        // placebo`: seven header lines over rows of five values. The spanning name is no
        // column: the three arms keep their own columns, and the comparisons' cells are p's.
        let text = "Table 2 Changes from baseline\nVariable\nDrug 10 mg (n = 30)\nDrug 5 mg (n = 31)\nPlacebo (n = 29)\nP value\nDrug 10 mg vs placebo\nDrug 5 mg vs placebo\nWeight, kg\n-2.10 ± 3.40\n-1.20 ± 2.90\n-0.30 ± 3.10\n0.041\n0.262\nWaist, cm\n-3.30 ± 4.20\n-2.00 ± 3.80\n-0.90 ± 3.60\n0.020\n0.257\nGlucose, mg/dL\n-5.40 ± 9.10\n-3.10 ± 8.70\n-1.00 ± 8.80\n0.060\n0.346\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        let arm_of = |m: &super::Measure| -> Vec<(String, String)> {
            m.cells
                .iter()
                .map(|c| {
                    (
                        labels[c.group.unwrap()].to_string(),
                        items[c.item].text.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(s.measures.len(), 3, "{:#?}", s.measures);
        let weight: Vec<(String, String)> = [
            ("Drug 10 mg", "-2.10 ± 3.40"),
            ("Drug 5 mg", "-1.20 ± 2.90"),
            ("Placebo", "-0.30 ± 3.10"),
        ]
        .iter()
        .map(|(g, v)| (g.to_string(), v.to_string()))
        .collect();
        assert_eq!(arm_of(&s.measures[0]), weight);
        let ps: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == crate::draft::ItemKind::P)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ps, ["0.041", "0.262", "0.020", "0.257", "0.060", "0.346"]);
    }

    #[test]
    fn a_label_spanning_rows_printed_among_them_and_an_arms_later_visits() {
        // A page's table copied a cell a line under a title: the measure's label spans its
        // rows and is printed at their middle (`FEV1 (L)`, then `(full set)`), and the open
        // extension's visits print the drug's column only. One measure: both arms at each
        // controlled visit, then the drug alone; the next measure starts where a time is
        // printed again.
        let text = "Table 3 Lung function by visit\nVisit\nDrug group\nPlacebo group\nBaseline\n2.10±0.40 (60)\n2.08±0.42 (58)\nWeek 4\n2.25±0.41 (60)\n2.11±0.44 (58)\nFEV1 (L)\nWeek 12\n2.31±0.45 (59)\n2.09±0.43 (57)\n(full set)\nWeek 24\n2.35±0.47 (55)\nWeek 52\n2.38±0.49 (50)\nBaseline\n3.01±0.52 (60)\n2.98±0.55 (58)\nFVC (L)\nWeek 12\n3.20±0.50 (59)\n3.02±0.51 (57)\n";
        let (items, s) = read_text(text);
        let mean = |j: usize| items[j].parts.mean.as_ref().unwrap().number.text.clone();
        let measures: Vec<(Option<&str>, Shape, Vec<String>)> = s
            .measures
            .iter()
            .map(|m| {
                (
                    m.label.as_deref(),
                    m.shape,
                    m.cells.iter().map(|c| mean(c.item)).collect(),
                )
            })
            .collect();
        assert_eq!(
            measures,
            [
                (
                    Some("FEV1 (L) (full set)"),
                    Shape::Arms,
                    [
                        "2.10", "2.08", "2.25", "2.11", "2.31", "2.09", "2.35", "2.38"
                    ]
                    .map(String::from)
                    .to_vec()
                ),
                (
                    Some("FVC (L)"),
                    Shape::Arms,
                    ["3.01", "2.98", "3.20", "3.02"].map(String::from).to_vec()
                ),
            ],
            "{:#?}",
            s.measures
        );
        let drug_alone: Vec<Option<usize>> =
            s.measures[0].cells[6..].iter().map(|c| c.group).collect();
        assert_eq!(drug_alone, [s.measures[0].cells[0].group; 2]);
    }

    #[test]
    fn two_sets_of_the_same_groups_side_by_side() {
        // The same two groups and their p for two sets of patients side by side. Each set is
        // read as its own table: its groups with their own n's, its own p.
        let text = "Table 2.\nOutcomes by subgroup\n| | Adults (N=60) | | | Children (N=30) | | |\n| | Drug (N=40) | Placebo (N=20) | p- value | Drug (N=18) | Placebo (N=12) | p- value |\n|---|---|---|---|---|---|---|\n| Pain score (Mean ±SD) | | | | | | |\n| Week 12 | 3.1 ±1.2 | 4.0 ±1.3 | 0.010 | 2.9 ±1.1 | 3.6 ±1.4 | 0.160 |\n";
        let (items, s) = read_text(text);
        let value = |j: usize| items[j].parts.value.as_ref().unwrap().number.text.clone();
        let arms: Vec<Vec<(String, String)>> = s
            .measures
            .iter()
            .map(|m| {
                m.cells
                    .iter()
                    .map(|c| {
                        let g = &s.groups[c.group.unwrap()];
                        (g.label.clone(), value(g.n.unwrap()))
                    })
                    .collect()
            })
            .collect();
        let pair = |a: &str, na: &str, b: &str, nb: &str| {
            vec![
                (a.to_string(), na.to_string()),
                (b.to_string(), nb.to_string()),
            ]
        };
        assert_eq!(
            arms,
            [
                pair("Drug", "40", "Placebo", "20"),
                pair("Drug (set 2)", "18", "Placebo (set 2)", "12")
            ],
            "{:#?}",
            s.measures
        );
        let ps: Vec<String> = s
            .measures
            .iter()
            .map(|m| value(m.comparison.p.unwrap()))
            .collect();
        assert_eq!(ps, ["0.010", "0.160"]);
    }

    #[test]
    fn runs_of_other_groups_each_closed_by_its_own_p_are_tables_of_their_own() {
        // Made-up numbers in the form of a trial's two phases printed side by side at single
        // spaces, each phase's arms with their n's closed by its own p (`… p value Switch (n =
        // 91) Late (n = 42) p value`): each run's arms are compared with each other only, and
        // each row's first p is the first run's.
        let text = "Table 3. Secondary endpoints.\nMD1003 (n = 103) Placebo (n = 51) p value Switch (n = 91) Late (n = 42) p value\nChange in EDSS, mean (SD) −0.03 (0.50) 0.13 (0.33) 0.01 0.04 (0.62) 0.15 (0.37) 0.13\nCGI, mean (SD) 4.05 (0.81) 4.62 (0.75) 0.001 4.17 (0.97) 4.21 (0.75) 0.93\nSGI, mean (SD) 4.27 (1.05) 4.76 (0.89) 0.009 4.47 (1.07) 4.41 (0.87) 0.72\n";
        let (items, s) = read_text(text);
        let value = |j: usize| items[j].parts.value.as_ref().unwrap().number.text.clone();
        let arms: Vec<Vec<String>> = s
            .measures
            .iter()
            .map(|m| {
                let mut gs: Vec<String> = m
                    .cells
                    .iter()
                    .map(|c| s.groups[c.group.unwrap()].label.clone())
                    .collect();
                gs.sort();
                gs
            })
            .collect();
        assert_eq!(arms.len(), 6, "{:#?}", s.measures);
        for (k, gs) in arms.iter().enumerate() {
            let want = if k < 3 {
                ["MD1003", "Placebo"]
            } else {
                ["Late", "Switch"]
            };
            assert_eq!(gs, &want, "{:#?}", s.measures);
        }
        assert_eq!(value(s.measures[0].comparison.p.unwrap()), "0.01");
    }

    /// Each cell's group, time and the n printed for it, in order.
    fn groups_times_ns<'i>(
        items: &'i [crate::draft::Item],
        m: &'i super::Measure,
    ) -> Vec<(Option<usize>, Option<&'i str>, &'i str)> {
        m.cells
            .iter()
            .map(|c| (c.group, c.time.as_deref(), n_printed(items, c)))
            .collect()
    }

    #[test]
    fn times_spanning_the_groups_printed_again_under_each() {
        // Made-up numbers. `Baseline | Month 6` each span the two groups, printed again under
        // each time with that visit's n: one measure per row, each group at each time, each
        // cell with its own column's n (not two sets of other patients).
        let text = "Table 2. Scores by group (mean ± SD)\nScore | Baseline | Month 6\n | Control (n = 27) | Intervention (n = 26) | Control (n = 25) | Intervention (n = 22)\nPain | 50.0 ± 10.0 | 51.0 ± 9.0 | 48.0 ± 11.0 | 40.0 ± 8.0\nFatigue | 30.5 ± 7.0 | 31.5 ± 6.0 | 29.0 ± 7.5 | 25.0 ± 6.5\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Control", "Intervention"]);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        for m in &s.measures {
            assert_eq!(m.shape, Shape::Arms);
            assert_eq!(
                groups_times_ns(&items, m),
                [
                    (Some(0), Some("Baseline"), "27"),
                    (Some(1), Some("Baseline"), "26"),
                    (Some(0), Some("Month 6"), "25"),
                    (Some(1), Some("Month 6"), "22"),
                ]
            );
        }
    }

    #[test]
    fn letters_over_the_columns_that_the_legend_spells_out_are_the_captions_groups() {
        // Made-up numbers. `C` and `I` under each visit, spelled out in the legend (`C =
        // control group; I = intervention group`): the caption's two groups, with its n's,
        // each at both visits; without the legend the letters name no group.
        let text = "Table 3. Mean (SD) scores in the Control group (N = 27) and Intervention group (N = 26)\n| Score | Baseline | Month 6 | |\n| | C | I | C | I | P |\n| Pain | 50.0 (10.0) | 51.0 (9.0) | 48.0 (11.0) | 40.0 (8.0) | .012 |\n| Fatigue | 30.5 (7.0) | 31.5 (6.0) | 29.0 (7.5) | 25.0 (6.5) | .030 |\nC = control group; I = intervention group.\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Control group", "Intervention group"]);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        assert_eq!(
            groups_times_ns(&items, &s.measures[0]),
            [
                (Some(0), Some("Baseline"), "27"),
                (Some(1), Some("Baseline"), "26"),
                (Some(0), Some("Month 6"), "27"),
                (Some(1), Some("Month 6"), "26"),
            ]
        );
        let unexplained = text.replace("C = control group; I = intervention group.", "");
        let (_, s) = read_text(&unexplained);
        assert!(s.measures.is_empty(), "{:#?}", s.measures);
    }

    #[test]
    fn the_same_arms_under_each_measures_name_side_by_side() {
        // Made-up numbers. Two measures' names span the same three arms, printed again under
        // each; the copy left the stub out of the arms' rows (`Placebo | 10 mg | …` from the
        // stub's place, then each arm's n). Each row `Week 4/n` prints that visit's n's. The
        // arms are three, not six; each set of columns is its measure; the mean (SD) row
        // under `Baseline/n` is the baseline, its n the visit's.
        let text = "Table 3.\nChange in two scales\nVisit / parameter | Scale A | Scale B | ||||\n---|---|---|---|---|---|---|\nPlacebo | 10 mg | 20 mg | Placebo | 10 mg | 20 mg | |\n(N = 120) | (N = 118) | (N = 121) | (N = 120) | (N = 118) | (N = 121) | |\nBaseline/n | 115 | 112 | 117 | 116 | 113 | 118 |\nMean (SD) | 30.2 (6.1) | 29.8 (6.4) | 30.5 (5.9) | 4.1 (1.6) | 4.3 (1.5) | 4.0 (1.7) |\nWeek 4/n | 101 | 99 | 104 | 102 | 98 | 103 |\nMean (SD) | 28.9 (6.3) | 27.1 (6.2) | 26.8 (6.0) | 3.9 (1.5) | 3.6 (1.4) | 3.5 (1.6) |\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Placebo", "10 mg", "20 mg"]);
        let value = |j: usize| items[j].parts.value.as_ref().unwrap().number.text.clone();
        let ns: Vec<String> = s.groups.iter().map(|g| value(g.n.unwrap())).collect();
        assert_eq!(ns, ["120", "118", "121"]);
        type Placed<'a> = (Option<usize>, Option<&'a str>, &'a str);
        let measures: Vec<(&str, Vec<Placed>)> = s
            .measures
            .iter()
            .map(|m| {
                let cells = m
                    .cells
                    .iter()
                    .map(|c| (c.group, c.time.as_deref(), n_printed(&items, c)))
                    .collect();
                (m.label.as_deref().unwrap_or(""), cells)
            })
            .collect();
        let arms = |time: &'static str, ns: [&'static str; 3]| {
            vec![
                (Some(0), Some(time), ns[0]),
                (Some(1), Some(time), ns[1]),
                (Some(2), Some(time), ns[2]),
            ]
        };
        let course = |ns: [[&'static str; 3]; 2]| {
            let mut cells = arms("Baseline", ns[0]);
            cells.extend(arms("Week 4", ns[1]));
            cells
        };
        assert_eq!(
            measures,
            [
                (
                    "Scale A",
                    course([["115", "112", "117"], ["101", "99", "104"]])
                ),
                (
                    "Scale B",
                    course([["116", "113", "118"], ["102", "98", "103"]])
                ),
            ],
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_time_spanning_the_columns_of_what_its_cells_print() {
        // `Mean (SD)` and `% (SD)` name no group; the times above span them (each run of the
        // row below starts with `Mean (SD)`). The means make one time course; the percent
        // changes, printed under another header, another (never one zig-zag line of both).
        let text = "Table 2.\n| Baseline | Week 2 | Week 4 | ||||\n|---|---|---|---|---|---|\n| Mean (SD) | Mean (SD) | % (SD) | Mean (SD) | % (SD) | |\n| MADRS | 32.8 (2.68) | 26.8 (6.37) | 17.68 (21.16) | 21.4 (10.35) | 33.67 (32.99) |\n";
        let (items, s) = read_text(text);
        let courses: Vec<Vec<(&str, Option<&str>)>> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::TimeCourse)
            .map(|m| {
                m.cells
                    .iter()
                    .map(|c| {
                        (
                            items[c.item]
                                .parts
                                .mean
                                .as_ref()
                                .unwrap()
                                .number
                                .text
                                .as_str(),
                            c.time.as_deref(),
                        )
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            courses,
            [
                vec![
                    ("32.8", Some("Baseline")),
                    ("26.8", Some("Week 2")),
                    ("21.4", Some("Week 4")),
                ],
                vec![("17.68", Some("Week 2")), ("33.67", Some("Week 4"))],
            ],
            "{:#?}",
            s.measures
        );
        let labels: Vec<Option<&str>> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::TimeCourse)
            .map(|m| m.label.as_deref())
            .collect();
        assert_eq!(labels, [Some("MADRS"), Some("MADRS (% (sd))")]);
    }

    #[test]
    fn a_row_holding_a_paragraph_is_read_as_running_text() {
        let text = "Methods | Data are mean ± SD. |\nResults | In the 12 patients, the score improved from 14.2 ± 3.1 at baseline to 9.8 ± 2.7 after one year of treatment. |\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::TimeCourse);
    }

    #[test]
    fn arm_columns_and_time_rows() {
        let text = "Table 2.\nEfficacy endpoint | Placebo n = 60 | Drug 4 mg n = 59 |\n---|---|---|\nBody weight, kg | ||\nBaseline | 97.5 (12.1) | 100.8 (19.3) |\nWeek 21 | 97.9 (12.2) | 93.6 (15.7) |\nLSM (SE) change from baseline | −0.1 (0.6) | −6.6 (0.6) |\n";
        let (_, s) = read_text(text);
        let shapes: Vec<(Shape, usize, bool)> = s
            .measures
            .iter()
            .map(|m| (m.shape, m.cells.len(), m.change))
            .collect();
        assert_eq!(
            shapes,
            [(Shape::Arms, 4, false), (Shape::Arms, 2, true)],
            "{:#?}",
            s.measures
        );
        assert_eq!(s.measures[0].label.as_deref(), Some("Body weight, kg"));
        assert!(s.groups.iter().all(|g| g.n.is_some()));
        assert!(s.groups[0].control);
    }

    #[test]
    fn each_groups_share_of_a_row_under_the_group_columns_is_one_measures_arms() {
        // Made-up counts: a row of `n (%)` under two arm columns, the p its comparison; the
        // second row's section label names what the rows under it count.
        let text = "Table 3.\nOutcome | Placebo (n = 40) | Drug (n = 41) | P\n---|---|---|---\nResponders, n (%) | 6 (15.0) | 19 (46.3) | 0.002\nSex, n (%) | | |\nWomen | 22 (55.0) | 25 (61.0) | 0.58\n";
        let (items, s) = read_text(text);
        assert!(s.measures.is_empty(), "{:#?}", s.measures);
        // Each share measure: its label, each cell's group and n, whether it has a p.
        type ShareRow<'a> = (Option<&'a str>, Vec<(Option<usize>, &'a str)>, bool);
        let read: Vec<ShareRow> = s
            .shares
            .iter()
            .map(|m| {
                (
                    m.label.as_deref(),
                    m.cells
                        .iter()
                        .map(|c| (c.group, n_printed(&items, c)))
                        .collect(),
                    m.comparison.p.is_some(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    Some("Responders, n (%)"),
                    vec![(Some(0), "40"), (Some(1), "41")],
                    true
                ),
                (
                    Some("Sex, n (%) (Women)"),
                    vec![(Some(0), "40"), (Some(1), "41")],
                    true
                )
            ]
        );
        assert!(s.shares.iter().all(|m| m.shape == Shape::Arms));
    }

    #[test]
    fn a_row_its_label_says_counts_the_people_gives_the_columns_their_n() {
        // Made-up counts: the n's on a row of their own, printed as bare numbers under a
        // label naming the people counted, not in the header.
        let text = "Adverse event | Drug, no. (%) | Placebo, no. (%)\n---|---|---\nNo. of subjects analyzed | 204 | 201\nAny adverse event | 115 (56.4) | 95 (47.3)\n";
        let (items, s) = read_text(text);
        let ns: Vec<Vec<&str>> = s
            .shares
            .iter()
            .map(|m| m.cells.iter().map(|c| n_printed(&items, c)).collect())
            .collect();
        assert_eq!(ns, [vec!["204", "201"]], "{:#?}", s.shares);
    }

    #[test]
    fn two_shares_under_one_group_leave_the_row_unplaced() {
        // Made-up counts: each group prints two shares on the row (the outcome and another):
        // which is the row's is not printed.
        let text = "Outcome | Placebo (n = 40) | Drug (n = 41)\n---|---|---\nRemission | 6 (15.0) 3 (7.5) | 19 (46.3) 9 (22.0)\n";
        let (_, s) = read_text(text);
        assert!(s.shares.is_empty(), "{:#?}", s.shares);
    }

    use crate::draft::structure::cells_of as cells;

    #[test]
    fn rows_a_pages_copy_wrapped_after_some_of_their_cells() {
        // Made-up values in the form of a web page's table copied with its rows wrapped: two
        // sets of patients over the same three arms, the arms' names wrapped under the rule,
        // each row's later cells on lines of their own.
        let text = "Table 2.\n\
            All patients (n = 250) | Subgroup (n = 200) | |||||\n\
            ---|---|---|---|---|---|---|\n\
            Placebo (n = 84) | Drug 1 mg (n = 83) |\n\
            Drug 2 mg (n = 83) | Placebo (n = 66) | Drug 1 mg (n = 67) |\n\
            Drug 2 mg (n = 67) | |\n\
            Score change (SE) | − 8.1 (1.7) |\n\
            − 20.4 (1.5) p < 0.0001 |\n\
            − 21.0 (1.4) p < 0.0001 |\n\
            − 7.9 (1.9) |\n\
            − 19.8 (1.8) p < 0.0001 |\n\
            − 18.6 (1.7) p < 0.0001 |\n\
            Itch change (SE) | − 1.4 (0.3) |\n\
            − 3.1 (0.3) p < 0.0001 |\n\
            − 3.3 (0.3) p < 0.0001 |\n\
            − 1.2 (0.3) |\n\
            − 2.9 (0.3) p < 0.0001 |\n\
            − 2.8 (0.3) p < 0.0001 |\n";
        let (items, s) = read_text(text);
        let arms: Vec<&super::super::model::Measure> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 4, "{:#?}", s.measures);
        // Each value has its own column's n: no value takes a set's n (250, 200).
        let ns: Vec<String> = arms
            .iter()
            .flat_map(|m| &m.cells)
            .map(|c| {
                let j = c.n.expect("an n");
                items[j].parts.value.as_ref().unwrap().number.plain.clone()
            })
            .collect();
        assert_eq!(
            ns,
            [
                "84", "83", "83", "84", "83", "83", "66", "67", "67", "66", "67", "67"
            ]
        );
    }

    #[test]
    fn groups_spanning_their_time_columns_are_arms_each_with_its_time_course() {
        // Arm names over runs of `Baseline | Week 8 | p | Change`, the header row one cell
        // short of the data (no stub), the between-group p's after the runs under one header.
        let text = "Table 2.\n| Drug group (n = 30) | Placebo group (n = 30) | Comparison between groups | ||||||||\n|---|---|---|---|---|---|---|---|---|---|---|---|\n| Baseline | Week 8 | p0 | Change (Δ) | Baseline | Week 8 | p0 | Change (Δ) | p1 | p2 | p3 | |\n| Itch score (cm) | 5.27 ± 2.75 | 3.45 ± 2.03 | < 0.001 | 1.82 | 4.57 ± 1.94 | 4.36 ± 2.34 | 0.469 | 0.21 | 0.435 | 0.175 | 0.002 |\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        let want: Vec<(String, String)> = [
            ("drug group", "Baseline"),
            ("drug group", "Week 8"),
            ("placebo group", "Baseline"),
            ("placebo group", "Week 8"),
        ]
        .map(|(g, t)| (g.to_string(), t.to_string()))
        .to_vec();
        assert_eq!(cells(&s, 0), want);
        assert!(s.groups.iter().all(|g| g.n.is_some()));
    }

    #[test]
    fn initial_and_final_columns_are_one_groups_time_points_never_arms() {
        // `Initial | Final | Absolute change | P value`: one group measured twice; the change
        // column is a statistic of that group, not a third arm.
        let text = "Table 2\n| Variable | Initial | Final | Absolute change | P value |\n|---|---|---|---|---|\n| Physical functioning | 58 ± 8 | 79 ± 7 | 21 ± 6 | 0.03 |\n| Bodily pain | 81 ± 5 | 83 ± 5 | 2 ± 3 | 0.29 |\n";
        let (items, s) = read_text(text);
        assert!(s.groups.is_empty(), "{:#?}", s.groups);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        for (m, label) in s
            .measures
            .iter()
            .zip(["Physical functioning", "Bodily pain"])
        {
            assert_eq!((m.shape, m.cells.len()), (Shape::TimeCourse, 2));
            assert_eq!(m.label.as_deref(), Some(label));
            assert!(
                m.comparison
                    .p
                    .is_some_and(|p| items[p].kind == crate::draft::ItemKind::P)
            );
        }
        assert_eq!(cells(&s, 0)[1].1, "Final");
    }

    /// Each cell's group and time, in order.
    fn groups_and_times(m: &super::Measure) -> Vec<(Option<usize>, Option<&str>)> {
        m.cells
            .iter()
            .map(|c| (c.group, c.time.as_deref()))
            .collect()
    }

    #[test]
    fn groups_as_rows_under_each_measure_over_visits_printed_as_numbers_under_their_unit() {
        // A journal's grid set at single spaces: the visits as bare numbers under their unit,
        // each measure a section row, each group a row under it; the p of the groups'
        // comparison printed once, on the last group's row.
        let text = "Table 2 Body composition over the study\n\n  Month\n  0 3 6 P value\nLean mass (kg)\n Control 50.1 ± 2.0 50.3 ± 2.1 50.2 ± 2.2  \n Drug X 50.4 ± 2.2 51.9 ± 2.0 53.0 ± 2.1 0.004\nFat mass (kg)\n Control 20.2 ± 1.5 20.0 ± 1.4 19.9 ± 1.6  \n Drug X 20.5 ± 1.6 19.1 ± 1.5 18.2 ± 1.4 0.012\n";
        let (items, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Control", "Drug X"]);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        for (m, p) in s.measures.iter().zip(["0.004", "0.012"]) {
            assert_eq!(m.shape, Shape::Arms);
            let cells = groups_and_times(m);
            assert_eq!(
                cells,
                [
                    (Some(0), Some("Month 0")),
                    (Some(0), Some("Month 3")),
                    (Some(0), Some("Month 6")),
                    (Some(1), Some("Month 0")),
                    (Some(1), Some("Month 3")),
                    (Some(1), Some("Month 6")),
                ]
            );
            assert_eq!(items[m.comparison.p.expect("the section's p")].text, p);
        }
        assert_eq!(s.measures[0].label.as_deref(), Some("Lean mass (kg)"));
        // A legend printing each group's n before its name gives the groups their n's.
        let legend = format!(
            "{text}  1. Mean ± SD for n = 11 Drug X-treated and n = 9 Control participants\n"
        );
        let (items, s) = read_text(&legend);
        let ns: Vec<&str> = s
            .groups
            .iter()
            .map(|g| items[g.n.expect("the group's n")].text.as_str())
            .collect();
        assert_eq!(ns, ["n = 9", "n = 11"]);
        // Each group's row printing its own p: that p is the group's change, not the arms'.
        let each = text
            .replace("50.2 ± 2.2  ", "50.2 ± 2.2 0.81")
            .replace("19.9 ± 1.6  ", "19.9 ± 1.6 0.44");
        let (_, s) = read_text(&each);
        assert!(
            s.measures.iter().all(|m| m.comparison.p.is_none()),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_crossovers_periods_are_times_and_the_stubs_name_no_group() {
        // A crossover prints its periods over the columns (`Period 1(A) | Period 2(P)`), a
        // Japanese one its 期; a header copied a cell a line may place the stub's name
        // (`Measure`) over a column.
        for h in [
            "Period 1",
            "Period 2(P)",
            "period II",
            "Treatment period 1",
            "第1期",
            "第Ⅱ期",
        ] {
            assert!(super::header_time(h).is_some(), "{h}");
        }
        assert!(super::header_time("Periodontal").is_none());
        let text = "Table 2\n| | Measure | Drug | Placebo |\n|---|---|---|---|\n| Pain | 4.0 ± 1.0 | 4.1 ± 1.2 | 3.2 ± 1.1 |\n| Sleep | 5.0 ± 1.0 | 6.0 ± 0.9 | 6.4 ± 1.0 |\n";
        let (_, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug", "Placebo"]);
    }

    #[test]
    fn columns_compared_by_a_difference_in_rows_of_times_are_arms() {
        // Nothing names the columns as groups, but each row is a time and prints the
        // difference between them: the columns are the groups compared.
        let text = "Table 2\n| | App-based A, mean (SE) | App-based B, mean (SE) | Adjusted difference (95% CI) | p value |\n|---|---|---|---|---|\n| PHQ-9 | | | | |\n| Baseline | 12.1 (0.2) | 12.1 (0.2) | | |\n| Post-session 2 | 7.6 (0.2) | 7.7 (0.2) | -0.1 (-0.7, 0.5) | 0.72 |\n| 6 months | 5.4 (0.2) | 6.3 (0.2) | -0.8 (-1.4, -0.2) | 0.009 |\n";
        let (_, s) = read_text(text);
        assert_eq!(s.groups.len(), 2, "{:#?}", s.groups);
        assert!(
            s.measures.iter().any(|m| m.shape == Shape::Arms),
            "{:#?}",
            s.measures
        );
        assert!(super::header_time("Post-session 2").is_some());
        assert!(super::header_time("Cycle 3").is_some());
    }

    #[test]
    fn groups_rows_under_visits_spanning_what_their_cells_print_copied_a_cell_a_line() {
        // A page's table converted a cell a line (`|` between the cells, `---|` after each
        // header row): the
        // visits over `Mean (SD) | P value`, each measure a section, each group a row (one
        // not followed up at the last visit); `Exercise` holds the letters of `CI`.
        let cells = [
            "Baseline",
            "Post-intervention",
            "Follow-up",
            "---",
            "Mean (SD)",
            "Mean (SD)",
            "P value",
            "Mean (SD)",
            "P value",
            "---",
            "Walking distance (m)",
            "Exercise",
            "402 (61)",
            "455 (70)",
            "< 0.001",
            "470 (66)",
            "< 0.001",
            "Usual care",
            "398 (58)",
            "401 (60)",
            "0.41",
            "Grip strength (kg)",
            "Exercise",
            "30.1 (5.2)",
            "32.0 (5.0)",
            "0.002",
            "32.2 (5.1)",
            "0.003",
            "Usual care",
            "29.8 (4.9)",
            "29.9 (5.3)",
            "0.88",
        ];
        let text = format!("|\n{}\n", cells.join("\n|\n").replace("---\n|", "---|"));
        let (_, s) = read_text(&text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Exercise", "Usual care"]);
        let arms: Vec<&super::Measure> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        let cells = groups_and_times(arms[0]);
        assert_eq!(
            cells,
            [
                (Some(0), Some("Baseline")),
                (Some(0), Some("Post-intervention")),
                (Some(0), Some("Follow-up")),
                (Some(1), Some("Baseline")),
                (Some(1), Some("Post-intervention")),
            ]
        );
        assert_eq!(arms[0].label.as_deref(), Some("Walking distance (m)"));
    }

    #[test]
    fn groups_glued_over_each_ones_visits_glued_naming_every_column() {
        // A journal page's glued copy: the groups (their n's lost, `( )`) over each group's
        // visits, the lower line naming every value column.
        let text = "Table 2\n\nResults before and after treatment.\n\nPlacebo ( )Drug A ( )\nWeek 0Week 1Week 13Week 0Week 1Week 13\n\nScore total46.6  ±  16.344.7  ±  15.345.9  ±  18.146.3  ±  17.137.1  ±  11.240.7  ±  15.1\n Pain2.5  ±  0.72.3  ±  1.12.4  ±  1.22.6  ±  0.82.1  ±  0.72.3  ±  0.9\n Sleep15.7  ±  9.314.8  ±  11.215.3  ±  11.615.9  ±  11.312.5  ±  4.613.4  ±  9.8\n";
        let (_, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Placebo", "Drug A"]);
        assert_eq!(s.measures.len(), 3, "{:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        let cells = groups_and_times(m);
        assert_eq!(
            cells,
            [
                (Some(0), Some("Week 0")),
                (Some(0), Some("Week 1")),
                (Some(0), Some("Week 13")),
                (Some(1), Some("Week 0")),
                (Some(1), Some("Week 1")),
                (Some(1), Some("Week 13")),
            ]
        );
    }

    #[test]
    fn glued_times_under_glued_groups_over_rows_printing_only_baseline() {
        // Made-up values as a journal page's glued copy of a table of baseline
        // characteristics and outcomes: each time glued to the word before it (`Baseline1
        // year`), the rows before the outcomes printing each group's baseline only.
        let text = "Table 1\n\nDrug A (n = 40)Placebo (n = 41)P-value\nBaseline1 yearBaseline1 year\nDemographic variables\n Age in years, mean (SD)61.2 (4.1)60.3 (5.2)\n Weight, kg, mean (SD)80.1 (9.0)79.4 (8.7)\n Height, cm, mean (SD)170.1 (6.0)169.4 (6.7)\nOutcomes, mean (SD)\n Glucose, mmol/l8.1 (2.8)7.0 (1.7)7.9 (2.3)7.6 (1.1)0.02\n HbA1c, %7.4 (1.7)6.5 (0.9)7.3 (1.6)7.1 (0.6)0.03\n";
        let (items, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug A", "Placebo"]);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        for m in &s.measures {
            assert_eq!(
                groups_and_times(m),
                [
                    (Some(0), Some("Baseline")),
                    (Some(0), Some("1 year")),
                    (Some(1), Some("Baseline")),
                    (Some(1), Some("1 year")),
                ]
            );
        }
        // The baseline rows' two values are no group's baseline and one year: nothing
        // places them as a time course.
        let age = items
            .iter()
            .position(|i| i.text == "61.2 (4.1)")
            .expect("age");
        assert!(
            !s.measures
                .iter()
                .any(|m| m.cells.iter().any(|c| c.item == age)),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn sections_opened_by_their_comparison_over_rows_of_mean_sd_and_n_cells() {
        // Made-up values in The Lancet's layout: the groups each with its n, then the names
        // of the comparison's columns; a lower header line naming the comparisons; a section
        // opened by its comparison's row (`..` under the groups); each cell `mean (SD), n`,
        // `..` under the comparison's columns.
        let text = "Table 3. Outcomes\n\nDrug A (n=30) Drug B (n=31) Mean difference (SE; 95% CI); p value\nDrug B vs drug A Drug A vs drug B\nTotal .. .. −1·20 (2·10; −5·32 to 2·92); 0·570 ..\nWeek 0 60·10 (9·20), 30 61·40 (8·30), 31 .. ..\nWeek 8 55·20 (10·10), 27 57·90 (9·40), 29 .. ..\nPositive .. .. −0·90 (1·10; −3·06 to 1·26); 0·410 ..\nWeek 0 20·10 (4·20), 30 20·50 (4·00), 31 .. ..\nWeek 8 18·30 (5·00), 27 19·10 (4·40), 29 .. ..\n";
        let (items, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug A", "Drug B"]);
        assert_eq!(s.measures.len(), 2, "{:#?}", s.measures);
        assert_eq!(s.measures[1].label.as_deref(), Some("Positive"));
        for m in &s.measures {
            assert_eq!(
                groups_and_times(m),
                [
                    (Some(0), Some("Week 0")),
                    (Some(1), Some("Week 0")),
                    (Some(0), Some("Week 8")),
                    (Some(1), Some("Week 8")),
                ]
            );
        }
        // Each cell's own n, the number measured at that visit.
        let ns: Vec<&str> = s.measures[0]
            .cells
            .iter()
            .map(|c| items[c.n.expect("an n")].text.as_str())
            .collect();
        assert_eq!(ns, ["30", "31", "27", "29"]);
    }

    #[test]
    fn each_outcomes_row_of_participants_gives_the_rows_under_it_their_n() {
        // Made-up values as a journal's pipe table prints them: the header's n's are the
        // randomised; each outcome's `No of participants` row (with the outcome's estimate in
        // the last column) the n of its rows; `Median (IQR)` beside `Mean (SD)` of the same
        // outcome.
        let text = "Table 3.\nOutcomes | Drug (n=150) | Placebo (n=148) | Adjusted estimate (95% CI); P value |\n---|---|---|---|\nPain score | | | |\nNo of participants | 120 | 118 | 0.40 (−0.20 to 1.00); 0.19 |\nMean (SD) | 4.1 (2.0) | 4.5 (2.2) | |\nMedian (IQR) | 4.0 (3.0-5.5) | 4.5 (3.0-6.0) | |\nSleep score | | | |\nNo of participants | 101 | 99 | 1.20 (0.30 to 2.10); 0.01 |\nMean (SD) | 12.1 (3.3) | 10.9 (3.1) | |\nMedian (IQR) | 12.0 (10.0-14.0) | 11.0 (9.0-13.0) | |\n";
        let (items, s) = read_text(text);
        let ns = |m: &crate::draft::structure::Measure| -> Vec<String> {
            m.cells
                .iter()
                .map(|c| c.n.map(|k| items[k].text.clone()).unwrap_or_default())
                .collect()
        };
        let means: Vec<&crate::draft::structure::Measure> = s
            .measures
            .iter()
            .filter(|m| items[m.cells[0].item].kind == crate::draft::ItemKind::MeanSpread)
            .collect();
        assert_eq!(means.len(), 2, "{:#?}", s.measures);
        assert_eq!(ns(means[0]), ["120", "118"]);
        assert_eq!(ns(means[1]), ["101", "99"]);
        // The estimate column's `0.40 (−0.20 to 1.00)` is no median with its quartiles.
        assert!(
            !items
                .iter()
                .any(|i| i.kind == crate::draft::ItemKind::MedianIqr && i.text.starts_with("0.40")),
            "{:?}",
            crate::draft::tests::brief(&items)
        );
        // The medians stand as arms of their outcome, marked as compared by its means.
        let medians: Vec<&crate::draft::structure::Measure> = s
            .measures
            .iter()
            .filter(|m| items[m.cells[0].item].kind == crate::draft::ItemKind::MedianIqr)
            .collect();
        assert_eq!(medians.len(), 2, "{:#?}", s.measures);
        assert!(medians.iter().all(|m| {
            m.shape == Shape::Arms
                && m.beside_its_means
                    .as_deref()
                    .is_some_and(|w| w.contains("compared by its means"))
        }));
        assert!(means.iter().all(|m| m.beside_its_means.is_none()));
    }

    #[test]
    fn columns_nothing_names_as_groups_are_no_arms() {
        // Two columns whose headers name no group, time or statistic the reader knows
        // (seasons here): their cells are not compared as arms.
        let unnamed = "Table 2\n| | Spring | Autumn |\n|---|---|---|\n| Pain | 4.1 ± 1.2 | 3.2 ± 1.1 |\n| Sleep | 6.0 ± 0.9 | 6.4 ± 1.0 |\n";
        let (_, s) = read_text(unnamed);
        assert!(s.groups.is_empty(), "{:#?}", s.groups);
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:#?}",
            s.measures
        );
        // A sibling naming a comparator makes both arms; so does the text naming one as a
        // group, or a caption comparing groups.
        for text in [
            "Table 2\n| | Tiotropium | Placebo |\n|---|---|---|\n| Pain | 4.1 ± 1.2 | 3.2 ± 1.1 |\n| Sleep | 6.0 ± 0.9 | 6.4 ± 1.0 |\n",
            "Patients in the CBT group improved.\n\nTable 2\n| | CBT | BA |\n|---|---|---|\n| Pain | 4.1 ± 1.2 | 3.2 ± 1.1 |\n| Sleep | 6.0 ± 0.9 | 6.4 ± 1.0 |\n",
            "Table 2 Outcomes compared between groups\n| | Spring | Autumn |\n|---|---|---|\n| Pain | 4.1 ± 1.2 | 3.2 ± 1.1 |\n| Sleep | 6.0 ± 0.9 | 6.4 ± 1.0 |\n",
            "Table 2\n| | 50 mg | 100 mg |\n|---|---|---|\n| Pain | 4.1 ± 1.2 | 3.2 ± 1.1 |\n| Sleep | 6.0 ± 0.9 | 6.4 ± 1.0 |\n",
        ] {
            let (_, s) = read_text(text);
            assert_eq!(s.groups.len(), 2, "{text}: {:#?}", s.groups);
            assert!(
                s.measures.iter().all(|m| m.shape == Shape::Arms),
                "{text}: {:#?}",
                s.measures
            );
        }
    }

    #[test]
    fn a_table_whose_columns_are_set_apart_by_spaces_names_its_groups() {
        // PDF text extraction: a title, a header of names set apart by spaces, rows of a label
        // and values, section rows alone.
        let text = "表7：介入終了後15ヵ月のA群とB群の比較\n  A群 B群\n抑うつ 9.5±11.5 8.1±9.4\n活気 24.6±8.9 27.6±3.1\nGHQ-30\n総得点 6.4±4.6 6.2±5.9\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 3, "{:#?}", s.measures);
        assert!(s.measures.iter().all(|m| m.shape == Shape::Arms));
        assert_eq!(
            cells(&s, 1),
            [
                ("a群".to_string(), "-".to_string()),
                ("b群".to_string(), "-".to_string())
            ]
        );
        // A caption's words are no column names: two words over two value columns name nothing.
        let caption = "Table 3\nPruritus assessment\nItch 5.2 ± 1.1 4.9 ± 1.3\nSleep 3.1 ± 0.9 3.3 ± 1.0\nMood 2.2 ± 0.4 2.1 ± 0.5\n";
        let (_, s) = read_text(caption);
        assert!(s.groups.is_empty(), "{:#?}", s.groups);
    }
}

#[cfg(test)]
mod untitled_tests {
    use crate::draft::ItemKind;
    use crate::draft::structure::{Shape, cells_of, read_text};

    fn shapes(text: &str) -> Vec<(Shape, usize)> {
        let (_, s) = read_text(text);
        s.measures
            .iter()
            .map(|m| (m.shape, m.cells.len()))
            .collect()
    }

    #[test]
    fn a_section_of_times_ends_at_the_first_row_naming_no_time() {
        // Made-up values in a journal's pipe table: each outcome's section row over its
        // `Baseline` and `Follow up` rows (each arm's course), then outcomes printed on their
        // own rows, which are no part of the last section.
        let text = "Table 2. Outcomes by arm.\n| | Drug A 10 mg | Drug B 5 mg |\n|---|---|---|\n| IPSS | | |\n| Baseline | 16.0±2.1 | 15.5±2.6 |\n| Follow up | 11.6±2.0 | 10.6±1.8 |\n| QOL | | |\n| Baseline | 3.7±0.2 | 3.9±0.5 |\n| Follow-up | 3.0±0.3 | 3.1±0.7 |\n| Prostate volume (cc) | 35.8±6.1 | 32.2±4.5 |\n| PSA (ng/ml) | 2.5±0.2 | 1.9±0.3 |\n";
        let (_, s) = read_text(text);
        let got: Vec<(Option<&str>, usize)> = s
            .measures
            .iter()
            .map(|m| (m.label.as_deref(), m.cells.len()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("IPSS"), 4),
                (Some("QOL"), 4),
                (Some("Prostate volume (cc)"), 2),
                (Some("PSA (ng/ml)"), 2)
            ],
            "{:#?}",
            s.measures
        );
        // Rows of analysis sets after the section's baseline (`mITT`, `PP`) name no unit:
        // they stay the section's.
        let sets = "Table 2. Outcomes by arm.\n| | Drug A 10 mg | Drug B 5 mg |\n|---|---|---|\n| PHQ-9 | | |\n| Baseline | 17.4 (4.8) | 17.7 (4.8) |\n| mITT | 8.4 (7.5) | 8.4 (7.0) |\n| PP | 7.9 (7.3) | 7.8 (6.5) |\n";
        let (_, s) = read_text(sets);
        assert!(
            s.measures
                .iter()
                .filter_map(|m| m.label.as_deref())
                .all(|l| l.starts_with("PHQ-9")),
            "{:#?}",
            s.measures
        );
        assert!(super::names_its_unit("Qmax (ml s−1)") && super::names_its_unit("Weight (kg)"));
        assert!(!super::names_its_unit("mITT") && !super::names_its_unit("Pain (0-10 VAS)"));
    }

    #[test]
    fn times_under_a_line_of_groups_the_table_left_out_are_no_course() {
        // Made-up values in the layout of a journal's table copied with single spaces: the
        // groups' line stands above the header the table starts at, and a row prints three
        // values under its two times. No row is one group's course; one group's name above
        // the times, or a header naming every column, still heads a course.
        let text = "Table 3.\n\nTolerance\n\nStandard Split group\nVariable Day 1 Day 2 P value\nPatients 78 75\nFull intake (n,%) 72 (92.3) 66 (88.0) 72 (96.0) 0.75\nSleep (h) 6.6 ± 1.6 6.5 ± 1.4 0.80\nWake-ups 1.9 ± 0.9 2.4 ± 1.6 0.27\n";
        assert!(
            shapes(text)
                .iter()
                .all(|(shape, _)| *shape != Shape::TimeCourse),
            "{:?}",
            shapes(text)
        );
        let one = text
            .replace("Standard Split group", "Split group")
            .replace(" 72 (96.0)", "");
        assert!(
            shapes(&one).contains(&(Shape::TimeCourse, 2)),
            "{:?}",
            shapes(&one)
        );
    }

    #[test]
    fn a_table_set_apart_by_spaces_under_no_title() {
        // A PDF's table extracted between paragraphs: a header of arms with their n's and a p
        // column, rows of a label and values set apart by runs of spaces.
        let text = "Outcomes at week 12 are shown below.\n\n                 Placebo (n = 60)    Drug (n = 58)    P\nMG-ADL          -1.9 ± 0.5          -4.1 ± 0.5        0.002\nQMG             -1.2 ± 0.6          -3.0 ± 0.7        0.04\n\nAdverse events were mild and transient in both groups of the trial.\n";
        assert_eq!(shapes(text), [(Shape::Arms, 2), (Shape::Arms, 2)]);
        let (_, s) = read_text(text);
        assert_eq!(
            cells_of(&s, 1),
            [
                ("placebo".to_string(), "-".to_string()),
                ("drug".to_string(), "-".to_string())
            ]
        );
        assert!(s.measures[0].comparison.p.is_some(), "{:#?}", s.measures[0]);
        // Time columns: one group's time course per row.
        let text = "Scores before and after treatment\n          Baseline      Week 12\nEDSS      5.1 ± 1.7     4.1 ± 1.5\nPain      6.2 ± 2.0     3.1 ± 1.9\n";
        assert_eq!(
            shapes(text),
            [(Shape::TimeCourse, 2), (Shape::TimeCourse, 2)]
        );
        let (_, s) = read_text(text);
        assert_eq!(
            cells_of(&s, 0),
            [
                ("-".to_string(), "Baseline".to_string()),
                ("-".to_string(), "Week 12".to_string())
            ]
        );
        // The same in Japanese, set apart by ideographic spaces.
        let text = "\u{3000}\u{3000}\u{3000}\u{3000}投与前\u{3000}\u{3000}投与後\nEDSS\u{3000}5.1±1.7\u{3000}4.1±1.5\n疼痛VAS\u{3000}6.2±2.0\u{3000}3.1±1.9\n";
        assert_eq!(
            shapes(text),
            [(Shape::TimeCourse, 2), (Shape::TimeCourse, 2)]
        );
    }

    #[test]
    fn a_header_a_name_a_line_over_its_n_under_no_title() {
        // A web page's header cells copied with a line break between each arm's name and its
        // n, a section row, then rows of a label and values at single spaces; one level's
        // label printed over two lines, its values on a line of their own.
        let text = "患者背景\n\n対照群\n(n=40)\n低用量群\n(n=42)\n高用量群\n(n=41)\n性別、例数(%)\n 男性 20(50.0) 22(52.4) 19(46.3)\n 女性 20(50.0) 20(47.6) 22(53.7)\n病型、例数(%)\n A型\n (発症から1年未満)\n12(30.0) 15(35.7) 11(26.8)\n年齢(歳)\n 平均値±SD 51.2±9.8 50.4±10.1 52.0±9.5\n";
        let (items, s) = read_text(text);
        let arms: Vec<(Option<String>, usize)> = s
            .measures
            .iter()
            .map(|m| (m.label.clone(), m.cells.len()))
            .collect();
        let shares: Vec<(Option<String>, usize)> = s
            .shares
            .iter()
            .map(|m| (m.label.clone(), m.cells.len()))
            .collect();
        assert_eq!(arms, [(Some("年齢(歳) (平均値±SD)".to_string()), 3)]);
        assert_eq!(
            shares,
            [
                (Some("性別、例数(%) (男性)".to_string()), 3),
                (Some("性別、例数(%) (女性)".to_string()), 3),
                (Some("A型\n (発症から1年未満)".to_string()), 3)
            ]
        );
        // The first value of the row of values alone is a share too, not a mean and its SD.
        let first = items.iter().find(|i| i.text == "12(30.0)").unwrap();
        assert_eq!(first.kind, ItemKind::Percent);
        // Each arm with the n printed under its name.
        let ns: Vec<Option<&str>> = s
            .groups
            .iter()
            .map(|g| g.n.map(|j| items[j].text.as_str()))
            .collect();
        assert_eq!(ns, [Some("n=40"), Some("n=42"), Some("n=41")]);
    }

    #[test]
    fn columns_aligned_by_spaces_take_the_names_standing_over_them() {
        // The stub's name in the header row, times then a change and a p: one group's time
        // course per row.
        let text = "Scale           Baseline   Month 6   Change    P\nPain            58 ± 8     79 ± 7    21 ± 8    0.03\nFatigue         48 ± 7     66 ± 4    17 ± 6    0.02\n";
        assert_eq!(
            shapes(text),
            [(Shape::TimeCourse, 2), (Shape::TimeCourse, 2)]
        );
        // Two levels: each arm's name (with its n) spans its two times; the difference spans
        // its two analyses; the CI and p printed on the lines below the estimates.
        let text = "          Placebo (n = 91)          Drug (n = 96)             Difference (95% CI)\n          Week 0       Week 24      Week 0       Week 24      Crude      Adjusted\nHbA1c     8.4 (1.6)    8.3 (1.6)    8.4 (1.7)    8.1 (1.5)    -0.26      -0.30\n                                                              (-0.6, 0.1) (-0.5, -0.1)\nWeight    92.1 (14.2)  91.0 (14.1)  93.3 (15.0)  90.2 (15.2)  -1.2       -1.4\n";
        let (_, s) = read_text(text);
        assert_eq!(shapes(text), [(Shape::Arms, 4), (Shape::Arms, 4)]);
        let want: Vec<(String, String)> = [
            ("placebo", "Week 0"),
            ("placebo", "Week 24"),
            ("drug", "Week 0"),
            ("drug", "Week 24"),
        ]
        .map(|(g, t)| (g.to_string(), t.to_string()))
        .to_vec();
        assert_eq!(cells_of(&s, 0), want);
        assert!(s.groups.iter().all(|g| g.n.is_some()), "{:#?}", s.groups);
        assert!(s.measures[0].comparison.difference.is_some());
    }

    #[test]
    fn each_arms_change_beside_its_values_is_a_measure_of_its_own() {
        // Each arm over `Baseline | Change`: the changes are not the arm's second value.
        let text = "Table 2\n| | Placebo (n = 20) | | Drug (n = 21) | |\n| | Baseline | Change | Baseline | Change |\n| HbA1c | 8.1 ± 0.9 | -0.2 ± 0.5 | 8.2 ± 1.0 | -0.9 ± 0.6 |\n";
        let (_, s) = read_text(text);
        type Read = (Shape, bool, Vec<(String, String)>);
        let read: Vec<Read> = (0..s.measures.len())
            .map(|m| (s.measures[m].shape, s.measures[m].change, cells_of(&s, m)))
            .collect();
        let arms = |t: &str| {
            vec![
                ("placebo".to_string(), t.to_string()),
                ("drug".to_string(), t.to_string()),
            ]
        };
        assert!(read.contains(&(Shape::Arms, true, arms("-"))), "{read:?}");
        assert!(
            read.contains(&(Shape::Arms, false, arms("Baseline"))),
            "{read:?}"
        );
    }

    #[test]
    fn arms_named_by_their_doses_over_rows_of_weeks() {
        // A dose-ranging table: the arms named by their doses, set apart by single spaces;
        // rows labelled with a week under the measure's section row.
        let text = "Table 3\nChanges by week\nPlacebo 10 mg 20 mg p-value\nPain score\n  Week 4 1.38 (0.54) 1.00 (0.58) 2.20 (0.57)\n  Week 8 1.13 (0.54) 0.50 (0.58) 1.89 (0.57)\n  Week 12 0.30 (0.54) 0.20 (0.60) 0.69 (0.57) 0.41\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let cells = cells_of(&s, 0);
        assert_eq!(cells.len(), 9, "{cells:?}");
        assert_eq!(cells[0], ("placebo".to_string(), "Week 4".to_string()));
        assert_eq!(cells[8], ("20 mg".to_string(), "Week 12".to_string()));
    }

    #[test]
    fn a_table_a_cell_a_line_read_by_its_rows() {
        // No title, no blank lines: the arms' names, then each row's label and its values;
        // a later visit of one arm only prints one value: that arm's next time point of the
        // same measure.
        let text = "評価時期\n本剤群\nプラセボ群\nベースライン\n12.4±5.4 (132)\n12.2±5.5 (65)\n4週\n7.4±5.5 (134)\n9.8±6.0 (65)\n32週\n4.7±3.8 (128)\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let want: Vec<(String, String)> = [
            ("本剤群", "ベースライン"),
            ("プラセボ群", "ベースライン"),
            ("本剤群", "4週"),
            ("プラセボ群", "4週"),
            ("本剤群", "32週"),
        ]
        .map(|(g, t)| (g.to_string(), t.to_string()))
        .to_vec();
        assert_eq!(cells_of(&s, 0), want);
        // Labels and values that name no column above them are no table.
        let text = "Outcome\nPain\n5.1 ± 1.2\n4.3 ± 1.1\nSleep\n3.1 ± 0.9\n3.3 ± 1.0\n";
        let (_, s) = read_text(text);
        assert!(
            s.measures.iter().all(|m| m.cells.len() < 2),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn short_lines_of_values_without_a_header_naming_columns_are_no_table() {
        // Two values side by side under words that name no column: left to the sentence
        // reader, never placed together.
        let text =
            "Results of the two scales\nItch 5.2 ± 1.1 4.9 ± 1.3\nSleep 3.1 ± 0.9 3.3 ± 1.0\n";
        let (_, s) = read_text(text);
        assert!(
            s.measures.iter().all(|m| m.cells.len() < 2),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_table_copied_with_single_spaces_under_statistics_names() {
        // A web page's table pasted with one space between cells: the times with their n's
        // over `Mean SD` pairs, then the change's statistics (`Mean diff.`, its CI as
        // `a–b` or `a to b`, Cohen's `d`, `p` as `.021`), under the table's title.
        let text = "Table 3.\nScores before and after the programme (n = 30)\nBaseline (n = 30) Week 8 (n = 30)\nOutcome Mean SD Mean SD Mean diff. 95% CI of diff. d p\nPain (VAS) 6.2 1.8 4.1 2.0 2.1 1.2–3.0 1.10 <.001\nSleep quality 9.4 3.1 8.8 3.3 0.6 −0.4 to 1.6 0.19 .210\nFatigue 5.5 2.2 4.9 2.4 0.6 0.1–1.1 0.26 .021\n";
        let (items, s) = read_text(text);
        assert_eq!(s.measures.len(), 3, "{:#?} {items:#?}", s.measures);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::TimeCourse, "{m:#?}");
        assert_eq!(m.label.as_deref(), Some("Pain (VAS)"));
        let want: Vec<(String, String, String)> = [("Baseline", "6.2"), ("Week 8", "4.1")]
            .iter()
            .map(|(t, v)| ("-".to_string(), t.to_string(), v.to_string()))
            .collect();
        assert_eq!(crate::draft::structure::means_of(&items, &s, m), want);
        assert_eq!(m.spread_label.as_ref().map(|(k, _)| *k), Some("SD"));
        // Each time's n, from its header.
        let ns: Vec<Option<&str>> = m
            .cells
            .iter()
            .map(|c| c.n.map(|n| items[n].text.as_str()))
            .collect();
        assert_eq!(ns, [Some("n = 30"), Some("n = 30")]);
        let ci: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ci, ["1.2–3.0", "−0.4 to 1.6", "0.1–1.1"]);
        let kinds: Vec<(&str, ItemKind)> = items
            .iter()
            .filter(|i| i.span[0] > text.find("Sleep").unwrap())
            .filter(|i| i.span[0] < text.find("Fatigue").unwrap())
            .map(|i| (i.text.as_str(), i.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("9.4 3.1", ItemKind::MeanSpread),
                ("8.8 3.3", ItemKind::MeanSpread),
                ("0.6", ItemKind::Number),
                ("−0.4 to 1.6", ItemKind::Ci),
                ("0.19", ItemKind::Number),
                (".210", ItemKind::P),
            ]
        );
    }

    #[test]
    fn a_footnote_mark_on_a_row_says_what_its_cells_print() {
        // A table copied a cell a line, each line closed by `|`: the baseline row marked
        // `a)`, the change row `b)`, and the legend saying a) mean ± SD, b) LS mean ± SE.
        let text = "表1) 体重の変化量 |\n||||\n体重(kg) |\n薬A群 (N=60) |\nプラセボ群 (N=58) |\nベースラインa) |\n80.1±12.3 (60) |\n79.4±11.8 (58) |\n12週時までの変化量b) |\n-3.21±0.40 (55) |\n-0.52±0.41 (54) |\na)平均±標準偏差(症例数) b)最小二乗平均±標準誤差(症例数) |\n";
        let (items, s) = read_text(text);
        let spreads: Vec<(&str, Option<&str>)> = s
            .measures
            .iter()
            .flat_map(|m| {
                m.cells.iter().map(|c| {
                    (
                        items[c.item].text.as_str(),
                        m.spread_label.as_ref().map(|(k, _)| *k),
                    )
                })
            })
            .collect();
        assert_eq!(
            spreads,
            [
                ("80.1±12.3", Some("SD")),
                ("79.4±11.8", Some("SD")),
                ("-3.21±0.40", Some("SEM")),
                ("-0.52±0.41", Some("SEM")),
            ],
            "{:#?}",
            s.measures
        );
        assert!(s.measures.iter().all(|m| m.shape == Shape::Arms));
    }

    #[test]
    fn a_header_of_two_glued_lines_names_groups_over_their_times() {
        // A journal page's table copied with its cells glued: the groups and the comparison's
        // columns on one line, each group's times under them on the next, a section label,
        // and a row of one group only.
        let text = "Table 2\n\nChanges in outcomes\n\nVariablesIntervention groupControl groupAdjusted difference (95% CI) at post trainingP values*\nPre trainingPost trainingPre trainingPost training\nFunctional capacity\n 6MWD (m)353 (116)388 (113)†374 (102)407 (105)†0.3 (–13 to 14)0.967\n Dyspnoea post 6MWD5.4 (2.2)5.7 (2.3)5.5 (2.2)5.4 (2.1)0.2 (–0.3 to 0.8)0.400\n Work rate (W)42 (16)44 (18)\n Leg effort4.2 (2.3)4.3 (2.0)4.3 (2.4)4.4 (2.0)−0.1 (–0.7 to 0.4)0.630\n";
        let (items, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            groups,
            ["Intervention group", "Control group"],
            "{:#?}",
            s.measures
        );
        assert!(
            s.measures.iter().all(|m| m
                .label
                .as_deref()
                .is_some_and(|l| l.starts_with("Functional"))),
            "{:#?}",
            s.measures
        );
        let six_minutes: Vec<(String, String, String)> = s
            .measures
            .iter()
            .filter(|m| {
                m.label
                    .as_deref()
                    .is_some_and(|l| l.contains("Dyspnoea post 6MWD"))
            })
            .flat_map(|m| crate::draft::structure::means_of(&items, &s, m))
            .collect();
        let want = [
            ("Intervention group", "Pre training", "5.4"),
            ("Intervention group", "Post training", "5.7"),
            ("Control group", "Pre training", "5.5"),
            ("Control group", "Post training", "5.4"),
        ]
        .map(|(g, t, v)| (g.to_string(), t.to_string(), v.to_string()));
        let mut got = six_minutes.clone();
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{:#?}", s.measures);
    }

    #[test]
    fn visits_over_n_and_mean_columns_give_each_mean_its_n_and_a_model_effect_column_no_group() {
        // Made-up values, as a journal prints visits over `n | mean ± SD` pairs with the
        // groups in rows and a model's estimate in a last column: each mean takes the n beside
        // it under its visit, and the estimate's column is no group.
        let text = "Table 2.\n\
                    Time of study visit | Fixed effect of randomization* | ||||||\n\
                    ---|---|---|---|---|---|---|---|\n\
                    Baseline | 3 mo | 6 mo | ||||\n\
                    n | mean ± SD | n | mean ± SD | n | mean ± SD | LSMean ± SE | |\n\
                    Score (points) | |||||||\n\
                    Placebo | 28 | 17.0 ± 9.2 | 27 | 17.7 ± 9.0 | 27 | 18.4 ± 10.4 | 17.7 ± 2.0 |\n\
                    Supplement | 30 | 18.2 ± 8.4 | 30 | 32.5 ± 13.6 | 26 | 29.2 ± 14.4 | 29.8 ± 1.9 |\n";
        let (items, s) = read_text(text);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Placebo", "Supplement"]);
        let m = &s.measures[0];
        assert_eq!(m.shape, Shape::Arms);
        let placed: Vec<(&str, &str, Option<&str>)> = m
            .cells
            .iter()
            .map(|c| {
                (
                    items[c.item].text.trim(),
                    c.time.as_deref().unwrap_or(""),
                    c.n.map(|k| items[k].text.trim()),
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("17.0 ± 9.2", "Baseline", Some("28")),
                ("17.7 ± 9.0", "3 mo", Some("27")),
                ("18.4 ± 10.4", "6 mo", Some("27")),
                ("18.2 ± 8.4", "Baseline", Some("30")),
                ("32.5 ± 13.6", "3 mo", Some("30")),
                ("29.2 ± 14.4", "6 mo", Some("26")),
            ]
        );
    }

    #[test]
    fn a_row_flush_with_its_sections_label_and_a_row_of_statements_end_the_section() {
        // Made-up values in a glued table: the section's rows indented by a space, then a
        // row printed flush with the section's label, then a row that only says what the
        // cells below print.
        let text = "Table 1.\n\nDrug (n = 60)Placebo (n = 60)\nCharacteristicMean ± SDMean ± SD\nBody composition\n BMI (kg/m2)29.1 ± 4.529.2 ± 4.3\n Total body fat (kg)30.9 ± 8.231.3 ± 8.6\nAlcohol intake (g/d)4.4 ± 5.95.0 ± 7.6\nMedian (IQR)Median (IQR)\nCRP (mg/L)1.9 (0.9–3.5)2.1 (1.0–4.2)\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let label_of = |value: &str| {
            s.measures
                .iter()
                .find(|m| {
                    m.cells
                        .iter()
                        .any(|c| items[c.item].text.starts_with(value))
                })
                .and_then(|m| m.label.clone())
                .unwrap_or_default()
        };
        assert!(label_of("29.1").contains("Body composition"), "{s:?}");
        assert!(!label_of("4.4").contains("Body composition"));
        assert!(label_of("4.4").contains("Alcohol intake (g/d)"));
        assert!(!label_of("1.9").contains("Median"));
    }

    #[test]
    fn each_cells_own_n_before_its_value_under_groups_and_a_difference_column() {
        // Made-up medians in the layout of a journal's table copied with single spaces: the
        // groups with their n's and a difference's column; each cell prints its own n before
        // its value (the row's patients are fewer than the column's). Each median is its
        // column's group's, with the n before it; the difference is no group's.
        let text = "Source: a journal's page\nTable 3.\nIntensive n=150 Standard care n=158 Difference*\nHospital discharge n=76/116 34 (8.0) n=76/113 34 (9.0) −1.0 (−4.2 to 2.2)\n3 months n=69/115 35 (10.8) n=69/109 34 (9.0) −1.4 (−5.9 to 3.0)\nICU stay (median (IQR) days)\nParticipants alive at ICU discharge n=124 13 (8–21) n=118 15 (8–23) 0.3 (−4.0 to 4.8)‡\n";
        let (items, s) = read_text(text);
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 1, "{:#?}", s.measures);
        let medians: Vec<(String, String, String)> = arms[0]
            .cells
            .iter()
            .map(|c| {
                (
                    s.groups[c.group.expect("a group")].label.clone(),
                    items[c.item].text.trim().to_string(),
                    c.n.map_or("-".into(), |j| items[j].text.clone()),
                )
            })
            .collect();
        assert_eq!(
            medians,
            [
                ("Intensive".into(), "13 (8–21)".into(), "n=124".into()),
                ("Standard care".into(), "15 (8–23)".into(), "n=118".into())
            ]
        );
    }

    #[test]
    fn groups_spanning_an_n_and_a_measure_copied_with_tabs_are_the_groups() {
        // Made-up values in the form a page's table copies with tabs: each group's name over
        // its n's column and its measure's (`n | Score` under each), the difference's and
        // p's columns after them. The groups are named by their names alone; each value has
        // its time and the n printed before it.
        let text = "Table 2 Score by group\n\tDrug group\t\tPlacebo group\t\tMean difference (95%CI)\tSignificance\n\tn\tScore\tn\tScore\nWeek 0\t29\t5.2 ± 2.0\t33\t5.5 ± 1.9\t-0.244 (-1.256 to 0.77)\t0.632\nWeek 4\t16\t3.6 ± 2.4\t23\t4.4 ± 3.2\t-0.823 (-2.678 to 1.020)\t0.37\n";
        let (items, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug group", "Placebo group"]);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let cells: Vec<(usize, String, String, String)> = s.measures[0]
            .cells
            .iter()
            .map(|c| {
                (
                    c.group.expect("a group"),
                    c.time.clone().unwrap_or_default(),
                    items[c.item].text.trim().to_string(),
                    c.n.map_or("-".into(), |j| items[j].text.clone()),
                )
            })
            .collect();
        assert!(
            cells.contains(&(1, "Week 4".into(), "4.4 ± 3.2".into(), "23".into())),
            "{cells:?}"
        );
        assert!(cells.contains(&(0, "Week 0".into(), "5.2 ± 2.0".into(), "29".into())));
        // Names repeated under each time are the groups (`Baseline` and `Week 8`, each over
        // `Drug | Placebo`).
        let text = "Table 2 Score\n\tBaseline\t\tWeek 8\t\n\tDrug\tPlacebo\tDrug\tPlacebo\nScore\t5.1 ± 1.0\t5.3 ± 1.1\t3.9 ± 1.2\t5.0 ± 1.0\n";
        let (_, s) = read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug", "Placebo"], "{s:#?}");
    }

    #[test]
    fn rows_under_a_stub_headed_group_are_the_arms_of_the_tables_measure() {
        // Made-up means: the stub's header names the groups, the columns the times, the
        // caption the measure; no section's label. One measure, each row an arm over time.
        let text = "Table 3 Anxiety scores (mean ± SD)\nGroup\tBaseline\t1 month\t3 months\nIntervention\t11.5 ± 4.3\t7.8 ± 3.3\t7.3 ± 3.2\nControl\t11.4 ± 3.9\t9.9 ± 4.2\t8.9 ± 4.3\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        assert_eq!(s.measures[0].shape, Shape::Arms);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Intervention", "Control"]);
        assert_eq!(s.measures[0].cells.len(), 6);
        // Under a stub naming no groups, rows of names no word calls a group stay measures.
        let text = text
            .replace("Group\t", "Scale\t")
            .replace("Intervention", "Anxiety")
            .replace("Control", "Depression");
        let (_, s) = read_text(&text);
        assert!(
            s.measures.iter().all(|m| m.shape != Shape::Arms),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_section_of_levels_ends_at_a_row_printing_a_mean() {
        // Made-up values: a characteristic's levels under its section's label (counts), then
        // a row of means that no indent sets apart: a measure of its own, not a level.
        let text = "Table 1 Baseline, n (%) or mean ± SD\nCharacteristic | Drug (n = 29) | Placebo (n = 33) |\nDisease extent | | |\nPancolitis | 7 (25.9) | 6 (20.7) |\nProctitis | 3 (11.1) | 2 (6.9) |\nHemoglobin (g/dL) | 12.1 ± 2.8 | 13.4 ± 1.7 |\nAlbumin (g/L) | 4.4 ± 0.5 | 4.5 ± 0.3 |\n";
        let (_, s) = read_text(text);
        let labels: Vec<Option<&str>> = s.measures.iter().map(|m| m.label.as_deref()).collect();
        assert_eq!(
            labels,
            [Some("Hemoglobin (g/dL)"), Some("Albumin (g/L)")],
            "{s:#?}"
        );
        // Rows of means under a section naming their measure stay the section's.
        let text = "Table 2\nOutcome | Drug (n = 29) | Placebo (n = 33) |\nPain score | | |\nWeek 4 | 3.1 ± 1.2 | 3.5 ± 1.1 |\nWeek 8 | 2.8 ± 1.0 | 3.4 ± 1.3 |\n";
        let (_, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{s:#?}");
        assert_eq!(s.measures[0].label.as_deref(), Some("Pain score"));
    }

    #[test]
    fn a_stays_moment_named_with_its_place_is_a_time_row_among_times() {
        // Made-up medians under a measure's heading whose rows are its times, the first the
        // moment of the stay named with its place (`Hospital discharge`): one measure of three
        // times for each group, not a measure of its own for the first row.
        let text = "Table 3.\nOutcome | Drug (n=50) | Placebo (n=50) |\nWalk test (median (IQR) in metres) | | |\nHospital discharge | 195 (120–260) | 173 (123–274) |\n3 months | 293 (124–444) | 255 (120–337) |\n6 months | 374 (203–435) | 321 (197–400) |\n";
        let (items, s) = read_text(text);
        assert_eq!(s.measures.len(), 1, "{:#?}", s.measures);
        let times: Vec<(String, String)> = s.measures[0]
            .cells
            .iter()
            .filter(|c| c.group == s.measures[0].cells[0].group)
            .map(|c| {
                (
                    c.time.clone().unwrap_or_default(),
                    items[c.item].text.trim().to_string(),
                )
            })
            .collect();
        assert_eq!(
            times,
            [
                ("Hospital discharge".into(), "195 (120–260)".into()),
                ("3 months".into(), "293 (124–444)".into()),
                ("6 months".into(), "374 (203–435)".into())
            ]
        );
    }

    #[test]
    fn a_time_course_table_of_the_whole_sample_takes_the_documents_n() {
        // Made-up values in a one-group study's table: the caption prints the sample's n, the
        // columns the times. A table of two arms' columns gives no value the document's n.
        let text = "Table 2.\nPre-post changes in outcomes (n=45).\nOutcome | Baseline, mean (SD) | 3-month follow-up, mean (SD) | P value |\nPain | 4.5 (2.1) | 4.8 (2.1) | .31 |\nFatigue | 5.5 (2.1) | 4.8 (2.1) | .02 |\n";
        let (items, s) = read_text(text);
        let ns: Vec<Option<&str>> = s
            .measures
            .iter()
            .flat_map(|m| m.cells.iter())
            .map(|c| c.n.map(|j| items[j].text.as_str()))
            .collect();
        assert_eq!(ns, [Some("n=45"); 4], "{s:?}");
        let text = "Table 2.\nOutcomes in all patients (n=45).\nOutcome | Drug (n = 23) | Placebo (n = 22) |\nPain | 4.5 (2.1) | 4.8 (2.1) |\n";
        let (items, s) = read_text(text);
        let ns: Vec<Option<&str>> = s
            .measures
            .iter()
            .flat_map(|m| m.cells.iter())
            .map(|c| c.n.map(|j| items[j].text.as_str()))
            .collect();
        assert_eq!(ns, [Some("n = 23"), Some("n = 22")], "{s:?}");
    }

    #[test]
    fn spreads_on_the_line_under_the_means_and_groups_under_each_time_without_the_stub() {
        // Made-up values in the layout a page's table copies: each time spans the groups'
        // abbreviations, printed again under every time with the stub's cell left out, a `P`
        // column after them; each mean's SD in brackets on a line of its own under it.
        let text = "Table 3. SF36 mean (SD) scores in the Control group (N = 27) and Intervention group (N = 26)\n| SF36 | Baseline | Month 12 | P |\n| C | I | C | I | |\n| Physical functioning | 68.06 | 72.42 | 68.79 | 71.58 | .088 |\n| (24.3) | (20.9) | (25.7) | (22.6) | |\n| Social functioning | 66.20 | 75.96 | 72.22 | 78.37 | .000 |\n| (26.4) | (26.4) | (25.6) | (22.0) | |\nC = control group; I = intervention group.\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let means: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                format!(
                    "{} ({})",
                    i.parts.mean.as_ref().map_or("", |p| p.original.as_str()),
                    i.parts.spread.as_ref().map_or("", |p| p.original.as_str())
                )
            })
            .collect();
        assert_eq!(
            means,
            [
                "68.06 (24.3)",
                "72.42 (20.9)",
                "68.79 (25.7)",
                "71.58 (22.6)",
                "66.20 (26.4)",
                "75.96 (26.4)",
                "72.22 (25.6)",
                "78.37 (22.0)"
            ]
        );
        let labels: Vec<&str> = s
            .measures
            .iter()
            .map(|m| m.label.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            labels,
            ["Physical functioning", "Social functioning"],
            "{s:?}"
        );
        let first = &s.measures[0];
        let placed: Vec<(String, &str)> = first
            .cells
            .iter()
            .map(|c| {
                (
                    s.groups[c.group.expect("a group")].label.clone(),
                    c.time.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            placed,
            [
                ("Control group".to_string(), "Baseline"),
                ("Intervention group".to_string(), "Baseline"),
                ("Control group".to_string(), "Month 12"),
                ("Intervention group".to_string(), "Month 12")
            ]
        );
        // A row of statistics' names repeated (`MD (95% CI) | Effect size`) is no row of
        // groups: it stands over the comparisons' columns at the right, as before.
        let text = "Variables | Drug (n = 36) | Placebo (n = 37) | Between-group comparisons | |||\n|---|---|---|---|---|---|---|\nMD (95% CI) | Effect size | MD (95% CI) | Effect size | |||\nHAMD-17, mean (SD) | −4.6 (0.8) | −9.6 (0.8) | −5.1 (−7.8 to −2.3) | −1.04 | −4.9 (−7.6 to −2.2) | −1.03 |\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Drug", "Placebo"], "{s:?}");
        assert!(
            s.measures.iter().any(|m| m.cells.len() == 2
                && m.cells.iter().all(|c| c.group.is_some())
                && items[m.cells[0].item].text.contains("4.6")),
            "{s:?}"
        );
    }

    #[test]
    fn groups_over_their_times_with_what_cells_print_then_statistics_past_them() {
        // Made-up values in a journal's pipe table: each group's name over its `Baseline M
        // (SD) | Post-intervention M (SD)`, then the changes and the test, which two cells
        // past the groups span without saying which each spans.
        let text = "Table 2 Scores before and after the programme.\nControl Group (n = 10) | Experimental Group (n = 8) | Δ (T1-T2) | Test statistics | ||||||\n|---|---|---|---|---|---|---|---|---|---|\nBaseline M (SD) | Post-intervention M (SD) | Baseline M (SD) | Post-intervention M (SD) | ΔCG M (SD) | ΔEG M (SD) | t (df) | p | d | |\nPain intensity | 4.27 (1.77) | 3.81 (1.51) | 4.22 (1.99) | 4.13 (1.09) | 0.46 (2.11) | 0.09 (1.48) | 0.412 (16) | 0.686 | 0.195 |\nPain interference | 3.05 (1.58) | 2.64 (1.72) | 3.96 (2.62) | 3.21 (2.30) | 0.41 (0.99) | 0.75 (1.53) | −0.563 (16) | 0.581 | −0.267 |\n";
        let (items, s) = crate::draft::structure::read_text(text);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Control Group", "Experimental Group"], "{s:?}");
        let m = s
            .measures
            .iter()
            .find(|m| {
                m.cells
                    .iter()
                    .any(|c| items[c.item].text.starts_with("4.27"))
            })
            .expect("the first row's measure");
        // Each group's baseline and post-intervention values; the changes, t and d are no
        // group's.
        assert_eq!(m.cells.len(), 4, "{m:?}");
        assert!(
            m.cells
                .iter()
                .all(|c| c.group.is_some() && c.time.is_some()),
            "{m:?}"
        );
        assert!(
            crate::draft::table::names_effect_size("d")
                && crate::draft::table::names_effect_size("Cohen's d")
        );
        assert!(crate::draft::table::names_test_statistic("t (df)"));
    }
}
