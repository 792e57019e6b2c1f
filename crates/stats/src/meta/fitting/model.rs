//! One fitted meta-regression for a given design: τ², the coefficients with their covariance
//! (Knapp–Hartung adjusted on request), the Wald tests, and Q. Shared by the main fit, the
//! leave-one-out refits and Egger's test, so that all three fit models the same way. Also
//! [`coefficients`] (the estimates alone, for trim and fill's iterations) and
//! [`TestedEstimate`], the estimate with its SE, test and interval that every meta result
//! holds and shows the same way.

use super::fitstats::FitStatistics;
use super::gls::{WeightedFit, invert_spd};
use super::heterogeneity::Heterogeneity;
use super::moderators::ModelMatrix;
use super::spec::{Method, Test};
use super::tau2::{self, Tau2Estimate};
use crate::dist::{p_two_sided_t, p_two_sided_z, pchisq_upper, pf_upper, t_crit, z_crit};
use crate::error::{Error, Result};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// The model matrix the computations use: the intercept, and every other column centred at its
/// mean and divided by its root-mean-square deviation (a constant column is left at 0, which
/// the rank check refuses). The column space is the same, so τ², the weights, the residuals,
/// Q and the omnibus test are those of the user's design; the coefficients and their
/// covariance are mapped back with [`Standardised::to_user`]. This keeps `X'WX` well
/// conditioned when a moderator is far from 0 relative to its spread (a publication year, a
/// dose in milligrams), where the normal equations in the user's columns lose most of their
/// digits. `None` when there is nothing to do (intercept-only) or no intercept column.
#[derive(Debug, Clone)]
pub struct Standardised {
    /// The centred and scaled design.
    pub design: ModelMatrix,
    /// Column means (0 for the intercept).
    centre: Vec<f64>,
    /// Column scales (1 for the intercept).
    scale: Vec<f64>,
}

impl Standardised {
    /// Centre and scale the columns after the intercept (column 0, which must be all ones).
    pub fn new(design: &ModelMatrix) -> Option<Self> {
        let (k, p) = (design.n, design.p);
        if p < 2 || k == 0 || (0..k).any(|i| design.row(i)[0] != 1.0) {
            return None;
        }
        let mut centre = vec![0.0; p];
        let mut scale = vec![1.0; p];
        let mut columns = vec![(design.names[0].clone(), vec![1.0; k])];
        for j in 1..p {
            let mut col = design.column(j);
            let mean = col.iter().sum::<f64>() / k as f64;
            col.iter_mut().for_each(|x| *x -= mean);
            let rms = (col.iter().map(|x| x * x).sum::<f64>() / k as f64).sqrt();
            if rms > 0.0 && rms.is_finite() {
                col.iter_mut().for_each(|x| *x /= rms);
                scale[j] = rms;
            }
            centre[j] = mean;
            columns.push((design.names[j].clone(), col));
        }
        Some(Standardised {
            design: ModelMatrix::from_columns(k, columns),
            centre,
            scale,
        })
    }

    /// The matrix `L` with `β = L γ` (`γ`: coefficients of the standardised design):
    /// `βⱼ = γⱼ / sⱼ` for the moderators, `β₀ = γ₀ − Σⱼ γⱼ mⱼ / sⱼ`.
    fn map(&self) -> DMatrix<f64> {
        let p = self.centre.len();
        let mut l = DMatrix::<f64>::identity(p, p);
        for j in 1..p {
            l[(j, j)] = 1.0 / self.scale[j];
            l[(0, j)] = -self.centre[j] / self.scale[j];
        }
        l
    }

    /// Coefficients and a covariance-type matrix (`(Z'WZ)⁻¹`, `Var(γ)`) on the user's scale.
    pub fn to_user(
        &self,
        gamma: &DVector<f64>,
        cov: &DMatrix<f64>,
    ) -> (DVector<f64>, DMatrix<f64>) {
        let l = self.map();
        let beta = &l * gamma;
        let mut c = &l * cov * l.transpose();
        // Exact symmetry, as the covariance of the user's fit would have.
        for a in 0..c.nrows() {
            for b in 0..a {
                let m = 0.5 * (c[(a, b)] + c[(b, a)]);
                c[(a, b)] = m;
                c[(b, a)] = m;
            }
        }
        (beta, c)
    }
}

/// An estimate with its standard error, its z or t test and its confidence interval: what a
/// pooled estimate, a model coefficient, a subgroup's or a cumulative step's model, a
/// leave-one-out row, trim and fill, a PET or PEESE limit estimate and the selection model
/// report, written once. Its holders flatten it into their JSON (the same field names, in the
/// same place, as when each repeated them) and show it through [`TestedEstimate::cells`]
/// under [`TESTED_COLUMNS`]; each dereferences to it, so `row.estimate` reads through.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TestedEstimate {
    pub estimate: f64,
    pub se: f64,
    /// z or t statistic.
    pub statistic: f64,
    /// Two-sided p-value.
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// The table columns of a [`TestedEstimate`], in the order of [`TestedEstimate::cells`].
pub const TESTED_COLUMNS: [&str; 6] = ["estimate", "se", "statistic", "p", "ci_lower", "ci_upper"];

impl TestedEstimate {
    /// `estimate` with standard error `se`, tested by z (`df` = `None`) or by t on `df`
    /// degrees of freedom, with the interval `estimate ± crit · se`.
    pub fn new(estimate: f64, se: f64, df: Option<f64>, crit: f64) -> Self {
        let statistic = estimate / se;
        let half = crit * se;
        TestedEstimate {
            estimate,
            se,
            statistic,
            p: match df {
                None => p_two_sided_z(statistic),
                Some(d) => p_two_sided_t(statistic, d),
            },
            ci_lower: estimate - half,
            ci_upper: estimate + half,
        }
    }

    /// The numbers in the order of [`TESTED_COLUMNS`].
    pub fn cells(&self) -> [f64; 6] {
        [
            self.estimate,
            self.se,
            self.statistic,
            self.p,
            self.ci_lower,
            self.ci_upper,
        ]
    }
}

/// `Deref` to the [`TestedEstimate`] a result holds in its field `tested`, so that its
/// estimate, SE, test and interval read as the result's own fields.
macro_rules! reads_through_to_tested {
    ($($holder:ty),+) => {$(
        impl std::ops::Deref for $holder {
            type Target = $crate::meta::fitting::model::TestedEstimate;
            fn deref(&self) -> &Self::Target {
                &self.tested
            }
        }
    )+};
}
pub(crate) use reads_through_to_tested;

/// The coefficients alone, at the τ² of `method` (the same numbers as
/// `FittedModel::new(...).fit.beta`), without τ²'s standard error, the tests and the
/// heterogeneity statistics a [`FittedModel`] adds: for loops that need only the estimates,
/// as trim and fill's iterations and its choice of side. The caller checks that there are
/// enough studies.
pub fn coefficients(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    method: Method,
) -> Result<DVector<f64>> {
    let standardised = Standardised::new(design);
    let work = standardised.as_ref().map_or(design, |s| &s.design);
    let tau2 = tau2::point(method, work, y, v)?;
    let fit = WeightedFit::inverse_variance(work, y, v, tau2)?;
    Ok(match &standardised {
        Some(st) => st.to_user(&fit.beta, &fit.a_inv).0,
        None => fit.beta,
    })
}

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
    /// Log-likelihood, deviance, AIC, BIC, AICc (ML and REML).
    pub fit_statistics: FitStatistics,
}

/// How the studies are weighted in the estimate of the coefficients (metafor's `weights` and
/// `weighted`). τ², Q, I² and H² do not depend on it (but GENQ's τ² uses the user's weights);
/// the Knapp–Hartung factor is that of the inverse-variance fit, as metafor's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Weighting<'a> {
    /// `1/(vᵢ + τ̂²)`, the efficient weights.
    #[default]
    InverseVariance,
    /// The user's weights `aᵢ ≥ 0` (metafor `rma(weights = )`): `β = (X'AX)⁻¹X'Ay` with
    /// `Var(β) = (X'AX)⁻¹ X'A M A X (X'AX)⁻¹`, `M = diag(vᵢ + τ̂²)`.
    User(&'a [f64]),
    /// Equal weights (metafor `weighted = FALSE`): ordinary least squares with the same
    /// sandwich covariance.
    Unweighted,
}

impl Weighting<'_> {
    /// The weights `aᵢ` for `k` studies (`None` for inverse-variance weights).
    pub fn weights(&self, k: usize) -> Option<Vec<f64>> {
        match self {
            Weighting::InverseVariance => None,
            Weighting::User(a) => Some(a.to_vec()),
            Weighting::Unweighted => Some(vec![1.0; k]),
        }
    }
}

/// Checks there are enough studies (`k`) for `p` coefficients with `method` (and τ²), and more
/// than `p` for a t test.
fn check_study_count(k: usize, p: usize, method: Method, test: Test) -> Result<()> {
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
    if test != Test::Z && k <= p {
        return Err(Error::field(
            "test",
            format!(
                "{} needs more studies ({k}) than coefficients ({p}); use {{field:test}} z",
                test.name()
            ),
        ));
    }
    Ok(())
}

/// The scale `s2w` of the covariance, the tests' df (`None` for z) and critical value at
/// `level`: 1 and z, or under Knapp–Hartung (and its ad hoc floor at 1) the weighted residual
/// sum of squares of `fit` over `residual_df` = k − p, and t.
fn test_scale(
    test: Test,
    fit: &WeightedFit,
    residual_df: usize,
    level: f64,
) -> (f64, Option<usize>, f64) {
    match test {
        Test::Z => (1.0, None, z_crit(level)),
        Test::Knha | Test::Adhoc => {
            let rss = fit.rss();
            let mut s2w = if rss <= f64::EPSILON {
                0.0
            } else {
                rss / residual_df as f64
            };
            if test == Test::Adhoc {
                // metafor: `s2w[s2w < 1] <- 1`.
                s2w = s2w.max(1.0);
            }
            (s2w, Some(residual_df), t_crit(level, residual_df as f64))
        }
    }
}

/// The omnibus Wald test `(QM, df, p)` of every coefficient of `beta` but the intercept (the
/// intercept when it is the only one), with covariance `unscaled · s2w`: χ² by z, F on `ddf`.
fn omnibus_wald(
    beta: &DVector<f64>,
    unscaled: &DMatrix<f64>,
    s2w: f64,
    ddf: Option<usize>,
) -> (f64, usize, f64) {
    let p = beta.len();
    let btt: Vec<usize> = if p == 1 { vec![0] } else { (1..p).collect() };
    let m = btt.len();
    let sub = DMatrix::from_fn(m, m, |a, b| unscaled[(btt[a], btt[b])]);
    let b = DVector::from_fn(m, |a, _| beta[btt[a]]);
    let qm_chi = if s2w == 0.0 {
        // Knapp–Hartung with residuals that are exactly 0: every standard error is 0, and
        // the statistic is infinite (as metafor's t = Inf) unless the coefficients are 0.
        if b.iter().all(|x| *x == 0.0) {
            f64::NAN
        } else {
            f64::INFINITY
        }
    } else {
        match invert_spd(sub) {
            Ok(inv) => (b.transpose() * inv * &b)[(0, 0)] / s2w,
            Err(_) => f64::NAN,
        }
    };
    let (qm, qm_p) = match ddf {
        None => (qm_chi, pchisq_upper(qm_chi, m as f64)),
        Some(d) => {
            let f = qm_chi / m as f64;
            (f, pf_upper(f, m as f64, d as f64))
        }
    };
    (qm, m, qm_p)
}

impl FittedModel {
    /// Fit `y` with sampling variances `v` on `design`.
    pub fn new(
        design: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        method: Method,
        test: Test,
        level: f64,
    ) -> Result<Self> {
        Self::weighted(
            design,
            y,
            v,
            method,
            test,
            level,
            Weighting::InverseVariance,
        )
    }

    /// [`FittedModel::new`] with the coefficients estimated with `weighting`. The model's
    /// `fit` then holds the weighted fit (its `weights` are the user's, its `a_inv` is
    /// `(X'AX)⁻¹`), and `vb` the sandwich covariance.
    pub fn weighted(
        design: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        method: Method,
        test: Test,
        level: f64,
        weighting: Weighting,
    ) -> Result<Self> {
        let (k, p) = (design.n, design.p);
        check_study_count(k, p, method, test)?;
        let standardised = Standardised::new(design);
        let work = standardised.as_ref().map_or(design, |s| &s.design);
        let tau2 = match (method, weighting) {
            (Method::GENQ, Weighting::User(a)) => tau2::generalised_q(work, y, v, a)?,
            _ => tau2::estimate(method, work, y, v)?,
        };
        let mut fit = WeightedFit::inverse_variance(work, y, v, tau2.tau2)?;
        let (s2w, ddf, crit) = test_scale(test, &fit, k - p, level);
        let heterogeneity = Heterogeneity::new(work, y, v)?;
        // With other weights: their fit and its sandwich covariance; the likelihood takes
        // the inverse-variance weights with the weighted fit's residuals (metafor's `RSS.f`).
        let (mut sandwich, mut rss_at_beta, mut weighted_fit) = (None, None, None);
        if let Some(a) = weighting.weights(k) {
            let weighted = WeightedFit::new(work, y, a.clone())?;
            let meat = super::gls::cross_product(work, |i| a[i] * a[i] * (v[i] + tau2.tau2));
            sandwich = Some(&weighted.a_inv * meat * &weighted.a_inv);
            rss_at_beta = Some(
                weighted
                    .residuals
                    .iter()
                    .zip(&fit.weights)
                    .map(|(r, w)| w * r * r)
                    .sum::<f64>(),
            );
            weighted_fit = Some(weighted);
        }
        let fit_statistics = FitStatistics::with_rss(
            work,
            v,
            &fit,
            tau2.tau2,
            method != Method::FE && !method.is_fixed(),
            rss_at_beta,
        );
        if let Some(weighted) = weighted_fit {
            fit = weighted;
        }
        let unscaled = sandwich.unwrap_or_else(|| fit.a_inv.clone());
        // The omnibus Wald test, on the standardised coefficients (the tested moderator
        // coefficients are the user's times positive constants, so the statistic is the same).
        let (qm, m, qm_p) = omnibus_wald(&fit.beta, &unscaled, s2w, ddf);
        let mut unscaled = unscaled;
        if let Some(st) = &standardised {
            let (beta, a_inv) = st.to_user(&fit.beta, &fit.a_inv);
            unscaled = st.to_user(&fit.beta, &unscaled).1;
            fit.beta = beta;
            fit.a_inv = a_inv;
        }
        let vb = unscaled * s2w;
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
            fit_statistics,
        })
    }

    /// Standard error of coefficient `j`.
    pub fn se(&self, j: usize) -> f64 {
        self.vb[(j, j)].sqrt()
    }

    /// Coefficient `j` with its SE, test and confidence interval.
    pub fn tested(&self, j: usize) -> TestedEstimate {
        tested_coefficient(&self.fit.beta, &self.vb, self.ddf, self.crit, j)
    }
}

/// Coefficient `j` of `beta` with covariance `vb`, tested by z or by t on `ddf`.
fn tested_coefficient(
    beta: &DVector<f64>,
    vb: &DMatrix<f64>,
    ddf: Option<usize>,
    crit: f64,
    j: usize,
) -> TestedEstimate {
    TestedEstimate::new(beta[j], vb[(j, j)].sqrt(), ddf.map(|d| d as f64), crit)
}

/// The coefficients of an inverse-variance fit with their tests, and nothing else: what
/// Egger's test reads of a [`FittedModel`], the same numbers, without τ²'s standard error, Q
/// and the likelihood, which cost passes over the studies of their own (at a million studies,
/// a third of Egger's time) and which the test does not print. It fails where
/// [`FittedModel::new`] fails: Q's fixed-effect fit is checked for full rank.
#[derive(Debug, Clone)]
pub struct TestedCoefficients {
    /// The coefficients, on the user's design.
    pub beta: DVector<f64>,
    /// Their covariance.
    pub vb: DMatrix<f64>,
    /// Residual df of the t tests (`None` for z tests).
    pub ddf: Option<usize>,
    crit: f64,
}

impl TestedCoefficients {
    /// Fit `y` with sampling variances `v` on `design`, as [`FittedModel::new`].
    pub fn new(
        design: &ModelMatrix,
        y: &[f64],
        v: &[f64],
        method: Method,
        test: Test,
        level: f64,
    ) -> Result<Self> {
        let (k, p) = (design.n, design.p);
        check_study_count(k, p, method, test)?;
        let standardised = Standardised::new(design);
        let work = standardised.as_ref().map_or(design, |s| &s.design);
        let tau2 = tau2::point(method, work, y, v)?;
        let fit = WeightedFit::inverse_variance(work, y, v, tau2)?;
        let (s2w, ddf, crit) = test_scale(test, &fit, k - p, level);
        if k > p {
            // Where [`Heterogeneity::new`]'s fit at τ² = 0 would fail.
            invert_spd(super::gls::cross_product(work, |i| 1.0 / (v[i] + 0.0)))?;
        }
        let (beta, unscaled) = match &standardised {
            Some(st) => st.to_user(&fit.beta, &fit.a_inv),
            None => (fit.beta, fit.a_inv),
        };
        Ok(TestedCoefficients {
            beta,
            vb: unscaled * s2w,
            ddf,
            crit,
        })
    }

    /// Coefficient `j` with its SE, test and confidence interval.
    pub fn tested(&self, j: usize) -> TestedEstimate {
        tested_coefficient(&self.beta, &self.vb, self.ddf, self.crit, j)
    }
}

/// One coefficient of the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    /// `intrcpt`, a moderator name, or moderator name + level.
    pub name: String,
    #[serde(flatten)]
    pub tested: TestedEstimate,
}

reads_through_to_tested!(Coefficient);
