//! Cluster-robust tests of the coefficients with the CR2 small-sample correction and
//! Satterthwaite degrees of freedom (Bell & McCaffrey 2002, *Surv Methodol* 28:169;
//! Pustejovsky & Tipton 2018, *J Bus Econ Stat* 36:672), as metafor's
//! `robust(res, cluster, clubSandwich = TRUE)` (clubSandwich's `vcovCR(type = "CR2")` and
//! `coef_test(test = "Satterthwaite")`), with the fitted model's marginal covariance `Θ` as
//! the working model and `W = Θ⁻¹` as the weights.
//!
//! With `B = (X'WX)⁻¹`, for each cluster g: `R_g` the upper Cholesky factor of `Θ_g`,
//! `G_g = R_g (Θ_g − X_g B X_g') R_g'`, the adjustment `A_g = R_g' G_g^{−1/2} R_g` (eigenvalues
//! below 1e-12 dropped, as clubSandwich's `matrix_power`), `E_g = X_g' W_g A_g`, and
//! `V = B (Σ_g E_g r_g r_g' E_g') B`. For coefficient j, with `q_g` the j-th row of
//! `B E_g` and `a_g = X_g' q_g`, the quantities of the Satterthwaite approximation reduce, since
//! `W = Θ⁻¹`, to `P_gh = δ_gh q_g'Θ_g q_g − a_g' B a_h`, and `df = (Σ_g P_gg)² / Σ_gh P_gh²`,
//! where `Σ_{g≠h} (a_g'Ba_h)² = tr(B S B S) − Σ_g (a_g'Ba_g)²`, `S = Σ_g a_g a_g'`: O(Σ n_g³ + C·p²),
//! no C×C matrix. The covariance blocks are the fitted model's (a three-level model's robust
//! clusters must each hold whole model clusters). The omnibus (HTZ) Wald test is not computed.

use super::model::{reads_through_to_tested, TestedEstimate};
use super::moderators::ModelMatrix;
use crate::dist::t_crit;
use crate::error::{Error, Result};
use nalgebra::{DMatrix, DVector, SymmetricEigen};
use serde::Serialize;

/// One coefficient tested with its CR2 standard error by t on `df` degrees of freedom.
#[derive(Debug, Clone, PartialEq)]
pub struct RobustCoefficient {
    pub name: String,
    pub tested: TestedEstimate,
    /// Satterthwaite degrees of freedom.
    pub df: f64,
}

reads_through_to_tested!(RobustCoefficient);

/// In JSON the degrees of freedom stand between the t statistic and its p-value, where they
/// have always been (a flattened [`TestedEstimate`] would move them after the interval).
impl Serialize for RobustCoefficient {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = &self.tested;
        let mut out = s.serialize_struct("RobustCoefficient", 8)?;
        out.serialize_field("name", &self.name)?;
        out.serialize_field("estimate", &t.estimate)?;
        out.serialize_field("se", &t.se)?;
        out.serialize_field("statistic", &t.statistic)?;
        out.serialize_field("df", &self.df)?;
        out.serialize_field("p", &t.p)?;
        out.serialize_field("ci_lower", &t.ci_lower)?;
        out.serialize_field("ci_upper", &t.ci_upper)?;
        out.end()
    }
}

/// The cluster-robust tests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustTests {
    pub cluster_column: String,
    pub clusters: usize,
    pub coefficients: Vec<RobustCoefficient>,
    /// CR2 covariance matrix of the coefficients (p×p).
    pub vcov: Vec<Vec<f64>>,
}

/// CR2 tests of the coefficients `beta` of the model with design `design`, estimates `y`,
/// marginal covariance `theta(i, j)` (needed only for rows of one robust cluster), and the
/// rows of each robust cluster `members`.
pub fn cr2(
    design: &ModelMatrix,
    y: &[f64],
    beta: &[f64],
    theta: &dyn Fn(usize, usize) -> f64,
    members: &[Vec<usize>],
    cluster_column: &str,
    level: f64,
) -> Result<RobustTests> {
    let p = design.p;
    if members.len() <= p {
        return Err(Error::input(
            "--robust",
            format!(
                "{} clusters: cluster-robust tests need more clusters than coefficients ({p})",
                members.len()
            ),
        ));
    }
    let residual = |i: usize| {
        y[i] - design
            .row(i)
            .iter()
            .zip(beta)
            .map(|(x, b)| x * b)
            .sum::<f64>()
    };
    // Per cluster: Θ_g, its Cholesky factor, W_g X_g; and B = (Σ X_g'W_g X_g)⁻¹.
    struct Block {
        theta: DMatrix<f64>,
        upper: DMatrix<f64>,
        x: DMatrix<f64>,
        wx: DMatrix<f64>,
        r: DVector<f64>,
    }
    let mut blocks = Vec::with_capacity(members.len());
    let mut xwx = DMatrix::<f64>::zeros(p, p);
    for rows in members {
        let n = rows.len();
        let th = DMatrix::from_fn(n, n, |a, b| theta(rows[a], rows[b]));
        let chol = th.clone().cholesky().ok_or_else(|| {
            Error::Numerical("--robust: a cluster's covariance is not positive definite".into())
        })?;
        let x = DMatrix::from_fn(n, p, |a, j| design.row(rows[a])[j]);
        let wx = chol.solve(&x);
        xwx += x.transpose() * &wx;
        blocks.push(Block {
            upper: chol.l().transpose(),
            theta: th,
            x,
            wx,
            r: DVector::from_fn(n, |a, _| residual(rows[a])),
        });
    }
    let b = super::gls::invert_spd(xwx)?;
    let mut meat = DMatrix::<f64>::zeros(p, p);
    // Per coefficient: Σ P_gg, Σ P_gg², Σ (a_g'Ba_g)², S.
    let mut sum_p = vec![0.0; p];
    let mut sum_p2 = vec![0.0; p];
    let mut sum_aba2 = vec![0.0; p];
    let mut s = vec![DMatrix::<f64>::zeros(p, p); p];
    for blk in &blocks {
        let xbx = &blk.x * &b * blk.x.transpose();
        let g = &blk.upper * (&blk.theta - xbx) * blk.upper.transpose();
        let eig = SymmetricEigen::new((&g + g.transpose()) * 0.5);
        let d = eig
            .eigenvalues
            .map(|l| if l > 1e-12 { 1.0 / l.sqrt() } else { 0.0 });
        let g_inv_half =
            &eig.eigenvectors * DMatrix::from_diagonal(&d) * eig.eigenvectors.transpose();
        let a = blk.upper.transpose() * g_inv_half * &blk.upper;
        // E_g = X_g' W_g A_g (W_g symmetric).
        let e = blk.wx.transpose() * a;
        let comp = &e * &blk.r;
        meat += &comp * comp.transpose();
        let be = &b * &e;
        for j in 0..p {
            let q = be.row(j).transpose();
            let q_theta_q = (q.transpose() * &blk.theta * &q)[(0, 0)];
            let av = blk.x.transpose() * &q;
            let aba = (av.transpose() * &b * &av)[(0, 0)];
            let pgg = q_theta_q - aba;
            sum_p[j] += pgg;
            sum_p2[j] += pgg * pgg;
            sum_aba2[j] += aba * aba;
            s[j] += &av * av.transpose();
        }
    }
    let vcov = &b * meat * &b;
    let coefficients = (0..p)
        .map(|j| {
            let bs = &b * &s[j];
            let cross = (&bs * &bs).trace() - sum_aba2[j];
            let df = sum_p[j] * sum_p[j] / (sum_p2[j] + cross);
            RobustCoefficient {
                name: design.names[j].clone(),
                tested: TestedEstimate::new(
                    beta[j],
                    vcov[(j, j)].sqrt(),
                    Some(df),
                    t_crit(level, df),
                ),
                df,
            }
        })
        .collect();
    Ok(RobustTests {
        cluster_column: cluster_column.to_string(),
        clusters: members.len(),
        coefficients,
        vcov: (0..p)
            .map(|a| (0..p).map(|c| vcov[(a, c)]).collect())
            .collect(),
    })
}
