//! `glmm --ziformula` (zero-inflated Poisson and negative binomial) compared with glmmTMB 1.1.5
//! (R 4.2.2, TMB 1.9.2). The data (`tests/data/lesions_zi.csv`: 150 simulated patients, four
//! MRI scans each, new-lesion counts with a patient intercept and structural zeros more often on
//! the active arm) and every reference value come from
//! `benches/glmm_zero_inflation_reference.R`, whose printout is
//! `tests/data/glmm_zero_inflation_reference_output.txt`; the R call is next to each value.
//!
//! The references are glmmTMB's optimum polished by Newton steps on glmmTMB's own objective
//! (its TMB function and gradient; `polish` in the script): nlminb at `rel.tol = 1e-12` stops
//! with "singular convergence (7)" and up to 2.6e-3 of gradient left on these models, up to
//! 1.1e-5 off in the estimates; the polished optimum has a gradient below 1e-10 and a
//! log-likelihood never below nlminb's own (asserted here against both). The standard errors
//! are `sdreport`'s at the polished optimum (`optimHess` of glmmTMB's gradient), but on lme4's
//! grouseticks (two grouping factors) numDeriv's Richardson Jacobian of that gradient, where
//! `optimHess`'s steps of 1e-3 are too coarse for a slope in a covariate of range 130.
//!
//! What is asserted: the log-likelihood within 1e-6 (absolute) of glmmTMB's polished one and
//! at least nlminb's unpolished one (less 1e-9 for rounding); fixed effects, zero-inflation
//! coefficients (`fixef(m)$zi`, logit scale), random-effect SDs and log θ within 1e-5; their
//! standard errors within 1e-4 relative.

#![allow(clippy::excessive_precision)]

use crate::common::{assert_within, test_data};
use crate::common::{json_of, outcome_of, subcommand};
use std::path::Path;
use trialstats::glmm::{Family, GlmmFit, GlmmOptions, SideModels, fit_csv_with};
use trialstats::lmm::ReferenceLevels;

/// (term, estimate, se)
type Coefficients = &'static [(&'static str, f64, f64)];

struct Reference {
    formula: &'static str,
    ziformula: &'static str,
    dispformula: Option<&'static str>,
    family: Family,
    /// glmmTMB's polished log-likelihood, and nlminb's own.
    log_likelihood: f64,
    unpolished: f64,
    fixed: Coefficients,
    /// `fixef(m)$zi` with SEs.
    zero_inflation: Coefficients,
    sd: &'static [f64],
    /// `fixef(m)$disp` (log θ) with SEs: with a dispersion formula, in `dispersion`; without,
    /// the one θ's log (its SE is checked with `~ 1` written out).
    dispersion: Coefficients,
}

/// A zero-inflated Poisson with two grouping factors: (ziformula, glmmTMB's polished
/// log-likelihood, nlminb's, fixed effects, `fixef(m)$zi`, the two SDs).
type GroupedCase = (&'static str, f64, f64, Coefficients, Coefficients, [f64; 2]);

const LESIONS: &str = "lesions_zi.csv";
const MODEL: &str = "lesions ~ arm + scan + (1 | patient)";

/// Every term, estimate and SE of `got` against `want` (estimates within 1e-5, SEs 1e-4
/// relative).
fn coefficients(name: &str, got: &[(String, f64, f64)], want: Coefficients) {
    crate::common::assert_coefficients("glmmTMB", name, got, want);
}

fn fit(file: &str, formula: &str, side: SideModels, family: Family) -> GlmmFit {
    fit_csv_with(
        &test_data(file),
        formula,
        side,
        GlmmOptions { family, nagq: 1 },
        &ReferenceLevels::default(),
    )
    .expect("the reference model fits")
}

impl Reference {
    fn check(&self) -> GlmmFit {
        self.check_on(LESIONS)
    }

    /// [`Reference::check`] on the data of `file` in tests/data.
    fn check_on(&self, file: &str) -> GlmmFit {
        let side = SideModels {
            dispformula: self.dispformula,
            ziformula: Some(self.ziformula),
            ..SideModels::default()
        };
        let m = fit(file, self.formula, side, self.family);
        let name = format!("{} {:?} zi {}", self.formula, self.family, self.ziformula);
        assert!(
            m.converged && m.warnings.is_empty(),
            "{name}: {:?}",
            m.warnings
        );
        assert_eq!(m.n_obs, 600);
        assert_eq!(m.ziformula.as_deref(), Some(self.ziformula));
        assert_within(
            "glmmTMB",
            &format!("{name}: logLik"),
            m.log_likelihood,
            self.log_likelihood,
            1e-6,
        );
        assert!(
            m.log_likelihood >= self.unpolished - 1e-9,
            "{name}: below nlminb's"
        );
        let triples = |v: &[trialstats::glmm::FixedEffect]| -> Vec<(String, f64, f64)> {
            v.iter()
                .map(|f| (f.term.clone(), f.estimate, f.se))
                .collect()
        };
        coefficients(&name, &triples(&m.fixed), self.fixed);
        coefficients(
            &format!("{name}: zi"),
            &triples(&m.zero_inflation),
            self.zero_inflation,
        );
        let sds: Vec<f64> = m.random.iter().map(|r| r.sd).collect();
        assert_eq!(sds.len(), self.sd.len(), "{name}");
        for (got, &want) in sds.iter().zip(self.sd) {
            assert_within("glmmTMB", &format!("{name}: SD"), *got, want, 1e-5);
        }
        match (self.dispformula, self.family) {
            (Some(_), _) => {
                let got: Vec<(String, f64, f64)> = m
                    .dispersion
                    .iter()
                    .map(|d| (d.term.clone(), d.estimate, d.se))
                    .collect();
                coefficients(&format!("{name}: disp"), &got, self.dispersion);
            }
            (None, Family::NegativeBinomial) => {
                let log_theta = m.theta.expect("one theta").ln();
                assert_within(
                    "glmmTMB",
                    &format!("{name}: log theta"),
                    log_theta,
                    self.dispersion[0].1,
                    1e-5,
                );
            }
            (None, _) => assert!(m.theta.is_none() && m.dispersion.is_empty()),
        }
        m
    }
}

#[test]
fn zero_inflated_poisson_matches_glmmtmb() {
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ 1, family = poisson,
    // data = lesions, control = tight)
    let m = Reference {
        formula: MODEL,
        ziformula: "~ 1",
        dispformula: None,
        family: Family::Poisson,
        log_likelihood: -896.10636905583635,
        unpolished: -896.10636905664398,
        fixed: &[
            ("(Intercept)", 0.067888295336788931, 0.1805795896209644),
            ("armplacebo", 0.83353095505446939, 0.17480209534766117),
            ("scan", -0.067222468015084816, 0.037753126268833141),
        ],
        zero_inflation: &[("(Intercept)", -0.50069750745259123, 0.14627639945466345)],
        sd: &[0.77034892705714209],
        dispersion: &[],
    }
    .check();
    // glmmTMB: df 5, AIC 1802.212738113288 (at nlminb's optimum).
    assert_eq!(m.n_parameters, 5);
    assert_within("glmmTMB", "AIC", m.aic, 1802.212738113288, 2e-6);
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = poisson,
    // data = lesions, control = tight)
    let m = Reference {
        formula: MODEL,
        ziformula: "~ arm",
        dispformula: None,
        family: Family::Poisson,
        log_likelihood: -887.00302256118846,
        unpolished: -887.00302257045053,
        fixed: &[
            ("(Intercept)", 0.43195811738792955, 0.19068111166137469),
            ("armplacebo", 0.45101895495733824, 0.18421808509197313),
            ("scan", -0.064373849504622577, 0.038029495908084028),
        ],
        zero_inflation: &[
            ("(Intercept)", 0.31328269462601921, 0.19142893265897051),
            ("armplacebo", -1.1311346473841697, 0.24794477893143452),
        ],
        sd: &[0.68353210449017787],
        dispersion: &[],
    }
    .check();
    assert_eq!(m.n_parameters, 6);
}

#[test]
fn zero_inflated_poisson_glm_and_correlated_slopes_match_glmmtmb() {
    // glmmTMB(lesions ~ arm + scan, ziformula = ~ arm, family = poisson, data = lesions,
    // control = tight): no random effects.
    Reference {
        formula: "lesions ~ arm + scan",
        ziformula: "~ arm",
        dispformula: None,
        family: Family::Poisson,
        log_likelihood: -956.03950324892207,
        unpolished: -956.03950324896107,
        fixed: &[
            ("(Intercept)", 0.80432300160171277, 0.11501091258040884),
            ("armplacebo", 0.38035323067884974, 0.093947052680407261),
            ("scan", -0.030299240444507998, 0.034697035294490981),
        ],
        zero_inflation: &[
            ("(Intercept)", 0.64825737989013754, 0.13938800004097585),
            ("armplacebo", -1.0640100192122035, 0.18825285583015239),
        ],
        sd: &[],
        dispersion: &[],
    }
    .check();
    // glmmTMB(lesions ~ arm + scan + (scan | patient), ziformula = ~ arm + scan,
    // family = poisson, data = lesions, control = tight): corr -0.69567600099646176.
    let m = Reference {
        formula: "lesions ~ arm + scan + (scan | patient)",
        ziformula: "~ arm + scan",
        dispformula: None,
        family: Family::Poisson,
        log_likelihood: -882.07478279608472,
        unpolished: -882.07478279645852,
        fixed: &[
            ("(Intercept)", 0.32780575880469209, 0.2501545834309189),
            ("armplacebo", 0.45369264473407839, 0.19321492169835),
            ("scan", -0.045169693778122001, 0.073774315580084709),
        ],
        zero_inflation: &[
            ("(Intercept)", 0.25132280691362074, 0.34247599044271271),
            ("armplacebo", -1.1545596091695685, 0.26062807840239882),
            ("scan", 0.0096628458849205776, 0.11634298453556956),
        ],
        sd: &[0.94717829397293618, 0.24927191828865836],
        dispersion: &[],
    }
    .check();
    assert_within(
        "glmmTMB",
        "corr",
        m.correlations[0].corr.unwrap(),
        -0.69567600099646176,
        1e-5,
    );
}

#[test]
fn zero_inflation_with_several_factors_matches_glmmtmb() {
    // tests/data/lesions_zi_period.csv: the same counts with the period of each scan (early:
    // scans 1-2, late: 3-4), so that the ziformula has two factors and their interaction.
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm * period,
    // family = poisson, data = lesions, control = tight), polished.
    Reference {
        formula: MODEL,
        ziformula: "~ arm * period",
        dispformula: None,
        family: Family::Poisson,
        log_likelihood: -886.34463794774967,
        unpolished: -886.34463794992087,
        fixed: &[
            ("(Intercept)", 0.43472123457480216, 0.1940513968053926),
            ("armplacebo", 0.44930193908657046, 0.18512309874299371),
            ("scan", -0.06648038182812141, 0.039745985190271026),
        ],
        zero_inflation: &[
            ("(Intercept)", 0.20015607450919887, 0.24415849267284828),
            ("armplacebo", -0.90087418449485424, 0.3184172476931445),
            ("periodlate", 0.23132895678985815, 0.30459935611511935),
            (
                "armplacebo:periodlate",
                -0.50000751925404074,
                0.43875749374004747,
            ),
        ],
        sd: &[0.68632013452525464],
        dispersion: &[],
    }
    .check_on("lesions_zi_period.csv");
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm + period,
    // family = nbinom2, data = lesions, control = tight), polished: log θ 0.58869222388693587.
    Reference {
        formula: MODEL,
        ziformula: "~ arm + period",
        dispformula: None,
        family: Family::NegativeBinomial,
        log_likelihood: -865.41063427973802,
        unpolished: -865.41063428295899,
        fixed: &[
            ("(Intercept)", 0.26897120947660652, 0.24691948867354099),
            ("armplacebo", 0.46676789862430312, 0.20245848934701752),
            ("scan", -0.040574779069132864, 0.063998771299127538),
        ],
        zero_inflation: &[
            ("(Intercept)", -0.065814431232293816, 0.3405411599402921),
            ("armplacebo", -1.4058561737897579, 0.43553775305181047),
            ("periodlate", 0.08223950923758315, 0.33262881616634149),
        ],
        sd: &[0.57950003124776039],
        dispersion: &[("(Intercept)", 0.58869222388693587, 0.43179330837573221)],
    }
    .check_on("lesions_zi_period.csv");
}

#[test]
fn zero_inflation_with_several_grouping_factors_matches_glmmtmb() {
    // lme4's grouseticks (tests/data/grouseticks.csv: 403 chicks, 126 without ticks, in 118
    // broods in 63 locations; cHEIGHT = HEIGHT - 462): two grouping factors, whose joint
    // conditional modes are taken under the zero-inflated likelihood. The SEs are those of the
    // Richardson Hessian of glmmTMB's gradient at the polished optimum ("richardson se" in the
    // script's output): sdreport's optimHess, at steps of 1e-3, leaves the SE of the
    // zero-inflation slope in cHEIGHT (-59 to 71) 2.6e-4 short.
    let side = |zi| SideModels {
        ziformula: Some(zi),
        ..SideModels::default()
    };
    let formula = "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | LOCATION)";
    let triples = |v: &[trialstats::glmm::FixedEffect]| -> Vec<(String, f64, f64)> {
        v.iter()
            .map(|f| (f.term.clone(), f.estimate, f.se))
            .collect()
    };
    let cases: [GroupedCase; 2] = [
        // glmmTMB(TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | LOCATION), ziformula = ~ 1,
        // family = poisson, data = gt, control = tight), polished.
        (
            "~ 1",
            -980.82562105053455,
            -980.82562105076124,
            &[
                ("(Intercept)", 0.53436513555549281, 0.19365840374530421),
                ("factor(YEAR)96", 1.1202130058779527, 0.23017120422523787),
                ("factor(YEAR)97", -1.0086487749781796, 0.25494176149075354),
                ("cHEIGHT", -0.023469391977983315, 0.0034470541927270767),
            ],
            &[("(Intercept)", -3.4857772875295843, 0.56613080063261567)],
            [0.75939391559804215, 0.57175637938193391],
        ),
        // The same with ziformula = ~ cHEIGHT, polished; SEs Richardson's.
        (
            "~ cHEIGHT",
            -980.54204346043286,
            -980.54204346067661,
            &[
                ("(Intercept)", 0.54283962055978086, 0.19416433826556628),
                ("factor(YEAR)96", 1.1168288827061907, 0.22985695628985356),
                ("factor(YEAR)97", -1.0100427084588355, 0.25455896711714243),
                ("cHEIGHT", -0.023196879645992801, 0.0034738625499948655),
            ],
            &[
                ("(Intercept)", -3.355859284854652, 0.56126189461209341),
                ("cHEIGHT", 0.010734766114586739, 0.013718334574189013),
            ],
            [0.75603964830324977, 0.57209972158323319],
        ),
    ];
    for (zi, log_likelihood, unpolished, fixed, zero_inflation, sd) in cases {
        let m = fit("grouseticks.csv", formula, side(zi), Family::Poisson);
        let name = format!("grouseticks zi {zi}");
        assert!(
            m.converged && m.warnings.is_empty(),
            "{name}: {:?}",
            m.warnings
        );
        assert_eq!(m.n_obs, 403);
        assert_within(
            "glmmTMB",
            &format!("{name}: logLik"),
            m.log_likelihood,
            log_likelihood,
            1e-6,
        );
        assert!(
            m.log_likelihood >= unpolished - 1e-9,
            "{name}: below nlminb's"
        );
        coefficients(&name, &triples(&m.fixed), fixed);
        coefficients(
            &format!("{name}: zi"),
            &triples(&m.zero_inflation),
            zero_inflation,
        );
        let groups: Vec<&str> = m.random.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(groups, ["BROOD", "LOCATION"], "{name}");
        for (r, want) in m.random.iter().zip(sd) {
            assert_within(
                "glmmTMB",
                &format!("{name}: SD {}", r.group),
                r.sd,
                want,
                1e-5,
            );
        }
    }
}

#[test]
fn zero_inflated_negative_binomial_matches_glmmtmb() {
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ 1, family = nbinom2,
    // data = lesions, control = tight): log theta 0.2556232179061651 (SE 0.47196774583299334).
    Reference {
        formula: MODEL,
        ziformula: "~ 1",
        dispformula: None,
        family: Family::NegativeBinomial,
        log_likelihood: -871.79124609289602,
        unpolished: -871.79124609291011,
        fixed: &[
            ("(Intercept)", -0.16801912035130423, 0.24005641672156064),
            ("armplacebo", 0.94752442305572337, 0.17490208157293291),
            ("scan", -0.055218682092484664, 0.057590110747455514),
        ],
        zero_inflation: &[("(Intercept)", -1.3159108769561199, 0.60579295133399502)],
        sd: &[0.62330704780685131],
        dispersion: &[("(Intercept)", 0.2556232179061651, 0.47196774583299334)],
    }
    .check();
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = nbinom2,
    // data = lesions, control = tight): log theta 0.60500823116539093 (SE 0.41906252877461908).
    let zi_arm = Reference {
        formula: MODEL,
        ziformula: "~ arm",
        dispformula: None,
        family: Family::NegativeBinomial,
        log_likelihood: -865.44175401500581,
        unpolished: -865.44175401501002,
        fixed: &[
            ("(Intercept)", 0.28735237276980047, 0.23283758445325398),
            ("armplacebo", 0.47024490778156841, 0.20197741148153939),
            ("scan", -0.04819045762680272, 0.055970230024796244),
        ],
        zero_inflation: &[
            ("(Intercept)", -0.023182638633336208, 0.28304331439936198),
            ("armplacebo", -1.3888021188858646, 0.41623540203046755),
        ],
        sd: &[0.58127426678905569],
        dispersion: &[("(Intercept)", 0.60500823116539093, 0.41906252877461908)],
    };
    let m = zi_arm.check();
    assert_eq!(m.n_parameters, 7);
    // The same model with the dispersion formula ~ 1 written out: log θ with glmmTMB's SE.
    Reference {
        dispformula: Some("~ 1"),
        ..zi_arm
    }
    .check();
}

#[test]
fn zero_inflated_negative_binomial_with_a_dispersion_formula_matches_glmmtmb() {
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, dispformula = ~ arm,
    // family = nbinom2, data = lesions, control = tight)
    let m = Reference {
        formula: MODEL,
        ziformula: "~ arm",
        dispformula: Some("~ arm"),
        family: Family::NegativeBinomial,
        log_likelihood: -865.40400896166364,
        unpolished: -865.40400896298502,
        fixed: &[
            ("(Intercept)", 0.32477671901416966, 0.25643001712885533),
            ("armplacebo", 0.42064189770956417, 0.2599632870469164),
            ("scan", -0.046855091669371872, 0.056041687493781286),
        ],
        zero_inflation: &[
            ("(Intercept)", 0.06382815350813105, 0.37772746823552833),
            ("armplacebo", -1.5272992018887128, 0.66417168859575892),
        ],
        sd: &[0.5815791810004195],
        dispersion: &[
            ("(Intercept)", 0.83018525707240964, 0.92666449088830338),
            ("armplacebo", -0.27874560612223215, 1.0187573118463293),
        ],
    }
    .check();
    assert_eq!(m.n_parameters, 8);
    assert_eq!(m.dispformula.as_deref(), Some("~ arm"));
}

/// Exit code 2 and the stderr of `trialstats glmm FILE ARGS`.
fn refused(file: &Path, args: &[&str]) -> String {
    let (code, _, stderr) = outcome_of(subcommand("glmm").arg(file).args(args));
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn zero_inflation_on_a_family_without_counts_is_refused() {
    for (file, family, formula) in [
        (
            "cbpp.csv",
            "binomial",
            "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
        ),
        ("crp_gamma.csv", "gamma", "crp ~ arm * week + (1 | patient)"),
        (
            "symptom_free_beta.csv",
            "beta",
            "score ~ arm + visit + (1 | patient)",
        ),
    ] {
        let args = [
            "--family",
            family,
            "--formula",
            formula,
            "--ziformula",
            "~ 1",
        ];
        let stderr = refused(&test_data(file), &args);
        assert!(
            stderr.contains("--ziformula") && stderr.contains("poisson and negbin"),
            "{family}: {stderr}"
        );
    }
}

#[test]
fn malformed_zero_inflation_formulas_and_unknown_columns_are_refused() {
    let lesions = test_data(LESIONS);
    for (ziformula, says) in [
        ("arm", "one-sided"),
        ("~ arm +", "--ziformula"),
        ("~ arm + (1 | patient)", "fixed terms only"),
        ("~ offset(log(scan))", "no offsets"),
        ("~ dose", "dose"),
    ] {
        let args = [
            "--family",
            "poisson",
            "--formula",
            MODEL,
            "--ziformula",
            ziformula,
        ];
        let stderr = refused(&lesions, &args);
        assert!(
            stderr.contains(says) && stderr.contains("--ziformula"),
            "{ziformula}: {stderr}"
        );
    }
}

#[test]
fn zero_inflation_without_zeros_or_with_quadrature_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let no_zeros = dir.path().join("no_zeros.csv");
    std::fs::write(
        &no_zeros,
        "patient,arm,y\n1,a,1\n1,b,2\n2,a,3\n2,b,1\n3,a,4\n3,b,2\n",
    )
    .unwrap();
    let stderr = refused(
        &no_zeros,
        &[
            "--family",
            "poisson",
            "--formula",
            "y ~ arm + (1 | patient)",
            "--ziformula",
            "~ 1",
        ],
    );
    assert!(
        stderr.contains("--ziformula") && stderr.contains("none of the 6 counts is 0"),
        "{stderr}"
    );
    let lesions = test_data(LESIONS);
    let stderr = refused(
        &lesions,
        &[
            "--family",
            "negbin",
            "--nagq",
            "5",
            "--formula",
            MODEL,
            "--ziformula",
            "~ 1",
        ],
    );
    assert!(
        stderr.contains("--ziformula") && stderr.contains("--nagq 1"),
        "{stderr}"
    );
}

#[test]
fn a_level_without_excess_zeros_is_a_warning_not_a_number() {
    // Arm b has no zeros at all: its logit π runs off to −∞, which glmmTMB reports as a large
    // negative number; here the output says so and the command exits 1.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no_zeros_on_b.csv");
    let mut text = String::from("patient,arm,y\n");
    for p in 0..40 {
        let arm = if p % 2 == 0 { "a" } else { "b" };
        for v in 0..3 {
            let y = match (arm, (p + v) % 4) {
                ("a", 0 | 1) => 0,
                (_, k) => 1 + (k + p) % 3,
            };
            text.push_str(&format!("{p},{arm},{y}\n"));
        }
    }
    std::fs::write(&file, text).unwrap();
    let (code, stdout, stderr) = outcome_of(subcommand("glmm").arg(&file).args([
        "--family",
        "poisson",
        "--formula",
        "y ~ arm + (1 | patient)",
        "--ziformula",
        "~ arm",
    ]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("warning: the probability of a structural zero is numerically 0"),
        "{stdout}"
    );
}

#[test]
fn the_text_and_json_outputs_carry_the_zero_inflation_model() {
    let args = [
        "--family",
        "negbin",
        "--reference",
        "arm=placebo",
        "--formula",
        MODEL,
        "--ziformula",
        "~ arm",
    ];
    let (code, stdout, stderr) = outcome_of(subcommand("glmm").arg(test_data(LESIONS)).args(args));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "zero-inflation model ~ arm: logit of the probability of a structural zero, as glmmTMB's fixef(m)$zi"
        ),
        "{stdout}"
    );
    // With placebo as the reference the arm coefficient changes sign: 1.3888021.
    assert!(
        stdout.contains("armactive             1.3888021"),
        "{stdout}"
    );
    let v = json_of(
        subcommand("glmm")
            .arg(test_data(LESIONS))
            .args(args)
            .args(["--format", "json"]),
    );
    assert_eq!(v["ziformula"], "~ arm");
    assert_eq!(v["zero_inflation"][1]["term"], "armactive");
    for key in ["estimate", "se", "z", "p"] {
        assert!(v["zero_inflation"][1][key].is_f64(), "{key}: {v}");
    }
    assert_within(
        "glmmTMB",
        "zi armactive",
        &v["zero_inflation"][1]["estimate"],
        1.3888021188858646,
        1e-5,
    );
    // Without --ziformula neither key is there.
    let v = json_of(subcommand("glmm").arg(test_data(LESIONS)).args([
        "--family",
        "poisson",
        "--formula",
        MODEL,
        "--format",
        "json",
    ]));
    assert!(v.get("zero_inflation").is_none() && v.get("ziformula").is_none());
}
