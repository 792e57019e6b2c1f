//! `trialstats nma` from the command line: the JSON contract, options and every bad input
//! the issue lists (exit 2 with a message naming the study, row or column).

use crate::common::{json, subcommand};
use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn data(name: &str) -> String {
    format!("{}/tests/data/nma/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn temp_csv(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

/// The JSON holds what the issue specifies; values are the netmeta-formula references of
/// tests/common/nma_reference_values.rs (Senn 2013).
#[test]
fn json_has_the_specified_fields() {
    let v = json(&[
        "nma",
        &data("senn2013.csv"),
        "--reference",
        "plac",
        "--format",
        "json",
    ]);
    assert_eq!(v["reference"], "plac");
    assert_eq!(v["treatments"].as_array().unwrap().len(), 10);
    let tau2 = v["random"]["tau2"].as_f64().unwrap();
    assert!((tau2 - 0.108716923142419).abs() < 1e-9);
    assert!((v["random"]["tau"].as_f64().unwrap() - tau2.sqrt()).abs() < 1e-12);
    let h = &v["heterogeneity"];
    for k in [
        "q",
        "df",
        "p",
        "i2",
        "q_within",
        "df_within",
        "q_between",
        "df_between",
    ] {
        assert!(h[k].is_number(), "heterogeneity.{k}");
    }
    let metf = v["common"]["effects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["treatment"] == "metf")
        .unwrap();
    assert!((metf["estimate"].as_f64().unwrap() - -1.11411018904415).abs() < 1e-9);
    for k in ["se", "ci_lower", "ci_upper"] {
        assert!(metf[k].is_number());
    }
    let league = v["random"]["league"].as_array().unwrap();
    assert_eq!(league.len(), 90);
    let cell = league
        .iter()
        .find(|c| c["first"] == "acar" && c["second"] == "benf")
        .unwrap();
    assert!((cell["estimate"].as_f64().unwrap() - -0.110637723375171).abs() < 1e-9);
    assert!((v["random"]["p_scores"]["rosi"].as_f64().unwrap() - 0.893368181255212).abs() < 1e-9);
    let split = v["netsplit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["comparison"] == "rosi:sulf")
        .unwrap();
    assert!((split["p"].as_f64().unwrap() - 0.15649292216463).abs() < 1e-9);
    for k in ["direct", "indirect", "difference"] {
        assert!(split[k].is_number());
    }
}

#[test]
fn exp_level_and_reference_options() {
    let v = json(&[
        "nma",
        &data("smokingcessation.csv"),
        "--reference",
        "B",
        "--exp",
        "--level",
        "0.9",
        "--format",
        "json",
    ]);
    let a = v["random"]["effects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["treatment"] == "A")
        .unwrap();
    // A vs B = −(B vs A) of the reference values.
    let est = a["estimate"].as_f64().unwrap();
    assert!((est - -0.416237704850008).abs() < 1e-9);
    let se = a["se"].as_f64().unwrap();
    let z90 = 1.6448536269514722;
    assert!((a["ci_upper"].as_f64().unwrap() - (est + z90 * se)).abs() < 1e-12);
    assert!((a["exp_estimate"].as_f64().unwrap() - est.exp()).abs() < 1e-12);
    let text = subcommand("nma")
        .args([&data("smokingcessation.csv"), "--exp"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("exp(estimate)"), "{out}");
    assert!(out.contains("each cell is the ROW treatment vs the COLUMN treatment"));
}

fn refused(csv: &str, args: &[&str], needles: &[&str]) {
    let f = temp_csv(csv);
    let out = subcommand("nma").arg(f.path()).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("NaN") && !err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "missing '{n}' in: {err}");
    }
}

#[test]
fn bad_inputs_are_refused_with_their_place() {
    let head = "studlab,treat1,treat2,TE,seTE\n";
    // A treatment compared with itself.
    refused(
        &format!("{head}s1,A,A,0.1,0.2\ns2,A,B,0.1,0.2\n"),
        &[],
        &[":2", "compares A with itself"],
    );
    // An SE of 0, a negative one, a missing one.
    refused(
        &format!("{head}s1,A,B,0.1,0\ns2,A,C,0.1,0.2\n"),
        &[],
        &[":2: column seTE", "greater than 0"],
    );
    refused(
        &format!("{head}s1,A,B,0.1,-1\ns2,A,C,0.1,0.2\n"),
        &[],
        &[":2: column seTE"],
    );
    refused(
        &format!("{head}s1,A,B,0.1,\ns2,A,C,0.1,0.2\n"),
        &[],
        &[":2: column seTE", "missing"],
    );
    // One study only.
    refused(&format!("{head}s1,A,B,0.1,0.2\n"), &[], &["1 study only"]);
    // A disconnected network: both subnetworks named.
    refused(
        &format!("{head}s1,A,B,0.1,0.2\ns2,C,D,0.1,0.2\n"),
        &[],
        &["not connected", "subnetwork 1: A, B", "subnetwork 2: C, D"],
    );
    // A multi-arm study whose contrasts do not fit together (A:C should be 0.3).
    refused(
        &format!("{head}s1,A,B,0.1,0.2\ns1,B,C,0.2,0.2\ns1,A,C,0.9,0.2\ns2,A,B,0.1,0.2\n"),
        &[],
        &["study 's1'", "do not fit together"],
    );
    // ... whose SEs do not fit together (0.1² > 0.01² + 0.01²: no arm variances).
    refused(
        &format!("{head}s1,A,B,0.1,0.01\ns1,B,C,0.2,0.01\ns1,A,C,0.3,0.1\ns2,A,B,0.1,0.2\n"),
        &[],
        &["study 's1'", "standard errors", "not positive definite"],
    );
    // A multi-arm study missing a pair.
    refused(
        &format!("{head}s1,A,B,0.1,0.2\ns1,B,C,0.2,0.2\ns2,A,B,0.1,0.2\n"),
        &[],
        &["study 's1'", "missing: A:C"],
    );
    // Unknown reference, unknown method, missing column.
    refused(
        &format!("{head}s1,A,B,0.1,0.2\ns2,A,B,0.1,0.2\n"),
        &["--reference", "Z"],
        &["--reference", "'Z'"],
    );
    refused(
        &format!("{head}s1,A,B,0.1,0.2\ns2,A,B,0.1,0.2\n"),
        &["--method", "PM"],
        &["--method"],
    );
    refused(
        "id,a,b,TE,seTE\ns1,A,B,0.1,0.2\n",
        &[],
        &["--study", "no column 'studlab'"],
    );
}

#[test]
fn disconnected_message_exits_2_not_nan() {
    let out = subcommand("nma")
        .arg(data("senn2013.csv"))
        .args(["--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    let _ = predicate::str::contains("x");
}

use crate::common::nma_reference_values as values;

fn effects(v: &serde_json::Value, model: &str) -> Vec<f64> {
    v[model]["effects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["estimate"].as_f64().unwrap())
        .collect()
}

/// Arm input gives the contrasts netmeta's pairwise() gives: the same network estimates as
/// the reference values (odds ratios with 0.5 added to every arm of a study with a zero cell;
/// mean differences), benches/nma_reference.R.
#[test]
fn arms_input_matches_pairwise_references() {
    for (file, measure, r) in [
        ("smokingcessation_arms.csv", "OR", &values::SMOKINGCESSATION),
        ("franchini2012_arms.csv", "MD", &values::FRANCHINI2012),
    ] {
        let v = json(&[
            "nma",
            &data(file),
            "--arms",
            "--measure",
            measure,
            "--reference",
            r.reference,
            "--format",
            "json",
        ]);
        for (got, want) in effects(&v, "common").iter().zip(r.common_te) {
            assert!((got - want).abs() < 1e-6, "{file} common {got} vs {want}");
        }
        for (got, want) in effects(&v, "random").iter().zip(r.random_te) {
            assert!((got - want).abs() < 1e-6, "{file} random {got} vs {want}");
        }
    }
}

/// Ratio input: each SE method against R (`log(0.5)`, `(log(0.8) - log(0.3)) /
/// (2 * qnorm(0.975))` = 0.25021614191597; `abs(log(1.6)) / qnorm(1 - 0.02/2)` =
/// 0.202034972709969; O − E = 12, V = 30: 0.4 and `1/sqrt(30)` = 0.182574185835055; HR 0.7
/// with 100 events and log-rank p 0.04: `-qnorm(0.02) / sqrt(100/4)` = 0.410749782126364
/// (negative, as the HR), SE 0.2).
#[test]
fn ratio_input_converts_each_form_and_says_how() {
    let f = temp_csv(
        "studlab,treat1,treat2,hr,lo,hi,p,oe,v,d\n\
         s1,B,A,0.5,0.3,0.8,,,,\n\
         s2,C,A,1.6,,,0.02,,,\n\
         s3,C,B,,,,,12,30,\n\
         s4,B,A,0.7,,,0.04,,,100\n",
    );
    let args = [
        "--ratio",
        "--estimate",
        "hr",
        "--ci-lower",
        "lo",
        "--ci-upper",
        "hi",
        "--p",
        "p",
        "--o-minus-e",
        "oe",
        "--variance",
        "v",
        "--events",
        "d",
        "--reference",
        "A",
        "--format",
        "json",
    ];
    let out = subcommand("nma").arg(f.path()).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes = v["notes"].to_string();
    for m in ["95% CI", "two-sided p", "Parmar", "Tierney"] {
        assert!(notes.contains(m), "{notes}");
    }
    // The direct B:A evidence is s1 and s4 pooled; check it through the common-effect node split.
    let split = v["common"]["netsplit"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["comparison"] == "A:B")
        .unwrap()
        .clone();
    let (y1, s1) = (-std::f64::consts::LN_2, 0.25021614191597_f64);
    let (y4, s4) = (-0.410749782126364_f64, 0.2_f64);
    let (w1, w4) = (1.0 / (s1 * s1), 1.0 / (s4 * s4));
    let direct_b_vs_a = (w1 * y1 + w4 * y4) / (w1 + w4);
    assert!((split["direct"].as_f64().unwrap() + direct_b_vs_a).abs() < 1e-9);
    assert!((split["se_direct"].as_f64().unwrap() - (1.0 / (w1 + w4)).sqrt()).abs() < 1e-9);
}

#[test]
fn bad_ratios_are_refused() {
    let head = "studlab,treat1,treat2,hr,lo,hi\n";
    let args = [
        "--ratio",
        "--estimate",
        "hr",
        "--ci-lower",
        "lo",
        "--ci-upper",
        "hi",
    ];
    refused(
        &format!("{head}s1,B,A,0,0.3,0.8\ns2,B,A,0.5,0.3,0.8\n"),
        &args,
        &[":2: column hr", "greater than 0"],
    );
    refused(
        &format!("{head}s1,B,A,-0.5,0.3,0.8\ns2,B,A,0.5,0.3,0.8\n"),
        &args,
        &[":2: column hr"],
    );
    refused(
        &format!("{head}s1,B,A,0.9,0.3,0.8\ns2,B,A,0.5,0.3,0.8\n"),
        &args,
        &[":2: column lo", "does not contain its estimate"],
    );
    refused(
        &format!("{head}s1,B,A,0.5,,\ns2,B,A,0.5,0.3,0.8\n"),
        &args,
        &[":2", "not enough"],
    );
    // Arms: a treatment twice in one study, a study with one arm.
    let arms = "study,treatment,events,n\ns1,A,3,10\ns1,A,4,10\ns2,A,1,10\ns2,B,2,10\n";
    refused(
        arms,
        &["--arms", "--measure", "OR"],
        &[":3: column treatment", "second arm of A"],
    );
    let arms = "study,treatment,events,n\ns1,A,3,10\ns2,A,1,10\ns2,B,2,10\n";
    refused(arms, &["--arms", "--measure", "OR"], &["one arm only"]);
}

/// The charts are written (looked at as pictures while writing them: docs/commands/nma.md).
#[test]
fn forest_and_split_forest_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let forest = dir.path().join("forest.png");
    let split = dir.path().join("split.svg");
    let out = subcommand("nma")
        .arg(data("senn2013.csv"))
        .arg("--forest")
        .arg(&forest)
        .arg("--split-forest")
        .arg(&split)
        .arg("--editable-svg")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::metadata(&forest).unwrap().len() > 10_000);
    let svg = std::fs::read_to_string(&split).unwrap();
    assert!(svg.contains("rosi vs sulf") && svg.contains("indirect"));
    // The default reference is placebo ("plac").
    assert!(String::from_utf8_lossy(&out.stdout).contains("plac (reference)"));
}

/// The texts of an SVG's text elements (each is written on its own line between the tags).
fn svg_texts(path: &std::path::Path) -> Vec<String> {
    let svg = std::fs::read_to_string(path).unwrap();
    svg.split("</text>")
        .filter_map(|t| t.rsplit_once('>').map(|(_, text)| text.trim().to_string()))
        .collect()
}

/// The width of a PNG, from its IHDR chunk.
fn png_width(path: &std::path::Path) -> u32 {
    let bytes = std::fs::read(path).unwrap();
    u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]])
}

#[test]
fn network_graph_and_league_chart_are_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph.svg");
    let league = dir.path().join("league.svg");
    let forest = dir.path().join("forest.svg");
    let out = subcommand("nma")
        .arg(data("senn2013.csv"))
        .args(["--editable-svg", "--network-graph"])
        .arg(&graph)
        .arg("--league-chart")
        .arg(&league)
        .arg("--forest")
        .arg(&forest)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts = svg_texts(&graph);
    // Every treatment is labelled; rosi vs plac has 6 studies (senn2013.csv), the most.
    for t in [
        "acar", "benf", "metf", "migl", "piog", "plac", "rosi", "sita", "sulf", "vild",
    ] {
        assert!(texts.iter().any(|x| x == t), "{t} missing: {texts:?}");
    }
    assert!(texts.iter().any(|x| x == "6"));
    assert!(texts.iter().any(|x| x.contains("1 to 6")));
    // League table: below the diagonal the random-effects network estimate of the row vs
    // the column; plac vs rosi is 1.23 [0.98, 1.48] (the JSON's league cell, itself checked
    // against netmeta's formulas in nma_reference.rs).
    let v = json(&["nma", &data("senn2013.csv"), "--format", "json"]);
    let cell = v["random"]["league"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["first"] == "plac" && c["second"] == "rosi")
        .unwrap()
        .clone();
    let texts = svg_texts(&league);
    let shown = |x: f64| format!("{x:.2}");
    assert!(texts.contains(&shown(cell["estimate"].as_f64().unwrap())));
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&shown(cell["ci_lower"].as_f64().unwrap())))
    );
    assert!(texts.iter().any(|t| t.contains("row vs column")));
    // Forest: the P-score in its own column, the axis naming the scale and the reference.
    let texts = svg_texts(&forest);
    assert!(texts.iter().any(|t| t == "P-score"));
    assert!(texts.iter().any(|t| t == "0.89"), "rosi's P-score");
    assert!(!texts.iter().any(|t| t.contains("P-score 0.89")));
    assert!(texts.iter().any(|t| t == "estimate vs plac"));
}

#[test]
fn network_graph_sizes_nodes_by_participants() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph.svg");
    subcommand("nma")
        .arg(data("smokingcessation_arms.csv"))
        .args([
            "--arms",
            "--measure",
            "OR",
            "--editable-svg",
            "--network-graph",
        ])
        .arg(&graph)
        .assert()
        .success();
    let texts = svg_texts(&graph);
    // The arms' n summed per treatment (awk -F, 'NR>1{s[$2]+=$4}' on the file):
    // A 7231, B 1571, C 7383, D 555.
    for n in ["n = 7231", "n = 1571", "n = 7383", "n = 555"] {
        assert!(texts.iter().any(|t| t == n), "{n} missing: {texts:?}");
    }
    // Contrasts with --n1/--n2 give the same sizes.
    let f = temp_csv(
        "studlab,treat1,treat2,TE,seTE,n1,n2\ns1,a,b,0.1,0.2,50,60\ns2,b,c,0.2,0.3,40,45\ns3,a,c,0.3,0.25,30,\n",
    );
    let out = subcommand("nma")
        .arg(f.path())
        .args([
            "--n1",
            "n1",
            "--n2",
            "n2",
            "--editable-svg",
            "--network-graph",
        ])
        .arg(dir.path().join("partial.svg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // One arm's size is not known: no node is sized (a partial sum would understate it).
    let texts = svg_texts(&dir.path().join("partial.svg"));
    assert!(!texts.iter().any(|t| t.starts_with("n = ")));
    let bad = temp_csv(
        "studlab,treat1,treat2,TE,seTE,n1,n2\ns1,a,b,0.1,0.2,0,60\ns2,b,c,0.2,0.3,40,45\n",
    );
    subcommand("nma")
        .arg(bad.path())
        .args(["--n1", "n1", "--n2", "n2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".csv:2: column n1"));
}

#[test]
fn charts_need_different_files_and_a_league_table_grows_wide_enough() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.png");
    subcommand("nma")
        .arg(data("senn2013.csv"))
        .arg("--forest")
        .arg(&same)
        .arg("--league-chart")
        .arg(&same)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--league-chart"));
    // Ten treatments cannot hold their intervals in 200 pixels: the picture is drawn wider.
    let narrow = dir.path().join("narrow.png");
    subcommand("nma")
        .arg(data("senn2013.csv"))
        .args(["--width", "200", "--height", "200", "--league-chart"])
        .arg(&narrow)
        .assert()
        .success();
    assert!(png_width(&narrow) > 400, "{}", png_width(&narrow));
}

/// The y of the first SVG text element that contains `needle`.
fn text_y(svg: &str, needle: &str) -> f64 {
    let at = svg
        .find(needle)
        .unwrap_or_else(|| panic!("'{needle}' not in the SVG"));
    let start = svg[..at].rfind("<text").unwrap();
    let tag = &svg[start..at];
    let y = tag.split(" y=\"").nth(1).unwrap();
    y[..y.find('"').unwrap()].parse().unwrap()
}

/// Forest charts (NMA's and meta's, one plot::forest) print the heterogeneity line and the
/// footnote under the x axis's label, not between the rows and the axis.
#[test]
fn forest_footnotes_sit_below_the_axis_label() {
    let dir = tempfile::tempdir().unwrap();
    let forest = dir.path().join("forest.svg");
    subcommand("nma")
        .arg(data("senn2013.csv"))
        .args(["--editable-svg", "--forest"])
        .arg(&forest)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&forest).unwrap();
    assert!(text_y(&svg, "random effects model;") > text_y(&svg, "estimate vs plac"));
    let meta_forest = dir.path().join("meta.svg");
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            &format!("{}/tests/data/bcg_raw.csv", env!("CARGO_MANIFEST_DIR")),
            "--measure",
            "RR",
            "--exp",
            "--editable-svg",
            "--forest",
        ])
        .arg(&meta_forest)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&meta_forest).unwrap();
    assert!(text_y(&svg, "Heterogeneity:") > text_y(&svg, "\nrisk ratio\n"));
}
