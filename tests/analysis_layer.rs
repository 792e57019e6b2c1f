//! The analysis layer: each study is analysed once per run, and everything the run shows (the
//! text, every chart of the gallery, the checks) is at the run's level and r grid.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::path::Path;
use trialstats::analysis::AnalysisOptions;

fn data() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

fn report(args: &[&str], plots: &Path) -> String {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--data", data().to_str().unwrap(), "--plots"])
        .arg(plots)
        // The charts' text as text, to be read here.
        .arg("--editable-svg")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn svg(dir: &Path, stem: &str) -> String {
    std::fs::read_to_string(dir.join(format!("{stem}.svg")))
        .unwrap_or_else(|e| panic!("{stem}.svg: {e}"))
}

// `report --alpha 0.1` prints 90 % intervals, and every chart of the gallery says and draws 90 %:
// the SMCR forest's header, the proportion chart (its exact intervals are the report's, at
// 90 %), the sensitivity band.
#[test]
fn every_chart_of_a_run_is_at_the_runs_level() {
    let dir = tempfile::tempdir().unwrap();
    let text = report(&["--alpha", "0.1"], dir.path());
    assert!(text.contains("90% CI") && text.contains("Proportions (90 % intervals)"));
    let forest = svg(dir.path(), "nmo-tocilizumab-smcr-forest");
    assert!(
        forest.contains("SMCR [90% CI]") && !forest.contains("95%"),
        "forest"
    );
    let proportions = svg(dir.path(), "nmo-tocilizumab-proportions");
    assert!(
        proportions.contains("exact 90% CI") && !proportions.contains("95%"),
        "proportions"
    );
    // R: binom.test(5, 7, conf.level = 0.9)$conf.int = 0.341261436155336, 0.9466244995297628,
    // drawn as 34.1 % to 94.7 %.
    assert!(
        proportions.contains("5/7 = 71.4% [34.1, 94.7]"),
        "proportions"
    );
    let sensitivity = svg(dir.path(), "nmo-tocilizumab-edss-r-sensitivity");
    assert!(
        sensitivity.contains("90% CI") && !sensitivity.contains("95%"),
        "sensitivity"
    );
}

// The EDSS change is significant at α = 0.01 only for r ≥ 0.908221 (R: uniroot of the paired
// t-test's p-value − 0.01 on data built with MASS::mvrnorm(empirical = TRUE), as in
// crates/stats/src/prepost/mod.rs, gives 0.908221458547163). A grid reaching beyond it marks it; the
// default grid, which ends at 0.9, says it lies beyond the r shown (not "nowhere").
#[test]
fn the_sensitivity_chart_finds_a_threshold_beyond_0_9() {
    let dir = tempfile::tempdir().unwrap();
    report(
        &[
            "--alpha",
            "0.01",
            "--grid",
            "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,0.99",
        ],
        dir.path(),
    );
    let chart = svg(dir.path(), "nmo-tocilizumab-edss-r-sensitivity");
    assert!(chart.contains("significant from r = 0.908"), "{chart}");
    let dir = tempfile::tempdir().unwrap();
    report(&["--alpha", "0.01"], dir.path());
    let chart = svg(dir.path(), "nmo-tocilizumab-edss-r-sensitivity");
    assert!(
        chart.contains("only from r = 0.908 on, beyond the r shown"),
        "{chart}"
    );
    assert!(!chart.contains("at every r"), "{chart}");
}

#[test]
fn a_grid_outside_minus_one_to_one_is_refused() {
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--no-plots", "--grid", "0,1.5"])
        .assert()
        .code(2)
        .stderr(contains("--grid").and(contains("between -1 and 1")));
}

// One report run with its gallery does one paired analysis per before/after measure and one
// SPRITE search per reported mean ± SD, however many tables and charts show them (before,
// each was done again by the checks, the gallery and the pooling).
#[cfg(debug_assertions)]
#[test]
fn one_paired_analysis_and_one_sprite_search_per_number() {
    // Only in debug builds, where the counters count; so are the imports.
    use trialstats::checks::CheckName;
    use trialstats::counters::{self, Work};
    use trialstats::level::ConfidenceLevel;
    let studies = trialstats::study::load_dir(data()).unwrap();
    let options = AnalysisOptions {
        level: ConfidenceLevel::NINETY_FIVE,
        ..AnalysisOptions::default()
    };
    counters::reset();
    let mut report = trialstats::report::build(&studies, &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    trialstats::charts::report_charts::write_gallery(
        &mut report,
        dir.path(),
        data(),
        trialstats::plot::Size::DEFAULT,
        trialstats::charts::report_charts::DEFAULT_MAX_CHARTS,
    )
    .unwrap();
    let analysed: usize = report
        .studies
        .iter()
        .map(|s| s.measures.iter().filter(|m| m.analysis.is_some()).count())
        .sum();
    let searched = report
        .checks
        .findings
        .iter()
        .filter(|f| f.check == CheckName::Sprite)
        .count();
    // The shipped data: the NMO study's four measures, and its seven reported mean ± SD on a
    // scale with a step and a minimum.
    assert_eq!((analysed, searched), (4, 7));
    assert_eq!(counters::done(Work::PairedAnalysis), analysed);
    assert_eq!(counters::done(Work::SpriteSearch), searched);
}

// The percent slowing of the ALSFRS-R decline has one definition and one sign: the report's
// SLOWING and the pinned expectation both say 0.47 → 0.25 points a month is 46.8 % slower
// (by hand: 100·(0.47 − 0.25)/0.47 = 46.808510638…).
#[test]
fn percent_slowing_has_one_sign_in_report_and_verify() {
    let studies = trialstats::study::load_dir(data()).unwrap();
    let report = trialstats::report::build(&studies, &AnalysisOptions::default()).unwrap();
    let als = report
        .studies
        .iter()
        .find(|s| s.id == "als-muse-phase2")
        .unwrap();
    let slowing = als.slopes[0]
        .effects
        .iter()
        .find(|e| e.measure == trialstats::effect::MeasureCode::PercentSlowing)
        .unwrap()
        .estimate;
    let pinned = report
        .verification
        .verifications
        .iter()
        .find(|v| v.id == "alsfrs_r_slowing_percent")
        .unwrap();
    assert!((slowing - 2200.0 / 47.0).abs() < 1e-9, "{slowing}");
    assert_eq!(pinned.computed, Some(slowing));
    assert!(pinned.holds && pinned.expected > 0.0);
}
