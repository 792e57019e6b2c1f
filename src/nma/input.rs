//! The contrasts of a network from a CSV file: one row per pairwise comparison (netmeta's
//! `studlab treat1 treat2 TE seTE`), every row checked where it stands.

use super::network::Contrast;
use crate::csv_file::CsvFile;
use crate::error::{Error, Result};

/// The columns of the contrast form.
#[derive(Debug, Clone)]
pub struct ContrastColumns {
    pub study: String,
    pub treat1: String,
    pub treat2: String,
    pub te: String,
    pub se: String,
}

impl Default for ContrastColumns {
    fn default() -> Self {
        ContrastColumns {
            study: "studlab".into(),
            treat1: "treat1".into(),
            treat2: "treat2".into(),
            te: "TE".into(),
            se: "seTE".into(),
        }
    }
}

/// A treatment or study name from a cell that must not be empty.
pub fn name_cell(row: &crate::csv_file::Row, column: usize, what: &str) -> Result<String> {
    let t = row.text(column)?;
    if t.is_empty() || t == "NA" {
        return Err(Error::input(
            row.location(column),
            format!("the {what} is missing; every row needs one"),
        ));
    }
    Ok(t.to_string())
}

/// Check a contrast's treatments and SE where the row stands.
pub fn check_pair(
    row: &crate::csv_file::Row,
    t1: &str,
    t2: &str,
    c2: usize,
    study: &str,
) -> Result<()> {
    if t1 == t2 {
        return Err(Error::input(
            row.location(c2),
            format!("study '{study}' compares {t1} with itself; treat1 and treat2 must differ"),
        ));
    }
    Ok(())
}

/// Read the contrasts of `file`.
pub fn read_contrasts(file: &CsvFile, cols: &ContrastColumns) -> Result<Vec<Contrast>> {
    let cs = file.require(&cols.study, "--study")?;
    let c1 = file.require(&cols.treat1, "--treat1")?;
    let c2 = file.require(&cols.treat2, "--treat2")?;
    let ct = file.require(&cols.te, "--te")?;
    let cse = file.require(&cols.se, "--se")?;
    let mut out = Vec::new();
    file.for_each_row(|row| {
        let study = name_cell(row, cs, "study label")?;
        let t1 = name_cell(row, c1, "treatment")?;
        let t2 = name_cell(row, c2, "treatment")?;
        check_pair(row, &t1, &t2, c2, &study)?;
        let te = row.required_number(ct)?;
        let se = row.number(cse)?.ok_or_else(|| {
            Error::input(
                row.location(cse),
                format!("the SE of study '{study}' ({t1} vs {t2}) is missing; every contrast needs a positive SE"),
            )
        })?;
        if se <= 0.0 {
            return Err(Error::input(
                row.location(cse),
                format!("the SE of study '{study}' ({t1} vs {t2}) is {se}; an SE must be greater than 0"),
            ));
        }
        out.push(Contrast {
            study,
            t1,
            t2,
            te,
            se,
            file: file.name().to_string(),
            line: row.line,
            se_method: None,
        });
        Ok(())
    })?;
    if out.is_empty() {
        return Err(Error::input(
            file.name(),
            "the file has no rows of contrasts",
        ));
    }
    Ok(out)
}
