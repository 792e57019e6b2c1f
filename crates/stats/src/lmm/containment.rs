//! nlme's containment ("inner-outer") denominator df for a model with one grouping factor or
//! nested ones (Pinheiro & Bates 2000, *Mixed-Effects Models in S and S-PLUS*, §2.4.2; nlme's
//! `getFixDF` and the C `inner_perc_table`). This module owns that rule, which grouping factors
//! it applies to, and emmeans' use of it for a linear function of β̂.
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
//! With nested grouping factors (patients within sites, M₁ sites and M₂ patients) there is a
//! stratum per level: the sites (M₁ df), the patients (M₂ − M₁) and the residual (N − M₂). A
//! column goes to the innermost stratum whose enclosing groups it varies within: a site-level
//! covariate to the sites', one constant within patients but not within sites to the
//! patients', one varying within a patient to the residual. The intercept takes its one df
//! from the outermost stratum; with none, every other stratum gains one. Crossed factors
//! (nlme cannot fit them) have no containment df and are refused ([`nested_levels`]).
//!
//! For a linear function `lᵀβ` (an estimated marginal mean, a difference of two) emmeans'
//! `emm_basis.lme` takes the smallest df of the coefficients it uses (`|lⱼ| > 1e-4`), with the
//! intercept's taken as M − 1 (M₁ − 1, the outermost factor's levels less one, when nested).

use super::random::RandomEffects;
use crate::error::{Error, Result};
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

/// One grouping level of a fit for the containment df: each row's group and the number of
/// groups. Levels are listed outermost first (sites, then patients within sites).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupingLevel<'a> {
    pub group_of_row: &'a [u32],
    pub n_groups: usize,
}

/// The containment df of the columns and terms of `x` (terms numbered by `x.assign`, 0 for
/// the intercept, k + 1 for the formula's fixed term k of `n_terms`) with rows grouped by
/// `group_of_row` into `n_groups` groups: [`nested_containment_df`] with one level.
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
    nested_containment_df(
        x,
        n_terms,
        &[GroupingLevel {
            group_of_row,
            n_groups,
        }],
    )
}

/// The grouping factors of a fit as nlme's nested levels, outermost (fewest levels) first:
/// refused, naming the df option, unless each factor's every level lies within one level of the
/// factor with the next fewer levels (nlme's `lme` fits nested grouping only; lme4's crossed
/// factors have no containment df).
pub fn nested_levels(factors: &[RandomEffects]) -> Result<Vec<GroupingLevel<'_>>> {
    let mut order: Vec<&RandomEffects> = factors.iter().collect();
    order.sort_by_key(|f| f.levels.len());
    for pair in order.windows(2) {
        let (outer, inner) = (pair[0], pair[1]);
        let mut around: Vec<Option<u32>> = vec![None; inner.levels.len()];
        for (&g, &o) in inner.group_of_row.iter().zip(&outer.group_of_row) {
            match around[g as usize] {
                None => around[g as usize] = Some(o),
                Some(first) if first != o => {
                    return Err(Error::field(
                        "ddf",
                        format!(
                            "containment df (nlme's) need grouping factors nested in one another, as nlme's lme fits them (one factor, or patients within sites: (1 | site/patient), or (1 | site) + (1 | patient) with each patient in one site); '{}' and '{}' are crossed: level '{}' of '{}' occurs in levels '{}' and '{}' of '{}'. Use {{field:ddf}} satterthwaite (the default) or kenward-roger",
                            inner.group,
                            outer.group,
                            inner.levels[g as usize],
                            inner.group,
                            outer.levels[first as usize],
                            outer.levels[o as usize],
                            outer.group
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    Ok(order
        .into_iter()
        .map(|f| GroupingLevel {
            group_of_row: &f.group_of_row,
            n_groups: f.levels.len(),
        })
        .collect())
}

/// The df of each stratum before any coefficient takes one: the outermost level's groups,
/// each inner level's groups less those of the level around it, the rows less the innermost
/// level's groups (nlme's `c(ngrps, N) - c(0, ngrps)`).
fn strata(n_rows: usize, levels: &[GroupingLevel]) -> Vec<f64> {
    let mut outer = 0.0;
    let mut df = Vec::with_capacity(levels.len() + 1);
    for m in levels
        .iter()
        .map(|l| l.n_groups as f64)
        .chain([n_rows as f64])
    {
        df.push(m - outer);
        outer = m;
    }
    df
}

/// What is left of the strata `base` once the coefficients (or terms) that vary have taken
/// `used` df from their strata: with something constant (the intercept) the outermost stratum
/// gives one more, without it every other stratum gains one (nlme's `getFixDF`).
fn left(base: &[f64], used: &[usize], constant: bool) -> Vec<f64> {
    let mut df: Vec<f64> = base.iter().zip(used).map(|(b, u)| b - *u as f64).collect();
    if constant {
        df[0] -= 1.0;
    } else {
        df.iter_mut().skip(1).for_each(|d| *d += 1.0);
    }
    df
}

/// The largest entry of `df`.
fn largest(df: &[f64]) -> f64 {
    df.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

/// nlme's containment df (`getFixDF`) of the columns and terms of `x` (terms numbered by
/// `x.assign`, 0 for the intercept, k + 1 for the formula's fixed term k of `n_terms`) with
/// the rows grouped by the nested `levels`, outermost first.
///
/// The strata are the levels and the residual. A column's stratum is the innermost one whose
/// enclosing groups it varies within (the outermost level's when it varies at all: the whole
/// data encloses it; the residual when it varies within some innermost group); as nlme's,
/// "varies" is two different values within one group, compared exactly.
///
/// ```
/// use trialstats_numerics::model_matrix::ModelMatrix;
/// use trialstats_stats::lmm::containment::{GroupingLevel, nested_containment_df};
/// // Two sites of two patients of two rows: a site-level covariate, a patient-level one and
/// // a time. nlme 3.1.162: lme(y ~ s + a + t, random = ~ 1 | site/id, data = data.frame(
/// // site = factor(rep(1:2, each = 4)), id = factor(rep(1:4, each = 2)), s = rep(0:1, each = 4),
/// // a = rep(c(0, 0, 1, 1), 2), t = rep(0:1, 4), y = c(1, 2.5, 2, 2.2, 3, 3.1, 2.4, 5)))$fixDF
/// // gives X and terms 3 for the intercept (the largest stratum's), 0 (sites: 2 less the
/// // intercept's and s's), 1 (patients: 4 - 2 less a's) and 3 (rows: 8 - 4 less t's).
/// let mut x = ModelMatrix::from_columns(
///     8,
///     vec![
///         ("(Intercept)".into(), vec![1.0; 8]),
///         ("s".into(), vec![0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]),
///         ("a".into(), vec![0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0]),
///         ("t".into(), vec![0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]),
///     ],
/// );
/// x.assign = vec![0, 1, 2, 3];
/// let sites = [0, 0, 0, 0, 1, 1, 1, 1];
/// let patients = [0, 0, 1, 1, 2, 2, 3, 3];
/// let levels = [
///     GroupingLevel { group_of_row: &sites, n_groups: 2 },
///     GroupingLevel { group_of_row: &patients, n_groups: 4 },
/// ];
/// let df = nested_containment_df(&x, 3, &levels);
/// assert_eq!(df.columns, [3.0, 0.0, 1.0, 3.0]);
/// assert_eq!(df.terms, [0.0, 1.0, 3.0]);
/// ```
pub fn nested_containment_df(
    x: &ModelMatrix,
    n_terms: usize,
    levels: &[GroupingLevel],
) -> ContainmentDf {
    let columns: Vec<Vec<f64>> = (0..x.p).map(|j| x.column(j)).collect();
    let varies: Vec<bool> = columns.iter().map(|c| !constant(c)).collect();
    // Each column's stratum: 0 (the outermost level) for every column, else the highest
    // k such that the column varies within the groups of level k - 1 (k = levels.len() is
    // the residual).
    let stratum: Vec<usize> = columns
        .iter()
        .map(|c| {
            (1..=levels.len())
                .filter(|&k| inner(c, levels[k - 1].group_of_row, levels[k - 1].n_groups))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let base = strata(x.n, levels);
    let cols_of = |k: usize| (0..x.p).filter(move |&j| x.assign[j] == k);
    let term_varies = |k: usize| cols_of(k).any(|j| varies[j]);
    let term_stratum = |k: usize| cols_of(k).map(|j| stratum[j]).max().unwrap_or(0);
    let any_constant_column = varies.iter().any(|v| !v);
    let any_constant_term = (0..=n_terms)
        .filter(|&k| cols_of(k).next().is_some())
        .any(|k| !term_varies(k));
    // Nothing varies (an intercept alone): the strata as they are, as nlme's.
    let (df_x, df_t) = if varies.iter().any(|&v| v) {
        let mut used_x = vec![0usize; base.len()];
        let mut used_t = vec![0usize; base.len()];
        for j in (0..x.p).filter(|&j| varies[j]) {
            used_x[stratum[j]] += 1;
        }
        for k in (1..=n_terms).filter(|&k| term_varies(k)) {
            used_t[term_stratum(k)] += cols_of(k).count();
        }
        (
            left(&base, &used_x, any_constant_column),
            left(&base, &used_t, any_constant_term),
        )
    } else {
        (base.clone(), base)
    };
    let column_df: Vec<f64> = (0..x.p)
        .map(|j| {
            if varies[j] {
                df_x[stratum[j]]
            } else {
                largest(&df_x)
            }
        })
        .collect();
    // A term goes to the highest stratum of its columns, all of which count there.
    let terms = (1..=n_terms)
        .map(|k| {
            if term_varies(k) {
                df_t[term_stratum(k)]
            } else {
                largest(&df_t)
            }
        })
        .collect();
    let mut contrast_columns = column_df.clone();
    if x.names.first().is_some_and(|n| n == "(Intercept)") {
        contrast_columns[0] = levels.first().map_or(f64::NAN, |l| l.n_groups as f64 - 1.0);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sites of two patients of two rows (the data of [`nested_containment_df`]'s example).
    fn two_levels() -> (ModelMatrix, [u32; 8], [u32; 8]) {
        let x = ModelMatrix::from_columns(
            8,
            vec![
                ("s".into(), vec![0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]),
                ("a".into(), vec![0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0]),
                ("t".into(), vec![0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]),
            ],
        );
        (x, [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3])
    }

    #[test]
    fn without_an_intercept_the_inner_strata_gain_one() {
        // nlme 3.1.162: lme(y ~ 0 + s + a + t, random = ~ 1 | site/id, data = <as in the
        // example of nested_containment_df>)$fixDF$X gives s 1, a 2, t 4 (sites 2 - 1; patients
        // 2 - 1 + 1; rows 4 - 1 + 1).
        let (mut x, sites, patients) = two_levels();
        x.assign = vec![1, 2, 3];
        let levels = [
            GroupingLevel {
                group_of_row: &sites,
                n_groups: 2,
            },
            GroupingLevel {
                group_of_row: &patients,
                n_groups: 4,
            },
        ];
        let df = nested_containment_df(&x, 3, &levels);
        assert_eq!(df.columns, [1.0, 2.0, 4.0]);
        assert_eq!(df.terms, [1.0, 2.0, 4.0]);
    }

    #[test]
    fn an_intercept_alone_keeps_the_strata_whole() {
        // nlme 3.1.162: lme(y ~ 1, random = ~ 1 | site/id, data = <the same>)$fixDF$X gives 4,
        // the residual stratum's 8 - 4 with nothing taken (nlme takes the intercept's df only
        // when some column varies).
        let (_, sites, patients) = two_levels();
        let mut x = ModelMatrix::from_columns(8, vec![("(Intercept)".into(), vec![1.0; 8])]);
        x.assign = vec![0];
        let levels = [
            GroupingLevel {
                group_of_row: &sites,
                n_groups: 2,
            },
            GroupingLevel {
                group_of_row: &patients,
                n_groups: 4,
            },
        ];
        let df = nested_containment_df(&x, 0, &levels);
        assert_eq!(df.columns, [4.0]);
        // emmeans takes the intercept's as the outermost factor's levels less one.
        assert_eq!(df.of_linear_function(&[1.0]), 1.0);
    }
}
