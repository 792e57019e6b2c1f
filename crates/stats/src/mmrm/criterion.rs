//! The REML (or ML) criterion of an MMRM, `−2ℓ`, at covariance parameters θ, with its
//! gradient and Hessians in θ, all from the per-pattern cross-products of
//! [`super::patterns`] (Jennrich & Schluchter 1986; Kenward & Roger 1997, §2).
//!
//! For a subject of pattern `P` with `W = Σ_P⁻¹`, `Gᵣ = ∂Σ/∂θᵣ` and `Hᵣₛ = ∂²Σ/∂θᵣ∂θₛ`
//! restricted to its visits (zero for a parameter of another group's covariance):
//!
//! ```text
//! −2ℓ_REML = Σ log|Σᵢ| + log|XᵀΣ⁻¹X| + eᵀΣ⁻¹e + (n − p) log 2π    (e = y − Xβ̂, β̂ GLS)
//! −2ℓ_ML   = Σ log|Σᵢ| + eᵀΣ⁻¹e + n log 2π
//! ∂/∂θᵣ    = tr(Σ⁻¹Gᵣ) − tr(Φpᵣ) [REML only] − eᵀΣ⁻¹GᵣΣ⁻¹e
//! ∂²/∂θᵣ∂θₛ = 2 yᵀPGᵣPGₛPy − tr(PGᵣPGₛ)   (ML: tr(Σ⁻¹GᵣΣ⁻¹Gₛ) in place of tr(PGᵣPGₛ))
//!             + tr(PHᵣₛ) − yᵀPHᵣₛPy       (ML: tr(Σ⁻¹Hᵣₛ); zero for a linear structure)
//! ```
//!
//! (the second-derivative line has the gradient's form with `Hᵣₛ` for `Gᵣ`, and is computed so).
//!
//! with `Φ = (XᵀΣ⁻¹X)⁻¹` and the sums of [`crate::lmm::marginal`], which are formed here by
//! pattern: a sum over the subjects of `P` of `Xᵢᵀ M Xᵢ` is `Σ_ab M[a, b] C_P[a, b]`, and of
//! `eᵢᵀ M eᵢ` is `Σ_ab M[a, b] uᵀC_P[a, b]u` with `u = (−β̂, 1)`. The expected information
//! (the Hessian's expectation, `tr(PGᵣPGₛ)`) drives Fisher scoring in [`mod@super::fit`].

use super::covariance::{CovarianceModel, Derivative, SecondDerivative};
use super::patterns::{Pattern, Patterns};
use crate::error::{Error, Result};
use crate::lmm::marginal::{MarginalSums, SecondOrder};
use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// The criterion at one θ, with what its derivatives need.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// `−2ℓ` (REML or ML).
    pub criterion: f64,
    /// β̂, the GLS estimate at θ.
    pub beta: DVector<f64>,
    /// `XᵀΣ⁻¹X`.
    pub xtsx: DMatrix<f64>,
    /// `Φ = (XᵀΣ⁻¹X)⁻¹`.
    pub phi_beta: DMatrix<f64>,
    /// `Σ_P⁻¹` per pattern.
    w: Vec<DMatrix<f64>>,
}

/// `Σᵢⱼ a[i, j] b[j, i]` = tr(ab).
fn tr_prod(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    let n = a.nrows();
    let mut s = 0.0;
    for i in 0..n {
        for j in 0..n {
            s += a[(i, j)] * b[(j, i)];
        }
    }
    s
}

/// The criterion at `theta`; `None` when a group's Σ is not positive definite.
pub fn evaluate(
    data: &Patterns,
    model: &CovarianceModel,
    theta: &[f64],
    reml: bool,
) -> Result<Option<Evaluation>> {
    let mut sigmas = Vec::with_capacity(model.groups);
    for g in 0..model.groups {
        let s = model.sigma(theta, g);
        if !s.iter().all(|x| x.is_finite()) || Cholesky::<f64, Dyn>::new(s.clone()).is_none() {
            return Ok(None);
        }
        sigmas.push(s);
    }
    let (p, wd) = (data.p, data.p + 1);
    let mut acc = DMatrix::zeros(wd, wd);
    let mut log_det = 0.0;
    let mut ws = Vec::with_capacity(data.patterns.len());
    for pat in &data.patterns {
        let idx = &pat.visits;
        let sigma = &sigmas[pat.group];
        let m = idx.len();
        let s = DMatrix::from_fn(m, m, |a, b| sigma[(idx[a], idx[b])]);
        let Some(chol) = Cholesky::<f64, Dyn>::new(s) else {
            return Ok(None);
        };
        let l = chol.l_dirty();
        let ld: f64 = (0..m).map(|i| l[(i, i)].ln()).sum::<f64>() * 2.0;
        if !ld.is_finite() {
            return Ok(None);
        }
        log_det += pat.n_subjects as f64 * ld;
        let w = chol.inverse();
        for a in 0..m {
            for b in 0..m {
                let f = w[(a, b)];
                for (d, &c) in acc.iter_mut().zip(pat.cross(a, b).iter()) {
                    *d += f * c;
                }
            }
        }
        ws.push(w);
    }
    let xtsx = acc.view((0, 0), (p, p)).into_owned().symmetric_part();
    let xty = acc.view((0, p), (p, 1)).column(0).into_owned();
    let yty = acc[(p, p)];
    let chol = Cholesky::<f64, Dyn>::new(xtsx.clone()).ok_or_else(|| {
        Error::numerical("XᵀΣ⁻¹X is not positive definite: the fixed effects are not estimable with this covariance".into())
    })?;
    let beta = chol.solve(&xty);
    let r = yty - xty.dot(&beta);
    let n = data.n_obs as f64;
    let criterion = if reml {
        let lx: f64 = (0..p).map(|i| chol.l_dirty()[(i, i)].ln()).sum::<f64>() * 2.0;
        log_det + lx + r + (n - p as f64) * LN_2PI
    } else {
        log_det + r + n * LN_2PI
    };
    if !criterion.is_finite() {
        return Ok(None);
    }
    Ok(Some(Evaluation {
        criterion,
        beta,
        phi_beta: chol.inverse(),
        xtsx,
        w: ws,
    }))
}

/// The gradient and Hessians of `−2ℓ` in θ.
#[derive(Debug, Clone)]
pub struct Derivatives {
    pub gradient: DVector<f64>,
    /// The observed Hessian.
    pub observed: DMatrix<f64>,
    /// Its expectation (Fisher information × 2).
    pub expected: DMatrix<f64>,
}

/// One pattern's pieces shared by every parameter: `E[a, b] = uᵀC[a, b]u` (residual
/// cross-products, `u = (−β̂, 1)`), `T[a, b] = tr(Φ Cxx[a, b])`, and `(C[a, b] u)` restricted
/// to X (`Σ x_a e_b`).
struct Prepared {
    e: DMatrix<f64>,
    t: DMatrix<f64>,
    cu: Vec<DVector<f64>>,
}

fn prepare(pat: &Pattern, u: &DVector<f64>, phi: &DMatrix<f64>, p: usize) -> Prepared {
    let m = pat.visits.len();
    let mut e = DMatrix::zeros(m, m);
    let mut t = DMatrix::zeros(m, m);
    let mut cu: Vec<DVector<f64>> = Vec::with_capacity(m * m);
    for a in 0..m {
        for b in 0..m {
            let c = pat.cross(a, b);
            let cuf = c * u;
            e[(a, b)] = u.dot(&cuf);
            t[(a, b)] = c.view((0, 0), (p, p)).component_mul(phi).sum();
            cu.push(cuf.rows(0, p).into_owned());
        }
    }
    Prepared { e, t, cu }
}

/// The terms of one derivative matrix `D` of Σ (a `Gᵣ` or an `Hᵣₛ`) over one pattern, with
/// `A = W D W`: `n tr(WD)`, `tr(ΦXᵀA X) = tr(A T)`, `eᵀAe = tr(A E)`, `XᵀAX` and `XᵀAe`.
struct FirstOrder {
    tr_sinv: f64,
    tr_phi: f64,
    e_quad: f64,
    p: DMatrix<f64>,
    b: DVector<f64>,
}

fn first_order(
    pat: &Pattern,
    w: &DMatrix<f64>,
    d: &DMatrix<f64>,
    pr: &Prepared,
    p: usize,
) -> (DMatrix<f64>, FirstOrder) {
    let m = pat.visits.len();
    let a = w * d * w;
    let mut out = FirstOrder {
        tr_sinv: pat.n_subjects as f64 * tr_prod(w, d),
        tr_phi: tr_prod(&a, &pr.t),
        e_quad: tr_prod(&a, &pr.e),
        p: DMatrix::zeros(p, p),
        b: DVector::zeros(p),
    };
    for i in 0..m {
        for j in 0..m {
            let f = a[(i, j)];
            if f != 0.0 {
                out.p += pat.cross(i, j).view((0, 0), (p, p)) * f;
                out.b.axpy(f, &pr.cu[i * m + j], 1.0);
            }
        }
    }
    (a, out)
}

/// `D` restricted to the pattern's visits, or `None` when it is zero there.
fn restrict(pat: &Pattern, group: usize, d: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    if group != pat.group {
        return None;
    }
    let idx = &pat.visits;
    let m = idx.len();
    let r = DMatrix::from_fn(m, m, |i, j| d[(idx[i], idx[j])]);
    r.iter().any(|&v| v != 0.0).then_some(r)
}

/// The sums over patterns; `q` only when asked (it costs patterns × k² × visits² × p²).
struct PatternSums {
    tr_sinv_g: DVector<f64>,
    tr_phi_p: DVector<f64>,
    e_sgs_e: DVector<f64>,
    sums: MarginalSums,
    tr_phi_q: DMatrix<f64>,
}

fn pattern_sums(
    data: &Patterns,
    jac: &[Derivative],
    second: &[(usize, SecondDerivative)],
    ev: &Evaluation,
    with_q: bool,
) -> PatternSums {
    let (p, k) = (data.p, jac.len());
    let mut u = DVector::from_element(p + 1, 1.0);
    for j in 0..p {
        u[j] = -ev.beta[j];
    }
    let phi = &ev.phi_beta;
    let mut out = PatternSums {
        tr_sinv_g: DVector::zeros(k),
        tr_phi_p: DVector::zeros(k),
        e_sgs_e: DVector::zeros(k),
        sums: MarginalSums {
            xtsx: ev.xtsx.clone(),
            p: vec![DMatrix::zeros(p, p); k],
            q: if with_q {
                vec![DMatrix::zeros(p, p); k * k]
            } else {
                Vec::new()
            },
            k: DMatrix::zeros(k, k),
            a: DMatrix::zeros(k, k),
            b: vec![DVector::zeros(p); k],
            second: second
                .iter()
                .map(|(_, d)| SecondOrder {
                    r: d.r,
                    s: d.s,
                    p: DMatrix::zeros(p, p),
                    hessian_ml: 0.0,
                })
                .collect(),
        },
        tr_phi_q: DMatrix::zeros(k, k),
    };
    for (pat, w) in data.patterns.iter().zip(&ev.w) {
        let np = pat.n_subjects as f64;
        let pr = prepare(pat, &u, phi, p);
        let we = w * &pr.e;
        let wt = w * &pr.t;
        let br: Vec<Option<DMatrix<f64>>> = jac
            .iter()
            .map(|d| restrict(pat, d.group, &d.matrix))
            .collect();
        let mut ar: Vec<Option<DMatrix<f64>>> = vec![None; k];
        for r in 0..k {
            let Some(b) = &br[r] else { continue };
            let (a, f) = first_order(pat, w, b, &pr, p);
            out.tr_sinv_g[r] += f.tr_sinv;
            out.e_sgs_e[r] += f.e_quad;
            out.tr_phi_p[r] += f.tr_phi;
            out.sums.p[r] += f.p;
            out.sums.b[r] += f.b;
            ar[r] = Some(a);
        }
        for (r, a) in ar.iter().enumerate() {
            let Some(a) = a else { continue };
            for (s, bs) in br.iter().enumerate() {
                let Some(bs) = bs else { continue };
                let ab = a * bs;
                out.sums.k[(r, s)] += np * ab.trace();
                out.tr_phi_q[(r, s)] += tr_prod(&ab, &wt);
                out.sums.a[(r, s)] += tr_prod(&ab, &we);
                if with_q {
                    let abw = ab * w;
                    let q = &mut out.sums.q[r * k + s];
                    let m = pat.visits.len();
                    for i in 0..m {
                        for j in 0..m {
                            let f = abw[(i, j)];
                            if f != 0.0 {
                                *q += pat.cross(i, j).view((0, 0), (p, p)) * f;
                            }
                        }
                    }
                }
            }
        }
        // Second derivatives: R = XᵀAX, and the ML Hessian term tr(Σ⁻¹H) − eᵀΣ⁻¹HΣ⁻¹e
        // (REML's also subtracts tr(ΦR)).
        for ((g, d), so) in second.iter().zip(out.sums.second.iter_mut()) {
            let Some(h) = restrict(pat, *g, &d.matrix) else {
                continue;
            };
            let (_, f) = first_order(pat, w, &h, &pr, p);
            so.p += f.p;
            so.hessian_ml += f.tr_sinv - f.e_quad;
        }
    }
    out
}

/// The gradient and Hessians of `−2ℓ` at `ev` (θ the parameters of `model` the evaluation
/// was made at).
pub fn derivatives(
    data: &Patterns,
    model: &CovarianceModel,
    theta: &[f64],
    ev: &Evaluation,
    reml: bool,
) -> Derivatives {
    let jac = model.jacobian(theta);
    let second = model.second(theta);
    let k = jac.len();
    let s = pattern_sums(data, &jac, &second, ev, false);
    let phi = &ev.phi_beta;
    let phi_p: Vec<DMatrix<f64>> = s.sums.p.iter().map(|pr| phi * pr).collect();
    let mut tr_pgpg = DMatrix::zeros(k, k);
    let mut ypgpgpy = DMatrix::zeros(k, k);
    for r in 0..k {
        for c in 0..k {
            tr_pgpg[(r, c)] =
                s.sums.k[(r, c)] - 2.0 * s.tr_phi_q[(r, c)] + tr_prod(&phi_p[r], &phi_p[c]);
            ypgpgpy[(r, c)] = s.sums.a[(r, c)] - s.sums.b[r].dot(&(phi * &s.sums.b[c]));
        }
    }
    let (gradient, trace_term) = if reml {
        (&s.tr_sinv_g - &s.tr_phi_p - &s.e_sgs_e, tr_pgpg)
    } else {
        (&s.tr_sinv_g - &s.e_sgs_e, s.sums.k.clone())
    };
    let mut observed = ypgpgpy * 2.0 - &trace_term;
    for so in &s.sums.second {
        let h = so.hessian(phi, reml);
        observed[(so.r, so.s)] += h;
        if so.r != so.s {
            observed[(so.s, so.r)] += h;
        }
    }
    Derivatives {
        gradient,
        observed: observed.symmetric_part(),
        expected: trace_term.symmetric_part(),
    }
}

/// The sums of [`crate::lmm::marginal`] for the whole data at `ev` (with `qᵣₛ`, and the
/// second-derivative terms of a non-linear structure), for
/// [`crate::lmm::inference::FixedInference::from_sums`].
pub fn marginal_sums(
    data: &Patterns,
    model: &CovarianceModel,
    theta: &[f64],
    ev: &Evaluation,
) -> MarginalSums {
    let jac = model.jacobian(theta);
    let second = model.second(theta);
    pattern_sums(data, &jac, &second, ev, true).sums
}
