//! Fail-safe N, as metafor's `fsn` with its defaults: how many unpublished null studies would
//! bring the evidence down to a threshold.
//!
//! * Rosenthal (1979, *Psychol Bull* 86:638), Stouffer's method: `N = max(0, k (Σzᵢ / √k /
//!   z₁₋α)² − k)`, `zᵢ = yᵢ/√vᵢ`, one-sided α.
//! * Orwin (1983, *J Educ Stat* 8:157), unweighted: `N = max(0, k (ȳ − target) / target)`
//!   with the target half the mean effect (so N = k).
//! * Rosenberg (2005, *Evolution* 59:464), the fixed-effect weighted version:
//!   `N = max(0, k ((Σwᵢyᵢ / z₁₋α/₂)² − Σwᵢ) / Σwᵢ)`, `wᵢ = 1/vᵢ`.
//! * Orwin with a given `target` (metafor ≥ 4.0 `fsn(type = "Orwin", target = )`): the same
//!   formula with the unweighted mean and with the inverse-variance weighted mean (metafor's
//!   choice when the variances are given).
//!
//! * Fisher's method (metafor's `fsn(pool = "Fisher")`): the N at which Fisher's combined
//!   test of the k one-sided p-values `pᵢ = 1 − Φ(|zᵢ|)` and N null p-values of ½,
//!   `X² = −2 (Σ ln pᵢ + ⌊N⌋ ln ½)` on `2(k + N)` df, reaches α. As metafor, the N of the
//!   df is not rounded down while the N of the sum is, so the function is a sawtooth that can
//!   cross α several times; metafor's answer is the crossing R's `uniroot` lands on from the
//!   interval `[0, 50k]`, and this module returns that one, by following `uniroot`'s
//!   iterations exactly ([`crate::root::r_uniroot_up`]).
//! * The General method (metafor ≥ 4.2 `fsn(type = "General")`, without `exact`): the number
//!   of missing studies with mean effect 0 and the harmonic-mean sampling variance
//!   `v̄ = k / Σ(1/vᵢ)` that makes the random-effects estimate non-significant at α, with
//!   τ² updated as metafor's approximation does (`((k − 1)τ̂² + (N − 1)τ̂² + k(μ̂ − μ̂_N)² +
//!   N μ̂_N²)/(k + N − 1)`, `μ̂_N = kμ̂/(k + N)`): the least N at which the p-value reaches
//!   α. metafor rounds up the end of its `uniroot` search on the step function instead,
//!   which gives the same N unless the search ends just above it: on Hackshaw (1998) with
//!   the REML τ² to machine precision R's `uniroot` ends at 112.0000179 and metafor would
//!   say 113; with its REML stopped at a change below 1e-5, 111.9999 and 112 (published).
//!
//! As metafor, a non-integer N is rounded up (to the next whole study).

use crate::dist::{pchisq_upper, pnorm_upper, qnorm};
use crate::error::Result;
use crate::meta::fitting::model::FittedModel;
use crate::meta::fitting::moderators::{INTERCEPT, ModelMatrix};
use crate::meta::fitting::spec::{Method, Test};
use crate::root::{r_uniroot_tolerance, r_uniroot_up};
use serde::Serialize;

/// The three fail-safe numbers, at one-sided α (Rosenthal) and two-sided α (Rosenberg).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FailSafeN {
    pub alpha: f64,
    pub rosenthal: f64,
    /// `None` when the mean effect is exactly 0 (metafor: infinite).
    pub orwin: Option<f64>,
    pub rosenberg: f64,
    /// Orwin's N for a given target effect (`--fsn-target`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orwin_target: Option<OrwinTarget>,
    /// Rosenthal's N with Fisher's method of pooling the p-values (`None`: metafor's search
    /// fails too).
    pub fisher: Option<f64>,
    /// The General method's N, from the random-effects model (`None` when it was not
    /// computed: see [`general`]).
    pub general: Option<GeneralFailSafe>,
    /// The General method's N for a target effect (`--fsn-target`; see
    /// [`general_with`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub general_target: Option<GeneralFailSafe>,
}

/// The General method's fail-safe N and the model with the N missing studies added
/// (metafor's `fsnum`, `est.fsn`, `tau2.fsn`, `pval.fsn`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GeneralFailSafe {
    /// The number of missing studies (infinite for a target of 0).
    pub n: f64,
    /// The model refitted with the missing studies added (metafor's `exact = TRUE`), or its
    /// approximation.
    pub exact: bool,
    /// The target effect, when the N is the one that brings the estimate down to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// τ² method of the random-effects model.
    pub method: &'static str,
    /// The pooled estimate, τ² and p-value with the N studies added.
    pub estimate: f64,
    pub tau2: f64,
    pub p_value: f64,
}

/// Orwin's fail-safe N for a target effect, from the unweighted and the weighted mean
/// (`None`: the target is 0, metafor's infinite N).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OrwinTarget {
    pub target: f64,
    pub unweighted: Option<f64>,
    pub weighted: Option<f64>,
}

/// Orwin's N: `max(0, k (est − target) / target)`, the target's sign turned to the
/// estimate's as metafor does.
fn orwin(k: f64, est: f64, target: f64) -> Option<f64> {
    (target != 0.0).then(|| {
        let t = if target.signum() != est.signum() {
            -target
        } else {
            target
        };
        whole((k * (est - t) / t).max(0.0))
    })
}

/// Orwin's N for `target` from the unweighted and the inverse-variance weighted mean.
pub fn orwin_target(y: &[f64], v: &[f64], target: f64) -> OrwinTarget {
    let k = y.len() as f64;
    let mean = y.iter().sum::<f64>() / k;
    let sw: f64 = v.iter().map(|v| 1.0 / v).sum();
    let weighted = y.iter().zip(v).map(|(y, v)| y / v).sum::<f64>() / sw;
    OrwinTarget {
        target,
        unweighted: orwin(k, mean, target),
        weighted: orwin(k, weighted, target),
    }
}

/// Round up as metafor: a value within `√ε` of an integer is that integer.
fn whole(n: f64) -> f64 {
    if n.is_finite() && (n - n.round()).abs() >= f64::EPSILON.sqrt() {
        n.ceil()
    } else {
        n.round()
    }
}

/// Fail-safe N of the studies `y`, `v` at significance level `alpha` (metafor's default 0.05),
/// with Orwin's N for `target` when given.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::bias::failsafe::fail_safe_n;
/// // The BCG trials (tests/data/bcg.csv). R: fsn(yi, vi, data = dat); fsn(..., type = "Orwin");
/// // fsn(..., type = "Rosenberg") give 598, 13 and 370 (metafor 3.8-1,
/// // tests/data/meta_review_cases.rs).
/// let n = fail_safe_n(&bcg.yi, &bcg.vi, 0.05, None)?;
/// assert_eq!((n.rosenthal, n.orwin, n.rosenberg), (598.0, Some(13.0), 370.0));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fail_safe_n(y: &[f64], v: &[f64], alpha: f64, target: Option<f64>) -> Result<FailSafeN> {
    let k = y.len() as f64;
    let z_sum: f64 = y.iter().zip(v).map(|(y, v)| y / v.sqrt()).sum();
    let z_avg = (z_sum / k.sqrt()).abs();
    let rosenthal = (k * (z_avg / qnorm(1.0 - alpha)).powi(2) - k).max(0.0);
    let mean = y.iter().sum::<f64>() / k;
    let orwin = (mean != 0.0).then(|| {
        let target = mean / 2.0;
        whole((k * (mean - target) / target).max(0.0))
    });
    let sw: f64 = v.iter().map(|v| 1.0 / v).sum();
    let swy: f64 = y.iter().zip(v).map(|(y, v)| y / v).sum();
    let excess = (swy / qnorm(1.0 - alpha / 2.0)).powi(2) - sw;
    let rosenberg = (k * excess / sw).max(0.0);
    Ok(FailSafeN {
        alpha,
        rosenthal: whole(rosenthal),
        orwin,
        rosenberg: whole(rosenberg),
        orwin_target: target.map(|t| orwin_target(y, v, t)),
        fisher: fisher(y, v, alpha),
        general: None,
        general_target: None,
    })
}

/// The interval metafor's searches start from, `[0, 50k]`.
fn search_upper(k: usize) -> f64 {
    50.0 * k as f64
}

/// Fisher's fail-safe N at α (see the module documentation); 0 when the studies' combined
/// test is not significant.
pub fn fisher(y: &[f64], v: &[f64], alpha: f64) -> Option<f64> {
    let k = y.len() as f64;
    let log_p: f64 = y
        .iter()
        .zip(v)
        .map(|(y, v)| pnorm_upper((y / v.sqrt()).abs()).ln())
        .sum();
    let combined = |n: f64| {
        let x2 = -2.0 * (log_p + n.floor() * 0.5f64.ln());
        pchisq_upper(x2, 2.0 * (k + n))
    };
    if combined(0.0) >= alpha {
        return Some(0.0);
    }
    r_uniroot_up(
        |n| combined(n) - alpha,
        0.0,
        search_upper(y.len()),
        r_uniroot_tolerance(),
        1000,
    )
    .map(whole)
}

/// The General method's exact and targeted forms (metafor ≥ 4.2 `fsn(type = "General", exact
/// = TRUE)` and `fsn(type = "General", target = T)`).
///
/// * `exact`: the missing studies are added to the data and the random-effects model is
///   refitted by `method` (up to 5,000 of them, as metafor; beyond, the approximation of
///   [`general`]). Their effects have mean 0 and SD √(v̄ + τ̂²) exactly (metafor scales
///   random normals to that mean and SD); the estimators depend on them only through these
///   two moments, because the added studies share one variance, so any such set gives the
///   same fit, and this one is deterministic.
/// * `target`: the N at which the estimate comes down to `target` (its sign taken as the
///   estimate's; 0 gives an infinite N, a target at or beyond the estimate 0), instead of
///   the N at which the p-value reaches α.
///
/// The answer is the least N that reaches the goal (the estimate or p-value change only at
/// whole numbers of studies); metafor rounds up the end of a `uniroot` search on that step
/// function, which gives the same N unless the search ends just past it.
pub fn general_with(
    y: &[f64],
    v: &[f64],
    alpha: f64,
    method: Method,
    exact: bool,
    target: Option<f64>,
) -> Result<GeneralFailSafe> {
    if !exact && target.is_none() {
        return general(y, v, alpha, method);
    }
    let k = y.len();
    let design = ModelMatrix::intercept_only(k, INTERCEPT);
    let model = FittedModel::new(&design, y, v, method, Test::Z, 0.95)?;
    let (est, tau2) = (model.fit.beta[0], model.tau2.tau2);
    let p = model.tested(0).p;
    let v_bar = k as f64 / v.iter().map(|v| 1.0 / v).sum::<f64>();
    let approximate = general_approximation(y, v, est, tau2, v_bar, method);
    let refit = |n: usize| -> Result<(f64, f64, f64)> {
        if !exact || n > 5000 {
            return Ok(approximate(n as f64));
        }
        let sd = (v_bar + tau2).sqrt();
        let mut y_new = y.to_vec();
        let mut v_new = v.to_vec();
        y_new.extend(standardised(n).into_iter().map(|x| x * sd));
        v_new.extend(std::iter::repeat_n(v_bar, n));
        let design = ModelMatrix::intercept_only(k + n, INTERCEPT);
        let m = FittedModel::new(&design, &y_new, &v_new, method, Test::Z, 0.95)?;
        Ok((m.fit.beta[0], m.tau2.tau2, m.tested(0).p))
    };
    let goal_target = target.map(|t| if t.signum() != est.signum() { -t } else { t });
    let reached = |n: usize| -> Result<bool> {
        let (e, _, pn) = refit(n)?;
        Ok(match goal_target {
            Some(t) => (e - t) * est.signum() <= 0.0,
            None => pn >= alpha,
        })
    };
    let n = match goal_target {
        Some(0.0) => None,
        Some(t) if t.abs() >= est.abs() => Some(0),
        None if p >= alpha => Some(0),
        _ => Some(least_reaching(&reached)?),
    };
    let (estimate, tau2_n, p_value) = match n {
        Some(0) => (est, tau2, p),
        Some(n) => refit(n)?,
        None => (0.0, tau2, 1.0),
    };
    Ok(GeneralFailSafe {
        n: n.map_or(f64::INFINITY, |n| n as f64),
        exact,
        target: goal_target,
        method: method.name(),
        estimate,
        tau2: tau2_n,
        p_value,
    })
}

/// The least whole N ≥ 1 at which `reached` holds: doubling until it does (at most up to
/// [`GENERAL_MAX`]), then bisecting.
fn least_reaching(reached: &dyn Fn(usize) -> Result<bool>) -> Result<usize> {
    let max = GENERAL_MAX as usize;
    let mut hi = 1usize;
    while !reached(hi)? {
        if hi >= max {
            return Ok(max);
        }
        hi = (hi * 2).min(max);
    }
    let mut lo = hi / 2; // not reached (0 is the fit without missing studies)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(hi)
}

/// n values with mean 0 and SD 1 (n − 1 in the denominator); one value is 0 (metafor's
/// `.fsn.scale`).
fn standardised(n: usize) -> Vec<f64> {
    if n < 2 {
        return vec![0.0; n];
    }
    let mean = (n as f64 + 1.0) / 2.0;
    let raw: Vec<f64> = (1..=n).map(|i| i as f64 - mean).collect();
    let sd = (raw.iter().map(|x| x * x).sum::<f64>() / (n as f64 - 1.0)).sqrt();
    raw.into_iter().map(|x| x / sd).collect()
}

/// The approximation of metafor's `.fsn.gen` with `exact = FALSE`: the estimate, τ² and
/// p-value with ⌊n⌋ studies of effect 0 and variance `v_bar` added.
fn general_approximation<'a>(
    y: &'a [f64],
    v: &'a [f64],
    est: f64,
    tau2: f64,
    v_bar: f64,
    method: Method,
) -> impl Fn(f64) -> (f64, f64, f64) + 'a {
    let kf = y.len() as f64;
    let fixed = method.is_fixed();
    let fe = method == Method::FE;
    move |n: f64| {
        let n = n.floor().min(GENERAL_MAX);
        let tau2_n = if fe {
            0.0
        } else if fixed {
            tau2
        } else {
            let est_n = kf * est / (kf + n);
            (((kf - 1.0) * tau2
                + (n - 1.0).max(0.0) * tau2
                + kf * (est - est_n).powi(2)
                + n * est_n * est_n)
                / (kf + n - 1.0))
                .max(0.0)
        };
        let (sw, swy) = y.iter().zip(v).fold((0.0, 0.0), |(sw, swy), (y, v)| {
            let w = 1.0 / (v + tau2_n);
            (sw + w, swy + w * y)
        });
        let sw_all = sw + n / (v_bar + tau2_n);
        let est_fsn = swy / sw_all;
        let z = est_fsn * sw_all.sqrt();
        (est_fsn, tau2_n, 2.0 * pnorm_upper(z.abs()))
    }
}

/// The most missing studies the General method considers (metafor's `maxint`).
const GENERAL_MAX: f64 = 1e7;

/// The General method's fail-safe N at α for the random-effects model of `y`, `v` by
/// `method` with z tests (metafor's `fsn(yi, vi, type = "General", method = ...)`; a fixed
/// τ² is kept, as its `tau2`). The missing studies have mean 0 (`mumiss = 0`).
pub fn general(y: &[f64], v: &[f64], alpha: f64, method: Method) -> Result<GeneralFailSafe> {
    let k = y.len();
    let design = ModelMatrix::intercept_only(k, INTERCEPT);
    let model = FittedModel::new(&design, y, v, method, Test::Z, 0.95)?;
    let (est, tau2) = (model.fit.beta[0], model.tau2.tau2);
    let p = model.tested(0).p;
    let kf = k as f64;
    let v_bar = kf / v.iter().map(|v| 1.0 / v).sum::<f64>();
    // The model with ⌊n⌋ studies of effect 0 and variance v̄ added (metafor's .fsn.gen with
    // exact = FALSE, weighted = TRUE).
    let with_missing = general_approximation(y, v, est, tau2, v_bar, method);
    let below = |n: f64| n < GENERAL_MAX && with_missing(n).2 < alpha;
    let n = if p >= alpha {
        0.0
    } else {
        let root = r_uniroot_up(
            |n| {
                if n.floor() >= GENERAL_MAX {
                    0.0
                } else {
                    with_missing(n).2 - alpha
                }
            },
            0.0,
            search_upper(k),
            r_uniroot_tolerance(),
            1000,
        )
        .ok_or_else(|| {
            crate::error::Error::not_converged(
                "fail-safe N",
                "fail-safe N (General): the search for the number of missing studies failed"
                    .to_string(),
            )
        })?;
        // The p-value changes only at whole numbers of studies, so the search ends next to
        // the first N at which it reaches α; that N is the answer (metafor rounds the
        // search's end up, which gives the same N unless the end lies just above it).
        let mut n = root.floor().min(GENERAL_MAX);
        for _ in 0..4 {
            if n > 0.0 && !below(n - 1.0) {
                n -= 1.0;
            } else if below(n) {
                n += 1.0;
            }
        }
        n
    };
    let (estimate, tau2_n, p_value) = if n == 0.0 {
        (est, tau2, p)
    } else {
        with_missing(n)
    };
    Ok(GeneralFailSafe {
        n,
        exact: false,
        target: None,
        method: method.name(),
        estimate,
        tau2: tau2_n,
        p_value,
    })
}
