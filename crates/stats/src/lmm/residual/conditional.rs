//! The conditional modes (BLUPs) of a fit with correlated residuals ([`super`]), its fitted
//! values and its normalized residuals: what `lmm --residual … --ranef` prints and its charts
//! (`--plot`, `--qq`, `--caterpillar`) draw.
//!
//! For subject i, with the relative factor T (D = σ² T Tᵀ) and Vᵢ = Zᵢ T Tᵀ Zᵢᵀ + Rᵢ(ρ) (so
//! that Var(yᵢ) = σ² Vᵢ, [`super`]):
//!
//! ```text
//! b̂ᵢ  = D Zᵢᵀ (σ² Vᵢ)⁻¹ (yᵢ − Xᵢβ̂) = T Tᵀ Zᵢᵀ Vᵢ⁻¹ (yᵢ − Xᵢβ̂)    nlme's ranef(fit)
//! ŷᵢ  = Xᵢβ̂ + Zᵢb̂ᵢ                                              fitted(fit) (level 1)
//! eᵢ  = Fᵢ (yᵢ − ŷᵢ) / σ̂,   FᵢᵀFᵢ = Rᵢ(ρ̂)⁻¹                       residuals(fit, type = "normalized")
//! ```
//!
//! (Pinheiro & Bates 2000, §2.2 for the BLUP; §5.3 and nlme's `residuals.lme` for the
//! normalized residuals: the Pearson residuals (yᵢ − ŷᵢ)/σ̂ premultiplied by the inverse
//! square-root factor of the estimated residual correlation, so that under the model they are
//! independent standard normal.) Fᵢ is nlme's: for AR(1) and CAR(1) the inverse of the
//! Cholesky factor Lᵢ of Rᵢ (`AR1_fact`, `CAR1_fact` in nlme's src/corStruct.c), for compound
//! symmetry a Helmert-type factor (`compSymm_fact`, `helmert_whitened`). Fᵢ is taken with
//! the subject's rows in time order; nlme takes it in the order of the data within the
//! subject, which is the same when the data are sorted by subject and time, as trial data
//! usually are (nlme's normalized residuals of data in another order are not those of its own
//! fit: it premultiplies the residuals in data order by factors built in grouped order).
//! Subjects of one pattern (`Pattern`: the same times and random-effect rows) share Vᵢ and
//! Rᵢ, so each is factored once per pattern.

use super::{Problem, ResidualKind};
use crate::lmm::fit::FactorModes;
use nalgebra::{DMatrix, DVector};

/// The conditional modes, fitted values and normalized residuals of a fit with correlated
/// residuals ([`super::CorrelatedFit::conditional`]).
#[derive(Debug, Clone)]
pub struct Conditional {
    /// The BLUPs of every subject (group, terms, levels, values level-major), nlme's
    /// `ranef(fit)`.
    pub modes: FactorModes,
    /// Each row's subject (an index into `modes.levels`), in file order.
    pub group_of_row: Vec<u32>,
    /// The observed response, one per row used, in file order.
    pub observed: Vec<f64>,
    /// `xβ̂ + zb̂` (nlme's `fitted(fit)`), one per row used.
    pub fitted: Vec<f64>,
    /// `xβ̂` (nlme's `fitted(fit, level = 0)`), one per row used.
    pub population: Vec<f64>,
    /// nlme's `residuals(fit, type = "normalized")`, one per row used.
    pub normalized: Vec<f64>,
}

impl Problem<'_> {
    /// The BLUPs, fitted values and normalized residuals at θ = `theta`, ρ = `rho`, the GLS
    /// `beta` and the residual SD `sigma`. `None` if some Vᵢ or Rᵢ is not positive definite
    /// (not at an optimum the criterion was evaluated at).
    pub(super) fn conditional(
        &self,
        theta: &[f64],
        rho: f64,
        beta: &[f64],
        sigma: f64,
    ) -> Option<Conditional> {
        let re = self.re;
        let q = re.q();
        let n = self.y.len();
        let population: Vec<f64> = (0..n)
            .map(|i| self.x.row(i).iter().zip(beta).map(|(a, b)| a * b).sum())
            .collect();
        let mut t = vec![0.0; q * q];
        re.fill_t(theta, &mut t);
        let t_matrix = DMatrix::from_row_slice(q, q, &t);
        let mut modes = vec![0.0; re.levels.len() * q];
        let mut fitted = population.clone();
        let mut normalized = vec![0.0; n];
        for pattern in &self.patterns {
            let subject = &self.subjects[pattern.representative];
            let zt = self.zt_of(subject, &t);
            // T (Zᵢ T)ᵀ Vᵢ⁻¹ = T Tᵀ Zᵢᵀ Vᵢ⁻¹, q × m.
            let blup = &t_matrix
                * self
                    .v_of(subject, &t, rho)
                    .cholesky()?
                    .solve(&zt)
                    .transpose();
            let factor = match self.kind {
                ResidualKind::Cs => None,
                ResidualKind::Ar1 | ResidualKind::Car1 => {
                    Some(self.correlation_of(subject, rho).cholesky()?)
                }
            };
            for &member in &pattern.members {
                let rows = &self.subjects[member].rows;
                let r = DVector::from_iterator(
                    rows.len(),
                    rows.iter().map(|&row| self.y[row] - population[row]),
                );
                let b = &blup * r;
                modes[member * q..(member + 1) * q].copy_from_slice(b.as_slice());
                let mut e = DVector::zeros(rows.len());
                for (a, &row) in rows.iter().enumerate() {
                    let z = &re.z[row * q..(row + 1) * q];
                    fitted[row] += z.iter().zip(b.iter()).map(|(z, b)| z * b).sum::<f64>();
                    e[a] = (self.y[row] - fitted[row]) / sigma;
                }
                let e = match &factor {
                    Some(factor) => factor.l_dirty().solve_lower_triangular(&e)?,
                    None => helmert_whitened(&e, rho),
                };
                for (a, &row) in rows.iter().enumerate() {
                    normalized[row] = e[a];
                }
            }
        }
        Some(Conditional {
            modes: FactorModes {
                group: re.group.clone(),
                terms: re.names.clone(),
                levels: re.levels.clone(),
                values: modes,
            },
            group_of_row: re.group_of_row.clone(),
            observed: self.y.to_vec(),
            fitted,
            population,
            normalized,
        })
    }
}

/// Compound symmetry's normalized residuals of one subject's Pearson residuals `e` (in time
/// order) at correlation `rho`: nlme's factor F with FᵀF = R⁻¹ (`compSymm_fact` in nlme's
/// src/corStruct.c), not the inverse Cholesky factor. Its first row is the subject's sum over
/// √(m(1 + (m − 1)ρ)), row i ≥ 1 the Helmert contrast `(i eᵢ − Σ_{j<i} eⱼ)` over
/// √((1 − ρ) i (i + 1)): R = (1 − ρ)I + ρJ acts on the sum's direction as 1 + (m − 1)ρ and on
/// the contrasts, which are orthogonal to it and to each other, as 1 − ρ.
fn helmert_whitened(e: &DVector<f64>, rho: f64) -> DVector<f64> {
    let m = e.len();
    let mut out = DVector::zeros(m);
    let mut before = 0.0;
    for (i, &ei) in e.iter().enumerate() {
        if i > 0 {
            let i = i as f64;
            out[i as usize] = (i * ei - before) / ((1.0 - rho) * i * (i + 1.0)).sqrt();
        }
        before += ei;
    }
    out[0] = before / (m as f64 * (1.0 + (m as f64 - 1.0) * rho)).sqrt();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helmert_factor_whitens_compound_symmetry() {
        // F R Fᵀ = I for R = (1 − ρ)I + ρJ: the columns of F are F applied to eⱼ.
        let (m, rho) = (5, -0.18);
        let columns: Vec<DVector<f64>> = (0..m)
            .map(|j| helmert_whitened(&DVector::from_fn(m, |i, _| f64::from(i == j)), rho))
            .collect();
        let f = DMatrix::from_columns(&columns);
        let r = DMatrix::from_fn(m, m, |a, b| if a == b { 1.0 } else { rho });
        let identity = &f * r * f.transpose();
        assert!((identity - DMatrix::identity(m, m)).abs().max() < 1e-14);
    }
}
