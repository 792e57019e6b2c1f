//! `trialstats draft` and `check text` on summaries: the draft loads with `show` as it is,
//! `--format json` lists the items, bad input exits 2 naming the file, and `check text` puts
//! each mean ± spread with its n through GRIM, GRIMMER and bounds, naming its line.

use crate::common::{json_of, trialstats};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::path::PathBuf;

fn seed(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seeds")
        .join(file)
}

#[test]
fn the_draft_of_an_abstract_loads_with_show() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("edaravone-draft.toml");
    trialstats()
        .arg("draft")
        .arg(seed("abe2014_edaravone_abstract.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("id = \"edaravone-draft\""), "{text}");
    // −6.35 is printed with U+2212: written -6.35 with a note.
    assert!(text.contains("mean = \"-6.35\""), "{text}");
    assert!(text.contains("U+2212"), "{text}");
    trialstats()
        .arg("show")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(contains("-6.35").and(contains("0.411")));
}

#[test]
fn an_output_that_is_no_study_files_name_exits_2_and_json_goes_where_o_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bad name!.txt");
    trialstats()
        .arg("draft")
        .arg(seed("abe2014_edaravone_abstract.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("a study file ends in .toml").and(contains("bad-name.toml")));
    assert!(!out.exists(), "nothing is written on bad input");
    // The items as JSON are written to -o's file, not printed.
    let json = dir.path().join("items.json");
    trialstats()
        .arg("draft")
        .arg(seed("abe2014_edaravone_abstract.txt"))
        .args(["--format", "json", "-o"])
        .arg(&json)
        .assert()
        .code(0)
        .stdout(predicates::str::is_empty());
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.contains("\"items\""), "{text}");
}

#[test]
fn items_as_json_keep_the_numbers_as_printed() {
    let v = json_of(
        trialstats()
            .arg("draft")
            .arg(seed("002_f6b3e19b5df4114a.txt"))
            .args(["--format", "json"]),
    );
    let items = v["items"].as_array().unwrap();
    let pain = items
        .iter()
        .find(|i| i["kind"] == "mean_spread" && i["mean"] == "3.0")
        .expect("3.0 ± 1.5 (pain before treatment)");
    assert_eq!(pain["spread"], "1.5");
    assert_eq!(pain["line"], 126);
    assert!(
        pain["quote"]
            .as_str()
            .unwrap()
            .starts_with("四肢や体幹部の慢性疼痛")
    );
    let count = items.iter().find(|i| i["kind"] == "count_of").unwrap();
    assert_eq!((&count["count"], &count["of"]), (&"5".into(), &"7".into()));
}

#[test]
fn json_carries_the_structure_the_study_file_is_written_from() {
    // The groups, the measures with their cells and the printed comparison, as indices
    // into `items`: what the study file and the page read.
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("two_arms.txt");
    std::fs::write(
        &doc,
        "At week 12 the MG-ADL score fell by 4.1 ± 0.5 points in the drug group (n = 60) and by 1.9 ± 0.5 points in the placebo group (n = 58); difference −2.2 (95% CI −3.6 to −0.8), p = 0.002.\n",
    )
    .unwrap();
    let v = json_of(
        trialstats()
            .arg("draft")
            .arg(&doc)
            .args(["--format", "json"]),
    );
    let items = v["items"].as_array().unwrap();
    let s = &v["structure"];
    let groups: Vec<&str> = s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["drug", "placebo"]);
    let m = &s["measures"][0];
    assert_eq!(m["shape"], "arms");
    let ns: Vec<&str> = m["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            items[c["n"].as_u64().unwrap() as usize]["value"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(ns, ["60", "58"]);
    let p = m["comparison"]["p"].as_u64().unwrap() as usize;
    assert_eq!(
        (&items[p]["kind"], &items[p]["value"]),
        (&"p".into(), &"0.002".into())
    );
}

#[test]
fn a_file_that_is_not_text_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, says) in [
        ("latin1.txt", b"caf\xe9 5.1 \xb1 1.7".to_vec(), "not UTF-8"),
        ("empty.txt", b" \n\n".to_vec(), "empty"),
        ("binary.txt", b"PK\x03\x04\x00\x00 5.1".to_vec(), "binary"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        for args in [vec!["draft"], vec!["check", "text"]] {
            trialstats()
                .args(&args)
                .arg(&path)
                .assert()
                .code(2)
                .stderr(contains(name).and(contains(says)));
        }
    }
}

#[test]
fn check_text_checks_each_mean_with_its_n_and_names_the_line() {
    // GRIM (Brown & Heathers 2017): 28 whole numbers cannot average 5.19 (145/28 = 5.1786,
    // 146/28 = 5.2143); 5.18 is possible.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("abstract.txt");
    std::fs::write(
        &path,
        "Scores were 5.18 ± 1.20 (n = 28) at baseline\nand 5.19 ± 1.20 (n = 28) at week 12.\n",
    )
    .unwrap();
    let out = trialstats()
        .args(["check", "text"])
        .arg(&path)
        .args(["--scale", "1,7", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = v["summaries"].as_array().unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[1]["line"], 2);
    let status = |i: usize, check: &str| {
        s[i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["check"] == check)
            .map(|f| f["status"].as_str().unwrap().to_string())
    };
    assert_eq!(status(1, "grim").as_deref(), Some("inconsistent"));
    assert_eq!(status(0, "grim").as_deref(), Some("consistent"));
    // The table names the line.
    trialstats()
        .args(["check", "text"])
        .arg(&path)
        .args(["--scale", "1,7"])
        .assert()
        .code(1)
        .stdout(contains("5.19 ± 1.20 (n = 28): grim").and(contains("inconsistent")));
}

#[test]
fn check_text_reads_the_spread_of_two_groups_by_their_p() {
    // J Hum Hypertens 2017;31:647 (PMID 28447625): "similar diastolic BP (81±8 versus 82±7
    // mm Hg, P=0.382)", 88 per arm (n printed after each mean here). By hand (scipy, as the
    // prelude's read_two_arm_spread example): as SDs, Welch's t = 0.88 on 171 df gives
    // p = 0.379, rounding near 0.382; as SEMs, p = 0.925, excluding it. A p of 0.001 fits
    // neither reading: contradicted, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("bp.txt");
    std::fs::write(
        &good,
        "Blood pressure\n\nDiastolic BP was 81 ± 8 (n = 88) versus 82 ± 7 mm Hg (n = 88), unadjusted P = 0.382.\n",
    )
    .unwrap();
    let v = json_of(
        trialstats()
            .args(["check", "text"])
            .arg(&good)
            .args(["--format", "json"]),
    );
    let c = &v["comparisons"][0];
    assert_eq!(c["line"], 3);
    assert_eq!(c["verdict"], "SD");
    assert_eq!(c["groups"][1]["n"], "88");
    trialstats()
        .args(["check", "text"])
        .arg(&good)
        .assert()
        .code(0)
        .stdout(contains("± read as SD"));
    let bad = dir.path().join("bp-bad.txt");
    std::fs::write(
        &bad,
        "Diastolic BP was 81 ± 8 (n = 88) versus 82 ± 7 mm Hg (n = 88), unadjusted P = 0.001.\n",
    )
    .unwrap();
    trialstats()
        .args(["check", "text"])
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(contains("contradicted"));
}

/// One id rule (`[a-z0-9_-]+`, the file stem): a name with an underscore drafts, loads, shows,
/// checks and reports; a name with upper case or spaces is refused before anything is written,
/// with the name to use instead.
#[test]
fn a_study_named_with_an_underscore_drafts_and_loads_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("paper_x.txt");
    std::fs::write(
        &doc,
        "In a randomised trial, 5 of 7 patients (71.4%) responded; mean age 61.2 years.\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let out = data.join("paper_x.toml");
    trialstats()
        .args(["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .code(0);
    let toml = std::fs::read_to_string(&out).unwrap();
    assert!(toml.contains("id = \"paper_x\""), "{toml}");
    let d = data.to_str().unwrap();
    trialstats()
        .args(["show", "paper_x", "--data", d])
        .assert()
        .code(0)
        .stdout(contains("paper_x"));
    let check = trialstats().args(["check", "--data", d]).output().unwrap();
    assert!(matches!(check.status.code(), Some(0 | 1)), "{check:?}");
    assert!(String::from_utf8_lossy(&check.stdout).contains("paper_x"));
    trialstats()
        .current_dir(dir.path())
        .args(["report", "--data", d, "--no-plots"])
        .assert()
        .code(0);

    // Upper case is kept (`Smith2019.toml` holds `id = "Smith2019"`) and loads.
    let cased = data.join("Smith2019.toml");
    trialstats()
        .args([
            "draft",
            doc.to_str().unwrap(),
            "-o",
            cased.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&cased)
            .unwrap()
            .contains("id = \"Smith2019\"")
    );
    trialstats().args(["list", "--data", d]).assert().code(0);
    std::fs::remove_file(&cased).unwrap();
    // A space: refused, naming the rule and a name that works; nothing written.
    let spaced = data.join("Paper X.toml");
    trialstats()
        .args([
            "draft",
            doc.to_str().unwrap(),
            "-o",
            spaced.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(contains("Paper X.toml").and(contains("Paper-X.toml")))
        .stderr(contains("'_' and '-'"));
    assert!(!spaced.exists());
    // Without -o the id is made from the document's name by the same rule.
    let upper = dir.path().join("Paper X.txt");
    std::fs::copy(&doc, &upper).unwrap();
    trialstats()
        .args(["draft", upper.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(contains("id = \"Paper-X\""));
    // A study file whose name is not an id is refused when loaded, with the name to use.
    std::fs::copy(&out, &spaced).unwrap();
    trialstats()
        .args(["check", "--data", d])
        .assert()
        .code(2)
        .stderr(contains("Paper X.toml").and(contains("Paper-X.toml")));
}

/// A sign set apart from its number (`+ 20%`, as an abstract prints a CI's bounds) is
/// drafted as the number alone, so the draft loads.
#[test]
fn a_sign_set_apart_from_its_number_drafts_a_file_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("signs.txt");
    std::fs::write(
        &doc,
        "The absolute difference was 6% (95% CI - 7% to + 20%) in 120 infants.\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let out = data.join("signs.toml");
    trialstats()
        .args(["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .code(0);
    let toml = std::fs::read_to_string(&out).unwrap();
    assert!(toml.contains("value = \"20\""), "{toml}");
    let d = data.to_str().unwrap();
    trialstats()
        .args(["show", "signs", "--data", d])
        .assert()
        .code(0);
}

/// Values the text leaves unplaced are single facts whose notes give the group, time and
/// measure read near them as unconfirmed candidates, never as decided (a new user followed
/// `time point: …` notes on systolic/diastolic pairs and placed values wrongly).
#[test]
fn notes_of_values_left_for_review_say_their_place_is_unconfirmed() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("bp.txt");
    std::fs::write(
        &doc,
        "In the drug group, blood pressure fell from 150±10/96±6 mmHg to 140±8/89±10 mmHg after 8 weeks.\n",
    )
    .unwrap();
    let out = dir.path().join("bp.toml");
    trialstats()
        .args(["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .code(0);
    let toml = std::fs::read_to_string(&out).unwrap();
    assert!(toml.contains("unconfirmed: time point"), "{toml}");
    for bare in ["; time point:", "; group:", "\"time point:", "\"group:"] {
        assert!(!toml.contains(bare), "{bare} in {toml}");
    }
}

/// A drafted time course's chart names its time points as the document does (`before`,
/// `after`), not by the ids the draft gives them (`t1`, `t2`).
#[test]
fn a_drafted_time_course_is_charted_at_the_documents_times() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("tc.txt");
    std::fs::write(
        &doc,
        "In the treated group, the pain score fell from 6.2 ± 1.8 to 4.1 ± 2.0 (mean ± SD).\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let out = data.join("tc.toml");
    trialstats()
        .args(["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .code(0);
    let plots = dir.path().join("plots");
    trialstats()
        .args(["report", "--data", data.to_str().unwrap()])
        .args(["--editable-svg", "--plots"])
        .arg(&plots)
        .assert()
        .code(0);
    let svg: String = std::fs::read_dir(&plots)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().to_string_lossy().ends_with("before-after.svg"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        svg.contains("\nbefore\n") && svg.contains("\nafter\n"),
        "{svg}"
    );
    assert!(!svg.contains("\nt1\n"), "{svg}");
}

/// Issue 40: `check` exits 1 on a document whose numbers do not add up, 0 on a sound one. A
/// percentage printed with its count and whole is drafted as a share of that whole: 5 of 7 is
/// 71.4 %, so "5 of 7 (80%)" is impossible (the printed count, 5 of 7, does not round to 80 %)
/// and "5 of 7 (71%)" is sound.
#[test]
fn check_of_a_drafted_report_finds_a_percentage_no_count_gives() {
    for (percent, code) in [("80", 1), ("71", 0)] {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("report.txt");
        std::fs::write(
            &doc,
            format!("Of the patients treated, 5 of 7 ({percent}%) improved.\n"),
        )
        .unwrap();
        trialstats()
            .args(["draft"])
            .arg(&doc)
            .arg("-o")
            .arg(dir.path().join("report.toml"))
            .assert()
            .success();
        std::fs::remove_file(&doc).unwrap();
        let out = trialstats()
            .args(["check", "--data"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{percent} %: {out:?}");
        if code == 1 {
            // The count printed with it is the one checked (session 77).
            assert!(
                String::from_utf8_lossy(&out.stdout)
                    .contains("5/7 = 71.43 %, which does not round to 80 %")
            );
        }
    }
}

/// Issue 40: a chart never shows what the document contradicts. `fell by 4.1 … and by 1.9` are
/// the sizes of two falls; the document's own difference, −2.2 (95% CI −3.6 to −0.8), is that
/// of the changes −4.1 and −1.9. The draft writes the changes, so the difference `report`
/// recomputes from the arms has the document's sign and value (before, +2.2 was charted), and
/// its 95% CI is the printed one to its printed rounding (±0.05) once ± is read as the SEM.
#[test]
fn values_printed_as_falls_are_drafted_as_changes_the_printed_difference_confirms() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("two_arms.txt");
    std::fs::write(
        &doc,
        "At week 12 the MG-ADL score fell by 4.1 ± 0.5 points in the drug group (n = 60) and by 1.9 ± 0.5 points in the placebo group (n = 58); difference −2.2 (95% CI −3.6 to −0.8), p = 0.002.\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let out = data.join("two_arms.toml");
    trialstats()
        .args(["draft", doc.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .assert()
        .code(0);
    let toml = std::fs::read_to_string(&out).unwrap();
    assert!(
        toml.contains("mean = \"-4.1\"") && toml.contains("mean = \"-1.9\""),
        "{toml}"
    );
    assert!(
        toml.contains("the document's difference -2.2 is theirs"),
        "{toml}"
    );
    let v = json_of(trialstats().current_dir(dir.path()).args([
        "report",
        "--data",
        data.to_str().unwrap(),
        "--no-plots",
        "--format",
        "json",
    ]));
    let comparison = v["studies"][0]["arms"][0]["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["basis"]["kind"] == "reported_changes")
        .expect("the arms' recomputed difference");
    let md = &comparison["effects"][0];
    assert_eq!(md["measure"], "MD");
    let (estimate, lower, upper) = (
        md["estimate"].as_f64().unwrap(),
        md["ci_lower"].as_f64().unwrap(),
        md["ci_upper"].as_f64().unwrap(),
    );
    assert!((estimate - -2.2).abs() < 1e-9, "{md}");
    assert!(
        (lower - -3.6).abs() <= 0.05 && (upper - -0.8).abs() <= 0.05,
        "{md}"
    );
}
