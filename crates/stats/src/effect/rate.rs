//! Events over person-time: one incidence rate (IR, and its log IRLN, square root IRS and
//! Freeman–Tukey transformation IRFT) with a Wald or exact Poisson interval, and two-group
//! comparisons (IRR, IRD), as metafor's `escalc` (`add = 1/2, to = "only0"` for IR, IRLN,
//! IRR and IRD; nothing added for IRS and IRFT, as metafor's `add = 0` for them).

use super::{CiMethod, EffectSize, Family};
use super::{MeasureCode, ZERO_CELL_NOTE};
use super::{check_count, check_positive, wrong_family};
use crate::dist::qgamma;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// Events observed over a total person-time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PersonTime {
    pub events: f64,
    pub time: f64,
}

impl PersonTime {
    fn validate(&self, events_location: &str, time_location: &str) -> Result<()> {
        check_count(self.events, events_location)?;
        check_positive(self.time, time_location, "the person-time")?;
        Ok(())
    }
}

/// The exact Poisson interval for a rate x/t (Garwood 1936; R `poisson.test`):
/// (G(α/2; x)/t, G(1 − α/2; x + 1)/t) with G the gamma quantile of unit rate, and 0 as the
/// lower limit when x = 0.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::rate::poisson_exact_interval;
/// // R: poisson.test(0, 80)$conf.int is 0 to 0.046110993176424191 (= -log(0.025)/80);
/// // poisson.test(7, 152.3, conf.level=0.9)$conf.int is 0.021571344004561205 to
/// // 0.086330359832121575 (tests/effect_reference.rs).
/// let (lo, hi) = poisson_exact_interval(0.0, 80.0, ConfidenceLevel::NINETY_FIVE);
/// assert_eq!(lo, 0.0);
/// assert!((hi - 0.046110993176424191).abs() < 1e-12);
/// let (lo, hi) = poisson_exact_interval(7.0, 152.3, ConfidenceLevel::new(0.90)?);
/// assert!((lo - 0.021571344004561205).abs() < 1e-9);
/// assert!((hi - 0.086330359832121575).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn poisson_exact_interval(events: f64, time: f64, level: ConfidenceLevel) -> (f64, f64) {
    let alpha = level.alpha();
    let lower = if events <= 0.0 {
        0.0
    } else {
        qgamma(alpha / 2.0, events) / time
    };
    (lower, qgamma(1.0 - alpha / 2.0, events + 1.0) / time)
}

/// The incidence rate (IR) x/t with variance x/t² (metafor, after adding 1/2 when x = 0),
/// with a Wald (`CiMethod::Wald`) or exact Poisson (`CiMethod::Exact`, from the uncorrected
/// count) interval.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{incidence_rate, CiMethod, PersonTime};
/// // 7 relapses in 152.3 patient-years, with the exact interval.
/// // R: poisson.test(7, 152.3)$conf.int is 0.018479074533945285 to 0.094699115966529065.
/// let x = PersonTime { events: 7.0, time: 152.3 };
/// let e = incidence_rate(&x, ConfidenceLevel::NINETY_FIVE, CiMethod::Exact)?;
/// assert!((e.estimate - 7.0 / 152.3).abs() < 1e-15);
/// assert!((e.ci_lower.unwrap() - 0.018479074533945285).abs() < 1e-9);
/// assert!((e.ci_upper.unwrap() - 0.094699115966529065).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn incidence_rate(
    input: &PersonTime,
    level: ConfidenceLevel,
    ci: CiMethod,
) -> Result<EffectSize> {
    rate_measure(MeasureCode::IR, input, level, ci)
}

/// The one-group rate measure `code`: IR (see [`incidence_rate`]); IRLN ln(x/t) with variance
/// 1/x; IRS √(x/t) with variance 1/(4t); IRFT ½(√(x/t) + √((x + 1)/t)) with variance 1/(4t)
/// (metafor's formulas). The exact interval is the Poisson one transformed (IRLN, IRS); IRFT,
/// whose transformation depends on t, has the Wald interval only.
pub fn rate_measure(
    code: MeasureCode,
    input: &PersonTime,
    level: ConfidenceLevel,
    ci: CiMethod,
) -> Result<EffectSize> {
    if code.family() != Family::Rate {
        return Err(wrong_family(code, Family::Rate));
    }
    input.validate("events", "time")?;
    let corrected = input.events == 0.0 && matches!(code, MeasureCode::IR | MeasureCode::IRLN);
    let x = if corrected { 0.5 } else { input.events };
    let t = input.time;
    let (estimate, variance) = match code {
        MeasureCode::IRLN => ((x / t).ln(), 1.0 / x),
        MeasureCode::IRS => ((x / t).sqrt(), 1.0 / (4.0 * t)),
        MeasureCode::IRFT => (
            0.5 * ((x / t).sqrt() + ((x + 1.0) / t).sqrt()),
            1.0 / (4.0 * t),
        ),
        _ => (x / t, x / t / t),
    };
    let mut result =
        super::two_group::finite_wald(code, estimate, variance, level, ("events", "time"))?;
    if corrected {
        result = result.with_note(ZERO_CELL_NOTE);
    }
    match ci {
        CiMethod::Wald => Ok(result),
        CiMethod::Exact if code == MeasureCode::IRFT => Err(Error::input(
            "ci",
            "the Freeman-Tukey transformation depends on the person-time, so the exact interval of the rate has no IRFT counterpart; use the Wald interval (metafor's)",
        )),
        CiMethod::Exact => {
            let (lower, upper) = poisson_exact_interval(input.events, t, level);
            if code == MeasureCode::IRLN && lower <= 0.0 {
                return Err(Error::input(
                    "ci",
                    "the exact interval of a rate with 0 events starts at 0, whose log is infinite; use IR, or the Wald interval (metafor's, after adding 1/2 to the count)",
                ));
            }
            let (lower, upper) = match code {
                MeasureCode::IRLN => (lower.ln(), upper.ln()),
                MeasureCode::IRS => (lower.sqrt(), upper.sqrt()),
                _ => (lower, upper),
            };
            if !(lower.is_finite() && upper.is_finite()) {
                return Err(Error::input(
                    "time",
                    format!(
                        "the exact interval for {} events over a person-time of {} overflows (beyond the largest double, about 1.8e308); rescale the person-time",
                        crate::output::human_number(input.events),
                        crate::output::human_number(t)
                    ),
                ));
            }
            Ok(result
                .with_interval(lower, upper)
                .with_note("exact Poisson interval from the uncorrected count"))
        }
        CiMethod::Wilson => Err(Error::input(
            "ci",
            "the Wilson interval is for proportions; for a rate use wald or exact",
        )),
    }
}

/// Compare two rates (group 1 versus group 2), with a Wald interval:
/// IRR ln(r1/r2) with variance 1/x1 + 1/x2; IRD r1 − r2 with variance r1/t1 + r2/t2
/// (metafor; 1/2 added to both counts when either is 0).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{rate_comparison, MeasureCode, PersonTime};
/// // 7 events in 152.3 years against 15 in 160.1. R: escalc("IRR", x1i=7, t1i=152.3,
/// // x2i=15, t2i=160.1) gives yi -0.71219369194534421, vi 0.2095238095238095 (metafor 3.8.1).
/// let e = rate_comparison(
///     MeasureCode::IRR,
///     &PersonTime { events: 7.0, time: 152.3 },
///     &PersonTime { events: 15.0, time: 160.1 },
///     ConfidenceLevel::NINETY_FIVE,
/// )?;
/// assert!((e.estimate - -0.71219369194534421).abs() < 1e-12);
/// assert!((e.variance.unwrap() - 0.2095238095238095).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn rate_comparison(
    code: MeasureCode,
    group1: &PersonTime,
    group2: &PersonTime,
    level: ConfidenceLevel,
) -> Result<EffectSize> {
    if code.family() != Family::RateComparison {
        return Err(wrong_family(code, Family::RateComparison));
    }
    group1.validate("events1", "time1")?;
    group2.validate("events2", "time2")?;
    let corrected = group1.events == 0.0 || group2.events == 0.0;
    let add = if corrected { 0.5 } else { 0.0 };
    let (x1, x2) = (group1.events + add, group2.events + add);
    let (t1, t2) = (group1.time, group2.time);
    let (r1, r2) = (x1 / t1, x2 / t2);
    let (estimate, variance) = match code {
        MeasureCode::IRR => {
            let log_irr = r1.ln() - r2.ln();
            // rates that over- or underflow still have a finite log ratio
            let log_irr = if log_irr.is_finite() {
                log_irr
            } else {
                (x1.ln() - t1.ln()) - (x2.ln() - t2.ln())
            };
            (log_irr, 1.0 / x1 + 1.0 / x2)
        }
        MeasureCode::IRD => (r1 - r2, r1 / t1 + r2 / t2),
        other => return Err(wrong_family(other, Family::RateComparison)),
    };
    let result =
        super::two_group::finite_wald(code, estimate, variance, level, ("events1", "time1"))?;
    Ok(if corrected {
        result.with_note(ZERO_CELL_NOTE)
    } else {
        result
    })
}
