//! `lmm --residual`: random effects with correlated residuals within each patient, checked
//! against nlme 3.1.162 `lme(..., correlation = corAR1(form = ~ visit | id))`, `corCAR1` and
//! `corCompSymm`, fitted with `lmeControl(tolerance = 1e-12, msTol = 1e-14)` on trial data
//! simulated by `benches/lmm_residual_reference.R` (80 patients, two arms, up to six visits, a
//! patient intercept and slope, AR(1) errors) and `benches/lmm_residual_cs_reference.R` (the
//! same design with a patient slope and compound-symmetric errors, positive and negative).
//! Tolerances (the issue's): log-likelihood 1e-6 absolute, fixed effects 1e-5 and SEs 1e-4
//! relative, the correlation 1e-4 absolute and the random-effect SDs 1e-4 relative.

use std::path::PathBuf;
use trialstats::lmm::ReferenceLevels;
use trialstats::lmm::residual::{CorrelatedFit, fit_correlated_csv};

fn fit(file: &str, formula: &str, residual: &str, reml: bool) -> CorrelatedFit {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    fit_correlated_csv(
        &path,
        formula,
        &residual.parse().unwrap(),
        reml,
        &ReferenceLevels::default(),
    )
    .expect("fits")
}

/// nlme's numbers of one fit: logLik, (estimate, SE) per fixed effect, σ, ρ, random SDs.
struct Nlme<'a> {
    log_likelihood: f64,
    fixed: &'a [(&'a str, f64, f64)],
    sigma: f64,
    rho: f64,
    sds: &'a [f64],
}

fn check(got: &CorrelatedFit, want: &Nlme) {
    let rel = |what: &str, g: f64, w: f64, tol: f64| {
        let err = (g - w).abs() / w.abs();
        assert!(
            err <= tol,
            "{what}: got {g:.12}, nlme {w:.12} (relative {err:.1e})"
        );
    };
    assert!(
        (got.log_likelihood - want.log_likelihood).abs() <= 1e-6,
        "logLik {} vs nlme {}",
        got.log_likelihood,
        want.log_likelihood
    );
    assert!(got.converged);
    for (f, (term, est, se)) in got.fixed.iter().zip(want.fixed) {
        assert_eq!(f.term, *term);
        rel(&format!("{term} estimate"), f.estimate, *est, 1e-5);
        rel(&format!("{term} SE"), f.se, *se, 1e-4);
    }
    rel("sigma", got.sigma, want.sigma, 1e-4);
    assert!(
        (got.rho - want.rho).abs() <= 1e-4,
        "rho {} vs nlme {}",
        got.rho,
        want.rho
    );
    for (r, sd) in got.random.iter().zip(want.sds) {
        rel("random SD", r.sd, *sd, 1e-4);
    }
}

#[test]
fn random_intercept_with_ar1_residuals_reml_and_ml() {
    // lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
    //     data = d, method = "REML")
    let f = "score ~ visit * arm + (1 | id)";
    check(
        &fit("visits_ar1.csv", f, "ar1(visit | id)", true),
        &Nlme {
            log_likelihood: -922.694276781691,
            fixed: &[
                ("(Intercept)", 30.777302018145065, 0.6528751549380962),
                ("visit", -0.862832365058551, 0.0911514576602921),
                ("armplacebo", -0.580041726394095, 0.9235321622879525),
                ("visit:armplacebo", 0.457852095626290, 0.1318286552240053),
            ],
            sigma: 2.091051359383,
            rho: 0.662341974305638,
            sds: &[3.60181465290161],
        },
    );
    // method = "ML". The SEs are the square roots of `m$varFix` (σ̂²(XᵀV⁻¹X)⁻¹ at the ML σ̂,
    // as lme4 gives them): nlme's `summary` prints them times √(N/(N − p)) for an ML fit
    // (its `adjustSigma = TRUE`), 0.6474876658493893 for the intercept here.
    check(
        &fit("visits_ar1.csv", f, "ar1(visit | id)", false),
        &Nlme {
            log_likelihood: -920.636877023723,
            fixed: &[
                (
                    "(Intercept)",
                    30.775995275112297,
                    0.4154376445252576f64.sqrt(),
                ),
                ("visit", -0.862929446639387, 0.00812605021933575f64.sqrt()),
                (
                    "armplacebo",
                    -0.576218371923048,
                    0.8313022980898663f64.sqrt(),
                ),
                (
                    "visit:armplacebo",
                    0.456973381338505,
                    0.0170029347050694f64.sqrt(),
                ),
            ],
            sigma: 2.05722405812674,
            rho: 0.65221949834872,
            sds: &[3.56235933492791],
        },
    );
}

#[test]
fn random_intercept_and_slope_with_ar1_residuals() {
    // lme(score ~ visit * arm, random = ~ visit | id, correlation = corAR1(form = ~ visit | id))
    let got = fit(
        "visits_ar1.csv",
        "score ~ visit * arm + (visit | id)",
        "ar1(visit | id)",
        true,
    );
    check(
        &got,
        &Nlme {
            log_likelihood: -920.430709952532,
            fixed: &[
                ("(Intercept)", 30.759556090052186, 0.6104968559831362),
                ("visit", -0.858492571825414, 0.0952834173520649),
                ("armplacebo", -0.544774267193004, 0.8636993930892829),
                ("visit:armplacebo", 0.458476058062066, 0.1375273087677881),
            ],
            sigma: 1.74801391277265,
            rho: 0.535913256816776,
            sds: &[3.499649131655130, 0.322549863494108],
        },
    );
    // getVarCov(m): covariance 0.221457839493748 between intercept and slope.
    let corr = 0.221457839493748 / (3.499649131655130 * 0.322549863494108);
    assert!(
        (got.correlations[0].corr.unwrap() - corr).abs() < 1e-4,
        "{:?}",
        got.correlations
    );
}

#[test]
fn continuous_time_ar1_on_irregular_months() {
    // lme(score ~ month * arm, random = ~ 1 | id, correlation = corCAR1(form = ~ month | id))
    check(
        &fit(
            "visits_car1.csv",
            "score ~ month * arm + (1 | id)",
            "car1(month | id)",
            true,
        ),
        &Nlme {
            log_likelihood: -924.972621131062,
            fixed: &[
                ("(Intercept)", 30.774929052280470, 0.6536007359480592),
                ("month", -0.286891420096001, 0.0304814965037988),
                ("armplacebo", -0.591435133268675, 0.9237857101673738),
                ("month:armplacebo", 0.153847455048331, 0.0438670136178078),
            ],
            sigma: 2.10075915277642,
            rho: 0.872548992097492,
            sds: &[3.59887087725961],
        },
    );
}

#[test]
fn random_slope_with_compound_symmetry_reml_and_ml() {
    // A random slope without a random intercept: compound symmetry's common correlation is the
    // patient's shared level, identifiable beside the slope (with a random intercept it is not,
    // see the next test). nlme reaches the same optimum from corCompSymm(0) and
    // corCompSymm(0.5) (benches/lmm_residual_cs_reference.R).
    // lme(score ~ visit * arm, random = ~ 0 + visit | id,
    //     correlation = corCompSymm(form = ~ visit | id), data = d, method = "REML")
    let f = "score ~ visit * arm + (0 + visit | id)";
    check(
        &fit("visits_cs.csv", f, "cs(visit | id)", true),
        &Nlme {
            log_likelihood: -990.745064802475,
            fixed: &[
                ("(Intercept)", 29.610225995205010, 0.489896456837356),
                ("visit", -0.939267456744242, 0.123166058808069),
                ("armplacebo", 0.451595843422907, 0.692493969702524),
                ("visit:armplacebo", 0.517173390178612, 0.172579203860404),
            ],
            sigma: 3.27182898699932,
            rho: 0.76777251151028,
            sds: &[0.627686396737145],
        },
    );
    // method = "ML"; the SEs are √diag(m$varFix), as for the ML AR(1) fit above.
    check(
        &fit("visits_cs.csv", f, "cs(visit | id)", false),
        &Nlme {
            log_likelihood: -988.729099765214,
            fixed: &[
                (
                    "(Intercept)",
                    29.609781103537308,
                    0.2341873970385319f64.sqrt(),
                ),
                ("visit", -0.938730489894253, 0.0147980139187051f64.sqrt()),
                (
                    "armplacebo",
                    0.451725743274442,
                    0.4679307796220530f64.sqrt(),
                ),
                (
                    "visit:armplacebo",
                    0.517003910679455,
                    0.0290479708913720f64.sqrt(),
                ),
            ],
            sigma: 3.23618366056667,
            rho: 0.762672210089414,
            sds: &[0.616377453150125],
        },
    );
}

#[test]
fn compound_symmetry_with_a_negative_correlation_inside_nlmes_bound() {
    // Residuals that correlate negatively within a patient (simulated at rho -0.1); nlme keeps
    // rho above -1/(m - 1) = -0.2 for the largest patient's m = 6 visits.
    // lme(rating ~ visit * arm, random = ~ 0 + visit | id,
    //     correlation = corCompSymm(form = ~ visit | id), data = d, method = "REML")
    check(
        &fit(
            "visits_cs.csv",
            "rating ~ visit * arm + (0 + visit | id)",
            "cs(visit | id)",
            true,
        ),
        &Nlme {
            log_likelihood: -972.311000838395,
            fixed: &[
                ("(Intercept)", 29.9957277731706995, 0.197815168201989),
                ("visit", -1.0270003691217919, 0.132788617924996),
                ("armplacebo", -0.0659600040082941, 0.278656989777801),
                ("visit:armplacebo", 0.6809443014091008, 0.185866490021241),
            ],
            sigma: 1.82437864148918,
            rho: -0.182046972794258,
            sds: &[0.620191266699203],
        },
    );
}

#[test]
fn compound_symmetry_with_a_random_intercept_is_refused_as_not_identifiable() {
    // nlme fits lme(score ~ visit * arm, random = ~ 1 | id, correlation =
    // corCompSymm(value, form = ~ visit | id)) to logLik -1025.1798703768 from value 0, 0.3
    // and 0.6 alike, stopping at rho 0, 0.286 and 0.576 with intercept SDs 3.11, 2.86 and
    // 2.13: the split is where the start leads (benches/lmm_residual_cs_reference.R). Any
    // random terms spanning an intercept are refused, naming the way out.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/visits_cs.csv");
    for formula in [
        "score ~ visit * arm + (1 | id)",
        "score ~ visit * arm + (visit | id)",
        "score ~ visit * arm + (visit || id)",
    ] {
        let e = fit_correlated_csv(
            &path,
            formula,
            &"cs(visit | id)".parse().unwrap(),
            true,
            &ReferenceLevels::default(),
        )
        .expect_err("refused")
        .to_string();
        assert!(
            e.contains("random intercept") && e.contains("(0 + visit | id)"),
            "{formula}: {e}"
        );
    }
}

#[test]
fn structures_and_data_nlme_would_refuse_are_refused() {
    let refused = |file: &str, formula: &str, residual: &str| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(file);
        let parsed = residual.parse();
        let err = match parsed {
            Err(e) => e,
            Ok(r) => fit_correlated_csv(&path, formula, &r, true, &ReferenceLevels::default())
                .expect_err("refused"),
        };
        err.to_string()
    };
    // corAR1 needs whole-number times.
    let e = refused(
        "visits_car1.csv",
        "score ~ month + (1 | id)",
        "ar1(month | id)",
    );
    assert!(
        e.contains("whole-number times") && e.contains("car1"),
        "{e}"
    );
    // Correlated within one subject, random effects on another.
    let e = refused(
        "visits_ar1.csv",
        "score ~ visit + (1 | arm)",
        "ar1(visit | id)",
    );
    assert!(e.contains("must be the same subject"), "{e}");
    let e = refused(
        "visits_ar1.csv",
        "score ~ visit + (1 | id)",
        "toeplitz(visit | id)",
    );
    assert!(e.contains("allowed: ar1"), "{e}");
    // The checks of an lme4-style fit hold here too: a constant response is no model.
    let dir = tempfile::tempdir().unwrap();
    let constant = dir.path().join("constant.csv");
    std::fs::write(&constant, "id,visit,score\na,0,1\na,1,1\nb,0,1\nb,1,1\n").unwrap();
    let e = fit_correlated_csv(
        &constant,
        "score ~ visit + (1 | id)",
        &"ar1(visit | id)".parse().unwrap(),
        true,
        &ReferenceLevels::default(),
    )
    .expect_err("refused")
    .to_string();
    assert!(e.contains("constant"), "{e}");
}
