//! The page, rendered on the server with maud (HTML escaped by construction) and no script: a
//! form posts the document, the answer is the same page with the results below it. Every
//! element a test reads has a stable id; every result row carries `data-kind`, `data-value` or
//! `data-verdict`. Downloads are `data:` links, or a chart's form (its PNG and SVG buttons)
//! sending the study file for the server to draw it again, so the server keeps no file and no
//! state.
//!
//! The page's text and its inline charts are drawn with the fonts the charts embed
//! ([`page_fonts`], served at `/fonts/NAME`), so Japanese shows on a machine without a
//! Japanese font. On a narrow screen each result row is a card, every cell under its column's
//! name (`data-label`), so no column is off-screen.

use crate::analyse::PageAnalysis;
use crate::corrections::{self, FormFields, RefusedCorrection};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use trialstats_charts::plot::font::{CJK_FONT_BYTES, FONT_BYTES};
use trialstats_documents::draft::{Item, ItemKind};
use trialstats_documents::report;
use trialstats_documents::study::edit::{MeasureKind, MeasureRows, StudyStructure};
use trialstats_documents::study::is_review_mark;
use trialstats_numerics::output::table::cell_text;
use trialstats_numerics::output::{Cell, Digits, Format, Table, TableOnly, Tabular, render};
use trialstats_stats::effect::MeasureCode;

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

/// A font the page serves (`GET /fonts/FILE`) and draws its text and charts with.
pub struct PageFont {
    /// The file name in `/fonts/`.
    pub file: &'static str,
    /// The family the page's CSS and the charts' SVG name it by.
    pub family: &'static str,
    pub bytes: &'static [u8],
}

/// The fonts of the page: the charts' own (`crates/charts/src/plot/font.rs`), DejaVu Sans
/// and the Japanese subset of VL PGothic (kana, the CJK ideographs, full-width forms and CJK
/// punctuation; `assets/fonts/README.md`).
pub fn page_fonts() -> [PageFont; 2] {
    [
        PageFont {
            file: "DejaVuSans.ttf",
            family: "DejaVu Sans",
            bytes: FONT_BYTES,
        },
        PageFont {
            file: "VL-PGothic-ja-subset.ttf",
            family: "VL PGothic",
            bytes: CJK_FONT_BYTES,
        },
    ]
}

/// The fonts' `@font-face` rules. The Japanese one is fetched only for a page that prints a
/// character of its ranges (those the subset was cut to); the URLs carry the version, as the
/// server lets a browser keep them for a year.
const FONT_FACES: &str = concat!(
    "@font-face { font-family: 'DejaVu Sans'; src: url(/fonts/DejaVuSans.ttf?v=",
    env!("CARGO_PKG_VERSION"),
    ") format('truetype'); font-display: swap; }\n",
    "@font-face { font-family: 'VL PGothic'; src: url(/fonts/VL-PGothic-ja-subset.ttf?v=",
    env!("CARGO_PKG_VERSION"),
    ") format('truetype'); font-display: swap; unicode-range: U+3000-30FF, U+31F0-31FF, U+4E00-9FFF, U+FF01-FF9F, U+2010-2027, U+2030-203B, U+2160-217F, U+2190-2199, U+2460-2473, U+25A0-25CF, U+3220-3243, U+3280-32B0, U+3300-33FF; }\n",
);

const STYLE: &str = r#"
body { font: 16px/1.5 system-ui, 'VL PGothic', sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; color: #222; }
h1 { margin: 1rem 0 0; } h2 { border-bottom: 1px solid #ddd; margin-top: 2rem; }
textarea { width: 100%; box-sizing: border-box; font: 14px/1.4 ui-monospace, monospace, 'VL PGothic'; }
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
[aria-invalid="true"] { outline: 2px solid #dc2626; background: #fef2f2; }
.field-error { display: block; color: #b91c1c; font-size: 13px; max-width: 24rem; }
small.quote { display: block; color: #555; font-size: 12px; margin-top: .25rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; font-family: ui-monospace, monospace, 'VL PGothic'; }
@media print { form, nav, .downloads { display: none; } }
@media (max-width: 40rem) {
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; box-sizing: border-box; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.cards tr { border: 1px solid #ddd; border-radius: 6px; margin: .6rem 0; padding: .3rem .6rem; }
  table.cards td { border: none; padding: .1rem 0; overflow-wrap: anywhere; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #555; }
  table.cards td:empty { display: none; }
  table.cards td input[type="text"], table.cards td select { max-width: 100%; }
  table.cards td input[name$=":when"] { width: 100%; box-sizing: border-box; }
  figure { margin: 1rem -1rem; } figure svg { width: 100%; }
  figcaption, figure form { padding: 0 1rem; }
}
"#;

/// The whole page: the form, and the results when there are some. `error` is a message for
/// input the page could not read.
pub fn page(text: &str, analysis: Option<&PageAnalysis>, error: Option<&str>) -> Markup {
    page_of(text, analysis, error, None)
}

/// The page answering a refused correction: the document, the results of the study as it
/// was, the correction tables as the reader typed them, and why next to them (and next to
/// the field it concerns, where that is known).
pub fn page_refused(text: &str, analysis: &PageAnalysis, refused: &RefusedCorrection) -> Markup {
    page_of(text, Some(analysis), None, Some(refused))
}

/// The printable report's styles: the page's result tables and charts on A4, with no
/// form, link or navigation; a table row, a chart and a section's heading are never split
/// from what they belong to across pages. The study's checks leave out their first column,
/// the study's id (the report is of one study, named in its heading).
const REPORT_STYLE: &str = r#"
body { font: 11pt/1.45 system-ui, 'DejaVu Sans', 'VL PGothic', sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; color: #111; }
h1 { font-size: 1.45rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; margin-top: 1.5rem; break-after: avoid; }
.source { color: #444; margin: 0; } .made { color: #666; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #ddd; padding: .2rem .4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
#verdicts-table tr > :first-child, #checks-table tr > :first-child { display: none; }
tr, figure { break-inside: avoid; }
tr[data-verdict="inconsistent"], tr[data-verdict="decision error"], tr[data-verdict="contradicted"] { background: #fee2e2; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: 8.5pt/1.35 ui-monospace, 'DejaVu Sans Mono', monospace, 'VL PGothic'; }
figure { margin: 1rem 0; } figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: 9pt; }
small.quote { display: block; color: #444; font-size: 8.5pt; margin-top: .15rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; break-after: avoid; }
.problems { background: #fff7ed; border-left: 4px solid #f97316; padding: .25rem 1rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  tr[data-verdict], .problems { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure svg { max-height: 125mm; width: auto; }
}
"#;

/// The one-page report to print or keep (`a#download-report`): the study's title and
/// source, what each ± means, the checks (problems first), the effects and the charts, from
/// the same analysis and with the same sections the page shows, as one self-contained HTML
/// file: no script, no link, no external resource (the charts inline as SVG, the fonts the
/// reader's own), and a print stylesheet for A4.
pub fn report(a: &PageAnalysis) -> Markup {
    // A drafted study's title and design are placeholders ("review") until a person writes
    // them: the report is then named after its document.
    let said = |v: &&str| !v.trim().is_empty() && !is_review_mark(v);
    let source = a
        .analysed
        .as_ref()
        .map(|s| s.source_file.as_str())
        .or(a.draft.as_ref().map(|d| d.file.as_str()));
    let design = a.analysed.as_ref().map(|s| s.design.as_str()).filter(said);
    let title = match (
        a.analysed.as_ref().map(|s| s.title.as_str()).filter(said),
        source,
    ) {
        (Some(title), _) => title.to_string(),
        (None, Some(source)) => format!("trialstats report: {source}"),
        (None, None) => "trialstats report".to_string(),
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(REPORT_STYLE)) }
            }
            body {
                header id="report-heading" {
                    h1 { (title) }
                    @if let Some(source) = source {
                        p class="source" { "Source: " (source) @if let Some(d) = design { " · design: " (d) } }
                    }
                p class="made" { "Made by trialstats " (env!("CARGO_PKG_VERSION")) " from the report's own numbers; what the document does not say (what ± means, the pre/post correlation) is said next to each result." }
                }
                (problems_section(a))
                (findings_sections(a))
                (charts_section(a, Downloads::Left))
            }
        }
    }
}

fn page_of(
    text: &str,
    analysis: Option<&PageAnalysis>,
    error: Option<&str>,
    refused: Option<&RefusedCorrection>,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "trialstats" }
                style { (PreEscaped(FONT_FACES)) (PreEscaped(STYLE)) }
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
                    p id="error" class="problems" role="alert" { (message) }
                }
                @if let Some(a) = analysis { (results(a, &FormView::new(refused))) }
            }
        }
    }
}

/// The correction form as the page shows it: the values of the study file, or after a
/// refused correction the values the reader typed, with the refusal next to its field.
struct FormView<'a> {
    refused: Option<&'a RefusedCorrection>,
}

impl<'a> FormView<'a> {
    fn new(refused: Option<&'a RefusedCorrection>) -> FormView<'a> {
        FormView { refused }
    }

    /// The value field `name` shows: as typed, else the study file's `shown`.
    fn value(&self, name: &str, shown: &str) -> String {
        self.refused
            .and_then(|r| FormFields(&r.typed).field(name).map(str::to_string))
            .unwrap_or_else(|| shown.to_string())
    }

    /// Whether the checkbox `name` is ticked (only ever as typed).
    fn checked(&self, name: &str) -> bool {
        self.refused
            .is_some_and(|r| FormFields(&r.typed).field(name).is_some())
    }

    /// `Some("true")` (for `aria-invalid`) on the field the refusal concerns.
    fn invalid(&self, name: &str) -> Option<&'static str> {
        self.refused
            .is_some_and(|r| r.field.as_deref() == Some(name))
            .then_some("true")
    }

    /// The refusal's message beside the field it concerns.
    fn note(&self, name: &str) -> Markup {
        html! {
            @if let Some(r) = self.refused.filter(|r| r.field.as_deref() == Some(name)) {
                span class="field-error" data-field=(name) { (r.message) }
            }
        }
    }
}

fn results(a: &PageAnalysis, form: &FormView) -> Markup {
    html! {
        (problems_section(a))
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
        (structure_section(a, form))
        (findings_sections(a))
        (charts_section(a, Downloads::Offered))
    }
}

/// Why a part of the analysis is missing, when one is.
fn problems_section(a: &PageAnalysis) -> Markup {
    html! {
        @if !a.problems.is_empty() {
            section id="problems" class="problems" {
                @for p in &a.problems { p { (p) } }
            }
        }
    }
}

/// What the analysis found, as the page and its printable report show it: what each ± means,
/// the study's checks (problems first), the text's checks and the effects.
fn findings_sections(a: &PageAnalysis) -> Markup {
    html! {
        @if let Some(c) = &a.study_check {
            @let (readings, others) = split_rows(&c.table(), "spread_reading");
            section id="verdicts" {
                h2 { "What each ± means, and why" }
                (table_html("verdicts-table", &readings, false, &no_reading(a)))
            }
            section id="checks" {
                h2 { "Do the numbers add up?" }
                p { "GRIM, GRIMMER, bounds, SD or SEM, SPRITE, percent against count and claimed significance; problems first." }
                (table_html("checks-table", &others, true, "No check applies to the numbers the study file holds."))
            }
        }
        @if let Some(c) = &a.check {
            section id="text-checks" {
                h2 { "In the text: reported tests, means ± spreads, comparisons" }
                p { "Read from the text alone: each test statistic against its p (statcheck's rules), each mean ± spread with its n, each group's share of its patients against its count and n, and what ± is where two arms are compared." }
                (table_html("text-checks-table", &c.table(), true, "Nothing to check in the text: it prints no test statistic with its p, no mean ± spread and no comparison of two arms."))
            }
        }
        @if let Some(e) = &a.effects {
            @let shown = a.analysed.as_ref().map_or_else(|| e.clone(), |s| report::study_text_in(s, Digits::Reader));
            section id="effects" {
                h2 { "Effects" }
                (printed_comparisons(a))
                (abbreviations(&shown))
                pre { (with_abbreviations(&shown)) }
            }
        }
    }
}

/// The document's own comparisons of two arms, each beside the same comparison recomputed
/// from the arms, and whether they agree: a row each (`data-kind="printed-comparison"`,
/// `data-measure`, `data-verdict` = the agreement), its printed numbers as printed with the
/// sentence they stand in and where (`data-kind="printed"`, `data-value`), the recomputed
/// ones (`data-kind="recomputed"`, `data-value`: the difference, the CI's ends and p, every
/// digit).
fn printed_comparisons(a: &PageAnalysis) -> Markup {
    let arm = |id: &str| {
        a.analysed
            .as_ref()
            .and_then(|s| s.study.arms.iter().find(|arm| arm.id == id))
            .map_or_else(|| id.to_string(), |arm| arm.label.clone())
    };
    let d = Digits::Check;
    html! {
        @if !a.printed_comparisons.is_empty() {
            h3 id="printed-comparisons" { "The document's comparisons, recomputed from the arms" }
            p {
                "Each difference between two arms as the document prints it, beside the same difference recomputed from the two arms' means, ± (read as \"What each ± means\" says) and n, by Welch's t test as R's t.test gives it on those summaries. "
                strong { "Reproduced" } ": every printed number is what the arms give, to its printed decimals; "
                strong { "compatible" } ": the printed difference lies within the recomputed CI (an adjusted analysis or other n's give such); "
                strong { "contradicted" } ": it lies outside."
            }
            div class="scroll" {
                table id="comparisons-table" class="cards" {
                    thead { tr { th { "measure" } th { "compared" } th { "as printed" } th { "recomputed from the arms" } th { "agreement" } th { "why" } } }
                    tbody {
                        @for c in &a.printed_comparisons {
                            tr data-kind="printed-comparison" data-measure=(c.measure) data-verdict=(c.agreement.as_str()) {
                                td data-label="measure" { (c.label) }
                                td data-label="compared" { (arm(&c.arm)) " − " (arm(&c.control)) ", " (c.timepoint) }
                                td data-label="as printed" data-kind="printed" data-value=(c.printed) {
                                    (c.printed)
                                    small class="quote" { (c.location) ": " q { (c.quote) } }
                                }
                                @match &c.against_arms {
                                    Some(r) => {
                                        @let rc = &r.recomputed;
                                        td data-label="recomputed from the arms" data-kind="recomputed"
                                            data-value={ (d.number(rc.estimate)) " " (d.number(rc.ci_lower)) " " (d.number(rc.ci_upper)) " " (d.number(rc.p)) } {
                                            (r.words()) "; ± read as " (r.reading.as_str())
                                        }
                                    }
                                    None => { td data-label="recomputed from the arms" data-kind="recomputed" { "—" } }
                                }
                                td data-label="agreement" { (c.agreement.as_str()) }
                                td data-label="why" { (Digits::Reader.sentence(&c.why)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The effect measure a line of the effects' text starts with (`    MD   0.65 [...]`).
fn line_code(line: &str) -> Option<MeasureCode> {
    let word = line.split_whitespace().next()?;
    MeasureCode::ALL.into_iter().find(|c| c.as_str() == word)
}

/// The effects' text with each effect measure's code (MD, SMD, SMCR, …) an `abbr` whose
/// title says what it is.
fn with_abbreviations(text: &str) -> Markup {
    html! {
        @for line in text.split_inclusive('\n') {
            @match line_code(line) {
                Some(code) => {
                    @let at = line.find(code.as_str()).unwrap_or(0);
                    (&line[..at])
                    abbr title=(code.description()) { (code.as_str()) }
                    (&line[at + code.as_str().len()..])
                }
                None => (line),
            }
        }
    }
}

/// What the effect measures the effects' text uses mean, spelled out once above it (a
/// printed report has no hover).
fn abbreviations(text: &str) -> Markup {
    let mut used: Vec<MeasureCode> = Vec::new();
    for code in text.lines().filter_map(line_code) {
        if !used.contains(&code) {
            used.push(code);
        }
    }
    html! {
        p class="abbreviations" {
            "CI: confidence interval; r: the correlation of a patient's before and after values (rarely printed, so assumed and swept)"
            @for code in &used { "; " strong { (code.as_str()) } ": " (code.description()) }
            "."
        }
    }
}

/// What "What each ± means" says when no measure of the study prints a ±: that, or where
/// the text marks ± values the draft placed in no measure, where they are read and how to
/// add them.
fn no_reading(a: &PageAnalysis) -> String {
    let marked: Vec<&Item> = a
        .draft
        .iter()
        .flat_map(|d| &d.items)
        .filter(|i| i.kind == ItemKind::MeanSpread)
        .collect();
    let Some(first) = marked.first() else {
        return "No measure of the study prints a ±.".to_string();
    };
    let (values, them, more) = match marked.len() {
        1 => ("one ± value".to_string(), "it", ""),
        n => (format!("{n} ± values"), "them", ", …"),
    };
    format!(
        "The text marks {values} ({}{more}), but the draft did not place {them} in a measure, so what each ± means is not decided here. The table \"In the text\" below reads {them} from the text alone. To have {them} analysed here, add {them} as a measure in the study file (\"The study file itself\", above) and analyse it.",
        first.text.replace('\n', " "),
    )
}

/// The drafted structure to correct, the study file itself, and the downloads. The forms
/// carry the document's text, so their answer still shows it marked and checked.
fn structure_section(a: &PageAnalysis, form: &FormView) -> Markup {
    html! {
        section id="structure" {
            h2 { "What the study reports: arms, measures, time points" }
            @if let Some(r) = form.refused {
                div id="error" class="problems" role="alert" {
                    p { strong { "Not applied: " } (r.message) }
                    p { "Nothing was changed; the results below are those of the study before this correction. Your corrections are still in the tables: correct the one marked and apply again." }
                }
            }
            @if let Some(st) = &a.structure { (structure_form(a, st, form)) }
            details id="study-file" {
                summary { "The study file itself (everything below comes from it; edit it directly)" }
                form method="post" action="/" enctype="multipart/form-data" {
                    (document_fields(a))
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
                " · "
                a id="download-report" download="report.html" href=(data_uri("text/html", &report(a).into_string())) { "a one-page report to print (HTML)" }
            }
        }
    }
}

/// The document's text and name as hidden fields of a form, when the page shows a document.
fn document_fields(a: &PageAnalysis) -> Markup {
    html! {
        @if !a.text.is_empty() {
            input type="hidden" name=(corrections::DOCUMENT_TEXT) value=(a.text);
            @if let Some(d) = &a.draft {
                input type="hidden" name=(corrections::DOCUMENT_NAME) value=(d.file);
            }
        }
    }
}

/// Whether the charts offer their downloads (on the page) or are the charts alone (in the
/// printable report).
#[derive(Clone, Copy, PartialEq)]
enum Downloads {
    Offered,
    Left,
}

/// The charts, each with its caption; on the page with its SVG and PNG downloads and a button
/// opening it full size.
fn charts_section(a: &PageAnalysis, downloads: Downloads) -> Markup {
    let offered = downloads == Downloads::Offered;
    html! {
        section id="charts" {
            h2 { "Charts" }
            @if a.charts.is_empty() { p { "No chart: the study file has nothing to draw." } }
            @for (i, c) in a.charts.iter().enumerate() {
                figure id={ "chart-" (i) } data-kind="chart" {
                    (PreEscaped(&c.svg))
                    figcaption {
                        strong { (c.title) } " "
                        (Digits::Reader.sentence(&c.caption))
                    }
                    @if offered {
                        form class="downloads" method="post" action="/chart.png" enctype="multipart/form-data" {
                            input type="hidden" name="study_toml" value=(a.study_toml);
                            input type="hidden" name="index" value=(i);
                            button type="submit" id={ "png-" (i) } { "PNG" }
                            button type="submit" id={ "svg-" (i) } formaction="/chart.svg" { "SVG" }
                            button type="submit" id={ "open-" (i) } name="view" value="open" formtarget="_blank" { "Open full size" }
                        }
                    }
                }
            }
        }
    }
}

/// The drafted structure as tables whose values can be corrected: the arms (label, n), and
/// each measure's numbers by arm and time point (what ± is, n, the time point's name, the arm
/// a number belongs to). Submitting applies the changed values to the study file.
fn structure_form(a: &PageAnalysis, st: &StudyStructure, form: &FormView) -> Markup {
    html! {
        @if st.arms.is_empty() && st.measures.is_empty() {
            p { "The draft found no arm and no measure with numbers by time point." }
        } @else {
            p { "Correct what the draft read wrong (an arm's name or n, the arm or time point a number belongs to, what ± is) and apply: everything below is recomputed from the corrected study file." }
            form id="structure-form" method="post" action="/" enctype="multipart/form-data" {
                input type="hidden" name="study_toml" value=(a.study_toml);
                (document_fields(a))
                @if !st.arms.is_empty() {
                    (arms_table(st, form))
                }
                @if !st.measures.is_empty() {
                    h3 { "Measures" }
                    div class="scroll" {
                        table id="measures-table" class="cards" {
                            thead { tr { th { "measure" } th { "± is" } th { "arm" } th { "n" } th { "time point" } th { "numbers" } } }
                            tbody {
                                @for m in &st.measures {
                                    @for (si, s) in m.series.iter().enumerate() {
                                        @for ti in 0..s.timepoints.len() {
                                            (measure_row(st, m, MeasurePlace { series: si, timepoint: ti }, form))
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

/// Where a row of the measures' table is: its series (arm) and time point, by index.
#[derive(Clone, Copy)]
struct MeasurePlace {
    series: usize,
    timepoint: usize,
}

/// One number of measure `m` in the measures' table: the measure's label and ± (on its first
/// row), the arm it belongs to, the n, the time point's name and the numbers as printed.
fn measure_row(st: &StudyStructure, m: &MeasureRows, at: MeasurePlace, form: &FormView) -> Markup {
    let s = &m.series[at.series];
    let t = &s.timepoints[at.timepoint];
    let first = at.series == 0 && at.timepoint == 0;
    let label = corrections::measure_label(&m.id);
    let when = corrections::timepoint_when(&m.id, s.arm.as_deref(), &t.id);
    let arms_check = corrections::time_points_are_arms(&m.id);
    html! {
        tr data-measure=(m.id) data-arm=[s.arm.as_deref()] data-timepoint=(t.id) data-value=(t.value) {
            td data-label="measure" {
                @if first {
                    input type="text" name=(label) value=(form.value(&label, &m.label)) aria-invalid=[form.invalid(&label)] aria-label={ "label of " (m.id) }; (form.note(&label)) br; code { (m.id) }
                    @if m.kind == MeasureKind::SingleGroup && s.timepoints.len() >= 2 {
                        br;
                        label class="arms-check" {
                            input type="checkbox" name=(arms_check) value="arms" checked[form.checked(&arms_check)] aria-invalid=[form.invalid(&arms_check)];
                            " these are arms, each named as its time point is"
                        }
                        (form.note(&arms_check))
                    }
                }
            }
            td data-label="± is" { @if first { (dispersion_select(m, form)) } }
            td data-label="arm" {
                @match s.arm.as_deref() {
                    Some(arm) => (arm_select(st, m, arm, &t.id, form)),
                    None => "all",
                }
            }
            td data-label="n" { @if at.timepoint == 0 { (measure_n_input(m, s.arm.as_deref(), at.series, &s.n, form)) } }
            td data-label="time point" {
                @if m.kind == MeasureKind::Slope { (t.when) }
                @else {
                    input type="text" name=(when) value=(form.value(&when, &t.when)) aria-invalid=[form.invalid(&when)] aria-label={ "time point " (t.id) " of " (m.id) };
                    (form.note(&when))
                }
            }
            td data-label="numbers" { (t.value) }
        }
    }
}

/// The choice of the arm a number of measure `m` belongs to (now `arm`).
fn arm_select(
    st: &StudyStructure,
    m: &MeasureRows,
    arm: &str,
    timepoint: &str,
    form: &FormView,
) -> Markup {
    let name = corrections::timepoint_arm(&m.id, arm, timepoint);
    let chosen = form.value(&name, arm);
    let label = st
        .arms
        .iter()
        .find(|a| a.id == arm)
        .map_or(arm.to_string(), |a| a.label.clone());
    html! {
        select name=(name) aria-invalid=[form.invalid(&name)] aria-label={ "arm of " (m.id) " " (timepoint) } {
            @for other in &st.arms {
                option value=(other.id) selected[other.id == chosen] { (other.label) }
            }
            @if !st.arms.iter().any(|o| o.id == arm) {
                option value=(arm) selected[chosen == arm] { (label) }
            }
        }
        (form.note(&name))
    }
}

/// The n of a measure's numbers: of one arm's numbers of an arm measure (`arm`), else of the
/// single-group measure or slope (on its first series only); `n` is the series' n.
fn measure_n_input(
    m: &MeasureRows,
    arm: Option<&str>,
    series: usize,
    n: &str,
    form: &FormView,
) -> Markup {
    let (name, shown, placeholder, aria) = match (m.kind, arm) {
        (MeasureKind::ByArm, Some(arm)) => (
            corrections::measure_n(&m.id, Some(arm)),
            n,
            Some("arm's"),
            format!("n of {} in {arm}", m.id),
        ),
        (MeasureKind::ByArm, None) => return html! {},
        _ if series == 0 => (
            corrections::measure_n(&m.id, None),
            m.n.as_str(),
            None,
            format!("n of {}", m.id),
        ),
        _ => return html! {},
    };
    html! {
        input type="text" inputmode="numeric" size="6" name=(name) value=(form.value(&name, shown)) placeholder=[placeholder] aria-invalid=[form.invalid(&name)] aria-label=(aria);
        (form.note(&name))
    }
}

/// The arms' table of the structure form: each arm's id, label and n (to correct), and
/// whether it is the control.
fn arms_table(st: &StudyStructure, form: &FormView) -> Markup {
    html! {
        h3 { "Arms" }
        div class="scroll" {
            table id="arms-table" class="cards" {
                thead { tr { th { "arm" } th { "label" } th { "n" } th { "control" } } }
                tbody {
                    @for arm in &st.arms {
                        @let (label, n) = (corrections::arm_label(&arm.id), corrections::arm_n(&arm.id));
                        tr data-arm=(arm.id) data-value=(arm.n) {
                            td data-label="arm" { code { (arm.id) } }
                            td data-label="label" {
                                input type="text" name=(label) value=(form.value(&label, &arm.label)) aria-invalid=[form.invalid(&label)] aria-label={ "label of " (arm.id) };
                                (form.note(&label))
                            }
                            td data-label="n" {
                                input type="text" inputmode="numeric" size="6" name=(n) value=(form.value(&n, &arm.n)) aria-invalid=[form.invalid(&n)] aria-label={ "n of " (arm.id) };
                                (form.note(&n))
                            }
                            td data-label="control" { @if arm.control_for_review { "review" } @else if arm.control { "control" } }
                        }
                    }
                }
            }
        }
    }
}

/// The choice of what a measure's ± is.
fn dispersion_select(m: &MeasureRows, form: &FormView) -> Markup {
    let name = corrections::dispersion(&m.id);
    let chosen = form.value(&name, &m.dispersion);
    let known = corrections::DISPERSIONS
        .iter()
        .any(|k| k.as_str() == m.dispersion);
    html! {
        select name=(name) aria-invalid=[form.invalid(&name)] aria-label={ "what ± is in " (m.id) } {
            @for k in corrections::DISPERSIONS {
                option value=(k.as_str()) selected[k.as_str() == chosen] { (k.as_str()) }
            }
            @if !known { option value=(m.dispersion) selected[m.dispersion == chosen] { (m.dispersion) } }
        }
        (form.note(&name))
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
/// Each row carries `data-verdict` from its status (or verdict) column. A table with no row
/// is the one line `nothing` instead (`p.nothing`, `data-table` = the table's id), not a
/// header over nothing.
fn table_html(id: &str, table: &Table, problems_first: bool, nothing: &str) -> Markup {
    if table.rows.is_empty() {
        return html! { p class="nothing" data-table=(id) { (nothing) } };
    }
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
            table id=(id) class="cards" {
                thead { tr { @for h in &table.header { th { (h) } } } }
                tbody {
                    @for row in rows {
                        tr data-verdict=(verdict(row)) {
                            @for (i, c) in row.iter().enumerate() {
                                td data-label=[table.header.get(i)] { (Digits::Reader.cell(c)) }
                            }
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

/// The table as CSV, as `--format csv` writes it (every digit kept: it is for machines).
fn csv_of(table: &Table) -> String {
    render(Format::Csv, &TableOnly(table.clone())).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::{DocumentText, analyse_corrections, analyse_document, analyse_study_toml};

    const EDARAVONE: &str = include_str!("../../../data/als-edaravone-phase3.toml");

    #[test]
    fn a_refused_correction_shows_what_was_typed_and_why_next_to_it() {
        let typed = vec![
            (
                corrections::arm_label("placebo"),
                "Placebo group".to_string(),
            ),
            (corrections::arm_n("placebo"), "a hundred".to_string()),
        ];
        let document = DocumentText {
            name: "abstract.txt".into(),
            text: include_str!("../../../tests/data/seeds/abe2014_edaravone_abstract.txt").into(),
        };
        let (a, refused) = analyse_corrections(EDARAVONE, typed, Some(&document));
        let html = page_refused(&document.text, &a, &refused.unwrap()).into_string();
        // The typed values, the refused one marked, with the reason beside it.
        assert!(html.contains(r#"value="Placebo group""#), "label lost");
        assert!(
            html.contains(r#"name="arm:placebo:n" value="a hundred" aria-invalid="true""#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="field-error" data-field="arm:placebo:n">arm 'Placebo': n must be a whole number"#));
        // The reason next to the tables, inside the structure's section, before its form.
        let structure = html.find(r#"id="structure""#).unwrap();
        let error = html.find(r#"id="error""#).unwrap();
        let form = html.find(r#"id="structure-form""#).unwrap();
        assert!(structure < error && error < form);
        // The document, its marks and checks, and the results of the study as it was.
        for id in [
            "text-marked",
            "text-checks",
            "effects",
            "verdicts",
            "charts",
        ] {
            assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
        }
        assert!(html.contains(r#"name="document_text""#));
    }

    #[test]
    fn the_report_is_one_self_contained_page_of_the_pages_results() {
        let a = analyse_document(
            "abe2014_edaravone_abstract.txt",
            include_bytes!("../../../tests/data/seeds/abe2014_edaravone_abstract.txt"),
        )
        .unwrap();
        let page = page("", Some(&a), None).into_string();
        assert!(page.contains(
            r#"id="download-report" download="report.html" href="data:text/html;charset=utf-8,"#
        ));
        let report = report(&a).into_string();
        // The heading, and the page's own sections, rendered by the page's own functions.
        assert!(report.contains("Source: abe2014_edaravone_abstract.txt"));
        for id in ["verdicts", "checks", "text-checks", "effects", "charts"] {
            assert!(report.contains(&format!(r#"<section id="{id}">"#)), "{id}");
        }
        let section = |html: &str, id: &str| {
            let start = html.find(&format!(r#"<section id="{id}">"#)).unwrap();
            html[start..][..html[start..].find("</section>").unwrap()].to_string()
        };
        for id in ["verdicts", "checks", "effects"] {
            assert_eq!(section(&report, id), section(&page, id), "{id}");
        }
        assert!(report.contains("<svg"));
        // The abstract's own difference beside the one the arms give.
        assert!(report.contains(r#"<tr data-kind="printed-comparison" data-measure="alsfrs_r_1" data-verdict="compatible">"#), "{report}");
        // Self-contained and printable: nothing to run or fetch, A4, rows kept whole.
        for outside in [
            "<script", "<form", "<nav", "<a ", "<link", "<img", "url(", "href=",
        ] {
            assert!(!report.contains(outside), "{outside}");
        }
        assert!(report.contains("@page { size: A4;"));
        assert!(report.contains("tr, figure { break-inside: avoid; }"));
    }

    #[test]
    fn the_page_prints_numbers_for_a_reader_and_the_downloads_every_digit() {
        let a = analyse_document(
            "abe2014_edaravone_abstract.txt",
            include_bytes!("../../../tests/data/seeds/abe2014_edaravone_abstract.txt"),
        )
        .unwrap();
        let html = page("", Some(&a), None).into_string();
        let effects = &html[html.find(r#"<section id="effects">"#).unwrap()..];
        let effects = &effects[..effects.find("</section>").unwrap()];
        // User trial 4, finding 12: MD 0.65 [-1.69, 2.99], not [-1.6922185, 2.9922185].
        assert!(
            effects.contains(
                r#"<abbr title="mean difference, group1 − group2">MD</abbr>   0.65 [-1.69, 2.99]"#
            ),
            "{effects}"
        );
        assert!(effects.contains("<strong>SMD</strong>: standardised mean difference"));
        assert!(
            effects.contains("= 88.5 %  Wilson [80.9 %, 93.3 %]"),
            "{effects}"
        );
        assert!(!effects.contains("2.9922185"));
        // The downloads are for machines: every digit.
        assert!(
            a.effects
                .as_ref()
                .unwrap()
                .contains("MD   0.65 [-1.6922185, 2.9922185]")
        );
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("2.9922185"));
        // A p below 0.001 is said so, never in e-notation, anywhere in the effects.
        let nmo = analyse_study_toml(include_str!("../../../data/nmo-tocilizumab.toml"));
        let html = page("", Some(&nmo), None).into_string();
        let effects = &html[html.find(r#"<section id="effects">"#).unwrap()..];
        let effects = &effects[..effects.find("</section>").unwrap()];
        assert!(effects.contains("p &lt; 0.001"), "{effects}");
        let e_notation = effects.as_bytes().windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == b'e' && w[2] == b'-' && w[3].is_ascii_digit()
        });
        assert!(!e_notation, "{effects}");
        assert!(effects.contains("<abbr title=\"standardised mean change, (after − before) over the before SD, Hedges-corrected\">SMCR</abbr>"));
    }

    /// A two-arm table (tests/data/corpus/dev: COBRA's Table 2, Richards et al., Lancet 2016:
    /// mean (SD); n per arm and each difference with its 95% CI and p): each printed
    /// comparison is a row of `#effects` beside the one recomputed from the arms, in the page
    /// and in its printable report.
    #[test]
    fn each_printed_comparison_is_set_beside_the_one_the_arms_give() {
        let name = "en-cobra-cbt-behavioural-activation-table.txt";
        let a = analyse_document(
            name,
            include_bytes!(
                "../../../tests/data/corpus/dev/en-cobra-cbt-behavioural-activation-table.txt"
            ),
        )
        .unwrap();
        let html = page("", Some(&a), None).into_string();
        let effects = &html[html.find(r#"<section id="effects">"#).unwrap()..];
        let effects = &effects[..effects.find("</section>").unwrap()];
        assert!(effects.contains(r#"<table id="comparisons-table" class="cards">"#));
        let rows: Vec<&str> = effects
            .split(r#"<tr data-kind="printed-comparison""#)
            .skip(1)
            .collect();
        assert_eq!(rows.len(), a.printed_comparisons.len());
        assert_eq!(rows.len(), 10, "{effects}");
        // PHQ-9, mITT: 8·4 (7·5); 189 against 8·4 (7·0); 175, printed 0·1 (−1·3 to 1·5),
        // p 0·89. R 4.x on data with exactly these means, SDs and n (BA − CBT):
        //   mk <- function(n, m, s) { z <- rnorm(n); m + s * (z - mean(z)) / sd(z) }
        //   t.test(mk(175, 8.4, 7.0), mk(189, 8.4, 7.5))
        // gives 0, 95% CI -1.4945944758825782 to 1.4945944758825782, p = 1, df = 361.976.
        let phq = rows[0];
        assert!(
            phq.starts_with(r#" data-measure="phq_9_mitt_2" data-verdict="compatible">"#),
            "{phq}"
        );
        assert!(
            phq.contains(
                r#"data-kind="printed" data-value="difference 0.1, 95% CI -1.3 to 1.5, p = 0.89">"#
            ),
            "{phq}"
        );
        assert!(phq.contains("<small class=\"quote\">line 13: <q>mITT | 8·4 (7·5); 189 | 8·4 (7·0); 175 | 0·1 (−1·3 to 1·5)* | 0·89"), "{phq}");
        let value = phq
            .split(r#"data-kind="recomputed" data-value=""#)
            .nth(1)
            .unwrap();
        let numbers: Vec<f64> = value[..value.find('"').unwrap()]
            .split(' ')
            .map(|x| x.parse().unwrap())
            .collect();
        let r = [0.0, -1.4945944758825782, 1.4945944758825782, 1.0];
        for (x, r) in numbers.iter().zip(r) {
            assert!((x - r).abs() < 1e-6, "{numbers:?}");
        }
        assert!(
            phq.contains(
                "difference 0.0, 95% CI -1.5 to 1.5, p = 1.00 (Welch t on 362 df); ± read as SD"
            ),
            "{phq}"
        );
        // Depression-free days printed as CBT − BA where the draft compares BA − CBT: said.
        let days = rows.iter().find(|r| r.contains("9 (−3 to 23)")).unwrap();
        assert!(days.contains(r#"data-verdict="contradicted""#), "{days}");
        assert!(days.contains("the document may subtract the arms the other way round"));
        // The printable report shows the same rows: the page's own section.
        let report = report(&a).into_string();
        let section = |html: &str| {
            let start = html.find(r#"<section id="effects">"#).unwrap();
            html[start..][..html[start..].find("</section>").unwrap()].to_string()
        };
        assert_eq!(section(&report), section(&html));
        // The JSON keeps every digit.
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["printed_comparisons"][0]["agreement"], "compatible");
        assert_eq!(
            json["printed_comparisons"][0]["against_arms"]["recomputed"]["p"],
            1.0
        );
    }

    #[test]
    fn a_result_section_with_nothing_found_says_so_in_one_line() {
        // User trial 4, finding 15: "In the text" for a text with nothing to check was a
        // header row over nothing.
        let text = "Twelve patients were enrolled in the spring.";
        let a = analyse_document("pasted text", text.as_bytes()).unwrap();
        let html = page(text, Some(&a), None).into_string();
        assert!(!html.contains(r#"id="text-checks-table""#), "{html}");
        assert!(html.contains(
            r#"<p class="nothing" data-table="text-checks-table">Nothing to check in the text"#
        ));
        for table in html.split("<table").skip(1) {
            let body = &table[..table.find("</table>").unwrap()];
            assert!(body.contains("<tbody><tr"), "a table with no row: {body}");
        }
    }

    #[test]
    fn unplaced_plus_minus_values_are_said_to_be_unplaced() {
        let text = "Pain fell more with the lidocaine spray (1.16 ± 1.56) than in the other group (0.508 ± 1.25).";
        let a = analyse_document("pasted text", text.as_bytes()).unwrap();
        let html = page(text, Some(&a), None).into_string();
        let verdicts = &html[html.find(r#"id="verdicts""#).unwrap()..];
        let verdicts = &verdicts[..verdicts.find("</section>").unwrap()];
        // The draft places neither value (user trial 4, document 02).
        assert!(a.structure.as_ref().is_some_and(|s| s.measures.is_empty()));
        assert!(
            !verdicts.contains("No measure of the study prints"),
            "{verdicts}"
        );
        assert!(
            verdicts.contains("The text marks 2 ± values (1.16 ± 1.56, …), but the draft did not place them in a measure"),
            "{verdicts}"
        );
        assert!(verdicts.contains("add them as a measure in the study file"));
    }

    #[test]
    fn the_page_names_its_fonts_and_result_cells_their_columns() {
        let html = page("", None, None).into_string();
        for f in page_fonts() {
            assert!(
                html.contains(&format!("url(/fonts/{}?v=", f.file)),
                "{}",
                f.file
            );
            assert!(html.contains(&format!("font-family: '{}'", f.family)));
        }
        let a = analyse_document(
            "abstract.txt",
            include_bytes!("../../../tests/data/seeds/abe2014_edaravone_abstract.txt"),
        )
        .unwrap();
        let html = page("", Some(&a), None).into_string();
        assert!(html.contains(r#"<table id="verdicts-table" class="cards">"#));
        assert!(
            html.contains(r#"<td data-label="status">"#),
            "no labelled cell"
        );
    }

    #[test]
    fn the_embedded_fonts_draw_every_character_of_the_japanese_examples() {
        for e in EXAMPLES {
            let missing: String = e
                .text
                .chars()
                .filter(|c| !trialstats_charts::plot::font::covers(&c.to_string()))
                .collect();
            assert!(missing.is_empty(), "{}: {missing}", e.id);
        }
    }
}
