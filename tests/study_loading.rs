//! Loading a data folder reports every problem of every file (file:line: field: what is
//! wrong; what is allowed), at once, and refuses what is not a study instead of skipping it.

use assert_cmd::Command;
use std::path::Path;

const MINI: &str = include_str!("data/valid/mini.toml");

/// A data folder holding `files` (name, text).
fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The valid fixture as study `id`, with `edits` (from, to) applied.
fn mini(id: &str, edits: &[(&str, &str)]) -> String {
    let mut text = MINI.replacen("id = \"mini\"", &format!("id = \"{id}\""), 1);
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no '{from}'");
        text = text.replacen(from, to, 1);
    }
    text
}

fn problems(dir: &Path) -> String {
    let e = trialstats::study::load_dir(dir).unwrap_err();
    e.to_string()
}

#[test]
fn every_problem_of_every_file_is_reported() {
    let dir = folder(&[
        (
            "a.toml",
            mini(
                "a",
                &[
                    ("mean = \"0.9\"", "mean = \"11\""),
                    ("value = \"0.47\"", "value = \"x\""),
                ],
            ),
        ),
        (
            "b.toml",
            mini("b", &[("tolerance = 0.05", "tolerance = -1")]),
        ),
        ("c.toml", mini("c", &[])),
    ]);
    let e = problems(dir.path());
    assert!(e.starts_with("3 problems:"), "{e}");
    assert!(
        e.contains("a.toml:52: measures[score].timepoints[after].mean: 11 is outside the scale"),
        "{e}"
    );
    assert!(
        e.contains("a.toml:67: slopes[decline].before.value: 'x' is not a number"),
        "{e}"
    );
    assert!(
        e.contains("b.toml:75: expectations[responder_percent].tolerance"),
        "{e}"
    );
    // The command line exits 2 and prints them all.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["list", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("3 problems:"));
}

#[test]
fn expectations_are_checked_when_a_file_is_read() {
    for (edit, wanted) in [
        (
            (
                "percent(responders, n_patients)",
                "percent(responders, n_patients",
            ),
            "expected ',' or ')'",
        ),
        (
            (
                "percent(responders, n_patients)",
                "mean(responders, n_patients)",
            ),
            "unknown function 'mean'",
        ),
        (
            (
                "percent(responders, n_patients)",
                "percent(responders, n_patients - 7)",
            ),
            "division by zero",
        ),
        (
            ("tolerance = 0.05", "tolerance = inf"),
            "inf is not allowed",
        ),
        (
            ("of = \"n_patients\"", "of = \"responders\""),
            "cannot be a part of itself",
        ),
    ] {
        let dir = folder(&[("m.toml", mini("m", &[edit]))]);
        let e = problems(dir.path());
        assert!(e.contains(wanted) && e.contains("m.toml:"), "{wanted}: {e}");
        // `list` and `show` refuse the file as `verify` does.
        for args in [vec!["list"], vec!["show", "m"]] {
            Command::cargo_bin("trialstats")
                .unwrap()
                .args(&args)
                .arg("--data")
                .arg(dir.path())
                .assert()
                .code(2)
                .stderr(predicates::str::contains(wanted));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_folder_or_a_broken_link_named_toml_is_refused_not_skipped() {
    let dir = folder(&[("mini.toml", MINI.to_string())]);
    std::fs::create_dir(dir.path().join("x.toml")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/study.toml", dir.path().join("dangling.toml"))
        .unwrap();
    std::os::unix::fs::symlink(dir.path().join("loop.toml"), dir.path().join("loop.toml")).unwrap();
    let e = problems(dir.path());
    assert!(e.starts_with("3 problems:"), "{e}");
    assert!(e.contains("x.toml: is not a file"), "{e}");
    assert!(e.contains("dangling.toml: cannot be read"), "{e}");
    assert!(e.contains("loop.toml: cannot be read"), "{e}");
}
