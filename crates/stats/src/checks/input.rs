//! What the single checks accept from a user (`trialstats check grim …`): one function per
//! kind of input, each refusing a bad value with the option named and what is allowed. The
//! study data reach the checks already validated by `crate::study`.

use super::Grid;
use crate::error::{Error, Result};
use crate::reported::{ReportedNumber, Scale};

/// Largest sample size accepted (keeps the exact arithmetic in range).
pub const MAX_N: u64 = 1_000_000_000;

/// Most distinct samples SPRITE may be asked for.
pub const MAX_SAMPLES: usize = 100_000;

/// Largest denominator `check percent` lists possible counts up to.
pub const MAX_LISTED_N: u64 = 1_000_000;

/// A number as written, given to `option`.
pub fn number(text: &str, option: &str) -> Result<ReportedNumber> {
    Ok(ReportedNumber::parse(text, option)?)
}

/// An SD or SEM as written: a number ≥ 0.
pub fn spread(text: &str, option: &str) -> Result<ReportedNumber> {
    let v = number(text, option)?;
    if v.value < 0.0 {
        return Err(Error::input(
            option,
            format!(
                "{}: an SD or SEM cannot be negative; give a number ≥ 0",
                v.text
            ),
        ));
    }
    Ok(v)
}

/// A sample size from 1 to [`MAX_N`], given to `--n` (as typed: a negative number is
/// refused here with what is allowed).
pub fn sample_size(n: i64) -> Result<u64> {
    match u64::try_from(n) {
        Ok(n) if (1..=MAX_N).contains(&n) => Ok(n),
        _ => Err(Error::field(
            "n",
            format!("the sample size must be a whole number from 1 to {MAX_N}, got {n}"),
        )),
    }
}

/// The mean of a 0/1 outcome (a proportion), for DEBIT.
pub fn proportion(text: &str, option: &str) -> Result<ReportedNumber> {
    let mean = number(text, option)?;
    if !(0.0..=1.0).contains(&mean.value) {
        return Err(Error::input(
            option,
            format!(
                "{} is not a proportion; DEBIT needs the mean of a 0/1 outcome, between 0 and 1",
                mean.text
            ),
        ));
    }
    Ok(mean)
}

/// A percentage from 0 to 100.
pub fn percent(text: &str) -> Result<ReportedNumber> {
    let percent = number(text, "{field:percent}")?;
    if !(0.0..=100.0).contains(&percent.value) {
        return Err(Error::field(
            "percent",
            format!("{}: a percentage lies between 0 and 100", percent.text),
        ));
    }
    Ok(percent)
}

/// The largest denominator to list, from 1 to [`MAX_LISTED_N`].
pub fn listed_n(max_n: i64) -> Result<u64> {
    match u64::try_from(max_n) {
        Ok(m) if (1..=MAX_LISTED_N).contains(&m) => Ok(m),
        _ => Err(Error::field(
            "max_n",
            format!("must be a whole number from 1 to {MAX_LISTED_N}, got {max_n}"),
        )),
    }
}

/// How many SPRITE samples to find, from 1 to [`MAX_SAMPLES`].
pub fn samples(k: i64) -> Result<usize> {
    match usize::try_from(k) {
        Ok(k) if (1..=MAX_SAMPLES).contains(&k) => Ok(k),
        _ => Err(Error::field(
            "samples",
            format!("must be a whole number from 1 to {MAX_SAMPLES}, got {k}"),
        )),
    }
}

/// The grid of a step for the mean of `items` items.
pub fn grid(step: &str, items: i64) -> Result<Grid> {
    let items = items_count(items)?;
    Ok(Grid::new(
        &number(step, "{field:step}")?,
        items,
        "{field:step}",
    )?)
}

fn items_count(items: i64) -> Result<u32> {
    match u32::try_from(items) {
        Ok(k) if k >= 1 => Ok(k),
        _ => Err(Error::field(
            "items",
            format!("the number of items must be a whole number of at least 1, got {items}"),
        )),
    }
}

/// A scale from `--min`, `--max` (either may be open) and, when discrete, `--step` with
/// `--items`: the maximum above the minimum, the step positive, the bounds on the step's
/// grid.
pub fn scale(
    min: Option<&str>,
    max: Option<&str>,
    step: Option<&str>,
    items: i64,
) -> Result<Scale> {
    let scale = Scale::new(
        min.map(|m| number(m, "{field:min}")).transpose()?,
        max.map(|m| number(m, "{field:max}")).transpose()?,
        step.map(|s| number(s, "{field:step}")).transpose()?,
    )
    .map_err(|why| {
        let option = if why.starts_with("the minimum") {
            "{field:min}"
        } else if why.starts_with("the maximum") {
            "{field:max}"
        } else {
            "{field:step}"
        };
        Error::input(option, why)
    })?
    .with_items(items_count(items)?)
    .map_err(|why| Error::field("items", why))?;
    let grid = scale.grid("{field:step}")?;
    scale.bounds_in_steps(grid)?;
    Ok(scale)
}
