//! COR and ZCOR (issue 23, item 10): metafor 3.8-1's escalc and rma on two data sets of its
//! own test suite, dat.mcdaniel1994 (test_misc_escalc.r "COR/UCOR/ZCOR", rows 1, 13, 33, 102;
//! test_misc_fsn.r) and dat.molloy2014 (test_misc_rma_vs_lm.r). Reference values:
//! `Rscript benches/meta_correlation_reference.R` (which also writes the two CSV files).

use crate::common::{assert_close_or_within, json, trialstats};
use trialstats::effect::{Correlation, MeasureCode, correlation};
use trialstats::level::ConfidenceLevel;

const MOLLOY: &str = "tests/data/correlations/molloy2014.csv";
const MCDANIEL: &str = "tests/data/correlations/mcdaniel1994.csv";

/// References smaller than this in magnitude are compared absolutely, at `rel · SMALL`.
const SMALL: f64 = 1e-3;

/// `effect CODE --input FILE --format json`: yi and vi of rows `rows` (1-based).
fn escalc(code: &str, file: &str, rows: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let j = json(&["effect", code, "--input", file, "--format", "json"]);
    let rows_json = j.as_array().or_else(|| j["effects"].as_array()).unwrap();
    let pick = |key: &str| {
        rows.iter()
            .map(|&i| rows_json[i - 1][key].as_f64().unwrap())
            .collect()
    };
    (pick("estimate"), pick("variance"))
}

#[test]
fn escalc_cor_and_zcor_match_metafor() {
    let cases: [(&str, &str, Vec<usize>, Vec<f64>); 4] = [
        // unlist(escalc(measure = "COR", ri = ri, ni = ni, data = mcd)[c(1, 13, 33, 102), c("yi", "vi")])
        (
            "COR",
            MCDANIEL,
            vec![1, 13, 33, 102],
            vec![
                0.0,
                0.62,
                0.98999999999999999,
                -0.13,
                0.0081967213114754103,
                0.027068811428571423,
                7.9202000000000235e-05,
                0.024162140249999998,
            ],
        ),
        // unlist(escalc(measure = "COR", ri = ri, ni = ni, data = molloy)[1:6, c("yi", "vi")])
        (
            "COR",
            MOLLOY,
            vec![1, 2, 3, 4, 5, 6],
            vec![
                0.187,
                0.16200000000000001,
                0.34000000000000002,
                0.32000000000000001,
                0.27000000000000002,
                0.0,
                0.0086230076940833327,
                0.0012676480582032084,
                0.014484506666666666,
                0.0076008090566037729,
                0.012105836760563381,
                0.015625,
            ],
        ),
        // unlist(escalc(measure = "ZCOR", ri = ri, ni = ni, data = mcd)[c(1, 13, 33, 102), c("yi", "vi")])
        (
            "ZCOR",
            MCDANIEL,
            vec![1, 13, 33, 102],
            vec![
                0.0,
                0.72500508775299921,
                2.6466524123622457,
                -0.13073985002887836,
                0.0083333333333333332,
                0.083333333333333329,
                0.33333333333333331,
                0.026315789473684209,
            ],
        ),
        // unlist(escalc(measure = "ZCOR", ri = ri, ni = ni, data = molloy)[1:6, c("yi", "vi")])
        (
            "ZCOR",
            MOLLOY,
            vec![1, 2, 3, 4, 5, 6],
            vec![
                0.1892266425309288,
                0.16343991846488676,
                0.35409252896224302,
                0.33164710870513214,
                0.27686382265510007,
                0.0,
                0.009433962264150943,
                0.0013404825737265416,
                0.019230769230769232,
                0.0096153846153846159,
                0.014492753623188406,
                0.016129032258064516,
            ],
        ),
    ];
    for (code, file, rows, want) in cases {
        let (yi, vi) = escalc(code, file, &rows);
        let m = rows.len();
        for i in 0..m {
            assert_close_or_within(
                &format!("{code} {file} yi[{i}]"),
                yi[i],
                want[i],
                1e-13,
                1e-13 * SMALL,
            );
            assert_close_or_within(
                &format!("{code} {file} vi[{i}]"),
                vi[i],
                want[m + i],
                1e-13,
                1e-13 * SMALL,
            );
        }
    }
    // test_misc_escalc.r (published, 4 decimals): COR vi 0.0082, 0.0271, 0.0001, 0.0242;
    // ZCOR yi 0.0000, 0.7250, 2.6467, -0.1307 and vi 0.0083, 0.0833, 0.3333, 0.0263.
    let (yi, vi) = escalc("ZCOR", MCDANIEL, &[1, 13, 33, 102]);
    for (got, want) in yi.iter().zip([0.0, 0.7250, 2.6467, -0.1307]) {
        assert!((got - want).abs() < 5e-5, "{got} vs {want}");
    }
    for (got, want) in vi.iter().zip([0.0083, 0.0833, 0.3333, 0.0263]) {
        assert!((got - want).abs() < 5e-5, "{got} vs {want}");
    }
}

#[test]
fn one_correlation_from_the_library_and_the_command_line() {
    let level = ConfidenceLevel::new(0.95).unwrap();
    // escalc(measure = "ZCOR", ri = 0.62, ni = 15): yi 0.72500508775299921, vi 1/12
    let e = correlation(MeasureCode::ZCOR, &Correlation { r: 0.62, n: 15.0 }, level).unwrap();
    assert_close_or_within("yi", e.estimate, 0.72500508775299921, 1e-14, 1e-14 * SMALL);
    assert_close_or_within("vi", e.variance.unwrap(), 1.0 / 12.0, 1e-14, 1e-14 * SMALL);
    // metafor: vi is NA for ni <= 3
    let e = correlation(MeasureCode::COR, &Correlation { r: 0.3, n: 3.0 }, level).unwrap();
    assert!(e.variance.is_none());
    let j = json(&[
        "effect", "COR", "--r", "0.62", "--n", "15", "--format", "json",
    ]);
    assert_close_or_within(
        "vi",
        &j["variance"],
        0.027068811428571423,
        1e-13,
        1e-13 * SMALL,
    );
    for (args, message) in [
        (vec!["effect", "COR", "--r", "1.2", "--n", "15"], "--r"),
        (vec!["effect", "ZCOR", "--r", "1", "--n", "15"], "infinite"),
        (vec!["effect", "ZCOR", "--r", "0.2", "--n", "0"], "--n"),
    ] {
        let out = trialstats().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

/// `meta --measure ZCOR --ztor` and `--measure COR` against rma(measure = ..., ri = ri, ni =
/// ni, data = ..., control = list(threshold = 1e-12, maxiter = 1000)) (REML): beta, se, ci.lb,
/// ci.ub, tau2, QE, I2, k; for ZCOR then predict(res, transf = transf.ztor): pred, ci.lb,
/// ci.ub, pi.lb, pi.ub.
#[test]
fn meta_on_correlations_matches_metafor_rma() {
    type Case = (&'static str, &'static str, Vec<f64>, Option<Vec<f64>>);
    let cases: [Case; 4] = [
        // rma(measure = "ZCOR", ri = ri, ni = ni, data = molloy, control = ...)
        (
            "ZCOR",
            MOLLOY,
            vec![
                0.14991714851750013,
                0.031559960165993772,
                0.088060763238633599,
                0.21177353379636665,
                0.008109560824303929,
                38.159515423615737,
                61.729654689239105,
                16.0,
            ],
            Some(vec![
                0.14880401769001181,
                0.087833838895711974,
                0.20866343931015496,
                -0.037091911658996377,
                0.32474571415074083,
            ]),
        ),
        // rma(measure = "COR", ri = ri, ni = ni, data = molloy, control = ...)
        (
            "COR",
            MOLLOY,
            vec![
                0.15237336049672548,
                0.03132640577910966,
                0.090974733404583147,
                0.21377198758886781,
                0.0085670768185091874,
                40.832351638988008,
                64.691541366189298,
                16.0,
            ],
            None,
        ),
        // rma(measure = "ZCOR", ri = ri, ni = ni, data = mcd, control = ...)
        (
            "ZCOR",
            MCDANIEL,
            vec![
                0.23739345572804918,
                0.016957285045407066,
                0.20415778776347168,
                0.27062912369262671,
                0.029310456126355189,
                789.73214152924561,
                81.29199933659109,
                160.0,
            ],
            Some(vec![
                0.23303225305610709,
                0.20136783353836443,
                0.26421013914117081,
                -0.09947011434893839,
                0.51872006103859114,
            ]),
        ),
        // rma(measure = "COR", ri = ri, ni = ni, data = mcd, control = ...)
        (
            "COR",
            MCDANIEL,
            vec![
                0.24437654587591146,
                0.016984009999938585,
                0.21108849796296369,
                0.27766459378885922,
                0.033102238551806835,
                6136.919410073383,
                88.949720983711657,
                160.0,
            ],
            None,
        ),
    ];
    for (code, file, want, ztor) in cases {
        let mut args = vec!["meta", file, "--measure", code, "--format", "json"];
        if ztor.is_some() {
            args.push("--ztor");
        }
        let j = json(&args);
        let got = |k: &str| j[k].as_f64().unwrap_or_else(|| panic!("{k} in {j}"));
        for (k, (key, rel)) in [
            ("estimate", 1e-8),
            ("se", 1e-7),
            ("ci_lower", 1e-7),
            ("ci_upper", 1e-7),
            ("tau2", 1e-7),
            ("q", 1e-10),
            ("i2", 1e-7),
            ("k", 0.0),
        ]
        .into_iter()
        .enumerate()
        {
            assert_close_or_within(
                &format!("{code} {file} {key}"),
                got(key),
                want[k],
                rel,
                rel * SMALL,
            );
        }
        match ztor {
            Some(r) => {
                let c = &j["as_correlation"];
                for (k, key) in ["estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"]
                    .into_iter()
                    .enumerate()
                {
                    assert_close_or_within(
                        &format!("{file} ztor {key}"),
                        &c[key],
                        r[k],
                        1e-7,
                        1e-7 * SMALL,
                    );
                }
            }
            None => assert!(j.get("as_correlation").is_none()),
        }
    }
}
