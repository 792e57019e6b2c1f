//! `trialstats power`: the command line over the power library (its numbers are checked
//! against references in tests/power_reference.rs).

use crate::common::{json, trialstats};
use predicates::prelude::*;
use predicates::str::contains;

const ALS: [&str; 14] = [
    "power",
    "slope",
    "--from-study",
    "als-muse-phase2",
    "--sd-slope",
    "0.3",
    "--sd-residual",
    "1.5",
    "--sd-intercept",
    "6",
    "--months",
    "12",
    "--every",
    "1",
];

#[test]
fn from_study_takes_the_reported_effect_and_says_what_is_assumed() {
    let mut args = ALS.to_vec();
    args.extend(["--dropout", "0.2", "--format", "json"]);
    let v = json(&args);
    // benches/power_reference.R case 4: n = 36.902075414488316 for δ = 0.47 − 0.25.
    assert!((v["delta"].as_f64().unwrap() - 0.22).abs() < 1e-12);
    assert_eq!(v["n_per_arm"], 37);
    assert!((v["n_per_arm_exact"].as_f64().unwrap() - 36.902075414488316).abs() < 1e-9);
    let provenance = v["provenance"].to_string();
    assert!(
        provenance.contains("reported (als-muse-phase2"),
        "{provenance}"
    );
    assert!(
        provenance.contains("assumed (not reported)"),
        "{provenance}"
    );
    assert!(v["method"].as_str().unwrap().contains("edland"));
}

#[test]
fn simulation_is_reported_next_to_the_formula_and_repeats_for_a_seed() {
    let mut args = ALS.to_vec();
    args.extend([
        "--n",
        "20",
        "--simulate",
        "30",
        "--seed",
        "5",
        "--format",
        "json",
    ]);
    let a = json(&args);
    let p = a["simulated_power"].as_f64().unwrap();
    let se = a["simulated_se"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p) && se >= 0.0);
    assert!((se - (p * (1.0 - p) / 30.0).sqrt()).abs() < 1e-12);
    assert_eq!(a, json(&args));
}

#[test]
fn power_at_a_given_n_and_the_rate_closed_form() {
    let mut args = ALS.to_vec();
    args.extend(["--dropout", "0.2", "--n", "100", "--format", "json"]);
    // benches/power_reference.R case 4: power at n = 100 is 0.99599823336162707.
    let v = json(&args);
    assert!((v["power"].as_f64().unwrap() - 0.99599823336162707).abs() < 1e-12);
    // benches/power_rate_reference.py: pooled n 123.98536720860638, power at 124
    // 0.8000461745442518 (statsmodels).
    let v = json(&[
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--rate-ratio",
        "0.7",
        "--years",
        "2",
        "--dispersion",
        "0.8",
        "--format",
        "json",
    ]);
    assert_eq!(v["n_per_arm"], 124);
    assert!((v["power"].as_f64().unwrap() - 0.8000461745442518).abs() < 1e-12);
    assert_eq!(v["variance_method"], "pooled");
}

#[test]
fn a_sweep_prints_a_row_per_point_and_draws_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("sweep.png");
    let mut args = ALS.to_vec();
    args.extend([
        "--sweep",
        "sd-slope=0.1:0.6:0.1",
        "--sweep",
        "dropout=0,0.2",
        "--format",
        "csv",
    ]);
    let png_arg = png.to_str().unwrap().to_string();
    args.extend(["--plot", &png_arg]);
    let out = trialstats().args(&args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("sd-slope,dropout,n_per_arm,n_total,power"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + 12);
    // The design of case 4 (sd-slope 0.3, dropout 0.2) is one of the rows.
    assert!(text.contains("\n0.3,0.2,37,74,"), "{text}");
    let (width, height, _) = crate::common::png_rgb(&png);
    assert_eq!((width, height), (800, 600));
}

#[test]
fn rate_simulation_stands_next_to_the_formula() {
    // The README's rate example (formula: 32 per arm, power 0.80100011): 200 trials fitted by
    // negative binomial regression; the JSON carries the simulated power, its SE, and counts.
    let v = json(&[
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--rate-ratio",
        "0.5",
        "--years",
        "1",
        "--dispersion",
        "0.5",
        "--simulate",
        "200",
        "--seed",
        "7",
        "--quiet",
        "--format",
        "json",
    ]);
    assert_eq!(v["n_per_arm"], 32);
    let p = v["simulated_power"].as_f64().unwrap();
    let se = v["simulated_se"].as_f64().unwrap();
    assert!((se - (p * (1.0 - p) / 200.0).sqrt()).abs() < 1e-15);
    assert!((p - v["power"].as_f64().unwrap()).abs() < 3.0 * se, "{p}");
    let sim = &v["simulation"];
    assert_eq!(sim["replicates"], 200);
    assert_eq!(sim["fitted_by"], "negative binomial regression");
    assert_eq!(sim["model"], "events ~ arm + offset(log(years))");
    assert_eq!(sim["failed_fits"], 0);
    // k = 0: Poisson regression, said in the text.
    trialstats()
        .args([
            "power",
            "rate",
            "--rate-control",
            "2.9",
            "--rate-ratio",
            "0.5",
            "--years",
            "1",
            "--simulate",
            "50",
        ])
        .assert()
        .code(0)
        .stdout(contains("power (simulated)").and(contains("fitted by Poisson regression")));
}

#[test]
fn rates_from_a_study_are_reported_and_the_rest_assumed() {
    // benches/power_rate_reference.py: 2.9 → 0.4 relapses/year, 1 year, k = 0.5, pooled:
    // statsmodels n 5.311061019724955, power at n = 6 0.8384306129678264.
    let v = json(&[
        "power",
        "rate",
        "--from-study",
        "nmo-tocilizumab",
        "--years",
        "1",
        "--dispersion",
        "0.5",
        "--format",
        "json",
    ]);
    assert_eq!(v["n_per_arm"], 6);
    assert!((v["n_per_arm_exact"].as_f64().unwrap() - 5.311061019724955).abs() < 1e-8);
    assert!((v["power"].as_f64().unwrap() - 0.8384306129678264).abs() < 1e-12);
    let provenance = v["provenance"].to_string();
    assert!(
        provenance.contains("reported (nmo-tocilizumab"),
        "{provenance}"
    );
    assert!(
        provenance.contains("years, dispersion: assumed"),
        "{provenance}"
    );
}

#[test]
fn mmrm_json_has_the_keys_of_an_unequal_allocation_and_phi_per_arm() {
    // longpower power.mmrm(Ra = CS 0.25, ra = c(1, .9, .8, .7), sigmaa = 1, delta = 0.5,
    // power = 0.8, lambda = 2): n1 = 130.487625583554, n2 = 65.2438127917768.
    let v = json(&[
        "power",
        "mmrm",
        "--delta",
        "0.5",
        "--sd",
        "1",
        "--correlation",
        "cs:0.25",
        "--retention",
        "1,0.9,0.8,0.7",
        "--allocation",
        "2:1",
        "--format",
        "json",
    ]);
    assert_eq!(v["n_per_arm_a"], 131);
    assert_eq!(v["n_per_arm_b"], 66);
    assert_eq!(v["n_total"], 197);
    assert!(v.get("n_per_arm").is_none());
    let exact = v["n_total_exact"].as_f64().unwrap();
    assert!((exact - (130.487625583554 + 65.2438127917768)).abs() < 1e-6);
    assert!((v["phi_a"].as_f64().unwrap() - 1.3854166666666667).abs() < 1e-12);
    assert_eq!(v["phi_a"], v["phi_b"]);
    assert_eq!(v["delta"], 0.5);
    assert!(v["power"].as_f64().unwrap() >= 0.8);
}

#[test]
fn mmrm_from_a_fitted_model_equals_its_matrix_given_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let fit = dir.path().join("fit.json");
    let out = trialstats()
        .args([
            "mmrm",
            "tests/data/fev_data.csv",
            "--formula",
            "FEV1 ~ RACE + SEX + ARMCD * AVISIT + us(AVISIT | USUBJID)",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(&fit, &out.stdout).unwrap();
    let fitted: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fit_arg = fit.to_str().unwrap();
    let v = json(&[
        "power",
        "mmrm",
        "--delta",
        "3",
        "--from-mmrm",
        fit_arg,
        "--retention",
        "1,0.95,0.9,0.85",
        "--format",
        "json",
    ]);
    // the same correlation written to a CSV and the SD of the last visit given by hand
    let corr = fitted["correlation"].as_array().unwrap();
    let mut csv = String::from("v1,v2,v3,v4\n");
    for row in corr {
        let cells: Vec<String> = row
            .as_array()
            .unwrap()
            .iter()
            .map(|x| format!("{:?}", x.as_f64().unwrap()))
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let csv_path = dir.path().join("corr.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let sd = fitted["covariance"][3][3].as_f64().unwrap().sqrt();
    let sd_arg = format!("{sd:?}");
    let by_hand = json(&[
        "power",
        "mmrm",
        "--delta",
        "3",
        "--sd",
        &sd_arg,
        "--correlation",
        csv_path.to_str().unwrap(),
        "--retention",
        "1,0.95,0.9,0.85",
        "--format",
        "json",
    ]);
    assert_eq!(v["n_per_arm"], by_hand["n_per_arm"]);
    assert!((v["phi_a"].as_f64().unwrap() - by_hand["phi_a"].as_f64().unwrap()).abs() < 1e-12);
    assert!(v["provenance"].to_string().contains("fitted MMRM"));
}

#[test]
fn dropout_is_shorthand_for_linear_retention_and_rates_solve_for_the_ratio() {
    let mut a = ALS.to_vec();
    a.extend(["--dropout", "0.24", "--format", "json"]);
    let by_dropout = json(&a);
    let retention: Vec<String> = (0..=12)
        .map(|k| format!("{}", 1.0 - 0.24 * k as f64 / 12.0))
        .collect();
    let joined = retention.join(",");
    let mut b = ALS.to_vec();
    b.extend(["--retention", &joined, "--format", "json"]);
    let by_retention = json(&b);
    assert_eq!(by_dropout["n_per_arm"], by_retention["n_per_arm"]);
    // the detectable rate ratio at n per arm gives back that power
    let v = json(&[
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--years",
        "1",
        "--dispersion",
        "0.5",
        "--solve",
        "delta",
        "--n",
        "40",
        "--format",
        "json",
    ]);
    let rr = v["rate_ratio"].as_f64().unwrap();
    assert!(rr < 1.0 && rr > 0.3, "{rr}");
    let rr_arg = format!("{rr:?}");
    let back = json(&[
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--rate-ratio",
        &rr_arg,
        "--years",
        "1",
        "--dispersion",
        "0.5",
        "--n",
        "40",
        "--format",
        "json",
    ]);
    assert!((back["power"].as_f64().unwrap() - 0.8).abs() < 1e-9);
}

#[test]
fn a_non_inferiority_margin_for_relapse_rates() {
    // Relapses 2.9 a year, no true difference, margin 1.25 (a higher rate is worse), k = 0.8,
    // one year, restricted ML: N = 722.406053717536 (Zhu 2017 written out in R; see
    // tests/power_reference.rs), so 362 per arm. Two-sided 0.05 is one-sided 0.025.
    let args = [
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--rate-ratio",
        "1",
        "--margin",
        "1.25",
        "--years",
        "1",
        "--dispersion",
        "0.8",
        "--variance",
        "restricted-ml",
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let v = json(&with_json);
    assert_eq!(v["margin"], 1.25);
    assert_eq!(v["n_per_arm"], 362);
    assert!((v["n_total_exact"].as_f64().unwrap() - 722.406053717536).abs() < 1e-8);
    assert_eq!(v["variance_method"], "restricted-ml");
    trialstats()
        .args(args)
        .assert()
        .code(0)
        .stdout(contains(
            "shown when the rate ratio's upper confidence bound lies below the margin 1.25 (higher rates are worse); one-sided at 0.025",
        ))
        .stdout(contains("non-inferiority margin"));
    // --small-values bad turns the margin round: more events better, M below 1.
    let v = json(&[
        "power",
        "rate",
        "--rate-control",
        "1.5",
        "--rate-ratio",
        "1.05",
        "--margin",
        "0.8",
        "--small-values",
        "bad",
        "--years",
        "1.5",
        "--format",
        "json",
    ]);
    assert_eq!(v["margin"], 0.8);
    // Without --margin, no key.
    let v = json(&[
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--rate-ratio",
        "0.7",
        "--years",
        "1",
        "--format",
        "json",
    ]);
    assert!(v.get("margin").is_none());
}
