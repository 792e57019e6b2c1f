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
pub fn cumulative(
    keys: &[String],
    labels: &[String],
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
) -> Result<Vec<SubsetSummary>> {
    if y.len() > MAX_CUMULATIVE {
        return Err(Error::input(
            "--cumulative",
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
