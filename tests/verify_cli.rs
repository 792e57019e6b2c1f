//! `trialstats verify`: exit 0 when every pinned number holds, 1 on a mismatch, 2 on bad data;
//! and the library form used as a regression test of the shipped data.

use crate::common::trialstats;
use predicates::str::contains;
use std::path::Path;

#[test]
fn shipped_data_verifies() {
    trialstats()
        .args(["verify", "--data", "data"])
        .assert()
        .code(0)
        .stdout(contains("relapse_free_percent"))
        .stdout(contains("expectations hold"));
}

#[test]
fn a_mismatch_exits_1_and_names_the_expectation() {
    // The fixture is the shipped NMO file with "5 of 7 relapse-free" pinned as 71.3 % instead
    // of 71.4 % (100·5/7 = 71.43, outside the 0.05 tolerance).
    trialstats()
        .args(["verify", "--data", "tests/data/verify_mismatch"])
        .assert()
        .code(1)
        .stdout(contains("relapse_free_percent"))
        .stdout(contains("MISMATCH"))
        .stdout(contains("1 FAILED"));
}

#[test]
fn a_missing_folder_exits_2() {
    trialstats()
        .args(["verify", "--data", "tests/data/no-such-folder"])
        .assert()
        .code(2)
        .stderr(contains("no-such-folder"));
}

#[test]
fn json_output_keeps_full_precision() {
    let out = trialstats()
        .args(["verify", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = v["verifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "relapse_free_percent")
        .unwrap();
    // 100 · 5 / 7 in double precision.
    assert_eq!(first["computed"].as_f64().unwrap(), 100.0 * 5.0 / 7.0);
}

/// The pattern for users: pin the numbers of a study as a regression test through the library.
#[test]
fn library_regression_pattern() {
    let studies = trialstats::study::load_dir(Path::new("data")).unwrap();
    let report = trialstats::verify::verify_all(&studies).unwrap();
    assert!(report.all_hold(), "{report}");
    assert!(report.verifications.len() >= 10);
}

/// A data folder that does not load, asked for JUnit: a valid JUnit document with one failing
/// test case carrying the error (so CI shows it), and still exit 2.
#[test]
fn junit_on_a_load_error_is_one_failing_case_and_exit_2() {
    for command in ["verify", "check"] {
        let out = trialstats()
            .args([command, "--data", "no-such-folder", "--format", "junit"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let xml = String::from_utf8(out.stdout).unwrap();
        assert!(xml.starts_with("<?xml"), "{command}: {xml}");
        assert!(
            xml.contains("tests=\"1\" failures=\"1\"") && xml.contains("no-such-folder"),
            "{command}: {xml}"
        );
        assert!(
            xml.trim_end().ends_with("</testsuites>"),
            "{command}: {xml}"
        );
    }
}
