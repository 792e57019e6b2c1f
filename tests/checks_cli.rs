//! `trialstats check ...`: exit codes (0 consistent, 1 inconsistent, 2 bad input) and the
//! content of the messages. Reference values are worked in the library's unit tests.

use crate::common::subcommand;
use predicates::str::contains;

/// `trialstats check ARGS --format json` whatever its exit: the exit code, and stdout as JSON
/// (null when it is not JSON).
fn code_and_json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = subcommand("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (code, v)
}

#[test]
fn grim_brown_heathers_example_is_inconsistent() {
    // Brown & Heathers (2017): 5.19 with n = 28 is impossible (145/28 = 5.1786, 146/28 = 5.2143).
    subcommand("check")
        .args(["grim", "--mean", "5.19", "--n", "28"])
        .assert()
        .code(1)
        .stdout(contains("inconsistent").and(contains("5.17857")));
    let (code, v) = code_and_json(&["grim", "--mean", "5.21", "--n", "28"]);
    assert_eq!(code, 0);
    assert_eq!(v["consistent"], true);
}

#[test]
fn grim_with_half_steps_and_items() {
    // EDSS 5.1 with n = 7 on 0.5 steps: every one-decimal mean is possible (not applicable).
    let (code, v) = code_and_json(&["grim", "--mean", "5.1", "--n", "7", "--step", "0.5"]);
    assert_eq!(code, 0);
    assert_eq!(v["status"], "not_applicable");
    // scrutiny: grim("0.81", 28, items = 2) is FALSE.
    let (code, v) = code_and_json(&["grim", "--mean", "0.81", "--n", "28", "--items", "2"]);
    assert_eq!(
        (code, v["consistent"].clone()),
        (1, serde_json::json!(false))
    );
}

#[test]
fn rounding_rule_changes_ties_only() {
    // 49/56 = 0.875 exactly: 0.87 only when ties may round down.
    let base = ["grim", "--mean", "0.87", "--n", "28", "--items", "2"];
    subcommand("check").args(base).assert().code(0);
    subcommand("check")
        .args(base)
        .args(["--rounding", "half-up"])
        .assert()
        .code(1);
    subcommand("check")
        .args(base)
        .args(["--rounding", "sideways"])
        .assert()
        .code(2);
}

#[test]
fn grimmer_parity_failure_and_sem() {
    // scrutiny pigs5 case 3: 5.23 ± 2.55, n = 35 fails Allard's test 3 (parity).
    let (code, v) = code_and_json(&["grimmer", "--mean", "5.23", "--sd", "2.55", "--n", "35"]);
    assert_eq!(code, 1);
    assert_eq!(v["failed_test"], "parity");
    // 3.0 ± 0.58 as an SEM with n = 7 means SD ≈ 1.53: consistent (Q = 77).
    let (code, v) = code_and_json(&[
        "grimmer", "--mean", "3.0", "--sd", "0.58", "--n", "7", "--sem",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["example_sum_of_squares"], 77);
}

#[test]
fn debit_and_percent() {
    // scrutiny pigs3 case 4: 0.19 ± 0.35, n = 1683 is DEBIT-inconsistent.
    subcommand("check")
        .args(["debit", "--mean", "0.19", "--sd", "0.35", "--n", "1683"])
        .assert()
        .code(1);
    let (code, v) = code_and_json(&["percent", "--percent", "85.7", "--max-n", "30"]);
    assert_eq!(code, 0);
    assert_eq!(
        v["possible_denominators"],
        serde_json::json!([7, 14, 21, 28])
    );
    subcommand("check")
        .args(["percent", "--percent", "85.7", "--n", "7", "--count", "5"])
        .assert()
        .code(1)
        .stdout(contains("5/7 = 71.429 %"));
}

#[test]
fn bounds_largest_sd_and_sem_warning() {
    // Pain 0.9 on 0..10 integers, n = 7: largest SD 2.2678 (see bounds.rs); 2.4 is impossible.
    subcommand("check")
        .args([
            "bounds", "--mean", "0.9", "--sd", "2.4", "--n", "7", "--min", "0", "--max", "10",
            "--step", "1",
        ])
        .assert()
        .code(1)
        .stdout(contains("2.268"));
    let (code, v) = code_and_json(&[
        "bounds", "--mean", "5.0", "--sd", "0.30", "--n", "50", "--min", "0", "--max", "10",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["sd_or_sem"]["status"], "warning");
    subcommand("check")
        .args([
            "bounds", "--mean", "11.0", "--n", "7", "--min", "0", "--max", "10",
        ])
        .assert()
        .code(1)
        .stdout(contains("cannot lie inside"));
}

#[test]
fn sprite_nmo_relapses_single_sample() {
    // 0.4 ± 0.8 relapses, n = 7: exactly one sample, {0,0,0,0,0,1,2}.
    let (code, v) = code_and_json(&[
        "sprite", "--mean", "0.4", "--sd", "0.8", "--n", "7", "--min", "0", "--max", "10",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["complete"], true);
    assert_eq!(v["total_samples"], 1);
    assert_eq!(
        v["samples"],
        serde_json::json!([[0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0]])
    );
}

#[test]
fn sprite_random_search_is_seeded() {
    let args = [
        "sprite",
        "--mean",
        "4.12",
        "--sd",
        "1.83",
        "--n",
        "100",
        "--min",
        "1",
        "--max",
        "7",
        "--samples",
        "50",
        "--seed",
        "7",
    ];
    let (code, a) = code_and_json(&args);
    let (_, b) = code_and_json(&args);
    assert_eq!(code, 0);
    assert_eq!(a["samples"].as_array().unwrap().len(), 50);
    assert_eq!(a["samples"], b["samples"]);
    // Impossible: 4.0 ± 4.0 with n = 7 on 1..7 (largest SD 3.0).
    subcommand("check")
        .args([
            "sprite", "--mean", "4.0", "--sd", "4.0", "--n", "7", "--min", "1", "--max", "7",
        ])
        .assert()
        .code(1)
        .stdout(contains("no sample of 7 values exists"));
}

#[test]
fn bad_input_exits_2_with_location() {
    subcommand("check")
        .args(["grim", "--mean", "5.1x", "--n", "28"])
        .assert()
        .code(2)
        .stderr(contains("--mean").and(contains("not a number as written")));
    subcommand("check")
        .args(["grim", "--mean", "5.1", "--n", "0"])
        .assert()
        .code(2)
        .stderr(contains("--n"));
    subcommand("check")
        .args(["grim", "--mean", "5.1", "--n", "7", "--step", "0"])
        .assert()
        .code(2)
        .stderr(contains("--step"));
    subcommand("check")
        .args([
            "sprite", "--mean", "5", "--sd", "1", "--n", "7", "--min", "0", "--max", "10.25",
            "--step", "0.5",
        ])
        .assert()
        .code(2)
        .stderr(contains("--max"));
    subcommand("check")
        .args([
            "bounds", "--mean", "5", "--n", "7", "--min", "10", "--max", "0",
        ])
        .assert()
        .code(2);
    subcommand("check")
        .args(["grim", "--n", "7"])
        .assert()
        .code(2);
    subcommand("check")
        .args(["--data", "/no/such/folder"])
        .assert()
        .code(2)
        .stderr(contains("--data"));
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn options_before_the_subcommand_and_data_conflict() {
    subcommand("check")
        .args(["--format", "json", "grim", "--mean", "3.0", "--n", "7"])
        .assert()
        .code(0)
        .stdout(contains("\"consistent\": true"));
    subcommand("check")
        .args(["--data", "data", "grim", "--mean", "3.0", "--n", "7"])
        .assert()
        .code(2)
        .stderr(contains("--data"));
    // GRIMMER test 1 message names the real interval: 0.4 ± 0.6, n = 7 needs a sum of squares
    // in [6·0.55² + 9/7, 6·0.65² + 9/7] = [3.101, 3.821].
    subcommand("check")
        .args(["grimmer", "--mean", "0.4", "--sd", "0.6", "--n", "7"])
        .assert()
        .code(1)
        .stdout(contains("3.101").and(contains("3.821")));
}

/// The whole data folder: every summary of the NMO study adds up. The relapse counts after one
/// year, 0.4 ± 0.8 with n = 7 whole counts, have exactly one possible sample: the sum must be 3
/// (3/7 = 0.43 → 0.4) and only {0,0,0,0,0,1,2} has sample SD √((5 − 9/7)/6) = 0.787 → 0.8
/// ({0,0,0,0,1,1,1}: 0.53; {0,0,0,0,0,0,3}: 1.13), which agrees with 5 of 7 relapse-free.
#[test]
fn data_folder_is_consistent_and_the_relapse_sample_is_unique() {
    subcommand("check")
        .args(["--data", "data"])
        .assert()
        .code(0)
        .stdout(contains("exactly 1 possible sample for 0.4 ± 0.8"))
        .stdout(contains("{0, 0, 0, 0, 0, 1, 2}"))
        .stdout(contains("0 inconsistent"));
}

/// With pain at one year printed as 0.8 instead of 0.9 (n = 7 whole points): k/7 rounds to
/// 0.7 (5/7 = 0.714) or 0.9 (6/7 = 0.857), never 0.8, so GRIM fails and the command exits 1.
#[test]
fn an_impossible_mean_in_the_data_exits_1() {
    subcommand("check")
        .args([
            "--data",
            "tests/data/check_inconsistent",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stdout(contains("\"inconsistent\""));
}

/// A study of two percentages: a change (−12 %, a median reduction) and a share of 7 patients.
fn percent_study(share: &str, change_unit: &str, change_label: &str) -> String {
    format!(
        r#"schema = 1
id = "pct_study"
title = "Percentages"
source_file = "pct.txt"
document = "test"
publication = {{ title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }}
design = "single-arm"
population = "7 patients"
intervention = "a drug"

[[facts]]
id = "n_patients"
label = "Patients treated"
value = "7"
unit = "patients"
quote = "7 patients were treated."
where = "line 1"

[[facts]]
id = "responders_percent"
label = "Patients who responded"
value = "{share}"
unit = "percent"
of = "n_patients"
quote = "5 of them ({share}%) responded."
where = "line 1"

[[facts]]
id = "relapse_rate_change"
label = "{change_label}"
value = "-12"
unit = "{change_unit}"
quote = "The median reduction in the relapse rate was -12% compared with placebo."
where = "line 2"
"#
    )
}

/// A negative percent change is not a proportion (data/README.md: `unit = "percent change"`,
/// or `"percent"` with a change word), so `check` passes it; a percentage that no whole
/// number of the 7 patients gives (70 %: 5/7 is 71.4 %) still exits 1.
#[test]
fn a_percent_change_is_not_a_proportion_but_an_impossible_share_is_inconsistent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pct_study.toml");
    let d = dir.path().to_str().unwrap();
    for (unit, label) in [
        ("percent change", "Relapse rate vs placebo"),
        ("percent", "Median reduction of the relapse rate"),
        ("percent", "review: percentage of …"), // negative, and the quote names a reduction
    ] {
        std::fs::write(&file, percent_study("71.4", unit, label)).unwrap();
        subcommand("check")
            .args(["--data", d])
            .assert()
            .code(0)
            .stdout(contains("between 0 and 100").not());
        std::fs::write(&file, percent_study("70", unit, label)).unwrap();
        subcommand("check")
            .args(["--data", d])
            .assert()
            .code(1)
            .stdout(contains("no count out of 7 gives 70 %"));
    }
    // A negative share with no word of change is still impossible, and says what to write.
    let text = percent_study("71.4", "percent", "Patients").replace(
        "The median reduction in the relapse rate was",
        "The figure was",
    );
    std::fs::write(&file, text).unwrap();
    subcommand("check")
        .args(["--data", d])
        .assert()
        .code(1)
        .stdout(contains("between 0 and 100").and(contains("percent change")));
}

/// Messages of `check --data` suggest only options that `check` takes: the search over
/// denominators there names no --max-n (an option of `check percent` only, where it stays).
#[test]
fn check_data_suggests_no_option_of_another_command() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        percent_study("71.4", "percent change", "Change").replace("of = \"n_patients\"\n", "");
    std::fs::write(dir.path().join("pct_study.toml"), text).unwrap();
    subcommand("check")
        .args(["--data", dir.path().to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(contains("no denominator printed with it").and(contains("--max-n").not()));
    subcommand("check")
        .args(["percent", "--percent", "71.4"])
        .assert()
        .stdout(contains("--max-n searches further"));
}

/// A percentage printed with its count and whole (`20 of 45 (55.6%)`, as `draft` writes it:
/// the percentage, its whole, and the count of that whole) is checked against the printed
/// count: 20/45 is 44.4 %, so 55.6 % (which 25/45 gives) is inconsistent and `check` exits 1.
/// A whole that two counts share names no count of the percentage: only whether some count
/// gives it is checked.
#[test]
fn a_percentage_is_checked_against_the_count_printed_with_it() {
    let study = |count: &str, other_count: bool| {
        let mut s = percent_study("55.6", "percent change", "Change")
            .replace("value = \"7\"", "value = \"45\"")
            .replace("id = \"responders_percent\"", "id = \"completed_percent\"");
        s.push_str(&format!(
            "\n[[facts]]\nid = \"completed_percent_count\"\nlabel = \"Completed\"\nvalue = \"{count}\"\nunit = \"patients\"\nof = \"n_patients\"\nquote = \"{count} of 45 (55.6%) completed.\"\nwhere = \"line 1\"\n"
        ));
        if other_count {
            s.push_str("\n[[facts]]\nid = \"dropped_out\"\nlabel = \"Dropped out\"\nvalue = \"20\"\nunit = \"patients\"\nof = \"n_patients\"\nquote = \"20 of 45 dropped out.\"\nwhere = \"line 1\"\n");
        }
        s
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pct_study.toml");
    let d = dir.path().to_str().unwrap();
    std::fs::write(&file, study("20", false)).unwrap();
    subcommand("check")
        .args(["--data", d])
        .assert()
        .code(1)
        .stdout(contains("20/45 = 44.444 %, which does not round to 55.6 %"));
    std::fs::write(&file, study("25", false)).unwrap();
    subcommand("check").args(["--data", d]).assert().code(0);
    // The count named by the percentage's id decides, whatever else counts of the whole.
    std::fs::write(&file, study("20", true)).unwrap();
    subcommand("check").args(["--data", d]).assert().code(1);
    let shared = study("20", true).replace("completed_percent_count", "completed_n");
    std::fs::write(&file, shared).unwrap();
    subcommand("check")
        .args(["--data", d])
        .assert()
        .code(0)
        .stdout(contains("55.6 % of 45 is a count of 25"));
}
