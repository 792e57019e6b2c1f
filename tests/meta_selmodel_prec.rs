//! Selection depending on precision (`meta --selmodel TYPE --selmodel-prec MEASURE`, metafor's
//! `selmodel(prec = , scaleprec = )`), against metafor 3.8-1 run with tight tolerances
//! (`Rscript benches/selmodel_prec_reference.R`: optim BFGS reltol 1e-15, integrate rel.tol
//! 1e-12) and against the published numbers of metafor's tests/testthat/test_misc_selmodel.r;
//! and the refusals of the options.

use crate::common::assert_close as close;
use crate::meta_selmodel::{assert_refused, selmodel};

/// Preston et al. (2004), fixed-effect, p-values of `alternative = "less"` (as
/// test_misc_selmodel.r), with `--selmodel-ni ni` for ninv and sqrtninv.
const PRESTON: [&str; 11] = [
    "tests/data/preston2004.csv",
    "--yi",
    "yi",
    "--vi",
    "vi",
    "--method",
    "FE",
    "--selmodel-alternative",
    "less",
    "--selmodel-ni",
    "ni",
];

/// One fit against metafor 3.8-1: `want` = (estimate, its SE, δ, δ's SE, log-likelihood,
/// LRT), the log-likelihood as metafor evaluates it again at its estimates.
fn check(label: &str, args: &[&str], want: [f64; 6], rel: f64) {
    let s = selmodel(args);
    let got = [
        s["estimate"].as_f64().unwrap(),
        s["se"].as_f64().unwrap(),
        s["delta"][0].as_f64().unwrap(),
        s["delta_tests"][0]["se"].as_f64().unwrap(),
    ];
    for (i, what) in ["estimate", "se", "delta", "se delta"].iter().enumerate() {
        close(&format!("{label} {what}"), got[i], want[i], rel);
    }
    let ll = s["log_likelihood"].as_f64().unwrap();
    assert!(
        (ll - want[4]).abs() < 5e-12,
        "{label} ll {ll} vs {}",
        want[4]
    );
    close(
        &format!("{label} LRT"),
        s["lrt"].as_f64().unwrap(),
        want[5],
        1e-10,
    );
    assert!(s["prec"]["measure"].is_string(), "{s}");
}

/// `selmodel(res, type = T, prec = "sei", alternative = "less", scaleprec = FALSE)` and
/// `selmodel(res, type = T, prec = "sei", alternative = "less", steps = .05)` on
/// `res <- rma(yi, vi, data = pre, ni = ni, method = "EE")`, tight (see the file's head):
/// c(sav$beta, sav$se, sav$delta, sav$se.delta, ll, sav$LRT). Measured: δ and the SEs within
/// 6e-7 (δ is flat there; both sides' Hessians are numerical), log-likelihoods within 3e-12.
#[test]
fn decaying_selection_on_precision_matches_metafor() {
    #[rustfmt::skip]
    let cases: [(&str, &[&str], [f64; 6]); 8] = [
        ("halfnorm", &["--selmodel-scaleprec", "false"], [-0.37882054629744294, 0.16563873771110807, 3.50632905018411423, 3.38729992545508329, -5.98476152485583412, 1.75556399565974175]),
        ("halfnorm", &["--selmodel-steps", "0.05"], [-0.37942738648692664, 0.16547790800609433, 5.83213702325295369, 5.64447672660551447, -5.98868865020497498, 1.74770974496146003]),
        ("negexp", &["--selmodel-scaleprec", "false"], [-0.37528129625253931, 0.16730162206823190, 2.27932817935643284, 2.13301029731005531, -6.14802378945369910, 1.42903946646401181]),
        ("negexp", &["--selmodel-steps", "0.05"], [-0.37968140618943302, 0.16627367991974543, 3.81979063388361606, 3.62743078472812952, -6.16307709888478072, 1.39893284760184855]),
        ("logistic", &["--selmodel-scaleprec", "false"], [-0.38599670770373490, 0.16078307406900735, 3.01792224102661510, 2.31579910950308010, -6.11477374051271916, 1.49553956434597168]),
        ("logistic", &["--selmodel-steps", "0.05"], [-0.38908151957149456, 0.16030711005232695, 5.04008783874981159, 3.89920459678826470, -6.12672054520783682, 1.47164595495573636]),
        ("power", &["--selmodel-scaleprec", "false"], [-0.37003409138163074, 0.16848267293598912, 1.44417447430179391, 1.38163295829268251, -5.95137203226986422, 1.82234298083168156]),
        ("power", &["--selmodel-steps", "0.05"], [-0.37342374702620990, 0.16761188437515953, 2.39954696832871495, 2.31833856753718859, -5.96476314538302521, 1.79556075460535958]),
    ];
    for (kind, extra, want) in cases {
        let mut args = PRESTON.to_vec();
        args.extend(["--selmodel", kind, "--selmodel-prec", "sei"]);
        args.extend(extra);
        check(&format!("{kind} {extra:?}"), &args, want, 1e-6);
    }
}

/// The other measures, `selmodel(res, type = "negexp", prec = P, alternative = "less")` with
/// P = "vi", "ninv", "sqrtninv" (scaled, metafor's default) on the same model.
#[test]
fn selection_on_variance_and_sample_size_matches_metafor() {
    #[rustfmt::skip]
    let cases: [(&str, [f64; 6]); 3] = [
        ("vi", [-0.41918076802872473, 0.15045262668154918, 4.11484792124156140, 4.54664496553722852, -6.31465303499403063, 1.09578097538334873]),
        ("ninv", [-0.43957945245043684, 0.15402070097303075, 1.13234504911793965, 2.84462563635337018, -6.77873675539842324, 0.16761353457456352]),
        ("sqrtninv", [-0.40269061396417288, 0.17130102992797075, 1.79405485808990073, 2.70009103750538548, -6.62016840005570018, 0.48475024526000965]),
    ];
    for (measure, want) in cases {
        let mut args = PRESTON.to_vec();
        args.extend(["--selmodel", "negexp", "--selmodel-prec", measure]);
        check(measure, &args, want, 1e-6);
    }
}

/// The published values, test_misc_selmodel.r lines 146-160 (metafor's default optimiser
/// and integration): δ = 3.506329, 2.279336, 3.017851, 1.444174 unscaled and 5.832106,
/// 3.819847, 5.041039, 2.399645 with steps = .05. The logistic one with steps = .05 is flat
/// in δ (metafor's own tight fit above gives 5.040088), so it agrees to 2e-4, the rest to
/// 2e-5, and power with steps = .05 to 5e-5 (the published values are metafor's default
/// fit, 1.4e-5 and 4.1e-5 from its tight one there). (Its published SEs there, 2.306998 for logistic and 2.134629 for power with
/// `hessianCtrl = list(r = 8)`, are those of the default fit; the tight fit's are checked
/// above.)
#[test]
fn selection_on_precision_matches_metafor_test_suite() {
    for (kind, unscaled, stepped, tol) in [
        ("halfnorm", 3.506329, 5.832106, 2e-5),
        ("negexp", 2.279336, 3.819847, 2e-5),
        ("logistic", 3.017851, 5.041039, 2e-4),
        ("power", 1.444174, 2.399645, 5e-5),
    ] {
        for (extra, want) in [
            (["--selmodel-scaleprec", "false"], unscaled),
            (["--selmodel-steps", "0.05"], stepped),
        ] {
            let mut args = PRESTON.to_vec();
            args.extend(["--selmodel", kind, "--selmodel-prec", "sei"]);
            args.extend(extra);
            let s = selmodel(&args);
            let d = s["delta"][0].as_f64().unwrap();
            close(&format!("{kind} {extra:?}"), d, want, tol);
        }
    }
}

/// The step function and the half-normal function on Hackshaw (1998) by ML:
/// `selmodel(rma(yi, vi, method = "ML"), type = "stepfun", steps = c(0.05, 0.5), prec =
/// "sei")` ("undocumented and experimental" in metafor: every δ but the first divided by the
/// study's precision) and `type = "halfnorm", prec = "sei"`, tight. The step function's
/// likelihood is closed-form: ours is 1.5e-11 higher than the BFGS maximum, whose
/// estimates stop up to 5e-6 short; the half-normal's agree to 5e-7.
#[test]
fn step_and_halfnormal_selection_on_precision_match_metafor_on_hackshaw() {
    let base = [
        "tests/data/hackshaw1998.csv",
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--method",
        "ML",
        "--selmodel-prec",
        "sei",
        "--selmodel",
    ];
    // estimate, se, tau2, se tau2, delta 2, delta 3, se delta 2, se delta 3, ll, LRT
    #[rustfmt::skip]
    let step = [0.278567631594025922, 0.124888008586581889, 0.039712141867004100, 0.028298796825139742, 0.862259198583414488, 0.453650559972194944, 0.590534373883710439, 0.466995130103494582, -0.297701210200318478, 19.701802391761660260];
    let mut args = base.to_vec();
    args.push("0.05,0.5");
    let s = selmodel(&args);
    let got = [
        s["estimate"].as_f64().unwrap(),
        s["se"].as_f64().unwrap(),
        s["tau2"].as_f64().unwrap(),
        s["tau2_se"].as_f64().unwrap(),
        s["delta"][1].as_f64().unwrap(),
        s["delta"][2].as_f64().unwrap(),
        s["delta_tests"][0]["se"].as_f64().unwrap(),
        s["delta_tests"][1]["se"].as_f64().unwrap(),
    ];
    for (i, (g, w)) in got.iter().zip(step).enumerate() {
        close(&format!("stepfun [{i}]"), *g, w, 1e-5);
    }
    let ll = s["log_likelihood"].as_f64().unwrap();
    assert!(ll >= step[8] && ll - step[8] < 1e-10, "stepfun ll {ll}");
    close("stepfun LRT", s["lrt"].as_f64().unwrap(), step[9], 1e-10);

    #[rustfmt::skip]
    let half = [0.139262650091581008, 0.073682885351864291, 3.892311672082797269, 2.359157181657691282, -8.260297535909767674, 3.776609740342763644];
    let mut args = base.to_vec();
    args.push("halfnorm");
    check("halfnorm (ML)", &args, half, 1e-6);
    let s = selmodel(&args);
    close(
        "halfnorm tau2",
        s["tau2"].as_f64().unwrap(),
        0.025094498268247823,
        1e-6,
    );
}

#[test]
fn bad_precision_options_are_refused() {
    for (extra, message) in [
        (
            &["--selmodel", "beta", "--selmodel-prec", "sei"][..],
            "--selmodel-prec",
        ),
        (
            &["--selmodel", "negexp", "--selmodel-prec", "se"][..],
            "--selmodel-prec",
        ),
        (
            &["--selmodel", "negexp", "--selmodel-prec", "ninv"][..],
            "--selmodel-ni",
        ),
        (
            &["--selmodel", "negexp", "--selmodel-scaleprec", "false"][..],
            "--selmodel-prec",
        ),
    ] {
        assert_refused(
            &["tests/data/preston2004.csv", "--yi", "yi", "--vi", "vi"],
            extra,
            message,
        );
    }
}
