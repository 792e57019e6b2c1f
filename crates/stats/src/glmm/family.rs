//! Response distributions with their canonical or log links, as R's `poisson()`,
//! `binomial()` and glmmTMB's `nbinom2`, `Gamma(link = "log")`, `beta_family()` and
//! `betabinomial()`: the log
//! density of one observation given its linear predictor η, and its first two derivatives in
//! η (the score and the observed information), which are all the fits need. Usable without
//! random effects (a plain GLM; see [`super::fit::fit`] with a formula that has no random
//! term), as issue 15's power calculations for relapse rates do.
//!
//! | family | link | mean μ | variance | log density |
//! |---|---|---|---|---|
//! | Poisson | log | e^η | μ | y η − μ − log y! |
//! | binomial (n trials) | logit | n/(1 + e^−η) | μ(1 − μ/n) | y η − n log(1 + e^η) + log C(n, y) |
//! | negative binomial (NB2) | log | e^η | μ + φμ² (φ = 1/θ) | Σ_{k<y} log(1 + kφ) + y η − (y + 1/φ) log(1 + φμ) − log y! |
//! | gamma (shape k) | log | e^η | μ²/k | k log k − log Γ(k) + (k − 1) log y − k y/μ − k log μ |
//! | ordinal (J levels, thresholds τ) | cumulative logit | — | — | log(F(τ_y − η) − F(τ_{y−1} − η)), F logistic ([`super::ordinal`]) |
//! | beta (precision φ) | logit | 1/(1 + e^−η) | μ(1 − μ)/(1 + φ) | log Γ(φ) − log Γ(μφ) − log Γ((1−μ)φ) + (μφ − 1) log y + ((1−μ)φ − 1) log(1 − y) |
//! | beta-binomial (n trials, precision φ) | logit | nμ, μ = 1/(1 + e^−η) | nμ(1 − μ)(φ + n)/(φ + 1) | log C(n, y) + Σ_{k<y} log(μφ + k) + Σ_{k<n−y} log((1−μ)φ + k) − Σ_{k<n} log(φ + k) ([`super::betabinomial`]) |
//!
//! The dispersion parameter each family's [`Family::terms`] takes (`phi`) is 1/θ for the
//! negative binomial, the shape k for the gamma and the precision φ for the beta and the
//! beta-binomial. glmmTMB (Brooks et al. 2017, R Journal 9(2)) estimates each on its log scale,
//! the scale of its `dispformula` and of `fixef(m)$disp` ([`Family::from_log_dispersion`]):
//! log θ, log k (glmmTMB 1.1.5's `Gamma`: its `sigma()` is 1/√k, the coefficient of variation)
//! and log φ. The beta is Ferrari & Cribari-Neto's (2004, J. Appl. Stat. 31(7)) mean–precision
//! parameterisation, glmmTMB's `beta_family`; the beta-binomial's success probability is such a
//! beta (Morris 1997), glmmTMB's `betabinomial`.
//!
//! The negative binomial is written in φ = 1/θ (glmmTMB's θ is 1/φ): the same density as
//! log Γ(y+θ) − log Γ(θ) − log y! + θ log θ + y η − (y+θ) log(θ + μ), but with the Poisson as
//! its limit φ = 0 inside the parameter space, evaluated without the cancellation of two large
//! log Γ (so that a fit of data without overdispersion reaches the Poisson boundary instead of
//! chasing θ → ∞). Its weight is the observed information −∂²ℓ/∂η² = μ(1 + φy)/(1 + φμ)², as
//! glmmTMB's Laplace approximation uses (automatic differentiation of the exact likelihood);
//! lme4's `glmer.nb` uses the expected information μ/(1 + φμ) there instead, which is why its
//! log-likelihood differs slightly. For the two canonical links they agree. The gamma's
//! observed information k y/μ is positive too; the beta's,
//! φ²v²(ψ′(μφ) + ψ′((1−μ)φ)) − φv(1 − 2μ)(y* − μ*) with v = μ(1 − μ), y* = logit y and
//! μ* = ψ(μφ) − ψ((1−μ)φ), can be negative for a row far from its mean (the beta is not
//! log-concave in η), as in glmmTMB: the sum over a group's rows with the prior's 1 is what
//! must be positive (with several grouping factors, the joint Hessian; [`super::several`]). The beta-binomial's has the same form ([`super::betabinomial`]).

use super::betabinomial;
use crate::special::{digamma, tetragamma, trigamma};
use serde::Serialize;
use statrs::function::gamma::ln_gamma;

/// A response distribution and its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Counts, log link.
    Poisson,
    /// Successes out of trials, logit link.
    Binomial,
    /// Overdispersed counts, log link, Var = μ + μ²/θ (glmmTMB's `nbinom2`, MASS's `glm.nb`).
    #[serde(rename = "negbin")]
    NegativeBinomial,
    /// Positive continuous values, log link, Var = μ²/k (glmmTMB's `Gamma(link = "log")`).
    Gamma,
    /// Proportions strictly inside (0, 1), logit link, Var = μ(1 − μ)/(1 + φ) (glmmTMB's
    /// `beta_family()`).
    Beta,
    /// Successes out of trials more variable than binomial counts, logit link,
    /// Var = nμ(1 − μ)(φ + n)/(φ + 1) (glmmTMB's `betabinomial()`).
    #[serde(rename = "betabinomial")]
    BetaBinomial,
    /// Ordered categories, cumulative logit with thresholds (`ordinal::clmm`): a row's terms
    /// need the thresholds, which [`super::ordinal`] owns ([`Family::terms`] does not serve it).
    Ordinal,
}

impl std::str::FromStr for Family {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> crate::error::Result<Family> {
        match s.to_ascii_lowercase().as_str() {
            "poisson" => Ok(Family::Poisson),
            "binomial" => Ok(Family::Binomial),
            "negbin" | "nbinom2" | "negative-binomial" => Ok(Family::NegativeBinomial),
            "gamma" => Ok(Family::Gamma),
            "beta" | "beta_family" => Ok(Family::Beta),
            "betabinomial" | "beta-binomial" | "betabinom" => Ok(Family::BetaBinomial),
            "ordinal" | "clmm" | "cumulative-logit" => Ok(Family::Ordinal),
            other => Err(crate::error::Error::field(
                "family",
                format!(
                    "unknown family '{other}'; allowed: poisson, negbin, binomial, betabinomial, gamma, beta, ordinal"
                ),
            )),
        }
    }
}

pub use super::row_terms::{DispersionSlopes, Terms};

/// log(1 + e^x) without overflow or loss of precision.
fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

impl Family {
    /// The name R prints (`poisson`, `binomial`, `nbinom2`, `Gamma`, `beta`, `betabinomial`).
    pub fn r_name(self) -> &'static str {
        match self {
            Family::Poisson => "poisson",
            Family::Binomial => "binomial",
            Family::NegativeBinomial => "nbinom2",
            Family::Gamma => "Gamma",
            Family::Beta => "beta",
            Family::BetaBinomial => "betabinomial",
            Family::Ordinal => "ordinal",
        }
    }

    /// The link's name.
    pub fn link(self) -> &'static str {
        match self {
            Family::Binomial | Family::Beta | Family::BetaBinomial | Family::Ordinal => "logit",
            _ => "log",
        }
    }

    /// What exp(coefficient) is: a rate ratio (log link of counts), a ratio of means (gamma)
    /// or an odds ratio (logit).
    pub fn ratio_name(self) -> &'static str {
        match self {
            Family::Binomial | Family::Beta | Family::BetaBinomial => "odds ratio",
            Family::Ordinal => "cumulative odds ratio",
            Family::Gamma => "ratio of means",
            _ => "rate ratio",
        }
    }

    /// Whether the family has a dispersion parameter (estimated with the model).
    pub fn has_dispersion(self) -> bool {
        matches!(
            self,
            Family::NegativeBinomial | Family::Gamma | Family::Beta | Family::BetaBinomial
        )
    }

    /// Whether the response is a count (Poisson, binomial, negative binomial, beta-binomial),
    /// which can separate (an estimate that is really infinite).
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Family::Poisson | Family::Binomial | Family::NegativeBinomial | Family::BetaBinomial
        )
    }

    /// Whether the response is successes out of trials (`cbind( )` on the left: binomial,
    /// beta-binomial).
    pub fn has_trials(self) -> bool {
        matches!(self, Family::Binomial | Family::BetaBinomial)
    }

    /// Whether a row's information in η can be negative (the beta and the beta-binomial are
    /// not log-concave in η): where the joint Newton step of several grouping factors then
    /// meets a Hessian that is not positive definite, it takes the information without its
    /// term in the residual instead ([`super::several`]).
    pub fn information_can_be_negative(self) -> bool {
        matches!(self, Family::Beta | Family::BetaBinomial)
    }

    /// What glmmTMB's log-scale dispersion parameter is, for output: `log theta`,
    /// `log shape` or `log precision` with the variance it gives (`None` without one).
    pub fn dispersion_scale(self) -> Option<&'static str> {
        match self {
            Family::NegativeBinomial => Some("log theta, Var = mu + mu^2/theta"),
            Family::Gamma => Some("log shape, Var = mu^2/shape"),
            Family::Beta => Some("log precision phi, Var = mu(1 - mu)/(1 + phi)"),
            Family::BetaBinomial => {
                Some("log precision phi, Var = n mu(1 - mu)(phi + n)/(phi + 1)")
            }
            _ => None,
        }
    }

    /// The dispersion parameter [`Family::terms`] takes, and its derivative, at glmmTMB's
    /// log-scale value `log_value` (log θ, log k, log φ): (1/θ = e^−δ, −1/θ) for the
    /// negative binomial, (e^δ, e^δ) for the gamma, the beta and the beta-binomial.
    pub fn from_log_dispersion(self, log_value: f64) -> (f64, f64) {
        match self {
            Family::NegativeBinomial => {
                let phi = (-log_value).exp();
                (phi, -phi)
            }
            _ => {
                let v = log_value.exp();
                (v, v)
            }
        }
    }

    /// The mean of one observation (`trials` is 1 except for binomial counts).
    pub fn mean(self, eta: f64, trials: f64) -> f64 {
        match self {
            Family::Binomial | Family::Beta | Family::BetaBinomial => trials / (1.0 + (-eta).exp()),
            _ => eta.exp(),
        }
    }

    /// The variance of one observation with mean `mu` and dispersion parameter `phi` (as
    /// [`Family::terms`] takes it).
    pub fn variance(self, mu: f64, trials: f64, phi: f64) -> f64 {
        match self {
            Family::Poisson => mu,
            Family::Binomial => mu * (1.0 - mu / trials),
            Family::NegativeBinomial => mu + phi * mu * mu,
            Family::Gamma => mu * mu / phi,
            Family::Beta => mu * (1.0 - mu) / (1.0 + phi),
            Family::BetaBinomial => mu * (1.0 - mu / trials) * (phi + trials) / (phi + 1.0),
            Family::Ordinal => f64::NAN,
        }
    }

    /// The η-free part of log f(y) that does not depend on the dispersion either: −log y!
    /// (Poisson, negative binomial), log C(n, y) (binomial, beta-binomial), −log y (gamma),
    /// −log y − log(1 − y) (beta). The dispersion's own part is
    /// [`Family::dispersion_constant`].
    pub fn constant(self, y: f64, trials: f64) -> f64 {
        match self {
            Family::Binomial | Family::BetaBinomial => {
                ln_gamma(trials + 1.0) - ln_gamma(y + 1.0) - ln_gamma(trials - y + 1.0)
            }
            Family::Gamma => -y.ln(),
            Family::Beta => -y.ln() - (-y).ln_1p(),
            Family::Ordinal => 0.0,
            _ => -ln_gamma(y + 1.0),
        }
    }

    /// The dispersion-dependent, η-free part of the log density: the negative binomial's
    /// Σ_{k<y} log(1 + kφ) = log Γ(y+θ) − log Γ(θ) − y log θ (0 at φ = 0; summed term by term
    /// for counts up to 10,000, exact at small φ, by log Γ beyond), the gamma's
    /// k log k − log Γ(k) + k log y, the beta's log Γ(φ), the beta-binomial's
    /// log Γ(φ) − log Γ(n + φ) of its `trials` n; 0 for the other families.
    pub fn dispersion_constant(self, y: f64, trials: f64, phi: f64) -> f64 {
        match self {
            Family::Gamma => return phi * phi.ln() - ln_gamma(phi) + phi * y.ln(),
            Family::Beta => return ln_gamma(phi),
            Family::BetaBinomial => return betabinomial::dispersion_constant(trials, phi),
            _ => {}
        }
        if self != Family::NegativeBinomial || phi == 0.0 || y < 1.0 {
            return 0.0;
        }
        if y <= 10_000.0 {
            (1..y as u32).map(|k| (k as f64 * phi).ln_1p()).sum()
        } else {
            let theta = 1.0 / phi;
            ln_gamma(y + theta) - ln_gamma(theta) - y * theta.ln()
        }
    }

    /// The derivatives in φ = 1/θ, at fixed η, of the negative binomial's log density
    /// (kernel plus [`Family::dispersion_constant`]), score and information (zeros for the
    /// other families): the analytic gradient of the Laplace deviance in φ. With x = φμ:
    /// ∂ℓ/∂φ = log(1+x)/φ² − μ(1+φy)/(φ(1+x)) + Σ_{k<y} k/(1+kφ), ∂s/∂φ = −(y−μ)μ/(1+x)²,
    /// ∂w/∂φ = μ(y(1+x) − 2μ(1+φy))/(1+x)³. The first two terms cancel for small x; there
    /// they are μ² Σ_{k≥1} (−1)^{k+1} k/(k+1) x^{k−1} − μy/(1+x), exact at φ = 0 (the
    /// one-sided derivative at the Poisson bound). Not finite for counts above 10,000 (the
    /// caller then differences). For the gamma and the beta, `gamma_slopes` and
    /// `beta_slopes`; for the beta-binomial (the only one that needs the `trials`),
    /// [`betabinomial::dispersion_slopes`].
    pub fn dispersion_slopes(self, y: f64, trials: f64, eta: f64, phi: f64) -> DispersionSlopes {
        match self {
            Family::Gamma => return gamma_slopes(y, eta, phi),
            Family::Beta => return beta_slopes(y, eta, phi),
            Family::BetaBinomial => return betabinomial::dispersion_slopes(y, trials, eta, phi),
            Family::NegativeBinomial => {}
            _ => return DispersionSlopes::default(),
        }
        if y > 10_000.0 {
            return DispersionSlopes {
                log_density: f64::NAN,
                ..DispersionSlopes::default()
            };
        }
        let mu = eta.exp();
        let x = phi * mu;
        let denominator = 1.0 + x;
        let kernel = if x < 1e-2 {
            // Terms up to x^9: the next is below 1e-18 relative.
            let mut sum = 0.0;
            let mut power = 1.0;
            for k in 1..=10 {
                let sign = if k % 2 == 1 { 1.0 } else { -1.0 };
                sum += sign * k as f64 / (k + 1) as f64 * power;
                power *= x;
            }
            mu * mu * sum - mu * y / denominator
        } else {
            x.ln_1p() / (phi * phi) - mu * (1.0 + phi * y) / (phi * denominator)
        };
        let constant: f64 = (1..y as u32)
            .map(|k| k as f64 / (1.0 + k as f64 * phi))
            .sum();
        DispersionSlopes {
            log_density: kernel + constant,
            score: -(y - mu) * mu / (denominator * denominator),
            weight: mu * (y * denominator - 2.0 * mu * (1.0 + phi * y))
                / (denominator * denominator * denominator),
        }
    }

    /// Kernel, score and observed information of one observation at η (NaN for
    /// [`Family::Ordinal`], whose rows need its thresholds: `glmm::ordinal::Cuts::terms`).
    #[inline]
    pub fn terms(self, y: f64, trials: f64, eta: f64, phi: f64) -> Terms {
        match self {
            Family::Poisson => {
                let mu = eta.exp();
                Terms {
                    kernel: y * eta - mu,
                    score: y - mu,
                    weight: mu,
                    weight_slope: mu,
                }
            }
            Family::Binomial => {
                let p = 1.0 / (1.0 + (-eta).exp());
                Terms {
                    kernel: y * eta - trials * softplus(eta),
                    score: y - trials * p,
                    weight: trials * p * (1.0 - p),
                    weight_slope: trials * p * (1.0 - p) * (1.0 - 2.0 * p),
                }
            }
            Family::NegativeBinomial => {
                let mu = eta.exp();
                let x = phi * mu;
                let denominator = 1.0 + x;
                // (1/φ) log(1 + φμ) = μ log1p(x)/x, which tends to μ as φ → 0.
                let log1p_x = x.ln_1p();
                let per_phi = if x < 1e-8 {
                    mu * (1.0 - 0.5 * x)
                } else {
                    mu * log1p_x / x
                };
                let weight = mu * (1.0 + phi * y) / (denominator * denominator);
                Terms {
                    kernel: y * eta - y * log1p_x - per_phi,
                    score: (y - mu) / denominator,
                    weight,
                    weight_slope: weight * (1.0 - x) / denominator,
                }
            }
            Family::Gamma => {
                // −k(y/μ + log μ): score k(y/μ − 1), information k y/μ.
                let ratio = y * (-eta).exp();
                Terms {
                    kernel: -phi * (ratio + eta),
                    score: phi * (ratio - 1.0),
                    weight: phi * ratio,
                    weight_slope: -phi * ratio,
                }
            }
            Family::Beta => beta_terms(y, eta, phi),
            Family::BetaBinomial => betabinomial::terms(y, trials, eta, phi),
            // The thresholds are not here: super::ordinal::Cuts::terms evaluates these rows.
            Family::Ordinal => Terms {
                kernel: f64::NAN,
                score: f64::NAN,
                weight: f64::NAN,
                weight_slope: f64::NAN,
            },
        }
    }
}

/// The beta's kernel −log Γ(a) − log Γ(b) + a log y + b log(1 − y) (a = μφ, b = (1 − μ)φ)
/// with its score φv(y* − μ*), information w = φ²v²T − φv(1 − 2μ)r (v = μ(1 − μ),
/// r = y* − μ*, T = ψ′(a) + ψ′(b)) and dw/dη = 3φ²v²(1 − 2μ)T + φ³v³(ψ″(a) − ψ″(b)) +
/// φvr(2v − (1 − 2μ)²).
fn beta_terms(y: f64, eta: f64, phi: f64) -> Terms {
    let mu = 1.0 / (1.0 + (-eta).exp());
    let (a, b) = (mu * phi, (1.0 - mu) * phi);
    let (log_y, log_1my) = (y.ln(), (-y).ln_1p());
    let v = mu * (1.0 - mu);
    let r = (log_y - log_1my) - (digamma(a) - digamma(b));
    let t = trigamma(a) + trigamma(b);
    let skew = 1.0 - 2.0 * mu;
    Terms {
        kernel: -ln_gamma(a) - ln_gamma(b) + a * log_y + b * log_1my,
        score: phi * v * r,
        weight: phi * phi * v * v * t - phi * v * skew * r,
        weight_slope: 3.0 * phi * phi * v * v * skew * t
            + phi.powi(3) * v.powi(3) * (tetragamma(a) - tetragamma(b))
            + phi * v * r * (2.0 * v - skew * skew),
    }
}

/// The gamma's derivatives in the shape k at fixed η (log density with
/// [`Family::dispersion_constant`]): ∂ℓ/∂k = log k + 1 − ψ(k) + log(y/μ) − y/μ, ∂s/∂k =
/// y/μ − 1, ∂w/∂k = y/μ.
fn gamma_slopes(y: f64, eta: f64, k: f64) -> DispersionSlopes {
    let ratio = y * (-eta).exp();
    DispersionSlopes {
        log_density: k.ln() + 1.0 - digamma(k) + ratio.ln() - ratio,
        score: ratio - 1.0,
        weight: ratio,
    }
}

/// The beta's derivatives in the precision φ at fixed η (names of [`beta_terms`]):
/// ∂ℓ/∂φ = ψ(φ) − μψ(a) − (1 − μ)ψ(b) + μ log y + (1 − μ) log(1 − y); with
/// r′ = −μψ′(a) + (1 − μ)ψ′(b), ∂s/∂φ = v r + φ v r′ and
/// ∂w/∂φ = 2φv²T + φ²v²(μψ″(a) + (1 − μ)ψ″(b)) − v(1 − 2μ)r − φv(1 − 2μ)r′.
fn beta_slopes(y: f64, eta: f64, phi: f64) -> DispersionSlopes {
    let mu = 1.0 / (1.0 + (-eta).exp());
    let (a, b) = (mu * phi, (1.0 - mu) * phi);
    let (log_y, log_1my) = (y.ln(), (-y).ln_1p());
    let v = mu * (1.0 - mu);
    let (psi_a, psi_b) = (digamma(a), digamma(b));
    let r = (log_y - log_1my) - (psi_a - psi_b);
    let (tri_a, tri_b) = (trigamma(a), trigamma(b));
    let r_phi = -mu * tri_a + (1.0 - mu) * tri_b;
    let skew = 1.0 - 2.0 * mu;
    DispersionSlopes {
        log_density: digamma(phi) - mu * psi_a - (1.0 - mu) * psi_b
            + mu * log_y
            + (1.0 - mu) * log_1my,
        score: v * r + phi * v * r_phi,
        weight: 2.0 * phi * v * v * (tri_a + tri_b)
            + phi * phi * v * v * (mu * tetragamma(a) + (1.0 - mu) * tetragamma(b))
            - v * skew * r
            - phi * v * skew * r_phi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_densities_match_r() {
        // R: dpois(3, exp(0.7), log = TRUE) = -1.7055121766985315
        let f = Family::Poisson;
        let t = f.terms(3.0, 1.0, 0.7, 0.0);
        assert!((t.kernel + f.constant(3.0, 1.0) - -1.7055121766985315).abs() < 1e-14);
        // R: dbinom(4, 9, plogis(-0.3), log = TRUE) = -1.3529152932652659
        let f = Family::Binomial;
        let t = f.terms(4.0, 9.0, -0.3, 0.0);
        assert!((t.kernel + f.constant(4.0, 9.0) - -1.3529152932652659).abs() < 1e-13);
        // R: dnbinom(5, size = 1.7, mu = exp(1.2), log = TRUE) = -2.5753187949522136
        let f = Family::NegativeBinomial;
        let t = f.terms(5.0, 1.0, 1.2, 1.0 / 1.7);
        let total = t.kernel + f.constant(5.0, 1.0) + f.dispersion_constant(5.0, 1.0, 1.0 / 1.7);
        assert!((total - -2.5753187949522136).abs() < 1e-13, "{total}");
    }

    #[test]
    fn negative_binomial_tends_to_poisson_and_matches_log_gamma() {
        let nb = Family::NegativeBinomial;
        let po = Family::Poisson;
        let (y, eta) = (4.0, 0.9);
        let at_zero = nb.terms(y, 1.0, eta, 0.0);
        assert_eq!(at_zero.kernel, po.terms(y, 1.0, eta, 0.0).kernel);
        // R: dnbinom(4, size = 1e4, mu = exp(0.9), log = TRUE) = -2.0377382989809991
        let full = |phi: f64| {
            nb.terms(y, 1.0, eta, phi).kernel
                + nb.constant(y, 1.0)
                + nb.dispersion_constant(y, 1.0, phi)
        };
        assert!(
            (full(1e-4) - -2.0377382989809991).abs() < 1e-13,
            "{}",
            full(1e-4)
        );
        // R: dnbinom(4, size = 1 / 0.37, mu = exp(0.9), log = TRUE) = -2.300197198247548
        assert!(
            (full(0.37) - -2.300197198247548).abs() < 1e-13,
            "{}",
            full(0.37)
        );
        // Near φ = 0 the difference from the Poisson is φ (y(y−1)/2 − yμ + μ²/2) + O(φ²) (a
        // Taylor expansion; R's dnbinom at size = 1e9 loses these digits to cancellation).
        // R: dpois(4, exp(0.9), log = TRUE) = -2.0376569415048955
        let mu = 0.9f64.exp();
        let slope = y * (y - 1.0) / 2.0 - y * mu + mu * mu / 2.0;
        let diff = full(1e-9) - -2.0376569415048955;
        assert!(
            (diff - 1e-9 * slope).abs() < 1e-14,
            "{diff} vs {}",
            1e-9 * slope
        );
        // The term-by-term sum equals the log Γ form.
        let phi = 0.37;
        let by_gamma = ln_gamma(y + 1.0 / phi) - ln_gamma(1.0 / phi) - y * (1.0 / phi).ln();
        assert!((nb.dispersion_constant(y, 1.0, phi) - by_gamma).abs() < 1e-12);
    }

    #[test]
    fn dispersion_slopes_are_the_derivatives_in_phi() {
        let f = Family::NegativeBinomial;
        let log_density = |y: f64, eta: f64, phi: f64| {
            f.terms(y, 1.0, eta, phi).kernel + f.dispersion_constant(y, 1.0, phi)
        };
        for (y, eta) in [(0.0, -1.0), (3.0, 0.4), (17.0, 2.5)] {
            for phi in [1e-4f64, 0.02, 0.3, 2.0] {
                let h = 1e-6 * phi.max(0.01);
                let d = f.dispersion_slopes(y, 1.0, eta, phi);
                let (up, down) = (f.terms(y, 1.0, eta, phi + h), f.terms(y, 1.0, eta, phi - h));
                let fd = (log_density(y, eta, phi + h) - log_density(y, eta, phi - h)) / (2.0 * h);
                let scale = fd.abs().max(1.0);
                assert!(
                    (fd - d.log_density).abs() < 1e-6 * scale,
                    "{y} {eta} {phi}: {fd} vs {}",
                    d.log_density
                );
                let fd = (up.score - down.score) / (2.0 * h);
                assert!(
                    (fd - d.score).abs() < 1e-6 * fd.abs().max(1.0),
                    "{fd} vs {}",
                    d.score
                );
                let fd = (up.weight - down.weight) / (2.0 * h);
                assert!(
                    (fd - d.weight).abs() < 1e-6 * fd.abs().max(1.0),
                    "{fd} vs {}",
                    d.weight
                );
            }
            // At the bound φ = 0 the slope is y(y−1)/2 − yμ + μ²/2 (the Taylor expansion of
            // the test above).
            let mu = f64::exp(eta);
            let at_zero = f.dispersion_slopes(y, 1.0, eta, 0.0).log_density;
            let want = y * (y - 1.0) / 2.0 - y * mu + mu * mu / 2.0;
            assert!(
                (at_zero - want).abs() < 1e-12 * want.abs().max(1.0),
                "{at_zero} vs {want}"
            );
        }
        assert_eq!(
            Family::Poisson.dispersion_slopes(3.0, 1.0, 0.1, 0.5),
            DispersionSlopes::default()
        );
    }

    #[test]
    fn score_and_weight_are_the_derivatives_of_the_kernel() {
        let h = 1e-5;
        for f in [Family::Poisson, Family::Binomial, Family::NegativeBinomial] {
            let (y, n, th) = (3.0, 7.0, 1.0 / 2.3);
            for eta in [-2.0, 0.1, 1.5] {
                let t = f.terms(y, n, eta, th);
                let up = f.terms(y, n, eta + h, th);
                let down = f.terms(y, n, eta - h, th);
                let score = (up.kernel - down.kernel) / (2.0 * h);
                let weight = -(up.score - down.score) / (2.0 * h);
                let slope = (up.weight - down.weight) / (2.0 * h);
                assert!((score - t.score).abs() < 1e-7, "{f:?} {eta}");
                assert!((weight - t.weight).abs() < 1e-7, "{f:?} {eta}");
                assert!((slope - t.weight_slope).abs() < 1e-7, "{f:?} {eta}");
            }
        }
    }

    /// The full log density of `f` at (y, η, φ).
    fn log_density(f: Family, y: f64, eta: f64, phi: f64) -> f64 {
        f.terms(y, 1.0, eta, phi).kernel + f.constant(y, 1.0) + f.dispersion_constant(y, 1.0, phi)
    }

    #[test]
    fn gamma_and_beta_log_densities_match_r() {
        // R (benches/glmm_families_reference.R): dgamma(2.3, shape = 1.7, scale = exp(0.4) /
        // 1.7, log = TRUE) = -1.720039269732021
        let got = log_density(Family::Gamma, 2.3, 0.4, 1.7);
        assert!((got - -1.720039269732021).abs() < 1e-13, "{got}");
        // R: dbeta(0.37, plogis(-0.6) * 8.5, (1 - plogis(-0.6)) * 8.5, log = TRUE)
        // = 0.83246063198247144
        let got = log_density(Family::Beta, 0.37, -0.6, 8.5);
        assert!((got - 0.83246063198247144).abs() < 1e-13, "{got}");
        assert_eq!(Family::Gamma.variance(2.0, 1.0, 4.0), 1.0);
        assert_eq!(Family::Beta.variance(0.5, 1.0, 4.0), 0.05);
    }

    #[test]
    fn gamma_and_beta_derivatives_in_eta_and_in_the_dispersion() {
        for (f, ys) in [
            (Family::Gamma, [0.05, 1.3, 40.0]),
            (Family::Beta, [0.02, 0.45, 0.97]),
        ] {
            for y in ys {
                for eta in [-2.0, 0.1, 1.5] {
                    for phi in [0.4, 3.0, 60.0] {
                        let t = f.terms(y, 1.0, eta, phi);
                        let h = 1e-5;
                        let (up, down) =
                            (f.terms(y, 1.0, eta + h, phi), f.terms(y, 1.0, eta - h, phi));
                        let close = |fd: f64, got: f64, what: &str| {
                            assert!(
                                (fd - got).abs() < 1e-6 * fd.abs().max(1.0),
                                "{f:?} {what} y {y} η {eta} φ {phi}: {fd} vs {got}"
                            )
                        };
                        close((up.kernel - down.kernel) / (2.0 * h), t.score, "score");
                        close(-(up.score - down.score) / (2.0 * h), t.weight, "weight");
                        close(
                            (up.weight - down.weight) / (2.0 * h),
                            t.weight_slope,
                            "slope",
                        );
                        let d = f.dispersion_slopes(y, 1.0, eta, phi);
                        let h = 1e-6 * phi;
                        let (up, down) =
                            (f.terms(y, 1.0, eta, phi + h), f.terms(y, 1.0, eta, phi - h));
                        let fd = (log_density(f, y, eta, phi + h)
                            - log_density(f, y, eta, phi - h))
                            / (2.0 * h);
                        close(fd, d.log_density, "∂ℓ/∂φ");
                        close((up.score - down.score) / (2.0 * h), d.score, "∂s/∂φ");
                        close((up.weight - down.weight) / (2.0 * h), d.weight, "∂w/∂φ");
                    }
                }
            }
        }
    }
}
