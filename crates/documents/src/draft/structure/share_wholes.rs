//! The whole each group's share is of, checked against the percentages the document prints.
//!
//! A share printed as a count and its percentage (`37 (36)`) under a column headed `Tai Chi
//! (n = 106)` is taken of the column's n only where the numbers agree: 37 of 106 is 34.9 %,
//! not 36 %, so the percentage is of another whole (those with data, as baseline tables
//! often take it). The document's own numbers then decide the whole or leave it open:
//!
//! - **a section's levels** (`Kellgren-Lawrence grade, n (%)` over rows `0` … `4`, `Race`
//!   over `White`, `Black`) whose percentages add to 100 within their rounding share out one
//!   whole, the sum of their counts: where that sum gives every level's percentage and the
//!   column's n does not, the sum is the whole (1 + 7 + 37 + 41 + 17 = 103 with a grade);
//! - **otherwise** the share's whole is one the text does not print: left for review, and
//!   nothing downstream (the study file's `[[arm_counts]]`, its charts) divides by the n.
//!
//! A count is of a whole at a percentage where the count over it rounds, or is cut, to the
//! printed digits ([`crate::checks::percent::count_gives`]). In a report of time to an
//! event, a percentage above the count over the group's n is a Kaplan–Meier estimate
//! (Kaplan & Meier 1958) whose patients are still the group's.

use super::model::{Cell, ShareWhole, Structure};
use crate::checks::Rounding;
use crate::checks::percent::{count_gives, counts_for};
use crate::draft::{Item, ItemKind, cues};
use crate::reported::ReportedNumber;

/// A share's count and percentage and the n the structure gave it, where no whole is
/// printed with the share.
struct Share {
    count: u64,
    percent: ReportedNumber,
    n: u64,
}

impl Share {
    fn of(items: &[Item], cell: &Cell) -> Option<Share> {
        Share::with_n(&items[cell.item].parts, &cell.given_n(items)?)
    }

    /// The share `parts` print (a count and its percentage, no whole of their own) against
    /// the n printed as `n`.
    fn with_n(parts: &crate::draft::Parts, n: &str) -> Option<Share> {
        if parts.of.is_some() {
            return None;
        }
        let count = parts.count.as_ref()?.number.plain.parse().ok()?;
        let percent = ReportedNumber::parse(&parts.value.as_ref()?.number.plain, "share").ok()?;
        let n = n.parse().ok()?;
        Some(Share { count, percent, n })
    }

    /// What the share's numbers say against its n: `3 of 297 is 1 %, not the printed 6 %`.
    fn refused(&self) -> String {
        let got = 100.0 * self.count as f64 / self.n as f64;
        let (count, n, decimals) = (self.count, self.n, self.percent.decimals as usize);
        format!(
            "{count} of {n} is {got:.decimals$} %, not the printed {} %",
            self.percent.text
        )
    }

    /// Does `whole` give the printed percentage for the count? (A check that cannot say
    /// is no contradiction.)
    fn given_by(&self, whole: u64) -> bool {
        whole >= self.count
            && count_gives(&self.percent, self.count, whole, Rounding::UpOrDown).unwrap_or(true)
    }
}

/// Is the n `n_item` printed with the share `share_item` (`15.4% (n = 4)`) no whole it can be
/// of: no count of that many people gives the printed percentage (15.4 % of 4 is 0.6 of a
/// person)? Tables and abstracts print a share's count so, beside its percentage (`% (n =
/// count)`); its whole is then the group's n, not that count.
pub(super) fn cannot_be_the_shares_whole(items: &[Item], share_item: usize, n_item: usize) -> bool {
    let parts = &items[share_item].parts;
    if parts.count.is_some() || parts.of.is_some() || items[share_item].kind != ItemKind::Percent {
        return false;
    }
    let (Some(value), Some(n)) = (parts.value.as_ref(), items[n_item].parts.value.as_ref()) else {
        return false;
    };
    let (Ok(percent), Ok(whole)) = (
        ReportedNumber::parse(&value.number.plain, "share"),
        n.number.plain.parse::<u64>(),
    ) else {
        return false;
    };
    whole > 0
        && [Rounding::UpOrDown, Rounding::Trunc]
            .iter()
            .all(|&rule| counts_for(&percent, whole, rule).is_ok_and(|counts| counts.is_empty()))
}

/// Is the n `n_item` the whole the share `share_item` is of: its count over that n gives its
/// printed percentage (`4(3.3)` in a row whose n is 121: 4 of 121 is 3.3 %)? A share printed
/// without its count, or with its own whole (`4/121`), says nothing here.
pub(super) fn a_count_of(items: &[Item], share_item: usize, n_item: usize) -> bool {
    if items[share_item].kind != ItemKind::Percent {
        return false;
    }
    let Some(share) = items[n_item]
        .parts
        .value
        .as_ref()
        .and_then(|n| Share::with_n(&items[share_item].parts, &n.number.plain))
    else {
        return false;
    };
    // Here a check that cannot say is no evidence (unlike [`Share::given_by`]).
    share.n >= share.count
        && count_gives(&share.percent, share.count, share.n, Rounding::UpOrDown).unwrap_or(false)
}

/// Sets [`Cell::whole`] of every share whose percentage its count over the cell's n does
/// not give: its section's sum where that decides it, else a whole the text does not print,
/// with the measure marked for review. `lower`: the document in lower case.
pub(super) fn check_share_wholes(lower: &str, items: &[Item], s: &mut Structure) {
    section_sums(items, s);
    let time_to_event = cues::reports_time_to_event(lower);
    let document = s.document_n;
    for m in &mut s.shares {
        let mut open = Vec::new();
        let mut not_the_documents = Vec::new();
        for cell in m.cells.iter_mut().filter(|c| c.whole.is_none()) {
            let Some(share) = Share::of(items, cell) else {
                continue;
            };
            let estimate =
                time_to_event && share.percent.value > 100.0 * share.count as f64 / share.n as f64;
            if share.given_by(share.n) || estimate {
                continue;
            }
            cell.whole = Some(ShareWhole::Unprinted);
            // The document's number of patients, given for want of the group's own, is not
            // the share's n where the share's own numbers refuse it (`3 (6)` of 297: 1 %):
            // the n is taken back, not kept beside a note that contradicts it.
            if document.is_some_and(|d| super::take_document_n(cell, d)) {
                not_the_documents.push(share.refused());
            } else {
                open.push(share.refused());
            }
        }
        if !not_the_documents.is_empty() {
            m.review.push(format!(
                "{}: the document's number of patients is not this share's n; say which group it is of, and that group's n",
                not_the_documents.join("; ")
            ));
        }
        if !open.is_empty() {
            m.review.push(format!(
                "{}: the percentage is of another whole than the group's n (those with data?), which the text does not print; say of how many patients",
                open.join("; ")
            ));
        }
    }
}

/// The levels of one section, group by group: where their percentages add to 100 and the
/// sum of their counts gives each while the column's n does not, that sum is their whole.
fn section_sums(items: &[Item], s: &mut Structure) {
    let mut start = 0;
    while start < s.shares.len() {
        let Some(section) = s.shares[start].section.clone() else {
            start += 1;
            continue;
        };
        let end = (start..s.shares.len())
            .find(|&i| s.shares[i].section.as_ref() != Some(&section))
            .unwrap_or(s.shares.len());
        if end - start >= 2 {
            let groups: Vec<usize> = s.shares[start]
                .cells
                .iter()
                .filter_map(|c| c.group)
                .collect();
            for g in groups {
                section_sum_of_group(items, s, start..end, g);
            }
        }
        start = end;
    }
}

/// [`section_sums`] for group `g` in the shares `levels`.
fn section_sum_of_group(
    items: &[Item],
    s: &mut Structure,
    levels: std::ops::Range<usize>,
    g: usize,
) {
    let mut cells: Vec<(usize, usize)> = Vec::new();
    let mut shares: Vec<Share> = Vec::new();
    for m in levels {
        let mine: Vec<usize> = (0..s.shares[m].cells.len())
            .filter(|&c| s.shares[m].cells[c].group == Some(g))
            .collect();
        let [c] = mine.as_slice() else { return };
        let Some(share) = Share::of(items, &s.shares[m].cells[*c]) else {
            return;
        };
        cells.push((m, *c));
        shares.push(share);
    }
    let n = shares[0].n;
    if shares.iter().any(|sh| sh.n != n) {
        return;
    }
    let percents: f64 = shares.iter().map(|sh| sh.percent.value).sum();
    let rounding: f64 = shares.iter().map(|sh| sh.percent.half_unit()).sum();
    let sum: u64 = shares.iter().map(|sh| sh.count).sum();
    let shared_out = (percents - 100.0).abs() <= rounding + 1e-9;
    if !shared_out
        || sum == n
        || !shares.iter().all(|sh| sh.given_by(sum))
        || shares.iter().all(|sh| sh.given_by(n))
    {
        return;
    }
    for (m, c) in cells {
        let cell = &mut s.shares[m].cells[c];
        cell.whole = Some(ShareWhole::SectionSum(sum));
        cell.n_evidence = Some(format!(
            "its section's counts add to {sum} and its percentages, adding to 100, are each of {sum}, not of the column's {n}: the patients with data"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::read_text;
    use super::*;

    /// Each share of the structure: its count as printed, its whole for the study file.
    fn wholes(text: &str) -> Vec<(String, Option<String>)> {
        let (items, s) = read_text(text);
        s.shares
            .iter()
            .flat_map(|m| m.cells.iter())
            .map(|c| {
                (
                    items[c.item].text.trim().to_string(),
                    c.share_whole(&items).map(|(w, _)| w),
                )
            })
            .collect()
    }

    #[test]
    fn a_sections_levels_sharing_out_fewer_than_the_columns_n_are_of_their_sum() {
        // Made-up values. Arm A: 4 + 8 + 30 = 42 patients with a severity (of 44); its
        // percentages 10, 19, 71 add to 100 and are of 42 (of 44: 9.1, 18.2, 68.2).
        let text = "Table 1. Baseline\n\
                    Characteristic | Arm A (n = 44) | Arm B (n = 50) |\n\
                    ---|---|---|\n\
                    Female, n (%) | 22 (50) | 25 (50) |\n\
                    Severity, n (%) | | |\n\
                    Mild | 4 (10) | 5 (10) |\n\
                    Moderate | 8 (19) | 15 (30) |\n\
                    Severe | 30 (71) | 30 (60) |\n";
        let got = wholes(text);
        let whole_of = |k: &str| {
            got.iter()
                .filter(|(t, _)| t == k)
                .map(|(_, w)| w.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(whole_of("22 (50)"), [Some("44".to_string())], "{got:?}");
        assert_eq!(whole_of("8 (19)"), [Some("42".to_string())], "{got:?}");
        assert_eq!(whole_of("30 (71)"), [Some("42".to_string())], "{got:?}");
        assert_eq!(whole_of("15 (30)"), [Some("50".to_string())], "{got:?}");
    }

    #[test]
    fn a_percentage_no_count_of_the_columns_n_gives_has_no_whole() {
        // Made-up values: 30 of 50 is 60 %, not 63 % (of 47 or 48 it is); 30 of 44 is 68 %.
        let text = "Table 2. Baseline\n\
                    Characteristic | Arm A (n = 44) | Arm B (n = 50) |\n\
                    ---|---|---|\n\
                    Prior therapy, n (%) | 30 (68) | 30 (63) |\n\
                    Diabetes, n (%) | 10 (23) | 12 (24) |\n";
        let (items, s) = read_text(text);
        let prior = &s.shares[0];
        let whole = |c: &Cell| c.share_whole(&items).map(|(w, _)| w);
        assert_eq!(whole(&prior.cells[0]).as_deref(), Some("44"));
        assert_eq!(prior.cells[1].whole, Some(ShareWhole::Unprinted));
        assert_eq!(whole(&prior.cells[1]), None);
        assert!(
            prior
                .review
                .iter()
                .any(|r| r.contains("30 of 50 is 60 %, not the printed 63 %")),
            "{:?}",
            prior.review
        );
        // Levels of no section that do not add to 100 are each of the column's n.
        assert_eq!(whole(&s.shares[1].cells[1]).as_deref(), Some("50"));
    }

    #[test]
    fn the_documents_n_a_share_refuses_is_taken_back() {
        // Made-up values in a glued table's form (twenty-eighth new-user trial): the arms' n's
        // row is glued and not read, so the footnote's number of patients was the only n.
        // 3 of 300 is 1 %, not 6 %: that n is no share's.
        let text = "Table 2\nMost frequent adverse events\nPlacebo5 mg10 mg\nn50*50*50*\nNausea3 (6)11 (22)12 (24)\nDiarrhea4 (8)4 (8)5 (10)\n*All patients who received a dose (n = 300) were included.\n";
        let (items, s) = read_text(text);
        let cells: Vec<&Cell> = s.shares.iter().flat_map(|m| &m.cells).collect();
        assert!(!cells.is_empty());
        for c in &cells {
            assert_eq!(c.given_n(&items), None, "{}", items[c.item].text);
        }
        assert!(
            s.shares.iter().any(|m| m
                .review
                .iter()
                .any(|r| r.contains("3 of 300 is 1 %, not the printed 6 %")
                    && r.contains("the document's number of patients is not this share's n"))),
            "{:?}",
            s.shares.iter().map(|m| &m.review).collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_event_rate_above_its_count_of_the_n_in_a_time_to_event_report_keeps_the_n() {
        // Made-up values: 12 of 100 is 12 %; a Kaplan–Meier estimate of 14 % with censoring.
        let text = "Table 3. Outcomes (hazard ratio from a Cox model)\n\
                    Outcome | Drug (n = 100) | Placebo (n = 100) |\n\
                    ---|---|---|\n\
                    Death, n (%) | 12 (14) | 20 (21) |\n";
        let (items, s) = read_text(text);
        let cell = &s.shares[0].cells[0];
        assert_eq!(cell.whole, None);
        assert_eq!(
            cell.share_whole(&items).map(|(w, _)| w).as_deref(),
            Some("100")
        );
    }
}
