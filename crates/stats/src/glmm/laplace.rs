//! The Laplace approximation of a GLMM's log-likelihood (lme4's `glmer`, `nAGQ = 1`), with
//! the conditional modes found by penalised Newton steps (PIRLS), and its adaptive
//! Gauss-Hermite refinement for one scalar random effect.
//!
//! With one grouping factor the random effects of different groups are independent given
//! the parameters, so the q-dimensional integral of each group is approximated on its own
//! (Bates et al. 2015, J. Stat. Softw. 67(1), and Bates' lme4 book ch. 6, in the spherical
//! parameterisation b = Λ u, u ~ N(0, I)). For group g with rows i:
//!
//! ```text
//! h(u)   = −Σᵢ log f(yᵢ | ηᵢ) + ½‖u‖²,   ηᵢ = xᵢβ + offsetᵢ + zᵢ·(T u)
//! −2 log Lᵍ ≈ 2 h(û) + log det H(û),    H = I + Tᵀ (Σᵢ wᵢ zᵢ zᵢᵀ) T
//! ```
//!
//! which is lme4's `aic + ‖u‖² + log det(L)²` summed over groups; `w` is the observed
//! information of [`super::family::Family::terms`]. The per-group Newton iteration converges
//! quadratically to machine precision (the objective must be smooth in the parameters for the
//! outer finite differences), starting from the previous evaluation's modes. Groups are
//! solved in parallel for large data; their terms are summed in group order, so a result is
//! the same on any number of cores.
//!
//! With zero inflation (glmmTMB's `ziformula`) each row's log density, score and information
//! are the mixture's ([`super::zero_inflation::mix`]); a zero's information can then be
//! negative, and where H is not positive definite along the way the Newton step takes the
//! information clamped at 0 (a descent direction; the line search keeps h falling). H at the
//! mode, which the log determinant needs, is the exact one.

use super::dispersion::{Dispersion, RowDispersion};
use super::family::{DispersionSlopes, Family, Terms};
use super::ordinal::{Cuts, ThresholdSlopes, Thresholds};
use super::quadrature::Rule;
use super::zero_inflation::{ZeroInflation, ZeroProbability, mix};
use rayon::prelude::*;

/// The most random effects per group (small dense blocks on the stack).
pub const MAX_Q: usize = 8;

/// Rows per group (ordered by group), with the random-effect columns.
#[derive(Debug, Clone)]
pub struct Grouping {
    /// Random effects per group.
    pub q: usize,
    /// Group g's rows are `starts[g]..starts[g + 1]` of the reordered data.
    pub starts: Vec<usize>,
    /// Row-major `n × q` random-effect columns of the reordered rows.
    pub z: Vec<f64>,
}

impl Grouping {
    /// Number of groups.
    pub fn n_groups(&self) -> usize {
        self.starts.len() - 1
    }
}

/// A model's data in the order of its groups, ready for evaluation.
#[derive(Debug, Clone)]
pub struct Problem {
    pub family: Family,
    /// Responses (successes for binomial).
    pub y: Vec<f64>,
    /// Trials (binomial), 1 otherwise.
    pub trials: Vec<f64>,
    /// Offsets (0 without an offset term).
    pub offset: Vec<f64>,
    /// Row-major `n × p` fixed-effect design.
    pub x: Vec<f64>,
    pub p: usize,
    /// Σ of the η-free parts of the log densities.
    pub constant: f64,
    /// One grouping factor (`None`: a GLM, or several factors, which
    /// [`super::several::SeveralFactors`] evaluates over these rows in the data's order).
    pub grouping: Option<Grouping>,
    /// Quadrature rule (`None`: Laplace).
    pub rule: Option<Rule>,
    /// How the dispersion parameters give each row's.
    pub dispersion: Dispersion,
    /// How the zero-inflation parameters give each row's logit π (glmmTMB's `ziformula`).
    pub zero_inflation: ZeroInflation,
    /// An ordinal model's thresholds (`y` then holds each row's category, 0-based).
    pub thresholds: Thresholds,
}

/// Each row's dispersion value and probability of a structural zero at the parameters of one
/// evaluation ([`Problem::row_parameters`]).
pub(crate) struct RowParameters {
    pub phi: RowDispersion,
    /// Empty without zero inflation.
    pub zero: Vec<ZeroProbability>,
    /// An ordinal model's thresholds (`None` for the other families).
    pub cuts: Option<Cuts>,
}

/// One row's terms in η with their derivatives in its dispersion value and in ζ
/// ([`Problem::slopes_at`]).
struct RowSlopes {
    terms: Terms,
    dispersion: DispersionSlopes,
    zeta: DispersionSlopes,
    cuts: ThresholdSlopes,
}

/// The random-effect state at the parameters of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Modes {
    /// Spherical conditional modes û, `n_groups × q`.
    pub u: Vec<f64>,
}

/// The per-group solution.
struct GroupSolution {
    /// h(û) − constant part (the kernel form).
    h: f64,
    /// log det H(û), or the quadrature correction for K > 1.
    log_det: f64,
    /// H(û).
    hess: [f64; MAX_Q * MAX_Q],
}

/// One row's terms for the gradient ([`Problem::group_gradient`]'s names).
struct RowSums {
    s: f64,
    w: f64,
    v: f64,
    /// ℓ̇ᵢ, ṡᵢ and ẇᵢ zᵢᵀ M zᵢ in the row's dispersion value (families with a dispersion
    /// parameter; 0 otherwise; `weight` holds ẇᵢ zᵢᵀ M zᵢ).
    dispersion: DispersionSlopes,
    /// The same in ζᵢ (zero inflation; 0 otherwise).
    zeta: DispersionSlopes,
    /// The same in the two thresholds around the row's category (ordinal; none otherwise).
    cuts: ThresholdSlopes,
}

/// One group's sums over its rows for the gradient ([`Problem::group_gradient`]'s names).
struct GroupSums {
    per_row: Vec<RowSums>,
    /// G = Σ sᵢ zᵢ.
    gz: [f64; MAX_Q],
    /// W = Σ wᵢ zᵢ zᵢᵀ.
    w_mat: [f64; MAX_Q * MAX_Q],
    /// V = Σ vᵢ zᵢ.
    v_sum: [f64; MAX_Q],
}

/// M = T H⁻¹ Tᵀ (q × q, row-major) for the lower-triangular `t` and `hinv` = H⁻¹.
fn t_hinv_tt(t: &[f64], hinv: &[f64], q: usize) -> [f64; MAX_Q * MAX_Q] {
    let mut th = [0.0; MAX_Q * MAX_Q];
    for r in 0..q {
        for c in 0..q {
            th[r * q + c] = (0..=r).map(|k| t[r * q + k] * hinv[k * q + c]).sum();
        }
    }
    let mut m = [0.0; MAX_Q * MAX_Q];
    for r in 0..q {
        for c in 0..q {
            m[r * q + c] = (0..=c).map(|k| th[r * q + k] * t[c * q + k]).sum();
        }
    }
    m
}

struct Pass {
    h: f64,
    grad: [f64; MAX_Q],
    hess: [f64; MAX_Q * MAX_Q],
    /// H with every row's information clamped at 0 (`None` when none is negative): a
    /// positive-definite matrix to step with where H is not (a zero-inflated or beta row's
    /// information can be negative).
    clamped: Option<[f64; MAX_Q * MAX_Q]>,
}

/// I + Tᵀ W T for the symmetric `w` and lower-triangular `t` (q × q, row-major).
fn penalised_hessian(w: &[f64], t: &[f64], q: usize) -> [f64; MAX_Q * MAX_Q] {
    // M = W T (q × q), then Tᵀ M.
    let mut m = [0.0; MAX_Q * MAX_Q];
    for r in 0..q {
        for c in 0..q {
            m[r * q + c] = (c..q).map(|k| w[r * q + k] * t[k * q + c]).sum();
        }
    }
    let mut out = [0.0; MAX_Q * MAX_Q];
    for r in 0..q {
        for c in 0..q {
            let v: f64 = (r..q).map(|k| t[k * q + r] * m[k * q + c]).sum();
            out[r * q + c] = v + if r == c { 1.0 } else { 0.0 };
        }
    }
    out
}

impl Problem {
    /// One group's rows as a problem of their own: responses `y` with `trials`, fixed-effect
    /// design `x` (row-major n × p), random-effect columns `z` (row-major n × q), no offset,
    /// and the quadrature `rule` (`None`: Laplace). For a model in which every group has fixed
    /// effects of its own (a study's intercept in a meta-analysis of 2×2 tables): the
    /// likelihood is then a sum over groups, each group's own fixed effects can be profiled
    /// out one group at a time, and each group's term is this problem's deviance.
    #[allow(clippy::too_many_arguments)]
    pub fn one_group(
        family: Family,
        y: Vec<f64>,
        trials: Vec<f64>,
        x: Vec<f64>,
        p: usize,
        z: Vec<f64>,
        q: usize,
        rule: Option<Rule>,
    ) -> Problem {
        let n = y.len();
        let constant = y
            .iter()
            .zip(&trials)
            .map(|(&y, &t)| family.constant(y, t))
            .sum();
        Problem {
            family,
            y,
            trials,
            offset: vec![0.0; n],
            x,
            p,
            constant,
            grouping: Some(Grouping {
                q,
                starts: vec![0, n],
                z,
            }),
            rule,
            dispersion: Dispersion::None,
            zero_inflation: ZeroInflation::None,
            thresholds: Thresholds::None,
        }
    }

    /// Number of rows.
    pub fn n(&self) -> usize {
        self.y.len()
    }

    /// The linear predictor without random effects, Xβ + offset.
    pub fn fixed_predictor(&self, beta: &[f64]) -> Vec<f64> {
        let p = self.p;
        let mut eta = self.offset.clone();
        for (i, e) in eta.iter_mut().enumerate() {
            let row = &self.x[i * p..(i + 1) * p];
            *e += row.iter().zip(beta).map(|(a, b)| a * b).sum::<f64>();
        }
        eta
    }

    /// Sum over rows of the dispersion-dependent constant
    /// ([`Family::dispersion_constant`]) at the rows' values `phi`.
    pub(crate) fn dispersion_constant(&self, phi: &RowDispersion) -> f64 {
        if !self.family.has_dispersion() {
            return 0.0;
        }
        self.y
            .iter()
            .enumerate()
            .map(|(i, &y)| {
                self.family
                    .dispersion_constant(y, self.trials[i], phi.at(i))
            })
            .sum()
    }

    /// Every row's dispersion value at the dispersion parameters `dispersion`
    /// ([`Problem::dispersion`]'s, as many as it has).
    pub(crate) fn row_dispersion(&self, dispersion: &[f64]) -> RowDispersion {
        self.dispersion.rows(self.family, dispersion)
    }

    /// Every row's dispersion value and ζ at `extra`: the dispersion parameters, then the
    /// zero-inflation coefficients γ, then an ordinal model's thresholds.
    pub(crate) fn row_parameters(&self, extra: &[f64]) -> RowParameters {
        let nd = self.dispersion.len();
        let nz = nd + self.zero_inflation.len();
        RowParameters {
            phi: self.row_dispersion(&extra[..nd]),
            zero: self
                .zero_inflation
                .predictor(&extra[nd..nz])
                .into_iter()
                .map(ZeroProbability::at)
                .collect(),
            cuts: (!self.thresholds.is_empty()).then(|| Cuts::new(&extra[nz..])),
        }
    }

    /// Row `i`'s kernel, score and information at η = `eta` (zero-inflated when the model is).
    #[inline]
    pub(crate) fn terms_at(&self, i: usize, eta: f64, at: &RowParameters) -> Terms {
        if let Some(cuts) = &at.cuts {
            return cuts.terms(self.y[i], eta);
        }
        let f = self
            .family
            .terms(self.y[i], self.trials[i], eta, at.phi.at(i));
        match at.zero.get(i) {
            Some(zero) => mix(self.y[i], zero, f).terms,
            None => f,
        }
    }

    /// Row `i`'s terms at η = `eta` with their derivatives in its dispersion value (zeros
    /// without one) and in ζ (zeros without zero inflation).
    #[inline]
    fn slopes_at(&self, i: usize, eta: f64, at: &RowParameters) -> RowSlopes {
        let (y, phi) = (self.y[i], at.phi.at(i));
        if let Some(cuts) = &at.cuts {
            let (terms, slopes) = cuts.slopes(y, eta);
            return RowSlopes {
                terms,
                dispersion: DispersionSlopes::default(),
                zeta: DispersionSlopes::default(),
                cuts: slopes,
            };
        }
        let f = self.family.terms(y, self.trials[i], eta, phi);
        let dispersion = if self.dispersion.is_empty() {
            DispersionSlopes::default()
        } else {
            self.family.dispersion_slopes(y, self.trials[i], eta, phi)
        };
        match at.zero.get(i) {
            Some(zero) => {
                let m = mix(y, zero, f);
                RowSlopes {
                    terms: m.terms,
                    dispersion: m.dispersion(dispersion),
                    zeta: m.zeta,
                    cuts: [None, None],
                }
            }
            None => RowSlopes {
                terms: f,
                dispersion,
                zeta: DispersionSlopes::default(),
                cuts: [None, None],
            },
        }
    }

    /// −2 × the (approximate) log-likelihood at fixed effects `beta`, relative covariance
    /// factor `t` (row-major q × q, lower triangular) and `extra`: the dispersion parameters
    /// (as many as [`Problem::dispersion`] has: none, the negative binomial's 1/θ (0: Poisson),
    /// or the γ of a log-linear dispersion), then the zero-inflation coefficients (as many as
    /// [`Problem::zero_inflation`] has); `modes` holds the starting modes and receives the
    /// new ones. Not finite when the inner problem fails.
    pub fn deviance(&self, beta: &[f64], t: &[f64], extra: &[f64], modes: &mut Modes) -> f64 {
        let at = self.row_parameters(extra);
        self.evaluate(beta, t, &at, modes, None)
            .map_or(f64::NAN, |(d, _)| d)
    }

    /// [`Problem::deviance`] and its gradient in β and in the entries of `t` at `positions`
    /// ((row, column) of each θ), then in the dispersion parameters and the zero-inflation
    /// coefficients, by the implicit-function rule at the modes (the modes' own derivatives
    /// enter through the log determinant only, as ∂h/∂u = 0 there). `None`
    /// with quadrature (K > 1: the optimiser then takes differences) or when the inner
    /// problem fails.
    pub fn deviance_and_gradient(
        &self,
        beta: &[f64],
        t: &[f64],
        positions: &[(usize, usize)],
        extra: &[f64],
        modes: &mut Modes,
    ) -> Option<(f64, Vec<f64>)> {
        if self.rule.is_some() {
            return None;
        }
        let at = self.row_parameters(extra);
        let (d, g) = self.evaluate(beta, t, &at, modes, Some(positions))?;
        Some((d, g.expect("asked for")))
    }

    /// The number of dispersion, zero-inflation and threshold parameters, the last of the
    /// gradient.
    fn n_extra(&self) -> usize {
        self.dispersion.len() + self.zero_inflation.len() + self.thresholds.len()
    }

    fn evaluate(
        &self,
        beta: &[f64],
        t: &[f64],
        at: &RowParameters,
        modes: &mut Modes,
        gradient: Option<&[(usize, usize)]>,
    ) -> Option<(f64, Option<Vec<f64>>)> {
        let eta0 = self.fixed_predictor(beta);
        let constant = self.constant + self.dispersion_constant(&at.phi);
        let Some(grouping) = &self.grouping else {
            return self.evaluate_glm(&eta0, constant, at, gradient.is_some());
        };
        let q = grouping.q;
        let g = grouping.n_groups();
        if modes.u.len() != g * q {
            modes.u = vec![0.0; g * q];
        }
        let solve = |(k, u): (usize, &mut [f64])| -> Option<(f64, Option<Vec<f64>>)> {
            let rows = grouping.starts[k]..grouping.starts[k + 1];
            let s = self.solve_group(rows.clone(), &eta0, t, at, u, q)?;
            let grad = match gradient {
                Some(positions) => {
                    Some(self.group_gradient(rows, &eta0, t, at, u, q, &s.hess, positions)?)
                }
                None => None,
            };
            Some((2.0 * s.h + s.log_det, grad))
        };
        let solutions: Vec<Option<(f64, Option<Vec<f64>>)>> = if self.n() >= 20_000 {
            modes.u.par_chunks_mut(q).enumerate().map(solve).collect()
        } else {
            modes.u.chunks_mut(q).enumerate().map(solve).collect()
        };
        let mut total = -2.0 * constant;
        let mut grad =
            gradient.map(|positions| vec![0.0; self.p + positions.len() + self.n_extra()]);
        for s in solutions {
            let (d, gg) = s?;
            total += d;
            if let (Some(acc), Some(gg)) = (grad.as_mut(), gg) {
                for (a, b) in acc.iter_mut().zip(gg) {
                    *a += b;
                }
            }
        }
        total.is_finite().then_some((total, grad))
    }

    /// The deviance of a model without random effects (a GLM) at the fixed predictor `eta0`,
    /// the data's constant `constant` added, and with `gradient` its gradient in β, the
    /// dispersion parameters and the zero-inflation coefficients.
    fn evaluate_glm(
        &self,
        eta0: &[f64],
        constant: f64,
        at: &RowParameters,
        gradient: bool,
    ) -> Option<(f64, Option<Vec<f64>>)> {
        let p = self.p;
        let nd = self.dispersion.len();
        let mut total = 0.0;
        let mut grad = gradient.then(|| vec![0.0; p + self.n_extra()]);
        for (i, &e) in eta0.iter().enumerate() {
            let Some(g) = grad.as_mut() else {
                total += self.terms_at(i, e, at).kernel;
                continue;
            };
            let slopes = self.slopes_at(i, e, at);
            total += slopes.terms.kernel;
            let row = &self.x[i * p..(i + 1) * p];
            for (gj, xj) in g.iter_mut().zip(row) {
                *gj -= 2.0 * slopes.terms.score * xj;
            }
            let (dispersion, rest) = g[p..].split_at_mut(nd);
            let (zero_inflation, thresholds) = rest.split_at_mut(self.zero_inflation.len());
            if nd > 0 {
                let slope = -2.0 * slopes.dispersion.log_density;
                at.phi.add_gradient(&self.dispersion, i, slope, dispersion);
            }
            let slope = -2.0 * slopes.zeta.log_density;
            self.zero_inflation.add_gradient(i, slope, zero_inflation);
            for (j, s) in slopes.cuts.into_iter().flatten() {
                thresholds[j] -= 2.0 * s.log_density;
            }
        }
        let d = -2.0 * (total + constant);
        d.is_finite().then_some((d, grad))
    }

    /// One group's share of the gradient of the deviance (β first, then θ at `positions`),
    /// at its mode `u` with H(u) = `hess`. With s, w, w′ the score, information and its slope
    /// in η, M = T H⁻¹ Tᵀ, vᵢ = w′ᵢ zᵢᵀ M zᵢ, V = Σ vᵢ zᵢ and a = H⁻¹ Tᵀ V:
    /// ∂D/∂β = Σᵢ xᵢ (−2sᵢ + vᵢ − wᵢ zᵢᵀ T a), and for θ at (r, c) of T, with G = Σ sᵢ zᵢ and
    /// W = Σ wᵢ zᵢ zᵢᵀ: −2 G_r u_c + 2 (H⁻¹ Tᵀ W)_cr + u_c (V − W T a)_r + a_c G_r. For row
    /// i's dispersion value φᵢ, with ℓ̇, ṡ, ẇ the derivatives of [`Family::dispersion_slopes`]
    /// and dû/dφᵢ = H⁻¹ Tᵀ ṡᵢ zᵢ: −2 ℓ̇ᵢ + ẇᵢ zᵢᵀ M zᵢ + ṡᵢ zᵢᵀ T a, taken to the dispersion
    /// parameters by [`RowDispersion::add_gradient`]; the same for row i's zero-inflation ζᵢ
    /// with the derivatives in ζ of [`super::zero_inflation::mix`], taken to γ by
    /// [`ZeroInflation::add_gradient`].
    #[allow(clippy::too_many_arguments)]
    fn group_gradient(
        &self,
        rows: std::ops::Range<usize>,
        eta0: &[f64],
        t: &[f64],
        at: &RowParameters,
        u: &[f64],
        q: usize,
        hess: &[f64],
        positions: &[(usize, usize)],
    ) -> Option<Vec<f64>> {
        let p = self.p;
        let z = &self.grouping.as_ref().expect("grouped").z;
        let mut l = hess[..q * q].to_vec();
        crate::dense::cholesky(&mut l, q)?;
        let hinv = crate::dense::inverse_from_cholesky(&l, q);
        let b = lower_times(t, u, q);
        let m = t_hinv_tt(t, &hinv, q);
        let dispersion = self.dispersion.len();
        let GroupSums {
            per_row,
            gz,
            w_mat,
            v_sum,
        } = self.group_sums(rows.clone(), eta0, &b, &m, at, q);
        // a = H⁻¹ Tᵀ V, and T a.
        let mut ttv = [0.0; MAX_Q];
        for c in 0..q {
            ttv[c] = (c..q).map(|r| t[r * q + c] * v_sum[r]).sum();
        }
        let mut a = [0.0; MAX_Q];
        for r in 0..q {
            a[r] = (0..q).map(|c| hinv[r * q + c] * ttv[c]).sum();
        }
        let ta = lower_times(t, &a, q);
        let mut out = vec![0.0; p + positions.len() + self.n_extra()];
        for (k, i) in rows.enumerate() {
            let zi = &z[i * q..(i + 1) * q];
            let r = &per_row[k];
            let zta: f64 = zi.iter().zip(&ta[..q]).map(|(a, b)| a * b).sum();
            let c = -2.0 * r.s + r.v - r.w * zta;
            let row = &self.x[i * p..(i + 1) * p];
            for (o, x) in out[..p].iter_mut().zip(row) {
                *o += c * x;
            }
            let (disp, rest) = out[p + positions.len()..].split_at_mut(dispersion);
            let (zero, thresholds) = rest.split_at_mut(self.zero_inflation.len());
            let slope_of = |d: &DispersionSlopes| -2.0 * d.log_density + d.weight + d.score * zta;
            if dispersion > 0 {
                at.phi
                    .add_gradient(&self.dispersion, i, slope_of(&r.dispersion), disp);
            }
            self.zero_inflation.add_gradient(i, slope_of(&r.zeta), zero);
            for (j, s) in r.cuts.iter().flatten() {
                thresholds[*j] += slope_of(s);
            }
        }
        // H⁻¹ Tᵀ W and W T a.
        let mut tw = [0.0; MAX_Q * MAX_Q];
        for r in 0..q {
            for c in 0..q {
                tw[r * q + c] = (r..q).map(|k| t[k * q + r] * w_mat[k * q + c]).sum();
            }
        }
        let mut htw = [0.0; MAX_Q * MAX_Q];
        for r in 0..q {
            for c in 0..q {
                htw[r * q + c] = (0..q).map(|k| hinv[r * q + k] * tw[k * q + c]).sum();
            }
        }
        let mut wta = [0.0; MAX_Q];
        for r in 0..q {
            wta[r] = (0..q).map(|c| w_mat[r * q + c] * ta[c]).sum();
        }
        for (k, &(r, c)) in positions.iter().enumerate() {
            out[p + k] = -2.0 * gz[r] * u[c]
                + 2.0 * htw[c * q + r]
                + u[c] * (v_sum[r] - wta[r])
                + a[c] * gz[r];
        }
        Some(out)
    }

    /// The sums over one group's `rows` that [`Problem::group_gradient`] needs, at the
    /// random effects `b` = T u, with `m` = T H⁻¹ Tᵀ.
    fn group_sums(
        &self,
        rows: std::ops::Range<usize>,
        eta0: &[f64],
        b: &[f64],
        m: &[f64],
        at: &RowParameters,
        q: usize,
    ) -> GroupSums {
        let z = &self.grouping.as_ref().expect("grouped").z;
        let mut sums = GroupSums {
            per_row: Vec::with_capacity(rows.len()),
            gz: [0.0; MAX_Q],
            w_mat: [0.0; MAX_Q * MAX_Q],
            v_sum: [0.0; MAX_Q],
        };
        for i in rows {
            let zi = &z[i * q..(i + 1) * q];
            let eta = eta0[i] + zi.iter().zip(&b[..q]).map(|(a, c)| a * c).sum::<f64>();
            let RowSlopes {
                terms: term,
                dispersion: d,
                zeta,
                cuts,
            } = self.slopes_at(i, eta, at);
            let mut lev = 0.0;
            for r in 0..q {
                for c in 0..q {
                    lev += zi[r] * m[r * q + c] * zi[c];
                }
            }
            let v = term.weight_slope * lev;
            for r in 0..q {
                sums.gz[r] += term.score * zi[r];
                sums.v_sum[r] += v * zi[r];
                for c in 0..q {
                    sums.w_mat[r * q + c] += term.weight * zi[r] * zi[c];
                }
            }
            let levered = |d: DispersionSlopes| DispersionSlopes {
                weight: d.weight * lev,
                ..d
            };
            sums.per_row.push(RowSums {
                s: term.score,
                w: term.weight,
                v,
                dispersion: levered(d),
                zeta: levered(zeta),
                cuts: cuts.map(|c| c.map(|(j, d)| (j, levered(d)))),
            });
        }
        sums
    }

    /// h, its gradient and Hessian in u for one group's rows at `u`.
    fn pass(
        &self,
        rows: std::ops::Range<usize>,
        eta0: &[f64],
        t: &[f64],
        at: &RowParameters,
        u: &[f64],
        q: usize,
    ) -> Pass {
        let z = &self.grouping.as_ref().expect("grouped").z;
        let b = lower_times(t, u, q);
        let mut kernel = 0.0;
        let mut gz = [0.0; MAX_Q];
        let mut wzz = [0.0; MAX_Q * MAX_Q];
        // The negative informations' part of W (kept apart for the clamped H).
        let mut negative: Option<[f64; MAX_Q * MAX_Q]> = None;
        for i in rows {
            let zi = &z[i * q..(i + 1) * q];
            let eta = eta0[i] + zi.iter().zip(&b[..q]).map(|(a, c)| a * c).sum::<f64>();
            let term = self.terms_at(i, eta, at);
            kernel += term.kernel;
            for r in 0..q {
                gz[r] += zi[r] * term.score;
                for c in 0..=r {
                    wzz[r * q + c] += term.weight * zi[r] * zi[c];
                }
            }
            if term.weight < 0.0 {
                let neg = negative.get_or_insert([0.0; MAX_Q * MAX_Q]);
                for r in 0..q {
                    for c in 0..=r {
                        neg[r * q + c] += term.weight * zi[r] * zi[c];
                    }
                }
            }
        }
        symmetrise(&mut wzz, q);
        let mut out = Pass {
            h: -kernel + 0.5 * u.iter().map(|v| v * v).sum::<f64>(),
            grad: [0.0; MAX_Q],
            // H = I + Tᵀ W T.
            hess: penalised_hessian(&wzz, t, q),
            clamped: negative.map(|mut neg| {
                symmetrise(&mut neg, q);
                let positive: Vec<f64> = wzz.iter().zip(&neg).map(|(w, n)| w - n).collect();
                penalised_hessian(&positive, t, q)
            }),
        };
        // grad = u − Tᵀ gz.
        for c in 0..q {
            out.grad[c] = u[c] - (c..q).map(|r| t[r * q + c] * gz[r]).sum::<f64>();
        }
        out
    }

    /// Newton iteration for one group's mode; the Laplace (or quadrature) term at it.
    fn solve_group(
        &self,
        rows: std::ops::Range<usize>,
        eta0: &[f64],
        t: &[f64],
        at: &RowParameters,
        u: &mut [f64],
        q: usize,
    ) -> Option<GroupSolution> {
        let mut current = self.pass(rows.clone(), eta0, t, at, u, q);
        let mut trial = [0.0; MAX_Q];
        for _ in 0..200 {
            if !current.h.is_finite() {
                return None;
            }
            let mut l = current.hess;
            let mut step = current.grad;
            if cholesky_solve(&mut l, &mut step[..q], q).is_none() {
                // H is not positive definite here (some rows' information is negative): step
                // with the clamped H, a descent direction; the line search keeps h falling.
                l = current.clamped?;
                step = current.grad;
                cholesky_solve(&mut l, &mut step[..q], q)?;
            }
            let size = step[..q].iter().fold(0.0f64, |m, s| m.max(s.abs()));
            let mut alpha = 1.0;
            let mut accepted = false;
            for _ in 0..40 {
                for k in 0..q {
                    trial[k] = u[k] - alpha * step[k];
                }
                let next = self.pass(rows.clone(), eta0, t, at, &trial[..q], q);
                if next.h.is_finite() && next.h <= current.h + 1e-13 * current.h.abs().max(1.0) {
                    u.copy_from_slice(&trial[..q]);
                    current = next;
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            // Quadratic convergence: after a full step smaller than 1e-8 the mode is exact to
            // rounding, and `current` was evaluated there.
            if !accepted || (alpha == 1.0 && size < 1e-8) {
                break;
            }
        }
        let mut l = current.hess;
        let log_det = cholesky_log_det(&mut l, q)?;
        let Some(rule) = &self.rule else {
            return Some(GroupSolution {
                h: current.h,
                log_det,
                hess: current.hess,
            });
        };
        // Adaptive Gauss-Hermite (q = 1): s = H^(-1/2).
        let s = (-0.5 * log_det).exp();
        let mut sum = 0.0;
        for (z, w) in rule.nodes.iter().zip(&rule.weights) {
            let node = [u[0] + s * z];
            let hk = self.pass(rows.clone(), eta0, t, at, &node, 1).h;
            sum += w * (0.5 * z * z - (hk - current.h)).exp();
        }
        if !(sum > 0.0 && sum.is_finite()) {
            return None;
        }
        Some(GroupSolution {
            h: current.h,
            log_det: log_det - 2.0 * sum.ln(),
            hess: current.hess,
        })
    }
}

/// Copies the lower triangle of the q × q row-major `a` to its upper triangle.
fn symmetrise(a: &mut [f64], q: usize) {
    for r in 0..q {
        for c in 0..r {
            a[c * q + r] = a[r * q + c];
        }
    }
}

/// T v for lower-triangular row-major `t` (q × q): the random effects b = T u of spherical
/// effects u.
pub fn lower_times(t: &[f64], v: &[f64], q: usize) -> [f64; MAX_Q] {
    let mut out = [0.0; MAX_Q];
    for r in 0..q {
        out[r] = (0..=r).map(|c| t[r * q + c] * v[c]).sum();
    }
    out
}

/// Solve `a x = b` for symmetric positive-definite `a` (q × q, overwritten by its Cholesky
/// factor); `None` if `a` is not positive definite.
fn cholesky_solve(a: &mut [f64], b: &mut [f64], q: usize) -> Option<()> {
    crate::dense::cholesky(&mut a[..q * q], q)?;
    crate::dense::forward_solve(&a[..q * q], q, b);
    crate::dense::backward_solve_transpose(&a[..q * q], q, b);
    Some(())
}

/// log det of symmetric positive-definite `a` (overwritten by its Cholesky factor).
fn cholesky_log_det(a: &mut [f64], q: usize) -> Option<f64> {
    crate::dense::cholesky(&mut a[..q * q], q)?;
    Some((0..q).map(|k| 2.0 * a[k * q + k].ln()).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six groups of five rows, two random effects (intercept and x), a fixed intercept and x.
    fn problem(family: Family) -> Problem {
        let (mut y, mut trials, mut x, mut z) = (vec![], vec![], vec![], vec![]);
        let mut starts = vec![0];
        for g in 0..6 {
            for k in 0..5 {
                let xv = k as f64 / 2.0 - 1.0;
                y.push(((g * 7 + k * 3) % 5) as f64);
                trials.push(if family.has_trials() { 6.0 } else { 1.0 });
                x.extend([1.0, xv]);
                z.extend([1.0, xv]);
            }
            starts.push(5 * (g + 1));
        }
        let n = y.len();
        Problem {
            family,
            constant: 0.0,
            y,
            trials,
            offset: vec![0.1; n],
            x,
            p: 2,
            grouping: Some(Grouping { q: 2, starts, z }),
            rule: None,
            dispersion: if family.has_dispersion() {
                Dispersion::Shared
            } else {
                Dispersion::None
            },
            zero_inflation: ZeroInflation::None,
            thresholds: Thresholds::None,
        }
    }

    #[test]
    fn the_gradient_is_the_derivative_of_the_laplace_deviance() {
        let positions = [(0, 0), (1, 0), (1, 1)];
        for family in [
            Family::Poisson,
            Family::Binomial,
            Family::NegativeBinomial,
            Family::BetaBinomial,
        ] {
            let pr = problem(family);
            let beta = [0.3, -0.2];
            let theta = [0.7, -0.3, 0.4];
            let t_of = |th: &[f64]| vec![th[0], 0.0, th[1], th[2]];
            let mut modes = Modes::default();
            let (d, g) = pr
                .deviance_and_gradient(&beta, &t_of(&theta), &positions, &[0.6], &mut modes)
                .unwrap();
            assert!(d.is_finite());
            let f =
                |b: &[f64], th: &[f64]| pr.deviance(b, &t_of(th), &[0.6], &mut Modes::default());
            let h = 1e-6;
            for j in 0..2 {
                let (mut up, mut down) = (beta, beta);
                up[j] += h;
                down[j] -= h;
                let fd = (f(&up, &theta) - f(&down, &theta)) / (2.0 * h);
                assert!(
                    (fd - g[j]).abs() < 1e-6 * fd.abs().max(1.0),
                    "{family:?} β{j}: {fd} vs {}",
                    g[j]
                );
            }
            for k in 0..3 {
                let (mut up, mut down) = (theta, theta);
                up[k] += h;
                down[k] -= h;
                let fd = (f(&beta, &up) - f(&beta, &down)) / (2.0 * h);
                assert!(
                    (fd - g[2 + k]).abs() < 1e-6 * fd.abs().max(1.0),
                    "{family:?} θ{k}: {fd} vs {}",
                    g[2 + k]
                );
            }
            if family == Family::NegativeBinomial {
                // φ, with random effects and without (a GLM), inside and at the bound φ = 0
                // (there the one-sided derivative, by a second-order one-sided difference).
                let glm = Problem {
                    grouping: None,
                    ..pr.clone()
                };
                for (pr, t) in [(&pr, t_of(&theta)), (&glm, Vec::new())] {
                    let f = |phi: f64| pr.deviance(&beta, &t, &[phi], &mut Modes::default());
                    for phi in [0.6, 0.0] {
                        let (_, g) = pr
                            .deviance_and_gradient(
                                &beta,
                                &t,
                                &positions,
                                &[phi],
                                &mut Modes::default(),
                            )
                            .unwrap();
                        let analytic = *g.last().unwrap();
                        let fd = if phi > 0.0 {
                            (f(phi + h) - f(phi - h)) / (2.0 * h)
                        } else {
                            let h = 1e-5;
                            (-3.0 * f(0.0) + 4.0 * f(h) - f(2.0 * h)) / (2.0 * h)
                        };
                        assert!(
                            (fd - analytic).abs() < 1e-5 * fd.abs().max(1.0),
                            "φ = {phi}: {fd} vs {analytic}"
                        );
                    }
                }
            }
        }
    }

    /// The gradient in the parameters of a log-linear dispersion (glmmTMB's `dispformula`,
    /// here `~ x`) for the four families with one, with random effects and without (the
    /// beta-binomial's rows of 6 trials).
    #[test]
    fn the_gradient_in_a_log_linear_dispersion_is_its_derivative() {
        let positions = [(0, 0), (1, 0), (1, 1)];
        let t = vec![0.7, 0.0, -0.3, 0.4];
        for family in [
            Family::NegativeBinomial,
            Family::Gamma,
            Family::Beta,
            Family::BetaBinomial,
        ] {
            let mut pr = problem(family);
            for y in pr.y.iter_mut() {
                match family {
                    Family::Gamma => *y += 0.5,
                    Family::Beta => *y = (*y + 0.5) / 5.5,
                    _ => {}
                }
            }
            pr.constant =
                pr.y.iter()
                    .zip(&pr.trials)
                    .map(|(&y, &n)| family.constant(y, n))
                    .sum();
            // The design of ~ x: the fixed-effect design's two columns.
            pr.dispersion = Dispersion::Linear {
                design: pr.x.clone(),
                r: 2,
                names: vec!["(Intercept)".into(), "x".into()],
            };
            let glm = Problem {
                grouping: None,
                ..pr.clone()
            };
            let beta = [0.3, -0.2];
            let gamma = [0.8, -0.5];
            for (pr, t) in [(&pr, t.clone()), (&glm, Vec::new())] {
                let (_, g) = pr
                    .deviance_and_gradient(&beta, &t, &positions, &gamma, &mut Modes::default())
                    .unwrap();
                let n = g.len();
                for k in 0..2 {
                    let h = 1e-6;
                    let (mut up, mut down) = (gamma, gamma);
                    up[k] += h;
                    down[k] -= h;
                    let f = |d: &[f64]| pr.deviance(&beta, &t, d, &mut Modes::default());
                    let fd = (f(&up) - f(&down)) / (2.0 * h);
                    let analytic = g[n - 2 + k];
                    assert!(
                        (fd - analytic).abs() < 1e-5 * fd.abs().max(1.0),
                        "{family:?} γ{k}: {fd} vs {analytic}"
                    );
                }
            }
        }
    }

    /// The gradient in the zero-inflation coefficients (glmmTMB's `ziformula`, here `~ x`)
    /// and in β, θ and the dispersion of a zero-inflated model, with random effects and
    /// without, for the Poisson, the negative binomial's one 1/θ and a log-linear 1/θ.
    #[test]
    fn the_gradient_of_a_zero_inflated_model_is_its_derivative() {
        let positions = [(0, 0), (1, 0), (1, 1)];
        let t = vec![0.7, 0.0, -0.3, 0.4];
        for (family, linear) in [
            (Family::Poisson, false),
            (Family::NegativeBinomial, false),
            (Family::NegativeBinomial, true),
        ] {
            let mut pr = problem(family);
            pr.zero_inflation = ZeroInflation::Linear {
                design: pr.x.clone(),
                r: 2,
                names: vec!["(Intercept)".into(), "x".into()],
            };
            let mut extra = match pr.dispersion {
                Dispersion::Shared if linear => {
                    pr.dispersion = Dispersion::Linear {
                        design: pr.x.clone(),
                        r: 2,
                        names: vec!["(Intercept)".into(), "x".into()],
                    };
                    vec![0.4, -0.3]
                }
                Dispersion::Shared => vec![0.6],
                _ => vec![],
            };
            extra.extend([-0.5, 0.8]);
            let glm = Problem {
                grouping: None,
                ..pr.clone()
            };
            let beta = [0.3, -0.2];
            for (pr, t) in [(&pr, t.clone()), (&glm, Vec::new())] {
                let (_, g) = pr
                    .deviance_and_gradient(&beta, &t, &positions, &extra, &mut Modes::default())
                    .unwrap();
                let mut point: Vec<f64> = beta.to_vec();
                let n_theta = if t.is_empty() { 0 } else { 3 };
                point.extend([0.7, -0.3, 0.4].iter().take(n_theta));
                point.extend(&extra);
                let f = |v: &[f64]| {
                    let t = if n_theta == 0 {
                        Vec::new()
                    } else {
                        vec![v[2], 0.0, v[3], v[4]]
                    };
                    pr.deviance(&v[..2], &t, &v[2 + n_theta..], &mut Modes::default())
                };
                assert_eq!(g.len(), point.len());
                for k in 0..point.len() {
                    let h = 1e-6;
                    let (mut up, mut down) = (point.clone(), point.clone());
                    up[k] += h;
                    down[k] -= h;
                    let fd = (f(&up) - f(&down)) / (2.0 * h);
                    assert!(
                        (fd - g[k]).abs() < 1e-5 * fd.abs().max(1.0),
                        "{family:?} linear {linear} parameter {k}: {fd} vs {}",
                        g[k]
                    );
                }
            }
        }
    }
}
