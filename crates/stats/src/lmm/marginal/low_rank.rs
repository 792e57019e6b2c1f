//! The sums of [`super`] for one block in **low rank**, by Woodbury's identity.
//!
//! A block's random-effect columns `Z̃` (each grouping's `q` columns per level present in the
//! block) have fewer columns than the block has rows; every grouped `Gᵣ = Σ w z̃_c z̃_dᵀ` is a
//! sum of outer products of them, and with the variance components φ the block's covariance
//! is `Σ = Z̃ D Z̃ᵀ + ρ I` (`D = Σᵣ φᵣ Σ w e_c e_dᵀ` over the grouped components, `ρ` the
//! residual's φ). Woodbury's identity (Golub & Van Loan 2013, §2.1.4; Henderson & Searle
//! 1981, *SIAM Review* 23:53, eq. 17) gives its inverse and powers in the span of `Z̃`:
//!
//! ```text
//! Σ⁻¹ = ρ⁻¹ (I − Z̃ K Z̃ᵀ),   K = (ρ I + D A)⁻¹ D,   A = Z̃ᵀZ̃
//! Σ⁻² = ρ⁻² (I − Z̃ J₂ Z̃ᵀ),  J₂ = 2K − K A K
//! Σ⁻³ = ρ⁻³ (I − Z̃ J₃ Z̃ᵀ),  J₃ = J₂ + K − J₂ A K
//! ```
//!
//! (`(ρI + DA)` has eigenvalues at least ρ, as `DA` is similar to `D^½ A D^½ ⪰ 0`, so a
//! singular `D`, a variance at its bound, is no obstacle). So with `V = [Z̃ X e]`,
//! `G = VᵀV` and `H = VᵀZ̃` (the first columns of `G`), every sum the module needs is an entry
//! of `VᵀΣ⁻ⁿV = ρ⁻ⁿ (G − H Jₙ Hᵀ)` (`J₁ = K`) or `tr(Σ⁻²) = ρ⁻² (m − tr(J₂ A))`: one pass over
//! the block's rows for `G` (`m × w²`, `w = r + p + 1`), then algebra of `r × r` and `w × w`
//! matrices, where the dense inverse of the `m × m` Σ costs `m³`. Every buffer is kept from one
//! block to the next ([`LowRank`]), so a block allocates nothing.

use super::{Component, Grouping, MarginalSums};
use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use nalgebra::DMatrix;

/// A grouped component's terms `(c, d, w)` in the columns of `Z̃`: `Gᵣ = Σ w z̃_c z̃_dᵀ`.
type Terms = Vec<(usize, usize, f64)>;

/// The scratch of the low-rank sums, reused from block to block: the block's `Z̃` and the
/// products of [`LowRank::products`].
pub(super) struct LowRank {
    /// Columns of `Z̃`.
    pub(super) width: usize,
    /// `Z̃`, row-major `m × width`.
    z: Vec<f64>,
    /// Per component: `None` for the residual (`G = I`), else its terms in `Z̃`.
    terms: Vec<Option<Terms>>,
    /// Per grouping: its first column in `Z̃` and each row's level within the block.
    first_column: Vec<usize>,
    level_of_row: Vec<Vec<usize>>,
    n_levels: Vec<usize>,
    levels: Vec<u32>,
    /// `VᵀΣ⁻¹V`, `VᵀΣ⁻²V`, `[X e]ᵀΣ⁻³[X e]`, `tr(Σ⁻²)`.
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    c3: DMatrix<f64>,
    tr_inv2: f64,
    /// `G = VᵀV` (w × w), one row of V, D, the system for K, K, A = Z̃ᵀZ̃, A K, J₂, J₃,
    /// H Jₙ (all row-major).
    g: Vec<f64>,
    row: Vec<f64>,
    d: Vec<f64>,
    a_zz: Vec<f64>,
    lhs: Vec<f64>,
    k: Vec<f64>,
    ak: Vec<f64>,
    j2: Vec<f64>,
    j3: Vec<f64>,
    hj: Vec<f64>,
}

/// `v` cleared and set to `n` zeros.
fn zeroed(v: &mut Vec<f64>, n: usize) -> &mut [f64] {
    v.clear();
    v.resize(n, 0.0);
    v
}

fn not_positive_definite() -> Error {
    Error::singular(
        "marginal covariance",
        "the marginal covariance of a block is not positive definite".into(),
    )
}

/// Solve `lhs · X = rhs` in place (`lhs` r × r, `rhs` r × `cols`, row-major; `rhs` becomes X)
/// by Gaussian elimination with partial pivoting; false when a pivot is zero or not a number.
fn solve_in_place(lhs: &mut [f64], rhs: &mut [f64], r: usize, cols: usize) -> bool {
    for j in 0..r {
        let pivot = (j..r)
            .max_by(|&a, &b| lhs[a * r + j].abs().total_cmp(&lhs[b * r + j].abs()))
            .unwrap_or(j);
        let pv = lhs[pivot * r + j];
        if pv == 0.0 || !pv.is_finite() {
            return false;
        }
        if pivot != j {
            for c in 0..r {
                lhs.swap(j * r + c, pivot * r + c);
            }
            for c in 0..cols {
                rhs.swap(j * cols + c, pivot * cols + c);
            }
        }
        for i in j + 1..r {
            let f = lhs[i * r + j] / pv;
            if f != 0.0 {
                for c in j..r {
                    lhs[i * r + c] -= f * lhs[j * r + c];
                }
                for c in 0..cols {
                    rhs[i * cols + c] -= f * rhs[j * cols + c];
                }
            }
        }
    }
    for j in (0..r).rev() {
        for c in 0..cols {
            let s = (j + 1..r).fold(rhs[j * cols + c], |s, l| {
                s - lhs[j * r + l] * rhs[l * cols + c]
            });
            rhs[j * cols + c] = s / lhs[j * r + j];
        }
    }
    true
}

/// `out = a b` for row-major `a` (n × k) and `b` (k × m).
fn product(out: &mut Vec<f64>, a: &[f64], b: &[f64], n: usize, k: usize, m: usize) {
    let out = zeroed(out, n * m);
    for i in 0..n {
        for l in 0..k {
            let ail = a[i * k + l];
            for j in 0..m {
                out[i * m + j] += ail * b[l * m + j];
            }
        }
    }
}

/// The square `m` (n × n, row-major) replaced by its symmetric part.
fn symmetrize(m: &mut [f64], n: usize) {
    for i in 0..n {
        for j in 0..i {
            let s = 0.5 * (m[i * n + j] + m[j * n + i]);
            m[i * n + j] = s;
            m[j * n + i] = s;
        }
    }
}

impl LowRank {
    pub(super) fn new() -> Self {
        LowRank {
            width: 0,
            z: Vec::new(),
            terms: Vec::new(),
            first_column: Vec::new(),
            level_of_row: Vec::new(),
            n_levels: Vec::new(),
            levels: Vec::new(),
            a: DMatrix::zeros(0, 0),
            b: DMatrix::zeros(0, 0),
            c3: DMatrix::zeros(0, 0),
            tr_inv2: 0.0,
            g: Vec::new(),
            row: Vec::new(),
            d: Vec::new(),
            a_zz: Vec::new(),
            lhs: Vec::new(),
            k: Vec::new(),
            ak: Vec::new(),
            j2: Vec::new(),
            j3: Vec::new(),
            hj: Vec::new(),
        }
    }

    /// Set `Z̃` and the components' terms for the block of `rows`; false when `Z̃` would have
    /// as many columns as the block has rows (low rank would not be lower; a site's block of
    /// many patients, say), so the dense path serves.
    pub(super) fn stack(
        &mut self,
        groupings: &[Grouping],
        components: &[Component],
        rows: &[usize],
    ) -> bool {
        let m = rows.len();
        self.level_of_row.resize_with(groupings.len(), Vec::new);
        self.first_column.clear();
        self.n_levels.clear();
        let mut width = 0;
        for (gi, &(group_of_row, _, q)) in groupings.iter().enumerate() {
            self.levels.clear();
            let of_row = &mut self.level_of_row[gi];
            of_row.clear();
            for &r in rows {
                let g = group_of_row[r];
                let level = match self.levels.iter().position(|&l| l == g) {
                    Some(l) => l,
                    None => {
                        self.levels.push(g);
                        self.levels.len() - 1
                    }
                };
                of_row.push(level);
            }
            self.first_column.push(width);
            self.n_levels.push(self.levels.len());
            width += q * self.levels.len();
            if width >= m {
                return false;
            }
        }
        self.width = width;
        let z = zeroed(&mut self.z, m * width);
        for (gi, &(_, zg, q)) in groupings.iter().enumerate() {
            for (i, &r) in rows.iter().enumerate() {
                let c0 = self.first_column[gi] + self.level_of_row[gi][i] * q;
                z[i * width + c0..i * width + c0 + q].copy_from_slice(&zg[r * q..(r + 1) * q]);
            }
        }
        self.terms.resize_with(components.len(), || None);
        for (c, terms) in components.iter().zip(self.terms.iter_mut()) {
            let Component::Grouped {
                group_of_row,
                z: zc,
                q,
                a,
                b,
            } = *c
            else {
                *terms = None;
                continue;
            };
            let gi = groupings
                .iter()
                .position(|(g, zz, _)| std::ptr::eq(*g, group_of_row) && std::ptr::eq(*zz, zc))
                .expect("every grouping of the components is listed");
            let t = terms.get_or_insert_with(Vec::new);
            t.clear();
            for level in 0..self.n_levels[gi] {
                let c0 = self.first_column[gi] + level * q;
                if a == b {
                    t.push((c0 + a, c0 + a, 1.0));
                } else {
                    t.push((c0 + a, c0 + b, 1.0));
                    t.push((c0 + b, c0 + a, 1.0));
                }
            }
        }
        true
    }

    /// Adds the block's sums to `out` (after [`LowRank::stack`] for its `rows`).
    pub(super) fn add_block(
        &mut self,
        x: &ModelMatrix,
        e: &[f64],
        phi: &[f64],
        rows: &[usize],
        out: &mut MarginalSums,
    ) -> Result<()> {
        self.products(x, e, phi, rows)?;
        let (p, xc) = (x.p, self.width);
        for i in 0..p {
            for j in 0..p {
                out.xtsx[(i, j)] += self.a[(xc + i, xc + j)];
            }
        }
        let k = self.terms.len();
        for (ri, tr) in self.terms.iter().enumerate() {
            self.add_p_and_b(tr.as_deref(), ri, p, out);
            for (si, ts) in self.terms.iter().enumerate() {
                self.add_pair(tr.as_deref(), ts.as_deref(), (ri, si), (k, p), out);
            }
        }
        Ok(())
    }

    /// `G = VᵀV` for the block of `rows`, `V = [Z̃ X e]` (w × w, row-major, symmetric).
    fn cross_products(&mut self, x: &ModelMatrix, e: &[f64], rows: &[usize]) {
        let (p, r) = (x.p, self.width);
        let w = r + p + 1;
        let g = zeroed(&mut self.g, w * w);
        let v = zeroed(&mut self.row, w);
        for (i, &row) in rows.iter().enumerate() {
            v[..r].copy_from_slice(&self.z[i * r..(i + 1) * r]);
            v[r..r + p].copy_from_slice(x.row(row));
            v[w - 1] = e[row];
            for a in 0..w {
                let va = v[a];
                if va != 0.0 {
                    for b in 0..=a {
                        g[a * w + b] += va * v[b];
                    }
                }
            }
        }
        for a in 0..w {
            for b in 0..a {
                g[b * w + a] = g[a * w + b];
            }
        }
    }

    /// `VᵀΣ⁻¹V`, `VᵀΣ⁻²V`, `[X e]ᵀΣ⁻³[X e]` and `tr(Σ⁻²)` for the block of `rows` at `phi`,
    /// by the identities of the module doc; refuses a block whose Σ is not positive definite.
    fn products(&mut self, x: &ModelMatrix, e: &[f64], phi: &[f64], rows: &[usize]) -> Result<()> {
        let (p, r, m) = (x.p, self.width, rows.len());
        let w = r + p + 1;
        self.cross_products(x, e, rows);
        // Σ = Z̃ D Z̃ᵀ + ρ I.
        let d = zeroed(&mut self.d, r * r);
        let mut rho = 0.0;
        for (terms, f) in self.terms.iter().zip(phi) {
            match terms {
                None => rho += f,
                Some(t) => {
                    for &(c, dd, wt) in t {
                        d[c * r + dd] += wt * f;
                    }
                }
            }
        }
        if rho <= 0.0 || !rho.is_finite() {
            return Err(not_positive_definite());
        }
        // K = (ρI + DA)⁻¹ D.
        let g = &self.g;
        let lhs = zeroed(&mut self.lhs, r * r);
        for i in 0..r {
            for j in 0..r {
                let da: f64 = (0..r).map(|l| d[i * r + l] * g[l * w + j]).sum();
                lhs[i * r + j] = da + if i == j { rho } else { 0.0 };
            }
        }
        self.k.clear();
        self.k.extend_from_slice(d);
        if !solve_in_place(lhs, &mut self.k, r, r) {
            return Err(not_positive_definite());
        }
        symmetrize(&mut self.k, r);
        // A K, then J₂ = 2K − K (AK) and J₃ = J₂ + K − J₂ (AK).
        self.a_zz.clear();
        self.a_zz.extend((0..r * r).map(|i| g[(i / r) * w + i % r]));
        product(&mut self.ak, &self.a_zz, &self.k, r, r, r);
        product(&mut self.j2, &self.k, &self.ak, r, r, r);
        for (j2, k) in self.j2.iter_mut().zip(&self.k) {
            *j2 = 2.0 * k - *j2;
        }
        symmetrize(&mut self.j2, r);
        product(&mut self.j3, &self.j2, &self.ak, r, r, r);
        for ((j3, j2), k) in self.j3.iter_mut().zip(&self.j2).zip(&self.k) {
            *j3 = j2 + k - *j3;
        }
        symmetrize(&mut self.j3, r);
        // tr(Σ⁻²) = ρ⁻² (m − tr(J₂ A)).
        let tr_j2a: f64 = (0..r * r)
            .map(|i| self.j2[i] * g[(i % r) * w + i / r])
            .sum();
        self.tr_inv2 = (m as f64 - tr_j2a) / (rho * rho);
        fill_power(&mut self.a, &mut self.hj, g, &self.k, (w, r, 0), rho);
        fill_power(&mut self.b, &mut self.hj, g, &self.j2, (w, r, 0), rho * rho);
        fill_power(
            &mut self.c3,
            &mut self.hj,
            g,
            &self.j3,
            (w, r, r),
            rho * rho * rho,
        );
        Ok(())
    }

    /// Adds `pᵣ` and `bᵣ` of component `ri` (its terms `tr`, `None` for the residual) to `out`.
    fn add_p_and_b(
        &self,
        tr: Option<&[(usize, usize, f64)]>,
        ri: usize,
        p: usize,
        out: &mut MarginalSums,
    ) {
        let (a, b, xc) = (&self.a, &self.b, self.width);
        let ec = xc + p;
        match tr {
            None => {
                for i in 0..p {
                    for j in 0..p {
                        out.p[ri][(i, j)] += b[(xc + i, xc + j)];
                    }
                    out.b[ri][i] += b[(xc + i, ec)];
                }
            }
            Some(t) => {
                for &(c, dd, w) in t {
                    for i in 0..p {
                        let left = w * a[(xc + i, c)];
                        for j in 0..p {
                            out.p[ri][(i, j)] += left * a[(dd, xc + j)];
                        }
                        out.b[ri][i] += left * a[(dd, ec)];
                    }
                }
            }
        }
    }

    /// Adds `qᵣₛ`, `kᵣₛ` and `aᵣₛ` of the components `(ri, si)` (of `k`; their terms `tr`
    /// and `ts`, `None` for the residual) to `out`.
    fn add_pair(
        &self,
        tr: Option<&[(usize, usize, f64)]>,
        ts: Option<&[(usize, usize, f64)]>,
        (ri, si): (usize, usize),
        (k, p): (usize, usize),
        out: &mut MarginalSums,
    ) {
        let (a, b, c3, xc) = (&self.a, &self.b, &self.c3, self.width);
        let ec = xc + p;
        let q = &mut out.q[ri * k + si];
        match (tr, ts) {
            (None, None) => {
                for i in 0..p {
                    for j in 0..p {
                        q[(i, j)] += c3[(i, j)];
                    }
                }
                out.k[(ri, si)] += self.tr_inv2;
                out.a[(ri, si)] += c3[(p, p)];
            }
            (Some(t), None) => {
                // XᵀΣ⁻¹ z̃_c z̃_dᵀ Σ⁻² X
                for &(c, dd, w) in t {
                    for i in 0..p {
                        let left = w * a[(xc + i, c)];
                        for j in 0..p {
                            q[(i, j)] += left * b[(dd, xc + j)];
                        }
                    }
                    out.k[(ri, si)] += w * b[(dd, c)];
                    out.a[(ri, si)] += w * a[(ec, c)] * b[(dd, ec)];
                }
            }
            (None, Some(t)) => {
                for &(c, dd, w) in t {
                    for i in 0..p {
                        let left = w * b[(xc + i, c)];
                        for j in 0..p {
                            q[(i, j)] += left * a[(dd, xc + j)];
                        }
                    }
                    out.k[(ri, si)] += w * b[(dd, c)];
                    out.a[(ri, si)] += w * b[(ec, c)] * a[(dd, ec)];
                }
            }
            (Some(t), Some(u)) => {
                // XᵀΣ⁻¹ z̃_c z̃_dᵀ Σ⁻¹ z̃_f z̃_gᵀ Σ⁻¹X, and its trace and e-form.
                for &(c, dd, w) in t {
                    for &(f, g, wu) in u {
                        let middle = w * wu * a[(dd, f)];
                        for i in 0..p {
                            let left = middle * a[(xc + i, c)];
                            for j in 0..p {
                                q[(i, j)] += left * a[(g, xc + j)];
                            }
                        }
                        out.k[(ri, si)] += middle * a[(g, c)];
                        out.a[(ri, si)] += middle * a[(ec, c)] * a[(g, ec)];
                    }
                }
            }
        }
    }
}

/// `out = ρ⁻ⁿ (G − H J Hᵀ)` over rows and columns `from..w` of `G` (`w × w`), `H` its first
/// `r` columns, `J` (r × r), `scale = ρⁿ`; `hj` is scratch for `H J`. `out` is resized to
/// `(w − from) × (w − from)` when it has another size.
fn fill_power(
    out: &mut DMatrix<f64>,
    hj: &mut Vec<f64>,
    g: &[f64],
    j: &[f64],
    (w, r, from): (usize, usize, usize),
    scale: f64,
) {
    let n = w - from;
    if out.nrows() != n || out.ncols() != n {
        *out = DMatrix::zeros(n, n);
    }
    // H J over the rows from..w.
    let hj = zeroed(hj, n * r);
    for i in 0..n {
        for l in 0..r {
            let h = g[(from + i) * w + l];
            for c in 0..r {
                hj[i * r + c] += h * j[l * r + c];
            }
        }
    }
    for i in 0..n {
        for jj in 0..=i {
            let hjh: f64 = (0..r).map(|c| hj[i * r + c] * g[(from + jj) * w + c]).sum();
            let v = (g[(from + i) * w + from + jj] - hjh) / scale;
            out[(i, jj)] = v;
            out[(jj, i)] = v;
        }
    }
}
