//! `glmm --family gamma|beta` and `--dispformula` compared with glmmTMB 1.1.5 (R 4.2.2, TMB
//! 1.9.2). The data (three simulated trial data sets and glmmTMB's Salamanders) and every
//! reference value come from `benches/glmm_families_reference.R`, whose printout is
//! `tests/data/glmm_families_reference_output.txt`; the R call is next to each value.
//!
//! The references are glmmTMB's optimum polished by Newton steps on glmmTMB's own objective
//! (its TMB function and gradient, `polish` in the script): nlminb at `rel.tol = 1e-12` stops
//! with "singular convergence (7)" and up to 3e-3 of gradient left on several of these models,
//! about 2e-6 off in the estimates; the polished optimum has a gradient below 1e-10 and a
//! log-likelihood never below nlminb's own (asserted here against both).
//!
//! What is asserted: the log-likelihood within 1e-6 relative of glmmTMB's and at least
//! nlminb's unpolished one (less 1e-9 for rounding: the gamma GLM is 1.1e-12 below it); fixed effects, random-effect SDs and the dispersion coefficients
//! (`fixef(m)$disp`, glmmTMB's log scale) within 1e-5; their standard errors (`sdreport`'s
//! Hessian, ours by differences of the analytic gradient) within 1e-4 relative.

#![allow(clippy::excessive_precision)]

use crate::common::{assert_within, test_data};
use crate::common::{outcome_of, subcommand};
use std::path::Path;
use trialstats::glmm::{Family, GlmmFit, GlmmOptions, fit_csv_with_dispersion};
use trialstats::lmm::ReferenceLevels;

/// A glmmTMB fit to compare with (also the beta-binomial's, tests/glmm_betabinomial.rs).
pub(crate) struct Reference {
    pub(crate) file: &'static str,
    pub(crate) formula: &'static str,
    pub(crate) dispformula: Option<&'static str>,
    pub(crate) family: Family,
    /// glmmTMB's polished log-likelihood, and nlminb's own.
    pub(crate) log_likelihood: f64,
    pub(crate) unpolished: f64,
    /// (term, estimate, se)
    pub(crate) fixed: &'static [(&'static str, f64, f64)],
    pub(crate) sd: &'static [f64],
    /// `fixef(m)$disp` with SEs: (term, estimate, se).
    pub(crate) dispersion: &'static [(&'static str, f64, f64)],
    pub(crate) n_obs: usize,
}

impl Reference {
    fn fit(&self) -> GlmmFit {
        fit_csv_with_dispersion(
            &test_data(self.file),
            self.formula,
            self.dispformula,
            GlmmOptions {
                family: self.family,
                nagq: 1,
            },
            &ReferenceLevels::default(),
        )
        .expect("the reference model fits")
    }

    pub(crate) fn check(&self) -> GlmmFit {
        let m = self.fit();
        let name = format!("{} [{:?}]", self.formula, self.dispformula);
        assert!(
            m.converged && m.warnings.is_empty(),
            "{name}: {:?}",
            m.warnings
        );
        assert_eq!(m.n_obs, self.n_obs);
        assert_within(
            "glmmTMB",
            &format!("{name}: logLik"),
            m.log_likelihood,
            self.log_likelihood,
            1e-6 * self.log_likelihood.abs(),
        );
        assert!(
            m.log_likelihood >= self.unpolished - 1e-9,
            "{name}: below nlminb's"
        );
        assert_eq!(m.fixed.len(), self.fixed.len(), "{name}");
        for (f, &(term, estimate, se)) in m.fixed.iter().zip(self.fixed) {
            assert_eq!(f.term, term);
            assert_within(
                "glmmTMB",
                &format!("{name}: {term}"),
                f.estimate,
                estimate,
                1e-5,
            );
            assert_within(
                "glmmTMB",
                &format!("{name}: SE {term}"),
                f.se,
                se,
                1e-4 * se,
            );
        }
        let sds: Vec<f64> = m.random.iter().map(|r| r.sd).collect();
        assert_eq!(sds.len(), self.sd.len(), "{name}");
        for (got, &want) in sds.iter().zip(self.sd) {
            assert_within("glmmTMB", &format!("{name}: SD"), *got, want, 1e-5);
        }
        assert_eq!(m.dispersion.len(), self.dispersion.len(), "{name}");
        for (d, &(term, estimate, se)) in m.dispersion.iter().zip(self.dispersion) {
            assert_eq!(d.term, term);
            assert_within(
                "glmmTMB",
                &format!("{name}: disp {term}"),
                d.estimate,
                estimate,
                1e-5,
            );
            assert_within(
                "glmmTMB",
                &format!("{name}: disp SE {term}"),
                d.se,
                se,
                1e-4 * se,
            );
        }
        m
    }
}

/// glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), dispformula = ~ arm,
/// family = nbinom2, data = relapses, control = tight): arm-dependent overdispersion.
const RELAPSES_DISP: Reference = Reference {
    file: "relapses_negbin.csv",
    formula: "relapses ~ arm + offset(log(years)) + (1 | patient)",
    dispformula: Some("~ arm"),
    family: Family::NegativeBinomial,
    log_likelihood: -630.93207721646991,
    unpolished: -630.93207721647036,
    fixed: &[
        ("(Intercept)", -0.059145674555357304, 0.13282345166981929),
        ("armplacebo", 0.38371151068472392, 0.15283566906648008),
    ],
    sd: &[0.36606311240061401],
    dispersion: &[
        ("(Intercept)", -0.50275124170696328, 0.26544838126017839),
        ("armplacebo", 1.1018426268882739, 0.38946891934889638),
    ],
    n_obs: 480,
};

#[test]
fn negbin_with_a_dispersion_formula_matches_glmmtmb() {
    let m = RELAPSES_DISP.check();
    // With a dispersion formula θ is per row: no single theta.
    assert!(m.theta.is_none());
    assert_eq!(m.dispformula.as_deref(), Some("~ arm"));
    assert_eq!(m.n_parameters, 5);
    // glmmTMB(relapses ~ arm + offset(log(years)), dispformula = ~ arm, family = nbinom2)
    Reference {
        file: "relapses_negbin.csv",
        formula: "relapses ~ arm + offset(log(years))",
        dispformula: Some("~ arm"),
        family: Family::NegativeBinomial,
        log_likelihood: -632.05862576242907,
        unpolished: -632.05862576248194,
        fixed: &[
            ("(Intercept)", 0.015673226186891171, 0.11709331622203707),
            ("armplacebo", 0.3725074471497688, 0.14308545864591096),
        ],
        sd: &[],
        dispersion: &[
            ("(Intercept)", -0.66711256598340296, 0.21131424776046792),
            ("armplacebo", 1.0083257625489361, 0.32000277012947487),
        ],
        n_obs: 480,
    }
    .check();
}

#[test]
fn negbin_without_a_dispersion_formula_keeps_theta_and_matches_glmmtmb() {
    // glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), family = nbinom2):
    // log theta 0.17186399288004256 (SE 0.23645002868927631). Without a dispersion formula
    // the negative binomial keeps its one 1/θ ≥ 0 and prints theta, as before; the log-scale
    // coefficient is then not in `dispersion`.
    let m = Reference {
        file: "relapses_negbin.csv",
        formula: "relapses ~ arm + offset(log(years)) + (1 | patient)",
        dispformula: None,
        family: Family::NegativeBinomial,
        log_likelihood: -635.0065167371331,
        unpolished: -635.0065167377403,
        fixed: &[
            ("(Intercept)", -0.11207609225396724, 0.12556198281255576),
            ("armplacebo", 0.42556983182981201, 0.15257230154021717),
        ],
        sd: &[0.44342100503784365],
        dispersion: &[],
        n_obs: 480,
    }
    .check();
    assert_within(
        "glmmTMB",
        "theta",
        m.theta.unwrap().ln(),
        0.17186399288004256,
        1e-5,
    );
    // The same model with ~ 1 written out: the same optimum, its log θ with glmmTMB's SE.
    let one = fit_csv_with_dispersion(
        &test_data("relapses_negbin.csv"),
        "relapses ~ arm + offset(log(years)) + (1 | patient)",
        Some("~ 1"),
        GlmmOptions {
            family: Family::NegativeBinomial,
            nagq: 1,
        },
        &ReferenceLevels::default(),
    )
    .unwrap();
    assert_within(
        "glmmTMB",
        "~ 1 logLik",
        one.log_likelihood,
        m.log_likelihood,
        1e-8,
    );
    assert_within(
        "glmmTMB",
        "~ 1 log theta",
        one.dispersion[0].estimate,
        0.17186399288004256,
        1e-5,
    );
    assert_within(
        "glmmTMB",
        "~ 1 SE",
        one.dispersion[0].se,
        0.23645002868927631,
        1e-4 * 0.2365,
    );
}

#[test]
fn salamanders_negbin_with_a_dispersion_formula_matches_glmmtmb() {
    // glmmTMB's Salamanders (its package example data): glmmTMB(count ~ spp + mined +
    // (1 | site), dispformula = ~ mined, family = nbinom2, data = sal, control = tight).
    Reference {
        file: "salamanders.csv",
        formula: "count ~ spp + mined + (1 | site)",
        dispformula: Some("~ mined"),
        family: Family::NegativeBinomial,
        log_likelihood: -821.96633215517477,
        unpolished: -821.96633215713052,
        fixed: &[
            ("(Intercept)", 1.3614565804400758, 0.19786357242263217),
            ("sppDF", -0.55957148691375491, 0.22022818290243104),
            ("sppDM", -0.43656550608973099, 0.2138672129664769),
            ("sppEC-A", -1.4811334563845195, 0.24265207560534685),
            ("sppEC-L", -0.16337117337302634, 0.21104563787955702),
            ("sppGP", -0.72271870836187024, 0.21852073589285739),
            ("sppPR", -2.116164589623831, 0.27659677975942432),
            ("minedyes", -2.1876056462628428, 0.26948074714787629),
        ],
        sd: &[0.44978391460983325],
        dispersion: &[
            ("(Intercept)", 0.081470253508811832, 0.14446379499919532),
            ("minedyes", -1.1990044037159198, 0.37743223042888341),
        ],
        n_obs: 644,
    }
    .check();
}

#[test]
fn gamma_matches_glmmtmb() {
    // glmmTMB(crp ~ arm * week + (1 | patient), family = Gamma(link = "log"), data = crp,
    // control = tight): log shape 1.1205861008567763, so sigma(m) = 1/sqrt(shape) =
    // 0.57104168641645436.
    let fixed_names = ["(Intercept)", "armplacebo", "week", "armplacebo:week"];
    let m = Reference {
        file: "crp_gamma.csv",
        formula: "crp ~ arm * week + (1 | patient)",
        dispformula: None,
        family: Family::Gamma,
        log_likelihood: -1368.413939574863,
        unpolished: -1368.4139395748723,
        fixed: &[
            ("(Intercept)", 2.2230816156752606, 0.094156870055288),
            ("armplacebo", -0.16228017645490245, 0.13363107245339959),
            ("week", -0.060271557389299499, 0.0083197482933503493),
            (
                "armplacebo:week",
                0.046386792576280041,
                0.011922273599482379,
            ),
        ],
        sd: &[0.54513012192577703],
        dispersion: &[("(Intercept)", 1.1205861008567763, 0.07046027544504814)],
        n_obs: 480,
    }
    .check();
    assert_eq!(m.family, "Gamma");
    assert_eq!(m.dispformula.as_deref(), Some("~ 1"));
    assert_within(
        "glmmTMB",
        "sigma",
        (-0.5 * m.dispersion[0].estimate).exp(),
        0.57104168641645436,
        1e-5,
    );
    let names: Vec<&str> = m.fixed.iter().map(|f| f.term.as_str()).collect();
    assert_eq!(names, fixed_names);
    // glmmTMB(crp ~ arm * week + (1 | patient), dispformula = ~ arm, family = Gamma(link =
    // "log"), data = crp, control = tight)
    Reference {
        dispformula: Some("~ arm"),
        log_likelihood: -1365.8608610206754,
        unpolished: -1365.8608610219626,
        fixed: &[
            ("(Intercept)", 2.2300527924863678, 0.096895807109051671),
            ("armplacebo", -0.1758846372714595, 0.13283855954088325),
            ("week", -0.060153388162257453, 0.0089578741415193529),
            (
                "armplacebo:week",
                0.046446757857537976,
                0.011921298950639229,
            ),
        ],
        sd: &[0.53789858784969657],
        dispersion: &[
            ("(Intercept)", 0.96998279046231439, 0.10048126339664357),
            ("armplacebo", 0.31679519628463315, 0.14012960796942328),
        ],
        ..GAMMA_BASE
    }
    .check();
}

/// The gamma data set and model, for the variants below.
const GAMMA_BASE: Reference = Reference {
    file: "crp_gamma.csv",
    formula: "crp ~ arm * week + (1 | patient)",
    dispformula: None,
    family: Family::Gamma,
    log_likelihood: 0.0,
    unpolished: 0.0,
    fixed: &[],
    sd: &[],
    dispersion: &[],
    n_obs: 480,
};

#[test]
fn gamma_glm_and_correlated_slopes_match_glmmtmb() {
    // glmmTMB(crp ~ arm * week, family = Gamma(link = "log"), data = crp, control = tight)
    Reference {
        formula: "crp ~ arm * week",
        log_likelihood: -1426.3895228819088,
        unpolished: -1426.3895228819117,
        fixed: &[
            ("(Intercept)", 2.3771987447981275, 0.07968010953369864),
            ("armplacebo", -0.17918119120560985, 0.11385274495623104),
            ("week", -0.05767343403955897, 0.010543724680942125),
            ("armplacebo:week", 0.037797067081271972, 0.01515554133376988),
        ],
        dispersion: &[("(Intercept)", 0.57409348843461561, 0.059478725025709916)],
        ..GAMMA_BASE
    }
    .check();
    // glmmTMB(crp ~ arm * week + (week | patient), family = Gamma(link = "log"), data = crp,
    // control = tight): corr -0.39780907386317949.
    let m = Reference {
        formula: "crp ~ arm * week + (week | patient)",
        log_likelihood: -1367.8138692243958,
        unpolished: -1367.8138692282785,
        fixed: &[
            ("(Intercept)", 2.2134790462541654, 0.098026640212419969),
            ("armplacebo", -0.16068792355734968, 0.13858785134576071),
            ("week", -0.059779660180825783, 0.0088239788885494889),
            (
                "armplacebo:week",
                0.045906948699030503,
                0.012540332311754967,
            ),
        ],
        sd: &[0.58848258297182321, 0.024600891238485953],
        dispersion: &[("(Intercept)", 1.1619378514489114, 0.082348638470814375)],
        ..GAMMA_BASE
    }
    .check();
    assert_within(
        "glmmTMB",
        "corr",
        m.correlations[0].corr.unwrap(),
        -0.39780907386317949,
        1e-5,
    );
}

#[test]
fn beta_matches_glmmtmb() {
    // glmmTMB(score ~ arm + visit + (1 | patient), family = beta_family(), data = beta_data,
    // control = tight): log precision 2.0932556394303048, sigma(m) = phi = 8.111278163461936.
    let base = Reference {
        file: "symptom_free_beta.csv",
        formula: "score ~ arm + visit + (1 | patient)",
        dispformula: None,
        family: Family::Beta,
        log_likelihood: 97.681529482762897,
        unpolished: 97.681529482754826,
        fixed: &[
            ("(Intercept)", 0.37686594364809362, 0.1432818331077898),
            ("armplacebo", -0.61382342722461758, 0.14826553355251443),
            ("visit", 0.23259419074204346, 0.049775332888392511),
        ],
        sd: &[0.61829864439607984],
        dispersion: &[("(Intercept)", 2.0932556394303048, 0.099031183439746942)],
        n_obs: 300,
    };
    let m = base.check();
    assert_eq!((m.family.as_str(), m.link.as_str()), ("beta", "logit"));
    assert_within(
        "glmmTMB",
        "phi",
        m.dispersion[0].estimate.exp(),
        8.111278163461936,
        1e-4,
    );
    // glmmTMB(score ~ arm + visit + (1 | patient), dispformula = ~ arm, family =
    // beta_family(), data = beta_data, control = tight)
    Reference {
        dispformula: Some("~ arm"),
        log_likelihood: 104.36757515419454,
        unpolished: 104.36757515416107,
        fixed: &[
            ("(Intercept)", 0.33438872173854189, 0.14309785697482377),
            ("armplacebo", -0.57065334096371467, 0.14795722737450992),
            ("visit", 0.23658959513049621, 0.046931970254238932),
        ],
        sd: &[0.61319715625882987],
        dispersion: &[
            ("(Intercept)", 1.8047746443525035, 0.13361841066936769),
            ("armplacebo", 0.68592944476805551, 0.18577307645973651),
        ],
        ..base
    }
    .check();
    // glmmTMB(score ~ arm + visit, dispformula = ~ arm + visit, family = beta_family(),
    // data = beta_data, control = tight): a GLM with a numeric covariate in the dispersion.
    Reference {
        formula: "score ~ arm + visit",
        dispformula: Some("~ arm + visit"),
        log_likelihood: 76.165697997496295,
        unpolished: 76.165697997496139,
        fixed: &[
            ("(Intercept)", 0.31831728195801673, 0.14198239729887546),
            ("armplacebo", -0.52316932019233431, 0.10147033490823862),
            ("visit", 0.21022051758003066, 0.060579888589682863),
        ],
        sd: &[],
        dispersion: &[
            ("(Intercept)", 1.3785965440959769, 0.20377703208896641),
            ("armplacebo", 0.40465603649520754, 0.15056292934343754),
            ("visit", -0.033132784545877841, 0.089871950052819921),
        ],
        ..base
    }
    .check();
}

/// Exit code and stderr of `trialstats glmm` with `args` after the file `file`.
pub(crate) fn refused(file: &Path, args: &[&str]) -> String {
    let (code, _, stderr) = outcome_of(subcommand("glmm").arg(file).args(args));
    assert_eq!(code, 2, "{stderr}");
    stderr
}

#[test]
fn responses_outside_the_support_and_misplaced_dispersion_formulas_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "patient,arm,y\n1,a,0.5\n1,b,0.25\n2,a,0\n2,b,0.75\n3,a,0.1\n3,b,0.9\n",
    )
    .unwrap();
    let formula = ["--formula", "y ~ arm + (1 | patient)"];
    let stderr = refused(&bad, &[&["--family", "gamma"][..], &formula[..]].concat());
    assert!(
        stderr.contains("bad.csv:4") && stderr.contains("column y"),
        "{stderr}"
    );
    assert!(stderr.contains("greater than 0"), "{stderr}");
    let stderr = refused(&bad, &[&["--family", "beta"][..], &formula[..]].concat());
    assert!(
        stderr.contains("bad.csv:4") && stderr.contains("strictly between 0 and 1"),
        "{stderr}"
    );
    std::fs::write(&bad, "patient,arm,y\n1,a,0.5\n1,b,1\n2,a,0.2\n").unwrap();
    let stderr = refused(&bad, &[&["--family", "beta"][..], &formula[..]].concat());
    assert!(stderr.contains("bad.csv:3"), "{stderr}");
    // A dispersion formula on a family without a dispersion parameter.
    let relapses = test_data("relapses_negbin.csv");
    for family in ["poisson", "binomial"] {
        let stderr = refused(
            &relapses,
            &[
                "--family",
                family,
                "--formula",
                "relapses ~ arm + (1 | patient)",
                "--dispformula",
                "~ arm",
            ],
        );
        assert!(
            stderr.contains("--dispformula")
                && stderr.contains("negbin, gamma, beta and betabinomial"),
            "{stderr}"
        );
    }
    // Not one-sided, random terms, an unknown column.
    for (dispformula, says) in [
        ("arm", "one-sided"),
        ("~ arm + (1 | patient)", "fixed terms only"),
        ("~ dose", "dose"),
    ] {
        let stderr = refused(
            &relapses,
            &[
                "--family",
                "negbin",
                "--formula",
                "relapses ~ arm + (1 | patient)",
                "--dispformula",
                dispformula,
            ],
        );
        assert!(stderr.contains("--dispformula"), "{stderr}");
        assert!(stderr.contains(says), "{dispformula}: {stderr}");
    }
}

#[test]
fn the_text_and_json_outputs_carry_the_dispersion_model() {
    let (code, stdout, stderr) = outcome_of(
        subcommand("glmm")
            .arg(test_data("relapses_negbin.csv"))
            .args([
                "--family",
                "negbin",
                "--formula",
                "relapses ~ arm + offset(log(years)) + (1 | patient)",
                "--dispformula",
                "~ arm",
            ]),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("dispersion model ~ arm: log theta, Var = mu + mu^2/theta"),
        "{stdout}"
    );
    assert!(
        stdout.contains("armplacebo            1.1018426"),
        "{stdout}"
    );
    let v = crate::common::json_of(
        subcommand("glmm")
            .arg(test_data("symptom_free_beta.csv"))
            .args([
                "--family",
                "beta",
                "--formula",
                "score ~ arm + visit + (1 | patient)",
                "--format",
                "json",
            ]),
    );
    assert_eq!(v["family"], "beta");
    assert_eq!(v["dispformula"], "~ 1");
    assert_eq!(v["dispersion"][0]["term"], "(Intercept)");
    for key in ["estimate", "se"] {
        assert!(v["dispersion"][0][key].is_f64(), "{key}: {v}");
    }
    assert!(v.get("theta").is_none());
}
