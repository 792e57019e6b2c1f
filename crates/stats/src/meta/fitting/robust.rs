//! Cluster-robust (sandwich) inference for the coefficients of a fitted model, as metafor's
//! `robust(res, cluster, ...)`: [`Sandwich`] holds the robust covariance and what its tests
//! need, of one of three types ([`RobustType`]):
//!
//! * **CR0** and **CR1** (`robust(res, cluster, adjust = FALSE / TRUE)`, metafor's own): with
//!   the bread `B = (X'WX)⁻¹`, `V = c · B (Σ_g X_g'W_g r_g r_g' W_g X_g) B`, `c = 1` (CR0) or
//!   `J/(J − p)` for J clusters (CR1, Hedges, Tipton & Johnson 2010, *Res Synth Methods* 1:39;
//!   clubSandwich's "CR1p"); t tests on `J − p` df and the F test `QM/m` on `(m, J − p)` df;
//! * **CR2** (`robust(res, cluster, clubSandwich = TRUE)`: clubSandwich's `vcovCR(type =
//!   "CR2")`, `coef_test(test = "Satterthwaite")`, `Wald_test(test = "HTZ")`): the bias-reduced
//!   linearisation of Bell & McCaffrey (2002, *Surv Methodol* 28:169) with Satterthwaite df
//!   for each linear combination and the HTZ test of several (Pustejovsky & Tipton 2018,
//!   *J Bus Econ Stat* 36:672), with the fitted model's marginal covariance `Θ` as the working
//!   model and `W = Θ⁻¹` as the weights.
//!
//! CR2: for each cluster g, `R_g` the upper Cholesky factor of `Θ_g`,
//! `G_g = R_g (Θ_g − X_g B X_g') R_g'`, the adjustment `A_g = R_g' G_g^{−1/2} R_g` (eigenvalues
//! below 1e-12 dropped, as clubSandwich's `matrix_power`), `E_g = X_g' W_g A_g`, and
//! `V = B (Σ_g E_g r_g r_g' E_g') B`.
//!
//! Degrees of freedom of CR2 (HTZ; for one row it is the Satterthwaite df): for a constraint
//! matrix C (q×p), `q_{s,g}` the s-th row of `C B E_g` and `a_{s,g} = X_g' q_{s,g}`, the entries
//! of clubSandwich's P array reduce, since `W = Θ⁻¹`, to
//! `P^{st}_{gh} = δ_gh q_{s,g}'Θ_g q_{t,g} − a_{s,g}' B a_{t,h}`. With `Ω = Σ_g P_gg` and every
//! row turned by `Ω^{−1/2}`, `Var_st = Σ_gh (P^{st}_{gh} P^{ts}_{gh} + P^{ss}_{gh} P^{tt}_{gh})`,
//! `ν = q(q + 1) / Σ_st Var_st`, and the test is `F = (ν − q + 1)/(ν q) · Q` on
//! `(q, ν − q + 1)` df, `Q = (Cβ)'(C V C')⁻¹(Cβ)`. The sums over cluster pairs are traces:
//! `Σ_gh (a_{s,g}'Ba_{t,h})(a_{t,g}'Ba_{s,h}) = tr(B S^{ts} B S^{ts})` and
//! `Σ_gh (a_{s,g}'Ba_{s,h})(a_{t,g}'Ba_{t,h}) = tr(B S^{st} B S^{ts})`, `S^{st} = Σ_g a_{s,g}a_{t,g}'`:
//! O(Σ n_g³ + J·q²·p²), no J×J matrix. The covariance blocks are the fitted model's (a
//! three-level model's robust clusters must each hold whole model clusters).

use super::gls::invert_spd;
use super::model::{TestedEstimate, reads_through_to_tested};
use super::moderators::ModelMatrix;
use crate::dist::{pf_upper, t_crit};
use crate::error::{Error, Result};
use nalgebra::{DMatrix, DVector, SymmetricEigen};
use serde::Serialize;

/// The kind of robust covariance (metafor's `robust()` variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RobustType {
    /// No small-sample factor (`adjust = FALSE`); t on J − p df.
    CR0,
    /// Factor J/(J − p) (`adjust = TRUE`, metafor's default); t on J − p df.
    CR1,
    /// Bias-reduced linearisation with Satterthwaite df and the HTZ test (`clubSandwich = TRUE`).
    #[default]
    CR2,
}

impl RobustType {
    pub fn name(self) -> &'static str {
        match self {
            RobustType::CR0 => "CR0",
            RobustType::CR1 => "CR1",
            RobustType::CR2 => "CR2",
        }
    }
}

impl std::str::FromStr for RobustType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_uppercase().as_str() {
            "CR0" => Ok(RobustType::CR0),
            "CR1" => Ok(RobustType::CR1),
            "CR2" => Ok(RobustType::CR2),
            other => Err(Error::field(
                "robust_type",
                format!(
                    "unknown type '{other}'; allowed: CR0 (no small-sample factor), CR1 (factor \
                     J/(J-p), metafor's default), CR2 (clubSandwich, Satterthwaite df)"
                ),
            )),
        }
    }
}

/// One coefficient tested with its robust standard error by t on `df` degrees of freedom.
#[derive(Debug, Clone, PartialEq)]
pub struct RobustCoefficient {
    pub name: String,
    pub tested: TestedEstimate,
    /// Satterthwaite (CR2) or J − p (CR0, CR1) degrees of freedom.
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

/// An F test of several linear combinations being 0 (df2 may be fractional: HTZ).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JointTest {
    /// `F`: `QM/m` (CR0, CR1) or the HTZ statistic (CR2).
    pub statistic: f64,
    pub df1: usize,
    pub df2: f64,
    pub p: f64,
}

/// The cluster-robust tests.
#[derive(Debug, Clone, Serialize)]
pub struct RobustTests {
    pub cluster_column: String,
    pub clusters: usize,
    /// `CR0`, `CR1` or `CR2`.
    pub vcov_type: &'static str,
    pub coefficients: Vec<RobustCoefficient>,
    /// The test of every coefficient but the intercept (models with moderators; metafor's
    /// `QM` after `robust()`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omnibus: Option<JointTest>,
    /// Robust covariance matrix of the coefficients (p×p).
    pub vcov: Vec<Vec<f64>>,
    /// What further tests of linear combinations need.
    #[serde(skip)]
    pub sandwich: Sandwich,
}

impl PartialEq for RobustTests {
    fn eq(&self, other: &Self) -> bool {
        self.cluster_column == other.cluster_column
            && self.clusters == other.clusters
            && self.vcov_type == other.vcov_type
            && self.coefficients == other.coefficients
            && self.omnibus == other.omnibus
            && self.vcov == other.vcov
    }
}

/// One robust cluster's part of the sandwich.
#[derive(Debug, Clone)]
struct Block {
    theta: DMatrix<f64>,
    x: DMatrix<f64>,
    /// `E_g` (p×n_g): the adjusted estimating-function matrix of CR2.
    e: DMatrix<f64>,
}

/// A robust covariance with what its tests need (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct Sandwich {
    kind: RobustType,
    beta: Vec<f64>,
    /// The bread `B = (X'WX)⁻¹`.
    bread: DMatrix<f64>,
    /// CR2 only: the clusters' blocks.
    blocks: Vec<Block>,
    vcov: DMatrix<f64>,
    clusters: usize,
}

impl Sandwich {
    /// The robust covariance of type `kind` of the coefficients `beta` of the model with
    /// design `design`, estimates `y`, marginal covariance `theta(i, j)` (needed only for
    /// rows of one robust cluster), and the rows of each robust cluster `members`.
    pub fn new(
        kind: RobustType,
        design: &ModelMatrix,
        y: &[f64],
        beta: &[f64],
        theta: &dyn Fn(usize, usize) -> f64,
        members: &[Vec<usize>],
    ) -> Result<Self> {
        let p = design.p;
        let clusters = members.len();
        if clusters <= p {
            return Err(Error::field(
                "robust",
                format!(
                    "{clusters} clusters: cluster-robust tests need more clusters than \
                     coefficients ({p})"
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
        let mut parts = Vec::with_capacity(clusters);
        let mut xwx = DMatrix::<f64>::zeros(p, p);
        for rows in members {
            let n = rows.len();
            let th = DMatrix::from_fn(n, n, |a, b| theta(rows[a], rows[b]));
            let chol = th.clone().cholesky().ok_or_else(|| {
                Error::numerical(
                    "{field:robust}: a cluster's covariance is not positive definite".into(),
                )
            })?;
            let x = DMatrix::from_fn(n, p, |a, j| design.row(rows[a])[j]);
            let wx = chol.solve(&x);
            xwx += x.transpose() * &wx;
            let r = DVector::from_fn(n, |a, _| residual(rows[a]));
            parts.push((th, chol.l().transpose(), x, wx, r));
        }
        let bread = invert_spd(xwx)?;
        let mut meat = DMatrix::<f64>::zeros(p, p);
        let mut blocks = Vec::new();
        for (theta, upper, x, wx, r) in parts {
            // E_g = X_g' W_g A_g (W_g symmetric); A_g = I for CR0 and CR1.
            let e = match kind {
                RobustType::CR2 => {
                    let xbx = &x * &bread * x.transpose();
                    let g = &upper * (&theta - xbx) * upper.transpose();
                    let eig = SymmetricEigen::new((&g + g.transpose()) * 0.5);
                    let d = eig
                        .eigenvalues
                        .map(|l| if l > 1e-12 { 1.0 / l.sqrt() } else { 0.0 });
                    let g_inv_half = &eig.eigenvectors
                        * DMatrix::from_diagonal(&d)
                        * eig.eigenvectors.transpose();
                    wx.transpose() * (upper.transpose() * g_inv_half * &upper)
                }
                _ => wx.transpose(),
            };
            let comp = &e * &r;
            meat += &comp * comp.transpose();
            if kind == RobustType::CR2 {
                blocks.push(Block { theta, x, e });
            }
        }
        let mut vcov = &bread * meat * &bread;
        if kind == RobustType::CR1 {
            vcov *= clusters as f64 / (clusters - p) as f64;
        }
        Ok(Sandwich {
            kind,
            beta: beta.to_vec(),
            bread,
            blocks,
            vcov,
            clusters,
        })
    }

    /// The robust covariance of the coefficients.
    pub fn vcov(&self) -> &DMatrix<f64> {
        &self.vcov
    }

    /// The type of the covariance.
    pub fn kind(&self) -> RobustType {
        self.kind
    }

    /// Number of clusters.
    pub fn clusters(&self) -> usize {
        self.clusters
    }

    /// The t degrees of freedom of the linear combination `x'β`: J − p (CR0, CR1), or
    /// Satterthwaite's (CR2; clubSandwich's `linear_contrast`/`coef_test`).
    pub fn df(&self, x: &[f64]) -> f64 {
        match self.kind {
            RobustType::CR2 => {
                let c = DMatrix::from_row_slice(1, x.len(), x);
                self.htz_nu(&c)
            }
            _ => (self.clusters - self.beta.len()) as f64,
        }
    }

    /// ν of the HTZ test of the rows of `c` (q×p, full row rank), see the module doc.
    fn htz_nu(&self, c: &DMatrix<f64>) -> f64 {
        let q = c.nrows();
        let p = self.bread.nrows();
        let cb = c * &self.bread;
        // Per cluster: D_g = Q_g Θ_g Q_g' and A_g = Q_g X_g (q×p), Q_g = C B E_g.
        let per: Vec<(DMatrix<f64>, DMatrix<f64>)> = self
            .blocks
            .iter()
            .map(|blk| {
                let qg = &cb * &blk.e;
                (&qg * &blk.theta * qg.transpose(), &qg * &blk.x)
            })
            .collect();
        let mut omega = DMatrix::<f64>::zeros(q, q);
        for (d, a) in &per {
            omega += d - a * &self.bread * a.transpose();
        }
        let eig = SymmetricEigen::new((&omega + omega.transpose()) * 0.5);
        let half = eig.eigenvalues.map(|l| {
            if l > 1e-12 * eig.eigenvalues.amax() {
                1.0 / l.sqrt()
            } else {
                0.0
            }
        });
        let t = &eig.eigenvectors * DMatrix::from_diagonal(&half) * eig.eigenvectors.transpose();
        // Turned by Ω^{-1/2}: D̃_g, C̃_g = Ã_g B Ã_g', and S^{st} = Σ_g ã_{s,g} ã_{t,g}'.
        let mut diag_terms = DMatrix::<f64>::zeros(q, q);
        let mut s = vec![DMatrix::<f64>::zeros(p, p); q * q];
        for (d, a) in &per {
            let d = &t * d * &t;
            let a = &t * a;
            let cc = &a * &self.bread * a.transpose();
            for u in 0..q {
                for v in 0..q {
                    // Σ_g of the δ_gh parts of P^{uv}P^{vu} + P^{uu}P^{vv}.
                    diag_terms[(u, v)] +=
                        d[(u, v)] * d[(v, u)] - d[(u, v)] * cc[(v, u)] - d[(v, u)] * cc[(u, v)]
                            + d[(u, u)] * d[(v, v)]
                            - d[(u, u)] * cc[(v, v)]
                            - d[(v, v)] * cc[(u, u)];
                    s[u * q + v] += a.row(u).transpose() * a.row(v);
                }
            }
        }
        let mut total = 0.0;
        for u in 0..q {
            for v in 0..q {
                let bs_vu = &self.bread * &s[v * q + u];
                let bs_uv = &self.bread * &s[u * q + v];
                total += diag_terms[(u, v)] + (&bs_vu * &bs_vu).trace() + (&bs_uv * &bs_vu).trace();
            }
        }
        (q * (q + 1)) as f64 / total
    }

    /// The test that the rows of `c` (m×p) times β are all 0: F = QM/m on (m, J − p) df
    /// (CR0, CR1), or HTZ (CR2).
    pub fn joint_test(&self, c: &DMatrix<f64>) -> Result<JointTest> {
        let m = c.nrows();
        let b = DVector::from_column_slice(&self.beta);
        let cb = c * b;
        let v = c * &self.vcov * c.transpose();
        let inv = invert_spd(v).map_err(|_| {
            Error::numerical(
                "the robust covariance of the tested combinations is singular (a robust \
                 covariance is only positive semi-definite: there are too few clusters for \
                 these combinations)"
                    .to_string(),
            )
        })?;
        let qm = (cb.transpose() * inv * &cb)[(0, 0)];
        let (statistic, df2) = match self.kind {
            RobustType::CR2 => {
                let nu = self.htz_nu(c);
                let df2 = nu - m as f64 + 1.0;
                (df2 / (nu * m as f64) * qm, df2)
            }
            _ => (qm / m as f64, (self.clusters - self.beta.len()) as f64),
        };
        let p = if df2 > 0.0 {
            pf_upper(statistic.max(0.0), m as f64, df2)
        } else {
            f64::NAN
        };
        Ok(JointTest {
            statistic: statistic.max(0.0),
            df1: m,
            df2,
            p,
        })
    }
}

/// Robust tests of type `kind` of every coefficient of the model with design `design`,
/// estimates `y`, coefficients `beta`, marginal covariance `theta` and robust clusters
/// `members` (see [`Sandwich::new`]), with the omnibus test of the moderators.
#[allow(clippy::too_many_arguments)]
pub fn robust_tests(
    kind: RobustType,
    design: &ModelMatrix,
    y: &[f64],
    beta: &[f64],
    theta: &dyn Fn(usize, usize) -> f64,
    members: &[Vec<usize>],
    cluster_column: &str,
    level: f64,
) -> Result<RobustTests> {
    let p = design.p;
    let sandwich = Sandwich::new(kind, design, y, beta, theta, members)?;
    let vcov = sandwich.vcov();
    let coefficients = (0..p)
        .map(|j| {
            let mut x = vec![0.0; p];
            x[j] = 1.0;
            let df = sandwich.df(&x);
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
    let omnibus = if p > 1 && design.names[0] == super::moderators::INTERCEPT {
        let c = DMatrix::from_fn(p - 1, p, |a, b| if b == a + 1 { 1.0 } else { 0.0 });
        Some(sandwich.joint_test(&c)?)
    } else {
        None
    };
    Ok(RobustTests {
        cluster_column: cluster_column.to_string(),
        clusters: members.len(),
        vcov_type: kind.name(),
        coefficients,
        omnibus,
        vcov: (0..p)
            .map(|a| (0..p).map(|c| vcov[(a, c)]).collect())
            .collect(),
        sandwich,
    })
}

/// CR2 tests (see [`robust_tests`]).
pub fn cr2(
    design: &ModelMatrix,
    y: &[f64],
    beta: &[f64],
    theta: &dyn Fn(usize, usize) -> f64,
    members: &[Vec<usize>],
    cluster_column: &str,
    level: f64,
) -> Result<RobustTests> {
    robust_tests(
        RobustType::CR2,
        design,
        y,
        beta,
        theta,
        members,
        cluster_column,
        level,
    )
}
