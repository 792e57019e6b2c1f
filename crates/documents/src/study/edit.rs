//! Corrections a reader makes to a study file's structure — which arm a number belongs to, a
//! time point's name, an arm's or a measure's n, what a ± is — and the structure itself as a
//! reader sees it (arms; measures with their time points).
//!
//! Edits are applied to the file's *text* with `toml_edit`, not by loading and writing the
//! study again: a drafted study file carries a quote and a `where` for every number, comments
//! and the notes `draft` leaves for review, and a correction must keep all of them where they
//! are. The edited text is not validated here; loading it ([`super::load_text`]) says what, if
//! anything, the correction made inconsistent, with its line.
//!
//! ```
//! use trialstats_documents::study::edit::{StudyEdit, StudyStructure, apply_edits};
//! use trialstats_documents::study::SpreadKind;
//! let toml = r#"
//! [[arms]]
//! id = "placebo"
//! label = "Placebo"
//! n = 30
//!
//! [[arm_measures]]
//! id = "score"
//! dispersion = "not reported"
//! [[arm_measures.arms]]
//! arm = "placebo"
//! timepoints = [{ id = "week_12", when = "week 12", mean = "4.1", spread = "0.5" }]
//! "#;
//! let edited = apply_edits(toml, &[
//!     StudyEdit::ArmN { arm: "placebo".into(), n: 28 },
//!     StudyEdit::Dispersion { measure: "score".into(), spread: SpreadKind::Sem },
//! ]).unwrap();
//! let structure = StudyStructure::read(&edited).unwrap();
//! assert_eq!(structure.arms[0].n, "28");
//! assert_eq!(structure.measures[0].dispersion, "SEM");
//! assert_eq!(structure.measures[0].series[0].timepoints[0].value, "4.1 ± 0.5");
//! ```

use crate::reported::SpreadKind;
use serde::{Deserialize, Serialize};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, TableLike, Value, value};
use trialstats_numerics::error::{Error, Result};

/// One correction of a study file's structure. As JSON (the page's API):
/// `{"edit": "arm_n", "arm": "placebo", "n": 58}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case", deny_unknown_fields)]
pub enum StudyEdit {
    /// An arm's label (its name as the document gives it); the id stays, so every reference
    /// to the arm still holds.
    ArmLabel { arm: String, label: String },
    /// A measure's label (what is measured, in the reader's words); the id stays.
    MeasureLabel { measure: String, label: String },
    /// The number of patients of an arm.
    ArmN { arm: String, n: u64 },
    /// The number of patients an arm measure's numbers of one arm are of (those analysed,
    /// when the text gives them apart from the arm's n).
    SeriesN {
        measure: String,
        arm: String,
        n: u64,
    },
    /// The number of patients of a single-group measure or slope.
    MeasureN { measure: String, n: u64 },
    /// What the ± (or bracketed spread) of a measure, an arm measure or a slope is.
    Dispersion { measure: String, spread: SpreadKind },
    /// A time point's name as the text gives it (`when`); `arm` names the arm of an arm
    /// measure, and is absent for a single-group measure.
    TimePointWhen {
        measure: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        arm: Option<String>,
        timepoint: String,
        when: String,
    },
    /// A single-group measure whose "time points" are really arms (the document prints two
    /// groups side by side and the draft took them for a before and after): each time point
    /// becomes the numbers of the arm its name (`when`) names — an arm of the study with that
    /// id or label, else a new arm with the measure's n and quote — and the measure an arm
    /// measure. The first arm is the control unless the study has one.
    TimePointsAreArms { measure: String },
    /// Move a time point (its numbers, quote and n) of an arm measure from one arm to another;
    /// with `to_timepoint` it takes that id there (the id a comparison names).
    MoveTimePoint {
        measure: String,
        timepoint: String,
        from_arm: String,
        to_arm: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_timepoint: Option<String>,
    },
}

/// Apply `edits` in order to a study file's text; the edited text, with everything the edits
/// do not touch (comments, quotes, layout) as it was. An edit naming an arm, a measure or a
/// time point the file does not have is refused, with the ones it has.
pub fn apply_edits(study_toml: &str, edits: &[StudyEdit]) -> Result<String> {
    let mut doc: DocumentMut = study_toml
        .parse()
        .map_err(|e| Error::input("the study file", format!("is not TOML: {e}")))?;
    let at = |i: usize| move |message: String| Error::input(format!("edits[{i}]"), message);
    let mut i = 0;
    while i < edits.len() {
        // A run of moves is made as one: every point is taken out before any is put in, so
        // that two numbers can trade arms (the draft put each in the other's).
        let run = edits[i..]
            .iter()
            .take_while(|e| matches!(e, StudyEdit::MoveTimePoint { .. }))
            .count();
        if run == 0 {
            apply(&mut doc, &edits[i]).map_err(at(i))?;
            i += 1;
            continue;
        }
        let mut taken = Vec::with_capacity(run);
        for (j, edit) in edits[i..i + run].iter().enumerate() {
            taken.push(take_moved(&mut doc, edit).map_err(at(i + j))?);
        }
        for (j, (edit, point)) in edits[i..i + run].iter().zip(taken).enumerate() {
            if let Some(point) = point {
                put_moved(&mut doc, edit, point).map_err(at(i + j))?;
            }
        }
        finish_moves(&mut doc);
        i += run;
    }
    Ok(doc.to_string())
}

fn apply(doc: &mut DocumentMut, edit: &StudyEdit) -> std::result::Result<(), String> {
    match edit {
        StudyEdit::ArmLabel { arm, label } => {
            if label.trim().is_empty() {
                return Err(format!("arm '{arm}': a label cannot be empty"));
            }
            table_in(doc, &["arms"], "arm", arm)?["label"] = value(label.trim());
        }
        StudyEdit::MeasureLabel { measure, label } => {
            if label.trim().is_empty() {
                return Err(format!("measure '{measure}': a label cannot be empty"));
            }
            let kinds = ["measures", "arm_measures", "slopes"];
            table_in(doc, &kinds, "measure", measure)?["label"] = value(label.trim());
        }
        StudyEdit::ArmN { arm, n } => {
            table_in(doc, &["arms"], "arm", arm)?["n"] = value(whole(*n)?);
        }
        StudyEdit::SeriesN { measure, arm, n } => {
            let n = whole(*n)?;
            let table = table_in(doc, &["arm_measures"], "arm measure", measure)?;
            let series = series_of(table, arm)
                .ok_or_else(|| format!("arm measure '{measure}' has no numbers of arm '{arm}'"))?;
            series["n"] = value(n);
        }
        StudyEdit::MeasureN { measure, n } => {
            let n = whole(*n)?;
            let kinds = ["measures", "slopes"];
            table_in(doc, &kinds, "single-group measure or slope", measure)?["n"] = value(n);
        }
        StudyEdit::Dispersion { measure, spread } => {
            let kinds = ["measures", "arm_measures", "slopes"];
            table_in(doc, &kinds, "measure", measure)?["dispersion"] = value(spread.as_str());
        }
        StudyEdit::TimePointWhen {
            measure,
            arm,
            timepoint,
            when,
        } => {
            if when.trim().is_empty() {
                return Err(format!("time point '{timepoint}': a name cannot be empty"));
            }
            let holder = holder_of(doc, measure, arm.as_deref(), timepoint)?;
            let point = point_mut(holder, timepoint).expect("checked by holder_of");
            point.insert("when", value(when.trim()));
        }
        StudyEdit::TimePointsAreArms { measure } => time_points_are_arms(doc, measure)?,
        StudyEdit::MoveTimePoint { .. } => {
            if let Some(point) = take_moved(doc, edit)? {
                put_moved(doc, edit, point)?;
            }
            finish_moves(doc);
        }
    }
    Ok(())
}

/// An n as TOML writes it, refusing 0 and what TOML's integers cannot hold.
fn whole(n: u64) -> std::result::Result<i64, String> {
    match i64::try_from(n) {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "n must be a whole number from 1 to {}, got {n}",
            i64::MAX
        )),
    }
}

/// The tables of `[[key]]`, or none.
fn tables<'a>(doc: &'a DocumentMut, key: &str) -> Option<&'a ArrayOfTables> {
    doc.get(key).and_then(Item::as_array_of_tables)
}

fn id_of(table: &Table) -> &str {
    table.get("id").and_then(Item::as_str).unwrap_or("")
}

/// The table of `[[kind]]` (the first of `kinds` that has it) whose id is `id`.
fn named_in<'a>(doc: &'a mut DocumentMut, kinds: &[&str], id: &str) -> Option<&'a mut Table> {
    let kind = kinds
        .iter()
        .find(|k| tables(doc, k).is_some_and(|t| t.iter().any(|t| id_of(t) == id)))?;
    doc.get_mut(kind)?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| id_of(t) == id)
}

/// "no measure 'x': the study file has a, b" (or "has none").
fn unknown(what: &str, id: &str, doc: &DocumentMut, kinds: &[&str]) -> String {
    let ids: Vec<&str> = kinds
        .iter()
        .filter_map(|k| tables(doc, k))
        .flat_map(|t| t.iter().map(id_of))
        .collect();
    if ids.is_empty() {
        format!("no {what} '{id}': the study file has none")
    } else {
        format!("no {what} '{id}': the study file has {}", ids.join(", "))
    }
}

/// The table of `[[kind]]` whose id is `id`, or a message naming the ids there are.
fn table_in<'a>(
    doc: &'a mut DocumentMut,
    kinds: &[&str],
    what: &str,
    id: &str,
) -> std::result::Result<&'a mut Table, String> {
    // Looked up twice: the borrow checker cannot end the mutable borrow of a failed lookup
    // before the message reads the document.
    if named_in(doc, kinds, id).is_none() {
        return Err(unknown(what, id, doc, kinds));
    }
    Ok(named_in(doc, kinds, id).expect("found above"))
}

/// The series (`[[arm_measures.arms]]`) of `arm` in an arm measure.
fn series_of<'a>(measure: &'a mut Table, arm: &str) -> Option<&'a mut Table> {
    measure
        .get_mut("arms")?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|s| s.get("arm").and_then(Item::as_str) == Some(arm))
}

/// The time points of `holder` (a measure or an arm's series), whichever way the file writes
/// them: `[[….timepoints]]` tables or an array of inline tables.
fn points(holder: &Table) -> Vec<&dyn TableLike> {
    match holder.get("timepoints") {
        Some(Item::ArrayOfTables(a)) => a.iter().map(|t| t as &dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(Value::as_inline_table)
            .map(|t| t as &dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

fn point_id(point: &dyn TableLike) -> &str {
    point.get("id").and_then(Item::as_str).unwrap_or("")
}

/// The time point `id` of `holder`, to change in place.
fn point_mut<'a>(holder: &'a mut Table, id: &str) -> Option<&'a mut dyn TableLike> {
    match holder.get_mut("timepoints")? {
        Item::ArrayOfTables(a) => a
            .iter_mut()
            .find(|t| point_id(*t) == id)
            .map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(a)) => a
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .find(|t| point_id(*t) == id)
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
}

/// Take the time point `id` out of `holder`, as a table.
fn take_point(holder: &mut Table, id: &str) -> Option<Table> {
    match holder.get_mut("timepoints")? {
        Item::ArrayOfTables(a) => {
            let at = a.iter().position(|t| point_id(t) == id)?;
            let point = a.get(at)?.clone();
            a.remove(at);
            Some(point)
        }
        Item::Value(Value::Array(a)) => {
            let at = a
                .iter()
                .position(|v| v.as_inline_table().is_some_and(|t| point_id(t) == id))?;
            match a.remove(at) {
                Value::InlineTable(t) => Some(t.into_table()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Append a time point to `holder`, written the way its other time points are.
fn put_point(holder: &mut Table, point: Table) {
    match holder.get_mut("timepoints") {
        Some(Item::Value(Value::Array(a))) => {
            a.push_formatted(Value::InlineTable(point.into_inline_table()))
        }
        Some(Item::ArrayOfTables(a)) => a.push(point),
        _ => {
            let mut a = ArrayOfTables::new();
            a.push(point);
            holder.insert("timepoints", Item::ArrayOfTables(a));
        }
    }
}

/// The measure (single-group, `arm` none) or the arm's series of an arm measure holding the
/// time point `timepoint`; each name checked, with what the file has when it is not there.
fn holder_of<'a>(
    doc: &'a mut DocumentMut,
    measure: &str,
    arm: Option<&str>,
    timepoint: &str,
) -> std::result::Result<&'a mut Table, String> {
    let (kinds, what): (&[&str], &str) = match arm {
        Some(_) => (&["arm_measures"], "arm measure"),
        None => (&["measures"], "single-group measure"),
    };
    let table = table_in(doc, kinds, what, measure)?;
    let holder = match arm {
        Some(arm) => series_of(table, arm)
            .ok_or_else(|| format!("arm measure '{measure}' has no numbers of arm '{arm}'"))?,
        None => table,
    };
    let ids: Vec<String> = points(holder)
        .iter()
        .map(|p| point_id(*p).to_string())
        .collect();
    if !ids.iter().any(|i| i == timepoint) {
        return Err(format!(
            "measure '{measure}' has no time point '{timepoint}' there (it has {})",
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        ));
    }
    Ok(holder)
}

/// The fields of a move, its destination id filled in.
fn move_of(edit: &StudyEdit) -> Option<(&str, &str, &str, &str, &str)> {
    match edit {
        StudyEdit::MoveTimePoint {
            measure,
            timepoint,
            from_arm,
            to_arm,
            to_timepoint,
        } => Some((
            measure,
            timepoint,
            from_arm,
            to_arm,
            to_timepoint.as_deref().unwrap_or(timepoint),
        )),
        _ => None,
    }
}

/// Take a moved time point out of its arm (none when it stays where it is), checking every
/// name the move gives.
fn take_moved(
    doc: &mut DocumentMut,
    edit: &StudyEdit,
) -> std::result::Result<Option<Table>, String> {
    let Some((measure, timepoint, from_arm, to_arm, to_timepoint)) = move_of(edit) else {
        return Ok(None);
    };
    if from_arm == to_arm && timepoint == to_timepoint {
        return Ok(None);
    }
    if !super::valid_item_id(to_timepoint) {
        return Err(format!(
            "'{to_timepoint}' is not a time point id: {}",
            super::ITEM_ID_RULE
        ));
    }
    table_in(doc, &["arms"], "arm", to_arm)?;
    let from = holder_of(doc, measure, Some(from_arm), timepoint)?;
    let mut point = take_point(from, timepoint).expect("checked by holder_of");
    point.insert("id", value(to_timepoint));
    Ok(Some(point))
}

/// Put a moved time point into its new arm, which must not have one of the same id.
fn put_moved(
    doc: &mut DocumentMut,
    edit: &StudyEdit,
    point: Table,
) -> std::result::Result<(), String> {
    let Some((measure, _, _, to_arm, to_timepoint)) = move_of(edit) else {
        return Ok(());
    };
    let table = named_in(doc, &["arm_measures"], measure).expect("checked by take_moved");
    match series_of(table, to_arm) {
        Some(to) => {
            if points(to).iter().any(|p| point_id(*p) == to_timepoint) {
                return Err(format!(
                    "arm '{to_arm}' of '{measure}' already has a time point '{to_timepoint}'; give the moved one another id"
                ));
            }
            put_point(to, point)
        }
        None => {
            let mut series = Table::new();
            series.insert("arm", value(to_arm));
            put_point(&mut series, point);
            table
                .entry("arms")
                .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
                .as_array_of_tables_mut()
                .ok_or_else(|| format!("arm measure '{measure}': arms is not a list of tables"))?
                .push(series);
        }
    }
    Ok(())
}

/// After moves: an arm left with no numbers of a measure is dropped from it, and every table
/// is numbered again in the order of the tree (a table is written where its position says,
/// and a moved one still has its old arm's).
fn finish_moves(doc: &mut DocumentMut) {
    if let Some(measures) = doc
        .get_mut("arm_measures")
        .and_then(Item::as_array_of_tables_mut)
    {
        for m in measures.iter_mut() {
            if let Some(arms) = m.get_mut("arms").and_then(Item::as_array_of_tables_mut) {
                arms.retain(|s| !points(s).is_empty());
            }
        }
    }
    renumber(doc.as_table_mut(), &mut 0);
}

fn time_points_are_arms(doc: &mut DocumentMut, measure: &str) -> std::result::Result<(), String> {
    let table = table_in(doc, &["measures"], "single-group measure", measure)?.clone();
    let timepoints: Vec<Table> = match table.get("timepoints") {
        Some(Item::ArrayOfTables(a)) => a.iter().cloned().collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .filter_map(Value::as_inline_table)
            .map(|t| t.clone().into_table())
            .collect(),
        _ => Vec::new(),
    };
    if timepoints.len() < 2 {
        return Err(format!(
            "measure '{measure}' has {} time point(s); arms need two or more",
            timepoints.len()
        ));
    }
    let measure_n = table.get("n").cloned();
    let mut arm_ids = Vec::new();
    for point in &timepoints {
        let name = point
            .get("when")
            .and_then(Item::as_str)
            .unwrap_or("")
            .trim()
            .to_string();
        let wanted = super::item_id_from_label(&name);
        let existing = tables(doc, "arms").and_then(|arms| {
            arms.iter()
                .map(|a| (id_of(a).to_string(), text_of(a.get("label"))))
                .find(|(id, label)| {
                    Some(id) == wanted.as_ref() || label.eq_ignore_ascii_case(&name)
                })
                .map(|(id, _)| id)
        });
        let id = match existing {
            Some(id) => id,
            None => {
                let id = unused_arm_id(doc, wanted, &arm_ids);
                let arm = arm_from_point(&id, &name, point, measure_n.as_ref(), (&table, measure));
                doc.entry("arms")
                    .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
                    .as_array_of_tables_mut()
                    .ok_or("arms is not a list of tables")?
                    .push(arm);
                id
            }
        };
        if arm_ids.contains(&id) {
            return Err(format!(
                "two time points of '{measure}' name the arm '{id}'; name each time point after its arm first"
            ));
        }
        arm_ids.push(id);
    }
    // The control: the study's, else the first of these arms.
    let has_control = tables(doc, "arms")
        .is_some_and(|arms| arms.iter().any(|a| control_of(a) != (false, false)));
    if !has_control {
        table_in(doc, &["arms"], "arm", &arm_ids[0])?["control"] = value(true);
    }
    // The measure, as an arm measure: its numbers by arm, at one time point.
    let by_arm = arm_measure_from(&table, &arm_ids, timepoints, measure_n.as_ref());
    if let Some(measures) = doc
        .get_mut("measures")
        .and_then(Item::as_array_of_tables_mut)
    {
        measures.retain(|m| id_of(m) != measure);
        if measures.is_empty() {
            doc.remove("measures");
        }
    }
    doc.entry("arm_measures")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or("arm_measures is not a list of tables")?
        .push(by_arm);
    renumber(doc.as_table_mut(), &mut 0);
    Ok(())
}

/// A new arm id for `wanted` (`arm` when none): it, or it with `_2`, `_3`… when the study's
/// arms or `arm_ids` already hold it.
fn unused_arm_id(doc: &DocumentMut, wanted: Option<String>, arm_ids: &[String]) -> String {
    let taken: Vec<String> = tables(doc, "arms")
        .into_iter()
        .flat_map(ArrayOfTables::iter)
        .map(|a| id_of(a).to_string())
        .chain(arm_ids.iter().cloned())
        .collect();
    let base = wanted.unwrap_or_else(|| "arm".to_string());
    (1..)
        .map(|k| {
            if k == 1 {
                base.clone()
            } else {
                format!("{base}_{k}")
            }
        })
        .find(|c| !taken.contains(c))
        .expect("an unused id")
}

/// A new arm `id` made from the time point `point` (printed as `name`) of the measure
/// (its table and id): its label, n, a note saying where it came from, and the
/// measure's quote and place.
fn arm_from_point(
    id: &str,
    name: &str,
    point: &Table,
    measure_n: Option<&Item>,
    (table, measure): (&Table, &str),
) -> Table {
    let mut arm = Table::new();
    arm.insert("id", value(id));
    arm.insert("label", value(if name.is_empty() { id } else { name }));
    arm.insert(
        "n",
        point
            .get("n")
            .or(measure_n)
            .cloned()
            .unwrap_or_else(|| value("not reported")),
    );
    arm.insert(
        "note",
        value(format!(
            "made by a reader from the time point '{name}' of '{measure}': the document prints arms there, not times"
        )),
    );
    for key in ["quote", "where"] {
        if let Some(v) = table.get(key) {
            arm.insert(key, v.clone());
        }
    }
    arm
}

/// The measure `table` as an arm measure: its numbers by arm (`arm_ids`, in the order of
/// its `timepoints`), each at one time point.
fn arm_measure_from(
    table: &Table,
    arm_ids: &[String],
    timepoints: Vec<Table>,
    measure_n: Option<&Item>,
) -> Table {
    let mut by_arm = Table::new();
    for (key, item) in table.iter() {
        if !matches!(key, "n" | "timepoints" | "change") {
            by_arm.insert(key, item.clone());
        }
    }
    let mut series = ArrayOfTables::new();
    for (arm, mut point) in arm_ids.iter().zip(timepoints) {
        let mut s = Table::new();
        s.insert("arm", value(arm.as_str()));
        if let Some(n) = point.remove("n").or_else(|| measure_n.cloned()) {
            s.insert("n", n);
        }
        point.insert("id", value("reported"));
        point.insert("when", value("as reported"));
        put_point(&mut s, point);
        series.push(s);
    }
    by_arm.insert("arms", Item::ArrayOfTables(series));
    by_arm
}

/// Number the tables under `table` in tree order, from `next`.
fn renumber(table: &mut Table, next: &mut usize) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) if !t.is_dotted() => {
                *next += 1;
                t.set_position(*next);
                renumber(t, next);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    *next += 1;
                    t.set_position(*next);
                    renumber(t, next);
                }
            }
            _ => {}
        }
    }
}

/// A study file's structure as a reader corrects it: the arms, and each measure with its
/// numbers by arm and time point. Read from the text, so it is there even when the file does
/// not load.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StudyStructure {
    pub arms: Vec<ArmRow>,
    pub measures: Vec<MeasureRows>,
}

/// One arm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmRow {
    pub id: String,
    pub label: String,
    /// As written (`"58"`, `"not reported"`).
    pub n: String,
    pub control: bool,
    /// Only the draft's reference, the text naming no control (`control = "review"`).
    pub control_for_review: bool,
}

/// An arm table's `control`: (is the control, only for review).
fn control_of(arm: &Table) -> (bool, bool) {
    match arm.get("control") {
        Some(v) if v.as_bool() == Some(true) => (true, false),
        Some(v) if v.as_str() == Some("review") => (true, true),
        _ => (false, false),
    }
}

/// Which list of the study file a measure is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// `[[measures]]`: one group's time course.
    SingleGroup,
    /// `[[arm_measures]]`: arms side by side.
    ByArm,
    /// `[[slopes]]`: a rate of change before and after.
    Slope,
}

/// One measure: its numbers by arm (one series with no arm for a single group).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureRows {
    pub id: String,
    pub label: String,
    pub kind: MeasureKind,
    /// `SD`, `SEM` or `not reported`, as written.
    pub dispersion: String,
    /// The measure's n as written (single-group measures and slopes; empty for arm measures).
    pub n: String,
    pub series: Vec<SeriesRows>,
}

/// The numbers of one arm (or of the single group) of a measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRows {
    /// The arm's id; `None` for a single group.
    pub arm: Option<String>,
    /// The series' own n as written, empty when it takes the arm's.
    pub n: String,
    pub timepoints: Vec<TimePointRow>,
}

/// One time point: its id, its name and its numbers as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimePointRow {
    pub id: String,
    pub when: String,
    /// `4.1 ± 0.5`, `6 (4–10)` for a median with quartiles, `6 [2–20]` with a range.
    pub value: String,
}

impl StudyStructure {
    /// The structure of a study file's text.
    pub fn read(study_toml: &str) -> Result<StudyStructure> {
        let doc: DocumentMut = study_toml
            .parse()
            .map_err(|e| Error::input("the study file", format!("is not TOML: {e}")))?;
        let mut out = StudyStructure::default();
        for arm in tables(&doc, "arms")
            .into_iter()
            .flat_map(ArrayOfTables::iter)
        {
            let (control, control_for_review) = control_of(arm);
            out.arms.push(ArmRow {
                id: id_of(arm).to_string(),
                label: text_of(arm.get("label")),
                n: text_of(arm.get("n")),
                control,
                control_for_review,
            });
        }
        for (key, kind) in [
            ("measures", MeasureKind::SingleGroup),
            ("arm_measures", MeasureKind::ByArm),
            ("slopes", MeasureKind::Slope),
        ] {
            for m in tables(&doc, key).into_iter().flat_map(ArrayOfTables::iter) {
                let series = match kind {
                    MeasureKind::SingleGroup => vec![SeriesRows {
                        arm: None,
                        n: String::new(),
                        timepoints: timepoint_rows(m),
                    }],
                    MeasureKind::ByArm => m
                        .get("arms")
                        .and_then(Item::as_array_of_tables)
                        .into_iter()
                        .flat_map(ArrayOfTables::iter)
                        .map(|s| SeriesRows {
                            arm: Some(text_of(s.get("arm"))),
                            n: s.get("n").map(|n| text_of(Some(n))).unwrap_or_default(),
                            timepoints: timepoint_rows(s),
                        })
                        .collect(),
                    MeasureKind::Slope => vec![SeriesRows {
                        arm: None,
                        n: String::new(),
                        timepoints: ["before", "after"]
                            .iter()
                            .filter_map(|w| {
                                let v = m.get(w)?;
                                Some(TimePointRow {
                                    id: w.to_string(),
                                    when: text_of(v.get("period")),
                                    value: format!(
                                        "{} ± {}",
                                        text_of(v.get("value")),
                                        text_of(v.get("spread"))
                                    ),
                                })
                            })
                            .collect(),
                    }],
                };
                out.measures.push(MeasureRows {
                    id: id_of(m).to_string(),
                    label: text_of(m.get("label")),
                    kind,
                    dispersion: text_of(m.get("dispersion")),
                    n: match kind {
                        MeasureKind::ByArm => String::new(),
                        _ => text_of(m.get("n")),
                    },
                    series,
                });
            }
        }
        Ok(out)
    }
}

/// A value as the file writes it: a string without its quotes, a number as written.
fn text_of(item: Option<&Item>) -> String {
    match item.and_then(Item::as_value) {
        Some(Value::String(s)) => s.value().clone(),
        Some(v) => v.clone().decorated("", "").to_string(),
        None => String::new(),
    }
}

fn timepoint_rows(holder: &Table) -> Vec<TimePointRow> {
    points(holder)
        .into_iter()
        .map(|p| {
            let field = |k: &str| p.get(k).map(|v| text_of(Some(v)));
            let value = match (field("mean"), field("median")) {
                (Some(mean), _) => match field("spread") {
                    Some(spread) => format!("{mean} ± {spread}"),
                    None => mean,
                },
                (None, Some(median)) => {
                    let mut s = median;
                    if let (Some(q1), Some(q3)) = (field("q1"), field("q3")) {
                        s.push_str(&format!(" ({q1}–{q3})"));
                    }
                    if let (Some(lo), Some(hi)) = (field("min"), field("max")) {
                        s.push_str(&format!(" [{lo}–{hi}]"));
                    }
                    s
                }
                (None, None) => String::new(),
            };
            TimePointRow {
                id: field("id").unwrap_or_default(),
                when: field("when").unwrap_or_default(),
                value,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::load_text;

    /// A real two-arm study file of `data/` (Abe et al. 2014).
    const EDARAVONE: &str = include_str!("../../../../data/als-edaravone-phase3.toml");
    /// A real single-group study file of `data/` (the NMO press release).
    const NMO: &str = include_str!("../../../../data/nmo-tocilizumab.toml");

    /// Each arm of an arm measure with the mean of its first time point, as printed.
    fn first_means<'a>(study: &'a crate::study::Study, measure: &str) -> Vec<(&'a str, &'a str)> {
        let m = study.arm_measures.iter().find(|m| m.id == measure).unwrap();
        m.arms
            .iter()
            .map(|s| {
                (
                    s.arm.as_str(),
                    s.timepoints[0].mean.value().unwrap().text.as_str(),
                )
            })
            .collect()
    }

    /// `toml` without its `[[expectations]]` table of id `id`.
    fn without_expectation(toml: &str, id: &str) -> String {
        let mut doc: DocumentMut = toml.parse().unwrap();
        doc["expectations"]
            .as_array_of_tables_mut()
            .unwrap()
            .retain(|t| id_of(t) != id);
        doc.to_string()
    }

    fn arm_series<'a>(
        study: &'a crate::study::Study,
        measure: &str,
    ) -> Vec<(&'a str, Vec<&'a str>)> {
        let m = study.arm_measures.iter().find(|m| m.id == measure).unwrap();
        m.arms
            .iter()
            .map(|s| {
                (
                    s.arm.as_str(),
                    s.timepoints.iter().map(|t| t.id.as_str()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_time_point_the_draft_numbered_is_named_as_a_reader_names_it() {
        let names = |toml: &str| -> Vec<String> {
            let study = load_text(toml, "edited").unwrap();
            let m = study
                .arm_measures
                .iter()
                .find(|m| m.id == "alsfrs_r_change");
            m.unwrap()
                .arms
                .iter()
                .map(|s| s.timepoints[0].name().to_string())
                .collect()
        };
        let rename = |toml: &str, when: &str| {
            let edits: Vec<StudyEdit> = ["placebo", "edaravone"]
                .iter()
                .map(|arm| StudyEdit::TimePointWhen {
                    measure: "alsfrs_r_change".into(),
                    arm: Some(arm.to_string()),
                    timepoint: if toml.contains("\"t1\"") {
                        "t1"
                    } else {
                        "week_24"
                    }
                    .into(),
                    when: when.into(),
                })
                .collect();
            apply_edits(toml, &edits).unwrap()
        };
        // A file's own id names its time point, whatever its `when` says.
        assert_eq!(names(&rename(EDARAVONE, "week 24")), ["week_24", "week_24"]);
        // A drafted one (`t1`) is named by its `when`: as printed, then as the reader names
        // it; a `when` the draft left open leaves the id.
        let drafted = EDARAVONE
            .replace("\"week_24\"", "\"t1\"")
            .replace(".week_24.", ".t1.");
        let printed = "during the 24-week treatment";
        assert_eq!(names(&drafted), [printed, printed]);
        assert_eq!(names(&rename(&drafted, "week 24")), ["week 24", "week 24"]);
        for open in [
            "review: when",
            "not stated: one time point (printed '-6.35 ± 0.84')",
        ] {
            assert_eq!(names(&rename(&drafted, open)), ["t1", "t1"]);
        }
    }

    #[test]
    fn an_arms_n_and_label_change_and_nothing_else() {
        let edited = apply_edits(
            EDARAVONE,
            &[
                StudyEdit::ArmN {
                    arm: "placebo".into(),
                    n: 103,
                },
                StudyEdit::ArmLabel {
                    arm: "edaravone".into(),
                    label: "Edaravone 60 mg".into(),
                },
            ],
        )
        .unwrap();
        let study = load_text(&edited, "edited").unwrap();
        let placebo = study.arms.iter().find(|a| a.id == "placebo").unwrap();
        assert_eq!(placebo.n.value().copied(), Some(103));
        let drug = study.arms.iter().find(|a| a.id == "edaravone").unwrap();
        assert_eq!(drug.label, "Edaravone 60 mg");
        // Only the two values changed: every other line (quotes, comments) is as it was.
        let changed: Vec<(&str, &str)> = EDARAVONE
            .lines()
            .zip(edited.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(
            changed,
            vec![
                ("n = 104", "n = 103"),
                ("label = \"Edaravone i.v.\"", "label = \"Edaravone 60 mg\"")
            ]
        );
        assert_eq!(EDARAVONE.lines().count(), edited.lines().count());
    }

    #[test]
    fn a_time_point_moves_to_another_arm_and_back() {
        // The drug arm's week-24 change put under placebo (as a misread draft would) ...
        let moved = apply_edits(
            EDARAVONE,
            &[StudyEdit::MoveTimePoint {
                measure: "alsfrs_r_change".into(),
                timepoint: "week_24".into(),
                from_arm: "edaravone".into(),
                to_arm: "placebo".into(),
                to_timepoint: Some("week_24_b".into()),
            }],
        )
        .unwrap();
        let structure = StudyStructure::read(&moved).unwrap();
        let series: Vec<_> = structure.measures[0]
            .series
            .iter()
            .map(|s| {
                (
                    s.arm.as_deref(),
                    s.timepoints
                        .iter()
                        .map(|t| t.id.as_str())
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            series,
            vec![(Some("placebo"), vec!["week_24", "week_24_b"])]
        );
        // Loading says what the move made inconsistent, with its line.
        let e = load_text(&moved, "moved").unwrap_err().to_string();
        assert!(e.contains("a per-arm item needs at least two arms"), "{e}");
        // ... and the reader's correction: back to its arm, under the id the comparison names.
        let back = apply_edits(
            &moved,
            &[
                StudyEdit::MoveTimePoint {
                    measure: "alsfrs_r_change".into(),
                    timepoint: "week_24_b".into(),
                    from_arm: "placebo".into(),
                    to_arm: "edaravone".into(),
                    to_timepoint: Some("week_24".into()),
                },
                // The drug arm's numbers lost their n with their arm; the reader sets it again.
                StudyEdit::SeriesN {
                    measure: "alsfrs_r_change".into(),
                    arm: "edaravone".into(),
                    n: 100,
                },
            ],
        )
        .unwrap();
        let study = load_text(&back, "back").unwrap();
        assert_eq!(
            arm_series(&study, "alsfrs_r_change"),
            vec![("placebo", vec!["week_24"]), ("edaravone", vec!["week_24"])]
        );
        let m = study
            .arm_measures
            .iter()
            .find(|m| m.id == "alsfrs_r_change")
            .unwrap();
        let drug = &m.arms[1].timepoints[0];
        assert_eq!(drug.mean.value().unwrap().text, "-5.70");
        assert_eq!(
            StudyStructure::read(&back).unwrap(),
            StudyStructure::read(EDARAVONE).unwrap()
        );
    }

    #[test]
    fn two_numbers_trade_arms_in_one_run_of_moves() {
        let swap = |from: &str, to: &str| StudyEdit::MoveTimePoint {
            measure: "alsfrs_r_change".into(),
            timepoint: "week_24".into(),
            from_arm: from.into(),
            to_arm: to.into(),
            to_timepoint: None,
        };
        let swapped = apply_edits(
            EDARAVONE,
            &[swap("placebo", "edaravone"), swap("edaravone", "placebo")],
        )
        .unwrap();
        let study = load_text(&swapped, "swapped").unwrap();
        assert_eq!(
            first_means(&study, "alsfrs_r_change"),
            [("placebo", "-5.70"), ("edaravone", "-6.35")]
        );
        // One at a time, the first move finds the place taken.
        let e = apply_edits(EDARAVONE, &[swap("placebo", "edaravone")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("already has a time point 'week_24'"), "{e}");
    }

    #[test]
    fn a_time_course_that_is_two_arms_becomes_an_arm_measure() {
        // As a draft misreads `4.1 ± 0.5 with placebo and 2.2 ± 0.6 with the drug`: two "time
        // points" of one group. The reader names each after its arm, then says they are arms.
        // (The file's expectation computed from EDSS before and after is dropped: it names time
        // points the arms no longer have, which loading would say.)
        let toml = without_expectation(NMO, "edss_change");
        let edited = apply_edits(
            &toml,
            &[
                StudyEdit::TimePointWhen {
                    measure: "edss".into(),
                    arm: None,
                    timepoint: "before".into(),
                    when: "Placebo".into(),
                },
                StudyEdit::TimePointWhen {
                    measure: "edss".into(),
                    arm: None,
                    timepoint: "after".into(),
                    when: "Tocilizumab".into(),
                },
                StudyEdit::TimePointsAreArms {
                    measure: "edss".into(),
                },
            ],
        )
        .unwrap();
        let study = load_text(&edited, "edited").unwrap();
        assert!(study.measures.iter().all(|m| m.id != "edss"));
        let arms: Vec<(&str, &str, bool)> = study
            .arms
            .iter()
            .map(|a| (a.id.as_str(), a.label.as_str(), a.control))
            .collect();
        assert_eq!(
            arms,
            [
                ("placebo", "Placebo", true),
                ("tocilizumab", "Tocilizumab", false)
            ]
        );
        assert_eq!(
            first_means(&study, "edss"),
            [("placebo", "5.1"), ("tocilizumab", "4.1")]
        );
        // A measure with one time point is no pair of arms.
        let e = apply_edits(
            EDARAVONE,
            &[StudyEdit::TimePointsAreArms {
                measure: "alsfrs_r_change".into(),
            }],
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("no single-group measure 'alsfrs_r_change'"),
            "{e}"
        );
    }

    #[test]
    fn what_plus_minus_is_a_time_points_name_and_a_measures_n() {
        let edited = apply_edits(
            NMO,
            &[
                StudyEdit::Dispersion {
                    measure: "edss".into(),
                    spread: SpreadKind::Sd,
                },
                StudyEdit::MeasureLabel {
                    measure: "edss".into(),
                    label: "EDSS score".into(),
                },
                StudyEdit::MeasureN {
                    measure: "edss".into(),
                    n: 6,
                },
                StudyEdit::TimePointWhen {
                    measure: "edss".into(),
                    arm: None,
                    timepoint: "after".into(),
                    when: "after one year".into(),
                },
            ],
        )
        .unwrap();
        let study = load_text(&edited, "edited").unwrap();
        let edss = study.measures.iter().find(|m| m.id == "edss").unwrap();
        assert_eq!(edss.dispersion, SpreadKind::Sd);
        assert_eq!(edss.label, "EDSS score");
        assert_eq!(edss.n.value().copied(), Some(6));
        assert_eq!(edss.timepoints[1].when, "after one year");
    }

    #[test]
    fn an_edit_naming_what_the_file_lacks_is_refused_with_what_it_has() {
        let e = apply_edits(
            EDARAVONE,
            &[StudyEdit::ArmN {
                arm: "drug".into(),
                n: 5,
            }],
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "edits[0]: no arm 'drug': the study file has placebo, edaravone"
        );
        let e = apply_edits(
            EDARAVONE,
            &[StudyEdit::ArmN {
                arm: "placebo".into(),
                n: 0,
            }],
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("n must be a whole number from 1"), "{e}");
        let clash = StudyEdit::MoveTimePoint {
            measure: "alsfrs_r_change".into(),
            timepoint: "week_24".into(),
            from_arm: "edaravone".into(),
            to_arm: "placebo".into(),
            to_timepoint: None,
        };
        let e = apply_edits(EDARAVONE, &[clash]).unwrap_err().to_string();
        assert!(e.contains("already has a time point 'week_24'"), "{e}");
        let e = apply_edits("x = [", &[]).unwrap_err().to_string();
        assert!(e.starts_with("the study file: is not TOML"), "{e}");
    }

    #[test]
    fn edits_read_from_json_as_the_page_sends_them() {
        let edits: Vec<StudyEdit> = serde_json::from_str(
            r#"[{"edit": "arm_n", "arm": "placebo", "n": 58},
                {"edit": "dispersion", "measure": "score", "spread": "SEM"},
                {"edit": "move_time_point", "measure": "m", "timepoint": "t", "from_arm": "a", "to_arm": "b"}]"#,
        )
        .unwrap();
        assert_eq!(
            edits[0],
            StudyEdit::ArmN {
                arm: "placebo".into(),
                n: 58
            }
        );
        assert_eq!(
            edits[1],
            StudyEdit::Dispersion {
                measure: "score".into(),
                spread: SpreadKind::Sem
            }
        );
        assert!(
            serde_json::from_str::<StudyEdit>(r#"{"edit": "arm_n", "arm": "x", "n": -1}"#).is_err()
        );
        assert!(serde_json::from_str::<StudyEdit>(r#"{"edit": "rename", "arm": "x"}"#).is_err());
    }
}
