//! The polygamma functions the likelihoods of the gamma and beta distributions need: ψ
//! (digamma, `statrs`'), ψ′ (trigamma) and ψ″ (tetragamma), named as in R (`digamma`,
//! `trigamma`, `psigamma(x, 2)`), for x > 0.
//!
//! ψ′ and ψ″ shift x up to 10 or more by the recurrences ψ′(x) = ψ′(x + 1) + 1/x² and
//! ψ″(x) = ψ″(x + 1) − 2/x³, then sum their asymptotic series in the Bernoulli numbers
//! (Abramowitz & Stegun 6.4.12–13) up to the term in x⁻¹⁵ (x⁻¹⁶ for ψ″), whose remainder at
//! x ≥ 10 is below 1e-17 relative.
//!
//! ```
//! use trialstats_numerics::special::{tetragamma, trigamma};
//! // R: trigamma(0.3) = 12.245364546107732, psigamma(2.5, 2) = -0.23620405164172742
//! assert!((trigamma(0.3) - 12.245364546107732).abs() < 1e-13);
//! assert!((tetragamma(2.5) - -0.23620405164172742).abs() < 1e-15);
//! ```

/// ψ(x) = d log Γ(x) / dx.
pub fn digamma(x: f64) -> f64 {
    statrs::function::gamma::digamma(x)
}

/// ψ′(x) = d² log Γ(x) / dx² (R's `trigamma`), for x > 0; NaN otherwise.
pub fn trigamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let (mut x, mut sum) = (x, 0.0);
    while x < 10.0 {
        sum += 1.0 / (x * x);
        x += 1.0;
    }
    let z = 1.0 / (x * x);
    // 1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1), B₂ₖ = 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730, 7/6.
    let series = 1.0 / 6.0
        + z * (-1.0 / 30.0
            + z * (1.0 / 42.0
                + z * (-1.0 / 30.0 + z * (5.0 / 66.0 + z * (-691.0 / 2730.0 + z * 7.0 / 6.0)))));
    sum + 1.0 / x + z / 2.0 + z / x * series
}

/// ψ″(x) = d³ log Γ(x) / dx³ (R's `psigamma(x, 2)`), for x > 0; NaN otherwise.
pub fn tetragamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let (mut x, mut sum) = (x, 0.0);
    while x < 10.0 {
        sum -= 2.0 / (x * x * x);
        x += 1.0;
    }
    let z = 1.0 / (x * x);
    // −1/x² − 1/x³ − Σ (2k + 1) B₂ₖ / x^(2k+2).
    let series = 1.0 / 2.0
        + z * (-1.0 / 6.0
            + z * (1.0 / 6.0
                + z * (-3.0 / 10.0 + z * (5.0 / 6.0 + z * (-691.0 / 210.0 + z * 35.0 / 2.0)))));
    sum - z - z / x - z * z * series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygamma_matches_r() {
        // R: trigamma(c(0.3, 2.5, 40)); psigamma(c(0.3, 2.5, 40), 2)
        let tri = [
            (0.3, 12.245364546107732),
            (2.5, 0.49035775610023491),
            (40.0, 0.025315103841291028),
        ];
        for (x, want) in tri {
            assert!(
                (trigamma(x) - want).abs() < 2e-15 * want,
                "{x}: {}",
                trigamma(x)
            );
        }
        let tetra = [
            (0.3, -75.272536588726027),
            (2.5, -0.23620405164172742),
            (40.0, -0.00064082027183529858),
        ];
        for (x, want) in tetra {
            let got = tetragamma(x);
            assert!((got - want).abs() < 2e-15 * want.abs(), "{x}: {got}");
        }
        assert!(trigamma(0.0).is_nan() && tetragamma(-1.0).is_nan());
    }

    #[test]
    fn each_is_the_derivative_of_the_one_before() {
        for x in [0.05, 0.7, 3.0, 9.9, 10.1, 250.0] {
            let h = 1e-5 * x;
            let fd = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
            assert!((fd - trigamma(x)).abs() < 1e-7 * trigamma(x), "{x}");
            let fd = (trigamma(x + h) - trigamma(x - h)) / (2.0 * h);
            assert!(
                (fd - tetragamma(x)).abs() < 1e-7 * tetragamma(x).abs(),
                "{x}"
            );
        }
    }
}
