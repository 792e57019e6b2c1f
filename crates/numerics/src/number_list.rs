//! Comma-separated numbers given to one option: `--grid 0.2,0.5,0.8`, `--before 2.9,1.1`,
//! `--tau-prior half-t:0.5,3`, `--selmodel-delta 1,NA`.
//!
//! The one reader of such lists, used by the command line and by the library's own parsers of
//! option values (priors, selection-model settings), so every option refuses a bad entry in
//! the same words and names itself. Entries are trimmed; each must be a finite number (R's
//! `NA` only where the caller allows a missing entry). Numbers in documents are read by
//! `text::TextNumber` and [`crate::reported::ReportedNumber`] instead: a list on the
//! command line is written by the user, not printed by a paper.

use crate::{Error, Result};

/// Split `text` on commas, trimmed; an empty or blank `text` has no entries.
fn entries(text: &str) -> Vec<&str> {
    if text.trim().is_empty() {
        Vec::new()
    } else {
        text.split(',').map(str::trim).collect()
    }
}

/// One entry as a finite number, or an error naming `option`, the entry and `expected`.
fn finite(option: &str, entry: &str, what: &str, expected: &str) -> Result<f64> {
    entry
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| {
            let what = if what.is_empty() {
                String::new()
            } else {
                format!("{what} ")
            };
            Error::input(
                option,
                format!("{what}'{entry}' is not a number; expected {expected}"),
            )
        })
}

/// Entries of a list that must not be empty, each read by `entry` (errors say `expected`).
fn list<T>(
    option: &str,
    text: &str,
    expected: &str,
    entry: impl Fn(&str) -> Result<T>,
) -> Result<Vec<T>> {
    let parts = entries(text);
    if parts.is_empty() {
        return Err(Error::input(
            option,
            format!("no value given; expected {expected}"),
        ));
    }
    parts.into_iter().map(entry).collect()
}

/// Any number (at least one) of finite numbers (`0.2,0.5,0.8`).
///
/// ```
/// use trialstats_numerics::number_list::numbers;
/// assert_eq!(numbers("--grid", "0.2,0.5, 0.8")?, vec![0.2, 0.5, 0.8]);
/// assert!(numbers("--grid", "0.2,,0.8").is_err()); // the error names --grid
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn numbers(option: &str, text: &str) -> Result<Vec<f64>> {
    numbers_expecting(option, text, "a comma-separated list of numbers")
}

/// As [`numbers`], with what the errors say is expected given by the caller (`p-value cut
/// points such as 0.025,0.5`).
pub fn numbers_expecting(option: &str, text: &str, expected: &str) -> Result<Vec<f64>> {
    list(option, text, expected, |p| finite(option, p, "", expected))
}

/// Finite numbers or `NA` (any case) for a missing entry (`1,NA,0.5`), as R writes them.
///
/// ```
/// use trialstats_numerics::number_list::numbers_or_na;
/// assert_eq!(numbers_or_na("--sd", "1,NA,0.5")?, [Some(1.0), None, Some(0.5)]);
/// assert!(numbers_or_na("--sd", "1,inf").is_err()); // not a finite number
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn numbers_or_na(option: &str, text: &str) -> Result<Vec<Option<f64>>> {
    const EXPECTED: &str = "a comma-separated list of numbers or NA";
    list(option, text, EXPECTED, |p| {
        if p.eq_ignore_ascii_case("NA") {
            Ok(None)
        } else {
            finite(option, p, "", EXPECTED).map(Some)
        }
    })
}

/// Exactly `names.len()` finite numbers, one per name (`2.9,1.1` for `["MEAN", "SD"]`); errors
/// show the form as `MEAN,SD`.
///
/// ```
/// use trialstats_numerics::number_list::named_numbers;
/// assert_eq!(named_numbers("--arm", "2.9,1.1", &["MEAN", "SD"])?, [2.9, 1.1]);
/// // Three values for two names: the error shows the form expected.
/// let e = named_numbers("--arm", "2.9,1.1,7", &["MEAN", "SD"]).unwrap_err().to_string();
/// assert!(e.contains("--arm") && e.contains("MEAN,SD"));
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn named_numbers(option: &str, text: &str, names: &[&str]) -> Result<Vec<f64>> {
    named_numbers_in(option, text, names, &names.join(","))
}

/// As [`named_numbers`], with the form the errors show given by the caller (`half-t:S,DF`
/// where the numbers follow a name).
pub fn named_numbers_in(option: &str, text: &str, names: &[&str], form: &str) -> Result<Vec<f64>> {
    let parts = entries(text);
    if parts.len() != names.len() {
        return Err(Error::input(
            option,
            format!(
                "'{text}' has {} value(s); expected {} as {form}",
                parts.len(),
                names.len()
            ),
        ));
    }
    parts
        .iter()
        .zip(names)
        .map(|(p, name)| finite(option, p, name, form))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_trimmed_and_bad_entries_named() {
        assert_eq!(numbers("--grid", "0.2, 0.5,0.8").unwrap(), [0.2, 0.5, 0.8]);
        let e = numbers("--grid", "0.2,x").unwrap_err().to_string();
        assert!(
            e.contains("--grid") && e.contains("'x' is not a number"),
            "{e}"
        );
        assert!(numbers("--grid", " ").is_err());
        assert!(numbers("--grid", "0.2,inf").is_err());
        assert!(numbers("--grid", "NaN").is_err());
    }

    #[test]
    fn na_is_missing_only_where_allowed() {
        assert_eq!(
            numbers_or_na("--d", "1,NA,na").unwrap(),
            [Some(1.0), None, None]
        );
        assert!(numbers("--d", "1,NA").is_err());
    }

    #[test]
    fn named_lists_need_exactly_one_value_per_name() {
        assert_eq!(
            named_numbers("--before", "2.9,1.1", &["MEAN", "SD"]).unwrap(),
            [2.9, 1.1]
        );
        let e = named_numbers("--before", "2.9", &["MEAN", "SD"])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("--before: '2.9' has 1 value(s); expected 2 as MEAN,SD"),
            "{e}"
        );
        let e = named_numbers_in("--tau-prior", "a", &["S"], "half-normal:S")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("S 'a' is not a number; expected half-normal:S"),
            "{e}"
        );
    }
}
