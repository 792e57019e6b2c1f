//! Tables whose rows are the groups and whose columns are the measures, the times printed as
//! section rows between the groups' rows: how many hospital and nursing trials print the
//! comparison of their groups before and after the intervention.
//!
//! ```text
//! | Group                      | Self-care skills | Self-responsibility |
//! | Before care                |                  |                     |
//! | Observation group (n = 48) | 33.56 ± 5.18     | 17.97 ± 4.43        |
//! | Control group (n = 48)     | 33.58 ± 4.21     | 18.95 ± 3.42        |
//! | t                          | −0.021           | −1.213              |
//! | P value                    | 0.983            | 0.228               |
//! | After care                 |                  |                     |
//! | Observation group (n = 48) | 46.79 ± 6.82     | 29.29 ± 6.06        |
//! …
//! ```
//!
//! No header cell says a column is a measure: the header names no group, no time and no
//! statistic over them, and the rows say they are the groups. The stub's header names them
//! (`Group`, `Groups`, `群`), or every row of values is named as a group (a group's noun, a
//! comparator, a dose). Rows naming a test's statistic (`t`, `χ2`, `F`, `Z`) or a p (`P`,
//! `P value`) under the groups' rows compare those groups, column by column. So each column is
//! one measure whose arms are the groups, each at every section's time, the p of the row under
//! the last time's groups its comparison (the outcome's; the baseline's p is left for review),
//! and the n each group's label prints (or its row prints under an `n` column) that group's n. A section row naming a time (`Before care`, `After treatment`,
//! `Baseline`) is the time of the rows under it; a section naming anything else (a subgroup, a
//! measure), or a row of values naming no group, means the table is not laid out so, and
//! nothing is read here: the reader of tables with group columns ([`super::table`]) keeps it.

use super::header_words::{
    Stat, header_time, names_a_group, names_row_groups, row_items, stat_of, without_ns,
};
use super::model::{Cell, Comparison, Measure, Shape, Structure, group_index};
use crate::draft::table::{Table, header_text, names_n};
use crate::draft::{Item, ItemKind, Sentences, cues};

/// What one body row of such a table is.
#[derive(Debug)]
enum RowKind {
    /// A row with no values naming the time of the rows under it.
    Section(String),
    /// A rule (`|---|---|`) or a row left empty: nothing.
    Rule,
    /// A group's values: the group (an index into the structure's groups), its n's item if
    /// printed, and each value with its column.
    Group {
        group: usize,
        n: Option<usize>,
        values: Vec<(usize, usize)>,
    },
    /// A row of p's (each with its column): the comparison of the groups above it.
    Ps(Vec<(usize, usize)>),
    /// A row of a test's statistics: nothing placed, the p's row under it compares.
    Statistics,
}

/// Does a row's label name a test's statistic, as a row under the groups prints it (`t`, `t
/// value`, `χ2`, `F`, `Z`, `t/χ2`)? Under groups' rows a lone letter names nothing else.
fn names_statistic_row(label: &str) -> bool {
    let l = label.trim().trim_end_matches(['*', '†', ':']).trim();
    crate::draft::table_row::statistic_named(l).is_some()
        || l.split(['/', '／']).all(|part| {
            matches!(
                part.trim(),
                "t" | "F" | "Z" | "U" | "H" | "χ2" | "χ²" | "x2"
            )
        })
}

/// Read a table whose rows are the groups and whose columns `1..` are measures (the header,
/// ending at body row `header_row`, names no group or time over them), where its rows say so.
/// `stub_names_groups`: the stub's header names the rows as groups (`Group`). Whether the table
/// was read.
pub(super) fn read_measure_columns(
    doc: &Sentences,
    items: &[Item],
    model: &Table,
    header_row: usize,
    stub_names_groups: bool,
    s: &mut Structure,
) -> bool {
    let original = doc.original;
    let groups_before = s.groups.len();
    let headers = model.column_headers();
    let column_names: Vec<String> = headers
        .iter()
        .map(|cells| header_text(original, cells))
        .collect();
    // The columns whose header names the n of each row's group (`n`, `Cases`, `例数`).
    let n_column = |c: usize| column_names.get(c).is_some_and(|h| names_n(h));
    let Some(kinds) = row_kinds(
        original,
        items,
        &model.rows[header_row + 1..],
        stub_names_groups,
        &n_column,
        s,
    ) else {
        return false;
    };
    if distinct_groups(&kinds) < 2 {
        s.groups.truncate(groups_before);
        return false;
    }
    let line = doc.plain.line_of(model.rows[header_row].line.start);
    let columns: Vec<(usize, String, Option<String>)> = column_names
        .iter()
        .enumerate()
        .skip(1)
        .map(|(c, name)| (c, name.clone(), None))
        .collect();
    let column_names = &columns;
    let measures_before = s.measures.len();
    let mut time = None;
    let mut block: Vec<&RowKind> = Vec::new();
    for kind in &kinds {
        match kind {
            RowKind::Section(t) => {
                push_block(items, (&block, &time), column_names, line, s);
                block.clear();
                time = Some(t.clone());
            }
            RowKind::Rule => {}
            // The rows of groups after a comparison's p's are another block at the same time.
            RowKind::Group { .. } if block.iter().any(|k| matches!(k, RowKind::Ps(_))) => {
                push_block(items, (&block, &time), column_names, line, s);
                block.clear();
                block.push(kind);
            }
            _ => block.push(kind),
        }
    }
    push_block(items, (&block, &time), column_names, line, s);
    merge_times(s, measures_before);
    true
}

/// One measure of each column's values at every time: the measures pushed since
/// `measures_before` that share a label, each the same groups at another time, are made one,
/// each group's times in order, as a grid of arms over times is (`report` then compares the
/// arms at the last time and their changes). The comparison kept is the last time's (the
/// outcome's); the earlier times' p's (the groups at baseline) are left unplaced, for review.
fn merge_times(s: &mut Structure, measures_before: usize) {
    let new: Vec<Measure> = s.measures.split_off(measures_before);
    let mut merged: Vec<Measure> = Vec::new();
    let groups_of =
        |m: &Measure| -> Vec<Option<usize>> { m.cells.iter().map(|c| c.group).collect() };
    for m in new {
        let same = merged.iter_mut().find(|o| {
            o.label == m.label
                && o.change == m.change
                && o.arms().iter().map(|(g, _)| *g).collect::<Vec<_>>() == groups_of(&m)
                && o.cells.iter().all(|c| c.time != m.cells[0].time)
        });
        let one_time = m
            .cells
            .iter()
            .all(|c| c.time == m.cells[0].time && c.time.is_some());
        match same {
            Some(o) if one_time => {
                // Each arm's cells stay together, its new time after its earlier ones.
                let arms = o.arms().len();
                let per_arm = o.cells.len() / arms;
                let mut cells = Vec::with_capacity(o.cells.len() + m.cells.len());
                for (k, new_cell) in m.cells.iter().enumerate() {
                    cells.extend(o.cells[k * per_arm..(k + 1) * per_arm].iter().cloned());
                    cells.push(new_cell.clone());
                }
                o.cells = cells;
                if m.comparison.p.is_some() || !o.comparison.is_empty() {
                    for j in o.comparison.items() {
                        s.placed[j] = false;
                    }
                    o.comparison = m.comparison.clone();
                }
                let time = m.cells[0].time.clone().unwrap_or_default();
                o.evidence.push(format!(
                    "the same column under `{time}`: its values at that time"
                ));
            }
            _ => merged.push(m),
        }
    }
    s.measures.extend(merged);
}

/// How many groups the rows name.
fn distinct_groups(kinds: &[RowKind]) -> usize {
    let mut distinct: Vec<usize> = kinds
        .iter()
        .filter_map(|k| match k {
            RowKind::Group { group, .. } => Some(*group),
            _ => None,
        })
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len()
}

/// Read a table of one measure whose rows are the groups and whose times a page's copy printed
/// one a line under the header (`GroupGSES`, then `Before intervention`, `After intervention`,
/// then `Control group (n = 30)21.27 ± 7.3328.47 ± 7.60`, a `t` and a `P value` row): the
/// header's first cell names the rows as groups (`Group`), its second the measure, and each
/// line of one time under it a column. The measure at each time is one arms measure, the p
/// in that column its comparison. Whether the table was read.
pub(super) fn read_times_a_line_each(
    doc: &Sentences,
    items: &[Item],
    model: &Table,
    s: &mut Structure,
) -> bool {
    let original = doc.original;
    let filled = |r: &crate::draft::table::Row| -> Vec<&str> {
        r.cells
            .iter()
            .map(|c| original[c.clone()].trim())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let Some(first) = model.rows.first() else {
        return false;
    };
    let [stub, measure] = filled(first)[..] else {
        return false;
    };
    if !names_row_groups(stub) || header_time(measure).is_some() {
        return false;
    }
    let mut times = Vec::new();
    let mut body = 1;
    while let Some(row) = model.rows.get(body) {
        match filled(row)[..] {
            [t] => match header_time(t) {
                Some(time) => times.push(time),
                None => break,
            },
            _ => break,
        }
        body += 1;
    }
    if times.len() < 2 {
        return false;
    }
    let groups_before = s.groups.len();
    let Some(kinds) = row_kinds(original, items, &model.rows[body..], true, &|_| false, s) else {
        return false;
    };

    let one_value_a_time = kinds.iter().all(|k| match k {
        RowKind::Group { values, .. } => values.len() == times.len(),
        RowKind::Section(_) => false,
        _ => true,
    });
    if !one_value_a_time || distinct_groups(&kinds) < 2 {
        s.groups.truncate(groups_before);
        return false;
    }
    let columns: Vec<(usize, String, Option<String>)> = times
        .into_iter()
        .enumerate()
        .map(|(k, t)| (k + 1, measure.to_string(), Some(t)))
        .collect();
    let line = doc.plain.line_of(first.line.start);
    let block: Vec<&RowKind> = kinds.iter().collect();
    let measures_before = s.measures.len();
    push_block(items, (&block, &None), &columns, line, s);
    merge_times(s, measures_before);
    true
}

/// What each body row is; `None` where a row fits no part of the layout, and the table is
/// then no such table. Groups named by the rows are added to the structure (undone when
/// `None` is returned).
fn row_kinds(
    original: &str,
    items: &[Item],
    body: &[crate::draft::table::Row],
    stub_names_groups: bool,
    n_column: &dyn Fn(usize) -> bool,
    s: &mut Structure,
) -> Option<Vec<RowKind>> {
    let groups_before = s.groups.len();
    let mut kinds = Vec::new();
    for row in body {
        let kind = row_kind(original, items, row, stub_names_groups, n_column, s);
        match kind {
            Some(k) => kinds.push(k),
            None => {
                s.groups.truncate(groups_before);
                return None;
            }
        }
    }
    Some(kinds)
}

/// Do a row's values, besides its n `n`, all count people of that n: shares whose counts
/// over it give their percentages, one at least above zero (`脳血管障害 | 121 | 4(3.3) |
/// 24(19.8)`: 4 of 121 is 3.3 %)? A row so printed is a group of people (a subgroup: a
/// cause, an age band, a site) however its label is worded, and the columns over its shares
/// are what happened to them. A row of measures printing an n of those measured prints
/// means or medians beside it, not counts of it.
fn shares_of_its_n(items: &[Item], values: &[(usize, usize)], n: usize) -> bool {
    let shares: Vec<usize> = values.iter().map(|&(j, _)| j).filter(|&j| j != n).collect();
    !shares.is_empty()
        && shares
            .iter()
            .all(|&j| super::share_wholes::a_count_of(items, j, n))
        && shares.iter().any(|&j| {
            items[j]
                .parts
                .count
                .as_ref()
                .is_some_and(|c| c.number.plain != "0")
        })
}

/// What one body row is (see [`row_kinds`]).
fn row_kind(
    original: &str,
    items: &[Item],
    row: &crate::draft::table::Row,
    stub_names_groups: bool,
    n_column: &dyn Fn(usize) -> bool,
    s: &mut Structure,
) -> Option<RowKind> {
    let label = row.cells.first().map_or("", |c| original[c.clone()].trim());
    let in_row: Vec<(usize, usize)> = row_items(items, row).collect();
    let values: Vec<(usize, usize)> = in_row.iter().copied().filter(|&(_, c)| c >= 1).collect();
    // A test's statistics, read or not (glued cells may leave them unread).
    if names_statistic_row(label) {
        return Some(RowKind::Statistics);
    }
    if values.is_empty() {
        if label
            .chars()
            .all(|c| matches!(c, '-' | ':' | '—' | '–' | ' '))
        {
            return Some(RowKind::Rule);
        }
        // A group's name printed alone, or with its n, over nothing: not this layout.
        return header_time(label).map(RowKind::Section);
    }
    if stat_of(label) == Some(Stat::P) {
        let ps: Vec<(usize, usize)> = values
            .iter()
            .copied()
            .filter(|&(j, _)| items[j].kind == ItemKind::P)
            .map(|(j, c)| (c, j))
            .collect();
        return Some(RowKind::Ps(ps));
    }
    let name = without_ns(label);
    let n = in_row
        .iter()
        .find(|&&(j, c)| items[j].kind == ItemKind::N && (c == 0 || n_column(c)))
        .map(|&(j, _)| j);
    let names_group = !name.is_empty()
        && header_time(&name).is_none()
        && !cues::change_words(&name)
        && (stub_names_groups
            || names_a_group(&name)
            || n.is_some_and(|n| shares_of_its_n(items, &values, n)));
    if !names_group {
        return None;
    }
    let values: Vec<(usize, usize)> = values
        .into_iter()
        .filter(|&(j, c)| Some(j) != n && !n_column(c))
        .map(|(j, c)| (c, j))
        .collect();
    let group = group_index(s, &name, &cues::group_key(&name));
    if s.groups[group].n.is_none() {
        s.groups[group].n = n;
    }
    Some(RowKind::Group { group, n, values })
}

/// The measures of one block of rows (the groups' rows of one section, and the p's under
/// them): one per column in which two groups or more print a value.
fn push_block(
    items: &[Item],
    (block, block_time): (&[&RowKind], &Option<String>),
    columns: &[(usize, String, Option<String>)],
    line: usize,
    s: &mut Structure,
) {
    for (c, name, column_time) in columns {
        let (c, time) = (*c, column_time.as_ref().or(block_time.as_ref()).cloned());
        let time = &time;
        let mut cells = Vec::new();
        for kind in block {
            let RowKind::Group { group, n, values } = kind else {
                continue;
            };
            let Some(&(_, j)) = values.iter().find(|&&(vc, _)| vc == c) else {
                continue;
            };
            cells.push(Cell {
                item: j,
                group: Some(*group),
                time: time.clone(),
                n: *n,
                n_evidence: n.map(|_| "printed with the group's row".to_string()),
                whole: None,
            });
        }
        let kinds: Vec<ItemKind> = cells.iter().map(|cell| items[cell.item].kind).collect();
        let summaries = kinds.iter().all(|&k| k.is_summary());
        let shares = kinds
            .iter()
            .all(|&k| matches!(k, ItemKind::Percent | ItemKind::CountOf));
        if cells.len() < 2 || !(summaries || shares) {
            continue;
        }
        // A row printing two p's in one column was split other than its values were (cells
        // glued as `0.7870.044`): none of its p's is placed.
        let p = block.iter().find_map(|kind| match kind {
            RowKind::Ps(ps) if ps.iter().filter(|&&(pc, _)| pc == c).count() == 1 => {
                ps.iter().find(|&&(pc, _)| pc == c).map(|&(_, j)| j)
            }
            _ => None,
        });
        for j in cells
            .iter()
            .map(|cell| cell.item)
            .chain(cells.iter().filter_map(|cell| cell.n))
            .chain(p)
        {
            s.placed[j] = true;
        }
        let evidence = format!(
            "a table whose rows are the groups and whose columns are measures (header line {line}): the column `{name}`{}, each group's row its arm{}",
            time.as_ref()
                .map(|t| format!(" under the section `{t}`"))
                .unwrap_or_default(),
            if p.is_some() {
                ", the p's row under them their comparison"
            } else {
                ""
            }
        );
        let measure = Measure {
            label: Some(name.clone()),
            comparison: Comparison {
                p,
                ..Comparison::default()
            },
            ..Measure::new(Shape::Arms, items[cells[0].item].sentence, cells, evidence)
        };
        if summaries {
            s.measures.push(measure);
        } else {
            s.shares.push(measure);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::draft::structure::{Shape, read_structure};
    use crate::draft::{Sentences, read_document};

    /// Made-up values in the layout: groups as rows with their n, two measures as columns,
    /// a time as each section, a `t` row and a `P value` row under each section's groups.
    const TABLE: &str = "Table 2. Scores of the 2 groups.\n\
        | Group | Pain score | Sleep score |\n\
        |---|---|---|\n\
        | Before treatment | | |\n\
        | Study group (n = 40) | 6.10 ± 1.20 | 12.4 ± 3.1 |\n\
        | Control group (n = 41) | 6.00 ± 1.30 | 12.9 ± 2.8 |\n\
        | t | 0.36 | −0.77 |\n\
        | P value | 0.72 | 0.44 |\n\
        | After treatment | | |\n\
        | Study group (n = 40) | 3.20 ± 1.10 | 8.1 ± 2.2 |\n\
        | Control group (n = 41) | 4.50 ± 1.40 | 10.6 ± 2.5 |\n\
        | t | −4.65 | −4.77 |\n\
        | P value | <.001 | .003 |\n";

    #[test]
    fn groups_as_rows_under_sections_of_times_make_one_measure_per_column() {
        let doc = Sentences::new(TABLE);
        let items = read_document(&doc);
        let s = read_structure(&doc, &items);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Study group", "Control group"]);
        assert!(s.groups[1].control);
        let n = |g: usize| items[s.groups[g].n.expect("an n")].text.clone();
        assert_eq!((n(0), n(1)), ("n = 40".to_string(), "n = 41".to_string()));
        // Two columns: two measures, each group at both sections' times (arm by arm), the
        // last time's p the comparison; the baseline p is left for review.
        // Each measure: its label, its cells (value, group, time), its comparison's p.
        type Read = (String, Vec<(String, Option<usize>, String)>, String);
        let read: Vec<Read> = s
            .measures
            .iter()
            .map(|m| {
                (
                    m.label.clone().unwrap_or_default(),
                    m.cells
                        .iter()
                        .map(|c| {
                            (
                                items[c.item].text.clone(),
                                c.group,
                                c.time.clone().unwrap_or_default(),
                            )
                        })
                        .collect(),
                    m.comparison
                        .p
                        .map(|j| items[j].text.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        let cell = |v: &str, g: usize, t: &str| (v.to_string(), Some(g), t.to_string());
        let (before, after) = ("Before treatment", "After treatment");
        let want = [
            (
                "Pain score".to_string(),
                vec![
                    cell("6.10 ± 1.20", 0, before),
                    cell("3.20 ± 1.10", 0, after),
                    cell("6.00 ± 1.30", 1, before),
                    cell("4.50 ± 1.40", 1, after),
                ],
                "<.001".to_string(),
            ),
            (
                "Sleep score".to_string(),
                vec![
                    cell("12.4 ± 3.1", 0, before),
                    cell("8.1 ± 2.2", 0, after),
                    cell("12.9 ± 2.8", 1, before),
                    cell("10.6 ± 2.5", 1, after),
                ],
                ".003".to_string(),
            ),
        ];
        assert_eq!(read, want);
        assert!(s.measures.iter().all(|m| m.shape == Shape::Arms));
        let baseline_p = items.iter().position(|i| i.text == "0.72").expect("the p");
        assert!(!s.placed[baseline_p]);
    }

    #[test]
    fn a_pages_table_of_one_measure_with_its_times_a_line_each_and_cells_glued() {
        // Made-up values as a journal page's table is copied: the stub's name glued to the
        // measure's, each time on a line of its own, each row's cells glued together.
        let text = "Table 2 Comparison of the pain score, mean ± SD\n\
            GroupVAS\n\
            Before intervention\n\
            After intervention\n\
            Control group (n = 40)6.21 ± 1.335.47 ± 1.60\n\
            Study group (n = 41)6.13 ± 1.053.87 ± 1.16\n\
            t0.3115.124\n\
            P value0.757< 0.001\n";
        let doc = Sentences::new(text);
        let items = read_document(&doc);
        let s = read_structure(&doc, &items);
        let read: Vec<(String, Vec<(String, String)>)> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .map(|m| {
                (
                    m.label.clone().unwrap_or_default(),
                    m.cells
                        .iter()
                        .map(|c| {
                            (
                                items[c.item].text.clone(),
                                c.time.clone().unwrap_or_default(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        let cell = |v: &str, t: &str| (v.to_string(), t.to_string());
        let (before, after) = ("Before intervention", "After intervention");
        assert_eq!(
            read,
            [(
                "VAS".to_string(),
                vec![
                    cell("6.21 ± 1.33", before),
                    cell("5.47 ± 1.60", after),
                    cell("6.13 ± 1.05", before),
                    cell("3.87 ± 1.16", after),
                ]
            )]
        );
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["Control group", "Study group"]);
        assert!(s.groups[0].control);
    }

    #[test]
    fn rows_printing_their_n_and_counts_of_it_are_subgroups_whatever_their_names() {
        // Made-up counts: each row a cause of the disease with its n, then counts (%) of it
        // under the columns of outcomes (3 of 60 is 5.0 %, 12 of 80 is 15.0 %).
        let table = "改善度 原因 | 例数 | 著明改善 | 改善以上 |\n\
            | 脳卒中 | 60 | 3(5.0) | 30(50.0) |\n\
            | 脊髄損傷 | 80 | 12(15.0) | 44(55.0) |\n\
            | 外傷 | 40 | 0(0) | 18(45.0) |\n";
        let doc = Sentences::new(table);
        let items = read_document(&doc);
        let s = read_structure(&doc, &items);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["脳卒中", "脊髄損傷", "外傷"]);
        let columns: Vec<(String, Vec<String>)> = s
            .shares
            .iter()
            .map(|m| {
                (
                    m.label.clone().unwrap_or_default(),
                    m.cells.iter().map(|c| items[c.item].text.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            columns,
            [
                (
                    "著明改善".to_string(),
                    vec!["3(5.0)".into(), "12(15.0)".into(), "0(0)".into()]
                ),
                (
                    "改善以上".to_string(),
                    vec!["30(50.0)".into(), "44(55.0)".into(), "18(45.0)".into()]
                ),
            ]
        );
        // A count its row's n does not give (3 of 60 is 5.0 %, not 6.0 %): the row may be a
        // measure's, and the table is left to the other readers.
        let misfit = table.replace("3(5.0)", "3(6.0)");
        let doc = Sentences::new(&misfit);
        let items = read_document(&doc);
        let s = read_structure(&doc, &items);
        assert!(
            !s.shares
                .iter()
                .any(|m| m.evidence[0].contains("columns are measures"))
        );
    }

    #[test]
    fn a_row_naming_no_group_or_a_section_naming_no_time_leaves_the_table_to_the_other_readers() {
        // A row of values named as a measure (`Age`) is no group's row (the stub's header
        // left empty: nothing but the rows' names says they are groups).
        let measure_row = TABLE
            .replace("| Group |", "| |")
            .replace("| Control group (n = 41) | 6.00", "| Age (years) | 6.00");
        let doc = Sentences::new(&measure_row);
        let items = read_document(&doc);
        let s = read_structure(&doc, &items);
        assert!(
            !s.measures
                .iter()
                .any(|m| m.evidence[0].contains("columns are measures"))
        );
        // A section naming a subgroup, not a time.
        let subgroup = TABLE.replace("| Before treatment |", "| Women |");
        let doc = Sentences::new(&subgroup);
        let items = read_document(&doc);
        let s = read_structure(&doc, &items);
        assert!(
            !s.measures
                .iter()
                .any(|m| m.evidence[0].contains("columns are measures"))
        );
    }
}
