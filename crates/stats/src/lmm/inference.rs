//! Small-sample inference on the fixed effects of a fitted linear mixed model: denominator
//! degrees of freedom by Satterthwaite's method (as lmerTest) or Kenward and Roger's (as
//! pbkrtest, which also inflates the covariance of β̂), for one contrast `lᵀβ` (a t test) or
//! several at once (an F test).
//!
//! The variance components φ are the entries of each random term's covariance matrix (its
//! lower triangle) and the residual variance, so that `Σ(φ) = Σᵣ φᵣ Gᵣ` is linear in φ
//! ([`super::marginal`] holds the algebra); `Φ = Var(β̂) = (XᵀΣ⁻¹X)⁻¹`.
//!
//! **Satterthwaite** (Kuznetsova, Brockhoff & Christensen 2017, *J. Stat. Softw.* 82(13),
//! eqs. 5–7): for `v = lᵀΦl`, `ν = 2v² / (gᵀ A g)` with `gᵣ = lᵀ(∂Φ/∂φᵣ)l`,
//! `∂Φ/∂φᵣ = Φ pᵣ Φ` and `A` the inverse of the observed information of φ, the Hessian of
//! `−ℓ` (REML's for a REML fit, ML's for an ML fit). lmerTest takes that Hessian and the
//! Jacobian of Φ by numerical differences in its (θ, σ) parametrisation; here both are exact,
//! in φ: at the optimum the two give the same `gᵀAg`, because a Hessian at a stationary point
//! and a gradient transform together under a change of parameters. The observed information is
//! `yᵀPGᵣPGₛPy − ½ tr(PGᵣPGₛ)` (REML) or `yᵀPGᵣPGₛPy − ½ tr(Σ⁻¹GᵣΣ⁻¹Gₛ)` (ML, β profiled out).
//! As lmerTest, directions with a Hessian eigenvalue below 1e-8 (on the deviance scale) are
//! dropped from `A`. An F test of `L` (q rows) rotates `L` to the eigenvectors of `LΦLᵀ`, takes
//! `νₘ` for each, and `ν = 2E/(E − q)` with `E = Σ νₘ/(νₘ − 2)` (2 when some `νₘ ≤ 2`), as
//! lmerTest's `contestMD`.
//!
//! **Kenward–Roger** (Kenward & Roger 1997, eqs. 2–4 and §4; pbkrtest's `vcovAdj` and
//! `Lb_ddf`, Halekoh & Højsgaard 2014, *J. Stat. Softw.* 59(9)): with the expected information
//! `I = ½ tr(PGᵣPGₛ)` and `W = I⁻¹`, `Φ_A = Φ + 2Φ (Σᵣₛ Wᵣₛ (qᵣₛ − pᵣΦpₛ − ¼rᵣₛ)) Φ`, where
//! `rᵣₛ = XᵀΣ⁻¹(∂²Σ/∂φᵣ∂φₛ)Σ⁻¹X` is zero for a linear φ (every `lmm` model; an MMRM's
//! `ar1`, `csh`, … supply them in [`MarginalSums::second`], which also add their term to the
//! observed information). The test uses `Φ_A`, a scale factor for F, and
//! the df from the moments of Kenward & Roger's §4.
//!
//! **Containment** (nlme's, [`super::containment`]; Pinheiro & Bates 2000, §2.4.2): df fixed by
//! the design, for an lme4-style fit whose grouping factors are nested (one factor, or
//! patients within sites) and for fits with correlated residuals ([`super::residual`]); t and
//! F tests on `Φ` unadjusted.

use super::containment::{ContainmentDf, nested_containment_df, nested_levels};
use super::deviance_derivatives::DevianceDerivatives;
use super::fit::{FixedEffect, LmmFit};
use super::formula::Formula;
use super::frame::Frame;
use super::marginal::{
    Component, MAX_BLOCK_ROWS, MarginalSums, blocks, marginal_sums, marginal_sums_within,
};
use super::random::RandomEffects;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::model_matrix::ModelMatrix;
use nalgebra::{DMatrix, DVector, SymmetricEigen};

pub use super::ddf::Ddf;

/// Which information of φ Kenward–Roger's `W` inverts: pbkrtest's expected one
/// (`½ tr(PGᵣPGₛ)`), or the observed one (the Hessian of `−ℓ`), as SAS PROC MIXED and the R
/// package mmrm use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KrInformation {
    Expected,
    Observed,
}

/// The Kenward–Roger pieces: `Φ_A`, the `pᵣ` and `W`.
#[derive(Debug, Clone)]
struct KenwardRoger {
    phi_adjusted: DMatrix<f64>,
    w: DMatrix<f64>,
}

/// What inference on contrasts of β̂ needs, at the fit's variance components.
#[derive(Debug, Clone)]
pub struct FixedInference {
    pub method: Ddf,
    /// β̂.
    pub beta: DVector<f64>,
    /// `Φ = Var(β̂)`, unadjusted.
    pub phi: DMatrix<f64>,
    /// `pᵣ = XᵀΣ⁻¹GᵣΣ⁻¹X` per component.
    p: Vec<DMatrix<f64>>,
    /// `A`, the inverse observed information of φ (Satterthwaite).
    info_inverse: DMatrix<f64>,
    kr: Option<KenwardRoger>,
    /// nlme's containment df ([`Ddf::Containment`]).
    containment: Option<ContainmentDf>,
}

/// One contrast's variance (adjusted by Kenward–Roger) and df.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContrastVariance {
    pub variance: f64,
    pub df: f64,
}

/// An F test of several contrasts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FTest {
    pub f: f64,
    pub num_df: f64,
    pub den_df: f64,
    pub p: f64,
}

/// The variance components of `factors` (each random term's covariance, lower triangle, then
/// the residual variance) at `theta`, `sigma`, with their `Gᵣ`.
fn components<'a>(
    factors: &'a [RandomEffects],
    theta: &[f64],
    sigma: f64,
) -> (Vec<Component<'a>>, Vec<f64>) {
    let mut comps = Vec::new();
    let mut phi = Vec::new();
    let mut k0 = 0;
    for re in factors {
        let q = re.q();
        let mut t = vec![0.0; q * q];
        re.fill_t(&theta[k0..k0 + re.n_theta()], &mut t);
        k0 += re.n_theta();
        for &(s, m) in &re.blocks {
            for c in 0..m {
                for r in c..m {
                    let (a, b) = (s + r, s + c);
                    let cov: f64 = (0..q).map(|j| t[a * q + j] * t[b * q + j]).sum();
                    comps.push(Component::Grouped {
                        group_of_row: &re.group_of_row,
                        z: &re.z,
                        q,
                        a,
                        b,
                    });
                    phi.push(sigma * sigma * cov);
                }
            }
        }
    }
    comps.push(Component::Residual);
    phi.push(sigma * sigma);
    (comps, phi)
}

/// The most floating-point operations (as [`super::marginal`] estimates them) the exact sums
/// of Satterthwaite's df may take, about a second; a design that needs more (sites of
/// thousands of rows, crossed factors linking a block of a thousand) takes its df from
/// derivatives of the deviance instead ([`super::deviance_derivatives`], as lmerTest), whose
/// cost is a few dozen factorisations of the fit's sparse system.
const EXACT_BUDGET: f64 = 1e9;

/// The inverse of a symmetric matrix over its eigenvalues above `tol` (a pseudo-inverse).
fn positive_inverse(h: &DMatrix<f64>, tol: f64) -> DMatrix<f64> {
    let e = SymmetricEigen::new(h.clone());
    let n = h.nrows();
    let mut out = DMatrix::zeros(n, n);
    for (k, &lambda) in e.eigenvalues.iter().enumerate() {
        if lambda > tol {
            let v = e.eigenvectors.column(k);
            out += v * v.transpose() / lambda;
        }
    }
    out
}

fn quadratic(l: &DVector<f64>, m: &DMatrix<f64>) -> f64 {
    l.dot(&(m * l))
}

impl FixedInference {
    /// Inference for `fit`, the model `formula` fitted to `frame`, by `method` (not
    /// [`Ddf::None`]). Kenward–Roger needs a REML fit, as pbkrtest's; containment, nested
    /// grouping factors, as nlme's `lme`. The design matrices are the ones kept with the fit
    /// (built from `formula` and `frame` when it has none).
    pub fn new(formula: &Formula, frame: &Frame, fit: &LmmFit, method: Ddf) -> Result<Self> {
        let built;
        let (x, factors) = match &fit.design {
            Some(design) => (&design.x, design.factors.as_slice()),
            None => {
                built = (
                    super::design::fixed_matrix(formula, frame)?,
                    RandomEffects::build_all(formula, frame)?,
                );
                (&built.0, built.1.as_slice())
            }
        };
        if method == Ddf::Containment {
            return Self::by_containment(x, formula.fixed.len(), factors, fit);
        }
        Self::from_parts(x, &fit.observed, factors, fit, method)
    }

    /// Inference on `fit` by nlme's containment df ([`super::containment`]) of its design `x`
    /// (`n_terms` fixed terms) grouped by `factors`, which must be nested (nlme's `lme` fits
    /// no crossed factors); Φ is the fit's Var(β̂), lme4's `vcov` (nlme's `varFix`).
    fn by_containment(
        x: &ModelMatrix,
        n_terms: usize,
        factors: &[RandomEffects],
        fit: &LmmFit,
    ) -> Result<Self> {
        let levels = nested_levels(factors)?;
        let df = nested_containment_df(x, n_terms, &levels);
        let p = x.p;
        let beta = DVector::from_iterator(p, fit.fixed.iter().map(|f| f.estimate));
        let phi = DMatrix::from_row_slice(p, p, &fit.beta_covariance);
        Ok(Self::from_containment(beta, phi, df))
    }

    /// [`FixedInference::new`] from the model's design `x`, response `y` and random effects,
    /// by Satterthwaite's or Kenward–Roger's df (containment df need the formula's terms:
    /// [`FixedInference::new`]).
    pub fn from_parts(
        x: &ModelMatrix,
        y: &[f64],
        factors: &[RandomEffects],
        fit: &LmmFit,
        method: Ddf,
    ) -> Result<Self> {
        let reml = fit.method == "REML";
        refuse_containment(method)?;
        if method == Ddf::KenwardRoger && !reml {
            return Err(Error::field(
                "ddf",
                "Kenward-Roger needs a REML fit (as pbkrtest and lmerTest): drop {field:ml}, or use {field:ddf} satterthwaite",
            ));
        }
        let beta = DVector::from_iterator(x.p, fit.fixed.iter().map(|f| f.estimate));
        let e: Vec<f64> = (0..y.len())
            .map(|i| {
                y[i] - x
                    .row(i)
                    .iter()
                    .zip(beta.iter())
                    .map(|(a, b)| a * b)
                    .sum::<f64>()
            })
            .collect();
        let groupings: Vec<&[u32]> = factors.iter().map(|f| f.group_of_row.as_slice()).collect();
        let blocks = blocks(y.len(), &groupings);
        if let Some(largest) = blocks.iter().map(Vec::len).max()
            && largest > MAX_BLOCK_ROWS
        {
            // Too large for dense blocks: lmerTest's way, derivatives of the deviance.
            return match method {
                Ddf::Satterthwaite => Self::from_derivatives(
                    super::deviance_derivatives::deviance_derivatives(x, y, factors, fit)?,
                ),
                _ => Err(Error::field(
                    "ddf",
                    format!(
                        "the grouping factors link {largest} rows into one block of the marginal covariance; Kenward-Roger is computed from dense blocks of at most {MAX_BLOCK_ROWS} rows: use {{field:ddf}} satterthwaite (from derivatives of the deviance, as lmerTest) or none"
                    ),
                )),
            };
        }
        let (comps, phi_values) = components(factors, &fit.theta, fit.sigma);
        if method == Ddf::Satterthwaite {
            // The exact sums while they are cheap; else lmerTest's derivatives, which take a
            // few factorisations of the fit's sparse system whatever the blocks.
            let within = marginal_sums_within(x, &e, &comps, &phi_values, &blocks, EXACT_BUDGET)?;
            return match within {
                Some(sums) => Self::from_sums(sums, beta, reml, method),
                None => Self::from_derivatives(super::deviance_derivatives::deviance_derivatives(
                    x, y, factors, fit,
                )?),
            };
        }
        let sums = marginal_sums(x, &e, &comps, &phi_values, &blocks)?;
        Self::from_sums(sums, beta, reml, method)
    }

    /// Satterthwaite's inference from derivatives taken elsewhere
    /// ([`super::deviance_derivatives`]): Φ at the fit, ∂Φ/∂φᵣ and the Hessian of −2ℓ in the
    /// same φ. Then `pᵣ = Φ⁻¹(∂Φ/∂φᵣ)Φ⁻¹` (so
    /// that `Φpᵣ Φ = ∂Φ/∂φᵣ`, as for the exact sums) and `A` is the inverse of half the
    /// Hessian over its eigenvalues above 1e-8 (as lmerTest).
    pub(crate) fn from_derivatives(d: DevianceDerivatives) -> Result<Self> {
        let DevianceDerivatives {
            beta,
            phi,
            jacobians,
            hessian: deviance_hessian,
        } = d;
        let precision = phi
            .clone()
            .cholesky()
            .ok_or_else(|| {
                Error::singular(
                    "Var(β̂)",
                    "Var(β̂) is not positive definite at the fit".into(),
                )
            })?
            .inverse();
        let p = jacobians
            .iter()
            .map(|j| &precision * j * &precision)
            .collect();
        let info = (deviance_hessian * 0.5).symmetric_part();
        Ok(FixedInference {
            method: Ddf::Satterthwaite,
            beta,
            phi,
            p,
            info_inverse: positive_inverse(&info, 0.5e-8),
            kr: None,
            containment: None,
        })
    }

    /// Inference by nlme's containment df `df` ([`super::containment`]) on β̂ = `beta` with
    /// `Φ = phi`.
    pub(crate) fn from_containment(
        beta: DVector<f64>,
        phi: DMatrix<f64>,
        df: ContainmentDf,
    ) -> Self {
        FixedInference {
            method: Ddf::Containment,
            beta,
            phi,
            p: Vec::new(),
            info_inverse: DMatrix::zeros(0, 0),
            kr: None,
            containment: Some(df),
        }
    }

    /// Inference from the marginal sums at the fit (`beta` = β̂; `reml` the fit's method),
    /// for models whose Σ is built elsewhere (an MMRM's visit covariance, [`crate::mmrm`]).
    pub fn from_sums(s: MarginalSums, beta: DVector<f64>, reml: bool, method: Ddf) -> Result<Self> {
        Self::from_sums_with(s, beta, reml, method, KrInformation::Expected)
    }

    /// [`FixedInference::from_sums`] with Kenward–Roger's `W` from the given information.
    pub fn from_sums_with(
        s: MarginalSums,
        beta: DVector<f64>,
        reml: bool,
        method: Ddf,
        kr_information: KrInformation,
    ) -> Result<Self> {
        refuse_containment(method)?;
        let k = s.p.len();
        let phi = s
            .xtsx
            .clone()
            .cholesky()
            .ok_or_else(|| {
                Error::singular(
                    "XᵀΣ⁻¹X",
                    "XᵀΣ⁻¹X is not positive definite at the fit".into(),
                )
            })?
            .inverse();
        // tr(PGᵣPGₛ) = kᵣₛ − 2 tr(Φqᵣₛ) + tr(ΦpᵣΦpₛ)
        let phi_p: Vec<DMatrix<f64>> = s.p.iter().map(|pr| &phi * pr).collect();
        let mut tr_pgpg = DMatrix::zeros(k, k);
        let mut ypgpgpy = DMatrix::zeros(k, k);
        for r in 0..k {
            for c in 0..k {
                tr_pgpg[(r, c)] = s.k[(r, c)] - 2.0 * (&phi * s.q(r, c)).trace()
                    + (&phi_p[r] * &phi_p[c]).trace();
                ypgpgpy[(r, c)] = s.a[(r, c)] - s.b[r].dot(&(&phi * &s.b[c]));
            }
        }
        let half_trace = if reml { &tr_pgpg } else { &s.k };
        let mut info = &ypgpgpy - half_trace * 0.5;
        // A Σ not linear in φ: ½ the second-derivative term of the Hessian of −2ℓ.
        for so in &s.second {
            let h = 0.5 * so.hessian(&phi, reml);
            info[(so.r, so.s)] += h;
            if so.r != so.s {
                info[(so.s, so.r)] += h;
            }
        }
        let info = info.symmetric_part();
        // lmerTest drops eigenvalues of the deviance Hessian (2 × info) below 1e-8.
        let info_inverse = positive_inverse(&info, 0.5e-8);
        let kr = (method == Ddf::KenwardRoger).then(|| {
            // pbkrtest: IE2 = tr(PGᵣPGₛ), W = 2 IE2⁻¹ (a pseudo-inverse when nearly singular).
            let ie2 = tr_pgpg.symmetric_part();
            let w = match kr_information {
                KrInformation::Observed => info_inverse.clone(),
                KrInformation::Expected => match ie2.clone().try_inverse() {
                    Some(inv) if SymmetricEigen::new(ie2.clone()).eigenvalues.amin() > 1e-10 => {
                        inv * 2.0
                    }
                    _ => positive_inverse(&ie2, 1e-10) * 2.0,
                },
            };
            let pdim = phi.nrows();
            let mut u = DMatrix::zeros(pdim, pdim);
            for r in 0..k {
                for c in r + 1..k {
                    u += (s.q(r, c) - &s.p[r] * &phi * &s.p[c]) * w[(r, c)];
                }
            }
            u = &u + u.transpose();
            for r in 0..k {
                u += (s.q(r, r) - &s.p[r] * &phi * &s.p[r]) * w[(r, r)];
            }
            // Kenward & Roger (1997) eq. 3: −¼ Σᵣₛ Wᵣₛ Rᵣₛ, zero for a linear Σ.
            for so in &s.second {
                let both = if so.r == so.s { 1.0 } else { 2.0 };
                u -= &so.p * (0.25 * both * w[(so.r, so.s)]);
            }
            let phi_adjusted = &phi + (&phi * u * &phi) * 2.0;
            KenwardRoger { phi_adjusted, w }
        });
        Ok(FixedInference {
            method,
            beta,
            phi,
            p: s.p,
            info_inverse,
            kr,
            containment: None,
        })
    }

    /// The covariance of β̂ the tests use: `Φ_A` for Kenward–Roger, else `Φ`.
    pub fn covariance(&self) -> &DMatrix<f64> {
        match &self.kr {
            Some(kr) => &kr.phi_adjusted,
            None => &self.phi,
        }
    }

    /// Satterthwaite's ν for `l`: `2v² / (gᵀAg)`.
    fn satterthwaite(&self, l: &DVector<f64>) -> f64 {
        let v = quadratic(l, &self.phi);
        let pl = &self.phi * l;
        let g = DVector::from_iterator(self.p.len(), self.p.iter().map(|pr| quadratic(&pl, pr)));
        2.0 * v * v / quadratic(&g, &self.info_inverse)
    }

    /// Kenward and Roger's `A₁`, `A₂` for the rows of `l` (pbkrtest's `Lb_ddf`).
    fn kr_moments(&self, kr: &KenwardRoger, l: &DMatrix<f64>) -> Option<(f64, f64)> {
        let lphil = l * &self.phi * l.transpose();
        let theta = l.transpose() * lphil.try_inverse()? * l;
        let theta_phi = theta * &self.phi;
        // uᵢ = Θ Φ Pᵢ Φ (pbkrtest's sign of Pᵢ cancels in the products below).
        let u: Vec<DMatrix<f64>> = self
            .p
            .iter()
            .map(|pr| &theta_phi * pr * &self.phi)
            .collect();
        let (mut a1, mut a2) = (0.0, 0.0);
        let k = u.len();
        for i in 0..k {
            for j in i..k {
                let e = if i == j { 1.0 } else { 2.0 };
                a1 += e * kr.w[(i, j)] * u[i].trace() * u[j].trace();
                a2 += e * kr.w[(i, j)] * (&u[i] * &u[j]).trace();
            }
        }
        Some((a1, a2))
    }

    /// Kenward–Roger's df and F scale for `q` rows with moments `a1`, `a2` (pbkrtest's
    /// `.KR_adjust`).
    fn kr_df(q: f64, a1: f64, a2: f64) -> (f64, f64) {
        let b = (a1 + 6.0 * a2) / (2.0 * q);
        let g = ((q + 1.0) * a1 - (q + 4.0) * a2) / ((q + 2.0) * a2);
        let denom = 3.0 * q + 2.0 * (1.0 - g);
        let (c1, c2, c3) = (g / denom, (q - g) / denom, (q + 2.0 - g) / denom);
        let mut v0 = 1.0 + c1 * b;
        if v0.abs() < 1e-10 {
            v0 = 0.0;
        }
        let v1 = 1.0 - c2 * b;
        let v2 = 1.0 - c3 * b;
        // pbkrtest's .divZero: 0/0 taken as 0... a zero V1 with a nonzero numerator is ∞.
        let ratio = if v1 == 0.0 { 0.0 } else { (1.0 - a2 / q) / v1 };
        let rho = ratio * ratio * v0 / (q * v2);
        let df = 4.0 + (q + 2.0) / (q * rho - 1.0);
        let scale = if (df - 2.0).abs() < 0.01 {
            1.0
        } else {
            df * (1.0 - a2 / q) / (df - 2.0)
        };
        (df, scale)
    }

    /// Each fixed effect's t test and confidence interval at `level`, on this method's df:
    /// the SE is the square root of `lᵀΦl` for `l` the effect's unit vector (Kenward–Roger's
    /// adjusted `Φ_A` under that method), `t = β̂/SE`, the p two-sided, the interval
    /// `β̂ ± t_{df}·SE`. `lmm` and `mmrm` report their coefficients so.
    pub(crate) fn test_each(&self, fixed: &mut [FixedEffect], level: ConfidenceLevel) {
        let p = fixed.len();
        for (j, f) in fixed.iter_mut().enumerate() {
            let mut l = vec![0.0; p];
            l[j] = 1.0;
            let mut c = self.contrast(&l);
            // nlme's own df of a coefficient (its tTable's; emmeans' differ for the intercept).
            if let Some(containment) = &self.containment {
                c.df = containment.columns[j];
            }
            let se = c.variance.sqrt();
            let t = f.estimate / se;
            let half = level.t_crit(c.df) * se;
            f.se = se;
            f.t = t;
            f.df = Some(c.df);
            f.p = Some(crate::dist::p_two_sided_t(t, c.df));
            f.ci_lower = Some(f.estimate - half);
            f.ci_upper = Some(f.estimate + half);
        }
    }

    /// The variance of `lᵀβ̂` (Kenward–Roger's adjusted one under that method) and its df.
    pub fn contrast(&self, l: &[f64]) -> ContrastVariance {
        let lv = DVector::from_column_slice(l);
        match &self.kr {
            Some(kr) => {
                let lm = DMatrix::from_row_slice(1, l.len(), l);
                let df = self
                    .kr_moments(kr, &lm)
                    .map_or(f64::NAN, |(a1, a2)| Self::kr_df(1.0, a1, a2).0);
                ContrastVariance {
                    variance: quadratic(&lv, &kr.phi_adjusted),
                    df,
                }
            }
            None => ContrastVariance {
                variance: quadratic(&lv, &self.phi),
                df: match &self.containment {
                    Some(c) => c.of_linear_function(l),
                    None => self.satterthwaite(&lv),
                },
            },
        }
    }

    /// The F test of the fixed term `term` (its index among the formula's fixed terms) with
    /// hypothesis rows `l`: [`FixedInference::f_test`], but by containment with the term's own
    /// df, as nlme's `anova` gives them.
    pub fn term_f_test(&self, l: &DMatrix<f64>, term: usize) -> FTest {
        match &self.containment {
            Some(c) => self.wald_f_test(l, c.terms.get(term).copied().unwrap_or(f64::NAN)),
            None => self.f_test(l),
        }
    }

    /// The Wald F test of `Lβ = 0` on `Φ` with denominator df `den_df`.
    fn wald_f_test(&self, l: &DMatrix<f64>, den_df: f64) -> FTest {
        let q = l.nrows() as f64;
        let lb = l * &self.beta;
        let v = l * &self.phi * l.transpose();
        let wald = v.cholesky().map_or(f64::NAN, |c| lb.dot(&c.solve(&lb)));
        let f = wald / q;
        FTest {
            f,
            num_df: q,
            den_df,
            p: crate::dist::pf_upper(f, q, den_df),
        }
    }

    /// The F test of `Lβ = 0` for the rows of `l` (`q × p`); by containment with the smallest
    /// df of the coefficients the rows use (nlme's `anova(m, L = …)` requires them equal).
    pub fn f_test(&self, l: &DMatrix<f64>) -> FTest {
        if let Some(c) = &self.containment {
            let used: Vec<f64> = (0..l.ncols()).map(|j| l.column(j).amax()).collect();
            return self.wald_f_test(l, c.of_columns(&used));
        }
        if let Some(kr) = &self.kr {
            let q = l.nrows() as f64;
            let (df, scale) = self
                .kr_moments(kr, l)
                .map_or((f64::NAN, 1.0), |(a1, a2)| Self::kr_df(q, a1, a2));
            let lb = l * &self.beta;
            let v = l * &kr.phi_adjusted * l.transpose();
            let wald = v.cholesky().map_or(f64::NAN, |c| lb.dot(&c.solve(&lb)));
            let f = scale * wald / q;
            return FTest {
                f,
                num_df: q,
                den_df: df,
                p: crate::dist::pf_upper(f, q, df),
            };
        }
        // lmerTest's contestMD: rotate to the eigenvectors of LΦLᵀ (largest first).
        let v = l * &self.phi * l.transpose();
        let eig = SymmetricEigen::new(v);
        let mut order: Vec<usize> = (0..eig.eigenvalues.len()).collect();
        order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
        let d0 = eig.eigenvalues[order[0]];
        let tol = (f64::EPSILON.sqrt() * d0).max(0.0);
        let kept: Vec<usize> = order
            .into_iter()
            .filter(|&m| eig.eigenvalues[m] > tol)
            .collect();
        let q = kept.len();
        let mut t2 = 0.0;
        let mut nu = Vec::with_capacity(q);
        for &m in &kept {
            let pl = l.transpose() * eig.eigenvectors.column(m);
            let d = eig.eigenvalues[m];
            t2 += pl.dot(&self.beta).powi(2) / d;
            nu.push(self.satterthwaite(&pl));
        }
        let f = t2 / q as f64;
        let den_df = fstat_ddf(&nu);
        FTest {
            f,
            num_df: q as f64,
            den_df,
            p: crate::dist::pf_upper(f, q as f64, den_df),
        }
    }
}

/// Containment df belong to linear mixed models with random effects, built by
/// [`FixedInference::new`] and [`super::residual`] from the grouping factors; the inference
/// built from marginal sums alone (an MMRM's, which has no grouping factor) refuses them.
fn refuse_containment(method: Ddf) -> Result<()> {
    if method == Ddf::Containment {
        return Err(Error::field(
            "ddf",
            "containment df (nlme's) are given for linear mixed models with random effects (trialstats lmm), whose grouping factors define them; use {field:ddf} satterthwaite or kenward-roger",
        ));
    }
    Ok(())
}

/// The denominator df of an F statistic from the df `nu` of its q rotated t statistics
/// (lmerTest's `get_Fstat_ddf`, after Fai & Cornelius 1996).
fn fstat_ddf(nu: &[f64]) -> f64 {
    if nu.len() == 1 {
        return nu[0];
    }
    if nu.windows(2).all(|w| (w[1] - w[0]).abs() < 1e-8) {
        return nu.iter().sum::<f64>() / nu.len() as f64;
    }
    if nu.iter().any(|&n| n <= 2.0) {
        return 2.0;
    }
    let e: f64 = nu.iter().map(|n| n / (n - 2.0)).sum();
    2.0 * e / (e - nu.len() as f64)
}
