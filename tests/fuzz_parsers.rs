//! Every loader and parser, fed thousands of random and mutated inputs: it answers with a
//! value or an error that names the place, and never panics or hangs. (Each property runs
//! its cases in well under a second; `PROPTEST_CASES` raises the count for a longer hunt.)

use proptest::prelude::*;
use std::path::Path;
use trialstats::csv_file::CsvFile;
use trialstats::reported::ReportedNumber;

const MINI: &str = include_str!("data/valid/mini.toml");
const NMO: &str = include_str!("../data/nmo-tocilizumab.toml");

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A study file's text with one edit: a line deleted, a line duplicated, a value replaced by
/// a hostile one, or bytes inserted.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let lines: Vec<&'static str> = base.lines().collect();
    let n = lines.len();
    let hostile = prop::sample::select(vec![
        "\"\"",
        "\"not reported\"",
        "-1",
        "0",
        "1e308",
        "-1e308",
        "nan",
        "inf",
        "\"1e3\"",
        "\"-0\"",
        "\"99999999999999999999999\"",
        "\"0.123456789\"",
        "[]",
        "{}",
        "true",
        "\"((((((((((((1\"",
        "\"percent(a, b) / 0\"",
        "\"sum(\"",
        "4294967296",
        "9223372036854775807",
    ]);
    (0..n, 0..4u8, hostile, ".{0,12}").prop_map(move |(i, kind, value, noise)| {
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        match kind {
            0 => {
                out.remove(i);
            }
            1 => {
                let l = out[i].clone();
                out.insert(i, l);
            }
            2 => {
                if let Some((key, _)) = out[i].split_once('=') {
                    out[i] = format!("{key}= {value}");
                }
            }
            _ => {
                let l = &out[i];
                let at = l
                    .char_indices()
                    .nth(l.chars().count() / 2)
                    .map_or(0, |(b, _)| b);
                out[i] = format!("{}{noise}{}", &l[..at], &l[at..]);
            }
        }
        out.join("\n")
    })
}

proptest! {
    #![proptest_config(config(600))]

    // A mutated study file loads, or is refused naming the file (and, for a value, its line).
    #[test]
    fn study_files_load_or_are_refused_at_a_place(text in prop_oneof![mutated(MINI), mutated(NMO)]) {
        let path = Path::new("data/mini.toml");
        if let Err(e) = trialstats::study::load_str(&text, path) {
            let e = e.to_string();
            prop_assert!(e.contains("data/mini.toml"), "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(config(2000))]

    // Random text as an expectation: parsed or refused at a character position; evaluated
    // to a finite number or refused.
    #[test]
    fn expressions_parse_or_are_refused(text in "[-+*/(), 0-9a-z_.e×]{0,60}") {
        match trialstats::expression::parse(&text, "here") {
            Ok(e) => {
                struct One;
                impl trialstats::expression::Lookup for One {
                    fn lookup(&self, _: &[&str]) -> Result<f64, String> { Ok(1.0) }
                }
                if let Ok(v) = e.eval(&One, "here") {
                    prop_assert!(v.is_finite());
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("here: "), "{}", e),
        }
    }

    // Any text as a number as written: a value with its decimals, or a refusal naming the place.
    #[test]
    fn numbers_as_written_parse_or_are_refused(text in "[-+. 0-9a-z]{0,24}") {
        match ReportedNumber::parse(&text, "--mean") {
            Ok(n) => {
                prop_assert!(n.value.is_finite());
                prop_assert_eq!(n.text.as_str(), text.trim());
            }
            Err(e) => prop_assert!(e.to_string().starts_with("--mean: "), "{}", e),
        }
    }

    // Any bytes as a CSV file: rows and cells, or a refusal naming the file.
    #[test]
    fn csv_files_read_or_are_refused_at_a_place(bytes in prop::collection::vec(
        prop::sample::select(vec![b'a', b'1', b'.', b',', b'"', b'\n', b'\r', b' ', b'N', b'A', 0xEF, 0xBB, 0xBF, 0xFF, b'-']),
        0..200,
    )) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match CsvFile::from_text("f.csv", &text) {
            Ok(file) => {
                let result = file.for_each_row(|row| {
                    for i in 0..file.header().len() {
                        let _ = row.number(i)?;
                    }
                    Ok(())
                });
                if let Err(e) = result {
                    prop_assert!(e.to_string().starts_with("f.csv:"), "{}", e);
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("f.csv:"), "{}", e),
        }
    }

    // Inline chart rows (`--row LABEL,1,2,3`): records, or a refusal naming the option.
    #[test]
    fn inline_chart_rows_read_or_are_refused(rows in prop::collection::vec("[-a-z0-9., NA]{0,30}", 0..5)) {
        match trialstats::plot::input::records("--row", &rows, None, &["label", "estimate", "ci_lower", "ci_upper"], 4) {
            Ok(records) => {
                for r in records {
                    for i in 1..4 {
                        if let Err(e) = r.number(i, "value") {
                            prop_assert!(e.to_string().starts_with("--row"), "{}", e);
                        }
                    }
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("--row"), "{}", e),
        }
    }
}
