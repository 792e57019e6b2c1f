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
        let output = Command::cargo_bin("trialstats")
            .unwrap()
            .args(&args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        ran += 1;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
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
