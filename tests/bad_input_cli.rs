//! Bad input found in review: each gives exit 2 with the option named, never a result.

use crate::common::trialstats;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

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

/// Documents that are not text, for `draft` and `check text`: each exits 2 naming the file,
/// what is wrong and what is read; `draft -o` writes nothing.
#[test]
fn bad_documents_are_refused_by_draft_and_check_text_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // 臨床試験 in Shift-JIS.
    let sjis: &[u8] = b"\x97\xd5\x8f\xb0\x8e\x8e\x8c\xb1\x82\xc5 7 \x96\xbc\x81\x42\n";
    let big = {
        let line = "In the trial, 45 of 90 patients (50.0%) responded; mean age 61.2 years.\n";
        line.repeat(50 * 1024 * 1024 / line.len() + 1)
    };
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        ("empty.txt", Vec::new(), &["empty", "document with text"]),
        (
            "binary.txt",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
            &["binary", "plain text (UTF-8), HTML or PDF"],
        ),
        (
            "shift_jis.txt",
            sjis.to_vec(),
            &["not UTF-8", "Shift-JIS", "iconv -f SHIFT_JIS -t UTF-8"],
        ),
        ("big.txt", big.into_bytes(), &["52.4 MB", "up to 10 MB"]),
        (
            // Windows' "Unicode" text: UTF-16 with a byte-order mark, full of zero bytes.
            "utf16.txt",
            [0xFF, 0xFE]
                .into_iter()
                .chain(
                    "EDSS 4.1 ± 1.6 (n = 7)\n"
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes),
                )
                .collect(),
            &["UTF-16LE text", "iconv -f UTF-16LE -t UTF-8"],
        ),
    ];
    for (name, bytes, needles) in &cases {
        let doc = dir.path().join(name);
        std::fs::write(&doc, bytes).unwrap();
        let out = dir.path().join("out.toml");
        let start = std::time::Instant::now();
        for args in [
            vec!["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()],
            vec!["check", "text", doc.to_str().unwrap()],
        ] {
            let assert = trialstats().args(&args).assert().code(2);
            let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
            assert!(err.contains(name), "{args:?}: {err}");
            for needle in needles.iter() {
                assert!(err.contains(needle), "{args:?}: no '{needle}' in {err}");
            }
            assert!(!err.contains("panicked"), "{err}");
        }
        assert!(!out.exists(), "{name}: draft wrote {out:?}");
        assert!(
            start.elapsed().as_secs() < 30,
            "{name} took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn a_missing_output_folder_and_an_empty_data_folder_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    std::fs::write(&doc, "EDSS 4.1 ± 1.6 (n = 7)\n").unwrap();
    let out = dir.path().join("none").join("a.toml");
    let assert = trialstats()
        .args(["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("none' does not exist; create it first") && !err.contains(".trialstats-"),
        "{err}"
    );
    // A check or report of a folder without a study file would pass having checked nothing.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for args in [
        vec!["check", "--data", empty.to_str().unwrap()],
        vec!["report", "--data", empty.to_str().unwrap()],
    ] {
        trialstats()
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("holds no study file (*.toml)").and(contains("--data DIR")));
    }
}
