//! The sums of [`super`] when the random effects are those of one grouping factor, so that
//! every block is one of its levels (a patient's visits), with `q ≤ 2` random effects and
//! `p ≤ 4` fixed effects: the low-rank algebra of [`super::low_rank`] with every size known at
//! compile time.
//!
//! A level's block has `Σ = Z D Zᵀ + ρ I` (`Z` its `m × q` rows of the random-effect matrix,
//! `D` the `q × q` covariance in φ, ρ the residual variance), and by Woodbury's identity
//! `Σ⁻ⁿ = ρ⁻ⁿ (I − Z Jₙ Zᵀ)` with `J₁ = K = (ρI + DA)⁻¹D`, `J₂ = 2K − KAK`,
//! `J₃ = J₂ + K − J₂AK`, `A = ZᵀZ`. With `C = ZᵀX` and `f = Zᵀe`, the products the sums are
//! made of are
//!
//! ```text
//! ZᵀΣ⁻ⁿZ = ρ⁻ⁿ (A − A Jₙ A)      ZᵀΣ⁻ⁿX = ρ⁻ⁿ (C − A Jₙ C)      ZᵀΣ⁻ⁿe = ρ⁻ⁿ (f − A Jₙ f)
//! XᵀΣ⁻ⁿX = ρ⁻ⁿ (XᵀX − Cᵀ Jₙ C)   XᵀΣ⁻ⁿe = ρ⁻ⁿ (Xᵀe − Cᵀ Jₙ f)   eᵀΣ⁻ⁿe = ρ⁻ⁿ (eᵀe − fᵀ Jₙ f)
//! ```
//!
//! and a component `Gᵣ = Z Eᵣ Zᵀ` (`Eᵣ = e_a e_bᵀ + e_b e_aᵀ`, or `e_a e_aᵀ` for a variance)
//! enters as, for instance, `pᵣ = (ZᵀΣ⁻¹X)ᵀ Eᵣ (ZᵀΣ⁻¹X)` and
//! `qᵣₛ = (ZᵀΣ⁻¹X)ᵀ Eᵣ (ZᵀΣ⁻¹Z) Eₛ (ZᵀΣ⁻¹X)`: rows `a` and `b` of small matrices. The terms
//! in `XᵀX`, `Xᵀe` and `eᵀe` are the same multiple of every block's, so they are summed over
//! the rows once and scaled at the end. These are the general path's numbers to rounding
//! (the unit tests compare both with the whole-Σ formulas).

use super::{Component, MarginalSums};
use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use rayon::prelude::*;

/// Blocks per parallel chunk (the chunks' sums are added in order).
const BLOCKS_PER_CHUNK: usize = 512;

/// The sums of [`super::marginal_sums`] by this module's algebra, or `None` when it does not
/// apply: the grouped components are not all of one grouping factor, there is not exactly one
/// residual component, or `q` or `p` is larger than this module is compiled for.
pub(super) fn sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
) -> Option<Result<MarginalSums>> {
    let model = Model::of(components, phi)?;
    // Every block must be one level (blocks of several levels are the general path's).
    let one_level = |rows: &Vec<usize>| {
        let g = rows.first().map(|&r| model.group_of_row[r]);
        rows.iter().all(|&r| Some(model.group_of_row[r]) == g)
    };
    if !blocks.iter().all(one_level) {
        return None;
    }
    Some(match (model.q, x.p) {
        (1, 1) => run::<1, 1>(x, e, &model, blocks),
        (1, 2) => run::<1, 2>(x, e, &model, blocks),
        (1, 3) => run::<1, 3>(x, e, &model, blocks),
        (1, 4) => run::<1, 4>(x, e, &model, blocks),
        (2, 1) => run::<2, 1>(x, e, &model, blocks),
        (2, 2) => run::<2, 2>(x, e, &model, blocks),
        (2, 3) => run::<2, 3>(x, e, &model, blocks),
        (2, 4) => run::<2, 4>(x, e, &model, blocks),
        _ => return None,
    })
}

/// The components of one grouping factor in its coordinates.
struct Model<'a> {
    /// The grouping's level per row and its row-major `n × q` Z.
    group_of_row: &'a [u32],
    z: &'a [f64],
    q: usize,
    /// Per component, `Some((a, b))` for `Gᵣ = Z Eₐᵦ Zᵀ`, `None` for the residual.
    pairs: Vec<Option<(usize, usize)>>,
    /// `D` (q × q, row-major; at most 2 × 2) and ρ.
    d: [f64; 4],
    rho: f64,
}

impl<'a> Model<'a> {
    fn of(components: &[Component<'a>], phi: &[f64]) -> Option<Model<'a>> {
        let mut grouping: Option<(&[u32], &[f64], usize)> = None;
        let (mut pairs, mut d, mut rho, mut residuals) = (Vec::new(), [0.0; 4], 0.0, 0);
        for (c, &f) in components.iter().zip(phi) {
            match *c {
                Component::Residual => {
                    residuals += 1;
                    rho += f;
                    pairs.push(None);
                }
                Component::Grouped {
                    group_of_row,
                    z,
                    q,
                    a,
                    b,
                } => {
                    match grouping {
                        None => grouping = Some((group_of_row, z, q)),
                        Some((g, zz, _))
                            if std::ptr::eq(g, group_of_row) && std::ptr::eq(zz, z) => {}
                        Some(_) => return None,
                    }
                    if q > 2 {
                        return None;
                    }
                    d[a * q + b] += f;
                    if a != b {
                        d[b * q + a] += f;
                    }
                    pairs.push(Some((a, b)));
                }
            }
        }
        let (group_of_row, z, q) = grouping?;
        (residuals == 1).then_some(Model {
            group_of_row,
            z,
            q,
            pairs,
            d,
            rho,
        })
    }
}

/// `Uᵀ Eₐᵦ V` for the rows of `u` and `v` (Q × N each): `u_aᵀ v_b + u_bᵀ v_a`, or `u_aᵀ v_a`.
#[inline(always)]
fn sandwich<const Q: usize, const N: usize, const M: usize>(
    u: &[[f64; N]; Q],
    v: &[[f64; M]; Q],
    (a, b): (usize, usize),
) -> [[f64; M]; N] {
    let mut out = [[0.0; M]; N];
    for i in 0..N {
        for j in 0..M {
            out[i][j] = if a == b {
                u[a][i] * v[a][j]
            } else {
                u[a][i] * v[b][j] + u[b][i] * v[a][j]
            };
        }
    }
    out
}

/// `a b` for Q × Q `a` and Q × N `b`.
#[inline(always)]
fn mul<const Q: usize, const N: usize>(a: &[[f64; Q]; Q], b: &[[f64; N]; Q]) -> [[f64; N]; Q] {
    let mut out = [[0.0; N]; Q];
    for i in 0..Q {
        for j in 0..N {
            for l in 0..Q {
                out[i][j] += a[i][l] * b[l][j];
            }
        }
    }
    out
}

/// `f(a, b)` element by element.
#[inline(always)]
fn zip_with<const N: usize, const M: usize>(
    a: &[[f64; M]; N],
    b: &[[f64; M]; N],
    f: impl Fn(f64, f64) -> f64,
) -> [[f64; M]; N] {
    let mut out = [[0.0; M]; N];
    for i in 0..N {
        for j in 0..M {
            out[i][j] = f(a[i][j], b[i][j]);
        }
    }
    out
}

/// `uᵀ b` for Q × N `u` and `b` (an N × M result from Q × M `b`).
#[inline(always)]
fn tmul<const Q: usize, const N: usize, const M: usize>(
    u: &[[f64; N]; Q],
    b: &[[f64; M]; Q],
) -> [[f64; M]; N] {
    let mut out = [[0.0; M]; N];
    for i in 0..N {
        for j in 0..M {
            for l in 0..Q {
                out[i][j] += u[l][i] * b[l][j];
            }
        }
    }
    out
}

/// One level's cross-products: `A = ZᵀZ`, `C = ZᵀX`, `f = Zᵀe`, and its number of rows.
struct Level<const Q: usize, const P: usize> {
    a: [[f64; Q]; Q],
    c: [[f64; P]; Q],
    f: [[f64; 1]; Q],
    m: f64,
}

/// `Jₙ` for n = 1, 2, 3 (see the module doc) from `A`, `D` and ρ; `None` when `ρI + DA` is
/// singular (Σ not positive definite).
#[inline(always)]
fn j_matrices<const Q: usize>(
    a: &[[f64; Q]; Q],
    d: &[[f64; Q]; Q],
    rho: f64,
) -> Option<[[[f64; Q]; Q]; 3]> {
    // K = (ρI + DA)⁻¹ D by Gaussian elimination with partial pivoting (Q ≤ 2).
    let mut lhs: [[f64; Q]; Q] = mul(d, a);
    for (i, row) in lhs.iter_mut().enumerate() {
        row[i] += rho;
    }
    let mut k = *d;
    for j in 0..Q {
        let pivot = (j..Q)
            .max_by(|&r, &s| lhs[r][j].abs().total_cmp(&lhs[s][j].abs()))
            .unwrap_or(j);
        lhs.swap(j, pivot);
        k.swap(j, pivot);
        let pv = lhs[j][j];
        if pv == 0.0 || !pv.is_finite() {
            return None;
        }
        for i in j + 1..Q {
            let factor = lhs[i][j] / pv;
            for c in 0..Q {
                lhs[i][c] -= factor * lhs[j][c];
                k[i][c] -= factor * k[j][c];
            }
        }
    }
    for j in (0..Q).rev() {
        // Back substitution written as the formula: k[j][c] from the rows below j.
        #[allow(clippy::needless_range_loop)]
        for c in 0..Q {
            let s = (j + 1..Q).fold(k[j][c], |s, l| s - lhs[j][l] * k[l][c]);
            k[j][c] = s / lhs[j][j];
        }
    }
    let sym = |m: [[f64; Q]; Q]| -> [[f64; Q]; Q] {
        let mut out = m;
        for i in 0..Q {
            for j in 0..i {
                out[i][j] = 0.5 * (m[i][j] + m[j][i]);
                out[j][i] = out[i][j];
            }
        }
        out
    };
    let k = sym(k);
    let ak = mul(a, &k);
    let k_ak = mul(&k, &ak);
    let j2 = sym(zip_with(&k, &k_ak, |k, kak| 2.0 * k - kak));
    let j2_ak = mul(&j2, &ak);
    let j3 = sym(zip_with(
        &zip_with(&j2, &k, |a, b| a + b),
        &j2_ak,
        |a, b| a - b,
    ));
    Some([k, j2, j3])
}

/// A chunk's sums, row-major: `XᵀΣ⁻¹X`, `pᵣ`, `bᵣ`, `qᵣₛ`, `kᵣₛ`, `aᵣₛ` without the terms in
/// the rows' `XᵀX`, `Xᵀe`, `eᵀe`, which are summed as they are (`xx`, `xe`, `ee`).
struct Chunk {
    xtsx: Vec<f64>,
    p: Vec<f64>,
    b: Vec<f64>,
    q: Vec<f64>,
    k: Vec<f64>,
    a: Vec<f64>,
    xx: Vec<f64>,
    xe: Vec<f64>,
    ee: f64,
}

impl Chunk {
    fn zero(p: usize, k: usize) -> Chunk {
        Chunk {
            xtsx: vec![0.0; p * p],
            p: vec![0.0; k * p * p],
            b: vec![0.0; k * p],
            q: vec![0.0; k * k * p * p],
            k: vec![0.0; k * k],
            a: vec![0.0; k * k],
            xx: vec![0.0; p * p],
            xe: vec![0.0; p],
            ee: 0.0,
        }
    }
}

/// Adds the `n × n` matrix `m` times `scale` to the flat row-major `out`.
#[inline(always)]
fn add_scaled<const N: usize, const M: usize>(out: &mut [f64], m: &[[f64; M]; N], scale: f64) {
    for i in 0..N {
        for j in 0..M {
            out[i * M + j] += scale * m[i][j];
        }
    }
}

/// The products of the module doc for one level, `n = 1, 2, 3`: `ZᵀΣ⁻ⁿZ`, `ZᵀΣ⁻ⁿX`, `ZᵀΣ⁻ⁿe`
/// and the block's part of `XᵀΣ⁻ⁿX`, `XᵀΣ⁻ⁿe`, `eᵀΣ⁻ⁿe` without its `XᵀX`, `Xᵀe`, `eᵀe`.
struct Powers<const Q: usize, const P: usize> {
    zz: [[[f64; Q]; Q]; 3],
    zx: [[[f64; P]; Q]; 3],
    ze: [[[f64; 1]; Q]; 3],
    xx: [[[f64; P]; P]; 3],
    xe: [[[f64; 1]; P]; 3],
    ee: [f64; 3],
    /// `tr(Σ⁻²)`.
    tr_inv2: f64,
}

#[inline(always)]
fn powers<const Q: usize, const P: usize>(
    level: &Level<Q, P>,
    js: &[[[f64; Q]; Q]; 3],
    rho: f64,
) -> Powers<Q, P> {
    let (a, c, f) = (&level.a, &level.c, &level.f);
    let scale = [1.0 / rho, 1.0 / (rho * rho), 1.0 / (rho * rho * rho)];
    let each = |n: usize| {
        let j = &js[n];
        let (ja, jc, jf) = (mul(j, a), mul(j, c), mul(j, f));
        let (aja, ajc, ajf) = (mul(a, &ja), mul(a, &jc), mul(a, &jf));
        let s = scale[n];
        let zz = zip_with(a, &aja, |x, y| s * (x - y));
        let zx = zip_with(c, &ajc, |x, y| s * (x - y));
        let ze = zip_with(f, &ajf, |x, y| s * (x - y));
        let (cjc, cjf, fjf) = (tmul(c, &jc), tmul(c, &jf), tmul(f, &jf));
        let xx = zip_with(&cjc, &cjc, |x, _| -s * x);
        let xe = zip_with(&cjf, &cjf, |x, _| -s * x);
        (zz, zx, ze, xx, xe, -s * fjf[0][0])
    };
    let (p1, p2, p3) = (each(0), each(1), each(2));
    let tr_j2a: f64 = (0..Q)
        .map(|i| (0..Q).map(|l| js[1][i][l] * a[l][i]).sum::<f64>())
        .sum();
    Powers {
        zz: [p1.0, p2.0, p3.0],
        zx: [p1.1, p2.1, p3.1],
        ze: [p1.2, p2.2, p3.2],
        xx: [p1.3, p2.3, p3.3],
        xe: [p1.4, p2.4, p3.4],
        ee: [p1.5, p2.5, p3.5],
        tr_inv2: (level.m - tr_j2a) * scale[1],
    }
}

/// Adds one level's sums (its products `w`) to `out`, for the components `pairs`.
#[inline(always)]
fn add_level<const Q: usize, const P: usize>(
    w: &Powers<Q, P>,
    pairs: &[Option<(usize, usize)>],
    out: &mut Chunk,
) {
    let k = pairs.len();
    add_scaled(&mut out.xtsx, &w.xx[0], 1.0);
    for (r, pr) in pairs.iter().enumerate() {
        let (p_r, b_r) = match *pr {
            Some(ab) => (
                sandwich(&w.zx[0], &w.zx[0], ab),
                sandwich(&w.zx[0], &w.ze[0], ab),
            ),
            None => (w.xx[1], w.xe[1]),
        };
        add_scaled(&mut out.p[r * P * P..(r + 1) * P * P], &p_r, 1.0);
        add_scaled(&mut out.b[r * P..(r + 1) * P], &b_r, 1.0);
        for (s, ps) in pairs.iter().enumerate() {
            let (q_rs, k_rs, a_rs) = match (*pr, *ps) {
                (Some(ab), Some(cd)) => {
                    // (ZᵀΣ⁻¹X)ᵀ Eᵣ (ZᵀΣ⁻¹Z) Eₛ (ZᵀΣ⁻¹X), its trace and e-form.
                    let m_zx = mul_e(&w.zz[0], &w.zx[0], cd);
                    let m_ze = mul_e(&w.zz[0], &w.ze[0], cd);
                    let m_zz = mul_e(&w.zz[0], &w.zz[0], cd);
                    let q = sandwich(&w.zx[0], &m_zx, ab);
                    let a = sandwich(&w.ze[0], &m_ze, ab)[0][0];
                    (q, trace_e(&m_zz, ab), a)
                }
                (Some(ab), None) => (
                    sandwich(&w.zx[0], &w.zx[1], ab),
                    trace_e(&w.zz[1], ab),
                    sandwich(&w.ze[0], &w.ze[1], ab)[0][0],
                ),
                (None, Some(cd)) => (
                    sandwich(&w.zx[1], &w.zx[0], cd),
                    trace_e(&w.zz[1], cd),
                    sandwich(&w.ze[1], &w.ze[0], cd)[0][0],
                ),
                (None, None) => (w.xx[2], w.tr_inv2, w.ee[2]),
            };
            let pair = r * k + s;
            add_scaled(&mut out.q[pair * P * P..(pair + 1) * P * P], &q_rs, 1.0);
            out.k[pair] += k_rs;
            out.a[pair] += a_rs;
        }
    }
}

/// `m Eₐᵦ u` for Q × Q `m` and Q × N `u`: `m_{·a} u_b + m_{·b} u_a`, or `m_{·a} u_a` (read
/// straight from `m` and `u`: a temporary `Eₐᵦ u` written at run-time rows would be read back
/// before its stores land).
#[inline(always)]
fn mul_e<const Q: usize, const N: usize>(
    m: &[[f64; Q]; Q],
    u: &[[f64; N]; Q],
    (a, b): (usize, usize),
) -> [[f64; N]; Q] {
    let mut out = [[0.0; N]; Q];
    for i in 0..Q {
        for j in 0..N {
            out[i][j] = if a == b {
                m[i][a] * u[a][j]
            } else {
                m[i][a] * u[b][j] + m[i][b] * u[a][j]
            };
        }
    }
    out
}

/// `tr(Eₐᵦ m)` for Q × Q `m`.
#[inline(always)]
fn trace_e<const Q: usize>(m: &[[f64; Q]; Q], (a, b): (usize, usize)) -> f64 {
    if a == b { m[a][a] } else { m[a][b] + m[b][a] }
}

fn run<const Q: usize, const P: usize>(
    x: &ModelMatrix,
    e: &[f64],
    model: &Model,
    blocks: &[Vec<usize>],
) -> Result<MarginalSums> {
    let (k, rho) = (model.pairs.len(), model.rho);
    let mut d = [[0.0; Q]; Q];
    for (i, row) in d.iter_mut().enumerate() {
        row.copy_from_slice(&model.d[i * Q..(i + 1) * Q]);
    }
    if rho <= 0.0 || !rho.is_finite() {
        return Err(not_positive_definite());
    }
    let chunks: Vec<Chunk> = blocks
        .par_chunks(BLOCKS_PER_CHUNK)
        .map(|chunk| {
            let mut out = Chunk::zero(P, k);
            for rows in chunk {
                let level = cross_products::<Q, P>(x, e, model.z, rows, &mut out);
                let js = j_matrices(&level.a, &d, rho).ok_or_else(not_positive_definite)?;
                add_level(&powers(&level, &js, rho), &model.pairs, &mut out);
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    let mut sums = MarginalSums::zero(P, k);
    for c in chunks {
        add_chunk(&c, &model.pairs, rho, &mut sums);
    }
    Ok(sums)
}

/// `A`, `C`, `f` of the level whose rows are `rows`; the rows' `XᵀX`, `Xᵀe`, `eᵀe` are added
/// to `out`'s.
#[inline(always)]
fn cross_products<const Q: usize, const P: usize>(
    x: &ModelMatrix,
    e: &[f64],
    z: &[f64],
    rows: &[usize],
    out: &mut Chunk,
) -> Level<Q, P> {
    let mut level = Level {
        a: [[0.0; Q]; Q],
        c: [[0.0; P]; Q],
        f: [[0.0; 1]; Q],
        m: rows.len() as f64,
    };
    for &r in rows {
        let mut zr = [0.0; Q];
        zr.copy_from_slice(&z[r * Q..(r + 1) * Q]);
        let mut xr = [0.0; P];
        xr.copy_from_slice(x.row(r));
        let er = e[r];
        for i in 0..Q {
            for l in 0..Q {
                level.a[i][l] += zr[i] * zr[l];
            }
            for (c, x) in level.c[i].iter_mut().zip(&xr) {
                *c += zr[i] * x;
            }
            level.f[i][0] += zr[i] * er;
        }
        for i in 0..P {
            for j in 0..P {
                out.xx[i * P + j] += xr[i] * xr[j];
            }
            out.xe[i] += xr[i] * er;
        }
        out.ee += er * er;
    }
    level
}

/// Adds a chunk's sums to `sums`, with the terms in the rows' `XᵀX`, `Xᵀe`, `eᵀe`:
/// `ρ⁻¹XᵀX` in `XᵀΣ⁻¹X`, `ρ⁻²XᵀX` and `ρ⁻²Xᵀe` in the residual's `p` and `b`, `ρ⁻³XᵀX` and
/// `ρ⁻³eᵀe` in its `q` and `a`.
fn add_chunk(c: &Chunk, pairs: &[Option<(usize, usize)>], rho: f64, sums: &mut MarginalSums) {
    let (p, k) = (sums.xtsx.nrows(), pairs.len());
    let res = pairs.iter().position(Option::is_none).unwrap_or(0);
    let (s1, s2, s3) = (1.0 / rho, 1.0 / (rho * rho), 1.0 / (rho * rho * rho));
    for i in 0..p {
        for j in 0..p {
            let xx = c.xx[i * p + j];
            sums.xtsx[(i, j)] += c.xtsx[i * p + j] + s1 * xx;
            for r in 0..k {
                let extra = if r == res { s2 * xx } else { 0.0 };
                sums.p[r][(i, j)] += c.p[r * p * p + i * p + j] + extra;
                for s in 0..k {
                    let pair = r * k + s;
                    let extra = if r == res && s == res { s3 * xx } else { 0.0 };
                    sums.q[pair][(i, j)] += c.q[pair * p * p + i * p + j] + extra;
                }
            }
        }
        for r in 0..k {
            let extra = if r == res { s2 * c.xe[i] } else { 0.0 };
            sums.b[r][i] += c.b[r * p + i] + extra;
        }
    }
    for pair in 0..k * k {
        let extra = if pair == res * k + res {
            s3 * c.ee
        } else {
            0.0
        };
        sums.k[(pair / k, pair % k)] += c.k[pair];
        sums.a[(pair / k, pair % k)] += c.a[pair] + extra;
    }
}

fn not_positive_definite() -> Error {
    Error::singular(
        "marginal covariance",
        "the marginal covariance of a block is not positive definite".into(),
    )
}
