//! A fitted model as a chart: each group's observed values with its fitted line, and the
//! population (fixed-effects) line, against a numeric time column, or, against a categorical
//! one (a visit as `factor(visit)`), the observed and fitted means of each of its levels; the
//! normal QQ plot of its residuals; the caterpillar plot of its random effects. Each is drawn
//! from [`FittedValues`], so an lme4-style fit and one with correlated residuals (`lmm
//! --residual`) share them.

use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::lmm::fitted::{FittedValues, QqResiduals};
use crate::lmm::frame::{Column, Frame};
use crate::plot::{
    CaterpillarChart, Chart, LevelSeries, LevelValues, ObservedFittedBody, ObservedFittedChart,
    QqChart, RandomEffectTerm, SubjectTrajectory, TrajectoryChart,
};

/// What a fit is drawn as against its time column ([`time_chart`]).
#[derive(Debug, Clone, PartialEq)]
pub enum TimeChart {
    /// A numeric time: each group's trajectory and the population line.
    Trajectories(TrajectoryChart),
    /// A categorical time: each level's observed and fitted means, in level order.
    LevelMeans(ObservedFittedChart),
}

impl TimeChart {
    /// The chart, its title and axis descriptions replaced by those given.
    pub fn relabelled(
        self,
        title: Option<&str>,
        x_label: Option<&str>,
        y_label: Option<&str>,
    ) -> Chart {
        let set = |field: &mut String, to: Option<&str>| {
            if let Some(to) = to {
                *field = to.to_string();
            }
        };
        match self {
            TimeChart::Trajectories(mut c) => {
                set(&mut c.title, title);
                set(&mut c.x_label, x_label);
                set(&mut c.y_label, y_label);
                c.into()
            }
            TimeChart::LevelMeans(mut c) => {
                set(&mut c.title, title);
                set(&mut c.x_label, x_label);
                set(&mut c.y_label, y_label);
                c.into()
            }
        }
    }
}

/// `fit` against the column `time` of its data `frame` (`factor(visit)` names the column
/// `visit` too): the trajectory chart ([`trajectory_chart`]) when the data holds it as numbers,
/// the means by level ([`level_means_chart`], observed intervals at `level`) when it holds it
/// as categorical, as a time written `factor(visit)` in the formula is. A treatment start
/// needs a numeric time and is refused (naming it) beside a categorical one.
pub fn time_chart(
    fit: &FittedValues,
    frame: &Frame,
    time: &str,
    treatment_start: Option<f64>,
    level: ConfidenceLevel,
) -> Result<TimeChart> {
    let name = time
        .trim()
        .strip_prefix("factor(")
        .and_then(|t| t.strip_suffix(')'))
        .map_or(time.trim(), str::trim);
    if !matches!(frame.column(name), Some(Column::Categorical { .. })) {
        return Ok(TimeChart::Trajectories(trajectory_chart(
            fit,
            frame,
            name,
            treatment_start,
        )?));
    }
    if treatment_start.is_some() {
        return Err(Error::field(
            "treatment_start",
            format!(
                "'{name}' is categorical (its levels are set in order, not on a numeric axis), so there is no time to mark the treatment start at; leave it out, or give a numeric time"
            ),
        ));
    }
    Ok(TimeChart::LevelMeans(level_means_chart(
        fit, frame, name, level,
    )?))
}

/// The observed and fitted means of `fit` at each level of the categorical column `time` of
/// its data `frame`, in level order along the axis ([`FittedValues::means_by_level`]): each
/// level's observed mean with its t interval at `level`, and the mean of the population
/// prediction Xβ̂ over the same rows, with the rows under each level.
pub fn level_means_chart(
    fit: &FittedValues,
    frame: &Frame,
    time: &str,
    level: ConfidenceLevel,
) -> Result<ObservedFittedChart> {
    let means = fit.means_by_level(frame, time, level)?;
    let times: Vec<String> = means.iter().map(|m| m.level.clone()).collect();
    let points = means
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let values = LevelValues {
                level: m.level.clone(),
                size: format!("n = {}", m.n),
                observed: m.observed,
                interval: m.interval,
                fitted: m.fitted,
                fitted_interval: None,
            };
            (k as f64, values)
        })
        .collect();
    let response = fit.response().to_string();
    Ok(ObservedFittedChart {
        title: format!(
            "{response} by {time}: observed and fitted means, {}",
            fit.model_name()
        ),
        subtitle: vec![format!(
            "{} {}s; fitted: the mean of the population prediction Xβ̂ over the rows observed at each {time}; n: those rows",
            fit.modes.levels.len(),
            fit.modes.group
        )],
        x_label: time.to_string(),
        y_label: format!("mean {response}"),
        observed_label: format!("observed mean, {} t interval", level.label()),
        fitted_label: "fitted, population (Xβ̂)".to_string(),
        notes: Vec::new(),
        body: ObservedFittedBody::OverLevels {
            times,
            series: vec![LevelSeries {
                level: response,
                points,
            }],
        },
    })
}

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
