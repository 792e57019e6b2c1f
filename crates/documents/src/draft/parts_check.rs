//! `check text`, for a number of people broken down by group in the bracket after it
//! (`96名(介入群50名、対照群47名)`, `120 patients (60 in the drug group, 60 placebo)`): do the
//! groups' numbers add up to the whole printed before them?
//!
//! A report prints the whole and its arms so, and a sum that misses the whole is a typo or a
//! patient counted twice or not at all: the kind of slip a reviewer checks by hand (the
//! CONSORT flow's numbers add up). Only a breakdown whose every part names a group (a group
//! word or a comparator: [`super::cues::groups`]) is checked, so that a bracket of other
//! numbers (ages, doses, `of whom 12 women`) is never read as one; parts that add up are
//! listed as consistent.

use super::cues;
use crate::text::number::TextNumber;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// One whole and the groups' numbers printed in the bracket after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartsFinding {
    /// The line of the whole.
    pub line: usize,
    /// The whole and its bracket, as printed.
    pub quote: String,
    /// The whole as printed.
    pub whole: String,
    /// Each part: its group's name and its number as printed.
    pub parts: Vec<(String, String)>,
    /// The parts' sum.
    pub sum: u64,
}

impl PartsFinding {
    /// The parts do not add up to the whole.
    pub fn inconsistent(&self) -> bool {
        TextNumber::parse(&self.whole).is_ok_and(|w| w.value != self.sum as f64)
    }

    /// What the check says, in words.
    pub fn detail(&self) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        let sum = parts.join(" + ");
        if self.inconsistent() {
            format!(
                "the groups' numbers add up to {}, not to the {} printed before them ({sum})",
                self.sum, self.whole
            )
        } else {
            format!(
                "the groups' numbers add up to the {} printed ({sum})",
                self.whole
            )
        }
    }
}

/// A whole number of people (with its counter) and the bracket right after it.
fn whole_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?xi) (?P<whole> \d{1,3}(?:,\d{3})+ | \d+ ) \s* (?: COUNTERS_JA | \s COUNTERS_EN ) \s* [(（] (?P<list> [^()（）\n]{3,160} ) [)）]"
            .replace("COUNTERS_JA", super::count::COUNTERS_JA)
            .replace("COUNTERS_EN", super::count::COUNTERS_EN);
        Regex::new(&p).expect("the whole-and-parts pattern is valid")
    })
}

/// One part of the list: its name and its number (`介入群50名`, `60 in the drug group`,
/// `placebo, n = 60`, `drug: 60`).
fn part_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        let p = r"(?xi) ^ \s* (?: and \s+ )? (?:
                (?P<name_first> [^\d,、;；:：=]{2,40}? ) \s* (?: [:：=,] \s* )? (?: n \s* = \s* )? (?P<n1> \d+ ) \s* (?: COUNTERS_JA | COUNTERS_EN )?
              | (?P<n2> \d+ ) \s* (?: COUNTERS_JA | COUNTERS_EN )? \s* (?: (?: in | on | received | receiving ) \s+ )? (?P<name_after> [^\d,、;；]{2,40} )
            ) \s* $"
            .replace("COUNTERS_JA", super::count::COUNTERS_JA)
            .replace("COUNTERS_EN", super::count::COUNTERS_EN);
        Regex::new(&p).expect("the part pattern is valid")
    })
}

/// Every whole number of people with its groups' numbers in the bracket after it, in `text`.
/// `line_of` gives a byte's line.
pub fn find_parts(text: &str, line_of: impl Fn(usize) -> usize) -> Vec<PartsFinding> {
    let mut out = Vec::new();
    for c in whole_pattern().captures_iter(text) {
        let (whole, list) = (
            c.name("whole").expect("whole"),
            c.name("list").expect("list"),
        );
        let mut parts = Vec::new();
        // Parts set apart by `;` where the list has one (`drug group, n = 60; placebo, n =
        // 59`), else by commas.
        let separators: &[char] = if list.as_str().contains([';', '；']) {
            &[';', '；']
        } else {
            &[',', '、', '，']
        };
        let pieces: Vec<&str> = list
            .as_str()
            .split(separators)
            .flat_map(|p| p.split(" and "))
            .filter(|p| !p.trim().is_empty())
            .collect();
        for piece in &pieces {
            let Some(p) = part_pattern().captures(piece) else {
                break;
            };
            let name = p
                .name("name_first")
                .or(p.name("name_after"))
                .map_or("", |m| m.as_str().trim());
            let n = p.name("n1").or(p.name("n2")).map_or("", |m| m.as_str());
            if cues::groups(name).is_empty() && !name.ends_with('群') && !name.ends_with("グループ")
            {
                break;
            }
            parts.push((name.to_string(), n.to_string()));
        }
        if parts.len() < 2 || parts.len() != pieces.len() {
            continue;
        }
        let Some(sum) = parts
            .iter()
            .map(|(_, n)| n.parse::<u64>().ok())
            .sum::<Option<u64>>()
        else {
            continue;
        };
        let mut printed = whole.as_str().replace(',', "");
        // A footnote mark glued to the whole (`外来患者※1578例(テリボン群290例、プラセボ群288例)`)
        // may carry its first digits (`※1`): the parts decide where the mark ends. Where no
        // reading of it gives their sum, the whole is left unchecked, never called wrong.
        if text[..whole.start()].ends_with(['※', '*', '＊', '†', '‡']) {
            let mark_digits =
                (1..printed.len().min(3)).find(|&k| printed[k..].parse::<u64>().ok() == Some(sum));
            match mark_digits {
                Some(k) => printed = printed[k..].to_string(),
                None => continue,
            }
        }
        // `765名(評価対象はA群498名、B群250名)`, `120 patients (analysed: 58 in the drug group, …)`:
        // a bracket that names its parts as those evaluated is a subset of the whole, which may
        // be smaller; only more than the whole is wrong.
        let evaluated = subset_evaluated(list.as_str());
        if evaluated && TextNumber::parse(&printed).is_ok_and(|w| sum as f64 <= w.value) {
            continue;
        }
        out.push(PartsFinding {
            line: line_of(whole.start()),
            quote: c[0].to_string(),
            whole: printed,
            parts,
            sum,
        });
    }
    out
}

/// Does the bracket's list open by naming its parts as those evaluated or analysed
/// (`評価対象は`, `解析対象`, `analysed:`, `evaluable`, `completed`)?
fn subset_evaluated(list: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:(?:有効性|安全性)?(?:評価|解析)対象|(?:of\s+whom\s+)?(?:analy[sz]ed|evaluable|evaluated|completed|completers|per[- ]protocol))")
            .expect("the evaluated-subset pattern is valid")
    })
    .is_match(list)
}

#[cfg(test)]
mod tests {
    use super::find_parts;

    fn read(text: &str) -> Vec<(String, u64, bool)> {
        find_parts(text, |_| 1)
            .into_iter()
            .map(|f| (f.whole.clone(), f.sum, f.inconsistent()))
            .collect()
    }

    #[test]
    fn those_evaluated_are_a_subset_of_the_whole() {
        // Made-up counts: the bracket names its parts as those evaluated, fewer than enrolled;
        // more than the whole is still wrong.
        assert!(read("乳児700名(評価対象はA群460名、B群230名)").is_empty());
        assert_eq!(
            read("乳児700名(評価対象はA群480名、B群240名)"),
            [("700".to_string(), 720, true)]
        );
    }

    #[test]
    fn groups_that_miss_the_whole_printed_before_them_are_inconsistent() {
        // Made-up counts in the layouts reports print.
        assert_eq!(
            read("解析対象は96名(介入群50名、対照群47名)であった。"),
            [("96".to_string(), 97, true)]
        );
        assert_eq!(
            read(
                "Of 120 patients (60 in the drug group and 60 in the placebo group), 110 completed."
            ),
            [("120".to_string(), 120, false)]
        );
        assert_eq!(
            read("We enrolled 118 participants (drug group, n = 60; placebo, n = 59)."),
            [("118".to_string(), 119, true)]
        );
    }

    #[test]
    fn a_footnote_mark_glued_to_the_whole_keeps_its_digit() {
        // Made-up counts as a package insert prints them: the mark ※1 glued to the whole.
        assert_eq!(
            read("外来患者※1578例(実薬群290例、プラセボ群288例)を対象とした。"),
            [("578".to_string(), 578, false)]
        );
        // No reading of the mark gives the sum: left unchecked.
        assert!(read("外来患者※1578例(実薬群290例、プラセボ群280例)を対象とした。").is_empty());
    }

    #[test]
    fn a_bracket_of_other_numbers_is_no_breakdown_by_group() {
        assert!(read("120 patients (aged 40 to 60 years) were enrolled.").is_empty());
        assert!(read("120 patients (54 women, 66 men) were enrolled.").is_empty());
        assert!(read("96名(男性40名、女性56名、平均年齢60歳)").is_empty());
        // One group alone is a subset, not a breakdown.
        assert!(read("120 patients (60 in the drug group) were enrolled.").is_empty());
    }
}
