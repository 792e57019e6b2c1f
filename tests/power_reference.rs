//! The power closed forms against independent references: longpower's published test values
//! and Diggle et al.'s table (slopes); R's base-matrix transcription of longpower's
//! `edland.linear.solution.power` for dropout patterns (benches/power_reference.R); statsmodels'
//! `power_negbin_ratio_2indep` for rates (benches/power_rate_reference.py).

use crate::common::assert_close;
use trialstats::level::ConfidenceLevel;
use trialstats::power::rate::rate_power;
use trialstats::power::slope::{slope_power, slope_variance};
use trialstats::power::{
    Allocation, Goal, RateDesign, SampleSize, Sides, SlopeDesign, Test, VarianceMethod,
    dropout_pattern,
};

fn design(delta: f64, visits: Vec<f64>, sd: [f64; 3], corr: f64, dropout: f64) -> SlopeDesign {
    SlopeDesign {
        delta,
        sd_intercept: sd[0],
        sd_slope: sd[1],
        sd_residual: sd[2],
        corr_intercept_slope: corr,
        visits,
        dropout,
        retention: None,
        retention_b: None,
    }
}

fn adas_visits() -> Vec<f64> {
    (0..7).map(|j| j as f64 * 0.25).collect()
}

#[test]
fn longpower_published_adas_cog_example() {
    // longpower tests/testthat/tests.R, "lmmpower (edland)": lmmpower(delta=1.5,
    // t=seq(0,1.5,0.25), sig2.i=55, sig2.s=24, sig2.e=10, cov.s.i=0.8*sqrt(55)*sqrt(24),
    // power=0.80, method='edland')$n[1] = 207.310093300903 (also the vignette's Liu & Liang
    // value; edland.linear.solution.power's own example gives the same n).
    let d = design(
        1.5,
        adas_visits(),
        [55f64.sqrt(), 24f64.sqrt(), 10f64.sqrt()],
        0.8,
        0.0,
    );
    let r = slope_power(
        &d,
        Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided),
        Allocation::EQUAL,
        Goal::Power(0.8),
    )
    .unwrap();
    assert_close(
        "n per arm",
        r.solution.n_per_arm_exact().unwrap(),
        207.310093300903,
        1e-12,
    );
    assert_eq!(r.solution.n_a, 208);
    // longpower: lmmpower(n=208, ...)$delta = 1.49751028943272, i.e. power 0.8 at n = 208.
    let d = SlopeDesign {
        delta: 1.49751028943272,
        ..d
    };
    let r = slope_power(
        &d,
        Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided),
        Allocation::EQUAL,
        Goal::N(SampleSize::PerArm(208.0)),
    )
    .unwrap();
    assert!(
        (r.solution.power - 0.8).abs() < 1e-12,
        "{}",
        r.solution.power
    );
}

#[test]
fn diggle_et_al_exchangeable_table() {
    // Diggle, Heagerty, Liang & Zeger (2002), Analysis of Longitudinal Data, 2nd ed., p. 29:
    // n per group for a difference in slopes d = 0.5, t = (0, 2, 5), one-sided α = 0.05,
    // power 0.8, exchangeable correlation ρ, variance σ² (reproduced by longpower's tests,
    // "Reproduce table of n per group for exchangeable correlation on page 29"). Exchangeable
    // correlation is a random intercept only: var intercept ρσ², residual (1 − ρ)σ², no
    // random slope.
    let table = [
        (0.2, [313, 625, 938]),
        (0.5, [196, 391, 586]),
        (0.8, [79, 157, 235]),
    ];
    let z = Sides::OneSided.z_crit(ConfidenceLevel::NINETY_FIVE);
    for (rho, row) in table {
        for (sigma2, want) in [100.0, 200.0, 300.0].into_iter().zip(row) {
            let v = slope_variance(
                &[0.0, 2.0, 5.0],
                &dropout_pattern(3, 0.0),
                [rho * sigma2, 0.0, 0.0],
                (1.0 - rho) * sigma2,
            )
            .unwrap();
            // the two-sample z formula, n = (z_crit + z_power)² 2v / δ²
            let n = (z + trialstats::dist::qnorm(0.8)).powi(2) * 2.0 * v / 0.25;
            assert_eq!(n.ceil() as i64, want, "rho {rho}, sigma2 {sigma2}: {n}");
        }
    }
}

#[test]
fn dropout_patterns_as_longpower_computes_them() {
    // benches/power_reference.R, edland_term (longpower's getTerm with V_k solved directly),
    // p = c(rep(P/(K), K), 1 - P).
    let level = ConfidenceLevel::NINETY_FIVE;
    // Case 3: ADAS-Cog example with dropout 0.3: term 34.472386691078221, n 240.50632648377689.
    let d = design(
        1.5,
        adas_visits(),
        [55f64.sqrt(), 24f64.sqrt(), 10f64.sqrt()],
        0.8,
        0.3,
    );
    assert_close(
        "slope variance",
        d.slope_variance().unwrap(),
        34.472386691078221,
        1e-12,
    );
    let r = slope_power(
        &d,
        Test::normal(level, Sides::TwoSided),
        Allocation::EQUAL,
        Goal::Power(0.8),
    )
    .unwrap();
    assert_close(
        "n per arm",
        r.solution.n_per_arm_exact().unwrap(),
        240.50632648377689,
        1e-12,
    );
    // Case 4: monthly visits 0..12, δ 0.22, SDs intercept 6, slope 0.3, residual 1.5,
    // dropout 0.2: term 0.11377804925745585, n 36.902075414488316, power at n = 100
    // 0.99599823336162707.
    let d = design(
        0.22,
        (0..=12).map(f64::from).collect(),
        [6.0, 0.3, 1.5],
        0.0,
        0.2,
    );
    assert_close(
        "slope variance",
        d.slope_variance().unwrap(),
        0.11377804925745585,
        1e-12,
    );
    let r = slope_power(
        &d,
        Test::normal(level, Sides::TwoSided),
        Allocation::EQUAL,
        Goal::Power(0.8),
    )
    .unwrap();
    assert_close(
        "n per arm",
        r.solution.n_per_arm_exact().unwrap(),
        36.902075414488316,
        1e-12,
    );
    assert_eq!(r.solution.n_a, 37);
    let r = slope_power(
        &d,
        Test::normal(level, Sides::TwoSided),
        Allocation::EQUAL,
        Goal::N(SampleSize::PerArm(100.0)),
    )
    .unwrap();
    assert_close("power", r.solution.power, 0.99599823336162707, 1e-12);
    // Case 5: the same with correlation −0.4, α = 0.01, power 0.9: term 0.11296121832318991,
    // n 69.454285228956778.
    let d = SlopeDesign {
        corr_intercept_slope: -0.4,
        ..d
    };
    assert_close(
        "slope variance",
        d.slope_variance().unwrap(),
        0.11296121832318991,
        1e-12,
    );
    let r = slope_power(
        &d,
        Test::normal(ConfidenceLevel::from_alpha(0.01).unwrap(), Sides::TwoSided),
        Allocation::EQUAL,
        Goal::Power(0.9),
    )
    .unwrap();
    assert_close(
        "n per arm",
        r.solution.n_per_arm_exact().unwrap(),
        69.454285228956778,
        1e-12,
    );
    // Case 6: irregular visits 0,1,3,6,12, δ 0.5, SDs 4, 0.4, 2, dropout 0.25: term
    // 0.25348868273621444, n 15.916817478520947.
    let d = design(
        0.5,
        vec![0.0, 1.0, 3.0, 6.0, 12.0],
        [4.0, 0.4, 2.0],
        0.0,
        0.25,
    );
    assert_close(
        "slope variance",
        d.slope_variance().unwrap(),
        0.25348868273621444,
        1e-12,
    );
    let r = slope_power(
        &d,
        Test::normal(level, Sides::TwoSided),
        Allocation::EQUAL,
        Goal::Power(0.8),
    )
    .unwrap();
    assert_close(
        "n per arm",
        r.solution.n_per_arm_exact().unwrap(),
        15.916817478520947,
        1e-12,
    );
}

#[test]
fn rate_methods_against_statsmodels() {
    // benches/power_rate_reference.py: statsmodels 0.15 power_negbin_ratio_2indep, n solved by
    // brentq at the target power (method_var "alt" = true-rates, "ftotal" = pooled); the
    // control-rate n written out from MKpower's approach 1.
    // (rate_control, ratio, years, k, alpha, power, [control-rate, true-rates, pooled])
    let cases = [
        (
            0.8,
            0.85,
            0.75,
            0.4,
            0.05,
            0.8,
            [1254.2286484892757, 1315.6898675556608, 1310.73010648321],
        ),
        (
            1.4,
            1.15,
            0.75,
            1.5,
            0.05,
            0.8,
            [1955.7612885898632, 1920.9082478985508, 1918.4716146132262],
        ),
        (
            5.9 / 3.0,
            0.4,
            3.0,
            1.0 / 0.49,
            0.05,
            0.9,
            [56.57114859399773, 58.50562046188816, 57.67919592104965],
        ),
        (
            2.9,
            0.5,
            1.0,
            0.0,
            0.05,
            0.8,
            [12.839172140648177, 16.89973946350117, 15.57446621847758],
        ),
        (
            2.9,
            0.7,
            2.0,
            0.8,
            0.05,
            0.8,
            [121.35018733020377, 124.54846729496003, 123.98536720860638],
        ),
    ];
    for (r0, rr, t, k, alpha, power, want) in cases {
        let d = RateDesign {
            rate_control: r0,
            rate_ratio: rr,
            years: t,
            dispersion: k,
            dispersion_treatment: None,
            accrual: None,
            margin: None,
        };
        for (method, n) in VarianceMethod::ALL.into_iter().zip(want) {
            let r = rate_power(
                &d,
                method,
                Test::normal(ConfidenceLevel::from_alpha(alpha).unwrap(), Sides::TwoSided),
                Allocation::EQUAL,
                Goal::Power(power),
            )
            .unwrap();
            // brentq's tolerance bounds the agreement at about 1e-10.
            assert_close(
                &format!("n per arm, {method:?}"),
                r.solution.n_per_arm_exact().unwrap(),
                n,
                1e-9,
            );
        }
    }
    // statsmodels: power at n = 100 (true-rates 0.708973408788775, pooled 0.7111435229683722)
    // for the last case.
    let d = RateDesign {
        rate_control: 2.9,
        rate_ratio: 0.7,
        years: 2.0,
        dispersion: 0.8,
        dispersion_treatment: None,
        accrual: None,
        margin: None,
    };
    for (method, want) in [
        (VarianceMethod::TrueRates, 0.708973408788775),
        (VarianceMethod::Pooled, 0.7111435229683722),
    ] {
        let r = rate_power(
            &d,
            method,
            Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided),
            Allocation::EQUAL,
            Goal::N(SampleSize::PerArm(100.0)),
        )
        .unwrap();
        assert_close(
            &format!("power at n = 100, {method:?}"),
            r.solution.power,
            want,
            1e-12,
        );
    }
}

#[test]
fn longpower_edland_with_retention_per_arm_and_two_to_one_allocation() {
    // longpower (GitHub mcdonohue/longpower, built into a private library; R 4.2.2,
    // options(digits = 15)): edland.linear.power(t = seq(0, 1.5, 0.25), sig2.int = 55,
    // sig2.s = 24, sig.b0b1 = 0.8 * sqrt(55 * 24), sig2.e = 10,
    // p = c(0, 0.125, 0.125, 0, 0, 0, 0.75), p_2 = c(0, 0, 0, 0.25, 0, 0, 0.75), lambda = 2,
    // ...): with delta = 1.5, power = 0.8: n = 347.751666118515, 173.875833059258 (N =
    // 521.627499177773); with n = 200 (n_2 = 100), delta = 1.5: power = 0.565398329811974;
    // with n = 200, power = 0.8: delta = 1.97792978738713.
    // Retention r_k with p_k = r_k − r_{k+1}: arm a 1,1,0.875,0.75,...; arm b 1,1,1,1,0.75,...
    let d = SlopeDesign {
        retention: Some(vec![1.0, 1.0, 0.875, 0.75, 0.75, 0.75, 0.75]),
        retention_b: Some(vec![1.0, 1.0, 1.0, 1.0, 0.75, 0.75, 0.75]),
        ..design(
            1.5,
            adas_visits(),
            [55f64.sqrt(), 24f64.sqrt(), 10f64.sqrt()],
            0.8,
            0.0,
        )
    };
    let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
    let two_to_one = Allocation { a: 2.0, b: 1.0 };
    let r = slope_power(&d, test, two_to_one, Goal::Power(0.8)).unwrap();
    assert_close(
        "total n",
        r.solution.n_total_exact.unwrap(),
        521.627499177773,
        1e-12,
    );
    assert_eq!((r.solution.n_a, r.solution.n_b), (348, 174));
    let r = slope_power(&d, test, two_to_one, Goal::N(SampleSize::Total(300.0))).unwrap();
    assert_eq!((r.solution.n_a, r.solution.n_b), (200, 100));
    assert_close(
        "power at N = 300",
        r.solution.power,
        0.565398329811974,
        1e-12,
    );
    let r = slope_power(
        &d,
        test,
        two_to_one,
        Goal::Delta {
            power: 0.8,
            n: SampleSize::Total(300.0),
        },
    )
    .unwrap();
    assert_close("delta at N = 300", r.design.delta, 1.97792978738713, 1e-10);
}

#[test]
fn rates_with_staggered_follow_up_match_the_information_integrated_in_r() {
    // Staggered follow-up: t uniform on [T, T + A]; each arm's variance term is
    // 1/E[λt/(1 + kλt)], here checked against R 4.2.2 integrating that expectation
    // numerically (not our closed form), pooled null variance (method 3), α = 0.05:
    //   info <- function(l, k, T, A) integrate(function(t) l*t/(1+k*l*t), T, T+A,
    //     rel.tol = 1e-12)$value / A
    //   n <- function(l0, rr, k, T, A, f = 0.5, pw = 0.8) { l1 <- l0*rr; lb <- f*l1 + (1-f)*l0
    //     v1 <- 1/info(l1,k,T,A)/f + 1/info(l0,k,T,A)/(1-f)
    //     v0 <- 1/info(lb,k,T,A)/f + 1/info(lb,k,T,A)/(1-f)
    //     (qnorm(0.975)*sqrt(v0) + qnorm(pw)*sqrt(v1))^2 / log(rr)^2 }
    // n(0.8, 0.6, 0.5, 1, 2)/2 = 79.6126805709736 per arm; n(0.8, 0.6, 0, 1, 2)/2 =
    // 47.928946202315; n(0.8, 0.6, 1e-7, 1, 2)/2 = 47.928952720842; n(2.9, 0.45, 0.5, 1, 2,
    // f = 2/3) = 43.1411080610562 in all (2:1).
    let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
    let design =
        |rate_control: f64, rate_ratio: f64, dispersion: f64, accrual: Option<f64>| RateDesign {
            rate_control,
            rate_ratio,
            years: 1.0,
            dispersion,
            dispersion_treatment: None,
            accrual,
            margin: None,
        };
    let total = |d: &RateDesign, allocation: Allocation| {
        rate_power(
            d,
            VarianceMethod::Pooled,
            test,
            allocation,
            Goal::Power(0.8),
        )
        .unwrap()
        .solution
        .n_total_exact
        .unwrap()
    };
    for (k, per_arm) in [
        (0.5, 79.6126805709736),
        (0.0, 47.928946202315),
        (1e-7, 47.928952720842),
    ] {
        let got = total(&design(0.8, 0.6, k, Some(2.0)), Allocation::EQUAL) / 2.0;
        assert_close(&format!("n per arm, dispersion {k}"), got, per_arm, 1e-8);
    }
    let two_to_one = Allocation { a: 2.0, b: 1.0 };
    assert_close(
        "total n, 2:1",
        total(&design(2.9, 0.45, 0.5, Some(2.0)), two_to_one),
        43.1411080610562,
        1e-8,
    );
    // No accrual is fixed follow-up; with Poisson counts only the mean follow-up matters
    // (T + A/2 = 2 years).
    let fixed = total(&design(0.8, 0.6, 0.5, None), Allocation::EQUAL);
    assert_close(
        "total n, no accrual against fixed follow-up",
        total(&design(0.8, 0.6, 0.5, Some(0.0)), Allocation::EQUAL),
        fixed,
        1e-12,
    );
    let mut two_years = design(0.8, 0.6, 0.0, None);
    two_years.years = 2.0;
    assert_close(
        "n per arm, two years of follow-up",
        total(&two_years, Allocation::EQUAL) / 2.0,
        47.928946202315,
        1e-9,
    );
}

/// A rate design at fixed follow-up with a non-inferiority margin.
fn margin_design(
    rate_control: f64,
    rate_ratio: f64,
    margin: f64,
    years: f64,
    dispersions: (f64, f64),
) -> RateDesign {
    RateDesign {
        rate_control,
        rate_ratio,
        years,
        dispersion: dispersions.0,
        dispersion_treatment: (dispersions.1 != dispersions.0).then_some(dispersions.1),
        accrual: None,
        margin: Some(margin),
    }
}

#[test]
fn non_inferiority_margins_match_zhu_2017_written_out_in_r() {
    // Zhu H (2017), Stat Biopharm Res 9:107, written out in R 4.2.2 (options(digits = 15));
    // arm a treatment (rate l1 = l0 rr, dispersion k1), arm b control (l0, k0), a fraction f
    // on treatment, th = f/(1 - f); total N:
    //   zhu <- function(l0, rr, M, t, k0, k1 = k0, f = 0.5, alpha = 0.025, pw = 0.8, method) {
    //     l1 <- l0 * rr; th <- f / (1 - f)
    //     v <- function(l, k) 1 / (l * t) + k
    //     s2 <- function(la, lb) v(la, k1) / f + v(lb, k0) / (1 - f)
    //     V1 <- s2(l1, l0)
    //     x <- switch(method, control = l0, true = NA,
    //       fmt = (l0 + th * l1) / (1 + th * M),        # fixed marginal total
    //       rmle = { # Zhu's quadratic: (l0 - x)(1 + k1 M t x) + th (l1 - M x)(1 + k0 t x) = 0
    //         a <- -M * t * (k1 + th * k0); b <- t * (l0 * k1 * M + th * l1 * k0) - (1 + th * M)
    //         c <- l0 + th * l1
    //         if (a == 0) -c / b else (-b - sqrt(b^2 - 4 * a * c)) / (2 * a) })
    //     V0 <- if (method == "true") V1 else s2(M * x, x)
    //     (qnorm(1 - alpha) * sqrt(V0) + qnorm(pw) * sqrt(V1))^2 / (log(rr) - log(M))^2 }
    // (With k0 = k1 the quadratic is PASS's chapter 458 form: a = -k t M (1 + th).)
    // Rust solves the restricted likelihood's score by Brent's method, not the quadratic.
    //   zhu(2.9, 1, 1.25, 1, 0.8, method = m): control 706.591388124294, true
    //     721.836885627279, fmt 723.7376691735, rmle 722.406053717536
    //   zhu(0.8, 0.9, 1.2, 2, 0, f = 2/3, pw = 0.9, method = m): control 350.127172020468,
    //     true 370.303161196082, fmt = rmle 393.771327947904 (Poisson: the same)
    //   zhu(1.5, 1.05, 0.8, 1.5, 0.8, 0.4, f = 2/3, method = m) (higher rates better, a
    //     dispersion per arm): control 542.023295937938, true 527.333485214515, fmt
    //     516.091282107546, rmle 512.078781500491
    let one_sided = Test::normal(ConfidenceLevel::from_alpha(0.025).unwrap(), Sides::OneSided);
    let two_to_one = Allocation { a: 2.0, b: 1.0 };
    let cases = [
        (
            margin_design(2.9, 1.0, 1.25, 1.0, (0.8, 0.8)),
            Allocation::EQUAL,
            0.8,
            [
                706.591388124294,
                721.836885627279,
                723.7376691735,
                722.406053717536,
            ],
        ),
        (
            margin_design(0.8, 0.9, 1.2, 2.0, (0.0, 0.0)),
            two_to_one,
            0.9,
            [
                350.127172020468,
                370.303161196082,
                393.771327947904,
                393.771327947904,
            ],
        ),
        (
            margin_design(1.5, 1.05, 0.8, 1.5, (0.8, 0.4)),
            two_to_one,
            0.8,
            [
                542.023295937938,
                527.333485214515,
                516.091282107546,
                512.078781500491,
            ],
        ),
    ];
    for (d, allocation, power, want) in cases {
        for (method, n) in VarianceMethod::ALL.into_iter().zip(want) {
            let r = rate_power(&d, method, one_sided, allocation, Goal::Power(power)).unwrap();
            assert_close(
                &format!("total n, {method:?}"),
                r.solution.n_total_exact.unwrap(),
                n,
                1e-10,
            );
        }
    }
    // A two-sided α = 0.05 is the one-sided test at 0.025 (the CI's bound beyond M).
    let two_sided = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
    let r = rate_power(
        &relapse_non_inferiority(),
        VarianceMethod::RestrictedMl,
        two_sided,
        Allocation::EQUAL,
        Goal::Power(0.8),
    )
    .unwrap();
    assert_close(
        "total n, two-sided",
        r.solution.n_total_exact.unwrap(),
        722.406053717536,
        1e-10,
    );
    assert_eq!(r.solution.n_per_arm(), Some(362));
    assert_eq!(r.design.margin, Some(1.25));
}

/// Relapses at 2.9 a year, no true difference, margin 1.25, one year, k = 0.8.
fn relapse_non_inferiority() -> RateDesign {
    margin_design(2.9, 1.0, 1.25, 1.0, (0.8, 0.8))
}

#[test]
fn non_inferiority_power_and_detectable_ratio_match_r() {
    // R 4.2.2, restricted ML (Zhu 2017's quadratic, as in the test above), one-sided 0.025:
    //   zpow <- function(l0, rr, M, t, k0, k1 = k0, f = 0.5, alpha = 0.025, N) {
    //     l1 <- l0 * rr; th <- f / (1 - f)
    //     v <- function(l, k) 1 / (l * t) + k
    //     s2 <- function(la, lb) v(la, k1) / f + v(lb, k0) / (1 - f)
    //     a <- -M * t * (k1 + th * k0); b <- t * (l0 * k1 * M + th * l1 * k0) - (1 + th * M)
    //     c <- l0 + th * l1; x <- (-b - sqrt(b^2 - 4 * a * c)) / (2 * a)
    //     pnorm((abs(log(rr) - log(M)) * sqrt(N) - qnorm(1 - alpha) * sqrt(s2(M * x, x))) /
    //       sqrt(s2(l1, l0))) }
    //   zpow(2.9, 1, 1.25, 1, 0.8, N = 600) = 0.723463385882077
    //   zpow(1.5, 1.05, 0.8, 1.5, 0.8, 0.4, f = 2/3, N = 600) = 0.857519719219045
    //   uniroot(function(r) zpow(2.9, r, 1.25, 1, 0.8, N = 600) - 0.8, c(0.5, 1.2),
    //     tol = 1e-14)$root = 0.978148795680685 (the largest true ratio shown NI)
    let one_sided = Test::normal(ConfidenceLevel::from_alpha(0.025).unwrap(), Sides::OneSided);
    let at = |d: &RateDesign, allocation: Allocation, goal: Goal| {
        rate_power(d, VarianceMethod::RestrictedMl, one_sided, allocation, goal).unwrap()
    };
    let r = at(
        &relapse_non_inferiority(),
        Allocation::EQUAL,
        Goal::N(SampleSize::Total(600.0)),
    );
    assert_close("power", r.solution.power, 0.723463385882077, 1e-12);
    let r = at(
        &margin_design(1.5, 1.05, 0.8, 1.5, (0.8, 0.4)),
        Allocation { a: 2.0, b: 1.0 },
        Goal::N(SampleSize::Total(600.0)),
    );
    assert_close("power, 2:1", r.solution.power, 0.857519719219045, 1e-12);
    let r = at(
        &relapse_non_inferiority(),
        Allocation::EQUAL,
        Goal::Delta {
            power: 0.8,
            n: SampleSize::Total(600.0),
        },
    );
    assert_close(
        "largest rate ratio shown non-inferior",
        r.design.rate_ratio,
        0.978148795680685,
        1e-10,
    );
}

#[test]
fn non_inferiority_with_staggered_follow_up_matches_the_score_solved_in_r() {
    // Staggered follow-up (t uniform on [T, T + A]) with the restricted ML null: R 4.2.2
    // integrating each arm's information and solving the restricted score by uniroot:
    //   info <- function(l, k, T, A) integrate(function(t) l*t/(1+k*l*t), T, T+A,
    //     rel.tol = 1e-13)$value / A
    //   stag <- function(l0, rr, M, k0, k1, T, A, f = 0.5, alpha = 0.025, pw = 0.8) {
    //     l1 <- l0 * rr
    //     score <- function(x) (1-f)*(l0 - x)*info(x, k0, T, A)/x +
    //       f*(l1 - M*x)*info(M*x, k1, T, A)/(M*x)
    //     x <- uniroot(score, sort(c(l0, l1/M)), tol = 1e-15)$root
    //     s2 <- function(la, lb) 1/info(la, k1, T, A)/f + 1/info(lb, k0, T, A)/(1-f)
    //     (qnorm(1 - alpha) * sqrt(s2(M*x, x)) + qnorm(pw) * sqrt(s2(l1, l0)))^2 /
    //       (log(rr) - log(M))^2 }
    //   stag(2.9, 1, 1.25, 0.8, 0.8, 1, 2) = 621.72955417976107 (x = 2.60400828922134)
    //   stag(2.9, 0.9, 1.25, 0.8, 0.5, 1, 2, f = 2/3) = 297.98293678804225
    let one_sided = Test::normal(ConfidenceLevel::from_alpha(0.025).unwrap(), Sides::OneSided);
    for (d, allocation, want) in [
        (
            RateDesign {
                accrual: Some(2.0),
                ..relapse_non_inferiority()
            },
            Allocation::EQUAL,
            621.72955417976107,
        ),
        (
            RateDesign {
                accrual: Some(2.0),
                ..margin_design(2.9, 0.9, 1.25, 1.0, (0.8, 0.5))
            },
            Allocation { a: 2.0, b: 1.0 },
            297.98293678804225,
        ),
    ] {
        let r = rate_power(
            &d,
            VarianceMethod::RestrictedMl,
            one_sided,
            allocation,
            Goal::Power(0.8),
        )
        .unwrap();
        assert_close("total n", r.solution.n_total_exact.unwrap(), want, 1e-9);
    }
    assert_close(
        "restricted control rate",
        RateDesign {
            accrual: Some(2.0),
            ..relapse_non_inferiority()
        }
        .restricted_control_rate(2.9, 0.5)
        .unwrap(),
        2.60400828922134,
        1e-10,
    );
}

#[test]
fn non_inferiority_matches_gsdesignnb_vignette_example() {
    // gsDesignNB (GitHub keaven/nbDesign), articles/non-inferiority-example.md:
    // sample_size_nbinom(lambda1 = 0.1, lambda2 = 0.09, rr0 = 1.1, dispersion = 0.5,
    // power = 0.9, alpha = 0.025, trial_duration = 2, accrual_duration = 1, ...) prints
    // "n1 = 3943, n2 = 3943". Its formula is Zhu & Lakkis's with the variance at the true
    // rates (our method 2), the mean exposure 1.5 and the dispersion inflated by
    // E[t²]/E[t]² = (7/3)/1.5² for follow-up uniform on [1, 2]; in R 4.2.2:
    //   k <- 0.5 * (7/3) / 1.5^2; mu1 <- 0.1 * 1.5; mu2 <- 0.09 * 1.5
    //   (qnorm(0.975) + qnorm(0.9))^2 * ((1/mu1 + k) + (1/mu2 + k)) / log(0.1 * 1.1 / 0.09)^2
    //   = 3942.98119634698
    let d = margin_design(
        0.1,
        0.9,
        1.1,
        1.5,
        (0.5 * (7.0 / 3.0) / 2.25, 0.5 * (7.0 / 3.0) / 2.25),
    );
    let r = rate_power(
        &d,
        VarianceMethod::TrueRates,
        Test::normal(ConfidenceLevel::from_alpha(0.025).unwrap(), Sides::OneSided),
        Allocation::EQUAL,
        Goal::Power(0.9),
    )
    .unwrap();
    assert_close(
        "n per arm",
        r.solution.n_per_arm_exact().unwrap(),
        3942.98119634698,
        1e-11,
    );
    assert_eq!(r.solution.n_per_arm(), Some(3943));
}
