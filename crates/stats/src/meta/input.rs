//! The studies to pool, read from a CSV file (`trialstats meta FILE.csv`): estimates and
//! their sampling variances (or standard errors) from named columns, or computed from raw
//! columns with metafor's names by an `escalc` code; labels; moderators.
//!
//! A row with a missing cell (empty or `NA`) in a column the model reads (the estimate and
//! variance columns, or the raw columns of the `escalc` code; a moderator; a grouping column)
//! is left out and listed in [`Omitted`], as metafor's default `na.action = na.omit` drops
//! it; [`MissingValues::Fail`] refuses it instead, naming its place.
//!
//! A moderator column is numeric when every cell is a finite number and categorical
//! otherwise (treatment coding, levels in the order of [`crate::meta::fitting::moderators`]). A model with
//! more coefficients than studies cannot be fitted and is refused here, naming the
//! moderators that made it so.

use crate::csv_file::CsvFile;
use crate::effect::{self, CiMethod, Family, MeasureCode};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::meta::fitting::moderators::Moderator;
use crate::meta::fitting::spec::MetaData;
use serde::Serialize;
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
    /// What to do with a row that misses a value the model needs.
    pub na: MissingValues,
}

/// What to do with a row whose cell is missing (empty or `NA`) in a column the model reads
/// (metafor's `na.action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingValues {
    /// Leave the row out and list it ([`Omitted`]), as `na.action = na.omit`.
    #[default]
    Omit,
    /// Refuse the file, naming the row and the column (`na.action = na.fail`).
    Fail,
}

impl std::str::FromStr for MissingValues {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "omit" => Ok(MissingValues::Omit),
            "fail" => Ok(MissingValues::Fail),
            _ => Err(Error::field(
                "na",
                format!(
                    "'{s}' is not allowed; give omit (leave the row out) or fail (refuse the file)"
                ),
            )),
        }
    }
}

/// A row left out because a column the model reads is missing in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OmittedRow {
    /// The line of the file on which the row starts (the header is line 1).
    pub line: usize,
    /// The study's label (its row number when the file has no label column or the cell is
    /// empty).
    pub label: String,
    /// The columns missing in the row.
    pub missing: Vec<String>,
}

/// The rows left out for missing values, in file order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Omitted(pub Vec<OmittedRow>);

/// The studies of a file, the grouping columns' values and the rows left out.
#[derive(Debug, Clone)]
pub struct ReadStudies {
    pub data: MetaData,
    /// One list per grouping column asked for, one value per study.
    pub groupings: Vec<Vec<String>>,
    pub omitted: Omitted,
}

/// Read the studies of the CSV file at `path`.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_stats::effect::MeasureCode;
/// use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// // dat.bcg's raw counts (tests/data/bcg_raw.csv: ai, bi, ci, di), log risk ratios computed on
/// // reading. R: escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg) gives, for Aronson
/// // 1948, yi -0.88931133392020545 and vi 0.32558476500396133 (metafor 3.8-1).
/// let columns = Columns {
///     effects: Effects::Computed { code: MeasureCode::RR, r: None },
///     label: None,
///     mods: vec!["ablat".into()],
///     level: Default::default(),
///     na: Default::default(),
/// };
/// let bcg = read_csv(Path::new("tests/data/bcg_raw.csv"), &columns)?;
/// assert_eq!((bcg.labels.len(), bcg.labels[0].as_str()), (13, "Aronson 1948"));
/// assert!((bcg.yi[0] - -0.88931133392020545).abs() < 1e-12);
/// assert!((bcg.vi[0] - 0.32558476500396133).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn read_csv(path: &Path, columns: &Columns) -> Result<MetaData> {
    Ok(read_csv_with(path, columns, &[])?.data)
}

/// Read the studies, and with them the text of the columns `groupings` names (`(option,
/// column)`, for example `("--subgroup", "alloc")`): one value per study each, none missing.
pub fn read_csv_with(
    path: &Path,
    columns: &Columns,
    groupings: &[(&str, &str)],
) -> Result<ReadStudies> {
    read_file_with(&CsvFile::read(path)?, columns, groupings)
}

/// Read the studies of a CSV file already read (for one whose medians were converted to
/// means first, by `crate::convert::fill_means_from_medians`).
pub fn read_file(file: &CsvFile, columns: &Columns) -> Result<MetaData> {
    Ok(read_file_with(file, columns, &[])?.data)
}

/// [`read_file`] with the grouping columns of [`read_csv_with`].
pub fn read_file_with(
    file: &CsvFile,
    columns: &Columns,
    groupings: &[(&str, &str)],
) -> Result<ReadStudies> {
    let grouping_columns: Vec<usize> = groupings
        .iter()
        .map(|(option, name)| file.require(name, option))
        .collect::<crate::error::RefusalResult<_>>()?;
    let label = match &columns.label {
        Some(l) => Some(file.require(l, "{field:label}")?),
        None => file.find_ignore_case(&["study", "label", "author", "trial", "id"]),
    };
    let mods: Vec<(usize, &str)> = columns
        .mods
        .iter()
        .filter(|m| !m.is_empty())
        .map(|m| Ok((file.require(m, "{field:mods}")?, m.as_str())))
        .collect::<Result<_>>()?;
    // The columns the model reads: a row missing one of them is left out (or refused).
    let mut used: Vec<usize> = match &columns.effects {
        Effects::Columns {
            yi,
            variance,
            is_se,
        } => vec![
            file.require(yi, "{field:yi}")?,
            file.require(variance, if *is_se { "{field:sei}" } else { "{field:vi}" })?,
        ],
        Effects::Computed { code, .. } => effect::escalc_csv::columns_read(file, *code),
    };
    used.extend(mods.iter().map(|(c, _)| *c));
    used.extend(&grouping_columns);
    let (kept, (yi, vi)) = match effects_in_one_pass(file, &columns.effects, &used) {
        Some((rows, effects)) => (KeptRows::all(file, rows), effects),
        None => {
            let kept = KeptRows::of(file, &used, label, columns.na == MissingValues::Omit)?;
            let effects = match &columns.effects {
                Effects::Columns {
                    yi,
                    variance,
                    is_se,
                } => read_effects(&kept.file, yi, variance, *is_se)?,
                Effects::Computed { code, r } => {
                    compute_effects(&kept.file, *code, *r, columns.level)?
                }
            };
            (kept, effects)
        }
    };
    let file = &*kept.file;
    if yi.is_empty() {
        return Err(Error::input(
            file.name(),
            "no studies: the file has a header but no rows",
        ));
    }
    let texts = RowTexts::read(
        file,
        label,
        &kept.row_numbers,
        &mods,
        &grouping_columns,
        groupings,
    )?;
    let moderators: Vec<Moderator> = mods
        .iter()
        .zip(texts.cells)
        .map(|((_, name), cells)| Moderator::from_cells(name, cells))
        .collect();
    Ok(ReadStudies {
        data: MetaData {
            labels: texts.labels,
            yi,
            vi,
            mods: (!moderators.is_empty()).then_some(moderators),
        },
        groupings: texts.groupings,
        omitted: Omitted(kept.omitted),
    })
}

/// The estimates and sampling variances of the studies, `(yi, vi)`.
type EffectColumns = (Vec<f64>, Vec<f64>);

/// The common case in one pass over the file: the effects from their columns, and no row
/// left out. [`KeptRows::of`] and [`read_effects`] give the same studies in a pass each (and
/// [`KeptRows::of`] copies the whole file); at a million studies parsing is most of the time
/// a file takes to read. Anything else (a computed effect, a row with a missing cell, a
/// problem, whose message must be the one the passes in turn would give first) is `None`,
/// and the passes run as before. `Some((rows, (yi, vi)))` otherwise.
fn effects_in_one_pass(
    file: &CsvFile,
    effects: &Effects,
    used: &[usize],
) -> Option<(usize, EffectColumns)> {
    let Effects::Columns {
        yi,
        variance,
        is_se,
    } = effects
    else {
        return None;
    };
    let (y, v) = (file.find(yi)?, file.find(variance)?);
    let (mut ys, mut vs) = (Vec::new(), Vec::new());
    // Any refusal only stops the pass: the passes run again and give it at its place.
    let stop = || crate::error::Refusal::input(String::new(), String::new());
    let rows = file
        .for_each_row(|row| {
            if used.iter().any(|&c| row.is_missing(c)) {
                return Err(stop());
            }
            let (yv, x) = (row.required_number(y)?, row.required_number(v)?);
            if x <= 0.0 {
                return Err(stop());
            }
            ys.push(yv);
            vs.push(if *is_se { x * x } else { x });
            Ok(())
        })
        .ok()?;
    Some((rows, (ys, vs)))
}

/// The rows of a file kept for the model.
struct KeptRows<'a> {
    /// The file without the rows left out (the file itself when none is).
    file: std::borrow::Cow<'a, CsvFile>,
    /// Each kept row's number among the file's rows (from 1).
    row_numbers: Vec<usize>,
    /// The rows left out.
    omitted: Vec<OmittedRow>,
}

impl<'a> KeptRows<'a> {
    /// Every one of the `rows` rows of `file`.
    fn all(file: &'a CsvFile, rows: usize) -> Self {
        KeptRows {
            file: std::borrow::Cow::Borrowed(file),
            row_numbers: (1..=rows).collect(),
            omitted: Vec::new(),
        }
    }

    /// The rows of `file` with a value in every column of `used`; with `omit` the others are
    /// left out and listed (labelled by the `label` column or their row number). An error
    /// when every row is left out.
    fn of(file: &CsvFile, used: &[usize], label: Option<usize>, omit: bool) -> Result<Self> {
        let (mut omitted, mut row_numbers, mut rows) = (Vec::new(), Vec::new(), 0usize);
        let (kept, _) = file.without_rows(|row| {
            rows += 1;
            let missing: Vec<String> = used
                .iter()
                .filter(|&&c| row.is_missing(c))
                .map(|&c| file.header()[c].clone())
                .collect();
            if omit && !missing.is_empty() {
                omitted.push(OmittedRow {
                    line: row.line,
                    label: match label {
                        Some(c) if !row.is_missing(c) => row.text(c)?.to_string(),
                        _ => rows.to_string(),
                    },
                    missing: dedup(missing),
                });
                return Ok(true);
            }
            row_numbers.push(rows);
            Ok(false)
        })?;
        if rows > 0 && row_numbers.is_empty() {
            return Err(Error::input(
                file.name(),
                format!(
                    "no studies: every row misses a value the model needs (line {}: {}); fill the cells, or choose other columns",
                    omitted[0].line,
                    omitted[0].missing.join(", ")
                ),
            ));
        }
        Ok(KeptRows {
            file: std::borrow::Cow::Owned(kept),
            row_numbers,
            omitted,
        })
    }
}

/// The estimates and sampling variances `(yi, vi)` of the columns `yi` and `variance` (the
/// latter standard errors, squared, when `is_se`), each variance checked > 0.
fn read_effects(
    file: &CsvFile,
    yi: &str,
    variance: &str,
    is_se: bool,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let option = if is_se { "{field:sei}" } else { "{field:vi}" };
    let (y, v) = (
        file.require(yi, "{field:yi}")?,
        file.require(variance, option)?,
    );
    let what = if is_se {
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
            )
            .into());
        }
        vs.push(if is_se { x * x } else { x });
        Ok(())
    })?;
    Ok((ys, vs))
}

/// The estimates and sampling variances `(yi, vi)` computed from the raw columns by the
/// `escalc` code `code` (`r` the pre/post correlation), each variance checked > 0.
fn compute_effects(
    file: &CsvFile,
    code: MeasureCode,
    r: Option<f64>,
    level: ConfidenceLevel,
) -> Result<(Vec<f64>, Vec<f64>)> {
    if r.is_some() && code.family() != Family::PrePost {
        return Err(Error::field(
            "r",
            format!(
                "{code} does not use a pre/post correlation; {{field:r}} goes with MC, SMCC, SMCR, SMCRH or ROMC"
            ),
        ));
    }
    let effects = effect::escalc_csv::escalc_rows(file, code, level, CiMethod::Wald, r)?;
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
                    format!(
                        "the {code} sampling variance is not estimable or not > 0 for this row, so it cannot be pooled"
                    ),
                ));
            }
        }
    }
    Ok((ys, vs))
}

/// The text read from each kept row besides the effects.
struct RowTexts {
    /// Each study's label.
    labels: Vec<String>,
    /// Each moderator's cells.
    cells: Vec<Vec<String>>,
    /// Each grouping column's values.
    groupings: Vec<Vec<String>>,
}

impl RowTexts {
    /// Each row's label (the `label` column's text or its number in `row_numbers`), and its
    /// text in the moderator columns `mods` and the grouping columns (none of them missing).
    fn read(
        file: &CsvFile,
        label: Option<usize>,
        row_numbers: &[usize],
        mods: &[(usize, &str)],
        grouping_columns: &[usize],
        groupings: &[(&str, &str)],
    ) -> Result<Self> {
        if label.is_none() && mods.is_empty() && grouping_columns.is_empty() {
            // Only the row numbers: no need to parse the file again.
            return Ok(RowTexts {
                labels: row_numbers.iter().map(|n| n.to_string()).collect(),
                cells: Vec::new(),
                groupings: Vec::new(),
            });
        }
        let mut grouping_values: Vec<Vec<String>> = vec![Vec::new(); groupings.len()];
        let mut labels = Vec::new();
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); mods.len()];
        file.for_each_row(|row| {
            labels.push(match label {
                Some(c) => row.text(c)?.to_string(),
                None => row_numbers[labels.len()].to_string(),
            });
            for ((c, _), values) in mods.iter().zip(cells.iter_mut()) {
                if row.is_missing(*c) {
                    return Err(Error::input(
                        row.location(*c),
                        "the moderator is missing; every study needs a value",
                    )
                    .into());
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
                    )
                    .into());
                }
                values.push(row.text(*c)?.to_string());
            }
            Ok(())
        })?;
        Ok(RowTexts {
            labels,
            cells,
            groupings: grouping_values,
        })
    }
}

/// The names in order, each once (a column can be both a moderator and a grouping).
fn dedup(mut names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}
