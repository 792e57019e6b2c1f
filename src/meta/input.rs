//! The studies to pool, read from a CSV file (`trialstats meta FILE.csv`): estimates and
//! their sampling variances (or standard errors) from named columns, or computed from raw
//! columns with metafor's names by an `escalc` code; labels; moderators.
//!
//! A moderator column is numeric when every cell is a finite number and categorical
//! otherwise (treatment coding, levels in the order of [`crate::meta::fitting::moderators`]). A model with
//! more coefficients than studies cannot be fitted and is refused here, naming the
//! moderators that made it so.

use crate::csv_file::CsvFile;
use crate::effect::{self, CiMethod, Family, MeasureCode};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::meta::fitting::moderators::{Moderator, ModeratorValues};
use crate::meta::fitting::spec::MetaData;
use std::path::Path;

/// Where the effects come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Effects {
    /// A column of estimates and a column of sampling variances (`is_se`: standard errors,
    /// squared to give the variances).
    Columns {
        yi: String,
        variance: String,
        is_se: bool,
    },
    /// Computed from raw columns by an `escalc` code; `r` fills a missing `ri` column of the
    /// before/after codes.
    Computed { code: MeasureCode, r: Option<f64> },
}

/// What to read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub effects: Effects,
    /// The label column (default: a column named study, label, author, trial or id, else
    /// the row number).
    pub label: Option<String>,
    /// Moderator columns.
    pub mods: Vec<String>,
    /// The level of the computed effects' intervals (does not change yi or vi).
    pub level: ConfidenceLevel,
}

/// Read the studies of the CSV file at `path`.
pub fn read_csv(path: &Path, columns: &Columns) -> Result<MetaData> {
    Ok(read_csv_with(path, columns, &[])?.0)
}

/// Read the studies, and with them the text of the columns `groupings` names (`(option,
/// column)`, for example `("--subgroup", "alloc")`): one value per study each, none missing.
pub fn read_csv_with(
    path: &Path,
    columns: &Columns,
    groupings: &[(&str, &str)],
) -> Result<(MetaData, Vec<Vec<String>>)> {
    read_file_with(&CsvFile::read(path)?, columns, groupings)
}

/// Read the studies of a CSV file already read (for one whose medians were converted to
/// means first, by `crate::convert::fill_means_from_medians`).
pub fn read_file(file: &CsvFile, columns: &Columns) -> Result<MetaData> {
    Ok(read_file_with(file, columns, &[])?.0)
}

/// [`read_file`] with the grouping columns of [`read_csv_with`].
pub fn read_file_with(
    file: &CsvFile,
    columns: &Columns,
    groupings: &[(&str, &str)],
) -> Result<(MetaData, Vec<Vec<String>>)> {
    let grouping_columns: Vec<usize> = groupings
        .iter()
        .map(|(option, name)| file.require(name, option))
        .collect::<Result<_>>()?;
    let mut grouping_values: Vec<Vec<String>> = vec![Vec::new(); groupings.len()];
    let label = match &columns.label {
        Some(l) => Some(file.require(l, "--label")?),
        None => file.find_ignore_case(&["study", "label", "author", "trial", "id"]),
    };
    let mods: Vec<(usize, &str)> = columns
        .mods
        .iter()
        .filter(|m| !m.is_empty())
        .map(|m| Ok((file.require(m, "--mods")?, m.as_str())))
        .collect::<Result<_>>()?;
    let (yi, vi) = match &columns.effects {
        Effects::Columns {
            yi,
            variance,
            is_se,
        } => {
            let option = if *is_se { "--sei" } else { "--vi" };
            let (y, v) = (file.require(yi, "--yi")?, file.require(variance, option)?);
            let what = if *is_se {
                "standard error"
            } else {
                "sampling variance"
            };
            let (mut ys, mut vs) = (Vec::new(), Vec::new());
            file.for_each_row(|row| {
                ys.push(row.required_number(y)?);
                let x = row.required_number(v)?;
                if x <= 0.0 {
                    return Err(Error::input(
                        row.location(v),
                        format!("the {what} {x} is not allowed; it must be > 0"),
                    ));
                }
                vs.push(if *is_se { x * x } else { x });
                Ok(())
            })?;
            (ys, vs)
        }
        Effects::Computed { code, r } => {
            if r.is_some() && code.family() != Family::PrePost {
                return Err(Error::input(
                    "--r",
                    format!("{code} does not use a pre/post correlation; --r goes with MC, SMCC, SMCR, SMCRH or ROMC"),
                ));
            }
            let effects =
                effect::escalc_csv::escalc_rows(file, *code, columns.level, CiMethod::Wald, *r)?;
            let mut lines = Vec::new();
            file.for_each_row(|row| {
                lines.push(row.line);
                Ok(())
            })?;
            let (mut ys, mut vs) = (Vec::new(), Vec::new());
            for (e, line) in effects.iter().zip(lines) {
                match e.variance {
                    Some(v) if v > 0.0 => {
                        ys.push(e.estimate);
                        vs.push(v);
                    }
                    _ => {
                        return Err(Error::input(
                            file.line_location(line),
                            format!("the {code} sampling variance is not estimable or not > 0 for this row, so it cannot be pooled"),
                        ))
                    }
                }
            }
            (ys, vs)
        }
    };
    if yi.is_empty() {
        return Err(Error::input(
            file.name(),
            "no studies: the file has a header but no rows",
        ));
    }
    let mut labels = Vec::new();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); mods.len()];
    file.for_each_row(|row| {
        labels.push(match label {
            Some(c) => row.text(c)?.to_string(),
            None => (labels.len() + 1).to_string(),
        });
        for ((c, _), values) in mods.iter().zip(cells.iter_mut()) {
            if row.is_missing(*c) {
                return Err(Error::input(
                    row.location(*c),
                    "the moderator is missing; every study needs a value",
                ));
            }
            values.push(row.text(*c)?.to_string());
        }
        for ((c, (option, _)), values) in grouping_columns
            .iter()
            .zip(groupings)
            .zip(grouping_values.iter_mut())
        {
            if row.is_missing(*c) {
                return Err(Error::input(
                    row.location(*c),
                    format!("the {option} value is missing; every study needs one"),
                ));
            }
            values.push(row.text(*c)?.to_string());
        }
        Ok(())
    })?;
    let moderators: Vec<Moderator> = mods
        .iter()
        .zip(cells)
        .map(|((_, name), cells)| {
            let numbers: Option<Vec<f64>> = cells
                .iter()
                .map(|x| crate::csv_file::parse_number(x.as_bytes()))
                .collect();
            Moderator {
                name: name.to_string(),
                values: match numbers {
                    Some(v) => ModeratorValues::Numeric(v),
                    None => ModeratorValues::Categorical(cells),
                },
            }
        })
        .collect();
    Ok((
        MetaData {
            labels,
            yi,
            vi,
            mods: (!moderators.is_empty()).then_some(moderators),
        },
        grouping_values,
    ))
}
