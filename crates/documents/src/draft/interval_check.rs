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
}

impl IntervalFinding {
    /// The estimate lies outside its interval, beyond the rounding of the printed digits.
    pub fn inconsistent(&self) -> bool {
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
        if self.inconsistent() {
            format!(
                "the estimate {} lies outside its own interval {} to {}: a sign or a digit is misprinted",
                self.estimate, self.lower, self.upper
            )
        } else {
            format!(
                "the estimate {} lies within its interval {} to {}",
                self.estimate, self.lower, self.upper
            )
        }
    }
}

/// An estimate (with its ± where printed: `−6.6±1.58[95%CI:−9.7, −3.5]`), a unit of at most one
/// word, and a bracket naming itself an interval.
fn estimate_interval_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?x)
            (?P<est> NUMBER ) (?: [^\S\n]* ± [^\S\n]* NUMBER )? [^\S\n]* (?: [%％] | [A-Za-zµμ/²]{1,10} )? [^\S\n]*
            [(\[（] [^\S\n]* (?: \d{2} (?: \.\d+ )? [^\S\n]* [%％] [^\S\n]* )?
            (?: (?i: CIs? | C\.I\. | confidence [^\S\n]+ intervals? | credible [^\S\n]+ intervals? | CrI ) | 信頼区間 )
            [^\S\n]* (?: [:：;；,，=] [^\S\n]* )?
            (?P<lo> NUMBER ) [^\S\n]* [%％]? [^\S\n]* (?: (?i: to ) | [-–—~〜～,，;；] ) [^\S\n]* (?P<hi> NUMBER ) [^\S\n]* [%％]? [^\S\n]* [)\]）]"
            .replace("NUMBER", NUMBER);
        Regex::new(&p).expect("the estimate-and-interval pattern is valid")
    })
}

/// Every estimate printed with its interval in `doc` (read in its plain text, minus signs and
/// full-width digits made plain by [`crate::text::PlainText`]), each quoted as the document
/// prints it, with its line.
pub fn find_intervals(doc: &Sentences) -> Vec<IntervalFinding> {
    let (plain, text) = (&doc.plain, &doc.plain.text);
    estimate_interval_pattern()
        .captures_iter(text)
        .filter(|c| {
            // A number glued to a word before it is a name's (`COVID-19`, `IL-6`), no estimate.
            // (The number as matched may begin with the space before it.)
            let est = c.name("est").expect("est");
            let start = est.end() - est.as_str().trim_start().len();
            !text[..start].ends_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '-')
                && !second_of_a_pair(&text[..start])
                && !period_of_a_rate(&text[..start])
        })
        .map(|c| {
            let whole = plain.original_span(c.get(0).expect("a match").range());
            IntervalFinding {
                line: plain.line_of(whole.start),
                quote: doc.original[whole].to_string(),
                estimate: c["est"].trim().to_string(),
                lower: c["lo"].trim().to_string(),
                upper: c["hi"].trim().to_string(),
            }
        })
        .collect()
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
