//! Before/after analysis of one group when the pre/post correlation is not reported.
//!
//! A single-arm study reports mean ± SD before and after treatment, but the test of the change
//! needs the SD of the *within-patient change*, which depends on the correlation r between the
//! before and after values (Cochrane Handbook, section 6.5.2.8; Follmann et al. 1992):
//!
//! ```text
//! SD_change² = SD_before² + SD_after² − 2·r·SD_before·SD_after
//! ```
//!
//! Papers almost never report r, so nothing here assumes it silently: every result carries the
//! r it was computed at, [`sweep`] recomputes the paired t-test over a grid of r, and
//! [`significance_threshold`] solves for the smallest r at which the change is significant,
//! in closed form:
//!
//! ```text
//! |t| ≥ t_crit  ⇔  n·d² / t_crit² ≥ SD_change²  ⇔  r ≥ (SD_b² + SD_a² − n·d²/t_crit²) / (2·SD_b·SD_a)
//! ```
//!
//! since SD_change² falls linearly as r rises (for positive SDs).

use crate::dist;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::{Cell, Table, Tabular};
use serde::Serialize;

pub use crate::effect::ASSUMED_R;
pub use crate::effect::PrePostSummary;

/// The grid of r that [`sweep`] uses by default: 0, 0.1, …, 0.9.
pub fn default_r_grid() -> Vec<f64> {
    (0..10).map(|i| i as f64 / 10.0).collect()
}

/// A before/after summary fit for a paired test: a whole n ≥ 2, finite means, finite SDs ≥ 0.
/// `what` names the source in error messages. The summary's own `r` is not used here: every
/// function of this module takes r explicitly.
pub fn paired_summary(
    what: &str,
    n: f64,
    before: (f64, f64),
    after: (f64, f64),
) -> Result<PrePostSummary> {
    if n.is_nan() || n < 2.0 || n.fract() != 0.0 {
        return Err(Error::input(
            what,
            format!("n = {n}: a paired test needs a whole number of patients, at least 2"),
        ));
    }
    for (name, sd) in [("before SD", before.1), ("after SD", after.1)] {
        if sd.is_nan() || sd < 0.0 || !sd.is_finite() {
            return Err(Error::input(
                what,
                format!("{name} = {sd}: an SD must be a finite number ≥ 0"),
            ));
        }
    }
    for (name, m) in [("before mean", before.0), ("after mean", after.0)] {
        if !m.is_finite() {
            return Err(Error::input(
                what,
                format!("{name} must be a finite number"),
            ));
        }
    }
    for (name, sd) in [("before SD", before.1), ("after SD", after.1)] {
        if sd > MAX_SD {
            return Err(Error::input(
                what,
                format!(
                    "{name} = {}: SDs above {MAX_SD:e} overflow when squared (the largest double is about 1.8e308); rescale the measure, e.g. to other units",
                    crate::output::human_number(sd)
                ),
            ));
        }
    }
    let change = after.0 - before.0;
    if !change.is_finite() {
        return Err(Error::input(
            what,
            format!(
                "the change after − before = {} − {} overflows (beyond ±1.8e308, the largest double); rescale the measure, e.g. to other units",
                crate::output::human_number(after.0),
                crate::output::human_number(before.0)
            ),
        ));
    }
    if before.1 == 0.0 && after.1 == 0.0 {
        return Err(Error::input(
            what,
            format!(
                "the before and after SDs are both 0, so the change has no spread at any r and the paired t-test is undefined (t = change / 0{}); a paired test needs at least one SD above 0",
                if change == 0.0 { " = 0/0" } else { "" }
            ),
        ));
    }
    Ok(PrePostSummary::new(n, before, after, None))
}

/// The largest SD a paired test accepts: its square, and the change variance built from it,
/// must stay far below the largest double (about 1.8e308).
pub const MAX_SD: f64 = 1e150;

/// SD of the within-patient change at correlation `r` (never negative).
fn sd_change(s: &PrePostSummary, r: f64) -> f64 {
    s.change_variance(r).max(0.0).sqrt()
}

/// The pre/post correlation implied by the SD of the change (Cochrane Handbook 6.5.2.8,
/// solved for r): r = (SD_b² + SD_a² − SD_change²) / (2·SD_b·SD_a). A value outside
/// [−1, 1] means the three SDs cannot all be true; `None` when an SD is 0 (r is then
/// undefined).
///
/// ```
/// use trialstats_stats::prepost::implied_r;
/// // SDs 1.1 before, 0.8 after, 0.9 of the change: (1.21 + 0.64 − 0.81)/(2·1.1·0.8) = 0.5909.
/// assert!((implied_r(1.1, 0.8, 0.9).unwrap() - 0.5909090909090909).abs() < 1e-15);
/// // A change SD of 2.5 is more than 1.1 + 0.8 allows: r < −1, the SDs cannot all be true.
/// assert!(implied_r(1.1, 0.8, 2.5).unwrap() < -1.0);
/// ```
pub fn implied_r(sd_before: f64, sd_after: f64, sd_change: f64) -> Option<f64> {
    let denominator = 2.0 * sd_before * sd_after;
    (denominator > 0.0 && denominator.is_finite()).then(|| {
        (sd_before * sd_before + sd_after * sd_after - sd_change * sd_change) / denominator
    })
}

/// A correlation in [−1, 1], named `--r` in errors.
pub fn check_r(r: f64) -> Result<()> {
    if (-1.0..=1.0).contains(&r) {
        Ok(())
    } else {
        Err(Error::field(
            "r",
            format!("r = {r}: a correlation must lie between -1 and 1"),
        ))
    }
}

/// An r grid: every value in [−1, 1], named `--grid` in errors.
pub fn check_grid(grid: &[f64]) -> Result<()> {
    match grid.iter().find(|r| !(-1.0..=1.0).contains(*r)) {
        Some(bad) => Err(Error::field(
            "grid",
            format!("r = {bad}: every correlation of the grid must lie between -1 and 1"),
        )),
        None => Ok(()),
    }
}

/// Where the r of an analysis comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RSource {
    /// The document reports it.
    Reported,
    /// Not reported; the user chose it (`--r`).
    Chosen,
    /// Not reported and not chosen: [`ASSUMED_R`], said to be assumed.
    Assumed,
    /// Not reported, but implied by what the document reports about the change (its SD, SE,
    /// interval, t or p) with [`implied_r`].
    Implied,
}

impl RSource {
    /// In one word, for a chart's label: `reported`, `chosen`, `assumed`, `implied`.
    pub fn word(self) -> &'static str {
        match self {
            RSource::Reported => "reported",
            RSource::Chosen => "chosen",
            RSource::Assumed => "assumed",
            RSource::Implied => "implied",
        }
    }
    /// In words, as printed next to every result computed at this r.
    pub fn describe(self) -> &'static str {
        match self {
            RSource::Reported => "reported",
            RSource::Chosen => "not reported; chosen by the user",
            RSource::Assumed => "not reported; assumed (default)",
            RSource::Implied => "implied by the reported change",
        }
    }
}

/// The r to analyse at: the reported one, else the one chosen with `--r`, else
/// [`ASSUMED_R`]; with where it came from. The one rule for every command.
pub fn pick_r(reported: Option<f64>, chosen: Option<f64>) -> (f64, RSource) {
    match (reported, chosen) {
        (Some(r), _) => (r, RSource::Reported),
        (None, Some(r)) => (r, RSource::Chosen),
        (None, None) => (ASSUMED_R, RSource::Assumed),
    }
}

/// A paired t-test of the change computed from summary data at an assumed correlation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedTest {
    /// The pre/post correlation this result assumes.
    pub r: f64,
    /// Mean change, after − before.
    pub mean_change: f64,
    /// SD of the within-patient change at this r.
    pub sd_change: f64,
    /// Standard error of the mean change.
    pub se: f64,
    /// t statistic (always finite: a change without spread is refused).
    pub t: f64,
    /// Degrees of freedom, n − 1.
    pub df: f64,
    /// Two-sided p-value.
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Confidence level of the interval.
    pub level: ConfidenceLevel,
}

/// Paired t-test of after − before from summary data at correlation `r`
/// (the test `t.test(after, before, paired = TRUE)` would give on the patient data).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::PrePostSummary;
/// use trialstats_stats::prepost::paired_t_test;
/// // 7 patients, 2.9 ± 1.1 before and 0.4 ± 0.8 after, r = 0.5. By hand: SD of the change
/// // √(1.1² + 0.8² − 2·0.5·1.1·0.8) = 0.98489, SE 0.98489/√7 = 0.372252, t = −2.5/SE =
/// // −6.715884 on 6 df, two-sided p = I_{6/(6+t²)}(3, ½) = 0.000529758566868628 (mpmath's
/// // regularised incomplete beta; R: 2 * pt(-6.715884, 6)).
/// let s = PrePostSummary::new(7.0, (2.9, 1.1), (0.4, 0.8), None);
/// let t = paired_t_test(&s, 0.5, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((t.t - -6.715883618966692).abs() < 1e-9);
/// assert_eq!(t.df, 6.0);
/// assert!((t.p - 0.000529758566868628).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn paired_t_test(s: &PrePostSummary, r: f64, level: ConfidenceLevel) -> Result<PairedTest> {
    check_r(r)?;
    let d = s.mean_change();
    let sd = sd_change(s, r);
    let se = sd / s.n.sqrt();
    let df = s.n - 1.0;
    if se == 0.0 {
        // r = 1 with equal SDs (two zero SDs are refused by paired_summary) leaves the change
        // without spread, and so do SDs too small for double precision: then t = d/0 is not
        // a test result.
        let h = crate::output::human_number;
        return Err(if r >= 1.0 {
            Error::field(
                "r",
                format!(
                    "r = {r} with before SD {} and after SD {} makes the SD of the change 0, so the paired t-test is undefined (t = change / 0); use an r below 1",
                    h(s.before.sd),
                    h(s.after.sd)
                ),
            )
        } else {
            Error::input(
                "{field:before}/{field:after}",
                format!(
                    "the SDs {} and {} are too small: the SD of the change is 0 in double precision, so the paired t-test is undefined; rescale the measure",
                    h(s.before.sd),
                    h(s.after.sd)
                ),
            )
        });
    }
    let t = d / se;
    if !t.is_finite() {
        return Err(Error::input(
            "{field:before}/{field:after}",
            format!(
                "the change {} is too large for its standard error {}: t overflows (beyond 1.8e308); rescale the measure",
                crate::output::human_number(d),
                crate::output::human_number(se)
            ),
        ));
    }
    let p = dist::p_two_sided_t(t, df);
    let half = level.t_crit(df) * se;
    if !(p.is_finite() && half.is_finite()) {
        return Err(Error::numerical(format!(
            "the paired t-test could not be computed for t = {t} with {df} degrees of freedom"
        )));
    }
    Ok(PairedTest {
        r,
        mean_change: d,
        sd_change: sd,
        se,
        t,
        df,
        p,
        ci_lower: d - half,
        ci_upper: d + half,
        level,
    })
}

/// The paired test at each r of `grid`.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::PrePostSummary;
/// use trialstats_stats::prepost::sweep;
/// // R: b <- c(4,5,3,6,5,7,4); a <- c(3,4,3,4,4,5,4); t.test(a, b, paired = TRUE) gives p
/// // 0.017678667376839822 at the data's own r, cor(a, b) = 0.87208159927238094. Unreported, r is
/// // swept: a larger r leaves a smaller SD of the change, so a larger |t| and a smaller p.
/// let s = PrePostSummary::new(7.0, (34.0 / 7.0, (38.0f64 / 21.0).sqrt()), (27.0 / 7.0, (10.0f64 / 21.0).sqrt()), None);
/// let tests = sweep(&s, &[0.0, 0.5, 0.87208159927238094], ConfidenceLevel::NINETY_FIVE)?;
/// assert!((tests[2].p - 0.017678667376839822).abs() < 1e-9);
/// assert!(tests[0].p > tests[1].p && tests[1].p > tests[2].p);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn sweep(s: &PrePostSummary, grid: &[f64], level: ConfidenceLevel) -> Result<Vec<PairedTest>> {
    grid.iter().map(|&r| paired_t_test(s, r, level)).collect()
}

/// Where along r a two-sided paired test at significance level α becomes significant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "r", rename_all = "snake_case")]
pub enum SignificanceThreshold {
    /// Significant for every r in [−1, 1].
    Always,
    /// Not significant for any r in [−1, 1].
    Never,
    /// Significant exactly for r ≥ this value.
    From(f64),
}

impl std::fmt::Display for SignificanceThreshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignificanceThreshold::Always => write!(f, "always (for every r from -1 to 1)"),
            SignificanceThreshold::Never => write!(f, "never (not even at r = 1)"),
            SignificanceThreshold::From(r) => {
                write!(f, "r ≥ {}", crate::output::human_number(*r))
            }
        }
    }
}

/// The smallest r at which the paired test of after − before is significant at α =
/// 1 − `level` (closed form, see the module documentation).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::PrePostSummary;
/// use trialstats_stats::prepost::{significance_threshold, SignificanceThreshold};
/// // R: b <- c(4,5,3,6,5,7,4); a <- c(3,4,3,4,4,5,4): means 34/7 and 27/7, variances 38/21 and
/// // 10/21, cor(a, b) = 0.872, and t.test(a, b, paired = TRUE) gives p = 0.0177. The test is
/// // significant from r* = (38/21 + 10/21 − 7·1²/t²)/(2·√(38/21)·√(10/21)) on, with t = qt(0.975, 6)
/// // = 2.4469118511449692: r* = 0.6014, below the observed 0.872.
/// let s = PrePostSummary::new(7.0, (34.0 / 7.0, (38.0f64 / 21.0).sqrt()), (27.0 / 7.0, (10.0f64 / 21.0).sqrt()), None);
/// let t: f64 = 2.4469118511449692;
/// let by_hand = (48.0 / 21.0 - 7.0 / (t * t)) / (2.0 * (380.0f64).sqrt() / 21.0);
/// let SignificanceThreshold::From(r) = significance_threshold(&s, ConfidenceLevel::NINETY_FIVE)? else { panic!() };
/// assert!((r - by_hand).abs() < 1e-12);
/// assert!(r < 0.87208159927238094);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn significance_threshold(
    s: &PrePostSummary,
    level: ConfidenceLevel,
) -> Result<SignificanceThreshold> {
    let d = s.mean_change();
    let tc = level.t_crit(s.n - 1.0);
    let (a, b) = (s.before.sd, s.after.sd);
    if d == 0.0 {
        return Ok(SignificanceThreshold::Never);
    }
    let needed = s.n * d * d / (tc * tc); // largest SD_change² that is still significant
    if a == 0.0 || b == 0.0 {
        // SD_change does not depend on r when one SD is zero.
        return Ok(if a * a + b * b <= needed {
            SignificanceThreshold::Always
        } else {
            SignificanceThreshold::Never
        });
    }
    let r_star = (a * a + b * b - needed) / (2.0 * a * b);
    Ok(if r_star <= -1.0 {
        SignificanceThreshold::Always
    } else if r_star > 1.0 {
        SignificanceThreshold::Never
    } else {
        SignificanceThreshold::From(r_star)
    })
}

/// What a document claims about the significance of a before/after change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    Significant,
    NotSignificant,
    NotReported,
}

/// Whether a document's claim can hold, given the threshold in r.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimAssessment {
    pub claim: Claim,
    /// `Some(true)`: the claim holds for some plausible r (0 ≤ r < 1); `Some(false)`: it holds
    /// for none; `None`: nothing claimed.
    pub can_hold: Option<bool>,
    /// One sentence for people.
    pub detail: String,
}

/// Assess a claim against the threshold: "significant" can hold if the threshold is below 1
/// (some r in [0, 1) makes it significant); "not significant" can hold if some r ≥ 0 leaves it
/// non-significant.
pub fn assess_claim(claim: Claim, threshold: SignificanceThreshold) -> ClaimAssessment {
    use SignificanceThreshold as T;
    let (can_hold, detail) = match (claim, threshold) {
        (Claim::NotReported, _) => (None, format!("no claim; significant {threshold}")),
        (Claim::Significant, T::Always) => (
            Some(true),
            "claimed significant: holds at every r".to_string(),
        ),
        (Claim::Significant, T::From(r)) if r <= 0.0 => (
            Some(true),
            format!(
                "claimed significant: holds at every r ≥ 0 (the paired test is significant for r ≥ {})",
                crate::output::human_number(r)
            ),
        ),
        (Claim::Significant, T::From(r)) if r < 1.0 => (
            Some(true),
            format!(
                "claimed significant: holds only if the pre/post correlation r ≥ {}",
                crate::output::human_number(r)
            ),
        ),
        (Claim::Significant, _) => (
            Some(false),
            "claimed significant: no correlation r < 1 makes the paired test significant"
                .to_string(),
        ),
        (Claim::NotSignificant, T::Always) => (
            Some(false),
            "claimed not significant: the paired test is significant at every r".to_string(),
        ),
        (Claim::NotSignificant, T::From(r)) if r <= 0.0 => (
            Some(false),
            format!(
                "claimed not significant: significant at every r ≥ {}",
                crate::output::human_number(r)
            ),
        ),
        (Claim::NotSignificant, _) => (
            Some(true),
            format!("claimed not significant: holds for r below the threshold ({threshold})"),
        ),
    };
    ClaimAssessment {
        claim,
        can_hold,
        detail,
    }
}

/// The whole before/after analysis of one measure: the test at the assumed r, the sweep, the
/// threshold and the claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrelationAnalysis {
    /// Which measure (for headings).
    pub label: String,
    pub summary: PrePostSummary,
    /// The r used for the headline result and why (reported, chosen, or assumed by default).
    pub assumed_r: f64,
    /// Where that r comes from, in words ([`RSource::describe`]).
    pub r_source: String,
    /// Where that r comes from, as a value (JSON `reported`, `chosen`, `assumed`, `implied`).
    pub r_from: RSource,
    pub at_assumed_r: PairedTest,
    pub sweep: Vec<PairedTest>,
    pub alpha: f64,
    pub threshold: SignificanceThreshold,
    pub claim: ClaimAssessment,
}

/// Run the full analysis: test at `r` (with `r_source` saying where it came from), the sweep
/// over `grid`, the threshold at α = 1 − `level` and the assessment of `claim`.
pub fn analyse(
    label: &str,
    s: &PrePostSummary,
    (r, r_source): (f64, RSource),
    grid: &[f64],
    level: ConfidenceLevel,
    claim: Claim,
) -> Result<CorrelationAnalysis> {
    #[cfg(debug_assertions)]
    crate::counters::count(crate::counters::Work::PairedAnalysis);
    check_grid(grid)?;
    let threshold = significance_threshold(s, level)?;
    Ok(CorrelationAnalysis {
        label: label.to_string(),
        summary: *s,
        assumed_r: r,
        r_source: r_source.describe().to_string(),
        r_from: r_source,
        at_assumed_r: paired_t_test(s, r, level)?,
        sweep: sweep(s, grid, level)?,
        alpha: level.alpha(),
        threshold,
        claim: assess_claim(claim, threshold),
    })
}

impl Tabular for CorrelationAnalysis {
    fn preamble(&self) -> Option<String> {
        let s = &self.summary;
        let h = crate::output::human_number;
        let a = &self.at_assumed_r;
        Some(format!(
            "{label}: before {bm} ± {bs}, after {am} ± {as_}, n = {n} (± read as SD)\n\
             mean change (after − before) = {d}\n\
             at r = {r} ({src}): SE {se}, t({df}) = {t}, p = {p}, {lvl}% CI [{lo}, {hi}]\n\
             significant at α = {alpha}: {thr}\n\
             {claim}",
            label = self.label,
            bm = h(s.before.mean),
            bs = h(s.before.sd),
            am = h(s.after.mean),
            as_ = h(s.after.sd),
            n = h(s.n),
            d = h(s.mean_change()),
            r = h(self.assumed_r),
            src = self.r_source,
            se = h(a.se),
            df = h(a.df),
            t = h(a.t),
            p = h(a.p),
            lvl = h(a.level.percent()),
            lo = h(a.ci_lower),
            hi = h(a.ci_upper),
            alpha = h(self.alpha),
            thr = self.threshold,
            claim = self.claim.detail,
        ))
    }

    fn table(&self) -> Table {
        Table {
            header: [
                "r",
                "mean_change",
                "sd_change",
                "se",
                "t",
                "df",
                "p",
                "ci_lower",
                "ci_upper",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .sweep
                .iter()
                .map(|t| {
                    vec![
                        Cell::Number(t.r),
                        Cell::Number(t.mean_change),
                        Cell::Number(t.sd_change),
                        Cell::Number(t.se),
                        Cell::Number(t.t),
                        Cell::Number(t.df),
                        Cell::Number(t.p),
                        Cell::Number(t.ci_lower),
                        Cell::Number(t.ci_upper),
                    ]
                })
                .collect(),
        }
    }
}

#[cfg(test)]
// Reference values are pasted as R prints them (17 significant digits).
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    const L95: ConfidenceLevel = ConfidenceLevel::NINETY_FIVE;

    fn edss() -> PrePostSummary {
        paired_summary("test", 7.0, (5.1, 1.7), (4.1, 1.6)).unwrap()
    }

    // Reference: R 4.2.2 with MASS, patient data constructed to have exactly the reported
    // means, SDs and correlation, then the paired t-test:
    //   X <- MASS::mvrnorm(7, c(5.1, 4.1), matrix(c(1.7^2, r*1.7*1.6, r*1.7*1.6, 1.6^2), 2),
    //                      empirical = TRUE)
    //   t.test(X[,2], X[,1], paired = TRUE)
    #[test]
    fn paired_test_matches_r_t_test_on_constructed_data() {
        let cases = [
            // r, t, p, ci lower, ci upper
            (
                0.0,
                -1.1333153443436519,
                0.30032656951361458,
                -3.1590741388594479,
                1.1590741388594479,
            ),
            (
                0.5,
                -1.6012815380508709,
                0.16043342397196253,
                -2.5280959612657652,
                0.5280959612657653,
            ),
            (
                0.9,
                -3.5546278372527071,
                0.012004758855762014,
                -1.6883735690980615,
                -0.31162643090193864,
            ),
        ];
        for (r, t, p, lo, hi) in cases {
            let res = paired_t_test(&edss(), r, L95).unwrap();
            approx::assert_relative_eq!(res.t, t, max_relative = 1e-9);
            approx::assert_relative_eq!(res.p, p, max_relative = 1e-8);
            approx::assert_relative_eq!(res.ci_lower, lo, max_relative = 1e-9);
            approx::assert_relative_eq!(res.ci_upper, hi, max_relative = 1e-9);
            assert_eq!(res.df, 6.0);
        }
    }

    // Same construction for the NMO relapse rate (2.9 ± 1.1 → 0.4 ± 0.8, r = 0) and pain NRS
    // at a 90 % level (3.0 ± 1.5 → 0.9 ± 1.2, r = 0.5, t.test(..., conf.level = 0.9)).
    #[test]
    fn other_measures_and_levels_match_r() {
        let arr = paired_summary("t", 7.0, (2.9, 1.1), (0.4, 0.8)).unwrap();
        let res = paired_t_test(&arr, 0.0, L95).unwrap();
        approx::assert_relative_eq!(res.t, -4.8629876257963724, max_relative = 1e-9);
        approx::assert_relative_eq!(res.p, 0.0028143086175473303, max_relative = 1e-8);
        approx::assert_relative_eq!(res.ci_lower, -3.7579262170877197, max_relative = 1e-9);
        approx::assert_relative_eq!(res.ci_upper, -1.2420737829122803, max_relative = 1e-9);

        let pain = paired_summary("t", 7.0, (3.0, 1.5), (0.9, 1.2)).unwrap();
        let res = paired_t_test(&pain, 0.5, ConfidenceLevel::new(0.90).unwrap()).unwrap();
        approx::assert_relative_eq!(res.t, -4.0414518843273788, max_relative = 1e-9);
        approx::assert_relative_eq!(res.p, 0.0067915377453372852, max_relative = 1e-8);
        approx::assert_relative_eq!(res.ci_lower, -3.1097060922355335, max_relative = 1e-9);
        approx::assert_relative_eq!(res.ci_upper, -1.0902939077644651, max_relative = 1e-9);
    }

    // Reference: R uniroot of p(r) − 0.05 with p(r) from t.test on the constructed data above,
    //   uniroot(function(r) pr(r, ...) - 0.05, c(-0.99, 0.999), tol = 1e-13)
    // EDSS 0.786925331802081; pain NRS −0.407179588870884; fatigue NRS −0.942018345342473.
    #[test]
    fn threshold_matches_r_root_of_t_test_p_value() {
        let cases = [
            ((5.1, 1.7), (4.1, 1.6), 0.786925331802081),
            ((3.0, 1.5), (0.9, 1.2), -0.407179588870884),
            ((6.1, 2.0), (3.0, 1.4), -0.942018345342473),
        ];
        for (b, a, expected) in cases {
            let s = paired_summary("t", 7.0, b, a).unwrap();
            match significance_threshold(&s, L95).unwrap() {
                SignificanceThreshold::From(r) => {
                    assert!((r - expected).abs() < 1e-9, "{r} vs {expected}")
                }
                other => panic!("expected a threshold, got {other:?}"),
            }
        }
    }

    #[test]
    fn threshold_edge_cases() {
        // No change at all: never significant.
        let flat = paired_summary("t", 7.0, (5.0, 1.0), (5.0, 1.0)).unwrap();
        assert_eq!(
            significance_threshold(&flat, L95).unwrap(),
            SignificanceThreshold::Never
        );
        // A huge change relative to the SDs: significant at every r, even −1.
        let huge = paired_summary("t", 30.0, (10.0, 1.0), (0.0, 1.0)).unwrap();
        assert_eq!(
            significance_threshold(&huge, L95).unwrap(),
            SignificanceThreshold::Always
        );
        // Unequal SDs and a tiny change: even r = 1 leaves SD_change = |1 − 3| = 2; with n = 3
        // and d = 0.01, t = 0.01·√3/2 is far below t_crit, so never.
        let tiny = paired_summary("t", 3.0, (5.0, 1.0), (5.01, 3.0)).unwrap();
        assert_eq!(
            significance_threshold(&tiny, L95).unwrap(),
            SignificanceThreshold::Never
        );
        // One SD zero: r plays no role.
        let zero = paired_summary("t", 7.0, (5.0, 0.0), (3.0, 1.0)).unwrap();
        assert_eq!(
            significance_threshold(&zero, L95).unwrap(),
            SignificanceThreshold::Always
        );
    }

    #[test]
    fn the_sweep_at_the_threshold_flips_significance() {
        let s = edss();
        let SignificanceThreshold::From(r) = significance_threshold(&s, L95).unwrap() else {
            panic!("EDSS has a threshold")
        };
        assert!(paired_t_test(&s, r - 1e-6, L95).unwrap().p > 0.05);
        assert!(paired_t_test(&s, r + 1e-6, L95).unwrap().p < 0.05);
    }

    #[test]
    fn claims_are_assessed() {
        let a = assess_claim(Claim::Significant, SignificanceThreshold::From(0.79));
        assert_eq!(a.can_hold, Some(true));
        assert!(a.detail.contains("r ≥ 0.79"), "{}", a.detail);
        let a = assess_claim(Claim::Significant, SignificanceThreshold::Never);
        assert_eq!(a.can_hold, Some(false));
        let a = assess_claim(Claim::NotSignificant, SignificanceThreshold::Always);
        assert_eq!(a.can_hold, Some(false));
        let a = assess_claim(Claim::NotReported, SignificanceThreshold::Always);
        assert_eq!(a.can_hold, None);
    }

    #[test]
    fn bad_inputs_are_refused_with_the_field_named() {
        let e = paired_summary("edss", 1.0, (5.0, 1.0), (4.0, 1.0))
            .unwrap_err()
            .to_string();
        assert!(e.contains("edss") && e.contains("at least 2"), "{e}");
        let e = paired_summary("edss", 7.0, (5.0, -1.0), (4.0, 1.0))
            .unwrap_err()
            .to_string();
        assert!(e.contains("before SD") && e.contains("≥ 0"), "{e}");
        let e = paired_t_test(&edss(), 1.5, L95).unwrap_err().to_string();
        assert!(e.starts_with("r:") && e.contains("between -1 and 1"), "{e}");
    }
}
