//! Change in a per-month slope between a before and an after period (e.g. the ALSFRS-R
//! decline 0.47 → 0.25 points/month): the difference after − before, the ratio
//! after/before and the percent slowing (before − after)/before × 100, with delta-method
//! intervals when both slopes have a standard error.
//!
//! Delta method (e.g. Casella & Berger 2002, §5.5.4), treating the two slopes as independent
//! because trials do not report their covariance:
//! - difference D = a − b, Var D = SE_a² + SE_b²;
//! - ratio R = a/b, Var R = (SE_a² + R²·SE_b²)/b², interval exp(ln R ± z·√(SE_a²/a² + SE_b²/b²))
//!   when R > 0 (on the log scale, where the normal approximation is better), R ± z·√Var R
//!   otherwise;
//! - percent slowing S = 100·(1 − R), Var S = 100²·Var R, interval from the ratio's.

use super::{EffectSize, MeasureCode};
use super::{check_finite, check_n, check_positive, check_sd};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// A slope (change per unit time) and its standard error, when reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slope {
    pub value: f64,
    pub se: Option<f64>,
}

impl Slope {
    /// A slope whose SE comes from an SD of individual slopes over `n` people: SE = SD/√n.
    /// `location` names the input in errors (`"before"` or `"after"`).
    ///
    /// ```
    /// use trialstats_stats::effect::Slope;
    /// // SE = SD/√n: R sprintf("%.17g", 0.3/sqrt(25)) = 0.059999999999999998.
    /// let s = Slope::with_sd(0.47, 0.3, 25.0, "before")?;
    /// assert!((s.se.unwrap() - 0.059999999999999998).abs() < 1e-15);
    /// assert!(Slope::with_sd(0.47, -0.3, 25.0, "before").is_err()); // a negative SD
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn with_sd(value: f64, sd: f64, n: f64, location: &str) -> Result<Slope> {
        check_sd(sd, &format!("sd-{location}"))?;
        check_n(n, 1.0, &format!("n-{location}"), "")?;
        Ok(Slope {
            value,
            se: Some(sd / n.sqrt()),
        })
    }
}

/// The before and after slopes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlopeChange {
    pub before: Slope,
    pub after: Slope,
}

/// Note on results that have no interval.
pub const NOT_ESTIMABLE: &str = "not estimable: no SD reported";
const INDEPENDENCE: &str =
    "before and after slopes treated as independent (their covariance is not reported)";

/// Percent slowing of a rate of decline, 100·(before − after)/before = 100·(1 − after/before):
/// positive when the decline slowed (0.47 → 0.25 points a month is 46.8 % slower). The one
/// definition: SLOWING here, and `percent_slowing(before, after)` in the expectations of the
/// study files (`crate::expression`).
///
/// ```
/// use trialstats_stats::effect::slope::percent_slowing;
/// // Source 001 (Muse cells in ALS): ALSFRS-R fell 0.47 points a month before and 0.25 after.
/// assert!((percent_slowing(0.47, 0.25) - 100.0 * 0.22 / 0.47).abs() < 1e-12); // 46.8 %
/// ```
pub fn percent_slowing(before: f64, after: f64) -> f64 {
    100.0 * (1.0 - after / before)
}

/// The three slope measures (difference, ratio, percent slowing), in that order.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{slope_change, Slope, SlopeChange};
/// // ALSFRS-R fell 0.47 (SE 0.06) points a month before and 0.25 (SE 0.05) after, independent.
/// // R: est <- c(a=0.25, b=0.47); V <- diag(c(0.05^2, 0.06^2)); car::deltaMethod(est, "a-b",
/// // vcov.=V)$SE = 0.078102496759066553 and car::deltaMethod(est, "100*(b-a)/b", vcov.=V)$SE =
/// // 12.620735047035447 (tests/effect_slope_convert.rs).
/// let change = SlopeChange {
///     before: Slope { value: 0.47, se: Some(0.06) },
///     after: Slope { value: 0.25, se: Some(0.05) },
/// };
/// let rows = slope_change(&change, ConfidenceLevel::NINETY_FIVE)?; // difference, ratio, slowing
/// let (difference, ratio, slowing) = (&rows[0], &rows[1], &rows[2]);
/// assert!((difference.estimate - -0.22).abs() < 1e-12);
/// assert!((difference.se.unwrap() - 0.078102496759066553).abs() < 1e-12);
/// assert!((ratio.estimate - 0.25 / 0.47).abs() < 1e-12);
/// assert!((slowing.se.unwrap() - 12.620735047035447).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn slope_change(change: &SlopeChange, level: ConfidenceLevel) -> Result<Vec<EffectSize>> {
    let (b, a) = (change.before.value, change.after.value);
    check_finite(b, "slope-before", "the before slope")?;
    check_finite(a, "slope-after", "the after slope")?;
    for (se, location) in [
        (change.before.se, "se-before"),
        (change.after.se, "se-after"),
    ] {
        if let Some(se) = se {
            check_positive(se, location, "the standard error")?;
        }
    }
    if b == 0.0 {
        return Err(Error::input(
            "slope-before",
            "the before slope is 0, so the ratio and the percent slowing are undefined",
        ));
    }
    let ratio = a / b;
    let too_large = |location: &str, what: &str| {
        Error::input(
            location,
            format!(
                "{what} overflows for these slopes (beyond the largest double, about ±1.8e308); rescale them, e.g. to other time units"
            ),
        )
    };
    if !(a - b).is_finite() {
        return Err(too_large(
            "slope-after",
            "the change in slope after − before",
        ));
    }
    if !(100.0 * (1.0 - ratio)).is_finite() {
        return Err(too_large("slope-before", "the ratio after / before"));
    }
    let point = |code, estimate| EffectSize {
        study: None,
        measure: code,
        estimate,
        variance: None,
        se: None,
        ci_lower: None,
        ci_upper: None,
        level,
        r: None,
        notes: Vec::new(),
    };
    let (Some(se_b), Some(se_a)) = (change.before.se, change.after.se) else {
        return Ok(vec![
            point(MeasureCode::SlopeDifference, a - b).with_note(NOT_ESTIMABLE),
            point(MeasureCode::SlopeRatio, ratio).with_note(NOT_ESTIMABLE),
            point(MeasureCode::PercentSlowing, percent_slowing(b, a)).with_note(NOT_ESTIMABLE),
        ]);
    };
    let var_difference = se_a * se_a + se_b * se_b;
    let var_ratio = (se_a * se_a + ratio * ratio * se_b * se_b) / (b * b);
    if !(var_difference.is_finite() && (1e4 * var_ratio).is_finite()) {
        return Err(too_large(
            "se-after",
            "the variance of the change or of the ratio",
        ));
    }
    let difference = EffectSize::wald(MeasureCode::SlopeDifference, a - b, var_difference, level)
        .with_note(INDEPENDENCE);
    let mut ratio_effect = EffectSize::wald(MeasureCode::SlopeRatio, ratio, var_ratio, level);
    if ratio > 0.0 {
        let se_log = ((se_a / a).powi(2) + (se_b / b).powi(2)).sqrt();
        let z = level.z_crit();
        ratio_effect = ratio_effect
            .with_interval(
                (ratio.ln() - z * se_log).exp(),
                (ratio.ln() + z * se_log).exp(),
            )
            .with_note("interval on the log-ratio scale");
    }
    ratio_effect = ratio_effect.with_note(INDEPENDENCE);
    let mut slowing = EffectSize::wald(
        MeasureCode::PercentSlowing,
        percent_slowing(b, a),
        1e4 * var_ratio,
        level,
    );
    if let (Some(lower), Some(upper)) = (ratio_effect.ci_lower, ratio_effect.ci_upper) {
        slowing = slowing.with_interval(100.0 * (1.0 - upper), 100.0 * (1.0 - lower));
    }
    slowing = slowing.with_note(INDEPENDENCE);
    let effects = vec![difference, ratio_effect, slowing];
    if effects
        .iter()
        .flat_map(|e| [e.ci_lower, e.ci_upper])
        .flatten()
        .any(|v| !v.is_finite())
    {
        return Err(too_large("se-after", "a confidence interval"));
    }
    Ok(effects)
}
