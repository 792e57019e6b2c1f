//! `lmm --residual`: random effects with correlated residuals within each patient, checked
//! against nlme 3.1 `lme(..., correlation = corAR1(form = ~ visit | id))` and `corCAR1`, fitted
//! with `lmeControl(tolerance = 1e-12, msTol = 1e-14)` on trial data simulated by
//! `benches/lmm_residual_reference.R` (80 patients, two arms, up to six visits, a patient
//! intercept and slope, AR(1) errors). Tolerances (the issue's): log-likelihood 1e-6
//! absolute, fixed effects 1e-5 and SEs 1e-4 relative, the correlation and the random-effect
//! SDs 1e-4.

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
