//! One spread asked about directly, as a reviewer with an abstract open types it
//! (`trialstats check spread`): one or two groups' mean ± spread and n with what the document
//! prints about their comparison, or one group's before and after with the p (CI, t) of its
//! change; optionally the scale, whether the comparison is adjusted, and a stated label.

use super::change::{self, BeforeAfter, PrintedChange};
use super::comparison::{self, Adjusted, Group, Groups, PrintedComparison};
use super::{SpreadReading, candidates, decide, scale};
use crate::checks::Rounding;
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, TestCase};
use crate::reported::{Scale, SpreadKind};

/// The design the spread comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Design {
    /// One group's mean (a mean change) tested against 0, or two groups compared (group 1 −
    /// group 2), with what is printed about the comparison.
    Groups(Groups, PrintedComparison),
    /// One group before and after, with what is printed about the change.
    BeforeAfter(BeforeAfter, PrintedChange),
}

/// Everything known about one spread.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadQuestion {
    pub design: Design,
    pub adjusted: Adjusted,
    /// The label the document states (`NotReported` when it does not).
    pub label: SpreadKind,
    /// The scale the values live on, if bounded or stepped.
    pub scale: Option<Scale>,
    pub rounding: Rounding,
}

/// Decide the reading of the spread of `q`.
///
/// ```
/// use trialstats_documents::checks::Rounding;
/// use trialstats_documents::reading::comparison::{Adjusted, Group, Groups, PrintedComparison};
/// use trialstats_documents::reading::question::{read_spread, Design, SpreadQuestion};
/// use trialstats_documents::reading::{PrintedTest, Verdict};
/// use trialstats_documents::study::{ReportedNumber, SpreadKind};
/// let n = |s: &str| ReportedNumber::parse(s, "x").unwrap();
/// // J Hum Hypertens 2017 (PMID 28447625): diastolic BP "81±8 versus 82±7 mm Hg, P=0.382",
/// // 88 per arm, unlabelled. Worked by hand (scipy): as SDs Welch's p = 0.379, as SEMs
/// // p = 0.925, so only the SD reading gives the printed 0.382
/// // (tests/data/spread_readings/reports.toml).
/// let arms = Groups::Two(Group::new(n("81"), n("8"), 88, "supplement")?, Group::new(n("82"), n("7"), 88, "placebo")?);
/// let printed = PrintedComparison {
///     test: PrintedTest { p: Some(trialstats_numerics::reported::ReportedP::parse("0.382", "p")?), ..Default::default() },
///     ..Default::default()
/// };
/// let q = SpreadQuestion {
///     design: Design::Groups(arms, printed),
///     adjusted: Adjusted::No,
///     label: SpreadKind::NotReported,
///     scale: None,
///     rounding: Rounding::UpOrDown,
/// };
/// assert_eq!(read_spread(&q)?.verdict, Verdict::Sd);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
///
/// ```
/// use trialstats_documents::checks::Rounding;
/// use trialstats_documents::reading::comparison::{Adjusted, Group, Groups, PrintedComparison};
/// use trialstats_documents::reading::question::{read_spread, Design, SpreadQuestion};
/// use trialstats_documents::reading::{PrintedTest, Verdict};
/// use trialstats_documents::study::{ReportedNumber, SpreadKind};
/// use trialstats_numerics::reported::ReportedP;
/// let n = |s: &str| ReportedNumber::parse(s, "x").unwrap();
/// // Abe et al. 2014 (edaravone in ALS): "−6.35 ± 0.84 in the placebo group (n = 99) and
/// // −5.70 ± 0.85 in the edaravone group (n = 100), with a difference of 0.65 ± 0.78
/// // (p = 0.411)". By hand: 0.65/0.78 reproduces p; as SDs the SE of the difference would be
/// // 0.120 (6.5 times too small), as SEMs 1.195: the SEs of adjusted (least-squares) means.
/// let arms = Groups::Two(Group::new(n("-5.70"), n("0.85"), 100, "edaravone")?, Group::new(n("-6.35"), n("0.84"), 99, "placebo")?);
/// let printed = PrintedComparison {
///     difference: Some(n("0.65")),
///     spread: Some(n("0.78")),
///     test: PrintedTest { p: Some(ReportedP::parse("0.411", "p")?), ..Default::default() },
/// };
/// let q = SpreadQuestion {
///     design: Design::Groups(arms, printed),
///     adjusted: Adjusted::Yes,
///     label: SpreadKind::NotReported,
///     scale: None,
///     rounding: Rounding::UpOrDown,
/// };
/// assert_eq!(read_spread(&q)?.verdict, Verdict::AdjustedSe);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn read_spread(q: &SpreadQuestion) -> Result<SpreadReading> {
    let adjusted_possible = matches!(q.design, Design::Groups(..)) && q.adjusted != Adjusted::No;
    let readings = candidates(adjusted_possible);
    let mut evidence = Vec::new();
    match &q.design {
        Design::Groups(groups, printed) => {
            if printed.is_empty() && q.scale.is_none() {
                return Err(Error::usage(
                    "nothing to decide from: give what the document prints about the comparison ({field:p}, {field:ci}, {field:t}, or {field:difference} D,S) or the scale ({field:min}, {field:max}, {field:step})".into(),
                ));
            }
            let gs: Vec<&Group> = match groups {
                Groups::Two(a, b) => vec![a, b],
                Groups::One(a) => vec![a],
            };
            if !printed.is_empty() && gs.iter().all(|g| g.spread.value == 0.0) {
                return Err(Error::field(
                    "group",
                    "every spread is 0, so the SE of the difference is 0 and no test can be recomputed; give the spreads as printed",
                ));
            }
            evidence.extend(comparison::evidence(groups, printed, q.adjusted));
            if let Some(sc) = &q.scale {
                let list: Vec<(&str, &Group)> = match groups {
                    Groups::Two(a, b) => vec![("group 1", a), ("group 2", b)],
                    Groups::One(a) => vec![("the group", a)],
                };
                for (what, g) in list {
                    evidence.extend(scale::evidence(
                        what, &g.mean, &g.spread, g.n, sc, q.rounding, &readings,
                    )?);
                }
            }
        }
        Design::BeforeAfter(group, printed) => {
            if printed.is_empty() && q.scale.is_none() {
                return Err(Error::usage(
                    "nothing to decide from: give what the document prints about the change ({field:p}, {field:ci}, {field:t}, or {field:difference} D,S) or the scale ({field:min}, {field:max}, {field:step})".into(),
                ));
            }
            evidence.extend(change::evidence(group, printed));
            if let Some(sc) = &q.scale {
                for (what, (m, s)) in [("before", &group.before), ("after", &group.after)] {
                    evidence.extend(scale::evidence(
                        what, m, s, group.n, sc, q.rounding, &readings,
                    )?);
                }
            }
        }
    }
    Ok(decide(q.label, &readings, evidence))
}

impl Tabular for SpreadReading {
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "verdict: {}\n{}",
            self.verdict.as_str(),
            self.reason
        ))
    }

    fn table(&self) -> Table {
        let opt = |x: Option<f64>| Cell::from(x);
        Table {
            header: [
                "reading",
                "fit",
                "test",
                "se",
                "statistic",
                "df",
                "p",
                "p_low",
                "p_high",
                "ci_lower",
                "ci_upper",
                "printed_se_ratio",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            rows: self
                .readings
                .iter()
                .map(|s| {
                    let rc = s.recomputed.as_ref();
                    vec![
                        Cell::from(s.reading.as_str()),
                        Cell::from(s.fit.as_str()),
                        Cell::from(rc.map_or(String::new(), |r| r.test.clone())),
                        opt(rc.map(|r| r.se)),
                        opt(rc.map(|r| r.statistic)),
                        opt(rc.and_then(|r| r.df)),
                        opt(rc.map(|r| r.p)),
                        opt(rc.map(|r| r.p_range.0)),
                        opt(rc.map(|r| r.p_range.1)),
                        opt(rc.map(|r| r.ci_lower)),
                        opt(rc.map(|r| r.ci_upper)),
                        opt(rc.and_then(|r| r.se_ratio)),
                    ]
                })
                .collect(),
        }
    }

    fn epilogue(&self) -> Option<String> {
        let lines: Vec<String> =
            self.evidence
                .iter()
                .flat_map(|e| {
                    std::iter::once(format!("evidence: {}", e.source)).chain(e.readings.iter().map(
                        |f| format!("  {} {}: {}", f.reading.as_str(), f.fit.as_str(), f.detail),
                    ))
                })
                .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    fn test_cases(&self) -> Option<Vec<TestCase>> {
        Some(vec![TestCase {
            suite: "spread".into(),
            name: "what ± means".into(),
            failure: self.is_contradicted().then(|| "contradicted".to_string()),
            skipped: false,
            detail: format!("{}: {}", self.verdict.as_str(), self.reason),
        }])
    }
}
