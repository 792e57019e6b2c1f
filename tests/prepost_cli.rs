//! `trialstats prepost`: paired test from summaries at an assumed r.

use crate::common::trialstats;
use predicates::str::contains;

/// Reference: R 4.2.2, t.test(X[,2], X[,1], paired = TRUE) on
/// X <- MASS::mvrnorm(7, c(5.1, 4.1), matrix(c(1.7^2, .9*1.7*1.6, .9*1.7*1.6, 1.6^2), 2), empirical = TRUE)
/// gives t = -3.5546278372527071, p = 0.012004758855762014, CI [-1.6883735690980615, -0.31162643090193864].
#[test]
fn json_at_a_chosen_r_matches_r() {
    let out = trialstats()
        .args([
            "prepost", "--n", "7", "--before", "5.1,1.7", "--after", "4.1,1.6", "--r", "0.9",
            "--format", "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v["at_assumed_r"];
    let close = |k: &str, x: f64| {
        let got = a[k].as_f64().unwrap();
        assert!(((got - x) / x).abs() < 1e-9, "{k}: {got} vs {x}");
    };
    close("t", -3.5546278372527071);
    close("p", 0.012004758855762014);
    close("ci_lower", -1.6883735690980615);
    close("ci_upper", -0.31162643090193864);
    assert_eq!(v["r_source"], "not reported; chosen by the user");
}

#[test]
fn the_default_r_is_stated() {
    trialstats()
        .args([
            "prepost", "--n", "7", "--before", "5.1,1.7", "--after", "4.1,1.6",
        ])
        .assert()
        .code(0)
        .stdout(contains("at r = 0.5 (not reported; assumed (default))"));
}

/// A claim of significance that no r < 1 supports exits 1: 5.0 ± 1.0 → 5.01 ± 3.0 with n = 3
/// (even at r = 1 the SD of the change is |3 − 1| = 2, and t = 0.01·√3/2 is far below 4.30).
#[test]
fn an_impossible_claim_exits_1() {
    trialstats()
        .args([
            "prepost",
            "--n",
            "3",
            "--before",
            "5.0,1.0",
            "--after",
            "5.01,3.0",
            "--claim",
            "significant",
        ])
        .assert()
        .code(1)
        .stdout(contains(
            "no correlation r < 1 makes the paired test significant",
        ));
}

#[test]
fn bad_input_exits_2_naming_the_option() {
    trialstats()
        .args([
            "prepost", "--n", "7", "--before", "5.1", "--after", "4.1,1.6",
        ])
        .assert()
        .code(2)
        .stderr(contains("--before"));
    trialstats()
        .args([
            "prepost", "--n", "1", "--before", "5.1,1", "--after", "4.1,1.6",
        ])
        .assert()
        .code(2)
        .stderr(contains("at least 2"));
    trialstats()
        .args([
            "prepost", "--n", "7", "--before", "5.1,1", "--after", "4.1,1.6", "--grid", "0,x",
        ])
        .assert()
        .code(2)
        .stderr(contains("--grid"));
}
