//! Before/after slopes (a rate of decline before and after treatment): the difference, the
//! ratio and the percent slowing, with delta-method intervals when the spreads are reported
//! (`effect::slope_change`), and "not estimable" said where they are not.

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
                let why = match e {
                    crate::error::Error::Input { message, .. } => message,
                    other => other.to_string(),
                };
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
