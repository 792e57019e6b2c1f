//! Parsing of the compound command-line values shared by several commands (`MEAN,SD`,
//! `MEAN,SD,N`, comma-separated lists), with errors that name the option.

use trialstats::{Error, Result};

/// One number of a comma-separated value given to `option`; `name` says what it is.
fn number(option: &str, part: &str, name: &str, form: &str) -> Result<f64> {
    part.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| {
            Error::input(
                option,
                format!("{name} '{part}' is not a number; expected {form}"),
            )
        })
}

/// Parse `text` given to `option` as exactly `names.len()` comma-separated numbers
/// (`"2.9,1.1"` with names `["MEAN", "SD"]`).
pub fn numbers(option: &str, text: &str, names: &[&str]) -> Result<Vec<f64>> {
    let form = names.join(",");
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
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
        .map(|(p, name)| number(option, p, name, &form))
        .collect()
}

/// Parse a comma-separated list of numbers of any length.
pub fn number_list(option: &str, text: &str) -> Result<Vec<f64>> {
    text.split(',')
        .map(|p| {
            number(
                option,
                p.trim(),
                "value",
                "a comma-separated list of numbers",
            )
        })
        .collect()
}

/// Refuse to write `output` when it is one of `inputs` (compared as canonical paths, so
/// `./x.csv` and `../dir/x.csv` are the same file): the tool never overwrites its input.
pub fn refuse_overwrite(
    option: &str,
    output: &std::path::Path,
    inputs: &[&std::path::Path],
) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // the output does not exist yet, so it is no input
    };
    if inputs
        .iter()
        .any(|i| i.canonicalize().is_ok_and(|i| i == out))
    {
        return Err(Error::input(
            option,
            format!(
                "'{}' would overwrite the input file; give another file name",
                output.display()
            ),
        ));
    }
    Ok(())
}

/// A chart size from `--width` and `--height` as typed (negative values reach the library's
/// range check instead of clap's "unexpected argument").
pub fn size(width: i64, height: i64) -> Result<trialstats::plot::Size> {
    let side = |v: i64, option: &str| {
        u32::try_from(v).map_err(|_| {
            Error::input(
                option,
                format!(
                    "{v} pixels is out of range; allowed: {} to {}",
                    trialstats::plot::Size::MIN,
                    trialstats::plot::Size::MAX
                ),
            )
        })
    };
    trialstats::plot::Size::new(side(width, "--width")?, side(height, "--height")?)
}

/// A whole number as typed (clap value parser): refuses `28.5` or `x` saying what is allowed;
/// the range is checked by the library, which names the option.
pub fn whole_number(text: &str) -> std::result::Result<i64, String> {
    text.trim().parse::<i64>().map_err(|_| {
        format!("'{text}' is not a whole number; give one such as 28 (no decimals, no units)")
    })
}

/// The study `id` of the folder `data`, refused (naming `option`) when there is none,
/// listing the known ids.
pub fn study_by_id(
    data: &std::path::Path,
    id: &str,
    option: &str,
) -> Result<trialstats::study::Study> {
    let known = trialstats::study::study_ids(data)?;
    if !known.iter().any(|k| k == id) {
        let known = if known.is_empty() {
            "none (the folder has no *.toml files)".to_string()
        } else {
            known.join(", ")
        };
        return Err(Error::input(
            option,
            format!("unknown study '{id}' in {}; known: {known}", data.display()),
        ));
    }
    trialstats::study::load_file(&data.join(format!("{id}.toml")))
}
