//! Tables whose columns are each group's time points, printed as lines that no table model
//! takes: a line naming the groups over a line naming the same times once for each group, and
//! then one row per measure, its label and its values.
//!
//! ```text
//! LI group HI group
//! Baseline 2 months 6 months Baseline 2 months 6 months
//!  Fasting glucose (mmol/l) 9.8 ± 0.6 9.6 ± 0.6 9.7 ± 0.6 9.7 ± 0.4 9.4 ± 0.4 9.2 ± 0.4
//!  HbA1c (%) 7.4 ± 0.3 7.3 ± 0.3 7.2 ± 0.3 7.1 ± 0.2 6.9 ± 0.2 6.6 ± 0.18 <0.01
//! ```
//!
//! The layout decides: the times line repeats one sequence of times (`Baseline, 2 months, 6
//! months`) exactly as many times as the line above names groups, so each group spans its
//! block of times, as a two-level header prints it. A row printing as many values as there are
//! columns, with only numbers between them, is one measure, every group at every time, read in
//! the header's order (a p after them is no column's). A row printing another number of values
//! is left open, as is a table whose group line cannot be split into as many names as the times
//! repeat.
//!
//! With no line of times, the columns are the groups themselves: a run of rows printing the
//! same number of values, under a header (or a caption) that names as many groups, one of
//! them a comparator (`N INTERVENTION CONTROL p-value`; `… in the intervention and control
//! groups`), or each closed by a group noun or its n. Each row is then one measure, each group
//! once. A comparator among the names is what says the columns are arms, not statistics.

use super::model::{Cell, Measure, Shape, Structure, group_index, without_stub_name};
use super::row_groups::{between_rows, lines, summaries_by_line, unglued};
use crate::draft::{Item, ItemKind, Sentences, cues};
use regex::Regex;
use std::sync::OnceLock;

/// The times of `line` when they are one sequence of `m ≥ 2` distinct times printed `r ≥ 2`
/// times over: the sequence (as printed the first time) and `r`.
fn repeated_times(line: &str) -> Option<(Vec<String>, usize)> {
    let found = cues::times(&unglued(line));
    let keys: Vec<String> = found.iter().map(|p| cues::time_key(&p.text)).collect();
    let m = keys.iter().skip(1).position(|k| *k == keys[0])? + 1;
    let mut first: Vec<&String> = keys[..m].iter().collect();
    first.sort();
    first.dedup();
    let repeats = keys.len() / m;
    (m >= 2
        && first.len() == m
        && repeats >= 2
        && keys.len() == m * repeats
        && keys.iter().enumerate().all(|(i, k)| *k == keys[i % m]))
    .then(|| (found[..m].iter().map(|p| p.text.clone()).collect(), repeats))
}

/// The `r` groups a header line names, in order: each name ending in a group noun (`LI group
/// HI group`), or closed by its n (`Placebo (n = 30) Drug (n = 31)`); `None` unless exactly
/// `r` names are found and nothing is left over.
fn group_names(line: &str, r: usize) -> Option<Vec<String>> {
    static NOUN: OnceLock<Regex> = OnceLock::new();
    static WITH_N: OnceLock<Regex> = OnceLock::new();
    let noun = NOUN.get_or_init(|| {
        Regex::new(r"(?i)\s*(.+?\b(?:group|arm|cohort)\b(?:\s*[(（]\s*n\s*=\s*\d+\s*[)）])?)")
            .expect("a valid pattern")
    });
    let with_n = WITH_N.get_or_init(|| {
        Regex::new(r"(?i)\s*(.+?[(（]\s*n\s*=\s*\d+\s*[)）])").expect("a valid pattern")
    });
    let line = line.trim();
    [noun, with_n].into_iter().find_map(|p| {
        let mut names: Vec<String> = p
            .captures_iter(line)
            .map(|c| c[1].trim().to_string())
            .collect();
        // The stub's own name before the first group (`Outcome Placebo (n = 30) …`) is no part
        // of it.
        if let Some(first) = names.first_mut() {
            *first = without_stub_name(first).to_string();
        }
        let covered: usize = p.find_iter(line).map(|m| m.len()).sum();
        (names.len() == r
            && covered == line.len()
            && names
                .iter()
                .all(|n| !cues::is_whole(n, cues::times) && n.chars().any(char::is_alphabetic)))
        .then_some(names)
    })
}

/// The `c` groups a one-level header or caption names, in order: as [`group_names`] splits
/// them, or coordinated in a caption (`in the intervention and control groups`), or as the
/// line's words once the stub's and the statistics' names are left out (`N INTERVENTION
/// CONTROL p-value`); for the last two, one name must be a comparator.
fn column_groups(line: &str, c: usize) -> Option<Vec<String>> {
    if let Some(names) = group_names(line, c) {
        return Some(names);
    }
    let with_control = |names: Vec<String>| {
        (names.len() == c && names.iter().any(|n| cues::is_control(n))).then_some(names)
    };
    let listed = cues::coordinated_groups(line)
        .into_iter()
        .map(|l| l.into_iter().map(|p| p.text).collect::<Vec<_>>())
        .find_map(with_control);
    listed.or_else(|| {
        let words: Vec<String> = line
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    w.to_lowercase().trim_end_matches([':', '.']),
                    "n" | "p"
                        | "p-value"
                        | "p-values"
                        | "value"
                        | "values"
                        | "variable"
                        | "variables"
                        | "characteristic"
                        | "characteristics"
                        | "outcome"
                        | "outcomes"
                        | "measure"
                        | "measures"
                        | "total"
                        | "mean"
                        | "sd"
                )
            })
            .map(str::to_string)
            .collect();
        let names_only = words
            .iter()
            .all(|w| w.chars().all(|ch| ch.is_alphabetic() || ch == '-'));
        names_only.then_some(words).and_then(with_control)
    })
}

/// Reads the tables of `doc` whose columns are each group's times (the module doc) among the
/// lines no table model takes (`in_table`) and the items no other reader took (`taken`), into
/// `s`; returns the items it placed.
pub(super) fn read_grid_columns(
    doc: &Sentences,
    items: &[Item],
    in_table: impl Fn(usize) -> bool,
    taken: &[bool],
    s: &mut Structure,
) -> Vec<usize> {
    let text = doc.original;
    let ranges = lines(text);
    let by_line = summaries_by_line(&ranges, items, |i| !in_table(items[i].span[0]) && !taken[i]);
    let mut placed = Vec::new();
    for h in 1..ranges.len() {
        let header = &text[ranges[h].clone()];
        if !by_line[h].is_empty() || !between_rows(header) {
            continue;
        }
        let Some((times, r)) = repeated_times(header) else {
            continue;
        };
        let Some(above) = (0..h)
            .rev()
            .map(|l| text[ranges[l].clone()].trim())
            .find(|t| !t.is_empty())
        else {
            continue;
        };
        let Some(names) = group_names(above, r) else {
            continue;
        };
        let evidence = format!(
            "the table's header names the groups ({}) over each group's times ({}, line {}): its columns are each group's time points",
            names.join(", "),
            times.join(", "),
            h + 1
        );
        let groups: Vec<usize> = names
            .iter()
            .map(|n| group_index(s, n, &cues::group_key(n)))
            .collect();
        for row in h + 1..ranges.len() {
            let line = &text[ranges[row].clone()];
            let summaries = &by_line[row];
            if summaries.is_empty() {
                if between_rows(line) {
                    continue;
                }
                break;
            }
            if summaries.len() != times.len() * r || !gaps_clear(text, items, summaries) {
                continue;
            }
            let label = text
                .get(ranges[row].start..items[summaries[0]].span[0])
                .unwrap_or("")
                .trim();
            let cells: Vec<Cell> = summaries
                .iter()
                .enumerate()
                .map(|(k, &item)| Cell {
                    item,
                    group: Some(groups[k / times.len()]),
                    time: Some(times[k % times.len()].clone()),
                    n: None,
                    n_evidence: None,
                })
                .collect();
            placed.extend(push_row(s, items, row, label, cells, &evidence));
        }
    }
    let mut done = vec![false; items.len()];
    for &i in &placed {
        done[i] = true;
    }
    let left: Vec<Vec<usize>> = by_line
        .into_iter()
        .map(|l| l.into_iter().filter(|&i| !done[i]).collect())
        .collect();
    placed.extend(read_group_columns(text, &ranges, &left, items, s));
    placed
}

/// Each column's n with where it comes from: the header's, where it prints one for each
/// group in order (`Placebo (n = 30) Drug (n = 31)`), else the group's, where the text states
/// it (`the placebo group (n = 104)`).
fn column_ns(
    items: &[Item],
    header: &std::ops::Range<usize>,
    header_line: usize,
    groups: &[usize],
    s: &Structure,
) -> Vec<Option<(usize, String)>> {
    let printed: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            i.kind == ItemKind::N && i.span[0] >= header.start && i.span[1] <= header.end
        })
        .map(|(j, _)| j)
        .collect();
    groups
        .iter()
        .enumerate()
        .map(|(k, &g)| {
            if printed.len() == groups.len() {
                Some((
                    printed[k],
                    format!("the column's n in the header (line {})", header_line + 1),
                ))
            } else {
                s.groups[g].n.map(|j| (j, "the group's n".to_string()))
            }
        })
        .collect()
}

/// One row of a grid as its measure of arms: `cells` placed, the row's `label` (at `line`)
/// naming it and what ± is where it says so. Returns the items placed.
fn push_row(
    s: &mut Structure,
    items: &[Item],
    line: usize,
    label: &str,
    cells: Vec<Cell>,
    evidence: &str,
) -> Vec<usize> {
    let placed: Vec<usize> = cells.iter().map(|c| c.item).collect();
    for &item in &placed {
        s.placed[item] = true;
    }
    s.measures.push(Measure {
        label: (!label.is_empty()).then(|| label.to_string()),
        change: cues::change_words(label),
        spread_label: cues::spread_kind(label)
            .map(|k| (k, format!("the row's label says so (line {})", line + 1))),
        ..Measure::new(
            Shape::Arms,
            items[placed[0]].sentence,
            cells,
            evidence.to_string(),
        )
    });
    placed
}

/// Only numbers and signs between a row's summaries, in document order.
fn gaps_clear(text: &str, items: &[Item], summaries: &[usize]) -> bool {
    summaries.windows(2).all(|w| {
        text.get(items[w[0]].span[1]..items[w[1]].span[0])
            .is_some_and(|gap| !gap.chars().any(char::is_alphabetic))
    })
}

/// The one-level form (the module doc): runs of rows printing the same number of values under
/// a header or caption naming as many groups.
fn read_group_columns(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    by_line: &[Vec<usize>],
    items: &[Item],
    s: &mut Structure,
) -> Vec<usize> {
    let mut placed = Vec::new();
    let mut line = 0;
    while line < ranges.len() {
        let c = by_line[line].len();
        if c < 2 || !gaps_clear(text, items, &by_line[line]) {
            line += 1;
            continue;
        }
        // The header: the nearest line above naming c groups, over section labels only.
        let header = (line.saturating_sub(6)..line)
            .rev()
            .take_while(|&l| by_line[l].is_empty() && between_rows(&text[ranges[l].clone()]))
            .find_map(|l| column_groups(text[ranges[l].clone()].trim(), c).map(|n| (l, n)));
        let Some((header_line, names)) = header else {
            line += 1;
            continue;
        };
        let groups: Vec<usize> = names
            .iter()
            .map(|n| group_index(s, n, &cues::group_key(n)))
            .collect();
        let evidence = format!(
            "the table's header (line {}) names its columns as the groups ({}), and the rows print one value under each",
            header_line + 1,
            names.join(", ")
        );
        let ns = column_ns(items, &ranges[header_line], header_line, &groups, s);
        // The run: rows of c values, with section labels between them.
        while line < ranges.len() {
            let summaries = &by_line[line];
            if summaries.is_empty() {
                if !between_rows(&text[ranges[line].clone()]) {
                    break;
                }
                line += 1;
                continue;
            }
            // A row printing another number of values (a glued cell misread) is left open.
            if summaries.len() != c || !gaps_clear(text, items, summaries) {
                line += 1;
                continue;
            }
            let label = text
                .get(ranges[line].start..items[summaries[0]].span[0])
                .unwrap_or("")
                .trim();
            let cells = summaries
                .iter()
                .zip(&groups)
                .enumerate()
                .map(|(k, (&item, &g))| Cell {
                    item,
                    group: Some(g),
                    time: None,
                    n: ns[k].as_ref().map(|(j, _)| *j),
                    n_evidence: ns[k].as_ref().map(|(_, why)| why.clone()),
                })
                .collect();
            placed.extend(push_row(s, items, line, label, cells, &evidence));
            line += 1;
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::super::{Shape, means_of, read_text};
    use super::{group_names, repeated_times};

    #[test]
    fn a_header_of_groups_over_their_times_makes_each_row_arms_at_those_times() {
        let text = "Table 2. The clinical benefits of exercise\n\nVariable Assessment Effect of training (p value)\nLI group HI group\nBaseline 2 months 6 months Baseline 2 months 6 months\nGlycaemic control\n Fasting glucose (mmol/l) 9.8 ± 0.6 9.6 ± 0.6 9.7 ± 0.6 9.7 ± 0.4 9.4 ± 0.4 9.2 ± 0.4\n HbA1c (%) 7.4 ± 0.3 7.3 ± 0.3 7.2 ± 0.3 7.1 ± 0.2 6.9 ± 0.2 6.6 ± 0.18 <0.01\n";
        let (items, s) = read_text(text);
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        let cells = means_of(&items, &s, arms[1]);
        let want = [
            ("LI group", "Baseline", "7.4"),
            ("LI group", "2 months", "7.3"),
            ("LI group", "6 months", "7.2"),
            ("HI group", "Baseline", "7.1"),
            ("HI group", "2 months", "6.9"),
            ("HI group", "6 months", "6.6"),
        ];
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(g, t, v)| (g.to_string(), t.to_string(), v.to_string()))
            .collect();
        assert_eq!(cells, want);
        assert_eq!(arms[1].label.as_deref(), Some("HbA1c (%)"));
    }

    #[test]
    fn the_times_must_repeat_once_per_named_group() {
        assert_eq!(
            repeated_times("Baseline 2 months 6 months Baseline 2 months 6 months"),
            Some((
                vec![
                    "Baseline".to_string(),
                    "2 months".to_string(),
                    "6 months".to_string()
                ],
                2
            ))
        );
        // Times printed once, or a sequence not repeated whole: no grid.
        assert_eq!(repeated_times("Baseline Week 12 Week 24"), None);
        assert_eq!(repeated_times("Baseline Week 12 Baseline"), None);
        assert_eq!(
            group_names("Placebo (n = 30) Drug (n = 31)", 2),
            Some(vec![
                "Placebo (n = 30)".to_string(),
                "Drug (n = 31)".to_string()
            ])
        );
        assert_eq!(
            group_names("LI group HI group", 2),
            Some(vec!["LI group".to_string(), "HI group".to_string()])
        );
        // Names that do not split into as many groups as the times repeat: none.
        assert_eq!(group_names("LI group HI group", 3), None);
        assert_eq!(group_names("Outcome measures by visit", 2), None);
    }

    #[test]
    fn a_header_naming_the_groups_one_a_comparator_makes_each_row_arms() {
        let groups_of = |text: &str| {
            let (items, s) = read_text(text);
            s.measures
                .iter()
                .filter(|m| m.shape == Shape::Arms)
                .map(|m| {
                    m.cells
                        .iter()
                        .map(|c| {
                            let n = c.n.map_or("-".to_string(), |j| {
                                items[j].parts.value.as_ref().unwrap().number.plain.clone()
                            });
                            (s.groups[c.group.unwrap()].key.clone(), n)
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        // Arm names in capitals between the stub's n and the p's column.
        let arms = groups_of(
            "N INTERVENTION CONTROL p-value\nAverage SBP Study Start 140.0 (15.7) 139.8 (16.3)\nAverage SBP Study End 130.2 (11.4) 133.9 (16.9)\n",
        );
        assert_eq!(arms.len(), 2, "{arms:?}");
        assert_eq!(
            arms[0],
            [
                ("intervention".to_string(), "-".to_string()),
                ("control".to_string(), "-".to_string())
            ]
        );
        // A caption naming the groups over glued rows; a misread row is left open, the rows
        // after it still read.
        let arms = groups_of(
            "Baseline characteristics of participants in the intervention and control groups\n\nAge (years)55.8 ± 7.255.0 ± 6.9\nSmokers (%)811\nSystolic blood pressure (mmHg)140 ± 18136 ± 18\nBMI (kg/m2)31.3 ± 4.531.2 ± 4.6\n",
        );
        assert_eq!(arms.len(), 2, "{arms:?}");
        assert_eq!(arms[1][1].0, "control");
        // Each group's n from the header; the stub's name before the first group is no part
        // of it.
        let arms = groups_of("Outcome Placebo (n = 30) Drug (n = 31)\nHbA1c 7.4 ± 0.3 6.9 ± 0.4\n");
        assert_eq!(
            arms,
            [vec![
                ("placebo".to_string(), "30".to_string()),
                ("drug".to_string(), "31".to_string())
            ]]
        );
        // Two columns that are no groups (times, statistics): not read as arms.
        assert!(
            groups_of("Before After\nHbA1c 7.4 ± 0.3 6.9 ± 0.4\nWeight 80.1 ± 9.0 79.2 ± 8.8\n")
                .is_empty()
        );
        assert!(groups_of("Mean SD\nHbA1c 7.4 ± 0.3 6.9 ± 0.4\n").is_empty());
    }

    #[test]
    fn a_row_printing_another_number_of_values_is_left_open() {
        let text = "Drug group Placebo group\nBaseline Week 12 Baseline Week 12\nHbA1c 7.4 ± 0.3 7.3 ± 0.3 7.2 ± 0.3\n";
        let (_, s) = read_text(text);
        assert!(!s.measures.iter().any(|m| m.shape == Shape::Arms));
    }
}
