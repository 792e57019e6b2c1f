//! `power survival --hr-from FILE --study …`: the hazard ratio taken from a CSV of trials
//! (data/nmosd-nma.csv), one trial's as reported or several pooled. The pooled HR is checked
//! against metafor 3.8-1 and the events against Schoenfeld's formula written out in R 4.2.2.

use crate::common::{assert_within, json, trialstats};
use predicates::str::contains;

const NMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/nmosd-nma.csv");

#[test]
fn one_trials_reported_hr_with_its_quote() {
    let v = json(&[
        "power",
        "survival",
        "--hr-from",
        NMA,
        "--study",
        "SAkuraStar",
        "--allocation",
        "2:1",
        "--format",
        "json",
    ]);
    // data/nmosd-nma.csv, SAkuraStar: "hazard ratio [HR] 0.45; 95% confidence interval [CI]
    // 0.23–0.89"
    assert_within("the CSV", "hazard ratio", &v["hazard_ratio"], 0.45, 1e-15);
    // R: (qnorm(0.975) + qnorm(0.8))^2 / ((2/9) * log(0.45)^2) = 55.39390421 (digits = 10)
    assert_within("R", "events", &v["events_exact"], 55.39390421, 1e-7);
    let provenance = v["provenance"].to_string();
    assert!(provenance.contains("reported (SAkuraStar"), "{provenance}");
    assert!(
        provenance.contains("reduced risk of PDR by 55%"),
        "{provenance}"
    );
    assert!(
        provenance.contains("https://www.jns-journal.com/article/S0022-510X(19)31583-7/fulltext"),
        "{provenance}"
    );
}

#[test]
fn several_trials_are_pooled_as_metafor() {
    let v = json(&[
        "power",
        "survival",
        "--hr-from",
        NMA,
        "--study",
        "SAkuraSky,SAkuraStar",
        "--format",
        "json",
    ]);
    // R, metafor 3.8-1: y <- log(c(0.38, 0.45)); se <- (log(c(0.88, 0.89)) -
    // log(c(0.16, 0.23))) / (2 * qnorm(0.975)); r <- rma(y, sei = se, method = "REML",
    // control = list(threshold = 1e-12)); exp(r$b) = 0.421532413254050 (tau2 = 0; CI
    // 0.248134616884640 to 0.716101516405479)
    assert_within(
        "metafor",
        "pooled hazard ratio",
        &v["hazard_ratio"],
        0.421532413254050,
        1e-10,
    );
    let provenance = v["provenance"].to_string();
    assert!(provenance.contains("pooled from 2 trials"), "{provenance}");
    assert!(
        provenance.contains("0.24813462 to 0.71610152"),
        "{provenance}"
    );
}

#[test]
fn a_study_not_in_the_file_or_a_bad_row_is_refused() {
    trialstats()
        .args(["power", "survival", "--hr-from", NMA, "--study", "TANGO"])
        .assert()
        .code(2)
        .stderr(contains("--study"))
        .stderr(contains("SAkuraSky"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "studlab,hr,ci_lower,ci_upper\nX,0.5,0.6,0.9\n").unwrap();
    trialstats()
        .args([
            "power",
            "survival",
            "--hr-from",
            bad.to_str().unwrap(),
            "--study",
            "X",
        ])
        .assert()
        .code(2)
        .stderr(contains("bad.csv:2: column ci_lower"));
    trialstats()
        .args([
            "power",
            "survival",
            "--hr-from",
            NMA,
            "--study",
            "SAkuraStar",
            "--hr",
            "0.5",
        ])
        .assert()
        .code(2);
}
