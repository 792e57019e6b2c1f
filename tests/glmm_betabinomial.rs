//! `glmm --family betabinomial` compared with glmmTMB 1.1.5 (R 4.2.2, TMB 1.9.2),
//! `glmmTMB(cbind(y, n - y) ~ ..., family = betabinomial)`. The data (a simulated migraine
//! diary and the data of glmmTMB's own test of the family; lme4's cbpp) and every reference
//! value come from `benches/glmm_betabinomial_reference.R`, whose printout is
//! `tests/data/glmm_betabinomial_reference_output.txt`; the R call is next to each value.
//!
//! The references are glmmTMB's optimum polished by Newton steps on glmmTMB's own objective,
//! as in tests/glmm_families.rs: nlminb at `rel.tol = 1e-14` stops with "singular
//! convergence (7)" on every one of these models, with up to 2.2e-4 of gradient left (2.3e-3
//! on the binomial fit) and up to 3.1e-6 off in the estimates; the polished optimum has a gradient below 1e-10 and a
//! log-likelihood never below nlminb's own (asserted against both).
//!
//! What is asserted ([`Reference::check`]): the log-likelihood within 1e-6 relative of
//! glmmTMB's and at least nlminb's unpolished one (less 1e-9); fixed effects, random-effect
//! SDs and the log precision (`fixef(m)$disp`) within 1e-5; their standard errors within 1e-4
//! relative. Measured (ours − glmmTMB polished): log-likelihood +2.0e-12 to +1.1e-10 on all
//! eight fits (at or above nlminb's own on every one), fixed effects, SDs and log φ within
//! 1.7e-9 (cbpp: estimates 4.2e-9, its herd SD at the bound, glmmTMB's 1.9e-6 against our 0),
//! SEs within 4.4e-7 relative (1.4e-6 for log φ with the random slope). With `--nagq 25` (which glmmTMB does not have) the
//! reference is the likelihood by R's `integrate()`, maximised in R: log-likelihood +1.3e-11,
//! estimates within 2e-7 (R's own gradient is 2.7e-8 there), SEs 5e-7 relative.

#![allow(clippy::excessive_precision)]

use crate::common::{assert_within, json_of, subcommand, test_data};
use crate::glmm_families::{Reference, refused};
use trialstats::glmm::{Family, GlmmOptions, fit_csv_with_dispersion};
use trialstats::lmm::ReferenceLevels;

/// glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), family =
/// betabinomial, data = mig, control = tight): log phi 1.4931272151288137, sigma(m) = phi =
/// 4.4509933709128218 (nlminb's; the polished exp is the same to 1e-7).
const MIGRAINE: Reference = Reference {
    file: "migraine_betabinom.csv",
    formula: "cbind(migraine, days - migraine) ~ arm + month + (1 | patient)",
    dispformula: None,
    family: Family::BetaBinomial,
    log_likelihood: -1556.0988488459784,
    unpolished: -1556.0988488460287,
    fixed: &[
        ("(Intercept)", -1.5763513664877875, 0.14478011900137452),
        ("armplacebo", 0.57533706873206292, 0.13837895311360071),
        ("month", -0.077409644648791603, 0.041372276041158902),
    ],
    sd: &[0.62309583984682126],
    dispersion: &[("(Intercept)", 1.4931272151288137, 0.088760580895992425)],
    n_obs: 600,
};

#[test]
fn the_migraine_diary_matches_glmmtmb() {
    let m = MIGRAINE.check();
    assert_eq!(
        (m.family.as_str(), m.link.as_str()),
        ("betabinomial", "logit")
    );
    assert_eq!(m.dispformula.as_deref(), Some("~ 1"));
    assert!(m.theta.is_none());
    assert_eq!(m.n_parameters, 5);
    assert_within(
        "glmmTMB",
        "phi",
        m.dispersion[0].estimate.exp(),
        4.4509933709128218,
        1e-4,
    );
    // glmmTMB(cbind(migraine, free) ~ arm + month + (1 | patient), family = betabinomial):
    // the failures as a column of their own, the same fit.
    Reference {
        formula: "cbind(migraine, free) ~ arm + month + (1 | patient)",
        ..MIGRAINE
    }
    .check();
    // glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), family =
    // binomial, data = mig, control = tight): the binomial leaves the days' correlation
    // within a month to the patient intercept, 578 lower in log-likelihood.
    Reference {
        family: Family::Binomial,
        log_likelihood: -2134.0218682722639,
        unpolished: -2134.0218682776126,
        fixed: &[
            ("(Intercept)", -1.6008116552422389, 0.12345855295344114),
            ("armplacebo", 0.49121698590024748, 0.15926839171104903),
            ("month", -0.087479371521066218, 0.019645312451929586),
        ],
        sd: &[0.92457860584161522],
        dispersion: &[],
        ..MIGRAINE
    }
    .check();
}

#[test]
fn a_dispersion_formula_and_a_glm_match_glmmtmb() {
    // glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient), dispformula =
    // ~ arm, family = betabinomial, data = mig, control = tight): phi exp(1.2517) = 3.50 on the
    // active arm, exp(1.2517 + 0.4931) = 5.72 on placebo (simulated 2.5 and 6).
    let m = Reference {
        dispformula: Some("~ arm"),
        log_likelihood: -1551.8037702961601,
        unpolished: -1551.8037702973306,
        fixed: &[
            ("(Intercept)", -1.5249184335552639, 0.14746048553990862),
            ("armplacebo", 0.47433473553964844, 0.1441039278201669),
            ("month", -0.073972551278496904, 0.040620995339525658),
        ],
        sd: &[0.63102392780116179],
        dispersion: &[
            ("(Intercept)", 1.2517003411265859, 0.12253192215802901),
            ("armplacebo", 0.49312987140691122, 0.16937664557878207),
        ],
        ..MIGRAINE
    }
    .check();
    assert_eq!(m.dispformula.as_deref(), Some("~ arm"));
    assert_eq!(m.n_parameters, 6);
    // glmmTMB(cbind(migraine, days - migraine) ~ arm + month, dispformula = ~ arm, family =
    // betabinomial, data = mig, control = tight): without random effects.
    Reference {
        formula: "cbind(migraine, days - migraine) ~ arm + month",
        dispformula: Some("~ arm"),
        log_likelihood: -1574.7039522535213,
        unpolished: -1574.703952253542,
        fixed: &[
            ("(Intercept)", -1.437187215216265, 0.13452950570291178),
            ("armplacebo", 0.44447680557870456, 0.10632170358992489),
            ("month", -0.059558642419585098, 0.043000514724944691),
        ],
        sd: &[],
        dispersion: &[
            ("(Intercept)", 0.99818917458969325, 0.11044215190488778),
            ("armplacebo", 0.30828326386603999, 0.14875774535260289),
        ],
        ..MIGRAINE
    }
    .check();
}

#[test]
fn a_correlated_random_slope_matches_glmmtmb() {
    // glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (month | patient), family =
    // betabinomial, data = mig, control = tight): corr -0.82633117326681937.
    let m = Reference {
        formula: "cbind(migraine, days - migraine) ~ arm + month + (month | patient)",
        log_likelihood: -1553.7696197723521,
        unpolished: -1553.7696197747948,
        fixed: &[
            ("(Intercept)", -1.6553304604708856, 0.16262792679314311),
            ("armplacebo", 0.59453298177446856, 0.13967209790497537),
            ("month", -0.059217527651724222, 0.045751536899661972),
        ],
        sd: &[1.0084257376636363, 0.21017171315832656],
        dispersion: &[("(Intercept)", 1.5764707923835142, 0.1118442183355907)],
        ..MIGRAINE
    }
    .check();
    assert_within(
        "glmmTMB",
        "corr",
        m.correlations[0].corr.unwrap(),
        -0.82633117326681937,
        1e-5,
    );
}

#[test]
fn glmmtmbs_own_test_and_cbpp_match_glmmtmb() {
    // glmmTMB 1.1.5's tests/testthat/test-families.R ("dbetabinom"): glmmTMB(cbind(y, N - y)
    // ~ x + (1 | f), family = betabinomial(), data = dd), whose test expects c(fixef,
    // variance, sigma) = c(2.1482114, 1.0574946, 0.7016553, 8.3768711) to 1e-5.
    let m = Reference {
        file: "betabinom_glmmtmb_test.csv",
        formula: "cbind(y, N - y) ~ x + (1 | f)",
        dispformula: None,
        family: Family::BetaBinomial,
        log_likelihood: -206.61573950617958,
        unpolished: -206.61573950662006,
        fixed: &[
            ("(Intercept)", 2.1482111975302329, 0.30397506629578103),
            ("x", 1.0574947901570111, 0.13617097315442889),
        ],
        sd: &[0.83765011560567404],
        dispersion: &[("(Intercept)", 2.1254749951850926, 0.3813902704161673)],
        n_obs: 200,
    }
    .check();
    let published = [2.1482114, 1.0574946, 0.7016553, 8.3768711];
    let got = [
        m.fixed[0].estimate,
        m.fixed[1].estimate,
        m.random[0].sd.powi(2),
        m.dispersion[0].estimate.exp(),
    ];
    for (g, p) in got.iter().zip(published) {
        assert_within("glmmTMB", "glmmTMB's test", *g, p, 1e-5 * p.abs());
    }
    // lme4's cbpp: glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family =
    // betabinomial, data = cbpp, control = tight). The herd SD goes to its bound (glmmTMB stops
    // at 1.9e-6, ours at 0, a log-likelihood 2.2e-12 higher): the beta-binomial's precision
    // takes up the herds' variation.
    let m = Reference {
        file: "cbpp.csv",
        formula: "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
        dispformula: None,
        family: Family::BetaBinomial,
        log_likelihood: -88.041646815207983,
        unpolished: -88.041646815207983,
        fixed: &[
            ("(Intercept)", -1.318773156621255, 0.23261236337545568),
            ("factor(period)2", -0.96888531923187649, 0.40644809184365865),
            ("factor(period)3", -1.25092924788842, 0.45683202011163287),
            ("factor(period)4", -1.4725206607043404, 0.51086110531779561),
        ],
        sd: &[1.903686910918286e-06],
        dispersion: &[("(Intercept)", 2.3834882432231121, 0.4059233892581891)],
        n_obs: 56,
    }
    .check();
    assert!(m.singular);
}

#[test]
fn quadrature_matches_the_likelihood_by_integrate() {
    // glmmTMB has no adaptive Gauss-Hermite quadrature. The reference is the migraine model's
    // marginal likelihood with each patient's integral over the random intercept by R's
    // integrate() (rel.tol 1e-12), maximised by Newton steps on numDeriv's gradient and
    // Hessian from glmmTMB's Laplace optimum (benches/glmm_betabinomial_reference.R,
    // "the likelihood by integrate()"; its max|grad| 2.7e-8): logLik -1555.0637638912035, 1.035
    // above the Laplace approximation's (four overdispersed months a patient).
    let m = fit_csv_with_dispersion(
        &test_data(MIGRAINE.file),
        MIGRAINE.formula,
        None,
        GlmmOptions {
            family: Family::BetaBinomial,
            nagq: 25,
        },
        &ReferenceLevels::default(),
    )
    .unwrap();
    assert!(m.converged && m.warnings.is_empty(), "{:?}", m.warnings);
    assert_eq!(m.method, "adaptive Gauss-Hermite quadrature");
    let want = -1555.0637638912035;
    assert_within(
        "glmmTMB",
        "AGQ logLik",
        m.log_likelihood,
        want,
        1e-6 * want.abs(),
    );
    let fixed = [
        (-1.5785614080400614, 0.14572028756552463),
        (0.57600462300115352, 0.14054697350191314),
        (-0.077839874584102256, 0.041314903592544167),
    ];
    for (f, (estimate, se)) in m.fixed.iter().zip(fixed) {
        assert_within(
            "glmmTMB",
            &format!("AGQ {}", f.term),
            f.estimate,
            estimate,
            1e-5,
        );
        assert_within(
            "glmmTMB",
            &format!("AGQ SE {}", f.term),
            f.se,
            se,
            1e-4 * se,
        );
    }
    assert_within(
        "glmmTMB",
        "AGQ SD",
        m.random[0].sd,
        0.6416813835295937,
        1e-5,
    );
    let d = &m.dispersion[0];
    assert_within(
        "glmmTMB",
        "AGQ log phi",
        d.estimate,
        1.5017970378372316,
        1e-5,
    );
    assert_within(
        "glmmTMB",
        "AGQ log phi SE",
        d.se,
        0.088458518341870171,
        1e-4 * 0.0885,
    );
}

#[test]
fn bad_betabinomial_input_exits_2_naming_the_option_or_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    let write = |text: &str| std::fs::write(&bad, text).unwrap();
    let family = ["--family", "betabinomial"];
    let with = |formula: &str| -> Vec<String> {
        let mut args: Vec<String> = family.iter().map(|s| s.to_string()).collect();
        args.extend(["--formula".to_string(), formula.to_string()]);
        args
    };
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&bad, &args)
    };
    write("patient,arm,y,n,f\n1,a,2,5,3\n1,b,1,4,3\n2,a,0,6,6\n2,b,3,3,0\n3,a,1,5,4\n3,b,4,7,3\n");
    // Without cbind( ): no trials.
    let stderr = run(&with("y ~ arm + (1 | patient)"));
    assert!(
        stderr.contains("--formula") && stderr.contains("cbind(y, trials - y)"),
        "{stderr}"
    );
    // Successes above the trials (line 5 of the file: 3 of 2).
    write("patient,arm,y,n\n1,a,2,5\n1,b,1,4\n2,a,0,6\n2,b,3,2\n3,a,1,5\n3,b,4,7\n");
    let stderr = run(&with("cbind(y, n - y) ~ arm + (1 | patient)"));
    assert!(
        stderr.contains("bad.csv:5") && stderr.contains("more than the 2 trials"),
        "{stderr}"
    );
    // Negative failures and successes, and a fraction of a success.
    for (text, says) in [
        (
            "patient,arm,y,f\n1,a,2,3\n1,b,1,-1\n2,a,0,6\n",
            "bad.csv:3: column f: -1 failures",
        ),
        (
            "patient,arm,y,f\n1,a,2,3\n1,b,-1,2\n2,a,0,6\n",
            "bad.csv:3: column y: -1 successes",
        ),
        (
            "patient,arm,y,f\n1,a,2,3\n1,b,1,2\n2,a,0.5,6\n",
            "bad.csv:4: column y: 0.5 successes",
        ),
    ] {
        write(text);
        let stderr = run(&with("cbind(y, f) ~ arm + (1 | patient)"));
        assert!(stderr.contains(says), "{says}: {stderr}");
    }
    // One trial a row: the precision is not identifiable.
    write("patient,arm,y,f\n1,a,1,0\n1,b,0,1\n2,a,0,1\n2,b,1,0\n3,a,1,0\n3,b,0,1\n");
    let stderr = run(&with("cbind(y, f) ~ arm + (1 | patient)"));
    assert!(
        stderr.contains("--formula") && stderr.contains("at most one trial"),
        "{stderr}"
    );
    // Zero inflation (several grouping factors are fitted: tests/glmm_several_factors.rs).
    write("patient,arm,y,f\n1,a,2,3\n1,b,1,2\n2,a,0,6\n2,b,3,1\n3,a,1,4\n3,b,4,3\n");
    let mut args = with("cbind(y, f) ~ arm + (1 | patient)");
    args.extend(["--ziformula".to_string(), "~ 1".to_string()]);
    let stderr = run(&args);
    assert!(
        stderr.contains("--ziformula") && stderr.contains("betabinomial"),
        "{stderr}"
    );
}

#[test]
fn the_json_output_carries_the_log_precision() {
    let v = json_of(
        subcommand("glmm")
            .arg(test_data("migraine_betabinom.csv"))
            .args([
                "--family",
                "betabinomial",
                "--formula",
                "cbind(migraine, days - migraine) ~ arm + month + (1 | patient)",
                "--dispformula",
                "~ arm",
                "--exp",
                "--format",
                "json",
            ]),
    );
    assert_eq!(v["family"], "betabinomial");
    assert_eq!(v["link"], "logit");
    assert_eq!(v["dispformula"], "~ arm");
    assert!(
        v["dispersion_scale"]
            .as_str()
            .unwrap()
            .starts_with("log precision phi"),
        "{v}"
    );
    assert_eq!(v["dispersion"][1]["term"], "armplacebo");
    assert_within(
        "glmmTMB",
        "JSON disp armplacebo",
        &v["dispersion"][1]["estimate"],
        0.49312987140691122,
        1e-5,
    );
    assert_within(
        "glmmTMB",
        "JSON odds ratio",
        &v["ratios"][1]["ratio"],
        0.47433473553964844f64.exp(),
        1e-5,
    );
    assert!(v.get("theta").is_none());
}
