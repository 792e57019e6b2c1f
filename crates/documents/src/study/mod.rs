//! Study data: the numbers a source document reports, their scales and their provenance.
//!
//! One study is one TOML file in the data folder (see `data/README.md` for the format).
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the public types: [`Study`], [`Measure`], [`TimePoint`], [`Slope`], [`Fact`], [`Arm`], [`ArmMeasure`], [`ArmCount`], [`MedianSummary`], [`ReportedTestResult`], [`PatientData`], … |
//! | `raw.rs` | the TOML file as written: private mirrors of the public types with byte spans |
//! | `load.rs` | reading a file or a folder, validation, and every message naming `file:line: field` |
//! | `display.rs` | `list` and `show`: the studies and their numbers as tables and text |
//! | [`edit`] | a reader's corrections of a study file's structure (an arm's n, a number's arm, what ± is), applied to its text, and that structure as rows |
//!
//! Every number is kept *as printed* ([`ReportedNumber`]: `"3.0"` is not `"3"`), and what a
//! document does not report is [`Reported::NotReported`], never a guess (both from
//! [`crate::reported`], with [`Scale`] and [`SpreadKind`]).
//!
//! The file format, as documented in `data/README.md`, follows.
#![doc = include_str!("../../../../data/README.md")]

mod display;
pub mod edit;
mod load;
mod raw;

pub use crate::reported::{NOT_REPORTED, Reported, ReportedNumber, Scale, SpreadKind};
pub use display::{StudyList, StudyNumbers, StudySummary, describe};
pub use load::{load_dir, load_file, load_files, load_str, load_text, study_ids};

/// What a study id may hold, for messages.
pub const STUDY_ID_RULE: &str = "letters a-z or A-Z, digits, '_' and '-'";

/// Is `id` a valid study id: `[A-Za-z0-9_-]+`? A study's id also equals its file stem, so
/// `paper_x.toml` holds `id = "paper_x"` (and `Smith2019.toml`, as files are often named,
/// `id = "Smith2019"`). The one rule, used when a study file is loaded and when `draft` names
/// one.
///
/// ```
/// use trialstats_documents::study::valid_study_id;
/// assert!(valid_study_id("paper_x") && valid_study_id("nmo-tocilizumab"));
/// assert!(valid_study_id("Smith2019") && valid_study_id("ldl-siRNA"));
/// assert!(!valid_study_id("Paper X") && !valid_study_id("") && !valid_study_id("café"));
/// ```
pub fn valid_study_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What the id of an item of a study (a measure, an arm, a time point) may hold, for messages.
pub const ITEM_ID_RULE: &str = "a lowercase letter, then lowercase letters, digits and '_'";

/// Is `id` a valid item id (a measure's, an arm's, a time point's): `[a-z][a-z0-9_]*`?
///
/// ```
/// use trialstats_documents::study::valid_item_id;
/// assert!(valid_item_id("week_24") && valid_item_id("alsfrs_r"));
/// assert!(!valid_item_id("Week 24") && !valid_item_id("24_weeks") && !valid_item_id(""));
/// ```
pub fn valid_item_id(id: &str) -> bool {
    id.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// An item id `[a-z][a-z0-9_]*` from a label (`Drug 4 mg` → `drug_4_mg`), or `None` when the
/// label has no ASCII letter to start one.
///
/// ```
/// use trialstats_documents::study::item_id_from_label;
/// assert_eq!(item_id_from_label("Drug 4 mg").as_deref(), Some("drug_4_mg"));
/// assert_eq!(item_id_from_label("実薬群"), None);
/// ```
pub fn item_id_from_label(label: &str) -> Option<String> {
    let mut out = String::new();
    for c in label.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || (c.is_ascii_digit() && !out.is_empty()) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        if out.len() >= 32 {
            break;
        }
    }
    let out = out.trim_end_matches('_').to_string();
    (!out.is_empty()).then_some(out)
}

/// A study id made from any name (a document's file stem): its ASCII letters (in their case,
/// so that the id stays its file's stem), digits, '_' and '-', each run of other characters
/// (spaces, dots, non-ASCII) one '-'; `"draft"` when nothing is left. A stem that is already
/// a valid id is returned unchanged.
///
/// ```
/// use trialstats_documents::study::study_id_from_name;
/// assert_eq!(study_id_from_name("paper_x"), "paper_x"); // already an id: unchanged
/// assert_eq!(study_id_from_name("Smith2019"), "Smith2019");
/// assert_eq!(study_id_from_name("NEJM 2019.Trial"), "NEJM-2019-Trial");
/// ```
pub fn study_id_from_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "draft".to_string()
    } else {
        out.to_string()
    }
}

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Version of the data-file format this crate reads (`schema = 1`).
pub const SCHEMA_VERSION: i64 = 1;

/// Where a number comes from: the source file, the sentence quoted verbatim in the original
/// language (line breaks of the source joined, every other character kept), and where in the
/// document it stands (section heading or figure).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// File name of the source document (as in `/work/shared/seeds/`).
    pub source_file: String,
    /// The sentence, verbatim.
    pub quote: String,
    /// Section heading or figure.
    pub location: String,
}

/// How a reported value relates to the truth: `"70例以上"` is a lower bound, not an equality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bound {
    /// The value as printed (`"exact"`).
    #[serde(rename = "exact")]
    Exact,
    /// At least this value (`"at least"`; 以上).
    #[serde(rename = "at least")]
    AtLeast,
    /// At most this value (`"at most"`; 以下, 未満 is not the same and is written as a note).
    #[serde(rename = "at most")]
    AtMost,
    /// About this value (`"approximately"`; 約).
    #[serde(rename = "approximately")]
    Approximately,
}

impl Bound {
    /// The spelling used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::AtLeast => "at least",
            Bound::AtMost => "at most",
            Bound::Approximately => "approximately",
        }
    }
}

/// Which way is better on a measure's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    #[serde(rename = "lower is better")]
    LowerIsBetter,
    #[serde(rename = "higher is better")]
    HigherIsBetter,
}

impl Direction {
    /// The spelling used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::LowerIsBetter => "lower is better",
            Direction::HigherIsBetter => "higher is better",
        }
    }
}

/// What the document claims about a change: significant or not (or not said), in its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// `true` when the document calls the change significant (有意), `false` when it says
    /// it was not, not reported when it says neither.
    pub significant: Reported<bool>,
    /// The document's wording, verbatim (for example `有意に改善`).
    pub wording: Option<String>,
}

/// Where the document was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publication {
    pub title: Reported<String>,
    pub journal: Reported<String>,
    /// As the document gives it (ISO `YYYY-MM-DD` where the document gives a full date).
    pub date: Reported<String>,
    pub doi: Reported<String>,
}

/// One study: one source document and every number in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Study {
    /// `[A-Za-z0-9_-]+` ([`valid_study_id`]), equal to the file stem.
    pub id: String,
    /// English title.
    pub title: String,
    /// File name of the source document.
    pub source_file: String,
    /// What the document is (press release of ..., date).
    pub document: String,
    pub publication: Publication,
    /// For example "single-arm, before/after".
    pub design: String,
    pub population: String,
    pub intervention: String,
    pub notes: Vec<String>,
    pub facts: Vec<Fact>,
    pub dates: Vec<DateFact>,
    pub measures: Vec<Measure>,
    pub slopes: Vec<Slope>,
    /// The groups of a trial (empty for a single-group study).
    pub arms: Vec<Arm>,
    /// Means ± spreads reported per arm.
    pub arm_measures: Vec<ArmMeasure>,
    /// Counts (out of a denominator or over person-time) reported per arm.
    pub arm_counts: Vec<ArmCount>,
    /// Test results as printed (`t(6) = 3.2, p = 0.02`), checked by `check` and `report`.
    pub tests: Vec<ReportedTestResult>,
    pub references: Vec<Reference>,
    pub expectations: Vec<Expectation>,
    /// Patient-level data behind the study (CSV files), each with the MMRM the report fits.
    pub patient_data: Vec<PatientData>,
    /// The file the study was loaded from (empty for a study parsed from a string).
    #[serde(skip)]
    pub path: PathBuf,
}

impl Study {
    /// The fact with this id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The slope with this id.
    pub fn slope(&self, id: &str) -> Option<&Slope> {
        self.slopes.iter().find(|s| s.id == id)
    }

    /// The arm with this id.
    pub fn arm(&self, id: &str) -> Option<&Arm> {
        self.arms.iter().find(|a| a.id == id)
    }

    /// The control arm (the one marked `control = true`), which every other arm is compared
    /// with.
    pub fn control_arm(&self) -> Option<&Arm> {
        self.arms.iter().find(|a| a.control)
    }

    /// Whether comparing each arm with the control is the document's own choice: it is not
    /// where three arms or more stand beside a control the text does not name
    /// (`control = "review"`): each comparison would then measure against an invented
    /// reference. Two arms make one comparison whichever is the reference.
    pub fn control_is_chosen(&self) -> bool {
        self.control_arm()
            .is_some_and(|c| !c.control_for_review || self.arms.len() < 3)
    }

    /// The per-arm measure with this id.
    pub fn arm_measure(&self, id: &str) -> Option<&ArmMeasure> {
        self.arm_measures.iter().find(|m| m.id == id)
    }

    /// The per-arm count with this id.
    pub fn arm_count(&self, id: &str) -> Option<&ArmCount> {
        self.arm_counts.iter().find(|c| c.id == id)
    }

    /// The date with this id.
    pub fn date(&self, id: &str) -> Option<&DateFact> {
        self.dates.iter().find(|d| d.id == id)
    }

    /// The expectation with this id.
    pub fn expectation(&self, id: &str) -> Option<&Expectation> {
        self.expectations.iter().find(|e| e.id == id)
    }

    /// The value of a name in the expectation language: a fact id (`relapse_free`), a slope
    /// side (`alsfrs_r_decline.before`) or a measure time point's `mean`, `spread` or `n`
    /// (`edss.before.mean`). The error says what is unknown or "not reported" and what is
    /// allowed.
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use std::path::Path;
    /// use trialstats_documents::study::load_file;
    /// // The press release: "EDSS ... は 5.1 ± 1.7 から 4.1 ± 1.6 に有意に改善", 7 patients.
    /// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
    /// assert_eq!(study.value_of("edss.before.mean"), Ok(5.1));
    /// assert_eq!(study.value_of("edss.after.spread"), Ok(1.6));
    /// assert_eq!(study.value_of("n_patients"), Ok(7.0));
    /// assert!(study.value_of("edss.week12.mean").unwrap_err().contains("before, after"));
    /// # Ok::<(), trialstats_documents::Error>(())
    /// ```
    pub fn value_of(&self, name: &str) -> std::result::Result<f64, String> {
        let parts: Vec<&str> = name.split('.').collect();
        let head = parts[0];
        let number = |r: &Reported<ReportedNumber>| r.value().map(|v| v.value);
        let found = if let Some(f) = self.fact(head) {
            match parts.len() {
                1 => number(&f.value),
                _ => {
                    return Err(format!(
                        "'{name}': a fact is referred to by its bare id '{head}'"
                    ));
                }
            }
        } else if let Some(s) = self.slope(head) {
            match parts.get(1..) {
                Some(["before"]) => number(&s.before.value),
                Some(["after"]) => number(&s.after.value),
                _ => {
                    return Err(format!(
                        "'{name}': a slope is referred to as {head}.before or {head}.after"
                    ));
                }
            }
        } else if let Some(m) = self.measure(head) {
            let usage = || {
                let ids: Vec<&str> = m.timepoints.iter().map(|t| t.id.as_str()).collect();
                format!(
                    "'{name}': a measure is referred to as {head}.TIMEPOINT.mean|spread|n with TIMEPOINT one of {}",
                    ids.join(", ")
                )
            };
            let [_, tp, what] = parts.as_slice() else {
                return Err(usage());
            };
            let t = m.timepoint(tp).ok_or_else(usage)?;
            t.value_of(what).ok_or_else(usage)?
        } else if let Some(a) = self.arm(head) {
            match parts.len() {
                1 => a.n.value().map(|&n| f64::from(n)),
                _ => {
                    return Err(format!(
                        "'{name}': an arm is referred to by its bare id '{head}' (its n)"
                    ));
                }
            }
        } else if let Some(m) = self.arm_measure(head) {
            arm_measure_value(m, name, &parts)?
        } else if let Some(c) = self.arm_count(head) {
            arm_count_value(c, name, &parts)?
        } else {
            return Err(self.unknown_item(head));
        };
        found.ok_or_else(|| format!("'{name}' is \"{NOT_REPORTED}\" in the document"))
    }

    /// The message for a name whose head is no fact, slope, measure, arm or per-arm item of
    /// this study, with the ids it knows.
    fn unknown_item(&self, head: &str) -> String {
        let mut known: Vec<&str> = self.facts.iter().map(|f| f.id.as_str()).collect();
        known.extend(self.slopes.iter().map(|s| s.id.as_str()));
        known.extend(self.measures.iter().map(|m| m.id.as_str()));
        known.extend(self.arms.iter().map(|a| a.id.as_str()));
        known.extend(self.arm_measures.iter().map(|m| m.id.as_str()));
        known.extend(self.arm_counts.iter().map(|c| c.id.as_str()));
        let arms = if self.arms.is_empty() {
            ""
        } else {
            ", arm or per-arm item"
        };
        format!(
            "'{head}' is not a fact, slope or measure{arms} of this study; known: {}",
            known.join(", ")
        )
    }
}

/// The value `name` (`head.ARM.TIMEPOINT.mean|spread|n`) names in per-arm measure `m`;
/// `None` when it is "not reported".
fn arm_measure_value(
    m: &ArmMeasure,
    name: &str,
    parts: &[&str],
) -> std::result::Result<Option<f64>, String> {
    let head = parts[0];
    let usage = || {
        let arms: Vec<&str> = m.arms.iter().map(|a| a.arm.as_str()).collect();
        let tps: Vec<&str> = m
            .arms
            .first()
            .map(|a| a.timepoints.iter().map(|t| t.id.as_str()).collect())
            .unwrap_or_default();
        format!(
            "'{name}': a per-arm measure is referred to as {head}.ARM.TIMEPOINT.mean|spread|n with ARM one of {} and TIMEPOINT one of {}",
            arms.join(", "),
            tps.join(", ")
        )
    };
    let [_, arm, tp, what] = parts else {
        return Err(usage());
    };
    let series = m.series(arm).ok_or_else(usage)?;
    let t = series.timepoint(tp).ok_or_else(usage)?;
    t.value_of(what).ok_or_else(usage)
}

/// The value `name` (`head.ARM.events|n|person_time`) names in per-arm count `c`; `None`
/// when it is "not reported".
fn arm_count_value(
    c: &ArmCount,
    name: &str,
    parts: &[&str],
) -> std::result::Result<Option<f64>, String> {
    let head = parts[0];
    let number = |r: &Reported<ReportedNumber>| r.value().map(|v| v.value);
    let usage = || {
        let arms: Vec<&str> = c.arms.iter().map(|a| a.arm.as_str()).collect();
        format!(
            "'{name}': a per-arm count is referred to as {head}.ARM.events|n|person_time with ARM one of {}",
            arms.join(", ")
        )
    };
    let [_, arm, what] = parts else {
        return Err(usage());
    };
    let e = c.events_of(arm).ok_or_else(usage)?;
    Ok(match *what {
        "events" => number(&e.events),
        "n" => e.n.value().map(|&n| f64::from(n)),
        "person_time" => e.person_time.as_ref().and_then(number),
        _ => return Err(usage()),
    })
}

/// Names in an expectation are resolved by [`Study::value_of`]: a fact id,
/// `slope.before|after`, `measure.timepoint.mean|spread|n`.
impl crate::expression::Lookup for Study {
    fn lookup(&self, path: &[&str]) -> std::result::Result<f64, String> {
        self.value_of(&path.join("."))
    }
}

/// A single reported number: a count, a total, a dose, a percentage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// `[a-z][a-z0-9_]*`, unique within the study.
    pub id: String,
    pub label: String,
    /// As printed, or not reported.
    pub value: Reported<ReportedNumber>,
    pub bound: Bound,
    pub unit: String,
    /// Id of the fact this one is a part of (its denominator); validated `value <= of`.
    pub of: Option<String>,
    pub note: Option<String>,
    pub provenance: Provenance,
}

/// Words that make a percentage a change rather than a share of a whole (lower case; also
/// Japanese): a median reduction of −12 % is not 12 patients in 100.
const CHANGE_WORDS: &[&str] = &[
    "change", "reduc", "decreas", "increas", "declin", "slowing", "differen", "improv", "worsen",
    "relative", "fell", "rose", "変化", "減少", "低下", "増加", "改善", "抑制", "悪化",
];

/// The label `draft` gives a number of people (`n = 60`, `7名`) until a person names it.
pub const DRAFTED_N_LABEL: &str = "review: how many";

/// Units that make a fact a number of people (lower case; also Japanese).
const PEOPLE_UNITS: &[&str] = &[
    "patients",
    "participants",
    "subjects",
    "people",
    "persons",
    "cases",
    "children",
    "adults",
    "volunteers",
    "例",
    "名",
    "人",
];

impl Fact {
    /// Is this fact a number of people: its unit says so (`patients`, `participants`, `例`,
    /// `名`, …), or `draft` wrote it as one (label [`DRAFTED_N_LABEL`]) and nobody has
    /// named it since? A percentage printed without its whole is tried on these.
    pub fn counts_people(&self) -> bool {
        let unit = self.unit.trim().to_lowercase();
        PEOPLE_UNITS.contains(&unit.as_str()) || self.label == DRAFTED_N_LABEL
    }

    /// Is this fact a proportion: a percentage of a whole, between 0 and 100, that a whole
    /// count of people gives (checked by `check`)? Only `unit = "percent"` is, and not when it
    /// is a change: when its label or note names one (change, reduction, decrease, increase,
    /// decline, slowing, difference, improvement, relative; 変化, 減少, 低下, ...), or when its
    /// value is negative and its quote names one. `unit = "percent change"` (or
    /// `"percentage points"`) says so outright and is the unit to write for a change.
    pub fn is_proportion(&self) -> bool {
        if self.unit.trim() != "percent" {
            return false;
        }
        let names_change = |text: &str| {
            let text = text.to_lowercase();
            CHANGE_WORDS.iter().any(|w| text.contains(w))
        };
        if names_change(&self.label) || self.note.as_deref().is_some_and(names_change) {
            return false;
        }
        let negative = self.value.value().is_some_and(|v| v.value < 0.0);
        !(negative && names_change(&self.provenance.quote))
    }
}

/// A reported date or year (publication, registration cut-off, scheduled release, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateFact {
    pub id: String,
    pub label: String,
    /// ISO 8601 as far as the document gives it: `2014-03-15`, `2022-02`, `2005`, or
    /// `--10-13` for a month and day printed without a year.
    pub date: String,
    pub note: Option<String>,
    pub provenance: Provenance,
}

/// A mean ± spread reported at two or more time points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// The scale the score lives on (`None`: the document gives no bounds).
    pub scale: Option<Scale>,
    /// Number of participants measured.
    pub n: Reported<u32>,
    /// What `±` means.
    pub dispersion: SpreadKind,
    pub dispersion_note: Option<String>,
    /// The pre/post correlation, which documents almost never report.
    pub correlation: Reported<f64>,
    pub direction: Direction,
    pub claim: Claim,
    pub provenance: Provenance,
    /// In time order; the first is the baseline.
    pub timepoints: Vec<TimePoint>,
    /// What the document reports about the change from the baseline to the last reported
    /// time point besides the two means (its SD, SE, CI, p or t), when it does.
    pub change: Option<ReportedChange>,
}

/// How a reported SD was computed: dividing the sum of squares by n − 1 (the sample SD, the
/// default) or by n (the population formula some papers and calculators use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SdDivisor {
    #[serde(rename = "n - 1")]
    NMinusOne,
    #[serde(rename = "n")]
    N,
}

impl SdDivisor {
    /// The spelling used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            SdDivisor::NMinusOne => "n - 1",
            SdDivisor::N => "n",
        }
    }
}

/// What a document reports about a measure's within-person change, beyond the means at each
/// time point: the change from the baseline to the last reported time point, as printed.
/// At most one of `sd`, `se`, the interval, `p` and `t` is needed to derive the SD of the
/// change; the file may give several (the first of sd, se, interval, t, p is used).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedChange {
    /// The mean change (after − before) as printed, when the document prints it.
    pub mean: Option<ReportedNumber>,
    /// The SD of the change.
    pub sd: Option<ReportedNumber>,
    /// What the SD divides by (default n − 1).
    pub sd_divisor: SdDivisor,
    /// The standard error of the mean change.
    pub se: Option<ReportedNumber>,
    /// A confidence interval of the mean change: lower, upper, level.
    pub ci: Option<(
        ReportedNumber,
        ReportedNumber,
        crate::level::ConfidenceLevel,
    )>,
    /// The p-value of the paired test of the change (two-sided).
    pub p: Option<ReportedNumber>,
    /// The paired t statistic of the change.
    pub t: Option<ReportedNumber>,
    pub provenance: Provenance,
}

/// One group of a trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arm {
    /// `[a-z][a-z0-9_]*`, unique in the study (an expectation's bare `ARM` is its n).
    pub id: String,
    pub label: String,
    /// Participants randomised to (or analysed in) the arm.
    pub n: Reported<u32>,
    /// The arm every other arm is compared with (exactly one arm when a study has arms).
    pub control: bool,
    /// Whether the control is only the draft's reference, the text naming none
    /// (`control = "review"`): with three arms or more, no arm is compared with it, as that
    /// would measure every arm against a reference the document does not choose.
    pub control_for_review: bool,
    pub note: Option<String>,
    pub provenance: Provenance,
}

/// What the values of a per-arm measure are: the score at each time point, or its change
/// from baseline as the document reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ArmValues {
    /// The score itself at each time point (`"score"`, the default).
    #[default]
    #[serde(rename = "score")]
    Score,
    /// The change from baseline up to each time point (`"change from baseline"`).
    #[serde(rename = "change from baseline")]
    ChangeFromBaseline,
}

impl ArmValues {
    /// The spelling used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            ArmValues::Score => "score",
            ArmValues::ChangeFromBaseline => "change from baseline",
        }
    }
}

/// A mean ± spread reported for each arm of a trial at one or more time points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmMeasure {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// Scores, or changes from baseline.
    pub values: ArmValues,
    /// The scale of the score (for scores: each mean is checked against it).
    pub scale: Option<Scale>,
    /// What `±` means, for every arm.
    pub dispersion: SpreadKind,
    pub dispersion_note: Option<String>,
    /// The within-arm pre/post correlation (for the change-score forms of a score measure).
    pub correlation: Reported<f64>,
    pub direction: Direction,
    pub claim: Claim,
    pub provenance: Provenance,
    /// One series per arm, in the order written; every arm has the same time points.
    pub arms: Vec<ArmSeries>,
    /// The document's own comparisons of an arm with the control (difference, its ±, CI, p,
    /// t), used to decide what the arms' ± means (`crate::reading`).
    pub comparisons: Vec<ReportedComparison>,
}

/// A comparison of an arm with the control as the document prints it: `a difference of 0.65
/// ± 0.78 (p = 0.411)`. Each number as printed; at least one of `spread`, `ci`, `p`, `t`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedComparison {
    /// The arm compared with the control (group 1 − control).
    pub arm: String,
    /// The time point compared.
    pub timepoint: String,
    /// The difference, arm − control, as printed.
    pub difference: Option<ReportedNumber>,
    /// The `±` printed with the difference (read as its SE).
    pub spread: Option<ReportedNumber>,
    /// A confidence interval of the difference: lower, upper, level.
    pub ci: Option<(
        ReportedNumber,
        ReportedNumber,
        crate::level::ConfidenceLevel,
    )>,
    pub p: Option<crate::reported::ReportedP>,
    /// The test statistic as printed.
    pub t: Option<ReportedNumber>,
    /// Whether the document says the comparison was adjusted (ANCOVA, MMRM, LS means).
    pub adjusted: crate::reported::Adjusted,
    /// How it was estimated, in the document's words, when it says.
    pub method: Option<String>,
    pub provenance: Provenance,
}

impl ArmMeasure {
    /// The series of arm `arm`.
    pub fn series(&self, arm: &str) -> Option<&ArmSeries> {
        self.arms.iter().find(|a| a.arm == arm)
    }
}

/// The time points of one arm of an [`ArmMeasure`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmSeries {
    /// The arm's id.
    pub arm: String,
    /// Participants analysed (the arm's n unless the file says otherwise).
    pub n: Reported<u32>,
    /// The file gives this arm's values no n of their own, neither here nor at a time point:
    /// `n` is the arm's, which a row measuring a subset of the arm (a time to a treatment only
    /// the treated have) does not have.
    pub n_of_arm: bool,
    /// Where this arm's numbers stand, when not in the measure's quote.
    pub provenance: Provenance,
    pub timepoints: Vec<TimePoint>,
    /// What the document reports about this arm's change from the baseline to the last time
    /// point (its SD, SE, CI, t or p), for the change-score forms of a score.
    pub change: Option<ReportedChange>,
}

impl ArmSeries {
    /// The time point with this id.
    pub fn timepoint(&self, id: &str) -> Option<&TimePoint> {
        self.timepoints.iter().find(|t| t.id == id)
    }
}

/// A count reported for each arm: events out of a denominator (people with an event) or
/// events over person-time (a rate).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmCount {
    pub id: String,
    pub label: String,
    pub direction: Direction,
    /// The unit of person-time (`"patient-years"`), for rates.
    pub time_unit: Option<String>,
    pub note: Option<String>,
    pub provenance: Provenance,
    pub arms: Vec<ArmEvents>,
}

impl ArmCount {
    /// The events of arm `arm`.
    pub fn events_of(&self, arm: &str) -> Option<&ArmEvents> {
        self.arms.iter().find(|a| a.arm == arm)
    }

    /// Whether the counts are over person-time (a rate) rather than out of people.
    pub fn is_rate(&self) -> bool {
        self.arms.iter().any(|a| a.person_time.is_some())
    }
}

/// The events of one arm of an [`ArmCount`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmEvents {
    pub arm: String,
    pub events: Reported<ReportedNumber>,
    /// The denominator (the arm's n unless the file says otherwise).
    pub n: Reported<u32>,
    /// Person-time at risk, for a rate.
    pub person_time: Option<Reported<ReportedNumber>>,
    pub provenance: Provenance,
}

/// Is a field's value a placeholder a drafted file leaves for a person (`"review"`,
/// `"review: which time point …"`)?
///
/// ```
/// use trialstats_documents::study::is_review_mark;
/// assert!(is_review_mark("review") && is_review_mark("Review: which time point?"));
/// assert!(!is_review_mark("EDSS") && !is_review_mark("not reported"));
/// // A value that only begins with the word is the document's, not a placeholder.
/// assert!(!is_review_mark("reviewed by two neurologists") && !is_review_mark("Review of Systems"));
/// ```
pub fn is_review_mark(value: &str) -> bool {
    // `draft` writes exactly "review" or "review: <what to check>" (data/README.md).
    let v = value.trim();
    match v.get(..6) {
        Some(head) if head.eq_ignore_ascii_case("review") => {
            let rest = v[6..].trim_start();
            rest.is_empty() || rest.starts_with(':')
        }
        _ => false,
    }
}

impl Study {
    /// Every field still marked for review (`"review"` or `"review: …"`), as `path: value`
    /// (`measures[qmg_1].label: review: QMG`): what a drafted file leaves a person to decide.
    pub fn review_marks(&self) -> Vec<String> {
        fn walk(path: &str, v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) if is_review_mark(s) => {
                    out.push(format!("{path}: {s}"))
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        let key = x
                            .get("id")
                            .and_then(|id| id.as_str())
                            .map(String::from)
                            .unwrap_or_else(|| i.to_string());
                        walk(&format!("{path}[{key}]"), x, out);
                    }
                }
                serde_json::Value::Object(o) => {
                    for (k, x) in o {
                        // Quotes are the document's words; a sentence may say "review".
                        if k == "quote" || k == "provenance" {
                            continue;
                        }
                        let p = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
                        walk(&p, x, out);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        if let Ok(v) = serde_json::to_value(self) {
            walk("", &v, &mut out);
        }
        out
    }
}

impl Measure {
    /// The time points a person has not confirmed: a drafted file writes `when = "review: …"`
    /// where the text did not say that two values are time points of one measure of one
    /// group. Nothing pairs them (no paired test, no before/after chart) until confirmed.
    pub fn unconfirmed_timepoints(&self) -> Vec<&TimePoint> {
        self.timepoints
            .iter()
            .filter(|t| is_review_mark(&t.when))
            .collect()
    }

    /// Why the measure's time points may not be paired, when they may not.
    pub fn unconfirmed_reason(&self) -> Option<String> {
        let open = self.unconfirmed_timepoints();
        (!open.is_empty()).then(|| {
            let ids: Vec<&str> = open.iter().map(|t| t.id.as_str()).collect();
            format!(
                "time points not confirmed ({} marked `when = \"review: …\"`): confirm that they are one group's values of one measure at the times named, not two groups or two measures, before they are paired",
                ids.join(", ")
            )
        })
    }

    /// The baseline: the first time point, when its mean (or median) is reported.
    pub fn baseline(&self) -> Option<&TimePoint> {
        self.timepoints.first().filter(|t| t.has_centre())
    }

    /// The last time point whose mean (or median) is reported (other than the baseline).
    pub fn last_reported(&self) -> Option<&TimePoint> {
        self.timepoints
            .iter()
            .skip(1)
            .rev()
            .find(|t| t.has_centre())
    }

    /// The time point with this id.
    pub fn timepoint(&self, id: &str) -> Option<&TimePoint> {
        self.timepoints.iter().find(|t| t.id == id)
    }
}

/// One time point of a [`Measure`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimePoint {
    /// `[a-z][a-z0-9_]*`, unique within the measure (used in expectations as
    /// `measure.TIMEPOINT.mean`).
    pub id: String,
    /// When, in the document's terms (or what the document leaves open).
    pub when: String,
    pub mean: Reported<ReportedNumber>,
    pub spread: Reported<ReportedNumber>,
    /// Participants at this time point (the measure's `n` unless the file says otherwise;
    /// `"not reported"` written here: the document prints no n for this time point, and
    /// nothing that needs one takes the measure's instead).
    pub n: Reported<u32>,
    /// A scale of this time point's own, where the document makes it differ from the
    /// measure's (a relapse rate over exactly one year is a whole count); `None`: the
    /// measure's scale.
    pub scale: Option<Scale>,
    /// Why this time point has its own scale, in the document's words.
    pub scale_note: Option<String>,
    /// A median with its quartiles and/or range, reported instead of mean ± spread (then
    /// `mean` and `spread` are not reported; the analysis converts it).
    pub median: Option<MedianSummary>,
}

/// A median with its quartiles and/or range, as printed, reported at a time point instead
/// of mean ± spread. Validated ordered (min ≤ q1 ≤ median ≤ q3 ≤ max) when read; the analysis
/// layer estimates the mean and SD with [`crate::convert::median`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedianSummary {
    pub median: ReportedNumber,
    pub q1: Option<ReportedNumber>,
    pub q3: Option<ReportedNumber>,
    pub min: Option<ReportedNumber>,
    pub max: Option<ReportedNumber>,
    /// The conversion method the file names (default luo-wan-shi, as metafor's
    /// `conv.fivenum`).
    pub method: crate::convert::MedianMethod,
    pub provenance: Provenance,
}

impl MedianSummary {
    /// As printed: `median 4 (IQR 2–6)`, `median 4 (range 1–9)`, or both.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let (Some(a), Some(b)) = (&self.q1, &self.q3) {
            parts.push(format!("IQR {}–{}", a.text, b.text));
        }
        if let (Some(a), Some(b)) = (&self.min, &self.max) {
            parts.push(format!("range {}–{}", a.text, b.text));
        }
        format!("median {} ({})", self.median.text, parts.join(", "))
    }
}

/// Patient-level data of a trial: a CSV file with one row per patient and visit, and the
/// mixed model for repeated measures (`trialstats mmrm`) that `report` fits to it, comparing
/// every arm with the control at every visit (the last visit is the usual primary estimand).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatientData {
    /// `[a-z][a-z0-9_]*`, in the study's id namespace.
    pub id: String,
    pub label: String,
    /// The unit of the response.
    pub unit: String,
    /// The file as written in the study file (relative to the study file's folder).
    pub file: String,
    /// The file to read: `file` joined to the study file's folder.
    #[serde(skip)]
    pub path: PathBuf,
    /// The fixed part of the model, `response ~ terms` (as `trialstats mmrm`'s `--formula`
    /// without the covariance term).
    pub formula: String,
    /// The column identifying patients.
    pub subject: String,
    /// The column of visits (categorical, levels in order).
    pub visit: String,
    /// The covariance over visits (default `us`, unstructured).
    pub covariance: crate::mmrm::Structure,
    /// One covariance per level of this column (mmrm's `us(visit | arm / subject)`).
    pub group: Option<String>,
    /// The column of treatment arms, whose least-squares means are compared.
    pub arm: String,
    /// The level of `arm` every other arm is compared with (`arm − control`).
    pub control: String,
    /// Denominator df: Satterthwaite (default) or Kenward–Roger.
    pub ddf: crate::lmm::inference::Ddf,
    /// Invented data (a demonstration), said wherever its results are shown.
    pub synthetic: bool,
    pub note: Option<String>,
}

impl PatientData {
    /// The model as `trialstats mmrm` writes it: the fixed part and the covariance term,
    /// `chg ~ base + arm * visit + us(visit | patient)`.
    pub fn mmrm_formula(&self) -> String {
        let group = self
            .group
            .as_ref()
            .map(|g| format!("{g} / "))
            .unwrap_or_default();
        format!(
            "{} + {}({} | {group}{})",
            self.formula.trim(),
            self.covariance.name(),
            self.visit,
            self.subject
        )
    }
}

/// A test result the document prints, as written (`t(6) = 3.2, p = 0.02`); parsed when read
/// (by [`crate::checks::reported_test::parse_result`]) and checked by the analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedTestResult {
    /// `[a-z][a-z0-9_]*`, unique within the study.
    pub id: String,
    /// As printed.
    pub text: String,
    pub note: Option<String>,
    pub provenance: Provenance,
}

impl TimePoint {
    /// What a reader calls this time point, as the report and the charts name it: where its
    /// id is only the number a draft gave it (`t1`, `t2`), its time as the document prints it
    /// or a reader named it (`when`: `before`, `投与前`, `Week 52`), unless the draft left it
    /// open (a `review` mark, or `not stated: …` where the text prints no time); else its id
    /// (a study file's ids name their time points: `week_24`).
    pub fn name(&self) -> &str {
        let numbered = self
            .id
            .strip_prefix('t')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let when = self.when.trim();
        let open = when.is_empty() || when.starts_with("review") || when.starts_with("not stated");
        if numbered && !open { when } else { &self.id }
    }

    /// The values as printed: `5.1 ± 1.7`, `median 4 (IQR 2–6)`, or `not reported`.
    pub fn printed(&self) -> String {
        match &self.median {
            Some(m) => m.describe(),
            // A time point the document prints no value at (a later visit of one arm only).
            None if !self.mean.is_reported() && !self.spread.is_reported() => {
                "not reported".to_string()
            }
            None => format!("{} ± {}", self.mean, self.spread),
        }
    }

    /// Whether a mean or a median is reported at this time point.
    pub fn has_centre(&self) -> bool {
        self.mean.is_reported() || self.median.is_some()
    }

    /// The `mean`, `spread` or `n` of this time point (the inner `None`: not reported), or
    /// `None` for any other name (the names of the expectation language).
    pub fn value_of(&self, what: &str) -> Option<Option<f64>> {
        let number = |r: &Reported<ReportedNumber>| r.value().map(|v| v.value);
        match what {
            "mean" => Some(number(&self.mean)),
            "spread" => Some(number(&self.spread)),
            "n" => Some(self.n.value().map(|&n| f64::from(n))),
            _ => None,
        }
    }

    /// The scale of this time point: its own, else the measure's.
    pub fn scale_in<'a>(&'a self, measure: &'a Measure) -> Option<&'a Scale> {
        self.scale.as_ref().or(measure.scale.as_ref())
    }
}

/// A per-month (or per-period) rate of change reported before and after treatment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slope {
    pub id: String,
    pub label: String,
    /// For example "ALSFRS-R points per month".
    pub unit: String,
    pub n: Reported<u32>,
    /// The scale of the underlying score.
    pub scale: Option<Scale>,
    pub dispersion: SpreadKind,
    pub direction: Direction,
    pub claim: Claim,
    pub before: SlopeValue,
    pub after: SlopeValue,
    pub note: Option<String>,
    pub provenance: Provenance,
}

/// One side (before or after) of a [`Slope`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlopeValue {
    pub value: Reported<ReportedNumber>,
    pub spread: Reported<ReportedNumber>,
    /// The observation period the slope was estimated over.
    pub period: Reported<String>,
}

/// A bibliographic reference or trial registration the document cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub id: String,
    /// For example "article", "trial registration".
    pub kind: String,
    pub citation: String,
    pub provenance: Provenance,
}

/// A derived number pinned for `trialstats verify`: `compute` is an expression over the
/// study's ids (see `data/README.md`), `expected` its value, `tolerance` the allowed
/// absolute difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    pub id: String,
    pub description: String,
    pub compute: String,
    pub expected: f64,
    pub tolerance: f64,
}
