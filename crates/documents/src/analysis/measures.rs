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
    /// The median with its quartiles and/or range as printed, when the time point reports
    /// one instead of mean ± spread (`median 4 (IQR 2–6)`).
    pub median: Option<String>,
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
    /// The SD of the change derived from what the document reports about it, and the r it
    /// implies (used instead of an assumed r when it lies in [−1, 1]).
    pub implied: Option<ImpliedCorrelation>,
    /// Time points reported as a median, converted to a mean and SD (method named), used by
    /// the analysis and its effects instead of a reported mean ± SD.
    pub conversions: Vec<super::medians::Conversion>,
    /// The summary as analysed (SDs after reading ±, with the r used).
    #[serde(skip)]
    pub summary: Option<PrePostSummary>,
}

/// The pre/post r implied by what a document reports about a measure's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpliedCorrelation {
    /// The SD of the change (dividing by n − 1).
    pub sd_change: f64,
    /// What it was derived from, in words: `the reported p = 0.03 of the change`.
    pub from: String,
    /// How, in words (the formula and the degrees of freedom).
    pub derivation: String,
    /// The r at the printed numbers: (SD_b² + SD_a² − SD_change²)/(2·SD_b·SD_a).
    pub r: f64,
    /// The smallest and largest r the printed SDs allow within their rounding.
    pub range: (f64, f64),
    /// Derived from a printed p alone, recomputed as a paired t test's: a signed-rank test's
    /// p, which the text may have used without naming it, implies no r.
    pub from_p_alone: bool,
}

impl ImpliedCorrelation {
    /// Whether some r in [−1, 1] fits the printed numbers within their rounding.
    pub fn is_possible(&self) -> bool {
        self.range.0 <= 1.0 && self.range.1 >= -1.0
    }
}

/// A printed spread read as an SD (as `kind` says), with the SDs at the ends of its rounding
/// interval (for checks that must allow for rounding).
pub(super) fn sd_with_rounding(
    kind: SpreadKind,
    spread: &crate::study::ReportedNumber,
    n: f64,
) -> (f64, (f64, f64)) {
    let sd = |v: f64| spread_as_sd(kind, v, n).0;
    let half = spread.half_unit();
    (
        sd(spread.value),
        (sd((spread.value - half).max(0.0)), sd(spread.value + half)),
    )
}

/// The SD of the change of `m` (n − 1 divisor) from what the document reports about it, with
/// its rounding interval (low, high) where the printed number is an SD or SE, what it came
/// from and how. The first of sd, se, interval, t, p that is given is used. `mean_change` is
/// the printed mean change, else after − before.
pub(super) fn change_sd(
    change: &crate::study::ReportedChange,
    n: f64,
    mean_change: f64,
) -> Result<(f64, (f64, f64), String, String)> {
    use crate::convert::{ChangeSource, Reference};
    use crate::study::SdDivisor;
    let root_n = n.sqrt();
    if let Some(sd) = &change.sd {
        // An SD that divides by n is √(n/(n − 1)) times smaller than the sample SD.
        let factor = match change.sd_divisor {
            SdDivisor::NMinusOne => 1.0,
            SdDivisor::N => (n / (n - 1.0)).sqrt(),
        };
        let half = sd.half_unit();
        let how = match change.sd_divisor {
            SdDivisor::NMinusOne => "as reported".to_string(),
            SdDivisor::N => format!("reported dividing by n; × √(n/(n − 1)) = {}", h(factor)),
        };
        return Ok((
            sd.value * factor,
            (
                (sd.value - half).max(0.0) * factor,
                (sd.value + half) * factor,
            ),
            format!("the reported SD = {} of the change", sd.text),
            how,
        ));
    }
    if let Some(se) = &change.se {
        let half = se.half_unit();
        return Ok((
            se.value * root_n,
            (
                (se.value - half).max(0.0) * root_n,
                (se.value + half) * root_n,
            ),
            format!("the reported SE = {} of the change", se.text),
            format!("SD = SE·√n with n = {}", h(n)),
        ));
    }
    let exact = |se: f64, from: String, how: String| {
        Ok((se * root_n, (se * root_n, se * root_n), from, how))
    };
    if mean_change == 0.0 && change.ci.is_none() && (change.t.is_some() || change.p.is_some()) {
        // SE = |mean change| / t: a change of exactly 0 has t = 0 and p = 1 whatever its SD.
        return Err(crate::error::Error::input(
            "change",
            "the mean change is 0, so a t or p of the change says nothing about its SD (t = 0 and p = 1 for any SD)",
        ));
    }
    // A CI, t or p goes through the one conversion (convert::change_sd: t on n − 1 df, the
    // Cochrane Handbook's formulas); its errors are named after the study's `change` field.
    let source = change_source(change, mean_change);
    if let Some((source, from)) = source {
        let derived =
            crate::convert::change_sd(n as u64, source, Reference::T).map_err(|e| match e {
                e @ trialstats_stats::Error::Refused(
                    crate::error::Refusal::Input { .. } | crate::error::Refusal::Field { .. },
                ) => crate::error::Error::input("change", e.into_message()),
                other => other.into(),
            })?;
        let method = if matches!(source, ChangeSource::Ci { .. }) {
            derived.method
        } else {
            format!(
                "{} (mean change {})",
                derived.method,
                h(derived.mean_change)
            )
        };
        return exact(derived.se, from, method);
    }
    Err(crate::error::Error::input(
        "change",
        "nothing reported to derive the SD of the change from",
    ))
}

/// The CI, t or p of the change (the first given) as a source for `convert::change_sd`, with
/// what it is in words; `None` when none is given.
fn change_source(
    change: &crate::study::ReportedChange,
    mean_change: f64,
) -> Option<(crate::convert::ChangeSource, String)> {
    use crate::convert::ChangeSource;
    if let Some((lo, hi, level)) = &change.ci {
        Some((
            ChangeSource::Ci {
                lower: lo.value,
                upper: hi.value,
                level: *level,
            },
            format!(
                "the reported {}% CI {} to {} of the change",
                h(level.percent()),
                lo.text,
                hi.text
            ),
        ))
    } else if let Some(t) = &change.t {
        Some((
            // Papers print |t|; its sign is the mean change's.
            ChangeSource::T {
                t: t.value.abs() * mean_change.signum(),
                mean_change,
            },
            format!("the reported t = {} of the change", t.text),
        ))
    } else {
        change.p.as_ref().map(|p| {
            (
                ChangeSource::P {
                    p: p.value,
                    mean_change,
                },
                format!("the reported p = {} of the change", p.text),
            )
        })
    }
}

/// The r implied by `change` with the before and after SDs (each with its rounding interval).
pub(super) fn implied_correlation(
    change: &crate::study::ReportedChange,
    n: f64,
    mean_change: f64,
    before_sd: (f64, (f64, f64)),
    after_sd: (f64, (f64, f64)),
) -> Result<Option<ImpliedCorrelation>> {
    let (sdc, sdc_range, from, derivation) = change_sd(change, n, mean_change)?;
    let Some(r) = prepost::implied_r(before_sd.0, after_sd.0, sdc) else {
        return Ok(None);
    };
    // r over the corners and middles of the rounding intervals of the three SDs.
    let points = |(x, (lo, hi)): (f64, (f64, f64))| [lo, x, hi];
    let mut range = (r, r);
    for b in points(before_sd) {
        for a in points(after_sd) {
            for c in points((sdc, sdc_range)) {
                if let Some(x) = prepost::implied_r(b, a, c) {
                    range = (range.0.min(x), range.1.max(x));
                }
            }
        }
    }
    let from_p_alone =
        change.sd.is_none() && change.se.is_none() && change.ci.is_none() && change.t.is_none();
    Ok(Some(ImpliedCorrelation {
        sd_change: sdc,
        from,
        derivation,
        r,
        range,
        from_p_alone,
    }))
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
///
/// ```
/// use trialstats_documents::analysis::measures::spread_as_sd;
/// use trialstats_documents::study::SpreadKind;
/// // An SEM of 0.4 in 16 patients is an SD of 0.4 · √16 = 1.6; an unstated ± is read as
/// // the SD, and the reading says an SEM would make it √16 = 4 times larger.
/// assert_eq!(spread_as_sd(SpreadKind::Sem, 0.4, 16.0).0, 1.6);
/// let (sd, reading) = spread_as_sd(SpreadKind::NotReported, 1.6, 16.0);
/// assert_eq!(sd, 1.6);
/// assert!(reading.contains("√16 = 4 times larger"));
/// ```
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

/// The mean and SD of one time point as the analysis uses them: a reported mean ± spread (±
/// read as `kind` says; the SD with its rounding interval), or a median converted by
/// [`super::medians`] (the SD without an interval: an estimate has no printed rounding).
pub(super) struct TimePointValues {
    pub(super) mean: f64,
    pub(super) sd: (f64, (f64, f64)),
    /// How ± was read (reported values only).
    pub(super) reading: Option<String>,
    pub(super) conversion: Option<super::medians::Conversion>,
}

/// The [`TimePointValues`] of `t` with `n` participants, or why there are none (the reason
/// printed as "not analysed").
pub(super) fn timepoint_mean_sd(
    kind: SpreadKind,
    t: &crate::study::TimePoint,
    n: f64,
    at: &str,
) -> std::result::Result<TimePointValues, String> {
    if t.median.is_some() {
        let converted = super::medians::convert_timepoint(t, n as u32, &t.id, at);
        return match converted {
            Some(Ok(c)) => Ok(TimePointValues {
                mean: c.estimate.mean,
                sd: (c.estimate.sd, (c.estimate.sd, c.estimate.sd)),
                reading: None,
                conversion: Some(c),
            }),
            Some(Err(e)) => Err(format!("the median of {} cannot be converted: {e}", t.id)),
            None => Err("a mean is not reported".into()),
        };
    }
    let Some(mean) = t.mean.value() else {
        return Err("a mean is not reported".into());
    };
    let Some(spread) = t.spread.value() else {
        return Err("a spread (SD or SEM) is not reported, so no test or interval".into());
    };
    Ok(TimePointValues {
        mean: mean.value,
        sd: sd_with_rounding(kind, spread, n),
        reading: Some(spread_as_sd(kind, spread.value, n).1),
        conversion: None,
    })
}

/// Why no paired test is computed where what the document reports about the change (`i`) no
/// r in [−1, 1] gives (its p of 0.0026 where even r = 1 gives 0.025: a rank test's p, or
/// numbers that do not add up): a test or interval at a chosen r would state what the printed
/// change contradicts. `None` where some r gives it.
fn no_r_gives(i: &ImpliedCorrelation) -> Option<String> {
    (!i.is_possible()).then(|| {
        format!(
            "{} is no paired t test's at any r in [−1, 1] (it implies r = {}): no paired test or interval at an assumed r is computed, as it would say what the document's own result contradicts{}",
            i.from,
            h(i.r),
            if i.from_p_alone {
                " (a rank test's p, which the text may have used without naming it, implies no r)"
            } else {
                ""
            }
        )
    })
}

/// Analyse measure `m` of `study`.
pub fn analyse_measure(
    study: &Study,
    m: &Measure,
    options: &AnalysisOptions,
) -> Result<MeasureAnalysis> {
    let mut out = unanalysed(m);
    if let Some(why) = m.unconfirmed_reason() {
        out.not_analysed = Some(why);
        return Ok(out);
    }
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
    let location = format!("{}: measures[{}]", study.path.display(), m.id);
    let mut values = Vec::new();
    for t in [before, after] {
        match timepoint_mean_sd(m.dispersion, t, n, &location) {
            Ok(v) => values.push(v),
            Err(why) => {
                out.not_analysed = Some(why);
                return Ok(out);
            }
        }
    }
    let (b, a) = (values.remove(0), values.remove(0));
    out.conversions = [&b.conversion, &a.conversion]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let (bm, bsd, am, asd) = (b.mean, b.sd.0, a.mean, a.sd.0);
    let reading = match (&b.reading, &a.reading) {
        (Some(r), _) | (None, Some(r)) => r.clone(),
        (None, None) => "mean and SD estimated from the reported medians (below)".to_string(),
    };
    // What the document reports about the change (an SD, SE, CI, t or p) implies r; that r
    // replaces a chosen or assumed one when it can be true.
    if let Some(change) = &m.change {
        let mean_change = change.mean.as_ref().map_or(am - bm, |d| d.value);
        match implied_correlation(change, n, mean_change, b.sd, a.sd) {
            Ok(found) => out.implied = found,
            Err(e) => {
                out.not_analysed = Some(format!("the SD of the change cannot be derived: {e}"))
            }
        }
    }
    if let Some(why) = out.implied.as_ref().and_then(no_r_gives) {
        out.spread_reading = reading;
        out.not_analysed = Some(why);
        return Ok(out);
    }
    let (r, source) = match (&out.implied, m.correlation.value()) {
        (Some(i), None) if (-1.0..=1.0).contains(&i.r) => (i.r, prepost::RSource::Implied),
        _ => prepost::pick_r(m.correlation.value().copied(), options.r),
    };
    let claim = match m.claim.significant.value() {
        Some(true) => Claim::Significant,
        Some(false) => Claim::NotSignificant,
        None => Claim::NotReported,
    };
    let label = format!("{} ({} → {})", m.label, before.name(), after.name());
    let paired = paired_test(
        &location,
        &label,
        n,
        [(bm, bsd), (am, asd)],
        (r, source),
        options,
        claim,
    );
    let (summary, analysis) = match paired {
        Ok(done) => done,
        Err(why) => {
            out.spread_reading = reading;
            out.not_analysed = Some(format!("no paired test: {why}"));
            return Ok(out);
        }
    };
    let summary = PrePostSummary {
        r: Some(r),
        ..summary
    };
    let mut analysis = analysis;
    if let (prepost::RSource::Implied, Some(i)) = (source, &out.implied) {
        analysis.r_source = format!("implied by {}", i.from);
    }
    out.spread_reading = reading;
    out.analysis = Some(analysis);
    out.summary = Some(summary);
    add_pre_post_effects(&mut out, &summary, options.level);
    Ok(out)
}

/// The analysis of `m` before anything is computed: its numbers as reported, nothing else.
fn unanalysed(m: &Measure) -> MeasureAnalysis {
    MeasureAnalysis {
        id: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        n: m.n.value().copied(),
        timepoints: m
            .timepoints
            .iter()
            .map(|t| TimePointSummary {
                label: t.name().to_string(),
                mean: t.mean.to_string(),
                spread: t.spread.to_string(),
                median: t.median.as_ref().map(|m| m.describe()),
            })
            .collect(),
        spread_reading: String::new(),
        analysis: None,
        effects: Vec::new(),
        not_analysed: None,
        implied: None,
        conversions: Vec::new(),
        summary: None,
    }
}

/// The paired test of a measure (`label`, placed at `location`) from its before and after
/// mean and SD, with its pre/post summary; the reason in words when the numbers cannot take
/// it.
fn paired_test(
    location: &str,
    label: &str,
    n: f64,
    [(bm, bsd), (am, asd)]: [(f64, f64); 2],
    (r, source): (f64, prepost::RSource),
    options: &AnalysisOptions,
    claim: Claim,
) -> std::result::Result<(PrePostSummary, CorrelationAnalysis), String> {
    // Numbers the paired test cannot take (n = 1, a change with no spread at all) leave this
    // measure unanalysed with the reason; the rest of the study and the run go on.
    let analysed = prepost::paired_summary(location, n, (bm, bsd), (am, asd)).and_then(|summary| {
        let analysis = prepost::analyse(
            label,
            &summary,
            (r, source),
            &options.r_grid,
            options.level,
            claim,
        )?;
        Ok((summary, analysis))
    });
    analysed.map_err(|e| {
        // An option's name (`--r`) means nothing in a report of the data; the place is
        // the measure, named in the heading.
        match e {
            trialstats_stats::Error::Refused(crate::error::Refusal::Input {
                location,
                message,
            }) if location.starts_with("--") || location.starts_with("{field:") => {
                crate::error::fields_named_plainly(&message)
            }
            other => other.to_string(),
        }
    })
}

/// Add the pre/post effects (MC, SMCR, SMCC) of `summary` to `out`; the reason of each one
/// that cannot be computed is added to its `not_analysed`.
fn add_pre_post_effects(
    out: &mut MeasureAnalysis,
    summary: &PrePostSummary,
    level: ConfidenceLevel,
) {
    for code in [MeasureCode::MC, MeasureCode::SMCR, MeasureCode::SMCC] {
        // A measure can be outside what a code allows (SMCR with a zero before SD); the
        // others still stand, and the reason is kept.
        match effect::pre_post(code, summary, level) {
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
        let n = self.n.map_or_else(
            || "n not reported".to_string(),
            |n| crate::output::count_of(n as usize, "patient", "patients"),
        );
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
        return Err(Error::field(
            "from_study",
            match measure_id {
                Some(id) => format!(
                    "study '{}' has no measure '{id}'; its measures: {}",
                    study.id,
                    ids.join(", ")
                ),
                None => format!(
                    "study '{}' has no rate measure (unit per year); give {{field:measure}} (its measures: {}) or the rates",
                    study.id,
                    ids.join(", ")
                ),
            },
        ));
    };
    let (Some(before), Some(after)) = (m.baseline(), m.last_reported()) else {
        return Err(Error::field(
            "from_study",
            format!(
                "study '{}', measure '{}': the means before and after are not both reported",
                study.id, m.id
            ),
        ));
    };
    let (Some(b), Some(a)) = (before.mean.value(), after.mean.value()) else {
        return Err(Error::field(
            "from_study",
            format!(
                "study '{}', measure '{}': a mean is not reported",
                study.id, m.id
            ),
        ));
    };
    if !(b.value > 0.0 && a.value > 0.0) {
        return Err(Error::field(
            "from_study",
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
