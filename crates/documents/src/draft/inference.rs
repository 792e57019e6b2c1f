//! Test statistics, p-values and confidence intervals.
//!
//! Test statistics and p-values are found by the statcheck reader
//! ([`crate::checks::reported_test::find_results`] and
//! [`crate::checks::reported_test::find_p_values`]), so a result reads the same in `draft` and
//! `check text`. Confidence intervals: `95% CI 0.2 to 1.4`, `95% CI: −0.88, 2.18`,
//! `(95% confidence interval 0.2–1.4)`, `95% confidence interval (CI) from 12 to 132`,
//! 95%信頼区間 0.2～1.4, and a bracketed pair (`1.2 (0.4, 2.0)`, `1.2 [0.4; 2.0]`) in a
//! sentence that names a CI, or holding the estimate before it in a document that names a
//! CI elsewhere (a table whose footnote says `(95% confidence interval)`).

use super::{ItemKind, Parts, Printed, Scan};
use crate::checks::reported_test::{self, CheckRules, FoundReading};
use crate::text::TextNumber;
use crate::text::number::NUMBER;
use regex::Regex;
use std::sync::OnceLock;

/// Every test result the statcheck reader can read (the unreadable look-alikes are left to
/// the other recognisers).
pub fn find_test_statistics(scan: &mut Scan) {
    let found = reported_test::find_results(scan.doc.original, &CheckRules::statcheck());
    for f in found {
        let FoundReading::Test(check) = &f.reading else {
            continue;
        };
        let span = f.span[0]..f.span[1];
        if scan.claimed.any(span.clone()) || scan.not_data.any(span.clone()) {
            continue;
        }
        let parts = Parts {
            statistic: Some(check.test.text.clone()),
            relation: check
                .test
                .p
                .as_ref()
                .map(|_| check.test.p_relation.as_str()),
            ..Parts::default()
        };
        scan.push_original(ItemKind::TestStatistic, span, parts);
    }
}

/// Every p-value not inside a test result.
pub fn find_p_values(scan: &mut Scan) {
    for p in reported_test::find_p_values(scan.doc.original, &[]) {
        let Some(number) = p.number else { continue };
        let span = p.span[0]..p.span[1];
        if scan.claimed.any(span.clone()) || scan.not_data.any(span.clone()) {
            continue;
        }
        let printed = scan.doc.original[span.clone()]
            .trim_start_matches(|c: char| c.is_whitespace() || "=<>≤≥＝＜＞≦≧".contains(c));
        let start = span.end - printed.len();
        let parts = Parts {
            value: Some(Printed {
                number,
                original: printed.to_string(),
                span: [start, span.end],
            }),
            relation: Some(p.relation.as_str()),
            ..Parts::default()
        };
        // The item starts at the `p`.
        let begin = scan.doc.original[..span.start]
            .trim_end()
            .char_indices()
            .last()
            .filter(|(_, c)| matches!(c, 'p' | 'P' | 'ｐ' | 'Ｐ'))
            .map_or(span.start, |(i, _)| i);
        // A p is a probability: one printed above 1 (`P<05`, the point left out) is a typo
        // that no reading decides. It stays a number to review, never a p.
        if parts.value.as_ref().is_some_and(|v| v.number.value > 1.0) {
            let printed = scan.doc.original[begin..span.end].to_string();
            scan.push_original(ItemKind::Number, begin..span.end, parts);
            if let Some(item) = scan.items.last_mut() {
                item.notes.push(format!(
                    "review: printed as a p-value ('{printed}') but above 1, which no p is (a point left out?)"
                ));
            }
            continue;
        }
        let relation = p.relation.as_str();
        scan.push_original(ItemKind::P, begin..span.end, parts);
        find_listed_p_values(scan, span.end, relation);
    }
    find_worded_p_values(scan);
    find_bounded_p_cells(scan);
}

/// The p's listed after a first one under one `p` (`p = 0.04 and 0.007`, `P = 0.022, 0.035 and
/// 0.035`, `p<0.01, 0.001, and 0.05`, `(p = 0.018 and 0.004, respectively)`), from `end`, the
/// original offset where the first p's number ends: each decimal below 1 joined by a comma or
/// `and`/`or` is a p, with its own relation where it prints one, else the first's (`relation`).
/// The list stops at anything else; a number followed by a unit, a percent sign or a bracket
/// (an estimate with its interval) is none of it.
fn find_listed_p_values(scan: &mut Scan, end: usize, relation: &'static str) {
    static NEXT: OnceLock<Regex> = OnceLock::new();
    let next = NEXT.get_or_init(|| {
        Regex::new(
            r"^(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?P<rel><=|>=|[<>=≤≥＜＞＝])?\s*(?P<num>0?[.·]\d+)(?:\s*[,;)\]]|\s+(?:and|or|respectively)(?-u:\b)|\s*$|\.(?:\s|$))",
        )
        .expect("the listed p pattern is valid")
    });
    let original = scan.doc.original;
    let mut at = end;
    while let Some(c) = next.captures(&original[at..]) {
        let num = c.name("num").expect("num");
        let range = at + num.start()..at + num.end();
        let whole = at + c.name("rel").map_or(num.start(), |r| r.start())..range.end;
        if scan.claimed.any(whole.clone()) || scan.not_data.any(whole.clone()) {
            break;
        }
        let Ok(value) = TextNumber::parse(&original[range.clone()]) else {
            break;
        };
        if !(0.0..=1.0).contains(&value.value) {
            break;
        }
        let rel = c
            .name("rel")
            .map_or(relation, |r| p_relation(Some(r.as_str())));
        let parts = Parts {
            value: Some(Printed {
                number: value,
                original: original[range.clone()].to_string(),
                span: [range.start, range.end],
            }),
            relation: Some(rel),
            ..Parts::default()
        };
        scan.push_original(ItemKind::P, whole, parts);
        at = range.end;
    }
}

/// A table's cell that holds only a bound on a small decimal (`| <.001 |`, `| < 0.05b |`): a
/// p-value, as tables print one in their P column however its header was copied. A bound with
/// a unit (`<5 mg`) or on a number above 1 is no p.
fn find_bounded_p_cells(scan: &mut Scan) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        Regex::new(r"^\s*(?P<rel>[<≤＜])\s*(?P<num>0?\.\d{2,4})[a-z†‡§¶*]{0,2}\s*$")
            .expect("the bounded-p cell pattern is valid")
    });
    let plain = scan.doc.plain.text.clone();
    let mut at = 0;
    for line in plain.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if !super::sentences::is_table_row(line) {
            continue;
        }
        for cell in super::table::cells(line, start) {
            let Some(c) = pattern.captures(&plain[cell.clone()]) else {
                continue;
            };
            let (rel, num) = (c.name("rel").expect("rel"), c.name("num").expect("num"));
            let whole = cell.start + rel.start()..cell.start + num.end();
            let range = cell.start + num.start()..cell.start + num.end();
            if !scan.free(whole.clone()) {
                continue;
            }
            if let Some(value) = scan.number(range) {
                push_p(scan, whole, value, Some(rel.as_str()));
            }
        }
    }
}

/// Record a p-value item at the plain range `range`, its relation from the sign printed before
/// it (`<`, `≤`, `＜` → `<`; `>` … → `>`; none or `=` → `=`). The one way every reader of a
/// p outside statcheck's forms (a table's P column, a row's last cell, `p:`) records one.
pub(super) fn push_p(
    scan: &mut Scan,
    range: std::ops::Range<usize>,
    value: Printed,
    sign: Option<&str>,
) {
    scan.push(
        ItemKind::P,
        range,
        Parts {
            value: Some(value),
            relation: Some(p_relation(sign)),
            ..Parts::default()
        },
    );
}

/// The relation a p's printed sign states: `<`, `≤`, `＜` → `<`; `>` … → `>`; none or `=` →
/// `=`. The one reading of a p's sign for every reader here.
fn p_relation(sign: Option<&str>) -> &'static str {
    match sign {
        Some("<") | Some("<=") | Some("≤") | Some("＜") | Some("≦") => "<",
        Some(">") | Some(">=") | Some("≥") | Some("＞") | Some("≧") => ">",
        _ => "=",
    }
}

/// Does `rest`, the text right after a number, open with a unit, a counter or a word joined to
/// it (`年以上`, `歳`, `例`, ` years`, ` patients`, `mg`), which no p-value prints?
fn followed_by_a_unit(rest: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"^(?:[年歳例名人回日週月か月ヶ月時間分件群]|\s*(?i:years?|months?|weeks?|days?|patients?|groups?|mg|kg|ml|mm)\b)")
            .expect("the unit pattern is valid")
    })
    .is_match(rest)
}

/// A p-value named in words rather than `p =`: `the p-value was 0.03`, `(p-value: 0.12)`, `P
/// value 0.27`, `P for trend = 0.02`, `P for interaction < 0.05`, p値は0.003, or with a colon
/// (`p:0,102`). (Not in
/// statcheck's reader, [`reported_test`], which reads only the `p =` forms a test result
/// prints.)
fn find_worded_p_values(scan: &mut Scan) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        let p = r"(?x)
            (?: (?-u:\b) (?i: p [\x20-]? values? | p \x20 for \x20 (?: trend | interaction | heterogeneity | difference ) ) (?-u:\b) | [pPｐＰ] \s* 値 )
            \s* (?: [:：] | (?i: was | were | is | of ) (?-u:\b) | は )? \s*
            (?P<rel> <= | >= | [<>=≤≥＜＞＝] )? \s* (?P<num> NUMBER )
          | (?-u:\b) [pP] \s* [:：] \s* (?P<crel> <= | >= | [<>=≤≥＜＞＝] )? \s* (?P<cnum> NUMBER )"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the worded p pattern is valid")
    });
    let plain = scan.doc.plain.text.clone();
    for c in pattern.captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        let num = c.name("num").or(c.name("cnum")).expect("num");
        if !scan.free(whole.range()) {
            continue;
        }
        let Some(value) = scan.number(num.range()) else {
            continue;
        };
        if !(0.0..=1.0).contains(&value.number.value) {
            continue;
        }
        // `P:1年以上の慢性咳嗽` (the P of a PICO list: the patients), `P: 2 groups`: a number
        // followed by its unit or counter is what the label names, not a probability.
        if followed_by_a_unit(&plain[whole.end()..]) {
            continue;
        }
        push_p(
            scan,
            whole.range(),
            value,
            c.name("rel").or(c.name("crel")).map(|r| r.as_str()),
        );
        // `p values of 0.0787, 0.8364, 0.7510, and 0.4177`: the list goes on under the name.
        let relation = p_relation(c.name("rel").or(c.name("crel")).map(|r| r.as_str()));
        let end = scan.doc.plain.original_span(whole.range()).end;
        find_listed_p_values(scan, end, relation);
    }
}

fn ci_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?: (?P<level> NUMBER ) \s* (?: % | (?i: percent | per \s cent ) ) \s* )?
            (?: (?i: CIs? | C\.I\. | confidence \s+ intervals? | credible \s+ intervals? | CrIs? ) | 信頼区間 )
            (?: \s* [(\[] (?i: CI | CrI ) [)\]] )?
            (?: \s* (?P<after> \d{2} (?: \.\d+ )? ) \s* % )?
            (?: \s+ (?i: for | of ) (?: \s+ [A-Za-z][A-Za-z-]* ){1,4} )?
            \s* (?: [:=,;：；] | (?i: of | was | were | from ) )? \s* [(\[]? \s*
            (?P<lo> NUMBER ) \s* %? \s* (?: (?i: to | and ) | から | [-,;~〜～] ) \s* (?P<hi> NUMBER ) \s* %? \s* [)\]]?"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the CI pattern is valid")
    })
}

fn bracket_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        // The estimate may carry its `%` (`62.8% (29.3 to 80.4)`), and so may the bounds
        // (`5% (1 to 17%)`); Japanese prints the interval's bounds joined by a wave dash
        // (`62.8%(29.3〜80.4)`).
        let p = r"(?x) (?: (?P<est> NUMBER ) \s* [%％]? \s* )? [(\[] \s* (?P<lo> NUMBER ) \s* [%％]? \s* (?: (?P<sep> [,;] ) | (?i: to ) | - | [〜~～] ) \s* (?P<hi> NUMBER ) \s* [%％]? \s* [)\]]"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the bracket pattern is valid")
    })
}

pub(super) fn level_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)(\d{2}(?:\.\d+)?)\s*(?:%|percent|per cent)\s*(?:CI|C\.I\.|confidence|credible|CrI|信頼区間)")
            .expect("valid pattern")
    })
}

/// The name of a ratio or difference right before its estimate: `RR=`, `OR `, `HR: `,
/// `odds ratio was`.
fn ratio_label_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?:(?-u:\b)(?:RR|OR|HR|IRR|aOR|aHR|AOR|aRR)|(?i:ratio))\s*(?:[=:,]|(?i:was|of))?\s*$",
        )
        .expect("valid pattern")
    })
}

/// A ratio's name and its estimate: `HR 0.75`, `hazard ratio, 0.75`, `odds ratio 2.1`,
/// `RR=0.8`, `hazard ratio for death was 0.75`, `hazard ratio (HR) 0.75`, ハザード比0.75,
/// オッズ比は1.73 (the topic particle as Japanese prints it); the name of the interval printed
/// after it in a bracket, before a colon (`odds ratio [95% CI]: 4.95 [2.21, 11.53]`,
/// `オッズ比[95%信頼区間]:4.95[2.21,11.53]`), as a label says what the values after it are.
fn ratio_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<name> (?-u:\b) (?: a | adj\.? \x20? )? (?: HR | OR | RR | IRR | sHR ) (?-u:\b)
              | (?i: (?: adjusted \s+ | relative \s+ )? (?: hazard | odds | risk | rate | incidence \s+ rate ) \s+ ratios? | relative \s+ risk ) (?-u:\b)
              | ハザード比 | オッズ比 | リスク比 | 相対リスク | 発生率比 )
            (?: \s* [(\[] [A-Za-z]{2,4} [)\]] )?
            (?: \s* [(\[（［] [^()\[\]（）［］]{0,16}? (?: CI | CrI | 信頼区間 | (?i: confidence \s+ interval ) ) \s* [)\]）］] )?
            (?: \s+ (?: [a-z-]+ \s+ ){1,4}? (?: (?i: was | were | is | of ) | = ) | \s* (?: [=:,] | (?i: was | were | is | of ) (?-u:\b) | は | が )? )
            \s* [=:]? \s* (?P<value> NUMBER )"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the ratio pattern is valid")
    })
}

/// What a ratio's printed name estimates.
pub(super) fn ratio_of(name: &str) -> &'static str {
    let n = name.to_ascii_lowercase();
    let abbreviation = n
        .trim_start_matches("adj")
        .trim_start_matches(['.', ' ', 'a']);
    if n.contains("hazard") || abbreviation.ends_with("hr") || name.contains("ハザード") {
        "hazard ratio"
    } else if n.contains("odds") || abbreviation == "or" || name.contains("オッズ") {
        "odds ratio"
    } else if n.contains("rate") || abbreviation == "irr" || name.contains("発生率") {
        "rate ratio"
    } else {
        "risk ratio"
    }
}

/// Every hazard, odds, risk and rate ratio printed with its name. The estimate is the item;
/// its interval, read by [`find_confidence_intervals`], is the `ci` item after it.
pub fn find_ratios(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    for c in ratio_pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        let name = c.name("name").expect("name");
        let v = c.name("value").expect("value");
        if !scan.free(v.range()) {
            continue;
        }
        let Some(value) = scan.number(v.range()) else {
            continue;
        };
        // A ratio is above 0; a signed number after the name is something else (a log ratio,
        // a difference) for the reviewer.
        if value.number.value <= 0.0 || value.number.text.starts_with(['-', '+']) {
            continue;
        }
        let start = if scan.free(name.start()..whole.end()) {
            name.start()
        } else {
            v.start()
        };
        scan.push(
            ItemKind::Ratio,
            start..v.end(),
            Parts {
                value: Some(value),
                ratio: Some(ratio_of(name.as_str())),
                ..Parts::default()
            },
        );
    }
    find_ratios_under_interval_headers(scan, &plain);
    find_ratios_named_by_ditto(scan, &plain);
}

/// The last item of `kind` before `at` in `at`'s paragraph: what a `同` (ditto) at `at` repeats.
fn last_in_paragraph<'s>(scan: &'s Scan, kind: ItemKind, at: usize) -> Option<&'s super::Item> {
    let paragraph_start = scan.doc.original[..at].rfind("\n\n").unwrap_or(0);
    scan.items
        .iter()
        .filter(|i| i.kind == kind && i.span[1] <= at && i.span[0] >= paragraph_start)
        .max_by_key(|i| i.span[0])
}

/// `(オッズ比1.14、95%CI 0.89-1.46、P=0.31)…(同1.48、1.05-2.10、P=0.0258)`: a bracket opened by
/// `同` (ditto: the same as before) prints its numbers as the bracket before it did, so its
/// estimate is a ratio of the kind last named in the paragraph and the pair after it that
/// ratio's interval, at the level last printed. Nothing is read where no ratio precedes it.
fn find_ratios_named_by_ditto(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        let p = r"[(（]\s*同\s*(?P<value>NUMBER)\s*[、,，]\s*(?P<lo>NUMBER)\s*(?:[-–~〜～]|から)\s*(?P<hi>NUMBER)"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the ditto pattern is valid")
    });
    for c in pattern.captures_iter(plain) {
        let v = c.name("value").expect("value");
        let (Some(lo), Some(hi)) = (c.name("lo"), c.name("hi")) else {
            continue;
        };
        let at = scan.doc.plain.original_span(v.start()..v.end()).start;
        let Some(kind) = last_in_paragraph(scan, ItemKind::Ratio, at).and_then(|i| i.parts.ratio)
        else {
            continue;
        };
        if !scan.free(v.start()..hi.end()) {
            continue;
        }
        let (Some(value), Some(lower), Some(upper)) = (
            scan.number(v.range()),
            scan.number(lo.range()),
            scan.number(hi.range()),
        ) else {
            continue;
        };
        let (e, l, u) = (value.number.value, lower.number.value, upper.number.value);
        if !(0.0 < l && l <= e && e <= u) {
            continue;
        }
        let before = &plain[..v.start()];
        let level = level_pattern()
            .captures_iter(before)
            .last()
            .and_then(|l| TextNumber::parse(&l[1]).ok())
            .map(|number| Printed {
                original: number.text.clone(),
                number,
                span: [at, at],
            });
        scan.push(
            ItemKind::Ratio,
            v.range(),
            Parts {
                value: Some(value),
                ratio: Some(kind),
                ..Parts::default()
            },
        );
        scan.push(
            ItemKind::Ci,
            lo.start()..hi.end(),
            Parts {
                lower: Some(lower),
                upper: Some(upper),
                level,
                ..Parts::default()
            },
        );
    }
}

/// A table whose header names each interval's estimate as one kind of ratio (`OR (95% CI)
/// P value OR (95% CI) P value`, set apart by single spaces, so that no column is known):
/// the number printed right before each interval on the lines below the header is that
/// ratio. A header naming another estimate with an interval (`MD (95% CI)`, `Difference (95%
/// CI)`), or two kinds of ratio, decides nothing; nor does it for a cell of a table whose
/// columns are known under a group's header (`Atezolizumab (n=425)`).
fn find_ratios_under_interval_headers(scan: &mut Scan, plain: &str) {
    static H: OnceLock<Regex> = OnceLock::new();
    static RATIO: OnceLock<Regex> = OnceLock::new();
    let header = H.get_or_init(|| {
        Regex::new(r"(?i)(?P<name>[^\s()|]+(?:\s+ratios?)?)?\s*\(\s*\d{2}\s*%\s*(?:CI|C\.I\.)\s*\)")
            .expect("the interval header pattern is valid")
    });
    let ratio_name = RATIO.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:(?:a|adj\.?)?(?:hr|or|rr|irr|shr)|(?:hazard|odds|risk|rate)\s+ratios?)$",
        )
        .expect("the ratio name pattern is valid")
    });
    let mut kinds: Vec<&'static str> = Vec::new();
    let mut first_header = None;
    for c in header.captures_iter(plain) {
        // An interval named for no estimate (`Median survival (months)` over `(95% CI)`)
        // is not a ratio's.
        let Some(name) = c.name("name").map(|m| m.as_str()) else {
            return;
        };
        if !ratio_name.is_match(name) {
            return;
        }
        kinds.push(ratio_of(name));
        first_header.get_or_insert(c.get(0).expect("a match").end());
    }
    kinds.dedup();
    let (Some(after), &[kind]) = (first_header, &kinds[..]) else {
        return;
    };
    let cis: Vec<usize> = scan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Ci)
        .map(|i| scan.doc.plain.plain_offset(i.span[0]))
        .filter(|&at| at > after)
        .collect();
    for at in cis {
        // In a table whose columns are known (`|` or tabs), a column headed by a group says
        // its cells are that group's: a median's interval beside an `HR (95% CI)` column is no
        // ratio's.
        let under_a_group = scan.tables.at(at).is_some_and(|(table, row, cell)| {
            let header = table.column_header(plain, row, cell);
            !header.trim().is_empty()
                && !super::table::names_ratio(&header)
                && super::table::n_printed_in(&header).is_some()
        });
        if under_a_group {
            continue;
        }
        let line_start = plain[..at].rfind('\n').map_or(0, |k| k + 1);
        let before = plain[line_start..at].trim_end();
        let token_start = before.rfind(char::is_whitespace).map_or(0, |k| k + 1);
        let range = line_start + token_start..line_start + before.len();
        if range.is_empty() || !scan.free(range.clone()) {
            continue;
        }
        let Some(value) = scan.number(range.clone()) else {
            continue;
        };
        if value.number.value <= 0.0 || value.number.text.starts_with(['-', '+']) {
            continue;
        }
        scan.push(
            ItemKind::Ratio,
            range,
            Parts {
                value: Some(value),
                ratio: Some(kind),
                ..Parts::default()
            },
        );
    }
}

/// Does a row above the table row holding plain offset `at` (its header) name a median
/// (`Characteristic | Median (IQR) |`)? Then its rows' `12 (8–20)` are medians, not intervals.
fn table_header_names_median(scan: &Scan, at: usize) -> bool {
    let plain = &scan.doc.plain.text;
    let names_median = |l: &str| {
        let l = l.to_ascii_lowercase();
        l.contains("median") || l.contains("iqr") || l.contains("中央値")
    };
    scan.tables.at(at).is_some_and(|(table, row, cell)| {
        if !table.rows[..row]
            .iter()
            .any(|r| names_median(&plain[r.line.clone()]))
        {
            return false;
        }
        // A column headed by both forms (`Mean (95% CI) or median (IQR)`): the row's label,
        // or the label of the section it is in, says which its cells print.
        let (header_ci, header_median) =
            names_ci_and_median(&table.column_header(plain, row, cell));
        // A column headed by an interval alone (`Adjusted estimate (95% CI)`) prints
        // intervals, whatever a row above it prints in the groups' columns (`Median (IQR)`).
        if cell > 0 && header_ci && !header_median {
            return false;
        }
        if cell > 0 && header_ci && header_median {
            let section = (0..row)
                .rev()
                .find(|&r| table.is_section_row(plain, r))
                .map(|r| table.row_label(plain, r));
            return names_median(table.row_label(plain, row)) || section.is_some_and(names_median);
        }
        true
    })
}

/// Is the pair at `at` a table's cell whose column's header names no interval, in a table whose
/// legend says its bracketed pairs are medians with their quartiles (`Data are presented as
/// mean (s.d.) or median (IQR).`)? Then the CI a neighbouring column names (`Mean difference
/// (95% CI)`) is not this cell's: `0.44 (0.19–0.81)` under `Closed-loop (n = 26)` is a median.
fn legend_names_median_outside_ci_columns(scan: &Scan, at: usize) -> bool {
    let plain = &scan.doc.plain.text;
    scan.tables.at(at).is_some_and(|(table, row, cell)| {
        let header = table.column_header(plain, row, cell);
        let (header_ci, _) = names_ci_and_median(&header);
        let (_, legend_median) = names_ci_and_median(&table.statement);
        cell > 0 && !header_ci && legend_median
    })
}

/// Is `range` (a bracketed pair) the whole of a table's cell, in a table whose header names an
/// interval (`[95% CI]`, `95% CI`)? Journals that print an interval's bounds joined by a
/// semicolon (`[−2.00; 9.39]`) print it in a column of its own, with no estimate in its cell
/// (the estimate stands in the column before): the header, not the sentence, names it.
fn cell_of_a_table_naming_ci(scan: &Scan, range: std::ops::Range<usize>) -> bool {
    let plain = &scan.doc.plain.text;
    scan.tables
        .at(range.start)
        .is_some_and(|(table, row, cell)| {
            let whole_cell = table.rows[row].cells[cell].clone();
            let text = plain[whole_cell].trim().trim_end_matches('|').trim();
            let header_names_ci = table.rows[..row]
                .iter()
                .any(|r| names_ci_and_median(&plain[r.line.clone()]).0);
            text == plain[range].trim() && header_names_ci
        })
}

/// A table's cell printing an estimate and its interval's bounds, in brackets that do not name
/// themselves (`0.6 (−1.3 to 0.2)`, `0.81 [0.70–0.94]`), perhaps its p after a semicolon
/// (`0.02 (−0.01 to 0.05); 0.26`): the column's header names what they are.
pub(super) fn bare_interval_cell_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            ^ [^\S\n]* (?P<est> NUMBER ) [^\S\n]* (?: [%％] | [A-Za-zµμ/²]{1,10} )? [^\S\n]*
            [(\[（] [^\S\n]* (?P<lo> NUMBER ) [^\S\n]* [%％]? [^\S\n]* (?: (?i: to ) | [-–—~〜～,，;；] ) [^\S\n]*
            (?P<hi> NUMBER ) [^\S\n]* [%％]? [^\S\n]* [)\]）]
            (?: [^\S\n]* [;；,，] [^\S\n]* (?P<rel> [<>≤≥＜] )? [^\S\n]* (?P<p> NUMBER ) )?
            [^\S\n]* \|? [^\S\n]* $"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the bare interval cell pattern is valid")
    })
}

/// Is `range` (a bracketed pair) in a table's cell that prints an estimate and the pair alone
/// (`0.6 (−1.3 to 0.2)`), under a header naming an interval and no median (`Mean difference
/// (95% CI)`)? The header says the pair is the estimate's interval, whether or not it holds
/// the estimate: one that does not is a misprint `check text` reports
/// (`interval_check::find_intervals`), not a range.
fn estimate_cell_under_an_interval_header(scan: &Scan, range: std::ops::Range<usize>) -> bool {
    let plain = &scan.doc.plain.text;
    scan.tables
        .at(range.start)
        .is_some_and(|(table, row, cell)| {
            let (names_ci, names_median) =
                names_ci_and_median(&table.column_header(plain, row, cell));
            let whole_cell = table.rows[row].cells[cell].clone();
            names_ci && !names_median && bare_interval_cell_pattern().is_match(&plain[whole_cell])
        })
}

/// Does a table's column say the bracketed pair `c` (at `range`) is an interval: a pair joined
/// by a comma or semicolon alone in its cell under a header naming one
/// (`cell_of_a_table_naming_ci`), or an estimate's pair under a header naming one
/// (`estimate_cell_under_an_interval_header`)?
fn column_of_cis(scan: &Scan, c: &regex::Captures, range: std::ops::Range<usize>) -> bool {
    c.name("sep").is_some() && cell_of_a_table_naming_ci(scan, range.clone())
        || c.name("est").is_some() && estimate_cell_under_an_interval_header(scan, range)
}

/// Every confidence interval.
pub fn find_confidence_intervals(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    find_labelled_cis(scan, &plain);
    find_bracketed_cis(scan, &plain);
    find_cis_named_by_ditto(scan, &plain);
}

/// `-52.8%(95%CI -58.4--47.1)、プラセボ群が-41.1%(同-46.7--35.4)`, `推定治療差-11.7%、同-19.7--3.7`:
/// a pair of bounds after `同` (ditto: the same as before), with no estimate of its own, is
/// an interval of the kind the paragraph named last, at its level. Nothing is read where no
/// interval stands before it in the paragraph.
fn find_cis_named_by_ditto(scan: &mut Scan, plain: &str) {
    static P: OnceLock<Regex> = OnceLock::new();
    let pattern = P.get_or_init(|| {
        let p = r"(?:[(（]|[、,，])\s*同\s*(?P<lo>NUMBER)\s*(?:[-–~〜～]|から)\s*(?P<hi>NUMBER)\s*[)）、,，]"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the ditto interval pattern is valid")
    });
    for c in pattern.captures_iter(plain) {
        let (lo, hi) = (c.name("lo").expect("lo"), c.name("hi").expect("hi"));
        if !scan.free(lo.start()..hi.end()) {
            continue;
        }
        let at = scan.doc.plain.original_span(lo.range()).start;
        let Some(level) = last_in_paragraph(scan, ItemKind::Ci, at).map(|i| i.parts.level.clone())
        else {
            continue;
        };
        let (Some(lower), Some(upper)) = (scan.number(lo.range()), scan.number(hi.range())) else {
            continue;
        };
        if lower.number.value > upper.number.value {
            continue;
        }
        scan.push(
            ItemKind::Ci,
            lo.start()..hi.end(),
            Parts {
                lower: Some(lower),
                upper: Some(upper),
                level,
                ..Parts::default()
            },
        );
    }
}

/// Reads every interval printed with its name (`95% CI 0.2 to 1.4`).
fn find_labelled_cis(scan: &mut Scan, plain: &str) {
    for c in ci_pattern().captures_iter(plain) {
        let whole = c.get(0).expect("a match");
        // A level's number may open with the space before it (`, 95% CI`): not the item's.
        let lead = whole.as_str().len() - whole.as_str().trim_start().len();
        let range = whole.start() + lead..whole.end();
        if !scan.free(range.clone()) {
            continue;
        }
        let lo = c.name("lo").and_then(|m| scan.number(m.range()));
        let hi = c.name("hi").and_then(|m| scan.number(m.range()));
        let (Some(lower), Some(upper)) = (lo, hi) else {
            continue;
        };
        if lower.number.value > upper.number.value {
            continue;
        }
        // `95% CI`, `95 percent CI`, or `CI 95%`.
        let level = c
            .name("level")
            .or(c.name("after"))
            .and_then(|m| scan.number(m.range()));
        scan.push(
            ItemKind::Ci,
            range,
            Parts {
                lower: Some(lower),
                upper: Some(upper),
                level,
                ..Parts::default()
            },
        );
    }
}

/// Does a sentence or a header `quote` name an interval, and does it name a median or its
/// quartiles?
pub(super) fn names_ci_and_median(quote: &str) -> (bool, bool) {
    let names_ci = quote.contains("CI")
        || quote.to_ascii_lowercase().contains("confidence")
        || quote.contains("信頼区間");
    let lower = quote.to_ascii_lowercase();
    let names_median = lower.contains("median")
        || lower.contains("iqr")
        || lower.contains("interquartile")
        || quote.contains("中央値");
    (names_ci, names_median)
}

/// Is a ratio's name printed right before the estimate (capture `est`) of a bracketed pair:
/// `RR=0.957 [0.810 − 1.131]`, `OR 2.1 (1.1, 3.9)`?
fn ratio_before_estimate(plain: &str, c: &regex::Captures) -> bool {
    c.name("est").is_some_and(|e| {
        ratio_label_pattern().is_match(
            &plain[plain[..e.start()]
                .char_indices()
                .rev()
                .nth(24)
                .map_or(0, |(i, _)| i)..e.start()],
        )
    })
}

/// The round-bracketed parenthesis that `range` of `plain` stands in, on its line: from its
/// unmatched `(` before to its `)` after.
fn enclosing_parenthesis(plain: &str, range: std::ops::Range<usize>) -> Option<&str> {
    let line_start = plain[..range.start].rfind('\n').map_or(0, |k| k + 1);
    let mut depth = 0i32;
    let open = plain[line_start..range.start]
        .char_indices()
        .rev()
        .find_map(|(k, c)| {
            match c {
                ')' => depth += 1,
                '(' if depth == 0 => return Some(line_start + k),
                '(' => depth -= 1,
                _ => {}
            }
            None
        })?;
    let mut depth = 0i32;
    let close = plain[range.end..]
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .find_map(|(k, c)| {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => return Some(range.end + k),
                ')' => depth -= 1,
                _ => {}
            }
            None
        })?;
    Some(&plain[open..=close])
}

/// The mean printed before the spread that starts at `spread_start` (`35.77 ± 11.60`): a
/// table of `Mean ± SD | 95% CI` prints the mean's interval right after its spread, so the
/// number before the bracket is the SD and the interval holds the mean.
fn mean_before_spread(plain: &str, spread_start: usize) -> Option<f64> {
    let before = plain[..spread_start].trim_end();
    let before = before
        .strip_suffix('±')
        .or_else(|| before.strip_suffix("+/-"))?
        .trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | '-' | '−'))
        .last()?
        .0;
    TextNumber::parse(&before[start..]).ok().map(|n| n.value)
}

/// Does the document state its layout `Mean ± SD (range)` (`SD (range)`, `標準偏差(範囲)`)?
/// Then each value's range stands in brackets after its mean ± SD, and such a bracket is a
/// range, whatever CIs the document names elsewhere (`Effect size [95% CI]` in another column).
fn states_sd_then_range(plain: &str) -> bool {
    static P: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)(?:\bsd|s\.d\.|standard\s+deviation|標準偏差)\s*[)）]?\s*[(\[（]\s*(?:range|min(?:imum)?\s*[-–,/]\s*max(?:imum)?|範囲|最小値?\s*[-–~、,]\s*最大値?)\s*[)\]）]")
            .expect("the SD-then-range layout is valid")
    })
    .is_match(plain)
}

/// Reads every bracketed pair that is an interval, though printed without its name.
///
/// A document that names a CI anywhere (a table's footnote) makes a bracketed pair that
/// holds the estimate before it a CI: `−0.74 (−0.84, −0.65)`.
fn find_bracketed_cis(scan: &mut Scan, plain: &str) {
    let document_names_ci = level_pattern().is_match(plain)
        || plain.to_ascii_lowercase().contains("confidence interval");
    let sd_then_range = states_sd_then_range(plain);
    for c in bracket_pattern().captures_iter(plain) {
        let whole = c.get(0).expect("a match");
        let bracket = c.name("lo").map_or(whole.start(), |lo| {
            plain[..lo.start()]
                .rfind(['(', '['])
                .unwrap_or(whole.start())
        });
        let range = bracket..whole.end();
        if !scan.free(range.clone()) {
            continue;
        }
        let sentence = &scan.doc.sentences[scan
            .doc
            .sentence_at(scan.doc.plain.original_span(range.clone()).start)];
        // A sentence that names a median or its quartiles and no interval prints `6 [4–10]`
        // as a median with its quartiles or range (read by [`super::summary`]). Where the
        // pair stands in a parenthesis that says what its brackets print (`(Δ −2.0 [−6.4,
        // 0.1] vs. 0.9 [−0.6, 3.7] %, median [IQR], P=0.003)` after `(… mean [95% CI] …)`),
        // that statement decides, not the sentence's other ones.
        let (names_ci, names_median) = enclosing_parenthesis(plain, range.clone())
            .map(names_ci_and_median)
            .filter(|(ci, median)| *ci || *median)
            .unwrap_or_else(|| names_ci_and_median(&sentence.quote));
        if (names_median && !names_ci)
            || table_header_names_median(scan, range.start)
            || legend_names_median_outside_ci_columns(scan, range.start)
        {
            continue;
        }
        let estimate_inside = |lo: f64, hi: f64| {
            c.name("est")
                .and_then(|m| TextNumber::parse(m.as_str()).ok())
                .is_some_and(|e| lo <= e.value && e.value <= hi)
        };
        let (Some(lo), Some(hi)) = (
            c.name("lo")
                .and_then(|m| TextNumber::parse(m.as_str()).ok()),
            c.name("hi")
                .and_then(|m| TextNumber::parse(m.as_str()).ok()),
        ) else {
            continue;
        };
        // A ratio's estimate printed before its bracket: `RR=0.957 [0.810 − 1.131]`,
        // `OR 2.1 (1.1, 3.9)`.
        let ratio_before = ratio_before_estimate(plain, &c);
        let mean_inside = c
            .name("est")
            .and_then(|e| mean_before_spread(plain, e.start()))
            .is_some_and(|m| lo.value <= m && m <= hi.value);
        let inside = estimate_inside(lo.value, hi.value) || mean_inside;
        if sd_then_range && mean_inside && !estimate_inside(lo.value, hi.value) {
            continue;
        }
        // A pair joined by a comma or semicolon in a sentence naming a CI is one; a pair joined
        // by `to` or a dash (which ranges and quartiles also print) must hold its estimate.
        let column_of_cis = column_of_cis(scan, &c, range.clone());
        let comma = c.name("sep").is_some();
        if !((names_ci && (comma || inside))
            || (document_names_ci || ratio_before) && inside
            || column_of_cis)
        {
            continue;
        }
        let (Some(lower), Some(upper)) = (
            scan.number(c.name("lo").expect("lo").range()),
            scan.number(c.name("hi").expect("hi").range()),
        ) else {
            continue;
        };
        if lower.number.value > upper.number.value {
            continue;
        }
        // The level printed elsewhere in the sentence (`95% CI` in a heading of the list),
        // else in the document.
        let level = level_pattern()
            .captures(&sentence.quote)
            .or_else(|| level_pattern().captures(plain))
            .and_then(|l| TextNumber::parse(&l[1]).ok())
            .map(|number| Printed {
                original: number.text.clone(),
                number,
                span: [sentence.span.start, sentence.span.start],
            });
        scan.push(
            ItemKind::Ci,
            range,
            Parts {
                lower: Some(lower),
                upper: Some(upper),
                level,
                ..Parts::default()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ItemKind, read_items};

    #[test]
    fn a_column_headed_by_an_interval_prints_intervals_under_a_row_of_medians() {
        // Made-up values in a trial's results table: each outcome's section prints its n's
        // with the adjusted estimate and its interval, then the groups' medians (IQR); the
        // second section's interval stands under the first section's `Median (IQR)` row.
        let items = read_items(
            "Outcomes | Intervention (n=298) | Usual care (n=287) | Adjusted estimate (95% CI); P value |\n---|---|---|---|\nIndex | |||\nNo of participants | 237 | 245 | 0.02 (-0.01 to 0.05); 0.26 |\nMedian (IQR) | 0.8 (0.5-0.8) | 0.65 (0.5-0.7) | |\nVAS | |||\nNo of participants | 236 | 245 | 3.37 (0.23 to 6.51); 0.04 |\nMedian (IQR) | 61.5 (50.0-77.5) | 60.0 (41.0-75.0) | |\n",
        );
        let of = |kind: ItemKind| -> Vec<&str> {
            items
                .iter()
                .filter(|i| i.kind == kind)
                .map(|i| i.text.as_str())
                .collect()
        };
        assert_eq!(of(ItemKind::Ci), ["(-0.01 to 0.05)", "(0.23 to 6.51)"]);
        assert_eq!(
            of(ItemKind::MedianIqr),
            [
                "0.8 (0.5-0.8)",
                "0.65 (0.5-0.7)",
                "61.5 (50.0-77.5)",
                "60.0 (41.0-75.0)"
            ]
        );
    }

    #[test]
    fn a_column_headed_by_an_interval_prints_one_that_misses_its_estimate() {
        // Made-up values in a pre-post table's form (usertrial66 d05): the second estimate
        // lost its sign; the header still says its bracket is the interval.
        let items = read_items(
            "Outcome | Baseline, mean (SD) | Follow-up, mean (SD) | Mean difference (95% CI) | P value |\nPain | 4.5 (2.1) | 4.8 (2.1) | 0.3 (−0.3 to 0.8) | .31 |\nFatigue | 7.4 (1.2) | 6.9 (1.4) | 0.6 (−1.3 to 0.2) | .21 |\n",
        );
        let cis: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(cis, ["(−0.3 to 0.8)", "(−1.3 to 0.2)"]);
    }

    #[test]
    fn a_percentage_with_its_interval_each_bound_with_its_percent_sign() {
        // Made-up numbers: each arm's rate with its 95% CI under a header naming the CI.
        let items = read_items(
            "Table 2\n| Outcome | Control (n = 40) | Intervention (n = 40) |\n|---|---|---|\n| Quit rate, % (95% CI) | 5% (1 to 17%) | 28% (16% to 43%) |\n",
        );
        let cis: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(cis, ["(1 to 17%)", "(16% to 43%)"]);
        // The shares are the estimates, never a bound.
        let shares: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Percent)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(shares, ["5%", "28%"]);
    }

    #[test]
    fn a_groups_median_with_its_interval_beside_a_ratio_column_is_no_ratio() {
        // Made-up numbers in the form of an oncology table: each arm's median survival with
        // its interval under the arm's header, the hazard ratio in its own column.
        let items = read_items(
            "Table 2\n | Drug (n=300) | Control (n=298) | HR (95% CI) | p value |\n---|---|---|---|---|\nMedian (months; 95% CI) | 5.1 (4.2–6.0) | 3.9 (3.1–4.4) | .. | .. |\n",
        );
        let ratios: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ratio)
            .map(|i| i.text.as_str())
            .collect();
        assert!(ratios.is_empty(), "{ratios:?}");
    }

    #[test]
    fn a_bracket_opened_by_ditto_prints_the_ratio_and_interval_named_before() {
        // Made-up numbers in the form of a Japanese news summary: `(同0.79、0.62-1.01、P=0.06)`
        // repeats the names of the bracket before (`ハザード比`, `95%CI`).
        let items = read_items(
            "発生は介入群で少なかった(ハザード比0.78、95%CI 0.67-0.92、P=0.005)。持続も同様であった(同0.79、0.62-1.01、P=0.06)。",
        );
        let read: Vec<(ItemKind, &str)> = items.iter().map(|i| (i.kind, i.text.as_str())).collect();
        assert!(read.contains(&(ItemKind::Ratio, "0.79")), "{read:?}");
        let ci = items
            .iter()
            .find(|i| i.kind == ItemKind::Ci && i.text == "0.62-1.01")
            .unwrap_or_else(|| panic!("{read:?}"));
        let level = ci.parts.level.as_ref().map(|l| l.number.value);
        assert_eq!(level, Some(95.0));
        let ratio = items
            .iter()
            .find(|i| i.text == "0.79")
            .and_then(|i| i.parts.ratio);
        assert_eq!(ratio, Some("hazard ratio"));
        // With no ratio named before, `同` decides nothing.
        let items = read_items("持続も同様であった(同0.79、0.62-1.01、P=0.06)。");
        assert!(items.iter().all(|i| i.kind != ItemKind::Ratio), "{items:?}");
    }

    #[test]
    fn a_table_cell_of_a_bound_on_a_small_decimal_is_a_p() {
        // Made-up numbers; the header's cells were copied a line each, so no column is named P.
        let text = "Outcome | Drug (n = 30) | Placebo (n = 30) | Effect\nTarget reached | 20/30 (66.7) | 10/30 (33.3) | RR, 2.0 | <.001 |\nDose | <0.5 mg | 1.0 mg | | < 0.05b |\n";
        let items = read_items(text);
        let ps: Vec<(&str, &str)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| (i.text.as_str(), i.parts.relation.unwrap_or("")))
            .collect();
        assert_eq!(ps, [("<.001", "<"), ("< 0.05", "<")]);
    }

    #[test]
    fn a_named_interval_whose_bounds_japanese_joins_with_kara() {
        // Each interval's bounds as read.
        let cis = |text: &str| -> Vec<(String, String)> {
            read_items(text)
                .iter()
                .filter(|i| i.kind == ItemKind::Ci)
                .map(|i| {
                    let b =
                        |p: &Option<crate::draft::Printed>| p.as_ref().unwrap().number.text.clone();
                    (b(&i.parts.lower), b(&i.parts.upper))
                })
                .collect()
        };
        // Made-up numbers: `95%信頼区間2.1から3.8kg`, the bounds joined by から (from … to).
        assert_eq!(
            cis("体重変化は+2.9kg(95%信頼区間2.1から3.8kg)であった。"),
            [("2.1".to_string(), "3.8".to_string())]
        );
        // A semicolon after the label and a comma between the bounds (trial 36's doc 09).
        assert_eq!(
            cis("差は-1.7kg(95%信頼区間;-3.0,-0.4)であった。"),
            [("-3.0".to_string(), "-0.4".to_string())]
        );
    }

    #[test]
    fn an_interval_after_a_mean_and_its_sd_holds_the_mean() {
        // Made-up numbers, glued as a page's table copies `Mean ± SD | 95% CI`: the number
        // before each bracket is the SD, which the interval need not hold (9.2 is outside
        // (19.1, 24.0)); the mean (21.6) is inside, so each bracket is the mean's CI.
        let text = "Mean ± SD95% CIMean ± SD95% CI\nAge, years21.60 ± 9.20(19.14, 24.06)23.10 ± 8.70(20.70, 25.50)0.41\n";
        let items = read_items(text);
        let cis: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(cis, ["(19.14, 24.06)", "(20.70, 25.50)"]);
    }

    #[test]
    fn estimates_under_a_header_of_one_kind_of_ratio_with_intervals() {
        // Made-up numbers at single spaces: the header names each interval's estimate an OR.
        let text = "Outcome Drug Placebo Crude Adjusted\nOR (95% CI) P value OR (95% CI) P value\nDeath 12/200 (6.0) 20/198 (10.1) 0.57 (0.27 to 1.19) 0.131 0.61 (0.29 to 1.28) 0.19\n";
        let items = read_items(text);
        let ratios: Vec<(&str, Option<&str>)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ratio)
            .map(|i| (i.text.as_str(), i.parts.ratio))
            .collect();
        assert_eq!(
            ratios,
            [("0.57", Some("odds ratio")), ("0.61", Some("odds ratio"))]
        );
        // An interval named for no ratio (`Median (months)` over `(95% CI)`) decides nothing.
        let median = text.replace(
            "Crude Adjusted\n",
            "Crude Adjusted\nMedian (months)\n(95% CI)\n",
        );
        assert!(
            read_items(&median)
                .iter()
                .all(|i| i.kind != ItemKind::Ratio)
        );
    }

    #[test]
    fn a_legend_of_medians_decides_the_group_columns_not_the_ci_column() {
        let text = "Endpoint | Closed-loop (n = 26) | Control (n = 25) | Mean difference (95% CI) | P value |\n|---|---|---|---|---|\nTime below range (%) | 0.44 (0.19–0.81) | 0.08 (0.00–1.05) | −0.10 (−0.36 to 0.16) | 0.43 |\nData are presented as mean (s.d.) or median (IQR).\n";
        let items = crate::draft::read_items(text);
        let kinds: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == "median_iqr").count(),
            2,
            "{kinds:?}"
        );
        assert_eq!(kinds.iter().filter(|k| **k == "ci").count(), 1, "{kinds:?}");
    }

    #[test]
    fn a_bracket_after_a_mean_and_sd_is_its_range_where_the_layout_says_so() {
        // Made-up cells in the layout of a table copied a cell a line: `Mean ± SD (range)` over
        // each time's cells, an effect size with its 95% CI in another column.
        let text = "Group | Baseline Mean ± SD (range) | Effect size [95% CI] |\nSleep | Active |\n3.54 ± 0.79 (1.75–4.75) |\n0.51 [−0.03 to 0.95] |\n";
        let items = read_items(text);
        let cis: Vec<String> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| i.text.clone())
            .collect();
        assert_eq!(cis, ["[−0.03 to 0.95]"], "{items:#?}");
        // Without the layout's statement the bracket holding the mean is read as its CI, as
        // before.
        let items = read_items(&text.replace(" (range)", ""));
        assert_eq!(
            items.iter().filter(|i| i.kind == ItemKind::Ci).count(),
            2,
            "{items:#?}"
        );
    }

    #[test]
    fn a_parenthesis_that_says_median_iqr_decides_its_brackets() {
        // Made-up numbers in an abstract's form: one parenthesis of means with 95% CIs, the
        // next of medians with IQRs, each saying so after its values.
        let items = read_items(
            "The drug reduced fat (Δ −30 [−50, −10] vs. 6 [−12, 24] cm2, mean [95% CI], P = 0.004) and liver fat (Δ −1.8 [−5.9, 0.2] vs. 0.7 [−0.5, 3.1] %, median [IQR], P = 0.002).",
        );
        let kinds: Vec<(ItemKind, &str)> = items
            .iter()
            .filter(|i| i.text.contains('['))
            .map(|i| (i.kind, i.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ItemKind::Ci, "[−50, −10]"),
                (ItemKind::Ci, "[−12, 24]"),
                (ItemKind::MedianIqr, "−1.8 [−5.9, 0.2]"),
                (ItemKind::MedianIqr, "0.7 [−0.5, 3.1]"),
            ]
        );
    }

    #[test]
    fn an_interval_named_with_what_it_is_of() {
        // Made-up numbers: the interval's name, then what it is of, then its bounds.
        let items = read_items(
            "More responded (82% vs. 62%, 95% confidence interval for treatment difference 12.2-28.3, p < 0.001); the 95% CI of the mean difference was 1.5 to 4.0.",
        );
        assert_eq!(ci_bounds(&items), [(12.2, 28.3), (1.5, 4.0)]);
    }

    /// The bounds of every CI drafted, in order.
    fn ci_bounds(items: &[crate::draft::Item]) -> Vec<(f64, f64)> {
        items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| {
                let p = &i.parts;
                (
                    p.lower.as_ref().unwrap().number.value,
                    p.upper.as_ref().unwrap().number.value,
                )
            })
            .collect()
    }

    #[test]
    fn an_interval_after_a_percentage_named_by_the_sentence() {
        // The sentence names the interval once; each estimate carries its `%` before its
        // bracket, and Japanese joins the bounds with a wave dash.
        for text in [
            "The relative risk reduction (95% CI) was 62.8% (29.3 to 80.4) with 40 mg.",
            "相対リスク減少率[95%信頼区間]は、40mg群で62.8%(29.3〜80.4)であった。",
        ] {
            assert_eq!(ci_bounds(&read_items(text)), [(29.3, 80.4)], "{text}");
        }
    }

    #[test]
    fn p_values_listed_under_one_p_are_each_a_p() {
        // Made-up numbers in the forms abstracts print several p's under one `p`: joined by
        // `and`, by commas, each with its own relation or sharing the first's; the list stops
        // at a number with its unit or interval.
        let items = crate::draft::read_items(
            "Scores fell in both groups (p = 0.04 and 0.007, respectively). No interaction (p values of 0.0787, 0.8364, and 0.4177, respectively). Pain, sleep and mood improved (P = 0.022, 0.035 and 0.035). Three scales differed (p<0.01, 0.001, and 0.05). Weight fell (p = 0.03 and 0.5 kg).",
        );
        let ps: Vec<(String, &str)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().original.clone(),
                    i.parts.relation.unwrap(),
                )
            })
            .collect();
        let expected = [
            ("0.04", "="),
            ("0.007", "="),
            ("0.0787", "="),
            ("0.8364", "="),
            ("0.4177", "="),
            ("0.022", "="),
            ("0.035", "="),
            ("0.035", "="),
            ("0.01", "<"),
            ("0.001", "<"),
            ("0.05", "<"),
            ("0.03", "="),
        ];
        let expected: Vec<(String, &str)> =
            expected.iter().map(|(v, r)| (v.to_string(), *r)).collect();
        assert_eq!(ps, expected);
    }

    #[test]
    fn a_p_printed_above_one_is_a_number_to_review_not_a_p() {
        let items = crate::draft::read_items("The difference was significant (P<05); p = 0.03.");
        let ps: Vec<f64> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.parts.value.as_ref().unwrap().number.value)
            .collect();
        assert_eq!(ps, [0.03]);
        let typo = items.iter().find(|i| i.text.contains("05")).unwrap();
        assert_eq!(typo.kind, ItemKind::Number);
        assert!(
            typo.notes.iter().any(|n| n.contains("above 1")),
            "{:?}",
            typo.notes
        );
    }

    #[test]
    fn an_interval_in_tortoise_shell_brackets_is_a_ci() {
        // Japanese tables print intervals in 〔 〕 with `〔 〕: 95%CI` under the table.
        let items = crate::draft::read_items(
            "ハザード比 0.69 〔0.53~0.88〕、3年時 83% 〔80~86〕\n〔 〕: 95%CI\n",
        );
        assert_eq!(ci_bounds(&items), [(0.53, 0.88), (80.0, 86.0)]);
        assert!(items.iter().any(|i| i.kind == ItemKind::Ratio));
    }

    #[test]
    fn an_interval_joined_by_a_semicolon_in_a_column_the_header_names_a_ci() {
        // A column of its own under `[95% CI]`, its estimate in the column before; made-up
        // values.
        let items = crate::draft::read_items(
            "Table 2. Outcomes\n\
             A | B | |||\n\
             n | Mean (SD) | Mean (SD) | b | [95% CI] | p |\n\
             Pain | 210 | 40.1 (20.2) | 44.3 (21.0) | −4.20 | [−8.10; −0.30] | 0.035 |\n\
             Sleep | 208 | 52.6 (18.4) | 51.9 (19.9) | 0.70 | [−.90; 2.30] | 0.390 |\n",
        );
        assert_eq!(ci_bounds(&items), [(-8.1, -0.3), (-0.9, 2.3)]);
        // The same pair in a sentence that names no interval is left alone.
        let items = crate::draft::read_items("Scores were [2.10; 4.30] and [1.00; 2.00].\n");
        assert!(ci_bounds(&items).is_empty());
    }

    #[test]
    fn an_interval_named_by_ditto_after_one_named_in_full() {
        // Made-up numbers in the form of a Japanese news summary: `(同lo-hi)` and `、同lo-hi、`
        // after a `95%CI`; with no interval before, `同` decides nothing.
        let items = crate::draft::read_items(
            "変化率はA群が-40.2%(95%CI -45.1--35.3)、B群が-30.6%(同-36.0--25.2)だった(推定治療差-9.6%、同-16.8--2.4、P=0.01)。",
        );
        assert_eq!(
            ci_bounds(&items),
            [(-45.1, -35.3), (-36.0, -25.2), (-16.8, -2.4)]
        );
        let items = crate::draft::read_items("B群が-30.6%(同-36.0--25.2)だった。");
        assert!(ci_bounds(&items).is_empty());
    }

    #[test]
    fn the_p_of_a_pico_list_is_no_p_value() {
        // Made-up: the P of a PICO list names the patients; a p with a colon stays a p.
        let items = crate::draft::read_items(
            "P:1年以上の慢性咳嗽の患者\nI:薬剤A\n結果は有意であった(p:0.012)。\n",
        );
        let ps: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| i.parts.value.as_ref().unwrap().number.text.as_str())
            .collect();
        assert_eq!(ps, ["0.012"]);
    }

    #[test]
    fn p_values_named_in_words() {
        let items = crate::draft::read_items(
            "The p-value was 0.03; (P for trend = 0.02); (p-value: 0.12); P value 0.27; p値は0.003。(p:0.102). A p-value below 0.05 was the aim of 2 trials.",
        );
        let ps: Vec<(String, &str)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::P)
            .map(|i| {
                (
                    i.parts.value.as_ref().unwrap().number.text.clone(),
                    i.parts.relation.unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, &str)> = [
            ("0.03", "="),
            ("0.02", "="),
            ("0.12", "="),
            ("0.27", "="),
            ("0.003", "="),
            ("0.102", "="),
        ]
        .iter()
        .map(|(v, r)| (v.to_string(), *r))
        .collect();
        assert_eq!(ps, want);
    }

    #[test]
    fn intervals_p_values_and_results() {
        let items = read_items(
            "The difference was 1.2 (95% CI −0.4 to 2.0; p = .04), OR 2.1 (1.1, 3.9) by CI. t(28) = 2.20, p = .04. P=.3",
        );
        let kinds: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
        // `OR 2.1` is a ratio with its interval after it.
        assert_eq!(
            kinds,
            ["number", "ci", "p", "ratio", "ci", "test_statistic", "p"]
        );
        let ci = &items[1].parts;
        assert_eq!(
            (
                ci.lower.as_ref().unwrap().number.text.as_str(),
                ci.upper.as_ref().unwrap().number.text.as_str(),
                ci.level.as_ref().unwrap().number.text.as_str()
            ),
            ("-0.4", "2.0", "95")
        );
        assert!(items[1].notes[0].contains("U+2212"), "{:?}", items[1].notes);
        assert_eq!(items[2].parts.relation, Some("="));
        assert_eq!(items[2].text, "p = .04");
        assert_eq!(items[6].text, "P=.3");
        assert_eq!(
            items[5].parts.statistic.as_deref(),
            Some("t(28) = 2.20, p = .04")
        );
        assert_eq!(items[4].parts.lower.as_ref().unwrap().number.text, "1.1");
        assert_eq!(items[4].kind, ItemKind::Ci);
    }

    use super::super::tests::brief;

    #[test]
    fn intervals_in_every_printed_form_keep_their_level_out_of_the_data() {
        use std::ops::Not;
        let items = read_items(
            "Estimates were 1.2 (95% CI, 0.8 to 1.6), 2.0 (95% CI 1.5–2.5), 3.0 (95% CI 2.1~3.9), 3.5 (95% CI 2.9〜4.1), 4.0 (95% CI: 3.1; 4.9), 5.0 (95% CIs, 4.2, 5.8) and 0.8 (95% CrI 0.6 to 0.9). 差は1.5（95%信頼区間: 1.2～3.4）であった。",
        );
        let cis: Vec<(String, String, String)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ci)
            .map(|i| {
                let p = &i.parts;
                (
                    p.lower.as_ref().unwrap().number.text.clone(),
                    p.upper.as_ref().unwrap().number.text.clone(),
                    p.level.as_ref().unwrap().number.text.clone(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = [
            ("0.8", "1.6"),
            ("1.5", "2.5"),
            ("2.1", "3.9"),
            ("2.9", "4.1"),
            ("3.1", "4.9"),
            ("4.2", "5.8"),
            ("0.6", "0.9"),
            ("1.2", "3.4"),
        ]
        .iter()
        .map(|(l, u)| (l.to_string(), u.to_string(), "95".to_string()))
        .collect();
        assert_eq!(cis, want);
        // The level is a part of its interval, never an item of its own.
        assert!(items.iter().filter(|i| i.kind != ItemKind::Ci).all(|i| {
            i.parts
                .value
                .as_ref()
                .is_some_and(|v| v.number.text == "95")
                .not()
        }));
        assert_eq!(items.len(), 16, "{:?}", brief(&items));
    }

    #[test]
    fn a_ratio_named_with_its_intervals_bracket_before_a_colon() {
        // The interval's name in a bracket after the ratio's, then a colon: a label saying
        // what the values after it are (made-up numbers).
        let items = read_items(
            "The odds ratio [95% CI]: 3.10 [1.52, 6.30]. 有意差が認められた(オッズ比[95%信頼区間]:2.40[1.10,5.20]、p=0.02)。",
        );
        assert_eq!(
            brief(&items),
            [
                ("ratio", "3.10"),
                ("ci", "95/1.52/6.30"),
                ("ratio", "2.40"),
                ("ci", "95/1.10/5.20"),
                ("p", "0.02"),
            ]
            .iter()
            .map(|(k, n)| (*k, n.to_string()))
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn ratios_with_their_intervals() {
        let items = read_items(
            "The HR was 0.75 (95% CI 0.61 to 0.92); hazard ratio, 0.80; the odds ratio 2.1 (1.1, 3.9) by CI; RR=0.8; the hazard ratio for death was 0·69 (95% CI 0·55–0·86). ハザード比0.75（95%信頼区間 0.60～0.94）。オッズ比は1.73(95%信頼区間:1.34‐2.22)。",
        );
        assert_eq!(
            brief(&items),
            [
                ("ratio", "0.75"),
                ("ci", "95/0.61/0.92"),
                ("ratio", "0.80"),
                ("ratio", "2.1"),
                ("ci", "95/1.1/3.9"),
                ("ratio", "0.8"),
                ("ratio", "0.69"),
                ("ci", "95/0.55/0.86"),
                ("ratio", "0.75"),
                ("ci", "95/0.60/0.94"),
                ("ratio", "1.73"),
                ("ci", "95/1.34/2.22"),
            ]
            .iter()
            .map(|(k, n)| (*k, n.to_string()))
            .collect::<Vec<_>>()
        );
        let ratios: Vec<Option<&str>> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Ratio)
            .map(|i| i.parts.ratio)
            .collect();
        assert_eq!(
            ratios,
            [
                Some("hazard ratio"),
                Some("hazard ratio"),
                Some("odds ratio"),
                Some("risk ratio"),
                Some("hazard ratio"),
                Some("hazard ratio"),
                Some("odds ratio")
            ]
        );
        assert!(
            items[6].notes.iter().any(|n| n.contains("middle dot")),
            "{:?}",
            items[6].notes
        );
        // Lancet's middle dots are decimal points in p-values too.
        let items = read_items("The difference was significant (p=0·038).");
        assert_eq!(brief(&items), [("p", "0.038".to_string())]);
    }
}
