//! Between-arm effects of a trial: every arm compared with the control arm, with metafor's
//! `escalc` codes through [`crate::effect`] (group1 = the arm, group2 = the control).
//!
//! - A per-arm **score** at a time point: MD, SMD and ROM of the values at that time point;
//!   and, where both arms give the baseline (the first time point) and a later one, the
//!   **change-score forms**: MD and SMD of the within-arm changes, whose SDs come from the
//!   two SDs and the pre/post r (the reported one, else the run's `--r`, else the assumed
//!   default, said so): SD_change² = SD_b² + SD_a² − 2r·SD_b·SD_a (Cochrane Handbook 6.5.2.8).
//! - A per-arm **change from baseline** (as the document reports it): MD and SMD of the
//!   changes at each time point.
//! - A per-arm **count** of people out of a denominator: RR, OR, RD; over **person-time**:
//!   IRR and IRD.
//!
//! The ± of each arm is read as the data says (an SEM becomes an SD by × √n; an unstated ±
//! is read as an SD, and said so), as for single-group measures.

use super::AnalysisOptions;
use super::measures::{ImpliedCorrelation, implied_correlation, sd_with_rounding, spread_as_sd};
use super::medians::{Conversion, convert_timepoint};
use crate::effect::{self, EffectSize, GroupSummary, MeasureCode, PersonTime, TwoByTwo};
use crate::output::human_number as h;
use crate::prepost;
use crate::study::{ArmCount, ArmMeasure, ArmSeries, ArmValues, SpreadKind, Study, TimePoint};
use serde::Serialize;

/// What a comparison compares. Each time point is named as a reader calls it
/// ([`crate::study::TimePoint::name`]: the drafted `t1` by the time the document prints or a
/// reader gave it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ArmBasis {
    /// The scores at one time point.
    Values { timepoint: String },
    /// The within-arm changes from the baseline to `to`, with the pre/post r used.
    ChangeScores {
        from: String,
        to: String,
        r: f64,
        r_source: String,
        /// Arms whose change SD comes from what they report about the change (not from r),
        /// each in words: `low: SD 2.1 from the reported SE = 0.28 of the change`.
        derived: Vec<String>,
    },
    /// Changes from baseline up to `timepoint`, as the document reports them.
    ReportedChanges { timepoint: String },
    /// People with an event, out of each arm's denominator.
    Counts,
    /// Events over each arm's person-time.
    Rates,
    /// The document's own difference at `timepoint` with its ± (read as its SE) or CI, as
    /// printed (`[[arm_measures.comparisons]]`): adjusted, when the document's analysis was.
    /// `se_from`: where its SE comes from, in words (its ±, or its printed CI).
    Printed {
        timepoint: String,
        adjusted: String,
        se_from: String,
    },
}

impl ArmBasis {
    /// In words, for the report.
    pub fn describe(&self) -> String {
        match self {
            ArmBasis::Values { timepoint } => format!("values at {timepoint}"),
            ArmBasis::ChangeScores {
                from,
                to,
                r,
                r_source,
                derived,
            } => {
                let from_r = format!("change SD from r = {} ({r_source})", h(*r));
                match derived.len() {
                    0 => format!("change scores {from} → {to}, {from_r}"),
                    // Both arms of the comparison: r is not used.
                    2 => format!(
                        "change scores {from} → {to}, change SD of {}",
                        derived.join("; of ")
                    ),
                    _ => format!(
                        "change scores {from} → {to}, change SD of {}; of the others {from_r}",
                        derived.join("; of ")
                    ),
                }
            }
            ArmBasis::ReportedChanges { timepoint } => {
                format!("changes from baseline to {timepoint} as reported")
            }
            ArmBasis::Counts => "people with the event out of each arm's n".to_string(),
            ArmBasis::Printed {
                timepoint,
                adjusted,
                se_from,
            } => format!(
                "the document's own difference at {timepoint}, {se_from}; adjustment {adjusted}"
            ),
            ArmBasis::Rates => "events over each arm's person-time".to_string(),
        }
    }

    /// Whether this is the comparison `meta --data` pools for a per-arm item: the values or
    /// reported changes at a time point, or the counts; not the change-score forms, which
    /// rest on an r (they are in the report).
    pub fn is_direct(&self) -> bool {
        !matches!(
            self,
            ArmBasis::ChangeScores { .. } | ArmBasis::Printed { .. }
        )
    }
}

/// One arm against the control on one basis, with every effect that could be computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmComparison {
    /// The arm (group1).
    pub arm: String,
    /// The control arm (group2).
    pub control: String,
    pub basis: ArmBasis,
    pub effects: Vec<EffectSize>,
    /// Why an effect was not computed (a zero SD, means of different signs for ROM, ...).
    pub not_computed: Vec<String>,
    /// The time points of this comparison reported as a median, converted to a mean and SD
    /// (method named): the effects rest on these estimates.
    pub conversions: Vec<Conversion>,
}

/// A per-arm measure or count, analysed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmItemAnalysis {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// Every arm's numbers as printed, one line each (`placebo (n = 99): week_24 -6.35 ± 0.84`).
    pub reported: Vec<String>,
    /// How ± was read, in words (measures only).
    pub spread_reading: Option<String>,
    pub comparisons: Vec<ArmComparison>,
    /// The pre/post r implied by what an arm reports about its change, per arm.
    pub implied: Vec<(String, ImpliedCorrelation)>,
    /// Why nothing could be compared, when nothing could.
    pub not_analysed: Option<String>,
}

/// Every per-arm measure and count of `study`, compared with the control arm.
pub fn analyse_arms(study: &Study, options: &AnalysisOptions) -> Vec<ArmItemAnalysis> {
    let Some(control) = study.control_arm() else {
        return Vec::new();
    };
    let mut out: Vec<ArmItemAnalysis> = study
        .arm_measures
        .iter()
        .map(|m| analyse_arm_measure(m, &control.id, options))
        .collect();
    out.extend(
        study
            .arm_counts
            .iter()
            .map(|c| analyse_arm_count(c, &control.id, options)),
    );
    if !study.control_is_chosen() {
        // Three arms or more and no control the text names: each arm's numbers are shown,
        // but no comparison with a reference the document does not choose.
        for item in &mut out {
            item.comparisons.clear();
            item.not_analysed = Some(format!(
                "the text names no control among {} arms; '{}' is only the draft's reference (`control = \"review\"`), so no arm is compared with it: mark the arm the others are compared with `control = true`",
                study.arms.len(),
                control.id
            ));
        }
    }
    out
}

/// The r implied by what each arm of a score measure reports about its change (baseline to
/// the last time point the arm reports), as for a single-group measure.
fn implied_by_arm(m: &ArmMeasure) -> Vec<(String, ImpliedCorrelation)> {
    let mut out = Vec::new();
    for series in &m.arms {
        let Some(change) = &series.change else {
            continue;
        };
        let before = series.timepoints.first();
        let after = series
            .timepoints
            .iter()
            .skip(1)
            .rev()
            .find(|t| t.mean.is_reported() && t.spread.is_reported());
        let (Some(before), Some(after)) = (before, after) else {
            continue;
        };
        let (Some(bm), Some(bs), Some(am), Some(as_), Some(&n)) = (
            before.mean.value(),
            before.spread.value(),
            after.mean.value(),
            after.spread.value(),
            after.n.value(),
        ) else {
            continue;
        };
        let n = f64::from(n);
        let mean_change = change
            .mean
            .as_ref()
            .map_or(am.value - bm.value, |d| d.value);
        if let Ok(Some(i)) = implied_correlation(
            change,
            n,
            mean_change,
            sd_with_rounding(m.dispersion, bs, n),
            sd_with_rounding(m.dispersion, as_, n),
        ) {
            out.push((series.arm.clone(), i));
        }
    }
    out
}

/// How the ± of every arm is read, in words: as for a single-group measure, with each arm's
/// own √n when ± is not stated.
fn arm_spread_reading(m: &ArmMeasure) -> String {
    let root_n: Vec<String> = m
        .arms
        .iter()
        .filter_map(|s| {
            let n = f64::from(*s.n.value()?);
            Some(format!("√{} = {} for {}", h(n), h(n.sqrt()), s.arm))
        })
        .collect();
    match m.dispersion {
        SpreadKind::Sd => "± is the SD (as reported)".to_string(),
        SpreadKind::Sem => {
            "± is the SEM (as reported); each arm's SD = SEM·√n with its own n".to_string()
        }
        SpreadKind::NotReported if root_n.is_empty() => "± not specified in the document: read as SD (were it the SEM, each arm's SD would be √n times larger; no arm's n is reported)".to_string(),
        SpreadKind::NotReported => format!(
            "± not specified in the document: read as SD (were it the SEM, each arm's SD would be √n times larger: {})",
            root_n.join(", ")
        ),
    }
}

/// A time point's mean and SD (± read as `m.dispersion` says) with its n, when all three are
/// reported; or the mean and SD estimated from its median (see [`super::medians`]).
fn group(m: &ArmMeasure, series: &ArmSeries, t: &TimePoint) -> Option<GroupSummary> {
    let n = f64::from(*t.n.value()?);
    if let Some(c) = conversion(m, series, t) {
        return Some(GroupSummary {
            mean: c.estimate.mean,
            sd: c.estimate.sd,
            n,
        });
    }
    let mean = t.mean.value()?.value;
    let (sd, _) = spread_as_sd(m.dispersion, t.spread.value()?.value, n);
    Some(GroupSummary { mean, sd, n })
}

/// The mean and SD of time point `t` of arm `series` estimated from its median, when it
/// reports one and its n is known.
fn conversion(m: &ArmMeasure, series: &ArmSeries, t: &TimePoint) -> Option<Conversion> {
    converted(m, series, t)?.ok()
}

/// The conversion of time point `t`'s median (or why it cannot be converted), when it
/// reports one and its n is known.
fn converted(
    m: &ArmMeasure,
    series: &ArmSeries,
    t: &TimePoint,
) -> Option<crate::error::Result<Conversion>> {
    let n = *t.n.value()?;
    let name = format!("{}.{}", series.arm, t.id);
    let at = format!(
        "arm_measures[{}].arms[{}].timepoints[{}]",
        m.id, series.arm, t.id
    );
    convert_timepoint(t, n, &name, &at)
}

/// The conversions behind the time points `used` (arm, time point) of one comparison.
fn conversions(m: &ArmMeasure, used: &[(&ArmSeries, &TimePoint)]) -> Vec<Conversion> {
    used.iter()
        .filter_map(|(series, t)| conversion(m, series, t))
        .collect()
}

/// The effects `codes` of `g1` against `g2`; the reasons of those that cannot be computed.
fn compare(
    codes: &[MeasureCode],
    compute: impl Fn(MeasureCode) -> crate::error::Result<EffectSize>,
) -> (Vec<EffectSize>, Vec<String>) {
    let mut effects = Vec::new();
    let mut not_computed = Vec::new();
    for &code in codes {
        match compute(code) {
            Ok(e) => effects.push(e),
            Err(e) => not_computed.push(format!("{code} not computed: {e}")),
        }
    }
    (effects, not_computed)
}

fn analyse_arm_measure(
    m: &ArmMeasure,
    control: &str,
    options: &AnalysisOptions,
) -> ArmItemAnalysis {
    let level = options.level;
    let reported = reported_by_arm(m);
    // Medians with their quartiles or range print no ± to read.
    let prints_a_spread = m
        .arms
        .iter()
        .flat_map(|s| &s.timepoints)
        .any(|t| t.median.is_none() && t.spread.is_reported());
    let mut out = ArmItemAnalysis {
        id: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        reported,
        spread_reading: prints_a_spread.then(|| arm_spread_reading(m)),
        comparisons: Vec::new(),
        implied: implied_by_arm(m),
        not_analysed: None,
    };
    let Some(ctrl) = m.series(control) else {
        out.not_analysed = Some(format!("the control arm '{control}' is not reported"));
        return out;
    };
    let (r, r_source) = prepost::pick_r(m.correlation.value().copied(), options.r);
    let against = AgainstControl {
        m,
        ctrl,
        control,
        level,
    };
    for arm in m.arms.iter().filter(|s| s.arm != control) {
        out.comparisons.extend(direct_comparisons(&against, arm));
        // The change-score forms of a score: baseline (first time point) to the last time
        // point both arms report.
        if m.values != ArmValues::Score {
            continue;
        }
        if let Some(c) = change_score_comparison(&against, arm, &out.implied, r, r_source) {
            out.comparisons.push(c);
        }
    }
    out.comparisons
        .extend(printed_comparisons(m, control, level));
    if out.comparisons.is_empty() {
        out.not_analysed = Some(why_not_compared(m));
    }
    out
}

/// Why no arm could be compared with the control, as precisely as the file says: no arm's n
/// (a comparison needs each arm's), a median that its n does not let convert to a mean and
/// SD (the conversion's own reason), or no time point both print a mean, a spread and n.
fn why_not_compared(m: &ArmMeasure) -> String {
    let points = || {
        m.arms
            .iter()
            .flat_map(|s| s.timepoints.iter().map(move |t| (s, t)))
    };
    if points().all(|(_, t)| t.n.value().is_none()) {
        // The arms' n's given, each time point's said not reported (a row printing one n of
        // all the arms together): no arm's n at any of them.
        if m.arms.iter().any(|s| s.n.is_reported()) {
            return "no arm's n is reported at its time points (the file says `n = \"not reported\"` there): a comparison needs each arm's n at the time compared".to_string();
        }
        return "no arm's n is reported: a comparison needs each arm's n (set `n` of each arm)"
            .to_string();
    }
    for (s, t) in points() {
        if let Some(Err(e)) = converted(m, s, t) {
            return format!(
                "{}.{}'s median is not converted to a mean and SD: {e}",
                s.arm, t.id
            );
        }
    }
    "no time point at which an arm and the control both report a mean, a spread and n".to_string()
}

/// Each arm's time points as printed: `low (n = 12): before 5.1 ± 1.7; after 4.1 ± 1.6`.
fn reported_by_arm(m: &ArmMeasure) -> Vec<String> {
    m.arms
        .iter()
        .map(|s| {
            let tps: Vec<String> = s
                .timepoints
                .iter()
                .map(|t| {
                    // A time point's own n, where it differs from the arm's (or is not
                    // reported there).
                    let own = match (t.n.value(), s.n.value()) {
                        (Some(a), Some(b)) if a == b => String::new(),
                        (None, None) => String::new(),
                        (Some(a), _) => format!(" (n = {a})"),
                        (None, Some(_)) => " (n not reported)".to_string(),
                    };
                    format!("{} {}{own}", t.name(), t.printed())
                })
                .collect();
            let n =
                s.n.value()
                    .map_or("not reported".to_string(), |n| n.to_string());
            format!("{} (n = {n}): {}", s.arm, tps.join("; "))
        })
        .collect()
}

/// A per-arm measure with its control arm, compared at one confidence level.
struct AgainstControl<'a> {
    m: &'a ArmMeasure,
    ctrl: &'a ArmSeries,
    control: &'a str,
    level: crate::level::ConfidenceLevel,
}

/// The comparisons of `arm` with the control at every time point both report.
fn direct_comparisons(against: &AgainstControl, arm: &ArmSeries) -> Vec<ArmComparison> {
    let AgainstControl {
        m,
        ctrl,
        control,
        level,
    } = *against;
    let mut comparisons = Vec::new();
    // Direct comparisons at every time point both arms report (for a score with later
    // time points, not at the baseline: the change-score forms use it).
    let skip = usize::from(m.values == ArmValues::Score && arm.timepoints.len() > 1);
    for (ta, tc) in arm.timepoints.iter().zip(&ctrl.timepoints).skip(skip) {
        let (Some(g1), Some(g2)) = (group(m, arm, ta), group(m, ctrl, tc)) else {
            continue;
        };
        let (basis, codes): (ArmBasis, &[MeasureCode]) = match m.values {
            ArmValues::Score => (
                ArmBasis::Values {
                    timepoint: ta.name().to_string(),
                },
                &[MeasureCode::MD, MeasureCode::SMD, MeasureCode::ROM],
            ),
            ArmValues::ChangeFromBaseline => (
                ArmBasis::ReportedChanges {
                    timepoint: ta.name().to_string(),
                },
                &[MeasureCode::MD, MeasureCode::SMD],
            ),
        };
        let (effects, not_computed) =
            compare(codes, |code| Ok(effect::two_group(code, &g1, &g2, level)?));
        comparisons.push(ArmComparison {
            arm: arm.arm.clone(),
            control: control.to_string(),
            basis,
            effects,
            not_computed,
            conversions: conversions(m, &[(arm, ta), (ctrl, tc)]),
        });
    }
    comparisons
}

/// The change-score forms (MD, SMD) of a score's `arm` against the control, from the
/// baseline to the last time point both report; `None` when there is no such pair. An
/// arm's change SD is what it reports about its change (`implied`), when the r that SD
/// implies can be true; else it comes from `r`.
fn change_score_comparison(
    against: &AgainstControl,
    arm: &ArmSeries,
    implied: &[(String, ImpliedCorrelation)],
    r: f64,
    r_source: prepost::RSource,
) -> Option<ArmComparison> {
    let AgainstControl {
        m,
        ctrl,
        control,
        level,
    } = *against;
    let last = arm
        .timepoints
        .iter()
        .zip(&ctrl.timepoints)
        .skip(1)
        .rev()
        .find(|(ta, tc)| group(m, arm, ta).is_some() && group(m, ctrl, tc).is_some());
    let (Some((ba, bc)), Some((ta, tc))) =
        (arm.timepoints.first().zip(ctrl.timepoints.first()), last)
    else {
        return None;
    };
    let mut derived = Vec::new();
    let mut change = |series: &ArmSeries, before: &TimePoint, after: &TimePoint| {
        let b = group(m, series, before)?;
        let a = group(m, series, after)?;
        let summary = effect::PrePostSummary::new(a.n, (b.mean, b.sd), (a.mean, a.sd), Some(r));
        // What the arm reports about its change gives its SD directly, when the r that SD
        // implies can be true; else the SD comes from r.
        let sd = match implied
            .iter()
            .find(|(arm, i)| *arm == series.arm && i.is_possible())
        {
            Some((_, i)) => {
                derived.push(format!(
                    "{}: {} from {}",
                    series.arm,
                    h(i.sd_change),
                    i.from
                ));
                i.sd_change
            }
            None => summary.change_variance(r).sqrt(),
        };
        Some(GroupSummary {
            mean: summary.mean_change(),
            sd,
            n: a.n,
        })
    };
    let (Some(g1), Some(g2)) = (change(arm, ba, ta), change(ctrl, bc, tc)) else {
        return None;
    };
    let (effects, not_computed) = compare(&[MeasureCode::MD, MeasureCode::SMD], |code| {
        Ok(effect::two_group(code, &g1, &g2, level)?)
    });
    Some(ArmComparison {
        arm: arm.arm.clone(),
        control: control.to_string(),
        basis: ArmBasis::ChangeScores {
            from: ba.name().to_string(),
            to: ta.name().to_string(),
            r,
            r_source: r_source.describe().to_string(),
            derived,
        },
        effects,
        not_computed,
        conversions: conversions(m, &[(arm, ba), (arm, ta), (ctrl, bc), (ctrl, tc)]),
    })
}

/// The document's own differences (an adjusted one cannot be recomputed from the arms):
/// MD with its printed SE (or the SE its CI implies), a normal-theory interval.
fn printed_comparisons(
    m: &ArmMeasure,
    control: &str,
    level: crate::level::ConfidenceLevel,
) -> Vec<ArmComparison> {
    let mut comparisons = Vec::new();
    for c in &m.comparisons {
        let Some(d) = &c.difference else { continue };
        let (se, se_from) = match (&c.spread, &c.ci) {
            (Some(s), _) => (s.value, "its ± read as the SE"),
            (None, Some((lo, hi, ci_level))) => (
                (hi.value - lo.value) / (2.0 * ci_level.z_crit()),
                "its SE from the width of its printed CI",
            ),
            _ => continue,
        };
        let mut e = EffectSize::wald(MeasureCode::MD, d.value, se * se, level);
        // What the document printed, beside the interval recomputed from it.
        e.notes.push(format!(
            "as printed: difference {}{}{}",
            d.text,
            c.spread
                .as_ref()
                .map_or(String::new(), |s| format!(" ± {}", s.text)),
            c.ci.as_ref()
                .map_or(String::new(), |(lo, hi, ci_level)| format!(
                    ", {} CI {} to {}",
                    ci_level.label(),
                    lo.text,
                    hi.text
                ))
        ));
        comparisons.push(ArmComparison {
            arm: c.arm.clone(),
            control: control.to_string(),
            basis: ArmBasis::Printed {
                timepoint: m
                    .arms
                    .iter()
                    .find_map(|s| s.timepoint(&c.timepoint))
                    .map_or(c.timepoint.clone(), |t| t.name().to_string()),
                adjusted: c.adjusted.as_str().to_string(),
                se_from: se_from.to_string(),
            },
            effects: vec![e],
            not_computed: Vec::new(),
            conversions: Vec::new(),
        });
    }
    comparisons
}

fn analyse_arm_count(c: &ArmCount, control: &str, options: &AnalysisOptions) -> ArmItemAnalysis {
    let level = options.level;
    let unit = c.time_unit.clone().unwrap_or_else(|| "people".to_string());
    let reported = c
        .arms
        .iter()
        .map(|e| match &e.person_time {
            Some(pt) => format!("{}: {} events over {} {unit}", e.arm, e.events, pt),
            None => format!("{}: {} of {}", e.arm, e.events, e.n),
        })
        .collect();
    let mut out = ArmItemAnalysis {
        id: c.id.clone(),
        label: c.label.clone(),
        unit,
        reported,
        spread_reading: None,
        comparisons: Vec::new(),
        implied: Vec::new(),
        not_analysed: None,
    };
    let Some(ctrl) = c.events_of(control) else {
        out.not_analysed = Some(format!("the control arm '{control}' is not reported"));
        return out;
    };
    let counts = |e: &crate::study::ArmEvents| -> Option<(f64, f64)> {
        let events = e.events.value()?.value;
        let whole = match &e.person_time {
            Some(pt) => pt.value()?.value,
            None => f64::from(*e.n.value()?),
        };
        Some((events, whole))
    };
    for arm in c.arms.iter().filter(|e| e.arm != control) {
        let (Some((x1, t1)), Some((x2, t2))) = (counts(arm), counts(ctrl)) else {
            continue;
        };
        let (basis, (effects, not_computed)) = if c.is_rate() {
            let (g1, g2) = (
                PersonTime {
                    events: x1,
                    time: t1,
                },
                PersonTime {
                    events: x2,
                    time: t2,
                },
            );
            (
                ArmBasis::Rates,
                compare(&[MeasureCode::IRR, MeasureCode::IRD], |code| {
                    Ok(effect::rate_comparison(code, &g1, &g2, level)?)
                }),
            )
        } else {
            let table = TwoByTwo {
                events1: x1,
                n1: t1,
                events2: x2,
                n2: t2,
            };
            (
                ArmBasis::Counts,
                compare(
                    &[MeasureCode::RR, MeasureCode::OR, MeasureCode::RD],
                    |code| Ok(effect::binary(code, &table, level)?),
                ),
            )
        };
        out.comparisons.push(ArmComparison {
            arm: arm.arm.clone(),
            control: control.to_string(),
            basis,
            effects,
            not_computed,
            conversions: Vec::new(),
        });
    }
    if out.comparisons.is_empty() {
        out.not_analysed =
            Some("no arm and the control both report their events and denominator".to_string());
    }
    out
}
