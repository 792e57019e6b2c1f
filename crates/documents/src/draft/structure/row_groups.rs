//! Tables whose rows are the groups, printed as short lines that no table model takes: under
//! each measure's label one row per group, the group's short name first and its values after
//! it in the header's time columns.
//!
//! ```text
//! Outcome            Baseline    Follow-Up   Change
//! WOMAC total score
//!  Con               42.5 ± 20.1 37.2 ± 19.0 -5.3 ± 18.0
//!  Int               40.3 ± 20.2 30.1 ± 19.4 -10.2 ± 13.1
//! Pain subscale score
//!  Con               …
//! ```
//!
//! Nothing in one row says that its name is a group's and not a measure's: the layout does.
//! The rows' names repeat in the same order under every measure (`Con, Int, Con, Int, …`;
//! `A, B, A, B`), which a list of measures never does; and the header above names the columns
//! as time points (`Baseline | Follow-Up`, `Baseline | 4-week follow-up | 8-week follow-up`).
//! Only then is each row read as its group's values at those times, and each repetition as one
//! measure ([`Shape::Arms`], every arm at every time). A row printing fewer values than the
//! header names times (a value misread, a missing visit) leaves its measure open; a value after
//! the times, under a header column of change (`Raw change`, `変化量`), is that group's change,
//! a measure of changes of its own. A run with no repeated names, or no header of times, is not
//! read here (the sentence reader and the review keep it).

use super::model::{Cell, Measure, Shape, Structure, group_index};
use crate::draft::{Item, ItemKind, Sentences, cues};

/// One line that prints a short name and then one or more summaries.
#[derive(Debug)]
struct Row {
    /// The line's index in the document.
    line: usize,
    /// The row's name (the group's): the last word before its first value.
    name: String,
    /// The words before the name on the same line (a measure's label printed on its first
    /// group's row: `Systolic blood pressure, mmHg A 108.1±13.3 …`), if any.
    measure: Option<String>,
    /// The summaries, in the order printed.
    summaries: Vec<usize>,
}

/// The lines of `text` with their byte ranges (the tables' reader splits them so).
pub(super) use crate::draft::table::line_ranges as lines;

/// The summaries of each line (by index into `ranges`) that `keep` keeps, in order.
pub(super) fn summaries_by_line(
    ranges: &[std::ops::Range<usize>],
    items: &[Item],
    keep: impl Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    items_by_line(ranges, items, |i| items[i].kind.is_summary() && keep(i))
}

/// The items of each line (by index into `ranges`) that `keep` keeps, in order.
pub(super) fn items_by_line(
    ranges: &[std::ops::Range<usize>],
    items: &[Item],
    keep: impl Fn(usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut by_line: Vec<Vec<usize>> = vec![Vec::new(); ranges.len()];
    for (i, item) in items.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        let line = ranges.partition_point(|r| r.end < item.span[0]);
        if line < ranges.len() {
            by_line[line].push(i);
        }
    }
    by_line
}

/// A header's cells glued together as a page's copy prints them (`OutcomeBaselineFollow-UpRaw
/// Change`) set apart where a lower-case letter runs into a capital: the only mark of a cell's
/// end that the copy keeps.
pub(super) fn unglued(header: &str) -> String {
    let mut out = String::with_capacity(header.len() + 8);
    let mut previous = ' ';
    for c in header.chars() {
        if previous.is_ascii_lowercase() && c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// The header's time columns in order, and whether a change column follows them.
fn header_times(line: &str) -> Option<(Vec<String>, bool)> {
    let text = unglued(line);
    let found = cues::times(&text);
    let mut keys: Vec<String> = found.iter().map(|p| cues::time_key(&p.text)).collect();
    keys.sort();
    keys.dedup();
    if found.len() < 2 || keys.len() < found.len() {
        return None;
    }
    let after = &text[found.last().map_or(0, |p| p.end)..];
    Some((
        found.into_iter().map(|p| p.text).collect(),
        cues::change_words(after),
    ))
}

/// Is `name` a group's short name: a word or two of letters, no digits, that is no time
/// (`Baseline`, `Pre`, `Week`) and no statistic (`Mean`, `SD`, `n`)?
fn group_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    let statistic = matches!(
        lower.as_str(),
        "mean" | "sd" | "se" | "sem" | "n" | "median" | "iqr" | "range" | "total" | "all" | "p"
    );
    let time_word = matches!(
        lower.as_str(),
        "pre" | "post" | "before" | "after" | "during" | "end" | "final" | "week" | "month"
    ) || cues::is_whole(name, cues::times)
        || cues::is_baseline(name);
    !name.is_empty()
        && name.chars().count() <= 24
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == ' ')
        && name.split_whitespace().count() <= 2
        && !statistic
        && !time_word
        && !cues::change_words(name)
}

/// A line that may stand between a table's rows or above them: a measure's label, a header,
/// a blank; no sentence.
pub(super) fn between_rows(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 200 && !t.contains(". ") && !t.contains('。')
}

/// The row `line` prints, if it is a name followed by summaries and nothing but numbers and
/// signs between them.
fn row_of(
    text: &str,
    line: usize,
    range: &std::ops::Range<usize>,
    summaries: &[usize],
    items: &[Item],
) -> Option<Row> {
    let first = items[*summaries.first()?].span[0];
    for pair in summaries.windows(2) {
        // Summaries in document order, only numbers and signs between them.
        let gap = text.get(items[pair[0]].span[1]..items[pair[1]].span[0])?;
        if gap.chars().any(char::is_alphabetic) {
            return None;
        }
    }
    let lead = text.get(range.start..first)?.trim();
    let lead = lead.trim_end_matches([':', ',', '：']).trim_end();
    // Numbers before the first summary: the row's first values were not read as summaries (a
    // glued cell: `Con42 ± 2037 ± 19-5 ± 18`). Its name still counts for the repetition; its
    // values are none, which leaves its measure open.
    if lead.chars().any(|c| c.is_ascii_digit()) {
        let name: String = lead.chars().take_while(|c| c.is_alphabetic()).collect();
        return group_name(&name).then(|| Row {
            line,
            name,
            measure: None,
            summaries: Vec::new(),
        });
    }
    // The name is the last word of the lead; a measure's label may stand before it.
    let (measure, name) = match lead.rsplit_once(char::is_whitespace) {
        Some((m, n)) => (Some(m.trim().trim_end_matches([',', ':']).to_string()), n),
        None => (None, lead),
    };
    group_name(name).then(|| Row {
        line,
        name: name.to_string(),
        measure: measure.filter(|m| m.chars().any(char::is_alphabetic)),
        summaries: summaries.to_vec(),
    })
}

/// Reads the tables of `doc` whose rows are the groups (the module doc) among the lines that
/// no table model takes (`in_table`), into `s`; returns the items it placed, which the
/// sentence reader then leaves alone.
pub(super) fn read_row_groups(
    doc: &Sentences,
    items: &[Item],
    in_table: impl Fn(usize) -> bool,
    s: &mut Structure,
) -> Vec<usize> {
    let text = doc.original;
    let ranges = lines(text);
    let by_line = summaries_by_line(&ranges, items, |i| !in_table(items[i].span[0]));
    // Runs of rows with only measures' labels (or blanks) between them.
    let mut runs: Vec<Vec<Row>> = Vec::new();
    let mut run: Vec<Row> = Vec::new();
    for (line, range) in ranges.iter().enumerate() {
        let here = &text[range.clone()];
        match (!by_line[line].is_empty())
            .then(|| row_of(text, line, range, &by_line[line], items))
            .flatten()
        {
            Some(row) => run.push(row),
            None if by_line[line].is_empty() && between_rows(here) => {}
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    let mut taken = Vec::new();
    for run in runs.iter().filter(|r| r.len() >= 4) {
        taken.extend(read_run(doc, items, &ranges, run, s));
    }
    taken
}

/// The period of the rows' names: `k` ≥ 2 distinct names repeated in the same order, at least
/// twice, over the whole run.
fn repeat_period(run: &[Row]) -> Option<usize> {
    let key = |r: &Row| r.name.to_lowercase();
    let k = run.iter().skip(1).position(|r| key(r) == key(&run[0]))? + 1;
    let mut period: Vec<String> = run[..k].iter().map(key).collect();
    period.sort();
    period.dedup();
    let repeats = run
        .iter()
        .enumerate()
        .all(|(i, r)| key(r) == key(&run[i % k]));
    (k >= 2 && period.len() == k && run.len() % k == 0 && repeats).then_some(k)
}

/// What the header above a run says of its columns, and the rows of patients under it.
struct Header {
    /// Its time columns, in order.
    times: Vec<String>,
    /// A change column follows the times.
    change_column: bool,
    /// What ± is, where the header says it.
    spread_label: Option<(&'static str, String)>,
    /// Why the rows are read as groups, in words.
    evidence: String,
    /// Each group's row of patients: its name, line and n's (see [`count_rows`]).
    counts: Vec<(String, usize, Vec<usize>)>,
}

/// One run of rows: the repeated names, the header of times above it, one measure per
/// repetition.
fn read_run(
    doc: &Sentences,
    items: &[Item],
    ranges: &[std::ops::Range<usize>],
    run: &[Row],
    s: &mut Structure,
) -> Vec<usize> {
    let text = doc.original;
    let Some(k) = repeat_period(run) else {
        return Vec::new();
    };
    // The header: the nearest line above the run naming two or more times, before any prose.
    let first_line = run[0].line;
    let Some((header_line, (times, change_column))) = (0..first_line)
        .rev()
        .take(12)
        .take_while(|&l| between_rows(&text[ranges[l].clone()]))
        .find_map(|l| header_times(&text[ranges[l].clone()]).map(|h| (l, h)))
    else {
        return Vec::new();
    };
    let names: Vec<&str> = run[..k].iter().map(|r| r.name.as_str()).collect();
    let header = Header {
        evidence: format!(
            "a table whose rows are the groups: the same row names ({}) repeat under every measure, and the header (line {}) names the columns as times ({})",
            names.join(", "),
            header_line + 1,
            times.join(", ")
        ),
        spread_label: cues::spread_kind(&text[ranges[header_line].clone()]).map(|kind| {
            (
                kind,
                format!("the table's header says so (line {})", header_line + 1),
            )
        }),
        counts: count_rows(
            text,
            items,
            ranges,
            header_line + 1..first_line,
            &run[..k],
            times.len(),
        ),
        times,
        change_column,
    };
    let mut taken = Vec::new();
    let mut previous_end = header_line + 1;
    for block in run.chunks(k) {
        // The measure: printed on its first row, else the label line right above it.
        let label = block[0].measure.clone().or_else(|| {
            (previous_end..block[0].line)
                .rev()
                .map(|l| text[ranges[l].clone()].trim())
                .find(|t| !t.is_empty())
                .map(|t| {
                    t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '<')
                        .trim()
                        .to_string()
                })
        });
        previous_end = block[k - 1].line + 1;
        taken.extend(read_block(items, block, label, &header, s));
    }
    taken
}

/// One repetition of the rows: one measure, each group at each of the header's times, and the
/// groups' changes where the rows print one more value under a change column. A row printing
/// another number of values leaves the measure open.
fn read_block(
    items: &[Item],
    block: &[Row],
    label: Option<String>,
    header: &Header,
    s: &mut Structure,
) -> Vec<usize> {
    let m = header.times.len();
    let count = block[0].summaries.len();
    let with_change = count == m + 1 && header.change_column;
    if block.iter().any(|r| r.summaries.len() != count) || !(count == m || with_change) {
        return Vec::new();
    }
    let spread = header.spread_label.clone().or_else(|| {
        label.as_deref().and_then(cues::spread_kind).map(|kind| {
            (
                kind,
                format!("the measure's label says so (line {})", block[0].line + 1),
            )
        })
    });
    let mut taken = Vec::new();
    let (mut cells, mut change_cells) = (Vec::new(), Vec::new());
    for row in block {
        let g = group_index(s, &row.name, &cues::group_key(&row.name));
        let counts = header
            .counts
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case(&row.name));
        for (t, &item) in row.summaries.iter().enumerate() {
            let n = counts.and_then(|(_, line, ns)| ns.get(t.min(m - 1)).map(|&j| (j, *line)));
            let cell = Cell {
                item,
                group: Some(g),
                time: Some(header.times[t.min(m - 1)].clone()),
                n: n.map(|(j, _)| j),
                n_evidence: n.map(|(_, line)| {
                    format!(
                        "the table's row of numbers of patients for {} (line {}), in this time's column",
                        row.name,
                        line + 1
                    )
                }),
                whole: None,
            };
            if t < m {
                cells.push(cell);
            } else {
                change_cells.push(cell);
            }
            s.placed[item] = true;
            taken.push(item);
        }
    }
    let sentence = items[cells[0].item].sentence;
    let measure =
        |label: Option<String>, change: bool, cells: Vec<Cell>, evidence: String| Measure {
            label,
            change,
            spread_label: spread.clone(),
            ..Measure::new(Shape::Arms, sentence, cells, evidence)
        };
    s.measures.push(measure(
        label.clone(),
        false,
        cells,
        header.evidence.clone(),
    ));
    if !change_cells.is_empty() {
        s.measures.push(measure(
            label.map(|l| format!("{l} change")),
            true,
            change_cells,
            format!(
                "{}; the value after the times is under the header's change column",
                header.evidence
            ),
        ));
    }
    taken
}

/// The table's rows of numbers of patients between its header and its first measure, one per
/// group (`Number A 27 27 27` over `B 28 25 24`, `n`, `N`, `例数`): for each group its name,
/// its line and the items of its n's, one per time column. A row counts people when its label
/// says so (or the row above it did, for the next group), its name is one of the groups' and
/// it prints at least one whole number per time and nothing else.
fn count_rows(
    text: &str,
    items: &[Item],
    ranges: &[std::ops::Range<usize>],
    lines: std::ops::Range<usize>,
    period: &[Row],
    times: usize,
) -> Vec<(String, usize, Vec<usize>)> {
    let mut out = Vec::new();
    let mut counting = false;
    for line in lines {
        let range = &ranges[line];
        let here = &text[range.clone()];
        let lead_end = here
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(here.len());
        let lead = here[..lead_end].trim();
        let (label, name) = lead.rsplit_once(char::is_whitespace).unwrap_or(("", lead));
        let count_word = label.split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().trim_end_matches([':', '.']),
                "number" | "n" | "no" | "patients" | "participants" | "subjects"
            )
        }) || label.contains("例数");
        counting = (count_word || (counting && label.is_empty()))
            && period.iter().any(|r| r.name.eq_ignore_ascii_case(name));
        if !counting {
            continue;
        }
        let ns: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.span[0] >= range.start && i.span[1] <= range.end)
            .map(|(j, _)| j)
            .collect();
        let whole = ns.iter().all(|&j| {
            matches!(items[j].kind, ItemKind::Number | ItemKind::N)
                && items[j]
                    .parts
                    .value
                    .as_ref()
                    .is_some_and(|v| v.number.value >= 1.0 && v.number.value.fract() == 0.0)
        });
        if whole && ns.len() >= times {
            out.push((name.to_string(), line, ns));
        } else {
            counting = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Shape, means_of, ns_of, read_text};

    #[test]
    fn groups_as_rows_under_each_measure_are_arms_at_the_headers_times() {
        // The layout of a page's table copied as text: a glued header, each measure's label,
        // then one row per group; the same names under every measure.
        let text = "Table 2\n\nOutcomeBaselineFollow-UpRaw Change in Score ± SDP Value\nQuality of life, MCS scores, mean ± SD.001\n Con38.6 ± 6.942.5 ± 7.03.8 ± 8.8\n Int39.4 ± 6.344.2 ± 6.84.8 ± 8.8\nPCS scores, mean ± SD.11\n Con38.1 ± 8.739.5 ± 8.41.4 ± 8.8\n Int39.4 ± 8.940.4 ± 8.91.0 ± 9.6\n";
        let (items, s) = read_text(text);
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms && !m.change)
            .collect();
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        let groups: Vec<&str> = s.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["Con", "Int"]);
        // Con at Baseline and Follow-Up, then Int at both, each value in place.
        let cells = means_of(&items, &s, arms[0]);
        assert_eq!(
            cells,
            [
                ("Con".into(), "Baseline".into(), "38.6".into()),
                ("Con".into(), "Follow-Up".into(), "42.5".into()),
                ("Int".into(), "Baseline".into(), "39.4".into()),
                ("Int".into(), "Follow-Up".into(), "44.2".into()),
            ]
        );
        assert_eq!(
            arms[0].label.as_deref(),
            Some("Quality of life, MCS scores, mean ± SD")
        );
        // The value after the times, under `Raw Change`, is each group's change.
        let changes: Vec<_> = s.measures.iter().filter(|m| m.change).collect();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].cells.len(), 2);
    }

    #[test]
    fn a_measures_label_on_its_first_groups_row_names_it() {
        let text = "Variables Group Baseline 4-week follow-up 8-week follow-up P value\nSystolic blood pressure, mmHg A 108.1±13.3 107.0±13.0 109.5±13.4 0.02\nB 107.1±14.6 114.1±16.4 110.0±16.3\nHeart rate, beats/min A 73.9±11.8 72.7±9.6 72.9±10.7 0.15\nB 68.2±10.4 72.8±10.2 76.1±10.5\n";
        let (_, s) = read_text(text);
        let arms: Vec<_> = s
            .measures
            .iter()
            .filter(|m| m.shape == Shape::Arms)
            .collect();
        assert_eq!(arms.len(), 2, "{:#?}", s.measures);
        assert_eq!(
            arms[0].label.as_deref(),
            Some("Systolic blood pressure, mmHg")
        );
        assert_eq!(arms[1].label.as_deref(), Some("Heart rate, beats/min"));
        assert_eq!(arms[0].cells.len(), 6);
    }

    #[test]
    fn a_row_of_patients_per_group_above_the_measures_gives_each_value_its_n() {
        let text = "Variables Group Baseline 4-week follow-up 8-week follow-up\nNumber A 27 27 26\nB 28 25 24\nSystolic blood pressure, mmHg A 108.1±13.3 107.0±13.0 109.5±13.4\nB 107.1±14.6 114.1±16.4 110.0±16.3\nHeart rate, beats/min A 73.9±11.8 72.7±9.6 72.9±10.7\nB 68.2±10.4 72.8±10.2 76.1±10.5\n";
        let (items, s) = read_text(text);
        let m = s
            .measures
            .iter()
            .find(|m| m.shape == Shape::Arms)
            .expect("arms");
        let ns = ns_of(&items, m);
        assert_eq!(ns, ["27", "27", "26", "28", "25", "24"]);
    }

    #[test]
    fn rows_whose_names_do_not_repeat_or_whose_header_names_no_times_are_left_alone() {
        // Measures as rows (names never repeat): not groups.
        let text = "Baseline Follow-up\nAge 52.3 ± 11.0 53.1 ± 11.2\nWeight 80.1 ± 12.3 79.0 ± 12.1\nHeight 170.2 ± 8.1 170.2 ± 8.0\nBMI 27.6 ± 3.1 27.2 ± 3.0\n";
        let (_, s) = read_text(text);
        assert!(
            !s.measures
                .iter()
                .any(|m| m.evidence.iter().any(|e| e.contains("rows are the groups")))
        );
        // Repeated names under a header of arms (no times): not read here.
        let text = "Placebo Drug\nHbA1c\nA 7.1 ± 0.8 7.0 ± 0.9\nB 7.3 ± 0.7 6.5 ± 0.8\nWeight\nA 80.1 ± 9.0 79.9 ± 9.2\nB 81.0 ± 8.8 78.1 ± 8.5\n";
        let (_, s) = read_text(text);
        assert!(
            !s.measures
                .iter()
                .any(|m| m.evidence.iter().any(|e| e.contains("rows are the groups")))
        );
    }
}
