//! The NMOSD worked example of `trialstats nma` (data/nmosd-nma-aqp4.csv and
//! data/nmosd-nma.csv): every number in the files stands verbatim in the quote beside it, and
//! the network's estimates equal the trials' printed hazard ratios combined by hand.
//!
//! Reference values: R 4.2.2, metafor 3.8.1, with the SE of a log HR from its 95% CI,
//! `(log(upper) - log(lower)) / (2 * qnorm(0.975))`:
//! ```r
//! se <- function(l, u) (log(u) - log(l)) / (2 * qnorm(0.975))
//! y <- log(c(0.058, 0.227, 0.21, 0.26)); s <- se(c(0.017, 0.121, 0.06, 0.11), c(0.197, 0.423, 0.75, 0.63))
//! sat <- rma(y[3:4], sei = s[3:4], method = "FE")          # -1.41609280093192, SE 0.366284990549468, QE 0.074364273505567
//! c(y[1] - y[2], sqrt(s[1]^2 + s[2]^2))                    # -1.36450700693498 0.701840731030653
//! c(y[1] - sat$b, sqrt(s[1]^2 + sat$se^2))                 # -1.4312194675038  0.724431490296911
//! ```

use crate::common::{assert_within, json};

const TOL: f64 = 1e-9;

fn data(name: &str) -> String {
    format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn rows(name: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(data(name)).unwrap();
    let header = r.headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "studlab",
            "treat1",
            "treat2",
            "background",
            "hr",
            "ci_lower",
            "ci_upper",
            "population",
            "quote",
            "url"
        ]
    );
    r.records().map(|x| x.unwrap()).collect()
}

/// The hazard ratio and both limits are written as printed and stand in the quote; each row
/// names its page.
#[test]
fn every_number_stands_in_its_quote() {
    for file in ["nmosd-nma.csv", "nmosd-nma-aqp4.csv"] {
        for row in rows(file) {
            let quote = &row[8];
            for col in [4, 5, 6] {
                assert!(
                    quote.contains(&row[col]),
                    "{file}, {}: '{}' is not in the quote {quote:?}",
                    &row[0],
                    &row[col]
                );
            }
            assert!(row[9].starts_with("http"), "{file}, {}: no URL", &row[0]);
        }
    }
}

fn nma_json(file: &str) -> serde_json::Value {
    json(&[
        "nma",
        &data(file),
        "--ratio",
        "--estimate",
        "hr",
        "--ci-lower",
        "ci_lower",
        "--ci-upper",
        "ci_upper",
        "--reference",
        "placebo",
        "--format",
        "json",
    ])
}

fn effect(v: &serde_json::Value, model: &str, t: &str) -> (f64, f64) {
    let e = v[model]["effects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["treatment"] == t)
        .unwrap();
    (e["estimate"].as_f64().unwrap(), e["se"].as_f64().unwrap())
}

fn league(v: &serde_json::Value, model: &str, a: &str, b: &str) -> (f64, f64) {
    let c = v[model]["league"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["first"] == a && c["second"] == b)
        .unwrap();
    (c["estimate"].as_f64().unwrap(), c["se"].as_f64().unwrap())
}

/// AQP4-IgG positive set: a star around placebo, so each drug's network estimate is its own
/// trials' pool and each drug-vs-drug cell is the difference of two of them.
#[test]
fn aqp4_network_equals_the_trials_combined_by_hand() {
    let v = nma_json("nmosd-nma-aqp4.csv");
    assert_eq!(v["studies"], 4);
    let (ecu, ecu_se) = effect(&v, "common", "eculizumab");
    assert_within("R", "eculizumab vs placebo", ecu, (0.058f64).ln(), TOL);
    assert_within("R", "its SE", ecu_se, 0.625009031800325, TOL);
    let (ine, ine_se) = effect(&v, "common", "inebilizumab");
    assert_within("R", "inebilizumab vs placebo", ine, (0.227f64).ln(), TOL);
    assert_within("R", "its SE", ine_se, 0.319286895912847, TOL);
    let (sat, sat_se) = effect(&v, "common", "satralizumab");
    assert_within(
        "R",
        "satralizumab vs placebo (two trials)",
        sat,
        -1.41609280093192,
        TOL,
    );
    assert_within("R", "its SE", sat_se, 0.366284990549468, TOL);
    assert_within(
        "R",
        "Q (satralizumab's two trials)",
        &v["heterogeneity"]["q"],
        0.074364273505567,
        TOL,
    );
    assert_eq!(v["heterogeneity"]["df"], 1);
    // τ² = 0 (DL: Q < df), so the random-effects model is the common-effect one.
    assert_eq!(v["random"]["tau2"], 0.0);
    let (d, d_se) = league(&v, "common", "eculizumab", "inebilizumab");
    assert_within("R", "eculizumab vs inebilizumab", d, -1.36450700693498, TOL);
    assert_within("R", "its SE", d_se, 0.701840731030653, TOL);
    let (d, d_se) = league(&v, "common", "eculizumab", "satralizumab");
    assert_within("R", "eculizumab vs satralizumab", d, -1.4312194675038, TOL);
    assert_within("R", "its SE", d_se, 0.724431490296911, TOL);
}

/// Whole-trial set: PREVENT with both SAkura trials' whole populations. R:
/// `rma(log(c(0.38, 0.45)), sei = se(c(0.16, 0.23), c(0.88, 0.89)), method = "FE")`:
/// -0.863858604724502, SE 0.270375001541862, QE 0.0927264787897393.
#[test]
fn whole_population_network_runs() {
    let v = nma_json("nmosd-nma.csv");
    assert_eq!(v["studies"], 3);
    let (sat, sat_se) = effect(&v, "common", "satralizumab");
    assert_within("R", "satralizumab vs placebo", sat, -0.863858604724502, TOL);
    assert_within("R", "its SE", sat_se, 0.270375001541862, TOL);
    assert_within("R", "Q", &v["heterogeneity"]["q"], 0.0927264787897393, TOL);
}
