//! What a printed `±` means, decided from the numbers the document itself prints.
//!
//! Abstracts and press releases print "mean ± x" and rarely say whether x is the standard
//! deviation of the patients' values (SD), the standard error of the mean (SEM = SD/√n), or
//! the standard error of a model-adjusted, least-squares mean (an ANCOVA's or an MMRM's). The
//! readings differ by a factor √n, so reading one as another misstates every effect size and
//! every interval built on it (Altman & Bland 2005, BMJ 331:903; Cochrane Handbook §6.5.2.2).
//! Most documents answer the question themselves: the p, CI, t or ± they print for the
//! difference between arms, or for a group's change, can be recomputed under each reading,
//! and only one reading usually gives the printed value. This module does that, and keeps
//! every step as a finding with its numbers.
//!
//! ## Readings, evidence, verdict
//!
//! A **reading** ([`Reading`]) is one meaning of the `±`. Each piece of **evidence**
//! ([`Evidence`]) says of each reading whether it [`Fit::Reproduces`] a printed number within
//! the rounding of its digits, is [`Fit::Compatible`] with it (a bound such as p < 0.001, an
//! adjusted comparison, a before/after test whose r is unknown), is merely [`Fit::Allowed`]
//! (a scale bound that it does not break), or is [`Fit::Excluded`]. [`decide`] combines them
//! into a [`Verdict`]: the one reading that is not excluded and fits best; `undecided` when
//! more than one fits equally (or nothing is known); `contradicted` when no reading fits, or
//! when a label the document states is excluded. Where the document states the label, the
//! same evidence cross-checks it.
//!
//! ## The factor for adjusted comparisons
//!
//! A difference estimated by ANCOVA or an MMRM cannot be recomputed from the raw arms: the
//! adjustment changes its SE. How much it can change it is known. Adjusting for a covariate
//! (usually the baseline) whose correlation with the outcome is ρ multiplies the variance of
//! the treatment effect by about 1 − ρ² (Frison & Pocock 1992, Stat Med 11:1685; Borm,
//! Fransen & Lemmens 2007, J Clin Epidemiol 60:1234), so the SE shrinks by √(1 − ρ²).
//! Baseline–outcome correlations of clinical scores measured weeks or months apart are
//! mostly between 0.3 and 0.8, and rarely above 0.9; ρ = 0.943 gives a factor 1/3, which this
//! module takes as the lowest. Adjustment
//! enlarges the SE only through the small-sample variance inflation of its covariates, of
//! order k/n for k covariates in n patients (Cochran 1957, Biometrics 13:261; Senn 1989,
//! Stat Med 8:467), and, in an MMRM, through the patients lost before the last visit; a
//! factor 3/2 covers both for the trials this tool sees (n ≥ 10 per arm, up to half the
//! patients missing at the end). So a reading is **compatible** with an adjusted comparison when the
//! printed SE of the difference lies within [1/3, 3/2] of the SE the reading gives
//! ([`ADJUSTED_SE_RATIO`]), and **excluded** outside. The SD and SEM readings differ by √n,
//! so for n above about 20 per arm the window never holds both.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`Reading`], [`Fit`], [`Evidence`], [`Verdict`], [`SpreadReading`] and [`decide`], [`adopt_document_reading`] |
//! | [`comparison`] | evidence from a printed difference between two arms (or a group's mean change against 0): its p, CI, t or ± recomputed under each reading (Welch t, Student t, z) |
//! | [`against_arms`] | a printed comparison of two arms beside the same comparison recomputed from the arms' summaries under one reading (R's `t.test` on them), and whether the two agree |
//! | [`change`] | evidence from a printed test of one group measured twice, when the pre/post r is unknown: which reading lets some r in [−1, 1] give it |
//! | [`question`] | one spread asked about directly (`check spread`): [`question::SpreadQuestion`] → [`SpreadReading`] |
//! | [`scale`] | evidence from the scale: the largest SD a bounded scale allows, and GRIMMER |
//!
//! This module sits on the checks (`checks::bounds`, `checks::grimmer`), the distributions
//! and the vocabulary of `reported`; the analysis layer gathers each study's evidence and
//! uses the verdict everywhere.

pub mod against_arms;
pub mod change;
pub mod comparison;
pub mod question;
pub mod scale;

use crate::output::human_number as h;
use crate::reported::SpreadKind;
use serde::Serialize;

/// The window, as a ratio of the printed SE of an adjusted difference to the SE a reading
/// gives from the raw arms, inside which the reading is compatible (see the module
/// documentation for the literature behind 1/3 and 3/2).
pub const ADJUSTED_SE_RATIO: (f64, f64) = (1.0 / 3.0, 1.5);

/// One meaning of a printed `±`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Reading {
    /// The sample standard deviation of the patients' values.
    #[serde(rename = "SD")]
    Sd,
    /// The standard error of a raw mean, SD/√n.
    #[serde(rename = "SEM")]
    Sem,
    /// The standard error of an adjusted (least-squares) mean from ANCOVA or an MMRM; the SD
    /// it stands for is only approximately SE·√n.
    #[serde(rename = "SE of adjusted mean")]
    AdjustedSe,
}

impl Reading {
    /// `SD`, `SEM`, `SE of adjusted mean`: the JSON and table spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Sd => "SD",
            Reading::Sem => "SEM",
            Reading::AdjustedSe => "SE of adjusted mean",
        }
    }

    /// For sentences: "an SD", "an SEM", "the SE of an adjusted mean".
    pub fn with_article(self) -> &'static str {
        match self {
            Reading::Sd => "an SD",
            Reading::Sem => "an SEM",
            Reading::AdjustedSe => "the SE of an adjusted (least-squares) mean",
        }
    }

    /// The spread kind the analysis uses under this reading: an SD as it is; an SEM, and
    /// (approximately) the SE of an adjusted mean, times √n.
    pub fn spread_kind(self) -> SpreadKind {
        match self {
            Reading::Sd => SpreadKind::Sd,
            Reading::Sem | Reading::AdjustedSe => SpreadKind::Sem,
        }
    }

    /// The SD a spread of this reading stands for in `n` patients.
    pub fn to_sd(self, spread: f64, n: f64) -> f64 {
        self.spread_kind().to_sd(spread, n)
    }
}

impl std::fmt::Display for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one piece of evidence says of one reading, from best to worst support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// The reading is ruled out: the printed numbers cannot come from it.
    Excluded,
    /// The reading breaks nothing here, but this evidence does not point to it either (a
    /// scale bound it respects).
    Allowed,
    /// The reading agrees with the printed numbers within an allowed margin: a bound, an
    /// adjusted comparison within [`ADJUSTED_SE_RATIO`], a test whose r is unknown.
    Compatible,
    /// The reading gives the printed value itself, within the rounding of its digits.
    Reproduces,
}

impl Fit {
    /// As printed: `reproduces`, `compatible`, `allowed`, `excluded`.
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Reproduces => "reproduces",
            Fit::Compatible => "compatible",
            Fit::Allowed => "allowed",
            Fit::Excluded => "excluded",
        }
    }
}

/// The numbers a reading gives for a printed comparison, recomputed at the printed values;
/// the ranges run over the rounding of every printed input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recomputed {
    /// `Welch t`, `Student t`, `z`, `one-sample t`, `paired t`.
    pub test: String,
    /// The difference (or change) tested.
    pub estimate: f64,
    /// Its standard error under the reading.
    pub se: f64,
    /// The test statistic.
    pub statistic: f64,
    /// Degrees of freedom (`None` for z).
    pub df: Option<f64>,
    /// Two-sided p.
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// The level of the interval (the printed one's, else 0.95).
    pub level: f64,
    /// The smallest and largest p over the rounding of the printed inputs.
    pub p_range: (f64, f64),
    /// The printed SE of the difference over this reading's SE, when the document prints
    /// one (or a CI or exact p it follows from).
    pub se_ratio: Option<f64>,
}

/// What one piece of evidence says of one reading, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingFit {
    pub reading: Reading,
    pub fit: Fit,
    /// Why, in words with the recomputed numbers.
    pub detail: String,
    /// The same in a few words, for the one-sentence reason (`SE 0.120, p = 1.68e-7`).
    pub short: String,
    /// The recomputed comparison, for evidence that recomputes one.
    pub recomputed: Option<Recomputed>,
}

/// One piece of evidence about a spread: what was checked, and what it says of each reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// What the evidence is, in words: `the reported difference 0.65 ± 0.78 (p = 0.411)`.
    pub source: String,
    pub readings: Vec<ReadingFit>,
    /// It rests on the p (or a claim of significance) of one group's change alone, recomputed
    /// as a paired t test's: a signed-rank test's p, which the text may have used without
    /// naming it, says nothing of a ± (with a few patients or values at a scale's ceiling it
    /// lies far from the t test's), so [`decide`] calls no reading contradicted on such
    /// evidence alone.
    pub p_only: bool,
}

impl Evidence {
    /// What this evidence says of `reading`, if anything.
    pub fn fit_of(&self, reading: Reading) -> Option<&ReadingFit> {
        self.readings.iter().find(|r| r.reading == reading)
    }
}

/// The decision about one spread (or the spreads of one measure, which share a label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Verdict {
    #[serde(rename = "SD")]
    Sd,
    #[serde(rename = "SEM")]
    Sem,
    #[serde(rename = "SE of adjusted mean")]
    AdjustedSe,
    /// More than one reading fits, or there is no evidence.
    #[serde(rename = "undecided")]
    Undecided,
    /// A stated label the evidence rejects, or no reading that fits.
    #[serde(rename = "contradicted")]
    Contradicted,
}

impl Verdict {
    /// The JSON and table spelling: `SD`, `SEM`, `SE of adjusted mean`, `undecided`,
    /// `contradicted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Sd => "SD",
            Verdict::Sem => "SEM",
            Verdict::AdjustedSe => "SE of adjusted mean",
            Verdict::Undecided => "undecided",
            Verdict::Contradicted => "contradicted",
        }
    }

    fn of(reading: Reading) -> Verdict {
        match reading {
            Reading::Sd => Verdict::Sd,
            Reading::Sem => Verdict::Sem,
            Reading::AdjustedSe => Verdict::AdjustedSe,
        }
    }

    /// The reading decided, if one was.
    pub fn reading(self) -> Option<Reading> {
        match self {
            Verdict::Sd => Some(Reading::Sd),
            Verdict::Sem => Some(Reading::Sem),
            Verdict::AdjustedSe => Some(Reading::AdjustedSe),
            Verdict::Undecided | Verdict::Contradicted => None,
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reading's overall standing: the worst any evidence says of it if excluded, else the
/// best support it has; with the recomputed comparison where there is one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingSummary {
    pub reading: Reading,
    pub fit: Fit,
    /// Each piece of evidence's word on it, in order.
    pub details: Vec<String>,
    /// The same in a few words each.
    #[serde(skip)]
    pub short: Vec<String>,
    pub recomputed: Option<Recomputed>,
}

/// The decided meaning of a spread, with the evidence and the reason in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpreadReading {
    /// What the document states (`not reported` when it does not say).
    pub stated: SpreadKind,
    pub verdict: Verdict,
    /// One sentence: the verdict and why, with the recomputed numbers.
    pub reason: String,
    /// Each candidate reading, with its standing.
    pub readings: Vec<ReadingSummary>,
    pub evidence: Vec<Evidence>,
}

impl SpreadReading {
    /// The spread kind the analysis uses: the decided reading's; a contradicted stated label
    /// stays as stated (the finding says it is contradicted); undecided is read as an SD, as
    /// before, with the SEM alternative stated by the analysis.
    pub fn kind(&self) -> SpreadKind {
        match self.verdict.reading() {
            Some(r) => r.spread_kind(),
            None => self.stated,
        }
    }

    /// Whether the verdict is an inconsistency (`check` exits 1).
    pub fn is_contradicted(&self) -> bool {
        self.verdict == Verdict::Contradicted
    }

    /// Whether a reading other than the stated label gives the printed numbers themselves
    /// (a label the evidence rejects while another kind of spread reproduces the printed
    /// comparison): the document's own numbers then say what ± is, and a label misprinted is
    /// the likelier story than a row of only a few of the arm's patients
    /// ([`comparison::fewer_patients_fitting`]).
    pub fn another_reading_reproduces(&self) -> bool {
        self.readings
            .iter()
            .any(|r| r.fit == Fit::Reproduces && r.reading.spread_kind() != self.stated)
    }

    /// The standing of `reading`, if it was a candidate.
    pub fn summary_of(&self, reading: Reading) -> Option<&ReadingSummary> {
        self.readings.iter().find(|r| r.reading == reading)
    }
}

/// Each reading with the first detail of its standing, in words: `as an SD: …; as an SEM: …`.
fn each_reading(readings: &[ReadingSummary]) -> String {
    readings
        .iter()
        .map(|s| format!("as {}: {}", s.reading.with_article(), first_detail(s)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Does every evidence that excludes a reading rest on a printed p alone ([`Evidence::p_only`])?
fn excluded_by_p_alone(evidence: &[Evidence]) -> bool {
    evidence
        .iter()
        .filter(|e| e.readings.iter().any(|r| r.fit == Fit::Excluded))
        .all(|e| e.p_only)
}

/// The candidate readings for a spread: SD and SEM always; the SE of an adjusted mean when
/// some comparison of it is (or may be) adjusted.
///
/// ```
/// use trialstats_documents::reading::{candidates, Reading};
/// assert_eq!(candidates(false), [Reading::Sd, Reading::Sem]);
/// assert_eq!(candidates(true), [Reading::Sd, Reading::Sem, Reading::AdjustedSe]);
/// // An SEM of 0.5 in 16 patients stands for an SD of 0.5 · √16 = 2.
/// assert_eq!(Reading::Sem.to_sd(0.5, 16.0), 2.0);
/// ```
pub fn candidates(adjusted_possible: bool) -> Vec<Reading> {
    let mut out = vec![Reading::Sd, Reading::Sem];
    if adjusted_possible {
        out.push(Reading::AdjustedSe);
    }
    out
}

/// Combine `evidence` about a spread stated as `stated` into a verdict over `candidates`.
///
/// A reading is excluded when any evidence excludes it; otherwise it stands at the best fit
/// any evidence gives it (`allowed` when no evidence speaks of it). A stated label stands
/// unless excluded (a stated SEM also stands when the SE of an adjusted mean fits: papers
/// call both "SE"). An unstated one is decided when exactly one reading survives, or one
/// survivor fits strictly better than every other; else it is undecided.
pub fn decide(
    stated: SpreadKind,
    candidates: &[Reading],
    evidence: Vec<Evidence>,
) -> SpreadReading {
    let readings: Vec<ReadingSummary> = candidates
        .iter()
        .map(|&reading| summarise_reading(reading, &evidence))
        .collect();
    let survivors: Vec<&ReadingSummary> =
        readings.iter().filter(|s| s.fit != Fit::Excluded).collect();
    let best = survivors.iter().map(|s| s.fit).max();
    let at_best: Vec<&&ReadingSummary> = survivors.iter().filter(|s| Some(s.fit) == best).collect();
    let (verdict, reason) = match stated {
        SpreadKind::Sd | SpreadKind::Sem => labelled_verdict(stated, &readings, &at_best),
        SpreadKind::NotReported => {
            if evidence.is_empty() {
                (
                    Verdict::Undecided,
                    "± not specified, and nothing else the document prints tells SD from SEM: read as SD, the smaller of the two".to_string(),
                )
            } else if survivors.is_empty() && excluded_by_p_alone(&evidence) {
                (
                    Verdict::Undecided,
                    format!(
                        "no reading of ± fits the printed p as a t test's ({}); the text does not name its test, and a rank test's p (Wilcoxon, Mann–Whitney) tells nothing of ±: read as SD, not called inconsistent",
                        each_reading(&readings)
                    ),
                )
            } else if survivors.is_empty() {
                (
                    Verdict::Contradicted,
                    format!(
                        "no reading of ± fits the printed numbers: {}",
                        each_reading(&readings)
                    ),
                )
            } else if at_best.len() == 1 && (survivors.len() == 1 || best > Some(Fit::Allowed)) {
                let chosen = at_best[0];
                let only = if survivors.len() == 1 {
                    "only that reading fits"
                } else {
                    "that reading fits best"
                };
                let others: Vec<String> = readings
                    .iter()
                    .filter(|s| s.reading != chosen.reading)
                    .map(|s| format!("as {}: {}", s.reading.as_str(), first_detail(s)))
                    .collect();
                (
                    Verdict::of(chosen.reading),
                    format!(
                        "± is {}: {only} ({}){}",
                        chosen.reading.with_article(),
                        first_detail(chosen),
                        if others.is_empty() {
                            String::new()
                        } else {
                            format!("; {}", others.join("; "))
                        }
                    ),
                )
            } else {
                let names: Vec<&str> = at_best.iter().map(|s| s.reading.as_str()).collect();
                (
                    Verdict::Undecided,
                    format!(
                        "± not specified, and the printed numbers fit {} alike: read as SD, the smaller (were it the SEM, every SD would be √n times larger){}",
                        names.join(" and "),
                        excluded_note(&readings)
                    ),
                )
            }
        }
    };
    SpreadReading {
        stated,
        verdict,
        reason,
        readings,
        evidence,
    }
}

/// How `reading` stands on all the `evidence`: excluded when any evidence excludes it, else
/// at the best fit any gives it (`allowed` when none speaks of it), with the details.
fn summarise_reading(reading: Reading, evidence: &[Evidence]) -> ReadingSummary {
    let fits: Vec<&ReadingFit> = evidence.iter().filter_map(|e| e.fit_of(reading)).collect();
    let fit = if fits.iter().any(|f| f.fit == Fit::Excluded) {
        Fit::Excluded
    } else {
        fits.iter().map(|f| f.fit).max().unwrap_or(Fit::Allowed)
    };
    ReadingSummary {
        reading,
        fit,
        details: fits.iter().map(|f| f.detail.clone()).collect(),
        // The evidence that decides the reading's standing first: what excludes it, or
        // its best support.
        short: {
            let mut pairs: Vec<(Fit, String)> =
                fits.iter().map(|f| (f.fit, f.short.clone())).collect();
            if fit == Fit::Excluded {
                pairs.sort_by_key(|(f, _)| *f != Fit::Excluded);
            } else {
                pairs.sort_by_key(|(f, _)| std::cmp::Reverse(*f));
            }
            pairs.into_iter().map(|(_, s)| s).collect()
        },
        recomputed: fits.iter().find_map(|f| f.recomputed.clone()),
    }
}

/// The verdict on a spread labelled SD or SEM (`stated`): the label stands unless the
/// numbers exclude it (a stated SEM also stands when the SE of an adjusted mean fits).
fn labelled_verdict(
    stated: SpreadKind,
    readings: &[ReadingSummary],
    at_best: &[&&ReadingSummary],
) -> (Verdict, String) {
    let fit_of = |r: Reading| readings.iter().find(|s| s.reading == r).map(|s| s.fit);
    let label = if stated == SpreadKind::Sd {
        Reading::Sd
    } else {
        Reading::Sem
    };
    let excluded = match label {
        Reading::Sd => fit_of(Reading::Sd) == Some(Fit::Excluded),
        _ => [Reading::Sem, Reading::AdjustedSe]
            .iter()
            .all(|r| fit_of(*r).is_none_or(|f| f == Fit::Excluded)),
    };
    if excluded {
        (
            Verdict::Contradicted,
            format!(
                "± is labelled {} but the numbers rule that out: {}{}",
                label.as_str(),
                against(readings, label),
                match at_best.first() {
                    Some(s) => format!("; as {}: {}", s.reading.with_article(), first_detail(s)),
                    None => String::new(),
                }
            ),
        )
    } else {
        let support = readings
            .iter()
            .find(|s| s.reading == label)
            .filter(|s| !s.details.is_empty())
            .map(|s| format!(": {}", s.short.join("; ")))
            .unwrap_or_else(|| ": nothing printed contradicts it".to_string());
        (
            Verdict::of(label),
            format!("± is {} (as labelled){support}", label.with_article()),
        )
    }
}

/// The first detail of a reading's standing, preferring what decides it.
fn first_detail(s: &ReadingSummary) -> String {
    s.short
        .first()
        .cloned()
        .unwrap_or_else(|| "no evidence either way".to_string())
}

/// Why `label` is excluded, in words, each thing said once: an SEM and the SE of an
/// adjusted mean recompute the same SE of the difference, and the adjusted one's words only
/// add the range an adjusted comparison allows (user trial 4, finding 15).
fn against(readings: &[ReadingSummary], label: Reading) -> String {
    let parts: Vec<String> = readings
        .iter()
        .filter(|s| {
            s.reading == label || (label == Reading::Sem && s.reading == Reading::AdjustedSe)
        })
        .flat_map(|s| s.short.iter().cloned())
        .collect();
    said_once(&parts).join("; ")
}

/// `parts` in order without those another part already says: a repeat, or the beginning of a
/// longer part.
fn said_once(parts: &[String]) -> Vec<&str> {
    parts
        .iter()
        .enumerate()
        .filter(|&(i, p)| {
            !parts
                .iter()
                .enumerate()
                .any(|(j, q)| j != i && q.starts_with(p.as_str()) && (q.len() > p.len() || j < i))
        })
        .map(|(_, p)| p.as_str())
        .collect()
}

/// "; SEM excluded: ..." for the readings that were excluded, when any were.
fn excluded_note(readings: &[ReadingSummary]) -> String {
    let ex: Vec<String> = readings
        .iter()
        .filter(|s| s.fit == Fit::Excluded)
        .map(|s| format!("{} excluded: {}", s.reading.as_str(), first_detail(s)))
        .collect();
    if ex.is_empty() {
        String::new()
    } else {
        format!("; {}", ex.join("; "))
    }
}

/// One document prints its `±` one way: a measure whose own numbers leave it undecided takes
/// the reading that the document's other unlabelled measures were decided to have, when they
/// all agree and the measure's own evidence does not exclude it. `others` are the decided
/// measures' (id, reading). The reason says that the reading comes from the rest of the
/// document. A measure that is decided on its own, or has no agreeing neighbours, is left as
/// it is.
pub fn adopt_document_reading(own: SpreadReading, others: &[(String, Reading)]) -> SpreadReading {
    if own.verdict != Verdict::Undecided || own.stated != SpreadKind::NotReported {
        return own;
    }
    let Some((_, first)) = others.first() else {
        return own;
    };
    if others.iter().any(|(_, r)| r != first) {
        return own;
    }
    let reading = *first;
    if own
        .summary_of(reading)
        .is_none_or(|s| s.fit == Fit::Excluded)
    {
        return own;
    }
    let ids: Vec<&str> = others.iter().map(|(id, _)| id.as_str()).collect();
    let reason = format!(
        "± is {} as elsewhere in this document ({} decided so from their own numbers; one document prints ± one way): its own numbers fit {} alike",
        reading.with_article(),
        ids.join(", "),
        own.readings
            .iter()
            .filter(|s| s.fit != Fit::Excluded)
            .map(|s| s.reading.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    );
    SpreadReading {
        verdict: Verdict::of(reading),
        reason,
        ..own
    }
}

/// What a document prints about a test, whatever is tested (a difference between arms, or a
/// group's change): a confidence interval, the test statistic, the p-value, or only a claim of
/// (non-)significance at α. Each number as printed.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PrintedTest {
    /// Lower, upper, level.
    pub ci: Option<(
        crate::reported::ReportedNumber,
        crate::reported::ReportedNumber,
        crate::level::ConfidenceLevel,
    )>,
    /// The test statistic (its sign is ignored).
    pub t: Option<crate::reported::ReportedNumber>,
    pub p: Option<crate::reported::ReportedP>,
    /// A claim of significance at α (`Some((true, 0.05))`: significant), when the document
    /// makes one.
    pub claim: Option<(bool, f64)>,
}

impl PrintedTest {
    /// Whether only a p (or a claim of significance) is printed: no CI and no statistic.
    pub fn p_only(&self) -> bool {
        self.ci.is_none() && self.t.is_none() && (self.p.is_some() || self.claim.is_some())
    }

    /// Whether nothing is printed.
    pub fn is_empty(&self) -> bool {
        self.ci.is_none() && self.t.is_none() && self.p.is_none() && self.claim.is_none()
    }

    /// In words, in one order: `95% CI 0.1 to 2.3`, `t = 2.1`, `p = 0.04`, `claim of
    /// significance (α = 0.05)`.
    pub fn words(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some((lo, hi, level)) = &self.ci {
            parts.push(format!(
                "{}% CI {} to {}",
                h(level.percent()),
                lo.text,
                hi.text
            ));
        }
        if let Some(t) = &self.t {
            parts.push(format!("t = {}", t.text));
        }
        if let Some(p) = &self.p {
            parts.push(p.describe());
        }
        if let Some((significant, alpha)) = self.claim {
            parts.push(format!(
                "claim of {}significance (α = {})",
                if significant { "" } else { "no " },
                h(alpha)
            ));
        }
        parts
    }
}

/// A number for sentences: up to 8 significant digits, very small p in scientific form.
pub(crate) fn p_text(p: f64) -> String {
    if p > 0.0 && p < 1e-4 {
        format!("{p:.2e}")
    } else {
        h(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(reading: Reading, fit: Fit, detail: &str) -> ReadingFit {
        ReadingFit {
            reading,
            fit,
            detail: detail.into(),
            short: detail.into(),
            recomputed: None,
        }
    }

    fn ev(fits: Vec<ReadingFit>) -> Evidence {
        Evidence {
            source: "test".into(),
            readings: fits,
            p_only: false,
        }
    }

    #[test]
    fn one_survivor_is_the_verdict() {
        let e = ev(vec![
            fit(Reading::Sd, Fit::Allowed, "inside"),
            fit(Reading::Sem, Fit::Excluded, "breaks the bound"),
        ]);
        let r = decide(SpreadKind::NotReported, &candidates(false), vec![e]);
        assert_eq!(r.verdict, Verdict::Sd);
        assert_eq!(r.kind(), SpreadKind::Sd);
        assert!(r.reason.contains("only that reading fits"), "{}", r.reason);
    }

    #[test]
    fn a_labelled_sem_ruled_out_says_each_reason_once() {
        // User trial 4, finding 15: the SEM's and the adjusted SE's words began alike and
        // were both printed.
        let sem = "SE of the difference 4.97, p = 0.544; the printed SE is 0.136 times it";
        let adjusted = format!("{sem}, outside the 1/3–3/2 an adjusted comparison allows");
        let e = ev(vec![
            fit(Reading::Sd, Fit::Compatible, "SE of the difference 0.673"),
            fit(Reading::Sem, Fit::Excluded, sem),
            fit(Reading::AdjustedSe, Fit::Excluded, &adjusted),
        ]);
        let r = decide(SpreadKind::Sem, &candidates(true), vec![e]);
        assert_eq!(r.verdict, Verdict::Contradicted);
        assert_eq!(r.reason.matches(sem).count(), 1, "{}", r.reason);
        assert!(r.reason.contains(&adjusted), "{}", r.reason);
        assert_eq!(
            said_once(&["a".into(), "b".into(), "a".into(), "ab".into()]),
            ["b", "ab"]
        );
    }

    #[test]
    fn exact_reproduction_beats_compatibility() {
        let e = ev(vec![
            fit(Reading::Sd, Fit::Excluded, "p < 1e-6"),
            fit(Reading::Sem, Fit::Reproduces, "p = 0.41"),
            fit(Reading::AdjustedSe, Fit::Compatible, "ratio 0.9"),
        ]);
        let r = decide(SpreadKind::NotReported, &candidates(true), vec![e]);
        assert_eq!(r.verdict, Verdict::Sem);
    }

    #[test]
    fn ties_and_silence_are_undecided_and_nothing_fitting_is_contradicted() {
        let both = ev(vec![
            fit(Reading::Sd, Fit::Allowed, "a"),
            fit(Reading::Sem, Fit::Allowed, "b"),
        ]);
        let r = decide(SpreadKind::NotReported, &candidates(false), vec![both]);
        assert_eq!(r.verdict, Verdict::Undecided);
        assert_eq!(r.kind(), SpreadKind::NotReported);
        let r = decide(SpreadKind::NotReported, &candidates(false), vec![]);
        assert_eq!(r.verdict, Verdict::Undecided);
        let none = ev(vec![
            fit(Reading::Sd, Fit::Excluded, "a"),
            fit(Reading::Sem, Fit::Excluded, "b"),
        ]);
        let r = decide(
            SpreadKind::NotReported,
            &candidates(false),
            vec![none.clone()],
        );
        assert_eq!(r.verdict, Verdict::Contradicted);
        // Excluded only by the p of one group's change, read as a paired t test's: the text
        // names no test, and a signed-rank test's p would say nothing of ±.
        let p_alone = Evidence {
            p_only: true,
            ..none.clone()
        };
        let r = decide(
            SpreadKind::NotReported,
            &candidates(false),
            vec![p_alone.clone()],
        );
        assert_eq!(r.verdict, Verdict::Undecided);
        assert!(r.reason.contains("rank test"), "{}", r.reason);
        // Other evidence excluding them too still contradicts.
        let r = decide(
            SpreadKind::NotReported,
            &candidates(false),
            vec![p_alone, none],
        );
        assert_eq!(r.verdict, Verdict::Contradicted);
    }

    #[test]
    fn a_stated_label_stands_unless_excluded() {
        let e = ev(vec![
            fit(Reading::Sd, Fit::Allowed, "a"),
            fit(Reading::Sem, Fit::Reproduces, "b"),
        ]);
        let r = decide(SpreadKind::Sd, &candidates(false), vec![e.clone()]);
        assert_eq!(r.verdict, Verdict::Sd);
        let e = ev(vec![
            fit(Reading::Sd, Fit::Excluded, "p would be 1e-7"),
            fit(Reading::Sem, Fit::Reproduces, "b"),
        ]);
        let r = decide(SpreadKind::Sd, &candidates(false), vec![e]);
        assert_eq!(r.verdict, Verdict::Contradicted);
        assert!(r.reason.contains("p would be 1e-7"), "{}", r.reason);
        // A stated SEM stands when the SE of an adjusted mean fits.
        let e = ev(vec![
            fit(Reading::Sd, Fit::Excluded, "a"),
            fit(Reading::Sem, Fit::Excluded, "b"),
            fit(Reading::AdjustedSe, Fit::Compatible, "c"),
        ]);
        let r = decide(SpreadKind::Sem, &candidates(true), vec![e]);
        assert_eq!(r.verdict, Verdict::Sem);
    }

    #[test]
    fn an_undecided_measure_takes_the_documents_agreed_reading() {
        let both = ev(vec![
            fit(Reading::Sd, Fit::Allowed, "a"),
            fit(Reading::Sem, Fit::Allowed, "b"),
        ]);
        let own = decide(SpreadKind::NotReported, &candidates(false), vec![both]);
        let r = adopt_document_reading(own.clone(), &[("pain".into(), Reading::Sd)]);
        assert_eq!(r.verdict, Verdict::Sd);
        assert!(r.reason.contains("pain"), "{}", r.reason);
        let r = adopt_document_reading(
            own,
            &[("pain".into(), Reading::Sd), ("x".into(), Reading::Sem)],
        );
        assert_eq!(r.verdict, Verdict::Undecided);
    }
}
