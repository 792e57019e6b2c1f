//! The page's correction form: one field per value a reader may correct in the drafted
//! structure (an arm's label and n, a measure's n and what its ± is, a time point's name and
//! arm), named from the ids of the study file, and the edits a submitted form asks for.
//!
//! The form carries every value as shown; only the fields whose value changed become edits
//! ([`StudyEdit`]), applied by the documents crate to the study file's text. The names are
//! written here once, for the page that renders the fields and the server that reads them;
//! [`field_of`] gives an edit's field back, so a refused edit is said next to the value the
//! reader typed. The form also carries the document's text ([`DOCUMENT_TEXT`]), so the page
//! answering it still shows the document with its numbers marked.

use crate::error::{Error, Result};
use trialstats_documents::study::SpreadKind;
use trialstats_documents::study::edit::{
    MeasureKind, MeasureRows, SeriesRows, StudyEdit, StudyStructure,
};

/// The hidden field carrying the document's text (as the page shows it) through the
/// correction form and the study file's form, to be marked and checked again.
pub const DOCUMENT_TEXT: &str = "document_text";

/// The hidden field carrying the document's file name with its text.
pub const DOCUMENT_NAME: &str = "document_name";

/// The field of an arm's label.
pub fn arm_label(arm: &str) -> String {
    format!("arm:{arm}:label")
}

/// The field of an arm's n.
pub fn arm_n(arm: &str) -> String {
    format!("arm:{arm}:n")
}

/// The field of a measure's n (single group or slope) or, with an arm, of one arm's numbers
/// of an arm measure.
pub fn measure_n(measure: &str, arm: Option<&str>) -> String {
    format!("measure:{measure}:{}:n", arm.unwrap_or("-"))
}

/// The field of a measure's label.
pub fn measure_label(measure: &str) -> String {
    format!("measure:{measure}:label")
}

/// The field (a checkbox) saying a single-group measure's time points are arms.
pub fn time_points_are_arms(measure: &str) -> String {
    format!("measure:{measure}:arms")
}

/// The field of what a measure's ± is.
pub fn dispersion(measure: &str) -> String {
    format!("measure:{measure}:dispersion")
}

/// The field of a time point's name.
pub fn timepoint_when(measure: &str, arm: Option<&str>, timepoint: &str) -> String {
    format!("point:{measure}:{}:{timepoint}:when", arm.unwrap_or("-"))
}

/// The field of the arm a time point's numbers belong to (arm measures).
pub fn timepoint_arm(measure: &str, arm: &str, timepoint: &str) -> String {
    format!("point:{measure}:{arm}:{timepoint}:arm")
}

/// The form field an edit of [`edits_from_form`] comes from (a move: the arm choice of the
/// number moved), to say a refused edit next to what the reader typed.
pub fn field_of(edit: &StudyEdit) -> String {
    match edit {
        StudyEdit::ArmLabel { arm, .. } => arm_label(arm),
        StudyEdit::ArmN { arm, .. } => arm_n(arm),
        StudyEdit::MeasureLabel { measure, .. } => measure_label(measure),
        StudyEdit::SeriesN { measure, arm, .. } => measure_n(measure, Some(arm)),
        StudyEdit::MeasureN { measure, .. } => measure_n(measure, None),
        StudyEdit::Dispersion { measure, .. } => dispersion(measure),
        StudyEdit::TimePointWhen {
            measure,
            arm,
            timepoint,
            ..
        } => timepoint_when(measure, arm.as_deref(), timepoint),
        StudyEdit::TimePointsAreArms { measure } => time_points_are_arms(measure),
        StudyEdit::MoveTimePoint {
            measure,
            timepoint,
            from_arm,
            ..
        } => timepoint_arm(measure, from_arm, timepoint),
    }
}

/// What a `±` may be said to be, as the form's choices (the study file's spellings).
pub const DISPERSIONS: [SpreadKind; 3] = [SpreadKind::NotReported, SpreadKind::Sd, SpreadKind::Sem];

/// A correction the page refused: a value its field cannot hold, or an edit the study file's
/// structure refuses. Nothing of the form was applied; the page shows the study as it was,
/// the form as the reader typed it and the reason next to the field.
#[derive(Debug, Clone)]
pub struct RefusedCorrection {
    /// The form field of the value refused, when the refusal names one.
    pub field: Option<String>,
    /// Why, in the reader's terms.
    pub message: String,
    /// Every field as the reader submitted it.
    pub typed: Vec<(String, String)>,
}

impl RefusedCorrection {
    /// The refusal `e` of the form `typed`: placed at the field it names when that is one of
    /// the form's.
    pub fn new(e: Error, typed: Vec<(String, String)>) -> RefusedCorrection {
        let (field, message) = match e.into_place() {
            Ok((place, message)) if typed.iter().any(|(name, _)| *name == place) => {
                (Some(place), message)
            }
            Ok((place, message)) => (None, format!("{place}: {message}")),
            Err(other) => (None, other.to_string()),
        };
        RefusedCorrection {
            field,
            message,
            typed,
        }
    }

    /// The refusal with the field it names, as the JSON API says it.
    pub fn with_field(&self) -> String {
        match &self.field {
            Some(field) => format!("{field}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

/// The edits a submitted form asks for: each field whose value differs from `structure`'s.
/// Fields the structure does not have are ignored (the form is the page's own); a value that
/// cannot be what its field holds (an n that is not a whole number) is an error naming it.
pub fn edits_from_form(
    structure: &StudyStructure,
    fields: &[(String, String)],
) -> Result<Vec<StudyEdit>> {
    let form = FormFields(fields);
    let mut edits = Vec::new();
    let mut conversions = Vec::new();
    let mut moves = Vec::new();
    for arm in &structure.arms {
        if let Some(label) = form.changed(&arm_label(&arm.id), &arm.label) {
            edits.push(StudyEdit::ArmLabel {
                arm: arm.id.clone(),
                label: label.to_string(),
            });
        }
        if let Some(n) = form.changed(&arm_n(&arm.id), &arm.n) {
            let n = whole(&arm_n(&arm.id), &format!("arm '{}'", arm.label), n)?;
            edits.push(StudyEdit::ArmN {
                arm: arm.id.clone(),
                n,
            });
        }
    }
    for m in &structure.measures {
        if let Some(label) = form.changed(&measure_label(&m.id), &m.label) {
            edits.push(StudyEdit::MeasureLabel {
                measure: m.id.clone(),
                label: label.to_string(),
            });
        }
        if let Some(d) = form.changed(&dispersion(&m.id), &m.dispersion) {
            let spread = DISPERSIONS
                .into_iter()
                .find(|k| k.as_str() == d)
                .ok_or_else(|| {
                    Error::input(
                        dispersion(&m.id),
                        format!("'{d}' is not SD, SEM or not reported"),
                    )
                })?;
            edits.push(StudyEdit::Dispersion {
                measure: m.id.clone(),
                spread,
            });
        }
        if m.kind != MeasureKind::ByArm {
            let name = measure_n(&m.id, None);
            if let Some(n) = form.changed(&name, &m.n) {
                let n = whole(&name, &format!("measure '{}'", m.label), n)?;
                edits.push(StudyEdit::MeasureN {
                    measure: m.id.clone(),
                    n,
                });
            }
        }
        if m.kind == MeasureKind::Slope {
            continue;
        }
        if m.kind == MeasureKind::SingleGroup && form.field(&time_points_are_arms(&m.id)).is_some()
        {
            conversions.push(StudyEdit::TimePointsAreArms {
                measure: m.id.clone(),
            });
        }
        for s in &m.series {
            series_edits(&form, m, s, &mut edits, &mut moves)?;
        }
    }
    // Time points made arms after their names are set (they name the arms); moves last: the
    // other edits name a time point by the arm it is shown under.
    edits.extend(conversions);
    edits.extend(moves);
    Ok(edits)
}

/// A submitted form's fields (the last value of a name counts), trimmed.
pub struct FormFields<'a>(pub &'a [(String, String)]);

impl<'a> FormFields<'a> {
    /// The value of the field `name`, if the form has it.
    pub fn field(&self, name: &str) -> Option<&'a str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    }

    /// The value of the field `name` when it differs from `now`.
    fn changed(&self, name: &str, now: &str) -> Option<&'a str> {
        self.field(name).filter(|v| *v != now.trim())
    }
}

/// `v`, the value of field `name` (of `label`), as an n: a whole number, 1 or more.
fn whole(name: &str, label: &str, v: &str) -> Result<u64> {
    v.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
        Error::input(
            name,
            format!("{label}: n must be a whole number of patients (1 or more), got '{v}'"),
        )
    })
}

/// The edits of one series of measure `m`: its arm's n, and each time point's name (into
/// `edits`) and arm (into `moves`).
fn series_edits(
    form: &FormFields,
    m: &MeasureRows,
    s: &SeriesRows,
    edits: &mut Vec<StudyEdit>,
    moves: &mut Vec<StudyEdit>,
) -> Result<()> {
    let arm = s.arm.as_deref();
    if let Some(arm) = arm {
        let name = measure_n(&m.id, Some(arm));
        if let Some(n) = form.changed(&name, &s.n).filter(|v| !v.is_empty()) {
            let n = whole(&name, &format!("measure '{}', arm '{arm}'", m.label), n)?;
            edits.push(StudyEdit::SeriesN {
                measure: m.id.clone(),
                arm: arm.to_string(),
                n,
            });
        }
    }
    for t in &s.timepoints {
        if let Some(when) = form.changed(&timepoint_when(&m.id, arm, &t.id), &t.when) {
            edits.push(StudyEdit::TimePointWhen {
                measure: m.id.clone(),
                arm: arm.map(str::to_string),
                timepoint: t.id.clone(),
                when: when.to_string(),
            });
        }
        if let Some(arm) = arm {
            if let Some(to) = form.changed(&timepoint_arm(&m.id, arm, &t.id), arm) {
                moves.push(StudyEdit::MoveTimePoint {
                    measure: m.id.clone(),
                    timepoint: t.id.clone(),
                    from_arm: arm.to_string(),
                    to_arm: to.to_string(),
                    to_timepoint: None,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDARAVONE: &str = include_str!("../../../data/als-edaravone-phase3.toml");

    fn fields(pairs: &[(String, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_changed_fields_become_edits_and_moves_come_last() {
        let structure = StudyStructure::read(EDARAVONE).unwrap();
        let form = fields(&[
            (arm_label("placebo"), "Placebo"),
            (arm_n("placebo"), " 104 "),
            (arm_n("edaravone"), "101"),
            (
                timepoint_arm("alsfrs_r_change", "placebo", "week_24"),
                "edaravone",
            ),
            (dispersion("alsfrs_r_change"), "SEM"),
            (
                timepoint_when("alsfrs_r_change", Some("edaravone"), "week_24"),
                "week 24",
            ),
            ("unknown:field".to_string(), "x"),
        ]);
        let edits = edits_from_form(&structure, &form).unwrap();
        assert_eq!(
            edits,
            vec![
                StudyEdit::ArmN {
                    arm: "edaravone".into(),
                    n: 101
                },
                StudyEdit::Dispersion {
                    measure: "alsfrs_r_change".into(),
                    spread: SpreadKind::Sem
                },
                StudyEdit::TimePointWhen {
                    measure: "alsfrs_r_change".into(),
                    arm: Some("edaravone".into()),
                    timepoint: "week_24".into(),
                    when: "week 24".into()
                },
                StudyEdit::MoveTimePoint {
                    measure: "alsfrs_r_change".into(),
                    timepoint: "week_24".into(),
                    from_arm: "placebo".into(),
                    to_arm: "edaravone".into(),
                    to_timepoint: None
                },
            ]
        );
    }

    #[test]
    fn each_edit_names_the_field_it_comes_from() {
        let structure = StudyStructure::read(EDARAVONE).unwrap();
        let form = fields(&[
            (arm_label("placebo"), "Placebo group"),
            (arm_n("edaravone"), "101"),
            (measure_label("alsfrs_r_change"), "ALSFRS-R change"),
            (dispersion("alsfrs_r_change"), "SEM"),
            (measure_n("alsfrs_r_change", Some("placebo")), "98"),
            (
                timepoint_when("alsfrs_r_change", Some("placebo"), "week_24"),
                "week 24",
            ),
            (
                timepoint_arm("alsfrs_r_change", "placebo", "week_24"),
                "edaravone",
            ),
        ]);
        let edits = edits_from_form(&structure, &form).unwrap();
        assert_eq!(edits.len(), form.len());
        for edit in &edits {
            let field = field_of(edit);
            assert!(form.iter().any(|(name, _)| *name == field), "{field}");
        }
        let nmo = StudyStructure::read(include_str!("../../../data/nmo-tocilizumab.toml")).unwrap();
        let form = fields(&[
            (time_points_are_arms("edss"), "arms"),
            (measure_n("edss", None), "8"),
        ]);
        for edit in &edits_from_form(&nmo, &form).unwrap() {
            let field = field_of(edit);
            assert!(form.iter().any(|(name, _)| *name == field), "{field}");
        }
    }

    #[test]
    fn time_points_said_to_be_arms_are_made_arms_after_their_names_are_set() {
        let structure =
            StudyStructure::read(include_str!("../../../data/nmo-tocilizumab.toml")).unwrap();
        let form = fields(&[
            (time_points_are_arms("edss"), "arms"),
            (timepoint_when("edss", None, "before"), "Placebo"),
        ]);
        let edits = edits_from_form(&structure, &form).unwrap();
        assert_eq!(
            edits,
            vec![
                StudyEdit::TimePointWhen {
                    measure: "edss".into(),
                    arm: None,
                    timepoint: "before".into(),
                    when: "Placebo".into()
                },
                StudyEdit::TimePointsAreArms {
                    measure: "edss".into()
                },
            ]
        );
    }

    #[test]
    fn a_value_a_field_cannot_hold_is_named() {
        let structure = StudyStructure::read(EDARAVONE).unwrap();
        let e = edits_from_form(&structure, &fields(&[(arm_n("placebo"), "ninety")]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "arm:placebo:n: arm 'Placebo': n must be a whole number of patients (1 or more), got 'ninety'"
        );
        let e = edits_from_form(
            &structure,
            &fields(&[(dispersion("alsfrs_r_change"), "IQR")]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("'IQR' is not SD, SEM or not reported"), "{e}");
    }
}
