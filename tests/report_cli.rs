//! `trialstats report`: the main job over the shipped data.

use crate::common::trialstats;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

#[test]
fn report_covers_all_six_studies_and_states_assumptions() {
    let out = trialstats().args(["report", "--no-plots"]).assert().code(0);
    let out = out
        .stdout(contains("nmo-tocilizumab"))
        .stdout(contains("als-muse-phase2"))
        .stdout(contains("als-muse-mouse"))
        .stdout(contains("jacals-registry"))
        .stdout(contains("sma-videos"))
        .stdout(contains("als-edaravone-phase3"));
    // The r is never silent, nor the reading of ±.
    out.stdout(contains("r = 0.5 (not reported; assumed (default))"))
        // What ± means, decided and said with its reason, for every measure that prints one.
        .stdout(contains("± is an SD: only that reading fits"))
        .stdout(contains("± is an SD as elsewhere in this document"))
        .stdout(contains("± is the SE of an adjusted (least-squares) mean"))
        // The slope SDs are not reported: no interval.
        .stdout(contains("not estimable: no SD reported"))
        .stdout(contains("17 of 17 expectations hold"));
}

/// EDSS 5.1 ± 1.7 → 4.1 ± 1.6, n = 7: significant only for r ≥ 0.786925331802081.
/// Reference: R 4.2.2, uniroot of t.test(paired = TRUE)$p.value − 0.05 over r on data built
/// with MASS::mvrnorm(7, ..., empirical = TRUE) to have exactly these means, SDs and r
/// (see crates/stats/src/prepost tests for the full call).
#[test]
fn report_json_carries_the_threshold_and_the_sweep() {
    let out = trialstats()
        .args(["report", "--no-plots", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let nmo = v["studies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "nmo-tocilizumab")
        .unwrap();
    let edss = nmo["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "edss")
        .unwrap();
    let a = &edss["analysis"];
    assert_eq!(a["threshold"]["kind"], "from");
    let r = a["threshold"]["r"].as_f64().unwrap();
    assert!((r - 0.786925331802081).abs() < 1e-9, "{r}");
    assert_eq!(a["sweep"].as_array().unwrap().len(), 10);
    // R: t.test on the constructed data at r = 0.5 gives p = 0.16043342397196253.
    let p = a["at_assumed_r"]["p"].as_f64().unwrap();
    assert!((p - 0.16043342397196253).abs() < 1e-9, "{p}");
}

#[test]
fn a_chosen_r_is_used_and_said() {
    trialstats()
        .args(["report", "--no-plots", "--r", "0.9"])
        .assert()
        .code(0)
        .stdout(contains("r = 0.9 (not reported; chosen by the user)"));
}

#[test]
fn csv_has_one_row_per_analysed_measure() {
    let out = trialstats()
        .args(["report", "--no-plots", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "study,measure,r,mean_change,ci_lower,ci_upper,p,significant_when"
    );
    assert_eq!(lines.len(), 1 + 4, "{text}"); // the four NMO measures
}

#[test]
fn a_failed_expectation_makes_the_report_exit_1() {
    trialstats()
        .args([
            "report",
            "--no-plots",
            "--data",
            "tests/data/verify_mismatch",
        ])
        .assert()
        .code(1)
        .stdout(contains("1 FAILED"));
}

#[test]
fn bad_options_exit_2() {
    trialstats()
        .args([
            "report",
            "--no-plots",
            "--data",
            "tests/data/no-such-folder",
        ])
        .assert()
        .code(2);
    trialstats()
        .args(["report", "--no-plots", "--r", "1.5"])
        .assert()
        .code(2)
        .stderr(contains("--r"));
}

/// What `report` prints on the project's data with `options`, its gallery in `plots` (exit 0).
fn report_into(options: &[&str], plots: &std::path::Path) -> String {
    let out = trialstats()
        .arg("report")
        .args(options)
        .arg("--plots")
        .arg(plots)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    String::from_utf8_lossy(&out).into_owned()
}

/// How many PNG files the folder holds: one per chart drawn.
fn pngs_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
        })
        .count()
}

#[test]
fn the_gallery_is_written_with_stable_names() {
    let dir = tempfile::tempdir().unwrap();
    let plots = dir.path().join("gallery");
    let out = report_into(&[], &plots);
    // The charts are counted as charts (one PNG each), not as the files written for them.
    let pngs = pngs_in(&plots);
    assert!(
        out.contains(&format!("\n{pngs} charts written (")),
        "{}",
        out
    );
    for stem in [
        "nmo-tocilizumab-panel",
        "nmo-tocilizumab-edss-before-after",
        "nmo-tocilizumab-edss-r-sensitivity",
        "nmo-tocilizumab-smcr-forest",
        "nmo-tocilizumab-proportions",
        "nmo-tocilizumab-annualised-relapse-rate-after-sprite",
        "als-muse-phase2-alsfrs-r-decline-slopes",
        "jacals-registry-proportions",
    ] {
        for ext in ["svg", "png"] {
            let f = plots.join(format!("{stem}.{ext}"));
            let len = std::fs::metadata(&f)
                .unwrap_or_else(|_| panic!("{} missing", f.display()))
                .len();
            assert!(len > 1000, "{} is only {len} bytes", f.display());
        }
    }
    assert!(plots.join("index.md").exists());
    // The page a person opens: every chart with its caption and links to both files.
    let html = std::fs::read_to_string(plots.join("index.html")).unwrap();
    assert!(html.contains("href=\"nmo-tocilizumab-edss-r-sensitivity.svg\""));
    assert!(html.contains("pre/post correlation r (not reported by the paper)"));
    // No temporary files are left behind.
    for entry in std::fs::read_dir(&plots).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            name.ends_with(".svg")
                || name.ends_with(".png")
                || name == "index.md"
                || name == "index.html",
            "{name}"
        );
    }
}

#[test]
fn the_gallery_draws_at_most_the_charts_it_is_told_and_says_how_many_it_left() {
    // A text drafted whole from a long document gave thousands of measures and a gigabyte of
    // charts (the fiftieth trial's probe): the gallery stops at `--max-charts` (500 unless
    // told) and lists the rest as not drawn, with how many.
    let dir = tempfile::tempdir().unwrap();
    let plots = dir.path().join("gallery");
    let out = report_into(&["--max-charts", "3"], &plots);
    let pngs = pngs_in(&plots);
    assert_eq!(pngs, 3, "{out}");
    assert!(out.contains("\n3 charts written ("), "{out}");
    assert!(
        out.contains("more chart(s): the gallery draws at most 3 charts"),
        "{out}"
    );
    for bad in ["0", "-1", "2.5"] {
        trialstats()
            .args(["report", "--no-plots", "--max-charts", bad])
            .assert()
            .code(2);
        trialstats()
            .args(["report", "--max-charts", bad, "--plots"])
            .arg(dir.path().join("none"))
            .assert()
            .code(2)
            .stderr(contains("--max-charts"));
    }
}

#[test]
fn charts_are_never_written_into_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        "data/nmo-tocilizumab.toml",
        data.join("nmo-tocilizumab.toml"),
    )
    .unwrap();
    trialstats()
        .args(["report", "--data"])
        .arg(&data)
        .arg("--plots")
        .arg(data.join("charts"))
        .assert()
        .code(2)
        .stderr(contains("never written into the data"));
    assert!(!data.join("charts").exists());
}

/// A user holding one drafted study file names it, as `show` takes one: `report FILE.toml -o
/// DIR` and `check FILE.toml` read that study alone (the gallery into DIR); study files from
/// two folders, a text named as a study, and files beside `--data` are refused with exit 2.
#[test]
fn one_study_file_is_reported_and_checked_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts");
    let out = trialstats()
        .args(["report", "data/nmo-tocilizumab.toml", "-o"])
        .arg(&charts)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains("nmo-tocilizumab") && !out.contains("als-muse-phase2"),
        "{out}"
    );
    assert!(pngs_in(&charts) >= 1);
    trialstats()
        .args(["check", "data/nmo-tocilizumab.toml"])
        .assert()
        .code(0)
        .stdout(contains("nmo-tocilizumab"))
        .stdout(contains("als-muse").not());
    std::fs::copy("data/sma-videos.toml", dir.path().join("sma-videos.toml")).unwrap();
    let elsewhere = dir.path().join("sma-videos.toml");
    trialstats()
        .args(["report", "--no-plots", "data/nmo-tocilizumab.toml"])
        .arg(&elsewhere)
        .assert()
        .code(2)
        .stderr(contains("another folder"));
    trialstats()
        .args(["check", "tests/data/corpus/README.md"])
        .assert()
        .code(2)
        .stderr(contains("is not a study file"));
    trialstats()
        .args(["check", "data/nmo-tocilizumab.toml", "--data", "data"])
        .assert()
        .code(2)
        .stderr(contains("not both"));
}

/// Measures reported by two or more studies get a pooled forest and funnel plot
/// (tests/data/pooling: the NMO file and a SYNTHETIC copy with other EDSS numbers).
#[test]
fn pooled_measures_get_forest_and_funnel_charts() {
    let dir = tempfile::tempdir().unwrap();
    trialstats()
        .args([
            "report",
            "--editable-svg",
            "--data",
            "tests/data/pooling",
            "--plots",
        ])
        .arg(dir.path())
        .assert()
        .code(0);
    let read =
        |stem: &str| std::fs::read_to_string(dir.path().join(format!("{stem}.svg"))).unwrap();
    let forest = read("pooled-edss-smcr-forest");
    assert!(forest.contains("synthetic-second-site") && forest.contains("RE model (REML)"));
    assert!(read("pooled-edss-smcr-funnel").contains("edss: SMCR pooled over 2 studies"));
}
