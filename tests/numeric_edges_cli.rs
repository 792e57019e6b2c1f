//! The reliability issue's command lines: each used to hang (killed after 20 s), or print
//! NaN/Inf with exit 0. Now each answers within seconds with finite numbers (exit 0) or is
//! refused with exit 2 and a message naming the option or column and what is allowed.

use crate::common::trialstats_with_timeout;
use predicates::prelude::*;
use predicates::str::contains;
use std::time::Duration;

/// Every run is killed after 20 s, so a hang fails the test instead of stalling the suite.
const LIMIT: Duration = Duration::from_secs(20);

fn no_inf_or_nan() -> impl Predicate<str> {
    contains("inf")
        .or(contains("Inf"))
        .or(contains("NaN"))
        .not()
}

fn refused(args: &[&str], needles: &[&str]) {
    let out = trialstats_with_timeout(LIMIT)
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for n in needles {
        assert!(err.contains(n), "{args:?}: '{n}' not in: {err}");
    }
}

// ----- hangs -----

#[test]
fn exact_proportion_interval_for_n_ten_million_answers() {
    // binom.test(5, 1e7)$conf.int = 1.623486583030331e-07, 1.1668328188907439e-06
    trialstats_with_timeout(LIMIT)
        .args([
            "effect", "PR", "--events", "5", "--n", "10000000", "--ci", "exact",
        ])
        .assert()
        .success()
        .stdout(contains("1.6234866e-7").and(contains("1.1668328e-6")));
}

#[test]
fn proportion_chart_with_a_hundred_million_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.png");
    trialstats_with_timeout(LIMIT)
        .args(["plot", "proportion", "--item", "A,5,100000000", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.exists());
}

#[test]
fn exact_poisson_interval_for_a_trillion_events_is_finite() {
    // poisson.test(1e12, 1)$conf.int = 999998040036.96265, 1000001959965.9316
    trialstats_with_timeout(LIMIT)
        .args([
            "effect",
            "IR",
            "--events",
            "1000000000000",
            "--time",
            "1",
            "--ci",
            "exact",
        ])
        .assert()
        .success()
        .stdout(
            contains("9.9999804e11")
                .and(contains("1.000002e12"))
                .and(no_inf_or_nan()),
        );
}

#[test]
fn paired_test_with_a_hundred_million_patients_answers() {
    // d ± qt(0.975, 1e8 - 1)·se = -1.0003238392013694, -0.99967616079863053 (see
    // numeric_edges.rs)
    trialstats_with_timeout(LIMIT)
        .args([
            "prepost",
            "--n",
            "100000000",
            "--before",
            "5.1,1.7",
            "--after",
            "4.1,1.6",
        ])
        .assert()
        .success()
        .stdout(contains("[-1.0003238, -0.99967616]").and(no_inf_or_nan()));
}

#[test]
fn charts_of_values_near_the_largest_double_are_refused_with_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("p.png");
    let png = png.to_str().unwrap();
    refused(
        &[
            "plot",
            "before-after",
            "--label",
            "X",
            "--point",
            "a,1e308,1e308",
            "--point",
            "b,-1e308,1e308",
            "-o",
            png,
        ],
        &["time point 1 ('a')", "from -1e15 to 1e15"],
    );
    refused(
        &["plot", "histogram", "--sample", "A:-1e308,1e308", "-o", png],
        &["sample 1 ('A'), value 1", "from -1e15 to 1e15"],
    );
}

// ----- Inf/NaN with exit 0 -----

#[test]
fn a_mean_difference_that_overflows_is_refused() {
    refused(
        &[
            "effect",
            "MD",
            "--group1",
            "1e308,1e308,10",
            "--group2",
            "-1e308,1e308,10",
        ],
        &["--group1:", "1.8e308", "rescale"],
    );
}

#[test]
fn a_before_after_change_that_overflows_is_refused() {
    refused(
        &[
            "prepost", "--n", "7", "--before", "1e308,1", "--after", "-1e308,1",
        ],
        &["--n/--before/--after:", "overflows", "rescale"],
    );
}

#[test]
fn a_change_without_spread_is_refused_not_reported_as_nan_or_infinite_t() {
    // no change and no spread: t = 0/0 printed NaN
    refused(
        &["prepost", "--n", "7", "--before", "5,0", "--after", "5,0"],
        &["SDs are both 0", "paired t-test is undefined"],
    );
    // a change and no spread: printed "t = -Inf, p = 0, significant always"
    refused(
        &["prepost", "--n", "7", "--before", "5,0", "--after", "4,0"],
        &["SDs are both 0", "at least one SD above 0"],
    );
    // equal SDs at r = 1
    refused(
        &[
            "prepost", "--n", "7", "--before", "5,1", "--after", "4,1", "--r", "1",
        ],
        &["--r:", "SD of the change 0", "below 1"],
    );
}

#[test]
fn a_log_scale_forest_whose_labels_would_be_inf_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("f.png");
    refused(
        &[
            "plot",
            "forest",
            "--row",
            "A,800,700,900",
            "--exp",
            "-o",
            png.to_str().unwrap(),
        ],
        &["row 1 ('A')", "between -34.5 and 34.5"],
    );
}

// ----- mixed models -----

#[test]
fn lmm_names_the_column_for_a_constant_or_overflowing_response() {
    let dir = tempfile::tempdir().unwrap();
    let constant = dir.path().join("constant.csv");
    std::fs::write(
        &constant,
        "y,x,g\n1,1,a\n1,2,a\n1,3,b\n1,4,b\n1,5,c\n1,6,c\n",
    )
    .unwrap();
    refused(
        &[
            "lmm",
            constant.to_str().unwrap(),
            "--formula",
            "y ~ x + (1|g)",
        ],
        &["column y:", "the response is constant", "needs variation"],
    );
    let huge = dir.path().join("huge.csv");
    std::fs::write(
        &huge,
        "y,x,g\n1e308,1,a\n-1e308,2,a\n1e308,3,b\n2,4,b\n1,5,c\n3e307,6,c\n",
    )
    .unwrap();
    refused(
        &["lmm", huge.to_str().unwrap(), "--formula", "y ~ x + (1|g)"],
        &["column y:", "1e308", "allowed: |value| ≤ 1e100", "rescale"],
    );
}
