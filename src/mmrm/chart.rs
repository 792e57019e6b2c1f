//! A fitted MMRM as a chart: the least-squares means of the contrast variable (the arm) at
//! every visit with their confidence intervals, and the subjects observed per arm and visit
//! ([`crate::plot::LsMeansChart`]).

use super::fit::Mmrm;
use crate::error::{Error, Result};
use crate::lmm::frame::Column;
use crate::plot::{LsMeanArm, LsMeanPoint, LsMeansChart};

/// The least-squares means chart of `model`, after [`Mmrm::with_contrast`] on the arm with
/// the means at every visit.
pub fn ls_means_chart(model: &Mmrm) -> Result<LsMeansChart> {
    let fit = &model.fit;
    let means = fit.emmeans.as_ref().ok_or_else(|| {
        Error::input(
            "--chart",
            "the chart shows least-squares means: give --contrast ARM",
        )
    })?;
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
        return Err(Error::input(
            "--chart",
            format!(
                "the least-squares means are not per {}: the chart needs the visit in the model and no --at on another variable",
                fit.visit
            ),
        ));
    }
    // Subjects observed per arm and visit (the rows used, one per subject and visit).
    let (arm_codes, arm_levels) = match model.frame.column(&variable) {
        Some(Column::Categorical { codes, levels }) => (codes, levels),
        _ => {
            return Err(Error::input(
                "--contrast",
                format!("'{variable}' is not a categorical column"),
            ))
        }
    };
    let visit_codes = match model.frame.column(&fit.visit) {
        Some(Column::Categorical { codes, levels }) => codes
            .iter()
            .map(|&c| fit.visits.iter().position(|v| *v == levels[c as usize]))
            .collect::<Vec<_>>(),
        _ => {
            return Err(Error::input(
                "--formula",
                "the visit column is not categorical",
            ))
        }
    };
    let v = fit.visits.len();
    let mut counts = vec![vec![0usize; v]; arm_levels.len()];
    for (a, vc) in arm_codes.iter().zip(&visit_codes) {
        if let Some(vc) = vc {
            counts[*a as usize][*vc] += 1;
        }
    }
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
        let n = arm_levels
            .iter()
            .position(|l| *l == e.level)
            .map_or(0, |a| counts[a][vi]);
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
