//! Dates: `2014 年 3 月 15 日`, `3 月 14 日` (no year: `--03-14`), `2005 年`, `2020年度`,
//! 令和 2 年 (Japanese eras: 令和 1 = 2019, 平成 1 = 1989, 昭和 1 = 1926), `2014-03-15`,
//! `2007/10/10` (as Japanese pages print a date),
//! `March 15, 2014`, `15 March 2014`, `2014 Oct 6`, `March 2014`, a span of months
//! (`2022年8~9月`: two dates), and a year after `in`,
//! `since`, `from`, `until`, `by` or `during`. Written as the `data/` format writes dates:
//! YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD.

use super::{ItemKind, Parts, Scan};
use regex::{Captures, Regex};
use std::sync::OnceLock;

const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

fn pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
              (?: (?P<era> 令和|平成|昭和 ) \s* (?P<eyear> \d{1,2}|元 ) \s* 年
                | (?P<year> (?:1[89]|20)\d{2} ) \s* 年 ) (?: \s* 度 )?
              (?: \s* (?P<month> \d{1,2} ) \s* 月 (?: \s* (?P<day> \d{1,2} ) \s* 日 )? )?
            | (?P<jmonth> \d{1,2} ) \s* 月 \s* (?P<jday> \d{1,2} ) \s* 日
            | (?-u:\b) (?P<iyear> (?:19|20)\d{2} ) - (?P<imonth> [01]\d ) - (?P<iday> [0-3]\d ) (?-u:\b)
            | (?-u:\b) (?P<syear> (?:19|20)\d{2} ) / (?P<smonth> [01]?\d ) / (?P<sday> [0-3]?\d ) (?-u:\b)
            | (?-u:\b) (?P<dday> \d{1,2} ) \s+ (?P<dmon> MONTHS ) \.? ,? \s+ (?P<dyear> (?:19|20)\d{2} ) (?-u:\b)
            | (?-u:\b) (?P<mmon> MONTHS ) \.? \s+ (?P<mday> \d{1,2} ) (?:st|nd|rd|th)? ,? \s+ (?P<myear> (?:19|20)\d{2} ) (?-u:\b)
            | (?-u:\b) (?P<yyear> (?:19|20)\d{2} ) \s+ (?P<ymon> MONTHS ) \.? \s+ (?P<yday> \d{1,2} ) (?-u:\b)
            | (?-u:\b) (?P<omon> MONTHS ) \.? ,? \s+ (?P<oyear> (?:19|20)\d{2} ) (?-u:\b)
            | (?-u:\b) (?i: in|since|from|until|by|during|before|after|between ) \s+ (?P<wyear> (?:19|20)\d{2} ) (?-u:\b)
            | (?-u:\b) (?i: and|to|through ) \s+ (?P<ayear> (?:19|20)\d{2} ) (?-u:\b)
            "
        .replace("MONTHS", MONTHS);
        Regex::new(&p).expect("the date pattern is valid")
    })
}

fn month_number(name: &str) -> u32 {
    let n = name.to_ascii_lowercase();
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| n.starts_with(m))
    .map_or(0, |i| i as u32 + 1)
}

/// The date a match stands for, in the `data/` format, or `None` when it is not a date
/// (month 13, day 32).
fn date_of(c: &Captures) -> Option<String> {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let ymd = |y: Option<u32>, m: Option<u32>, d: Option<u32>| -> Option<String> {
        if m.is_some_and(|m| !(1..=12).contains(&m)) || d.is_some_and(|d| !(1..=31).contains(&d)) {
            return None;
        }
        Some(match (y, m, d) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            _ => return None,
        })
    };
    if let Some(era) = c.name("era") {
        let n = match &c["eyear"] {
            "元" => 1,
            s => s.parse::<u32>().ok()?,
        };
        let base = match era.as_str() {
            "令和" => 2018,
            "平成" => 1988,
            _ => 1925,
        };
        return ymd(Some(base + n), num("month"), num("day"));
    }
    if c.name("year").is_some() {
        return ymd(num("year"), num("month"), num("day"));
    }
    if c.name("jmonth").is_some() {
        return ymd(None, num("jmonth"), num("jday"));
    }
    if c.name("iyear").is_some() {
        return ymd(num("iyear"), num("imonth"), num("iday"));
    }
    if c.name("syear").is_some() {
        return ymd(num("syear"), num("smonth"), num("sday"));
    }
    if c.name("dday").is_some() {
        return ymd(num("dyear"), Some(month_number(&c["dmon"])), num("dday"));
    }
    if c.name("mmon").is_some() {
        return ymd(num("myear"), Some(month_number(&c["mmon"])), num("mday"));
    }
    if c.name("yyear").is_some() {
        return ymd(num("yyear"), Some(month_number(&c["ymon"])), num("yday"));
    }
    if c.name("omon").is_some() {
        return ymd(num("oyear"), Some(month_number(&c["omon"])), None);
    }
    ymd(num("wyear").or(num("ayear")), None, None)
}

/// A span of months of one year (`2022年8~9月`, `2022年8月~9月`): two dates, the first
/// and the last month, each its own item.
fn month_span_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<from>\d{1,2})\s*(?:月\s*)?[~\-－〜]\s*(?P<to>\d{1,2})\s*月",
        )
        .expect("the month span pattern is valid")
    })
}

/// Every date of the document.
pub fn find(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    for c in month_span_pattern().captures_iter(&plain) {
        let (Some(year), Some(from), Some(to)) = (c.name("year"), c.name("from"), c.name("to"))
        else {
            continue;
        };
        let (first, last) = (
            year.start()..from.end(),
            to.start()..c.get(0).map_or(to.end(), |m| m.end()),
        );
        let (Ok(m1), Ok(m2)) = (from.as_str().parse::<u32>(), to.as_str().parse::<u32>()) else {
            continue;
        };
        if !(1..=12).contains(&m1) || !(1..=12).contains(&m2) || !scan.free(first.start..last.end) {
            continue;
        }
        for (range, month) in [(first, m1), (last, m2)] {
            scan.push(
                ItemKind::Date,
                range,
                Parts {
                    date: Some(format!("{}-{month:02}", year.as_str())),
                    ..Parts::default()
                },
            );
        }
    }
    for c in pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        // `and 2008` is a year only after one (`between 1982 and 2008`).
        if c.name("ayear").is_some()
            && !plain[..whole.start()]
                .trim_end()
                .rsplit(|ch: char| !ch.is_ascii_digit())
                .next()
                .is_some_and(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")))
        {
            continue;
        }
        // For `in 2005`, the item is the year itself.
        let range = match c.name("wyear").or(c.name("ayear")) {
            Some(y) => y.range(),
            None => whole.range(),
        };
        if !scan.free(range.clone()) {
            continue;
        }
        let Some(date) = date_of(&c) else { continue };
        scan.push(
            ItemKind::Date,
            range,
            Parts {
                date: Some(date),
                ..Parts::default()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        super::super::read_items(text)
            .into_iter()
            .filter(|i| i.kind == ItemKind::Date)
            .filter_map(|i| i.parts.date)
            .collect()
    }

    #[test]
    fn dates_as_documents_print_them() {
        assert_eq!(
            dates(
                "この研究成果は、2014 年 3 月 15 日（米国 3 月 14 日午後4 時）。2005 年に発見。令和 2 年 10 月 29 日。2020年度までに。"
            ),
            ["2014-03-15", "--03-14", "2005", "2020-10-29", "2020"]
        );
        // A date with slashes, as a Japanese page prints its date: one date, no three numbers.
        assert_eq!(
            dates("Published Date 2007/10/10. 調査は2019/4/1から行った。"),
            ["2007-10-10", "2019-04-01"]
        );
        assert_eq!(
            dates("2022年8~9月に行われた。2021年4月～6月。"),
            ["2022-08", "2022-09", "2021-04", "2021-06"]
        );
        assert_eq!(
            dates(
                "Published online 2014 Oct 6. On March 15, 2014 and 6 October 2014, in May 2020; since 1978."
            ),
            ["2014-10-06", "2014-03-15", "2014-10-06", "2020-05", "1978"]
        );
        assert!(dates("13 月 40 日").is_empty());
    }
}
