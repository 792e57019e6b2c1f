//! Pairs of bare numbers that are a count and its percentage, where the document's own n's
//! say so.
//!
//! A table that lost its header in the copy (a cell a line, cells glued together), or never
//! printed `n (%)` over its cells, prints each share as two numbers, one in brackets:
//! `86.4(566)` (the percentage first, as Japanese regulatory tables print `%(例数)`) or
//! `566 (86.4)` (the count first). Printed so, two numbers may as well be a mean and its SD or
//! a median and a count of events. The document decides: where the bracketed pair's whole
//! number over one of the n's the document prints (`(655 例)`, `N = 120`) rounds or cuts to
//! the other as a percentage (566 of 655 is 86.4 %), the pair is that count and its share
//! ([`crate::checks::percent::count_gives`]).
//!
//! One pair's fit can be chance: 5 of 20 gives 25, and `25 (5)` may be a mean and its SD. So
//! the reading is the document's, not the pair's: it is taken only where the pairs printed
//! one way round fit an n at least three times (a count of zero fits every n and is no
//! evidence) and in at least two of every three such pairs. Then each fitting pair is read as
//! a count and its percentage, and a pair no printed n gives stays a number for review.
//! The whole stays unset: which of the document's n's a cell is of is the structure's to
//! decide from its column ([`super::structure`]), and checked there against the percentage.

use super::{Printed, Scan};
use crate::checks::Rounding;
use crate::checks::percent::count_gives;
use crate::reported::ReportedNumber;
use crate::text::number::NUMBER;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// Two numbers, the second in brackets with nothing else (`86.4(566)`, `566 (86.4)`,
/// `17.4(114例)`); neither followed by `%` (a printed percentage is read elsewhere).
fn pair_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<first>{NUMBER})[\x20\t]?[(（][\x20\t]?(?P<second>{NUMBER})[\x20\t]?(?P<unit>例|名|人)?[\x20\t]?[)）]"
        ))
        .expect("the bracketed pair pattern is valid")
    })
}

/// Which of a pair's two numbers is the percentage.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    /// `86.4(566)`: the percentage, then its count in brackets.
    PercentFirst,
    /// `566 (86.4)`: the count, then its percentage in brackets.
    CountFirst,
}

/// A bracketed pair of unsigned numbers and where it stands.
struct Pair {
    range: Range<usize>,
    first: Printed,
    second: Printed,
    /// A unit of people printed with the bracketed number (`114例`): that number is the count.
    counted_second: bool,
}

impl Pair {
    /// Which number is the count and which the percentage, read in `order`.
    fn count_and_percent(&self, order: Order) -> (&Printed, &Printed) {
        match order {
            Order::PercentFirst => (&self.second, &self.first),
            Order::CountFirst => (&self.first, &self.second),
        }
    }

    /// The count and the percentage when read in `order`, if each is of its form: a whole
    /// number, and a number from 0 to 100.
    fn read(&self, order: Order) -> Option<(u64, &Printed)> {
        if order == Order::CountFirst && self.counted_second {
            return None;
        }
        let (count, percent) = self.count_and_percent(order);
        let whole = count.number.decimals <= 0 && count.number.value >= 0.0;
        let share = (0.0..=100.0).contains(&percent.number.value);
        (whole && share).then_some((count.number.value as u64, percent))
    }

    /// Does some printed n give the pair, read in `order`, as a count and its percentage?
    /// `Some(count)` where it does.
    fn fits(&self, order: Order, ns: &[u64]) -> Option<u64> {
        let (count, percent) = self.read(order)?;
        let reported = ReportedNumber::parse(&percent.number.plain, "share").ok()?;
        ns.iter()
            .any(|&n| {
                n >= count && count_gives(&reported, count, n, Rounding::UpOrDown).unwrap_or(false)
            })
            .then_some(count)
    }
}

/// The bracketed pairs still free in the document.
fn free_pairs(scan: &Scan) -> Vec<Pair> {
    let plain = &scan.doc.plain.text;
    let mut pairs = Vec::new();
    for c in pair_pattern().captures_iter(plain) {
        let whole = c.get(0).expect("the match");
        let (first, second) = (
            c.name("first").expect("first"),
            c.name("second").expect("second"),
        );
        let signed = |m: regex::Match| m.as_str().trim_start().starts_with(['-', '+', '−']);
        let before = plain[..whole.start()].chars().next_back();
        let after = plain[whole.end()..].chars().next();
        if signed(first)
            || signed(second)
            || before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            || after.is_some_and(|c| c == '%' || c == '％')
            || !scan.free(whole.range())
        {
            continue;
        }
        if let (Some(f), Some(s)) = (scan.number(first.range()), scan.number(second.range())) {
            pairs.push(Pair {
                range: whole.range(),
                first: f,
                second: s,
                counted_second: c.name("unit").is_some(),
            });
        }
    }
    pairs
}

/// The order the document's pairs are printed in, if its n's decide it: the order whose
/// pairs fit a printed n at least three times (counts above zero) and in at least two of
/// every three of its pairs; of two such, the one with more fits.
fn decided_order(pairs: &[Pair], ns: &[u64]) -> Option<Order> {
    [Order::PercentFirst, Order::CountFirst]
        .into_iter()
        .filter_map(|order| {
            let readable = pairs.iter().filter(|p| p.read(order).is_some()).count();
            let evidence = pairs
                .iter()
                .filter(|p| p.fits(order, ns).is_some_and(|k| k > 0))
                .count();
            (evidence >= 3 && 3 * evidence >= 2 * readable).then_some((order, evidence))
        })
        .max_by_key(|&(_, evidence)| evidence)
        .map(|(order, _)| order)
}

/// Read as a count and its percentage every bracketed pair of bare numbers that one of the
/// document's printed n's gives, where its pairs are decided so (see the module doc).
pub fn find(scan: &mut Scan) {
    let mut ns: Vec<u64> = scan
        .items
        .iter()
        .filter(|i| i.kind == super::ItemKind::N)
        .filter_map(|i| i.parts.value.as_ref())
        .filter(|v| v.number.decimals <= 0 && v.number.value >= 2.0)
        .map(|v| v.number.value as u64)
        .collect();
    ns.sort_unstable();
    ns.dedup();
    if ns.is_empty() {
        return;
    }
    let pairs = free_pairs(scan);
    let Some(order) = decided_order(&pairs, &ns) else {
        return;
    };
    for pair in pairs.iter().filter(|p| p.fits(order, &ns).is_some()) {
        let (count, percent) = pair.count_and_percent(order);
        scan.push_percent_of_count(pair.range.clone(), percent.clone(), count.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::draft::read_items;
    use crate::draft::tests::brief;

    /// Made-up cells of an adverse-event table a cell a line, `%(count)` under two groups
    /// of 50 and 120: every pair is a count of one of them and its percentage.
    #[test]
    fn percent_first_pairs_that_the_printed_ns_give_are_shares() {
        let text = "Placebo\nDrug\n(50 例)\n(120 例)\nNausea\n24.0(12)\n37.5(45)\nHeadache\n10.0(5)\n12.5(15)\nRash\n0.0(0)\n3.3(4)\n";
        let got = brief(&read_items(text));
        assert_eq!(
            got,
            [
                ("n", "50".to_string()),
                ("n", "120".to_string()),
                ("percent", "24.0/12".to_string()),
                ("percent", "37.5/45".to_string()),
                ("percent", "10.0/5".to_string()),
                ("percent", "12.5/15".to_string()),
                ("percent", "0.0/0".to_string()),
                ("percent", "3.3/4".to_string()),
            ]
        );
    }

    /// Count first (`12 (24.0)`), and one pair no printed n gives (`7 (30.0)`: 7 of 50 is
    /// 14 %, of 120 is 5.8 %) stays two numbers.
    #[test]
    fn count_first_pairs_fit_and_a_pair_no_n_gives_stays_open() {
        let text = "Adverse events in the placebo (n = 50) and drug (n = 120) groups.\nNausea\n12 (24.0)\n45 (37.5)\nHeadache\n5 (10.0)\n15 (12.5)\nRash\n7 (30.0)\n4 (3.3)\n";
        let got = brief(&read_items(text));
        let percents: Vec<&String> = got
            .iter()
            .filter(|(k, _)| *k == "percent")
            .map(|(_, v)| v)
            .collect();
        assert!(percents.contains(&&"12/24.0".to_string()), "{got:?}");
        assert!(percents.contains(&&"4/3.3".to_string()), "{got:?}");
        assert!(!got.iter().any(|(_, v)| v.starts_with("7/")), "{got:?}");
    }

    /// Means and SDs printed as `mean (SD)` where one pair happens to fit (5 of 20 is 25 %):
    /// one fit of three pairs decides nothing.
    #[test]
    fn means_and_sds_with_one_chance_fit_stay_numbers() {
        let text = "Age (n = 20) 25 (5) 41.2 (9.8) 38.0 (7.1)\n";
        let got = brief(&read_items(text));
        assert!(!got.iter().any(|(k, _)| *k == "percent"), "{got:?}");
    }
}
