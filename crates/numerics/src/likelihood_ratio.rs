//! The one likelihood-ratio test of two nested models fitted to the same data (Wilks 1938):
//! χ² = 2(ℓ₁ − ℓ₀) = deviance₀ − deviance₁ on as many degrees of freedom as the larger model
//! has more parameters, with its upper-tail χ² p-value. Every model comparison uses it: lme4's
//! `anova(m0, m1)` for `lmm` and `glmm`, metafor's `anova(res0, res1)` and `selmodel`'s test of
//! the selection parameters for `meta`, the three- against two-level model of `rma.mv`, and the
//! conditional binomial–normal model's test of heterogeneity.
//!
//! A fit that stops a hair short of its optimum can give the smaller model a slightly larger
//! likelihood; the statistic is then 0 (as lme4 and metafor print it), never negative.
//! Where a parameter tested lies on the boundary of its space (τ² = 0, σ² = 0), the χ²
//! reference is conservative (Self & Liang 1987); the peers print it unadjusted, and so does
//! this test.

use crate::dist::pchisq_upper;
use serde::Serialize;

/// A likelihood-ratio test: the statistic, its degrees of freedom and its p-value (`None`
/// when the models have the same number of parameters, so that there is nothing to test).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LikelihoodRatio {
    pub statistic: f64,
    pub df: usize,
    pub p_value: Option<f64>,
}

impl LikelihoodRatio {
    /// The test from the deviances (−2 log-likelihood) of the smaller and the larger model,
    /// whose numbers of parameters differ by `df`.
    ///
    /// ```
    /// use trialstats_numerics::likelihood_ratio::LikelihoodRatio;
    /// // Deviances 1751.986 and 1751.939 on 1 df: χ² = 0.047, and on one df
    /// // P(χ² > x) = erfc(√(x/2)) = 0.8283682381821483 (Python's math.erfc; R's
    /// // pchisq(0.047, 1, lower.tail = FALSE) is the same).
    /// let t = LikelihoodRatio::from_deviances(1751.986, 1751.939, 1);
    /// assert!((t.statistic - 0.047).abs() < 1e-9);
    /// assert!((t.p_value.unwrap() - 0.8283682381821483).abs() < 1e-9);
    /// ```
    pub fn from_deviances(smaller: f64, larger: f64, df: usize) -> LikelihoodRatio {
        let statistic = (smaller - larger).max(0.0);
        LikelihoodRatio {
            statistic,
            df,
            p_value: (df > 0).then(|| pchisq_upper(statistic, df as f64)),
        }
    }

    /// The test from the log-likelihoods of the smaller and the larger model: the same as
    /// [`LikelihoodRatio::from_deviances`] of −2ℓ, to the last bit (doubling is exact).
    ///
    /// ```
    /// use trialstats_numerics::likelihood_ratio::LikelihoodRatio;
    /// // lme4 1.1.31's anova(m0, m1) (tests/lmm_lme4.rs): deviances 1601.1423566912144 and
    /// // 1588.4102100273044 on 2 df give Chisq 12.732146663910044, p 0.0017188955234318291.
    /// let t = LikelihoodRatio::from_log_likelihoods(
    ///     -1601.1423566912144 / 2.0,
    ///     -1588.4102100273044 / 2.0,
    ///     2,
    /// );
    /// assert!((t.statistic - 12.732146663910044).abs() < 1e-9);
    /// assert!((t.p_value.unwrap() - 0.0017188955234318291).abs() < 1e-12);
    /// // ℓ = −100 and −98.08: χ² = 2 · 1.92 = 3.84 on 1 df, P(χ² > 3.84) = 0.0500435212487051
    /// // (R: pchisq(3.84, 1, lower.tail = FALSE)).
    /// let t = LikelihoodRatio::from_log_likelihoods(-100.0, -98.08, 1);
    /// assert!((t.statistic - 3.84).abs() < 1e-9);
    /// assert!((t.p_value.unwrap() - 0.0500435212487051).abs() < 1e-9);
    /// ```
    pub fn from_log_likelihoods(smaller: f64, larger: f64, df: usize) -> LikelihoodRatio {
        LikelihoodRatio::from_deviances(-2.0 * smaller, -2.0 * larger, df)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_smaller_model_that_fits_better_gives_zero_not_a_negative_statistic() {
        let t = LikelihoodRatio::from_log_likelihoods(-10.0, -10.000001, 2);
        assert_eq!(t.statistic, 0.0);
        assert_eq!(t.p_value, Some(1.0));
    }

    #[test]
    fn equal_parameters_leave_nothing_to_test() {
        assert_eq!(LikelihoodRatio::from_deviances(5.0, 3.0, 0).p_value, None);
    }

    #[test]
    fn the_statistic_is_twice_the_log_likelihood_difference() {
        // R: pchisq(3.84, 1, lower.tail = FALSE) = 0.05004352124870522
        let t = LikelihoodRatio::from_log_likelihoods(-101.92, -100.0, 1);
        assert!((t.statistic - 3.84).abs() < 1e-12);
        assert!((t.p_value.unwrap() - 0.05004352124870522).abs() < 1e-12);
    }
}
