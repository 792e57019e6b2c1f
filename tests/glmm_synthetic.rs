//! The shipped synthetic relapse data set is exactly the generator's output, and the
//! rate-ratio model fitted to it matches lme4 and glmmTMB.

#![allow(clippy::excessive_precision)]

use crate::common::relapse_synthetic;
use relapse_synthetic::{SEED, generate, to_csv};
use std::path::Path;

const SHIPPED: &str = "data/synthetic/relapses_prepost_synthetic.csv";

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SHIPPED)
}

#[test]
fn shipped_csv_equals_the_generator_output() {
    let text = std::fs::read_to_string(shipped()).expect("the shipped synthetic CSV exists");
    assert_eq!(
        text,
        to_csv(&generate(SEED)),
        "regenerate with: cargo test --test main glmm_synthetic:: -- --ignored"
    );
}

/// Writes the shipped CSV (run by hand after changing the generator).
#[test]
#[ignore]
fn write_shipped_csv() {
    std::fs::write(shipped(), to_csv(&generate(SEED))).expect("written");
}

#[test]
fn rate_ratio_model_matches_glmmtmb_and_relates_to_the_reported_rates() {
    // R 4.2.2 (benches/glmm_reference.R):
    //   rel <- read.csv("data/synthetic/relapses_prepost_synthetic.csv")
    //   f <- relapses ~ period + offset(log(years)) + (1 | patient)
    //   glmmTMB(f, family = poisson, data = rel, control = tmbtight):
    //     logLik -26.033616424834968; fixef 1.3307944297930097 -2.2641425987588706;
    //     se 0.21906675907013237 0.59165905463999857; sd 0.4119388476411423
    //   glmer(f, family = poisson, data = rel, control = tight) stops at -26.033723714033915.
    let fit = trialstats::glmm::fit_csv(
        &shipped(),
        "relapses ~ period + offset(log(years)) + (1 | patient)",
        trialstats::glmm::GlmmOptions {
            family: trialstats::glmm::Family::Poisson,
            nagq: 1,
        },
    )
    .expect("fits");
    assert!(fit.converged && fit.warnings.is_empty());
    let d = fit.log_likelihood - -26.033616424834968;
    assert!((-1e-7..1e-5).contains(&d), "{}", fit.log_likelihood);
    assert!(fit.log_likelihood > -26.033723714033915 + 1e-4);
    for (f, (est, se)) in fit.fixed.iter().zip([
        (1.3307944297930097, 0.21906675907013237),
        (-2.2641425987588706, 0.59165905463999857),
    ]) {
        assert!((f.estimate - est).abs() < 1e-4 * se, "{f:?}");
        assert!((f.se - se).abs() < 1e-4 * se, "{f:?}");
    }
    assert!((fit.random[0].sd - 0.4119388476411423).abs() < 1e-4 * 0.41);
    // The reported rates give a rate ratio of 0.4 / 2.9 = 0.138; the fitted one (0.104) is
    // within its 95% interval (0.033 to 0.33), as it should be for data drawn at that ratio.
    let fit = fit.with_ratios(trialstats::level::ConfidenceLevel::NINETY_FIVE);
    let r = &fit.ratios.as_ref().expect("ratios")[1];
    assert_eq!(r.term, "periodtreatment");
    assert!(r.lower < 0.4 / 2.9 && 0.4 / 2.9 < r.upper, "{r:?}");
    assert!((r.ratio - (-2.2641425987588706f64).exp()).abs() < 1e-4);
}
