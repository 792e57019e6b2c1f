//! Peto's one-step fixed-effect odds ratio for 2×2 tables (Yusuf et al. 1985; metafor's
//! `rma.peto`): with Eᵢ = n₁ᵢxᵢ/Nᵢ the expected events of group 1 given the margins and
//! Vᵢ = xᵢyᵢn₁ᵢn₂ᵢ/(Nᵢ²(Nᵢ − 1)) their hypergeometric variance (xᵢ = aᵢ + cᵢ events,
//! yᵢ = bᵢ + dᵢ non-events), ln OR = Σ(aᵢ − Eᵢ)/ΣVᵢ with variance 1/ΣVᵢ, and the heterogeneity
//! statistic Q = Σ (aᵢ − Eᵢ)²/Vᵢ − (Σ(aᵢ − Eᵢ))²/ΣVᵢ over the tables with Vᵢ > 0, on
//! `k_yi − 1` df. The fit statistics use each study's Peto estimate (`escalc(measure =
//! "PETO")`: (aᵢ − Eᵢ)/Vᵢ with variance 1/Vᵢ, 1/2 added to the cells of a table with a zero
//! cell). O(k).

use super::{Tables, TablesFit, TablesFitStatistics, TablesHeterogeneity};
use crate::dist::pchisq_upper;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// (aᵢ − Eᵢ, Vᵢ) of one table.
fn observed_minus_expected([a, b, c, d]: [f64; 4]) -> (f64, f64) {
    let (n1, n2) = (a + b, c + d);
    let n = n1 + n2;
    let (x, y) = (a + c, b + d);
    (a - x * n1 / n, x * y * (n1 / n) * (n2 / n) / (n - 1.0))
}

/// Fit Peto's model to `tables`.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::meta::models::{peto, Tables};
/// // dat.bcg's 2x2 tables (tests/data/bcg_raw.csv). R: rma.peto(ai = ai, bi = bi, ci = ci,
/// // di = di, data = bcg) gives -0.47444631094063633 (SE 0.040659080744648281; metafor 3.8-1,
/// // tests/meta_tables.rs).
/// let bcg = Tables::read_csv(Path::new("tests/data/bcg_raw.csv"), None)?;
/// let pooled = peto::fit(&bcg, ConfidenceLevel::NINETY_FIVE)?.pooled.unwrap();
/// assert!((pooled.estimate - -0.47444631094063633).abs() < 1e-10);
/// assert!((pooled.se - 0.040659080744648281).abs() < 1e-10);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit(tables: &Tables, level: ConfidenceLevel) -> Result<TablesFit> {
    let (mut sum_o_e, mut sum_v, mut sum_sq) = (0.0, 0.0, 0.0);
    for &cells in &tables.cells {
        let (o_e, v) = observed_minus_expected(cells);
        sum_o_e += o_e;
        sum_v += v;
        if v > 0.0 {
            sum_sq += o_e * o_e / v;
        }
    }
    if sum_v == 0.0 {
        return Err(Error::input(
            "the tables",
            "one of the two outcomes never occurs in any table, so Peto's method cannot be used",
        ));
    }
    let beta = sum_o_e / sum_v;
    let (pooled, ratio) = TablesFit::pooled(beta, (1.0 / sum_v).sqrt(), level, true);
    let effects: Vec<(f64, f64)> = tables
        .usable_cells()
        .map(|cells| {
            let (o_e, v) = observed_minus_expected(cells);
            (o_e / v, 1.0 / v)
        })
        .collect();
    let k_yi = effects.len();
    let k_pos = tables
        .cells
        .iter()
        .filter(|&&c| observed_minus_expected(c).1 > 0.0)
        .count();
    let q = (sum_sq - sum_o_e * sum_o_e / sum_v).max(0.0);
    // metafor: Q on k_yi − 1 df, but Q = 0 and p = 1 unless two tables have Vᵢ > 0.
    let heterogeneity = if k_pos > 1 {
        TablesHeterogeneity::new(q, k_yi, pchisq_upper)
    } else {
        TablesHeterogeneity {
            q,
            ..TablesHeterogeneity::new(0.0, 1, pchisq_upper)
        }
    };
    Ok(TablesFit {
        method: "Peto",
        measure: "OR".to_string(),
        level: level.value(),
        k: tables.cells.len(),
        k_yi,
        pooled,
        ratio,
        heterogeneity,
        fit_statistics: TablesFitStatistics::new(&effects, beta),
        odds_ratio_tests: None,
    })
}
