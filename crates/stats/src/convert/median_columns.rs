//! A median where a mean should be, in the CSV files of `effect --input` and
//! `meta --measure`: for group k (1 or 2), the columns `median{k}i` with `q1_{k}i`/`q3_{k}i`
//! and/or `min{k}i`/`max{k}i` (n from `n{k}i`, else `ni`) stand in for a missing `m{k}i` and
//! `sd{k}i`, converted as `convert median` does. The file is handed on with those cells
//! filled, on the same lines (so every later message still names the line of the file),
//! together with a note per converted row naming the method, and a short mark per row for
//! the notes column of the effects computed from it ([`mark_rows`]): which rows were
//! converted and by which method, and which gave both a mean and a median (the mean is used).

use super::five_numbers::{Distribution, FiveNumbers, Methods};
use super::median::mean_sd;
use crate::csv_file::{CsvFile, Row};
use crate::effect::EffectSize;
use crate::error::{Error, Result};

/// A file with means and SDs filled in from medians, and what was done.
pub struct FilledFile {
    pub file: CsvFile,
    /// One line per converted row and group, naming the method and any skewness warning.
    pub notes: Vec<String>,
    /// Short marks for the rows' notes column, each with its row's index among the data
    /// rows (0 for the first row after the header).
    pub marks: Vec<RowMark>,
}

/// What was done to one group of one row, for the notes column of its effect.
#[derive(Debug, Clone, PartialEq)]
pub struct RowMark {
    /// Index among the data rows (blank lines not counted), as the effects are listed.
    pub row: usize,
    /// `m1i, sd1i from median1i (q1-median-q3, n = 20) by luo-wan-shi`, or `m1i as given;
    /// median1i not used`.
    pub text: String,
    /// Whether this group's mean and SD were converted from its median (not given).
    pub converted: bool,
}

/// What a pooled study's label gets when its mean and SD came from a median, for the tables
/// and charts of pooled studies, which have no notes column.
pub const FROM_MEDIAN: &str = " (mean, SD from median)";

/// Add [`FROM_MEDIAN`] to the label of each row (one label per data row of the file) whose
/// mean and SD were converted from a median.
pub fn mark_labels(labels: &mut [String], filled: &FilledFile) {
    for mark in filled.marks.iter().filter(|m| m.converted) {
        if let Some(label) = labels.get_mut(mark.row) {
            if !label.ends_with(FROM_MEDIAN) {
                label.push_str(FROM_MEDIAN);
            }
        }
    }
}

/// Add each row's marks to the notes of its effect (`effects` one per data row of the file,
/// as `effect::escalc_rows` returns them).
pub fn mark_rows(effects: &mut [EffectSize], filled: &FilledFile) {
    for mark in &filled.marks {
        if let Some(e) = effects.get_mut(mark.row) {
            e.notes.push(mark.text.clone());
        }
    }
}

/// What [`fill_group`] did with one group of one row.
enum GroupFill {
    /// No median there.
    Nothing,
    /// A median, but the row gives the mean too: the mean is used.
    MeanGiven,
    /// Converted: mean, SD, the full note and the short mark.
    Converted(f64, f64, String, String),
}

/// The medians of `file` converted by `methods` (one method, or the mean's and the SD's)
/// under `dist` where a mean is missing; `None` when the file has no `median1i` or
/// `median2i` column.
pub fn fill_means_from_medians(
    file: &CsvFile,
    methods: impl Into<Methods>,
    dist: Distribution,
) -> Result<Option<FilledFile>> {
    let methods: Methods = methods.into();
    let groups: Vec<u8> = [1u8, 2]
        .into_iter()
        .filter(|k| file.find(&format!("median{k}i")).is_some())
        .collect();
    if groups.is_empty() {
        return Ok(None);
    }
    let mut header: Vec<String> = file.header().to_vec();
    for k in &groups {
        for name in [format!("m{k}i"), format!("sd{k}i")] {
            if file.find(&name).is_none() {
                header.push(name);
            }
        }
    }
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let fail = |e: csv::Error| Error::numerical(format!("cannot rebuild the CSV text: {e}"));
    writer.write_record(&header).map_err(fail)?;
    let mut text = Vec::new();
    let mut notes = Vec::new();
    let mut marks = Vec::new();
    let mut errors = Vec::new();
    let mut line = 2;
    let mut index = 0;
    file.for_each_row(|row| {
        let mut cells: Vec<String> = (0..file.header().len())
            .map(|i| String::from_utf8_lossy(row.bytes(i)).into_owned())
            .collect();
        cells.resize(header.len(), String::new());
        for k in &groups {
            match fill_group(file, row, *k, methods, dist) {
                Ok(GroupFill::Converted(mean, sd, note, mark)) => {
                    for (name, value) in [(format!("m{k}i"), mean), (format!("sd{k}i"), sd)] {
                        let i = header.iter().position(|h| *h == name).unwrap_or(0);
                        if cells[i].is_empty() || cells[i] == "NA" {
                            cells[i] = format!("{value}");
                        }
                    }
                    notes.push(note);
                    marks.push(RowMark {
                        row: index,
                        text: mark,
                        converted: true,
                    });
                }
                Ok(GroupFill::MeanGiven) => marks.push(RowMark {
                    row: index,
                    text: format!("m{k}i as given; median{k}i not used"),
                    converted: false,
                }),
                Ok(GroupFill::Nothing) => {}
                Err(e) => errors.push(e),
            }
        }
        index += 1;
        // Blank lines keep every row on the line it has in the file.
        while line < row.line {
            text.push(b'\n');
            line += 1;
        }
        let mut one = csv::WriterBuilder::new().from_writer(Vec::new());
        one.write_record(&cells).map_err(fail)?;
        let bytes = one.into_inner().map_err(|e| fail(e.into_error().into()))?;
        line += bytes.iter().filter(|b| **b == b'\n').count();
        text.extend(bytes);
        Ok(())
    })?;
    if let Some(e) = Error::all(errors) {
        return Err(e);
    }
    let mut all = writer
        .into_inner()
        .map_err(|e| fail(e.into_error().into()))?;
    all.extend(text);
    let text = String::from_utf8(all)
        .map_err(|e| Error::numerical(format!("cannot rebuild the CSV text: {e}")))?;
    Ok(Some(FilledFile {
        file: CsvFile::from_text(file.name(), &text)?,
        notes,
        marks,
    }))
}

/// The mean, SD and a note for group `k` of `row`, when its mean is missing and a median is
/// there.
fn fill_group(
    file: &CsvFile,
    row: &Row,
    k: u8,
    methods: Methods,
    dist: Distribution,
) -> Result<GroupFill> {
    let column = |name: String| file.find(&name);
    let value = |name: String| column(name).map_or(Ok(None), |c| row.number(c));
    let mean_given = value(format!("m{k}i"))?.is_some();
    let Some(median) = value(format!("median{k}i"))? else {
        return Ok(GroupFill::Nothing);
    };
    if mean_given {
        return Ok(GroupFill::MeanGiven);
    }
    let n_column = column(format!("n{k}i")).or_else(|| column("ni".to_string()));
    let Some(n_column) = n_column else {
        return Err(Error::input(
            row.line_location(),
            format!("median{k}i needs the group's n (column n{k}i, or ni)"),
        ));
    };
    let x = FiveNumbers {
        min: value(format!("min{k}i"))?,
        q1: value(format!("q1_{k}i"))?,
        median,
        q3: value(format!("q3_{k}i"))?,
        max: value(format!("max{k}i"))?,
        n: super::median_csv::sample_size(row, n_column)?,
    };
    let r = mean_sd(
        &x,
        methods,
        dist,
        &format!("{} (group {k})", row.line_location()),
    )?;
    let mut note = format!(
        "{}: m{k}i = {}, sd{k}i = {} estimated from the {} summary (assumed {}, n = {}) by {}: mean by {}, SD by {}",
        row.line_location(),
        crate::output::human_number(r.mean),
        crate::output::human_number(r.sd),
        r.scenario.as_str(),
        match dist {
            Distribution::Norm => "normal",
            Distribution::Lnorm => "log-normal",
        },
        r.n,
        methods.name(),
        r.mean_source,
        r.sd_source
    );
    let mut mark = format!(
        "m{k}i, sd{k}i from median{k}i ({}, n = {}) by {}",
        r.scenario.as_str(),
        r.n,
        methods.name()
    );
    if dist == Distribution::Lnorm {
        mark.push_str(" (log-normal)");
    }
    if r.skewness.skewed {
        note.push_str("; the numbers look skewed (Shi et al. 2023), so the estimate may be poor");
        if r.warning().is_some() {
            mark.push_str("; looks skewed");
        }
    }
    Ok(GroupFill::Converted(r.mean, r.sd, note, mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Group 1 of line 3 has only a median with quartiles: its m1i and sd1i are ?conv.fivenum's
    /// study 2 (metafor >= 4: mean 6.7195, SD 4.7870760433704662; benches/convert_reference.R);
    /// line 2 keeps its own mean. A blank line keeps the later rows on their lines.
    #[test]
    fn fills_missing_means_on_the_same_lines() {
        let text = "m1i,sd1i,n1i,median1i,q1_1i,q3_1i,m2i,sd2i,n2i\n5,2,20,,,,4,2,20\n\nNA,,20,6,4,10,4,2,20\n";
        let file = CsvFile::from_text("t.csv", text).unwrap();
        let filled = fill_means_from_medians(
            &file,
            crate::convert::MedianMethod::LuoWanShi,
            Distribution::Norm,
        )
        .unwrap()
        .unwrap();
        let mut rows = Vec::new();
        filled
            .file
            .for_each_row(|row| {
                rows.push((row.line, row.number(0)?.unwrap(), row.number(1)?.unwrap()));
                Ok(())
            })
            .unwrap();
        assert_eq!(rows[0], (2, 5.0, 2.0));
        assert_eq!(rows[1].0, 4);
        assert!((rows[1].1 - 6.7195).abs() < 1e-12);
        assert!((rows[1].2 - 4.7870760433704662).abs() < 1e-12);
        assert_eq!(filled.notes.len(), 1);
        // the row index counts data rows, not lines: the blank line 3 is not a row
        assert_eq!(
            filled.marks,
            vec![RowMark {
                row: 1,
                text: "m1i, sd1i from median1i (q1-median-q3, n = 20) by luo-wan-shi".into(),
                converted: true,
            }]
        );
        assert!(
            filled.notes[0].starts_with("t.csv:4: m1i = 6.7195"),
            "{}",
            filled.notes[0]
        );
    }

    #[test]
    fn no_median_columns_leave_the_file_alone_and_bad_medians_are_named() {
        let plain = CsvFile::from_text("p.csv", "m1i,sd1i,n1i\n1,2,3\n").unwrap();
        assert!(
            fill_means_from_medians(
                &plain,
                crate::convert::MedianMethod::LuoWanShi,
                Distribution::Norm
            )
            .unwrap()
            .is_none()
        );
        let bad =
            CsvFile::from_text("b.csv", "m1i,n1i,median1i,q1_1i,q3_1i\n,20,6,7,10\n").unwrap();
        let e = fill_means_from_medians(
            &bad,
            crate::convert::MedianMethod::LuoWanShi,
            Distribution::Norm,
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            e.contains("b.csv:2 (group 1)") && e.contains("ordered"),
            "{e}"
        );
    }
}
