//! The chart gallery of a report: which charts the shipped analysis draws, built from the
//! study data and the report's results, with stable names saying what each shows
//! (`nmo-tocilizumab-edss-before-after.png`, …). Drawing and writing belong to [`crate::plot`].

use super::{Report, StudyReport};
use crate::checks::study_data::reported_summaries;
use crate::checks::summary::sprite_reconstruction;
use crate::checks::Rounding;
use crate::effect::MeasureCode;
use crate::error::Result;
use crate::plot::SignificanceOnset;
use crate::plot::{
    BarKind, BeforeAfterChart, Chart, ForestChart, ForestRow, GalleryItem, HistogramChart,
    HistogramLayout, HistogramSample, PanelChart, ProportionChart, ProportionItem,
    SensitivityChart, SensitivityPoint, SlopeChart, TimePointValue,
};
use crate::prepost::SignificanceThreshold;
use crate::study::{Dispersion, Measure, Study};

/// Most SPRITE samples drawn in one histogram grid.
const SPRITE_SAMPLES: usize = 6;

fn bar_kind(d: Dispersion) -> BarKind {
    match d {
        Dispersion::Sd => BarKind::Sd,
        Dispersion::Sem => BarKind::Sem,
        Dispersion::NotReported => BarKind::NotReported,
    }
}

/// The before/after chart of one measure, every time point as reported (a time point with no
/// reported value stays on the axis as a labelled gap).
pub fn before_after_chart(study: &Study, m: &Measure) -> BeforeAfterChart {
    BeforeAfterChart {
        title: format!("{}: {}", study.id, m.label),
        measure_label: m.label.clone(),
        unit: m.unit.clone(),
        n: m.n.value().map(|n| u64::from(*n)),
        bar_kind: bar_kind(m.dispersion),
        scale: m
            .scale
            .as_ref()
            .map_or((None, None), |s| (Some(s.min), s.max)),
        points: m
            .timepoints
            .iter()
            .map(|t| TimePointValue {
                label: t.id.replace('_', " "),
                mean: t.mean.value().map(|v| v.value),
                spread: t.spread.value().map(|v| v.value),
            })
            .collect(),
    }
}

/// Every chart of the report, in a stable order: each study's charts, then a forest and a
/// funnel plot for every measure that two or more studies report (SMCR pooled by REML).
pub fn gallery_items(
    studies: &[Study],
    report: &Report,
    options: &super::ReportOptions,
) -> Result<Vec<GalleryItem>> {
    let mut items = Vec::new();
    for (study, sr) in studies.iter().zip(&report.studies) {
        study_items(study, sr, &mut items)?;
    }
    let meta_options = crate::meta::MetaOptions {
        level: 1.0 - options.alpha,
        ..Default::default()
    };
    for set in crate::meta::study_data::poolable_sets(studies, MeasureCode::SMCR, options)? {
        let fit = crate::meta::fit(&set.data, &meta_options)?;
        let title = format!("{}: SMCR pooled over {} studies", set.measure, fit.k);
        let label = "SMCR: (after − before) / SD before";
        items.push(GalleryItem {
            name: format!("pooled {} smcr forest", set.measure),
            chart: crate::meta::chart::forest_chart(&fit, &title, label, false).into(),
        });
        items.push(GalleryItem {
            name: format!("pooled {} smcr funnel", set.measure),
            chart: crate::meta::chart::funnel_chart(&fit, &title, label).into(),
        });
    }
    Ok(items)
}

fn study_items(study: &Study, sr: &StudyReport, items: &mut Vec<GalleryItem>) -> Result<()> {
    let mut add = |name: String, chart: Chart| items.push(GalleryItem { name, chart });
    let charts: Vec<BeforeAfterChart> = study
        .measures
        .iter()
        .map(|m| before_after_chart(study, m))
        .collect();
    if charts.len() > 1 {
        add(
            format!("{} panel", study.id),
            PanelChart {
                title: format!("{}: before and after", study.id),
                subtitle: vec![study.title.clone()],
                measures: charts.clone(),
            }
            .into(),
        );
    }
    for (m, chart) in study.measures.iter().zip(charts) {
        add(format!("{} {} before-after", study.id, m.id), chart.into());
    }
    for mr in &sr.measures {
        let Some(a) = &mr.analysis else { continue };
        add(
            format!("{} {} r-sensitivity", study.id, mr.id),
            SensitivityChart {
                title: format!("{}: {} — change vs assumed r", study.id, mr.label),
                effect_label: format!("mean change, after − before ({})", mr.unit),
                null_value: 0.0,
                level: 1.0 - a.alpha,
                threshold: Some(match a.threshold {
                    SignificanceThreshold::Always => SignificanceOnset::Everywhere,
                    SignificanceThreshold::Never => SignificanceOnset::Nowhere,
                    SignificanceThreshold::From(r) if r <= 0.0 => SignificanceOnset::Everywhere,
                    SignificanceThreshold::From(r) if r > 0.9 => SignificanceOnset::Nowhere,
                    SignificanceThreshold::From(r) => SignificanceOnset::From(r),
                }),
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
        );
    }
    let smcr: Vec<ForestRow> = sr
        .measures
        .iter()
        .filter_map(|mr| {
            let e = mr.effects.iter().find(|e| e.measure == MeasureCode::SMCR)?;
            Some(ForestRow {
                label: mr.label.clone(),
                estimate: e.estimate,
                ci_lower: e.ci_lower?,
                ci_upper: e.ci_upper?,
                weight: None,
                detail: None,
            })
        })
        .collect();
    let smcr_r = sr
        .measures
        .iter()
        .find_map(|mr| mr.effects.iter().find_map(|e| e.r));
    if !smcr.is_empty() {
        add(
            format!("{} smcr forest", study.id),
            ForestChart {
                title: format!(
                    "{}: standardised mean change (SMCR) at r = {}",
                    study.id,
                    smcr_r.map_or("?".to_string(), crate::output::human_number)
                ),
                effect_label: "SMCR: (after − before) / SD before, Hedges-corrected".into(),
                label_header: "measure".into(),
                value_header: "SMCR [95% CI]".into(),
                null_value: Some(0.0),
                digits: 2,
                x_range: None,
                exponentiate: false,
                rows: smcr,
                summary: None,
            }
            .into(),
        );
    }
    for sl in &sr.slopes {
        let (Ok(before), Ok(after)) = (sl.before.parse::<f64>(), sl.after.parse::<f64>()) else {
            continue;
        };
        add(
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
            }
            .into(),
        );
    }
    if !sr.proportions.is_empty() {
        add(
            format!("{} proportions", study.id),
            ProportionChart {
                title: format!("{}: proportions with exact 95% CIs", study.id),
                level: 0.95,
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
                    })
                    .collect(),
            }
            .into(),
        );
    }
    for s in reported_summaries(study) {
        let Some(sp) = sprite_reconstruction(&s, Rounding::UpOrDown, SPRITE_SAMPLES, 1)? else {
            continue;
        };
        // Only complete searches with a handful of samples make a chart a reader can trust:
        // the chart then shows every possible sample.
        if !sp.complete || sp.samples.is_empty() || sp.total_samples.unwrap_or(0) > 6 {
            continue;
        }
        let timepoint = s.timepoint.clone().unwrap_or_default();
        let label = study
            .measure(&s.measure)
            .map_or(s.measure.clone(), |m| m.label.clone());
        add(
            format!("{} {} {} sprite", study.id, s.measure, timepoint),
            HistogramChart {
                title: format!(
                    "{}: {} ({}), {} ± {}, n = {}: {}",
                    study.id,
                    label,
                    timepoint.replace('_', " "),
                    s.mean_text,
                    s.spread_text.clone().unwrap_or_default(),
                    s.n,
                    match sp.total_samples {
                        Some(1) => "the only possible sample".to_string(),
                        Some(k) => format!("all {k} possible samples"),
                        None => "samples".to_string(),
                    }
                ),
                value_label: label.clone(),
                samples: sp
                    .samples
                    .iter()
                    .enumerate()
                    .map(|(i, v)| HistogramSample {
                        label: format!("sample {}", i + 1),
                        values: v.clone(),
                    })
                    .collect(),
                layout: HistogramLayout::Grid,
                bin_width: None,
            }
            .into(),
        );
    }
    Ok(())
}
