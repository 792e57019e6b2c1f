//! nlme's containment ("inner-outer") denominator df for a model with one grouping factor
//! (Pinheiro & Bates 2000, *Mixed-Effects Models in S and S-PLUS*, §2.4.2; nlme's `getFixDF`
//! and the C `inner_perc_table`). This module owns that rule and emmeans' use of it for a
//! linear function of β̂.
//!
//! With N rows in M groups, the strata are the groups (M df) and the residual (N − M df). A
//! column of X that is not constant is estimated in the residual stratum when it varies within
//! some group (it is "inner" to the groups), else in the group stratum; each such column takes
//! one df from its stratum, and the intercept one from the group stratum (with no intercept
//! the residual stratum gains one). A coefficient's df is what is left in its stratum, the
//! intercept's the larger of the two. A term (all the columns of one fixed term, as `anova`
//! tests it) goes to the highest stratum of its columns, which loses as many df as the term
//! has columns; its df is what is left there. These are `summary(lme(...))$tTable[, "DF"]`
//! and `anova(lme(...))$denDF`. The residual correlation and the random effects' form do not
//! enter.
//!
//! For a linear function `lᵀβ` (an estimated marginal mean, a difference of two) emmeans'
//! `emm_basis.lme` takes the smallest df of the coefficients it uses (`|lⱼ| > 1e-4`), with the
//! intercept's taken as M − 1.

use crate::model_matrix::ModelMatrix;

/// The containment df of one fit's coefficients and terms.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainmentDf {
    /// Each column of X (nlme's `fixDF$X`).
    pub columns: Vec<f64>,
    /// Each fixed term of the formula, in formula order (nlme's `fixDF$terms`, without the
    /// intercept).
    pub terms: Vec<f64>,
    /// The column df emmeans uses for linear functions: the intercept's replaced by M − 1.
    contrast_columns: Vec<f64>,
}

/// nlme's `const`: every entry equal to the first, relative to it (absolutely when it is 0),
/// within √ε.
fn constant(values: &[f64]) -> bool {
    let tol = f64::EPSILON.sqrt();
    match values.first() {
        None => true,
        Some(&0.0) => values.iter().all(|v| v.abs() < tol),
        Some(&first) => values.iter().all(|v| (v / first - 1.0).abs() < tol),
    }
}

/// Whether the column takes two different values within some group (nlme's `inner_perc` > 0;
/// exact comparison, as nlme's).
fn inner(values: &[f64], group_of_row: &[u32], n_groups: usize) -> bool {
    let mut first: Vec<Option<f64>> = vec![None; n_groups];
    values.iter().zip(group_of_row).any(|(&v, &g)| {
        let slot = &mut first[g as usize];
        match *slot {
            None => {
                *slot = Some(v);
                false
            }
            Some(f) => f != v,
        }
    })
}

/// What is left in the two strata (group, residual) after taking `used` df from each, and one
/// for an intercept from the group stratum (or, with none, one given back to the residual's).
fn left(n_rows: usize, n_groups: usize, used: [usize; 2], intercept: bool) -> [f64; 2] {
    let mut df = [
        n_groups as f64 - used[0] as f64,
        (n_rows - n_groups) as f64 - used[1] as f64,
    ];
    if intercept {
        df[0] -= 1.0;
    } else {
        df[1] += 1.0;
    }
    df
}

/// The containment df of the columns and terms of `x` (terms numbered by `x.assign`, 0 for
/// the intercept, k + 1 for the formula's fixed term k of `n_terms`) with rows grouped by
/// `group_of_row` into `n_groups` groups.
///
/// ```
/// use trialstats_numerics::model_matrix::ModelMatrix;
/// use trialstats_stats::lmm::containment::containment_df;
/// // Two groups of two rows: an intercept, a time that varies within the groups (inner) and
/// // an arm that does not (outer). nlme 3.1.162: lme(y ~ time + arm, random = ~ 1 | g, data =
/// // data.frame(g = factor(c(1, 1, 2, 2)), time = c(0, 1, 0, 1), arm = c(0, 0, 1, 1),
/// // y = c(1, 2.5, 2, 2.2)))$fixDF gives X and terms 1, 1, 0 (N - M = 2 less the time's 1 in
/// // the residual stratum; M = 2 less the intercept's and the arm's).
/// let mut x = ModelMatrix::from_columns(
///     4,
///     vec![
///         ("(Intercept)".into(), vec![1.0; 4]),
///         ("time".into(), vec![0.0, 1.0, 0.0, 1.0]),
///         ("arm".into(), vec![0.0, 0.0, 1.0, 1.0]),
///     ],
/// );
/// x.assign = vec![0, 1, 2];
/// let df = containment_df(&x, 2, &[0, 0, 1, 1], 2);
/// assert_eq!(df.columns, [1.0, 1.0, 0.0]);
/// assert_eq!(df.terms, [1.0, 0.0]);
/// ```
pub fn containment_df(
    x: &ModelMatrix,
    n_terms: usize,
    group_of_row: &[u32],
    n_groups: usize,
) -> ContainmentDf {
    let columns: Vec<Vec<f64>> = (0..x.p).map(|j| x.column(j)).collect();
    let varies: Vec<bool> = columns.iter().map(|c| !constant(c)).collect();
    // The stratum of each column: 1 (residual) if inner to the groups, else 0 (groups).
    let stratum: Vec<usize> = columns
        .iter()
        .map(|c| usize::from(inner(c, group_of_row, n_groups)))
        .collect();
    let intercept = varies.iter().any(|v| !v);
    let mut used = [0usize; 2];
    for j in (0..x.p).filter(|&j| varies[j]) {
        used[stratum[j]] += 1;
    }
    let df_x = left(x.n, n_groups, used, intercept);
    let max_x = df_x[0].max(df_x[1]);
    let column_df: Vec<f64> = (0..x.p)
        .map(|j| if varies[j] { df_x[stratum[j]] } else { max_x })
        .collect();
    // Terms: the highest stratum of their columns; a term's columns all count there.
    let cols_of = |k: usize| (0..x.p).filter(move |&j| x.assign[j] == k);
    let term_varies = |k: usize| cols_of(k).any(|j| varies[j]);
    let term_stratum = |k: usize| cols_of(k).map(|j| stratum[j]).max().unwrap_or(0);
    let mut used = [0usize; 2];
    for k in (1..=n_terms).filter(|&k| term_varies(k)) {
        used[term_stratum(k)] += cols_of(k).count();
    }
    let any_constant_term = (0..=n_terms)
        .filter(|&k| cols_of(k).next().is_some())
        .any(|k| !term_varies(k));
    let df_t = left(x.n, n_groups, used, any_constant_term);
    let max_t = df_t[0].max(df_t[1]);
    let terms = (1..=n_terms)
        .map(|k| {
            if term_varies(k) {
                df_t[term_stratum(k)]
            } else {
                max_t
            }
        })
        .collect();
    let mut contrast_columns = column_df.clone();
    if x.names.first().is_some_and(|n| n == "(Intercept)") {
        contrast_columns[0] = n_groups as f64 - 1.0;
    }
    ContainmentDf {
        columns: column_df,
        terms,
        contrast_columns,
    }
}

impl ContainmentDf {
    /// emmeans' df of `lᵀβ̂`: the smallest df of the coefficients with `|lⱼ| > 1e-4`, the
    /// intercept's taken as M − 1 (NaN, as emmeans' NA, when `l` uses none).
    pub fn of_linear_function(&self, l: &[f64]) -> f64 {
        smallest_used(l, &self.contrast_columns)
    }

    /// nlme's df of the hypothesis whose rows use the coefficients with `|wⱼ| > 1e-4`
    /// (`anova(m, L = …)`: the coefficients' own df, the smallest where they differ).
    pub fn of_columns(&self, w: &[f64]) -> f64 {
        smallest_used(w, &self.columns)
    }
}

/// The smallest of `df` over the entries with `|wⱼ| > 1e-4` (NaN when there are none).
fn smallest_used(w: &[f64], df: &[f64]) -> f64 {
    let smallest = w
        .iter()
        .zip(df)
        .filter(|(w, _)| w.abs() > 1e-4)
        .map(|(_, df)| *df)
        .fold(f64::INFINITY, f64::min);
    if smallest.is_finite() {
        smallest
    } else {
        f64::NAN
    }
}
