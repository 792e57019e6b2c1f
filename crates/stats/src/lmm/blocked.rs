//! The profiled deviance and REML criterion of a linear mixed model with several grouping
//! factors, nested or crossed (Bates et al. 2015, J. Stat. Softw. 67(1), §3), by blocked
//! Cholesky algebra in the manner of MixedModels.jl (Bates et al., the `BlockedSparse`
//! representation of `L`).
//!
//! Λθ is block diagonal by factor. The factors are ordered as lme4 orders them, most levels
//! first; the first one's random effects are eliminated group by group, because
//! `Λ₀ᵀZ₀ᵀZ₀Λ₀ + I` is block diagonal (one `q₀ × q₀` block per level). Everything else, the
//! other factors' random effects, the fixed effects X and the response y, forms one
//! symmetric matrix of order `m + p + 1`, held dense:
//!
//! ```text
//! Lᵢ Lᵢᵀ = T₀ᵀ AᵢT₀ + I                     (Aᵢ = Z₀ᵢᵀZ₀ᵢ, one per level i of factor 0)
//! Wᵢ     = Lᵢ⁻¹ T₀ᵀ Bᵢ Λ̃                    (Bᵢ = Z₀ᵢᵀ[Z_rest X y], sparse: the columns level i meets)
//! D      = Λ̃ᵀ [Z_rest X y]ᵀ[Z_rest X y] Λ̃ + [I 0; 0 0] − Σᵢ WᵢᵀWᵢ
//! D      = R Rᵀ  (dense Cholesky; R's last row holds cβ and r, its X block is RX)
//! log|L|² = Σᵢ log|Lᵢ|² + Σ_{j<m} 2 log R_jj,   r²(θ) = R_{NN}²,   β̂ = RX⁻ᵀ cβ
//! ```
//!
//! with Λ̃ = blockdiag(Λ_rest, I). This is the full Cholesky factor of the augmented system
//! `[ΛᵀZᵀZΛ + I, ΛᵀZᵀX, ΛᵀZᵀy; ·, XᵀX, Xᵀy; ·, ·, yᵀy]` of lme4's §3.5 and MixedModels.jl,
//! so the criterion follows from its diagonal exactly as for one factor. The same factor,
//! built over rows weighted by √wᵢ with no X, is the PIRLS step of a generalised model with
//! several factors ([`BlockedSystem::spherical_modes`], used by [`crate::glmm::several`]).
//!
//! Why hand-written blocked algebra rather than a general sparse Cholesky (faer, sprs): the
//! structure is known in advance. The largest factor's block is block diagonal and is never
//! formed as a sparse matrix; its elimination costs O(Σᵢ |Sᵢ|² q₀), where Sᵢ is the set of
//! other columns level i meets (a site and the fixed effects for a patient: four numbers). What
//! remains couples the smaller factors, and after eliminating the largest one it is dense in
//! practice (students who rate many lecturers fill the lecturer block, as in MixedModels.jl's
//! InstEval fit), so a dense Cholesky with a matrix-product trailing update (nalgebra's
//! `gemm`, which calls `matrixmultiply`; the panels of columns shared between threads) is the
//! fastest choice, with no symbolic analysis and no new dependency. Measured on the crossed
//! benchmark (order 1,117): about 9 ms per factorisation, some 50 Gflop/s from one core, close
//! to what an optimised dense library reaches, which is why no such crate (faer) was added.
//! Its limit: the other factors may have at most [`MAX_DENSE_ORDER`] random effects together
//! (the largest factor may have any number).
//!
//! The optimiser starts, when every factor has one random effect, from a moment estimate of θ
//! ([`BlockedSystem::moment_start`]) if its criterion is below that of lme4's start: a
//! crossed model then needs about 50 evaluations instead of 180.

use super::criterion::{Solution, ols_coefficients, profiled_criterion};
use super::random::RandomEffects;
use crate::dense::{backward_solve_transpose, cholesky, forward_solve};
use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use nalgebra::DMatrix;
use rayon::prelude::*;
use std::sync::Mutex;

/// The largest order `m + p + 1` of the dense part (other factors' random effects, fixed
/// effects and the response): its matrix takes `8 · order²` bytes (about 0.3 GB at 6,000).
pub const MAX_DENSE_ORDER: usize = 6000;

const NONE: u32 = u32::MAX;

/// Levels of factor 0 per parallel chunk.
const GROUP_CHUNK: usize = 2048;

/// The data of a multi-factor model, accumulated once.
pub struct BlockedSystem<'a> {
    factors: &'a [RandomEffects],
    n: usize,
    p: usize,
    q0: usize,
    /// Random effects of the factors after the first.
    m: usize,
    /// Order of the dense part, m + p + 1.
    order: usize,
    /// First column of each factor in the dense part (0 for factor 0, unused).
    offsets: Vec<usize>,
    /// For each dense column below m: (factor, first column of its level's block).
    column_block: Vec<(u32, u32)>,
    /// `[Z_rest X y]ᵀ[Z_rest X y]`, order × order, symmetric.
    cross: Vec<f64>,
    /// `AᵢT = Z₀ᵢᵀZ₀ᵢ` per level of factor 0 (q₀·q₀ each).
    a0: Vec<f64>,
    /// Sᵢ: the dense columns level i meets, sorted, `s_cols[s_start[i]..s_start[i + 1]]`.
    s_start: Vec<usize>,
    s_cols: Vec<u32>,
    /// Bᵢ = Z₀ᵢᵀ[Z_rest X y] on Sᵢ, q₀ × |Sᵢ| row-major, from `s_start[i]·q₀`.
    b_vals: Vec<f64>,
    /// For each dense column c, the levels of factor 0 that meet it, as (level, position of
    /// c in Sᵢ): `column_entries[column_start[c]..column_start[c + 1]]`.
    column_start: Vec<usize>,
    column_entries: Vec<(u32, u32)>,
    /// Factorisations whose buffers can be reused: an evaluation then allocates nothing (fresh
    /// megabytes per evaluation cost more in page faults than the arithmetic).
    pool: Mutex<Vec<Factorization>>,
    /// β_ols, subtracted from y (see [`super::criterion::CrossProducts::new`]).
    beta_shift: Vec<f64>,
    /// A start for θ from moments of the OLS residuals (see `moment_theta`).
    moment_theta: Vec<f64>,
}

/// One factorisation at θ.
struct Factorization {
    /// The dense part's Cholesky factor R (lower, column-major, order × order).
    r: DMatrix<f64>,
    /// Σᵢ log|Lᵢ|².
    logdet_groups: f64,
    /// Per level of factor 0: Lᵢ (q₀·q₀) and Wᵢ (laid out as `b_vals`).
    ls: Vec<f64>,
    ws: Vec<f64>,
}

impl<'a> BlockedSystem<'a> {
    /// Accumulate the cross-products of `y`, `x` and the random effects of `factors` (at
    /// least two, the largest first); refuses a rank-deficient X and a dense part above
    /// [`MAX_DENSE_ORDER`].
    pub fn new(y: &[f64], x: &ModelMatrix, factors: &'a [RandomEffects]) -> Result<Self> {
        Self::build(y, x, factors, None)
    }

    /// The system `ΛθᵀZᵀWZΛθ + I` of a generalised model's Newton step for its spherical
    /// random effects, W = diag(`weights`) of any sign (an observed information that is
    /// negative for a row far from its mean): each row's cross-products are multiplied by its
    /// weight rather than the row scaled by its root, so a negative weight is held. No fixed
    /// effects and no response: solve it with [`BlockedSystem::solve_spherical`]. Refuses a
    /// dense part above [`MAX_DENSE_ORDER`] as [`BlockedSystem::new`] does.
    pub fn with_row_weights(factors: &'a [RandomEffects], weights: &[f64]) -> Result<Self> {
        let n = weights.len();
        Self::build(
            &vec![0.0; n],
            &ModelMatrix::from_columns(n, Vec::new()),
            factors,
            Some(weights),
        )
    }

    fn build(
        y: &[f64],
        x: &ModelMatrix,
        factors: &'a [RandomEffects],
        weights: Option<&[f64]>,
    ) -> Result<Self> {
        let (n, p) = (y.len(), x.p);
        let q0 = factors[0].q();
        let mut offsets = vec![0; factors.len()];
        let mut column_block = Vec::new();
        let mut m = 0;
        for (k, f) in factors.iter().enumerate().skip(1) {
            offsets[k] = m;
            for level in 0..f.levels.len() {
                for _ in 0..f.q() {
                    column_block.push((k as u32, (m + level * f.q()) as u32));
                }
            }
            m += f.q() * f.levels.len();
        }
        let order = m + p + 1;
        if order > MAX_DENSE_ORDER {
            let others: Vec<String> = factors[1..]
                .iter()
                .map(|f| format!("'{}' ({} levels)", f.group, f.levels.len()))
                .collect();
            return Err(Error::field(
                "formula",
                format!(
                    "the grouping factors after the largest ('{}') have {m} random effects together ({}); at most {} are supported, because the part of the system that couples them is held dense",
                    factors[0].group,
                    others.join(", "),
                    MAX_DENSE_ORDER - p - 1
                ),
            ));
        }
        let (_, beta_shift) = match weights {
            // A weighted system has no X and no response.
            Some(_) => (Vec::new(), Vec::new()),
            None => ols_coefficients(y, x)?,
        };
        let residual: Vec<f64> = (0..n)
            .map(|i| {
                y[i] - x
                    .row(i)
                    .iter()
                    .zip(&beta_shift)
                    .map(|(a, b)| a * b)
                    .sum::<f64>()
            })
            .collect();
        let moment_theta = match weights {
            Some(_) => Vec::new(),
            None => moment_theta(factors, &residual, p),
        };
        let dense = DenseRows {
            factors,
            offsets: &offsets,
            x,
            m,
            residual: &residual,
            weights,
        };
        let mut cross = dense.cross_products(order);
        if weights.is_some() {
            // The response column is zero; a 1 on its diagonal keeps the factor's last pivot
            // at 1 (it is read by nothing).
            cross[order * order - 1] = 1.0;
        }
        let blocks = LevelBlocks::new(&dense, order);
        let (column_start, column_entries) = blocks.columns_met(order);
        let LevelBlocks {
            a0,
            s_start,
            s_cols,
            b_vals,
        } = blocks;
        Ok(BlockedSystem {
            pool: Mutex::new(Vec::new()),
            column_start,
            column_entries,
            factors,
            n,
            p,
            q0,
            m,
            order,
            offsets,
            column_block,
            cross,
            a0,
            s_start,
            s_cols,
            b_vals,
            beta_shift,
            moment_theta,
        })
    }

    /// A start for θ from moments of the OLS residuals: see `moment_theta`.
    pub fn moment_start(&self) -> &[f64] {
        &self.moment_theta
    }

    /// The factor of each dense column's Λ̃ entry when every factor after the first has one
    /// random effect (Λ̃ is then diagonal): θ of its factor below m, 1 for X and y.
    fn diagonal_lambda(&self, ts: &[Vec<f64>]) -> Option<Vec<f64>> {
        if self.factors[1..].iter().any(|f| f.q() != 1) {
            return None;
        }
        Some(
            (0..self.order)
                .map(|c| {
                    if c < self.m {
                        ts[self.column_block[c].0 as usize][0]
                    } else {
                        1.0
                    }
                })
                .collect(),
        )
    }

    /// Each factor's `T` (q·q row-major, lower) for `theta` (the factors' θ in order).
    fn t_blocks(&self, theta: &[f64]) -> Vec<Vec<f64>> {
        super::random::t_blocks(self.factors, theta)
    }

    /// `v` (a row of values over the dense columns `cols`, which hold whole level blocks)
    /// times Λ̃ restricted to `cols`, written to `out`.
    fn times_lambda(&self, ts: &[Vec<f64>], cols: &[u32], v: &[f64], out: &mut [f64]) {
        for (j, &c) in cols.iter().enumerate() {
            let c = c as usize;
            if c >= self.m {
                out[j] = v[j];
                continue;
            }
            let (k, s) = self.column_block[c];
            let q = self.factors[k as usize].q();
            let t = &ts[k as usize];
            let a = c - s as usize;
            let first = j - a;
            out[j] = (a..q).map(|b| v[first + b] * t[b * q + a]).sum();
        }
    }

    fn factorize(&self, theta: &[f64]) -> Option<Factorization> {
        let ts = self.t_blocks(theta);
        let (order, q0) = (self.order, self.q0);
        let diagonal = self.diagonal_lambda(&ts);
        let levels0 = self.s_start.len() - 1;
        let mut f = self
            .pool
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_else(|| Factorization {
                r: DMatrix::zeros(order, order),
                logdet_groups: 0.0,
                ls: vec![0.0; levels0 * q0 * q0],
                ws: vec![0.0; self.b_vals.len()],
            });
        self.scaled_cross(&ts, diagonal.as_deref(), f.r.as_mut_slice());
        f.logdet_groups = self.eliminate_levels(&ts, diagonal.as_deref(), &mut f.ls, &mut f.ws)?;
        self.subtract_level_products(f.r.as_mut_slice(), &f.ws);
        if !crate::dense::blocked::cholesky_lower(&mut f.r) {
            return None;
        }
        Some(f)
    }

    /// Writes `D = Λ̃ᵀ C Λ̃ + [I 0; 0 0]` to `d` (order × order; symmetric, so the row-major
    /// product is also column-major), scaling by `diagonal` when Λ̃ is diagonal.
    fn scaled_cross(&self, ts: &[Vec<f64>], diagonal: Option<&[f64]>, d: &mut [f64]) {
        let (order, m) = (self.order, self.m);
        if let Some(scale) = diagonal {
            // Only the lower triangle: nothing below reads the upper one.
            for (c, column) in d.chunks_mut(order).enumerate() {
                let from = &self.cross[c * order..(c + 1) * order];
                let sc = scale[c];
                for r in c..order {
                    column[r] = sc * scale[r] * from[r];
                }
            }
        } else {
            let all: Vec<u32> = (0..order as u32).collect();
            let mut e = vec![0.0; order * order];
            for r in 0..order {
                self.times_lambda(
                    ts,
                    &all,
                    &self.cross[r * order..(r + 1) * order],
                    &mut e[r * order..(r + 1) * order],
                );
            }
            // D = Λ̃ᵀ E: E is symmetric-times-Λ̃; transpose it and apply Λ̃ again by rows.
            let mut et = vec![0.0; order * order];
            for r in 0..order {
                for c in 0..order {
                    et[c * order + r] = e[r * order + c];
                }
            }
            for r in 0..order {
                self.times_lambda(
                    ts,
                    &all,
                    &et[r * order..(r + 1) * order],
                    &mut d[r * order..(r + 1) * order],
                );
            }
        }
        for j in 0..m {
            d[j * order + j] += 1.0;
        }
    }

    /// Eliminates the levels of factor 0, in parallel chunks: writes Lᵢ and Wᵢ for every level
    /// to `ls` and `ws`, and returns Σᵢ log|Lᵢ|² (`None` if a factorisation fails).
    fn eliminate_levels(
        &self,
        ts: &[Vec<f64>],
        diagonal: Option<&[f64]>,
        ls: &mut [f64],
        ws: &mut [f64],
    ) -> Option<f64> {
        let q0 = self.q0;
        let levels0 = self.s_start.len() - 1;
        let mut chunks = Vec::new();
        {
            let (mut l_rest, mut w_rest) = (ls, ws);
            let mut g = 0;
            while g < levels0 {
                let end = (g + GROUP_CHUNK).min(levels0);
                let (l_here, l_next) = l_rest.split_at_mut((end - g) * q0 * q0);
                let w_len = (self.s_start[end] - self.s_start[g]) * q0;
                let (w_here, w_next) = w_rest.split_at_mut(w_len);
                chunks.push((g..end, l_here, w_here));
                (l_rest, w_rest) = (l_next, w_next);
                g = end;
            }
        }
        let logdets: Vec<Option<f64>> = chunks
            .into_par_iter()
            .map(|(range, l, w)| match q0 {
                // The literal q₀ lets the compiler unroll the small loops.
                1 => self.eliminate(ts, diagonal, range, l, w, 1),
                2 => self.eliminate(ts, diagonal, range, l, w, 2),
                _ => self.eliminate(ts, diagonal, range, l, w, q0),
            })
            .collect();
        let mut logdet_groups = 0.0;
        for l in logdets {
            logdet_groups += l?;
        }
        Some(logdet_groups)
    }

    /// `D −= Σᵢ WᵢᵀWᵢ` on `d` (order × order, column-major), from the `ws` of every level.
    fn subtract_level_products(&self, d: &mut [f64], ws: &[f64]) {
        let (order, q0) = (self.order, self.q0);
        // Column by column (lower triangle): each column of D is contiguous and small enough
        // to stay in cache while every level meeting it is added, and the columns are
        // independent, so they are split between threads.
        d.par_chunks_mut(order).enumerate().for_each(|(c, column)| {
            for &(g, j) in &self.column_entries[self.column_start[c]..self.column_start[c + 1]] {
                let (g, j) = (g as usize, j as usize);
                let cols = &self.s_cols[self.s_start[g]..self.s_start[g + 1]];
                let len = cols.len();
                let w = &ws[self.s_start[g] * q0..self.s_start[g + 1] * q0];
                for u in 0..q0 {
                    let row = &w[u * len..(u + 1) * len];
                    let wj = row[j];
                    for (&r, &v) in cols[j..].iter().zip(&row[j..]) {
                        // SAFETY: every entry of `s_cols` is a dense column, below `order`
                        // (`new` builds them so), and `column` has `order` entries. The
                        // bounds check here cost a fifth of a crossed model's fit.
                        unsafe { *column.get_unchecked_mut(r as usize) -= wj * v };
                    }
                }
            }
        });
    }

    /// Hand a factorisation's buffers back for the next evaluation.
    fn recycle(&self, f: Factorization) {
        if let Ok(mut pool) = self.pool.lock() {
            pool.push(f);
        }
    }

    /// Lᵢ and Wᵢ = Lᵢ⁻¹ T₀ᵀ Bᵢ Λ̃ for the levels `range` of factor 0, written to `ls` and `ws`
    /// (the range's parts); returns Σ log|Lᵢ|², or `None` if a factorisation fails.
    #[inline(always)]
    fn eliminate(
        &self,
        ts: &[Vec<f64>],
        diagonal: Option<&[f64]>,
        range: std::ops::Range<usize>,
        ls: &mut [f64],
        ws: &mut [f64],
        q0: usize,
    ) -> Option<f64> {
        let t0 = &ts[0];
        let w_base = self.s_start[range.start] * q0;
        let mut work = vec![0.0; q0 * q0];
        let mut bs: Vec<f64> = Vec::new();
        let mut logdet = 0.0;
        // The pivots are ≥ 1: their product is logged once it grows large, not one by one.
        let mut product = 1.0;
        for (k, g) in range.enumerate() {
            let a = &self.a0[g * q0 * q0..(g + 1) * q0 * q0];
            let l = &mut ls[k * q0 * q0..(k + 1) * q0 * q0];
            // L = chol(T₀ᵀ A T₀ + I)
            for u in 0..q0 {
                for v in 0..q0 {
                    work[u * q0 + v] = (v..q0).map(|k| a[u * q0 + k] * t0[k * q0 + v]).sum();
                }
            }
            for u in 0..q0 {
                for v in 0..=u {
                    l[u * q0 + v] = (u..q0)
                        .map(|k| t0[k * q0 + u] * work[k * q0 + v])
                        .sum::<f64>()
                        + if u == v { 1.0 } else { 0.0 };
                }
            }
            cholesky(l, q0)?;
            for j in 0..q0 {
                product *= l[j * q0 + j];
            }
            if product > 1e200 {
                logdet += product.ln();
                product = 1.0;
            }
            let cols = &self.s_cols[self.s_start[g]..self.s_start[g + 1]];
            let len = cols.len();
            let b = &self.b_vals[self.s_start[g] * q0..self.s_start[g + 1] * q0];
            bs.resize(q0 * len, 0.0);
            for u in 0..q0 {
                let (from, to) = (&b[u * len..(u + 1) * len], &mut bs[u * len..(u + 1) * len]);
                match diagonal {
                    Some(scale) => {
                        for ((t, v), &c) in to.iter_mut().zip(from).zip(cols) {
                            *t = v * scale[c as usize];
                        }
                    }
                    None => self.times_lambda(ts, cols, from, to),
                }
            }
            // W = L⁻¹ T₀ᵀ Bs (row by row: forward substitution over the rows of W).
            let w = &mut ws[self.s_start[g] * q0 - w_base..self.s_start[g + 1] * q0 - w_base];
            w.iter_mut().for_each(|x| *x = 0.0);
            for u in 0..q0 {
                for v in u..q0 {
                    let tvu = t0[v * q0 + u];
                    if tvu != 0.0 {
                        for j in 0..len {
                            w[u * len + j] += tvu * bs[v * len + j];
                        }
                    }
                }
                for k in 0..u {
                    let luk = l[u * q0 + k];
                    for j in 0..len {
                        w[u * len + j] -= luk * w[k * len + j];
                    }
                }
                let luu = l[u * q0 + u];
                for j in 0..len {
                    w[u * len + j] /= luu;
                }
            }
        }
        Some(2.0 * (logdet + product.ln()))
    }

    /// Evaluate at `theta`; `None` where a factorisation fails (not positive definite).
    pub fn solve(&self, theta: &[f64], reml: bool) -> Option<Solution> {
        let f = self.factorize(theta)?;
        let solution = self.solution(&f, reml);
        self.recycle(f);
        Some(solution)
    }

    fn solution(&self, f: &Factorization, reml: bool) -> Solution {
        let (m, p) = (self.m, self.p);
        let r = &f.r;
        let logdet_l = f.logdet_groups + (0..m).map(|j| 2.0 * r[(j, j)].ln()).sum::<f64>();
        let mut rx = vec![0.0; p * p];
        for a in 0..p {
            for b in 0..=a {
                rx[a * p + b] = r[(m + a, m + b)];
            }
        }
        let logdet_rx: f64 = (0..p).map(|j| 2.0 * rx[j * p + j].ln()).sum();
        let mut beta: Vec<f64> = (0..p).map(|a| r[(m + p, m + a)]).collect();
        backward_solve_transpose(&rx, p, &mut beta);
        let pwrss = r[(m + p, m + p)].powi(2);
        let criterion = profiled_criterion(reml, self.n, p, logdet_l, logdet_rx, pwrss);
        Solution {
            criterion,
            beta: beta
                .iter()
                .zip(&self.beta_shift)
                .map(|(a, b)| a + b)
                .collect(),
            pwrss,
            logdet_l,
            logdet_rx,
            rx,
        }
    }

    /// The criterion at `theta` (+∞ where it is not defined).
    pub fn value(&self, theta: &[f64], reml: bool) -> f64 {
        match self.solve(theta, reml) {
            Some(s) if s.criterion.is_finite() && s.pwrss > 0.0 => s.criterion,
            _ => f64::INFINITY,
        }
    }

    /// Conditional modes `b = Λθ û` for the fitted `beta`, one vector per factor (level-major,
    /// `q` values per level), in the order of the factors; `None` if θ cannot be factorised.
    pub fn conditional_modes(&self, theta: &[f64], beta: &[f64]) -> Option<Vec<Vec<f64>>> {
        let (u, _) = self.spherical_modes(theta, beta)?;
        let ts = self.t_blocks(theta);
        Some(
            self.factors
                .iter()
                .zip(&ts)
                .zip(u)
                .map(|((fk, t), mut uk)| {
                    let q = fk.q();
                    for level in uk.chunks_mut(q) {
                        for a in (0..q).rev() {
                            level[a] = (0..=a).map(|j| t[a * q + j] * level[j]).sum();
                        }
                    }
                    uk
                })
                .collect(),
        )
    }

    /// The spherical modes `û` for `beta` (one vector per factor, level-major, `q` values per
    /// level) and log|L|², the log determinant of `ΛᵀZᵀZΛ + I`; `None` if θ cannot be
    /// factorised. With rows weighted by √wᵢ and no X (`beta` empty), this is the penalised
    /// weighted least-squares step of a generalised model's PIRLS (Bates et al. 2015, §5.2).
    ///
    /// `û` solves `L Lᵀ u = ΛᵀZᵀ(y − Xβ̂)`: the forward half is read off the factor (the
    /// y row of R minus the X rows times β̂), the backward half runs over the dense part first,
    /// then over each level of factor 0.
    pub fn spherical_modes(&self, theta: &[f64], beta: &[f64]) -> Option<(Vec<Vec<f64>>, f64)> {
        let f = self.factorize(theta)?;
        let (ls, ws) = (&f.ls, &f.ws);
        let (m, p, q0) = (self.m, self.p, self.q0);
        let r = &f.r;
        let logdet_l = f.logdet_groups + (0..m).map(|j| 2.0 * r[(j, j)].ln()).sum::<f64>();
        let bs: Vec<f64> = beta
            .iter()
            .zip(&self.beta_shift)
            .map(|(a, b)| a - b)
            .collect();
        let mut u_rest: Vec<f64> = (0..m)
            .map(|j| r[(m + p, j)] - (0..p).map(|x| r[(m + x, j)] * bs[x]).sum::<f64>())
            .collect();
        for j in (0..m).rev() {
            let s: f64 = (j + 1..m).map(|i| r[(i, j)] * u_rest[i]).sum();
            u_rest[j] = (u_rest[j] - s) / r[(j, j)];
        }
        let levels0 = self.s_start.len() - 1;
        let mut out = Vec::with_capacity(self.factors.len());
        let mut u0 = vec![0.0; levels0 * q0];
        for g in 0..levels0 {
            let cols = &self.s_cols[self.s_start[g]..self.s_start[g + 1]];
            let len = cols.len();
            let w = &ws[self.s_start[g] * q0..self.s_start[g + 1] * q0];
            let c = &mut u0[g * q0..(g + 1) * q0];
            for (u, cu) in c.iter_mut().enumerate() {
                let row = &w[u * len..(u + 1) * len];
                // The last p + 1 columns of Sᵢ are X and y.
                let mut s = row[len - 1];
                for x in 0..p {
                    s -= row[len - 1 - p + x] * bs[x];
                }
                for (j, &col) in cols[..len - 1 - p].iter().enumerate() {
                    s -= row[j] * u_rest[col as usize];
                }
                *cu = s;
            }
            backward_solve_transpose(&ls[g * q0 * q0..(g + 1) * q0 * q0], q0, c);
        }
        out.push(u0);
        for (k, fk) in self.factors.iter().enumerate().skip(1) {
            let len = fk.levels.len() * fk.q();
            out.push(u_rest[self.offsets[k]..self.offsets[k] + len].to_vec());
        }
        self.recycle(f);
        Some((out, logdet_l))
    }

    /// Solves `(ΛθᵀZᵀWZΛθ + I) x = rhs` for the spherical random effects (`rhs` and x over
    /// the factors one after the other, level-major, `q` values per level) with the factor at
    /// `theta`, and returns x with the log determinant of the matrix; `None` if it is not
    /// positive definite. For a system without X (as [`BlockedSystem::with_row_weights`]
    /// builds): forward through each level of factor 0 and then the dense part, backward
    /// through the dense part and then each level.
    pub fn solve_spherical(&self, theta: &[f64], rhs: &[f64]) -> Option<(Vec<f64>, f64)> {
        let f = self.factorize(theta)?;
        let (m, q0) = (self.m, self.q0);
        let levels0 = self.s_start.len() - 1;
        let n0 = levels0 * q0;
        let r = &f.r;
        let log_det = f.logdet_groups + (0..m).map(|j| 2.0 * r[(j, j)].ln()).sum::<f64>();
        let mut x0 = rhs[..n0].to_vec();
        let mut rest = rhs[n0..n0 + m].to_vec();
        let level = |g: usize| {
            let cols = &self.s_cols[self.s_start[g]..self.s_start[g + 1]];
            let w = &f.ws[self.s_start[g] * q0..self.s_start[g + 1] * q0];
            (cols, w)
        };
        for g in 0..levels0 {
            let c = &mut x0[g * q0..(g + 1) * q0];
            forward_solve(&f.ls[g * q0 * q0..(g + 1) * q0 * q0], q0, c);
            let (cols, w) = level(g);
            let len = cols.len();
            for (u, cu) in c.iter().enumerate() {
                for (&col, wj) in cols.iter().zip(&w[u * len..(u + 1) * len]) {
                    if (col as usize) < m {
                        rest[col as usize] -= wj * cu;
                    }
                }
            }
        }
        for j in 0..m {
            rest[j] /= r[(j, j)];
            let v = rest[j];
            for i in j + 1..m {
                rest[i] -= r[(i, j)] * v;
            }
        }
        for j in (0..m).rev() {
            let s: f64 = (j + 1..m).map(|i| r[(i, j)] * rest[i]).sum();
            rest[j] = (rest[j] - s) / r[(j, j)];
        }
        for g in 0..levels0 {
            let c = &mut x0[g * q0..(g + 1) * q0];
            let (cols, w) = level(g);
            let len = cols.len();
            for (u, cu) in c.iter_mut().enumerate() {
                for (&col, wj) in cols.iter().zip(&w[u * len..(u + 1) * len]) {
                    if (col as usize) < m {
                        *cu -= wj * rest[col as usize];
                    }
                }
            }
            backward_solve_transpose(&f.ls[g * q0 * q0..(g + 1) * q0 * q0], q0, c);
        }
        self.recycle(f);
        x0.extend(rest);
        Some((x0, log_det))
    }
}

/// The rows of `[Z_rest X y]` (factor 0 left out; y as its OLS residual), over the dense
/// columns.
struct DenseRows<'b> {
    factors: &'b [RandomEffects],
    /// First dense column of each factor (0 for factor 0, unused).
    offsets: &'b [usize],
    x: &'b ModelMatrix,
    /// Random effects of the factors after the first.
    m: usize,
    residual: &'b [f64],
    /// Each row's weight on its cross-products (`None`: 1).
    weights: Option<&'b [f64]>,
}

impl DenseRows<'_> {
    /// Writes the nonzeros of row `i` to `cols` and `vals`, in increasing column order.
    fn nonzeros(&self, i: usize, cols: &mut Vec<u32>, vals: &mut Vec<f64>) {
        let (m, p) = (self.m, self.x.p);
        cols.clear();
        vals.clear();
        for (k, f) in self.factors.iter().enumerate().skip(1) {
            let q = f.q();
            let start = self.offsets[k] + f.group_of_row[i] as usize * q;
            for a in 0..q {
                cols.push((start + a) as u32);
                vals.push(f.z[i * q + a]);
            }
        }
        for (j, v) in self.x.row(i).iter().enumerate() {
            cols.push((m + j) as u32);
            vals.push(*v);
        }
        cols.push((m + p) as u32);
        vals.push(self.residual[i]);
    }

    /// `[Z_rest X y]ᵀ[Z_rest X y]`, `order` × `order`, both triangles filled.
    fn cross_products(&self, order: usize) -> Vec<f64> {
        let mut cross = vec![0.0; order * order];
        let mut cols = Vec::new();
        let mut vals = Vec::new();
        for i in 0..self.residual.len() {
            self.nonzeros(i, &mut cols, &mut vals);
            let w = self.weights.map_or(1.0, |w| w[i]);
            for a in 0..cols.len() {
                let row = cols[a] as usize * order;
                let wa = w * vals[a];
                for b in 0..=a {
                    cross[row + cols[b] as usize] += wa * vals[b];
                }
            }
        }
        for r in 0..order {
            for c in 0..r {
                cross[c * order + r] = cross[r * order + c];
            }
        }
        cross
    }
}

/// Per level i of factor 0: `Aᵢ`, the dense columns Sᵢ it meets and `Bᵢ` on them (the fields
/// of [`BlockedSystem`] of the same names).
struct LevelBlocks {
    a0: Vec<f64>,
    s_start: Vec<usize>,
    s_cols: Vec<u32>,
    b_vals: Vec<f64>,
}

impl LevelBlocks {
    /// Accumulates `Aᵢ = Z₀ᵢᵀZ₀ᵢ` and `Bᵢ = Z₀ᵢᵀ[Z_rest X y]` (on the sorted columns Sᵢ)
    /// over the rows of each level of factor 0.
    fn new(dense: &DenseRows, order: usize) -> Self {
        let f0 = &dense.factors[0];
        let (q0, levels0) = (f0.q(), f0.levels.len());
        let (start, rows) = rows_by_level(f0, dense.residual.len());
        let (mut cols, mut vals) = (Vec::new(), Vec::new());
        let mut a0 = vec![0.0; levels0 * q0 * q0];
        let mut s_start = Vec::with_capacity(levels0 + 1);
        let mut s_cols: Vec<u32> = Vec::new();
        let mut b_vals: Vec<f64> = Vec::new();
        let mut slot = vec![NONE; order];
        let mut local_cols: Vec<u32> = Vec::new();
        let mut local_vals: Vec<f64> = Vec::new(); // [local column][a]
        let mut wz = vec![0.0; q0];
        for g in 0..levels0 {
            s_start.push(s_cols.len());
            local_cols.clear();
            local_vals.clear();
            let a = &mut a0[g * q0 * q0..(g + 1) * q0 * q0];
            for &i in &rows[start[g]..start[g + 1]] {
                let z = &f0.z[i * q0..(i + 1) * q0];
                let w = dense.weights.map_or(1.0, |w| w[i]);
                for (t, &zu) in wz.iter_mut().zip(z) {
                    *t = w * zu;
                }
                for u in 0..q0 {
                    for v in 0..q0 {
                        a[u * q0 + v] += wz[u] * z[v];
                    }
                }
                dense.nonzeros(i, &mut cols, &mut vals);
                for (&c, &v) in cols.iter().zip(&vals) {
                    let mut s = slot[c as usize];
                    if s == NONE {
                        s = local_cols.len() as u32;
                        slot[c as usize] = s;
                        local_cols.push(c);
                        local_vals.resize(local_vals.len() + q0, 0.0);
                    }
                    for u in 0..q0 {
                        local_vals[s as usize * q0 + u] += wz[u] * v;
                    }
                }
            }
            let mut sorted: Vec<u32> = (0..local_cols.len() as u32).collect();
            sorted.sort_unstable_by_key(|&s| local_cols[s as usize]);
            let len = sorted.len();
            let base = b_vals.len();
            b_vals.resize(base + q0 * len, 0.0);
            for (j, &s) in sorted.iter().enumerate() {
                s_cols.push(local_cols[s as usize]);
                for u in 0..q0 {
                    b_vals[base + u * len + j] = local_vals[s as usize * q0 + u];
                }
            }
            for &c in &local_cols {
                slot[c as usize] = NONE;
            }
        }
        s_start.push(s_cols.len());
        LevelBlocks {
            a0,
            s_start,
            s_cols,
            b_vals,
        }
    }

    /// For each dense column c, the levels that meet it as (level, position of c in Sᵢ):
    /// `column_entries[column_start[c]..column_start[c + 1]]`, returned as (column_start,
    /// column_entries).
    fn columns_met(&self, order: usize) -> (Vec<usize>, Vec<(u32, u32)>) {
        let (s_start, s_cols) = (&self.s_start, &self.s_cols);
        let levels0 = s_start.len() - 1;
        let mut column_start = vec![0usize; order + 1];
        for &c in s_cols {
            column_start[c as usize + 1] += 1;
        }
        for c in 0..order {
            column_start[c + 1] += column_start[c];
        }
        let mut fill = column_start.clone();
        let mut column_entries = vec![(0u32, 0u32); s_cols.len()];
        for g in 0..levels0 {
            for (j, &c) in s_cols[s_start[g]..s_start[g + 1]].iter().enumerate() {
                column_entries[fill[c as usize]] = (g as u32, j as u32);
                fill[c as usize] += 1;
            }
        }
        (column_start, column_entries)
    }
}

/// The `n` rows by level of `f0` (a counting sort keeps file order within a level), as
/// (where each level starts, the rows): level g's rows are `rows[start[g]..start[g + 1]]`.
fn rows_by_level(f0: &RandomEffects, n: usize) -> (Vec<usize>, Vec<usize>) {
    let levels0 = f0.levels.len();
    let mut start = vec![0usize; levels0 + 1];
    for &g in &f0.group_of_row {
        start[g as usize + 1] += 1;
    }
    for g in 0..levels0 {
        start[g + 1] += start[g];
    }
    let mut next = start.clone();
    let mut rows = vec![0usize; n];
    for (i, &g) in f0.group_of_row.iter().enumerate() {
        rows[next[g as usize]] = i;
        next[g as usize] += 1;
    }
    (start, rows)
}

/// A start for θ from moments of the OLS residuals `residual` (`p` fixed effects) when every
/// factor has one random effect; otherwise lme4's start (identity `T`s).
///
/// Each such factor is taken on its own, the other factors' effects counted as noise: with
/// `S_g = Σ z r` and `A_g = Σ z²` over the rows of level g, `E[S_g² / A_g] = σ²_k A_g + V − σ²_k`
/// (V the residual variance from OLS), so summing over the G levels gives the one-way
/// analysis-of-variance estimate `σ²_k = (Σ S_g²/A_g − G V) / (Σ A_g − G)` (Searle, Casella &
/// McCulloch 1992, *Variance Components*, §3.5, with each factor alone). The noise variance is
/// what is left, `σ² = V − Σ σ²_k` (at least V/10), and `θ_k = σ_k / σ`, at least 0.05 so the
/// start is off the boundary. Crude for nested factors (the outer factor's variance is counted
/// in the inner one's too), but a start only has to be near: the optimiser does the rest.
fn moment_theta(factors: &[RandomEffects], residual: &[f64], p: usize) -> Vec<f64> {
    let n = residual.len();
    let v = residual.iter().map(|r| r * r).sum::<f64>() / n.saturating_sub(p).max(1) as f64;
    let variances: Vec<Option<f64>> = factors
        .iter()
        .map(|f| {
            if f.q() != 1 {
                return None;
            }
            let levels = f.levels.len();
            let (mut s, mut a) = (vec![0.0; levels], vec![0.0; levels]);
            for (i, r) in residual.iter().enumerate() {
                let (g, z) = (f.group_of_row[i] as usize, f.z[i]);
                s[g] += z * r;
                a[g] += z * z;
            }
            let (mut between, mut total, mut groups) = (0.0, 0.0, 0.0);
            for (s, a) in s.iter().zip(&a) {
                if *a > 0.0 {
                    between += s * s / a;
                    total += a;
                    groups += 1.0;
                }
            }
            (total > groups).then(|| ((between - groups * v) / (total - groups)).max(0.0))
        })
        .collect();
    if variances.iter().any(|v| v.is_none()) || v <= 0.0 {
        return factors.iter().flat_map(|f| f.initial_theta()).collect();
    }
    let noise = (v - variances.iter().flatten().sum::<f64>()).max(0.1 * v);
    variances
        .iter()
        .flatten()
        .map(|var| (var / noise).sqrt().max(0.05))
        .collect()
}
