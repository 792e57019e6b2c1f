//! What the charts of a fitted mixed model are drawn from, whichever fit made them: an
//! lme4-style [`LmmFit`] or one with correlated residuals ([`CorrelatedFit`]). Each row's
//! observed value, its fitted value `xβ̂ + zb̂` and population value `xβ̂`, the conditional
//! modes of the grouping factor the charts draw (each group's BLUPs), and the residuals a QQ
//! plot shows. [`FittedValues`] borrows them from the fit, so a chart copies no row.

use super::fit::{FactorModes, LmmFit, Trajectory, TrajectoryPoint};
use super::frame::{Column, Frame};
use super::residual::{CorrelatedFit, ResidualKind};
use crate::error::{Error, Result};

/// The residuals a normal QQ plot of a fit shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum QqResiduals<'a> {
    /// Observed − fitted (lme4's `resid(fit)`), for independent residuals.
    Response,
    /// The normalized residuals of a fit with correlated residuals (nlme's
    /// `residuals(fit, type = "normalized")`): within each subject, observed − fitted divided
    /// by σ̂ and premultiplied by the inverse of the Cholesky factor of the subject's residual
    /// correlation matrix, so that under the model they are independent standard normal.
    Normalized(&'a [f64]),
}

/// A fit's values per row and the conditional modes of its charted grouping factor.
#[derive(Debug, Clone, Copy)]
pub struct FittedValues<'a> {
    /// The model formula as given.
    pub formula: &'a str,
    /// `REML` or `ML`.
    pub method: &'a str,
    /// The residual correlation within a subject, if any (`--residual`).
    pub residual: Option<ResidualKind>,
    /// The conditional modes of the grouping factor with the most levels (its group, terms,
    /// levels and values).
    pub modes: &'a FactorModes,
    /// Each row's level of that factor (an index into `modes.levels`).
    pub group_of_row: &'a [u32],
    /// The observed response, one per row used.
    pub observed: &'a [f64],
    /// `xβ̂ + zb̂`, one per row used.
    pub fitted: &'a [f64],
    /// `xβ̂`, one per row used.
    pub population: &'a [f64],
    /// The residuals of the QQ plot.
    pub qq: QqResiduals<'a>,
}

impl FittedValues<'_> {
    /// How the model is named on a chart: `linear mixed model (REML)`, or with the residual
    /// correlation, `linear mixed model, AR(1) residuals (REML)`.
    pub fn model_name(&self) -> String {
        let residuals = match self.residual {
            None => "",
            Some(ResidualKind::Ar1) => ", AR(1) residuals",
            Some(ResidualKind::Car1) => ", CAR(1) residuals",
            Some(ResidualKind::Cs) => ", compound-symmetry residuals",
        };
        format!("linear mixed model{residuals} ({})", self.method)
    }

    /// The response's name (the formula's left-hand side).
    pub fn response(&self) -> &str {
        self.formula.split('~').next().unwrap_or_default().trim()
    }

    /// Observed values with the fitted per-group and population lines, one trajectory per
    /// group in level order, points in order of the numeric column `time` (which `frame`, the
    /// data of the fit, must hold).
    pub fn trajectories(&self, frame: &Frame, time: &str) -> Result<Vec<Trajectory>> {
        let times = match frame.column(time) {
            Some(Column::Numeric(v)) if v.len() == self.observed.len() => v,
            _ => {
                return Err(Error::field(
                    "time",
                    format!("'{time}' is not a numeric column of the model's data"),
                ));
            }
        };
        let mut out: Vec<Trajectory> = self
            .modes
            .levels
            .iter()
            .map(|l| Trajectory {
                group: l.clone(),
                points: Vec::new(),
            })
            .collect();
        for (i, &g) in self.group_of_row.iter().enumerate() {
            out[g as usize].points.push(TrajectoryPoint {
                time: times[i],
                observed: self.observed[i],
                fitted: self.fitted[i],
                population: self.population[i],
            });
        }
        for t in out.iter_mut() {
            t.points.sort_by(|a, b| a.time.total_cmp(&b.time));
        }
        Ok(out)
    }
}

impl LmmFit {
    /// The fit's values for charts: the first (most levels) grouping factor's modes, the
    /// raw residuals for the QQ plot.
    pub fn fitted_values(&self) -> FittedValues<'_> {
        FittedValues {
            formula: &self.formula,
            method: &self.method,
            residual: None,
            modes: &self.factor_modes[0],
            group_of_row: &self.group_of_row,
            observed: &self.observed,
            fitted: &self.fitted,
            population: &self.population,
            qq: QqResiduals::Response,
        }
    }
}

impl CorrelatedFit {
    /// The fit's values for charts: the subject's conditional modes, the normalized
    /// residuals for the QQ plot.
    pub fn fitted_values(&self) -> FittedValues<'_> {
        let c = self.conditional();
        FittedValues {
            formula: &self.formula,
            method: &self.method,
            residual: Some(self.residual.kind),
            modes: &c.modes,
            group_of_row: &c.group_of_row,
            observed: &c.observed,
            fitted: &c.fitted,
            population: &c.population,
            qq: QqResiduals::Normalized(&c.normalized),
        }
    }
}
