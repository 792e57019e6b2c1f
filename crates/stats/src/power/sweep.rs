//! A closed form across one or two nuisance parameters: `--sweep sd-slope=0.1:0.6:0.1`
//! (from:to:step) or `--sweep dropout=0,0.1,0.2` (a list), the n per arm (or the power at a
//! given n) at every point, as a table and a chart, everything else held fixed. This is the
//! power counterpart of the pre/post r sweep: the values a document does not report are
//! shown over their plausible range instead of being guessed once.

use super::mmrm::{MmrmDesign, mmrm_power};
use super::rate::{RateDesign, VarianceMethod, rate_power};
use super::slope::{SlopeDesign, slope_power};
use super::survival::{SurvivalDesign, survival_power};
use super::{Allocation, Goal, SampleSize, Solution, Test};
use crate::error::{Error, Refusal, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;

/// One swept parameter and its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepAxis {
    /// The parameter's name as the sweep gives it, without leading dashes (`sd-slope`).
    pub name: String,
    pub values: Vec<f64>,
}

/// The most values one axis may have, and the most points of a sweep.
pub const MAX_AXIS_VALUES: usize = 1000;
pub const MAX_POINTS: usize = 100_000;

impl std::str::FromStr for SweepAxis {
    type Err = Error;
    /// `name=from:to:step` or `name=v1,v2,...`.
    fn from_str(text: &str) -> Result<SweepAxis> {
        let bad = |why: String| Error::field("sweep", format!("'{text}': {why}"));
        let (name, spec) = text.split_once('=').ok_or_else(|| {
            bad("expected NAME=FROM:TO:STEP or NAME=V1,V2,... (e.g. sd-slope=0.1:0.6:0.1)".into())
        })?;
        let name = name.trim().trim_start_matches("--").to_string();
        let number = |s: &str| -> Result<f64> {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| bad(format!("'{s}' is not a number")))
        };
        let values: Vec<f64> = if spec.contains(':') {
            let parts: Vec<&str> = spec.split(':').collect();
            let [from, to, step] = parts[..] else {
                return Err(bad("a range is FROM:TO:STEP, three numbers".into()));
            };
            let (from, to, step) = (number(from)?, number(to)?, number(step)?);
            if step <= 0.0 || to < from {
                return Err(bad(
                    "a range needs FROM ≤ TO and a STEP greater than 0".into()
                ));
            }
            let count = ((to - from) / step + 1e-9).floor() + 1.0;
            if count > MAX_AXIS_VALUES as f64 {
                return Err(bad(format!(
                    "{count} values; allowed: at most {MAX_AXIS_VALUES}"
                )));
            }
            // Values as from + i·step, rounded to 12 significant digits so that 0.1:0.6:0.1
            // gives 0.3, not 0.30000000000000004.
            (0..count as usize)
                .map(|i| {
                    let v = from + i as f64 * step;
                    format!("{v:.12e}").parse().unwrap_or(v)
                })
                .collect()
        } else {
            spec.split(',').map(number).collect::<Result<_>>()?
        };
        if values.is_empty() || values.len() > MAX_AXIS_VALUES {
            return Err(bad(format!(
                "{} values; allowed: 1 to {MAX_AXIS_VALUES}",
                values.len()
            )));
        }
        Ok(SweepAxis { name, values })
    }
}

/// One point of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepRow {
    /// The swept values, in the order of [`SweepResult::axes`].
    pub values: Vec<f64>,
    #[serde(flatten)]
    pub solution: Solution,
    /// The effect in the design's own terms (solved for with `--solve delta`).
    pub delta: f64,
}

/// A sweep: what was held fixed, what varied, and the answer at every point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepResult {
    pub method: String,
    /// The fixed inputs, one line each.
    pub fixed: Vec<String>,
    /// The swept parameter names.
    pub axes: Vec<String>,
    /// `"n_per_arm"` or `"n_total"` (solving for n at a power), `"power"` (at a given n) or
    /// `"delta"` (the detectable difference).
    pub solved_for: String,
    pub rows: Vec<SweepRow>,
    /// Which inputs are reported and which assumed, one line each.
    pub provenance: Vec<String>,
}

/// The names a slope sweep accepts.
pub const SLOPE_PARAMETERS: [&str; 6] = [
    "delta",
    "sd-slope",
    "sd-residual",
    "sd-intercept",
    "corr-intercept-slope",
    "dropout",
];

/// The names a rate sweep accepts.
pub const RATE_PARAMETERS: [&str; 4] = ["rate-control", "rate-ratio", "years", "dispersion"];

fn unknown(name: &str, allowed: &[&str]) -> Error {
    Error::field(
        "sweep",
        format!(
            "'{name}' cannot be swept; allowed: {}, allocation (A of A:1) (and power for the n, or n for the power, with {{field:power}} / {{field:n}})",
            allowed.join(", ")
        ),
    )
}

fn check_axes(axes: &[SweepAxis], allowed: &[&str], goal: Goal) -> Result<()> {
    if axes.is_empty() || axes.len() > 2 {
        return Err(Error::field(
            "sweep",
            format!("{} sweeps; allowed: one or two", axes.len()),
        ));
    }
    if axes.len() == 2 && axes[0].name == axes[1].name {
        return Err(Error::field(
            "sweep",
            format!("'{}' is swept twice", axes[0].name),
        ));
    }
    for a in axes {
        let goal_axis = matches!(
            (a.name.as_str(), goal),
            ("power", Goal::Power(_) | Goal::Delta { .. })
                | ("n", Goal::N(_) | Goal::Delta { .. })
                | ("allocation", _)
        );
        if !allowed.contains(&a.name.as_str()) && !goal_axis {
            return Err(unknown(&a.name, allowed));
        }
    }
    if axes.iter().map(|a| a.values.len()).product::<usize>() > MAX_POINTS {
        return Err(Error::field(
            "sweep",
            format!("too many points; allowed: at most {MAX_POINTS}"),
        ));
    }
    Ok(())
}

/// Every combination of the axes' values (the first axis varying slowest).
fn grid(axes: &[SweepAxis]) -> Vec<Vec<f64>> {
    let mut out = vec![Vec::new()];
    for a in axes {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                a.values.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(*v);
                    p
                })
            })
            .collect();
    }
    out
}

/// The goal with a swept `power` or `n` applied.
fn goal_at(goal: Goal, name: &str, v: f64) -> Goal {
    let size = |n: SampleSize| match n {
        SampleSize::PerArm(_) => SampleSize::PerArm(v),
        SampleSize::Total(_) => SampleSize::Total(v),
    };
    match (name, goal) {
        ("power", Goal::Power(_)) => Goal::Power(v),
        ("power", Goal::Delta { n, .. }) => Goal::Delta { power: v, n },
        ("n", Goal::N(n)) => Goal::N(size(n)),
        ("n", Goal::Delta { power, n }) => Goal::Delta { power, n: size(n) },
        _ => goal,
    }
}

fn solved_for(goal: Goal, equal: bool) -> String {
    match goal {
        Goal::Power(_) if equal => "n_per_arm",
        Goal::Power(_) => "n_total",
        Goal::N(_) => "power",
        Goal::Delta { .. } => "delta",
    }
    .to_string()
}

/// `solve` at every point of the grid of `axes`: `set` puts a swept design value into a copy
/// of `base`; a swept `power` or `n` changes the goal, a swept `allocation` A the allocation
/// (A:1), instead.
fn solve_grid<D: Clone>(
    base: &D,
    goal: Goal,
    allocation: Allocation,
    axes: &[SweepAxis],
    set: impl Fn(&mut D, &str, f64),
    solve: impl Fn(&D, Goal, Allocation) -> Result<(Solution, f64)>,
) -> Result<Vec<SweepRow>> {
    grid(axes)
        .into_iter()
        .map(|values| {
            let mut d = base.clone();
            let mut g = goal;
            let mut alloc = allocation;
            for (a, &v) in axes.iter().zip(&values) {
                set(&mut d, &a.name, v);
                g = goal_at(g, &a.name, v);
                if a.name == "allocation" {
                    alloc = format!("{v}:1")
                        .parse()
                        .map_err(|e| at_point(e, axes, &values))?;
                }
            }
            let (solution, delta) = solve(&d, g, alloc).map_err(|e| at_point(e, axes, &values))?;
            Ok(SweepRow {
                values,
                solution,
                delta,
            })
        })
        .collect()
}

/// The slope closed form across `axes`.
pub fn sweep_slope(
    base: &SlopeDesign,
    test: Test,
    allocation: Allocation,
    goal: Goal,
    axes: &[SweepAxis],
) -> Result<SweepResult> {
    check_axes(axes, &SLOPE_PARAMETERS, goal)?;
    let rows = solve_grid(
        base,
        goal,
        allocation,
        axes,
        |d, name, v| match name {
            "delta" => d.delta = v,
            "sd-slope" => d.sd_slope = v,
            "sd-residual" => d.sd_residual = v,
            "sd-intercept" => d.sd_intercept = v,
            "corr-intercept-slope" => d.corr_intercept_slope = v,
            "dropout" => d.dropout = v,
            _ => {}
        },
        |d, g, a| {
            let r = slope_power(d, test, a, g)?;
            Ok((r.solution, r.design.delta))
        },
    )?;
    let fixed = vec![
        format!("delta = {}", human_number(base.delta)),
        format!("sd-slope = {}", human_number(base.sd_slope)),
        format!("sd-residual = {}", human_number(base.sd_residual)),
        format!("sd-intercept = {}", human_number(base.sd_intercept)),
        format!(
            "corr-intercept-slope = {}",
            human_number(base.corr_intercept_slope)
        ),
        format!("dropout = {}", human_number(base.dropout)),
        format!(
            "visits = {}",
            base.visits
                .iter()
                .map(|v| human_number(*v))
                .collect::<Vec<_>>()
                .join(",")
        ),
        goal_line(goal),
        test_line(test, allocation),
    ];
    Ok(finish(
        super::slope::SLOPE_METHOD,
        fixed,
        axes,
        goal,
        allocation,
        rows,
    ))
}

/// The rate closed form across `axes`.
pub fn sweep_rate(
    base: &RateDesign,
    method: VarianceMethod,
    test: Test,
    allocation: Allocation,
    goal: Goal,
    axes: &[SweepAxis],
) -> Result<SweepResult> {
    check_axes(axes, &RATE_PARAMETERS, goal)?;
    let rows = solve_grid(
        base,
        goal,
        allocation,
        axes,
        |d, name, v| match name {
            "rate-control" => d.rate_control = v,
            "rate-ratio" => d.rate_ratio = v,
            "years" => d.years = v,
            "dispersion" => d.dispersion = v,
            _ => {}
        },
        |d, g, a| {
            let r = rate_power(d, method, test, a, g)?;
            Ok((r.solution, r.design.rate_ratio))
        },
    )?;
    let mut fixed = vec![
        format!("rate-control = {}", human_number(base.rate_control)),
        format!("rate-ratio = {}", human_number(base.rate_ratio)),
        format!("years = {}", human_number(base.years)),
        format!("dispersion = {}", human_number(base.dispersion)),
    ];
    if let Some(m) = base.margin {
        fixed.push(format!("non-inferiority margin = {}", human_number(m)));
    }
    fixed.extend([
        format!(
            "variance under H0: method {} ({})",
            method.number(),
            method.name()
        ),
        goal_line(goal),
        test_line(test, allocation),
    ]);
    Ok(finish(
        super::rate::RATE_METHOD,
        fixed,
        axes,
        goal,
        allocation,
        rows,
    ))
}

/// The names an MMRM sweep accepts.
pub const MMRM_PARAMETERS: [&str; 2] = ["delta", "sd"];

/// The MMRM closed form across `axes` (`delta`, `sd`, `allocation`, `power`, `n`).
pub fn sweep_mmrm(
    base: &MmrmDesign,
    test: Test,
    allocation: Allocation,
    goal: Goal,
    axes: &[SweepAxis],
) -> Result<SweepResult> {
    check_axes(axes, &MMRM_PARAMETERS, goal)?;
    let rows = solve_grid(
        base,
        goal,
        allocation,
        axes,
        |d, name, v| match name {
            "delta" => d.delta = v,
            "sd" => d.sd = v,
            _ => {}
        },
        |d, g, a| {
            let r = mmrm_power(d, test, a, g)?;
            Ok((r.solution, r.design.delta))
        },
    )?;
    let fixed = vec![
        format!("delta = {}", human_number(base.delta)),
        format!("sd = {}", human_number(base.sd)),
        format!("visits = {}", base.correlation.len()),
        goal_line(goal),
        test_line(test, allocation),
    ];
    Ok(finish(
        super::mmrm::MMRM_METHOD,
        fixed,
        axes,
        goal,
        allocation,
        rows,
    ))
}

/// The names a time-to-event sweep accepts.
pub const SURVIVAL_PARAMETERS: [&str; 1] = ["hr"];

/// The log-rank closed form across `axes` (`hr`, `allocation`, `power`, `n`): patients with
/// the design's enrolment, events without.
pub fn sweep_survival(
    base: &SurvivalDesign,
    test: Test,
    allocation: Allocation,
    goal: Goal,
    axes: &[SweepAxis],
) -> Result<SweepResult> {
    check_axes(axes, &SURVIVAL_PARAMETERS, goal)?;
    let mut method = String::new();
    let rows = solve_grid(
        base,
        goal,
        allocation,
        axes,
        |d, name, v| {
            if name == "hr" {
                d.hazard_ratio = v;
            }
        },
        |d, g, a| {
            let r = survival_power(d, test, a, g)?;
            Ok((r.solution, r.design.hazard_ratio))
        },
    )?;
    if let Ok(r) = survival_power(base, test, allocation, goal) {
        method = r.method;
    }
    let fixed = vec![
        format!("hr = {}", human_number(base.hazard_ratio)),
        goal_line(goal),
        test_line(test, allocation),
    ];
    Ok(finish(&method, fixed, axes, goal, allocation, rows))
}

fn size_line(n: SampleSize) -> String {
    match n {
        SampleSize::PerArm(n) => format!("n per arm = {}", human_number(n)),
        SampleSize::Total(n) => format!("n in all = {}", human_number(n)),
    }
}

fn goal_line(goal: Goal) -> String {
    match goal {
        Goal::Power(p) => format!("power = {}", human_number(p)),
        Goal::N(n) => size_line(n),
        Goal::Delta { power, n } => {
            format!("power = {}; {}", human_number(power), size_line(n))
        }
    }
}

/// The test's level, sides, quantiles, and the allocation unless 1:1.
fn test_line(test: Test, allocation: Allocation) -> String {
    let mut s = format!(
        "alpha = {} ({})",
        human_number(test.level.alpha()),
        test.sides.describe()
    );
    if test.small_sample == super::SmallSample::T {
        s.push_str(", t quantiles");
    }
    if !allocation.is_equal() {
        s.push_str(&format!("; allocation = {}", allocation.describe()));
    }
    s
}

fn finish(
    method: &str,
    fixed: Vec<String>,
    axes: &[SweepAxis],
    goal: Goal,
    allocation: Allocation,
    rows: Vec<SweepRow>,
) -> SweepResult {
    let swept_allocation = axes.iter().any(|a| a.name == "allocation");
    let equal = allocation.is_equal() && !swept_allocation;
    let names: Vec<String> = axes.iter().map(|a| a.name.clone()).collect();
    // A swept allocation is not fixed either: drop it from the test's line.
    let fixed: Vec<String> = fixed
        .into_iter()
        .map(|line| match line.find("; allocation = ") {
            Some(at) if swept_allocation => line[..at].to_string(),
            _ => line,
        })
        .collect();
    SweepResult {
        method: method.to_string(),
        // A swept input is not fixed: leave its line out.
        fixed: fixed
            .into_iter()
            .filter(|line| {
                !names.iter().any(|n| {
                    line.starts_with(&format!("{n} ="))
                        || (n == "n" && line.starts_with("n "))
                        || (n == "power" && line.starts_with("power ="))
                })
            })
            .collect(),
        axes: names,
        solved_for: solved_for(goal, equal),
        rows,
        provenance: Vec::new(),
    }
}

/// An error at one point of the sweep says which.
fn at_point(e: Error, axes: &[SweepAxis], values: &[f64]) -> Error {
    let point = axes
        .iter()
        .zip(values)
        .map(|(a, v)| format!("{} = {}", a.name, human_number(*v)))
        .collect::<Vec<_>>()
        .join(", ");
    match e {
        Error::Refused(Refusal::Field { field, message }) => {
            Error::field(field, format!("at the sweep's point {point}: {message}"))
        }
        Error::Refused(Refusal::Input { location, message }) => {
            Error::field("sweep", format!("({point}), {location}: {message}"))
        }
        other => Error::numerical(format!("at {point}: {other}")),
    }
}

impl SweepResult {
    /// The number solved for at row `r`.
    pub fn answer(&self, r: &SweepRow) -> f64 {
        match self.solved_for.as_str() {
            "power" => r.solution.power,
            "delta" => r.delta,
            "n_total" => r.solution.n_total() as f64,
            _ => r.solution.n_a as f64,
        }
    }
}

/// An axis title for a swept parameter: what it is, then its name as the sweep gives it.
pub fn describe_parameter(name: &str) -> String {
    let what = match name {
        "delta" => "difference in mean slopes",
        "sd-slope" => "SD of individual slopes",
        "sd-residual" => "residual SD",
        "sd-intercept" => "SD of intercepts",
        "corr-intercept-slope" => "correlation of intercept and slope",
        "dropout" => "proportion lost by the last visit",
        "rate-control" => "control event rate",
        "rate-ratio" => "rate ratio",
        "years" => "mean follow-up (years)",
        "dispersion" => "negative binomial dispersion k",
        "power" => "power",
        "n" => "patients per arm",
        "allocation" => "allocation A:1",
        "sd" => "SD at the last visit",
        "hr" => "hazard ratio",
        _ => return name.to_string(),
    };
    // "allocation A:1" already holds its name; the others get theirs in brackets.
    if what.contains(name) {
        what.to_string()
    } else {
        format!("{what} ({name})")
    }
}

impl Tabular for SweepResult {
    fn preamble(&self) -> Option<String> {
        let s = format!("Sweep: {}\nFixed: {}\n", self.method, self.fixed.join("; "));
        super::preamble_with(s, &self.provenance)
    }

    fn table(&self) -> Table {
        let mut header = self.axes.clone();
        let per_arm = self.rows.iter().all(|r| r.solution.n_per_arm().is_some());
        if per_arm {
            header.push("n_per_arm".to_string());
        } else {
            header.extend(["n_per_arm_a".to_string(), "n_per_arm_b".to_string()]);
        }
        header.push("n_total".to_string());
        if self.solved_for == "delta" {
            header.push("delta".to_string());
        }
        header.push("power".to_string());
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut row: Vec<Cell> = r.values.iter().map(|v| Cell::Number(*v)).collect();
                row.push(Cell::Integer(r.solution.n_a as i64));
                if !per_arm {
                    row.push(Cell::Integer(r.solution.n_b as i64));
                }
                row.push(Cell::Integer(r.solution.n_total() as i64));
                if self.solved_for == "delta" {
                    row.push(Cell::Number(r.delta));
                }
                row.push(Cell::Number(r.solution.power));
                row
            })
            .collect();
        Table { header, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_parse() {
        let a: SweepAxis = "sd-slope=0.1:0.6:0.1".parse().unwrap();
        assert_eq!(a.name, "sd-slope");
        assert_eq!(a.values, vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
        let a: SweepAxis = "dropout=0,0.1,0.25".parse().unwrap();
        assert_eq!(a.values, vec![0.0, 0.1, 0.25]);
        for bad in ["sd-slope", "x=1:0:1", "x=0:1:0", "x=0:1", "x=a,b"] {
            let e = bad.parse::<SweepAxis>().unwrap_err().to_string();
            assert!(e.contains("sweep"), "{bad}: {e}");
        }
    }

    #[test]
    fn grid_varies_the_last_axis_fastest() {
        let axes = [
            SweepAxis {
                name: "a".into(),
                values: vec![1.0, 2.0],
            },
            SweepAxis {
                name: "b".into(),
                values: vec![3.0, 4.0],
            },
        ];
        assert_eq!(
            grid(&axes),
            vec![
                vec![1.0, 3.0],
                vec![1.0, 4.0],
                vec![2.0, 3.0],
                vec![2.0, 4.0]
            ]
        );
    }
}
