//! Moderators of a meta-regression and their model matrix: an intercept (`intrcpt`, as
//! metafor names it), numeric moderators as they are, and categorical moderators in
//! treatment coding with the first level as reference, built by the one model-matrix
//! builder ([`crate::model_matrix`], whose rule orders the levels).

use crate::error::Result;
use crate::model_matrix::{Column, Factor};
use serde::Serialize;

pub use crate::model_matrix::ModelMatrix;

/// The name of the intercept column, as metafor's.
pub const INTERCEPT: &str = "intrcpt";

/// One moderator column, as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ModeratorValues {
    /// A numeric moderator (one value per study).
    Numeric(Vec<f64>),
    /// A categorical moderator (one level per study).
    Categorical(Vec<String>),
}

/// A named moderator column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moderator {
    /// Column name, used to name the coefficients.
    pub name: String,
    /// The values.
    pub values: ModeratorValues,
}

impl Moderator {
    /// The column `name` from its cells as read: numeric when every cell is a finite number,
    /// categorical otherwise (the one rule of `meta --mods` and `meta glmm --mods`).
    pub fn from_cells(name: &str, cells: Vec<String>) -> Moderator {
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
    }
}

/// The model matrix of `k` studies: the intercept, then each moderator in the order given
/// (a categorical one as one column per level but the first, named `namelevel` as R names
/// them). A moderator of the wrong length, or a categorical one with one level only, is
/// refused naming it.
pub fn model_matrix(k: usize, moderators: &[Moderator]) -> Result<ModelMatrix> {
    let columns: Vec<Column> = moderators
        .iter()
        .map(|m| {
            let len = match &m.values {
                ModeratorValues::Numeric(v) => v.len(),
                ModeratorValues::Categorical(v) => v.len(),
            };
            if len != k {
                return Err(crate::error::Error::input(
                    format!("moderator {}", m.name),
                    format!("has {len} values but there are {k} studies; give one value per study"),
                ));
            }
            Ok(match &m.values {
                ModeratorValues::Numeric(v) => Column::Numeric(v.clone()),
                ModeratorValues::Categorical(v) => Column::categorical(v),
            })
        })
        .collect::<Result<_>>()?;
    let terms: Vec<Vec<Factor>> = moderators
        .iter()
        .zip(&columns)
        .map(|(m, column)| {
            vec![Factor {
                key: &m.name,
                label: &m.name,
                column,
            }]
        })
        .collect();
    Ok(ModelMatrix::build(
        k,
        Some(INTERCEPT),
        &terms,
        "{field:mods}",
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categorical_moderator_uses_treatment_coding_with_sorted_first_level_as_reference() {
        // As R: model.matrix(~ alloc, data.frame(alloc = c("random", "alternate", "systematic")))
        // gives columns (Intercept), allocrandom, allocsystematic.
        let m = Moderator {
            name: "alloc".into(),
            values: ModeratorValues::Categorical(vec![
                "random".into(),
                "alternate".into(),
                "systematic".into(),
            ]),
        };
        let d = model_matrix(3, &[m]).unwrap();
        assert_eq!(d.names, vec!["intrcpt", "allocrandom", "allocsystematic"]);
        assert_eq!(d.row(0), &[1.0, 1.0, 0.0]);
        assert_eq!(d.row(1), &[1.0, 0.0, 0.0]);
        assert_eq!(d.row(2), &[1.0, 0.0, 1.0]);
    }
}
