//! What each measure's `±` means, decided once per study from the study's own numbers
//! (see [`crate::reading`]) and then used by everything else the analysis computes.
//!
//! For each measure (single-group or per-arm) whose time points print a spread, the evidence
//! is gathered: the scale of every printed mean ± spread (bounds, GRIMMER); for a single
//! group, what the document prints about the change (`change`) and its claim of
//! significance; for the arms of a trial, the document's own comparisons
//! (`[[arm_measures.comparisons]]`) and the measure's claim. The measure's verdict follows
//! from [`crate::reading::decide`]; a measure whose own numbers leave it undecided takes the
//! reading the rest of the document was decided to have, when that is agreed
//! ([`crate::reading::adopt_document_reading`]).
//!
//! [`resolve`] gives the study with each measure's `dispersion` set to its verdict's kind,
//! which the rest of the analysis (effects, SPRITE, GRIMMER, charts, pooling) uses.

use super::AnalysisOptions;
use crate::checks::{CheckName, Finding, Status};
use crate::error::Result;
use crate::reading::change::{BeforeAfter, PrintedChange};
use crate::reading::comparison::{
    Group, Groups, PrintedComparison, fewer_patients_fitting, not_checked_with_fewer_patients,
};
use crate::reading::{self, Evidence, PrintedTest, Reading, SpreadReading, Verdict};
use crate::reported::{Adjusted, ReportedP, SpreadKind};
use crate::study::{ArmMeasure, ArmValues, Measure, ReportedChange, SdDivisor, Study};
use serde::Serialize;

/// The decided meaning of one measure's `±`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureReading {
    /// The measure's id (single-group and per-arm measures share the study's id space).
    pub measure: String,
    pub reading: SpreadReading,
    /// For an undecided reading: what the SEM reading would change in the conclusion (a
    /// significance or the side of 0 an interval lies on), when it changes it.
    pub alternative: Option<String>,
}

impl MeasureReading {
    /// The reading in words for the report: the reason, and how the SD follows from it.
    pub fn describe(&self) -> String {
        let r = &self.reading;
        match r.verdict {
            Verdict::Sd => r.reason.clone(),
            Verdict::Sem => format!("{}; each SD = SEM·√n", r.reason),
            Verdict::AdjustedSe => format!(
                "{}; each SD taken as SE·√n, an approximation (an adjusted mean's SE also carries the model's adjustment)",
                r.reason
            ),
            Verdict::Undecided => match &self.alternative {
                Some(alt) => format!("{}; {alt}", r.reason),
                None => r.reason.clone(),
            },
            // Nothing after it reads ± either way ([`withhold_contradicted`]).
            Verdict::Contradicted => format!("CONTRADICTED: {}", r.reason),
        }
    }

    /// The reading every other result of the analysis uses: the decided one; for a
    /// contradicted label, the label (the finding says it is contradicted); else an SD.
    pub fn used(&self) -> Reading {
        self.reading
            .verdict
            .reading()
            .unwrap_or(match self.reading.kind() {
                SpreadKind::Sem => Reading::Sem,
                SpreadKind::Sd | SpreadKind::NotReported => Reading::Sd,
            })
    }

    /// A short line for a chart: `± read as the SE of an adjusted mean: ...`.
    pub fn headline(&self) -> String {
        let r = &self.reading;
        let chosen = r
            .verdict
            .reading()
            .and_then(|x| r.summary_of(x))
            .and_then(|s| s.short.first().cloned());
        let excluded: Vec<String> = r
            .readings
            .iter()
            .filter(|s| s.fit == reading::Fit::Excluded)
            // The SEM and the SE of an adjusted mean give the same SD: one of them is enough.
            .filter(|s| !(s.reading == Reading::Sem && r.verdict == Verdict::AdjustedSe))
            .filter_map(|s| Some(format!("as {}: {}", s.reading.as_str(), s.short.first()?)))
            .collect();
        match (r.verdict, chosen) {
            (Verdict::Undecided, _) => match &self.alternative {
                Some(alt) => format!("± not specified and not decided by the numbers: read as SD; {alt}"),
                None => "± not specified and not decided by the numbers: read as SD (as SEM every SD would be √n times larger and the intervals wider, the conclusion the same)".to_string(),
            },
            (Verdict::Contradicted, _) => format!(
                "± contradicted (read as {}): {}",
                self.used().as_str(),
                r.reason
            ),
            (v, Some(why)) => {
                let mut s = format!("± read as {} ({why})", v.as_str());
                if r.stated == SpreadKind::NotReported && !excluded.is_empty() {
                    s.push_str(&format!("; {}", excluded.join("; ")));
                }
                s
            }
            (v, None) => format!("± read as {}", v.as_str()),
        }
    }
}

/// A printed change's numbers as evidence: an SD that divides by n is made an n − 1 SD.
fn printed_change(change: &ReportedChange, n: f64, claim: Option<(bool, f64)>) -> PrintedChange {
    let sd = change.sd.as_ref().map(|sd| {
        let f = match change.sd_divisor {
            SdDivisor::NMinusOne => 1.0,
            SdDivisor::N => (n / (n - 1.0)).sqrt(),
        };
        let half = sd.half_unit();
        (
            sd.value * f,
            ((sd.value - half).max(0.0) * f, (sd.value + half) * f),
        )
    });
    PrintedChange {
        mean: change.mean.clone(),
        sd,
        se: change.se.clone(),
        test: PrintedTest {
            ci: change.ci.clone(),
            t: change.t.clone(),
            p: change.p.as_ref().map(|p| ReportedP {
                relation: crate::reported::Relation::Eq,
                number: p.clone(),
            }),
            claim,
        },
    }
}

/// The claim of a measure as (significant, α), when it makes one.
fn claim_of(claim: &crate::study::Claim, options: &AnalysisOptions) -> Option<(bool, f64)> {
    claim
        .significant
        .value()
        .map(|&s| (s, options.level.alpha()))
}

fn measure_evidence(
    m: &Measure,
    options: &AnalysisOptions,
    readings: &[Reading],
) -> Result<Vec<Evidence>> {
    let mut out = Vec::new();
    for t in &m.timepoints {
        let (Some(mean), Some(spread), Some(&n)) = (t.mean.value(), t.spread.value(), t.n.value())
        else {
            continue;
        };
        if let Some(scale) = t.scale_in(m) {
            out.extend(reading::scale::evidence(
                &t.id,
                mean,
                spread,
                u64::from(n),
                scale,
                options.rounding,
                readings,
            )?);
        }
    }
    let (Some(before), Some(after)) = (m.baseline(), m.last_reported()) else {
        return Ok(out);
    };
    let n = after.n.value().copied();
    if let (Some(bm), Some(bs), Some(am), Some(as_), Some(n)) = (
        before.mean.value(),
        before.spread.value(),
        after.mean.value(),
        after.spread.value(),
        n,
    ) {
        if n >= 2 {
            let claim = claim_of(&m.claim, options);
            let printed = match &m.change {
                Some(c) => printed_change(c, f64::from(n), claim),
                None => PrintedChange {
                    test: PrintedTest {
                        claim,
                        ..PrintedTest::default()
                    },
                    ..PrintedChange::default()
                },
            };
            let group = BeforeAfter {
                before: (bm.clone(), bs.clone()),
                after: (am.clone(), as_.clone()),
                n: u64::from(n),
            };
            out.extend(reading::change::evidence(&group, &printed));
        }
    }
    Ok(out)
}

/// The n's a comparison of arms is read at, where the file gives an arm's values no n of
/// their own, only the arm's ([`ArmSeries::n_of_arm`](crate::study::ArmSeries)): a row
/// measuring a subset of the arm has fewer.
#[derive(Debug, Clone, Copy)]
enum ArmNs {
    /// The arm's n, as the file gives it.
    AsFiled,
    /// This share of the arm's n ([`fewer_patients_fitting`]).
    Share(f64),
    /// No such arm is compared: its n is not known.
    LeftOut,
}

/// The group of `arm` at time point `tp` of `m`, when its mean, spread and n are printed, at
/// the n's `ns` says.
fn arm_group(m: &ArmMeasure, arm: &str, tp: &str, ns: ArmNs) -> Option<Group> {
    let g = arm_group_or_why(m, arm, tp).ok()?;
    if !m.series(arm)?.n_of_arm {
        return Some(g);
    }
    match ns {
        ArmNs::AsFiled => Some(g),
        ArmNs::Share(share) => Some(g.with_n_scaled(share)).filter(|g| g.n >= 2),
        ArmNs::LeftOut => None,
    }
}

/// The group of `arm` at time point `tp` of `m`; else what it lacks, in words (`the n of
/// placebo is not reported`).
pub(super) fn arm_group_or_why(
    m: &ArmMeasure,
    arm: &str,
    tp: &str,
) -> std::result::Result<Group, String> {
    let s = m
        .series(arm)
        .ok_or_else(|| format!("{arm} prints no numbers for this measure"))?;
    let t = s
        .timepoint(tp)
        .ok_or_else(|| format!("{arm} prints nothing at {tp}"))?;
    let lacks = |what: &str| format!("{arm}'s {what} is not reported ({})", t.name());
    let n = *t.n.value().ok_or_else(|| lacks("n"))?;
    let mean = t.mean.value().ok_or_else(|| lacks("mean"))?;
    let spread = t.spread.value().ok_or_else(|| lacks("±"))?;
    Group::new(mean.clone(), spread.clone(), u64::from(n), arm).map_err(|e| e.to_string())
}

/// The evidence of a per-arm measure, and whether some comparison may be adjusted.
fn arm_measure_evidence(
    study: &Study,
    m: &ArmMeasure,
    options: &AnalysisOptions,
    ns: ArmNs,
) -> Result<(Vec<Evidence>, bool)> {
    let control = study
        .control_arm()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let mut comparisons = printed_arm_comparisons(m, &control, ns);
    add_measure_claim(m, &control, options, ns, &mut comparisons);
    let adjusted_possible = comparisons.iter().any(|(_, _, a)| *a != Adjusted::No);
    let readings = reading::candidates(adjusted_possible);
    let mut out = Vec::new();
    for series in &m.arms {
        if m.values == ArmValues::ChangeFromBaseline {
            break;
        }
        for t in &series.timepoints {
            let (Some(mean), Some(spread), Some(&n)) =
                (t.mean.value(), t.spread.value(), t.n.value())
            else {
                continue;
            };
            if let Some(scale) = t.scale.as_ref().or(m.scale.as_ref()) {
                let what = format!("{} of {}", t.id, series.arm);
                out.extend(reading::scale::evidence(
                    &what,
                    mean,
                    spread,
                    u64::from(n),
                    scale,
                    options.rounding,
                    &readings,
                )?);
            }
        }
    }
    for (groups, printed, adjusted) in &comparisons {
        out.extend(reading::comparison::evidence(groups, printed, *adjusted));
    }
    Ok((out, adjusted_possible))
}

/// A comparison of an arm with the control as the document prints it: the two groups, what
/// is printed, and whether it is adjusted.
type ArmComparisonPrinted = (Groups, PrintedComparison, Adjusted);

/// The printed comparisons of `m` whose arm and `control` both print a mean, spread and n.
fn printed_arm_comparisons(m: &ArmMeasure, control: &str, ns: ArmNs) -> Vec<ArmComparisonPrinted> {
    let mut comparisons: Vec<ArmComparisonPrinted> = Vec::new();
    for c in &m.comparisons {
        let (Some(g1), Some(g2)) = (
            arm_group(m, &c.arm, &c.timepoint, ns),
            arm_group(m, control, &c.timepoint, ns),
        ) else {
            continue;
        };
        comparisons.push((
            Groups::Two(g1, g2),
            PrintedComparison {
                difference: c.difference.clone(),
                spread: c.spread.clone(),
                test: PrintedTest {
                    ci: c.ci.clone(),
                    p: c.p.clone(),
                    t: c.t.clone(),
                    claim: None,
                },
            },
            c.adjusted,
        ));
    }
    comparisons
}

/// Add the measure's claim to `comparisons`: to the printed comparison at the last time
/// point, else as a comparison of its own, when the claim can be placed (see below).
fn add_measure_claim(
    m: &ArmMeasure,
    control: &str,
    options: &AnalysisOptions,
    ns: ArmNs,
    comparisons: &mut Vec<ArmComparisonPrinted>,
) {
    // The measure's claim is about the comparison at the last time point, when the trial has
    // one arm besides the control and the values are compared there directly (changes from
    // baseline, or a score reported once).
    let others: Vec<&str> = m
        .arms
        .iter()
        .map(|s| s.arm.as_str())
        .filter(|a| *a != control)
        .collect();
    let direct =
        m.values == ArmValues::ChangeFromBaseline || m.arms.iter().all(|s| s.timepoints.len() == 1);
    if let (Some(claim), [arm], true) = (claim_of(&m.claim, options), others.as_slice(), direct) {
        let last = m
            .arms
            .first()
            .and_then(|s| s.timepoints.last())
            .map(|t| t.id.clone());
        if let Some(tp) = last {
            match m
                .comparisons
                .iter()
                .position(|c| c.arm == *arm && c.timepoint == tp)
            {
                Some(i) => {
                    if let Some(found) = comparisons.get_mut(i) {
                        found.1.test.claim = Some(claim);
                    }
                }
                None => {
                    if let (Some(g1), Some(g2)) =
                        (arm_group(m, arm, &tp, ns), arm_group(m, control, &tp, ns))
                    {
                        comparisons.push((
                            Groups::Two(g1, g2),
                            PrintedComparison {
                                test: PrintedTest {
                                    claim: Some(claim),
                                    ..PrintedTest::default()
                                },
                                ..PrintedComparison::default()
                            },
                            Adjusted::NotReported,
                        ));
                    }
                }
            }
        }
    }
}

/// The reading of the arm measure `m`, its comparisons read at the n's `ns` says.
fn arm_measure_reading(
    study: &Study,
    m: &ArmMeasure,
    options: &AnalysisOptions,
    ns: ArmNs,
) -> Result<SpreadReading> {
    let (evidence, adjusted_possible) = arm_measure_evidence(study, m, options, ns)?;
    Ok(reading::decide(
        m.dispersion,
        &reading::candidates(adjusted_possible),
        evidence,
    ))
}

/// The reading of `m`, `contradicted` at its arms' n's, without the comparisons that fewer
/// of the arms' patients make hold, where the file gives their values no n of their own
/// ([`fewer_patients_fitting`]): the row's n is what the text leaves out, and what it
/// contradicts is not known. `None` where the contradiction stands, as it does where another
/// reading gives the printed comparison at the arms' n's
/// ([`SpreadReading::another_reading_reproduces`]).
fn unchecked_at_arms_ns(
    study: &Study,
    m: &ArmMeasure,
    options: &AnalysisOptions,
    contradicted: &SpreadReading,
) -> Result<Option<SpreadReading>> {
    if contradicted.another_reading_reproduces() {
        return Ok(None);
    }
    let arms_ns: Vec<u64> = m
        .arms
        .iter()
        .filter(|s| s.n_of_arm)
        .filter_map(|s| s.n.value().map(|&n| u64::from(n)))
        .collect();
    let (n1, n2) = match arms_ns[..] {
        [n] => (n, n),
        [n1, n2, ..] => (n1, n2),
        [] => return Ok(None),
    };
    let share = fewer_patients_fitting(n1, n2, &mut |share| {
        Ok(!arm_measure_reading(study, m, options, ArmNs::Share(share))?.is_contradicted())
    })?;
    let Some(share) = share else {
        return Ok(None);
    };
    let mut unchecked = arm_measure_reading(study, m, options, ArmNs::LeftOut)?;
    unchecked.reason = format!(
        "{}; the printed comparison is not checked: {}",
        unchecked.reason,
        not_checked_with_fewer_patients(&contradicted.reason, (n1, n2), share)
    );
    Ok(Some(unchecked))
}

/// Why a measure whose `±` the document's own numbers contradict gets no result that rests on
/// reading `±` one way (a paired test, an SMD, an interval from the arms' spreads): any such
/// number would say what the document contradicts. The document's own comparison, as printed,
/// still stands.
pub const WITHHELD_AS_CONTRADICTED: &str = "the document's own numbers contradict what its label says ± is (above): no test, interval or effect size from the ± is computed until a person decides what ± is and sets `dispersion`";

/// Withholds, from each measure and per-arm measure whose reading is contradicted, every
/// result that rests on reading its `±`: the paired analysis and its effects, the
/// comparisons from the arms' values and changes; the comparisons the document prints stay
/// ([`WITHHELD_AS_CONTRADICTED`] says why in `not_analysed`).
pub fn withhold_contradicted(
    readings: &[MeasureReading],
    measures: &mut [super::measures::MeasureAnalysis],
    arms: &mut [super::arms::ArmItemAnalysis],
) {
    let contradicted = |id: &str| {
        readings
            .iter()
            .any(|r| r.measure == id && r.reading.is_contradicted())
    };
    for m in measures.iter_mut().filter(|m| contradicted(&m.id)) {
        m.analysis = None;
        m.summary = None;
        m.effects.clear();
        m.not_analysed = Some(WITHHELD_AS_CONTRADICTED.to_string());
    }
    for a in arms.iter_mut().filter(|a| contradicted(&a.id)) {
        a.comparisons
            .retain(|c| matches!(c.basis, super::arms::ArmBasis::Printed { .. }));
        a.not_analysed = Some(WITHHELD_AS_CONTRADICTED.to_string());
    }
}

/// The decided reading of every measure of `study` whose time points print a spread.
pub fn read_spreads(study: &Study, options: &AnalysisOptions) -> Result<Vec<MeasureReading>> {
    let mut out = Vec::new();
    for m in &study.measures {
        if !m.timepoints.iter().any(|t| t.spread.is_reported()) {
            continue;
        }
        let readings = reading::candidates(false);
        let evidence = measure_evidence(m, options, &readings)?;
        out.push(MeasureReading {
            measure: m.id.clone(),
            reading: reading::decide(m.dispersion, &readings, evidence),
            alternative: None,
        });
    }
    for m in &study.arm_measures {
        if !m
            .arms
            .iter()
            .flat_map(|s| s.timepoints.iter())
            .any(|t| t.spread.is_reported())
        {
            continue;
        }
        let mut decided = arm_measure_reading(study, m, options, ArmNs::AsFiled)?;
        if decided.is_contradicted() {
            if let Some(unchecked) = unchecked_at_arms_ns(study, m, options, &decided)? {
                decided = unchecked;
            }
        }
        out.push(MeasureReading {
            measure: m.id.clone(),
            reading: decided,
            alternative: None,
        });
    }
    // One document prints ± one way: the unlabelled measures decided by their own numbers
    // settle the undecided ones, when they agree. A labelled one does not: a label speaks for
    // its own row (`LSM (SE) change` beside observed means whose ± is an SD).
    let decided: Vec<(String, Reading)> = out
        .iter()
        .filter(|mr| mr.reading.stated == SpreadKind::NotReported)
        .filter_map(|mr| Some((mr.measure.clone(), mr.reading.verdict.reading()?)))
        .collect();
    Ok(out
        .into_iter()
        .map(|mr| {
            let others: Vec<(String, Reading)> = decided
                .iter()
                .filter(|(id, _)| *id != mr.measure)
                .cloned()
                .collect();
            MeasureReading {
                reading: reading::adopt_document_reading(mr.reading, &others),
                measure: mr.measure,
                alternative: None,
            }
        })
        .collect())
}

/// `study` with each measure's `dispersion` set to the kind its verdict reads `±` as.
pub fn resolve(study: &Study, readings: &[MeasureReading]) -> Study {
    let mut out = study.clone();
    let kind_of = |id: &str| {
        readings
            .iter()
            .find(|r| r.measure == id)
            .map(|r| r.reading.kind())
    };
    for m in &mut out.measures {
        if let Some(k) = kind_of(&m.id) {
            m.dispersion = k;
        }
    }
    for m in &mut out.arm_measures {
        if let Some(k) = kind_of(&m.id) {
            m.dispersion = k;
        }
    }
    out
}

/// One finding per measure: its verdict and why; a contradicted one is an inconsistency.
pub fn findings(study: &Study, readings: &[MeasureReading]) -> Vec<Finding> {
    readings
        .iter()
        .map(|mr| Finding {
            study: study.id.clone(),
            measure: mr.measure.clone(),
            timepoint: None,
            check: CheckName::SpreadReading,
            status: match mr.reading.verdict {
                Verdict::Contradicted => Status::Inconsistent,
                Verdict::Undecided => Status::NotApplicable,
                _ => Status::Consistent,
            },
            detail: format!(
                "verdict {}: {}",
                mr.reading.verdict.as_str(),
                mr.reading.reason
            ),
        })
        .collect()
}

/// For each undecided measure, whether reading ± as an SEM instead of an SD changes a
/// conclusion: a paired test's significance at the r used, or whether an arm's MD or SMD
/// interval excludes 0. Said in [`MeasureReading::alternative`] (and so in the report and on
/// the charts).
pub fn note_alternatives(
    study: &Study,
    readings: &mut [MeasureReading],
    measures: &[super::MeasureAnalysis],
    arms: &[super::ArmItemAnalysis],
    options: &AnalysisOptions,
) -> Result<()> {
    let h = crate::output::human_number;
    for mr in readings.iter_mut() {
        if mr.reading.verdict != Verdict::Undecided {
            continue;
        }
        let mut as_sem = study.clone();
        for m in &mut as_sem.measures {
            if m.id == mr.measure {
                m.dispersion = SpreadKind::Sem;
            }
        }
        for m in &mut as_sem.arm_measures {
            if m.id == mr.measure {
                m.dispersion = SpreadKind::Sem;
            }
        }
        let mut notes = Vec::new();
        if let (Some(m), Some(now)) = (
            as_sem.measures.iter().find(|m| m.id == mr.measure),
            measures.iter().find(|m| m.id == mr.measure),
        ) {
            let alt = super::measures::analyse_measure(&as_sem, m, options)?;
            if let (Some(a), Some(b)) = (&now.analysis, &alt.analysis) {
                let sig = |t: &crate::prepost::PairedTest| t.p <= options.level.alpha();
                if sig(&a.at_assumed_r) != sig(&b.at_assumed_r) {
                    notes.push(format!(
                        "as an SEM the paired test at r = {} would give p = {} instead of {}: the conclusion depends on what ± is",
                        h(b.at_assumed_r.r),
                        h(b.at_assumed_r.p),
                        h(a.at_assumed_r.p)
                    ));
                }
            }
        }
        if let Some(now) = arms.iter().find(|a| a.id == mr.measure) {
            let alt = super::arms::analyse_arms(&as_sem, options);
            if let Some(alt) = alt.iter().find(|a| a.id == mr.measure) {
                notes.extend(arm_alternatives(now, alt));
            }
        }
        if !notes.is_empty() {
            mr.alternative = Some(notes.join("; "));
        }
    }
    Ok(())
}

/// What reading the ± of arms `now` as an SEM instead (`alt`, the same arms so analysed) changes
/// in their comparisons: an SMD's size, or whether an MD's or SMD's interval excludes 0.
fn arm_alternatives(now: &super::ArmItemAnalysis, alt: &super::ArmItemAnalysis) -> Vec<String> {
    let h = crate::output::human_number;
    // An effect's interval as printed in a note: `[lower, upper]`, `?` for a bound not computed.
    let interval = |x: &crate::effect::EffectSize| {
        format!(
            "[{}, {}]",
            x.ci_lower.map_or("?".into(), h),
            x.ci_upper.map_or("?".into(), h)
        )
    };
    let mut notes = Vec::new();
    for (c_now, c_alt) in now.comparisons.iter().zip(&alt.comparisons) {
        for e in &c_now.effects {
            let Some(f) = c_alt.effects.iter().find(|f| f.measure == e.measure) else {
                continue;
            };
            let excludes = |x: &crate::effect::EffectSize| match (x.ci_lower, x.ci_upper) {
                (Some(lo), Some(hi)) => lo > 0.0 || hi < 0.0,
                _ => false,
            };
            // A standardised difference divides by the SD: read as an SEM,
            // every SD is √n times larger and the SMD itself about √n times
            // smaller, whatever its interval says (22.7 as an SD is 0.57 as an
            // SEM at n = 1,600 an arm): its size depends on what ± is.
            let smd_size_changes = e.measure == crate::effect::MeasureCode::SMD
                && (e.estimate - f.estimate).abs() > 0.01 * e.estimate.abs().max(f.estimate.abs());
            if smd_size_changes {
                notes.push(format!(
                    "as an SEM the SMD of {} would be {} {} instead of {} {}: its size depends on what ± is",
                    c_now.arm,
                    h(f.estimate),
                    interval(f),
                    h(e.estimate),
                    interval(e)
                ));
            } else if matches!(
                e.measure,
                crate::effect::MeasureCode::MD | crate::effect::MeasureCode::SMD
            ) && excludes(e) != excludes(f)
            {
                notes.push(format!(
                    "as an SEM the {} of {} would be {} {} instead of {}: the conclusion depends on what ± is",
                    e.measure,
                    c_now.arm,
                    h(f.estimate),
                    interval(f),
                    interval(e)
                ));
            }
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::super::{AnalysisOptions, analyse_study};

    /// Made-up arms in the form of a large trial's abstract: each arm's mean change ± an
    /// unlabelled spread with its n, no comparison printed.
    fn two_large_arms() -> crate::study::Study {
        let arm = |id: &str, n: u32, control: bool, mean: &str, spread: &str| {
            format!(
                "[[arms]]\nid = \"{id}\"\nlabel = \"{id}\"\nn = {n}\ncontrol = {control}\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_measures.arms]]\narm = \"{id}\"\n[[arm_measures.arms.timepoints]]\nid = \"year_1\"\nwhen = \"year 1\"\nmean = \"{mean}\"\nspread = \"{spread}\"\n"
            )
        };
        let text = format!(
            "schema = 1\nid = \"made-up\"\ntitle = \"t\"\nsource_file = \"made-up.txt\"\ndocument = \"none\"\npublication = {{ title = \"not reported\", journal = \"not reported\", date = \"not reported\", doi = \"not reported\" }}\ndesign = \"parallel\"\npopulation = \"none\"\nintervention = \"none\"\n\n[[arm_measures]]\nid = \"weight_loss\"\nlabel = \"Weight lost\"\nunit = \"kg\"\ndispersion = \"not reported\"\ncorrelation = \"not reported\"\ndirection = \"higher is better\"\nclaim = {{ significant = \"not reported\", wording = \"none\" }}\nquote = \"q\"\nwhere = \"w\"\n\n{}\n{}",
            arm("placebo", 1587, true, "2.2", "0.1"),
            arm("drug", 1595, false, "5.8", "0.2")
        );
        crate::study::load_text(&text, "made-up.toml").unwrap()
    }

    #[test]
    fn an_undecided_spread_says_what_an_sem_would_make_of_the_smd() {
        let a = analyse_study(&two_large_arms(), &AnalysisOptions::default()).unwrap();
        let r = a
            .spread_readings
            .iter()
            .find(|r| r.measure == "weight_loss")
            .expect("the measure's reading");
        let alt = r.alternative.as_deref().unwrap_or_default();
        // Read as SEMs the SDs are 0.2·√1595 and 0.1·√1587: Hedges' g = J·(5.8 − 2.2)/s_p =
        // 0.56982 (s_p pooled on 3180 df, J = Γ(m/2)/(√(m/2)·Γ((m−1)/2)), m = 3180; Hedges
        // 1981, as metafor's escalc("SMD")), against about 22.7 read as SDs.
        assert!(
            alt.contains("as an SEM the SMD of drug would be 0.5698"),
            "{alt}"
        );
        assert!(alt.contains("its size depends on what ± is"), "{alt}");
        assert!(r.headline().contains(alt), "{}", r.headline());
    }
}
