//! `trialstats glmm` from the command line: the JSON contract, rate ratios with `--exp`, the
//! likelihood-ratio test (`glmm compare`), and exit codes.

#![allow(clippy::excessive_precision)]

use crate::common::{json_of, subcommand};
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn json_has_the_issue_keys_and_theta_for_negbin() {
    // glmmTMB (tests/glmm_reference.rs): logLik -1741.8049578122436, theta 0.8419938792084547.
    let v = json_of(subcommand("glmm").arg(data("owls.csv")).args([
        "--family",
        "negbin",
        "--formula",
        "SiblingNegotiation ~ FoodTreatment * SexParent + offset(log(BroodSize)) + (1 | Nest)",
        "--format",
        "json",
    ]));
    for key in [
        "log_likelihood",
        "deviance",
        "aic",
        "bic",
        "fixed",
        "random",
        "correlations",
        "theta",
        "converged",
        "n_obs",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    for key in ["term", "estimate", "se", "z", "p"] {
        assert!(v["fixed"][0].get(key).is_some(), "fixed.{key}");
    }
    for key in ["group", "term", "sd"] {
        assert!(v["random"][0].get(key).is_some(), "random.{key}");
    }
    assert!((v["log_likelihood"].as_f64().unwrap() - -1741.8049578122436).abs() < 1e-6);
    assert!((v["theta"].as_f64().unwrap() - 0.8419938792084547).abs() < 1e-4);
    assert_eq!(v["n_obs"], 599);
    assert_eq!(v["converged"], true);
    // Poisson has no theta key.
    let v = json_of(subcommand("glmm").arg(data("epil.csv")).args([
        "--family",
        "poisson",
        "--formula",
        "y ~ lbase * trt + lage + V4 + (1 | subject)",
        "--format",
        "json",
    ]));
    assert!(v.get("theta").is_none());
}

#[test]
fn exp_gives_rate_ratios_with_their_interval() {
    // glmmTMB: fixef -2.2641425987588706, se 0.59165905463999857 (tests/glmm_synthetic.rs);
    // R: b <- -2.2641425987588706; s <- 0.59165905463999857
    //   exp(b) = 0.10391909671683279; exp(b + c(-1, 1) * qnorm(0.975) * s) =
    //   0.032589242263685217 0.331372499399170406
    let v = json_of(
        Command::cargo_bin("trialstats")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "glmm",
                "data/synthetic/relapses_prepost_synthetic.csv",
                "--family",
                "poisson",
                "--formula",
                "relapses ~ period + offset(log(years)) + (1 | patient)",
                "--exp",
                "--format",
                "json",
            ]),
    );
    let r = &v["ratios"][1];
    assert_eq!(r["term"], "periodtreatment");
    assert!(
        (r["ratio"].as_f64().unwrap() - 0.10391902).abs() < 1e-5,
        "{r}"
    );
    assert!(
        (r["lower"].as_f64().unwrap() - 0.0325898).abs() < 1e-5,
        "{r}"
    );
    assert!(
        (r["upper"].as_f64().unwrap() - 0.331368).abs() < 1e-4,
        "{r}"
    );
    assert_eq!(v["level"], 0.95);
    Command::cargo_bin("trialstats")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "glmm",
            "data/synthetic/relapses_prepost_synthetic.csv",
            "--family",
            "poisson",
            "--formula",
            "relapses ~ period + offset(log(years)) + (1 | patient)",
            "--exp",
            "--level",
            "0.9",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("rate_ratio"))
        .stdout(predicate::str::contains("lower_90"));
}

#[test]
fn compare_is_glmmtmbs_likelihood_ratio_test() {
    // R: anova(m0, m1) of glmmTMB fits of cbpp (benches/glmm_reference.R):
    //   m0 logLik -104.83131358971171, chisq 25.610063449900139 on 3 df, p 1.150936691434434e-05
    let v = json_of(
        subcommand("glmm")
            .args(["compare"])
            .arg(data("cbpp.csv"))
            .args([
                "--family",
                "binomial",
                "--formula",
                "cbind(incidence, size - incidence) ~ 1 + (1 | herd)",
                "--formula",
                "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
                "--format",
                "json",
            ]),
    );
    assert!(
        (v["chisq"].as_f64().unwrap() - 25.610063449900139).abs() < 1e-5,
        "{v}"
    );
    assert_eq!(v["df"], 3);
    assert!((v["p_value"].as_f64().unwrap() - 1.150936691434434e-05).abs() < 1e-9);
    assert!(
        (v["models"][0]["log_likelihood"].as_f64().unwrap() - -104.83131358971171).abs() < 1e-6
    );
    subcommand("glmm")
        .args(["compare"])
        .arg(data("cbpp.csv"))
        .args([
            "--family",
            "binomial",
            "--formula",
            "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
            "--formula",
            "incidence ~ factor(period) + (1 | herd)",
        ])
        .assert()
        .code(2);
}

#[test]
fn separation_is_a_warning_with_exit_1() {
    subcommand("glmm")
        .arg(data("bad_inputs/glmm_separation.csv"))
        .args([
            "--family",
            "binomial",
            "--formula",
            "cbind(events, n - events) ~ arm + (1 | clinic)",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "warning: fitted probabilities numerically 0 or 1",
        ))
        .stdout(predicate::str::contains("'armb'"));
}

#[test]
fn several_grouping_factors_in_json_ranef_and_compare() {
    // R (benches/glmm_reference.R): glmmTMB fits of grouseticks, anova(m0, m1) with
    //   m0 <- TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX)
    //   m1 <- TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)
    //   logLik m0 -891.01997825733918, m1 -890.27133008796056, chisq 1.4972963387572236 on 1 df,
    //   p 0.22108783343578947.
    let v = json_of(subcommand("glmm").arg(data("grouseticks.csv")).args([
        "--family",
        "poisson",
        "--formula",
        "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
        "--ranef",
        "--format",
        "json",
    ]));
    let random = v["random"].as_array().unwrap();
    let groups: Vec<&str> = random
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["INDEX", "BROOD", "LOCATION"]);
    assert_eq!(v["grouping_factors"][2]["levels"], 63);
    assert_eq!(v["ranef"].as_array().unwrap().len(), 403 + 118 + 63);
    assert!(v["correlations"].as_array().unwrap().is_empty());
    let v = json_of(
        subcommand("glmm")
            .args(["compare"])
            .arg(data("grouseticks.csv"))
            .args([
                "--family",
                "poisson",
                "--formula",
                "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | INDEX)",
                "--formula",
                "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
                "--format",
                "json",
            ]),
    );
    assert!(
        (v["chisq"].as_f64().unwrap() - 1.4972963387572236).abs() < 1e-6,
        "{v}"
    );
    assert_eq!(v["df"], 1);
    assert!((v["p_value"].as_f64().unwrap() - 0.22108783343578947).abs() < 1e-6);
    assert!(
        (v["models"][0]["log_likelihood"].as_f64().unwrap() - -891.01997825733918).abs() < 1e-6
    );
    // Not nested: a different grouping factor.
    subcommand("glmm")
        .args(["compare"])
        .arg(data("grouseticks.csv"))
        .args([
            "--family",
            "poisson",
            "--formula",
            "TICKS ~ cHEIGHT + (1 | BROOD)",
            "--formula",
            "TICKS ~ cHEIGHT + (1 | LOCATION) + (1 | INDEX)",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not nested"));
}

#[test]
fn a_singular_fit_with_several_factors_is_confirmed_at_its_boundary() {
    // YEAR is both a fixed effect and a grouping factor, so its SD goes to zero and the
    // deviance is flat along it there: a singular fit, not a failure to converge.
    // R (benches/glmm_singular_reference.R, glmmTMB 1.1, rel.tol = 1e-14):
    //   glmmTMB(TICKS ~ YEAR + cHEIGHT + (1|BROOD) + (1|INDEX) + (1|LOCATION) + (1|YEAR),
    //           family = poisson, data = gt)
    //   logLik -890.27133008740907; SDs BROOD 0.7500336851, INDEX 0.5415088448,
    //   LOCATION 0.5287199635, YEAR 3.98e-7; convergence 0, pdHess TRUE.
    let v = json_of(subcommand("glmm").arg(data("grouseticks.csv")).args([
        "--family",
        "poisson",
        "--formula",
        "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION) + (1 | YEAR)",
        "--format",
        "json",
    ]));
    assert_eq!(v["converged"], true);
    let ll = v["log_likelihood"].as_f64().unwrap();
    assert!((ll - -890.27133008740907).abs() < 1e-8, "{ll}");
    let sd = |g: &str| {
        v["random"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == g)
            .unwrap()["sd"]
            .as_f64()
            .unwrap()
    };
    assert!((sd("BROOD") - 0.7500336851).abs() < 1e-4);
    assert!((sd("LOCATION") - 0.5287199635).abs() < 1e-4);
    assert!(sd("YEAR") < 1e-4);
}
