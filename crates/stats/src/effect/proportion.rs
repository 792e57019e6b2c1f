//! One proportion, events out of n: PR, PLO and PLN as metafor's `escalc` (`add = 1/2,
//! to = "only0"`, `vtype = "LS"`), PAS and PFT (no cell added, as metafor's `add = 0` for
//! them), with a Wald, Wilson or Clopper–Pearson interval (transformed to the measure's
//! scale; PFT, whose transformation depends on n, has the Wald interval only).

use super::{CiMethod, EffectSize, Family, check_count, check_n, wrong_family};
use super::{MeasureCode, ZERO_CELL_NOTE};
use crate::dist::qbeta;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// Events out of n.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    pub events: f64,
    pub n: f64,
}

impl Proportion {
    fn validate(&self) -> Result<()> {
        check_count(self.events, "events")?;
        check_n(self.n, 1.0, "n", "")?;
        if self.events > self.n {
            return Err(Error::input(
                "events",
                format!(
                    "the number of events ({}) is larger than n ({})",
                    self.events, self.n
                ),
            ));
        }
        Ok(())
    }
}

/// The Wilson (1927) score interval for x/n (R `prop.test(x, n, correct = FALSE)`):
/// (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n).
pub fn wilson_interval(events: f64, n: f64, level: ConfidenceLevel) -> (f64, f64) {
    let p = events / n;
    let z = level.z_crit();
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denom = 1.0 + z2 / n;
    (
        ((centre - half) / denom).max(0.0),
        ((centre + half) / denom).min(1.0),
    )
}

/// The largest n for which [`proportion`] computes the exact (Clopper–Pearson) interval: its
/// beta quantiles take up to about a second at n = 10¹² (the work grows as √n near the
/// centre of the distribution). Beyond it the Wilson interval agrees with the exact one to
/// many digits.
pub const EXACT_MAX_N: f64 = 1e12;

/// The Clopper–Pearson (1934) exact interval for x/n (R `binom.test`): beta quantiles
/// B(α/2; x, n − x + 1) and B(1 − α/2; x + 1, n − x), with 0 and 1 at the edges. NaN ends
/// mean the quantiles could not be computed (n far beyond [`EXACT_MAX_N`]).
pub fn clopper_pearson_interval(events: f64, n: f64, level: ConfidenceLevel) -> (f64, f64) {
    let alpha = level.alpha();
    let lower = if events <= 0.0 {
        0.0
    } else {
        qbeta(alpha / 2.0, events, n - events + 1.0)
    };
    let upper = if events >= n {
        1.0
    } else {
        qbeta(1.0 - alpha / 2.0, events + 1.0, n - events)
    };
    (lower, upper)
}

/// The proportion measure `code` with an interval by `ci`.
///
/// Estimate and variance are metafor's (after the zero-cell correction when x = 0 or x = n,
/// for PR, PLO and PLN): PR p with variance p(1 − p)/n; PLO ln(p/(1 − p)) with variance
/// 1/x + 1/(n − x); PLN ln p with variance 1/x − 1/n; PAS asin √p with variance 1/(4n);
/// PFT ½(asin √(x/(n + 1)) + asin √((x + 1)/(n + 1))) with variance 1/(4n + 2) (Freeman &
/// Tukey 1950; the last two without the correction).
/// The Wilson and exact intervals are computed from the uncorrected x/n (as `prop.test` and
/// `binom.test`) and, for PLO, transformed to the logit scale.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{proportion, CiMethod, MeasureCode, Proportion};
/// // 12 of 40. R: escalc("PR", xi=12, ni=40) gives yi 0.3, vi 0.00525 and the Wald
/// // interval 0.15798711745533733 to 0.44201288254466264 (metafor 3.8.1).
/// let p = Proportion { events: 12.0, n: 40.0 };
/// let e = proportion(MeasureCode::PR, &p, ConfidenceLevel::NINETY_FIVE, CiMethod::Wald)?;
/// assert!((e.estimate - 0.3).abs() < 1e-12);
/// assert!((e.ci_lower.unwrap() - 0.15798711745533733).abs() < 1e-9);
/// assert!((e.ci_upper.unwrap() - 0.44201288254466264).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn proportion(
    code: MeasureCode,
    input: &Proportion,
    level: ConfidenceLevel,
    ci: CiMethod,
) -> Result<EffectSize> {
    if code.family() != Family::Proportion {
        return Err(wrong_family(code, Family::Proportion));
    }
    input.validate()?;
    let (mut x, mut m) = (input.events, input.n - input.events);
    // metafor adds nothing for the arcsine transformations (its `add = 0` for PAS and PFT).
    let corrected = (x == 0.0 || m == 0.0) && !matches!(code, MeasureCode::PAS | MeasureCode::PFT);
    if corrected {
        x += 0.5;
        m += 0.5;
    }
    let p = x / (x + m);
    let logit = |q: f64| (q / (1.0 - q)).ln();
    let mut result = match code {
        MeasureCode::PR => EffectSize::wald(code, p, p * (1.0 - p) / (x + m), level),
        MeasureCode::PLO => EffectSize::wald(code, logit(p), 1.0 / x + 1.0 / m, level),
        MeasureCode::PLN => EffectSize::wald(code, p.ln(), 1.0 / x - 1.0 / (x + m), level),
        MeasureCode::PAS => EffectSize::wald(code, p.sqrt().asin(), 1.0 / (4.0 * (x + m)), level),
        MeasureCode::PFT => {
            let n = x + m;
            let estimate =
                0.5 * ((x / (n + 1.0)).sqrt().asin() + ((x + 1.0) / (n + 1.0)).sqrt().asin());
            EffectSize::wald(code, estimate, 1.0 / (4.0 * n + 2.0), level)
        }
        other => return Err(wrong_family(other, Family::Proportion)),
    };
    if code == MeasureCode::PFT && ci != CiMethod::Wald {
        return Err(Error::input(
            "ci",
            "the Freeman-Tukey transformation depends on n, so a Wilson or exact interval of the proportion has no PFT counterpart; use the Wald interval (metafor's)",
        ));
    }
    if corrected {
        result = result.with_note(ZERO_CELL_NOTE);
    }
    let interval = interval_of_proportion(input, level, ci)?;
    if let Some(((lower, upper), note)) = interval {
        if (code == MeasureCode::PLO && (lower <= 0.0 || upper >= 1.0))
            || (code == MeasureCode::PLN && lower <= 0.0)
        {
            // The interval of the proportion reaches 0 or 1, whose logit is −∞ or +∞.
            return Err(Error::input(
                "ci",
                format!(
                    "the {} interval of {}/{} reaches {}, whose {} is infinite; use PR for this proportion, or the Wald interval (metafor's, after adding 1/2 to the cells)",
                    if ci == CiMethod::Exact {
                        "exact"
                    } else {
                        "Wilson"
                    },
                    crate::output::human_number(input.events),
                    crate::output::human_number(input.n),
                    if lower <= 0.0 { "0" } else { "1" },
                    if code == MeasureCode::PLO {
                        "logit"
                    } else {
                        "log"
                    }
                ),
            ));
        }
        result = match code {
            MeasureCode::PLO => result.with_interval(logit(lower), logit(upper)),
            MeasureCode::PLN => result.with_interval(lower.ln(), upper.ln()),
            MeasureCode::PAS => result.with_interval(lower.sqrt().asin(), upper.sqrt().asin()),
            _ => result.with_interval(lower, upper),
        }
        .with_note(note);
    }
    Ok(result)
}

/// An interval of the uncorrected events/n on the proportion scale by `ci` (Wilson or
/// Clopper–Pearson) with its note; `None` for the Wald interval (the measure's own).
fn interval_of_proportion(
    input: &Proportion,
    level: ConfidenceLevel,
    ci: CiMethod,
) -> Result<Option<((f64, f64), &'static str)>> {
    Ok(match ci {
        CiMethod::Wald => None,
        CiMethod::Wilson => Some((
            wilson_interval(input.events, input.n, level),
            "Wilson score interval from the uncorrected events/n",
        )),
        CiMethod::Exact => {
            if input.n > EXACT_MAX_N {
                return Err(Error::input(
                    "n",
                    format!(
                        "the exact (Clopper-Pearson) interval is computed for n up to {EXACT_MAX_N:e} (got {}); at such sizes use {{field:ci}} wilson, which agrees with it closely",
                        crate::output::human_number(input.n)
                    ),
                ));
            }
            let (lower, upper) = clopper_pearson_interval(input.events, input.n, level);
            if !(lower.is_finite() && upper.is_finite()) {
                return Err(Error::numerical(format!(
                    "the exact interval for {} events out of {} could not be computed",
                    crate::output::human_number(input.events),
                    crate::output::human_number(input.n)
                )));
            }
            Some((
                (lower, upper),
                "Clopper-Pearson exact interval from the uncorrected events/n",
            ))
        }
    })
}

// Reference values are R's sprintf("%.17g") printout, kept verbatim.
#[cfg(test)]
mod tests {
    use super::*;

    fn cp_close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    #[test]
    fn clopper_pearson_matches_r_binom_test() {
        // R 4.2.2: sprintf("%.17g", binom.test(5, 7)$conf.int)
        let (lo, hi) = clopper_pearson_interval(5.0, 7.0, ConfidenceLevel::NINETY_FIVE);
        cp_close(lo, 0.29042086373734272);
        cp_close(hi, 0.96330743382391448);
        // binom.test(812, 2080)$conf.int
        let (lo, hi) = clopper_pearson_interval(812.0, 2080.0, ConfidenceLevel::NINETY_FIVE);
        cp_close(lo, 0.369346358118122);
        cp_close(hi, 0.41173232929975268);
        // binom.test(97, 2080)$conf.int
        let (lo, hi) = clopper_pearson_interval(97.0, 2080.0, ConfidenceLevel::NINETY_FIVE);
        cp_close(lo, 0.037977544543583271);
        cp_close(hi, 0.05659619575266106);
        // binom.test(5, 7, conf.level = 0.9)$conf.int
        let (lo, hi) = clopper_pearson_interval(5.0, 7.0, ConfidenceLevel::new(0.9).unwrap());
        cp_close(lo, 0.341261436155336);
        cp_close(hi, 0.9466244995297628);
    }

    #[test]
    fn clopper_pearson_ends_at_zero_and_all_events() {
        // binom.test(0, 10)$conf.int = 0, 0.30849710781876083
        let (lo, hi) = clopper_pearson_interval(0.0, 10.0, ConfidenceLevel::NINETY_FIVE);
        assert_eq!(lo, 0.0);
        cp_close(hi, 0.30849710781876083);
        // binom.test(10, 10)$conf.int = 0.69150289218123917, 1
        let (lo, hi) = clopper_pearson_interval(10.0, 10.0, ConfidenceLevel::NINETY_FIVE);
        cp_close(lo, 0.69150289218123917);
        assert_eq!(hi, 1.0);
    }
}
