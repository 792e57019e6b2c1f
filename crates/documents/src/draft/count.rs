//! Counts and percentages: `5 of 7`, `5 out of 7`, `92/104`, 7 名中 5 名, 7 例のうち 5 例, in
//! kanji 七名中五名 and 十二例 (read by [`crate::text::number::kanji_value`], kept as printed
//! with a note), 一年間 (a duration in kanji, a number with its unit), `n = 104`, `N = 11,455`,
//! 7 名, 5例, 70例以上, 約3千人 and 2.5万人 (multiplied), `104 patients`, `88.5%`,
//! `88.5% (92/104)`, `44.2%(125/283例)`, `134例中28例(20.9%)`, `12 of 15 patients (80%)`, 85.7
//! パーセント, and `33.6 (42/125)` where 42/125 is 33.6 % as printed.
//!
//! Numbers in words are read where they are data: before a counted noun (`Fifteen patients`),
//! in `x of n` (`twenty-one of thirty`) and before `percent` (`Thirty-two percent`); never in
//! `one of the`, `no one` or `either one`, where no counted thing follows.
//!
//! A percentage that is a change (`a 12% reduction`, `reduced by 35%`, `−12%`, 12%減少,
//! `reduced the risk of death by 30 percent`, `13.8% weight loss`, and what is set against or
//! listed with one: `compared to 25% for placebo`) is a [`ItemKind::PercentChange`], not a
//! share of a whole; a responder threshold (`≥50% reduction`) is not data
//! ([`super::not_data`]).

use super::not_data::inside_name;
use super::{Bound, ItemKind, Parts, Printed, Scan};
use crate::text::number::{MULTIPLIED, NUMBER, number_words};
use crate::text::window;
use regex::Regex;
use std::sync::OnceLock;

/// Counters of people, animals and places (the sites and clusters a trial recruits from:
/// `24 primary schools`, `12 general practices`), Japanese and English.
pub(super) const COUNTERS_JA: &str = r"(?:名|例|人|匹|頭|症例|施設|件|カ所|か所|ヶ所)";
/// `pts` and `pwMS` (people with MS, pwPD, PwE) are how abstracts abbreviate patients.
pub(super) const COUNTERS_EN: &str = r"(?:patients?|pts|participants?|subjects?|people|persons?|individuals|children|adolescents|adults?|women|men|males?|females?|mice|rats|cases|sites|centres|centers|hospitals|volunteers|infants|neonates|newborns|eyes|studies|trials|respondents|residents|survivors|smokers|outpatients|inpatients|caregivers|schools|clinics|practices|wards|families|households|pupils|students|workers|employees|nurses|physicians|athletes|(?-i:[Pp]w[A-Z][A-Za-z]{0,4}))";

/// Units of the research rather than of its patients: the trials of a programme, the sites
/// of a trial (`one of two pivotal trials`, `12 of 39 sites`, `39施設中12施設`). A count of
/// them describes the research; it is no outcome of people.
const RESEARCH_UNITS: [&str; 22] = [
    "trial",
    "trials",
    "study",
    "studies",
    "site",
    "sites",
    "centre",
    "centres",
    "center",
    "centers",
    "hospital",
    "hospitals",
    "school",
    "schools",
    "clinic",
    "clinics",
    "practice",
    "practices",
    "ward",
    "wards",
    "施設",
    "試験",
];

/// The unit of research a count of a whole counts, if it counts one: its own counter
/// (`39施設中12施設`), or the first counted noun within six words after it, before a comma
/// or a full stop (`one of two pivotal Phase III clinical trials`), where that noun is no
/// people's (`5 of 7 patients in two trials` counts patients).
///
/// `count`: the count as printed (`one of two`); `after`: the text after it.
pub(crate) fn research_unit_counted(count: &str, after: &str) -> Option<String> {
    if let Some(u) = RESEARCH_UNITS
        .iter()
        .find(|u| !u.is_ascii() && count.contains(*u))
    {
        return Some(u.to_string());
    }
    static PEOPLE: OnceLock<Regex> = OnceLock::new();
    let people = PEOPLE.get_or_init(|| {
        Regex::new(&format!("^(?i:{COUNTERS_EN})$")).expect("the counters are a valid pattern")
    });
    for raw in after.split_whitespace().take(6) {
        let word = raw.trim_end_matches([',', '.', ';', ':', ')']);
        let lower = word.to_lowercase();
        if RESEARCH_UNITS.contains(&lower.as_str()) {
            return Some(lower);
        }
        if people.is_match(word) || word.len() != raw.len() {
            return None;
        }
    }
    None
}

/// A whole of ten thousand or more printed after its count's slash with a space between its
/// thousands, as The Lancet and the SI print them (`16/14 964`, with a space, a thin space or
/// a no-break space): one number, not a whole of 14 and a stray 964.
const SPACED_WHOLE: &str = r"\d{2,3}(?:[\x20\u{2009}\u{202F}\u{00A0}]\d{3})+\b";

fn percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?: (?P<value> NUMBER ) | (?P<words> WORDS ) ) \s* (?: % | (?i: percent | per \s cent ) (?-u:\b) | パーセント )
            (?: \s* [(\[（] \s* (?P<count> GROUPED ) \s* (?: COUNTER )? \s* (?: / | (?i: of ) ) \s* (?P<of> GROUPED ) \s* (?: COUNTER )? \s* [)\]）]
              | \s* [(\[（] \s* (?P<jof> \d+ ) \s* COUNTER \s* 中 \s* (?P<jcount> \d+ ) \s* (?: COUNTER )? \s* [)\]）]
              | (?P<lone_bracket> \s* [(（] \s* (?P<lone> \d+ ) \s* (?P<lone_counter> COUNTER )? \s* [)）] ) )?"
            .replace("NUMBER", NUMBER)
            .replace("WORDS", number_words())
            .replace("GROUPED", r"\d{1,3}(?:,\d{3})+ | \d+")
            .replace("COUNTER", COUNTERS_JA);
        Regex::new(&p).expect("the percent pattern is valid")
    })
}

/// Does the `%` after a number ending at `end` open the next line as a column's header (`N=211`
/// then `% male` on the line under it, a table's header copied as text)? A sign that opens a
/// line and a word after it names what the column under it prints, no percentage of the
/// number on the line above.
fn heads_the_next_line(plain: &str, end: usize) -> bool {
    let rest = &plain[end..];
    let gap = rest.len() - rest.trim_start().len();
    rest[..gap].contains('\n')
        && rest[gap..].strip_prefix(['%', '％']).is_some_and(|after| {
            after
                .trim_start_matches([' ', '\t'])
                .starts_with(char::is_alphabetic)
        })
}

/// A count with its percentage after it: `2313 (50.6%)`, `163 events (8.9%)`, `113例(14.4%)`,
/// `100名(59%)` (the counter of the people between), `21 of 411
/// (5.1%)`, `12 of 15 patients (80%)` (the counted thing between the whole and its
/// percentage), `Fifteen patients (40%)`, `3046/5689 (53.5)` (a table whose header says `(%)`: the bracketed number is the
/// percentage when it is 100·k/n as printed).
fn count_percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<count> \d{1,3}(?:,\d{3})+ | \d+ | WORDS )
            (?: \s+ (?i: of | out \s+ of ) \s+ (?P<of> \d{1,3}(?:,\d{3})+ | \d+ | WORDS ) (?: \s+ [a-z]+ ){0,2}?
              | \s* / \s* (?P<of2> \d{1,3}(?:,\d{3})+ | SPACED | \d+ ) (?: \s* COUNTERS_JA )?
              | \s+ (?P<word> [a-z]+ )
              | \s* COUNTERS_JA )?
            \s* [(（] \s* (?P<value> \d+ (?: \. \d+ )? ) \s* (?P<sign> % )? \s* (?: [);,）] | of \s )"
            .replace("WORDS", number_words())
            .replace("SPACED", SPACED_WHOLE)
            .replace("COUNTERS_JA", COUNTERS_JA);
        Regex::new(&p).expect("the count-percent pattern is valid")
    })
}

/// A percentage printed with no `%` before the count and the whole it is of: `33.6 (42/125)`
/// (a table row of response rates), `59.2 (29/49例)`. Read as a percentage only where the
/// document's own numbers say so: 100·count/whole rounds to it as printed.
fn bare_percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<value> \d{1,3} (?: \.\d+ )? ) \s* [(\[] \s* (?P<count> \d+ ) \s* (?: COUNTER )? \s* / \s* (?P<of> \d+ ) \s* (?: COUNTER )? \s* [)\]]"
            .replace("COUNTER", COUNTERS_JA);
        Regex::new(&p).expect("the bare percent pattern is valid")
    })
}

/// The whole, then the count, then its percentage, as Japanese package inserts print a share:
/// `134例中28例(20.9%)`, `52名中32名（61.5%）`, `1,753例中127例(7.2%)` (grouped by thousands).
fn whole_count_percent_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<of> \d{1,3}(?:,\d{3})+ | \d+ ) \s* COUNTER \s* (?: 中 | のうち ) \s*
            (?P<count> \d{1,3}(?:,\d{3})+ | \d+ ) \s* COUNTER \s*
            [(\[] \s* (?P<value> \d+ (?: \.\d+ )? ) \s* % \s* [)\]]"
            .replace("COUNTER", COUNTERS_JA);
        Regex::new(&p).expect("the whole-count-percent pattern is valid")
    })
}

/// The two forms above: a percentage with the count and the whole the document prints for it.
fn find_percent_of_printed_whole(scan: &mut Scan, plain: &str) {
    for (pattern, percent_sign) in [
        (whole_count_percent_pattern(), true),
        (bare_percent_pattern(), false),
    ] {
        for c in pattern.captures_iter(plain) {
            let whole = c.get(0).expect("a match");
            let v = c.name("value").expect("value");
            if !scan.free(whole.range())
                || inside_name(plain, v.start(), v.end())
                || plain[..whole.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.')
                // The tail of a number grouped by thousands (`1,` of `1,753例中`).
                || plain[..whole.start()]
                    .strip_suffix(',')
                    .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
            {
                continue;
            }
            let (Some(value), Some(count), Some(of)) = (
                scan.number(v.range()),
                c.name("count").and_then(|m| scan.number(m.range())),
                c.name("of").and_then(|m| scan.number(m.range())),
            ) else {
                continue;
            };
            if count.number.value > of.number.value
                || !(percent_sign
                    || is_percent_of(&value.number, count.number.value, of.number.value))
            {
                continue;
            }
            scan.push(
                ItemKind::Percent,
                whole.range(),
                Parts {
                    value: Some(value),
                    count: Some(count),
                    of: Some(of),
                    ..Parts::default()
                },
            );
        }
    }
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
            || words_not_a_count(plain, k.start())
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

/// A count of people or events followed at once by its share, with no bracket, as Japanese
/// lists of adverse events print them (`多尿(サムスカ群38例4.0%、プラセボ群0例)`): the counter
/// closes the count and the `%` the share.
fn counted_then_share_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        // A count grouped by thousands (`2,111名43.7%`) is one number, not its last group.
        let p =
            r"(?P<count>\d{1,3}(?:,\d{3})+|\d+)\s*(?:例|名|人|件)\s*(?P<value>\d+(?:\.\d+)?)\s*%";
        Regex::new(p).expect("the counted-then-share pattern is valid")
    })
}

/// Every count followed at once by its share ([`counted_then_share_pattern`]): one percent
/// item holding its count.
fn find_counted_then_share(scan: &mut Scan, plain: &str) {
    for c in counted_then_share_pattern().captures_iter(plain) {
        let whole = c.get(0).expect("a match");
        let (k, v) = (
            c.name("count").expect("count"),
            c.name("value").expect("value"),
        );
        if !scan.free(whole.range())
            || plain[..k.start()].ends_with(|ch: char| ch.is_ascii_digit() || ".-/,".contains(ch))
        {
            continue;
        }
        let (Some(count), Some(value)) = (scan.number(k.range()), scan.number(v.range())) else {
            continue;
        };
        if value.number.value > 100.0 {
            continue;
        }
        // `923名2,111名43.7%`, a row of numerator, denominator and rate as an indicator's
        // table prints them: the count before is the share's count and this one its whole,
        // where the one over the other gives the percentage.
        if let Some((range, numerator)) = numerator_before(scan, plain, k.start()) {
            if numerator.number.value <= count.number.value
                && is_percent_of(&value.number, numerator.number.value, count.number.value)
                && scan.free(range.start..whole.end())
            {
                scan.push(
                    ItemKind::Percent,
                    range.start..whole.end(),
                    Parts {
                        value: Some(value),
                        count: Some(numerator),
                        of: Some(count),
                        ..Parts::default()
                    },
                );
                continue;
            }
        }
        scan.push(
            ItemKind::Percent,
            whole.range(),
            Parts {
                value: Some(value),
                count: Some(count),
                ..Parts::default()
            },
        );
    }
}

/// A count with its counter glued right before byte `at` (`923名` in `923名2,111名43.7%`):
/// its span (counter included) and number.
fn numerator_before(
    scan: &Scan,
    plain: &str,
    at: usize,
) -> Option<(std::ops::Range<usize>, super::Printed)> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?P<k>\d{1,3}(?:,\d{3})+|\d+)\s*(?:例|名|人|件)\s*$")
            .expect("the numerator pattern is valid")
    });
    let before = window::before(plain, 0, at, 24);
    let from = at - before.len();
    let c = p.captures(before)?;
    let k = c.name("k")?;
    let start = from + k.start();
    if plain[..start].ends_with(|ch: char| ch.is_ascii_digit() || ".-/,".contains(ch)) {
        return None;
    }
    Some((start..at, scan.number(start..from + k.end())?))
}

/// Is the slash pair at `range` (`5/15`) a month and day rather than a count of a whole: a
/// month (1–12) and a day (1–31) printed where a date stands, right after the ordinal of an
/// event (`総会(第589回 5/15)`, `the 3rd meeting 5/15`) or before a weekday (`5/15(水)`,
/// `5/15 (Wed)`)?
fn slash_date(
    plain: &str,
    range: std::ops::Range<usize>,
    month: &super::Printed,
    day: &super::Printed,
) -> bool {
    static ORDINAL: OnceLock<Regex> = OnceLock::new();
    static WEEKDAY: OnceLock<Regex> = OnceLock::new();
    let (m, d) = (month.number.value, day.number.value);
    let calendar = (1.0..=12.0).contains(&m) && (1.0..=31.0).contains(&d) && m.fract() == 0.0;
    if !calendar {
        return false;
    }
    let ordinal = ORDINAL.get_or_init(|| {
        Regex::new(r"(?i)(?:第\s*\d+\s*回|\d+(?:st|nd|rd|th)\s+(?:meeting|session|conference|congress))\s*$")
            .expect("a valid pattern")
    });
    let weekday = WEEKDAY.get_or_init(|| {
        Regex::new(r"(?i)^\s*[(（]\s*(?:[月火水木金土日]|mon|tue|wed|thu|fri|sat|sun)")
            .expect("a valid pattern")
    });
    ordinal.is_match(&plain[..range.start]) || weekday.is_match(&plain[range.end..])
}

/// Is the slash pair at `range` a page counter (`24/82`, `- 12/56`, `page 3/10`, `3/10ページ`):
/// the page's number and the pages in all, printed alone on their line (or with the word
/// page), as an e-book or a PDF's running header prints them? A count of a whole is printed
/// with what it counts.
fn page_counter(plain: &str, range: std::ops::Range<usize>) -> bool {
    let start = plain[..range.start].rfind('\n').map_or(0, |p| p + 1);
    let end = plain[range.end..]
        .find('\n')
        .map_or(plain.len(), |p| range.end + p);
    let around = format!("{} {}", &plain[start..range.start], &plain[range.end..end]);
    let dashed = around.trim_start().starts_with(['-', '–', '—']);
    let rest = around
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '(' | ')'))
        .to_lowercase();
    // Alone on its line, a pair is a page counter where a running header stands (among the
    // first lines) or where the page's furniture marks it (a dash, the word page); a table's
    // cell printed a line each (`42/125`) is neither.
    let head = plain[..start].matches('\n').count() < 6;
    match rest.as_str() {
        "page" | "p." | "pp." | "ページ" | "頁" => true,
        "" => head || dashed,
        _ => false,
    }
}

fn count_of_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?P<of1> \d+ ) \s* CJA \s* (?: 中 | の \s* うち ) \s* (?P<count1> \d+ ) \s* CJA?
            | (?P<count2> \d+ | WORDS | (?i: (?-u:\b) none ) ) \s+ (?i: of | out \s+ of ) \s+ (?: (?i: the | all ) \s+ )? (?P<of2> \d{1,3} (?: ,\d{3} )+ | \d+ | WORDS ) (?-u:\b)
            | (?P<count3> \d+ ) \s* (?: CJA \s* )? / \s* (?P<of3> SPACED | \d+ ) (?: [^\d/.] | $ )"
            .replace("SPACED", SPACED_WHOLE)
            .replace("CJA", COUNTERS_JA)
            .replace("WORDS", number_words());
        Regex::new(&p).expect("the count pattern is valid")
    })
}

fn n_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?: ^ | [^A-Za-z] ) [nN] \s* = \s* (?P<n> NUMBER )
            | (?P<ja> MULTIPLIED | NUMBER ) \s* (?P<jaunit> CJA )
            | (?P<en> NUMBER | WORDS ) \s+ (?P<between> (?: [A-Za-z][A-Za-z0-9]* (?: -[A-Za-z0-9]+ )* ,? \s+ ){0,3}? ) (?P<enunit> CEN ) (?-u:\b)
            | (?P<hyphen> NUMBER | WORDS ) - (?P<hyphenunit> (?i: patient | participant | subject | person | volunteer | child | woman | man ) ) (?-u:\b)
            | (?P<paren> NUMBER ) \s* \( [^()\n]{1,40} \) \s+ (?: [a-z]+ \s+ )?? (?P<parenunit> CEN ) (?-u:\b)
            | (?P<afterunit> CEN ) \s* \( \s* (?P<after> NUMBER ) \s* \)
            | (?P<arm> NUMBER ) \s+ (?P<armunit> intervention | control | placebo | treatment | usual \x20 care ) (?: \s+ (?: arm | group ) )? \s* [,;)]
            | (?P<each> NUMBER ) \s+ (?i: in \s+ each | per | in \s+ both ) \s+ (?i: group | arm )s? (?-u:\b)
            | (?i: of \s+ whom ) \s+ (?P<whom> NUMBER ) (?-u:\b)
            | (?P<assigned> NUMBER ) \s+ (?: (?: were | was ) \s+ (?: randomi[sz]ed | assigned | allocated | enrolled | included | analy[sz]ed | treated | screened | evaluated | followed ) | (?: completed | discontinued | withdrew | participated ) | to \s+ the \s+ [a-z-]+ \s+ (?: arm | group ) ) (?-u:\b)
            | (?i: of \s+ the ) \s+ (?P<ofthe> NUMBER ) \s+ (?: randomi[sz]ed | enrolled | included | treated | evaluable | analy[sz]ed ) (?-u:\b)
            | (?P<ingroup> NUMBER ) \s+ (?: (?: were | was ) \s+ )? in \s+ (?: (?i: the ) \s+ )? (?: (?: [A-Za-z][\w-]* \s+ ){0,3}? (?i: group | arm | cohort ) (?-u:\b) | (?i: group | arm | cohort ) \s+ [A-Z0-9IVX]{1,4} (?-u:\b) )
            | (?: [,;(] | (?-u:\b) and ) \s* (?P<allotted> \d+ (?: ,\d{3} )* ) \s+ (?: were \s+ )? (?: to | into ) \s+ (?: (?i: the ) \s+ )? [A-Za-z]
            | (?P<coord> \d+ (?: ,\d{3} )* ) (?: \s* , \s* \d+ (?: ,\d{3} )* )* ,? \s+ and \s+ \d+ (?: ,\d{3} )* \s+ (?: [A-Za-z][A-Za-z-]* \s+ ){0,2}? CEN (?-u:\b)"
            .replace("MULTIPLIED", MULTIPLIED)
            .replace("NUMBER", NUMBER)
            .replace("WORDS", number_words())
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
        // `3~5名`: the wave of a range, not "about".
        let at = c.get(1).map_or(0, |m| m.start());
        if w == "~"
            && before[..at]
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
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

/// Japanese counts written in kanji: 七名中五名, 五名, 十二例, and durations and times (一年間,
/// 三か月, 二回), read as numbers with their unit.
fn kanji_count_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?P<of> KANJI ) \s* CJA \s* (?: 中 | の \s* うち ) \s* (?P<count> KANJI ) \s* CJA?
            | (?P<n> KANJI ) \s* (?P<unit> CJA )
            | (?P<dur> KANJI ) \s* (?P<dunit> 年間 | [かヶカヵケ] 月間? | 週間 | 日間 | 回 )"
            .replace("KANJI", KANJI)
            .replace("CJA", COUNTERS_JA);
        Regex::new(&p).expect("the kanji count pattern is valid")
    })
}

/// A number written in kanji as the one reader of numbers reads its value, keeping how it
/// was printed.
fn kanji_printed(scan: &Scan, range: std::ops::Range<usize>) -> Option<super::Printed> {
    let text = &scan.doc.plain.text[range.clone()];
    let number = crate::text::TextNumber::parse(text).ok()?;
    let span = scan.doc.plain.original_span(range);
    Some(super::Printed {
        number,
        original: scan.doc.original[span.clone()].to_string(),
        span: [span.start, span.end],
    })
}

/// Does `after` (the text right after a count of people) make the count "per person" (`一人
/// 平均`, `1人当たり`, `1人につき`): the unit of a mean or a rate, no number of people?
fn per_person(after: &str) -> bool {
    ["平均", "当たり", "当り", "あたり", "につき"]
        .iter()
        .any(|w| after.trim_start().starts_with(w))
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
        // After a digit, a multiplier: 3千人 is read whole by the n pattern.
        if before.is_some_and(|b| matches!(b, '同' | '唯' | '統' | '均' | '第' | '単' | '.'))
            || before.is_some_and(|b| b.is_ascii_digit())
            // 一回目: an ordinal.
            || plain[whole.end()..].starts_with('目')
            || plain[whole.end()..].starts_with(['ひ', '物', '称'])
            || per_person(&plain[whole.end()..])
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
        } else if let (Some(m), Some(u)) = (c.name("dur"), c.name("dunit")) {
            let Some(value) = kanji_printed(scan, m.range()) else {
                continue;
            };
            scan.push(
                ItemKind::Number,
                m.start()..u.end(),
                Parts {
                    value: Some(value),
                    unit: Some(u.as_str().to_string()),
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

/// The words around a percentage that make it a change: `a 12% reduction`, `12%の減少`,
/// `a 30.4% median reduction`, `13.8% weight loss` (one word may name what changed), a
/// comparative (`17% fewer sick days`, `30% less`, `6.5%低かった`, `10%高い`, but not `30% or
/// more`),
/// `reduced by 35%`, `decreased 20%`, `a change of 5%`, `the mean reduction was 75%`.
fn change_after_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"^(?:\s*(?i:(?:relative|absolute|mean|median|average)\s+)?(?P<what>(?i:[a-z]+)\s+)?(?i:reductions?|decreases?|declines?|drops?|falls?|increases?|rises?|improvements?|gains?|loss|lowering|inhibition|suppression|lower|higher|fewer|less|more|greater)(?-u:\b)|[)）]?の?(?:減少|低下|増加|上昇|改善|短縮|減|増|抑制|低減|軽減)|(?:低|高|少な|多|大き|小さ)(?:い|く|かった))",
        )
        .expect("valid pattern")
    })
}

/// `lowered "bad cholesterol" almost 29%`, `reduced body weight by about 5%`: a verb of change,
/// what it changed (a few words, none of them a preposition that would make the number a share
/// of some people: `reduced pain in 30%`), then `by` or a word of about how much.
fn change_verb_object_amount(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let Some(c) = P
        .get_or_init(|| {
            Regex::new(
                r#"(?i)(?-u:\b)(?:reduced|decreased|lowered|increased|raised|improved|cut)\s+(?P<what>"[^"]{1,30}"|[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,3})\s+(?:by\s+)?(?:almost|about|approximately|nearly|roughly|up\s+to|more\s+than|over|by)\s+(?:an?\s+)?(?:mean\s+|average\s+|median\s+)?$"#,
            )
            .expect("valid pattern")
        })
        .captures(before)
    else {
        return false;
    };
    let what = c
        .name("what")
        .map_or("", |m| m.as_str())
        .to_ascii_lowercase();
    !what
        .split_whitespace()
        .any(|w| ["in", "of", "among", "for", "with", "patients", "subjects"].contains(&w))
}

/// A Japanese noun of a rate of change that governs the percentages after it in its clause
/// (`低下率は血糖1.8% (p<0.01) , インスリン6.1%`, `減少割合は…群(29.4%`), or the one right before
/// it (`相対リスク減少率59%`): `before` is the text before the number. `改善率` is left out: it is
/// most often the share of patients improved.
fn rate_of_change_before(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?:減少|低下|増加|上昇)(?:率|割合|量|度)(?:(?:は|が|：|:|\s)[^。．!?！？]*)?$")
            .expect("valid pattern")
    })
    .is_match(before)
}

/// `decreased the mean IOP by 6.7 ± 3.7 mmHg or 25%`: a percentage given as the other way of
/// printing a change just printed with its unit after `by` is that change, relative.
fn alternative_to_a_change() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)by\s+[-−–]?\d[\d.,]*(?:\s*(?:±|\+/-)\s*\d[\d.,]*)?\s*[^\s\d%]{1,10}\s+or\s+$",
        )
        .expect("valid pattern")
    })
}

fn change_before_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)(?:(?:reductions?|decreases?|declines?|drops?|falls?|increases?|rises?|improvements?|changes?|gains?|loss)\s+(?:in\s+[A-Za-z][\w\-.]{0,15}(?:\s+[A-Za-z][\w\-.]{0,15}){0,2}\s+(?:was|were|is|of)|of|by|in|(?:was|were|is)(?:\s+about|\s+approximately|\s+nearly)?)|(?:reduced|decreased|declined|dropped|fell|increased|rose|improved|lowered|raised|changed|grew)(?:\s+by)?)\s+(?:an?\s+)?(?:mean\s+|average\s+|median\s+)?(?:of\s+)?$",
        )
        .expect("valid pattern")
    })
}

/// `the median decrease in TG levels from placebo was 45%`, `lowering of LDL-C of an
/// additional 20%`, `the reduction in HbA1c was 1.2%`: a noun of change, what changed after
/// `in` or `of`, then `was`, `of` or `by` right before the number. The words between hold no
/// number and no end of clause, so the noun governs the number.
fn change_noun_of_what() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:reductions?|decreases?|declines?|drops?|falls?|increases?|rises?|improvements?|changes?|gains?|loss|lowering)\s+(?:in|of)\s+[^0-9%;:.。!?()\[\]]{1,60}?\s(?:was|were|is|of|by)\s+(?:about\s+|approximately\s+|nearly\s+)?(?:an?\s+)?(?:additional\s+|mean\s+|median\s+|average\s+)?$",
        )
        .expect("valid pattern")
    })
}

/// Words of a clause that defines responders by a change before their rate (`The response
/// rate, defined as a 30% or greater reduction in pain, was 20%`): the change defines who
/// responded; the value after it is the share of them, no change.
const DEFINES_RESPONDERS: [&str; 2] = ["response rate", "defined as"];

/// A Japanese list of measures' changes sharing one verb at its end (`体重は平均5.7kg,BMIは
/// 3.2,体脂肪は2.7%,体年齢は4.9歳減少した`): each item is a measure as topic (`体脂肪は`) and
/// its amount; the verb after the last (`減少`, `低下`, `増加`, `上昇`, `改善`) says every
/// amount is a change. A percentage in such a list is its measure's change, not a share of
/// people.
fn listed_before_a_change_verb_ja(plain: &str, start: usize, end: usize) -> bool {
    static TOPIC: OnceLock<Regex> = OnceLock::new();
    static REST: OnceLock<Regex> = OnceLock::new();
    let topic = TOPIC.get_or_init(|| {
        Regex::new(r"[^\s,、，。\d%％]{1,20}は\s*(?:平均\s*)?$")
            .expect("the topic pattern is valid")
    });
    let rest = REST.get_or_init(|| {
        Regex::new(
            r"^[%％]?(?:\s*[,、，]\s*[^\s,、，。\d]{1,20}は\s*(?:平均\s*)?[−-]?\d+(?:\.\d+)?\s*[^\d\s,、，。]{0,8})*\s*(?:減少|低下|増加|上昇|改善|短縮|延長)",
        )
        .expect("the list pattern is valid")
    });
    let before = &plain[chars_back(plain, start, 24)..start];
    topic.is_match(before) && rest.is_match(&plain[end.min(plain.len())..])
}

/// A noun of change naming the percentage at `start` ([`change_noun_of_what`], searched from
/// `from`), unless the clause counts patients who reached a change (`The proportion of
/// patients achieving at least a two-point improvement in IGA score was 35.9%`): that is a
/// share of responders.
fn change_noun_of_a_group(plain: &str, from: usize, start: usize) -> bool {
    let Some(m) = change_noun_of_what().find(&plain[from..start]) else {
        return false;
    };
    let noun = from + m.start();
    let clause = plain[..noun]
        .rfind(['.', ';', '。', '\n'])
        .map_or(0, |k| k + 1);
    let before = plain[clause..noun].to_lowercase();
    ![
        "proportion",
        "percentage",
        "share",
        "achiev",
        "respond",
        "reach",
        "with at least",
    ]
    .iter()
    .chain(&DEFINES_RESPONDERS)
    .any(|w| before.contains(w))
}

/// `reduced the risk of clinical worsening by 76%`, `lowered LDL cholesterol by 30 percent`:
/// a verb of change whose object stands between it and `by`. The clause may hold commas but no
/// number and no end of sentence, so the verb governs the `by`.
fn change_verb_then_by() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:reduc(?:ed|es|ing)|decreas(?:ed|es|ing)|lower(?:ed|s|ing)|cut(?:s|ting)?|improv(?:ed|es|ing)|increas(?:ed|es|ing)|rais(?:ed|es|ing)|shorten(?:ed|s|ing))\s[^0-9;:.。!?()\[\]]{1,120}?\sby\s+(?:about\s+|approximately\s+|nearly\s+|almost\s+|up\s+to\s+|over\s+)?$",
        )
        .expect("valid pattern")
    })
}

/// Is the percentage at `start` (its `%` sign ending at `end`) a change rather than a share
/// of a whole: printed with a sign (`−12%`, `+5%`), or with a word of change right before or
/// after it? `50%が改善` (half improved) is a share: the change word must follow the sign
/// straight away. A percentage takes the kind of the one it is set against or listed with
/// (`a 75% reduction compared to 25% for placebo`, `mean changes of 43%, 35%, and 50%`), and
/// a bracketed percentage after a change is that change relative to the start (`improved by a
/// mean of 11.6 (55%)`).
fn is_change(plain: &str, start: usize, end: usize, value: &super::Printed) -> bool {
    let start = start + (plain[start..end].len() - plain[start..end].trim_start().len());
    // `全症例の92%で…低下`: a percentage of the people (all cases, the patients) is their
    // share, whatever change the clause goes on to name.
    if of_the_people_before(&plain[chars_back(plain, start, 12)..start]) {
        return false;
    }
    // A sign after a digit is the dash of a range (`10-12%`), not a change's sign.
    if value.number.text.starts_with(['-', '+'])
        && !plain[..start].ends_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    change_words_around(plain, start, end, 0)
}

/// Whether the text right before a percentage names the people it is a share of, joined by
/// `の` (`全症例の`, `患者の`, `対象者全体の`).
fn of_the_people_before(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?:症例|患者|例|対象者|被験者|参加者|受診者|全体|全員)(?:全体)?\s*の\s*$")
            .expect("the people-share pattern is valid")
    })
    .is_match(before)
}

/// Which way a percent change printed without its sign goes, by a word of the value's own noun
/// phrase after it (`a 15.2 percent decrease`, `a 5% increase`, `21.1% mean weight loss`,
/// `減少`), the verb right before it (`fell by 12%`, `increased by 5%`) or the noun joined to it
/// before (`a weight loss of 26.6%`): `Some("decrease")` or `Some("increase")`;
/// `None` for a signed value or where no such word stands beside it.
///
/// ```
/// use trialstats_documents::draft::count::direction_of_change;
/// let t = "had a 15.2 percent decrease in fat, compared with a 5 percent increase";
/// let at = t.find("15.2").unwrap();
/// assert_eq!(direction_of_change(t, at..at + 4), Some("decrease"));
/// let at = t.find("5 percent i").unwrap();
/// assert_eq!(direction_of_change(t, at..at + 1), Some("increase"));
/// assert_eq!(direction_of_change("fell by -3%", 8..10), None);
/// // The value's own noun phrase after it, or the noun joined to it before.
/// let t = "achieved an additional 21.1% mean weight loss; a total weight loss of 26.6% by week 88";
/// let at = t.find("21.1").unwrap();
/// assert_eq!(direction_of_change(t, at..at + 4), Some("decrease"));
/// let at = t.find("26.6").unwrap();
/// assert_eq!(direction_of_change(t, at..at + 4), Some("decrease"));
/// // A share of patients is no change.
/// let t = "21.1% of patients with weight loss";
/// assert_eq!(direction_of_change(t, 0..4), None);
/// ```
pub fn direction_of_change(text: &str, value: std::ops::Range<usize>) -> Option<&'static str> {
    if text[value.clone()]
        .trim_start()
        .starts_with(['-', '+', '−'])
    {
        return None;
    }
    const FALLS: [&str; 9] = [
        "decrease",
        "reduction",
        "decline",
        "fall",
        "drop",
        "lower",
        "loss",
        "減少",
        "低下",
    ];
    const RISES: [&str; 5] = ["increase", "rise", "gain", "higher", "増加"];
    const FELL: [&str; 6] = [
        "decreased",
        "reduced",
        "fell",
        "declined",
        "dropped",
        "lowered",
    ];
    const ROSE: [&str; 4] = ["increased", "rose", "gained", "grew"];
    // Words that end the phrase the value stands in (`21.1% of patients with a loss`).
    const PHRASE_ENDS: [&str; 20] = [
        "of", "in", "with", "than", "vs", "versus", "and", "or", "for", "from", "to", "at", "by",
        "on", "compared", "who", "that", "which", "was", "were",
    ];
    let after = text[value.end..]
        .trim_start_matches(|c: char| c == '%' || c == '％' || c.is_whitespace())
        .trim_start_matches("percent")
        .trim_start_matches("per cent")
        .trim_start()
        // Enough for the four words read below, not the rest of the document.
        .chars()
        .take(120)
        .collect::<String>()
        .to_lowercase();
    // The value's own noun phrase after it: up to four words (`21.1% mean weight loss`,
    // `a 5 percent increase`), up to a word that ends it or a mark.
    let phrase_after: Vec<&str> = after
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .take_while(|w| !w.is_empty() && !PHRASE_ENDS.contains(w))
        .take(4)
        .collect();
    let names = |words: &[&str]| {
        words
            .iter()
            .any(|w| words_start(w, &FALLS))
            .then_some("decrease")
            .or_else(|| {
                words
                    .iter()
                    .any(|w| words_start(w, &RISES))
                    .then_some("increase")
            })
    };
    // A Japanese fall or rise right after the value (`12%減少`).
    let ja_after = after.chars().take(4).collect::<String>();
    let before: String = text[..value.start]
        .trim_end()
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let verb_before = before.trim_end_matches("by").trim_end();
    // The noun before the value, joined to it by `of`, `was` or a colon (`a total mean weight
    // loss of 26.6%`).
    let noun_before = ["of", "was", "were", ":", "="]
        .iter()
        .find_map(|j| before.strip_suffix(j))
        .map(|b| b.split_whitespace().last().unwrap_or(""));
    if names(&phrase_after) == Some("decrease")
        || FALLS.iter().any(|w| ja_after.starts_with(w))
        || FELL.iter().any(|w| verb_before.ends_with(w))
        || noun_before.is_some_and(|w| words_start(w, &FALLS))
    {
        Some("decrease")
    } else if names(&phrase_after) == Some("increase")
        || RISES.iter().any(|w| ja_after.starts_with(w))
        || ROSE.iter().any(|w| verb_before.ends_with(w))
        || noun_before.is_some_and(|w| words_start(w, &RISES))
    {
        Some("increase")
    } else {
        None
    }
}

/// Does `word` begin with one of `stems` (`reductions`, `losses`)?
fn words_start(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| word.starts_with(s))
}

/// The byte offset `chars` characters before `at` in `plain` (0 where there are fewer).
fn chars_back(plain: &str, at: usize, chars: usize) -> usize {
    plain[..at]
        .char_indices()
        .rev()
        .nth(chars)
        .map_or(0, |(i, _)| i)
}

/// Words that, right after a percentage's sign, do not name what changed: verbs and the
/// words of a share (`20% had improvement`, `30% of patients`).
const NOT_WHAT_CHANGED: [&str; 28] = [
    "had",
    "have",
    "has",
    "showed",
    "show",
    "shows",
    "achieved",
    "with",
    "reported",
    "experienced",
    "of",
    "in",
    "were",
    "was",
    "is",
    "are",
    "a",
    "an",
    "the",
    "and",
    "or",
    "no",
    "any",
    "patients",
    "subjects",
    "participants",
    "without",
    "saw",
];

/// The pattern of what ends the text right before a percentage that takes an earlier one's
/// kind: a list's earlier item (`12%, `), a number before a bracket (`11.6 (`), or words
/// setting it against another (`compared with `, `versus `, `than `).
fn earlier_percentage_pattern() -> &'static Regex {
    static EARLIER: OnceLock<Regex> = OnceLock::new();
    EARLIER.get_or_init(|| {
        let p = r"(?x)
            (?: (?P<listed> (?P<lnum> NUMBER ) \s* (?: % | ％ | (?i:percent) ) \s* (?: , | 、 ) \s* (?i: (?: and | or ) \s+ )? )
              | (?P<qualified> (?P<qnum> NUMBER ) \s* (?: % | ％ | (?i:percent) ) \s+ (?i: at | in | for | after | with ) \s [^%;:.。()\n]{1,25}? (?: \s* , )? \s+ (?i: and | or ) \s+ )
              | (?P<bracket> (?P<bnum> NUMBER ) [^\S\n]* [(（] \s* )
              | (?P<against> (?i: (?: as \s+ )? compared \s+ (?: to | with ) | versus | vs\.? | than ) \s+ ) ) $"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the earlier-percentage pattern is valid")
    })
}

/// The words of change around the percentage whose number starts at `start` and whose sign
/// ends at `end` (see [`is_change`]); `depth` bounds the walk back through lists and
/// comparisons.
fn change_words_around(plain: &str, start: usize, end: usize, depth: usize) -> bool {
    // A number as matched may begin with the space before it.
    let start = start + (plain[start..end].len() - plain[start..end].trim_start().len());
    // The value's own bracket (its interval, spread or n) stands inside its phrase: the words
    // after it go on with the value (`13.4%(95%信頼区間10.77-15.96)の改善`, `20% (95% CI 15 to
    // 25) reduction`).
    let end = past_its_own_bracket(plain, end);
    let from = |chars: usize| chars_back(plain, start, chars);
    let before = &plain[from(40)..start];
    // The one word between the sign and the change names what changed (`weight loss`), unless
    // it is a verb or a word of a share (`20% had improvement`, `30% of patients`).
    let after = change_after_pattern()
        .captures(&plain[end..])
        .is_some_and(|c| {
            c.name("what").is_none_or(|w| {
                !NOT_WHAT_CHANGED.contains(&w.as_str().trim().to_ascii_lowercase().as_str())
            })
        });
    // `The proportion of patients achieving a two-point improvement in the score was 35.9%`:
    // a share of the patients a change defines, not the change.
    let share_of_responders = {
        let clause = plain[from(120)..start].to_lowercase();
        // Within the number's own sentence.
        let clause = clause
            .rfind(". ")
            .or_else(|| clause.rfind('。'))
            .map_or(clause.as_str(), |k| &clause[k..]);
        [
            "proportion of",
            "percentage of",
            "share of",
            "achiev",
            "responder",
        ]
        .iter()
        .chain(&DEFINES_RESPONDERS)
        .any(|w| clause.contains(w))
    };
    if after
        || change_before_pattern().is_match(before) && !share_of_responders
        || change_verb_object_amount(before)
        || rate_of_change_before(&plain[from(60)..start])
        || alternative_to_a_change().is_match(&plain[from(60)..start])
        || change_verb_then_by().is_match(&plain[from(160)..start])
        || change_noun_of_a_group(plain, from(120), start)
        || listed_before_a_change_verb_ja(plain, start, end)
    {
        return true;
    }
    if depth >= 4 {
        return false;
    }
    if let Some((s, e)) = later_listed_percentage(plain, end) {
        if change_words_around(plain, s, e, depth + 1) {
            return true;
        }
    }
    let offset = from(60);
    let Some(c) = earlier_percentage_pattern().captures(&plain[offset..start]) else {
        return false;
    };
    if let Some(n) = c.name("lnum") {
        let (s, e) = (
            offset + n.start(),
            offset + c.name("listed").expect("listed").end(),
        );
        return change_words_around(plain, s, e, depth + 1);
    }
    // `reduced by 44% at week 56 and 38% at week 78`, `45% for 4 grams and 33% for 2
    // grams`: a list whose items each carry a short qualifier takes its first item's kind.
    if let Some(n) = c.name("qnum") {
        let s = offset + n.start();
        let sign = plain[s..].find(['%', '％', 'p', 'P']).map_or(s, |k| s + k);
        let e = sign + plain[sign..].chars().next().map_or(1, char::len_utf8);
        return change_words_around(plain, s, e, depth + 1);
    }
    if let Some(n) = c.name("bnum") {
        let s = offset + n.start();
        let s = s + (plain[s..].len() - plain[s..].trim_start().len());
        // The change before the bracket: `improved by a mean of 11.6 (55%)`.
        return change_before_pattern().is_match(&plain[chars_back(plain, s, 40)..s]);
    }
    let against = offset + c.get(0).expect("a match").start();
    change_words_of_earlier(plain, against, depth)
}

/// Where the text after a value (ending at `end`) goes on past the bracket printed right after
/// it, if that bracket holds numbers (an interval, a spread, an n) and closes within 80
/// characters on its line: the offset after the bracket; `end` otherwise.
fn past_its_own_bracket(plain: &str, end: usize) -> usize {
    let rest = &plain[end..];
    let open_at = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    if !rest[open_at..].starts_with(['(', '（']) {
        return end;
    }
    let inside_from = open_at + rest[open_at..].chars().next().map_or(1, char::len_utf8);
    let mut taken = 0;
    for (k, ch) in rest[inside_from..].char_indices() {
        taken += 1;
        if taken > 80 || matches!(ch, '\n' | '(' | '（') {
            return end;
        }
        if matches!(ch, ')' | '）') {
            let inside = &rest[inside_from..inside_from + k];
            return if inside.chars().any(|c| c.is_ascii_digit()) {
                end + inside_from + k + ch.len_utf8()
            } else {
                end
            };
        }
    }
    end
}

/// The next percentage of a Japanese list that the one ending at `end` of `plain` stands in
/// (`腹囲は男性で2.2%、女性で2.8%減少`, `体重が男性で1.65kg(2.4%)、女性で1.79kg(3.0%)減少`): its
/// number's start and its sign's end. Japanese puts the verb last, so the change word after
/// a list's last item is every item's: the items are joined by `、` or a comma, each after
/// its own label in Japanese script (a group's name, `女性で`).
fn later_listed_percentage(plain: &str, end: usize) -> Option<(usize, usize)> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        let p = r"^\s*[)）]?\s*(?:,|、)\s*(?P<gap>[^%％。\n;；()（）]{0,24}?[(（]?)(?P<num>NUMBER)\s*(?P<sign>[%％])"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the later-percentage pattern is valid")
    });
    let c = p.captures(&plain[end..])?;
    let gap = c.name("gap")?.as_str();
    if !gap.chars().any(crate::text::plain::is_japanese_script) {
        return None;
    }
    let num = c.name("num")?;
    let sign = c.name("sign")?;
    Some((end + num.start(), end + sign.end()))
}

/// The words of change around the earlier percentage of the clause that a percentage is set
/// against by the words at `against` (`compared with`, `versus`, `than`); `false` when there
/// is none.
fn change_words_of_earlier(plain: &str, against: usize, depth: usize) -> bool {
    // Set against an earlier percentage of the same sentence: take its kind. Right after a
    // bare number (`1.1 vs. 4.8%`) the two share the sign and are two shares.
    if plain[..against]
        .trim_end()
        .ends_with(|ch: char| ch.is_ascii_digit())
    {
        return false;
    }
    // A clause ends at `;`, a line's end or a sentence's full stop (not a decimal point).
    let clause_start = plain[..against]
        .char_indices()
        .rev()
        .find(|&(i, ch)| {
            matches!(ch, '。' | ';' | '\n')
                || (ch == '.' && plain[i + 1..].starts_with(char::is_whitespace))
        })
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let Some(sign) = plain[clause_start..against].rfind(['%', '％']) else {
        return false;
    };
    let sign = clause_start + sign;
    let digits_start = plain[..sign]
        .trim_end()
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_ascii_digit() || *ch == '.' || *ch == '·')
        .last()
        .map(|(i, _)| i);
    match digits_start {
        Some(s) => change_words_around(
            plain,
            s,
            sign + plain[sign..].chars().next().map_or(1, char::len_utf8),
            depth + 1,
        ),
        None => false,
    }
}

/// Do the words before a number written in words at `start` of `plain` make it other than a
/// count (numbers in digits are always read): `no one`, `either one`, `any one`, `each one`,
/// `to one of three groups`?
fn words_not_a_count(plain: &str, start: usize) -> bool {
    if !plain[start..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return false;
    }
    let before = plain[..start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let one = plain[start..]
        .trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("one"));
    [
        "no", "any", "every", "each", "either", "neither", "which", "some", "the",
    ]
    .contains(&word.as_str())
        // `assigned to one of three groups`: one unspecified, not a count.
        || (one && ["to", "into", "in", "from", "at", "on", "with"].contains(&word.as_str()))
}

/// Does a time's noun stand right before the number at `start` (`at week 56 and 38%`, `day 4
/// and 12%`)? That number is the time, not a percentage sharing a later sign.
fn after_a_time_noun(plain: &str, start: usize) -> bool {
    let word = plain[..start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "week"
            | "weeks"
            | "wk"
            | "wks"
            | "month"
            | "months"
            | "mo"
            | "day"
            | "days"
            | "year"
            | "years"
            | "visit"
            | "hour"
            | "hours"
            | "cycle"
            | "dose"
    )
}

/// Two percentages sharing one sign (`56.9 vs. 4.5%`, `12 and 15%`, `from 30 to 45%`): the
/// first is a percentage too, as the sign printed once after the second says. (The second is
/// read with its sign by [`find`].) A pair of whole numbers joined by a dash (`10-12%`) is a
/// range of percentages and is read the same way.
fn find_shared_percent_sign(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        let p = r"(?x)
            (?P<first> NUMBER ) \s* (?: (?i: vs\.? | versus | and | or | to ) \s+ | [-–] \s* )
            (?P<second> NUMBER ) \s* (?: % | ％ )"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the shared percent sign pattern is valid")
    });
    let mut pos = 0;
    while let Some(c) = pattern.captures_at(plain, pos) {
        let first = c.name("first").expect("first");
        pos = c.name("second").expect("second").start();
        if !scan.free(first.range())
            || inside_name(plain, first.start(), first.end())
            || after_a_time_noun(plain, first.start())
        {
            continue;
        }
        let Some(value) = scan.number(first.range()) else {
            continue;
        };
        if !(-100.0..=100.0).contains(&value.number.value) || value.number.value < 0.0 {
            continue;
        }
        scan.push_value(ItemKind::Percent, first.range(), value);
    }
}

/// Every percentage, count of a whole and n.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    find_two_counts_with_their_shares(scan, &plain);
    find_parts_of_a_count(scan, &plain);
    find_kanji_counts(scan, &plain);
    find_percent_of_printed_whole(scan, &plain);
    find_count_percent(scan, &plain);
    find_counted_then_share(scan, &plain);
    find_shared_percent_sign(scan, &plain);
    find_percents(scan, &plain);
    percents_listed_with_a_signed_change(scan);
    find_tenths(scan, &plain);
    find_counts_of(scan, &plain);
    find_group_sizes_in_brackets(scan, &plain);
    find_ns(scan, &plain);
    find_participant_flow_counts(scan, &plain);
    find_counts_in_the_stated_layout(scan, &plain);
}

/// Groups each named with a bare whole number in brackets, two or more in one sentence (`a
/// study group (30) and a control group (30)`, `intervention arm (112) or usual care arm
/// (110)`): each number is its group's n, as `(n = 30)` would be. One such bracket alone may
/// hold anything (a year, a reference), so a list of two at least is asked.
fn find_group_sizes_in_brackets(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?i)\b(?:groups?|arms?|cohorts?)[ \t]*[(（][ \t]*(?P<n>\d{1,5})[ \t]*[)）]")
            .expect("the bracketed group size pattern is valid")
    });
    // Two treatments compared, each with its size in brackets (`comparing tamsulosin (70)
    // versus placebo (70)`): the words of a comparison say they are the arms.
    static VERSUS: OnceLock<Regex> = OnceLock::new();
    let versus = VERSUS.get_or_init(|| {
        Regex::new(r"(?i)[(（][ \t]*(?P<a>\d{1,5})[ \t]*[)）][ \t]*,?[ \t]*(?:versus|vs\.?|compared[ \t]+(?:with|to))[ \t]+[^()（）\d.;\n]{1,40}?[(（][ \t]*(?P<b>\d{1,5})[ \t]*[)）]")
            .expect("the compared sizes' pattern is valid")
    });
    let mut found: Vec<std::ops::Range<usize>> = p
        .captures_iter(plain)
        .map(|c| c.name("n").expect("n").range())
        .chain(versus.captures_iter(plain).flat_map(|c| {
            [
                c.name("a").expect("a").range(),
                c.name("b").expect("b").range(),
            ]
        }))
        .collect();
    found.sort_by_key(|r| r.start);
    found.dedup();
    // Listed together: no sentence's end between one and the next.
    let together = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
        let between = &plain[a.end..b.start];
        between.len() <= 120 && !between.contains(". ") && !between.contains('\n')
    };
    for (k, range) in found.iter().enumerate() {
        let listed = (k > 0 && together(&found[k - 1], range))
            || found.get(k + 1).is_some_and(|next| together(range, next));
        if !listed || !scan.free(range.clone()) {
            continue;
        }
        if let Some(value) = scan.number(range.clone()).filter(|v| v.number.value >= 2.0) {
            scan.push_value(ItemKind::N, range.clone(), value);
        }
    }
}

/// Two counts with their two percentages, as a row of two categories prints them (`Male/Female,
/// n (%)`: `80/135 (37/63)`): `a/b (p/q)` where `a` of `a + b` gives `p` % and `b` gives `q` %
/// as printed. The pair is the two categories' counts, never `a` of `b`: each count is read
/// with its share ([`Scan::push_percent_of_count`]), `a/b` holding the first, `(p/q)` the second.
fn find_two_counts_with_their_shares(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(
            r"(?P<a>\d+)\s*/\s*(?P<b>\d+)\s*[(（]\s*(?P<p>\d+(?:\.\d+)?)\s*%?\s*/\s*(?P<q>\d+(?:\.\d+)?)\s*%?\s*[)）]",
        )
        .expect("the two counts' pattern is valid")
    });
    for c in p.captures_iter(plain) {
        let (a, b, pa, pb) = (&c["a"], &c["b"], &c["p"], &c["q"]);
        let whole_span = c.get(0).expect("a match").range();
        if !scan.free(whole_span.clone()) || plain[..whole_span.start].ends_with(['/', '.']) {
            continue;
        }
        let (Ok(ka), Ok(kb)) = (a.parse::<i128>(), b.parse::<i128>()) else {
            continue;
        };
        let whole = ka + kb;
        let gives = |share: &str, k: i128| {
            crate::reported::ReportedNumber::parse(share, "share").is_ok_and(|r| {
                r.contains(100 * k, whole, crate::checks::Rounding::UpOrDown)
                    .unwrap_or(false)
            })
        };
        if whole == 0 || !gives(pa, ka) || !gives(pb, kb) {
            continue;
        }
        let (ra, rb, rp, rq) = (
            c.name("a").expect("a").range(),
            c.name("b").expect("b").range(),
            c.name("p").expect("p").range(),
            c.name("q").expect("q").range(),
        );
        let (Some(na), Some(nb), Some(np), Some(nq)) = (
            scan.number(ra.clone()),
            scan.number(rb.clone()),
            scan.number(rp),
            scan.number(rq),
        ) else {
            continue;
        };
        let bracket = plain[rb.end..whole_span.end]
            .find(['(', '（'])
            .map_or(rb.end, |i| rb.end + i);
        scan.push_percent_of_count(ra.start..rb.end, np, na);
        scan.push_percent_of_count(bracket..whole_span.end, nq, nb);
    }
}

/// The counts of a registry's participant flow, as ClinicalTrials.gov prints its results (and
/// the sites that copy them): under `Participant Flow` (or `Participant milestones`, `Reasons
/// for withdrawal`), each milestone or reason (`STARTED`, `COMPLETED`, `NOT COMPLETED`,
/// `Withdrawal by Subject`) is followed by one whole number per arm, each alone on its line.
/// Those are numbers of participants. The flow ends where the record's next part begins
/// (`Baseline Characteristics`, `Outcome Measures`, `Adverse Events`).
fn find_participant_flow_counts(scan: &mut Scan, plain: &str) {
    static START: OnceLock<Regex> = OnceLock::new();
    let start = START.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:participant\s+(?:flow|milestones)|reasons\s+for\s+withdrawal)\s*$")
            .expect("the participant-flow pattern is valid")
    });
    static END: OnceLock<Regex> = OnceLock::new();
    let end = END.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:baseline\s+(?:characteristics|measures)|outcome\s+measures?|primary\s+outcome|adverse\s+events?|serious\s+adverse|more\s+information)")
            .expect("the end-of-flow pattern is valid")
    });
    static COUNT: OnceLock<Regex> = OnceLock::new();
    let count = COUNT.get_or_init(|| {
        Regex::new(r"^\s*(?P<n>\d{1,3}(?:,\d{3})*|\d+)(?:\s+(?i:participants?))?\s*$")
            .expect("the flow-count pattern is valid")
    });
    let mut in_flow = false;
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        if start.is_match(text) {
            in_flow = true;
            continue;
        }
        if end.is_match(text) {
            in_flow = false;
            continue;
        }
        if !in_flow {
            continue;
        }
        let Some(n) = count.captures(text).and_then(|c| c.name("n")) else {
            continue;
        };
        let range = line_start + n.start()..line_start + n.end();
        if !scan.free(range.clone()) {
            continue;
        }
        if let Some(value) = scan.number(range.clone()) {
            scan.push_value(ItemKind::N, range, value);
        }
    }
}

/// A document that states its layout `n (%)` (`Values are presented as n (%) or mean ±
/// standard deviation`, `性別、例数(%)`) prints its counts as `6 (24.0)`: a bare `a (b)` is a count with its
/// percentage where `b` is `a` of one of the group sizes the document prints (`PENG (n = 25)`),
/// to `b`'s decimals, or of a whole that several such pairs share though the document never
/// prints it ([`common_wholes`]). The document's own numbers decide; a mean with its SD fits
/// one by chance only now and then, and an `a` with decimals is no count.
fn find_counts_in_the_stated_layout(scan: &mut Scan, plain: &str) {
    let stated = !super::cues::count_layout_ends(plain).is_empty();
    // Where the layout is not stated (a table copied without its header's `n (%)` and arm
    // sizes), only a whole that many pairs share says the brackets are shares: a mean with its
    // SD fits one whole in five cells almost never.
    let mut ns: Vec<f64> = if stated {
        scan.items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .filter_map(|i| i.parts.value.as_ref().map(|v| v.number.value))
            .collect()
    } else {
        Vec::new()
    };
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        Regex::new(r"(?P<count>\d+)\s*\(\s*(?P<pct>\d+(?:\.\d+)?)\s*\)")
            .expect("the count (percent) pattern is valid")
    });
    let mut pairs = Vec::new();
    for c in pattern.captures_iter(plain) {
        let (k, v) = (c.name("count").expect("count"), c.name("pct").expect("pct"));
        let whole = k.start()..c.get(0).expect("a match").end();
        if plain[..k.start()].ends_with(|ch: char| ch.is_ascii_digit() || ".,±-−".contains(ch))
            || !scan.free(whole.clone())
        {
            continue;
        }
        let (Some(count), Some(value)) = (scan.number(k.range()), scan.number(v.range())) else {
            continue;
        };
        // A table row whose label gives its unit (`Age, years`, `Weight (kg)`) prints a
        // measure's values with their spreads, not counts of patients.
        let measured = scan.tables.at(k.start()).is_some_and(|(table, row, cell)| {
            cell >= 1 && label_gives_a_unit(table.row_label(plain, row))
        });
        if value.number.value <= 100.0 && !measured {
            pairs.push((whole, value, count));
        }
    }
    ns.extend(common_wholes(
        &pairs,
        if stated {
            PAIRS_FOR_A_COMMON_WHOLE
        } else {
            PAIRS_FOR_AN_UNSTATED_WHOLE
        },
    ));
    for (whole, value, count) in pairs {
        let fits = ns.iter().any(|&n| {
            count.number.value <= n && is_percent_of(&value.number, count.number.value, n)
        });
        if fits {
            scan.push_percent_of_count(whole, value, count);
        }
    }
}

/// Does a table row's label end with the unit its values are measured in (`Age, years`,
/// `Weight (kg)`, `SBP, mmHg`), which no row of counts gives (`Women, n (%)`)?
fn label_gives_a_unit(label: &str) -> bool {
    static UNIT: OnceLock<Regex> = OnceLock::new();
    UNIT.get_or_init(|| {
        Regex::new(
            r"(?i)(?:,\s*|\(\s*)(?:years?|yrs?|y|months?|weeks?|days?|hours?|h|min|kg|g|cm|mm|m|kg/m2|kg/m²|mmhg|bpm|mg/dl|mmol/l|ml|l|cm2|points?|score)\s*\)?\s*$",
        )
        .expect("the unit pattern is valid")
    })
    .is_match(label.trim())
}

/// The fewest bare pairs `a (b)` one whole must fit before it is taken as the document's.
const PAIRS_FOR_A_COMMON_WHOLE: usize = 3;
/// The same where the document does not state its cells print counts with their shares.
const PAIRS_FOR_AN_UNSTATED_WHOLE: usize = 5;

/// The wholes the document's bare pairs `a (b)` imply though it never prints them: a whole
/// `N` of which at least [`PAIRS_FOR_A_COMMON_WHOLE`] of the pairs are `100·a/N` to `b`'s
/// decimals (`68 (36)`, `83 (44)`, `96 (51)` … are all of 189 in a table of subgroups of
/// one trial). Each whole is the one most pairs fit, taken in turn while enough pairs are
/// left: the document's numbers decide, and means with their SDs fit one whole together by
/// chance hardly ever.
fn common_wholes(pairs: &[(std::ops::Range<usize>, Printed, Printed)], fewest: usize) -> Vec<f64> {
    // The wholes each pair allows: from 100·a/(b + h) to 100·a/(b − h), h half b's last unit.
    let mut open: Vec<(u64, u64)> = pairs
        .iter()
        .filter_map(|(_, value, count)| {
            let (a, b) = (count.number.value, value.number.value);
            let h = value.number.half_unit();
            // A share printed so coarsely that it allows a wide range of wholes (`5 (2)`:
            // 200 to 333) says little; such pairs are checked against the whole, not used to
            // find it.
            if a < 1.0 || a.fract() != 0.0 || h > 0.1 * b {
                return None;
            }
            let lo = (100.0 * a / (b + h)).ceil().max(a);
            let hi = (100.0 * a / (b - h)).floor().min(1e7);
            (lo <= hi).then_some((lo as u64, hi as u64))
        })
        .collect();
    let mut wholes = Vec::new();
    while open.len() >= fewest {
        // The whole inside the most intervals: a sweep over their ends.
        let mut ends: Vec<(u64, i32)> = open
            .iter()
            .flat_map(|&(lo, hi)| [(lo, 1), (hi + 1, -1)])
            .collect();
        ends.sort_unstable();
        let (mut depth, mut best) = (0, (0, 0));
        for (at, step) in ends {
            depth += step;
            if depth > best.0 {
                best = (depth, at);
            }
        }
        let (count, whole) = best;
        if usize::try_from(count).unwrap_or(0) < fewest {
            break;
        }
        wholes.push(whole as f64);
        open.retain(|&(lo, hi)| !(lo <= whole && whole <= hi));
    }
    wholes
}

/// A count of people followed by a bracketed list of named parts whose numbers add up to it
/// (`185 patients were randomized (NDC1:153, NDC2:10, and DC:22)`, `720 men (364 watchful
/// waiting, 356 surgical repair)`): each part is a number of
/// people. The document's own sum decides; a list that does not add up (doses, ages) is left.
fn find_parts_of_a_count(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        let p = r"(?xi) (?P<total> \d[\d,]* ) \s+ COUNTERS [^()\n.;]{0,60}? \( (?P<list> [^()\n]{3,200} ) \)"
            .replace("COUNTERS", COUNTERS_EN);
        Regex::new(&p).expect("the parts-of-a-count pattern is valid")
    });
    static N: OnceLock<Regex> = OnceLock::new();
    // A part: its name, then `:` or `=` or `n =`, then its number (`NDC1:153`, `A, n = 20`);
    // or its number, then its name (`364 watchful waiting, 356 surgical repair`).
    let part = N.get_or_init(|| {
        Regex::new(r"(?i)[:=]\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\s*(?:patients?|participants?|subjects?))?\s*(?:[,;]|and\b|$)|(?:^|[,;]\s*|\band\s+)(?P<named>\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:in|to|on)\s+(?:the\s+)?)?[a-z][a-z\- ]{1,40}")
            .expect("the part pattern is valid")
    });
    for c in pattern.captures_iter(plain) {
        let (total, list) = (
            c.name("total").expect("total"),
            c.name("list").expect("list"),
        );
        let parts: Vec<std::ops::Range<usize>> = part
            .captures_iter(list.as_str())
            .filter_map(|p| p.name("n").or(p.name("named")))
            .map(|n| list.start() + n.start()..list.start() + n.end())
            .collect();
        let value =
            |r: &std::ops::Range<usize>| plain[r.clone()].replace(',', "").parse::<u64>().ok();
        let sum: Option<u64> = parts.iter().map(value).sum();
        if parts.len() < 2 || sum.is_none() || sum != value(&total.range()) {
            continue;
        }
        for range in parts {
            if !scan.free(range.clone()) {
                continue;
            }
            if let Some(v) = scan.number(range.clone()) {
                scan.push_value(ItemKind::N, range, v);
            }
        }
    }
}

/// A share in tenths, as Japanese writes it (`約8割の患者`: about 80 % of patients; `3割`):
/// a percentage, written with its value in percent and a note of how it was printed. Not
/// 割引 (a discount), 割り付け or 割付 (allocation), 割当 or 割合 (a proportion's name).
fn find_tenths(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?P<value>\d{1,2}(?:\.\d)?)\s*割(?P<after>.?)")
            .expect("the tenths pattern is valid")
    });
    for c in p.captures_iter(plain) {
        let (Some(v), Some(after)) = (c.name("value"), c.name("after")) else {
            continue;
        };
        if matches!(after.as_str(), "引" | "り" | "付" | "当" | "合")
            || plain[..v.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == '.')
        {
            continue;
        }
        let range = v.start()..after.start();
        if !scan.free(range.clone()) || inside_name(plain, v.start(), v.end()) {
            continue;
        }
        let Some(mut value) = scan.number(v.range()) else {
            continue;
        };
        let tenths = value.number.value;
        if !(0.0..=10.0).contains(&tenths) {
            continue;
        }
        let percent = format!("{}", (tenths * 10.0 * 10.0).round() / 10.0);
        let Ok(n) = crate::text::TextNumber::parse(&percent) else {
            continue;
        };
        value.original = format!("{}割", value.original);
        value.number = n;
        let bound = bound_around(plain, v.start(), v.end());
        scan.push(
            ItemKind::Percent,
            range,
            Parts {
                value: Some(value),
                bound,
                ..Parts::default()
            },
        );
        if let Some(item) = scan.items.last_mut() {
            item.notes.push(format!(
                "printed in tenths as {}: {percent} %",
                item.text.trim()
            ));
        }
    }
}

/// Does a confidence or credible interval's name follow the percentage ending at `end`
/// (`95% confidence interval`, `95% CI`)?
fn names_an_interval(plain: &str, end: usize) -> bool {
    let rest: String = plain[end..].chars().take(14).collect();
    let rest = rest.trim_start().to_ascii_lowercase();
    [
        "ci",
        "c.i.",
        "confidence",
        "credible",
        "cri",
        "信頼区間",
        "信用区間",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Is the number at `at` a cell (past the row's label) under a column headed by a change
/// (`% improvement`, `Percentage change`, `変化率`)?
fn under_a_change_header(scan: &Scan, plain: &str, at: usize) -> bool {
    scan.tables.at(at).is_some_and(|(table, row, cell)| {
        let header = table.column_header(plain, row, cell).to_lowercase();
        cell > 0
            && [
                "change",
                "improvement",
                "impro",
                "reduction",
                "increase",
                "decrease",
                "変化",
                "減少率",
                "低下率",
                "減少割合",
                "増加率",
                "上昇率",
            ]
            .iter()
            .any(|w| header.contains(w))
    })
}

/// Reads every percentage with its sign, as a share or as a change.
fn find_percents(scan: &mut Scan, plain: &str) {
    for c in percent_pattern().captures_iter(plain) {
        let whole = c.get(0).expect("a match");
        let Some(v) = c.name("value").or(c.name("words")) else {
            continue;
        };
        let (lone, end) = lone_count(scan, plain, &c);
        let whole_range = whole.start()..end;
        if !scan.free(whole_range.clone())
            || inside_name(plain, v.start(), v.end())
            || heads_the_next_line(plain, v.end())
        {
            continue;
        }
        // `95% confidence interval` where no interval follows (a table's footnote): the level
        // of the document's intervals, not a number of its own.
        if names_an_interval(plain, end) {
            let span = scan.doc.plain.original_span(whole_range.clone());
            scan.claimed.claim(span);
            continue;
        }
        // `10-12%`: the dash of a range, not the minus of 12.
        let mut v_range = v.range();
        if plain[v_range.clone()].starts_with('-')
            && plain[..v_range.start].ends_with(|c: char| c.is_ascii_digit())
        {
            v_range.start += 1;
        }
        let Some(value) = scan.number(v_range.clone()) else {
            continue;
        };
        // `5.0%(60例中3例)`: the whole first, then the count, as Japanese prints it.
        let count = c
            .name("count")
            .or(c.name("jcount"))
            .or(lone)
            .and_then(|m| scan.number(m.range()));
        let of = c
            .name("of")
            .or(c.name("jof"))
            .and_then(|m| scan.number(m.range()));
        // A percentage above 100 is no share of a whole (a change, or a ratio: `128.6%`); a
        // cell under a column headed by a change (`% improvement`, `Percentage change`,
        // `変化率`) is that change.
        let beyond_a_whole = value.number.value > 100.0 && count.is_none() && of.is_none();
        let under_a_change = under_a_change_header(scan, plain, v_range.start);
        let summary = if count.is_none() && of.is_none() {
            summary_of_a_measure_in_percent(scan, plain, v_range.start, end)
        } else {
            None
        };
        let kind = if count.is_none()
            && of.is_none()
            && (names_a_concentration(plain, v_range.start, end)
                || value_of_a_measure_in_percent(plain, v_range.start, end))
        {
            ItemKind::Number
        } else if let Some(of_a_change) = summary {
            if of_a_change || is_change(plain, v_range.start, end, &value) {
                ItemKind::PercentChange
            } else {
                ItemKind::Number
            }
        } else if beyond_a_whole
            || under_a_change
            || is_change(plain, v_range.start, end, &value)
            || (count.is_none() && of.is_none() && set_against_a_change(scan, v_range.start))
        {
            ItemKind::PercentChange
        } else {
            ItemKind::Percent
        };
        let listed_before = if count.is_none() && of.is_none() {
            list_sharing_the_sign(plain, v_range.start)
        } else {
            Vec::new()
        };
        scan.push(
            kind,
            v_range.start.max(whole.start())..end,
            Parts {
                value: Some(value),
                count,
                of,
                bound: bound_around(plain, v.start(), v.end()),
                ..Parts::default()
            },
        );
        for range in listed_before {
            if !scan.free(range.clone()) {
                continue;
            }
            if let Some(value) = scan.number(range.clone()) {
                scan.push_value(kind, range, value);
            }
        }
    }
}

/// `2%(10)`, `45% (23例)`: the count in a bracket after its percentage (the percent pattern's
/// `lone` group), where the bracket names what it counts or is the rest of a table's cell (in
/// prose a bare bracketed number after a percentage may be a reference's). The count's match,
/// if taken, and where the percentage's item ends.
fn lone_count<'t>(
    scan: &Scan,
    plain: &str,
    c: &regex::Captures<'t>,
) -> (Option<regex::Match<'t>>, usize) {
    let whole = c.get(0).expect("a match");
    let taken = c.name("lone_bracket").is_some_and(|b| {
        c.name("lone_counter").is_some()
            || bracket_closes_a_cell(scan, plain, whole.start(), b.end())
    });
    match c.name("lone_bracket") {
        Some(b) if !taken => (None, b.start()),
        Some(_) => (c.name("lone"), whole.end()),
        None => (None, whole.end()),
    }
}

/// Does the bracket ending at `end`, after a value at `start`, close a table's cell: the cell
/// holding `start` holds nothing after it but separators and space?
fn bracket_closes_a_cell(scan: &Scan, plain: &str, start: usize, end: usize) -> bool {
    scan.tables.at(start).is_some_and(|(table, row, cell)| {
        let range = table.rows[row].cells[cell].clone();
        range.end >= end
            && plain[end..range.end]
                .trim()
                .trim_matches('|')
                .trim()
                .is_empty()
    })
}

/// Does `rest`, the text right after a percentage, name those it is a share of (`of patients`,
/// `were`, `had`, `patients`, `の患者`)?
fn names_whom_it_shares(rest: &str) -> bool {
    static S: OnceLock<Regex> = OnceLock::new();
    S.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)^\s*(?:of\b|(?:were|was|had|of the)\b|{COUNTERS_EN}|の(?:患者|症例))"
        ))
        .expect("the share pattern is valid")
    })
    .is_match(rest)
}

/// Is the percentage at `start..end` a value of a measure whose unit is the percent (`HbA1c
/// … fell from 8.8% to 8.1%`, `changes in HbA1c were -0.2%, -0.8%`, `LVEF 41.6%`) or a
/// difference of risks in points (`risk difference -11.7%`, `リスク差-2.9%`), rather than a share
/// of patients or a relative change? The measure is named earlier in the same clause (within
/// 60 characters, no full stop or semicolon between), and the percentage is neither followed by
/// `of` or the people it would be a share of (`45% of patients reached HbA1c < 7%`) nor put
/// after `in` (`occurred in 64.0%`).
fn value_of_a_measure_in_percent(plain: &str, start: usize, end: usize) -> bool {
    static M: OnceLock<Regex> = OnceLock::new();
    let measure = M.get_or_init(|| {
        Regex::new(r"(?i)(?:hba1c|a1c|glycated ha?emoglobin|ヘモグロビンa1c|ejection fraction|lvef|駆出率|spo2|haematocrit|hematocrit|body fat|体脂肪率|risk difference|absolute difference|リスク差)(?:[^.;。；]|\.\d)*$")
            .expect("the measure-in-percent pattern is valid")
    });
    let before = &plain[chars_back(plain, start, 60)..start];
    // `occurred in 64.0%`, `among 30%`: a share of the patients.
    let in_people = {
        let b = before.trim_end().to_lowercase();
        b.ends_with(" in") || b.ends_with(" among")
    };
    // `群間差の点推定値〔95%信頼区間〕 31.8%`, `between-group difference was 12%`, `群間差(4.6%,
    // 95%CI:0.4-8.8)`: the difference itself names the percentage (not `群間差はなかった(8% vs. 7%)`, where the groups' own rates
    // follow a sentence saying there was no difference).
    static D: OnceLock<Regex> = OnceLock::new();
    let difference = D.get_or_init(|| {
        Regex::new(r"(?i)(?:群間差(?:の(?:点)?推定値)?|between-group difference(?:\s+(?:was|of))?)\s*(?:[〔\[（(][^〕\]）)]*[〕\]）)])?\s*(?:は|:|：|,|[（(])?\s*$")
            .expect("the difference pattern is valid")
    });
    (measure.is_match(before) || difference.is_match(before))
        && !in_people
        && !names_whom_it_shares(&plain[end..])
}

/// Is the percentage at `start..end` a summary of a measure each patient has in percent (its
/// mean, median, SD or a bound of its mean's interval), not a share of the patients? A share is
/// never averaged: where the clause names a mean, average or median before the percentage
/// (`the mean decline in SVC … was 10.93%`, `平均減少率は…12.50%`) with no other number between
/// (but a time's: `from Baseline to Month 6`), or where a table's row is labelled by such a
/// statistic (`| 算術平均 | 79.44% |`, `| 標準偏差 | 24.59% |`), the percentage is that
/// measure's value. In the text, only a mean or median of a change (a decline, a reduction,
/// 減少率) is taken: a mean level in percent may be a share averaged over units. `Some(true)`
/// where what is summarised is a change, `Some(false)` where it is a level (a table's row),
/// `None` where neither holds, or where the percentage is followed by the people it would be a
/// share of (`of patients`, `were`).
fn summary_of_a_measure_in_percent(
    scan: &Scan,
    plain: &str,
    start: usize,
    end: usize,
) -> Option<bool> {
    // Also a share where those it counts did something (`45% achieved …`, `20%が`).
    static DID: OnceLock<Regex> = OnceLock::new();
    let did = DID.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:(?:achieved|reached|showed)\b|が)")
            .expect("the share pattern is valid")
    });
    if names_whom_it_shares(&plain[end..]) || did.is_match(&plain[end..]) {
        return None;
    }
    // `4 (17.4%)`: the share of the count before it.
    let opened = plain[..start].trim_end();
    if let Some(b) = opened.strip_suffix(['(', '（', '[']) {
        if b.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    // `a mean of 44% IOP readings`: a share of the things the noun after it counts.
    static NOUN_AFTER: OnceLock<Regex> = OnceLock::new();
    let noun_after = NOUN_AFTER
        .get_or_init(|| Regex::new(r"^[ \t]*[A-Za-z]+").expect("the word pattern is valid"));
    if let Some(w) = noun_after.find(&plain[end..]) {
        let word = w.as_str().trim().to_lowercase();
        let joins = [
            "in",
            "at",
            "from",
            "for",
            "and",
            "or",
            "vs",
            "versus",
            "compared",
            "with",
            "to",
            "respectively",
            "after",
            "during",
            "over",
            "by",
            "on",
            "per",
            "among",
            "than",
        ];
        if !joins.contains(&word.as_str()) {
            return None;
        }
    }
    if let Some(of_a_change) = statistic_row_of_a_table(scan, plain, start) {
        return Some(of_a_change);
    }
    mean_of_a_change_before(plain, start)
}

/// Words of a change (`decline`, `reduction`, 減少, 変化).
fn change_words() -> &'static Regex {
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    CHANGE.get_or_init(|| {
        Regex::new(r"(?i)(?:\b(?:declines?|decreases?|reductions?|increases?|changes?|improvements?|loss|gain|falls?|rises?|drops?|percentage change)\b|減少|低下|変化|改善|増加|上昇|抑制)")
            .expect("the change pattern is valid")
    })
}

/// Is the number at `start` a cell of a table's row labelled by a statistic of a measure
/// (`| 算術平均 | 79.44% |`, `| 標準偏差 |`), not by a count (`n (%)`)? `Some(true)` where
/// the column, the row or the lines above name a change (`変化率`), `Some(false)` for a level.
fn statistic_row_of_a_table(scan: &Scan, plain: &str, start: usize) -> Option<bool> {
    static STATISTIC: OnceLock<Regex> = OnceLock::new();
    let statistic = STATISTIC.get_or_init(|| {
        Regex::new(r"(?i)(?:\b(?:mean|average|median|sd|s\.d\.|standard deviation|iqr|interquartile|quartiles?|confidence interval|ci)\b|平均|中央値|標準偏差|四分位|信頼区間)")
            .expect("the statistic pattern is valid")
    });
    let change = change_words();
    // A table's row labelled by the statistic its cells print.
    let (table, row, cell) = scan.tables.at(start)?;
    let label = table.row_label(plain, row);
    let names_people = {
        let l = label.to_lowercase();
        [
            "n (",
            "n(",
            "no.",
            "number",
            "例数",
            "割合",
            "proportion",
            "rate",
        ]
        .iter()
        .any(|w| l.contains(w))
    };
    if cell == 0 || names_people || !statistic.is_match(label) {
        return None;
    }
    let header = table.column_header(plain, row, cell);
    let above = &plain[chars_back(plain, start, 400)..start];
    Some(
        change.is_match(&header) || change.is_match(label) || {
            // The table's title or the measure named in the lines above it (`痛みの程度の変化率`).
            above
                .lines()
                .rev()
                .take(12)
                .any(|l| change.is_match(l) && l.contains('率'))
        },
    )
}

/// Does the clause before the percentage at `start` name a mean or median of a change (`the
/// mean decline in SVC … was`, `平均減少率は`), with no number between but a time's?
fn mean_of_a_change_before(plain: &str, start: usize) -> Option<bool> {
    let change = change_words();
    // The clause before: back to a full stop, a semicolon, a line's end, or a comma that opens
    // another clause (`, and`, `, with`, `, while`).
    let from = chars_back(plain, start, 160);
    let before = &plain[from..start];
    let clause_start = before.rfind(['.', ';', '。', '；', '\n']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let mut clause = &before[clause_start..];
    for opener in [
        ", and ",
        ", with ",
        ", while ",
        ", whereas ",
        ", but ",
        "、一方",
    ] {
        if let Some(i) = clause.rfind(opener) {
            clause = &clause[i + opener.len()..];
        }
    }
    // In the text only a mean, average or median names a summary (a CI or SD there names the
    // interval around the percentage, whatever it is of).
    static AVERAGED: OnceLock<Regex> = OnceLock::new();
    let averaged = AVERAGED.get_or_init(|| {
        Regex::new(r"(?i)(?:\b(?:mean|average|median)\b|平均|中央値)")
            .expect("the average pattern is valid")
    });
    let m = averaged.find_iter(clause).last()?;
    let between = &clause[m.end()..];
    // `(response defined as a 50% reduction in average …) in the two groups (50% vs 27%`: the
    // mean was inside a bracket that has closed; the percentage is not what it names.
    if super::cues::closes_a_bracket(between) {
        return None;
    }
    // Only a time's number between (`Month 6`, `12週`): any other number or percentage is the
    // value the statistic names.
    static NUMBER_BETWEEN: OnceLock<Regex> = OnceLock::new();
    let number_between = NUMBER_BETWEEN
        .get_or_init(|| Regex::new(r"\d+(?:\.\d+)?").expect("the number pattern is valid"));
    let only_times = number_between.find_iter(between).all(|n| {
        after_a_time_noun(between, n.start())
            || ["週", "カ月", "ヶ月", "か月", "日", "年"]
                .iter()
                .any(|t| between[n.end()..].trim_start().starts_with(t))
    }) && !between.contains('%');
    if !only_times {
        return None;
    }
    // A mean level in percent may still be a share averaged over units (`a mean of 44% of
    // readings`); only a change of one (a mean decline, 平均減少率) is surely no share.
    change.is_match(&clause[m.start()..]).then_some(true)
}

/// Is the percentage at `start` set against the sentence's previous percentage (`compared to`,
/// `versus`, `than`, に対し, と比べ between them), and was that one read as a change? What a
/// change is compared with is a change of the same kind (`a mean decline of 10.93% … compared
/// to 12.71% in the placebo group`), however the first was decided.
fn set_against_a_change(scan: &Scan, start: usize) -> bool {
    static AGAINST: OnceLock<Regex> = OnceLock::new();
    let against = AGAINST.get_or_init(|| {
        Regex::new(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?|than)\s|に対し|と比べ|と比較")
            .expect("the against pattern is valid")
    });
    let at = scan.doc.plain.original_span(start..start + 1).start;
    let sentence = scan.doc.sentence_at(at);
    // The item right before, passing over a rate in brackets (`10.93% (1.82% per month) …
    // compared to`) and a quantity with its unit (`72.1% in those receiving 250 mg every two
    // weeks, … compared to placebo's 41.1%`): neither is what the percentage is set against.
    let passed_over = |i: &super::Item| {
        i.kind == ItemKind::Rate || i.kind == ItemKind::Number && i.parts.unit.is_some()
    };
    let Some(earlier) = scan
        .items
        .iter()
        .filter(|i| i.span[1] <= at && !passed_over(i))
        .max_by_key(|i| i.span[1])
        .filter(|i| scan.doc.sentence_at(i.span[0]) == sentence)
    else {
        return false;
    };
    let between = &scan.doc.original[earlier.span[1]..at];
    // A number between that no item has read (`by 75% versus placebo (1.1 vs. 4.8%`) is the
    // one this percentage is set against.
    // A quantity with its unit not read yet (`250 mg`) is passed over as above.
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare =
        BARE.get_or_init(|| Regex::new(r"\d+(?:[.,]\d+)?").expect("the number pattern is valid"));
    let unread_number = bare.find_iter(between).any(|m| {
        let i = earlier.span[1] + m.start();
        let read = scan
            .items
            .iter()
            .any(|it| it.span[0] <= i && i < it.span[1]);
        let rest = between[m.end()..].trim_start();
        let with_unit =
            rest.starts_with(|c: char| c.is_alphabetic()) && !rest.to_lowercase().starts_with("vs");
        !read && !with_unit
    });
    earlier.kind == ItemKind::PercentChange
        && !unread_number
        && between.chars().count() <= 100
        && against.is_match(between)
}

/// Is the percentage from `start` to `end` a product's strength, part of its name (`timolol
/// 0.1% gel`, `本剤0.5%`, `タクロリムス0.1%軟膏`), or the name of a group given that strength
/// (`1%群`)? A dose, not a share: it is followed by the form it is made up in (gel, cream, eye
/// drops, `ophthalmic solution`, 軟膏, 点眼液, 点眼: `1%アトロピン点眼`) or by 群, or it follows 本剤/本薬 (this drug), or the word before it
/// also names, elsewhere in the document, a strength followed by such a form (`timolol 0.5%`
/// beside `timolol 0.1% gel`).
fn names_a_concentration(plain: &str, start: usize, end: usize) -> bool {
    static F: OnceLock<Regex> = OnceLock::new();
    let form = F.get_or_init(|| {
        Regex::new(r"^\s*(?i:gel|cream|ointment|lotion|solution|suspension|eye\s*drops?|drops|spray|foam|patch|shampoo|varnish|mouthwash|ophthalmic|topical|otic|軟膏|クリーム|ゲル|ローション|点眼液|外用液|液)")
            .expect("the formulation pattern is valid")
    });
    if form.is_match(&plain[end..]) {
        return true;
    }
    // A combination's strengths listed before the form they share (`Adapalene 0.1% and
    // Benzoyl Peroxide 2.5% gel`, `0.1%/2.5% gel`): each is a strength.
    static SHARED_FORM: OnceLock<Regex> = OnceLock::new();
    let shared_form = SHARED_FORM.get_or_init(|| {
        Regex::new(r"^\s*(?:(?:and|or|plus|with|,|/|\+)\s*(?:[A-Za-z][A-Za-z-]*\s+){0,3}[\d.]+\s*%\s*)+(?i:gel|cream|ointment|lotion|solution|suspension|eye\s*drops?|spray|foam|shampoo|mouthwash)\b")
            .expect("the shared-form pattern is valid")
    });
    if shared_form.is_match(&plain[end..]) {
        return true;
    }
    // What a preparation contains (`GTを3.75%または2.5%含む`, `1%含有`, `containing 0.1%`), and
    // a gas's or solution's strength before its name (`2%の水素添加酸素`, `5%ブドウ糖液`), or
    // before an anaesthetic's, antiseptic's or infusion's (`0.5% ropivacaine`, `0.12%
    // chlorhexidine`, `1% atropine`, `5% dextrose`).
    static CONTAINS: OnceLock<Regex> = OnceLock::new();
    let contains = CONTAINS.get_or_init(|| {
        Regex::new(r"^\s*(?:(?:または|又は|or|and|、|,)\s*[\d.]+\s*%\s*)*(?:を)?\s*(?:含む|含有|配合)|^\s*の?(?:水素|酸素|窒素|ガス|ブドウ糖|食塩|生理食塩|塩化|リドカイン|エタノール)|^\s*(?i:[a-z]*caine|chlorhexidine|atropine|povidone|saline|dextrose|glucose|sodium\s+chloride|ethanol|hydrogen\s+peroxide)\b")
            .expect("the contents pattern is valid")
    });
    static CONTAINING: OnceLock<Regex> = OnceLock::new();
    let containing = CONTAINING.get_or_init(|| {
        Regex::new(r"(?i)\b(?:containing|contains|contained)\s*$")
            .expect("the containing pattern is valid")
    });
    if contains.is_match(&plain[end..]) || containing.is_match(&plain[..start]) {
        return true;
    }
    // A group named by its strength (`0.25%群`, `1%投与群`, with a footnote's mark between as
    // package inserts print it: `0.5%注)群`): the arm's dose, not a share.
    static G: OnceLock<Regex> = OnceLock::new();
    let group = G.get_or_init(|| {
        Regex::new(r"^\s*(?:注\d*\)|[*†‡]+|[a-z]\))?\s*(?:投与)?群")
            .expect("the strength-group pattern is valid")
    });
    if group.is_match(&plain[end..]) {
        return true;
    }
    let before = plain[..start].trim_end();
    if before.ends_with("本剤") || before.ends_with("本薬") {
        return true;
    }
    // The strength after the form (`プロトピック軟膏0.1%`, `Protopic ointment 0.1%`), or before
    // a Japanese product's name that ends in its form (`0.1%アルクロメタゾンプロピオン酸エステル軟膏`).
    static AFTER_FORM: OnceLock<Regex> = OnceLock::new();
    let after_form = AFTER_FORM.get_or_init(|| {
        Regex::new(r"(?i)(?:軟膏|クリーム|ゲル|ローション|点眼液|外用液|\b(?:ointment|cream|gel|lotion|eye\s*drops?))$")
            .expect("the form-before pattern is valid")
    });
    static NAMED_PRODUCT: OnceLock<Regex> = OnceLock::new();
    let named_product = NAMED_PRODUCT.get_or_init(|| {
        Regex::new(
            r"^[\p{Katakana}\p{Han}ー・]{2,30}?(?:軟膏|クリーム|ゲル|ローション|点眼液|点眼薬|点眼剤|点眼|外用液)",
        )
        .expect("the product-name pattern is valid")
    });
    if after_form.is_match(before) || named_product.is_match(&plain[end..]) {
        return true;
    }
    // The word right before the strength, and whether it names a strength with a form elsewhere.
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.chars().count() < 4 {
        return false;
    }
    static S: OnceLock<Regex> = OnceLock::new();
    let strength = S.get_or_init(|| {
        Regex::new(r"(?P<word>[\p{L}-]+)\s*\d+(?:\.\d+)?\s*%")
            .expect("the strength pattern is valid")
    });
    strength.captures_iter(plain).any(|c| {
        let m = c.get(0).expect("a match");
        c["word"].eq_ignore_ascii_case(&word) && form.is_match(&plain[m.end()..])
    })
}

/// Percentages listed together, each with its own `%` and nothing but a comma or `and`
/// between them (`were 1.0%, -5.6%, and -8.7%, respectively`), are of one kind: where one of
/// them is printed signed, a change (a share of people is never below 0), every one of them
/// is a change, the unsigned ones too. A percentage with its count or whole is a share and
/// ends the list.
fn percents_listed_with_a_signed_change(scan: &mut Scan) {
    let original = scan.doc.original;
    let mut order: Vec<usize> = (0..scan.items.len())
        .filter(|&i| {
            let it = &scan.items[i];
            matches!(it.kind, ItemKind::Percent | ItemKind::PercentChange)
                && it.parts.count.is_none()
                && it.parts.of.is_none()
        })
        .collect();
    order.sort_by_key(|&i| scan.items[i].span[0]);
    let joined = |a: usize, b: usize| {
        let gap = original
            .get(scan.items[a].span[1]..scan.items[b].span[0])
            .unwrap_or("x")
            .trim();
        let gap = gap.trim_start_matches(',').trim();
        gap.is_empty() || gap == "and" || gap == "or" || gap == "、" || gap == "及び"
    };
    let signed: Vec<bool> = (0..scan.items.len())
        .map(|i| {
            // The sign glued to its digits: `- 77%` after `40%` is a range's dash.
            let t = scan.items[i].text.trim_start();
            t.strip_prefix(['-', '−', '－', '▲'])
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &i in &order {
        match runs.last_mut() {
            Some(run) if joined(*run.last().expect("a run is never empty"), i) => run.push(i),
            _ => runs.push(vec![i]),
        }
    }
    for run in runs {
        if run.len() >= 2 && run.iter().any(|&i| signed[i]) {
            for i in run {
                scan.items[i].kind = ItemKind::PercentChange;
            }
        }
    }
}

/// The bare numbers of a list that ends in the percentage at `at` (`0.8, -4.6 and -9.2%`,
/// `12, 15 or 20%`): a list prints its unit once, after its last number, and each number of
/// it is a percentage of the same kind. Empty where no list of bare numbers (each with nothing
/// but a comma, `and`, `or` or `vs.` before the next) ends right there; a number with a unit or `%`
/// of its own ends the list. A single number before a comma is no list (`In 2019, 45%`,
/// `n = 12, 40%`), nor is one that reads as a year.
fn list_sharing_the_sign(plain: &str, at: usize) -> Vec<std::ops::Range<usize>> {
    static P: OnceLock<Regex> = OnceLock::new();
    let list = P.get_or_init(|| {
        let p = r"(?x)
            (?: (?: ^ | [\s(\[（:;] ) (?P<list> (?: [-−+]? \d+ (?: [.·] \d+ )? \s* (?: , \s* (?: (?: and | or ) \s+ )? | (?: and | or | vs\.? | versus ) \s+ ) )+ ) ) $";
        Regex::new(p).expect("the shared-sign list pattern is valid")
    });
    static N: OnceLock<Regex> = OnceLock::new();
    let number = N.get_or_init(|| Regex::new(r"[-−+]?\d+(?:[.·]\d+)?").expect("valid"));
    let from = plain[..at]
        .char_indices()
        .rev()
        .nth(80)
        .map_or(0, |(i, _)| i);
    let Some(m) = list.captures(&plain[from..at]).and_then(|c| c.name("list")) else {
        return Vec::new();
    };
    let start = from + m.start();
    let numbers: Vec<_> = number.find_iter(m.as_str()).collect();
    // `(-0.34 vs. -0.16%, p=0.036)`: two values compared share the sign after the second.
    let joined = ["and", "or", "vs", "versus"]
        .iter()
        .any(|w| m.as_str().contains(w));
    let a_year =
        |t: &str| t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    if !(joined || numbers.len() >= 2)
        || numbers.iter().any(|n| a_year(n.as_str()))
        || after_a_time_noun(plain, start)
    {
        return Vec::new();
    }
    numbers
        .iter()
        .map(|n| start + n.start()..start + n.end())
        .collect()
}

/// Reads every count of a whole (`5 of 7`, `92/104`, `7 名中 5 名`).
fn find_counts_of(scan: &mut Scan, plain: &str) {
    for c in count_of_pattern().captures_iter(plain) {
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
        // `None of the 40 patients`: zero of a number printed in digits; `none of the two
        // observers` counts no data.
        let none_of_words = count.as_str().eq_ignore_ascii_case("none")
            && !of.as_str().starts_with(|c: char| c.is_ascii_digit());
        if !scan.free(range.clone())
            || none_of_words
            || inside_name(plain, count.start().min(of.start()), count.end())
            || plain[..range.start].ends_with('/')
            || words_not_a_count(plain, range.start)
        {
            continue;
        }
        let (Some(k), Some(n)) = (scan.number(count.range()), scan.number(of.range())) else {
            continue;
        };
        if k.number.value > n.number.value || n.number.value == 0.0 {
            continue;
        }
        if c.name("count3").is_some()
            && pair_after_an_n_sign_is_no_count(
                &plain[..range.start],
                k.number.value,
                n.number.value,
            )
        {
            continue;
        }
        // The scores name the category (`PGA 0/1`): no datum, as a scale's anchors are none.
        if c.name("count3").is_some()
            && scores_of_a_scale(plain, range.start, k.number.value, n.number.value)
        {
            let span = scan.doc.plain.original_span(range);
            scan.not_data.claim(span);
            continue;
        }
        if c.name("count3").is_some_and(|_| {
            slash_date(plain, range.clone(), &k, &n)
                || page_counter(plain, range.clone())
                || names_categories(plain, range.start)
                || counts_of_two_categories(plain, range.start)
                || column_of_two_categories(scan, plain, range.start)
                || fraction_of_a_quantity(plain, range.clone(), n.number.value)
                || doses_of_a_combination(plain, range.end)
        }) || fraction_of_time(plain, range.clone())
        {
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
}

/// Is a slash pair after an n's sign (`(n = 78/99)`, `N=45/47`) something else than a count
/// of a whole: two numbers of people (each arm's, or those improved and those not)? It is a
/// count of its whole only where a percentage printed right before it is that count's share
/// (`46% (n=6/13)`: 6 of 13 is 46 %); a table's cell `(n = 78/99)` under `44%` (78 of 177
/// improved and not) prints no such share beside it.
fn pair_after_an_n_sign_is_no_count(before: &str, k: f64, n: f64) -> bool {
    static SHARE: OnceLock<Regex> = OnceLock::new();
    let t = before.trim_end();
    let Some(t) = t.strip_suffix(['=', '＝']) else {
        return false;
    };
    let t = t.trim_end();
    if !t.ends_with(['n', 'N']) || t[..t.len() - 1].ends_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let share = SHARE.get_or_init(|| {
        Regex::new(r"(\d+(?:\.\d+)?)\s*[%％]\s*[(\[（]?\s*$").expect("the share is a valid pattern")
    });
    let before_sign = &t[..t.len() - 1];
    !share.captures(before_sign).is_some_and(|c| {
        crate::reported::ReportedNumber::parse(&c[1], "share").is_ok_and(|p| {
            p.contains(
                100 * k as i128,
                n as i128,
                crate::checks::Rounding::UpOrDown,
            )
            .unwrap_or(false)
        })
    })
}

/// Is the slash pair ending at `end` the doses of a fixed combination, followed by their unit
/// (`amlodipine/valsartan 10/320 mg`, `(5/80 mg)`, `50/500 µg`): two doses, no count of people?
fn doses_of_a_combination(plain: &str, end: usize) -> bool {
    static UNIT: OnceLock<Regex> = OnceLock::new();
    let unit = UNIT.get_or_init(|| {
        Regex::new(r"^\s?(?:(?i:mg|µg|μg|mcg|ug|g|ml|iu|units?|mmol|meq)\b|単位|ミリグラム)")
            .expect("the dose unit pattern is valid")
    });
    unit.is_match(&plain[end..])
}

/// Is the slash pair at `range` a part of a span of time (`≥6/12 treatment weeks`, `4/7
/// days`, `12/24週`): weeks, days or visits out of so many, followed by their unit (after a
/// word or two that name them), which a responder's definition or a regimen prints, no count
/// of people?
fn fraction_of_time(plain: &str, range: std::ops::Range<usize>) -> bool {
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let after = AFTER.get_or_init(|| {
        Regex::new(
            r"^\s*(?:(?i:(?P<word>[a-z][a-z-]*)\s+))?(?:(?i:weeks?|days?|months?|years?|visits?|nights?|hours?|sessions?|cycles?|doses?)\b|(?:週間?|日間?|か月|ヵ月|カ月|ヶ月|年間?|回|時間|夜|サイクル))",
        )
        .expect("the time fraction pattern is valid")
    });
    // The word before the unit names the span (`treatment weeks`, `consecutive days`), not
    // whom or when (`12/40 patients at week 12`).
    after.captures(&plain[range.end..]).is_some_and(|c| {
        c.name("word").is_none_or(|w| {
            matches!(
                w.as_str().to_lowercase().as_str(),
                "treatment"
                    | "study"
                    | "dosing"
                    | "consecutive"
                    | "follow-up"
                    | "observation"
                    | "assessment"
                    | "scheduled"
                    | "planned"
                    | "evaluable"
                    | "diary"
            )
        })
    })
}

/// Is the slash pair at `range` a fraction of a quantity named with it (`CES-D 減少度の 2/3`,
/// `用量の1/2`, `1/2 of the dose`, `two-thirds`): a small denominator right after の (of) or
/// before `of the`, which is no count of people out of so many?
fn fraction_of_a_quantity(plain: &str, range: std::ops::Range<usize>, of: f64) -> bool {
    static AFTER: OnceLock<Regex> = OnceLock::new();
    let after = AFTER.get_or_init(|| {
        Regex::new(r"^\s*(?i:of\s+(?:the|a|an|its|their|his|her)\b)")
            .expect("the fraction pattern is valid")
    });
    of <= 10.0
        && (plain[..range.start].trim_end().ends_with('の') || after.is_match(&plain[range.end..]))
}

/// Is the slash pair at `start` the counts of two categories its line names the same way
/// before it (`Sex, women/men | 37/37 | 8/6`, `男性/女性=14/16`, `Sex (M/F) 87/162`): so many
/// women and so many men, no count of a whole?
fn counts_of_two_categories(plain: &str, start: usize) -> bool {
    let line_start = plain[..start].rfind('\n').map_or(0, |k| k + 1);
    names_a_pair_of_categories(&plain[line_start..start])
}

/// Does the column a table's cell at `start` stands in name two categories (`Male/female`
/// over `13/17`, a table copied a cell a line whose row label is on another line)?
fn column_of_two_categories(scan: &Scan, plain: &str, start: usize) -> bool {
    scan.tables.at(start).is_some_and(|(table, row, cell)| {
        cell > 0 && names_a_pair_of_categories(&table.column_header(plain, row, cell))
    })
}

/// Does `label` name two categories joined by a slash (`women/men`, `M/F`, `男性/女性`, or
/// [`names_two_categories`])?
fn names_a_pair_of_categories(label: &str) -> bool {
    static PAIR: OnceLock<Regex> = OnceLock::new();
    let pair = PAIR.get_or_init(|| {
        let one = r"(?:(?i:women|men|females?|males?|girls|boys|yes|no|left|right)|[MF]|男性?|女性?|はい|いいえ|右|左)";
        Regex::new(&format!(r"(?:^|[^\p{{L}}]){one}\s*/\s*{one}(?:$|[^\p{{L}}])"))
            .expect("the categories' pair is a valid pattern")
    });
    pair.is_match(label) || names_two_categories(label)
}

/// Does a row's label (`before`: its line up to the pair, read up to its first number) name
/// two categories joined by a slash: two grades in Roman numerals (`ASA I/II`, `NYHA II/III`)
/// or a category and its negation (`Smoker/non-smoker`, `Dominant/nondominant side`)? A row
/// so labelled prints each category's count on either side of its slash (`10/20`), no count
/// of a whole.
fn names_two_categories(before: &str) -> bool {
    static PAIR: OnceLock<Regex> = OnceLock::new();
    let pair = PAIR.get_or_init(|| {
        Regex::new(r"(?:^|[^\p{L}/])(?P<a>\p{L}[\p{L}\-]{0,14})\s*/\s*(?P<b>\p{L}[\p{L}\-]{0,18})(?:$|[^\p{L}/])")
            .expect("the categories' words are a valid pattern")
    });
    let roman = |w: &str| !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let negation = |a: &str, b: &str| {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        let negated = |x: &str, y: &str| {
            ["non-", "non", "un", "in"]
                .iter()
                .any(|n| x.strip_prefix(n).is_some_and(|rest| rest == y))
        };
        negated(&a, &b) || negated(&b, &a)
    };
    // The label: the line up to its first number (the row's first pair, or a cell before it).
    let label = &before[..before
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(before.len())];
    pair.captures_iter(label).any(|c| {
        let (a, b) = (&c["a"], &c["b"]);
        roman(a) && roman(b) || negation(a, b)
    })
}

/// Is the slash pair at `start` (`k/n`) two neighbouring scores of a scale whose abbreviation
/// stands right before it (`PGA 0/1`, `IGA 0/1`, `mRS 0/1`: clear or almost clear, the
/// responders' category), not a count of a whole? Two consecutive small scores after a word
/// of two capitals or more.
fn scores_of_a_scale(plain: &str, start: usize, k: f64, n: f64) -> bool {
    let before = &plain[..start];
    let Some(word_end) = before.strip_suffix(' ').map(str::len) else {
        return false;
    };
    let word = before[..word_end]
        .rsplit(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    capitals >= 2 && k.fract() == 0.0 && n == k + 1.0 && n <= 10.0
}

/// Is the slash pair at `start` two categories of a scale named right before it (`Year
/// 10/11`, `grade 3/4 adverse events`, `NYHA class II/III`, `stage 1/2`): which years or
/// grades, not a count of a whole?
fn names_categories(plain: &str, start: usize) -> bool {
    let word = plain[..start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "year"
            | "years"
            | "grade"
            | "grades"
            | "class"
            | "classes"
            | "stage"
            | "stages"
            | "phase"
            | "phases"
            | "type"
            | "types"
            | "level"
            | "levels"
            | "step"
            | "steps"
            | "tier"
    )
}

/// Does a number in digits (capture `en` of [`n_pattern`], `m`) count something else than the
/// people its words name? Between the number and the people stand only their adjectives
/// (`61 HIV-infected patients`, `772 overweight and obese adults`, `150 young Belgian
/// adults`): no word of a clause (`of`, `in`, `with`, `were`), no unit or time (`12 weeks
/// after surgery patients`, `4 mg daily`), and no year (`in 2019 Japanese patients`).
fn digits_count_nothing(c: &regex::Captures, m: regex::Match) -> bool {
    let between = c.name("between").map_or("", |b| b.as_str());
    // The number as matched may hold the space before it (`over 24 weeks in patients`).
    let digits = m.as_str().trim_start();
    if between.trim().is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let year = digits.len() == 4
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    // Adjectives may stand in a list before the people (`490 sedentary, obese adults`); a
    // comma after a unit or a clause's word ends a phrase (`12 weeks, patients`), which the
    // words below reject.
    let words: Vec<String> = between
        .split_whitespace()
        .map(|w| w.trim_end_matches(',').to_ascii_lowercase())
        .collect();
    const CLAUSE: [&str; 22] = [
        "of", "the", "a", "an", "in", "with", "per", "from", "to", "at", "by", "for", "on", "who",
        "were", "was", "had", "have", "these", "those", "our", "their",
    ];
    const UNITS: [&str; 26] = [
        "week",
        "weeks",
        "day",
        "days",
        "month",
        "months",
        "year",
        "years",
        "hour",
        "hours",
        "minutes",
        "mg",
        "kg",
        "g",
        "ml",
        "times",
        "session",
        "sessions",
        "dose",
        "doses",
        "cycles",
        "visits",
        "points",
        "events",
        "more",
        "additional",
    ];
    year || words.first().is_some_and(|w| w == "and" || w == "or")
        || words
            .iter()
            .any(|w| CLAUSE.contains(&w.as_str()) || UNITS.contains(&w.as_str()))
        || phrase_ends_before_the_people(between)
}

/// Does a comma between a number and the people after it close a noun phrase of its own
/// (`these three parameters, patients`, `seven days, infants`) rather than a list of the
/// people's adjectives (`490 sedentary, obese adults`)? A word before such a comma that is a
/// plural noun (ends in `s`) or a unit of time says so.
fn phrase_ends_before_the_people(between: &str) -> bool {
    between.split_whitespace().any(|w| {
        w.strip_suffix(',').is_some_and(|w| {
            let w = w.to_ascii_lowercase();
            w.ends_with('s') || ["day", "week", "month", "year", "hour"].contains(&w.as_str())
        })
    })
}

/// Does a number in words (capture `en` of [`n_pattern`], `m`) count nothing: followed by a
/// word that makes it `one of the patients` rather than `Fifteen adult patients`, or preceded
/// by one that makes it other than a count?
fn words_count_nothing(plain: &str, c: &regex::Captures, m: regex::Match) -> bool {
    // A number in words counts what follows it straight away or after its adjectives
    // (`Fifteen adult patients`), not `one of the patients`.
    let words = m
        .as_str()
        .trim_start()
        .starts_with(|c: char| c.is_ascii_alphabetic());
    let between = c.name("between").map_or("", |b| b.as_str());
    words
        && (between.split_whitespace().any(|w| {
            [
                "of", "the", "a", "an", "these", "those", "our", "their", "who", "were", "was",
                "and", "or", "in", "to", "per",
            ]
            .contains(&w.trim_end_matches(',').to_ascii_lowercase().as_str())
        }) || phrase_ends_before_the_people(between)
            || words_not_a_count(plain, m.start()))
}

/// The sentence around `at` in `plain`: from the last sentence end (`. `, `。`, a line
/// break) before it to the next after it, within 1,000 bytes each way (no sentence is longer,
/// and a look to the text's ends for every number would make the reading quadratic).
fn sentence_around(plain: &str, at: usize) -> &str {
    let low = (at.saturating_sub(1000)..=at)
        .find(|&i| plain.is_char_boundary(i))
        .unwrap_or(at);
    let high = ((at + 1000).min(plain.len())..=plain.len())
        .find(|&i| plain.is_char_boundary(i))
        .unwrap_or(plain.len());
    let before = &plain[low..at];
    let start = before
        .rfind(". ")
        .map(|i| i + 2)
        .into_iter()
        .chain(before.rfind(['\n', '。']).map(|i| i + 1))
        .max()
        .map_or(low, |i| low + i);
    let rest = &plain[at..high];
    let end = [rest.find(". "), rest.find(['\n', '。'])]
        .into_iter()
        .flatten()
        .min()
        .map_or(high, |i| at + i);
    &plain[start..end]
}

/// Whether the sentence around `at` counts people: it names them (`244 cases`, `55 patients`)
/// or says they were allocated, included or analysed.
fn sentence_counts_people(plain: &str, at: usize) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)\b(?:{COUNTERS_EN}|randomi[sz]ed|assigned|allocated|enrolled|included|analy[sz]ed|recruited|completed)\b"
        ))
        .expect("the people pattern is valid")
    });
    p.is_match(sentence_around(plain, at))
}

/// Whether the text before a number opens one share of a list of groups: a bracket, a comma
/// or a colon, `and`/`or`, or a verb counting people (`included 798 in the intervention
/// group`); not a measure's words (`pain scores of 209 in the tai chi group`).
fn opens_a_share(before: &str) -> bool {
    let before = before.trim_end();
    if before.is_empty() || before.ends_with(['(', ',', ';', ':', '（', '、']) {
        return true;
    }
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "and"
            | "or"
            | "with"
            | "including"
            | "included"
            | "enrolled"
            | "randomized"
            | "randomised"
            | "analyzed"
            | "analysed"
            | "recruited"
            | "for"
    )
}

/// Whether the list of shares a number `in` a group ends opens as a list of groups does
/// ([`opens_a_share`]): the first number of the sentence printed `in` a group decides for
/// those joined to it (`scores of 209 in the tai chi group and 220 in the control group`
/// are none).
fn first_share_opens_a_list(plain: &str, at: usize) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?:^|[\s(（,;:])(\d[\d,]*)\s+(?:(?:were|was)\s+)?in\s")
            .expect("the share pattern is valid")
    });
    let sentence = sentence_around(plain, at);
    let offset = sentence.as_ptr() as usize - plain.as_ptr() as usize;
    let before = &sentence[..at - offset];
    match p.captures(before).and_then(|c| c.get(1)) {
        Some(first) => {
            let opener = before[..first.start()].trim_end();
            !opener.ends_with(" and") && !opener.ends_with(" or") && opens_a_share(opener)
        }
        None => opens_a_share(before),
    }
}

/// Whether the sentence holding `at` allocates people before it (`were randomized,`, `were
/// assigned to`).
fn allocated_before(plain: &str, at: usize) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(&format!("(?i){}", super::cues::ALLOCATING_VERBS))
            .expect("the allocation pattern is valid")
    });
    let sentence = sentence_around(plain, at);
    let offset = sentence.as_ptr() as usize - plain.as_ptr() as usize;
    p.is_match(&sentence[..at - offset])
}

/// Reads every n (`n = 104`, `7 名`, `Fifteen adult patients`), with its unit when printed.
// Long because it holds one branch per form of [`n_pattern`], each with the guard that form
// needs, in the pattern's order, then the checks every n passes.
fn find_ns(scan: &mut Scan, plain: &str) {
    // Read on from the end of each number, not of the match: `599 (301 intervention, 298
    // control) patients` holds three.
    let mut pos = 0;
    while let Some(c) = n_pattern().captures_at(plain, pos) {
        let (m, unit, range) = if let Some(m) = c.name("n") {
            (m, None, c.get(0).expect("a match").start()..m.end())
        } else if let Some(m) = c.name("ja") {
            let u = c.name("jaunit").expect("unit");
            (m, Some(u.as_str().to_string()), m.start()..u.end())
        } else if let Some(m) = c.name("en") {
            let u = c.name("enunit").expect("unit");
            // `at week 4 among women`: the number after a time's noun, words between it and
            // the people, is the time.
            let words_between = c
                .name("between")
                .is_some_and(|b| !b.as_str().trim().is_empty());
            if words_count_nothing(plain, &c, m)
                || digits_count_nothing(&c, m)
                || words_between && after_a_time_noun(plain, m.start())
            {
                pos = m.end();
                continue;
            }
            (m, Some(u.as_str().to_string()), m.start()..m.end())
        } else if let Some(m) = c.name("hyphen") {
            // `a 75-patient study`: the count as a compound adjective of the people it counts.
            let u = c.name("hyphenunit").expect("unit");
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
        } else if let Some(m) = c.name("each") {
            // `Week 8 in each group`: a time's number, not a count.
            if after_a_time_noun(plain, m.start()) {
                pos = m.end();
                continue;
            }
            (m, None, m.start()..m.end())
        } else if let Some(m) = c.name("whom").or(c.name("ofthe")) {
            (m, None, m.start()..m.end())
        } else if let Some(m) = c.name("ingroup") {
            // `71 in the chemotherapy group`: a count where the sentence counts people or
            // allocates them; `by 5 in the placebo group` (a score's change) or `week 4 in the
            // drug group` (a time) is none.
            if after_a_time_noun(plain, m.start())
                || !sentence_counts_people(plain, m.start())
                || !first_share_opens_a_list(plain, m.start())
            {
                pos = m.end();
                continue;
            }
            (m, None, m.start()..m.end())
        } else if let Some(m) = c.name("allotted") {
            // `746 women were randomized, 370 to suture and 376 to staple closure`: each share
            // of an allocation the sentence has named before it.
            if !allocated_before(plain, m.start()) {
                pos = m.end();
                continue;
            }
            (m, None, m.start()..m.end())
        } else if let Some(m) = c.name("coord") {
            // `449 and 391 athletes`, `13, 12 and 11 patients`: numbers joined by `and` share
            // the people the last one names.
            if after_a_time_noun(plain, m.start()) {
                pos = m.end();
                continue;
            }
            (m, None, m.start()..m.end())
        } else {
            let m = c.name("assigned").expect("assigned");
            (m, None, m.start()..m.end())
        };
        pos = m.end();
        // Table headers glued by text extraction (`n = 48n = 50`): the next `n =` starts right
        // after this number's last digit, which its pattern needs to see as the character
        // before it.
        if plain[pos..].starts_with(['n', 'N'])
            && plain[..pos].ends_with(|c: char| c.is_ascii_digit())
        {
            pos -= 1;
        }
        // From the `n` itself, not the character before it.
        let range = match c.name("n") {
            Some(_) => {
                let s = &plain[range.clone()];
                let skip = s.find(['n', 'N']).unwrap_or(0);
                range.start + skip..range.end
            }
            None => range,
        };
        if !scan.free(range.clone())
            || inside_name(plain, m.start(), m.end())
            || per_person(&plain[range.end..])
        {
            continue;
        }
        let Some(value) = scan.number(m.range()) else {
            continue;
        };
        // A number of people is a whole number (`2.5万人` is 25,000): `a 0.2 point worsening
        // in patients on placebo` prints a change, not 0.2 patients.
        if value.number.value < 0.0 || value.number.value.fract() != 0.0 {
            continue;
        }
        // Nor printed with decimals: `maximum n=2.00` is a mean number of doses' limit.
        if value.number.decimals > 0 {
            continue;
        }
        let bound = bound_around(plain, m.start(), m.end());
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
    use crate::draft::{Sentences, read_document};

    #[test]
    fn the_number_of_a_time_with_words_before_the_people_is_no_count() {
        // Made-up phrases: `week 4 among women` is a time; `30 among women` a count.
        use crate::draft::ItemKind;
        let items = read_document(&Sentences::new(
            "Abstinence at week 4 among women was 35.3%. It was seen in 30 among women.",
        ));
        let ns: Vec<f64> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .filter_map(|i| i.parts.value.as_ref().map(|v| v.number.value))
            .collect();
        assert_eq!(ns, [30.0]);
    }

    #[test]
    fn a_count_of_trials_or_sites_is_no_count_of_people() {
        // Made-up phrases.
        let unit = |count: &str, after: &str| super::research_unit_counted(count, after);
        assert_eq!(
            unit(
                "one of two",
                " pivotal Phase III clinical trials of the drug."
            ),
            Some("trials".to_string())
        );
        assert_eq!(
            unit("12 of 39", " sites enrolled"),
            Some("sites".to_string())
        );
        assert_eq!(unit("39施設中12施設", "で"), Some("施設".to_string()));
        // People counted first, or nothing counted before a comma: no unit of research.
        assert_eq!(unit("5 of 7", " patients in two trials"), None);
        assert_eq!(unit("5 of 7", ", in two trials"), None);
        assert_eq!(unit("12 of 40", " (30%) in the drug group"), None);
    }

    #[test]
    fn a_whole_printed_with_a_space_between_its_thousands_is_one_number() {
        // Made-up counts in The Lancet's layout: `16/14 964 (0·1%)`, `0/14 964`; a whole of
        // four digits has no space (`62/4902`).
        let items = crate::draft::read_items(
            "Overall | 16/14 964 (0·1%) | 62/4902 (1·3%) |\nSevere | 0/14 964 | 20/4902 (0·4%) |\n",
        );
        let got: Vec<(ItemKind, String, String)> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Percent | ItemKind::CountOf))
            .map(|i| {
                (
                    i.kind,
                    i.parts.count.as_ref().unwrap().number.plain.clone(),
                    i.parts.of.as_ref().unwrap().number.plain.clone(),
                )
            })
            .collect();
        let want = [
            (ItemKind::Percent, "16", "14964"),
            (ItemKind::Percent, "62", "4902"),
            (ItemKind::CountOf, "0", "14964"),
            (ItemKind::Percent, "20", "4902"),
        ]
        .map(|(k, c, o)| (k, c.to_string(), o.to_string()));
        assert_eq!(got, want);
        // A whole with a comma between its thousands in the percentage's bracket.
        let items = crate::draft::read_items("全有害事象は69%(867/1,251例)であった。");
        let p = &items[0].parts;
        assert_eq!(
            (
                p.count.as_ref().map(|c| c.number.plain.as_str()),
                p.of.as_ref().map(|c| c.number.plain.as_str())
            ),
            (Some("867"), Some("1251"))
        );
    }

    #[test]
    fn a_count_in_a_bracket_after_its_percentage() {
        // Made-up values. A table's cells `P%(k)`, and a bracket that names what it counts,
        // give the percentage its count; a bare bracketed number after a percentage in prose
        // (a reference's) does not.
        let items = crate::draft::read_items(
            "表 有害事象\nA群(n=300) | B群(n=310) | |\n---|---|---|\n頭痛 | 3%(9) | 5%(16) | |\n悪心 | <1%(2) | 4%(12) | |\n\n副作用は5%(15例)であった。Obesity affects 40% (12) of adults.\n",
        );
        let got: Vec<(String, Option<String>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.plain.clone(),
                    i.parts.count.as_ref().map(|c| c.number.plain.clone()),
                )
            })
            .collect();
        let want: Vec<(String, Option<String>)> = [
            ("3", Some("9")),
            ("5", Some("16")),
            ("1", Some("2")),
            ("4", Some("12")),
            ("5", Some("15")),
            ("40", None),
        ]
        .iter()
        .map(|(v, c)| (v.to_string(), c.map(str::to_string)))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn percents_listed_with_a_signed_one_are_changes() {
        // Made-up numbers: the first of a list printed without its sign is a change as the
        // others are; a range's dash signs nothing, and shares listed alone stay shares.
        let items = read_document(&Sentences::new(
            "In LDL they were 1.2%, -4.8%, and -7.9%, respectively. It occurs in 30% - 60% of cases. Response: 45% and 30%.",
        ));
        let values: Vec<String> = items
            .iter()
            .map(|i| format!("{} {}", i.kind.as_str(), i.parts.numbers()[0].number.text))
            .collect();
        assert_eq!(
            values,
            [
                "percent_change 1.2",
                "percent_change -4.8",
                "percent_change -7.9",
                "percent 30",
                "percent 60",
                "percent 45",
                "percent 30"
            ]
        );
    }

    #[test]
    fn a_number_of_people_is_whole() {
        // Made-up numbers: a change printed before the people it is of is no count of them;
        // a count written with a multiplier (`2.5万人`) still is one.
        let items = read_document(&Sentences::new(
            "A 5.7 point improvement versus a 0.2 point worsening in patients on placebo. 約2.5万人が参加した。",
        ));
        let ns: Vec<f64> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .filter_map(|i| i.parts.value.as_ref().map(|v| v.number.value))
            .collect();
        assert_eq!(ns, [25000.0]);
    }

    #[test]
    fn a_time_or_a_limit_before_the_people_is_no_count_of_them() {
        // Made-up sentences in an abstract's form: a duration, then the people it was of
        // (the number as read holds the space before it); a maximum printed with decimals.
        let items = read_document(&Sentences::new(
            "It lowered body weight over 24 weeks in Japanese patients. The mean number swallowed was 1.64 (maximum n=2.00). We enrolled 61 HIV-infected patients.",
        ));
        let ns: Vec<f64> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .filter_map(|i| i.parts.value.as_ref().map(|v| v.number.value))
            .collect();
        assert_eq!(ns, [61.0]);
    }

    #[test]
    fn a_percentage_with_its_whole_then_its_count_in_japanese_order() {
        // `5.0%(60例中3例)`: of 60 cases, 3 (made-up numbers in a package insert's form).
        let items = read_document(&Sentences::new(
            "副作用は5.0%(60例中3例)。有効率は80.0%（20例中16例）であった。",
        ));
        let counts: Vec<(String, String)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                let n = |p: &Option<crate::draft::Printed>| {
                    p.as_ref().map_or(String::new(), |p| p.number.plain.clone())
                };
                (n(&i.parts.count), n(&i.parts.of))
            })
            .collect();
        assert_eq!(
            counts,
            [("3".into(), "60".into()), ("16".into(), "20".into())]
        );
    }

    #[test]
    fn a_whole_grouped_by_thousands_before_its_count_and_share_is_one_number() {
        // Made-up numbers in a package insert's form: `1,500例中120例(8.0%)` is 120 of 1500,
        // never 120 of 500.
        let items = read_document(&Sentences::new(
            "副作用は1,500例中120例(8.0%)に認められた。",
        ));
        let share = items
            .iter()
            .find(|i| i.kind == ItemKind::Percent)
            .expect("the share");
        let plain = |p: &Option<crate::draft::Printed>| p.as_ref().map(|p| p.number.value);
        assert_eq!(plain(&share.parts.of), Some(1500.0));
        assert_eq!(plain(&share.parts.count), Some(120.0));
    }

    #[test]
    fn a_count_followed_at_once_by_its_share_in_a_list_of_events() {
        // Made-up numbers as a Japanese list of adverse events prints them: each arm's count
        // and share glued, no bracket; an arm with none prints its count alone.
        let items = read_document(&Sentences::new(
            "多尿(A群12例3.5%、B群0例)、口渇(7例2.0%、2例1.1%)であった。",
        ));
        let shares: Vec<(String, String)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                let count = i
                    .parts
                    .count
                    .as_ref()
                    .map_or("", |p| p.number.plain.as_str());
                let value = i
                    .parts
                    .value
                    .as_ref()
                    .map_or("", |p| p.number.plain.as_str());
                (count.to_string(), value.to_string())
            })
            .collect();
        let want = [("12", "3.5"), ("7", "2.0"), ("2", "1.1")]
            .map(|(c, v)| (c.to_string(), v.to_string()));
        assert_eq!(shares, want);
    }

    /// The texts drafted with kind `k`, in order.
    fn of_kind(kinds: &[(ItemKind, String)], k: ItemKind) -> Vec<&str> {
        kinds
            .iter()
            .filter(|(kind, _)| *kind == k)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    #[test]
    fn a_count_of_people_described_by_a_list_of_adjectives_is_an_n() {
        // Made-up numbers: adjectives listed with commas between the number and the people
        // (`490 sedentary, obese adults`); a comma after a unit or a year ends the phrase.
        let kinds: Vec<(ItemKind, String)> = read_document(&Sentences::new(
            "A total of 490 sedentary, obese adults were randomized. Ten frail, institutionalized volunteers took part. After 12 weeks, patients improved. In 2019, Japanese patients were seen. After seven days, infants cried less. For these three parameters, patients did better.",
        ))
        .into_iter()
        .map(|i| (i.kind, i.text.trim().to_string()))
        .collect();
        assert_eq!(of_kind(&kinds, ItemKind::N), ["490", "Ten"]);
    }

    #[test]
    fn a_percentage_in_a_japanese_list_of_changes_is_its_measures_change() {
        // Made-up numbers: measures as topics (`体脂肪は`) with their amounts, one verb
        // (`減少した`) after the last; a percentage with no such list after it stays a share.
        let kinds: Vec<(ItemKind, String)> = read_document(&Sentences::new(
            "参加者26人。体重は平均5.7kg,BMIは3.2,体脂肪は2.7%,体年齢は4.9歳減少した。有効率は45%であった。腹囲は3.1cm、体脂肪は1.2%低下した。",
        ))
        .into_iter()
        .map(|i| (i.kind, i.text.trim().to_string()))
        .collect();
        assert_eq!(of_kind(&kinds, ItemKind::PercentChange), ["2.7%", "1.2%"]);
        assert_eq!(of_kind(&kinds, ItemKind::Percent), ["45%"]);
    }

    #[test]
    fn a_change_word_after_the_values_own_interval_is_the_values() {
        // Made-up numbers: each percentage's interval stands between it and the change it is
        // (`の改善`, `reduction`); a count in the bracket of a share leaves it a share.
        let kinds: Vec<(ItemKind, String)> = read_document(&Sentences::new(
            "1年後、対照群で6.4%(95%信頼区間3.14-9.66)、実薬群で13.4%(95%信頼区間10.77-15.96)の改善が見られた。Drug gave a 21% (95% CI 15 to 27) reduction in pain. In all, 32% (8/25) of patients improved.",
        ))
        .into_iter()
        .map(|i| (i.kind, i.text.trim().to_string()))
        .collect();
        assert_eq!(
            of_kind(&kinds, ItemKind::PercentChange),
            ["6.4%", "13.4%", "21%"]
        );
        assert!(
            !of_kind(&kinds, ItemKind::PercentChange).contains(&"32%"),
            "{kinds:?}"
        );
    }

    #[test]
    fn a_change_named_with_what_changed_and_counts_with_their_counters() {
        // Made-up numbers in the forms abstracts print.
        let kinds: Vec<(ItemKind, String)> = read_document(&Sentences::new(
            "The improvement in FEV1 was 5.8% with A. The proportion of patients achieving an improvement in the score was 35.9%. 咳嗽日数は屯用群92.1日, 定期群49.6日であった。低下したのは屯用群5人/12人であった。",
        ))
        .into_iter()
        .map(|i| (i.kind, i.text.trim().to_string()))
        .collect();
        assert_eq!(of_kind(&kinds, ItemKind::PercentChange), ["5.8%"]);
        assert_eq!(of_kind(&kinds, ItemKind::Percent), ["35.9%"]);
        assert!(
            of_kind(&kinds, ItemKind::Number).contains(&"92.1"),
            "{kinds:?}"
        );
        assert_eq!(of_kind(&kinds, ItemKind::CountOf), ["5人/12"]);
    }

    #[test]
    fn a_share_in_tenths_is_a_percentage() {
        // Made-up numbers in the forms Japanese abstracts print: tenths, and a count of its
        // whole with the counter before the percentage.
        let items = read_document(&Sentences::new(
            "症状は約8割の患者で改善した。OABSSは11/20人(55.0%)で改善した。1:1に割り付けた。",
        ));
        let percents: Vec<(String, Option<String>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.plain.clone(),
                    i.parts.of.as_ref().map(|o| o.number.plain.clone()),
                )
            })
            .collect();
        assert_eq!(
            percents,
            [
                ("80".to_string(), None),
                ("55.0".to_string(), Some("20".to_string()))
            ]
        );
    }

    #[test]
    fn a_japanese_list_of_changes_takes_the_verb_after_its_last_item() {
        // Made-up numbers in the forms Japanese news prints: the change word ends the list,
        // or follows the bracket of the last item; a count's share after its counter stays
        // a share.
        let text = "腹囲は男性で2.2%、女性で2.8%減少。体重が男性で1.65kg(2.4%)、女性で1.79kg(3.0%)減少。中性脂肪も男性で10.9%、女性で10.3%減った。副作用は113例(14.4%)、有効率は80%、無効は20%であった。";
        let kinds: Vec<(ItemKind, String)> = read_document(&Sentences::new(text))
            .into_iter()
            .filter(|i| matches!(i.kind, ItemKind::Percent | ItemKind::PercentChange))
            .map(|i| (i.kind, i.parts.value.as_ref().unwrap().number.plain.clone()))
            .collect();
        let of = |k: ItemKind| of_kind(&kinds, k);
        assert_eq!(
            of(ItemKind::PercentChange),
            ["2.2", "2.8", "2.4", "3.0", "10.9", "10.3"]
        );
        assert_eq!(of(ItemKind::Percent), ["14.4", "80", "20"]);
    }

    #[test]
    fn a_change_named_by_its_noun_and_a_list_of_qualified_changes_are_changes() {
        // Made-up numbers in the forms press releases print.
        let text = "LDL-C was reduced by 44% at week 56 and 38% at week 78 (p<0.0001 for both). The median decrease in TG levels from placebo was 45% for 4 grams and 33% for 2 grams. The study met its endpoint of a lowering of LDL-C of an additional 20% at week 12. In all, 30% of patients at week 4 and 45% at week 12 responded. The proportion of patients achieving a two-point improvement in the score was 35.9%.";
        let kinds: Vec<(ItemKind, String)> = read_document(&Sentences::new(text))
            .into_iter()
            .map(|i| (i.kind, i.text))
            .collect();
        let of = |k: ItemKind| of_kind(&kinds, k);
        assert_eq!(
            of(ItemKind::PercentChange),
            ["44%", "38%", "45%", "33%", "20%"]
        );
        // Shares stay shares (responders to a change too); a number after a time's noun is
        // the time, not a percentage.
        assert_eq!(of(ItemKind::Percent), ["30%", "45%", "35.9%"]);
        assert!(of(ItemKind::Number).contains(&"56"), "{kinds:?}");
    }

    /// The n's read in `text`, as printed (plain digits).
    fn ns(text: &str) -> Vec<String> {
        read_document(&Sentences::new(text))
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.parts.value.as_ref().unwrap().number.plain.clone())
            .collect()
    }

    #[test]
    fn a_percentage_of_the_people_is_their_share_not_a_change() {
        // Made-up sentence in the form of user trial 47's: the rate of fall, then the share
        // of all cases in which the score fell.
        let items = read_document(&Sentences::new(
            "THI値低下率は75%, 全症例の92%でTHI値が20点以上低下した。",
        ));
        let kinds: Vec<(ItemKind, String)> = items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Percent | ItemKind::PercentChange))
            .map(|i| (i.kind, i.parts.value.as_ref().unwrap().number.plain.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ItemKind::PercentChange, "75".to_string()),
                (ItemKind::Percent, "92".to_string())
            ]
        );
    }

    #[test]
    fn each_share_of_an_allocation_is_a_number_of_people() {
        // Made-up sentences in the forms abstracts print the arms' sizes: a number `in` a
        // group where the sentence counts people, the shares `to` each arm after `were
        // randomized`, numbers joined by `and` before the people they count.
        assert_eq!(
            ns(
                "The ratings were analysed for 244 cases (83 in Group E, 78 in Group B and 83 in Group P)."
            ),
            ["244", "83", "78", "83"]
        );
        assert_eq!(
            ns("A total of 746 women were randomized, 370 to suture and 376 to staple closure."),
            ["746", "370", "376"]
        );
        assert_eq!(
            ns("Of these, 129 were randomized to laser and 126 to no treatment."),
            ["129", "126"]
        );
        assert_eq!(
            ns("A total of 449 and 391 athletes were included in the two groups."),
            ["449", "391"]
        );
        // A score's change in a group, a time in a group, a range with `to` and numbers
        // joined by `and` before a unit of time are no counts.
        assert!(ns("The score fell by 5 in the placebo group and 7 in the drug group.").is_empty());
        assert_eq!(
            ns(
                "In 40 patients, pain scores of 209 in the tai chi group and 220 in the control group."
            ),
            ["40"]
        );
        assert!(ns("Pain was lower at week 4 in the drug group.").is_empty());
        assert!(ns("Scores ranged from 3, 4 and 12 to 15 in this scale.").is_empty());
        assert!(ns("Visits were at 4 and 12 weeks.").is_empty());
    }

    #[test]
    fn groups_listed_each_with_a_bare_number_in_brackets_have_their_n() {
        // Made-up numbers: two groups listed so; one bracket alone is left (a year, a
        // reference, a count of anything).
        assert_eq!(
            ns("Patients were divided into a study group (30) and a control group (28)."),
            ["30", "28"]
        );
        assert!(ns("The registry's control group (2019) was older.").is_empty());
        // Two treatments compared, each with its size in brackets.
        assert_eq!(
            ns("A trial comparing drug X (60) versus placebo (58) for 1 month."),
            ["60", "58"]
        );
        assert!(ns("Drug X (2019) was compared with the older drug (ref. 12).").is_empty());
    }

    #[test]
    fn named_parts_that_add_up_to_a_count_of_people_are_its_parts() {
        assert_eq!(
            ns("A total of 185 patients were randomized (NDC1:153, NDC2:10, and DC:22)."),
            ["185", "153", "10", "22"]
        );
        // The number before its arm's name (made-up numbers in an abstract's form).
        assert_eq!(
            ns("We enrolled 720 men (364 watchful waiting, 356 surgical repair) at 5 sites."),
            ["720", "364", "356", "5"]
        );
        // Doses in brackets do not add up to the count: no n.
        assert_eq!(
            ns("A total of 30 patients were treated (low: 10 mg, high: 40 mg)."),
            ["30"]
        );
    }

    #[test]
    fn counts_in_the_layout_the_document_states() {
        // Made-up values in a cell-a-line table's form: the document says n (%), and the
        // bracketed numbers are the counts' shares of the groups' 25; 3.1 (1.2) fits no share.
        let text = "Values are presented as n (%) or mean ± standard deviation.\nDrug (n = 25)\nPlacebo (n = 25)\nNausea\n6 (24.0)\n0 (0.0)\nScore\n3.1 (1.2)\n";
        let items = read_document(&Sentences::new(text));
        let percents: Vec<(String, String)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                let n = |p: &Option<crate::draft::Printed>| {
                    p.as_ref().map_or(String::new(), |p| p.number.plain.clone())
                };
                (n(&i.parts.value), n(&i.parts.count))
            })
            .collect();
        let want = [("24.0", "6"), ("0.0", "0")].map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(percents, want);
        // Without the statement, the same numbers are not read so.
        let items = read_document(&Sentences::new(&text.replace("n (%) or ", "")));
        assert!(items.iter().all(|i| i.kind != ItemKind::Percent));
        // A Japanese table states it as `例数(%)`.
        let ja = "実薬群(n=25)\nプラセボ群(n=25)\n悪心、例数(%)\n6 (24.0)\n0 (0.0)\n";
        let items = read_document(&Sentences::new(ja));
        let counted: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent && i.parts.count.is_some())
            .map(|i| {
                i.parts
                    .value
                    .as_ref()
                    .map_or("", |v| v.number.plain.as_str())
            })
            .collect();
        assert_eq!(counted, ["24.0", "0.0"]);
    }

    #[test]
    fn counts_of_a_whole_the_document_implies_but_never_prints() {
        // Made-up subgroup sizes of one trial of 200 (never printed): every `a (b)` is a share
        // of 200; the means with their SDs below fit no common whole.
        let text = "Subgroup | n (%) | Score\n≥34 | 70 (35) | 2.1 (1.3)\n≥33 | 84 (42) | 3.4 (1.1)\n≥32 | 98 (49) | 4.6 (1.9)\n≥31 | 106 (53) | 5.2 (0.9)\n";
        let items = read_document(&Sentences::new(text));
        let percents: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .filter_map(|i| Some(i.parts.count.as_ref()?.number.plain.clone()))
            .collect();
        assert_eq!(percents, ["70", "84", "98", "106"]);
        // Two pairs alone decide no whole.
        let text = "Subgroup | n (%)\n≥34 | 70 (35)\n≥33 | 84 (42)\n";
        let items = read_document(&Sentences::new(text));
        assert!(items.iter().all(|i| i.kind != ItemKind::Percent));
        // Integer means with their SDs: no three share a whole (small SDs allow wide ranges
        // of wholes, and are not used to find one).
        let text = "Values are n (%) or mean (SD).\nAge 52 (10)\nWeight 69 (7)\nHeight 170 (8)\nScore 23 (5)\nA 5 (2)\nB 6 (2)\nC 7 (2)\n";
        let items = read_document(&Sentences::new(text));
        assert!(
            items.iter().all(|i| i.kind != ItemKind::Percent),
            "{items:#?}"
        );
    }

    #[test]
    fn counts_with_their_shares_of_one_unprinted_whole_are_read_without_a_stated_layout() {
        // Made-up cells of a baseline table copied without its header's `n (%)` and arm sizes:
        // five categories' counts of one arm of 343, each with its share; a mean (SD) row and
        // three pairs alone say nothing.
        let text = "Sex\nFemale 292 (85.1)\nMale 51 (14.9)\nRace\nWhite 185 (53.9)\nBlack 87 (25.4)\nOther 71 (20.7)\nAge 52 (10)\n";
        let items = read_document(&Sentences::new(text));
        let shares: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(shares.len(), 5, "{shares:?}");
        assert!(!shares.iter().any(|t| t.contains("(10)")));
        let three = "Female 292 (85.1)\nMale 51 (14.9)\nWhite 185 (53.9)\n";
        let items = read_document(&Sentences::new(three));
        assert!(
            items.iter().all(|i| i.kind != ItemKind::Percent),
            "{items:#?}"
        );
        // The BMJ states the layout in words: three pairs of one whole then suffice.
        let stated = format!("Values are numbers (percentages) of patients.\n{three}");
        let items = read_document(&Sentences::new(&stated));
        let shares = items.iter().filter(|i| i.kind == ItemKind::Percent).count();
        assert_eq!(shares, 3, "{items:#?}");
    }

    #[test]
    fn a_registrys_participant_flow_counts_participants() {
        // Made-up counts in the layout of a ClinicalTrials.gov record copied as text: one
        // number per arm, each on its line, under each milestone; a dose in an arm's name and
        // the numbers after the flow are no counts of participants.
        let text = "Participant Flow\nDrug 10 mg\nPlacebo\nOverall Study\nSTARTED\n40\n41\nOverall Study\nNOT COMPLETED\n3\n5\nBaseline Characteristics\nAge\n52\n";
        let items = read_document(&Sentences::new(text));
        let ns: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(ns, ["40", "41", "3", "5"]);
    }

    #[test]
    fn a_summary_of_a_measure_in_percent_is_no_share_of_the_patients() {
        let kinds = |text: &str| -> Vec<(ItemKind, String)> {
            read_document(&Sentences::new(text))
                .iter()
                .filter_map(|i| Some((i.kind, i.parts.value.as_ref()?.number.plain.clone())))
                .collect()
        };
        // Made-up numbers in the forms of a press release and a product page's table.
        let k = kinds(
            "The mean decline in vital capacity, from Baseline to Month 6, was 10.93% (1.82% per month) in the drug group.",
        );
        assert!(
            k.contains(&(ItemKind::PercentChange, "10.93".into())),
            "{k:?}"
        );
        assert!(k.contains(&(ItemKind::Rate, "1.82".into())), "{k:?}");
        let k = kinds(
            "The mean decline in vital capacity was 10.93% in the drug group compared to 12.71% in the placebo group.",
        );
        assert!(
            k.contains(&(ItemKind::PercentChange, "12.71".into())),
            "{k:?}"
        );
        // A dose and a schedule between the change and what is set against it are passed over.
        let k = kinds(
            "The mean improvement in EASI was 72.1% in those receiving 250 mg every two weeks, all significant compared to placebo's 41.1%.",
        );
        assert!(
            k.contains(&(ItemKind::PercentChange, "41.1".into())),
            "{k:?}"
        );
        let k = kinds(
            "痛みの程度の変化率\n| TYPE | 頭痛群 | 生理痛群 |\n| 被験者数 | 59人 | 60人 |\n| 算術平均 | 79.44% | 76.98% |\n| 標準偏差 | 24.59% | 25.55% |\n| 中央値 | 85.71% | 87.50% |\n",
        );
        for v in ["79.44", "76.98", "24.59", "85.71"] {
            assert!(
                k.contains(&(ItemKind::PercentChange, v.into())),
                "{v}: {k:?}"
            );
        }
        // A difference of two rates is in points; the level of a credible interval no datum.
        let k = kinds(
            "群間差の点推定値〔95%信頼区間〕 31.8%〔10.8, 52.7〕。オッズ比の中央値[95%信用区間]:1.13",
        );
        assert!(k.contains(&(ItemKind::Number, "31.8".into())), "{k:?}");
        assert!(!k.iter().any(|(_, v)| v == "95"), "{k:?}");
        // The difference opening its own bracket, its CI after it.
        let k = kinds("割合の変化に群間差(4.6%, 95%CI:0.4-8.8)を認めた。");
        assert!(k.contains(&(ItemKind::Number, "4.6".into())), "{k:?}");
        // Still shares: a mean of readings' shares, a count's share in a row named `SD`
        // (stable disease), the rates after `no difference between the groups`.
        let k = kinds("At follow-up, a mean of 44% IOP readings exceeded the limit.");
        assert!(k.contains(&(ItemKind::Percent, "44".into())), "{k:?}");
        let k = kinds("Response | Drug | Placebo\nPR | 1 (4.3%) | 0\nSD | 4 (17.4%) | 3 (30%)\n");
        assert!(k.contains(&(ItemKind::Percent, "17.4".into())), "{k:?}");
        let k = kinds("心血管イベントの発現率に有意な群間差はなかった(8% vs. 7%)。");
        assert!(k.contains(&(ItemKind::Percent, "8".into())), "{k:?}");
    }

    #[test]
    fn a_strength_in_a_products_name_is_a_dose_not_a_share() {
        let kinds = |text: &str| -> Vec<(ItemKind, String)> {
            read_document(&Sentences::new(text))
                .iter()
                .filter_map(|i| Some((i.kind, i.parts.value.as_ref()?.number.plain.clone())))
                .collect()
        };
        let k = kinds(
            "IOP fell by 6.3 mmHg on timolol 0.1% gel and 7.0 mmHg on timolol 0.5%; 12% had redness.",
        );
        assert!(k.contains(&(ItemKind::Number, "0.1".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Number, "0.5".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Percent, "12".into())), "{k:?}");
        let k =
            kinds("プロトピック軟膏0.1%と0.1%アルクロメタゾン軟膏を比べ、改善率は86.3%であった。");
        assert!(k.contains(&(ItemKind::Number, "0.1".into())), "{k:?}");
        assert!(
            !k.iter()
                .any(|(kind, v)| *kind == ItemKind::Percent && v == "0.1"),
            "{k:?}"
        );
        assert!(k.contains(&(ItemKind::Percent, "86.3".into())), "{k:?}");
        let k = kinds("本剤0.5%又はプラセボを1日2回塗布した。");
        assert!(k.contains(&(ItemKind::Number, "0.5".into())), "{k:?}");
        // Before a product named with its form `点眼` alone, and before an anaesthetic's or
        // antiseptic's name (made-up numbers): doses; the share beside them a percentage.
        let k = kinds("1%薬剤点眼か0.02%ダミー点眼を行い、15%で充血を認めた。");
        assert!(k.contains(&(ItemKind::Number, "1".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Number, "0.02".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Percent, "15".into())), "{k:?}");
        let k = kinds(
            "Blocks used 20 ml of 0.5% ropivacaine, rinses 0.12% chlorhexidine; 35% of patients had nausea.",
        );
        assert!(k.contains(&(ItemKind::Number, "0.5".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Number, "0.12".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Percent, "35".into())), "{k:?}");
        // Groups named by their strength, a footnote's mark between (made-up numbers in a
        // package insert's form): the doses are numbers, the falls beside them percentages.
        let k = kinds("眼圧下降率は、0.25%\n注)群13.4%、1%群17.9%であった。");
        assert!(k.contains(&(ItemKind::Number, "0.25".into())), "{k:?}");
        assert!(k.contains(&(ItemKind::Number, "1".into())), "{k:?}");
        assert!(
            !k.iter()
                .any(|(kind, v)| *kind == ItemKind::Percent && (v == "0.25" || v == "1")),
            "{k:?}"
        );
    }

    #[test]
    fn a_list_prints_its_percent_sign_once_after_its_last_number() {
        let doc = Sentences::new(
            "Trunk fat decreased (0.8, -4.6 and -9.2%; placebo, 1 and 2 mg, respectively). In 2019, 45% of sites took part. HbA1c fell more with exercise (-0.34 vs. -0.16%, p=0.036).",
        );
        let items = read_document(&doc);
        let kinds: Vec<(ItemKind, String)> = items
            .iter()
            .filter_map(|i| {
                let v = i.parts.value.as_ref()?;
                Some((i.kind, v.number.plain.clone()))
            })
            .filter(|(k, _)| matches!(k, ItemKind::Percent | ItemKind::PercentChange))
            .collect();
        let values: Vec<&str> = kinds.iter().map(|(_, v)| v.as_str()).collect();
        // Each number of the list is a percentage of one kind; the year before a comma is not.
        assert_eq!(
            values,
            ["0.8", "-4.6", "-9.2", "45", "-0.34", "-0.16"],
            "{kinds:?}"
        );
        assert!(
            kinds[..3].iter().all(|(k, _)| *k == kinds[2].0),
            "{kinds:?}"
        );
        // Two values compared (`x vs. y%`) share the sign after the second.
        assert_eq!(kinds[4].0, kinds[5].0, "{kinds:?}");
    }

    #[test]
    fn a_share_with_the_count_and_whole_printed_for_it() {
        // A package insert's `%(k/n例)`, the whole then the count, and a table's bare
        // percentage whose bracketed count/whole fits it as printed (made-up numbers).
        let items = super::super::read_items(
            "副作用は41.7%(25/60例)、60例中25例(41.7%)であった。\n応答 41.7 (25/60) 12.0 (7/55)\n",
        );
        let brief = crate::draft::tests::brief(&items);
        let want: Vec<(&str, String)> = [
            ("percent", "41.7/25/60"),
            ("percent", "60/25/41.7"),
            ("percent", "41.7/25/60"),
            ("number", "12.0"),
        ]
        .iter()
        .map(|(k, v)| (*k, v.to_string()))
        .collect();
        assert_eq!(&brief[..4], &want[..], "{brief:?}");
    }

    use super::super::{Bound, ItemKind, read_items};

    #[test]
    fn a_slash_pair_after_an_n_sign_is_no_count_of_a_whole() {
        // Made-up numbers: `n = 78/99` under a share it does not give prints two numbers of
        // people (improved and not, or two arms'); `78/99` alone is a count of a whole.
        let kinds = |text: &str| {
            read_items(text)
                .iter()
                .map(|i| i.kind)
                .collect::<Vec<ItemKind>>()
        };
        assert!(!kinds("| 44% |\n| (n = 78/99) |").contains(&ItemKind::CountOf));
        assert!(!kinds("(N=45/47)").contains(&ItemKind::CountOf));
        assert!(kinds("improved in 78/99 patients").contains(&ItemKind::CountOf));
        // A share printed right before it that the pair gives: a count of its whole.
        assert!(kinds("46% (n=6/13) improved").contains(&ItemKind::CountOf));
    }

    #[test]
    fn two_categories_counts_with_their_two_shares_are_no_count_of_a_whole() {
        // Made-up counts in a baseline table's form (`Male/Female, n (%)`): 56 men and 84 women
        // of 140 are 40 % and 60 %; never 56 of 84 (trial 35 charted `80/135` as 59.3 %).
        let items = read_items(
            "Characteristic | Enrolment (n = 140) |\n|---|---|\nMen/Women, n (%) | 56/84 (40/60) |\nSmokers, n (%) | 28 (20) |\nImproved in 78/99 patients.",
        );
        let shares: Vec<(&str, &str)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.text.as_str(),
                    i.parts.count.as_ref().unwrap().number.text.as_str(),
                )
            })
            .collect();
        assert_eq!(shares, [("40", "56"), ("60", "84"), ("20", "28")]);
        let counts: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::CountOf)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(counts, ["78/99"]);
        // Shares the pair does not give (`(12/30)` after `56/84`) leave it as it was read.
        let items = read_items("Responders 56/84 (12/30) at week 4.");
        assert!(
            items.iter().all(|i| i.kind != ItemKind::Percent),
            "{items:?}"
        );
    }

    #[test]
    fn two_percentages_sharing_one_sign() {
        let items = read_items(
            "Responders: 56.9 vs. 4.5% (p < 0.001); 12 and 15% at week 4; from 30 to 45%; 12 to 24 weeks.",
        );
        let percents: Vec<String> = brief(&items)
            .into_iter()
            .filter(|(k, _)| *k == "percent")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(percents, ["56.9", "4.5", "12", "15", "30", "45"]);
    }

    #[test]
    fn counts_of_people_said_by_what_they_did() {
        let items = super::super::read_items(
            "A total of 120 patients were randomized; 118 completed and 2 discontinued. Of the 310 randomised, 290 were analysed. 45 pts received the drug; 304 pwMS were followed. The 12 weeks passed.",
        );
        let ns: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(ns, ["120", "118", "2", "310", "290", "45", "304"]);
    }

    #[test]
    fn numbers_in_kanji() {
        let items = read_items(
            "患者七名中五名が改善。十二例を登録。同一人物。一人平均deft値。一人当たり。",
        );
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
        // "Per person" in digits is no number of people either.
        let items = read_items("1人あたり平均3.2回。");
        assert!(items.iter().all(|i| i.kind != ItemKind::N), "{items:?}");
        // Counts and durations in kanji, as Japanese reports print them; an ordinal is not one.
        let items = read_items(
            "三例が脱落し、二十五名が完了した。一年間追跡し、三か月ごとに二回評価した。一回目の評価。",
        );
        assert_eq!(
            brief(&items),
            pairs(&[
                ("n", "3"),
                ("n", "25"),
                ("number", "1"),
                ("number", "3"),
                ("number", "2")
            ])
        );
        assert_eq!(items[2].parts.unit.as_deref(), Some("年間"));
        assert!(items[2].notes.iter().any(|n| n.contains("in kanji")));
    }

    use super::super::tests::brief;

    #[test]
    fn table_headers_glued_by_text_extraction_keep_each_n() {
        let items = read_items("DrugPlacebo\n\nn = 31n = 29\n\nN=120N=118\n");
        assert_eq!(
            brief(&items),
            pairs(&[("n", "31"), ("n", "29"), ("n", "120"), ("n", "118")])
        );
    }

    fn pairs(v: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        v.iter().map(|(k, n)| (*k, n.to_string())).collect()
    }

    /// The percentages and percent changes of `text`, as (kind, value).
    fn percents(text: &str) -> Vec<(&'static str, String)> {
        brief(&read_items(text))
            .into_iter()
            .filter(|(k, _)| k.starts_with("percent"))
            .collect()
    }

    #[test]
    fn numbers_in_words_only_where_they_count_something() {
        let items = read_items(
            "Fifteen patients were randomised and twenty-one of thirty completed the study. Thirty-two percent responded. One of the sites closed early, no one withdrew, either one dose or the first visit was missed, and each was assigned to one of three groups. Seventeen adult women and one hundred mice.",
        );
        assert_eq!(
            brief(&items),
            pairs(&[
                ("n", "15"),
                ("count_of", "21/30"),
                ("percent", "32"),
                ("n", "17"),
                ("n", "100"),
            ])
        );
        assert_eq!(items[0].text, "Fifteen");
        assert!(
            items[0].notes.iter().any(|n| n.contains("in words")),
            "{:?}",
            items[0].notes
        );
        assert_eq!(
            items[2].parts.value.as_ref().unwrap().original,
            "Thirty-two"
        );
        // `None of the 40` counts zero of 40 (trial 36's doc 04 dropped it); `none` alone
        // counts nothing.
        let items = read_items(
            "None of the 40 patients receiving placebo had a response; none withdrew. None of the 1,250 women had cancer; none of the two observers guessed.",
        );
        assert_eq!(
            brief(&items),
            pairs(&[("count_of", "0/40"), ("count_of", "0/1,250")])
        );
    }

    #[test]
    fn multiplied_counts_keep_their_bound() {
        let items = read_items(
            "約3千人が参加し、2.5万人を対象とし、1万2千例を集めた。およそ2千名。3～5名。",
        );
        assert_eq!(
            brief(&items),
            pairs(&[
                ("n", "3000"),
                ("n", "25000"),
                ("n", "12000"),
                ("n", "2000"),
                ("number", "3"),
                ("n", "5")
            ])
        );
        assert_eq!(items[0].parts.bound, Some(Bound::Approximately));
        assert_eq!(items[1].parts.bound, None);
        assert_eq!(items[3].parts.bound, Some(Bound::Approximately));
        assert_eq!(items[1].parts.value.as_ref().unwrap().original, "2.5万");
        // The wave of a range is not "about".
        assert_eq!(items[5].parts.bound, None);
    }

    #[test]
    fn a_percent_sign_heading_the_next_line_is_no_numbers_percentage() {
        // Made-up header of a baseline table as text (trial 37's doc 04): `N=211` ends a line
        // and `% male` opens the next; 211 is the column's n, no 211 % change.
        let items =
            read_items("Characteristic Drug N=126 Placebo N=85 Total N=211\n% male 48 52 50\n");
        assert!(
            !items.iter().any(
                |i| matches!(i.kind, ItemKind::Percent | ItemKind::PercentChange)
                    && i.text.contains("211")
            ),
            "{:?}",
            brief(&items)
        );
    }

    #[test]
    fn a_count_its_whole_and_its_percentage_are_one_item() {
        let items = read_items(
            "Overall, 12 of 15 patients (80%) improved, as did 12/15 (80%) in the second cohort, 80% (12/15) at week 4 and 12 (80%) at week 8; twelve of fifteen patients (80%).",
        );
        assert_eq!(
            brief(&items),
            pairs(&[
                ("percent", "12/15/80"),
                ("percent", "12/15/80"),
                ("percent", "80/12/15"),
                ("number", "4"),
                ("percent", "12/80"),
                ("number", "8"),
                ("percent", "12/15/80"),
            ])
        );
        assert_eq!(items[0].text, "12 of 15 patients (80%");
    }

    #[test]
    fn a_percentage_of_a_measure_in_percent_is_its_value() {
        let items = crate::draft::read_items(
            "HbA1c decreased from 8.8% to 8.1% (p=0.048); mean changes from baseline for HbA1c were -0.2%, -0.8%, and -0.9%. In all, 45% of patients reached HbA1c below 7%. Risk difference -11.7%.",
        );
        let kinds: Vec<(&str, String)> = items
            .iter()
            .filter(|i| {
                matches!(
                    i.kind,
                    ItemKind::Percent | ItemKind::PercentChange | ItemKind::Number
                )
            })
            .map(|i| {
                (
                    i.kind.as_str(),
                    i.parts.value.as_ref().unwrap().number.text.clone(),
                )
            })
            .collect();
        assert!(kinds.contains(&("number", "8.8".to_string())), "{kinds:?}");
        assert!(kinds.contains(&("number", "-0.8".to_string())), "{kinds:?}");
        assert!(
            kinds.contains(&("number", "-11.7".to_string())),
            "{kinds:?}"
        );
        assert!(kinds.contains(&("percent", "45".to_string())), "{kinds:?}");
    }

    #[test]
    fn people_counted_with_their_adjectives() {
        let items = crate::draft::read_items(
            "A trial enrolling 61 HIV-infected patients; 772 overweight and obese adults and 150 young Belgian adults took part. In 2019 Japanese patients were seen 12 weeks after surgery; patients took 4 mg daily.",
        );
        let ns: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::N)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.clone())
            .collect();
        assert_eq!(ns, ["61", "772", "150"]);
    }

    #[test]
    fn a_japanese_rate_of_change_governs_the_percentages_of_its_clause() {
        assert_eq!(
            percents(
                "AUCは有意に低下し, 低下率は血糖1.8% (p<0.01) , インスリン6.1% (p<0.05) であった。改善率は80%であった。"
            ),
            pairs(&[
                ("percent_change", "1.8"),
                ("percent_change", "6.1"),
                ("percent", "80"),
            ])
        );
    }

    #[test]
    fn a_percent_with_a_comparative_is_a_change() {
        assert_eq!(
            percents(
                "Children had 17% fewer sick days and 43% fewer days with fever; 30% or more of them were boys, and 12% were girls."
            ),
            pairs(&[
                ("percent_change", "17"),
                ("percent_change", "43"),
                ("percent", "30"),
                ("percent", "12"),
            ])
        );
        // Japanese prints the comparative after the percentage: a difference, no group's share.
        assert_eq!(
            percents("対照群と比較して6.5%低かった。体重は10%多く減少し、患者の40%が改善した。"),
            pairs(&[
                ("percent_change", "6.5"),
                ("percent_change", "10"),
                ("percent", "40"),
            ])
        );
    }

    #[test]
    fn a_slash_between_a_scales_categories_is_no_count() {
        // Made-up rows: school years and grades of events are categories, not counts.
        let items = read_items(
            "Year 10/11 3 (3%) 1 (2%)\nGrade 3/4 adverse events occurred in 12/40 patients.\n\
             | PGA 0/1, No. (%) | 41 (35.6) | 18 (48.6) |\nIGA 0/1 was reached by 3/4 of them.",
        );
        // Two neighbouring scores after a scale's abbreviation (`PGA 0/1`, the fifty-first
        // trial's doc 05, charted as 0 of 1 patients) name the responders' category, and are
        // no datum either.
        assert!(
            brief(&items).iter().all(|(_, v)| v != "0" && v != "0/1"),
            "{:?}",
            brief(&items)
        );
        let counts: Vec<_> = brief(&items)
            .into_iter()
            .filter(|(k, _)| *k == "count_of")
            .collect();
        assert_eq!(counts, pairs(&[("count_of", "12/40"), ("count_of", "3/4")]));
    }

    #[test]
    fn a_relative_fall_a_rate_of_reduction_and_a_strength_are_no_shares() {
        // Made-up values in the forms of the twelfth new-user trial: a fall printed with its
        // unit and then as a percentage; a relative risk reduction named right before its
        // percentage; a product's strength before `ophthalmic solution`.
        let items = read_items(
            "The drop lowered IOP by 5.2 ± 2.1 mmHg or 21% in 8 patients. 発生率はそれぞれ8.0%、20.0%であり(相対リスク減少率60%)、有意であった。Patients used drug X 0.25% ophthalmic solution twice daily.",
        );
        let kinds: Vec<_> = brief(&items)
            .into_iter()
            .filter(|(_, v)| ["21", "60", "0.25"].contains(&v.as_str()))
            .collect();
        assert_eq!(
            kinds,
            pairs(&[
                ("percent_change", "21"),
                ("percent_change", "60"),
                ("number", "0.25"),
            ])
        );
    }

    #[test]
    fn a_lowering_an_inhibition_and_a_verb_with_its_object_and_amount_are_changes() {
        // Made-up values in the forms of the twenty-sixth new-user trial (investor news): a
        // percentage followed by `lowering` or `inhibition`, and one after a verb of change,
        // what it changed and `almost`; a share of patients after `reduced … in` stays one.
        let items = read_items(
            "Drug X gave a 21% lowering of LDL-C and >97% inhibition at trough. It lowered \"bad cholesterol\" almost 29%. It reduced pain in 30% of patients.",
        );
        let kinds: Vec<_> = brief(&items)
            .into_iter()
            .filter(|(_, v)| ["21", "97", "29", "30"].contains(&v.as_str()))
            .collect();
        assert_eq!(
            kinds,
            pairs(&[
                ("percent_change", "21"),
                ("percent_change", "97"),
                ("percent_change", "29"),
                ("percent", "30"),
            ])
        );
    }

    #[test]
    fn a_fraction_of_a_quantity_is_no_count_of_people() {
        // Made-up: an assumed effect two-thirds of another's, half of a dose; a count of
        // patients stays one.
        let items = read_items(
            "効果は先行研究の減少度の 2/3 であると仮定した。Patients took 1/2 of the dose. Responders were 3/8 in arm A.",
        );
        let counts: Vec<_> = brief(&items)
            .into_iter()
            .filter(|(k, _)| *k == "count_of")
            .collect();
        assert_eq!(counts, pairs(&[("count_of", "3/8")]));
    }

    #[test]
    fn what_a_preparation_contains_and_a_relative_amount_of_reduction_are_no_shares() {
        // Made-up values in the forms of the fourteenth new-user trial: the strengths a wipe
        // contains, a gas's concentration before its name, a relative amount of reduction;
        // a share of patients stays one.
        let items = read_items(
            "本試験では,薬剤を3.5%または1.5%含むワイプを用いた。2%の水素添加酸素を吸入した。推定相対減少量は17.2%であった。改善は患者の45%にみられた。A cream containing 0.5% drug was applied.",
        );
        let kinds: Vec<_> = brief(&items)
            .into_iter()
            .filter(|(_, v)| ["3.5", "1.5", "2", "17.2", "45", "0.5"].contains(&v.as_str()))
            .collect();
        assert_eq!(
            kinds,
            pairs(&[
                ("number", "3.5"),
                ("number", "1.5"),
                ("number", "2"),
                ("percent_change", "17.2"),
                ("percent", "45"),
                ("number", "0.5"),
            ])
        );
    }

    #[test]
    fn a_percent_change_is_not_a_proportion() {
        let items = read_items(
            "There was a 12% reduction in pain, which was reduced by 35% overall; weight decreased 20% and the change was −12%, against 10-12% of patients. 体重は12%減少し、35%低下した。50%が改善した。Of all patients, 40% improved.",
        );
        assert_eq!(
            brief(&items),
            pairs(&[
                ("percent_change", "12"),
                ("percent_change", "35"),
                ("percent_change", "20"),
                ("percent_change", "-12"),
                ("percent", "10"), // the first of a range of percentages, `10-12%`
                ("percent", "12"),
                ("percent_change", "12"),
                ("percent_change", "35"),
                ("percent", "50"),
                ("percent", "40"),
            ])
        );
    }

    #[test]
    fn a_change_is_read_from_its_verb_its_noun_and_what_it_is_set_against() {
        let items = read_items(
            "The drug reduced the risk of clinical worsening events by 76% versus placebo (1.1 vs. 4.8%). \
             The mean reduction was 75% in the test group compared to 25% for placebo. \
             A 30.4% median reduction, as compared to 30.5% before, and 13.8% weight loss. \
             Symptoms improved by a mean of 11.6 (55%), with mean changes of 43%, 35%, and 50%. \
             In all, 20% had improvement and 30% of patients improved; 40% vs 10% responded.",
        );
        assert_eq!(
            brief(&items),
            pairs(&[
                ("percent_change", "76"),
                ("percent", "1.1"), // `1.1 vs. 4.8%`: two shares of one sign
                ("percent", "4.8"),
                ("percent_change", "75"),
                ("percent_change", "25"),
                ("percent_change", "30.4"),
                ("percent_change", "30.5"),
                ("percent_change", "13.8"),
                ("number", "11.6"),
                ("percent_change", "55"),
                ("percent_change", "43"),
                ("percent_change", "35"),
                ("percent_change", "50"),
                ("percent", "20"),
                ("percent", "30"),
                ("percent", "40"),
                ("percent", "10"),
            ])
        );
    }

    #[test]
    fn counts_percentages_and_ns() {
        let items = read_items(
            "7 名中 5 名が再発しませんでした。患者 7 名（女性 6 名）。約 4000 人。70例以上。Adverse events 88.5% (92/104) and 5 of 7 patients; placebo (n = 104), 30 women.",
        );
        let brief = brief(&items);
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

    #[test]
    fn a_page_counter_is_not_a_count() {
        let brief = |text: &str| crate::draft::tests::brief(&crate::draft::read_items(text));
        // An e-book's running header and a PDF's footer.
        for text in [
            "医療看護研究会誌 第12巻1号\n24/82\n介入前後の比較を行った。",
            "看護研究\n本文\n\n\n\n\n\n- 12/56\n",
            "Results\nPage 3/10\n",
        ] {
            assert!(
                !brief(text).iter().any(|(k, _)| *k == "count_of"),
                "{text}: {:?}",
                brief(text)
            );
        }
        // A count printed with what it counts, or a table's cell a line, stays a count.
        let text = "Table 2\nResponders\nDrug\nPlacebo\nWeek 12\n\n\n42/125\n17/63\n";
        assert!(
            brief(text).iter().any(|(k, _)| *k == "count_of"),
            "{:?}",
            brief(text)
        );
        assert!(
            brief("Response: 12/56 patients.")
                .iter()
                .any(|(k, _)| *k == "count_of")
        );
    }

    #[test]
    fn a_month_and_day_after_an_events_ordinal_is_a_date_not_a_count() {
        let kinds = |text: &str| -> Vec<ItemKind> {
            let doc = crate::draft::Sentences::new(text);
            crate::draft::read_document(&doc)
                .iter()
                .filter(|i| i.kind == ItemKind::CountOf)
                .map(|i| i.kind)
                .collect()
        };
        assert!(
            kinds("出典情報 中央社会保険医療協議会 総会(第589回 5/15)《厚生労働省》").is_empty()
        );
        assert!(kinds("次回は5/15(水)に開催する。").is_empty());
        // A count stays a count.
        assert_eq!(
            kinds("Responders: 5/15 patients in the placebo arm."),
            [ItemKind::CountOf]
        );
    }

    #[test]
    fn a_slash_pair_followed_by_a_unit_of_time_is_part_of_a_span_of_time() {
        // Made-up numbers: `6/12 treatment weeks` (a responder's definition) and `4/7日` count
        // weeks and days out of so many, no patients; `12/40 patients` does.
        let kinds = |text: &str| {
            read_items(text)
                .iter()
                .map(|i| i.kind)
                .collect::<Vec<ItemKind>>()
        };
        assert!(
            !kinds("Responders improved for at least 6/12 treatment weeks.")
                .contains(&ItemKind::CountOf)
        );
        assert!(!kinds("服薬は4/7日であった。").contains(&ItemKind::CountOf));
        assert!(
            kinds("Response was seen in 12/40 patients at week 12.").contains(&ItemKind::CountOf)
        );
        // Two doses of a fixed combination, followed by their unit.
        assert!(!kinds("amlodipine/valsartan (10/320 mg) once daily").contains(&ItemKind::CountOf));
        assert!(
            !kinds("fluticasone/salmeterol 50/500 µg twice daily").contains(&ItemKind::CountOf)
        );
        // Snellen acuity in a text that speaks of acuity; the same pair counts people elsewhere.
        assert!(
            !kinds("Best-corrected visual acuity of 20/20 or better: 89 (65.0) vs 92 (68.7).")
                .contains(&ItemKind::CountOf)
        );
        assert!(!kinds("視力は6/6に改善した。").contains(&ItemKind::CountOf));
        assert!(kinds("Pain resolved in 20/40 patients.").contains(&ItemKind::CountOf));
    }

    #[test]
    fn a_count_its_whole_and_a_rate_glued_in_a_row_are_one_share() {
        // Made-up numbers, as an indicator's table copied as text glues numerator, denominator
        // and rate: 923 of 2,111 is 43.7 %; the whole grouped by thousands is one number.
        let items = read_items("令和3年度923名2,111名43.7%\n多尿(A群38例4.0%、B群0例)");
        let shares: Vec<(Option<&str>, Option<&str>, &str)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| {
                (
                    i.parts.count.as_ref().map(|c| c.number.text.as_str()),
                    i.parts.of.as_ref().map(|c| c.number.text.as_str()),
                    i.parts.value.as_ref().unwrap().number.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            shares,
            [
                (Some("923"), Some("2,111"), "43.7"),
                (Some("38"), None, "4.0")
            ]
        );
    }

    #[test]
    fn counts_of_two_categories_are_no_count_of_a_whole() {
        // Made-up counts of women and men under the categories' pair.
        for text in [
            "| Sex, women/men | 37/37 | 8/6 | 6/8 |",
            "対象は60名(男性/女性=14/16)であった。",
            "Sex (M/F) 12/18 and 14/16",
            // Any two categories the row's label joins by a slash (the seventieth trial's
            // d03: `Male/female` and an `ASA I/II` row charted as 10 of 20).
            "ASA I/II\t10/20\t11/19",
            "| Smoker/non-smoker | 7/23 | 9/21 |",
            // Under a column so named, the row's label naming its group.
            "| Group | Age (years) | Male/female |\n|---|---|---|\n| Group A | 63.5±12.4 | 13/17 |\n| Group B | 62.9±13.4 | 12/18 |\n",
        ] {
            let items = crate::draft::read_items(text);
            assert!(
                items
                    .iter()
                    .all(|i| i.kind != crate::draft::ItemKind::CountOf),
                "{text}: {items:?}"
            );
        }
        // A count of a whole after other words is still one, also where the label names the
        // count and its whole by a slash.
        for text in [
            "Responders: 12/18 patients (67%) at week 12.",
            "| Events/patients | 12/18 | 9/20 |",
            "| Remission/response | 12/40 | 9/41 |",
        ] {
            let items = crate::draft::read_items(text);
            assert!(
                items
                    .iter()
                    .any(|i| i.kind == crate::draft::ItemKind::CountOf),
                "{text}: {items:?}"
            );
        }
    }

    #[test]
    fn a_row_labelled_with_its_unit_prints_no_counts_however_its_pairs_fit_a_whole() {
        // Made-up table: the ages' means and whole SDs (34 (8), 32 (7), 36 (8)) fit one
        // whole near 430 by chance, in a table whose other rows print counts.
        let text = "Table 1.\n| | A | B | C | D |\n|---|---|---|---|---|\n| (n=74) | (n=14) | (n=14) | (n=18) | |\n| Age, years | 35 (7) | 34 (8) | 32 (7) | 36 (8) |\n| Employed, number (%) | 58 (79%) | 11 (79%) | 6 (43%) | 16 (89%) |\n| Student, number (%) | 9 (12%) | 2 (14%) | 4 (29%) | 1 (6%) |\n";
        let items = crate::draft::read_items(text);
        let ages: Vec<_> = items
            .iter()
            .filter(|i| i.line == 5 && i.kind == crate::draft::ItemKind::Percent)
            .collect();
        assert!(ages.is_empty(), "{ages:?}");
        assert!(
            super::label_gives_a_unit("Age, years") && super::label_gives_a_unit("Weight (kg)")
        );
        assert!(
            !super::label_gives_a_unit("Employed, number (%)")
                && !super::label_gives_a_unit("Women, n")
        );
    }
}
