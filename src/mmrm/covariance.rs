//! The covariance structures of the visits, each linear in its parameters φ:
//! `Σ(φ) = Σᵣ φᵣ Bᵣ` over the V visits, with fixed symmetric `Bᵣ` (V × V). Linear structures
//! are the ones whose Kenward–Roger correction has no second-derivative term, so that
//! [`crate::lmm::inference`] applies unchanged (SAS parametrises UN, CS and TOEP this way;
//! mmrm calls it "Kenward-Roger-Linear").
//!
//! | structure | φ | `Σ[a, b]` |
//! |---|---|---|
//! | `us` unstructured | every entry of the lower triangle, SAS's UN(1,1), UN(2,1), UN(2,2), … | `φ(a, b)` |
//! | `cs` compound symmetry | the within-subject variance and the covariance | `φ₂ + φ₁·[a = b]` |
//! | `toep` Toeplitz | the variance and one covariance per lag | `φ_|a−b|` |
//! | `diag` independent, heterogeneous | one variance per visit | `φ_a·[a = b]` |

use nalgebra::DMatrix;
use serde::Serialize;

/// A covariance structure over the visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Structure {
    Us,
    Cs,
    Toep,
    Diag,
}

/// The structures mmrm names that are not linear in their parameters (not fitted here).
pub const NOT_SUPPORTED: [&str; 9] = [
    "ar1", "ar1h", "csh", "toeph", "ad", "adh", "sp_exp", "sp_gau", "sp_pow",
];

impl Structure {
    /// The structure written as mmrm writes it (`us`, `cs`, `toep`, `diag`).
    pub fn from_name(name: &str) -> Option<Structure> {
        match name {
            "us" => Some(Structure::Us),
            "cs" => Some(Structure::Cs),
            "toep" => Some(Structure::Toep),
            "diag" => Some(Structure::Diag),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Structure::Us => "us",
            Structure::Cs => "cs",
            Structure::Toep => "toep",
            Structure::Diag => "diag",
        }
    }

    /// The name printed in summaries.
    pub fn label(self) -> &'static str {
        match self {
            Structure::Us => "unstructured",
            Structure::Cs => "compound symmetry",
            Structure::Toep => "Toeplitz",
            Structure::Diag => "diagonal (heterogeneous variances)",
        }
    }

    /// The matrices `Bᵣ` for `v` visits, in the order of [`Structure::parameter_names`].
    pub fn basis(self, v: usize) -> Vec<DMatrix<f64>> {
        let unit = |a: usize, b: usize| {
            let mut m = DMatrix::zeros(v, v);
            m[(a, b)] = 1.0;
            m[(b, a)] = 1.0;
            m
        };
        match self {
            Structure::Us => (0..v)
                .flat_map(|a| (0..=a).map(move |b| (a, b)))
                .map(|(a, b)| unit(a, b))
                .collect(),
            Structure::Cs => vec![DMatrix::identity(v, v), DMatrix::from_element(v, v, 1.0)],
            Structure::Toep => (0..v)
                .map(|lag| DMatrix::from_fn(v, v, |a, b| f64::from(a.abs_diff(b) == lag)))
                .collect(),
            Structure::Diag => (0..v).map(|a| unit(a, a)).collect(),
        }
    }

    /// The parameters' names, given the visit levels.
    pub fn parameter_names(self, visits: &[String]) -> Vec<String> {
        let v = visits.len();
        match self {
            Structure::Us => (0..v)
                .flat_map(|a| (0..=a).map(move |b| (a, b)))
                .map(|(a, b)| {
                    if a == b {
                        format!("var({})", visits[a])
                    } else {
                        format!("cov({}, {})", visits[a], visits[b])
                    }
                })
                .collect(),
            Structure::Cs => vec!["residual variance".into(), "covariance".into()],
            Structure::Toep => (0..v)
                .map(|lag| {
                    if lag == 0 {
                        "variance".to_string()
                    } else {
                        format!("covariance at lag {lag}")
                    }
                })
                .collect(),
            Structure::Diag => visits.iter().map(|l| format!("var({l})")).collect(),
        }
    }

    /// Starting values: independent visits with the given variances per visit.
    pub fn start(self, variances: &[f64]) -> Vec<f64> {
        let v = variances.len();
        let mean = variances.iter().sum::<f64>() / v as f64;
        match self {
            Structure::Us => (0..v)
                .flat_map(|a| (0..=a).map(move |b| (a, b)))
                .map(|(a, b)| if a == b { variances[a] } else { 0.0 })
                .collect(),
            Structure::Cs => vec![mean, 0.0],
            Structure::Toep => (0..v)
                .map(|lag| if lag == 0 { mean } else { 0.0 })
                .collect(),
            Structure::Diag => variances.to_vec(),
        }
    }
}

/// `Σ(φ) = Σᵣ φᵣ Bᵣ`.
pub fn covariance(basis: &[DMatrix<f64>], phi: &[f64]) -> DMatrix<f64> {
    let v = basis.first().map_or(0, |b| b.nrows());
    basis
        .iter()
        .zip(phi)
        .fold(DMatrix::zeros(v, v), |s, (b, f)| s + b * *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_give_the_structures() {
        // us over 3 visits: Σ[a, b] is the parameter of (max, min), SAS's UN order.
        let b = Structure::Us.basis(3);
        let s = covariance(&b, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(
            s,
            DMatrix::from_row_slice(3, 3, &[1., 2., 4., 2., 3., 5., 4., 5., 6.])
        );
        let s = covariance(&Structure::Cs.basis(3), &[2.0, 0.5]);
        assert_eq!(s[(0, 0)], 2.5);
        assert_eq!(s[(2, 1)], 0.5);
        let s = covariance(&Structure::Toep.basis(3), &[3.0, 1.0, 0.5]);
        assert_eq!(s[(0, 2)], 0.5);
        assert_eq!(s[(1, 2)], 1.0);
        let names = Structure::Us.parameter_names(&["v1".into(), "v2".into()]);
        assert_eq!(names, vec!["var(v1)", "cov(v2, v1)", "var(v2)"]);
    }
}
