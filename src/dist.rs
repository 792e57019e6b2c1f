//! Probability distributions used by every estimator: quantiles for confidence intervals and
//! tail probabilities for tests. Thin, named wrappers over `statrs`, so that each routine
//! reads like the formula it implements (`qnorm`, `pt`, ... as in R).

use statrs::distribution::{
    Beta, ChiSquared, Continuous, ContinuousCDF, FisherSnedecor, Gamma, Normal, StudentsT,
};

fn standard_normal() -> Normal {
    // ok: mean 0 and sd 1 are valid parameters, this cannot fail.
    Normal::new(0.0, 1.0).expect("standard normal")
}

/// Standard normal quantile (R `qnorm(p)`).
pub fn qnorm(p: f64) -> f64 {
    standard_normal().inverse_cdf(p)
}

/// Standard normal distribution function (R `pnorm(x)`).
pub fn pnorm(x: f64) -> f64 {
    standard_normal().cdf(x)
}

/// Upper tail of the standard normal, computed without cancellation (R `pnorm(x, lower = FALSE)`).
pub fn pnorm_upper(x: f64) -> f64 {
    standard_normal().sf(x)
}

/// Two-sided p-value of a z statistic: `2 * pnorm(-|z|)`.
pub fn p_two_sided_z(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    (2.0 * pnorm_upper(z.abs())).min(1.0)
}

/// Student t quantile (R `qt(p, df)`); `df` may be fractional. Infinite `df` is the normal.
pub fn qt(p: f64, df: f64) -> f64 {
    if df.is_infinite() {
        return qnorm(p);
    }
    match StudentsT::new(0.0, 1.0, df) {
        Ok(t) => t.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// Upper tail of Student's t (R `pt(x, df, lower = FALSE)`); NaN for a NaN argument.
pub fn pt_upper(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return 0.0;
    }
    if x == f64::NEG_INFINITY {
        return 1.0;
    }
    if df.is_infinite() {
        return pnorm_upper(x);
    }
    match StudentsT::new(0.0, 1.0, df) {
        Ok(t) => t.sf(x),
        Err(_) => f64::NAN,
    }
}

/// Two-sided p-value of a t statistic with `df` degrees of freedom.
pub fn p_two_sided_t(t: f64, df: f64) -> f64 {
    if t.is_nan() {
        return f64::NAN;
    }
    (2.0 * pt_upper(t.abs(), df)).min(1.0)
}

/// Upper tail of the chi-squared distribution (R `pchisq(x, df, lower = FALSE)`); NaN for
/// a NaN argument (statrs would panic), 0 at +∞.
pub fn pchisq_upper(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x == f64::INFINITY {
        return 0.0;
    }
    match ChiSquared::new(df) {
        Ok(c) => c.sf(x),
        Err(_) => f64::NAN,
    }
}

/// Chi-squared quantile (R `qchisq(p, df)`).
///
/// statrs answers NaN for some small-df lower quantiles (`qchisq(0.025, 1)`); there the
/// quantile is found by bisection on the distribution function, which converges to the last
/// bit in at most a few hundred halvings. statrs' own inversion is also only good to a few
/// parts in a million at large df (`qchisq(0.975, 99999)`: 100877.142 for R's 100877.411),
/// so its answer is polished by Newton steps on the distribution function (on the upper tail
/// for p > ½, to keep its digits).
pub fn qchisq(p: f64, df: f64) -> f64 {
    let Ok(c) = ChiSquared::new(df) else {
        return f64::NAN;
    };
    if !(0.0..1.0).contains(&p) || p == 0.0 {
        return c.inverse_cdf(p);
    }
    let mut q = c.inverse_cdf(p);
    if !q.is_finite() {
        let mut hi = df.max(1.0);
        while c.cdf(hi) < p {
            hi *= 2.0;
            if hi > 1e300 {
                return f64::NAN;
            }
        }
        let mut lo = 0.0;
        for _ in 0..2000 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if c.cdf(mid) < p {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        q = 0.5 * (lo + hi);
    }
    for _ in 0..20 {
        let miss = if p > 0.5 {
            (1.0 - p) - c.sf(q)
        } else {
            c.cdf(q) - p
        };
        let step = miss / c.pdf(q);
        if !step.is_finite() || q - step <= 0.0 {
            break;
        }
        q -= step;
        if step.abs() <= 4.0 * f64::EPSILON * q {
            break;
        }
    }
    q
}

/// Upper tail of the F distribution (R `pf(x, df1, df2, lower = FALSE)`); NaN for a NaN
/// argument (statrs's incomplete beta would panic on it), 0 at +∞.
pub fn pf_upper(x: f64, df1: f64, df2: f64) -> f64 {
    if x.is_nan() || df1.is_nan() || df2.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x == f64::INFINITY {
        return 0.0;
    }
    match FisherSnedecor::new(df1, df2) {
        Ok(f) => f.sf(x),
        Err(_) => f64::NAN,
    }
}

/// Beta quantile (R `qbeta(p, a, b)`), used by Clopper–Pearson intervals.
pub fn qbeta(p: f64, a: f64, b: f64) -> f64 {
    match Beta::new(a, b) {
        Ok(d) => d.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// Gamma quantile with shape `shape` and rate 1 (R `qgamma(p, shape)`), used by exact
/// Poisson intervals.
pub fn qgamma(p: f64, shape: f64) -> f64 {
    match Gamma::new(shape, 1.0) {
        Ok(d) => d.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// Two-sided critical value of the normal for a confidence `level` (0.95 → 1.959964).
pub fn z_crit(level: f64) -> f64 {
    qnorm(1.0 - (1.0 - level) / 2.0)
}

/// Two-sided critical value of Student's t for a confidence `level`.
pub fn t_crit(level: f64, df: f64) -> f64 {
    qt(1.0 - (1.0 - level) / 2.0, df)
}

#[cfg(test)]
// Reference values are pasted as R prints them (17 significant digits).
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    // Reference values from R 4.2.2 (options(digits = 16)): qnorm(0.975), qt(0.975, 6), pchisq(3.84, 1, lower=FALSE),
    // qbeta(0.025, 5, 3), qgamma(0.975, 3), pt(2.5, 6, lower=FALSE).
    #[test]
    fn quantiles_match_r() {
        assert!((qnorm(0.975) - 1.959963984540054).abs() < 1e-12);
        assert!((qt(0.975, 6.0) - 2.44691185114496879).abs() < 1e-9);
        assert!((pchisq_upper(3.84, 1.0) - 0.05004352124870522).abs() < 1e-12);
        assert!((qbeta(0.025, 5.0, 3.0) - 0.29042086373734266).abs() < 1e-9);
        assert!((qgamma(0.975, 3.0) - 7.22468766772395821).abs() < 1e-9);
        assert!((pt_upper(2.5, 6.0) - 0.02326411614208363).abs() < 1e-12);
        // R: sprintf("%.17g", c(qchisq(0.025, 1), qchisq(0.975, 1))); statrs alone gives NaN for the first.
        assert!((qchisq(0.025, 1.0) / 0.00098206911717525617 - 1.0).abs() < 1e-9);
        assert!((qchisq(0.975, 1.0) / 5.0238861873148846 - 1.0).abs() < 1e-9);
        // R: sprintf("%.17g", c(qchisq(0.975, 99999), qchisq(0.025, 49999))); statrs alone gives
        // 100877.142 and 49381.10766779 (the Q-profile interval at k = 100,000 was 7e-6 off).
        assert!((qchisq(0.975, 99999.0) / 100877.4109230342 - 1.0).abs() < 1e-12);
        assert!((qchisq(0.025, 49999.0) / 49381.10764127798 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn tail_probabilities_of_nan_and_infinity_do_not_panic() {
        // statrs' incomplete beta panicked on the NaN F statistic of a Knapp-Hartung fit
        // with identical studies. R: pf(Inf, 1, 2, lower = FALSE) = 0, pf(NaN, ...) = NaN.
        assert!(pf_upper(f64::NAN, 1.0, 2.0).is_nan());
        assert_eq!(pf_upper(f64::INFINITY, 1.0, 2.0), 0.0);
        assert!(pchisq_upper(f64::NAN, 1.0).is_nan());
        assert_eq!(pchisq_upper(f64::INFINITY, 1.0), 0.0);
        assert!(pt_upper(f64::NAN, 2.0).is_nan());
        assert_eq!(pt_upper(f64::INFINITY, 2.0), 0.0);
        assert_eq!(p_two_sided_t(f64::INFINITY, 2.0), 0.0);
    }
}
