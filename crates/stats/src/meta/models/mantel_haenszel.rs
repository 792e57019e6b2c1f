//! The Mantel–Haenszel fixed-effect meta-analysis of 2×2 tables (Mantel & Haenszel 1959;
//! metafor's `rma.mh`): the pooled odds ratio, risk ratio or risk difference with the
//! variances of Robins, Breslow & Greenland (1986) for the OR and of Sato, Greenland & Robins
//! (1989) for the RR and RD, the Cochran–Mantel–Haenszel test and the Breslow–Day test with
//! Tarone's (1985) correction.
//!
//! With Nᵢ = aᵢ + bᵢ + cᵢ + dᵢ, n₁ᵢ = aᵢ + bᵢ, n₂ᵢ = cᵢ + dᵢ:
//! - OR = R/S, R = Σ aᵢdᵢ/Nᵢ, S = Σ bᵢcᵢ/Nᵢ; var(ln OR) = ½ [Σ PᵢRᵢ/R² + Σ (PᵢSᵢ + QᵢRᵢ)/(RS)
//!   + Σ QᵢSᵢ/S²], Pᵢ = (aᵢ + dᵢ)/Nᵢ, Qᵢ = (bᵢ + cᵢ)/Nᵢ;
//! - RR = R/S, R = Σ aᵢn₂ᵢ/Nᵢ, S = Σ cᵢn₁ᵢ/Nᵢ; var(ln RR) = Σ (n₁ᵢn₂ᵢ(aᵢ + cᵢ)/Nᵢ² − aᵢcᵢ/Nᵢ)/(RS);
//! - RD = Σ (aᵢn₂ᵢ − cᵢn₁ᵢ)/Nᵢ / Σ n₁ᵢn₂ᵢ/Nᵢ, with the Sato–Greenland–Robins variance.
//!
//! O(k).

use super::{OddsRatioTests, Tables, TablesFit, TablesFitStatistics, TablesHeterogeneity};
use crate::dist::pchisq_upper;
use crate::effect::MeasureCode;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;

/// Fit the Mantel–Haenszel model of `code` (OR, RR or RD) to `tables`; `correct`: the
/// continuity correction of the CMH test (metafor's `correct = TRUE`, its default).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::effect::MeasureCode;
/// use trialstats_stats::meta::models::{mantel_haenszel, Tables};
/// // dat.bcg's 2x2 tables (tests/data/bcg_raw.csv). R: rma.mh(ai = ai, bi = bi, ci = ci, di = di,
/// // data = bcg, measure = "OR") gives the log odds ratio -0.47341098838858547 (SE
/// // 0.041007778404231442), QE 163.94257956919316 (metafor 3.8-1, tests/meta_tables.rs).
/// let bcg = Tables::read_csv(Path::new("tests/data/bcg_raw.csv"), None)?;
/// let mh = mantel_haenszel::fit(&bcg, MeasureCode::OR, ConfidenceLevel::NINETY_FIVE, true)?;
/// let pooled = mh.pooled.unwrap();
/// assert!((pooled.estimate - -0.47341098838858547).abs() < 1e-10);
/// assert!((pooled.se - 0.041007778404231442).abs() < 1e-10);
/// assert!((mh.heterogeneity.q - 163.94257956919316).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit(
    tables: &Tables,
    code: MeasureCode,
    level: ConfidenceLevel,
    correct: bool,
) -> Result<TablesFit> {
    let (estimate, se) = match code {
        MeasureCode::OR => odds_ratio(&tables.cells),
        MeasureCode::RR => risk_ratio(&tables.cells),
        MeasureCode::RD => risk_difference(&tables.cells),
        other => {
            return Err(Error::field(
                "measure",
                format!("the Mantel-Haenszel method pools OR, RR or RD, not {other}"),
            ));
        }
    };
    let ratio = code != MeasureCode::RD;
    let (pooled, ratio_scale) = TablesFit::pooled(estimate, se, level, ratio);
    let effects = tables.study_effects(code)?;
    let k_yi = effects.len();
    // Q: the studies' own estimates around the pooled one, inverse-variance weighted.
    let q = match pooled {
        Some(t) => effects
            .iter()
            .map(|(y, v)| (y - t.estimate).powi(2) / v)
            .sum::<f64>()
            .max(0.0),
        None => f64::NAN,
    };
    let heterogeneity = TablesHeterogeneity::new(q, k_yi, pchisq_upper);
    Ok(TablesFit {
        method: "Mantel-Haenszel",
        measure: code.to_string(),
        level: level.value(),
        k: tables.cells.len(),
        k_yi,
        pooled,
        ratio: ratio_scale,
        heterogeneity,
        fit_statistics: pooled.and_then(|t| TablesFitStatistics::new(&effects, t.estimate)),
        odds_ratio_tests: (code == MeasureCode::OR)
            .then(|| odds_ratio_tests(&tables.cells, estimate.exp(), correct)),
    })
}

/// ln OR and its SE (NaN when R or S is 0).
fn odds_ratio(cells: &[[f64; 4]]) -> (f64, f64) {
    let (mut r, mut s, mut pr, mut ps_qr, mut qs) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &[a, b, c, d] in cells {
        let n = a + b + c + d;
        let (p, q) = ((a + d) / n, (b + c) / n);
        let (ri, si) = (a * d / n, b * c / n);
        r += ri;
        s += si;
        pr += p * ri;
        ps_qr += p * si + q * ri;
        qs += q * si;
    }
    if r == 0.0 || s == 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let var = 0.5 * (pr / (r * r) + ps_qr / (r * s) + qs / (s * s));
    ((r / s).ln(), var.sqrt())
}

/// ln RR and its SE (NaN when either group has no events at all).
fn risk_ratio(cells: &[[f64; 4]]) -> (f64, f64) {
    let (mut r, mut s, mut sum_a, mut sum_c, mut num) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &[a, b, c, d] in cells {
        let (n1, n2) = (a + b, c + d);
        let n = n1 + n2;
        r += a * n2 / n;
        s += c * n1 / n;
        sum_a += a;
        sum_c += c;
        num += (n1 / n) * (n2 / n) * (a + c) - (a / n) * c;
    }
    if sum_a == 0.0 || sum_c == 0.0 {
        return (f64::NAN, f64::NAN);
    }
    ((r / s).ln(), (num / (r * s)).sqrt())
}

/// RD and its SE.
fn risk_difference(cells: &[[f64; 4]]) -> (f64, f64) {
    let (mut num, mut den) = (0.0, 0.0);
    for &[a, b, c, d] in cells {
        let (n1, n2) = (a + b, c + d);
        let n = n1 + n2;
        num += a * (n2 / n) - c * (n1 / n);
        den += n1 * (n2 / n);
    }
    let rd = num / den;
    let (mut p, mut q) = (0.0, 0.0);
    for &[a, b, c, d] in cells {
        let (n1, n2) = (a + b, c + d);
        let n = n1 + n2;
        let (f1, f2) = (n1 / n, n2 / n);
        p += c * f1 * f1 - a * f2 * f2 + f1 * f2 * (n2 - n1) / 2.0;
        q += a * (n2 - c) / n + c * (n1 - a) / n;
    }
    (rd, ((rd * p + q / 2.0) / (den * den)).sqrt())
}

/// The CMH and Breslow–Day/Tarone tests at the pooled odds ratio `psi` (metafor's `CO`,
/// `MH`, `BD` and `TA`).
fn odds_ratio_tests(cells: &[[f64; 4]], psi: f64, correct: bool) -> OddsRatioTests {
    let (mut dev, mut var_co, mut var_mh, mut events, mut non_events) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &[a, b, c, d] in cells {
        let (n1, n2) = (a + b, c + d);
        let n = n1 + n2;
        let (x, y) = (a + c, b + d);
        dev += a - n1 / n * x;
        var_co += (n1 / n) * (n2 / n) * (x * (y / n));
        var_mh += (n1 / n) * (n2 / n) * (x * (y / (n - 1.0)));
        events += x;
        non_events += y;
    }
    let half = if correct { 0.5 } else { 0.0 };
    let numerator = (dev.abs() - half).powi(2);
    let estimable = events > 0.0 && non_events > 0.0;
    let (cochran, cmh) = if estimable {
        (Some(numerator / var_co), Some(numerator / var_mh))
    } else {
        (None, None)
    };
    let mut tests = OddsRatioTests {
        cochran,
        cochran_p: cochran.map(|x| pchisq_upper(x, 1.0)),
        cmh,
        cmh_p: cmh.map(|x| pchisq_upper(x, 1.0)),
        continuity_correction: correct,
        breslow_day: None,
        breslow_day_p: None,
        tarone: None,
        tarone_p: None,
        k_pos: 0,
    };
    if !psi.is_finite() {
        return tests;
    }
    // The expected count of cell a under the common odds ratio psi given the margins: the
    // root in range of the quadratic (psi − 1) e² − (psi (n₁ + x) + n₂ − x) e + psi n₁ x = 0.
    let (mut bd, mut dev_sum, mut var_sum, mut k_pos) = (0.0, 0.0, 0.0, 0usize);
    for &[a, b, c, d] in cells {
        let (n1, n2) = (a + b, c + d);
        let n = n1 + n2;
        let (x, y) = (a + c, b + d);
        let e11 = if psi == 1.0 {
            n1 / n * x
        } else {
            let big_a = psi * (n1 + x) + (n2 - x);
            let big_b = (big_a * big_a - 4.0 * n1 * x * psi * (psi - 1.0)).sqrt();
            (big_a - big_b) / (2.0 * (psi - 1.0))
        };
        if !(e11 > 0.0 && x > 0.0 && y > 0.0) {
            continue;
        }
        k_pos += 1;
        let (e12, e21) = (n1 - e11, x - e11);
        let e22 = e11 - n1 - x + n;
        let var = 1.0 / (1.0 / e11 + 1.0 / e12 + 1.0 / e21 + 1.0 / e22);
        bd += (a - e11).powi(2) / var;
        dev_sum += a - e11;
        var_sum += var;
    }
    let bd = bd.max(0.0);
    let tarone = (bd - dev_sum * dev_sum / var_sum).max(0.0);
    let df = k_pos as f64 - 1.0;
    tests.breslow_day = Some(bd);
    tests.tarone = Some(tarone);
    if k_pos > 1 {
        tests.breslow_day_p = Some(pchisq_upper(bd, df));
        tests.tarone_p = Some(pchisq_upper(tarone, df));
    }
    tests.k_pos = k_pos;
    tests
}
