//! One fitted meta-regression for a given design: τ², the coefficients with their covariance
//! (Knapp–Hartung adjusted on request), the Wald tests, and Q. Shared by the main fit, the
//! leave-one-out refits and Egger's test, so that all three fit models the same way.

use super::gls::{invert_spd, WeightedFit};
use super::heterogeneity::Heterogeneity;
use super::moderators::Design;
use super::tau2::{self, Tau2Estimate};
use super::{Method, Test};
use crate::dist::{p_two_sided_t, p_two_sided_z, pchisq_upper, pf_upper, t_crit, z_crit};
use crate::error::{Error, Result};
use nalgebra::{DMatrix, DVector};

/// A fitted model (all quantities as metafor's `rma.uni` object).
#[derive(Debug, Clone)]
pub struct FittedModel {
    /// τ² and its SE.
    pub tau2: Tau2Estimate,
    /// The weighted least-squares fit at τ̂² (weights `1/(vᵢ + τ̂²)`).
    pub fit: WeightedFit,
    /// Covariance of the coefficients (`s²_w (X'WX)⁻¹` under Knapp–Hartung).
    pub vb: DMatrix<f64>,
    /// Knapp–Hartung scale `s²_w = Σ wᵢ rᵢ² / (k − p)` (1 for z tests).
    pub s2w: f64,
    /// Residual degrees of freedom of the t and F tests (`None` for z tests).
    pub ddf: Option<usize>,
    /// Critical value for the confidence intervals.
    pub crit: f64,
    /// Q (or QE), I², H² ingredients.
    pub heterogeneity: Heterogeneity,
    /// Omnibus test of the moderators (all coefficients but the intercept; the intercept
    /// itself for an intercept-only model): statistic (χ² or F), df, p.
    pub qm: f64,
    /// Numerator df of QM.
    pub qm_df: usize,
    /// p-value of QM.
    pub qm_p: f64,
}

impl FittedModel {
    /// Fit `y` with sampling variances `v` on `design`.
    pub fn new(
        design: &Design,
        y: &[f64],
        v: &[f64],
        method: Method,
        test: Test,
        level: f64,
    ) -> Result<Self> {
        let (k, p) = (design.k, design.p);
        let needed = if method == Method::FE || (k == 1 && p == 1) {
            p
        } else {
            p + 1
        };
        if k < needed {
            return Err(Error::input(
                "data",
                format!(
                    "{k} studies are too few for {p} coefficient(s) with method {}: at least \
                     {needed} are needed",
                    method.name()
                ),
            ));
        }
        if test == Test::Knha && k <= p {
            return Err(Error::input(
                "--test",
                format!("knha needs more studies ({k}) than coefficients ({p}); use --test z"),
            ));
        }
        let tau2 = tau2::estimate(method, design, y, v)?;
        let fit = WeightedFit::inverse_variance(design, y, v, tau2.tau2)?;
        let (s2w, ddf, crit) = match test {
            Test::Z => (1.0, None, z_crit(level)),
            Test::Knha => {
                let rss = fit.rss();
                let s2w = if rss <= f64::EPSILON {
                    0.0
                } else {
                    rss / (k - p) as f64
                };
                (s2w, Some(k - p), t_crit(level, (k - p) as f64))
            }
        };
        let vb = &fit.a_inv * s2w;
        let heterogeneity = Heterogeneity::new(design, y, v)?;
        let btt: Vec<usize> = if p == 1 { vec![0] } else { (1..p).collect() };
        let m = btt.len();
        let sub = DMatrix::from_fn(m, m, |a, b| vb[(btt[a], btt[b])]);
        let b = DVector::from_fn(m, |a, _| fit.beta[btt[a]]);
        let qm_chi = match invert_spd(sub) {
            Ok(inv) => (b.transpose() * inv * &b)[(0, 0)],
            Err(_) => f64::NAN,
        };
        let (qm, qm_p) = match ddf {
            None => (qm_chi, pchisq_upper(qm_chi, m as f64)),
            Some(d) => {
                let f = qm_chi / m as f64;
                (f, pf_upper(f, m as f64, d as f64))
            }
        };
        Ok(FittedModel {
            tau2,
            fit,
            vb,
            s2w,
            ddf,
            crit,
            heterogeneity,
            qm,
            qm_df: m,
            qm_p,
        })
    }

    /// Standard error of coefficient `j`.
    pub fn se(&self, j: usize) -> f64 {
        self.vb[(j, j)].sqrt()
    }

    /// z or t statistic of coefficient `j`.
    pub fn statistic(&self, j: usize) -> f64 {
        self.fit.beta[j] / self.se(j)
    }

    /// Two-sided p-value of coefficient `j`.
    pub fn p_value(&self, j: usize) -> f64 {
        match self.ddf {
            None => p_two_sided_z(self.statistic(j)),
            Some(d) => p_two_sided_t(self.statistic(j), d as f64),
        }
    }

    /// Confidence interval of coefficient `j`.
    pub fn ci(&self, j: usize) -> [f64; 2] {
        let b = self.fit.beta[j];
        let h = self.crit * self.se(j);
        [b - h, b + h]
    }
}
