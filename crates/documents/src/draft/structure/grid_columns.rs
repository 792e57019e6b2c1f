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

use super::model::{Cell, Comparison, Measure, Shape, Structure, group_index};
use super::row_groups::{between_rows, lines, summaries_by_line, unglued};
use crate::draft::{Item, Sentences, cues};
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
        let names: Vec<String> = p
            .captures_iter(line)
            .map(|c| c[1].trim().to_string())
            .collect();
        let covered: usize = p.find_iter(line).map(|m| m.len()).sum();
        (names.len() == r
            && covered == line.len()
            && names
                .iter()
                .all(|n| !cues::is_whole(n, cues::times) && n.chars().any(char::is_alphabetic)))
        .then_some(names)
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
            let gaps_clear = summaries.windows(2).all(|w| {
                text.get(items[w[0]].span[1]..items[w[1]].span[0])
                    .is_some_and(|gap| !gap.chars().any(char::is_alphabetic))
            });
            if summaries.len() != times.len() * r || !gaps_clear {
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
            for &item in summaries {
                s.placed[item] = true;
                placed.push(item);
            }
            s.measures.push(Measure {
                label: (!label.is_empty()).then(|| label.to_string()),
                change: cues::change_words(label),
                shape: Shape::Arms,
                sentence: items[summaries[0]].sentence,
                cells,
                comparison: Comparison::default(),
                evidence: vec![evidence.clone()],
                review: Vec::new(),
                spread_label: cues::spread_kind(label)
                    .map(|k| (k, format!("the row's label says so (line {})", row + 1))),
                negated: None,
            });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::super::{Shape, read_text};
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
        let cells: Vec<(String, String, String)> = arms[1]
            .cells
            .iter()
            .map(|c| {
                (
                    s.groups[c.group.unwrap()].label.clone(),
                    c.time.clone().unwrap(),
                    items[c.item]
                        .parts
                        .mean
                        .as_ref()
                        .unwrap()
                        .number
                        .plain
                        .clone(),
                )
            })
            .collect();
        let want = [
            ("LI group", "Baseline", "7.4"),
            ("LI group", "2 months", "7.3"),
            ("LI group", "6 months", "7.2"),
            ("HI group", "Baseline", "7.1"),
            ("HI group", "2 months", "6.9"),
            ("HI group", "6 months", "6.6"),
        ];
        assert_eq!(cells.len(), want.len());
        for (got, want) in cells.iter().zip(want) {
            assert_eq!((got.0.as_str(), got.1.as_str(), got.2.as_str()), want);
        }
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
    fn a_row_printing_another_number_of_values_is_left_open() {
        let text = "Drug group Placebo group\nBaseline Week 12 Baseline Week 12\nHbA1c 7.4 ± 0.3 7.3 ± 0.3 7.2 ± 0.3\n";
        let (_, s) = read_text(text);
        assert!(!s.measures.iter().any(|m| m.shape == Shape::Arms));
    }
}
