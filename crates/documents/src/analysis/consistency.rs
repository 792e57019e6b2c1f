//! Which reported numbers of a study are checked, and how: each time point's mean ± spread on
//! the time point's own scale, each reported percentage against its denominator when the
//! document gives one, and each before/after claim of significance against the paired test
//! over r (from the measure's analysis, not computed again), and each printed test result
//! (`[[tests]]`) against its statistic. A time point reported as a median is not checked as a
//! printed mean (said in a "not applicable" finding). The SPRITE search of each summary is
//! kept ([`Reconstruction`]) for the charts.

use super::{AnalysisOptions, ArmItemAnalysis, ImpliedCorrelation, MeasureAnalysis};
use crate::checks::sprite::Sprite;
use crate::checks::{
    CheckName, Finding, ReportedPercent, ReportedSummary, Status, check_percent,
    check_summary_with_sprite,
};
use crate::error::Result;
use crate::reported::Scale;
use crate::study::{Bound, Fact, Reported, SpreadKind, Study};

/// One reported mean ± SD and the samples SPRITE found for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconstruction {
    pub summary: ReportedSummary,
    pub sprite: Sprite,
}

/// One summary per time point that reports a mean, with its n and scale.
pub fn reported_summaries(study: &Study) -> Vec<ReportedSummary> {
    let mut out = Vec::new();
    for m in &study.measures {
        for t in &m.timepoints {
            let (Some(mean), Some(n)) = (t.mean.value(), t.n.value()) else {
                continue;
            };
            out.push(ReportedSummary {
                study: study.id.clone(),
                measure: m.id.clone(),
                timepoint: Some(t.id.clone()),
                mean: mean.clone(),
                spread: t.spread.value().cloned(),
                spread_kind: m.dispersion,
                n: u64::from(*n),
                scale: t.scale_in(m).cloned().unwrap_or(Scale {
                    min: None,
                    max: None,
                    step: None,
                    items: 1,
                }),
            });
        }
    }
    // The arms of a trial: each arm's scores are checked like a single group's; a change from
    // baseline lives on no bounded scale, so only its rounding is.
    for m in &study.arm_measures {
        for series in &m.arms {
            for t in &series.timepoints {
                let (Some(mean), Some(n)) = (t.mean.value(), t.n.value()) else {
                    continue;
                };
                let unbounded = Scale {
                    min: None,
                    max: None,
                    step: None,
                    items: 1,
                };
                let scale = match m.values {
                    crate::study::ArmValues::Score => {
                        t.scale.clone().or(m.scale.clone()).unwrap_or(unbounded)
                    }
                    crate::study::ArmValues::ChangeFromBaseline => unbounded,
                };
                out.push(ReportedSummary {
                    study: study.id.clone(),
                    measure: format!("{}[{}]", m.id, series.arm),
                    timepoint: Some(t.id.clone()),
                    mean: mean.clone(),
                    spread: t.spread.value().cloned(),
                    spread_kind: m.dispersion,
                    n: u64::from(*n),
                    scale,
                });
            }
        }
    }
    out
}

/// One entry per fact reported in percent, with its denominator when the file names one,
/// and the numbers of people the study prints elsewhere.
pub fn reported_percents(study: &Study) -> Vec<ReportedPercent> {
    let printed_ns: Vec<u64> = study
        .facts
        .iter()
        .filter(|f| f.counts_people())
        .filter_map(|f| match &f.value {
            Reported::Value(v) if v.decimals == 0 && v.value >= 1.0 => Some(v.value as u64),
            _ => None,
        })
        .collect();
    study
        .facts
        .iter()
        .filter(|f| f.is_proportion())
        .filter_map(|f| {
            let value = f.value.value()?;
            let n =
                f.of.as_deref()
                    .and_then(|id| study.fact(id))
                    .and_then(|d| match &d.value {
                        Reported::Value(v) if v.decimals == 0 => Some(v.value as u64),
                        _ => None,
                    });
            Some(ReportedPercent {
                study: study.id.clone(),
                measure: f.id.clone(),
                timepoint: None,
                percent_text: value.text.clone(),
                n,
                count: n.and(count_printed_with(study, f)),
                printed_ns: printed_ns.clone(),
            })
        })
        .collect()
}

/// The count printed with a percentage of a whole (`20 of 45 (55.6%)`: the fact counting out
/// of the same whole, data/README.md's `of`), so the check tests the count the document
/// prints and not only whether some count gives the percentage: the count whose id is the
/// percentage's with `_count` (as `draft` writes it), else the one count of that whole. A
/// whole that several counts share (`5 of 7 relapse-free`, `2 of 7 relapsed`) names none.
fn count_printed_with(study: &Study, percent: &Fact) -> Option<u64> {
    let whole = percent.of.as_deref()?;
    let counts: Vec<&Fact> = study
        .facts
        .iter()
        .filter(|g| g.of.as_deref() == Some(whole) && !g.unit.trim().starts_with("percent"))
        .filter(|g| matches!(g.bound, Bound::Exact))
        .collect();
    let named = format!("{}_count", percent.id);
    let count = counts
        .iter()
        .find(|g| g.id == named)
        .or(if counts.len() == 1 {
            counts.first()
        } else {
            None
        })?;
    match &count.value {
        Reported::Value(v) if v.decimals == 0 && v.value >= 0.0 => Some(v.value as u64),
        _ => None,
    }
}

/// Every check of every reported summary and percentage of `study`, with the SPRITE searches.
pub fn check_reported_numbers(
    study: &Study,
    options: &AnalysisOptions,
) -> Result<(Vec<Finding>, Vec<Reconstruction>)> {
    let mut findings = Vec::new();
    let mut reconstructions = Vec::new();
    for summary in reported_summaries(study) {
        let checked = check_summary_with_sprite(&summary, options.rounding)?;
        findings.extend(checked.findings);
        if let Some(sprite) = checked.sprite {
            reconstructions.push(Reconstruction { summary, sprite });
        }
    }
    for p in reported_percents(study) {
        findings.extend(check_percent(&p, options.rounding)?);
    }
    Ok((findings, reconstructions))
}

/// The claim of significance of each before/after measure against its paired test over r.
pub fn significance_findings(study: &Study, measures: &[MeasureAnalysis]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (m, analysed) in study.measures.iter().zip(measures) {
        let finding = |status, detail: String| Finding {
            study: study.id.clone(),
            measure: m.id.clone(),
            timepoint: None,
            check: CheckName::Significance,
            status,
            detail,
        };
        match &analysed.analysis {
            Some(a) => {
                let status = match a.claim.can_hold {
                    Some(true) => Status::Consistent,
                    Some(false) => Status::Inconsistent,
                    None => Status::NotApplicable,
                };
                let reading = match m.dispersion {
                    SpreadKind::NotReported => "; ± read as SD (not specified)",
                    SpreadKind::Sem => "; ± is the SEM, converted to SD",
                    SpreadKind::Sd => "",
                };
                out.push(finding(status, format!("{}{reading}", a.claim.detail)));
            }
            None => out.push(finding(
                Status::NotApplicable,
                analysed
                    .not_analysed
                    .clone()
                    .unwrap_or_else(|| "not analysed".into()),
            )),
        }
    }
    out
}

/// The pre/post r implied by what each measure reports about its change must lie in [−1, 1]
/// for some values within the rounding of the printed numbers; outside, the before SD, the
/// after SD and the change's SD (or SE, CI, t, p) cannot all be true.
pub fn implied_r_findings(
    study: &Study,
    measures: &[MeasureAnalysis],
    arms: &[ArmItemAnalysis],
) -> Vec<Finding> {
    let from_measures = measures
        .iter()
        .filter_map(|m| Some((m.id.clone(), m.implied.as_ref()?)));
    let from_arms = arms.iter().flat_map(|item| {
        item.implied
            .iter()
            .map(move |(arm, i)| (format!("{}[{arm}]", item.id), i))
    });
    from_measures
        .chain(from_arms)
        .map(|(measure, i)| implied_r_finding(study, measure, i))
        .collect()
}

fn implied_r_finding(study: &Study, measure: String, i: &ImpliedCorrelation) -> Finding {
    let h = crate::output::human_number;
    // A p alone is recomputed as a paired t test's; the text does not say it is one.
    let as_t = if i.from_p_alone {
        " read as a paired t test's p"
    } else {
        ""
    };
    let implied = format!(
        "r = {} implied by {}{as_t} (SD of the change {}: {})",
        h(i.r),
        i.from,
        h(i.sd_change),
        i.derivation
    );
    let range = format!("[{}, {}]", h(i.range.0), h(i.range.1));
    let (status, detail) = if i.is_possible() {
        (
            Status::Consistent,
            format!("{implied}; within rounding r lies in {range}, inside [-1, 1]"),
        )
    } else if i.from_p_alone {
        (
            Status::Warning,
            format!(
                "{implied} is outside [-1, 1] even within rounding ({range}): the p is no paired t test's at these SDs; the text does not name its test (a signed-rank test's p may be the one printed), so the numbers are not called inconsistent"
            ),
        )
    } else {
        (
            Status::Inconsistent,
            format!(
                "{implied} is outside [-1, 1] even within rounding ({range}): the before SD, the after SD and the change cannot all be true"
            ),
        )
    };
    Finding {
        study: study.id.clone(),
        measure,
        timepoint: None,
        check: CheckName::ImpliedCorrelation,
        status,
        detail,
    }
}

/// Each printed test result of `study` (`[[tests]]`) checked as statcheck does: the p the
/// statistic allows within its rounding against the printed p, at α = 1 − the run's level.
/// Inconsistent and decision errors are inconsistencies (exit 1).
pub fn reported_test_findings(study: &Study, options: &AnalysisOptions) -> Vec<Finding> {
    use crate::checks::reported_test::{CheckRules, TestVerdict, check_result, parse_result};
    let alpha = options.level.alpha();
    study
        .tests
        .iter()
        .map(|t| {
            let (status, detail) = match parse_result(&t.text) {
                Ok(test) => {
                    let c = check_result(&test, &CheckRules::at(alpha));
                    let status = match c.verdict {
                        TestVerdict::Consistent => Status::Consistent,
                        TestVerdict::Inconsistent | TestVerdict::DecisionError => {
                            Status::Inconsistent
                        }
                    };
                    (status, format!("\"{}\": {}", t.text, c.detail))
                }
                // Refused when the file was read; kept here so nothing is silently skipped.
                Err(e) => (Status::NotApplicable, format!("\"{}\": {e}", t.text)),
            };
            Finding {
                study: study.id.clone(),
                measure: t.id.clone(),
                timepoint: None,
                check: CheckName::ReportedTest,
                status,
                detail,
            }
        })
        .collect()
}

/// One "not applicable" finding per time point reported as a median: its mean and SD are
/// estimates, so the checks of printed numbers (GRIM, GRIMMER, SPRITE) are not run on them.
pub fn converted_findings(study: &Study) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |measure: String, t: &crate::study::TimePoint| {
        if let Some(m) = &t.median {
            out.push(Finding {
                study: study.id.clone(),
                measure,
                timepoint: Some(t.id.clone()),
                check: CheckName::Grim,
                status: Status::NotApplicable,
                detail: format!("{}: {}", m.describe(), super::medians::NOT_CHECKED),
            });
        }
    };
    for m in &study.measures {
        for t in &m.timepoints {
            add(m.id.clone(), t);
        }
    }
    for m in &study.arm_measures {
        for series in &m.arms {
            for t in &series.timepoints {
                add(format!("{}[{}]", m.id, series.arm), t);
            }
        }
    }
    out
}
