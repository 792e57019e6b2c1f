//! GRIM under scrutiny's rounding options (`--rounding`), and the GRIM probability and ratio.
//!
//! Reference: scrutiny 0.6.1 (github.com/lhdjung/scrutiny), its pure-R functions sourced into
//! R 4.2.2 by `benches/grim_rounding_reference.R`. Each verdict below is
//! `grim_scalar(x, n, rounding = R, threshold = T, symmetric = TRUE)`; our names are R's with
//! hyphens (`up` is `half-up`, `down` `half-down`, `even` `half-even`). Over 13 rules × 211
//! means (0.00 to 1.50 and −0.01 to −0.60) × 10 sample sizes (3 to 40), 27,430 cases, the
//! verdicts agree on every case where no candidate mean lies exactly on an end of the rule's
//! rounding interval. At such exact ends scrutiny adds and subtracts 1e-12 from the candidate
//! (`dustify()`) and so accepts both neighbours; we apply the rule exactly: 979 cases where
//! scrutiny accepts and we do not (`exact_ends_are_stricter_than_scrutiny` below), and 10
//! where we accept 0.00 under anti-trunc and scrutiny does not (its `anti_trunc()` sends an
//! exact 0 to 1).
//!
//! The cases are those where the rule's verdict differs from up-or-down (so each one tests
//! the rule), plus one where they agree.

use crate::common::subcommand;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use trialstats::checks::grim::{grim, grim_ratio};
use trialstats::checks::{Grid, Rounding};
use trialstats::reported::ReportedNumber;

fn consistent(mean: &str, n: u64, rule: &str) -> bool {
    let rule: Rounding = rule.parse().unwrap();
    let mean = ReportedNumber::parse(mean, "test").unwrap();
    grim(&mean, n, Grid::INTEGER, rule)
        .unwrap()
        .status
        .possible()
}

/// `(mean, n, scrutiny's verdict)`.
type Case = (&'static str, u64, bool);

/// `(rule, cases)`.
const CASES: &[(&str, &[Case])] = &[
    // Ties: 1/8 = 0.125, 1/40 = 0.025 … Half-up sends −0.125 to −0.13 (symmetric = TRUE).
    (
        "half-up",
        &[
            ("0.02", 40, false),
            ("0.12", 8, false),
            ("0.17", 40, false),
            ("-0.12", 8, false),
            ("-0.37", 16, false),
            ("0.00", 7, true),
        ],
    ),
    (
        "half-down",
        &[
            ("0.03", 40, false),
            ("0.13", 8, false),
            ("0.18", 40, false),
            ("-0.13", 8, false),
            ("-0.38", 16, false),
            ("1.00", 20, true),
        ],
    ),
    (
        "ceiling-or-floor",
        &[
            ("0.82", 16, true),
            ("0.33", 28, true),
            ("1.35", 28, true),
            ("0.10", 28, true),
            ("-0.15", 28, true),
            ("-0.15", 7, true),
            ("-0.39", 28, true),
        ],
    ),
    (
        "ceiling",
        &[
            ("0.40", 28, true),
            ("1.34", 3, true),
            ("1.40", 28, true),
            ("0.32", 16, true),
            ("-0.17", 28, true),
            ("-0.10", 28, true),
            ("0.18", 28, true),
        ],
    ),
    (
        "floor",
        &[
            ("0.29", 7, false),
            ("0.42", 28, true),
            ("1.04", 28, false),
            ("1.38", 16, false),
            ("-0.40", 28, true),
            ("-0.57", 7, false),
            ("-0.04", 28, true),
        ],
    ),
    (
        "trunc",
        &[
            ("0.42", 7, true),
            ("1.13", 16, false),
            ("0.18", 16, true),
            ("0.28", 7, true),
            ("-0.04", 28, false),
            ("-0.38", 16, false),
            ("1.21", 28, true),
        ],
    ),
    (
        "anti-trunc",
        &[
            ("0.37", 16, false),
            ("0.39", 28, false),
            ("0.62", 16, false),
            ("0.71", 28, false),
            ("-0.34", 3, true),
            ("-0.58", 7, true),
            ("0.86", 28, true),
        ],
    ),
    (
        "up-from:3",
        &[
            ("0.37", 8, false),
            ("1.21", 28, false),
            ("0.71", 7, false),
            ("0.96", 28, false),
            ("-0.57", 40, false),
            ("-0.46", 28, false),
            ("0.19", 16, true),
        ],
    ),
    (
        "up-from:8",
        &[
            ("0.13", 8, false),
            ("0.38", 40, false),
            ("0.79", 28, false),
            ("0.29", 28, false),
            ("-0.28", 7, true),
            ("-0.18", 16, true),
            ("1.50", 8, true),
        ],
    ),
    (
        "down-from:3",
        &[
            ("0.03", 40, false),
            ("0.13", 16, false),
            ("1.18", 40, false),
            ("0.79", 28, false),
            ("-0.33", 40, false),
            ("-0.53", 28, true),
            ("0.80", 10, true),
        ],
    ),
    (
        "down-from:8",
        &[
            ("0.42", 40, false),
            ("0.96", 28, false),
            ("0.82", 16, true),
            ("0.39", 28, false),
            ("-0.37", 8, false),
            ("-0.22", 40, false),
            ("-0.43", 40, true),
        ],
    ),
];

#[test]
fn every_rule_matches_scrutiny_off_exact_ends() {
    for (rule, cases) in CASES {
        for &(mean, n, expected) in *cases {
            assert_eq!(
                consistent(mean, n, rule),
                expected,
                "grim_scalar(\"{mean}\", {n}, rounding = {rule})"
            );
        }
    }
}

#[test]
fn exact_ends_are_stricter_than_scrutiny() {
    // 209/40 = 5.225 exactly. Rounded half to even it is 5.22, so 5.23 is impossible with
    // n = 40; scrutiny's grim_scalar("5.23", 40, rounding = "even") is TRUE (5.225 ± 1e-12
    // rounds to 5.22 and to 5.23) and grim_scalar("5.22", 40, rounding = "even") TRUE.
    assert!(!consistent("5.23", 40, "half-even"));
    assert!(consistent("5.22", 40, "half-even"));
    // The same in scrutiny's grid (grim_scalar(x, n, rounding = "even") TRUE, ours FALSE):
    // 0.13 with n = 8 (1/8 = 0.125 → 0.12), 0.37 with n = 16 (6/16 = 0.375 → 0.38).
    assert!(!consistent("0.13", 8, "half-even"));
    assert!(!consistent("0.37", 16, "half-even"));
    // Directed rules at an exact value: 0/3 = 0 is 0.00 under ceiling, floor and trunc;
    // scrutiny's "ceiling" accepts 0.01 with n = 3 (0 + 1e-12 rounds up), we do not.
    assert!(!consistent("0.01", 3, "ceiling"));
    assert!(!consistent("0.01", 3, "ceiling-or-floor"));
    // 1/20 = 0.05 exactly: scrutiny's "floor" and "trunc" accept 0.04 with n = 20.
    assert!(!consistent("0.04", 20, "floor"));
    assert!(!consistent("0.04", 20, "trunc"));
    // An exact 0 stays 0 away from zero; scrutiny's anti_trunc() sends it to 1, so its
    // grim_scalar("0.00", 7, rounding = "anti_trunc") is FALSE.
    assert!(consistent("0.00", 7, "anti-trunc"));
}

#[test]
fn grim_ratio_and_probability_as_scrutiny() {
    // scrutiny tests/testthat/test-grim-stats.R:
    // grim_ratio("5.30", 20:30) == seq(0.8, 0.7, by = -0.01)
    for (i, n) in (20..=30).enumerate() {
        let r = grim_ratio(2, n, Grid::INTEGER).unwrap();
        assert!((r - (0.8 - 0.01 * i as f64)).abs() < 1e-12, "n = {n}: {r}");
    }
    // grim_probability("5.30", 90:110) == c(0.1, 0.09, …, 0.01, 0 × 11)
    let mean = ReportedNumber::parse("5.30", "test").unwrap();
    for n in 90..=110u64 {
        let g = grim(&mean, n, Grid::INTEGER, Rounding::UpOrDown).unwrap();
        let expected = if n < 100 {
            (100 - n) as f64 / 100.0
        } else {
            0.0
        };
        assert!((g.probability - expected).abs() < 1e-12, "n = {n}");
    }
    // grim_ratio("87.50", 45:55, percent = TRUE) == seq(0.9955, 0.9945, by = -0.0001):
    // a percentage with 2 decimals is a proportion with 4.
    for (i, n) in (45..=55).enumerate() {
        let r = grim_ratio(4, n, Grid::INTEGER).unwrap();
        assert!((r - (0.9955 - 0.0001 * i as f64)).abs() < 1e-12, "n = {n}");
    }
    // Items (sourced scrutiny, benches/grim_rounding_reference.R's set-up):
    // grim_ratio("0.15", 12, items = 3) = 0.64; grim_ratio("0.153", 120, items = 3) = 0.64;
    // grim_ratio("2.5", 7) = 0.3; grim_ratio("4.25", 150) = -0.5 and
    // grim_probability("4.25", 150) = 0.
    let items3 = Grid::new(&ReportedNumber::parse("1", "t").unwrap(), 3, "--step").unwrap();
    assert!((grim_ratio(2, 12, items3).unwrap() - 0.64).abs() < 1e-12);
    assert!((grim_ratio(3, 120, items3).unwrap() - 0.64).abs() < 1e-12);
    assert!((grim_ratio(1, 7, Grid::INTEGER).unwrap() - 0.3).abs() < 1e-12);
    let g = grim(
        &ReportedNumber::parse("4.25", "t").unwrap(),
        150,
        Grid::INTEGER,
        Rounding::UpOrDown,
    )
    .unwrap();
    assert_eq!((g.ratio, g.probability), (-0.5, 0.0));
}

#[test]
fn cli_takes_the_rules_and_prints_probability_and_ratio() {
    // grim_scalar("0.29", 7, rounding = "floor") is FALSE: 2/7 = 0.2857 floors to 0.28.
    subcommand("check")
        .args(["grim", "--mean", "0.29", "--n", "7", "--rounding", "floor"])
        .assert()
        .code(1)
        .stdout(contains("0.28").and(contains("always down")));
    // grim_scalar("0.42", 7, rounding = "trunc") is TRUE (3/7 = 0.428…).
    let out = subcommand("check")
        .args(["grim", "--mean", "0.42", "--n", "7", "--rounding", "trunc"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // grim_ratio("0.42", 7) = 0.93, grim_probability("0.42", 7) = 0.93.
    assert!((v["ratio"].as_f64().unwrap() - 0.93).abs() < 1e-12);
    assert!((v["probability"].as_f64().unwrap() - 0.93).abs() < 1e-12);
    subcommand("check")
        .args(["grim", "--mean", "5.30", "--n", "25"])
        .assert()
        .stdout(contains("probability").and(contains("0.75")));
    // scrutiny-style underscores are taken too.
    subcommand("check")
        .args([
            "grim",
            "--mean",
            "0.37",
            "--n",
            "8",
            "--rounding",
            "up_from:3",
        ])
        .assert()
        .code(1);
    // The global option reaches the data-folder run, whose epilogue names the rule.
    subcommand("check")
        .args(["--data", "data", "--rounding", "up-from:5"])
        .assert()
        .stdout(contains("--rounding up-from:5"));
}

#[test]
fn bad_rounding_is_exit_2_naming_the_option() {
    for bad in [
        "half-up:5",
        "ceiling:3",
        "up-from",
        "down-from:",
        "up-from:0",
        "up-from:10",
        "down-from:x",
        "up-from:-2",
        "up-from:2.5555",
        "sideways",
    ] {
        subcommand("check")
            .args(["grim", "--mean", "5.19", "--n", "28", "--rounding", bad])
            .assert()
            .code(2)
            .stderr(contains("--rounding"));
    }
    // A threshold with decimals is allowed: up-from:2.5 rounds up from 0.25 of a unit;
    // grim_scalar("5.19", 28, rounding = "up_from", threshold = 2.5, symmetric = TRUE) is FALSE.
    subcommand("check")
        .args([
            "grim",
            "--mean",
            "5.19",
            "--n",
            "28",
            "--rounding",
            "up-from:2.5",
        ])
        .assert()
        .code(1);
}

/// GRIMMER and DEBIT must accept every (mean, SD) that a real sample prints under the rule.
/// Each pair below is printed by `benches/grimmer_rounding_reference.R`: a sample of n
/// integers from 1 to 7 (GRIMMER) or of k ones among n (DEBIT), its mean and sample SD rounded
/// to two decimals by scrutiny's `reround(x, 2, rounding, threshold, symmetric = TRUE)`. All
/// 27,544 pairs it prints (11 rules) pass here; these are ones that fail under the default
/// up-or-down, so only the rule lets them through.
const SAMPLE_PAIRS: &[(&str, &str, &str, &str, u64)] = &[
    ("debit", "anti-trunc", "0.08", "0.27", 14),
    ("debit", "anti-trunc", "0.79", "0.43", 23),
    ("debit", "ceiling", "0.24", "0.44", 34),
    ("debit", "ceiling", "0.44", "0.51", 37),
    ("debit", "down-from:3", "0.26", "0.45", 30),
    ("debit", "down-from:3", "0.66", "0.48", 33),
    ("debit", "down-from:8", "0.82", "0.41", 11),
    ("debit", "down-from:8", "0.40", "0.50", 28),
    ("debit", "floor", "0.88", "0.32", 35),
    ("debit", "floor", "0.24", "0.43", 33),
    ("debit", "trunc", "0.60", "0.49", 28),
    ("debit", "trunc", "0.47", "0.50", 34),
    ("debit", "up-from:3", "0.47", "0.52", 17),
    ("debit", "up-from:3", "0.45", "0.51", 38),
    ("debit", "up-from:8", "0.45", "0.50", 29),
    ("debit", "up-from:8", "0.85", "0.36", 21),
    ("grimmer", "anti-trunc", "3.15", "2.68", 7),
    ("grimmer", "anti-trunc", "2.12", "1.54", 9),
    ("grimmer", "ceiling", "3.29", "2.22", 7),
    ("grimmer", "ceiling", "4.34", "2.40", 9),
    ("grimmer", "down-from:3", "5.16", "1.94", 6),
    ("grimmer", "down-from:3", "4.28", "0.75", 7),
    ("grimmer", "down-from:8", "3.34", "2.25", 6),
    ("grimmer", "down-from:8", "2.86", "2.86", 7),
    ("grimmer", "floor", "4.57", "0.78", 7),
    ("grimmer", "floor", "2.88", "1.96", 9),
    ("grimmer", "trunc", "3.22", "2.38", 9),
    ("grimmer", "trunc", "5.57", "0.97", 7),
    ("grimmer", "up-from:3", "3.14", "1.58", 7),
    ("grimmer", "up-from:3", "6.17", "0.99", 6),
    ("grimmer", "up-from:8", "2.89", "2.66", 9),
    ("grimmer", "up-from:8", "3.77", "2.22", 9),
];

#[test]
fn grimmer_and_debit_accept_what_samples_print_under_the_rule() {
    use trialstats::checks::debit::debit;
    use trialstats::checks::grimmer::grimmer;
    use trialstats::reported::SpreadKind;
    for &(check, rule, mean, sd, n) in SAMPLE_PAIRS {
        let r: Rounding = rule.parse().unwrap();
        let m = ReportedNumber::parse(mean, "t").unwrap();
        let s = ReportedNumber::parse(sd, "t").unwrap();
        let ok = match check {
            "debit" => debit(&m, &s, n, r).unwrap().status.possible(),
            _ => grimmer(&m, &s, SpreadKind::Sd, n, Grid::INTEGER, r)
                .unwrap()
                .status
                .possible(),
        };
        assert!(ok, "{check} {mean} ± {sd}, n = {n}, rounding {rule}");
    }
}
