//! Rates per period: `0.47 points per month`, `1.2 relapses per patient-year`, `0.5/year`,
//! `1.82% per month` (a decline of a measure printed in percent, per month),
//! `3 per 100 patient-years`, `11.4/100人・年`, 1月あたり平均0.47ポイント, 年間 2 回, and, in a sentence that names
//! the period once (…1月あたり平均0.47ポイント…、…平均0.25ポイントの低下), each further
//! 平均 N ポイント; the bare numbers after a relapse rate's name (`ARR decreased from 0.20
//! to 0.10`, 年間再発率は2.9); and after a person-time named once before them (`1,000 人年あたり
//! A群 100.4,B群 105.4`).

use super::not_data::JAPANESE_PERSON_TIME;
use super::not_data::inside_name;
use super::{ItemKind, Parts, Scan};
use crate::text::number::NUMBER;
use regex::Regex;
use std::sync::OnceLock;

fn pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?P<value> NUMBER ) \s* (?P<unit> % \s* | (?: [A-Za-z]+ (?: -[A-Za-z]+ )? \s+ ){0,2}? )
              (?: (?i: per | each ) \s+ | / \s* )
              (?P<per> (?: \d+ \s* )? (?i: (?: patient | person ) - ? \s* (?: years? | months? ) | months? | years? | weeks? | days? | yr | mo | wk ) (?-u:\b)
                | PERSON_TIME )
            | (?: (?P<jn> \d+ ) \s* )? (?P<jper> ヶ月 | カ月 | ヵ月 | か月 | 月 | 年 | 週 | 日 ) \s* (?: あたり | 当たり | につき ) \s* (?: 平均 \s* )?
              (?P<jvalue> NUMBER ) \s* (?P<junit> ポイント | 点 | 回 | 件 )?
            | 年間 \s* (?: 平均 \s* )? (?P<yvalue> NUMBER ) \s* (?P<yunit> 回 | 件 )"
            .replace("NUMBER", NUMBER)
            .replace("PERSON_TIME", JAPANESE_PERSON_TIME);
        Regex::new(&p).expect("the rate pattern is valid")
    })
}

fn further_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"平均\s*(?P<value>NUMBER)\s*(?P<unit>ポイント|点)".replace("NUMBER", NUMBER);
        Regex::new(&p).expect("valid pattern")
    })
}

/// Every rate.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    for c in pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        let (value, unit, per) = if let Some(v) = c.name("value") {
            (
                v,
                Some(c["unit"].trim().to_string()).filter(|u| !u.is_empty()),
                c["per"].to_string(),
            )
        } else if let Some(v) = c.name("jvalue") {
            let per = format!("{}{}", c.name("jn").map_or("", |m| m.as_str()), &c["jper"]);
            (v, c.name("junit").map(|u| u.as_str().to_string()), per)
        } else {
            (
                c.name("yvalue").expect("yvalue"),
                Some(c["yunit"].to_string()),
                "年".to_string(),
            )
        };
        // The period's own number after the value (`per 100 patient-years`, `/100人・年`) is
        // no datum: only what stands before the period need be free of what is not data; no
        // other item may hold the rate's bytes.
        let before_period = match c.name("per") {
            Some(_) => value.end(),
            None => whole.end(),
        };
        let claimed = scan
            .claimed
            .any(scan.doc.plain.original_span(whole.range()));
        if claimed
            || !scan.free(whole.start()..before_period)
            || inside_name(&plain, value.start(), value.end())
        {
            continue;
        }
        let Some(printed) = scan.number(value.range()) else {
            continue;
        };
        scan.push(
            ItemKind::Rate,
            whole.range(),
            Parts {
                value: Some(printed),
                unit,
                per: Some(per),
                ..Parts::default()
            },
        );
    }
    find_named_relapse_rates(scan, &plain);
    for c in further_pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        if !scan.free(whole.range()) {
            continue;
        }
        let span = scan.doc.plain.original_span(whole.range());
        let sentence = &scan.doc.sentences[scan.doc.sentence_at(span.start)];
        if !(sentence.quote.contains("あたり") || sentence.quote.contains("当たり")) {
            continue;
        }
        let Some(printed) = scan.number(c.name("value").expect("value").range()) else {
            continue;
        };
        scan.push(
            ItemKind::Rate,
            whole.range(),
            Parts {
                value: Some(printed),
                unit: Some(c["unit"].to_string()),
                per: Some("the period the sentence names (review)".to_string()),
                ..Parts::default()
            },
        );
    }
}

/// A relapse rate named once (`ARR`, `annualised relapse rate`, 年間再発率) and then printed as
/// bare numbers: `ARR decreased from 0.20 to 0.10, 0.08 and 0.04`, 年間再発率は2.9から0.6に.
/// Every decimal number after the name, to the end of its sentence, not read as anything else
/// (a CI or p is read before this), and not a percentage, is a rate per year. Relapse rates
/// are printed with decimals; a whole number there is a year or a count (`at Years 2, 3`).
fn find_named_relapse_rates(scan: &mut Scan, plain: &str) {
    static CUE: OnceLock<Regex> = OnceLock::new();
    let cue = CUE.get_or_init(|| {
        Regex::new(
            r"(?-u:\b)ARRs?(?-u:\b)|(?i:annuali[sz]ed\s+relapse\s+rates?)|年間再発率|年率換算再発率",
        )
        .expect("the relapse-rate cue is valid")
    });
    let named = NamedOnce {
        unit: Some("relapses"),
        per: |_| "year".to_string(),
        to_a_bracket: false,
        below: 10.0,
    };
    find_rates_named_once(scan, plain, cue, &named);
    find_person_time_rates(scan, plain);
}

/// An incidence whose person-time is named once before the values (`1,000 人年あたりイルベサルタン群
/// 100.4,プラセボ群 105.4`, `per 100 person-years, 15.6 in the placebo group and 11.9 …`), as
/// outcome trials print each group's events per person-time: each decimal number after it, up
/// to the bracket that opens the comparison (`(ハザード比 0.95, …)`) or the sentence's end, is
/// a rate per that person-time.
fn find_person_time_rates(scan: &mut Scan, plain: &str) {
    static CUE: OnceLock<Regex> = OnceLock::new();
    let cue = CUE.get_or_init(|| {
        Regex::new(
            &r"(?i:per\s+\d[\d,]*\s*(?:person|patient)[-‐\s]?years?)|(?x:PERSON_TIME\s*(?:あたり|当たり))"
                .replace("PERSON_TIME", JAPANESE_PERSON_TIME),
        )
        .expect("the person-time cue is valid")
    });
    let named = NamedOnce {
        unit: None,
        per: |cue| {
            cue.trim_end_matches(['あ', 'た', 'り', '当'])
                .trim_start_matches(|c: char| c.is_alphabetic() && c.is_ascii())
                .trim()
                .to_string()
        },
        to_a_bracket: true,
        below: f64::INFINITY,
    };
    find_rates_named_once(scan, plain, cue, &named);
}

/// How the numbers after a rate's name ([`find_rates_named_once`]) are read.
struct NamedOnce {
    unit: Option<&'static str>,
    /// The period of the rate, from the name's text.
    per: fn(&str) -> String,
    /// Whether the values end at the first bracket after the name (a comparison's).
    to_a_bracket: bool,
    /// The values are below this (a relapse rate per year is below 10).
    below: f64,
}

/// Each decimal number after a match of `cue`, to the end of its sentence (or the first
/// bracket), not read as anything else and not a percentage: a rate as `named` says.
fn find_rates_named_once(scan: &mut Scan, plain: &str, cue: &Regex, named: &NamedOnce) {
    static DECIMAL: OnceLock<Regex> = OnceLock::new();
    let decimal = DECIMAL.get_or_init(|| {
        Regex::new(&format!(r"(?P<num>{NUMBER})(?P<after>\s*[%％])?")).expect("valid")
    });
    for m in cue.find_iter(plain) {
        let span = scan.doc.plain.original_span(m.range());
        let sentence = scan.doc.sentence_at(span.start);
        let end_original = scan.doc.sentences[sentence].span.end;
        // The plain offset where the sentence ends.
        let mut end = (m.end()..plain.len())
            .find(|&k| scan.doc.plain.original_span(m.end()..k).end >= end_original)
            .unwrap_or(plain.len());
        if named.to_a_bracket
            && let Some(b) = plain[m.end()..end].find(['(', '（', '['])
        {
            end = m.end() + b;
        }
        let per = (named.per)(m.as_str());
        for c in decimal.captures_iter(&plain[m.end()..end]) {
            let num = c.name("num").expect("num");
            let range = m.end() + num.start()..m.end() + num.end();
            if c.name("after").is_some()
                || !num.as_str().contains(['.', '·', ','])
                || !scan.free(range.clone())
                || inside_name(plain, range.start, range.end)
            {
                continue;
            }
            let Some(printed) = scan.number(range.clone()) else {
                continue;
            };
            if !(0.0..named.below).contains(&printed.number.value) {
                continue;
            }
            scan.push(
                ItemKind::Rate,
                range,
                Parts {
                    value: Some(printed),
                    unit: named.unit.map(str::to_string),
                    per: Some(per.clone()),
                    ..Parts::default()
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Item, ItemKind, read_items};

    #[test]
    fn bare_numbers_after_a_relapse_rates_name() {
        let items = read_items(
            "Among switched patients, ARR decreased from 0.20 in the year before to 0.10, 0.08 and 0.04 at Years 2, 3 and 4 (95% CI 0.02 to 0.09). 年間再発率は2.9から0.6に低下した。Weight fell by 0.5 kg.",
        );
        let rates: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Rate)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(rates, ["0.20", "0.10", "0.08", "0.04", "2.9", "0.6"]);
    }

    /// Each rate's value as printed, with its period.
    fn rates_with_period(items: &[Item]) -> Vec<(&str, Option<&str>)> {
        items
            .iter()
            .filter(|i| i.kind == ItemKind::Rate)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.text.as_str(),
                    i.parts.per.as_deref(),
                )
            })
            .collect()
    }

    #[test]
    fn values_after_a_person_time_named_once() {
        // Made-up numbers in the form of an outcome trial's abstract: each group's events per
        // person-time, the person-time named once before them, then the comparison's bracket.
        let items = read_items(
            "主要転帰の発生率は,1,000 人年あたりA群 90.2,B群 98.7 であった(ハザード比 0.91,95%信頼区間 0.80~1.04,P=0.17).Event rates per 100 person-years were 12.4 in the drug group and 15.1 in the placebo group (hazard ratio, 0.82; P = 0.01).発現率は100人・年あたり実薬群 3.2,プラセボ群 4.1 であった。",
        );
        assert_eq!(
            rates_with_period(&items),
            [
                ("90.2", Some("1,000 人年")),
                ("98.7", Some("1,000 人年")),
                ("12.4", Some("100 person-years")),
                ("15.1", Some("100 person-years")),
                ("3.2", Some("100人・年")),
                ("4.1", Some("100人・年"))
            ]
        );
    }

    #[test]
    fn a_rate_per_person_time_keeps_its_period_out_of_the_ns() {
        // Made-up incidences in the forms of a package insert and an abstract: the period's
        // number (`/100人・年`, `per 100 patient-years`) is the rate's, never a number of
        // patients that a share nearby would be checked against.
        let items = read_items(
            "肝機能障害の発現率は11.4/100人・年であった。ALT増加は2例(0.7%)であった。Infections occurred at 3.1 per 100 patient-years.",
        );
        assert_eq!(
            rates_with_period(&items),
            [
                ("11.4", Some("100人・年")),
                ("3.1", Some("100 patient-years"))
            ]
        );
        assert!(items.iter().all(|i| i.kind != ItemKind::N), "{items:?}");
        // With its interval between the value and the period, the period is still no n.
        let items =
            read_items("発現率は14.8(12.1,18.2)/100人・年でした。ALT増加は2例(0.7%)でした。");
        assert!(items.iter().all(|i| i.kind != ItemKind::N), "{items:?}");
    }

    #[test]
    fn rates_in_english_and_japanese() {
        let items = read_items(
            "ALSFRS-Rスコアが1月あたり平均0.47ポイント低下していたのが、投与後は平均0.25ポイントの低下。The slope was 0.9 points per month and 1.2 relapses per patient-year.",
        );
        let rates: Vec<(String, Option<String>, Option<String>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Rate)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.text.clone(),
                    i.parts.unit.clone(),
                    i.parts.per.clone(),
                )
            })
            .collect();
        assert_eq!(rates.len(), 4, "{rates:?}");
        assert_eq!(rates[0].0, "0.47");
        assert_eq!(rates[0].2.as_deref(), Some("1月"));
        assert_eq!(rates[1].0, "0.25");
        assert_eq!(rates[2].1.as_deref(), Some("points"));
        assert_eq!(rates[3].2.as_deref(), Some("patient-year"));
        // The 1 of 1月あたり is part of the rate, not a number of its own.
        assert!(items.iter().all(|i| i.kind == ItemKind::Rate));
    }
}
