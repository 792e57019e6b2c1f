//! `trialstats power`: the command line over the power library (its numbers are checked
//! against references in tests/power_reference.rs).

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn trialstats() -> Command {
    Command::cargo_bin("trialstats").unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = trialstats().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

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
        text.starts_with("sd-slope,dropout,n_per_arm,power"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1 + 12);
    // The design of case 4 (sd-slope 0.3, dropout 0.2) is one of the rows.
    assert!(text.contains("\n0.3,0.2,37,"), "{text}");
    let img = image::open(&png).unwrap();
    assert_eq!((img.width(), img.height()), (800, 600));
}

#[test]
fn rate_simulation_is_refused_until_a_negative_binomial_fit_exists() {
    trialstats()
        .args([
            "power",
            "rate",
            "--rate-control",
            "2.9",
            "--rate-ratio",
            "0.7",
            "--years",
            "2",
            "--simulate",
            "100",
        ])
        .assert()
        .code(2)
        .stderr(contains("--simulate").and(contains("negative binomial regression")));
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
