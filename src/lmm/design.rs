//! The fixed-effect model matrix X: numeric columns, categorical columns in treatment coding
//! (first level as reference) and their interactions, named as R's `model.matrix` names them.
//!
//! Coding follows R's rule for factors in a term (Chambers & Hastie 1992, *Statistical Models
//! in S*, §2.4.1): a factor in a term is coded by contrasts when the term without that factor
//! is in the model (the empty term being the intercept), and by one indicator per level
//! otherwise. So `y ~ arm` gives `armB, armC` beside `(Intercept)`, `y ~ 0 + arm` gives
//! `armA, armB, armC`, and `sex:week` without `week` gives `sexF:week, sexM:week`.

use super::dense::cholesky_in_place;
use super::formula::{FixedTerm, Formula};
use super::frame::{Column, Frame};
use crate::error::{Error, Result};

/// The fixed-effect design, row-major (`n × p`).
#[derive(Debug, Clone, PartialEq)]
pub struct FixedDesign {
    /// Column names as R writes them (`(Intercept)`, `month`, `armB`, `month:armB`).
    pub names: Vec<String>,
    /// Row-major values: row `i`, column `j` at `i * p + j`.
    pub values: Vec<f64>,
    pub n: usize,
    pub p: usize,
}

/// One factor of a term when building columns: a numeric column, or a categorical column
/// with the levels that get a column.
enum Part<'a> {
    Numeric(&'a [f64], &'a str),
    Levels {
        codes: &'a [u32],
        /// The prefix of the column names: the name as written (`arm`, `factor(dose)`).
        name: String,
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
                name,
                levels,
                first,
                ..
            } => format!("{name}{}", levels[first + k]),
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

fn term_present(formula: &Formula, vars: &[&str]) -> bool {
    if vars.is_empty() {
        return formula.intercept;
    }
    formula.fixed.iter().any(|t| {
        t.variables.len() == vars.len()
            && t.variables.iter().all(|v| vars.contains(&v.name.as_str()))
    })
}

impl FixedDesign {
    /// Build X for `formula` from `frame`.
    pub fn build(formula: &Formula, frame: &Frame) -> Result<FixedDesign> {
        let n = frame.n_rows;
        let mut names = Vec::new();
        let mut columns: Vec<Vec<f64>> = Vec::new();
        if formula.intercept {
            names.push("(Intercept)".to_string());
            columns.push(vec![1.0; n]);
        }
        for term in &formula.fixed {
            let parts = parts_of(formula, term, frame)?;
            let widths: Vec<usize> = parts.iter().map(Part::width).collect();
            let total: usize = widths.iter().product();
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
                let col: Vec<f64> = (0..n)
                    .map(|r| parts.iter().zip(&ks).map(|(p, &k)| p.value(r, k)).product())
                    .collect();
                names.push(label);
                columns.push(col);
            }
        }
        let p = columns.len();
        let mut values = vec![0.0; n * p];
        for (j, c) in columns.iter().enumerate() {
            for (i, x) in c.iter().enumerate() {
                values[i * p + j] = *x;
            }
        }
        Ok(FixedDesign {
            names,
            values,
            n,
            p,
        })
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.p..(i + 1) * self.p]
    }
}

fn parts_of<'a>(formula: &Formula, term: &'a FixedTerm, frame: &'a Frame) -> Result<Vec<Part<'a>>> {
    let all: Vec<&str> = term.variables.iter().map(|v| v.name.as_str()).collect();
    let mut parts = Vec::new();
    for v in &term.variables {
        let column = frame.column(&v.name).ok_or_else(|| {
            Error::input(
                "--formula",
                format!("column '{}' is not in {}", v.name, frame.source),
            )
        })?;
        let name = v.name.as_str();
        match column {
            Column::Numeric(x) => parts.push(Part::Numeric(x, name)),
            Column::Categorical { codes, levels } => {
                let without: Vec<&str> = all.iter().copied().filter(|n| *n != name).collect();
                let first = usize::from(term_present(formula, &without));
                if levels.len() < 2 {
                    return Err(Error::input(
                        format!("--formula, column {name}"),
                        format!(
                            "the categorical column '{name}' has only one level ('{}') among the rows used; a fixed effect needs at least two",
                            levels.first().map_or("", |s| s.as_str())
                        ),
                    ));
                }
                let name = if v.as_factor {
                    format!("factor({name})")
                } else {
                    name.to_string()
                };
                parts.push(Part::Levels {
                    codes,
                    name,
                    levels,
                    first,
                });
            }
        }
    }
    Ok(parts)
}

/// Check that the `p × p` cross-product `xtx` (row-major) has full rank, by a Cholesky
/// factorisation that stops at the first column which is (to 1e-10 relative) a linear
/// combination of the columns before it; the error names that column.
pub fn check_full_rank(xtx: &[f64], names: &[String]) -> Result<()> {
    let p = names.len();
    let mut l = xtx.to_vec();
    match cholesky_in_place(&mut l, p, 1e-10) {
        Ok(()) => Ok(()),
        Err(j) => {
            let before = if j == 0 {
                "it is zero in every row used".to_string()
            } else {
                format!(
                    "it is a linear combination of the columns before it ({})",
                    names[..j].join(", ")
                )
            };
            Err(Error::input(
                "--formula",
                format!(
                    "the fixed-effect design is rank deficient at column '{}': {before}; remove that term or the one it duplicates",
                    names[j]
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lmm::frame::RawColumn;

    fn frame() -> Frame {
        Frame::from_columns(
            "test",
            vec![
                ("y".into(), RawColumn::Numbers(vec![1.0, 2.0, 3.0, 4.0])),
                ("m".into(), RawColumn::Numbers(vec![0.0, 1.0, 2.0, 3.0])),
                (
                    "arm".into(),
                    RawColumn::Text(vec!["b".into(), "a".into(), "c".into(), "a".into()]),
                ),
            ],
        )
        .unwrap()
    }

    #[test]
    fn names_and_coding_follow_model_matrix() {
        // R: colnames(model.matrix(~ m * arm, data.frame(m = 0:3, arm = c("b","a","c","a"))))
        //  "(Intercept)" "m" "armb" "armc" "m:armb" "m:armc"
        let d = FixedDesign::build(&Formula::parse("y ~ m * arm").unwrap(), &frame()).unwrap();
        assert_eq!(
            d.names,
            ["(Intercept)", "m", "armb", "armc", "m:armb", "m:armc"]
        );
        assert_eq!(d.row(2), [1.0, 2.0, 0.0, 1.0, 0.0, 2.0]);
        // R: colnames(model.matrix(~ 0 + arm + arm:m, ...)): "arma" "armb" "armc" "arma:m" "armb:m" "armc:m"
        let d =
            FixedDesign::build(&Formula::parse("y ~ 0 + arm + arm:m").unwrap(), &frame()).unwrap();
        assert_eq!(
            d.names,
            ["arma", "armb", "armc", "arma:m", "armb:m", "armc:m"]
        );
    }

    #[test]
    fn rank_deficiency_names_the_column() {
        let names: Vec<String> = ["(Intercept)", "a", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // columns 1, x, 2x
        let x = [1.0, 2.0, 3.0];
        let cols = [[1.0; 3], x, x.map(|v| 2.0 * v)];
        let mut xtx = vec![0.0; 9];
        for i in 0..3 {
            for j in 0..3 {
                xtx[i * 3 + j] = (0..3).map(|r| cols[i][r] * cols[j][r]).sum();
            }
        }
        let e = check_full_rank(&xtx, &names).unwrap_err().to_string();
        assert!(e.contains("rank deficient at column 'b'"), "{e}");
    }
}
