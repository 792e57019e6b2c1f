//! `trialstats meta` from the command line: output contract, exit codes and messages.

// References are R's 17-significant-digit printouts.
#![allow(clippy::excessive_precision)]

use crate::common::{assert_close, json, subcommand};
use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn bcg() -> String {
    format!("{}/tests/data/bcg.csv", env!("CARGO_MANIFEST_DIR"))
}

fn temp_csv(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn json_has_the_documented_fields_with_metafor_values() {
    let v = json(&[
        "meta",
        &bcg(),
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--format",
        "json",
    ]);
    // rma(yi, vi, data = dat, method = "REML", control = list(threshold = 1e-12, tol = 1e-12))
    // (see tests/data/metafor_cases.rs): beta = -0.71453234215813966, se = 0.1797815161052069
    assert_close("estimate", &v["estimate"], -0.71453234215813966, 1e-8);
    assert_close("se", &v["se"], 0.1797815161052069, 1e-8);
    for key in [
        "ci_lower", "ci_upper", "tau2", "i2", "h2", "q", "q_df", "q_p", "pi_lower", "pi_upper",
    ] {
        assert!(v[key].is_number(), "{key} missing: {v}");
    }
    assert_eq!(v["tau2_ci"].as_array().unwrap().len(), 2);
    assert!(
        v.get("studies").is_none(),
        "per-study rows only with --studies"
    );
}

#[test]
fn moderators_give_coefficients_intercept_first_qm_and_r2() {
    let v = json(&[
        "meta",
        &bcg(),
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "ablat,alloc",
        "--format",
        "json",
    ]);
    // rma(yi, vi, mods = ~ablat + alloc, data = dat, method = "REML", ...): beta, QM, R2
    let coefs = v["coefficients"].as_array().unwrap();
    let names: Vec<&str> = coefs.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["intrcpt", "ablat", "allocrandom", "allocsystematic"]
    );
    assert_close(
        "ablat estimate",
        &coefs[1]["estimate"],
        -0.02727575629813328,
        1e-8,
    );
    for key in ["name", "estimate", "se", "ci_lower", "ci_upper", "p"] {
        assert!(!coefs[0][key].is_null(), "{key}");
    }
    assert_close("qm", &v["qm"], 11.060612455359358, 1e-8);
    assert_close("r2", &v["r2"], 53.839613909173181, 1e-8);
}

#[test]
fn standard_errors_can_be_given_instead_of_variances() {
    let f = temp_csv("study,yi,sei\nA,0.1,0.2\nB,0.5,0.3\nC,-0.2,0.25\n");
    let p = f.path().to_str().unwrap();
    let a = json(&[
        "meta", p, "--yi", "yi", "--sei", "sei", "--method", "DL", "--format", "json",
    ]);
    let g = temp_csv("study,yi,vi\nA,0.1,0.04\nB,0.5,0.09\nC,-0.2,0.0625\n");
    let q = g.path().to_str().unwrap();
    let b = json(&[
        "meta", q, "--yi", "yi", "--vi", "vi", "--method", "DL", "--format", "json",
    ]);
    assert_eq!(a["estimate"], b["estimate"]);
}

#[test]
fn table_and_csv_formats_print_the_pooled_estimate() {
    subcommand("meta")
        .args([&bcg(), "--yi", "yi", "--vi", "vi"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Random-effects model (k = 13"))
        .stdout(predicate::str::contains("-0.71453234"));
    subcommand("meta")
        .args([
            &bcg(),
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--format",
            "csv",
            "--leave-one-out",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("term,estimate,se"))
        .stdout(predicate::str::contains("Aronson 1948"));
}

#[test]
fn negative_or_zero_variance_is_refused_with_row_and_column() {
    let f = temp_csv("study,yi,vi\nA,0.1,0.04\nB,0.5,-0.09\n");
    subcommand("meta")
        .args([f.path().to_str().unwrap(), "--yi", "yi", "--vi", "vi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".csv:3: column vi"))
        .stderr(predicate::str::contains("must be > 0"));
    let f = temp_csv("study,yi,vi\nA,0.1,0\nB,0.5,0.09\n");
    subcommand("meta")
        .args([f.path().to_str().unwrap(), "--yi", "yi", "--vi", "vi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".csv:2: column vi"));
}

#[test]
fn non_numeric_cell_is_refused_with_row_and_column() {
    let f = temp_csv("study,yi,vi\nA,0.1,0.04\nB,abc,0.09\n");
    subcommand("meta")
        .args([f.path().to_str().unwrap(), "--yi", "yi", "--vi", "vi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".csv:3: column yi"))
        .stderr(predicate::str::contains("'abc' is not a number"));
}

#[test]
fn missing_column_is_refused_naming_the_option_and_the_columns() {
    subcommand("meta")
        .args([&bcg(), "--yi", "logrr", "--vi", "vi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yi"))
        .stderr(predicate::str::contains("no column 'logrr'"))
        .stderr(predicate::str::contains("ablat"));
    subcommand("meta")
        .args([&bcg(), "--yi", "yi", "--vi", "vi", "--mods", "latitude"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--mods"));
}

#[test]
fn fewer_studies_than_coefficients_is_refused() {
    let f = temp_csv("study,yi,vi,a,b\nA,0.1,0.04,1,3\nB,0.5,0.09,2,1\n");
    subcommand("meta")
        .args([
            f.path().to_str().unwrap(),
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--mods",
            "a,b",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fewer studies than coefficients"));
    // Random effects need one study more than coefficients (metafor: "Number of parameters
    // to be estimated is larger than the number of observations").
    let f = temp_csv("study,yi,vi,a\nA,0.1,0.04,1\nB,0.5,0.09,2\n");
    subcommand("meta")
        .args([
            f.path().to_str().unwrap(),
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--mods",
            "a",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("too few"));
}

#[test]
fn unknown_method_test_and_bad_level_are_usage_errors() {
    subcommand("meta")
        .args([&bcg(), "--yi", "yi", "--vi", "vi", "--method", "XYZ"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--method"))
        .stderr(predicate::str::contains("REML"));
    subcommand("meta")
        .args([&bcg(), "--yi", "yi", "--vi", "vi", "--test", "t"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--test"));
    subcommand("meta")
        .args([&bcg(), "--yi", "yi", "--vi", "vi", "--level", "95"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--level"));
    subcommand("meta")
        .args([&bcg(), "--yi", "yi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--sei"));
}

#[test]
fn a_single_study_is_its_own_estimate() {
    let f = temp_csv("study,yi,vi\nA,0.3,0.04\n");
    let v = json(&[
        "meta",
        f.path().to_str().unwrap(),
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--format",
        "json",
    ]);
    assert_eq!(v["estimate"].as_f64(), Some(0.3));
    assert_eq!(v["tau2"].as_f64(), Some(0.0));
    assert!(v["tau2_ci"].is_null());
}

/// `--measure` computes yi and vi from raw columns as metafor's escalc, then pools.
/// Reference (R 4.2.2, metafor 3.8.1):
///   dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
///   res <- rma(yi, vi, mods=~ablat, data=dat, control=list(tol=1e-12, threshold=1e-12))
///   coef(res) = 0.25146821000695357, -0.029101725011642862; res$tau2 = 0.076347963955919307;
///   res$QM = 16.358232147046746
/// tests/data/bcg_raw.csv is dat.bcg with tpos/tneg/cpos/cneg renamed to ai/bi/ci/di.
#[test]
fn measure_computes_effects_from_raw_columns_as_escalc() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_raw.csv",
            "--measure",
            "RR",
            "--mods",
            "ablat",
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
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rel = |got: f64, want: f64| ((got - want) / want).abs();
    assert!(
        rel(
            v["coefficients"][0]["estimate"].as_f64().unwrap(),
            0.25146821000695357
        ) < 1e-6
    );
    assert!(
        rel(
            v["coefficients"][1]["estimate"].as_f64().unwrap(),
            -0.029101725011642862
        ) < 1e-6
    );
    assert!(rel(v["tau2"].as_f64().unwrap(), 0.076347963955919307) < 1e-6);
    assert!(rel(v["qm"].as_f64().unwrap(), 16.358232147046746) < 1e-6);
}

#[test]
fn measure_with_an_unknown_code_or_missing_raw_columns_exits_2() {
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "tests/data/bcg_raw.csv", "--measure", "XX"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--measure: unknown measure code 'XX'",
        ));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "tests/data/bcg.csv", "--measure", "RR"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing column ai"));
}

#[test]
fn forest_and_funnel_charts_are_drawn_and_never_overwrite_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let forest = dir.path().join("forest.svg");
    let funnel = dir.path().join("funnel.png");
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_raw.csv",
            "--measure",
            "RR",
            "--exp",
            "--editable-svg",
            "--forest",
        ])
        .arg(&forest)
        .arg("--funnel")
        .arg(&funnel)
        .assert()
        .code(0);
    let svg = std::fs::read_to_string(&forest).unwrap();
    // Study labels, the summary row and the ratio-scale axis are in the forest plot.
    assert!(
        svg.contains("Aronson 1948") && svg.contains("RE model (REML)"),
        "{svg:.300}"
    );
    let png = std::fs::read(&funnel).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg.csv",
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--forest",
            "tests/data/bcg.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("would overwrite the input"));
}

/// The forest plot takes the shared chart options, names its axis after the measure and
/// prints the heterogeneity line. Reference (R 4.2.2, metafor 3.8.1):
///   dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
///   rma(yi, vi, data=dat, method="REML", control=list(tol=1e-12, threshold=1e-12))
///   tau^2 = 0.3132, I^2 = 92.22%, Q(df = 12) = 152.2330, p-val < .0001
#[test]
fn forest_takes_the_chart_options_and_shows_heterogeneity() {
    let dir = tempfile::tempdir().unwrap();
    let forest = dir.path().join("forest.svg");
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_raw.csv",
            "--measure",
            "RR",
            "--exp",
            "--width",
            "1000",
            "--height",
            "700",
            "--dpi",
            "120",
            "--editable-svg",
        ])
        .arg("--forest")
        .arg(&forest)
        .assert()
        .code(0);
    let svg = std::fs::read_to_string(&forest).unwrap();
    assert!(svg.contains("width=\"1000\" height=\"700\""), "{svg:.200}");
    assert!(svg.contains("risk ratio") && !svg.contains(">yi<"));
    assert!(svg.contains("Risk ratio (random effects, REML): 13 studies"));
    assert!(
        svg.contains(
            "Heterogeneity: τ² = 0.313, I² = 92.2%, Q(12) = 152.23, p\u{a0}&lt;\u{a0}0.001"
        ),
        "{svg}"
    );
    // --title and --xlab replace the labels from the data.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg.csv",
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--title",
            "BCG vaccine trials",
            "--xlab",
            "log risk ratio (BCG vs control)",
            "--editable-svg",
        ])
        .arg("--forest")
        .arg(&forest)
        .assert()
        .code(0);
    let svg = std::fs::read_to_string(&forest).unwrap();
    assert!(svg.contains("BCG vaccine trials") && svg.contains("log risk ratio (BCG vs control)"));
}

/// `--data`: every before/after measure reported by two or more studies is pooled.
/// tests/data/pooling holds the NMO file and a SYNTHETIC copy with other EDSS numbers.
/// Reference (R 4.2.2, metafor 3.8.1; SMCR as after − before over the before SD):
///   d <- escalc("SMCR", m1i=c(4.1,4.0), m2i=c(5.1,5.5), sd1i=c(1.7,1.5), sd2i=c(1.6,1.4),
///               ni=c(7,7), ri=c(0.5,0.5))
///   rma(yi, vi, data=d, method="REML", control=list(tol=1e-12, threshold=1e-12))
///   estimate -0.6721979419567703, se 0.29782080264686545, tau2 0
#[test]
fn data_folder_measures_reported_by_two_studies_are_pooled() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "--data",
            "tests/data/pooling",
            "--r",
            "0.5",
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
    // An array with one fit per pooled measure, each naming its measure.
    let fits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fits.len(), 4);
    let edss = fits.iter().find(|f| f["measure"] == "edss").unwrap();
    let rel = |got: f64, want: f64| ((got - want) / want).abs();
    assert!(rel(edss["estimate"].as_f64().unwrap(), -0.6721979419567703) < 1e-8);
    assert!(rel(edss["se"].as_f64().unwrap(), 0.29782080264686545) < 1e-8);
    assert_eq!(edss["tau2"].as_f64().unwrap(), 0.0);
    // The shipped data has no measure in two studies: nothing to pool, said plainly.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "--data", "data"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("nothing to pool"));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "--data", "data", "--effect", "PR"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "PR cannot be pooled from the data",
        ));
}

/// `--exp` gives the pooled log risk ratio back on the ratio scale, in text and JSON, without
/// a chart: R: dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg);
/// predict(rma(yi, vi, data=dat, control=list(threshold=1e-12, maxiter=1000)), transf=exp)
#[test]
fn exp_back_transforms_the_estimate_and_its_intervals() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/bcg_raw.csv",
            "--measure",
            "RR",
            "--exp",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &v["exponentiated"];
    for (key, want) in [
        ("estimate", 0.48942093982603013),
        ("ci_lower", 0.34407430610677631),
        ("ci_upper", 0.6961660667154278),
        ("pi_lower", 0.15463431340090578),
        ("pi_upper", 1.5490278391134338),
    ] {
        let got = e[key].as_f64().unwrap();
        assert!(
            ((got - want) / want).abs() < 1e-6,
            "{key}: {got} vs R {want}"
        );
    }
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "tests/data/bcg_raw.csv", "--measure", "RR", "--exp"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "exp (ratio scale, as predict(transf = exp)): estimate = 0.48942",
        ));
}

/// `--data` with `--bayes`: each pooled measure gets the Bayesian model too. The EDSS set of
/// tests/data/pooling (yi, vi as in data_folder_measures_reported_by_two_studies_are_pooled)
/// with a half-normal(0.5) prior on tau, against the exact posterior in R:
///   y <- c(-0.51095687519259603, -0.86862668782741326)
///   v <- c(0.16150549487904156, 0.19675088020043016)
///   integrate() at rel.tol = 1e-12 of p(tau) p(y | tau) over tau, uniroot(tol = 1e-14) for
///   the medians (as benches/bayes_reference.R): tau median 0.27243272959138826, mu median
///   -0.67702408550368032, P(mu < 0) 0.95145193876034606.
#[test]
fn data_folder_pooling_fits_the_bayesian_model_too() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "--data",
            "tests/data/pooling",
            "--r",
            "0.5",
            "--bayes",
            "--tau-prior",
            "half-normal:0.5",
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
    let fits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let edss = fits.iter().find(|f| f["measure"] == "edss").unwrap();
    let b = &edss["bayes"];
    let rel = |got: &serde_json::Value, want: f64| ((got.as_f64().unwrap() - want) / want).abs();
    assert!(rel(&b["tau"]["median"], 0.27243272959138826) < 1e-6);
    assert!(rel(&b["mu"]["median"], -0.67702408550368032) < 1e-6);
    assert!(rel(&b["mu"]["p_negative"], 0.95145193876034606) < 1e-6);
    assert!(fits.iter().all(|f| f["bayes"].is_object()));
    // Turner et al.'s priors are for log odds ratios: refused on the SMCR scale.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "--data",
            "tests/data/pooling",
            "--r",
            "0.5",
            "--bayes",
        ])
        .args(["--tau-prior", "turner:any"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--tau-prior"))
        .stderr(predicates::str::contains("log odds ratios"));
    // The Bayesian charts are for one CSV file.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "--data", "tests/data/pooling", "--bayes"])
        .args(["--tau-prior", "half-normal:0.5", "--bayes-forest", "x.png"])
        .assert()
        .code(2);
}
