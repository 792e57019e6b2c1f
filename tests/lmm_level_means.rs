//! `lmm --plot --time visit` when the formula takes the visit as `factor(visit)`: the chart of
//! each visit's observed mean (with its t interval) and the mean of the population prediction
//! Xβ̂ over the same rows, visits in level order, for an lme4-style fit and one with correlated
//! residuals. The numbers against `benches/lmm_level_means_reference.R` (R 4.2.2, nlme 3.1.162
//! at lmeControl(tolerance = 1e-12, msTol = 1e-14): `mean`, `t.test(y)$conf.int` and
//! `mean(predict(m, level = 0)[rows])` per visit); the chart and the command's files here.
//!
//! Tolerances: n exactly; the observed means and intervals 1e-12 relative (the same arithmetic
//! on the same data); the fitted means 1e-6 relative (two fits' optima).

use crate::common::subcommand;
use std::path::PathBuf;
use trialstats::charts::lmm_charts::{TimeChart, time_chart};
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::fitted::{FittedValues, LevelMean};
use trialstats::lmm::residual::fit_correlated_csv_with_frame;
use trialstats::lmm::{Frame, ReferenceLevels, fit_csv_with_frame};
use trialstats::plot::ObservedFittedBody;

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let err = (got - want).abs() / want.abs();
    assert!(
        err <= tol,
        "{what}: got {got:.12e}, R {want:.12e} (relative {err:.1e})"
    );
}

/// What R gives per visit: (n, observed mean, t interval, mean of Xβ̂), visits 0 to 5.
type Visit = (usize, f64, (f64, f64), f64);

fn check(means: &[LevelMean], want: &[Visit]) {
    assert_eq!(means.len(), want.len());
    for (k, (m, &(n, observed, (lower, upper), fitted))) in means.iter().zip(want).enumerate() {
        assert_eq!(m.level, k.to_string(), "visits in level order");
        assert_eq!(m.n, n, "visit {k} n");
        close(&format!("visit {k} observed"), m.observed, observed, 1e-12);
        let (l, u) = m.interval.unwrap();
        close(&format!("visit {k} lower"), l, lower, 1e-12);
        close(&format!("visit {k} upper"), u, upper, 1e-12);
        close(&format!("visit {k} fitted"), m.fitted, fitted, 1e-6);
    }
}

/// The observed means and intervals, the same for both fits (R's mean and t.test).
const OBSERVED: [(usize, f64, (f64, f64)); 6] = [
    (80, 30.4856125, (29.6076886461455, 31.3635363538544)),
    (80, 29.9891125, (29.0876515242214, 30.8905734757786)),
    (80, 29.2515125, (28.357235482033, 30.145789517967)),
    (74, 28.3453378378378, (27.4068256920590, 29.2838499836167)),
    (65, 27.4471538461538, (26.4040534988056, 28.4902541935021)),
    (62, 26.9464677419355, (25.7614690192871, 28.1314664645839)),
];

fn with_fitted(fitted: [f64; 6]) -> Vec<Visit> {
    OBSERVED
        .iter()
        .zip(fitted)
        .map(|(&(n, o, ci), f)| (n, o, ci, f))
        .collect()
}

/// The chart `--plot` draws for `values` against `visit`: the means by level, one line, six
/// visits in order, each point at its visit's position with its n.
fn check_chart(values: &FittedValues, frame: &Frame) {
    let level = ConfidenceLevel::NINETY_FIVE;
    let TimeChart::LevelMeans(chart) = time_chart(values, frame, "visit", None, level).unwrap()
    else {
        panic!("a factor(visit) time draws the means by level");
    };
    assert!(
        chart
            .title
            .starts_with("score by visit: observed and fitted means")
    );
    let ObservedFittedBody::OverLevels { times, series } = &chart.body else {
        panic!("means by level");
    };
    assert_eq!(times, &["0", "1", "2", "3", "4", "5"]);
    assert_eq!(series.len(), 1);
    let positions: Vec<f64> = series[0].points.iter().map(|p| p.0).collect();
    assert_eq!(positions, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(series[0].points[5].1.size, "n = 62");
    // `factor(visit)` names the same column.
    assert!(matches!(
        time_chart(values, frame, "factor(visit)", None, level),
        Ok(TimeChart::LevelMeans(_))
    ));
    chart.validate().unwrap();
}

#[test]
fn an_lme4_style_fit() {
    // m <- lme(score ~ fvisit * arm, random = ~ 1 | id, data = d, method = "REML",
    //          control = ctrl); tapply(predict(m, level = 0), d$fvisit, mean). Visits 0-2
    // have every patient, where the fitted mean is the observed one; from visit 3 patients
    // drop out, and the fitted means lie above the observed ones of those who stay.
    let (fit, frame) = fit_csv_with_frame(
        &data("visits_ar1.csv"),
        "score ~ factor(visit) * arm + (1 | id)",
        true,
    )
    .unwrap();
    let values = fit.fitted_values();
    let means = values
        .means_by_level(&frame, "visit", ConfidenceLevel::NINETY_FIVE)
        .unwrap();
    check(
        &means,
        &with_fitted([
            30.4856125,
            29.9891125,
            29.2515125,
            28.3650491103509,
            27.7866566173983,
            27.2746805606623,
        ]),
    );
    check_chart(&values, &frame);
}

#[test]
fn a_fit_with_correlated_residuals() {
    // m <- lme(score ~ fvisit + arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit |
    //          id), data = d, method = "REML", control = ctrl); the same means.
    let (fit, frame) = fit_correlated_csv_with_frame(
        &data("visits_ar1.csv"),
        "score ~ factor(visit) + arm + (1 | id)",
        &"ar1(visit | id)".parse().unwrap(),
        true,
        &ReferenceLevels::default(),
    )
    .unwrap();
    let values = fit.fitted_values();
    let means = values
        .means_by_level(&frame, "visit", ConfidenceLevel::NINETY_FIVE)
        .unwrap();
    check(
        &means,
        &with_fitted([
            30.4856125,
            29.9891125,
            29.2515125,
            28.4088047974019,
            27.8107181220641,
            27.2984436163932,
        ]),
    );
    check_chart(&values, &frame);
}

#[test]
fn what_is_not_a_categorical_fixed_effect_is_refused_naming_the_time() {
    let (fit, frame) = fit_csv_with_frame(
        &data("visits_ar1.csv"),
        "score ~ factor(visit) * arm + (1 | id)",
        true,
    )
    .unwrap();
    let values = fit.fitted_values();
    // The grouping factor is categorical but not a fixed effect.
    let e = values
        .means_by_level(&frame, "id", ConfidenceLevel::NINETY_FIVE)
        .unwrap_err()
        .to_string();
    assert!(e.contains("time") && e.contains("'id'"), "{e}");
    assert!(e.contains("allowed: visit, arm"), "{e}");
    // A treatment start needs a numeric time.
    let e = time_chart(
        &values,
        &frame,
        "visit",
        Some(2.0),
        ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("treatment_start") && e.contains("categorical"),
        "{e}"
    );
}

#[test]
fn the_command_draws_the_means_by_visit_to_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let (png, svg) = (dir.path().join("visits.png"), dir.path().join("visits.svg"));
    for (path, extra) in [(&png, None), (&svg, Some("--editable-svg"))] {
        subcommand("lmm")
            .arg(data("visits_ar1.csv"))
            .args(["--formula", "score ~ factor(visit) * arm + (1 | id)"])
            .args(["--time", "visit", "--plot"])
            .arg(path)
            .args(extra)
            .assert()
            .code(0);
    }
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    let text = std::fs::read_to_string(&svg).unwrap();
    for words in [
        "score by visit: observed and fitted means",
        "n = 62",
        "observed mean, 95% t interval",
        "fitted, population",
    ] {
        assert!(text.contains(words), "the SVG lacks '{words}'");
    }
}
