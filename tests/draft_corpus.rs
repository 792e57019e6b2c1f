//! `trialstats draft` measured on the project's labelled corpus (`tests/data/corpus/`: 569
//! public reports, 240 of them Japanese, labelled by hand before the drafter was run on
//! them; see its README). Two parts: `dev/` (rules are developed on it; its misses are
//! printed) and `holdout/` (only counted: its misses are never printed, so no rule is written
//! from them).
//!
//! Figures, per part:
//! - **items**: a labelled item is found when a drafted item has its kind and its numbers
//!   (recall); a drafted item is data when its numbers are those of a labelled item of any
//!   kind, and right when kind and numbers match (precision); non-data = drafted items whose
//!   numbers are no labelled item's;
//! - **structure**: every pair of values the draft puts in one time course or one set of arms,
//!   checked against the labels: a time course across two groups or two measures, or arms
//!   across two measures or two time points of one group, is a **violation**; pairs the labels
//!   make one time course or one set of arms, found so by the draft, are **decided**; pairs of
//!   shares (a percentage or a count of a whole, each of one group) counted apart, as
//!   **shares** decided;
//! - **n**: each labelled summary's n against the n the draft attaches (right, wrong, none).
//!
//! The assertions are floors at the figures measured when this test was written (so that a
//! change that reads worse fails), and the one goal that is absolute: no structure violation
//! on the development part. The issue's goals (≥ 95 % of items right, ≤ 2 % non-data) are
//! printed beside the figures; `docs/commands/draft.md` keeps the table.

use std::collections::HashMap;
use std::path::PathBuf;
use trialstats::draft::structure::{Shape, read_structure};
use trialstats::draft::{Item, ItemKind, Sentences, read_document};

/// The corpus folder of `part`. `TRIALSTATS_CORPUS=DIR` measures another folder of the same
/// layout (`DIR/dev`, `DIR/holdout`): a fresh batch alone, before it joins the corpus.
fn corpus(part: &str) -> PathBuf {
    std::env::var_os("TRIALSTATS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus"))
        .join(part)
}

#[derive(Debug, Clone)]
struct LabelItem {
    kind: String,
    numbers: Vec<f64>,
}

#[derive(Debug, Clone)]
struct LabelSummary {
    numbers: Vec<f64>,
    measure: String,
    group: String,
    time: String,
    n: Option<f64>,
    spread: String,
    /// Labels a share (its numbers are a `percent` or `count_of` item's).
    share: bool,
}

#[derive(Debug, Default)]
struct Labels {
    items: Vec<LabelItem>,
    summaries: Vec<LabelSummary>,
    /// `@numbers inconsistent`: the labeller found the document's own numbers not adding up
    /// (a percentage no whole number of the printed patients gives), so it is no sound report.
    inconsistent: bool,
}

fn number(s: &str) -> Option<f64> {
    s.trim()
        .trim_start_matches('+')
        .replace('−', "-")
        .parse::<f64>()
        .ok()
}

fn read_labels(path: &std::path::Path) -> Labels {
    let text = std::fs::read_to_string(path).unwrap();
    let mut l = Labels::default();
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("@numbers") && line.contains("inconsistent") {
            l.inconsistent = true;
        }
        if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "summary" if fields.len() >= 2 => {
                let numbers = fields[1].split_whitespace().filter_map(number).collect();
                let mut kv: HashMap<&str, &str> = HashMap::new();
                for f in &fields[2..] {
                    if let Some((k, v)) = f.split_once('=') {
                        kv.insert(k.trim(), v.trim());
                    }
                }
                let get = |k: &str| kv.get(k).copied().unwrap_or("-").to_string();
                l.summaries.push(LabelSummary {
                    numbers,
                    measure: get("measure").to_lowercase(),
                    group: get("group").to_lowercase(),
                    time: get("time").to_lowercase(),
                    n: kv.get("n").and_then(|v| number(v)),
                    spread: get("spread"),
                    share: false,
                });
            }
            "comparison" => {}
            kind if fields.len() >= 2 => {
                let numbers: Vec<f64> = fields[1]
                    .split_whitespace()
                    .filter_map(|w| {
                        // A date `2014-03` or `2014-03-15` is compared as its digits.
                        if kind == "date" {
                            number(&w.replace('-', ""))
                        } else {
                            number(w)
                        }
                    })
                    .collect();
                l.items.push(LabelItem {
                    kind: kind.to_string(),
                    numbers,
                });
            }
            _ => {}
        }
    }
    for sm in &mut l.summaries {
        sm.share = l.items.iter().any(|i| {
            matches!(i.kind.as_str(), "percent" | "count_of") && same(&i.numbers, &sm.numbers)
        });
    }
    l
}

/// How many leading numbers identify an item of `kind`.
fn core_len(kind: &str) -> usize {
    match kind {
        "mean_spread" | "ci" | "count_of" => 2,
        "median_iqr" | "median_range" => 3,
        _ => 1,
    }
}

/// The identifying numbers of a drafted item.
fn drafted_numbers(item: &Item) -> Vec<f64> {
    let p = &item.parts;
    let v = |x: &Option<trialstats::draft::Printed>| x.as_ref().map(|p| p.number.value);
    let list: Vec<Option<f64>> = match item.kind {
        ItemKind::MeanSpread => vec![v(&p.mean), v(&p.spread)],
        ItemKind::MedianIqr | ItemKind::MedianRange => vec![v(&p.median), v(&p.lower), v(&p.upper)],
        ItemKind::Ci => vec![v(&p.lower), v(&p.upper)],
        ItemKind::CountOf => vec![v(&p.count), v(&p.of)],
        ItemKind::Date => vec![p.date.as_deref().and_then(|d| number(&d.replace('-', "")))],
        ItemKind::TestStatistic => vec![p.statistic.as_deref().and_then(|s| {
            let after = s.split('=').nth(1)?;
            number(after.split(',').next()?.trim())
        })],
        _ => vec![v(&p.value)],
    };
    list.into_iter().flatten().collect()
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
}

#[derive(Debug, Default, Clone)]
struct Figures {
    /// Labelled items not found, by kind (counted on both parts; listed only on dev).
    missed_by_kind: std::collections::BTreeMap<String, usize>,
    documents: usize,
    labelled: usize,
    found: usize,
    drafted: usize,
    right: usize,
    non_data: usize,
    pairs_checked: usize,
    violations: usize,
    decided: usize,
    decidable: usize,
    /// Pairs of shares (a percentage or a count of a whole, one group's each) the labels make
    /// one measure's arms or time course, and those the draft placed together.
    shares_decided: usize,
    shares_decidable: usize,
    shares_by_place: std::collections::BTreeMap<&'static str, (usize, usize)>,
    /// Decided / decidable pairs by where they stand and what they are: (table or running
    /// text) × (one group's time course or arms at one time). Counts only, on both parts.
    decided_by_place: std::collections::BTreeMap<&'static str, (usize, usize)>,
    n_labelled: usize,
    n_right: usize,
    n_wrong: usize,
    spread_labelled: usize,
    /// Violations of the rule before the structure layer (every mean ± spread of a sentence
    /// one measure's time points), for comparison.
    old_rule_violations: usize,
    old_rule_pairs: usize,
    /// Drafted study files that do not load (`show`, `check` and `report` would refuse them).
    not_loading: usize,
    spread_right: usize,
    spread_wrong: usize,
    /// Documents on which `check text` reports a problem (every corpus report is sound as
    /// published, as far as its labeller saw: the goal is 0).
    check_text_problems: usize,
    /// Documents labelled `@numbers inconsistent` on which `check text` reports a problem.
    check_text_found: usize,
    inconsistent_documents: usize,
    /// ± on the path: the drafted file's dispersion for a value whose ± the text labels.
    path_labelled: usize,
    path_right: usize,
    path_wrong: usize,
}

/// Every mean and spread the drafted file holds, with what it says the spread is (`None`
/// where it says `not reported`): measures' and arm measures' dispersion, and a value drafted
/// alone as two facts whose label reads `± (SD) of …`.
fn spreads_in_study(study: &trialstats::study::Study) -> Vec<(f64, f64, Option<&'static str>)> {
    use trialstats::reported::SpreadKind;
    let kind = |k: &SpreadKind| match k {
        SpreadKind::Sd => Some("SD"),
        SpreadKind::Sem => Some("SEM"),
        SpreadKind::NotReported => None,
    };
    let mut out = Vec::new();
    let mut push = |tps: &[trialstats::study::TimePoint], k: Option<&'static str>| {
        for t in tps {
            if let (Some(m), Some(s)) = (t.mean.value(), t.spread.value()) {
                out.push((m.value, s.value, k));
            }
        }
    };
    for m in &study.measures {
        push(&m.timepoints, kind(&m.dispersion));
    }
    for m in &study.arm_measures {
        for a in &m.arms {
            push(&a.timepoints, kind(&m.dispersion));
        }
    }
    for f in &study.facts {
        let Some(stem) = f.id.strip_suffix("_spread") else {
            continue;
        };
        let Some(mean) = study.fact(&format!("{stem}_mean")) else {
            continue;
        };
        let (Some(m), Some(s)) = (mean.value.value(), f.value.value()) else {
            continue;
        };
        let k = if f.label.contains("(SD)") {
            Some("SD")
        } else if f.label.contains("(SEM)") || f.label.contains("(SE)") {
            Some("SEM")
        } else {
            None
        };
        out.push((m.value, s.value, k));
    }
    // A comparison's `spread` is its difference's SE by the study file's schema
    // (`ReportedComparison::spread`).
    for m in &study.arm_measures {
        for c in &m.comparisons {
            if let (Some(d), Some(s)) = (&c.difference, &c.spread) {
                out.push((d.value, s.value, Some("SEM")));
            }
        }
    }
    out
}

fn measure_part(part: &str, verbose: bool) -> Figures {
    let mut f = Figures::default();
    let mut names: Vec<String> = std::fs::read_dir(corpus(part))
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            if p.extension()? != "labels" {
                return None;
            }
            Some(p.file_stem()?.to_string_lossy().to_string())
        })
        .collect();
    names.sort();
    for name in &names {
        let text = std::fs::read_to_string(corpus(part).join(format!("{name}.txt"))).unwrap();
        let labels = read_labels(&corpus(part).join(format!("{name}.labels")));
        let doc = Sentences::new(&text);
        let items = read_document(&doc);
        // The Source line is not part of the report.
        let items: Vec<Item> = items.into_iter().filter(|i| i.line > 1).collect();
        let structure = read_structure(&doc, &items);
        f.documents += 1;
        // The drafted study file loads as it is, under the id `draft` makes of the document's
        // name (a file name may hold a `.`: `4.5-mg`).
        let id = trialstats::study::study_id_from_name(name);
        let drafted = trialstats::draft::study_file::draft_study(
            &doc,
            &read_document(&doc),
            &trialstats::draft::study_file::DraftOptions {
                id: id.clone(),
                source_file: format!("{name}.txt"),
            },
        );
        let loaded =
            trialstats::study::load_str(&drafted, std::path::Path::new(&format!("{id}.toml")));
        if let Err(e) = &loaded {
            f.not_loading += 1;
            if verbose {
                println!("  {part}/{name}: the draft does not load: {e}");
            }
        }
        // `check text` with its defaults (what a user runs first) on a sound report: exit 0.
        let checks = trialstats::draft::summary_check::TextChecks::read(
            &format!("{name}.txt"),
            &text,
            &trialstats::checks::reported_test::CheckRules::at(0.05),
            false,
            &trialstats::reported::Scale::new(None, None, None).unwrap(),
            trialstats::checks::Rounding::UpOrDown,
        )
        .unwrap();
        if labels.inconsistent {
            f.inconsistent_documents += 1;
            f.check_text_found += usize::from(!checks.consistent());
        } else if !checks.consistent() {
            f.check_text_problems += 1;
            if std::env::var("TRIALSTATS_CORPUS_CLASSES").is_ok() {
                // Which check, with no text: the reported tests (statcheck), a mean ± spread,
                // a comparison's ±, or a count's parts.
                eprintln!(
                    "CLASS {part} check text: tests {} summaries {} comparisons {} parts {} intervals {} shares {:?}",
                    !checks.scan.consistent(),
                    checks.summaries.iter().any(|x| x.inconsistent()),
                    checks.comparisons.iter().any(|c| c.inconsistent()),
                    checks.parts.iter().any(|p| p.inconsistent()),
                    checks.intervals.iter().any(|i| i.inconsistent()),
                    // Which rule, with no numbers: no whole gives it, or the whole printed.
                    checks
                        .shares
                        .iter()
                        .filter(|x| x.inconsistent())
                        .map(|x| x.detail.starts_with("no whole"))
                        .collect::<Vec<_>>()
                );
            }
            if verbose {
                println!("  {part}/{name}: check text reports a problem");
            }
        }
        // What ± is, on the path: the drafted file (which `check spread` and `report` read)
        // carries the spread the text says, for the value with that mean and spread.
        if let Ok(study) = &loaded {
            let on_path = spreads_in_study(study);
            for l in &labels.summaries {
                let want = match l.spread.as_str() {
                    "SD" => "SD",
                    "SE" | "SEM" => "SEM",
                    _ => continue,
                };
                let [mean, spread, ..] = l.numbers[..] else {
                    continue;
                };
                f.path_labelled += 1;
                let got = on_path
                    .iter()
                    .find(|(m, s, _)| (m - mean).abs() < 1e-9 && (s - spread).abs() < 1e-9)
                    .and_then(|(_, _, k)| *k);
                match got {
                    Some(k) if k == want => f.path_right += 1,
                    Some(k) => {
                        f.path_wrong += 1;
                        if verbose {
                            println!(
                                "  {part}/{name}: the drafted file says ± is {k} where the text says {want} ({:?})",
                                l.numbers
                            );
                        }
                    }
                    None => {
                        if verbose {
                            println!(
                                "  {part}/{name}: the drafted file does not say ± is {want} ({:?})",
                                l.numbers
                            );
                        }
                    }
                }
            }
        }
        // Items.
        let mut unmatched: Vec<Option<&LabelItem>> = labels.items.iter().map(Some).collect();
        f.labelled += labels.items.len();
        f.drafted += items.len();
        for item in &items {
            let numbers = drafted_numbers(item);
            let kind = item.kind.as_str();
            let exact = unmatched.iter().position(|l| {
                l.is_some_and(|l| {
                    l.kind == kind
                        && same(&l.numbers[..core_len(kind).min(l.numbers.len())], &numbers)
                })
            });
            if let Some(i) = exact {
                unmatched[i] = None;
                f.found += 1;
                f.right += 1;
                continue;
            }
            let any = labels.items.iter().any(|l| {
                l.numbers.len() >= numbers.len()
                    && !numbers.is_empty()
                    && same(&l.numbers[..numbers.len()], &numbers)
                    || numbers.len() == 1 && l.numbers.iter().any(|x| (x - numbers[0]).abs() < 1e-9)
            });
            if !any {
                f.non_data += 1;
                if verbose {
                    println!(
                        "  {part}/{name}: not data? {kind} {:?} (line {}: '{}')",
                        numbers,
                        item.line,
                        item.text.replace('\n', " ")
                    );
                }
            } else if verbose {
                println!(
                    "  {part}/{name}: kind? drafted {kind} {:?} (line {})",
                    numbers, item.line
                );
            }
        }
        for l in unmatched.iter().flatten() {
            *f.missed_by_kind.entry(l.kind.clone()).or_default() += 1;
            if verbose {
                println!("  {part}/{name}: missed {} {:?}", l.kind, l.numbers);
            }
        }
        // Structure.
        let summary_of = |item: usize| summary_of_numbers(&labels, &items, item);
        let mut together: Vec<(usize, usize)> = Vec::new();
        for m in structure.measures.iter().chain(&structure.shares) {
            if m.shape == Shape::Single {
                continue;
            }
            for a in 0..m.cells.len() {
                for b in a + 1..m.cells.len() {
                    let (ca, cb) = (&m.cells[a], &m.cells[b]);
                    together.push((ca.item, cb.item));
                    let (Some(la), Some(lb)) = (summary_of(ca.item), summary_of(cb.item)) else {
                        continue;
                    };
                    f.pairs_checked += 1;
                    let same_measure = la.measure == lb.measure;
                    let same_group = la.group == lb.group;
                    // In arms whose groups the text does not name, two values are still two arms.
                    let arms_pair =
                        m.shape == Shape::Arms && (ca.group != cb.group || ca.group.is_none());
                    let violation = if m.shape == Shape::TimeCourse || !arms_pair {
                        !same_measure || !same_group
                    } else {
                        !same_measure || same_group && la.time != lb.time
                    };
                    if violation {
                        f.violations += 1;
                        if std::env::var("TRIALSTATS_CORPUS_CLASSES").is_ok() {
                            eprintln!(
                                "CLASS {part} {:?} measure_same={same_measure} group_same={same_group} time_same={}",
                                m.shape,
                                la.time == lb.time
                            );
                        }
                        if verbose {
                            println!(
                                "  {part}/{name}: VIOLATION {:?} {:?}/{}/{}/{} with {:?}/{}/{}/{}",
                                m.shape,
                                la.numbers,
                                la.measure,
                                la.group,
                                la.time,
                                lb.numbers,
                                lb.measure,
                                lb.group,
                                lb.time
                            );
                        }
                    }
                }
            }
        }
        // The rule before the structure layer: every mean ± spread of a sentence chained.
        for (x, a) in items.iter().enumerate() {
            for (y, b) in items.iter().enumerate().skip(x + 1) {
                if a.kind != ItemKind::MeanSpread
                    || b.kind != ItemKind::MeanSpread
                    || a.sentence != b.sentence
                {
                    continue;
                }
                let (Some(la), Some(lb)) = (
                    summary_of_numbers(&labels, &items, x),
                    summary_of_numbers(&labels, &items, y),
                ) else {
                    continue;
                };
                f.old_rule_pairs += 1;
                if la.measure != lb.measure || la.group != lb.group {
                    f.old_rule_violations += 1;
                }
            }
        }
        // Pairs the labels make one time course or one set of arms.
        let tables = trialstats::draft::table::Tables::find(doc.original);
        // Summaries (means and medians), then shares (a percentage or a count of a whole):
        // each family's pairs counted apart.
        for shares in [false, true] {
            let cell_of: HashMap<usize, usize> = items
                .iter()
                .enumerate()
                .filter(|(_, i)| {
                    if shares {
                        matches!(i.kind, ItemKind::Percent | ItemKind::CountOf)
                    } else {
                        matches!(
                            i.kind,
                            ItemKind::MeanSpread | ItemKind::MedianIqr | ItemKind::MedianRange
                        )
                    }
                })
                .map(|(k, _)| (k, k))
                .collect();
            // In document order: a pair's place is read at its first item (a map's order would
            // move pairs between places from run to run).
            let mut placed: Vec<(usize, &LabelSummary)> = cell_of
                .keys()
                .filter_map(|&k| summary_of(k).map(|s| (k, s)))
                .collect();
            placed.sort_by_key(|(k, _)| *k);
            for (x, (ka, la)) in placed.iter().enumerate() {
                for (kb, lb) in placed.iter().skip(x + 1) {
                    let decidable = la.measure == lb.measure
                        && la.measure != "-"
                        && ((la.group == lb.group
                            && la.time != lb.time
                            && la.time != "-"
                            && lb.time != "-")
                            || (la.group != lb.group && la.time == lb.time));
                    // In one sentence, or in one table (a table copied a cell a line prints each
                    // cell as a sentence of its own).
                    let same_table = tables
                        .index_at(items[*ka].span[0])
                        .is_some_and(|t| tables.index_at(items[*kb].span[0]) == Some(t));
                    if !decidable || (items[*ka].sentence != items[*kb].sentence && !same_table) {
                        continue;
                    }
                    if !shares {
                        f.decidable += 1;
                    }
                    let place = match (
                        tables.index_at(items[*ka].span[0]).is_some(),
                        la.group == lb.group,
                    ) {
                        (true, true) => "table, time course",
                        (true, false) => "table, arms",
                        (false, true) => "text, time course",
                        (false, false) => "text, arms",
                    };
                    // A line that holds no sentence's end and starts no sentence (a table's row
                    // that no table model took) against prose.
                    let line_of = |k: usize| {
                        let at = items[k].span[0];
                        let start = doc.original[..at].rfind('\n').map_or(0, |p| p + 1);
                        let end = doc.original[at..]
                            .find('\n')
                            .map_or(doc.original.len(), |p| at + p);
                        &doc.original[start..end]
                    };
                    let prose = |k: usize| {
                        let l = line_of(k).trim();
                        l.chars().count() > 80 || l.contains(". ") || l.contains('。')
                    };
                    let place = if place.starts_with("text") && !prose(*ka) && !prose(*kb) {
                        if la.group == lb.group {
                            "short lines, time course"
                        } else {
                            "short lines, arms"
                        }
                    } else {
                        place
                    };
                    // Each family's own counts: the same tally, the same listing.
                    let (decided, by_place, family) = if shares {
                        f.shares_decidable += 1;
                        (&mut f.shares_decided, &mut f.shares_by_place, "shares ")
                    } else {
                        (&mut f.decided, &mut f.decided_by_place, "")
                    };
                    let tally = by_place.entry(place).or_default();
                    tally.1 += 1;
                    if together.contains(&(*ka.min(kb), *ka.max(kb))) {
                        *decided += 1;
                        tally.0 += 1;
                    } else if verbose
                        && (!shares || std::env::var("TRIALSTATS_CORPUS_SHARES").is_ok())
                    {
                        println!(
                            "  {part}/{name}: {family}not placed together ({place}) {:?} {}/{}/{} and {:?} {}/{}",
                            la.numbers,
                            la.measure,
                            la.group,
                            la.time,
                            lb.numbers,
                            lb.group,
                            lb.time
                        );
                    }
                }
            }
        }
        // What ± is, where the text says it (SD, SE, SEM; `SD?` is decided by the numbers,
        // not by the text, and is not counted here).
        for m in &structure.measures {
            for c in &m.cells {
                let Some(l) = summary_of(c.item) else {
                    continue;
                };
                let want = match l.spread.as_str() {
                    "SD" => "SD",
                    "SE" | "SEM" => "SEM",
                    _ => continue,
                };
                f.spread_labelled += 1;
                let printed = items[c.item]
                    .parts
                    .spread_label
                    .map(|k| if k == "SD" { "SD" } else { "SEM" });
                match printed.or(m.spread_label.as_ref().map(|(k, _)| *k)) {
                    Some(got) if got == want => f.spread_right += 1,
                    Some(got) => {
                        f.spread_wrong += 1;
                        if std::env::var("TRIALSTATS_CORPUS_CLASSES").is_ok() {
                            // Where the reading came from, as a class: no text of the document.
                            let from = if printed.is_some() {
                                "the value's own label".to_string()
                            } else {
                                m.spread_label.as_ref().map_or(String::new(), |(_, w)| {
                                    w.split(['(', '\'']).next().unwrap_or("").trim().to_string()
                                })
                            };
                            eprintln!("CLASS {part} spread read={got} labelled={want} from={from}");
                        }
                        if verbose {
                            println!(
                                "  {part}/{name}: ± read {got} where the text says {want} ({:?})",
                                l.numbers
                            );
                        }
                    }
                    None => {
                        if verbose {
                            println!(
                                "  {part}/{name}: ± not read where the text says {want} ({:?})",
                                l.numbers
                            );
                        }
                    }
                }
            }
        }
        // n.
        for m in &structure.measures {
            for c in &m.cells {
                let Some(l) = summary_of(c.item) else {
                    continue;
                };
                let Some(want) = l.n else { continue };
                f.n_labelled += 1;
                match c
                    .n
                    .and_then(|j| items[j].parts.value.as_ref())
                    .map(|v| v.number.value)
                {
                    Some(got) if (got - want).abs() < 1e-9 => f.n_right += 1,
                    Some(got) => {
                        f.n_wrong += 1;
                        if std::env::var("TRIALSTATS_CORPUS_CLASSES").is_ok() {
                            // Where the n came from, as a class: no text of the document.
                            let from = c
                                .n_evidence
                                .as_deref()
                                .map_or("", |w| w.split(['(', '\'']).next().unwrap_or("").trim());
                            eprintln!(
                                "CLASS {part} n shape={:?} from={from} larger={}",
                                m.shape,
                                got > want
                            );
                        }
                        if verbose {
                            println!(
                                "  {part}/{name}: n {got} where the label says {want} ({:?})",
                                l.numbers
                            );
                        }
                    }
                    None => {
                        if verbose {
                            println!(
                                "  {part}/{name}: no n where the label says {want} ({:?})",
                                l.numbers
                            );
                        }
                    }
                }
            }
        }
    }
    f
}

/// The summary line labelling drafted item `index`: of the summary lines with its numbers, the
/// one in the same place among them as the item among the drafted items with those numbers
/// (a table prints `1.3 (0.5)` in both arms), else the first.
fn summary_of_numbers<'a>(
    labels: &'a Labels,
    items: &[Item],
    index: usize,
) -> Option<&'a LabelSummary> {
    let n = drafted_numbers(&items[index]);
    let earlier = items[..index]
        .iter()
        .filter(|i| i.kind == items[index].kind && same(&drafted_numbers(i), &n))
        .count();
    // A share takes a share's line only (`73 (60.3)` is no mean of 60.3).
    let share = matches!(items[index].kind, ItemKind::Percent | ItemKind::CountOf);
    let mut matching = labels.summaries.iter().filter(|s| {
        s.numbers.len() >= n.len() && same(&s.numbers[..n.len()], &n) && (!share || s.share)
    });
    let first = matching.clone().next();
    // Shares are labelled where they are an arm's outcome, not always: where the labels hold
    // another count of lines with those numbers than the draft holds of such items, the
    // lines cannot be told apart (`0 (0)` in many rows), and the share is not judged.
    if share {
        let drafted = items
            .iter()
            .filter(|i| i.kind == items[index].kind && same(&drafted_numbers(i), &n))
            .count();
        if matching.clone().count() != drafted {
            return None;
        }
    }
    matching.nth(earlier).or(first)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn print(part: &str, f: &Figures) {
    println!(
        "{part}: labelled items not found, by kind: {:?}",
        f.missed_by_kind
    );
    println!(
        "{part}: {} documents; items: {}/{} labelled found with kind and value ({:.1} %, goal ≥ 95 %); {} of {} drafted right ({:.1} %); non-data drafted as data {} ({:.1} %, goal ≤ 2 %)",
        f.documents,
        f.found,
        f.labelled,
        pct(f.found, f.labelled),
        f.right,
        f.drafted,
        pct(f.right, f.drafted),
        f.non_data,
        pct(f.non_data, f.drafted)
    );
    println!(
        "{part}: structure: {} violations in {} pairs placed together (goal 0); {} of {} pairs the text decides placed together ({:.1} %); n: {} right, {} wrong of {} labelled",
        f.violations,
        f.pairs_checked,
        f.decided,
        f.decidable,
        pct(f.decided, f.decidable),
        f.n_right,
        f.n_wrong,
        f.n_labelled
    );
    println!(
        "{part}: pairs the text decides, placed together / decidable, by place: {:?}",
        f.decided_by_place
    );
    println!(
        "{part}: shares (a percentage or a count of a whole) the text decides as one measure's arms or times: {} of {} pairs placed together ({:.1} %); by place: {:?}",
        f.shares_decided,
        f.shares_decidable,
        pct(f.shares_decided, f.shares_decidable),
        f.shares_by_place
    );
    println!(
        "{part}: ± where the text says what it is: {} right, {} wrong of {} labelled; on the path (the drafted file's dispersion): {} right, {} wrong of {}",
        f.spread_right,
        f.spread_wrong,
        f.spread_labelled,
        f.path_right,
        f.path_wrong,
        f.path_labelled
    );
    println!(
        "{part}: check text (defaults) reports a problem on {} of {} sound documents (goal 0), and on {} of {} whose numbers the labeller found not adding up",
        f.check_text_problems,
        f.documents - f.inconsistent_documents,
        f.check_text_found,
        f.inconsistent_documents
    );
    println!(
        "{part}: the rule before the structure layer (every mean ± spread of a sentence one time course): {} violations in {} pairs",
        f.old_rule_violations, f.old_rule_pairs
    );
}

#[test]
fn draft_on_the_development_part() {
    let f = measure_part("dev", true);
    print("dev", &f);
    assert!(f.documents >= 50);
    assert_eq!(
        f.violations, 0,
        "a structure violation on the development part"
    );
    assert!(pct(f.found, f.labelled) >= FLOOR_DEV_FOUND, "{f:?}");
    assert!(
        f.path_right >= FLOOR_DEV_PATH && f.decided >= FLOOR_DEV_DECIDED,
        "{f:?}"
    );
    assert!(f.shares_decided >= FLOOR_DEV_SHARES, "{f:?}");
    assert!(f.non_data <= CEILING_DEV_NON_DATA, "{f:?}");
    assert!(
        f.n_wrong <= CEILING_DEV_N_WRONG,
        "an n attached that the text gives another: {f:?}"
    );
    assert!(f.n_right >= FLOOR_DEV_N_RIGHT, "{f:?}");
    assert_eq!(f.spread_wrong + f.path_wrong, 0, "{f:?}");
    // Where a footnote mark scopes the statement of ± (`a:平均値±標準偏差`), the values are
    // left unread rather than given the document's other statement.
    assert!(f.spread_right >= FLOOR_DEV_SPREAD_RIGHT, "{f:?}");
    assert_eq!(f.check_text_problems, 0, "{f:?}");
    assert_eq!(f.not_loading, 0, "{f:?}");
}

#[test]
fn draft_on_the_held_out_part() {
    let f = measure_part("holdout", false);
    print("holdout", &f);
    assert!(f.documents >= 50);
    // The held-out part is never read to write a rule, so what it shows wrong stays until a
    // rule written from the development part (or the language) mends it: a ceiling, not 0.
    assert!(
        f.violations <= CEILING_HOLDOUT_VIOLATIONS,
        "a new structure violation on the held-out part: {f:?}"
    );
    assert!(pct(f.found, f.labelled) >= FLOOR_HOLDOUT_FOUND, "{f:?}");
    assert!(
        f.path_right >= FLOOR_HOLDOUT_PATH && f.decided >= FLOOR_HOLDOUT_DECIDED,
        "{f:?}"
    );
    assert!(f.shares_decided >= FLOOR_HOLDOUT_SHARES, "{f:?}");
    // ± read against the labeller's reading: none from session 42 until batch 121 (session
    // 64) brought one, a spread its table labels SD that the table's own numbers make an SE
    // (its history is in the comment after `CEILING_HOLDOUT_VIOLATIONS`).
    assert!(
        f.spread_wrong <= CEILING_HOLDOUT_SPREAD_WRONG
            && f.path_wrong <= CEILING_HOLDOUT_SPREAD_WRONG,
        "± read against the labeller's reading: {f:?}"
    );
    assert!(f.non_data <= CEILING_HOLDOUT_NON_DATA, "{f:?}");
    assert!(f.n_wrong <= CEILING_HOLDOUT_N_WRONG, "{f:?}");
    assert!(f.n_right >= FLOOR_HOLDOUT_N_RIGHT, "{f:?}");
    assert!(f.spread_right >= FLOOR_HOLDOUT_SPREAD_RIGHT, "{f:?}");
    assert!(f.check_text_problems <= CEILING_HOLDOUT_CHECK_TEXT, "{f:?}");
    assert_eq!(f.not_loading, 0, "{f:?}");
}

// Floors: the figures measured when the test was last changed (a change that reads worse
// fails); not goals. Non-data is held as a count: its share also moves when fewer items are
// drafted for the right reason (three numbers read as one median). Batch 7 (session 20)
// joined with 58 and 66 non-data items as it arrived (measured alone before any rule);
// batch 8 (session 21) with 35 and 39; batch 9 (session 22, tables only) with 46 and 55;
// batch 10 (session 23) with 25 and 27; batch 11 (session 25) with 40 and 50 (measured alone
// first: development half 31 + 9 before its three rules, held-out half 18 + 32); batch 13
// (session 27) with 31 and 47, as it arrived; batch 14 (session 28) with 48 and 57, as it
// arrived (measured alone after the session's table rules, one of its development documents
// the new user's table those rules were written on); batch 15 (session 29) with 37 and 60, as
// it arrived (measured alone first: development half 83.5 % of items, held-out half 80.5 %);
// batch 16 (session 29, 16 documents) with 21 and 30, as it arrived after the session's rules
// (development half 92.4 %, held-out half 74.2 %); batch 17 (session 30, 28 documents) with
// 58 and 66, as it arrived after the session's first rules (development half 72.3 %, held-out
// half 71.1 %); it brought no violation and no wrong ± or n to the held-out half; batch 18
// (session 31, 24 documents) with 44 and 48, as it arrived after the session's first rule
// (development half 82.6 %, held-out half 90.0 %); batch 19 (session 31, 3 Japanese
// documents) with 2 and 2, as it arrived after all of session 31's rules (development half 24
// of 27 items, held-out half 14 of 14); batch 20 (session 32, 28 documents, 14 Japanese) with
// 52 and 79, as it arrived (development half 72.8 %, held-out half 60.7 %; after the rules
// written from its development half: 25 and 71, 81.5 % and 60.7 %); it brought no violation,
// and one ± read against its label to the held-out half; batch 21 (session 32, 28 documents,
// 14 Japanese) with 49 and 82, as it arrived after the session's first rules (development half
// 81.6 %, held-out half 82.7 %); it brought no violation, 26 n's attached wrong and one
// `check text` problem on a sound report to the held-out half; batch 22 (session 32, 16
// documents, 8 Japanese, split within each language by number before it was measured) with
// 17 and 33, as it arrived after the session's rules (development half 92.6 %, held-out half
// 58.3 %); it brought no violation and no wrong ± or n; batch 23 (session 32, 16 documents,
// 8 Japanese, split within each language by number before labelling) with 31 and 33, as it
// arrived after all of the session's other rules (development half 88.8 %, held-out half
// 76.5 %); it brought no violation and 18 n's attached wrong to the held-out half; batch 24
// (session 33, 20 documents, 10 Japanese, split within each language by number before
// labelling) with 19 and 33, as it arrived (development half 69.3 %, held-out half 96.4 %);
// batch 25 (session 33, 20 documents, 10 Japanese) with 44 and 20, as it arrived (development
// half 74.1 %, held-out half 85.7 %); neither brought a violation, a wrong ± or a wrong n to
// its held-out half; batch 26 (session 33, 16 documents, 8 Japanese) with 28 and 17, as it
// arrived after the session's rules (development half 61.0 %, held-out half 93.9 %); it
// brought no violation and 4 n's attached wrong to its held-out half; batch 27 (session 33,
// 16 documents, 8 Japanese) with 17 and 18, as it arrived after all of the session's rules but
// the last (development half 70.0 %, held-out half 82.1 %); it brought no violation and 2 n's
// attached wrong to its held-out half.
// Session 33's last rules (a p column closing each row; counts in the layout a document
// states, `n (%)`): development 8581 -> 8689 items, held-out 7488 -> 7552, measured.
// Session 34: batches 28-31 (64 documents, 32 Japanese, split within each language by number
// before labelling) joined after being measured alone: batches 28 and 29 as they arrived
// (development halves 77.9 % and 86.1 %, held-out halves 93.1 % and 92.6 %; non-data 16 + 27
// and 31 + 39), batches 30 and 31 after the session's first seven rules (development 83.1 %
// and 82.2 %, held-out 92.5 % and 63.7 %; non-data 20 + 14 and 26 + 48). Batch 31's held-out
// half brought 7 violations (by class, with no text: `measure_same=true group_same=true
// time_same=false`, one group's times placed as arms) and 14 n's attached wrong (arms given
// the document's n, smaller than the labelled one); no other batch brought any.
// Development 8690/9901 -> 9270/10590, held-out 7550/9483 -> 8000/10004.
// Then: counts of a whole the document implies but never prints (9270 -> 9293); batches 32
// and 33 (32 documents, 16 Japanese) joined after being measured alone as they arrived,
// after all of the session's rules but the last two (development halves 65.2 % and 94.6 %,
// held-out halves 82.0 % and 52.8 %; non-data 38 + 13 and 16 + 23; no violation, no wrong ±
// or n on either held-out half). Development 9293/10590 -> 9644/11042, held-out 8000/10004 ->
// 8238/10384. A table's cell holding only a bound on a small decimal read as a p: 9644 ->
// 9649, held-out 8238 -> 8239.
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: an interval after a mean ± SD holds the mean (+4), p's between an interval
// and the next estimate on a spaced row (+16), estimates under a header of one kind of ratio
// with intervals (+32): 10941 -> 10993 (87.6 %).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a table copied a cell a line whose section's label stands alone over its indented
// categories (`NYHA stage, n (%)` over ` I`, ` II`): read on past it, not ended there. Dev items
// 12254 -> 12277, held-out unchanged.
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a median whose bracket names its bounds before a semicolon (`28 (range; 21–43)`): dev
// 12497 -> 12503.
// Session 38: a summary of a measure in percent is no share (dev 12503 -> 12506); cells a
// web page's table glued are set apart by the table's own decimals, and a dash after a
// bracketed number is the next cell's minus: dev 12506 -> 12554, held-out 11045 -> 11055.
// Then a registry's participant flow counts participants: dev 12554 -> 12560, held-out
// 11055 -> 11084.
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then several p columns closing a spaced row are its p's: dev 12838 -> 12887 (85.86 %).
// Then counts glued to their row's label or the cell before set apart, and counts with their
// shares of one unprinted whole that five pairs share read without a stated `n (%)`: dev
// 12887 -> 12894, held-out 11292 -> 11319 (79.75 %).
// Then a percent before a spread in a column's layout (`% (SE)`) is a mean's unit: dev
// 13242 -> 13252 (86.01 %), held-out unchanged.
// Then ClinicalTrials.gov's milestone rows (`Started`, `Not Completed`) and the reasons under
// `Reason Not Completed` count participants: dev 13252 -> 13272, held-out 11613 -> 11617.
// Then a strength after the product's form (`軟膏0.1%`, `ointment 0.1%`) or before a Japanese
// product's name ending in its form is a dose: dev 13272 -> 13287, held-out 11617 -> 11634.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 85.56 %.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md); their development halves 63.9 % and 68.3 %: 85.6 % -> 84.7 %.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 84.5 -> 84.4 (its development half read 169 of 257 items as it arrived).
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md); this session's rules first: 84.5 % -> 84.8 %.
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 84.8 % -> 84.6 % (its development half read 195 of 264 items as it arrived).
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 84.6 -> 84.5 (its development half: 218 of 271).
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 84.5 -> 84.3 (its development half: 179 of 272).
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 84.3 -> 84.5 (its development half: 289 of 308).
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 84.5 -> 84.6.
// Session 46: a column headed by a test's name (`t`, `χ2`, `F value`) holds its statistics: 17632 -> 17642 (84.6 -> 84.65).
// Session 47: a group's number after its noun (`Group 1`, `Arm 2`) is a name, not data, as the
// labels say: three such digits had matched labelled numbers they are not (`one hour`, `at 1 and
// 24 hours`): 17643 -> 17640 (84.65 -> 84.64).
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 84.64 -> 84.66.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 84.66 -> 84.65.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 84.65 -> 84.49.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 84.49 -> 84.33.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 84.33 -> 84.29.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 84.29 -> 84.35.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 84.35 -> 84.34.
// Session 49: a header of arms over an n and a mean each, the columns' own headers copied a cell a line under the rule with the stub's empty cells first; `s.e.` names the SE; a column headed by a unit of time alone is no group: 84.34 -> 84.41.
// Session 50: bare pairs that are a count and its percentage by the document's own n's: 84.41 -> 84.93.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 84.93 -> 84.86.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 84.86 -> 84.88.
// Session 52: a table section's stated n (%) layout and an n heading a colon: 84.88 -> 85.06.
// Session 52: batch 82 joined (20 reports, measured alone first): 85.06 -> 84.92.
// Session 52: batch 83 joined (20 reports, measured alone first): 84.92 -> 84.87.
// Session 52: batch 84 joined (20 reports, measured alone first): 84.87 -> 84.82.
// Session 52: a point after kana or kanji is a full stop; a bracket after mean ± SD is its range where the layout says so: 84.82 -> 84.84.
// Session 53: batch 85 joined: 84.84 -> 84.85.
// Session 53: batch 86 joined: 84.85 -> 84.75.
// Session 54: batch 87 joined: 84.75 -> 84.63.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 84.63 -> 84.56.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 84.56 -> 84.64.
// Session 56: batches 91 and 92 joined (40 reports, 20 Japanese, 23 tables; measured alone first: 91 dev 190/247, held-out 341/354; 92 dev 220/303, held-out 171/250; 92's dev violations (a shifted table's baseline column read as a group; two shares splitting the sample set as arms) fixed before joining): 84.64 -> 84.43.
// Session 56: a section's label stating N (%) reads its levels' cells as counts with their shares: 84.43 -> 84.46.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese, 16 tables; measured alone first: 93 dev 253/356, held-out 171/317; 94 dev 209/227, held-out 254/302; 0 violations in either part): 84.46 -> 84.35.
// Session 57: a rate per person-time's period (/100人・年, per 100 patient-years) is the rate's, the value read as a rate: 84.35 -> 84.37.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese, 15 tables; measured alone first: 95 dev 103/118, held-out 246/281; 96 dev 271/383, held-out 111/174; 0 violations in either part): 84.37 -> 84.19.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese; two of batch 97 dropped as sources already in the corpus; measured alone first: 97 dev 150/180, held-out 125/177; 98 dev 49/55, held-out 51/81; 0 violations in either part): 84.19 -> 84.2.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 84.2 -> 84.25.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 84.25 -> 84.33.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 84.33 -> 84.16.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 84.16 -> 84.3.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 84.3 -> 84.25.
// Session 60: trial 41's reports (a table row labelled with its unit, Age, years, prints no counts however its whole SDs fit one whole: held-out pairs of such cells drafted as shares, placed together, are now left unclassified, 1292 -> 1252; counts of two categories, women/men 37/37, are no count of a whole): 84.25 -> 84.26.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 84.26 -> 84.2.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 84.2 -> 84.1.
// Session 60: a mean printed with its range (Average … 90% (range 75-100%)) is no median: 84.1 -> 84.11.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 84.11 -> 84.12.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 84.12 -> 84.13.
// Session 61: SE+/- and list bullets: 84.13 -> 84.15.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 84.15 -> 84.02.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 84.02 -> 83.92.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 83.92 -> 84.03.
// Session 61: a glued zero, a group's name joined by ・: 84.03 -> 84.05.
// Session 61: hyphen bullets: 84.05 -> 84.07.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 84.07 -> 83.7.
// Session 62: The Lancet's table layout: mean (SD), n cells, .. empty cells, a section opened by its comparison's row, the comparison's column names after the groups (batch 110's document 01): 83.7 -> 83.84.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 83.84 -> 83.5.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 83.5 -> 83.44.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 83.44 -> 83.28.
// Session 64: katakana middle-dot decimals beyond units: 83.28 -> 83.29.
// Session 64: batches 118-119 joined: 83.29 -> 83.22.
// Session 64: batches 120-121 joined: 83.22 -> 83.32.
// Session 64: figures after batches 118-121 and the session's rules: 83.32 -> 83.33.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 83.33 -> 83.05.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 83.05 -> 82.99.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 82.99 -> 82.93.
// Session 67: a decimal glued to a word with its spread after it (`CPAP5.6 (4.4 to 6.8)`) is a value: 82.93 -> 82.95.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 82.95 -> 82.86.
// Session 68: a count of people after a list of their adjectives (`490 sedentary, obese adults`, `Ten frail, institutionalized volunteers`) is an n, a comma after a plural noun or a unit ending the phrase; a record's id (`3e9ce0b9…`) is no number: 82.86 -> 82.87.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 82.87 -> 82.77.
// Session 69: the p closing each row of a table whose header ends in a p column, however its cells are set apart: 82.77 -> 83.20.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 83.20 -> 83.13.
// Session 69: a page's bibliographic rows glued to their labels, several ISSNs, citation counts and a confidence level whose % was lost are not data: 83.13 -> 83.12.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 83.12 -> 83.16.
// Session 69: p's listed under one p: 83.16 -> 83.21.
// Session 69: p's listed under one p; a count in its own column before each arm's summary is its n: 83.21 -> 83.38.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 83.38 -> 83.50.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 83.50 -> 83.58.
// Session 70: the fifty-sixth trial's forms (a share's interval with each bound's % sign, `5% (1 to 17%)`, read as its CI): 83.58 -> 83.63.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 83.63 -> 83.62.
// Session 70: a count beside a person-time (`384; 259.5` under `No. of episodes; no. of child-yr`) is no count of a whole: batch 139's draft did not load: 83.62 -> 83.63.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 83.63 -> 83.52.
// Session 72: batches 144-147 joined: 83.52 -> 83.39.
// Session 72: batches 148-149 joined: 83.39 -> 83.44.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 83.44 -> 83.35.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 83.35 -> 83.23.
// Session 74: batches 158-159 joined (20 reports): 83.23 -> 83.21.
// Session 75: arms declared by their treatment, the allocation to arms listed before it in Japanese, a change word after the value's own interval: 83.21 -> 83.22.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 83.22 -> 83.02.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 83.02 -> 83.14.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 83.14 -> 83.16.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 83.16 -> 83.19.
// Session 78: batches 166-169 joined (corpus 2660): 83.19 -> 83.30.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 83.30 -> 83.31.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 83.31 -> 83.41.
const FLOOR_DEV_FOUND: f64 = 83.41;
// Session 35: a line of spaces alone in a table copied a cell a line is an empty cell (a rule
// from a development table that another reader takes first, so no development figure moves):
// held-out 8239 -> 8263, measured.
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: by the same three rules, measured: 9426 -> 9472 (79.7 %).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a ratio named with its interval's bracket before a colon (`odds ratio [95% CI]: 4.95
// [2.21, 11.53]`) and a median whose unit stands after it and its bound (`7.3週間(5.3〜23.4週間)`):
// dev 12277 -> 12281, held-out 10761 -> 10765 (79.35 %).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: a summary of a measure in percent is no share (dev 12503 -> 12506); cells a
// web page's table glued are set apart by the table's own decimals, and a dash after a
// bracketed number is the next cell's minus: dev 12506 -> 12554, held-out 11045 -> 11055.
// Then a registry's participant flow counts participants: held-out 11055 -> 11084 (79.87 %).
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then counts with their shares of one unprinted whole read without a stated `n (%)`: held-out
// 11292 -> 11319 (79.75 %).
// Session 38: batches 50-51 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then the registry's milestone rows count participants: held-out 11613 -> 11617 (79.96 %).
// Then strengths after the form or before a product's name: held-out 11617 -> 11634 (80.07 %).
// Session 40: batch 58 joined (16 reports, 8 Japanese; measured alone as it arrived at 108ebc0,
// see docs/commands/draft.md); its held-out half 62.8 %: 80.1 % -> 79.8 %.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 79.6 % -> 79.3 % (batch 66's held-out half read 221 of 344 items as it arrived).
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 79.3 -> 78.9 (its held-out half: 162 of 307).
// Session 46: a Japanese percentage printed as a bound is a class, not data: one labelled
// item of the held-out half lost (14999 -> 14998, counted, not read) for 13 fewer non-data: 78.9 -> 78.89.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 78.89 -> 78.85.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 78.85 -> 78.82.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 78.82 -> 78.61.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 78.61 -> 78.62.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 78.62 -> 78.84.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 78.84 -> 78.96.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 78.96 -> 78.94.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 78.94 -> 78.32.
// Session 50: bare pairs that are a count and its percentage by the document's own n's: 78.32 -> 78.74.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 78.74 -> 78.57.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 78.57 -> 78.55.
// Session 52: batch 82 joined (20 reports, measured alone first): 78.55 -> 78.58.
// Session 52: batch 83 joined (20 reports, measured alone first): 78.58 -> 78.61.
// Session 52: batch 84 joined (20 reports, measured alone first): 78.61 -> 78.56.
// Session 52: a point after kana or kanji is a full stop; a bracket after mean ± SD is its range where the layout says so: 78.56 -> 78.62.
// Session 53: batch 85 joined: 78.62 -> 78.68.
// Session 53: batch 86 joined: 78.68 -> 78.50.
// Session 54: batch 87 joined: 78.50 -> 78.42.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 78.42 -> 78.56.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 78.56 -> 78.62.
// Session 55: a slash pair followed by a unit of time (`6/12 treatment weeks`) is part of a span of time, no count of people (trial 31 charted such a responder definition as 6 of 12 patients); one held-out count of a whole is no longer found (counted, not read; the rule was not tuned to it): 78.62 -> 78.61.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 78.61 -> 78.81.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 78.81 -> 78.96.
// Session 56: a section's label stating N (%) reads its levels' cells as counts with their shares: 78.96 -> 79.07.
// Session 57: lines of separators alone in a table pasted a cell a line are empty cells or a row's end, no end of the table: 79.07 -> 79.08.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese, 16 tables; measured alone first: 93 dev 253/356, held-out 171/317; 94 dev 209/227, held-out 254/302; 0 violations in either part): 79.08 -> 78.83.
// Session 57: a rate per person-time's period (/100人・年, per 100 patient-years) is the rate's, the value read as a rate: 78.83 -> 78.85.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese, 15 tables; measured alone first: 95 dev 103/118, held-out 246/281; 96 dev 271/383, held-out 111/174; 0 violations in either part): 78.85 -> 78.84.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese; two of batch 97 dropped as sources already in the corpus; measured alone first: 97 dev 150/180, held-out 125/177; 98 dev 49/55, held-out 51/81; 0 violations in either part): 78.84 -> 78.74.
// Session 58: two categories' counts with their shares (a/b (p/q)); a one-row header's n between names no header of its own: 78.74 -> 78.75.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 78.75 -> 78.99.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 78.99 -> 79.09.
// Session 59: CIs labelled with a semicolon (95%信頼区間;-3.0,-0.4), a whole mean glued to its abbreviation before its ± (BMI26±2), None of the N as zero of N, pre/post right before a value, had + noun naming a share's people: 79.09 -> 79.1.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 79.1 -> 79.04.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 79.04 -> 79.11.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 79.11 -> 79.12.
// Session 60: a header a cell a line whose names span the blocks under them (groups over N, mean (95% CI), p, then the difference), a group's name over a central value with its interval, a column statement of two forms left to each row (Mean (95% CI) or median (IQR)): 79.12 -> 79.14.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 79.14 -> 79.06.
// Session 60: a mean printed with its range (Average … 90% (range 75-100%)) is no median: 79.06 -> 79.07.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 79.07 -> 79.18.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 79.18 -> 79.19.
// Session 61: SE+/- and list bullets: 79.19 -> 79.21.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 79.21 -> 79.31.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 79.31 -> 79.29.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 79.29 -> 79.33.
// Session 61: the forty-first trial's forms: 79.33 -> 79.36.
// Session 61: hyphen bullets: 79.36 -> 79.39.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 79.39 -> 79.2.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 79.2 -> 79.0.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 79.0 -> 78.99.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 78.99 -> 78.87.
// Session 64: katakana middle-dot decimals beyond units: 78.87 -> 78.88.
// Session 64: batches 118-119 joined: 78.88 -> 78.75.
// Session 64: batches 120-121 joined: 78.75 -> 78.58.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 78.58 -> 78.74.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 78.74 -> 78.37.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 78.37 -> 78.18.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 78.18 -> 78.23.
// Session 68: a count of people after a list of their adjectives (`490 sedentary, obese adults`, `Ten frail, institutionalized volunteers`) is an n, a comma after a plural noun or a unit ending the phrase; a record's id (`3e9ce0b9…`) is no number: 78.23 -> 78.24.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 78.24 -> 78.26.
// Session 68: a date printed with slashes (`2007/10/10`) is one date, not three numbers: 78.26 -> 78.27.
// Session 69: the p closing each row of a table whose header ends in a p column, however its cells are set apart: 78.27 -> 78.53.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 78.53 -> 78.47.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 78.47 -> 78.57.
// Session 69: p's listed under one p: 78.57 -> 78.59.
// Session 69: counts of views and of the groups compared are not data: 78.59 -> 78.58.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 78.58 -> 78.54.
// Session 70: the fifty-sixth trial's forms (a share's interval with each bound's % sign, `5% (1 to 17%)`, read as its CI): 78.54 -> 78.61.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 78.61 -> 78.66.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 78.66 -> 78.69.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 78.69 -> 78.64.
// Session 72: batches 144-147 joined: 78.64 -> 78.50.
// Session 72: batches 148-149 joined: 78.50 -> 78.54.
// Session 73: a time course of the whole sample in a table (no group's row, no groups named) takes the document's one number of people, as a sentence's values do (user trial 63: 40 means without an n); a column headed by an interval alone prints intervals under a row of medians: 78.54 -> 78.59.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 78.59 -> 78.65.
// Session 74: a table's estimates under a header naming an interval are read with their intervals and checked against them (development: one more misprint found, 9 of 136; held-out: 16 more intervals found, and one more sound report flagged, 5 of 1085): 78.65 -> 78.69.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 78.69 -> 78.60.
// Session 74: batches 158-159 joined (20 reports): 78.60 -> 78.59.
// Session 75: arms declared by their treatment, the allocation to arms listed before it in Japanese, a change word after the value's own interval: 78.59 -> 78.60.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 78.60 -> 78.65.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 78.65 -> 78.61.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 78.61 -> 78.68.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 78.68 -> 78.77.
// Session 78: batches 166-169 joined (corpus 2660): 78.77 -> 78.89.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 78.89 -> 78.91.
const FLOOR_HOLDOUT_FOUND: f64 = 78.91;
// Session 28: a cell-a-line table whose `(95% CI)` header line was read as a datum is now
// read as a table; its counts `48/160` and their `(30%)` on the next line are two cells, so
// two counts drafted as count_of where the labels join them with the percentage (+2).
// Session 34: 726 -> 720 and 1032 -> 1019 by its not-data rules; then batches 28-31 joined.
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: batches 50-51 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 1341 -> 1406.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 1406 -> 1478.
// Session 40's later rules (spaced rows under a repeated summary header, medians beside their
// bounds, ditto brackets, the mean ± SD with its range): 1478 -> 1476; Session 40: batch 58 joined (16 reports, 8 Japanese; measured alone as it arrived at 108ebc0,
// see docs/commands/draft.md): 1476 -> 1485.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 1485 -> 1562.
// Session 41: non-inferiority margins are not data: 1562 -> 1560.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 1560 -> 1622.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 1622 -> 1675.
// Session 42: batch 64 joined (16 reports, 8 Japanese; measured alone as it arrived at 99bbf72,
// see docs/commands/draft.md): 1675 -> 1696.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 1696 -> 1723.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 1723 -> 1755 (the two development halves' own 32).
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 1755 -> 1786.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 1786 -> 1796.
// Session 44: a percentage's bracketed whole with a comma between its thousands: 1796 -> 1794.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 1794 -> 1810 (its development half: 16).
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 1810 -> 1823 (its development half: 13).
// Session 46: a Japanese percentage printed as a bound (`5%以上:`, `7%未満を達成`) is a class, not data: 1823 -> 1804.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 1804 -> 1858.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 1858 -> 1938.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 1938 -> 1930.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 1930 -> 1959.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 1959 -> 1981.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 1981 -> 2032.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 2032 -> 2080.
// Session 49: a percentage printed right before a responder rate's noun (`50%反応率`, `50% responder rate`) names the rate, not data: 2080 -> 2079.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 2079 -> 2120.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 2120 -> 2159.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 2159 -> 2204.
// Session 52: a table section's stated n (%) layout and an n heading a colon: 2204 -> 2159.
// Session 52: batch 82 joined (20 reports, measured alone first): 2159 -> 2213.
// Session 52: batch 83 joined (20 reports, measured alone first): 2213 -> 2254.
// Session 52: batch 84 joined (20 reports, measured alone first): 2254 -> 2335.
// Session 52: a point after kana or kanji is a full stop; a bracket after mean ± SD is its range where the layout says so: 2335 -> 2329.
// Session 53: batch 85 joined: 2329 -> 2386.
// Session 53: a p value of 0.05 considered significant, a sign in a bracket after a name are no data: 2386 -> 2372.
// Session 53: batch 86 joined: 2372 -> 2413.
// Session 54: batch 87 joined: 2413 -> 2440.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 2440 -> 2497.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 2497 -> 2556.
// Session 55: a column headed by a model's effect (`Fixed effect of randomization* / LSMean ± SE`) is no group: its 4 LS means ± SE of b28_01, drafted as a group of their own before, are left unplaced (2468 -> 2464): 2556 -> 2550.
// Session 56: batches 91 and 92 joined (40 reports, 20 Japanese, 23 tables; measured alone first: 91 dev 190/247, held-out 341/354; 92 dev 220/303, held-out 171/250; 92's dev violations (a shifted table's baseline column read as a group; two shares splitting the sample set as arms) fixed before joining): 2550 -> 2651.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese, 16 tables; measured alone first: 93 dev 253/356, held-out 171/317; 94 dev 209/227, held-out 254/302; 0 violations in either part): 2651 -> 2742.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese, 15 tables; measured alone first: 95 dev 103/118, held-out 246/281; 96 dev 271/383, held-out 111/174; 0 violations in either part): 2742 -> 2805.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese; two of batch 97 dropped as sources already in the corpus; measured alone first: 97 dev 150/180, held-out 125/177; 98 dev 49/55, held-out 51/81; 0 violations in either part): 2805 -> 2861.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 2861 -> 2901.
// Session 59: an arm named by its dose right after its value (40% at 100 mg), a responder's bound before its noun of change (a 50% or more reduction) no datum, and the rate it defines no change: 2901 -> 2899.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 2899 -> 2928.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 2928 -> 2965.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 2965 -> 2979.
// Session 60: trial 41's reports (a table row labelled with its unit, Age, years, prints no counts however its whole SDs fit one whole: held-out pairs of such cells drafted as shares, placed together, are now left unclassified, 1292 -> 1252; counts of two categories, women/men 37/37, are no count of a whole): 2979 -> 2978.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 2978 -> 3024.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 3024 -> 3071.
// Session 60: a mean printed with its range (Average … 90% (range 75-100%)) is no median: 3071 -> 3070.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 3070 -> 3093.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 3093 -> 3120.
// Session 61: SE+/- and list bullets: 3120 -> 3114.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 3114 -> 3143.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 3143 -> 3181.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 3181 -> 3186.
// Session 61: the forty-first trial's forms: 3186 -> 3184.
// Session 61: a glued zero, a group's name joined by ・: 3184 -> 3185.
// Session 61: hyphen bullets: 3185 -> 3180.
// Session 61: a grant database's numbers: 3180 -> 3145.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 3145 -> 3179.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 3179 -> 3273.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 3273 -> 3341.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 3341 -> 3405.
// Session 64: katakana middle-dot decimals beyond units: 3405 -> 3396.
// Session 64: batches 118-119 joined: 3396 -> 3466.
// Session 64: batches 120-121 joined: 3466 -> 3500.
// Session 64: figures after batches 118-121 and the session's rules: 3500 -> 3487.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 3487 -> 3531.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 3531 -> 3601.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 3601 -> 3645.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 3645 -> 3687.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 3687 -> 3722.
// Session 68: a date printed with slashes (`2007/10/10`) is one date, not three numbers: 3722 -> 3703.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 3703 -> 3755.
// Session 69: a page's bibliographic rows glued to their labels, several ISSNs, citation counts and a confidence level whose % was lost are not data: 3755 -> 3718.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 3718 -> 3762.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 3762 -> 3809.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 3809 -> 3877.
// Session 70: a count beside a person-time (`384; 259.5` under `No. of episodes; no. of child-yr`) is no count of a whole: batch 139's draft did not load: 3877 -> 3874.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 3874 -> 3924.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 3924 -> 3968.
// Session 72: batches 144-147 joined: 3968 -> 4067.
// Session 72: batches 148-149 joined: 4067 -> 4129.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 4129 -> 4224.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 4224 -> 4339.
// Session 74: batches 158-159 joined (20 reports): 4339 -> 4366.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 4366 -> 4440.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 4440 -> 4429.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 4429 -> 4463.
// Session 78: batches 166-169 joined (corpus 2660): 4463 -> 4572.
const CEILING_DEV_NON_DATA: usize = 4572;
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a subscript in a bracket glued to its name (`HbA(1c)`, `FEV(1)`) is no number: 1507 -> 1506.
// Session 38: the same change, 1506 -> 1504.
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: batches 50-51 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a label's section heading numbered with one point (`14.3 Adjunctive Therapy`) is no
// number: 1605 -> 1604.
// Then a weight-loss threshold (`5%以上の減量`) is no datum: 1604 -> 1603.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 1603 -> 1648.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 1648 -> 1731.
// Session 40: batch 58 joined (16 reports, 8 Japanese; measured alone as it arrived at 108ebc0,
// see docs/commands/draft.md): 1730 -> 1771.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 1771 -> 1834.
// Session 41: non-inferiority margins are not data: 1834 -> 1833.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 1833 -> 1889.
// Session 41: the margin claimed on its own (code_shape split): 1889 -> 1888.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 1888 -> 1922.
// Session 42: batch 64 joined (16 reports, 8 Japanese; measured alone as it arrived at 99bbf72,
// see docs/commands/draft.md): 1922 -> 1939.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 1939 -> 1968.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 1968 -> 2028 (the two held-out halves' own 60).
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 2028 -> 2040.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 2040 -> 2048.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 2048 -> 2108 (its held-out half: 60).
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 2108 -> 2147 (its held-out half: 39).
// Session 46: a Japanese percentage printed as a bound is a class, not data: 2147 -> 2134.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 2134 -> 2154.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 2154 -> 2194.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 2194 -> 2213.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 2213 -> 2237.
// Session 48: a list's number glued to the next item's name after a value (`62±34:42±33 (2)咀嚼`) is not data: 2237 -> 2234.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 2234 -> 2278.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 2278 -> 2318.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 2318 -> 2353.
// Session 49: a percentage printed right before a responder rate's noun (`50%反応率`, `50% responder rate`) names the rate, not data: 2353 -> 2350.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 2350 -> 2378.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 2378 -> 2412.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 2412 -> 2442.
// Session 52: a table section's stated n (%) layout and an n heading a colon: 2442 -> 2440.
// Session 52: batch 82 joined (20 reports, measured alone first): 2440 -> 2471.
// Session 52: batch 83 joined (20 reports, measured alone first): 2471 -> 2504.
// Session 52: batch 84 joined (20 reports, measured alone first): 2504 -> 2559.
// Session 52: a point after kana or kanji is a full stop; a bracket after mean ± SD is its range where the layout says so: 2559 -> 2545.
// Session 53: batch 85 joined: 2545 -> 2578.
// Session 53: a p value of 0.05 considered significant, a sign in a bracket after a name are no data: 2578 -> 2570.
// Session 53: batch 86 joined: 2570 -> 2607.
// Session 54: batch 87 joined: 2607 -> 2657.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 2657 -> 2687.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 2687 -> 2811.
// Session 55: a column headed by a model's effect (`Fixed effect of randomization* / LSMean ± SE`) is no group: its 4 LS means ± SE of b28_01, drafted as a group of their own before, are left unplaced (2468 -> 2464): 2811 -> 2803.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 2803 -> 2755.
// Session 56: batches 91 and 92 joined (40 reports, 20 Japanese, 23 tables; measured alone first: 91 dev 190/247, held-out 341/354; 92 dev 220/303, held-out 171/250; 92's dev violations (a shifted table's baseline column read as a group; two shares splitting the sample set as arms) fixed before joining): 2755 -> 2872.
// Session 56: a section's label stating N (%) reads its levels' cells as counts with their shares: 2872 -> 2853.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese, 16 tables; measured alone first: 93 dev 253/356, held-out 171/317; 94 dev 209/227, held-out 254/302; 0 violations in either part): 2853 -> 2948.
// Session 57: a unit's power printed apart (kg/m 2) is no datum: 2948 -> 2946.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese, 15 tables; measured alone first: 95 dev 103/118, held-out 246/281; 96 dev 271/383, held-out 111/174; 0 violations in either part): 2946 -> 3002.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese; two of batch 97 dropped as sources already in the corpus; measured alone first: 97 dev 150/180, held-out 125/177; 98 dev 49/55, held-out 51/81; 0 violations in either part): 3002 -> 3060.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 3060 -> 3087.
// Session 59: an arm named by its dose right after its value (40% at 100 mg), a responder's bound before its noun of change (a 50% or more reduction) no datum, and the rate it defines no change: 3087 -> 3086.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 3086 -> 3113.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 3113 -> 3171.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 3171 -> 3172.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 3172 -> 3186.
// Session 60: trial 41's reports (a table row labelled with its unit, Age, years, prints no counts however its whole SDs fit one whole: held-out pairs of such cells drafted as shares, placed together, are now left unclassified, 1292 -> 1252; counts of two categories, women/men 37/37, are no count of a whole): 3186 -> 3177.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 3177 -> 3203.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 3203 -> 3232.
// Session 60: a mean printed with its range (Average … 90% (range 75-100%)) is no median: 3232 -> 3231.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 3231 -> 3243.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 3243 -> 3271.
// Session 61: SE+/- and list bullets: 3271 -> 3267.
// Session 61: a short Japanese heading over running text: 3267 -> 3271.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 3271 -> 3281.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 3281 -> 3318.
// Session 61: the forty-first trial's forms: 3318 -> 3305.
// Session 61: a glued zero, a group's name joined by ・: 3305 -> 3306.
// Session 61: hyphen bullets: 3306 -> 3297.
// Session 61: a grant database's numbers: 3297 -> 3283.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 3283 -> 3345.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 3345 -> 3418.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 3418 -> 3478.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 3478 -> 3499.
// Session 64: katakana middle-dot decimals beyond units: 3499 -> 3484.
// Session 64: batches 118-119 joined: 3484 -> 3564.
// Session 64: batches 120-121 joined: 3564 -> 3584.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 3584 -> 3645.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 3645 -> 3768.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 3768 -> 3815.
// Session 67: a decimal glued to a word with its spread after it (`CPAP5.6 (4.4 to 6.8)`) is a value: 3815 -> 3817.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 3817 -> 3846.
// Session 68: a count of people after a list of their adjectives (`490 sedentary, obese adults`, `Ten frail, institutionalized volunteers`) is an n, a comma after a plural noun or a unit ending the phrase; a record's id (`3e9ce0b9…`) is no number: 3846 -> 3845.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 3845 -> 3891.
// Session 68: a date printed with slashes (`2007/10/10`) is one date, not three numbers: 3891 -> 3856.
// Session 68: a quality rating out of its scale's points (`PEDro score 7/10`, `6/10 [Eligibility criteria: Yes; …]`) is no share: 3856 -> 3855.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 3855 -> 3881.
// Session 69: a page's bibliographic rows glued to their labels, several ISSNs, citation counts and a confidence level whose % was lost are not data: 3881 -> 3864.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 3864 -> 3894.
// Session 69: counts of views and of the groups compared are not data: 3894 -> 3884.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 3884 -> 3927.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 3927 -> 3949.
// Session 70: a rising pair set apart by `・` is a decimal where the document prints its decimals so elsewhere: 3949 -> 3939.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 3939 -> 3962.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 3962 -> 3980.
// Session 72: batches 144-147 joined: 3980 -> 4027.
// Session 72: batches 148-149 joined: 4027 -> 4049.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 4049 -> 4115.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 4115 -> 4193.
// Session 74: batches 158-159 joined (20 reports): 4193 -> 4218.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 4218 -> 4315.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 4315 -> 4329.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 4329 -> 4358.
// Session 78: batches 166-169 joined (corpus 2660): 4358 -> 4426.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 4426 -> 4425.
const CEILING_HOLDOUT_NON_DATA: usize = 4425;
// ± right on the path (the drafted file's dispersion) and pairs the text decides placed
// together: counts, each a floor as above.
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: a comparison's ± counts on the path as the study file's schema reads it (its
// difference's SE): 1789 -> 1790.
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: glued cells set apart, 1926 -> 1932.
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then `% (SE)` columns read as means with their SE: 1995 -> 2005.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 2005 -> 2023.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 2023 -> 2143.
// Session 40's later rules (spaced rows under a repeated summary header, medians beside their
// bounds, ditto brackets, the mean ± SD with its range): 2143 -> 2183; batch 58 joined: 2183 -> 2237.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 2237 -> 2248.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 2248 -> 2280.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 2280 -> 2346.
// Session 42: batch 64 joined (16 reports, 8 Japanese; measured alone as it arrived at 99bbf72,
// see docs/commands/draft.md): 2346 -> 2382.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 2382 -> 2392.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 2392 -> 2476.
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 2476 -> 2523.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 2523 -> 2535.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 2535 -> 2547.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 2547 -> 2564.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 2564 -> 2576.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 2576 -> 2594.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 2594 -> 2630.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 2630 -> 2638.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 2638 -> 2682.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 2682 -> 2774.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 2774 -> 2808.
// Session 52: batch 84 joined (20 reports, measured alone first): 2808 -> 2812.
// Session 53: batch 85 joined: 2812 -> 2813.
// Session 53: batch 86 joined: 2813 -> 2814.
// Session 54: batch 87 joined: 2814 -> 2869.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 2869 -> 2901.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 2901 -> 2907.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 2907 -> 2919.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 2919 -> 2928.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 2928 -> 2958.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 2958 -> 2984.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 2984 -> 3010.
// Session 59: CIs labelled with a semicolon (95%信頼区間;-3.0,-0.4), a whole mean glued to its abbreviation before its ± (BMI26±2), None of the N as zero of N, pre/post right before a value, had + noun naming a share's people: 3010 -> 3011.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 3011 -> 3017.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 3017 -> 3066.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 3066 -> 3101.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 3101 -> 3163.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 3163 -> 3197.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 3197 -> 3240.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 3240 -> 3242.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 3242 -> 3302.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 3302 -> 3321.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 3321 -> 3400.
// Session 64: batches 118-119 joined: 3400 -> 3428.
// Session 64: batches 120-121 joined: 3428 -> 3481.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 3481 -> 3529.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 3529 -> 3664.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 3664 -> 3687.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 3687 -> 3711.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 3711 -> 3712.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 3712 -> 3713.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 3713 -> 3753.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 3753 -> 3787.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 3787 -> 3806.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 3806 -> 3821.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 3821 -> 3834.
// Session 72: batches 144-147 joined: 3834 -> 3880.
// Session 72: batches 148-149 joined: 3880 -> 3943.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 3943 -> 3995.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 3995 -> 4010.
// Session 74: batches 158-159 joined (20 reports): 4010 -> 4011.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 4011 -> 4037.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 4037 -> 4039.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 4039 -> 4088.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 4088 -> 4089.
// Session 78: batches 166-169 joined (corpus 2660): 4089 -> 4151.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 4151 -> 4165.
const FLOOR_DEV_PATH: usize = 4165;
// Session 28: a glued table's header of two lines (groups over their times) is read; on the
// held-out half one value's ± on the path and one labelled ± left it (771 -> 770, 622 -> 621)
// while 15 items and 8 n's were gained and 8 wrong n's left (29 -> 21).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Before they joined, a mean in % units with its bracketed SD under a sentence stating `mean
// (standard deviation)`: 1382 -> 1387.
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: glued cells set apart, 1541 -> 1543.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 1543 -> 1565.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 1565 -> 1619.
// Session 40: batch 58 joined (16 reports, 8 Japanese; measured alone as it arrived at 108ebc0,
// see docs/commands/draft.md): 1619 -> 1620.
// Session 41: 1620 -> 1616, the same rule's (see FLOOR_HOLDOUT_SPREAD_RIGHT).
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 1616 -> 1664.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 1664 -> 1730.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 1730 -> 1759.
// Session 42: batch 64 joined (16 reports, 8 Japanese; measured alone as it arrived at 99bbf72,
// see docs/commands/draft.md): 1759 -> 1789.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 1789 -> 1815.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 1815 -> 1851.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 1851 -> 1865.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 1865 -> 1920.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 1920 -> 1980.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 1980 -> 1986.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 1986 -> 2004.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 2004 -> 2016.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 2016 -> 2018.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 2018 -> 2028.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 2028 -> 2068.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 2068 -> 2104.
// Session 52: batch 83 joined (20 reports, measured alone first): 2104 -> 2112.
// Session 54: batch 87 joined: 2112 -> 2155.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 2155 -> 2158.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 2158 -> 2189.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 2189 -> 2238.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 2238 -> 2286.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 2286 -> 2306.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 2306 -> 2329.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 2329 -> 2367.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 2367 -> 2410.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 2410 -> 2456.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 2456 -> 2480.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 2480 -> 2496.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 2496 -> 2512.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 2512 -> 2568.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 2568 -> 2616.
// Session 61: SE+/- and list bullets: 2616 -> 2620.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 2620 -> 2653.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 2653 -> 2762.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 2762 -> 2795.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 2795 -> 2939.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 2939 -> 3007.
// Session 64: katakana middle-dot decimals beyond units: 3007 -> 3010.
// Session 64: batches 118-119 joined: 3010 -> 3049.
// Session 64: batches 120-121 joined: 3049 -> 3103.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 3103 -> 3156.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 3156 -> 3203.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 3203 -> 3247.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 3247 -> 3250.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 3250 -> 3280.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 3280 -> 3331.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 3331 -> 3344.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 3344 -> 3360.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 3360 -> 3368.
// Session 72: batches 144-147 joined: 3368 -> 3434.
// Session 72: batches 148-149 joined: 3434 -> 3435.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 3435 -> 3460.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 3460 -> 3474.
// Session 74: batches 158-159 joined (20 reports): 3474 -> 3477.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 3477 -> 3497.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 3497 -> 3523.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 3523 -> 3527.
// Session 78: batches 166-169 joined (corpus 2660): 3527 -> 3543.
const FLOOR_HOLDOUT_PATH: usize = 3543;
// Session 28: pairs in one table count wherever its cells stand (a table copied a cell a
// line prints each cell as a sentence of its own); they counted only within one sentence.
// Session 34: a `respectively` list in slots closed by their own times, 1493 -> 1518; then
// batches 28-31 joined.
// Session 35: two columns or more read as groups only because their headers name nothing
// else are arms only where something says so (an n, a group's word, a dose, a drug's stem, a
// sibling, the caption, the text); two glued tables whose header the reader had split wrong
// (`Hb | A1c (%)` over the arms' columns) leave their cells unplaced: 1597 -> 1566.
// Then a journal's grid of measures (section rows) by groups (a row each) by visits printed
// as bare numbers under their unit (`Week of study` over `0 4 8 12 p value`), the p on the
// last group's row alone the groups' comparison: 1566 -> 1575 (held-out 395 -> 401).
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 36-37 joined (their development halves' rules landed first).
// Then a ruled header whose visits span what their cells print, over groups' rows under each
// measure's section (a row may leave a visit out): development 1766 -> 1802, ± 1452 -> 1480;
// held-out unchanged.
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a `respectively` list of another group takes the first group's measures in order
// (`in the drug group A 7.1 ± 0.8, B 82.4 ± 9.1; in the placebo group 7.9 ± 0.9 and 84.0 ±
// 8.7, respectively`): dev 1900 -> 1903, and the one violation batch 44 brought gone.
// Then a table copied a cell a line whose section's label stands alone over its indented
// categories (`NYHA stage, n (%)` over ` I`, ` II`): read on past it, not ended there.: 1903 -> 1906.
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then `% (SE)` columns read as means with their SE: 1907 -> 1912.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 1912 -> 1914.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 1914 -> 2019; pairs each opened by their time
// (`24時間後 a と b, 48時間後は c と d`) set against the groups listed: 2019 -> 2022.
// Session 40's later rules (spaced rows under a repeated summary header, medians beside their
// bounds, ditto brackets, the mean ± SD with its range): 2022 -> 2036; batch 58 joined: 2036 -> 2037.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 2037 -> 2044.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 2044 -> 2054.
// Session 41: rows under a header of groups copied a cell a line take its groups in order: 2054 -> 2084.
// Session 42: a two-level header of groups over their times read with the statistics' columns
// after the groups and a change column closing each group's times: 2084 -> 2167 (held-out
// unchanged).
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 2167 -> 2170.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 2170 -> 2171.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md); a page's wrapped rows joined first (batch 67: 42 -> 78 of 165): 2171 -> 2253.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 2253 -> 2279.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 2279 -> 2292.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 2292 -> 2300.
// Session 47: a page's table of one measure copied cell to cell, its times a line each (batch 74's en_01): 2300 -> 2308.
// Session 47: a table of groups as rows makes one measure per column, each group at every time: 2308 -> 2316.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 2316 -> 2331.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 2331 -> 2341.
// Session 48: a glued header naming each arm with its n heads as many columns as the widest row prints, where rows of each dose against placebo and their p's (one value fewer) outnumber the arms' rows: 2341 -> 2377.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 2377 -> 2380.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 2380 -> 2386.
// Session 49: a header of arms over an n and a mean each, the columns' own headers copied a cell a line under the rule with the stub's empty cells first; `s.e.` names the SE; a column headed by a unit of time alone is no group: 2386 -> 2446.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 2446 -> 2465.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 2465 -> 2467.
// Session 51: groups named with their n on a header row below the rule, the stub's cell lost (held-out unchanged): 2467 -> 2468.
// Session 51: rows of one measure each opening with its time: 2468 -> 2478.
// Session 52: batch 82 joined (20 reports, measured alone first): 2478 -> 2480.
// Session 52: respectively after the arms of the sentence before: 2480 -> 2481.
// Session 53: a colon list with an arm among its labels is one measure's arms: 2481 -> 2500.
// Session 53: batch 86 joined: 2500 -> 2509.
// Session 54: batch 87 joined: 2509 -> 2513.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 2513 -> 2514.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 2514 -> 2523.
// Session 55: a column headed by a model's effect (`Fixed effect of randomization* / LSMean ± SE`) is no group: its 4 LS means ± SE of b28_01, drafted as a group of their own before, are left unplaced (2468 -> 2464): 2523 -> 2555.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 2555 -> 2557.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 2557 -> 2561.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 2561 -> 2576.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 2576 -> 2588.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 2588 -> 2593.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 2593 -> 2808.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 2808 -> 2810.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 2810 -> 2811.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 2811 -> 2812.
// Session 60: before and after an event printed once (before and after the treatment … respectively), a unit after every value no new measure: 2812 -> 2814.
// Session 60: groups over their times with what the cells print (Baseline M (SD) under each group), statistics past them (t (df), d) no group: 2814 -> 2846.
// Session 60: the cells past a spanning row's runs that are fewer than the columns left name none; a row with more cells than columns left spans nothing, as before: 2846 -> 2852.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 2852 -> 2853.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 2853 -> 2854.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 2854 -> 2862.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 2862 -> 2896.
// Session 62: a time glued to the word before it cuts a glued header (Baseline1 yearBaseline1 year), and a lower line repeating its times under each group names the columns however few rows print them all (the forty-third trial's document 06): 2896 -> 2932.
// Session 62: The Lancet's table layout: mean (SD), n cells, .. empty cells, a section opened by its comparison's row, the comparison's column names after the groups (batch 110's document 01): 2932 -> 3067.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 3067 -> 3082.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 3082 -> 3083.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 3083 -> 3092.
// Session 64: a time word sharing the event a later one names: 3092 -> 3104.
// Session 64: batches 118-119 joined: 3104 -> 3113.
// Session 64: batches 120-121 joined: 3113 -> 3114.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 3114 -> 3154.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 3154 -> 3178.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 3178 -> 3180.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 3180 -> 3195.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 3195 -> 3199.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 3199 -> 3211.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 3211 -> 3217.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 3217 -> 3429.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 3429 -> 3432.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 3432 -> 3440.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 3440 -> 3457.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 3457 -> 3459.
// Session 72: batches 144-147 joined: 3459 -> 3468.
// Session 72: batches 148-149 joined: 3468 -> 3476.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 3476 -> 3492.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 3492 -> 3494.
// Session 73: a respectively over slots each opened by its own label (SpO2-1: a and b (p), SpO2-2: c and d (p), ...) gives each slot's values the groups listed before them, in order (batch 151's 4 wrong n's): 3494 -> 3498.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 3498 -> 3500.
// Session 74: batches 158-159 joined (20 reports): 3500 -> 3501.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 3501 -> 3508.
// Session 76: a one-level header's statistics' columns cut off before its groups are split; bare Before/After repeated under each group (a change column each, its Δ hyphenated) are each group's times; a stub named with a qualifier (Physiological parameters) is no group: 3508 -> 3586.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 3586 -> 3607.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 3607 -> 3630.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 3630 -> 3702.
// Session 78: batches 166-169 joined (corpus 2660): 3702 -> 3741.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 3741 -> 3751.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 3751 -> 3786.
const FLOOR_DEV_DECIDED: usize = 3786;
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: batches 50-51 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 663 -> 667; pairs each opened by their time
// set against the groups listed (a rule from the development part): 667 -> 674.
// Session 40: batch 58 joined (16 reports, 8 Japanese; measured alone as it arrived at 108ebc0,
// see docs/commands/draft.md): 674 -> 681.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 681 -> 704.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 704 -> 710.
// Session 41: the same rule: 710 -> 711.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 711 -> 712.
// Session 42: a table's columns headed by their n alone (`n = 26`) are kept apart (two of
// the same size had been one group) and left for review, not compared as arms: nothing says
// whether they are groups or one group's analysis sets (the twelfth new-user trial's table
// of OC | PPS under each arm): 712 -> 709.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 709 -> 711.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 711 -> 714.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 714 -> 738.
// Session 44: `対` between two values sets the second against the first, as `vs` does (the group
// named before is the first's only; from the twelfth new-user trial): 738 -> 739.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 739 -> 760.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 760 -> 796.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 796 -> 798.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 798 -> 813.
// Session 47: a visit's code (`T0`, `T2`) names a time over a table's columns, so the groups spanning them are read (held-out part, measured only): 813 -> 941.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 941 -> 943.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 943 -> 950.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 950 -> 958.
// Session 48: values under a table's header of groups printed on one line with words only (`全体集団 Q2W群 プラセボ群 プラセボ群との差`) take its groups in order, a group's own digits no value: 958 -> 959.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 959 -> 1025.
// Session 51: rows of one measure each opening with its time: 1025 -> 1034.
// Session 52: batch 82 joined (20 reports, measured alone first): 1034 -> 1035.
// Session 52: batch 83 joined (20 reports, measured alone first): 1035 -> 1036.
// Session 54: batch 87 joined: 1036 -> 1048.
// Session 54: pairs whose times the sentence names after them (`pre- vs postintervention`, `vs baseline`) are one group's times or stay open, not arms: 3 held-out pairs of one group's times no longer placed as arms (violations 43 -> 40), counted, not read: 1048 -> 1045.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 1045 -> 1048.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 1048 -> 1057.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 1057 -> 1181.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 1181 -> 1189.
// Session 57: lines of separators alone in a table pasted a cell a line are empty cells or a row's end, no end of the table: 1189 -> 1200.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 1200 -> 1202.
// Session 57: a combination's doses before a spaced group noun name the arm (375/125 mg 群): 1202 -> 1205.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 1205 -> 1211.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 1211 -> 1233.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 1233 -> 1282.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 1282 -> 1285.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 1285 -> 1292.
// Session 60: trial 41's reports (a table row labelled with its unit, Age, years, prints no counts however its whole SDs fit one whole: held-out pairs of such cells drafted as shares, placed together, are now left unclassified, 1292 -> 1252; counts of two categories, women/men 37/37, are no count of a whole): 1292 -> 1252.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 1252 -> 1253.
// Session 60: pairs in a bracket naming no group, each moving as the verb before it says (decreased with hops (9.2 vs. 5.1)), are no arms; they stay open: 1253 -> 1250.
// Session 60: trial 42's reports (Japanese points named by how a drug is given or switched, 点眼開始前, 切り替え前; a p after a change named with no comparison is no comparison of the arms): 1250 -> 1262.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 1262 -> 1263.
// Session 60: groups over their times with what the cells print (Baseline M (SD) under each group), statistics past them (t (df), d) no group: 1263 -> 1279.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 1279 -> 1281.
// Session 61: SE+/- and list bullets: 1281 -> 1285.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 1285 -> 1298.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 1298 -> 1308.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 1308 -> 1314.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 1314 -> 1322.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 1322 -> 1343.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 1343 -> 1415.
// Session 64: batches 118-119 joined: 1415 -> 1521.
// Session 64: batches 120-121 joined: 1521 -> 1537.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 1537 -> 1610.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 1610 -> 1611.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 1611 -> 1618.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 1618 -> 1621.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 1621 -> 1624.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 1624 -> 1628.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 1628 -> 1632.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 1632 -> 1639.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 1639 -> 1652.
// Session 71: two transitions each closed by another group's name are each group's course; a count of one sex or of each part is no sample's n; a row counting one level (`Female (N)`) is no n row; `AがB` a transition; a unit between a mean and its spread: 1652 -> 1653.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 1653 -> 1658.
// Session 71: the fifty-ninth trial's forms: comparators named by what they withhold (`No intervention`), arms declared by an abbreviation with their n printed bare again, a count of those an event befell is no group's n, a unit of duration between two values names no measure: 1658 -> 1662.
// Session 71: the sixtieth trial's forms: a group that owns the measure after it (`the meridian group's score of`), `で` closing a time before a Japanese group's name; the fifty-ninth's: a Japanese list item after its group's particle, shares switching group: 1662 -> 1664.
// Session 72: batches 144-147 joined: 1664 -> 1674.
// Session 72: batches 148-149 joined: 1674 -> 1676.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 1676 -> 1688.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 1688 -> 1690.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 1690 -> 1692.
// Session 74: batches 158-159 joined (20 reports): 1692 -> 1697.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 1697 -> 1710.
// Session 76: one-level headers cut at their statistics' columns (a p, a difference, a CI, a ratio) before their groups are split, and rows of shares under them read as arm counts; a cell's own n printed before its value (n=124 13 (8–21)) is the value's (held-out n right 1645 -> 1632, wrong 177 -> 178, measured only: the held-out documents not read): 1710 -> 1741.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 1741 -> 1771.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 1771 -> 1775.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 1775 -> 1792.
// Session 78: batches 166-169 joined (corpus 2660): 1792 -> 1802.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 1802 -> 1810.
const FLOOR_HOLDOUT_DECIDED: usize = 1810;
// Session 44: shares (a percentage or a count of a whole) first placed: each group's share on a
// table's row under the group columns is that row's measure's arm (0 -> 350 on the development
// part, 0 -> 303 on the held-out part; batch 69, unseen, measured alone: 51 of 83 and 24 of 168).
// Then shares in running text read by the words that place means (`12 of 40 (30%) in the drug
// group and 5 of 41 (12%) in the placebo group`), placed only where each names its group, and
// arms naming one group twice at one time left open (two measures run together): 350 -> 526
// and 303 -> 495; no new violation on either part.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 526 -> 583.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 584 -> 617.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 617 -> 622.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 622 -> 625.
// Session 48: shares set against each other after a comparison that names both groups (`greater in the drug group than in the placebo group (18% vs. 9%)`) take its order where the shares agree with its word: 625 -> 628.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 628 -> 637.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 637 -> 653.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 653 -> 655.
// Session 49: an arm named by its dose keeps the number (`the 10 mg group` and `the 5 mg group` are two groups): 655 -> 656.
// Session 50: bare pairs that are a count and its percentage by the document's own n's: 656 -> 658.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 658 -> 660.
// Session 50: a Japanese full stop before a Latin name or after a half-width bracket: 660 -> 661.
// Session 50: the people a count is printed with; a p after two values closes their comparison: 661 -> 665.
// Session 50: the treatment group; within and among before a compared group: 665 -> 667.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 667 -> 669.
// Session 51: groups named with their n on a header row below the rule, the stub's cell lost (held-out unchanged): 669 -> 679.
// Session 51: a respectively run set against its last value by vs (held-out unchanged): 679 -> 680.
// Session 52: a table section's stated n (%) layout and an n heading a colon: 680 -> 722.
// Session 52: batch 82 joined (20 reports, measured alone first): 722 -> 723.
// Session 52: batch 84 joined (20 reports, measured alone first): 723 -> 730.
// Session 52: an abbreviation set apart from 群 by a space names a group: 730 -> 732.
// Session 53: a colon list with an arm among its labels is one measure's arms: 732 -> 735.
// Session 53: batch 85 joined: 735 -> 736.
// Session 53: batch 86 joined: 736 -> 737.
// Session 54: batch 87 joined: 737 -> 764.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 764 -> 773.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 773 -> 803.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 803 -> 807.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 807 -> 809.
// Session 56: a section's label stating N (%) reads its levels' cells as counts with their shares: 809 -> 817.
// Session 57: a combination's doses before a spaced group noun name the arm (375/125 mg 群): 817 -> 830.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 830 -> 835.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 835 -> 840.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 840 -> 853.
// Session 59: an arm named by its dose right after its value (40% at 100 mg), a responder's bound before its noun of change (a 50% or more reduction) no datum, and the rate it defines no change: 853 -> 859.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 859 -> 868.
// Session 59: a share's group after it with 'of the' or right after it ('9 (12.0%) of the exercise group …, but 18 (24.3%) usual-care group participants'): 868 -> 879.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 879 -> 884.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 884 -> 888.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 888 -> 889.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 889 -> 892.
// Session 60: trial 42's reports (Japanese points named by how a drug is given or switched, 点眼開始前, 切り替え前; a p after a change named with no comparison is no comparison of the arms): 892 -> 893.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 893 -> 894.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 894 -> 910.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 910 -> 911.
// Session 62: a table's rows printing their n and counts of it are subgroups, its columns the outcomes (a package insert's improvement by cause): shares: 911 -> 1145.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 1145 -> 1148.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 1148 -> 1162.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 1162 -> 1167.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 1167 -> 1172.
// Session 63: the forty-fifth trial's table patterns (a footnote's number glued to a row's label, an abbreviated comparator): 1172 -> 1175.
// Session 64: batches 118-119 joined: 1175 -> 1176.
// Session 64: batches 120-121 joined: 1176 -> 1186.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 1186 -> 1187.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 1187 -> 1205.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 1205 -> 1216.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 1216 -> 1220.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 1220 -> 1227.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 1227 -> 1234.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 1234 -> 1242.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 1242 -> 1247.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 1247 -> 1256.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 1256 -> 1263.
// Session 71: the fifty-ninth trial's forms: comparators named by what they withhold (`No intervention`), arms declared by an abbreviation with their n printed bare again, a count of those an event befell is no group's n, a unit of duration between two values names no measure: 1263 -> 1267.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 1267 -> 1268.
// Session 72: batches 144-147 joined: 1268 -> 1271.
// Session 72: batches 148-149 joined: 1271 -> 1273.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 1273 -> 1280.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 1280 -> 1282.
// Session 75: arms declared by their treatment, the allocation to arms listed before it in Japanese, a change word after the value's own interval: 1282 -> 1283.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 1283 -> 1288.
// Session 76: one-level headers cut at their statistics' columns (a p, a difference, a CI, a ratio) before their groups are split, and rows of shares under them read as arm counts; a cell's own n printed before its value (n=124 13 (8–21)) is the value's (held-out n right 1645 -> 1632, wrong 177 -> 178, measured only: the held-out documents not read): 1288 -> 1298.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 1298 -> 1321.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 1321 -> 1322.
// Session 78: batches 166-169 joined (corpus 2660): 1322 -> 1438.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 1438 -> 1443.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 1443 -> 1451.
const FLOOR_DEV_SHARES: usize = 1451;
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 495 -> 520.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 520 -> 526.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 528 -> 546.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 546 -> 551.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 551 -> 568.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 568 -> 582.
// Session 48: shares set against each other after a comparison that names both groups (`greater in the drug group than in the placebo group (18% vs. 9%)`) take its order where the shares agree with its word: 582 -> 583.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 583 -> 611.
// Session 48: a glued header naming each arm with its n heads as many columns as the widest row prints, where rows of each dose against placebo and their p's (one value fewer) outnumber the arms' rows: 611 -> 614.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 614 -> 629.
// Session 48: values under a table's header of groups printed on one line with words only (`全体集団 Q2W群 プラセボ群 プラセボ群との差`) take its groups in order, a group's own digits no value: 629 -> 630.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 630 -> 639.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 639 -> 705.
// Session 49: a header of arms over an n and a mean each, the columns' own headers copied a cell a line under the rule with the stub's empty cells first; `s.e.` names the SE; a column headed by a unit of time alone is no group: 705 -> 704.
// Session 50: bare pairs that are a count and its percentage by the document's own n's: 704 -> 709.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 709 -> 716.
// Session 50: the people a count is printed with; a p after two values closes their comparison: 716 -> 721.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 721 -> 750.
// Session 52: batch 82 joined (20 reports, measured alone first): 750 -> 766.
// Session 52: an abbreviation set apart from 群 by a space names a group: 766 -> 767.
// Session 53: a colon list with an arm among its labels is one measure's arms: 767 -> 765.
// Session 53: batch 85 joined: 765 -> 769.
// Session 54: batch 87 joined: 769 -> 788.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 788 -> 814.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 814 -> 849.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 849 -> 893.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 893 -> 977.
// Session 56: a section's label stating N (%) reads its levels' cells as counts with their shares: 977 -> 992.
// Session 57: lines of separators alone in a table pasted a cell a line are empty cells or a row's end, no end of the table: 992 -> 996.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 996 -> 1011.
// Session 57: a syndrome's name (`下肢静止不能症候群`) is no group of patients (held-out: one pair of shares in text no longer placed, counted, not read): 1011 -> 1010.
// Session 57: (以下同順) carries the arms' order to the next sentence's values: 1010 -> 1011.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 1011 -> 1019.
// Session 58: a column's n alone under a time's name (`Before run-in` over `(n = 140)`) names no group (held-out violations 67 -> 58; one held-out pair of shares under such columns no longer placed as arms; counted, not read): 1019 -> 1018.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 1018 -> 1138.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 1138 -> 1149.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 1149 -> 1151.
// Session 59: a share's group after it with 'of the' or right after it ('9 (12.0%) of the exercise group …, but 18 (24.3%) usual-care group participants'): 1151 -> 1152.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 1152 -> 1170.
// Session 60: before and after an event printed once (before and after the treatment … respectively), a unit after every value no new measure: 1170 -> 1171.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 1171 -> 1172.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 1172 -> 1176.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 1176 -> 1188.
// Session 62: The Lancet's table layout: mean (SD), n cells, .. empty cells, a section opened by its comparison's row, the comparison's column names after the groups (batch 110's document 01): 1188 -> 1209.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 1209 -> 1317.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 1317 -> 1344.
// Session 64: batches 120-121 joined: 1344 -> 1350.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 1350 -> 1356.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 1356 -> 1361.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 1361 -> 1362.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 1362 -> 1365.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 1365 -> 1367.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 1367 -> 1380.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 1380 -> 1381.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 1381 -> 1389.
// Session 71: the fifty-ninth trial's forms: comparators named by what they withhold (`No intervention`), arms declared by an abbreviation with their n printed bare again, a count of those an event befell is no group's n, a unit of duration between two values names no measure: 1389 -> 1390.
// Session 71: the sixtieth trial's forms: a group that owns the measure after it (`the meridian group's score of`), `で` closing a time before a Japanese group's name; the fifty-ninth's: a Japanese list item after its group's particle, shares switching group: 1390 -> 1391.
// Session 72: batches 144-147 joined: 1391 -> 1404.
// Session 72: batches 148-149 joined: 1404 -> 1406.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 1406 -> 1429.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 1429 -> 1436.
// Session 74: batches 158-159 joined (20 reports): 1436 -> 1448.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 1448 -> 1479.
// Session 76: one-level headers cut at their statistics' columns (a p, a difference, a CI, a ratio) before their groups are split, and rows of shares under them read as arm counts; a cell's own n printed before its value (n=124 13 (8–21)) is the value's (held-out n right 1645 -> 1632, wrong 177 -> 178, measured only: the held-out documents not read): 1479 -> 1520.
// Session 78: batches 166-169 joined (corpus 2660): 1520 -> 1540.
const FLOOR_HOLDOUT_SHARES: usize = 1540;
// Batch 6's held-out part (session 19) brought one more n attached wrong, as it arrived;
// batch 10's (session 23) 16 more, as it arrived (by class, with no text: 7 from a column's
// n, smaller than the summary's; 6 from the people a sentence names before the value; 3
// printed with the value).
// Batch 14's held-out half (session 28) brought 8 more, as it arrived.
// Session 32: 21 -> 20 (a rule from batch 20's development half); batch 21's held-out half
// brought 26, as it arrived (by class, with no text: 24 single values given their column's
// n, 2 the n printed with them); batch 23's held-out half brought 18, as it arrived (by
// class: 11 single values given the n printed with them, 4 arms given the n of the rows, one
// arm given the n printed with it, two time-course values given the number of people their
// sentence names before them).
// Session 33: batch 26's held-out half brought 4, as it arrived (by class, with no text: arms
// given their column's n, larger than the labelled one); batch 27's 2 (single values given
// the document's n, smaller than the labelled one).
// Session 34: batch 31's held-out half brought 14, as it arrived (by class, with no text: arms
// given the document's n, smaller than the labelled one).
// Session 35: batch 35's held-out half brought 15, as it arrived (by class, with no text: 10
// arms given their column's n, larger than the labelled one; 5 arms given the n of the rows,
// smaller).
// Batch 38's held-out half (session 35) brought one, as it arrived (by class, with no text: a
// single value given its group's n, smaller than the labelled one).
// Session 36: arms the text does not name take no number counting the whole sample (an arm
// is part of it, unless the document says its arms are the same patients): 100 -> 86. The
// rule is a principle of what an arm is, not read from a document; it never applies on the
// development half, and batch 31's class above (arms given the document's n) prompted it, so
// its held-out figure is no evidence that it generalises: the fresh batches measured after it
// are.
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// As they arrived their held-out halves brought 0, 1, 0 and 1 wrong n's (batch 41: a single
// value given the n printed with it, larger; batch 43: a single value given its group's n,
// larger).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md). As they arrived their held-out halves brought 1 and 3 wrong n's.
// Session 38: arms' listed sizes are parts of the document's n: 92 -> 89.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 89 -> 103 (14 of them in one held-out registry page of batch 52).
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 103 -> 109 (batch 61's held-out half brought 1 as it arrived, batch 62's 5; counted, not read).
// Session 43: a count on the next line after other words is the next row's, not the value's
// n, and a header line of groups with times in their brackets gives no value the last group: 109 -> 105.
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 105 -> 113 (its held-out half brought 8 wrong n's of 8
// labelled as it arrived; counted, not read).
// Session 46: where one group heads several columns (its name printed again under each
// visit), each column's cells take the n over that column: 113 -> 89.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 89 -> 92.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 92 -> 93.
// Session 54: batch 87 joined: 93 -> 95.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 95 -> 97.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese, 15 tables; measured alone first: 95 dev 103/118, held-out 246/281; 96 dev 271/383, held-out 111/174; 0 violations in either part): 97 -> 101.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 101 -> 111.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 111 -> 114.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 114 -> 120.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 120 -> 126.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 126 -> 133.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 133 -> 153.
// Session 64: batches 118-119 joined: 153 -> 154.
// Session 64: batches 120-121 joined: 154 -> 157.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 157 -> 177.
// Session 71: two transitions each closed by another group's name are each group's course; a count of one sex or of each part is no sample's n; a row counting one level (`Female (N)`) is no n row; `AがB` a transition; a unit between a mean and its spread: 177 -> 174.
// Session 72: N rows printed under the rows they count: 174 -> 165.
// Session 72: a list of counted parts, each n before its value: 165 -> 164.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 164 -> 172.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 172 -> 173.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 173 -> 177.
// Session 76: one-level headers cut at their statistics' columns (a p, a difference, a CI, a ratio) before their groups are split, and rows of shares under them read as arm counts; a cell's own n printed before its value (n=124 13 (8–21)) is the value's (held-out n right 1645 -> 1632, wrong 177 -> 178, measured only: the held-out documents not read): 177 -> 178.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 178 -> 163.
const CEILING_HOLDOUT_N_WRONG: usize = 163;
// n's attached right (session 30: a table row's label printing each group's n, 460 -> 511 on
// the development part; a header row of n's alone under the groups' names, 511 -> 535; the
// held-out part unchanged by both).
// Session 31: a value printed again where two transitions share their end (`… to 1.3 ± 0.24)
// and again from 12 w to 24 w (1.3 ± 0.24 to …`) is one time point: its second print stays a
// single fact, whose n is no longer counted (596 of 1059 -> 594 of 1057, none wrong).
// Session 35: the same grid's groups take the n printed after their names: 723 -> 727.
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Then a group's n printed before its name in a legend (`n = 11 HMB-FA-supplemented and n = 9
// placebo-supplemented participants`): 779 -> 811, held-out unchanged.
// Session 36: each arm's n in its own column on a row of subgroups (`Tiotropium` over `Number
// of patients | Mean (SE)`): 811 -> 827, none wrong.
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a table copied a cell a line whose section's label stands alone over its indented
// categories (`NYHA stage, n (%)` over ` I`, ` II`): read on past it, not ended there.: 836 -> 840.
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then a count after a value that a new topic introduces (`…歳で,病型は…19例`) is no n of the
// value: the one wrong n batch 47's development half brought gone.
// Then a full stop between Japanese words (`認められた.食欲低下例と…`, `．`) ends a sentence:
// 843 -> 837, none wrong (a bracketed analysis's n, `三次元動作解析(N=9)`, now stands in a
// sentence of its own, a second count of people that leaves the document's n open); held-out
// 640 -> 641. Kept: it ends the fall word of one sentence (`食欲低下は16例`) reaching the next.
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: batches 50-51 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 847 -> 850.
// Session 40: one n printed for every group (`32 in each group`, `各群30例`) is each group's n,
// and `各群` names no group: 850 -> 856.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 856 -> 909; pairs opened by their time: 909 -> 912.
// Session 40's later rules (spaced rows under a repeated summary header, medians beside their
// bounds, ditto brackets, the mean ± SD with its range): 912 -> 924; batch 58 joined: unchanged.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 924 -> 934.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 934 -> 938.
// Session 41: the same rule: 938 -> 968.
// Session 42: the n's a two-level header prints with its groups (and restates for another
// analysis set) given to their columns: 968 -> 1062.
// Session 42: a flexible-dose arm's range in a Japanese group's name, a web page's bullet
// opening a sentence, a later time ending the one named before a sentence's first value:
// 1062 -> 1070.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 1070 -> 1077.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md); a table column's n is its header cell's nearest the data, and a page's wrapped rows
// are joined (batch 67's development half: 1 right 18 wrong -> 37 right 0 wrong): 1077 -> 1115.
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 1115 -> 1116.
// Session 45: a value in the bracket opening right after an n is of those people (`20名(70.6±6.4歳)`): 1116 -> 1119.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 1120 -> 1135.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 1135 -> 1155.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 1155 -> 1167.
// Session 47: a page's table of one measure copied cell to cell, its times a line each (batch 74's en_01): 1167 -> 1183.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 1183 -> 1184.
// Session 48: a glued header naming each arm with its n heads as many columns as the widest row prints, where rows of each dose against placebo and their p's (one value fewer) outnumber the arms' rows: 1184 -> 1220.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 1220 -> 1227.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 1227 -> 1228.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 1228 -> 1229.
// Session 49: a header of arms over an n and a mean each, the columns' own headers copied a cell a line under the rule with the stub's empty cells first; `s.e.` names the SE; a column headed by a unit of time alone is no group: 1229 -> 1245.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 1245 -> 1251.
// Session 51: batch 81 joined (20 reports, 10 Japanese): 1251 -> 1256.
// Session 51: groups named with their n on a header row below the rule, the stub's cell lost (held-out unchanged): 1256 -> 1258.
// Session 52: a table section's stated n (%) layout and an n heading a colon: 1258 -> 1261.
// Session 52: batch 82 joined (20 reports, measured alone first): 1261 -> 1266.
// Session 52: batch 82 joined (measured alone first); `に対し` between two times of one group; the analysed later sample as the document's n: 1266 -> 1272.
// Session 52: batch 83 joined (20 reports, measured alone first): 1272 -> 1273.
// Session 52: batch 84 joined (20 reports, measured alone first): 1273 -> 1274.
// Session 53: batch 85 joined: 1274 -> 1275.
// Session 53: batch 86 joined: 1275 -> 1280.
// Session 54: batch 87 joined: 1280 -> 1282.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 1282 -> 1288.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 1288 -> 1294.
// Session 55: visits over `n | mean ± SD` columns give each mean the n beside it under its visit; a model's effect column is no group (b28_01): 1294 -> 1328.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 1328 -> 1330.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 1330 -> 1342.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 1342 -> 1343.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 1343 -> 1362.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 1362 -> 1369.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 1369 -> 1438.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 1438 -> 1442.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 1442 -> 1443.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 1443 -> 1446.
// Session 60: groups over their times with what the cells print (Baseline M (SD) under each group), statistics past them (t (df), d) no group: 1446 -> 1485.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 1485 -> 1489.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 1489 -> 1493.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 1493 -> 1514.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 1514 -> 1544.
// Session 62: The Lancet's table layout: mean (SD), n cells, .. empty cells, a section opened by its comparison's row, the comparison's column names after the groups (batch 110's document 01): 1544 -> 1589.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 1589 -> 1619.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 1619 -> 1630.
// Session 63: a single-arm abstract naming its sample 'the study group' prints its mean age in the sentence that names the group, which now leaves that value's n open (a value of a named group takes the group's n, which the sentence prints as 'consisted of 29 patients', not as the group's): 1630 -> 1629.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 1629 -> 1642.
// Session 64: batches 118-119 joined: 1642 -> 1651.
// Session 64: batches 120-121 joined: 1651 -> 1652.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 1652 -> 1699.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 1699 -> 1758.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 1758 -> 1800.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 1800 -> 1809.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 1809 -> 1820.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 1820 -> 1831.
// Session 69: p's listed under one p; a count in its own column before each arm's summary is its n: 1831 -> 1871.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 1871 -> 1958.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 1958 -> 1962.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 1962 -> 1965.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 1965 -> 1978.
// Session 71: the fifty-ninth trial's forms: comparators named by what they withhold (`No intervention`), arms declared by an abbreviation with their n printed bare again, a count of those an event befell is no group's n, a unit of duration between two values names no measure: 1978 -> 1979.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 1979 -> 1981.
// Session 72: a group's size in running text (There were 62 patients in the TrP group, 初回治療群は8例): 1981 -> 1985.
// Session 72: batches 144-147 joined: 1985 -> 1993.
// Session 72: batches 148-149 joined: 1993 -> 1994.
// Session 72: one n for every group with its units (200 sites in each group): 1994 -> 2014.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 2014 -> 2030.
// Session 73: a time course of the whole sample in a table (no group's row, no groups named) takes the document's one number of people, as a sentence's values do (user trial 63: 40 means without an n); a column headed by an interval alone prints intervals under a row of medians: 2030 -> 2046.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 2046 -> 2054.
// Session 73: a respectively over slots each opened by its own label (SpO2-1: a and b (p), SpO2-2: c and d (p), ...) gives each slot's values the groups listed before them, in order (batch 151's 4 wrong n's): 2054 -> 2058.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 2058 -> 2060.
// Session 74: batches 158-159 joined (20 reports): 2060 -> 2061.
// Session 75: arms declared by their treatment, the allocation to arms listed before it in Japanese, a change word after the value's own interval: 2061 -> 2060.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 2060 -> 2089.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 2089 -> 2118.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 2118 -> 2151.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 2151 -> 2199.
// Session 78: batches 166-169 joined (corpus 2660): 2199 -> 2270.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 2270 -> 2277.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 2277 -> 2347.
const FLOOR_DEV_N_RIGHT: usize = 2347;

// An n the text gives another was 0 on the development part until batch 53 joined (session
// 39): its 03, a table copied a cell a line whose rows spanning the columns print a line of
// spaces for their empty cells and whose columns' n's stand on a line of their own, is read
// one column off and gives two summaries the n of the next column; the table's reading is
// open (the rule tried, a column headed by n's alone beside named ones is no group, read
// worse on the held-out part: 671 -> 656 n right). A ceiling until then, not 0.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 2 -> 8 (batch 61's development half: 6 wrong, from a bracket's legend n; 27 as it arrived).
// Session 41: the same rule; the one more is two arms' equal medians (5.00(3.0-6.0)), which the comparison matches to the first arm's label: 8 -> 9.
// Session 43: a table column's n is its header cell's nearest the data (batch 53's
// cell-a-line table): 9 -> 8.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 8 -> 9 (its development half: 1).
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 9 -> 15.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 15 -> 16.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 16 -> 18.
// Session 52: a table section's stated n (%) layout and an n heading a colon: 18 -> 15.
// Session 52: batch 82 joined (20 reports, measured alone first): 15 -> 19.
// Session 52: batch 82 joined (measured alone first); `に対し` between two times of one group; the analysed later sample as the document's n: 19 -> 15.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 15 -> 17.
// Session 61: batch 108 joined (14 reports, 7 Japanese, 5 tables): 17 -> 21.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 21 -> 24.
// Session 64: batches 118-119 joined: 24 -> 26.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 26 -> 29.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 29 -> 30.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 30 -> 32.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 32 -> 34.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 34 -> 35.
// Session 72: a group's size in running text (There were 62 patients in the TrP group, 初回治療群は8例): 35 -> 30.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 30 -> 40.
// Session 73: a respectively over slots each opened by its own label (SpO2-1: a and b (p), SpO2-2: c and d (p), ...) gives each slot's values the groups listed before them, in order (batch 151's 4 wrong n's): 40 -> 36.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 36 -> 37.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 37 -> 36.
// Session 78: batches 166-169 joined (corpus 2660): 36 -> 39.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 39 -> 38.
const CEILING_DEV_N_WRONG: usize = 38;

// Session 31: glued headers of names with their n's and the comparison's column after them
// (`Intervention n=55Standard care n=59Comparison`): held-out n's right 269 -> 284.
// Session 32: a median whose bracket repeats its unit (`65 years (interquartile range
// [IQR], 56–75 years)`, `40 mg (range, 10 to 80 mg)`, as journals' house styles print it) is
// read: development items +25 with `Me (IQR)`; on the held-out half 3 items gained and one n
// right lost (292 -> 291), one non-datum added; seen as figures only, the rule kept because
// it names a house style, not a document.
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: arms given no count of the whole sample (see the ceiling above): 553 -> 547.
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: a number repeated within one sentence counts once toward the document's n, and
// the sum of the arms' listed sizes is the whole: held-out n right 642 -> 641, wrong 92 -> 89.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 641 -> 671 (651 by the session's table rules before).
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): unchanged; pairs opened by their time: 671 -> 680.
// Session 40: the counter of an n glued before the next Japanese group's name opens no name,
// a rule from a new-user trial: 681 -> 683; batch 58 joined: 683 -> 697.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 697 -> 706.
// Session 41: a group named alone on its line under another is a header's, no value's;
// `群間`/`群内` name no group; a number of people is whole: 706 -> 714 (wrong unchanged).
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 714 -> 719.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 719 -> 732.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 732 -> 735.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 735 -> 739.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 739 -> 770.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 770 -> 796.
// Session 45: a value in the bracket opening right after an n is of those people (`20名(70.6±6.4歳)`): 796 -> 800.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 800 -> 825.
// Session 46: each column's n where one group heads several columns: 825 -> 849.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 849 -> 854.
// Session 47: groups named by a protocol's numbers and a bracket after a group's name (`Arm 1
// (drug, n = 30)`, the n the name the document goes on using): 854 -> 853 (held-out part, not
// looked into).
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 853 -> 875.
// Session 47: a visit's code (`T0`, `T2`) names a time over a table's columns, so the groups spanning them are read (held-out part, measured only): 875 -> 907.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 907 -> 911.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 911 -> 923.
// Session 48: a glued header naming each arm with its n heads as many columns as the widest row prints, where rows of each dose against placebo and their p's (one value fewer) outnumber the arms' rows: 923 -> 925.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 925 -> 965.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 965 -> 1002.
// Session 52: batch 82 joined (20 reports, measured alone first): 1002 -> 1005.
// Session 53: batch 86 joined: 1005 -> 1007.
// Session 54: batch 87 joined: 1007 -> 1031.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 1031 -> 1034.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 1034 -> 1048.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 1048 -> 1056.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 1056 -> 1072.
// Session 56: a section's label stating `N (%)` reads its levels' `k (p)` cells as counts with their shares, a misprinted one too (for `check`): held-out found 19579 -> 19607, non-data 2872 -> 2853, shares 977 -> 992; one held-out value whose n was right before now has none (2366 -> 2365 labelled n's reached; counted, not read): 1072 -> 1071.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 1071 -> 1080.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 1080 -> 1099.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 1099 -> 1129.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 1129 -> 1131.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 1131 -> 1169.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 1169 -> 1171.
// Session 60: a header a cell a line whose names span the blocks under them (groups over N, mean (95% CI), p, then the difference), a group's name over a central value with its interval, a column statement of two forms left to each row (Mean (95% CI) or median (IQR)): 1171 -> 1206.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 1206 -> 1267.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 1267 -> 1271.
// Session 61: SE+/- and list bullets: 1271 -> 1269.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 1269 -> 1296.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 1296 -> 1309.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 1309 -> 1316.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 1316 -> 1365.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 1365 -> 1392.
// Session 64: batches 118-119 joined: 1392 -> 1498.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 1498 -> 1574.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 1574 -> 1588.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 1588 -> 1589.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 1589 -> 1597.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 1597 -> 1598.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 1598 -> 1599.
// Session 71: two transitions each closed by another group's name are each group's course; a count of one sex or of each part is no sample's n; a row counting one level (`Female (N)`) is no n row; `AがB` a transition; a unit between a mean and its spread: 1599 -> 1598.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 1598 -> 1604.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 1604 -> 1605.
// Session 71: the sixtieth trial's forms: a group that owns the measure after it (`the meridian group's score of`), `で` closing a time before a Japanese group's name; the fifty-ninth's: a Japanese list item after its group's particle, shares switching group: 1605 -> 1606.
// Session 72: a group's size in running text (There were 62 patients in the TrP group, 初回治療群は8例): 1606 -> 1607.
// Session 72: N rows printed under the rows they count: 1607 -> 1614.
// Session 72: a list of counted parts, each n before its value: 1614 -> 1616.
// Session 72: batches 148-149 joined: 1616 -> 1617.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 1617 -> 1619.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 1619 -> 1623.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 1623 -> 1625.
// Session 74: batches 158-159 joined (20 reports): 1625 -> 1631.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 1631 -> 1645.
// Session 76: one-level headers cut at their statistics' columns (a p, a difference, a CI, a ratio) before their groups are split, and rows of shares under them read as arm counts; a cell's own n printed before its value (n=124 13 (8–21)) is the value's (held-out n right 1645 -> 1632, wrong 177 -> 178, measured only: the held-out documents not read): 1645 -> 1632.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 1632 -> 1653.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 1653 -> 1656.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 1656 -> 1679.
// Session 78: batches 166-169 joined (corpus 2660): 1679 -> 1693.
// Session 78: the seventy-third trial's forms (a pooled column after the stub's name, sections naming times, values after a colon closing a list of groups, a header cell broken over lines): 1693 -> 1689, a loss: four held-out values the labels give an n no longer match a drafted value with one (the held-out half is measured, not read; its pairs placed together rose 1802 -> 1810 with no new violation).
const FLOOR_HOLDOUT_N_RIGHT: usize = 1689;
// Session 35: those unplaced cells leave the count (1408 of 1420 -> 1347 of 1359; the
// drafted file's ± unchanged at 1521).
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: glued cells set apart, 1663 -> 1669.
// Session 38: batches 48-49 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Then `% (SE)` columns read as means with their SE: 1715 -> 1725.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 1725 -> 1742.
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 1742 -> 1840.
// Session 40's later rules (spaced rows under a repeated summary header, medians beside their
// bounds, ditto brackets, the mean ± SD with its range): 1840 -> 1880; batch 58 joined: 1880 -> 1934.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 1934 -> 1945.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 1945 -> 1973.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 1973 -> 2039.
// Session 42: batch 64 joined (16 reports, 8 Japanese; measured alone as it arrived at 99bbf72,
// see docs/commands/draft.md): 2039 -> 2075.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 2075 -> 2085.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 2085 -> 2135.
// Session 43: batch 68 joined (16 reports, 8 Japanese; measured alone as it arrived at 87e2bc1,
// see docs/commands/draft.md): 2135 -> 2146.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 2146 -> 2158.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 2158 -> 2170.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 2170 -> 2178.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 2178 -> 2190.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 2190 -> 2200.
// Session 47: a page's table of one measure copied cell to cell, its times a line each (batch 74's en_01): 2200 -> 2208.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 2208 -> 2244.
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 2244 -> 2248.
// Session 48: a table's row naming a difference from placebo prints differences, never arms' values (the nineteenth new-user trial's four contradicting charts); its ± cells are no longer in a measure: 2248 -> 2247.
// Session 49: batch 79 joined (20 reports, 10 Japanese, 7 tables; measured alone as it arrived at 989b90f: development half 307/369 items, held-out half 210/433, 0 violations in 6 and 66 pairs, n wrong 2 of 6 and 0 of 18; see docs/commands/draft.md): 2247 -> 2295.
// Session 49: a header of arms over an n and a mean each, the columns' own headers copied a cell a line under the rule with the stub's empty cells first; `s.e.` names the SE; a column headed by a unit of time alone is no group: 2295 -> 2357.
// Session 50: batch 80 joined (20 reports, 10 Japanese): 2357 -> 2387.
// Session 52: batch 84 joined (20 reports, measured alone first): 2387 -> 2391.
// Session 53: batch 85 joined: 2391 -> 2392.
// Session 53: batch 86 joined: 2392 -> 2393.
// Session 54: batch 87 joined: 2393 -> 2448.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 2448 -> 2462.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 2462 -> 2468.
// Session 55: a column headed by a model's effect (`Fixed effect of randomization* / LSMean ± SE`) is no group: its 4 LS means ± SE of b28_01, drafted as a group of their own before, are left unplaced (2468 -> 2464): 2468 -> 2464.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 2464 -> 2466.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 2466 -> 2475.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 2475 -> 2488.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 2488 -> 2511.
// Session 59: CIs labelled with a semicolon (95%信頼区間;-3.0,-0.4), a whole mean glued to its abbreviation before its ± (BMI26±2), None of the N as zero of N, pre/post right before a value, had + noun naming a share's people: 2511 -> 2512.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 2512 -> 2518.
// Session 60: glued tables (a spread run into the next mean, groups under times then the comparison's columns, a median glued to its row's label): 2518 -> 2562.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 2562 -> 2566.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 2566 -> 2601.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 2601 -> 2643.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 2643 -> 2659.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 2659 -> 2702.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 2702 -> 2704.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 2704 -> 2764.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 2764 -> 2771.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 2771 -> 2850.
// Session 64: batches 118-119 joined: 2850 -> 2878.
// Session 64: batches 120-121 joined: 2878 -> 2931.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 2931 -> 2977.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 2977 -> 3086.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 3086 -> 3109.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 3109 -> 3133.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 3133 -> 3134.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 3134 -> 3135.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 3135 -> 3175.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 3175 -> 3187.
// Session 70: batches 138-139 joined (20 reports, 10 Japanese): 3187 -> 3198.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 3198 -> 3213.
// Session 71: batches 142-143 joined (20 reports, 10 Japanese): 3213 -> 3226.
// Session 72: batches 144-147 joined: 3226 -> 3271.
// Session 72: batches 148-149 joined: 3271 -> 3322.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 3322 -> 3330.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 3330 -> 3374.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 3374 -> 3385.
// Session 74: batches 158-159 joined (20 reports): 3385 -> 3386.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 3386 -> 3412.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 3412 -> 3418.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 3418 -> 3448.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 3448 -> 3449.
// Session 78: batches 166-169 joined (corpus 2660): 3449 -> 3507.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 3507 -> 3521.
const FLOOR_DEV_SPREAD_RIGHT: usize = 3521;
// Cells a table reader takes out of the sentence reader's single facts and leaves unplaced
// are no longer counted here (the drafted file's ± is counted on the path above). Session
// 22: a cell-a-line table that the columns' count had cut short is read by its labels; one
// held-out cell it had placed is now a single fact (306 -> 305 counted, 274 -> 273 right;
// the path's count is unchanged at 434 of 479).
// Session 29: a glued table's `N/A` cells hold their columns' places; one held-out glued
// table is now read as a table (items 4776 -> 4782) and leaves 10 labelled cells it holds
// out of its measures (634 of 670 -> 624 of 660 counted; the drafted file's ± unchanged at
// 783 of 895).
// Session 30: a table whose rows are the groups (a `Group` column, visit codes over its
// columns) is read as arms over times; on the held-out half one table's 6 more pairs are
// placed together (235 -> 241) and one labelled value it holds out of its measures leaves the
// count (642 of 678 -> 641 of 677; the drafted file's ± unchanged at 813 of 925).
// Session 35: the same rule leaves 6 held-out cells unplaced (926 of 986 -> 920 of 980; the
// drafted file's ± unchanged).
// Session 35: batches 34-35 joined (their development halves' rules landed first).
// Then batches 36-37 joined (their development halves' rules landed first).
// Then batches 38-39 joined (measured as they arrived, at the session's last rules but one).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 37: batches 46-47 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Session 38: glued cells set apart, 1230 -> 1232.
// Session 39: batches 52-53 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// at the session's table rules: development halves 198/304 and 190/273 items, held-out halves
// 178/186 and 146/164, no violation in either): 1232 -> 1261 (1242 by the session's table rules before).
// Session 40: batches 56-57 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md): 1261 -> 1315.
// Session 40: batch 58 joined (16 reports, 8 Japanese; measured alone as it arrived at 108ebc0,
// see docs/commands/draft.md): 1315 -> 1316.
// Session 41: statements of both spreads printed after every value (a table's notes run
// together) label none of them, and a document naming both anywhere states none for all
// (a rule from batch 59's development table): held-out wrong 3 -> 1, right 1316 -> 1312.
// Session 41: batches 59-60 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at e5176f6, see docs/commands/draft.md): 1312 -> 1348.
// Session 41: batches 61-62 joined (32 reports, 16 Japanese; each measured alone as it arrived
// at d97535d, see docs/commands/draft.md): 1348 -> 1374.
// Session 42: batch 63 joined (16 reports, 8 Japanese; measured alone as it arrived at fc6dafa,
// see docs/commands/draft.md): 1374 -> 1388.
// Session 42: batch 64 joined (16 reports, 8 Japanese; measured alone as it arrived at 99bbf72,
// see docs/commands/draft.md): 1388 -> 1418.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 1418 -> 1438.
// Session 43: batches 66-67 joined (32 reports, 16 Japanese; each measured alone as it arrived at
// deb5616, see docs/commands/draft.md): 1438 -> 1474.
// Session 44: batch 69 joined (16 reports, 8 Japanese; measured alone as it arrived at 85a4f69
// and e369f84, see docs/commands/draft.md): 1474 -> 1488.
// Session 45: batch 70 joined (16 reports, 8 Japanese; measured alone as it arrived at 9a578e5 with
// the tree's rules, see docs/commands/draft.md): 1488 -> 1539.
// Session 45: batch 71 joined (15 reports, 7 Japanese; measured alone as it arrived at
// 8273b95, see docs/commands/draft.md), after this session's later rules: 1539 -> 1599.
// Session 46: batch 72 joined (16 reports, 8 Japanese; measured alone as it arrived at 1d6ff12 and again at a37f085: development half 202/220 items, held-out half 181/239, 0 violations in 24 pairs, n wrong 6 of 38 and 0 of 9; see docs/commands/draft.md): 1599 -> 1605.
// Session 47: batch 73 joined (32 reports, 16 Japanese, 8 tables; measured alone as it arrived at 7c0641e: development half 302/365 items, held-out half 246/322, 1 violation in 12 pairs and 0 in 32 (the development one mended: `five-year` and `5 years` are one time), n wrong 1 of 14 and 0 of 23; see docs/commands/draft.md): 1605 -> 1619.
// Session 47: batch 74 joined (8 reports, 4 Japanese, 2 tables of groups as rows glued cell to cell; measured alone as it arrived at 4d105ae: development half 90/108 items, held-out half 66/136, 0 violations, no pair the text decides placed in its 4 development documents; see docs/commands/draft.md): 1619 -> 1631.
// Session 47: a visit's code (`T0`, `T2`) names a time over a table's columns, so the groups spanning them are read (held-out part, measured only): 1631 -> 1695.
// Session 48: batch 75 joined (20 reports, 10 Japanese, 8 tables; measured alone as it arrived at a2090259 with this session's first rules: development half 164/234 items, held-out half 170/214, 0 violations in 15 and 16 pairs, n wrong 0 of 32 and 0 of 4; see docs/commands/draft.md): 1695 -> 1697.
// Session 48: batch 76 joined (20 reports, 10 Japanese, 10 tables; measured alone as it arrived at d97df5d: development half 297/395 items, held-out half 270/286, 0 violations in 19 and 35 pairs, n wrong 7 of 57 (list numbers read as n's, mended at 9f56246) and 3 of 15; see docs/commands/draft.md): 1697 -> 1707.
// Session 48: a glued header naming each arm with its n heads as many columns as the widest row prints, where rows of each dose against placebo and their p's (one value fewer) outnumber the arms' rows: 1707 -> 1701 (six held-out ± cells no longer in a measure, none read wrong: the labelled count fell with it, 1798 -> 1792; the held-out part is not read to find which).
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 1701 -> 1741.
// Session 48: a table's row naming a difference from placebo prints differences, never arms' values (the nineteenth new-user trial's four contradicting charts); its ± cells are no longer in a measure: 1741 -> 1739.
// Session 49: batch 78 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at b0a10ff: development half 310/351 items, held-out half 345/444, 0 violations in 2 and 123 pairs, n wrong 0 of 1 and 0 of 37; see docs/commands/draft.md): 1739 -> 1775.
// Session 52: batch 83 joined (20 reports, measured alone first): 1775 -> 1783.
// Session 54: batch 87 joined: 1783 -> 1826.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 1826 -> 1829.
// Session 55: batches 89 and 90 joined (40 reports, 20 Japanese); a table section row's median statement scoped; values split by sex or age: 1829 -> 1852.
// Session 56: header cells copied a line each above the rule; a section row between a cell-a-line header and its rows; a fraction's whole no mean: 1852 -> 1902.
// Session 56: batches 91 and 92 joined; a column stating a time's measure with its statistic is no group; shares splitting the sample are no arms: 1902 -> 1918.
// Session 57: lines of separators alone (`|||`) in a table pasted a cell a line are the copy's empty cells, no end of the table (held-out: 11 more pairs of arms placed, one labelled ± fewer matched, counted, not read): 1918 -> 1917.
// Session 57: batches 93 and 94 joined (40 reports, 20 Japanese): 1917 -> 1964.
// Session 58: batches 95 and 96 joined (40 reports, 20 Japanese): 1964 -> 1979.
// Session 58: batches 97 and 98 joined (26 reports, 13 Japanese): 1979 -> 1980.
// Session 59: batch 99 joined (20 reports, 10 Japanese, 8 tables; measured alone first: dev 164/178, held-out 541/605; 0 violations in either part; held-out n wrong 10 of 40 by class, not read): 1980 -> 1986.
// Session 59: batch 100 joined (20 reports, 10 Japanese, 7 tables; measured alone first at 8785b00: dev 231/249, held-out 274/312; 0 violations in either part; n wrong 2 of 22 and 3 of 47): 1986 -> 2029.
// Session 59: batches 101 and 102 joined (21 reports, 7 Japanese, 5 tables; measured alone first at ee3f202: 101 dev 133/153, held-out 97/165; 102 dev 99/178, held-out 91/95; 0 violations in either part): 2029 -> 2075.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 2075 -> 2099.
// batch 104 joined (12 reports, 5 Japanese, 4 tables; measured alone first at 6edfeb1: dev 148/196, held-out 144/178; 0 violations in either part): 2099 -> 2101.
// Session 60: a header a cell a line whose names span the blocks under them (groups over N, mean (95% CI), p, then the difference), a group's name over a central value with its interval, a column statement of two forms left to each row (Mean (95% CI) or median (IQR)): 2101 -> 2111.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 2111 -> 2127.
// batch 106 joined (13 reports, 6 Japanese, 4 tables, most of one group before and after; measured alone first at 0db6fab: dev 171/199, held-out 313/357; 0 violations in either part): 2127 -> 2147.
// Session 61: batch 107 joined (14 reports, 7 Japanese, 6 tables): 2147 -> 2163.
// Session 61: SE+/- and list bullets: 2163 -> 2167.
// Session 61: batch 109 joined (14 reports, 6 Japanese, 6 tables): 2167 -> 2193.
// Session 61: single-space tables (names closed by n's, en-dash minus, Median … (IQR) labels): 2193 -> 2197.
// Session 62: batches 110 and 111 joined (28 reports, 13 Japanese, 12 tables; measured alone first: 110 dev 178/318, held-out 156/255; 111 dev 236/309, held-out 144/192; no development violation in either): 2197 -> 2306.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 2306 -> 2339.
// Session 62: batches 114 and 115 joined (28 reports, 12 Japanese, 12 tables; measured alone first: 114 dev 113/151, held-out 183/248; 115 dev 115/142, held-out 145/172; 115's one development violation left: 'reduced from 100% at baseline to 14% for the probiotic versus 48% for placebo' placed 100 -> 14 as the probiotic arm's course, where the labels read 100% as the whole sample's baseline): 2339 -> 2451.
// Session 63: batches 116 and 117 joined (28 reports; batch 116's held-out half brought 20 wrong n's of 46): 2451 -> 2513.
// Session 64: katakana middle-dot decimals beyond units: 2513 -> 2516.
// Session 64: batches 118-119 joined: 2516 -> 2541.
// Session 64: batches 120-121 joined: 2541 -> 2555.
// Session 65: batches 122-123 joined (their development reports read 69.6 % and 62.1 %, below the corpus's; batch 122's repeat-dose table gives 3 values an n of 6 where the label, from a footnote, says 5): 2555 -> 2608.
// Session 66: batches 124-125 joined; lines of tests under a table's columns, claims in words: 2608 -> 2655.
// Session 67: a `Time point` header over the first column of values, where the rows print their times in the stub, is no group: one held-out table's two means that were drafted under a group called 'Time point' (with the hint 'unconfirmed: group Time point') are no longer placed in it: 2655 -> 2653.
// Session 67: batches 126 and 127 joined (their figures measured alone are in docs/commands/draft.md): 2653 -> 2697.
// Session 68: batches 128 and 129 joined (their figures measured alone are in docs/commands/draft.md): 2697 -> 2700.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 2700 -> 2711.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 2711 -> 2718.
// Session 69: a row labelled P value set apart by single spaces; batches 134 and 135 joined: 2718 -> 2731.
// Session 70: a header copied one name a line with no rule under it, and a table copied a cell a line with each row opened and closed by its bar (`|`, `|` ends a row; `| |` is an empty cell): 2731 -> 2735.
// Session 70: batches 136-137 joined (20 reports, 10 Japanese): 2735 -> 2751.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 2751 -> 2753.
// Session 72: batches 144-147 joined: 2753 -> 2816.
// Session 72: batches 148-149 joined: 2816 -> 2817.
// Session 73: a row of bracketed numbers alone under a row of bare means is their spreads where the table states mean (SD); the groups' names printed again under each time with the stub's cell left out stand from the first column after the stub; an abbreviation a group's bracket defines names that group; a count of a group's patients an event befell is no group's n (held-out n's: 1619 right, were 1617; 172 wrong, were 164; the held-out part measured only, its documents not read): 2817 -> 2849.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 2849 -> 2857.
// Session 74: batches 154-157 joined (40 reports); an estimate followed by the groups it compares before its interval is checked (batch 156 en_01): 2857 -> 2871.
// Session 74: batches 158-159 joined (20 reports): 2871 -> 2874.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 2874 -> 2892.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 2892 -> 2912.
// Session 77: batches 164 and 165 joined (20 reports, 10 Japanese): 2912 -> 2938.
// Session 78: the seventy-second trial's forms (a time naming its group, a stacked header's last column, sections over a line of spaces, concentrations before a substance): 2938 -> 2940.
// Session 78: batches 166-169 joined (corpus 2660): 2940 -> 2956.
const FLOOR_HOLDOUT_SPREAD_RIGHT: usize = 2956;
// Batch 5's held-out tables, measured as they arrived: 6 pairs of one arm's two measures
// placed as two arms. Batch 11's held-out half (session 25), as it arrived: 5 pairs of two
// measures of two groups at one time placed as arms (by class, with no text:
// `measure_same=false group_same=false time_same=true`). Not read (the held-out rule); the
// count may only fall.
// Batch 13's held-out half (session 27) brought one more, as it arrived.
// Batch 14's held-out half (session 28) brought one more, as it arrived.
// Batch 18's held-out half (session 31) brought 5, as it arrived (by class, with no text:
// `measure_same=true group_same=true time_same=false`: one group's times placed as arms).
// Batch 31's held-out half (session 34) brought 7 of that class, as it arrived.
// Session 35: columns nothing names as groups are no arms (a rule from the development
// part's headers): 25 -> 19, measured once.
// Batch 36's held-out half (session 35) brought one, as it arrived (by class, with no text:
// `TimeCourse group_same=false time_same=false`: two groups' values placed as one time course).
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Batch 40's held-out half brought 24 as it arrived (by class, with no text: 12 pairs of two
// measures of different groups and 12 of two measures of one group placed as arms); batches
// 41-43 none.
// Session 41: the last of one group's run and the first of the next are no arms (a rule from
// batch 59's development table, rows copied as text): 44 -> 38, measured once.
// Session 42: batch 65 joined (16 reports, 8 Japanese; measured alone as it arrived at 7a099d3,
// see docs/commands/draft.md): 38 -> 39 (its held-out half brought one, by class one group's two times placed
// as arms; counted, not read).
// Session 48: batch 77 joined (20 reports, 10 Japanese, 6 tables; measured alone as it arrived at 814896f: development half 154/194 items, held-out half 251/287, 0 violations in 19 pairs and 4 in 27 (held out, not read), n wrong 0 of 11 and 0 of 45; see docs/commands/draft.md): 39 -> 43.
// Session 49: a header of arms over an n and a mean each, the columns' own headers copied a cell a line under the rule with the stub's empty cells first; `s.e.` names the SE; a column headed by a unit of time alone is no group: 43 -> 41.
// Session 52: batch 83 joined (20 reports, measured alone first): 41 -> 43.
// Session 54: pairs whose times the sentence names after them (`pre- vs postintervention`, `vs baseline`) are one group's times or stay open, not arms: 3 held-out pairs of one group's times no longer placed as arms (violations 43 -> 40), counted, not read: 43 -> 40.
// Session 54: batch 88 joined (measured alone at 7ca6199: held-out 27 violations in 56 pairs, by class 21 pairs of one group's two measures and 6 of two groups' two measures placed as arms; counted, not read): 40 -> 67.
// Session 58: one group's times each with its n under its name (Before run-in / After run-in, a time column's n a header row of its own) read as a time course, not arms: held-out violations 67 -> 58: 67 -> 58.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 58 -> 65.
// Session 60: pairs in a bracket naming no group, each moving as the verb before it says (decreased with hops (9.2 vs. 5.1)), are no arms; they stay open: 65 -> 63.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 63 -> 68.
// Session 62: batches 112 and 113 joined (28 reports, 13 Japanese, 13 tables; measured alone first: 112 dev 133/234, held-out 282/389 with 34 held-out violations in 145 pairs; 113 dev 176/281, held-out 221/324; 112's development false alarm (a last column headed t read as p) fixed before joining): 68 -> 102.
// Session 68: batches 130 and 131 joined (their figures measured alone are in docs/commands/draft.md; batch 131's held-out part brought 3 violations in 3 pairs, counted and not read): 102 -> 105.
// Session 69: batches 132 and 133 joined (20 reports, 10 Japanese): 105 -> 106.
// Session 71: batches 140-141 joined (20 reports, 10 Japanese); two transitions each closed by its group, each with its own p, are each group's course; `No. of eyes` rows are the n of the rows below: 106 -> 107.
// Session 72: batches 144-147 joined: 107 -> 108.
// Session 73: batches 150-153 joined (40 reports, 20 Japanese): ophthalmology, dermatology, paediatrics, anaesthesia, haematology, nephrology, dentistry, sports medicine: 108 -> 110.
// Session 77: tables copied a cell a line read past a section's label over a line of spaces, tabbed tables keep a section's label that lost its tabs, names spanning two tabbed columns and the n cell before each value, rows under a stub headed Group are arms (held-out found 29387 -> 29373, fourteen percentages fewer, measured only: the held-out documents not read): 110 -> 109.
// Session 78: batches 166-169 joined (corpus 2660): 109 -> 110.
const CEILING_HOLDOUT_VIOLATIONS: usize = 110;
// The held-out ± read against the text's own label (a ceiling until session 42, now 0):
// Batch 10's held-out part (session 23), as it arrived: 2 values whose own printed label the
// draft reads as SD where the labels say SEM (by class, with no text: `read=SD labelled=SEM
// from=the value's own label`; a recogniser taking a neighbour's label, or a label to check).
// Counted, not read; it may only fall. The development part stays at 0.
// Batch 20's held-out half (session 32), as it arrived: one more, by class with no text
// `read=SEM labelled=SD from=the sentence says so` (the sentence's own word read against a
// label that says SD: a recogniser taking another value's word, or a label to check).
// Session 41: 3 -> 1 (see FLOOR_HOLDOUT_SPREAD_RIGHT).
// Session 42: 1 -> 0 at 6691c6a (a dose range in a Japanese group's name, a web page's bullet
// opening a sentence, a later time ending the sentence's first): the held-out part is now held
// to 0, as the development part is (`draft_on_the_held_out_part` asserts it).

// Batch 21's held-out half (session 32), as it arrived: `check text` reports a problem on one
// report its labeller found sound (by class, with no text: a two-arm comparison's ± that
// neither SD nor SE fits by the printed p or CI). Counted, not read; it may only fall.
// Session 36: batches 40-43 joined (64 reports, 32 Japanese; each measured alone as it arrived,
// its development half's rules landed before it joined; see docs/commands/draft.md).
// Batch 41's held-out half brought one sound report on which `check text` finds a problem (by
// class: a comparison's ±), as it arrived.
// Session 37: batches 44-45 joined (32 reports, 16 Japanese; each measured alone as it arrived,
// see docs/commands/draft.md).
// Batch 45's held-out half brought one false alarm as it arrived.
// Session 44: a two-arm comparison whose n's are its columns' and that fewer patients in each arm
// make consistent (a row measuring a subset: a time to a treatment only some had) is not
// checked, never contradicted (a rule from the fifteenth new-user trial): 3 -> 2.
// batch 103 joined (13 reports, 6 Japanese, 4 tables; measured alone first at ccc80a8: dev 163/210, held-out 267/314; 0 violations in dev, 7 in held-out, not read): 2 -> 3.
// batch 105 joined (13 reports, 6 Japanese, 4 tables; measured alone first at e44aaa7: dev 120/176, held-out 97/150; 3 development violations, its crossover abstract's pairs, fixed from the development part before joining (a rule of how reports write a change's pairs); 5 held-out violations, not read): 3 -> 4.
// Session 74: a table's estimates under a header naming an interval are read with their intervals and checked against them (development: one more misprint found, 9 of 136; held-out: 16 more intervals found, and one more sound report flagged, 5 of 1085): 4 -> 5.
// Session 75: batches 160-163 joined (40 reports); arms declared by their treatment, pairs at listed times, durations of a treatment no times: 5 -> 6.
// Session 79: a value at its own time before a list at listed times, mean (SD; range) cells, runs of arms each closed by its own p, a p alone near the t test's may be a rank test's: 6 -> 5.
const CEILING_HOLDOUT_CHECK_TEXT: usize = 5;
// ± read against the labeller's reading on the held-out part (batch 121, session 64).
const CEILING_HOLDOUT_SPREAD_WRONG: usize = 1;
