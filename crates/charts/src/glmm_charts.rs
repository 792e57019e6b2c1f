//! A fitted generalised linear mixed model as a chart: the observed response in each level of
//! a factor beside the model's fitted value ([`crate::glmm::observed_fitted`] computes both;
//! [`crate::plot::ObservedFittedChart`] draws them).

use crate::glmm::observed_fitted::{LevelSummary, ObservedVsFitted, Summary};
use crate::plot::{LevelSeries, LevelShares, LevelValues, ObservedFittedBody, ObservedFittedChart};

/// The chart of `summary`: a row per level, a line per level over time (with a time column),
/// or stacked category shares (an ordinal response); titled and labelled from the data.
pub fn observed_fitted_chart(summary: &ObservedVsFitted) -> ObservedFittedChart {
    let response = &summary.response;
    let level = summary.level.label();
    let (value, observed) = match summary.summary {
        Summary::Mean if !summary.exposures.is_empty() => (
            format!(
                "mean {response} per row (each over its own {})",
                summary.exposures.join(", ")
            ),
            format!("observed mean, {level} t interval"),
        ),
        Summary::Mean => (
            format!("mean {response}"),
            format!("observed mean, {level} t interval"),
        ),
        Summary::Proportion => (
            format!("proportion {response} (successes / trials)"),
            format!("observed proportion, {level} Clopper–Pearson interval"),
        ),
        Summary::CategoryShares => (
            "share of the level's rows (%)".to_string(),
            "observed share".to_string(),
        ),
    };
    let over = summary
        .time
        .as_ref()
        .map_or(String::new(), |t| format!(" over {t}"));
    let (kind, at) = if summary.random_effects {
        ("GLMM", " at random effects 0")
    } else {
        ("GLM", "")
    };
    let mut subtitle = vec![format!(
        "{} {kind}; fitted: each level's mean prediction{at}",
        summary.model
    )];
    let mut notes = Vec::new();
    if summary.summary == Summary::CategoryShares {
        subtitle.push(format!(
            "upper bar: observed share of each {response} category; lower bar: fitted probability"
        ));
    } else if summary.random_effects {
        // The mean of g⁻¹(η + b) over b ~ N(0, σ²) is above g⁻¹(η) for the log link (by
        // e^{σ²/2}) and nearer 1/2 than it for the logit.
        let direction = match summary.link.as_str() {
            "log" => "below the mean over subjects",
            _ => "further from 50% than the mean over subjects",
        };
        notes.push(format!(
            "Fitted at random effects 0 is a typical subject's value, {direction} ({} link).",
            summary.link
        ));
    }
    let fitted_label = if summary.summary != Summary::CategoryShares
        && summary.rows.iter().any(|r| r.fitted_ci.is_some())
    {
        let shape = if summary.time.is_some() { "band: " } else { "" };
        format!("fitted, {shape}{level} CI (delta method)")
    } else {
        "fitted".to_string()
    };
    let (body, x_label, y_label) = body(summary, value);
    ObservedFittedChart {
        title: format!(
            "{response} by {}{over}: observed and fitted",
            summary.variable
        ),
        subtitle,
        x_label,
        y_label,
        observed_label: observed,
        fitted_label,
        notes,
        body,
    }
}

/// The chart's body with its x and y axes' descriptions (`value`: the response's scale).
fn body(summary: &ObservedVsFitted, value: String) -> (ObservedFittedBody, String, String) {
    let values = |r: &LevelSummary| LevelValues {
        level: r.level.clone(),
        size: size(r),
        observed: r.observed,
        interval: r.observed_ci.map(|c| (c[0], c[1])),
        fitted: r.fitted,
        fitted_interval: r.fitted_ci.map(|c| (c[0], c[1])),
    };
    match (summary.summary, &summary.time) {
        (Summary::CategoryShares, _) => {
            let levels = summary
                .levels
                .iter()
                .filter_map(|level| {
                    let rows: Vec<&LevelSummary> = of_level(summary, level).collect();
                    Some(LevelShares {
                        level: level.clone(),
                        size: size(rows.first()?),
                        observed: rows.iter().map(|r| r.observed).collect(),
                        fitted: rows.iter().map(|r| r.fitted).collect(),
                    })
                })
                .collect();
            let categories = summary
                .categories
                .iter()
                .map(|c| format!("{} {c}", summary.response))
                .collect();
            let body = ObservedFittedBody::Shares { categories, levels };
            (body, value, summary.variable.clone())
        }
        (_, Some(time)) => {
            let series = summary
                .levels
                .iter()
                .map(|level| LevelSeries {
                    level: level.clone(),
                    points: of_level(summary, level)
                        .map(|r| (r.time.unwrap_or_default(), values(r)))
                        .collect(),
                })
                .filter(|s| !s.points.is_empty())
                .collect();
            (ObservedFittedBody::OverTime(series), time.clone(), value)
        }
        (_, None) => {
            let rows = summary.rows.iter().map(values).collect();
            let body = ObservedFittedBody::Levels(rows);
            (body, value, summary.variable.clone())
        }
    }
}

/// The rows of `level`, in order.
fn of_level<'a>(
    summary: &'a ObservedVsFitted,
    level: &'a str,
) -> impl Iterator<Item = &'a LevelSummary> + 'a {
    summary.rows.iter().filter(move |r| r.level == level)
}

/// A level's size as printed under its label: its rows, and its trials for successes out of
/// trials.
fn size(row: &LevelSummary) -> String {
    match row.trials {
        Some(trials) => format!("n = {}, {trials} trials", row.n),
        None => format!("n = {}", row.n),
    }
}
