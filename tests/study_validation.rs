//! Validation of study files: one test per rule, each on a fixture under
//! `tests/data/invalid/<rule>/mini.toml` (`tests/data/valid/mini.toml` with one thing broken),
//! asserting the location (file:line) and the message (field, what is wrong, what is allowed).

use std::path::{Path, PathBuf};
use trialstats::error::DocumentsError as Error;
use trialstats::study::{self, Reported};

fn fixture(rule: &str) -> PathBuf {
    Path::new("tests/data/invalid").join(rule).join("mini.toml")
}

/// Load the fixture for `rule` (run from the crate root, as cargo does) and return the
/// location and message of the refusal.
fn refusal(rule: &str) -> (String, String) {
    let path = fixture(rule);
    match study::load_file(&path) {
        Err(Error::Refused(trialstats::error::Refusal::Input { location, message })) => {
            (location, message)
        }
        other => panic!("{rule}: expected an input error, got {other:?}"),
    }
}

fn assert_refused(rule: &str, line: usize, parts: &[&str]) {
    let (location, message) = refusal(rule);
    assert_eq!(
        location,
        format!("{}:{line}", fixture(rule).display()),
        "{rule}: {message}"
    );
    for p in parts {
        assert!(message.contains(p), "{rule}: '{p}' not in: {message}");
    }
}

#[test]
fn the_valid_fixture_loads() {
    let s = study::load_file(Path::new("tests/data/valid/mini.toml")).unwrap();
    assert_eq!(s.id, "mini");
    let m = s.measure("score").unwrap();
    assert_eq!(m.n, Reported::Value(7));
    // A time point may override n.
    assert_eq!(m.timepoint("after").unwrap().n, Reported::Value(6));
    assert_eq!(m.timepoint("before").unwrap().n, Reported::Value(7));
    let mean = m.baseline().unwrap().mean.value().unwrap();
    assert_eq!(
        (mean.text.as_str(), mean.value, mean.decimals),
        ("3.0", 3.0, 1)
    );
}

#[test]
fn unknown_fields_are_refused() {
    assert_refused(
        "unknown-field",
        33,
        &["colour", "unknown field", "expected one of"],
    );
}

#[test]
fn malformed_toml_is_refused_with_its_line() {
    assert_refused("malformed-toml", 31, &["label", "invalid basic string"]);
}

#[test]
fn n_below_one_is_refused() {
    assert_refused(
        "n-below-one",
        34,
        &["measures[score].n", "0 is not allowed", "at least 1"],
    );
}

#[test]
fn negative_spread_is_refused() {
    assert_refused(
        "negative-sd",
        46,
        &[
            "measures[score].timepoints[before].spread",
            "-1.5 is negative",
        ],
    );
}

#[test]
fn a_mean_outside_the_scale_is_refused() {
    assert_refused(
        "mean-outside-scale",
        51,
        &[
            "measures[score].timepoints[after].mean",
            "11 is outside the scale 0–10",
        ],
    );
}

#[test]
fn an_sd_larger_than_the_scale_allows_is_refused() {
    // Mean 0.5 (at most 0.55 before rounding), n = 6, scale 0–10: the largest sample SD is
    // sqrt(6/5 * 0.55 * 9.45) = 2.4973986 (R: sqrt(6/5*0.55*9.45) = 2.4973986465920897);
    // the printed SD 2.9 (at least 2.85) exceeds it.
    assert_refused(
        "sd-too-large",
        52,
        &[
            "measures[score].timepoints[after].spread",
            "SD 2.9 is larger than the scale 0–10",
            "2.4973986",
        ],
    );
}

#[test]
fn an_sem_is_converted_to_an_sd_before_the_bound() {
    // SEM 1.2 with n = 6 is an SD of 1.2 * sqrt(6) = 2.9393877 (R: 1.2*sqrt(6) =
    // 2.9393876913398134), above the bound 2.4973986; the same 1.2 as an SD is allowed
    // (the valid fixture has it).
    assert_refused(
        "sem-too-large",
        52,
        &["SEM 1.2", "2.9393877", "larger than the scale"],
    );
}

#[test]
fn the_sd_bound_allows_for_rounding() {
    // Mean 5 (4.5–5.5 before rounding), n = 4 on 0–10: the largest SD is
    // sqrt(4/3 * 5 * 5) = 5.7735027 (R: sd(c(0, 0, 10, 10)) = 5.7735026918962582).
    // "5.8" may be 5.75 before rounding, so it is allowed; "5.9" (at least 5.85) is not.
    let text = std::fs::read_to_string("tests/data/valid/mini.toml").unwrap();
    let with = |sd: &str| {
        text.replace(
            "mean = \"0.9\"\nspread = \"1.2\"\nn = 6",
            &format!("mean = \"5\"\nspread = \"{sd}\"\nn = 4"),
        )
    };
    assert!(study::load_str(&with("5.8"), Path::new("mini.toml")).is_ok());
    let err = study::load_str(&with("5.9"), Path::new("mini.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("SD 5.9 is larger"), "{err}");
}

#[test]
fn a_count_above_its_denominator_is_refused() {
    assert_refused(
        "count-above-denominator",
        25,
        &[
            "facts[responders].of",
            "8 is larger than its denominator n_patients = 7",
        ],
    );
}

#[test]
fn duplicate_ids_are_refused() {
    assert_refused(
        "duplicate-id",
        21,
        &["facts[n_patients].id", "duplicate id 'n_patients'"],
    );
}

#[test]
fn an_unknown_denominator_is_refused() {
    assert_refused(
        "unknown-denominator",
        25,
        &[
            "facts[responders].of",
            "'n_patient' is not a fact",
            "n_patients, responders",
        ],
    );
}

#[test]
fn an_expectation_referring_to_an_unknown_id_is_refused() {
    assert_refused(
        "unknown-reference",
        72,
        &[
            "expectations[responder_percent].compute",
            "'n_patiens' is not a fact, slope or measure",
        ],
    );
}

#[test]
fn an_id_that_is_not_the_file_stem_is_refused() {
    assert_refused(
        "stem-mismatch",
        3,
        &["id: 'other' does not match the file name", "'mini'"],
    );
}

#[test]
fn a_value_that_is_not_a_printed_number_is_refused() {
    assert_refused(
        "not-a-number",
        45,
        &[
            "timepoints[before].mean",
            "'3.0 ± 1.5' is not a number as printed",
        ],
    );
}

#[test]
fn an_unknown_dispersion_is_refused() {
    assert_refused(
        "unknown-dispersion",
        35,
        &[
            "dispersion",
            "unknown variant `SE`",
            "`SD`, `SEM`, `not reported`",
        ],
    );
}

#[test]
fn expectation_references_must_name_reported_numbers() {
    let text = std::fs::read_to_string("tests/data/valid/mini.toml").unwrap();
    let refused = |from: &str, to: &str, expect: &str| {
        let broken = text.replacen(from, to, 1);
        assert_ne!(broken, text, "{from}");
        let err = study::load_str(&broken, Path::new("mini.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(expect), "{err}");
    };
    // A slope needs .before or .after.
    refused(
        "decline.before,",
        "decline,",
        "decline.before or decline.after",
    );
    // A measure needs a time point and a field.
    refused("score.after.n", "score.later.n", "TIMEPOINT.mean|spread|n");
    // Unknown functions are named.
    refused(
        "percent(responders",
        "share(responders",
        "unknown function 'share'",
    );
    // A number the document does not report cannot be computed with.
    refused(
        "before = { value = \"0.47\"",
        "before = { value = \"not reported\"",
        "\"not reported\"",
    );
}

#[test]
fn load_dir_reads_only_toml_files_sorted_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/data/valid/mini.toml").unwrap();
    std::fs::write(dir.path().join("mini.toml"), &text).unwrap();
    std::fs::write(
        dir.path().join("alpha.toml"),
        text.replace("id = \"mini\"", "id = \"alpha\""),
    )
    .unwrap();
    std::fs::write(dir.path().join("README.md"), "not a study").unwrap();
    let studies = study::load_dir(dir.path()).unwrap();
    let ids: Vec<&str> = studies.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["alpha", "mini"]);
    assert_eq!(study::study_ids(dir.path()).unwrap(), ["alpha", "mini"]);
}

#[test]
fn printed_numbers_keep_their_decimals_and_refuse_other_text() {
    let parse = |t: &str| study::ReportedNumber::parse(t, "value");
    let n = parse("3.0").unwrap();
    assert_eq!((n.value, n.decimals), (3.0, 1));
    let n = parse("-0.25").unwrap();
    assert_eq!((n.value, n.decimals), (-0.25, 2));
    assert_eq!(parse("2080").unwrap().decimals, 0);
    // A leading point or plus sign is a number as some documents print it.
    assert_eq!(
        (parse(".5").unwrap().value, parse(".5").unwrap().decimals),
        (0.5, 1)
    );
    assert_eq!(parse("+3").unwrap().value, 3.0);
    for bad in ["", "1,500", "5.1 ± 1.7", "1e3", "5.", "NaN", "inf"] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn an_expected_value_must_be_finite() {
    let text = std::fs::read_to_string("tests/data/valid/mini.toml").unwrap();
    // `expected = 71.4` stands on line 74 of the fixture.
    let broken = text.replacen("expected = 71.4", "expected = nan", 1);
    let err = study::load_str(&broken, Path::new("mini.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "mini.toml:74: expectations[responder_percent].expected: NaN is not allowed"
        ),
        "{err}"
    );
}

#[test]
fn a_correlation_must_lie_in_minus_one_to_one() {
    let text = std::fs::read_to_string("tests/data/valid/mini.toml").unwrap();
    let with = |r: &str| {
        text.replacen(
            "correlation = \"not reported\"",
            &format!("correlation = {r}"),
            1,
        )
    };
    let s = study::load_str(&with("0.5"), Path::new("mini.toml")).unwrap();
    assert_eq!(
        s.measure("score").unwrap().correlation,
        Reported::Value(0.5)
    );
    assert!(study::load_str(&with("1"), Path::new("mini.toml")).is_ok());
    let err = study::load_str(&with("1.5"), Path::new("mini.toml"))
        .unwrap_err()
        .to_string();
    // `correlation` stands on line 37 of the fixture.
    assert!(
        err.starts_with("mini.toml:37: measures[score].correlation: 1.5 is not allowed"),
        "{err}"
    );
}

#[test]
fn a_scale_must_have_max_above_min() {
    let text = std::fs::read_to_string("tests/data/valid/mini.toml").unwrap();
    let broken = text.replacen(
        "scale = { min = 0, max = 10, step = 1 }",
        "scale = { min = 10, max = 0, step = 1 }",
        1,
    );
    let err = study::load_str(&broken, Path::new("mini.toml"))
        .unwrap_err()
        .to_string();
    // `scale` stands on line 34 of the fixture.
    assert!(
        err.starts_with(
            "mini.toml:34: measures[score].scale: max 0 must be a finite number above min 10"
        ),
        "{err}"
    );
}
