//! Every image the README shows is what the code draws now: the commands of
//! `plots/examples.txt` are run into a temporary folder and each image they write must equal,
//! byte for byte, the one committed under `plots/` (`plots/regenerate.sh` redraws them). The
//! report's own gallery is held the same way by `report_cli.rs`.

use assert_cmd::Command;
use std::path::Path;

/// Split a command line as a shell would for these lines: spaces separate words, double or
/// single quotes keep spaces inside one word.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in: {line}");
    if in_word {
        out.push(word);
    }
    out
}

#[test]
fn committed_readme_images_are_what_the_code_draws() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = std::fs::read_to_string(root.join("plots/examples.txt")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut stale = Vec::new();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut images = Vec::new();
        let args: Vec<String> = words(line)
            .into_iter()
            .map(|w| match w.strip_prefix("plots/") {
                Some(name) if name.ends_with(".png") || name.ends_with(".svg") => {
                    images.push(name.to_string());
                    tmp.path().join(name).display().to_string()
                }
                _ => w,
            })
            .collect();
        assert!(!images.is_empty(), "no plots/ image in: {line}");
        Command::cargo_bin("trialstats")
            .unwrap()
            .current_dir(root)
            .args(&args)
            .assert()
            .success();
        for name in images {
            let drawn = std::fs::read(tmp.path().join(&name)).unwrap();
            let committed = std::fs::read(root.join("plots").join(&name))
                .unwrap_or_else(|e| panic!("plots/{name} is not committed: {e}"));
            if drawn != committed {
                stale.push(name);
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} images listed");
    assert!(
        stale.is_empty(),
        "stale images (run plots/regenerate.sh and commit): {stale:?}"
    );
}

#[test]
fn words_keep_quoted_spaces() {
    assert_eq!(
        words(r#"lmm a.csv --formula "y ~ x + (1 | g)" -o 'p q.png'"#),
        [
            "lmm",
            "a.csv",
            "--formula",
            "y ~ x + (1 | g)",
            "-o",
            "p q.png"
        ]
    );
}
