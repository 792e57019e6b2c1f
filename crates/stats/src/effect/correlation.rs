//! One correlation coefficient r from n people: COR (r itself) and ZCOR (Fisher's r-to-z
//! transformation), as metafor's `escalc(measure = "COR" | "ZCOR", ri, ni)` with its default
//! `vtype = "LS"`.
//!
//! COR: yi = r with the large-sample variance (1 − r²)² / (n − 1); ZCOR: yi = atanh r =
//! ½ ln((1 + r)/(1 − r)) with variance 1/(n − 3) (Fisher 1921). As metafor, the variance is not
//! estimable (NA) for n ≤ 3. A ZCOR of r = ±1 is infinite and refused. A pooled z is read back
//! as a correlation by tanh (metafor's `transf.ztor`).

use super::{EffectSize, Family, MeasureCode, check_n, wrong_family};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// A correlation coefficient and the number of people it was computed from.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{correlation, Correlation, MeasureCode};
/// // r = 0.62 from 15 people (dat.mcdaniel1994, row 13). R: escalc(measure = "COR", ri = 0.62,
/// // ni = 15) gives yi 0.62, vi 0.027068811428571423 = (1 − 0.62²)²/14 (metafor 3.8-1,
/// // tests/effect_correlation.rs).
/// let c = Correlation { r: 0.62, n: 15.0 };
/// let e = correlation(MeasureCode::COR, &c, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((e.estimate - 0.62).abs() < 1e-15);
/// assert!((e.variance.unwrap() - 0.027068811428571423).abs() < 1e-15);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Correlation {
    pub r: f64,
    pub n: f64,
}

/// The correlation measure `code` (COR or ZCOR) with its Wald interval.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{Correlation, MeasureCode, correlation};
/// // Fisher's z of r = 0.5 from 30 patients: atanh(0.5) = 0.54930614433405485, variance
/// // 1/(30 − 3) (metafor's escalc("ZCOR", ri=0.5, ni=30) gives the same).
/// let e = correlation(MeasureCode::ZCOR, &Correlation { r: 0.5, n: 30.0 }, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((e.estimate - 0.54930614433405485).abs() < 1e-15);
/// assert!((e.variance.unwrap() - 1.0 / 27.0).abs() < 1e-15);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn correlation(
    code: MeasureCode,
    input: &Correlation,
    level: ConfidenceLevel,
) -> Result<EffectSize> {
    if code.family() != Family::Correlation {
        return Err(wrong_family(code, Family::Correlation));
    }
    let (r, n) = (input.r, input.n);
    if !(r.is_finite() && r.abs() <= 1.0) {
        return Err(Error::input(
            "r",
            format!("{r} is not a correlation; it must be between -1 and 1"),
        ));
    }
    check_n(n, 1.0, "n", "")?;
    // metafor: vi is NA for ni <= 3 (EffectSize::wald turns the NaN into "not estimable").
    let variance = |v: f64| if n <= 3.0 { f64::NAN } else { v };
    let effect = match code {
        MeasureCode::COR => {
            EffectSize::wald(code, r, variance((1.0 - r * r).powi(2) / (n - 1.0)), level)
        }
        MeasureCode::ZCOR => {
            if r.abs() == 1.0 {
                return Err(Error::input(
                    "r",
                    format!(
                        "{r}: Fisher's z of a correlation of ±1 is infinite; ZCOR needs -1 < r < 1"
                    ),
                ));
            }
            EffectSize::wald(code, r.atanh(), variance(1.0 / (n - 3.0)), level)
        }
        other => return Err(wrong_family(other, Family::Correlation)),
    };
    Ok(if n <= 3.0 {
        effect.with_note(
            "the sampling variance is not estimable from 3 or fewer people (as metafor's NA)",
        )
    } else {
        effect
    })
}

/// A Fisher z (or a limit of its interval) back on the correlation scale: tanh z (metafor's
/// `transf.ztor`).
pub fn z_to_r(z: f64) -> f64 {
    z.tanh()
}
