//! Reliability of `meta::fit` on inputs that used to panic, print NaN or ±Inf with exit 0, or
//! be refused although the optimum exists. Reference numbers come from
//! `tests/data/meta_reliability_reference.R` (metafor 3.8-1, R 4.2.2, tight tolerances; the
//! R call is next to each number) and, where metafor itself is unstable, from the closed forms
//! in that script or exact rational arithmetic (`tests/data/meta_reliability_exact.py`).

// The references are R's 17-significant-digit printouts.
#![allow(clippy::excessive_precision)]

use crate::common::{assert_close_or_within, subcommand};
use std::io::Write;
use trialstats::error::{Refusal, StatisticsError as Error};
use trialstats::meta::{
    self, MetaData, MetaFit, MetaOptions, Method, Moderator, ModeratorValues, Test,
};

const METHODS: [Method; 9] = [
    Method::FE,
    Method::DL,
    Method::HE,
    Method::HS,
    Method::SJ,
    Method::ML,
    Method::REML,
    Method::EB,
    Method::PM,
];

/// Every number agrees with its reference to `REL` relative, or to `ABS` absolute for
/// references at 0.
const REL: f64 = 1e-8;
const ABS: f64 = 1e-12;

fn options(method: Method, test: Test) -> MetaOptions {
    MetaOptions {
        method,
        test,
        ..MetaOptions::default()
    }
}

fn studies(yi: &[f64], vi: &[f64]) -> MetaData {
    MetaData::from_triples(
        yi.iter()
            .zip(vi)
            .enumerate()
            .map(|(i, (y, v))| (format!("s{}", i + 1), *y, *v))
            .collect(),
    )
}

fn csv_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

/// dat.hackshaw1998 (tests/data/hackshaw1998.csv), with the publication year (the last word
/// of each label, as `dat.hackshaw1998$year`) as a moderator when `year` is set.
fn hackshaw(year: bool) -> MetaData {
    let path = format!("{}/tests/data/hackshaw1998.csv", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let mut data = MetaData::default();
    let mut years = Vec::new();
    for r in reader.records() {
        let r = r.unwrap();
        data.labels.push(r[0].to_string());
        data.yi.push(r[1].parse().unwrap());
        data.vi.push(r[2].parse().unwrap());
        years.push(r[0].rsplit(' ').next().unwrap().parse::<f64>().unwrap());
    }
    if year {
        data.mods = Some(vec![Moderator {
            name: "year".into(),
            values: ModeratorValues::Numeric(years),
        }]);
    }
    data
}

/// Every number `trialstats meta` prints must be finite, except metafor's t = ±Inf (p = 0,
/// F = Inf) when the Knapp–Hartung standard errors are exactly 0.
#[track_caller]
fn assert_all_finite(fit: &MetaFit, context: &str) {
    let mut values = vec![
        ("estimate", fit.estimate),
        ("se", fit.se),
        ("p", fit.p_value),
        ("ci_lower", fit.ci_lower),
        ("ci_upper", fit.ci_upper),
        ("tau2", fit.tau2),
        ("tau", fit.tau),
        ("i2", fit.i2),
        ("h2", fit.h2),
        ("q", fit.q),
        ("q_p", fit.q_p),
        ("qm_p", fit.qm_p),
    ];
    for (name, x) in [
        ("tau2_se", fit.tau2_se),
        ("tau2_ci.0", fit.tau2_ci.map(|c| c[0])),
        ("tau2_ci.1", fit.tau2_ci.map(|c| c[1])),
        ("pi_lower", fit.pi_lower),
        ("pi_upper", fit.pi_upper),
        ("r2", fit.r2),
    ] {
        if let Some(x) = x {
            values.push((name, x));
        }
    }
    for c in &fit.coefficients {
        values.extend([
            ("coef", c.estimate),
            ("coef se", c.se),
            ("coef p", c.p),
            ("coef ci", c.ci_lower),
            ("coef ci", c.ci_upper),
        ]);
        assert!(
            c.statistic.is_finite() || (c.se == 0.0 && c.statistic.is_infinite() && c.p == 0.0),
            "{context}: statistic {} with se {}",
            c.statistic,
            c.se
        );
    }
    assert!(
        fit.qm.is_finite() || (fit.qm == f64::INFINITY && fit.qm_p == 0.0 && fit.se == 0.0),
        "{context}: QM {}",
        fit.qm
    );
    if let Some(e) = &fit.egger {
        values.extend([("egger slope", e.slope), ("egger p", e.p)]);
        assert!(!e.statistic.is_nan(), "{context}: Egger statistic NaN");
    }
    for s in &fit.studies {
        values.push(("weight", s.weight_percent));
    }
    for (name, x) in values {
        assert!(x.is_finite(), "{context}: {name} = {x}");
    }
}

// ---------------------------------------------------------------------------------------
// Defect 1: Knapp–Hartung with identical studies panicked in statrs' incomplete beta.
// ---------------------------------------------------------------------------------------

/// metafor (tests/data/meta_reliability_reference.R, section 1):
/// `rma(yi, vi, data = data.frame(yi = rep(0.5, k), vi = rep(0.1, k)), method = m,
///  test = "knha", control = list(threshold = 1e-12, maxiter = 10000, tol = 1e-12))`
/// gives, for k = 2 and 3 and m = REML, DL, FE: beta = 0.5 (0.49999999999999989 and
/// 0.49999999999999956 after metafor's rounding), se = 0, zval = Inf, pval = 0,
/// ci = [beta, beta], tau2 = 0, QE = 0, QEp = 1, I2 = 0, H2 = 1 (0 for FE), QM = NA.
/// trialstats gives the same, and F = Inf with p = 0 where metafor has NA (t² = F for one
/// coefficient). With test = "z": se = 0.22360679774997894 (k = 2), 0.1825741858350553
/// (k = 3); pval = 0.025347318677468287, 0.0061698993205441871.
#[test]
fn knha_with_identical_studies_gives_metafors_infinite_t_instead_of_panicking() {
    for (k, beta, z_se, z_p) in [
        (
            2,
            0.49999999999999989,
            0.22360679774997894,
            0.025347318677468287,
        ),
        (
            3,
            0.49999999999999956,
            0.1825741858350553,
            0.0061698993205441871,
        ),
    ] {
        let data = studies(&vec![0.5; k], &vec![0.1; k]);
        for method in [Method::REML, Method::DL, Method::FE] {
            let context = format!("k = {k}, {}", method.name());
            let fit = meta::fit(&data, &options(method, Test::Knha)).unwrap();
            assert_close_or_within(&context, fit.estimate, beta, REL, ABS);
            assert_eq!(fit.se, 0.0, "{context}");
            assert_eq!(fit.statistic, f64::INFINITY, "{context}");
            assert_eq!(fit.p_value, 0.0, "{context}");
            assert_close_or_within(&context, fit.ci_lower, beta, REL, ABS);
            assert_close_or_within(&context, fit.ci_upper, beta, REL, ABS);
            assert_eq!(fit.df, Some(k - 1));
            assert_eq!(fit.tau2, 0.0, "{context}");
            assert!(fit.q.abs() < 1e-12, "{context}: Q = {}", fit.q);
            // metafor's QEp = 1 for Q = 0; a Q of rounding size (1e-30) has p = 1 − 2e-16.
            assert!((fit.q_p - 1.0).abs() < 1e-12, "{context}: {}", fit.q_p);
            assert_eq!(fit.i2, 0.0, "{context}");
            let h2 = if method == Method::FE { 0.0 } else { 1.0 };
            assert!((fit.h2 - h2).abs() < 1e-12, "{context}: H2 = {}", fit.h2);
            assert_eq!((fit.qm, fit.qm_p), (f64::INFINITY, 0.0), "{context}");
            if method != Method::FE {
                assert_eq!(fit.tau2_ci, Some([0.0, 0.0]), "{context}");
                assert_close_or_within(&context, fit.pi_lower.unwrap(), beta, REL, ABS);
                assert_close_or_within(&context, fit.pi_upper.unwrap(), beta, REL, ABS);
            }
            assert_all_finite(&fit, &context);
            let z = meta::fit(&data, &options(method, Test::Z)).unwrap();
            assert_close_or_within(&context, z.se, z_se, REL, ABS);
            assert_close_or_within(&context, z.p_value, z_p, REL, ABS);
        }
    }
}

/// metafor: `rma(yi, vi, data = data.frame(yi = rep(0, 3), vi = rep(0.1, 3)), test = "knha")`
/// gives se = 0 and zval = NaN (0/0), pval = NaN: a clear error here instead.
#[test]
fn knha_t_of_zero_over_zero_is_a_clear_error() {
    let data = studies(&[0.0; 3], &[0.1; 3]);
    match meta::fit(&data, &options(Method::REML, Test::Knha)) {
        Err(e @ Error::Refused(Refusal::Numerical(_))) => {
            let m = e.to_string();
            assert!(m.contains("0/0") && m.contains("use test z"), "{m}")
        }
        other => panic!("expected a numerical error, got {other:?}"),
    }
}

#[test]
fn cli_knha_with_identical_studies_prints_metafors_answer_and_exits_0() {
    for k in [2, 3] {
        let mut text = String::from("study,yi,vi\n");
        for i in 0..k {
            text.push_str(&format!("s{i},0.5,0.1\n"));
        }
        let f = csv_file(&text);
        let out = subcommand("meta")
            .args([
                f.path().to_str().unwrap(),
                "--yi",
                "yi",
                "--vi",
                "vi",
                "--test",
                "knha",
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("estimate = 0.5, SE = 0, t = Inf, p = 0"),
            "{stdout}"
        );
        assert!(!stdout.contains("NaN"), "{stdout}");
    }
}

// ---------------------------------------------------------------------------------------
// Defect 2: extreme sampling variances printed H^2 = -Inf, a CI [0, 0], NaN SEs, exit 0.
// ---------------------------------------------------------------------------------------

/// One study with vi = 1e-300 among ordinary ones: metafor warns "Ratio of largest to
/// smallest sampling variance extremely large. May not be able to obtain stable results."
/// and prints QE = 1.487e282 (the true Q is 3.8) and H2 = 4.96e281 (FE). trialstats refuses,
/// naming the study, for every method.
#[test]
fn a_variance_of_1e_300_is_refused_naming_the_study() {
    let data = studies(&[0.5, 0.3, 0.1, 0.7], &[1e-300, 0.1, 0.05, 0.2]);
    for method in METHODS {
        for test in [Test::Z, Test::Knha] {
            match meta::fit(&data, &options(method, test)) {
                Err(Error::Refused(Refusal::Input { location, message })) => {
                    assert_eq!(location, "study 1 (s1)", "{}", method.name());
                    assert!(message.contains("sampling variance 1e-300"), "{message}");
                }
                other => panic!("{}: expected an input error, got {other:?}", method.name()),
            }
        }
    }
    let f = csv_file("study,yi,vi\na,0.5,1e-300\nb,0.3,0.1\nc,0.1,0.05\nd,0.7,0.2\n");
    let out = subcommand("meta")
        .args([f.path().to_str().unwrap(), "--yi", "yi", "--vi", "vi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("study 1 (a)") && stderr.contains("1e-300"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

/// A study carrying all but 1.2e-9 of the weight (hackshaw's first variance times 1e-10)
/// is refused; at 1e-8 of the weight (times 1e-8, below) the fit is exact.
#[test]
fn a_study_with_practically_all_the_weight_is_refused_naming_it() {
    let mut data = hackshaw(false);
    data.vi[0] *= 1e-10;
    match meta::fit(&data, &MetaOptions::default()) {
        Err(Error::Refused(Refusal::Input { location, message })) => {
            assert_eq!(location, "study 1 (Garfinkel 1981)");
            assert!(message.contains("of the total weight"), "{message}");
        }
        other => panic!("expected an input error, got {other:?}"),
    }
}

/// hackshaw with the first sampling variance times 1e-8 (1.8776885485068111e-10, so the
/// other 36 studies carry 1.2e-7 of the weight). metafor warns that its results may be
/// unstable (its DL QE = 47.792505686826324 is 2e-9 off); the reference is section 4 of the
/// R script, the closed forms with `sum(w[-i])` summed directly:
/// DL: Q = 47.792505788004, tau2 = 0.0088615724939695873, se_tau2 = 0.010684744539543461,
/// I2 = 24.674382716639098; REML (root of the restricted score by uniroot, tol 1e-16):
/// tau2 = 0.020217013500737933, beta = 0.21424938083322745, se = 0.047194292258107486,
/// se_tau2 = 0.015444328491381084, I2 = 42.769678708907946, Q-profile upper bound
/// 0.066507361380245308. Before the traces were summed without cancellation, the SE of
/// tau2 was 1e-3 off.
#[test]
fn a_dominant_but_supported_study_gives_exact_results() {
    let mut data = hackshaw(false);
    data.vi[0] *= 1e-8;
    assert_eq!(data.vi[0], 1.8776885485068111e-10);
    let dl = meta::fit(&data, &options(Method::DL, Test::Z)).unwrap();
    assert_close_or_within("DL Q", dl.q, 47.792505788004, REL, ABS);
    assert_close_or_within("DL tau2", dl.tau2, 0.0088615724939695873, REL, ABS);
    assert_close_or_within(
        "DL se_tau2",
        dl.tau2_se.unwrap(),
        0.010684744539543461,
        REL,
        ABS,
    );
    assert_close_or_within("DL I2", dl.i2, 24.674382716639098, REL, ABS);
    let reml = meta::fit(&data, &MetaOptions::default()).unwrap();
    assert_close_or_within("REML tau2", reml.tau2, 0.020217013500737933, REL, ABS);
    assert_close_or_within(
        "REML estimate",
        reml.estimate,
        0.21424938083322745,
        REL,
        ABS,
    );
    assert_close_or_within("REML se", reml.se, 0.047194292258107486, REL, ABS);
    assert_close_or_within(
        "REML se_tau2",
        reml.tau2_se.unwrap(),
        0.015444328491381084,
        REL,
        ABS,
    );
    assert_close_or_within("REML I2", reml.i2, 42.769678708907946, REL, ABS);
    assert_close_or_within(
        "REML ci_ub",
        reml.tau2_ci.unwrap()[1],
        0.066507361380245308,
        REL,
        ABS,
    );
    assert_eq!(reml.tau2_ci.unwrap()[0], 0.0);
    assert_all_finite(&reml, "REML");
}

/// The same study with the publication year as moderator (DL). Exact rational arithmetic
/// (`python3 tests/data/meta_reliability_exact.py`): Q = 47.776213111438054,
/// tau2 = 0.017775815799474147, se_tau2 = 0.01680548018889741, I2 = 26.74178692571872.
/// (metafor is no reference here: `rma(yi, vi, mods = ~ year, method = "DL")` gives
/// QE = 7600.5, and 47.522 with the year centred.) The textbook trace formulas gave
/// se_tau2 = 4.55.
#[test]
fn a_dominant_study_with_a_moderator_matches_exact_arithmetic() {
    let mut data = hackshaw(true);
    data.vi[0] *= 1e-8;
    let fit = meta::fit(&data, &options(Method::DL, Test::Z)).unwrap();
    assert_close_or_within("Q", fit.q, 47.776213111438054, REL, ABS);
    assert_close_or_within("tau2", fit.tau2, 0.017775815799474147, REL, ABS);
    assert_close_or_within(
        "se_tau2",
        fit.tau2_se.unwrap(),
        0.01680548018889741,
        REL,
        ABS,
    );
    assert_close_or_within("I2", fit.i2, 26.74178692571872, REL, ABS);
}

/// Estimates or variances whose squares overflow: metafor stops with "singular matrix 'a'
/// in solve" (`rma(yi, vi, data = data.frame(yi = c(1e200, -1e200, 3e200), vi = c(.1, .2,
/// .3)))`); trialstats refuses with the study named.
#[test]
fn estimates_and_variances_too_large_for_double_precision_are_refused() {
    for (yi, vi, study) in [
        ([1e200, -1e200, 3e200], [0.1, 0.2, 0.3], "study 1 (s1)"),
        ([0.1, 0.2, 0.4], [1e-300, 1e-300, 1e-300], "study 1 (s1)"),
        ([0.1, 0.2, 0.4], [0.1, 1e300, 0.2], "study 2 (s2)"),
    ] {
        match meta::fit(&studies(&yi, &vi), &MetaOptions::default()) {
            Err(Error::Refused(Refusal::Input { location, .. })) => assert_eq!(location, study),
            other => panic!("{yi:?} {vi:?}: expected an input error, got {other:?}"),
        }
    }
}

/// No input panics or prints a number that is not finite: every method and test on a grid
/// of extreme but valid inputs either fits (all numbers finite) or refuses with an error.
#[test]
fn no_input_panics_or_gives_a_non_finite_number() {
    let ys: [&[f64]; 6] = [
        &[0.5, 0.5, 0.5, 0.5, 0.5],
        &[0.0, 0.0, 0.0, 0.0, 0.0],
        &[1e-300, -1e-300, 2e-300, 0.0, 1e-300],
        &[1e40, -2e40, 3e40, 0.0, 5e39],
        &[0.1, 0.5, -0.2, 0.3, 0.9],
        &[1e12, 1e12 + 1.0, 1e12 - 1.0, 1e12, 1e12 + 2.0],
    ];
    let vs: [&[f64]; 7] = [
        &[0.1, 0.1, 0.1, 0.1, 0.1],
        &[1e-9, 0.1, 0.2, 0.3, 0.4],
        &[1e-45, 1e-45, 2e-45, 1e-45, 3e-45],
        &[1e45, 2e45, 1e45, 3e45, 1e45],
        &[1e-12, 0.1, 0.2, 0.3, 0.4],
        &[1e-300, 0.1, 0.2, 0.3, 0.4],
        &[0.1, 1e300, 0.2, 0.3, 0.4],
    ];
    let x = [1.0, 2.0, 3.0, 4.0, 5.0];
    let mut fitted = 0;
    for y in ys {
        for v in vs {
            for with_moderator in [false, true] {
                let mut data = studies(y, v);
                if with_moderator {
                    data.mods = Some(vec![Moderator {
                        name: "x".into(),
                        values: ModeratorValues::Numeric(x.to_vec()),
                    }]);
                }
                for method in METHODS {
                    for test in [Test::Z, Test::Knha] {
                        for diagnostics in [false, true] {
                            let o = MetaOptions {
                                leave_one_out: diagnostics && !with_moderator,
                                influence: diagnostics,
                                ..options(method, test)
                            };
                            let context = format!(
                                "{y:?} {v:?} moderator {with_moderator} {} {test:?} {diagnostics}",
                                method.name()
                            );
                            if let Ok(fit) = meta::fit(&data, &o) {
                                fitted += 1;
                                assert_all_finite(&fit, &context);
                            }
                        }
                    }
                }
            }
        }
    }
    // Not vacuous: of these 3,024 fits, 1,373 succeed (the rest are refused).
    assert!(fitted > 1200, "only {fitted} fits");
}

// ---------------------------------------------------------------------------------------
// Defect 3: valid input refused ("REML did not converge in 1000 Fisher-scoring iterations").
// ---------------------------------------------------------------------------------------

struct Reference {
    method: Method,
    test: Test,
    beta: [f64; 2],
    se: [f64; 2],
    pval: [f64; 2],
    ci_lb: [f64; 2],
    ci_ub: [f64; 2],
    /// tau2, se_tau2, Q-profile CI lower and upper bound.
    tau2: [f64; 4],
    /// I2, H2, QE, QEp, QM, QMp, R2.
    het: [f64; 7],
    /// Egger's test: z (t) and p.
    egger: [f64; 2],
}

/// `dat <- read.csv("tests/data/hackshaw1998.csv"); dat$year <- as.numeric(sub(".* ", "",
/// dat$study))` (= dat.hackshaw1998$year), then
/// `res <- rma(yi, vi, mods = ~ year, data = dat, method = m, test = t,
///  control = list(threshold = 1e-12, maxiter = 10000, tol = 1e-12))`,
/// `confint(res, control = list(tol = 1e-12, tau2.max = 1e4))$random[1, 2:3]`, `regtest(res)`
/// (section 2 of the R script).
const HACKSHAW_YEAR: &[Reference] = &[
    Reference {
        method: Method::REML,
        test: Test::Z,
        beta: [12.808857315423845, -0.0063282765351328754],
        se: [21.450087311185516, 0.010782763306709978],
        pval: [0.55040917770998687, 0.55727879610617503],
        ci_lb: [-29.232541279739372, -0.02746210427010445],
        ci_ub: [54.850255910587059, 0.014805551199838698],
        tau2: [
            0.023854200508315819,
            0.018909569976883298,
            0.0,
            0.070607526728102277,
        ],
        het: [
            30.183678909527039,
            1.4323298397578537,
            46.936584108924833,
            0.08558955401176957,
            0.34443775788756503,
            0.55727879610617492,
            0.0,
        ],
        egger: [1.9780431332324329, 0.047923840923989887],
    },
    Reference {
        method: Method::REML,
        test: Test::Knha,
        beta: [12.808857315423845, -0.0063282765351328754],
        se: [20.038777463235842, 0.010073310714648287],
        pval: [0.5268521551118599, 0.53393667005135659],
        ci_lb: [-27.872023685135538, -0.02677818448066949],
        ci_ub: [53.489738315983224, 0.014121631410403738],
        tau2: [
            0.023854200508315819,
            0.018909569976883298,
            0.0,
            0.070607526728102277,
        ],
        het: [
            30.183678909527039,
            1.4323298397578537,
            46.936584108924833,
            0.08558955401176957,
            0.39466302239792905,
            0.53393667005135659,
            0.0,
        ],
        egger: [2.1265304622436414, 0.040799084526922713],
    },
    Reference {
        method: Method::ML,
        test: Test::Z,
        beta: [12.816394271618526, -0.0063337948529492852],
        se: [20.670715212283909, 0.010390784634464953],
        pval: [0.53524024267847103, 0.54215406990383264],
        ci_lb: [-27.697463079142146, -0.026699358507612781],
        ci_ub: [53.330251622379201, 0.014031768801714212],
        tau2: [
            0.019601254638657296,
            0.016260100343100308,
            0.0,
            0.070607526728102277,
        ],
        het: [
            26.212881665137377,
            1.3552501067486793,
            46.936584108924833,
            0.08558955401176957,
            0.37156200575908371,
            0.54215406990383264,
            3.7203784579287911,
        ],
        egger: [2.079948672309111, 0.037530241007486476],
    },
    Reference {
        method: Method::PM,
        test: Test::Z,
        beta: [12.802929756875065, -0.0063298394965676276],
        se: [19.537144839726572, 0.0098206474727478791],
        pval: [0.51226675467085658, 0.51922272904065347],
        ci_lb: [-25.489170489731578, -0.025577954848017771],
        ci_ub: [51.09503000348171, 0.012918275854882515],
        tau2: [
            0.013900283990174855,
            0.018453005890256408,
            0.0,
            0.070607526728102277,
        ],
        het: [
            20.123112435715388,
            1.2519265966581432,
            46.936584108924833,
            0.08558955401176957,
            0.41543697999813051,
            0.51922272904065336,
            0.0,
        ],
        egger: [2.191726144412673, 0.028399286759065414],
    },
    Reference {
        method: Method::EB,
        test: Test::Knha,
        beta: [12.802929756867325, -0.0063298394965584951],
        se: [19.537144839611724, 0.0098206474726901319],
        pval: [0.51655113919619811, 0.52342499494704331],
        ci_lb: [-26.859582877403707, -0.026266813791418427],
        ci_ub: [52.465442391138353, 0.013607134798301435],
        tau2: [
            0.013900283989852144,
            0.018453005890131918,
            0.0,
            0.070607526728102277,
        ],
        het: [
            20.123112435342218,
            1.2519265966522946,
            46.936584108924833,
            0.08558955401176957,
            0.41543698000181734,
            0.52342499494704331,
            0.0,
        ],
        egger: [2.191726144411811, 0.035345966472058891],
    },
    Reference {
        method: Method::DL,
        test: Test::Z,
        beta: [12.81651077126253, -0.0063342027965799024],
        se: [20.521448105100145, 0.010315711039377782],
        pval: [0.53227155167806139, 0.53919250860493917],
        ci_lb: [-27.404788425341486, -0.026552624908682602],
        ci_ub: [53.037809967866544, 0.013884219315522795],
        tau2: [
            0.018817489038207479,
            0.018325381691171601,
            0.0,
            0.070607526728102277,
        ],
        het: [
            25.431301266457378,
            1.3410452602549952,
            46.936584108924833,
            0.08558955401176957,
            0.37703840604420991,
            0.53919250860493895,
            0.0,
        ],
        egger: [2.1063271386568441, 0.035175945499894508],
    },
];

#[test]
fn hackshaw_with_an_uncentred_publication_year_matches_metafor() {
    let data = hackshaw(true);
    for r in HACKSHAW_YEAR {
        let name = format!("{} {:?}", r.method.name(), r.test);
        let fit =
            meta::fit(&data, &options(r.method, r.test)).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (j, c) in fit.coefficients.iter().enumerate() {
            assert_close_or_within(
                &format!("{name} beta[{j}]"),
                c.estimate,
                r.beta[j],
                REL,
                ABS,
            );
            assert_close_or_within(&format!("{name} se[{j}]"), c.se, r.se[j], REL, ABS);
            assert_close_or_within(&format!("{name} p[{j}]"), c.p, r.pval[j], REL, ABS);
            assert_close_or_within(
                &format!("{name} ci_lb[{j}]"),
                c.ci_lower,
                r.ci_lb[j],
                REL,
                ABS,
            );
            assert_close_or_within(
                &format!("{name} ci_ub[{j}]"),
                c.ci_upper,
                r.ci_ub[j],
                REL,
                ABS,
            );
        }
        assert_close_or_within(&format!("{name} tau2"), fit.tau2, r.tau2[0], REL, ABS);
        assert_close_or_within(
            &format!("{name} se_tau2"),
            fit.tau2_se.unwrap(),
            r.tau2[1],
            REL,
            ABS,
        );
        let ci = fit.tau2_ci.unwrap();
        assert_close_or_within(&format!("{name} tau2 ci_lb"), ci[0], r.tau2[2], REL, ABS);
        assert_close_or_within(&format!("{name} tau2 ci_ub"), ci[1], r.tau2[3], REL, ABS);
        let got = [
            fit.i2,
            fit.h2,
            fit.q,
            fit.q_p,
            fit.qm,
            fit.qm_p,
            fit.r2.unwrap(),
        ];
        for (what, (g, w)) in ["I2", "H2", "QE", "QEp", "QM", "QMp", "R2"]
            .iter()
            .zip(got.iter().zip(r.het))
        {
            assert_close_or_within(&format!("{name} {what}"), *g, w, REL, ABS);
        }
        let egger = fit.egger.as_ref().unwrap();
        assert_close_or_within(
            &format!("{name} egger z"),
            egger.statistic,
            r.egger[0],
            REL,
            ABS,
        );
        assert_close_or_within(&format!("{name} egger p"), egger.p, r.egger[1], REL, ABS);
    }
}

#[test]
fn cli_fits_hackshaw_with_the_publication_year() {
    let data = hackshaw(true);
    let Some(mods) = &data.mods else {
        unreachable!()
    };
    let ModeratorValues::Numeric(years) = &mods[0].values else {
        unreachable!()
    };
    let mut text = String::from("study,yi,vi,year\n");
    for (i, year) in years.iter().enumerate() {
        text.push_str(&format!(
            "{},{:?},{:?},{year}\n",
            data.labels[i], data.yi[i], data.vi[i]
        ));
    }
    let f = csv_file(&text);
    let out = subcommand("meta")
        .args([
            f.path().to_str().unwrap(),
            "--yi",
            "yi",
            "--vi",
            "vi",
            "--mods",
            "year",
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
    // rma(yi, vi, mods = ~ year, data = dat, control = ...): tau2, beta[year] (section 2).
    assert_close_or_within("tau2", &v["tau2"], 0.023854200508315819, REL, ABS);
    let year = &v["coefficients"][1];
    assert_eq!(year["name"], "year");
    assert_close_or_within("year", &year["estimate"], -0.0063282765351328754, REL, ABS);
}

/// Moderators far from 0 relative to their spread, or in tiny units: bcg with ablat · 1e-8
/// and year + 1e6. metafor refuses ("Model matrix not of full rank. Cannot fit model.", R
/// script section 3); the model is the same as `mods = ~ ablat + year`, so τ², QM and QE are
/// metafor's for that fit, the coefficients are its coefficients (ablat's times 1e8) and the
/// intercept is its prediction at ablat = 0, year = −1e6:
/// `res <- rma(yi, vi, mods = ~ ablat + year, data = dat, control = list(threshold = 1e-12,
///  maxiter = 10000, tol = 1e-12)); predict(res, newmods = cbind(0, -1e6))`.
#[test]
fn shifted_and_scaled_moderators_give_the_same_fit_on_the_users_scale() {
    let path = format!("{}/tests/data/bcg.csv", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (mut data, mut ablat, mut year) = (MetaData::default(), Vec::new(), Vec::new());
    for r in reader.records() {
        let r = r.unwrap();
        data.labels.push(r[col("study")].to_string());
        data.yi.push(r[col("yi")].parse().unwrap());
        data.vi.push(r[col("vi")].parse().unwrap());
        ablat.push(r[col("ablat")].parse::<f64>().unwrap() * 1e-8);
        year.push(r[col("year")].parse::<f64>().unwrap() + 1e6);
    }
    data.mods = Some(vec![
        Moderator {
            name: "ablat".into(),
            values: ModeratorValues::Numeric(ablat),
        },
        Moderator {
            name: "year".into(),
            values: ModeratorValues::Numeric(year),
        },
    ]);
    let fit = meta::fit(&data, &MetaOptions::default()).unwrap();
    assert_close_or_within("tau2", fit.tau2, 0.11078469694797478, REL, ABS);
    assert_close_or_within("QM", fit.qm, 12.204486879171048, REL, ABS);
    assert_close_or_within("QMp", fit.qm_p, 0.0022378416212407337, REL, ABS);
    assert_close_or_within("QE", fit.q, 28.325143656255275, REL, ABS);
    let c = &fit.coefficients;
    assert_close_or_within("intercept", c[0].estimate, -1911.0258005426826, REL, ABS);
    assert_close_or_within("intercept se", c[0].se, 14712.780096922417, REL, ABS);
    assert_close_or_within(
        "ablat",
        c[1].estimate,
        -0.028011329444197406 * 1e8,
        REL,
        ABS,
    );
    assert_close_or_within("ablat se", c[1].se, 0.010233943231041471 * 1e8, REL, ABS);
    assert_close_or_within("year", c[2].estimate, 0.0019074804475227242, REL, ABS);
    assert_close_or_within("year se", c[2].se, 0.014683685892068078, REL, ABS);
}

/// k studies of `awk 'BEGIN{print "study,yi,vi";for(i=0;i<100000;i++)printf
/// "s%d,%.2f,%.2f\n",i,(i%97)/100,0.01+(i%13)/100}'`, generated here (`(i % 97) / 100` is the
/// double nearest the printed two decimals, as the CSV reader would give). REML failed for
/// every k ≥ 50,000. Reference: section 5 of the R script (metafor's k×k matrices do not fit
/// in memory at this size; the restricted score's root by `uniroot(tol = 1e-17)` over the
/// 1,261 distinct (yi, vi) pairs with their counts, checked against `rma` at k = 800; R's
/// `optimize` on the restricted log-likelihood gives 0.036774 at k = 100,000 as well).
fn awk_studies(k: usize) -> MetaData {
    let yi = (0..k).map(|i| (i % 97) as f64 / 100.0).collect::<Vec<_>>();
    let vi = (0..k)
        .map(|i| (1 + i % 13) as f64 / 100.0)
        .collect::<Vec<_>>();
    studies(&yi, &vi)
}

/// The whole fit (Q-profile interval and Egger's test included) at k = 50,000, which failed
/// like every k ≥ 50,000; at k = 100,000 the REML estimate, the routine that failed (the whole
/// fit takes about 3 s in a debug build, too slow for this suite).
#[test]
fn reml_converges_for_50000_and_100000_studies() {
    // R script section 5, k = 50,000: tau2, beta, se, QE, I2, H2, Q-profile CI, Egger's z.
    let r = [
        0.036786994695049612,
        0.47976946935265213,
        0.0013572107182635046,
        95914.665352628537,
        47.367322768444687,
        1.8999603527681879,
        0.024670569382635135,
        0.026231393128390828,
        0.0015186546783553566,
    ];
    let fit = meta::fit(&awk_studies(50_000), &MetaOptions::default()).unwrap();
    let ci = fit.tau2_ci.unwrap();
    let got = [
        fit.tau2,
        fit.estimate,
        fit.se,
        fit.q,
        fit.i2,
        fit.h2,
        ci[0],
        ci[1],
    ];
    let names = ["tau2", "beta", "se", "QE", "I2", "H2", "ci_lb", "ci_ub"];
    for ((name, g), w) in names.iter().zip(got).zip(r) {
        assert_close_or_within(name, g, w, REL, ABS);
    }
    // Egger's z is near 0, where a relative tolerance means nothing: 1e-9 absolute.
    let z = fit.egger.unwrap().statistic;
    assert!(
        (z - r[8]).abs() < 1e-9,
        "Egger z {z:e}, reference {:e}",
        r[8]
    );

    // k = 100,000 (section 5): tau2 = 0.036774274090756356.
    let data = awk_studies(100_000);
    let design = trialstats::model_matrix::ModelMatrix::intercept_only(100_000, "intrcpt");
    let tau2 = meta::fitting::tau2::estimate(Method::REML, &design, &data.yi, &data.vi).unwrap();
    assert_close_or_within(
        "tau2, k = 100,000",
        tau2.tau2,
        0.036774274090756356,
        REL,
        ABS,
    );
}
