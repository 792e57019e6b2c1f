//! `check baseline` (issue 45): Carlisle's check of baseline tables on simdistr's seven Saitoh
//! trials (its `example_trials`, written out as tests/data/baseline_saitoh.csv with each mean
//! printed to its decimals). The analytic p against R; the simulated p within Monte-Carlo
//! error of simdistr 1.0.1's `sim_distr` run in R 4.2.2 with m = 100,000
//! (`set.seed(20261124); sim_distr(100000, example_trials, FALSE)`, 229 s).

use crate::common::trialstats;
use predicates::str::contains;
use std::path::Path;
use trialstats::checks::baseline::{
    BaselineColumns, BaselineSettings, BaselineTable, check_baseline,
};
use trialstats::csv_file::CsvFile;

const SAITOH: &str = "tests/data/baseline_saitoh.csv";

fn saitoh(simulations: usize, seed: u64) -> trialstats::checks::baseline::BaselineCheck {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAITOH);
    let table =
        BaselineTable::from_csv(&CsvFile::read(&path).unwrap(), &BaselineColumns::default())
            .unwrap();
    check_baseline(&table, BaselineSettings { simulations, seed }).unwrap()
}

/// Each variable's F (or χ²) and p. R 4.2.2, per variable: grand <- sum(n * m) / N;
/// F <- (sum(n * (m - grand)^2) / (k - 1)) / (sum((n - 1) * s^2) / (N - k));
/// pf(F, k - 1, N - k, lower.tail = FALSE); binary: chisq.test(rbind(x, n - x), correct =
/// FALSE) with x = round(n * p).
#[allow(clippy::excessive_precision)]
const R_ANALYTIC: [(&str, f64, f64); 25] = [
    ("Saitoh 1993|V1", 0.23977862837360181, 0.91516160229112598),
    ("Saitoh 1993|V2", 0.35505873436908003, 0.83993158417563263),
    ("Saitoh 1993|V3", 0.24086712163789645, 0.993304671715459),
    ("Saitoh 1995A|V1", 0.10962162162161875, 0.74304047948529139),
    ("Saitoh 1995A|V2", 0.11589848151526586, 0.73606724125521339),
    ("Saitoh 1995A|V3", 0.0, 1.0),
    ("Saitoh 1995B|V1", 0.5278655174259862, 0.6649743612663449),
    ("Saitoh 1995B|V2", 0.079061858174509961, 0.97109834775508497),
    ("Saitoh 1995B|V3", 0.11051424094902411, 0.95361096180907035),
    ("Saitoh 1995B|V4", 0.0, 1.0),
    ("Saitoh 1996|V1", 0.33273434277970815, 0.80169555703913264),
    ("Saitoh 1996|V2", 0.1829451975437355, 0.90755224942574453),
    ("Saitoh 1996|V3", 1.1041353896547037, 0.35515499167394826),
    ("Saitoh 1996|V4", 0.0, 1.0),
    ("Saitoh 1997A|V1", 0.57609332552069503, 0.56646898737844109),
    ("Saitoh 1997A|V2", 0.16417050691244414, 0.84913922535015363),
    ("Saitoh 1997A|V3", 0.27492973358140882, 0.76098197055263705),
    ("Saitoh 1997A|V4", 0.0, 1.0),
    ("Saitoh 1997B|V1", 1.4157112786871831, 0.24294030626188026),
    ("Saitoh 1997B|V2", 2.1320369196082609, 0.10120687999104576),
    ("Saitoh 1997B|V3", 2.5127115354758556, 0.06308870990459331),
    ("Saitoh 1997B|V4", 0.0, 1.0),
    ("Saitoh 2013|V1", 0.081479941800042699, 0.96983037624394253),
    ("Saitoh 2013|V2", 0.22335374234661889, 0.87977352699174916),
    ("Saitoh 2013|V3", 0.0, 1.0),
];

/// simdistr's p per variable (m = 100,000; see the module doc), in the file's order.
const SIMDISTR: [f64; 25] = [
    0.083230, 0.157305, 0.011065, 0.251495, 0.269740, 0.068785, 0.337220, 0.028810, 0.046865,
    0.001990, 0.196590, 0.091805, 0.653195, 0.002050, 0.435655, 0.153665, 0.239720, 0.011585,
    0.763525, 0.905270, 0.943570, 0.001015, 0.029530, 0.117715, 0.011230,
];

/// simdistr's combined p per trial (the same run).
#[allow(clippy::excessive_precision)]
const SIMDISTR_TRIALS: [f64; 7] = [
    0.0034618251205,
    0.0549909053943,
    0.0002938674261,
    0.0099032191249,
    0.0187476681110,
    0.6044040033978,
    0.0009916894346,
];

/// Stouffer's combination of the ANOVA p per trial. R: p <- pmin(pmax(p, 1e-16), 1 - 1e-16);
/// 1 - pnorm(sum(qnorm(1 - p)) / sqrt(length(p))).
#[allow(clippy::excessive_precision)]
const R_STOUFFER: [f64; 7] = [
    0.99740290377245555,
    0.99999997886605763,
    0.9999999994919524,
    0.99999972186271169,
    0.99999978989911364,
    0.99072124380617532,
    0.99999999996035582,
];

#[test]
fn the_analytic_p_is_rs() {
    let check = saitoh(1000, 1);
    assert_eq!(check.variables.len(), 25);
    for (v, (key, statistic, p)) in check.variables.iter().zip(R_ANALYTIC) {
        assert_eq!(format!("{}|{}", v.trial, v.variable), key);
        assert!(
            (v.statistic - statistic).abs() < 1e-10,
            "{key}: {} vs R {statistic}",
            v.statistic
        );
        assert!(
            (v.anova_p - p).abs() < 1e-10,
            "{key}: {} vs R {p}",
            v.anova_p
        );
    }
    for (t, want) in check.trials.iter().zip(R_STOUFFER) {
        assert!(
            (t.stouffer_p - want).abs() < 1e-9,
            "{}: {} vs R {want}",
            t.trial,
            t.stouffer_p
        );
    }
}

/// Our 100,000 simulations against simdistr's 100,000: each p within 4 Monte-Carlo SEs of
/// the difference of two independent estimates, √(2p(1 − p)/m), and each trial's combined p
/// within 0.1 on the z scale (Φ⁻¹(1 − p)).
#[test]
fn the_simulated_p_is_simdistrs_within_monte_carlo_error() {
    let m = 100_000.0;
    let check = saitoh(100_000, 20261124);
    for (v, want) in check.variables.iter().zip(SIMDISTR) {
        let se = (2.0 * want * (1.0 - want) / m).sqrt().max(1.0 / m);
        assert!(
            (v.similar_p - want).abs() < 4.0 * se,
            "{} {}: {} vs simdistr {want} (SE {se:.1e})",
            v.trial,
            v.variable,
            v.similar_p
        );
    }
    let z = |p: f64| -trialstats::dist::qnorm(p);
    for (t, want) in check.trials.iter().zip(SIMDISTR_TRIALS) {
        assert!(
            (z(t.similar_p) - z(want)).abs() < 0.1,
            "{}: {} vs simdistr {want}",
            t.trial,
            t.similar_p
        );
    }
}

/// A seed gives the same answer every time (each variable has its own stream).
#[test]
fn a_seed_repeats() {
    assert_eq!(saitoh(2000, 5), saitoh(2000, 5));
    assert_ne!(
        saitoh(2000, 5).variables[0].similar_p,
        saitoh(2000, 6).variables[0].similar_p
    );
}

#[test]
fn the_command_gives_json_and_flags_by_its_threshold() {
    let out = trialstats()
        .args([
            "check",
            "baseline",
            SAITOH,
            "--simulations",
            "20000",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["trial", "variable", "kind", "anova_p", "similar_p"] {
        assert!(v["variables"][0].get(field).is_some(), "{field}");
    }
    for field in ["trial", "stouffer_p", "similar_p"] {
        assert!(v["trials"][0].get(field).is_some(), "{field}");
    }
    assert!(v["limits"].as_str().unwrap().contains("not a verdict"));
    // Saitoh 1995B's combined similar_p is about 0.0003: flagged at 0.001 (exit 1).
    trialstats()
        .args([
            "check",
            "baseline",
            SAITOH,
            "--simulations",
            "20000",
            "--flag-below",
            "0.001",
        ])
        .assert()
        .code(1)
        .stdout(contains("Saitoh 1995B"))
        .stdout(contains("not a verdict"));
}

#[test]
fn bad_tables_name_the_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let header = "trial,variable,arm,n,mean,sd,decimals\n";
    let cases = [
        ("A,age,1,20,54.1,9.0,1\n", ".csv:2", "one arm"),
        (
            "A,age,1,1,54.1,9.0,1\nA,age,2,20,53.8,8.7,1\n",
            "column n",
            "at least 2",
        ),
        (
            "A,age,1,20,54.1,-9.0,1\nA,age,2,20,53.8,8.7,1\n",
            "column sd",
            "negative",
        ),
        (
            "A,male,1,20,45,,0\nA,male,2,20,0.5,,1\n",
            "column mean",
            "proportion",
        ),
        (
            "A,age,1,20,54.1,9.0,2\nA,age,2,20,53.8,8.7,2\n",
            "column mean",
            "decimals column says 2",
        ),
        (
            "A,age,1,20,54.1,9.0,1\nA,age,2,20,0.5,,1\n",
            "column sd",
            "some arms have an SD",
        ),
    ];
    for (i, (rows, place, what)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.csv"));
        std::fs::write(&path, format!("{header}{rows}")).unwrap();
        trialstats()
            .args(["check", "baseline"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(contains(*place))
            .stderr(contains(*what));
    }
}

#[test]
fn the_chart_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baseline.png");
    trialstats()
        .args([
            "check",
            "baseline",
            SAITOH,
            "--simulations",
            "2000",
            "--plot",
        ])
        .arg(&path)
        .assert()
        .success();
    let (w, h, _) = crate::common::png_rgb(&path);
    assert!(w >= 400 && h >= 300);
}
