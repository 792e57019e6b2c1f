//! The fixed-effect model matrix X of a formula: its terms handed to the one model-matrix
//! builder ([`crate::model_matrix`]: treatment coding by R's rule, columns named as R's
//! `model.matrix` names them), and the check that X has full rank.

use super::formula::Formula;
use super::frame::Frame;
use crate::dense::cholesky_in_place;
use crate::error::{Error, Result};
use crate::model_matrix::{Factor, ModelMatrix, Term};

/// X for `formula` from `frame`: `(Intercept)` when the formula has one, then every fixed
/// term.
pub fn fixed_matrix(formula: &Formula, frame: &Frame) -> Result<ModelMatrix> {
    let mut labels = Vec::new();
    for term in &formula.fixed {
        for v in &term.variables {
            labels.push(if v.as_factor {
                format!("factor({})", v.name)
            } else {
                v.name.clone()
            });
        }
    }
    let mut k = 0;
    let mut terms: Vec<Term> = Vec::new();
    for term in &formula.fixed {
        let mut factors = Vec::new();
        for v in &term.variables {
            let column = frame.column(&v.name).ok_or_else(|| {
                Error::field(
                    "formula",
                    format!("column '{}' is not in {}", v.name, frame.source),
                )
            })?;
            factors.push(Factor {
                key: &v.name,
                label: &labels[k],
                column,
            });
            k += 1;
        }
        terms.push(factors);
    }
    Ok(ModelMatrix::build(
        frame.n_rows,
        formula.intercept.then_some("(Intercept)"),
        &terms,
        "{field:formula}",
    )?)
}

/// Each fixed term's columns with every level of its categorical variables coded, as R's
/// `model.matrix(~ 0 + term)` (lmerTest's `get_rdX`, the "rank-deficient" design from which
/// type III hypotheses are built).
pub fn full_term_matrices(formula: &Formula, frame: &Frame) -> Result<Vec<ModelMatrix>> {
    formula
        .fixed
        .iter()
        .map(|term| {
            let labels: Vec<String> = term
                .variables
                .iter()
                .map(|v| {
                    if v.as_factor {
                        format!("factor({})", v.name)
                    } else {
                        v.name.clone()
                    }
                })
                .collect();
            let mut factors = Vec::new();
            for (v, label) in term.variables.iter().zip(&labels) {
                let column = frame.column(&v.name).ok_or_else(|| {
                    Error::field(
                        "formula",
                        format!("column '{}' is not in {}", v.name, frame.source),
                    )
                })?;
                factors.push(Factor {
                    key: &v.name,
                    label,
                    column,
                });
            }
            Ok(ModelMatrix::build(
                frame.n_rows,
                None,
                &[factors],
                "{field:formula}",
            )?)
        })
        .collect()
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
            Err(Error::field(
                "formula",
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
        let d = fixed_matrix(&Formula::parse("y ~ m * arm").unwrap(), &frame()).unwrap();
        assert_eq!(
            d.names,
            ["(Intercept)", "m", "armb", "armc", "m:armb", "m:armc"]
        );
        assert_eq!(d.row(2), [1.0, 2.0, 0.0, 1.0, 0.0, 2.0]);
        // R: colnames(model.matrix(~ 0 + arm + arm:m, ...)): "arma" "armb" "armc" "arma:m" "armb:m" "armc:m"
        let d = fixed_matrix(&Formula::parse("y ~ 0 + arm + arm:m").unwrap(), &frame()).unwrap();
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
