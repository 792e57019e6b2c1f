//! A fitted meta-analysis as charts: the forest plot (each study's estimate and interval with
//! its weight, the pooled estimate as a diamond and the prediction interval; with subgroups,
//! each subgroup's rows, diamond and heterogeneity line and the test for subgroup
//! differences), the contour-enhanced funnel plot with Egger's regression line, and the
//! Baujat plot. Drawing belongs to [`crate::plot`]; this file only says what to draw, with
//! the numbers the fit holds (the ones `meta` prints).

use crate::error::{Error, Result};
use crate::meta::rma::MetaFit;
use crate::meta::subsets::subset::SubsetSummary;
use crate::plot::{
    EggerLine, FilledStudies, ForestChart, ForestRow, ForestSubgroup, ForestSummary, FunnelChart,
    FunnelStudy,
};

/// The forest plot of `fit` (which must keep its per-study rows). `exponentiate` draws log
/// ratios (RR, OR, ROM …) back on the ratio scale. With moderators there is no single pooled
/// estimate, so no diamond.
///
/// ```
/// use trialstats_charts::meta_charts::forest_chart;
/// use trialstats_stats::meta::{MetaData, MetaOptions, fit};
/// // The BCG vaccine trials (metafor's dat.bcg, log risk ratios): one row per trial, and the
/// // pooled effect as R prints it: rma(yi, vi, data=dat, control=list(threshold=1e-12,
/// // maxiter=1000, tol=1e-12)) gives -0.71453234215813966 and the prediction interval
/// // -1.8666922179028962 to 0.43762753358661677 (metafor 3.8.1; tests/data/metafor_cases.rs).
/// let yi = [-0.88931133392020545, -1.5853886572014306, -1.3480731482996933,
///     -1.4415511900213054, -0.21754732221129558, -0.78611558581886398, -1.6208982235983918,
///     0.011952333523840508, -0.4694176487381494, -1.3713448034727844, -0.33935882833839059,
///     0.44591340057137874, -0.017313948216879815];
/// let vi = [0.32558476500396133, 0.19458112139814385, 0.41536796536796539,
///     0.020010031902247573, 0.051210172169630863, 0.0069056184559087574, 0.22301724757231517,
///     0.0039615792978177295, 0.056434210463248966, 0.07302479361302891, 0.01241221397155972,
///     0.53250584520015276, 0.071404659683986293];
/// let data = MetaData::from_triples(
///     yi.iter().zip(vi).enumerate().map(|(i, (&y, v))| ((i + 1).to_string(), y, v)).collect(),
/// );
/// let chart = forest_chart(&fit(&data, &MetaOptions::default())?, "BCG", "log risk ratio", false);
/// assert_eq!(chart.rows.len(), 13);
/// let pooled = chart.summary.unwrap();
/// assert!((pooled.estimate - -0.71453234215813966).abs() < 1e-6);
/// let (lo, hi) = pooled.prediction.unwrap();
/// assert!((lo - -1.8666922179028962).abs() < 1e-6 && (hi - 0.43762753358661677).abs() < 1e-6);
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
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
                shrunk: None,
            })
            .collect(),
        summary: pooled.then(|| ForestSummary {
            label: format!(
                "{} model ({}{})",
                if fit.method == "FE" { "FE" } else { "RE" },
                fit.method,
                test_name(fit)
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
        subgroups: Vec::new(),
        footer: warnings(fit),
        column: None,
    }
}

/// The model line's name of a test other than z: ", Knapp-Hartung" or ", Knapp-Hartung
/// adhoc" (metafor's `test = "adhoc"`).
fn test_name(fit: &MetaFit) -> &'static str {
    match fit.test {
        "knha" => ", Knapp-Hartung",
        "adhoc" => ", Knapp-Hartung adhoc",
        _ => "",
    }
}

/// The fit's warnings about its intervals (a Knapp-Hartung interval narrower than the
/// standard or the fixed-effect one, τ² = 0 from few studies), one paragraph each, as the
/// text output prints them.
fn warnings(fit: &MetaFit) -> Option<String> {
    (!fit.warnings.is_empty()).then(|| {
        fit.warnings
            .iter()
            .map(|w| format!("Warning: {w}."))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// The subgrouped forest plot of `fit`, which holds the subgroup fits of `--subgroup`
/// (`groups` is that column's value for each study, `column` its name): each subgroup's
/// studies under a heading, its own model's diamond and heterogeneity line, then the pooled
/// model and the test for subgroup differences (metafor's `forest()` with an `addpoly()`
/// per subgroup). The squares' weights are the pooled model's, as `--studies` prints them.
pub fn subgroup_forest_chart(
    fit: &MetaFit,
    column: &str,
    groups: &[String],
    title: &str,
    effect_label: &str,
    exponentiate: bool,
) -> Result<ForestChart> {
    let (Some(fits), Some(test)) = (&fit.subgroups, fit.subgroup_test) else {
        return Err(Error::field(
            "forest",
            "the subgrouped forest plot needs the subgroup fits ({field:subgroup} COL)",
        ));
    };
    if groups.len() != fit.studies.len() {
        return Err(Error::numerical(format!(
            "{} subgroup values for {} studies",
            groups.len(),
            fit.studies.len()
        )));
    }
    let mut chart = forest_chart(fit, title, effect_label, exponentiate);
    let all_rows = std::mem::take(&mut chart.rows);
    let model = if fit.method == "FE" { "FE" } else { "RE" };
    for g in fits {
        let members: Vec<ForestRow> = all_rows
            .iter()
            .zip(groups)
            .filter(|(_, level)| **level == g.label)
            .map(|(row, _)| row.clone())
            .collect();
        chart.subgroups.push(ForestSubgroup {
            heading: format!(
                "{column} = {} ({})",
                g.label,
                crate::plot::style::count_of(g.k, "study", "studies")
            ),
            rows: members.len(),
            summary: ForestSummary {
                label: format!("{model} model for subgroup"),
                estimate: g.estimate,
                ci_lower: g.ci_lower,
                ci_upper: g.ci_upper,
                prediction: None,
                // One study has no heterogeneity to speak of.
                heterogeneity: (g.k > 1).then(|| subset_heterogeneity(fit, g)),
            },
        });
        chart.rows.extend(members);
    }
    let subgroup_test = format!(
        "Test for subgroup differences: Q_between({}) = {}, {}",
        test.df,
        crate::plot::style::annotation_number(test.q, 2),
        crate::plot::style::p_text(test.p)
    );
    chart.footer = Some(match chart.footer.take() {
        Some(warnings) => format!("{subgroup_test}\n{warnings}"),
        None => subgroup_test,
    });
    Ok(chart)
}

/// The heterogeneity line under the diamond, as metafor's forest() prints it: τ² (random
/// effects only), I², Cochran's Q with its degrees of freedom, and Q's p-value.
pub fn heterogeneity(fit: &MetaFit) -> String {
    heterogeneity_line(
        fit.method == "FE",
        fit.tau2,
        fit.i2,
        fit.q_df,
        fit.q,
        fit.q_p,
    )
}

/// The heterogeneity line of a subgroup's own model (fitted with `fit`'s method).
fn subset_heterogeneity(fit: &MetaFit, s: &SubsetSummary) -> String {
    heterogeneity_line(fit.method == "FE", s.tau2, s.i2, s.q_df, s.q, s.q_p)
}

/// "Heterogeneity: τ² = 0.313, I² = 92.2%, Q(12) = 152.23, p < 0.001" (no τ² for a fixed
/// effect).
fn heterogeneity_line(fixed: bool, tau2: f64, i2: f64, q_df: usize, q: f64, q_p: f64) -> String {
    use crate::plot::style::{annotation_number, p_text, significant};
    let tau2 = if fixed {
        String::new()
    } else {
        format!("τ² = {}, ", significant(tau2, 3))
    };
    format!(
        "Heterogeneity: {tau2}I² = {}%, Q({q_df}) = {}, {}",
        annotation_number(i2, 1),
        annotation_number(q, 2),
        p_text(q_p)
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
            shrunk: None,
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
    points: &[crate::meta::subsets::influence::BaujatPoint],
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
    data: &crate::meta::fitting::spec::MetaData,
    title: &str,
    y_label: &str,
) -> crate::error::Result<crate::plot::BubbleChart> {
    use crate::plot::{Bubble, BubbleChart, FittedPoint};
    let refuse = || {
        crate::error::Error::field(
            "bubble",
            "the bubble plot is for a meta-regression on one numeric moderator: give {field:mods} COL with a numeric column",
        )
    };
    let (name, x) = match data.mods.as_deref() {
        Some(
            [
                crate::meta::fitting::moderators::Moderator {
                    name,
                    values: crate::meta::fitting::moderators::ModeratorValues::Numeric(x),
                },
            ],
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

/// The forest plot of the Bayesian model `bayes` fitted to `fit`'s studies (bayesmeta's
/// `forestplot()`): each study's observed estimate and confidence interval with its
/// shrinkage estimate (the posterior median and equal-tailed interval of its own effect θᵢ)
/// under it, and the posterior median and interval of μ as the diamond with the posterior
/// predictive interval of a new study's effect. Medians and equal-tailed intervals are
/// drawn because they carry over to the ratio scale unchanged (`exponentiate`).
pub fn bayes_forest_chart(
    fit: &MetaFit,
    bayes: &crate::meta::bayes::BayesFit,
    title: &str,
    effect_label: &str,
    exponentiate: bool,
) -> ForestChart {
    use crate::plot::style::significant;
    let percent = crate::output::human_number(fit.level.percent());
    let mut chart = forest_chart(fit, title, effect_label, exponentiate);
    chart.value_header = format!("estimate [{percent}% interval]");
    for (row, s) in chart.rows.iter_mut().zip(&bayes.shrinkage) {
        row.weight = None;
        row.shrunk = Some(crate::plot::ShrunkInterval {
            estimate: s.median,
            lower: s.lower,
            upper: s.upper,
        });
    }
    let tau = &bayes.tau;
    chart.summary = Some(ForestSummary {
        label: "μ, Bayesian RE model".into(),
        estimate: bayes.mu.median,
        ci_lower: bayes.mu.lower,
        ci_upper: bayes.mu.upper,
        prediction: Some((bayes.prediction.lower, bayes.prediction.upper)),
        heterogeneity: Some(format!(
            "τ: median {} [{percent}% interval {}, {}]; prior τ ~ {}, μ ~ {}",
            significant(tau.median, 3),
            significant(tau.lower, 3),
            significant(tau.upper, 3),
            bayes.tau_prior_text,
            bayes.mu_prior_text,
        )),
    });
    chart.footer = Some(format!(
        "Observed: estimate and {percent}% CI. Shrinkage estimates, μ and the prediction interval: \
         posterior median and {percent}% equal-tailed credible interval."
    ));
    chart
}

/// The posterior densities of `bayes` (see [`crate::meta::bayes::densities`]) as a chart: the
/// marginal posteriors of μ and τ with their priors, medians and equal-tailed intervals, and
/// the joint posterior's highest-density regions with `E[μ | τ, y]`. `effect_label` names
/// μ's scale ("log hazard ratio").
pub fn posterior_chart(
    bayes: &crate::meta::bayes::BayesFit,
    densities: &crate::meta::bayes::densities::PosteriorDensities,
    title: &str,
    effect_label: &str,
) -> crate::plot::PosteriorChart {
    use crate::plot::{JointDensityPanel, MarginalDensity, PosteriorChart};
    let percent = crate::output::human_number(bayes.level * 100.0);
    let mu_axis = format!("μ ({effect_label})");
    let tau_axis = "τ (between-study SD)".to_string();
    let mut notes = Vec::new();
    if densities.tau_prior.is_none() {
        notes.push("The prior on τ is the improper uniform: it has no density to draw.".into());
    }
    let regions = crate::meta::bayes::densities::REGIONS
        .iter()
        .map(|r| format!("{}%", crate::output::human_number(r * 100.0)))
        .collect::<Vec<_>>();
    PosteriorChart {
        title: title.to_string(),
        subtitle: vec![format!(
            "Priors: τ ~ {}, μ ~ {}",
            bayes.tau_prior_text, bayes.mu_prior_text
        )],
        first: MarginalDensity {
            title: "μ: marginal posterior".into(),
            x_label: mu_axis.clone(),
            posterior: densities.mu.clone(),
            prior: densities.mu_prior.clone(),
            median: bayes.mu.median,
            interval: (bayes.mu.lower, bayes.mu.upper),
        },
        second: MarginalDensity {
            title: "τ: marginal posterior and prior".into(),
            x_label: tau_axis.clone(),
            posterior: densities.tau.clone(),
            prior: densities.tau_prior.clone(),
            median: bayes.tau.median,
            interval: (bayes.tau.lower, bayes.tau.upper),
        },
        joint: JointDensityPanel {
            title: "(μ, τ): joint posterior".into(),
            x_label: mu_axis,
            y_label: tau_axis,
            x: densities.joint.mu.clone(),
            y: densities.joint.tau.clone(),
            density: densities.joint.density.clone(),
            levels: densities.joint.region_levels.clone(),
            levels_label: format!(
                "joint {}, {} and {} highest-density regions",
                regions[0], regions[1], regions[2]
            ),
            line: densities
                .joint
                .conditional_mean
                .iter()
                .map(|&(tau, mu)| (mu, tau))
                .collect(),
            line_label: "E[μ | τ, data]".into(),
        },
        interval_label: format!("{percent}% equal-tailed interval"),
        notes,
    }
}
