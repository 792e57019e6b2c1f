//! What the page shows for a document: the same library calls as the commands, for one text.
//!
//! A pasted report (or an uploaded .txt, .html or .pdf) is drafted as `trialstats draft` drafts
//! it, checked as `trialstats check text` checks it, and its drafted study file is loaded and
//! analysed as `trialstats report` analyses a study (effects, consistency checks, charts). A
//! drafted study that does not load or analyse is not an error of the page: the draft and the
//! text's checks are still shown, with the reason. An edited study file is analysed the same
//! way without the draft, and a reader's corrections of its structure
//! ([`trialstats_documents::study::edit`]) are applied to it first.

use crate::error::Result;
use serde::Serialize;
use trialstats_charts::plot::{Canvas, Size, render_png, render_svg};
use trialstats_charts::report_charts::gallery::gallery_items;
use trialstats_documents::analysis::{self, AnalysisOptions};
use trialstats_documents::checks::reported_test::CheckRules;
use trialstats_documents::draft::summary_check::TextChecks;
use trialstats_documents::draft::{DraftedItems, Sentences, study_file};
use trialstats_documents::study::edit::{StudyEdit, StudyStructure, apply_edits};
use trialstats_documents::text::Document;
use trialstats_documents::{report, study};
use trialstats_numerics::reported::Scale;
use trialstats_stats::checks::CheckReport;

/// The id a pasted document's study gets.
pub const PASTED_ID: &str = "pasted-document";

/// What messages call a study file given as text (it has no file name).
const STUDY_FILE: &str = "the study file";

/// One chart as inline SVG.
#[derive(Debug, Clone, Serialize)]
pub struct PageChart {
    pub title: String,
    pub caption: String,
    pub svg: String,
}

/// Everything the page shows for one document (or one edited study file).
#[derive(Debug, Clone, Serialize)]
pub struct PageAnalysis {
    /// The document's text (empty for an edited study file).
    pub text: String,
    /// As `draft --format json` prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<DraftedItems>,
    /// The drafted (or edited) study file.
    pub study_toml: String,
    /// The study file's arms and measures, as the page shows them to be corrected (absent
    /// when the study file is not TOML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<StudyStructure>,
    /// As `check text --format json` prints it (a document only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<TextChecks>,
    /// The study's consistency checks, as `check --format json` prints them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study_check: Option<CheckReport>,
    /// The study's analysis as `report` writes it (effects with their intervals, the r sweep,
    /// slopes, proportions, confirmatory trial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effects: Option<String>,
    pub charts: Vec<PageChart>,
    /// Why a part is missing (the study did not load, a chart could not be drawn).
    pub problems: Vec<String>,
}

/// Analyse a document's bytes (plain text, HTML or PDF, told apart by their first bytes);
/// `name` is the file named in messages.
pub fn analyse_document(name: &str, bytes: &[u8]) -> Result<PageAnalysis> {
    let text = Document::from_bytes(name, bytes)?.text;
    let doc = Sentences::new(&text);
    let drafted = DraftedItems::read(name, &doc);
    let study_toml = drafted.study_file(
        &doc,
        &study_file::DraftOptions {
            id: PASTED_ID.to_string(),
            source_file: name.to_string(),
        },
    );
    let rules = CheckRules::at(0.05);
    let scale = Scale::new(None, None, None).map_err(|e| crate::Error::input("scale", e))?;
    let check = TextChecks::read(
        name,
        &text,
        &rules,
        false,
        &scale,
        trialstats_numerics::reported::exact::Rounding::UpOrDown,
    )?;
    let mut analysis = analyse_study_toml(&study_toml);
    analysis.text = text;
    analysis.draft = Some(drafted);
    analysis.check = Some(check);
    Ok(analysis)
}

/// Analyse a study file's text as `report` analyses a study; what cannot be done is said in
/// `problems`.
pub fn analyse_study_toml(study_toml: &str) -> PageAnalysis {
    let mut out = PageAnalysis {
        text: String::new(),
        draft: None,
        study_toml: study_toml.to_string(),
        structure: StudyStructure::read(study_toml).ok(),
        check: None,
        study_check: None,
        effects: None,
        charts: Vec::new(),
        problems: Vec::new(),
    };
    let study = match study::load_text(study_toml, STUDY_FILE) {
        Ok(s) => s,
        Err(e) => {
            out.problems.push(format!(
                "the study file does not load, so nothing is analysed: {e}"
            ));
            return out;
        }
    };
    let options = AnalysisOptions::default();
    let analysed = match analysis::analyse_study(&study, &options) {
        Ok(a) => a,
        Err(e) => {
            out.problems
                .push(format!("the study cannot be analysed: {e}"));
            return out;
        }
    };
    out.effects = Some(report::study_text(&analysed));
    let analyses = [analysed];
    out.study_check = Some(analysis::check_report(&analyses, options.rounding));
    match gallery_items(&analyses) {
        Ok((items, not_drawn)) => {
            for item in items {
                match page_canvas().and_then(|c| Ok(render_svg(&item.chart, c)?)) {
                    Ok(svg) => out.charts.push(PageChart {
                        title: item.name,
                        caption: item.caption,
                        svg,
                    }),
                    Err(e) => out
                        .problems
                        .push(format!("chart '{}' not drawn: {e}", item.name)),
                }
            }
            for n in not_drawn {
                out.problems.push(format!("not drawn: {n:?}"));
            }
        }
        Err(e) => out.problems.push(format!("no charts: {e}")),
    }
    out
}

/// Apply a reader's corrections to a study file, then analyse it as [`analyse_study_toml`]
/// does; an edit naming what the file lacks is an error. With no edits the file is analysed
/// as it is, even when it is not TOML (the analysis says so).
pub fn analyse_edited(study_toml: &str, edits: &[StudyEdit]) -> Result<PageAnalysis> {
    if edits.is_empty() {
        return Ok(analyse_study_toml(study_toml));
    }
    let edited = apply_edits(study_toml, edits)?;
    Ok(analyse_study_toml(&edited))
}

/// Chart `index` of what [`analyse_study_toml`] draws for `study_toml`, as PNG (the page keeps
/// no state: a PNG is asked for with the study file, and drawn again).
pub fn chart_png(study_toml: &str, index: usize) -> Result<Vec<u8>> {
    let study = study::load_text(study_toml, STUDY_FILE)?;
    let analysed = analysis::analyse_study(&study, &AnalysisOptions::default())?;
    let (items, _) = gallery_items(&[analysed])?;
    let item = items.get(index).ok_or_else(|| {
        crate::Error::input(
            "index",
            format!("no chart {index}: the study file draws {}", items.len()),
        )
    })?;
    Ok(render_png(&item.chart, page_canvas()?)?)
}

/// The size the page draws its charts at (the report's).
fn page_canvas() -> Result<Canvas> {
    Ok(Canvas::new(Size::new(800, 600)?, Canvas::DEFAULT_DPI)?)
}
