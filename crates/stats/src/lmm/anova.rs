//! Type III F tests of the fixed terms of a linear mixed model (lmerTest's
//! `anova(m, type = 3)`), with Satterthwaite, Kenward–Roger or (correlated residuals) nlme's
//! containment denominator df ([`super::inference`]; containment gives each term nlme's
//! `anova(lme(…))` denDF).
//!
//! The hypothesis of a term is built as lmerTest builds it (`get_contrasts_type3`, after SAS's
//! type III estimable functions; Goodnight 1980, *Tests of hypotheses in fixed-effects linear
//! models*, Commun. Stat. A9(2)): the columns of the overparametrised design (every level of
//! every categorical variable, R's `model.matrix(~ 0 + term)` per term, plus the intercept) are
//! regressed on X, `L = ((XᵀX)⁻¹Xᵀ X_full)ᵀ`; then, highest-order terms first, a term's block
//! of `L` is replaced by its residual after regressing it on the blocks of the terms that
//! contain it (a term contains another when it has all its variables, more besides, and the
//! same numeric ones: `month` is in `month:arm`, `arm` is not, as `month:arm` has a numeric
//! variable that `arm` lacks);
//! the rows of the term's hypothesis are its columns, read at the rows of `L` named as X's
//! columns. Like lmerTest, each stage is rounded by R's `zapsmall` (7 significant digits
//! relative to the largest entry), which makes exact zeros exact. A model with one term uses
//! type I hypotheses (the Doolittle factor of XᵀX), as lmerTest does; for one term they test
//! the same hypothesis.
//!
//! Satterthwaite's F df depends on the rows chosen (not only the space they span), which is
//! why the construction follows lmerTest's step by step; Kenward–Roger's does not.

use super::design::full_term_matrices;
use super::formula::Formula;
use super::frame::{Column, Frame};
use super::inference::FixedInference;
use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use crate::output::{Cell, Table};
use nalgebra::DMatrix;
use serde::Serialize;

/// One term's F test.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AnovaRow {
    pub term: String,
    pub f: f64,
    pub num_df: f64,
    pub den_df: f64,
    pub p: f64,
}

/// R's `zapsmall(x, digits = 7)`: round every entry to 7 significant digits of the largest.
fn zapsmall(m: &mut DMatrix<f64>) {
    let largest = m.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let digits = if largest > 0.0 {
        (7.0 - largest.log10().ceil()).max(0.0)
    } else {
        7.0
    };
    let scale = 10f64.powf(digits);
    m.iter_mut().for_each(|v| *v = (*v * scale).round() / scale);
}

/// The dense `X` (n × p) of a model matrix.
fn dense(x: &ModelMatrix) -> DMatrix<f64> {
    DMatrix::from_fn(x.n, x.p, |i, j| x.row(i)[j])
}

/// Whether term `a` is contained in term `b` (lmerTest's `term_contain`).
fn contained(formula: &Formula, frame: &Frame, a: usize, b: usize) -> bool {
    let (va, vb) = (&formula.fixed[a].variables, &formula.fixed[b].variables);
    let numeric = |v: &super::formula::Variable| {
        !v.as_factor && matches!(frame.column(&v.name), Some(Column::Numeric(_)))
    };
    let na: Vec<_> = va.iter().filter(|v| numeric(v)).collect();
    let nb: Vec<_> = vb.iter().filter(|v| numeric(v)).collect();
    va.iter().all(|v| vb.contains(v))
        && vb.iter().any(|v| !va.contains(v))
        && na.len() == nb.len()
        && na.iter().all(|v| nb.contains(v))
}

/// The type III hypothesis matrix of every fixed term (rows × p), in formula order, with the
/// term's index among the formula's fixed terms and its label; terms whose hypothesis has no
/// rows are left out.
pub fn type3_hypotheses(
    formula: &Formula,
    frame: &Frame,
    x: &ModelMatrix,
) -> Result<Vec<(usize, String, DMatrix<f64>)>> {
    let n_terms = formula.fixed.len();
    let columns_of =
        |k: usize| -> Vec<usize> { (0..x.p).filter(|&j| x.assign[j] == k + 1).collect() };
    let xm = dense(x);
    let xtx = xm.transpose() * &xm;
    let mut out = Vec::new();
    if x.p <= 1 || n_terms <= 1 {
        // Type I: rows of the transposed unit lower factor of XᵀX.
        let lt = doolittle_lower(&xtx).transpose();
        for k in 0..n_terms {
            let cols = columns_of(k);
            let l = DMatrix::from_fn(cols.len(), x.p, |a, c| lt[(cols[a], c)]);
            out.push((k, formula.fixed[k].label(), l));
        }
        return Ok(drop_empty_rows(out));
    }
    let full = full_term_matrices(formula, frame)?;
    let mut names: Vec<String> = Vec::new();
    let mut cols: Vec<Vec<f64>> = Vec::new();
    if formula.intercept {
        names.push("(Intercept)".into());
        cols.push(vec![1.0; x.n]);
    }
    for m in &full {
        for j in 0..m.p {
            names.push(m.names[j].clone());
            cols.push(m.column(j));
        }
    }
    let rd = DMatrix::from_fn(x.n, cols.len(), |i, j| cols[j][i]);
    let chol = xtx.cholesky().ok_or_else(|| {
        Error::singular(
            "XᵀX",
            "XᵀX is not positive definite (rank-deficient design)".into(),
        )
    })?;
    // L: rows = overparametrised columns, columns = X's columns.
    let mut l = chol.solve(&(xm.transpose() * rd)).transpose();
    zapsmall(&mut l);
    let order = |k: usize| formula.fixed[k].variables.len();
    let mut by_order: Vec<usize> = (0..n_terms).collect();
    by_order.sort_by_key(|&k| std::cmp::Reverse(order(k)));
    for &k in &by_order {
        let containers: Vec<usize> = (0..n_terms)
            .filter(|&b| contained(formula, frame, k, b))
            .flat_map(columns_of)
            .collect();
        if containers.is_empty() {
            continue;
        }
        let mine = columns_of(k);
        let a = DMatrix::from_fn(l.nrows(), containers.len(), |i, j| l[(i, containers[j])]);
        let y = DMatrix::from_fn(l.nrows(), mine.len(), |i, j| l[(i, mine[j])]);
        // lm.fit's residuals: y minus its projection on the columns of a.
        let coef = a
            .clone()
            .svd(true, true)
            .solve(&y, 1e-10 * a.amax().max(1.0))
            .map_err(|e| Error::numerical(format!("type III hypotheses: {e}")))?;
        let mut resid = &y - &a * coef;
        zapsmall(&mut resid);
        for (j, &c) in mine.iter().enumerate() {
            for i in 0..l.nrows() {
                l[(i, c)] = resid[(i, j)];
            }
        }
    }
    let rows: Vec<usize> = x
        .names
        .iter()
        .map(|name| {
            names.iter().position(|n| n == name).ok_or_else(|| {
                Error::numerical(format!(
                    "type III hypotheses: column '{name}' is not among the full coding's"
                ))
            })
        })
        .collect::<Result<_>>()?;
    for k in 0..n_terms {
        let mine = columns_of(k);
        let h = DMatrix::from_fn(mine.len(), x.p, |a, c| l[(rows[c], mine[a])]);
        out.push((k, formula.fixed[k].label(), h));
    }
    Ok(drop_empty_rows(out))
}

fn drop_empty_rows(list: Vec<(usize, String, DMatrix<f64>)>) -> Vec<(usize, String, DMatrix<f64>)> {
    list.into_iter()
        .map(|(k, name, l)| {
            let keep: Vec<usize> = (0..l.nrows())
                .filter(|&i| l.row(i).iter().map(|v| v.abs()).sum::<f64>() > 1e-8)
                .collect();
            let kept = DMatrix::from_fn(keep.len(), l.ncols(), |i, j| l[(keep[i], j)]);
            (k, name, kept)
        })
        .filter(|(_, _, l)| l.nrows() > 0)
        .collect()
}

/// The unit lower-triangular factor of the Doolittle LU decomposition of `x` (no pivoting;
/// entries below 1e-6 in magnitude set to zero, a zero pivot giving a zero column), as
/// lmerTest's `doolittle`.
fn doolittle_lower(x: &DMatrix<f64>) -> DMatrix<f64> {
    let n = x.nrows();
    let mut l = DMatrix::identity(n, n);
    let mut u = DMatrix::zeros(n, n);
    for i in 0..n {
        for j in 0..n {
            u[(i, j)] = x[(i, j)] - (0..i).map(|k| l[(i, k)] * u[(k, j)]).sum::<f64>();
        }
        for j in i + 1..n {
            let v = x[(j, i)] - (0..i).map(|k| l[(j, k)] * u[(k, i)]).sum::<f64>();
            l[(j, i)] = if u[(i, i)].abs() < 1e-6 {
                0.0
            } else {
                v / u[(i, i)]
            };
        }
    }
    l.iter_mut().for_each(|v| {
        if v.abs() < 1e-6 {
            *v = 0.0
        }
    });
    l
}

/// The type III F test of every fixed term of the model `formula` fitted to `frame`, by the
/// method of `inference`.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::lmm::{FittedModel, fit_csv_with_frame};
/// use trialstats_stats::lmm::formula::Formula;
/// use trialstats_stats::lmm::inference::Ddf;
/// use trialstats_stats::lmm::anova::anova;
/// // R 4.2.2, lme4 1.1.31, lmerTest 3.1-3: m <- lmer(Reaction ~ Days + (Days | Subject),
/// // sleepstudy); anova(m, type = 3) gives F 45.8530116654007 on 1 and 17.000002783050181 df,
/// // p 3.2637826691113168e-06 (tests/lmm_ddf.rs).
/// let text = "Reaction ~ Days + (Days | Subject)";
/// let (fit, frame) = fit_csv_with_frame(Path::new("tests/data/sleepstudy.csv"), text, true)?;
/// let formula = Formula::parse(text)?;
/// let (_, inference) = fit.with_ddf(&formula, &frame, Ddf::Satterthwaite, ConfidenceLevel::NINETY_FIVE)?;
/// let rows = anova(&formula, &frame, &inference.unwrap())?;
/// assert_eq!((rows[0].term.as_str(), rows[0].num_df), ("Days", 1.0));
/// assert!((rows[0].f - 45.8530116654007).abs() < 1e-6 * 45.85);
/// assert!((rows[0].den_df - 17.000002783050181).abs() < 1e-4);
/// assert!((rows[0].p - 3.2637826691113168e-06).abs() < 1e-4 * 3.26e-6);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn anova(
    formula: &Formula,
    frame: &Frame,
    inference: &FixedInference,
) -> Result<Vec<AnovaRow>> {
    let x = super::design::fixed_matrix(formula, frame)?;
    Ok(type3_hypotheses(formula, frame, &x)?
        .into_iter()
        .map(|(k, term, l)| {
            let t = inference.term_f_test(&l, k);
            AnovaRow {
                term,
                f: t.f,
                num_df: t.num_df,
                den_df: t.den_df,
                p: t.p,
            }
        })
        .collect())
}

/// The table of an anova.
pub fn anova_table(rows: &[AnovaRow]) -> Table {
    Table {
        header: ["term", "f", "num_df", "den_df", "p"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.term.as_str()),
                    r.f.into(),
                    r.num_df.into(),
                    r.den_df.into(),
                    r.p.into(),
                ]
            })
            .collect(),
    }
}
