//! Measures that two or more studies report, ready to pool: before/after measures, and the
//! per-arm measures and counts of trials (each arm against its control). Each study's effect
//! is taken from its analysis (± as the data says, r as reported, chosen or assumed), so the
//! assumptions of each input are those the report states. `meta --data` and the report's
//! gallery pool them with [`crate::meta::fit`].

use super::{ArmBasis, ArmComparison, StudyAnalysis};
use crate::effect::{EffectSize, Family, MeasureCode};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::meta::MetaData;

/// One poolable set: the measure id and the studies' effects.
#[derive(Debug, Clone)]
pub struct PoolableSet {
    pub measure: String,
    pub data: MetaData,
    /// The study of each row (a multi-arm trial gives one row per arm against its control).
    pub studies: Vec<String>,
}

/// Every measure id that at least two studies report with an analysed before/after summary,
/// with `code` (a before/after code: MC, SMCC, SMCR, SMCRH, ROMC) for each study. A study
/// whose summary `code` cannot be computed from is left out of that set.
///
/// With a between-arm code (MD, SMD, ROM for per-arm measures; RR, OR, RD for per-arm
/// counts; IRR, IRD for rates), every per-arm item id that two or more trials report is
/// pooled instead: each arm against its trial's control, at the last time point both report
/// (values, or changes from baseline as reported). See [`poolable_sets_with`] for the
/// change-score forms.
pub fn poolable_sets(
    analyses: &[StudyAnalysis],
    code: MeasureCode,
    level: ConfidenceLevel,
) -> Result<Vec<PoolableSet>> {
    poolable_sets_with(analyses, code, level, false)
}

/// As [`poolable_sets`]; with `change_scores`, a per-arm score measure is pooled through its
/// change-score comparison (baseline to the last time point, change SD from the r of the
/// run), and a measure reported as changes from baseline as it is.
pub fn poolable_sets_with(
    analyses: &[StudyAnalysis],
    code: MeasureCode,
    level: ConfidenceLevel,
    change_scores: bool,
) -> Result<Vec<PoolableSet>> {
    let mut sets: Vec<PoolableSet> = Vec::new();
    match code.family() {
        Family::PrePost => {
            if change_scores {
                return Err(Error::field(
                    "change_scores",
                    format!(
                        "is for between-arm codes (MD, SMD); {code} is already a change within one group"
                    ),
                ));
            }
            for a in analyses {
                for m in &a.measures {
                    if let Some(e) = m.effect(code, level) {
                        add_effect(&mut sets, &m.id, &a.id, a.id.clone(), &e);
                    }
                }
            }
        }
        Family::TwoGroup | Family::TwoByTwo | Family::RateComparison
            if code != MeasureCode::SMDH =>
        {
            if change_scores && code.family() != Family::TwoGroup {
                return Err(Error::field(
                    "change_scores",
                    format!("is for per-arm measures (MD, SMD); {code} compares counts"),
                ));
            }
            for a in analyses {
                add_arm_effects(&mut sets, a, code, change_scores);
            }
        }
        _ => {
            return Err(Error::field(
                "effect",
                format!(
                    "{code} cannot be pooled from the data; studies are pooled with a before/after code (MC, SMCC, SMCR, SMCRH, ROMC) or a between-arm code (MD, SMD, ROM, RR, OR, RD, IRR, IRD)"
                ),
            ));
        }
    }
    // Two or more studies: the arms of one trial share its control and are not a
    // meta-analysis on their own.
    sets.retain(|p| {
        let mut studies = p.studies.clone();
        studies.dedup();
        studies.len() >= 2
    });
    Ok(sets)
}

/// Add effect `e` of study `study` (its row labelled `label`) to the set of measure `id`,
/// made when it is the first; an effect without a positive variance is left out.
fn add_effect(sets: &mut Vec<PoolableSet>, id: &str, study: &str, label: String, e: &EffectSize) {
    let Some(v) = e.variance.filter(|v| *v > 0.0) else {
        return;
    };
    let index = match sets.iter().position(|p| p.measure == id) {
        Some(i) => i,
        None => {
            sets.push(PoolableSet {
                measure: id.to_string(),
                data: MetaData::default(),
                studies: Vec::new(),
            });
            sets.len() - 1
        }
    };
    sets[index].studies.push(study.to_string());
    let data = &mut sets[index].data;
    data.labels.push(label);
    data.yi.push(e.estimate);
    data.vi.push(v);
}

/// Add to `sets` the effect `code` of each arm against its control in every per-arm item of
/// analysis `a` (its change-score comparison when `change_scores`), the latest one found.
fn add_arm_effects(
    sets: &mut Vec<PoolableSet>,
    a: &StudyAnalysis,
    code: MeasureCode,
    change_scores: bool,
) {
    for item in &a.arms {
        let arms: Vec<&str> = {
            let mut v: Vec<&str> = item.comparisons.iter().map(|c| c.arm.as_str()).collect();
            v.dedup();
            v
        };
        for arm in &arms {
            let wanted = |c: &&ArmComparison| {
                c.arm == *arm
                    && match &c.basis {
                        ArmBasis::ChangeScores { .. } => change_scores,
                        ArmBasis::Values { .. } => !change_scores,
                        // The document's own difference is in the report, not
                        // pooled: every trial is pooled from its arms alike.
                        ArmBasis::Printed { .. } => false,
                        _ => true,
                    }
            };
            let found = item
                .comparisons
                .iter()
                .rev()
                .filter(wanted)
                .find_map(|c| c.effects.iter().find(|e| e.measure == code));
            let Some(e) = found else {
                continue;
            };
            let label = if arms.len() > 1 {
                format!("{}: {arm}", a.id)
            } else {
                a.id.clone()
            };
            add_effect(sets, &item.id, &a.id, label, e);
        }
    }
}
