//! `power mmrm` against Lu, Luo & Chen (2008, Int J Biostat 4(1)) Tables 1 and 2 as longpower
//! reproduces them (its tests/testthat/tests.R and the examples of R/power_mmrm.R), and
//! against longpower's `power.mmrm` / `power.mmrm.ar1` themselves: longpower 1.0.x built from
//! its GitHub source (mcdonohue/longpower) into a private library, R 4.2.2,
//! options(digits = 15); its root finding at tol = .Machine$double.eps^2.

use crate::common::assert_within;
use trialstats::level::ConfidenceLevel;
use trialstats::power::mmrm::{CorrelationSpec, MmrmDesign, mmrm_power, phi};
use trialstats::power::{Allocation, Goal, SampleSize, Sides, SmallSample, Test};

fn z_test() -> Test {
    Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided)
}

fn cs25() -> Vec<Vec<f64>> {
    CorrelationSpec::CompoundSymmetry(0.25)
        .matrix(4, "--correlation")
        .unwrap()
}

fn design(correlation: Vec<Vec<f64>>, ra: &[f64], rb: Option<&[f64]>, delta: f64) -> MmrmDesign {
    MmrmDesign {
        delta,
        sd: 1.0,
        sd_b: None,
        correlation,
        correlation_b: None,
        retention: ra.to_vec(),
        retention_b: rb.map(|r| r.to_vec()),
    }
}

fn ratio(lambda: f64) -> Allocation {
    Allocation { a: lambda, b: 1.0 }
}

const RA: [f64; 4] = [1.0, 0.9, 0.8, 0.7];

#[test]
fn power_mmrm_documented_examples_one_to_one_and_two_to_one() {
    // longpower R/power_mmrm.R examples, Ra = compound symmetry 0.25 (4 visits),
    // ra = c(1, 0.90, 0.80, 0.70), sigmaa = 1.
    for (lambda, n1, n2, power_174, delta_174) in [
        // power.mmrm(Ra=Ra, ra=ra, sigmaa=1, delta=0.5, power=0.80): n1 = n2 = 86.9917503890357
        // power.mmrm(N=174, ..., delta=0.5)$power = 0.800037187212964
        // power.mmrm(N=174, ..., power=0.80)$delta = 0.499976293659376
        (
            1.0,
            86.9917503890357,
            86.9917503890357,
            0.800037187212964,
            0.499976293659376,
        ),
        // the same with lambda = 2: n1 = 130.487625583554, n2 = 65.2438127917768,
        // power 0.752229099272712, delta 0.530304941518593
        (
            2.0,
            130.487625583554,
            65.2438127917768,
            0.752229099272712,
            0.530304941518593,
        ),
    ] {
        let d = design(cs25(), &RA, None, 0.5);
        let r = mmrm_power(&d, z_test(), ratio(lambda), Goal::Power(0.8)).unwrap();
        assert_within(
            "longpower",
            &format!("total n, lambda {lambda}"),
            r.solution.n_total_exact.unwrap(),
            n1 + n2,
            1e-6,
        );
        // each arm rounded up
        assert_eq!(r.solution.n_a, n1.ceil() as u64);
        assert_eq!(r.solution.n_b, n2.ceil() as u64);
        let r = mmrm_power(
            &d,
            z_test(),
            ratio(lambda),
            Goal::N(SampleSize::Total(174.0)),
        )
        .unwrap();
        assert_eq!(r.solution.n_total(), 174);
        assert_within(
            "longpower",
            &format!("power, lambda {lambda}"),
            r.solution.power,
            power_174,
            1e-6,
        );
        let r = mmrm_power(
            &d,
            z_test(),
            ratio(lambda),
            Goal::Delta {
                power: 0.8,
                n: SampleSize::Total(174.0),
            },
        )
        .unwrap();
        assert_within(
            "longpower",
            &format!("delta, lambda {lambda}"),
            r.design.delta,
            delta_174,
            1e-6,
        );
    }
}

#[test]
fn lu_luo_chen_table_5_ar1_with_arm_specific_retention() {
    // longpower power.mmrm.ar1 examples ("approximate simulation results from Table 5 from
    // Lu, Luo & Chen (2008)"): rho = 0.6, ra = c(100, 76, 63, 52)/100,
    // rb = c(100, 87, 81, 78)/100, sigmaa = 1, power = 0.904, delta = 0.9;
    // phi1 = 1.75227635858878, phi2 = 1.24695119599175 for every lambda.
    let ra = [1.0, 0.76, 0.63, 0.52];
    let rb = [1.0, 0.87, 0.81, 0.78];
    let ar1 = CorrelationSpec::Ar1(0.6)
        .matrix(4, "--correlation")
        .unwrap();
    let d = design(ar1, &ra, Some(&rb), 0.9);
    for (lambda, n1, n2) in [
        ((1.25f64 / 1.75).sqrt(), 36.9230684464738, 43.6879637532374),
        (1.25 / 1.75, 34.775867034936, 48.6862138489104),
        (1.0, 39.4636714186821, 39.4636714186821),
        (2.0, 55.8709867617933, 27.9354933808966),
    ] {
        let r = mmrm_power(&d, z_test(), ratio(lambda), Goal::Power(0.904)).unwrap();
        assert_within("longpower", "phi a", r.phi_a, 1.75227635858878, 1e-12);
        assert_within("longpower", "phi b", r.phi_b, 1.24695119599175, 1e-12);
        assert_within(
            "longpower",
            &format!("total n, lambda {lambda}"),
            r.solution.n_total_exact.unwrap(),
            n1 + n2,
            1e-6,
        );
    }
    // power.mmrm.ar1(N=80, rho=0.6, ra, rb, lambda=1, delta=0.9)$power = 0.907711669457866
    let r = mmrm_power(&d, z_test(), ratio(1.0), Goal::N(SampleSize::Total(80.0))).unwrap();
    assert_within(
        "longpower",
        "power",
        r.solution.power,
        0.907711669457866,
        1e-9,
    );
}

#[test]
fn lu_luo_chen_table_1_z_and_t() {
    // Lu, Luo & Chen (2008) Table 1 as longpower's power.mmrm example reproduces it: total N
    // for delta = 0.5, sigma = 1, two-sided alpha 0.05, power 0.9, by (phi1, phi2, lambda).
    // z: (phi1 + lambda phi2)(z_0.025 + z_0.1)^2 / 0.5^2 · (1 + 1/lambda).
    // t: longpower puts t quantiles with df = N_z − 2 into the same formula (one step); we
    // solve the t test's power (noncentral t, df = N − 2, as power.t.test), which differs
    // from that by less than 0.1 patient here and rounds up to the same N in every row.
    // phi = 1 is full retention; phi = 2 is retention 0.5 at the last of two independent
    // visits (phi = 1/r_K then).
    let rows: [(f64, f64, f64, f64, f64); 8] = [
        (1.0, 1.0, 1.0, 168.11876898305, 170.147602556564),
        (1.0, 1.0, 2.0, 189.133615105931, 191.157604171059),
        (1.0, 2.0, 0.5f64.sqrt(), 244.966998329937, 246.982211011525),
        (1.0, 2.0, 0.5, 252.178153474575, 254.192519905287),
        (1.0, 2.0, 1.0, 252.178153474575, 254.192519905287),
        (1.0, 2.0, 2.0, 315.222691843219, 317.23132678479),
        (2.0, 2.0, 1.0, 336.2375379661, 338.244744929957),
        (2.0, 2.0, 2.0, 378.267230211862, 380.272061544442),
    ];
    let identity = CorrelationSpec::CompoundSymmetry(0.0)
        .matrix(2, "--correlation")
        .unwrap();
    let retention = |phi: f64| vec![1.0, 1.0 / phi];
    for (phi1, phi2, lambda, z_total, t_total) in rows {
        let d = MmrmDesign {
            retention_b: Some(retention(phi2)),
            ..design(identity.clone(), &retention(phi1), None, 0.5)
        };
        assert!((phi(&identity, &retention(phi1)).unwrap() - phi1).abs() < 1e-14);
        let r = mmrm_power(&d, z_test(), ratio(lambda), Goal::Power(0.9)).unwrap();
        assert_within(
            "longpower",
            &format!("total n, z test, lambda {lambda}"),
            r.solution.n_total_exact.unwrap(),
            z_total,
            1e-8,
        );
        let t = Test {
            small_sample: SmallSample::T,
            ..z_test()
        };
        let r = mmrm_power(&d, t, ratio(lambda), Goal::Power(0.9)).unwrap();
        let n = r.solution.n_total_exact.unwrap();
        assert_within(
            "longpower",
            &format!("total n, t test, lambda {lambda}"),
            n,
            t_total,
            0.1,
        );
        assert_eq!(
            n.ceil(),
            t_total.ceil(),
            "phi {phi1}/{phi2}, lambda {lambda}"
        );
    }
}

#[test]
fn lu_luo_chen_table_2_phi_under_ar1() {
    // Lu, Luo & Chen (2008) Table 2: phi for J = 2 and 4 visits, last-visit dropout
    // a_J = 0.1 .. 0.4 (retention linear from 1 to 1 − a_J), rho^(J−1) = 0, .1, .3, .5, .7,
    // .9, as longpower's tests/testthat/tests.R checks power.mmrm.ar1(...)$phi1 (values as
    // printed there). We compute phi from the AR(1) matrix by the general formula (3).
    let want: [[f64; 6]; 8] = [
        [
            1.11111111111111,
            1.11,
            1.10111111111111,
            1.08333333333333,
            1.05666666666667,
            1.02111111111111,
        ],
        [1.25, 1.2475, 1.2275, 1.1875, 1.1275, 1.0475],
        [
            1.42857142857143,
            1.42428571428571,
            1.39,
            1.32142857142857,
            1.21857142857143,
            1.08142857142857,
        ],
        [
            1.66666666666667,
            1.66,
            1.60666666666667,
            1.5,
            1.34,
            1.12666666666667,
        ],
        [
            1.11111111111111,
            1.10050206679506,
            1.08280448732802,
            1.06283003239702,
            1.03996686151349,
            1.01408550239776,
        ],
        [
            1.25,
            1.2247445108099,
            1.18392908471514,
            1.13886229048648,
            1.08796962333115,
            1.03089517940421,
        ],
        [
            1.42857142857143,
            1.38254161826624,
            1.31065330422472,
            1.23318260782795,
            1.14702199890211,
            1.0514263712482,
        ],
        [
            1.66666666666667,
            1.59010470647863,
            1.47488822527398,
            1.35405269950478,
            1.221989488974,
            1.07728040119987,
        ],
    ];
    let mut row = 0;
    for j in [2usize, 4] {
        for a in [0.1, 0.2, 0.3, 0.4] {
            let r_last = 1.0 - a;
            let retention: Vec<f64> = (0..j)
                .map(|i| 1.0 + (r_last - 1.0) * i as f64 / (j - 1) as f64)
                .collect();
            for (col, p1j) in [0.0f64, 0.1, 0.3, 0.5, 0.7, 0.9].into_iter().enumerate() {
                let rho = p1j.powf(1.0 / (j - 1) as f64);
                let m = CorrelationSpec::Ar1(rho)
                    .matrix(j, "--correlation")
                    .unwrap();
                let got = phi(&m, &retention).unwrap();
                assert_within(
                    "longpower",
                    &format!("phi, {j} visits, retention {r_last}, p1j {p1j}"),
                    got,
                    want[row][col],
                    1e-12,
                );
            }
            row += 1;
        }
    }
}

#[test]
fn arm_specific_sds_add_their_own_variances() {
    // Var = sa² phi_a / n_a + sb² phi_b / n_b: with no dropout and sd 1 vs 2, 1:1,
    // N = (z_0.025 + z_0.2)² (1/0.5 + 4/0.5) / 0.5²; R: (qnorm(0.975) + qnorm(0.8))^2 * 10 / 0.25
    // = 313.955189373963
    let d = MmrmDesign {
        sd_b: Some(2.0),
        ..design(cs25(), &[1.0; 4], None, 0.5)
    };
    let r = mmrm_power(&d, z_test(), Allocation::EQUAL, Goal::Power(0.8)).unwrap();
    assert_within(
        "longpower",
        "total n",
        r.solution.n_total_exact.unwrap(),
        313.955189373963,
        1e-8,
    );
}

/// The power curve printed after an answer splits each n into whole arms as the answer does:
/// at the answer's n it gives the answer's power, and at every n what `--solve power
/// --n-total N` gives. The README's ALS plan (δ 2.64, SD 6, AR(1) 0.8, retention 1, 0.93,
/// 0.87, 0.8, 2:1) needs 209 = 139 + 70 patients; the curve used to split 209 as 139.33 +
/// 69.67 and print 0.80345 beside the answer's 0.80438.
#[test]
fn power_curve_agrees_with_the_answer_at_its_n() {
    let mut d = design(
        CorrelationSpec::Ar1(0.8)
            .matrix(4, "--correlation")
            .unwrap(),
        &[1.0, 0.93, 0.87, 0.8],
        None,
        2.64,
    );
    d.sd = 6.0;
    let r = mmrm_power(&d, z_test(), ratio(2.0), Goal::Power(0.8)).unwrap();
    assert_eq!((r.solution.n_a, r.solution.n_b), (139, 70));
    let at_answer = r
        .power_curve
        .iter()
        .find(|p| p.n_total == 209)
        .expect("the curve has the answer's n");
    assert_eq!(at_answer.power, r.solution.power);
    for p in &r.power_curve {
        let given = mmrm_power(
            &d,
            z_test(),
            ratio(2.0),
            Goal::N(SampleSize::Total(p.n_total as f64)),
        )
        .unwrap();
        assert_eq!(p.power, given.solution.power, "n {}", p.n_total);
    }
}
