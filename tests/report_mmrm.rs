//! `trialstats report` on a study that names patient-level data (`[[patient_data]]`): the
//! MMRM of `data/synthetic-als-two-arm.toml` (invented data), its last-visit contrast and
//! chart, and the refusals of a bad entry.
//!
//! Reference: `Rscript benches/report_mmrm_reference.R` (R 4.2.2, nlme 3.1, emmeans), whose
//! printout is `tests/data/report_mmrm_reference_output.txt`:
//!
//! ```r
//! fit <- gls(chg ~ baseline + arm * visit, data = d, method = "REML",
//!            correlation = corSymm(form = ~ as.integer(visit) | patient),
//!            weights = varIdent(form = ~ 1 | visit),
//!            control = glsControl(opt = "optim", tolerance = 1e-12, msTol = 1e-14, ...))
//! summary(pairs(emmeans(fit, ~ arm | visit), adjust = "none"), infer = TRUE)
//! ```
//!
//! gls stops 3.5e-9 above our −2 REML log-likelihood on a flat criterion, so its SEs differ
//! from ours by up to 3.2e-6 relative (the estimates by 1e-7): the SEs are compared at 1e-5.
//! The Satterthwaite df are not compared with emmeans here: for gls emmeans only has an
//! approximate method ("appx-satterthwaite", 95.27 at month 12 against SAS-style 96.46); the
//! df come from the same code as `trialstats mmrm`, checked against mmrm's SAS values in
//! `tests/mmrm_structures.rs` and `tests/mmrm.rs`.

use crate::common::{assert_close, trialstats};
use predicates::str::contains;
use std::path::Path;

fn synthetic_study() -> serde_json::Value {
    let out = trialstats()
        .args(["report", "--no-plots", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["studies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "synthetic-als-two-arm")
        .unwrap()
        .clone()
}

#[test]
fn report_fits_the_mmrm_of_the_synthetic_trial_as_gls_and_emmeans() {
    let s = synthetic_study();
    let d = &s["patient_data"][0];
    assert_eq!(d["synthetic"], true);
    assert_eq!(d["last_visit"], "month 12");
    assert_eq!(
        d["formula"],
        "chg ~ baseline + arm * visit + us(visit | patient)"
    );
    // -2 REML log-likelihood: gls 1995.2136499825, ours at most that.
    let crit = d["fit"]["criterion"].as_f64().unwrap();
    assert!(crit <= 1995.2136499825 + 1e-8 && crit > 1995.2136499825 - 1e-6);
    // emmeans pairs(): active - placebo at each visit (estimate, SE).
    let reference = [
        ("month 02", 0.900282555966, 0.311677321261),
        ("month 04", 1.010902517128, 0.366459927277),
        ("month 06", 1.383861051283, 0.490850439105),
        ("month 08", 1.923390281225, 0.627669507661),
        ("month 10", 3.403378473605, 0.804511275214),
        ("month 12", 3.390978333812, 0.909337635662),
    ];
    let rows = d["vs_control"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    for (row, (visit, estimate, se)) in rows.iter().zip(reference) {
        assert_eq!(row["at"], format!("visit={visit}"));
        assert_eq!(row["contrast"], "active - placebo");
        let (e, s) = (
            row["estimate"].as_f64().unwrap(),
            row["se"].as_f64().unwrap(),
        );
        assert_close(&format!("{visit}: estimate"), e, estimate, 1e-6);
        assert_close(&format!("{visit}: se"), s, se, 1e-5);
    }
    // emmeans(): the least-squares means at month 12 (active, placebo).
    let means = d["fit"]["emmeans"].as_array().unwrap();
    let at12: Vec<&serde_json::Value> = means
        .iter()
        .filter(|m| m["at"] == "visit=month 12")
        .collect();
    assert_eq!(at12[0]["level"], "active");
    assert_close(
        "active estimate",
        &at12[0]["estimate"],
        -8.92194367061,
        1e-6,
    );
    assert_close("active se", &at12[0]["se"], 0.643829301753, 1e-5);
    assert_close(
        "placebo estimate",
        &at12[1]["estimate"],
        -12.31292200443,
        1e-6,
    );
    assert_close("placebo se", &at12[1]["se"], 0.642333729176, 1e-5);
    // Patients observed per arm at month 12: 41 active, 40 placebo (the CSV).
    assert_eq!(d["subjects_per_visit"][0]["arm"], "active");
    assert_eq!(d["subjects_per_visit"][0]["subjects"][5], 41);
    assert_eq!(d["subjects_per_visit"][1]["subjects"][5], 40);
}

#[test]
fn report_text_says_synthetic_and_gives_the_last_visit_contrast() {
    trialstats()
        .args(["report", "--no-plots"])
        .assert()
        .code(0)
        .stdout(contains(
            "SYNTHETIC DATA: invented patients, made to show the analysis; not results of a trial",
        ))
        .stdout(contains(
            "active - placebo at month 12 (the last visit): 3.39097",
        ))
        .stdout(contains("every arm against placebo at each visit"));
}

#[test]
fn report_draws_the_lsmeans_chart() {
    let dir = tempfile::tempdir().unwrap();
    trialstats()
        .args(["report", "--plots"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert!(
        dir.path()
            .join("synthetic-als-two-arm-alsfrs-r-change-lsmeans.png")
            .is_file()
    );
    let index = std::fs::read_to_string(dir.path().join("index.md")).unwrap();
    assert!(index.contains("SYNTHETIC DATA: Least-squares means of each arm"));
}

/// A study folder holding one study with `entry` as its `[[patient_data]]` (the CSV copied
/// next to it).
fn folder_with(entry: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("data/synthetic/mmrm_two_arm_synthetic.csv"),
        dir.path().join("trial.csv"),
    )
    .unwrap();
    let study = format!(
        r#"schema = 1
id = "t"
title = "test"
source_file = "none"
document = "none"
publication = {{ title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }}
design = "two arms"
population = "invented"
intervention = "invented"

[[patient_data]]
id = "chg"
label = "change"
unit = "points"
subject = "patient"
visit = "visit"
synthetic = true
{entry}
"#
    );
    std::fs::write(dir.path().join("t.toml"), study).unwrap();
    dir
}

#[test]
fn the_control_decides_the_direction_of_the_difference() {
    // active as the control: placebo - active = -(active - placebo), CI turned round.
    let dir = folder_with(
        "file = \"trial.csv\"\nformula = \"chg ~ baseline + arm * visit\"\narm = \"arm\"\ncontrol = \"active\"",
    );
    let out = trialstats()
        .args(["report", "--no-plots", "--format", "json", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = &v["studies"][0]["patient_data"][0]["vs_control"][5];
    assert_eq!(last["contrast"], "placebo - active");
    assert_close(
        "month 12 placebo - active",
        &last["estimate"],
        -3.390978333812,
        1e-6,
    );
    let (lo, hi) = (
        last["ci_lower"].as_f64().unwrap(),
        last["ci_upper"].as_f64().unwrap(),
    );
    assert!(lo < -3.39 && hi > -3.39 && hi < 0.0);
}

#[test]
fn a_bad_patient_data_entry_is_refused_with_its_field() {
    let cases = [
        (
            "file = \"missing.csv\"\nformula = \"chg ~ arm * visit\"\narm = \"arm\"\ncontrol = \"placebo\"",
            "patient_data[chg].file: 'missing.csv' is not a file",
        ),
        (
            "file = \"trial.csv\"\nformula = \"chg ~ arm * visit\"\narm = \"arm\"\ncontrol = \"placebo\"\ncovariance = \"unstructred\"",
            "patient_data[chg].covariance: 'unstructred' is not a covariance structure",
        ),
        (
            "file = \"trial.csv\"\nformula = \"chg ~ arm * visit + us(visit | patient)\"\narm = \"arm\"\ncontrol = \"placebo\"",
            "patient_data[chg].formula: has a covariance term",
        ),
        (
            "file = \"trial.csv\"\nformula = \"chg ~ baseline * visit\"\narm = \"arm\"\ncontrol = \"placebo\"",
            "patient_data[chg].arm: 'arm' is not a variable of the formula",
        ),
        (
            "file = \"trial.csv\"\nformula = \"chg ~ arm\"\narm = \"arm\"\ncontrol = \"placebo\"",
            "does not have the visit 'visit'",
        ),
        (
            "file = \"trial.csv\"\nformula = \"chg ~ arm * visit\"\narm = \"arm\"\ncontrol = \"placebo\"\nddf = \"none\"",
            "patient_data[chg].ddf: 'none' is not allowed",
        ),
        // Known only from the data: the control level and the columns.
        (
            "file = \"trial.csv\"\nformula = \"chg ~ arm * visit\"\narm = \"arm\"\ncontrol = \"plaecbo\"",
            "patient_data[chg]: control: 'plaecbo' is not a level of the arm column 'arm'; its levels: active, placebo",
        ),
        (
            "file = \"trial.csv\"\nformula = \"chg ~ base + arm * visit\"\narm = \"arm\"\ncontrol = \"placebo\"",
            "patient_data[chg]:",
        ),
    ];
    for (entry, message) in cases {
        let dir = folder_with(entry);
        trialstats()
            .args(["report", "--no-plots", "--data"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(contains(message));
    }
}
