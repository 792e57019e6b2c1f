//! The JSON contract of `trialstats meta` for the review options (keys other tooling reads),
//! with values from metafor 3.8-1 (the R calls are in tests/data/meta_review_cases.rs and
//! tests/data/meta_multilevel_cases.rs); and the charts' labels with the numbers behind them
//! (benches/meta_charts_reference.R).

use assert_cmd::Command;
use serde_json::Value;

fn meta(args: &[&str]) -> Value {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .arg("meta")
        .args(args)
        .args(["--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(v: &Value, want: f64, rel: f64) {
    let got = v.as_f64().unwrap();
    assert!((got - want).abs() <= rel * want.abs(), "{got} vs {want}");
}

#[test]
fn review_options_write_the_contract_keys() {
    let j = meta(&[
        "tests/data/bcg.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--subgroup",
        "alloc",
        "--cumulative",
        "year",
        "--trimfill",
        "--fsn",
    ]);
    let s = &j["subgroups"][1];
    assert_eq!(s["level"], "random");
    assert_eq!(s["k"], 7);
    // per-level rma(yi, vi, method = "REML"): random allocation
    close(&s["estimate"], -0.97096470426308867, 1e-8);
    close(&s["tau2"], 0.39252800690077383, 1e-8);
    close(&j["subgroup_test"]["q"], 1.8614449461546356, 1e-8);
    assert_eq!(j["subgroup_test"]["df"], 2);
    assert_eq!(j["cumulative"].as_array().unwrap().len(), 13);
    for key in ["estimate", "se", "tau2", "ci_lower", "ci_upper"] {
        assert!(j["cumulative"][0][key].is_number(), "{key}");
    }
    for key in ["k0", "side", "estimate", "se", "tau2"] {
        assert!(!j["trimfill"][key].is_null(), "{key}");
    }
    for key in ["rosenthal", "orwin", "rosenberg"] {
        assert!(j["fsn"][key].is_number(), "{key}");
    }
    let s = meta(&[
        "tests/data/hackshaw1998.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--selmodel",
        "0.025",
    ]);
    for key in ["estimate", "tau2", "lrt", "lrt_p"] {
        assert!(s["selmodel"][key].is_number(), "{key}");
    }
    assert_eq!(s["selmodel"]["delta"][0], 1.0);
    let t = meta(&[
        "tests/data/konstantopoulos2011.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--cluster",
        "district",
        "--id",
        "school",
    ]);
    // rma.mv(yi, vi, random = ~ 1 | district/school, data = dat)
    close(&t["sigma2"][0], 0.065061944275311659, 2e-6);
    close(&t["sigma2"][1], 0.032736517027935085, 2e-6);
    close(&t["log_likelihood"], -7.95872403371097, 1e-10);
    assert!(t["estimate"].is_number() && t["se"].is_number());
}

/// Run `meta` on BCG with `extra` options, drawing one chart to `chart` (`--funnel` …) as
/// SVG; the JSON output and the SVG text.
fn meta_with_chart(extra: &[&str], chart: &str) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let mut args = vec!["tests/data/bcg.csv", "--yi", "yi", "--vi", "vi"];
    args.extend(extra);
    args.extend([chart, svg.to_str().unwrap()]);
    let j = meta(&args);
    (j, std::fs::read_to_string(&svg).unwrap())
}

#[test]
fn funnel_with_trimfill_draws_the_filled_studies_and_the_adjusted_estimate() {
    let (j, svg) = meta_with_chart(&["--trimfill"], "--funnel");
    // tf <- trimfill(rma(yi, vi, data = dat, control = list(tol = 1e-12, threshold = 1e-12)))
    // tf$k0 = 1; tail(tf$yi, 1), tail(tf$vi, 1), tf$beta
    let t = &j["trimfill"];
    assert_eq!(t["k0"], 1);
    close(&t["filled"][0]["yi"], 0.31040302401442244, 1e-7);
    close(&t["filled"][0]["vi"], 0.22301724757231517, 1e-12);
    close(&t["estimate"], -0.65708280076036463, 1e-6);
    assert!(svg.contains("filled (trim and fill)"), "{svg}");
    assert!(svg.contains("adjusted estimate"));
    assert!(svg.contains(">\npooled\n<"));
}

#[test]
fn funnel_without_trimfill_has_no_filled_studies() {
    let (_, svg) = meta_with_chart(&[], "--funnel");
    assert!(!svg.contains("trim and fill"));
}

#[test]
fn baujat_plot_labels_each_study() {
    let (_, svg) = meta_with_chart(&[], "--baujat");
    assert!(svg.contains("Baujat plot"));
    assert!(svg.contains("squared Pearson residual"));
    assert!(svg.contains("influence on the estimate"));
    for study in [
        "Aronson 1948",
        "TPT Madras 1980",
        "Hart &amp; Sutherland 1977",
    ] {
        assert!(svg.contains(study), "{study}");
    }
    let (_, fe) = meta_with_chart(&["--method", "FE"], "--baujat");
    assert!(fe.contains("contribution to Q"));
}

#[test]
fn bubble_plot_draws_the_regression_with_its_band() {
    let (_, svg) = meta_with_chart(&["--mods", "ablat"], "--bubble");
    for text in [
        "ablat",
        "meta-regression",
        "95% CI",
        "study (area ∝ weight)",
    ] {
        assert!(svg.contains(text), "{text}");
    }
}
