//! `trialstats plot KIND …`: every kind's inline and CSV forms write the image (exit 0);
//! bad numbers, options and files are refused with exit 2 and a message naming where.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn trialstats() -> Command {
    Command::cargo_bin("trialstats").unwrap()
}

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    // IHDR: width and height are big-endian u32 at bytes 16..24.
    let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    (w, h)
}

#[test]
fn before_after_inline_writes_png_of_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("edss.png");
    trialstats()
        .args([
            "plot",
            "before-after",
            "--label",
            "EDSS",
            "--unit",
            "points",
            "--n",
            "7",
            "--scale",
            "0,10",
            "--bars",
            "sd",
        ])
        .args([
            "--point",
            "before,5.1,1.7",
            "--point",
            "1 year,4.1,1.6",
            "--point",
            "2 years,NA,NA",
        ])
        .args(["--width", "640", "--height", "480", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("edss.png").and(predicate::str::contains("640×480")));
    assert_eq!(png_size(&out), (640, 480));
}

#[test]
fn every_kind_has_an_inline_form() {
    let dir = tempfile::tempdir().unwrap();
    let svg = |name: &str| dir.path().join(format!("{name}.svg"));
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "slope",
            vec![
                "plot",
                "slope",
                "--before",
                "0.47",
                "--after",
                "0.25",
                "--months",
                "12",
                "--unit",
                "ALSFRS-R points",
            ],
            "0.22 × 12 = 2.64 ALSFRS-R points",
        ),
        (
            "sensitivity",
            vec![
                "plot",
                "sensitivity",
                "--point",
                "0,0.4,-0.1,0.9",
                "--point",
                "0.5,0.5,0.1,0.9",
                "--effect-label",
                "SMCR",
            ],
            "from r = 0.5",
        ),
        (
            "forest",
            vec![
                "plot",
                "forest",
                "--row",
                "EDSS,0.6,0.1,1.1,40",
                "--row",
                "pain,0.9,0.4,1.4,60",
                "--summary",
                "pooled,0.8,0.4,1.2",
                "--prediction",
                "0.2,1.4",
            ],
            "prediction interval",
        ),
        (
            "funnel",
            vec![
                "plot",
                "funnel",
                "--study",
                "a,0.2,0.1",
                "--study",
                "b,0.5,0.3",
                "--pooled",
                "0.3",
                "--contours",
                "--egger",
                "0.1,0.9",
            ],
            "Egger regression",
        ),
        (
            "proportion",
            vec!["plot", "proportion", "--item", "relapse-free,5,7"],
            "5/7 = 71.4% [29.0, 96.3]",
        ),
        (
            "histogram",
            vec![
                "plot",
                "histogram",
                "--sample",
                "s1:1,2,2,3",
                "--sample",
                "s2:2,3,3,4",
                "--layout",
                "grid",
            ],
            "s2",
        ),
        (
            "trajectory",
            vec![
                "plot",
                "trajectory",
                "--obs",
                "1,0,40",
                "--obs",
                "1,6,37,37.2",
                "--obs",
                "2,0,42",
                "--population",
                "41,-0.5",
                "--treatment-start",
                "3",
            ],
            "treatment start",
        ),
        (
            "panel",
            vec![
                "plot",
                "panel",
                "--row",
                "EDSS,points,0,10,sd,7,before,5.1,1.7",
                "--row",
                "EDSS,points,0,10,sd,7,after,4.1,1.6",
                "--row",
                "pain,NRS,0,10,sem,7,before,6.2,0.9",
            ],
            "pain (NRS)",
        ),
    ];
    for (name, args, word) in cases {
        let out = svg(name);
        trialstats()
            .args(&args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(word), "{name}: the SVG lacks '{word}'");
    }
}

#[test]
fn csv_forms_read_columns_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let forest = dir.path().join("forest.csv");
    std::fs::write(
        &forest,
        "estimate,label,ci_lower,ci_upper\n0.3,\"Smith, 2019\",0.1,0.5\n0.4,Lee,0.2,0.6\n",
    )
    .unwrap();
    let out = dir.path().join("forest.svg");
    trialstats()
        .args(["plot", "forest", "--input"])
        .arg(&forest)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Smith, 2019"));

    let sens = dir.path().join("sens.csv");
    std::fs::write(
        &sens,
        "r,estimate,ci_lower,ci_upper\n0,0.5,-0.1,1.1\n0.9,0.5,0.3,0.7\n",
    )
    .unwrap();
    let out = dir.path().join("sens.png");
    trialstats()
        .args(["plot", "sensitivity", "--csv"])
        .arg(&sens)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(png_size(&out), (800, 600));
}

#[test]
fn bad_numbers_are_refused_with_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    trialstats()
        .args([
            "plot",
            "before-after",
            "--label",
            "EDSS",
            "--point",
            "before,five,1.7",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("--point 'before,five,1.7'")
                .and(predicate::str::contains("'five' is not a number")),
        );
    trialstats()
        .args(["plot", "proportion", "--item", "relapse-free,8,7", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot exceed"));
    trialstats()
        .args([
            "plot",
            "before-after",
            "--label",
            "EDSS",
            "--scale",
            "10,0",
            "--point",
            "a,1,1",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bottom must be below its top"));
    trialstats()
        .args([
            "plot",
            "before-after",
            "--label",
            "EDSS",
            "--bars",
            "iqr",
            "--point",
            "a,1,1",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--bars").and(predicate::str::contains("sd, sem")));
    assert!(!out.exists(), "nothing may be written on bad input");
}

#[test]
fn bad_files_and_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("f.csv");
    std::fs::write(&csv, "label,estimate,lower,upper\nA,1,0,2\n").unwrap();
    trialstats()
        .args(["plot", "forest", "--input"])
        .arg(&csv)
        .args(["-o", "x.svg"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("f.csv:1")
                .and(predicate::str::contains("no column 'ci_lower'")),
        );
    std::fs::write(&csv, "label,estimate,ci_lower,ci_upper\nA,1,0,2\nB,1,x,2\n").unwrap();
    trialstats()
        .args(["plot", "forest", "--input"])
        .arg(&csv)
        .args(["-o", "x.svg"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("f.csv:3")
                .and(predicate::str::contains("ci_lower 'x' is not a number")),
        );
    trialstats()
        .args(["plot", "forest", "--row", "A,1,0,2", "-o"])
        .arg(dir.path().join("x.gif"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output").and(predicate::str::contains(".svg or .png")));
    trialstats()
        .args(["plot", "forest", "--row", "A,1,0,2", "--width", "50", "-o"])
        .arg(dir.path().join("x.png"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--width"));
    trialstats()
        .args(["plot", "forest", "--input"])
        .arg(dir.path().join("missing.csv"))
        .args(["-o", "x.svg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.csv"));
    trialstats()
        .args(["plot", "forest", "-o", "x.svg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rows"));
    trialstats().args(["plot", "nonsense"]).assert().code(2);
    assert!(!Path::new("x.svg").exists());
}
