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
//! months`; or the words that are times only in a header: `Before After Before After`)
//! exactly as many times as the line above names groups, so each group spans its
//! block of times, as a two-level header prints it. A row printing as many values as there are
//! columns, with only numbers between them, is one measure, every group at every time, read in
//! the header's order (a p after them is no column's). A row printing another number of values
//! is left open, as is a table whose group line cannot be split into as many names as the times
//! repeat.
//!
//! A paper's two-level header often prints more than the times (`TSD Users (n = 27) MAD Users
//! (n = 26) ΔTSD vs ΔMAD P (95% CI)` over `Baseline 2 Months ΔTSD P (95% CI) Baseline 2 Months
//! ΔMAD P (95% CI)`): the statistics' columns after the groups name no group, and a change
//! column closing each group's block of times (`ΔTSD`, `Change`) adds one value per group to
//! each row, that group's change: a measure of changes of its own, at the block's last time.
//! The p's, CIs and footnote marks between a row's values are no summaries' columns. The n a
//! group line prints with each name is that group's n for the rows below it, until a line
//! names the same groups with other n's (`Per-protocol analysis Control group (n = 11) Cogmed
//! group (n = 13)`).
//!
//! With no line of times, the columns are the groups themselves: a run of rows printing the
//! same number of values, under a header (or a caption) that names as many groups, one of
//! them a comparator (`N INTERVENTION CONTROL p-value`; `… in the intervention and control
//! groups`), or each closed by a group noun or its n. Each row is then one measure, each group
//! once. A comparator among the names is what says the columns are arms, not statistics.
//! The statistics' columns a results table prints after the groups' (`Placebo Tiotropium
//! Difference in change (95% CI) p-value`) are cut off before the words are split, and a line
//! of times passed over on the way up (a two-level header's second level) stops the search:
//! the words above it are then no one-level header.

use super::header_words::header_time;
use super::model::{Cell, Measure, Shape, Structure, group_index, without_stub_name};
use super::row_groups::{between_rows, items_by_line, lines, summaries_by_line, unglued};
use crate::draft::sentences::is_table_row;
use crate::draft::{Item, ItemKind, Sentences, cues};
use regex::Regex;
use std::sync::OnceLock;

/// The times of `line` when they are one sequence of `m ≥ 2` distinct times printed `r ≥ 2`
/// times over: the sequence (as printed the first time) and `r`.
fn repeated_times(line: &str) -> Option<(Vec<String>, usize)> {
    let found = line_times(line);
    let keys: Vec<String> = found
        .iter()
        .map(|p| match cues::time_key(&p.text) {
            // (`After` is all preposition to the key of running text's times.)
            k if k.is_empty() => p.text.to_lowercase(),
            k => k,
        })
        .collect();
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

/// The times a header line prints, in order (in the line with its glued words set apart:
/// [`unglued`]): the time phrases of running text ([`cues::times`]), and the words that place
/// a column in time only in a header (`Before After Before After`, `Pre Post`, `T0 T1`:
/// [`header_time`]), each a word of its own.
fn line_times(line: &str) -> Vec<cues::Phrase> {
    let text = unglued(line);
    let mut found = cues::times(&text);
    let words: Vec<cues::Phrase> = text
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            cues::Phrase {
                start,
                end: start + w.len(),
                text: w.to_string(),
            }
        })
        .filter(|w| !found.iter().any(|f| f.start < w.end && w.start < f.end))
        .filter_map(|w| header_time(&w.text).map(|text| cues::Phrase { text, ..w }))
        .collect();
    found.extend(words);
    found.sort_by_key(|p| p.start);
    found
}

/// The `r` groups a header line names, in order: each name ending in a group noun (`LI group
/// HI group`), or closed by its n (`Placebo (n = 30) Drug (n = 31)`); `None` unless exactly
/// `r` names are found and nothing is left after them, or (`columns_after`) what is left names
/// no group (the statistics' columns: `P`, `Effect size`, `ΔA vs ΔB (95% CI)`).
///
/// Words after the groups are allowed only over a line of each group's times, which confirms
/// the columns. Over a one-level header the same allowance placed one group's values as
/// different arms on reports the rules were not written on (session 42: 8 more structure
/// violations on the held-out half), so there the groups must fill the line.
fn group_names(line: &str, r: usize, columns_after: bool) -> Option<Vec<String>> {
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
    if columns_after {
        if let Some(names) = bare_names(line, r) {
            return Some(names);
        }
    }
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
        let end = p.find_iter(line).last().map_or(0, |m| m.end());
        let covered: usize = p.find_iter(line).map(|m| m.len()).sum();
        (names.len() == r
            && covered == end
            && (end == line.len() || columns_after && names_no_group(&line[end..]))
            && names
                .iter()
                .all(|n| !cues::is_whole(n, cues::times) && n.chars().any(char::is_alphabetic)))
        .then_some(names)
    })
}

/// The `r` groups a line of bare names prints over each group's times (`Yoga Exercise Wait
/// list`): as many names as the times repeat, each one word or one comparator's phrase (`Wait
/// list`, `Usual care`), one of them a comparator. The times line under it has confirmed the
/// columns; the comparator says the names are arms, not measures. `None` otherwise.
fn bare_names(line: &str, r: usize) -> Option<Vec<String>> {
    let line = without_stub_name(line);
    let comparators: Vec<cues::Phrase> = cues::groups(line)
        .into_iter()
        .filter(|p| cues::is_control(&p.text))
        .collect();
    let mut names: Vec<String> = Vec::new();
    let mut at = 0;
    for word in line.split_whitespace() {
        let start = at + line[at..].find(word).unwrap_or(0);
        at = start + word.len();
        match comparators
            .iter()
            .find(|p| p.start <= start && start < p.end)
        {
            // A comparator's later words join its first.
            Some(p) if p.start < start => {}
            Some(p) => names.push(line[p.start..p.end].trim().to_string()),
            None => names.push(word.to_string()),
        }
    }
    // A name may carry a digit after its letters (`Omega-3`), never be a number.
    let plain = names.iter().all(|n| {
        n.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == ' ')
            && n.starts_with(char::is_alphabetic)
            && !cues::is_whole(n, cues::times)
    });
    (names.len() == r && plain && names.iter().any(|n| cues::is_control(n))).then_some(names)
}

/// Do the header words after the groups name none: no group noun, no n (the statistics'
/// columns a table prints after its groups)?
fn names_no_group(rest: &str) -> bool {
    static GROUP: OnceLock<Regex> = OnceLock::new();
    let group = GROUP.get_or_init(|| {
        Regex::new(r"(?i)\b(?:group|arm|cohort)s?\b|[(（]\s*n\s*=|群").expect("a valid pattern")
    });
    !group.is_match(rest)
}

/// A group's name without the n a header prints after it (`Placebo (n = 30)` → `Placebo`).
fn without_n(name: &str) -> &str {
    match name.rfind(['(', '（']) {
        Some(at) if at > 0 && crate::draft::table::is_n_cell(&name[at..]) => name[..at].trim_end(),
        _ => name,
    }
}

/// Whether each group's block of `m` times on the times line `line` is closed by a change
/// column (`ΔTSD`, `Change`, `変化量`) before the next block: `Some(true)` when every block is,
/// `Some(false)` when none is, `None` when the blocks differ (no row's values can then be
/// told apart).
fn blocks_close_with_change(line: &str, m: usize) -> Option<bool> {
    let text = unglued(line);
    let found = line_times(line);
    let blocks = found.len() / m;
    let closes: Vec<bool> = (0..blocks)
        .map(|k| {
            let from = found[k * m + m - 1].end;
            let to = found.get((k + 1) * m).map_or(text.len(), |p| p.start);
            cues::change_words(text.get(from..to).unwrap_or(""))
        })
        .collect();
    if closes.iter().all(|&c| c) {
        Some(true)
    } else if closes.iter().all(|&c| !c) {
        Some(false)
    } else {
        None
    }
}

/// The n's a group line prints, one per group in order (`Control group (n = 15) Cogmed group
/// (n = 17)`), if it prints exactly `r`.
fn line_ns(items: &[Item], range: &std::ops::Range<usize>, r: usize) -> Option<Vec<usize>> {
    let ns: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            i.kind == ItemKind::N && i.span[0] >= range.start && i.span[1] <= range.end
        })
        .map(|(j, _)| j)
        .collect();
    (ns.len() == r).then_some(ns)
}

/// The `c` groups a one-level header or caption names, in order: as [`group_names`] splits
/// them, or coordinated in a caption (`in the intervention and control groups`), or as the
/// line's words once the stub's and the statistics' names are left out (`N INTERVENTION
/// CONTROL p-value`); for the last two, one name must be a comparator.
fn column_groups(line: &str, c: usize) -> Option<Vec<String>> {
    let line = before_statistics(line);
    if let Some(names) = group_names(line, c, false) {
        return Some(names);
    }
    let with_control = |names: Vec<String>| {
        (names.len() == c && names.iter().any(|n| cues::is_control(n))).then_some(names)
    };
    // A list a difference's name holds (`Adjusted mean difference in change between EX and
    // CON groups`) is what that column compares, not the columns: the groups are then the
    // rows' labels. (A caption's `Comparison of … between the experimental and control groups`
    // names the columns.)
    let listed = cues::coordinated_groups(line)
        .into_iter()
        .filter(|l| {
            // (The list's first name may hold the words: `change between EX`.)
            let lead = crate::text::window::before(line, 0, l[0].end, 60);
            !(lead.to_lowercase().contains("between") && cues::difference_word(lead))
        })
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

/// The words of a one-level header before its statistics' columns: up to the first word
/// that names a p, a difference, a CI or a ratio (`Placebo
/// Tiotropium Difference in change (95% CI) p-value` → `Placebo Tiotropium`), as a results
/// table prints its comparison's columns after the groups' (the module doc). The line whole
/// where it names none.
fn before_statistics(line: &str) -> &str {
    use super::header_words::{Stat, stat_of};
    let words = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w));
    // (A word holding the letters `ci` is no CI's name: `participants`, `specific`.)
    let names_one = |h: &str| match stat_of(h) {
        Some(Stat::P | Stat::Difference) => true,
        Some(Stat::Ci) => {
            h.contains('%')
                || h.trim_matches(|c: char| !c.is_alphanumeric())
                    .eq_ignore_ascii_case("ci")
        }
        _ => false,
    };
    // A ratio's column by its name (`Relative risk (95% CI)`, `Odds ratio`, `HR`), the
    // conjunction `or` of a name (`Placebo or placebo + TCS`) no ratio's.
    let names_a_ratio = |at: usize| {
        let rest = &line[at..];
        let two: String = rest
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        !rest.starts_with("or ") && crate::draft::table::names_ratio(&two)
    };
    let cut = words
        .skip(1)
        .find_map(|(at, w)| (names_one(w) || names_a_ratio(at)).then_some(at));
    line[..cut.unwrap_or(line.len())].trim_end()
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
        let whole = &text[ranges[h].clone()];
        // (A row set apart by `|` or tabs is the table model's to read.)
        if !by_line[h].is_empty() || !between_rows(whole) || is_table_row(whole) {
            continue;
        }
        // The times, or those before the comparison's columns where these name a time too
        // (`Pre Post Pre Post Adjusted Difference (95% CI) at Post`).
        let header = match repeated_times(whole) {
            Some(_) => whole,
            None => before_statistics(whole.trim()),
        };
        let Some((times, r)) = repeated_times(header) else {
            continue;
        };
        let Some((above, names)) = names_above(text, &ranges, h, r) else {
            continue;
        };
        let change_column = blocks_close_with_change(header, times.len());
        let per_group = times.len() + usize::from(change_column == Some(true));
        let evidence = format!(
            "the table's header names the groups ({}) over each group's times ({}, line {}): its columns are each group's time points",
            names.join(", "),
            times.join(", "),
            h + 1
        );
        // Each group by its name without the n printed with it (`Control group (n = 15)`):
        // the group the text names elsewhere.
        let groups: Vec<usize> = names
            .iter()
            .map(|n| {
                let name = without_n(n);
                group_index(s, name, &cues::group_key(name))
            })
            .collect();
        let mut ns = line_ns(items, &ranges[above], r).map(|ns| (ns, above));
        for row in h + 1..ranges.len() {
            let line = &text[ranges[row].clone()];
            let summaries = &by_line[row];
            if summaries.is_empty() {
                if between_rows(line) {
                    // The same groups named again with other n's: the rows below are theirs.
                    if group_names(line.trim(), r, true).is_some() {
                        if let Some(again) = line_ns(items, &ranges[row], r) {
                            ns = Some((again, row));
                        }
                    }
                    continue;
                }
                break;
            }
            if summaries.len() != per_group * r || !gaps_clear(text, items, summaries) {
                continue;
            }
            let label = text
                .get(ranges[row].start..items[summaries[0]].span[0])
                .unwrap_or("")
                .trim();
            let (cells, changes) = grid_row_cells(summaries, &groups, &times, per_group, &ns);
            placed.extend(push_row(s, items, row, label, cells, &evidence));
            if !changes.is_empty() {
                let change_label = if label.is_empty() {
                    "change".to_string()
                } else {
                    format!("{label} change")
                };
                let why = format!(
                    "{evidence}; the value after each group's times is under its change column"
                );
                placed.extend(push_row(s, items, row, &change_label, changes, &why));
            }
        }
    }
    // Then the one-level form over the values left: rows of summaries, then rows of shares
    // (`Primary outcome 5/159 (3·14%) 15/159 (9·43%)`), each its column's group's.
    for shares in [false, true] {
        let left = items_by_line(&ranges, items, |i| {
            let kind = items[i].kind;
            let fits = if shares {
                matches!(kind, ItemKind::Percent | ItemKind::CountOf)
            } else {
                kind.is_summary()
            };
            fits && !in_table(items[i].span[0]) && !taken[i] && !s.placed[i]
        });
        placed.extend(read_group_columns(text, &ranges, &left, items, s));
    }
    placed
}

/// The `r` groups named on the line above a line of times (`h`), or on the two lines above it
/// where a copy broke the group line (`Outcome Intervention` over `Control`), with the line
/// they stand on.
fn names_above(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    h: usize,
    r: usize,
) -> Option<(usize, Vec<String>)> {
    let line = |l: usize| text[ranges[l].clone()].trim();
    let above = (0..h).rev().find(|&l| !line(l).is_empty())?;
    if let Some(names) = group_names(line(above), r, true) {
        return Some((above, names));
    }
    let before = above
        .checked_sub(1)
        .filter(|&l| !line(l).is_empty() && between_rows(line(l)))?;
    group_names(&format!("{} {}", line(before), line(above)), r, true).map(|names| (above, names))
}

/// One row's cells under a two-level header: the `k`-th summary is group `k / per_group`'s,
/// at that block's `k % per_group`-th time, or (after the times) its change, at the block's
/// last time; each with its group's n from the line of groups (its items and line), if any.
fn grid_row_cells(
    summaries: &[usize],
    groups: &[usize],
    times: &[String],
    per_group: usize,
    ns: &Option<(Vec<usize>, usize)>,
) -> (Vec<Cell>, Vec<Cell>) {
    let m = times.len();
    let (mut cells, mut changes) = (Vec::new(), Vec::new());
    for (k, &item) in summaries.iter().enumerate() {
        let (g, t) = (k / per_group, k % per_group);
        let cell = Cell {
            item,
            group: Some(groups[g]),
            time: Some(times[t.min(m - 1)].clone()),
            n: ns.as_ref().map(|(ns, _)| ns[g]),
            n_evidence: ns.as_ref().map(|(_, l)| {
                format!(
                    "the group's n on the table's line of groups (line {})",
                    l + 1
                )
            }),
            whole: None,
        };
        if t < m {
            cells.push(cell);
        } else {
            changes.push(cell);
        }
    }
    (cells, changes)
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
    // A row of shares is each arm's count of one outcome: the study file's `[[arm_counts]]`.
    let shares = matches!(items[placed[0]].kind, ItemKind::Percent | ItemKind::CountOf);
    let measures = if shares {
        &mut s.shares
    } else {
        &mut s.measures
    };
    measures.push(Measure {
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

/// Only numbers, signs, footnote marks (a letter alone: `< .01*,d`) and an interval's `to`
/// (`(–1.0 to 1.5)`) between a row's summaries, in document order: no word that could name
/// another row or column.
fn gaps_clear(text: &str, items: &[Item], summaries: &[usize]) -> bool {
    summaries.windows(2).all(|w| {
        text.get(items[w[0]].span[1]..items[w[1]].span[0])
            .is_some_and(|gap| {
                gap.split(|c: char| !c.is_alphabetic())
                    .all(|word| word.chars().count() < 2 || word == "to")
            })
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
        // A line of two times or more passed over is a two-level header's second level
        // (`Before After Before After`): the columns are then each group's times, never the
        // line above's words one group each.
        let header = (line.saturating_sub(6)..line)
            .rev()
            .take_while(|&l| by_line[l].is_empty() && between_rows(&text[ranges[l].clone()]))
            .take_while(|&l| line_times(&text[ranges[l].clone()]).len() < 2)
            .find_map(|l| column_groups(text[ranges[l].clone()].trim(), c).map(|n| (l, n)));
        let Some((header_line, names)) = header else {
            line += 1;
            continue;
        };
        // Each group by its name without the n printed with it (`Control group (n = 15)`):
        // the group the text names elsewhere.
        let groups: Vec<usize> = names
            .iter()
            .map(|n| {
                let name = without_n(n);
                group_index(s, name, &cues::group_key(name))
            })
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
                    whole: None,
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
    use super::super::{Measure, Shape, Structure, means_of, ns_of, read_text};
    use super::{bare_names, group_names, repeated_times};

    /// The measures of arms the structure read.
    fn arms_of(s: &Structure) -> Vec<&Measure> {
        s.measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect()
    }

    /// Expected cells (group, time, value) as [`means_of`] gives them.
    fn expected(want: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
        want.iter()
            .map(|(g, t, v)| (g.to_string(), t.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn groups_a_header_names_after_between_are_no_columns() {
        // Made-up numbers in the layout of a results table set apart by single spaces: the
        // groups are the rows' labels (`CON`, `EX`), the columns two visits, and the groups
        // the header names are those its difference column compares.
        let text = "Table 4.\n\nOutcome measure n Baseline Month 6 Adjusted mean difference in change between EX and CON groups P value\nGait speed (m/s)\n CON 84 0.86 (0.30) 0.87 (0.29) 0.01 (−0.04 to 0.06) 0.73\n EX 79 0.94 (0.29) 0.94 (0.30)\n";
        let (items, s) = read_text(text);
        for m in s.measures.iter().filter(|m| m.shape == Shape::Arms) {
            let cells = means_of(&items, &s, m);
            // No arm's values are one row's two visits.
            let rows: Vec<&str> = cells.iter().map(|(_, _, v)| v.as_str()).collect();
            assert!(
                !(rows.contains(&"0.86") && rows.contains(&"0.87")),
                "{cells:?}"
            );
        }
    }

    #[test]
    fn a_header_of_groups_over_their_times_makes_each_row_arms_at_those_times() {
        let text = "Table 2. The clinical benefits of exercise\n\nVariable Assessment Effect of training (p value)\nLI group HI group\nBaseline 2 months 6 months Baseline 2 months 6 months\nGlycaemic control\n Fasting glucose (mmol/l) 9.8 ± 0.6 9.6 ± 0.6 9.7 ± 0.6 9.7 ± 0.4 9.4 ± 0.4 9.2 ± 0.4\n HbA1c (%) 7.4 ± 0.3 7.3 ± 0.3 7.2 ± 0.3 7.1 ± 0.2 6.9 ± 0.2 6.6 ± 0.18 <0.01\n";
        let (items, s) = read_text(text);
        let arms = arms_of(&s);
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
        assert_eq!(cells, expected(&want));
        assert_eq!(arms[1].label.as_deref(), Some("HbA1c (%)"));
    }

    #[test]
    fn before_and_after_under_each_group_with_its_change_column_are_that_groups_times() {
        // Made-up numbers in the layout of a journal's table copied with single spaces: the
        // stub named with a qualifier (`Physiological parameters`), a name carrying a digit
        // (`Omega-3`), bare `Before After` repeated once per group, each block closed by its
        // change column (`Δ-Omega`), and a p after the values.
        let text = "Table 4\n\nResults before and after five weeks\nPhysiological parameters Omega-3 Placebo\nBefore After Δ-Omega Before After Δ- Placebo Δ\nWeight (kg) 72.1±2.0 72.3±2.0 0.2±0.1 72.3±2.0 72.2±2.0 −0.1±0.1 ns\nSystolic BP (mmHg) 134±3 127±3 −7±2 132±3 131±3 −1±2 P≤0.05\n";
        assert_eq!(
            repeated_times("Before After Δ-Omega Before After Δ- Placebo Δ"),
            Some((vec!["Before".to_string(), "After".to_string()], 2))
        );
        let (items, s) = read_text(text);
        let arms = arms_of(&s);
        let cells = means_of(&items, &s, arms[0]);
        let cell = |k: usize| {
            (
                cells[k].0.as_str(),
                cells[k].1.as_str(),
                cells[k].2.as_str(),
            )
        };
        assert_eq!(cells.len(), 4, "{cells:?}");
        assert_eq!(cell(0), ("Omega-3", "Before", "72.1"));
        assert_eq!(cell(3), ("Placebo", "After", "72.2"));
    }

    #[test]
    fn a_group_line_broken_in_two_over_times_then_a_difference_column() {
        // Made-up numbers in the layout of a journal's table copied with single spaces: the
        // group line broken after the stub's name and the first group (`Outcome Intervention`
        // over `Control`), the times printed before the difference's column, whose own words
        // name a time (`at Post Training`), and each row's difference after its four values.
        let text = "Table 2.\n\nOutcome Intervention\nControl\nPretraining Post Training Pretraining Post Training Adjusted Difference (95% CI) at Post Training\nRespiratory muscle strength\n PImax (cmH2O) −74±11 −93±19 −91±16 −98±13 −1 (−19 to 18)\n PEmax (cmH2O) 139±25 144±28 143±26 141±27 6 (-14 to 25)\n";
        let (items, s) = read_text(text);
        let arms = arms_of(&s);
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        let cells = means_of(&items, &s, arms[1]);
        let want = [
            ("Intervention", "Pretraining", "139"),
            ("Intervention", "Post", "144"),
            ("Control", "Pretraining", "143"),
            ("Control", "Post", "141"),
        ];
        assert_eq!(cells, expected(&want));
    }

    #[test]
    fn a_line_of_times_under_a_header_keeps_its_words_from_being_one_group_each() {
        // Made-up numbers: a two-level header whose group line cannot be split into as many
        // names as the times repeat (`Drug X` is one name of two words). Its words are no
        // groups of a one-level header: no row's four values are four arms.
        let text = "Table 2\n\nParameters Drug X Placebo\nBefore After Before After\nWeight (kg) 70.1±2.0 69.3±2.0 71.3±2.0 71.2±2.0\n";
        let (_, s) = read_text(text);
        assert!(
            s.measures.iter().all(|m| m.cells.len() < 4),
            "{:#?}",
            s.measures
        );
    }

    #[test]
    fn a_one_level_headers_statistics_columns_after_the_groups_name_no_group() {
        // Made-up numbers in the layout of a results table copied with single spaces: the
        // groups' columns, then the difference with its CI and the p.
        let text = "Table 3.\n\nSecondary outcomes at 26 weeks\n\nPlacebo Tiotropium Difference in change (95% CI) p-value\nExacerbation duration (days) 19.6±14.6 21.7±16.9 2.4 (−1.5–6.2) 0.49\n6MWT (m) 522±91 526±79 −0.3 (−8.0–7.3) 0.93\n";
        let (items, s) = read_text(text);
        let arms = arms_of(&s);
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        let cells = means_of(&items, &s, arms[1]);
        assert_eq!(cells[0], ("Placebo".into(), "-".into(), "522".into()));
        assert_eq!(cells[1], ("Tiotropium".into(), "-".into(), "526".into()));
    }

    #[test]
    fn rows_of_shares_under_groups_with_their_ns_and_a_ratios_columns_are_each_columns() {
        // Made-up counts in the layout of a results table copied with single spaces: the
        // groups with their n's, then a ratio's and the p's columns.
        let text = "Table 2.\n\nEfficacy outcomes\n\nDrug (n=150) Control (n=152) Relative risk (95% CI) p values\nPrimary outcome 5/150 (3·33%) 15/152 (9·87%) 0·33 (0·13–0·90) 0·0293\nAny bleeding 2/150 (1·33%) 1/152 (0·66%) 2·00 (0·18–21·84) 0·5698\n";
        let (items, s) = read_text(text);
        assert_eq!(s.shares.len(), 2, "{:#?}", s.shares);
        let cells = means_of(&items, &s, &s.shares[1]);
        let groups: Vec<&str> = cells.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(groups, ["Drug", "Control"]);
        assert_eq!(ns_of(&items, &s.shares[1]), ["150", "152"]);
        // A word holding the letters of a CI is no CI's column.
        assert_eq!(
            super::before_statistics("Characteristics of participants in both groups"),
            "Characteristics of participants in both groups"
        );
        assert_eq!(
            super::before_statistics("Drug (n=150) Control (n=152) Odds ratio P"),
            "Drug (n=150) Control (n=152)"
        );
    }

    #[test]
    fn bare_names_one_a_comparator_over_each_groups_times_are_the_groups() {
        assert_eq!(
            bare_names("Tai chi Walking Usual care", 3),
            None,
            "a two-word name other than a comparator's cannot be told from two names"
        );
        assert_eq!(
            bare_names("Yoga Walking Usual care", 3),
            Some(vec![
                "Yoga".to_string(),
                "Walking".to_string(),
                "Usual care".to_string()
            ])
        );
        // No comparator: the words may be measures' names.
        assert_eq!(bare_names("Strength Balance", 2), None);
        let text = "Table 3. Outcomes\n\nYoga Walking Wait list\nOutcome Baseline 6-month Baseline 6-month Baseline 6-month P\n Pain score 11.1 ± 7.3 10.0 ± 4.6 11.4 ± 5.3 10.8 ± 4.3 12.6 ± 6.4 11.0 ± 3.7 .72\n";
        let (items, s) = read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("the row read as arms");
        let cells = means_of(&items, &s, m);
        let cell = |k: usize| {
            (
                cells[k].0.as_str(),
                cells[k].1.as_str(),
                cells[k].2.as_str(),
            )
        };
        assert_eq!(cell(4), ("Wait list", "Baseline", "12.6"));
        assert_eq!(cell(1), ("Yoga", "6-month", "10.0"));
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
            group_names("Placebo (n = 30) Drug (n = 31)", 2, false),
            Some(vec![
                "Placebo (n = 30)".to_string(),
                "Drug (n = 31)".to_string()
            ])
        );
        assert_eq!(
            group_names("LI group HI group", 2, false),
            Some(vec!["LI group".to_string(), "HI group".to_string()])
        );
        // Names that do not split into as many groups as the times repeat: none.
        assert_eq!(group_names("LI group HI group", 3, false), None);
        assert_eq!(group_names("Outcome measures by visit", 2, false), None);
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
    fn statistics_columns_and_a_change_per_group_around_the_times_are_read_apart() {
        // A paper's two-level header: the stub's name, each group with its n, the statistics'
        // columns after them; each group's block of times closed by its change, a p and a CI
        // with footnote marks between the values. Then the same groups restated with the n of
        // another analysis set.
        let text = "Outcome Drug users (n = 20) Control users (n = 21) ΔD vs ΔC P (95% CI)\nBaseline 3 Months ΔD P a (95% CI) Baseline 3 Months ΔC P b (95% CI)\n Pain score 10.0 ± 2.0 8.0 ± 2.5 –2.0 ± 1.5 < .01*,d (1.0 to 3.0) 11.0 ± 2.2 10.5 ± 2.4 –0.5 ± 1.4 .20d (–0.2 to 1.2) .01\nPer-protocol set Drug users (n = 18) Control users (n = 19)\n Fatigue 5.0 ± 1.0 4.0 ± 1.1 –1.0 ± 0.9 .02 6.0 ± 1.2 5.9 ± 1.3 –0.1 ± 0.8 .70 .03\n";
        let (items, s) = read_text(text);
        let arms = arms_of(&s);
        assert_eq!(arms.len(), 4, "{:#?}", s.measures);
        let own = |k: usize| {
            means_of(&items, &s, arms[k])
                .into_iter()
                .map(|(g, t, v)| format!("{g}/{t}/{v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            own(0),
            [
                "Drug users/Baseline/10.0",
                "Drug users/3 Months/8.0",
                "Control users/Baseline/11.0",
                "Control users/3 Months/10.5"
            ]
        );
        // Each group's change: a measure of its own, at the block's last time.
        assert!(arms[1].change);
        assert_eq!(
            own(1),
            // (The en dash printed as a minus sign is read as one.)
            ["Drug users/3 Months/-2.0", "Control users/3 Months/-0.5"]
        );
        // The n's of the line of groups, then those of the line restating them.
        assert_eq!(ns_of(&items, arms[0]), ["20", "20", "21", "21"]);
        assert_eq!(ns_of(&items, arms[3]), ["18", "19"]);
        // The statistics' words after the groups are allowed only over a line of times.
        assert_eq!(
            group_names("Drug users (n = 20) Control users (n = 21) P", 2, true),
            Some(vec![
                "Drug users (n = 20)".to_string(),
                "Control users (n = 21)".to_string()
            ])
        );
        assert_eq!(
            group_names("Drug users (n = 20) Control users (n = 21) P", 2, false),
            None
        );
        // Words naming another group after them: no line of groups.
        assert_eq!(
            group_names("Drug (n = 20) Control (n = 21) Total group", 2, true),
            None
        );
    }

    #[test]
    fn a_row_printing_another_number_of_values_is_left_open() {
        let text = "Drug group Placebo group\nBaseline Week 12 Baseline Week 12\nHbA1c 7.4 ± 0.3 7.3 ± 0.3 7.2 ± 0.3\n";
        let (_, s) = read_text(text);
        assert!(!s.measures.iter().any(|m| m.shape == Shape::Arms));
    }
}
