//! Counts and percentages: `5 of 7`, `5 out of 7`, `92/104`, 7 名中 5 名, 7 例のうち 5 例, in
//! kanji 七名中五名 and 十二例 (read by [`kanji_value`], kept as printed with a note),
//! `n = 104`, `N = 11,455`, 7 名, 5例, 70例以上, `104 patients`, `88.5%`, `88.5% (92/104)`,
//! 85.7 パーセント.

use super::not_data::inside_name;
use super::{Bound, ItemKind, Parts, Scan};
use crate::text::number::NUMBER;
use regex::Regex;
use std::sync::OnceLock;

/// Counters of people, animals and places, Japanese and English.
const COUNTERS_JA: &str = r"(?:名|例|人|匹|頭|症例|施設|件|カ所|か所|ヶ所)";
const COUNTERS_EN: &str = r"(?:patients?|participants?|subjects?|people|persons?|individuals?|children|adults?|women|men|males?|females?|mice|rats|cases|sites|centres|centers|hospitals|volunteers|infants|eyes|studies|trials)";

fn percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<value> NUMBER ) \s* (?: % | (?i: percent | per \s cent ) (?-u:\b) | パーセント )
            (?: \s* [(\[] \s* (?P<count> \d+ ) \s* (?: / | (?i: of ) ) \s* (?P<of> \d+ ) \s* [)\]] )?"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the percent pattern is valid")
    })
}

/// A count with its percentage after it: `2313 (50.6%)`, `163 events (8.9%)`, `21 of 411
/// (5.1%)`, `3046/5689 (53.5)` (a table whose header says `(%)`: the bracketed number is the
/// percentage when it is 100·k/n as printed).
fn count_percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<count> \d{1,3}(?:,\d{3})+ | \d+ )
            (?: \s+ (?i: of | out \s+ of ) \s+ (?P<of> \d{1,3}(?:,\d{3})+ | \d+ )
              | \s* / \s* (?P<of2> \d{1,3}(?:,\d{3})+ | \d+ )
              | \s+ (?P<word> [a-z]+ ) )?
            \s* \( \s* (?P<value> \d+ (?: \. \d+ )? ) \s* (?P<sign> % )? \s* (?: [);,] | of \s )"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the count-percent pattern is valid")
    })
}

/// Does `value` (a percentage as printed) round 100·`count`/`of` to its printed decimals?
fn is_percent_of(value: &crate::text::TextNumber, count: f64, of: f64) -> bool {
    of > 0.0 && (100.0 * count / of - value.value).abs() <= value.half_unit() + 1e-9
}

/// Every count printed with its percentage: one percent item holding its count (and whole).
fn find_count_percent(scan: &mut Scan, plain: &str) {
    for c in count_percent_pattern().captures_iter(plain) {
        let k = c.name("count").expect("count");
        let v = c.name("value").expect("value");
        // Up to the `%` or the closing bracket's number, not the character after it.
        let end = c.name("sign").map_or(v.end(), |s| s.end());
        let range = k.start()..end;
        if !scan.free(range.clone())
            || inside_name(plain, k.start(), k.end())
            || plain[..k.start()].ends_with(['.', '-', '/'])
        {
            continue;
        }
        let of_m = c.name("of").or(c.name("of2"));
        let (Some(count), Some(value)) = (scan.number(k.range()), scan.number(v.range())) else {
            continue;
        };
        let of = of_m.and_then(|m| scan.number(m.range()));
        let percent_sign = c.name("sign").is_some();
        let fits = match &of {
            Some(n) => {
                count.number.value <= n.number.value
                    && (percent_sign
                        || is_percent_of(&value.number, count.number.value, n.number.value))
            }
            // A bare count and a bracketed number: a percentage only when it says so, with
            // at most one word (the counted thing) between.
            None => percent_sign && value.number.value <= 100.0,
        };
        if !fits {
            continue;
        }
        // `163 events (8.9%)`: the word is what is counted, not a verb.
        if c.name("word").is_some_and(|w| {
            [
                "of", "to", "and", "or", "in", "at", "on", "were", "was", "days", "weeks",
                "months", "years", "day", "week", "month", "year",
            ]
            .contains(&w.as_str())
        }) {
            continue;
        }
        scan.push(
            ItemKind::Percent,
            range,
            Parts {
                value: Some(value),
                count: Some(count),
                of,
                ..Parts::default()
            },
        );
    }
}

fn count_of_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?P<of1> \d+ ) \s* CJA \s* (?: 中 | の \s* うち ) \s* (?P<count1> \d+ ) \s* CJA?
            | (?P<count2> \d+ ) \s+ (?i: of | out \s+ of ) \s+ (?: (?i: the | all ) \s+ )? (?P<of2> \d+ ) (?-u:\b)
            | (?P<count3> \d+ ) \s* / \s* (?P<of3> \d+ ) (?: [^\d/.] | $ )"
            .replace("CJA", COUNTERS_JA);
        Regex::new(&p).expect("the count pattern is valid")
    })
}

fn n_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?: ^ | [^A-Za-z] ) [nN] \s* = \s* (?P<n> NUMBER )
            | (?P<ja> NUMBER ) \s* (?P<jaunit> CJA )
            | (?P<en> NUMBER ) \s+ (?: [a-z]+ (?: -[a-z]+ )? \s+ ){0,2}? (?P<enunit> CEN ) (?-u:\b)
            | (?P<paren> NUMBER ) \s* \( [^()\n]{1,40} \) \s+ (?: [a-z]+ \s+ )?? (?P<parenunit> CEN ) (?-u:\b)
            | (?P<afterunit> CEN ) \s* \( \s* (?P<after> NUMBER ) \s* \)
            | (?P<arm> NUMBER ) \s+ (?P<armunit> intervention | control | placebo | treatment | usual \x20 care ) (?: \s+ (?: arm | group ) )? \s* [,;)]
            | (?i: of \s+ whom ) \s+ (?P<whom> NUMBER ) (?-u:\b)
            | (?P<assigned> NUMBER ) \s+ (?: (?: were | was ) \s+ (?: randomi[sz]ed | assigned | allocated | enrolled | included ) | to \s+ the \s+ [a-z-]+ \s+ (?: arm | group ) ) (?-u:\b)"
            .replace("NUMBER", NUMBER)
            .replace("CJA", COUNTERS_JA)
            .replace("CEN", COUNTERS_EN);
        Regex::new(&p).expect("the n pattern is valid")
    })
}

fn bound_before_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)(約|およそ|approximately|about|around|nearly|almost|≈|~|at least|more than|greater than|>=?|≥|up to|at most|less than|fewer than|under|<=?|≤)\s*$")
            .expect("valid pattern")
    })
}

/// Whether the number at `start..end` of `plain` is printed as a bound: 約 4000, 70例以上,
/// `at least 70`, `< 5` (words right before it, or 以上 以下 未満 まで 以降 超 after it and its
/// counter).
pub fn bound_around(plain: &str, start: usize, end: usize) -> Option<Bound> {
    let before = &plain[plain[..start]
        .char_indices()
        .rev()
        .nth(14)
        .map_or(0, |(i, _)| i)..start];
    if let Some(c) = bound_before_pattern().captures(before) {
        let w = c[1].to_ascii_lowercase();
        return Some(match w.as_str() {
            "約" | "およそ" | "approximately" | "about" | "around" | "nearly" | "almost" | "≈"
            | "~" => Bound::Approximately,
            "at least" | "more than" | "greater than" | ">" | ">=" | "≥" => Bound::AtLeast,
            _ => Bound::AtMost,
        });
    }
    let after: String = plain[end..].chars().take(8).collect();
    let after = after.trim_start_matches(|c: char| {
        c.is_whitespace() || "名例人匹頭件歳日週年月カヶか所施設症回".contains(c)
    });
    if after.starts_with("以上") || after.starts_with("以降") || after.starts_with("超") {
        Some(Bound::AtLeast)
    } else if after.starts_with("以下") || after.starts_with("未満") || after.starts_with("まで")
    {
        Some(Bound::AtMost)
    } else {
        None
    }
}

/// Digits and multipliers of numbers written in kanji (五名, 十二例, 百二十人).
const KANJI: &str = "[〇零一二三四五六七八九十百千万]+";

/// The value of a number written in kanji: positional (二〇 = 20) or with multipliers
/// (二十五 = 25, 百二十 = 120, 三千五百 = 3500, 一万二千 = 12000); `None` for anything else.
pub fn kanji_value(text: &str) -> Option<u64> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u64)
            .or(if c == '零' { Some(0) } else { None })
    };
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| digit(c).is_some()) {
        return text
            .chars()
            .try_fold(0u64, |v, c| v.checked_mul(10)?.checked_add(digit(c)?));
    }
    let (mut total, mut section, mut current) = (0u64, 0u64, None::<u64>);
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if current.is_some() {
                return None; // 二三十: two digits in a row with multipliers is not a number
            }
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                // 万 multiplies everything before it (一万二千 = 12000; 万 alone is 10000).
                let before = section + current.unwrap_or(0);
                total += before.max(1) * 10_000;
                section = 0;
                current = None;
                continue;
            }
            _ => return None,
        };
        section += current.unwrap_or(1) * unit;
        current = None;
    }
    Some(total + section + current.unwrap_or(0))
}

/// Japanese counts written in kanji: 七名中五名, 五名, 十二例.
fn kanji_count_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?P<of> KANJI ) \s* CJA \s* (?: 中 | の \s* うち ) \s* (?P<count> KANJI ) \s* CJA?
            | (?P<n> KANJI ) \s* (?P<unit> CJA )"
            .replace("KANJI", KANJI)
            .replace("CJA", COUNTERS_JA);
        Regex::new(&p).expect("the kanji count pattern is valid")
    })
}

/// A number written in kanji as the one reader of numbers reads its value, keeping how it
/// was printed.
fn kanji_printed(scan: &Scan, range: std::ops::Range<usize>) -> Option<super::Printed> {
    let text = &scan.doc.plain.text[range.clone()];
    let value = kanji_value(text)?;
    let number = crate::text::TextNumber::parse(&value.to_string()).ok()?;
    let span = scan.doc.plain.original_span(range);
    Some(super::Printed {
        number,
        original: scan.doc.original[span.clone()].to_string(),
        span: [span.start, span.end],
    })
}

/// Every Japanese count written in kanji (七名中五名, 五名).
fn find_kanji_counts(scan: &mut Scan, plain: &str) {
    for c in kanji_count_pattern().captures_iter(plain) {
        let whole = c.get(0).expect("a match");
        if !scan.free(whole.range()) {
            continue;
        }
        // Not inside a word: 同一人物, 一人ひとり, 統一例.
        let before = plain[..whole.start()].chars().next_back();
        if before.is_some_and(|b| matches!(b, '同' | '唯' | '統' | '均' | '第' | '単'))
            || plain[whole.end()..].starts_with(['ひ', '物', '称'])
            // 一例として: "as an example".
            || (whole.as_str() == "一例" && plain[whole.end()..].starts_with(['と', 'を']))
        {
            continue;
        }
        if let (Some(of), Some(count)) = (c.name("of"), c.name("count")) {
            let (Some(n), Some(k)) = (
                kanji_printed(scan, of.range()),
                kanji_printed(scan, count.range()),
            ) else {
                continue;
            };
            if k.number.value > n.number.value {
                continue;
            }
            scan.push(
                ItemKind::CountOf,
                whole.range(),
                Parts {
                    count: Some(k),
                    of: Some(n),
                    ..Parts::default()
                },
            );
        } else if let (Some(m), Some(u)) = (c.name("n"), c.name("unit")) {
            let Some(value) = kanji_printed(scan, m.range()) else {
                continue;
            };
            scan.push(
                ItemKind::N,
                m.start()..u.end(),
                Parts {
                    value: Some(value),
                    unit: Some(u.as_str().to_string()),
                    bound: bound_around(plain, m.start(), m.end()),
                    ..Parts::default()
                },
            );
        }
    }
}

/// Every percentage, count of a whole and n.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    find_kanji_counts(scan, &plain);
    find_count_percent(scan, &plain);
    for c in percent_pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        let v = c.name("value").expect("value");
        if !scan.free(whole.range()) || inside_name(&plain, v.start(), v.end()) {
            continue;
        }
        // `95% confidence interval` where no interval follows (a table's footnote): the level
        // of the document's intervals, not a number of its own.
        let rest: String = plain[whole.end()..].chars().take(14).collect();
        let rest = rest.trim_start().to_ascii_lowercase();
        if ["ci", "c.i.", "confidence", "credible", "cri", "信頼区間"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            let span = scan.doc.plain.original_span(whole.range());
            scan.claimed.claim(span);
            continue;
        }
        let Some(value) = scan.number(v.range()) else {
            continue;
        };
        let count = c.name("count").and_then(|m| scan.number(m.range()));
        let of = c.name("of").and_then(|m| scan.number(m.range()));
        scan.push(
            ItemKind::Percent,
            whole.range(),
            Parts {
                value: Some(value),
                count,
                of,
                bound: bound_around(&plain, v.start(), v.end()),
                ..Parts::default()
            },
        );
    }
    for c in count_of_pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        let (count, of) = match (c.name("count1"), c.name("count2")) {
            (Some(k), _) => (k, c.name("of1").expect("of1")),
            (None, Some(k)) => (k, c.name("of2").expect("of2")),
            _ => (
                c.name("count3").expect("count3"),
                c.name("of3").expect("of3"),
            ),
        };
        let end = count.end().max(of.end());
        let end = if c.name("count1").is_some() {
            whole.end()
        } else {
            end
        };
        let range = whole.start().max(count.start().min(of.start()))..end;
        if !scan.free(range.clone())
            || inside_name(&plain, count.start().min(of.start()), count.end())
            || plain[..range.start].ends_with('/')
        {
            continue;
        }
        let (Some(k), Some(n)) = (scan.number(count.range()), scan.number(of.range())) else {
            continue;
        };
        if k.number.value > n.number.value || n.number.value == 0.0 {
            continue;
        }
        scan.push(
            ItemKind::CountOf,
            range,
            Parts {
                count: Some(k),
                of: Some(n),
                ..Parts::default()
            },
        );
    }
    // Read on from the end of each number, not of the match: `599 (301 intervention, 298
    // control) patients` holds three.
    let mut pos = 0;
    while let Some(c) = n_pattern().captures_at(&plain, pos) {
        let (m, unit, range) = if let Some(m) = c.name("n") {
            (m, None, c.get(0).expect("a match").start()..m.end())
        } else if let Some(m) = c.name("ja") {
            let u = c.name("jaunit").expect("unit");
            (m, Some(u.as_str().to_string()), m.start()..u.end())
        } else if let Some(m) = c.name("en") {
            let u = c.name("enunit").expect("unit");
            (m, Some(u.as_str().to_string()), m.start()..m.end())
        } else if let Some(m) = c.name("paren") {
            let u = c.name("parenunit").expect("unit");
            (m, Some(u.as_str().to_string()), m.start()..m.end())
        } else if let Some(m) = c.name("after") {
            let u = c.name("afterunit").expect("unit");
            (m, Some(u.as_str().to_string()), m.start()..m.end())
        } else if let Some(m) = c.name("arm") {
            let u = c.name("armunit").expect("unit");
            (m, Some(u.as_str().to_string()), m.start()..m.end())
        } else if let Some(m) = c.name("whom") {
            (m, None, m.start()..m.end())
        } else {
            let m = c.name("assigned").expect("assigned");
            (m, None, m.start()..m.end())
        };
        pos = m.end();
        // From the `n` itself, not the character before it.
        let range = match c.name("n") {
            Some(_) => {
                let s = &plain[range.clone()];
                let skip = s.find(['n', 'N']).unwrap_or(0);
                range.start + skip..range.end
            }
            None => range,
        };
        if !scan.free(range.clone()) || inside_name(&plain, m.start(), m.end()) {
            continue;
        }
        let Some(value) = scan.number(m.range()) else {
            continue;
        };
        if value.number.value < 0.0 {
            continue;
        }
        let bound = bound_around(&plain, m.start(), m.end());
        scan.push(
            ItemKind::N,
            range,
            Parts {
                value: Some(value),
                unit,
                bound,
                ..Parts::default()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read_items, Bound, ItemKind};

    #[test]
    fn numbers_in_kanji() {
        use super::kanji_value;
        for (k, v) in [
            ("五", 5),
            ("十", 10),
            ("十二", 12),
            ("二十五", 25),
            ("百二十", 120),
            ("三千五百", 3500),
            ("一万二千", 12000),
            ("二〇", 20),
        ] {
            assert_eq!(kanji_value(k), Some(v), "{k}");
        }
        assert_eq!(kanji_value("二三十"), None);
        let items = read_items("患者七名中五名が改善。十二例を登録。同一人物。");
        assert_eq!(items[0].kind, ItemKind::CountOf);
        assert_eq!(items[0].parts.count.as_ref().unwrap().number.text, "5");
        assert_eq!(items[0].parts.of.as_ref().unwrap().original, "七");
        assert!(
            items[0].notes.iter().any(|n| n.contains("kanji")),
            "{:?}",
            items[0].notes
        );
        assert_eq!(items[1].kind, ItemKind::N);
        assert_eq!(items[1].parts.value.as_ref().unwrap().number.text, "12");
        assert_eq!(items.len(), 2, "{items:?}");
    }

    #[test]
    fn counts_percentages_and_ns() {
        let items = read_items(
            "7 名中 5 名が再発しませんでした。患者 7 名（女性 6 名）。約 4000 人。70例以上。Adverse events 88.5% (92/104) and 5 of 7 patients; placebo (n = 104), 30 women.",
        );
        let brief: Vec<(&str, String)> = items
            .iter()
            .map(|i| {
                (
                    i.kind.as_str(),
                    i.parts
                        .numbers()
                        .iter()
                        .map(|p| p.number.text.clone())
                        .collect::<Vec<_>>()
                        .join("/"),
                )
            })
            .collect();
        let expect: Vec<(&str, String)> = [
            ("count_of", "7/5"),
            ("n", "7"),
            ("n", "6"),
            ("n", "4000"),
            ("n", "70"),
            ("percent", "88.5/92/104"),
            ("count_of", "5/7"),
            ("n", "104"),
            ("n", "30"),
        ]
        .iter()
        .map(|(k, v)| (*k, v.to_string()))
        .collect();
        assert_eq!(brief, expect);
        assert_eq!(items[3].parts.bound, Some(Bound::Approximately));
        assert_eq!(items[4].parts.bound, Some(Bound::AtLeast));
        assert_eq!(items[0].kind, ItemKind::CountOf);
        assert_eq!(items[0].parts.count.as_ref().unwrap().number.text, "5");
    }
}
