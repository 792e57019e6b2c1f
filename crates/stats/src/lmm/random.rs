//! Random-effect terms: the grouping factor, the random-effect model matrix Z (one row of
//! `q` values per observation), and the map between the covariance parameter θ and the
//! relative covariance factor Λθ (Bates, Mächler, Bolker & Walker 2015, *Fitting Linear
//! Mixed-Effects Models Using lme4*, J. Stat. Softw. 67(1), §2.2 and eq. 4).
//!
//! With one grouping factor Λθ is block diagonal with one `q × q` lower-triangular block `T`
//! per group, the same for every group. `T` is itself block diagonal, one full lower triangle
//! per random term: `(1 + x | g)` is one 2 × 2 triangle (correlated), `(x || g)` is two 1 × 1
//! blocks (independent). θ lists each triangle column by column, as lme4's `getME(m, "theta")`.
//!
//! Several grouping factors (nested or crossed) each get their own `RandomEffects`
//! ([`RandomEffects::build_all`]), ordered as lme4 orders them (most levels first); Λθ is
//! then block diagonal by factor, and [`super::blocked`] evaluates the criterion.

use super::formula::Formula;
use super::frame::{Column, Frame};
use crate::error::{Error, Result};

/// The random effects of one grouping factor.
#[derive(Debug, Clone, PartialEq)]
pub struct RandomEffects {
    /// The grouping column.
    pub group: String,
    /// Its levels, sorted.
    pub levels: Vec<String>,
    /// The level index of each row.
    pub group_of_row: Vec<u32>,
    /// Names of the `q` random-effect columns (`(Intercept)`, `month`, ...).
    pub names: Vec<String>,
    /// Row-major `n × q` values of Z's nonzero part.
    pub z: Vec<f64>,
    /// Diagonal blocks of `T` as (first column, size); each is a full lower triangle.
    pub blocks: Vec<(usize, usize)>,
}

impl RandomEffects {
    /// Build the random effects of `formula` from `frame`, which must have one grouping
    /// factor (see [`RandomEffects::build_all`] for several).
    pub fn build(formula: &Formula, frame: &Frame) -> Result<RandomEffects> {
        let mut all = Self::build_all(formula, frame)?;
        if all.len() > 1 {
            return Err(Error::field(
                "formula",
                format!(
                    "random terms on more than one grouping factor ('{}' and '{}'): use RandomEffects::build_all",
                    all[0].group, all[1].group
                ),
            ));
        }
        Ok(all.remove(0))
    }

    /// The random effects of every grouping factor of `formula`, ordered as lme4 orders its
    /// terms: by number of levels, most first (ties in the order written).
    pub fn build_all(formula: &Formula, frame: &Frame) -> Result<Vec<RandomEffects>> {
        Self::build_all_with(formula, frame, false)
    }

    /// [`RandomEffects::build_all`], also accepting a factor with one level per observation
    /// when `level_per_observation` is set: in a generalised model such a random effect is
    /// identifiable (the observation-level overdispersion term of `glmer`, `(1 | obs)`); in a
    /// linear model it cannot be told apart from the residual.
    pub fn build_all_with(
        formula: &Formula,
        frame: &Frame,
        level_per_observation: bool,
    ) -> Result<Vec<RandomEffects>> {
        let factors = formula.grouping_factors();
        if factors.is_empty() {
            return Err(Error::field(
                "formula",
                "the formula has no random term such as '(1 | patient)'; a linear mixed model needs one",
            ));
        }
        let mut out = factors
            .iter()
            .map(|f| {
                Self::build_group(
                    formula,
                    frame,
                    &f.group,
                    &f.group_columns,
                    level_per_observation,
                )
            })
            .collect::<Result<Vec<_>>>()?;
        out.sort_by_key(|r| std::cmp::Reverse(r.levels.len()));
        Ok(out)
    }

    /// The random effects of the terms of `formula` on the grouping factor `group` (the
    /// combinations of `columns`).
    fn build_group(
        formula: &Formula,
        frame: &Frame,
        group: &str,
        columns: &[String],
        level_per_observation: bool,
    ) -> Result<RandomEffects> {
        let (codes, levels) = grouping_codes(frame, columns)?;
        let place = format!("{{field:formula}}, column {}", columns.join(", "));
        if levels.len() < 2 {
            return Err(Error::input(
                place,
                format!(
                    "the grouping factor '{group}' has {} level(s) among the rows used; random effects need at least two groups",
                    levels.len()
                ),
            ));
        }
        if levels.len() >= frame.n_rows && !level_per_observation {
            return Err(Error::input(
                place,
                format!(
                    "the grouping factor '{group}' has {} levels for {} observations; it needs fewer levels than observations (each group is one observation, so the random effect cannot be told apart from the residual)",
                    levels.len(),
                    frame.n_rows
                ),
            ));
        }
        let mut names: Vec<String> = Vec::new();
        let mut sources: Vec<Option<&[f64]>> = Vec::new();
        let mut blocks = Vec::new();
        for term in formula.random.iter().filter(|t| t.group == group) {
            let mut cols: Vec<(String, Option<&[f64]>)> = Vec::new();
            if term.intercept {
                cols.push(("(Intercept)".to_string(), None));
            }
            for s in &term.slopes {
                match frame.column(s) {
                    Some(Column::Numeric(v)) => cols.push((s.clone(), Some(v.as_slice()))),
                    _ => {
                        return Err(Error::input(
                            format!("{{field:formula}}, column {s}"),
                            format!("the random slope '{s}' must be a numeric column"),
                        ));
                    }
                }
            }
            for (name, _) in &cols {
                if names.contains(name) {
                    return Err(Error::field(
                        "formula",
                        format!("'{name}' appears in more than one random term for '{group}'"),
                    ));
                }
            }
            let start = names.len();
            if term.uncorrelated {
                for k in 0..cols.len() {
                    blocks.push((start + k, 1));
                }
            } else {
                blocks.push((start, cols.len()));
            }
            for (name, src) in cols {
                names.push(name);
                sources.push(src);
            }
        }
        let q = names.len();
        let n = frame.n_rows;
        let mut z = vec![0.0; n * q];
        for (k, src) in sources.iter().enumerate() {
            for i in 0..n {
                z[i * q + k] = src.map_or(1.0, |v| v[i]);
            }
        }
        Ok(RandomEffects {
            group: group.to_string(),
            levels,
            group_of_row: codes,
            names,
            z,
            blocks,
        })
    }

    /// Number of random effects per group.
    pub fn q(&self) -> usize {
        self.names.len()
    }

    /// Length of θ.
    pub fn n_theta(&self) -> usize {
        self.blocks.iter().map(|(_, m)| m * (m + 1) / 2).sum()
    }

    /// Whether θ entry `k` is a diagonal element of `T` (bounded below by 0).
    pub fn theta_is_diagonal(&self) -> Vec<bool> {
        let mut out = Vec::new();
        for &(_, m) in &self.blocks {
            for c in 0..m {
                for r in c..m {
                    out.push(r == c);
                }
            }
        }
        out
    }

    /// The position `(row, column)` in `T` of each θ entry.
    pub fn theta_positions(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &(s, m) in &self.blocks {
            for c in 0..m {
                for r in c..m {
                    out.push((s + r, s + c));
                }
            }
        }
        out
    }

    /// lme4's starting value: `T = I`.
    pub fn initial_theta(&self) -> Vec<f64> {
        self.theta_is_diagonal()
            .into_iter()
            .map(|d| if d { 1.0 } else { 0.0 })
            .collect()
    }

    /// Lower bounds on θ: 0 on the diagonal of `T`, none elsewhere.
    pub fn lower_bounds(&self) -> Vec<f64> {
        self.theta_is_diagonal()
            .into_iter()
            .map(|d| if d { 0.0 } else { f64::NEG_INFINITY })
            .collect()
    }

    /// Write `T` (row-major `q × q`, lower triangular) for `theta`.
    pub fn fill_t(&self, theta: &[f64], t: &mut [f64]) {
        let q = self.q();
        t.iter_mut().for_each(|x| *x = 0.0);
        let mut k = 0;
        for &(s, m) in &self.blocks {
            for c in 0..m {
                for r in c..m {
                    t[(s + r) * q + s + c] = theta[k];
                    k += 1;
                }
            }
        }
    }

    /// Standard deviations of the random effects and correlations within each block, for
    /// residual SD `sigma`: the covariance is σ² T Tᵀ.
    pub fn sd_and_correlations(
        &self,
        theta: &[f64],
        sigma: f64,
    ) -> (Vec<f64>, Vec<(usize, usize, f64)>) {
        let q = self.q();
        let mut t = vec![0.0; q * q];
        self.fill_t(theta, &mut t);
        let cov = |i: usize, j: usize| -> f64 {
            (0..q).map(|k| t[i * q + k] * t[j * q + k]).sum::<f64>() * sigma * sigma
        };
        let sd: Vec<f64> = (0..q).map(|i| cov(i, i).sqrt()).collect();
        let mut corr = Vec::new();
        for &(s, m) in &self.blocks {
            for j in s..s + m {
                for i in j + 1..s + m {
                    let c = if sd[i] > 0.0 && sd[j] > 0.0 {
                        cov(i, j) / (sd[i] * sd[j])
                    } else {
                        f64::NAN
                    };
                    corr.push((j, i, c));
                }
            }
        }
        (sd, corr)
    }
}

/// Each factor's `T` (row-major q × q, lower triangular) for `theta`, the factors' θ one after
/// the other (as lme4's `getME(m, "theta")`).
pub fn t_blocks(factors: &[RandomEffects], theta: &[f64]) -> Vec<Vec<f64>> {
    let mut k0 = 0;
    factors
        .iter()
        .map(|f| {
            let q = f.q();
            let mut t = vec![0.0; q * q];
            f.fill_t(&theta[k0..k0 + f.n_theta()], &mut t);
            k0 += f.n_theta();
            t
        })
        .collect()
}

/// The groups formed by the combinations of `columns` (categorical columns of `frame`): the
/// group of each row and the level names (`a:A`), ordered as R orders the levels of the
/// interaction `f1:f2`: by the first column's level, then the second's, unused ones dropped.
pub fn grouping_codes(frame: &Frame, columns: &[String]) -> Result<(Vec<u32>, Vec<String>)> {
    let mut parts: Vec<(&[u32], &[String])> = Vec::new();
    for c in columns {
        match frame.column(c) {
            Some(Column::Categorical { codes, levels }) => parts.push((codes, levels)),
            _ => {
                return Err(Error::input(
                    format!("{{field:formula}}, column {c}"),
                    format!("grouping column '{c}' was not read as categorical"),
                ));
            }
        }
    }
    if parts.len() == 1 {
        return Ok((parts[0].0.to_vec(), parts[0].1.to_vec()));
    }
    let n = frame.n_rows;
    let key = |i: usize| -> Vec<u32> { parts.iter().map(|(codes, _)| codes[i]).collect() };
    let mut seen: std::collections::HashMap<Vec<u32>, u32> = std::collections::HashMap::new();
    let mut raw = Vec::with_capacity(n);
    for i in 0..n {
        let next = seen.len() as u32;
        raw.push(*seen.entry(key(i)).or_insert(next));
    }
    let mut combos: Vec<(Vec<u32>, u32)> = seen.into_iter().collect();
    combos.sort();
    let mut recode = vec![0u32; combos.len()];
    let mut levels = Vec::with_capacity(combos.len());
    for (new, (k, old)) in combos.iter().enumerate() {
        recode[*old as usize] = new as u32;
        levels.push(
            k.iter()
                .zip(&parts)
                .map(|(&c, (_, names))| names[c as usize].as_str())
                .collect::<Vec<_>>()
                .join(":"),
        );
    }
    Ok((
        raw.into_iter().map(|c| recode[c as usize]).collect(),
        levels,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lmm::frame::RawColumn;

    fn effects(formula: &str) -> RandomEffects {
        let frame = Frame::from_columns(
            "t",
            vec![
                ("y".into(), RawColumn::Numbers(vec![1.0, 2.0, 3.0, 4.0])),
                ("x".into(), RawColumn::Numbers(vec![0.0, 1.0, 0.0, 1.0])),
                (
                    "g".into(),
                    RawColumn::Text(vec!["a".into(), "a".into(), "b".into(), "b".into()]),
                ),
            ],
        )
        .unwrap();
        RandomEffects::build(&Formula::parse(formula).unwrap(), &frame).unwrap()
    }

    #[test]
    fn theta_maps_to_t_column_by_column() {
        let r = effects("y ~ x + (x | g)");
        assert_eq!(r.n_theta(), 3);
        assert_eq!(r.lower_bounds(), [0.0, f64::NEG_INFINITY, 0.0]);
        let mut t = vec![0.0; 4];
        r.fill_t(&[2.0, 3.0, 4.0], &mut t);
        assert_eq!(t, [2.0, 0.0, 3.0, 4.0]);
        // sd = sigma * sqrt(row norms of T): sqrt(4)=2 and sqrt(9+16)=5; corr = 6/(2*5).
        let (sd, corr) = r.sd_and_correlations(&[2.0, 3.0, 4.0], 1.0);
        assert_eq!(sd, [2.0, 5.0]);
        assert_eq!(corr, [(0, 1, 0.6)]);
        let u = effects("y ~ x + (x || g)");
        assert_eq!(u.blocks, [(0, 1), (1, 1)]);
        assert_eq!(u.initial_theta(), [1.0, 1.0]);
        assert_eq!(u.z, [1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0]);
    }
}
