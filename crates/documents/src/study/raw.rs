//! A study file as written: private mirrors of the public types in `mod.rs`, deserialised
//! by `toml` with the byte span of every value a message may need to point at, so that
//! `load.rs` can say `data/x.toml:42: measures[edss].timepoints[after].mean: …`. Unknown
//! fields are refused here (`deny_unknown_fields`).

use super::{ArmValues, Bound, Direction, SpreadKind};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStudy {
    pub(super) schema: Spanned<i64>,
    pub(super) id: Spanned<String>,
    pub(super) title: String,
    pub(super) source_file: String,
    pub(super) document: String,
    pub(super) publication: RawPublication,
    pub(super) design: String,
    pub(super) population: String,
    pub(super) intervention: String,
    #[serde(default)]
    pub(super) notes: Vec<String>,
    #[serde(default)]
    pub(super) facts: Vec<RawFact>,
    #[serde(default)]
    pub(super) dates: Vec<RawDate>,
    #[serde(default)]
    pub(super) measures: Vec<RawMeasure>,
    #[serde(default)]
    pub(super) slopes: Vec<RawSlope>,
    #[serde(default)]
    pub(super) arms: Vec<RawArm>,
    #[serde(default)]
    pub(super) arm_measures: Vec<RawArmMeasure>,
    #[serde(default)]
    pub(super) arm_counts: Vec<RawArmCount>,
    #[serde(default)]
    pub(super) tests: Vec<RawTest>,
    #[serde(default)]
    pub(super) references: Vec<RawReference>,
    #[serde(default)]
    pub(super) expectations: Vec<RawExpectation>,
    #[serde(default)]
    pub(super) patient_data: Vec<RawPatientData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPublication {
    pub(super) title: String,
    pub(super) journal: String,
    pub(super) date: String,
    pub(super) doi: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFact {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) value: Spanned<String>,
    #[serde(default = "exact")]
    pub(super) bound: Bound,
    pub(super) unit: String,
    pub(super) of: Option<Spanned<String>>,
    pub(super) note: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

pub(super) fn exact() -> Bound {
    Bound::Exact
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDate {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) date: Spanned<String>,
    pub(super) note: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    pub(super) min: f64,
    pub(super) max: Option<f64>,
    pub(super) step: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClaim {
    pub(super) significant: Spanned<toml::Value>,
    pub(super) wording: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeasure {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) unit: String,
    pub(super) scale: Option<Spanned<RawScale>>,
    pub(super) n: Spanned<toml::Value>,
    pub(super) dispersion: SpreadKind,
    pub(super) dispersion_note: Option<String>,
    pub(super) correlation: Spanned<toml::Value>,
    pub(super) direction: Direction,
    pub(super) claim: RawClaim,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
    pub(super) timepoints: Vec<RawTimePoint>,
    pub(super) change: Option<Spanned<RawChange>>,
}

/// What a document reports about the within-person change of a measure, besides the means.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChange {
    pub(super) mean: Option<Spanned<String>>,
    pub(super) sd: Option<Spanned<String>>,
    pub(super) sd_divisor: Option<Spanned<String>>,
    pub(super) se: Option<Spanned<String>>,
    pub(super) ci_lower: Option<Spanned<String>>,
    pub(super) ci_upper: Option<Spanned<String>>,
    pub(super) level: Option<Spanned<f64>>,
    pub(super) p: Option<Spanned<String>>,
    pub(super) t: Option<Spanned<String>>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArm {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) n: Spanned<toml::Value>,
    /// `true`, `false` or `"review"` (the draft's reference where the text names none).
    pub(super) control: Option<Spanned<toml::Value>>,
    pub(super) note: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArmMeasure {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) unit: String,
    #[serde(default)]
    pub(super) values: ArmValues,
    pub(super) scale: Option<Spanned<RawScale>>,
    pub(super) dispersion: SpreadKind,
    pub(super) dispersion_note: Option<String>,
    pub(super) correlation: Spanned<toml::Value>,
    pub(super) direction: Direction,
    pub(super) claim: RawClaim,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
    pub(super) arms: Vec<RawArmSeries>,
    #[serde(default)]
    pub(super) comparisons: Vec<Spanned<RawComparison>>,
}

/// The document's comparison of an arm with the control, each number as printed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawComparison {
    pub(super) arm: Option<Spanned<String>>,
    pub(super) timepoint: Option<Spanned<String>>,
    pub(super) difference: Option<Spanned<String>>,
    pub(super) spread: Option<Spanned<String>>,
    pub(super) ci_lower: Option<Spanned<String>>,
    pub(super) ci_upper: Option<Spanned<String>>,
    pub(super) level: Option<Spanned<f64>>,
    pub(super) p: Option<Spanned<String>>,
    pub(super) t: Option<Spanned<String>>,
    pub(super) adjusted: Option<Spanned<toml::Value>>,
    pub(super) method: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArmSeries {
    pub(super) arm: Spanned<String>,
    pub(super) n: Option<Spanned<toml::Value>>,
    pub(super) quote: Option<String>,
    #[serde(rename = "where")]
    pub(super) location: Option<String>,
    pub(super) timepoints: Vec<RawTimePoint>,
    pub(super) change: Option<Spanned<RawChange>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArmCount {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) direction: Direction,
    pub(super) time_unit: Option<String>,
    pub(super) note: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
    pub(super) arms: Vec<RawArmEvents>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArmEvents {
    pub(super) arm: Spanned<String>,
    pub(super) events: Spanned<String>,
    pub(super) n: Option<Spanned<toml::Value>>,
    pub(super) person_time: Option<Spanned<String>>,
    pub(super) quote: Option<String>,
    #[serde(rename = "where")]
    pub(super) location: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTimePoint {
    pub(super) id: Spanned<String>,
    pub(super) when: String,
    /// Mean ± spread, or (instead) a median with its quartiles and/or range.
    pub(super) mean: Option<Spanned<String>>,
    pub(super) spread: Option<Spanned<String>>,
    pub(super) median: Option<Spanned<String>>,
    pub(super) q1: Option<Spanned<String>>,
    pub(super) q3: Option<Spanned<String>>,
    pub(super) min: Option<Spanned<String>>,
    pub(super) max: Option<Spanned<String>>,
    /// The median → mean/SD method (`convert::MedianMethod` names).
    pub(super) method: Option<Spanned<String>>,
    pub(super) quote: Option<String>,
    #[serde(rename = "where")]
    pub(super) location: Option<String>,
    pub(super) n: Option<Spanned<toml::Value>>,
    pub(super) scale: Option<Spanned<RawScale>>,
    pub(super) scale_note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSlope {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) unit: String,
    pub(super) n: Spanned<toml::Value>,
    pub(super) scale: Option<Spanned<RawScale>>,
    pub(super) dispersion: SpreadKind,
    pub(super) direction: Direction,
    pub(super) claim: RawClaim,
    pub(super) before: RawSlopeValue,
    pub(super) after: RawSlopeValue,
    pub(super) note: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSlopeValue {
    pub(super) value: Spanned<String>,
    pub(super) spread: Spanned<String>,
    pub(super) period: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReference {
    pub(super) id: Spanned<String>,
    pub(super) kind: String,
    pub(super) citation: String,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExpectation {
    pub(super) id: Spanned<String>,
    pub(super) description: String,
    pub(super) compute: Spanned<String>,
    pub(super) expected: Spanned<f64>,
    pub(super) tolerance: Spanned<f64>,
}

/// A test result as the document prints it (`t(6) = 3.2, p = 0.02`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTest {
    pub(super) id: Spanned<String>,
    pub(super) text: Spanned<String>,
    pub(super) note: Option<String>,
    pub(super) quote: String,
    #[serde(rename = "where")]
    pub(super) location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPatientData {
    pub(super) id: Spanned<String>,
    pub(super) label: String,
    pub(super) unit: String,
    pub(super) file: Spanned<String>,
    pub(super) formula: Spanned<String>,
    pub(super) subject: Spanned<String>,
    pub(super) visit: Spanned<String>,
    pub(super) covariance: Option<Spanned<String>>,
    pub(super) group: Option<Spanned<String>>,
    pub(super) arm: Spanned<String>,
    pub(super) control: Spanned<String>,
    pub(super) ddf: Option<Spanned<String>>,
    pub(super) synthetic: bool,
    pub(super) note: Option<String>,
}
