//! Effect sizes for many studies at once from a CSV file with metafor's column names
//! (`m1i`, `sd1i`, `n1i`, `ni`, `ri`, `ai`, …), as `escalc(measure, data = …)` reads them:
//! yi = m1i − m2i, SMCR standardised by sd1i, and so on (see each family's module for the
//! formulas). Used by `trialstats effect --input` and `trialstats meta --measure`. The file is
//! read by [`crate::csv_file`]; a missing cell (empty or `NA`) where the code needs a number
//! is refused with its place.

use super::Proportion;
use super::{
    CiMethod, Correlation, EffectSize, Family, GroupSummary, MeanSd, MeasureCode, PersonTime,
    PrePostSummary, TwoByTwo, binary, correlation, pre_post, proportion, rate_comparison,
    rate_measure, two_group,
};
use crate::csv_file::{CsvFile, Row};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use std::collections::HashMap;
use std::path::Path;

/// The columns a code reads, and which library field each one fills.
/// `alternatives` are (column, column it can replace) pairs as metafor accepts them.
fn columns_for(code: MeasureCode) -> Vec<(&'static str, &'static str)> {
    use MeasureCode::*;
    match code.family() {
        Family::TwoGroup => vec![
            ("m1i", "group1.mean"),
            ("sd1i", "group1.sd"),
            ("n1i", "group1.n"),
            ("m2i", "group2.mean"),
            ("sd2i", "group2.sd"),
            ("n2i", "group2.n"),
        ],
        // metafor: yi = m1i − m2i; SMCR and SMCRH divide by sd1i, so sd1i is our "before" SD
        Family::PrePost => match code {
            SMCR | SMCRH => vec![
                ("m1i", "after.mean"),
                ("m2i", "before.mean"),
                ("sd1i", "before.sd"),
                ("sd2i", "after.sd"),
                ("ni", "n"),
                ("ri", "r"),
            ],
            _ => vec![
                ("m1i", "after.mean"),
                ("m2i", "before.mean"),
                ("sd1i", "after.sd"),
                ("sd2i", "before.sd"),
                ("ni", "n"),
                ("ri", "r"),
            ],
        },
        Family::TwoByTwo => vec![
            ("ai", "events1"),
            ("n1i", "n1"),
            ("ci", "events2"),
            ("n2i", "n2"),
        ],
        Family::Proportion => vec![("xi", "events"), ("ni", "n")],
        Family::Correlation => vec![("ri", "r"), ("ni", "n")],
        Family::Rate => vec![("xi", "events"), ("ti", "time")],
        Family::RateComparison | Family::Slope => vec![
            ("x1i", "events1"),
            ("t1i", "time1"),
            ("x2i", "events2"),
            ("t2i", "time2"),
        ],
    }
}

/// Columns that may stand in for a required one: (missing column, replacement, how).
fn replacement(column: &str) -> Option<&'static str> {
    match column {
        "n1i" => Some("bi"),
        "n2i" => Some("di"),
        "ni" => Some("mi"),
        _ => None,
    }
}

/// Columns that hold counts of people or events: a negative value is refused at its own
/// cell (before a total built from it could blame another column).
const COUNT_COLUMNS: [&str; 10] = [
    "ai", "bi", "ci", "di", "xi", "mi", "x1i", "x2i", "n1i", "n2i",
];

/// One effect size per row of the CSV file at `path`; `default_r` fills a missing `ri`
/// column. Errors name the file, line and column.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::{escalc_csv, CiMethod, MeasureCode};
/// // dat.bcg's counts (tests/data/bcg_raw.csv, columns ai, bi, ci, di). R: escalc("RR", ai=tpos,
/// // bi=tneg, ci=cpos, di=cneg, data=dat.bcg) gives, for the first trial, yi -0.88931133392020545,
/// // vi 0.32558476500396133 (metafor 3.8-1; tests/data/bcg.csv holds all 13).
/// let path = Path::new("tests/data/bcg_raw.csv");
/// let rows = escalc_csv(path, MeasureCode::RR, ConfidenceLevel::NINETY_FIVE, CiMethod::Wald, None)?;
/// assert_eq!(rows.len(), 13);
/// assert!((rows[0].estimate - -0.88931133392020545).abs() < 1e-12);
/// assert!((rows[0].variance.unwrap() - 0.32558476500396133).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn escalc_csv(
    path: &Path,
    code: MeasureCode,
    level: ConfidenceLevel,
    ci: CiMethod,
    default_r: Option<f64>,
) -> Result<Vec<EffectSize>> {
    escalc_rows(&CsvFile::read(path)?, code, level, ci, default_r)
}

/// One effect size per row of `file` (see [`escalc_csv`]).
pub fn escalc_rows(
    file: &CsvFile,
    code: MeasureCode,
    level: ConfidenceLevel,
    ci: CiMethod,
    default_r: Option<f64>,
) -> Result<Vec<EffectSize>> {
    let columns = columns_for(code);
    check_columns(file, code, &columns, default_r)?;
    let label_column = file.find("slab").or_else(|| file.find("study"));
    let mut out = Vec::new();
    file.for_each_row(|row| {
        let values = row_values(file, row, code, &columns)?;
        check_totals(row, file, code)?;
        let effect = csv_effect(code, &values, level, ci, default_r)
            .map_err(|e| at_column(e, file, row, &columns))?;
        let label = label_column
            .map(|c| row.text(c).map(str::to_string))
            .transpose()?;
        out.push(match label {
            Some(l) => effect.with_study(l),
            None => effect,
        });
        Ok(())
    })?;
    if out.is_empty() {
        return Err(Error::input(
            file.name(),
            "no data rows (the first row is the header)",
        ));
    }
    Ok(out)
}

/// An error at the header naming the first of `code`'s `columns` that `file` lacks (with
/// what could stand in for it), if any.
fn check_columns(
    file: &CsvFile,
    code: MeasureCode,
    columns: &[(&'static str, &'static str)],
    default_r: Option<f64>,
) -> Result<()> {
    let has = |c: &str| file.find(c).is_some();
    for (column, _) in columns {
        let present = has(column)
            || replacement(column).is_some_and(|alt| has(alt) && has(first_of(column)))
            || (*column == "ri" && default_r.is_some() && code.family() == Family::PrePost)
            || (*column == "sd2i" && code == MeasureCode::SMCR);
        if !present {
            let alt = match replacement(column) {
                Some(alt) => format!(" (or {alt})"),
                None => String::new(),
            };
            let hint = match *column {
                "ri" => "; or give {field:r} R to use one correlation for every row".to_string(),
                "m1i" | "sd1i" | "m2i" | "sd2i" => {
                    let g = &column[column.len() - 2..column.len() - 1];
                    format!(
                        "; a group's mean and SD can also come from its median: median{g}i with \
                         q1_{g}i and q3_{g}i (quartiles), min{g}i and max{g}i (range), or all \
                         five (converted as `convert median` does; {{field:method}} chooses how)"
                    )
                }
                _ => String::new(),
            };
            return Err(Error::input(
                format!("{}:1", file.name()),
                format!(
                    "missing column {column}{alt}: {code} needs columns {}{hint}",
                    columns
                        .iter()
                        .map(|(c, _)| *c)
                        // SMCR standardises by sd1i alone; sd2i is read when present.
                        .filter(|c| !(*c == "sd2i" && code == MeasureCode::SMCR))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// A row's values by library field (a total built from its parts where only they are
/// given); an error at a missing cell or a negative count.
fn row_values(
    file: &CsvFile,
    row: &Row,
    code: MeasureCode,
    columns: &[(&'static str, &'static str)],
) -> Result<HashMap<&'static str, f64>> {
    let cell = |column: &str| -> Result<Option<f64>> {
        match file.find(column) {
            Some(i) => {
                let v = row.number(i)?;
                if let Some(x) = v {
                    if x < 0.0 && COUNT_COLUMNS.contains(&column) {
                        return Err(Error::input(
                            row.location(i),
                            format!("{x} is negative; a count is 0 or more"),
                        ));
                    }
                }
                Ok(v)
            }
            None => Ok(None),
        }
    };
    let mut values: HashMap<&'static str, f64> = HashMap::new();
    for (column, field) in columns {
        if let Some(i) = file.find(column) {
            let optional = *column == "sd2i" && code == MeasureCode::SMCR;
            if row.is_missing(i) && !optional {
                return Err(Error::input(
                    row.location(i),
                    format!(
                        "the cell is missing ('{}'); {code} needs a number here",
                        row.text(i)?
                    ),
                ));
            }
        }
        let value = match cell(column)? {
            Some(v) => Some(v),
            None => match replacement(column) {
                Some(alt) => match (cell(alt)?, cell(first_of(column))?) {
                    (Some(rest), Some(events)) => Some(rest + events),
                    _ => None,
                },
                None => None,
            },
        };
        if let Some(v) = value {
            values.insert(field, v);
        }
    }
    Ok(values)
}

/// An error of the computation on a row (whose location is a library field) placed at the
/// row's cell of that field's column, or at the row when the field has no column.
fn at_column(
    e: Error,
    file: &CsvFile,
    row: &Row,
    columns: &[(&'static str, &'static str)],
) -> Error {
    match e.into_place() {
        Ok((location, message)) => {
            let column = columns
                .iter()
                .find(|(_, field)| *field == location)
                .and_then(|(c, _)| {
                    file.find(c)
                        .or_else(|| replacement(c).and_then(|alt| file.find(alt)))
                });
            match column {
                Some(c) => Error::input(row.location(c), message),
                // A field with no column of its own (the level, an r from --r).
                None => Error::input(format!("{} ({location})", row.line_location()), message),
            }
        }
        Err(other) => other,
    }
}

/// The columns of `file` that `code` reads (a row missing one has no effect size): the
/// code's columns present in the file, or the pair that stands in for an absent total
/// (`ai` and `bi` for `n1i`), without the optional `sd2i` of SMCR.
pub fn columns_read(file: &CsvFile, code: MeasureCode) -> Vec<usize> {
    let mut read = Vec::new();
    for (column, _) in columns_for(code) {
        if column == "sd2i" && code == MeasureCode::SMCR {
            continue;
        }
        match file.find(column) {
            Some(i) => read.push(i),
            None => {
                if let Some(alt) = replacement(column) {
                    read.extend(file.find(alt));
                    read.extend(file.find(first_of(column)));
                }
            }
        }
    }
    read.sort_unstable();
    read.dedup();
    read
}

/// The event column that goes with a total column (n1i = ai + bi, ni = xi + mi).
fn first_of(column: &str) -> &'static str {
    match column {
        "n1i" => "ai",
        "n2i" => "ci",
        _ => "xi",
    }
}

/// metafor refuses totals that disagree with the cells (n1i ≠ ai + bi, ni ≠ xi + mi).
fn check_totals(row: &Row, file: &CsvFile, code: MeasureCode) -> Result<()> {
    let checks: &[(&str, &str, &str)] = match code.family() {
        Family::TwoByTwo => &[("n1i", "ai", "bi"), ("n2i", "ci", "di")],
        Family::Proportion => &[("ni", "xi", "mi")],
        _ => &[],
    };
    for (total, a, b) in checks {
        let (Some(it), Some(ia), Some(ib)) = (file.find(total), file.find(a), file.find(b)) else {
            continue;
        };
        if let (Some(t), Some(x), Some(y)) = (row.number(it)?, row.number(ia)?, row.number(ib)?) {
            if t != x + y {
                return Err(Error::input(
                    row.location(it),
                    format!("{total} = {t} is not {a} + {b} = {}", x + y),
                ));
            }
        }
    }
    Ok(())
}

fn csv_effect(
    code: MeasureCode,
    v: &HashMap<&str, f64>,
    level: ConfidenceLevel,
    ci: CiMethod,
    default_r: Option<f64>,
) -> Result<EffectSize> {
    // every required column was checked to exist; an absent optional one reads as NaN and is
    // refused by the library's own checks (except sd2i for SMCR, which it does not use)
    let get = |field: &str| v.get(field).copied().unwrap_or(f64::NAN);
    let group = |prefix: &str| GroupSummary {
        mean: get(&format!("{prefix}.mean")),
        sd: get(&format!("{prefix}.sd")),
        n: get(&format!("{prefix}.n")),
    };
    match code.family() {
        Family::TwoGroup => two_group(code, &group("group1"), &group("group2"), level),
        Family::PrePost => pre_post(
            code,
            &PrePostSummary {
                n: get("n"),
                before: MeanSd {
                    mean: get("before.mean"),
                    sd: get("before.sd"),
                },
                after: MeanSd {
                    mean: get("after.mean"),
                    sd: get("after.sd"),
                },
                r: v.get("r").copied().or(default_r),
            },
            level,
        ),
        Family::TwoByTwo => binary(
            code,
            &TwoByTwo {
                events1: get("events1"),
                n1: get("n1"),
                events2: get("events2"),
                n2: get("n2"),
            },
            level,
        ),
        Family::Proportion => proportion(
            code,
            &Proportion {
                events: get("events"),
                n: get("n"),
            },
            level,
            ci,
        ),
        Family::Correlation => correlation(
            code,
            &Correlation {
                r: get("r"),
                n: get("n"),
            },
            level,
        ),
        Family::Rate => rate_measure(
            code,
            &PersonTime {
                events: get("events"),
                time: get("time"),
            },
            level,
            ci,
        ),
        Family::RateComparison | Family::Slope => rate_comparison(
            code,
            &PersonTime {
                events: get("events1"),
                time: get("time1"),
            },
            &PersonTime {
                events: get("events2"),
                time: get("time2"),
            },
            level,
        ),
    }
}
