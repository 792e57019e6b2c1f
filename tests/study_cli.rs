//! `trialstats list` and `trialstats show`: output on the seed data, and exit code 2 with a
//! located message for every kind of invalid study file.

use crate::common::trialstats;
use predicates::prelude::*;

#[test]
fn list_shows_every_seed_study() {
    trialstats()
        .args(["list", "--data", "data"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("nmo-tocilizumab")
                .and(predicate::str::contains("als-muse-phase2"))
                .and(predicate::str::contains("als-muse-mouse"))
                .and(predicate::str::contains("jacals-registry"))
                .and(predicate::str::contains("sma-videos"))
                .and(predicate::str::contains("002_f6b3e19b5df4114a.txt")),
        );
}

#[test]
fn list_as_json_is_an_array_of_studies_sorted_by_id() {
    let out = trialstats()
        .args(["list", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "als-edaravone-phase3",
            "als-muse-mouse",
            "als-muse-phase2",
            "jacals-registry",
            "nmo-tocilizumab",
            "sma-videos",
            "synthetic-als-two-arm"
        ]
    );
    let nmo = &v[4];
    assert_eq!(nmo["measures"], 4);
    assert_eq!(nmo["source_file"], "002_f6b3e19b5df4114a.txt");
}

#[test]
fn list_as_csv_has_a_header() {
    trialstats()
        .args(["list", "--format", "csv"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "id,title,source_file,facts,dates,measures,slopes,arms,expectations\n",
        ));
}

#[test]
fn show_prints_numbers_with_their_provenance() {
    trialstats()
        .args(["show", "nmo-tocilizumab"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("5.1 ± 1.7")
                .and(predicate::str::contains("4.1 ± 1.6"))
                .and(predicate::str::contains("± meaning not reported"))
                .and(predicate::str::contains("mean + SEM"))
                .and(predicate::str::contains("有意に改善"))
                .and(predicate::str::contains("scale 0–10 (step 0.5)"))
                .and(predicate::str::contains("治療前後"))
                .and(predicate::str::contains("【研究の内容】")),
        );
}

#[test]
fn show_as_json_keeps_numbers_as_printed() {
    let out = trialstats()
        .args(["show", "nmo-tocilizumab", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let pain = v["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "pain_nrs")
        .unwrap();
    let before = &pain["timepoints"][0];
    assert_eq!(before["mean"]["text"], "3.0");
    assert_eq!(before["mean"]["decimals"], 1);
    assert_eq!(pain["timepoints"][1]["mean"], "not reported");
    assert_eq!(pain["dispersion"], "not reported");
}

#[test]
fn show_shows_the_slope_of_the_als_trial() {
    trialstats()
        .args(["show", "als-muse-phase2"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("0.47 (spread not reported)")
                .and(predicate::str::contains("period: not reported"))
                .and(predicate::str::contains("10.1177/09636897231214370")),
        );
}

#[test]
fn show_of_an_unknown_study_lists_the_known_ids() {
    trialstats().args(["show", "nmo"]).assert().code(2).stderr(
        predicate::str::contains("unknown study 'nmo'").and(predicate::str::contains(
            "known: als-edaravone-phase3, als-muse-mouse, als-muse-phase2",
        )),
    );
}

#[test]
fn a_missing_data_folder_is_refused() {
    trialstats()
        .args(["list", "--data", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--data: 'no/such/folder' is not a folder",
        ));
}

#[test]
fn an_unknown_format_is_refused() {
    trialstats()
        .args(["list", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--format").and(predicate::str::contains("table, json, csv")),
        );
}

/// Every invalid fixture makes both `show` and `list` exit 2 with the file, line, field and
/// reason.
#[test]
fn invalid_study_files_exit_2_with_a_located_message() {
    let cases: &[(&str, usize, &str)] = &[
        ("unknown-field", 33, "colour: unknown field `colour`"),
        ("malformed-toml", 31, "label: invalid basic string"),
        ("n-below-one", 34, "measures[score].n: 0 is not allowed"),
        (
            "negative-sd",
            46,
            "timepoints[before].spread: -1.5 is negative",
        ),
        (
            "mean-outside-scale",
            51,
            "timepoints[after].mean: 11 is outside the scale 0–10",
        ),
        ("sd-too-large", 52, "SD 2.9 is larger than the scale 0–10"),
        ("sem-too-large", 52, "SEM 1.2 (an SD of 2.9393877"),
        (
            "count-above-denominator",
            25,
            "facts[responders].of: responders 8 is larger than its denominator",
        ),
        ("duplicate-id", 21, "duplicate id 'n_patients'"),
        (
            "unknown-denominator",
            25,
            "'n_patient' is not a fact of this study",
        ),
        (
            "unknown-reference",
            72,
            "'n_patiens' is not a fact, slope or measure",
        ),
        (
            "stem-mismatch",
            3,
            "id: 'other' does not match the file name",
        ),
        ("not-a-number", 45, "'3.0 ± 1.5' is not a number as printed"),
        ("unknown-dispersion", 35, "dispersion: unknown variant `SE`"),
    ];
    for (rule, line, message) in cases {
        let dir = format!("tests/data/invalid/{rule}");
        let location = format!("{dir}/mini.toml:{line}: ");
        for args in [
            vec!["show", "mini", "--data", dir.as_str()],
            vec!["list", "--data", dir.as_str()],
        ] {
            trialstats().args(&args).assert().code(2).stderr(
                predicate::str::contains(location.as_str()).and(predicate::str::contains(*message)),
            );
        }
    }
}
