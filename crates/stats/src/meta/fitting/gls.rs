//! Weighted least squares with diagonal weights, done in O(k·p²) time and O(k + p²) memory.
//!
//! Every quantity metafor writes with the k×k "residual maker" `P = W − W X (X'WX)⁻¹ X'W`
//! (Viechtbauer 2005, eq. 6) is reduced here to p×p cross-products `M[s] = Σᵢ sᵢ xᵢ xᵢ'`:
//!
//! * `y'P y = Σ wᵢ rᵢ²` and `y'P P y = Σ wᵢ² rᵢ²`, with `r = y − X β̂` (because `P y = W r`);
//! * `tr(P D) = Σ wᵢ dᵢ (1 − hᵢ)` for a diagonal `D`, with the leverages
//!   `hᵢ = wᵢ xᵢ'A⁻¹xᵢ`, `A = X'WX` (`= Σ wᵢ dᵢ − tr(A⁻¹ M[w² d])`);
//! * `tr(P D₁ P D₂) = Σ wᵢ² d₁ᵢ d₂ᵢ (1 − hᵢ)² + Σ_{i≠j} wᵢ² d₁ᵢ wⱼ² d₂ⱼ (xᵢ'A⁻¹xⱼ)²`
//!   (`= Σ wᵢ² d₁ᵢ d₂ᵢ − 2 tr(A⁻¹ M[w³ d₁ d₂]) + tr(A⁻¹ M[w² d₁] A⁻¹ M[w² d₂])`).
//!
//! The traces are summed so that a study carrying nearly all the weight cannot cancel them
//! ([`stable_traces`]). No k×k matrix is ever formed.

use super::moderators::ModelMatrix;
use crate::error::{Error, Result};
use nalgebra::{DMatrix, DVector};

/// A weighted least-squares fit of `y` on the design with weights `w`.
#[derive(Debug, Clone)]
pub struct WeightedFit {
    /// The weights used (one per study).
    pub weights: Vec<f64>,
    /// Coefficients `(X'WX)⁻¹ X'W y`.
    pub beta: DVector<f64>,
    /// `(X'WX)⁻¹` (p×p): the coefficients' covariance when `w` are inverse variances.
    pub a_inv: DMatrix<f64>,
    /// Residuals `y − X β`.
    pub residuals: Vec<f64>,
}

/// `Σᵢ sᵢ xᵢ xᵢ'` for the rows `xᵢ` of the design (p×p).
pub fn cross_product(design: &ModelMatrix, s: impl Fn(usize) -> f64) -> DMatrix<f64> {
    // The width known to the compiler for the common models (as in [`Moments::new`]).
    match design.p {
        1 => cross_product_of::<1>(design, s),
        2 => cross_product_of::<2>(design, s),
        3 => cross_product_of::<3>(design, s),
        _ => cross_product_of::<0>(design, s),
    }
}

/// [`cross_product`] for a design of `P` columns (`P = 0`: as many as the design has); the
/// same operations in the same order whatever `P`.
fn cross_product_of<const P: usize>(
    design: &ModelMatrix,
    s: impl Fn(usize) -> f64,
) -> DMatrix<f64> {
    let p = if P == 0 { design.p } else { P };
    // The lower triangle, row-major.
    let mut lower = vec![0.0; p * p];
    for i in 0..design.n {
        let si = s(i);
        let x = &design.row(i)[..p];
        for a in 0..p {
            let xa = si * x[a];
            let row = &mut lower[a * p..a * p + a + 1];
            for b in 0..=a {
                row[b] += xa * x[b];
            }
        }
    }
    DMatrix::from_fn(p, p, |r, c| lower[r.max(c) * p + r.min(c)])
}

/// `tr(A B)` for two p×p matrices without forming the product.
fn trace_of_product(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    a.iter().zip(b.transpose().iter()).map(|(x, y)| x * y).sum()
}

/// Invert a symmetric positive definite p×p matrix, or say that the design is not of full rank.
pub fn invert_spd(a: DMatrix<f64>) -> Result<DMatrix<f64>> {
    let scale = a.diagonal().iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let chol = a.cholesky().ok_or_else(not_full_rank)?;
    let l_diag_min = chol
        .l_dirty()
        .diagonal()
        .iter()
        .fold(f64::INFINITY, |m, v| m.min(*v));
    // A pivot below ~1e-7 relative to the largest diagonal element means the columns of the
    // model matrix are (numerically) linearly dependent, as metafor's `evtol = 1e-7` check.
    if l_diag_min.is_nan() || l_diag_min * l_diag_min <= 1e-14 * scale {
        return Err(not_full_rank());
    }
    Ok(chol.inverse())
}

fn not_full_rank() -> Error {
    Error::field(
        "mods",
        "the model matrix is not of full rank (a moderator is constant or a linear \
         combination of others); drop or recode it",
    )
}

impl WeightedFit {
    /// Fit by weighted least squares (two passes over the studies).
    pub fn new(design: &ModelMatrix, y: &[f64], weights: Vec<f64>) -> Result<Self> {
        match design.p {
            1 => Self::of_width::<1>(design, y, weights),
            2 => Self::of_width::<2>(design, y, weights),
            3 => Self::of_width::<3>(design, y, weights),
            _ => Self::of_width::<0>(design, y, weights),
        }
    }

    /// [`WeightedFit::new`] for a design of `P` columns (`P = 0`: as many as the design
    /// has), as [`Moments::new`]: the same numbers whatever `P`.
    fn of_width<const P: usize>(
        design: &ModelMatrix,
        y: &[f64],
        weights: Vec<f64>,
    ) -> Result<Self> {
        let p = if P == 0 { design.p } else { P };
        let a = cross_product_of::<P>(design, |i| weights[i]);
        let mut c = vec![0.0; p];
        for (i, (&wi, &yi)) in weights.iter().zip(y).enumerate() {
            let x = &design.row(i)[..p];
            for a in 0..p {
                c[a] += wi * x[a] * yi;
            }
        }
        let a_inv = invert_spd(a)?;
        let beta = &a_inv * DVector::from_vec(c);
        let residuals = (0..design.n)
            .map(|i| {
                y[i] - design.row(i)[..p]
                    .iter()
                    .zip(beta.iter())
                    .map(|(x, b)| x * b)
                    .sum::<f64>()
            })
            .collect();
        Ok(WeightedFit {
            weights,
            beta,
            a_inv,
            residuals,
        })
    }

    /// Inverse-variance weights `1 / (vᵢ + τ²)`.
    pub fn inverse_variance(design: &ModelMatrix, y: &[f64], v: &[f64], tau2: f64) -> Result<Self> {
        Self::new(design, y, v.iter().map(|vi| 1.0 / (vi + tau2)).collect())
    }

    /// The weighted residual sum of squares `y'P y = Σ wᵢ rᵢ²` (Cochran's Q for FE weights).
    pub fn rss(&self) -> f64 {
        self.weights
            .iter()
            .zip(&self.residuals)
            .map(|(w, r)| w * r * r)
            .sum()
    }

    /// `y'P P y = Σ wᵢ² rᵢ²`.
    pub fn y_ppy(&self) -> f64 {
        self.weights
            .iter()
            .zip(&self.residuals)
            .map(|(w, r)| (w * r) * (w * r))
            .sum()
    }

    /// Sum of the weights.
    pub fn sum_weights(&self) -> f64 {
        self.weights.iter().sum()
    }

    /// `tr(P D)` for `D = diag(d)`; `d = None` is the identity.
    pub fn trace_pd(&self, design: &ModelMatrix, d: Option<&[f64]>) -> f64 {
        let w = &self.weights;
        stable_traces(design, |i| w[i], &self.a_inv, d, None, false).0
    }

    /// `tr(P D₁ P D₂)` for diagonal `D₁`, `D₂`; `None` is the identity.
    pub fn trace_pdpd(&self, design: &ModelMatrix, d1: Option<&[f64]>, d2: Option<&[f64]>) -> f64 {
        let w = &self.weights;
        stable_traces(design, |i| w[i], &self.a_inv, d1, d2, true).1
    }

    /// Hat values `wᵢ xᵢ' (X'WX)⁻¹ xᵢ` (diagonal of `X (X'WX)⁻¹ X'W`).
    pub fn hat_values(&self, design: &ModelMatrix) -> Vec<f64> {
        (0..design.n)
            .map(|i| self.weights[i] * quadratic_form(&self.a_inv, design.row(i)))
            .collect()
    }
}

/// `tr(P D₁)` and (when `pdpd`) `tr(P D₁ P D₂)` for weights `w`, `A⁻¹ = (X'WX)⁻¹`, and
/// diagonal `D₁`, `D₂` (`None`: the identity), so that a study that carries nearly all the
/// weight does not cancel them away.
///
/// With `hᵢ = wᵢ xᵢ'A⁻¹xᵢ` (the leverage) and `gᵢⱼ = xᵢ'A⁻¹xⱼ`: `P_ii = wᵢ (1 − hᵢ)` and
/// `P_ij = −wᵢ wⱼ gᵢⱼ`, so `tr(P D₁) = Σ wᵢ d₁ᵢ (1 − hᵢ)` and
/// `tr(P D₁ P D₂) = Σ wᵢ² d₁ᵢ d₂ᵢ (1 − hᵢ)² + Σ_{i≠j} wᵢ² d₁ᵢ wⱼ² d₂ⱼ gᵢⱼ²`. The textbook
/// reductions (`Σ wᵢ − tr(A⁻¹ Σ wᵢ² xᵢxᵢ')`, ...) subtract numbers of the size of the largest
/// weight (or its square) to get results of the size of the others, which loses all digits
/// when one study dominates. Here the rows of leverage above ½ ("heavy", fewer than 2p) are
/// kept apart: their `1 − hₐ` is `1 / (1 + wₐ xₐ' Bₐ⁻¹ xₐ)` with `Bₐ = Σ_{j≠a} wⱼ xⱼxⱼ'`
/// accumulated without them (0 when the others do not span the design: the study is fitted
/// exactly), and the double sum is split into light–light pairs (`tr(A⁻¹N₁A⁻¹N₂)` over the
/// light rows, less their `i = j` terms, which cannot dominate), and pairs with a heavy row
/// (`wₐ² d₂ₐ vₐ'N₁vₐ`, `vₐ = A⁻¹xₐ`, ...), which involve no subtraction. One pass over the
/// studies (two when there are heavy rows).
pub fn stable_traces(
    design: &ModelMatrix,
    w: impl Fn(usize) -> f64,
    a_inv: &DMatrix<f64>,
    d1: Option<&[f64]>,
    d2: Option<&[f64]>,
    pdpd: bool,
) -> (f64, f64) {
    let e1 = |i: usize| d1.map_or(1.0, |d| d[i]);
    let e2 = |i: usize| d2.map_or(1.0, |d| d[i]);
    if design.p == 1 {
        // The same with scalars: A = Σ uᵢ, uᵢ = wᵢ xᵢ², 1 − hᵢ = (A − uᵢ)/A, and
        // P_ij² = tᵢ tⱼ / A² with tᵢ = wᵢ² xᵢ², the sums without one term from [`SplitSum`].
        let x2 = |i: usize| design.row(i)[0] * design.row(i)[0];
        let a = SplitSum::of((0..design.n).map(|i| w(i) * x2(i)));
        let t2 = if pdpd {
            SplitSum::of((0..design.n).map(|i| w(i) * w(i) * x2(i) * e2(i)))
        } else {
            SplitSum::new()
        };
        let inv_a = 1.0 / a.total;
        let (mut tr_pd, mut tr_pdpd) = (0.0, 0.0);
        for i in 0..design.n {
            let wi = w(i);
            let u = wi * x2(i);
            let p_ii = wi * a.without(i, u) * inv_a;
            tr_pd += p_ii * e1(i);
            if pdpd {
                let t = wi * u;
                tr_pdpd += p_ii * p_ii * e1(i) * e2(i)
                    + t * e1(i) * t2.without(i, t * e2(i)) * inv_a * inv_a;
            }
        }
        return (tr_pd, tr_pdpd);
    }
    // With D₁ = D₂ the two p×p accumulators are the same.
    let same = match (d1, d2) {
        (None, None) => true,
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        _ => false,
    };
    let mut acc = TraceAccumulator::new(a_inv, pdpd, same);
    match design.p {
        2 => acc.add_rows::<2>(design, &w, &e1, &e2),
        3 => acc.add_rows::<3>(design, &w, &e1, &e2),
        _ => acc.add_rows::<0>(design, &w, &e1, &e2),
    }
    acc.finish(design, w, e1, e2)
}

/// The one pass of [`stable_traces`] (p ≥ 2), fed row by row so that [`Moments`] can run it
/// inside its own pass over the studies.
struct TraceAccumulator {
    p: usize,
    pdpd: bool,
    same: bool,
    /// `A⁻¹`, row-major, and the matrix itself.
    ai: Vec<f64>,
    a_inv: DMatrix<f64>,
    tr_pd: f64,
    diagonal: f64,
    own: f64,
    /// Lower triangles (row-major) of `Σ wᵢ² d₁ᵢ xᵢxᵢ'` and `Σ wᵢ² d₂ᵢ xᵢxᵢ'` over the
    /// light rows.
    m1: Vec<f64>,
    m2: Vec<f64>,
    heavy: Vec<usize>,
}

impl TraceAccumulator {
    fn new(a_inv: &DMatrix<f64>, pdpd: bool, same: bool) -> Self {
        let p = a_inv.nrows();
        TraceAccumulator {
            p,
            pdpd,
            same,
            ai: (0..p * p).map(|n| a_inv[(n / p, n % p)]).collect(),
            a_inv: a_inv.clone(),
            tr_pd: 0.0,
            diagonal: 0.0,
            own: 0.0,
            m1: vec![0.0; p * p],
            m2: vec![0.0; p * p],
            heavy: Vec::new(),
        }
    }

    /// Add every row of the design (`P` as in [`TraceAccumulator::add`]).
    fn add_rows<const P: usize>(
        &mut self,
        design: &ModelMatrix,
        w: &impl Fn(usize) -> f64,
        e1: &impl Fn(usize) -> f64,
        e2: &impl Fn(usize) -> f64,
    ) {
        for i in 0..design.n {
            self.add::<P>(i, design.row(i), w(i), e1(i), e2(i));
        }
    }

    /// Add row `i`; `P` is the number of columns when the caller knows it at compile time
    /// (0 otherwise), as in [`Moments::new`].
    #[inline(always)]
    fn add<const P: usize>(&mut self, i: usize, x: &[f64], wi: f64, d1: f64, d2: f64) {
        let p = if P == 0 { self.p } else { P };
        // g = x'A⁻¹x from the lower triangle (A⁻¹ is symmetric).
        let mut g = 0.0;
        for r in 0..p {
            let row = &self.ai[r * p..r * p + r + 1];
            let mut cross = 0.0;
            for s in 0..r {
                cross += row[s] * x[s];
            }
            g += x[r] * (2.0 * cross + row[r] * x[r]);
        }
        let h = wi * g;
        if h > 0.5 {
            self.heavy.push(i);
            return;
        }
        self.tr_pd += wi * d1 * (1.0 - h);
        if self.pdpd {
            let (w2d1, w2d2) = (wi * wi * d1, wi * wi * d2);
            for r in 0..p {
                let (d1xr, d2xr) = (w2d1 * x[r], w2d2 * x[r]);
                let m1 = &mut self.m1[r * p..r * p + r + 1];
                for s in 0..=r {
                    m1[s] += d1xr * x[s];
                }
                if !self.same {
                    let m2 = &mut self.m2[r * p..r * p + r + 1];
                    for s in 0..=r {
                        m2[s] += d2xr * x[s];
                    }
                }
            }
            let m = wi * (1.0 - h);
            self.diagonal += m * m * d1 * d2;
            self.own += w2d1 * w2d2 * g * g;
        }
    }

    fn finish(
        self,
        design: &ModelMatrix,
        w: impl Fn(usize) -> f64,
        e1: impl Fn(usize) -> f64,
        e2: impl Fn(usize) -> f64,
    ) -> (f64, f64) {
        let p = self.p;
        let lower = |m: &[f64]| DMatrix::from_fn(p, p, |r, s| m[r.max(s) * p + r.min(s)]);
        let n1 = lower(&self.m1);
        let n2 = if self.same {
            n1.clone()
        } else {
            lower(&self.m2)
        };
        let a_inv = &self.a_inv;
        let (mut tr_pd, mut diagonal) = (self.tr_pd, self.diagonal);
        let mut off = if self.pdpd {
            trace_of_product(&(a_inv * &n1), &(a_inv * &n2)) - self.own
        } else {
            0.0
        };
        let heavy = &self.heavy;
        // `Σ wᵢ xᵢxᵢ'` over the light rows, summed directly (one more pass, only when a row
        // has leverage above ½).
        let a_light = if heavy.is_empty() {
            DMatrix::zeros(p, p)
        } else {
            cross_product(design, |i| if heavy.contains(&i) { 0.0 } else { w(i) })
        };
        let solved: Vec<DVector<f64>> = heavy
            .iter()
            .map(|&a| a_inv * DVector::from_column_slice(design.row(a)))
            .collect();
        for (n, &a) in heavy.iter().enumerate() {
            let xa = design.row(a);
            let wa = w(a);
            let mut others = a_light.clone();
            for &b in heavy.iter().filter(|&&b| b != a) {
                let (xb, wb) = (design.row(b), w(b));
                for r in 0..p {
                    for s in 0..p {
                        others[(r, s)] += wb * xb[r] * xb[s];
                    }
                }
            }
            let one_minus_h = match invert_spd(others) {
                Ok(b_inv) => 1.0 / (1.0 + wa * quadratic_form(&b_inv, xa)),
                Err(_) => 0.0,
            };
            tr_pd += wa * e1(a) * one_minus_h;
            if self.pdpd {
                let m = wa * one_minus_h;
                diagonal += m * m * e1(a) * e2(a);
                let va = solved[n].as_slice();
                let (w2d1, w2d2) = (wa * wa * e1(a), wa * wa * e2(a));
                // (light i, heavy a) and (heavy a, light j) pairs.
                off += w2d2 * quadratic_form(&n1, va) + w2d1 * quadratic_form(&n2, va);
                // (heavy a, heavy b) pairs.
                for &b in heavy.iter().filter(|&&b| b != a) {
                    let wb = w(b);
                    let gab: f64 = design.row(b).iter().zip(va).map(|(x, v)| x * v).sum();
                    off += w2d1 * wb * wb * e2(b) * gab * gab;
                }
            }
        }
        (tr_pd, diagonal + off)
    }
}

/// A sum of non-negative terms that keeps, apart, the sum of all terms but the largest.
///
/// With one column (p = 1), `P = W − W x x' W / A`, `A = Σ wᵢ xᵢ²`, and the traces need
/// `A − wᵢ xᵢ²` (the weight of the other studies). Subtracting loses everything when one
/// study carries nearly all the weight (`tr(P)` would be a difference of two numbers of that
/// study's size, `tr(PP)` of three of its square); summing the others directly does not.
/// Only the largest term can exceed half the total, so the other differences are exact to a
/// few ulps.
#[derive(Debug, Clone, Copy)]
pub struct SplitSum {
    /// Sum of all the terms.
    pub total: f64,
    largest: f64,
    argmax: usize,
    others: f64,
}

impl SplitSum {
    /// Start empty.
    pub fn new() -> Self {
        SplitSum {
            total: 0.0,
            largest: 0.0,
            argmax: usize::MAX,
            others: 0.0,
        }
    }

    /// Add term `i`.
    #[inline]
    pub fn add(&mut self, i: usize, x: f64) {
        self.total += x;
        if x > self.largest {
            self.others += self.largest;
            self.largest = x;
            self.argmax = i;
        } else {
            self.others += x;
        }
    }

    /// The sum of the terms `0, 1, ...`.
    pub fn of(terms: impl Iterator<Item = f64>) -> Self {
        let mut s = SplitSum::new();
        for (i, x) in terms.enumerate() {
            s.add(i, x);
        }
        s
    }

    /// The sum of all terms but term `i` (whose value is `x`).
    #[inline]
    pub fn without(&self, i: usize, x: f64) -> f64 {
        if i == self.argmax {
            self.others
        } else {
            self.total - x
        }
    }
}

impl Default for SplitSum {
    fn default() -> Self {
        SplitSum::new()
    }
}

/// `x' M x` for a p×p matrix and a row of the design.
pub fn quadratic_form(m: &DMatrix<f64>, x: &[f64]) -> f64 {
    let p = x.len();
    let mut s = 0.0;
    for a in 0..p {
        for b in 0..p {
            s += x[a] * m[(a, b)] * x[b];
        }
    }
    s
}

/// What the τ² searches need at one τ² (weights `1/(vᵢ + τ²)`), computed in two passes over
/// the studies without allocating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moments {
    /// `y'P y = Σ wᵢ rᵢ²` (the generalised Q statistic).
    pub rss: f64,
    /// `y'P P y = Σ wᵢ² rᵢ²`.
    pub y_ppy: f64,
    /// `y'P P P y = Σ wᵢ³ rᵢ² − c'A⁻¹c` with `c = Σ wᵢ² rᵢ xᵢ` (because `P y = W r`): the
    /// derivative of `y'PPy` in τ² is `−2 y'PPPy`, for Newton steps.
    pub y_pppy: f64,
    /// `Σ wᵢ`.
    pub sum_w: f64,
    /// `Σ wᵢ²`.
    pub sum_w2: f64,
    /// `tr(P)` (only when asked for; else NaN).
    pub tr_p: f64,
    /// `tr(P P)` (only when asked for; else NaN).
    pub tr_pp: f64,
}

impl Moments {
    /// Compute at `tau2`; `traces` adds `tr(P)` and `tr(PP)` (as [`stable_traces`]).
    pub fn new(
        design: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        tau2: f64,
        traces: bool,
    ) -> Result<Self> {
        match design.p {
            1 => Self::one_column(design, y, v, tau2, traces),
            // Egger's test (and a meta-regression on one moderator) fits two columns: with
            // the width known to the compiler the loops over the columns are unrolled, which
            // halves the time of each pass (a million studies, dozens of passes).
            2 => Self::columns::<2>(design, y, v, tau2, traces),
            3 => Self::columns::<3>(design, y, v, tau2, traces),
            _ => Self::columns::<0>(design, y, v, tau2, traces),
        }
    }

    /// [`Moments::new`] for a design of `P` columns (`P = 0`: as many as the design has). The
    /// same operations in the same order whatever `P`, so the same numbers.
    fn columns<const P: usize>(
        design: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        tau2: f64,
        traces: bool,
    ) -> Result<Self> {
        let p = if P == 0 { design.p } else { P };
        // The lower triangle of X'WX, row-major.
        let mut lower = vec![0.0; p * p];
        let mut c = vec![0.0; p];
        for i in 0..design.n {
            let w = 1.0 / (v[i] + tau2);
            let x = &design.row(i)[..p];
            for r in 0..p {
                let wx = w * x[r];
                c[r] += wx * y[i];
                let row = &mut lower[r * p..r * p + r + 1];
                for s in 0..=r {
                    row[s] += wx * x[s];
                }
            }
        }
        let a = DMatrix::from_fn(p, p, |r, s| lower[r.max(s) * p + r.min(s)]);
        let c = DVector::from_vec(c);
        let a_inv = invert_spd(a)?;
        let beta = &a_inv * c;
        let (mut rss, mut y_ppy, mut sum_w, mut sum_w2) = (0.0, 0.0, 0.0, 0.0);
        let mut w3r2 = 0.0;
        let mut c2 = DVector::<f64>::zeros(p);
        let mut acc = traces.then(|| TraceAccumulator::new(&a_inv, true, true));
        for i in 0..design.n {
            let w = 1.0 / (v[i] + tau2);
            let x = &design.row(i)[..p];
            let fitted: f64 = x.iter().zip(beta.iter()).map(|(x, b)| x * b).sum();
            let r = y[i] - fitted;
            let wr = w * r;
            rss += wr * r;
            y_ppy += wr * wr;
            w3r2 += w * wr * wr;
            for (c, x) in c2.iter_mut().zip(x) {
                *c += w * wr * x;
            }
            sum_w += w;
            sum_w2 += w * w;
            if let Some(acc) = acc.as_mut() {
                acc.add::<P>(i, x, w, 1.0, 1.0);
            }
        }
        let y_pppy = w3r2 - (c2.transpose() * &a_inv * &c2)[(0, 0)];
        let (tr_p, tr_pp) = match acc {
            Some(acc) => acc.finish(design, |i| 1.0 / (v[i] + tau2), |_| 1.0, |_| 1.0),
            None => (f64::NAN, f64::NAN),
        };
        Ok(Moments {
            rss,
            y_ppy,
            y_pppy,
            sum_w,
            sum_w2,
            tr_p,
            tr_pp,
        })
    }
}

impl Moments {
    /// [`Moments::new`] for a design with one column (the intercept-only model): scalars
    /// instead of p×p matrices, and the traces from the weight of the other studies
    /// ([`SplitSum`]), so that one study that carries nearly all the weight does not cancel
    /// them away. `P_ii = wᵢ (A − uᵢ)/A`, `P_ij = −wᵢ xᵢ wⱼ xⱼ / A` with `uᵢ = wᵢ xᵢ²`,
    /// `A = Σ uᵢ`.
    fn one_column(
        design: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        tau2: f64,
        traces: bool,
    ) -> Result<Self> {
        let k = design.n;
        let x = |i: usize| design.row(i)[0];
        let mut a = SplitSum::new();
        let mut t = SplitSum::new();
        let mut c = 0.0;
        if traces {
            for i in 0..k {
                let w = 1.0 / (v[i] + tau2);
                let xi = x(i);
                let u = w * xi * xi;
                a.add(i, u);
                t.add(i, w * u);
                c += w * xi * y[i];
            }
        } else {
            // Only the total is needed.
            for i in 0..k {
                let w = 1.0 / (v[i] + tau2);
                let xi = x(i);
                a.total += w * xi * xi;
                c += w * xi * y[i];
            }
        }
        if !(a.total > 0.0 && a.total.is_finite()) {
            return Err(not_full_rank());
        }
        let beta = c / a.total;
        let (mut rss, mut y_ppy, mut sum_w, mut sum_w2) = (0.0, 0.0, 0.0, 0.0);
        let (mut w3r2, mut c2) = (0.0, 0.0);
        let (mut tr_p, mut tr_pp) = (0.0, 0.0);
        let inv_a = 1.0 / a.total;
        let inv_a2 = inv_a * inv_a;
        for i in 0..k {
            let w = 1.0 / (v[i] + tau2);
            let xi = x(i);
            let r = y[i] - xi * beta;
            let wr = w * r;
            rss += wr * r;
            y_ppy += wr * wr;
            w3r2 += w * wr * wr;
            c2 += w * wr * xi;
            sum_w += w;
            let w2 = w * w;
            sum_w2 += w2;
            if traces {
                let u = w * xi * xi;
                let p_ii = w * a.without(i, u) * inv_a;
                tr_p += p_ii;
                tr_pp += p_ii * p_ii + w * u * t.without(i, w * u) * inv_a2;
            }
        }
        if !traces {
            (tr_p, tr_pp) = (f64::NAN, f64::NAN);
        }
        let y_pppy = w3r2 - c2 * c2 / a.total;
        Ok(Moments {
            rss,
            y_ppy,
            y_pppy,
            sum_w,
            sum_w2,
            tr_p,
            tr_pp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The k×k definitions (Viechtbauer 2005, eq. 6): `P = W − W X (X'WX)⁻¹ X'W`, formed
    /// explicitly for a small example and compared with the O(k·p²) reductions.
    #[test]
    fn reductions_equal_the_explicit_residual_maker() {
        let x1 = [44.0, 55.0, 42.0, 52.0, 13.0, 44.0, 19.0];
        let group = [0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let y = [-0.89, -1.59, -1.35, -1.44, -0.22, -0.79, -1.62];
        let v = [0.33, 0.19, 0.42, 0.02, 0.05, 0.007, 0.22];
        let d = [0.5, 1.5, 2.0, 0.1, 0.3, 0.9, 1.1];
        let design = ModelMatrix::from_columns(
            7,
            vec![
                ("intrcpt".into(), vec![1.0; 7]),
                ("x1".into(), x1.to_vec()),
                ("group".into(), group.to_vec()),
            ],
        );
        let tau2 = 0.13;
        let w: Vec<f64> = v.iter().map(|vi| 1.0 / (vi + tau2)).collect();
        let fit = WeightedFit::new(&design, &y, w.clone()).unwrap();
        let xm = DMatrix::from_fn(7, 3, |i, j| design.row(i)[j]);
        let wm = DMatrix::from_diagonal(&DVector::from_vec(w.clone()));
        let p = &wm
            - &wm
                * &xm
                * (xm.transpose() * &wm * &xm).try_inverse().unwrap()
                * xm.transpose()
                * &wm;
        let ym = DVector::from_vec(y.to_vec());
        let dm = DMatrix::from_diagonal(&DVector::from_vec(d.to_vec()));
        let close =
            |a: f64, b: f64| assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{a} vs {b}");
        close(fit.rss(), (ym.transpose() * &p * &ym)[(0, 0)]);
        close(fit.y_ppy(), (ym.transpose() * &p * &p * &ym)[(0, 0)]);
        close(fit.trace_pd(&design, None), p.trace());
        close(fit.trace_pd(&design, Some(&d)), (&p * &dm).trace());
        close(fit.trace_pdpd(&design, None, None), (&p * &p).trace());
        close(
            fit.trace_pdpd(&design, Some(&d), Some(&d)),
            (&p * &dm * &p * &dm).trace(),
        );
        close(
            fit.trace_pdpd(&design, Some(&d), None),
            (&p * &dm * &p).trace(),
        );
        let m = Moments::new(&design, &y, &v, tau2, true).unwrap();
        close(m.rss, fit.rss());
        close(m.y_ppy, fit.y_ppy());
        close(m.y_pppy, (ym.transpose() * &p * &p * &p * &ym)[(0, 0)]);
        close(m.tr_p, p.trace());
        close(m.tr_pp, (&p * &p).trace());
        let h = &xm * (xm.transpose() * &wm * &xm).try_inverse().unwrap() * xm.transpose() * &wm;
        for (i, hi) in fit.hat_values(&design).iter().enumerate() {
            close(*hi, h[(i, i)]);
        }
    }

    /// Two studies with weights a and b: `P = [[ab, −ab], [−ab, ab]] / (a + b)`, so
    /// `tr(P) = 2ab/(a + b)` and `tr(PP) = 4a²b²/(a + b)²`. With a = 1e12, b = 1 the textbook
    /// reductions `Σw − Σw²/Σw` and `Σw² − 2Σw³/Σw + (Σw²/Σw)²` cancel the 1e12 and keep only
    /// rounding error (1e-4 and worse); the traces here are exact to rounding. The same with
    /// a moderator that separates a third, light study.
    #[test]
    fn a_study_with_nearly_all_the_weight_does_not_cancel_the_traces() {
        let (a, b) = (1e12, 1.0);
        let v = [1.0 / a, 1.0 / b];
        let y = [0.3, 0.7];
        let design = ModelMatrix::intercept_only(2, "intrcpt");
        let fit = WeightedFit::inverse_variance(&design, &y, &v, 0.0).unwrap();
        let tr_p = 2.0 * a * b / (a + b);
        let tr_pp = 4.0 * a * a * b * b / ((a + b) * (a + b));
        let close = |x: f64, want: f64| assert!((x / want - 1.0).abs() < 1e-14, "{x} vs {want}");
        close(fit.trace_pd(&design, None), tr_p);
        close(fit.trace_pdpd(&design, None, None), tr_pp);
        let m = Moments::new(&design, &y, &v, 0.0, true).unwrap();
        close(m.tr_p, tr_p);
        close(m.tr_pp, tr_pp);
        // Rows (1, 0), (1, 0), (1, 1): the third study is fitted exactly (P's third row and
        // column are 0), so the traces are those of the first two.
        let design = ModelMatrix::from_columns(
            3,
            vec![
                ("intrcpt".into(), vec![1.0; 3]),
                ("x".into(), vec![0.0, 0.0, 1.0]),
            ],
        );
        let v = [1.0 / a, 1.0 / b, 1.0];
        let y = [0.3, 0.7, 0.1];
        let fit = WeightedFit::inverse_variance(&design, &y, &v, 0.0).unwrap();
        close(fit.trace_pd(&design, None), tr_p);
        close(fit.trace_pdpd(&design, None, None), tr_pp);
        let m = Moments::new(&design, &y, &v, 0.0, true).unwrap();
        close(m.tr_p, tr_p);
        close(m.tr_pp, tr_pp);
    }
}
