//! Do the reported numbers add up? Checks that a reported summary can be true before anyone
//! computes an effect size from it, and reconstructions of the data that could lie behind it.
//!
//! One file per method:
//!
//! | file | method |
//! |---|---|
//! | [`exact`] | rounding rules, rounding intervals of numbers as written, scale grids, exact integer arithmetic |
//! | [`grim`] | GRIM: is a mean possible for `n` values on the scale's grid (Brown & Heathers 2017) |
//! | [`grimmer`] | GRIMMER: is the SD possible for that mean, `n` and grid (Anaya 2016; Allard 2018) |
//! | [`debit`] | DEBIT: mean and SD of a binary outcome (Heathers & Brown 2019) |
//! | [`percent`] | percent vs count: which denominators can give a reported percentage |
//! | [`bounds`] | mean inside the scale; SD at most the largest possible; SD that looks like an SEM |
//! | [`sprite`] | SPRITE: samples consistent with mean, SD, `n`, bounds and grid (Heathers et al. 2018) |
//! | [`baseline`] | Carlisle's check of a baseline table: ANOVA and simulated p per variable, Stouffer per trial |
//! | [`input`] | what the single checks accept from a user, each input validated once |
//! | [`summary`] | every check on every reported summary: [`ReportedSummary`] → [`CheckReport`] |
//!
//! The checks that read text (a reported test statistic against its p, as statcheck; a folder
//! of documents) build on these in `trialstats-documents`' `checks`.
//!
//! This file owns the shared result vocabulary: [`Finding`], [`CheckName`], [`Status`]. The
//! numbers come as [`crate::reported::ReportedNumber`] with a [`crate::reported::Scale`] and
//! a [`crate::reported::SpreadKind`]; which numbers of a study are checked is decided in
//! `analysis`.

pub mod baseline;
pub mod bounds;
pub mod debit;
/// The exact arithmetic of numbers as written lives with them, in `reported`.
pub use crate::reported::exact;
pub mod grim;
pub mod grimmer;
pub mod input;
pub mod percent;
pub mod sprite;
pub mod summary;

pub use exact::{Grid, Rounding};
pub use summary::{
    CheckReport, ReportedPercent, ReportedSummary, SummaryChecks, check_all, check_percent,
    check_summary, check_summary_with_sprite,
};

use crate::error::{Error, Result};
use crate::output::{Cell, Table};
use crate::reported::SpreadKind;
use serde::Serialize;

/// A check of one spread needs one reading of it, an SD or an SEM; a spread whose kind the
/// document does not state is checked under each of [`SpreadKind::readings`] by the caller.
pub(crate) fn definite(kind: SpreadKind) -> Result<SpreadKind> {
    match kind {
        SpreadKind::NotReported => Err(Error::usage(
            "this check needs the spread read as an SD or as an SEM; check each reading".into(),
        )),
        k => Ok(k),
    }
}

/// Which check produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckName {
    /// GRIM: granularity of the mean.
    Grim,
    /// GRIMMER: granularity of the SD given the mean.
    Grimmer,
    /// DEBIT: mean and SD of a binary outcome.
    Debit,
    /// A percentage against its denominator (and count).
    PercentCount,
    /// Mean inside the scale; SD not above the largest possible.
    Bounds,
    /// A spread labelled SD that looks like an SEM, or the reverse.
    SdOrSem,
    /// A claimed significance (p value, confidence interval) against the summary numbers;
    /// computed by the `prepost` module.
    Significance,
    /// SPRITE: whether any sample reproduces mean, SD, n, bounds and grid.
    Sprite,
    /// The pre/post correlation implied by a reported SD, SE, CI, t or p of a change: it must
    /// lie in [−1, 1] (computed by the analysis layer with `prepost::implied_r`).
    ImpliedCorrelation,
    /// A printed test result (`t(6) = 3.2, p = 0.02`): does its p match its statistic
    /// (computed by `reported_test`)?
    ReportedTest,
    /// What a measure's `±` means, decided from the document's own numbers (computed by
    /// `crate::reading`): contradicted when no reading fits or a stated label is ruled out.
    SpreadReading,
}

impl CheckName {
    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckName::Grim => "grim",
            CheckName::Grimmer => "grimmer",
            CheckName::Debit => "debit",
            CheckName::PercentCount => "percent_count",
            CheckName::Bounds => "bounds",
            CheckName::SdOrSem => "sd_or_sem",
            CheckName::Significance => "significance",
            CheckName::Sprite => "sprite",
            CheckName::ImpliedCorrelation => "implied_r",
            CheckName::ReportedTest => "reported_test",
            CheckName::SpreadReading => "spread_reading",
        }
    }
}

/// The verdict of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The numbers can be true together.
    Consistent,
    /// The numbers cannot all be true as reported (exit code 1).
    Inconsistent,
    /// The check cannot say anything here (missing input, or too coarse to test).
    NotApplicable,
    /// Possible, but suspicious (e.g. an SD that looks like an SEM).
    Warning,
}

impl Status {
    /// The three-valued answer of a check: `Some(true)` the numbers can be true together
    /// (also with a warning), `Some(false)` they cannot, `None` the check cannot say.
    pub fn answer(self) -> Option<bool> {
        match self {
            Status::Consistent | Status::Warning => Some(true),
            Status::Inconsistent => Some(false),
            Status::NotApplicable => None,
        }
    }
    /// Whether the numbers are not ruled out (everything but [`Status::Inconsistent`]): what
    /// decides the exit code.
    pub fn possible(self) -> bool {
        self != Status::Inconsistent
    }
    /// The status as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Consistent => "consistent",
            Status::Inconsistent => "inconsistent",
            Status::NotApplicable => "not applicable",
            Status::Warning => "warning",
        }
    }
}

/// One check on one reported number (or set of numbers) of one study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Study identifier.
    pub study: String,
    /// Measure (outcome) name.
    pub measure: String,
    /// Time point or arm, when the study reports several.
    pub timepoint: Option<String>,
    /// Which check.
    pub check: CheckName,
    /// The verdict.
    pub status: Status,
    /// What was checked and why the verdict, in words with the numbers.
    pub detail: String,
}

/// A single check's verdict, with a human explanation; what the per-method functions return.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The verdict.
    pub status: Status,
    /// Why, with the numbers.
    pub detail: String,
}

impl Verdict {
    /// A verdict from a status and its explanation.
    pub fn new(status: Status, detail: impl Into<String>) -> Self {
        Verdict {
            status,
            detail: detail.into(),
        }
    }
}

/// A two-column (`item`, `value`) table for single-check results; values are left-aligned
/// text (numbers with up to 8 significant digits).
/// The rows are `check`, then `pairs`, then `status` and `detail`.
pub(crate) fn key_value_table(
    check: CheckName,
    pairs: Vec<(&str, Cell)>,
    status: Status,
    detail: &str,
) -> Table {
    let mut all = vec![("check", Cell::from(check.as_str()))];
    all.extend(pairs);
    all.push(("status", status.as_str().into()));
    all.push(("detail", detail.into()));
    let text = |c: Cell| match c {
        Cell::Number(x) => Cell::Text(crate::output::human_number(x)),
        Cell::Integer(i) => Cell::Text(i.to_string()),
        other => other,
    };
    Table {
        header: vec!["item".into(), "value".into()],
        rows: all
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k.into()), text(v)])
            .collect(),
    }
}

/// Format a float with `decimals` decimals (for details in words).
pub(crate) fn fixed(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

/// Test helper: a reported number from text that is known to be valid.
#[cfg(test)]
pub(crate) fn rv(text: &str) -> crate::reported::ReportedNumber {
    crate::reported::ReportedNumber::parse(text, "test").unwrap()
}
