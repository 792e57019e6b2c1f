//! Mantel–Haenszel and Peto models of 2×2 tables (`trialstats meta mh`, `meta peto`) against
//! metafor 3.8-1's `rma.mh` and `rma.peto` (issue 23, item 9). Reference values:
//! `Rscript benches/meta_tables_reference.R mh|peto` (R 4.2.2), every number with its R call.
//! The data sets: dat.bcg (tests/data/bcg_raw.csv; metafor's
//! tests/testthat/test_misc_metan_vs_rma.mh_with_dat.bcg.r and ..._rma.peto_with_dat.bcg.r),
//! Rothman et al. 2008 Table 15-1 (tests/data/tables/rothman2008.csv;
//! test_analysis_example_rothman2008.r) and Yusuf et al. 1985 Table 6 with its three tables of
//! no events in either group (tests/data/tables/yusuf1985_table6.csv, dat.yusuf1985 without
//! the row of NAs, which metafor omits; test_analysis_example_yusuf1985.r).

use crate::common::assert_close as close;
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use trialstats::effect::MeasureCode;
use trialstats::level::ConfidenceLevel;
use trialstats::meta::models::{Tables, TablesFit, mantel_haenszel, peto};

const BCG: &str = "tests/data/bcg_raw.csv";
const ROTHMAN: &str = "tests/data/tables/rothman2008.csv";
const YUSUF: &str = "tests/data/tables/yusuf1985_table6.csv";

fn tables(path: &str, label: Option<&str>) -> Tables {
    Tables::read_csv(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path), label).unwrap()
}

/// Compare with metafor's `beta, se, zval, pval, ci.lb, ci.ub, QE, QEp, I2, H2, k, k.yi`,
/// fit.stats (ML ll, dev, AIC, BIC, AICc, then REML) and, for the OR, `CO, COp, MH, MHp, BD,
/// BDp, TA, TAp, k.pos`.
fn check(fit: &TablesFit, want: &[f64]) {
    let t = fit.pooled.unwrap();
    let h = fit.heterogeneity;
    let s = fit.fit_statistics.unwrap();
    let mut got = vec![
        t.estimate,
        t.se,
        t.statistic,
        t.p,
        t.ci_lower,
        t.ci_upper,
        h.q,
        h.q_p,
        h.i2,
        h.h2,
        fit.k as f64,
        fit.k_yi as f64,
    ];
    for c in [s.ml, s.reml] {
        got.extend([c.log_likelihood, c.deviance, c.aic, c.bic, c.aicc]);
    }
    if let Some(o) = &fit.odds_ratio_tests {
        got.extend([
            o.cochran.unwrap(),
            o.cochran_p.unwrap(),
            o.cmh.unwrap(),
            o.cmh_p.unwrap(),
            o.breslow_day.unwrap(),
            o.breslow_day_p.unwrap(),
            o.tarone.unwrap(),
            o.tarone_p.unwrap(),
            o.k_pos as f64,
        ]);
    }
    assert_eq!(got.len(), want.len());
    let names = [
        "beta",
        "se",
        "zval",
        "pval",
        "ci.lb",
        "ci.ub",
        "QE",
        "QEp",
        "I2",
        "H2",
        "k",
        "k.yi",
        "ll.ML",
        "dev.ML",
        "AIC.ML",
        "BIC.ML",
        "AICc.ML",
        "ll.REML",
        "dev.REML",
        "AIC.REML",
        "BIC.REML",
        "AICc.REML",
        "CO",
        "COp",
        "MH",
        "MHp",
        "BD",
        "BDp",
        "TA",
        "TAp",
        "k.pos",
    ];
    for ((g, w), name) in got.iter().zip(want).zip(names) {
        // Closed forms on both sides: agreement to rounding, except a deviance that is a
        // difference of two log-likelihoods (1e-12 of them).
        close(name, *g, *w, 1e-11);
    }
}

fn level(x: f64) -> ConfidenceLevel {
    ConfidenceLevel::new(x).unwrap()
}

#[test]
fn mantel_haenszel_matches_metafor_rma_mh() {
    let bcg = tables(BCG, None);
    let rothman = tables(ROTHMAN, Some("age"));
    let yusuf = tables(YUSUF, None);
    let (or, rr, rd) = (MeasureCode::OR, MeasureCode::RR, MeasureCode::RD);
    let l95 = level(0.95);
    let l90 = level(0.90);
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = bcg, measure = "OR")
    check(
        &mantel_haenszel::fit(&bcg, or, l95, true).unwrap(),
        &[
            -0.47341098838858547,
            0.041007778404231442,
            -11.544419298260156,
            7.8771673254443934e-31,
            -0.55378475714687847,
            -0.39303721963029248,
            163.94257956919316,
            8.2494525510016288e-29,
            92.680364044817708,
            13.661881630766096,
            13.0,
            13.0,
            -76.417810345540062,
            163.94257956919313,
            154.83562069108012,
            155.40057004854165,
            155.1992570547165,
            -77.380182279700833,
            154.76036455940167,
            156.76036455940167,
            157.24527120918967,
            157.16036455940167,
            135.70871485512049,
            2.3105741427725491e-31,
            135.68894372390628,
            2.3336963318324819e-31,
            171.76536657939624,
            2.0782508136235079e-30,
            171.75667299387146,
            2.0867823945365198e-30,
            13.0,
        ],
    );
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = rothman, measure = "OR", level = 90, correct = FALSE)
    check(
        &mantel_haenszel::fit(&rothman, or, l90, false).unwrap(),
        &[
            0.33871867108844556,
            0.31115446711608924,
            1.0885868817113022,
            0.27633610427913013,
            -0.17308488268960653,
            0.85052222486649764,
            0.34742087042762937,
            0.55557675632379,
            0.0,
            0.34742087042762937,
            2.0,
            2.0,
            -0.47888113295849088,
            0.34742087042762937,
            2.9577622659169815,
            1.6509094464769269,
            6.9577622659169815,
            -0.378574824073867,
            0.757149648147734,
            2.7571496481477338,
            0.757149648147734,
            6.7571496481477338,
            1.197584190740397,
            0.2738050558706655,
            1.191400187276447,
            0.27504730378470571,
            0.34895704137591432,
            0.55470411819985088,
            0.34894486632950422,
            0.5547110241709966,
            2.0,
        ],
    );
    // rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf, measure = "OR")
    check(
        &mantel_haenszel::fit(&yusuf, or, l95, true).unwrap(),
        &[
            -0.068961741186328515,
            0.11918808417902023,
            -0.57859593650945962,
            0.56286184722271693,
            -0.30256609356353636,
            0.16464261119087931,
            9.4233180510787982,
            0.92603855121443368,
            0.0,
            0.5543128265340469,
            21.0,
            18.0,
            -12.094898499533318,
            9.4233180510787928,
            26.189796999066637,
            27.080168756962802,
            26.439796999066637,
            -11.847061057010885,
            23.69412211402177,
            25.69412211402177,
            26.527335458077985,
            25.960788780688436,
            0.2717320586175862,
            0.60217225230627258,
            0.27008407654426586,
            0.60327537862323566,
            10.928870540357599,
            0.86023763973766987,
            10.928846102779325,
            0.86023889359656369,
            18.0,
        ],
    );
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = bcg, measure = "RR")
    check(
        &mantel_haenszel::fit(&bcg, rr, l95, true).unwrap(),
        &[
            -0.45370960468375388,
            0.039337366871294382,
            -11.533807185626319,
            8.911379670741684e-31,
            -0.53080942699812994,
            -0.37660978236937781,
            152.56755358665728,
            1.7075875315151889e-26,
            92.134631697306418,
            12.713962798888106,
            13.0,
            13.0,
            -70.390842656572943,
            152.56755358665728,
            142.78168531314589,
            143.34663467060741,
            143.14532167678226,
            -71.395913571936134,
            142.79182714387227,
            144.79182714387227,
            145.27673379366027,
            145.19182714387227,
        ],
    );
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = rothman, measure = "RR", level = 90, correct = FALSE)
    check(
        &mantel_haenszel::fit(&rothman, rr, l90, false).unwrap(),
        &[
            0.28183148420493526,
            0.25898162801521779,
            1.0882296414801085,
            0.27649374221343509,
            -0.14415538594969285,
            0.70781835435956331,
            0.44721737783667148,
            0.50365934785723976,
            0.0,
            0.44721737783667148,
            2.0,
            2.0,
            -0.24462404256351,
            0.44721737783667126,
            2.48924808512702,
            1.1823952656869654,
            6.48924808512702,
            -0.32927866297452035,
            0.65855732594904071,
            2.6585573259490407,
            0.65855732594904071,
            6.6585573259490403,
        ],
    );
    // rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf, measure = "RR")
    check(
        &mantel_haenszel::fit(&yusuf, rr, l95, true).unwrap(),
        &[
            -0.058874506352520367,
            0.10144127552362421,
            -0.58038018596098329,
            0.56165826390643425,
            -0.25769575292462832,
            0.13994674021958758,
            9.2763357709742422,
            0.93119149919563315,
            0.0,
            0.54566681005730833,
            21.0,
            18.0,
            -9.828001734415432,
            9.2763357709742369,
            21.656003468830864,
            22.546375226727029,
            21.906003468830864,
            -9.7456744570595806,
            19.491348914119161,
            21.491348914119161,
            22.324562258175376,
            21.758015580785827,
        ],
    );
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = bcg, measure = "RD")
    check(
        &mantel_haenszel::fit(&bcg, rd, l95, true).unwrap(),
        &[
            -0.0032881818326129996,
            0.00028665674852737364,
            -11.470798610202621,
            1.8494453458278087e-30,
            -0.0038500187356520069,
            -0.0027263449295739923,
            386.77594183655981,
            2.3820625650550986e-75,
            96.897428536268464,
            32.231328486379986,
            13.0,
            13.0,
            -129.07756655344966,
            386.77594183655981,
            260.15513310689931,
            260.72008246436087,
            260.51876947053569,
            -135.27097878025319,
            270.54195756050638,
            272.54195756050638,
            273.02686421029438,
            272.94195756050635,
        ],
    );
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = rothman, measure = "RD", level = 90, correct = FALSE)
    check(
        &mantel_haenszel::fit(&rothman, rd, l90, false).unwrap(),
        &[
            0.034900269336918158,
            0.031902685887271846,
            1.0939602220401841,
            0.27397242447249298,
            -0.017574979254254497,
            0.087375517928090812,
            0.0017235339944441028,
            0.96688496265698642,
            0.0,
            0.0017235339944441028,
            2.0,
            2.0,
            4.4366649341746696,
            0.001723533994441695,
            -6.8733298683493391,
            -8.1801826877893937,
            -2.8733298683493391,
            2.1214234405403021,
            -4.2428468810806041,
            -2.2428468810806041,
            -4.2428468810806041,
            1.7571531189193959,
        ],
    );
    // rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf, measure = "RD")
    check(
        &mantel_haenszel::fit(&yusuf, rd, l95, true).unwrap(),
        &[
            -0.0054545951863566849,
            0.009436504186408257,
            -0.57803134281582136,
            0.56324295859638662,
            -0.023949803531678311,
            0.01304061315896494,
            10.350766814869166,
            0.88826030893985497,
            0.0,
            0.60886863616877451,
            21.0,
            18.0,
            34.224395175635337,
            10.350766814869147,
            -66.448790351270674,
            -65.558418593374512,
            -66.198790351270674,
            31.704792808626753,
            -63.409585617253505,
            -61.409585617253505,
            -60.576372273197286,
            -61.142918950586839,
        ],
    );
}

#[test]
fn mantel_haenszel_matches_metafor_test_suite() {
    // test_misc_metan_vs_rma.mh_with_dat.bcg.r lines 11-45 (Stata's metan, 4 decimals):
    // rma.mh(measure = "RR" / "OR" / "RD", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
    let bcg = tables(BCG, None);
    let l95 = level(0.95);
    let rr = mantel_haenszel::fit(&bcg, MeasureCode::RR, l95, true).unwrap();
    let t = rr.pooled.unwrap();
    for (g, w) in [
        (t.estimate, -0.4537),
        (t.ci_lower, -0.5308),
        (t.ci_upper, -0.3766),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
    assert!((t.statistic - -11.5338).abs() < 5e-5);
    assert!((rr.heterogeneity.q - 152.5676).abs() < 5e-5);
    let r = rr.ratio.unwrap();
    for (g, w) in [
        (r.estimate, 0.6353),
        (r.ci_lower, 0.5881),
        (r.ci_upper, 0.6862),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
    let or = mantel_haenszel::fit(&bcg, MeasureCode::OR, l95, true).unwrap();
    let t = or.pooled.unwrap();
    for (g, w) in [
        (t.estimate, -0.4734),
        (t.ci_lower, -0.5538),
        (t.ci_upper, -0.3930),
        (t.statistic, -11.5444),
        (or.heterogeneity.q, 163.9426),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
    let rd = mantel_haenszel::fit(&bcg, MeasureCode::RD, l95, true).unwrap();
    let t = rd.pooled.unwrap();
    for (g, w) in [
        (t.estimate, -0.0033),
        (t.ci_lower, -0.0039),
        (t.ci_upper, -0.0027),
        (t.statistic, -11.4708),
        (rd.heterogeneity.q, 386.7759),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
    // test_analysis_example_rothman2008.r lines 115-150 (Rothman et al. 2008, ch. 15), level 90:
    // the OR with correct = FALSE, its CMH (MH) and Tarone (TA) tests.
    let rothman = tables(ROTHMAN, Some("age"));
    let or = mantel_haenszel::fit(&rothman, MeasureCode::OR, level(0.90), false).unwrap();
    let t = or.pooled.unwrap();
    let o = or.odds_ratio_tests.unwrap();
    for (g, w) in [
        (t.estimate, 0.3387),
        (t.ci_lower, -0.1731),
        (t.ci_upper, 0.8505),
        (or.heterogeneity.q, 0.3474),
        (or.heterogeneity.q_p, 0.5556),
        (o.cochran.unwrap(), 1.1976),
        (o.cochran_p.unwrap(), 0.2738),
        (o.cmh.unwrap(), 1.1914),
        (o.cmh_p.unwrap(), 0.2750),
        (o.tarone.unwrap(), 0.3489),
        (o.tarone_p.unwrap(), 0.5547),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
    let r = or.ratio.unwrap();
    for (g, w) in [
        (r.estimate, 1.4031),
        (r.ci_lower, 0.8411),
        (r.ci_upper, 2.3409),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
}

#[test]
fn peto_matches_metafor_rma_peto() {
    // rma.peto(ai = ai, bi = bi, ci = ci, di = di, data = bcg)
    check(
        &peto::fit(&tables(BCG, None), level(0.95)).unwrap(),
        &[
            -0.47444631094063633,
            0.040659080744648281,
            -11.668889267819587,
            1.8380733863216688e-31,
            -0.55413664484465297,
            -0.39475597703661969,
            167.73016751148941,
            1.389754347184333e-29,
            92.845651931291371,
            13.977513959290784,
            13.0,
            13.0,
            -77.436922286990708,
            167.73016751148941,
            156.87384457398142,
            157.43879393144294,
            157.23748093761779,
            -78.438042154438861,
            156.87608430887772,
            158.87608430887772,
            159.36099095866572,
            159.27608430887773,
        ],
    );
    // rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf)
    let yusuf = peto::fit(&tables(YUSUF, None), level(0.95)).unwrap();
    check(
        &yusuf,
        &[
            -0.069167632236496149,
            0.11938080585426815,
            -0.57938654159305325,
            0.56232838311926359,
            -0.30314971215623016,
            0.16481444768323783,
            10.827484679374248,
            0.86539025929074342,
            0.0,
            0.63691086349260284,
            21.0,
            18.0,
            -11.861664565119483,
            10.091511177906478,
            25.723329130238966,
            26.613700888135131,
            25.973329130238966,
            -11.62455494799314,
            23.24910989598628,
            25.24910989598628,
            26.082323240042495,
            25.515776562652945,
        ],
    );
    // rma.peto(ai = ai, bi = bi, ci = ci, di = di, data = rothman, level = 90)
    check(
        &peto::fit(&tables(ROTHMAN, Some("age")), level(0.90)).unwrap(),
        &[
            0.33532910226742041,
            0.30721499831381727,
            1.0915127975779517,
            0.27504730378470577,
            -0.16999460196295246,
            0.84065280649779328,
            0.35141169907997138,
            0.55331508730314194,
            0.0,
            0.35141169907997138,
            2.0,
            2.0,
            -0.4441021140171838,
            0.35141169907997094,
            2.8882042280343674,
            1.5813514085943128,
            6.8882042280343674,
            -0.35879744679682057,
            0.71759489359364115,
            2.7175948935936409,
            0.71759489359364115,
            6.7175948935936409,
        ],
    );
    // test_analysis_example_yusuf1985.r lines 55-67: predict(rma.peto(...), transf = exp) =
    // .9332, .7385, 1.1792 (Yusuf et al. 1985, p. 107).
    let r = yusuf.ratio.unwrap();
    for (g, w) in [
        (r.estimate, 0.9332),
        (r.ci_lower, 0.7385),
        (r.ci_upper, 1.1792),
    ] {
        assert!((g - w).abs() < 5e-5, "{g} vs {w}");
    }
}

fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("trialstats")
        .unwrap()
        .arg("meta")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn tables_from_the_command_line() {
    let out = run(&["mh", BCG, "--measure", "OR", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["method"], "Mantel-Haenszel");
    // rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = bcg, measure = "OR"): beta, MH, TA
    close(
        "beta",
        j["estimate"].as_f64().unwrap(),
        -0.47341098838858547,
        1e-12,
    );
    close(
        "MH",
        j["odds_ratio_tests"]["cmh"].as_f64().unwrap(),
        135.68894372390628,
        1e-12,
    );
    close(
        "TA",
        j["odds_ratio_tests"]["tarone"].as_f64().unwrap(),
        171.75667299387146,
        1e-12,
    );
    let out = run(&["peto", YUSUF, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    // rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = yusuf): beta, QE
    close(
        "beta",
        j["estimate"].as_f64().unwrap(),
        -0.069167632236496149,
        1e-12,
    );
    close(
        "QE",
        j["heterogeneity"]["q"].as_f64().unwrap(),
        10.827484679374248,
        1e-12,
    );
    assert_eq!(j["k_yi"], 18);
    let out = run(&["mh", ROTHMAN, "--label", "age", "--measure", "RD"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Mantel-Haenszel"), "{text}");
}

#[test]
fn bad_tables_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let cases = [
        (
            write("neg.csv", "ai,bi,ci,di\n1,2,3,4\n1,-2,3,4\n"),
            "neg.csv:3: column bi",
        ),
        (write("frac.csv", "ai,bi,ci,di\n1.5,2,3,4\n"), "not a count"),
        (
            write("n.csv", "ai,n1i,ci,n2i\n5,4,3,4\n"),
            "smaller than its 5 events",
        ),
        (
            write("missing.csv", "ai,bi,ci\n1,2,3\n"),
            "missing column di (or n2i)",
        ),
        (
            write("na.csv", "ai,bi,ci,di\nNA,2,3,4\n"),
            "the cell is missing",
        ),
        (write("empty.csv", "ai,bi,ci,di\n0,0,3,4\n"), "no one in it"),
    ];
    for (file, message) in &cases {
        let out = run(&["mh", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{file}: {err}");
    }
    let out = run(&["mh", BCG, "--measure", "SMD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OR, RR or RD"));
    // Peto with no events anywhere: refused, as metafor.
    let none = write("none.csv", "ai,bi,ci,di\n0,5,0,6\n0,7,0,8\n");
    let out = run(&["peto", &none]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never occurs"));
    // MH OR with no events anywhere: not estimable, said so, no NaN in the JSON.
    let out = run(&["mh", &none, "--format", "json"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("NaN"), "{text}");
}

const NIELWEISE: &str = "tests/data/tables/nielweise2007.csv";

/// `rma.glmm(measure = "OR", model = "UM.FS")` (metafor 3.8-1, lme4 1.1-31, glmer with bobyqa
/// to rhoend = 1e-10; `Rscript benches/meta_tables_reference.R glmm`): beta, se, zval, pval,
/// ci.lb, ci.ub, tau2, QE.Wld, QEp.Wld, QE.LRT, QEp.LRT, k.
fn check_glmm(fit: &trialstats::meta::models::binomial_normal::BinomialNormalFit, want: &[f64]) {
    let t = fit.pooled;
    // β to 2e-6 (on dat.bcg the likelihood is flat enough that the two optima are 1.1e-6
    // apart with log-likelihoods within 2e-8, the quadrature's own error); its SE and what follows from it to 1e-4
    // (1e-5 on Nielweise, 6e-5 on dat.bcg), as both sides difference the deviance numerically
    // for the Hessian (lme4's vcov(use.hessian = TRUE)); τ² to 1e-5.
    close("beta", t.estimate, want[0], 2e-6);
    close("se", t.se, want[1], 1e-4);
    close("zval", t.statistic, want[2], 1e-4);
    close("pval", t.p, want[3], 2e-3); // z² times the SE's 1e-4
    close("ci.lb", t.ci_lower, want[4], 1e-4);
    close("ci.ub", t.ci_upper, want[5], 1e-4);
    if want[6] == 0.0 {
        assert_eq!(fit.tau2, 0.0);
    } else {
        close("tau2", fit.tau2, want[6], 1e-5);
    }
    match fit.qe_wald {
        Some(q) => {
            close("QE.Wld", q, want[7], 1e-9);
            close("QEp.Wld", fit.qe_wald_p.unwrap(), want[8], 1e-8);
        }
        // a zero cell: metafor's saturated glm stops at a finite value of an infinite
        // estimate; not reported here (see binomial_normal's module doc).
        None => assert!(fit.k_dropped > 0 || want[7].is_finite()),
    }
    close("QE.LRT", fit.qe_lrt, want[9], 1e-9);
    close("QEp.LRT", fit.qe_lrt_p, want[10], 1e-8);
    assert_eq!(fit.k as f64, want[11]);
}

#[test]
fn binomial_normal_glmm_matches_metafor_rma_glmm() {
    use trialstats::meta::models::binomial_normal::{Estimation, fit};
    let niel = tables(NIELWEISE, None);
    let bcg = tables(BCG, None);
    let l95 = level(0.95);
    // rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = niel, model = "UM.FS", method = "ML", control = list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-10, maxfun = 1e5))))
    let f = fit(&niel, Estimation::RandomEffects, l95).unwrap();
    check_glmm(
        &f,
        &[
            -1.2364935209001287,
            0.28033754298874691,
            -4.4107311055007816,
            1.0302218646160202e-05,
            -1.7859450086725217,
            -0.6870420331277356,
            0.31951300238006158,
            11.938254902987939,
            0.74821915209464884,
            28.735906099970691,
            0.025778912880209157,
            17.0,
        ],
    );
    // Nielweise 2007 has trials with 0 and 1 events and one with none in either arm (left out).
    assert_eq!(f.k_dropped, 1);
    assert!(f.qe_wald.is_none());
    // The marginal log-likelihood at lme4's estimates by R's integrate(rel.tol = 1e-12), per
    // study ∫ dbinom(ai; n1i, plogis(αᵢ + β + u/2)) dbinom(ci; n2i, plogis(αᵢ − u/2))
    // dnorm(u, 0, τ) du (lme4's logLik with nAGQ > 1 leaves out the binomial coefficients:
    // -13.669382379421815; metafor's logLik, ll.QE − deviance/2: -49.51835876926696).
    // 7-node quadrature against the exact integral: 6e-8 apart.
    close("logLik", f.log_likelihood, -55.301120225954421, 1e-8);
    // rma.glmm(..., data = niel, model = "UM.FS", method = "EE", control = ...)
    let f = fit(&niel, Estimation::FixedEffect, l95).unwrap();
    check_glmm(
        &f,
        &[
            -1.2286277232991647,
            0.22443837621594681,
            -5.4742319206454324,
            4.3941328179621868e-08,
            -1.6685188574310714,
            -0.78873658916725797,
            0.0,
            11.938254902987939,
            0.74821915209464884,
            28.735906099970691,
            0.025778912880209157,
            17.0,
        ],
    );
    // logLik(res) of the fixed-effect fit (the glm's)
    close("logLik", f.log_likelihood, -55.999690960750215, 1e-9);
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, data = bcg, model = "UM.FS", method = "ML", control = ...)
    check_glmm(
        &fit(&bcg, Estimation::RandomEffects, l95).unwrap(),
        &[
            -0.74500234680613731,
            0.17555520316953541,
            -4.2436927721628459,
            2.1987132455534386e-05,
            -1.0890842223170387,
            -0.400920471295236,
            0.29488627441025328,
            163.16491518506965,
            1.1887725887263438e-28,
            176.95444818836162,
            1.7979002607688559e-31,
            13.0,
        ],
    );
    // rma.glmm(..., data = bcg, model = "UM.FS", method = "EE", control = ...)
    let f = fit(&bcg, Estimation::FixedEffect, l95).unwrap();
    check_glmm(
        &f,
        &[
            -0.47725542790787673,
            0.041231887322970333,
            -11.5749110432303,
            5.5228515251759947e-31,
            -0.55806844207551221,
            -0.39644241374024125,
            0.0,
            163.16491518506965,
            1.1887725887263438e-28,
            176.95444818836162,
            1.7979002607688559e-31,
            13.0,
        ],
    );
    close("logLik", f.log_likelihood, -157.64816844291502, 1e-9);
    // metafor's test suite, test_misc_rma_glmm.r lines 12-21 (4 decimals, metafor's default
    // glmer settings): EE -1.2286, tau2 0; ML -1.2370 with tau2 0.3198 (glmer's default
    // optimiser stops short of the optimum, -1.23649 with τ² 0.31951 at rhoend = 1e-10).
    let ee = fit(&niel, Estimation::FixedEffect, l95).unwrap();
    assert!((ee.pooled.estimate - -1.2286).abs() < 5e-5);
    let ml = fit(&niel, Estimation::RandomEffects, l95).unwrap();
    assert!((ml.tau2 - 0.3198).abs() < 5e-4);
}

#[test]
fn binomial_normal_glmm_from_the_command_line() {
    let out = run(&["glmm", NIELWEISE, "--model", "UM.FS", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    close(
        "beta",
        j["estimate"].as_f64().unwrap(),
        -1.2364935209001287,
        1e-7,
    );
    close(
        "tau2",
        j["tau2"].as_f64().unwrap(),
        0.31951300238006158,
        1e-5,
    );
    assert_eq!(j["qe_wald"], Value::Null);
    let out = run(&[
        "glmm", NIELWEISE, "--model", "CM.EL", "--method", "EE", "--format", "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["model"], "CM.EL");
    // rma.glmm(..., data = niel, model = "CM.EL", method = "EE"): beta
    close(
        "beta",
        j["estimate"].as_f64().unwrap(),
        -1.223559175749521,
        1e-6,
    );
    for (args, message) in [
        (vec!["glmm", NIELWEISE, "--model", "CM.AL"], "not available"),
        (vec!["glmm", NIELWEISE, "--measure", "RR"], "odds ratio"),
        (vec!["glmm", NIELWEISE, "--method", "REML"], "ML or EE"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(message),
            "{args:?}"
        );
    }
}

/// `rma.glmm(measure = "OR", model = "CM.EL")` (metafor 3.8-1, BiasedUrn 2.0.9; `Rscript
/// benches/meta_tables_reference.R cmel`): beta, se, zval, pval, ci.lb, ci.ub, tau2, QE.LRT,
/// QEp.LRT, k, logLik. β agrees to 1e-6 and τ² to 1e-5 (both optimised on a numerically
/// integrated likelihood); the SE to 1e-4 for the fixed-effect model (ours is the exact
/// 1/√ΣVar, metafor's a numDeriv Hessian) and 5e-4 for the random-effects one (both
/// numerical Hessians; ours is unchanged when its step grows tenfold); QE.LRT to 1e-9.
fn check_conditional(
    fit: &trialstats::meta::models::binomial_normal::BinomialNormalFit,
    want: &[f64],
    se_rel: f64,
) {
    let t = fit.pooled;
    close("beta", t.estimate, want[0], 1e-6);
    close("se", t.se, want[1], se_rel);
    close("zval", t.statistic, want[2], se_rel);
    // The bounds move by 1.96 times the SE's error.
    for (name, got, w) in [
        ("ci.lb", t.ci_lower, want[4]),
        ("ci.ub", t.ci_upper, want[5]),
    ] {
        assert!(
            (got - w).abs() <= 2.0 * se_rel * want[1],
            "{name}: {got} vs {w}"
        );
    }
    if want[6] == 0.0 {
        assert_eq!(fit.tau2, 0.0);
    } else {
        close("tau2", fit.tau2, want[6], 1e-5);
    }
    close("QE.LRT", fit.qe_lrt, want[7], 1e-9);
    close("QEp.LRT", fit.qe_lrt_p, want[8], 1e-8);
    assert_eq!(fit.k as f64, want[9]);
    close("logLik", fit.log_likelihood, want[10], 1e-7);
}

#[test]
fn conditional_model_matches_metafor_rma_glmm_cm_el() {
    use trialstats::meta::models::binomial_normal::Estimation;
    use trialstats::meta::models::conditional_binomial_normal::fit;
    let l95 = level(0.95);
    let rothman = tables(ROTHMAN, Some("age"));
    let niel = tables(NIELWEISE, None);
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, data = rothman, model = "CM.EL", method = "EE", control = list(optCtrl = list(reltol = 1e-14), dnchgprec = 1e-12))
    let f = fit(&rothman, Estimation::FixedEffect, l95).unwrap();
    check_conditional(
        &f,
        &[
            0.33806049110559316,
            0.31064182005380192,
            1.0882645841021741,
            0.27647832052120258,
            -0.27078628829183088,
            0.94690727050301726,
            0.0,
            0.35021541728791838,
            0.5539912129012311,
            2.0,
            -3.5735661103888132,
        ],
        1e-4,
    );
    // test_analysis_example_rothman2008.r lines 152-166 (published, 4 decimals): coef 0.3381,
    // QE.LRT 0.3502, QEp.LRT 0.5540, predict(transf = exp) 1.4022. (Its CI, -0.2699 to
    // 0.9461, is narrower than metafor 3.8-1's own -0.2708 to 0.9469, which ours matches.)
    assert!((f.pooled.estimate - 0.3381).abs() < 5e-5);
    assert!((f.qe_lrt - 0.3502).abs() < 5e-5);
    assert!((f.qe_lrt_p - 0.5540).abs() < 5e-5);
    assert!((f.ratio.unwrap().estimate - 1.4022).abs() < 5e-5);
    // rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = niel, model = "CM.EL", method = "EE", control = ...)
    let f = fit(&niel, Estimation::FixedEffect, l95).unwrap();
    check_conditional(
        &f,
        &[
            -1.223559175749521,
            0.22403966772651718,
            -5.4613506088712223,
            4.7252578578784307e-08,
            -1.6626688556018152,
            -0.78444949589722668,
            0.0,
            28.609267714412979,
            0.026707892951515353,
            17.0,
            -26.674460305430891,
        ],
        1e-4,
    );
    // test_misc_rma_glmm.r lines 86-98 (published): coef -1.2236, vcov 0.0502.
    assert!((f.pooled.estimate - -1.2236).abs() < 5e-5);
    assert!((f.pooled.se.powi(2) - 0.0502).abs() < 5e-5);
    // rma.glmm(..., data = niel, model = "CM.EL", method = "ML", control = ...)
    let f = fit(&niel, Estimation::RandomEffects, l95).unwrap();
    check_conditional(
        &f,
        &[
            -1.3531582826974595,
            0.35096130116600649,
            -3.855576891816368,
            0.00011545703220332584,
            -2.0410297929501473,
            -0.66528677244477163,
            0.69345926526491042,
            28.609267714412979,
            0.026707892951515353,
            17.0,
            -24.944457610754707,
        ],
        5e-4,
    );
    assert_eq!(f.k_dropped, 1);
}
