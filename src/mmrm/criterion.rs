//! The REML (or ML) criterion of an MMRM, `−2ℓ`, at covariance parameters φ, with its
//! gradient and Hessians in φ, all from the per-pattern cross-products of
//! [`super::patterns`] (Jennrich & Schluchter 1986; Kenward & Roger 1997, §2).
//!
//! For a subject of pattern `P` with `W = Σ_P⁻¹` and `Bᵣ` restricted to its visits:
//!
//! ```text
//! −2ℓ_REML = Σ log|Σᵢ| + log|XᵀΣ⁻¹X| + eᵀΣ⁻¹e + (n − p) log 2π    (e = y − Xβ̂, β̂ GLS)
//! −2ℓ_ML   = Σ log|Σᵢ| + eᵀΣ⁻¹e + n log 2π
//! ∂/∂φᵣ    = tr(Σ⁻¹Gᵣ) − tr(Φpᵣ) [REML only] − eᵀΣ⁻¹GᵣΣ⁻¹e
//! ∂²/∂φᵣ∂φₛ = 2 yᵀPGᵣPGₛPy − tr(PGᵣPGₛ)   (ML: tr(Σ⁻¹GᵣΣ⁻¹Gₛ) in place of tr(PGᵣPGₛ))
//! ```
//!
//! with `Φ = (XᵀΣ⁻¹X)⁻¹` and the sums of [`crate::lmm::marginal`], which are formed here by
//! pattern: a sum over the subjects of `P` of `Xᵢᵀ M Xᵢ` is `Σ_ab M[a, b] C_P[a, b]`, and of
//! `eᵢᵀ M eᵢ` is `Σ_ab M[a, b] uᵀC_P[a, b]u` with `u = (−β̂, 1)`. The expected information
//! (the Hessian's expectation, `tr(PGᵣPGₛ)`) drives Fisher scoring in [`mod@super::fit`].

use super::covariance::covariance;
use super::patterns::Patterns;
use crate::error::{Error, Result};
use crate::lmm::marginal::MarginalSums;
use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// The criterion at one φ, with what its derivatives need.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// `−2ℓ` (REML or ML).
    pub criterion: f64,
    /// β̂, the GLS estimate at φ.
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

/// The criterion at `phi` (`basis` from [`super::covariance::Structure::basis`]); `None` when
/// Σ is not positive definite at some pattern's visits.
pub fn evaluate(
    data: &Patterns,
    basis: &[DMatrix<f64>],
    phi: &[f64],
    reml: bool,
) -> Result<Option<Evaluation>> {
    let sigma = covariance(basis, phi);
    let (p, wd) = (data.p, data.p + 1);
    let mut acc = DMatrix::zeros(wd, wd);
    let mut log_det = 0.0;
    let mut ws = Vec::with_capacity(data.patterns.len());
    for pat in &data.patterns {
        let idx = &pat.visits;
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
        Error::Numerical("XᵀΣ⁻¹X is not positive definite: the fixed effects are not estimable with this covariance".into())
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

/// The gradient and Hessians of `−2ℓ` in φ.
#[derive(Debug, Clone)]
pub struct Derivatives {
    pub gradient: DVector<f64>,
    /// The observed Hessian.
    pub observed: DMatrix<f64>,
    /// Its expectation (Fisher information × 2).
    pub expected: DMatrix<f64>,
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
    basis: &[DMatrix<f64>],
    ev: &Evaluation,
    with_q: bool,
) -> PatternSums {
    let (p, k) = (data.p, basis.len());
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
        },
        tr_phi_q: DMatrix::zeros(k, k),
    };
    for (pat, w) in data.patterns.iter().zip(&ev.w) {
        let idx = &pat.visits;
        let m = idx.len();
        let np = pat.n_subjects as f64;
        // E[a, b] = uᵀC[a, b]u (residual cross-products), T[a, b] = tr(Φ Cxx[a, b]),
        // cu[a, b] = (C[a, b] u) restricted to X (Σ x_a e_b).
        let mut e = DMatrix::zeros(m, m);
        let mut t = DMatrix::zeros(m, m);
        let mut cu: Vec<DVector<f64>> = Vec::with_capacity(m * m);
        for a in 0..m {
            for b in 0..m {
                let c = pat.cross(a, b);
                let cuf = c * &u;
                e[(a, b)] = u.dot(&cuf);
                t[(a, b)] = c.view((0, 0), (p, p)).component_mul(phi).sum();
                cu.push(cuf.rows(0, p).into_owned());
            }
        }
        let we = w * &e;
        let wt = w * &t;
        let br: Vec<DMatrix<f64>> = basis
            .iter()
            .map(|b| DMatrix::from_fn(m, m, |i, j| b[(idx[i], idx[j])]))
            .collect();
        let ar: Vec<DMatrix<f64>> = br.iter().map(|b| w * b * w).collect();
        for r in 0..k {
            if br[r].iter().all(|&v| v == 0.0) {
                continue;
            }
            out.tr_sinv_g[r] += np * tr_prod(w, &br[r]);
            out.e_sgs_e[r] += tr_prod(&ar[r], &e);
            out.tr_phi_p[r] += tr_prod(&ar[r], &t);
            for a in 0..m {
                for b in 0..m {
                    let f = ar[r][(a, b)];
                    if f != 0.0 {
                        let c = pat.cross(a, b).view((0, 0), (p, p));
                        out.sums.p[r] += c * f;
                        out.sums.b[r].axpy(f, &cu[a * m + b], 1.0);
                    }
                }
            }
            for (s, bs) in br.iter().enumerate() {
                if bs.iter().all(|&v| v == 0.0) {
                    continue;
                }
                let ab = &ar[r] * bs;
                out.sums.k[(r, s)] += np * ab.trace();
                out.tr_phi_q[(r, s)] += tr_prod(&ab, &wt);
                out.sums.a[(r, s)] += tr_prod(&ab, &we);
                if with_q {
                    let abw = ab * w;
                    let q = &mut out.sums.q[r * k + s];
                    for a in 0..m {
                        for b in 0..m {
                            let f = abw[(a, b)];
                            if f != 0.0 {
                                *q += pat.cross(a, b).view((0, 0), (p, p)) * f;
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The gradient and Hessians of `−2ℓ` at `ev`.
pub fn derivatives(
    data: &Patterns,
    basis: &[DMatrix<f64>],
    ev: &Evaluation,
    reml: bool,
) -> Derivatives {
    let k = basis.len();
    let s = pattern_sums(data, basis, ev, false);
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
    Derivatives {
        gradient,
        observed: (ypgpgpy * 2.0 - &trace_term).symmetric_part(),
        expected: trace_term.symmetric_part(),
    }
}

/// The sums of [`crate::lmm::marginal`] for the whole data at `ev` (with `qᵣₛ`), for
/// [`crate::lmm::inference::FixedInference::from_sums`].
pub fn marginal_sums(data: &Patterns, basis: &[DMatrix<f64>], ev: &Evaluation) -> MarginalSums {
    pattern_sums(data, basis, ev, true).sums
}
