//! Effect sizes and their sampling variances, with the codes, inputs and default variance
//! formulas of R's metafor `escalc` (Viechtbauer 2010, metafor 3.8.1, `vtype = "LS"`,
//! `add = 1/2`, `to = "only0"`).
//!
//! This file owns what every family shares: the measure codes ([`MeasureCode`]), the result
//! type ([`EffectSize`], and [`EffectSizes`] for many rows), the choice of confidence
//! interval ([`CiMethod`]), the small-sample correction of Hedges (1981) and the input checks.
//! One file per family computes the numbers:
//!
//! | file | codes | input |
//! |---|---|---|
//! | [`two_group`](mod@two_group) | MD, SMD, SMDH, ROM | two [`GroupSummary`] (group1 − group2) |
//! | [`pre_post`](mod@pre_post) | MC, SMCC, SMCR, SMCRH, ROMC | one [`PrePostSummary`] (after − before) |
//! | [`binary`](mod@binary) | RR, OR, RD | one [`TwoByTwo`] |
//! | [`proportion`](mod@proportion) | PR, PLO | one [`Proportion`] |
//! | [`correlation`](mod@correlation) | COR, ZCOR | one [`Correlation`] (r and n) |
//! | [`rate`] | IR, IRR, IRD | one or two [`PersonTime`] |
//! | [`slope`] | SLOPEDIFF, SLOPERATIO, SLOWING | a [`SlopeChange`] |
//! | [`convert`] | — | SEM → SD, CI / t / p → SE |
//!
//! Errors are [`Refusal::Input`](crate::error::Refusal::Input) whose `location` is the input's field path (`"before.sd"`,
//! `"n"`, `"group1.n"`, `"events1"`, `"level"`); the command line maps these to its options
//! (`--before`) or to CSV columns (`row 3, column sd1i`).
//!
//! ```
//! use trialstats_numerics::level::ConfidenceLevel;
//! use trialstats_stats::effect::{two_group, GroupSummary, MeasureCode};
//! // Two arms, 0.5 ± 0.9 (n 8) against 1.4 ± 1.1 (n 10). R: escalc("SMD", m1i=0.5, sd1i=0.9,
//! // n1i=8, m2i=1.4, sd2i=1.1, n2i=10) gives yi -0.84241300895733606, vi 0.24471276882390425;
//! // escalc("ROM", ...) gives yi -1.0296194171811581 (metafor 3.8.1, tests/effect_reference.rs).
//! let (a, b) = (GroupSummary { mean: 0.5, sd: 0.9, n: 8.0 }, GroupSummary { mean: 1.4, sd: 1.1, n: 10.0 });
//! let g = two_group(MeasureCode::SMD, &a, &b, ConfidenceLevel::NINETY_FIVE)?;
//! assert!((g.estimate - -0.84241300895733606).abs() < 1e-12);
//! assert!((g.variance.unwrap() - 0.24471276882390425).abs() < 1e-12);
//! let rom = two_group(MeasureCode::ROM, &a, &b, ConfidenceLevel::NINETY_FIVE)?;
//! assert!((rom.estimate - -1.0296194171811581).abs() < 1e-12); // ln(0.5/1.4)
//! # Ok::<(), trialstats_stats::Error>(())
//! ```

pub mod binary;
pub mod convert;
pub mod correlation;
pub mod escalc_csv;
pub mod pre_post;
pub mod proportion;
pub mod rate;
pub mod slope;
pub mod two_group;

pub use binary::{TwoByTwo, binary};
pub use correlation::{Correlation, correlation};
pub use escalc_csv::{escalc_csv, escalc_rows};
pub use pre_post::{ASSUMED_R, MeanSd, PrePostSummary, pre_post};
pub use proportion::{Proportion, proportion};
pub use rate::{PersonTime, incidence_rate, rate_comparison, rate_measure};
pub use slope::{Slope, SlopeChange, slope_change};
pub use two_group::{GroupSummary, two_group};

use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::{Cell, Table, Tabular};
use serde::{Serialize, Serializer};

/// An effect-size measure, named by its metafor `escalc` code (plus three slope measures that
/// metafor does not have).
#[allow(clippy::upper_case_acronyms)] // the names are metafor's measure codes, kept verbatim
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureCode {
    /// Raw mean difference, group1 − group2.
    MD,
    /// Standardised mean difference with Hedges' exact small-sample correction (Hedges 1981).
    SMD,
    /// Standardised mean difference without assuming equal variances (Bonett 2008).
    SMDH,
    /// Standardised mean difference over the SD of group 2 (Glass's Δ, Hedges-corrected).
    SMD1,
    /// SMD1 with Bonett's (2008) heteroscedastic variance.
    SMD1H,
    /// Log ratio of means (Hedges, Gurevitch & Curtis 1999).
    ROM,
    /// Raw mean change, after − before.
    MC,
    /// Standardised mean change, change-score standardisation (Gibbons et al. 1993).
    SMCC,
    /// Standardised mean change, raw-score standardisation by the before SD (Becker 1988).
    SMCR,
    /// Standardised mean change, raw-score standardisation, heteroscedastic (Bonett 2008).
    SMCRH,
    /// Log ratio of means for paired data (Lajeunesse 2011).
    ROMC,
    /// Log risk ratio.
    RR,
    /// Log odds ratio.
    OR,
    /// Risk difference.
    RD,
    /// Raw proportion.
    PR,
    /// Logit-transformed proportion.
    PLO,
    /// Log-transformed proportion.
    PLN,
    /// Arcsine square-root transformed proportion.
    PAS,
    /// Freeman–Tukey double-arcsine transformed proportion.
    PFT,
    /// Correlation coefficient r.
    COR,
    /// Fisher's r-to-z transformed correlation.
    ZCOR,
    /// Incidence rate (events per unit person-time).
    IR,
    /// Log incidence rate.
    IRLN,
    /// Square-root transformed incidence rate.
    IRS,
    /// Freeman–Tukey transformed incidence rate.
    IRFT,
    /// Log incidence rate ratio.
    IRR,
    /// Incidence rate difference.
    IRD,
    /// Change in slope: after − before.
    SlopeDifference,
    /// Ratio of slopes: after / before.
    SlopeRatio,
    /// Percent slowing: (before − after) / before × 100.
    PercentSlowing,
}

/// The family of inputs a measure needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Two independent groups, each mean, SD and n.
    TwoGroup,
    /// One group measured before and after, with the pre/post correlation.
    PrePost,
    /// Events and totals in two groups.
    TwoByTwo,
    /// Events out of n in one group.
    Proportion,
    /// A correlation coefficient and its n.
    Correlation,
    /// Events over person-time in one group.
    Rate,
    /// Events over person-time in two groups.
    RateComparison,
    /// A before and an after slope.
    Slope,
}

impl MeasureCode {
    /// Every code accepted by [`str::parse`], in the order they are listed in messages.
    pub const ALL: [MeasureCode; 30] = [
        MeasureCode::MD,
        MeasureCode::SMD,
        MeasureCode::SMDH,
        MeasureCode::SMD1,
        MeasureCode::SMD1H,
        MeasureCode::ROM,
        MeasureCode::MC,
        MeasureCode::SMCC,
        MeasureCode::SMCR,
        MeasureCode::SMCRH,
        MeasureCode::ROMC,
        MeasureCode::RR,
        MeasureCode::OR,
        MeasureCode::RD,
        MeasureCode::PR,
        MeasureCode::PLO,
        MeasureCode::PLN,
        MeasureCode::PAS,
        MeasureCode::PFT,
        MeasureCode::COR,
        MeasureCode::ZCOR,
        MeasureCode::IR,
        MeasureCode::IRLN,
        MeasureCode::IRS,
        MeasureCode::IRFT,
        MeasureCode::IRR,
        MeasureCode::IRD,
        MeasureCode::SlopeDifference,
        MeasureCode::SlopeRatio,
        MeasureCode::PercentSlowing,
    ];

    /// The code as written (metafor's spelling for metafor's measures).
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureCode::MD => "MD",
            MeasureCode::SMD => "SMD",
            MeasureCode::SMDH => "SMDH",
            MeasureCode::SMD1 => "SMD1",
            MeasureCode::SMD1H => "SMD1H",
            MeasureCode::ROM => "ROM",
            MeasureCode::MC => "MC",
            MeasureCode::SMCC => "SMCC",
            MeasureCode::SMCR => "SMCR",
            MeasureCode::SMCRH => "SMCRH",
            MeasureCode::ROMC => "ROMC",
            MeasureCode::RR => "RR",
            MeasureCode::OR => "OR",
            MeasureCode::RD => "RD",
            MeasureCode::PR => "PR",
            MeasureCode::PLO => "PLO",
            MeasureCode::PLN => "PLN",
            MeasureCode::PAS => "PAS",
            MeasureCode::PFT => "PFT",
            MeasureCode::COR => "COR",
            MeasureCode::ZCOR => "ZCOR",
            MeasureCode::IR => "IR",
            MeasureCode::IRLN => "IRLN",
            MeasureCode::IRS => "IRS",
            MeasureCode::IRFT => "IRFT",
            MeasureCode::IRR => "IRR",
            MeasureCode::IRD => "IRD",
            MeasureCode::SlopeDifference => "SLOPEDIFF",
            MeasureCode::SlopeRatio => "SLOPERATIO",
            MeasureCode::PercentSlowing => "SLOWING",
        }
    }

    /// What the number is, in a few words (our conventions: group1 − group2, after − before).
    pub fn description(self) -> &'static str {
        use MeasureCode::*;
        match self {
            MD => "mean difference, group1 − group2",
            SMD => "standardised mean difference (Hedges' g), group1 − group2 over the pooled SD",
            SMDH => {
                "standardised mean difference, group1 − group2 over √((SD1² + SD2²)/2), Hedges-corrected"
            }
            SMD1 => {
                "standardised mean difference, group1 − group2 over the SD of group2, Hedges-corrected"
            }
            SMD1H => {
                "standardised mean difference, group1 − group2 over the SD of group2, Hedges-corrected, heteroscedastic variance"
            }
            ROM => "log ratio of means, ln(group1 / group2)",
            MC => "mean change, after − before",
            SMCC => {
                "standardised mean change, (after − before) over the SD of the change, Hedges-corrected"
            }
            SMCR => {
                "standardised mean change, (after − before) over the before SD, Hedges-corrected"
            }
            SMCRH => {
                "standardised mean change, (after − before) over the before SD, Hedges-corrected, heteroscedastic variance"
            }
            ROMC => "log ratio of means, ln(after / before)",
            RR => "log risk ratio, group1 versus group2",
            OR => "log odds ratio, group1 versus group2",
            RD => "risk difference, group1 − group2",
            PR => "proportion, events / n",
            PLO => "log odds of the proportion, ln(p / (1 − p))",
            PLN => "log proportion, ln(p)",
            PAS => "arcsine square-root proportion, asin(√p)",
            PFT => {
                "Freeman–Tukey double-arcsine proportion, (asin√(x/(n+1)) + asin√((x+1)/(n+1))) / 2"
            }
            COR => "correlation coefficient r",
            ZCOR => "Fisher's z of the correlation, atanh(r) = ln((1 + r)/(1 − r)) / 2",
            IR => "incidence rate, events per unit of person-time",
            IRLN => "log incidence rate, ln(events / person-time)",
            IRS => "square-root incidence rate, √(events / person-time)",
            IRFT => "Freeman–Tukey incidence rate, (√(x/t) + √((x+1)/t)) / 2",
            IRR => "log incidence rate ratio, group1 versus group2",
            IRD => "incidence rate difference, group1 − group2",
            SlopeDifference => "change in slope, after − before",
            SlopeRatio => "ratio of slopes, after / before",
            PercentSlowing => "percent slowing, (before − after) / before × 100",
        }
    }

    /// Whether the estimate is a log ratio (ROM, ROMC, RR, OR, IRR), to be exponentiated for
    /// reading.
    pub fn is_log_ratio(self) -> bool {
        use MeasureCode::*;
        matches!(self, ROM | ROMC | RR | OR | IRR)
    }

    /// Which inputs this measure needs.
    pub fn family(self) -> Family {
        use MeasureCode::*;
        match self {
            MD | SMD | SMDH | SMD1 | SMD1H | ROM => Family::TwoGroup,
            MC | SMCC | SMCR | SMCRH | ROMC => Family::PrePost,
            RR | OR | RD => Family::TwoByTwo,
            PR | PLO | PLN | PAS | PFT => Family::Proportion,
            COR | ZCOR => Family::Correlation,
            IR | IRLN | IRS | IRFT => Family::Rate,
            IRR | IRD => Family::RateComparison,
            SlopeDifference | SlopeRatio | PercentSlowing => Family::Slope,
        }
    }

    /// The allowed codes as one comma-separated list (for messages).
    pub fn allowed_list() -> String {
        MeasureCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for MeasureCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for MeasureCode {
    type Err = Error;
    /// Parse a code case-insensitively (`"smcr"` → [`MeasureCode::SMCR`]).
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_uppercase();
        MeasureCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == wanted)
            .ok_or_else(|| {
                Error::input(
                    "measure",
                    format!(
                        "unknown measure code '{s}'; allowed: {}",
                        MeasureCode::allowed_list()
                    ),
                )
            })
    }
}

impl Serialize for MeasureCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// How a confidence interval is computed.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{proportion, CiMethod, MeasureCode, Proportion};
/// // 12 of 40. R: prop.test(12, 40, correct=FALSE)$conf.int is 0.18074845229746531 to
/// // 0.45430018818144935 (Wilson); binom.test(12, 40)$conf.int is 0.16562720439323556 to
/// // 0.46531628525412339 (Clopper-Pearson; tests/effect_reference.rs).
/// let (p, l) = (Proportion { events: 12.0, n: 40.0 }, ConfidenceLevel::NINETY_FIVE);
/// let wilson = proportion(MeasureCode::PR, &p, l, CiMethod::Wilson)?;
/// assert!((wilson.ci_lower.unwrap() - 0.18074845229746531).abs() < 1e-9);
/// assert!((wilson.ci_upper.unwrap() - 0.45430018818144935).abs() < 1e-9);
/// let exact = proportion(MeasureCode::PR, &p, l, CiMethod::Exact)?;
/// assert!((exact.ci_lower.unwrap() - 0.16562720439323556).abs() < 1e-9);
/// assert!((exact.ci_upper.unwrap() - 0.46531628525412339).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CiMethod {
    /// estimate ± z·SE, as metafor's `summary.escalc` (the default).
    #[default]
    Wald,
    /// Wilson score interval for a proportion (Wilson 1927; R `prop.test(correct = FALSE)`).
    Wilson,
    /// Exact interval: Clopper–Pearson (1934) for a proportion (R `binom.test`), the
    /// gamma-quantile Poisson interval for a rate (Garwood 1936; R `poisson.test`).
    Exact,
}

impl std::str::FromStr for CiMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wald" => Ok(CiMethod::Wald),
            "wilson" => Ok(CiMethod::Wilson),
            "exact" | "clopper-pearson" => Ok(CiMethod::Exact),
            other => Err(Error::input(
                "ci",
                format!("unknown interval '{other}'; allowed: wald, wilson, exact"),
            )),
        }
    }
}

/// One effect size with its sampling variance and confidence interval.
///
/// `variance`, `se` and the interval are `None` when they cannot be estimated from what was
/// reported (metafor's `NA`), for example a slope change without standard errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectSize {
    /// Study label, when the input had one (`slab` or `study` column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    /// The measure.
    pub measure: MeasureCode,
    /// The effect size (metafor's `yi`).
    pub estimate: f64,
    /// Its sampling variance (metafor's `vi`).
    pub variance: Option<f64>,
    /// Its standard error, √variance.
    pub se: Option<f64>,
    /// Lower confidence limit.
    pub ci_lower: Option<f64>,
    /// Upper confidence limit.
    pub ci_upper: Option<f64>,
    /// Confidence level of the interval (serialised as a fraction, 0.95).
    pub level: ConfidenceLevel,
    /// The pre/post correlation used (pre/post measures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r: Option<f64>,
    /// Assumptions and corrections that the reader must know about.
    pub notes: Vec<String>,
}

impl EffectSize {
    /// An effect size with a Wald interval `estimate ± z·√variance` (metafor's
    /// `summary.escalc`). A negative or non-finite variance is reported as not estimable, as
    /// metafor recodes it to `NA`.
    pub fn wald(
        measure: MeasureCode,
        estimate: f64,
        variance: f64,
        level: ConfidenceLevel,
    ) -> EffectSize {
        let variance = (variance.is_finite() && variance >= 0.0).then_some(variance);
        let se = variance.map(f64::sqrt);
        let z = level.z_crit();
        EffectSize {
            study: None,
            measure,
            estimate,
            variance,
            se,
            ci_lower: se.map(|s| estimate - z * s),
            ci_upper: se.map(|s| estimate + z * s),
            level,
            r: None,
            notes: Vec::new(),
        }
    }

    /// Add a note.
    pub fn with_note(mut self, note: impl Into<String>) -> EffectSize {
        self.notes.push(note.into());
        self
    }

    /// Replace the interval (for intervals other than Wald).
    pub fn with_interval(mut self, lower: f64, upper: f64) -> EffectSize {
        self.ci_lower = Some(lower);
        self.ci_upper = Some(upper);
        self
    }

    /// A log ratio (ROM, ROMC, RR, OR, IRR) read as a ratio: `exp(estimate) (lower to upper)`;
    /// `None` for other measures.
    pub fn ratio_text(&self) -> Option<String> {
        self.ratio_text_in(crate::output::Digits::Check)
    }

    /// [`EffectSize::ratio_text`] with its numbers printed to `digits`.
    pub fn ratio_text_in(&self, digits: crate::output::Digits) -> Option<String> {
        if !self.measure.is_log_ratio() {
            return None;
        }
        let h = |x: f64| digits.number(x.exp());
        let interval = match (self.ci_lower, self.ci_upper) {
            (Some(l), Some(u)) => format!(" ({} to {})", h(l), h(u)),
            _ => String::new(),
        };
        Some(format!("{}{interval}", h(self.estimate)))
    }

    /// Attach a study label.
    pub fn with_study(mut self, study: impl Into<String>) -> EffectSize {
        self.study = Some(study.into());
        self
    }
}

/// Many effect sizes (one per row of an input file); JSON is an array.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct EffectSizes(pub Vec<EffectSize>);

fn effect_table(rows: &[EffectSize]) -> Table {
    let with_study = rows.iter().any(|e| e.study.is_some());
    let with_r = rows.iter().any(|e| e.r.is_some());
    let mut header: Vec<String> = Vec::new();
    if with_study {
        header.push("study".into());
    }
    for h in [
        "measure", "estimate", "variance", "se", "ci_lower", "ci_upper", "level",
    ] {
        header.push(h.into());
    }
    if with_r {
        header.push("r".into());
    }
    header.push("notes".into());
    let rows = rows
        .iter()
        .map(|e| {
            let mut row: Vec<Cell> = Vec::new();
            if with_study {
                row.push(e.study.clone().unwrap_or_default().into());
            }
            row.push(e.measure.as_str().into());
            row.push(e.estimate.into());
            row.push(e.variance.into());
            row.push(e.se.into());
            row.push(e.ci_lower.into());
            row.push(e.ci_upper.into());
            row.push(e.level.value().into());
            if with_r {
                row.push(e.r.into());
            }
            row.push(e.notes.join("; ").into());
            row
        })
        .collect();
    Table { header, rows }
}

impl Tabular for EffectSize {
    fn table(&self) -> Table {
        effect_table(std::slice::from_ref(self))
    }

    fn preamble(&self) -> Option<String> {
        Some(format!(
            "{}: {}\n{}% confidence interval",
            self.measure,
            self.measure.description(),
            crate::output::human_number(self.level.percent())
        ))
    }

    fn epilogue(&self) -> Option<String> {
        Some(format!(
            "as a ratio: exp(estimate) = {}",
            self.ratio_text()?
        ))
    }
}

impl Tabular for EffectSizes {
    fn table(&self) -> Table {
        effect_table(&self.0)
    }
}

/// Hedges' exact small-sample correction factor
/// c(m) = Γ(m/2) / (√(m/2) · Γ((m − 1)/2)) for `m` degrees of freedom (Hedges 1981;
/// metafor's `.cmicalc`). `None` for m ≤ 1, where it is undefined.
pub fn hedges_correction(m: f64) -> Option<f64> {
    use statrs::function::gamma::ln_gamma;
    (m > 1.0).then(|| (ln_gamma(m / 2.0) - (m / 2.0).sqrt().ln() - ln_gamma((m - 1.0) / 2.0)).exp())
}

// ----- input checks shared by the families (location = the input's field path) -----

/// A finite number.
pub(crate) fn check_finite(x: f64, location: &str, what: &str) -> Result<()> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(Error::input(
            location,
            format!("{what} must be a finite number (got {x})"),
        ))
    }
}

/// A finite number > 0.
pub(crate) fn check_positive(x: f64, location: &str, what: &str) -> Result<()> {
    if x.is_finite() && x > 0.0 {
        Ok(())
    } else {
        Err(Error::input(
            location,
            format!("{what} must be a number > 0 (got {x})"),
        ))
    }
}

/// A standard deviation: finite and > 0.
pub(crate) fn check_sd(sd: f64, location: &str) -> Result<()> {
    check_positive(sd, location, "the SD")
}

/// A standard deviation that may be 0: finite and ≥ 0.
pub(crate) fn check_sd_or_zero(sd: f64, location: &str) -> Result<()> {
    if sd == 0.0 {
        Ok(())
    } else {
        check_positive(sd, location, "the SD")
    }
}

/// Two means whose ratio can be logged (ROM, ROMC): non-zero and of the same sign.
pub(crate) fn check_ratio_means(
    code: MeasureCode,
    (m1, location1): (f64, &str),
    (m2, location2): (f64, &str),
) -> Result<()> {
    // The signs, not the quotient: 1e-300 / 1e300 underflows to 0 yet is a ratio.
    if m1 != 0.0 && m2 != 0.0 && m1.signum() == m2.signum() {
        return Ok(());
    }
    let h = crate::output::human_number;
    Err(Error::input(
        if m1 == 0.0 { location1 } else { location2 },
        format!(
            "{code} needs two non-zero means of the same sign (a ratio scale; got {} and {})",
            h(m1),
            h(m2)
        ),
    ))
}

/// A sample size: finite and ≥ `min`.
pub(crate) fn check_n(n: f64, min: f64, location: &str, why: &str) -> Result<()> {
    if n.is_finite() && n >= min && n.fract() != 0.0 {
        return Err(Error::input(
            location,
            format!("the sample size must be a whole number of people (got {n})"),
        ));
    }
    if n.is_finite() && n >= min {
        Ok(())
    } else {
        Err(Error::input(
            location,
            format!("the sample size must be at least {min}{why} (got {n})"),
        ))
    }
}

/// A count of events: finite and ≥ 0.
pub(crate) fn check_count(x: f64, location: &str) -> Result<()> {
    if x.is_finite() && x >= 0.0 && x.fract() != 0.0 {
        return Err(Error::input(
            location,
            format!("the number of events must be a whole number (got {x})"),
        ));
    }
    if x.is_finite() && x >= 0.0 {
        Ok(())
    } else {
        Err(Error::input(
            location,
            format!("the number of events must be ≥ 0 (got {x})"),
        ))
    }
}

/// The refusal when a family's function is called with another family's code.
pub(crate) fn wrong_family(code: MeasureCode, family: Family) -> Error {
    let codes: Vec<&str> = MeasureCode::ALL
        .iter()
        .filter(|c| c.family() == family)
        .map(|c| c.as_str())
        .collect();
    Error::usage(format!(
        "{code} needs other inputs; this computation takes {}",
        codes.join(", ")
    ))
}

/// The note every family adds when metafor's zero-cell correction was applied.
pub(crate) const ZERO_CELL_NOTE: &str =
    "zero cell: 1/2 added to every cell of this study (metafor default add = 1/2, to = \"only0\")";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_case_insensitively_and_unknown_codes_list_the_allowed_ones() {
        assert_eq!("smcr".parse::<MeasureCode>().unwrap(), MeasureCode::SMCR);
        assert_eq!(
            "SLOWING".parse::<MeasureCode>().unwrap(),
            MeasureCode::PercentSlowing
        );
        let err = "SMX".parse::<MeasureCode>().unwrap_err().to_string();
        assert!(err.contains("SMX") && err.contains("SMCR, SMCRH"), "{err}");
    }

    // R 4.2.2, metafor 3.8.1: sprintf("%.17g", metafor:::.cmicalc(c(2, 5, 46, 2000, 20000)))
    #[allow(clippy::excessive_precision)] // R's 17 digits kept verbatim
    #[test]
    fn hedges_correction_matches_metafor() {
        let cases = [
            (2.0, 0.56418958354775628),
            (5.0, 0.84074868245968926),
            (46.0, 0.98359155750429439),
            (2000.0, 0.9996249453027366),
            // both R's and our lgamma differences lose ~1e-11 here; metafor has the same limit
            (20000.0, 0.99996249945719307),
        ];
        for (m, want) in cases {
            let got = hedges_correction(m).unwrap();
            assert!((got / want - 1.0).abs() < 1e-10, "m = {m}: {got} vs {want}");
        }
        assert!(hedges_correction(1.0).is_none());
    }
}
