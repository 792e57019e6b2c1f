//! What the page shows for a document: the same library calls as the commands, for one text.
//!
//! A pasted report (or an uploaded .txt, .html or .pdf) is drafted as `trialstats draft` drafts
//! it, checked as `trialstats check text` checks it, and its drafted study file is loaded and
//! analysed as `trialstats report` analyses a study (effects, consistency checks, charts). A
//! drafted study that does not load or analyse is not an error of the page: the draft and the
//! text's checks are still shown, with the reason. An edited study file is analysed the same
//! way without the draft, and a reader's corrections of its structure
//! ([`trialstats_documents::study::edit`]) are applied to it first. A chart to download is
//! drawn again from the study file ([`chart_file`]): a PNG, or an SVG that carries its own
//! glyphs (its text as outlines of the embedded fonts).

use crate::corrections::{RefusedCorrection, edits_from_form, field_of};
use crate::error::Result;
use serde::Serialize;
use trialstats_charts::plot::{Canvas, Size, render_png, render_svg, render_svg_file};
use trialstats_charts::report_charts::gallery::gallery_items;
use trialstats_documents::analysis::{self, AnalysisOptions, PrintedAgainstArms, StudyAnalysis};
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
    /// Each comparison of two arms the document prints, beside the same comparison
    /// recomputed from the arms, and whether they agree (empty when it prints none).
    pub printed_comparisons: Vec<PrintedAgainstArms>,
    /// The study as analysed, from which the page and its printable report render the
    /// study's title and source and the effects (not in the JSON: `effects` holds them as
    /// `report` prints them).
    #[serde(skip)]
    pub analysed: Option<StudyAnalysis>,
    pub charts: Vec<PageChart>,
    /// Why a part is missing (the study did not load, a chart could not be drawn).
    pub problems: Vec<String>,
}

/// A document's text as the page carries it through its forms: the file's name (for
/// messages and the draft's `file`) and its text.
#[derive(Debug, Clone)]
pub struct DocumentText {
    pub name: String,
    pub text: String,
}

/// What the page reads from a document's text alone: the draft, its study file and the
/// text's checks.
struct TextPart {
    text: String,
    draft: DraftedItems,
    study_toml: String,
    check: TextChecks,
}

impl TextPart {
    /// Read a document's bytes (plain text, HTML or PDF, told apart by their first bytes) as
    /// `draft` and `check text` read them; `name` is the file named in messages.
    fn read(name: &str, bytes: &[u8]) -> Result<TextPart> {
        let text = Document::from_bytes(name, bytes)?.text;
        let doc = Sentences::new(&text);
        let draft = DraftedItems::read(name, &doc);
        let study_toml = draft.study_file(
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
        Ok(TextPart {
            text,
            draft,
            study_toml,
            check,
        })
    }

    /// `analysis` with this text, its draft and its checks.
    fn shown_with(self, mut analysis: PageAnalysis) -> PageAnalysis {
        analysis.text = self.text;
        analysis.draft = Some(self.draft);
        analysis.check = Some(self.check);
        analysis
    }
}

/// Analyse a document's bytes (plain text, HTML or PDF, told apart by their first bytes);
/// `name` is the file named in messages.
pub fn analyse_document(name: &str, bytes: &[u8]) -> Result<PageAnalysis> {
    let part = TextPart::read(name, bytes)?;
    let analysis = analyse_study_toml(&part.study_toml);
    Ok(part.shown_with(analysis))
}

/// The page's answer to its correction form (or its study file's form): the study file with
/// the corrections the form asks for ([`crate::corrections::edits_from_form`]) applied and
/// analysed, with the document's text (when the form carried it) marked and checked again.
///
/// A correction refused (a value its field cannot hold, a move the structure refuses) changes
/// nothing: the study file as it was is analysed again, and the refusal says why, with the
/// field it concerns where that is known and every value as the reader typed it.
pub fn analyse_corrections(
    study_toml: &str,
    fields: Vec<(String, String)>,
    document: Option<&DocumentText>,
) -> (PageAnalysis, Option<RefusedCorrection>) {
    let edited = match StudyStructure::read(study_toml) {
        // Not TOML: analysed as it is (the analysis says why it does not load).
        Err(_) => Ok(study_toml.to_string()),
        Ok(structure) => edits_from_form(&structure, &fields)
            .and_then(|edits| apply_edits(study_toml, &edits).map_err(|e| refused_edit(e, &edits))),
    };
    let (analysis, refused) = match edited {
        Ok(edited) => (analyse_study_toml(&edited), None),
        Err(e) => (
            analyse_study_toml(study_toml),
            Some(RefusedCorrection::new(e, fields)),
        ),
    };
    let Some(document) = document else {
        return (analysis, refused);
    };
    match TextPart::read(&document.name, document.text.as_bytes()) {
        Ok(part) => (part.shown_with(analysis), refused),
        Err(e) => {
            let mut analysis = analysis;
            analysis.text = document.text.clone();
            analysis
                .problems
                .push(format!("the document's text could not be read again: {e}"));
            (analysis, refused)
        }
    }
}

/// An edit `apply_edits` refused (its place is `edits[i]`), placed at the form field edit `i`
/// came from; a move refused is told what the page can do instead (the tables give a number
/// no new time point id).
fn refused_edit(e: trialstats_numerics::Error, edits: &[StudyEdit]) -> crate::Error {
    match e.into_place() {
        Ok((place, message)) => {
            let edit = place
                .strip_prefix("edits[")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| edits.get(i));
            let message = match edit {
                Some(StudyEdit::MoveTimePoint { .. }) => format!(
                    "{message} (on this page: move that number too, to the arm this one leaves, so the two trade places; or give the moved one a time point id of its own in the study file itself, below)"
                ),
                _ => message,
            };
            crate::Error::input(edit.map_or(place, field_of), message)
        }
        Err(other) => other.into(),
    }
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
        printed_comparisons: Vec::new(),
        analysed: None,
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
    out.printed_comparisons = analysed.printed_comparisons.clone();
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
    let [analysed] = analyses;
    out.analysed = Some(analysed);
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

/// A chart's file to download, as the page's buttons ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFile {
    /// The PNG, drawn with the embedded fonts.
    Png,
    /// The SVG with its text as the embedded fonts' glyph outlines: it shows the same on a
    /// machine without those fonts (the page's inline SVG names the fonts instead).
    Svg,
}

impl ChartFile {
    /// The file name's extension, which is also the route's (`/chart.png`, `/chart.svg`).
    pub fn extension(self) -> &'static str {
        match self {
            ChartFile::Png => "png",
            ChartFile::Svg => "svg",
        }
    }

    /// The file's media type.
    pub fn mime(self) -> &'static str {
        match self {
            ChartFile::Png => "image/png",
            ChartFile::Svg => "image/svg+xml",
        }
    }
}

/// Chart `index` of what [`analyse_study_toml`] draws for `study_toml`, as a `format` file (the
/// page keeps no state: a chart is asked for with the study file, and drawn again).
pub fn chart_file(study_toml: &str, index: usize, format: ChartFile) -> Result<Vec<u8>> {
    let study = study::load_text(study_toml, STUDY_FILE)?;
    let analysed = analysis::analyse_study(&study, &AnalysisOptions::default())?;
    let (items, _) = gallery_items(&[analysed])?;
    let item = items.get(index).ok_or_else(|| {
        crate::Error::input(
            "index",
            format!("no chart {index}: the study file draws {}", items.len()),
        )
    })?;
    let canvas = page_canvas()?;
    Ok(match format {
        ChartFile::Png => render_png(&item.chart, canvas)?,
        ChartFile::Svg => render_svg_file(&item.chart, canvas)?.into_bytes(),
    })
}

/// The size the page draws its charts at (the report's).
fn page_canvas() -> Result<Canvas> {
    Ok(Canvas::new(Size::new(800, 600)?, Canvas::DEFAULT_DPI)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corrections::{arm_label, arm_n, timepoint_arm};

    const EDARAVONE: &str = include_str!("../../../data/als-edaravone-phase3.toml");

    fn abstract_text() -> DocumentText {
        DocumentText {
            name: "abstract.txt".into(),
            text: include_str!("../../../tests/data/seeds/abe2014_edaravone_abstract.txt").into(),
        }
    }

    #[test]
    fn a_refused_value_changes_nothing_and_keeps_what_was_typed() {
        let typed = vec![
            (arm_label("placebo"), "Placebo group".to_string()),
            (arm_n("placebo"), "a hundred".to_string()),
        ];
        let document = abstract_text();
        let (a, refused) = analyse_corrections(EDARAVONE, typed.clone(), Some(&document));
        let refused = refused.expect("refused");
        assert_eq!(refused.field.as_deref(), Some("arm:placebo:n"));
        assert_eq!(
            refused.message,
            "arm 'Placebo': n must be a whole number of patients (1 or more), got 'a hundred'"
        );
        assert_eq!(refused.typed, typed);
        // The study as it was, analysed; the document marked and checked again.
        assert_eq!(a.study_toml, EDARAVONE);
        assert!(a.effects.is_some());
        assert_eq!(a.text, document.text);
        assert!(a.draft.as_ref().is_some_and(|d| !d.items.is_empty()));
        assert!(a.check.is_some());
    }

    #[test]
    fn a_move_the_structure_refuses_is_said_at_the_numbers_arm() {
        // Placebo's week 24 into the edaravone arm, which has a week 24 that stays.
        let field = timepoint_arm("alsfrs_r_change", "placebo", "week_24");
        let typed = vec![(field.clone(), "edaravone".to_string())];
        let (a, refused) = analyse_corrections(EDARAVONE, typed, None);
        let refused = refused.expect("refused");
        assert_eq!(refused.field.as_deref(), Some(field.as_str()));
        assert!(
            refused
                .message
                .contains("already has a time point 'week_24'"),
            "{}",
            refused.message
        );
        assert_eq!(a.study_toml, EDARAVONE);
        assert!(a.draft.is_none() && a.text.is_empty());
    }

    #[test]
    fn applied_corrections_keep_the_document_marked_and_checked() {
        let typed = vec![(arm_label("placebo"), "Placebo group".to_string())];
        let document = abstract_text();
        let (a, refused) = analyse_corrections(EDARAVONE, typed, Some(&document));
        assert!(refused.is_none());
        assert!(a.study_toml.contains("label = \"Placebo group\""));
        assert_eq!(a.text, document.text);
        assert_eq!(
            a.draft.as_ref().map(|d| d.file.as_str()),
            Some("abstract.txt")
        );
        assert!(a.check.is_some());
    }
}
