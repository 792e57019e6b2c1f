//! Parsing of the compound command-line values shared by several commands (`MEAN,SD`,
//! `MEAN,SD,N`, comma-separated lists), with errors that name the option.

use trialstats::{Error, Result};

/// Parse a comma-separated list of numbers given to `option`, requiring exactly `names.len()`
/// parts; `names` says what each part is for the error message.
pub fn numbers(option: &str, text: &str, names: &[&str]) -> Result<Vec<f64>> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let form = names.join(",");
    if parts.len() != names.len() {
        return Err(Error::input(
            option,
            format!("'{text}' has {} part(s); expected {form}", parts.len()),
        ));
    }
    parts
        .iter()
        .zip(names)
        .map(|(p, name)| {
            p.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    Error::input(
                        option,
                        format!("{name} '{p}' is not a number (expected {form})"),
                    )
                })
        })
        .collect()
}

/// Parse a comma-separated list of any length.
pub fn number_list(option: &str, text: &str) -> Result<Vec<f64>> {
    text.split(',')
        .map(str::trim)
        .map(|p| {
            p.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    Error::input(
                        option,
                        format!(
                            "'{p}' is not a number (expected a comma-separated list of numbers)"
                        ),
                    )
                })
        })
        .collect()
}
