//! Profile-likelihood intervals of a selection model's τ² and δ (metafor's `confint()` of a
//! `selmodel` fit): for each estimated component, the values at which the likelihood ratio
//! statistic against the maximum, `2 (ℓ̂ − ℓ(value))` with every other parameter refitted,
//! equals the χ²₁ quantile of the level. As metafor, each bound is searched between the
//! estimate and an end of the range `[0, max(10, 100 τ̂²)]` for τ² and
//! `[max(0, delta.min), min(max(10, 10 δ̂), delta.max)]` for δ (ends metafor reports as
//! reached, with no root beyond them sought); a bound whose end is inside the interval is
//! that end. The root is found by Brent's method (metafor: `uniroot` at its tolerance,
//! 1.2e-4 by default); each evaluation is a refit of the selection model with the component
//! fixed.

use super::{Selection, SelectionModel, fit};
use crate::dist::qchisq;
use crate::error::{Error, Result};
use crate::meta::fitting::moderators::ModelMatrix;
use crate::meta::fitting::spec::{MetaOptions, Method, Tau2Value};
use serde::Serialize;
use trialstats_numerics::root::brent_to;

/// The profile-likelihood interval of one component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileInterval {
    /// `tau2`, `delta` (a function with one δ) or `delta.j` (1-based), as metafor's rows.
    pub parameter: String,
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// What is profiled: τ², or the δ at this position.
#[derive(Clone, Copy)]
enum Component {
    Tau2,
    Delta(usize),
}

/// The profile-likelihood intervals of τ² (when estimated) and of each estimated δ of
/// `model`, the fit of `selection` to `y`, `v` with `design` under `options`.
pub fn profile_intervals(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    selection: &Selection,
    options: &MetaOptions,
    model: &SelectionModel,
) -> Result<Vec<ProfileInterval>> {
    if selection.decreasing {
        return Err(Error::field(
            "selmodel_profile_ci",
            "profile-likelihood intervals are not available with {field:selmodel_decreasing}",
        ));
    }
    let mut components = Vec::new();
    if !matches!(options.method, Method::FE | Method::Fixed(_)) {
        components.push(Component::Tau2);
    }
    for (j, fixed) in model.delta_fixed.iter().enumerate() {
        if !fixed {
            components.push(Component::Delta(j));
        }
    }
    let critical = qchisq(options.level.value(), 1.0);
    let limits = selection.function().limits();
    let one_delta = model.delta.len() == 1;
    components
        .into_iter()
        .map(|c| {
            let (name, estimate, lo, hi) = match c {
                Component::Tau2 => {
                    let t = model.tau2;
                    let hi = if t <= f64::EPSILON.sqrt() {
                        10.0
                    } else {
                        (100.0 * t).max(10.0)
                    };
                    ("tau2".to_string(), t, 0.0, hi)
                }
                Component::Delta(j) => {
                    let d = model.delta[j];
                    let min = selection
                        .delta_min
                        .as_ref()
                        .map_or(limits[j][0], |m| m.get(j).copied().unwrap_or(m[0]));
                    let max = selection
                        .delta_max
                        .as_ref()
                        .map_or(limits[j][1], |m| m.get(j).copied().unwrap_or(m[0]));
                    let hi = if d <= f64::EPSILON.sqrt() {
                        10.0
                    } else {
                        (10.0 * d).max(10.0)
                    };
                    let name = if one_delta {
                        "delta".to_string()
                    } else {
                        format!("delta.{}", j + 1)
                    };
                    (name, d, min.max(0.0), hi.max(min).min(max))
                }
            };
            // 2 (ℓ̂ − ℓ(value)) − χ²₁: negative inside the interval
            let statistic = |value: f64| -> Result<f64> {
                let refit = refit_with(design, y, v, selection, options, c, value)?;
                Ok(2.0 * (model.log_likelihood - refit.log_likelihood) - critical)
            };
            let what = format!("profile-likelihood interval of {name}");
            let ci_lower = bound(&statistic, lo, estimate, &what)?;
            let ci_upper = bound(&statistic, hi, estimate, &what)?;
            Ok(ProfileInterval {
                parameter: name,
                estimate,
                ci_lower,
                ci_upper,
            })
        })
        .collect()
}

/// The bound between the range's `end` and the `estimate`: `end` itself when the statistic
/// there is still inside the interval, else the root. A refit that fails at the end (a δ of
/// 0 where a study's log weight is −∞) is tried again a tenth of the way in, ten times, as
/// metafor's `eptries`.
fn bound(
    statistic: &dyn Fn(f64) -> Result<f64>,
    end: f64,
    estimate: f64,
    what: &str,
) -> Result<f64> {
    let step = (estimate - end) / 10.0;
    let mut at = end;
    for _ in 0..10 {
        if let Ok(g) = statistic(at).map(|g| if g.is_nan() { f64::INFINITY } else { g }) {
            if g < 0.0 {
                return Ok(at);
            }
            if g.is_finite() {
                let g_estimate = statistic(estimate)?.min(-f64::EPSILON);
                let (a, b, ga, gb) = if at < estimate {
                    (at, estimate, g, g_estimate)
                } else {
                    (estimate, at, g_estimate, g)
                };
                let f = |x: f64| {
                    statistic(x).map_err(|e| trialstats_numerics::Error::Numerical(e.to_string()))
                };
                return Ok(brent_to(f, a, b, ga, gb, 1e-10, what)?);
            }
        }
        at += step;
    }
    Err(Error::not_converged(
        "profile-likelihood interval",
        format!("{what}: the selection model could not be refitted near its end"),
    ))
}

/// The selection model refitted with the component fixed at `value`.
fn refit_with(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    selection: &Selection,
    options: &MetaOptions,
    component: Component,
    value: f64,
) -> Result<SelectionModel> {
    match component {
        Component::Tau2 => {
            let fixed = MetaOptions {
                method: Method::Fixed(Tau2Value::new(value)),
                ..*options
            };
            fit(design, y, v, selection, &fixed)
        }
        Component::Delta(j) => {
            let m = selection.function().parameters();
            let mut delta = if selection.delta.is_empty() {
                vec![None; m]
            } else {
                super::expand(&selection.delta, m, "{field:selmodel_delta}")?
            };
            delta[j] = Some(value);
            let mut fixed = selection.clone();
            fixed.delta = delta;
            fit(design, y, v, &fixed, options)
        }
    }
}
