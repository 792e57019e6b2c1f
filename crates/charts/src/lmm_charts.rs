//! A fitted model as a chart: each group's observed values with its fitted line, and the
//! population (fixed-effects) line, against a numeric time column; the normal QQ plot of its
//! residuals; the caterpillar plot of its random effects. Each is drawn from
//! [`FittedValues`], so an lme4-style fit and one with correlated residuals (`lmm
//! --residual`) share them.

use crate::error::Result;
use crate::lmm::fitted::{FittedValues, QqResiduals};
use crate::lmm::frame::Frame;
use crate::plot::{
    CaterpillarChart, QqChart, RandomEffectTerm, SubjectTrajectory, TrajectoryChart,
};

/// The trajectory chart of `fit` against the numeric column `time` of its data `frame`.
/// The population line is the fixed-effects prediction at each distinct time (its mean where
/// rows at one time differ in other covariates).
pub fn trajectory_chart(
    fit: &FittedValues,
    frame: &Frame,
    time: &str,
    treatment_start: Option<f64>,
) -> Result<TrajectoryChart> {
    let trajectories = fit.trajectories(frame, time)?;
    let mut population: Vec<(f64, f64, usize)> = Vec::new();
    for p in trajectories.iter().flat_map(|t| &t.points) {
        match population.iter_mut().find(|(t, _, _)| *t == p.time) {
            Some((_, sum, count)) => {
                *sum += p.population;
                *count += 1;
            }
            None => population.push((p.time, p.population, 1)),
        }
    }
    population.sort_by(|a, b| a.0.total_cmp(&b.0));
    let response = fit.response().to_string();
    Ok(TrajectoryChart {
        // From the data: what is plotted, against what, for how many groups, by which fit.
        title: format!(
            "{response} over {time}: {} {}s, {}",
            fit.modes.levels.len(),
            fit.modes.group,
            fit.model_name()
        ),
        x_label: time.to_string(),
        y_label: response,
        subjects: trajectories
            .iter()
            .map(|t| SubjectTrajectory {
                subject: t.group.clone(),
                observed: t.points.iter().map(|p| (p.time, p.observed)).collect(),
                fitted: t.points.iter().map(|p| (p.time, p.fitted)).collect(),
            })
            .collect(),
        population: population
            .into_iter()
            .map(|(t, sum, count)| (t, sum / count as f64))
            .collect(),
        treatment_start,
    })
}

/// The normal QQ plot of `fit`'s residuals, as `qqnorm(r); qqline(r)` draws it: observed −
/// fitted (lme4's `resid(fit)`) for an lme4-style fit; with correlated residuals the
/// normalized residuals (nlme's `residuals(fit, type = "normalized")`, the correlation
/// within each subject taken out), which the title and axis name.
pub fn residual_qq_chart(fit: &FittedValues) -> QqChart {
    let response = fit.response();
    match fit.qq {
        QqResiduals::Response => QqChart {
            title: format!("Residuals of {}: normal QQ plot", fit.formula),
            value_label: format!("residual ({response})"),
            values: fit
                .observed
                .iter()
                .zip(fit.fitted)
                .map(|(y, f)| y - f)
                .collect(),
        },
        QqResiduals::Normalized(values) => QqChart {
            title: format!(
                "Normalized residuals of {}, {}: normal QQ plot",
                fit.formula,
                fit.model_name()
            ),
            value_label: format!("normalized residual ({response}; nlme's type = \"normalized\")"),
            values: values.to_vec(),
        },
    }
}

/// The caterpillar plot of `fit`'s random effects: each group's conditional mode of every
/// random-effect term (lme4's and nlme's `ranef(fit)`), sorted.
pub fn caterpillar_chart(fit: &FittedValues) -> CaterpillarChart {
    let modes = fit.modes;
    let q = modes.terms.len();
    CaterpillarChart {
        title: match fit.residual {
            None => format!("Random effects of {}", fit.formula),
            Some(_) => format!("Random effects of {}, {}", fit.formula, fit.model_name()),
        },
        group: modes.group.clone(),
        terms: modes
            .terms
            .iter()
            .enumerate()
            .map(|(k, term)| RandomEffectTerm {
                term: term.clone(),
                modes: modes
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(g, level)| (level.clone(), modes.values[g * q + k]))
                    .collect(),
            })
            .collect(),
    }
}
