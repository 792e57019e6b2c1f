//! The checks of every reported number in the study data: each time point's mean ± spread
//! (on the time point's scale), each reported percentage (against its denominator when the
//! document gives one), and each before/after claim of significance (against the paired
//! test over the pre/post correlation r, from [`crate::report::paired_analysis`]).

use super::summary::{check_percent, check_summary, CheckReport, ReportedPercent};
use super::summary::{ReportedSummary, SpreadKind};
use super::{CheckName, Finding, Rounding, Status};
use crate::error::Result;
use crate::report::{paired_analysis, ReportOptions};
use crate::study::{Dispersion, Reported, Study};

/// A scale bound or step as the checks read it (shortest decimal text of the number).
fn as_text(x: f64) -> String {
    format!("{x}")
}

/// One summary per time point that reports a mean, with its n and scale.
pub fn reported_summaries(study: &Study) -> Vec<ReportedSummary> {
    let mut out = Vec::new();
    for m in &study.measures {
        for t in &m.timepoints {
            let (Some(mean), Some(n)) = (t.mean.value(), t.n.value().or(m.n.value())) else {
                continue;
            };
            let scale = t.scale_in(m);
            out.push(ReportedSummary {
                study: study.id.clone(),
                measure: m.id.clone(),
                timepoint: Some(t.id.clone()),
                mean_text: mean.text.clone(),
                spread_text: t.spread.value().map(|s| s.text.clone()),
                spread_kind: match m.dispersion {
                    Dispersion::Sd => SpreadKind::Sd,
                    Dispersion::Sem => SpreadKind::Sem,
                    Dispersion::NotReported => SpreadKind::Unstated,
                },
                n: u64::from(*n),
                min: scale.map(|s| as_text(s.min)),
                max: scale.and_then(|s| s.max).map(as_text),
                step: scale.and_then(|s| s.step).map(as_text),
                items: 1,
            });
        }
    }
    out
}

/// One entry per fact reported in percent, with its denominator when the file names one.
pub fn reported_percents(study: &Study) -> Vec<ReportedPercent> {
    study
        .facts
        .iter()
        .filter(|f| f.unit == "percent")
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
                count: None,
            })
        })
        .collect()
}

/// The claim of significance of each before/after measure against the paired test over r.
pub fn significance_findings(study: &Study, options: &ReportOptions) -> Result<Vec<Finding>> {
    let mut out = Vec::new();
    for m in &study.measures {
        let finding = |status, detail: String| Finding {
            study: study.id.clone(),
            measure: m.id.clone(),
            timepoint: None,
            check: CheckName::Significance,
            status,
            detail,
        };
        match paired_analysis(study, m, options)? {
            Ok(p) => {
                let status = match p.analysis.claim.can_hold {
                    Some(true) => Status::Consistent,
                    Some(false) => Status::Inconsistent,
                    None => Status::NotApplicable,
                };
                let reading = match m.dispersion {
                    Dispersion::NotReported => "; ± read as SD (not specified)",
                    Dispersion::Sem => "; ± is the SEM, converted to SD",
                    Dispersion::Sd => "",
                };
                out.push(finding(
                    status,
                    format!("{}{reading}", p.analysis.claim.detail),
                ));
            }
            Err(why) => out.push(finding(Status::NotApplicable, why)),
        }
    }
    Ok(out)
}

/// Every check on every reported number of `studies`.
pub fn check_studies(
    studies: &[Study],
    rounding: Rounding,
    options: &ReportOptions,
) -> Result<CheckReport> {
    let mut report = CheckReport::new(rounding);
    for s in studies {
        for summary in reported_summaries(s) {
            report.extend(check_summary(&summary, rounding)?);
        }
        for p in reported_percents(s) {
            report.extend(check_percent(&p, rounding)?);
        }
        report.extend(significance_findings(s, options)?);
    }
    Ok(report)
}
