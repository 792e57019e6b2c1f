//! Slope changes and the Cochrane Handbook conversions against R 4.2.2.
//! Slopes: the ALS example 0.47 → 0.25 points/month (SE 0.06 and 0.05, independent);
//! standard errors from `car::deltaMethod` (car 3.x), interval limits from base-R arithmetic
//! of the documented formulas (printed with sprintf("%.17g", ...)).

// R's values are kept with all 17 printed digits, so they read the same as R's output.
#![allow(clippy::excessive_precision)]

use trialstats::effect::convert::{sd_from_sem, se_from_ci, se_from_p, se_from_t};
use trialstats::effect::{MeasureCode, Slope, SlopeChange, slope_change};
use trialstats::level::ConfidenceLevel;

use crate::common::assert_close;

/// Relative agreement asked of every number.
const REL: f64 = 1e-8;

fn als(se: bool) -> SlopeChange {
    SlopeChange {
        before: Slope {
            value: 0.47,
            se: se.then_some(0.06),
        },
        after: Slope {
            value: 0.25,
            se: se.then_some(0.05),
        },
    }
}

#[test]
fn als_example_point_estimates() {
    // brief: difference −0.22, ratio 0.532, slowing 46.8 %
    let rows = slope_change(&als(false), ConfidenceLevel::NINETY_FIVE).unwrap();
    assert_eq!(rows[0].measure, MeasureCode::SlopeDifference);
    assert_close("difference", rows[0].estimate, -0.21999999999999997, REL);
    assert_close("ratio", rows[1].estimate, 0.53191489361702127, REL);
    assert_close("slowing", rows[2].estimate, 46.808510638297868, REL);
    for row in &rows {
        assert!(row.variance.is_none() && row.ci_lower.is_none());
        assert!(
            row.notes
                .iter()
                .any(|n| n == "not estimable: no SD reported")
        );
    }
}

#[test]
fn als_example_delta_method_matches_car() {
    let rows = slope_change(&als(true), ConfidenceLevel::NINETY_FIVE).unwrap();
    // R: est <- c(a=0.25, b=0.47); V <- diag(c(0.05^2, 0.06^2)) (dimnames a, b)
    //    car::deltaMethod(est, "a-b", vcov.=V)$SE          = 0.078102496759066553
    //    car::deltaMethod(est, "a/b", vcov.=V)$SE          = 0.12620735047035445
    //    car::deltaMethod(est, "100*(b-a)/b", vcov.=V)$SE  = 12.620735047035447
    assert_close(
        "difference se",
        rows[0].se.unwrap(),
        0.078102496759066553,
        REL,
    );
    assert_close("ratio se", rows[1].se.unwrap(), 0.12620735047035445, REL);
    assert_close("slowing se", rows[2].se.unwrap(), 12.620735047035447, REL);
    // R: d <- -0.22; s <- 0.078102496759066553; d + c(-1, 1) * qnorm(0.975) * s
    assert_close(
        "difference lower",
        rows[0].ci_lower.unwrap(),
        -0.3730780807504267,
        REL,
    );
    assert_close(
        "difference upper",
        rows[0].ci_upper.unwrap(),
        -0.066921919249573275,
        REL,
    );
    // log scale: car::deltaMethod(est, "log(a/b)", vcov.=V)$SE = 0.23726981888426638
    // R: exp(log(0.25/0.47) + c(-1, 1) * qnorm(0.975) * 0.23726981888426638)
    assert_close(
        "ratio lower",
        rows[1].ci_lower.unwrap(),
        0.33410095323746014,
        REL,
    );
    assert_close(
        "ratio upper",
        rows[1].ci_upper.unwrap(),
        0.84685018498140563,
        REL,
    );
    // R: 100 * (1 - exp(log(0.25/0.47) + c(1, -1) * qnorm(0.975) * 0.23726981888426638))
    assert_close(
        "slowing lower",
        rows[2].ci_lower.unwrap(),
        15.314981501859437,
        REL,
    );
    assert_close(
        "slowing upper",
        rows[2].ci_upper.unwrap(),
        66.58990467625398,
        REL,
    );
}

#[test]
fn slope_se_from_sd_and_n() {
    // SE = SD/√n: R sprintf("%.17g", 0.3/sqrt(25)) = 0.059999999999999998
    let s = Slope::with_sd(0.47, 0.3, 25.0, "before").unwrap();
    assert_close("se from sd", s.se.unwrap(), 0.059999999999999998, REL);
    let err = Slope::with_sd(0.47, -0.3, 25.0, "before")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("sd-before:"), "{err}");
}

#[test]
fn conversions_match_the_cochrane_formulas_in_r() {
    // R: 0.4*sqrt(7)
    assert_close(
        "sd from sem",
        sd_from_sem(0.4, 7.0).unwrap(),
        1.0583005244258363,
        REL,
    );
    // R: (3.1 - 0.5)/(2*qnorm(0.975))
    assert_close(
        "se from ci",
        se_from_ci(0.5, 3.1, ConfidenceLevel::NINETY_FIVE, None, false).unwrap(),
        0.66327749400205027,
        REL,
    );
    // R: (3.1 - 0.5)/(2*qnorm(0.95))
    assert_close(
        "se from 90% ci",
        se_from_ci(0.5, 3.1, ConfidenceLevel::new(0.90).unwrap(), None, false).unwrap(),
        0.79034388148530021,
        REL,
    );
    // R: (3.1 - 0.5)/(2*qt(0.975, 11))
    assert_close(
        "se from ci, t",
        se_from_ci(0.5, 3.1, ConfidenceLevel::NINETY_FIVE, Some(12.0), false).unwrap(),
        0.59064460023250409,
        REL,
    );
    // R: (log(1.8) - log(0.9))/(2*qnorm(0.975))
    assert_close(
        "se of log ratio",
        se_from_ci(0.9, 1.8, ConfidenceLevel::NINETY_FIVE, None, true).unwrap(),
        0.17682650957553356,
        REL,
    );
    // R: 1.8/qnorm(1 - 0.03/2)
    assert_close(
        "se from p",
        se_from_p(1.8, 0.03, None).unwrap(),
        0.82945854172373557,
        REL,
    );
    // R: 1.8/qt(1 - 0.03/2, 19)
    assert_close(
        "se from p, t",
        se_from_p(-1.8, 0.03, Some(20.0)).unwrap(),
        0.76737871919998957,
        REL,
    );
    assert_close("se from t", se_from_t(1.8, -2.4).unwrap(), 0.75, REL);
}

#[test]
fn conversions_refuse_bad_input_naming_it() {
    assert!(
        sd_from_sem(-0.4, 7.0)
            .unwrap_err()
            .to_string()
            .starts_with("sem:")
    );
    assert!(
        sd_from_sem(0.4, 0.0)
            .unwrap_err()
            .to_string()
            .starts_with("n:")
    );
    assert!(
        se_from_ci(3.1, 0.5, ConfidenceLevel::NINETY_FIVE, None, false)
            .unwrap_err()
            .to_string()
            .starts_with("ci-upper:")
    );
    assert!(
        se_from_p(1.0, 1.5, None)
            .unwrap_err()
            .to_string()
            .starts_with("p:")
    );
    assert!(
        se_from_t(1.0, 0.0)
            .unwrap_err()
            .to_string()
            .starts_with("t:")
    );
}
