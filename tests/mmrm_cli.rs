//! `trialstats mmrm` from the command line: the printed summary, JSON keys, and refusals of
//! bad input with exit code 2 naming what is wrong.

use crate::common::subcommand;
use predicates::prelude::*;
use std::io::Write;
use std::path::PathBuf;

fn fev() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/fev_data.csv")
}

fn csv(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    f.write_all(text.as_bytes()).expect("written");
    f
}

#[test]
fn prints_covariance_fixed_effects_and_contrasts() {
    // -2 REML log-likelihood of gls (tests/mmrm.rs): 3386.44987116239.
    subcommand("mmrm")
        .arg(fev())
        .args([
            "--formula",
            "FEV1 ~ RACE + SEX + ARMCD * AVISIT + us(AVISIT | USUBJID)",
            "--contrast",
            "ARMCD",
            "--at",
            "AVISIT=VIS4",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "-2 REML log-likelihood: 3386.4499",
        ))
        .stdout(predicate::str::contains("covariance over visits:"))
        .stdout(predicate::str::contains("correlation:"))
        .stdout(predicate::str::contains("AVISIT=VIS4  PBO - TRT"))
        .stdout(predicate::str::contains("AVISIT=VIS1  PBO - TRT").not());
}

#[test]
fn json_has_the_contract_keys() {
    let out = subcommand("mmrm")
        .arg(fev())
        .args([
            "--formula",
            "FEV1 ~ ARMCD * AVISIT + cs(AVISIT | USUBJID)",
            "--contrast",
            "ARMCD",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for key in [
        "log_likelihood",
        "aic",
        "bic",
        "covariance",
        "correlation",
        "fixed",
        "emmeans",
        "contrasts",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let c = &v["contrasts"][0];
    for key in [
        "contrast", "at", "estimate", "se", "df", "t", "p", "ci_lower", "ci_upper",
    ] {
        assert!(c.get(key).is_some(), "{key}");
    }
    assert_eq!(v["contrasts"].as_array().unwrap().len(), 4);
    assert_eq!(v["covariance"].as_array().unwrap().len(), 4);
}

#[test]
fn bad_input_is_exit_2_naming_it() {
    let text_response = csv("id,visit,y\na,1,1.0\na,2,x\nb,1,2\nb,2,3\nc,1,1\nc,2,2\n");
    let duplicated = csv("id,visit,y\na,1,1.0\na,1,2.0\nb,1,2\nb,2,3\nc,1,1\nc,2,2\n");
    // 3 subjects × 4 visits: 12 observations, 4 fixed effects, 10 covariance parameters.
    let mut few = String::from("id,visit,y\n");
    for (s, base) in [("a", 1.0), ("b", 2.5), ("c", 0.3)] {
        for v in 1..=4 {
            few.push_str(&format!(
                "{s},{v},{}\n",
                base + v as f64 * 0.7 + (v * v) as f64 * 0.01
            ));
        }
    }
    let few = csv(&few);
    let one_visit = csv("id,visit,y\na,1,1.0\nb,1,2\nc,1,1.5\n");
    let good = "y ~ visit + us(visit | id)";
    for (file, formula, extra, says) in [
        (text_response.path(), good, vec![], "column y"),
        (
            duplicated.path(),
            good,
            vec![],
            "subject 'a' has 2 rows at visit '1'",
        ),
        (few.path(), good, vec![], "has 10 parameters"),
        (one_visit.path(), "y ~ us(visit | id)", vec![], "one level"),
        (
            fev().as_path(),
            "FEV1 ~ ARMCD + sp_exp(AVISIT | USUBJID)",
            vec![],
            "not supported",
        ),
        // --group: a column that varies within a subject, one that is not in the file, and
        // a formula that names another group.
        (
            fev().as_path(),
            "FEV1 ~ ARMCD + ar1(AVISIT | USUBJID)",
            vec!["--group", "WEIGHT"],
            "each subject must belong to one group",
        ),
        (
            fev().as_path(),
            "FEV1 ~ ARMCD + ar1(AVISIT | USUBJID)",
            vec!["--group", "ARM"],
            "ARM",
        ),
        (
            fev().as_path(),
            "FEV1 ~ ARMCD + ar1(AVISIT | SEX / USUBJID)",
            vec!["--group", "ARMCD"],
            "differ",
        ),
        (
            fev().as_path(),
            "FEV1 ~ ARMCD",
            vec![],
            "no covariance term",
        ),
        (
            fev().as_path(),
            "FEV1 ~ ARMCD + us(AVISIT | USUBJID)",
            vec!["--contrast", "ARM"],
            "'ARM' is not a variable",
        ),
        (
            fev().as_path(),
            "FEV1 ~ ARMCD + us(AVISIT | USUBJID)",
            vec!["--ml", "--ddf", "kenward-roger"],
            "Kenward-Roger needs a REML fit",
        ),
    ] {
        subcommand("mmrm")
            .arg(file)
            .args(["--formula", formula])
            .args(extra)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
}

/// `--chart`: the least-squares means per arm and visit with their CIs and the subjects per
/// arm and visit (fev_data: PBO has 68 subjects at VIS1, TRT 66; 134 in all, as the fit's
/// n per visit).
#[test]
fn chart_shows_means_per_arm_and_visit_with_n() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("lsmeans.svg");
    subcommand("mmrm")
        .arg(fev())
        .args([
            "--formula",
            "FEV1 ~ RACE + SEX + ARMCD * AVISIT + ar1h(AVISIT | USUBJID)",
            "--contrast",
            "ARMCD",
            "--editable-svg",
            "--chart",
        ])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    for want in ["PBO", "TRT", "VIS4", "n = 68", "n = 66", "95% CI"] {
        assert!(text.contains(want), "{want} missing from the chart");
    }
    // Without --contrast there are no means to draw: clap refuses (exit 2).
    subcommand("mmrm")
        .arg(fev())
        .args([
            "--formula",
            "FEV1 ~ ARMCD + us(AVISIT | USUBJID)",
            "--chart",
        ])
        .arg(dir.path().join("x.svg"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--contrast"));
}
