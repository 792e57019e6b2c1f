//! escalc codes added for metafor parity (issue 23, item 10): PLN, PAS and PFT for a
//! proportion, IRLN, IRS and IRFT for a rate, SMD1 and SMD1H for two groups. Against metafor
//! 3.8-1 (`escalc(measure = ..., ...)`, the R call beside each number), except SMD1H, whose
//! variance metafor 4.6-0 changed to Bonett's formula with n − 1: that one is checked against
//! the formula written out from the current source (R/escalc.r), evaluated in R.

// The references are R's 17-significant-digit printouts.
#![allow(clippy::excessive_precision)]

use assert_cmd::Command;
use trialstats::effect::{
    proportion, rate_measure, two_group, CiMethod, GroupSummary, MeasureCode, PersonTime,
    Proportion,
};
use trialstats::level::ConfidenceLevel;

fn assert_pairs(code: MeasureCode, got: &[(f64, f64)], want: &[f64]) {
    assert_eq!(got.len() * 2, want.len(), "{code}");
    for (i, ((y, v), w)) in got.iter().zip(want.chunks(2)).enumerate() {
        assert!(
            (y - w[0]).abs() <= 1e-13 * w[0].abs().max(1.0),
            "{code}[{i}] yi {y} vs {}",
            w[0]
        );
        assert!(
            (v - w[1]).abs() <= 1e-13 * w[1].abs().max(1.0),
            "{code}[{i}] vi {v} vs {}",
            w[1]
        );
    }
}

const L: ConfidenceLevel = ConfidenceLevel::NINETY_FIVE;

/// xi <- c(3, 6, 10, 1, 0, 21); ni <- c(11, 17, 21, 6, 15, 21)
/// escalc(measure = m, xi = xi, ni = ni): yi, vi in turn (1/2 added to the cells of the
/// rows with 0 events or none without, for PLN only).
#[test]
fn proportion_codes_match_metafor_escalc() {
    let cases: [(MeasureCode, [f64; 12]); 3] = [
        (
            MeasureCode::PLN,
            [
                -1.2992829841302609,
                0.2424242424242424,
                -1.041453874828161,
                0.10784313725490195,
                -0.74193734472937733,
                0.052380952380952389,
                -1.791759469228055,
                0.83333333333333337,
                -3.4657359027997265,
                1.9375,
                -0.022989518224698718,
                0.0010570824524312877,
            ],
        ),
        (
            MeasureCode::PAS,
            [
                0.54946724475762732,
                0.022727272727272728,
                0.63613206280501022,
                0.014705882352941176,
                0.76157963208524682,
                0.011904761904761904,
                0.42053433528396511,
                0.041666666666666664,
                0.0,
                0.016666666666666666,
                std::f64::consts::FRAC_PI_2, // R: 1.5707963267948966
                0.011904761904761904,
            ],
        ),
        (
            MeasureCode::PFT,
            [
                0.56953924213434304,
                0.021739130434782608,
                0.64441566295857511,
                0.014285714285714285,
                0.76263946888809453,
                0.011627906976744186,
                0.47576966400790477,
                0.038461538461538464,
                0.12634012757103932,
                0.016129032258064516,
                1.4633714102570405,
                0.011627906976744186,
            ],
        ),
    ];
    let data = [
        (3.0, 11.0),
        (6.0, 17.0),
        (10.0, 21.0),
        (1.0, 6.0),
        (0.0, 15.0),
        (21.0, 21.0),
    ];
    for (code, want) in cases {
        let got: Vec<(f64, f64)> = data
            .iter()
            .map(|&(events, n)| {
                let e = proportion(code, &Proportion { events, n }, L, CiMethod::Wald).unwrap();
                (e.estimate, e.variance.unwrap())
            })
            .collect();
        assert_pairs(code, &got, &want);
    }
}

/// xi <- c(5, 0, 120, 1); ti <- c(1000, 250, 3e4, 2.5)
/// escalc(measure = m, xi = xi, ti = ti) (1/2 added to a 0 count for IRLN only).
#[test]
fn rate_codes_match_metafor_escalc() {
    let cases: [(MeasureCode, [f64; 8]); 3] = [
        (
            MeasureCode::IRLN,
            [
                -5.2983173665480363,
                0.20000000000000001,
                -6.2146080984221914,
                2.0,
                -5.521460917862246,
                0.0083333333333333332,
                -0.916290731874155,
                1.0,
            ],
        ),
        (
            MeasureCode::IRS,
            [
                0.070710678118654752,
                0.00025000000000000001,
                0.0,
                0.001,
                0.063245553203367583,
                8.3333333333333337e-06,
                0.63245553203367588,
                0.10000000000000001,
            ],
        ),
        (
            MeasureCode::IRFT,
            [
                0.074085172521401538,
                0.00025000000000000001,
                0.031622776601683791,
                0.001,
                0.063377041407113199,
                8.3333333333333337e-06,
                0.76344136151679587,
                0.10000000000000001,
            ],
        ),
    ];
    let data = [(5.0, 1000.0), (0.0, 250.0), (120.0, 3e4), (1.0, 2.5)];
    for (code, want) in cases {
        let got: Vec<(f64, f64)> = data
            .iter()
            .map(|&(events, time)| {
                let e =
                    rate_measure(code, &PersonTime { events, time }, L, CiMethod::Wald).unwrap();
                (e.estimate, e.variance.unwrap())
            })
            .collect();
        assert_pairs(code, &got, &want);
    }
}

/// m1 <- c(10.2, 5, -1.5); sd1 <- c(2.1, 4, 0.7); n1 <- c(12, 40, 5)
/// m2 <- c(8.9, 6.5, -2); sd2 <- c(3.3, 2, 0.9); n2 <- c(15, 38, 4)
/// SMD1: escalc(measure = "SMD1", m1i = m1, sd1i = sd1, n1i = n1, m2i = m2, sd2i = sd2,
/// n2i = n2) (metafor 3.8-1). SMD1H: the same yi, and vi as metafor ≥ 4.6-0
/// (R/escalc.r: (sd1i^2/sd2i^2)/(n1i-1) + 1/(n2i-1) + yi^2/(2*(n2i-1))) evaluated in R;
/// metafor 3.8-1 gives n in place of n − 1 (0.10503560277346452, 0.13341775595705976,
/// 0.39118822436721828).
#[test]
fn smd1_and_smd1h_match_metafor() {
    let rows = [
        ((10.2, 2.1, 12.0), (8.9, 3.3, 15.0)),
        ((5.0, 4.0, 40.0), (6.5, 2.0, 38.0)),
        ((-1.5, 0.7, 5.0), (-2.0, 0.9, 4.0)),
    ];
    let cases: [(MeasureCode, [f64; 6]); 2] = [
        (
            MeasureCode::SMD1,
            [
                0.37238607518147054,
                0.15462237963296865,
                -0.73467642723619586,
                0.058417755957059753,
                0.40200069697681545,
                0.47020057004623067,
            ],
        ),
        (
            MeasureCode::SMD1H,
            [
                0.37238607518147054,
                0.11319554627950087,
                -0.73467642723619586,
                0.13688504111459637,
                0.40200069697681545,
                0.51150199462954204,
            ],
        ),
    ];
    let g = |(mean, sd, n)| GroupSummary { mean, sd, n };
    for (code, want) in cases {
        let got: Vec<(f64, f64)> = rows
            .iter()
            .map(|&(a, b)| {
                let e = two_group(code, &g(a), &g(b), L).unwrap();
                (e.estimate, e.variance.unwrap())
            })
            .collect();
        assert_pairs(code, &got, &want);
    }
}

/// Miller (1978), as metafor's tests/testthat/test_analysis_example_miller1978.r: the
/// Freeman–Tukey values of page 138 (lines 17-18: 2·yi = 1.1391, 1.2888, 1.5253, 0.9515 and
/// 4·vi = 0.0870, 0.0571, 0.0465, 0.1538) and the unweighted equal-effects estimate
/// (line 26: 2·pred = 1.2262), from the command line.
#[test]
fn pft_reproduces_miller_1978_with_the_unweighted_model() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args([
            "meta",
            "tests/data/miller1978.csv",
            "--measure",
            "PFT",
            "--method",
            "FE",
            "--unweighted",
            "--studies",
            "--format",
            "json",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let studies = json["studies"].as_array().unwrap();
    let published = [
        (1.1391, 0.0870),
        (1.2888, 0.0571),
        (1.5253, 0.0465),
        (0.9515, 0.1538),
    ];
    for (s, (y2, v4)) in studies.iter().zip(published) {
        let (y, v) = (s["yi"].as_f64().unwrap(), s["vi"].as_f64().unwrap());
        assert!((2.0 * y - y2).abs() <= 5e-5, "{y}");
        assert!((4.0 * v - v4).abs() <= 5e-5, "{v}");
    }
    let estimate = json["estimate"].as_f64().unwrap();
    assert!((2.0 * estimate - 1.2262).abs() <= 5e-5, "{estimate}");
}

/// Intervals of the transformed measures: the Wilson and exact intervals carried through
/// monotone transformations; refused for the Freeman–Tukey codes, whose transformation
/// depends on n or t.
#[test]
fn transformed_intervals_and_their_refusals() {
    let p = Proportion {
        events: 3.0,
        n: 11.0,
    };
    let pr = proportion(MeasureCode::PR, &p, L, CiMethod::Wilson).unwrap();
    let pas = proportion(MeasureCode::PAS, &p, L, CiMethod::Wilson).unwrap();
    assert!((pas.ci_lower.unwrap() - pr.ci_lower.unwrap().sqrt().asin()).abs() < 1e-15);
    let pln = proportion(MeasureCode::PLN, &p, L, CiMethod::Exact).unwrap();
    let exact = proportion(MeasureCode::PR, &p, L, CiMethod::Exact).unwrap();
    assert!((pln.ci_upper.unwrap() - exact.ci_upper.unwrap().ln()).abs() < 1e-15);
    assert!(proportion(MeasureCode::PFT, &p, L, CiMethod::Wilson).is_err());
    let r = PersonTime {
        events: 5.0,
        time: 1000.0,
    };
    let ir = rate_measure(MeasureCode::IR, &r, L, CiMethod::Exact).unwrap();
    let irs = rate_measure(MeasureCode::IRS, &r, L, CiMethod::Exact).unwrap();
    assert!((irs.ci_lower.unwrap() - ir.ci_lower.unwrap().sqrt()).abs() < 1e-15);
    assert!(rate_measure(MeasureCode::IRFT, &r, L, CiMethod::Exact).is_err());
    let zero = PersonTime {
        events: 0.0,
        time: 10.0,
    };
    assert!(rate_measure(MeasureCode::IRLN, &zero, L, CiMethod::Exact).is_err());
}
