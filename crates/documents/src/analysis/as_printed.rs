//! Each comparison of two arms the document prints (`[[arm_measures.comparisons]]`: a
//! difference with its ±, CI, t or p), beside the same comparison recomputed from the two
//! arms' printed means, ± and n, with ± read as the study's verdict reads it
//! ([`super::spread_readings`]), and whether the two agree
//! ([`crate::reading::against_arms`]). The page shows these beside its effects.
//!
//! The recomputation compares the arms' values at the comparison's time point as printed
//! (scores, or changes from baseline where the measure reports changes). A document's own
//! difference may be adjusted (ANCOVA, MMRM), taken on completers or on changes where the
//! arms print scores: then the arms give it only approximately, and the words say so.

use super::MeasureReading;
use super::spread_readings::arm_group_or_why;
use crate::level::ConfidenceLevel;
use crate::reading::PrintedTest;
use crate::reading::Reading;
use crate::reading::against_arms::{AgainstArms, Agreement, against_arms};
use crate::reading::comparison::PrintedComparison;
use crate::reported::{Adjusted, SpreadKind};
use crate::study::{ArmMeasure, ArmValues, ReportedComparison, Study};
use serde::Serialize;

/// One comparison of an arm with the control as the document prints it, against the arms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedAgainstArms {
    /// The measure's id and label.
    pub measure: String,
    pub label: String,
    /// The arm compared (group 1) and the control (group 2): the difference is arm − control.
    pub arm: String,
    pub control: String,
    /// The time point compared, as a reader calls it.
    pub timepoint: String,
    /// What the document prints, each number as printed: `difference 0.65 ± 0.78, p = 0.411`.
    pub printed: String,
    /// Whether the document says the comparison is adjusted.
    pub adjusted: Adjusted,
    /// The sentence (or table row) it is printed in, and where.
    pub quote: String,
    pub location: String,
    /// The recomputation from the arms, when both print a mean, ± and n at the time point.
    pub against_arms: Option<AgainstArms>,
    pub agreement: Agreement,
    /// Why, in words: the numbers that decide it, and what the document's analysis may be.
    pub why: String,
}

/// The reading the analysis gives measure `m`'s ±: its verdict's, else the one its file
/// states (an unlabelled ± is read as an SD, as everywhere).
fn reading_of(m: &ArmMeasure, readings: &[MeasureReading]) -> Reading {
    readings.iter().find(|r| r.measure == m.id).map_or(
        match m.dispersion {
            SpreadKind::Sem => Reading::Sem,
            SpreadKind::Sd | SpreadKind::NotReported => Reading::Sd,
        },
        MeasureReading::used,
    )
}

/// What the document prints of comparison `c`, as the readers of spreads take it.
fn printed_of(c: &ReportedComparison) -> PrintedComparison {
    PrintedComparison {
        difference: c.difference.clone(),
        spread: c.spread.clone(),
        test: PrintedTest {
            ci: c.ci.clone(),
            t: c.t.clone(),
            p: c.p.clone(),
            claim: None,
        },
    }
}

/// Every printed comparison of `study`'s per-arm measures, each against its arms; `readings`
/// are the study's decided readings of ±, `level` the interval's level where the document
/// prints no CI.
pub fn printed_against_arms(
    study: &Study,
    readings: &[MeasureReading],
    level: ConfidenceLevel,
) -> Vec<PrintedAgainstArms> {
    let Some(control) = study.control_arm() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in &study.arm_measures {
        let reading = reading_of(m, readings);
        for c in &m.comparisons {
            out.push(one(m, c, &control.id, reading, level));
        }
    }
    out
}

/// One printed comparison `c` of measure `m` against its arms.
fn one(
    m: &ArmMeasure,
    c: &ReportedComparison,
    control: &str,
    reading: Reading,
    level: ConfidenceLevel,
) -> PrintedAgainstArms {
    let printed = printed_of(c);
    let timepoint = m
        .series(&c.arm)
        .and_then(|s| s.timepoint(&c.timepoint))
        .map_or(c.timepoint.clone(), |t| t.name().to_string());
    let groups = arm_group_or_why(m, &c.arm, &c.timepoint)
        .and_then(|a| Ok((a, arm_group_or_why(m, control, &c.timepoint)?)));
    let (against, agreement, why) = match groups {
        Ok((arm, ctrl)) => {
            let a = against_arms(&arm, &ctrl, &printed, reading, level);
            let why = format!("{}{}", a.why, caveat(m, c, a.agreement));
            let agreement = a.agreement;
            (Some(a), agreement, why)
        }
        Err(lacks) => (
            None,
            Agreement::NotRecomputed,
            format!("not recomputed: {lacks}"),
        ),
    };
    PrintedAgainstArms {
        measure: m.id.clone(),
        label: m.label.clone(),
        arm: c.arm.clone(),
        control: control.to_string(),
        timepoint,
        printed: printed.describe(),
        adjusted: c.adjusted,
        quote: c.provenance.quote.clone(),
        location: c.provenance.location.clone(),
        against_arms: against,
        agreement,
        why,
    }
}

/// What the document's analysis may be, where the arms do not give its numbers: adjusted,
/// or a difference of changes where the arms print scores.
fn caveat(m: &ArmMeasure, c: &ReportedComparison, agreement: Agreement) -> String {
    if agreement == Agreement::Reproduced {
        return String::new();
    }
    let later_scores = m.values == ArmValues::Score
        && m.arms.iter().any(|s| s.timepoints.len() > 1)
        && m.arms
            .first()
            .and_then(|s| s.timepoints.first())
            .is_some_and(|t| t.id != c.timepoint);
    let mut why = Vec::new();
    match c.adjusted {
        Adjusted::Yes => why.push(
            "the document says this comparison is adjusted (ANCOVA, MMRM, least-squares means), which the raw arms give only approximately",
        ),
        Adjusted::NotReported => why.push(
            "the document does not say whether it is adjusted; an adjusted analysis (ANCOVA, MMRM) or other n's (completers) give other numbers",
        ),
        Adjusted::No => {}
    }
    if later_scores {
        why.push("it may compare the changes from baseline, where this compares the values at this time point");
    }
    if why.is_empty() {
        String::new()
    } else {
        format!(" ({})", why.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalysisOptions, analyse_study};

    /// A two-arm study whose measure prints `comparison` (TOML lines) at week 12.
    fn study(dispersion: &str, comparison: &str) -> Study {
        study_with_n(dispersion, comparison, "40")
    }

    fn study_with_n(dispersion: &str, comparison: &str, drug_n: &str) -> Study {
        let text = format!(
            r#"schema = 1
id = "made-up"
title = "A made-up two-arm trial"
source_file = "made-up.txt"
document = "none"
publication = {{ title = "not reported", journal = "not reported", date = "not reported", doi = "not reported" }}
design = "parallel"
population = "none"
intervention = "none"

[[arms]]
id = "placebo"
label = "Placebo"
n = 42
control = true
quote = "q"
where = "w"

[[arms]]
id = "drug"
label = "Drug"
n = {drug_n}
quote = "q"
where = "w"

[[arm_measures]]
id = "score"
label = "Score"
unit = "points"
dispersion = "{dispersion}"
correlation = "not reported"
direction = "higher is better"
claim = {{ significant = "not reported", wording = "none" }}
quote = "q"
where = "w"

[[arm_measures.arms]]
arm = "placebo"
[[arm_measures.arms.timepoints]]
id = "week_12"
when = "week 12"
mean = "10.2"
spread = "3.5"

[[arm_measures.arms]]
arm = "drug"
[[arm_measures.arms.timepoints]]
id = "week_12"
when = "week 12"
mean = "12.4"
spread = "3.1"

[[arm_measures.comparisons]]
{comparison}
quote = "the difference was printed so"
where = "line 3"
"#
        );
        crate::study::load_text(&text, "made-up.toml").unwrap()
    }

    fn analysed(dispersion: &str, comparison: &str) -> Vec<PrintedAgainstArms> {
        let a = analyse_study(&study(dispersion, comparison), &AnalysisOptions::default()).unwrap();
        a.printed_comparisons
    }

    // The recomputation is checked against R in `reading::against_arms`: 12.4 ± 3.1 (n = 40)
    // against 10.2 ± 3.5 (n = 42) as SDs, Welch: 2.2, 95% CI 0.748 to 3.65, p = 0.0034.
    #[test]
    fn a_printed_comparison_is_set_beside_the_arms_and_judged() {
        let c = analysed(
            "SD",
            "difference = \"2.20\"\nci_lower = \"0.75\"\nci_upper = \"3.65\"\np = \"0.003\"\nadjusted = false",
        );
        let [c] = c.as_slice() else { panic!("{c:?}") };
        assert_eq!((c.arm.as_str(), c.control.as_str()), ("drug", "placebo"));
        assert_eq!(c.timepoint, "week_12");
        assert_eq!(c.printed, "difference 2.20, 95% CI 0.75 to 3.65, p = 0.003");
        assert_eq!(
            (c.quote.as_str(), c.location.as_str()),
            ("the difference was printed so", "line 3")
        );
        assert_eq!(c.agreement, Agreement::Reproduced, "{}", c.why);
        let a = c.against_arms.as_ref().unwrap();
        assert_eq!(a.reading, Reading::Sd);
        approx::assert_relative_eq!(
            a.recomputed.ci_lower,
            0.748_480_152_889_090_9,
            max_relative = 1e-9
        );
    }

    #[test]
    fn an_unlabelled_difference_off_the_arms_says_what_the_analysis_may_be() {
        let c = analysed(
            "SD",
            "difference = \"2.0\"\nci_lower = \"1.1\"\nci_upper = \"2.9\"",
        );
        assert_eq!(c[0].agreement, Agreement::Compatible, "{}", c[0].why);
        assert!(c[0].why.ends_with("(the document does not say whether it is adjusted; an adjusted analysis (ANCOVA, MMRM) or other n's (completers) give other numbers)"), "{}", c[0].why);
        let c = analysed(
            "SD",
            "difference = \"-2.2\"\nci_lower = \"-3.6\"\nci_upper = \"-0.8\"\nadjusted = true",
        );
        assert_eq!(c[0].agreement, Agreement::Contradicted, "{}", c[0].why);
        assert!(
            c[0].why
                .contains("the document says this comparison is adjusted")
        );
    }

    #[test]
    fn an_arm_without_its_n_is_not_recomputed_and_says_what_it_lacks() {
        let s = study_with_n(
            "SD",
            "difference = \"2.20\"\nci_lower = \"0.75\"\nci_upper = \"3.65\"",
            "\"not reported\"",
        );
        let c = printed_against_arms(&s, &[], ConfidenceLevel::NINETY_FIVE);
        assert_eq!(c[0].agreement, Agreement::NotRecomputed);
        assert_eq!(
            c[0].why,
            "not recomputed: drug's n is not reported (week_12)"
        );
        assert!(c[0].against_arms.is_none());
    }
}
