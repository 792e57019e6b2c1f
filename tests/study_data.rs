//! The seed studies in `data/`: they load, every quote is verbatim in its source document
//! (a copy of the sources is in `tests/data/seeds/`), and the numbers are the printed ones.

use std::path::{Path, PathBuf};
use trialstats::study::{self, Bound, Reported, SpreadKind, Study};

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
        // A study of invented patient-level data (data/synthetic-als-two-arm.toml) has no
        // document, so it may hold no quoted numbers either.
        if s.patient_data.iter().any(|d| d.synthetic) {
            assert!(
                s.facts.is_empty()
                    && s.dates.is_empty()
                    && s.measures.is_empty()
                    && s.slopes.is_empty()
                    && s.arms.is_empty()
                    && s.arm_measures.is_empty()
                    && s.arm_counts.is_empty()
                    && s.tests.is_empty()
                    && s.references.is_empty(),
                "{}: synthetic patient data with quoted numbers",
                s.id
            );
            continue;
        }
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
        quotes.extend(
            s.arms
                .iter()
                .map(|f| (f.id.clone(), f.provenance.quote.as_str())),
        );
        for m in &s.arm_measures {
            quotes.push((m.id.clone(), m.provenance.quote.as_str()));
            quotes.extend(
                m.arms
                    .iter()
                    .map(|a| (format!("{}[{}]", m.id, a.arm), a.provenance.quote.as_str())),
            );
        }
        for c in &s.arm_counts {
            quotes.push((c.id.clone(), c.provenance.quote.as_str()));
            quotes.extend(
                c.arms
                    .iter()
                    .map(|a| (format!("{}[{}]", c.id, a.arm), a.provenance.quote.as_str())),
            );
        }
        for m in &s.measures {
            if let Some(c) = &m.change {
                quotes.push((format!("{}.change", m.id), c.provenance.quote.as_str()));
            }
        }
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
        assert_eq!(m.dispersion, SpreadKind::NotReported);
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
    assert_eq!(edss.scale.as_ref().unwrap().step_value(), Some(0.5));

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

#[test]
fn names_of_the_expectation_language_resolve_to_printed_values() {
    let nmo = load("nmo-tocilizumab");
    assert_eq!(nmo.value_of("relapse_free"), Ok(5.0));
    assert_eq!(nmo.value_of("edss.before.mean"), Ok(5.1));
    assert_eq!(nmo.value_of("edss.after.spread"), Ok(1.6));
    assert_eq!(nmo.value_of("pain_nrs.year_1.n"), Ok(7.0));
    let err = nmo.value_of("pain_nrs.month_6.mean").unwrap_err();
    assert!(err.contains("not reported"), "{err}");
    let err = nmo.value_of("edss.mean").unwrap_err();
    assert!(err.contains("edss.TIMEPOINT.mean|spread|n"), "{err}");
    let als = load("als-muse-phase2");
    assert_eq!(als.value_of("alsfrs_r_decline.before"), Ok(0.47));
    assert_eq!(als.value_of("alsfrs_r_decline.after"), Ok(0.25));
    let mouse = load("als-muse-mouse");
    assert!(
        mouse
            .value_of("mice_muse")
            .unwrap_err()
            .contains("not reported")
    );
}

#[test]
fn the_other_seed_studies_hold_the_printed_numbers() {
    let fact = |s: &Study, id: &str| text(&s.fact(id).unwrap().value).to_string();
    // 001: 孤発性ALS患者5人; 投与開始後12ヵ月までの安全性; 平均0.47ポイント → 平均0.25ポイント.
    let als = load("als-muse-phase2");
    assert_eq!(fact(&als, "n_patients"), "5");
    assert_eq!(fact(&als, "safety_months"), "12");
    let slope = als.slope("alsfrs_r_decline").unwrap();
    assert_eq!(slope.n, Reported::Value(5));
    assert_eq!(slope.before.spread, Reported::NotReported);
    assert_eq!(slope.before.period, Reported::NotReported);
    assert_eq!(
        als.publication.doi,
        Reported::Value("10.1177/09636897231214370".into())
    );
    // 003: 2080例, 6施設 / 39施設, SNPアレイ 1500例, 全エクソーム 1100例, 全ゲノム 500例, 70例以上.
    let jacals = load("jacals-registry");
    for (id, v) in [
        ("registered_patients", "2080"),
        ("new_sites", "6"),
        ("total_sites", "39"),
        ("snp_array", "1500"),
        ("whole_exome", "1100"),
        ("whole_genome", "500"),
        ("ips_panel", "70"),
    ] {
        assert_eq!(fact(&jacals, id), v, "{id}");
    }
    assert_eq!(jacals.fact("ips_panel").unwrap().bound, Bound::AtLeast);
    // 004: 85.7％ (denominator not reported), group sizes not reported, 生後 56 日目以降.
    let mouse = load("als-muse-mouse");
    assert_eq!(fact(&mouse, "gfap_positive_percent"), "85.7");
    assert_eq!(fact(&mouse, "gfp_cells_counted"), "not reported");
    assert_eq!(fact(&mouse, "mice_vehicle"), "not reported");
    assert_eq!(fact(&mouse, "start_age_days"), "56");
    assert_eq!(fact(&mouse, "treatment_weeks"), "10");
    assert_eq!(fact(&mouse, "route_test_days"), "7");
    // 000: 16名の医療関係者、10名の SMA患者さんおよび支援者; 3つのカテゴリ; 4 タイプ.
    let sma = load("sma-videos");
    assert_eq!(fact(&sma, "health_professionals"), "16");
    assert_eq!(fact(&sma, "patients_and_supporters"), "10");
    assert_eq!(fact(&sma, "video_categories"), "3");
    assert_eq!(fact(&sma, "sma_types"), "4");
    assert_eq!(fact(&sma, "type_1_onset_by"), "6");
    assert_eq!(fact(&sma, "type_2_onset_by"), "1.5");
    // The total 26 is not printed: it is an expectation, not a fact.
    assert!(sma.facts.iter().all(|f| text(&f.value) != "26"));
    assert!(sma.expectation("contributors_total").is_some());
}
