//! The profiled deviance and REML criterion of a linear mixed model with one grouping
//! factor, as functions of θ alone (Bates et al. 2015, J. Stat. Softw. 67(1), §3.4–3.5,
//! eqs. 34 and 41).
//!
//! With one grouping factor, `Λθᵀ Zᵀ Z Λθ + I` is block diagonal with one `q × q` block per
//! group, so its Cholesky factor `L` is too, and the blocked factorisation of §3.5
//! (eqs. 18–20) needs only per-group cross-products `ZᵢᵀZᵢ`, `ZᵢᵀXᵢ`, `Zᵢᵀyᵢ` and the global
//! `XᵀX`, `Xᵀy`, `yᵀy`. Those are accumulated once from the rows ([`CrossProducts::new`]);
//! each evaluation then costs O(groups · q² · p), whatever the number of rows:
//!
//! ```text
//! Lᵢ Lᵢᵀ   = Tᵀ ZᵢᵀZᵢ T + I                 cuᵢ = Lᵢ⁻¹ Tᵀ Zᵢᵀyᵢ
//! RZXᵢ     = Lᵢ⁻¹ Tᵀ ZᵢᵀXᵢ
//! RX RXᵀ   = XᵀX − Σ RZXᵢᵀ RZXᵢ             cβ  = RX⁻¹ (Xᵀy − Σ RZXᵢᵀ cuᵢ)
//! r²(θ)    = yᵀy − Σ |cuᵢ|² − |cβ|²          (penalised residual sum of squares)
//! ML:   −2ℓ(θ)   = log|L|² + n (1 + log(2π r²/n))
//! REML: −2ℓR(θ)  = log|L|² + log|RX|² + (n−p)(1 + log(2π r²/(n−p)))
//! ```
//!
//! Groups with the same `ZᵢᵀZᵢ` and `ZᵢᵀXᵢ` (patients seen at the same visits in the same
//! arm) share `Lᵢ` and `RZXᵢ`, and the terms in `Zᵢᵀyᵢ` are linear or quadratic in it, so
//! they are summed once per such *pattern* from `Σ Zᵢᵀyᵢ` and `Σ Zᵢᵀyᵢ yᵢᵀZᵢ`: with a fixed
//! visit schedule an evaluation costs O(patterns), not O(groups). The algebra is exact; a
//! data set whose groups all differ has one pattern per group.
//!
//! With two random effects per group (`(month | patient)`) the per-pattern algebra is written
//! out in closed form (`criterion/two.rs`: `T Mᵢ⁻¹ Tᵀ` from the adjugate, one division and
//! no square root per group). Many patterns are summed in parallel in fixed chunks added in
//! order, so the criterion does not depend on the number of threads.

use super::design::check_full_rank;
use super::random::RandomEffects;
use crate::dense::{
    backward_solve_transpose, cholesky, forward_solve, inverse_from_cholesky, multiply,
    multiply_transposed,
};
use crate::error::Result;
use crate::model_matrix::ModelMatrix;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

mod two;

/// Cross-products of the data, accumulated once.
#[derive(Debug, Clone)]
pub struct CrossProducts {
    /// Random effects per group.
    pub q: usize,
    /// Fixed-effect columns.
    pub p: usize,
    /// Observations.
    pub n: usize,
    /// Per pattern, packed with stride [`CrossProducts::stride`]: `ZᵢᵀZᵢ` (q·q), `ZᵢᵀXᵢ`
    /// (q·p, row-major), `Σ Zᵢᵀyᵢ` (q), `Σ Zᵢᵀyᵢ yᵢᵀZᵢ` (q·q), number of groups (1).
    pub patterns: Vec<f64>,
    pub n_patterns: usize,
    pub n_groups: usize,
    /// The pattern of each group.
    pub group_pattern: Vec<u32>,
    /// `Zᵢᵀyᵢ` of each group (q each).
    pub group_zty: Vec<f64>,
    /// `XᵀX` (p·p, row-major).
    pub xtx: Vec<f64>,
    /// `Xᵀy`.
    pub xty: Vec<f64>,
    /// `yᵀy`.
    pub yty: f64,
    /// `β_ols`, subtracted from y before the cross-products; added back to β̂.
    pub beta_shift: Vec<f64>,
}

impl CrossProducts {
    /// Accumulate the cross-products; refuses a rank-deficient X (naming the column).
    ///
    /// The response is first replaced by its ordinary-least-squares residual `y − X β_ols`
    /// (kept in [`CrossProducts::beta_shift`]): β is unconstrained, so this changes β̂ by
    /// exactly `β_ols` and leaves r²(θ) unchanged, but `yᵀy` shrinks from the raw sum of
    /// squares to the residual one, which avoids the cancellation in `yᵀy − Σ|cuᵢ|² − |cβ|²`
    /// that would otherwise make the criterion noisy with a million rows.
    pub fn new(y: &[f64], x: &ModelMatrix, re: &RandomEffects) -> Result<CrossProducts> {
        let (n, p, q) = (y.len(), x.p, re.q());
        let (xtx, beta_shift) = ols_coefficients(y, x)?;
        let n_groups = re.levels.len();
        let design_len = q * q + q * p;
        let mut sums = RowSums {
            design: vec![0.0; n_groups * design_len],
            group_zty: vec![0.0; n_groups * q],
            xty: vec![0.0; p],
            yty: 0.0,
        };
        // The literal sizes in each arm let the compiler specialise the small loops.
        match (q, p) {
            (1, 1) => sums.add_rows(y, x, re, &beta_shift, 1, 1),
            (1, 2) => sums.add_rows(y, x, re, &beta_shift, 1, 2),
            (2, 1) => sums.add_rows(y, x, re, &beta_shift, 2, 1),
            (2, 2) => sums.add_rows(y, x, re, &beta_shift, 2, 2),
            (2, 3) => sums.add_rows(y, x, re, &beta_shift, 2, 3),
            (2, 4) => sums.add_rows(y, x, re, &beta_shift, 2, 4),
            _ => sums.add_rows(y, x, re, &beta_shift, q, p),
        }
        let RowSums {
            design,
            group_zty,
            xty,
            yty,
        } = sums;
        // Collect groups into patterns of identical ZᵢᵀZᵢ and ZᵢᵀXᵢ.
        let stride = 2 * q * q + q * p + q + 1;
        let mut index: HashMap<Bits, u32, BuildHasherDefault<WordHasher>> =
            HashMap::with_capacity_and_hasher(n_groups.min(1 << 16), Default::default());
        // Room for every group to be its own pattern (pages never written cost nothing).
        let mut patterns: Vec<f64> = Vec::with_capacity(n_groups * stride);
        let mut group_pattern = Vec::with_capacity(n_groups);
        for g in 0..n_groups {
            let key = Bits(&design[g * design_len..(g + 1) * design_len]);
            let next = index.len() as u32;
            let k = *index.entry(key).or_insert(next);
            if k == next {
                patterns.extend_from_slice(&design[g * design_len..(g + 1) * design_len]);
                patterns.resize(patterns.len() + stride - design_len, 0.0);
            }
            group_pattern.push(k);
            let pat = &mut patterns[k as usize * stride..(k as usize + 1) * stride];
            let zty = &group_zty[g * q..(g + 1) * q];
            let (sum_d, rest) = pat[design_len..].split_at_mut(q);
            let (sum_dd, count) = rest.split_at_mut(q * q);
            for a in 0..q {
                sum_d[a] += zty[a];
                for b in 0..q {
                    sum_dd[a * q + b] += zty[a] * zty[b];
                }
            }
            count[0] += 1.0;
        }
        let n_patterns = index.len();
        Ok(CrossProducts {
            q,
            p,
            n,
            n_patterns,
            patterns,
            n_groups,
            group_pattern,
            group_zty,
            xtx,
            xty,
            yty,
            beta_shift,
        })
    }

    /// Length of one pattern's packed cross-products.
    pub fn stride(&self) -> usize {
        2 * self.q * self.q + self.q * self.p + self.q + 1
    }
}

/// The sums over rows of [`CrossProducts::new`]: per group `ZᵢᵀZᵢ` and `ZᵢᵀXᵢ` side by side
/// (`design`) and `Zᵢᵀyᵢ`; `Xᵀy` and `yᵀy`.
struct RowSums {
    design: Vec<f64>,
    group_zty: Vec<f64>,
    xty: Vec<f64>,
    yty: f64,
}

impl RowSums {
    /// Adds every row, with the response shifted by `X β_shift`.
    #[inline(always)]
    fn add_rows(
        &mut self,
        y: &[f64],
        x: &ModelMatrix,
        re: &RandomEffects,
        beta_shift: &[f64],
        q: usize,
        p: usize,
    ) {
        let design_len = q * q + q * p;
        for (i, &yraw) in y.iter().enumerate() {
            let xi = &x.row(i)[..p];
            let yi = yraw - xi.iter().zip(beta_shift).map(|(a, b)| a * b).sum::<f64>();
            let zi = &re.z[i * q..(i + 1) * q];
            let g = re.group_of_row[i] as usize;
            let block = &mut self.design[g * design_len..(g + 1) * design_len];
            let (ztz, ztx) = block.split_at_mut(q * q);
            let zty = &mut self.group_zty[g * q..(g + 1) * q];
            for a in 0..q {
                let za = zi[a];
                for b in 0..q {
                    ztz[a * q + b] += za * zi[b];
                }
                for b in 0..p {
                    ztx[a * p + b] += za * xi[b];
                }
                zty[a] += za * yi;
            }
            for (xty, x) in self.xty.iter_mut().zip(xi) {
                *xty += x * yi;
            }
            self.yty += yi * yi;
        }
    }
}

/// Numbers compared and hashed by their bits (a pattern's cross-products must be the same
/// numbers, not merely equal ones: `-0.0` and `0.0` differ, as in the sums they came from).
#[derive(Clone, Copy)]
struct Bits<'a>(&'a [f64]);

impl PartialEq for Bits<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0)
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }
}

impl Eq for Bits<'_> {}

impl std::hash::Hash for Bits<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.iter().for_each(|v| state.write_u64(v.to_bits()));
    }
}

/// FxHash's word step (rustc's hasher: rotate, xor, multiply), then MurmurHash3's finaliser so
/// that the low bits a hash table indexes by depend on every word: a fast hash of a few
/// words; the keys are not adversarial.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }
    fn write_u64(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// `XᵀX` (p·p, row-major) and the ordinary-least-squares coefficients `β_ols` of `y` on X;
/// refuses a rank-deficient X, naming the column.
pub fn ols_coefficients(y: &[f64], x: &ModelMatrix) -> Result<(Vec<f64>, Vec<f64>)> {
    let p = x.p;
    let mut xtx = vec![0.0; p * p];
    let mut xty = vec![0.0; p];
    for (i, &yi) in y.iter().enumerate() {
        let xi = x.row(i);
        for a in 0..p {
            for b in 0..=a {
                xtx[a * p + b] += xi[a] * xi[b];
            }
            xty[a] += xi[a] * yi;
        }
    }
    for a in 0..p {
        for b in 0..a {
            xtx[b * p + a] = xtx[a * p + b];
        }
    }
    check_full_rank(&xtx, &x.names)?;
    let mut l = xtx.clone();
    let beta = match cholesky(&mut l, p) {
        Some(()) => {
            let mut b = xty;
            forward_solve(&l, p, &mut b);
            backward_solve_transpose(&l, p, &mut b);
            b
        }
        None => vec![0.0; p],
    };
    Ok((xtx, beta))
}

/// The profiled criterion from its pieces (Bates et al. 2015, eqs. 34 and 41):
/// ML `log|L|² + n (1 + log(2π r²/n))`, REML `log|L|² + log|RX|² + (n−p)(1 + log(2π r²/(n−p)))`.
pub fn profiled_criterion(
    reml: bool,
    n: usize,
    p: usize,
    logdet_l: f64,
    logdet_rx: f64,
    pwrss: f64,
) -> f64 {
    let two_pi = 2.0 * std::f64::consts::PI;
    if reml {
        let df = (n - p) as f64;
        logdet_l + logdet_rx + df * (1.0 + (two_pi * pwrss / df).ln())
    } else {
        let n = n as f64;
        logdet_l + n * (1.0 + (two_pi * pwrss / n).ln())
    }
}

/// One pattern's packed cross-products, unpacked.
struct Pattern<'a> {
    /// ZᵢᵀZᵢ (q·q).
    ztz: &'a [f64],
    /// ZᵢᵀXᵢ (q·p).
    ztx: &'a [f64],
    /// Σ Zᵢᵀyᵢ over the pattern's groups (q).
    sum_d: &'a [f64],
    /// Σ Zᵢᵀyᵢ yᵢᵀZᵢ (q·q).
    sum_dd: &'a [f64],
    /// Number of groups.
    count: f64,
}

impl<'a> Pattern<'a> {
    #[inline(always)]
    fn unpack(block: &'a [f64], q: usize, p: usize) -> Self {
        let (ztz, rest) = block.split_at(q * q);
        let (ztx, rest) = rest.split_at(q * p);
        let (sum_d, rest) = rest.split_at(q);
        let (sum_dd, count) = rest.split_at(q * q);
        Pattern {
            ztz,
            ztx,
            sum_d,
            sum_dd,
            count: count[0],
        }
    }
}

/// Sums over groups that one evaluation needs.
#[derive(Debug, Clone)]
struct GroupSums {
    /// Σ RZXᵢᵀ RZXᵢ (p·p).
    rzx_sq: Vec<f64>,
    /// Σ RZXᵢᵀ cuᵢ (p).
    rzx_cu: Vec<f64>,
    /// Σ |cuᵢ|².
    cu_sq: f64,
    /// Σ log|Lᵢ|² = log|L|².
    logdet_l: f64,
}

impl GroupSums {
    fn zero(p: usize) -> Self {
        GroupSums {
            rzx_sq: vec![0.0; p * p],
            rzx_cu: vec![0.0; p],
            cu_sq: 0.0,
            logdet_l: 0.0,
        }
    }
    fn add(mut self, o: GroupSums) -> Self {
        add_into(&mut self.rzx_sq, &o.rzx_sq);
        add_into(&mut self.rzx_cu, &o.rzx_cu);
        self.cu_sq += o.cu_sq;
        self.logdet_l += o.logdet_l;
        self
    }
}

fn add_into(a: &mut [f64], b: &[f64]) {
    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
}

/// One pattern's factorisation, in scratch buffers.
struct GroupFactor {
    /// Lᵢ (q·q row-major, lower): Lᵢ Lᵢᵀ = Tᵀ ZᵢᵀZᵢ T + I.
    l: Vec<f64>,
    /// V = Lᵢ⁻¹ Tᵀ (q·q).
    v: Vec<f64>,
    /// RZXᵢ = V ZᵢᵀXᵢ (q·p).
    rzx: Vec<f64>,
    /// V Σ Zᵢᵀyᵢ (q): the sum of the pattern's cuᵢ.
    cu: Vec<f64>,
    work: Vec<f64>,
}

impl GroupFactor {
    fn new(q: usize, p: usize) -> Self {
        GroupFactor {
            l: vec![0.0; q * q],
            v: vec![0.0; q * q],
            rzx: vec![0.0; q * p],
            cu: vec![0.0; q],
            work: vec![0.0; q * q],
        }
    }

    /// Factorise for `t` (row-major lower-triangular `q × q`); returns log|Lᵢ|² of one group.
    #[inline(always)]
    fn factor(&mut self, pat: &Pattern, t: &[f64], q: usize, p: usize) -> f64 {
        // work = ZᵢᵀZᵢ T
        for a in 0..q {
            for b in 0..q {
                let mut s = 0.0;
                for k in b..q {
                    s += pat.ztz[a * q + k] * t[k * q + b];
                }
                self.work[a * q + b] = s;
            }
        }
        // l = Tᵀ work + I (lower triangle)
        for a in 0..q {
            for b in 0..=a {
                let mut s = 0.0;
                for k in a..q {
                    s += t[k * q + a] * self.work[k * q + b];
                }
                self.l[a * q + b] = s + if a == b { 1.0 } else { 0.0 };
            }
        }
        let _ = cholesky(&mut self.l, q); // ok: Tᵀ A T + I is positive definite, pivots ≥ 1
        // One logarithm of the product of the pivots (each ≥ 1, few of them) instead of q.
        let logdet = 2.0 * (0..q).map(|j| self.l[j * q + j]).product::<f64>().ln();
        // v = Tᵀ, then forward-solve with L (column by column, in place on rows).
        for a in 0..q {
            for b in 0..q {
                self.v[a * q + b] = t[b * q + a];
            }
        }
        for a in 0..q {
            let d = self.l[a * q + a];
            for k in 0..a {
                let lak = self.l[a * q + k];
                for b in 0..q {
                    self.v[a * q + b] -= lak * self.v[k * q + b];
                }
            }
            for b in 0..q {
                self.v[a * q + b] /= d;
            }
        }
        for a in 0..q {
            for b in 0..p {
                self.rzx[a * p + b] = (0..q).map(|k| self.v[a * q + k] * pat.ztx[k * p + b]).sum();
            }
            self.cu[a] = (0..q).map(|k| self.v[a * q + k] * pat.sum_d[k]).sum();
        }
        logdet
    }

    /// Σ |cuᵢ|² over the pattern's groups: tr(V (Σ dᵢdᵢᵀ) Vᵀ).
    #[inline(always)]
    fn cu_sq(&self, pat: &Pattern, q: usize) -> f64 {
        let mut s = 0.0;
        for a in 0..q {
            for b in 0..q {
                let vb = self.v[a * q + b];
                for c in 0..q {
                    s += vb * pat.sum_dd[b * q + c] * self.v[a * q + c];
                }
            }
        }
        s
    }
}

/// The sums one evaluation needs over the packed patterns in `blocks`.
#[inline(always)]
fn sums_of_patterns(blocks: &[f64], t: &[f64], q: usize, p: usize) -> GroupSums {
    let stride = 2 * q * q + q * p + q + 1;
    let mut f = GroupFactor::new(q, p);
    let mut sums = GroupSums::zero(p);
    for block in blocks.chunks_exact(stride) {
        let pat = Pattern::unpack(block, q, p);
        sums.logdet_l += pat.count * f.factor(&pat, t, q, p);
        for a in 0..p {
            for b in 0..=a {
                let mut s = 0.0;
                for k in 0..q {
                    s += f.rzx[k * p + a] * f.rzx[k * p + b];
                }
                sums.rzx_sq[a * p + b] += pat.count * s;
            }
            let mut s = 0.0;
            for k in 0..q {
                s += f.rzx[k * p + a] * f.cu[k];
            }
            sums.rzx_cu[a] += s;
        }
        sums.cu_sq += f.cu_sq(&pat, q);
    }
    sums
}

/// What the gradient pass needs besides the patterns.
struct GradientInputs<'a> {
    /// T (q·q).
    t: &'a [f64],
    /// (row, column) in T of each θ entry.
    positions: &'a [(usize, usize)],
    /// β̂ in the shifted coordinates of the cross-products.
    beta: &'a [f64],
    /// (RX RXᵀ)⁻¹ for REML; `None` for ML.
    q_inv: Option<&'a [f64]>,
}

/// The gradient sums over the packed patterns in `blocks`: `[∂log|L|², ∂r², ∂log|RX|²]`,
/// each of length θ (see [`ProfiledCriterion::value_and_gradient`]).
#[inline(always)]
fn gradient_sums(blocks: &[f64], inputs: &GradientInputs, q: usize, p: usize) -> Vec<f64> {
    let stride = 2 * q * q + q * p + q + 1;
    let (t, positions, beta) = (inputs.t, inputs.positions, inputs.beta);
    let k_len = positions.len();
    let mut f = GroupFactor::new(q, p);
    let mut acc = vec![0.0; 3 * k_len];
    let mut pm = vec![0.0; q * q];
    let mut col = vec![0.0; q];
    let mut m = vec![0.0; q];
    let mut e = vec![0.0; q * q];
    let mut at = vec![0.0; q * q];
    let mut bm = vec![0.0; q * q];
    let mut wu = vec![0.0; q * q];
    let mut g = vec![0.0; q * q];
    let mut cq = vec![0.0; q * p];
    let mut pg = vec![0.0; q * q];
    for block in blocks.chunks_exact(stride) {
        let pat = Pattern::unpack(block, q, p);
        f.factor(&pat, t, q, p);
        let (a, c) = (pat.ztz, pat.ztx);
        // P = M⁻¹ Tᵀ = L⁻ᵀ V, column by column.
        for j in 0..q {
            for (i, ci) in col.iter_mut().enumerate() {
                *ci = f.v[i * q + j];
            }
            backward_solve_transpose(&f.l, q, &mut col);
            for i in 0..q {
                pm[i * q + j] = col[i];
            }
        }
        for i in 0..q {
            m[i] = (0..p).map(|b| c[i * p + b] * beta[b]).sum();
        }
        // E = Σ (dᵢ − m)(dᵢ − m)ᵀ = Σddᵀ − s mᵀ − m sᵀ + count m mᵀ
        for i in 0..q {
            for j in 0..q {
                e[i * q + j] = pat.sum_dd[i * q + j] - pat.sum_d[i] * m[j] - m[i] * pat.sum_d[j]
                    + pat.count * m[i] * m[j];
            }
        }
        multiply(&mut at, a, t, q, q, q);
        // B = I − AT P
        multiply(&mut bm, &at, &pm, q, q, q);
        for (i, b) in bm.iter_mut().enumerate() {
            *b = if i % (q + 1) == 0 { 1.0 } else { 0.0 } - *b;
        }
        // wu = B E Pᵀ (g as scratch for B E)
        multiply(&mut g, &bm, &e, q, q, q);
        multiply_transposed(&mut wu, &g, &pm, q, q, q);
        if let Some(qi) = inputs.q_inv {
            // G = C Q⁻¹ Cᵀ, then PG = P G.
            multiply(&mut cq, c, qi, q, p, p);
            multiply_transposed(&mut g, &cq, c, q, p, q);
            multiply(&mut pg, &pm, &g, q, q, q);
        }
        for (k, &(r, cc)) in positions.iter().enumerate() {
            let apt: f64 = (0..q).map(|j| a[r * q + j] * pm[cc * q + j]).sum();
            acc[k] += pat.count * 2.0 * apt;
            acc[k_len + k] -= 2.0 * wu[r * q + cc];
            if inputs.q_inv.is_some() {
                // (AT P G Pᵀ)_{r,c} = Σ_i (AT)_{r,i} (PG Pᵀ)_{i,c}
                let mut s = 0.0;
                for i in 0..q {
                    let pgpt: f64 = (0..q).map(|j| pg[i * q + j] * pm[cc * q + j]).sum();
                    s += at[r * q + i] * pgpt;
                }
                acc[2 * k_len + k] += pat.count * (-2.0 * pg[cc * q + r] + 2.0 * s);
            }
        }
    }
    acc
}

/// The criterion's value and the pieces a fit reports.
#[derive(Debug, Clone)]
pub struct Solution {
    /// −2 log-likelihood (ML) or the REML criterion.
    pub criterion: f64,
    /// Fixed effects β̂(θ).
    pub beta: Vec<f64>,
    /// Penalised residual sum of squares r²(θ).
    pub pwrss: f64,
    /// log|L|².
    pub logdet_l: f64,
    /// log|RX|².
    pub logdet_rx: f64,
    /// RX (p·p lower, row-major): RX RXᵀ = XᵀX − Σ RZXᵢᵀRZXᵢ.
    pub rx: Vec<f64>,
}

/// The profiled criterion for fixed data.
pub struct ProfiledCriterion<'a> {
    pub data: &'a CrossProducts,
    pub random: &'a RandomEffects,
    /// REML (true) or ML.
    pub reml: bool,
    /// The last θ solved and its solution: the optimiser asks for the gradient at the point
    /// whose value it has just computed.
    last: Mutex<Option<(Vec<f64>, Solution)>>,
}

/// Patterns per parallel chunk (small enough for the chunks to share out evenly over the
/// threads, whatever their number).
const CHUNK: usize = 1024;

/// Up to this many patterns, an evaluation stays on one thread.
const SERIAL: usize = 8192;

impl<'a> ProfiledCriterion<'a> {
    /// The criterion of `data` with random effects `random`, REML or ML.
    pub fn new(data: &'a CrossProducts, random: &'a RandomEffects, reml: bool) -> Self {
        ProfiledCriterion {
            data,
            random,
            reml,
            last: Mutex::new(None),
        }
    }

    /// [`ProfiledCriterion::solve`], reusing the last solution when θ is the same.
    fn solve_cached(&self, theta: &[f64]) -> Option<Solution> {
        if let Ok(last) = self.last.lock() {
            if let Some((t, sol)) = last.as_ref() {
                if t.as_slice() == theta {
                    return Some(sol.clone());
                }
            }
        }
        let sol = self.solve(theta)?;
        if let Ok(mut last) = self.last.lock() {
            *last = Some((theta.to_vec(), sol.clone()));
        }
        Some(sol)
    }

    /// Map `run` over chunks of patterns (in parallel when there are many) and add up.
    fn over_patterns<R, F>(
        &self,
        run: F,
        zero: impl Fn() -> R + Sync + Send,
        add: fn(R, R) -> R,
    ) -> R
    where
        R: Send,
        F: Fn(&[f64]) -> R + Sync + Send,
    {
        let data = &self.data.patterns;
        if self.data.n_patterns <= SERIAL {
            run(data)
        } else {
            // Fixed chunks, added in order: the sums do not depend on the number of threads.
            let parts: Vec<R> = data
                .par_chunks(CHUNK * self.data.stride())
                .map(run)
                .collect();
            parts.into_iter().fold(zero(), add)
        }
    }

    fn group_sums(&self, t: &[f64]) -> GroupSums {
        let (q, p) = (self.data.q, self.data.p);
        // The literal q in each arm lets the compiler specialise the small loops.
        let run = |blocks: &[f64]| match q {
            1 => sums_of_patterns(blocks, t, 1, p),
            2 => two::sums_of_patterns(blocks, t, p),
            3 => sums_of_patterns(blocks, t, 3, p),
            _ => sums_of_patterns(blocks, t, q, p),
        };
        self.over_patterns(run, || GroupSums::zero(p), GroupSums::add)
    }

    /// Evaluate at `theta`; `None` when the fixed-effect system is not positive definite.
    pub fn solve(&self, theta: &[f64]) -> Option<Solution> {
        let (q, p) = (self.data.q, self.data.p);
        let mut t = vec![0.0; q * q];
        self.random.fill_t(theta, &mut t);
        let sums = self.group_sums(&t);
        let mut rx = self.data.xtx.clone();
        for a in 0..p {
            for b in 0..=a {
                rx[a * p + b] -= sums.rzx_sq[a * p + b];
                rx[b * p + a] = rx[a * p + b];
            }
        }
        cholesky(&mut rx, p)?;
        let mut cb: Vec<f64> = (0..p).map(|a| self.data.xty[a] - sums.rzx_cu[a]).collect();
        forward_solve(&rx, p, &mut cb);
        let cb_sq: f64 = cb.iter().map(|c| c * c).sum();
        let mut beta = cb;
        backward_solve_transpose(&rx, p, &mut beta);
        let fitted_beta: Vec<f64> = beta
            .iter()
            .zip(&self.data.beta_shift)
            .map(|(a, b)| a + b)
            .collect();
        let pwrss = self.data.yty - sums.cu_sq - cb_sq;
        let logdet_rx: f64 = (0..p).map(|j| 2.0 * rx[j * p + j].ln()).sum();
        let criterion =
            profiled_criterion(self.reml, self.data.n, p, sums.logdet_l, logdet_rx, pwrss);
        Some(Solution {
            criterion,
            beta: fitted_beta,
            pwrss,
            logdet_l: sums.logdet_l,
            logdet_rx,
            rx,
        })
    }

    /// The criterion at `theta` (+∞ where it is not defined).
    pub fn value(&self, theta: &[f64]) -> f64 {
        match self.solve_cached(theta) {
            Some(s) if s.criterion.is_finite() && s.pwrss > 0.0 => s.criterion,
            _ => f64::INFINITY,
        }
    }

    /// The criterion and its gradient with respect to θ at `theta` (`None` where the
    /// criterion is not defined).
    ///
    /// With `Mᵢ = Tᵀ AᵢT + I` (`Aᵢ = ZᵢᵀZᵢ`, `Cᵢ = ZᵢᵀXᵢ`, `dᵢ = Zᵢᵀyᵢ`), `Pᵢ = Mᵢ⁻¹Tᵀ`,
    /// `eᵢ = dᵢ − Cᵢβ̂`, the modes `uᵢ = Pᵢeᵢ`, `wᵢ = eᵢ − AᵢT uᵢ` (Zᵢᵀ times the residual),
    /// and θₖ the entry `(r, c)` of `T`:
    ///
    /// ```text
    /// ∂ log|L|²  / ∂θₖ = Σᵢ 2 (Aᵢ Pᵢᵀ)_{rc}                     (Jacobi's formula)
    /// ∂ r²       / ∂θₖ = −2 Σᵢ (wᵢ)_r (uᵢ)_c                     (envelope theorem: β̂, û optimal)
    /// ∂ log|RX|² / ∂θₖ = Σᵢ −2 (Pᵢ Gᵢ)_{cr} + 2 (AᵢT Pᵢ Gᵢ Pᵢᵀ)_{rc},  Gᵢ = Cᵢ (RX RXᵀ)⁻¹ Cᵢᵀ
    /// ```
    ///
    /// Over a pattern, `Σ wᵢuᵢᵀ = (I − AT P) E Pᵀ` with `E = Σ eᵢeᵢᵀ`, from the pattern's sums.
    /// The criterion's derivative is `∂log|L|² [+ ∂log|RX|²] + ν ∂r²/r²` with ν = n (ML) or
    /// n − p (REML). Costs about two evaluations, against 2·length(θ) for differences.
    pub fn value_and_gradient(&self, theta: &[f64]) -> Option<(f64, Vec<f64>)> {
        let sol = self.solve_cached(theta)?;
        if !sol.criterion.is_finite() || sol.pwrss <= 0.0 {
            return None;
        }
        let (q, p) = (self.data.q, self.data.p);
        let mut t = vec![0.0; q * q];
        self.random.fill_t(theta, &mut t);
        let positions = self.random.theta_positions();
        let k_len = positions.len();
        let beta: Vec<f64> = sol
            .beta
            .iter()
            .zip(&self.data.beta_shift)
            .map(|(a, b)| a - b)
            .collect();
        let q_inv = self.reml.then(|| inverse_from_cholesky(&sol.rx, p));
        let inputs = GradientInputs {
            t: &t,
            positions: &positions,
            beta: &beta,
            q_inv: q_inv.as_deref(),
        };
        // Per-chunk sums: [∂log|L|² (k), ∂r² (k), ∂log|RX|² (k)]; the literal q in each arm
        // lets the compiler specialise the small loops.
        let run = |blocks: &[f64]| match q {
            1 => gradient_sums(blocks, &inputs, 1, p),
            2 => two::gradient_sums(blocks, &inputs, p),
            3 => gradient_sums(blocks, &inputs, 3, p),
            _ => gradient_sums(blocks, &inputs, q, p),
        };
        let acc = self.over_patterns(
            run,
            || vec![0.0; 3 * k_len],
            |mut x, y| {
                add_into(&mut x, &y);
                x
            },
        );
        let n = self.data.n as f64;
        let nu = if self.reml { n - p as f64 } else { n };
        let grad = (0..k_len)
            .map(|k| acc[k] + acc[2 * k_len + k] + nu * acc[k_len + k] / sol.pwrss)
            .collect();
        Some((sol.criterion, grad))
    }

    /// Conditional modes `bᵢ = T uᵢ`, `uᵢ = Mᵢ⁻¹ Tᵀ (Zᵢᵀyᵢ − ZᵢᵀXᵢ β̂)`, one `q`-vector per
    /// group (group-major), for the fitted `beta`.
    pub fn conditional_modes(&self, theta: &[f64], beta: &[f64]) -> Vec<f64> {
        let q = self.data.q;
        let mut t = vec![0.0; q * q];
        self.random.fill_t(theta, &mut t);
        let shifted: Vec<f64> = beta
            .iter()
            .zip(&self.data.beta_shift)
            .map(|(a, b)| a - b)
            .collect();
        if q == 2 {
            return two::conditional_modes(self.data, &t, &shifted);
        }
        self.modes_by_factors(&t, &shifted)
    }

    /// [`ProfiledCriterion::conditional_modes`] through each pattern's factor `Lᵢ`, `V`, for
    /// `T` = `t` and β in the shifted coordinates (`shifted`), any q.
    fn modes_by_factors(&self, t: &[f64], shifted: &[f64]) -> Vec<f64> {
        let (q, p) = (self.data.q, self.data.p);
        let stride = self.data.stride();
        // Per pattern, side by side in one buffer: L (q·q), V (q·q) and m = Cβ (q).
        let width = 2 * q * q + q;
        let mut factors = vec![0.0; self.data.n_patterns * width];
        let mut f = GroupFactor::new(q, p);
        for (block, out) in self
            .data
            .patterns
            .chunks_exact(stride)
            .zip(factors.chunks_exact_mut(width))
        {
            let pat = Pattern::unpack(block, q, p);
            f.factor(&pat, t, q, p);
            let (l, rest) = out.split_at_mut(q * q);
            let (v, m) = rest.split_at_mut(q * q);
            l.copy_from_slice(&f.l);
            v.copy_from_slice(&f.v);
            for (i, mi) in m.iter_mut().enumerate() {
                *mi = (0..p).map(|b| pat.ztx[i * p + b] * shifted[b]).sum();
            }
        }
        let mut out = vec![0.0; self.data.n_groups * q];
        let mut u = vec![0.0; q];
        for g in 0..self.data.n_groups {
            let k = self.data.group_pattern[g] as usize;
            let (l, rest) = factors[k * width..(k + 1) * width].split_at(q * q);
            let (v, m) = rest.split_at(q * q);
            let d = &self.data.group_zty[g * q..(g + 1) * q];
            for (i, ui) in u.iter_mut().enumerate() {
                *ui = (0..q).map(|k| v[i * q + k] * (d[k] - m[k])).sum();
            }
            backward_solve_transpose(l, q, &mut u);
            for a in 0..q {
                out[g * q + a] = (0..=a).map(|k| t[a * q + k] * u[k]).sum();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lmm::design::fixed_matrix;
    use crate::lmm::formula::Formula;
    use crate::lmm::frame::{Frame, RawColumn};

    /// A small unbalanced data set with a categorical-free design (values arbitrary).
    fn frame() -> Frame {
        // Groups g0 and g4 share their x values (one pattern); the others are unique.
        let g: Vec<String> = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4]
            .iter()
            .map(|i| format!("g{i}"))
            .collect();
        let x = vec![
            0.0, 1.0, 2.0, 0.0, 3.0, 0.0, 1.0, 2.0, 4.0, 1.0, 2.0, 5.0, 0.0, 1.0, 2.0,
        ];
        let y = vec![
            1.0, 2.5, 2.9, 0.2, 1.1, 3.0, 4.2, 4.1, 6.3, 0.5, 1.9, 2.2, 2.0, 2.2, 3.7,
        ];
        let x2: Vec<f64> = x.iter().map(|v| v * v - 0.5 * v).collect();
        Frame::from_columns(
            "t",
            vec![
                ("y".into(), RawColumn::Numbers(y)),
                ("x".into(), RawColumn::Numbers(x)),
                ("x2".into(), RawColumn::Numbers(x2)),
                ("g".into(), RawColumn::Text(g)),
            ],
        )
        .unwrap()
    }

    #[test]
    fn analytic_gradient_agrees_with_central_differences() {
        let fr = frame();
        for formula in [
            "y ~ x + (x | g)",
            "y ~ x + (x || g)",
            "y ~ 1 + (1 | g)",
            "y ~ x + (x + x2 | g)",
            "y ~ x + (1 | g) + (0 + x + x2 | g)",
        ] {
            let f = Formula::parse(formula).unwrap();
            let x = fixed_matrix(&f, &fr).unwrap();
            let re = RandomEffects::build(&f, &fr).unwrap();
            let y = match fr.column("y") {
                Some(crate::lmm::frame::Column::Numeric(v)) => v.clone(),
                _ => unreachable!(),
            };
            let data = CrossProducts::new(&y, &x, &re).unwrap();
            assert!(data.n_groups == 5 && data.n_patterns < 5);
            for reml in [true, false] {
                let c = ProfiledCriterion::new(&data, &re, reml);
                let theta: Vec<f64> = [0.8, -0.3, 0.5, 0.2, 0.4, 0.7][..re.n_theta()].to_vec();
                let (_, g) = c.value_and_gradient(&theta).unwrap();
                for k in 0..theta.len() {
                    let h = 1e-6;
                    let mut a = theta.clone();
                    a[k] += h;
                    let mut b = theta.clone();
                    b[k] -= h;
                    let fd = (c.value(&a) - c.value(&b)) / (2.0 * h);
                    assert!(
                        (g[k] - fd).abs() < 1e-6 * fd.abs().max(1.0),
                        "{formula} reml={reml} k={k}: {} vs {fd}",
                        g[k]
                    );
                }
            }
        }
    }
    #[test]
    fn closed_form_modes_match_the_factors() {
        let fr = frame();
        for formula in ["y ~ x + (x | g)", "y ~ x + x2 + (x || g)"] {
            let f = Formula::parse(formula).unwrap();
            let x = fixed_matrix(&f, &fr).unwrap();
            let re = RandomEffects::build(&f, &fr).unwrap();
            let y = match fr.column("y") {
                Some(crate::lmm::frame::Column::Numeric(v)) => v.clone(),
                _ => unreachable!(),
            };
            let data = CrossProducts::new(&y, &x, &re).unwrap();
            let c = ProfiledCriterion::new(&data, &re, true);
            let theta: Vec<f64> = [0.8, -0.3, 0.5][..re.n_theta()].to_vec();
            let beta: Vec<f64> = (0..data.p).map(|j| 0.3 - 0.2 * j as f64).collect();
            let closed = c.conditional_modes(&theta, &beta);
            let mut t = vec![0.0; 4];
            re.fill_t(&theta, &mut t);
            let shifted: Vec<f64> = beta
                .iter()
                .zip(&data.beta_shift)
                .map(|(a, b)| a - b)
                .collect();
            let general = c.modes_by_factors(&t, &shifted);
            assert_eq!(closed.len(), general.len());
            for (a, b) in closed.iter().zip(&general) {
                assert!(
                    (a - b).abs() <= 1e-13 * b.abs().max(1.0),
                    "{formula}: {a} {b}"
                );
            }
        }
    }

    #[test]
    fn closed_form_for_two_random_effects_matches_the_general_loops() {
        let fr = frame();
        for formula in ["y ~ x + (x | g)", "y ~ x + x2 + (x || g)"] {
            let f = Formula::parse(formula).unwrap();
            let x = fixed_matrix(&f, &fr).unwrap();
            let re = RandomEffects::build(&f, &fr).unwrap();
            let y = match fr.column("y") {
                Some(crate::lmm::frame::Column::Numeric(v)) => v.clone(),
                _ => unreachable!(),
            };
            let data = CrossProducts::new(&y, &x, &re).unwrap();
            let (q, p) = (data.q, data.p);
            assert_eq!(q, 2);
            let theta: Vec<f64> = [0.8, -0.3, 0.5][..re.n_theta()].to_vec();
            let mut t = vec![0.0; q * q];
            re.fill_t(&theta, &mut t);
            let general = sums_of_patterns(&data.patterns, &t, q, p);
            let closed = two::sums_of_patterns(&data.patterns, &t, p);
            let close = |a: &[f64], b: &[f64]| {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(x, y)| (x - y).abs() <= 1e-13 * x.abs().max(1.0))
            };
            assert!(close(&general.rzx_sq, &closed.rzx_sq), "{formula}");
            assert!(close(&general.rzx_cu, &closed.rzx_cu), "{formula}");
            assert!(close(&[general.cu_sq], &[closed.cu_sq]), "{formula}");
            assert!(close(&[general.logdet_l], &[closed.logdet_l]), "{formula}");
            let positions = re.theta_positions();
            let beta: Vec<f64> = (0..p).map(|j| 0.3 - 0.2 * j as f64).collect();
            let q_inv: Vec<f64> = (0..p * p)
                .map(|k| if k % (p + 1) == 0 { 0.7 } else { 0.1 })
                .collect();
            for q_inv in [None, Some(q_inv.as_slice())] {
                let inputs = GradientInputs {
                    t: &t,
                    positions: &positions,
                    beta: &beta,
                    q_inv,
                };
                let general = gradient_sums(&data.patterns, &inputs, q, p);
                let closed = two::gradient_sums(&data.patterns, &inputs, p);
                assert!(
                    close(&general, &closed),
                    "{formula}: {general:?} {closed:?}"
                );
            }
        }
    }
}
