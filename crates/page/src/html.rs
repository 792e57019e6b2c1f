//! The page, rendered on the server with maud (HTML escaped by construction) and no script: a
//! form posts the document, the answer is the same page with the results below it. Every
//! element a test reads has a stable id; every result row carries `data-kind`, `data-value` or
//! `data-verdict`. Downloads are `data:` links, so the server keeps no file and no state.

use crate::analyse::PageAnalysis;
use crate::corrections;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use trialstats_documents::draft::Item;
use trialstats_documents::study::edit::{MeasureKind, MeasureRows, StudyStructure};
use trialstats_numerics::output::table::cell_text;
use trialstats_numerics::output::{Cell, Table, Tabular};

/// An example one click away: `/?example=ID`.
pub struct Example {
    pub id: &'static str,
    pub label: &'static str,
    /// A document's text, or a study file (`.toml`).
    pub text: &'static str,
    pub is_study_file: bool,
}

/// The examples: a real English abstract of a two-arm trial, two seed press releases
/// (Japanese), and two study files of `data/`.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "edaravone-abstract",
        label: "Edaravone in ALS, phase 3 abstract (Abe et al. 2014)",
        text: include_str!("../../../tests/data/seeds/abe2014_edaravone_abstract.txt"),
        is_study_file: false,
    },
    Example {
        id: "nmo-press-release",
        label: "NMO tocilizumab press release (Japanese)",
        text: include_str!("../../../tests/data/seeds/002_f6b3e19b5df4114a.txt"),
        is_study_file: false,
    },
    Example {
        id: "als-press-release",
        label: "ALS Muse cells press release (Japanese)",
        text: include_str!("../../../tests/data/seeds/001_ea950270912fbcef.txt"),
        is_study_file: false,
    },
    Example {
        id: "nmo-study-file",
        label: "nmo-tocilizumab study file",
        text: include_str!("../../../data/nmo-tocilizumab.toml"),
        is_study_file: true,
    },
    Example {
        id: "als-study-file",
        label: "als-muse-phase2 study file",
        text: include_str!("../../../data/als-muse-phase2.toml"),
        is_study_file: true,
    },
];

const STYLE: &str = r#"
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; color: #222; }
h1 { margin: 1rem 0 0; } h2 { border-bottom: 1px solid #ddd; margin-top: 2rem; }
textarea { width: 100%; box-sizing: border-box; font: 14px/1.4 ui-monospace, monospace; }
button { font-size: 1rem; padding: .4rem 1.2rem; margin: .5rem .5rem .5rem 0; cursor: pointer; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ddd; padding: .75rem; background: #fafafa; }
mark { padding: 0 .1em; border-radius: 3px; background: #e5e7eb; }
mark[data-kind="mean_spread"], mark[data-kind="median_iqr"], mark[data-kind="median_range"] { background: #bfdbfe; }
mark[data-kind="n"], mark[data-kind="count_of"], mark[data-kind="percent"], mark[data-kind="rate"] { background: #bbf7d0; }
mark[data-kind="p"], mark[data-kind="ci"], mark[data-kind="test_statistic"], mark[data-kind="ratio"], mark[data-kind="percent_change"] { background: #fecaca; }
mark[data-kind="date"], mark[data-kind="number"] { background: #f3f4f6; color: #555; }
mark.review { outline: 2px dashed #b45309; }
.legend mark { margin-right: .5em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; }
td input[type="text"] { font: inherit; max-width: 18rem; } td input[name$=":when"] { width: 16rem; } td select { font: inherit; max-width: 14rem; }
details { margin: 1rem 0; } summary { cursor: pointer; } .arms-check { font-size: 13px; white-space: nowrap; }
th, td { border-bottom: 1px solid #eee; padding: .25rem .5rem; text-align: left; vertical-align: top; }
tr[data-verdict="inconsistent"], tr[data-verdict="decision error"], tr[data-verdict="contradicted"] { background: #fee2e2; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
.problems { background: #fff7ed; border-left: 4px solid #f97316; padding: .5rem 1rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
@media print { form, nav, .downloads { display: none; } }
"#;

/// The whole page: the form, and the results when there are some. `error` is a message for
/// input the page could not read.
pub fn page(text: &str, analysis: Option<&PageAnalysis>, error: Option<&str>) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "trialstats" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "trialstats" }
                    p { "Paste a trial report (or choose a .txt, .html or .pdf): the page drafts what it reports, says what each ± means, checks that the numbers add up and draws the charts. It runs on this computer; nothing is sent anywhere." }
                }
                form id="analyse-form" method="post" action="/" enctype="multipart/form-data" {
                    label for="document" { "Report text" }
                    textarea id="document" name="text" rows="12" { (text) }
                    p {
                        label for="file" { "or a file: " }
                        input id="file" type="file" name="file" accept=".txt,.text,.html,.htm,.pdf";
                    }
                    button id="analyse" type="submit" { "Analyse" }
                }
                nav id="examples" {
                    "Examples: "
                    @for (i, e) in EXAMPLES.iter().enumerate() {
                        @if i > 0 { " · " }
                        a href={ "/?example=" (e.id) } data-example=(e.id) { (e.label) }
                    }
                }
                @if let Some(message) = error {
                    p id="error" class="problems" { (message) }
                }
                @if let Some(a) = analysis { (results(a)) }
            }
        }
    }
}

fn results(a: &PageAnalysis) -> Markup {
    html! {
        @if !a.problems.is_empty() {
            section id="problems" class="problems" {
                @for p in &a.problems { p { (p) } }
            }
        }
        @if let Some(d) = &a.draft {
            section id="marked" {
                h2 { "The text, with each number drafted" }
                p class="legend" {
                    "Hover a number to see what it was read as. "
                    mark data-kind="mean_spread" { "mean ± spread, median" }
                    mark data-kind="n" { "n, count, percent, rate" }
                    mark data-kind="p" { "p, CI, test, ratio" }
                    mark data-kind="number" { "other number, date" }
                    mark class="review" data-kind="legend" { "left for you to decide" }
                }
                div id="text-marked" class="doc" { (marked_text(&a.text, &d.items)) }
            }
        }
        section id="structure" {
            h2 { "What the study reports: arms, measures, time points" }
            @if let Some(st) = &a.structure { (structure_form(a, st)) }
            details id="study-file" {
                summary { "The study file itself (everything below comes from it; edit it directly)" }
                form method="post" action="/" enctype="multipart/form-data" {
                    textarea id="study-toml" name="study_toml" rows="16" { (a.study_toml) }
                    button id="reanalyse" type="submit" { "Analyse the study file" }
                }
            }
            p class="downloads" {
                a id="download-toml" download="study.toml" href=(data_uri("application/toml", &a.study_toml)) { "Download the study file" }
                " · "
                a id="download-json" download="findings.json" href=(data_uri("application/json", &serde_json::to_string_pretty(a).unwrap_or_default())) { "the findings as JSON" }
                @if let Some(c) = &a.study_check {
                    " · "
                    a id="download-csv" download="checks.csv" href=(data_uri("text/csv", &csv_of(&c.table()))) { "the checks as CSV" }
                }
            }
        }
        @if let Some(c) = &a.study_check {
            @let (readings, others) = split_rows(&c.table(), "spread_reading");
            section id="verdicts" {
                h2 { "What each ± means, and why" }
                @if readings.rows.is_empty() { p { "No measure of the study prints a ±." } }
                @else { (table_html("verdicts-table", &readings, false)) }
            }
            section id="checks" {
                h2 { "Do the numbers add up?" }
                p { "GRIM, GRIMMER, bounds, SD or SEM, SPRITE, percent against count and claimed significance; problems first." }
                (table_html("checks-table", &others, true))
            }
        }
        @if let Some(c) = &a.check {
            section id="text-checks" {
                h2 { "In the text: reported tests, means ± spreads, comparisons" }
                p { "As trialstats check text reads the document: each test statistic against its p (statcheck's rules), each mean ± spread with its n, and what ± is where two arms are compared." }
                (table_html("text-checks-table", &c.table(), true))
            }
        }
        @if let Some(e) = &a.effects {
            section id="effects" {
                h2 { "Effects" }
                pre { (e) }
            }
        }
        section id="charts" {
            h2 { "Charts" }
            @if a.charts.is_empty() { p { "No chart: the study file has nothing to draw." } }
            @for (i, c) in a.charts.iter().enumerate() {
                figure id={ "chart-" (i) } data-kind="chart" {
                    (PreEscaped(&c.svg))
                    figcaption {
                        strong { (c.title) } " "
                        (c.caption) " "
                        a class="downloads" download={ "chart-" (i) ".svg" } href=(data_uri("image/svg+xml", &c.svg)) { "SVG" }
                    }
                    form class="downloads" method="post" action="/chart.png" enctype="multipart/form-data" {
                        input type="hidden" name="study_toml" value=(a.study_toml);
                        input type="hidden" name="index" value=(i);
                        button type="submit" id={ "png-" (i) } { "PNG" }
                    }
                }
            }
        }
    }
}

/// The drafted structure as tables whose values can be corrected: the arms (label, n), and
/// each measure's numbers by arm and time point (what ± is, n, the time point's name, the arm
/// a number belongs to). Submitting applies the changed values to the study file.
fn structure_form(a: &PageAnalysis, st: &StudyStructure) -> Markup {
    let arm_label = |id: &str| {
        st.arms
            .iter()
            .find(|a| a.id == id)
            .map_or(id.to_string(), |a| a.label.clone())
    };
    html! {
        @if st.arms.is_empty() && st.measures.is_empty() {
            p { "The draft found no arm and no measure with numbers by time point." }
        } @else {
            p { "Correct what the draft read wrong (an arm's name or n, the arm or time point a number belongs to, what ± is) and apply: everything below is recomputed from the corrected study file." }
            form id="structure-form" method="post" action="/" enctype="multipart/form-data" {
                input type="hidden" name="study_toml" value=(a.study_toml);
                @if !st.arms.is_empty() {
                    (arms_table(st))
                }
                @if !st.measures.is_empty() {
                    h3 { "Measures" }
                    div class="scroll" {
                        table id="measures-table" {
                            thead { tr { th { "measure" } th { "± is" } th { "arm" } th { "n" } th { "time point" } th { "numbers" } } }
                            tbody {
                                @for m in &st.measures {
                                    @for (si, s) in m.series.iter().enumerate() {
                                        @for (ti, t) in s.timepoints.iter().enumerate() {
                                            @let first = si == 0 && ti == 0;
                                            tr data-measure=(m.id) data-arm=[s.arm.as_deref()] data-timepoint=(t.id) data-value=(t.value) {
                                                td {
                                                    @if first {
                                                        input type="text" name=(corrections::measure_label(&m.id)) value=(m.label) aria-label={ "label of " (m.id) }; br; code { (m.id) }
                                                        @if m.kind == MeasureKind::SingleGroup && s.timepoints.len() >= 2 {
                                                            br;
                                                            label class="arms-check" {
                                                                input type="checkbox" name=(corrections::time_points_are_arms(&m.id)) value="arms";
                                                                " these are arms, each named as its time point is"
                                                            }
                                                        }
                                                    }
                                                }
                                                td { @if first { (dispersion_select(m)) } }
                                                td {
                                                    @match s.arm.as_deref() {
                                                        Some(arm) => {
                                                            select name=(corrections::timepoint_arm(&m.id, arm, &t.id)) aria-label={ "arm of " (m.id) " " (t.id) } {
                                                                @for other in &st.arms {
                                                                    option value=(other.id) selected[other.id == arm] { (other.label) }
                                                                }
                                                                @if !st.arms.iter().any(|o| o.id == arm) {
                                                                    option value=(arm) selected { (arm_label(arm)) }
                                                                }
                                                            }
                                                        }
                                                        None => "all",
                                                    }
                                                }
                                                td {
                                                    @if ti == 0 {
                                                        @match (m.kind, s.arm.as_deref()) {
                                                            (MeasureKind::ByArm, Some(arm)) => {
                                                                input type="text" inputmode="numeric" size="6" name=(corrections::measure_n(&m.id, Some(arm))) value=(s.n) placeholder="arm's" aria-label={ "n of " (m.id) " in " (arm) };
                                                            }
                                                            (MeasureKind::ByArm, None) => {}
                                                            _ => @if si == 0 {
                                                                input type="text" inputmode="numeric" size="6" name=(corrections::measure_n(&m.id, None)) value=(m.n) aria-label={ "n of " (m.id) };
                                                            },
                                                        }
                                                    }
                                                }
                                                td {
                                                    @if m.kind == MeasureKind::Slope { (t.when) }
                                                    @else {
                                                        input type="text" name=(corrections::timepoint_when(&m.id, s.arm.as_deref(), &t.id)) value=(t.when) aria-label={ "time point " (t.id) " of " (m.id) };
                                                    }
                                                }
                                                td { (t.value) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                button id="apply-corrections" type="submit" { "Apply the corrections" }
            }
        }
    }
}

/// The arms' table of the structure form: each arm's id, label and n (to correct), and
/// whether it is the control.
fn arms_table(st: &StudyStructure) -> Markup {
    html! {
        h3 { "Arms" }
        div class="scroll" {
            table id="arms-table" {
                thead { tr { th { "arm" } th { "label" } th { "n" } th { "control" } } }
                tbody {
                    @for arm in &st.arms {
                        tr data-arm=(arm.id) data-value=(arm.n) {
                            td { code { (arm.id) } }
                            td { input type="text" name=(corrections::arm_label(&arm.id)) value=(arm.label) aria-label={ "label of " (arm.id) }; }
                            td { input type="text" inputmode="numeric" size="6" name=(corrections::arm_n(&arm.id)) value=(arm.n) aria-label={ "n of " (arm.id) }; }
                            td { @if arm.control { "control" } }
                        }
                    }
                }
            }
        }
    }
}

/// The choice of what a measure's ± is.
fn dispersion_select(m: &MeasureRows) -> Markup {
    let known = corrections::DISPERSIONS
        .iter()
        .any(|k| k.as_str() == m.dispersion);
    html! {
        select name=(corrections::dispersion(&m.id)) aria-label={ "what ± is in " (m.id) } {
            @for k in corrections::DISPERSIONS {
                option value=(k.as_str()) selected[k.as_str() == m.dispersion] { (k.as_str()) }
            }
            @if !known { option value=(m.dispersion) selected { (m.dispersion) } }
        }
    }
}

/// The document with each drafted item marked in place: its kind, numbers and notes on hover.
fn marked_text(text: &str, items: &[Item]) -> Markup {
    let mut spans: Vec<&Item> = items
        .iter()
        .filter(|i| i.span[0] < i.span[1] && i.span[1] <= text.len())
        .filter(|i| text.is_char_boundary(i.span[0]) && text.is_char_boundary(i.span[1]))
        .collect();
    spans.sort_by_key(|i| i.span[0]);
    // Plain text and marked items in order; an item that overlaps the one before is left
    // unmarked.
    let mut pieces: Vec<(&str, Option<&Item>)> = Vec::new();
    let mut at = 0;
    for item in spans {
        if item.span[0] < at {
            continue;
        }
        pieces.push((&text[at..item.span[0]], None));
        pieces.push((&text[item.span[0]..item.span[1]], Some(item)));
        at = item.span[1];
    }
    pieces.push((&text[at..], None));
    html! {
        @for (piece, item) in pieces {
            @match item {
                None => (piece),
                Some(item) => {
                    mark class=[(!item.notes.is_empty()).then_some("review")]
                        data-kind=(item.kind.as_str())
                        data-value=(item.numbers_text())
                        title=(hover(item)) { (piece) }
                }
            }
        }
    }
}

fn hover(item: &Item) -> String {
    let mut s = format!("{}: {}", item.kind.as_str(), item.numbers_text());
    for n in &item.notes {
        s.push_str("\nreview: ");
        s.push_str(n);
    }
    s
}

/// A result table; with `problems_first`, the rows whose status is not a pass come first.
/// Each row carries `data-verdict` from its status (or verdict) column.
fn table_html(id: &str, table: &Table, problems_first: bool) -> Markup {
    let status = table
        .header
        .iter()
        .position(|h| matches!(h.as_str(), "status" | "verdict" | "result"));
    let mut rows: Vec<&Vec<Cell>> = table.rows.iter().collect();
    let verdict = |row: &Vec<Cell>| {
        status
            .and_then(|i| row.get(i))
            .map(cell_text)
            .unwrap_or_default()
    };
    if problems_first {
        rows.sort_by_key(|r| rank(&verdict(r)));
    }
    html! {
        div class="scroll" {
            table id=(id) {
                thead { tr { @for h in &table.header { th { (h) } } } }
                tbody {
                    @for row in rows {
                        tr data-verdict=(verdict(row)) {
                            @for c in row { td { (cell_text(c)) } }
                        }
                    }
                }
            }
        }
    }
}

/// Where a status sorts: problems first, then what held, then what could not be checked.
fn rank(status: &str) -> u8 {
    let s = status.to_ascii_lowercase();
    if ["inconsistent", "error", "contradict", "impossible"]
        .iter()
        .any(|w| s.contains(w))
    {
        0
    } else if ["consistent", "possible", "ok", "read as"]
        .iter()
        .any(|w| s.contains(w))
    {
        1
    } else {
        2
    }
}

/// The rows whose `check` column is `check`, and the others, each under the same header.
fn split_rows(table: &Table, check: &str) -> (Table, Table) {
    let column = table.header.iter().position(|h| h == "check");
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for row in &table.rows {
        let is = column
            .and_then(|i| row.get(i))
            .is_some_and(|c| cell_text(c) == check);
        if is {
            with.push(row.clone())
        } else {
            without.push(row.clone())
        }
    }
    (
        Table {
            header: table.header.clone(),
            rows: with,
        },
        Table {
            header: table.header.clone(),
            rows: without,
        },
    )
}

/// The table as CSV (quoted where needed).
fn csv_of(table: &Table) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = table
        .header
        .iter()
        .map(|h| quote(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in &table.rows {
        out.push_str(
            &row.iter()
                .map(|c| quote(&cell_text(c)))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}

/// A `data:` URI of `text` (percent-encoded UTF-8).
fn data_uri(mime: &str, text: &str) -> String {
    let mut out = format!("data:{mime};charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
