//! The bad-input corpus (`tests/data/bad_inputs/cases.txt`) run against the binary: each
//! case ends in time with the exit code it allows and the words it must say, prints no
//! panic, prints no NaN or Inf when it succeeds, and leaves its input files unchanged.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad_inputs")
}

/// Split like a shell: words, with single quotes grouping.
fn words(text: &str) -> Vec<String> {
    let (mut out, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in text.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(snapshot(&path));
        } else {
            all.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    all
}

/// A NaN or an infinity printed as a number.
fn has_nan_or_inf(text: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| {
            matches!(
                w,
                "NaN" | "nan" | "Inf" | "-Inf" | "inf" | "-inf" | "Infinity"
            )
        })
}

/// Run `trialstats ARGS` with the 20 s limit: what is wrong with the result, if anything
/// (exit code not in `codes`, a panic, `says` not said, NaN or Inf printed with exit 0
/// unless `inf_ok`), and its stderr.
fn run_case(codes: &[i32], inf_ok: bool, says: &str, args: &[String]) -> (Option<String>, String) {
    let output = Command::cargo_bin("trialstats")
        .unwrap()
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output.status.code();
    let problem = if code.is_none() {
        Some("did not finish within 20 s (or was killed)".to_string())
    } else if !codes.contains(&code.unwrap_or(-1)) {
        Some(format!("exit {code:?}, allowed {codes:?}"))
    } else if stderr.contains("panicked") {
        Some("panicked".to_string())
    } else if !says.is_empty() && !stderr.contains(says) && !stdout.contains(says) {
        Some(format!("does not say '{says}'"))
    } else if code == Some(0) && !inf_ok && has_nan_or_inf(&stdout) {
        Some("printed NaN or Inf with exit 0".to_string())
    } else {
        None
    };
    (problem, stderr)
}

#[test]
fn every_bad_input_is_refused_clearly_and_nothing_is_changed() {
    let dir = corpus();
    let before = snapshot(&dir);
    let cases = std::fs::read_to_string(dir.join("cases.txt")).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (number, line) in cases.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '|').map(str::trim);
        let (Some(codes), Some(says), Some(args)) = (parts.next(), parts.next(), parts.next())
        else {
            panic!("cases.txt:{}: not EXIT | SAYS | ARGS", number + 1);
        };
        let (codes, inf_ok) = match codes.strip_suffix("inf") {
            Some(rest) => (rest.trim(), true),
            None => (codes, false),
        };
        let codes: Vec<i32> = codes.split('/').map(|c| c.parse().unwrap()).collect();
        let out = tempfile::tempdir().unwrap();
        let args: Vec<String> = words(args)
            .into_iter()
            .map(|w| {
                w.replace("{dir}", dir.to_str().unwrap())
                    .replace("{out}", out.path().to_str().unwrap())
            })
            .collect();
        ran += 1;
        let (problem, stderr) = run_case(&codes, inf_ok, says, &args);
        if let Some(p) = problem {
            failures.push(format!(
                "cases.txt:{}: {p}\n  trialstats {}\n  stderr: {}",
                number + 1,
                args.join(" "),
                stderr.lines().take(3).collect::<Vec<_>>().join(" / ")
            ));
        }
    }
    assert!(ran > 30, "the corpus has {ran} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        before == snapshot(&dir),
        "an input file of the corpus was changed"
    );
}

/// Write input `kind` of size `n` with the scaling benchmark's generator
/// (`benches/scaling_data.sh`), so that the large inputs are made here, not committed.
fn generated(kind: &str, n: usize, out: &Path) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/scaling_data.sh");
    let status = std::process::Command::new("sh")
        .arg(script)
        .args([kind, &n.to_string()])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success(), "scaling_data.sh {kind} {n}");
    out.to_str().unwrap().to_string()
}

/// Inputs large in one dimension (the reliability-at-scale issue): each finishes within the
/// 20 s limit in a debug build, or is refused with the limit it passes.
#[test]
fn inputs_large_in_one_dimension_finish_in_time_or_state_a_limit() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    let wide = generated("csv-columns", 100_000, &at("wide.csv"));
    let timepoints = generated("timepoints", 3000, &at("timepoints"));
    // Without a scale, so that the case times the handling of 3,000 time points rather than
    // 3,000 SPRITE searches (about 6 ms each in a release build, linear, minutes unoptimised).
    let tp_toml = Path::new(&timepoints).join("s.toml");
    let text = std::fs::read_to_string(&tp_toml).unwrap();
    std::fs::write(
        &tp_toml,
        text.replacen("scale = { min = 0, max = 60, step = 1 }\n", "", 1),
    )
    .unwrap();
    let facts = generated("facts", 10_000, &at("facts"));
    let levels = generated("levels", 5000, &at("levels.csv"));
    let plots = at("plots");
    let plots = plots.to_str().unwrap();
    let signed = generated("facts", 3, &at("signed"));
    let toml = Path::new(&signed).join("s.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replacen("value = \"30\"", "value = \"+30\"", 1)).unwrap();
    let spaced = generated("facts", 3, &at("spaced"));
    let spaced_toml = Path::new(&spaced).join("s.toml");
    std::fs::write(
        &spaced_toml,
        text.replacen("value = \"30\"", "value = \" 30\"", 1),
    )
    .unwrap();
    let cases: Vec<(&[i32], &str, String)> = vec![
        (&[0], "", format!("meta {wide} --yi yi --vi vi")),
        (
            &[0],
            "",
            format!("lmm {wide} --formula y~month+(1|patient)"),
        ),
        (
            &[0],
            "",
            format!("glmm {wide} --family poisson --formula count~month+(1|patient)"),
        ),
        (&[0], "", format!("effect MD --input {wide}")),
        (&[0], "", format!("convert median --input {wide}")),
        (
            &[0],
            "",
            format!("plot paired --input {wide} -o {plots}.svg"),
        ),
        (
            &[2],
            "no column 'nope'",
            format!("meta {wide} --yi nope --vi vi"),
        ),
        (
            &[0, 1],
            "a before/after chart draws at most 50",
            format!("report --data {timepoints} --plots {plots}"),
        ),
        (
            &[0, 1],
            "",
            format!("report --data {facts} --plots {plots}"),
        ),
        (
            &[0],
            "",
            format!("lmm {levels} --formula y~month+(1|patient)"),
        ),
        (
            &[2],
            "at most 1000 are supported",
            format!("lmm {levels} --formula y~factor(patient)+(1|month)"),
        ),
        (
            &[2],
            "s.toml:14: facts[f0].value: '+30' is not a number as printed",
            format!("list --data {signed}"),
        ),
        (
            &[2],
            "s.toml:14: facts[f0].value: ' 30' is not a number as printed",
            format!("list --data {spaced}"),
        ),
    ];
    let mut failures = Vec::new();
    for (codes, says, args) in &cases {
        let args = words(args);
        if let (Some(p), stderr) = run_case(codes, false, says, &args) {
            failures.push(format!(
                "{p}\n  trialstats {}\n  stderr: {}",
                args.join(" "),
                stderr.lines().take(3).collect::<Vec<_>>().join(" / ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
