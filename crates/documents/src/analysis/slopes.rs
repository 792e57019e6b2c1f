//! Before/after slopes (a rate of decline before and after treatment): the difference, the
//! ratio and the percent slowing, with delta-method intervals when the spreads are reported
//! (`effect::slope_change`), and "not estimable" said where they are not; and the
//! difference in slopes a confirmatory trial would power for ([`planned_slope_effect`]).

use crate::effect::{self, EffectSize};
use crate::level::ConfidenceLevel;
use crate::study::{Reported, ReportedNumber, Study};
use serde::Serialize;

/// One before/after slope, analysed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlopeAnalysis {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// As printed.
    pub before: String,
    pub after: String,
    /// Difference, ratio and percent slowing.
    pub effects: Vec<EffectSize>,
    /// Why no effect could be computed (a before slope of 0 has no ratio), with the place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_analysed: Option<String>,
    /// The slopes as numbers, for charts.
    #[serde(skip)]
    pub values: (f64, f64),
    /// The number of patients, when reported.
    #[serde(skip)]
    pub n: Option<u32>,
}

/// Every slope of `study` whose before and after values are reported.
pub fn analyse_slopes(study: &Study, level: ConfidenceLevel) -> Vec<SlopeAnalysis> {
    let mut out = Vec::new();
    for sl in &study.slopes {
        let (Some(b), Some(a)) = (sl.before.value.value(), sl.after.value.value()) else {
            continue;
        };
        let n = sl.n.value().map(|n| f64::from(*n));
        let se = |spread: &Reported<ReportedNumber>| -> Option<f64> {
            let v = spread.value()?.value;
            match sl.dispersion {
                crate::study::SpreadKind::Sem => Some(v),
                kind => n.map(|n| kind.to_sem(v, n)),
            }
        };
        let change = effect::SlopeChange {
            before: effect::Slope {
                value: b.value,
                se: se(&sl.before.spread),
            },
            after: effect::Slope {
                value: a.value,
                se: se(&sl.after.spread),
            },
        };
        let (effects, not_analysed) = match effect::slope_change(&change, level) {
            Ok(e) => (e, None),
            Err(e) => {
                // The library names its input fields (`slope-before`); here the place is
                // the study file's slope.
                let why = e.into_message();
                (
                    Vec::new(),
                    Some(format!(
                        "{}: slopes[{}]: not analysed: {why}",
                        study.path.display(),
                        sl.id
                    )),
                )
            }
        };
        out.push(SlopeAnalysis {
            id: sl.id.clone(),
            label: sl.label.clone(),
            unit: sl.unit.clone(),
            before: b.text.clone(),
            after: a.text.clone(),
            effects,
            not_analysed,
            values: (b.value, a.value),
            n: sl.n.value().copied(),
        });
    }
    out
}

/// The difference in mean slopes a confirmatory trial would have to detect, taken from a
/// study's before/after slopes: the slope before treatment stands for the control arm, the
/// slope after it for the treated arm. Everything else a power calculation needs (the SD of
/// individual slopes, the residual SD, dropout) is not in such a report and is said to be
/// assumed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedSlopeEffect {
    pub study: String,
    pub slope_id: String,
    pub unit: String,
    /// The before slope as printed (the control arm's mean slope).
    pub control: String,
    /// The after slope as printed (the treated arm's mean slope).
    pub treatment: String,
    /// |before − after|.
    pub delta: f64,
    pub n: Option<u32>,
}

impl PlannedSlopeEffect {
    /// One line saying where δ comes from.
    pub fn provenance(&self) -> String {
        let n = self.n.map_or_else(
            || "n not reported".to_string(),
            |n| crate::output::count_of(n as usize, "patient", "patients"),
        );
        format!(
            "delta = {} {}: reported ({}, slopes.{}: {} before vs {} after treatment, {n}; a single-arm before/after comparison, used as control vs treatment)",
            crate::output::human_number(self.delta),
            self.unit,
            self.study,
            self.slope_id,
            self.control,
            self.treatment
        )
    }
}

/// The effect of the first slope of `study` with both values reported, refused (naming
/// `--from-study`) when it has none or the two slopes are equal.
pub fn planned_slope_effect(study: &Study) -> crate::error::Result<PlannedSlopeEffect> {
    let Some(s) = analyse_slopes(study, ConfidenceLevel::NINETY_FIVE)
        .into_iter()
        .next()
    else {
        return Err(crate::error::Error::field(
            "from_study",
            format!(
                "study '{}' reports no before/after slope with both values; give {{field:delta}}",
                study.id
            ),
        ));
    };
    let delta = (s.values.0 - s.values.1).abs();
    if delta == 0.0 {
        return Err(crate::error::Error::field(
            "from_study",
            format!(
                "study '{}': the slopes before and after are equal ({}); there is no effect to power a trial for",
                study.id, s.before
            ),
        ));
    }
    Ok(PlannedSlopeEffect {
        study: study.id.clone(),
        slope_id: s.id,
        unit: s.unit,
        control: s.before,
        treatment: s.after,
        delta,
        n: s.n,
    })
}
