//! Estimated marginal (least-squares) means of a categorical variable and their pairwise
//! differences, as R's emmeans (Lenth; Searle, Speed & Milliken 1980, *Am. Stat.* 34:216):
//! at given values of other variables (`--at month=9`), numeric covariates not given at their
//! mean over the rows used, and other categorical variables averaged with equal weight over
//! their levels. Each mean is `lᵀβ̂` with `l` the average of the model-matrix rows of its
//! reference grid, built by the model's own coding ([`super::design::fixed_matrix`]), so
//! interactions of covariates take the product of the values, as emmeans does. SEs, df and
//! tests come from [`super::inference`] (Kenward–Roger: the adjusted covariance), as emmeans'
//! `lmer.df = "satterthwaite"` or `"kenward-roger"`. Pairwise differences are every pair in
//! level order (`high - low`), unadjusted for multiplicity (emmeans' `adjust = "none"`).

use super::design::fixed_matrix;
use super::formula::Formula;
use super::frame::{Column, Frame};
use super::inference::FixedInference;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::model_matrix::ModelMatrix;
use crate::output::{Cell, Table};
use serde::Serialize;

/// One estimated marginal mean.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Emmean {
    /// The point of the other variables (`month=9`; empty when none was given).
    pub at: String,
    /// The variable and its level.
    pub variable: String,
    pub level: String,
    pub estimate: f64,
    pub se: f64,
    pub df: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// One pairwise difference of estimated marginal means.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contrast {
    /// `high - low`.
    pub contrast: String,
    pub at: String,
    pub estimate: f64,
    pub se: f64,
    pub df: f64,
    pub t: f64,
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// Parse one `--at` value, `VAR=V` or `VAR=V1,V2`.
pub fn parse_at(text: &str) -> Result<(String, Vec<String>)> {
    let (var, values) = text.split_once('=').ok_or_else(|| {
        Error::field(
            "at",
            format!("'{text}' is not VARIABLE=VALUE (for example month=9 or month=3,6,9)"),
        )
    })?;
    let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
    if var.trim().is_empty() || values.iter().any(|v| v.is_empty()) {
        return Err(Error::field(
            "at",
            format!("'{text}' needs a variable and at least one value, as month=9"),
        ));
    }
    Ok((var.trim().to_string(), values))
}

/// The values of one variable on the reference grid.
enum GridValues {
    Numbers(Vec<f64>),
    Levels(Vec<u32>),
}

/// Where the variables of `formula` other than `variable` and those `at` names sit on the
/// reference grid, in words: each numeric one at its mean over the rows used, each
/// categorical one averaged over its levels with equal weights (emmeans prints the second as
/// "Results are averaged over the levels of: …"). Empty when there are none.
pub fn held_variables(
    formula: &Formula,
    frame: &Frame,
    variable: &str,
    at: &[(String, Vec<String>)],
) -> String {
    let mut names: Vec<&str> = Vec::new();
    for t in &formula.fixed {
        for v in &t.variables {
            let n = v.name.as_str();
            if n != variable && !names.contains(&n) && !at.iter().any(|(a, _)| a == n) {
                names.push(n);
            }
        }
    }
    let mut means = Vec::new();
    let mut averaged = Vec::new();
    for n in names {
        match frame.column(n) {
            Some(Column::Numeric(x)) if !x.is_empty() => means.push(format!(
                "{n} = {}",
                crate::output::human_number(x.iter().sum::<f64>() / x.len() as f64)
            )),
            Some(Column::Categorical { .. }) => averaged.push(n.to_string()),
            _ => {}
        }
    }
    let mut parts = Vec::new();
    if !means.is_empty() {
        parts.push(format!("at the mean {}", means.join(", ")));
    }
    if !averaged.is_empty() {
        parts.push(format!(
            "averaged over the levels of {} (equal weights)",
            averaged.join(", ")
        ));
    }
    parts.join("; ")
}

/// The estimated marginal means of `variable` and their pairwise differences at every point
/// of `at` (the combinations of the values given per variable), for the model `formula`
/// fitted to `frame`.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::lmm::{FittedModel, fit_csv_with_frame};
/// use trialstats_stats::lmm::formula::Formula;
/// use trialstats_stats::lmm::inference::Ddf;
/// use trialstats_stats::lmm::emmeans::emmeans;
/// // R 4.2.2, lme4 1.1.31, emmeans 1.8.4.1: m <- lmer(alsfrs ~ month * arm + (month | patient),
/// // tr); summary(emmeans(m, ~ arm, at = list(month = 9), lmer.df = "satterthwaite")) gives
/// // "high" 35.758625877064141 (SE 1.0154465422195538, df 58.045459908268100) (tests/lmm_ddf.rs).
/// let text = "alsfrs ~ month * arm + (month | patient)";
/// let (fit, frame) = fit_csv_with_frame(Path::new("tests/data/trial_arms.csv"), text, true)?;
/// let formula = Formula::parse(text)?;
/// let level = ConfidenceLevel::NINETY_FIVE;
/// let (_, inference) = fit.with_ddf(&formula, &frame, Ddf::Satterthwaite, level)?;
/// let at = [("month".to_string(), vec!["9".to_string()])];
/// let (means, _pairs) = emmeans(&formula, &frame, &inference.unwrap(), "arm", &at, level)?;
/// assert_eq!(means[0].level, "high");
/// assert!((means[0].estimate - 35.758625877064141).abs() < 1e-6 * 35.76);
/// assert!((means[0].se - 1.0154465422195538).abs() < 1e-6);
/// assert!((means[0].df - 58.045459908268100).abs() < 1e-4);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn emmeans(
    formula: &Formula,
    frame: &Frame,
    inference: &FixedInference,
    variable: &str,
    at: &[(String, Vec<String>)],
    level: ConfidenceLevel,
) -> Result<(Vec<Emmean>, Vec<Contrast>)> {
    let names = predictor_names(formula);
    if !names.iter().any(|n| n == variable) {
        return Err(Error::field(
            "contrast",
            format!(
                "'{variable}' is not a variable of the fixed effects; allowed: {}",
                names.join(", ")
            ),
        ));
    }
    let contrast_levels = levels_of(frame, variable).ok_or_else(|| {
        Error::field("contrast",
            format!("'{variable}' is numeric; least-squares means compare the levels of a categorical variable (write factor({variable}) in the formula to treat it as one)"),
        )
    })?;
    for (v, _) in at {
        if !names.contains(v) || v == variable {
            return Err(Error::field(
                "at",
                format!(
                    "'{v}' is not another variable of the fixed effects; allowed: {}",
                    names
                        .iter()
                        .filter(|n| *n != variable)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    let grid = ReferenceGrid::new(frame, &names, at)?;
    let x = fixed_matrix(formula, &grid.frame(frame)?)?;
    let by_level = LevelMeans {
        inference,
        level,
        variable,
        contrast_levels: &contrast_levels,
        contrast_index: names.iter().position(|n| n == variable).unwrap_or(0),
        grid: &grid,
        x: &x,
    };
    // The at points, in the order given (first --at variable fastest).
    let at_sizes: Vec<usize> = grid.at_dims.iter().map(|(g, _)| grid.sizes[*g]).collect();
    let n_points: usize = at_sizes.iter().product();
    let mut means = Vec::new();
    let mut contrasts = Vec::new();
    for point in 0..n_points {
        let mut rest = point;
        let chosen: Vec<(usize, usize)> = grid
            .at_dims
            .iter()
            .zip(&at_sizes)
            .map(|((g, _), s)| {
                let k = rest % s;
                rest /= s;
                (*g, k)
            })
            .collect();
        let label = grid
            .at_dims
            .iter()
            .zip(&chosen)
            .map(|((g, vals), &(_, k))| format!("{}={}", grid.variables[*g].0, vals[k]))
            .collect::<Vec<_>>()
            .join(", ");
        let ls = by_level.means(&chosen, &label, &mut means);
        by_level.differences(&ls, &label, &mut contrasts);
    }
    Ok((means, contrasts))
}

/// The model's predictor variables, each once, in the order the fixed terms name them.
fn predictor_names(formula: &Formula) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for t in &formula.fixed {
        for v in &t.variables {
            if !names.contains(&v.name) {
                names.push(v.name.clone());
            }
        }
    }
    names
}

/// The levels of the column `name` of `frame` (`None` unless it is categorical).
fn levels_of(frame: &Frame, name: &str) -> Option<Vec<String>> {
    match frame.column(name) {
        Some(Column::Categorical { levels, .. }) => Some(levels.clone()),
        _ => None,
    }
}

/// The reference grid: each variable's values and every combination of them.
struct ReferenceGrid {
    /// Each predictor and its values on the grid.
    variables: Vec<(String, GridValues)>,
    /// The variables `--at` names: their index in `variables` and the values given.
    at_dims: Vec<(usize, Vec<String>)>,
    /// Each variable's number of values.
    sizes: Vec<usize>,
    /// Every combination of values (an index per variable), the first variable fastest.
    combos: Vec<Vec<usize>>,
}

impl ReferenceGrid {
    /// The grid of the predictors `names` of `frame`, with the values `at` gives.
    fn new(frame: &Frame, names: &[String], at: &[(String, Vec<String>)]) -> Result<Self> {
        // Each variable's values on the grid: the contrast's levels, the --at values, or the
        // default (mean or every level).
        let mut variables: Vec<(String, GridValues)> = Vec::new();
        let mut at_dims: Vec<(usize, Vec<String>)> = Vec::new();
        for name in names {
            let given = at.iter().find(|(v, _)| v == name);
            let values = grid_values(frame, name, given.map(|(_, vals)| vals.as_slice()))?;
            if let Some((_, vals)) = given {
                at_dims.push((variables.len(), vals.clone()));
            }
            variables.push((name.clone(), values));
        }
        // Enumerate every combination (the first variable fastest).
        let sizes: Vec<usize> = variables
            .iter()
            .map(|(_, v)| match v {
                GridValues::Numbers(x) => x.len(),
                GridValues::Levels(x) => x.len(),
            })
            .collect();
        let total: usize = sizes.iter().product();
        let mut combos: Vec<Vec<usize>> = Vec::with_capacity(total);
        for c in 0..total {
            let mut rest = c;
            combos.push(
                sizes
                    .iter()
                    .map(|s| {
                        let k = rest % s;
                        rest /= s;
                        k
                    })
                    .collect(),
            );
        }
        Ok(ReferenceGrid {
            variables,
            at_dims,
            sizes,
            combos,
        })
    }

    /// The grid as a frame, one row per combination, categorical columns with the levels
    /// they have in `frame`.
    fn frame(&self, frame: &Frame) -> Result<Frame> {
        let combos = &self.combos;
        let columns: Vec<(String, Column)> = self
            .variables
            .iter()
            .enumerate()
            .map(|(g, (name, values))| {
                let column = match values {
                    GridValues::Numbers(x) => {
                        Column::Numeric(combos.iter().map(|c| x[c[g]]).collect())
                    }
                    GridValues::Levels(x) => Column::Categorical {
                        codes: combos.iter().map(|c| x[c[g]]).collect(),
                        levels: levels_of(frame, name).unwrap_or_default(),
                    },
                };
                (name.clone(), column)
            })
            .collect();
        Frame::from_typed_columns("the reference grid", columns)
    }
}

/// The values of the variable `name` on the grid: the `given` ones (`--at`), else its mean
/// (numeric) or every level (categorical).
fn grid_values(frame: &Frame, name: &str, given: Option<&[String]>) -> Result<GridValues> {
    Ok(match (frame.column(name), given) {
        (Some(Column::Numeric(x)), None) => {
            GridValues::Numbers(vec![x.iter().sum::<f64>() / x.len() as f64])
        }
        (Some(Column::Numeric(_)), Some(vals)) => GridValues::Numbers(
            vals.iter()
                .map(|s| {
                    s.parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| {
                            Error::field(
                                "at",
                                format!(
                                    "{name}={s}: '{name}' is numeric and '{s}' is not a number"
                                ),
                            )
                        })
                })
                .collect::<Result<_>>()?,
        ),
        (Some(Column::Categorical { levels, .. }), Some(vals)) => GridValues::Levels(
            vals.iter()
                .map(|s| {
                    levels
                        .iter()
                        .position(|l| l == s)
                        .map(|k| k as u32)
                        .ok_or_else(|| {
                            Error::field(
                                "at",
                                format!(
                                    "{name}={s}: '{s}' is not a level of '{name}'; allowed: {}",
                                    levels.join(", ")
                                ),
                            )
                        })
                })
                .collect::<Result<_>>()?,
        ),
        (Some(Column::Categorical { levels, .. }), None) => {
            GridValues::Levels((0..levels.len() as u32).collect())
        }
        (None, _) => {
            return Err(Error::field(
                "contrast",
                format!("column '{name}' is not in {}", frame.source),
            ));
        }
    })
}

/// The means of the contrast variable's levels on a reference grid and their differences.
struct LevelMeans<'a> {
    inference: &'a FixedInference,
    level: ConfidenceLevel,
    variable: &'a str,
    contrast_levels: &'a [String],
    /// The contrast variable's index among the grid's variables.
    contrast_index: usize,
    grid: &'a ReferenceGrid,
    /// The model matrix of the grid, a row per combination.
    x: &'a ModelMatrix,
}

impl LevelMeans<'_> {
    /// Pushes the mean of each level at the `--at` point `chosen` (grid variable, value) to
    /// `means`, and returns each level's `l` (the average of its grid rows).
    fn means(
        &self,
        chosen: &[(usize, usize)],
        label: &str,
        means: &mut Vec<Emmean>,
    ) -> Vec<Vec<f64>> {
        let (inference, level, combos) = (self.inference, self.level, &self.grid.combos);
        let mut ls: Vec<Vec<f64>> = Vec::new();
        for (k, lev) in self.contrast_levels.iter().enumerate() {
            let rows: Vec<usize> = (0..combos.len())
                .filter(|&r| {
                    combos[r][self.contrast_index] == k
                        && chosen.iter().all(|&(g, kk)| combos[r][g] == kk)
                })
                .collect();
            let mut l = vec![0.0; self.x.p];
            for &r in &rows {
                for (j, v) in self.x.row(r).iter().enumerate() {
                    l[j] += v / rows.len() as f64;
                }
            }
            let c = inference.contrast(&l);
            let estimate: f64 = l
                .iter()
                .zip(inference.beta.iter())
                .map(|(a, b)| a * b)
                .sum();
            let se = c.variance.sqrt();
            let half = level.t_crit(c.df) * se;
            means.push(Emmean {
                at: label.to_string(),
                variable: self.variable.to_string(),
                level: lev.clone(),
                estimate,
                se,
                df: c.df,
                ci_lower: estimate - half,
                ci_upper: estimate + half,
            });
            ls.push(l);
        }
        ls
    }

    /// Pushes every pairwise difference (`high - low`, in level order) of the levels whose
    /// `l` are `ls` to `contrasts`.
    fn differences(&self, ls: &[Vec<f64>], label: &str, contrasts: &mut Vec<Contrast>) {
        let (inference, level) = (self.inference, self.level);
        for a in 0..ls.len() {
            for b in a + 1..ls.len() {
                let l: Vec<f64> = ls[a].iter().zip(&ls[b]).map(|(u, v)| u - v).collect();
                let c = inference.contrast(&l);
                let estimate: f64 = l
                    .iter()
                    .zip(inference.beta.iter())
                    .map(|(u, v)| u * v)
                    .sum();
                let se = c.variance.sqrt();
                let t = estimate / se;
                let half = level.t_crit(c.df) * se;
                contrasts.push(Contrast {
                    contrast: format!("{} - {}", self.contrast_levels[a], self.contrast_levels[b]),
                    at: label.to_string(),
                    estimate,
                    se,
                    df: c.df,
                    t,
                    p: crate::dist::p_two_sided_t(t, c.df),
                    ci_lower: estimate - half,
                    ci_upper: estimate + half,
                });
            }
        }
    }
}

/// The table of estimated marginal means.
pub fn emmeans_table(rows: &[Emmean]) -> Table {
    Table {
        header: [
            "at", "level", "estimate", "se", "df", "ci_lower", "ci_upper",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.at.as_str()),
                    Cell::from(r.level.as_str()),
                    r.estimate.into(),
                    r.se.into(),
                    r.df.into(),
                    r.ci_lower.into(),
                    r.ci_upper.into(),
                ]
            })
            .collect(),
    }
}

/// The table of pairwise differences.
pub fn contrasts_table(rows: &[Contrast]) -> Table {
    Table {
        header: [
            "at", "contrast", "estimate", "se", "df", "t", "p", "ci_lower", "ci_upper",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.at.as_str()),
                    Cell::from(r.contrast.as_str()),
                    r.estimate.into(),
                    r.se.into(),
                    r.df.into(),
                    r.t.into(),
                    r.p.into(),
                    r.ci_lower.into(),
                    r.ci_upper.into(),
                ]
            })
            .collect(),
    }
}
