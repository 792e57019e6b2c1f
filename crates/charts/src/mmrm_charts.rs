//! A fitted MMRM as a chart: the least-squares means of the contrast variable (the arm) at
//! every visit with their confidence intervals, and the subjects observed per arm and visit
//! ([`crate::plot::LsMeansChart`]).

use crate::error::{Error, Result};
use crate::mmrm::fit::{Mmrm, MmrmFit};
use crate::plot::{LsMeanArm, LsMeanPoint, LsMeansChart};

/// The least-squares means chart of `model`, after [`Mmrm::with_contrast`] on the arm with
/// the means at every visit.
pub fn ls_means_chart(model: &Mmrm) -> Result<LsMeansChart> {
    let variable = model
        .fit
        .emmeans
        .as_ref()
        .and_then(|m| m.first())
        .map(|e| e.variable.clone())
        .ok_or_else(no_means)?;
    let counts = model.subjects_per_visit(&variable)?;
    ls_means_chart_of(&model.fit, &counts)
}

fn no_means() -> Error {
    Error::field(
        "chart",
        "the chart shows least-squares means: give {field:contrast} ARM",
    )
}

/// The chart of a fit's least-squares means (per visit), with `counts` the subjects observed
/// per level of the contrast variable and visit ([`Mmrm::subjects_per_visit`]).
pub fn ls_means_chart_of(fit: &MmrmFit, counts: &[(String, Vec<usize>)]) -> Result<LsMeansChart> {
    let means = fit.emmeans.as_ref().ok_or_else(no_means)?;
    let variable = means
        .first()
        .map(|e| e.variable.clone())
        .unwrap_or_default();
    let visit_of = |at: &str| -> Option<usize> {
        at.split(", ").find_map(|part| {
            let (name, value) = part.split_once('=')?;
            (name == fit.visit)
                .then(|| fit.visits.iter().position(|v| v == value))
                .flatten()
        })
    };
    if means.iter().any(|e| visit_of(&e.at).is_none()) {
        return Err(Error::field(
            "chart",
            format!(
                "the least-squares means are not per {}: the chart needs the visit in the model and no {{field:at}} on another variable",
                fit.visit
            ),
        ));
    }
    let v = fit.visits.len();
    let mut arms: Vec<LsMeanArm> = Vec::new();
    for e in means {
        let k = match arms.iter().position(|a| a.arm == e.level) {
            Some(k) => k,
            None => {
                arms.push(LsMeanArm {
                    arm: e.level.clone(),
                    points: vec![None; v],
                });
                arms.len() - 1
            }
        };
        let vi = visit_of(&e.at).unwrap_or_default();
        let n = counts
            .iter()
            .find(|(level, _)| *level == e.level)
            .and_then(|(_, per_visit)| per_visit.get(vi).copied())
            .unwrap_or(0);
        arms[k].points[vi] = Some(LsMeanPoint {
            mean: e.estimate,
            lower: e.ci_lower,
            upper: e.ci_upper,
            n,
        });
    }
    let response = fit.formula.split('~').next().unwrap_or_default().trim();
    let level = fit.level.map(|l| l.label()).unwrap_or_default();
    let method = fit.ddf.map(|d| d.label()).unwrap_or_default();
    Ok(LsMeansChart {
        title: format!(
            "{response} by {variable} over {}: least-squares means (MMRM)",
            fit.visit
        ),
        subtitle: vec![format!(
            "{} covariance, {}, {method} df; {} subjects",
            fit.covariance_structure.label(),
            fit.method,
            fit.n_subjects
        )],
        y_label: response.to_string(),
        visits: fit.visits.clone(),
        arms,
        interval: format!("{level} CI"),
    })
}
