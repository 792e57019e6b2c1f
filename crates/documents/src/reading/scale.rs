//! Evidence from the scale: a spread that, read one way, needs an SD larger than the scale
//! allows for its mean and n ([`crate::checks::bounds`]), or that no sample of n values on
//! the scale's grid can give ([`crate::checks::grimmer`]), excludes that reading. Passing
//! either check only allows a reading; it does not point to it.
//!
//! The SE of an adjusted mean is checked as an SEM (its SD is about SE·√n), and only for the
//! bound: GRIMMER tests the arithmetic of a raw mean, which an adjusted mean is not.

use super::{Evidence, Fit, Reading, ReadingFit};
use crate::checks::bounds::bounds;
use crate::checks::grimmer::grimmer;
use crate::checks::{Rounding, Status};
use crate::error::Result;
use crate::reported::{ReportedNumber, Scale};

/// Evidence from the scale for the spread `spread` of `mean` over `n` patients (`what`
/// names it: `week_24 of placebo`), for each of `readings`. `None` when the scale has no
/// bound and no step (nothing to check).
pub fn evidence(
    what: &str,
    mean: &ReportedNumber,
    spread: &ReportedNumber,
    n: u64,
    scale: &Scale,
    rounding: Rounding,
    readings: &[Reading],
) -> Result<Option<Evidence>> {
    let bounded = scale.min.is_some() || scale.max.is_some();
    let grid = scale.grid("step")?;
    let binary = scale.min.as_ref().and_then(|v| v.as_integer()) == Some(0)
        && scale.max.as_ref().and_then(|v| v.as_integer()) == Some(1);
    let use_grimmer = grid.is_some() && !binary && n >= 2;
    if !bounded && !use_grimmer {
        return Ok(None);
    }
    let mut fits = Vec::new();
    for &reading in readings {
        let kind = reading.spread_kind();
        let mut excluded = Vec::new();
        let mut allowed = Vec::new();
        if bounded {
            let b = bounds(mean, Some(spread), kind, n, scale, rounding)?;
            match b.status {
                Status::Inconsistent => excluded.push(b.detail),
                _ => allowed.push(b.detail),
            }
        }
        if let (Some(grid), true, false) = (grid, use_grimmer, reading == Reading::AdjustedSe) {
            let g = grimmer(mean, spread, kind, n, grid, rounding)?;
            match g.status {
                Status::Inconsistent => excluded.push(format!("GRIMMER: {}", g.detail)),
                Status::Consistent => allowed.push(format!("GRIMMER: {}", g.detail)),
                _ => {}
            }
        }
        if excluded.is_empty() && allowed.is_empty() {
            continue;
        }
        let approx = if reading == Reading::AdjustedSe {
            " (its SD taken as SE·√n, an approximation)"
        } else {
            ""
        };
        let (fit, words) = if excluded.is_empty() {
            (Fit::Allowed, allowed.join("; "))
        } else {
            (Fit::Excluded, excluded.join("; "))
        };
        fits.push(ReadingFit {
            reading,
            fit,
            short: format!("{what} {} ± {}: {words}", mean.text, spread.text),
            detail: format!(
                "{what} {} ± {} as {}{approx}: {words}",
                mean.text,
                spread.text,
                reading.with_article()
            ),
            recomputed: None,
        });
    }
    if fits.is_empty() {
        return Ok(None);
    }
    Ok(Some(Evidence {
        source: format!(
            "the scale ({what} {} ± {}, n = {n})",
            mean.text, spread.text
        ),
        readings: fits,
        p_only: false,
    }))
}
