//! glmmTMB's `betabinomial` family (logit link): y successes out of n trials whose success
//! probability p varies from row to row, y | p ~ Binomial(n, p), p ~ Beta(μφ, (1 − μ)φ) with
//! logit μ = η (Morris 1997; glmmTMB's `?family_glmmTMB`). E y = nμ and
//! Var y = nμ(1 − μ)(φ + n)/(φ + 1) = nμ(1 − μ)(1 + (n − 1)/(φ + 1)): the binomial's variance
//! inflated by the intra-class correlation 1/(φ + 1) of the trials of one row, which tends to the
//! binomial as φ → ∞. φ is the beta's precision, the parameterisation of glmmTMB's
//! `beta_family` (its `sigma()` is φ); glmmTMB estimates log φ, the scale of its `dispformula`
//! and `fixef(m)$disp`.
//!
//! The log density is glmmTMB's `dbetabinom_robust` (src/distrib.h, called from
//! src/glmmTMB.cpp with log a = log μ + log φ and log b = log(1 − μ) + log φ), with a = μφ and
//! b = (1 − μ)φ:
//!
//! ```text
//! log f(y) = log C(n, y) + log Γ(y + a) + log Γ(n − y + b) − log Γ(n + φ)
//!            + log Γ(φ) − log Γ(a) − log Γ(b)
//!          = log C(n, y) + Σ_{k<y} log(a + k) + Σ_{k<n−y} log(b + k) − Σ_{k<n} log(φ + k)
//! ```
//!
//! written here as the second line, three rising factorials ([`Rising`]): summed term by term
//! for counts up to [`MAX_TERMWISE`] (exact however large φ grows, where the log Γ differences
//! cancel), by log Γ and the polygamma functions beyond. Which form a row takes depends on its
//! counts only, so the deviance stays smooth in the parameters. The part in η is the
//! [`super::row_terms::Terms::kernel`] Σ log(a + k) + Σ log(b + k); −Σ_{k<n} log(φ + k) is the
//! dispersion's own part ([`super::family::Family::dispersion_constant`]) and log C(n, y) the
//! binomial's constant.
//!
//! With r = Σ 1/(a + k) − Σ 1/(b + k) (ψ(y + a) − ψ(a) − ψ(n − y + b) + ψ(b)),
//! T = Σ 1/(a + k)² + Σ 1/(b + k)² and U = 2(Σ 1/(a + k)³ − Σ 1/(b + k)³), the derivatives
//! of the kernel in μ are φr, −φ²T and φ³U, and with v = μ(1 − μ) = dμ/dη the score is φvr and
//! the observed information φ²v²T − φv(1 − 2μ)r: the beta's ([`super::family`]) with these
//! sums in place of its polygamma terms. As for the beta, the information can be negative for a
//! row far from its mean (the beta-binomial is not log-concave in η), which the Newton steps for
//! the modes hold, of one grouping factor ([`super::laplace`]) or of several
//! ([`super::several`]).

use super::row_terms::{DispersionSlopes, Terms};
use crate::special::{digamma, tetragamma, trigamma};
use statrs::function::gamma::ln_gamma;

/// The largest count whose rising factorial is summed term by term (a division a term, one
/// logarithm of the product); larger counts take log Γ and polygamma differences,
/// which cost about as much as 64 terms.
pub const MAX_TERMWISE: f64 = 64.0;

/// The rising factorial (c)ₘ = Γ(c + m)/Γ(c) of a whole m ≥ 0 on the log scale, with the first
/// three derivatives of its log in c up to sign: `log` = Σ_{k<m} log(c + k), `d1` = Σ 1/(c + k)
/// = ψ(c + m) − ψ(c), `d2` = Σ 1/(c + k)² = ψ′(c) − ψ′(c + m) and `d3` = Σ 1/(c + k)³ =
/// (ψ″(c + m) − ψ″(c))/2.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rising {
    pub log: f64,
    pub d1: f64,
    pub d2: f64,
    pub d3: f64,
}

impl Rising {
    /// (c)ₘ for c > 0 and a whole m ≥ 0 (0 for m = 0).
    pub fn of(c: f64, m: f64) -> Rising {
        if m <= 0.0 {
            return Rising::default();
        }
        if m <= MAX_TERMWISE {
            let mut out = Rising::default();
            let mut product = Product::new(c);
            for k in 0..m as u32 {
                let x = c + k as f64;
                let r = 1.0 / x;
                product.times(x);
                out.d1 += r;
                out.d2 += r * r;
                out.d3 += r * r * r;
            }
            out.log = product.ln();
            return out;
        }
        Rising {
            log: ln_gamma(c + m) - ln_gamma(c),
            d1: digamma(c + m) - digamma(c),
            d2: trigamma(c) - trigamma(c + m),
            d3: 0.5 * (tetragamma(c + m) - tetragamma(c)),
        }
    }

    /// [`Rising::of`]'s `log` alone.
    pub fn log_of(c: f64, m: f64) -> f64 {
        if m <= 0.0 {
            return 0.0;
        }
        if m > MAX_TERMWISE {
            return ln_gamma(c + m) - ln_gamma(c);
        }
        let mut product = Product::new(c);
        for k in 0..m as u32 {
            product.times(c + k as f64);
        }
        product.ln()
    }
}

/// The logarithm of a product of terms c + k ≥ c > 0, taken once for the whole product rather
/// than once a term (a logarithm costs about twenty multiplications): the product is logged and
/// restarted whenever it passes 1e200, so it never overflows while its terms stay below 1e100
/// (beyond, a c that only a precision running off to infinity reaches, every term is logged).
struct Product {
    log: f64,
    value: f64,
    every_term: bool,
}

impl Product {
    fn new(c: f64) -> Product {
        Product {
            log: 0.0,
            value: 1.0,
            every_term: c > 1e100,
        }
    }

    #[inline]
    fn times(&mut self, x: f64) {
        self.value *= x;
        if self.every_term || self.value > 1e200 {
            self.log += self.value.ln();
            self.value = 1.0;
        }
    }

    fn ln(&self) -> f64 {
        self.log + self.value.ln()
    }
}

/// μ and 1 − μ at η, each without the cancellation of 1 − μ.
fn probabilities(eta: f64) -> (f64, f64) {
    (1.0 / (1.0 + (-eta).exp()), 1.0 / (1.0 + eta.exp()))
}

/// One row's sums at (y, n, η, φ): μ, 1 − μ, and the rising factorials of a = μφ over the y
/// successes and of b = (1 − μ)φ over the n − y failures.
struct Sides {
    mu: f64,
    mu_c: f64,
    a: Rising,
    b: Rising,
}

impl Sides {
    fn at(y: f64, n: f64, eta: f64, phi: f64) -> Sides {
        let (mu, mu_c) = probabilities(eta);
        Sides {
            mu,
            mu_c,
            a: Rising::of(mu * phi, y),
            b: Rising::of(mu_c * phi, n - y),
        }
    }

    /// r = ∂ log f/∂a − ∂ log f/∂b at fixed φ (the kernel's slope in μ over φ).
    fn r(&self) -> f64 {
        self.a.d1 - self.b.d1
    }

    /// T = −(its second derivative in μ)/φ².
    fn t(&self) -> f64 {
        self.a.d2 + self.b.d2
    }
}

/// Kernel Σ_{k<y} log(a + k) + Σ_{k<n−y} log(b + k), score φvr, information
/// w = φ²v²T − φv(1 − 2μ)r and dw/dη = −φ³v³U + 3φ²v²(1 − 2μ)T − φvr(1 − 6v) (module
/// docs' names; dμ/dη = v, d²μ/dη² = v(1 − 2μ), d³μ/dη³ = v(1 − 6v)).
pub fn terms(y: f64, n: f64, eta: f64, phi: f64) -> Terms {
    let s = Sides::at(y, n, eta, phi);
    let v = s.mu * s.mu_c;
    let skew = s.mu_c - s.mu;
    let (r, t) = (s.r(), s.t());
    let u = 2.0 * (s.a.d3 - s.b.d3);
    Terms {
        kernel: s.a.log + s.b.log,
        score: phi * v * r,
        weight: phi * phi * v * v * t - phi * v * skew * r,
        weight_slope: -phi.powi(3) * v.powi(3) * u + 3.0 * phi * phi * v * v * skew * t
            - phi * v * r * (1.0 - 6.0 * v),
    }
}

/// The dispersion's own part of the log density, −Σ_{k<n} log(φ + k) = log Γ(φ) − log Γ(n + φ).
pub fn dispersion_constant(n: f64, phi: f64) -> f64 {
    -Rising::log_of(phi, n)
}

/// The derivatives in φ at fixed η (a = μφ, b = (1 − μ)φ move with it): ∂ℓ/∂φ =
/// μ Σ 1/(a + k) + (1 − μ) Σ 1/(b + k) − Σ_{k<n} 1/(φ + k); with ∂r/∂φ = −μ Σ 1/(a + k)² +
/// (1 − μ) Σ 1/(b + k)² and ∂T/∂φ = −2μ Σ 1/(a + k)³ − 2(1 − μ) Σ 1/(b + k)³, ∂s/∂φ =
/// v r + φ v ∂r/∂φ and ∂w/∂φ = 2φv²T + φ²v² ∂T/∂φ − v(1 − 2μ)r − φv(1 − 2μ) ∂r/∂φ.
pub fn dispersion_slopes(y: f64, n: f64, eta: f64, phi: f64) -> DispersionSlopes {
    let s = Sides::at(y, n, eta, phi);
    let v = s.mu * s.mu_c;
    let skew = s.mu_c - s.mu;
    let (r, t) = (s.r(), s.t());
    let r_phi = -s.mu * s.a.d2 + s.mu_c * s.b.d2;
    let t_phi = -2.0 * (s.mu * s.a.d3 + s.mu_c * s.b.d3);
    DispersionSlopes {
        log_density: s.mu * s.a.d1 + s.mu_c * s.b.d1 - Rising::of(phi, n).d1,
        score: v * r + phi * v * r_phi,
        weight: 2.0 * phi * v * v * t + phi * phi * v * v * t_phi
            - v * skew * r
            - phi * v * skew * r_phi,
    }
}

/// The method-of-moments precision from the rows' successes `y`, trials `n` and means `p`
/// (a pilot fit's probabilities): the intra-class correlation
/// ρ = Σ((y − np)² − np(1 − p)) / Σ n(n − 1)p(1 − p) (from Var y = np(1 − p)(1 + (n − 1)ρ),
/// ρ = 1/(φ + 1)), φ = 1/ρ − 1 within 0.1 to 10⁴ (10⁴ when the rows vary no more than binomial
/// counts).
pub fn moment_precision(y: &[f64], n: &[f64], p: &[f64]) -> f64 {
    let (mut excess, mut pairs) = (0.0, 0.0);
    for ((&y, &n), &p) in y.iter().zip(n).zip(p) {
        let v = p * (1.0 - p);
        excess += (y - n * p).powi(2) - n * v;
        pairs += n * (n - 1.0) * v;
    }
    if !(excess > 0.0 && pairs > 0.0) {
        return 1e4;
    }
    (pairs / excess - 1.0).clamp(0.1, 1e4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glmm::Family;

    /// The full log density of the family at (y, n, η, φ).
    fn log_density(y: f64, n: f64, eta: f64, phi: f64) -> f64 {
        let f = Family::BetaBinomial;
        f.terms(y, n, eta, phi).kernel + f.constant(y, n) + f.dispersion_constant(y, n, phi)
    }

    #[test]
    fn the_log_density_matches_r() {
        // R (benches/glmm_betabinomial_reference.R): lchoose(n, y) + lbeta(y + mu phi, n - y
        // + (1 - mu) phi) - lbeta(mu phi, (1 - mu) phi), mu = plogis(eta).
        for (y, n, eta, phi, want) in [
            (3.0, 11.0, -0.4, 2.7, -2.2370674332498357),
            (0.0, 7.0, 0.8, 0.35, -1.6935176999096755),
            (25.0, 25.0, 1.9, 140.0, -3.1994175968977174),
            (17.0, 40.0, -1.3, 9.5, -3.8689504126097232),
        ] {
            let got = log_density(y, n, eta, phi);
            assert!(
                (got - want).abs() < 1e-13,
                "{y}/{n} {eta} {phi}: {got} vs {want}"
            );
        }
        // Var y = nμ(1 − μ)(φ + n)/(φ + 1), μ the mean count nμ here.
        let var = Family::BetaBinomial.variance(2.5, 10.0, 4.0);
        assert!((var - 10.0 * 0.25 * 0.75 * 14.0 / 5.0).abs() < 1e-14);
    }

    #[test]
    fn term_by_term_and_polygamma_sums_agree() {
        // Counts at the switch: the sum of 64 terms against the log Γ and polygamma form.
        for c in [0.03, 0.9, 7.5, 300.0, 2e5] {
            let m = MAX_TERMWISE;
            let by_terms = Rising::of(c, m);
            let by_gamma = Rising {
                log: ln_gamma(c + m) - ln_gamma(c),
                d1: digamma(c + m) - digamma(c),
                d2: trigamma(c) - trigamma(c + m),
                d3: 0.5 * (tetragamma(c + m) - tetragamma(c)),
            };
            for (a, b, what) in [
                (by_terms.log, by_gamma.log, "log"),
                (by_terms.d1, by_gamma.d1, "d1"),
                (by_terms.d2, by_gamma.d2, "d2"),
                (by_terms.d3, by_gamma.d3, "d3"),
            ] {
                assert!(
                    (a - b).abs() < 1e-11 * a.abs().max(1e-300),
                    "c {c} {what}: {a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn derivatives_in_eta_and_in_phi_are_the_slopes_of_the_density() {
        let f = Family::BetaBinomial;
        for (y, n) in [
            (0.0, 9.0),
            (4.0, 9.0),
            (9.0, 9.0),
            (1.0, 1.0),
            (90.0, 130.0),
        ] {
            for eta in [-2.5, 0.2, 1.7] {
                for phi in [0.3, 4.0, 250.0] {
                    let close = |fd: f64, got: f64, what: &str| {
                        assert!(
                            (fd - got).abs() < 1e-6 * fd.abs().max(1.0),
                            "{what} y {y}/{n} η {eta} φ {phi}: {fd} vs {got}"
                        )
                    };
                    let t = f.terms(y, n, eta, phi);
                    let h = 1e-5;
                    let (up, down) = (f.terms(y, n, eta + h, phi), f.terms(y, n, eta - h, phi));
                    close((up.kernel - down.kernel) / (2.0 * h), t.score, "score");
                    close(-(up.score - down.score) / (2.0 * h), t.weight, "weight");
                    let fd = (up.weight - down.weight) / (2.0 * h);
                    close(fd, t.weight_slope, "slope");
                    let d = f.dispersion_slopes(y, n, eta, phi);
                    let h = 1e-6 * phi;
                    let (up, down) = (f.terms(y, n, eta, phi + h), f.terms(y, n, eta, phi - h));
                    let fd = (log_density(y, n, eta, phi + h) - log_density(y, n, eta, phi - h))
                        / (2.0 * h);
                    close(fd, d.log_density, "∂ℓ/∂φ");
                    close((up.score - down.score) / (2.0 * h), d.score, "∂s/∂φ");
                    close((up.weight - down.weight) / (2.0 * h), d.weight, "∂w/∂φ");
                }
            }
        }
    }

    #[test]
    fn a_large_precision_is_the_binomial() {
        // φ → ∞: the beta-binomial tends to the binomial (dbinom(6, 20, plogis(0.3), log =
        // TRUE) at φ = 1e12, to the O(n²/φ) of the difference).
        let (y, n, eta) = (6.0, 20.0, 0.3);
        let binomial =
            Family::Binomial.terms(y, n, eta, 0.0).kernel + Family::Binomial.constant(y, n);
        let got = log_density(y, n, eta, 1e12);
        assert!((got - binomial).abs() < 1e-9, "{got} vs {binomial}");
        // Rows that vary as binomial counts: the moment start is the upper end.
        assert_eq!(
            moment_precision(&[5.0, 5.0], &[10.0, 10.0], &[0.5, 0.5]),
            1e4
        );
        // Rows of 0 and n: ρ = 1, the lower end.
        assert_eq!(
            moment_precision(&[0.0, 10.0], &[10.0, 10.0], &[0.5, 0.5]),
            0.1
        );
    }
}
