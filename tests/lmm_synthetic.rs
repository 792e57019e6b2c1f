//! The shipped synthetic ALS data set is exactly the generator's output, and the pre/post
//! slope model fitted to it matches lme4.

// The reference values are kept exactly as R printed them (17 significant digits).
#![allow(clippy::excessive_precision)]

use crate::common::als_synthetic;
use als_synthetic::{SEED, generate, to_csv};
use std::path::Path;

const SHIPPED: &str = "data/synthetic/als_prepost_slope_synthetic.csv";

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SHIPPED)
}

#[test]
fn shipped_csv_equals_the_generator_output() {
    let text = std::fs::read_to_string(shipped()).expect("the shipped synthetic CSV exists");
    assert_eq!(
        text,
        to_csv(&generate(SEED)),
        "regenerate with: cargo test --test main lmm_synthetic:: -- --ignored"
    );
}

/// Writes the shipped CSV (run by hand after changing the generator).
#[test]
#[ignore]
fn write_shipped_csv() {
    std::fs::write(shipped(), to_csv(&generate(SEED))).expect("written");
}

#[test]
fn prepost_slope_model_matches_lme4() {
    // R 4.2.2, lme4 1.1.31, options(digits = 17):
    //   d <- read.csv("data/synthetic/als_prepost_slope_synthetic.csv")
    //   m <- lmer(alsfrs ~ month + month_after + (month | patient), d)
    //   REMLcrit(m); fixef(m); sqrt(diag(as.matrix(vcov(m)))); sigma(m); as.data.frame(VarCorr(m))$sdcor
    //   279.31314903389364
    //   40.767119017055137 -0.51169998166149899 0.27853122487269139
    //   0.69768483882848964 0.091491555784703291 0.075333299417714134
    //   0.86194029366072134
    //   1.454985968098613 0.15948688290455865 -0.14153735648115903
    let m = trialstats::lmm::fit_csv(
        &shipped(),
        "alsfrs ~ month + month_after + (month | patient)",
        true,
    )
    .expect("fits");
    assert!(m.converged && !m.singular);
    assert!(
        (m.criterion - 279.31314903389364).abs() < 1e-6,
        "{}",
        m.criterion
    );
    let want = [
        ("(Intercept)", 40.767119017055137, 0.69768483882848964),
        ("month", -0.51169998166149899, 0.091491555784703291),
        ("month_after", 0.27853122487269139, 0.075333299417714134),
    ];
    for (f, (term, est, se)) in m.fixed.iter().zip(want) {
        assert_eq!(f.term, term);
        assert!(
            ((f.estimate - est) / est).abs() < 1e-5,
            "{term} {}",
            f.estimate
        );
        assert!(((f.se - se) / se).abs() < 1e-4, "{term} se {}", f.se);
    }
    assert!(((m.sigma - 0.86194029366072134) / 0.86194029366072134).abs() < 1e-4);
    assert!(((m.random[0].sd - 1.454985968098613) / 1.454985968098613).abs() < 1e-4);
    assert!(((m.random[1].sd - 0.15948688290455865) / 0.15948688290455865).abs() < 1e-4);
    assert!((m.correlations[0].corr.unwrap() - -0.14153735648115903).abs() < 1e-4);
    // Slope after treatment = slope before + change of slope.
    let after = m.fixed[1].estimate + m.fixed[2].estimate;
    assert!((after - (-0.51169998166149899 + 0.27853122487269139)).abs() < 1e-6);
}

#[test]
fn trajectories_carry_observed_and_fitted_lines_for_charts() {
    // lme4 (same model as above), options(digits = 17):
    //   fitted(m)[c(1, 95)]                  39.077073237663321 37.059111342391347
    //   predict(m, re.form = NA)[c(1, 95)]   40.767119017055137 34.898894045620452
    let (m, frame) = trialstats::lmm::fit_csv_with_frame(
        &shipped(),
        "alsfrs ~ month + month_after + (month | patient)",
        true,
    )
    .expect("fits");
    let t = m
        .trajectories(&frame, "month")
        .expect("month is a model column");
    assert_eq!(t.len(), 5);
    assert_eq!(t[0].group, "S1");
    assert_eq!(t[0].points.len(), 19);
    let first = &t[0].points[0];
    assert_eq!((first.time, first.observed), (0.0, 39.0));
    assert!((first.population - 40.767119017055137).abs() < 1e-4);
    // Per-patient line = population line + that patient's intercept and slope at month 0.
    let b0 = m.mode("S1", "(Intercept)").expect("S1");
    assert!((first.fitted - (first.population + b0)).abs() < 1e-9);
    let last = t[4].points.last().expect("S5 has visits");
    assert_eq!(last.time, 18.0);
    assert!((first.fitted - 39.077073237663321).abs() < 1e-4);
    assert!((last.fitted - 37.059111342391347).abs() < 1e-4);
    assert!((last.population - 34.898894045620452).abs() < 1e-4);
    assert!(m.trajectories(&frame, "nope").is_err());
}
