//! The paired before/after analysis of one measure: baseline against the last reported time
//! point, ± read as the data says (an SEM converted to an SD; an unstated ± read as an SD and
//! said so), at the reported r, else the r chosen for the run, else the assumed default; with
//! the r sweep, the significance threshold, the document's claim and the effect sizes MC,
//! SMCR and SMCC.

use super::AnalysisOptions;
use crate::effect::{self, EffectSize, MeasureCode, PrePostSummary};
use crate::error::Result;
use crate::level::ConfidenceLevel;
use crate::output::human_number as h;
use crate::prepost::{self, Claim, CorrelationAnalysis};
use crate::study::{Measure, SpreadKind, Study};
use serde::Serialize;

/// A reported mean ± spread at one time point, as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimePointSummary {
    pub label: String,
    /// As printed, or "not reported".
    pub mean: String,
    pub spread: String,
}

/// One before/after measure, analysed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureAnalysis {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub n: Option<u32>,
    /// Every time point as reported, in order.
    pub timepoints: Vec<TimePointSummary>,
    /// How the ± was read for the analysis, in words.
    pub spread_reading: String,
    /// The paired analysis of baseline vs the last reported time point; `None` with the reason
    /// in `not_analysed` when the data do not allow it.
    pub analysis: Option<CorrelationAnalysis>,
    /// MC, SMCR and SMCC at the r of the analysis.
    pub effects: Vec<EffectSize>,
    pub not_analysed: Option<String>,
    /// The summary as analysed (SDs after reading ±, with the r used).
    #[serde(skip)]
    pub summary: Option<PrePostSummary>,
}

impl MeasureAnalysis {
    /// The effect `code` (a before/after code) of this measure at `level`: the one computed
    /// with the analysis when it is there, else computed from the analysed summary. `None`
    /// when the measure was not analysed or `code` cannot be computed from it.
    pub fn effect(&self, code: MeasureCode, level: ConfidenceLevel) -> Option<EffectSize> {
        if let Some(e) = self
            .effects
            .iter()
            .find(|e| e.measure == code && e.level == level)
        {
            return Some(e.clone());
        }
        effect::pre_post(code, self.summary.as_ref()?, level).ok()
    }
}

/// The spread of a time point as an SD, with how it was read: an SD as it is, an SEM times
/// √n; an unstated ± is read as an SD and the reading says what it would be as an SEM.
pub fn spread_as_sd(kind: SpreadKind, spread: f64, n: f64) -> (f64, String) {
    let sd = kind.to_sd(spread, n);
    let reading = match kind {
        SpreadKind::Sd => "± is the SD (as reported)".to_string(),
        SpreadKind::Sem => format!("± is the SEM (as reported); SD = SEM·√n with n = {}", h(n)),
        SpreadKind::NotReported => format!(
            "± not specified in the document: read as SD (were it the SEM, every SD would be √{} = {} times larger)",
            h(n),
            h(n.sqrt())
        ),
    };
    (sd, reading)
}

/// Analyse measure `m` of `study`.
pub fn analyse_measure(
    study: &Study,
    m: &Measure,
    options: &AnalysisOptions,
) -> Result<MeasureAnalysis> {
    let mut out = MeasureAnalysis {
        id: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        n: m.n.value().copied(),
        timepoints: m
            .timepoints
            .iter()
            .map(|t| TimePointSummary {
                label: t.id.clone(),
                mean: t.mean.to_string(),
                spread: t.spread.to_string(),
            })
            .collect(),
        spread_reading: String::new(),
        analysis: None,
        effects: Vec::new(),
        not_analysed: None,
        summary: None,
    };
    let (Some(before), Some(after)) = (m.baseline(), m.last_reported()) else {
        out.not_analysed = Some("needs a reported baseline and a later reported mean".into());
        return Ok(out);
    };
    let n = match (after.n.value(), m.n.value()) {
        (Some(n), _) | (None, Some(n)) => f64::from(*n),
        _ => {
            out.not_analysed = Some("n not reported".into());
            return Ok(out);
        }
    };
    let (Some(bm), Some(am)) = (before.mean.value(), after.mean.value()) else {
        out.not_analysed = Some("a mean is not reported".into());
        return Ok(out);
    };
    let (Some(bs), Some(as_)) = (before.spread.value(), after.spread.value()) else {
        out.not_analysed =
            Some("a spread (SD or SEM) is not reported, so no test or interval".into());
        return Ok(out);
    };
    let (bsd, reading) = spread_as_sd(m.dispersion, bs.value, n);
    let (asd, _) = spread_as_sd(m.dispersion, as_.value, n);
    let location = format!("{}: measures[{}]", study.path.display(), m.id);
    let (r, source) = prepost::pick_r(m.correlation.value().copied(), options.r);
    let claim = match m.claim.significant.value() {
        Some(true) => Claim::Significant,
        Some(false) => Claim::NotSignificant,
        None => Claim::NotReported,
    };
    let label = format!("{} ({} → {})", m.label, before.id, after.id);
    // Numbers the paired test cannot take (n = 1, a change with no spread at all) leave this
    // measure unanalysed with the reason; the rest of the study and the run go on.
    let analysed = prepost::paired_summary(&location, n, (bm.value, bsd), (am.value, asd))
        .and_then(|summary| {
            let analysis = prepost::analyse(
                &label,
                &summary,
                (r, source),
                &options.r_grid,
                options.level,
                claim,
            )?;
            Ok((summary, analysis))
        });
    let (summary, analysis) = match analysed {
        Ok(done) => done,
        Err(e) => {
            // An option's name (`--r`) means nothing in a report of the data; the place is
            // the measure, named in the heading.
            let why = match e {
                crate::error::Error::Input { location, message } if location.starts_with("--") => {
                    message
                }
                other => other.to_string(),
            };
            out.spread_reading = reading;
            out.not_analysed = Some(format!("no paired test: {why}"));
            return Ok(out);
        }
    };
    let summary = PrePostSummary {
        r: Some(r),
        ..summary
    };
    out.spread_reading = reading;
    out.analysis = Some(analysis);
    out.summary = Some(summary);
    for code in [MeasureCode::MC, MeasureCode::SMCR, MeasureCode::SMCC] {
        // A measure can be outside what a code allows (SMCR with a zero before SD); the
        // others still stand, and the reason is kept.
        match effect::pre_post(code, &summary, options.level) {
            Ok(e) => out.effects.push(e),
            Err(e) => {
                let note = format!("{code} not computed: {e}");
                out.not_analysed = Some(match out.not_analysed.take() {
                    Some(prev) => format!("{prev}; {note}"),
                    None => note,
                });
            }
        }
    }
    Ok(out)
}

/// The event rates a confirmatory trial would compare, taken from a study's before/after
/// rate measure (a unit "per year"): the rate before treatment stands for the control arm,
/// the rate after it for the treated arm. The dispersion and the follow-up are not in such a
/// report and are said to be assumed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedRateEffect {
    pub study: String,
    pub measure_id: String,
    pub unit: String,
    /// The before rate as printed (the control rate).
    pub control: String,
    /// The after rate as printed.
    pub treatment: String,
    pub rate_control: f64,
    /// after / before.
    pub rate_ratio: f64,
    pub n: Option<u32>,
}

impl PlannedRateEffect {
    /// One line saying where the rates come from.
    pub fn provenance(&self) -> String {
        let n = self
            .n
            .map_or_else(|| "n not reported".to_string(), |n| format!("{n} patients"));
        format!(
            "rate-control = {} {} and rate-ratio = {} / {} = {}: reported ({}, measures.{}: before vs after treatment, {n}; a single-arm before/after comparison, used as control vs treatment)",
            self.control,
            self.unit,
            self.treatment,
            self.control,
            h(self.rate_ratio),
            self.study,
            self.measure_id
        )
    }
}

/// The rates of `measure_id` of `study` (or of its first measure whose unit is per year),
/// refused naming `--from-study` when there is none, or its means are not both reported and
/// greater than 0.
pub fn planned_rate_effect(study: &Study, measure_id: Option<&str>) -> Result<PlannedRateEffect> {
    use crate::error::Error;
    let found = study.measures.iter().find(|m| match measure_id {
        Some(id) => m.id == id,
        None => m.unit.contains("per year"),
    });
    let Some(m) = found else {
        let ids: Vec<&str> = study.measures.iter().map(|m| m.id.as_str()).collect();
        return Err(Error::input(
            "--from-study",
            match measure_id {
                Some(id) => format!(
                    "study '{}' has no measure '{id}'; its measures: {}",
                    study.id,
                    ids.join(", ")
                ),
                None => format!(
                    "study '{}' has no rate measure (unit per year); give --measure (its measures: {}) or the rates",
                    study.id,
                    ids.join(", ")
                ),
            },
        ));
    };
    let (Some(before), Some(after)) = (m.baseline(), m.last_reported()) else {
        return Err(Error::input(
            "--from-study",
            format!(
                "study '{}', measure '{}': the means before and after are not both reported",
                study.id, m.id
            ),
        ));
    };
    let (Some(b), Some(a)) = (before.mean.value(), after.mean.value()) else {
        return Err(Error::input(
            "--from-study",
            format!(
                "study '{}', measure '{}': a mean is not reported",
                study.id, m.id
            ),
        ));
    };
    if !(b.value > 0.0 && a.value > 0.0) {
        return Err(Error::input(
            "--from-study",
            format!(
                "study '{}', measure '{}': rates {} and {}; both must be greater than 0 for a rate ratio",
                study.id, m.id, b.text, a.text
            ),
        ));
    }
    Ok(PlannedRateEffect {
        study: study.id.clone(),
        measure_id: m.id.clone(),
        unit: m.unit.clone(),
        control: b.text.clone(),
        treatment: a.text.clone(),
        rate_control: b.value,
        rate_ratio: a.value / b.value,
        n: m.n.value().copied(),
    })
}
