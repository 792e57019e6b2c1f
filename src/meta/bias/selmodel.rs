//! The step-function selection model (Vevea & Hedges 1995, *Psychometrika* 60:419), as
//! metafor's `selmodel(res, type = "stepfun", steps = CUTS)` with its defaults (one-sided
//! p-values `pᵢ = 1 − Φ(yᵢ/√vᵢ)`, "greater"; no precision weighting): the probability that a
//! study is published is `δⱼ` when its p-value lies in the j-th interval `(cⱼ₋₁, cⱼ]` of the
//! cut points (`δ₁ = 1`), and the random-effects model is fitted by maximum likelihood with
//! the weighted density
//!
//! `log L = Σᵢ [log δ_{g(i)} + log φ(yᵢ; μ, vᵢ + τ²) − log Aᵢ]`,
//! `Aᵢ = Σⱼ δⱼ P(yᵢ falls in interval j)` (eq. 5 of the paper; metafor's
//! `.selmodel.ll.stepfun`). The likelihood-ratio test compares it with the ML log-likelihood
//! of the model without selection at the model's own estimates (metafor's
//! `logLik(res, REML = FALSE)`), on (intervals − 1) df.
//!
//! The maximum is found by the bounded quasi-Newton search of [`crate::lmm::optimize`] with
//! the analytic gradient below, polished by Newton steps; the standard errors come from the
//! inverse of the Hessian,
//! taken by central differences of that gradient (metafor: `numDeriv::hessian`); the same
//! inverse gives the SEs of τ² and of each δ, their Wald intervals (truncated at 0) and the z
//! test of δⱼ = 1, as metafor's `se.tau2`, `se.delta`, `zval.delta`. O(k · cuts) per
//! evaluation.

use crate::dist::{pchisq_upper, pnorm_upper, qnorm, z_crit};
use crate::error::{Error, Result};
use crate::lmm::optimize::minimize_with;
use crate::meta::fitting::model::{reads_through_to_tested, FittedModel, TestedEstimate};
use crate::meta::fitting::moderators::{ModelMatrix, INTERCEPT};
use crate::meta::fitting::newton::{hessian, polish};
use crate::meta::fitting::spec::{MetaOptions, Method, Test};
use serde::Serialize;

/// The fitted selection model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionModel {
    /// The cut points, ending with 1.
    pub steps: Vec<f64>,
    /// Number of studies with a p-value in each interval.
    pub k_per_interval: Vec<usize>,
    /// The pooled estimate, tested by z.
    #[serde(flatten)]
    pub tested: TestedEstimate,
    pub tau2: f64,
    /// SE of τ² from the inverse Hessian (absent for a fixed-effect model or τ² on its
    /// boundary 0) and its Wald interval, truncated at 0 (metafor's `se.tau2`, `ci.lb.tau2`).
    pub tau2_se: Option<f64>,
    pub tau2_ci: Option<[f64; 2]>,
    /// Relative probability of selection in each interval (the first fixed at 1).
    pub delta: Vec<f64>,
    /// Each δ after the first tested against 1 (no selection) by z with its SE from the
    /// inverse Hessian, and its Wald interval, truncated at 0 (metafor's `se.delta`,
    /// `zval.delta`, `pval.delta`, `ci.lb.delta`, `ci.ub.delta`).
    pub delta_tests: Vec<DeltaTest>,
    /// Maximised log-likelihood.
    pub log_likelihood: f64,
    /// Likelihood-ratio test of δ₂ = … = 1 against the model without selection.
    pub lrt: f64,
    pub lrt_df: usize,
    pub lrt_p: f64,
}

reads_through_to_tested!(SelectionModel);

/// One selection parameter with its SE, z test of δ = 1 and interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeltaTest {
    pub delta: f64,
    pub se: f64,
    pub z: f64,
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// Parse cut points such as `0.025` or `0.025,0.5` (each in (0, 1), increasing after
/// sorting); 1 is appended, as metafor does.
pub fn parse_steps(text: &str) -> Result<Vec<f64>> {
    let mut steps = Vec::new();
    for part in text.split(',') {
        let x: f64 = part.trim().parse().map_err(|_| {
            Error::input(
                "--selmodel",
                format!("'{part}' is not a number; give p-value cut points such as 0.025,0.5"),
            )
        })?;
        if !(x > 0.0 && x <= 1.0) {
            return Err(Error::input(
                "--selmodel",
                format!("the cut point {x} is not allowed; cut points are p-values in (0, 1]"),
            ));
        }
        steps.push(x);
    }
    steps.sort_by(f64::total_cmp);
    steps.dedup();
    if steps.last() != Some(&1.0) {
        steps.push(1.0);
    }
    if steps.len() < 2 {
        return Err(Error::input(
            "--selmodel",
            "give at least one cut point below 1 (for example 0.025)",
        ));
    }
    Ok(steps)
}

struct Likelihood<'a> {
    y: &'a [f64],
    v: &'a [f64],
    /// Thresholds `√vᵢ · z(1 − cⱼ)` on the estimate scale, per study (`steps.len() − 1` each).
    cuts: Vec<f64>,
    groups: Vec<usize>,
    n: usize,
}

/// `Φ̄(z)` and `φ(z)` and `φ(z) z`, with the limits at ±∞.
fn tail(z: f64) -> (f64, f64, f64) {
    if z == f64::INFINITY {
        return (0.0, 0.0, 0.0);
    }
    if z == f64::NEG_INFINITY {
        return (1.0, 0.0, 0.0);
    }
    let d = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    (pnorm_upper(z), d, d * z)
}

impl Likelihood<'_> {
    /// Log-likelihood and its gradient in (μ, τ², δ₂ … δ_N).
    fn eval(&self, par: &[f64]) -> (f64, Vec<f64>) {
        let (mu, tau2) = (par[0], par[1].max(0.0));
        let n = self.n;
        let delta = |j: usize| if j == 0 { 1.0 } else { par[1 + j] };
        let mut ll = 0.0;
        let mut g = vec![0.0; par.len()];
        let m = n - 1;
        for i in 0..self.y.len() {
            let s2 = self.v[i] + tau2;
            let s = s2.sqrt();
            let r = self.y[i] - mu;
            let gi = self.groups[i];
            ll += delta(gi).ln() - 0.5 * ((2.0 * std::f64::consts::PI).ln() + s2.ln() + r * r / s2);
            g[0] += r / s2;
            g[1] += -0.5 / s2 + 0.5 * r * r / (s2 * s2);
            if gi > 0 {
                g[1 + gi] += 1.0 / delta(gi);
            }
            // Intervals j = 0 … n−1 between thresholds t₋₁ = +∞ > t₀ > … > t_{n−2} > −∞.
            let t = |j: isize| -> f64 {
                if j < 0 {
                    f64::INFINITY
                } else if j as usize >= m {
                    f64::NEG_INFINITY
                } else {
                    self.cuts[i * m + j as usize]
                }
            };
            let (mut a, mut da_mu, mut da_tau2) = (0.0, 0.0, 0.0);
            let mut prob = vec![0.0; n];
            for (j, pj) in prob.iter_mut().enumerate() {
                let (q_hi, d_hi, dz_hi) = tail((t(j as isize - 1) - mu) / s);
                let (q_lo, d_lo, dz_lo) = tail((t(j as isize) - mu) / s);
                *pj = q_lo - q_hi;
                a += delta(j) * *pj;
                da_mu += delta(j) * (d_lo - d_hi) / s;
                da_tau2 += delta(j) * (dz_lo - dz_hi) / (2.0 * s2);
            }
            ll -= a.ln();
            g[0] -= da_mu / a;
            g[1] -= da_tau2 / a;
            for (j, pj) in prob.iter().enumerate().skip(1) {
                g[1 + j] -= pj / a;
            }
        }
        (ll, g)
    }
}

/// Fit the selection model with cut points `steps` (ending with 1) to the intercept-only
/// model of `y`, `v`: a fixed-effect one when the options' method is FE, else a random-effects
/// one by ML (as metafor, which refits a model of another method by ML first: its estimates
/// start the search and its log-likelihood is the test's null).
pub fn selection_model(
    y: &[f64],
    v: &[f64],
    steps: &[f64],
    options: &MetaOptions,
) -> Result<SelectionModel> {
    let k = y.len();
    let fixed_effect = options.method == Method::FE;
    let null_model = FittedModel::new(
        &ModelMatrix::intercept_only(k, INTERCEPT),
        y,
        v,
        if fixed_effect { Method::FE } else { Method::ML },
        Test::Z,
        options.level.value(),
    )?;
    let (beta, tau2) = (null_model.fit.beta[0], null_model.tau2.tau2);
    let n = steps.len();
    let m = n - 1;
    let mut cuts = Vec::with_capacity(k * m);
    let mut groups = Vec::with_capacity(k);
    let mut k_per_interval = vec![0; n];
    for i in 0..k {
        let se = v[i].sqrt();
        for s in &steps[..m] {
            cuts.push(-se * qnorm(*s));
        }
        let p = pnorm_upper(y[i] / se);
        let g = steps.iter().position(|s| p <= *s).unwrap_or(m);
        groups.push(g);
        k_per_interval[g] += 1;
    }
    if let Some(j) = (0..n).find(|&j| k_per_interval[j] == 0) {
        let lo = if j == 0 { 0.0 } else { steps[j - 1] };
        return Err(Error::input(
            "--selmodel",
            format!(
                "no study has a one-sided p-value in ({lo}, {}]; the selection probability of \
                 an empty interval cannot be estimated: choose other cut points",
                steps[j]
            ),
        ));
    }
    let free = 1 + usize::from(!fixed_effect) + m;
    if k < free {
        return Err(Error::input(
            "--selmodel",
            format!("{k} studies are too few for the {free} parameters of this selection model"),
        ));
    }
    let lik = Likelihood {
        y,
        v,
        cuts,
        groups,
        n,
    };
    // Parameters (μ, τ², δ₂ … δ_N); with a fixed-effect model τ² stays 0.
    let full = |x: &[f64]| -> Vec<f64> {
        if fixed_effect {
            let mut p = vec![x[0], 0.0];
            p.extend_from_slice(&x[1..]);
            p
        } else {
            x.to_vec()
        }
    };
    let reduce = |g: Vec<f64>| -> Vec<f64> {
        if fixed_effect {
            let mut r = vec![g[0]];
            r.extend_from_slice(&g[2..]);
            r
        } else {
            g
        }
    };
    let objective = |x: &[f64]| -> f64 {
        let (ll, _) = lik.eval(&full(x));
        if ll.is_finite() {
            -ll
        } else {
            f64::INFINITY
        }
    };
    let gradient = |x: &[f64]| -> Option<Vec<f64>> {
        let (ll, g) = lik.eval(&full(x));
        ll.is_finite()
            .then(|| reduce(g).into_iter().map(|d| -d).collect())
    };
    let mut x0 = vec![beta];
    let mut lower = vec![f64::NEG_INFINITY];
    if !fixed_effect {
        x0.push(tau2);
        lower.push(0.0);
    }
    x0.extend(vec![1.0; m]);
    lower.extend(vec![1e-10; m]);
    let opt = minimize_with(&objective, Some(&gradient), &x0, &lower);
    if !opt.value.is_finite() {
        return Err(Error::Numerical(
            "the selection model's likelihood could not be maximised".into(),
        ));
    }
    // Newton steps on the free parameters (τ² left out when it is 0, on the boundary) finish
    // the search; the same Hessian gives the standard errors.
    let mut idx: Vec<usize> = vec![0];
    if !fixed_effect && opt.x[1] > 0.0 {
        idx.push(1);
    }
    idx.extend(2..2 + m);
    let eval = |p: &[f64]| lik.eval(p);
    let mut bounds = vec![f64::NEG_INFINITY, 0.0];
    bounds.extend(vec![1e-10; m]);
    let (par, ll) = polish(&eval, &full(&opt.x), &idx, &bounds);
    let tau2_hat = par[1];
    let inverse = (-hessian(&eval, &par, &idx))
        .try_inverse()
        .filter(|inv| inv[(0, 0)].is_finite() && inv[(0, 0)] > 0.0)
        .ok_or_else(|| {
            Error::Numerical(
                "the selection model's information matrix is singular at the maximum".into(),
            )
        })?;
    let se = inverse[(0, 0)].sqrt();
    let z = z_crit(options.level.value());
    // The SEs of the other parameters, by their place among the free ones.
    let se_of = |parameter: usize| {
        idx.iter()
            .position(|&j| j == parameter)
            .map(|a| inverse[(a, a)].max(0.0).sqrt())
    };
    let tau2_se = se_of(1);
    let tau2_ci = tau2_se.map(|s| [(tau2_hat - z * s).max(0.0), tau2_hat + z * s]);
    let delta_tests = (2..2 + m)
        .map(|j| {
            let d = par[j];
            let s = se_of(j).unwrap_or(f64::NAN);
            let statistic = (d - 1.0) / s;
            DeltaTest {
                delta: d,
                se: s,
                z: statistic,
                p: crate::dist::p_two_sided_z(statistic),
                ci_lower: (d - z * s).max(0.0),
                ci_upper: d + z * s,
            }
        })
        .collect();
    let ll0: f64 = y
        .iter()
        .zip(v)
        .map(|(yi, vi)| {
            let s2 = vi + tau2;
            -0.5 * ((2.0 * std::f64::consts::PI).ln() + s2.ln() + (yi - beta).powi(2) / s2)
        })
        .sum();
    let lrt = (-2.0 * (ll0 - ll)).max(0.0);
    let mu = par[0];
    let mut delta = vec![1.0];
    delta.extend_from_slice(&par[2..]);
    Ok(SelectionModel {
        steps: steps.to_vec(),
        k_per_interval,
        tested: TestedEstimate::new(mu, se, None, z),
        tau2: tau2_hat,
        tau2_se,
        tau2_ci,
        delta,
        delta_tests,
        log_likelihood: ll,
        lrt,
        lrt_df: m,
        lrt_p: pchisq_upper(lrt, m as f64),
    })
}
