//! Medians, quartiles and ranges in the study format, and printed test results: loading
//! (the numbers as printed, with quote and place), the conversion to a mean and SD (the values
//! of metafor's `conv.fivenum`), the effects that rest on them (metafor's `escalc`), the
//! report text that names the method, the consistency checks not run on converted numbers,
//! `[[tests]]` checked by `checks::reported_test`, and the refusals (file:line: field; exit 2).
//!
//! Reference values: metafor's `conv.fivenum` (metafor's GitHub source on R with metafor
//! 3.8.1, `Rscript benches/convert_reference.R`, the lines quoted next to each number) and
//! R 4.2.2 with metafor 3.8.1 for `escalc` (each call next to its numbers).

use crate::common::{assert_close, outcome_of, trialstats};
use std::path::{Path, PathBuf};
use trialstats::analysis::{self, AnalysisOptions};
use trialstats::checks::{CheckName, Status};
use trialstats::convert::MedianMethod;
use trialstats::effect::MeasureCode;
use trialstats::study::{self, Reported, Study};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const FIXTURE: &str = "tests/data/medians/medians-trial.toml";

fn load() -> Study {
    study::load_file(&manifest().join(FIXTURE)).unwrap()
}

/// Relative agreement asked of every number.
const REL: f64 = 1e-12;

#[test]
fn a_median_with_quartiles_or_range_loads_as_printed_with_its_place() {
    let s = load();
    let pain = s.measure("pain").unwrap();
    let before = pain.timepoint("before").unwrap();
    assert_eq!(before.mean, Reported::NotReported);
    assert_eq!(before.spread, Reported::NotReported);
    let m = before.median.as_ref().unwrap();
    assert_eq!(m.median.text, "6");
    assert_eq!(
        (
            m.q1.as_ref().unwrap().text.as_str(),
            m.q3.as_ref().unwrap().text.as_str()
        ),
        ("4", "10")
    );
    assert!(m.min.is_none() && m.max.is_none());
    assert_eq!(m.method, MedianMethod::LuoWanShi);
    // No quote of its own: the measure's.
    assert_eq!(m.provenance.quote, pain.provenance.quote);
    assert_eq!(m.provenance.location, "Table 2");
    let after = pain.timepoint("after").unwrap().median.as_ref().unwrap();
    assert_eq!(
        after.provenance.quote,
        "after: median 6 (range 2-20, IQR 4-14)"
    );
    assert_eq!(after.provenance.location, "Table 2, last row");
    assert_eq!(after.describe(), "median 6 (IQR 4–14, range 2–20)");
    // The method the file names.
    let los = s.arm_measure("los").unwrap();
    let placebo = los
        .series("placebo")
        .unwrap()
        .timepoint("discharge")
        .unwrap();
    assert_eq!(
        placebo.median.as_ref().unwrap().method,
        MedianMethod::Wan2014
    );
    // A printed test result.
    assert_eq!(s.tests.len(), 1);
    assert_eq!(s.tests[0].text, "t(6) = 3.2, p = 0.02");
    assert_eq!(s.tests[0].provenance.location, "Results");
}

#[test]
fn the_conversions_match_metafor_conv_fivenum_and_feed_the_paired_analysis() {
    let s = load();
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let pain = a.measures.iter().find(|m| m.id == "pain").unwrap();
    let summary = pain.summary.unwrap();
    // conv.fivenum(q1=4, median=6, q3=10, n=20, method="luo/wan/shi", dist="norm", test=FALSE):
    //   luo/wan/shi  norm  S2 n=20 [NA,4,6,10,NA] mean=6.7195 sd=4.7870760433704662
    //   tval=0.33333333333333331 crit=0.57755801403744422 sig=FALSE
    assert_close("before mean", summary.before.mean, 6.7195, REL);
    assert_close("before sd", summary.before.sd, 4.7870760433704662, REL);
    // conv.fivenum(min=2, q1=4, median=6, q3=14, max=20, n=20, method="luo/wan/shi"):
    //   luo/wan/shi  norm  S3 n=20 [2,4,6,14,20] mean=8.6278026830743961 sd=5.7560801954900818
    //   tval=0.81802852748156463 crit=0.66582039324993691 sig=TRUE
    assert_close("after mean", summary.after.mean, 8.6278026830743961, REL);
    assert_close("after sd", summary.after.sd, 5.7560801954900818, REL);
    assert_eq!(pain.conversions.len(), 2);
    let after = &pain.conversions[1].estimate;
    assert_close(
        "Shi's statistic",
        after.skewness.statistic,
        0.81802852748156463,
        REL,
    );
    assert_close(
        "Shi's critical value",
        after.skewness.critical,
        0.66582039324993691,
        REL,
    );
    assert!(after.skewness.skewed);
    assert!(!pain.conversions[0].estimate.skewness.skewed);
    // escalc("SMCR", m1i=8.6278026830743961, m2i=6.7195, sd1i=4.7870760433704662, ni=20,
    //        ri=0.5) -> yi 0.382655191895910740, vi 0.053660624897122408
    let smcr = pain
        .effects
        .iter()
        .find(|e| e.measure == MeasureCode::SMCR)
        .unwrap();
    assert_close("SMCR", smcr.estimate, 0.382655191895910740, REL);
    assert_close(
        "SMCR variance",
        smcr.variance.unwrap(),
        0.053660624897122408,
        REL,
    );
}

#[test]
fn an_arm_median_is_converted_with_the_named_method_and_compared_as_metafor() {
    let s = load();
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let los = a.arms.iter().find(|i| i.id == "los").unwrap();
    let c = &los.comparisons[0];
    assert_eq!(c.arm, "active");
    // conv.fivenum(min=2, median=6, max=14, n=20, method="wan2014"):
    //   wan2014 norm S1 n=20 [2,NA,6,NA,14] mean=7 sd=3.211575967369702
    assert_eq!(c.conversions.len(), 1);
    let e = &c.conversions[0].estimate;
    assert_eq!(e.method, MedianMethod::Wan2014);
    assert_close("wan2014 mean", e.mean, 7.0, REL);
    assert_close("wan2014 sd", e.sd, 3.211575967369702, REL);
    // escalc("SMD", m1i=5.1, sd1i=2.4, n1i=20, m2i=7, sd2i=3.211575967369702, n2i=20)
    //   -> yi -0.65686880972985306, vi 0.10539345791494893
    // escalc("MD", same) -> yi -1.90000000000000036, vi 0.80371100970933185
    let get = |code| c.effects.iter().find(|e| e.measure == code).unwrap();
    assert_close(
        "SMD",
        get(MeasureCode::SMD).estimate,
        -0.65686880972985306,
        REL,
    );
    assert_close(
        "SMD variance",
        get(MeasureCode::SMD).variance.unwrap(),
        0.10539345791494893,
        REL,
    );
    assert_close("MD", get(MeasureCode::MD).estimate, -1.9, REL);
    assert_close(
        "MD variance",
        get(MeasureCode::MD).variance.unwrap(),
        0.80371100970933185,
        REL,
    );
}

#[test]
fn converted_means_are_not_checked_as_printed_numbers() {
    let s = load();
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    for (measure, tp) in [
        ("pain", "before"),
        ("pain", "after"),
        ("los[placebo]", "discharge"),
    ] {
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.measure == measure && f.timepoint.as_deref() == Some(tp))
            .collect();
        assert_eq!(found.len(), 1, "{measure} {tp}: {found:?}");
        assert_eq!(found[0].status, Status::NotApplicable);
        assert!(found[0].detail.contains("GRIM, GRIMMER and SPRITE not run"));
    }
    // No SPRITE search for them either.
    assert!(
        a.reconstructions
            .iter()
            .all(|r| r.summary.measure == "los[active]")
    );
}

#[test]
fn the_report_names_the_method_and_the_skewness_next_to_the_effects() {
    let (code, out, err) = outcome_of(trialstats().current_dir(manifest()).args([
        "report",
        "--no-plots",
        "--data",
        "tests/data/medians",
    ]));
    assert_eq!(code, 0, "{err}");
    for want in [
        "  reported: before median 6 (IQR 4–10); after median 6 (IQR 4–14, range 2–20)\n",
        "  before: median 6 (IQR 4–10) → mean 6.7195, SD 4.787076 (luo-wan-shi: mean Luo et al. 2018 (q1, median, q3), SD Wan et al. 2014 eq. 16; n = 20; Shi et al. 2023 skewness test 0.33333333 < critical 0.57755801: no sign of skew)\n",
        "  after: median 6 (IQR 4–14, range 2–20) → mean 8.6278027, SD 5.7560802 (luo-wan-shi: mean Luo et al. 2018 (five numbers), SD Shi et al. 2020 eq. 10; n = 20; data look skewed: Shi et al. 2023 test 0.81802853 ≥ critical 0.66582039, so the normal-theory estimates may be poor)\n",
        "    placebo.discharge: median 6 (range 2–14) → mean 7, SD 3.211576 (wan2014: mean Wan et al. 2014 (min, median, max; as Hozo et al. 2005), SD Wan et al. 2014 eq. 9;",
        "(converted, not reported: GRIM, GRIMMER and SPRITE not run: the mean and SD are estimates, not printed numbers)",
        "  [pain_change_test] \"t(6) = 3.2, p = 0.02\": consistent: the two-sided p of t = 3.2 is 0.018600059",
    ] {
        assert!(out.contains(want), "wanted:\n{want}\ngot:\n{out}");
    }
}

#[test]
fn a_printed_test_result_that_its_statistic_cannot_give_is_an_inconsistency() {
    // t(28) = 1.20 gives p = 0.24 (two-sided; pt(1.2, 28, lower.tail = FALSE) * 2 =
    // 0.24019459), not .04: statcheck's decision error.
    let (code, out, _) = outcome_of(trialstats().current_dir(manifest()).args([
        "check",
        "--data",
        "tests/data/medians_bad_test",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("reported_test  inconsistent"), "{out}");
    assert!(
        out.contains("decision error: the two-sided p of t = 1.20 is 0.24019459"),
        "{out}"
    );
    let (code, out, _) = outcome_of(trialstats().current_dir(manifest()).args([
        "report",
        "--no-plots",
        "--data",
        "tests/data/medians_bad_test",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("[misreported] \"t(28) = 1.20, p = .04\": decision error"),
        "{out}"
    );
    let (code, out, _) = outcome_of(trialstats().current_dir(manifest()).args([
        "check",
        "--data",
        "tests/data/medians",
    ]));
    assert_eq!(code, 0, "{out}");
    let s = load();
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let f = a
        .findings
        .iter()
        .find(|f| f.check == CheckName::ReportedTest)
        .unwrap();
    assert_eq!(f.status, Status::Consistent);
}

// ----- refusals -----

/// The fixture with `edits` (from, to) applied, loaded from a temporary folder: exit 2 from
/// the command line, the library's message on stderr.
fn refusal(edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(manifest().join(FIXTURE)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no '{from}'");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("medians-trial.toml");
    std::fs::write(&path, text).unwrap();
    let out = trialstats()
        .args(["list", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let lib = study::load_file(Path::new(&path)).unwrap_err().to_string();
    assert!(stderr.contains(&lib), "{stderr}\nvs\n{lib}");
    lib
}

#[test]
fn bad_medians_and_tests_are_refused_with_file_line_and_field() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("q1 = \"4\"\nq3 = \"10\"", "q1 = \"7\"\nq3 = \"10\"")],
            "medians-trial.toml:31: measures[pain].timepoints[before].median: median 6 is below q1 7; allowed: min ≤ q1 ≤ median ≤ q3 ≤ max",
        ),
        (
            &[("min = \"2\"\nmax = \"20\"", "min = \"5\"\nmax = \"20\"")],
            "measures[pain].timepoints[after].q1: q1 4 is below min 5; allowed: min ≤ q1 ≤ median ≤ q3 ≤ max",
        ),
        (
            &[("max = \"20\"", "max = \"12\"")],
            "measures[pain].timepoints[after].max: max 12 is below q3 14",
        ),
        (
            &[("q1 = \"4\"\nq3 = \"10\"", "q1 = \"4\"")],
            "measures[pain].timepoints[before]: q1 and q3 come as a pair; give both or neither",
        ),
        (
            &[("median = \"6\"\nq1 = \"4\"\nq3 = \"10\"", "median = \"6\"")],
            "measures[pain].timepoints[before].median: a median alone says nothing of the spread",
        ),
        (
            &[(
                "median = \"6\"\nq1 = \"4\"\nq3 = \"10\"",
                "q1 = \"4\"\nq3 = \"10\"",
            )],
            "measures[pain].timepoints[before].q1: is given without a median",
        ),
        (
            &[(
                "median = \"6\"\nq1 = \"4\"\nq3 = \"10\"",
                "median = \"6\"\nq1 = \"4\"\nq3 = \"10\"\nmean = \"6.5\"",
            )],
            "measures[pain].timepoints[before]: gives both mean ± spread and a median",
        ),
        (
            &[("median = \"6\"\nq1 = \"4\"\nq3 = \"10\"", "mean = \"6.5\"")],
            "measures[pain].timepoints[before].spread: missing; a time point gives mean and spread",
        ),
        (
            &[("method = \"wan2014\"", "method = \"median-magic\"")],
            "arm_measures[los].arms[placebo].timepoints[discharge].method: unknown method 'median-magic'; allowed: luo-wan-shi, wan2014, hozo2005, bland2015, walter2007",
        ),
        (
            &[("q3 = \"10\"\n", "q3 = \"10\"\nmethod = \"hozo2005\"\n")],
            "measures[pain].timepoints[before].method: hozo2005 has no formula for the q1-median-q3 scenario",
        ),
        (
            &[(
                "median = \"6\"\nq1 = \"4\"\nq3 = \"10\"",
                "median = \"6\"\nq1 = \"4\"\nq3 = \"1O\"",
            )],
            "measures[pain].timepoints[before].q3: '1O' is not a number as printed",
        ),
        (
            &[(
                "q1 = \"4\"\nq3 = \"10\"",
                "q1 = \"not reported\"\nq3 = \"10\"",
            )],
            "measures[pain].timepoints[before].q1: \"not reported\" is not needed here",
        ),
        (
            &[(
                "text = \"t(6) = 3.2, p = 0.02\"",
                "text = \"significant, p = 0.02\"",
            )],
            "tests[pain_change_test].text:",
        ),
        (
            &[("id = \"pain_change_test\"", "id = \"pain\"")],
            "tests[pain].id",
        ),
    ];
    let mut wrong = Vec::new();
    for (edits, want) in cases {
        let e = refusal(edits);
        if !e.contains(want) {
            wrong.push(format!("wanted:\n{want}\ngot:\n{e}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn a_median_of_fewer_patients_than_the_method_needs_loads_and_is_left_unconverted() {
    // Four patients' medians are printed rightly: the file loads (a file `draft` writes from
    // such a report must too), and `report` says why that time point is not analysed.
    let text = std::fs::read_to_string(manifest().join(FIXTURE))
        .unwrap()
        .replacen(
            "n = 20\ndispersion = \"not reported\"",
            "n = 4\ndispersion = \"not reported\"",
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("medians-trial.toml"), text).unwrap();
    assert!(study::load_file(&data.join("medians-trial.toml")).is_ok());
    let out = trialstats()
        .args(["report", "--data"])
        .arg(&data)
        .arg("--plots")
        .arg(dir.path().join("plots"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("not analysed: the median of before cannot be converted")
            && stdout.contains("n = 4 is too small; these methods need n ≥ 5"),
        "{stdout}"
    );
}

#[test]
fn a_measure_reported_as_medians_gets_no_before_after_chart_of_printed_means() {
    // The before/after chart draws printed means ± spreads; medians have none to draw.
    let dir = tempfile::tempdir().unwrap();
    let plots = dir.path().join("plots");
    let (code, _, err) = outcome_of(trialstats().current_dir(manifest()).args([
        "report",
        "--data",
        "tests/data/medians",
        "--plots",
        plots.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = std::fs::read_dir(&plots)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("before-after")),
        "{names:?}"
    );
    // The effects that rest on the conversions are drawn.
    assert!(
        names
            .iter()
            .any(|n| n == "medians-trial-los-arms-forest.png"),
        "{names:?}"
    );
}
