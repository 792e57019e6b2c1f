//! `trialstats convert ratio`: a log ratio and its SE from what a trial report prints, the
//! conversions `nma --ratio` applies to each row (`trialstats::nma::ratio`). Reference values
//! are the formulas written out in R 4.2.2 (the call beside each).

use crate::common::{assert_within, json_of, trialstats};
use predicates::prelude::*;
use predicates::str::contains;

fn ratio(args: &[&str]) -> serde_json::Value {
    json_of(
        trialstats()
            .args(["convert", "ratio", "--format", "json"])
            .args(args),
    )
}

/// Absolute agreement asked of every number.
const TOL: f64 = 1e-12;

#[test]
fn a_ratio_with_its_ci_gives_the_se_on_the_log_scale() {
    // SAkuraSky, HR 0.38 [0.16, 0.88] (Cochrane Handbook 6.3.2):
    // log(0.38); (log(0.88) - log(0.16)) / (2 * qnorm(0.975))
    let v = ratio(&[
        "--estimate",
        "0.38",
        "--ci-lower",
        "0.16",
        "--ci-upper",
        "0.88",
    ]);
    assert_within("R", "log_ratio", &v["log_ratio"], -0.96758402626170559, TOL);
    assert_within("R", "se", &v["se"], 0.43489270866333801, TOL);
    assert!(v["method"].as_str().unwrap().contains("95% CI"));
    // A 90% interval: (log(0.9) - log(0.2)) / (2 * qnorm(0.95))
    let v = ratio(&[
        "--estimate",
        "0.5",
        "--ci-lower",
        "0.2",
        "--ci-upper",
        "0.9",
        "--level",
        "0.90",
    ]);
    assert_within("R", "se", &v["se"], 0.45720706454710242, TOL);
}

#[test]
fn a_ratio_with_its_p_value() {
    // SAkuraStar's HR 0.45 with p = 0.018 (Handbook 6.3.1):
    // abs(log(0.45)) / qnorm(1 - 0.018/2)
    let v = ratio(&["--estimate", "0.45", "--p", "0.018"]);
    assert_within("R", "log_ratio", &v["log_ratio"], -0.79850769621777162, TOL);
    assert_within("R", "se", &v["se"], 0.33754716670024043, TOL);
}

#[test]
fn observed_minus_expected_with_its_variance() {
    // Parmar, Torri & Stewart 1998; Tierney et al. 2007 method 1: ln HR = (O - E)/V,
    // SE = 1/sqrt(V): -5.2/10.4; 1/sqrt(10.4)
    let v = ratio(&["--o-minus-e", "-5.2", "--variance", "10.4"]);
    assert_within("R", "log_ratio", &v["log_ratio"], -0.5, TOL);
    assert_within("R", "se", &v["se"], 0.3100868364730211, TOL);
    assert!(v["method"].as_str().unwrap().contains("Parmar"));
}

#[test]
fn events_with_a_log_rank_p() {
    // Tierney et al. 2007: V = D/4 with 1:1 allocation; 40 events, log-rank p = 0.03, the
    // printed HR (0.5) gives the direction: -qnorm(1 - 0.03/2)/sqrt(40/4); 1/sqrt(40/4)
    let v = ratio(&["--estimate", "0.5", "--p", "0.03", "--events", "40"]);
    assert_within("R", "log_ratio", &v["log_ratio"], -0.68624283215820170, TOL);
    assert_within("R", "se", &v["se"], 0.31622776601683794, TOL);
    assert!(v["method"].as_str().unwrap().contains("Tierney"));
}

#[test]
fn the_table_names_each_number_and_bad_input_names_the_option() {
    trialstats()
        .args([
            "convert",
            "ratio",
            "--estimate",
            "0.38",
            "--ci-lower",
            "0.16",
            "--ci-upper",
            "0.88",
        ])
        .assert()
        .success()
        .stdout(contains("log ratio").and(contains("-0.9675840262617056")));
    for (args, option) in [
        (vec!["--estimate", "0", "--p", "0.01"], "--estimate"),
        (
            vec![
                "--estimate",
                "0.5",
                "--ci-lower",
                "0.6",
                "--ci-upper",
                "0.9",
            ],
            "--ci-lower",
        ),
        (vec!["--o-minus-e", "-2", "--variance", "0"], "--variance"),
        (
            vec!["--estimate", "0.5", "--p", "0.03", "--events", "-4"],
            "--events",
        ),
        (vec!["--estimate", "0.5"], "--estimate"),
    ] {
        trialstats()
            .args(["convert", "ratio"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains(option));
    }
}
