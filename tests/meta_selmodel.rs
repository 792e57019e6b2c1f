//! Selection models other than the plain step function (`meta --selmodel TYPE`), from the
//! command line with `--format json`, against the published numbers of metafor's
//! tests/testthat/test_misc_selmodel.r and against metafor 3.8-1 run with tight tolerances
//! (`benches/selmodel_reference.R`); and the refusals of bad options.

use crate::common::assert_close;
use assert_cmd::Command;
use serde_json::Value;

/// `trialstats meta ARGS`, run in the project folder.
pub(crate) fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("trialstats")
        .unwrap()
        .arg("meta")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// `trialstats meta BASE EXTRA` exits 2 with `message` in its stderr.
#[track_caller]
pub(crate) fn assert_refused(base: &[&str], extra: &[&str], message: &str) {
    let mut args = base.to_vec();
    args.extend(extra);
    let out = run(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
    assert!(err.contains(message), "{extra:?}: {err}");
}

/// The `selmodel` object of `trialstats meta ARGS --format json`.
pub(crate) fn selmodel(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    j["selmodel"].clone()
}

fn deltas(s: &Value) -> Vec<f64> {
    s["delta"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_f64().unwrap())
        .collect()
}

const HACK: [&str; 7] = [
    "tests/data/hackshaw1998.csv",
    "--yi",
    "yi",
    "--vi",
    "vi",
    "--method",
    "ML",
];

/// The beta selection function on Baskerville et al. (2012), test_misc_selmodel.r lines
/// 70-85: `res <- rma(yi, sei^2, method = "ML"); sav <- selmodel(res, type = "beta")`,
/// δ = 0.4731131, 4.4613162, se 0.2352481, 2.1841983, LRT 7.846907 on 2 df, τ² 0.00000243.
/// The published numbers come from metafor's defaults (R's `integrate` to a relative
/// 1.2e-4 per study, optim's BFGS to reltol 1e-8): our maximum is higher (log-likelihood
/// −2.7922898 against 3.8-1's −2.7925423 with those defaults), τ² sits on its boundary 0
/// rather than at 2.4e-6 where the likelihood is flat, so the δ agree to 4e-5, the LRT to
/// 3e-5 and the SEs to 2e-3. With δ fixed at (1, 1) the model is the one without selection
/// (line 67: equal log-likelihoods).
#[test]
fn beta_selection_function_matches_metafor_test_suite() {
    let bask = [
        "tests/data/baskerville2012.csv",
        "--yi",
        "yi",
        "--sei",
        "sei",
        "--method",
        "ML",
        "--selmodel",
        "beta",
    ];
    let s = selmodel(&bask);
    assert_eq!(s["type"], "beta");
    let d = deltas(&s);
    assert_close("delta 1", d[0], 0.4731131, 1e-4);
    assert_close("delta 2", d[1], 4.4613162, 1e-4);
    assert_close("se delta 1", &s["delta_tests"][0]["se"], 0.2352481, 3e-3);
    assert_close("se delta 2", &s["delta_tests"][1]["se"], 2.1841983, 3e-3);
    assert_close("LRT", &s["lrt"], 7.846907, 1e-4);
    assert_eq!(s["lrt_df"], 2);
    assert!(s["tau2"].as_f64().unwrap() < 1e-5);
    // rma(yi, sei^2, method = "ML") log-likelihood (metafor 3.8-1: logLik(res) = -6.7158)
    let mut fixed = bask.to_vec();
    fixed.extend(["--selmodel-delta", "1,1"]);
    let f = selmodel(&fixed);
    let mut none = bask[..7].to_vec();
    none.extend(["--format", "json"]);
    let out = run(&none);
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_close(
        "fixed delta = no selection",
        &f["log_likelihood"],
        j["fit_statistics"]["log_likelihood"]
            .as_f64()
            .unwrap_or(f64::NAN),
        1e-10,
    );
    assert_eq!(f["lrt_df"], 0);
    assert!(f.get("lrt_p").is_none());
}

/// The half-normal, negative-exponential, logistic and power functions on Preston et al.
/// (2004), test_misc_selmodel.r lines 100-116: the odds ratios of `escalc(measure = "OR",
/// ..., drop00 = TRUE)` (tests/data/preston2004.csv, written by R with 17 digits), `rma(yi,
/// vi, method = "EE")`, `selmodel(res, type = T, alternative = "less")`: δ = 3.162948,
/// 2.656714, 3.339338, 1.458923, se 2.988922, 2.347468, 2.388776, 1.393725. A fixed-effect
/// model has one parameter besides δ; the δ agree to 3e-6 and the SEs to 3e-5 (the published values carry
/// metafor's default integration and optim tolerances).
#[test]
fn decaying_selection_functions_match_metafor_test_suite() {
    for (kind, delta, se, se_tol) in [
        ("halfnorm", 3.162948, 2.988922, 1e-5),
        ("negexp", 2.656714, 2.347468, 5e-5),
        ("logistic", 3.339338, 2.388776, 1e-5),
        // metafor's published SE comes from numDeriv's second differences over R's
        // integrate at its default relative tolerance 1.2e-4; with intCtrl = list(rel.tol =
        // 1e-12, subdivisions = 1000L) metafor 3.8-1 gives δ = 1.45892257866311, se =
        // 1.35370579966548, which ours matches to 1e-6 (checked below).
        ("power", 1.458923, 1.393725, 3e-2),
    ] {
        let s = selmodel(&[
            "tests/data/preston2004.csv",
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--method",
            "FE",
            "--selmodel",
            kind,
            "--selmodel-alternative",
            "less",
        ]);
        assert_eq!(s["type"], kind);
        assert_eq!(s["alternative"], "less");
        assert_close(kind, &s["delta"][0], delta, 1e-5);
        if kind == "power" {
            assert_close("power, tight", &s["delta"][0], 1.45892257866311, 1e-6);
            assert_close(
                "power se, tight",
                &s["delta_tests"][0]["se"],
                1.35370579966548,
                1e-6,
            );
        }
        assert_close(kind, &s["delta_tests"][0]["se"], se, se_tol);
        assert_eq!(s["tau2"], 0.0);
        assert_eq!(s["delta_tests"][0]["null"], 0.0);
    }
}

/// Hackshaw et al. (1998), ML, against metafor 3.8-1 with tight tolerances
/// (`Rscript benches/selmodel_reference.R`):
/// `res <- rma(yi, vi, data = dat, method = "ML", control = list(threshold = 1e-12));
/// sav <- selmodel(res, type = T, control = list(optimizer = "nlminb", rel.tol = 1e-12,
/// eval.max = 10000, iter.max = 10000, intCtrl = list(rel.tol = 1e-12, subdivisions =
/// 1000L))); c(sav$beta, sav$se, sav$tau2, sav$se.tau2, sav$delta, sav$se.delta, sav$ll,
/// sav$LRT)`. Both sides reach the same maximum (log-likelihoods within 2e-10, ours never
/// lower); the logistic one is flat in δ there, so its δ agrees to 3e-6 and the pooled
/// estimate to 3e-5; 1e-5 elsewhere, the SEs (numerical Hessians on both sides) to 1e-5.
#[test]
fn decaying_selection_functions_match_metafor_on_hackshaw() {
    #[rustfmt::skip]
    let cases: [(&str, [f64; 8], f64); 3] = [
        ("negexp", [0.0048858033624710343, 0.1557623005221452084, 0.0262171743493671040, 0.0224303143488294270, 2.7767997343058210546, 1.5416193289600388372, -8.0847511989696876356, 4.1277024142229237214], 1e-5),
        ("logistic", [0.032387543963336797, 0.150136777924415599, 0.029190440021934605, 0.025167547868021532, 3.196870198714660383, 1.539474475682272692, -8.304253153591785619, 3.688698504978727755], 3e-5),
        ("power", [0.113467248617846614, 0.118926499975237937, 0.031851424265129658, 0.028655699211834969, 0.636846749494981101, 0.520442979087642810, -9.151541023525851415, 1.994122765110596163], 1e-5),
    ];
    for (kind, want, tol) in cases {
        let mut args = HACK.to_vec();
        args.extend(["--selmodel", kind]);
        let s = selmodel(&args);
        let got = [
            &s["estimate"],
            &s["se"],
            &s["tau2"],
            &s["tau2_se"],
            &s["delta"][0],
            &s["delta_tests"][0]["se"],
        ];
        for (i, g) in got.iter().enumerate() {
            // the negexp estimate is 0.005: compared to 1e-7 absolute
            let rel = if i == 0 {
                tol.max(1e-7 / want[0].abs())
            } else {
                tol
            };
            assert_close(&format!("{kind} [{i}]"), *g, want[i], rel);
        }
        let ll = s["log_likelihood"].as_f64().unwrap();
        assert!(
            ll >= want[6] - 1e-12 && ll - want[6] < 1e-9,
            "{kind} ll {ll}"
        );
        assert_close(&format!("{kind} LRT"), &s["lrt"], want[7], 1e-8);
    }
}

/// The step function with δ ≤ 1 (`control = list(delta.max = 1)`) and with `decreasing =
/// TRUE` on Hackshaw (REML input refitted by ML), test_misc_selmodel.r lines 39-45:
/// δ = (1, 0.999950, 0.442783, 0.148181) and (1, 0.999966, 0.442781, 0.148179). metafor's
/// search maps δ into its limits by a logistic function and so stops short of the bound
/// δ₂ = 1 by 3e-5 to 5e-5 (ours: 1 with `decreasing`, 1 − 2e-8 with the limit); the other δ
/// agree to 5e-5 (metafor's optim default reltol 1e-8).
#[test]
fn step_function_with_an_upper_limit_or_decreasing_matches_metafor_test_suite() {
    let base = [
        "tests/data/hackshaw1998.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--selmodel",
        "0.05,0.10,0.50",
    ];
    for (extra, want) in [
        (
            &["--selmodel-delta-max", "1"][..],
            [1.0, 0.999950, 0.442783, 0.148181],
        ),
        (
            &["--selmodel-decreasing"][..],
            [1.0, 0.999966, 0.442781, 0.148179],
        ),
    ] {
        let mut args = base.to_vec();
        args.extend(extra);
        let s = selmodel(&args);
        for (j, (g, w)) in deltas(&s).iter().zip(want).enumerate() {
            assert_close(&format!("{extra:?} delta {}", j + 1), *g, w, 1e-4);
        }
        let d = deltas(&s);
        assert!(d.windows(2).all(|p| p[1] <= p[0] + 1e-12), "{d:?}");
    }
}

#[test]
fn bad_selection_options_are_refused() {
    for (extra, message) in [
        (&["--selmodel", "gamma"][..], "not a selection function"),
        (&["--selmodel", "0.025,1.5"][..], "cut point"),
        (
            &["--selmodel", "beta", "--selmodel-steps", "0.05"][..],
            "no cut points",
        ),
        (
            &["--selmodel", "halfnorm", "--selmodel-steps", "0.05,0.5"][..],
            "one threshold",
        ),
        (&["--selmodel", "stepfun"][..], "needs its cut points"),
        (
            &["--selmodel", "beta", "--selmodel-decreasing"][..],
            "step function",
        ),
        (
            &["--selmodel", "beta", "--selmodel-delta", "1,2,3"][..],
            "2 parameters",
        ),
        (
            &["--selmodel", "beta", "--selmodel-delta", "0,NA"][..],
            "parameter space",
        ),
        (
            &[
                "--selmodel",
                "negexp",
                "--selmodel-delta-min",
                "5",
                "--selmodel-delta-max",
                "1",
            ][..],
            "limits",
        ),
        (
            &["--selmodel", "power", "--selmodel-alternative", "up"][..],
            "greater, less, two.sided",
        ),
    ] {
        assert_refused(
            &["tests/data/hackshaw1998.csv", "--yi", "yi", "--vi", "vi"],
            extra,
            message,
        );
    }
    // k too small: three studies cannot carry μ, τ² and two δ
    let file = std::env::temp_dir().join(format!("selmodel_three_{}.csv", std::process::id()));
    std::fs::write(&file, "yi,vi\n0.1,0.01\n0.5,0.02\n-0.2,0.03\n").unwrap();
    let out = run(&[
        file.to_str().unwrap(),
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--selmodel",
        "beta",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("too few"), "{err}");
    let _ = std::fs::remove_file(file);
}

/// One selection model with moderators against metafor: the log-likelihood (ours never more
/// than `ll_slack` below, and within 1e-8 relative), each coefficient and its SE, τ² and its
/// SE, the free δ and their SEs, the LRT and QM, all to `rel`.
struct ModeratorCase {
    args: Vec<&'static str>,
    ll: f64,
    beta: &'static [f64],
    se: &'static [f64],
    tau2: f64,
    se_tau2: Option<f64>,
    delta: &'static [f64],
    se_delta: &'static [f64],
    lrt: f64,
    qm: f64,
    qm_p: f64,
}

fn check_moderator_case(c: &ModeratorCase, rel: f64) {
    let s = selmodel(&c.args);
    let what = c.args.join(" ");
    let ll = s["log_likelihood"].as_f64().unwrap();
    assert!(
        ll >= c.ll - 1e-10,
        "{what}: log-likelihood {ll} below metafor's {}",
        c.ll
    );
    assert_close(&format!("{what}: ll"), &s["log_likelihood"], c.ll, 1e-8);
    let coefficients = s["coefficients"].as_array().unwrap();
    assert_eq!(coefficients.len(), c.beta.len(), "{what}");
    for (j, coefficient) in coefficients.iter().enumerate() {
        assert_close(
            &format!("{what}: beta {j}"),
            &coefficient["estimate"],
            c.beta[j],
            rel,
        );
        assert_close(&format!("{what}: se {j}"), &coefficient["se"], c.se[j], rel);
    }
    // The flattened estimate is the intercept's.
    assert_eq!(s["estimate"], coefficients[0]["estimate"]);
    if c.tau2 == 0.0 {
        assert_eq!(s["tau2"], 0.0, "{what}");
    } else {
        assert_close(&format!("{what}: tau2"), &s["tau2"], c.tau2, rel);
    }
    match c.se_tau2 {
        Some(se) => assert_close(&format!("{what}: se tau2"), &s["tau2_se"], se, rel),
        None => assert!(s["tau2_se"].is_null(), "{what}"),
    }
    let d = deltas(&s);
    for (j, want) in c.delta.iter().enumerate() {
        assert_close(&format!("{what}: delta {j}"), d[j], *want, rel);
    }
    let tests = s["delta_tests"].as_array().unwrap();
    assert_eq!(tests.len(), c.se_delta.len(), "{what}");
    for (t, want) in tests.iter().zip(c.se_delta) {
        assert_close(&format!("{what}: se delta"), &t["se"], *want, rel);
    }
    assert_close(&format!("{what}: LRT"), &s["lrt"], c.lrt, rel);
    assert_close(&format!("{what}: QM"), &s["qm"], c.qm, rel);
    // p = P(χ² > QM) moves by about QM/2 times QM's relative error (its log has slope
    // −1/2 in QM far in the tail), so it agrees to that much less.
    assert_close(
        &format!("{what}: QMp"),
        &s["qm_p"],
        c.qm_p,
        rel * (1.0 + c.qm / 2.0),
    );
    assert_eq!(s["qm_df"], c.beta.len() - 1, "{what}");
}

/// Selection models of a meta-regression, against metafor 3.8-1 with tight tolerances
/// (`Rscript benches/selmodel_mods_reference.R`, part 1):
/// `res <- rma(yi, vi, mods = MODS, data = dat, method = "ML", control = list(threshold =
/// 1e-12)); sav <- selmodel(res, type = T, [steps = c(0.025, 0.5),] control = list(optimizer =
/// "optim", optmethod = "BFGS", reltol = 1e-15, maxit = 10000, intCtrl = list(rel.tol = 1e-12,
/// subdivisions = 1000L))); c(sav$ll, sav$beta, sav$se, sav$tau2, sav$se.tau2, sav$delta,
/// sav$se.delta, sav$LRT, sav$QM, sav$QMp)`, on BCG (`mods = ~ ablat`, tests/data/bcg.csv)
/// and Lehmann et al. 2018 (metadat's `dat.lehmann2018`, yi and vi with the categorical
/// moderators Gender and Preregistered, `mods = ~ Gender + Preregistered`, written by R to
/// tests/data/lehmann2018.csv), one with a fixed-effect model (`method = "EE"`). Ours reaches
/// the same maximum or a higher one (log-likelihoods within 2e-9); where the likelihood is
/// flat the coefficients agree to 2e-5 (the EE fit's Preregistered coefficient, whose
/// metafor log-likelihood is 1.5e-9 below ours), elsewhere to 5e-6; the SEs, from numerical
/// Hessians on both sides, to 2e-5.
#[test]
fn selection_models_with_moderators_match_metafor() {
    let bcg = [
        "tests/data/bcg.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "ablat",
        "--method",
        "ML",
    ];
    let lehmann = [
        "tests/data/lehmann2018.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "Gender,Preregistered",
    ];
    let with = |base: &[&'static str], extra: &[&'static str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        a
    };
    #[rustfmt::skip]
    let cases = [
        ModeratorCase {
            args: with(&bcg, &["--selmodel", "beta"]),
            ll: -7.52239015359560,
            beta: &[0.446804399871788, -0.0323994553267469],
            se: &[0.366766278902081, 0.00792283442837017],
            tau2: 0.0335201930630723, se_tau2: Some(0.0675866469999456),
            delta: &[1.29866330951699, 0.934006279055444],
            se_delta: &[0.674810700267353, 0.262670654227554],
            lrt: 0.326550749637054, qm: 16.7230026383186, qm_p: 4.32533723596086e-05,
        },
        ModeratorCase {
            args: with(&bcg, &["--selmodel", "halfnorm"]),
            ll: -7.57961597002914,
            beta: &[0.205543137218111, -0.0281786939938292],
            se: &[0.249548703024375, 0.00603009019182375],
            tau2: 0.0336026928800110, se_tau2: Some(0.0374377317505501),
            delta: &[0.741093902704198],
            se_delta: &[1.58027723154612],
            lrt: 0.212099116769975, qm: 21.8370569089581, qm_p: 2.96811980136930e-06,
        },
        ModeratorCase {
            args: with(&bcg, &["--selmodel", "negexp"]),
            ll: -7.62963060685489,
            beta: &[0.223703801607458, -0.0284041203502677],
            se: &[0.249094541610343, 0.00612578355922467],
            tau2: 0.0321459136443550, se_tau2: Some(0.0369504760573728),
            delta: &[0.673359095060245],
            se_delta: &[1.97097412608200],
            lrt: 0.112069843118483, qm: 21.5000461625875, qm_p: 3.53820145607782e-06,
        },
        ModeratorCase {
            args: with(&lehmann, &["--method", "ML", "--selmodel", "stepfun", "--selmodel-steps", "0.025,0.5"]),
            ll: -40.7831109440184250,
            beta: &[0.0796643550562567, 0.0669882774537801, -0.2395163725336209],
            se: &[0.0994368289645202, 0.0814046296059763, 0.1112236518949612],
            tau2: 0.0739517700849682, se_tau2: Some(0.0249185037568811),
            delta: &[1.0, 0.4953262136400093, 0.3415324102925155],
            se_delta: &[0.2284928125088668, 0.2276706118260965],
            lrt: 2.7809206826346298, qm: 6.3143945682629337, qm_p: 0.0425448151657401,
        },
        ModeratorCase {
            args: with(&lehmann, &["--method", "FE", "--selmodel", "stepfun", "--selmodel-steps", "0.025,0.5"]),
            ll: -58.38551301617485478,
            beta: &[0.04098488192824783, 0.07254629253489436, -0.08166682184705923],
            se: &[0.03763400976751195, 0.03522260771529579, 0.03527828472433807],
            tau2: 0.0, se_tau2: None,
            delta: &[1.0, 0.13542943441525279, 0.12972477787034536],
            se_delta: &[0.04512559061981086, 0.05938278194692045],
            lrt: 31.52121781240651899, qm: 9.31719464083831639, qm_p: 0.00947975013225952,
        },
    ];
    for c in &cases {
        check_moderator_case(c, 2e-5);
    }
}

/// The beta function on Lehmann 2018 with moderators: metafor 3.8-1's own maximum
/// (log-likelihood −30.1092854342258889) carries the error of R's `integrate` over
/// (−∞, ∞), 1.2e-7 in the log-likelihood, because the clamp of p at `pval.min` = 1e-5 puts
/// two kinks in the integrand. The same likelihood with each study's integral split at those
/// kinks (`benches/selmodel_mods_reference.R`, part 2: metafor's `.selmodel.ll.cont` written
/// out, `integrate(rel.tol = 1e-14)` per piece, optim BFGS from metafor's estimates, SEs from
/// `numDeriv::hessian`) gives −30.1092855536006176 at β = (0.5008465856234188,
/// 0.0959399413432454, −1.5388925834510634), τ² = 0.4752158378624884, δ =
/// (1.3076755043018935, 1.6212953957063188), SEs of β 0.4533828717160391,
/// 0.3117054370455106, 0.9019292032428560, of τ² 0.2539587774858204, of δ
/// 0.0925179602499157, 0.2251338187933141, QM 3.1176269922906057. Ours reaches a slightly
/// higher maximum of that likelihood (by 4e-10: it is flat there, so the estimates agree to
/// 2e-5) with the SEs to 2e-5.
#[test]
fn beta_selection_with_moderators_matches_the_accurately_integrated_likelihood() {
    let s = selmodel(&[
        "tests/data/lehmann2018.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "Gender,Preregistered",
        "--method",
        "ML",
        "--selmodel",
        "beta",
    ]);
    let ll = s["log_likelihood"].as_f64().unwrap();
    assert!(ll >= -30.1092855536006176 - 1e-12, "{ll}");
    assert!(ll < -30.1092855536006176 + 1e-8, "{ll}");
    let beta = [0.5008465856234188, 0.0959399413432454, -1.5388925834510634];
    let se = [0.4533828717160391, 0.3117054370455106, 0.9019292032428560];
    for (j, c) in s["coefficients"].as_array().unwrap().iter().enumerate() {
        assert_close("beta", &c["estimate"], beta[j], 2e-5);
        assert_close("se", &c["se"], se[j], 2e-5);
    }
    assert_close("tau2", &s["tau2"], 0.4752158378624884, 2e-5);
    assert_close("se tau2", &s["tau2_se"], 0.2539587774858204, 2e-5);
    let d = deltas(&s);
    assert_close("delta 1", d[0], 1.3076755043018935, 2e-5);
    assert_close("delta 2", d[1], 1.6212953957063188, 2e-5);
    assert_close(
        "se delta 1",
        &s["delta_tests"][0]["se"],
        0.0925179602499157,
        2e-5,
    );
    assert_close(
        "se delta 2",
        &s["delta_tests"][1]["se"],
        0.2251338187933141,
        2e-5,
    );
    assert_close("QM", &s["qm"], 3.1176269922906057, 2e-5);
    assert_eq!(
        s["coefficients"][2]["name"], "PreregisteredPre-Registered",
        "treatment coding, first level in sorted order as reference"
    );
}

/// The test for heterogeneity within a selection model: metafor's `LRT.tau2`, the
/// likelihood-ratio statistic against the same selection model refitted with τ² = 0, on 1 df
/// (metafor 3.8-1, `Rscript benches/selmodel_mods_reference.R`, part 3, with the tight
/// `control` of part 1): Hackshaw 1998, `rma(yi, vi, method = "ML")` with `selmodel(type =
/// "stepfun", steps = c(0.05, 0.5))`, `"halfnorm"`, `"negexp"`; Lehmann 2018 with `mods = ~
/// Gender + Preregistered` and the step function (0.025, 0.5), whose τ² = 0 fit is the
/// fixed-effect one of `selection_models_with_moderators_match_metafor`. Agreement 1e-8
/// relative. A fixed-effect model has no such test.
#[test]
fn heterogeneity_test_within_selection_models_matches_metafor() {
    for (extra, lrt, p) in [
        (
            &["tests/data/hackshaw1998.csv", "--selmodel", "0.05,0.5"][..],
            5.7965118687848118,
            0.0160580003230795,
        ),
        (
            &["tests/data/hackshaw1998.csv", "--selmodel", "halfnorm"][..],
            5.0652069666252473,
            0.0244107903820278,
        ),
        (
            &["tests/data/hackshaw1998.csv", "--selmodel", "negexp"][..],
            4.0900008652086122,
            0.0431376200379348,
        ),
        (
            &[
                "tests/data/lehmann2018.csv",
                "--mods",
                "Gender,Preregistered",
                "--selmodel",
                "0.025,0.5",
            ][..],
            35.2048041443732,
            2.96790495382149e-09,
        ),
    ] {
        let mut args = extra.to_vec();
        args.extend(["--yi", "yi", "--vi", "vi", "--method", "ML"]);
        let s = selmodel(&args);
        assert_close(&format!("{extra:?}: LRT.tau2"), &s["tau2_lrt"], lrt, 1e-8);
        assert_close(&format!("{extra:?}: LRTp.tau2"), &s["tau2_lrt_p"], p, 1e-7);
    }
    let fe = selmodel(&[
        "tests/data/hackshaw1998.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--method",
        "FE",
        "--selmodel",
        "halfnorm",
    ]);
    assert!(fe.get("tau2_lrt").is_none(), "{fe}");
}

/// `--btt` reaches the selection model's QM, as metafor's `selmodel` keeps the model's `btt`:
/// BCG with `mods = ~ ablat + year + alloc` (alloc categorical: random and systematic against
/// alternate), `rma(..., method = "ML", btt = 4:5)` and `selmodel(type = "halfnorm")` with the
/// tight `control` (`benches/selmodel_mods_reference.R`, part 3): log-likelihood
/// −6.691475316800827, QM 1.588850037308073 on 2 df, p 0.451840960370348 (ours: 1e-6, the
/// log-likelihood 1e-11 and not lower).
#[test]
fn btt_is_carried_into_the_selection_model() {
    let s = selmodel(&[
        "tests/data/bcg.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "ablat,year,alloc",
        "--method",
        "ML",
        "--selmodel",
        "halfnorm",
        "--btt",
        "4:5",
    ]);
    assert!(s["log_likelihood"].as_f64().unwrap() >= -6.691475316800827 - 1e-11);
    assert_close("ll", &s["log_likelihood"], -6.691475316800827, 1e-11);
    assert_close("QM", &s["qm"], 1.588850037308073, 1e-6);
    assert_close("QMp", &s["qm_p"], 0.451840960370348, 1e-6);
    assert_eq!(s["qm_df"], 2);
    assert_eq!(
        s["qm_coefficients"],
        serde_json::json!(["allocrandom", "allocsystematic"])
    );
    assert_eq!(s["vcov"].as_array().unwrap().len(), 5);
}
