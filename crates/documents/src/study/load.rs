//! Reading and validating study files.
//!
//! A file is first deserialised into the `raw.rs` mirrors of the public types, whose fields
//! keep their byte spans (`toml::Spanned`), so that every refusal can name the file, the line
//! and the field: `data/x.toml:42: measures[edss].timepoints[after].mean: 11 is outside the
//! scale 0–10`. The raw values are then parsed (numbers as printed, "not reported") and
//! checked, and the public [`Study`] is built. The statistics a check needs (the largest SD a
//! scale allows) come from [`crate::reported`]; an expectation is parsed by
//! [`crate::expression`], the same parser `verify` evaluates with.

use super::raw::{
    RawArm, RawArmCount, RawArmMeasure, RawChange, RawClaim, RawComparison, RawDate,
    RawExpectation, RawFact, RawMeasure, RawPatientData, RawReference, RawScale, RawSlope,
    RawSlopeValue, RawStudy, RawTest, RawTimePoint,
};
use super::{
    Arm, ArmCount, ArmEvents, ArmMeasure, ArmSeries, ArmValues, Bound, Claim, DateFact,
    Expectation, Fact, Measure, MedianSummary, NOT_REPORTED, PatientData, Provenance, Publication,
    Reference, Reported, ReportedChange, ReportedComparison, ReportedNumber, ReportedTestResult,
    SCHEMA_VERSION, Scale, SdDivisor, Slope, SlopeValue, SpreadKind, Study, TimePoint,
};
use crate::error::{Error, Result};
use crate::expression;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Read and validate one study file.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::study::load_file;
/// // The NCNP press release (source 002): "難治性視神経脊髄炎患者 7 名（女性 6 名、男性 1 名）".
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let fact = |id: &str| study.facts.iter().find(|f| f.id == id).unwrap();
/// assert_eq!(fact("n_patients").value.value().unwrap().text, "7");
/// assert_eq!(fact("women").of.as_deref(), Some("n_patients"));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn load_file(path: &Path) -> Result<Study> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    load_str(&text, path)
}

/// Read and validate every `*.toml` file in `dir` (other files, such as `README.md`, are
/// ignored), sorted by study id. A folder with no study file is refused (a check of nothing
/// would pass). Every problem of every file is reported at once
/// ([`Refusal::Several`](crate::error::Refusal::Several)), not just the first.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::study::{load_dir, study_ids};
/// // Every study file of data/ (the README and the CSV files are not studies), by id.
/// let studies = load_dir(Path::new("data"))?;
/// let ids: Vec<&str> = studies.iter().map(|s| s.id.as_str()).collect();
/// assert_eq!(ids, study_ids(Path::new("data"))?);
/// assert!(ids.contains(&"nmo-tocilizumab") && ids.windows(2).all(|w| w[0] < w[1]));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn load_dir(dir: &Path) -> Result<Vec<Study>> {
    let mut studies = Vec::new();
    let (files, mut problems) = toml_files(dir)?;
    if files.is_empty() && problems.is_empty() {
        // A check or report of no study would pass having checked nothing.
        return Err(Error::field(
            "data",
            format!(
                "'{}' holds no study file (*.toml); give the folder holding them with \
                 {{field:data}} DIR, or draft one from a report with `trialstats draft`",
                dir.display()
            ),
        ));
    }
    for path in files {
        match load_file(&path) {
            Ok(s) => studies.push(s),
            Err(e) => problems.push(e),
        }
    }
    if let Some(e) = Error::all(problems) {
        return Err(e);
    }
    studies.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(studies)
}

/// Read and validate the study files named one by one (`trialstats report out/a.toml
/// out/b.toml`), sorted by study id, with the one folder holding them: the folder where the
/// files beside a study are looked for (a confirmatory trial's hazard ratios), as in
/// [`load_dir`]. Every problem of every file is reported at once. Refused: no file, a name
/// that is not a `*.toml` file, two files of one study id, and files from several folders
/// (their neighbours would be ambiguous; copy them into one folder, or name the folder).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::{Path, PathBuf};
/// use trialstats_documents::study::load_files;
/// let files = [PathBuf::from("data/nmo-tocilizumab.toml")];
/// let (studies, folder) = load_files(&files)?;
/// assert_eq!(studies[0].id, "nmo-tocilizumab");
/// assert_eq!(folder, Path::new("data"));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn load_files(paths: &[std::path::PathBuf]) -> Result<(Vec<Study>, std::path::PathBuf)> {
    let Some(first) = paths.first() else {
        return Err(Error::field(
            "data",
            "no study file given; name the study files (*.toml), or the folder holding them with {field:data} DIR",
        ));
    };
    let folder_of = |p: &Path| {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| std::path::PathBuf::from("."), Path::to_path_buf)
    };
    let folder = folder_of(first);
    let mut studies: Vec<Study> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.extension().is_none_or(|e| e != "toml") {
            problems.push(Error::input(
                path.display().to_string(),
                "is not a study file: a study is one *.toml file (draft one from a report with `trialstats draft`; `trialstats check text FILE` checks the test results a text prints)",
            ));
            continue;
        }
        if folder_of(path) != folder {
            problems.push(Error::input(
                path.display().to_string(),
                format!(
                    "is in another folder than '{}': give study files from one folder, or copy them into one and name it with {{field:data}} DIR",
                    first.display()
                ),
            ));
            continue;
        }
        match load_file(path) {
            Ok(s) if studies.iter().any(|o| o.id == s.id) => problems.push(Error::input(
                path.display().to_string(),
                format!(
                    "names study '{}' a second time; give each study file once",
                    s.id
                ),
            )),
            Ok(s) => studies.push(s),
            Err(e) => problems.push(e),
        }
    }
    if let Some(e) = Error::all(problems) {
        return Err(e);
    }
    studies.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((studies, folder))
}

/// The `*.toml` files directly in `dir`, sorted, and a problem for every `*.toml` name that
/// is not a readable file (a folder, a link to nothing, a loop of links): such a name is
/// refused rather than skipped, as the user meant it to be a study.
fn toml_files(dir: &Path) -> Result<(Vec<std::path::PathBuf>, Vec<Error>)> {
    if !dir.is_dir() {
        return Err(Error::field(
            "data",
            format!(
                "'{}' is not a folder; give the folder holding the study files (*.toml) with {{field:data}} DIR",
                dir.display()
            ),
        ));
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => files.push(path),
            Ok(_) => problems.push(Error::input(
                path.display().to_string(),
                "is not a file (a folder?); a study is one *.toml file: rename or remove it",
            )),
            Err(e) => problems.push(Error::input(
                path.display().to_string(),
                format!("cannot be read ({e}): a link to nothing or a loop of links? A study is one *.toml file"),
            )),
        }
    }
    files.sort();
    Ok((files, problems))
}

/// The ids of the studies in `dir` (the stems of its `*.toml` files), sorted, without
/// loading them.
pub fn study_ids(dir: &Path) -> Result<Vec<String>> {
    let mut ids: Vec<String> = toml_files(dir)?
        .0
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    ids.sort();
    Ok(ids)
}

/// Parse and validate the text of a study file; `path` names it in messages and its stem
/// must equal the study id.
///
/// ```
/// use std::path::Path;
/// use trialstats_documents::study::load_str;
/// // A study file of two facts: 5 of 7 patients, each with the sentence it stands in.
/// let facts = r#"
/// schema = 1
/// id = "note"
/// title = "A note"
/// source_file = "note.txt"
/// document = "A note"
/// publication = { title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }
/// design = "single-arm"
/// population = "7 patients"
/// intervention = "not reported"
///
/// [[facts]]
/// id = "n_patients"
/// label = "Patients treated"
/// value = "7"
/// unit = "patients"
/// quote = "5 of 7 patients were relapse-free."
/// where = "line 1"
///
/// [[facts]]
/// id = "relapse_free"
/// label = "Patients without a relapse"
/// value = "5"
/// unit = "patients"
/// of = "n_patients"
/// quote = "5 of 7 patients were relapse-free."
/// where = "line 1"
/// "#;
/// let study = load_str(facts, Path::new("note.toml"))?;
/// assert_eq!(study.value_of("relapse_free"), Ok(5.0));
/// // 8 of 7 patients is refused, as is a file whose name is not its id.
/// assert!(load_str(&facts.replace("value = \"5\"", "value = \"8\""), Path::new("note.toml")).is_err());
/// assert!(load_str(facts, Path::new("other.toml")).is_err());
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn load_str(text: &str, path: &Path) -> Result<Study> {
    let ctx = Context::new(&path.display().to_string(), text);
    let study = parse(&ctx)?;
    check_file_stem(&ctx, study, path)
}

/// Parse and validate a study file's text that is not a file (pasted into the page, say):
/// as [`load_str`] without its rule that the file stem is the id. `name` names the text in
/// messages.
///
/// ```
/// use trialstats_documents::study::load_text;
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/nmo-tocilizumab.toml")).unwrap();
/// let study = load_text(&text, "edited study file")?;
/// assert_eq!(study.id, "nmo-tocilizumab");
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn load_text(text: &str, name: &str) -> Result<Study> {
    let mut study = parse(&Context::new(name, text))?;
    study.path = std::path::PathBuf::from(name);
    Ok(study)
}

/// The study of `ctx`'s text, parsed and validated.
fn parse(ctx: &Context) -> Result<Study> {
    let raw: RawStudy = toml::from_str(ctx.text).map_err(|e| {
        let line = e.span().map_or(1, |s| ctx.line(s.start));
        let message = e.message().trim();
        let message = match ctx.key_of_line(line) {
            Some(key) => format!("{key}: {message}"),
            None => message.to_string(),
        };
        Error::input(format!("{}:{line}", ctx.path), message)
    })?;
    build(ctx, raw)
}

/// `study` as loaded from `path`, whose stem must be its id.
fn check_file_stem(ctx: &Context, mut study: Study, path: &Path) -> Result<Study> {
    study.path = path.to_path_buf();
    if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
        if !super::valid_study_id(stem) {
            return Err(Error::input(
                ctx.path.clone(),
                format!(
                    "the file name cannot name a study: a study's id is its file stem, and ids \
                     hold {}; rename the file to {}.toml (with id = \"{}\")",
                    super::STUDY_ID_RULE,
                    super::study_id_from_name(stem),
                    super::study_id_from_name(stem)
                ),
            ));
        }
        if study.id != stem {
            return Err(Error::input(
                format!("{}:{}", ctx.path, study_id_line(ctx)),
                format!(
                    "id: '{}' does not match the file name; the id must equal the file stem '{stem}'",
                    study.id
                ),
            ));
        }
    }
    Ok(study)
}

/// The line of the top-level `id = ...` (for the file-stem message).
fn study_id_line(ctx: &Context) -> usize {
    ctx.text
        .lines()
        .position(|l| l.trim_start().starts_with("id") && l.contains('='))
        .map_or(1, |i| i + 1)
}

/// The file being loaded, to turn spans into `file:line` locations.
struct Context<'a> {
    path: String,
    text: &'a str,
    /// The offset of every newline, so that the line of a place is a binary search: every
    /// expectation and every message asks for one, and counting the newlines before each
    /// made a file of 10,000 expectations quadratic (2.3 s, 0.04 s at 1,000).
    newlines: Vec<usize>,
}

impl<'a> Context<'a> {
    /// The context of `text`, named `path` in messages.
    fn new(path: &str, text: &'a str) -> Context<'a> {
        Context {
            path: path.to_string(),
            text,
            newlines: text
                .bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i))
                .collect(),
        }
    }

    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.newlines.partition_point(|&n| n < end) + 1
    }

    /// The key assigned on `line` (`dispersion = "SE"` → `dispersion`), to name the field in
    /// messages from the TOML parser.
    fn key_of_line(&self, line: usize) -> Option<&str> {
        let text = self.text.lines().nth(line.checked_sub(1)?)?;
        let (key, _) = text.split_once('=')?;
        let key = key.trim();
        let bare = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
        bare.then_some(key)
    }

    /// Bad input at `span`, in `field`.
    fn err(&self, span: Range<usize>, field: &str, message: impl std::fmt::Display) -> Error {
        Error::input(
            format!("{}:{}", self.path, self.line(span.start)),
            format!("{field}: {message}"),
        )
    }
}

// ---------------------------------------------------------------------------------------
// Building and checking.

fn build(ctx: &Context, mut raw: RawStudy) -> Result<Study> {
    check_schema_and_id(ctx, &raw)?;
    // Every item is checked on its own, and every problem is kept: a file with three
    // mistakes is reported with three messages, not one at a time.
    let mut items = Items {
        ctx,
        ids: IdRegistry::default(),
        problems: Vec::new(),
    };
    let raw_expectations = std::mem::take(&mut raw.expectations);
    let mut study = build_items(&mut items, raw);

    // An item refused above would make every expectation naming it fail too; those
    // follow-on messages say nothing new, so expectations are checked on a clean file.
    let items_ok = items.problems.is_empty();
    let expectations = items.each(
        raw_expectations,
        "expectations",
        |e| &e.id,
        |e, field| build_expectation(ctx, e, field, &study, items_ok),
    );
    study.expectations = expectations;
    let mut problems = items.problems;
    match problems.len() {
        0 => Ok(study),
        1 => Err(problems.remove(0)),
        _ => Err(Error::all(problems).expect("two or more problems")),
    }
}

/// `Ok` if the file's schema version is the one this build reads and its id is a valid
/// study id; the refusal naming the field otherwise.
fn check_schema_and_id(ctx: &Context, raw: &RawStudy) -> Result<()> {
    if *raw.schema.get_ref() != SCHEMA_VERSION {
        return Err(ctx.err(
            raw.schema.span(),
            "schema",
            format!(
                "version {} is not supported; this trialstats reads schema = {SCHEMA_VERSION}",
                raw.schema.get_ref()
            ),
        ));
    }
    let id = raw.id.get_ref();
    if !super::valid_study_id(id) {
        return Err(ctx.err(
            raw.id.span(),
            "id",
            format!(
                "'{id}' is not a valid study id; allowed: {}",
                super::STUDY_ID_RULE
            ),
        ));
    }
    Ok(())
}

/// The study with every item but its expectations (left empty), each item checked; the
/// problems of the items refused are kept in `items`.
fn build_items(items: &mut Items, raw: RawStudy) -> Study {
    let ctx = items.ctx;
    let provenance = |quote: String, location: String| Provenance {
        source_file: raw.source_file.clone(),
        quote,
        location,
    };
    let facts = items.each(
        raw.facts,
        "facts",
        |f| &f.id,
        |f, field| build_fact(ctx, f, field, &provenance),
    );
    items.problems.extend(check_denominators(ctx, &facts));
    let facts: Vec<Fact> = facts.into_iter().map(|(f, _)| f).collect();
    let dates = items.each(
        raw.dates,
        "dates",
        |d| &d.id,
        |d, field| build_date(ctx, d, field, &provenance),
    );
    let measures = items.each(
        raw.measures,
        "measures",
        |m| &m.id,
        |m, field| build_measure(ctx, m, field, &provenance),
    );
    let slopes = items.each(
        raw.slopes,
        "slopes",
        |s| &s.id,
        |s, field| build_slope(ctx, s, field, &provenance),
    );
    let arms = build_arms(
        ctx,
        raw.arms,
        &mut items.ids,
        &provenance,
        &mut items.problems,
    );
    let arm_measures = items.each(
        raw.arm_measures,
        "arm_measures",
        |m| &m.id,
        |m, field| build_arm_measure(ctx, m, field, &arms, &provenance),
    );
    let arm_counts = items.each(
        raw.arm_counts,
        "arm_counts",
        |c| &c.id,
        |c, field| build_arm_count(ctx, c, field, &arms, &provenance),
    );
    let tests = items.each(
        raw.tests,
        "tests",
        |r| &r.id,
        |r, field| build_test(ctx, r, field, &provenance),
    );
    let references = items.each(
        raw.references,
        "references",
        |r| &r.id,
        |r, _| Ok(build_reference(r, &provenance)),
    );
    let patient_data = items.each(
        raw.patient_data,
        "patient_data",
        |d| &d.id,
        |d, field| build_patient_data(ctx, d, field),
    );
    Study {
        id: raw.id.into_inner(),
        title: raw.title,
        source_file: raw.source_file.clone(),
        document: raw.document,
        publication: Publication {
            title: reported_text(&raw.publication.title),
            journal: reported_text(&raw.publication.journal),
            date: reported_text(&raw.publication.date),
            doi: reported_text(&raw.publication.doi),
        },
        design: raw.design,
        population: raw.population,
        intervention: raw.intervention,
        notes: raw.notes,
        facts,
        dates,
        measures,
        slopes,
        arms,
        arm_measures,
        arm_counts,
        tests,
        references,
        expectations: Vec::new(),
        patient_data,
        path: Default::default(),
    }
}

/// A `[[references]]` entry (nothing in it to check but its id).
fn build_reference(
    r: RawReference,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Reference {
    Reference {
        id: r.id.get_ref().clone(),
        kind: r.kind,
        citation: r.citation,
        provenance: provenance(r.quote, r.location),
    }
}

/// A `[[facts]]` entry, with the span of its `of` (checked against the other facts by
/// [`check_denominators`]).
fn build_fact(
    ctx: &Context,
    f: RawFact,
    field: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<(Fact, Option<Spanned<String>>)> {
    if f.of.as_ref().is_some_and(|o| o.get_ref() == f.id.get_ref()) {
        let of = f.of.as_ref().map_or(f.id.span(), |o| o.span());
        return Err(ctx.err(
            of,
            &format!("{field}.of"),
            "a fact cannot be a part of itself; allowed: the id of another fact (its denominator)",
        ));
    }
    let value = reported_number(ctx, &f.value, &format!("{field}.value"))?;
    if let (Some(v), Some(_)) = (value.value(), &f.of) {
        if v.value < 0.0 {
            return Err(ctx.err(
                f.value.span(),
                &format!("{field}.value"),
                format!(
                    "{} is negative; a part of a whole (a fact with `of`) is a count, 0 or more",
                    v.text
                ),
            ));
        }
    }
    Ok((
        Fact {
            id: f.id.get_ref().clone(),
            label: f.label,
            value,
            bound: f.bound,
            unit: f.unit,
            of: f.of.as_ref().map(|o| o.get_ref().clone()),
            note: f.note,
            provenance: provenance(f.quote, f.location),
        },
        f.of,
    ))
}

/// A `[[dates]]` entry whose date is an ISO date (or a day of the year).
fn build_date(
    ctx: &Context,
    d: RawDate,
    field: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<DateFact> {
    if !is_iso_date(d.date.get_ref()) {
        return Err(ctx.err(
            d.date.span(),
            &format!("{field}.date"),
            format!(
                "'{}' is not a date; allowed: YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD (no year printed), a day that the month has",
                d.date.get_ref()
            ),
        ));
    }
    Ok(DateFact {
        id: d.id.get_ref().clone(),
        label: d.label,
        date: d.date.into_inner(),
        note: d.note,
        provenance: provenance(d.quote, d.location),
    })
}

/// A `[[slopes]]` entry: its n, scale, claim and the two sides, each spread 0 or more.
fn build_slope(
    ctx: &Context,
    s: RawSlope,
    field: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<Slope> {
    let n = count(ctx, &s.n, &format!("{field}.n"))?;
    let scale = s
        .scale
        .as_ref()
        .map(|sc| scale(ctx, sc, &format!("{field}.scale")))
        .transpose()?;
    let side = |v: &RawSlopeValue, name: &str| -> Result<SlopeValue> {
        let spread = reported_value(ctx, &v.spread, &format!("{field}.{name}.spread"))?;
        non_negative(ctx, &v.spread, &spread, &format!("{field}.{name}.spread"))?;
        Ok(SlopeValue {
            value: reported_value(ctx, &v.value, &format!("{field}.{name}.value"))?,
            spread,
            period: reported_text(&v.period),
        })
    };
    Ok(Slope {
        id: s.id.get_ref().clone(),
        label: s.label,
        unit: s.unit,
        n,
        scale,
        dispersion: s.dispersion,
        direction: s.direction,
        claim: claim(ctx, &s.claim, &format!("{field}.claim"))?,
        before: side(&s.before, "before")?,
        after: side(&s.after, "after")?,
        note: s.note,
        provenance: provenance(s.quote, s.location),
    })
}

/// A `[[tests]]` entry whose printed result the checker can read.
fn build_test(
    ctx: &Context,
    r: RawTest,
    field: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<ReportedTestResult> {
    // Parsed here so that a result the checker cannot read is refused with its
    // place, not skipped by `check`.
    crate::checks::reported_test::parse_result(r.text.get_ref()).map_err(|e| {
        let why = e.into_message();
        ctx.err(r.text.span(), &format!("{field}.text"), why)
    })?;
    Ok(ReportedTestResult {
        id: r.id.get_ref().clone(),
        text: r.text.get_ref().clone(),
        note: r.note,
        provenance: provenance(r.quote, r.location),
    })
}

/// An `[[expectations]]` entry with a finite tolerance (0 or more) and expected value; its
/// expression is checked against `study` only when `items_ok` (no item was refused).
fn build_expectation(
    ctx: &Context,
    e: RawExpectation,
    field: &str,
    study: &Study,
    items_ok: bool,
) -> Result<Expectation> {
    let tolerance = *e.tolerance.get_ref();
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(ctx.err(
            e.tolerance.span(),
            &format!("{field}.tolerance"),
            format!("{tolerance} is not allowed; allowed: a finite number, 0 or more"),
        ));
    }
    if !e.expected.get_ref().is_finite() {
        return Err(ctx.err(
            e.expected.span(),
            &format!("{field}.expected"),
            format!(
                "{} is not allowed; allowed: a finite number",
                e.expected.get_ref()
            ),
        ));
    }
    if items_ok {
        check_expression(ctx, study, &e.compute, &format!("{field}.compute"))?;
    }
    Ok(Expectation {
        id: e.id.get_ref().clone(),
        description: e.description,
        compute: e.compute.into_inner(),
        expected: e.expected.into_inner(),
        tolerance: e.tolerance.into_inner(),
    })
}

/// A `[[patient_data]]` entry: the file is found (relative to the study file's folder), the
/// model is parsed as `trialstats mmrm` parses it, and the arm is a variable of the model.
/// Whether the columns and the control level exist is known only from the data, when the
/// analysis reads them.
fn build_patient_data(ctx: &Context, d: RawPatientData, field: &str) -> Result<PatientData> {
    let (file, path) = patient_data_path(ctx, &d, field)?;
    let names = [
        (&d.subject, "subject"),
        (&d.visit, "visit"),
        (&d.arm, "arm"),
        (&d.control, "control"),
    ];
    for (value, name) in names
        .iter()
        .chain(d.group.as_ref().map(|g| (g, "group")).iter())
    {
        if value.get_ref().trim().is_empty() {
            return Err(ctx.err(
                value.span(),
                &format!("{field}.{name}"),
                "is empty; allowed: a column name of the file (for control: a level of the arm column)",
            ));
        }
    }
    let covariance = covariance_of(ctx, &d, field)?;
    let ddf = ddf_of(ctx, &d, field)?;
    // The fixed part alone: a covariance term belongs in the fields, not in the formula.
    if crate::mmrm::MmrmFormula::parse(d.formula.get_ref()).is_ok() {
        return Err(ctx.err(
            d.formula.span(),
            &format!("{field}.formula"),
            "has a covariance term; write the fixed part here ('chg ~ base + arm * visit') and the covariance in covariance, visit and subject",
        ));
    }
    let data = PatientData {
        id: d.id.get_ref().clone(),
        label: d.label,
        unit: d.unit,
        file,
        path,
        formula: d.formula.get_ref().trim().to_string(),
        subject: d.subject.get_ref().trim().to_string(),
        visit: d.visit.get_ref().trim().to_string(),
        covariance,
        group: d.group.as_ref().map(|g| g.get_ref().trim().to_string()),
        arm: d.arm.get_ref().trim().to_string(),
        control: d.control.get_ref().trim().to_string(),
        ddf,
        synthetic: d.synthetic,
        note: d.note,
    };
    check_model_has_arm_and_visit(ctx, &data, (&d.formula, &d.arm), field)?;
    Ok(data)
}

/// The data file as written (trimmed) and its path from the study file's folder, if it is
/// a file there.
fn patient_data_path(
    ctx: &Context,
    d: &RawPatientData,
    field: &str,
) -> Result<(String, std::path::PathBuf)> {
    let file = d.file.get_ref().trim();
    if file.is_empty() {
        return Err(ctx.err(
            d.file.span(),
            &format!("{field}.file"),
            "is empty; allowed: the path of a CSV file, relative to this study file's folder",
        ));
    }
    let folder = Path::new(&ctx.path)
        .parent()
        .unwrap_or_else(|| Path::new(""));
    let path = folder.join(file);
    if !path.is_file() {
        return Err(ctx.err(
            d.file.span(),
            &format!("{field}.file"),
            format!(
                "'{file}' is not a file (looked for '{}'); the path is relative to this study file's folder",
                path.display()
            ),
        ));
    }
    Ok((file.to_string(), path))
}

/// The covariance structure named (unstructured when none is).
fn covariance_of(ctx: &Context, d: &RawPatientData, field: &str) -> Result<crate::mmrm::Structure> {
    Ok(match &d.covariance {
        None => crate::mmrm::Structure::Us,
        Some(c) => crate::mmrm::Structure::from_name(c.get_ref()).ok_or_else(|| {
            ctx.err(
                c.span(),
                &format!("{field}.covariance"),
                format!(
                    "'{}' is not a covariance structure this crate fits; allowed: {}",
                    c.get_ref(),
                    crate::mmrm::covariance::ALLOWED
                ),
            )
        })?,
    })
}

/// The denominator degrees of freedom named (Satterthwaite when none is); `none` is refused.
fn ddf_of(ctx: &Context, d: &RawPatientData, field: &str) -> Result<crate::lmm::inference::Ddf> {
    Ok(match &d.ddf {
        None => crate::lmm::inference::Ddf::Satterthwaite,
        Some(text) => match text.get_ref().parse() {
            Ok(crate::lmm::inference::Ddf::None | crate::lmm::inference::Ddf::Containment)
            | Err(_) => {
                return Err(ctx.err(
                    text.span(),
                    &format!("{field}.ddf"),
                    format!(
                        "'{}' is not allowed; allowed: satterthwaite (default) or kenward-roger (the arm contrasts need df)",
                        text.get_ref()
                    ),
                ))
            }
            Ok(ddf) => ddf,
        },
    })
}

/// `Ok` if the model (formula and covariance) parses and has both the visit and the arm as
/// variables; `spans` are the raw formula and arm, to place a refusal.
fn check_model_has_arm_and_visit(
    ctx: &Context,
    data: &PatientData,
    spans: (&Spanned<String>, &Spanned<String>),
    field: &str,
) -> Result<()> {
    let (formula, arm) = spans;
    let message = |e: trialstats_stats::Error| e.into_message();
    let parsed = crate::mmrm::MmrmFormula::parse(&data.mmrm_formula())
        .map_err(|e| ctx.err(formula.span(), &format!("{field}.formula"), message(e)))?;
    let in_model = parsed
        .fixed
        .fixed
        .iter()
        .any(|t| t.variables.iter().any(|v| v.name == data.arm));
    let visit_in_model = parsed
        .fixed
        .fixed
        .iter()
        .any(|t| t.variables.iter().any(|v| v.name == data.visit));
    if !visit_in_model {
        return Err(ctx.err(
            formula.span(),
            &format!("{field}.formula"),
            format!(
                "'{}' does not have the visit '{}'; the arms are compared at every visit, so the formula needs it (as arm * visit)",
                data.formula, data.visit
            ),
        ));
    }
    if !in_model {
        return Err(ctx.err(
            arm.span(),
            &format!("{field}.arm"),
            format!(
                "'{}' is not a variable of the formula '{}'; the arms are compared through the model, so the formula needs it (as arm * visit)",
                data.arm, data.formula
            ),
        ));
    }
    Ok(())
}

fn build_measure(
    ctx: &Context,
    m: RawMeasure,
    field: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<Measure> {
    let n = count(ctx, &m.n, &format!("{field}.n"))?;
    let scale = m
        .scale
        .as_ref()
        .map(|sc| scale(ctx, sc, &format!("{field}.scale")))
        .transpose()?;
    let correlation = correlation(ctx, &m.correlation, &format!("{field}.correlation"))?;
    if m.timepoints.len() < 2 {
        return Err(ctx.err(
            m.id.span(),
            &format!("{field}.timepoints"),
            format!(
                "{} time point(s) given; a measure needs at least two (use [[facts]] for a single number, [[arm_measures]] for a trial's arms)",
                m.timepoints.len()
            ),
        ));
    }
    let source = TimePointSource {
        quote: &m.quote,
        location: &m.location,
        provenance,
    };
    let timepoints = build_timepoints(
        ctx,
        &m.timepoints,
        field,
        &n,
        scale.as_ref(),
        m.dispersion,
        &source,
    )?;
    let change = m
        .change
        .as_ref()
        .map(|c| build_change(ctx, c, &format!("{field}.change"), provenance))
        .transpose()?;
    Ok(Measure {
        id: m.id.get_ref().clone(),
        label: m.label,
        unit: m.unit,
        scale,
        n,
        dispersion: m.dispersion,
        dispersion_note: m.dispersion_note,
        correlation,
        direction: m.direction,
        claim: claim(ctx, &m.claim, &format!("{field}.claim"))?,
        provenance: provenance(m.quote, m.location),
        timepoints,
        change,
    })
}

/// A pre/post correlation: a number in [−1, 1] or "not reported".
fn correlation(ctx: &Context, raw: &Spanned<toml::Value>, field: &str) -> Result<Reported<f64>> {
    match raw.get_ref() {
        toml::Value::String(s) if s == NOT_REPORTED => Ok(Reported::NotReported),
        toml::Value::Float(r) if (-1.0..=1.0).contains(r) => Ok(Reported::Value(*r)),
        toml::Value::Integer(r) if (-1..=1).contains(r) => Ok(Reported::Value(*r as f64)),
        other => Err(ctx.err(
            raw.span(),
            field,
            format!(
                "{other} is not allowed; allowed: a number from -1 to 1, or \"{NOT_REPORTED}\""
            ),
        )),
    }
}

/// The time points of a measure (or of one arm of a per-arm measure), in order: ids unique,
/// numbers as printed, each mean within its scale and each spread within what the scale
/// allows for that mean and n. `scale` is `None` for changes from baseline, which live on
/// no bounded scale.
fn build_timepoints(
    ctx: &Context,
    raw: &[RawTimePoint],
    field: &str,
    n: &Reported<u32>,
    scale: Option<&Scale>,
    dispersion: SpreadKind,
    source: &TimePointSource,
) -> Result<Vec<TimePoint>> {
    let mut seen = HashSet::new();
    let mut timepoints = Vec::new();
    for t in raw {
        let tfield = format!("{field}.timepoints[{}]", t.id.get_ref());
        check_item_id(ctx, &t.id, &tfield)?;
        if !seen.insert(t.id.get_ref().clone()) {
            return Err(ctx.err(
                t.id.span(),
                &format!("{tfield}.id"),
                "duplicate time point id; each time point of a measure needs its own id",
            ));
        }
        let tn = match &t.n {
            Some(v) => count(ctx, v, &format!("{tfield}.n"))?,
            None => n.clone(),
        };
        let median = build_median(ctx, t, &tfield, source)?;
        let (mean, spread) = timepoint_mean_spread(ctx, t, &tfield, median.is_some())?;
        let own_scale = match &t.scale {
            Some(raw) => Some(self::scale(ctx, raw, &format!("{tfield}.scale"))?),
            None => None,
        };
        if own_scale.is_some() && t.scale_note.is_none() {
            return Err(ctx.err(
                t.id.span(),
                &format!("{tfield}.scale_note"),
                "a time point with its own scale needs a scale_note saying why (which words of the document make it so)",
            ));
        }
        if let (Some(sc), Some(mean_v), Some(raw_mean)) =
            (own_scale.as_ref().or(scale), mean.value(), &t.mean)
        {
            if !sc.contains(mean_v.value) {
                return Err(ctx.err(
                    raw_mean.span(),
                    &format!("{tfield}.mean"),
                    format!(
                        "{} is outside the scale {}; allowed: a mean within the scale",
                        mean_v.text,
                        sc.describe()
                    ),
                ));
            }
            if let (Some(spread_v), Some(&nn)) = (spread.value(), tn.value()) {
                if let Some(limit) = sc.largest_sd(mean_v, u64::from(nn)) {
                    let sd = dispersion.smallest_sd(spread_v, u64::from(nn));
                    if sd > limit + 1e-12 {
                        let what = spread_described(dispersion, spread_v, nn);
                        return Err(ctx.err(
                            t.spread.as_ref().map_or(t.id.span(), |s| s.span()),
                            &format!("{tfield}.spread"),
                            format!(
                                "{what} is larger than the scale {} allows for a mean of {} \
                                 with n = {nn} (largest possible SD {}, allowing for rounding)",
                                sc.describe(),
                                mean_v.text,
                                crate::output::human_number(limit)
                            ),
                        ));
                    }
                }
            }
        }
        timepoints.push(TimePoint {
            id: t.id.get_ref().clone(),
            when: t.when.clone(),
            mean,
            spread,
            n: tn,
            scale: own_scale,
            scale_note: t.scale_note.clone(),
            median,
        });
    }
    Ok(timepoints)
}

/// A time point's mean and spread: as printed when it gives them and no median
/// (`has_median`), "not reported" both when it gives a median instead.
fn timepoint_mean_spread(
    ctx: &Context,
    t: &RawTimePoint,
    tfield: &str,
    has_median: bool,
) -> Result<(Reported<ReportedNumber>, Reported<ReportedNumber>)> {
    Ok(match (&t.mean, &t.spread, has_median) {
        (Some(raw_mean), Some(raw_spread), false) => {
            let mean = reported_value(ctx, raw_mean, &format!("{tfield}.mean"))?;
            let spread = reported_value(ctx, raw_spread, &format!("{tfield}.spread"))?;
            non_negative(ctx, raw_spread, &spread, &format!("{tfield}.spread"))?;
            (mean, spread)
        }
        (None, None, true) => (Reported::NotReported, Reported::NotReported),
        (Some(raw), _, true) | (_, Some(raw), true) => {
            return Err(ctx.err(
                raw.span(),
                tfield,
                "gives both mean ± spread and a median; allowed: mean and spread, or median with q1/q3 and/or min/max",
            ))
        }
        (None, _, false) | (_, None, false) => {
            let name = if t.mean.is_none() { "mean" } else { "spread" };
            return Err(ctx.err(
                t.id.span(),
                &format!("{tfield}.{name}"),
                "missing; a time point gives mean and spread (each as printed, or \"not reported\"), or a median with q1/q3 and/or min/max",
            ));
        }
    })
}

/// How a spread reads in a message saying it is too large for the scale: an SEM with the
/// SD it means, an SD, or an unlabelled spread read as an SD.
fn spread_described(dispersion: SpreadKind, spread_v: &ReportedNumber, nn: u32) -> String {
    match dispersion {
        SpreadKind::Sem => format!(
            "SEM {} (an SD of {} = SEM × √n)",
            spread_v.text,
            crate::output::human_number(SpreadKind::Sem.to_sd(spread_v.value, f64::from(nn)))
        ),
        SpreadKind::Sd => format!("SD {}", spread_v.text),
        SpreadKind::NotReported => format!(
            "spread {} (read as an SD, its smallest meaning)",
            spread_v.text
        ),
    }
}

/// Where the numbers of a measure's (or an arm's) time points stand, for a time point that
/// gives no quote of its own.
pub(super) struct TimePointSource<'a> {
    pub(super) quote: &'a str,
    pub(super) location: &'a str,
    pub(super) provenance: &'a dyn Fn(String, String) -> Provenance,
}

/// The median, quartiles and range of a time point, when it gives them: each a number as
/// printed, in pairs (q1 with q3, min with max), ordered min ≤ q1 ≤ median ≤ q3 ≤ max, with
/// a method that `convert::median` knows and has a formula for (an n below the method's
/// smallest, 5 as metafor's `conv.fivenum`, is the analysis's to say: not converted).
fn build_median(
    ctx: &Context,
    t: &RawTimePoint,
    tfield: &str,
    source: &TimePointSource,
) -> Result<Option<MedianSummary>> {
    let extras = [
        ("q1", &t.q1),
        ("q3", &t.q3),
        ("min", &t.min),
        ("max", &t.max),
        ("method", &t.method),
    ];
    let Some(raw_median) = &t.median else {
        if let Some((name, Some(raw))) = extras.iter().find(|(_, v)| v.is_some()) {
            return Err(ctx.err(
                raw.span(),
                &format!("{tfield}.{name}"),
                "is given without a median; allowed: median with q1/q3 and/or min/max",
            ));
        }
        return Ok(None);
    };
    let number = |raw: &Option<Spanned<String>>, name: &str| {
        raw.as_ref()
            .map(|r| printed_number(ctx, r, &format!("{tfield}.{name}")))
            .transpose()
    };
    let median = printed_number(ctx, raw_median, &format!("{tfield}.median"))?;
    let (q1, q3, min, max) = (
        number(&t.q1, "q1")?,
        number(&t.q3, "q3")?,
        number(&t.min, "min")?,
        number(&t.max, "max")?,
    );
    for (a, b, names) in [(&q1, &q3, "q1 and q3"), (&min, &max, "min and max")] {
        if a.is_some() != b.is_some() {
            return Err(ctx.err(
                raw_median.span(),
                tfield,
                format!("{names} come as a pair; give both or neither"),
            ));
        }
    }
    if q1.is_none() && min.is_none() {
        return Err(ctx.err(
            raw_median.span(),
            &format!("{tfield}.median"),
            "a median alone says nothing of the spread; give q1 and q3, min and max, or all five",
        ));
    }
    let ordered = [
        ("min", &t.min, &min),
        ("q1", &t.q1, &q1),
        ("median", &t.median, &Some(median.clone())),
        ("q3", &t.q3, &q3),
        ("max", &t.max, &max),
    ];
    check_five_numbers_ordered(ctx, tfield, &ordered)?;
    let method = median_method(ctx, t, tfield, raw_median, (q1.is_some(), min.is_some()))?;
    Ok(Some(MedianSummary {
        median,
        q1,
        q3,
        min,
        max,
        method,
        provenance: (source.provenance)(
            t.quote.clone().unwrap_or_else(|| source.quote.to_string()),
            t.location
                .clone()
                .unwrap_or_else(|| source.location.to_string()),
        ),
    }))
}

/// One of min, q1, median, q3 and max: its name, as written, and as read (when given).
type FiveNumber<'a> = (
    &'a str,
    &'a Option<Spanned<String>>,
    &'a Option<ReportedNumber>,
);

/// `Ok` if the numbers given among min, q1, median, q3 and max (name, raw, parsed) are in
/// that order.
fn check_five_numbers_ordered(ctx: &Context, tfield: &str, ordered: &[FiveNumber]) -> Result<()> {
    let given: Vec<(&str, &Spanned<String>, f64)> = ordered
        .iter()
        .filter_map(|(name, raw, v)| Some((*name, raw.as_ref()?, v.as_ref()?.value)))
        .collect();
    for pair in given.windows(2) {
        let ((a, _, va), (b, raw_b, vb)) = (pair[0], pair[1]);
        if va > vb {
            return Err(ctx.err(
                raw_b.span(),
                &format!("{tfield}.{b}"),
                format!(
                    "{b} {} is below {a} {}; allowed: min ≤ q1 ≤ median ≤ q3 ≤ max",
                    raw_b.get_ref(),
                    crate::output::human_number(va)
                ),
            ));
        }
    }
    Ok(())
}

/// The median's conversion method (the default when none is named), if it has a formula for
/// the numbers given (`given`: quartiles, range). An n too small for the method is no fault
/// of the file (a trial of four patients prints its medians rightly): the analysis leaves
/// that time point unconverted and says why.
fn median_method(
    ctx: &Context,
    t: &RawTimePoint,
    tfield: &str,
    raw_median: &Spanned<String>,
    given: (bool, bool),
) -> Result<crate::convert::MedianMethod> {
    use crate::convert::{MedianMethod, Scenario};
    let method = match &t.method {
        None => MedianMethod::default(),
        Some(raw) => raw.get_ref().parse::<MedianMethod>().map_err(|e| {
            let why = e.into_message();
            ctx.err(raw.span(), &format!("{tfield}.method"), why)
        })?,
    };
    let scenario = match given {
        (true, true) => Scenario::FiveNumbers,
        (true, false) => Scenario::Quartiles,
        _ => Scenario::Range,
    };
    if !method.scenarios().contains(&scenario) {
        let raw = t.method.as_ref().map_or(raw_median.span(), |m| m.span());
        return Err(ctx.err(
            raw,
            &format!("{tfield}.method"),
            format!(
                "{} has no formula for the {} scenario; use luo-wan-shi or wan2014",
                method.as_str(),
                scenario.as_str()
            ),
        ));
    }
    Ok(method)
}

/// A number the document prints (never "not reported": an item it does not print is left
/// out of the file).
fn printed_number(ctx: &Context, raw: &Spanned<String>, field: &str) -> Result<ReportedNumber> {
    match reported_value(ctx, raw, field)? {
        Reported::Value(v) => Ok(v),
        Reported::NotReported => Err(ctx.err(
            raw.span(),
            field,
            "\"not reported\" is not needed here; leave the field out when the document does not print it",
        )),
    }
}

/// What a measure reports about its change (SD, SE, CI, p, t), each as printed.
fn build_change(
    ctx: &Context,
    raw: &Spanned<RawChange>,
    field: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<ReportedChange> {
    let c = raw.get_ref();
    let opt = |v: &Option<Spanned<String>>, name: &str| {
        v.as_ref()
            .map(|v| printed_number(ctx, v, &format!("{field}.{name}")))
            .transpose()
    };
    let positive =
        |v: &Option<Spanned<String>>, x: &Option<ReportedNumber>, name: &str| match (v, x) {
            (Some(raw), Some(x)) if x.value <= 0.0 => Err(ctx.err(
                raw.span(),
                &format!("{field}.{name}"),
                format!("{} is not allowed; allowed: a number above 0", x.text),
            )),
            _ => Ok(()),
        };
    let sd = opt(&c.sd, "sd")?;
    positive(&c.sd, &sd, "sd")?;
    let se = opt(&c.se, "se")?;
    positive(&c.se, &se, "se")?;
    let t = opt(&c.t, "t")?;
    let p = opt(&c.p, "p")?;
    if let (Some(raw), Some(p)) = (&c.p, &p) {
        if !(p.value > 0.0 && p.value < 1.0) {
            return Err(ctx.err(
                raw.span(),
                &format!("{field}.p"),
                format!("{} is not allowed; allowed: a p-value above 0 and below 1 (a bound such as p < 0.001 gives no SD)", p.text),
            ));
        }
    }
    let sd_divisor = match c.sd_divisor.as_ref() {
        None => SdDivisor::NMinusOne,
        Some(d) => match d.get_ref().as_str() {
            "n - 1" => SdDivisor::NMinusOne,
            "n" => SdDivisor::N,
            other => {
                return Err(ctx.err(
                    d.span(),
                    &format!("{field}.sd_divisor"),
                    format!(
                        "'{other}' is not allowed; allowed: \"n - 1\" (the sample SD) or \"n\""
                    ),
                ));
            }
        },
    };
    let ci = printed_interval(ctx, (&c.ci_lower, &c.ci_upper, &c.level), raw.span(), field)?;
    let mean = opt(&c.mean, "mean")?;
    if sd.is_none() && se.is_none() && ci.is_none() && t.is_none() && p.is_none() {
        return Err(ctx.err(
            raw.span(),
            field,
            "gives nothing to derive the SD of the change from; allowed: sd, se, ci_lower and ci_upper, t, or p",
        ));
    }
    if c.sd_divisor.is_some() && sd.is_none() {
        let d = c.sd_divisor.as_ref().map_or(raw.span(), |d| d.span());
        return Err(ctx.err(
            d,
            &format!("{field}.sd_divisor"),
            "says what an SD divides by, but no sd is given",
        ));
    }
    Ok(ReportedChange {
        mean,
        sd,
        sd_divisor,
        se,
        ci,
        p,
        t,
        provenance: provenance(c.quote.clone(), c.location.clone()),
    })
}

/// How an arm's `control` marks it: the comparator, or the draft's reference for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ControlMark {
    Chosen,
    Review,
}

/// An arm's `control`: absent or `false` (not the control), `true`, or `"review"` (the draft's
/// reference where the text names none).
fn control_mark(
    ctx: &Context,
    raw: Option<&Spanned<toml::Value>>,
    field: &str,
) -> Result<Option<ControlMark>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    match raw.get_ref() {
        toml::Value::Boolean(true) => Ok(Some(ControlMark::Chosen)),
        toml::Value::Boolean(false) => Ok(None),
        toml::Value::String(s) if s == "review" => Ok(Some(ControlMark::Review)),
        other => Err(ctx.err(
            raw.span(),
            &format!("{field}.control"),
            format!(
                "is {other}; allowed: true, false, or \"review\" (the draft's reference where the text names no control)"
            ),
        )),
    }
}

/// The arms of a trial: ids, n, and exactly one control when there are any.
fn build_arms(
    ctx: &Context,
    raw: Vec<RawArm>,
    ids: &mut IdRegistry,
    provenance: &dyn Fn(String, String) -> Provenance,
    problems: &mut Vec<Error>,
) -> Vec<Arm> {
    let mut arms = Vec::new();
    let mut first_span = None;
    for a in raw {
        let field = format!("arms[{}]", a.id.get_ref());
        first_span.get_or_insert(a.id.span());
        let built = (|| {
            ids.add(ctx, &a.id, &field)?;
            let control = control_mark(ctx, a.control.as_ref(), &field)?;
            Ok(Arm {
                id: a.id.get_ref().clone(),
                label: a.label,
                n: count(ctx, &a.n, &format!("{field}.n"))?,
                control: control.is_some(),
                control_for_review: control == Some(ControlMark::Review),
                note: a.note,
                provenance: provenance(a.quote, a.location),
            })
        })();
        match built {
            Ok(arm) => arms.push(arm),
            Err(e) => problems.push(e),
        }
    }
    if let Some(span) = first_span {
        let controls = arms.iter().filter(|a| a.control).count();
        if controls != 1 || arms.len() < 2 {
            let names: Vec<&str> = arms
                .iter()
                .filter(|a| a.control)
                .map(|a| a.id.as_str())
                .collect();
            problems.push(ctx.err(
                span,
                "arms",
                if arms.len() < 2 {
                    format!("{} arm given; a trial needs at least two arms (a single group is a [[measures]] before/after study)", arms.len())
                } else if controls == 0 {
                    "no arm is marked `control = true`; exactly one arm is the comparator every other arm is compared with".to_string()
                } else {
                    format!("{controls} arms are marked `control = true` ({}); exactly one arm is the comparator", names.join(", "))
                },
            ));
        }
    }
    arms
}

/// The arm named by `raw` (an id of [[arms]]), once per item.
fn arm_ref<'a>(
    ctx: &Context,
    arms: &'a [Arm],
    raw: &Spanned<String>,
    seen: &mut HashSet<String>,
    field: &str,
) -> Result<&'a Arm> {
    let Some(arm) = arms.iter().find(|a| &a.id == raw.get_ref()) else {
        let known: Vec<&str> = arms.iter().map(|a| a.id.as_str()).collect();
        return Err(ctx.err(
            raw.span(),
            &format!("{field}.arm"),
            if known.is_empty() {
                format!("'{}' is not an arm: the study has no [[arms]]; declare each arm (id, label, n) first", raw.get_ref())
            } else {
                format!("'{}' is not an arm of this study; allowed: {}", raw.get_ref(), known.join(", "))
            },
        ));
    };
    if !seen.insert(arm.id.clone()) {
        return Err(ctx.err(
            raw.span(),
            &format!("{field}.arm"),
            format!("arm '{}' is given twice; each arm once per item", arm.id),
        ));
    }
    Ok(arm)
}

/// Per-arm items need two or more arms, among them the control.
fn check_arm_coverage(
    ctx: &Context,
    span: Range<usize>,
    field: &str,
    arms: &[Arm],
    given: &[String],
) -> Result<()> {
    let control = arms.iter().find(|a| a.control);
    if given.len() < 2 || control.is_some_and(|c| !given.contains(&c.id)) {
        return Err(ctx.err(
            span,
            &format!("{field}.arms"),
            format!(
                "gives arm(s) {}; a per-arm item needs at least two arms, one of them the control{}",
                if given.is_empty() { "none".to_string() } else { given.join(", ") },
                control.map(|c| format!(" '{}'", c.id)).unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

fn build_arm_measure(
    ctx: &Context,
    m: RawArmMeasure,
    field: &str,
    arms: &[Arm],
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<ArmMeasure> {
    let scale = m
        .scale
        .as_ref()
        .map(|sc| scale(ctx, sc, &format!("{field}.scale")))
        .transpose()?;
    let correlation = correlation(ctx, &m.correlation, &format!("{field}.correlation"))?;
    // A change from baseline is not on the score's scale (it runs from min − max to
    // max − min), so only scores are checked against it.
    let value_scale = match m.values {
        ArmValues::Score => scale.as_ref(),
        ArmValues::ChangeFromBaseline => None,
    };
    let mut seen = HashSet::new();
    let mut series = Vec::new();
    let mut first_ids: Option<Vec<String>> = None;
    for a in &m.arms {
        let afield = format!("{field}.arms[{}]", a.arm.get_ref());
        let arm = arm_ref(ctx, arms, &a.arm, &mut seen, &afield)?;
        let n = match &a.n {
            Some(v) => count(ctx, v, &format!("{afield}.n"))?,
            None => arm.n.clone(),
        };
        if a.timepoints.is_empty() {
            return Err(ctx.err(
                a.arm.span(),
                &format!("{afield}.timepoints"),
                "no time point given; each arm needs at least one [[arm_measures.arms.timepoints]]",
            ));
        }
        let source = TimePointSource {
            quote: a.quote.as_deref().unwrap_or(&m.quote),
            location: a.location.as_deref().unwrap_or(&m.location),
            provenance,
        };
        let timepoints = build_timepoints(
            ctx,
            &a.timepoints,
            &afield,
            &n,
            value_scale,
            m.dispersion,
            &source,
        )?;
        check_same_timepoints(ctx, &a.arm, &afield, &timepoints, &mut first_ids)?;
        let change = arm_change(ctx, &a.change, m.values, &afield, provenance)?;
        series.push(ArmSeries {
            arm: arm.id.clone(),
            change,
            n_of_arm: a.n.is_none() && a.timepoints.iter().all(|t| t.n.is_none()),
            n,
            provenance: provenance(
                a.quote.clone().unwrap_or_else(|| m.quote.clone()),
                a.location.clone().unwrap_or_else(|| m.location.clone()),
            ),
            timepoints,
        });
    }
    let given: Vec<String> = series.iter().map(|s| s.arm.clone()).collect();
    check_arm_coverage(ctx, m.id.span(), field, arms, &given)?;
    Ok(ArmMeasure {
        id: m.id.get_ref().clone(),
        label: m.label,
        unit: m.unit,
        values: m.values,
        scale,
        dispersion: m.dispersion,
        dispersion_note: m.dispersion_note,
        correlation,
        direction: m.direction,
        claim: claim(ctx, &m.claim, &format!("{field}.claim"))?,
        provenance: provenance(m.quote.clone(), m.location.clone()),
        comparisons: build_comparisons(ctx, &m.comparisons, field, arms, &series, provenance)?,
        arms: series,
    })
}

/// `Ok` if an arm's time points (`arm` names it, `afield` places it) are those of the first
/// arm, in the same order; the first arm's are kept in `first_ids`.
fn check_same_timepoints(
    ctx: &Context,
    arm: &Spanned<String>,
    afield: &str,
    timepoints: &[TimePoint],
    first_ids: &mut Option<Vec<String>>,
) -> Result<()> {
    let ids: Vec<String> = timepoints.iter().map(|t| t.id.clone()).collect();
    match first_ids {
        None => *first_ids = Some(ids),
        Some(first) if *first != ids => {
            return Err(ctx.err(
                arm.span(),
                &format!("{afield}.timepoints"),
                format!(
                    "time points {} differ from the first arm's {}; every arm lists the same time points in the same order (\"not reported\" where an arm has no value)",
                    ids.join(", "),
                    first.join(", ")
                ),
            ))
        }
        Some(_) => {}
    }
    Ok(())
}

/// An arm's change of a score, when it gives one; a measure of changes from baseline has none.
fn arm_change(
    ctx: &Context,
    change: &Option<Spanned<RawChange>>,
    values: ArmValues,
    afield: &str,
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<Option<ReportedChange>> {
    Ok(match (change, values) {
        (None, _) => None,
        (Some(c), ArmValues::Score) => Some(build_change(ctx, c, &format!("{afield}.change"), provenance)?),
        (Some(c), ArmValues::ChangeFromBaseline) => {
            return Err(ctx.err(
                c.span(),
                &format!("{afield}.change"),
                "is for the change of a score; a measure of changes from baseline gives its spread as each time point's ±",
            ))
        }
    })
}

/// A per-arm measure's comparisons, each arm and time point compared once.
fn build_comparisons(
    ctx: &Context,
    comparisons: &[Spanned<RawComparison>],
    field: &str,
    arms: &[Arm],
    series: &[ArmSeries],
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<Vec<ReportedComparison>> {
    comparisons
        .iter()
        .enumerate()
        .map(|(i, c)| {
            build_comparison(
                ctx,
                c,
                &format!("{field}.comparisons[{i}]"),
                arms,
                series,
                provenance,
            )
        })
        .collect::<Result<Vec<_>>>()
        .and_then(|list| {
            for (i, c) in list.iter().enumerate() {
                if list[..i]
                    .iter()
                    .any(|o| o.arm == c.arm && o.timepoint == c.timepoint)
                {
                    return Err(ctx.err(
                        comparisons[i].span(),
                        &format!("{field}.comparisons[{i}]"),
                        format!(
                            "compares {} at {} a second time; give each arm and time point once",
                            c.arm, c.timepoint
                        ),
                    ));
                }
            }
            Ok(list)
        })
}

/// A printed interval (`ci_lower`, `ci_upper`, optional `level`, default 0.95) of `field`:
/// both ends or neither, lower below upper, a level only with an interval.
#[allow(clippy::type_complexity)]
fn printed_interval(
    ctx: &Context,
    (lower, upper, level): (
        &Option<Spanned<String>>,
        &Option<Spanned<String>>,
        &Option<Spanned<f64>>,
    ),
    span: Range<usize>,
    field: &str,
) -> Result<
    Option<(
        ReportedNumber,
        ReportedNumber,
        crate::level::ConfidenceLevel,
    )>,
> {
    match (lower, upper) {
        (None, None) => match level {
            Some(lv) => Err(ctx.err(
                lv.span(),
                &format!("{field}.level"),
                "is the level of an interval, but no ci_lower and ci_upper are given",
            )),
            None => Ok(None),
        },
        (Some(lo), Some(hi)) => {
            let l = printed_number(ctx, lo, &format!("{field}.ci_lower"))?;
            let u = printed_number(ctx, hi, &format!("{field}.ci_upper"))?;
            if l.value >= u.value {
                return Err(ctx.err(
                    lo.span(),
                    &format!("{field}.ci_lower"),
                    format!(
                        "{} is not below ci_upper {}; allowed: lower < upper",
                        l.text, u.text
                    ),
                ));
            }
            let level = match level {
                None => crate::level::ConfidenceLevel::NINETY_FIVE,
                Some(lv) => crate::level::ConfidenceLevel::new(*lv.get_ref())
                    .map_err(|e| ctx.err(lv.span(), &format!("{field}.level"), e))?,
            };
            Ok(Some((l, u, level)))
        }
        _ => Err(ctx.err(
            span,
            &format!("{field}.ci_lower"),
            "an interval needs both ci_lower and ci_upper",
        )),
    }
}

/// The document's comparison of an arm with the control: the arm (default: the only arm
/// besides the control) and time point (default: the last) must exist; each number as printed;
/// at least one of spread, CI, p or t.
fn build_comparison(
    ctx: &Context,
    raw: &Spanned<RawComparison>,
    field: &str,
    arms: &[Arm],
    series: &[ArmSeries],
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<ReportedComparison> {
    let c = raw.get_ref();
    let arm = comparison_arm(ctx, raw, field, arms, series)?;
    let ids: Vec<&str> = series
        .first()
        .map(|s| s.timepoints.iter().map(|t| t.id.as_str()).collect())
        .unwrap_or_default();
    let timepoint = match &c.timepoint {
        Some(t) => {
            if !ids.contains(&t.get_ref().as_str()) {
                return Err(ctx.err(
                    t.span(),
                    &format!("{field}.timepoint"),
                    format!(
                        "'{}' is not a time point of this measure; allowed: {}",
                        t.get_ref(),
                        ids.join(", ")
                    ),
                ));
            }
            t.get_ref().clone()
        }
        None => ids.last().map(|s| s.to_string()).unwrap_or_default(),
    };
    let opt = |v: &Option<Spanned<String>>, name: &str| {
        v.as_ref()
            .map(|v| printed_number(ctx, v, &format!("{field}.{name}")))
            .transpose()
    };
    let difference = opt(&c.difference, "difference")?;
    let spread = opt(&c.spread, "spread")?;
    if let (Some(raw_s), Some(s)) = (&c.spread, &spread) {
        if s.value <= 0.0 {
            return Err(ctx.err(
                raw_s.span(),
                &format!("{field}.spread"),
                format!("{} is not allowed; allowed: a number above 0", s.text),
            ));
        }
    }
    let t = opt(&c.t, "t")?;
    let p =
        c.p.as_ref()
            .map(|raw_p| {
                crate::reported::ReportedP::parse(raw_p.get_ref(), "p").map_err(|e| {
                    let message = e.into_message();
                    ctx.err(raw_p.span(), &format!("{field}.p"), message)
                })
            })
            .transpose()?;
    let ci = printed_interval(ctx, (&c.ci_lower, &c.ci_upper, &c.level), raw.span(), field)?;
    if spread.is_none() && ci.is_none() && p.is_none() && t.is_none() {
        return Err(ctx.err(
            raw.span(),
            field,
            "gives nothing to compare; allowed: spread (the ± of the difference), ci_lower and ci_upper, p, or t",
        ));
    }
    let adjusted = comparison_adjusted(ctx, &c.adjusted, field)?;
    Ok(ReportedComparison {
        arm,
        timepoint,
        difference,
        spread,
        ci,
        p,
        t,
        adjusted,
        method: c.method.clone(),
        provenance: provenance(c.quote.clone(), c.location.clone()),
    })
}

/// The arm a comparison names, if it is an arm of the measure besides the control; the only
/// such arm when it names none.
fn comparison_arm(
    ctx: &Context,
    raw: &Spanned<RawComparison>,
    field: &str,
    arms: &[Arm],
    series: &[ArmSeries],
) -> Result<String> {
    let c = raw.get_ref();
    let control = arms.iter().find(|a| a.control).map(|a| a.id.as_str());
    let others: Vec<&str> = series
        .iter()
        .map(|s| s.arm.as_str())
        .filter(|a| Some(*a) != control)
        .collect();
    Ok(match &c.arm {
        Some(a) => {
            let id = a.get_ref();
            if Some(id.as_str()) == control {
                return Err(ctx.err(
                    a.span(),
                    &format!("{field}.arm"),
                    format!("'{id}' is the control; a comparison names the arm compared with it (one of: {})", others.join(", ")),
                ));
            }
            if !others.contains(&id.as_str()) {
                return Err(ctx.err(
                    a.span(),
                    &format!("{field}.arm"),
                    format!(
                        "'{id}' is not an arm of this measure; allowed: {}",
                        others.join(", ")
                    ),
                ));
            }
            id.clone()
        }
        None => match others.as_slice() {
            [one] => one.to_string(),
            _ => return Err(ctx.err(
                raw.span(),
                &format!("{field}.arm"),
                format!(
                    "is needed when the measure has several arms besides the control; allowed: {}",
                    others.join(", ")
                ),
            )),
        },
    })
}

/// Whether a comparison is adjusted (for baseline or covariates), as the file says.
fn comparison_adjusted(
    ctx: &Context,
    adjusted: &Option<Spanned<toml::Value>>,
    field: &str,
) -> Result<crate::reported::Adjusted> {
    Ok(match adjusted {
        None => crate::reported::Adjusted::NotReported,
        Some(v) => match v.get_ref() {
            toml::Value::Boolean(true) => crate::reported::Adjusted::Yes,
            toml::Value::Boolean(false) => crate::reported::Adjusted::No,
            toml::Value::String(s) if s == NOT_REPORTED => crate::reported::Adjusted::NotReported,
            other => {
                return Err(ctx.err(
                    v.span(),
                    &format!("{field}.adjusted"),
                    format!("{other} is not allowed; allowed: true (ANCOVA, MMRM, least-squares means), false, or \"not reported\""),
                ))
            }
        },
    })
}

fn build_arm_count(
    ctx: &Context,
    c: RawArmCount,
    field: &str,
    arms: &[Arm],
    provenance: &dyn Fn(String, String) -> Provenance,
) -> Result<ArmCount> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let rates = c.arms.iter().filter(|a| a.person_time.is_some()).count();
    for a in &c.arms {
        let afield = format!("{field}.arms[{}]", a.arm.get_ref());
        let arm = arm_ref(ctx, arms, &a.arm, &mut seen, &afield)?;
        if rates > 0 && a.person_time.is_none() {
            return Err(ctx.err(
                a.arm.span(),
                &format!("{afield}.person_time"),
                "is missing while another arm gives person-time; a count is over person-time in every arm (a rate) or out of people in every arm",
            ));
        }
        let events = reported_value(ctx, &a.events, &format!("{afield}.events"))?;
        if let Some(e) = events.value() {
            if e.value < 0.0 || e.decimals != 0 {
                return Err(ctx.err(
                    a.events.span(),
                    &format!("{afield}.events"),
                    format!(
                        "{} is not allowed; allowed: a whole number of events, 0 or more",
                        e.text
                    ),
                ));
            }
        }
        let n = match &a.n {
            Some(v) => count(ctx, v, &format!("{afield}.n"))?,
            None => arm.n.clone(),
        };
        let person_time = match &a.person_time {
            None => None,
            Some(raw) => {
                let pt = reported_value(ctx, raw, &format!("{afield}.person_time"))?;
                if let Some(v) = pt.value() {
                    if v.value <= 0.0 {
                        return Err(ctx.err(
                            raw.span(),
                            &format!("{afield}.person_time"),
                            format!("{} is not allowed; allowed: a person-time above 0", v.text),
                        ));
                    }
                }
                Some(pt)
            }
        };
        if let (None, Some(e), Some(&n)) = (&person_time, events.value(), n.value()) {
            if e.value > f64::from(n) {
                return Err(ctx.err(
                    a.events.span(),
                    &format!("{afield}.events"),
                    format!(
                        "{} people with the event is more than the arm's denominator n = {n}; a count of people cannot exceed its whole (for repeated events give person_time)",
                        e.text
                    ),
                ));
            }
        }
        out.push(ArmEvents {
            arm: arm.id.clone(),
            events,
            n,
            person_time,
            provenance: provenance(
                a.quote.clone().unwrap_or_else(|| c.quote.clone()),
                a.location.clone().unwrap_or_else(|| c.location.clone()),
            ),
        });
    }
    if rates > 0 && c.time_unit.is_none() {
        return Err(ctx.err(
            c.id.span(),
            &format!("{field}.time_unit"),
            "counts over person-time need a time_unit (for example \"patient-years\")",
        ));
    }
    let given: Vec<String> = out.iter().map(|s| s.arm.clone()).collect();
    check_arm_coverage(ctx, c.id.span(), field, arms, &given)?;
    Ok(ArmCount {
        id: c.id.get_ref().clone(),
        label: c.label,
        direction: c.direction,
        time_unit: c.time_unit,
        note: c.note,
        provenance: provenance(c.quote, c.location),
        arms: out,
    })
}

/// The checks of one file's items so far: the ids registered and every problem kept.
struct Items<'c, 'a> {
    ctx: &'c Context<'a>,
    ids: IdRegistry,
    problems: Vec<Error>,
}

impl Items<'_, '_> {
    /// Build every item of one kind (`kind` names it in messages: `measures[edss]`): each id
    /// is registered, each item built, and every problem kept (a file with three mistakes is
    /// reported with three messages).
    fn each<R, T>(
        &mut self,
        raw: Vec<R>,
        kind: &str,
        id_of: fn(&R) -> &Spanned<String>,
        mut build: impl FnMut(R, &str) -> Result<T>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for item in raw {
            let field = format!("{kind}[{}]", id_of(&item).get_ref());
            match self
                .ids
                .add(self.ctx, id_of(&item), &field)
                .and_then(|()| build(item, &field))
            {
                Ok(built) => out.push(built),
                Err(e) => self.problems.push(e),
            }
        }
        out
    }
}

/// The study-wide namespace of item ids (facts, dates, measures, slopes, references and
/// expectations share it, because expectations refer to them by bare id).
#[derive(Default)]
struct IdRegistry {
    seen: HashMap<String, String>,
}

impl IdRegistry {
    fn add(&mut self, ctx: &Context, id: &Spanned<String>, field: &str) -> Result<()> {
        check_item_id(ctx, id, field)?;
        if let Some(first) = self.seen.get(id.get_ref()) {
            return Err(ctx.err(
                id.span(),
                &format!("{field}.id"),
                format!("duplicate id '{}' (already used by {first}); ids must be unique within a study", id.get_ref()),
            ));
        }
        self.seen.insert(id.get_ref().clone(), field.to_string());
        Ok(())
    }
}

fn check_item_id(ctx: &Context, id: &Spanned<String>, field: &str) -> Result<()> {
    let s = id.get_ref();
    if super::valid_item_id(s) && !expression::is_function(s) {
        Ok(())
    } else {
        Err(ctx.err(
            id.span(),
            &format!("{field}.id"),
            format!(
                "'{s}' is not a valid id; allowed: {} (not a function name: {})",
                super::ITEM_ID_RULE,
                expression::function_list()
            ),
        ))
    }
}

/// The largest magnitude a mean, spread or slope may have (the charts draw values up to it).
const MAX_MAGNITUDE: f64 = 1e15;

/// A mean, spread or slope as printed, or "not reported", at most [`MAX_MAGNITUDE`].
fn reported_value(
    ctx: &Context,
    raw: &Spanned<String>,
    field: &str,
) -> Result<Reported<ReportedNumber>> {
    let value = reported_number(ctx, raw, field)?;
    if let Some(v) = value.value() {
        if v.value.abs() > MAX_MAGNITUDE {
            return Err(ctx.err(
                raw.span(),
                field,
                format!(
                    "{} is too large; allowed: numbers up to 1e15 in magnitude",
                    v.text
                ),
            ));
        }
    }
    Ok(value)
}

/// A number as printed, or "not reported".
fn reported_number(
    ctx: &Context,
    raw: &Spanned<String>,
    field: &str,
) -> Result<Reported<ReportedNumber>> {
    let text = raw.get_ref();
    if text == NOT_REPORTED {
        return Ok(Reported::NotReported);
    }
    // Numbers are stored as printed: a '+' or a space that the document did not print is a
    // slip of transcription, which the parser (lenient for typed options) would accept.
    let stray = if text.starts_with('+') {
        Some("a leading '+' (write the number without it)")
    } else if text.trim() != text {
        Some("spaces around it (write the number alone)")
    } else {
        None
    };
    if let Some(stray) = stray {
        return Err(ctx.err(
            raw.span(),
            field,
            format!("'{text}' is not a number as printed: it has {stray}; allowed: digits with an optional '-' and decimal point (\"3.0\"), or \"{NOT_REPORTED}\""),
        ));
    }
    ReportedNumber::parse(text, field)
        .map(Reported::Value)
        .map_err(|e| {
            // The limits of the exact arithmetic are worth saying; otherwise the form.
            let limit = match &e {
                crate::error::Refusal::Input { message, .. }
                    if message.contains("at most") =>
                {
                    message
                    .split(": ")
                    .nth(1)
                    .map(|why| format!(" ({})", why.split(" (").next().unwrap_or(why)))
                    .unwrap_or_default()
                }
                _ => String::new(),
            };
            ctx.err(
                raw.span(),
                field,
                format!("'{text}' is not a number as printed{limit}; allowed: digits with an optional '-' and decimal point (\"3.0\"), or \"{NOT_REPORTED}\""),
            )
        })
}

fn reported_text(text: &str) -> Reported<String> {
    if text == NOT_REPORTED {
        Reported::NotReported
    } else {
        Reported::Value(text.to_string())
    }
}

fn non_negative(
    ctx: &Context,
    raw: &Spanned<String>,
    value: &Reported<ReportedNumber>,
    field: &str,
) -> Result<()> {
    match value.value() {
        Some(v) if v.value < 0.0 => Err(ctx.err(
            raw.span(),
            field,
            format!(
                "{} is negative; a standard deviation or standard error is 0 or more",
                v.text
            ),
        )),
        _ => Ok(()),
    }
}

/// A participant count: an integer of at least 1, or "not reported".
fn count(ctx: &Context, raw: &Spanned<toml::Value>, field: &str) -> Result<Reported<u32>> {
    match raw.get_ref() {
        toml::Value::String(s) if s == NOT_REPORTED => Ok(Reported::NotReported),
        toml::Value::Integer(n) if *n >= 1 => u32::try_from(*n)
            .map(Reported::Value)
            .map_err(|_| {
                ctx.err(
                    raw.span(),
                    field,
                    format!("{n} is too large; allowed: a whole number from 1 to {}", u32::MAX),
                )
            }),
        other => Err(ctx.err(
            raw.span(),
            field,
            format!("{other} is not allowed; allowed: a whole number of at least 1, or \"{NOT_REPORTED}\""),
        )),
    }
}

fn scale(ctx: &Context, raw: &Spanned<RawScale>, field: &str) -> Result<Scale> {
    let s = raw.get_ref();
    let bad = |msg: String| ctx.err(raw.span(), field, msg);
    let number = |x: f64, what: &str| {
        ReportedNumber::from_value(x).ok_or_else(|| {
            bad(format!(
                "{what} {} is not a plain decimal number; allowed: a finite number with at most 18 digits and 8 decimals",
                crate::output::human_number(x)
            ))
        })
    };
    let min = number(s.min, "min")?;
    let max = s.max.map(|m| number(m, "max")).transpose()?;
    if let Some(m) = &max {
        if m.value <= min.value {
            return Err(bad(format!(
                "max {} must be a finite number above min {}",
                m.text, min.text
            )));
        }
    }
    let step = s.step.map(|st| number(st, "step")).transpose()?;
    if let Some(st) = &step {
        if st.value <= 0.0 {
            return Err(bad(format!("step {} must be a positive number", st.text)));
        }
    }
    Scale::new(Some(min), max, step).map_err(bad)
}

fn claim(ctx: &Context, raw: &RawClaim, field: &str) -> Result<Claim> {
    let significant = match raw.significant.get_ref() {
        toml::Value::Boolean(b) => Reported::Value(*b),
        toml::Value::String(s) if s == NOT_REPORTED => Reported::NotReported,
        other => {
            return Err(ctx.err(
                raw.significant.span(),
                &format!("{field}.significant"),
                format!("{other} is not allowed; allowed: true, false or \"{NOT_REPORTED}\""),
            ));
        }
    };
    Ok(Claim {
        significant,
        wording: raw.wording.clone(),
    })
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `--MM-DD` (no year printed), with a month 01–12 and
/// a day 01–31.
fn is_iso_date(s: &str) -> bool {
    if let Some(month_day) = s.strip_prefix("--") {
        // ISO 8601 month and day without a year, for a date printed without one.
        return month_day.len() == 5 && is_iso_date(&format!("2000-{month_day}"));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 0, 9999),
        [y, m] => num(y, 4, 0, 9999) && num(m, 2, 1, 12),
        [y, m, d] if num(y, 4, 0, 9999) && num(m, 2, 1, 12) => {
            // The days of that month (February 29 in leap years of the Gregorian calendar;
            // a month and day printed without a year are checked against the leap year 2000).
            let (year, month): (u32, u32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(0));
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            num(d, 2, 1, days)
        }
        _ => false,
    }
}

/// A part may not exceed its whole: checked where the part is exact or a lower bound and the
/// whole is exact or an upper bound (otherwise "more than" is not a contradiction).
fn check_denominators(ctx: &Context, facts: &[(Fact, Option<Spanned<String>>)]) -> Vec<Error> {
    let mut problems = Vec::new();
    for (fact, of) in facts {
        let Some(of) = of else { continue };
        let field = format!("facts[{}].of", fact.id);
        let Some((whole, _)) = facts.iter().find(|(f, _)| &f.id == of.get_ref()) else {
            let known: Vec<&str> = facts.iter().map(|(f, _)| f.id.as_str()).collect();
            problems.push(ctx.err(
                of.span(),
                &field,
                format!(
                    "'{}' is not a fact of this study; allowed: {}",
                    of.get_ref(),
                    known.join(", ")
                ),
            ));
            continue;
        };
        // A percentage names the whole it is a percentage of: `check` compares it with
        // 100·k/n, not as a count with the whole.
        if fact.unit.trim().starts_with("percent") {
            continue;
        }
        let part_is_low = matches!(fact.bound, Bound::Exact | Bound::AtLeast);
        let whole_is_high = matches!(whole.bound, Bound::Exact | Bound::AtMost);
        if let (Some(p), Some(w), true, true) = (
            fact.value.value(),
            whole.value.value(),
            part_is_low,
            whole_is_high,
        ) {
            if p.value > w.value {
                problems.push(ctx.err(
                    of.span(),
                    &field,
                    format!(
                        "{} {} is larger than its denominator {} = {}; a part cannot exceed its whole",
                        fact.id, p.text, whole.id, w.text
                    ),
                ));
            }
        }
    }
    problems
}

/// Check that an expectation parses, that every name in it refers to something the study
/// reports (`fact`, `slope.before|after`, `measure.TIMEPOINT.mean|spread|n`), and that it
/// evaluates to a finite number (no division by zero): what `verify` will compute is known
/// to be computable when the file is read.
fn check_expression(
    ctx: &Context,
    study: &Study,
    compute: &Spanned<String>,
    field: &str,
) -> Result<()> {
    let location = format!("{}:{}: {field}", ctx.path, ctx.line(compute.span().start));
    let expression = expression::parse(compute.get_ref(), &location)?;
    for path in expression.paths() {
        if let Err(msg) = study.value_of(&path.join(".")) {
            return Err(ctx.err(compute.span(), field, msg));
        }
    }
    expression.eval(study, &location)?;
    Ok(())
}
