//! Three-level meta-analysis: several effects per cluster (study), as metafor's
//! `rma.mv(yi, vi, mods, random = ~ 1 | cluster/id)` by REML or ML (Konstantopoulos 2011,
//! *Res Synth Methods* 2:61; Cheung 2014, *Psychol Methods* 19:211).
//!
//! The model is `y = Xβ + u + w + e`: `u` one effect per cluster (variance σ₁²), `w` one per
//! effect (σ₂²), `e` the known sampling errors. The marginal covariance is block diagonal,
//! one block `M_c = D_c + σ₁² 11'` per cluster with `D_c = diag(vᵢ + σ₂²)`, whose inverse and
//! determinant have closed forms (Sherman–Morrison; Woodbury for a rank-one update):
//!
//! ```text
//! M_c⁻¹ = D_c⁻¹ − g_c D_c⁻¹11'D_c⁻¹,   g_c = σ₁² / (1 + σ₁² S_c),   S_c = Σᵢ 1/dᵢ
//! log|M_c| = Σᵢ log dᵢ + log(1 + σ₁² S_c)
//! ```
//!
//! so every quantity of the (restricted) likelihood and its gradient is a sum over the
//! effects and clusters: O(k·p²) per evaluation, no k×k matrix. The log-likelihoods are
//! metafor's (REML with its `+ ½ log|X'X|` term, `REMLf = TRUE`):
//!
//! ```text
//! ML:   ℓ = −½ (k log 2π + log|M| + r'M⁻¹r)
//! REML: ℓ = −½ ((k−p) log 2π + log|M| + log|X'M⁻¹X| − log|X'X| + r'M⁻¹r)
//! ∂ℓ/∂σⱼ² = −½ tr(P Vⱼ) + ½ y'P Vⱼ P y     (ML: M⁻¹ in place of P in the trace)
//! ```
//!
//! with `V₁` the cluster blocks of ones, `V₂ = I`, `P y = M⁻¹ r`. The maximum is found by the
//! bounded quasi-Newton search of [`crate::optimize::quasi_newton`] with that gradient, finished by
//! Newton steps ([`super::newton`]). Also: the profile-likelihood interval of each variance
//! component (the other re-maximised at each point; metafor's `confint`), I² at each level
//! (`100 σⱼ² / (σ₁² + σ₂² + ṽ)`, ṽ the typical sampling variance; Cheung 2014, eq. 17),
//! the fixed effects with z (or t, k − p df) tests, log-likelihood, AIC, BIC, AICc as
//! metafor's `fitstats` (BIC with log(k − p) under REML), and the likelihood-ratio test
//! against the two-level model (σ₁² = 0; metafor's `anova`).

use super::gls::invert_spd;
use super::heterogeneity::Heterogeneity;
use super::model::Coefficient;
use super::model::Standardised;
use super::model::TestedEstimate;
use super::moderators::ModelMatrix;
use super::newton::{hessian, polish};
use super::spec::{Method, Test};
use crate::dist::{pchisq_upper, pf_upper, qchisq, t_crit, z_crit};
use crate::error::{Error, Result};
use crate::likelihood_ratio::LikelihoodRatio;
use crate::optimize::quasi_newton::minimize_with;
use nalgebra::{DMatrix, DVector};
use serde::Serialize;
use std::collections::HashMap;

/// The likelihood-ratio test against the two-level model (no cluster variance).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TwoLevelTest {
    /// Log-likelihood of the two-level model (σ₁² = 0), by the same method.
    pub log_likelihood_two_level: f64,
    pub lrt: f64,
    pub df: usize,
    pub p: f64,
}

/// A fitted three-level model.
#[derive(Debug, Clone, Serialize)]
pub struct MultilevelFit {
    /// `REML` or `ML`.
    pub method: &'static str,
    /// `z` or `t`.
    pub test: &'static str,
    pub level: crate::level::ConfidenceLevel,
    /// Number of effects.
    pub k: usize,
    /// Number of clusters.
    pub clusters: usize,
    /// Number of coefficients.
    pub p: usize,
    /// The cluster and effect columns.
    pub cluster_column: String,
    pub id_column: Option<String>,
    /// The first coefficient (the pooled estimate without moderators).
    pub estimate: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Prediction interval for a new effect (models without moderators): estimate ± crit ·
    /// √(SE² + σ₁² + σ₂²), as metafor's `predict(res)` for `rma.mv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pi_lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pi_upper: Option<f64>,
    /// [between clusters, within clusters].
    pub sigma2: [f64; 2],
    /// Profile-likelihood intervals of the two (absent where the bound cannot be found).
    pub sigma2_ci: [[Option<f64>; 2]; 2],
    /// I² (percent) at each level and in total.
    pub i2: [f64; 2],
    pub i2_total: f64,
    pub coefficients: Vec<Coefficient>,
    /// t degrees of freedom (k − p) under t tests.
    pub df: Option<usize>,
    /// Omnibus test of the moderators (of the intercept without them).
    pub qm: f64,
    pub qm_df: usize,
    pub qm_p: f64,
    /// Cochran's Q for (residual) heterogeneity.
    pub q: f64,
    pub q_df: usize,
    pub q_p: f64,
    pub log_likelihood: f64,
    pub deviance: f64,
    pub aic: f64,
    pub bic: f64,
    pub aicc: f64,
    pub two_level_test: TwoLevelTest,
    /// Cluster-robust (CR2) tests, when requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robust: Option<super::robust::RobustTests>,
    /// Covariance matrix of the coefficients (p×p).
    pub vcov: Vec<Vec<f64>>,
    /// The predicted random effects of both levels (`--blup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranef: Option<super::multilevel_ranef::MultilevelRandomEffects>,
    /// Predictions at new moderator values (`--newmods`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predictions: Option<Vec<super::linear::Prediction>>,
}

impl MultilevelFit {
    /// Predictions at the moderator values `rows` (each comma-separated, metafor's
    /// `predict(res, newmods = ...)`): a new effect's true value varies by σ₁² + σ₂²; robust
    /// inference after `--robust`.
    pub fn predict(&self, rows: &[String]) -> Result<Vec<super::linear::Prediction>> {
        use super::linear::{self, Inference};
        let names: Vec<String> = self.coefficients.iter().map(|c| c.name.clone()).collect();
        let beta: Vec<f64> = self.coefficients.iter().map(|c| c.estimate).collect();
        let values = rows
            .iter()
            .map(|r| linear::parse_newmods(r, &names))
            .collect::<Result<Vec<_>>>()?;
        let inference = match &self.robust {
            Some(r) => Inference::Robust(&r.sandwich),
            None => Inference::Model(linear::Coefficients {
                names: &names,
                beta: &beta,
                vcov: &self.vcov,
                df: self.df,
            }),
        };
        Ok(linear::predict_with(
            &beta,
            inference,
            self.sigma2[0] + self.sigma2[1],
            self.level.value(),
            &values,
        ))
    }
}

/// The effects grouped by cluster: rows in cluster order and the range of each cluster.
#[derive(Debug, Clone)]
pub struct Clusters {
    /// Original row of each sorted position.
    pub order: Vec<usize>,
    /// Start of each cluster in the sorted rows (and the end, last).
    pub starts: Vec<usize>,
    /// Cluster of each original row (0-based, in order of first appearance).
    pub of_row: Vec<usize>,
}

impl Clusters {
    /// Group rows by `cluster` (stable); with `id`, each (cluster, id) pair must be unique.
    pub fn new(cluster: &[String], id: Option<&[String]>) -> Result<Self> {
        let mut codes: HashMap<&str, usize> = HashMap::new();
        let of_row: Vec<usize> = cluster
            .iter()
            .map(|c| {
                let n = codes.len();
                *codes.entry(c.as_str()).or_insert(n)
            })
            .collect();
        if let Some(id) = id {
            let mut seen: HashMap<(usize, &str), usize> = HashMap::new();
            for (i, (c, e)) in of_row.iter().zip(id).enumerate() {
                if let Some(first) = seen.insert((*c, e.as_str()), i) {
                    return Err(Error::field(
                        "id",
                        format!(
                            "rows {} and {} share cluster '{}' and id '{e}'; each effect needs \
                             its own id within its cluster (a fourth level is not supported)",
                            first + 1,
                            i + 1,
                            cluster[i]
                        ),
                    ));
                }
            }
        }
        let n = codes.len();
        let mut counts = vec![0usize; n + 1];
        for &c in &of_row {
            counts[c + 1] += 1;
        }
        for c in 0..n {
            counts[c + 1] += counts[c];
        }
        let starts = counts.clone();
        let mut next = counts;
        let mut order = vec![0; of_row.len()];
        for (i, &c) in of_row.iter().enumerate() {
            order[next[c]] = i;
            next[c] += 1;
        }
        Ok(Clusters {
            order,
            starts,
            of_row,
        })
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no clusters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The data in cluster order, on the design the computations use.
struct Problem {
    /// Rows in cluster order, row-major, p columns.
    x: Vec<f64>,
    y: Vec<f64>,
    v: Vec<f64>,
    starts: Vec<usize>,
    p: usize,
    reml: bool,
    /// `log|X'X|` (REML's constant) and `(k − p) log 2π` or `k log 2π`.
    constant: f64,
    /// The mean sampling variance: the scale of the variance components.
    scale: f64,
}

/// One evaluation: the log-likelihood, its gradient in (σ₁², σ₂²), the coefficients and
/// `(X'M⁻¹X)⁻¹`.
struct Evaluation {
    ll: f64,
    gradient: [f64; 2],
    beta: DVector<f64>,
    a_inv: DMatrix<f64>,
}

/// The second pass's sums: `r'M⁻¹r`, the quadratic forms `y'P Vⱼ P y` and traces
/// `tr(M⁻¹ Vⱼ)` of the gradient, and (REML) the lower triangles of the matrices whose
/// products with `(X'M⁻¹X)⁻¹` correct the traces.
struct GradientSums {
    rss: f64,
    q: [f64; 2],
    tr: [f64; 2],
    f1: DMatrix<f64>,
    f2: DMatrix<f64>,
}

impl Problem {
    /// The problem of `y`, `v` on the working design `work`, its rows put in the order of
    /// `clusters`.
    fn new(
        work: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        clusters: &Clusters,
        reml: bool,
    ) -> Result<Self> {
        let (k, p) = (work.n, work.p);
        let mut x = Vec::with_capacity(k * p);
        let (mut ys, mut vs) = (Vec::with_capacity(k), Vec::with_capacity(k));
        for &i in &clusters.order {
            x.extend_from_slice(work.row(i));
            ys.push(y[i]);
            vs.push(v[i]);
        }
        let log_det_xtx = {
            let xtx = super::gls::cross_product(work, |_| 1.0);
            invert_spd(xtx.clone())?;
            xtx.cholesky()
                .map(|c| 2.0 * c.l_dirty().diagonal().iter().map(|d| d.ln()).sum::<f64>())
                .unwrap_or(0.0)
        };
        let two_pi = (2.0 * std::f64::consts::PI).ln();
        Ok(Problem {
            x,
            y: ys,
            v: vs,
            starts: clusters.starts.clone(),
            p,
            reml,
            constant: if reml {
                (k - p) as f64 * two_pi - log_det_xtx
            } else {
                k as f64 * two_pi
            },
            scale: v.iter().sum::<f64>() / k as f64,
        })
    }

    /// The maximum `(σ², log-likelihood)`, searched from the method-of-moments τ² of the
    /// two-level model (heterogeneity `het`) split between the levels; `mean_v` is the mean
    /// sampling variance.
    fn maximise_from_moments(&self, het: &Heterogeneity, mean_v: f64) -> Result<(Vec<f64>, f64)> {
        let tau2_dl = if het.q_df > 0 {
            ((het.q - het.q_df as f64) * het.typical_variance / het.q_df as f64).max(0.0)
        } else {
            0.0
        };
        let start = (tau2_dl / 2.0).max(0.01 * mean_v);
        let (sigma, ll) = self.maximise([start, start], mean_v);
        if !ll.is_finite() {
            return Err(Error::not_converged(
                "three-level likelihood",
                "the three-level likelihood could not be maximised".into(),
            ));
        }
        Ok((sigma, ll))
    }

    /// The profile-likelihood interval `[lower, upper]` of each variance component at the
    /// maximum `sigma` (log-likelihood `ll`): where the profile falls χ²₁(level)/2 below it.
    fn profile_intervals(
        &self,
        sigma: &[f64],
        ll: f64,
        level: crate::level::ConfidenceLevel,
    ) -> [[Option<f64>; 2]; 2] {
        let drop = qchisq(level.value(), 1.0) / 2.0;
        let target = ll - drop;
        // The profile's curvature at the maximum, for the starting points: from the Hessian of
        // the log-likelihood, h_jj − h_jo² / h_oo.
        let h = hessian(&|s: &[f64]| self.value_and_gradient(s), sigma, &[0, 1]);
        let mut sigma2_ci = [[None, None]; 2];
        for (j, ci) in sigma2_ci.iter_mut().enumerate() {
            let o = 1 - j;
            let curvature = h[(j, j)] - h[(j, o)] * h[(j, o)] / h[(o, o)];
            let other = sigma[o];
            *ci = [
                self.interval_bound(j, sigma[j], other, (target, drop, curvature), false),
                self.interval_bound(j, sigma[j], other, (target, drop, curvature), true),
            ];
        }
        sigma2_ci
    }

    fn evaluate(&self, s1: f64, s2: f64) -> Result<Evaluation> {
        let p = self.p;
        let (a, b, log_det) = self.weighted_system(s1, s2);
        let log_det_a = a
            .clone()
            .cholesky()
            .map(|c| 2.0 * c.l_dirty().diagonal().iter().map(|d| d.ln()).sum::<f64>());
        let a_inv = invert_spd(a)?;
        let beta = &a_inv * &b;
        let GradientSums {
            rss,
            q: [q1, q2],
            tr: [tr1, tr2],
            mut f1,
            mut f2,
        } = self.gradient_sums(s1, s2, &beta);
        let mut ll = -0.5 * (self.constant + log_det + rss);
        let (mut c1, mut c2) = (0.0, 0.0);
        if self.reml {
            let log_det_a = log_det_a.ok_or_else(|| {
                Error::singular("X'M⁻¹X", "X'M^-1 X is not positive definite".to_string())
            })?;
            ll -= 0.5 * log_det_a;
            for j in 0..p {
                for l in 0..j {
                    f1[(l, j)] = f1[(j, l)];
                    f2[(l, j)] = f2[(j, l)];
                }
            }
            c1 = (&a_inv * &f1).trace();
            c2 = (&a_inv * &f2).trace();
        }
        Ok(Evaluation {
            ll,
            gradient: [-0.5 * (tr1 - c1) + 0.5 * q1, -0.5 * (tr2 - c2) + 0.5 * q2],
            beta,
            a_inv,
        })
    }

    /// The first pass over the clusters at (σ₁², σ₂²) = (`s1`, `s2`): `A = X'M⁻¹X` (both
    /// triangles), `b = X'M⁻¹y` and `log|M|`.
    fn weighted_system(&self, s1: f64, s2: f64) -> (DMatrix<f64>, DVector<f64>, f64) {
        let p = self.p;
        let mut a = DMatrix::<f64>::zeros(p, p);
        let mut b = DVector::<f64>::zeros(p);
        let mut log_det = 0.0;
        let mut sc = vec![0.0; p];
        for c in 0..self.starts.len() - 1 {
            let (lo, hi) = (self.starts[c], self.starts[c + 1]);
            let mut s = 0.0;
            let mut t = 0.0;
            sc.iter_mut().for_each(|z| *z = 0.0);
            for i in lo..hi {
                let d = self.v[i] + s2;
                let w = 1.0 / d;
                log_det += d.ln();
                s += w;
                t += w * self.y[i];
                let xi = &self.x[i * p..(i + 1) * p];
                for j in 0..p {
                    let xw = xi[j] * w;
                    sc[j] += xw;
                    b[j] += xw * self.y[i];
                    for l in 0..=j {
                        a[(j, l)] += xw * xi[l];
                    }
                }
            }
            let one_plus = 1.0 + s1 * s;
            log_det += one_plus.ln();
            let g = s1 / one_plus;
            for j in 0..p {
                b[j] -= g * sc[j] * t;
                for l in 0..=j {
                    a[(j, l)] -= g * sc[j] * sc[l];
                }
            }
        }
        for j in 0..p {
            for l in 0..j {
                a[(l, j)] = a[(j, l)];
            }
        }
        (a, b, log_det)
    }

    /// The second pass over the clusters at (`s1`, `s2`) and the coefficients `beta`:
    /// residuals, `u = M⁻¹r`, the quadratic forms and traces of the gradient.
    fn gradient_sums(&self, s1: f64, s2: f64, beta: &DVector<f64>) -> GradientSums {
        let p = self.p;
        let mut sc = vec![0.0; p];
        let mut rss = 0.0;
        let (mut q1, mut q2) = (0.0, 0.0);
        let (mut tr1, mut tr2) = (0.0, 0.0);
        let mut f1 = DMatrix::<f64>::zeros(p, p);
        let mut f2 = DMatrix::<f64>::zeros(p, p);
        let mut e = vec![0.0; p];
        for c in 0..self.starts.len() - 1 {
            let (lo, hi) = (self.starts[c], self.starts[c + 1]);
            let (mut s, mut s_sq, mut rs) = (0.0, 0.0, 0.0);
            sc.iter_mut().for_each(|z| *z = 0.0);
            for i in lo..hi {
                let w = 1.0 / (self.v[i] + s2);
                let xi = &self.x[i * p..(i + 1) * p];
                let r = self.y[i] - xi.iter().zip(beta.iter()).map(|(x, b)| x * b).sum::<f64>();
                s += w;
                s_sq += w * w;
                rs += w * r;
                for j in 0..p {
                    sc[j] += xi[j] * w;
                }
            }
            let one_plus = 1.0 + s1 * s;
            let g = s1 / one_plus;
            tr1 += s / one_plus;
            tr2 += s - g * s_sq;
            let mut u_sum = 0.0;
            for i in lo..hi {
                let w = 1.0 / (self.v[i] + s2);
                let xi = &self.x[i * p..(i + 1) * p];
                let r = self.y[i] - xi.iter().zip(beta.iter()).map(|(x, b)| x * b).sum::<f64>();
                let u = w * r - g * rs * w;
                rss += r * u;
                q2 += u * u;
                u_sum += u;
                if self.reml {
                    for j in 0..p {
                        e[j] = (xi[j] - g * sc[j]) * w;
                    }
                    for j in 0..p {
                        for l in 0..=j {
                            f2[(j, l)] += e[j] * e[l];
                        }
                    }
                }
            }
            q1 += u_sum * u_sum;
            if self.reml {
                for j in 0..p {
                    for l in 0..=j {
                        f1[(j, l)] += sc[j] * sc[l] / (one_plus * one_plus);
                    }
                }
            }
        }
        GradientSums {
            rss,
            q: [q1, q2],
            tr: [tr1, tr2],
            f1,
            f2,
        }
    }

    /// The log-likelihood and gradient (−∞ where it cannot be evaluated).
    fn value_and_gradient(&self, s: &[f64]) -> (f64, Vec<f64>) {
        match self.evaluate(s[0].max(0.0), s[1].max(0.0)) {
            Ok(e) if e.ll.is_finite() => (e.ll, e.gradient.to_vec()),
            _ => (f64::NEG_INFINITY, vec![0.0, 0.0]),
        }
    }

    /// Maximise over both components from `start`.
    fn maximise(&self, start: [f64; 2], scale: f64) -> (Vec<f64>, f64) {
        // The search works in units of `scale` (the mean sampling variance), so that the
        // step lengths of the quasi-Newton search suit any scale of the estimates.
        let f = |x: &[f64]| -> f64 {
            let (ll, _) = self.value_and_gradient(&[x[0] * scale, x[1] * scale]);
            if ll.is_finite() { -ll } else { f64::INFINITY }
        };
        let g = |x: &[f64]| -> Option<Vec<f64>> {
            let (ll, g) = self.value_and_gradient(&[x[0] * scale, x[1] * scale]);
            ll.is_finite().then(|| vec![-g[0] * scale, -g[1] * scale])
        };
        let opt = minimize_with(
            &f,
            Some(&g),
            &[start[0] / scale, start[1] / scale],
            &[0.0, 0.0],
        );
        let x = [opt.x[0] * scale, opt.x[1] * scale];
        let free: Vec<usize> = (0..2).filter(|&j| x[j] > 0.0).collect();
        let eval = |s: &[f64]| self.value_and_gradient(s);
        polish(&eval, &x, &free, &[0.0, 0.0])
    }

    /// The log-likelihood maximised over component `1 − j` with component `j` held at
    /// `value`, the maximiser, and the derivative of that profile in `value` (by the envelope
    /// theorem, the partial derivative at the maximiser). The inner maximum is the root of
    /// the other component's score ([`newton_root`], its slope by a forward difference),
    /// started at `hint` (the maximiser at a nearby point of the profile).
    fn profile(&self, j: usize, value: f64, hint: f64) -> Result<(f64, f64, f64)> {
        let other = 1 - j;
        let at = |t: f64| -> Result<Evaluation> {
            let mut s = [0.0; 2];
            s[j] = value;
            s[other] = t.max(0.0);
            self.evaluate(s[0], s[1])
        };
        let g0 = at(0.0)?;
        let t = if g0.gradient[other] <= 0.0 {
            0.0
        } else {
            let score = |t: f64| -> Result<(f64, f64)> {
                let g = at(t)?.gradient[other];
                let h = 1e-7 * t.max(1e-6 * self.scale);
                Ok((g, (at(t + h)?.gradient[other] - g) / h))
            };
            newton_root(
                score,
                hint.max(1e-6 * self.scale),
                (0.0, g0.gradient[other]),
                None,
                1e-11,
            )?
        };
        let e = at(t)?;
        Ok((e.ll, t, e.gradient[j]))
    }

    /// The bound of the profile-likelihood interval of component `j` on one side of its
    /// estimate (`upward`: above it): where the profile falls to `target`, by Newton steps on
    /// the profile (its exact slope from [`Problem::profile`]) from the bound of the quadratic
    /// approximation with curvature `curvature` (the profile's second derivative at the
    /// maximum). `None` when it cannot be found; 0 for a lower bound when the profile at 0 is
    /// still above `target`.
    fn interval_bound(
        &self,
        j: usize,
        estimate: f64,
        other: f64,
        (target, drop, curvature): (f64, f64, f64),
        upward: bool,
    ) -> Option<f64> {
        let hint = std::cell::Cell::new(other);
        let gap = |x: f64| -> Result<(f64, f64)> {
            let (ll, t, slope) = self.profile(j, x.max(0.0), hint.get())?;
            hint.set(t);
            Ok((ll - target, slope))
        };
        let reach = if curvature < 0.0 {
            (2.0 * drop / -curvature).sqrt()
        } else {
            estimate.max(self.scale)
        };
        if upward {
            let start = estimate + reach;
            newton_root(gap, start, (estimate, drop), None, 1e-11).ok()
        } else {
            if estimate == 0.0 {
                return Some(0.0);
            }
            let (g0, _) = gap(0.0).ok()?;
            if g0 >= 0.0 {
                return Some(0.0);
            }
            hint.set(other);
            let start = (estimate - reach).max(0.5 * estimate);
            newton_root(gap, start, (estimate, drop), Some((0.0, g0)), 1e-11).ok()
        }
    }
}

/// The root of `f` (value and slope) by Newton steps from `start`, safeguarded by a
/// sign-change bracket: `known` is a point with its value, `other_end` (optional) a point on
/// the other side of the root; without it the bracket is found by the steps themselves (a
/// step past `known`'s side is halved back). Steps that leave the bracket or do not shrink it
/// become bisections; the search stops when a step is below `rel_tol · |x|`, after at most
/// 100 evaluations.
fn newton_root(
    mut f: impl FnMut(f64) -> Result<(f64, f64)>,
    start: f64,
    known: (f64, f64),
    other_end: Option<(f64, f64)>,
    rel_tol: f64,
) -> Result<f64> {
    // Bracket ends: `pos` where f has the sign of known's value, `neg` the other side.
    let sign = known.1.signum();
    let mut pos = known.0;
    let mut neg = other_end.map(|e| e.0);
    let mut x = start;
    for _ in 0..100 {
        let (fx, slope) = f(x)?;
        if fx == 0.0 {
            return Ok(x);
        }
        if fx.signum() == sign {
            pos = x;
        } else {
            neg = Some(x);
        }
        let newton = x - fx / slope;
        let next = match neg {
            Some(n) => {
                let (lo, hi) = if pos < n { (pos, n) } else { (n, pos) };
                if newton.is_finite() && newton > lo && newton < hi {
                    newton
                } else {
                    0.5 * (lo + hi)
                }
            }
            None => {
                // Not yet past the root: a Newton step away from `pos`, at least not back.
                let away = (newton - pos) * (x - pos) >= 0.0 || x == pos;
                if newton.is_finite() && away && newton >= 0.0 {
                    newton
                } else {
                    pos + 2.0 * (x - pos)
                }
            }
        };
        if (next - x).abs() <= rel_tol * x.abs().max(1e-300) {
            return Ok(next);
        }
        x = next;
    }
    Err(Error::not_converged(
        "profile likelihood root",
        "a root of the profile likelihood was not found in 100 steps".into(),
    ))
}

/// Fit the three-level model of `y`, `v` on `design` with the effects grouped by `clusters`.
#[allow(clippy::too_many_arguments)]
pub fn fit(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    clusters: &Clusters,
    method: Method,
    test: Test,
    level: crate::level::ConfidenceLevel,
    columns: (&str, Option<&str>),
) -> Result<MultilevelFit> {
    let reml = is_reml(method)?;
    let (k, p) = (design.n, design.p);
    check_sizes(k, p, clusters)?;
    let standardised = Standardised::new(design);
    let work = standardised.as_ref().map_or(design, |s| &s.design);
    let problem = Problem::new(work, y, v, clusters, reml)?;
    let mean_v = v.iter().sum::<f64>() / k as f64;
    let het = Heterogeneity::new(work, y, v)?;
    let (sigma, ll) = problem.maximise_from_moments(&het, mean_v)?;
    let sigma2 = [sigma[0], sigma[1]];
    let best = problem.evaluate(sigma2[0], sigma2[1])?;
    // Coefficients on the user's scale.
    let (beta, a_inv) = match &standardised {
        Some(s) => s.to_user(&best.beta, &best.a_inv),
        None => (best.beta.clone(), best.a_inv.clone()),
    };
    let (ddf, crit) = test_distribution(test, level, k - p)?;
    let coefficients: Vec<Coefficient> = (0..p)
        .map(|j| Coefficient {
            name: design.names[j].clone(),
            tested: TestedEstimate::new(beta[j], a_inv[(j, j)].sqrt(), ddf.map(|d| d as f64), crit),
        })
        .collect();
    let (qm, qm_df, qm_p) = omnibus_test(&best, ddf)?;
    let sigma2_ci = problem.profile_intervals(&sigma, ll, level);
    // The two-level model: σ₁² = 0, σ₂² re-maximised.
    let (ll_two, _, _) = problem.profile(0, 0.0, sigma2[1].max(0.01 * mean_v))?;
    let two_level_test = LikelihoodRatio::from_log_likelihoods(ll_two, ll, 1);
    let tv = het.typical_variance;
    let total = sigma2[0] + sigma2[1] + tv;
    let [deviance, aic, bic, aicc] = information_criteria(ll, p, k, reml);
    let first = &coefficients[0];
    Ok(MultilevelFit {
        method: method.name(),
        test: if ddf.is_some() { "t" } else { "z" },
        level,
        k,
        clusters: clusters.len(),
        p,
        cluster_column: columns.0.to_string(),
        id_column: columns.1.map(str::to_string),
        estimate: first.estimate,
        se: first.se,
        ci_lower: first.ci_lower,
        ci_upper: first.ci_upper,
        pi_lower: (p == 1)
            .then(|| first.estimate - crit * (first.se * first.se + sigma2[0] + sigma2[1]).sqrt()),
        pi_upper: (p == 1)
            .then(|| first.estimate + crit * (first.se * first.se + sigma2[0] + sigma2[1]).sqrt()),
        sigma2,
        sigma2_ci,
        i2: [100.0 * sigma2[0] / total, 100.0 * sigma2[1] / total],
        i2_total: 100.0 * (sigma2[0] + sigma2[1]) / total,
        df: ddf,
        qm,
        qm_df,
        qm_p,
        q: het.q,
        q_df: het.q_df,
        q_p: het.q_p,
        log_likelihood: ll,
        deviance,
        aic,
        bic,
        aicc,
        two_level_test: TwoLevelTest {
            log_likelihood_two_level: ll_two,
            lrt: two_level_test.statistic,
            df: two_level_test.df,
            p: two_level_test.p_value.unwrap_or(1.0),
        },
        vcov: (0..p)
            .map(|a| (0..p).map(|b| a_inv[(a, b)]).collect())
            .collect(),
        coefficients,
        robust: None,
        ranef: None,
        predictions: None,
    })
}

/// Checks there are more effects (`k`) than coefficients (`p`) and variance components, and
/// two clusters or more.
fn check_sizes(k: usize, p: usize, clusters: &Clusters) -> Result<()> {
    if k < p + 2 {
        return Err(Error::field(
            "cluster",
            format!("{k} effects are too few for {p} coefficient(s) and two variance components"),
        ));
    }
    if clusters.len() < 2 {
        return Err(Error::field(
            "cluster",
            "all effects are in one cluster; the between-cluster variance needs two or more",
        ));
    }
    Ok(())
}

/// Whether `method` is REML (else ML); the three-level model is fitted by no other.
fn is_reml(method: Method) -> Result<bool> {
    match method {
        Method::REML => Ok(true),
        Method::ML => Ok(false),
        other => Err(Error::field(
            "method",
            format!(
                "three-level models ({{field:cluster}}) are fitted by REML or ML, not {}",
                other.name()
            ),
        )),
    }
}

/// The tests' df (`None` for z; `residual_df` = k − p for Knapp–Hartung's t) and critical
/// value at `level`.
fn test_distribution(
    test: Test,
    level: crate::level::ConfidenceLevel,
    residual_df: usize,
) -> Result<(Option<usize>, f64)> {
    match test {
        Test::Z => Ok((None, z_crit(level.value()))),
        Test::Knha => Ok((Some(residual_df), t_crit(level.value(), residual_df as f64))),
        Test::Adhoc => Err(Error::field(
            "test",
            "adhoc is for two-level models (rma); with {field:cluster} use z or knha",
        )),
    }
}

/// The omnibus test `(QM, df, p)` of every coefficient but the intercept (the intercept when
/// it is the only one) on the working design's coefficients of `best` (the same statistic):
/// χ² by z, F on `ddf` by t.
fn omnibus_test(best: &Evaluation, ddf: Option<usize>) -> Result<(f64, usize, f64)> {
    let p = best.beta.len();
    let btt: Vec<usize> = if p == 1 { vec![0] } else { (1..p).collect() };
    let m = btt.len();
    let sub = DMatrix::from_fn(m, m, |a, b| best.a_inv[(btt[a], btt[b])]);
    let bsub = DVector::from_fn(m, |a, _| best.beta[btt[a]]);
    let chi = (bsub.transpose() * invert_spd(sub)? * &bsub)[(0, 0)];
    let (qm, qm_p) = match ddf {
        None => (chi, pchisq_upper(chi, m as f64)),
        Some(d) => (chi / m as f64, pf_upper(chi / m as f64, m as f64, d as f64)),
    };
    Ok((qm, m, qm_p))
}

/// `[deviance, AIC, BIC, AICc]` of the maximum `ll` with `p` coefficients and two variance
/// components, as metafor's `fitstats` (BIC with log(k − p) under REML).
fn information_criteria(ll: f64, p: usize, k: usize, reml: bool) -> [f64; 4] {
    let parms = (p + 2) as f64;
    let n_eff = if reml { (k - p) as f64 } else { k as f64 };
    let deviance = -2.0 * ll;
    [
        deviance,
        deviance + 2.0 * parms,
        deviance + parms * n_eff.ln(),
        deviance + 2.0 * parms * n_eff.max(parms + 2.0) / (n_eff.max(parms + 2.0) - parms - 1.0),
    ]
}

/// The rows of each robust cluster (in order of first appearance), checking that each
/// model cluster lies in one robust cluster.
pub fn robust_members(robust: &[String], model: Option<&Clusters>) -> Result<Vec<Vec<usize>>> {
    let groups = Clusters::new(robust, None)?;
    if let Some(model) = model {
        let mut home: Vec<Option<usize>> = vec![None; model.len()];
        for (i, &c) in model.of_row.iter().enumerate() {
            let g = groups.of_row[i];
            match home[c] {
                None => home[c] = Some(g),
                Some(h) if h != g => {
                    return Err(Error::field(
                        "robust",
                        format!(
                            "row {} puts a {{field:cluster}} cluster in two {{field:robust}} clusters ('{}' and \
                             another); each robust cluster must hold whole model clusters",
                            i + 1,
                            robust[i]
                        ),
                    ));
                }
                _ => {}
            }
        }
    }
    Ok((0..groups.len())
        .map(|g| groups.order[groups.starts[g]..groups.starts[g + 1]].to_vec())
        .collect())
}

/// The columns that define the model's clusters and the robust clusters.
#[derive(Debug, Clone, Copy)]
pub struct ClusterColumns<'a> {
    /// `--cluster` name and values.
    pub cluster: (&'a str, &'a [String]),
    /// `--id` name and values.
    pub id: Option<(&'a str, &'a [String])>,
    /// `--robust` name and values.
    pub robust: Option<(&'a str, &'a [String])>,
    /// `--robust-type`.
    pub robust_type: super::robust::RobustType,
}

/// Fit the three-level model of `data` (with its moderators), and the CR2 tests on request.
pub fn fit_data(
    data: &super::spec::MetaData,
    columns: ClusterColumns,
    options: &super::spec::MetaOptions,
) -> Result<MultilevelFit> {
    super::spec::validate(data)?;
    let k = data.yi.len();
    let design = match &data.mods {
        Some(m) if !m.is_empty() => super::moderators::model_matrix(k, m)?,
        _ => ModelMatrix::intercept_only(k, super::moderators::INTERCEPT),
    };
    let clusters = Clusters::new(columns.cluster.1, columns.id.map(|(_, v)| v))?;
    let mut result = fit(
        &design,
        &data.yi,
        &data.vi,
        &clusters,
        options.method,
        options.test,
        options.level,
        (columns.cluster.0, columns.id.map(|(n, _)| n)),
    )?;
    if options.per_study {
        let mut cluster_labels = vec![String::new(); result.clusters];
        for (i, &c) in clusters.of_row.iter().enumerate() {
            if cluster_labels[c].is_empty() {
                cluster_labels[c] = columns.cluster.1[i].clone();
            }
        }
        // metafor labels an effect cluster/id.
        let effect_labels: Vec<String> = match columns.id {
            Some((_, ids)) => (0..k)
                .map(|i| format!("{}/{}", columns.cluster.1[i], ids[i]))
                .collect(),
            None => data.labels.clone(),
        };
        let beta: Vec<f64> = result.coefficients.iter().map(|c| c.estimate).collect();
        let crit = match result.df {
            Some(d) => crate::dist::t_crit(options.level.value(), d as f64),
            None => z_crit(options.level.value()),
        };
        let fitted = super::multilevel_ranef::Fitted {
            design: &design,
            y: &data.yi,
            v: &data.vi,
            of_row: &clusters.of_row,
            beta: &beta,
            sigma2: result.sigma2,
            crit,
        };
        result.ranef = Some(super::multilevel_ranef::random_effects(
            &fitted,
            &cluster_labels,
            &effect_labels,
        )?);
    }
    if let Some((name, values)) = columns.robust {
        let members = robust_members(values, Some(&clusters))?;
        let [s1, s2] = result.sigma2;
        let (v, of) = (&data.vi, &clusters.of_row);
        let theta = |i: usize, j: usize| -> f64 {
            let mut t = if of[i] == of[j] { s1 } else { 0.0 };
            if i == j {
                t += v[i] + s2;
            }
            t
        };
        let beta: Vec<f64> = result.coefficients.iter().map(|c| c.estimate).collect();
        result.robust = Some(super::robust::robust_tests(
            columns.robust_type,
            &design,
            &data.yi,
            &beta,
            &theta,
            &members,
            name,
            options.level.value(),
        )?);
    }
    Ok(result)
}
