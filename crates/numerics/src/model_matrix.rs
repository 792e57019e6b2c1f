//! The one model-matrix builder: the fixed effects of a mixed model (`lmm`) and the
//! moderators of a meta-regression (`meta`) become a named, row-major matrix here, with one
//! rule for categorical variables and one for the order of their levels.
//!
//! **Columns.** A [`Column`] is numeric, or categorical with sorted levels and one code per
//! row.
//!
//! **Level order** ([`order_levels`]): numerically when every level reads as a number (so
//! `9` comes before `10`, as R's `factor()` of a numeric vector), otherwise by the bytes of
//! the text (as R sorts in the C locale; other locales may order mixed-case labels
//! differently). The first level is the reference.
//!
//! **Coding** (Chambers & Hastie 1992, *Statistical Models in S*, §2.4.1, as R's
//! `model.matrix`): a categorical variable in a term is coded by treatment contrasts (one
//! column per level but the first) when the term without that variable is in the model (the
//! empty term being the intercept), and by one indicator per level otherwise. So
//! `y ~ arm` gives `armB, armC` beside the intercept, `y ~ 0 + arm` gives `armA, armB, armC`,
//! and `sex:week` without `week` gives `sexF:week, sexM:week`. Columns are named as R names
//! them: the variable as written, then the level (`armB`, `month:armB`).

use crate::csv_file::parse_number;
use crate::error::{Error, Result};

/// One variable of the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Numeric(Vec<f64>),
    Categorical {
        /// Index into `levels` for each row.
        codes: Vec<u32>,
        /// Levels in the order of [`order_levels`].
        levels: Vec<String>,
    },
}

impl Column {
    /// A categorical column from its cells, levels in the order of [`order_levels`].
    ///
    /// ```
    /// use trialstats_numerics::model_matrix::Column;
    /// // R: factor(c("placebo", "drug", "placebo")) has levels "drug", "placebo", codes 2 1 2.
    /// let arm = Column::categorical(&["placebo", "drug", "placebo"]);
    /// assert_eq!(arm.n_levels(), Some(2));
    /// let Column::Categorical { codes, levels } = arm else { unreachable!() };
    /// assert_eq!((codes, levels), (vec![1, 0, 1], vec!["drug".to_string(), "placebo".into()]));
    /// ```
    pub fn categorical<S: AsRef<str>>(cells: &[S]) -> Column {
        // Codes in order of first appearance, found by hashing (many studies may each have
        // their own level).
        let mut seen: std::collections::HashMap<&[u8], u32> = std::collections::HashMap::new();
        let mut levels: Vec<(Vec<u8>, u32)> = Vec::new();
        let mut codes = Vec::with_capacity(cells.len());
        for cell in cells {
            let bytes = cell.as_ref().as_bytes();
            let code = *seen.entry(bytes).or_insert_with(|| {
                levels.push((bytes.to_vec(), levels.len() as u32));
                (levels.len() - 1) as u32
            });
            codes.push(code);
        }
        let (recode, levels) = order_levels(levels);
        for c in codes.iter_mut() {
            *c = recode[*c as usize];
        }
        Column::Categorical { codes, levels }
    }

    /// The column with `level` first, the others in their order (R's `relevel`): treatment
    /// coding then compares every other level with it. `name` names the column in errors,
    /// which name the field `reference`: a numeric column, or a level the column does not have (the
    /// levels are listed).
    ///
    /// ```
    /// use trialstats_numerics::model_matrix::Column;
    /// // R: relevel(factor(c("placebo", "drug", "placebo")), ref = "placebo") has levels
    /// // "placebo", "drug" and codes 1 2 1.
    /// let arm = Column::categorical(&["placebo", "drug", "placebo"]).with_reference("placebo", "arm")?;
    /// let Column::Categorical { codes, levels } = arm else { unreachable!() };
    /// assert_eq!((codes, levels), (vec![0, 1, 0], vec!["placebo".to_string(), "drug".into()]));
    /// let e = Column::categorical(&["a", "b"]).with_reference("c", "arm").unwrap_err();
    /// assert!(e.to_string().starts_with("reference:") && e.to_string().contains("a, b"));
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn with_reference(self, level: &str, name: &str) -> Result<Column> {
        match self {
            Column::Numeric(_) => Err(Error::field(
                "reference",
                format!("{name} is numeric; a reference level is for a categorical variable"),
            )),
            Column::Categorical { codes, levels } => {
                let Some(at) = levels.iter().position(|l| l == level) else {
                    return Err(Error::field(
                        "reference",
                        format!(
                            "{name} has no level '{level}'; its levels are {}",
                            levels.join(", ")
                        ),
                    ));
                };
                // New order: the reference, then the others as they were.
                let mut order: Vec<usize> = vec![at];
                order.extend((0..levels.len()).filter(|&i| i != at));
                let mut recode = vec![0u32; levels.len()];
                for (new, &old) in order.iter().enumerate() {
                    recode[old] = new as u32;
                }
                Ok(Column::Categorical {
                    codes: codes.into_iter().map(|c| recode[c as usize]).collect(),
                    levels: order.into_iter().map(|i| levels[i].clone()).collect(),
                })
            }
        }
    }

    /// Number of distinct levels (categorical) or `None` (numeric).
    pub fn n_levels(&self) -> Option<usize> {
        match self {
            Column::Categorical { levels, .. } => Some(levels.len()),
            Column::Numeric(_) => None,
        }
    }
}

/// Order the distinct levels `(text, first code)` of a categorical variable by the one rule
/// (numerically when every level is a number, else by bytes); returns the new code of each
/// old code, and the levels in order.
///
/// ```
/// use trialstats_numerics::model_matrix::order_levels;
/// // Visits 10 and 9 are numbers: 9 comes first, as R's factor() of a numeric vector.
/// let (_, levels) = order_levels(vec![(b"10".to_vec(), 0), (b"9".to_vec(), 1)]);
/// assert_eq!(levels, ["9", "10"]);
/// // Words sort by their bytes, as R in the C locale: "Drug" before "placebo".
/// let (_, levels) = order_levels(vec![(b"placebo".to_vec(), 0), (b"Drug".to_vec(), 1)]);
/// assert_eq!(levels, ["Drug", "placebo"]);
/// ```
pub fn order_levels(mut levels: Vec<(Vec<u8>, u32)>) -> (Vec<u32>, Vec<String>) {
    let all_numbers = levels.iter().all(|(l, _)| parse_number(l).is_some());
    if all_numbers {
        levels.sort_by(|a, b| {
            let x = parse_number(&a.0).unwrap_or(0.0);
            let y = parse_number(&b.0).unwrap_or(0.0);
            x.total_cmp(&y)
        });
    } else {
        levels.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let mut recode = vec![0u32; levels.len()];
    for (new, (_, old)) in levels.iter().enumerate() {
        recode[*old as usize] = new as u32;
    }
    let names = levels
        .into_iter()
        .map(|(l, _)| {
            String::from_utf8(l)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
        .collect();
    (recode, names)
}

/// The most columns a model matrix may have. Each column is a dense vector over the rows
/// and the fits cost rows × columns², so a factor of 5,000 levels given as a fixed effect
/// (100,000 rows: 4 GB, and hours) is refused up front with this limit.
pub const MAX_COLUMNS: usize = 1000;

/// One variable in a term: its data, the name its columns are given (`arm`, `factor(dose)`)
/// and the key that identifies it when terms are compared (the column name).
#[derive(Debug, Clone, Copy)]
pub struct Factor<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub column: &'a Column,
}

/// A term of the model: the product of its variables (one variable for a main effect).
pub type Term<'a> = Vec<Factor<'a>>;

/// A model matrix, row-major (`n × p`), with its column names.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelMatrix {
    /// Column names (`(Intercept)` or `intrcpt`, `month`, `armB`, `month:armB`).
    pub names: Vec<String>,
    /// Row `i`, column `j` at `i * p + j`.
    values: Vec<f64>,
    /// Rows.
    pub n: usize,
    /// Columns.
    pub p: usize,
    /// The term of each column as R's `attr(X, "assign")`: 0 for the intercept, k for the
    /// k-th term given to [`ModelMatrix::build`] (empty for a matrix built otherwise).
    pub assign: Vec<usize>,
}

/// One variable of a term as it is coded: numeric, or the levels that get a column.
#[derive(Clone, Copy)]
enum Part<'a> {
    Numeric(&'a [f64], &'a str),
    Levels {
        codes: &'a [u32],
        label: &'a str,
        levels: &'a [String],
        first: usize,
    },
}

impl Part<'_> {
    fn width(&self) -> usize {
        match self {
            Part::Numeric(..) => 1,
            Part::Levels { levels, first, .. } => levels.len() - first,
        }
    }
    fn label(&self, k: usize) -> String {
        match self {
            Part::Numeric(_, n) => n.to_string(),
            Part::Levels {
                label,
                levels,
                first,
                ..
            } => format!("{label}{}", levels[first + k]),
        }
    }
    fn value(&self, row: usize, k: usize) -> f64 {
        match self {
            Part::Numeric(v, _) => v[row],
            Part::Levels { codes, first, .. } => {
                if codes[row] as usize == first + k {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

impl ModelMatrix {
    /// The matrix of `terms` over `n` rows, with an intercept column named `intercept` when
    /// given. A categorical variable with one level only cannot be coded and is refused,
    /// naming it, at `location` (the option or formula that asked for it).
    ///
    /// ```
    /// use trialstats_numerics::model_matrix::{Column, Factor, ModelMatrix};
    /// // R: model.matrix(~ month * arm, data.frame(month = c(0, 6, 0, 6),
    /// //     arm = c("A", "A", "B", "B"))): (Intercept) month armB month:armB, and the last
    /// // row 1 6 1 6; attr(, "assign") is 0 1 2 3.
    /// let month = Column::Numeric(vec![0.0, 6.0, 0.0, 6.0]);
    /// let arm = Column::categorical(&["A", "A", "B", "B"]);
    /// let m = Factor { key: "month", label: "month", column: &month };
    /// let a = Factor { key: "arm", label: "arm", column: &arm };
    /// let x = ModelMatrix::build(4, Some("(Intercept)"), &[vec![m], vec![a], vec![m, a]], "--formula")?;
    /// assert_eq!(x.names, ["(Intercept)", "month", "armB", "month:armB"]);
    /// assert_eq!(x.row(3), [1.0, 6.0, 1.0, 6.0]);
    /// assert_eq!(x.assign, [0, 1, 2, 3]);
    /// # Ok::<(), trialstats_numerics::Error>(())
    /// ```
    pub fn build(
        n: usize,
        intercept: Option<&str>,
        terms: &[Term],
        location: &str,
    ) -> Result<ModelMatrix> {
        // Each column's name and the parts whose product it is (none for the intercept); the
        // values are written row by row at the end, without a copy of each column.
        let mut columns: Vec<(String, Vec<(Part, usize)>)> = Vec::new();
        let mut assign = Vec::new();
        if let Some(name) = intercept {
            columns.push((name.to_string(), Vec::new()));
            assign.push(0);
        }
        let present = |keys: &[&str]| {
            if keys.is_empty() {
                return intercept.is_some();
            }
            terms
                .iter()
                .any(|t| t.len() == keys.len() && t.iter().all(|f| keys.contains(&f.key)))
        };
        for (term_index, term) in terms.iter().enumerate() {
            let keys: Vec<&str> = term.iter().map(|f| f.key).collect();
            let mut parts = Vec::with_capacity(term.len());
            for f in term {
                match f.column {
                    Column::Numeric(x) => parts.push(Part::Numeric(x, f.label)),
                    Column::Categorical { codes, levels } => {
                        if levels.len() < 2 {
                            return Err(Error::input(
                                location,
                                format!(
                                    "the categorical variable '{}' has one level only ('{}') among the rows used; it needs at least two to be in the model",
                                    f.label,
                                    levels.first().map_or("", String::as_str)
                                ),
                            ));
                        }
                        let without: Vec<&str> =
                            keys.iter().copied().filter(|k| *k != f.key).collect();
                        parts.push(Part::Levels {
                            codes,
                            label: f.label,
                            levels,
                            first: usize::from(present(&without)),
                        });
                    }
                }
            }
            let widths: Vec<usize> = parts.iter().map(Part::width).collect();
            let total: usize = widths.iter().product();
            let p = columns.len() + total;
            if p > MAX_COLUMNS {
                let name = term.iter().map(|f| f.label).collect::<Vec<_>>().join(":");
                return Err(Error::input(
                    location,
                    format!(
                        "the term '{name}' makes the model matrix {p} columns wide; at most {MAX_COLUMNS} are supported (a fit costs rows × columns² and the matrix rows × columns of memory); a grouping with many levels belongs in a random term such as (1 | {})",
                        term[0].key
                    ),
                ));
            }
            // The first variable varies fastest, as in R.
            for combo in 0..total {
                let mut ks = Vec::with_capacity(parts.len());
                let mut rest = combo;
                for w in &widths {
                    ks.push(rest % w);
                    rest /= w;
                }
                let label = parts
                    .iter()
                    .zip(&ks)
                    .map(|(p, &k)| p.label(k))
                    .collect::<Vec<_>>()
                    .join(":");
                columns.push((label, parts.iter().copied().zip(ks).collect()));
                assign.push(term_index + 1);
            }
        }
        let p = columns.len();
        let mut values = vec![0.0; n * p];
        for (r, row) in values.chunks_exact_mut(p.max(1)).enumerate().take(n) {
            for (v, (_, recipe)) in row.iter_mut().zip(&columns) {
                *v = recipe.iter().map(|(part, k)| part.value(r, *k)).product();
            }
        }
        Ok(ModelMatrix {
            names: columns.into_iter().map(|(name, _)| name).collect(),
            values,
            n,
            p,
            assign,
        })
    }

    /// The intercept alone, for `n` rows.
    pub fn intercept_only(n: usize, name: &str) -> ModelMatrix {
        ModelMatrix::from_columns(n, vec![(name.to_string(), vec![1.0; n])])
    }

    /// A matrix from named columns, each of length `n`.
    pub fn from_columns(n: usize, columns: Vec<(String, Vec<f64>)>) -> ModelMatrix {
        let p = columns.len();
        let mut values = vec![0.0; n * p];
        for (j, (_, col)) in columns.iter().enumerate() {
            for (i, x) in col.iter().enumerate() {
                values[i * p + j] = *x;
            }
        }
        ModelMatrix {
            names: columns.into_iter().map(|(name, _)| name).collect(),
            values,
            n,
            p,
            assign: Vec::new(),
        }
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.p..(i + 1) * self.p]
    }

    /// Column `j`, copied.
    pub fn column(&self, j: usize) -> Vec<f64> {
        (0..self.n).map(|i| self.values[i * self.p + j]).collect()
    }

    /// The same matrix without row `i`.
    pub fn without_row(&self, i: usize) -> ModelMatrix {
        let mut values = Vec::with_capacity((self.n - 1) * self.p);
        values.extend_from_slice(&self.values[..i * self.p]);
        values.extend_from_slice(&self.values[(i + 1) * self.p..]);
        ModelMatrix {
            names: self.names.clone(),
            values,
            n: self.n - 1,
            p: self.p,
            assign: self.assign.clone(),
        }
    }

    /// The same matrix with one more named column.
    pub fn with_column(&self, name: &str, col: &[f64]) -> ModelMatrix {
        let mut columns: Vec<(String, Vec<f64>)> = (0..self.p)
            .map(|j| (self.names[j].clone(), self.column(j)))
            .collect();
        columns.push((name.to_string(), col.to_vec()));
        ModelMatrix::from_columns(self.n, columns)
    }

    /// Whether the matrix is the intercept alone.
    pub fn is_intercept_only(&self) -> bool {
        self.p == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_sort_numerically_when_all_are_numbers_else_by_bytes() {
        let c = Column::categorical(&["10", "9", "2", "9"]);
        assert_eq!(
            c,
            Column::Categorical {
                codes: vec![2, 1, 0, 1],
                levels: vec!["2".into(), "9".into(), "10".into()]
            }
        );
        let c = Column::categorical(&["b", "B", "a", "10"]);
        let Column::Categorical { levels, .. } = c else {
            panic!("categorical")
        };
        assert_eq!(levels, ["10", "B", "a", "b"]);
    }

    // As R: colnames(model.matrix(~ m * arm, data.frame(m = 0:3, arm = c("b","a","c","a"))))
    //  "(Intercept)" "m" "armb" "armc" "m:armb" "m:armc"; and ~ 0 + arm + arm:m gives
    //  "arma" "armb" "armc" "arma:m" "armb:m" "armc:m".
    #[test]
    fn coding_and_names_follow_model_matrix() {
        let m = Column::Numeric(vec![0.0, 1.0, 2.0, 3.0]);
        let arm = Column::categorical(&["b", "a", "c", "a"]);
        let f = |key, column| Factor {
            key,
            label: key,
            column,
        };
        let terms = vec![
            vec![f("m", &m)],
            vec![f("arm", &arm)],
            vec![f("m", &m), f("arm", &arm)],
        ];
        let x = ModelMatrix::build(4, Some("(Intercept)"), &terms, "--formula").unwrap();
        assert_eq!(
            x.names,
            ["(Intercept)", "m", "armb", "armc", "m:armb", "m:armc"]
        );
        assert_eq!(x.row(2), [1.0, 2.0, 0.0, 1.0, 0.0, 2.0]);
        let terms = vec![vec![f("arm", &arm)], vec![f("arm", &arm), f("m", &m)]];
        let x = ModelMatrix::build(4, None, &terms, "--formula").unwrap();
        assert_eq!(
            x.names,
            ["arma", "armb", "armc", "arma:m", "armb:m", "armc:m"]
        );
        let one = Column::categorical(&["x", "x", "x", "x"]);
        let e = ModelMatrix::build(4, Some("intrcpt"), &[vec![f("one", &one)]], "--mods")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("--mods: the categorical variable 'one' has one level only"),
            "{e}"
        );
    }
}
