//! A measure that reports its change (the SD, SE, CI, t or p of the change, and what an SD
//! divides by): the analysis derives the SD of the change and the pre/post r it implies, uses
//! that r instead of an assumed one and says so; an implied r outside [−1, 1] is a
//! consistency finding (`check` exits 1); bad change fields are refused (exit 2).
//!
//! Reference values: R 4.2.2, `Rscript benches/implied_r_reference.R` (the calls are repeated
//! next to the numbers). The measure is EDSS 5.1 ± 1.7 → 4.1 ± 1.6 (SD), n = 7.

use crate::common::assert_close;
use assert_cmd::Command;
use trialstats::analysis::{self, AnalysisOptions};
use trialstats::checks::{CheckName, Status};
use trialstats::study;

const STUDY: &str = r#"
schema = 1
id = "change"
title = "A measure with its change reported"
source_file = "none.txt"
document = "test fixture"
publication = { title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }
design = "single-arm, before/after"
population = "test"
intervention = "test"

[[measures]]
id = "edss"
label = "EDSS"
unit = "points"
scale = { min = 0, max = 10, step = 0.5 }
n = 7
dispersion = "SD"
correlation = "not reported"
direction = "lower is better"
claim = { significant = true }
quote = "5.1 ± 1.7 から 4.1 ± 1.6"
where = "test"
change = { p = "0.03", quote = "p = 0.03", where = "test" }

[[measures.timepoints]]
id = "before"
when = "before"
mean = "5.1"
spread = "1.7"

[[measures.timepoints]]
id = "after"
when = "after"
mean = "4.1"
spread = "1.6"
"#;

fn with_change(change: &str) -> String {
    STUDY.replace(
        r#"change = { p = "0.03", quote = "p = 0.03", where = "test" }"#,
        &format!(r#"change = {{ {change}, quote = "q", where = "test" }}"#),
    )
}

fn analyse(text: &str) -> analysis::StudyAnalysis {
    let s = study::load_str(text, std::path::Path::new("change.toml")).unwrap();
    analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap()
}

/// Relative agreement asked of every number.
const REL: f64 = 1e-12;

#[test]
fn a_reported_p_of_the_change_implies_r_which_is_used_and_said() {
    let a = analyse(STUDY);
    let m = &a.measures[0];
    let i = m.implied.as_ref().unwrap();
    // se <- abs(-1) / qt(1 - 0.03/2, 6); sdc <- se * sqrt(7)
    assert_close("SD of the change", i.sd_change, 0.93524877256409844, REL);
    // (1.7^2 + 1.6^2 - sdc^2) / (2 * 1.7 * 1.6)
    assert_close("implied r", i.r, 0.841049583348777, REL);
    let p = m.analysis.as_ref().unwrap();
    assert_eq!(p.r_source, "implied by the reported p = 0.03 of the change");
    assert_close("r used", p.assumed_r, 0.841049583348777, REL);
    // The paired t-test at the implied r gives back the reported p: R's t.test on data with
    // exactly these means, SDs and r (MASS::mvrnorm(empirical = TRUE)) gives
    // 0.030000000000000009.
    assert!(
        (p.at_assumed_r.p - 0.030000000000000009).abs() < 1e-12,
        "{}",
        p.at_assumed_r.p
    );
    // The effect sizes carry it too.
    assert!(m.effects.iter().all(|e| e.r == Some(p.assumed_r)));
    let finding = a
        .findings
        .iter()
        .find(|f| f.check == CheckName::ImpliedCorrelation)
        .unwrap();
    assert_eq!(finding.status, Status::Consistent);
}

#[test]
fn each_way_of_reporting_the_change_gives_rs_sd_as_r() {
    let cases = [
        // se <- (-0.1 - -1.9) / (2 * qt(0.975, 6)); sdc <- se * sqrt(7)
        (
            r#"ci_lower = "-1.9", ci_upper = "-0.1""#,
            0.97313525162090408,
            0.82775878346557341,
        ),
        // 90%: se <- (-0.1 - -1.9) / (2 * qt(0.95, 6)); sdc <- se * sqrt(7)
        (
            r#"ci_lower = "-1.9", ci_upper = "-0.1", level = 0.9"#,
            1.2254015769070479,
            0.72580716457972794,
        ),
        // se <- 1 / 2.5; sdc <- se * sqrt(7)
        (r#"t = "2.5""#, 1.0583005244258363, 0.79595588235294112),
        // sdc <- 0.9 * sqrt(7 / 6)
        (
            r#"sd = "0.9", sd_divisor = "n""#,
            0.97211110476117912,
            0.82812499999999989,
        ),
        // sdc <- 0.2 * sqrt(7)
        (r#"se = "0.2""#, 0.2 * 7f64.sqrt(), 0.95036764705882348),
    ];
    for (change, sdc, r) in cases {
        let a = analyse(&with_change(change));
        let i = a.measures[0].implied.as_ref().unwrap();
        assert_close(change, i.sd_change, sdc, REL);
        assert_close(change, i.r, r, REL);
    }
}

#[test]
fn an_impossible_implied_r_is_an_inconsistency_and_is_not_used() {
    let text = with_change(r#"sd = "3.5""#);
    let a = analyse(&text);
    let m = &a.measures[0];
    let i = m.implied.as_ref().unwrap();
    // (1.7^2 + 1.6^2 - 3.5^2) / (2 * 1.7 * 1.6)
    assert_close("implied r", i.r, -1.2499999999999998, REL);
    assert!(!i.is_possible());
    // Not used; and as the change's SD contradicts the labelled SD, no paired test reads ±
    // either way (a test at the assumed r would say what the document contradicts).
    let reading = a
        .spread_readings
        .iter()
        .find(|r| r.measure == m.id)
        .unwrap();
    assert!(reading.reading.is_contradicted(), "{:?}", reading.reading);
    assert!(m.analysis.is_none() && m.effects.is_empty());
    assert!(
        m.not_analysed
            .as_deref()
            .is_some_and(|w| w.contains("contradict")),
        "{:?}",
        m.not_analysed
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.check == CheckName::ImpliedCorrelation)
        .unwrap();
    assert_eq!(f.status, Status::Inconsistent);
    assert!(f.detail.contains("cannot all be true"), "{}", f.detail);
    // `check` over a folder holding it exits 1 and names it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("change.toml"), &text).unwrap();
    // `report` draws no before/after chart whose bars the label calls SDs, and says why.
    let plots = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--data"])
        .arg(dir.path())
        .arg("--plots")
        .arg(plots.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        !plots.path().join("change-edss-before-after.png").exists(),
        "{stdout}"
    );
    assert!(
        stdout.contains("its bars would say what the document contradicts"),
        "{stdout}"
    );
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicates::str::contains("implied_r"));
    // The report says it next to the measure.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--no-plots", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "change: SD 3.5 from the reported SD = 3.5 of the change (as reported); implied r = -1.25, outside [-1, 1] even within rounding",
        ));
}

#[test]
fn a_reported_r_wins_over_the_implied_one() {
    let text = STUDY.replace("correlation = \"not reported\"", "correlation = 0.6");
    let a = analyse(&text);
    let p = a.measures[0].analysis.as_ref().unwrap();
    assert_eq!(p.r_source, "reported");
    assert_eq!(p.assumed_r, 0.6);
}

#[test]
fn bad_change_fields_are_refused_with_the_field() {
    let cases = [
        (
            r#"p = "1.5""#,
            "measures[edss].change.p: 1.5 is not allowed",
        ),
        (
            r#"sd = "0""#,
            "measures[edss].change.sd: 0 is not allowed; allowed: a number above 0",
        ),
        (
            r#"sd = "0.9", sd_divisor = "n-1""#,
            "measures[edss].change.sd_divisor: 'n-1' is not allowed; allowed: \"n - 1\"",
        ),
        (
            r#"ci_lower = "-1.9""#,
            "an interval needs both ci_lower and ci_upper",
        ),
        (
            r#"ci_lower = "-0.1", ci_upper = "-1.9""#,
            "measures[edss].change.ci_lower: -0.1 is not below ci_upper -1.9",
        ),
        (
            r#"mean = "-1.0""#,
            "gives nothing to derive the SD of the change from",
        ),
        (
            r#"p = "not reported""#,
            "leave the field out when the document does not print it",
        ),
        (r#"se = "0.2", why = 1"#, "unknown field `why`"),
        (
            r#"se = "0.2", level = 0.9"#,
            "measures[edss].change.level: is the level of an interval",
        ),
        (
            r#"ci_lower = "-1.9", ci_upper = "-0.1", level = 95"#,
            "measures[edss].change.level",
        ),
        (
            r#"sd_divisor = "n", t = "2""#,
            "says what an SD divides by, but no sd is given",
        ),
    ];
    for (change, want) in cases {
        let text = with_change(change);
        let e = study::load_str(&text, std::path::Path::new("change.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(want), "{change}: wanted {want}\ngot {e}");
        assert!(e.starts_with("change.toml:"), "{e}");
    }
}

/// The charts say which r each result is at: the SMCR forest labels each row with its own r
/// when the measures differ (implied for EDSS, assumed for the second measure), and the
/// r-sensitivity chart marks the r of the headline result with where it comes from.
#[test]
fn charts_name_each_measures_own_r() {
    use trialstats::plot::Chart;
    let second = STUDY[STUDY.find("[[measures]]").unwrap()..]
        .replace(r#"id = "edss""#, r#"id = "pain""#)
        .replace(r#"label = "EDSS""#, r#"label = "Pain""#)
        .replace(
            "change = { p = \"0.03\", quote = \"p = 0.03\", where = \"test\" }\n",
            "",
        );
    let a = analyse(&format!("{STUDY}\n{second}"));
    let (items, _) = trialstats::charts::report_charts::gallery::gallery_items(&[a]).unwrap();
    let forest = items
        .iter()
        .find(|i| i.name == "change smcr forest")
        .unwrap();
    let Chart::Forest(f) = &forest.chart else {
        panic!("not a forest")
    };
    assert!(f.title.ends_with("at each measure's r"), "{}", f.title);
    let labels: Vec<&str> = f.rows.iter().map(|r| r.label.as_str()).collect();
    // r = 0.84104958 implied by p = 0.03 (R: benches/implied_r_reference.R), printed to 2 decimals.
    assert_eq!(
        labels,
        ["EDSS (r = 0.84, implied)", "Pain (r = 0.5, assumed)"]
    );
    assert!(
        forest
            .caption
            .contains("EDSS at r = 0.84104958 (implied by the reported p = 0.03")
            && forest
                .caption
                .contains("Pain at r = 0.5 (not reported; assumed"),
        "{}",
        forest.caption
    );
    let sens = items
        .iter()
        .find(|i| i.name == "change edss r-sensitivity")
        .unwrap();
    let Chart::Sensitivity(s) = &sens.chart else {
        panic!("not a sensitivity chart")
    };
    let marked = s.marked_r.as_ref().unwrap();
    assert_eq!(marked.source, "implied");
    assert!((marked.r - 0.84104958).abs() < 1e-8);
}

/// A printed p of the change that no r in [−1, 1] gives, ± unlabelled (the thirty-seventh
/// new-user trial's doc 05: 26.7 ± 5.8 → 29.4 ± 1.0 in 19, `P = 0.0026`, where even r = 1
/// gives p = 0.025): no paired test or interval at the assumed r is drawn against it, and the
/// finding says why (a rank test's p, perhaps), as a warning, not an inconsistency.
#[test]
fn a_change_p_no_r_gives_gets_no_test_at_an_assumed_r() {
    // At r = 1 the SD of the change is at least 5.75 − 1.05 = 4.7 (within the printed
    // digits): t ≤ 2.7 / (4.7 / √19) = 2.50 on 18 df, p ≥ 0.022 (R: 2 * pt(-2.504, 18)),
    // far above the printed 0.0026.
    let text = with_change(r#"p = "0.0026""#)
        .replace(r#"dispersion = "SD""#, r#"dispersion = "not reported""#)
        .replace("n = 7", "n = 19")
        .replace("scale = { min = 0, max = 10, step = 0.5 }\n", "")
        .replace(r#"mean = "5.1""#, r#"mean = "26.7""#)
        .replace(r#"spread = "1.7""#, r#"spread = "5.8""#)
        .replace(r#"mean = "4.1""#, r#"mean = "29.4""#)
        .replace(r#"spread = "1.6""#, r#"spread = "1.0""#);
    let a = analyse(&text);
    let m = &a.measures[0];
    assert!(!m.implied.as_ref().unwrap().is_possible());
    let reading = a
        .spread_readings
        .iter()
        .find(|r| r.measure == m.id)
        .unwrap();
    assert!(!reading.reading.is_contradicted(), "{:?}", reading.reading);
    assert!(m.analysis.is_none() && m.effects.is_empty());
    assert!(
        m.not_analysed
            .as_deref()
            .is_some_and(|w| w.contains("is no paired t test's at any r in [−1, 1]")),
        "{:?}",
        m.not_analysed
    );
}
