//! `glmm --family ordinal` (a cumulative logit mixed model) compared with R's ordinal::clmm
//! 2022.11-16 (R 4.2.2). The data are ordinal's own `wine` (`tests/data/wine_ordinal.csv`:
//! bitterness rated 1-5 by 9 judges, Randall 1989) and a simulated stroke trial
//! (`tests/data/mrs_ordinal.csv`: the modified Rankin scale 0-6 of 2,000 patients in 40
//! sites, active vs placebo, age, a site intercept), with a random slope of temperature on the
//! wine data too (clmm's vector-valued random effects); both files and every reference value come
//! from `benches/glmm_ordinal_reference.R`, whose printout is
//! `tests/data/glmm_ordinal_reference_output.txt`; the R call is next to each value.
//!
//! The estimates and log-likelihoods are clmm's optimum polished by Newton steps on clmm's own
//! objective (`ordinal:::getNLA.ssr`, or `getNAGQ.ssr` for nAGQ > 1; `polish` in the script):
//! nlminb stops with "singular convergence (7)" and up to 0.017 of gradient left (the trial),
//! up to 4e-6 off in the estimates. The standard errors are from the Hessian of that same
//! objective at the polished optimum by numDeriv's Richardson extrapolation (step 1% of each
//! parameter). clmm prints SEs from its own numerical Hessian (`ordinal:::deriv12`) of an
//! objective whose inner iterations for the random effects' modes leave it noisy: its printed
//! SEs move by up to 1% between control settings on the wine data, and by 1e-3 between
//! numDeriv's step sizes on the trial, so they are only as accurate as that. The SEs clmm prints
//! at its default control for the wine data (its help page's 0.5954 and 0.5125) are checked
//! too.
//!
//! What is asserted: the log-likelihood within 1e-6 (absolute) of clmm's polished one and at
//! least clmm's own (less 1e-9); thresholds, fixed effects and the random-intercept SD within
//! 1e-5; their standard errors within 1e-4 relative.

#![allow(clippy::excessive_precision)]

use crate::common::{assert_within, test_data};
use crate::common::{json_of, outcome_of, subcommand};
use trialstats::glmm::{Family, GlmmFit, GlmmOptions, SideModels, fit_csv_with};
use trialstats::lmm::ReferenceLevels;

/// (term, estimate, se)
type Coefficients = &'static [(&'static str, f64, f64)];

struct Reference {
    file: &'static str,
    formula: &'static str,
    nagq: usize,
    references: &'static [&'static str],
    /// clmm's polished log-likelihood, and nlminb's own.
    log_likelihood: f64,
    unpolished: f64,
    thresholds: Coefficients,
    fixed: Coefficients,
    /// The random intercept's SD (`None`: clm, no random effect).
    sd: Option<f64>,
}

/// Every term, estimate and SE of `got` against `want` (estimates within 1e-5, SEs 1e-4
/// relative).
fn coefficients(name: &str, got: &[(String, f64, f64)], want: Coefficients) {
    crate::common::assert_coefficients("clmm", name, got, want);
}

fn fit(
    file: &str,
    formula: &str,
    nagq: usize,
    references: &[&str],
    levels: Option<&str>,
) -> GlmmFit {
    let texts: Vec<String> = references.iter().map(|s| s.to_string()).collect();
    fit_csv_with(
        &test_data(file),
        formula,
        SideModels {
            levels,
            ..SideModels::default()
        },
        GlmmOptions {
            family: Family::Ordinal,
            nagq,
        },
        &ReferenceLevels::parse(&texts).unwrap(),
    )
    .expect("the reference model fits")
}

impl Reference {
    fn check(&self) -> GlmmFit {
        let m = fit(self.file, self.formula, self.nagq, self.references, None);
        let name = format!("{} nAGQ {}", self.formula, self.nagq);
        assert!(
            m.converged && m.warnings.is_empty(),
            "{name}: {:?}",
            m.warnings
        );
        assert_within(
            "clmm",
            &format!("{name}: logLik"),
            m.log_likelihood,
            self.log_likelihood,
            1e-6,
        );
        assert!(
            m.log_likelihood >= self.unpolished - 1e-9,
            "{name}: below nlminb's"
        );
        let thresholds: Vec<(String, f64, f64)> = m
            .thresholds
            .iter()
            .map(|t| (t.term.clone(), t.estimate, t.se))
            .collect();
        coefficients(&format!("{name}: thresholds"), &thresholds, self.thresholds);
        let fixed: Vec<(String, f64, f64)> = m
            .fixed
            .iter()
            .map(|f| (f.term.clone(), f.estimate, f.se))
            .collect();
        coefficients(&name, &fixed, self.fixed);
        match self.sd {
            Some(sd) => assert_within("clmm", &format!("{name}: SD"), m.random[0].sd, sd, 1e-5),
            None => assert!(m.random.is_empty()),
        }
        m
    }
}

const WINE: &str = "wine_ordinal.csv";
const WINE_MODEL: &str = "rating ~ temp + contact + (1 | judge)";
const MRS: &str = "mrs_ordinal.csv";
const MRS_MODEL: &str = "mrs ~ arm + age + (1 | site)";

/// R: clmm(rating ~ temp + contact + (1 | judge), data = wine) (Laplace; "wine Laplace" of the
/// printout, control = clmm.control(gradTol = 1e-8, maxIter = 200, rel.tol = 1e-14, ...)).
/// Its help page: logLik -81.57, tempwarm 3.063, contactyes 1.835, judge variance 1.279.
const WINE_LAPLACE: Reference = Reference {
    file: WINE,
    formula: WINE_MODEL,
    nagq: 1,
    references: &[],
    log_likelihood: -81.565412776600979,
    unpolished: -81.565412776830982,
    thresholds: &[
        ("1|2", -1.6236694791375244, 0.68243714329791227),
        ("2|3", 1.5133559327123298, 0.60375735155320376),
        ("3|4", 4.2285183709076035, 0.80898421307910184),
        ("4|5", 6.0887670934451448, 0.97248051388980095),
    ],
    fixed: &[
        ("tempwarm", 3.0629992354956497, 0.59539760914029649),
        ("contactyes", 1.834899861944592, 0.51256612250465661),
    ],
    sd: Some(1.131137866713676),
};

#[test]
fn wine_laplace_matches_clmm() {
    let m = WINE_LAPLACE.check();
    assert_eq!(m.family, "ordinal");
    assert_eq!(m.n_parameters, 7); // clmm's df
    // R: clmm(rating ~ temp + contact + (1 | judge), data = wine) at clmm's default control:
    // the SEs clmm prints (its help page: tempwarm 0.5954, contactyes 0.5125).
    let printed = [
        0.6824410319591705,
        0.6037533304308309,
        0.80896605032449531,
        0.97245365418480423,
        0.59537618313118423,
        0.51252933200540418,
    ];
    let ours: Vec<f64> = m
        .thresholds
        .iter()
        .map(|t| t.se)
        .chain(m.fixed.iter().map(|f| f.se))
        .collect();
    for (got, want) in ours.iter().zip(printed) {
        assert_within("clmm", "SE against clmm's printed", *got, want, 1e-4 * want);
    }
    // R: VarCorr(m)$judge = 1.2794728735135659 (polished).
    assert_within(
        "clmm",
        "judge variance",
        m.random[0].sd.powi(2),
        1.2794728735135659,
        2e-5,
    );
}

/// R: clmm(rating ~ temp + contact + (1 | judge), data = wine, nAGQ = 10) ("wine AGQ 10").
#[test]
fn wine_adaptive_quadrature_matches_clmm() {
    Reference {
        file: WINE,
        formula: WINE_MODEL,
        nagq: 10,
        references: &[],
        log_likelihood: -81.532460711544189,
        unpolished: -81.532460711691428,
        thresholds: &[
            ("1|2", -1.6234934686114215, 0.68338756987040439),
            ("2|3", 1.5127941587771971, 0.60443864424020899),
            ("3|4", 4.2270545282270016, 0.80897986095312668),
            ("4|5", 6.0861546402955549, 0.97194159823475101),
        ],
        fixed: &[
            ("tempwarm", 3.061897190979793, 0.59507726046356535),
            ("contactyes", 1.8334312444977698, 0.51217163655476439),
        ],
        sd: Some(1.134787338043991),
    }
    .check();
}

/// R: clm(rating ~ temp + contact, data = wine) (no random effect; clm's SEs are from its
/// analytic Hessian).
#[test]
fn wine_without_random_effects_matches_clm() {
    Reference {
        file: WINE,
        formula: "rating ~ temp + contact",
        nagq: 1,
        references: &[],
        log_likelihood: -86.491923365649086,
        unpolished: -86.491923365649086,
        thresholds: &[
            ("1|2", -1.3443834112650246, 0.51710204532435289),
            ("2|3", 1.2508087984167804, 0.43788020296164476),
            ("3|4", 3.4668869264749023, 0.59776042460854462),
            ("4|5", 5.0064042042708801, 0.73090634366708396),
        ],
        fixed: &[
            ("tempwarm", 2.5031020078995598, 0.52868010082492845),
            ("contactyes", 1.5277976580953543, 0.47662262964834196),
        ],
        sd: None,
    }
    .check();
}

/// The simulated trial. R: d$arm <- relevel(factor(d$arm), "placebo");
/// clmm(mrs ~ arm + age + (1 | site), data = d) ("mrs Laplace").
#[test]
fn simulated_trial_laplace_matches_clmm() {
    let m = Reference {
        file: MRS,
        formula: MRS_MODEL,
        nagq: 1,
        references: &["arm=placebo"],
        log_likelihood: -3708.2915904823503,
        unpolished: -3708.2915904905753,
        thresholds: &[
            ("0|1", -0.11357101603167001, 0.26188450291490672),
            ("1|2", 1.1188895343647312, 0.26116467156811468),
            ("2|3", 1.9495714026558928, 0.26331013304671175),
            ("3|4", 2.7383108089207009, 0.26637060182639544),
            ("4|5", 3.6741307535889076, 0.27205398200177139),
            ("5|6", 4.7279544296761244, 0.28281975903817524),
        ],
        fixed: &[
            ("armactive", -0.27892045582074132, 0.079514156075804657),
            ("age", 0.029625492652756123, 0.0036789392797291725),
        ],
        sd: Some(0.37500383703271284),
    }
    .check();
    assert_eq!(m.n_obs, 2000);
    assert_eq!(m.n_groups, 40);
    assert_eq!(
        m.reference_levels,
        vec![("arm".to_string(), "placebo".to_string())]
    );
}

/// R: clmm(mrs ~ arm + age + (1 | site), data = d, nAGQ = 7) ("mrs AGQ 7").
#[test]
fn simulated_trial_adaptive_quadrature_matches_clmm() {
    Reference {
        file: MRS,
        formula: MRS_MODEL,
        nagq: 7,
        references: &["arm=placebo"],
        log_likelihood: -3708.2611017282074,
        unpolished: -3708.2611017287109,
        thresholds: &[
            ("0|1", -0.11357170232205213, 0.26190140906078646),
            ("1|2", 1.1189048143050482, 0.26118067502422065),
            ("2|3", 1.9495838376668344, 0.26332611138941087),
            ("3|4", 2.7383217911081088, 0.2663864755017632),
            ("4|5", 3.6741549725722429, 0.27206934464159577),
            ("5|6", 4.728000902869689, 0.28283464240826323),
        ],
        fixed: &[
            ("armactive", -0.2789236699689569, 0.079513959499800502),
            ("age", 0.029625682642928648, 0.003678982340630479),
        ],
        sd: Some(0.37536615447019661),
    }
    .check();
}

/// Text levels in the order `--levels` gives are the same model as the numbers 1-5 (the wine
/// file's `grade` is its `rating` written as words, whose sorted order is not theirs).
#[test]
fn text_levels_in_the_given_order_fit_the_same_model() {
    let words = fit(
        WINE,
        "grade ~ temp + contact + (1 | judge)",
        1,
        &[],
        Some("poor<fair<good<verygood<excellent"),
    );
    let numbers = fit(WINE, WINE_MODEL, 1, &[], None);
    assert_eq!(words.thresholds[0].term, "poor|fair");
    assert!((words.log_likelihood - numbers.log_likelihood).abs() < 1e-9);
    for (a, b) in words.fixed.iter().zip(&numbers.fixed) {
        assert!((a.estimate - b.estimate).abs() < 1e-8);
    }
}

#[test]
fn the_command_line_prints_thresholds_and_the_reference_level() {
    let v = json_of(subcommand("glmm").arg(test_data(MRS)).args([
        "--family",
        "ordinal",
        "--reference",
        "arm=placebo",
        "--formula",
        MRS_MODEL,
        "--format",
        "json",
    ]));
    assert_eq!(v["thresholds"].as_array().unwrap().len(), 6);
    assert_eq!(v["thresholds"][0]["term"], "0|1");
    assert!(v["thresholds"][0]["se"].as_f64().unwrap() > 0.0);
    assert_eq!(v["fixed"][0]["term"], "armactive");
    assert_eq!(v["family"], "ordinal");
    let (code, stdout, stderr) = outcome_of(subcommand("glmm").arg(test_data(MRS)).args([
        "--family",
        "ordinal",
        "--reference",
        "arm=placebo",
        "--formula",
        MRS_MODEL,
        "--exp",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Cumulative link mixed model"), "{stdout}");
    assert!(
        stdout.contains("reference levels: arm = placebo"),
        "{stdout}"
    );
    assert!(
        stdout.contains("response levels: 0 < 1 < 2 < 3 < 4 < 5 < 6"),
        "{stdout}"
    );
    assert!(stdout.contains("odds_ratio"), "{stdout}");
}

#[test]
fn bad_ordinal_input_names_the_option() {
    let run = |file: &str, args: &[&str]| {
        let (code, _, stderr) = outcome_of(subcommand("glmm").arg(test_data(file)).args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        stderr
    };
    let e = run(
        WINE,
        &[
            "--family",
            "ordinal",
            "--formula",
            "grade ~ temp + (1 | judge)",
        ],
    );
    assert!(e.contains("--levels") && e.contains("holds text"), "{e}");
    let e = run(
        WINE,
        &[
            "--family",
            "ordinal",
            "--formula",
            "grade ~ temp + (1 | judge)",
            "--levels",
            "poor<fair<good",
        ],
    );
    assert!(e.contains("--levels") && e.contains("does not list"), "{e}");
    let e = run(
        WINE,
        &[
            "--family",
            "ordinal",
            "--formula",
            "rating ~ temp + (1 | judge)",
            "--dispformula",
            "~ temp",
        ],
    );
    assert!(e.contains("--dispformula"), "{e}");
    let e = run(
        WINE,
        &[
            "--family",
            "ordinal",
            "--formula",
            "rating ~ temp + (1 | judge)",
            "--reference",
            "rating=3",
        ],
    );
    assert!(e.contains("--reference"), "{e}");
    let e = run(
        WINE,
        &[
            "--family",
            "poisson",
            "--formula",
            "rating ~ temp",
            "--levels",
            "1<2",
        ],
    );
    assert!(
        e.contains("--levels") && e.contains("--family ordinal"),
        "{e}"
    );
    let e = run(
        WINE,
        &[
            "--family",
            "ordinal",
            "--formula",
            "rating ~ 0 + temp + (1 | judge)",
        ],
    );
    assert!(e.contains("--formula") && e.contains("no intercept"), "{e}");
}

/// A random slope as well (clmm's vector-valued random effects). R: clmm(rating ~ temp +
/// contact + (temp | judge), data = wine) ("wine (temp | judge)"; `warm` is temp == "warm" as
/// 0/1, since a random slope here takes a numeric column). clmm's objective is noisier here:
/// its polished gradient stays at 5e-6, its Hessian's SEs move by 1.5% between numDeriv's step
/// sizes 0.001 and 0.01, so the SEs are compared with the latter within 1e-3 relative and the
/// correlation (of a slope whose SD is 0.17) within 1e-4; the rest as above.
#[test]
fn wine_random_slope_matches_clmm() {
    let m = fit(
        WINE,
        "rating ~ warm + contact + (warm | judge)",
        1,
        &[],
        None,
    );
    assert!(m.converged && m.warnings.is_empty(), "{:?}", m.warnings);
    assert_within(
        "clmm",
        "logLik",
        m.log_likelihood,
        -81.546395255017899,
        1e-6,
    );
    assert!(m.log_likelihood >= -81.546395255261714 - 1e-9);
    let want = [
        ("1|2", -1.5993261083296157, 0.68886581808111425),
        ("2|3", 1.4967734788714728, 0.6001038064012052),
        ("3|4", 4.2223234357918979, 0.81605022519088621),
        ("4|5", 6.114383199219974, 1.0198342352343954),
        ("warm", 3.0655989735564964, 0.61472759679953404),
        ("contactyes", 1.8319693571145379, 0.51558468309075989),
    ];
    let got: Vec<(String, f64, f64)> = m
        .thresholds
        .iter()
        .map(|t| (t.term.clone(), t.estimate, t.se))
        .chain(m.fixed.iter().map(|f| (f.term.clone(), f.estimate, f.se)))
        .collect();
    for ((term, estimate, se), (want_term, want_estimate, want_se)) in got.iter().zip(want) {
        assert_eq!(term, want_term);
        assert_within("clmm", term, *estimate, want_estimate, 1e-5);
        assert_within("clmm", &format!("SE {term}"), *se, want_se, 1e-3 * want_se);
    }
    assert_within(
        "clmm",
        "SD (Intercept)",
        m.random[0].sd,
        1.0752132617149945,
        1e-5,
    );
    assert_within("clmm", "SD warm", m.random[1].sd, 0.16736175894641034, 1e-5);
    let corr = m.correlations[0].corr.expect("both SDs > 0");
    assert_within("clmm", "correlation", corr, 0.64864417479739811, 1e-4);
}
