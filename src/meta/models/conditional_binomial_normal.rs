//! The conditional binomial–normal model of 2×2 tables (metafor's `rma.glmm(measure = "OR",
//! model = "CM.EL")`; van Houwelingen, Zwinderman & Stijnen 1993): given both margins, a
//! study's events in group 1 follow Fisher's noncentral hypergeometric distribution with log
//! odds ratio θᵢ, and θᵢ ~ N(β, τ²). Conditioning removes the study intercepts, so the
//! likelihood is exact ("EL") and has two parameters.
//!
//! P(aᵢ | θ) = C(n₁ᵢ, aᵢ) C(n₂ᵢ, xᵢ − aᵢ) e^{aᵢθ} / Σᵤ C(n₁ᵢ, u) C(n₂ᵢ, xᵢ − u) e^{uθ} over
//! max(0, xᵢ − n₂ᵢ) ≤ u ≤ min(n₁ᵢ, xᵢ) (xᵢ = aᵢ + cᵢ), computed on the log scale. Each study's
//! marginal likelihood ∫ P(aᵢ | θ) φ(θ; β, τ) dθ is integrated by adaptive Gauss–Hermite
//! quadrature with 21 nodes centred at the integrand's mode (the rule of
//! [`crate::glmm::quadrature`]); metafor integrates with R's `integrate`. β and τ are
//! maximised by [`crate::optimize::minimize_box`] (τ ≥ 0); the SE of β is from the
//! finite-difference Hessian of the log-likelihood (metafor: `numDeriv::hessian`). The
//! fixed-effect model (τ = 0) is the conditional maximum-likelihood estimate, whose SE is exact:
//! 1/√Σ Var(aᵢ | β̂).
//!
//! Heterogeneity: the likelihood-ratio test of the fixed-effect model against the saturated one
//! (each study its own conditional MLE; a study whose aᵢ is at an end of its range has
//! likelihood 1 there), on k − 1 df (metafor's `QE.LRT`). O(k · Σ range) per evaluation.

use super::binomial_normal::{BinomialNormalFit, Estimation};
use super::{RatioScale, Tables};
use crate::dist::pchisq_upper;
use crate::error::{Error, Result};
use crate::glmm::quadrature::Rule;
use crate::level::ConfidenceLevel;
use crate::meta::fitting::model::{Coefficient, TestedEstimate};
use crate::meta::fitting::moderators::INTERCEPT;
use crate::optimize::minimize_box;
use statrs::function::gamma::ln_gamma;

/// Quadrature nodes per study.
const NODES: usize = 21;

/// One table's conditional distribution: the support's lowest value, the log of its
/// central-hypergeometric weights, and the observed count.
struct Conditional {
    lo: f64,
    log_weights: Vec<f64>,
    a: f64,
}

impl Conditional {
    fn new([a, b, c, d]: [f64; 4]) -> Self {
        let (n1, n2, x) = (a + b, c + d, a + c);
        let lc = |n: f64, k: f64| ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0);
        let (lo, hi) = ((x - n2).max(0.0), n1.min(x));
        let log_weights = (0..=(hi - lo) as usize)
            .map(|j| {
                let u = lo + j as f64;
                lc(n1, u) + lc(n2, x - u)
            })
            .collect();
        Conditional { lo, log_weights, a }
    }

    /// log P(a | θ), E(u | θ) and Var(u | θ).
    fn at(&self, theta: f64) -> (f64, f64, f64) {
        let m = self
            .log_weights
            .iter()
            .enumerate()
            .map(|(j, w)| w + (self.lo + j as f64) * theta)
            .fold(f64::NEG_INFINITY, f64::max);
        let (mut s, mut s1, mut s2) = (0.0, 0.0, 0.0);
        for (j, w) in self.log_weights.iter().enumerate() {
            let u = self.lo + j as f64;
            let e = (w + u * theta - m).exp();
            s += e;
            s1 += e * u;
            s2 += e * u * u;
        }
        let mean = s1 / s;
        let j = (self.a - self.lo) as usize;
        (
            self.log_weights[j] + self.a * theta - m - s.ln(),
            mean,
            (s2 / s - mean * mean).max(0.0),
        )
    }

    fn at_an_end(&self) -> bool {
        self.a == self.lo || self.a == self.lo + (self.log_weights.len() - 1) as f64
    }

    /// log ∫ P(a | θ) φ(θ; β, τ) dθ by adaptive Gauss–Hermite quadrature.
    fn log_marginal(&self, beta: f64, tau: f64, rule: &Rule) -> f64 {
        if tau <= 0.0 {
            return self.at(beta).0;
        }
        // h(θ) = −log P(a | θ) + (θ − β)²/(2τ²): its mode by Newton (h is convex).
        let h = |t: f64| -self.at(t).0 + (t - beta).powi(2) / (2.0 * tau * tau);
        let mut t = beta;
        for _ in 0..100 {
            let (_, mean, var) = self.at(t);
            let g = -(self.a - mean) + (t - beta) / (tau * tau);
            let step = g / (var + 1.0 / (tau * tau));
            t -= step;
            if step.abs() < 1e-12 * (1.0 + t.abs()) {
                break;
            }
        }
        let curvature = self.at(t).2 + 1.0 / (tau * tau);
        let s = 1.0 / curvature.sqrt();
        let h0 = h(t);
        let sum: f64 = rule
            .nodes
            .iter()
            .zip(&rule.weights)
            .map(|(z, w)| w * (z * z / 2.0 - (h(t + s * z) - h0)).exp())
            .sum();
        // ∫ e^{−h} = s √(2π) Σ wₖ e^{zₖ²/2 − h(t + s zₖ)}, and the normal density's 1/(τ√(2π)).
        -h0 + (s * sum).ln() - tau.ln()
    }

    /// The study's own conditional MLE's log-likelihood (0 when a is at an end of its range).
    fn saturated(&self) -> f64 {
        if self.at_an_end() {
            return 0.0;
        }
        let mut t = 0.0;
        for _ in 0..200 {
            let (_, mean, var) = self.at(t);
            let step = (self.a - mean) / var;
            t += step.clamp(-5.0, 5.0);
            if step.abs() < 1e-13 * (1.0 + t.abs()) {
                break;
            }
        }
        self.at(t).0
    }
}

/// The conditional MLE of the common log OR and its exact SE (Newton on the score Σ(a − E)).
fn fixed_effect(tables: &[Conditional]) -> Result<(f64, f64, f64)> {
    let mut t = 0.0;
    for _ in 0..200 {
        let (mut score, mut info) = (0.0, 0.0);
        for c in tables {
            let (_, mean, var) = c.at(t);
            score += c.a - mean;
            info += var;
        }
        if info <= 0.0 {
            break;
        }
        let step = (score / info).clamp(-5.0, 5.0);
        t += step;
        if step.abs() < 1e-14 * (1.0 + t.abs()) {
            break;
        }
    }
    let (ll, info) = tables.iter().fold((0.0, 0.0), |(l, i), c| {
        let (lp, _, v) = c.at(t);
        (l + lp, i + v)
    });
    if !(t.is_finite() && info > 0.0 && t.abs() < 50.0) {
        return Err(Error::input(
            "the tables",
            "the conditional odds ratio is not estimable: every table's events sit at an end of their range (for example no events in one group of every table)",
        ));
    }
    Ok((t, 1.0 / info.sqrt(), ll))
}

/// Fit the model to `tables`.
pub fn fit(
    tables: &Tables,
    estimation: Estimation,
    level: ConfidenceLevel,
) -> Result<BinomialNormalFit> {
    let conditional: Vec<Conditional> = tables
        .cells
        .iter()
        .filter(|[a, b, c, d]| !((*a == 0.0 && *c == 0.0) || (*b == 0.0 && *d == 0.0)))
        .map(|&cells| Conditional::new(cells))
        .collect();
    let k = conditional.len();
    if k < 2 {
        return Err(Error::input(
            "the tables",
            format!(
                "{k} studies have events and non-events; the conditional model needs at least 2"
            ),
        ));
    }
    let (beta_fe, se_fe, ll_fe) = fixed_effect(&conditional)?;
    let (beta, se, tau2, ll, warnings) = match estimation {
        Estimation::FixedEffect => (beta_fe, se_fe, 0.0, ll_fe, Vec::new()),
        Estimation::RandomEffects => {
            let rule = Rule::new(NODES);
            let nll = |p: &[f64]| -> f64 {
                -conditional
                    .iter()
                    .map(|c| c.log_marginal(p[0], p[1], &rule))
                    .sum::<f64>()
            };
            let opt = minimize_box(
                &nll,
                &[beta_fe, 0.3],
                &[beta_fe - 20.0, 0.0],
                &[beta_fe + 20.0, 20.0],
                ll_fe.abs().max(1.0),
            );
            let (b, tau) = (opt.x[0], opt.x[1]);
            let mut warnings = Vec::new();
            if !opt.converged {
                warnings.push("the optimum of the likelihood was not confirmed".to_string());
            }
            // SE of β: the inverse Hessian of −ll over (β, τ), or over β alone when τ = 0.
            let step = 1e-4 * se_fe.max(1e-3);
            let f = |db: f64, dt: f64| nll(&[b + db, tau + dt]);
            let f0 = f(0.0, 0.0);
            let hbb = (f(step, 0.0) - 2.0 * f0 + f(-step, 0.0)) / (step * step);
            let se = if tau > 10.0 * step {
                let htt = (f(0.0, step) - 2.0 * f0 + f(0.0, -step)) / (step * step);
                let hbt = (f(step, step) - f(step, -step) - f(-step, step) + f(-step, -step))
                    / (4.0 * step * step);
                let det = hbb * htt - hbt * hbt;
                (htt / det).sqrt()
            } else {
                (1.0 / hbb).sqrt()
            };
            (b, se, tau * tau, -opt.value, warnings)
        }
    };
    if !(se.is_finite() && se > 0.0) {
        return Err(Error::input(
            "the tables",
            "the pooled log odds ratio has no standard error: the likelihood is flat at its optimum",
        ));
    }
    let pooled = TestedEstimate::new(beta, se, None, level.z_crit());
    let saturated: f64 = conditional.iter().map(Conditional::saturated).sum();
    let qe_lrt = (2.0 * (saturated - ll_fe)).max(0.0);
    Ok(BinomialNormalFit {
        model: "CM.EL",
        method: estimation.metafor_name(),
        level: level.value(),
        k,
        k_dropped: tables.cells.len() - k,
        ratio: Some(RatioScale::of(&pooled)),
        coefficients: vec![Coefficient {
            name: INTERCEPT.to_string(),
            tested: pooled,
        }],
        qm: None,
        qm_df: None,
        qm_p: None,
        pooled,
        tau2,
        log_likelihood: ll,
        qe_lrt,
        qe_lrt_p: pchisq_upper(qe_lrt, (k - 1) as f64),
        qe_wald: None,
        qe_wald_p: None,
        qe_df: k - 1,
        warnings,
    })
}
