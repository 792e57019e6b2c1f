//! The data a model is fitted to: the columns a formula names, read from a CSV file by
//! [`crate::csv_file`] (or built in memory), with missing values dropped row-wise as R's
//! `na.omit` does.
//!
//! A cell is missing when it is empty or `NA` (after trimming spaces). Response, random-slope
//! and numeric fixed columns must hold numbers; grouping columns and `factor(x)` columns are
//! categorical; any other fixed column is categorical when most of its values are not
//! numbers (a column of mostly numbers with a stray word is refused, pointing at the cell).
//! Categorical levels are ordered by the one rule of [`crate::model_matrix::order_levels`]
//! (numerically when every level is a number, otherwise by their bytes).

use crate::csv_file::{CsvFile, is_missing, parse_number};
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// How a column is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Must be numbers.
    Numeric,
    /// Always categorical (grouping factors, `factor(x)`).
    Categorical,
    /// Numbers if it holds numbers, categorical if it holds text.
    Either,
}

pub use crate::model_matrix::Column;

/// The reference level of categorical variables (`--reference VAR=LEVEL`, repeatable): the
/// level every other level of VAR is compared with under treatment coding (R's `relevel`).
/// Without one, the first level in the order of [`crate::model_matrix::order_levels`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceLevels(pub Vec<(String, String)>);

impl ReferenceLevels {
    /// Read `VAR=LEVEL` texts, refusing a malformed one or a variable given twice.
    ///
    /// ```
    /// use trialstats_stats::lmm::frame::ReferenceLevels;
    /// let r = ReferenceLevels::parse(&["arm=placebo".to_string()])?;
    /// assert_eq!(r.0, [("arm".to_string(), "placebo".to_string())]);
    /// assert!(ReferenceLevels::parse(&["arm".to_string()]).is_err());
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn parse(texts: &[String]) -> Result<ReferenceLevels> {
        let mut out: Vec<(String, String)> = Vec::new();
        for t in texts {
            let (var, level) = t
                .split_once('=')
                .map(|(v, l)| (v.trim(), l.trim()))
                .filter(|(v, l)| !v.is_empty() && !l.is_empty())
                .ok_or_else(|| {
                    Error::field(
                        "reference",
                        format!("'{t}': give VAR=LEVEL, e.g. arm=placebo"),
                    )
                })?;
            if out.iter().any(|(v, _)| v == var) {
                return Err(Error::field(
                    "reference",
                    format!("{var} is given twice; give one reference level per variable"),
                ));
            }
            out.push((var.to_string(), level.to_string()));
        }
        Ok(ReferenceLevels(out))
    }

    /// Whether no reference level is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `arm = placebo, visit = 0`, for the output.
    pub fn describe(&self) -> String {
        self.0
            .iter()
            .map(|(v, l)| format!("{v} = {l}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The columns a model uses, complete cases only.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Where the data came from (for messages).
    pub source: String,
    names: Vec<String>,
    columns: Vec<Column>,
    /// Rows kept (complete cases).
    pub n_rows: usize,
    /// Rows dropped because a used column was missing.
    pub n_dropped: usize,
}

impl Frame {
    /// Put each variable's reference level first ([`ReferenceLevels`]), refusing a variable
    /// the model does not use, a numeric one, or a level it does not have (each naming
    /// `--reference`).
    pub fn relevel(&mut self, references: &ReferenceLevels) -> Result<()> {
        for (var, level) in &references.0 {
            let Some(i) = self.names.iter().position(|n| n == var) else {
                return Err(Error::field(
                    "reference",
                    format!(
                        "{var} is not a variable of the model (its variables: {})",
                        self.names.join(", ")
                    ),
                ));
            };
            let column = std::mem::replace(&mut self.columns[i], Column::Numeric(Vec::new()));
            self.columns[i] = column.with_reference(level, var)?;
        }
        Ok(())
    }

    /// The reference level (the first) of each categorical variable among `formula`'s fixed
    /// terms, in the terms' order: what treatment coding compares the other levels with.
    pub fn reference_levels(&self, formula: &super::Formula) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for term in &formula.fixed {
            for v in &term.variables {
                if out.iter().any(|(n, _)| n == &v.name) {
                    continue;
                }
                if let Some(Column::Categorical { levels, .. }) = self.column(&v.name) {
                    if let Some(first) = levels.first() {
                        out.push((v.name.clone(), first.clone()));
                    }
                }
            }
        }
        out
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.columns[i])
    }

    /// Build from in-memory columns (all rows complete; `NaN` counts as missing and the row is
    /// dropped). Categorical columns are given as text.
    pub fn from_columns(source: &str, columns: Vec<(String, RawColumn)>) -> Result<Frame> {
        let mut builders = Vec::new();
        let mut names = Vec::new();
        for (name, raw) in columns {
            let mut b = ColumnBuilder::new(match raw {
                RawColumn::Numbers(_) => Role::Numeric,
                RawColumn::Text(_) => Role::Categorical,
            });
            match raw {
                RawColumn::Numbers(v) => {
                    for (i, x) in v.iter().enumerate() {
                        let t = if x.is_nan() {
                            String::new()
                        } else {
                            format!("{x}")
                        };
                        b.push(t.as_bytes(), &|| {
                            format!("{source}: row {}, column {name}", i + 1)
                        })?;
                    }
                }
                RawColumn::Text(v) => {
                    for (i, x) in v.iter().enumerate() {
                        b.push(x.trim().as_bytes(), &|| {
                            format!("{source}: row {}, column {name}", i + 1)
                        })?;
                    }
                }
            }
            names.push(name);
            builders.push(b);
        }
        finish(source.to_string(), names, builders)
    }

    /// Build from columns that are already typed (numbers as `f64`, categories as codes into
    /// their levels), as a simulation makes them: no text round trip, so thousands of
    /// simulated data sets cost nothing to build. Every row must be complete (a `NaN` is
    /// refused) and every column as long as the first.
    pub fn from_typed_columns(source: &str, columns: Vec<(String, Column)>) -> Result<Frame> {
        let len = |c: &Column| match c {
            Column::Numeric(v) => v.len(),
            Column::Categorical { codes, .. } => codes.len(),
        };
        let n = columns.first().map_or(0, |(_, c)| len(c));
        for (name, c) in &columns {
            let at = || format!("{source}: column {name}");
            if len(c) != n {
                return Err(Error::input(
                    at(),
                    format!("{} rows, but the first column has {n}", len(c)),
                ));
            }
            match c {
                Column::Numeric(v) if v.iter().any(|x| x.is_nan()) => {
                    return Err(Error::input(at(), "a value is missing (NaN)"));
                }
                Column::Categorical { codes, levels }
                    if codes.iter().any(|&k| k as usize >= levels.len()) =>
                {
                    return Err(Error::input(at(), "a code has no level"));
                }
                _ => {}
            }
        }
        let (names, columns) = columns.into_iter().unzip();
        Ok(Frame {
            source: source.to_string(),
            names,
            columns,
            n_rows: n,
            n_dropped: 0,
        })
    }

    /// Read the columns in `wanted` (name, role) from the CSV file at `path`, with
    /// [`CsvFile::fold_rows_parallel`] (a million rows are parsed on all cores); a column
    /// the file lacks is refused naming `--formula`.
    pub fn read_csv(path: &Path, wanted: &[(String, Role)]) -> Result<Frame> {
        Frame::read_csv_naming(path, wanted, &|_| "{field:formula}")
    }

    /// [`Frame::read_csv`], a column the file lacks refused naming the option `option_of`
    /// gives for it (`{field:residual}` for the time of `lmm --residual`).
    pub fn read_csv_naming(
        path: &Path,
        wanted: &[(String, Role)],
        option_of: &dyn Fn(&str) -> &'static str,
    ) -> Result<Frame> {
        let file = CsvFile::read(path)?;
        let index: Vec<usize> = wanted
            .iter()
            .map(|(name, _)| file.require(name, option_of(name)))
            .collect::<crate::error::RefusalResult<_>>()?;
        let source = file.name().to_string();
        let new_builders = || -> Vec<ColumnBuilder> {
            wanted.iter().map(|(_, r)| ColumnBuilder::new(*r)).collect()
        };
        let builders = file.fold_rows_parallel(
            new_builders,
            |builders, row| {
                for (k, &i) in index.iter().enumerate() {
                    builders[k].push(row.bytes(i), &|| row.location(i))?;
                }
                Ok(())
            },
            // The columns are merged side by side (a grouping column's levels are the most
            // work).
            |all, part| {
                all.par_iter_mut().zip(part).for_each(|(a, b)| a.append(b));
            },
        )?;
        let names = wanted.iter().map(|(n, _)| n.clone()).collect();
        finish(source, names, builders)
    }
}

/// An in-memory column for [`Frame::from_columns`].
#[derive(Debug, Clone)]
pub enum RawColumn {
    Numbers(Vec<f64>),
    Text(Vec<String>),
}

/// A small, fast hasher for short byte keys (FNV-1a); the keys are not adversarial.
#[derive(Default)]
struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}
type FastMap = HashMap<Vec<u8>, u32, BuildHasherDefault<Fnv>>;

const MISSING_CODE: u32 = u32::MAX;

struct ColumnBuilder {
    role: Role,
    numbers: Vec<f64>,
    codes: Vec<u32>,
    interned: FastMap,
    /// The last cell interned and its code ([`MISSING_CODE`] before the first).
    last_cell: Vec<u8>,
    last_code: u32,
    /// First non-numeric cell seen: (where, text).
    first_text: Option<(String, String)>,
    n_text: usize,
    n_number: usize,
}

impl ColumnBuilder {
    fn new(role: Role) -> Self {
        ColumnBuilder {
            role,
            numbers: Vec::new(),
            codes: Vec::new(),
            interned: FastMap::default(),
            last_cell: Vec::new(),
            last_code: MISSING_CODE,
            first_text: None,
            n_text: 0,
            n_number: 0,
        }
    }

    /// Append the rows of `other` (parsed from the rows after this builder's).
    fn append(&mut self, other: ColumnBuilder) {
        let mut map = vec![0u32; other.interned.len()];
        self.interned.reserve(other.interned.len());
        for (key, code) in other.interned {
            let next = self.interned.len() as u32;
            map[code as usize] = *self.interned.entry(key).or_insert(next);
        }
        self.codes.extend(other.codes.iter().map(|&c| {
            if c == MISSING_CODE {
                c
            } else {
                map[c as usize]
            }
        }));
        self.numbers.extend(other.numbers);
        if self.first_text.is_none() {
            self.first_text = other.first_text;
        }
        self.n_text += other.n_text;
        self.n_number += other.n_number;
    }

    fn intern(&mut self, cell: &[u8]) -> u32 {
        // A group's rows usually follow one another: the level of the row before is tried
        // before the hash table.
        if self.last_code != MISSING_CODE && self.last_cell == cell {
            return self.last_code;
        }
        let c = match self.interned.get(cell) {
            Some(&c) => c,
            None => {
                let c = self.interned.len() as u32;
                self.interned.insert(cell.to_vec(), c);
                c
            }
        };
        self.last_cell.clear();
        self.last_cell.extend_from_slice(cell);
        self.last_code = c;
        c
    }

    /// Add one cell (spaces around it already removed); `location` names it in errors (made
    /// only then: a million rows must not format a million places).
    fn push(&mut self, cell: &[u8], location: &dyn Fn() -> String) -> Result<()> {
        if is_missing(cell) {
            self.numbers.push(f64::NAN);
            if self.role != Role::Numeric {
                self.codes.push(MISSING_CODE);
            }
            return Ok(());
        }
        match self.role {
            Role::Numeric => match parse_number(cell) {
                Some(x) => self.numbers.push(x),
                None => {
                    return Err(Error::input(
                        location(),
                        format!(
                            "'{}' is not a number; this column must hold numbers (write NA or leave the cell empty for a missing value)",
                            String::from_utf8_lossy(cell)
                        ),
                    ));
                }
            },
            Role::Categorical => {
                let c = self.intern(cell);
                self.codes.push(c);
            }
            Role::Either => {
                match parse_number(cell) {
                    Some(x) => {
                        self.numbers.push(x);
                        self.n_number += 1;
                    }
                    None => {
                        self.numbers.push(f64::NAN);
                        self.n_text += 1;
                        if self.first_text.is_none() {
                            self.first_text =
                                Some((location(), String::from_utf8_lossy(cell).into_owned()));
                        }
                    }
                }
                let c = self.intern(cell);
                self.codes.push(c);
            }
        }
        Ok(())
    }

    /// Decide the column type; `missing[i]` is set for missing cells.
    fn build(self, name: &str, missing: &mut [bool]) -> Result<Column> {
        let numeric = match self.role {
            Role::Numeric => true,
            Role::Categorical => false,
            Role::Either => {
                if self.n_text == 0 {
                    true
                } else if self.n_number > self.n_text {
                    let (location, text) = self.first_text.unwrap_or_default();
                    return Err(Error::input(
                        location,
                        format!(
                            "'{text}' is not a number, but most of this column is numbers; fix the cell, write NA for a missing value, or write factor({name}) in the formula to treat the column as categorical"
                        ),
                    ));
                } else {
                    false
                }
            }
        };
        if numeric {
            for (m, x) in missing.iter_mut().zip(&self.numbers) {
                if x.is_nan() {
                    *m = true;
                }
            }
            return Ok(Column::Numeric(self.numbers));
        }
        let (recode, levels) =
            crate::model_matrix::order_levels(self.interned.into_iter().collect());
        let mut codes = self.codes;
        for (m, c) in missing.iter_mut().zip(codes.iter_mut()) {
            if *c == MISSING_CODE {
                *m = true;
            } else {
                *c = recode[*c as usize];
            }
        }
        Ok(Column::Categorical { codes, levels })
    }
}

fn finish(source: String, names: Vec<String>, builders: Vec<ColumnBuilder>) -> Result<Frame> {
    let n = builders
        .first()
        .map_or(0, |b| b.numbers.len().max(b.codes.len()));
    let mut missing = vec![false; n];
    let mut columns = Vec::new();
    for (b, name) in builders.into_iter().zip(&names) {
        columns.push(b.build(name, &mut missing)?);
    }
    let n_dropped = missing.iter().filter(|m| **m).count();
    if n_dropped > 0 {
        for c in columns.iter_mut() {
            match c {
                Column::Numeric(v) => retain(v, &missing),
                Column::Categorical { codes, .. } => retain(codes, &missing),
            }
        }
    }
    // Levels that only occurred in dropped rows are removed, as lme4 drops unused levels.
    for c in columns.iter_mut() {
        if let Column::Categorical { codes, levels } = c {
            let mut used = vec![false; levels.len()];
            for &k in codes.iter() {
                used[k as usize] = true;
            }
            if used.iter().any(|u| !u) {
                let mut map = vec![0u32; levels.len()];
                let mut kept = Vec::new();
                for (i, l) in levels.iter().enumerate() {
                    if used[i] {
                        map[i] = kept.len() as u32;
                        kept.push(l.clone());
                    }
                }
                for k in codes.iter_mut() {
                    *k = map[*k as usize];
                }
                *levels = kept;
            }
        }
    }
    Ok(Frame {
        source,
        names,
        columns,
        n_rows: n - n_dropped,
        n_dropped,
    })
}

fn retain<T: Copy>(v: &mut Vec<T>, drop: &[bool]) {
    let mut k = 0;
    for i in 0..v.len() {
        if !drop[i] {
            v[k] = v[i];
            k += 1;
        }
    }
    v.truncate(k);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn csv_file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn missing_cells_drop_rows_and_levels_sort() {
        let f = csv_file("y,g,arm\n1.5,10,b\nNA,9,a\n2, 10 ,c\n3,2,\n4,9,b\n");
        let wanted = [
            ("y".to_string(), Role::Numeric),
            ("g".to_string(), Role::Categorical),
            ("arm".to_string(), Role::Either),
        ];
        let fr = Frame::read_csv(f.path(), &wanted).unwrap();
        assert_eq!(fr.n_rows, 3);
        assert_eq!(fr.n_dropped, 2);
        assert_eq!(fr.column("y"), Some(&Column::Numeric(vec![1.5, 2.0, 4.0])));
        // Numeric-looking levels sort numerically: 9 before 10; level 2 was only in a dropped row.
        assert_eq!(
            fr.column("g"),
            Some(&Column::Categorical {
                codes: vec![1, 1, 0],
                levels: vec!["9".into(), "10".into()]
            })
        );
        assert_eq!(
            fr.column("arm"),
            Some(&Column::Categorical {
                codes: vec![0, 1, 0],
                levels: vec!["b".into(), "c".into()]
            })
        );
    }

    #[test]
    fn pieces_read_in_parallel_keep_order_levels_and_line_numbers() {
        let mut text = String::from("y,g\n");
        for i in 0..500 {
            text.push_str(&format!("{i},{}\n", ["b", "a", "c"][i % 3]));
        }
        text.push('\n');
        let f = csv_file(&text);
        let wanted = [
            ("y".to_string(), Role::Numeric),
            ("g".to_string(), Role::Categorical),
        ];
        let fr = Frame::read_csv(f.path(), &wanted).unwrap();
        let Some(Column::Numeric(y)) = fr.column("y") else {
            panic!("numeric")
        };
        assert_eq!(y.len(), 500);
        assert!(y.iter().enumerate().all(|(i, v)| *v == i as f64));
        let Some(Column::Categorical { codes, levels }) = fr.column("g") else {
            panic!("categorical")
        };
        assert_eq!(levels, &["a", "b", "c"]);
        assert_eq!(&codes[..4], &[1, 0, 2, 1]);
        // A bad cell far into the file is reported at its own line (header = line 1).
        let bad = text.replacen("400,", "4x0,", 1);
        let f = csv_file(&bad);
        let e = Frame::read_csv(f.path(), &wanted).unwrap_err().to_string();
        assert!(e.contains(":402: column y"), "{e}");
        let short = text.replacen("300,b", "300", 1);
        let f = csv_file(&short);
        let e = Frame::read_csv(f.path(), &wanted).unwrap_err().to_string();
        assert!(
            e.contains(":302") && e.contains("1 fields but the header has 2"),
            "{e}"
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_header_is_ignored() {
        let f = csv_file("\u{feff}y,g\r\n1,a\r\n2,b\r\n");
        let wanted = [
            ("y".to_string(), Role::Numeric),
            ("g".to_string(), Role::Categorical),
        ];
        let fr = Frame::read_csv(f.path(), &wanted).unwrap();
        assert_eq!(fr.column("y"), Some(&Column::Numeric(vec![1.0, 2.0])));
    }

    #[test]
    fn a_word_in_a_numeric_column_is_refused_with_its_line() {
        let f = csv_file("y,g\n1,a\n2,b\nx3,a\n");
        let wanted = [
            ("y".to_string(), Role::Numeric),
            ("g".to_string(), Role::Categorical),
        ];
        let e = Frame::read_csv(f.path(), &wanted).unwrap_err().to_string();
        assert!(
            e.contains(":4: column y") && e.contains("'x3' is not a number"),
            "{e}"
        );
        let f = csv_file("y,m\n1,1\n2,2\n3,two\n");
        let wanted = [
            ("y".to_string(), Role::Numeric),
            ("m".to_string(), Role::Either),
        ];
        let e = Frame::read_csv(f.path(), &wanted).unwrap_err().to_string();
        assert!(e.contains(":4: column m") && e.contains("factor(m)"), "{e}");
        let wanted = [("nope".to_string(), Role::Numeric)];
        let e = Frame::read_csv(f.path(), &wanted).unwrap_err().to_string();
        assert!(
            e.contains("no column 'nope' in") && e.contains("y, m"),
            "{e}"
        );
    }
}
