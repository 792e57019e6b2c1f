//! escalc codes added for metafor parity (issue 23, item 10): PLN, PAS and PFT for a
//! proportion, IRLN, IRS and IRFT for a rate, SMD1 and SMD1H for two groups. Against metafor
//! 3.8-1 (`escalc(measure = ..., ...)`, the R call beside each number), except SMD1H, whose
//! variance metafor 4.6-0 changed to Bonett's formula with n − 1: that one is checked against
//! the formula written out from the current source (R/escalc.r), evaluated in R.

// The references are R's 17-significant-digit printouts.
#![allow(clippy::excessive_precision)]

use assert_cmd::Command;
use trialstats::effect::{
    CiMethod, GroupSummary, MeasureCode, PersonTime, Proportion, proportion, rate_measure,
    two_group,
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

/// (yi, vi) of each (events, n) by `code` (Wald, as escalc).
fn proportion_pairs(code: MeasureCode, rows: &[(f64, f64)]) -> Vec<(f64, f64)> {
    rows.iter()
        .map(|&(events, n)| {
            let e = proportion(code, &Proportion { events, n }, L, CiMethod::Wald).unwrap();
            (e.estimate, e.variance.unwrap())
        })
        .collect()
}

/// (yi, vi) of each (events, time) by `code` (Wald, as escalc).
fn rate_pairs(code: MeasureCode, rows: &[(f64, f64)]) -> Vec<(f64, f64)> {
    rows.iter()
        .map(|&(events, time)| {
            let e = rate_measure(code, &PersonTime { events, time }, L, CiMethod::Wald).unwrap();
            (e.estimate, e.variance.unwrap())
        })
        .collect()
}

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
        let got = proportion_pairs(code, &data);
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
        let got = rate_pairs(code, &data);
        assert_pairs(code, &got, &want);
    }
}

/// The proportion and rate codes on metafor's own data sets (metadat, shipped with metafor
/// 3.8.1): Pritz 1997 (14 studies, xi of ni) and the warfarin arms of Hart 1999 (6 trials, x1i
/// events in t1i patient-years). R 4.2.2:
///   escalc(measure = m, xi = xi, ni = ni, data = dat.pritz1997) for PLN, PAS, PFT
///   escalc(measure = m, xi = x1i, ti = t1i, data = dat.hart1999) for IRLN, IRS, IRFT
/// yi and vi row by row. Pritz 1997 has rows with xi = ni (5 and 8), where PLN adds 1/2.
#[test]
// PAS of 10 of 10 is asin(1) = π/2 and PFT/PAS of 4 of 8 is π/4: metafor's printed values.
#[allow(clippy::approx_constant)]
fn proportion_and_rate_codes_match_metafor_on_pritz_1997_and_hart_1999() {
    let pritz = [
        (16.0, 17.0),
        (10.0, 12.0),
        (4.0, 8.0),
        (43.0, 58.0),
        (10.0, 10.0),
        (25.0, 42.0),
        (13.0, 14.0),
        (12.0, 12.0),
        (22.0, 41.0),
        (4.0, 5.0),
        (5.0, 6.0),
        (18.0, 23.0),
        (58.0, 68.0),
        (6.0, 10.0),
    ];
    let proportions: [(MeasureCode, &[f64]); 3] = [
        (
            MeasureCode::PLN,
            &[
                -0.060624621816434854,
                0.0036764705882352949,
                -0.18232155679395459,
                0.016666666666666677,
                -0.69314718055994529,
                0.125,
                -0.29924289485285688,
                0.0060144346431435444,
                -0.046520015634892817,
                0.0043290043290043212,
                -0.51879379341516751,
                0.016190476190476193,
                -0.074107972153721849,
                0.0054945054945055027,
                -0.039220713153281267,
                0.0030769230769230743,
                -0.62252961334599188,
                0.021064301552106431,
                -0.22314355131420971,
                0.049999999999999989,
                -0.18232155679395459,
                0.033333333333333354,
                -0.24512245803298496,
                0.012077294685990336,
                -0.15906469462968739,
                0.0025354969574036511,
                -0.51082562376599072,
                0.066666666666666652,
            ],
        ),
        (
            MeasureCode::PAS,
            &[
                1.3258176636680323,
                0.014705882352941176,
                1.1502619915109316,
                0.020833333333333332,
                0.78539816339744839,
                0.03125,
                1.0372991555849818,
                0.0043103448275862068,
                1.5707963267948966,
                0.025000000000000001,
                0.88122176088515658,
                0.0059523809523809521,
                1.3002465638163236,
                0.017857142857142856,
                1.5707963267948966,
                0.020833333333333332,
                0.82201625422926028,
                0.0060975609756097563,
                1.1071487177940904,
                0.050000000000000003,
                1.1502619915109316,
                0.041666666666666664,
                1.0857465398654136,
                0.010869565217391304,
                1.1772321914668327,
                0.0036764705882352941,
                0.88607712379261372,
                0.025000000000000001,
            ],
        ),
        (
            MeasureCode::PFT,
            &[
                1.2819073096527314,
                0.014285714285714285,
                1.1187212829291615,
                0.02,
                0.78539816339744828,
                0.029411764705882353,
                1.0326894500169623,
                0.0042735042735042739,
                1.417657642210062,
                0.023809523809523808,
                0.8789931264359736,
                0.0058823529411764705,
                1.2533215339261292,
                0.017241379310344827,
                1.4302788760434899,
                0.02,
                0.82115309380560153,
                0.006024096385542169,
                1.0527893048177204,
                0.045454545454545456,
                1.0950266627869918,
                0.038461538461538464,
                1.0720045036500236,
                0.010638297872340425,
                1.1701604434754409,
                0.0036496350364963502,
                0.87721351559769989,
                0.023809523809523808,
            ],
        ),
    ];
    for (code, want) in proportions {
        let got = proportion_pairs(code, &pritz);
        assert_pairs(code, &got, want);
    }
    let hart = [
        (9.0, 413.0),
        (8.0, 263.0),
        (3.0, 487.0),
        (6.0, 237.0),
        (7.0, 489.0),
        (20.0, 507.0),
    ];
    let rates: [(MeasureCode, &[f64]); 3] = [
        (
            MeasureCode::IRLN,
            &[
                -3.8262230156248136,
                0.1111111111111111,
                -3.4927124904979285,
                0.125,
                -5.0896518344144797,
                0.33333333333333331,
                -3.6763006719070761,
                0.16666666666666666,
                -4.2464523404195589,
                0.14285714285714285,
                -3.2327787300371922,
                0.050000000000000003,
            ],
        ),
        (
            MeasureCode::IRS,
            &[
                0.14762034939153687,
                0.00060532687651331722,
                0.17440828807877892,
                0.00095057034220532319,
                0.078486713977890726,
                0.00051334702258726901,
                0.15911145683514602,
                0.0010548523206751054,
                0.11964501003116625,
                0.00051124744376278123,
                0.19861453057473932,
                0.00049309664694280081,
            ],
        ),
        (
            MeasureCode::IRFT,
            &[
                0.15161293020695307,
                0.00060532687651331722,
                0.17969810643612058,
                0.00095057034220532319,
                0.084557682431889741,
                0.00051334702258726901,
                0.16548573624211438,
                0.0010548523206751054,
                0.12377545295469106,
                0.00051124744376278123,
                0.20106693109754623,
                0.00049309664694280081,
            ],
        ),
    ];
    for (code, want) in rates {
        let got = rate_pairs(code, &hart);
        assert_pairs(code, &got, want);
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
