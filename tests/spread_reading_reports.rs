//! `trialstats check spread` on real published reports whose ± is unlabelled: each verdict
//! was worked out by hand (independently of this crate) from the report's own p, CI, n and
//! difference; the cases, with URL and verbatim quote, are in
//! `tests/data/spread_readings/reports.toml`.

use crate::common::{outcome, trialstats};

fn verdict(args: &[String]) -> (i32, String) {
    let out = trialstats()
        .args(["check", "spread", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)));
    (
        out.status.code().unwrap(),
        v["verdict"].as_str().unwrap().to_string(),
    )
}

#[test]
fn every_real_report_gets_the_verdict_worked_out_by_hand() {
    let text = std::fs::read_to_string("tests/data/spread_readings/reports.toml").unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    let reports = doc["report"].as_array().unwrap();
    assert!(reports.len() >= 15, "at least 15 real reports");
    for r in reports {
        let id = r["id"].as_str().unwrap();
        assert!(
            r["url"].as_str().unwrap().starts_with("http"),
            "{id}: a URL"
        );
        assert!(!r["quote"].as_str().unwrap().is_empty(), "{id}: a quote");
        let expected = r["expected"].as_str().unwrap();
        for set in r["args"].as_array().unwrap() {
            let args: Vec<String> = set
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
            let (code, got) = verdict(&args);
            assert_eq!(got, expected, "{id} {args:?}");
            // A contradicted spread is a problem found (exit 1); any verdict else is exit 0.
            assert_eq!(code, i32::from(expected == "contradicted"), "{id}");
            if let (Some(label), Some(with)) = (r.get("stated_label"), r.get("expected_with_label"))
            {
                let mut labelled = args.clone();
                labelled.extend(["--label".to_string(), label.as_str().unwrap().to_string()]);
                assert_eq!(
                    verdict(&labelled).1,
                    with.as_str().unwrap(),
                    "{id} labelled {label}"
                );
            }
        }
    }
}

#[test]
fn check_spread_prints_each_reading_with_its_recomputed_numbers() {
    // The issue's example: Abe et al. 2014, "a difference of 0.65 ± 0.78 (p = 0.411)".
    let (code, out, _) = outcome(&[
        "check",
        "spread",
        "--group",
        "-6.35,0.84,99",
        "--group",
        "-5.70,0.85,100",
        "--difference",
        "-0.65,0.78",
        "--p",
        "0.411",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "SE of adjusted mean");
    let readings = v["readings"].as_array().unwrap();
    let sd = readings.iter().find(|r| r["reading"] == "SD").unwrap();
    assert_eq!(sd["fit"], "excluded");
    // R: t.test(mk(99, -6.35, 0.84), mk(100, -5.70, 0.85)), data with exactly these means
    // and SDs: p = 1.6829497554385595e-07 (the order of the groups flips only the sign).
    let p = sd["recomputed"]["p"].as_f64().unwrap();
    assert!((p - 1.6829497554385595e-07).abs() < 1e-16, "{p}");
    // The table names the verdict and the reason.
    let (_, text, _) = outcome(&[
        "check",
        "spread",
        "--group",
        "-6.35,0.84,99",
        "--group",
        "-5.70,0.85,100",
        "--difference",
        "-0.65,0.78",
        "--p",
        "0.411",
    ]);
    assert!(text.starts_with("verdict: SE of adjusted mean\n"), "{text}");
    assert!(
        text.contains("as SD: SE of the difference 0.120, p = 1.68e-7"),
        "{text}"
    );
}

#[test]
fn a_stated_label_the_numbers_reject_is_contradicted_and_exits_1() {
    // As SEMs these arms give p = 0.587 unadjusted; the document says p < 0.001 and SEM.
    let (code, out, _) = outcome(&[
        "check",
        "spread",
        "--group",
        "-5.70,0.85,100",
        "--group",
        "-6.35,0.84,99",
        "--p",
        "<0.001",
        "--unadjusted",
        "--label",
        "sem",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("verdict: contradicted\n"), "{out}");
}

#[test]
fn bad_input_to_check_spread_names_its_option_and_exits_2() {
    for (args, option) in [
        (vec!["--group", "1,2"], "--group"),
        (vec!["--group", "1,2,x", "--p", "0.1"], "--group"),
        (vec!["--group", "1,2,1", "--p", "0.1"], "--group"),
        (vec!["--group", "1,-2,10", "--p", "0.1"], "--group"),
        (
            vec![
                "--group", "1,2,10", "--group", "1,2,10", "--group", "1,2,10", "--p", "0.1",
            ],
            "--group",
        ),
        (
            vec!["--group", "1,0,10", "--group", "2,0,10", "--p", "0.1"],
            "--group",
        ),
        (vec!["--group", "1,2,10", "--p", "1.5"], "--p"),
        (vec!["--group", "1,2,10", "--p", "<<0.1"], "--p"),
        (vec!["--group", "1,2,10", "--ci", "3,1"], "--ci"),
        (vec!["--group", "1,2,10", "--ci", "1"], "--ci"),
        (
            vec!["--group", "1,2,10", "--p", "0.1", "--label", "cv"],
            "--label",
        ),
        (
            vec!["--group", "1,2,10", "--difference", "a,b", "--p", "0.1"],
            "--difference",
        ),
        (
            vec![
                "--before", "1,2", "--after", "1,2", "--n", "1", "--p", "0.1",
            ],
            "--n",
        ),
        (
            vec!["--before", "1,2", "--after", "1", "--n", "5", "--p", "0.1"],
            "--after",
        ),
    ] {
        let mut all = vec!["check", "spread"];
        all.extend(args.iter());
        let (code, _, err) = outcome(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(option), "{args:?}: {err}");
    }
    // Nothing to decide from is a usage error.
    let (code, _, err) = outcome(&["check", "spread", "--group", "1,2,10"]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing to decide from"), "{err}");
}

#[test]
fn check_over_the_data_states_a_verdict_for_every_measure_with_a_spread() {
    let (code, out, _) = outcome(&["check", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let verdict = |study: &str, measure: &str| -> String {
        findings
            .iter()
            .find(|f| {
                f["study"] == study && f["measure"] == measure && f["check"] == "spread_reading"
            })
            .unwrap_or_else(|| panic!("{study} {measure}"))["detail"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Edaravone: the SE of an adjusted mean (SD excluded by the printed SE 0.78 and p).
    assert!(
        verdict("als-edaravone-phase3", "alsfrs_r_change")
            .starts_with("verdict SE of adjusted mean")
    );
    // NMO: SD, because as SEMs three measures' spreads break their scale's bounds; EDSS by
    // the rest of the document.
    for m in ["annualised_relapse_rate", "pain_nrs", "fatigue_nrs"] {
        let d = verdict("nmo-tocilizumab", m);
        assert!(
            d.starts_with("verdict SD") && d.contains("larger than possible"),
            "{m}: {d}"
        );
    }
    assert!(verdict("nmo-tocilizumab", "edss").contains("as elsewhere in this document"));
}

#[test]
fn the_edaravone_report_reads_the_se_and_its_smd_interval_spans_zero() {
    let (code, out, _) = outcome(&["report", "--no-plots"]);
    assert_eq!(code, 0, "{out}");
    let at = out.find("[alsfrs_r_change]").unwrap();
    // The measure's block runs to the next blank line.
    let block = &out[at..];
    let block = &block[..block.find("\n\n").unwrap_or(block.len())];
    assert!(
        block.contains("± is the SE of an adjusted (least-squares) mean"),
        "{block}"
    );
    // SMD with SD = SE·√n: about 0.077, its interval across 0.
    let smd = block
        .lines()
        .find(|l| l.trim_start().starts_with("SMD"))
        .unwrap();
    assert!(smd.contains("0.0768"), "{smd}");
    assert!(smd.contains("[-0.2"), "{smd}");
    // The document's own (adjusted) difference, beside the one recomputed from the arms:
    // R: 0.65 + c(-1, 1) * qnorm(0.975) * 0.78 = -0.87877191, 2.1787719.
    assert!(
        block.contains("MD   0.65 [-0.87877191, 2.1787719]  (as printed: difference 0.65 ± 0.78)"),
        "{block}"
    );
}

/// `text` drafted as a user would (`draft t.txt -o data/t.toml`), in a folder of its own: the
/// folder (kept while it lives) and the data folder inside it.
fn drafted_into_a_folder(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.txt");
    std::fs::write(&file, text).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let drafted = trialstats()
        .arg("draft")
        .arg(&file)
        .arg("-o")
        .arg(data.join("t.toml"))
        .output()
        .unwrap();
    assert!(drafted.status.success(), "{drafted:?}");
    (dir, data)
}

#[test]
fn a_difference_printed_with_its_ci_alone_is_reported_beside_the_interval_its_width_gives() {
    // The numbers of user trial 4's KAKEN report: the difference 3.03 and its 95% CI, no ±.
    let (_dir, data) = drafted_into_a_folder(
        "介入群(n=54)の得点は14.1±3.11、対照群(n=55)は11.1±3.88で、その差は3.03(95% CI: 1.78-4.43)であった。\n",
    );
    let report = trialstats()
        .args(["report", "--no-plots", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&report.stdout);
    // R: 3.03 + c(-1, 1) * qnorm(0.975) * (4.43 - 1.78) / (2 * qnorm(0.975)) = 1.705, 4.355.
    assert!(
        out.contains(
            "MD   3.03 [1.705, 4.355]  (as printed: difference 3.03, 95% CI 1.78 to 4.43)"
        ),
        "{out}"
    );
    assert!(
        out.contains("its SE from the width of its printed CI")
            && !out.contains("its ± read as the SE"),
        "{out}"
    );
}

/// A two-arm table's row printing no n of its own (BMJ 2022's oral prophylaxis trial, Table
/// 2: `Mean (SD) time from randomisation to adjuvant chemotherapy initiation (days) | 20 (5) |
/// 22 (6) | NA | 0.47 |` under `Oral prophylaxis group (n=463) | Placebo group (n=463)`). Only
/// the patients who began chemotherapy have the time, and the row does not say how many. At
/// the columns' 463 an arm the labelled SD is ruled out (Welch: SE of the difference
/// √(25/463 + 36/463) = 0.363, t = −5.51 on 894.9 df, p = 4.7e-8; R: `2 * pt(-5.51, 894.9)`),
/// but a subset of the arm may have the printed p: the report leaves the comparison unchecked,
/// and calls it contradicted only where the file gives the values that n themselves.
#[test]
fn a_row_without_its_own_n_is_not_contradicted_by_its_arms_n() {
    let file = |series_n: &str| {
        format!(
            r#"schema = 1
id = "subset_row"
title = "t"
source_file = "t.txt"
document = "d"
publication = {{ title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }}
design = "d"
population = "p"
intervention = "i"

[[arms]]
id = "oral"
label = "Oral prophylaxis group"
n = 463
control = false
quote = "Oral prophylaxis group (n=463) | Placebo group (n=463)"
where = "line 4"

[[arms]]
id = "placebo"
label = "Placebo group"
n = 463
control = true
quote = "Oral prophylaxis group (n=463) | Placebo group (n=463)"
where = "line 4"

[[arm_measures]]
id = "time_to_chemotherapy"
label = "time from randomisation to adjuvant chemotherapy initiation"
unit = "days"
dispersion = "SD"
values = "score"
correlation = "not reported"
direction = "lower is better"
claim = {{ significant = "not reported", wording = "not reported" }}
quote = "Mean (SD) time from randomisation to adjuvant chemotherapy initiation (days) | 20 (5) | 22 (6) | NA | 0.47 |"
where = "line 26"

[[arm_measures.arms]]
arm = "oral"
{series_n}
[[arm_measures.arms.timepoints]]
id = "t1"
when = "one time point"
mean = "20"
spread = "5"

[[arm_measures.arms]]
arm = "placebo"
{series_n}
[[arm_measures.arms.timepoints]]
id = "t1"
when = "one time point"
mean = "22"
spread = "6"

[[arm_measures.comparisons]]
p = "0.47"
adjusted = "not reported"
quote = "| NA | 0.47 |"
where = "line 26"
"#
        )
    };
    let options = trialstats::analysis::AnalysisOptions::default();
    let read = |series_n: &str| {
        let study = trialstats::study::load_text(&file(series_n), "subset_row.toml").unwrap();
        let readings =
            trialstats::analysis::spread_readings::read_spreads(&study, &options).unwrap();
        readings[0].reading.clone()
    };
    // The arm's n only: the comparison is not checked, and nothing is contradicted.
    let unchecked = read("");
    assert!(!unchecked.is_contradicted(), "{}", unchecked.reason);
    assert!(
        unchecked
            .reason
            .contains("the printed comparison is not checked: no n is printed with the values"),
        "{}",
        unchecked.reason
    );
    // The same n printed with the values: the SD reading is ruled out at it.
    let printed = read("n = 463");
    assert!(printed.is_contradicted(), "{}", printed.reason);
}

/// A table labelling its spreads SD whose own difference and CI only SEMs give (made-up
/// numbers in the form of the thirty-sixth new-user trial's document 10: `mean (SD)` over
/// `−5.0 (0.9) | −2.0 (0.9)` with 30 patients an arm, and the difference −3.0 (−5.5 to −0.5)).
/// As SDs the difference's SE would be √(0.9²/30 + 0.9²/30) = 0.232 (Welch p = 1.1e-18; R:
/// `2 * pt(-3 / sqrt(2 * 0.81 / 30), 58)`), as SEMs √(0.9² + 0.9²) = 1.27, whose 95% interval
/// the printed one is. A row of 4 of the arm's 30 patients would also fit, but a misprinted
/// label is what the numbers show: the label is contradicted (`report` exits 1), no effect size
/// is computed from the ± and no chart drawn; the document's own difference stands, set as
/// its numbers subtract (Drug A − Drug B: −5.0 − (−2.0) = −3.0), so Drug B is the control.
#[test]
fn a_label_its_own_comparison_contradicts_gets_no_effect_size_or_chart() {
    let (dir, data) = drafted_into_a_folder(
        "Table 2 Outcomes.\nVariables | Drug A (n = 30) | Drug B (n = 30) | MD (95% CI) |\n|---|---|---|---|\nPain score changes at week 4, mean (SD) | −5.0 (0.9) | −2.0 (0.9) | −3.0 (−5.5 to −0.5) |\n",
    );
    let study = std::fs::read_to_string(data.join("t.toml")).unwrap();
    let control = study.find("control = true").unwrap();
    assert!(
        study[..control].rfind("label = \"Drug B\"") > study[..control].rfind("label = \"Drug A\""),
        "{study}"
    );
    let plots = dir.path().join("plots");
    let report = trialstats()
        .args(["report", "--data"])
        .arg(&data)
        .arg("--plots")
        .arg(&plots)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&report.stdout);
    assert_eq!(report.status.code(), Some(1), "{out}");
    assert!(out.contains("CONTRADICTED: ± is labelled SD"), "{out}");
    assert!(!out.contains("SMD"), "{out}");
    assert!(
        out.contains("drug_a vs drug_b (the document's own difference")
            && out.contains("(as printed: difference -3.0, 95% CI -5.5 to -0.5)"),
        "{out}"
    );
    assert!(
        out.contains("not analysed: the document's own numbers contradict"),
        "{out}"
    );
    let drawn = std::fs::read_dir(&plots)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "png")
        })
        .count();
    assert_eq!(drawn, 0, "{out}");
}
