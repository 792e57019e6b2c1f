//! The marginal covariance of the response, `Σ(φ) = Σᵣ φᵣ Gᵣ`, linear in the variance
//! components φ, and the sums over rows that small-sample inference on the fixed effects needs
//! (Kenward & Roger 1997, *Biometrics* 53:983–997, §2; Satterthwaite 1946). Linear algebra
//! only: what a component means in a model (a random-effect variance or covariance, the
//! residual variance) is said by the caller ([`super::inference`]).
//!
//! A component is either the residual (`G = I`) or a grouped one: rows `i` and `j` in the same
//! level of a grouping covary by `z_a(i) z_b(j) + z_b(i) z_a(j)` (`a ≠ b`, a covariance) or
//! `z_a(i) z_a(j)` (`a = b`, a variance) per unit of φᵣ; that is `Z Eₐᵦ Zᵀ` with `Eₐᵦ` the
//! symmetric unit matrix, as pbkrtest's `get_SigmaG` builds it.
//!
//! Rows linked by any grouping (the same patient, or a site shared by two patients) fall in
//! one *block*; Σ is block diagonal over blocks (the connected components of the groupings),
//! so every sum below is a sum over blocks of small dense products, with `Σ_b⁻¹` formed per
//! block. With one grouping factor a block is a group (a patient's visits). A block may have
//! at most [`MAX_BLOCK_ROWS`] rows: crossed factors that link every row form one block, and
//! its dense algebra grows with the cube of its size.
//!
//! With `P = Σ⁻¹ − Σ⁻¹XΦXᵀΣ⁻¹`, `Φ = (XᵀΣ⁻¹X)⁻¹` and `e = y − Xβ̂`, the sums are
//!
//! ```text
//! XᵀΣ⁻¹X                                  (Φ⁻¹)
//! pᵣ   = XᵀΣ⁻¹GᵣΣ⁻¹X                       (−∂Φ⁻¹/∂φᵣ; pbkrtest's P is −pᵣ)
//! qᵣₛ  = XᵀΣ⁻¹GᵣΣ⁻¹GₛΣ⁻¹X                  (pbkrtest's Q)
//! kᵣₛ  = tr(Σ⁻¹GᵣΣ⁻¹Gₛ)                    (pbkrtest's Ktrace)
//! aᵣₛ  = (GᵣΣ⁻¹e)ᵀ Σ⁻¹ (GₛΣ⁻¹e),  bᵣ = XᵀΣ⁻¹GᵣΣ⁻¹e
//! ```
//!
//! from which `tr(PGᵣPGₛ) = kᵣₛ − 2 tr(Φqᵣₛ) + tr(ΦpᵣΦpₛ)` and
//! `yᵀPGᵣPGₛPy = aᵣₛ − bᵣᵀΦbₛ` (`Py = Σ⁻¹e` at the GLS estimate β̂).

use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use nalgebra::{DMatrix, DVector};
use rayon::prelude::*;

/// The most rows one block of Σ may have (its dense inverse and products cost rows³).
pub const MAX_BLOCK_ROWS: usize = 2000;

/// One variance component's `Gᵣ`.
#[derive(Debug, Clone, Copy)]
pub enum Component<'a> {
    /// `G = I`.
    Residual,
    /// Rows in the same level of `group_of_row` covary through columns `a` and `b` of the
    /// row-major `n × q` matrix `z`.
    Grouped {
        group_of_row: &'a [u32],
        z: &'a [f64],
        q: usize,
        a: usize,
        b: usize,
    },
}

impl Component<'_> {
    /// `Gᵣ[i, j]` for rows `i`, `j`.
    #[inline]
    fn entry(&self, i: usize, j: usize) -> f64 {
        match *self {
            Component::Residual => {
                if i == j {
                    1.0
                } else {
                    0.0
                }
            }
            Component::Grouped {
                group_of_row,
                z,
                q,
                a,
                b,
            } => {
                if group_of_row[i] != group_of_row[j] {
                    return 0.0;
                }
                let (zi, zj) = (&z[i * q..(i + 1) * q], &z[j * q..(j + 1) * q]);
                if a == b {
                    zi[a] * zj[a]
                } else {
                    zi[a] * zj[b] + zi[b] * zj[a]
                }
            }
        }
    }
}

/// The sums of the module doc over every block, at one φ.
#[derive(Debug, Clone)]
pub struct MarginalSums {
    /// `XᵀΣ⁻¹X` (p × p).
    pub xtsx: DMatrix<f64>,
    /// `pᵣ`, one p × p matrix per component.
    pub p: Vec<DMatrix<f64>>,
    /// `qᵣₛ`, row-major over (r, s), every pair.
    pub q: Vec<DMatrix<f64>>,
    /// `kᵣₛ` (k × k).
    pub k: DMatrix<f64>,
    /// `aᵣₛ` (k × k).
    pub a: DMatrix<f64>,
    /// `bᵣ`, one p-vector per component.
    pub b: Vec<DVector<f64>>,
    /// The second-derivative terms of a Σ not linear in its parameters (an MMRM's `ar1`,
    /// `csh`, …), one per non-zero `Hᵣₛ = ∂²Σ/∂φᵣ∂φₛ` (r ≤ s); empty when Σ is linear.
    pub second: Vec<SecondOrder>,
}

/// What a non-zero `Hᵣₛ = ∂²Σ/∂φᵣ∂φₛ` adds: Kenward–Roger's `Rᵣₛ = XᵀΣ⁻¹HᵣₛΣ⁻¹X` and the
/// term of the Hessian of `−2ℓ`.
#[derive(Debug, Clone)]
pub struct SecondOrder {
    pub r: usize,
    pub s: usize,
    /// `Rᵣₛ`.
    pub p: DMatrix<f64>,
    /// `tr(Σ⁻¹Hᵣₛ) − eᵀΣ⁻¹HᵣₛΣ⁻¹e`, the term of the Hessian of `−2ℓ_ML`.
    pub hessian_ml: f64,
}

impl SecondOrder {
    /// The term of the Hessian of `−2ℓ` (REML: `tr(PHᵣₛ) − yᵀPHᵣₛPy`, which subtracts
    /// `tr(ΦRᵣₛ)` from the ML term), at `Φ = (XᵀΣ⁻¹X)⁻¹`.
    pub fn hessian(&self, phi: &DMatrix<f64>, reml: bool) -> f64 {
        if reml {
            self.hessian_ml - (phi * &self.p).trace()
        } else {
            self.hessian_ml
        }
    }
}

impl MarginalSums {
    fn zero(p: usize, k: usize) -> Self {
        MarginalSums {
            xtsx: DMatrix::zeros(p, p),
            p: vec![DMatrix::zeros(p, p); k],
            q: vec![DMatrix::zeros(p, p); k * k],
            k: DMatrix::zeros(k, k),
            a: DMatrix::zeros(k, k),
            b: vec![DVector::zeros(p); k],
            second: Vec::new(),
        }
    }

    fn add(mut self, o: MarginalSums) -> Self {
        self.xtsx += o.xtsx;
        self.k += o.k;
        self.a += o.a;
        for (x, y) in self.p.iter_mut().zip(o.p) {
            *x += y;
        }
        for (x, y) in self.q.iter_mut().zip(o.q) {
            *x += y;
        }
        for (x, y) in self.b.iter_mut().zip(o.b) {
            *x += y;
        }
        self
    }

    /// `qᵣₛ`.
    pub fn q(&self, r: usize, s: usize) -> &DMatrix<f64> {
        &self.q[r * self.p.len() + s]
    }
}

/// The blocks of rows: the connected components of the groupings (rows that share a level of
/// any grouping are in one block), each a list of rows in increasing order; a row in no
/// grouping is a block of its own.
pub fn blocks(n: usize, groupings: &[&[u32]]) -> Vec<Vec<usize>> {
    // Union–find over rows, joining each row to the first row seen at its level.
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for g in groupings {
        let levels = g.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut first = vec![usize::MAX; levels];
        for (i, &c) in g.iter().enumerate() {
            let f = &mut first[c as usize];
            if *f == usize::MAX {
                *f = i;
            } else {
                let (ri, rf) = (find(&mut parent, i), find(&mut parent, *f));
                if ri != rf {
                    parent[ri.max(rf)] = ri.min(rf);
                }
            }
        }
    }
    let mut index = vec![usize::MAX; n];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        if index[r] == usize::MAX {
            index[r] = out.len();
            out.push(Vec::new());
        }
        out[index[r]].push(i);
    }
    out
}

/// The sums of the module doc for design `x`, residual `e = y − Xβ̂`, components with values
/// `phi`, over `blocks` (from [`blocks`]). `Err` names the option when a block is larger than
/// [`MAX_BLOCK_ROWS`]; a Σ that is not positive definite is a numerical error.
pub fn marginal_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
) -> Result<MarginalSums> {
    let (p, k) = (x.p, components.len());
    if let Some(big) = blocks.iter().find(|b| b.len() > MAX_BLOCK_ROWS) {
        return Err(Error::input(
            "--ddf",
            format!(
                "the grouping factors link {} rows into one block of the marginal covariance; small-sample degrees of freedom are computed from dense blocks of at most {MAX_BLOCK_ROWS} rows: use --ddf none",
                big.len()
            ),
        ));
    }
    blocks
        .par_iter()
        .map(|rows| block_sums(x, e, components, phi, rows))
        .try_reduce(|| MarginalSums::zero(p, k), |a, b| Ok(a.add(b)))
}

fn block_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    rows: &[usize],
) -> Result<MarginalSums> {
    let (p, k, m) = (x.p, components.len(), rows.len());
    let g: Vec<DMatrix<f64>> = components
        .iter()
        .map(|c| DMatrix::from_fn(m, m, |i, j| c.entry(rows[i], rows[j])))
        .collect();
    let mut sigma = DMatrix::zeros(m, m);
    for (gr, f) in g.iter().zip(phi) {
        sigma += gr * *f;
    }
    let chol = sigma.cholesky().ok_or_else(|| {
        Error::Numerical("the marginal covariance of a block is not positive definite".into())
    })?;
    let xb = DMatrix::from_fn(m, p, |i, j| x.row(rows[i])[j]);
    let eb = DVector::from_fn(m, |i, _| e[rows[i]]);
    let sx = chol.solve(&xb);
    let w = chol.solve(&eb);
    let mut out = MarginalSums::zero(p, k);
    out.xtsx = xb.transpose() * &sx;
    // H_r = Σ⁻¹G_r, O_r = G_rΣ⁻¹X, S_r = Σ⁻¹O_r, u_r = G_r w, v_r = Σ⁻¹u_r.
    let h: Vec<DMatrix<f64>> = g.iter().map(|gr| chol.solve(gr)).collect();
    let o: Vec<DMatrix<f64>> = g.iter().map(|gr| gr * &sx).collect();
    let s: Vec<DMatrix<f64>> = o.iter().map(|or| chol.solve(or)).collect();
    let u: Vec<DVector<f64>> = g.iter().map(|gr| gr * &w).collect();
    let v: Vec<DVector<f64>> = u.iter().map(|ur| chol.solve(ur)).collect();
    for r in 0..k {
        out.p[r] = sx.transpose() * &o[r];
        out.b[r] = sx.transpose() * &u[r];
        for c in 0..k {
            out.q[r * k + c] = o[r].transpose() * &s[c];
            // tr(H_r H_s) = Σᵢⱼ H_r[i, j] H_s[j, i]
            out.k[(r, c)] = h[r].component_mul(&h[c].transpose()).sum();
            out.a[(r, c)] = u[r].dot(&v[c]);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_join_rows_linked_by_any_grouping() {
        // Patients 0..3 at sites: rows of patients 0 and 2 share site 1, so they form one
        // block; patient 1 (site 0) another; row 6 is alone in both groupings.
        let patient = [0, 0, 1, 1, 2, 2, 3];
        let site = [1, 1, 0, 0, 1, 1, 2];
        assert_eq!(
            blocks(7, &[&patient, &site]),
            vec![vec![0, 1, 4, 5], vec![2, 3], vec![6]]
        );
        assert_eq!(blocks(3, &[]), vec![vec![0], vec![1], vec![2]]);
    }

    #[test]
    fn sums_match_the_dense_formulas() {
        // Two groups, random intercept and slope (q = 2): the sums over blocks equal the
        // products formed with the whole n × n Σ.
        let group = [0u32, 0, 0, 1, 1];
        let t = [0.0, 1.0, 2.0, 0.5, 3.0];
        let z: Vec<f64> = t.iter().flat_map(|&v| [1.0, v]).collect();
        let x = ModelMatrix::from_columns(
            5,
            vec![
                ("(Intercept)".into(), vec![1.0; 5]),
                ("t".into(), t.to_vec()),
            ],
        );
        let e = [0.3, -0.2, 0.5, -0.1, 0.4];
        let comps = [
            Component::Grouped {
                group_of_row: &group,
                z: &z,
                q: 2,
                a: 0,
                b: 0,
            },
            Component::Grouped {
                group_of_row: &group,
                z: &z,
                q: 2,
                a: 1,
                b: 0,
            },
            Component::Grouped {
                group_of_row: &group,
                z: &z,
                q: 2,
                a: 1,
                b: 1,
            },
            Component::Residual,
        ];
        let phi = [2.0, 0.3, 0.5, 1.2];
        let sums = marginal_sums(&x, &e, &comps, &phi, &blocks(5, &[&group])).unwrap();
        let g: Vec<DMatrix<f64>> = comps
            .iter()
            .map(|c| DMatrix::from_fn(5, 5, |i, j| c.entry(i, j)))
            .collect();
        let sigma = g
            .iter()
            .zip(phi)
            .fold(DMatrix::zeros(5, 5), |s, (g, f)| s + g * f);
        let si = sigma.try_inverse().unwrap();
        let xm = DMatrix::from_fn(5, 2, |i, j| x.row(i)[j]);
        let ev = DVector::from_column_slice(&e);
        let close = |a: &DMatrix<f64>, b: &DMatrix<f64>| (a - b).abs().max() < 1e-12;
        assert!(close(&sums.xtsx, &(xm.transpose() * &si * &xm)));
        for r in 0..4 {
            let want_p = xm.transpose() * &si * &g[r] * &si * &xm;
            assert!(close(&sums.p[r], &want_p));
            let want_b = xm.transpose() * &si * &g[r] * &si * &ev;
            assert!((&sums.b[r] - want_b).abs().max() < 1e-12);
            for s in 0..4 {
                let want_q = xm.transpose() * &si * &g[r] * &si * &g[s] * &si * &xm;
                assert!(close(sums.q(r, s), &want_q));
                let want_k = (&si * &g[r] * &si * &g[s]).trace();
                assert!((sums.k[(r, s)] - want_k).abs() < 1e-12);
                let want_a = (ev.transpose() * &si * &g[r] * &si * &g[s] * &si * &ev)[(0, 0)];
                assert!((sums.a[(r, s)] - want_a).abs() < 1e-12);
            }
        }
    }
}
