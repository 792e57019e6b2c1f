//! The methods built for skewed data, as R package estmeansd 1.0.1 computes them (and
//! metafor's `conv.fivenum(method = "qe"/"bc"/"mln")`, which calls it):
//!
//! - **QE**, quantile estimation (McGrath et al. 2020, Stat Methods Med Res 29:2520, §2.2):
//!   the normal, log-normal, gamma, Weibull and beta distributions are each fitted by least
//!   squares between their quantiles and the reported ones, at the probabilities 1/n, 0.25,
//!   0.5, 0.75 and 1 − 1/n; the family with the smallest sum of squares is selected and its
//!   mean and SD are the estimates. Starting values and search boxes are estmeansd's
//!   (`set.qe.fit.control`), so a fit that reaches the edge of the box stops there as theirs
//!   does (it is then said so).
//! - **BC**, Box–Cox (McGrath et al. 2020, §2.3): λ ≥ 0 makes the transformed quantiles most
//!   symmetric; the transformed mean and SD by Luo et al. (2018) and Wan et al. (2014); the
//!   raw-scale mean and SD are those of the inverse transform of a normal truncated
//!   symmetrically at −1/λ and 2μ + 1/λ.
//! - **MLN**, method for unknown non-normal distributions (Cai et al. 2021, Stat Methods
//!   Med Res 30:2701): λ ∈ [0, 10] maximises the likelihood of the reported order statistics
//!   of a Box–Cox-normal sample (μ, σ profiled by Luo and Wan, λ found by R's `optimize`
//!   with estmeansd's `tol = 0.001`, see [`crate::optimize::fmin`]), then μ and σ by maximum
//!   likelihood at that λ; back-transformed as BC.
//!
//! **Back-transformation.** estmeansd draws 10,000 normal values (BC: n + 1,000) and reports
//! the mean and SD of their inverse transforms, so its answers vary by a Monte Carlo error
//! of about SD/√10,000 from run to run. Here the same moments are integrated numerically
//! (`quadrature::integrate`): deterministic, and equal to estmeansd's in expectation
//! (`tests/skewed_medians.rs` shows the agreement with their Monte Carlo runs and with a
//! 10⁷-draw run of their code). At λ = 0 the log-normal moments are exact.

use super::five_numbers::{FiveNumbers, MedianMethod, Scenario};
use super::normal_order::{wan_eta, wan_xi};
use super::quadrature::integrate;
use crate::dist::{pnorm, qbeta, qgamma, qnorm};
use crate::error::{Error, Result};
use crate::optimize::{fmin, minimize_box};
use serde::Serialize;
use statrs::function::gamma::gamma as gamma_fn;

/// One distribution fitted by QE.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// `normal`, `log-normal`, `gamma`, `weibull`, `beta`.
    pub family: &'static str,
    /// The fitted parameters, named as R names them (`mu`, `sigma`; `shape`, `rate`; …).
    pub parameters: Vec<(&'static str, f64)>,
    /// Sum of squared differences between the fitted and the reported quantiles.
    pub sum_of_squares: f64,
    /// The implied mean and SD.
    pub mean: f64,
    pub sd: f64,
    /// The optimum was confirmed (projected gradient negligible, Hessian positive definite).
    pub converged: bool,
    /// The fit ended on an edge of estmeansd's search box.
    pub at_bound: bool,
}

/// How a skewed-data method reached its mean and SD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkewedFit {
    /// `qe`, `bc` or `mln`.
    pub method: MedianMethod,
    pub mean: f64,
    pub sd: f64,
    /// The distribution the estimate rests on (`log-normal`; `Box-Cox normal, λ = 0.21`).
    pub distribution: String,
    /// Why that distribution.
    pub reason: String,
    /// BC, MLN: the Box–Cox power λ and the transformed-scale μ and σ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    /// QE: every family tried.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// How the mean and SD were obtained from the fitted distribution.
    pub back_transform: &'static str,
}

/// The reported quantiles in order, and the probabilities QE fits them at.
fn quantiles(x: &FiveNumbers, scenario: Scenario) -> (Vec<f64>, Vec<f64>) {
    let n = x.n as f64;
    let probs = match scenario {
        Scenario::Range => vec![1.0 / n, 0.5, 1.0 - 1.0 / n],
        Scenario::Quartiles => vec![0.25, 0.5, 0.75],
        Scenario::FiveNumbers => vec![1.0 / n, 0.25, 0.5, 0.75, 1.0 - 1.0 / n],
    };
    (x.values(scenario), probs)
}

/// Luo et al. (2018)'s mean and Wan et al. (2014)'s SD of quantiles `q` (in the order of
/// [`quantiles`]), as metaBLUE's `Luo.mean` and `Wan.std`, which estmeansd calls: for all
/// five numbers the SD is the average of the range and IQR estimates.
fn luo_wan(q: &[f64], n: f64, scenario: Scenario) -> (f64, f64) {
    match scenario {
        Scenario::Range => {
            let w = 4.0 / (4.0 + n.powf(0.75));
            (
                w * (q[0] + q[2]) / 2.0 + (1.0 - w) * q[1],
                (q[2] - q[0]) / wan_xi(n),
            )
        }
        Scenario::Quartiles => {
            let w = 0.7 + 0.39 / n;
            (
                w * (q[0] + q[2]) / 2.0 + (1.0 - w) * q[1],
                (q[2] - q[0]) / wan_eta(n),
            )
        }
        Scenario::FiveNumbers => {
            let w1 = 2.2 / (2.2 + n.powf(0.75));
            let w2 = 0.7 - 0.72 / n.powf(0.55);
            (
                w1 * (q[0] + q[4]) / 2.0 + w2 * (q[1] + q[3]) / 2.0 + (1.0 - w1 - w2) * q[2],
                0.5 * (q[4] - q[0]) / wan_xi(n) + 0.5 * (q[3] - q[1]) / wan_eta(n),
            )
        }
    }
}

type Quantile = fn(f64, f64, f64) -> f64;

fn q_norm(p: f64, a: f64, b: f64) -> f64 {
    a + b * qnorm(p)
}
fn q_lnorm(p: f64, a: f64, b: f64) -> f64 {
    (a + b * qnorm(p)).exp()
}
fn q_gamma(p: f64, shape: f64, rate: f64) -> f64 {
    qgamma(p, shape) / rate
}
fn q_weibull(p: f64, shape: f64, scale: f64) -> f64 {
    scale * (-(-p).ln_1p()).powf(1.0 / shape)
}
fn q_beta(p: f64, a: f64, b: f64) -> f64 {
    qbeta(p, a, b)
}

/// The mean and SD of a family at its parameters (estmeansd's `get.mean.sd`).
fn family_moments(family: &str, a: f64, b: f64) -> (f64, f64) {
    match family {
        "normal" => (a, b),
        "log-normal" => (
            (a + b * b / 2.0).exp(),
            ((b * b).exp_m1() * (2.0 * a + b * b).exp()).sqrt(),
        ),
        "gamma" => (a / b, (a / (b * b)).sqrt()),
        "weibull" => {
            let g1 = gamma_fn(1.0 + 1.0 / a);
            let g2 = gamma_fn(1.0 + 2.0 / a);
            (b * g1, (b * b * (g2 - g1 * g1)).sqrt())
        }
        _ => {
            let s = a + b;
            (a / s, (a * b / (s * s * (s + 1.0))).sqrt())
        }
    }
}

/// QE: fit the five families and select the best (McGrath et al. 2020; estmeansd's
/// `qe.fit` and `qe.mean.sd`).
///
/// ```
/// use trialstats_stats::convert::skewed::qe;
/// use trialstats_stats::convert::{FiveNumbers, Scenario};
/// // estmeansd's README example: median 4 (range 2–9) of 100. R: qe.mean.sd(min.val = 2,
/// // med.val = 4, max.val = 9, n = 100) picks the log-normal; taken to its exact optimum by
/// // optim(method = "L-BFGS-B", control = list(factr = 1, pgtol = 0)) it gives mean
/// // 4.3472681629427115, SD 1.5021793160022541 (benches/skewed_reference.R, tests/skewed_medians.rs).
/// let x = FiveNumbers { min: Some(2.0), q1: None, median: 4.0, q3: None, max: Some(9.0), n: 100 };
/// let fit = qe(&x, Scenario::Range, "range")?;
/// assert!((fit.mean - 4.3472681629427115).abs() < 1e-6 * 4.35);
/// assert!((fit.sd - 1.5021793160022541).abs() < 1e-6 * 1.5);
/// assert_eq!(fit.distribution, "log-normal");
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn qe(x: &FiveNumbers, scenario: Scenario, at: &str) -> Result<SkewedFit> {
    let n = x.n as f64;
    let (quants, probs) = quantiles(x, scenario);
    let (mean_hat, sd_hat) = luo_wan(&quants, n, scenario);
    let (lo_q, hi_q) = match scenario {
        Scenario::FiveNumbers => (quants[1], quants[3]),
        _ => (quants[0], quants[2]),
    };
    let min_q = quants.iter().cloned().fold(f64::INFINITY, f64::min);
    let scale = quants.iter().map(|q| q * q).sum::<f64>().max(1e-300);
    let data = QuantileFit {
        quants: &quants,
        probs: &probs,
        scale,
    };
    let (candidates, skipped) = qe_candidates(&data, [mean_hat, sd_hat], [lo_q, hi_q], min_q);
    let best = candidates
        .iter()
        .filter(|c| c.converged)
        .min_by(|a, b| a.sum_of_squares.total_cmp(&b.sum_of_squares))
        .ok_or_else(|| {
            Error::numerical(format!(
                "{at}: QE: no distribution's least-squares fit could be confirmed as an optimum"
            ))
        })?;
    let reason = qe_reason(best, &candidates, skipped);
    Ok(SkewedFit {
        method: MedianMethod::Qe,
        mean: best.mean,
        sd: best.sd,
        distribution: best.family.to_string(),
        reason,
        lambda: None,
        location: None,
        scale: None,
        back_transform: "the fitted distribution's own mean and SD",
        candidates: candidates.clone(),
    })
}

/// The reported quantiles, the probabilities QE fits them at, and the scale of the
/// least-squares objective.
struct QuantileFit<'a> {
    quants: &'a [f64],
    probs: &'a [f64],
    scale: f64,
}

impl QuantileFit<'_> {
    /// One family fitted by least squares between its quantiles and the reported ones,
    /// from `start` inside the box `lower`..`upper` (estmeansd's `qe.fit`).
    fn fit(
        &self,
        family: &'static str,
        quantile: Quantile,
        names: [&'static str; 2],
        start: [f64; 2],
        lower: [f64; 2],
        upper: [f64; 2],
    ) -> Candidate {
        let objective = |t: &[f64]| {
            self.probs
                .iter()
                .zip(self.quants)
                .map(|(&p, &q)| (quantile(p, t[0], t[1]) - q).powi(2))
                .sum::<f64>()
        };
        let o = minimize_box(&objective, &start, &lower, &upper, self.scale);
        let (mean, sd) = family_moments(family, o.x[0], o.x[1]);
        Candidate {
            family,
            parameters: vec![(names[0], o.x[0]), (names[1], o.x[1])],
            sum_of_squares: o.value,
            mean,
            sd,
            converged: o.converged && mean.is_finite() && sd.is_finite(),
            at_bound: o.at_bound,
        }
    }
}

/// Every family QE fits, from estmeansd's starting values (Luo/Wan's mean and SD) and boxes
/// (`set.qe.fit.control`), and why only the normal was fitted when a value is negative.
fn qe_candidates(
    data: &QuantileFit,
    [mean_hat, sd_hat]: [f64; 2],
    [lo_q, hi_q]: [f64; 2],
    min_q: f64,
) -> (Vec<Candidate>, Option<&'static str>) {
    let mut candidates = vec![data.fit(
        "normal",
        q_norm,
        ["mu", "sigma"],
        [mean_hat, sd_hat],
        [lo_q, 1e-3],
        [hi_q, 50.0],
    )];
    if min_q < 0.0 {
        return (
            candidates,
            Some("only the normal was fitted: a reported value is negative"),
        );
    }
    let cv2 = (sd_hat / mean_hat).powi(2);
    // With a zero among the quantiles estmeansd leaves the log-normal μ's box unset and
    // R recycles the σ box for it: μ in [0.001, 10].
    let (mu_lo, mu_hi) = if min_q > 0.0 {
        (lo_q.ln(), hi_q.ln())
    } else {
        (1e-3, 10.0)
    };
    candidates.push(data.fit(
        "log-normal",
        q_lnorm,
        ["mu", "sigma"],
        [
            (mean_hat / (1.0 + cv2).sqrt()).ln(),
            (1.0 + cv2).ln().sqrt(),
        ],
        [mu_lo, 1e-3],
        [mu_hi, 10.0],
    ));
    candidates.push(data.fit(
        "gamma",
        q_gamma,
        ["shape", "rate"],
        [
            mean_hat * mean_hat / (sd_hat * sd_hat),
            mean_hat / (sd_hat * sd_hat),
        ],
        [1e-3, 1e-3],
        [1e2, 1e2],
    ));
    let k = weibull_start(mean_hat, sd_hat);
    candidates.push(data.fit(
        "weibull",
        q_weibull,
        ["shape", "scale"],
        [k, mean_hat / gamma_fn((k + 1.0) / k)],
        [1e-3, 1e-3],
        [1e2, 1e2],
    ));
    let a = mean_hat * (mean_hat * (1.0 - mean_hat) / (sd_hat * sd_hat) - 1.0);
    candidates.push(data.fit(
        "beta",
        q_beta,
        ["shape1", "shape2"],
        [a, a * (1.0 - mean_hat) / mean_hat],
        [1e-3, 1e-3],
        [40.0, 40.0],
    ));
    (candidates, None)
}

/// Why QE selected `best`: its sum of squares against the other families', and what was
/// skipped or stopped at the search box's edge.
fn qe_reason(best: &Candidate, candidates: &[Candidate], skipped: Option<&str>) -> String {
    let others: Vec<String> = candidates
        .iter()
        .filter(|c| c.family != best.family)
        .map(|c| {
            format!(
                "{} {}{}",
                c.family,
                crate::output::human_number(c.sum_of_squares),
                if c.converged { "" } else { " (not confirmed)" }
            )
        })
        .collect();
    let mut reason = format!(
        "smallest sum of squared quantile differences: {} against {}",
        crate::output::human_number(best.sum_of_squares),
        if others.is_empty() {
            "no other".to_string()
        } else {
            others.join(", ")
        }
    );
    if let Some(s) = skipped {
        reason = format!("{reason}; {s}");
    }
    if best.at_bound {
        reason.push_str("; its fit ends on an edge of estmeansd's search box (as theirs does)");
    }
    reason
}

/// The Weibull shape whose coefficient of variation is sd/mean (estmeansd's start,
/// found there by `nlminb` from (mean/sd)^1.086).
fn weibull_start(mean: f64, sd: f64) -> f64 {
    let target = sd / mean;
    let cv = |k: f64| {
        let g1 = gamma_fn((k + 1.0) / k);
        ((gamma_fn((k + 2.0) / k) / (g1 * g1)) - 1.0).sqrt()
    };
    let start = (mean / sd).powf(1.086);
    if !(start.is_finite() && start > 0.0) {
        return 1.0;
    }
    let (k, _) = fmin(
        &|k| (target - cv(k)).powi(2),
        (start / 10.0).max(1e-3),
        (start * 10.0).min(1e3),
        1e-10,
    );
    if k.is_finite() { k } else { start }
}

/// Box–Cox transform as estmeansd's `smooth.bc.transform` (sign-preserving power).
fn box_cox(v: f64, lambda: f64) -> f64 {
    if lambda.abs() < 1e-8 {
        v.ln()
    } else {
        (v.signum() * v.abs().powf(lambda) - 1.0) / lambda
    }
}

/// The values reported strictly inside their neighbours, as BC and MLN need (a log ratio
/// with the median at an end divides by zero).
fn check_positive_distinct(q: &[f64], method: MedianMethod, at: &str) -> Result<()> {
    if let Some(v) = q.iter().find(|v| **v <= 0.0) {
        return Err(Error::input(
            at,
            format!(
                "{} needs values > 0 (it takes logarithms and powers); {v} is not (use {{field:method}} qe)",
                method.as_str()
            ),
        ));
    }
    if q.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::input(
            at,
            format!(
                "{} needs the reported values distinct; two are equal (use {{field:method}} qe)",
                method.as_str()
            ),
        ));
    }
    Ok(())
}

/// Mean and SD of g(X), X normal(μ, σ) truncated to [lo, hi] (either may be infinite),
/// g(x) = (λx + 1)^(1/λ), by adaptive quadrature on the standardised scale.
fn truncated_moments(mu: f64, sigma: f64, lambda: f64, lo: f64, hi: f64) -> (f64, f64) {
    let zl = ((lo - mu) / sigma).max(-40.0);
    let zu = ((hi - mu) / sigma).min(40.0);
    let phi = |z: f64| (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let g = |z: f64| {
        let y = lambda * (mu + sigma * z) + 1.0;
        y.max(0.0).powf(1.0 / lambda)
    };
    let mass = pnorm(zu) - pnorm(zl);
    let mean = integrate(&|z| phi(z) * g(z), zl, zu, 1e-12) / mass;
    let var = integrate(&|z| phi(z) * (g(z) - mean).powi(2), zl, zu, 1e-12) / mass;
    (mean, var.max(0.0).sqrt())
}

/// The raw-scale mean and SD of a Box–Cox normal (μ, σ, λ ≥ 0) as estmeansd draws it:
/// log-normal at λ = 0, else the normal truncated symmetrically to (−1/λ, 2μ + 1/λ).
pub fn box_cox_normal_moments(mu: f64, sigma: f64, lambda: f64) -> (f64, f64) {
    let (m, s, _) = back_transform(mu, sigma, lambda);
    (m, s)
}

fn back_transform(mu: f64, sigma: f64, lambda: f64) -> (f64, f64, &'static str) {
    if lambda == 0.0 {
        let s2 = sigma * sigma;
        (
            (mu + s2 / 2.0).exp(),
            (s2.exp_m1() * (2.0 * mu + s2).exp()).sqrt(),
            "log-normal mean and SD (λ = 0), exact",
        )
    } else {
        let (m, s) = truncated_moments(mu, sigma, lambda, -1.0 / lambda, 2.0 * mu + 1.0 / lambda);
        (
            m,
            s,
            "mean and SD of the inverse Box-Cox transform of the normal truncated to (−1/λ, 2μ + 1/λ), by numerical integration (estmeansd: Monte Carlo)",
        )
    }
}

/// BC (McGrath et al. 2020; estmeansd's `bc.mean.sd` with its defaults).
pub fn bc(x: &FiveNumbers, scenario: Scenario, at: &str) -> Result<SkewedFit> {
    let n = x.n as f64;
    let (quants, _) = quantiles(x, scenario);
    check_positive_distinct(&quants, MedianMethod::Bc, at)?;
    let asymmetry = |t: &[f64]| {
        let r = |lo: f64, m: f64, hi: f64| ((hi - m) / (m - lo) - 1.0).powi(2);
        match scenario {
            Scenario::FiveNumbers => r(t[1], t[2], t[3]) + r(t[0], t[2], t[4]),
            _ => r(t[0], t[1], t[2]),
        }
    };
    let logged: Vec<f64> = quants.iter().map(|v| v.ln()).collect();
    let raw_lambda = if asymmetry(&logged).abs() < 1e-8 {
        0.0
    } else {
        fmin(
            &|l| {
                let t: Vec<f64> = quants.iter().map(|&v| box_cox(v, l)).collect();
                asymmetry(&t)
            },
            -2.0,
            3.0,
            f64::EPSILON.powf(0.25),
        )
        .0
    };
    let lambda = if raw_lambda.abs() < 1e-8 {
        0.0
    } else {
        raw_lambda.max(0.0)
    };
    let t: Vec<f64> = quants.iter().map(|&v| box_cox(v, lambda)).collect();
    let (mu, sigma) = luo_wan(&t, n, scenario);
    let reason = if raw_lambda < 0.0 && lambda == 0.0 {
        format!(
            "the Box-Cox power that makes the transformed quantiles most symmetric is {} < 0, raised to 0 (log) as estmeansd does",
            crate::output::human_number(raw_lambda)
        )
    } else {
        "the Box-Cox power that makes the transformed quantiles most symmetric; transformed mean and SD by Luo et al. 2018 and Wan et al. 2014".to_string()
    };
    finish(MedianMethod::Bc, [lambda, mu, sigma], reason, at)
}

/// Back-transform the Box–Cox normal `[λ, μ, σ]` and say how it was found.
fn finish(
    method: MedianMethod,
    [lambda, mu, sigma]: [f64; 3],
    reason: String,
    at: &str,
) -> Result<SkewedFit> {
    let (mean, sd, how) = back_transform(mu, sigma, lambda);
    if !(mean.is_finite() && sd.is_finite()) {
        return Err(Error::numerical(format!(
            "{at}: {}: the back-transformed mean or SD is not finite (λ = {lambda}, μ = {mu}, σ = {sigma})",
            method.as_str()
        )));
    }
    Ok(SkewedFit {
        method,
        mean,
        sd,
        distribution: format!(
            "Box-Cox normal, λ = {}",
            crate::output::human_number(lambda)
        ),
        reason,
        lambda: Some(lambda),
        location: Some(mu),
        scale: Some(sigma),
        candidates: Vec::new(),
        back_transform: how,
    })
}

/// MLN (Cai et al. 2021; estmeansd's `mln.mean.sd`).
pub fn mln(x: &FiveNumbers, scenario: Scenario, at: &str) -> Result<SkewedFit> {
    let n = x.n as f64;
    let (quants, _) = quantiles(x, scenario);
    check_positive_distinct(&quants, MedianMethod::Mln, at)?;
    let h = (0.25 * n + 1.0).floor();
    let j = (0.5 * n + 1.0).floor();
    let k = (0.75 * n + 1.0).floor();
    let bc = |l: f64, v: f64| {
        if l == 0.0 {
            v.ln()
        } else {
            (v.powf(l) - 1.0) / l
        }
    };
    // log-likelihood of the reported order statistics of a normal(μ, σ) sample (Cai et al.
    // 2021 eqs. 4–6, as estmeansd writes them)
    let log_lik = |t: &[f64], mu: f64, sigma: f64| -> f64 {
        let dens: f64 = t
            .iter()
            .map(|v| {
                let z = (v - mu) / sigma;
                -0.5 * z * z - sigma.ln() - 0.5 * (2.0 * std::f64::consts::PI).ln()
            })
            .sum();
        let p = |v: f64| pnorm((v - mu) / sigma);
        let between = |a: f64, b: f64| (p(b) - p(a)).ln();
        dens + match scenario {
            Scenario::Range => {
                (j - 2.0) * between(t[0], t[1]) + (n - j - 1.0) * between(t[1], t[2])
            }
            Scenario::Quartiles => {
                (h - 1.0) * p(t[0]).ln()
                    + (j - h - 1.0) * between(t[0], t[1])
                    + (k - j - 1.0) * between(t[1], t[2])
                    + (n - k) * pnorm(-(t[2] - mu) / sigma).ln()
            }
            Scenario::FiveNumbers => {
                (h - 2.0) * between(t[0], t[1])
                    + (j - h - 1.0) * between(t[1], t[2])
                    + (k - j - 1.0) * between(t[2], t[3])
                    + (n - k - 1.0) * between(t[3], t[4])
            }
        }
    };
    let profile = |l: f64| {
        let t: Vec<f64> = quants.iter().map(|&v| bc(l, v)).collect();
        let (mu, sigma) = luo_wan(&t, n, scenario);
        -log_lik(&t, mu, sigma)
    };
    let (raw, _) = fmin(&profile, 0.0, 10.0, 0.001);
    let lambda = if raw.abs() < 1e-8 { 0.0 } else { raw.max(0.0) };
    let t: Vec<f64> = quants.iter().map(|&v| bc(lambda, v)).collect();
    let (mu0, sigma0) = luo_wan(&t, n, scenario);
    let neg = |th: &[f64]| -log_lik(&t, th[0], th[1]);
    let spread = (t[t.len() - 1] - t[0]).abs().max(1e-8);
    let o = minimize_box(
        &neg,
        &[mu0, sigma0],
        &[t[0] - 10.0 * spread, 1e-6 * sigma0],
        &[t[t.len() - 1] + 10.0 * spread, 100.0 * spread + sigma0],
        neg(&[mu0, sigma0]).abs().max(1.0),
    );
    if !o.converged || o.at_bound {
        return Err(Error::numerical(format!(
            "{at}: MLN: the maximum-likelihood μ and σ at λ = {lambda} could not be confirmed (ended at μ = {}, σ = {})",
            o.x[0], o.x[1]
        )));
    }
    let (mu, sigma) = (o.x[0], o.x[1]);
    let reason = "the Box-Cox power in [0, 10] that maximises the likelihood of the reported order statistics (Cai et al. 2021); μ and σ then by maximum likelihood".to_string();
    finish(MedianMethod::Mln, [lambda, mu, sigma], reason, at)
}
