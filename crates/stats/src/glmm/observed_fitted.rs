//! Observed against fitted, by the levels of a categorical fixed effect (the arm) and, when
//! asked, at each value of a numeric time column: the numbers `glmm`'s chart of observed and
//! fitted values draws and its JSON `observed_vs_fitted` holds.
//!
//! **Fitted.** A level's fitted value is the average over its rows of the model's prediction
//! at random effects 0 on the response scale, glmmTMB's `predict(m, re.form = NA, type =
//! "response")`: μᵢ = g⁻¹(xᵢβ + offsetᵢ), times 1 − πᵢ under zero inflation (the mean of a
//! zero-inflated count; Brooks et al. 2017, R Journal 9(2)). For successes out of trials the
//! average is weighted by the rows' trials, Σ nᵢpᵢ / Σ nᵢ, as the observed proportion Σ yᵢ /
//! Σ nᵢ is; for an ordinal response it is each category's probability F(τⱼ − xᵢβ) −
//! F(τⱼ₋₁ − xᵢβ), from clmm's fixed effects and thresholds (clmm has no predict method).
//! The prediction at random effects 0 is the typical subject's, not the mean over subjects: with
//! a log link and a random intercept of SD σ the mean over subjects is e^{σ²/2} times larger,
//! so a fitted mean below the observed one is what the random effect makes, not a lack of fit.
//!
//! **The fitted value's interval** ([`super::fitted_interval`]): the delta method over β (and the
//! zero-inflation coefficients, or an ordinal model's thresholds), for the average on the
//! response scale, built on its link scale (log or logit) and transformed back; where the rows
//! of a level share xβ it is glmmTMB's `predict(se.fit = TRUE, type = "link")` interval.
//!
//! **Observed, and its interval.** Means (counts, gamma, beta): the level's mean with the t
//! interval ȳ ± t_{n−1} s/√n (R's `t.test(y)$conf.int`), its lower end truncated at 0 (a mean
//! of counts or of positive values cannot be below it) and a beta's upper end at 1; it treats
//! the level's rows as independent, and a level of one row has none. Proportions (binomial,
//! beta-binomial): Σ yᵢ / Σ nᵢ with the Clopper–Pearson interval (R's `binom.test(Σ y, Σ n)`),
//! which treats every trial as independent, so it is narrower than the truth when rows are
//! overdispersed or clustered. Ordinal: each category's share of the level's rows with the
//! Clopper–Pearson interval of its count.
//!
//! Checked against glmmTMB 1.1.5 and ordinal 2022.11-16 (`benches/glmm_observed_fitted_reference.R`,
//! `tests/glmm_observed_fitted.rs`).

use super::family::Family;
use super::fitted_interval::FittedInterval;
pub use super::fitted_rows::FittedRows;
use crate::effect::proportion::clopper_pearson_interval;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::lmm::formula::Formula;
use crate::lmm::frame::{Column, Frame};
use crate::output::human_number;
use serde::Serialize;

/// The most distinct values a time column may have: the summary is for a few visits, not for
/// a continuous covariate (each value would be a level of its own).
pub const MAX_TIMES: usize = 30;

/// What each level's summary is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Summary {
    /// The mean response (Poisson and negative-binomial counts, gamma, beta).
    Mean,
    /// Successes over trials (binomial, beta-binomial).
    Proportion,
    /// Each category's share of the rows (ordinal).
    CategoryShares,
}

impl Summary {
    /// The summary of `family`'s responses.
    pub fn of(family: Family) -> Summary {
        match family {
            Family::Binomial | Family::BetaBinomial => Summary::Proportion,
            Family::Ordinal => Summary::CategoryShares,
            _ => Summary::Mean,
        }
    }
}

/// What to summarise by: `by` names a categorical fixed effect (`None`: the first of the
/// formula's), `time` a numeric fixed effect to cross it with (`None`: none), and `level` is
/// the observed intervals' confidence level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObservedFittedRequest<'a> {
    pub by: Option<&'a str>,
    pub time: Option<&'a str>,
    pub level: ConfidenceLevel,
}

/// One level (at one time; of one category for an ordinal response): the observed summary
/// beside the fitted one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LevelSummary {
    pub level: String,
    /// The time (with a time column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<f64>,
    /// The category (ordinal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Rows.
    pub n: usize,
    /// The trials of those rows (successes out of trials).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trials: Option<f64>,
    /// The mean, the proportion Σ y / Σ n, or the category's share.
    pub observed: f64,
    /// Its interval (`None`, JSON `null`, for a mean of one row).
    pub observed_ci: Option<[f64; 2]>,
    /// The average prediction at random effects 0 (see the module's documentation).
    pub fitted: f64,
    /// Its confidence interval at the command's level: the delta method on the link scale
    /// of the average (see the module's documentation); `None` (JSON `null`) when the fit
    /// has no covariance.
    pub fitted_ci: Option<[f64; 2]>,
    /// The SE of the fitted value on that link scale (log or logit of the average), which
    /// is glmmTMB's `predict(se.fit = TRUE, type = "link")` where the level's rows share
    /// x'β.
    pub fitted_se_link: Option<f64>,
}

/// Observed against fitted by the levels of one variable. As JSON it is three keys of the fit
/// (`observed_vs_fitted_by`, `observed_vs_fitted_time` with a time column, and
/// `observed_vs_fitted`, the rows).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ObservedVsFitted {
    /// The categorical variable.
    #[serde(rename = "observed_vs_fitted_by")]
    pub variable: String,
    /// The time column, if crossed.
    #[serde(
        rename = "observed_vs_fitted_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub time: Option<String>,
    #[serde(rename = "observed_vs_fitted")]
    pub rows: Vec<LevelSummary>,
    /// What is summarised.
    #[serde(skip)]
    pub summary: Summary,
    /// The response column (the successes of `cbind( )`).
    #[serde(skip)]
    pub response: String,
    /// The family as R names it (`nbinom2`), with ` zero-inflated` where it is.
    #[serde(skip)]
    pub model: String,
    /// The level of the observed intervals.
    #[serde(skip)]
    pub level: ConfidenceLevel,
    /// How the observed intervals are computed, for a caption.
    #[serde(skip)]
    pub interval: String,
    /// The levels in order (the reference first).
    #[serde(skip)]
    pub levels: Vec<String>,
    /// An ordinal response's categories, lowest first (empty otherwise).
    #[serde(skip)]
    pub categories: Vec<String>,
    /// Whether the model has random effects (then the fitted values are a typical subject's,
    /// at random effects 0).
    #[serde(skip)]
    pub random_effects: bool,
    /// The link (`log`, `logit`).
    #[serde(skip)]
    pub link: String,
    /// The columns of the formula's offsets (`years` of `offset(log(years))`): each row's
    /// count is over its own exposure, and a level's mean is one of counts, not of rates.
    #[serde(skip)]
    pub exposures: Vec<String>,
}

/// What [`observed_vs_fitted`] reads of a fit (a [`super::GlmmFit`] gives it, so that this
/// file needs nothing of the fitting).
#[derive(Debug, Clone, Copy)]
pub struct FittedModel<'a> {
    /// Each row's response and prediction at random effects 0.
    pub rows: &'a FittedRows,
    /// The model formula, as fitted.
    pub formula: &'a str,
    /// Whether the model has random effects (the typical-subject note).
    pub random_effects: bool,
    /// The link, by name.
    pub link: &'a str,
    /// An ordinal model's thresholds τ (empty for the other families).
    pub thresholds: &'a [f64],
}

/// Observed against fitted by the levels asked for in `request`, of `fit` fitted to `frame`
/// (the frame `fit_csv_with_frame` returns). Refused (naming `by` or `time`) for a variable that
/// is not a categorical (`by`) or numeric (`time`) fixed effect of the formula, listing the ones
/// that are; for a formula without a categorical fixed effect; for a time column with more than
/// [`MAX_TIMES`] values or with an ordinal response.
pub fn observed_vs_fitted(
    fit: FittedModel,
    frame: &Frame,
    request: &ObservedFittedRequest,
) -> Result<ObservedVsFitted> {
    let rows = fit.rows;
    if frame.n_rows != rows.observed.len() {
        return Err(Error::field(
            "by",
            format!(
                "the data has {} rows and the fit {}: give the frame the model was fitted to",
                frame.n_rows,
                rows.observed.len()
            ),
        ));
    }
    let formula = Formula::parse(fit.formula)?;
    let variables = FixedVariables::of(&formula, frame);
    let (variable, codes, levels) = variables.categorical(frame, request.by, &formula)?;
    let times = match request.time {
        Some(name) => Some(variables.time(frame, name, rows.family)?),
        None => None,
    };
    let cells = cells(&codes, levels.len(), times.as_ref().map(|t| &t.1));
    let summary = Summary::of(rows.family);
    let mut out = Vec::new();
    for cell in &cells {
        let level = &levels[cell.level];
        let time = cell.time;
        let summaries = match summary {
            Summary::Mean => vec![mean_summary(rows, &cell.rows, request.level)],
            Summary::Proportion => vec![proportion_summary(rows, &cell.rows, request.level)],
            Summary::CategoryShares => {
                category_summaries(rows, fit.thresholds, &cell.rows, request.level)
            }
        };
        for mut s in summaries.into_iter().flatten() {
            if !s.fitted.is_finite() {
                return Err(not_finite(level, s.fitted));
            }
            s.level = level.clone();
            s.time = time;
            out.push(s);
        }
    }
    let zero_inflated = if rows.zero_logit.is_empty() {
        ""
    } else {
        " zero-inflated"
    };
    Ok(ObservedVsFitted {
        variable: variable.to_string(),
        time: times.map(|t| t.0),
        rows: out,
        summary,
        response: formula.response.clone(),
        model: format!("{}{zero_inflated}", rows.family.r_name()),
        level: request.level,
        interval: interval_text(summary, request.level),
        levels,
        categories: rows.categories.clone(),
        random_effects: fit.random_effects,
        link: fit.link.to_string(),
        exposures: formula.offsets.iter().map(|o| o.column.clone()).collect(),
    })
}

/// How the observed intervals of `summary` are computed, for a caption.
fn interval_text(summary: Summary, level: ConfidenceLevel) -> String {
    let level = level.label();
    match summary {
        Summary::Mean => format!("{level} t interval of the mean (mean ± t SD/√n)"),
        Summary::Proportion => {
            format!("{level} Clopper–Pearson interval of successes out of trials")
        }
        Summary::CategoryShares => format!("{level} Clopper–Pearson interval of each share"),
    }
}

fn not_finite(level: &str, fitted: f64) -> Error {
    Error::numerical(format!(
        "the fitted value of level '{level}' is {}: a prediction at random effects 0 overflows (an estimate that is really infinite, see the warnings)",
        human_number(fitted)
    ))
}

/// The variables of a formula's fixed terms, in the order written, split by their columns'
/// kind in the frame.
struct FixedVariables {
    categorical: Vec<String>,
    numeric: Vec<String>,
}

impl FixedVariables {
    fn of(formula: &Formula, frame: &Frame) -> FixedVariables {
        let mut out = FixedVariables {
            categorical: Vec::new(),
            numeric: Vec::new(),
        };
        for v in formula.fixed.iter().flat_map(|t| &t.variables) {
            let list = match frame.column(&v.name) {
                Some(Column::Categorical { .. }) => &mut out.categorical,
                Some(Column::Numeric(_)) => &mut out.numeric,
                None => continue,
            };
            if !list.contains(&v.name) {
                list.push(v.name.clone());
            }
        }
        out
    }

    /// The categorical variable `by` (`None`: the first), with its codes and levels.
    fn categorical<'a>(
        &'a self,
        frame: &'a Frame,
        by: Option<&'a str>,
        formula: &Formula,
    ) -> Result<(&'a str, Vec<u32>, Vec<String>)> {
        let allowed = || {
            if self.categorical.is_empty() {
                format!(
                    "the formula '{}' has no categorical fixed effect (write a numeric column as factor(x) to make it one)",
                    formula.text
                )
            } else {
                format!("allowed: {}", self.categorical.join(", "))
            }
        };
        let name = match by {
            Some(name) if self.categorical.iter().any(|c| c == name) => name,
            Some(name) if self.numeric.iter().any(|c| c == name) => {
                return Err(Error::field(
                    "by",
                    format!(
                        "'{name}' is numeric; observed and fitted values are compared by the levels of a categorical fixed effect; {}",
                        allowed()
                    ),
                ));
            }
            Some(name) => {
                return Err(Error::field(
                    "by",
                    format!(
                        "'{name}' is not a fixed effect of the formula '{}'; {}",
                        formula.text,
                        allowed()
                    ),
                ));
            }
            None => self.categorical.first().ok_or_else(|| {
                Error::field(
                    "by",
                    format!(
                        "observed and fitted values are compared by the levels of a categorical fixed effect, and {}",
                        allowed()
                    ),
                )
            })?,
        };
        match frame.column(name) {
            Some(Column::Categorical { codes, levels }) => {
                Ok((name, codes.clone(), levels.clone()))
            }
            _ => Err(Error::field("by", format!("'{name}' is not categorical"))),
        }
    }

    /// The numeric time column `name` and its values, refused for an ordinal response
    /// (`family`), a column that is not a numeric fixed effect, or one with more than
    /// [`MAX_TIMES`] distinct values.
    fn time(&self, frame: &Frame, name: &str, family: Family) -> Result<(String, Vec<f64>)> {
        if family == Family::Ordinal {
            return Err(Error::field(
                "time",
                "an ordinal response is summarised by level only (each level's category shares); leave the time out",
            ));
        }
        let values = match frame.column(name) {
            Some(Column::Numeric(values)) if self.numeric.iter().any(|c| c == name) => values,
            _ => {
                let allowed = if self.numeric.is_empty() {
                    "the formula has no numeric fixed effect".to_string()
                } else {
                    format!("allowed: {}", self.numeric.join(", "))
                };
                return Err(Error::field(
                    "time",
                    format!("'{name}' is not a numeric fixed effect of the formula; {allowed}"),
                ));
            }
        };
        let distinct = distinct_sorted(values);
        if distinct.len() > MAX_TIMES {
            return Err(Error::field(
                "time",
                format!(
                    "'{name}' has {} distinct values; the summary by time is for visits (at most {MAX_TIMES} of them), not for a continuous covariate",
                    distinct.len()
                ),
            ));
        }
        Ok((name.to_string(), values.clone()))
    }
}

fn distinct_sorted(values: &[f64]) -> Vec<f64> {
    let mut d = values.to_vec();
    d.sort_by(f64::total_cmp);
    d.dedup();
    d
}

/// The rows of one level (at one time).
struct Cell {
    level: usize,
    time: Option<f64>,
    rows: Vec<usize>,
}

/// The rows of each level (`codes` into `n_levels` levels), in the levels' order, and within a
/// level of each time in increasing order; cells without rows are left out.
fn cells(codes: &[u32], n_levels: usize, times: Option<&Vec<f64>>) -> Vec<Cell> {
    let distinct = times.map_or(Vec::new(), |t| distinct_sorted(t));
    let n_times = distinct.len().max(1);
    let mut out: Vec<Cell> = (0..n_levels * n_times)
        .map(|k| Cell {
            level: k / n_times,
            time: times.map(|_| distinct[k % n_times]),
            rows: Vec::new(),
        })
        .collect();
    for (i, &code) in codes.iter().enumerate() {
        let t = times.map_or(0, |t| distinct.partition_point(|d| *d < t[i]));
        out[code as usize * n_times + t].rows.push(i);
    }
    out.retain(|c| !c.rows.is_empty());
    out
}

/// A summary with its level and time left to fill.
fn summary(
    n: usize,
    observed: f64,
    observed_ci: Option<[f64; 2]>,
    fitted: FittedInterval,
) -> LevelSummary {
    LevelSummary {
        level: String::new(),
        time: None,
        category: None,
        n,
        trials: None,
        observed,
        observed_ci,
        fitted: fitted.value,
        fitted_ci: fitted.ci,
        fitted_se_link: fitted.se_link,
    }
}

/// The mean of `rows` with its t interval (none for one row), and their mean prediction.
fn mean_summary(
    fitted: &FittedRows,
    rows: &[usize],
    level: ConfidenceLevel,
) -> Option<LevelSummary> {
    let n = rows.len();
    let y: Vec<f64> = rows.iter().map(|&i| fitted.observed[i]).collect();
    let mean = y.iter().sum::<f64>() / n as f64;
    let ci = (n > 1).then(|| {
        let ss: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
        let se = (ss / (n - 1) as f64).sqrt() / (n as f64).sqrt();
        let half = level.t_crit((n - 1) as f64) * se;
        let upper_bound = if fitted.family == Family::Beta {
            1.0
        } else {
            f64::INFINITY
        };
        [(mean - half).max(0.0), (mean + half).min(upper_bound)]
    });
    let prediction = fitted.mean_interval(rows, false, level);
    Some(summary(n, mean, ci, prediction))
}

/// Σ y / Σ n of `rows` with its Clopper–Pearson interval, and their predictions weighted by
/// their trials; `None` when the rows have no trials.
fn proportion_summary(
    fitted: &FittedRows,
    rows: &[usize],
    level: ConfidenceLevel,
) -> Option<LevelSummary> {
    let successes: f64 = rows.iter().map(|&i| fitted.observed[i]).sum();
    let trials: f64 = rows.iter().map(|&i| fitted.trials[i]).sum();
    if trials <= 0.0 {
        return None;
    }
    let (lower, upper) = clopper_pearson_interval(successes, trials, level);
    let prediction = fitted.mean_interval(rows, true, level);
    let ci = (lower.is_finite() && upper.is_finite()).then_some([lower, upper]);
    let mut s = summary(rows.len(), successes / trials, ci, prediction);
    s.trials = Some(trials);
    Some(s)
}

/// Each category's share of `rows` with its Clopper–Pearson interval, and its mean fitted
/// probability at the thresholds `tau`.
fn category_summaries(
    fitted: &FittedRows,
    tau: &[f64],
    rows: &[usize],
    level: ConfidenceLevel,
) -> Vec<Option<LevelSummary>> {
    let n = rows.len();
    (0..fitted.categories.len())
        .map(|j| {
            let count = rows
                .iter()
                .filter(|&&i| fitted.observed[i] as usize == j)
                .count();
            let probability = fitted.category_interval(tau, j, rows, level);
            let (lower, upper) = clopper_pearson_interval(count as f64, n as f64, level);
            let ci = (lower.is_finite() && upper.is_finite()).then_some([lower, upper]);
            let mut s = summary(n, count as f64 / n as f64, ci, probability);
            s.category = Some(fitted.categories[j].clone());
            Some(s)
        })
        .collect()
}

impl ObservedVsFitted {
    /// How the fitted values' intervals are computed, for a caption.
    pub fn fitted_interval_text(&self) -> String {
        let scale = match self.summary {
            Summary::Mean if self.link == "log" || self.model.ends_with("zero-inflated") => "log",
            _ => "logit",
        };
        format!(
            "{} interval by the delta method on the {scale} scale of the average (as glmmTMB's predict(se.fit = TRUE, type = \"link\"))",
            self.level.label()
        )
    }

    /// The summaries as a block of text after the fixed effects: a heading that says what is
    /// compared, then one aligned row per level (and time, or category).
    pub fn text(&self) -> String {
        use crate::output::Cell;
        let what = match self.summary {
            Summary::Mean => format!("mean {}", self.response),
            Summary::Proportion => format!("proportion {} (successes / trials)", self.response),
            Summary::CategoryShares => format!("share of each {} category", self.response),
        };
        let mut header = vec![self.variable.clone()];
        header.extend(self.time.clone());
        if self.summary == Summary::CategoryShares {
            header.push("category".into());
        }
        header.push("n".into());
        if self.summary == Summary::Proportion {
            header.push("trials".into());
        }
        let percent = human_number(self.level.percent());
        header.extend([
            "observed".into(),
            format!("lower_{percent}"),
            format!("upper_{percent}"),
            "fitted".into(),
            format!("fitted_lower_{percent}"),
            format!("fitted_upper_{percent}"),
        ]);
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![Cell::from(r.level.as_str())];
                row.extend(r.time.map(Cell::from));
                row.extend(r.category.as_deref().map(Cell::from));
                row.push(Cell::Integer(r.n as i64));
                row.extend(r.trials.map(Cell::from));
                let [lower, upper] = r.observed_ci.map_or([Cell::Missing, Cell::Missing], |c| {
                    [c[0].into(), c[1].into()]
                });
                let [fitted_lower, fitted_upper] =
                    r.fitted_ci.map_or([Cell::Missing, Cell::Missing], |c| {
                        [c[0].into(), c[1].into()]
                    });
                row.extend([r.observed.into(), lower, upper, r.fitted.into()]);
                row.extend([fitted_lower, fitted_upper]);
                row
            })
            .collect();
        format!(
            "observed vs fitted by {}: {what}, {}; fitted: the mean prediction at random effects 0 ({}), {}\n{}",
            self.variable,
            self.interval,
            self.model,
            self.fitted_interval_text(),
            crate::output::table::align(&header, &rows)
        )
    }
}
