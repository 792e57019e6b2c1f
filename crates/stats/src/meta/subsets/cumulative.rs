//! Cumulative meta-analysis (Lau et al. 1992, *N Engl J Med* 327:248), as metafor's
//! `cumul(res, order = COL)`: the studies sorted by a column (numerically when every value
//! is a number, else by bytes; ties keep the file's order, as R's stable `order`), and the
//! model refitted to the first 1, 2, …, k of them with the model's method and test.
//! k refits of O(k) each: O(k²).

use super::subset::{SubsetSummary, summarise};
use crate::csv_file::parse_number;
use crate::error::{Error, Result};
use crate::meta::fitting::spec::MetaOptions;

/// The most studies a cumulative analysis is computed for (k refits of k studies each).
pub const MAX_CUMULATIVE: usize = crate::meta::fitting::spec::MAX_REFITS;

/// The order of the studies by `keys` (stable).
pub fn order_by(keys: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let numbers: Option<Vec<f64>> = keys.iter().map(|k| parse_number(k.as_bytes())).collect();
    match numbers {
        Some(x) => order.sort_by(|&a, &b| x[a].total_cmp(&x[b])),
        None => order.sort_by(|&a, &b| keys[a].as_bytes().cmp(keys[b].as_bytes())),
    }
    order
}

/// One row per study in the order of `keys`: the model of that study and all before it
/// (`label` is the study added). A step whose model cannot be fitted is left out, as metafor
/// leaves it empty.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv_with, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// use trialstats_stats::meta::subsets::cumulative::cumulative;
/// use trialstats_stats::meta::MetaOptions;
/// // The BCG trials (tests/data/bcg.csv) in order of publication. R: cumul(rma(yi, vi, data = dat,
/// // slab = study), order = dat$year) gives, after the first 3 trials, -0.97207993181325436 with
/// // tau^2 0.087206792838736488 (metafor 3.8-1, tests/data/meta_review_cases.rs).
/// let path = std::path::Path::new("tests/data/bcg.csv");
/// let read = read_csv_with(path, &columns, &[("--cumulative", "year")])?;
/// let (bcg, years) = (&read.data, &read.groupings[0]);
/// let steps = cumulative(years, &bcg.labels, &bcg.yi, &bcg.vi, &MetaOptions::default())?;
/// assert_eq!((steps[2].label.as_str(), steps[2].k), ("Stein & Aronson 1953", 3));
/// assert!((steps[2].estimate - -0.97207993181325436).abs() < 1e-8);
/// assert!((steps[2].tau2 - 0.087206792838736488).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn cumulative(
    keys: &[String],
    labels: &[String],
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
) -> Result<Vec<SubsetSummary>> {
    if y.len() > MAX_CUMULATIVE {
        return Err(Error::field(
            "cumulative",
            format!(
                "{} studies: the cumulative analysis refits the model once per study (work \
                 growing with k^2); it is computed for up to {MAX_CUMULATIVE} studies",
                y.len()
            ),
        ));
    }
    let order = order_by(keys);
    let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    let vs: Vec<f64> = order.iter().map(|&i| v[i]).collect();
    let mut rows = Vec::with_capacity(y.len());
    for (n, &i) in order.iter().enumerate() {
        if let Ok(row) = summarise(&labels[i], &ys[..=n], &vs[..=n], options) {
            rows.push(row);
        }
    }
    Ok(rows)
}
