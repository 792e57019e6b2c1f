//! `trialstats lmm` from the command line: output formats, the JSON contract, the
//! likelihood-ratio test, and refusals of bad input with exit code 2.

use crate::common::{json, subcommand};
use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
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
fn table_output_shows_the_lme4_summary_numbers() {
    // lme4: REMLcrit 1743.6282719599519, fixef 251.40510484848497 10.467285959595987,
    // sigma 25.59179572167535 (see tests/lmm_lme4.rs for the R call).
    subcommand("lmm")
        .arg(data("sleepstudy.csv"))
        .args(["--formula", "Reaction ~ Days + (Days | Subject)"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("REML criterion: 1743.6283"))
        .stdout(predicate::str::contains("251.4051"))
        .stdout(predicate::str::contains("10.467286"))
        .stdout(predicate::str::contains("converged: yes"))
        .stdout(predicate::str::contains("groups (Subject): 18"));
}

#[test]
fn json_follows_the_contract() {
    let out = subcommand("lmm")
        .arg(data("sleepstudy.csv"))
        .args([
            "--formula",
            "Reaction ~ Days + (Days | Subject)",
            "--ml",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    // lme4: deviance(lmer(Reaction ~ Days + (Days | Subject), ss, REML = FALSE)) = 1751.9393444889909
    assert!((v["criterion"].as_f64().unwrap() - 1751.9393444889909).abs() < 1e-6);
    assert!(v["sigma"].as_f64().is_some());
    assert_eq!(v["n_obs"], 180);
    assert_eq!(v["converged"], true);
    let fixed = v["fixed"].as_array().unwrap();
    assert_eq!(fixed.len(), 2);
    for key in ["term", "estimate", "se", "t"] {
        assert!(fixed[0].get(key).is_some(), "fixed.{key}");
    }
    let random = v["random"].as_array().unwrap();
    assert_eq!(random[1]["group"], "Subject");
    assert_eq!(random[1]["term"], "Days");
    assert!(random[1]["sd"].as_f64().is_some());
    let corr = &v["correlations"][0];
    assert_eq!(corr["terms"], serde_json::json!(["(Intercept)", "Days"]));
    assert!(corr["corr"].as_f64().is_some() && corr["group"] == "Subject");
    assert!(v.get("ranef").is_none());
}

#[test]
fn ranef_lists_every_group() {
    subcommand("lmm")
        .arg(data("sleepstudy.csv"))
        .args(["--formula", "Reaction ~ Days + (1 | Subject)", "--ranef"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conditional modes (Subject)"))
        // lme4: ranef(lmer(Reaction ~ Days + (1 | Subject), ss))$Subject["308", ] = 40.783709839630674
        .stdout(predicate::str::contains("40.78371"));
}

#[test]
fn compare_gives_the_likelihood_ratio_test() {
    // lme4: anova(m0, m1) on trial_arms.csv: Chisq 12.732146663910044, Df 2, p 0.0017188955234318291
    subcommand("lmm")
        .arg("compare")
        .arg(data("trial_arms.csv"))
        .args(["--formula", "alsfrs ~ month + arm + (month | patient)"])
        .args(["--formula", "alsfrs ~ month * arm + (month | patient)"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("chi-square 12.73214"))
        .stdout(predicate::str::contains("on 2 df, p = 0.0017188955"))
        .stdout(predicate::str::contains(
            "7 row(s) with missing values dropped",
        ));
}

#[test]
fn missing_values_are_dropped_and_counted() {
    subcommand("lmm")
        .arg(data("trial_arms.csv"))
        .args(["--formula", "alsfrs ~ month + (1 | patient)"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("observations: 355"))
        .stdout(predicate::str::contains(
            "7 row(s) with missing values dropped",
        ));
}

#[test]
fn a_word_in_a_numeric_column_is_refused() {
    let f = csv("y,x,g\n1,0,a\n2,1,a\n3,0,b\n4,1,b\nfive,0,c\n6,1,c\n");
    subcommand("lmm")
        .arg(f.path())
        .args(["--formula", "y ~ x + (1 | g)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(":6: column y"))
        .stderr(predicate::str::contains("'five' is not a number"));
}

#[test]
fn an_unknown_column_is_refused_with_the_columns_available() {
    subcommand("lmm")
        .arg(data("sleepstudy.csv"))
        .args(["--formula", "Reaction ~ Day + (1 | Subject)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no column 'Day' in"))
        .stderr(predicate::str::contains("Reaction, Days, Subject"));
}

#[test]
fn a_malformed_formula_is_refused_at_its_position() {
    subcommand("lmm")
        .arg(data("sleepstudy.csv"))
        .args(["--formula", "Reaction ~ Days + (Days | Subject"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--formula"))
        .stderr(predicate::str::contains("expected ')'"))
        .stderr(predicate::str::contains("position 34"));
}

#[test]
fn a_grouping_factor_with_one_level_is_refused() {
    let f = csv("y,x,g\n1,0,a\n2,1,a\n3,0,a\n4,1,a\n");
    subcommand("lmm")
        .arg(f.path())
        .args(["--formula", "y ~ x + (1 | g)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("grouping factor 'g' has 1 level"));
}

#[test]
fn a_rank_deficient_design_names_the_column() {
    let f = csv("y,x,x2,g\n1,0,0,a\n2,1,2,a\n3,2,4,a\n4,0,0,b\n5,1,2,b\n6,2,4,b\n2,1,2,c\n");
    subcommand("lmm")
        .arg(f.path())
        .args(["--formula", "y ~ x + x2 + (1 | g)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rank deficient at column 'x2'"));
}

#[test]
fn models_that_are_not_nested_are_refused() {
    subcommand("lmm")
        .arg("compare")
        .arg(data("sleepstudy.csv"))
        .args(["--formula", "Reaction ~ Days + (1 | Subject)"])
        .args(["--formula", "Reaction ~ 1 + (Days | Subject)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not nested"));
}

#[test]
fn too_few_observations_for_the_random_effects_are_refused() {
    // lme4 stops here too (check.nobs.vs.nRE = "stop"): 5 observations, 3 groups × 2 effects.
    let f = csv("y,x,g\n1,1,a\n2,2,a\n3,1,b\n4,2,b\n5,3,c\n");
    subcommand("lmm")
        .arg(f.path())
        .args(["--formula", "y ~ x + (x | g)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "5 observations are too few for 6 random effects",
        ));
}

#[test]
fn a_file_without_complete_rows_is_refused() {
    let f = csv("y,x,g\nNA,1,a\n2,,b\n");
    subcommand("lmm")
        .arg(f.path())
        .args(["--formula", "y ~ x + (1 | g)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "every one of the 2 rows has a missing value",
        ));
    let empty = csv("y,x,g\n");
    subcommand("lmm")
        .arg(empty.path())
        .args(["--formula", "y ~ x + (1 | g)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there are no data rows"));
}

#[test]
fn plot_draws_trajectories_and_never_overwrites_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("trajectories.png");
    let data = "data/synthetic/als_prepost_slope_synthetic.csv";
    let formula = "alsfrs ~ month + month_after + (month | patient)";
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "lmm",
            data,
            "--formula",
            formula,
            "--time",
            "month",
            "--plot",
        ])
        .arg(&png)
        .assert()
        .code(0);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // 800 × 600 in the IHDR chunk.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 800);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 600);
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "lmm",
            data,
            "--formula",
            formula,
            "--time",
            "month",
            "--plot",
            data,
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("would overwrite the input"));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "lmm",
            data,
            "--formula",
            formula,
            "--time",
            "patient",
            "--plot",
        ])
        .arg(dir.path().join("x.png"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a categorical fixed effect"));
}

#[test]
fn ddf_anova_and_contrasts_reach_the_json() {
    // Values checked against lmerTest / pbkrtest / emmeans in tests/lmm_ddf.rs; here: the keys.
    let out = subcommand("lmm")
        .arg(data("trial_arms.csv"))
        .args(["--formula", "alsfrs ~ month * arm + (month | patient)"])
        .args(["--anova", "--contrast", "arm", "--at", "month=3,9"])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ddf"], "satterthwaite");
    let f = &v["fixed"][1];
    for key in [
        "term", "estimate", "se", "df", "t", "p", "ci_lower", "ci_upper",
    ] {
        assert!(f.get(key).is_some(), "fixed[] lacks {key}");
    }
    assert_eq!(v["anova"].as_array().unwrap().len(), 3);
    assert_eq!(v["anova"][2]["term"], "month:arm");
    assert_eq!(v["anova"][2]["num_df"], 2.0);
    assert_eq!(v["emmeans"].as_array().unwrap().len(), 6);
    let c = &v["contrasts"][5];
    assert_eq!(c["contrast"], "low - placebo");
    assert_eq!(c["at"], "month=9");
    for key in ["estimate", "se", "df", "t", "p", "ci_lower", "ci_upper"] {
        assert!(c.get(key).is_some(), "contrasts[] lacks {key}");
    }
    // --ddf none: lme4's summary, no df.
    let out = subcommand("lmm")
        .arg(data("sleepstudy.csv"))
        .args([
            "--formula",
            "Reaction ~ Days + (Days | Subject)",
            "--ddf",
            "none",
        ])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["fixed"][0].get("df").is_none() && v.get("ddf").is_none());
}

#[test]
fn bad_inference_options_exit_2_naming_the_option() {
    let trial = |extra: &[&str]| {
        let mut c = subcommand("lmm");
        c.arg(data("trial_arms.csv"))
            .args(["--formula", "alsfrs ~ month * arm + (month | patient)"])
            .args(extra);
        c
    };
    for (extra, says) in [
        (
            &["--ddf", "wald"][..],
            "allowed: satterthwaite, kenward-roger, containment, none",
        ),
        (&["--ddf", "kenward-roger", "--ml"][..], "needs a REML fit"),
        (&["--ddf", "none", "--anova"][..], "need denominator df"),
        (
            &["--contrast", "dose"][..],
            "'dose' is not a variable of the fixed effects",
        ),
        (&["--contrast", "month"][..], "'month' is numeric"),
        (
            &["--contrast", "arm", "--at", "month"][..],
            "is not VARIABLE=VALUE",
        ),
        (
            &["--contrast", "arm", "--at", "month=soon"][..],
            "is not a number",
        ),
        (
            &["--contrast", "arm", "--at", "visit=3"][..],
            "'visit' is not another variable",
        ),
        (
            &["--contrast", "arm", "--at", "arm=high"][..],
            "'arm' is not another variable",
        ),
    ] {
        trial(extra)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    // An unknown level of a categorical --at variable.
    subcommand("lmm")
        .arg(data("visits.csv"))
        .args(["--formula", "score ~ site * sex + week + (1 | id)"])
        .args(["--contrast", "sex", "--at", "site=west"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'west' is not a level of 'site'; allowed: east, north, south",
        ));
}

/// Without `--at`, the least-squares means say where the other variables sit: numeric ones at
/// their mean over the rows used (week: 1613/178 = 9.0617978 on tests/data/visits.csv, the
/// 178 rows with a score), categorical ones averaged over their levels, as emmeans' reference
/// grid; a variable given with `--at` is left out of that line.
#[test]
fn least_squares_means_say_where_the_other_variables_sit() {
    let out = subcommand("lmm")
        .args([
            "tests/data/visits.csv",
            "--formula",
            "score ~ week * sex + site + (week | id)",
            "--contrast",
            "site",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "other variables: at the mean week = 9.0617978; averaged over the levels of sex (equal weights)"
        ),
        "{text}"
    );
    let out = subcommand("lmm")
        .args([
            "tests/data/visits.csv",
            "--formula",
            "score ~ week * sex + site + (week | id)",
            "--contrast",
            "site",
            "--at",
            "week=2",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["emmeans_held"],
        "averaged over the levels of sex (equal weights)"
    );
}

#[test]
fn kenward_roger_on_a_design_too_large_for_dense_blocks_names_the_alternatives() {
    // 3,000 crossed ratings link every row: Satterthwaite is computed (tests/lmm_ddf.rs checks
    // its values against lmerTest); Kenward-Roger is refused, naming what to use instead.
    let file = data("crossed_ratings_3000.csv");
    let formula = "y ~ service + (1 | s) + (1 | d) + (1 | dept)";
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Satterthwaite df"));
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--ddf", "kenward-roger"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ddf satterthwaite"))
        .stderr(predicate::str::contains("3000 rows"));
}

#[test]
fn correlated_residuals_give_the_blups_and_the_charts() {
    // The BLUPs are checked against nlme in tests/lmm_residual_ranef.rs; here: the keys, the
    // table and the charts. nlme: ranef(lme(score ~ visit * arm, random = ~ 1 | id,
    // correlation = corAR1(form = ~ visit | id), data = d))["P01", ] = 6.94887489021176.
    let file = data("visits_ar1.csv");
    let args = [
        "--formula",
        "score ~ visit * arm + (1 | id)",
        "--residual",
        "ar1(visit | id)",
        "--ranef",
    ];
    let out = subcommand("lmm")
        .arg(&file)
        .args(args)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ranef = v["ranef"].as_array().unwrap();
    assert_eq!(ranef.len(), 80);
    assert_eq!(
        (&ranef[0]["group"], &ranef[0]["level"]),
        (&"id".into(), &"P01".into())
    );
    assert!((ranef[0]["values"][0].as_f64().unwrap() - 6.94887489021176).abs() < 1e-4);
    subcommand("lmm")
        .arg(&file)
        .args(args)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("conditional modes (id):"))
        .stdout(predicate::str::is_match(r"\nP01 +6\.94887").unwrap());
    let dir = tempfile::tempdir().unwrap();
    let [plot, qq, caterpillar] =
        ["plot.png", "qq.svg", "caterpillar.png"].map(|f| dir.path().join(f));
    subcommand("lmm")
        .arg(&file)
        .args(&args[..4])
        .args(["--time", "visit", "--plot"])
        .arg(&plot)
        .arg("--qq")
        .arg(&qq)
        .arg("--caterpillar")
        .arg(&caterpillar)
        .arg("--editable-svg")
        .assert()
        .code(0);
    for png in [&plot, &caterpillar] {
        assert_eq!(&std::fs::read(png).unwrap()[1..4], b"PNG");
    }
    let svg = std::fs::read_to_string(&qq).unwrap();
    assert!(svg.contains("Normalized residuals of score ~ visit * arm + (1 | id)"));
    // A chart never overwrites the data.
    subcommand("lmm")
        .arg(&file)
        .args(&args[..4])
        .arg("--qq")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would overwrite the input"));
}

#[test]
fn compound_symmetry_prints_its_correlation_and_bad_structures_name_the_option() {
    // Values checked against nlme in tests/lmm_residual.rs; here: the command's output and
    // exit codes.
    let file = data("visits_cs.csv");
    let formula = "score ~ visit * arm + (0 + visit | id)";
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--residual", "cs(visit | id)"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("as nlme's lme with corCompSymm"))
        .stdout(predicate::str::contains(
            "compound symmetry within id: correlation 0.767773",
        ));
    // Malformed, an unknown time column, and a random intercept beside cs: exit 2, naming
    // --residual.
    for (residual, formula, says) in [
        ("cs(", formula, "is not a residual structure"),
        ("cs(visit id)", formula, "is not a residual structure"),
        ("cs(week | id)", formula, "no column 'week'"),
        (
            "cs(visit | id)",
            "score ~ visit * arm + (1 | id)",
            "random intercept",
        ),
    ] {
        subcommand("lmm")
            .arg(&file)
            .args(["--formula", formula, "--residual", residual])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--residual:"))
            .stderr(predicate::str::contains(says));
    }
}

#[test]
fn correlated_residuals_print_the_correlation_and_refuse_kenward_roger() {
    // Values checked against R in tests/lmm_residual.rs and tests/lmm_residual_df.rs; here:
    // the command's output and exit codes.
    let file = data("visits_ar1.csv");
    let formula = "score ~ visit * arm + (1 | id)";
    let out = subcommand("lmm")
        .arg(&file)
        .args([
            "--formula",
            formula,
            "--residual",
            "ar1(visit | id)",
            "--anova",
            "--contrast",
            "arm",
            "--at",
            "visit=3",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["residual"]["kind"], "ar1");
    assert_eq!(v["ddf"], "satterthwaite");
    assert!((v["rho"].as_f64().unwrap() - 0.662341974305638).abs() < 1e-4);
    // Satterthwaite's df of armplacebo, 95.7813472467694 by benches/lmm_residual_df_reference.R.
    assert!((v["fixed"][2]["df"].as_f64().unwrap() - 95.7813472467694).abs() < 1e-3);
    assert!(v["fixed"][2]["p"].as_f64().is_some());
    assert_eq!(v["anova"].as_array().unwrap().len(), 3);
    assert_eq!(v["contrasts"][0]["contrast"], "drug - placebo");
    // nlme's containment df in the table: 359 within patients, 78 between.
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--residual", "ar1(visit | id)"])
        .args(["--ddf", "containment", "--anova"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "fixed effects (containment df; 95% CI):",
        ))
        .stdout(predicate::str::contains(
            "type III analysis of variance (containment df):",
        ))
        .stdout(predicate::str::is_match(r"armplacebo +-0\.58004\d* +0\.92353\d* +78 ").unwrap());
    // --ddf none: SEs and t only, as before.
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--residual", "ar1(visit | id)"])
        .args(["--ddf", "none"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fixed effects:\n"))
        .stdout(predicate::str::contains(" df ").not());
    // Kenward-Roger has no reference for these models: exit 2, naming --ddf.
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--residual", "ar1(visit | id)"])
        .args(["--ddf", "kenward-roger"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ddf:"))
        .stderr(predicate::str::contains(
            "pbkrtest computes it for lme4's models only",
        ));
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--residual", "ar1(week | id)"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("week"));
}

#[test]
fn containment_df_without_correlated_residuals() {
    // Values checked against nlme and emmeans in tests/lmm_containment.rs; here: the table,
    // the JSON and the refusal of crossed factors.
    let file = data("visits_ar1.csv");
    let formula = "score ~ visit * arm + (1 | id)";
    // nlme's containment df of lme(score ~ visit * arm, random = ~ 1 | id):
    // 78 for the arm (benches/lmm_containment_reference.R; tests/lmm_containment.rs).
    subcommand("lmm")
        .arg(&file)
        .args(["--formula", formula, "--ddf", "containment"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "fixed effects (containment df; 95% CI):",
        ))
        .stdout(predicate::str::is_match(r"armplacebo +-0\.39219\d* +0\.88965\d* +78 ").unwrap());
    // Crossed grouping factors have none (nlme cannot fit them): exit 2, naming --ddf.
    subcommand("lmm")
        .arg(data("penicillin.csv"))
        .args(["--formula", "diameter ~ 1 + (1 | plate) + (1 | sample)"])
        .args(["--ddf", "containment"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--ddf:"))
        .stderr(predicate::str::contains("crossed"))
        .stderr(predicate::str::contains("--ddf satterthwaite"));
    let v = json(&[
        "lmm",
        file.to_str().unwrap(),
        "--formula",
        formula,
        "--ddf",
        "containment",
        "--anova",
        "--contrast",
        "arm",
        "--at",
        "visit=3",
        "--format",
        "json",
    ]);
    assert_eq!(v["ddf"], "containment");
    assert_eq!(v["fixed"][2]["df"], 78.0);
    assert_eq!(v["fixed"][1]["df"], 359.0);
    for key in ["p", "ci_lower", "ci_upper"] {
        assert!(v["fixed"][2][key].as_f64().is_some(), "{key}");
    }
    assert_eq!(v["anova"][1]["den_df"], 78.0);
    assert_eq!(v["emmeans"][0]["df"], 79.0);
    assert_eq!(v["contrasts"][0]["df"], 78.0);
}
