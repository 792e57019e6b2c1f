//! `check text` on a web page and a PDF reads the same results as on the plain text they were
//! made from (tests/data/documents: results.txt; results.html written by hand; results.pdf
//! written from results.txt by make_pdf.py with a subset TrueType font, so its text layer must
//! be mapped back through the font's ToUnicode table, and one result breaks over two lines).
//!
//! Verdicts: the four results that statcheck's own test papers also print (Qb, t, Z and F, in
//! statcheck's inst/test_materials/test_dir/manually_extracted_stats_testpapers.csv, coded by
//! hand there as error 1 / decision error 1, 0 / 0, 1 / 0 and 1 / 1) and the three added here,
//! whose p are R 4.2.2's:
//! `pchisq(3.78, 1, lower.tail = FALSE)` = 0.051868660651938639,
//! `2*pt(-4.93, 37)` = 1.7509066051278214e-05, `2*pnorm(-1.54)` = 0.1235603534236238,
//! `pf(1.203, 2, 56, lower.tail = FALSE)` = 0.30793266521673124,
//! `pchisq(16.78, 1, lower.tail = FALSE)` = 4.1973365590249486e-05,
//! `pchisq(22.20, 28, lower.tail = FALSE)` = 0.77194870403293581,
//! `2*pt(-.34*sqrt(46/(1-.34^2)), 46)` = 0.018058644470580934.

use assert_cmd::Command;
use predicates::str::contains;

const DIR: &str = "tests/data/documents";

/// (statistic as printed in the plain text, verdict, R's p)
const EXPECTED: [(&str, &str, f64); 7] = [
    (
        "Qb(1) = 3.78, p < .05",
        "decision_error",
        0.051868660651938639,
    ),
    (
        "t(37) = -4.93, p < .001",
        "consistent",
        1.7509066051278214e-05,
    ),
    ("Z = 1.54, p = .14", "inconsistent", 0.1235603534236238),
    (
        "F(2, 56) = 1.203, p < .001",
        "decision_error",
        0.30793266521673124,
    ),
    (
        "χ2(1, N = 2,080) = 16.78, p < .001",
        "consistent",
        4.1973365590249486e-05,
    ),
    (
        "Q(28) = 22.20, p = .79",
        "inconsistent",
        0.77194870403293581,
    ),
    ("r(46) = .34, p = .03", "inconsistent", 0.018058644470580934),
];

fn scan(file: &str) -> serde_json::Value {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "check",
            "text",
            &format!("{DIR}/{file}"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    // Inconsistencies found: exit 1, as for a plain-text manuscript.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check(file: &str, lines: [u64; 7]) {
    let v = scan(file);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 7, "{file}: {v}");
    assert_eq!(v["summary"]["not_checked"], 0, "{file}");
    for ((r, (text, verdict, p)), line) in results.iter().zip(EXPECTED).zip(lines) {
        assert_eq!(r["test"]["text"], text, "{file}");
        assert_eq!(r["verdict"], verdict, "{file}: {text}");
        assert!(
            (r["computed_p"].as_f64().unwrap() - p).abs() < 1e-12 * p.max(1e-3),
            "{file}: {text}"
        );
        assert_eq!(r["line"], line, "{file}: {text}");
    }
}

#[test]
fn plain_text() {
    // The U+2212 minus of "−4.93" reads as a minus.
    check("results.txt", [3, 4, 4, 5, 6, 7, 7]);
}

#[test]
fn a_web_page() {
    // One block per line (the title and heading first); <sub>, <sup>, &minus; and &chi; read
    // as text; the table's two results are on its rows.
    check("results.html", [4, 5, 5, 6, 7, 9, 10]);
}

#[test]
fn a_pdf() {
    // Lines of the extracted text (blank lines between the paragraphs); the last line's
    // "p =" / ".03" is broken over two lines by the PDF's justified wrapping.
    check("results.pdf", [7, 9, 9, 11, 13, 17, 17]);
}

#[test]
fn a_pdf_without_a_text_layer_or_damaged_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("scan.pdf");
    std::fs::write(
        &bad,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    )
    .unwrap();
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["check", "text", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("scan.pdf: could not read the PDF"));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["check", "text", empty.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("empty.txt: the file is empty"));
}

/// A folder, as statcheck's checkdir: every document in it and its sub-folders, in path order;
/// one that cannot be read is listed and the others are checked (exit 1, as for an
/// inconsistency); a folder without documents is refused (exit 2).
#[test]
fn a_folder_checks_every_document_and_lists_the_unreadable() {
    let v = scan("");
    assert_eq!(v["summary"]["documents"], 3, "{v}");
    assert_eq!(v["summary"]["results"], 21);
    assert_eq!(v["summary"]["consistent"], 6);
    assert_eq!(v["summary"]["inconsistent"], 9);
    assert_eq!(v["summary"]["decision_errors"], 6);
    let kinds: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["html", "pdf", "text"]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy(format!("{DIR}/results.txt"), dir.path().join("sub/a.txt")).unwrap();
    std::fs::write(
        dir.path().join("scan.pdf"),
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("figure.png"), b"\x89PNG").unwrap();
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "check",
            "text",
            dir.path().to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["documents"], 2, "{v}");
    assert_eq!(v["summary"]["results"], 7);
    assert!(
        v["not_read"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("scan.pdf")
    );
    assert!(
        v["not_read"][0]["problem"]
            .as_str()
            .unwrap()
            .starts_with("could not read the PDF")
    );

    let empty = tempfile::tempdir().unwrap();
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["check", "text", empty.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("no documents in this folder"));
}

/// An estimate outside its own printed interval (made-up numbers in the thirty-seventh
/// new-user trial's form: `−1.8 kg (95% CI −0.9 to 0.7)`): `check text` says so and exits 1;
/// the same text with the estimate inside its interval exits 0.
#[test]
fn an_estimate_outside_its_interval_is_inconsistent() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "Weight changed by −1.8 kg (95% CI −0.9 to 0.7) at week 12.\n",
    )
    .unwrap();
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["check", "text"])
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(contains(
            "the estimate -1.8 lies outside its own interval -0.9 to 0.7",
        ));
    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "Weight changed by −1.8 kg (95% CI −2.9 to −0.7) at week 12.\n",
    )
    .unwrap();
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["check", "text"])
        .arg(&good)
        .assert()
        .code(0);
}
