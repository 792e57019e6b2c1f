//! Order statistics of n standard normals: the expected spreads that turn a reported range
//! or IQR into an SD (Wan et al. 2014's approximations ξ(n), eq. 9, and η(n), eq. 16, their
//! Tables 1 and 2 for small n, Walter & Yao 2007's exact expected range), and the expected
//! values and covariances of any ranks by David & Johnson's expansion, which the BLUE of
//! [`super::blue`] weighs the reported numbers with. Used by the normal-theory formulas
//! ([`super::median`]), by the starting values and transformed-scale estimates of the
//! skewed-data methods ([`super::skewed`]) and by [`super::blue`].

use crate::dist::{pnorm, qnorm};

/// Wan et al. (2014) eq. 9: ξ(n) = 2 Φ⁻¹((n − 0.375)/(n + 0.25)), the expected range of n
/// standard normals as Blom's approximation gives it.
///
/// ```
/// use trialstats_stats::convert::normal_order::wan_xi;
/// // Wan et al. (2014) eq. 9 at n = 20: 2 Φ⁻¹(19.625/20.25) = 3.7364… (R: 2*qnorm(19.625/20.25));
/// // the range 2–20 over it is the SD 18/3.7364… = 4.817363951054554 of convert::mean_sd's example.
/// assert!((18.0 / wan_xi(20.0) - 4.817363951054554).abs() < 1e-12);
/// ```
pub fn wan_xi(n: f64) -> f64 {
    2.0 * qnorm((n - 0.375) / (n + 0.25))
}

/// Wan et al. (2014) eq. 16: η(n) = 2 Φ⁻¹((0.75 n − 0.125)/(n + 0.25)), the expected IQR of
/// n standard normals.
pub fn wan_eta(n: f64) -> f64 {
    2.0 * qnorm((0.75 * n - 0.125) / (n + 0.25))
}

/// Wan et al. (2014) Table 1: ξ(n), the expected range of n standard normals, for n = 1 to
/// 50, to 3 decimals (the values R `meta` 8.4 holds as option `Wan2014.Table1`).
const WAN_TABLE1: [f64; 50] = [
    0.000, 1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847, 2.970, 3.078, 3.173, 3.259, 3.336,
    3.407, 3.472, 3.532, 3.588, 3.640, 3.689, 3.735, 3.778, 3.819, 3.858, 3.895, 3.931, 3.964,
    3.997, 4.027, 4.057, 4.086, 4.113, 4.139, 4.165, 4.189, 4.213, 4.236, 4.259, 4.280, 4.301,
    4.322, 4.341, 4.361, 4.379, 4.398, 4.415, 4.433, 4.450, 4.466, 4.482, 4.498,
];

/// Wan et al. (2014) Table 2: η(n), the expected IQR of n = 4Q + 1 standard normals, for
/// Q = 1 to 50 (n = 5 to 201), to 3 decimals (R `meta`'s `Wan2014.Table2`).
const WAN_TABLE2: [f64; 50] = [
    0.990, 1.144, 1.206, 1.239, 1.260, 1.274, 1.284, 1.292, 1.298, 1.303, 1.307, 1.311, 1.313,
    1.316, 1.318, 1.320, 1.322, 1.323, 1.324, 1.326, 1.327, 1.328, 1.329, 1.330, 1.330, 1.331,
    1.332, 1.332, 1.333, 1.333, 1.334, 1.334, 1.335, 1.335, 1.336, 1.336, 1.336, 1.337, 1.337,
    1.337, 1.338, 1.338, 1.338, 1.338, 1.339, 1.339, 1.339, 1.339, 1.339, 1.340,
];

pub(super) const WAN_TABLE1_LABEL: &str = "Wan et al. 2014 Table 1 (n ≤ 50)";
pub(super) const WAN_TABLE2_LABEL: &str = "Wan et al. 2014 Table 2 (n ≤ 201, at Q = ⌈(n − 1)/4⌉)";

/// ξ(n) from Wan et al.'s Table 1 for n ≤ 50, eq. 9 beyond (as R `meta`), with its source.
///
/// ```
/// use trialstats_stats::convert::normal_order::wan_xi_exact;
/// // The expected range of n standard normals is the d2 of quality-control tables (Tippett
/// // 1925; Wan et al. 2014, Table 1): 3.078 for n = 10 and 3.735 for n = 20.
/// assert_eq!(wan_xi_exact(10).0, 3.078);
/// assert_eq!(wan_xi_exact(20).0, 3.735);
/// ```
pub fn wan_xi_exact(n: u64) -> (f64, &'static str) {
    match n {
        2..=50 => (WAN_TABLE1[n as usize - 1], WAN_TABLE1_LABEL),
        _ => (wan_xi(n as f64), "Wan et al. 2014 eq. 9 (n > 50)"),
    }
}

/// η(n) from Wan et al.'s Table 2 at Q = ⌈(n − 1)/4⌉ for n ≤ 201 (R `meta`'s rule: an n
/// between two tabulated ones takes the next), eq. 16 beyond, with its source.
pub fn wan_eta_exact(n: u64) -> (f64, &'static str) {
    match n {
        2..=201 => (WAN_TABLE2[((n + 2) / 4) as usize - 1], WAN_TABLE2_LABEL),
        _ => (wan_eta(n as f64), "Wan et al. 2014 eq. 16 (n > 201)"),
    }
}

/// Walter & Yao (2007): the expected range of n independent standard normals,
/// E(R) = ∫ 1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ dx (Tippett 1925), by composite Simpson's rule on
/// [−40, 40] (the integrand is below 1e-300 outside for every n this tool takes up to
/// 1e9... and smooth, so 8000 panels give full double precision for the table values
/// d2(n) that control-chart tables print).
pub fn expected_normal_range(n: u64) -> f64 {
    let nf = n as f64;
    let f = |x: f64| {
        // 1 − Φⁿ − (1 − Φ)ⁿ, with the powers from logs so a large n does not lose digits.
        let ln_cdf = |x: f64| {
            if x > 0.0 {
                (-pnorm(-x)).ln_1p()
            } else {
                pnorm(x).ln()
            }
        };
        1.0 - (nf * ln_cdf(x)).exp() - (nf * ln_cdf(-x)).exp()
    };
    // The integrand lives where Φ(x)ⁿ moves between 0 and 1: |x| up to ~ √(2 ln n) + 10.
    let half = (2.0 * nf.ln()).sqrt() + 10.0;
    let panels = 8000usize;
    let h = 2.0 * half / panels as f64;
    let mut sum = f(-half) + f(half);
    for i in 1..panels {
        let x = -half + h * i as f64;
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(x);
    }
    sum * h / 3.0
}

/// Expected values and covariances of the standard-normal order statistics of the given
/// `ranks` (ascending, each in 1..=n) in a sample of `n`, by David & Johnson's (1954,
/// Biometrika 41:228) expansion to order 1/(n + 2)² (David & Nagaraja 2003, *Order
/// Statistics*, 3rd ed., §4.6), as Yang et al. (2022) and metaBLUE use it. With p = r/(n + 1),
/// q = 1 − p and Q = Φ⁻¹(p), the derivatives of Φ⁻¹ are Q′ = 1/φ, Q″ = Q/φ², Q‴ = (1 + 2Q²)/φ³
/// and Q⁗ = Q(7 + 6Q²)/φ⁴ (φ = φ(Q)). Returns the expected values and the covariance matrix
/// (row-major). p is r/(n + 1) and q is 1 − p in floating point, as R computes them, so that
/// the answers agree with R's to rounding also at n = 10⁹.
pub fn order_statistic_moments(ranks: &[u64], n: u64) -> (Vec<f64>, Vec<f64>) {
    let big = n as f64 + 2.0;
    /// p, q, Φ⁻¹(p) and its first four derivatives at one rank.
    struct Rank {
        p: f64,
        q: f64,
        x: f64,
        d: [f64; 4],
    }
    let at: Vec<Rank> = ranks
        .iter()
        .map(|&r| {
            let p = r as f64 / (n as f64 + 1.0);
            let x = qnorm(p);
            let phi = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
            Rank {
                p,
                q: 1.0 - p,
                x,
                d: [
                    1.0 / phi,
                    x / (phi * phi),
                    (1.0 + 2.0 * x * x) / phi.powi(3),
                    x * (7.0 + 6.0 * x * x) / phi.powi(4),
                ],
            }
        })
        .collect();
    let expected = at
        .iter()
        .map(|a| {
            let pq = a.p * a.q;
            a.x + pq * a.d[1] / (2.0 * big)
                + pq / (big * big) * ((a.q - a.p) * a.d[2] / 3.0 + pq * a.d[3] / 8.0)
        })
        .collect();
    let k = at.len();
    let mut cov = vec![0.0; k * k];
    for i in 0..k {
        for j in i..k {
            let (r, s) = (&at[i], &at[j]);
            let c = if i == j {
                let pq = r.p * r.q;
                pq * r.d[0] * r.d[0] / big
                    + pq / (big * big)
                        * (2.0 * (r.q - r.p) * r.d[0] * r.d[1]
                            + pq * (r.d[0] * r.d[2] + r.d[1] * r.d[1] / 2.0))
            } else {
                let prqs = r.p * s.q;
                prqs * r.d[0] * s.d[0] / big
                    + prqs / (big * big)
                        * ((r.q - r.p) * r.d[1] * s.d[0]
                            + (s.q - s.p) * r.d[0] * s.d[1]
                            + r.p * r.q * r.d[2] * s.d[0] / 2.0
                            + s.p * s.q * r.d[0] * s.d[2] / 2.0
                            + prqs * r.d[1] * s.d[1] / 2.0)
            };
            cov[i * k + j] = c;
            cov[j * k + i] = c;
        }
    }
    (expected, cov)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// d2(n), the expected range of n standard normals, as control-chart tables print it
    /// (ASTM STP 15D / Montgomery, Introduction to Statistical Quality Control, Appendix
    /// Table VI): d2(2) = 2/√π = 1.128, d2(5) = 2.326, d2(10) = 3.078, d2(25) = 3.931.
    #[test]
    fn expected_normal_range_matches_the_d2_table() {
        assert!(
            approx::relative_eq!(
                expected_normal_range(2),
                2.0 / std::f64::consts::PI.sqrt(),
                epsilon = 1e-12,
                max_relative = 1e-12
            ),
            "{}: got {}, reference {}",
            "d2(2)",
            expected_normal_range(2),
            2.0 / std::f64::consts::PI.sqrt()
        );
        for (n, d2) in [(5, 2.326), (10, 3.078), (25, 3.931)] {
            assert!((expected_normal_range(n) - d2).abs() < 5e-4, "d2({n})");
        }
        // R: f <- function(n) integrate(function(x) 1 - pnorm(x)^n - pnorm(-x)^n, -Inf, Inf,
        //   rel.tol=1e-12)$value; f(10) = 3.07750546167035; and for n = 1e6, with the powers
        //   from logs: integrate(function(x) 1 - exp(1e6*pnorm(x, log.p=TRUE)) -
        //   exp(1e6*pnorm(-x, log.p=TRUE)), -20, 20, rel.tol=1e-12, subdivisions=1000)
        //   = 9.72579497239293
        assert!(
            approx::relative_eq!(
                expected_normal_range(10),
                3.07750546167035,
                epsilon = 1e-12,
                max_relative = 1e-12
            ),
            "{}: got {}, reference {}",
            "d2(10)",
            expected_normal_range(10),
            3.07750546167035
        );
        assert!(
            approx::relative_eq!(
                expected_normal_range(1_000_000),
                9.72579497239293,
                epsilon = 1e-10,
                max_relative = 1e-10
            ),
            "{}: got {}, reference {}",
            "d2(1e6)",
            expected_normal_range(1_000_000),
            9.72579497239293
        );
    }
}
