//! A fitted meta-analysis as charts: the forest plot (each study's estimate and interval with
//! its weight, the pooled estimate as a diamond and the prediction interval) and the
//! contour-enhanced funnel plot with Egger's regression line, and the Baujat plot. Drawing belongs to
//! [`crate::plot`]; this file only says what to draw.

use super::MetaFit;
use crate::plot::{
    EggerLine, FilledStudies, ForestChart, ForestRow, ForestSummary, FunnelChart, FunnelStudy,
};

/// The forest plot of `fit` (which must keep its per-study rows). `exponentiate` draws log
/// ratios (RR, OR, ROM …) back on the ratio scale. With moderators there is no single pooled
/// estimate, so no diamond.
pub fn forest_chart(
    fit: &MetaFit,
    title: &str,
    effect_label: &str,
    exponentiate: bool,
) -> ForestChart {
    let pooled = fit.coefficients.len() <= 1;
    ForestChart {
        title: title.to_string(),
        effect_label: effect_label.to_string(),
        label_header: "study".into(),
        value_header: format!(
            "estimate [{}% CI]",
            crate::output::human_number(fit.level.percent())
        ),
        // In the drawing's coordinates: 0 is also log(1) for exponentiated ratios.
        null_value: Some(0.0),
        digits: 2,
        x_range: None,
        exponentiate,
        rows: fit
            .studies
            .iter()
            .map(|s| ForestRow {
                label: s.label.clone(),
                estimate: s.yi,
                ci_lower: s.ci_lower,
                ci_upper: s.ci_upper,
                weight: Some(s.weight_percent),
                detail: None,
            })
            .collect(),
        summary: pooled.then(|| ForestSummary {
            label: format!(
                "{} model ({})",
                if fit.method == "FE" { "FE" } else { "RE" },
                fit.method
            ),
            estimate: fit.estimate,
            ci_lower: fit.ci_lower,
            ci_upper: fit.ci_upper,
            prediction: match (fit.pi_lower, fit.pi_upper) {
                (Some(l), Some(u)) if fit.method != "FE" => Some((l, u)),
                _ => None,
            },
            heterogeneity: Some(heterogeneity(fit)),
        }),
    }
}

/// The heterogeneity line under the diamond, as metafor's forest() prints it: τ² (random
/// effects only), I², Cochran's Q with its degrees of freedom, and Q's p-value.
pub fn heterogeneity(fit: &MetaFit) -> String {
    use crate::plot::style::{p_text, significant};
    let tau2 = if fit.method == "FE" {
        String::new()
    } else {
        format!("τ² = {}, ", significant(fit.tau2, 3))
    };
    format!(
        "Heterogeneity: {tau2}I² = {}%, Q({}) = {}, {}",
        crate::plot::style::annotation_number(fit.i2, 1),
        fit.q_df,
        crate::plot::style::annotation_number(fit.q, 2),
        p_text(fit.q_p)
    )
}

/// The name of `code`'s numbers for an axis: its description up to the first comma ("log
/// risk ratio"), without "log " when the chart shows exp(value) ("risk ratio").
pub fn measure_axis_label(code: crate::effect::MeasureCode, exponentiate: bool) -> String {
    let name = code
        .description()
        .split(',')
        .next()
        .unwrap_or_default()
        .trim();
    match name.strip_prefix("log ") {
        Some(ratio) if exponentiate => ratio.to_string(),
        _ => name.to_string(),
    }
}

/// A forest plot of a sequence of pooled estimates (the cumulative meta-analysis, or the
/// leave-one-out estimates): one row per model with its interval, no weights, and the full
/// model's diamond for comparison. Drawn by the ordinary forest plot ([`crate::plot`]).
pub fn sequence_forest_chart(
    fit: &MetaFit,
    rows: &[(String, f64, f64, f64)],
    title: &str,
    label_header: &str,
    effect_label: &str,
    exponentiate: bool,
) -> ForestChart {
    let mut chart = forest_chart(fit, title, effect_label, exponentiate);
    chart.label_header = label_header.to_string();
    chart.rows = rows
        .iter()
        .map(|(label, estimate, lo, hi)| ForestRow {
            label: label.clone(),
            estimate: *estimate,
            ci_lower: *lo,
            ci_upper: *hi,
            weight: None,
            detail: None,
        })
        .collect();
    if let Some(s) = &mut chart.summary {
        s.prediction = None;
    }
    chart
}

/// The contour-enhanced funnel plot of `fit`, with Egger's line (estimate = limit estimate +
/// slope × SE) when the model has no moderators, and with `--trimfill` the filled studies
/// and the trim-and-fill estimate.
pub fn funnel_chart(fit: &MetaFit, title: &str, effect_label: &str) -> FunnelChart {
    FunnelChart {
        level: fit.level,
        title: title.to_string(),
        effect_label: effect_label.to_string(),
        studies: fit
            .studies
            .iter()
            .map(|s| FunnelStudy {
                label: s.label.clone(),
                estimate: s.yi,
                standard_error: s.sei,
            })
            .collect(),
        pooled: (fit.coefficients.len() <= 1).then_some(fit.estimate),
        contours: true,
        egger: fit.egger.as_ref().and_then(|e| {
            e.limit_estimate.map(|intercept| EggerLine {
                intercept,
                slope: e.slope,
            })
        }),
        filled: fit.trimfill.as_ref().map(|t| FilledStudies {
            studies: t
                .filled
                .iter()
                .enumerate()
                .map(|(i, s)| FunnelStudy {
                    label: format!("filled {}", i + 1),
                    estimate: s.yi,
                    standard_error: s.vi.sqrt(),
                })
                .collect(),
            estimate: t.estimate,
        }),
    }
}

/// The Baujat plot (metafor's `baujat()`): each study's contribution to the heterogeneity
/// against its influence on the pooled estimate, labelled by study.
pub fn baujat_chart(
    fit: &MetaFit,
    points: &[super::BaujatPoint],
    title: &str,
) -> crate::plot::ScatterChart {
    crate::plot::ScatterChart {
        title: title.to_string(),
        subtitle: vec![format!(
            "Q({}) = {}",
            fit.q_df,
            crate::plot::style::annotation_number(fit.q, 2)
        )],
        x_label: if fit.method == "FE" {
            "contribution to Q".into()
        } else {
            "squared Pearson residual".into()
        },
        y_label: "influence on the estimate".into(),
        points: points
            .iter()
            .map(|p| crate::plot::LabelledPoint {
                label: p.label.clone(),
                x: p.heterogeneity,
                y: p.influence,
            })
            .collect(),
    }
}

/// The bubble plot (metafor's `regplot`) of a meta-regression on one numeric moderator: the
/// studies sized by weight, the fitted line b₀ + b₁x and its confidence band
/// b₀ + b₁x ± crit·√(V₀₀ + 2xV₀₁ + x²V₁₁), crit being the coefficients' own (z, or t with
/// --test knha), at 100 points across the moderator's range.
pub fn bubble_chart(
    fit: &MetaFit,
    data: &super::MetaData,
    title: &str,
    y_label: &str,
) -> crate::error::Result<crate::plot::BubbleChart> {
    use crate::plot::{Bubble, BubbleChart, FittedPoint};
    let refuse = || {
        crate::error::Error::input(
            "--bubble",
            "the bubble plot is for a meta-regression on one numeric moderator: give --mods COL with a numeric column",
        )
    };
    let (name, x) = match data.mods.as_deref() {
        Some(
            [super::Moderator {
                name,
                values: super::ModeratorValues::Numeric(x),
            }],
        ) if fit.coefficients.len() == 2 => (name, x),
        _ => return Err(refuse()),
    };
    let (b0, b1) = (fit.coefficients[0].estimate, fit.coefficients[1].estimate);
    let slope = &fit.coefficients[1];
    let crit = (slope.ci_upper - slope.estimate) / slope.se;
    let v = &fit.vcov;
    let (lo, hi) = crate::plot::style::extent(x.iter().copied()).ok_or_else(refuse)?;
    let line = (0..100)
        .map(|i| {
            let at = lo + (hi - lo) * i as f64 / 99.0;
            let fitted = b0 + b1 * at;
            let se = (v[0][0] + 2.0 * at * v[0][1] + at * at * v[1][1]).sqrt();
            FittedPoint {
                x: at,
                fitted,
                ci_lower: fitted - crit * se,
                ci_upper: fitted + crit * se,
            }
        })
        .collect();
    Ok(BubbleChart {
        title: title.to_string(),
        x_label: name.clone(),
        y_label: y_label.to_string(),
        level_label: format!("{} CI", fit.level.label()),
        bubbles: fit
            .studies
            .iter()
            .zip(x)
            .map(|(s, &x)| Bubble {
                label: s.label.clone(),
                x,
                y: s.yi,
                weight: s.weight_percent,
            })
            .collect(),
        line,
    })
}
