//! The JSON contract of `trialstats meta` for the review options (keys other tooling reads),
//! with values from metafor 3.8-1 (the R calls are in tests/data/meta_review_cases.rs and
//! tests/data/meta_multilevel_cases.rs); and the charts' labels with the numbers behind them
//! (benches/meta_charts_reference.R).

use crate::common::assert_close;
use assert_cmd::Command;
use serde_json::Value;

/// The JSON text `trialstats meta ARGS --format json` prints.
fn meta_text(args: &[&str]) -> String {
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
    String::from_utf8(out.stdout).unwrap()
}

fn meta(args: &[&str]) -> Value {
    serde_json::from_str(&meta_text(args)).unwrap()
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
    assert_close(
        "random allocation estimate",
        &s["estimate"],
        -0.97096470426308867,
        1e-8,
    );
    assert_close(
        "random allocation tau2",
        &s["tau2"],
        0.39252800690077383,
        1e-8,
    );
    assert_close(
        "Q between subgroups",
        &j["subgroup_test"]["q"],
        1.8614449461546356,
        1e-8,
    );
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
    assert_close(
        "sigma2 district",
        &t["sigma2"][0],
        0.065061944275311659,
        2e-6,
    );
    assert_close("sigma2 school", &t["sigma2"][1], 0.032736517027935085, 2e-6);
    assert_close("logLik", &t["log_likelihood"], -7.95872403371097, 1e-10);
    assert!(t["estimate"].is_number() && t["se"].is_number());
}

/// Run `meta` on BCG with `extra` options, drawing one chart to `chart` (`--funnel` …) as
/// SVG with its text as text; the JSON output and the SVG text.
fn meta_with_chart(extra: &[&str], chart: &str) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let mut args = vec![
        "tests/data/bcg.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--editable-svg",
    ];
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
    assert_close(
        "filled yi",
        &t["filled"][0]["yi"],
        0.31040302401442244,
        1e-7,
    );
    assert_close(
        "filled vi",
        &t["filled"][0]["vi"],
        0.22301724757231517,
        1e-12,
    );
    assert_close(
        "trim-and-fill estimate",
        &t["estimate"],
        -0.65708280076036463,
        1e-6,
    );
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

/// The position of each key's first appearance after `from` in the raw JSON text.
fn key_order(text: &str, from: &str, keys: &[&str]) -> Vec<usize> {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from}"));
    keys.iter()
        .map(|k| {
            start
                + text[start..]
                    .find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("no key {k} after {from}"))
        })
        .collect()
}

/// The results that share one estimate-SE-test-interval type keep their JSON fields in the
/// order they always had: the flattened fields stand where each result listed them, and the
/// CR2 tests keep `df` between the t statistic and its p-value.
#[test]
fn shared_estimate_fields_keep_their_json_order() {
    let tested = ["estimate", "se", "statistic", "p", "ci_lower", "ci_upper"];
    let text = meta_text(&[
        "tests/data/bcg.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "ablat",
        "--robust",
        "alloc",
    ]);
    let mut keys = vec!["name"];
    keys.extend(tested);
    let at = key_order(&text, "\"coefficients\"", &keys);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "coefficients: {at:?}");
    let robust = [
        "name",
        "estimate",
        "se",
        "statistic",
        "df",
        "p",
        "ci_lower",
        "ci_upper",
    ];
    let at = key_order(&text, "\"robust\"", &robust);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "robust: {at:?}");
    let text = meta_text(&[
        "tests/data/hackshaw1998.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--trimfill",
        "--leave-one-out",
    ]);
    let mut keys = vec!["label"];
    keys.extend(tested);
    keys.push("q");
    let at = key_order(&text, "\"leave_one_out\"", &keys);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "leave_one_out: {at:?}");
    let mut keys = vec!["estimator", "k0", "se_k0", "side"];
    keys.extend(tested);
    keys.extend(["tau2", "filled"]);
    let at = key_order(&text, "\"trimfill\"", &keys);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "trimfill: {at:?}");
}

/// The y of the first SVG text holding `part`.
fn text_y(svg: &str, part: &str) -> f64 {
    svg.split("<text ")
        .find(|t| t.split("</text>").next().is_some_and(|t| t.contains(part)))
        .and_then(|t| t.split(" y=\"").nth(1)?.split('"').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no text holds '{part}'"))
}

#[test]
fn subgrouped_forest_shows_each_subgroup_and_the_test_as_printed() {
    let (j, svg) = meta_with_chart(&["--subgroup", "alloc"], "--forest");
    // metafor 3.8-1 (benches/meta_subgroup_forest_reference.R), BCG by allocation:
    // rma(yi, vi, data = dat, subset = alloc == a, method = "REML") for each a.
    // alternate: b = -0.5407929618 [-1.0927219815, 0.0111360578], tau2 = 0.1325770399,
    //   I2 = 82.0225155667, QE(1) = 5.5625135080, p = 0.0183490514
    // random: b = -0.9709647043 [-1.5118287274, -0.4301006811], tau2 = 0.3925280069,
    //   I2 = 89.9343157013, QE(6) = 110.2132611752, p < 1e-20
    // systematic: b = -0.4242073915 [-1.1292950907, 0.2808803077], tau2 = 0.4003458802,
    //   I2 = 86.4221195901, QE(3) = 16.5918635795, p = 0.0008573296
    // overall: rma(yi, vi, data = dat): tau2 = 0.3132432581, I2 = 92.2213845213,
    //   QE(12) = 152.2330080824
    // Q between: rma(b, sei = se, method = "FE")$QE = 1.8614449462, QEp = 0.3942687589
    for (i, want) in [-0.5407929618, -0.9709647043, -0.4242073915]
        .iter()
        .enumerate()
    {
        assert_close(
            &format!("subgroup {i} estimate"),
            &j["subgroups"][i]["estimate"],
            *want,
            1e-8,
        );
    }
    // The subgroups' estimates and lower ends, each its own text in the numbers column.
    let bodies: Vec<&str> = svg
        .split("<text ")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split("</text>").next()?.trim()))
        .collect();
    for number in ["−0.54", "−1.09", "−0.97", "−1.51", "−0.42", "−1.13"] {
        assert!(bodies.contains(&number), "the chart lacks {number}");
    }
    for text in [
        "alloc = alternate (2 studies)",
        "alloc = random (7 studies)",
        "alloc = systematic (4 studies)",
        // (the SVG writes "<" as "&lt;")
        "Heterogeneity: τ² = 0.133, I² = 82.0%, Q(1) = 5.56, p\u{a0}=\u{a0}0.018",
        "Heterogeneity: τ² = 0.393, I² = 89.9%, Q(6) = 110.21, p\u{a0}&lt;\u{a0}0.001",
        "Heterogeneity: τ² = 0.400, I² = 86.4%, Q(3) = 16.59, p\u{a0}&lt;\u{a0}0.001",
        "Heterogeneity: τ² = 0.313, I² = 92.2%, Q(12) = 152.23, p\u{a0}&lt;\u{a0}0.001",
        "Test for subgroup differences: Q_between(2) = 1.86, p\u{a0}=\u{a0}0.39",
    ] {
        assert!(svg.contains(text), "the chart lacks '{text}'");
    }
    // Each subgroup's diamond under its rows, the pooled model after the subgroups, and
    // the test as the last line.
    let y = |t: &str| text_y(&svg, t);
    assert!(y("alloc = random") < y("Aronson 1948"));
    assert!(y("Q(6) = 110.21") < y("alloc = systematic"));
    assert!(y("Q(3) = 16.59") < y("Q(12) = 152.23"));
    assert!(y("Q(12) = 152.23") < y("Test for subgroup differences"));
}
