//! The generalised Q interval of τ² of a GENQ fit (`meta --method GENQ --weights COL`, its
//! default interval there, or `--tau2-ci GENQ`; metafor's `confint()` of
//! `rma(..., method = "GENQ", weights = )`, Jackson 2013), against metafor's published test
//! values (tests/testthat/test_analysis_example_jackson2014.r of github.com/wviechtb/metafor,
//! commit 71ae8f5) and against an independent computation in R
//! (`Rscript benches/genq_ci_reference.R`: metafor's P, Q and eigenvalues, the tail by Imhof's
//! integral with R's `integrate` at rel.tol 1e-12, the bounds by `uniroot` at tol 1e-13; that
//! Imhof function agrees with a Monte-Carlo run of 10⁶ draws within 4 SEs). metafor itself
//! calls CompQuadForm's `farebrother`, which is not installable here, and `uniroot` at its
//! default tolerance (1.2e-4 on τ²), so its printed bounds carry 4 digits.

use crate::common::{json_of, outcome_of, subcommand};
use serde_json::Value;

/// `trialstats meta ARGS --format json`, run in the project folder.
fn fit(args: &[&str]) -> Value {
    json_of(
        subcommand("meta")
            .args(args)
            .args(["--format", "json"])
            .current_dir(env!("CARGO_MANIFEST_DIR")),
    )
}

/// `(τ², lower, upper)` of `meta FILE --yi yi --vi vi --method GENQ --weights W EXTRA`.
fn genq(file: &str, weights: &str, extra: &[&str]) -> [f64; 3] {
    let mut args = vec![
        file,
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--method",
        "GENQ",
        "--weights",
        weights,
    ];
    args.extend(extra);
    let j = fit(&args);
    assert_eq!(j["tau2_ci_type"], "GENQ", "{j}");
    let ci = &j["tau2_ci"];
    [
        j["tau2"].as_f64().unwrap(),
        ci[0].as_f64().unwrap(),
        ci[1].as_f64().unwrap(),
    ]
}

const EX1: &str = "tests/data/jackson2014_ex1.csv";
const EX2: &str = "tests/data/jackson2014_ex2.csv";

/// test_analysis_example_jackson2014.r: `rma(yi, vi, mods = ~ xi, method = "GENQ", weights
/// = 1/vi)` and `weights = 1/sqrt(vi)`, `confint(res)$random[1, 2:3]`: example 1 (0.0029,
/// 0.6907) lines 30-31 and (0.0000, 1.1245) lines 36-37; example 2 (0.0170, 0.1393) lines
/// 72-73 and (0.0180, 0.1375) lines 78-79; each within 1.7e-4, metafor's `uniroot`
/// tolerance (1.2e-4) and the rounding to 4 decimals (ours 1.12456 against the printed
/// 1.1245).
#[test]
fn generalised_q_interval_matches_metafor_test_suite() {
    for (file, weights, want) in [
        (EX1, "w_vi", [0.0029, 0.6907]),
        (EX1, "w_sei", [0.0000, 1.1245]),
        (EX2, "w_vi", [0.0170, 0.1393]),
        (EX2, "w_sei", [0.0180, 0.1375]),
    ] {
        let got = genq(file, weights, &["--mods", "xi"]);
        for (g, w) in got[1..].iter().zip(want) {
            assert!(
                (g - w).abs() <= 1.7e-4,
                "{file} {weights}: {got:?} vs {want:?}"
            );
        }
    }
}

/// The same four and dat.bcg (log risk ratios, weights = total sample sizes, intercept only,
/// 90%) against the independent R computation; measured agreement 2.2e-9 relative at most
/// (the lower bound 0.0029 of example 1, where the tail probability is flattest in τ²), 1e-10
/// elsewhere.
#[test]
fn generalised_q_interval_matches_an_independent_imhof_computation() {
    #[rustfmt::skip]
    let cases: [(&str, &str, &[&str], [f64; 3]); 5] = [
        (EX1, "w_vi", &["--mods", "xi"], [0.11483309353829438, 0.00287808760955355, 0.69067858918504643]),
        (EX1, "w_sei", &["--mods", "xi"], [0.260961424848636, 0.0, 1.124564838084619]),
        (EX2, "w_vi", &["--mods", "xi"], [0.0432673287899188, 0.0169690231524135, 0.1392542705573742]),
        (EX2, "w_sei", &["--mods", "xi"], [0.0477773689311214, 0.0180185903786844, 0.1375228989937837]),
        ("tests/data/bcg_sizes.csv", "n", &["--level", "0.9"], [0.2391454068820895, 0.0858535664082312, 1.1401190848881528]),
    ];
    for (file, weights, extra, want) in cases {
        let got = genq(file, weights, extra);
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            let ok = if w == 0.0 {
                *g == 0.0
            } else {
                ((g - w) / w).abs() < 1e-8
            };
            assert!(ok, "{file} {weights} [{i}]: {got:?} vs {want:?}");
        }
    }
}

/// `--tau2-ci` still chooses another interval for a GENQ fit, and the generalised Q one is
/// refused for a model not fitted by GENQ (metafor: "Model must be fitted with
/// method=\"GENQ\"").
#[test]
fn generalised_q_interval_is_for_genq_fits() {
    let j = fit(&[
        EX1,
        "--yi",
        "yi",
        "--vi",
        "vi",
        "--mods",
        "xi",
        "--method",
        "GENQ",
        "--weights",
        "w_vi",
        "--tau2-ci",
        "QP",
    ]);
    assert_eq!(j["tau2_ci_type"], "QP");
    let (code, _, err) = outcome_of(
        subcommand("meta")
            .args([EX1, "--yi", "yi", "--vi", "vi", "--tau2-ci", "GENQ"])
            .current_dir(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--tau2-ci") && err.contains("--method"),
        "{err}"
    );
}
