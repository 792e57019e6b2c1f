//! Linear functions of a fitted model's coefficients, given the estimates `β̂`, their
//! covariance `V` and the t degrees of freedom (`None` for z tests):
//!
//! * the Wald test of a subset of the coefficients (metafor's `btt`): `QM = b'V_b⁻¹b` on m df
//!   (χ²), or `F = QM / m` on (m, k − p) df under Knapp–Hartung (V then holds the scale
//!   factor), as the omnibus test;
//! * predictions at new moderator values (metafor's `predict(res, newmods = ...)`): `x'β̂`
//!   with `SE = √(x'Vx)`, the confidence interval `x'β̂ ± crit·SE` and the prediction interval
//!   `x'β̂ ± crit·√(SE² + τ̂²)`, crit the normal quantile or t on the model's df.
//!
//! Under cluster-robust inference ([`Inference::Robust`]) the covariance is the sandwich, the
//! df of each combination are the robust ones (J − p, or Satterthwaite's for CR2) and the
//! test of several is F on (m, J − p) or HTZ, as metafor's `anova` and `predict` after
//! `robust()`.
//!
//! O(p³): nothing here depends on k (robust CR2 df: O(J·p²) per combination).

use super::gls::{invert_spd, quadratic_form};
use super::robust::Sandwich;
use crate::dist::{pchisq_upper, pf_upper, t_crit, z_crit};
use crate::error::{Error, Refusal, Result};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// The coefficients of a fit as the linear functions need them.
#[derive(Debug, Clone, Copy)]
pub struct Coefficients<'a> {
    /// Coefficient names, in the order of the model matrix.
    pub names: &'a [String],
    pub beta: &'a [f64],
    /// Row-major p×p covariance.
    pub vcov: &'a [Vec<f64>],
    /// t degrees of freedom (`None`: z tests).
    pub df: Option<usize>,
}

/// How linear combinations of the coefficients are tested.
#[derive(Debug, Clone, Copy)]
pub enum Inference<'a> {
    /// The model's covariance; z (and χ²) or t on the model's df (and F).
    Model(Coefficients<'a>),
    /// Cluster-robust (metafor's `robust()`).
    Robust(&'a Sandwich),
}

impl Inference<'_> {
    /// `x'Vx`.
    pub fn variance(&self, x: &[f64]) -> f64 {
        match self {
            Inference::Model(c) => {
                let p = x.len();
                let v = DMatrix::from_fn(p, p, |a, b| c.vcov[a][b]);
                quadratic_form(&v, x)
            }
            Inference::Robust(s) => quadratic_form(s.vcov(), x),
        }
    }

    /// The t df of `x'β` (`None`: normal).
    pub fn df(&self, x: &[f64]) -> Option<f64> {
        match self {
            Inference::Model(c) => c.df.map(|d| d as f64),
            Inference::Robust(s) => Some(s.df(x)),
        }
    }

    /// The test that the rows of `rows` (m×p) times β are all 0: χ²/F as the model's tests,
    /// or the robust F/HTZ test.
    pub fn joint_test(&self, rows: &DMatrix<f64>, names: Vec<String>) -> Result<WaldTest> {
        let m = rows.nrows();
        match self {
            Inference::Model(c) => {
                let p = c.beta.len();
                let v = DMatrix::from_fn(p, p, |a, b| c.vcov[a][b]);
                let b = rows * DVector::from_column_slice(c.beta);
                let inv = invert_spd(rows * v * rows.transpose()).map_err(|_| {
                    Error::numerical(
                        "the covariance of the tested combinations is singular (under \
                         Knapp-Hartung the residuals are all 0); use {field:test} z"
                            .to_string(),
                    )
                })?;
                let qm = (b.transpose() * inv * &b)[(0, 0)];
                let (statistic, p) = match c.df {
                    None => (qm, pchisq_upper(qm, m as f64)),
                    Some(d) => {
                        let f = qm / m as f64;
                        (f, pf_upper(f, m as f64, d as f64))
                    }
                };
                Ok(WaldTest {
                    coefficients: names,
                    statistic,
                    df1: m,
                    df2: c.df.map(|d| d as f64),
                    p,
                })
            }
            Inference::Robust(s) => {
                let t = s.joint_test(rows)?;
                Ok(WaldTest {
                    coefficients: names,
                    statistic: t.statistic,
                    df1: t.df1,
                    df2: Some(t.df2),
                    p: t.p,
                })
            }
        }
    }
}

/// The Wald test of some coefficients (or linear combinations) being 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaldTest {
    /// The tested coefficients (or combinations).
    pub coefficients: Vec<String>,
    /// χ² (z tests) or F (Knapp–Hartung, robust).
    pub statistic: f64,
    pub df1: usize,
    /// Denominator df of F (absent for χ²; fractional under CR2's HTZ test).
    pub df2: Option<f64>,
    pub p: f64,
}

/// Parse `--btt`: coefficient positions counted from 1 (the intercept is 1, as metafor's
/// `btt`) or names, comma-separated; ranges `2:4`.
pub fn parse_btt(spec: &str, names: &[String]) -> Result<Vec<usize>> {
    let bad = |what: String| {
        Error::field(
            "btt",
            format!(
                "{what}; give coefficient positions (1 = {}, up to {}) or names ({}), comma-separated",
                names.first().map_or("", |s| s.as_str()),
                names.len(),
                names.join(", ")
            ),
        )
    };
    let mut out: Vec<usize> = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let position = |s: &str| -> Result<usize> {
            match s.parse::<usize>() {
                Ok(j) if (1..=names.len()).contains(&j) => Ok(j - 1),
                Ok(j) => Err(bad(format!("there is no coefficient {j}"))),
                Err(_) => Err(bad(format!("'{s}' is not a position"))),
            }
        };
        if let Some(j) = names.iter().position(|n| n == part) {
            out.push(j);
        } else if let Some((a, b)) = part.split_once(':') {
            let (a, b) = (position(a.trim())?, position(b.trim())?);
            if a > b {
                return Err(bad(format!("the range '{part}' runs backwards")));
            }
            out.extend(a..=b);
        } else {
            out.push(position(part)?);
        }
    }
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        return Err(bad("no coefficient given".to_string()));
    }
    Ok(out)
}

/// The Wald test of the coefficients `btt` (0-based positions).
pub fn wald_test(c: Coefficients, btt: &[usize]) -> Result<WaldTest> {
    wald_test_with(c.names, Inference::Model(c), btt)
}

/// The Wald test of the coefficients `btt` (0-based positions) under `inference`.
pub fn wald_test_with(names: &[String], inference: Inference, btt: &[usize]) -> Result<WaldTest> {
    let p = names.len();
    let rows = DMatrix::from_fn(btt.len(), p, |a, b| if btt[a] == b { 1.0 } else { 0.0 });
    inference
        .joint_test(&rows, btt.iter().map(|&j| names[j].clone()).collect())
        .map_err(|e| match e {
            Error::Refused(Refusal::Numerical(m)) => {
                Error::numerical(format!("{{field:btt}}: {m}"))
            }
            other => other,
        })
}

/// A prediction at one set of moderator values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The moderator values (the model-matrix columns after the intercept).
    pub newmods: Vec<f64>,
    pub pred: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub pi_lower: f64,
    pub pi_upper: f64,
    /// The t df of the intervals under robust inference (J − p, or Satterthwaite's for CR2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df: Option<f64>,
}

/// Parse one `--newmods` row: one number per model-matrix column after the intercept.
pub fn parse_newmods(row: &str, names: &[String]) -> Result<Vec<f64>> {
    let want = names.len() - 1;
    let values: Vec<&str> = row.split(',').map(str::trim).collect();
    let bad = |what: String| {
        Error::field(
            "newmods",
            format!(
                "{what}; give one number per moderator column, in the order {} (a categorical \
                 moderator as its 0/1 columns)",
                names[1..].join(", ")
            ),
        )
    };
    if want == 0 {
        return Err(bad("the model has no moderators".to_string()));
    }
    if values.len() != want {
        return Err(bad(format!(
            "'{row}' has {} value(s), the model {want}",
            values.len()
        )));
    }
    values
        .iter()
        .map(|v| match v.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => Err(bad(format!("'{v}' is not a finite number"))),
        })
        .collect()
}

/// Predictions at `rows` (each the moderator values after the intercept) with τ̂² = `tau2` at
/// confidence level `level`.
pub fn predict(c: Coefficients, tau2: f64, level: f64, rows: &[Vec<f64>]) -> Vec<Prediction> {
    predict_with(c.beta, Inference::Model(c), tau2, level, rows)
}

/// Predictions at `rows` under `inference`; `heterogeneity` is the variance a new study's true
/// effect adds (τ̂², or σ₁² + σ₂² in a three-level model).
pub fn predict_with(
    beta: &[f64],
    inference: Inference,
    heterogeneity: f64,
    level: f64,
    rows: &[Vec<f64>],
) -> Vec<Prediction> {
    let robust = matches!(inference, Inference::Robust(_));
    rows.iter()
        .map(|row| {
            let x: Vec<f64> = std::iter::once(1.0).chain(row.iter().copied()).collect();
            let pred: f64 = x.iter().zip(beta).map(|(a, b)| a * b).sum();
            let var = inference.variance(&x).max(0.0);
            let se = var.sqrt();
            let df = inference.df(&x);
            let crit = match df {
                None => z_crit(level),
                Some(d) => t_crit(level, d),
            };
            let pi_half = crit * (var + heterogeneity).sqrt();
            Prediction {
                newmods: row.clone(),
                pred,
                se,
                ci_lower: pred - crit * se,
                ci_upper: pred + crit * se,
                pi_lower: pred - pi_half,
                pi_upper: pred + pi_half,
                df: if robust { df } else { None },
            }
        })
        .collect()
}
