//! Trials with arms in the study format: loading ([[arms]], [[arm_measures]],
//! [[arm_counts]]), the between-arm effects against metafor's `escalc`, the report text,
//! `meta --data` pooling per-arm items across trials, and the refusals of bad arms
//! (file:line: field; exit 2).
//!
//! Reference values: R 4.2.2, metafor 3.8.1, `Rscript benches/arms_reference.R` (each call is
//! repeated next to its numbers).

use crate::common::assert_close;
use assert_cmd::Command;
use std::path::{Path, PathBuf};
use trialstats::analysis::{self, AnalysisOptions, ArmBasis, ArmItemAnalysis};
use trialstats::effect::MeasureCode;
use trialstats::study::{self, ArmValues, Study};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str) -> Study {
    study::load_file(&manifest().join(path)).unwrap()
}

/// `(yi, vi)` of `code` in the comparison of `arm` on `basis` (matched by its description).
fn effect(item: &ArmItemAnalysis, arm: &str, basis: &str, code: MeasureCode) -> (f64, f64) {
    let c = item
        .comparisons
        .iter()
        .find(|c| c.arm == arm && c.basis.describe().starts_with(basis))
        .unwrap_or_else(|| panic!("no {arm} comparison on '{basis}' in {item:?}"));
    let e = c.effects.iter().find(|e| e.measure == code).unwrap();
    (e.estimate, e.variance.unwrap())
}

/// Relative agreement asked of each yi and vi.
const REL: f64 = 1e-10;

#[test]
fn the_edaravone_trial_loads_with_its_arms_and_printed_numbers() {
    let s = load("data/als-edaravone-phase3.toml");
    assert_eq!(s.arms.len(), 2);
    assert_eq!(s.control_arm().unwrap().id, "placebo");
    assert_eq!(s.arm("edaravone").unwrap().n.value(), Some(&102));
    let m = s.arm_measure("alsfrs_r_change").unwrap();
    assert_eq!(m.values, ArmValues::ChangeFromBaseline);
    let placebo = m.series("placebo").unwrap();
    // The measure's own n (99) overrides the arm's (104), as the abstract prints it.
    assert_eq!(placebo.n.value(), Some(&99));
    let t = placebo.timepoint("week_24").unwrap();
    assert_eq!(t.mean.value().unwrap().text, "-6.35");
    assert_eq!(t.spread.value().unwrap().text, "0.84");
    let ae = s.arm_count("adverse_events").unwrap();
    assert!(!ae.is_rate());
    assert_eq!(
        ae.events_of("edaravone")
            .unwrap()
            .events
            .value()
            .unwrap()
            .text,
        "91"
    );
    // Expectations reach per-arm numbers.
    assert_eq!(s.value_of("adverse_events.placebo.n").unwrap(), 104.0);
    assert_eq!(s.value_of("edaravone").unwrap(), 102.0);
    assert!(
        s.value_of("alsfrs_r_change.placebo.week_12.mean")
            .unwrap_err()
            .contains("TIMEPOINT one of week_24")
    );
}

#[test]
fn edaravone_effects_match_metafor() {
    let s = load("data/als-edaravone-phase3.toml");
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let change = a.arms.iter().find(|i| i.id == "alsfrs_r_change").unwrap();
    let edaravone = |item, code| effect(item, "edaravone", "changes from baseline", code);
    // The abstract's own difference (0.65 ± 0.78, p = 0.411) decides that ± is the SE of an
    // adjusted mean (tests/spread_reading_reports.rs), so each arm's SD is SE·√n.
    // metafor 3.8.1: escalc("MD", m1i = -5.70, sd1i = 0.85*sqrt(100), n1i = 100,
    //                        m2i = -6.35, sd2i = 0.84*sqrt(99), n2i = 99)
    let (yi, vi) = edaravone(change, MeasureCode::MD);
    assert_close("MD yi", yi, 0.64999999999999947, REL);
    assert_close("MD vi", vi, 1.4280999999999999, REL);
    // escalc("SMD", same arguments): 0.0768 [-0.2012, 0.3548]
    let (yi, vi) = edaravone(change, MeasureCode::SMD);
    assert_close("SMD yi", yi, 0.076815168666934316, REL);
    assert_close("SMD vi", vi, 0.020115835654118969, REL);
    // Without the printed comparison the numbers do not decide, and ± is read as an SD.
    let mut bare = s.clone();
    bare.arm_measures[0].comparisons.clear();
    let a_sd = analysis::analyse_study(&bare, &AnalysisOptions::default()).unwrap();
    let change = a_sd
        .arms
        .iter()
        .find(|i| i.id == "alsfrs_r_change")
        .unwrap();
    // escalc("MD", m1i = -5.70, sd1i = 0.85, n1i = 100, m2i = -6.35, sd2i = 0.84, n2i = 99)
    let (yi, vi) = edaravone(change, MeasureCode::MD);
    assert_close("MD yi, ± read as SD", yi, 0.64999999999999947, REL);
    assert_close("MD vi, ± read as SD", vi, 0.014352272727272724, REL);
    // escalc("SMD", same arguments)
    let (yi, vi) = edaravone(change, MeasureCode::SMD);
    assert_close("SMD yi, ± read as SD", yi, 0.7662614535050708, REL);
    assert_close("SMD vi, ± read as SD", vi, 0.021576277978215389, REL);
    let ae = a.arms.iter().find(|i| i.id == "adverse_events").unwrap();
    // escalc("RR" / "OR" / "RD", ai = 91, n1i = 102, ci = 92, n2i = 104)
    for (code, want) in [
        (
            MeasureCode::RR,
            (0.0084890153249114059, 0.0024392700223902272),
        ),
        (MeasureCode::OR, (0.076082306457440296, 0.19610100044882656)),
        (
            MeasureCode::RD,
            (0.0075414781297135081, 0.0019247166368542815),
        ),
    ] {
        let (yi, vi) = effect(ae, "edaravone", "people", code);
        assert_close(&format!("{code} yi"), yi, want.0, REL);
        assert_close(&format!("{code} vi"), vi, want.1, REL);
    }
}

#[test]
fn a_three_arm_trial_compares_each_arm_with_the_control_as_metafor() {
    let s = load("tests/data/arms/three-arm.toml");
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let score = a.arms.iter().find(|i| i.id == "alsfrs_r").unwrap();
    // escalc(m, m1i = 36.1, sd1i = 5.1, n1i = 58, m2i = 34.6, sd2i = 5.9, n2i = 60) (low)
    // escalc(m, m1i = 37.3, sd1i = 4.8, n1i = 61, m2i = 34.6, sd2i = 5.9, n2i = 60) (high)
    let values = [
        ("low", MeasureCode::MD, (1.5, 1.0286149425287356)),
        (
            "low",
            MeasureCode::SMD,
            (0.2699092931769026, 0.034216736767449019),
        ),
        (
            "low",
            MeasureCode::ROM,
            (0.042439183275156722, 0.00082872967812848593),
        ),
        (
            "high",
            MeasureCode::MD,
            (2.6999999999999957, 0.95787158469945366),
        ),
        (
            "high",
            MeasureCode::SMD,
            (0.49928219467647122, 0.034090203132266059),
        ),
        (
            "high",
            MeasureCode::ROM,
            (0.075139644586091223, 0.00075609736367564478),
        ),
    ];
    for (arm, code, want) in values {
        let (yi, vi) = effect(score, arm, "values at week_24", code);
        assert_close(&format!("{arm} {code} yi"), yi, want.0, REL);
        assert_close(&format!("{arm} {code} vi"), vi, want.1, REL);
    }
    // Change scores at r = 0.5: sdc = sqrt(sb^2 + sa^2 - 2 r sb sa) per arm, then
    // escalc(m, m1i = a - b, sd1i = sdc(arm), n1i, m2i = a - b, sd2i = sdc(placebo), n2i)
    let changes = [
        (
            "low",
            MeasureCode::MD,
            (1.3999999999999986, 0.7812241379310344),
        ),
        (
            "low",
            MeasureCode::SMD,
            (0.28901476398556752, 0.034261984679560792),
        ),
        (
            "high",
            MeasureCode::MD,
            (2.7999999999999901, 0.72794262295081968),
        ),
        (
            "high",
            MeasureCode::SMD,
            (0.59399298548295298, 0.034518074854918937),
        ),
    ];
    for (arm, code, want) in changes {
        let (yi, vi) = effect(score, arm, "change scores baseline → week_24", code);
        assert_close(&format!("{arm} change {code} yi"), yi, want.0, REL);
        assert_close(&format!("{arm} change {code} vi"), vi, want.1, REL);
    }
    // The r of the change scores is said.
    let c = score
        .comparisons
        .iter()
        .find(|c| matches!(c.basis, ArmBasis::ChangeScores { .. }))
        .unwrap();
    assert!(
        c.basis
            .describe()
            .contains("r = 0.5 (not reported; assumed (default))"),
        "{}",
        c.basis.describe()
    );
    // No comparison at the baseline of a score (the change scores use it).
    assert!(
        score
            .comparisons
            .iter()
            .all(|c| !c.basis.describe().contains("values at baseline"))
    );
    // Rates: escalc(m, x1i, t1i, x2i = 25, t2i = 54.1) with low 12 / 55.2, high 7 / 57.9
    let rates = a.arms.iter().find(|i| i.id == "relapses").unwrap();
    let want = [
        (
            "low",
            MeasureCode::IRR,
            (-0.75409794251081419, 0.12333333333333332),
        ),
        (
            "low",
            MeasureCode::IRD,
            (-0.24471590452463229, 0.012479971166846519),
        ),
        (
            "high",
            MeasureCode::IRR,
            (-1.3408488745394012, 0.18285714285714286),
        ),
        (
            "high",
            MeasureCode::IRD,
            (-0.3412091086997468, 0.01062977298901447),
        ),
    ];
    for (arm, code, w) in want {
        let (yi, vi) = effect(rates, arm, "events over", code);
        assert_close(&format!("{arm} {code} yi"), yi, w.0, REL);
        assert_close(&format!("{arm} {code} vi"), vi, w.1, REL);
    }
}

#[test]
fn a_chosen_r_is_used_for_the_change_scores_and_said() {
    let s = load("tests/data/arms/three-arm.toml");
    let options = AnalysisOptions {
        r: Some(0.8),
        ..AnalysisOptions::default()
    };
    let a = analysis::analyse_study(&s, &options).unwrap();
    let score = a.arms.iter().find(|i| i.id == "alsfrs_r").unwrap();
    let d = score
        .comparisons
        .iter()
        .find(|c| c.arm == "high" && matches!(c.basis, ArmBasis::ChangeScores { .. }))
        .unwrap();
    assert!(
        d.basis
            .describe()
            .contains("r = 0.8 (not reported; chosen by the user)")
    );
    // MD of change scores: the SEs from the change SDs at r = 0.8 (Cochrane 6.5.2.8).
    let sdc = |sb: f64, sa: f64| (sb * sb + sa * sa - 2.0 * 0.8 * sb * sa).sqrt();
    let var = sdc(2.3, 4.8).powi(2) / 61.0 + sdc(2.2, 5.9).powi(2) / 60.0;
    let md = d
        .effects
        .iter()
        .find(|e| e.measure == MeasureCode::MD)
        .unwrap();
    assert!((md.variance.unwrap() - var).abs() < 1e-12);
}

#[test]
fn the_report_names_the_arms_the_basis_and_the_reading_of_plus_minus() {
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--no-plots"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for want in [
        "Arms: placebo [control] = Placebo (n = 104); edaravone = Edaravone i.v. (n = 102)",
        "  reported: placebo (n = 99): week_24 -6.35 ± 0.84",
        "± is the SE of an adjusted (least-squares) mean: only that reading fits",
        "  edaravone vs placebo (changes from baseline to week_24 as reported; metafor escalc, normal-theory 95% CIs):",
        "    MD   0.65 [-1.6922185, 2.9922185]",
        "  reported: placebo: 92 of 104",
        "    log RR 0.0084890153 [-0.08831158, 0.10528961]  = RR 1.0085251 (0.91547559 to 1.1110323)",
        "als-edaravone-phase3  adverse_events_placebo_recomputed     88.461538      88.5       0.05  ok",
    ] {
        assert!(text.contains(want), "missing:\n{want}\nin:\n{text}");
    }
}

#[test]
fn meta_data_pools_per_arm_counts_across_trials_as_metafor() {
    let dir = manifest().join("tests/data/arms");
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "--data"])
        .arg(&dir)
        .args(["--effect", "RR", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fits.len(), 1);
    let fit = &fits[0];
    assert_eq!(fit["measure"], "relapsed");
    // dat <- escalc("RR", ai = c(8, 10), n1i = c(59, 40), ci = c(28, 17), n2i = c(59, 41))
    // rma(yi, vi, data = dat, method = "REML", control = list(tol = 1e-12, threshold = 1e-12))
    let rel = |got: f64, want: f64| ((got - want) / want).abs();
    assert!(rel(fit["estimate"].as_f64().unwrap(), -0.86771160998911423) < 1e-8);
    assert!(rel(fit["se"].as_f64().unwrap(), 0.3732322725966527) < 1e-8);
    assert!(rel(fit["tau2"].as_f64().unwrap(), 0.16075089736563372) < 1e-6);
    // The library: labels are the trials.
    let studies = study::load_dir(&dir).unwrap();
    let analyses = analysis::analyse_studies(&studies, &AnalysisOptions::default()).unwrap();
    let sets = analysis::poolable_sets(
        &analyses,
        MeasureCode::RR,
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap();
    assert_eq!(sets[0].data.labels, ["trial-a", "trial-b"]);
    // One trial reports the score: nothing to pool, said plainly; --change-scores with a
    // count code is refused.
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "--data"])
        .arg(&dir)
        .args(["--effect", "MD", "--change-scores"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "No per-arm measure or count with MD is reported by two or more studies",
        ));
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "--data"])
        .arg(&dir)
        .args(["--effect", "RR", "--change-scores"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--change-scores"));
}

// ----- refusals -----

const THREE_ARM: &str = include_str!("data/arms/three-arm.toml");

/// The three-arm fixture with `edits` (from, to) applied, loaded from a temporary folder.
fn refusal(edits: &[(&str, &str)]) -> String {
    let mut text = THREE_ARM.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no '{from}'");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three-arm.toml");
    std::fs::write(&path, text).unwrap();
    // Through the command line: exit 2, the message on stderr.
    let out = Command::cargo_bin("trialstats")
        .unwrap()
        .args(["list", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let lib = study::load_file(Path::new(&path)).unwrap_err().to_string();
    assert!(stderr.contains(&lib), "{stderr}\nvs\n{lib}");
    lib
}

#[test]
fn bad_arms_are_refused_with_file_line_and_field() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[(
                "arm = \"low\"\n\n[[arm_measures.arms.timepoints]]",
                "arm = \"medium\"\n\n[[arm_measures.arms.timepoints]]",
            )],
            "three-arm.toml:64: arm_measures[alsfrs_r].arms[medium].arm: 'medium' is not an arm of this study; allowed: placebo, low, high",
        ),
        (
            &[("n = 58\nquote", "n = 58\ncontrol = true\nquote")],
            "three-arm.toml:15: arms: 2 arms are marked `control = true` (placebo, low); exactly one arm is the comparator",
        ),
        (
            &[("n = 60\ncontrol = true\n", "n = 60\n")],
            "arms: no arm is marked `control = true`",
        ),
        (
            &[("n = 60\ncontrol = true\n", "n = 60\ncontrol = \"maybe\"\n")],
            "arms[placebo].control: is \"maybe\"; allowed: true, false, or \"review\"",
        ),
        (
            &[(
                "id = \"week_24\"\nwhen = \"week 24\"\nmean = \"36.1\"",
                "id = \"week_26\"\nwhen = \"week 26\"\nmean = \"36.1\"",
            )],
            "arm_measures[alsfrs_r].arms[low].timepoints: time points baseline, week_26 differ from the first arm's baseline, week_24",
        ),
        (
            &[("mean = \"36.1\"", "mean = \"49.1\"")],
            "arm_measures[alsfrs_r].arms[low].timepoints[week_24].mean: 49.1 is outside the scale",
        ),
        (
            &[(
                "arm = \"high\"\nevents = \"7\"\nperson_time = \"57.9\"",
                "arm = \"high\"\nevents = \"7\"",
            )],
            "arm_counts[relapses].arms[high].person_time: is missing while another arm gives person-time",
        ),
        (
            &[("events = \"12\"", "events = \"12.5\"")],
            "arm_counts[relapses].arms[low].events: 12.5 is not allowed; allowed: a whole number of events",
        ),
        (
            &[("time_unit = \"patient-years\"\n", "")],
            "arm_counts[relapses].time_unit: counts over person-time need a time_unit",
        ),
        (
            &[(
                "arm = \"placebo\"\nevents = \"25\"",
                "arm = \"low\"\nevents = \"25\"",
            )],
            "arm_counts[relapses].arms[low].arm: arm 'low' is given twice",
        ),
        (
            &[("person_time = \"54.1\"", "person_time = \"0\"")],
            "arm_counts[relapses].arms[placebo].person_time: 0 is not allowed; allowed: a person-time above 0",
        ),
        (
            &[(
                "arm = \"placebo\"\n\n[[arm_measures",
                "arm = \"placebo\"\nwhat = 1\n\n[[arm_measures",
            )],
            "unknown field `what`",
        ),
        // The document's comparisons ([[arm_measures.comparisons]]).
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\np = \"0.04\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "arm_measures[alsfrs_r].comparisons[0].arm: is needed when the measure has several arms besides the control; allowed: low, high",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"placebo\"\np = \"0.04\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0].arm: 'placebo' is the control",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\ntimepoint = \"week_25\"\np = \"0.04\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0].timepoint: 'week_25' is not a time point of this measure; allowed: baseline, week_24",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\np = \"p = 1.2\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0].p: 'p = 1.2' is not a p-value as printed",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\nspread = \"0\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0].spread: 0 is not allowed; allowed: a number above 0",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\ndifference = \"1.2\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0]: gives nothing to compare",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\np = \"0.04\"\nadjusted = \"yes\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0].adjusted: \"yes\" is not allowed; allowed: true",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\nci_lower = \"2\"\nci_upper = \"1\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[0].ci_lower: 2 is not below ci_upper 1",
        ),
        (
            &[(
                "[[arm_counts]]",
                "[[arm_measures.comparisons]]\narm = \"low\"\np = \"0.04\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_measures.comparisons]]\narm = \"low\"\nt = \"2.1\"\nquote = \"q\"\nwhere = \"w\"\n\n[[arm_counts]]",
            )],
            "comparisons[1]: compares low at week_24 a second time",
        ),
    ];
    for (edits, want) in cases {
        let e = refusal(edits);
        assert!(e.contains(want), "wanted:\n{want}\ngot:\n{e}");
    }
}

#[test]
fn a_count_above_its_denominator_and_a_lone_arm_are_refused() {
    let trial_a = include_str!("data/arms/trial-a.toml");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trial-a.toml");
    std::fs::write(&path, trial_a.replace("events = \"28\"", "events = \"60\"")).unwrap();
    let e = study::load_file(&path).unwrap_err().to_string();
    assert!(
        e.contains("arm_counts[relapsed].arms[control].events: 60 people with the event is more than the arm's denominator n = 59"),
        "{e}"
    );
    // A per-arm count without the control arm.
    let without_control = trial_a.replace(
        "\n[[arm_counts.arms]]\narm = \"control\"\nevents = \"28\"\n",
        "",
    );
    std::fs::write(&path, without_control).unwrap();
    let e = study::load_file(&path).unwrap_err().to_string();
    assert!(
        e.contains("arm_counts[relapsed].arms: gives arm(s) active; a per-arm item needs at least two arms, one of them the control 'control'"),
        "{e}"
    );
    // A per-arm item in a study without arms.
    let no_arms = trial_a
        .split("[[arm_counts]]")
        .next()
        .unwrap()
        .split("[[arms]]")
        .next()
        .unwrap()
        .to_string()
        + "[[arm_counts]]"
        + trial_a.split("[[arm_counts]]").nth(1).unwrap();
    std::fs::write(&path, no_arms).unwrap();
    let e = study::load_file(&path).unwrap_err().to_string();
    assert!(e.contains("the study has no [[arms]]"), "{e}");
}

#[test]
fn the_gallery_draws_a_forest_of_each_per_arm_item() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--editable-svg", "--data"])
        .arg(manifest().join("tests/data/arms"))
        .arg("--plots")
        .arg(dir.path())
        .assert()
        .code(0);
    let svg =
        std::fs::read_to_string(dir.path().join("three-arm-alsfrs-r-arms-forest.svg")).unwrap();
    for want in [
        "SMD by arm",
        "arm (vs placebo)",
        "High dose, change to week 24 (r = 0.5)",
        "0.59",
    ] {
        assert!(svg.contains(want), "{want}");
    }
    let svg =
        std::fs::read_to_string(dir.path().join("three-arm-relapses-arms-forest.svg")).unwrap();
    // IRR drawn as a ratio: exp(-1.3408489) = 0.26162349.
    assert!(
        svg.contains("IRR: arm / placebo") && svg.contains("0.26"),
        "IRR chart"
    );
}

#[test]
fn an_arm_that_reports_its_change_uses_that_sd_for_the_change_scores() {
    let text = THREE_ARM.replacen(
        "arm = \"low\"\n",
        "arm = \"low\"\nchange = { se = \"0.4\", quote = \"SE 0.4\", where = \"test\" }\n",
        1,
    );
    let s = study::load_str(&text, Path::new("three-arm.toml")).unwrap();
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let score = a.arms.iter().find(|i| i.id == "alsfrs_r").unwrap();
    // (2.4^2 + 5.1^2 - (0.4 * sqrt(58))^2) / (2 * 2.4 * 5.1)
    let (arm, i) = &score.implied[0];
    assert_eq!(arm, "low");
    assert_close("implied r", i.r, 0.91870915032679734, REL);
    assert_close(
        "implied SD of the change",
        i.sd_change,
        0.4 * 58f64.sqrt(),
        REL,
    );
    // escalc(m, m1i = 36.1 - 41.9, sd1i = 0.4 * sqrt(58), n1i = 58,
    //           m2i = 34.6 - 41.8, sd2i = sqrt(2.2^2 + 5.9^2 - 2 * 0.5 * 2.2 * 5.9), n2i = 60)
    let (yi, vi) = effect(score, "low", "change scores", MeasureCode::MD);
    assert_close("MD yi", yi, 1.3999999999999986, REL);
    assert_close("MD vi", vi, 0.60450000000000004, REL);
    let (yi, vi) = effect(score, "low", "change scores", MeasureCode::SMD);
    assert_close("SMD yi", yi, 0.32671259705386235, REL);
    assert_close("SMD vi", vi, 0.034360338862916916, REL);
    let basis = score
        .comparisons
        .iter()
        .find(|c| c.arm == "low" && matches!(c.basis, ArmBasis::ChangeScores { .. }))
        .unwrap()
        .basis
        .describe();
    assert!(
        basis.contains("change SD of low: 3.0463092 from the reported SE = 0.4 of the change; of the others change SD from r = 0.5"),
        "{basis}"
    );
    // An impossible change SD is an inconsistency and is not used.
    let text = THREE_ARM.replacen(
        "arm = \"low\"\n",
        "arm = \"low\"\nchange = { sd = \"9.9\", quote = \"SD 9.9\", where = \"test\" }\n",
        1,
    );
    let s = study::load_str(&text, Path::new("three-arm.toml")).unwrap();
    let a = analysis::analyse_study(&s, &AnalysisOptions::default()).unwrap();
    let f = a
        .findings
        .iter()
        .find(|f| {
            f.measure == "alsfrs_r[low]"
                && f.check == trialstats::checks::CheckName::ImpliedCorrelation
        })
        .unwrap();
    assert_eq!(f.status, trialstats::checks::Status::Inconsistent);
    let score = a.arms.iter().find(|i| i.id == "alsfrs_r").unwrap();
    let (yi, vi) = effect(score, "low", "change scores", MeasureCode::MD);
    assert_close("MD falls back to r = 0.5 yi", yi, 1.3999999999999986, REL);
    assert_close("MD falls back to r = 0.5 vi", vi, 0.7812241379310344, REL);
    // A change given for a measure of changes is refused.
    let e = study::load_str(
        &include_str!("../data/als-edaravone-phase3.toml").replacen(
            "arm = \"placebo\"\nn = 99\n",
            "arm = \"placebo\"\nn = 99\nchange = { sd = \"1\", quote = \"q\", where = \"w\" }\n",
            1,
        ),
        Path::new("als-edaravone-phase3.toml"),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains(
            "arm_measures[alsfrs_r_change].arms[placebo].change: is for the change of a score"
        ),
        "{e}"
    );
}

/// Two arms printing medians with their quartiles (made-up numbers), as a draft writes them:
/// `n_drug` and `n_placebo` are each arm's n (`"not reported"` or a number).
fn median_arms(n_drug: &str, n_placebo: &str) -> Study {
    let text = format!(
        r#"schema = 1
id = "medians"
title = "Two arms' medians"
source_file = "medians.txt"
document = "made up"
publication = {{ title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }}
design = "randomised"
population = "adults"
intervention = "drug"

[[arms]]
id = "drug"
label = "drug"
n = {n_drug}
control = false
quote = "made up"
where = "line 1"

[[arms]]
id = "placebo"
label = "placebo"
n = {n_placebo}
control = true
quote = "made up"
where = "line 1"

[[arm_measures]]
id = "pain"
label = "pain"
unit = "points"
dispersion = "not reported"
values = "score"
correlation = "not reported"
direction = "lower is better"
claim = {{ significant = "not reported", wording = "none" }}
quote = "made up"
where = "line 1"

[[arm_measures.arms]]
arm = "drug"
[[arm_measures.arms.timepoints]]
id = "t1"
when = "day 1"
median = "10.0"
q1 = "6.5"
q3 = "17.3"

[[arm_measures.arms]]
arm = "placebo"
[[arm_measures.arms.timepoints]]
id = "t1"
when = "day 1"
median = "11.0"
q1 = "7.0"
q3 = "18.5"
"#
    );
    study::load_str(&text, Path::new("medians.toml")).unwrap()
}

#[test]
fn arms_of_medians_say_why_they_are_not_compared_and_read_no_plus_minus() {
    let reason = |s: &Study| {
        let a = analysis::analyse_study(s, &AnalysisOptions::default()).unwrap();
        let item = &a.arms[0];
        // Medians print no ± to read as SD or SEM.
        assert_eq!(item.spread_reading, None, "{item:?}");
        item.not_analysed.clone().unwrap()
    };
    let unknown = reason(&median_arms("\"not reported\"", "\"not reported\""));
    assert!(unknown.starts_with("no arm's n is reported"), "{unknown}");
    // The placebo arm's n = 2 is below the conversion's n ≥ 5: that is the reason given.
    let small = reason(&median_arms("16", "2"));
    assert!(
        small.starts_with("placebo.t1's median is not converted") && small.contains("n = 2"),
        "{small}"
    );
}
