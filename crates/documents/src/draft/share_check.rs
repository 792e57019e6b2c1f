//! `check text`, for each group's share of its patients that the structure places
//! ([`super::structure::Structure::shares`]: `Responders, n (%) | 6 (15.0) | 19 (46.3)` under
//! `Placebo (n = 40) | Drug (n = 41)`): can the printed count be that percentage of some
//! number of the group's patients?
//!
//! A share is `100·k/n` for its count `k` and some whole `n` (percent vs count, GRIM on a
//! grid of 100: [`crate::checks::percent`]). Its whole is the one printed with it (`6/40
//! (15.0%)`), else the group's n (its column's, its section's). Only shares the structure sets
//! against another group's or time's are checked (a single share's n is its sentence's, often
//! another sample's). A table often takes a percentage over the patients with data, fewer
//! than the column's n, and a copied table's column may carry another group's n, so a share
//! its count gives over another whole is listed as such (not checked), never called
//! inconsistent; so is one its count of the whole gives when cut to its decimals rather than
//! rounded (as some software prints), and, in a report of time to an event, one above the
//! count over the whole (a Kaplan–Meier estimate). Only a table's count that **no** whole
//! number of patients gives at the printed percentage is inconsistent, also where a whole is
//! printed beside it (a percentage printed with its count and whole may be an estimate,
//! adjusted or over those with data); in running text the number before a bracketed
//! percentage may be no count of it (`two in 10 (18.7%)`), and such a share is listed, not
//! called inconsistent. A percentage printed without its count says too little to be checked
//! (nearly any percentage is some count of some subset) and is listed as not checked.

use super::Item;
use super::structure::Structure;
use crate::checks::percent::counts_for;
use crate::checks::{Rounding, Status};
use crate::error::Result;
use crate::reported::ReportedNumber;
use serde::Serialize;

/// The check of one group's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareFinding {
    pub line: usize,
    /// As printed.
    pub quote: String,
    /// The percentage as printed.
    pub percent: String,
    /// The count as printed, when printed.
    pub count: Option<String>,
    /// The whole: printed with the share, or the group's n.
    pub n: Option<String>,
    pub status: Status,
    /// What the check found, in words.
    pub detail: String,
}

impl ShareFinding {
    pub fn inconsistent(&self) -> bool {
        self.status == Status::Inconsistent
    }
}

/// Every share the structure places, checked against its count and whole.
pub fn check_shares(
    file: &str,
    text: &str,
    items: &[Item],
    structure: &Structure,
    rounding: Rounding,
) -> Result<Vec<ShareFinding>> {
    let lower = text.to_lowercase();
    let time_to_event = super::cues::reports_time_to_event(&lower);
    let tables = super::table::Tables::find(text);
    let mut out = Vec::new();
    // Only shares the structure set against another group's or time's: a single share's n is
    // the sentence's, often of another sample (`four in 10 patients … (18.7%) on placebo`).
    let placed = structure
        .shares
        .iter()
        .filter(|m| m.shape != super::structure::Shape::Single);
    for c in placed.flat_map(|m| m.cells.iter()) {
        let item = &items[c.item];
        let p = &item.parts;
        let Some(value) = &p.value else { continue };
        let at = format!("{file}:{}", item.line);
        let Ok(percent) = ReportedNumber::parse(&value.number.plain, &at) else {
            continue;
        };
        let whole = c
            .share_whole(items)
            // A percentage not of the group's n is still judged against it: of fewer
            // patients, or of none.
            .or_else(|| c.given_n(items).map(|n| (n, false)));
        let count = p.count.as_ref().map(|k| k.number.plain.clone());
        let (status, detail) = match (&count, &whole) {
            (None, _) => (
                Status::NotApplicable,
                "no count printed with the percentage: nearly any percentage is some count of some subset".to_string(),
            ),
            (Some(_), None) => (
                Status::NotApplicable,
                "no whole printed with it and no n for its group".to_string(),
            ),
            (Some(k), Some((n, printed))) => {
                match verdict(&percent, k, n, *printed, time_to_event, rounding)? {
                    // In running text the number before a bracketed percentage may be no
                    // count of it (`fewer than two in 10 (18.7%)`, `10 mg (25%)`); in a
                    // table's `n (%)` cell it is.
                    (Status::Inconsistent, why)
                        if tables.index_at(item.span[0]).is_none()
                            && !counted_with_its_people(&item.text) =>
                    {
                        (
                        Status::NotApplicable,
                        format!("{why}; in running text, so the number before the percentage may be no count of it: not checked"),
                    )
                    }
                    v => v,
                }
            }
        };
        out.push(ShareFinding {
            line: item.line,
            quote: crate::text::plain::lines_joined(&item.text),
            percent: value.number.text.clone(),
            count,
            n: whole.map(|(n, _)| n),
            status,
            detail,
        });
    }
    Ok(out)
}

/// Is the share printed as a number of people, their noun right after it, then its percentage
/// in a bracket (`13例(63.4%)`, `13 patients (63.4%)`, `13名（63.4％）`)? Then the number is the
/// percentage's count, in running text as in a table's `n (%)` cell; a number that names
/// no people before the bracket (`two in 10 (18.7%)`, `10 mg (25%)`) may be none.
fn counted_with_its_people(text: &str) -> bool {
    static P: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        regex::Regex::new(&format!(
            r"^\s*[0-9０-９,]+\s*(?:例|名|人|(?i:{}))\s*[(（]",
            super::cues::PEOPLE_COUNTED
        ))
        .expect("the count-of-people pattern is valid")
    })
    .is_match(text)
}

/// Whole numbers only: a count or an n printed with decimals is no number of people.
fn whole_number(text: &str) -> Option<u64> {
    text.parse::<u64>().ok()
}

/// The verdict on count `k` at `percent` of whole `n` (`printed`: printed with the share,
/// else the group's n, which may hold more patients than the share is of).
fn verdict(
    percent: &ReportedNumber,
    k: &str,
    n: &str,
    printed: bool,
    time_to_event: bool,
    rounding: Rounding,
) -> Result<(Status, String)> {
    let (Some(k), Some(n)) = (whole_number(k), whole_number(n)) else {
        return Ok((
            Status::NotApplicable,
            "the count or the whole is no whole number".to_string(),
        ));
    };
    let p = &percent.text;
    // What k of n is, at the printed percentage's decimals.
    let of = |whole: u64| {
        format!(
            "{:.*}",
            percent.decimals as usize,
            100.0 * k as f64 / whole as f64
        )
    };
    if n == 0 || k > n {
        return Ok((
            Status::NotApplicable,
            format!("{k} is more than the whole {n}: a count of events, not of patients?"),
        ));
    }
    let gives = |whole: u64| -> Result<bool> {
        let counts = counts_for(percent, whole, rounding)?;
        Ok(counts.first <= k as i128 && k as i128 <= counts.last)
    };
    if gives(n)? {
        return Ok((Status::Consistent, format!("{k} of {n} is {p} %")));
    }
    if let Some(cut) = cut_to_decimals(percent, k, n) {
        return Ok((Status::NotApplicable, cut));
    }
    if time_to_event && percent.value > 100.0 * k as f64 / n as f64 {
        return Ok((
            Status::NotApplicable,
            format!(
                "{k} of {n} is {} %, not {p} %: a Kaplan–Meier estimate? (the report analyses time to an event; with patients censored it exceeds the count over the whole)",
                of(n)
            ),
        ));
    }
    let wholes: Vec<u64> = wholes_giving(percent, k, &gives)
        .into_iter()
        .filter(|&w| w != n)
        .collect();
    let listed = |ws: &[u64]| {
        ws.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(" or ")
    };
    let fewer: Vec<u64> = wholes.iter().copied().filter(|&w| w < n).collect();
    let more: Vec<u64> = wholes.iter().copied().filter(|&w| w > n).collect();
    Ok(match (fewer.as_slice(), more.as_slice()) {
        ([], []) => (
            Status::Inconsistent,
            format!(
                "no whole number of patients has {k} at {p} % ({k} of {n}, the group's n, is {} %)",
                of(n)
            ),
        ),
        _ if printed => (
            Status::NotApplicable,
            format!(
                "{k} of {n}, printed with it, is {} %, not {p} %, but {k} of {} is: the percentage of another whole (an estimate, or those with data?)",
                of(n),
                listed(&wholes)
            ),
        ),
        ([], more) => (
            Status::NotApplicable,
            format!(
                "{k} of {n} is {} %, not {p} %, but {k} of {} is: a share of more than the group's n (events, eyes, or another group's n?)",
                of(n),
                listed(more)
            ),
        ),
        (fewer, _) => (
            Status::NotApplicable,
            format!(
                "{k} of {n} is {} %, not {p} %, but {k} of {} is: the percentage of fewer patients than the group's n (those with data?)",
                of(n),
                listed(fewer)
            ),
        ),
    })
}

/// Where `percent` is `k` of `n` cut to its decimals rather than rounded (29 of 892 is
/// 3.251 %, printed 3.2), as some software prints: the numbers agree, the printing is the
/// software's. What to say of it, or `None`.
fn cut_to_decimals(percent: &ReportedNumber, k: u64, n: u64) -> Option<String> {
    let cut = percent
        .contains(100 * k as i128, n as i128, Rounding::Trunc)
        .ok()?;
    cut.then(|| {
        format!(
            "{k} of {n} is {:.*} %, printed {} %: cut to its decimals rather than rounded (as some software prints)",
            percent.decimals as usize + 2,
            100.0 * k as f64 / n as f64,
            percent.text
        )
    })
}

/// Every whole that gives count `k` at `percent` (`gives`: whether a whole does): those near
/// 100·k/p, within the percentage's rounding.
fn wholes_giving(
    percent: &ReportedNumber,
    k: u64,
    gives: &dyn Fn(u64) -> Result<bool>,
) -> Vec<u64> {
    let half = 0.5 / 10f64.powi(percent.decimals as i32);
    let (lo, hi) = (percent.value + half, percent.value - half);
    if k == 0 || hi <= 0.0 {
        return Vec::new();
    }
    let first = ((100.0 * k as f64 / lo).floor() as u64)
        .saturating_sub(1)
        .max(k.max(1));
    let last = (100.0 * k as f64 / hi).ceil() as u64 + 1;
    (first..=last.min(first + 10_000))
        .filter(|&w| gives(w).unwrap_or(false))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(text: &str) -> Vec<ShareFinding> {
        let doc = crate::draft::Sentences::new(text);
        let items = crate::draft::read_document(&doc);
        let s = crate::draft::structure::read_structure(&doc, &items);
        check_shares("t.txt", text, &items, &s, Rounding::UpOrDown).unwrap()
    }

    #[test]
    fn a_share_no_count_of_its_groups_patients_gives_is_inconsistent() {
        // Made-up counts. 6 of 40 is 15.0 % (consistent); 19 of 41 is 46.3 %. Then 7 of 40
        // printed as 25.0 %: 7 of 28 is 25.0 %, a share of fewer patients (not checked);
        // 9 of 41 printed as 11.1 %: 9 of 81 is, more than the group has (not checked); 9 of
        // 41 printed as 11.5 %: no whole gives it (9/78 = 11.54 %, 9/79 = 11.39 %, at one
        // decimal 11.5 needs 9/w in [11.45, 11.55): w in (77.9, 78.6], none): inconsistent.
        let found = shares(
            "Outcome | Placebo (n = 40) | Drug (n = 41)\n---|---|---\nResponders, n (%) | 6 (15.0) | 19 (46.3)\nRelapse, n (%) | 7 (25.0) | 9 (11.1)\nDeath, n (%) | 7 (17.5) | 3 (40.0)\n",
        );
        let read: Vec<(&str, Status)> = found
            .iter()
            .map(|f| (f.percent.as_str(), f.status))
            .collect();
        assert_eq!(
            read,
            [
                ("15.0", Status::Consistent),
                ("46.3", Status::Consistent),
                ("25.0", Status::NotApplicable),
                ("11.1", Status::NotApplicable),
                ("17.5", Status::Consistent),
                ("40.0", Status::Inconsistent)
            ],
            "{found:#?}"
        );
        assert!(found[2].detail.contains("7 of 28"), "{}", found[2].detail);
    }

    #[test]
    fn a_count_of_people_before_its_bracketed_percentage_is_checked_in_running_text() {
        // Made-up counts: 13 of any whole is never 63.4 % (13/20 = 65.0 %, 13/21 = 61.9 %),
        // and 13 of 24 is 54.2 %; a number naming no people before the bracket is not checked.
        let found = shares(
            "症例数はA群24例、B群20例であった。改善はA群13例(63.4%)、B群10例(50.0%)であった。",
        );
        let read: Vec<(&str, Status)> = found
            .iter()
            .map(|f| (f.percent.as_str(), f.status))
            .collect();
        assert_eq!(
            read,
            [("63.4", Status::Inconsistent), ("50.0", Status::Consistent)],
            "{found:#?}"
        );
        let found = shares(
            "Relapse occurred in 13 of the drug group (63.4%) and 10 of the placebo group (50.0%).",
        );
        assert!(found.iter().all(|f| !f.inconsistent()), "{found:#?}");
    }

    #[test]
    fn a_share_cut_to_its_decimals_is_no_inconsistency() {
        // Made-up counts: 29 of 892 is 3.251 %, printed 3.2 (cut, not rounded); 137 of 315
        // is 43.49 %, printed 43.4.
        let found = shares(
            "Outcome | Placebo (n = 892) | Drug (n = 315)\n---|---|---\nBleeding, n (%) | 29 (3.2) | 137 (43.4)\n",
        );
        let read: Vec<Status> = found.iter().map(|f| f.status).collect();
        assert_eq!(
            read,
            [Status::NotApplicable, Status::NotApplicable],
            "{found:#?}"
        );
        assert!(found[0].detail.contains("cut"), "{}", found[0].detail);
    }
}
