//! The report's "confirmatory trial" section: each seed study gets the design that fits it,
//! at the n the README's plan ("Planning the confirmatory trials") gives.

use std::path::PathBuf;
use trialstats::analysis::AnalysisOptions;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn report() -> trialstats::report::Report {
    let studies = trialstats::study::load_dir(&data()).unwrap();
    let mut report = trialstats::report::build(&studies, &AnalysisOptions::default()).unwrap();
    trialstats::report::add_confirmatory_trials(&mut report, &data()).unwrap();
    report
}

#[test]
fn als_muse_gets_the_readme_mmrm_plan() {
    let report = report();
    let als = report
        .studies
        .iter()
        .find(|s| s.id == "als-muse-phase2")
        .unwrap();
    let c = als.confirmatory_trial.as_ref().unwrap();
    assert_eq!(c.design, "MMRM");
    // delta = (0.47 − 0.25) × 12 = 2.64 points (by hand)
    assert!((c.effect - 2.64).abs() < 1e-12);
    // README "Planning the confirmatory trials": `power mmrm --delta 2.64 --sd 6
    // --correlation ar1:0.8 --retention 1,0.93,0.87,0.8 --allocation 2:1` → 209 patients
    // (139 + 70); 369 at SD 8.
    assert_eq!((c.n_total, c.n_treatment, c.n_control), (209, 139, 70));
    assert_eq!(c.n_total_larger_sd, Some(369));
    // Every assumed input is said to be assumed.
    for what in ["SD at month 12", "correlation", "retention", "allocation"] {
        assert!(
            c.provenance
                .iter()
                .any(|l| l.contains(what) && l.contains("assumed")),
            "{what} not labelled assumed: {:?}",
            c.provenance
        );
    }
    // The allocation chart's 2:1 point is the section's n.
    let at_two = c
        .allocation_sweep
        .rows
        .iter()
        .find(|r| r.values[0] == 2.0)
        .unwrap();
    assert_eq!(at_two.solution.n_total(), c.n_total);
    // With two interim looks (3-look asOF, two-sided 5 %, power 80 %): rpact 3.3.4
    // getDesignCharacteristics(getDesignGroupSequential(kMax = 3, alpha = 0.05, sided = 2,
    // beta = 0.2, typeOfDesign = "asOF")): inflationFactor 1.0127948129740079,
    // averageSampleNumber1 0.86556869598147257, averageSampleNumber0 1.0086410748824295;
    // times the fixed design's unrounded n, 207.1629470534868 (`power mmrm … --format json`,
    // whose 209 the README's plan checks above): at most 209.81 → 140 + 70.
    let p = c.sequential.patients.as_ref().unwrap();
    let fixed = 207.1629470534868;
    assert!((p.n_max_exact - fixed * 1.0127948129740079).abs() < 1e-5);
    assert_eq!((p.n_max, p.n_max_per_arm), (210, [140, 70]));
    assert!((p.expected_n_h1.unwrap() - fixed * 0.86556869598147257).abs() < 1e-5);
    assert!((p.expected_n_h0.unwrap() - fixed * 1.0086410748824295).abs() < 1e-5);
    let text = trialstats::report::study_text(als);
    assert!(text.contains("confirmatory trial (MMRM)"), "{text}");
    assert!(
        text.contains("with 2 interim looks") && text.contains("at most 210 patients (140 + 70"),
        "{text}"
    );
    assert!(
        text.contains("209 patients (139 treatment + 70 control)"),
        "{text}"
    );
}

#[test]
fn nmo_tocilizumab_gets_the_readme_relapse_plan() {
    let report = report();
    let nmo = report
        .studies
        .iter()
        .find(|s| s.id == "nmo-tocilizumab")
        .unwrap();
    let c = nmo.confirmatory_trial.as_ref().unwrap();
    assert_eq!(c.design, "time to event");
    assert_eq!(c.effect, 0.45);
    // README: `power survival --hr-from data/nmosd-nma.csv --study SAkuraStar
    // --rate-control 2.9 --accrual 2 --follow-up 1 --dropout-rate 0.1 --allocation 2:1` →
    // 56 relapses, 63 patients (42 + 21).
    assert_eq!((c.n_total, c.n_treatment, c.n_control), (63, 42, 21));
    // Independent: Schoenfeld's events written out in R 4.2.2,
    // f <- 2/3; (qnorm(0.975) + qnorm(0.8))^2 / (f * (1 - f) * log(0.45)^2)
    // = 55.3939042131, so 56 events.
    let schoenfeld: f64 = 55.3939042131;
    assert_eq!(c.events, Some(schoenfeld.ceil() as u64));
    // With two interim looks: at most those events times rpact's inflation factor of the
    // 3-look asOF design (1.0127948129740079, as above), and expected under H1 times its
    // averageSampleNumber1 (0.86556869598147257).
    let e = c.sequential.events.as_ref().unwrap();
    assert!((e.events_max_exact - schoenfeld * 1.0127948129740079).abs() < 1e-6);
    assert_eq!(e.events_max, 57);
    assert!((e.events_expected_h1 - schoenfeld * 0.86556869598147257).abs() < 1e-6);
    for what in ["accrual", "hazard ratio", "allocation"] {
        assert!(
            c.provenance
                .iter()
                .any(|l| l.contains(what) && l.contains("assumed")),
            "{what} not labelled assumed: {:?}",
            c.provenance
        );
    }
    assert!(c.provenance[0].contains("reported"));
    // Beside it, relapse counts per patient at the same rate and ratio, follow-up uniform on
    // [1, 3] years, k = 0.5 (assumed), pooled null variance, 2:1. R 4.2.2, integrating each
    // arm's information (not our closed form):
    //   info <- function(l, k, T, A) integrate(function(t) l*t/(1+k*l*t), T, T+A,
    //     rel.tol = 1e-13)$value / A
    //   nst <- function(l0, rr, k, T, A, f = 0.5, pw = 0.8) { l1 <- l0*rr; lb <- f*l1 + (1-f)*l0
    //     v1 <- 1/info(l1,k,T,A)/f + 1/info(l0,k,T,A)/(1-f)
    //     v0 <- 1/info(lb,k,T,A)/f + 1/info(lb,k,T,A)/(1-f)
    //     (qnorm(0.975)*sqrt(v0) + qnorm(pw)*sqrt(v1))^2 / log(rr)^2 }
    //   nst(2.9, 0.45, 0.5, 1, 2, f = 2/3) = 43.1411080610562 -> ceiling(43.14 * 2/3) = 29
    //     and ceiling(43.14 / 3) = 15 patients;
    //   nst(2.9, 0.45, 0, 1, 2, f = 2/3) = 14.5779465002199 (Poisson) -> 10 + 5.
    let counts = c.relapse_counts.as_ref().unwrap();
    assert_eq!(
        (counts.n_total, counts.n_treatment, counts.n_control),
        (44, 29, 15)
    );
    assert_eq!(counts.n_total_poisson, 15);
    assert_eq!(counts.rate_ratio, 0.45);
    assert!(counts.provenance[0].contains("reported"));
    for what in ["rate ratio", "follow-up", "dispersion", "allocation"] {
        assert!(
            counts
                .provenance
                .iter()
                .any(|l| l.contains(what) && l.contains("assumed")),
            "{what} not labelled assumed: {:?}",
            counts.provenance
        );
    }
    let text = trialstats::report::study_text(nmo);
    assert!(
        text.contains("confirmatory trial (time to event)"),
        "{text}"
    );
    assert!(
        text.contains("or by relapse counts per patient: negative binomial regression"),
        "{text}"
    );
    assert!(
        text.contains("rate ratio = 0.45: 44 patients (29 treatment + 15 control)"),
        "{text}"
    );
    assert!(
        text.contains("63 patients (42 treatment + 21 control), 56 events"),
        "{text}"
    );
}

#[test]
fn a_design_that_cannot_be_solved_leaves_the_section_out_with_its_reason() {
    // The ALS study with a slope difference of 1e-9 points a month: the MMRM needs more
    // than 1e9 patients per arm, so the section is left out and the report still builds.
    let dir = tempfile::tempdir().unwrap();
    let toml = std::fs::read_to_string(data().join("als-muse-phase2.toml")).unwrap();
    let tiny = toml.replace(
        "after = { value = \"0.25\"",
        "after = { value = \"0.469999999\"",
    );
    assert_ne!(tiny, toml);
    std::fs::write(dir.path().join("als-muse-phase2.toml"), tiny).unwrap();
    let studies = trialstats::study::load_dir(dir.path()).unwrap();
    let mut report = trialstats::report::build(&studies, &AnalysisOptions::default()).unwrap();
    trialstats::report::add_confirmatory_trials(&mut report, dir.path()).unwrap();
    let als = &report.studies[0];
    assert!(als.confirmatory_trial.is_none());
    let why = als.confirmatory_trial_left_out.as_deref().unwrap();
    assert!(
        why.starts_with("the MMRM design cannot be solved") && why.contains("too small"),
        "{why}"
    );
    let text = trialstats::report::study_text(als);
    assert!(
        text.contains("confirmatory trial: left out (the MMRM design cannot be solved"),
        "{text}"
    );
}
