//! Bad input found in review: each gives exit 2 with the option named, never a result.

use assert_cmd::Command;
use predicates::str::contains;

fn trialstats() -> Command {
    Command::cargo_bin("trialstats").unwrap()
}

fn refused(args: &[&str], needle: &str) {
    trialstats()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains(needle));
}

#[test]
fn negative_spreads_and_impossible_ranges_in_check_are_bad_input() {
    refused(
        &[
            "check", "sprite", "--mean", "0.4", "--sd", "-0.8", "--n", "7", "--min", "0", "--max",
            "5",
        ],
        "--sd",
    );
    refused(
        &[
            "check", "bounds", "--mean", "5", "--sd", "-3", "--n", "7", "--min", "0", "--max", "10",
        ],
        "--sd",
    );
    refused(
        &[
            "check", "grimmer", "--mean", "5.0", "--sd", "-1", "--n", "7",
        ],
        "--sd",
    );
    refused(
        &["check", "debit", "--mean", "1.5", "--sd", "0.5", "--n", "7"],
        "--mean",
    );
    refused(
        &["check", "percent", "--percent", "171", "--n", "7"],
        "--percent",
    );
}

#[test]
fn fractional_counts_and_sizes_in_effect_are_bad_input() {
    refused(
        &[
            "effect", "SMCR", "--n", "7.5", "--before", "2.9,1.1", "--after", "0.4,0.8",
        ],
        "whole number",
    );
    refused(&["effect", "PR", "--events", "2.5", "--n", "7"], "--events");
    refused(
        &[
            "effect", "SMD", "--group1", "5,2,20.5", "--group2", "4,2,20",
        ],
        "--group1",
    );
}

#[test]
fn alpha_errors_name_alpha() {
    refused(
        &[
            "prepost", "--n", "7", "--before", "5.1,1.7", "--after", "4.1,1.6", "--alpha", "1.5",
        ],
        "--alpha: alpha = 1.5",
    );
    refused(
        &["report", "--no-plots", "--alpha", "1.5"],
        "--alpha: alpha = 1.5",
    );
}

#[test]
fn a_correlation_for_a_code_that_has_none_is_refused() {
    refused(
        &[
            "meta",
            "tests/data/bcg_raw.csv",
            "--measure",
            "RR",
            "--r",
            "2",
        ],
        "does not use a pre/post correlation",
    );
}

#[test]
fn empty_files_are_said_to_be_empty() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let e = empty.to_str().unwrap();
    refused(
        &["meta", e, "--yi", "yi", "--vi", "vi"],
        "the file is empty",
    );
    refused(
        &["lmm", e, "--formula", "y ~ x + (1 | g)"],
        "the file is empty",
    );
}

#[test]
fn plot_never_overwrites_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("items.png");
    std::fs::write(&input, "label,events,total\na,5,7\n").unwrap();
    trialstats()
        .args(["plot", "proportion", "--input"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join(".").join("items.png"))
        .assert()
        .code(2)
        .stderr(contains("would overwrite the input file"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "label,events,total\na,5,7\n"
    );
}

#[test]
fn charts_refuse_n_zero_and_levels_outside_zero_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let o = out.to_str().unwrap();
    refused(
        &[
            "plot",
            "before-after",
            "--label",
            "EDSS",
            "--unit",
            "points",
            "--n",
            "0",
            "--scale",
            "0,10",
            "--bars",
            "sd",
            "--point",
            "before,5.1,1.7",
            "-o",
            o,
        ],
        "n is 0",
    );
    refused(
        &[
            "plot",
            "sensitivity",
            "--point",
            "0,1,0.5,1.5",
            "--level",
            "1.5",
            "-o",
            o,
        ],
        "level = 1.5: a confidence level must lie strictly between 0 and 1",
    );
    assert!(!out.exists());
}
