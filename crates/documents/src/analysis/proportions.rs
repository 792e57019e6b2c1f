//! Counts out of a denominator (5 of 7 patients relapse-free) as proportions with Wilson and
//! Clopper–Pearson intervals at the run's level. Only whole counts of an exact whole
//! denominator are proportions of people; a count that is a bound ("at least 70") keeps the
//! bound in words.

use crate::effect::{self, CiMethod, EffectSize, MeasureCode, Proportion};
use crate::error::Result;
use crate::level::ConfidenceLevel;
use crate::study::{Bound, Study};
use serde::Serialize;

/// A count out of a denominator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProportionAnalysis {
    pub id: String,
    pub label: String,
    pub events: f64,
    pub n: f64,
    /// "exact", or "at least" when the count is a lower bound (the proportion is then too).
    pub bound: String,
    pub proportion: f64,
    pub wilson: (f64, f64),
    pub clopper_pearson: (f64, f64),
    /// The level of both intervals.
    #[serde(skip)]
    pub level: ConfidenceLevel,
}

/// Every fact of `study` that is a whole count of an exact whole denominator.
pub fn analyse_proportions(
    study: &Study,
    level: ConfidenceLevel,
) -> Result<Vec<ProportionAnalysis>> {
    let mut out = Vec::new();
    for f in &study.facts {
        // A percentage of its `of` fact is not a count of it (checked by percent_count).
        if f.unit.trim().starts_with("percent") {
            continue;
        }
        let Some(of) = f.of.as_deref().and_then(|id| study.fact(id)) else {
            continue;
        };
        let (Some(x), Some(n)) = (f.value.value(), of.value.value()) else {
            continue;
        };
        if x.decimals > 0 || n.decimals > 0 || !matches!(of.bound, Bound::Exact) {
            continue;
        }
        let input = Proportion {
            events: x.value,
            n: n.value,
        };
        let pr = |ci| effect::proportion(MeasureCode::PR, &input, level, ci);
        let (wilson, exact) = (pr(CiMethod::Wilson)?, pr(CiMethod::Exact)?);
        let interval = |e: &EffectSize| {
            (
                e.ci_lower.unwrap_or(f64::NAN),
                e.ci_upper.unwrap_or(f64::NAN),
            )
        };
        out.push(ProportionAnalysis {
            id: f.id.clone(),
            label: f.label.clone(),
            events: x.value,
            n: n.value,
            bound: f.bound.as_str().to_string(),
            proportion: x.value / n.value,
            wilson: interval(&wilson),
            clopper_pearson: interval(&exact),
            level,
        });
    }
    Ok(out)
}
