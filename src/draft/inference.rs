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
use crate::text::number::NUMBER;
use crate::text::TextNumber;
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
        scan.push_original(ItemKind::P, begin..span.end, parts);
    }
}

fn ci_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?: (?P<level> NUMBER ) \s* (?: % | (?i: percent | per \s cent ) ) \s* )?
            (?: (?i: CI | C\.I\. | confidence \s+ intervals? | credible \s+ intervals? | CrI ) | 信頼区間 )
            (?: \s* [(\[] (?i: CI | CrI ) [)\]] )?
            (?: \s* (?P<after> \d{2} (?: \.\d+ )? ) \s* % )?
            \s* (?: [:=,] | (?i: of | was | were | from ) )? \s* [(\[]? \s*
            (?P<lo> NUMBER ) \s* %? \s* (?: (?i: to | and ) | [-,;~] ) \s* (?P<hi> NUMBER ) \s* %? \s* [)\]]?"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the CI pattern is valid")
    })
}

fn bracket_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x) (?: (?P<est> NUMBER ) \s* )? [(\[] \s* (?P<lo> NUMBER ) \s* (?: (?P<sep> [,;] ) | (?i: to ) | - ) \s* (?P<hi> NUMBER ) \s* [)\]]"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the bracket pattern is valid")
    })
}

fn level_pattern() -> &'static Regex {
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

/// Every confidence interval.
pub fn find_confidence_intervals(scan: &mut Scan) {
    let plain = scan.doc.plain.text.clone();
    for c in ci_pattern().captures_iter(&plain) {
        let whole = c.get(0).expect("a match");
        let range = whole.start()..whole.end();
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
    // A document that names a CI anywhere (a table's footnote) makes a bracketed pair that
    // holds the estimate before it a CI: `−0.74 (−0.84, −0.65)`.
    let document_names_ci = level_pattern().is_match(&plain)
        || plain.to_ascii_lowercase().contains("confidence interval");
    for c in bracket_pattern().captures_iter(&plain) {
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
        let names_ci = sentence.quote.contains("CI")
            || sentence.quote.to_ascii_lowercase().contains("confidence")
            || sentence.quote.contains("信頼区間");
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
        let ratio_before = c.name("est").is_some_and(|e| {
            ratio_label_pattern().is_match(
                &plain[plain[..e.start()]
                    .char_indices()
                    .rev()
                    .nth(24)
                    .map_or(0, |(i, _)| i)..e.start()],
            )
        });
        let inside = estimate_inside(lo.value, hi.value);
        // A pair joined by a comma or semicolon in a sentence naming a CI is one; a pair joined
        // by `to` or a dash (which ranges and quartiles also print) must hold its estimate.
        let comma = c.name("sep").is_some();
        if !((names_ci && (comma || inside)) || (document_names_ci || ratio_before) && inside) {
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
            .or_else(|| level_pattern().captures(&plain))
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
    use super::super::{read_items, ItemKind};

    #[test]
    fn intervals_p_values_and_results() {
        let items = read_items(
            "The difference was 1.2 (95% CI −0.4 to 2.0; p = .04), OR 2.1 (1.1, 3.9) by CI. t(28) = 2.20, p = .04. P=.3",
        );
        let kinds: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["number", "ci", "p", "number", "ci", "test_statistic", "p"]
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
}
