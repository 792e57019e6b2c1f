//! metafor parity (issue 23), the parts of session 8 (part A): missing values left out as
//! metafor's `na.action = na.omit`. References: metafor 3.8-1 run here (the R call
//! beside each number) and the published numbers of metafor's tests/testthat (file and line).

// The references are R's 17-significant-digit printouts.
#![allow(clippy::excessive_precision)]

use assert_cmd::Command;
use serde_json::Value;

/// Relative tolerance `tol` with an absolute floor of `tol` for values near 0.
fn assert_all_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * w.abs().max(1.0),
            "{what}[{i}]: {g:e}, metafor {w:e}"
        );
    }
}

/// `trialstats meta ARGS --format json`, which must succeed.
fn meta_json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .arg("meta")
        .args(args)
        .args(["--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn numbers(json: &Value, path: &[&str]) -> Vec<f64> {
    path.iter()
        .map(|p| {
            json.pointer(p)
                .and_then(Value::as_f64)
                .unwrap_or_else(|| panic!("{p} missing: {json}"))
        })
        .collect()
}

/// The coefficients, their SEs, τ², QE, QM and I² (metafor's coef, se, tau2, QE, QM, I2).
fn fit_numbers(json: &Value, p: usize) -> Vec<f64> {
    let mut got: Vec<f64> = (0..p)
        .map(|i| json["coefficients"][i]["estimate"].as_f64().unwrap())
        .collect();
    got.extend((0..p).map(|i| json["coefficients"][i]["se"].as_f64().unwrap()));
    got.extend(numbers(json, &["/tau2", "/q", "/qm", "/i2"]));
    got
}

/// Rows with a missing estimate, variance or moderator are left out and listed, as metafor
/// does (BCG data with yi, vi and ablat missing in rows 3, 6 and 9, and year, which the model
/// does not read, missing in row 11).
#[test]
fn rows_with_missing_values_are_left_out_as_metafor_na_omit() {
    let json = meta_json(&[
        "tests/data/bcg_missing.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "ablat",
    ]);
    // d <- read.csv("tests/data/bcg_missing.csv", na.strings = c("", "NA"))
    // r <- rma(yi, vi, mods = ~ ablat, data = d, control = list(threshold = 1e-12,
    //   maxiter = 1000)); r$k = 10, which(!r$not.na) = 3 6 9
    // c(coef(r), r$se, r$tau2, r$QE, r$QM, r$I2)
    let want = [
        0.2313545046255781612,
        -0.0299523382948040061,
        0.3227675471530599416,
        0.0095271913928475054,
        0.1370317735283349825,
        22.5506449173606071668,
        9.8839760548754043157,
        77.5188312527617995329,
    ];
    assert_all_close("BCG ~ ablat, na.omit", &fit_numbers(&json, 2), &want, 1e-8);
    assert_eq!(json["k"], 10);
    let omitted = json["omitted"].as_array().unwrap();
    let rows: Vec<(u64, &str, Vec<&str>)> = omitted
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["label"].as_str().unwrap(),
                r["missing"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (4, "Rosenthal et al 1960", vec!["yi"]),
            (7, "Stein & Aronson 1953", vec!["vi"]),
            (10, "Coetzee & Berjak 1968", vec!["ablat"]),
        ]
    );
}

/// The raw columns of an escalc code and a categorical moderator count too (BCG 2×2 tables,
/// ai missing in row 2 and alloc in row 7).
#[test]
fn rows_missing_a_raw_column_or_a_categorical_moderator_are_left_out() {
    let json = meta_json(&[
        "tests/data/bcg_raw_missing.csv",
        "--measure",
        "RR",
        "--mods",
        "alloc",
    ]);
    // d2 <- read.csv("tests/data/bcg_raw_missing.csv", na.strings = c("", "NA"))
    // r2 <- rma(measure = "RR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ alloc,
    //   data = d2, control = list(threshold = 1e-12, maxiter = 1000)); r2$k = 11,
    // which(!r2$not.na) = 2 7; c(coef(r2), r2$se, r2$tau2, r2$QE, r2$QM, r2$I2)
    let want = [
        -0.518470587305022601,
        -0.232718127392642526,
        0.088010294813585035,
        0.434270147670283324,
        0.530350868344801274,
        0.551649463977590293,
        0.349419798446432728,
        115.429631752421897772,
        0.527390300892657038,
        89.879530832830454301,
    ];
    assert_all_close(
        "BCG RR ~ alloc, na.omit",
        &fit_numbers(&json, 3),
        &want,
        1e-8,
    );
    assert_eq!(json["k"], 11);
    let lines: Vec<u64> = json["omitted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 8]);
    assert_eq!(json["omitted"][0]["missing"][0], "ai");
    assert_eq!(json["omitted"][1]["missing"][0], "alloc");
}

/// The table says how many rows were left out and which; `--na fail` refuses the file at the
/// first missing cell (exit 2), naming its line and column.
#[test]
fn missing_values_are_reported_in_the_table_or_refused_with_na_fail() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_missing.csv",
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--mods",
            "ablat",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Left out for missing values: 3 rows"),
        "{text}"
    );
    assert!(text.contains("Coetzee & Berjak 1968"), "{text}");
    // Nothing left out: no note, and no omitted key in JSON.
    let clean = meta_json(&["tests/data/bcg.csv", "--yi", "yi", "--vi", "vi"]);
    assert!(clean.get("omitted").is_none());
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_missing.csv",
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--mods",
            "ablat",
            "--na",
            "fail",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bcg_missing.csv:4: column yi"));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_raw_missing.csv",
            "--measure",
            "RR",
            "--na",
            "fail",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bcg_raw_missing.csv:3: column ai",
        ));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg.csv",
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--na",
            "drop",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--na"));
}
