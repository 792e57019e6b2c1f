//! What a table's labels make of its cells ([`super::table`] finds the rows, cells and
//! headers):
//! - a row labelled `n` or `P` (`n | 48 | 44 | 42`, `P | ‐ | < 0.0001 | 0.02`): each cell's
//!   number is that column's n or p, as journals print a table's n and P rows under its
//!   estimates;
//! - a column headed `P` (`p value`, `P*`) or `n` in the header rows above: each of its cells
//!   holding one number is a p or an n;
//! - a cell printing a summary and then, after a semicolon, a whole number (`17·4 (4·8);
//!   219`, as tables laid out `mean (SD); n` print it): that number is the summary's n;
//! - a cell `x (y)` in a row or column labelled as counts with their percentage (`n (%)`,
//!   `Response (%)`): x patients, y %.
//! - a column headed as rates per period (`% per yr`) or as ratios (`Hazard Ratio (95% CI)`):
//!   a cell's number is a rate per year, or a ratio (its bracketed interval is left to the
//!   interval reader);
//! - a number from 0 to 1 closing a results row glued by text extraction, after two or more
//!   means ± spreads (`GAF2.94 ± 0.702.82 ± 0.86<0.045*`): the row's p ([`find_row_end_p`]);
//! - a cell under a label that lays out its cells with a count, a percentage or a p (`n (%)
//!   (p)`, `% (p)`, `mean±SD (p)`, `n/N (%)`: [`super::cell_template`]): each number by its
//!   place in that layout;
//! - rows right under a section's label printing only bare numbers that add up to 100 in
//!   every column (`None 47.2 71.7`, `Minor 18.9 7.6`, `Major 34.0 20.8`): the categories'
//!   percentages (`category_rows`);
//! - a header row of means and spreads in columns of their own (`Mean | SD | Mean | SD`):
//!   each data row's first value cells, two by two, are means with their spreads
//!   (`mean_spread_columns`); one of counts and their percentages (`N | % | N | %`): each
//!   pair a count with its percentage (`count_percent_columns`);
//! - a row naming a stage of the patients' flow (`Randomized`, `Withdrawn`, `Completed`, a
//!   label ending in `N`): its bare whole numbers are n's, in a table or on a line no table
//!   model took ([`find_flow_lines`]); a line of a test's statistics or p's under the
//!   measures' columns, its label marked to tell its comparison apart (`t’   0.095 0.669`,
//!   `P*#   <0.001 0.011`: [`find_statistic_lines`]); lines of bracketed numbers from 0 to 1 under a row of
//!   estimates, where one prints `<` ([`find_bracketed_p_lines`]): the cells' p's; a label laying out its cells alone on a line, the
//!   cells a line below it ([`find_laid_out_lines`]); a column headed by the cell nearest the data (`p0`
//!   under a group's spanning name) as by its whole header.
//!
//! A cell holding anything else is left to the other recognisers.

use super::cell_template::{Bounds, CellTemplate, Slot};
use super::inference::push_p;
use super::table::{names_count_percent, names_n, names_p, names_rate, names_ratio};
use super::{ItemKind, Parts, Scan};
use crate::text::number::{NUMBER, TextNumber};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;
use trialstats_numerics::reported::{ReportedNumber, exact::Rounding};

fn cell_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*(?P<rel><=|>=|[<>=≤≥])?\s*(?P<num>{NUMBER})\s*[*†‡§¶&]*\s*$"
        ))
        .expect("the table cell pattern is valid")
    })
}

/// A p's cell with its effect size after it in brackets, as a column named `p-value (Cohen
/// d)` prints them (`0.22 (0.36)`, `< 0.001 (1.12)`): the p, then one number in brackets.
fn p_with_effect_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*(?P<rel><=|>=|[<>=≤≥])?\s*(?P<num>{NUMBER})\s*[*†‡§¶&]*\s*[(（]\s*-?{NUMBER}\s*[)）]\s*[*†‡§¶&]*\s*$"
        ))
        .expect("the p with its effect pattern is valid")
    })
}

/// A ratio's cell: its number, then its bracketed interval or nothing.
fn ratio_cell_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*(?P<num>{NUMBER})\s*[*†‡§¶&]*\s*(?:[(（\[][^)）\]]*[)）\]])?\s*$"
        ))
        .expect("the ratio cell pattern is valid")
    })
}

/// `… ; 219` closing a cell after a summary's bracket or number.
fn n_after_semicolon_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(r"[)\]\d]\s*;\s*(?P<num>{NUMBER})\s*$"))
            .expect("the `; n` pattern is valid")
    })
}

/// `2 (40)`: a count and its percentage, with no `%` printed.
fn count_percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*(?P<count>{NUMBER})\s*[(（]\s*(?P<pct>{NUMBER})\s*[)）]\s*[*†‡§¶&]*\s*$"
        ))
        .expect("the count (percent) pattern is valid")
    })
}

/// What a row's label or a column's header makes of its numbers.
#[derive(Clone, Copy, PartialEq)]
enum CellsOf {
    N,
    P,
    CountPercent,
    /// A category's share of its column, in %: a bare number.
    Percent,
    Rate,
    /// Ratios of the kind the header names (`hazard ratio`).
    Ratio(&'static str),
    /// A test's statistic, named by the header (`t`, `t value`, `χ2`, `F value`).
    Statistic(&'static str),
}

/// The test statistic a column's header or a row's label names, alone or with `value` (`t`,
/// `t-value`, `t値`, `χ2`, `χ²`, `F value`, `Z value`): the cells are that statistic, as a
/// results table prints it beside its p. A lone `F`, `Z` or `U` may head other columns (women,
/// a z-score), so those need their `value`.
pub(crate) fn statistic_named(label: &str) -> Option<&'static str> {
    let l = label.trim().trim_end_matches(['*', '†', ':']).trim();
    let lower = l.to_lowercase().replace(['-', ' '], "");
    match lower.as_str() {
        "t" | "tvalue" | "t値" | "tstatistic" => Some("t"),
        "χ2" | "χ²" | "χ2value" | "χ²value" | "χ2値" | "chisquare" | "x2" => Some("χ2"),
        "fvalue" | "f値" | "fstatistic" => Some("F"),
        "zvalue" | "z値" => Some("Z"),
        _ => None,
    }
}

fn cells_of(label: &str) -> Option<CellsOf> {
    if names_n(label) {
        Some(CellsOf::N)
    } else if names_p(label) {
        Some(CellsOf::P)
    } else if names_count_percent(label) {
        Some(CellsOf::CountPercent)
    } else if names_rate(label) {
        Some(CellsOf::Rate)
    } else if names_ratio(label) {
        Some(CellsOf::Ratio(super::inference::ratio_of(label)))
    } else {
        statistic_named(label).map(CellsOf::Statistic)
    }
}

/// Does a row label name a stage of the patients' flow through a trial (`Randomized`,
/// `Withdrawn (data not used)`, `Intent to treat`, `Completed`, `Lost to follow-up`), or end in
/// `N` (`BP reported on N`)? Its bare whole numbers are numbers of people.
fn names_patient_flow(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    names_a_stage_of_flow(&l) || l.ends_with(" n") || l.ends_with("(n)")
}

/// Does a label open with a stage of the patients' flow (`Randomized`, `Completed`, `Lost to
/// follow-up`, `無作為化`)?
pub(crate) fn names_a_stage_of_flow(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    [
        "randomized",
        "randomised",
        "enrolled",
        "screened",
        "withdrawn",
        "withdrew",
        "discontinued",
        "completed",
        // ClinicalTrials.gov's milestones (`Started 148 155 157`, `Not Completed 25 25 35`).
        "started",
        "not completed",
        "lost to follow",
        "intent to treat",
        "intent-to-treat",
        "intention to treat",
        "intention-to-treat",
        "per protocol",
        "per-protocol",
        "as treated",
        "crossed over",
        "dropped out",
        "analysed",
        "analyzed",
        "登録",
        "無作為化",
        "中止",
        "脱落",
        "完了",
    ]
    .iter()
    .any(|w| l.starts_with(w))
}

/// Lines of a table no table model took, that name a stage of the patients' flow and then
/// print only whole numbers (`Randomized 34 22`, `Study Start and End BP reported on N 28 22`):
/// each number is a number of people.
pub fn find_flow_lines(scan: &mut Scan) {
    static P: OnceLock<Regex> = OnceLock::new();
    let line_pattern = P.get_or_init(|| {
        Regex::new(r"(?m)^[\x20\t]*(?P<label>[^\d\n|\t]{3,60}?)(?P<values>(?:[\x20\t]+\d{1,6})+)[\x20\t]*$")
            .expect("the flow line pattern is valid")
    });
    static N: OnceLock<Regex> = OnceLock::new();
    let number = N.get_or_init(|| Regex::new(r"\d+").expect("valid"));
    // The reasons for not completing (`Reason Not Completed`, then `Adverse Event 12 10 18`,
    // `Lack of Efficacy 5 6 3`, one line each) count participants as the milestones do: the
    // lines right under such a heading, while each is a label with its numbers.
    static REASONS: OnceLock<Regex> = OnceLock::new();
    let reasons = REASONS.get_or_init(|| {
        Regex::new(r"(?i)^\s*reasons?\s+(?:not\s+completed|for\s+(?:withdrawal|discontinuation|not\s+completing))\s*$")
            .expect("the reasons heading is valid")
    });
    let plain = scan.doc.plain.text.clone();
    let mut under_reasons: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if reasons.is_match(text) {
            open = Some(at + line.len());
        } else if open.is_some() && !line_pattern.is_match(text) {
            if let Some(from) = open.take() {
                under_reasons.push(from..at);
            }
        }
        at += line.len();
    }
    if let Some(from) = open {
        under_reasons.push(from..plain.len());
    }
    for c in line_pattern.captures_iter(&plain) {
        let label = c.name("label").expect("label");
        let whole = c.get(0).expect("a match");
        let a_reason = under_reasons
            .iter()
            .any(|r| r.start <= whole.start() && whole.end() <= r.end);
        if !names_patient_flow(label.as_str()) && !a_reason {
            continue;
        }
        let values = c.name("values").expect("values");
        for m in number.find_iter(values.as_str()) {
            let range = values.start() + m.start()..values.start() + m.end();
            if !scan.free(range.clone()) {
                continue;
            }
            let Some(value) = scan.number(range.clone()) else {
                continue;
            };
            scan.push_value(ItemKind::N, range, value);
        }
    }
}

/// Lines no table model took that print a row of tests under a table's columns: a label
/// naming a p or a test's statistic, perhaps with the marks that tell its comparisons apart
/// (`P`, `P′`, `P*#`, `t’`, `χ2`), then only numbers (`t   0.007 0.005 0.004`, `P*   <0.001
/// 0.002 <0.001`), as a table copied with its cells set apart by single spaces prints its rows
/// of tests under the measures' columns. A p's line gives p's (each from 0 to 1, else none);
/// a statistic's line gives statistics only where the next line is a p's line, as a lone
/// `t 1 2 3` may be a row of times.
pub fn find_statistic_lines(scan: &mut Scan) {
    static P: OnceLock<Regex> = OnceLock::new();
    let line_pattern = P.get_or_init(|| {
        Regex::new(&format!(
            r"(?m)^[\x20\t]*(?P<label>χ2|χ²|[Pp][\x20-][Vv]alues?[^\s\d|]{{0,3}}|[^\s\d|][^\s\d|]{{0,11}}?)(?P<values>(?:[\x20\t]+(?:(?:[<>≤≥=][\x20]?)?{NUMBER}|NA|NS|NE|n\.?s\.?|[–—‐-]))+)[\x20\t]*$"
        ))
        .expect("the statistic line pattern is valid")
    });
    static V: OnceLock<Regex> = OnceLock::new();
    let value_pattern = V.get_or_init(|| {
        Regex::new(&format!(r"(?P<rel>[<>≤≥=])?[\x20]?(?P<num>{NUMBER})"))
            .expect("the statistic value pattern is valid")
    });
    let plain = scan.doc.plain.text.clone();
    let lines: Vec<(usize, &str)> = plain
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line.trim_end_matches(['\n', '\r'])))
        })
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let p_line = |text: &str| {
        line_pattern
            .captures(text)
            .is_some_and(|c| names_p(&without_comparison_marks(&c["label"])))
    };
    for (k, &(start, text)) in lines.iter().enumerate() {
        let Some(c) = line_pattern.captures(text) else {
            continue;
        };
        let label = without_comparison_marks(&c["label"]);
        let statistic = statistic_named(&label);
        let of_p = names_p(&label);
        let tests_above_ps =
            statistic.is_some() && lines.get(k + 1).is_some_and(|(_, l)| p_line(l));
        if !(of_p || tests_above_ps) {
            continue;
        }
        let values = c.name("values").expect("values");
        // Each cell: its whole range (the relation with it), its number's, its relation.
        let at = start + values.start();
        let cells: Vec<(Range<usize>, Range<usize>, Option<String>)> = value_pattern
            .captures_iter(values.as_str())
            .map(|v| {
                let num = v.name("num").expect("num");
                let rel = v.name("rel");
                (
                    at + rel.map_or(num.start(), |r| r.start())..at + num.end(),
                    at + num.start()..at + num.end(),
                    rel.map(|r| r.as_str().to_string()),
                )
            })
            .collect();
        if cells.iter().any(|(r, _, _)| !scan.free(r.clone())) {
            continue;
        }
        for (whole, number, rel) in cells {
            let Some(value) = scan.number(number.clone()) else {
                continue;
            };
            match statistic {
                Some(name) if !of_p && rel.is_none() => {
                    push_statistic(scan, number, name, value);
                }
                // A statistic printed as a bound (`> 10`) is none to check.
                Some(_) if !of_p => {}
                _ if (0.0..=1.0).contains(&value.number.value) => {
                    push_p(scan, whole, value, rel.as_deref());
                }
                _ => {}
            }
        }
    }
}

/// A row's label without the marks a table sets after `P` or `t` to tell its comparisons apart
/// (`P′`, `t’`, `P*#*`, `P#`), or to call a footnote.
fn without_comparison_marks(label: &str) -> String {
    label
        .trim()
        .trim_end_matches(['*', '†', '‡', '§', '#', '′', '’', '\'', ':'])
        .to_string()
}

/// A row's label that lays out its cells (`IGA 0/1, n (%)`, `例数（%）`) alone on a line, with
/// its cells on the lines below, one or a few to a line and each p on a line of its own, up
/// to the next label: how a journal's HTML table is copied when no table model takes it (a
/// cell a line). Each cell is read by the label's layout, as in a table
/// ([`super::cell_template`]); a line with words (the next row's label, a label with its cells
/// glued on, prose) ends the row, and a line that is only a p (`p = 0.0002`) or a placeholder
/// (`N/A`, `NR`, `–`) is passed over.
pub fn find_laid_out_lines(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    let mut layout: Option<CellTemplate> = None;
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let range = at..at + line.trim_end().len();
        at += line.len();
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        // A row's label starts with its words; a line of cells (`14 (11.4) N/A N/A`) is none.
        if let Some(l) = text
            .starts_with(char::is_alphabetic)
            .then(|| CellTemplate::of_label(text))
            .flatten()
            .filter(CellTemplate::decides_more_than_a_summary)
        {
            layout = Some(l);
            continue;
        }
        let Some(current) = layout.as_ref() else {
            continue;
        };
        if is_p_line(text) {
            continue;
        }
        let cells: Vec<Range<usize>> = line_cells(&plain, range)
            .into_iter()
            .filter(|c| !is_placeholder(plain[c.clone()].trim()))
            .collect();
        // A line with words is the next row's label, a label with its cells glued on
        // (`Weight (kg)74.8 (16.53)`), or prose: the row has ended.
        if cells
            .iter()
            .any(|c| plain[c.clone()].chars().any(char::is_alphabetic))
        {
            layout = None;
            continue;
        }
        for cell in cells {
            read_by_layout(scan, &plain, cell, current);
        }
    }
}

/// One column of a summary header printed with single spaces.
#[derive(Clone, Copy, PartialEq, Debug)]
enum SummaryColumn {
    N,
    Mean,
    Spread(&'static str),
}

/// A header that names each arm's summary columns in turn, set with single spaces as a PDF's
/// text prints them (`Mean SD N with data Mean SD N with data`, `N Mean S.E. N Mean S.E. N
/// Mean S.E.`): each column's kind, for one arm, and how many arms repeat them. `None` unless
/// the same columns (a mean, its spread right after it, and at most one n) repeat two times or
/// more.
fn repeated_summary_header(text: &str) -> Option<(Vec<SummaryColumn>, usize)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut columns: Vec<SummaryColumn> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let column = match w.to_ascii_lowercase().trim_end_matches('.') {
            "n" => SummaryColumn::N,
            "mean" => SummaryColumn::Mean,
            other => SummaryColumn::Spread(super::cues::spread_named(other)?),
        };
        columns.push(column);
        k += 1;
        // `N with data`, `N in trial`: the n's own words.
        if column == SummaryColumn::N
            && words.get(k).is_some_and(|w| ["with", "in"].contains(w))
            && words.get(k + 1).is_some()
        {
            k += 2;
        }
    }
    let period = columns
        .iter()
        .skip(1)
        .position(|c| *c == columns[0])
        .map(|p| p + 1)?;
    let arms = columns.len() / period;
    let one = &columns[..period];
    let mean = one.iter().position(|c| *c == SummaryColumn::Mean)?;
    let spread_follows = matches!(one.get(mean + 1), Some(SummaryColumn::Spread(_)));
    let ns = one.iter().filter(|c| **c == SummaryColumn::N).count();
    (arms >= 2
        && columns.len() == arms * period
        && columns.chunks(period).all(|c| c == one)
        && spread_follows
        && ns <= 1
        && one.len() == 2 + ns)
        .then(|| (one.to_vec(), arms))
}

/// The rows under a header repeating each arm's summary columns (`Mean SD N Mean SD N`), set
/// with single spaces (`Day 1 12.7 7.6 20 16.4 10.0 19`, or one long line: `機能障害(Functional
/// Impairment352 2.18 0.05 343 2.19 0.05 …`): each run of numbers as long as the header's columns, its last numbers taken (a row's
/// label may end in a number: `Day 1`), is read column by column, each arm's mean with its
/// spread, as the header names it, and its n. Runs that do not fit (an n that is no whole
/// number, a negative spread) are left to the other readers. The header's statement is the
/// table's own, so no number is guessed.
pub fn find_spaced_summary_rows(scan: &mut Scan) {
    static HEADER: OnceLock<Regex> = OnceLock::new();
    static NUMBER_RUN: OnceLock<Regex> = OnceLock::new();
    static ONE_NUMBER: OnceLock<Regex> = OnceLock::new();
    let header = HEADER.get_or_init(|| {
        Regex::new(r"(?:(?:\bN(?:\x20(?:with|in)\x20[a-z]+)?|\bMean|\bSD|\bS\.D\.|\bSE|\bS\.E\.|\bSEM|\bS\.E\.M\.)(?:\x20|$)){4,}")
            .expect("the spaced summary header pattern is valid")
    });
    let run = NUMBER_RUN.get_or_init(|| {
        let p = r"(?:NUMBER)(?:[\x20\t]+(?:NUMBER))*".replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the number run pattern is valid")
    });
    let number_in =
        ONE_NUMBER.get_or_init(|| Regex::new(NUMBER).expect("the number pattern is valid"));
    let plain = scan.doc.plain.text.clone();
    let headers: Vec<(usize, usize, Vec<SummaryColumn>, usize)> = header
        .find_iter(&plain)
        .filter_map(|m| {
            let (columns, arms) = repeated_summary_header(m.as_str())?;
            Some((m.start(), m.end(), columns, arms))
        })
        .collect();
    for (h, (_, end, columns, arms)) in headers.iter().enumerate() {
        let until = headers.get(h + 1).map_or(plain.len(), |next| next.0);
        let width = columns.len() * arms;
        for r in run.find_iter(&plain[*end..until]) {
            let numbers: Vec<Range<usize>> = number_in
                .find_iter(r.as_str())
                .map(|m| end + r.start() + m.start()..end + r.start() + m.end())
                .collect();
            if numbers.len() < width {
                continue;
            }
            let row = &numbers[numbers.len() - width..];
            read_spaced_summary_row(scan, row, columns);
        }
    }
}

/// One row's numbers under a [`repeated_summary_header`]: arm by arm, a mean with its spread
/// and its n, read only if every arm's numbers fit (a whole n above 0, a spread not below 0).
fn read_spaced_summary_row(scan: &mut Scan, row: &[Range<usize>], columns: &[SummaryColumn]) {
    let mut reads: Vec<(ItemKind, Range<usize>, Parts)> = Vec::new();
    for arm in row.chunks(columns.len()) {
        let mut mean: Option<(Range<usize>, super::Printed)> = None;
        // The arm's n, wherever its column stands, is its mean's n.
        let arm_n = columns
            .iter()
            .position(|c| *c == SummaryColumn::N)
            .and_then(|k| scan.number(arm[k].clone()));
        for (at, column) in arm.iter().zip(columns) {
            let Some(number) = scan.number(at.clone()) else {
                return;
            };
            if !scan.free(at.clone()) {
                return;
            }
            match column {
                SummaryColumn::N => {
                    if number.number.decimals > 0 || number.number.value < 1.0 {
                        return;
                    }
                    reads.push((
                        ItemKind::N,
                        at.clone(),
                        Parts {
                            value: Some(number),
                            ..Parts::default()
                        },
                    ));
                }
                SummaryColumn::Mean => mean = Some((at.clone(), number)),
                SummaryColumn::Spread(label) => {
                    let Some((mean_at, mean)) = mean.take() else {
                        return;
                    };
                    if number.number.value < 0.0 {
                        return;
                    }
                    reads.push((
                        ItemKind::MeanSpread,
                        mean_at.start..at.end,
                        Parts {
                            mean: Some(mean),
                            spread: Some(number),
                            spread_label: Some(label),
                            n: arm_n.clone(),
                            ..Parts::default()
                        },
                    ));
                }
            }
        }
    }
    for (kind, range, parts) in reads {
        scan.push(kind, range, parts);
    }
}

/// Lines of a table that print only bracketed numbers from 0 to 1, one under each cell of the
/// row above (`(0.0344) | (0.0017) | (<.0001) | (0.0123)`): each is that cell's p, as tables
/// print a within-arm test under its estimate. Only a p is printed as `<` a small number, so the
/// document decides: such lines are read as p's only where at least one of them prints a `<`.
pub fn find_bracketed_p_lines(scan: &mut Scan) {
    static C: OnceLock<Regex> = OnceLock::new();
    let cell = C.get_or_init(|| {
        Regex::new(r"^[(\[（]\s*(?P<sign>[<≤＜])?\s*(?P<p>0?[.·]\d+|0|1(?:[.·]0+)?)\s*[)\]）]$")
            .expect("the bracketed p cell pattern is valid")
    });
    let plain = scan.doc.plain.text.clone();
    let mut lines = Vec::new();
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let cells: Vec<std::ops::Range<usize>> = line
            .split(['|', '\t'])
            .scan(at, |offset, part| {
                let start = *offset;
                *offset += part.len() + 1;
                Some(start..start + part.len())
            })
            .map(|r| {
                let t = &plain[r.clone()];
                let lead = t.len() - t.trim_start().len();
                r.start + lead..r.start + t.trim_end().len()
            })
            .filter(|r| !r.is_empty())
            .collect();
        at += line.len();
        if cells.len() >= 2 && cells.iter().all(|c| cell.is_match(&plain[c.clone()])) {
            lines.push(cells);
        }
    }
    let signed = lines.iter().flatten().any(|c| {
        cell.captures(&plain[c.clone()])
            .is_some_and(|m| m.name("sign").is_some())
    });
    if !signed {
        return;
    }
    for c in lines.into_iter().flatten() {
        let caps = cell.captures(&plain[c.clone()]).expect("matched above");
        let p = caps.name("p").expect("a p");
        let range = c.start + p.start()..c.start + p.end();
        if !scan.free(c.clone()) {
            continue;
        }
        if let Some(value) = scan.number(range.clone()) {
            let sign = caps.name("sign").map(|s| s.as_str());
            push_p(
                scan,
                c.start + caps.get(0).expect("whole").start() + 1..range.end,
                value,
                sign,
            );
        }
    }
}

/// A line that is only a p (`p = 0.0002`, `P < 0.0001`), as a cell-a-line table prints the p
/// under its cell.
fn is_p_line(text: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"^(?i:p)\s*(?:value\s*)?[=<>≤≥＜＞]\s*[0-9.·]+\*?$")
            .expect("the p line pattern is valid")
    })
    .is_match(text)
}

/// A cell that stands for no number (`N/A`, `NA`, `NR`, `NE`, `–`, `-`).
fn is_placeholder(text: &str) -> bool {
    matches!(
        text,
        "N/A" | "NA" | "n/a" | "NR" | "NE" | "–" | "—" | "-" | "‐"
    )
}

/// The cells of one line of a cell-a-line table: each a run with its bracketed part
/// (`14 (11.4)`, `N/A`), in order.
fn line_cells(plain: &str, line: Range<usize>) -> Vec<Range<usize>> {
    static P: OnceLock<Regex> = OnceLock::new();
    let cell = P.get_or_init(|| {
        Regex::new(r"[^\s(\[（]+(?:\s*[(\[（][^)\]）]*[)\]）])*")
            .expect("the cell pattern is valid")
    });
    cell.find_iter(&plain[line.clone()])
        .map(|m| line.start + m.start()..line.start + m.end())
        .collect()
}

/// Every number a table's labels decide.
/// The data rows of `table` that are a section's categories with their percentages: two rows
/// or more right under a section's label (a row of one cell, or the header), each printing
/// only bare numbers from 0 to 100 after its label, whose numbers add up to 100 in every
/// column, within their rounding (`Depression diagnosis` over `None (%) 47.2 71.7`,
/// `Minor 18.9 7.6`, `Major 34.0 20.8`). The document's own numbers say they are shares of
/// one whole; a label's `(%)` alone may be a unit (`HbA1c (%)`).
fn category_rows(plain: &str, table: &super::table::Table) -> Vec<usize> {
    let bare = |c: &Range<usize>| {
        cell_pattern()
            .captures(&plain[c.clone()])
            .filter(|m| m.name("rel").is_none())
            .and_then(|m| TextNumber::parse(m.name("num")?.as_str()).ok())
            .filter(|n| (0.0..=100.0).contains(&n.value))
    };
    // A row's filled cells after its label (a copy's trailing empty cells dropped).
    let values = |row: &super::table::Row| -> Vec<Range<usize>> {
        let filled = super::table::filled_width(plain, row);
        row.cells[1.min(filled)..filled].to_vec()
    };
    let is_bare_row = |row: &super::table::Row| {
        let v = values(row);
        !v.is_empty() && v.iter().all(|c| bare(c).is_some())
    };
    let mut out = Vec::new();
    let mut r = table.header_rows;
    while r < table.rows.len() {
        // A section's label: a row with no cell filled after its label, or only its last
        // (the section's own p, `Depression diagnosis (2) | | | 0.001`).
        let section = |row: &super::table::Row| {
            let after = values(row);
            let empty = |c: &Range<usize>| plain[c.clone()].trim().is_empty();
            after.iter().all(empty)
                || after.len() >= 2 && after[..after.len() - 1].iter().all(empty)
        };
        let opens = r == table.header_rows || section(&table.rows[r - 1]);
        let end = (r..table.rows.len())
            .find(|&k| !is_bare_row(&table.rows[k]))
            .unwrap_or(table.rows.len());
        if !opens || end < r + 2 {
            r = end.max(r + 1);
            continue;
        }
        // The categories run from the section's label to where the shares add up (a row of
        // another measure may follow them under the same label).
        let adds_up = |block: &[super::table::Row]| {
            let rows: Vec<Vec<Range<usize>>> = block.iter().map(values).collect();
            let width = rows.iter().map(Vec::len).min().unwrap_or(0);
            width > 0
                && (0..width).all(|c| {
                    let col: Vec<TextNumber> = rows.iter().filter_map(|v| bare(&v[c])).collect();
                    let sum: f64 = col.iter().map(|n| n.value).sum();
                    // Each share rounded to its printed digits is off by half a unit there.
                    let slack: f64 = col.iter().map(TextNumber::half_unit).sum();
                    (sum - 100.0).abs() <= slack + 1e-9
                })
        };
        if let Some(len) = (2..=end - r)
            .rev()
            .find(|&len| adds_up(&table.rows[r..r + len]))
        {
            out.extend(r..r + len);
        }
        r = end;
    }
    out
}

pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    let tables = std::mem::take(&mut scan.tables);
    for table in &tables.tables {
        read_lone_bounded_ps(scan, &plain, table);
        read_last_column_ps(scan, &plain, table);
        let categories = category_rows(&plain, table);
        let (counts_by_statement, counts_but_marked) = (
            brackets_are_counts(&table.statement),
            counts_except_marked_rows(&table.statement),
        );
        let mean_spread_pairs = mean_spread_columns(&plain, table);
        let count_percent_pairs = count_percent_columns(&plain, table);
        let sections_counted = counted_by_sections(&plain, table);
        for (r, row) in table.rows.iter().enumerate() {
            // The label is the first filled cell, or an empty one of no width: the place of a
            // label printed on the lines above (a row of values alone).
            let Some(first) = row
                .cells
                .iter()
                .position(|c| c.is_empty() || !plain[c.clone()].trim().is_empty())
            else {
                continue;
            };
            if table.is_data_row(r) {
                read_mean_spread_cells(scan, &plain, &row.cells[first + 1..], &mean_spread_pairs);
                if count_percent_pairs {
                    read_count_percent_cells(scan, &plain, &row.cells[first + 1..]);
                }
            }
            let label = &plain[row.cells[first].clone()];
            let by_row = cells_of(label);
            // `Values are n (%) except * which are mean (SD)`: the rows with no mark count.
            let by_statement = (counts_by_statement
                || counts_but_marked
                    .as_deref()
                    .is_some_and(|m| !label.contains(m)))
            .then_some(CellsOf::CountPercent);
            // Where no label or header says what the cells are, the row's own numbers may.
            let by_numbers = (table.is_data_row(r)
                && counts_with_their_columns_percents(&plain, table, r))
            .then_some(CellsOf::CountPercent);
            let by_section = (table.is_data_row(r)
                && by_row.is_none()
                && !super::table::states_its_statistic(label.trim()))
            .then(|| sections_counted[r])
            .flatten();
            let row_layout =
                CellTemplate::of_label(label).filter(CellTemplate::decides_more_than_a_summary);
            for (k, cell) in row.cells.iter().enumerate().skip(first + 1) {
                let header_cells = table
                    .is_data_row(r)
                    .then(|| table.column_header_cells(&plain, r, k));
                let header = header_cells
                    .as_deref()
                    .map(|cells| super::table::header_text(&plain, cells));
                // The whole header, or else the cell nearest the data (`p0` under a group's
                // name spanning its columns).
                let by_column = header.as_deref().and_then(cells_of).or_else(|| {
                    header_cells
                        .as_deref()
                        .and_then(<[Range<usize>]>::last)
                        .and_then(|c| cells_of(plain[c.clone()].trim()))
                });
                // A layout the row's label or the column's header declares reads the cell,
                // unless that column holds only p's or n's (a `P` column crosses every row).
                let column_layout = header.as_deref().and_then(|h| {
                    CellTemplate::of_label(h)
                        .filter(CellTemplate::decides_more_than_a_summary)
                        .or_else(|| CellTemplate::of_interval_header(h))
                });
                if !matches!(by_column, Some(CellsOf::N | CellsOf::P))
                    && let Some(layout) = row_layout.as_ref().or(column_layout.as_ref())
                    && read_by_layout(scan, &plain, cell.clone(), layout)
                {
                    continue;
                }
                // A row labelled `n` or `P` decides its cells; else a column headed so does
                // (a `P` column crosses a row of `n (%)`); else the row's or column's `(%)`.
                let of = match (by_row, by_column) {
                    (Some(CellsOf::N | CellsOf::P), _) => by_row,
                    (_, Some(CellsOf::N | CellsOf::P)) => by_column,
                    _ if categories.contains(&r) => Some(CellsOf::Percent),
                    _ => by_row
                        .or(by_column)
                        .or(by_section)
                        .or(by_numbers)
                        .or(by_statement),
                };
                let of = of.or_else(|| counts_of_the_flow(label, plain[cell.clone()].trim()));
                read_cell(scan, &plain, cell.clone(), of);
            }
        }
    }
    scan.tables = tables;
}

/// A row of the patients' flow (`Randomized 34 22`, `Withdrawn 6 0`, `reported on N 28 22`)
/// counts people in each column, where a cell is a bare whole number.
fn counts_of_the_flow(label: &str, cell: &str) -> Option<CellsOf> {
    (names_patient_flow(label) && !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()))
        .then_some(CellsOf::N)
}

/// The count (percent) layout a section's label row states for each data row under it
/// (`Marital Status-N (%) | 0.934 | | |` over `Married | 12 (57) | 7 (64) | 20 (60)`): the
/// nearest row above stating what its cells print, where that row prints no values of its own
/// (its p at most) and states counts with their percentages. A row stating its own (`BMI -
/// Mean ± SD`) ends the section. Every cell of the levels is then a count and its share, one
/// whose percentage no count of the column's n gives too (a printed error, for `check`).
///
/// Every row's at once, top down: asked row by row up the table, a table of thousands of rows
/// stating nothing would be read in a time quadratic in its rows.
fn counted_by_sections(plain: &str, table: &super::table::Table) -> Vec<Option<CellsOf>> {
    let mut out = Vec::with_capacity(table.rows.len());
    // The section stated by the nearest row above that says what its cells print.
    let mut nearest: Option<CellsOf> = None;
    for (k, row) in table.rows.iter().enumerate() {
        out.push(nearest);
        if k < table.header_rows {
            continue;
        }
        let label = row.cells.first().map_or("", |c| plain[c.clone()].trim());
        let Some(of) = cells_of(label) else {
            continue;
        };
        let values = row.cells[1..]
            .iter()
            .filter(|c| !plain[(*c).clone()].trim().is_empty())
            .count();
        nearest = (values <= 1 && of == CellsOf::CountPercent).then_some(of);
    }
    out
}

/// The mark of the rows a table's legend excepts from its counts (`Values are n (%) except *
/// which are mean (SD)`, `Data are number (%) unless marked †`): every other row's `a (b)` is
/// a count with its percent. `None` where the legend says no such thing.
///
/// ```
/// # use trialstats_documents::draft::table_row::counts_except_marked_rows;
/// assert_eq!(counts_except_marked_rows("Values are n (%) except * which are mean (SD)."), Some("*".to_string()));
/// assert_eq!(counts_except_marked_rows("Data are number (%) unless marked †"), Some("†".to_string()));
/// assert_eq!(counts_except_marked_rows("Values are n (%) or mean (SD)."), None);
/// ```
pub fn counts_except_marked_rows(statement: &str) -> Option<String> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?i)(?:values|data|figures)\s+(?:are|were)\s+(?:(?:shown|presented|given|expressed)\s+as\s+)?(?:n|no\.?|numbers?)\s*\((?:%|percentages?)\)\s*,?\s*(?:except|unless)\s+(?:for\s+)?(?:those\s+|rows\s+)?(?:marked\s+)?(?:with\s+|by\s+)?(?:an?\s+)?(?P<mark>[*†‡§¶#]+)")
            .expect("the excepted rows pattern is valid")
    });
    p.captures(statement)
        .and_then(|c| c.name("mark"))
        .map(|m| m.as_str().to_string())
}

/// Does a table's statement say that a number with one other in brackets is a count with its
/// percent, and print its means otherwise (`Data are presented as n (%), median (interquartile
/// range) or mean±sd`)? Then `26 (60)` is 26 people, 60 %, never a mean and its SD.
fn brackets_are_counts(statement: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let s = statement.to_lowercase();
    let counts = ["n (%)", "n(%)", "no. (%)", "number (%)", "例数(%)", "例(%)"]
        .iter()
        .any(|w| s.contains(w));
    let means_with_plus_minus = P
        .get_or_init(|| {
            Regex::new(r"mean\s*(?:±|\+/-)\s*(?:sd|s\.d\.|standard deviation|se|sem)\b")
                .expect("the mean ± statement pattern is valid")
        })
        .is_match(&s);
    let means_in_brackets = s.contains("mean (") || s.contains("mean(");
    counts && means_with_plus_minus && !means_in_brackets
}

/// Does data row `r` print counts with their percents (`54 (31.0)  35 (28.9)  19 (35.8)`)
/// where nothing labels them so? The document's own numbers decide: under headers that print
/// each column's n (`Total sample (n = 174)`, `Men (n = 121)`), or beside the row's own n in
/// a column headed as one (`調査例数 | 著明改善 | …` over `121 | 4(3.3) | 24(19.8)`, a row per
/// subgroup), every `a (b)` cell of the row is a whole count `a` of at most that n whose
/// share `100·a/m` rounds to `b` at `b`'s decimals for m that n or down to 95 % of it (the
/// patients with data), in two columns or more. A mean with its
/// SD fits that by chance in one column now and then, in every column of a row almost never.
fn counts_with_their_columns_percents(plain: &str, table: &super::table::Table, r: usize) -> bool {
    let header_of =
        |k: usize| super::table::header_text(plain, &table.column_header_cells(plain, r, k));
    // The row's n: a whole number under the one column headed as an n.
    let mut row_ns = table.rows[r]
        .cells
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(k, _)| super::table::names_n(&header_of(*k)))
        .map(|(_, cell)| plain[cell.clone()].trim().parse::<u64>().ok());
    let row_n = match (row_ns.next(), row_ns.next()) {
        (Some(n), None) => n,
        _ => None,
    };
    let mut fitting = 0;
    for (k, cell) in table.rows[r].cells.iter().enumerate().skip(1) {
        let Some(c) = count_percent_pattern().captures(&plain[cell.clone()]) else {
            continue;
        };
        let n = super::table::n_printed_in(&header_of(k)).or(row_n);
        let (count, pct) = (&c["count"], &c["pct"]);
        // The project's exact rounding (as GRIM's and `check percent`'s): the counts k whose
        // share k · 100 / m rounds to the printed percent, ties either way. The whole m is the
        // column's n, or a few fewer (down to 95 % of it): a characteristic's percentages are
        // of the patients with data (`Paid work 626 (84.0)` of 745 under `n = 747`, its
        // section's `Missing` row 2).
        let fits = match (
            n,
            count.parse::<u64>(),
            ReportedNumber::parse(pct, "table cell"),
        ) {
            (Some(n), Ok(count), Ok(percent)) if n > 0 && count <= n => {
                let fewest = (n as f64 * 0.95).ceil() as u64;
                (fewest.max(count).max(1)..=n).rev().any(|m| {
                    percent
                        .integers_rounding_here(100, i128::from(m), Rounding::UpOrDown)
                        .is_ok_and(|k| k.first <= i128::from(count) && i128::from(count) <= k.last)
                })
            }
            _ => false,
        };
        if !fits {
            return false;
        }
        fitting += 1;
    }
    fitting >= 2
}

/// In a table with a p column, a cell that prints only a `<` and a number below 1 (`< 0.001`,
/// `<.05`) is a p, wherever the row puts it: a section's label row prints the p of its
/// comparison beside the label (`Physical functioning | < 0.001`), out of the p column's
/// place. Only a p is printed as "less than a small number" in a table of results.
fn read_lone_bounded_ps(scan: &mut Scan, plain: &str, table: &super::table::Table) {
    if !table.column_headers().iter().any(|cells| {
        names_p(&super::table::header_text(plain, cells))
            || cells.iter().any(|c| names_p(&plain[c.clone()]))
    }) {
        return;
    }
    static P: OnceLock<Regex> = OnceLock::new();
    let lone = P.get_or_init(|| {
        Regex::new(r"^(?P<sign>[<≤＜])\s*(?P<p>0?[.·]\d+)$").expect("the lone p pattern is valid")
    });
    for row in &table.rows {
        for cell in &row.cells {
            let text = plain[cell.clone()].trim();
            let Some(c) = lone.captures(text) else {
                continue;
            };
            let lead = plain[cell.clone()].len() - plain[cell.clone()].trim_start().len();
            let start = cell.start + lead;
            let p = c.name("p").expect("a p");
            let range = start + p.start()..start + p.end();
            if !scan.free(start..start + text.len()) {
                continue;
            }
            if let Some(value) = scan.number(range.clone()) {
                push_p(scan, start..range.end, value, Some(&c["sign"]));
            }
        }
    }
}

/// A table whose header rows end in a p's column (`… | Placebo | p-Value |`): each data row's
/// last filled cell, where it is one number from 0 to 1, is that row's p, wherever the
/// header's other cells stand (a row naming its variable and category in two cells stands one
/// column right of the others, and its p still closes it). Tables print the p last.
fn read_last_column_ps(scan: &mut Scan, plain: &str, table: &super::table::Table) {
    let last_filled = |row: &super::table::Row| {
        row.cells
            .iter()
            .rev()
            .find(|c| !plain[(*c).clone()].trim().is_empty())
            .cloned()
    };
    let p_headers: Vec<&str> = table.rows[..table.header_rows.min(table.rows.len())]
        .iter()
        .filter_map(|row| last_filled(row).map(|c| plain[c].trim()))
        .filter(|h| names_p(h))
        .collect();
    if p_headers.is_empty() {
        return;
    }
    // A p with its effect size in brackets (`0.22 (0.36)`) only where the header says so.
    let with_effect = p_headers
        .iter()
        .any(|h| super::table::names_p_with_its_effect(h));
    for (r, row) in table.rows.iter().enumerate() {
        if !table.is_data_row(r) {
            continue;
        }
        let Some(cell) = last_filled(row).filter(|c| row.cells.first() != Some(c)) else {
            continue;
        };
        let Some(c) = cell_pattern().captures(&plain[cell.clone()]).or_else(|| {
            with_effect
                .then(|| p_with_effect_pattern().captures(&plain[cell.clone()]))
                .flatten()
        }) else {
            continue;
        };
        let num = c.name("num").expect("num");
        let range = cell.start + num.start()..cell.start + num.end();
        let whole = cell.start + c.name("rel").map_or(num.start(), |m| m.start())..range.end;
        if !scan.free(whole.clone()) {
            continue;
        }
        let Some(value) = scan.number(range) else {
            continue;
        };
        if (0.0..=1.0).contains(&value.number.value) && value.number.decimals >= 1 {
            push_p(scan, whole, value, c.name("rel").map(|m| m.as_str()));
        }
    }
}

/// The spreads a header row of means and spreads in columns of their own names, pair by pair
/// (`Mean | SD | Mean | SD` under `Before | After`, as tables print a summary's two numbers in
/// two columns): a header row whose filled cells are only a mean's name, each followed by a
/// spread's (`SD`, `SE`, `SEM`, `標準偏差`). Empty where no header row is so. The stub's
/// cell above the row labels is often left out of such a row, so the pairs are the data
/// rows' first value cells, counted from the row's label, not aligned by the header's cells.
fn mean_spread_columns(plain: &str, table: &super::table::Table) -> Vec<&'static str> {
    let is_mean = |t: &str| {
        ["mean", "means", "m", "average", "平均", "平均値"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
    };
    let spread = super::cues::spread_named;
    for row in &table.rows[..table.header_rows.min(table.rows.len())] {
        let filled: Vec<&str> = row
            .cells
            .iter()
            .map(|c| plain[c.clone()].trim())
            .filter(|t| !t.is_empty())
            .collect();
        // The pairs open the row; the comparison's columns may follow them (`Mean | SD |
        // Mean | SD | Mean diff. | 95% CI | p`), each of its own.
        let pairs: Vec<&'static str> = filled
            .chunks_exact(2)
            .map_while(|p| is_mean(p[0]).then(|| spread(p[1])).flatten())
            .collect();
        let rest = &filled[2 * pairs.len()..];
        if !pairs.is_empty()
            && rest
                .iter()
                .all(|t| !is_mean(t) && spread(t).is_none() && super::table::names_statistic(t))
        {
            return pairs;
        }
    }
    Vec::new()
}

/// Does a header row name counts and their percentages in columns of their own, pair by pair
/// (`N | % | N | %` under the groups' names, as tables print a count and its share in two
/// columns)? A header row whose filled cells are only such pairs.
fn count_percent_columns(plain: &str, table: &super::table::Table) -> bool {
    let is_count = |t: &str| {
        ["n", "no.", "no", "number", "例数", "例", "人数"]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
    };
    table.rows[..table.header_rows.min(table.rows.len())]
        .iter()
        .any(|row| {
            let filled: Vec<&str> = row
                .cells
                .iter()
                .map(|c| plain[c.clone()].trim())
                .filter(|t| !t.is_empty())
                .collect();
            filled.len() >= 2
                && filled.len() % 2 == 0
                && filled
                    .chunks_exact(2)
                    .all(|p| is_count(p[0]) && matches!(p[1], "%" | "(%)" | "％"))
        })
}

/// The plain range of the one number a cell holds with no relation sign before it (`15`,
/// `21.7*`), if it holds one.
fn bare_number(plain: &str, cell: &Range<usize>) -> Option<Range<usize>> {
    let c = cell_pattern().captures(&plain[cell.clone()])?;
    if c.name("rel").is_some() {
        return None;
    }
    let num = c.name("num")?;
    Some(cell.start + num.start()..cell.start + num.end())
}

/// A data row's value cells, two by two, as [`count_percent_columns`] names them: a cell of
/// one whole number and the next of one number from 0 to 100 are a count and its percentage.
fn read_count_percent_cells(scan: &mut Scan, plain: &str, values: &[Range<usize>]) {
    for pair in values.chunks_exact(2) {
        let (Some(count_at), Some(pct_at)) =
            (bare_number(plain, &pair[0]), bare_number(plain, &pair[1]))
        else {
            continue;
        };
        let whole = count_at.start..pct_at.end;
        if let (true, Some(count), Some(value)) = (
            scan.free(whole.clone()),
            scan.number(count_at),
            scan.number(pct_at),
        ) && count.number.decimals <= 0
            && (0.0..=100.0).contains(&value.number.value)
        {
            scan.push_percent_of_count(whole, value, count);
        }
    }
}

/// A data row's first value cells, two by two, as the means and spreads [`mean_spread_columns`]
/// names: each pair of cells holding one number each (no relation sign) is one mean ± spread
/// with the header's spread.
fn read_mean_spread_cells(
    scan: &mut Scan,
    plain: &str,
    values: &[Range<usize>],
    pairs: &[&'static str],
) {
    for (k, label) in pairs.iter().enumerate() {
        let (Some(mean_cell), Some(spread_cell)) = (values.get(2 * k), values.get(2 * k + 1))
        else {
            return;
        };
        let (Some(mean_at), Some(spread_at)) = (
            bare_number(plain, mean_cell),
            bare_number(plain, spread_cell),
        ) else {
            continue;
        };
        let whole = mean_at.start..spread_at.end;
        if let (true, Some(mean), Some(spread)) = (
            scan.free(whole.clone()),
            scan.number(mean_at),
            scan.number(spread_at),
        ) && spread.number.value >= 0.0
        {
            scan.push(
                ItemKind::MeanSpread,
                whole,
                Parts {
                    mean: Some(mean),
                    spread: Some(spread),
                    spread_label: Some(label),
                    ..Parts::default()
                },
            );
        }
    }
}

/// A number in a cell, its relation sign (`<`, `≤`) where one stands before it, and its
/// group: the numbers outside brackets, then each bracket.
struct CellNumber {
    range: Range<usize>,
    relation: Option<Range<usize>>,
}

/// The numbers of a cell in groups, as [`CellTemplate::assign`] takes them, or `None` when the
/// cell holds words (`NA`, `vs`) or brackets within brackets: such a cell is left to the
/// other readers. A hyphen right after a digit separates bounds (`4-10`), and is no minus.
fn cell_groups(plain: &str, cell: Range<usize>) -> Option<Vec<Vec<CellNumber>>> {
    static P: OnceLock<Regex> = OnceLock::new();
    let number = P.get_or_init(|| Regex::new(NUMBER).expect("NUMBER is valid"));
    let text = &plain[cell.clone()];
    let mut groups: Vec<Vec<CellNumber>> = vec![Vec::new()];
    let mut depth = 0;
    let mut pos = 0;
    let mut relation: Option<Range<usize>> = None;
    for m in number.find_iter(text) {
        let mut start = m.start();
        let gap = &text[pos..start];
        // Bounds joined by `to` (`−0.4 to 1.6`, a CI's cell of its own) are joined as by a
        // dash. (Inside a bracket, `12 (0 to 25)`, the cell is left to the readers of text.)
        let joined_by_to = groups.len() == 1 && groups[0].len() == 1 && gap.trim() == "to";
        for (i, c) in gap.char_indices().filter(|_| !joined_by_to) {
            match c {
                '(' | '[' | '（' => {
                    depth += 1;
                    groups.push(Vec::new());
                }
                ')' | ']' | '）' => {
                    depth -= 1;
                    groups.push(Vec::new());
                }
                '<' | '>' | '≤' | '≥' | '＜' | '＞' => {
                    relation = Some(cell.start + pos + i..cell.start + pos + i + c.len_utf8())
                }
                // A Japanese counter after a count (`(1例)`, `12名`) is the count's.
                c if c.is_whitespace() || "±,;/~:=%％*†‡§¶+-例名人件".contains(c) => {}
                _ => return None,
            }
            if !(0..=1).contains(&depth) {
                return None;
            }
        }
        if text[start..].starts_with('-') && text[..start].ends_with(|c: char| c.is_ascii_digit()) {
            start += 1;
        }
        groups
            .last_mut()
            .expect("one group at least")
            .push(CellNumber {
                range: cell.start + start..cell.start + m.end(),
                relation: relation.take(),
            });
        pos = m.end();
    }
    let rest = &text[pos..];
    if rest
        .chars()
        .any(|c| !(c.is_whitespace() || "()[]（）%％*†‡§¶例名人件".contains(c)))
    {
        return None;
    }
    groups.retain(|g| !g.is_empty());
    Some(groups)
}

/// Read a cell by the layout its label declares; `false` when the cell has another shape
/// (then the other readers take it).
fn read_by_layout(scan: &mut Scan, plain: &str, cell: Range<usize>, layout: &CellTemplate) -> bool {
    let Some(groups) = cell_groups(plain, cell.clone()) else {
        return false;
    };
    let ranges: Vec<Vec<Range<usize>>> = groups
        .iter()
        .map(|g| g.iter().map(|n| n.range.clone()).collect())
        .collect();
    let Some(slots) = layout.assign(&ranges) else {
        return false;
    };
    let relations: Vec<Option<Range<usize>>> =
        groups.into_iter().flatten().map(|n| n.relation).collect();
    if !scan.free(cell.clone()) {
        return false;
    }
    let laid_out = LaidOutCell {
        plain,
        end: cell.end,
        slots,
        relations,
    };
    let mut k = 0;
    while k < laid_out.slots.len() {
        let Some(value) = scan.number(laid_out.slots[k].1.clone()) else {
            return true;
        };
        k += laid_out.push_slot(scan, k, value);
    }
    true
}

/// A cell whose numbers its label's layout has placed: each number's slot and span, and the
/// sign printed before each (`<` of a p).
struct LaidOutCell<'a> {
    plain: &'a str,
    /// Where the cell ends.
    end: usize,
    slots: Vec<(Slot, Range<usize>)>,
    relations: Vec<Option<Range<usize>>>,
}

impl LaidOutCell<'_> {
    /// The cell's end, past the bracket that closes its last number (ending at `end`).
    fn closing(&self, end: usize) -> usize {
        let after = &self.plain[end..self.end];
        let skip = after.len() - after.trim_start_matches([' ', '%', '％']).len();
        let after = &after[skip..];
        end + skip
            + after
                .chars()
                .next()
                .filter(|c| matches!(c, ')' | ']' | '）'))
                .map_or(0, char::len_utf8)
    }

    /// The span from `from` to past the bracket closing the number that ends at `to`.
    fn whole(&self, from: usize, to: usize) -> Range<usize> {
        from..self.closing(to)
    }

    /// Pushes the item the slots from `k` on make (`value` the number in slot `k`), and
    /// returns how many slots it took.
    /// A percentage with its count, the cell's numbers from `span.start` to `span.end`.
    fn push_percent(
        &self,
        scan: &mut Scan,
        span: Range<usize>,
        percent: Option<super::Printed>,
        count: Option<super::Printed>,
    ) {
        scan.push(
            ItemKind::Percent,
            self.whole(span.start, span.end),
            Parts {
                value: percent,
                count,
                ..Parts::default()
            },
        );
    }

    fn push_slot(&self, scan: &mut Scan, k: usize, value: super::Printed) -> usize {
        let slots = &self.slots;
        let (slot, range) = (slots[k].0, slots[k].1.clone());
        let next = slots.get(k + 1).map(|(s, r)| (*s, r.clone()));
        match (slot, next) {
            (Slot::Count, Some((Slot::Whole, of))) => self.push_count_of_whole(scan, k, value, of),
            (Slot::Count, Some((Slot::Percent, pct))) => {
                let percent = scan.number(pct.clone());
                self.push_percent(scan, range.start..pct.end, percent, Some(value));
                2
            }
            // `% (n)`, as `率(人数)` lays it out: the percentage with its count after it.
            (Slot::Percent, Some((Slot::Count, count))) => {
                let count_value = scan.number(count.clone());
                self.push_percent(scan, range.start..count.end, Some(value), count_value);
                2
            }
            (Slot::Percent, _) => {
                scan.push_value(ItemKind::Percent, self.whole(range.start, range.end), value);
                1
            }
            (Slot::Mean, Some((Slot::Spread(label), spread))) => {
                scan.push(
                    ItemKind::MeanSpread,
                    self.whole(range.start, spread.end),
                    Parts {
                        mean: Some(value),
                        spread: scan.number(spread.clone()),
                        spread_label: label,
                        ..Parts::default()
                    },
                );
                2
            }
            (Slot::Median, Some((Slot::Bounds(b @ (Bounds::Quartiles | Bounds::Range)), lo))) => {
                let hi = slots
                    .get(k + 2)
                    .map(|(_, r)| r.clone())
                    .unwrap_or(lo.clone());
                scan.push(
                    if b == Bounds::Range {
                        ItemKind::MedianRange
                    } else {
                        ItemKind::MedianIqr
                    },
                    self.whole(range.start, hi.end),
                    Parts {
                        median: Some(value),
                        lower: scan.number(lo),
                        upper: scan.number(hi),
                        ..Parts::default()
                    },
                );
                3
            }
            (Slot::Bounds(Bounds::Ci), _) => {
                let hi = slots
                    .get(k + 1)
                    .map(|(_, r)| r.clone())
                    .unwrap_or(range.clone());
                scan.push(
                    ItemKind::Ci,
                    self.whole(range.start, hi.end),
                    Parts {
                        lower: Some(value),
                        upper: scan.number(hi),
                        ..Parts::default()
                    },
                );
                2
            }
            (Slot::P, _) if (0.0..=1.0).contains(&value.number.value) => {
                let relation = self.relations[k].clone();
                let sign = relation.as_ref().map(|r| &self.plain[r.clone()]);
                let start = relation.as_ref().map_or(range.start, |r| r.start);
                push_p(scan, self.whole(start, range.end), value, sign);
                1
            }
            (Slot::Ratio(kind), _) => {
                push_ratio(scan, range, value, kind);
                1
            }
            // A point with nothing the layout pairs it with (`LS mean` before its CI, a count
            // alone): a number.
            _ => {
                scan.push_value(ItemKind::Number, range, value);
                1
            }
        }
    }

    /// Pushes a count (`value`, slot `k`) of the whole at `of`, as a percentage when the next
    /// slot is one (`n/N (%)`) or else as a count of a whole, and returns how many slots it
    /// took. A whole that is no whole number (a person-time) makes both plain numbers.
    fn push_count_of_whole(
        &self,
        scan: &mut Scan,
        k: usize,
        value: super::Printed,
        of: Range<usize>,
    ) -> usize {
        let range = self.slots[k].1.clone();
        let of_value = scan.number(of.clone());
        // A whole is a whole number: a count beside a person-time (`No. of episodes; no. of
        // child-yr` over `384; 259.5`) is a rate's two terms, each a number of its own. (A
        // count larger than its whole stays one, for `check` to report.)
        let a_whole = |o: &super::Printed| o.number.value.fract() == 0.0;
        if !of_value.as_ref().is_some_and(a_whole) {
            scan.push_value(ItemKind::Number, range, value);
            if let Some(o) = of_value {
                scan.push_value(ItemKind::Number, of, o);
            }
            return 2;
        }
        match self.slots.get(k + 2).map(|(s, r)| (*s, r.clone())) {
            Some((Slot::Percent, pct)) => {
                let pct_value = scan.number(pct.clone());
                scan.push(
                    ItemKind::Percent,
                    self.whole(range.start, pct.end),
                    Parts {
                        value: pct_value,
                        count: Some(value),
                        of: of_value,
                        ..Parts::default()
                    },
                );
                3
            }
            _ => {
                scan.push(
                    ItemKind::CountOf,
                    range.start..of.end,
                    Parts {
                        count: Some(value),
                        of: of_value,
                        ..Parts::default()
                    },
                );
                2
            }
        }
    }
}

/// Does a cell's bracket hold two numbers, an interval's bounds (`15.6 (13.9–17.5)`), rather
/// than one (`67 (1.3)`: a count with its share, printed under the wrong column)?
fn bracket_holds_an_interval(cell: &str) -> bool {
    static NUM: OnceLock<Regex> = OnceLock::new();
    let num = NUM.get_or_init(|| Regex::new(NUMBER).expect("the number pattern is valid"));
    cell.find(['(', '（', '['])
        .is_some_and(|open| num.find_iter(&cell[open..]).count() == 2)
}

/// A rate under a label naming one (`Event rate per 100 person-years`), standing at `range`.
fn push_rate(scan: &mut Scan, range: Range<usize>, value: super::Printed) {
    scan.push(
        ItemKind::Rate,
        range,
        Parts {
            value: Some(value),
            per: Some("year".to_string()),
            ..Parts::default()
        },
    );
}

/// A ratio of the kind a label names (`hazard ratio`), standing at `range`.
fn push_ratio(scan: &mut Scan, range: Range<usize>, value: super::Printed, kind: &'static str) {
    scan.push(
        ItemKind::Ratio,
        range,
        Parts {
            value: Some(value),
            ratio: Some(kind),
            ..Parts::default()
        },
    );
}

fn read_cell(scan: &mut Scan, plain: &str, cell: Range<usize>, of: Option<CellsOf>) {
    let text = &plain[cell.clone()];
    if let Some(c) = n_after_semicolon_pattern().captures(text) {
        let num = c.name("num").expect("num");
        let range = cell.start + num.start()..cell.start + num.end();
        if scan.free(range.clone())
            && let Some(value) = scan.number(range.clone())
            && value.number.value >= 1.0
            && value.number.decimals <= 0
        {
            scan.push_value(ItemKind::N, range, value);
        }
        return;
    }
    if of == Some(CellsOf::CountPercent) {
        if let Some(c) = count_percent_pattern().captures(text) {
            let count = c.name("count").expect("count");
            let pct = c.name("pct").expect("pct");
            let whole = cell.start + count.start()..cell.start + c.get(0).expect("m").end();
            let whole = whole.start..cell.start + text.trim_end().len();
            if let (true, Some(count), Some(value)) = (
                scan.free(whole.clone()),
                scan.number(cell.start + count.start()..cell.start + count.end()),
                scan.number(cell.start + pct.start()..cell.start + pct.end()),
            ) && count.number.decimals <= 0
                && (0.0..=100.0).contains(&value.number.value)
            {
                scan.push_percent_of_count(whole, value, count);
            }
        }
        return;
    }
    if let Some(CellsOf::Ratio(kind)) = of {
        // `0.90 (0.78–1.04)`: the ratio; its interval is read as an interval.
        if let Some(m) = ratio_cell_pattern()
            .captures(text)
            .and_then(|c| c.name("num"))
        {
            let range = cell.start + m.start()..cell.start + m.end();
            if scan.free(range.clone())
                && let Some(value) = scan.number(range.clone())
                && value.number.value > 0.0
                && !value.number.text.starts_with(['-', '+'])
            {
                push_ratio(scan, range, value, kind);
            }
        }
        return;
    }
    if of == Some(CellsOf::Rate)
        && bracket_holds_an_interval(text)
        && let Some(m) = ratio_cell_pattern()
            .captures(text)
            .and_then(|c| c.name("num"))
    {
        // `15.6 (13.9–17.5)` under `Event rate per 100 person-years (95% CI)`: the rate; its
        // interval is read as an interval.
        let range = cell.start + m.start()..cell.start + m.end();
        if scan.free(range.clone())
            && let Some(value) = scan.number(range.clone())
            && value.number.value >= 0.0
        {
            push_rate(scan, range, value);
        }
        return;
    }
    let Some(c) = cell_pattern().captures(text) else {
        return;
    };
    let num = c.name("num").expect("num");
    let range = cell.start + num.start()..cell.start + num.end();
    let whole =
        cell.start + c.name("rel").map_or(num.start(), |r| r.start())..cell.start + num.end();
    if !scan.free(whole.clone()) {
        return;
    }
    let Some(value) = scan.number(range) else {
        return;
    };
    match of {
        Some(CellsOf::N) if value.number.value >= 0.0 && value.number.decimals <= 0 => {
            scan.push_value(ItemKind::N, whole, value);
        }
        Some(CellsOf::P) if (0.0..=1.0).contains(&value.number.value) => {
            push_p(scan, whole, value, c.name("rel").map(|r| r.as_str()));
        }
        Some(CellsOf::Percent) => scan.push_value(ItemKind::Percent, whole, value),
        Some(CellsOf::Rate) if value.number.value >= 0.0 && c.name("rel").is_none() => {
            push_rate(scan, whole, value);
        }
        Some(CellsOf::Statistic(name)) if c.name("rel").is_none() => {
            push_statistic(scan, whole, name, value);
        }
        _ => {}
    }
}

/// A test's statistic read from a table's cell under its name: the statistic as the test
/// reader writes it (`t = 0.72`), and the value (no degrees of freedom printed: no test to
/// check, a value for review).
fn push_statistic(scan: &mut Scan, whole: Range<usize>, name: &str, value: super::Printed) {
    let statistic = Some(format!("{name} = {}", value.number.text));
    scan.push(
        ItemKind::TestStatistic,
        whole,
        Parts {
            statistic,
            value: Some(value),
            ..Parts::default()
        },
    );
}

/// `p` closing a results row as text extraction glues it (`PANSS (N6 item)−0.23 ± 0.080.03 ±
/// 0.08<0.018*`): a number from 0 to 1 at the end of a line that holds two or more means ±
/// spreads and nothing else after its label, with its relation and significance mark, is
/// the row's p, as a results table prints its last column. Where the document heads a column
/// with p (a line `P`, `p value comparing …`), estimates with their intervals count as the
/// row's summaries too (`WOMAC −17.1 (−19.8, −14.4) −23.2 (−25.9, −20.4) <0.001`). Runs after
/// [`super::summary`].
pub fn find_row_end_p(scan: &mut Scan) {
    // What closes the row is one table cell's number.
    let end = cell_pattern();
    let plain = scan.doc.plain.text.clone();
    // A column headed p: a line that is only its name, or a header that names it.
    let heads_p = plain.lines().any(|l| {
        let l = l.trim();
        let lower = l.to_lowercase();
        (l.chars().count() <= 12 && names_p(l))
            || lower.contains("p value")
            || lower.contains("p-value")
            || l.contains("p値")
    });
    if heads_p {
        read_ps_between_intervals(scan, &plain);
    }
    // The row's summaries in document order, found by binary search per line (one pass).
    let mut summaries: Vec<[usize; 2]> = scan
        .items
        .iter()
        .filter(|i| {
            i.kind == ItemKind::MeanSpread
                || heads_p
                    && matches!(
                        i.kind,
                        ItemKind::Ci | ItemKind::MedianIqr | ItemKind::MedianRange
                    )
        })
        .map(|i| i.span)
        .collect();
    summaries.sort_unstable();
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let line_end = start + line.trim_end().len();
        let span = scan.doc.plain.original_span(start..line_end);
        let first = summaries.partition_point(|s| s[0] < span.start);
        let in_line: Vec<usize> = summaries[first..]
            .iter()
            .take_while(|s| s[0] < span.end)
            .filter(|s| s[1] <= span.end)
            .map(|s| s[1])
            .collect();
        let Some(&last_end) = in_line.iter().max() else {
            continue;
        };
        if in_line.len() < 2 {
            continue;
        }
        // The plain offset where the last summary ends (on this line: it ends within it).
        let after = scan.doc.plain.plain_offset(last_end);
        if after > line_end {
            continue;
        }
        if read_difference_ci_p(scan, &plain, (after, line_end), start) {
            continue;
        }
        if read_trailing_ps(
            scan,
            &plain,
            after..line_end,
            p_columns_above(&plain, start),
        ) {
            continue;
        }
        // Under a header whose last column is a test's statistic (`Drug (n = 10) Placebo (n =
        // 10) t`), the number closing the row is that statistic, however small.
        let statistic = header_closes_with_a_statistic(&plain, start);
        // A cell printing its interval and its p after a comma (`0.02 (−0.16 to 0.20), 0.85`,
        // under `mean (95% CI) and p value`) closes the row so too.
        let after = after + after_comma(&plain[after..line_end]);
        let Some(c) = end.captures(&plain[after..line_end]) else {
            continue;
        };
        let num = c.name("num").expect("num");
        let range = after + num.start()..after + num.end();
        let whole = after + c.name("rel").map_or(num.start(), |r| r.start())..after + num.end();
        if !scan.free(whole.clone()) {
            continue;
        }
        let Some(value) = scan.number(range.clone()) else {
            continue;
        };
        if let Some(name) = statistic {
            push_statistic(scan, range, name, value);
            continue;
        }
        if !(0.0..=1.0).contains(&value.number.value) || value.number.decimals < 2 {
            continue;
        }
        push_p(scan, whole, value, c.name("rel").map(|r| r.as_str()));
    }
}

/// The n printed in a column of its own before each summary (`No Mean (SD) No Mean (SD)`, `Np |
/// Mean (SD) or No (%)`), however the copy set the cells apart: under a header that names an n
/// right before a mean or median once per arm, a row printing as many summaries, each right
/// after a whole number (`Baseline 121 57.8 (8.8) 121 59.0 (7.8)`), gives each summary that
/// number as its n. A row that does not fit the header so (fewer numbers, a summary with none
/// before it) is left to the other readers. Runs after [`super::summary`]; a summary whose n
/// a reader gave already keeps it.
pub fn find_ns_before_summaries(scan: &mut Scan) {
    static HEADER: OnceLock<Regex> = OnceLock::new();
    let header = HEADER.get_or_init(|| {
        Regex::new(r"(?:^|[\s|])(?:n|N|No\.?|Np|Number|例数)[\s|]+(?:Mean|mean|Median|median|LS ?[Mm]ean|平均)")
            .expect("the n-before-summary header is valid")
    });
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let before = BEFORE.get_or_init(|| {
        Regex::new(r"(?:^|[\s|])(?P<n>\d{1,6})[\x20\t|]+$")
            .expect("the n before a summary is valid")
    });
    let plain = scan.doc.plain.text.clone();
    if !header.is_match(&plain) {
        return;
    }
    // The summaries with no n yet (each with its plain start), by the plain line they stand on.
    let mut rows: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    for i in 0..scan.items.len() {
        let it = &scan.items[i];
        if !matches!(
            it.kind,
            ItemKind::MeanSpread | ItemKind::MedianIqr | ItemKind::MedianRange
        ) || it.parts.n.is_some()
        {
            continue;
        }
        let start = scan.doc.plain.plain_offset(it.span[0]);
        let line_start = plain[..start].rfind('\n').map_or(0, |k| k + 1);
        match rows.last_mut() {
            Some((l, members)) if *l == line_start => members.push((i, start)),
            _ => rows.push((line_start, vec![(i, start)])),
        }
    }
    for (line_start, members) in rows {
        // The nearest header above pairing an n with each summary column: as many n columns
        // as the row prints summaries, two or more (one per arm).
        let Some(head) = plain[..line_start]
            .lines()
            .rev()
            .take(40)
            .take_while(|l| !super::table::is_title(l))
            .find(|l| header.is_match(l))
        else {
            continue;
        };
        let columns = header.find_iter(head).count();
        if columns < 2 || columns != members.len() {
            continue;
        }
        // Every summary of the row has its whole number right before it, or none is read.
        let mut found = Vec::new();
        for &(i, start) in &members {
            let Some(c) = before.captures(&plain[line_start..start]) else {
                break;
            };
            let n = c.name("n").expect("n");
            let range = line_start + n.start()..line_start + n.end();
            // `Week 12 57.8 (8.8)`: the number of a time or visit labelling the row, no n.
            if time_word_before().is_match(&plain[line_start..range.start])
                || !scan.free(range.clone())
            {
                break;
            }
            match scan.number(range.clone()) {
                Some(value) if value.number.value >= 2.0 => found.push((i, range, value)),
                _ => break,
            }
        }
        if found.len() != members.len() {
            continue;
        }
        for (i, range, value) in found {
            scan.items[i].parts.n = Some(value.clone());
            scan.push_value(ItemKind::N, range, value);
        }
    }
}

/// A row label's last word naming a time, a visit or a cycle (`Week`, `Month`, `Visit`, `T`,
/// `第`), whose number follows it: the text before a number that is then no count. A time
/// whose number stands before its word (`3 months 79 50.1 (8.3)`) has it already.
fn time_word_before() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)(?:^|[|(]|[^\d\s][\x20\t]+)(?:weeks?|wks?|months?|mos?|days?|years?|yrs?|visits?|times?|t|cycles?|hours?|hrs?|h|sessions?|第)[\s.]*$")
            .expect("the time word pattern is valid")
    })
}

/// The lines above the row starting at `row_start`, nearest first (at most 40), but those
/// printing a mean ± spread: where a row's header is looked for.
fn lines_above_printing_no_spread(plain: &str, row_start: usize) -> impl Iterator<Item = &str> {
    plain[..row_start]
        .lines()
        .rev()
        .take(40)
        .filter(|line| !line.contains('±') && !line.contains("+/-"))
}

/// The test's statistic the header above the row starting at `row_start` closes with
/// (`Experimental group (n = 10) Control group (n = 10) t`, `… χ2`): the nearest line above
/// printing no mean ± spread whose last word is a statistic's name ([`statistic_named`]),
/// before any line naming a p. Rows of values (their last word a number) are passed over.
fn header_closes_with_a_statistic(plain: &str, row_start: usize) -> Option<&'static str> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?:^|[\s(])[Pp](?:[\s*†‡-]|$)|(?i:p-?values?)|p値")
            .expect("the p-name pattern is valid")
    });
    for line in lines_above_printing_no_spread(plain, row_start) {
        if p.is_match(line) {
            return None;
        }
        if let Some(name) = line
            .split_whitespace()
            .next_back()
            .and_then(statistic_named)
        {
            return Some(name);
        }
    }
    None
}

/// How many p columns the header above the row starting at `row_start` names (`A p betw
/// groups at B1 B p for B2 – B1 C p for after 24 sessions D p for Δ …`: four): the nearest
/// line above that prints no mean ± spread and holds a digit or a `p` (lines of words only,
/// a section's label such as `Secondary outcomes`, are passed over). 0 where it names none.
fn p_columns_above(plain: &str, row_start: usize) -> usize {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?:^|[\s(])[Pp](?:[\s*†‡-]|$)|(?i:p-?values?)")
            .expect("the p-column pattern is valid")
    });
    for line in lines_above_printing_no_spread(plain, row_start) {
        let names_p = p.is_match(line);
        if !names_p && !line.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        return if names_p {
            p.find_iter(line).count()
        } else {
            0
        };
    }
    0
}

/// The p's closing the rows of a table whose header ends in a p's column, where the copy set
/// its cells apart by single spaces or glued nothing a cell reader could split (`Outcome
/// Intervention group Control group … ICC P-value`, then ` Falls (at least 1), % (n) 22.0
/// (373) 21.5 (488) Odds ratio 1.028 (0.679 to 1.556) 0.022 0.897`). A header's last column
/// is the last cell of each row under it: the row's last number, from 0 to 1 with a decimal
/// point (or printed as a bound, `<0.001`), is its p, whatever the row's other cells print
/// (counts, bare means, estimates). Where the header's p spans comparisons named on the lines
/// below it (`P Value` over `Vitamin E vs. Placebo` and `Pioglitazone vs. Placebo`), the row
/// closes with one p per comparison. A number after a `±` is a spread, never a p, and a row
/// only closing in a word or an integer is left alone.
pub fn find_ps_under_a_p_header(scan: &mut Scan) {
    static TOKEN: OnceLock<Regex> = OnceLock::new();
    let token = TOKEN.get_or_init(|| {
        Regex::new(r"^(?P<rel><=|>=|[<>=≤≥＜])?(?P<num>\d*[.·]\d+)[*†‡§¶&]{0,3}[a-d]?$")
            .expect("the closing-p pattern is valid")
    });
    let plain = scan.doc.plain.text.clone();
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let row = line.trim_end();
        // A row opens with its label (a word, a bracket or a mark), not with a number.
        if !row
            .trim_start()
            .starts_with(|c: char| c.is_alphabetic() || "(（[‐-–".contains(c))
        {
            continue;
        }
        // The row's tokens: cells set apart by spaces, tabs or bars.
        let tokens: Vec<Range<usize>> = cell_token()
            .find_iter(row)
            .map(|m| start + m.start()..start + m.end())
            .collect();
        if tokens.len() < 2 || !token.is_match(&plain[tokens[tokens.len() - 1].clone()]) {
            continue;
        }
        let p_columns = p_columns_closing_the_header(&plain, start);
        if p_columns == 0 {
            continue;
        }
        let mut found = Vec::new();
        for (k, t) in tokens.iter().enumerate().rev().take(p_columns) {
            let Some(c) = token.captures(&plain[t.clone()]) else {
                break;
            };
            // After `±` a spread; after `=` or `:` a named statistic's value (`d = 0.57`).
            let before = &plain[tokens[k.max(1) - 1].clone()];
            if k == 0
                || matches!(before, "±" | "+/-" | "+" | "-")
                || before.ends_with(['=', ':', '：', '＝'])
            {
                break;
            }
            let num = c.name("num").expect("num");
            let range = t.start + num.start()..t.start + num.end();
            let whole = t.start + c.name("rel").map_or(num.start(), |r| r.start())..range.end;
            let Some(value) = scan.number(range) else {
                break;
            };
            if !(0.0..=1.0).contains(&value.number.value) || !scan.free(whole.clone()) {
                break;
            }
            found.push((whole, value, c.name("rel").map(|r| r.as_str().to_string())));
        }
        for (whole, value, rel) in found {
            push_p(scan, whole, value, rel.as_deref());
        }
    }
}

/// A run of text with no space or bar in it: one token of a row whose cells a copy set apart by
/// single spaces.
fn cell_token() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| Regex::new(r"[^\s|]+").expect("the cell token pattern is valid"))
}

/// How many p columns close the header of the table the row starting at `row_start` stands
/// in: 0 where the nearest header line above whose last words name a p is not found before
/// the table's title (`Table 2`), prose (a line of many words) or forty lines; else one, or
/// one per comparison the lines between that header and the row name (`vs.`, `versus`), as a
/// p spanning its comparisons prints them on the line below it.
fn p_columns_closing_the_header(plain: &str, row_start: usize) -> usize {
    let mut comparisons = 0;
    for line in plain[..row_start].lines().rev().take(40) {
        let t = line.trim().trim_matches('|').trim();
        if super::table::is_title(t) || t.split_whitespace().count() > 30 {
            return 0;
        }
        let words: Vec<&str> = t
            .split(|c: char| c.is_whitespace() || c == '|')
            .filter(|w| !w.is_empty())
            .collect();
        // The last word naming a p, or a p and one word after it (`P value`, `P Value*`,
        // `p for trend`... up to three words).
        let closes_with_p = (1..=3.min(words.len())).any(|k| {
            let tail = &words[words.len() - k..];
            let first = tail[0]
                .trim_end_matches(['*', '†', '‡', '§', '¶'])
                .to_lowercase();
            // What may follow the p is its own name's rest (`value`, `Valueb` with its
            // footnote, `for trend`, `vs. placebo`, `(two-sided)`), never another column's
            // (`P Effect size`) nor a number.
            let rest_names_the_p = match tail.get(1) {
                None => true,
                Some(w) => {
                    let w = w
                        .trim_end_matches(|c: char| c.is_ascii_digit() || "*†‡§¶".contains(c))
                        .to_lowercase();
                    let w = ["value", "values"]
                        .iter()
                        .find(|v| w.len() <= v.len() + 1 && w.starts_with(*v))
                        .map_or(w.as_str(), |v| v);
                    matches!(w, "value" | "values") && tail.len() == 2
                        || matches!(w, "for" | "vs" | "vs." | "versus")
                        || w.starts_with('(')
                        || w.starts_with("value(")
                }
            };
            // `P`, `Pa` (its footnote's letter glued), `p-value`, `p値`.
            let p_alone = first == "p"
                || first.len() == 2
                    && first.starts_with('p')
                    && ('a'..='d').any(|c| first.ends_with(c));
            (p_alone || first.starts_with("p-value") || first.starts_with("p値"))
                && rest_names_the_p
                && names_p(&tail.join(" "))
        });
        if closes_with_p {
            return comparisons.max(1);
        }
        let lower = t.to_lowercase();
        if !t.chars().any(|c| c.is_ascii_digit()) {
            comparisons += lower.matches(" vs").count() + lower.matches("versus").count();
        }
    }
    0
}

/// Several p columns closing a row set apart by spaces (`Robot 24.1 ± 8.8 … 26.5 ± 11.2 0.02*
/// 0.02* 0.06`, under a header naming four p columns): every bare number after the row's last
/// summary, from 0 to 1 with its relation and mark, is one of the row's p's, when there are
/// two or more of them and no more than the header names (a row prints fewer where a p
/// between the groups is printed once for both). Anything else after the summaries (a word, a
/// number above 1, more numbers than p columns) leaves them all to the other readers.
fn read_trailing_ps(scan: &mut Scan, plain: &str, rest: Range<usize>, p_columns: usize) -> bool {
    static TOKEN: OnceLock<Regex> = OnceLock::new();
    let token = TOKEN.get_or_init(|| {
        Regex::new(r"^(?P<rel><=|>=|[<>=≤≥])?(?P<num>\d*\.\d+|\d+)[*†‡§¶&]*$")
            .expect("the p-token pattern is valid")
    });
    if p_columns < 2 {
        return false;
    }
    let mut cells = Vec::new();
    let mut at = rest.start;
    for t in plain[rest.clone()].split_whitespace() {
        let offset = at + plain[at..rest.end].find(t).unwrap_or(0);
        at = offset + t.len();
        let Some(c) = token.captures(t) else {
            return false;
        };
        let num = c.name("num").expect("num");
        let range = offset + num.start()..offset + num.end();
        let whole = offset + c.name("rel").map_or(num.start(), |r| r.start())..range.end;
        let Some(value) = scan.number(range) else {
            return false;
        };
        if !(0.0..=1.0).contains(&value.number.value) || !scan.free(whole.clone()) {
            return false;
        }
        cells.push((whole, value, c.name("rel").map(|r| r.as_str().to_string())));
    }
    if cells.len() < 2 || cells.len() > p_columns {
        return false;
    }
    for (whole, value, rel) in cells {
        push_p(scan, whole, value, rel.as_deref());
    }
    true
}

/// In a table naming a p column, a row of estimates each with its interval and its p
/// (`0.88 (0.77 to 0.99) 0.038 1.15 (1.04 to 1.28) 0.009`, under `OR (95% CI) P value OR (95%
/// CI) P value`, set apart by spaces only): between one interval and the next estimate on
/// the row, a lone number in [0, 1] with two decimals or more (or printed as a bound, `<0.001`)
/// is the first comparison's p. The last p, closing the row, is read by
/// [`find_row_end_p`].
fn read_ps_between_intervals(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p_cell = P.get_or_init(|| {
        Regex::new(r"^(?P<rel><=|[<≤])?\s*(?P<num>0?\.\d{2,}|1\.0+)[*†‡§¶&]*\s*")
            .expect("the lone p pattern is valid")
    });
    let mut cis: Vec<[usize; 2]> = scan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Ci)
        .map(|i| i.span)
        .collect();
    cis.sort_unstable();
    for w in cis.windows(2) {
        let from = scan.doc.plain.plain_offset(w[0][1]);
        let to = scan.doc.plain.plain_offset(w[1][0]);
        let Some(between) = plain.get(from..to) else {
            continue;
        };
        if between.contains('\n') {
            continue;
        }
        // The p (after a comma where the cell prints `estimate (interval), p`), then the next
        // estimate (whose interval is `w[1]`), set apart by a space or glued to it by its sign
        // (`0.85−0.37`); two positive decimals glued (`0.200.04`) do not say where one ends.
        let at = after_comma(between);
        let Some(c) = p_cell.captures(&between[at..]) else {
            continue;
        };
        let estimate = between[at + c.get(0).expect("a match").end()..].trim();
        if estimate.starts_with(|ch: char| ch == '.' || ch.is_ascii_digit())
            && !c[0].ends_with(char::is_whitespace)
            || crate::text::number::TextNumber::parse(estimate).is_err()
        {
            continue;
        }
        let num = c.name("num").expect("num");
        let range = from + at + num.start()..from + at + num.end();
        let whole = from + at + c.name("rel").map_or(num.start(), |r| r.start())..range.end;
        if !scan.free(whole.clone()) {
            continue;
        }
        let Some(value) = scan.number(range) else {
            continue;
        };
        push_p(scan, whole, value, c.name("rel").map(|r| r.as_str()));
    }
}

/// The length of the blank and the one comma or semicolon that open `s` (`, 0.85`): where
/// a cell's p starts after its interval.
fn after_comma(s: &str) -> usize {
    let t = s.trim_start();
    let t = t.strip_prefix([',', ';']).unwrap_or(t).trim_start();
    s.len() - t.len()
}

/// After a glued row's summaries, the comparison's three cells glued as the header above names
/// them (`Difference (95% CI)p Value` over `…1.39±0.510.26 (0.11 to 0.42)0.005`): the
/// difference, its interval (the level the header prints) and the p, where a header line
/// above (`line_start`: the row's line) names the interval. `after..line_end` is the rest of
/// the row. Whether anything was read.
fn read_difference_ci_p(
    scan: &mut Scan,
    plain: &str,
    (after, line_end): (usize, usize),
    line_start: usize,
) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(&format!(
            r"^\s*(?P<d>{NUMBER})\s*[(\[]\s*(?P<lo>{NUMBER})\s*(?:to|,|;|–|~)\s*(?P<hi>{NUMBER})\s*[)\]]\s*(?P<rel><=|>=|[<>=≤≥])?\s*(?P<p>0?\.\d+)\s*[*†‡§¶&]*\s*$"
        ))
        .expect("the difference, CI and p pattern is valid")
    });
    let Some(c) = p.captures(&plain[after..line_end]) else {
        return false;
    };
    // The header naming the interval's level: the nearest line above, within the table's
    // header (a few lines), printing `95% CI`.
    let above = &plain[..line_start];
    let Some(level_at) = above
        .rmatch_indices("% CI")
        .next()
        .filter(|(k, _)| above[*k..].matches('\n').count() <= 20)
        .map(|(k, _)| k)
    else {
        return false;
    };
    let digits = above[..level_at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let at = |name: &str| {
        let m = c.name(name).expect("a group of the pattern");
        after + m.start()..after + m.end()
    };
    let whole = at("d").start..line_end;
    if !scan.free(whole) {
        return false;
    }
    let (Some(d), Some(lower), Some(upper), Some(pv)) = (
        scan.number(at("d")),
        scan.number(at("lo")),
        scan.number(at("hi")),
        scan.number(at("p")),
    ) else {
        return false;
    };
    if lower.number.value > upper.number.value || pv.number.value > 1.0 {
        return false;
    }
    let level = (digits > 0)
        .then(|| scan.number(level_at - digits..level_at))
        .flatten();
    scan.push(
        ItemKind::Number,
        at("d"),
        Parts {
            value: Some(d),
            ..Parts::default()
        },
    );
    // The interval with its brackets, as printed.
    let open = plain[..at("lo").start]
        .rfind(['(', '['])
        .unwrap_or(at("lo").start);
    let close = plain[at("hi").end..line_end]
        .find([')', ']'])
        .map_or(at("hi").end, |k| at("hi").end + k + 1);
    let ci = open..close;
    scan.push(
        ItemKind::Ci,
        ci,
        Parts {
            lower: Some(lower),
            upper: Some(upper),
            level,
            ..Parts::default()
        },
    );
    let rel = c.name("rel");
    let p_range = rel.map_or(at("p").start, |r| after + r.start())..at("p").end;
    push_p(scan, p_range, pv, rel.map(|r| r.as_str()));
    true
}

#[cfg(test)]
mod tests {
    use super::super::{Item, ItemKind, read_items};

    /// The test statistics read, as the test reader writes them (`t = 0.72`).
    fn statistics(items: &[Item]) -> Vec<&str> {
        items
            .iter()
            .filter(|i| i.kind == ItemKind::TestStatistic)
            .filter_map(|i| i.parts.statistic.as_deref())
            .collect()
    }

    #[test]
    fn a_count_beside_a_person_time_is_no_count_of_a_whole() {
        // Made-up numbers: episodes and child-years (a rate's two terms) beside a row of
        // events of patients (a count of a whole).
        let text = "| Outcome | Drug | Placebo |\n|---|---|---|\n| No. of episodes; no. of child-yr | 384; 259.5 | 378; 242.6 |\n| No. with events; no. of patients | 12; 40 | 20; 41 |\n";
        let items = read_items(text);
        let of_kind = |k: ItemKind| -> Vec<&str> {
            items
                .iter()
                .filter(|i| i.kind == k)
                .map(|i| i.text.as_str())
                .collect()
        };
        assert_eq!(of_kind(ItemKind::CountOf), ["12; 40", "20; 41"]);
        assert_eq!(of_kind(ItemKind::Number), ["384", "259.5", "378", "242.6"]);
    }

    #[test]
    fn a_count_in_its_own_column_before_each_summary_is_that_summarys_n() {
        // Made-up numbers in the form a two-arm table copies with single spaces: an n column
        // before each arm's mean (SD). A row whose time is a word then its number (`Week 12`)
        // keeps it as its time; a row printing fewer counts than summaries gives none.
        let text = "Outcomes Intervention group Control group\nNo Mean (SD) No Mean (SD) P value\nScore A\n Baseline 121 57.8 (8.8) 118 59.0 (7.8) 0.31\n 3 months 79 50.1 (8.3) 83 55.1 (8.6) <0.001\nScore B\n Week 12 40.2 (6.1) 41.0 (5.9) 0.45\n Baseline 97 30.1 (4.0) 31.2 (4.4) 0.20\n";
        let items = read_items(text);
        let ns: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| {
                (
                    i.text.as_str(),
                    i.parts.n.as_ref().map(|n| n.original.as_str()),
                )
            })
            .collect();
        assert_eq!(
            ns,
            [
                ("57.8 (8.8)", Some("121")),
                ("59.0 (7.8)", Some("118")),
                ("50.1 (8.3)", Some("79")),
                ("55.1 (8.6)", Some("83")),
                ("40.2 (6.1)", None),
                ("41.0 (5.9)", None),
                ("30.1 (4.0)", None),
                ("31.2 (4.4)", None),
            ]
        );
    }

    #[test]
    fn a_header_closing_in_p_makes_each_rows_last_number_its_p_however_the_cells_are_set_apart() {
        // Made-up numbers, in the forms tables are copied in: cells set apart by single spaces
        // under a header closing in `P-value` (counts and bare means before the p, an ICC
        // column before it, which stays a number), then a table whose `P Value` spans two
        // comparisons named on the lines below it (two p's per row, the spread before them
        // not one), a line of words after the table that names an effect size (`d =
        // 0.41`), which stays a number, a p naming its comparison (`p-value vs. placebo`),
        // and a header whose p is followed by another column (`P Effect size`): its rows'
        // last number is no p.
        let text = "Table 2.\nOutcome Intervention group Control group Odds ratio (95% CI) ICC P-value\n Falls, % (n) 22.0 (373) 21.5 (488) 1.03 (0.68 to 1.56) 0.022 0.897\n Restraints, mean 11.3 8.2 1.42 (0.53 to 3.83) 0.133 <0.001\n\nTable 3.\nVariable Placebo Drug A Drug B P Value*\nDrug A vs. Placebo Drug B vs. Placebo\nImproved (%) 19 43 34 0.001 0.04\nScore 2.3 ± 0.4 1.7 ± 0.6 2.7 ± 0.8 0.02 0.17\nEffect size d = 0.41\n\nTable 4.\nEndpoint Drug (n = 315) Placebo (n = 318) p-value vs. placebo\nImproved, n (%) 136 (43.2) 107 (33.6) 0.006d\n\nTable 5.\nMeasure Drug Placebo P Effect size\nMemory 0.31 ± 1.1 0.11 ± 1.1 0.07 0.72\n";
        let items = read_items(text);
        let ps: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            ps,
            ["0.897", "<0.001", "0.001", "0.04", "0.02", "0.17", "0.006"]
        );
        for other in ["0.022", "0.133", "0.8", "0.41", "0.72"] {
            assert!(
                items
                    .iter()
                    .any(|i| i.text.ends_with(other) && i.kind != ItemKind::P),
                "{other}: {items:?}"
            );
        }
    }

    #[test]
    fn a_column_headed_by_a_tests_name_holds_its_statistics() {
        // Made-up numbers: a `t` column beside the p column (its cells the statistics, with no
        // degrees of freedom), a `χ2` row; a column headed `F` (women, beside `M`) is no test.
        let text = "Table 2.\n| Item | Drug (n = 48) | Placebo (n = 48) | t | P value |\n|---|---|---|---|---|\n| BMI | 26.1 (2.0) | 26.4 (2.1) | 0.72 | .44 |\n| Pain | 5.1 (1.0) | 6.0 (1.2) | -3.98 | <.001 |\n| χ2 | 1.20 | | | |\n\nTable 3.\n| Site | M | F |\n|---|---|---|\n| Clinic A | 12 | 15 |\n";
        let items = read_items(text);
        assert_eq!(statistics(&items), ["t = 0.72", "t = -3.98", "χ2 = 1.20"]);
    }

    #[test]
    fn lines_of_tests_under_a_tables_columns_hold_statistics_and_ps() {
        // Made-up numbers: a table copied with its cells set apart by single spaces, its rows of
        // tests under the measures' columns, each label marked to tell its comparison apart.
        let text = "Group Time Weight (kg) Glucose (mmol/L)\nA group (n=20) Before 70.1±5.2 9.1±1.2\nAfter 68.0±5.0 8.0±1.1\nt   0.012 0.030\nP   0.990 0.977\nt’   2.511 3.402\nP′   0.016 <0.001\nt*#   -2.60 3.10\nP*#   0.013 0.004\n";
        let items = read_items(text);
        assert_eq!(
            statistics(&items),
            [
                "t = 0.012",
                "t = 0.030",
                "t = 2.511",
                "t = 3.402",
                "t = -2.60",
                "t = 3.10"
            ]
        );
        let ps: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ps, ["0.990", "0.977", "0.016", "<0.001", "0.013", "0.004"]);
        // A row labelled in two words (`P value`), with a cell not applicable (`NA`).
        let items = read_items(
            "Drug A Drug B Placebo\nChange, mean (SD) -1.2 (0.4) -0.9 (0.5) -0.1 (0.4)\nP value 0.006 <0.001 NA\n",
        );
        let ps: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ps, ["0.006", "<0.001"]);
        // A label that calls its footnote by number (`p値注1)`) heads a cell of other lines'
        // numbers: the difference beside it is no p.
        let items =
            read_items("群間差\n[95%信頼区間]注1)\np値注1) 0.172\n[0.087, 0.258]\np<0.001\n");
        assert!(
            items
                .iter()
                .all(|i| !(i.kind == ItemKind::P && i.text == "0.172")),
            "{items:?}"
        );
        // A line of a lone letter and numbers with no p's line under it is no test's.
        let items = read_items("Sample t 1 2 3\nt 1 2 3\nThe end.\n");
        assert!(
            items.iter().all(|i| i.kind != ItemKind::TestStatistic),
            "{items:?}"
        );
    }

    #[test]
    fn a_p_column_printing_each_p_with_its_effect_size() {
        // Made-up values in the form of a rehabilitation trial's table: the last column's
        // header says its cells print the p and, in brackets, Cohen's d; no mean (SD) there.
        let text = "Outcome | INT (n = 27) | CON (n = 24) | p-value (Cohen d) |\n|---|---|---|---|\nTUG (s) | 8.3 (1.3) | 8.3 (1.2) | 0.22 (0.36) |\nFRT (cm) | 36.2 (5.3) | 35.2 (6.6) | < 0.001 (1.12) |\n";
        let items = read_items(text);
        let means: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            means,
            ["8.3 (1.3)", "8.3 (1.2)", "36.2 (5.3)", "35.2 (6.6)"]
        );
        let ps: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ps, ["0.22", "< 0.001"]);
        // Without the header's bracket, a pair in the last column stays what it prints.
        let text = "Outcome | A (n = 20) | B (n = 20) | p-value |\n|---|---|---|---|\nChange | 1.1 (0.4) | 0.9 (0.5) | 0.31 |\nWeek 12 | 0.30 (0.54) | 0.69 (0.57) | |\n";
        let items = read_items(text);
        assert!(
            items
                .iter()
                .any(|i| i.kind == ItemKind::MeanSpread && i.text == "0.69 (0.57)"),
            "{items:?}"
        );
    }

    #[test]
    fn a_row_labelled_mean_sd_and_range_in_one_bracket_reads_each_cell_so() {
        // Made-up numbers in the form of a baseline table: `mean (SD; range)` in the row's
        // label, before a unit or not, over cells `3.5 (1.3; 0–6)`: the mean and its SD, then
        // the range's ends as numbers (no median: the range is the patients').
        let text = "Characteristic | Placebo (N = 62) | Drug (N = 63) |\n---|---|---|\nDuration, mean (SD; range), years | 3.5 (1.3; 0–6) | 3.3 (1.4; 0–6) |\nEASI, mean (SD; range) | 35.4 (12.0; 12–72) | 38.8 (13.7; 18–72) |\n";
        let items = read_items(text);
        let means: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::MeanSpread)
            .map(|i| format!("{:?}", i.parts))
            .collect();
        assert_eq!(means.len(), 4, "{items:#?}");
        assert!(
            means[0].contains("3.5") && means[0].contains("1.3"),
            "{means:?}"
        );
        assert!(
            means[3].contains("38.8") && means[3].contains("13.7"),
            "{means:?}"
        );
    }

    #[test]
    fn a_rate_row_prints_each_rate_with_its_interval() {
        // Made-up numbers in the form of an outcome table: a row of event rates with their
        // intervals, and a count with its share misplaced under a rate column, which is none.
        let text = "Outcome | Placebo (n = 1200) | Drug (n = 1190) |\n---|---|---|\nEvent rate per 100 person-years (95% CI) | 14.2 (12.6–16.0) | 10.8 (9.4–12.4) |\nHospitalization, % per yr | 61 (1.4) | 48 (1.1) |\n";
        let items = read_items(text);
        let rates: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Rate)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(rates, ["14.2", "10.8"]);
        assert!(
            items
                .iter()
                .any(|i| i.kind == ItemKind::Ci && i.text.contains("12.6"))
        );
    }

    #[test]
    fn rows_under_a_header_repeating_each_arms_summary_columns_with_single_spaces() {
        // Made-up numbers in the two ways a PDF's text prints such a table: a row a line
        // (whose label may end in a number: `Day 1`), and all rows run together on one line
        // with each label glued to its first number.
        for (text, want) in [
            (
                "Score Drug Placebo\nMean SD N with data Mean SD N with data\nDay 0 25.1 8.3 20 29.9 7.0 19\nDay 1 12.7 7.6 20 16.4 10.0 19\n",
                vec![
                    "25.1 8.3",
                    "20",
                    "29.9 7.0",
                    "19",
                    "12.7 7.6",
                    "20",
                    "16.4 10.0",
                    "19",
                ],
            ),
            (
                "投与群 A B 構成要素 N Mean S.E. N Mean S.E. 機能障害(Impairment352 2.18 0.05 343 2.19 0.05 総スコア(Focal Score348 6.55 0.12 340 6.55 0.13",
                vec![
                    "352",
                    "2.18 0.05",
                    "343",
                    "2.19 0.05",
                    "348",
                    "6.55 0.12",
                    "340",
                    "6.55 0.13",
                ],
            ),
        ] {
            let items = read_items(text);
            let read: Vec<&str> = items
                .iter()
                .filter(|i| i.kind == ItemKind::MeanSpread || i.kind == ItemKind::N)
                .map(|i| i.text.as_str())
                .collect();
            assert_eq!(read, want, "{text}");
            let labels: Vec<Option<&str>> = items
                .iter()
                .filter(|i| i.kind == ItemKind::MeanSpread)
                .map(|i| i.parts.spread_label)
                .collect();
            assert!(labels.iter().all(|l| l.is_some()), "{labels:?}");
        }
        // An n that is no whole number: the row is left to the other readers.
        let items = read_items("Mean SD N Mean SD N\nDay 1 12.7 7.6 20.5 16.4 10.0 19\n");
        assert!(
            items.iter().all(|i| i.kind != ItemKind::MeanSpread),
            "{items:?}"
        );
    }

    /// Each p drafted, as printed.
    fn ps_printed(items: &[super::super::Item]) -> Vec<&str> {
        items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect()
    }

    /// Each percentage drafted with its count, as printed.
    fn percents_with_counts(items: &[super::super::Item]) -> Vec<(String, String)> {
        items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                let number =
                    |v: &Option<super::super::Printed>| v.as_ref().unwrap().number.text.clone();
                (number(&i.parts.value), number(&i.parts.count))
            })
            .collect()
    }

    #[test]
    fn a_glued_rows_difference_ci_and_p_as_the_header_names_them() {
        // Made-up values in a glued table: two arms at two times, then the difference with its
        // interval and the p, each glued to the next.
        let text = "Table 2\n\nOutcomeBaselineAfterBetween-group difference\nExerciseControlExerciseControlDifference (95% CI)p Value\nPeak VO2 (L/min)1.38±0.371.28±0.461.76±0.491.39±0.510.26 (0.11 to 0.42)0.005\nBMI24.9±4.924.4±5.325.6±4.824.9±4.70.2 (−0.6 to 1.1)<0.001\n";
        let items = read_items(text);
        let kinds: Vec<(ItemKind, String)> = items
            .iter()
            .filter(|i| !matches!(i.kind, ItemKind::MeanSpread))
            .map(|i| (i.kind, i.text.trim().to_string()))
            .collect();
        assert!(
            kinds.contains(&(ItemKind::Ci, "(0.11 to 0.42)".into())),
            "{kinds:?}"
        );
        assert!(kinds.contains(&(ItemKind::P, "0.005".into())), "{kinds:?}");
        assert!(kinds.contains(&(ItemKind::P, "<0.001".into())), "{kinds:?}");
        assert!(
            kinds.contains(&(ItemKind::Number, "0.26".into())),
            "{kinds:?}"
        );
        let ci = items.iter().find(|i| i.kind == ItemKind::Ci).unwrap();
        assert_eq!(ci.parts.level.as_ref().unwrap().number.text, "95");
    }

    #[test]
    fn counts_in_brackets_where_the_legend_prints_means_with_plus_minus() {
        let text = "Item | Followed up | Others | p |\n|---|---|---|---|\nMale | 56 (61) | 26 (60) | 0.90 |\nAge, years | 4.5 (2.2–6.8) | 4.6 (2.1–6.9) | 0.67 |\nFEV1 | 0.66±1.1 | 0.29±1.3 | 0.2 |\nData are presented as n (%), median (interquartile range) or mean±sd.\n";
        let items = read_items(text);
        let percents = items.iter().filter(|i| i.kind == ItemKind::Percent).count();
        assert_eq!(percents, 2, "{:?}", crate::draft::tests::brief(&items));
        assert_eq!(crate::draft::tests::mean_spreads(&items).len(), 2);
        // Where the means are printed in brackets too, the legend does not decide.
        let unsure = text.replace("or mean±sd", "or mean (sd)");
        assert!(
            read_items(&unsure)
                .iter()
                .all(|i| i.kind != ItemKind::Percent)
        );
    }

    #[test]
    fn counts_whose_percents_fit_their_columns_n() {
        // No `n (%)` anywhere: the headers' n's decide that `54 (31.0)` is 54 of 174, 31.0 %.
        let text = "Characteristic | All (n = 174) | Men (n = 121) | Women (n = 53) | P |\n|---|---|---|---|---|\nDiabetes | 54 (31.0) | 35 (28.9) | 19 (35.8) | 0.466 |\nAge, years | 45.2 (10.1) | 42.9 (8.7) | 50.7 (10.5) | <0.001 |\n";
        let items = read_items(text);
        let percents = percents_with_counts(&items);
        let want = [("31.0", "54"), ("28.9", "35"), ("35.8", "19")]
            .map(|(p, c)| (p.to_string(), c.to_string()));
        assert_eq!(percents, want);
        // Means with their SDs do not fit the n's (45.2 of 174 is no whole count): read as summaries.
        assert_eq!(crate::draft::tests::mean_spreads(&items).len(), 3);
        // One column that does not fit (35 of 121 is 28.9 %, not 30.0 %): the row is left as it was.
        let unfit = text.replace("35 (28.9)", "35 (30.0)");
        assert!(
            read_items(&unfit)
                .iter()
                .all(|i| i.kind != ItemKind::Percent)
        );
    }

    #[test]
    fn a_legend_counting_every_row_but_the_marked_ones() {
        // Made-up: a glued table whose legend says its cells are n (%) except the rows
        // marked * (means with SDs); the counts are of the patients with data (40 of 50).
        let text = "Table 2 Outcomes\nPlacebo\nN=50\nDrug\nN=50\nPain score*4.1 (2.0)3.2 (2.1)\nGrade\n None12 (30.0)20 (45.5)\n Mild28 (70.0)24 (54.5)\nValues are n (%) except * which are mean (SD).\n";
        let items = read_items(text);
        let percents = percents_with_counts(&items);
        let want = [
            ("30.0", "12"),
            ("45.5", "20"),
            ("70.0", "28"),
            ("54.5", "24"),
        ]
        .map(|(p, c)| (p.to_string(), c.to_string()));
        assert_eq!(percents, want);
        assert_eq!(crate::draft::tests::mean_spreads(&items).len(), 2);
    }

    #[test]
    fn counts_whose_percents_fit_a_few_fewer_than_their_columns_n() {
        // A characteristic's percentages are of the patients with data: 626 of 745 (84.0 %)
        // under `n = 747`, 210 of 258 (81.4 %) under 259, 416 of 487 (85.4 %) under 488 (made-up
        // rows in the layout of a cohort paper's baseline table, 2, 1 and 1 missing).
        let text = "Characteristic | Cohort (n = 747) | Lost (n = 259) | Followed (n = 488) |\n|---|---|---|---|\nPaid work | 626 (84.0) | 210 (81.4) | 416 (85.4) |\n";
        let percents = percents_with_counts(&read_items(text));
        let want = [("84.0", "626"), ("81.4", "210"), ("85.4", "416")]
            .map(|(p, c)| (p.to_string(), c.to_string()));
        assert_eq!(percents, want);
        // Far fewer (626 of 700 is 89.4 %) is no share of the column's patients.
        let far = text.replace("626 (84.0)", "626 (89.4)");
        assert!(percents_with_counts(&read_items(&far)).is_empty());
    }

    #[test]
    fn counts_whose_percents_fit_the_rows_own_n() {
        // Made-up numbers as a package insert prints improvement by subgroup: each row's n
        // under `症例数`, then `a(b)` cells with no `%` anywhere; 5 of 40 is 12.5 %.
        let text = "原因疾患 | 症例数 | 著明改善 | 改善以上 |\n| 疾患A | 40 | 5(12.5) | 22(55.0) |\n| 疾患B | 16 | 0(0) | 9(56.3) |\n";
        let items = read_items(text);
        let want = [("12.5", "5"), ("55.0", "22"), ("0", "0"), ("56.3", "9")]
            .map(|(p, c)| (p.to_string(), c.to_string()));
        assert_eq!(percents_with_counts(&items), want);
        // A share the row's n does not give (9 of 16 is 56.3 %, not 60.0 %): the row is left.
        let unfit = text.replace("9(56.3)", "9(60.0)");
        assert_eq!(percents_with_counts(&read_items(&unfit)).len(), 2);
    }

    #[test]
    fn a_registrys_milestones_and_reasons_count_participants() {
        // Made-up counts in the layout of a ClinicalTrials.gov results page copied as text.
        let text = "Period Title: Overall Study\nStarted 148 155\nCompleted 123 130\nNot Completed 25 25\nReason Not Completed\nAdverse Event 12 10\nLack of Efficacy 5 6\n\nAge 45 47\n";
        let ns: Vec<String> = read_items(text)
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.text.clone())
            .collect();
        assert_eq!(
            ns,
            ["148", "155", "123", "130", "25", "25", "12", "10", "5", "6"]
        );
    }

    #[test]
    fn several_p_columns_closing_a_spaced_row_are_its_ps() {
        // Made-up numbers in the layout of a journal's table copied with single spaces: two
        // arms' rows of four means ± SD, then one p per comparison the header names (four);
        // the second arm's row prints three (the first is shared). A header naming one p
        // column leaves a row of four numbers after its summaries alone (one is an effect size).
        let text = "Group Baseline Week 4 Week 8 Week 12 A p at baseline B p for week 4 C p for week 8 D p for week 12\nScore (0-66) Control 22.9 ± 7.4 23.0 ± 7.5 23.8 ± 8.0 23.0 ± 8.0 0.7 0.4 0.04* 0.4\nDrug 24.1 ± 8.8 24.6 ± 9.1 27.4 ± 11.4 26.5 ± 11.2 0.02* 0.02* 0.06\n";
        let items = read_items(text);
        assert_eq!(
            ps_printed(&items),
            ["0.7", "0.4", "0.04", "0.4", "0.02", "0.02", "0.06"]
        );
        let one = "Control Drug P Effect size\nMemory 0.31 ± 1.1 0.11 ± 1.1 0.07 0.72 0.12 0.21\n";
        assert!(ps_printed(&read_items(one)).is_empty());
    }

    #[test]
    fn a_p_between_one_interval_and_the_next_estimate_on_a_spaced_row() {
        // Made-up numbers as a page's table copies with single spaces: two analyses, each an
        // estimate, its interval and its p.
        let text = "Outcome Drug Placebo Crude Adjusted\nOR (95% CI) P value OR (95% CI) P value\nDeath 12/200 (6.0) 20/198 (10.1) 0.57 (0.27 to 1.19) 0.131 0.61 (0.29 to 1.28) 0.19\nStroke 5/200 (2.5) 9/198 (4.5) 0.54 (0.18 to 1.64) <0.001 0.50 (0.16 to 1.52) 0.22\n";
        let items = read_items(text);
        assert_eq!(ps_printed(&items), ["0.131", "0.19", "0.001", "0.22"]);
        let bound = items
            .iter()
            .find(|i| i.text.contains("<0.001"))
            .expect("the bound");
        assert_eq!(bound.parts.relation, Some("<"));
        // Without a p column named, a number there is not made a p.
        let unnamed = text.replace("P value", "Weight");
        assert!(ps_printed(&read_items(&unnamed)).len() < 4);
    }

    #[test]
    fn a_section_stating_counts_with_percentages_reads_its_levels_cells_so_even_a_misprinted_one() {
        // Made-up numbers in a journal table's layout: the section's label states `N (%)`
        // and prints its p; its levels' cells are counts and their percentages, 13 of 30 (43 %)
        // misprinted `40`, which only the section's statement makes a share (for `check`).
        // The next row states its own cells, and its section ends.
        let text = "Table 1
| | Group 1 n=20 | Group 2 n=30 | p |
|---|---|---|---|
                    | Marital status-N (%) | 0.90 | | |
                    | Married | 12 (60) | 13 (40) | |
                    | Not married | 8 (40) | 17 (57) | |
                    | Months since surgery - Median (Range) | 3 (2) | 2 (3) | 0.45 |
";
        let items = read_items(text);
        let shares: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(shares, ["12 (60)", "13 (40)", "8 (40)", "17 (57)"]);
        assert!(
            !items
                .iter()
                .any(|i| i.kind == ItemKind::Percent && i.text == "3 (2)")
        );
    }

    #[test]
    fn cells_of_an_estimate_its_interval_and_its_p_after_a_comma_glued_together() {
        // Made-up numbers as a journal page's glued copy prints `mean (95% CI) and p value`
        // cells: each p after its interval's comma, the next estimate glued to it by its sign.
        let text = "Values are mean (95% CI) and p value.\nOutcomeWeek 2Week 4Week 8\nPain0.03 (−0.15 to 0.21), 0.74−0.36 (−0.54 to −0.17), < 0.001−0.41 (−0.60 to −0.22), 0.02\nStiffness0.05 (−0.10 to 0.20), 0.510.04 (−0.12 to 0.21), 0.63\n";
        let items = read_items(text);
        // Two positive decimals glued (`0.510.04`): the row's numbers below one print two
        // decimals, so the p ends after `0.51` (`crate::text::plain::glued_cell_breaks`).
        assert_eq!(
            ps_printed(&items),
            ["0.74", "0.001", "0.02", "0.51", "0.63"]
        );
    }

    #[test]
    fn a_rows_last_number_under_a_header_closing_with_t_is_its_t() {
        // Made-up values set apart by single spaces under a header whose last column is `t`:
        // the number closing each row is the t between the groups, not its p, however small.
        let text = "Drug group (n = 12) Placebo group (n = 12) t\nPain Pre 41.20 ± 6.10 40.80 ± 5.90 .164\nPost 35.10 ± 5.20 39.90 ± 6.30 -2.034\n";
        let items = read_items(text);
        assert!(
            ps_printed(&items).is_empty(),
            "{:?}",
            crate::draft::tests::brief(&items)
        );
        let ts: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::TestStatistic)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ts, [".164", "-2.034"]);
        // Under a header naming p, the same number is the row's p.
        let items = read_items(&text.replace(") t\n", ") p\n"));
        assert_eq!(ps_printed(&items), [".164"]);
    }

    #[test]
    fn a_rows_last_cell_under_a_last_p_column_is_its_p() {
        // Made-up values: rows naming a variable and its category in two cells stand one
        // column right of the others; each row's last number still closes it under `p-Value`.
        let text = "Total | Drug | Placebo | p-Value | ||\n|---|---|---|---|---|---|\nAge (years) | 73.1 (4.8) | 73.1 (4.9) | 73.1 (4.9) | 1.000 | |\nSex | Female | 56 (77.8%) | 28 (77.8%) | 28 (77.8%) | 0.570 |\nMale | 16 (22.2%) | 8 (22.2%) | 8 (22.2%) | ||\n";
        let items = read_items(text);
        let ps = ps_printed(&items);
        assert_eq!(
            ps,
            ["1.000", "0.570"],
            "{:?}",
            crate::draft::tests::brief(&items)
        );
    }

    #[test]
    fn counts_and_percents_in_columns_of_their_own() {
        // Made-up counts: each group's count and its share in two columns under `N | %`.
        let text = "Outcome | Drug (N=69) | Placebo (N=86) |\n||||\n---|---|---|---|---|\nN | % | N | % |\nResponse | 15 | 21.7 | 15 | 17.4 |\nRemission | 30 | 43.5 | 38 | 44.2 |\n";
        let items = read_items(text);
        let percents = percents_with_counts(&items);
        let want = [
            ("21.7", "15"),
            ("17.4", "15"),
            ("43.5", "30"),
            ("44.2", "38"),
        ]
        .map(|(p, c)| (p.to_string(), c.to_string()));
        assert_eq!(percents, want, "{:?}", crate::draft::tests::brief(&items));
    }

    #[test]
    fn means_and_spreads_in_columns_of_their_own() {
        // `Mean | SD | Mean | SD` under `Before | After`, the stub's cell left out of that
        // row: each row's first four values are two means with their SDs; the change and the
        // p after them are not.
        let text = "| Scale, Group | Before | After | Diff. | P Value |\n|---|---|---|---|---|\n| Mean | SD | Mean | SD | |\n| Pain | | | | |\n| Intervention | 57.84 | 30.20 | 76.96 | 24.92 | 19.12 | < 0.001 |\n| Control | 63.00 | 22.15 | 42.50 | 22.73 | -20.5 | 0.104 |\n";
        let items = read_items(text);
        let summaries = crate::draft::tests::mean_spreads(&items);
        let want = [
            ("57.84", "30.20"),
            ("76.96", "24.92"),
            ("63.00", "22.15"),
            ("42.50", "22.73"),
        ]
        .map(|(m, s)| (m.to_string(), s.to_string(), Some("SD")));
        assert_eq!(summaries, want);
        // A header of means alone names no pairs.
        let items = read_items("| Group | Mean | Mean |\n|---|---|---|\n| A | 5.1 | 4.0 |\n");
        assert!(items.iter().all(|i| i.kind != ItemKind::MeanSpread));
    }

    #[test]
    fn rows_labelled_n_and_p() {
        let items = read_items("Endpoint | A | B |\nn | 48 | 44 |\nP | ‐ | < 0.0001 |\n");
        let n: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(n, ["48", "44"]);
        let p: Vec<_> = items.iter().filter(|i| i.kind == ItemKind::P).collect();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].parts.relation, Some("<"));
        assert_eq!(p[0].text, "< 0.0001");
    }

    #[test]
    fn columns_headed_p_the_n_after_a_summary_and_counts_with_their_percent() {
        // A statistic header standing over the last columns (no stub cell), cells laid out
        // `mean (SD); n`, and a row of counts with their percentage.
        let text = "A | B |\n---|---|---|---|---|\nDifference | p value | ||||\nScore | |||||\nFollow-up | 8·4 (7·5); 189 | 8·4 (7·0); 175 | 0·1 (−1·3 to 1·5) | 0·89 | |\nResponse (%) | 0 | 2 (40) | |||\nData are mean (SD); n or mean (95% CI).\n";
        let items = read_items(text);
        let brief = crate::draft::tests::brief(&items);
        let want: Vec<(&str, String)> = [
            ("mean_spread", "8.4/7.5/189"),
            ("n", "189"),
            ("mean_spread", "8.4/7.0/175"),
            ("n", "175"),
            ("number", "0.1"),
            ("ci", "95/-1.3/1.5"),
            ("p", "0.89"),
            ("number", "0"),
            ("percent", "2/40"),
        ]
        .iter()
        .map(|(k, v)| (*k, v.to_string()))
        .collect();
        assert_eq!(brief, want);
        // The table's legend says what the spread is.
        let ms = items
            .iter()
            .find(|i| i.kind == ItemKind::MeanSpread)
            .unwrap();
        assert_eq!(ms.parts.spread_label, Some("SD"));
        // A bare number under a header that names no statistic stays a number.
        let items = read_items("Group | A | B |\nScore | 0.89 | 0.5 |\n");
        assert!(items.iter().all(|i| i.kind == ItemKind::Number));
    }

    #[test]
    fn a_p_column_under_a_groups_spanning_name() {
        // Made-up numbers in the layout of a web table copied with pipes: each group's name
        // spans its columns, and the header nearest the data names what each column holds.
        let text = "| Drug group (n = 30) | Placebo group (n = 30) | Between groups | ||||||\n|---|---|---|---|---|---|---|---|\n| Baseline | Week 8 | p0 | Baseline | Week 8 | p0 | p1 | |\n| Score | 5.2 ± 2.7 | 3.4 ± 2.0 | < 0.001 | 4.5 ± 1.9 | 4.3 ± 2.3 | 0.469 | 0.002 |\n";
        let items = read_items(text);
        let ps = ps_printed(&items);
        assert_eq!(ps, ["0.001", "0.469", "0.002"]);
    }

    #[test]
    fn rows_of_the_patients_flow_count_people() {
        // Made-up numbers as a flow table prints them, as glued lines and as a tab table.
        let lines = "N INTERVENTION CONTROL p-value\nRandomized 34 22\nWithdrawn (data not used) 6 0\nBP reported on N 28 22\nAverage SBP 140.0 (15.7) 139.8 (16.3)\n";
        let tabs =
            "\tDrug\tPlacebo\nRandomised\t120\t118\nCompleted\t110\t101\nResponders\t40\t22\n";
        for (text, want) in [
            (lines, vec!["34", "22", "6", "0", "28", "22"]),
            (tabs, vec!["120", "118", "110", "101"]),
        ] {
            let items = read_items(text);
            let n: Vec<&str> = items
                .iter()
                .filter(|i| i.kind == ItemKind::N)
                .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
                .collect();
            assert_eq!(n, want, "{text}");
        }
    }

    #[test]
    fn a_label_lays_out_its_cells() {
        // The stub says each cell prints a count, its percentage and the p against the
        // reference column (which has no p), or a percentage and a p, or a mean ± SD and a p.
        let text = "\tControl (N=40)\tDose A (N=38)\tDose B (N=41)\n\
Responders, n (%) (p)\t9 (22.5)\t12 (31.6) (0.210)\t15 (36.6) (0.081)\n\
Modelled, % (p)\t20.4\t30.2 (0.640)\t35.0 (0.045)\n\
Score, mean±SD change from baseline (p)\t−1.2±1.1\t−1.6±1.0 (0.330)\t−2.0±1.3 (0.012)\n\
Events, n/N (%)\t3/40 (7.5)\t4/38 (10.5)\t5/41 (12.2)\n";
        let items = read_items(text);
        let brief = crate::draft::tests::brief(&items);
        let want: Vec<(&str, String)> = [
            ("percent", "9/22.5"),
            ("percent", "12/31.6"),
            ("p", "0.210"),
            ("percent", "15/36.6"),
            ("p", "0.081"),
            ("percent", "20.4"),
            ("percent", "30.2"),
            ("p", "0.640"),
            ("percent", "35.0"),
            ("p", "0.045"),
            ("mean_spread", "-1.2/1.1"),
            ("mean_spread", "-1.6/1.0"),
            ("p", "0.330"),
            ("mean_spread", "-2.0/1.3"),
            ("p", "0.012"),
            ("percent", "3/40/7.5"),
            ("percent", "4/38/10.5"),
        ]
        .iter()
        .map(|(k, v)| (*k, v.to_string()))
        .collect();
        let rows: Vec<_> = brief.iter().filter(|(k, _)| *k != "n").cloned().collect();
        assert_eq!(&rows[..want.len()], &want[..], "{brief:?}");
        let sd = items
            .iter()
            .find(|i| i.kind == ItemKind::MeanSpread)
            .unwrap();
        assert_eq!(sd.parts.spread_label, Some("SD"));
    }

    #[test]
    fn a_label_alone_on_its_line_lays_out_the_cells_below_it() {
        // A journal's HTML table copied a cell a line: the row's label states its layout, the
        // cells follow, each p on a line of its own, a placeholder for a column left empty.
        let text = "Outcome A, n (%)\n\n23 (39.0)\n\np = 0.0002\n\n40 (32.8)\n\n14 (11.4) N/A N/A\n\
Mean score, mean (SD)\n3.1 (1.2)\n";
        let items = read_items(text);
        let brief = crate::draft::tests::brief(&items);
        let percents: Vec<String> = brief
            .iter()
            .filter(|(k, _)| *k == "percent")
            .map(|(_, v)| v.clone())
            .collect();
        assert_eq!(percents, ["23/39.0", "40/32.8", "14/11.4"], "{brief:?}");
        assert!(brief.contains(&("p", "0.0002".to_string())), "{brief:?}");
        // The next label, a mean with its SD, ends the row: its cell is no count.
        assert!(
            brief.contains(&("mean_spread", "3.1/1.2".to_string())),
            "{brief:?}"
        );
    }

    #[test]
    fn a_japanese_header_names_a_rate_with_its_count() {
        // `累積軽減率(軽減人数)`: each cell a cumulative rate in % and, in brackets, the number
        // of people (with its counter 例).
        let text = "薬剤群 | 累積軽減率(軽減人数) |\nプラセボ (107例) | 10.3 (10例) |\n本剤 (101例) | 13.9 (14例) |\n";
        let brief = crate::draft::tests::brief(&read_items(text));
        let percents: Vec<&str> = brief
            .iter()
            .filter(|(k, _)| *k == "percent")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(percents, ["10.3/10", "13.9/14"], "{brief:?}");
    }

    #[test]
    fn a_sections_p_beside_its_label_in_a_table_with_a_p_column() {
        let text = "| Variable | Before | After | P Value |\n|---|---|---|---|\n| Pain | < 0.001 | | |\n| Intervention | 57.8 | 76.9 | < 0.001 |\n| Control | 63.0 | 42.5 | 0.104 |\n";
        let brief = crate::draft::tests::brief(&read_items(text));
        let ps = brief.iter().filter(|(k, _)| *k == "p").count();
        assert_eq!(ps, 3, "{brief:?}");
        // Without a p column a `< 0.5` cell is left to the other readers.
        let text = "| Variable | Before | After |\n|---|---|---|\n| Dose | < 0.5 | |\n";
        let brief = crate::draft::tests::brief(&read_items(text));
        assert!(brief.iter().all(|(k, _)| *k != "p"), "{brief:?}");
    }

    #[test]
    fn lines_of_bracketed_ps_under_a_row_of_estimates() {
        let text = "Arm A | Arm B |\nPain | −2.9±9.2 | −4.1±8.2 |\n(0.0344) | (<.0001) | |\nMood | 0.3±3.2 | −0.4±2.6 |\n(0.5901) | (0.3709) | |\n";
        let brief = crate::draft::tests::brief(&read_items(text));
        let ps: Vec<&str> = brief
            .iter()
            .filter(|(k, _)| *k == "p")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(ps, ["0.0344", ".0001", "0.5901", "0.3709"], "{brief:?}");
        // Without a `<` anywhere the brackets could be anything (a proportion, an effect size).
        let text = "Arm A | Arm B |\nPain | 2.9 | 4.1 |\n(0.34) | (0.51) | |\n";
        let brief = crate::draft::tests::brief(&read_items(text));
        assert!(brief.iter().all(|(k, _)| *k != "p"), "{brief:?}");
    }

    #[test]
    fn a_p_closing_a_row_of_estimates_with_intervals_under_a_p_column() {
        // Made-up numbers in the layout of a results table whose columns are set apart by
        // single spaces, with a p column named on its own line.
        let head = "LSM change (95% CI)\nDifference\nP\n";
        let row = "Pain score −12.1 (−14.8, −9.4) −18.2 (−20.9, −15.5) −6.1 (−9.4, −2.8) <0.001\nStiffness −3.1 (−4.0, −2.2) −3.4 (−4.3, −2.5) −0.3 (−1.5, 0.9) 0.62\n";
        let brief = crate::draft::tests::brief(&read_items(&format!("{head}{row}")));
        let p: Vec<&str> = brief
            .iter()
            .filter(|(k, _)| *k == "p")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(p, ["0.001", "0.62"], "{brief:?}");
        // With no p column named, the last number stays what it was.
        let brief = crate::draft::tests::brief(&read_items(row));
        assert!(!brief.iter().any(|(k, _)| *k == "p"), "{brief:?}");
    }

    #[test]
    fn a_p_closing_a_glued_results_row() {
        let items = read_items(
            " PANSS (N6 item)−0.23 ± 0.080.03 ± 0.08<0.018*\n GAF2.94 ± 0.702.82 ± 0.86ns\n Dose 12.5 ± 2.0 mg 0.5\n",
        );
        let brief = crate::draft::tests::brief(&items);
        assert!(brief.contains(&("p", "0.018".to_string())), "{brief:?}");
        // One summary before it is no results row: the number stays what it was.
        assert!(
            !brief.iter().any(|(k, v)| *k == "p" && v == "0.5"),
            "{brief:?}"
        );
    }

    #[test]
    fn a_dash_alone_is_an_empty_cell_not_a_minus() {
        let items = read_items(
            "HbA1c, %  7.2 – 6.9\nWeight, kg  82.1 -- 80.4\nPlacebo – 2.1 points\nt = - 4.46 and −3.1 and was - 2.0\n",
        );
        let values: Vec<&str> = items
            .iter()
            .filter_map(|i| i.parts.value.as_ref())
            .map(|v| v.number.text.as_str())
            .collect();
        assert_eq!(
            values,
            [
                "7.2", "6.9", "82.1", "80.4", "2.1", "- 4.46", "-3.1", "- 2.0"
            ]
        );
    }

    #[test]
    fn a_sections_categories_whose_numbers_add_up_to_100_are_percentages() {
        // Under a section's label, rows of bare numbers that add up to 100 in each column
        // (within their rounding) are the categories' shares; a measure in % units (`HbA1c
        // (%)`) and rows that add up to anything else are not.
        let text = "Outcome | Baseline | Six months |\nDepression diagnosis | | |\nNone (%) | 47.2 | 71.7 |\nMinor (%) | 18.9 | 7.6 |\nMajor (%) | 34.0 | 20.8 |\nHbA1c (%) | 7.1 | 6.8 |\nVisits | | |\nClinic | 12.0 | 9.0 |\nPhone | 3.0 | 5.0 |\n";
        let items = read_items(text);
        let percents: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(percents, ["47.2", "71.7", "18.9", "7.6", "34.0", "20.8"]);
        // A section's label that prints its own p in the p's column still opens its
        // categories.
        let text = "Outcome | Baseline | Six months | P |\nSmoking | | | 0.320 |\nNever | 79.6 | 83.3 | |\nCurrent | 20.4 | 16.7 | |\n";
        let brief = crate::draft::tests::brief(&read_items(text));
        for want in [("p", "0.320"), ("percent", "79.6"), ("percent", "16.7")] {
            assert!(brief.contains(&(want.0, want.1.to_string())), "{brief:?}");
        }
    }
}
