//! The seed studies in `data/`: they load, every quote is verbatim in its source document
//! (a copy of the sources is in `tests/data/seeds/`), and the numbers are the printed ones.

use std::path::{Path, PathBuf};
use trialstats::study::{self, Bound, Dispersion, Reported, Study};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn load(id: &str) -> Study {
    study::load_file(&data_dir().join(format!("{id}.toml"))).unwrap()
}

/// The source text with its line breaks joined (nothing else changed), as quotes are written.
fn joined_source(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seeds")
        .join(file);
    std::fs::read_to_string(path)
        .unwrap()
        .replace(['\r', '\n'], "")
}

/// Full-width digits (０–９) as ASCII, for comparing printed numbers with their quotes.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

fn text(r: &Reported<study::ReportedNumber>) -> &str {
    r.value().map_or("not reported", |v| v.text.as_str())
}

#[test]
fn every_quote_is_verbatim_in_its_source() {
    for s in study::load_dir(&data_dir()).unwrap() {
        let source = joined_source(&s.source_file);
        let mut quotes: Vec<(String, &str)> = Vec::new();
        quotes.extend(
            s.facts
                .iter()
                .map(|f| (f.id.clone(), f.provenance.quote.as_str())),
        );
        quotes.extend(
            s.dates
                .iter()
                .map(|f| (f.id.clone(), f.provenance.quote.as_str())),
        );
        quotes.extend(
            s.measures
                .iter()
                .map(|f| (f.id.clone(), f.provenance.quote.as_str())),
        );
        quotes.extend(
            s.slopes
                .iter()
                .map(|f| (f.id.clone(), f.provenance.quote.as_str())),
        );
        quotes.extend(
            s.references
                .iter()
                .map(|f| (f.id.clone(), f.provenance.quote.as_str())),
        );
        assert!(!quotes.is_empty(), "{}: no quotes", s.id);
        for (id, quote) in quotes {
            assert!(
                source.contains(quote),
                "{}: {id}: quote not found verbatim in {}: {quote}",
                s.id,
                s.source_file
            );
        }
    }
}

#[test]
fn every_printed_number_appears_in_its_quote() {
    for s in study::load_dir(&data_dir()).unwrap() {
        for f in &s.facts {
            if let Some(v) = f.value.value() {
                // A number printed in words (一年間, 1 歳半) says so in its note.
                let printed_otherwise = f.note.as_deref().is_some_and(|n| n.starts_with("printed"));
                assert!(
                    ascii_digits(&f.provenance.quote).contains(&v.text) || printed_otherwise,
                    "{}: fact {}: {} not in quote",
                    s.id,
                    f.id,
                    v.text
                );
            }
        }
        for m in &s.measures {
            for t in &m.timepoints {
                for r in [&t.mean, &t.spread] {
                    if let Some(v) = r.value() {
                        assert!(
                            m.provenance.quote.contains(&v.text),
                            "{}: {}.{}: {} not in quote",
                            s.id,
                            m.id,
                            t.id,
                            v.text
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn nmo_tocilizumab_numbers_are_the_printed_ones() {
    // Source 002, 【研究の内容】: 年間再発率は 2.9 ± 1.1 回から 0.4 ± 0.8 回; EDSS 5.1 ± 1.7 から
    // 4.1 ± 1.6; 治療前 3.0 ± 1.5 から治療開始 1 年後には 0.9 ± 1.2、 治療前6.1 ± 2.0 から 1 年後 3.0 ± 1.4.
    let s = load("nmo-tocilizumab");
    assert_eq!(s.source_file, "002_f6b3e19b5df4114a.txt");
    let expect = [
        ("annualised_relapse_rate", [("2.9", "1.1"), ("0.4", "0.8")]),
        ("edss", [("5.1", "1.7"), ("4.1", "1.6")]),
        ("pain_nrs", [("3.0", "1.5"), ("0.9", "1.2")]),
        ("fatigue_nrs", [("6.1", "2.0"), ("3.0", "1.4")]),
    ];
    for (id, [(m0, s0), (m1, s1)]) in expect {
        let m = s.measure(id).unwrap();
        assert_eq!(m.n, Reported::Value(7));
        assert_eq!(m.dispersion, Dispersion::NotReported);
        assert_eq!(m.correlation, Reported::NotReported);
        assert_eq!(m.claim.significant, Reported::Value(true));
        let b = m.baseline().unwrap();
        let l = m.last_reported().unwrap();
        assert_eq!((text(&b.mean), text(&b.spread)), (m0, s0), "{id}");
        assert_eq!((text(&l.mean), text(&l.spread)), (m1, s1), "{id}");
    }
    // "3.0" keeps its decimal.
    let pain = s.measure("pain_nrs").unwrap();
    assert_eq!(pain.baseline().unwrap().mean.value().unwrap().decimals, 1);
    // The 6-month time point exists (図3) but has no values.
    assert_eq!(
        pain.timepoint("month_6").unwrap().mean,
        Reported::NotReported
    );
    assert_eq!(pain.last_reported().unwrap().id, "year_1");
    let edss = s.measure("edss").unwrap();
    assert!(edss.timepoints[1].when.contains("治療前後"));
    assert_eq!(edss.scale.unwrap().step, Some(0.5));

    let fact = |id: &str| text(&s.fact(id).unwrap().value).to_string();
    assert_eq!(fact("n_patients"), "7");
    assert_eq!(fact("women"), "6");
    assert_eq!(fact("men"), "1");
    assert_eq!(fact("relapse_free"), "5");
    assert_eq!(fact("treated_ncnp"), "5");
    assert_eq!(fact("treated_kindai"), "2");
    assert_eq!(fact("dose"), "8");
    assert_eq!(fact("patients_in_japan"), "4000");
    assert_eq!(
        s.fact("patients_in_japan").unwrap().bound,
        Bound::Approximately
    );
    assert_eq!(s.publication.date, Reported::Value("2014-03-15".into()));
    assert!(s.references.iter().any(|r| r.id == "umin000005889"));
    assert!(s.references.iter().any(|r| r.id == "umin000007866"));
    assert!(s.expectation("relapse_free_percent").is_some());
}
