//! Meta-analysis of the studies in a data folder: every before/after measure that two or more
//! studies report is pooled, with the effect size of each study computed as
//! [`crate::report::paired_analysis`] reads it (± as the data says, r as reported, chosen or
//! assumed), so the assumptions of each input are those the report states.

use super::MetaData;
use crate::effect::{self, Family, MeasureCode};
use crate::error::{Error, Result};
use crate::report::{paired_analysis, ReportOptions};
use crate::study::Study;

/// One poolable set: the measure id and the studies' effects.
#[derive(Debug, Clone)]
pub struct PoolableSet {
    pub measure: String,
    pub data: MetaData,
}

/// Every measure id that at least two studies report with an analysable before/after
/// summary, with `code` (a before/after code: MC, SMCC, SMCR, SMCRH, ROMC) for each study.
/// A study whose summary `code` cannot be computed from is left out of that set.
pub fn poolable_sets(
    studies: &[Study],
    code: MeasureCode,
    options: &ReportOptions,
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
    for s in studies {
        for m in &s.measures {
            let Ok(paired) = paired_analysis(s, m, options)? else {
                continue;
            };
            let Ok(e) = effect::pre_post(code, &paired.summary, 1.0 - options.alpha) else {
                continue;
            };
            let Some(v) = e.variance.filter(|v| *v > 0.0) else {
                continue;
            };
            let set = match sets.iter_mut().find(|p| p.measure == m.id) {
                Some(set) => set,
                None => {
                    sets.push(PoolableSet {
                        measure: m.id.clone(),
                        data: MetaData::default(),
                    });
                    // ok: pushed just above.
                    sets.last_mut().expect("a set was just pushed")
                }
            };
            set.data.labels.push(s.id.clone());
            set.data.yi.push(e.estimate);
            set.data.vi.push(v);
        }
    }
    sets.retain(|p| p.data.yi.len() >= 2);
    Ok(sets)
}
