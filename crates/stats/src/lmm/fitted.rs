//! What the charts of a fitted mixed model are drawn from, whichever fit made them: an
//! lme4-style [`LmmFit`] or one with correlated residuals ([`CorrelatedFit`]). Each row's
//! observed value, its fitted value `xβ̂ + zb̂` and population value `xβ̂`, the conditional
//! modes of the grouping factor the charts draw (each group's BLUPs), and the residuals a QQ
//! plot shows. [`FittedValues`] borrows them from the fit, so a chart copies no row. Against a
//! numeric time they give each group's trajectory ([`FittedValues::trajectories`]); against a
//! categorical one (a visit as `factor(visit)`), each level's observed and fitted means
//! ([`FittedValues::means_by_level`]).

use super::fit::{FactorModes, LmmFit, Trajectory, TrajectoryPoint};
use super::formula::Formula;
use super::frame::{Column, Frame};
use super::residual::{CorrelatedFit, ResidualKind};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// The most levels a categorical time may have for its means by level: they are for visits,
/// not for the levels of a grouping factor (a mean per subject).
pub const MAX_TIME_LEVELS: usize = 30;

/// One level of a categorical time (a visit as `factor(visit)`): the observed mean of its
/// rows with its t interval, and the mean of their population values `xβ̂`.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelMean {
    pub level: String,
    /// The rows observed at the level.
    pub n: usize,
    /// The mean of their observed values.
    pub observed: f64,
    /// `mean ± t(n − 1) · sd/√n` at the level asked (`None` for one row).
    pub interval: Option<(f64, f64)>,
    /// The mean of their population values `xβ̂`: what the fixed effects predict for the
    /// rows observed there.
    pub fitted: f64,
}

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

    /// The observed and fitted means of each level of the categorical column `time` of
    /// `frame` (the data of the fit; a visit as `factor(visit)`), in level order (the
    /// reference first), each with its rows' observed mean and its t interval at `level`
    /// ([`LevelMean`]). Levels with no row are left out. Refused (naming `time`) for a column
    /// that is not a categorical fixed effect of the fit's formula (a grouping factor is not),
    /// or one of more than [`MAX_TIME_LEVELS`] levels.
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use std::path::Path;
    /// use trialstats_numerics::level::ConfidenceLevel;
    /// use trialstats_stats::lmm::fit_csv_with_frame;
    /// let (fit, frame) = fit_csv_with_frame(
    ///     Path::new("tests/data/visits_ar1.csv"),
    ///     "score ~ factor(visit) + arm + (1 | id)",
    ///     true,
    /// )?;
    /// let means = fit
    ///     .fitted_values()
    ///     .means_by_level(&frame, "visit", ConfidenceLevel::NINETY_FIVE)?;
    /// // Visits 0 to 5 in order; all 80 patients seen at visit 0.
    /// assert_eq!(means.len(), 6);
    /// assert_eq!((means[0].level.as_str(), means[0].n), ("0", 80));
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn means_by_level(
        &self,
        frame: &Frame,
        time: &str,
        level: ConfidenceLevel,
    ) -> Result<Vec<LevelMean>> {
        let formula = Formula::parse(self.formula)?;
        let mut categorical: Vec<&str> = Vec::new();
        for v in formula.fixed.iter().flat_map(|t| &t.variables) {
            let name = v.name.as_str();
            if !categorical.contains(&name)
                && matches!(frame.column(name), Some(Column::Categorical { .. }))
            {
                categorical.push(name);
            }
        }
        let (codes, levels) = match frame.column(time) {
            Some(Column::Categorical { codes, levels })
                if codes.len() == self.observed.len() && categorical.contains(&time) =>
            {
                (codes, levels)
            }
            _ => {
                let allowed = if categorical.is_empty() {
                    "the formula has none".to_string()
                } else {
                    format!("allowed: {}", categorical.join(", "))
                };
                return Err(Error::field(
                    "time",
                    format!(
                        "'{time}' is not a categorical fixed effect of the formula (a visit written factor(visit)); {allowed}"
                    ),
                ));
            }
        };
        if levels.len() > MAX_TIME_LEVELS {
            return Err(Error::field(
                "time",
                format!(
                    "'{time}' has {} levels; the means by level are for visits (at most {MAX_TIME_LEVELS}), not for a grouping factor",
                    levels.len()
                ),
            ));
        }
        let mut rows: Vec<Vec<usize>> = vec![Vec::new(); levels.len()];
        for (i, &c) in codes.iter().enumerate() {
            rows[c as usize].push(i);
        }
        Ok(levels
            .iter()
            .zip(&rows)
            .filter(|(_, rows)| !rows.is_empty())
            .map(|(name, rows)| {
                let n = rows.len();
                let mean_of = |v: &[f64]| rows.iter().map(|&i| v[i]).sum::<f64>() / n as f64;
                let observed = mean_of(self.observed);
                let interval = (n > 1).then(|| {
                    let ss: f64 = rows
                        .iter()
                        .map(|&i| (self.observed[i] - observed).powi(2))
                        .sum();
                    let half =
                        level.t_crit((n - 1) as f64) * (ss / (n - 1) as f64 / n as f64).sqrt();
                    (observed - half, observed + half)
                });
                LevelMean {
                    level: name.clone(),
                    n,
                    observed,
                    interval,
                    fitted: mean_of(self.population),
                }
            })
            .collect())
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
