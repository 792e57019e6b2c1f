//! `check text`, for an estimate printed with its confidence interval (`−1.8 kg (95% CI −0.9 to
//! 0.7)`, `OR 0.66 (95% CI 0.41–3.10)`, `差は-1.7(95%信頼区間;-3.0,-0.4)`): does the interval hold
//! its estimate?
//!
//! Every interval a trial reports (a Wald, profile or exact interval of a difference, a ratio,
//! a mean) holds its own point estimate; one that does not is a slip of a sign or a digit, the
//! kind a reviewer checks by eye. Only a bracket that names itself an interval (`CI`,
//! `confidence interval`, `CrI`, `信頼区間`) right after the estimate (a unit of at most one
//! word between) is read, so that a bracket of other numbers (a range of years, of ages) is
//! never taken for one. Each bound and the estimate are taken over the rounding of their
//! printed digits: an estimate outside the interval by less than that is consistent.
//! (Whether a ratio sits at the interval's geometric centre is not asked: exact and profile
//! intervals are not symmetric.)
//!
//! Where the estimate's p is printed with it (in the interval's bracket, `(95% CI −0.09 to
//! 0.05; P = 0.03)`, or right after it, `(95% CI 0.61 to 0.98), p = 0.31`), the two must agree
//! on significance: a 95 % interval that excludes the null (0 for a difference, 1 for a ratio)
//! goes with p < 0.05, one that holds it with p > 0.05 (Altman & Bland, BMJ 2011;343:d2090,
//! "How to obtain the P value from a confidence interval"). Only a disagreement beyond the
//! rounding of every printed digit is reported, and where the text does not say whether the
//! estimate is a ratio (all three numbers positive, no `HR`, `OR`, `ratio` before it) only one
//! that holds under both readings, so that an exact or profile interval's small asymmetry or
//! an unnamed ratio never raises a false alarm.

use super::Sentences;
use crate::text::number::{NUMBER, TextNumber};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// One estimate and the interval printed after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalFinding {
    /// The line of the estimate.
    pub line: usize,
    /// The estimate and its interval, as printed.
    pub quote: String,
    /// The estimate, and the interval's bounds, as printed.
    pub estimate: String,
    pub lower: String,
    pub upper: String,
    /// The interval's level as printed (`95`), if printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The estimate's p printed with it: its relation and its number (`<`, `0.001`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<(String, String)>,
    /// The words before the estimate name it a ratio (`HR`, `odds ratio`, `ハザード比`): its
    /// null is 1.
    pub ratio: bool,
}

/// The value of no effect an interval is read against.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Null {
    /// A difference: 0.
    Difference,
    /// A ratio: 1.
    Ratio,
}

impl Null {
    fn value(self) -> f64 {
        match self {
            Null::Difference => 0.0,
            Null::Ratio => 1.0,
        }
    }
}

impl IntervalFinding {
    /// The estimate lies outside its interval, or its p and its interval disagree on
    /// significance, beyond the rounding of the printed digits.
    pub fn inconsistent(&self) -> bool {
        self.outside() || self.p_disagrees()
    }

    /// The readings of the estimate's null the text leaves open: a ratio's where it names one,
    /// a difference's where a bound is not positive, else both.
    fn nulls(&self) -> Vec<Null> {
        let positive = [&self.estimate, &self.lower, &self.upper]
            .iter()
            .all(|t| TextNumber::parse(t).is_ok_and(|n| n.value > 0.0));
        match (self.ratio, positive) {
            (true, _) => vec![Null::Ratio],
            (false, true) => vec![Null::Difference, Null::Ratio],
            (false, false) => vec![Null::Difference],
        }
    }

    /// The interval's bounds in order, each with the half unit of its printed digits.
    fn bounds(&self) -> Option<((f64, f64), (f64, f64))> {
        let (lo, hi) = (
            TextNumber::parse(&self.lower).ok()?,
            TextNumber::parse(&self.upper).ok()?,
        );
        let (lo, hi) = if lo.value <= hi.value {
            (lo, hi)
        } else {
            (hi, lo)
        };
        Some(((lo.value, lo.half_unit()), (hi.value, hi.half_unit())))
    }

    /// Does the interval exclude (`Some(true)`) or hold (`Some(false)`) the null under every
    /// reading of it, beyond the rounding of its bounds? `None` where the readings differ or a
    /// bound touches the null within its rounding.
    fn excludes_the_null(&self) -> Option<bool> {
        let ((lo, lo_half), (hi, hi_half)) = self.bounds()?;
        let verdicts: Vec<Option<bool>> = self
            .nulls()
            .iter()
            .map(|null| {
                let null = null.value();
                if lo - lo_half > null || hi + hi_half < null {
                    Some(true)
                } else if lo + lo_half < null && hi - hi_half > null {
                    Some(false)
                } else {
                    None
                }
            })
            .collect();
        let first = *verdicts.first()?;
        verdicts
            .iter()
            .all(|v| *v == first)
            .then_some(first)
            .flatten()
    }

    /// Does the p printed with the estimate say the opposite of its interval about
    /// significance at the interval's level (beyond the rounding of the printed digits, under
    /// every reading of the null the text leaves open)?
    pub fn p_disagrees(&self) -> bool {
        let Some((relation, p)) = &self.p else {
            return false;
        };
        let Ok(p) = TextNumber::parse(p) else {
            return false;
        };
        let level = self
            .level
            .as_deref()
            .and_then(|l| TextNumber::parse(l).ok())
            .map_or(95.0, |l| l.value);
        if !(50.0..100.0).contains(&level) {
            return false;
        }
        let alpha = 1.0 - level / 100.0;
        let (p_half, p) = (p.half_unit(), p.value);
        let (significant, not_significant) = match relation.as_str() {
            "<" => (p <= alpha + 1e-12, false),
            ">" => (false, p >= alpha - 1e-12),
            _ => (p + p_half < alpha, p - p_half > alpha),
        };
        match self.excludes_the_null() {
            Some(true) => not_significant,
            Some(false) => significant,
            None => false,
        }
    }

    /// The estimate lies outside its interval, beyond the rounding of the printed digits.
    fn outside(&self) -> bool {
        let parse = |t: &str| TextNumber::parse(t).ok();
        let (Some(e), Some(lo), Some(hi)) = (
            parse(&self.estimate),
            parse(&self.lower),
            parse(&self.upper),
        ) else {
            return false;
        };
        let (lo, hi) = if lo.value <= hi.value {
            (lo, hi)
        } else {
            (hi, lo)
        };
        e.value + e.half_unit() < lo.value - lo.half_unit()
            || e.value - e.half_unit() > hi.value + hi.half_unit()
    }

    /// What the check says, in words.
    pub fn detail(&self) -> String {
        if self.p_disagrees() && !self.outside() {
            let (relation, p) = self.p.clone().unwrap_or_default();
            let level = self.level.as_deref().unwrap_or("95");
            let excludes = self.excludes_the_null() == Some(true);
            return format!(
                "p {relation} {p} and the {level} % interval {} to {} disagree: the interval {} the value of no effect ({}), the p says {} (Altman & Bland 2011): a bound, the p or the level is misprinted",
                self.lower,
                self.upper,
                if excludes { "excludes" } else { "holds" },
                match (self.ratio, self.nulls().len()) {
                    (true, _) => "1, a ratio's",
                    (false, 1) => "0, a difference's",
                    _ => "0 or 1, a difference's or a ratio's",
                },
                if excludes {
                    "the difference is not significant"
                } else {
                    "it is significant"
                }
            );
        }
        if self.inconsistent() {
            format!(
                "the estimate {} lies outside its own interval {} to {}: a sign or a digit is misprinted",
                self.estimate, self.lower, self.upper
            )
        } else {
            let p = match &self.p {
                Some((relation, p)) => format!(
                    "; p {relation} {p} agrees with it, or the rounding or the reading of its null leaves it open"
                ),
                None => String::new(),
            };
            format!(
                "the estimate {} lies within its interval {} to {}{p}",
                self.estimate, self.lower, self.upper
            )
        }
    }
}

/// An estimate (with its ± where printed: `−6.6±1.58[95%CI:−9.7, −3.5]`), a unit of at most one
/// word, the two groups it compares where they stand between (`0.30% in CLC versus SAP (95% CI
/// …)`: no number between, so a second group's value is never passed over), and a bracket
/// naming itself an interval (its p may close it: `(95% CI −0.09 to 0.05; P
/// = 0.03)`).
fn estimate_interval_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<est> NUMBER ) (?: [^\S\n]* ± [^\S\n]* NUMBER )? [^\S\n]* (?: [%％] | [A-Za-zµμ/²]{1,10} )? [^\S\n]*
            (?: (?i: in | for | with ) [^\S\n]+ [^()\[\]\n\d;:,.]{1,40}? [^\S\n]+ (?i: versus | vs\.? | compared [^\S\n]+ (?: with | to ) ) [^\S\n]+ [^()\[\]\n\d;:,.]{1,30}? [^\S\n]* )?
            [(\[（] [^\S\n]* (?: (?P<level> \d{2} (?: \.\d+ )? ) [^\S\n]* [%％] [^\S\n]* )?
            (?: (?i: CIs? | C\.I\. | confidence [^\S\n]+ intervals? | credible [^\S\n]+ intervals? | CrI ) | 信頼区間 )
            [^\S\n]* (?: [:：;；,，=] [^\S\n]* )?
            (?P<lo> NUMBER ) [^\S\n]* [%％]? [^\S\n]* (?: (?i: to ) | [-–—~〜～,，;；] ) [^\S\n]* (?P<hi> NUMBER ) [^\S\n]* [%％]? [^\S\n]*
            (?: [;；,，] [^\S\n]* (?: (?i: p ) | P値 ) [^\S\n]* (?P<rel> [=<>≤≥＝＜] ) [^\S\n]* (?P<p> NUMBER ) [^)\]）\n]{0,6} )?
            [)\]）]
            (?: [^\S\n]* [,;；，]? [^\S\n]* (?: (?i: p ) | P値 ) [^\S\n]* (?P<rel2> [=<>≤≥＝＜] ) [^\S\n]* (?P<p2> NUMBER ) )?"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the estimate-and-interval pattern is valid")
    })
}

/// Every estimate printed with its interval in `doc` (read in its plain text, minus signs and
/// full-width digits made plain by [`crate::text::PlainText`]), each quoted as the document
/// prints it, with its line: in a sentence, where the bracket names itself an interval; in a
/// table, where the column's header does.
pub fn find_intervals(doc: &Sentences) -> Vec<IntervalFinding> {
    let (plain, text) = (&doc.plain, &doc.plain.text);
    let mut found = estimate_interval_pattern()
        .captures_iter(text)
        .filter_map(|c| {
            // A number glued to a word before it is a name's (`COVID-19`, `IL-6`), no estimate.
            // (The number as matched may begin with the space before it.)
            let est = c.name("est").expect("est");
            let start = est.end() - est.as_str().trim_start().len();
            let before = &text[..start];
            if before.ends_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '-')
                || second_of_a_pair(before)
                || period_of_a_rate(before)
                || names_a_time_before(before)
            {
                return None;
            }
            let whole = plain.original_span(c.get(0).expect("a match").range());
            let p = c
                .name("p")
                .zip(c.name("rel"))
                .or_else(|| c.name("p2").zip(c.name("rel2")))
                .map(|(p, rel)| {
                    (
                        relation(rel.as_str()).to_string(),
                        p.as_str().trim().to_string(),
                    )
                });
            let finding = IntervalFinding {
                line: plain.line_of(whole.start),
                quote: doc.original[whole].to_string(),
                estimate: c["est"].trim().to_string(),
                lower: c["lo"].trim().to_string(),
                upper: c["hi"].trim().to_string(),
                level: c.name("level").map(|l| l.as_str().to_string()),
                p,
                ratio: names_a_ratio_before(&text[..est.start()]),
            };
            let the_pairs =
                finding.outside() && interval_of_a_listed_pairs_difference(before, &c, &finding);
            (!the_pairs).then_some(finding)
        })
        .chain(find_table_intervals(doc))
        .collect::<Vec<_>>();
    found.sort_by_key(|f| f.line);
    found
}

/// Every estimate a table prints with its interval in a column whose header names an interval
/// (`Mean difference (95% CI)`, `HR (95% CI); P value`), the bracket naming nothing itself:
/// the header says what every cell under it is, so an estimate outside its bounds there is
/// the same misprint as in a sentence, and is read as one. A header naming a median or its
/// quartiles as well says the brackets may be those, and is passed over.
fn find_table_intervals(doc: &Sentences) -> Vec<IntervalFinding> {
    let plain = &doc.plain;
    let text = plain.text_with_tabs(doc.original);
    let tables = super::table::Tables::find(&text);
    let mut found = Vec::new();
    for table in &tables.tables {
        for (r, row) in table.rows.iter().enumerate().skip(table.header_rows) {
            for (k, cell) in row.cells.iter().enumerate() {
                let Some(c) =
                    super::inference::bare_interval_cell_pattern().captures(&text[cell.clone()])
                else {
                    continue;
                };
                let header = table.column_header(&text, r, k);
                let lower = header.to_lowercase();
                let (names_interval, names_median) = super::inference::names_ci_and_median(&header);
                if !names_interval || names_median {
                    continue;
                }
                let names_p = c.name("p").is_some()
                    && (lower.contains("p value")
                        || lower.contains("p-value")
                        || lower.contains("; p")
                        || header.contains("P値")
                        || lower.ends_with(" p"));
                if c.name("p").is_some() && !names_p {
                    continue;
                }
                let whole = plain.original_span(cell.start..cell.start + c[0].trim_end().len());
                found.push(IntervalFinding {
                    line: plain.line_of(cell.start),
                    quote: doc.original[whole]
                        .trim()
                        .trim_end_matches('|')
                        .trim()
                        .to_string(),
                    estimate: c["est"].trim().to_string(),
                    lower: c["lo"].trim().to_string(),
                    upper: c["hi"].trim().to_string(),
                    level: super::inference::level_pattern()
                        .captures(&header)
                        .map(|l| l[1].to_string()),
                    p: c.name("p").map(|p| {
                        let rel = c.name("rel").map_or("=", |m| m.as_str());
                        (relation(rel).to_string(), p.as_str().trim().to_string())
                    }),
                    ratio: names_a_ratio_before(&header),
                });
            }
        }
    }
    found
}

/// A p's relation as printed (`≤`, full-width `＜`) in the three forms a finding keeps: `<`,
/// `>` or `=`.
fn relation(printed: &str) -> &'static str {
    match printed {
        "<" | "≤" | "＜" => "<",
        ">" | "≥" => ">",
        _ => "=",
    }
}

/// Does `before` (the text before a number) end with a time's noun: the number is the time
/// (`−4.6 at week 9 (95% CI −6.6 to −2.7)`: the interval is the −4.6's), no estimate?
fn names_a_time_before(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)\b(?:weeks?|wks?|months?|days?|years?|visits?|hours?|cycles?)\s*$")
            .expect("the time pattern is valid")
    })
    .is_match(before)
}

/// Do the words just before an estimate name it a ratio (`HR 0.81`, `odds ratio was 1.4`,
/// `ハザード比0.79`)? Its null is then 1.
fn names_a_ratio_before(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let window = crate::text::window::before(before, 0, before.len(), 48);
    P.get_or_init(|| {
        Regex::new(
            r"(?:(?i:\bratios?\b)|\b(?:a|adj)?(?:HR|OR|RR|IRR|sHR)\b|ハザード比|オッズ比|リスク比)",
        )
        .expect("the ratio pattern is valid")
    })
    .is_match(window)
}

/// Does `before` (the text before a number) end with `per`, `/` or `out of`: the number is a
/// rate's period (`1·2 per 1000 days (95% CI 0·60-2·02)`) or a scale's top (`0.1 out of 5
/// (95% CI -0.2 to 0.4)`), the interval the value's before it?
fn period_of_a_rate(before: &str) -> bool {
    let before = before.trim_end();
    let lower = before.to_lowercase();
    before.ends_with('/')
        || lower.ends_with(" out of")
        || before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("per"))
}

/// Does `before` (the text before an estimate) end with another number and a word setting the
/// estimate against it (`45.1 vs 42.8 (95% CI 0.9 to 3.7)`, `45.1 and 42.8`, `45.1対42.8`)? The
/// interval after such a pair is its difference's, not the second value's.
fn second_of_a_pair(before: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?i)\d[^\d\n]{0,20}?(?:\bvs\.?|\bversus|\band|\bcompared\s+(?:with|to)|対|と|→|\bto)\s*$",
        )
        .expect("the pair pattern is valid")
    })
    .is_match(before)
}

/// Is the interval after an estimate the difference's of a pair printed as a list (`ミリキズマブ
/// 群 (579例) 38.0%、 プラセボ群 (199例) 9.0% (99.5%CI 20.6~36.8; p<0.0001)`), where the
/// estimate lies outside it ([`IntervalFinding::outside`], asked by the caller): does the
/// difference between the value printed just before it (in the same clause, with the same
/// unit, a percentage or not) and the estimate lie within it? The
/// document's own numbers then say whose interval it is: the pair's difference's, printed
/// with no estimate of its own (38.0 − 9.0 = 29.0). Words between the two ([`second_of_a_pair`]
/// reads `vs`, `and`) may be a group's name with its n.
fn interval_of_a_listed_pairs_difference(
    before: &str,
    c: &regex::Captures,
    finding: &IntervalFinding,
) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    let number = P.get_or_init(|| {
        Regex::new(&format!(r"(?P<n>{NUMBER})(?P<pct>[^\S\n]*[%％])?")).expect("valid pattern")
    });
    let parse = |t: &str| TextNumber::parse(t.trim()).ok();
    let (Some(e), Some(((lo, lo_half), (hi, hi_half)))) =
        (parse(&finding.estimate), finding.bounds())
    else {
        return false;
    };
    let (lo_edge, hi_edge) = (lo - lo_half, hi + hi_half);
    // The clause before the estimate: back to the last sentence end, at most 80 bytes.
    let window = crate::text::window::before(before, 0, before.len(), 80);
    let clause = window
        .rsplit(['。', ';', '；', '\n'])
        .next()
        .unwrap_or(window);
    // (A full stop ends a sentence where a space follows it; a decimal point is no end.)
    let clause = clause.rsplit(". ").next().unwrap_or(clause);
    let estimate_is_a_share = c.get(0).is_some_and(|m| {
        let after = &m.as_str()[c["est"].len()..];
        after.trim_start().starts_with(['%', '％'])
    });
    // The last value of the estimate's kind: a percentage before a percentage; else a number
    // that counts no one (`(199例)`, `n = 199`).
    let counts = |m: &regex::Captures| {
        let end = m.get(0).map_or(0, |x| x.end());
        let start = m.get(0).map_or(0, |x| x.start());
        let after = clause[end..].trim_start();
        let before = clause[..start].trim_end();
        after.starts_with(['例', '名', '人', ')', '）'])
            || before.ends_with('=')
            || after.split_whitespace().next().is_some_and(|w| {
                ["patients", "participants", "subjects"].contains(&w.to_lowercase().as_str())
            })
    };
    let Some(previous) = number
        .captures_iter(clause)
        // (A digit inside a word, `HbA1c`, `COVID-19`, is no value.)
        .filter(|m| {
            let range = m.get(0).map_or(0..0, |x| x.range());
            !clause[..range.start].ends_with(|ch: char| ch.is_ascii_alphanumeric())
                && !clause[range.end..].starts_with(|ch: char| ch.is_ascii_alphabetic())
        })
        .filter(|m| m.name("pct").is_some() == estimate_is_a_share)
        .filter(|m| estimate_is_a_share || !counts(m))
        .last()
    else {
        return false;
    };
    let Some(first) = parse(&previous["n"]) else {
        return false;
    };
    let half = first.half_unit() + e.half_unit();
    let difference = (first.value - e.value).abs();
    [difference, -difference]
        .iter()
        .any(|d| d + half >= lo_edge && d - half <= hi_edge)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, bool)> {
        find_intervals(&Sentences::new(text))
            .into_iter()
            .map(|f| (f.quote.clone(), f.inconsistent()))
            .collect()
    }

    #[test]
    fn an_interval_after_a_listed_pair_holding_their_difference_is_the_differences() {
        // Made-up values in a news report's form: each arm's share with its n, then the
        // interval of their difference (38.0 − 9.0 = 29.0), no estimate of its own.
        let found = read(
            "奏効率はA群 (579例) 38.0%、 プラセボ群 (199例) 9.0% (99.5%CI 20.6~36.8; p<0.0001)だった。",
        );
        assert!(found.is_empty(), "{found:?}");
        // The same pair with an interval holding neither the value nor the difference: a
        // misprint, flagged.
        let found = read("Response: drug 38.0%, placebo 9.0% (95% CI 50.6 to 60.8).");
        assert_eq!(found.len(), 1);
        assert!(found[0].1, "{found:?}");
    }

    #[test]
    fn an_estimate_outside_its_own_interval_is_inconsistent() {
        // Made-up values (trial 37's probe p10): a difference outside its interval; one inside,
        // a ratio inside, and one at the edge by the rounding of its digits.
        let found = read(
            "Weight changed by −1.8 kg (95% CI −0.9 to 0.7). Pain fell by 2.1 (95% CI 1.2 to 3.0). OR 0.66 (95% CI 0.41 to 3.10). The difference was 1.0 (95% CI: 1.04, 2.2). 群間差−6.6±1.58[95%CI:−9.7, −3.5]。",
        );
        let flags: Vec<bool> = found.iter().map(|(_, bad)| *bad).collect();
        // (The estimate before its ±, not the ±, is the interval's.)
        assert_eq!(flags, [true, false, false, false, false], "{found:?}");
    }

    #[test]
    fn a_p_printed_with_its_interval_agrees_with_it_on_significance() {
        // Made-up values. In order: a difference's interval excluding 0 with p = 0.31 (wrong);
        // one holding 0 with p < 0.001 (wrong); both agreeing; a named ratio holding 1 with p
        // = 0.10 (right); a named ratio excluding 1 with p = 0.31 after the bracket (wrong);
        // an unnamed positive estimate whose interval excludes both 0 and 1, with p = 0.31
        // (wrong under both readings); one excluding 0 but holding 1 with
        // p = 0.20 (a ratio's reading agrees: left open); a bound at the null within its
        // rounding (left open); an estimate at a visit (`at week 9`) is the interval's time.
        let found = read(
            "The difference was -2.1 (95% CI -3.0 to -1.2; p = 0.31). \
             The difference was -2.1 (95% CI -3.0 to 1.2; p < 0.001). \
             The difference was -2.1 (95% CI -3.0 to -1.2; p < 0.001). \
             HR 0.85 (95% CI 0.70 to 1.03), p = 0.10. \
             The odds ratio was 0.85 (95% CI 0.70 to 0.98); p = 0.31. \
             It was 0.85 (95% CI 0.70 to 0.98), p = 0.31. \
             It was 0.85 (95% CI 0.70 to 1.05), p = 0.20. \
             The difference was 1.0 (95% CI 0.0 to 2.0; p = 0.05). \
             It fell by 4.6 at week 9 (95% CI −6.6 to −2.7; p < 0.001).",
        );
        let flags: Vec<bool> = found.iter().map(|(_, bad)| *bad).collect();
        assert_eq!(
            flags,
            [true, true, false, false, true, true, false, false],
            "{found:?}"
        );
        let detail = find_intervals(&Sentences::new(
            "The difference was -2.1 (95% CI -3.0 to -1.2; p = 0.31).",
        ))[0]
            .detail();
        assert!(
            detail.starts_with("p = 0.31 and the 95 % interval -3.0 to -1.2 disagree"),
            "{detail}"
        );
    }

    #[test]
    fn a_tables_estimates_under_a_header_naming_an_interval_are_checked() {
        // Made-up values in a pre-post table's form (usertrial66 d05): the header names the
        // column's brackets intervals; one estimate lost its sign (−0.6 printed 0.6).
        let found = read(
            "Outcome | Baseline, mean (SD) | Follow-up, mean (SD) | Mean difference (95% CI) | P value |\nPain | 4.5 (2.1) | 4.8 (2.1) | 0.3 (−0.3 to 0.8) | .31 |\nFatigue | 7.4 (1.2) | 6.9 (1.4) | 0.6 (−1.3 to 0.2) | .21 |\n",
        );
        assert_eq!(
            found,
            [
                ("0.3 (−0.3 to 0.8)".to_string(), false),
                ("0.6 (−1.3 to 0.2)".to_string(), true)
            ]
        );
        // An adjusted estimate with its p after a semicolon, as its header names them; the p
        // and the interval must agree.
        let found = read(
            "Outcome | Drug (n=50) | Placebo (n=50) | Adjusted estimate (95% CI); P value |\nIndex | 237 | 245 | 0.02 (-0.01 to 0.05); 0.26 |\nVAS | 236 | 245 | -3.37 (-6.51 to -0.23); 0.40 |\n",
        );
        assert_eq!(
            found.iter().map(|(_, bad)| *bad).collect::<Vec<_>>(),
            [false, true],
            "{found:?}"
        );
        // Brackets under a header naming medians and their quartiles, or naming nothing, are
        // no intervals.
        let found = read(
            "Outcome | Drug, median (IQR) | Placebo, mean (SD) |\nDays | 6 (8 to 10) | 7.0 (9.1) |\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn an_estimate_with_the_groups_it_compares_before_its_interval() {
        // Made-up values in an abstract's form (batch 156 en_01): the difference, the groups
        // it sets against each other, then its interval; the first lost its sign.
        let found = read(
            "The mean adjusted difference in HbA1c was 0.30% in CLC versus SAP (95% CI −0.67 to +0.08, P = 0.13). Weight differed by −1.2 kg in the drug group vs. placebo (95% CI −2.0 to −0.4).",
        );
        assert_eq!(
            found.iter().map(|(_, bad)| *bad).collect::<Vec<_>>(),
            [true, false],
            "{found:?}"
        );
        // A second group's value between is never passed over: the interval is the pair's.
        let found = read("HbA1c fell 0.5 in CLC versus 0.2 in SAP (95% CI 0.1 to 0.5).");
        assert!(found.iter().all(|(_, bad)| !bad), "{found:?}");
    }

    #[test]
    fn only_a_bracket_naming_an_interval_is_read() {
        // A range of years or ages is no interval of the number before it; a name's number is
        // no estimate; Japanese forms are read.
        let found = read(
            "Phase 3 (2019-2021) enrolled 40 patients (aged 20-60). COVID-19 (95% CI 1.2-3.4). Scores were 45.1 vs 42.8 (95% CI 0.9 to 3.7). Reactions were 1·4 per 1000 days (95% CI 0·70-2·10). The effect was 0.1 out of 5 (95% CI -0.2 to 0.4) worse. 差は-1.7kg(95%信頼区間;-3.0,-0.4)であった。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].1, "{found:?}");
    }
}
