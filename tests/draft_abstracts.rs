//! `trialstats draft` on English abstracts it was not written on: fixtures in
//! `tests/data/abstracts/` (text from the `pages` corpus, numbers and sentences verbatim, its
//! URL on the first line), each with the items a person expects, made by hand from the text
//! before the drafter was run on it (`NAME.expected`: kind, then the numbers as printed).
//!
//! An expected item is found when a drafted item has the same kind and the same numbers (a
//! date: the same date). Recall = expected items found / expected; precision = drafted items
//! expected / drafted. Both are printed per abstract and pooled, with every miss and every
//! extra item; the goals are the (recall ≥ 95 %, precision ≥ 90 %).

use std::path::PathBuf;
use trialstats::draft::{self, Item};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/abstracts")
}

/// (kind, numbers sorted) of a drafted item.
fn key(item: &Item) -> (String, Vec<String>) {
    let mut numbers: Vec<String> = match &item.parts.date {
        Some(d) => vec![d.clone()],
        None => item
            .parts
            .numbers()
            .iter()
            .map(|p| p.number.text.clone())
            .collect(),
    };
    numbers.sort();
    (item.kind.as_str().to_string(), numbers)
}

fn expected(name: &str) -> Vec<(String, Vec<String>)> {
    std::fs::read_to_string(dir().join(format!("{name}.expected")))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (kind, numbers) = l.split_once('\t').expect("kind<TAB>numbers");
            let mut n: Vec<String> = numbers.split_whitespace().map(String::from).collect();
            n.sort();
            (kind.to_string(), n)
        })
        .collect()
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            let stem = p.file_stem()?.to_string_lossy().to_string();
            (p.extension()? == "txt").then_some(stem)
        })
        .collect();
    names.sort();
    names
}

/// (found, expected, right, drafted) of one abstract, printing what differs.
fn measure(name: &str) -> (usize, usize, usize, usize) {
    let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
    let items = draft::read_items(&text);
    let mut drafted: Vec<Option<(String, Vec<String>)>> =
        items.iter().map(|i| Some(key(i))).collect();
    let want = expected(name);
    let mut found = 0;
    for w in &want {
        match drafted.iter().position(|d| d.as_ref() == Some(w)) {
            Some(i) => {
                drafted[i] = None;
                found += 1;
            }
            None => println!("  {name}: missed {} {}", w.0, w.1.join(" ")),
        }
    }
    for (i, d) in drafted.iter().enumerate() {
        if let Some((kind, numbers)) = d {
            println!(
                "  {name}: extra {kind} {} (line {}: '{}')",
                numbers.join(" "),
                items[i].line,
                items[i].text
            );
        }
    }
    (found, want.len(), found, items.len())
}

#[test]
fn every_fixture_keeps_its_source_and_has_expected_items() {
    let names = fixtures();
    // The 20 real abstracts (and tables) from the search tool's `pages` corpus.
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        let text = std::fs::read_to_string(dir().join(format!("{name}.txt"))).unwrap();
        assert!(
            text.starts_with("Source: https://") || text.starts_with("Source: http://"),
            "{name}: no URL"
        );
        assert!(!expected(&name).is_empty(), "{name}");
    }
}

#[test]
fn abstracts_recall_and_precision_reach_the_goals() {
    let (mut found, mut want, mut right, mut drafted) = (0, 0, 0, 0);
    for name in fixtures() {
        let (f, w, r, d) = measure(&name);
        println!(
            "{name:<24} recall {f}/{w} {:.1} %, precision {r}/{d} {:.1} %",
            100.0 * f as f64 / w as f64,
            100.0 * r as f64 / d.max(1) as f64
        );
        found += f;
        want += w;
        right += r;
        drafted += d;
    }
    let recall = found as f64 / want as f64;
    let precision = right as f64 / drafted as f64;
    println!(
        "all abstracts            recall {found}/{want} {:.1} %, precision {right}/{drafted} {:.1} %",
        100.0 * recall,
        100.0 * precision
    );
    assert!(
        recall >= 0.95,
        "recall {:.1} % is below 95 %",
        100.0 * recall
    );
    assert!(
        precision >= 0.90,
        "precision {:.1} % is below 90 %",
        100.0 * precision
    );
}
