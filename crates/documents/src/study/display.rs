//! Studies for people and for other programs: the one-line-per-study list (`trialstats list`)
//! and every number of one study with its provenance (`trialstats show`).

use super::{Bound, Measure, NOT_REPORTED, Reported, ReportedNumber, SpreadKind, Study};
use crate::output::{Cell, Table, Tabular};
use serde::Serialize;
use std::fmt::Write;

/// Append one line to a `String` (writing to a `String` cannot fail).
macro_rules! put {
    ($o:expr, $($arg:tt)*) => {
        let _ = writeln!($o, $($arg)*);
    };
}

/// One line of `trialstats list`.
#[derive(Debug, Clone, Serialize)]
pub struct StudySummary {
    pub id: String,
    pub title: String,
    pub source_file: String,
    pub facts: usize,
    pub dates: usize,
    pub measures: usize,
    pub slopes: usize,
    pub arms: usize,
    pub expectations: usize,
}

impl From<&Study> for StudySummary {
    fn from(s: &Study) -> Self {
        StudySummary {
            id: s.id.clone(),
            title: s.title.clone(),
            source_file: s.source_file.clone(),
            facts: s.facts.len(),
            dates: s.dates.len(),
            measures: s.measures.len(),
            slopes: s.slopes.len(),
            arms: s.arms.len(),
            expectations: s.expectations.len(),
        }
    }
}

/// The studies of a data folder, one row each (JSON: an array).
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct StudyList(pub Vec<StudySummary>);

impl Tabular for StudyList {
    fn table(&self) -> Table {
        Table {
            header: [
                "id",
                "title",
                "source_file",
                "facts",
                "dates",
                "measures",
                "slopes",
                "arms",
                "expectations",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .0
                .iter()
                .map(|s| {
                    vec![
                        Cell::from(s.id.as_str()),
                        Cell::from(s.title.as_str()),
                        Cell::from(s.source_file.as_str()),
                        Cell::from(s.facts),
                        Cell::from(s.dates),
                        Cell::from(s.measures),
                        Cell::from(s.slopes),
                        Cell::from(s.arms),
                        Cell::from(s.expectations),
                    ]
                })
                .collect(),
        }
    }
}

/// Every number of one study as rows (for CSV); JSON is the whole [`Study`].
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct StudyNumbers<'a>(pub &'a Study);

impl Tabular for StudyNumbers<'_> {
    fn table(&self) -> Table {
        let s = self.0;
        let header = [
            "kind",
            "id",
            "timepoint",
            "label",
            "value",
            "spread",
            "dispersion",
            "bound",
            "unit",
            "scale",
            "n",
            "when",
            "quote",
            "where",
        ]
        .map(String::from)
        .to_vec();
        let text = text_cell;
        let mut rows = fact_and_date_rows(s);
        // A time point of a measure or of one arm's series of an arm measure: the same columns.
        let timepoint_row = |kind: &str,
                             id: &str,
                             t: &super::TimePoint,
                             label: &str,
                             dispersion: SpreadKind,
                             unit: &str,
                             scale: Option<&super::Scale>,
                             provenance: &super::Provenance| {
            vec![
                text(kind),
                text(id),
                text(&t.id),
                text(label),
                text(&centre(t)),
                text(&t.spread.to_string()),
                text(dispersion.as_str()),
                Cell::Missing,
                text(unit),
                text(&scale_text(scale)),
                text(&t.n.to_string()),
                text(&t.when),
                text(&provenance.quote),
                text(&provenance.location),
            ]
        };
        for m in &s.measures {
            for t in &m.timepoints {
                rows.push(timepoint_row(
                    "measure",
                    &m.id,
                    t,
                    &m.label,
                    m.dispersion,
                    &m.unit,
                    m.scale.as_ref(),
                    &m.provenance,
                ));
            }
        }
        rows.extend(slope_and_arm_rows(s));
        for m in &s.arm_measures {
            for series in &m.arms {
                for t in &series.timepoints {
                    rows.push(timepoint_row(
                        &format!("arm measure ({})", m.values.as_str()),
                        &format!("{}.{}", m.id, series.arm),
                        t,
                        &m.label,
                        m.dispersion,
                        &m.unit,
                        m.scale.as_ref(),
                        &series.provenance,
                    ));
                }
            }
        }
        rows.extend(arm_count_rows(s));
        Table { header, rows }
    }
}

/// A text cell holding `x`.
fn text_cell(x: &str) -> Cell {
    Cell::Text(x.to_string())
}

/// The rows of the study's facts, then of its dates.
fn fact_and_date_rows(s: &Study) -> Vec<Vec<Cell>> {
    let text = text_cell;
    let mut rows = Vec::new();
    for f in &s.facts {
        rows.push(vec![
            text("fact"),
            text(&f.id),
            Cell::Missing,
            text(&f.label),
            text(&f.value.to_string()),
            Cell::Missing,
            Cell::Missing,
            text(f.bound.as_str()),
            text(&f.unit),
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            text(&f.provenance.quote),
            text(&f.provenance.location),
        ]);
    }
    for d in &s.dates {
        rows.push(vec![
            text("date"),
            text(&d.id),
            Cell::Missing,
            text(&d.label),
            text(&d.date),
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            text(&d.provenance.quote),
            text(&d.provenance.location),
        ]);
    }
    rows
}

/// The rows of the study's slopes (a row per side), then of its arms.
fn slope_and_arm_rows(s: &Study) -> Vec<Vec<Cell>> {
    let text = text_cell;
    let mut rows = Vec::new();
    for sl in &s.slopes {
        for (side, v) in [("before", &sl.before), ("after", &sl.after)] {
            rows.push(vec![
                text("slope"),
                text(&sl.id),
                text(side),
                text(&sl.label),
                text(&v.value.to_string()),
                text(&v.spread.to_string()),
                text(sl.dispersion.as_str()),
                Cell::Missing,
                text(&sl.unit),
                text(&scale_text(sl.scale.as_ref())),
                text(&sl.n.to_string()),
                text(&format!("period: {}", v.period)),
                text(&sl.provenance.quote),
                text(&sl.provenance.location),
            ]);
        }
    }
    for a in &s.arms {
        rows.push(vec![
            text(if a.control { "arm (control)" } else { "arm" }),
            text(&a.id),
            Cell::Missing,
            text(&a.label),
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            Cell::Missing,
            text(&a.n.to_string()),
            Cell::Missing,
            text(&a.provenance.quote),
            text(&a.provenance.location),
        ]);
    }
    rows
}

/// The rows of the study's per-arm counts (a row per arm).
fn arm_count_rows(s: &Study) -> Vec<Vec<Cell>> {
    let text = text_cell;
    let mut rows = Vec::new();
    for c in &s.arm_counts {
        for e in &c.arms {
            rows.push(vec![
                text("arm count"),
                text(&format!("{}.{}", c.id, e.arm)),
                Cell::Missing,
                text(&c.label),
                text(&e.events.to_string()),
                Cell::Missing,
                Cell::Missing,
                Cell::Missing,
                text(c.time_unit.as_deref().unwrap_or("people")),
                Cell::Missing,
                text(&match &e.person_time {
                    Some(pt) => format!("person-time {pt}"),
                    None => e.n.to_string(),
                }),
                Cell::Missing,
                text(&e.provenance.quote),
                text(&e.provenance.location),
            ]);
        }
    }
    rows
}

fn scale_text(scale: Option<&super::Scale>) -> String {
    scale.map_or_else(|| NOT_REPORTED.to_string(), |s| s.describe())
}

/// A time point's values as the `show` text prints them: mean ± spread, or the median with
/// its quartiles and/or range (and the conversion method the file names).
fn timepoint_values(t: &super::TimePoint) -> String {
    match &t.median {
        Some(m) => format!("{} [to mean/SD by {}]", m.describe(), m.method.as_str()),
        None => mean_and_spread(&t.mean, &t.spread),
    }
}

/// The mean column of a time point: the mean, or the median summary in its place.
fn centre(t: &super::TimePoint) -> String {
    t.median
        .as_ref()
        .map_or_else(|| t.mean.to_string(), |m| m.describe())
}

/// `5.1 ± 1.7`, `not reported`, or the mean alone when the spread is not reported.
fn mean_and_spread(mean: &Reported<ReportedNumber>, spread: &Reported<ReportedNumber>) -> String {
    match (mean, spread) {
        (Reported::Value(m), Reported::Value(s)) => format!("{m} ± {s}"),
        (Reported::Value(m), Reported::NotReported) => format!("{m} (spread {NOT_REPORTED})"),
        (Reported::NotReported, _) => NOT_REPORTED.to_string(),
    }
}

/// Every number of `study` with its provenance, as readable text (`trialstats show`).
pub fn describe(study: &Study) -> String {
    let mut o = String::new();
    let s = study;
    describe_header(&mut o, s);
    describe_facts_and_dates(&mut o, s);
    if !s.measures.is_empty() {
        put!(o, "\nMeasures (mean ± spread)");
        for m in &s.measures {
            describe_measure(&mut o, m);
            put_quote(&mut o, &m.provenance);
        }
    }
    describe_slopes(&mut o, s);
    if !s.arms.is_empty() {
        put!(o, "\nArms (each compared with the control)");
        for a in &s.arms {
            put!(
                o,
                "  {} — {}{}: n = {}",
                a.id,
                a.label,
                if a.control { " [control]" } else { "" },
                a.n
            );
            if let Some(n) = &a.note {
                put!(o, "    note:  {n}");
            }
            put_quote(&mut o, &a.provenance);
        }
    }
    for m in &s.arm_measures {
        describe_arm_measure(&mut o, m);
    }
    for c in &s.arm_counts {
        describe_arm_count(&mut o, c);
    }
    if !s.tests.is_empty() {
        put!(o, "\nPrinted test results (checked by `trialstats check`)");
        for t in &s.tests {
            put!(o, "  {} — {}", t.id, t.text);
            if let Some(n) = &t.note {
                put!(o, "    note:  {n}");
            }
            put_quote(&mut o, &t.provenance);
        }
    }
    describe_patient_data(&mut o, s);
    if !s.references.is_empty() {
        put!(o, "\nReferences");
        for r in &s.references {
            put!(o, "  {} ({}) — {}", r.id, r.kind, r.citation);
            put_quote(&mut o, &r.provenance);
        }
    }
    if !s.expectations.is_empty() {
        put!(o, "\nExpectations (checked by `trialstats verify`)");
        for e in &s.expectations {
            put!(
                o,
                "  {} — {}\n    {} = {} ± {}",
                e.id,
                e.description,
                e.compute,
                crate::output::human_number(e.expected),
                crate::output::human_number(e.tolerance)
            );
        }
    }
    o
}

/// Write the quote and place of an item (indented under it).
fn put_quote(o: &mut String, q: &super::Provenance) {
    put!(o, "    quote: {}", quoted(&q.quote));
    put!(o, "    where: {}", q.location);
}

/// Write the study's header: id and title, source, publication, design, population,
/// intervention and notes.
fn describe_header(o: &mut String, s: &Study) {
    put!(o, "{} — {}", s.id, s.title);
    put!(o, "source file:   {}", s.source_file);
    put!(o, "document:      {}", s.document);
    let p = &s.publication;
    put!(
        o,
        "publication:   {} | {} | {} | doi {}",
        p.title,
        p.journal,
        p.date,
        p.doi
    );
    put!(o, "design:        {}", s.design);
    put!(o, "population:    {}", s.population);
    put!(o, "intervention:  {}", s.intervention);
    for n in &s.notes {
        put!(o, "note:          {n}");
    }
}

/// Write the study's facts and dates, each with its quote.
fn describe_facts_and_dates(o: &mut String, s: &Study) {
    if !s.facts.is_empty() {
        put!(o, "\nFacts");
        for f in &s.facts {
            let mut value = f.value.to_string();
            if f.bound != Bound::Exact {
                value = format!("{} {value}", f.bound.as_str());
            }
            put!(o, "  {} — {}", f.id, f.label);
            let of = f.of.as_ref().map_or(String::new(), |of| {
                let whole = s
                    .fact(of)
                    .map_or(String::new(), |w| format!(" = {}", w.value));
                format!(" (of {of}{whole})")
            });
            put!(o, "    value: {value} {}{of}", f.unit);
            if let Some(n) = &f.note {
                put!(o, "    note:  {n}");
            }
            put_quote(o, &f.provenance);
        }
    }
    if !s.dates.is_empty() {
        put!(o, "\nDates");
        for d in &s.dates {
            put!(o, "  {} — {}: {}", d.id, d.label, d.date);
            if let Some(n) = &d.note {
                put!(o, "    note:  {n}");
            }
            put_quote(o, &d.provenance);
        }
    }
}

/// Write the study's slopes, each side with its period, the claim and the quote.
fn describe_slopes(o: &mut String, s: &Study) {
    if !s.slopes.is_empty() {
        put!(o, "\nSlopes (rate of change)");
        for sl in &s.slopes {
            put!(o, "  {} — {} [{}]", sl.id, sl.label, sl.unit);
            put!(
                o,
                "    scale {}, n = {}, ± is {}, {}",
                scale_text(sl.scale.as_ref()),
                sl.n,
                sl.dispersion.as_str(),
                sl.direction.as_str()
            );
            for (side, v) in [("before", &sl.before), ("after", &sl.after)] {
                put!(
                    o,
                    "    {side:<8} {}   period: {}",
                    mean_and_spread(&v.value, &v.spread),
                    v.period
                );
            }
            put!(
                o,
                "    claim: significant = {}{}",
                sl.claim.significant,
                sl.claim
                    .wording
                    .as_ref()
                    .map_or(String::new(), |w| format!(" ({w})"))
            );
            if let Some(n) = &sl.note {
                put!(o, "    note:  {n}");
            }
            put_quote(o, &sl.provenance);
        }
    }
}

/// Write one per-arm measure: its scale and spread, each arm's time points, the claim and
/// the document's comparisons.
fn describe_arm_measure(o: &mut String, m: &super::ArmMeasure) {
    put!(
        o,
        "\nPer-arm measure: {} — {} [{}], {}",
        m.id,
        m.label,
        m.unit,
        m.values.as_str()
    );
    let spread_meaning = match m.dispersion {
        SpreadKind::NotReported => format!("± meaning {NOT_REPORTED}"),
        d => format!("± is {}", d.as_str()),
    };
    put!(
        o,
        "    scale {}, {spread_meaning}, pre/post correlation {}, {}",
        scale_text(m.scale.as_ref()),
        m.correlation,
        m.direction.as_str()
    );
    if let Some(note) = &m.dispersion_note {
        put!(o, "    ±:     {note}");
    }
    for series in &m.arms {
        put!(o, "    {} (n = {})", series.arm, series.n);
        for t in &series.timepoints {
            put!(
                o,
                "      {:<8} {}   when: {}",
                t.id,
                timepoint_values(t),
                t.when
            );
        }
    }
    put!(
        o,
        "    claim: significant = {}{}",
        m.claim.significant,
        m.claim
            .wording
            .as_ref()
            .map_or(String::new(), |w| format!(" ({w})"))
    );
    put_quote(o, &m.provenance);
    for c in &m.comparisons {
        describe_comparison(o, c);
    }
}

/// Write one comparison of an arm with the control, as printed, with its quote.
fn describe_comparison(o: &mut String, c: &super::ReportedComparison) {
    let mut parts = Vec::new();
    if let Some(d) = &c.difference {
        parts.push(format!("difference {}", d.text));
    }
    if let Some(sp) = &c.spread {
        parts.push(format!("± {}", sp.text));
    }
    if let Some((lo, hi, level)) = &c.ci {
        parts.push(format!("{} CI {} to {}", level.label(), lo.text, hi.text));
    }
    if let Some(t) = &c.t {
        parts.push(format!("t = {}", t.text));
    }
    if let Some(p) = &c.p {
        parts.push(p.describe());
    }
    put!(
        o,
        "    comparison {} vs control at {}: {} (adjustment {}{})",
        c.arm,
        c.timepoint,
        parts.join(", "),
        c.adjusted.as_str(),
        c.method
            .as_ref()
            .map_or(String::new(), |m| format!(": {m}"))
    );
    put_quote(o, &c.provenance);
}

/// Write one per-arm count: each arm's events (of n, or over person-time).
fn describe_arm_count(o: &mut String, c: &super::ArmCount) {
    put!(
        o,
        "\nPer-arm count: {} — {} ({})",
        c.id,
        c.label,
        c.direction.as_str()
    );
    for e in &c.arms {
        let line = match &e.person_time {
            Some(pt) => format!(
                "{} events over {pt} {}",
                e.events,
                c.time_unit.as_deref().unwrap_or_default()
            ),
            None => format!("{} of {}", e.events, e.n),
        };
        put!(o, "    {}: {line}", e.arm);
    }
    if let Some(n) = &c.note {
        put!(o, "    note:  {n}");
    }
    put_quote(o, &c.provenance);
}

/// Write the study's patient-level data files and the model each is analysed with.
fn describe_patient_data(o: &mut String, s: &Study) {
    if !s.patient_data.is_empty() {
        put!(o, "\nPatient-level data (an MMRM in `trialstats report`)");
        for d in &s.patient_data {
            put!(
                o,
                "  {} — {} ({}){}",
                d.id,
                d.label,
                d.unit,
                if d.synthetic {
                    ": SYNTHETIC (invented patients)"
                } else {
                    ""
                }
            );
            put!(o, "    file:  {}", d.file);
            put!(
                o,
                "    model: {}, {} df; every {} against {}",
                d.mmrm_formula(),
                d.ddf.label(),
                d.arm,
                d.control
            );
            if let Some(n) = &d.note {
                put!(o, "    note:  {n}");
            }
        }
    }
}

fn describe_measure(o: &mut String, m: &Measure) {
    put!(o, "  {} — {} [{}]", m.id, m.label, m.unit);
    let spread_meaning = match m.dispersion {
        SpreadKind::NotReported => format!("± meaning {NOT_REPORTED}"),
        d => format!("± is {}", d.as_str()),
    };
    put!(
        o,
        "    scale {}, n = {}, {spread_meaning}, pre/post correlation {}, {}",
        scale_text(m.scale.as_ref()),
        m.n,
        m.correlation,
        m.direction.as_str()
    );
    if let Some(note) = &m.dispersion_note {
        put!(o, "    ±:     {note}");
    }
    for t in &m.timepoints {
        let n = if t.n == m.n {
            String::new()
        } else {
            format!("  n = {}", t.n)
        };
        put!(
            o,
            "    {:<8} {}{n}   when: {}",
            t.id,
            timepoint_values(t),
            t.when
        );
        if let (Some(sc), Some(note)) = (&t.scale, &t.scale_note) {
            put!(o, "             scale here: {} ({note})", sc.describe());
        }
    }
    if let Some(c) = &m.change {
        let mut parts = Vec::new();
        if let Some(x) = &c.mean {
            parts.push(format!("mean {x}"));
        }
        if let Some(x) = &c.sd {
            parts.push(format!("SD {x} (dividing by {})", c.sd_divisor.as_str()));
        }
        if let Some(x) = &c.se {
            parts.push(format!("SE {x}"));
        }
        if let Some((lo, hi, level)) = &c.ci {
            parts.push(format!(
                "{}% CI {lo} to {hi}",
                crate::output::human_number(level.percent())
            ));
        }
        if let Some(x) = &c.t {
            parts.push(format!("t = {x}"));
        }
        if let Some(x) = &c.p {
            parts.push(format!("p = {x}"));
        }
        put!(o, "    change: {}", parts.join(", "));
        put!(o, "      quote: {}", quoted(&c.provenance.quote));
        put!(o, "      where: {}", c.provenance.location);
    }
    put!(
        o,
        "    claim: significant = {}{}",
        m.claim.significant,
        m.claim
            .wording
            .as_ref()
            .map_or(String::new(), |w| format!(" ({w})"))
    );
}

/// A quote in the marks of its language: 「…」 around Japanese text, “…” around anything else.
fn quoted(quote: &str) -> String {
    let japanese = quote.chars().any(|c| {
        matches!(c as u32,
            0x3040..=0x30FF // hiragana, katakana
            | 0x3400..=0x4DBF | 0x4E00..=0x9FFF // CJK ideographs
            | 0xFF66..=0xFF9F) // half-width katakana
    });
    if japanese {
        format!("「{quote}」")
    } else {
        format!("“{quote}”")
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_take_the_marks_of_their_language() {
        assert_eq!(quoted("7名中5名"), "「7名中5名」");
        assert_eq!(quoted("relapse-free in 5 of 7"), "“relapse-free in 5 of 7”");
    }
}
