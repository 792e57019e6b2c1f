//! Events and totals in two groups (a 2×2 table): RR, OR and RD, as metafor's `escalc`
//! with its defaults `add = 1/2, to = "only0"` (a study with a zero cell gets 1/2 added to all
//! four cells, for the estimate and its variance) and `vtype = "LS"`.

use super::ZERO_CELL_NOTE;
use super::{EffectSize, Family, MeasureCode, check_count, check_n, wrong_family};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// Events and totals in two groups: cells a = events1, b = n1 − events1, c = events2,
/// d = n2 − events2 (metafor's `ai, bi, ci, di`).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{binary, MeasureCode, TwoByTwo};
/// // 0 of 30 against 5 of 31: metafor adds 1/2 to the four cells. R: escalc("OR", ai=0, n1i=30,
/// // ci=5, n2i=31) gives yi -2.5384772234195601, vi 2.2523409161206871; escalc("RD", ...) on
/// // 12/50 against 20/48 gives yi -0.17666666666666669, vi 0.0087116574074074075 (metafor 3.8.1,
/// // tests/effect_reference.rs).
/// let l = ConfidenceLevel::NINETY_FIVE;
/// let or = binary(MeasureCode::OR, &TwoByTwo { events1: 0.0, n1: 30.0, events2: 5.0, n2: 31.0 }, l)?;
/// assert!((or.estimate - -2.5384772234195601).abs() < 1e-12);
/// assert!((or.variance.unwrap() - 2.2523409161206871).abs() < 1e-12);
/// let rd = binary(MeasureCode::RD, &TwoByTwo { events1: 12.0, n1: 50.0, events2: 20.0, n2: 48.0 }, l)?;
/// assert!((rd.estimate - -0.17666666666666669).abs() < 1e-12);
/// assert!((rd.variance.unwrap() - 0.0087116574074074075).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoByTwo {
    pub events1: f64,
    pub n1: f64,
    pub events2: f64,
    pub n2: f64,
}

impl TwoByTwo {
    fn validate(&self) -> Result<()> {
        check_count(self.events1, "events1")?;
        check_count(self.events2, "events2")?;
        check_n(self.n1, 1.0, "n1", "")?;
        check_n(self.n2, 1.0, "n2", "")?;
        for (events, n, location) in [
            (self.events1, self.n1, "events1"),
            (self.events2, self.n2, "events2"),
        ] {
            if events > n {
                return Err(Error::input(
                    location,
                    format!("the number of events ({events}) is larger than the group size ({n})"),
                ));
            }
        }
        Ok(())
    }
}

/// The effect of `code` for a 2×2 table (group 1 versus group 2), with a Wald interval.
///
/// With p1 = a/(a + b), p2 = c/(c + d) after the zero-cell correction:
/// - RR: ln(p1/p2), variance 1/a − 1/(a + b) + 1/c − 1/(c + d) (Katz et al. 1978);
/// - OR: ln(p1/(1 − p1)) − ln(p2/(1 − p2)), variance 1/a + 1/b + 1/c + 1/d (Woolf 1955);
/// - RD: p1 − p2, variance p1(1 − p1)/n1 + p2(1 − p2)/n2.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{binary, MeasureCode, TwoByTwo};
/// // 12 of 50 against 20 of 48. R: escalc("RR", ai=12, n1i=50, ci=20, n2i=48)
/// // gives yi -0.55164761828624598, vi 0.092499999999999999 (metafor 3.8.1).
/// let t = TwoByTwo { events1: 12.0, n1: 50.0, events2: 20.0, n2: 48.0 };
/// let e = binary(MeasureCode::RR, &t, ConfidenceLevel::NINETY_FIVE)?;
/// assert!((e.estimate - -0.55164761828624598).abs() < 1e-12);
/// assert!((e.variance.unwrap() - 0.0925).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn binary(code: MeasureCode, table: &TwoByTwo, level: ConfidenceLevel) -> Result<EffectSize> {
    if code.family() != Family::TwoByTwo {
        return Err(wrong_family(code, Family::TwoByTwo));
    }
    table.validate()?;
    let mut cells = [
        table.events1,
        table.n1 - table.events1,
        table.events2,
        table.n2 - table.events2,
    ];
    let corrected = cells.contains(&0.0);
    if corrected {
        cells.iter_mut().for_each(|x| *x += 0.5);
    }
    let result = binary_from_cells(code, cells, level)?;
    Ok(if corrected {
        result.with_note(ZERO_CELL_NOTE)
    } else {
        result
    })
}

/// The effect of `code` from the four cells `[a, b, c, d]` as they are (no zero-cell
/// correction, no check that they are whole): for callers that add their own increment, such
/// as a network meta-analysis that corrects every arm of a study with a zero cell (netmeta's
/// `pairwise()`).
pub fn binary_from_cells(
    code: MeasureCode,
    cells: [f64; 4],
    level: ConfidenceLevel,
) -> Result<EffectSize> {
    let [a, b, c, d] = cells;
    let (n1, n2) = (a + b, c + d);
    let (p1, p2) = (a / n1, c / n2);
    Ok(match code {
        MeasureCode::RR => EffectSize::wald(
            code,
            p1.ln() - p2.ln(),
            1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2,
            level,
        ),
        MeasureCode::OR => EffectSize::wald(
            code,
            (p1 / (1.0 - p1)).ln() - (p2 / (1.0 - p2)).ln(),
            1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d,
            level,
        ),
        MeasureCode::RD => EffectSize::wald(
            code,
            p1 - p2,
            p1 * (1.0 - p1) / n1 + p2 * (1.0 - p2) / n2,
            level,
        ),
        other => return Err(wrong_family(other, Family::TwoByTwo)),
    })
}
