//! Weighted least squares with diagonal weights, done in O(k·p²) time and O(k + p²) memory.
//!
//! Every quantity metafor writes with the k×k "residual maker" `P = W − W X (X'WX)⁻¹ X'W`
//! (Viechtbauer 2005, eq. 6) is reduced here to p×p cross-products `M[s] = Σᵢ sᵢ xᵢ xᵢ'`:
//!
//! * `y'P y = Σ wᵢ rᵢ²` and `y'P P y = Σ wᵢ² rᵢ²`, with `r = y − X β̂` (because `P y = W r`);
//! * `tr(P D) = Σ wᵢ dᵢ − tr(A⁻¹ M[w² d])` for a diagonal `D`, `A = X'WX`;
//! * `tr(P D₁ P D₂) = Σ wᵢ² d₁ᵢ d₂ᵢ − 2 tr(A⁻¹ M[w³ d₁ d₂]) + tr(A⁻¹ M[w² d₁] A⁻¹ M[w² d₂])`.
//!
//! No k×k matrix is ever formed.

use super::moderators::Design;
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
pub fn cross_product(design: &Design, s: impl Fn(usize) -> f64) -> DMatrix<f64> {
    let p = design.p;
    let mut m = DMatrix::<f64>::zeros(p, p);
    for i in 0..design.k {
        let si = s(i);
        let x = design.row(i);
        for a in 0..p {
            let xa = si * x[a];
            for b in 0..=a {
                m[(a, b)] += xa * x[b];
            }
        }
    }
    symmetrise(&mut m);
    m
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
    Error::input(
        "--mods",
        "the model matrix is not of full rank (a moderator is constant or a linear \
         combination of others); drop or recode it",
    )
}

impl WeightedFit {
    /// Fit by weighted least squares (two passes over the studies).
    pub fn new(design: &Design, y: &[f64], weights: Vec<f64>) -> Result<Self> {
        let p = design.p;
        let a = cross_product(design, |i| weights[i]);
        let mut c = DVector::<f64>::zeros(p);
        for (i, (&wi, &yi)) in weights.iter().zip(y).enumerate() {
            let x = design.row(i);
            for a in 0..p {
                c[a] += wi * x[a] * yi;
            }
        }
        let a_inv = invert_spd(a)?;
        let beta = &a_inv * c;
        let residuals = (0..design.k)
            .map(|i| {
                y[i] - design
                    .row(i)
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
    pub fn inverse_variance(design: &Design, y: &[f64], v: &[f64], tau2: f64) -> Result<Self> {
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
    pub fn trace_pd(&self, design: &Design, d: Option<&[f64]>) -> f64 {
        let w = &self.weights;
        let di = |i: usize| d.map_or(1.0, |d| d[i]);
        let direct: f64 = (0..design.k).map(|i| w[i] * di(i)).sum();
        let m = cross_product(design, |i| w[i] * w[i] * di(i));
        direct - trace_of_product(&self.a_inv, &m)
    }

    /// `tr(P D₁ P D₂)` for diagonal `D₁`, `D₂`; `None` is the identity.
    pub fn trace_pdpd(&self, design: &Design, d1: Option<&[f64]>, d2: Option<&[f64]>) -> f64 {
        let w = &self.weights;
        let a = |i: usize| d1.map_or(1.0, |d| d[i]);
        let b = |i: usize| d2.map_or(1.0, |d| d[i]);
        let direct: f64 = (0..design.k).map(|i| w[i] * w[i] * a(i) * b(i)).sum();
        let m3 = cross_product(design, |i| w[i] * w[i] * w[i] * a(i) * b(i));
        let m1 = &self.a_inv * cross_product(design, |i| w[i] * w[i] * a(i));
        let m2 = &self.a_inv * cross_product(design, |i| w[i] * w[i] * b(i));
        direct - 2.0 * trace_of_product(&self.a_inv, &m3) + trace_of_product(&m1, &m2)
    }

    /// Hat values `wᵢ xᵢ' (X'WX)⁻¹ xᵢ` (diagonal of `X (X'WX)⁻¹ X'W`).
    pub fn hat_values(&self, design: &Design) -> Vec<f64> {
        (0..design.k)
            .map(|i| self.weights[i] * quadratic_form(&self.a_inv, design.row(i)))
            .collect()
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
    /// Compute at `tau2`; `traces` adds `tr(P)` and `tr(PP)` (two more p×p accumulators).
    pub fn new(design: &Design, y: &[f64], v: &[f64], tau2: f64, traces: bool) -> Result<Self> {
        let p = design.p;
        let mut a = DMatrix::<f64>::zeros(p, p);
        let mut c = DVector::<f64>::zeros(p);
        for i in 0..design.k {
            let w = 1.0 / (v[i] + tau2);
            let x = design.row(i);
            for r in 0..p {
                let wx = w * x[r];
                c[r] += wx * y[i];
                for s in 0..=r {
                    a[(r, s)] += wx * x[s];
                }
            }
        }
        symmetrise(&mut a);
        let a_inv = invert_spd(a)?;
        let beta = &a_inv * c;
        let (mut rss, mut y_ppy, mut sum_w, mut sum_w2) = (0.0, 0.0, 0.0, 0.0);
        let mut m2 = DMatrix::<f64>::zeros(p, p);
        let mut m3 = DMatrix::<f64>::zeros(p, p);
        for i in 0..design.k {
            let w = 1.0 / (v[i] + tau2);
            let x = design.row(i);
            let fitted: f64 = x.iter().zip(beta.iter()).map(|(x, b)| x * b).sum();
            let r = y[i] - fitted;
            let wr = w * r;
            rss += wr * r;
            y_ppy += wr * wr;
            sum_w += w;
            let w2 = w * w;
            sum_w2 += w2;
            if traces {
                for r in 0..p {
                    let w2x = w2 * x[r];
                    for s in 0..=r {
                        m2[(r, s)] += w2x * x[s];
                        m3[(r, s)] += w * w2x * x[s];
                    }
                }
            }
        }
        let (tr_p, tr_pp) = if traces {
            symmetrise(&mut m2);
            symmetrise(&mut m3);
            let a_m2 = &a_inv * &m2;
            (
                sum_w - a_m2.trace(),
                sum_w2 - 2.0 * trace_of_product(&a_inv, &m3) + trace_of_product(&a_m2, &a_m2),
            )
        } else {
            (f64::NAN, f64::NAN)
        };
        Ok(Moments {
            rss,
            y_ppy,
            sum_w,
            sum_w2,
            tr_p,
            tr_pp,
        })
    }
}

/// Copy the lower triangle onto the upper one.
fn symmetrise(m: &mut DMatrix<f64>) {
    for r in 0..m.nrows() {
        for s in 0..r {
            m[(s, r)] = m[(r, s)];
        }
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
        let design = Design::from_columns(
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
        close(m.tr_p, p.trace());
        close(m.tr_pp, (&p * &p).trace());
        let h = &xm * (xm.transpose() * &wm * &xm).try_inverse().unwrap() * xm.transpose() * &wm;
        for (i, hi) in fit.hat_values(&design).iter().enumerate() {
            close(*hi, h[(i, i)]);
        }
    }
}
