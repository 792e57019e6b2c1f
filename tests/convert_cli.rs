//! `trialstats convert`, `check stat`, `check text` and `--format junit` from the command
//! line: the JSON keys, exit codes and places in messages. The numbers themselves are
//! checked against R and statcheck in the library's tests (crates/stats/src/convert/, crates/stats/src/checks/
//! reported_test.rs).

use crate::common::trialstats;
use predicates::prelude::*;
use predicates::str::contains;

/// The example of ?conv.fivenum (metafor >= 4), study 2 (q1 = 4, median = 6, q3 = 10,
/// n = 20): mean 6.7195, SD 4.7870760433704662 (benches/convert_reference.R).
#[test]
fn convert_median_json_has_the_named_keys() {
    let out = trialstats()
        .args([
            "convert", "median", "--n", "20", "--q1", "4", "--median", "6", "--q3", "10",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mean"].as_f64(), Some(6.7195));
    assert!((v["sd"].as_f64().unwrap() - 4.7870760433704662).abs() < 1e-12);
    assert_eq!(v["method"], "luo-wan-shi");
    assert_eq!(v["scenario"], "q1-median-q3");
    assert_eq!(v["skewness"]["skewed"], false);
    assert!(v["skewness"]["statistic"].is_number() && v["skewness"]["critical"].is_number());
}

/// Study 3 of ?conv.fivenum's third example is skewed: the warning goes to stderr with
/// JSON (stdout stays JSON) and after the table otherwise.
#[test]
fn skewed_numbers_warn_in_plain_words() {
    let args = [
        "convert", "median", "--n", "20", "--min", "2", "--q1", "4", "--median", "6",
    ];
    let rest = ["--q3", "14", "--max", "20"];
    trialstats()
        .args(args)
        .args(rest)
        .assert()
        .code(0)
        .stdout(contains("warning: the data look skewed"));
    trialstats()
        .args(args)
        .args(rest)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .stderr(contains("warning: the data look skewed"));
}

#[test]
fn convert_median_reads_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.csv");
    std::fs::write(
        &path,
        "min,q1,median,q3,max,n\n2,,6,,14,20\nNA,4,6,10,NA,20\n",
    )
    .unwrap();
    trialstats()
        .args([
            "convert",
            "median",
            "--input",
            path.to_str().unwrap(),
            "--format",
            "csv",
        ])
        .assert()
        .code(0)
        .stdout(contains("line,scenario,n,mean,sd"))
        .stdout(contains("2,min-median-max,20,6.5944677601167"))
        .stdout(contains("3,q1-median-q3,20,6.7195,"));
}

#[test]
fn change_sd_and_implied_r() {
    // R: (4.1 - 0.7) / (2 * qt(0.975, 19)) * sqrt(20) = 3.6323668175177861
    trialstats()
        .args([
            "convert",
            "change-sd",
            "--n",
            "20",
            "--ci-lower",
            "0.7",
            "--ci-upper",
            "4.1",
        ])
        .assert()
        .code(0)
        .stdout(contains("3.6323668"))
        .stdout(contains("t, 19 df"));
    // R: (1.7^2 + 1.6^2 - 1.2^2) / (2 * 1.7 * 1.6) = 0.73713235294117641
    trialstats()
        .args([
            "convert", "r", "--n", "7", "--before", "5.1,1.7", "--after", "4.1,1.6",
        ])
        .args(["--change-sd", "1.2"])
        .assert()
        .code(0)
        .stdout(contains("0.73713235"));
}

#[test]
fn check_stat_and_text_exit_1_on_an_inconsistency() {
    trialstats()
        .args(["check", "stat", "t(28) = 2.20, p = .04"])
        .assert()
        .code(0)
        .stdout(contains("consistent"));
    trialstats()
        .args(["check", "stat", "t(28) = 2.20, p = .06"])
        .assert()
        .code(1)
        .stdout(contains("decision error"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.txt");
    std::fs::write(
        &path,
        "Intro.\n結果はｔ（２８）＝２．２０，ｐ＜0.05であった。\nF(2, 28) = 2.20, p = .15\n",
    )
    .unwrap();
    trialstats()
        .args(["check", "text", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(contains("   2  t(28)=2.20,p<0.05"))
        .stdout(contains("   3  F(2, 28) = 2.20, p = .15"));
}

#[test]
fn junit_for_verify_and_check() {
    let out = trialstats()
        .args([
            "verify",
            "--data",
            "tests/data/verify_mismatch",
            "--format",
            "junit",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"),
        "{xml}"
    );
    assert!(
        xml.contains("name=\"relapse_free_percent\">\n      <failure message="),
        "{xml}"
    );
    trialstats()
        .args(["check", "--data", "data", "--format", "junit"])
        .assert()
        .code(0)
        .stdout(contains("<testcase classname=\"nmo-tocilizumab\""))
        .stdout(contains("<skipped message="));
    trialstats()
        .args([
            "check",
            "stat",
            "F(2, 28) = 2.20, p = .03",
            "--format",
            "junit",
        ])
        .assert()
        .code(1)
        .stdout(contains("<failure message=\"decision error\">"));
}

/// A row with a median and quartiles instead of m1i, sd1i: ?conv.fivenum's study 2
/// (mean 6.7195, SD 4.7870760433704662) against m2i = 4.5, sd2i = 2.1, n2i = 22, so
/// MD = 2.2195 and vi = 4.7870760433704662²/20 + 2.1²/22 (metafor's MD variance).
#[test]
fn effect_and_meta_take_medians_for_missing_means() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eff.csv");
    std::fs::write(
        &path,
        "study,m1i,sd1i,n1i,median1i,q1_1i,q3_1i,m2i,sd2i,n2i\nA,5,2,20,,,,4,2,20\nB,,,20,6,4,10,4.5,2.1,22\n",
    )
    .unwrap();
    let out = trialstats()
        .args([
            "effect",
            "MD",
            "--input",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let b = &v[1];
    assert!(
        (b["estimate"].as_f64().unwrap() - 2.2195).abs() < 1e-12,
        "{b}"
    );
    let vi = 4.7870760433704662f64.powi(2) / 20.0 + 2.1f64.powi(2) / 22.0;
    assert!((b["variance"].as_f64().unwrap() - vi).abs() < 1e-12, "{b}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("eff.csv:3: m1i = 6.7195"));
    trialstats()
        .args(["meta", path.to_str().unwrap(), "--measure", "MD"])
        .assert()
        .code(0)
        .stderr(contains("by luo-wan-shi"));
    // The pooled study that came from a median says so in the --studies table (and so on the
    // forest plot, which shows the same labels); the one with a mean does not.
    let out = trialstats()
        .args([
            "meta",
            path.to_str().unwrap(),
            "--measure",
            "MD",
            "--studies",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"B (mean, SD from median)\""), "{text}");
    assert!(!text.contains("A (mean, SD from median)"), "{text}");
}

/// `meta --measure` takes the median method as `--median-method` (its `--method` is the τ²
/// estimator). Row B by Wan et al. 2014 (eq. 14 mean (q1 + m + q3)/3 = 20/3; eq. 16 SD
/// (q3 − q1)/(2 Φ⁻¹((0.75n − 0.125)/(n + 0.25))) = 4.7870760433704662 in R:
/// `6/(2*qnorm((0.75*20-0.125)/(20+0.25)))`), so MD = 20/3 − 4.5 = 2.166666666666667 and
/// vi = 4.7870760433704662²/20 + 2.1²/22 = 1.3462593977051174.
#[test]
fn meta_measure_takes_the_median_method() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eff.csv");
    std::fs::write(
        &path,
        "study,m1i,sd1i,n1i,median1i,q1_1i,q3_1i,m2i,sd2i,n2i\nA,5,2,20,,,,4,2,20\nB,,,20,6,4,10,4.5,2.1,22\n",
    )
    .unwrap();
    let out = trialstats()
        .args(["meta", path.to_str().unwrap(), "--measure", "MD"])
        .args([
            "--median-method",
            "wan2014",
            "--studies",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("by wan2014"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let studies = v["studies"].as_array().expect("studies[]");
    let b = studies
        .iter()
        .find(|s| s["label"] == "B (mean, SD from median)")
        .expect("row B");
    assert!(
        (b["yi"].as_f64().unwrap() - 2.166666666666667).abs() < 1e-12,
        "{b}"
    );
    assert!(
        (b["vi"].as_f64().unwrap() - 1.3462593977051174).abs() < 1e-12,
        "{b}"
    );
    // An unknown method is refused with the allowed ones, exit 2.
    trialstats()
        .args(["meta", path.to_str().unwrap(), "--measure", "MD"])
        .args(["--median-method", "magic"])
        .assert()
        .code(2)
        .stderr(contains("luo-wan-shi"));
}

/// `effect --input` takes convert median's `--method`, `--mean-method`, `--sd-method` for its
/// median columns, and marks each row in the notes column (table, CSV, JSON): converted by
/// which method, or "m1i as given" when a row gives both a mean and a median. Row B is the
/// skewed example of ?conv.fivenum (2, 4, 6, 14, 20; n = 20) against m2i = 4, sd2i = 2,
/// n2i = 20; R (metafor 3.8.1):
///   escalc("MD", m1i=8.6278026830743961, sd1i=5.7560801954900818, n1i=20, m2i=4, sd2i=2,
///     n2i=20) -> yi 4.6278026830743961, vi 1.8566229608456570 (luo-wan-shi's mean and SD,
///     benches/convert_reference.R)
///   escalc("MD", m1i=8.1885660399956723, sd1i=5.5532099049419230, n1i=20, m2i=4, sd2i=2,
///     n2i=20) -> yi 4.1885660399956723, vi 1.7419070124172540 (blue's: metaBLUE::BLUE_s(
///     c(2, 4, 6, 14, 20), 20, "S3"), benches/blue_reference.R)
#[test]
fn effect_input_takes_the_median_methods_and_marks_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eff.csv");
    std::fs::write(
        &path,
        "study,m1i,sd1i,n1i,median1i,q1_1i,q3_1i,min1i,max1i,m2i,sd2i,n2i
\
         A,5,2,20,,,,,,4,2,20
\
         B,NA,,20,6,4,14,2,20,4,2,20
\
         C,5.5,2.1,20,6,4,10,,,4,2,20
",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = trialstats()
            .args(["effect", "MD", "--input", path.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = extra.to_vec();
        args.extend(["--format", "json"]);
        serde_json::from_str(&run(&args)).unwrap()
    };
    let rel = |a: f64, b: f64| ((a - b) / b).abs();
    let v = json(&[]);
    assert!(rel(v[1]["estimate"].as_f64().unwrap(), 4.6278026830743961) < 1e-12);
    assert!(rel(v[1]["variance"].as_f64().unwrap(), 1.8566229608456570) < 1e-12);
    assert_eq!(v[0]["notes"].as_array().unwrap().len(), 0);
    assert_eq!(
        v[1]["notes"][0],
        "m1i, sd1i from median1i (five-number, n = 20) by luo-wan-shi; looks skewed"
    );
    assert_eq!(v[2]["notes"][0], "m1i as given; median1i not used");
    assert_eq!(v[2]["estimate"].as_f64().unwrap(), 1.5);
    let v = json(&["--method", "blue"]);
    assert!(rel(v[1]["estimate"].as_f64().unwrap(), 4.1885660399956723) < 1e-12);
    assert!(rel(v[1]["variance"].as_f64().unwrap(), 1.7419070124172540) < 1e-12);
    assert!(v[1]["notes"][0].as_str().unwrap().contains("by blue"));
    // a pair: blue's mean with luo-wan-shi's SD
    let v = json(&["--mean-method", "blue", "--sd-method", "luo-wan-shi"]);
    assert!(rel(v[1]["estimate"].as_f64().unwrap(), 4.1885660399956723) < 1e-12);
    assert!(rel(v[1]["variance"].as_f64().unwrap(), 1.8566229608456570) < 1e-12);
    assert!(
        v[1]["notes"][0]
            .as_str()
            .unwrap()
            .contains("by mean blue, sd luo-wan-shi")
    );
    // the table and the CSV carry the same marks in their notes column
    let table = run(&["--method", "qe"]);
    assert!(
        table.contains("m1i, sd1i from median1i (five-number, n = 20) by qe"),
        "{table}"
    );
    assert!(
        !table.contains("by qe; looks skewed"),
        "QE is built for skewed data: {table}"
    );
    let csv = run(&["--format", "csv"]);
    assert!(
        csv.contains("C,MD,1.5,0.4205,") && csv.contains("m1i as given; median1i not used"),
        "{csv}"
    );
    // an unknown method is refused naming the option
    trialstats()
        .args([
            "effect",
            "MD",
            "--input",
            path.to_str().unwrap(),
            "--method",
            "bleu",
        ])
        .assert()
        .code(2)
        .stderr(contains("--method"));
    // a method without a formula for the row's numbers is named with the row
    trialstats()
        .args([
            "effect",
            "MD",
            "--input",
            path.to_str().unwrap(),
            "--method",
            "hozo2005",
        ])
        .assert()
        .code(2)
        .stderr(contains("eff.csv:3 (group 1)").and(contains("hozo2005")));
}

/// `--method qe|bc|mln` name the method, the distribution and why, and carry the fits in
/// JSON; `--mean-method`/`--sd-method` mix any two. The skewed example of ?conv.fivenum
/// (2, 4, 6, 14, 20; n = 20): QE selects the Weibull, mean 8.8399130498596232 at the exact
/// optimum of estmeansd's fit (benches/skewed_reference.R); MLN's SD 6.4235989767409203;
/// Luo's mean 8.6278027 (benches/convert_reference.R).
#[test]
fn convert_median_skewed_methods_name_the_fit() {
    let five = [
        "convert", "median", "--n", "20", "--min", "2", "--q1", "4", "--median", "6", "--q3", "14",
        "--max", "20",
    ];
    let out = trialstats()
        .args(five)
        .args(["--method", "qe", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "no normal-theory warning for QE");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!((v["mean"].as_f64().unwrap() - 8.8399130498596232).abs() < 1e-5);
    assert_eq!(v["method"], "qe");
    assert_eq!(v["fits"][0]["distribution"], "weibull");
    assert!(
        v["fits"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("smallest sum of squared quantile differences")
    );
    assert_eq!(v["fits"][0]["candidates"].as_array().unwrap().len(), 5);
    let out = trialstats()
        .args(five)
        .args([
            "--mean-method",
            "luo-wan-shi",
            "--sd-method",
            "mln",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!((v["mean"].as_f64().unwrap() - 8.6278027).abs() < 1e-7);
    assert!((v["sd"].as_f64().unwrap() - 6.4235989767409203).abs() < 1e-5);
    assert_eq!(
        (v["method"].as_str(), v["sd_method"].as_str()),
        (Some("luo-wan-shi"), Some("mln"))
    );
    trialstats()
        .args(five)
        .args(["--method", "bc"])
        .assert()
        .success()
        .stdout(contains("distribution").and(contains("bc: Box-Cox normal, λ = 0")));
}

#[test]
fn convert_median_skewed_methods_refuse_bad_input_with_the_field() {
    trialstats()
        .args([
            "convert", "median", "--n", "2", "--min", "1", "--median", "2", "--max", "5",
        ])
        .args(["--method", "mln"])
        .assert()
        .code(2)
        .stderr(contains("n = 2").and(contains("n ≥ 3")));
    trialstats()
        .args([
            "convert", "median", "--n", "20", "--q1", "5", "--median", "2", "--q3", "6",
        ])
        .args(["--method", "qe"])
        .assert()
        .code(2)
        .stderr(contains("q1 5 is above median 2"));
    trialstats()
        .args([
            "convert", "median", "--n", "20", "--min", "0", "--median", "2", "--max", "6",
        ])
        .args(["--method", "bc"])
        .assert()
        .code(2)
        .stderr(contains("bc needs values > 0"));
}
