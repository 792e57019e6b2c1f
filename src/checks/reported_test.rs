//! Reported test statistics against their p-values, as statcheck does for APA-style results
//! (Nuijten et al. 2016, Behav Res Methods 48:1205; Epskamp & Nuijten, R package
//! statcheck): `t(28) = 2.20, p = .04`, `F(2, 56) = 3.1, p < .05`, `χ2(1) = 4.5`,
//! `r(48) = .31`, `z = 2.1`, with `p =`, `<`, `>` or `ns`.
//!
//! The p-value is recomputed from the statistic and its degrees of freedom over the whole
//! interval the printed (rounded) statistic allows; the reported p is an *inconsistency*
//! when it falls outside that range (for `p =`, compared at the reported p's decimals), and
//! a *decision error* when, in addition, the reported and the recomputed p lie on different
//! sides of α (p = α counts as significant). These are statcheck's rules, including: p = 0
//! as printed (`p = .000`) is an inconsistency (a p-value is never 0: report `p < .001`);
//! a result that says it is one-sided (`one-sided`, `one-tailed`, `directional`, `片側`)
//! and holds only as one-sided is consistent. t, z and r are two-sided otherwise.
//!
//! Texts: [`find_results`] scans each line after turning full-width forms into ASCII
//! (`ｔ（２８）＝２．２０，ｐ＜0.05`, as Japanese documents write them) and typographic
//! minus signs, `≤`/`≥`, `χ²` into plain ones. A statistic's name may follow any letter
//! but a Latin one (Japanese runs words together: `結果はｔ（２８）…`). The pattern is a regular expression (the
//! `regex` crate: linear-time matching, so no text can make the scan hang).

use crate::dist::{pchisq_upper, pf_upper, pnorm_upper, pt_upper};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, TestCase};
use crate::reported::ReportedNumber;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// The kind of test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TestKind {
    T,
    F,
    Chi2,
    R,
    Z,
}

impl TestKind {
    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            TestKind::T => "t",
            TestKind::F => "F",
            TestKind::Chi2 => "chi2",
            TestKind::R => "r",
            TestKind::Z => "z",
        }
    }
    /// Whether a one-sided reading halves the p (t, z, r; F and χ² have one tail already).
    fn has_two_tails(self) -> bool {
        matches!(self, TestKind::T | TestKind::Z | TestKind::R)
    }
}

/// How a number is compared in the text: `=`, `<` or `>` (one type with the p-values of
/// [`crate::reported::ReportedP`]).
pub use crate::reported::Relation;

/// One test result as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedTest {
    /// The result as it stands in the text (after full-width forms are made ASCII).
    pub text: String,
    pub kind: TestKind,
    /// Degrees of freedom: one for t, χ² and r; two for F; none for z.
    pub df: Vec<f64>,
    /// `=`, `<` or `>` between the statistic's name and its value.
    pub statistic_relation: Relation,
    /// The statistic as printed (its decimals give its rounding).
    #[serde(serialize_with = "as_text")]
    pub statistic: ReportedNumber,
    /// `=`, `<` or `>` before the p-value (`ns` is read as `p > α`).
    pub p_relation: Relation,
    /// The p-value as printed; `None` for `ns`.
    #[serde(serialize_with = "option_as_text")]
    pub p: Option<ReportedNumber>,
    /// The text says the test is one-sided.
    pub one_sided_stated: bool,
}

fn as_text<S: serde::Serializer>(x: &ReportedNumber, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&x.text)
}
fn option_as_text<S: serde::Serializer>(
    x: &Option<ReportedNumber>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_str(&x.text),
        None => s.serialize_str("ns"),
    }
}

impl ReportedTest {
    /// The test written back compactly: `t(28) = 2.20, p = .04`.
    pub fn describe(&self) -> String {
        let df: Vec<String> = self
            .df
            .iter()
            .map(|d| crate::output::human_number(*d))
            .collect();
        let df = if df.is_empty() {
            String::new()
        } else {
            format!("({})", df.join(", "))
        };
        let p = match &self.p {
            Some(p) => format!("p {} {}", self.p_relation.as_str(), p.text),
            None => "ns".to_string(),
        };
        format!(
            "{}{df} {} {}, {p}",
            self.kind.as_str(),
            self.statistic_relation.as_str(),
            self.statistic.text
        )
    }
}

/// The verdict on one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TestVerdict {
    /// The reported p is within what the printed statistic allows.
    Consistent,
    /// It is not.
    Inconsistent,
    /// It is not, and the reported and recomputed p lie on different sides of α.
    DecisionError,
}

impl TestVerdict {
    /// The verdict as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            TestVerdict::Consistent => "consistent",
            TestVerdict::Inconsistent => "inconsistent",
            TestVerdict::DecisionError => "decision error",
        }
    }
}

/// The recomputation of one result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestCheck {
    /// What was read.
    pub test: ReportedTest,
    /// The p of the statistic as printed.
    pub computed_p: f64,
    /// The p-values the statistic's rounding interval allows, [lowest, highest].
    pub p_range: [f64; 2],
    /// The p-values are one-sided (the text says so and only that reading holds).
    pub one_sided: bool,
    pub verdict: TestVerdict,
    /// In words, with the numbers.
    pub detail: String,
}

impl TestCheck {
    /// Everything but [`TestVerdict::Consistent`] is a problem (exit 1).
    pub fn consistent(&self) -> bool {
        self.verdict == TestVerdict::Consistent
    }
}

/// Full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space made ASCII; typographic
/// minus and dashes, `≤`, `≥`, `²`, the Japanese comma made plain.
pub fn normalize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' | '\u{2013}' | '\u{2010}' | '\u{2011}' => '-',
            '≤' | '≦' => '<',
            '≥' | '≧' => '>',
            '²' => '2',
            '、' => ',',
            other => other,
        })
        .collect()
}

fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?ix)
            (?:^|[^A-Za-z0-9_.])
            (?P<kind> chi-?squared? | chi\s*\^?\s*2 | χ\s*\^?\s*2 | x\s*\^?2 | t | f | r | z )
            \s*
            (?: \( \s* (?P<df1> \d+(?:\.\d+)? ) \s*
                (?: [,;] \s* (?P<df2> \d+(?:\.\d+)? ) \s* )?
                (?: [,;] \s* n \s* = \s* \d+ \s* )?
            \) )?
            \s* (?P<trel> [=<>] ) \s*
            (?P<stat> [-+]? \s* (?: \d+(?:\.\d+)? | \.\d+ ) )
            \s* [,;:]? \s*
            (?: p \s* (?P<prel> [=<>] ) \s* (?P<p> \d+(?:\.\d+)? | \.\d+ )
              | (?P<ns> n\.?s\.? )(?:[^\p{L}]|$) )",
        )
        .expect("the result pattern is valid")
    })
}

fn one_sided_stated(text: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(r"(?i)one.?sided|one.?tailed|directional|片側").expect("valid pattern")
        })
        .is_match(text)
}

/// Read one match into a test, or say why it is not one (a missing or extra df, a negative
/// F or χ², an |r| above 1).
fn read_match(caps: &regex::Captures, context: &str) -> Result<ReportedTest> {
    // From the statistic's name to the end of the p-value (the character before the name
    // belongs to the surrounding text).
    let (start, end) = (
        caps.name("kind").map_or(0, |m| m.start()),
        caps.get(0).map_or(0, |m| m.end()),
    );
    let text = context
        .get(start..end)
        .unwrap_or_default()
        .trim()
        .to_string();
    let kind_text = caps["kind"].to_ascii_lowercase();
    let kind = match kind_text.as_str() {
        "t" => TestKind::T,
        "f" => TestKind::F,
        "r" => TestKind::R,
        "z" => TestKind::Z,
        _ => TestKind::Chi2,
    };
    let df_of = |name: &str| -> Result<Option<f64>> {
        caps.name(name)
            .map(|m| {
                m.as_str().parse::<f64>().map_err(|_| {
                    Error::input(
                        &text,
                        format!("degrees of freedom '{}' are not a number", m.as_str()),
                    )
                })
            })
            .transpose()
    };
    let (df1, df2) = (df_of("df1")?, df_of("df2")?);
    let df: Vec<f64> = [df1, df2].into_iter().flatten().collect();
    let needed = match kind {
        TestKind::F => 2,
        TestKind::Z => 0,
        _ => 1,
    };
    if df.len() != needed {
        return Err(Error::input(
            &text,
            format!(
                "{} takes {} degree(s) of freedom in parentheses, as {}; found {}",
                kind.as_str(),
                needed,
                match kind {
                    TestKind::F => "F(2, 56) = 3.10",
                    TestKind::Z => "z = 2.10",
                    TestKind::Chi2 => "chi2(1) = 4.50",
                    TestKind::R => "r(48) = .31",
                    TestKind::T => "t(28) = 2.20",
                },
                df.len()
            ),
        ));
    }
    if let Some(d) = df.iter().find(|d| **d <= 0.0) {
        return Err(Error::input(
            &text,
            format!("degrees of freedom {d} must be above 0"),
        ));
    }
    let stat_text: String = caps["stat"]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let statistic = ReportedNumber::parse(&stat_text, &text)?;
    if matches!(kind, TestKind::F | TestKind::Chi2) && statistic.value < 0.0 {
        return Err(Error::input(
            &text,
            format!("{} = {} cannot be negative", kind.as_str(), statistic.text),
        ));
    }
    if kind == TestKind::R && statistic.value.abs() > 1.0 {
        return Err(Error::input(
            &text,
            format!("r = {} is outside [-1, 1]", statistic.text),
        ));
    }
    let (p_relation, p) = if caps.name("ns").is_some() {
        (Relation::Gt, None)
    } else {
        let p = ReportedNumber::parse(&caps["p"], &text)?;
        if p.value > 1.0 {
            return Err(Error::input(&text, format!("p = {} is above 1", p.text)));
        }
        (Relation::from_symbol(&caps["prel"]), Some(p))
    };
    Ok(ReportedTest {
        text,
        kind,
        df,
        statistic_relation: Relation::from_symbol(&caps["trel"]),
        statistic,
        p_relation,
        p,
        one_sided_stated: one_sided_stated(context),
    })
}

/// Read a single result (`trialstats check stat "t(28) = 2.20, p = .04"`): exactly one must
/// be in `text`.
pub fn parse_result(text: &str) -> Result<ReportedTest> {
    let plain = normalize(text);
    let found: Vec<regex::Captures> = pattern().captures_iter(&plain).collect();
    match found.as_slice() {
        [one] => read_match(one, &plain),
        [] => Err(Error::input(
            "RESULT",
            format!("no test result found in '{text}'; write it as t(28) = 2.20, p = .04 (also F(2, 56), chi2(1) or χ2(1), r(48), z; p =, <, > or ns)"),
        )),
        _ => Err(Error::input(
            "RESULT",
            format!("{} test results found in '{text}'; give one (use `check text FILE` for many)", found.len()),
        )),
    }
}

/// One result found in a text, with its line (1-based).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundResult {
    pub line: usize,
    /// The result, or why what looked like one cannot be checked.
    #[serde(flatten)]
    pub reading: FoundReading,
}

/// What a match in a text turned out to be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FoundReading {
    Test(Box<TestCheck>),
    Unreadable { text: String, problem: String },
}

/// Every result in `text`, line by line, each checked at `alpha`. A match that cannot be a
/// result (a t without df, an r above 1) is kept with the reason, not dropped silently.
pub fn find_results(text: &str, alpha: f64) -> Vec<FoundResult> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let plain = normalize(line);
        for caps in pattern().captures_iter(&plain) {
            let reading = match read_match(&caps, &plain) {
                Ok(test) => FoundReading::Test(Box::new(check_result(&test, alpha))),
                Err(Error::Input { location, message }) => FoundReading::Unreadable {
                    text: location,
                    problem: message,
                },
                Err(other) => FoundReading::Unreadable {
                    text: caps[0].trim().to_string(),
                    problem: other.to_string(),
                },
            };
            out.push(FoundResult {
                line: i + 1,
                reading,
            });
        }
    }
    out
}

/// The p of `kind` at statistic `x` (its absolute value for t, z, r), two- or one-sided.
fn p_value(kind: TestKind, x: f64, df: &[f64], two_sided: bool) -> f64 {
    let tail = match kind {
        TestKind::T => pt_upper(x.abs(), df[0]),
        TestKind::Z => pnorm_upper(x.abs()),
        TestKind::R => {
            let r = x.abs().min(1.0);
            if r >= 1.0 {
                0.0
            } else {
                pt_upper(r / ((1.0 - r * r) / df[0]).sqrt(), df[0])
            }
        }
        TestKind::F => pf_upper(x.max(0.0), df[0], df[1]),
        TestKind::Chi2 => pchisq_upper(x.max(0.0), df[0]),
    };
    if two_sided && kind.has_two_tails() {
        (2.0 * tail).min(1.0)
    } else {
        tail
    }
}

/// Round to `decimals` places (for comparing a recomputed p at the reported p's precision).
fn round_to(x: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (x * f).round() / f
}

/// statcheck's error rule for one reading (two- or one-sided): is the reported p outside
/// what the statistic allows? Returns (error, computed p, [low p, high p]).
fn inconsistent(test: &ReportedTest, alpha: f64, two_sided: bool) -> (bool, f64, [f64; 2]) {
    let half = test.statistic.half_unit();
    let x = test.statistic.value.abs();
    let p_at = |s: f64| p_value(test.kind, s, &test.df, two_sided);
    let computed = p_at(x);
    // The largest p comes from the smallest |statistic| the rounding allows.
    let high = p_at((x - half).max(0.0));
    let low = p_at(x + half);
    let (reported, decimals) = match &test.p {
        Some(p) => (p.value, p.decimals),
        None => (alpha, 2),
    };
    if test.p.is_some() && reported <= 0.0 {
        return (true, computed, [low, high]);
    }
    use Relation::*;
    let error = match (test.statistic_relation, test.p_relation) {
        (Eq, Eq) => reported > round_to(high, decimals) || reported < round_to(low, decimals),
        (Eq, Lt) => reported < low,
        (Eq, Gt) => reported > high,
        (Lt, Eq) => reported < round_to(high, decimals),
        (Lt, Lt) => reported < high,
        (Gt, Eq) => reported > round_to(low, decimals),
        (Gt, Gt) => reported > low,
        (Lt, Gt) | (Gt, Lt) => false,
    };
    (error, computed, [low, high])
}

/// statcheck's decision-error rule (p ≤ α significant): the reported and the recomputed p
/// on different sides of α.
fn decision_error(test: &ReportedTest, computed: f64, alpha: f64) -> bool {
    let reported = test.p.as_ref().map_or(alpha, |p| p.value);
    use Relation::*;
    match (test.statistic_relation, test.p_relation) {
        (Eq, Eq) => (reported <= alpha) != (computed <= alpha),
        (Eq, Lt) => reported <= alpha && computed > alpha,
        (Eq, Gt) | (Gt, Gt) => reported >= alpha && computed <= alpha,
        (Lt, Eq) | (Lt, Lt) => reported <= alpha && computed >= alpha,
        (Gt, Eq) => reported > alpha && computed <= alpha,
        (Lt, Gt) | (Gt, Lt) => false,
    }
}

/// Recompute the p of `test` and judge the reported one at significance level `alpha`.
pub fn check_result(test: &ReportedTest, alpha: f64) -> TestCheck {
    let (mut error, mut computed, mut range) = inconsistent(test, alpha, true);
    let mut one_sided = false;
    if error && test.one_sided_stated && test.kind.has_two_tails() {
        let (e1, c1, r1) = inconsistent(test, alpha, false);
        if !e1 {
            (error, computed, range, one_sided) = (false, c1, r1, true);
        }
    }
    let verdict = if !error {
        TestVerdict::Consistent
    } else if decision_error(test, computed, alpha) {
        TestVerdict::DecisionError
    } else {
        TestVerdict::Inconsistent
    };
    let h = crate::output::human_number;
    let sided = if one_sided {
        "one-sided "
    } else if test.kind.has_two_tails() {
        "two-sided "
    } else {
        ""
    };
    let reported = match &test.p {
        Some(p) if p.value <= 0.0 => format!(
            "p {} {} (a p-value is never 0; report p < .001)",
            test.p_relation.as_str(),
            p.text
        ),
        Some(p) => format!("p {} {}", test.p_relation.as_str(), p.text),
        None => format!("ns (p > {})", h(alpha)),
    };
    let detail = format!(
        "{}: the {sided}p of {} {} {} is {} ({} to {} over its rounding); reported {reported}{}",
        verdict.as_str(),
        test.kind.as_str(),
        test.statistic_relation.as_str(),
        test.statistic.text,
        h(computed),
        h(range[0]),
        h(range[1]),
        match verdict {
            TestVerdict::DecisionError => format!(", on the other side of α = {}", h(alpha)),
            _ => String::new(),
        }
    );
    TestCheck {
        test: test.clone(),
        computed_p: computed,
        p_range: range,
        one_sided,
        verdict,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(text: &str) -> TestVerdict {
        check_result(&parse_result(text).unwrap(), 0.05).verdict
    }
    fn error(text: &str) -> bool {
        verdict(text) != TestVerdict::Consistent
    }

    /// R (stats): 2*pt(-2.2, 28), pf(2.2, 2, 28, lower.tail=FALSE),
    /// 2*pt(-(.22/sqrt((1-.22^2)/28)), 28), pchisq(22.2, 28, lower.tail=FALSE),
    /// 2*pnorm(-2.2), 2*pt(-2.25, 28), 2*pt(-2.15, 28), 2*pt(-1, 100).
    #[test]
    fn recomputed_p_values_match_r() {
        let cases = [
            ("t(28) = 2.20, p = .03", 0.03622548477883783),
            ("F(2, 28) = 2.20, p = .15", 0.12959322447409294),
            ("r(28) = .22, p = .26", 0.24273898791271159),
            ("chi2(28) = 22.20, p = .79", 0.77194870403293581),
            (" z = 2.20, p = .04", 0.027806895026997212),
            ("t(100)=1, p < 0.001", 0.31972415578412372),
        ];
        for (text, p) in cases {
            let c = check_result(&parse_result(text).unwrap(), 0.05);
            assert!(
                (c.computed_p - p).abs() < 1e-12 * p,
                "{text}: {}",
                c.computed_p
            );
        }
        let c = check_result(&parse_result("t(28) = 2.2, p = .036").unwrap(), 0.05);
        assert!((c.p_range[0] - 0.03249343615120915).abs() < 1e-13);
        assert!((c.p_range[1] - 0.040338183264729613).abs() < 1e-13);
    }

    /// statcheck's own tests (github.com/MicheleNuijten/statcheck,
    /// tests/testthat/test-error.R and test-decisionerror.R), with statcheck's defaults
    /// (α = .05, p = α significant, p = .000 an error, OneTailedTxt as stated).
    #[test]
    fn statchecks_error_examples() {
        // "simple errors are classified as such" (Q-tests are not ours)
        for t in [
            "t(28) = 2.20, p = .03",
            "F(2, 28) = 2.20, p = .15",
            "r(28) = .22, p = .26",
            "chi2(28) = 22.20, p = .79",
            " z = 2.20, p = .04",
        ] {
            assert!(error(t), "{t}");
        }
        // negative statistics
        assert!(!error(" Z = -2.42, p = 0.016"));
        assert!(error("t(28) = -2.20, p = .03"));
        // inexact p-values
        assert!(error("t(28) = 2.20, ns"));
        assert!(error("t(28) = 2.20, p > .05"));
        assert!(!error("t(28) = 2.0, p < .05"));
        // correct rounding
        for t in [
            "t(28) = 2, p = .02",
            "t(28) = 2, p = .14",
            "t(28) = 2.2, p = .03",
            "t(28) = 2.2, p = .04",
            "t(28) = 2.20, p = .036",
            "t(28) = 2.20, p = .037",
        ] {
            assert!(!error(t), "{t}");
        }
        // one-tailed when stated
        assert!(error("t(28) = 2.20, p = .018"));
        assert!(error("t(28) = 2.20, p = .01, one-tailed"));
        assert!(!error("t(28) = 2.20, p = .018, one-tailed"));
        assert!(!error("t(28) = 2.20, p = .018, one-sided"));
        assert!(!error("t(28) = 2.20, p = .018, directional"));
        let one = check_result(
            &parse_result("t(28) = 2.20, p = .018, one-sided").unwrap(),
            0.05,
        );
        assert!(one.one_sided && (one.computed_p - 0.018112742389418915).abs() < 1e-13);
        // p = .000
        assert!(error("t(28) = 22.20, p = .000"));
        assert!(error("t(28) = 22.20, p < .000"));
        // t = exactly reported
        for (t, e) in [
            ("t(28) = 2.2, p = .036", false),
            ("t(28) = 2.2, p < .08", false),
            ("t(28) = 2.2, p > .02", false),
            ("t(28) = 2.2, p = .08", true),
            ("t(28) = 2.2, p = .02", true),
            ("t(28) = 2.2, p > .08", true),
            ("t(28) = 2.2, p < .02", true),
            // t < and t >
            ("t(28) < 2.2, p = .08", false),
            ("t(28) < 2.2, p > .08", false),
            ("t(28) < 2.2, p < .08", false),
            ("t(28) < 2.2, p > .02", false),
            ("t(28) < 2.2, p < .02", true),
            ("t(28) < 2.2, p = .02", true),
            ("t(28) > 2.2, p = .02", false),
            ("t(28) > 2.2, p > .02", false),
            ("t(28) > 2.2, p < .02", false),
            ("t(28) > 2.2, p < .08", false),
            ("t(28) > 2.2, p > .08", true),
            ("t(28) > 2.2, p = .08", true),
        ] {
            assert_eq!(error(t), e, "{t}");
        }
    }

    #[test]
    fn statchecks_decision_error_examples() {
        for t in [
            "t(28) = 2.20, p = .06",
            "t(28) = 1.20, p = .03",
            "F(2, 28) = 22.20, p = .06",
            "F(2, 28) = 2.20, p = .03",
            "r(28) = .22, p = .03",
            "r(28) = .52, p = .06",
            "chi2(28) = 2.20, p = .03",
            "chi2(28) = 52.20, p = .06",
            " z = 1.20, p = .03",
            " z = 2.20, p = .06",
        ] {
            assert_eq!(verdict(t), TestVerdict::DecisionError, "{t}");
        }
        // Nuijten et al. 2016 / statcheck's README example: t(100) = 1, p < .001 is a
        // decision error (recomputed p = .32).
        assert_eq!(verdict("t(100)=1, p < 0.001"), TestVerdict::DecisionError);
        assert_eq!(verdict("t(28) = 2.20, p = .04"), TestVerdict::Consistent);
        assert_eq!(verdict("t(28) = 2.20, p = .30"), TestVerdict::DecisionError);
    }

    #[test]
    fn japanese_full_width_forms_are_read() {
        let text = "結果はｔ（２８）＝２．２０，ｐ＜0.05であった。\nχ²（1）＝4.50、ｐ＝．０３\n効果なし F(2, 28) = 2.20, p = .15";
        let found = find_results(text, 0.05);
        let got: Vec<(usize, TestVerdict)> = found
            .iter()
            .map(|f| match &f.reading {
                FoundReading::Test(c) => (f.line, c.verdict),
                FoundReading::Unreadable { problem, .. } => panic!("{problem}"),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, TestVerdict::Consistent),
                (2, TestVerdict::Consistent),
                (3, TestVerdict::Inconsistent)
            ]
        );
    }

    /// R: pchisq(4.5, 1, lower.tail=FALSE) = 0.033894853524689; a χ² with N inside the
    /// parentheses, full-width digits, `≤` and n.s. are all read.
    #[test]
    fn other_written_forms_are_read() {
        let c = check_result(
            &parse_result("χ2(1, N = 100) = 4.50, p = .03").unwrap(),
            0.05,
        );
        assert!(
            (c.computed_p - 0.033894853524689).abs() < 1e-12,
            "{}",
            c.computed_p
        );
        assert_eq!(c.verdict, TestVerdict::Consistent);
        assert_eq!(
            verdict("χ２（１）＝４．５０，ｐ＝．０３"),
            TestVerdict::Consistent
        );
        assert_eq!(verdict("t(28) = 2.20, p ≤ .05"), TestVerdict::Consistent);
        assert_eq!(verdict("t(28) = 0.50, n.s."), TestVerdict::Consistent);
        assert_eq!(
            verdict("F (1, 28) = 4.20, p < .05"),
            TestVerdict::Consistent
        );
        assert_eq!(verdict("t(28) = −2.20, p = .04"), TestVerdict::Consistent);
    }

    #[test]
    fn bad_results_say_what_is_wrong() {
        let e = |t: &str| parse_result(t).unwrap_err().to_string();
        assert!(e("t = 2.20, p = .04").contains("degree"));
        assert!(e("F(2) = 2.20, p = .04").contains("2 degree"));
        assert!(e("r(20) = 1.20, p = .04").contains("outside"));
        assert!(e("hello").contains("no test result"));
        assert!(e("t(2) = 1, p = .4; t(3) = 1, p = .4").contains("2 test results"));
        let found = find_results("a t = 2.0, p = .04 here", 0.05);
        assert!(matches!(found[0].reading, FoundReading::Unreadable { .. }));
    }
}

/// Every result found in one text file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextScan {
    /// The file, as given.
    pub file: String,
    /// The significance level used.
    pub alpha: f64,
    pub results: Vec<FoundResult>,
}

impl TextScan {
    /// Scan `text` (the contents of `file`).
    pub fn new(file: &str, text: &str, alpha: f64) -> TextScan {
        TextScan {
            file: file.to_string(),
            alpha,
            results: find_results(text, alpha),
        }
    }
    /// The checked results (not the unreadable ones).
    pub fn checks(&self) -> impl Iterator<Item = &TestCheck> {
        self.results.iter().filter_map(|r| match &r.reading {
            FoundReading::Test(c) => Some(c.as_ref()),
            FoundReading::Unreadable { .. } => None,
        })
    }
    /// Problem found when any result is inconsistent.
    pub fn consistent(&self) -> bool {
        self.checks().all(TestCheck::consistent)
    }
}

impl Tabular for TestCheck {
    fn table(&self) -> Table {
        let h = crate::output::human_number;
        let rows: Vec<(&str, String)> = vec![
            ("result", self.test.describe()),
            ("test", self.test.kind.as_str().to_string()),
            ("computed p", h(self.computed_p)),
            (
                "p range",
                format!("{} to {}", h(self.p_range[0]), h(self.p_range[1])),
            ),
            (
                "sided",
                if !self.test.kind.has_two_tails() {
                    "upper tail"
                } else if self.one_sided {
                    "one-sided (as the text says)"
                } else {
                    "two-sided"
                }
                .to_string(),
            ),
            ("status", self.verdict.as_str().to_string()),
            ("detail", self.detail.clone()),
        ];
        Table {
            header: vec!["item".into(), "value".into()],
            rows: rows
                .into_iter()
                .map(|(k, v)| vec![Cell::Text(k.into()), Cell::Text(v)])
                .collect(),
        }
    }
    fn test_cases(&self) -> Option<Vec<TestCase>> {
        Some(vec![test_case("check stat", &self.test.describe(), self)])
    }
}

fn test_case(suite: &str, name: &str, c: &TestCheck) -> TestCase {
    TestCase {
        suite: suite.to_string(),
        name: name.to_string(),
        failure: (!c.consistent()).then(|| c.verdict.as_str().to_string()),
        skipped: false,
        detail: c.detail.clone(),
    }
}

impl Tabular for TextScan {
    fn table(&self) -> Table {
        let rows = self
            .results
            .iter()
            .map(|r| match &r.reading {
                FoundReading::Test(c) => vec![
                    Cell::Integer(r.line as i64),
                    Cell::Text(c.test.text.clone()),
                    Cell::Number(c.computed_p),
                    Cell::Text(c.verdict.as_str().into()),
                    Cell::Text(c.detail.clone()),
                ],
                FoundReading::Unreadable { text, problem } => vec![
                    Cell::Integer(r.line as i64),
                    Cell::Text(text.clone()),
                    Cell::Missing,
                    Cell::Text("not checked".into()),
                    Cell::Text(problem.clone()),
                ],
            })
            .collect();
        Table {
            header: ["line", "result", "computed_p", "status", "detail"]
                .map(String::from)
                .to_vec(),
            rows,
        }
    }
    fn preamble(&self) -> Option<String> {
        let count = |v: TestVerdict| self.checks().filter(|c| c.verdict == v).count();
        Some(format!(
            "{}: {} results: {} consistent, {} inconsistent, {} decision errors (α = {}){}",
            self.file,
            self.checks().count(),
            count(TestVerdict::Consistent),
            count(TestVerdict::Inconsistent),
            count(TestVerdict::DecisionError),
            crate::output::human_number(self.alpha),
            match self.results.len() - self.checks().count() {
                0 => String::new(),
                k => format!("; {k} not checked"),
            }
        ))
    }
    fn test_cases(&self) -> Option<Vec<TestCase>> {
        Some(
            self.results
                .iter()
                .map(|r| match &r.reading {
                    FoundReading::Test(c) => {
                        test_case(&self.file, &format!("line {}: {}", r.line, c.test.text), c)
                    }
                    FoundReading::Unreadable { text, problem } => TestCase {
                        suite: self.file.clone(),
                        name: format!("line {}: {text}", r.line),
                        failure: None,
                        skipped: true,
                        detail: problem.clone(),
                    },
                })
                .collect(),
        )
    }
}
