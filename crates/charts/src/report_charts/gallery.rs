//! The chart gallery of a report: which charts the shipped analysis draws, built from the
//! analyses (never recomputed here, so every chart shows the numbers and the level of the
//! text), with stable names saying what each shows (`nmo-tocilizumab-edss-before-after.png`,
//! …). Drawing and writing belong to [`crate::plot`].

use crate::analysis::{self, ArmBasis, StudyAnalysis};
use crate::effect::MeasureCode;
use crate::error::Result;
use crate::plot::{
    BeforeAfterChart, Chart, EffectSweepChart, EffectSweepSeries, ForestChart, ForestRow,
    GalleryItem, HistogramChart, HistogramLayout, HistogramSample, PanelChart, ProportionChart,
    ProportionItem, SensitivityChart, SensitivityPoint, SignificanceOnset, SlopeChart,
    TimePointValue,
};
use crate::prepost::SignificanceThreshold;
use crate::report::NotDrawn;
use crate::study::{Measure, Study};

/// Most SPRITE samples drawn in one histogram grid: a reconstruction is drawn when the
/// search was complete and found at most this many samples, so the chart shows all of them.
const SPRITE_SAMPLES: u64 = 6;

/// Most time points a before/after chart draws: at 800 px each then has a column of about
/// 14 px, room for its point and bar but not yet for its value; past that the columns merge
/// into a band (3,000 time points made a solid block) and drawing grows with the points
/// times the image. Such a measure's numbers are in the report's text, and the report names
/// the chart as not drawn, with this reason.
pub const MAX_CHART_TIMEPOINTS: usize = 50;

/// Most measures the charts of a whole study draw together (the panel, p against r, SMCC
/// against r): their image grows with the measures up to its largest size and each
/// measure's band spans it, so past this the cells are too small to read and drawing grows
/// as the square of the measures. Each measure still gets its own charts.
pub const MAX_CHART_MEASURES: usize = 24;

/// Most rows a study's proportion chart draws: a row needs a line of text, and the image
/// stops growing at its largest size ([`crate::plot::Canvas`]'s 10,000 px), where 10,000
/// facts made rows a pixel high and took seconds to draw.
pub const MAX_CHART_ROWS: usize = 300;

/// The before/after chart of one measure, every time point as reported (a time point with no
/// reported value stays on the axis as a labelled gap).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_charts::plot::{Canvas, render_svg};
/// use trialstats_charts::report_charts::gallery::before_after_chart;
/// use trialstats_documents::study::load_file;
/// // The NCNP press release: "EDSS … は 5.1 ± 1.7 から 4.1 ± 1.6 に有意に改善しました", 7 patients.
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let edss = study.measures.iter().find(|m| m.id == "edss").unwrap();
/// let chart = before_after_chart(&study, edss);
/// let means: Vec<_> = chart.points.iter().map(|p| p.mean_text.clone().unwrap()).collect();
/// assert_eq!(means, ["5.1", "4.1"]);
/// assert_eq!(chart.n, Some(7));
/// let svg = render_svg(&chart.into(), Canvas::default())?;
/// assert!(svg.contains("5.1") && svg.contains("4.1"));
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn before_after_chart(study: &Study, m: &Measure) -> BeforeAfterChart {
    BeforeAfterChart {
        title: format!("{}: {}", study.id, m.label),
        measure_label: m.label.clone(),
        unit: m.unit.clone(),
        n: m.n.value().map(|n| u64::from(*n)),
        bar_kind: m.dispersion,
        scale: m
            .scale
            .as_ref()
            .map_or((None, None), |s| (s.min_value(), s.max_value())),
        points: m
            .timepoints
            .iter()
            .map(|t| TimePointValue {
                label: time_axis_label(t),
                mean: t.mean.value().map(|v| v.value),
                spread: t.spread.value().map(|v| v.value),
                // As printed: "3.0 ± 1.5", not "3 ± 1.5".
                mean_text: t.mean.value().map(|v| v.text.clone()),
                spread_text: t.spread.value().map(|v| v.text.clone()),
                n: t.n.value().map(|n| u64::from(*n)),
            })
            .collect(),
    }
}

/// The longest time point name a chart's axis prints (the chart wraps it onto up to three
/// lines under its point): `3 months after laser`, `12週後（投与終了時）`; a longer one is a
/// sentence, not a time's name.
const LONGEST_TIME_LABEL: usize = 40;

/// A time point's name on a chart's axis: its name ([`crate::study::TimePoint::name`]: the
/// time as the document prints it or a reader named it, where the id is only a number the
/// draft gave it) when it is a name's length ([`LONGEST_TIME_LABEL`]), or without the bracket
/// closing it where that makes it one (`After low-calorie diet (at randomization)` → `After
/// low-calorie diet`: the bracket qualifies the time), else its id.
fn time_axis_label(t: &crate::study::TimePoint) -> String {
    axis_label(t.name(), &t.id)
}

/// [`time_axis_label`] of a time point named `name` whose id is `id`.
fn axis_label(name: &str, id: &str) -> String {
    let fits = |n: &str| n != id && !n.is_empty() && n.chars().count() <= LONGEST_TIME_LABEL;
    let unbracketed = name
        .trim_end()
        .strip_suffix([')', '）'])
        .and_then(|n| n.rfind(['(', '（']).map(|i| n[..i].trim_end()))
        .unwrap_or("");
    if fits(name) {
        name.to_string()
    } else if fits(unbracketed) {
        unbracketed.to_string()
    } else {
        id.replace('_', " ")
    }
}

/// Every chart of the report, in a stable order: each study's charts, then a forest and a
/// funnel plot for every measure that two or more studies report (SMCR pooled by REML).
/// With them, the charts left out by [`MAX_CHART_TIMEPOINTS`] and [`MAX_CHART_MEASURES`].
pub fn gallery_items(analyses: &[StudyAnalysis]) -> Result<(Vec<GalleryItem>, Vec<NotDrawn>)> {
    let mut items = Vec::new();
    let mut not_drawn = Vec::new();
    for a in analyses {
        study_items(a, &mut items, &mut not_drawn)?;
    }
    let Some(level) = analyses.first().map(|a| a.options.level) else {
        return Ok((items, not_drawn));
    };
    let meta_options = crate::meta::MetaOptions {
        level,
        ..Default::default()
    };
    for set in analysis::poolable_sets(analyses, MeasureCode::SMCR, level)? {
        let fit = crate::meta::fit(&set.data, &meta_options)?;
        let title = format!("{}: SMCR pooled over {} studies", set.measure, fit.k);
        let label = "SMCR: (after − before) / SD before";
        let caption = format!(
            "SMCR of each study pooled by a random-effects model (REML); the pre/post r of studies that do not report it is assumed to be {}.",
            crate::output::human_number(
                analyses
                    .first()
                    .and_then(|a| a.options.r)
                    .unwrap_or(crate::prepost::ASSUMED_R)
            )
        );
        items.push(GalleryItem {
            name: format!("pooled {} smcr forest", set.measure),
            chart: crate::meta_charts::forest_chart(&fit, &title, label, false).into(),
            caption: caption.clone(),
        });
        items.push(GalleryItem {
            name: format!("pooled {} smcr funnel", set.measure),
            chart: crate::meta_charts::funnel_chart(&fit, &title, label).into(),
            caption,
        });
    }
    Ok((items, not_drawn))
}

/// Every analysed measure's SMCC with its interval at each r of the measure's sweep (the
/// grid of the p-against-r chart), computed by [`crate::effect::pre_post()`] from the analysed
/// summary; `None` for a study with fewer than two such measures. An r at which SMCC cannot
/// be computed (no spread of the change) is left out of that measure's line.
pub fn smcc_sweep_chart(sr: &StudyAnalysis) -> Option<EffectSweepChart> {
    let level = sr.options.level;
    let series: Vec<EffectSweepSeries> = sr
        .measures
        .iter()
        .filter_map(|mr| {
            let (a, summary) = (mr.analysis.as_ref()?, mr.summary.as_ref()?);
            let points: Vec<SensitivityPoint> = a
                .sweep
                .iter()
                .filter_map(|t| {
                    let at_r = crate::effect::PrePostSummary {
                        r: Some(t.r),
                        ..*summary
                    };
                    let e = crate::effect::pre_post(MeasureCode::SMCC, &at_r, level).ok()?;
                    Some(SensitivityPoint {
                        r: t.r,
                        estimate: e.estimate,
                        ci_lower: e.ci_lower?,
                        ci_upper: e.ci_upper?,
                    })
                })
                .collect();
            (!points.is_empty()).then(|| EffectSweepSeries {
                label: mr.label.clone(),
                points,
            })
        })
        .collect();
    if series.len() < 2 {
        return None;
    }
    Some(EffectSweepChart {
        title: format!("{}: standardised change (SMCC) against the assumed r", sr.id),
        effect_label: "SMCC: (after − before) / SD of the change".into(),
        null_value: 0.0,
        level,
        series,
        notes: vec![
            "A ± the paper does not name was read as the SD (an SEM converted to the SD); r is not reported and is swept; Hedges-corrected normal-theory intervals.".into(),
        ],
    })
}

/// The forest plot of one per-arm item: each arm against the control, on every basis the
/// analysis computed, with the headline code (SMD for measures, RR for counts, IRR for rates).
fn arm_forest(sr: &StudyAnalysis, item: &analysis::ArmItemAnalysis) -> Option<ForestChart> {
    let code = [MeasureCode::SMD, MeasureCode::RR, MeasureCode::IRR]
        .into_iter()
        .find(|code| {
            item.comparisons
                .iter()
                .any(|c| c.effects.iter().any(|e| e.measure == *code))
        })?;
    let rows: Vec<ForestRow> = item
        .comparisons
        .iter()
        .filter_map(|c| {
            let e = c.effects.iter().find(|e| e.measure == code)?;
            let basis = match &c.basis {
                ArmBasis::Values { timepoint } => timepoint.replace('_', " "),
                ArmBasis::ChangeScores { to, r, .. } => format!(
                    "change to {} (r = {})",
                    to.replace('_', " "),
                    crate::output::human_number(*r)
                ),
                ArmBasis::ReportedChanges { timepoint } => {
                    format!("change to {}", timepoint.replace('_', " "))
                }
                ArmBasis::Counts | ArmBasis::Rates => String::new(),
                ArmBasis::Printed { timepoint, .. } => {
                    format!("as printed, {}", timepoint.replace('_', " "))
                }
            };
            // The arm's label as the document names it (its id when the label is longer).
            let arm = sr
                .study
                .arm(&c.arm)
                .map(|a| a.label.as_str())
                .filter(|l| l.chars().count() <= c.arm.chars().count().max(24))
                .unwrap_or(&c.arm);
            let label = if basis.is_empty() {
                arm.to_string()
            } else {
                format!("{arm}, {basis}")
            };
            Some(ForestRow::new(label, e.estimate, e.ci_lower?, e.ci_upper?))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let level = sr.options.level;
    let control = item.comparisons.first()?.control.clone();
    let mut title = format!("{}: {} — {code} by arm", sr.id, item.label);
    let reading = reading_of(sr, &item.id);
    // As the analysis read it: decided, as a contradicted label says, or an SD.
    if let Some(r) = reading {
        title.push_str(&format!(" (± read as {})", r.used().as_str()));
    }
    Some(ForestChart {
        title,
        effect_label: if code.is_log_ratio() {
            format!("{code}: arm / {control}")
        } else {
            format!("{code}: arm − {control}")
        },
        label_header: format!("arm (vs {control})"),
        value_header: if code.is_log_ratio() {
            format!("ratio [{} CI]", level.label())
        } else {
            format!("{code} [{} CI]", level.label())
        },
        null_value: Some(0.0),
        digits: 2,
        x_range: None,
        exponentiate: code.is_log_ratio(),
        rows,
        summary: None,
        subgroups: Vec::new(),
        // The reading of ± and its reason, on the chart itself.
        footer: reading.map(|r| r.headline()),
        column: None,
    })
}

/// The decided reading of measure `id`'s ±, if it prints one.
fn reading_of<'a>(sr: &'a StudyAnalysis, id: &str) -> Option<&'a analysis::MeasureReading> {
    sr.spread_readings.iter().find(|r| r.measure == id)
}

/// How the analysis read the ± of measures `ids`, drawn together, when some is not read as
/// an SD: "the ± read as the SD, but as an SEM for EDSS" (`None` when every one is an SD,
/// or prints none).
fn readings_besides_sd(sr: &StudyAnalysis, ids: &[&str]) -> Option<String> {
    let mut groups: Vec<(crate::reading::Reading, Vec<String>)> = Vec::new();
    for id in ids {
        let Some(used) = reading_of(sr, id).map(|r| r.used()) else {
            continue;
        };
        if used == crate::reading::Reading::Sd {
            continue;
        }
        let label = sr
            .study
            .measure(id)
            .map_or(id.to_string(), |m| m.label.clone());
        match groups.iter_mut().find(|(r, _)| *r == used) {
            Some((_, labels)) => labels.push(label),
            None => groups.push((used, vec![label])),
        }
    }
    (!groups.is_empty()).then(|| {
        let others: Vec<String> = groups
            .iter()
            .map(|(r, labels)| format!("as {} for {}", r.with_article(), labels.join(", ")))
            .collect();
        format!("the ± read as the SD, but {}", others.join("; "))
    })
}

/// `s` with its first letter a capital.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// "; ± read as SD: ..." for a caption, or nothing when the measure prints no ±.
fn reading_caption(sr: &StudyAnalysis, id: &str) -> String {
    reading_of(sr, id).map_or(String::new(), |r| format!(" {}.", r.describe()))
}

/// The charts of one study, in the order the gallery lists them.
fn study_items(
    sr: &StudyAnalysis,
    items: &mut Vec<GalleryItem>,
    not_drawn: &mut Vec<NotDrawn>,
) -> Result<()> {
    let mut out = StudyCharts { items, not_drawn };
    before_after_charts(sr, &mut out);
    sensitivity_charts(sr, &mut out);
    measures_together_charts(sr, &mut out);
    smcr_forest(sr, &mut out);
    arm_forests(sr, &mut out);
    slope_charts(sr, &mut out);
    proportion_chart(sr, &mut out);
    reconstruction_charts(sr, &mut out);
    patient_data_charts(sr, &mut out)?;
    confirmatory_charts(sr, &mut out);
    Ok(())
}

/// The charts of one study as they are chosen: each one drawn, and each one left out with the
/// reason.
struct StudyCharts<'a> {
    items: &'a mut Vec<GalleryItem>,
    not_drawn: &'a mut Vec<NotDrawn>,
}

impl StudyCharts<'_> {
    fn add(&mut self, name: String, chart: Chart, caption: String) {
        self.items.push(GalleryItem {
            name,
            chart,
            caption,
        })
    }

    /// Whether `n` measures fit one chart of the study's measures together; when they do not,
    /// the chart is recorded as not drawn, with the reason.
    fn fit_together(&mut self, study_id: &str, chart: &str, n: usize) -> bool {
        let fits = n <= MAX_CHART_MEASURES;
        if !fits {
            self.not_drawn.push(NotDrawn {
                name: format!("{study_id} {chart}"),
                reason: format!(
                    "{n} measures; a chart of a study's measures together draws at most {MAX_CHART_MEASURES} (each measure's own charts are drawn)"
                ),
            });
        }
        fits
    }
}

/// Each measure's before/after chart (means ± spreads as printed, time points as the text
/// decides them) and, for two or more, the panel of all of them.
fn before_after_charts(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    // The before/after chart draws printed means ± spreads; a measure with a time point
    // reported as a median has none there (its converted mean and SD are in the report text
    // and its effect forests), so it gets no such chart rather than a false "not reported".
    let mut drawn: Vec<&Measure> = Vec::new();
    for m in &study.measures {
        if m.timepoints.iter().any(|t| t.median.is_some()) {
            continue;
        }
        if let Some(why) = m.unconfirmed_reason() {
            out.not_drawn.push(NotDrawn {
                name: format!("{} {} before-after", study.id, m.id),
                reason: why,
            });
            continue;
        }
        // Bars labelled with a kind of spread the document's own numbers rule out would draw
        // what the document contradicts.
        if reading_of(sr, &m.id).is_some_and(|r| r.reading.is_contradicted()) {
            out.not_drawn.push(NotDrawn {
                name: format!("{} {} before-after", study.id, m.id),
                reason: "the document's own numbers contradict what its label says ± is (the report says how): its bars would say what the document contradicts".to_string(),
            });
            continue;
        }
        if m.timepoints.len() > MAX_CHART_TIMEPOINTS {
            out.not_drawn.push(NotDrawn {
                name: format!("{} {} before-after", study.id, m.id),
                reason: format!(
                    "{} time points; a before/after chart draws at most {MAX_CHART_TIMEPOINTS} (more merge into a band); every value is in the report's text",
                    m.timepoints.len()
                ),
            });
            continue;
        }
        drawn.push(m);
    }
    let charts: Vec<BeforeAfterChart> =
        drawn.iter().map(|m| before_after_chart(study, m)).collect();
    if charts.len() > 1 && out.fit_together(&study.id, "panel", charts.len()) {
        out.add(
            format!("{} panel", study.id),
            PanelChart {
                title: format!("{}: before and after", study.id),
                subtitle: vec![study.title.clone()],
                measures: charts.clone(),
            }
            .into(),
            "Every before/after measure of the study: the mean and its ± at each time point as reported (the ± is SD or SEM as the paper says, or marked unspecified); a time point without a ± has no bar; n as reported at each time point.".into(),
        );
    }
    for (m, chart) in drawn.iter().zip(charts) {
        let caption = format!(
            "Mean {} at each time point, numbers as printed in the paper; nothing imputed.{}",
            crate::plot::bar_legend(chart.bar_kind).trim_start_matches("mean "),
            reading_caption(sr, &m.id)
        );
        out.add(
            format!("{} {} before-after", study.id, m.id),
            chart.into(),
            caption,
        );
    }
}

/// Each analysed measure's change and its interval against the assumed pre/post r.
fn sensitivity_charts(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    let level = sr.options.level;
    for mr in &sr.measures {
        let Some(a) = &mr.analysis else { continue };
        out.add(
            format!("{} {} r-sensitivity", study.id, mr.id),
            SensitivityChart {
                exponentiate: false,
                title: format!("{}: {} — change vs assumed r", study.id, mr.label),
                effect_label: format!("mean change, after − before ({})", mr.unit),
                null_value: 0.0,
                level,
                marked_r: Some(crate::plot::MarkedR {
                    r: a.assumed_r,
                    source: a.r_from.word().to_string(),
                }),
                threshold: Some(match a.threshold {
                    SignificanceThreshold::Always => SignificanceOnset::Everywhere,
                    SignificanceThreshold::Never => SignificanceOnset::Nowhere,
                    // Placed against the grid by the chart (everywhere, from r, or beyond).
                    SignificanceThreshold::From(r) => SignificanceOnset::From(r),
                }),
                assumptions: vec![format!(
                    "{}; the band is the paired t interval of the mean change (n = {}) at each r.",
                    reading_of(sr, &mr.id).map_or("The ± was read as the SD".to_string(), |r| {
                        match r.reading.verdict {
                            crate::reading::Verdict::Contradicted => format!(
                                "The ± was read as {}, as the study file says (the document's numbers contradict it)",
                                r.used().with_article()
                            ),
                            v => match v.reading() {
                                Some(x) => format!(
                                    "The ± was read as {} (decided from the document's numbers)",
                                    x.with_article()
                                ),
                                None => "The ± was read as the SD (not decided by the numbers)"
                                    .to_string(),
                            },
                        }
                    }),
                    crate::output::human_number(a.summary.n)
                )],
                points: a
                    .sweep
                    .iter()
                    .map(|t| SensitivityPoint {
                        r: t.r,
                        estimate: t.mean_change,
                        ci_lower: t.ci_lower,
                        ci_upper: t.ci_upper,
                    })
                    .collect(),
            }
            .into(),
            format!(
                "Mean change with its {} paired t interval at each assumed pre/post correlation r (not reported by the paper).{}",
                level.label(),
                reading_caption(sr, &mr.id)
            ),
        );
    }
}

/// Every analysed measure on one chart: the paired test's p against r, and the SMCC against r.
fn measures_together_charts(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    let level = sr.options.level;
    let swept: Vec<_> = sr
        .measures
        .iter()
        .filter_map(|mr| Some((mr, mr.analysis.as_ref()?)))
        .collect();
    let ids: Vec<&str> = swept.iter().map(|(mr, _)| mr.id.as_str()).collect();
    let read_as = readings_besides_sd(sr, &ids);
    if swept.len() > 1 && out.fit_together(&study.id, "p-vs-r", swept.len()) {
        let read = read_as
            .clone()
            .unwrap_or_else(|| "the ± read as the SD".to_string());
        out.add(
            format!("{} p-vs-r", study.id),
            crate::plot::PValueChart {
                title: format!("{}: every measure's p against the assumed r", study.id),
                alpha: level.alpha(),
                series: swept
                    .iter()
                    .map(|(mr, a)| crate::plot::PValueSeries {
                        label: mr.label.clone(),
                        points: a.sweep.iter().map(|t| (t.r, t.p)).collect(),
                    })
                    .collect(),
                notes: vec![format!(
                    "Paired t test of each measure at each assumed pre/post r (not reported); {read}."
                )],
            }
            .into(),
            format!(
                "The paired test's p-value of every measure against the assumed pre/post correlation r, on one log axis: where a line is under α, the change is significant at that r. {}.",
                capitalised(&read).replacen("read as", "was read as", 1)
            ),
        );
    }
    if let Some(mut chart) =
        smcc_sweep_chart(sr).filter(|c| out.fit_together(&study.id, "smcc-vs-r", c.series.len()))
    {
        if let Some(read) = &read_as {
            chart.notes = vec![format!(
                "{} (an SEM taken to the SD as SEM·√n); r is not reported and is swept; Hedges-corrected normal-theory intervals.",
                capitalised(read)
            )];
        }
        let rs = chart
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.r));
        let (rlo, rhi) = crate::plot::style::extent(rs).unwrap_or((0.0, 0.0));
        out.add(
            format!("{} smcc-vs-r", study.id),
            chart.into(),
            format!(
                "Every before/after measure's standardised mean change (SMCC: the mean change over the SD of the change, Hedges-corrected, as metafor's escalc computes it) with its {} interval, at each assumed pre/post correlation r from {} to {} (not reported by the paper); {}. The SD of the change, and so the SMCC, depends on r.",
                level.label(),
                crate::output::human_number(rlo),
                crate::output::human_number(rhi),
                read_as
                    .as_deref()
                    .unwrap_or("a ± the paper does not name was read as the SD")
            ),
        );
    }
}

/// The forest of every measure's SMCR, each at its own r.
fn smcr_forest(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    let level = sr.options.level;
    // Each measure's SMCR is at its own r (reported, implied by its printed change, chosen or
    // assumed), so the r and where it comes from go with each row, and into the title only
    // when every row shares them.
    let mut smcr: Vec<ForestRow> = Vec::new();
    // (measure label, r, where r comes from, that in words), one per row of `smcr`.
    let mut smcr_r: Vec<(String, f64, crate::prepost::RSource, String)> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for mr in &sr.measures {
        let (Some(a), Some(e)) = (
            &mr.analysis,
            mr.effects.iter().find(|e| e.measure == MeasureCode::SMCR),
        ) else {
            continue;
        };
        let (Some(ci_lower), Some(ci_upper)) = (e.ci_lower, e.ci_upper) else {
            continue;
        };
        smcr.push(ForestRow {
            label: mr.label.clone(),
            estimate: e.estimate,
            ci_lower,
            ci_upper,
            weight: None,
            detail: None,
            shrunk: None,
        });
        smcr_r.push((mr.label.clone(), a.assumed_r, a.r_from, a.r_source.clone()));
        ids.push(mr.id.as_str());
    }
    if !smcr.is_empty() {
        let r2 = |r: f64| crate::output::human_number((r * 100.0).round() / 100.0);
        let shared = smcr_r
            .iter()
            .all(|(_, r, from, _)| (*r, *from) == (smcr_r[0].1, smcr_r[0].2));
        let (title_r, caption_r) = if shared {
            let (_, r, from, words) = &smcr_r[0];
            (
                format!("at r = {} ({})", r2(*r), from.word()),
                format!("at r = {} ({words})", crate::output::human_number(*r)),
            )
        } else {
            for (row, (_, r, from, _)) in smcr.iter_mut().zip(&smcr_r) {
                row.label = format!("{} (r = {}, {})", row.label, r2(*r), from.word());
            }
            (
                "at each measure's r".to_string(),
                format!(
                    "at each measure's own r: {}",
                    smcr_r
                        .iter()
                        .map(|(label, r, _, words)| format!(
                            "{label} at r = {} ({words})",
                            crate::output::human_number(*r)
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
        };
        out.add(
            format!("{} smcr forest", study.id),
            ForestChart {
                title: format!("{}: standardised mean change (SMCR) {title_r}", study.id),
                effect_label: "SMCR: (after − before) / SD before, Hedges-corrected".into(),
                label_header: "measure".into(),
                value_header: format!("SMCR [{} CI]", level.label()),
                null_value: Some(0.0),
                digits: 2,
                x_range: None,
                exponentiate: false,
                rows: smcr,
                summary: None,
                subgroups: Vec::new(),
                footer: None,
                column: None,
            }
            .into(),
            format!(
                "Standardised mean change per measure {caption_r}, Hedges-corrected, normal-theory {} intervals; {}.",
                level.label(),
                readings_besides_sd(sr, &ids).unwrap_or_else(|| "the ± read as the SD".into())
            ),
        );
    }
}

/// Each between-arm measure's forest: the effect computed from each arm's printed numbers.
fn arm_forests(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    let level = sr.options.level;
    for item in &sr.arms {
        if let Some(chart) = arm_forest(sr, item) {
            let caption = format!(
                "Each arm against the control ({} intervals, as metafor's escalc computes them); {}.",
                level.label(),
                item.spread_reading
                    .as_deref()
                    .unwrap_or("counts as reported")
            );
            out.add(
                format!("{} {} arms forest", study.id, item.id),
                chart.into(),
                caption,
            );
        }
    }
}

/// Each slope measure's rates of decline before and after treatment.
fn slope_charts(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    let level = sr.options.level;
    for sl in &sr.slopes {
        let (before, after) = sl.values;
        out.add(
            format!("{} {} slopes", study.id, sl.id),
            SlopeChart {
                title: format!("{}: {}", study.id, sl.label),
                // The chart's y axis is the score itself: "ALSFRS-R points per month" → "ALSFRS-R points".
                unit: sl
                    .unit
                    .split(" per ")
                    .next()
                    .unwrap_or(&sl.unit)
                    .to_string(),
                before_per_month: before,
                after_per_month: after,
                months: 12.0,
                start: None,
                before_label: "before treatment".into(),
                after_label: "after treatment".into(),
                observed: Vec::new(),
                n: sl.n.map(u64::from),
                level,
                // The interval of the difference (after − before per month) as a gap
                // (before − after) × 12 months, where the spreads were reported.
                gap_interval: sl
                    .effects
                    .iter()
                    .find(|e| e.measure == MeasureCode::SlopeDifference)
                    .and_then(|e| Some((-e.ci_upper? * 12.0, -e.ci_lower? * 12.0))),
            }
            .into(),
            "Declines per month as reported, drawn as straight lines from a common start; the paper gives no SD or n for the slopes, so the gap has no interval.".into(),
        );
    }
}

/// The study's proportions with their exact intervals, or why there are too many to draw.
fn proportion_chart(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    let level = sr.options.level;
    let rows = sr.proportions.len();
    if rows > MAX_CHART_ROWS {
        out.not_drawn.push(NotDrawn {
            name: format!("{} proportions", study.id),
            reason: format!(
                "{rows} proportions; a proportion chart draws at most {MAX_CHART_ROWS} rows (the image stops growing at its largest size, so more would be drawn smaller than a line of text); every proportion is in the report's text"
            ),
        });
    } else if rows > 0 {
        out.add(
            format!("{} proportions", study.id),
            ProportionChart {
                title: format!("{}: proportions with exact {} CIs", study.id, level.label()),
                level,
                interval: "exact".into(),
                items: sr
                    .proportions
                    .iter()
                    .map(|p| ProportionItem {
                        label: if p.bound == "exact" {
                            p.label.clone()
                        } else {
                            format!("{} ({} {})", p.label, p.bound, p.events)
                        },
                        events: p.events as u64,
                        total: p.n as u64,
                        ci_lower: p.clopper_pearson.0,
                        ci_upper: p.clopper_pearson.1,
                        at_least: p.bound == "at least",
                    })
                    .collect(),
            }
            .into(),
            format!(
                "Proportions with exact (Clopper–Pearson) {} intervals; a count the paper gives as a lower bound (\"at least\") is marked ≥ and its line runs on to 100%, since only its lower end is known.",
                level.label()
            ),
        );
    }
}

/// The samples SPRITE reconstructed for each reported summary, where the search found few.
fn reconstruction_charts(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    for rec in &sr.reconstructions {
        let (s, sp) = (&rec.summary, &rec.sprite);
        // Only complete searches with a handful of samples make a chart a reader can trust:
        // the chart then shows every possible sample.
        let Some(every) = sp.every_sample.as_ref() else {
            continue;
        };
        if !sp.complete || every.is_empty() || sp.total_samples.unwrap_or(0) > SPRITE_SAMPLES {
            continue;
        }
        let timepoint = s.timepoint.clone().unwrap_or_default();
        let label = study
            .measure(&s.measure)
            .map_or(s.measure.clone(), |m| m.label.clone());
        out.add(
            format!("{} {} {} sprite", study.id, s.measure, timepoint),
            HistogramChart {
                title: format!(
                    "SPRITE, {}: {} ({}), {} ± {}, n = {}: {}",
                    study.id,
                    label,
                    timepoint.replace('_', " "),
                    s.mean.text,
                    s.spread
                        .as_ref()
                        .map(|v| v.text.clone())
                        .unwrap_or_default(),
                    s.n,
                    match sp.total_samples {
                        Some(1) => "the only possible sample".to_string(),
                        Some(k) => format!("all {k} possible samples"),
                        None => "samples".to_string(),
                    }
                ),
                value_label: label.clone(),
                samples: every
                    .iter()
                    .enumerate()
                    .map(|(i, v)| HistogramSample {
                        label: format!("sample {}", i + 1),
                        values: v.clone(),
                    })
                    .collect(),
                layout: HistogramLayout::Grid,
                bin_width: None,
                scale: (s.scale.min_value(), s.scale.max_value()),
            }
            .into(),
            match s.spread_kind {
                crate::reported::SpreadKind::Sem => "SPRITE reconstructions: every sample of whole-number scores on the scale that matches the reported mean, the SD (the ± read as an SEM, times √n), and n.",
                _ => "SPRITE reconstructions: every sample of whole-number scores on the scale that matches the reported mean, ± read as the SD, and n.",
            }
            .into(),
        );
    }
}

/// The least-squares means of each patient-level MMRM.
fn patient_data_charts(sr: &StudyAnalysis, out: &mut StudyCharts) -> Result<()> {
    let study = &sr.study;
    let level = sr.options.level;
    for d in &sr.patient_data {
        let counts: Vec<(String, Vec<usize>)> = d
            .subjects_per_visit
            .iter()
            .map(|c| (c.arm.clone(), c.subjects.clone()))
            .collect();
        let mut chart = crate::mmrm_charts::ls_means_chart_of(&d.fit, &counts)?;
        let synthetic = if d.synthetic { "SYNTHETIC DATA: " } else { "" };
        chart.title = format!(
            "{}: {synthetic}{} by {} — least-squares means (MMRM)",
            study.id, d.label, d.arm
        );
        chart.y_label = format!("{} ({})", d.label, d.unit);
        if d.synthetic {
            chart
                .subtitle
                .push("invented patients (a demonstration), not results of a trial".into());
        }
        for c in d.at_last_visit() {
            chart.subtitle.push(format!(
                "{} at {} (last visit): {:.2} ({} CI {:.2} to {:.2}), {}",
                c.contrast.replace(" - ", " − "),
                d.last_visit,
                c.estimate,
                level.label(),
                c.ci_lower,
                c.ci_upper,
                crate::plot::style::p_text(c.p)
            ));
        }
        let last = d
            .at_last_visit()
            .iter()
            .map(|c| {
                format!(
                    "{} at {}: {} ({} CI {} to {}), p = {}",
                    c.contrast,
                    d.last_visit,
                    crate::output::human_number(c.estimate),
                    level.label(),
                    crate::output::human_number(c.ci_lower),
                    crate::output::human_number(c.ci_upper),
                    crate::output::human_number(c.p)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        out.add(
            format!("{} {} lsmeans", study.id, d.id),
            chart.into(),
            format!(
                "{synthetic}Least-squares means of each arm at each visit with their {} intervals, from the MMRM {} fitted to the patient-level file {} (REML, {} df); the number under each visit is the patients observed in that arm. {last}.",
                level.label(),
                d.formula,
                d.file,
                d.fit.ddf.map_or("", |x| x.label()),
            ),
        );
    }
    Ok(())
}

/// The confirmatory trial's patients against the effect and against the allocation.
fn confirmatory_charts(sr: &StudyAnalysis, out: &mut StudyCharts) {
    let study = &sr.study;
    if let Some(c) = &sr.confirmatory_trial {
        let mut by_effect = crate::power_charts::sweep_chart(
            &c.effect_sweep,
            &format!(
                "Confirmatory trial, {}: patients against the {}",
                study.id, c.effect_name
            ),
        );
        by_effect.x_label = c.effect_name.clone();
        out.add(
            format!("{} confirmatory-n-vs-effect", study.id),
            by_effect.into(),
            format!(
                "Patients in all a confirmatory trial of {} needs at 80 % power against the {} it plans on ({} there: {} patients); every other input as in the report's text, where each assumed one is named.",
                study.id,
                c.effect_name,
                crate::output::human_number(c.effect),
                c.n_total
            ),
        );
        out.add(
            format!("{} confirmatory-n-vs-allocation", study.id),
            crate::power_charts::sweep_chart(
                &c.allocation_sweep,
                &format!(
                    "Confirmatory trial, {}: patients against the allocation",
                    study.id
                ),
            )
            .into(),
            format!(
                "Patients in all against the allocation A:1 (treatment to control; the plan's 2:1 needs {}), the effect and the assumptions as in the report's text.",
                c.n_total
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_time_name_loses_its_closing_bracket_before_its_id_is_drawn() {
        assert_eq!(super::axis_label("Week 12", "t2"), "Week 12");
        assert_eq!(
            super::axis_label("After low-calorie diet (at randomization)", "t2"),
            "After low-calorie diet"
        );
        let sentence = "the values measured after the end of the whole treatment period";
        assert_eq!(super::axis_label(sentence, "t3"), "t3");
        assert_eq!(super::axis_label("week_24", "week_24"), "week 24");
    }
}
