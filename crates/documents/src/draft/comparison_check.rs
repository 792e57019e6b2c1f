//! `check text`, for two groups compared in the text: two means ± spreads, each with its n,
//! and the p or CI printed for their difference (`81 ± 8 (n = 88) versus 82 ± 7 mm Hg
//! (n = 88), P = 0.382`). Which values are two arms is the document's structure
//! ([`super::structure`], the decisions `draft` writes to the study file), not a guess of this
//! file: two values the structure leaves open (two groups? two time points?) are listed as not
//! checked. Which reading of the unlabelled `±` (SD, SEM, or the SE of an adjusted mean)
//! reproduces the printed p or CI is decided by the one reader of spreads,
//! [`crate::reading::question::read_spread`] (what `check spread` runs); this file only
//! gathers what the structure holds.
//!
//! Each group's n is the one the structure gives it (printed with the value, its group's,
//! its table column's); a comparison without both is listed as not checked. With more than one
//! p or CI after the arms, which one compares them is not printed: not checked, never guessed.
//! Where the document says its arms are the same patients (a crossover, a within-subject
//! design: [`Structure::within_patients`]), the two values are no two samples and the
//! within-patient correlation a paired reading needs is not printed: not checked.
//! The text rarely says whether the comparison was adjusted: it is read as adjusted when it
//! says `adjusted`, `ANCOVA` or `least squares`, as unadjusted when it says `unadjusted`, and
//! else as not stated (the adjusted SE stays a candidate).
//! Where the document says its p-values come from a rank test (Wilcoxon, Mann–Whitney), a p
//! is no t test's and is not read: only a printed CI or SE of the difference is.

use super::structure::{Cell, Measure, Shape, Structure};
use super::{Item, ItemKind};
use crate::checks::Rounding;
use crate::error::Result;
use crate::level::ConfidenceLevel;
use crate::reading::comparison::{
    Group, Groups, PrintedComparison, fewer_patients_fitting, not_checked_with_fewer_patients,
};
use crate::reading::question::{Design, SpreadQuestion, read_spread};
use crate::reading::{PrintedTest, SpreadReading};
use crate::reported::{Adjusted, ReportedNumber, ReportedP, SpreadKind};
use serde::Serialize;

/// One group as the sentence prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedGroup {
    pub mean: String,
    pub spread: String,
    pub n: Option<String>,
}

/// The reading of the `±` of one two-group comparison of a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonFinding {
    /// The line of the first mean.
    pub line: usize,
    /// The sentence.
    pub quote: String,
    pub groups: Vec<PrintedGroup>,
    /// What the sentence prints about the difference (`p = 0.382`, `95% CI −0.6 to 0.6`).
    pub printed: String,
    /// `SD`, `SEM`, `SE of adjusted mean`, `undecided` or `contradicted`; absent when not
    /// checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// The verdict and why, with the recomputed p or CI of each reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The full reading (each candidate and each piece of evidence).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<SpreadReading>,
    /// Why it was not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_checked: Option<String>,
}

impl ComparisonFinding {
    /// No reading reproduces what the sentence prints (or the label it states is excluded).
    pub fn inconsistent(&self) -> bool {
        self.reading
            .as_ref()
            .is_some_and(SpreadReading::is_contradicted)
    }

    /// `81 ± 8 (n = 88) vs 82 ± 7 (n = 88)`.
    pub fn label(&self) -> String {
        self.groups
            .iter()
            .map(|g| match &g.n {
                Some(n) => format!("{} ± {} (n = {n})", g.mean, g.spread),
                None => format!("{} ± {}", g.mean, g.spread),
            })
            .collect::<Vec<_>>()
            .join(" vs ")
    }
}

/// The p of a p item as [`ReportedP`] reads it (`<0.001`, `0.382`).
fn p_of(item: &Item, at: &str) -> Option<ReportedP> {
    let value = item.parts.value.as_ref()?;
    let relation = match item.parts.relation {
        Some("<") => "<",
        Some(">") => ">",
        _ => "",
    };
    ReportedP::parse(&format!("{relation}{}", value.number.plain), at).ok()
}

/// The CI of a CI item: its bounds and level (95 % when the text prints none).
fn ci_of(item: &Item, at: &str) -> Option<(ReportedNumber, ReportedNumber, ConfidenceLevel)> {
    let lo = item.parts.lower.as_ref()?.number.to_reported(at).ok()?;
    let hi = item.parts.upper.as_ref()?.number.to_reported(at).ok()?;
    let level = match &item.parts.level {
        Some(l) => ConfidenceLevel::new(l.number.value / 100.0).ok()?,
        None => ConfidenceLevel::NINETY_FIVE,
    };
    Some((lo, hi, level))
}

/// The group of a mean ± spread item, when its n is printed with it.
fn group_of(item: &Item, n: Option<&Item>, at: &str, what: &str) -> Option<Group> {
    let mean = item.parts.mean.as_ref()?.number.to_reported(at).ok()?;
    let spread = item.parts.spread.as_ref()?.number.to_reported(at).ok()?;
    let n = n
        .and_then(|n| n.parts.value.as_ref())
        .or(item.parts.n.as_ref())
        .and_then(|n| n.number.to_reported(at).ok())
        .and_then(|n| n.as_integer())
        .and_then(|n| u64::try_from(n).ok())?;
    Group::new(mean, spread, n, what).ok()
}

/// Read the `±` of every two-arm comparison in the document's `structure`
/// ([`super::structure::read_structure`] of `items`: the decisions `draft` writes): each measure of two
/// arms, one value each, with the difference, CI or p printed after them. Two means ± spreads
/// of one sentence that the structure leaves undecided (two groups? two time points?) are
/// listed as not checked, never read as two groups.
pub fn check_comparisons(
    file: &str,
    items: &[Item],
    structure: &Structure,
    rounding: Rounding,
) -> Result<Vec<ComparisonFinding>> {
    let mut out = Vec::new();
    let mut in_structure = vec![false; items.len()];
    for m in &structure.measures {
        if m.shape == Shape::Single {
            continue;
        }
        for c in &m.cells {
            in_structure[c.item] = true;
        }
        if m.shape != Shape::Arms || m.comparison.is_empty() {
            continue;
        }
        if let Some(finding) = check_arm_measure(file, items, structure, m, rounding)? {
            out.push(finding);
        }
    }
    push_open_pairs(items, &in_structure, &mut out);
    out.sort_by_key(|f| f.line);
    Ok(out)
}

/// The two cells of a measure of two arms, one mean ± spread each, or `None` when it is not one.
fn two_arm_cells<'m>(m: &'m Measure, items: &[Item]) -> Option<[&'m Cell; 2]> {
    // Two values set against each other (`81 ± 8 versus 82 ± 7`) are two arms even where
    // the text names neither group.
    let (a, b) = match (m.cells.as_slice(), m.arms().as_slice()) {
        ([a, b], _) => (a, b),
        (_, [(Some(_), a), (Some(_), b)]) if a.len() == 1 && b.len() == 1 => (a[0], b[0]),
        _ => return None,
    };
    if items[a.item].kind != ItemKind::MeanSpread || items[b.item].kind != ItemKind::MeanSpread {
        return None;
    }
    Some([a, b])
}

/// Does the text print more than one p or CI in the stretch after the arms of `m` (whose
/// first value is `first`), so that which one compares them is not printed?
fn several_ps_or_cis(m: &Measure, items: &[Item], first: &Item) -> bool {
    let stretch_end = m
        .comparison
        .items()
        .into_iter()
        .map(|j| items[j].span[1])
        .max()
        .unwrap_or(first.span[1]);
    let after_arms = m
        .cells
        .iter()
        .map(|c| items[c.item].span[1])
        .max()
        .unwrap_or(0);
    let next_summary = items
        .iter()
        .filter(|i| i.span[0] > after_arms && i.sentence == first.sentence)
        .filter(|i| i.kind.is_summary())
        .map(|i| i.span[0])
        .min()
        .unwrap_or(usize::MAX);
    let count = |kind: ItemKind| {
        items
            .iter()
            .filter(|i| {
                i.kind == kind
                    && i.span[0] > after_arms
                    && i.span[0] < next_summary.max(stretch_end)
            })
            .filter(|i| i.sentence == items[m.cells[m.cells.len() - 1].item].sentence)
            .count()
    };
    count(ItemKind::P) > 1 || count(ItemKind::Ci) > 1
}

/// What the text says ± is for two arms: the label both values print (SD, or SE for any
/// other), else the measure's, else not reported.
fn arms_spread_kind(first: &Item, second: &Item, m: &Measure) -> SpreadKind {
    match (first.parts.spread_label, second.parts.spread_label) {
        (Some("SD"), Some("SD")) => SpreadKind::Sd,
        (Some(a), Some(b)) if a != "SD" && b != "SD" => SpreadKind::Sem,
        (None, None) => match m.spread_label {
            Some(("SD", _)) => SpreadKind::Sd,
            Some(_) => SpreadKind::Sem,
            None => SpreadKind::NotReported,
        },
        _ => SpreadKind::NotReported,
    }
}

/// Whether the sentence `quote` says the comparison was adjusted (`adjusted`, `ANCOVA`,
/// `least squares`), unadjusted, or neither.
fn adjusted_in(quote: &str) -> Adjusted {
    let words = quote.to_ascii_lowercase();
    if words.contains("unadjusted") {
        Adjusted::No
    } else if words.contains("adjusted")
        || words.contains("ancova")
        || words.contains("least squares")
        || words.contains("least-squares")
    {
        Adjusted::Yes
    } else {
        Adjusted::NotReported
    }
}

/// The finding of one measure of the structure: its two arms' values read against the p,
/// CI or difference printed after them, or why they are not checked; `None` when the
/// measure is not two arms of one mean ± spread each.
fn check_arm_measure(
    file: &str,
    items: &[Item],
    structure: &Structure,
    m: &Measure,
    rounding: Rounding,
) -> Result<Option<ComparisonFinding>> {
    let Some([a, b]) = two_arm_cells(m, items) else {
        return Ok(None);
    };
    let mut cells = [a, b];
    // The printed difference, ordered so that it is group 1 − group 2; a number that is
    // neither order's difference within the rounding is left out.
    let mut difference = m.comparison.difference.map(|j| &items[j]);
    if let Some(d) = difference {
        match d.difference_of(&items[a.item], &items[b.item]) {
            Some(true) => {}
            Some(false) => cells.swap(0, 1),
            None => difference = None,
        }
    }
    let ps: Vec<&Item> = m.comparison.p.iter().map(|&j| &items[j]).collect();
    let cis: Vec<&Item> = m.comparison.ci.iter().map(|&j| &items[j]).collect();
    // More than one p or CI in the stretch after the arms: which one compares them is not
    // printed.
    let first = &items[cells[0].item];
    let several = several_ps_or_cis(m, items, first);
    let ns: Vec<Option<&Item>> = cells.iter().map(|c| c.n.map(|j| &items[j])).collect();
    let mut finding = finding_of(
        &[&items[cells[0].item], &items[cells[1].item]],
        &ns,
        difference,
        &ps,
        &cis,
    );
    if let Some(line) = structure.within_patients {
        finding.not_checked = Some(format!(
            "the document's design is within patients (crossover, line {line}): both values are the same patients, and the within-patient correlation a paired comparison needs is not printed"
        ));
        return Ok(Some(finding));
    }
    if several {
        finding.not_checked = Some(
            "the text prints more than one p or CI after the two groups: which one compares them is not printed"
                .into(),
        );
        return Ok(Some(finding));
    }
    let at = format!("{file}:{}", first.line);
    let (Some(g1), Some(g2)) = (
        group_of(&items[cells[0].item], ns[0], &at, "group 1"),
        group_of(&items[cells[1].item], ns[1], &at, "group 2"),
    ) else {
        finding.not_checked = Some(
            "each group's n (2 or more) must be printed: with its value, its group or its table column"
                .into(),
        );
        return Ok(Some(finding));
    };
    // A p from a rank test is no t test's: it cannot tell SD from SEM, so only a printed CI
    // or SE of the difference is read.
    let ps = if structure.rank_test.is_some() {
        Vec::new()
    } else {
        ps
    };
    let Some(printed) = printed_comparison(difference, &ps, &cis, &at) else {
        if let Some(line) = structure.rank_test.filter(|_| cis.is_empty()) {
            finding.not_checked = Some(format!(
                "the document's p-values come from a rank test (line {line}), which cannot tell SD from SEM, and it prints no CI of the difference"
            ));
            return Ok(Some(finding));
        }
        finding.not_checked = Some("the p or CI is not one the reading takes".into());
        return Ok(Some(finding));
    };
    let label = arms_spread_kind(&items[cells[0].item], &items[cells[1].item], m);
    let adjusted = adjusted_in(&first.quote);
    let question = |g1: &Group, g2: &Group| SpreadQuestion {
        design: Design::Groups(Groups::Two(g1.clone(), g2.clone()), printed.clone()),
        adjusted,
        label,
        scale: None,
        rounding,
    };
    let reading = read_spread(&question(&g1, &g2))?;
    if let Some(why) = of_fewer_patients(&reading, &cells, (&g1, &g2), &question)? {
        finding.not_checked = Some(why);
        return Ok(Some(finding));
    }
    finding.verdict = Some(reading.verdict.as_str().to_string());
    finding.reason = Some(reading.reason.clone());
    finding.reading = Some(reading);
    Ok(Some(finding))
}

/// Why a contradicted `reading` of two arms (`cells`, read as `groups`) is not checked:
/// where no n is printed with the values, only the columns' (each arm's), and fewer patients
/// make the reading hold ([`fewer_patients_fitting`]). `None` where the reading stands, as it
/// does where another reading gives the printed comparison at the columns' n's
/// ([`crate::reading::SpreadReading::another_reading_reproduces`]).
fn of_fewer_patients(
    reading: &crate::reading::SpreadReading,
    cells: &[&Cell; 2],
    (g1, g2): (&Group, &Group),
    ask: &dyn Fn(&Group, &Group) -> SpreadQuestion,
) -> Result<Option<String>> {
    let from_columns = cells.iter().all(|c| {
        c.n_evidence
            .as_deref()
            .is_some_and(|e| !e.starts_with("printed with it"))
    });
    if !reading.is_contradicted() || !from_columns || reading.another_reading_reproduces() {
        return Ok(None);
    }
    let share = fewer_patients_fitting(g1.n, g2.n, &mut |share| {
        let (f1, f2) = (g1.with_n_scaled(share), g2.with_n_scaled(share));
        Ok(!read_spread(&ask(&f1, &f2))?.is_contradicted())
    })?;
    Ok(share.map(|share| not_checked_with_fewer_patients(&reading.reason, (g1.n, g2.n), share)))
}

/// What the text prints of two arms' comparison (read at `at`): the difference and its
/// spread, and the first p and CI; `None` when it prints no p, CI or spread of the
/// difference the reading takes.
fn printed_comparison(
    difference: Option<&Item>,
    ps: &[&Item],
    cis: &[&Item],
    at: &str,
) -> Option<PrintedComparison> {
    let p = ps.first().and_then(|i| p_of(i, at));
    let ci = cis.first().and_then(|i| ci_of(i, at));
    let estimate = |d: &Item| {
        d.parts
            .mean
            .as_ref()
            .or(d.parts.value.as_ref())
            .and_then(|m| m.number.to_reported(at).ok())
    };
    let (diff, diff_se) = match difference {
        Some(d) => (
            estimate(d),
            d.parts
                .spread
                .as_ref()
                .and_then(|m| m.number.to_reported(at).ok()),
        ),
        None => (None, None),
    };
    if p.is_none() && ci.is_none() && diff_se.is_none() {
        return None;
    }
    Some(PrintedComparison {
        difference: diff,
        spread: diff_se,
        test: PrintedTest {
            ci,
            t: None,
            p,
            claim: None,
        },
    })
}

/// Pushes onto `out`, as not checked, two means ± spreads of one sentence, with a p or CI,
/// that the structure leaves open (`in_structure` marks the items it decided).
fn push_open_pairs(items: &[Item], in_structure: &[bool], out: &mut Vec<ComparisonFinding>) {
    let mut start = 0;
    for i in 1..=items.len() {
        if i < items.len() && items[i].sentence == items[start].sentence {
            continue;
        }
        let sentence = &items[start..i];
        let offset = start;
        start = i;
        let open: Vec<&Item> = sentence
            .iter()
            .enumerate()
            .filter(|(k, it)| it.kind == ItemKind::MeanSpread && !in_structure[offset + k])
            .map(|(_, it)| it)
            .collect();
        let [a, b] = open.as_slice() else {
            continue;
        };
        let ps: Vec<&Item> = sentence
            .iter()
            .filter(|i| i.kind == ItemKind::P && i.span[0] > a.span[0])
            .collect();
        let cis: Vec<&Item> = sentence
            .iter()
            .filter(|i| i.kind == ItemKind::Ci && i.span[0] > a.span[0])
            .collect();
        if ps.is_empty() && cis.is_empty() {
            continue;
        }
        let ns: Vec<Option<&Item>> = vec![None, None];
        let mut finding = finding_of(&[a, b], &ns, None, &ps, &cis);
        finding.groups[0].n = a.parts.n.as_ref().map(|n| n.number.text.clone());
        finding.groups[1].n = b.parts.n.as_ref().map(|n| n.number.text.clone());
        finding.not_checked = Some(
            "the text does not say whether these are two groups, two time points of one group or two measures: name the groups (or the time points) and check them with `check spread`"
                .into(),
        );
        out.push(finding);
    }
}

/// The finding's record of what the text prints: the two groups (with their n), the
/// difference, p and CI.
fn finding_of(
    means: &[&Item; 2],
    ns: &[Option<&Item>],
    difference: Option<&Item>,
    ps: &[&Item],
    cis: &[&Item],
) -> ComparisonFinding {
    let groups: Vec<PrintedGroup> = means
        .iter()
        .zip(ns)
        .map(|(m, n)| PrintedGroup {
            mean: m
                .parts
                .mean
                .as_ref()
                .map_or(String::new(), |p| p.number.text.clone()),
            spread: m
                .parts
                .spread
                .as_ref()
                .map_or(String::new(), |p| p.number.text.clone()),
            n: n.and_then(|n| n.parts.value.as_ref())
                .map(|v| v.number.text.clone())
                .or_else(|| m.parts.n.as_ref().map(|n| n.number.text.clone())),
        })
        .collect();
    let printed: Vec<String> = difference
        .iter()
        .map(|d| format!("difference {}", d.text.replace(['\n', '\r'], " ")))
        .chain(
            ps.iter()
                .chain(cis.iter())
                .map(|i| i.text.replace(['\n', '\r'], " ")),
        )
        .collect();
    ComparisonFinding {
        line: means[0].line,
        quote: means[0].quote.clone(),
        groups,
        printed: printed.join(", "),
        verdict: None,
        reason: None,
        reading: None,
        not_checked: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::read_document;

    fn check(text: &str) -> Vec<ComparisonFinding> {
        let doc = crate::draft::Sentences::new(text);
        let items = read_document(&doc);
        let structure = crate::draft::structure::read_structure(&doc, &items);
        check_comparisons("t.txt", &items, &structure, Rounding::UpOrDown).unwrap()
    }
    use crate::reading::Verdict;

    #[test]
    fn a_row_fewer_patients_make_consistent_is_not_contradicted_by_its_columns_n() {
        // Made-up values in the layout of the fifteenth new-user trial's table: a time to a
        // treatment only some patients had, under columns of 463 each, with p = 0.47. With
        // 463 an arm, 20 (5) against 22 (6) would give p ≈ 5e-8; with about 7 it fits. The
        // text prints no n for the row: not checked, never contradicted.
        let text = "Outcome | Drug (n=463) | Placebo (n=463) | P value\n---|---|---|---\nMean (SD) time to chemotherapy (days) | 20 (5) | 22 (6) | 0.47\n";
        let found = check(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].inconsistent(), "{:?}", found[0]);
        let why = found[0].not_checked.as_deref().unwrap_or("");
        assert!(why.contains("fewer patients"), "{why}");
        // The same values printed with their n's are read with them, and contradicted.
        let found = check(
            "Time to chemotherapy was 20 ± 5 days (n = 463) versus 22 ± 6 days (n = 463), SD, p = 0.47.",
        );
        assert!(found[0].inconsistent(), "{:?}", found[0]);
    }

    #[test]
    fn a_crossover_is_not_read_as_two_samples() {
        // Sports Med Open 2021 (s40798-021-00319-5), as printed: a crossover of eight men; read
        // as two samples of 8 the ± would be contradicted by P < 0.01.
        let text = "In a randomised crossover design, time in range was 242 ± 135 min (n = 8) vs 88 ± 132 min (n = 8) for the other session; P < 0.01.";
        let found = check(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].inconsistent());
        let why = found[0].not_checked.as_deref().unwrap_or("");
        assert!(why.contains("crossover, line 1"), "{why}");
        // The same sentence without the design is read as two samples.
        let found = check(&text.replace("randomised crossover design", "randomised design"));
        assert!(found[0].not_checked.is_none(), "{:?}", found[0]);
    }

    #[test]
    fn a_p_from_a_rank_test_does_not_read_the_spread() {
        // The diastolic BP sentence below (its p read as SDs), with the document saying its
        // p-values are Wilcoxon's: a rank test's p tells nothing of SD or SEM.
        let text = "Title\n\nDiastolic BP was 81 ± 8 (n = 88) versus 82 ± 7 mm Hg (n = 88), unadjusted P = 0.382.\nP values are from the Wilcoxon rank-sum test.";
        let found = check(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].reading.is_none(), "{:?}", found[0]);
        let why = found[0].not_checked.as_deref().unwrap_or("");
        assert!(why.contains("rank test (line 4)"), "{why}");
    }

    #[test]
    fn two_groups_with_their_p_are_read_by_the_p() {
        // J Hum Hypertens 2017;31:647 (PMID 28447625): "similar diastolic BP (81±8 versus
        // 82±7 mm Hg, P=0.382)", 88 per arm; the n printed after each mean here. Worked out by
        // hand (scipy, tests/data/spread_readings, as the prelude's read_two_arm_spread
        // example): read as SDs, Welch's t = 0.88 on 171 df gives p = 0.379, which rounds
        // near 0.382; read as SEMs, p = 0.925 over the whole rounding box, excluding 0.382.
        let text = "Title\n\nDiastolic BP was 81 ± 8 (n = 88) versus 82 ± 7 mm Hg (n = 88), unadjusted P = 0.382.\nOther text 5.1 ± 1.0 and 6.2 ± 1.1 without a p.";
        let found = check(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.line, 3);
        assert_eq!(f.groups[0].n.as_deref(), Some("88"));
        assert_eq!(f.printed, "P = 0.382");
        assert_eq!(
            f.reading.as_ref().unwrap().verdict,
            Verdict::Sd,
            "{:?}",
            f.reason
        );
        assert!(!f.inconsistent());
    }

    #[test]
    fn a_printed_difference_with_its_se_is_read_with_the_groups() {
        // Abe et al. 2014 (edaravone phase 3, tests/data/seeds): −6.35 ± 0.84 (n = 99) and
        // −5.70 ± 0.85 (n = 100), difference 0.65 ± 0.78, p = 0.411. As SEMs the SE of the
        // difference is √(0.84² + 0.85²) = 1.195 (R: sqrt(0.84^2 + 0.85^2)), and the printed
        // 0.78 is 0.65 of it: within [1/3, 3/2], the window of an adjusted comparison; as SDs
        // it is √(0.84²/99 + 0.85²/100) = 0.120 (R: sqrt(0.84^2/99 + 0.85^2/100)), 6.5 times
        // smaller than 0.78: no reading but the adjusted SE (the trial's LS means) fits.
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/seeds/abe2014_edaravone_abstract.txt"
        ))
        .unwrap();
        let found = check(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.line, 7);
        // Ordered so that the printed difference is group 1 − group 2.
        assert_eq!(f.groups[0].mean, "-5.70");
        assert!(
            f.printed.starts_with("difference 0.65 ± 0.78"),
            "{}",
            f.printed
        );
        assert_eq!(
            f.reading.as_ref().unwrap().verdict,
            Verdict::AdjustedSe,
            "{:?}",
            f.reason
        );
    }

    #[test]
    fn without_each_n_or_with_two_ps_it_is_not_checked() {
        let found = check(
            "At 6 weeks, haemoglobin was 12.2 ± 1.0 versus 12.2 ± 0.9 g/dl (95% CI −0.6 to 0.6). Scores were 3.1 ± 0.2 (n = 10) in the drug group and 3.4 ± 0.2 (n = 10) in the placebo group, p = 0.01 and p = 0.02.",
        );
        assert_eq!(found.len(), 2);
        assert!(found[0].not_checked.as_ref().unwrap().contains("n"));
        assert!(
            found[1]
                .not_checked
                .as_ref()
                .unwrap()
                .contains("more than one")
        );
    }

    #[test]
    fn two_values_the_text_leaves_open_are_never_read_as_two_groups() {
        // Before and after? Two groups? Nothing in the sentence says; a paired and an
        // unpaired reading would differ, so neither is run.
        let found = check("Scores were 3.1 ± 0.2 (n = 10) and 3.4 ± 0.2 (n = 10), p = 0.01.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].reading.is_none());
        assert!(
            found[0]
                .not_checked
                .as_ref()
                .unwrap()
                .contains("two groups, two time points")
        );
    }
}
