//! `glmm --family beta|betabinomial|ordinal` with several grouping factors (patients nested in
//! sites, patients crossed with calendar months), compared with glmmTMB 1.1.5 (R 4.2.2, TMB
//! 1.9.2) and ordinal::clmm 2022.11-16. The data (three simulated trials) and every reference
//! value come from `benches/glmm_several_factors_reference.R`, whose printout is
//! `tests/data/glmm_several_factors_reference_output.txt`; the R call is next to each value.
//!
//! The beta's and the beta-binomial's information in η can be negative for a row far from its
//! mean; the joint Newton steps for the modes take the observed information where the joint
//! Hessian is positive definite and the information without its residual term otherwise, and
//! the Laplace log determinant is that of the observed Hessian at the mode, as TMB's
//! (`crate::glmm::several`). The references are glmmTMB's and clmm's optima polished by Newton
//! steps on their own objectives (nlminb stops with "singular convergence (7)" and up to 4.6e-4
//! of gradient left on every one of these fits; the polished gradients are below 1e-8), as in
//! tests/glmm_families.rs and tests/glmm_ordinal.rs.
//!
//! What is asserted: the log-likelihood within 1e-6 (relative for glmmTMB, absolute for clmm)
//! of the polished one and at least nlminb's own; fixed effects, thresholds, random-effect SDs
//! and log precisions within 1e-5; their SEs within 1e-4 relative. Measured (ours − polished):
//! log-likelihood +1.8e-11 to +7.3e-11 against glmmTMB, 0 to 1e-13 against clmm; estimates
//! within 1.1e-6 (the beta-binomial's intercept), 2e-7 elsewhere; SEs within 1.3e-6 relative.

#![allow(clippy::excessive_precision)]

use crate::common::{assert_coefficients, assert_within, json_of, subcommand, test_data};
use crate::glmm_families::Reference;
use trialstats::glmm::{Family, GlmmOptions, SideModels, fit_csv_with};
use trialstats::lmm::ReferenceLevels;

/// glmmTMB(score ~ arm + visit + (1 | site) + (1 | patient), family = beta_family(), data = b,
/// control = glmmTMBControl(optCtrl = list(iter.max = 1e4, eval.max = 1e4, rel.tol = 1e-12)))
/// ("beta sites"): 120 patients nested in 12 sites, four visits. SDs patient, then site (the
/// factor with more levels first, as lme4 and glmmTMB's VarCorr order them here).
const BETA_SITES: Reference = Reference {
    file: "beta_sites.csv",
    formula: "score ~ arm + visit + (1 | site) + (1 | patient)",
    dispformula: None,
    family: Family::Beta,
    log_likelihood: 171.89032970381891,
    unpolished: 171.89032970243665,
    fixed: &[
        ("(Intercept)", -0.41028452816607952, 0.18668852847577291),
        ("armplacebo", -0.31670435987866452, 0.13075231837491669),
        ("visit", 0.15609934680779444, 0.026887450322915632),
    ],
    sd: &[0.6359866913319413, 0.51209530419047378],
    dispersion: &[("(Intercept)", 2.2472255576047697, 0.072796210344827611)],
    n_obs: 480,
};

#[test]
fn a_beta_with_patients_nested_in_sites_matches_glmmtmb() {
    let m = BETA_SITES.check();
    let groups: Vec<&str> = m
        .grouping_factors
        .iter()
        .map(|g| g.group.as_str())
        .collect();
    assert_eq!(groups, ["patient", "site"]);
    // glmmTMB(score ~ arm + visit + (1 | site) + (1 | patient), dispformula = ~ arm,
    // family = beta_family(), data = b, control = tight) ("beta sites, dispformula ~ arm").
    Reference {
        dispformula: Some("~ arm"),
        log_likelihood: 172.08653484368691,
        unpolished: 172.08653484362114,
        fixed: &[
            ("(Intercept)", -0.40876816545992123, 0.18682832800708371),
            ("armplacebo", -0.31840958326994584, 0.13075848995878939),
            ("visit", 0.15552310258310476, 0.02689634110760155),
        ],
        sd: &[0.63591643905982531, 0.51190376742058186],
        dispersion: &[
            ("(Intercept)", 2.2037980197424281, 0.10146392040714897),
            ("armplacebo", 0.088605073381010535, 0.1414211481082672),
        ],
        ..BETA_SITES
    }
    .check();
}

/// glmmTMB(cbind(migraine, days - migraine) ~ arm + (1 | patient) + (1 | month), family =
/// betabinomial, data = d, control = tight) ("betabinomial crossed"): 80 patients crossed with
/// eight calendar months.
const BETABINOMIAL_CROSSED: Reference = Reference {
    file: "betabinom_crossed.csv",
    formula: "cbind(migraine, days - migraine) ~ arm + (1 | patient) + (1 | month)",
    dispformula: None,
    family: Family::BetaBinomial,
    log_likelihood: -1629.3003415385463,
    unpolished: -1629.3003415391122,
    fixed: &[
        ("(Intercept)", -1.6881720664091933, 0.14831028337863039),
        ("armplacebo", 0.29778167203196287, 0.15657806427047644),
    ],
    sd: &[0.57509811888104134, 0.26669499849067491],
    dispersion: &[("(Intercept)", 1.5460740667736839, 0.082290561244715399)],
    n_obs: 640,
};

#[test]
fn a_betabinomial_with_patients_crossed_with_months_matches_glmmtmb() {
    let m = BETABINOMIAL_CROSSED.check();
    assert_eq!(m.grouping_factors.len(), 2);
    assert_eq!(m.n_parameters, 5);
    // The command line gives the same fit, both factors in its JSON.
    let v = json_of(
        subcommand("glmm")
            .arg(test_data("betabinom_crossed.csv"))
            .args([
                "--family",
                "betabinomial",
                "--formula",
                BETABINOMIAL_CROSSED.formula,
                "--format",
                "json",
            ]),
    );
    assert_within(
        "glmmTMB",
        "JSON logLik",
        &v["log_likelihood"],
        BETABINOMIAL_CROSSED.log_likelihood,
        1e-6 * 1629.3,
    );
    assert_eq!(v["random"][1]["group"], "month", "{v}");
    assert_within(
        "glmmTMB",
        "JSON month SD",
        &v["random"][1]["sd"],
        0.26669499849067491,
        1e-5,
    );
}

/// clmm(score ~ arm + visit + (1 | site) + (1 | patient), data = o, control =
/// clmm.control(gradTol = 1e-8, maxIter = 200, rel.tol = 1e-14, x.tol = 1e-12, eval.max = 1e4,
/// iter.max = 1e4)) ("ordinal sites"): a symptom score 0-4 of 120 patients nested in 15 sites,
/// three visits; polished on ordinal:::getNLA, SEs by numDeriv (d = 0.01; the same to 1e-8 at
/// d = 1e-3 and on the log-SD scale). clmm's own optimum: logLik -508.99361925433971.
#[test]
fn an_ordinal_score_with_patients_nested_in_sites_matches_clmm() {
    let m = fit_csv_with(
        &test_data("ordinal_sites.csv"),
        "score ~ arm + visit + (1 | site) + (1 | patient)",
        SideModels::default(),
        GlmmOptions {
            family: Family::Ordinal,
            nagq: 1,
        },
        &ReferenceLevels::default(),
    )
    .expect("the reference model fits");
    assert!(m.converged && m.warnings.is_empty(), "{:?}", m.warnings);
    assert_within(
        "clmm",
        "logLik",
        m.log_likelihood,
        -508.99361925338832,
        1e-6,
    );
    assert!(m.log_likelihood >= -508.99361925433971 - 1e-9);
    let thresholds: Vec<(String, f64, f64)> = m
        .thresholds
        .iter()
        .map(|t| (t.term.clone(), t.estimate, t.se))
        .collect();
    assert_coefficients(
        "clmm",
        "thresholds",
        &thresholds,
        &[
            ("0|1", -0.47132809609343301, 0.33225988802605444),
            ("1|2", 0.79545698487809935, 0.33502312189043915),
            ("2|3", 1.9727017371734272, 0.35551493597815853),
            ("3|4", 3.1127210455816017, 0.39650776852904801),
        ],
    );
    let fixed: Vec<(String, f64, f64)> = m
        .fixed
        .iter()
        .map(|f| (f.term.clone(), f.estimate, f.se))
        .collect();
    assert_coefficients(
        "clmm",
        "fixed",
        &fixed,
        &[
            ("armplacebo", 0.63052631377018364, 0.25105546293559772),
            ("visit", -0.10131355984353076, 0.12176675824685886),
        ],
    );
    let sds: Vec<(&str, f64)> = m.random.iter().map(|r| (r.group.as_str(), r.sd)).collect();
    assert_eq!(sds.len(), 2);
    for ((group, sd), (want_group, want)) in sds.iter().zip([
        ("patient", 0.80929740709147047),
        ("site", 0.4922782790565321),
    ]) {
        assert_eq!(*group, want_group);
        assert_within("clmm", &format!("SD {group}"), *sd, want, 1e-5);
    }
}

#[test]
fn what_several_factors_still_cannot_take_is_refused_naming_the_option() {
    // Quadrature is for one scalar random effect (as glmer's nAGQ > 1).
    let (code, _, stderr) =
        crate::common::outcome_of(subcommand("glmm").arg(test_data("beta_sites.csv")).args([
            "--family",
            "beta",
            "--formula",
            BETA_SITES.formula,
            "--nagq",
            "5",
        ]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--nagq") && stderr.contains("2 grouping factors"),
        "{stderr}"
    );
}
