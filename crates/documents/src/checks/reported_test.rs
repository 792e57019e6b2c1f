//! Reported test statistics against their p-values, as statcheck does for APA-style results
//! (Nuijten et al. 2016, Behav Res Methods 48:1205; Epskamp & Nuijten, R package
//! statcheck): `t(28) = 2.20, p = .04`, `F(2, 56) = 3.1, p < .05`, `χ2(1) = 4.5`,
//! `r(48) = .31`, `z = 2.1`, `Q(28) = 22.2` (Q, Qw, Qb: χ² with df), with `p =`, `<`, `>` or
//! `ns`.
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
//! The rules are statcheck's options ([`CheckRules`]: `pEqualAlphaSig`, `OneTailedTests`,
//! `OneTailedTxt`, `pZeroError`), with its defaults but for `OneTailedTxt` (on here).
//!
//! Texts: [`find_results`] scans the whole text made plain by [`crate::text::PlainText`]
//! (full-width forms, signs, ligatures, PDF artefacts; a result may break across lines) and
//! reads every number with [`crate::text::TextNumber`] (scientific notation, thousands
//! separators); each finding keeps its line, byte span and verbatim quote. A statistic's name
//! may follow any letter but a Latin one (Japanese runs words together: `結果はｔ（２８）…`).
//! What only looks like a result (a test's name, a comparison and a value with a p close
//! behind or df in brackets) is a not-checked finding with the reason. [`find_p_values`]
//! lists every p-value (statcheck's `AllPValues`, and the APA factor's denominator). The
//! patterns are regular expressions (the `regex` crate: linear-time matching, so no text can
//! make the scan hang).

use crate::dist::{pchisq_upper, pf_upper, pnorm_upper, pt_upper};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, TestCase};
use crate::text::number::{DfList, NUMBER, read_df_list};
use crate::text::{PlainText, TextNumber};
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
    /// Cochran's Q of a meta-analysis (χ² with its df), and its within- and between-group
    /// parts (statcheck's Q, Qw, Qb).
    Q,
    Qw,
    Qb,
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
            TestKind::Q => "Q",
            TestKind::Qw => "Qw",
            TestKind::Qb => "Qb",
        }
    }
    /// A result of this kind as written.
    fn example(self) -> &'static str {
        match self {
            TestKind::F => "F(2, 56) = 3.10",
            TestKind::Z => "z = 2.10",
            TestKind::Chi2 => "chi2(1) = 4.50",
            TestKind::R => "r(48) = .31",
            TestKind::T => "t(28) = 2.20",
            TestKind::Q => "Q(28) = 22.20",
            TestKind::Qw => "Qw(28) = 22.20",
            TestKind::Qb => "Qb(2) = 2.20",
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
    pub statistic: TextNumber,
    /// `=`, `<` or `>` before the p-value (`ns` is read as `p > α`).
    pub p_relation: Relation,
    /// The p-value as printed; `None` for `ns`.
    #[serde(serialize_with = "option_as_text")]
    pub p: Option<TextNumber>,
    /// The text says the test is one-sided.
    pub one_sided_stated: bool,
}

fn as_text<S: serde::Serializer>(x: &TextNumber, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&x.text)
}
fn option_as_text<S: serde::Serializer>(
    x: &Option<TextNumber>,
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

/// The text made plain for reading (full-width forms, signs, ligatures: see
/// [`crate::text::plain`]).
///
/// ```
/// use trialstats_documents::checks::reported_test::normalize;
/// // A Japanese text's full-width result, and a minus printed as U+2212.
/// assert_eq!(normalize("ｔ（２８）＝２．２０"), "t(28)=2.20");
/// assert_eq!(normalize("Z = \u{2212}2.42"), "Z = -2.42");
/// ```
pub fn normalize(text: &str) -> String {
    PlainText::new(text).text
}

/// The pattern of one result, with [`crate::text::number::NUMBER`] for the statistic and the p.
fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let pattern = r"(?ix)
            (?:^|[^A-Za-z0-9_.])
            (?P<kind> chi (?: -?\s?squared? | \s*[_^]?\s*2 ) | χ \s*[_^]?\s* 2? | x\s*\^?\s*2
                | (?-i:Q) (?: \s?-?\s? (?: within | between | w | b ) )? | t | f | r | z )
            \s*
            (?: \( (?P<dfs> [^()]{1,40} ) \) )?
            \s* (?P<trel> [<>]=? | = ) \s*
            (?P<stat> NUMBER )
            \s* [,;:]? \s*
            (?: p \s* (?P<prel> [<>]=? | = ) \s* (?P<p> NUMBER )
              | (?P<ns> n\.?s\.? )(?:[^\p{L}]|$) )"
            .replace("NUMBER", NUMBER);
        Regex::new(&pattern).expect("the result pattern is valid")
    })
}

/// What looks like a result to a reader: a test's name (t, F, χ², r, z, Q and its variants),
/// optionally something in brackets, a comparison and a value, then a p-value or `ns` close
/// behind. Every such place that [`pattern`] does not read is reported as not checked.
fn lookalike_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?:^|[^A-Za-z0-9_.])
            (?P<name> (?i:chi)[-_\s^]*(?i:squared?)?2? | χ\s*\^?2? | [Xx]\s?\^?2 | Q[A-Za-z-]* | [tTFrRzZ] )
            \s* (?P<df> [(\[] [^()\[\]]{0,40} [)\]] )?
            \s* (?P<rel> [=<>]{1,2} ) \s* (?P<value> [^\s,;]{1,20} )",
        )
        .expect("the look-alike pattern is valid")
    })
}

/// A p-value anywhere (statcheck's `extract_p_value`: the denominator of the APA factor and
/// what `--all-p-values` lists).
fn p_value_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let pattern = r"(?x)
            (?:^|[^A-Za-z0-9_])
            (?: [pP] \s* (?P<rel> [<>]=? | = ) \s* (?P<p> NUMBER )
              | (?P<ns> (?i: n\.?s\.? ) )(?:[^\p{L}]|$) )"
            .replace("NUMBER", NUMBER);
        Regex::new(&pattern).expect("the p-value pattern is valid")
    })
}

fn one_sided_stated(text: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(r"(?i)one[-\s]?sided|one[-\s]?tailed|directional|片側")
                .expect("valid pattern")
        })
        .is_match(text)
}

/// The test a statistic's name (lower-cased) stands for: t, F, r, z, Q (Qb, Qw), else χ².
fn test_kind(kind_text: &str) -> TestKind {
    match kind_text {
        "t" => TestKind::T,
        "f" => TestKind::F,
        "r" => TestKind::R,
        "z" => TestKind::Z,
        k if k.starts_with('q') => {
            if k.contains('b') {
                TestKind::Qb
            } else if k.contains('w') {
                TestKind::Qw
            } else {
                TestKind::Q
            }
        }
        _ => TestKind::Chi2,
    }
}

/// `Ok` if the statistic can be what `kind` gives: F, χ² and Q not negative, |r| at most 1.
fn check_statistic(kind: TestKind, statistic: &TextNumber, text: &str) -> Result<()> {
    if matches!(
        kind,
        TestKind::F | TestKind::Chi2 | TestKind::Q | TestKind::Qw | TestKind::Qb
    ) && statistic.value < 0.0
    {
        return Err(Error::input(
            text,
            format!("{} = {} cannot be negative", kind.as_str(), statistic.text),
        ));
    }
    if kind == TestKind::R && statistic.value.abs() > 1.0 {
        return Err(Error::input(
            text,
            format!("r = {} is outside [-1, 1]", statistic.text),
        ));
    }
    Ok(())
}

/// Read one match into a test, or say why it is not one (a missing or extra df, a negative
/// F or χ², an |r| above 1, a p above 1). `plain` is the text matched in; `context` the
/// line(s) around it (where "one-sided" is looked for).
fn read_match(caps: &regex::Captures, plain: &str, context: &str) -> Result<ReportedTest> {
    // From the statistic's name to the end of the p-value (the character before the name
    // belongs to the surrounding text).
    let (start, end) = (
        caps.name("kind").map_or(0, |m| m.start()),
        caps.get(0).map_or(0, |m| m.end()),
    );
    let text = plain
        .get(start..end)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let kind_text = caps["kind"].to_ascii_lowercase();
    let kind = test_kind(&kind_text);
    let needed = match kind {
        TestKind::F => 2,
        TestKind::Z => 0,
        _ => 1,
    };
    let list = match caps.name("dfs") {
        Some(m) => read_df_list(m.as_str(), needed).map_err(|e| Error::input(&text, e))?,
        None => DfList {
            df: vec![],
            n: None,
        },
    };
    let df = list.df;
    if df.len() != needed {
        return Err(Error::input(
            &text,
            format!(
                "{} takes {} degree(s) of freedom in parentheses, as {}; found {}",
                kind.as_str(),
                needed,
                kind.example(),
                df.len()
            ),
        ));
    }
    if list.n.is_some() && kind != TestKind::Chi2 {
        return Err(Error::input(
            &text,
            format!(
                "an N in the parentheses is read for χ² only (chi2(1, N = 100) = 4.50); write {} (statcheck reads no N there either)",
                kind.example()
            ),
        ));
    }
    let number = |name: &str| -> Result<TextNumber> {
        TextNumber::parse(&caps[name]).map_err(|e| Error::input(&text, e))
    };
    let statistic = number("stat")?;
    check_statistic(kind, &statistic, &text)?;
    let (p_relation, p) = if caps.name("ns").is_some() {
        (Relation::Gt, None)
    } else {
        let p = number("p")?;
        if p.value > 1.0 {
            return Err(Error::input(&text, format!("p = {} is above 1", p.text)));
        }
        if p.value < 0.0 {
            return Err(Error::input(&text, format!("p = {} is below 0", p.text)));
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
///
/// ```
/// use trialstats_documents::checks::reported_test::parse_result;
/// let t = parse_result("t(28) = 2.20, p = .04")?;
/// assert_eq!((t.statistic.value, t.statistic.plain.as_str()), (2.2, "2.20"));
/// // Two results, or none, are refused: say which one to check.
/// assert!(parse_result("t(28) = 2.20, p = .04; t(30) = 1.1, p = .28").is_err());
/// assert!(parse_result("the drug worked").is_err());
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
///
/// ```
/// use trialstats_documents::checks::reported_test::{parse_result, Relation, TestKind};
/// // statcheck's form of an F test: the name, two df, the statistic and the p's bound.
/// let f = parse_result("Fatigue differed by arm, F(2, 56) = 1.203, p < .001.")?;
/// assert_eq!((f.kind, f.df.clone(), f.statistic.value), (TestKind::F, vec![2.0, 56.0], 1.203));
/// assert_eq!(f.p_relation, Relation::Lt);
/// assert_eq!(f.describe(), "F(2, 56) = 1.203, p < .001");
/// // A text without a result is refused.
/// assert!(parse_result("Fatigue differed by arm.").is_err());
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn parse_result(text: &str) -> Result<ReportedTest> {
    let plain = normalize(text);
    let found: Vec<regex::Captures> = pattern().captures_iter(&plain).collect();
    match found.as_slice() {
        [one] => read_match(one, &plain, &plain),
        [] => Err(Error::input(
            "RESULT",
            format!(
                "no test result found in '{text}'; write it as t(28) = 2.20, p = .04 (also F(2, 56), chi2(1) or χ2(1), r(48), z, Q(28), Qw, Qb; p =, <, > or ns)"
            ),
        )),
        _ => Err(Error::input(
            "RESULT",
            format!(
                "{} test results found in '{text}'; give one (use `check text FILE` for many)",
                found.len()
            ),
        )),
    }
}

/// One result found in a text, with its line (1-based) and where it stands in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundResult {
    pub line: usize,
    /// Byte offsets [start, end) of the result in the file as given.
    pub span: [usize; 2],
    /// The result exactly as the file prints it (line breaks and all).
    pub quote: String,
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

/// One p-value in a text, with or without a statistic (statcheck's `AllPValues`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundP {
    pub line: usize,
    /// As printed (`p = .03`, `ns`).
    pub text: String,
    /// `=`, `<`, `>`; `ns` is `>` with no value.
    pub relation: Relation,
    pub value: Option<f64>,
    /// It belongs to a test result that was read.
    pub in_result: bool,
    /// Byte offsets [start, end) in the file as given, from the relation (or `ns`) to the
    /// end of the number.
    #[serde(skip)]
    pub span: [usize; 2],
    /// The p as printed, read by the one reader of numbers (`None` for `ns`).
    #[serde(skip)]
    pub number: Option<TextNumber>,
}

/// Why a look-alike of a result was not read.
fn lookalike_reason(caps: &regex::Captures, tail: &str) -> Option<String> {
    static P_OR_NS: OnceLock<Regex> = OnceLock::new();
    let name = caps["name"].trim();
    let value = &caps["value"];
    let has_p = P_OR_NS
        .get_or_init(|| {
            Regex::new(r"(?i)(?:^|[^a-z])(?:p\s*[=<>]|n\.?s\.?(?:[^a-z]|$))")
                .expect("valid pattern")
        })
        .is_match(&format!("{value}{tail}"));
    let df = caps.name("df").map(|m| m.as_str());
    if !has_p && df.is_none() {
        // `z = 2.1` or `r = .3` alone is not a result.
        return None;
    }
    let rel = &caps["rel"];
    // A decimal comma (`t=-3,0, df=17`): the value's digits run on past the comma.
    let comma_decimal = tail
        .strip_prefix(',')
        .map(|r| r.bytes().take_while(u8::is_ascii_digit).count())
        .filter(|&d| d > 0)
        .map(|d| format!("{value},{}", &tail[1..1 + d]));
    // Degrees of freedom printed after the value (`t = −1.3, df = 17`), as statistics
    // programs print them.
    static DF_AFTER: OnceLock<Regex> = OnceLock::new();
    let df_after = DF_AFTER
        .get_or_init(|| Regex::new(r"^[^\n]{0,8}?\bdf\s*=\s*\d").expect("valid pattern"))
        .is_match(tail);
    Some(
        if let Some(printed) = comma_decimal.filter(|_| df.is_none() || has_p) {
            format!(
                "the value '{printed}' is printed with a decimal comma; write '{}' to have it checked",
                printed.replace(',', ".")
            )
        } else if df_after && df.is_none() {
            format!(
                "its degrees of freedom are printed after the value ('df = …'); write {name}(df) = {value} to have it checked"
            )
        } else if name.starts_with('Q')
            && !matches!(
                name.trim_start_matches('Q')
                    .trim_start_matches([' ', '-'])
                    .to_ascii_lowercase()
                    .as_str(),
                "" | "w" | "b" | "within" | "between"
            )
        {
            format!(
                "'{name}' is not a test read here (Q, Qw, Qwithin, Qb, Qbetween as statcheck; t, F, χ², r, z)"
            )
        } else if df.is_some_and(|d| d.starts_with('[')) {
            "degrees of freedom in square brackets are not read; write them in parentheses, as t(28) = 2.20".to_string()
        } else if !matches!(rel, "=" | "<" | ">" | "<=" | ">=") {
            format!("'{rel}' is not a comparison")
        } else if TextNumber::parse(value.trim_end_matches([',', '.', ';', ':', ')', ']'])).is_err()
        {
            format!(
                "the value '{value}' is not a number as printed (a sign or character that is not a digit)"
            )
        } else if !has_p {
            "no p-value or ns follows the statistic (a result is checked with its p)".to_string()
        } else {
            "looks like a test result but is not in a form read here (name(df) = value, p = value)"
                .to_string()
        },
    )
}

/// Every result in `text`, each checked under `rules`. A match that cannot be a result (a t
/// without df, an r above 1) and a place that only looks like one (`t[28] = 2.20, p = .03`,
/// `Qs(2) = …`) are kept with the reason, never dropped silently.
///
/// ```
/// use trialstats_documents::checks::reported_test::{CheckRules, FoundReading, find_results};
/// // Two results in running text; t(28) = 2.20 gives p = 0.036 (R: 2 * pt(-2.2, 28)), so the
/// // first is consistent; F(2, 30) = 4.2 gives p = 0.0247 (R: pf(4.2, 2, 30, lower.tail =
/// // FALSE)), so "p = .01" is not.
/// let text = "Scores rose, t(28) = 2.20, p = .036, and differed by arm, F(2, 30) = 4.2, p = .01.";
/// let found = find_results(text, &CheckRules::statcheck());
/// let consistent: Vec<bool> = found
///     .iter()
///     .map(|f| match &f.reading {
///         FoundReading::Test(t) => t.consistent(),
///         FoundReading::Unreadable { .. } => panic!("both are readable"),
///     })
///     .collect();
/// assert_eq!(consistent, [true, false]);
/// ```
pub fn find_results(text: &str, rules: &CheckRules) -> Vec<FoundResult> {
    let plain = PlainText::new(text);
    let mut out = Vec::new();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let found = |range: std::ops::Range<usize>, reading: FoundReading| {
        let span = plain.original_span(range);
        FoundResult {
            line: plain.line_of(span.start),
            span: [span.start, span.end],
            quote: text[span].to_string(),
            reading,
        }
    };
    for caps in captures_after_ns(pattern(), &plain.text) {
        let range = caps.name("kind").map_or(0, |m| m.start())..match_end(&caps);
        let context = plain.lines_around(range.clone());
        let reading = match read_match(&caps, &plain.text, context) {
            Ok(test) => FoundReading::Test(Box::new(check_result(&test, rules))),
            Err(Error::Refused(crate::error::Refusal::Input { location, message })) => {
                FoundReading::Unreadable {
                    text: crate::error::fields_named_plainly(&location),
                    problem: crate::error::fields_named_plainly(&message),
                }
            }
            Err(other) => FoundReading::Unreadable {
                text: caps[0].trim().to_string(),
                problem: other.to_string(),
            },
        };
        taken.push(range.clone());
        out.push(found(range, reading));
    }
    for caps in lookalike_pattern().captures_iter(&plain.text) {
        let (Some(name), Some(value)) = (caps.name("name"), caps.name("value")) else {
            continue;
        };
        let start = name.start();
        if taken
            .iter()
            .any(|r| r.contains(&start) || (start <= r.start && r.start < value.end()))
        {
            continue;
        }
        // The 40 characters after the value, on the same line: is a p-value close behind?
        let after = &plain.text[value.end()..];
        let tail: String = after.chars().take_while(|c| *c != '\n').take(40).collect();
        if let Some(problem) = lookalike_reason(&caps, &tail) {
            let range = start..value.end();
            let shown = plain.text[range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(found(
                range,
                FoundReading::Unreadable {
                    text: shown,
                    problem,
                },
            ));
        }
    }
    out.sort_by_key(|f| f.span[0]);
    out
}

/// Where a match of [`pattern`] or [`p_value_pattern`] ends: after its `ns`, not after the
/// character that shows `ns` is a word of its own (which the match consumes, the regex crate
/// having no look-ahead).
fn match_end(caps: &regex::Captures) -> usize {
    caps.name("ns").or(caps.get(0)).map_or(0, |m| m.end())
}

/// Every match of `re` in `text`, each search resuming at [`match_end`] of the one before.
/// `captures_iter` resumes after the character that follows an `ns`, so a result on the next
/// line (`t(28) = 2.20, ns⏎t(28) = 2.20, p = .03`) lost the boundary its pattern starts
/// with and was not read (issue 45).
fn captures_after_ns<'t>(re: &Regex, text: &'t str) -> Vec<regex::Captures<'t>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else {
            break;
        };
        // A match is never empty, so this always moves on.
        at = match_end(&caps).max(at + 1);
        while !text.is_char_boundary(at) && at < text.len() {
            at += 1;
        }
        out.push(caps);
    }
    out
}

/// Every p-value in `text` (`p = .03`, `p < .001`, `ns`), whether a result holds it or not.
///
/// ```
/// use trialstats_documents::checks::reported_test::{find_p_values, find_results, CheckRules};
/// // Two p-values, one of them in a result; "ns" is p > α with no value; "p. 12" is a page
/// // (statcheck's test-extract-pvalues.R).
/// let text = "Pain fell, t(28) = 2.20, p = .036; fatigue did not (ns; see p. 12).";
/// let p = find_p_values(text, &find_results(text, &CheckRules::statcheck()));
/// let read: Vec<(&str, Option<f64>, bool)> =
///     p.iter().map(|p| (p.relation.as_str(), p.value, p.in_result)).collect();
/// assert_eq!(read, [("=", Some(0.036), true), (">", None, false)]);
/// ```
pub fn find_p_values(text: &str, results: &[FoundResult]) -> Vec<FoundP> {
    let plain = PlainText::new(text);
    captures_after_ns(p_value_pattern(), &plain.text)
        .into_iter()
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let start = caps
                .name("rel")
                .or(caps.name("ns"))
                .map_or(whole.start(), |m| m.start());
            let span = plain.original_span(start..match_end(&caps));
            let in_result = results.iter().any(|r| {
                matches!(r.reading, FoundReading::Test(_))
                    && r.span[0] <= span.start
                    && span.start < r.span[1]
            });
            let (relation, number, shown) = match caps.name("p") {
                Some(p) => {
                    let number = TextNumber::parse(p.as_str()).ok()?;
                    let shown = format!("p {} {}", &caps["rel"], number.text);
                    (Relation::from_symbol(&caps["rel"]), Some(number), shown)
                }
                None => (Relation::Gt, None, caps["ns"].to_string()),
            };
            Some(FoundP {
                line: plain.line_of(span.start),
                text: shown,
                relation,
                value: number.as_ref().map(|n| n.value),
                in_result,
                span: [span.start, span.end],
                number,
            })
        })
        .collect()
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
        TestKind::Chi2 | TestKind::Q | TestKind::Qw | TestKind::Qb => {
            pchisq_upper(x.max(0.0), df[0])
        }
    };
    if two_sided && kind.has_two_tails() {
        (2.0 * tail).min(1.0)
    } else {
        tail
    }
}

/// Round to `decimals` places (for comparing a recomputed p at the reported p's precision;
/// `1.6e-5` has 6).
fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// statcheck's error rule for one reading (two- or one-sided): is the reported p outside
/// what the statistic allows? Returns (error, computed p, [low p, high p]).
fn inconsistent(test: &ReportedTest, rules: &CheckRules, two_sided: bool) -> (bool, f64, [f64; 2]) {
    let alpha = rules.alpha;
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
    if rules.p_zero_error && test.p.is_some() && reported <= 0.0 {
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

/// statcheck's decision-error rule: the reported and the recomputed p on different sides of
/// α, with p = α significant or not (`pEqualAlphaSig`; statcheck's decision_error_test).
fn decision_error(test: &ReportedTest, computed: f64, rules: &CheckRules) -> bool {
    let alpha = rules.alpha;
    let reported = test.p.as_ref().map_or(alpha, |p| p.value);
    use Relation::*;
    if !rules.p_equal_alpha_significant {
        return match (test.statistic_relation, test.p_relation) {
            (Eq, Eq) => (reported < alpha) != (computed < alpha),
            (Eq, Lt) | (Lt, Lt) => reported <= alpha && computed >= alpha,
            (Eq, Gt) => reported >= alpha && computed < alpha,
            (Lt, Eq) => reported < alpha && computed >= alpha,
            (Gt, Eq) | (Gt, Gt) => reported >= alpha && computed <= alpha,
            (Lt, Gt) | (Gt, Lt) => false,
        };
    }
    match (test.statistic_relation, test.p_relation) {
        (Eq, Eq) => (reported <= alpha) != (computed <= alpha),
        (Eq, Lt) => reported <= alpha && computed > alpha,
        (Eq, Gt) | (Gt, Gt) => reported >= alpha && computed <= alpha,
        (Lt, Eq) | (Lt, Lt) => reported <= alpha && computed >= alpha,
        (Gt, Eq) => reported > alpha && computed <= alpha,
        (Lt, Gt) | (Gt, Lt) => false,
    }
}

/// How results are judged: statcheck's options, with its names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CheckRules {
    /// Significance level (statcheck `alpha`, default .05).
    pub alpha: f64,
    /// p = α counts as significant (statcheck `pEqualAlphaSig`, default TRUE; ours too).
    pub p_equal_alpha_significant: bool,
    /// Every test is one-tailed (statcheck `OneTailedTests`, default FALSE; ours too).
    pub one_tailed_tests: bool,
    /// A result whose text says "one-sided", "one-tailed" or "directional" (or 片側) and that
    /// holds only as one-sided is consistent (statcheck `OneTailedTxt`: default FALSE there,
    /// TRUE here, since a text that says so should be read so).
    pub one_tailed_text: bool,
    /// p = .000 as printed is an inconsistency (statcheck `pZeroError`, default TRUE; ours too).
    pub p_zero_error: bool,
}

impl CheckRules {
    /// Our defaults at `alpha`.
    ///
    /// ```
    /// use trialstats_documents::checks::reported_test::{check_result, parse_result, CheckRules};
    /// // A text that says its test is one-tailed: p = .018 is the one-sided
    /// // pt(2.2, 28, lower.tail = FALSE) = 0.018112742389418915 (R). Our rules read the text so
    /// // (OneTailedTxt on); statcheck's defaults do not, and call it an error (test-error.R).
    /// let test = parse_result("t(28) = 2.20, p = .018, one-tailed")?;
    /// let ours = check_result(&test, &CheckRules::at(0.05));
    /// assert!(ours.consistent() && ours.one_sided);
    /// assert!((ours.computed_p - 0.018112742389418915).abs() < 1e-13);
    /// assert!(!check_result(&test, &CheckRules::statcheck()).consistent());
    /// # Ok::<(), trialstats_documents::Error>(())
    /// ```
    pub fn at(alpha: f64) -> CheckRules {
        CheckRules {
            alpha,
            p_equal_alpha_significant: true,
            one_tailed_tests: false,
            one_tailed_text: true,
            p_zero_error: true,
        }
    }
    /// statcheck's defaults (`statcheck()` 1.5: OneTailedTxt = FALSE).
    ///
    /// ```
    /// use trialstats_documents::checks::reported_test::{check_result, parse_result, CheckRules};
    /// // pZeroError: a p is never 0, so "p = .000" is an error (statcheck's test-error.R); with
    /// // the option off it is read as p < .0005, which t(28) = 22.20 gives.
    /// let test = parse_result("t(28) = 22.20, p = .000")?;
    /// assert!(!check_result(&test, &CheckRules::statcheck()).consistent());
    /// let zero_ok = CheckRules { p_zero_error: false, ..CheckRules::statcheck() };
    /// assert!(check_result(&test, &zero_ok).consistent());
    /// # Ok::<(), trialstats_documents::Error>(())
    /// ```
    pub fn statcheck() -> CheckRules {
        CheckRules {
            one_tailed_text: false,
            ..CheckRules::at(0.05)
        }
    }
}

/// Recompute the p of `test` and judge the reported one under `rules`.
///
/// ```
/// use trialstats_documents::checks::reported_test::{
///     check_result, parse_result, CheckRules, TestVerdict,
/// };
/// // t(28) = 2.20 gives p = 0.0362 (R: 2 * pt(-2.2, 28)): "p = .036" is consistent; "p = .01"
/// // is not, and both are below .05, so it is no decision error (statcheck's verdicts).
/// let rules = CheckRules::statcheck();
/// let good = check_result(&parse_result("t(28) = 2.20, p = .036")?, &rules);
/// assert_eq!(good.verdict, TestVerdict::Consistent);
/// let bad = check_result(&parse_result("t(28) = 2.20, p = .01")?, &rules);
/// assert_eq!(bad.verdict, TestVerdict::Inconsistent);
/// // "p = .36" is on the other side of .05: a decision error.
/// let wrong = check_result(&parse_result("t(28) = 2.20, p = .36")?, &rules);
/// assert_eq!(wrong.verdict, TestVerdict::DecisionError);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
///
/// ```
/// use trialstats_documents::checks::reported_test::{check_result, parse_result, CheckRules};
/// // "2.2" is any t from 2.15 to 2.25, so p may be anything from 2 * pt(-2.25, 28) =
/// // 0.03249343615120915 to 2 * pt(-2.15, 28) = 0.040338183264729613 (R); "p = .036" lies
/// // within (statcheck's test-error.R, correct rounding).
/// let c = check_result(&parse_result("t(28) = 2.2, p = .036")?, &CheckRules::statcheck());
/// assert!((c.p_range[0] - 0.03249343615120915).abs() < 1e-13);
/// assert!((c.p_range[1] - 0.040338183264729613).abs() < 1e-13);
/// assert!(c.consistent());
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn check_result(test: &ReportedTest, rules: &CheckRules) -> TestCheck {
    let alpha = rules.alpha;
    let two_tailed = test.kind.has_two_tails();
    let (mut error, mut computed, mut range) = inconsistent(test, rules, !rules.one_tailed_tests);
    let mut one_sided = rules.one_tailed_tests && two_tailed;
    if error
        && rules.one_tailed_text
        && !rules.one_tailed_tests
        && test.one_sided_stated
        && two_tailed
    {
        let (e1, c1, r1) = inconsistent(test, rules, false);
        if !e1 {
            (error, computed, range, one_sided) = (false, c1, r1, true);
        }
    }
    let verdict = if !error {
        TestVerdict::Consistent
    } else if decision_error(test, computed, rules) {
        TestVerdict::DecisionError
    } else {
        TestVerdict::Inconsistent
    };
    let h = crate::output::human_number;
    let sided = if one_sided && rules.one_tailed_tests {
        "one-sided (statcheck's OneTailedTests) "
    } else if one_sided {
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
        check_result(&parse_result(text).unwrap(), &CheckRules::at(0.05)).verdict
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
            let c = check_result(&parse_result(text).unwrap(), &CheckRules::at(0.05));
            assert!(
                (c.computed_p - p).abs() < 1e-12 * p,
                "{text}: {}",
                c.computed_p
            );
        }
        let c = check_result(
            &parse_result("t(28) = 2.2, p = .036").unwrap(),
            &CheckRules::at(0.05),
        );
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
            &CheckRules::at(0.05),
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
        let found = find_results(text, &CheckRules::at(0.05));
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
            &CheckRules::at(0.05),
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

    /// R 4.2.2: 2*pt(-2.2, 28) = 0.036225484778837830;
    /// pchisq(16.78, 1, lower.tail=FALSE) = 4.1973365590249486e-05;
    /// pf(23.95, 1, 76, lower.tail=FALSE) = 5.4115844868631213e-06;
    /// pchisq(22.2, 28, lower.tail=FALSE) = 0.77194870403293581.
    #[test]
    fn scientific_p_thousands_q_and_pdf_forms_are_read() {
        let rules = CheckRules::at(0.05);
        let read = |t: &str| check_result(&parse_result(t).unwrap(), &rules);
        // p in scientific notation keeps its rounding: 1.6e-5 is [1.55e-5, 1.65e-5]. `.5e-3`
        // is not .5 (statcheck's test-extract-t-tests.R:62 reads it as a p).
        let c = read("t(28) = 2.20, p = .5e-3");
        assert_eq!(
            (c.test.p.as_ref().unwrap().value, c.verdict),
            (0.0005, TestVerdict::Inconsistent)
        );
        assert_eq!(
            read("t(28) = 2.20, p = 3.6e-2").verdict,
            TestVerdict::Consistent
        );
        assert_eq!(
            read("t(28) = 2.20, p = 1.6e-5").verdict,
            TestVerdict::Inconsistent
        );
        let c = read("chi2(1, N = 11,455) = 16.78, p = 4.2e-5");
        assert_eq!(c.verdict, TestVerdict::Consistent);
        assert!(
            (c.computed_p - 4.1973365590249486e-05).abs() < 1e-12 * 4.2e-5,
            "{}",
            c.computed_p
        );
        assert_eq!(
            read("chi2(1, N = 11,455) = 16.78, p = 4.1E-05").verdict,
            TestVerdict::Inconsistent
        );
        assert_eq!(
            read("chi2(1) = 16.78, p = 4 × 10−5").verdict,
            TestVerdict::Consistent
        );
        assert_eq!(
            read("F(l, 76) = 23.95, p = 5.4 × 10⁻⁶").verdict,
            TestVerdict::Consistent
        );
        // Thousands separators in the statistic and the df.
        let c = read("t(28) = 2,000.20, p < .001");
        assert_eq!(
            (c.test.statistic.value, c.verdict),
            (2000.2, TestVerdict::Consistent)
        );
        let c = read("t(1,024) = 2.20, p = .03");
        assert_eq!(c.test.df, vec![1024.0]);
        let c = read("F(1, 1,024) = 4.10, p = .04");
        assert_eq!(c.test.df, vec![1.0, 1024.0]);
        assert_eq!(read("F(2,280) = 3.10, p = .05").test.df, vec![2.0, 280.0]);
        // Q and its parts: χ² with df.
        for (t, k) in [
            ("Q(28) = 22.20, p = .77", TestKind::Q),
            ("Qw(2) = 2.20, p = .33", TestKind::Qw),
            ("Qwithin(2) = 2.20, p = .33", TestKind::Qw),
            ("Q-within(2) = 2.20, p = .33", TestKind::Qw),
            ("Qb(2) = 2.20, p = .33", TestKind::Qb),
            ("Qbetween(2) = 2.20, p = .33", TestKind::Qb),
            ("Q-between(2) = 2.20, p = .33", TestKind::Qb),
        ] {
            let c = read(t);
            assert_eq!(
                (c.test.kind, c.verdict),
                (k, TestVerdict::Consistent),
                "{t}"
            );
        }
        assert!((read("Q(28) = 22.20, p = .77").computed_p - 0.77194870403293581).abs() < 1e-12);
        // PDF extraction: chi_2, a statistic broken over two lines, a ligature near it.
        assert_eq!(read("chi_2(28) = 22.20, p = .77").test.kind, TestKind::Chi2);
        let found = find_results("was signiﬁcant, t(28) =\n2.20, p = .04, and", &rules);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].line, found[0].quote.as_str()),
            (1, "t(28) =\n2.20, p = .04")
        );
    }

    /// What looks like a result and cannot be read is a finding with its line and reason.
    #[test]
    fn lookalikes_are_not_checked_with_a_reason() {
        let text = "intro\nt[28] = 2.20, p = .03\nQs(2) = 2.2, p = .03 and Qb(2, N = 187) = 2.20, p = .03\nt(28) = .2.20, p = .03\nr(16) = 26.05, p = .10\nt(28) = 2.20, p = 1.03\nz(28) = 2.20, p = .03\nt(28) = 2.20\nF = female, z = 2 in all";
        let found = find_results(text, &CheckRules::at(0.05));
        let got: Vec<(usize, String)> = found
            .iter()
            .map(|f| match &f.reading {
                FoundReading::Unreadable { problem, .. } => (f.line, problem.clone()),
                FoundReading::Test(c) => panic!("read {}", c.test.text),
            })
            .collect();
        let want = [
            (2, "square brackets"),
            (3, "'Qs' is not a test"),
            (3, "an N in the parentheses"),
            (4, "'.2.20' is not a number"),
            (5, "outside [-1, 1]"),
            (6, "above 1"),
            (7, "z takes 0 degree"),
            (8, "no p-value"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((line, problem), (l, w)) in got.iter().zip(want) {
            assert!(
                *line == l && problem.contains(w),
                "{line}: {problem} (want {l}: {w})"
            );
        }
    }

    #[test]
    fn bad_results_say_what_is_wrong() {
        let e = |t: &str| parse_result(t).unwrap_err().to_string();
        assert!(e("t = 2.20, p = .04").contains("degree"));
        assert!(e("F(2) = 2.20, p = .04").contains("2 degree"));
        assert!(e("r(20) = 1.20, p = .04").contains("outside"));
        assert!(e("hello").contains("no test result"));
        assert!(e("t(2) = 1, p = .4; t(3) = 1, p = .4").contains("2 test results"));
        let found = find_results("a t = 2.0, p = .04 here", &CheckRules::at(0.05));
        assert!(matches!(found[0].reading, FoundReading::Unreadable { .. }));
        // What a new user met: a decimal comma, df printed after the value, a bracket
        // closing after the value (an r² whose superscript was lost).
        let reason = |text: &str| match &find_results(text, &CheckRules::at(0.05))[0].reading {
            FoundReading::Unreadable { problem, .. } => problem.clone(),
            FoundReading::Test(t) => panic!("{t:?}"),
        };
        assert!(
            reason("a t=-3,0, df=17, p=0,007 here")
                .contains("'-3,0' is printed with a decimal comma")
        );
        let r = reason("so t=−1.3, df=17, p=0.2 here");
        assert!(r.contains("degrees of freedom are printed after"), "{r}");
        assert!(!reason("(r(2)=0.16), p < .05").contains("not a number"));
    }
}

/// Every result found in one text file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextScan {
    /// The file, as given.
    pub file: String,
    /// The rules the results were judged by.
    pub rules: CheckRules,
    pub summary: ScanSummary,
    pub results: Vec<FoundResult>,
    /// Every p-value in the text, with `--all-p-values` (statcheck `AllPValues`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_values: Option<Vec<FoundP>>,
}

/// The counts of a scan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanSummary {
    /// Results read and checked.
    pub results: usize,
    pub consistent: usize,
    pub inconsistent: usize,
    pub decision_errors: usize,
    /// Places that look like results but could not be read (each with its reason).
    pub not_checked: usize,
    /// p-values in the text (`p =`, `<`, `>` and `ns`), with or without a statistic.
    pub p_values: usize,
    /// Results read / p-values found: the share of the text's p-values reported in a form
    /// statcheck reads (statcheck's APA factor, which it rounds to 2 decimals); `null` when the
    /// text has no p-value.
    pub apa_factor: Option<f64>,
}

impl TextScan {
    /// Scan `text` (the contents of `file`) under `rules`; with `all_p_values`, list every
    /// p-value too.
    ///
    /// ```
    /// use trialstats_documents::checks::reported_test::{CheckRules, TextScan};
    /// // statcheck's test-APAfactor.R: one of the text's two p-values is in a result it reads,
    /// // so the APA factor is 0.5.
    /// let text = "This text has 50% of its stats in APA style: t(28) = 2.20, p < .05, some other p = .035.";
    /// let scan = TextScan::new("x.txt", text, &CheckRules::statcheck(), false);
    /// assert_eq!((scan.summary.results, scan.summary.p_values), (1, 2));
    /// assert_eq!(scan.summary.apa_factor, Some(0.5));
    /// assert!(scan.consistent()); // R: 2 * pt(-2.2, 28) = 0.036 < .05
    /// ```
    ///
    /// ```
    /// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
    /// use trialstats_documents::checks::reported_test::{CheckRules, TextScan};
    /// // The test manuscript's seven results: t(37) = −4.93 and χ2(1, N = 2,080) = 16.78 hold;
    /// // Z, Q and r are inconsistent; Qb and F decision errors (statcheck's hand coding of its
    /// // test papers for four of them, R's p for the others: tests/check_documents.rs).
    /// let text = std::fs::read_to_string("tests/data/documents/results.txt").unwrap();
    /// let s = TextScan::new("results.txt", &text, &CheckRules::statcheck(), false).summary;
    /// assert_eq!((s.results, s.consistent, s.inconsistent, s.decision_errors), (7, 2, 3, 2));
    /// ```
    pub fn new(file: &str, text: &str, rules: &CheckRules, all_p_values: bool) -> TextScan {
        let results = find_results(text, rules);
        let p_values = find_p_values(text, &results);
        let checks: Vec<&TestCheck> = results
            .iter()
            .filter_map(|r| match &r.reading {
                FoundReading::Test(c) => Some(c.as_ref()),
                FoundReading::Unreadable { .. } => None,
            })
            .collect();
        let count = |v: TestVerdict| checks.iter().filter(|c| c.verdict == v).count();
        let summary = ScanSummary {
            results: checks.len(),
            consistent: count(TestVerdict::Consistent),
            inconsistent: count(TestVerdict::Inconsistent),
            decision_errors: count(TestVerdict::DecisionError),
            not_checked: results.len() - checks.len(),
            p_values: p_values.len(),
            apa_factor: (!p_values.is_empty()).then(|| checks.len() as f64 / p_values.len() as f64),
        };
        TextScan {
            file: file.to_string(),
            rules: *rules,
            summary,
            results,
            p_values: all_p_values.then_some(p_values),
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
        let s = &self.summary;
        let mut text = format!(
            "{}: {} results: {} consistent, {} inconsistent, {} decision errors (α = {}){}; {} p-values{}",
            self.file,
            s.results,
            s.consistent,
            s.inconsistent,
            s.decision_errors,
            crate::output::human_number(self.rules.alpha),
            match s.not_checked {
                0 => String::new(),
                k => format!("; {k} not checked"),
            },
            s.p_values,
            match s.apa_factor {
                Some(f) => format!(", APA factor {:.2}", f),
                None => String::new(),
            }
        );
        if let Some(ps) = &self.p_values {
            text.push_str("\np-values (line, as printed, in a result read):");
            for p in ps {
                text.push_str(&format!(
                    "\n  {}  {}  {}",
                    p.line,
                    p.text,
                    if p.in_result { "yes" } else { "no" }
                ));
            }
        }
        Some(text)
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
