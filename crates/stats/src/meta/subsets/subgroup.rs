//! Subgroup analysis: a separate model in each subgroup (each with its own τ², the usual
//! "separate fits" analysis; Borenstein et al. 2009, *Introduction to Meta-Analysis*,
//! ch. 19), and the test for subgroup differences: Cochran's Q of the subgroup estimates
//! pooled by a fixed-effect model with weights `1/SEg²`, on (groups − 1) df (metafor:
//! `rma(estimate, sei = se, method = "FE")` on the subgroup fits, its `QE`). The mixed-effects
//! alternative with one τ² common to the subgroups is the meta-regression `--mods COL`.

use super::subset::{SubsetSummary, summarise};
use crate::dist::pchisq_upper;
use crate::error::{Error, Result};
use crate::meta::fitting::spec::MetaOptions;
use crate::model_matrix::order_levels;
use serde::Serialize;
use std::collections::HashMap;

/// The test for subgroup differences.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SubgroupTest {
    /// Q between subgroups.
    pub q: f64,
    /// Number of subgroups − 1.
    pub df: usize,
    /// Upper-tail χ² p-value.
    pub p: f64,
}

/// One model per subgroup (`label` is the subgroup's level), in the order of the levels
/// (numeric when every level is a number, else by bytes, as the moderators'), and the test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subgroups {
    pub column: String,
    pub fits: Vec<SubsetSummary>,
    pub test: SubgroupTest,
}

/// Fit each subgroup of `groups` (one level per study) and test their differences.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv_with, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// use trialstats_stats::meta::subsets::subgroup::subgroups;
/// use trialstats_stats::meta::MetaOptions;
/// // The BCG trials (tests/data/bcg.csv) by allocation. R: rma(yi, vi, data = dat[dat$alloc ==
/// // "random", ]) gives -0.97096470426308867 over 7 trials; the test of the three subgroups,
/// // rma(estimates, sei = ses, method = "FE")$QE, gives Q 1.8614449461546356 on 2 df, p
/// // 0.39426875888558488 (metafor 3.8-1, tests/data/meta_review_cases.rs).
/// let path = std::path::Path::new("tests/data/bcg.csv");
/// let read = read_csv_with(path, &columns, &[("--subgroup", "alloc")])?;
/// let (bcg, alloc) = (&read.data, &read.groupings[0]);
/// let s = subgroups("alloc", alloc, &bcg.yi, &bcg.vi, &MetaOptions::default())?;
/// let random = s.fits.iter().find(|g| g.label == "random").unwrap();
/// assert_eq!(random.k, 7);
/// assert!((random.estimate - -0.97096470426308867).abs() < 1e-8);
/// assert_eq!(s.test.df, 2);
/// assert!((s.test.q - 1.8614449461546356).abs() < 1e-8);
/// assert!((s.test.p - 0.39426875888558488).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn subgroups(
    column: &str,
    groups: &[String],
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
) -> Result<Subgroups> {
    let mut codes: HashMap<&str, u32> = HashMap::new();
    let mut levels = Vec::new();
    let mut code_of = Vec::with_capacity(groups.len());
    for g in groups {
        let next = codes.len() as u32;
        let c = *codes.entry(g.as_str()).or_insert_with(|| {
            levels.push((g.as_bytes().to_vec(), next));
            next
        });
        code_of.push(c);
    }
    if levels.len() < 2 {
        return Err(Error::field(
            "subgroup",
            format!(
                "column '{column}' has one level only ({}); subgroups need two or more",
                groups.first().map_or("", |g| g.as_str())
            ),
        ));
    }
    let (recode, names) = order_levels(levels);
    let mut fits = Vec::with_capacity(names.len());
    for (level, name) in names.iter().enumerate() {
        let members: Vec<usize> = (0..y.len())
            .filter(|&i| recode[code_of[i] as usize] as usize == level)
            .collect();
        let ys: Vec<f64> = members.iter().map(|&i| y[i]).collect();
        let vs: Vec<f64> = members.iter().map(|&i| v[i]).collect();
        let fit = summarise(name, &ys, &vs, options).map_err(|e| {
            Error::field(
                "subgroup",
                format!(
                    "subgroup {column} = {name} ({} studies) cannot be fitted: {e}",
                    ys.len()
                ),
            )
        })?;
        fits.push(fit);
    }
    let test = between_test(&fits)?;
    Ok(Subgroups {
        column: column.to_string(),
        fits,
        test,
    })
}

/// Q between: `Σ wg (bg − b̄)²`, `wg = 1/SEg²`, `b̄ = Σ wg bg / Σ wg`.
fn between_test(fits: &[SubsetSummary]) -> Result<SubgroupTest> {
    if let Some(f) = fits.iter().find(|f| !(f.se > 0.0 && f.se.is_finite())) {
        return Err(Error::numerical(format!(
            "subgroup {}: its standard error is {}, so the subgroups cannot be compared",
            f.label, f.se
        )));
    }
    let w: Vec<f64> = fits.iter().map(|f| 1.0 / (f.se * f.se)).collect();
    let sw: f64 = w.iter().sum();
    let mean = fits
        .iter()
        .zip(&w)
        .map(|(f, w)| w * f.estimate)
        .sum::<f64>()
        / sw;
    let q: f64 = fits
        .iter()
        .zip(&w)
        .map(|(f, w)| w * (f.estimate - mean) * (f.estimate - mean))
        .sum();
    let df = fits.len() - 1;
    Ok(SubgroupTest {
        q,
        df,
        p: pchisq_upper(q, df as f64),
    })
}
