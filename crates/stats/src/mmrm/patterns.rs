//! The rows of an MMRM grouped by subject, and subjects grouped by the set of visits they
//! have (their *pattern*). Σ of a subject is the rows and columns of the visit covariance at
//! its visits, so every subject of a pattern shares `Σ_P` and its inverse; what the likelihood
//! and the small-sample sums need of the data reduces to the cross-products
//! `C_P[a, b] = Σ_{i ∈ P} z_{i,a} z_{i,b}ᵀ` with `z = (xᵀ, y)ᵀ` the row of subject `i` at
//! its `a`-th visit. With them, one evaluation costs the patterns × visits² × columns², not
//! the rows (Jennrich & Schluchter 1986, *Biometrics* 42:805, group subjects the same way).

use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use nalgebra::DMatrix;
use std::collections::HashMap;

/// The subjects that have exactly one set of visits.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The group of its subjects (0 without `--group`).
    pub group: usize,
    /// The visits (indices into the visit levels), increasing.
    pub visits: Vec<usize>,
    pub n_subjects: usize,
    /// `C_P[a, b]` ((p + 1) × (p + 1), the last row and column the response) for the
    /// pattern's `a`-th and `b`-th visits, at `a * m + b`.
    pub cross: Vec<DMatrix<f64>>,
}

impl Pattern {
    /// `C_P[a, b]`.
    pub fn cross(&self, a: usize, b: usize) -> &DMatrix<f64> {
        &self.cross[a * self.visits.len() + b]
    }
}

/// The data of an MMRM, by pattern.
#[derive(Debug, Clone)]
pub struct Patterns {
    pub patterns: Vec<Pattern>,
    /// Rows (observations) used.
    pub n_obs: usize,
    pub n_subjects: usize,
    /// Columns of X.
    pub p: usize,
    /// Observations per visit.
    pub n_per_visit: Vec<usize>,
    /// Per group: subjects observed at both visits `a` and `b` (V × V).
    pub n_together: Vec<DMatrix<usize>>,
    /// Subjects per group.
    pub n_subjects_per_group: Vec<usize>,
}

/// The groups of subjects with their own covariance (`--group`): a code per row into `levels`,
/// and where the column is (for messages).
#[derive(Debug, Clone, Copy)]
pub struct Groups<'a> {
    pub code: &'a [u32],
    pub levels: &'a [String],
    pub column: &'a str,
}

/// Group the rows of `x`, `y` by subject (`subject[i]`, a code into `subjects`) and visit
/// (`visit[i]` into `visits`). A subject with two rows at one visit is refused, naming it;
/// `location` says where (file and column). With `groups`, a subject whose rows lie in two
/// groups is refused too.
#[allow(clippy::too_many_arguments)]
pub fn group(
    x: &ModelMatrix,
    y: &[f64],
    subject: &[u32],
    subjects: &[String],
    visit: &[u32],
    visits: &[String],
    groups: Option<Groups>,
    location: &str,
) -> Result<Patterns> {
    let (n, p, v) = (y.len(), x.p, visits.len());
    let n_groups = groups.map_or(1, |g| g.levels.len());
    let group_of = |i: usize| groups.map_or(0, |g| g.code[i] as usize);
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); subjects.len()];
    for i in 0..n {
        rows_of[subject[i] as usize].push(i);
    }
    let mut index: HashMap<(usize, Vec<usize>), usize> = HashMap::new();
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut n_per_visit = vec![0; v];
    let mut n_together = vec![DMatrix::zeros(v, v); n_groups];
    let mut n_subjects_per_group = vec![0; n_groups];
    let mut n_subjects = 0;
    let w = p + 1;
    let mut z = Vec::new();
    for (s, rows) in rows_of.iter_mut().enumerate() {
        if rows.is_empty() {
            continue;
        }
        n_subjects += 1;
        rows.sort_by_key(|&i| visit[i]);
        if let Some(pair) = rows.windows(2).find(|r| visit[r[0]] == visit[r[1]]) {
            let count = rows.iter().filter(|&&i| visit[i] == visit[pair[0]]).count();
            return Err(Error::input(
                location,
                format!(
                    "subject '{}' has {count} rows at visit '{}'; an MMRM takes at most one row per subject and visit",
                    subjects[s], visits[visit[pair[0]] as usize]
                ),
            ));
        }
        let g = group_of(rows[0]);
        if let (Some(gs), Some(&other)) = (groups, rows.iter().find(|&&i| group_of(i) != g)) {
            return Err(Error::input(
                format!("column {}", gs.column),
                format!(
                    "subject '{}' is in group '{}' at one visit and '{}' at another; each subject must belong to one group",
                    subjects[s],
                    gs.levels[g],
                    gs.levels[group_of(other)]
                ),
            ));
        }
        n_subjects_per_group[g] += 1;
        let key: Vec<usize> = rows.iter().map(|&i| visit[i] as usize).collect();
        for &a in &key {
            n_per_visit[a] += 1;
            for &b in &key {
                n_together[g][(a, b)] += 1;
            }
        }
        let m = key.len();
        let k = *index.entry((g, key.clone())).or_insert_with(|| {
            patterns.push(Pattern {
                group: g,
                visits: key.clone(),
                n_subjects: 0,
                cross: vec![DMatrix::zeros(w, w); m * m],
            });
            patterns.len() - 1
        });
        let pat = &mut patterns[k];
        pat.n_subjects += 1;
        z.clear();
        for &i in rows.iter() {
            z.extend_from_slice(x.row(i));
            z.push(y[i]);
        }
        add_upper_cross_products(pat, &z, w);
    }
    for pat in &mut patterns {
        fill_lower_cross_products(pat);
    }
    Ok(Patterns {
        patterns,
        n_obs: n,
        n_subjects,
        p,
        n_per_visit,
        n_together,
        n_subjects_per_group,
    })
}

/// Adds one subject's `z_a z_bᵀ` to `pat`'s `C_P[a, b]` for the upper triangle of visit pairs
/// `a ≤ b` (the lower one is its transpose, filled once all subjects are in); `z` holds the
/// subject's rows `(xᵀ, y)`, `w` values each, in visit order.
fn add_upper_cross_products(pat: &mut Pattern, z: &[f64], w: usize) {
    let m = pat.visits.len();
    for a in 0..m {
        let za = &z[a * w..(a + 1) * w];
        for b in a..m {
            let zb = &z[b * w..(b + 1) * w];
            let c = &mut pat.cross[a * m + b];
            for (col, &f) in zb.iter().enumerate() {
                if f != 0.0 {
                    let dst = &mut c.as_mut_slice()[col * w..(col + 1) * w];
                    for (d, &e) in dst.iter_mut().zip(za) {
                        *d += e * f;
                    }
                }
            }
        }
    }
}

/// Sets `pat`'s `C_P[a, b]` for `a > b` to the transpose of `C_P[b, a]`.
fn fill_lower_cross_products(pat: &mut Pattern) {
    let m = pat.visits.len();
    for a in 0..m {
        for b in 0..a {
            pat.cross[a * m + b] = pat.cross[b * m + a].transpose();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_hold_the_cross_products() {
        // Subjects A (visits 0, 1), B (visit 1, 0, given in reverse), C (visit 1 only).
        let x = ModelMatrix::from_columns(5, vec![("t".into(), vec![1., 2., 3., 4., 5.])]);
        let y = [10., 20., 30., 40., 50.];
        let subj = [0, 0, 1, 1, 2];
        let vis = [0, 1, 1, 0, 1];
        let names = |k: usize| (0..k).map(|i| i.to_string()).collect::<Vec<_>>();
        let g = group(&x, &y, &subj, &names(3), &vis, &names(2), None, "f").unwrap();
        assert_eq!(g.patterns.len(), 2);
        assert_eq!(g.n_subjects, 3);
        assert_eq!(g.n_per_visit, vec![2, 3]);
        let p = &g.patterns[0];
        assert_eq!(p.n_subjects, 2);
        // C[0, 1] = z_A0 z_A1ᵀ + z_B0 z_B1ᵀ with z = (t, y).
        let want = DMatrix::from_row_slice(
            2,
            2,
            &[
                1. * 2. + 4. * 3.,
                1. * 20. + 4. * 30.,
                10. * 2. + 40. * 3.,
                10. * 20. + 40. * 30.,
            ],
        );
        assert_eq!(p.cross(0, 1), &want);
        assert_eq!(p.cross(1, 0), &want.transpose());
        let dup = group(
            &x,
            &y,
            &[0, 0, 1, 1, 2],
            &names(3),
            &[0, 0, 1, 0, 1],
            &names(2),
            None,
            "f",
        );
        assert!(
            dup.unwrap_err()
                .to_string()
                .contains("subject '0' has 2 rows at visit '0'")
        );
    }
}
