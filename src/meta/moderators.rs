//! Moderators and the model matrix: an intercept, numeric moderators as they are, and
//! categorical moderators in treatment coding (R's default `contr.treatment`), with the first
//! level in sorted order as the reference. The matrix is stored row-major, k×p.

use crate::error::{Error, Result};
use serde::Serialize;

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

/// The model matrix with its column names; row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Number of studies (rows).
    pub k: usize,
    /// Number of coefficients (columns).
    pub p: usize,
    /// Column names: `intrcpt` first, then one per numeric moderator and one per non-reference
    /// level (`namelevel`, as R names them).
    pub names: Vec<String>,
    values: Vec<f64>,
}

impl Design {
    /// Intercept-only design for `k` studies.
    pub fn intercept_only(k: usize) -> Self {
        Design {
            k,
            p: 1,
            names: vec!["intrcpt".to_string()],
            values: vec![1.0; k],
        }
    }

    /// Intercept plus the moderators, in the order given.
    pub fn with_moderators(k: usize, moderators: &[Moderator]) -> Result<Self> {
        let mut columns: Vec<(String, Vec<f64>)> = vec![("intrcpt".to_string(), vec![1.0; k])];
        for m in moderators {
            match &m.values {
                ModeratorValues::Numeric(v) => {
                    check_len(&m.name, v.len(), k)?;
                    columns.push((m.name.clone(), v.clone()));
                }
                ModeratorValues::Categorical(v) => {
                    check_len(&m.name, v.len(), k)?;
                    let mut levels: Vec<&String> = v.iter().collect();
                    levels.sort();
                    levels.dedup();
                    if levels.len() < 2 {
                        return Err(Error::input(
                            "--mods",
                            format!(
                                "the categorical moderator '{}' has one level only ('{}'); it would be dropped from the model. Give a moderator with at least two levels, or leave it out",
                                m.name,
                                levels.first().map_or("", |l| l.as_str())
                            ),
                        ));
                    }
                    for level in levels.iter().skip(1) {
                        let col = v
                            .iter()
                            .map(|x| if x == *level { 1.0 } else { 0.0 })
                            .collect();
                        columns.push((format!("{}{}", m.name, level), col));
                    }
                }
            }
        }
        Ok(Self::from_columns(k, columns))
    }

    /// Build from named columns (each of length `k`).
    pub fn from_columns(k: usize, columns: Vec<(String, Vec<f64>)>) -> Self {
        let p = columns.len();
        let mut values = vec![0.0; k * p];
        for (j, (_, col)) in columns.iter().enumerate() {
            for (i, x) in col.iter().enumerate() {
                values[i * p + j] = *x;
            }
        }
        Design {
            k,
            p,
            names: columns.into_iter().map(|(n, _)| n).collect(),
            values,
        }
    }

    /// Row `i` (the study's covariates).
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.p..(i + 1) * self.p]
    }

    /// Column `j` as a vector.
    pub fn column(&self, j: usize) -> Vec<f64> {
        (0..self.k).map(|i| self.values[i * self.p + j]).collect()
    }

    /// The same design without row `i`.
    pub fn without_row(&self, i: usize) -> Design {
        let mut values = Vec::with_capacity((self.k - 1) * self.p);
        values.extend_from_slice(&self.values[..i * self.p]);
        values.extend_from_slice(&self.values[(i + 1) * self.p..]);
        Design {
            k: self.k - 1,
            p: self.p,
            names: self.names.clone(),
            values,
        }
    }

    /// The same design with one more named column appended.
    pub fn with_column(&self, name: &str, col: &[f64]) -> Design {
        let mut columns: Vec<(String, Vec<f64>)> = (0..self.p)
            .map(|j| (self.names[j].clone(), self.column(j)))
            .collect();
        columns.push((name.to_string(), col.to_vec()));
        Design::from_columns(self.k, columns)
    }

    /// Whether the design is the intercept alone.
    pub fn is_intercept_only(&self) -> bool {
        self.p == 1
    }
}

fn check_len(name: &str, got: usize, k: usize) -> Result<()> {
    if got == k {
        Ok(())
    } else {
        Err(Error::input(
            format!("moderator {name}"),
            format!("has {got} values but there are {k} studies; give one value per study"),
        ))
    }
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
        let d = Design::with_moderators(3, &[m]).unwrap();
        assert_eq!(d.names, vec!["intrcpt", "allocrandom", "allocsystematic"]);
        assert_eq!(d.row(0), &[1.0, 1.0, 0.0]);
        assert_eq!(d.row(1), &[1.0, 0.0, 0.0]);
        assert_eq!(d.row(2), &[1.0, 0.0, 1.0]);
    }
}
