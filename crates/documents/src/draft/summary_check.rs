//! `check text`, beyond test statistics: every mean ± spread a text prints with an n, put
//! through the checks of a reported summary ([`crate::checks::check_summary`]: GRIM,
//! GRIMMER, bounds, SD-or-SEM, SPRITE), each finding naming its line.
//!
//! A spread the text does not label is checked both as an SD and as an SEM (a check is
//! inconsistent only if both readings are), as everywhere in this crate. The scale is the
//! caller's (`--scale MIN,MAX`, `--step`, `--items`): a text rarely prints it, and the
//! same scale is applied to every summary of the text. Only a mean ± spread whose sentence
//! gives its n right after it (`−6.35 ± 0.84 in the placebo group (n = 99)`) is checked; the
//! others are listed as not checked, with the reason. Two groups compared in one sentence
//! are read by [`super::comparison_check`], groups' shares of their patients by
//! [`super::share_check`], wholes broken down by group by [`super::parts_check`], estimates
//! outside their own intervals by [`super::interval_check`];
//! [`TextChecks`] holds them all.

use super::structure::{Cell, Measure, Structure};
use super::{Item, ItemKind};
use crate::checks::{Finding, ReportedSummary, Rounding, Status, check_summary};
use crate::error::Result;
use crate::reported::{ReportedNumber, Scale, SpreadKind};
use serde::Serialize;

/// The checks of one mean ± spread of a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryFinding {
    pub line: usize,
    /// As printed.
    pub quote: String,
    pub mean: String,
    pub spread: String,
    /// The n, when the sentence gives it.
    pub n: Option<String>,
    /// The findings (empty when not checked).
    pub findings: Vec<Finding>,
    /// Why it was not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_checked: Option<String>,
}

impl SummaryFinding {
    /// Is any check inconsistent?
    pub fn inconsistent(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.status == Status::Inconsistent)
    }
}

/// Check every mean ± spread of `items` (from [`super::read_items`]) of the text `file` on
/// `scale`.
///
/// Each value's n is the one its `structure` gives it (printed with it, its group's, its
/// table column's, or a one-group document's number of patients: the n `draft` writes); what
/// ± is, the label printed with it or what its measure (or the document) says.
pub fn check_summaries(
    file: &str,
    items: &[Item],
    structure: &Structure,
    scale: &Scale,
    rounding: Rounding,
) -> Result<Vec<SummaryFinding>> {
    let mut out = Vec::new();
    let mut cell_of: Vec<Option<(&Cell, &Measure)>> = vec![None; items.len()];
    for m in &structure.measures {
        for c in &m.cells {
            if c.item < items.len() {
                cell_of[c.item] = Some((c, m));
            }
        }
    }
    for (j, item) in items.iter().enumerate() {
        if item.kind != ItemKind::MeanSpread {
            continue;
        }
        let (Some(mean), Some(spread)) = (&item.parts.mean, &item.parts.spread) else {
            continue;
        };
        let n_printed = match cell_of[j] {
            Some((c, _)) => {
                c.n.and_then(|k| items[k].parts.value.as_ref())
                    .map(|v| &v.number)
            }
            None => item.parts.n.as_ref().map(|n| &n.number),
        };
        let at = format!("{file}:{}", item.line);
        let mut finding = SummaryFinding {
            line: item.line,
            quote: crate::text::plain::lines_joined(&item.text),
            mean: mean.number.text.clone(),
            spread: spread.number.text.clone(),
            n: n_printed.map(|n| n.text.clone()),
            findings: Vec::new(),
            not_checked: None,
        };
        let n = n_printed
            .and_then(|n| ReportedNumber::parse(&n.plain, &at).ok())
            .and_then(|n| n.as_integer())
            .filter(|n| *n >= 1)
            .and_then(|n| u64::try_from(n).ok());
        let (Some(n), Ok(mean_n), Ok(spread_n)) = (
            n,
            mean.number.to_reported(&format!("{at}: mean")),
            spread.number.to_reported(&format!("{at}: spread")),
        ) else {
            finding.not_checked = Some(if n_printed.is_none() {
                "no n printed with it, its group or its table column".to_string()
            } else {
                "the n or a number is not one the checks read (a whole n of 1 or more; at most 8 decimals)".to_string()
            });
            out.push(finding);
            continue;
        };
        let measure_label = cell_of[j].and_then(|(_, m)| m.spread_label.as_ref().map(|l| l.0));
        let kind = match item.parts.spread_label.or(measure_label) {
            Some("SD") => SpreadKind::Sd,
            Some(_) => SpreadKind::Sem,
            None => SpreadKind::NotReported,
        };
        let summary = ReportedSummary {
            study: file.to_string(),
            measure: format!("line {}", item.line),
            timepoint: None,
            mean: mean_n,
            spread: Some(spread_n),
            spread_kind: kind,
            n,
            scale: scale.clone(),
        };
        finding.findings = check_summary(&summary, rounding)?;
        out.push(finding);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rn(t: &str) -> ReportedNumber {
        ReportedNumber::parse(t, "test").unwrap()
    }

    #[test]
    fn each_mean_with_its_n_is_checked_and_names_its_line() {
        // GRIM (Brown & Heathers 2017): 28 integers cannot average 5.19 (145/28 = 5.179,
        // 146/28 = 5.214); 5.18 is possible.
        let text =
            "Scores were 5.19 ± 1.2 (n = 28)\nand 5.18 ± 1.2 (n = 28), and 3.1 ± 0.5 without n.";
        let doc = crate::draft::Sentences::new(text);
        let items = crate::draft::read_document(&doc);
        let structure = crate::draft::structure::read_structure(&doc, &items);
        let scale = Scale::new(Some(rn("1")), Some(rn("7")), Some(rn("1"))).unwrap();
        let found =
            check_summaries("t.txt", &items, &structure, &scale, Rounding::UpOrDown).unwrap();
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].line, 1);
        assert!(found[0].inconsistent(), "{:?}", found[0].findings);
        assert_eq!(found[1].line, 2);
        assert!(!found[1].inconsistent(), "{:?}", found[1].findings);
        assert!(found[2].not_checked.is_some());
        let grim = found[0]
            .findings
            .iter()
            .find(|f| f.check == crate::checks::CheckName::Grim)
            .unwrap();
        assert_eq!(grim.status, Status::Inconsistent);
    }

    #[test]
    fn each_value_takes_the_n_of_its_own_group() {
        // `群(40例)で5.17±1.2、対照群(28例)で…`: 28 follows the first value but is the next
        // group's n. As 28 integers 5.17 is impossible (GRIM); as 40 it is possible (207/40).
        let text = "変化量は実薬群(40例)で5.17±1.20、対照群(28例)で5.18±1.20であった。";
        let doc = crate::draft::Sentences::new(text);
        let items = crate::draft::read_document(&doc);
        let structure = crate::draft::structure::read_structure(&doc, &items);
        let scale = Scale::new(None, None, Some(rn("1"))).unwrap();
        let found =
            check_summaries("t.txt", &items, &structure, &scale, Rounding::UpOrDown).unwrap();
        assert_eq!(found[0].n.as_deref(), Some("40"));
        assert!(!found[0].inconsistent(), "{:?}", found[0].findings);
        assert_eq!(found[1].n.as_deref(), Some("28"));
    }
}

/// Everything `check text` finds in one text: its test results (statcheck), its means ±
/// spreads, and the reading of ± in each two-group comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChecks {
    #[serde(flatten)]
    pub scan: crate::checks::reported_test::TextScan,
    /// Every mean ± spread, checked when its n is printed with it.
    pub summaries: Vec<SummaryFinding>,
    /// Every sentence comparing two means ± spreads with a p or CI: what ± is, by them.
    pub comparisons: Vec<super::comparison_check::ComparisonFinding>,
    /// Every number of people broken down by group in the bracket after it: do the groups
    /// add up to it?
    pub parts: Vec<super::parts_check::PartsFinding>,
    /// Every group's share the structure places: is its count that percentage of a whole
    /// number of the group's patients?
    pub shares: Vec<super::share_check::ShareFinding>,
    /// Every estimate printed with its confidence interval: does the interval hold it?
    pub intervals: Vec<super::interval_check::IntervalFinding>,
}

impl TextChecks {
    /// Everything `check text` finds in the text `file`: its test results by `rules`
    /// (statcheck), its means ± spreads on `scale`, and the ± of each two-arm comparison its
    /// structure decides.
    pub fn read(
        file: &str,
        text: &str,
        rules: &crate::checks::reported_test::CheckRules,
        all_p_values: bool,
        scale: &Scale,
        rounding: Rounding,
    ) -> Result<TextChecks> {
        let doc = super::Sentences::new(text);
        let items = super::read_document(&doc);
        let structure = super::structure::read_structure(&doc, &items);
        Ok(TextChecks {
            scan: crate::checks::reported_test::TextScan::new(file, text, rules, all_p_values),
            summaries: check_summaries(file, &items, &structure, scale, rounding)?,
            comparisons: super::comparison_check::check_comparisons(
                file, &items, &structure, rounding,
            )?,
            parts: super::parts_check::find_parts(text, |at| doc.plain.line_of(at)),
            shares: super::share_check::check_shares(file, text, &items, &structure, rounding)?,
            intervals: super::interval_check::find_intervals(&doc),
        })
    }

    /// No test result, summary or comparison is inconsistent.
    pub fn consistent(&self) -> bool {
        self.scan.consistent()
            && !self.summaries.iter().any(SummaryFinding::inconsistent)
            && !self.comparisons.iter().any(|c| c.inconsistent())
            && !self.parts.iter().any(|p| p.inconsistent())
            && !self.shares.iter().any(|p| p.inconsistent())
            && !self.intervals.iter().any(|i| i.inconsistent())
    }

    fn summary_label(s: &SummaryFinding) -> String {
        match &s.n {
            Some(n) => format!("{} (n = {n})", s.quote),
            None => s.quote.clone(),
        }
    }
}

impl crate::output::Tabular for TextChecks {
    fn table(&self) -> crate::output::Table {
        use crate::output::Cell;
        let mut t = self.scan.table();
        for s in &self.summaries {
            if let Some(why) = &s.not_checked {
                t.rows.push(vec![
                    Cell::Integer(s.line as i64),
                    Cell::Text(Self::summary_label(s)),
                    Cell::Missing,
                    Cell::Text("not checked".into()),
                    Cell::Text(why.clone()),
                ]);
            }
            for f in &s.findings {
                t.rows.push(vec![
                    Cell::Integer(s.line as i64),
                    Cell::Text(format!("{}: {}", Self::summary_label(s), f.check.as_str())),
                    Cell::Missing,
                    Cell::Text(f.status.as_str().into()),
                    Cell::Text(f.detail.clone()),
                ]);
            }
        }
        for c in &self.comparisons {
            let (status, detail) = match (&c.not_checked, &c.verdict, &c.reason) {
                (Some(why), _, _) => ("not checked".to_string(), why.clone()),
                (None, Some(v), Some(r)) => (format!("± read as {v}"), r.clone()),
                _ => ("not checked".to_string(), String::new()),
            };
            t.rows.push(vec![
                Cell::Integer(c.line as i64),
                Cell::Text(format!("{}, {}: reading of ±", c.label(), c.printed)),
                Cell::Missing,
                Cell::Text(status),
                Cell::Text(detail),
            ]);
        }
        // A check whose finding is consistent or not, and why: one row each.
        let checked = |line: usize, what: String, inconsistent: bool, detail: String| {
            vec![
                Cell::Integer(line as i64),
                Cell::Text(what),
                Cell::Missing,
                Cell::Text(
                    if inconsistent {
                        "inconsistent"
                    } else {
                        "consistent"
                    }
                    .into(),
                ),
                Cell::Text(detail),
            ]
        };
        for p in &self.parts {
            let what = format!("{}: parts of the whole", p.quote);
            t.rows
                .push(checked(p.line, what, p.inconsistent(), p.detail()));
        }
        for i in &self.intervals {
            let what = if i.p.is_some() {
                format!("{}: estimate and p against the interval", i.quote)
            } else {
                format!("{}: estimate in its interval", i.quote)
            };
            t.rows
                .push(checked(i.line, what, i.inconsistent(), i.detail()));
        }
        for sh in &self.shares {
            t.rows.push(vec![
                Cell::Integer(sh.line as i64),
                Cell::Text(format!("{}: share of its group", sh.quote)),
                Cell::Missing,
                Cell::Text(sh.status.as_str().into()),
                Cell::Text(sh.detail.clone()),
            ]);
        }
        t
    }
    fn preamble(&self) -> Option<String> {
        let checked: Vec<&SummaryFinding> = self
            .summaries
            .iter()
            .filter(|s| s.not_checked.is_none())
            .collect();
        let bad = checked.iter().filter(|s| s.inconsistent()).count();
        let read = self
            .comparisons
            .iter()
            .filter(|c| c.not_checked.is_none())
            .count();
        let parts_line = if self.parts.is_empty() {
            String::new()
        } else {
            format!(
                "\n{} number(s) of people broken down by group: {} not adding up",
                self.parts.len(),
                self.parts.iter().filter(|p| p.inconsistent()).count()
            )
        };
        let shares_line = if self.shares.is_empty() {
            String::new()
        } else {
            let checked = self
                .shares
                .iter()
                .filter(|s| s.status != Status::NotApplicable)
                .count();
            format!(
                "\n{} group share(s) of patients: {checked} checked with their count and whole ({} inconsistent)",
                self.shares.len(),
                self.shares.iter().filter(|s| s.inconsistent()).count()
            )
        };
        let intervals_line = if self.intervals.is_empty() {
            String::new()
        } else {
            format!(
                "\n{} estimate(s) with their confidence interval ({} with their p): {} inconsistent (an estimate outside its interval, or a p the interval contradicts)",
                self.intervals.len(),
                self.intervals.iter().filter(|i| i.p.is_some()).count(),
                self.intervals.iter().filter(|i| i.inconsistent()).count()
            )
        };
        Some(format!(
            "{}\n{} mean ± spread: {} checked with their n ({} inconsistent), {} without an n\n{} two-group comparison(s) with a p or CI: {} read ({} contradicted), {} not checked{parts_line}{shares_line}{intervals_line}",
            self.scan.preamble().unwrap_or_default(),
            self.summaries.len(),
            checked.len(),
            bad,
            self.summaries.len() - checked.len(),
            self.comparisons.len(),
            read,
            self.comparisons.iter().filter(|c| c.inconsistent()).count(),
            self.comparisons.len() - read
        ))
    }
    fn test_cases(&self) -> Option<Vec<crate::output::TestCase>> {
        let mut cases = self.scan.test_cases().unwrap_or_default();
        for s in &self.summaries {
            if let Some(why) = &s.not_checked {
                cases.push(crate::output::TestCase {
                    suite: self.scan.file.clone(),
                    name: format!("line {}: {}", s.line, Self::summary_label(s)),
                    failure: None,
                    skipped: true,
                    detail: why.clone(),
                });
            }
            for f in &s.findings {
                cases.push(crate::output::TestCase {
                    suite: self.scan.file.clone(),
                    name: format!(
                        "line {}: {} / {}",
                        s.line,
                        Self::summary_label(s),
                        f.check.as_str()
                    ),
                    failure: (f.status == Status::Inconsistent).then(|| "inconsistent".into()),
                    skipped: f.status == Status::NotApplicable,
                    detail: f.detail.clone(),
                });
            }
        }
        for c in &self.comparisons {
            cases.push(crate::output::TestCase {
                suite: self.scan.file.clone(),
                name: format!("line {}: {} / reading of ±", c.line, c.label()),
                failure: c.inconsistent().then(|| "contradicted".into()),
                skipped: c.not_checked.is_some(),
                detail: c
                    .not_checked
                    .clone()
                    .or_else(|| c.reason.clone())
                    .unwrap_or_default(),
            });
        }
        for sh in &self.shares {
            cases.push(crate::output::TestCase {
                suite: self.scan.file.clone(),
                name: format!("line {}: {} / share of its group", sh.line, sh.quote),
                failure: sh.inconsistent().then(|| "inconsistent".into()),
                skipped: sh.status == Status::NotApplicable,
                detail: sh.detail.clone(),
            });
        }
        for p in &self.parts {
            cases.push(crate::output::TestCase {
                suite: self.scan.file.clone(),
                name: format!("line {}: {} / parts of the whole", p.line, p.quote),
                failure: p.inconsistent().then(|| "inconsistent".into()),
                skipped: false,
                detail: p.detail(),
            });
        }
        for i in &self.intervals {
            cases.push(crate::output::TestCase {
                suite: self.scan.file.clone(),
                name: format!("line {}: {} / estimate in its interval", i.line, i.quote),
                failure: i.inconsistent().then(|| "inconsistent".into()),
                skipped: false,
                detail: i.detail(),
            });
        }
        Some(cases)
    }
}
