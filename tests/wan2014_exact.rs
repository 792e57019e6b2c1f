//! `convert median --method wan2014-exact`: Wan et al. (2014)'s tabulated divisors for small
//! n (Table 1: ξ(n), the expected range, n ≤ 50; Table 2: η(n), the expected IQR, at
//! Q = ⌈(n − 1)/4⌉ for n ≤ 201), their formulas (eq. 9, 16) beyond, as R package meta 8.4-0
//! computes the SD. References: meta's own `mean_sd_range(n, median = 6, min = 2, max = 14,
//! method.mean = "Wan")$sd`, `mean_sd_iqr(n, median = 6, q1 = 4, q3 = 10, method.mean =
//! "Wan")$sd` and `mean_sd_iqr_range(n, 6, 4, 10, 2, 14, method.mean = "Wan", method.sd =
//! "Wan")$sd`, evaluated from its source by `benches/wan2014_exact_reference.R`.
//!
//! The means are Wan et al.'s as metafor (and our `wan2014`) take them; meta's range mean
//! adds Hozo's (a − 2m + b)/(4n) term, so only the SDs are compared with meta.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use trialstats::convert::{Distribution, FiveNumbers, MedianMethod, mean_sd};

fn sd(min: Option<f64>, q1: Option<f64>, q3: Option<f64>, max: Option<f64>, n: u64) -> f64 {
    let x = FiveNumbers {
        min,
        q1,
        median: 6.0,
        q3,
        max,
        n,
    };
    mean_sd(&x, MedianMethod::Wan2014Exact, Distribution::Norm, "test")
        .unwrap()
        .sd
}

/// (n, range SD, IQR SD, five-number SD) printed by the reference script (%.17g).
const META: &[(u64, f64, f64, f64)] = &[
    (
        5,
        5.1590713671539126,
        6.0606060606060606,
        5.6098387138799861,
    ),
    (6, 4.7355958958168909, 5.244755244755245, 4.990175570286068),
    (8, 4.2149631190727082, 5.244755244755245, 4.7298591819139766),
    (
        10,
        3.8986354775828462,
        4.9751243781094532,
        4.4368799278461495,
    ),
    (
        13,
        3.5971223021582737,
        4.9751243781094532,
        4.2861233401338632,
    ),
    (
        20,
        3.2128514056224899,
        4.7619047619047619,
        3.9873780837636259,
    ),
    (
        27,
        3.0022516887665751,
        4.6728971962616823,
        3.8375744425141285,
    ),
    (
        50,
        2.6678523788350375,
        4.5696877380045695,
        3.6187700584198037,
    ),
    (
        51,
        2.6655699960785237,
        4.5696877380045695,
        3.6176288670415468,
    ),
    (100, 2.401353824729604, 4.511278195488722, 3.456316010109163),
    (
        201,
        2.1926463156604687,
        4.4776119402985071,
        3.3351291279794877,
    ),
    (
        202,
        2.1913406316674662,
        4.4800498180705493,
        3.3356952248690077,
    ),
    (
        300,
        2.0938578881035701,
        4.4694861363969327,
        3.2816720122502514,
    ),
];

#[test]
fn sds_match_r_meta() {
    for &(n, range, iqr, five) in META {
        let close = |ours: f64, theirs: f64, what: &str| {
            // The tables are exact decimals; beyond them R's qnorm: 1e-12 relative.
            assert!(
                (ours - theirs).abs() <= 1e-12 * theirs,
                "n = {n}, {what}: {ours} vs meta {theirs}"
            );
        };
        close(sd(Some(2.0), None, None, Some(14.0), n), range, "range");
        close(sd(None, Some(4.0), Some(10.0), None, n), iqr, "IQR");
        close(
            sd(Some(2.0), Some(4.0), Some(10.0), Some(14.0), n),
            five,
            "five numbers",
        );
    }
}

#[test]
fn cli_names_the_table() {
    // meta: mean_sd_range(5, 6, 2, 14, method.mean = "Wan")$sd = 5.1590713671539126 (12/2.326).
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "convert", "median", "--n", "5", "--min", "2", "--median", "6",
        ])
        .args([
            "--max",
            "14",
            "--method",
            "wan2014-exact",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = v["sd"].as_f64().unwrap();
    assert!((s - 5.1590713671539126).abs() < 1e-12, "{s}");
    assert_eq!(v["method"], "wan2014-exact");
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "convert", "median", "--n", "5", "--min", "2", "--median", "6",
        ])
        .args(["--max", "14", "--method", "wan2014-exact"])
        .assert()
        .code(0)
        .stdout(contains("Table 1").and(contains("5.159071")));
}
