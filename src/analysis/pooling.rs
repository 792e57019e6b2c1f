//! Measures that two or more studies report, ready to pool: each study's effect is taken from
//! its measure's analysis (± as the data says, r as reported, chosen or assumed), so the
//! assumptions of each input are those the report states. `meta --data` and the report's
//! gallery pool them with [`crate::meta::fit`].

use super::StudyAnalysis;
use crate::effect::{Family, MeasureCode};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::meta::MetaData;

/// One poolable set: the measure id and the studies' effects.
#[derive(Debug, Clone)]
pub struct PoolableSet {
    pub measure: String,
    pub data: MetaData,
}

/// Every measure id that at least two studies report with an analysed before/after summary,
/// with `code` (a before/after code: MC, SMCC, SMCR, SMCRH, ROMC) for each study. A study
/// whose summary `code` cannot be computed from is left out of that set.
pub fn poolable_sets(
    analyses: &[StudyAnalysis],
    code: MeasureCode,
    level: ConfidenceLevel,
) -> Result<Vec<PoolableSet>> {
    if code.family() != Family::PrePost {
        return Err(Error::input(
            "--effect",
            format!(
                "{code} is not a before/after measure; studies in the data are pooled with MC, SMCC, SMCR, SMCRH or ROMC"
            ),
        ));
    }
    let mut sets: Vec<PoolableSet> = Vec::new();
    for a in analyses {
        for m in &a.measures {
            let Some(e) = m.effect(code, level) else {
                continue;
            };
            let Some(v) = e.variance.filter(|v| *v > 0.0) else {
                continue;
            };
            let index = match sets.iter().position(|p| p.measure == m.id) {
                Some(i) => i,
                None => {
                    sets.push(PoolableSet {
                        measure: m.id.clone(),
                        data: MetaData::default(),
                    });
                    sets.len() - 1
                }
            };
            let data = &mut sets[index].data;
            data.labels.push(a.id.clone());
            data.yi.push(e.estimate);
            data.vi.push(v);
        }
    }
    sets.retain(|p| p.data.yi.len() >= 2);
    Ok(sets)
}
