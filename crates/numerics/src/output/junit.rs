//! JUnit XML: one `<testcase>` per expectation or finding, a `<failure>` for each that does
//! not hold, so CI systems (GitLab, Jenkins, GitHub test reporters) show pinned numbers as
//! tests. Only results that say what their test cases are ([`Tabular::test_cases`]) can be
//! written this way. Hand-written (a few elements; no XML crate needed) with every text and
//! attribute escaped by [`escape`].

use super::{Exporter, Tabular, TestCase};
use crate::error::{Error, Result};
use serde::Serialize;

/// Writes `<testsuites>` with one `<testsuite>` per suite name, in order of first appearance.
pub struct JunitExporter;

impl Exporter for JunitExporter {
    fn export<T: Tabular + Serialize + ?Sized>(&self, value: &T) -> Result<String> {
        let cases = value.test_cases().ok_or_else(|| {
            Error::field("format",
                "junit is written for verify, check over the data folder, check stat and check text (each expectation or finding a test case); use table, json or csv here",
            )
        })?;
        Ok(junit(&cases))
    }
}

/// The XML document for `cases`.
pub fn junit(cases: &[TestCase]) -> String {
    let mut suites: Vec<(&str, Vec<&TestCase>)> = Vec::new();
    for c in cases {
        match suites.iter_mut().find(|(name, _)| *name == c.suite) {
            Some((_, list)) => list.push(c),
            None => suites.push((&c.suite, vec![c])),
        }
    }
    let count = |list: &[&TestCase], f: fn(&TestCase) -> bool| list.iter().filter(|c| f(c)).count();
    let failed = |c: &TestCase| c.failure.is_some();
    let skipped = |c: &TestCase| c.skipped && c.failure.is_none();
    let all: Vec<&TestCase> = cases.iter().collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"trialstats\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
        all.len(),
        count(&all, failed),
        count(&all, skipped)
    ));
    for (name, list) in &suites {
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\">\n",
            escape(name),
            list.len(),
            count(list, failed),
            count(list, skipped)
        ));
        for c in list {
            let open = format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(&c.suite),
                escape(&c.name)
            );
            match (&c.failure, c.skipped) {
                (Some(message), _) => out.push_str(&format!(
                    "{open}>\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(message),
                    escape(&c.detail)
                )),
                (None, true) => out.push_str(&format!(
                    "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    escape(&c.detail)
                )),
                (None, false) if c.detail.is_empty() => out.push_str(&format!("{open}/>\n")),
                (None, false) => out.push_str(&format!(
                    "{open}>\n      <system-out>{}</system-out>\n    </testcase>\n",
                    escape(&c.detail)
                )),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// The XML document for a run that could not start (the data did not load): one failing
/// test case named `input` in `suite` that carries the error, so a CI system shows what went
/// wrong instead of an empty file. The command still exits 2.
pub fn input_error(suite: &str, error: &dyn std::fmt::Display) -> String {
    junit(&[TestCase {
        suite: suite.to_string(),
        name: "input".to_string(),
        failure: Some("the data could not be read".to_string()),
        skipped: false,
        detail: error.to_string(),
    }])
}

/// Text made safe for XML 1.0 content and attribute values: the five special characters
/// as entities; control characters XML 1.0 cannot hold (all below U+0020 but tab, newline
/// and carriage return) replaced by U+FFFD.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            '\t' | '\n' | '\r' => s.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => s.push('\u{FFFD}'),
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_special_characters_and_controls() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f'"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"
        );
        assert_eq!(escape("x\u{1}y\tz"), "x\u{FFFD}y\tz");
    }

    #[test]
    fn failures_and_skips_are_counted_per_suite() {
        let case = |suite: &str, name: &str, failure: Option<&str>, skipped: bool| TestCase {
            suite: suite.into(),
            name: name.into(),
            failure: failure.map(String::from),
            skipped,
            detail: "p < .05 & r > 0".into(),
        };
        let xml = junit(&[
            case("s1", "a", None, false),
            case("s2", "b<1>", Some("mismatch \"x\""), false),
            case("s1", "c", None, true),
        ]);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trialstats\" tests=\"3\" failures=\"1\" skipped=\"1\">"), "{xml}");
        assert!(
            xml.contains("<testsuite name=\"s1\" tests=\"2\" failures=\"0\" skipped=\"1\">"),
            "{xml}"
        );
        assert!(xml.contains("<testcase classname=\"s2\" name=\"b&lt;1&gt;\">\n      <failure message=\"mismatch &quot;x&quot;\">p &lt; .05 &amp; r &gt; 0</failure>"), "{xml}");
        assert!(
            xml.contains("<skipped message=\"p &lt; .05 &amp; r &gt; 0\"/>"),
            "{xml}"
        );
        // Well formed: every opened element is closed.
        for tag in ["testsuites", "testsuite", "testcase"] {
            let opened = xml.matches(&format!("<{tag} ")).count();
            let closed = xml.matches(&format!("</{tag}>")).count()
                + if tag == "testcase" {
                    xml.matches("\"/>\n").count() - xml.matches("<skipped").count()
                } else {
                    0
                };
            assert_eq!(opened, closed, "{tag} in {xml}");
        }
    }
}
