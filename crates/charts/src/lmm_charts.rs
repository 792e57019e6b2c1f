//! A fitted model as a chart: each group's observed values with its fitted line, and the
//! population (fixed-effects) line, against a numeric time column.

use crate::error::Result;
use crate::lmm::fit::LmmFit;
use crate::lmm::frame::Frame;
use crate::plot::{
    CaterpillarChart, QqChart, RandomEffectTerm, SubjectTrajectory, TrajectoryChart,
};

/// The trajectory chart of `fit` against the numeric column `time` of its data `frame`.
/// The population line is the fixed-effects prediction at each distinct time (its mean where
/// rows at one time differ in other covariates).
pub fn trajectory_chart(
    fit: &LmmFit,
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
    let response = fit
        .formula
        .split('~')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    Ok(TrajectoryChart {
        // From the data: what is plotted, against what, for how many groups, by which fit.
        title: format!(
            "{response} over {time}: {} {}s, linear mixed model ({})",
            fit.n_groups, fit.group, fit.method
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

/// The normal QQ plot of `fit`'s residuals (observed − fitted, lme4's `resid(fit)`), as
/// `qqnorm(resid(fit)); qqline(resid(fit))` draws it.
pub fn residual_qq_chart(fit: &LmmFit) -> QqChart {
    let response = fit.formula.split('~').next().unwrap_or_default().trim();
    QqChart {
        title: format!("Residuals of {}: normal QQ plot", fit.formula),
        value_label: format!("residual ({response})"),
        values: fit
            .observed
            .iter()
            .zip(&fit.fitted)
            .map(|(y, f)| y - f)
            .collect(),
    }
}

/// The caterpillar plot of `fit`'s random effects: each group's conditional mode of every
/// random-effect term (lme4's `ranef(fit)`), sorted.
pub fn caterpillar_chart(fit: &LmmFit) -> CaterpillarChart {
    let q = fit.random.len();
    CaterpillarChart {
        title: format!("Random effects of {}", fit.formula),
        group: fit.group.clone(),
        terms: fit
            .random
            .iter()
            .enumerate()
            .map(|(k, r)| RandomEffectTerm {
                term: r.term.clone(),
                modes: fit
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(g, level)| (level.clone(), fit.modes[g * q + k]))
                    .collect(),
            })
            .collect(),
    }
}
