//! Events over person-time: one incidence rate (IR) with a Wald or exact Poisson interval,
//! and two-group comparisons (IRR, IRD), as metafor's `escalc` (`add = 1/2, to = "only0"`).

use super::{check_count, check_positive, wrong_family};
use super::{CiMethod, EffectSize, Family};
use super::{MeasureCode, ZERO_CELL_NOTE};
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
pub fn incidence_rate(
    input: &PersonTime,
    level: ConfidenceLevel,
    ci: CiMethod,
) -> Result<EffectSize> {
    input.validate("events", "time")?;
    let corrected = input.events == 0.0;
    let x = if corrected { 0.5 } else { input.events };
    let t = input.time;
    let mut result = super::two_group::finite_wald(
        MeasureCode::IR,
        x / t,
        x / t / t,
        level,
        ("events", "time"),
    )?;
    if corrected {
        result = result.with_note(ZERO_CELL_NOTE);
    }
    match ci {
        CiMethod::Wald => Ok(result),
        CiMethod::Exact => {
            let (lower, upper) = poisson_exact_interval(input.events, t, level);
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
