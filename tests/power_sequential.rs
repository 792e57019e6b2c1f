//! Group-sequential designs (issue 43) against rpact 3.3.4: every design type, one- and
//! two-sided, with and without binding and non-binding β-spending futility. The reference
//! values and the R calls that produced them are in `tests/data/sequential/rpact_designs.rs`
//! (`Rscript benches/sequential_reference.R`).

use trialstats::power::sequential::spending::Spending;
use trialstats::power::sequential::{Efficacy, Futility, SequentialSpec, design};

/// One rpact design and what rpact printed for it.
pub struct RpactDesign {
    pub call: &'static str,
    pub looks: usize,
    pub alpha: f64,
    pub beta: f64,
    pub sided: u8,
    pub design: &'static str,
    pub gamma_a: Option<f64>,
    pub beta_spending: Option<&'static str>,
    pub gamma_b: Option<f64>,
    pub binding: bool,
    pub timing: &'static [f64],
    pub critical_values: &'static [f64],
    pub alpha_spent: &'static [f64],
    pub stage_levels: &'static [f64],
    pub futility_bounds: &'static [f64],
    pub shift: f64,
    pub inflation_factor: f64,
    pub power: &'static [f64],
    pub rejection_probabilities: &'static [f64],
    pub futility_probabilities: &'static [f64],
    pub expected_n_h1: f64,
    pub expected_n_h01: f64,
    pub expected_n_h0: f64,
}

#[allow(clippy::excessive_precision)]
mod reference {
    use super::RpactDesign;
    include!("data/sequential/rpact_designs.rs");
}

fn spec_of(r: &RpactDesign) -> SequentialSpec {
    SequentialSpec {
        timing: r.timing.to_vec(),
        alpha: r.alpha,
        sides: r.sided,
        beta: r.beta,
        efficacy: Efficacy::parse(r.design, r.gamma_a).unwrap(),
        futility: r
            .beta_spending
            .map(|b| Futility::parse(b, r.gamma_b, r.binding).unwrap()),
    }
}

fn assert_all_close(what: &str, call: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(
        got.len(),
        want.len(),
        "{call}: {what}: {got:?} vs rpact {want:?}"
    );
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g - w).abs() <= tol,
            "{call}: {what}: {got:?} vs rpact {want:?} (tolerance {tol:e})"
        );
    }
}

/// Boundaries, spent α, nominal levels, inflation factor, power and expected sample sizes
/// equal rpact's to 1e-6 (rpact solves its boundaries to 1e-8 on a 91-point grid; its
/// printed alphaSpent at the last look is α − 1e-8).
#[test]
fn designs_match_rpact() {
    assert_eq!(reference::RPACT_DESIGNS.len(), 22);
    for r in reference::RPACT_DESIGNS {
        let d = design(&spec_of(r)).unwrap_or_else(|e| panic!("{}: {e}", r.call));
        let c = r.call;
        assert_eq!(d.looks, r.looks, "{c}");
        assert_all_close(
            "critical values",
            c,
            &d.critical_values,
            r.critical_values,
            1e-6,
        );
        assert_all_close("alpha spent", c, &d.alpha_spent, r.alpha_spent, 1e-6);
        assert_all_close("stage levels", c, &d.stage_levels, r.stage_levels, 1e-6);
        assert_all_close(
            "futility bounds",
            c,
            &d.futility_bounds,
            r.futility_bounds,
            1e-6,
        );
        assert_all_close("shift", c, &[d.shift], &[r.shift], 1e-5);
        assert_all_close(
            "inflation factor",
            c,
            &[d.inflation_factor],
            &[r.inflation_factor],
            1e-6,
        );
        assert_all_close("power", c, &d.power, r.power, 1e-6);
        assert_all_close(
            "rejection probabilities",
            c,
            &d.rejection_probabilities,
            r.rejection_probabilities,
            1e-6,
        );
        assert_all_close(
            "futility probabilities",
            c,
            &d.futility_probabilities,
            r.futility_probabilities,
            1e-6,
        );
        assert_all_close(
            "expected n (H1, H0/1, H0)",
            c,
            &[d.expected_n_h1, d.expected_n_h01, d.expected_n_h0],
            &[r.expected_n_h1, r.expected_n_h01, r.expected_n_h0],
            1e-6,
        );
    }
}

/// The families' spending at t = ½ (one-sided α = 0.025), against R's closed forms.
#[test]
fn spending_functions_match_their_formulas() {
    // R: 0.025 * 0.5^2; 0.025 * (1 - exp(2 * 0.5)) / (1 - exp(2)) (γ = −2: (1 − e^{γt})…)
    let kd = Spending::KimDeMets { gamma: 2.0 }.spent(0.5, 0.025, 1);
    assert!((kd - 0.00625).abs() < 1e-17);
    let hsd = Spending::HwangShihDeCani { gamma: -2.0 }.spent(0.5, 0.025, 1);
    // (1 − e^{1}) / (1 − e^{2}) · 0.025 = 0.0067235537…; R: 0.025 * (1 - exp(1)) / (1 - exp(2))
    // = 0.0067235536717376...
    assert!((hsd - 0.025 * (1.0 - 1f64.exp()) / (1.0 - 2f64.exp())).abs() < 1e-17);
}

// ----- the command line -----

use crate::common::{json, trialstats};
use predicates::str::contains;

fn numbers(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// `power sequential` with rpact's option names gives rpact's design (the asOF/bsOF case of
/// the reference file), in JSON with every field the issue names.
#[test]
fn the_command_gives_rpacts_design() {
    let r = reference::RPACT_DESIGNS
        .iter()
        .find(|r| r.design == "asOF" && r.beta_spending == Some("bsOF") && !r.binding)
        .unwrap();
    let v = json(&[
        "power",
        "sequential",
        "--looks",
        "3",
        "--design",
        "asOF",
        "--futility",
        "bsOF",
        "--format",
        "json",
    ]);
    assert_all_close(
        "critical_values",
        r.call,
        &numbers(&v["critical_values"]),
        r.critical_values,
        1e-6,
    );
    assert_all_close(
        "futility_bounds",
        r.call,
        &numbers(&v["futility_bounds"]),
        r.futility_bounds,
        1e-6,
    );
    assert_all_close(
        "alpha_spent",
        r.call,
        &numbers(&v["alpha_spent"]),
        r.alpha_spent,
        1e-6,
    );
    assert_all_close(
        "stage_levels",
        r.call,
        &numbers(&v["stage_levels"]),
        r.stage_levels,
        1e-6,
    );
    assert_all_close("power", r.call, &numbers(&v["power"]), r.power, 1e-6);
    assert_all_close(
        "rejection_probabilities",
        r.call,
        &numbers(&v["rejection_probabilities"]),
        r.rejection_probabilities,
        1e-6,
    );
    for (field, want) in [
        ("inflation_factor", r.inflation_factor),
        ("expected_n_h0", r.expected_n_h0),
        ("expected_n_h01", r.expected_n_h01),
        ("expected_n_h1", r.expected_n_h1),
    ] {
        assert!(
            (v[field].as_f64().unwrap() - want).abs() < 1e-6,
            "{field}: {}",
            v[field]
        );
    }
}

/// The sample-size commands carry their fixed answer to the design: `power survival` gives
/// rpact's maximum and expected events and maximum patients. rpact 3.3.4:
/// `s <- getSampleSizeSurvival(getDesignGroupSequential(kMax = 3, alpha = 0.025, beta = 0.2,
/// sided = 1, typeOfDesign = "asOF"), hazardRatio = 0.5, lambda2 = log(2)/10, accrualTime =
/// c(0, 12), followUpTime = 30)`: maxNumberOfEvents 66.181744727961771, expectedEventsH1
/// 56.561175320248559, expectedEventsH0 66.046030285923436, expectedEventsH01
/// 64.219466028727041, maxNumberOfSubjects 81.41016.
#[test]
fn survival_events_are_rpacts() {
    let v = json(&[
        "power",
        "survival",
        "--hr",
        "0.5",
        "--median-control",
        "10",
        "--accrual",
        "12",
        "--follow-up",
        "30",
        "--one-sided",
        "--alpha",
        "0.025",
        "--looks",
        "3",
        "--design",
        "asOF",
        "--format",
        "json",
    ]);
    let s = &v["sequential"];
    let close = |field: &str, want: f64, tol: f64| {
        let got = s[field].as_f64().unwrap();
        assert!((got - want).abs() < tol, "{field}: {got} vs rpact {want}");
    };
    close("events_max_exact", 66.181744727961771, 1e-4);
    close("events_expected_h1", 56.561175320248559, 1e-4);
    close("events_expected_h0", 66.046030285923436, 1e-4);
    close("events_expected_h01", 64.219466028727041, 1e-4);
    close("n_max_exact", 81.41016, 1e-4);
    assert_eq!(s["events_max"], 67);
    assert_eq!(s["n_max"], 82);
    // Patients enrolled by an interim look depend on accrual: no expected patients.
    assert!(s.get("expected_n_h1").is_none());
}

/// Slope, rate and MMRM designs: the maximum is the fixed unrounded n times the inflation
/// factor, rounded up per arm, and the table shows the boundaries.
#[test]
fn the_sample_size_commands_take_the_design() {
    let args = [
        "power",
        "rate",
        "--rate-control",
        "2.9",
        "--rate-ratio",
        "0.7",
        "--years",
        "2",
        "--dispersion",
        "0.8",
        "--one-sided",
        "--alpha",
        "0.025",
    ];
    let fixed = json(&[&args[..], &["--format", "json"]].concat());
    let seq = json(
        &[
            &args[..],
            &["--looks", "3", "--design", "asOF", "--format", "json"],
        ]
        .concat(),
    );
    let n_fixed = fixed["n_total_exact"].as_f64().unwrap();
    let s = &seq["sequential"];
    let factor = s["design"]["inflation_factor"].as_f64().unwrap();
    assert!((s["n_max_exact"].as_f64().unwrap() - n_fixed * factor).abs() < 1e-9);
    let per_arm: Vec<u64> = s["n_max_per_arm"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect();
    assert_eq!(per_arm[0], (n_fixed * factor / 2.0).ceil() as u64);
    trialstats()
        .args(args)
        .args(["--looks", "3", "--design", "asOF"])
        .assert()
        .success()
        .stdout(contains("Boundaries by look"))
        .stdout(contains("group-sequential inflation factor"));
    // The design carries a solved n; a given n is refused, naming the option.
    trialstats()
        .args(args)
        .args(["--n", "100", "--looks", "3"])
        .assert()
        .code(2)
        .stderr(contains("--looks"));
}

/// Bad input gets exit 2 naming the option.
#[test]
fn bad_input_names_the_option() {
    let cases: [(&[&str], &str); 11] = [
        (&["--looks", "0"], "--looks"),
        (&["--looks", "21"], "--looks"),
        (&["--timing", "0.5,0.4,1"], "--timing"),
        (&["--timing", "0.3,0.6"], "--timing"),
        (&["--looks", "2", "--timing", "0.3,0.6,1"], "--timing"),
        (&["--alpha", "0.6"], "--alpha"),
        (&["--design", "asKD", "--gamma", "-1"], "--gamma"),
        (&["--design", "asXY"], "--design"),
        (&["--sides", "3"], "--sides"),
        // rpact's ranges of γ: Kim–DeMets 0.4 to 8.
        (
            &[
                "--design",
                "asOF",
                "--futility",
                "bsKD",
                "--futility-gamma",
                "0.1",
            ],
            "--futility-gamma",
        ),
        // β-spending futility goes with an α-spending design, as in rpact.
        (&["--design", "OF", "--futility", "bsOF"], "--futility"),
    ];
    for (args, option) in cases {
        trialstats()
            .args(["power", "sequential"])
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(option));
    }
}

/// The chart is drawn (looked at by eye as a PNG; here: it exists, with the efficacy colour).
#[test]
fn the_boundaries_chart_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    for (scale, looks) in [("z", "3"), ("effect", "10")] {
        let path = dir.path().join(format!("bounds-{scale}.png"));
        trialstats()
            .args([
                "power",
                "sequential",
                "--looks",
                looks,
                "--design",
                "asOF",
                "--futility",
                "bsOF",
                "--plot",
            ])
            .arg(&path)
            .args(["--scale", scale])
            .assert()
            .success();
        let (w, h, pixels) = crate::common::png_rgb(&path);
        assert!(w >= 400 && h >= 300);
        // Vermillion (0xD5, 0x5E, 0x00): the efficacy line.
        assert!(
            pixels
                .iter()
                .any(|p| p[0] > 0xC8 && p[1] > 0x50 && p[1] < 0x6A && p[2] < 0x10)
        );
    }
}
