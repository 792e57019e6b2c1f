//! `--reference VAR=LEVEL` (issue 42 item 1): treatment coding with the chosen level first, as
//! R's `relevel`, on `lmm`, `glmm` and `mmrm`, each against R with the same reference.

use crate::common::assert_close_or_within;
use assert_cmd::Command;
use predicates::str::contains;
use std::path::Path;
use trialstats::lmm::ReferenceLevels;

fn references(text: &str) -> ReferenceLevels {
    ReferenceLevels::parse(&[text.to_string()]).unwrap()
}

/// References smaller than this in magnitude are compared absolutely, at `rel · SMALL`.
const SMALL: f64 = 1e-8;

/// nlme 3.1-162 on R 4.2.2: d <- na.omit(read.csv("tests/data/trial_arms.csv"));
/// d$arm <- relevel(factor(d$arm), ref = "placebo"); m <- lme(alsfrs ~ month * arm, random =
/// ~ 1 | patient, data = d, method = "REML"); fixef(m), sqrt(diag(vcov(m))), logLik(m).
#[test]
fn lmm_with_placebo_as_reference_is_nlmes() {
    let (fit, _) = trialstats::lmm::fit_csv_with_references(
        Path::new("tests/data/trial_arms.csv"),
        "alsfrs ~ month * arm + (1 | patient)",
        true,
        &references("arm=placebo"),
    )
    .unwrap();
    let nlme = [
        ("(Intercept)", 40.382366316995494, 1.0346117919397002),
        ("month", -0.79848362577808352, 0.048553335254217962),
        ("armhigh", -0.76611515282347864, 1.4560583691811639),
        ("armlow", -1.1285669262954243, 1.5214170791430521),
        ("month:armhigh", 0.38967406418612355, 0.068567367831634682),
        ("month:armlow", 0.23273794635224743, 0.070978724703609289),
    ];
    for (f, (name, estimate, se)) in fit.fixed.iter().zip(nlme) {
        assert_eq!(f.term, name);
        assert_close_or_within(name, f.estimate, estimate, 1e-6, 1e-6 * SMALL);
        assert_close_or_within(name, f.se, se, 1e-5, 1e-5 * SMALL);
    }
    assert_close_or_within(
        "logLik",
        fit.log_likelihood,
        -833.46924527971862,
        1e-8,
        1e-8 * SMALL,
    );
    assert_eq!(
        fit.reference_levels,
        [("arm".to_string(), "placebo".to_string())]
    );
}

/// R 4.2.2: d$trt <- relevel(factor(d$trt), ref = "progabide"); glm(y ~ trt + lbase, family =
/// poisson, data = epil): coef, sqrt(diag(vcov)), logLik.
#[test]
fn glm_with_progabide_as_reference_is_rs() {
    let options = trialstats::glmm::GlmmOptions {
        family: trialstats::glmm::Family::Poisson,
        nagq: 1,
    };
    let fit = trialstats::glmm::fit_csv_with_references(
        Path::new("tests/data/epil.csv"),
        "y ~ trt + lbase",
        options,
        &references("trt=progabide"),
    )
    .unwrap();
    let r = [
        ("(Intercept)", 1.6643265332187307, 0.038106268580118736),
        ("trtplacebo", 0.10324557704935802, 0.045320919462722487),
        ("lbase", 1.1764625659516814, 0.030861419384608953),
    ];
    for (name, estimate, se) in r {
        let f = fit.fixed_effect(name).unwrap_or_else(|| panic!("{name}"));
        assert_close_or_within(name, f.estimate, estimate, 1e-7, 1e-7 * SMALL);
        assert_close_or_within(name, f.se, se, 1e-6, 1e-6 * SMALL);
    }
    assert_close_or_within(
        "logLik",
        fit.log_likelihood,
        -874.1173429050973,
        1e-9,
        1e-9 * SMALL,
    );
}

/// nlme 3.1-162 on R 4.2.2: f$ARMCD <- relevel(factor(f$ARMCD), ref = "TRT"); gls(FEV1 ~ ARMCD *
/// AVISIT, correlation = corSymm(form = ~ as.integer(AVISIT) | USUBJID), weights =
/// varIdent(form = ~ 1 | AVISIT), method = "REML") on tests/data/fev_data.csv.
#[test]
fn mmrm_with_trt_as_reference_is_glss() {
    let options = trialstats::mmrm::MmrmOptions {
        reml: true,
        ddf: trialstats::lmm::inference::Ddf::Satterthwaite,
        level: trialstats::level::ConfidenceLevel::NINETY_FIVE,
    };
    let model = trialstats::mmrm::fit_csv_with_references(
        Path::new("tests/data/fev_data.csv"),
        "FEV1 ~ ARMCD * AVISIT + us(AVISIT | USUBJID)",
        None,
        options,
        &references("ARMCD=TRT"),
    )
    .unwrap();
    let fixed = &model.fit.fixed;
    let gls = [
        ("(Intercept)", 37.170183954521079, 0.79549755372097841),
        ("ARMCDPBO", -4.4652038961799718, 1.114506941487746),
        (
            "ARMCDPBO:AVISITVIS4",
            -0.50296505221716248,
            1.8578164175415501,
        ),
    ];
    for (name, estimate, se) in gls {
        let f = fixed
            .iter()
            .find(|f| f.term == name)
            .unwrap_or_else(|| panic!("{name}"));
        // gls stops at its own tolerance: 1e-5 relative.
        assert_close_or_within(name, f.estimate, estimate, 1e-5, 1e-5 * SMALL);
        assert_close_or_within(name, f.se, se, 1e-5, 1e-5 * SMALL);
    }
    assert_eq!(
        model.fit.reference_levels,
        [
            ("ARMCD".to_string(), "TRT".to_string()),
            ("AVISIT".to_string(), "VIS1".to_string())
        ]
    );
}

#[test]
fn the_commands_take_and_name_the_reference_and_refuse_bad_ones() {
    let lmm = |extra: &[&str]| {
        let mut c = Command::cargo_bin("trialstats").unwrap();
        c.args([
            "lmm",
            "tests/data/trial_arms.csv",
            "--formula",
            "alsfrs ~ month * arm + (1 | patient)",
        ])
        .args(extra);
        c
    };
    lmm(&["--reference", "arm=placebo"])
        .assert()
        .success()
        .stdout(contains("reference levels: arm = placebo"))
        .stdout(contains("armhigh"));
    for (bad, says) in [
        ("arm=drug", "its levels are high, low, placebo"),
        ("dose=1", "not a variable of the model"),
        ("month=2", "numeric"),
        ("arm", "VAR=LEVEL"),
    ] {
        lmm(&["--reference", bad])
            .assert()
            .code(2)
            .stderr(contains("--reference"))
            .stderr(contains(says));
    }
    Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "glmm",
            "tests/data/epil.csv",
            "--family",
            "poisson",
            "--formula",
            "y ~ trt + lbase",
            "--reference",
            "trt=progabide",
        ])
        .assert()
        .success()
        .stdout(contains("reference levels: trt = progabide"))
        .stdout(contains("trtplacebo"));
}
