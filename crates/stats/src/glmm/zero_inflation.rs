//! The zero-inflation model (glmmTMB's `ziformula`; Brooks et al. 2017, R Journal 9(2), §2):
//! a count is a structural zero with probability π, and otherwise drawn from the family's
//! distribution f (Poisson or negative binomial), with logit π linear in the terms of a
//! one-sided formula, ζᵢ = dᵢ·γ. The random effects stay in the conditional (count) model, as
//! in glmmTMB's default (no random terms in `ziformula`).
//!
//! ```text
//! P(y = 0) = π + (1 − π) f(0 | η),   P(y > 0) = (1 − π) f(y | η),   π = 1/(1 + e^−ζ)
//! ```
//!
//! as glmmTMB's source writes it (`src/glmmTMB.cpp`, "Add zero inflation": for y = 0
//! `logspace_add(log_pz, log_1mpz + tmp_loglik)`, else `tmp_loglik += log_1mpz`).
//!
//! This module owns the zero-inflation parameters γ and each row's ζ ([`ZeroInflation`]), and
//! the mixing of one row's log density, score and observed information with their derivatives
//! ([`mix`]), from the family's own ([`super::family::Family::terms`],
//! [`super::family::Family::dispersion_slopes`]), so that the Laplace approximation
//! ([`super::laplace`]) and its analytic gradient hold for the mixture. With ℓ_f the family's
//! log density, F = e^ℓ_f(0 | η) and r = (1 − π)F / (π + (1 − π)F) (the share of a zero's
//! probability that the count part gives; r = 1 for y > 0), for a ∈ {η, the dispersion}:
//!
//! ```text
//! ∂ℓ/∂ζ = (1 − r) − π        ∂ℓ/∂a = r ∂ℓ_f/∂a
//! ∂r/∂ζ = −r(1 − r)          ∂r/∂a = r(1 − r) ∂ℓ_f/∂a
//! ```
//!
//! so a zero's score is s = r s_f and its information w = r w_f − r(1 − r) s_f², which is
//! negative where a zero is mostly structural and the count part's mean is above 1 (the
//! mixture is not log-concave in η); the Newton iteration for the modes then steps with the
//! information clamped at 0 ([`super::laplace`]).

use super::family::{DispersionSlopes, Family, Terms};
use crate::error::{Error, Result};

/// The zero-inflation model's parameters and how they give each row's ζ = logit π.
#[derive(Debug, Clone, PartialEq)]
pub enum ZeroInflation {
    /// No zero inflation (glmmTMB's default `ziformula = ~ 0`).
    None,
    /// ζ = D γ.
    Linear {
        /// Row-major `n × r` design of the zero-inflation formula, rows in the problem's order.
        design: Vec<f64>,
        r: usize,
        /// The columns' names (`(Intercept)`, `armplacebo`, ...).
        names: Vec<String>,
    },
}

impl ZeroInflation {
    /// The number of parameters γ.
    pub fn len(&self) -> usize {
        match self {
            ZeroInflation::None => 0,
            ZeroInflation::Linear { r, .. } => *r,
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every row's ζ = dᵢ·γ at `gamma` ([`ZeroInflation::len`] of them); empty without zero
    /// inflation.
    pub fn predictor(&self, gamma: &[f64]) -> Vec<f64> {
        match self {
            ZeroInflation::None => Vec::new(),
            ZeroInflation::Linear { design, r, .. } => design
                .chunks(*r)
                .map(|d| d.iter().zip(gamma).map(|(a, b)| a * b).sum())
                .collect(),
        }
    }

    /// The same rows reordered: row k of the result is row `order[k]` of this one.
    pub fn reordered(&self, order: &[usize]) -> ZeroInflation {
        match self {
            ZeroInflation::None => ZeroInflation::None,
            ZeroInflation::Linear { design, r, names } => ZeroInflation::Linear {
                design: order
                    .iter()
                    .flat_map(|&i| design[i * r..(i + 1) * r].iter().copied())
                    .collect(),
                r: *r,
                names: names.clone(),
            },
        }
    }

    /// Adds `slope` (∂ deviance / ∂ζᵢ) times row `i`'s design into `out`, the gradient in γ.
    #[inline]
    pub fn add_gradient(&self, i: usize, slope: f64, out: &mut [f64]) {
        if let ZeroInflation::Linear { design, r, .. } = self {
            for (o, d) in out.iter_mut().zip(&design[i * r..(i + 1) * r]) {
                *o += slope * d;
            }
        }
    }

    /// The start of γ: the γ whose ζ = D γ is closest (least squares) to logit π₀ on every row,
    /// where π₀ is the share of zeros beyond those the count model at the linear predictor
    /// `eta` (with dispersion value `phi` for `family`) expects, (n₀ − Σ F) / (n − Σ F), within
    /// 0.05 to 0.9.
    pub(crate) fn start(
        &self,
        family: Family,
        y: &[f64],
        eta: &[f64],
        phi: f64,
    ) -> Result<Vec<f64>> {
        let ZeroInflation::Linear { design, r, .. } = self else {
            return Ok(Vec::new());
        };
        let n = y.len() as f64;
        let zeros = y.iter().filter(|&&v| v == 0.0).count() as f64;
        let expected: f64 = eta
            .iter()
            .map(|&e| family.terms(0.0, 1.0, e, phi).kernel.exp())
            .sum();
        let share = ((zeros - expected) / (n - expected).max(1.0)).clamp(0.05, 0.9);
        let target = (share / (1.0 - share)).ln();
        constant_fit(design, *r, target).ok_or_else(|| {
            Error::field(
                "ziformula",
                "the columns of the zero-inflation formula are not identifiable (a constant column besides the intercept, or one a combination of the others)",
            )
        })
    }
}

/// The coefficients of the `r` columns of row-major `design` whose fitted values are closest
/// (least squares) to `target` on every row; `None` when DᵀD is singular.
pub(crate) fn constant_fit(design: &[f64], r: usize, target: f64) -> Option<Vec<f64>> {
    let mut dtd = vec![0.0; r * r];
    let mut rhs = vec![0.0; r];
    for row in design.chunks(r) {
        for a in 0..r {
            rhs[a] += row[a] * target;
            for b in 0..r {
                dtd[a * r + b] += row[a] * row[b];
            }
        }
    }
    crate::dense::cholesky(&mut dtd, r)?;
    crate::dense::forward_solve(&dtd, r, &mut rhs);
    crate::dense::backward_solve_transpose(&dtd, r, &mut rhs);
    Some(rhs)
}

/// One row of the zero-inflated model: its terms in η, its derivatives in ζ, and what
/// [`Mixed::dispersion`] needs to take the family's dispersion derivatives through the mixture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mixed {
    /// Kernel (log density less the family's η-free constant), score, information and its
    /// slope in η, of the mixture.
    pub terms: Terms,
    /// ∂ℓ/∂ζ, ∂s/∂ζ and ∂w/∂ζ.
    pub zeta: DispersionSlopes,
    /// r, and the family's own score and information at η (for a zero; r = 1 otherwise).
    r: f64,
    score: f64,
    weight: f64,
}

/// One row's probability of a structural zero π at ζ = logit π, with log π and log(1 − π)
/// (taken once per evaluation of the deviance, not at every Newton step of the modes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZeroProbability {
    pub p: f64,
    pub log_p: f64,
    pub log_1mp: f64,
}

impl ZeroProbability {
    /// π, log π = −log(1 + e^−ζ) and log(1 − π) = −log(1 + e^ζ) at `zeta`, without overflow.
    pub fn at(zeta: f64) -> ZeroProbability {
        ZeroProbability {
            p: 1.0 / (1.0 + (-zeta).exp()),
            log_p: -softplus(-zeta),
            log_1mp: -softplus(zeta),
        }
    }
}

/// log(1 + e^x) without overflow or loss of precision.
fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// The zero-inflated row with response `y` and structural-zero probability `zero`, from the
/// family's terms `f` at η (whose
/// kernel is the whole log density at y = 0 for the Poisson and the negative binomial: their
/// constants vanish there). See the module's formulas; with ρ = r(1 − r):
/// w′ = r w′_f + ρ s_f (3 w_f − (1 − 2r) s_f²), ∂s/∂ζ = −ρ s_f,
/// ∂w/∂ζ = ρ(−w_f + (1 − 2r) s_f²).
pub fn mix(y: f64, zero: &ZeroProbability, f: Terms) -> Mixed {
    let ZeroProbability { p, log_p, log_1mp } = *zero;
    if y != 0.0 {
        return Mixed {
            terms: Terms {
                kernel: f.kernel + log_1mp,
                ..f
            },
            zeta: DispersionSlopes {
                log_density: -p,
                score: 0.0,
                weight: 0.0,
            },
            r: 1.0,
            score: f.score,
            weight: f.weight,
        };
    }
    let count = log_1mp + f.kernel;
    let (hi, lo) = if log_p > count {
        (log_p, count)
    } else {
        (count, log_p)
    };
    let kernel = hi + (lo - hi).exp().ln_1p();
    let r = (count - kernel).exp();
    let rho = r * (1.0 - r);
    let (s, w) = (f.score, f.weight);
    Mixed {
        terms: Terms {
            kernel,
            score: r * s,
            weight: r * w - rho * s * s,
            weight_slope: r * f.weight_slope + rho * s * (3.0 * w - (1.0 - 2.0 * r) * s * s),
        },
        zeta: DispersionSlopes {
            log_density: (1.0 - r) - p,
            score: -rho * s,
            weight: rho * (-w + (1.0 - 2.0 * r) * s * s),
        },
        r,
        score: s,
        weight: w,
    }
}

impl Mixed {
    /// The family's derivatives in its dispersion parameter `f` (at fixed η) taken through the
    /// mixture: ℓ_φ = r ℓ_f,φ, s_φ = r s_f,φ + ρ ℓ_f,φ s_f and
    /// w_φ = r w_f,φ + ρ ℓ_f,φ (w_f − (1 − 2r) s_f²) − 2ρ s_f s_f,φ (ρ = r(1 − r)); unchanged
    /// for y > 0 (r = 1).
    pub fn dispersion(&self, f: DispersionSlopes) -> DispersionSlopes {
        let r = self.r;
        if r == 1.0 {
            return f;
        }
        let rho = r * (1.0 - r);
        let (s, w, l) = (self.score, self.weight, f.log_density);
        DispersionSlopes {
            log_density: r * l,
            score: r * f.score + rho * l * s,
            weight: r * f.weight + rho * l * (w - (1.0 - 2.0 * r) * s * s)
                - 2.0 * rho * s * f.score,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole log density of the zero-inflated `family` at (y, η, φ, ζ).
    fn log_density(family: Family, y: f64, eta: f64, phi: f64, zeta: f64) -> f64 {
        let f = family.terms(y, 1.0, eta, phi);
        mix(y, &ZeroProbability::at(zeta), f).terms.kernel
            + family.constant(y, 1.0)
            + family.dispersion_constant(y, 1.0, phi)
    }

    #[test]
    fn log_densities_match_r() {
        // R: log(plogis(-0.4) + (1 - plogis(-0.4)) * dpois(0, exp(0.7))) = -0.7314115364724908
        let got = log_density(Family::Poisson, 0.0, 0.7, 0.0, -0.4);
        assert!((got - -0.7314115364724908).abs() < 1e-14, "{got}");
        // R: log(1 - plogis(-0.4)) + dpois(3, exp(0.7), log = TRUE) = -2.2185274290984842
        let got = log_density(Family::Poisson, 3.0, 0.7, 0.0, -0.4);
        assert!((got - -2.2185274290984842).abs() < 1e-14, "{got}");
        // R: log(plogis(1.3) + (1 - plogis(1.3)) * dnbinom(0, size = 1.7, mu = exp(1.2)))
        // = -0.19866945439963984
        let got = log_density(Family::NegativeBinomial, 0.0, 1.2, 1.0 / 1.7, 1.3);
        assert!((got - -0.19866945439963984).abs() < 1e-14, "{got}");
        // R: log(1 - plogis(1.3)) + dnbinom(5, size = 1.7, mu = exp(1.2), log = TRUE)
        // = -4.1163272487852058
        let got = log_density(Family::NegativeBinomial, 5.0, 1.2, 1.0 / 1.7, 1.3);
        assert!((got - -4.1163272487852058).abs() < 1e-13, "{got}");
    }

    #[test]
    fn the_mixture_derivatives_are_the_derivatives_of_its_kernel() {
        let close = |fd: f64, got: f64, what: &str| {
            assert!(
                (fd - got).abs() < 2e-6 * fd.abs().max(1.0),
                "{what}: {fd} vs {got}"
            )
        };
        let h = 1e-5;
        for family in [Family::Poisson, Family::NegativeBinomial] {
            for y in [0.0, 1.0, 4.0] {
                for eta in [-1.5, 0.3, 2.2] {
                    for zeta in [-3.0, -0.2, 1.4] {
                        let phi = if family == Family::Poisson { 0.0 } else { 0.6 };
                        let at = |e: f64, z: f64, ph: f64| {
                            mix(y, &ZeroProbability::at(z), family.terms(y, 1.0, e, ph))
                        };
                        let m = at(eta, zeta, phi);
                        let what = format!("{family:?} y {y} η {eta} ζ {zeta}");
                        let (up, down) = (at(eta + h, zeta, phi), at(eta - h, zeta, phi));
                        let dh = 2.0 * h;
                        close(
                            (up.terms.kernel - down.terms.kernel) / dh,
                            m.terms.score,
                            &what,
                        );
                        close(
                            -(up.terms.score - down.terms.score) / dh,
                            m.terms.weight,
                            &what,
                        );
                        let slope = (up.terms.weight - down.terms.weight) / dh;
                        close(slope, m.terms.weight_slope, &what);
                        let (up, down) = (at(eta, zeta + h, phi), at(eta, zeta - h, phi));
                        close(
                            (up.terms.kernel - down.terms.kernel) / dh,
                            m.zeta.log_density,
                            &what,
                        );
                        close(
                            (up.terms.score - down.terms.score) / dh,
                            m.zeta.score,
                            &what,
                        );
                        close(
                            (up.terms.weight - down.terms.weight) / dh,
                            m.zeta.weight,
                            &what,
                        );
                        if family == Family::NegativeBinomial {
                            let d = m.dispersion(family.dispersion_slopes(y, 1.0, eta, phi));
                            let full = |ph: f64| log_density(family, y, eta, ph, zeta);
                            let (up, down) = (at(eta, zeta, phi + h), at(eta, zeta, phi - h));
                            close((full(phi + h) - full(phi - h)) / dh, d.log_density, &what);
                            close((up.terms.score - down.terms.score) / dh, d.score, &what);
                            close((up.terms.weight - down.terms.weight) / dh, d.weight, &what);
                        }
                    }
                }
            }
        }
    }
}
