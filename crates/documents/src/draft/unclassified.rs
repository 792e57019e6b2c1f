//! Every number no recogniser read, kept as a number for review (never dropped): `60 min`,
//! `3つのカテゴリ`, `4 タイプ`. The word that follows is kept as its unit (`min`, `つ`,
//! `タイプ`) to help the reviewer label it. A duration in words (`six weeks`, `Six-week
//! follow-up`) is such a number too: reports write their periods in words as often as in
//! digits. A whole number before 歳半 (1 歳半: one and a half
//! years) is read as its value, 1.5, with a note saying how it was printed.

use super::count::bound_around;
use super::not_data::inside_name;
use super::{ItemKind, Parts, Scan};
use crate::text::number::{MULTIPLIED, NUMBER, number_words};
use crate::text::plain::is_japanese_script;
use regex::Regex;
use std::sync::OnceLock;

fn pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    // Digits with 万 or 千 first: 2.5万 is one number, not 2.5 and a word.
    P.get_or_init(|| {
        Regex::new(&format!("(?:{MULTIPLIED})|(?:{NUMBER})")).expect("the number pattern is valid")
    })
}

/// A duration in words (`six weeks`, `Six-week follow-up`, `one year`): the number words
/// before a unit of time, which every report uses for its follow-up and treatment periods.
fn worded_duration_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?P<words>{})[\x20-](?:days?|weeks?|months?|years?)(?-u:\b)",
            number_words()
        ))
        .expect("the worded duration pattern is valid")
    })
}

fn unit_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"^\x20?(?:[A-Za-z]+(?:/[A-Za-z]+)?|%|[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,4})")
            .expect("valid pattern")
    })
}

/// The unit printed after a number (`rest`: the text right after it): the word that follows,
/// or, where that word joins the number to another (`18 vs 67 hrs`, `3 and 5 days`, `2 to 4
/// weeks`), the unit printed after the other, which both share.
fn unit_after(rest: &str) -> Option<String> {
    static JOINED: OnceLock<Regex> = OnceLock::new();
    let joined = JOINED.get_or_init(|| {
        Regex::new(r"(?i)^\x20?(?:vs\.?|versus|and|or|to)\x20[-−]?\d+(?:\.\d+)?")
            .expect("the joined pattern is valid")
    });
    let rest = match joined.find(rest) {
        Some(m) => &rest[m.end()..],
        None => rest,
    };
    unit_pattern()
        .find(rest)
        .map(|u| u.as_str().trim().to_string())
}

/// The spans of every number of `plain`, digits or a duration in words, in order.
fn candidates(scan: &Scan, plain: &str) -> Vec<std::ops::Range<usize>> {
    // 6，7 is made `6,7` by the plain text: two numbers, not a decimal comma.
    let mut candidates = Vec::new();
    for m in pattern().find_iter(plain) {
        let mut range = m.range();
        range.start += m.as_str().len() - m.as_str().trim_start().len();
        let span = scan.doc.plain.original_span(range.clone());
        match plain[range.clone()].find(',') {
            Some(i) if scan.doc.original[span].contains(['、', '，']) => {
                candidates.push(range.start..range.start + i);
                candidates.push(range.start + i + 1..range.end);
            }
            _ => candidates.push(range),
        }
    }
    for c in worded_duration_pattern().captures_iter(plain) {
        if let Some(words) = c.name("words") {
            candidates.push(words.range());
        }
    }
    candidates.sort_by_key(|r| r.start);
    candidates
}

/// Every number not yet read.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    for mut range in candidates(scan, &plain) {
        // A sign straight after a digit, Latin letter or bracket is a hyphen or a dash of a
        // range (3701-3706, IL-6), not a minus; after a kanji or kana (投与群-2.15) it is the
        // number's minus, as Japanese prints a value straight after its label.
        let text = &plain[range.clone()];
        if text.starts_with(['-', '+']) {
            let before = plain[..range.start].chars().next_back();
            // After a range's joining word (`–1.43 to–0.33`, the space left out) the sign is
            // the bound's own.
            let word: String = plain[..range.start]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let joins = matches!(word.as_str(), "ot" | "dna" | "sv");
            // The minus sign U+2212 (and its full-width form) is printed for a minus only,
            // never for a hyphen or a dash: `(3.1)−1.5`, a glued table's next cell.
            let sign_span = scan.doc.plain.original_span(range.start..range.start + 1);
            let true_minus = scan.doc.original[sign_span].starts_with(['\u{2212}', '－']);
            // After a bracketed number (`24.3 (25)–6.8`, a glued table's cell and then the
            // next, a change) the dash joins nothing: no range runs from a bracket's close.
            let after_bracketed_number = {
                let b = plain[..range.start].strip_suffix(')').unwrap_or("");
                let inner = b.rsplit('(').next().unwrap_or("");
                b.contains('(')
                    && !inner.is_empty()
                    && inner.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && text[1..].starts_with(|c: char| c.is_ascii_digit())
            };
            // The `-` of `+/-` (`SE+/- 0.21`) is the symbol's, never the number's sign.
            let plus_minus = plain[..range.start].ends_with("+/");
            if plus_minus
                || !joins
                    && !true_minus
                    && !after_bracketed_number
                    && before.is_some_and(|c| {
                        (c.is_alphanumeric() && !is_japanese_script(c)) || c == ')'
                    })
            {
                range.start += 1 + text[1..].len() - text[1..].trim_start().len();
            }
        }
        if range.is_empty() || !scan.free(range.clone()) {
            continue;
        }
        if inside_name(&plain, range.start, range.end) {
            continue;
        }
        let Some(mut value) = scan.number(range.clone()) else {
            continue;
        };
        // 1 歳半 is one and a half years: the format writes 1.5, noting how it was printed.
        let after: String = plain[range.end..]
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(2)
            .collect();
        let half = after == "歳半" && value.number.decimals == 0 && value.number.value >= 0.0;
        if half {
            if let Ok(n) = crate::text::TextNumber::parse(&format!("{}.5", value.number.plain)) {
                value.original = format!("{} 歳半", value.original);
                value.number = n;
            }
        }
        let unit = unit_after(&plain[range.end..]);
        let bound = bound_around(&plain, range.start, range.end);
        scan.push(
            ItemKind::Number,
            range,
            Parts {
                value: Some(value),
                unit,
                bound,
                ..Parts::default()
            },
        );
        if let Some(item) = scan.items.last_mut() {
            if half {
                item.notes.push(format!(
                    "printed as {} (and a half): written {}",
                    item.text.trim(),
                    item.parts
                        .value
                        .as_ref()
                        .map_or("", |v| v.number.text.as_str())
                ));
            }
            item.notes.push(
                "unclassified: say what this number is (label, unit, kind of entry)".to_string(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ItemKind, read_items};

    #[test]
    fn a_number_joined_to_another_shares_the_unit_printed_after_both() {
        let items =
            read_items("shorter duration of fever (18 vs 67 hrs) and of pain (3 versus 5 days)");
        let units: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Number)
            .map(|i| (i.text.as_str(), i.parts.unit.as_deref()))
            .collect();
        assert_eq!(
            units,
            [
                ("18", Some("hrs")),
                ("67", Some("hrs")),
                ("3", Some("days")),
                ("5", Some("days"))
            ]
        );
    }

    #[test]
    fn every_other_number_is_kept_with_the_word_after_it() {
        let items =
            read_items("infusion over 60 min in cycles 2 to 6; IL-6 and 3つのカテゴリ, 6、7 ヶ月");
        let numbers: Vec<(String, Option<String>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Number)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.text.clone(),
                    i.parts.unit.clone(),
                )
            })
            .collect();
        let expect: Vec<(String, Option<String>)> = [
            ("60", Some("min")),
            ("6", None),
            ("3", Some("つのカテ")),
            ("6", None),
            ("7", Some("ヶ月")),
        ]
        .iter()
        .map(|(v, u)| (v.to_string(), u.map(str::to_string)))
        .collect();
        assert_eq!(numbers, expect);
    }

    #[test]
    fn a_bound_after_to_keeps_its_sign_and_an_ideographic_comma_separates() {
        // Made-up cells as a table copies them (`to` glued to the second bound's minus), and
        // a Japanese list whose 、 is no decimal comma.
        let items = read_items(
            "| Day 3 | –1.43 to–0.33 | 0.0019 |\nオッズ比:2.94、95%信頼区間:2.03~4.27であった。",
        );
        let values: Vec<String> = items
            .iter()
            .flat_map(|i| {
                [&i.parts.value, &i.parts.lower, &i.parts.upper]
                    .into_iter()
                    .flatten()
                    .map(|p| p.number.text.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(values.contains(&"-0.33".to_string()), "{values:?}");
        assert!(!values.iter().any(|v| v.contains(',')), "{values:?}");
        assert!(values.contains(&"2.94".to_string()), "{values:?}");
    }

    #[test]
    fn a_dash_after_a_bracketed_number_is_the_next_cells_minus() {
        // Made-up cells of a table copied glued, its minus typeset as an en dash: the change
        // after a mean (SD) keeps its sign; a hyphen inside a name does not become one.
        let items = read_items("Physical functionControl31.1 (24)24.3 (25)–6.8 0.005 IL-6");
        let values: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Number)
            .filter_map(|i| Some(i.parts.value.as_ref()?.number.text.clone()))
            .collect();
        assert!(values.contains(&"-6.8".to_string()), "{values:?}");
        assert!(!values.contains(&"-6".to_string()), "{values:?}");
    }

    #[test]
    fn a_bullet_and_the_minus_of_plus_minus_are_no_signs() {
        // Made-up: a list's hyphen bullets before section numbers and before a value alone
        // (`- 34`, the list's item), and a spread after `+/-` with no mean before it.
        let values = |text: &str| -> Vec<String> {
            read_items(text)
                .iter()
                .filter_map(|i| Some(i.parts.value.as_ref()?.number.text.clone()))
                .collect()
        };
        assert_eq!(
            values(
                "- 1.1 本剤により肝障害が起こる。\n- 2.3 過量投与に注意。\n- 参考文献数\n- 34\nSE+/- 0.21 in all\n"
            ),
            ["1.1", "2.3", "34", "0.21"]
        );
        // A value alone on its line with its minus apart, in a text that sets no list, keeps
        // its minus; the mean of a mean ± SD in a list's item has none.
        assert_eq!(values("Change from baseline\n- 2.3\n"), ["- 2.3"]);
        let items =
            read_items("Results\n- 12 of 20 patients improved\n- 5.1 ± 1.2 points at week 8\n");
        let mean = items
            .iter()
            .find_map(|i| Some(i.parts.mean.as_ref()?.number.value))
            .unwrap();
        assert_eq!(mean, 5.1);
    }

    #[test]
    fn a_minus_after_a_kanji_and_full_width_signs_are_kept() {
        let items = read_items(
            "変化量は投与群-2.15、プラセボ群－1.30、差は−0.85であった。範囲3701-3706。約2.5万",
        );
        let values: Vec<&str> = items
            .iter()
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(values, ["-2.15", "-1.30", "-0.85", "3701", "3706", "25000"]);
        assert_eq!(items[1].text, "－1.30");
        assert_eq!(
            items[5].parts.bound,
            Some(super::super::Bound::Approximately)
        );
    }
}
