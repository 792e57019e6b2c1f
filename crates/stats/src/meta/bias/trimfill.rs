//! Trim and fill (Duval & Tweedie 2000, *Biometrics* 56:455 and *JASA* 95:89), as metafor's
//! `trimfill`: the side where studies are missing is the side opposite to the slope of the
//! standard error in the meta-regression `yᵢ ~ √vᵢ` (fitted by the model's method: a negative
//! slope means missing studies on the right); the studies are sorted (mirrored first when the
//! right side is filled), and, until the number of missing studies `k0` stops changing, the
//! `k0` most extreme are trimmed, the model is refitted to the rest, and `k0` is estimated
//! again from the signed ranks of the deviations from that estimate (L0: from the sum of the
//! positive ranks `Sr`, `k0 = (4 Sr − k(k+1)) / (2k − 1)`; R0: from the length of the
//! rightmost run of positive ranks, `k0 = γ − 1`), rounded half to even as R's `round`.
//! Finally the `k0` trimmed studies are mirrored about the trimmed estimate, `2β̂ − yᵢ`, with
//! their variances, and the model is fitted to all `k + k0` studies (as metafor, with z tests).
//! One O(k log k) sort, then each step is one O(k) estimate of the pooled effect (τ² and the
//! weighted mean only: [`coefficients`]) and O(k) signed ranks (the deviations from the
//! estimate are in the sorted order, so their ranks by size are a merge of two runs); the
//! full model (SEs, tests, τ²) is fitted once, at the end.

use crate::error::{Error, Result};
use crate::meta::fitting::model::{
    FittedModel, TestedEstimate, coefficients, reads_through_to_tested,
};
use crate::meta::fitting::moderators::{INTERCEPT, ModelMatrix};
use crate::meta::fitting::spec::{MetaOptions, Method, Test};
use serde::Serialize;

/// The estimator of the number of missing studies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Estimator {
    #[default]
    L0,
    R0,
}

impl std::str::FromStr for Estimator {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_uppercase().as_str() {
            "L0" => Ok(Estimator::L0),
            "R0" => Ok(Estimator::R0),
            other => Err(Error::field(
                "trimfill",
                format!("unknown estimator '{other}'; allowed: L0, R0"),
            )),
        }
    }
}

/// The side of the funnel where studies are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

/// A filled (imputed) study.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FilledStudy {
    pub yi: f64,
    pub vi: f64,
}

/// The trim-and-fill result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrimFill {
    pub estimator: Estimator,
    /// Estimated number of missing studies.
    pub k0: usize,
    /// Its standard error (metafor's `se.k0`).
    pub se_k0: f64,
    pub side: Side,
    /// The model fitted to the observed and the filled studies: its estimate and τ².
    #[serde(flatten)]
    pub tested: TestedEstimate,
    pub tau2: f64,
    /// The filled studies.
    pub filled: Vec<FilledStudy>,
}

reads_through_to_tested!(TrimFill);

/// The side metafor chooses: `right` when the slope of `√vᵢ` in the model's meta-regression
/// is negative.
pub fn missing_side(y: &[f64], v: &[f64], method: Method) -> Result<Side> {
    let sei: Vec<f64> = v.iter().map(|x| x.sqrt()).collect();
    let design = ModelMatrix::intercept_only(y.len(), INTERCEPT).with_column("sei", &sei);
    Ok(if coefficients(&design, y, v, method)?[1] < 0.0 {
        Side::Right
    } else {
        Side::Left
    })
}

fn intercept_fit(
    y: &[f64],
    v: &[f64],
    method: Method,
    test: Test,
    level: f64,
) -> Result<FittedModel> {
    FittedModel::new(
        &ModelMatrix::intercept_only(y.len(), INTERCEPT),
        y,
        v,
        method,
        test,
        level,
    )
}

/// Most trim-and-fill iterations (metafor's `maxiter`).
const MAX_ITERATIONS: usize = 100;

/// Trim and fill the studies `y`, `v` of an intercept-only model (`side`: `None` to choose
/// it as metafor does).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::bias::trimfill::{trimfill, Estimator, Side};
/// use trialstats_stats::meta::MetaOptions;
/// // The BCG trials (tests/data/bcg.csv). R: trimfill(rma(yi, vi, data = dat), estimator = "L0")
/// // fills 1 study on the right, at 0.31040302402906716, and gives -0.65708278348776694
/// // (SE 0.17852838013187666; metafor 3.8-1, tests/data/meta_review_cases.rs).
/// let t = trimfill(&bcg.yi, &bcg.vi, &MetaOptions::default(), Estimator::L0, None)?;
/// assert_eq!((t.k0, t.side), (1, Side::Right));
/// assert!((t.filled[0].yi - 0.31040302402906716).abs() < 1e-8);
/// assert!((t.estimate - -0.65708278348776694).abs() < 1e-8);
/// assert!((t.se - 0.17852838013187666).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn trimfill(
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
    estimator: Estimator,
    side: Option<Side>,
) -> Result<TrimFill> {
    let k = y.len();
    if k < 3 {
        return Err(Error::field(
            "trimfill",
            format!("{k} studies: trim and fill needs at least 3"),
        ));
    }
    let method = options.method;
    let side = match side {
        Some(s) => s,
        None => missing_side(y, v, method)?,
    };
    let flip = if side == Side::Right { -1.0 } else { 1.0 };
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| (flip * y[a]).total_cmp(&(flip * y[b])));
    let ys: Vec<f64> = order.iter().map(|&i| flip * y[i]).collect();
    let vs: Vec<f64> = order.iter().map(|&i| v[i]).collect();
    let kf = k as f64;
    let (mut k0, mut previous) = (0usize, usize::MAX);
    let mut se_k0 = 0.0;
    let mut beta = 0.0;
    let mut iterations = 0;
    while k0 != previous {
        previous = k0;
        iterations += 1;
        if iterations > MAX_ITERATIONS {
            return Err(Error::not_converged(
                "trim and fill",
                "trim and fill did not converge (the number of missing studies keeps changing)"
                    .into(),
            ));
        }
        let kept = k - k0;
        let design = ModelMatrix::intercept_only(kept, INTERCEPT);
        beta = coefficients(&design, &ys[..kept], &vs[..kept], method)?[0];
        let dev: Vec<f64> = ys.iter().map(|x| x - beta).collect();
        let signed = signed_ranks_of_sorted(&dev);
        let (k0_raw, se) = estimate_missing(estimator, &signed, kf)?;
        se_k0 = se.max(0.0);
        let rounded = k0_raw.round_ties_even().max(0.0);
        if rounded >= kf {
            return Err(Error::numerical(format!(
                "trim and fill: {rounded} of the {k} studies would be trimmed; none would be left to fit"
            )));
        }
        k0 = rounded as usize;
    }
    if k0 == 0 {
        let m = intercept_fit(y, v, method, options.test, options.level.value())?;
        return Ok(result(estimator, 0, se_k0, side, &m, Vec::new()));
    }
    // The k0 most extreme studies mirrored about the trimmed estimate, on the original scale.
    let filled: Vec<FilledStudy> = (k - k0..k)
        .map(|i| FilledStudy {
            yi: flip * (2.0 * beta - ys[i]),
            vi: vs[i],
        })
        .collect();
    let mut all_y = y.to_vec();
    let mut all_v = v.to_vec();
    all_y.extend(filled.iter().map(|f| f.yi));
    all_v.extend(filled.iter().map(|f| f.vi));
    let m = intercept_fit(&all_y, &all_v, method, Test::Z, options.level.value())?;
    Ok(result(estimator, k0, se_k0, side, &m, filled))
}

/// The estimator's number of missing studies (before rounding) and its standard error, from
/// the signed ranks `signed` of the `kf` studies' deviations from the trimmed estimate.
fn estimate_missing(estimator: Estimator, signed: &[f64], kf: f64) -> Result<(f64, f64)> {
    match estimator {
        Estimator::R0 => {
            let longest = signed
                .iter()
                .filter(|r| **r < 0.0)
                .map(|r| -r)
                .fold(f64::NEG_INFINITY, f64::max);
            if !longest.is_finite() {
                return Err(Error::numerical(
                    "trim and fill (R0): every study lies on one side of the estimate, so \
                     the number of missing studies cannot be estimated; use L0"
                        .into(),
                ));
            }
            let k0 = kf - longest - 1.0;
            Ok((k0, (2.0 * k0.max(0.0) + 2.0).sqrt()))
        }
        Estimator::L0 => {
            let sr: f64 = signed.iter().filter(|r| **r > 0.0).sum();
            let k0 = (4.0 * sr - kf * (kf + 1.0)) / (2.0 * kf - 1.0);
            let var_sr = (kf * (kf + 1.0) * (2.0 * kf + 1.0)
                + 10.0 * k0.powi(3)
                + 27.0 * k0 * k0
                + 17.0 * k0
                - 18.0 * kf * k0 * k0
                - 18.0 * kf * k0
                + 6.0 * kf * kf * k0)
                / 24.0;
            Ok((k0, 4.0 * var_sr.sqrt() / (2.0 * kf - 1.0)))
        }
    }
}

fn result(
    estimator: Estimator,
    k0: usize,
    se_k0: f64,
    side: Side,
    m: &FittedModel,
    filled: Vec<FilledStudy>,
) -> TrimFill {
    TrimFill {
        estimator,
        k0,
        se_k0,
        side,
        tested: m.tested(0),
        tau2: m.tau2.tau2,
        filled,
    }
}

/// `sign(dᵢ) · rank(|dᵢ|)` with ties ranked in order of appearance (R's
/// `rank(ties.method = "first")`); a deviation of exactly 0 gets 0. `dev` must be in
/// ascending order (the sorted studies less one constant): the sizes of the negative
/// deviations then grow from the last negative one leftwards, those of the others from the
/// first one rightwards, and the ranks are a merge of the two runs, in O(k). On equal sizes
/// the earlier study goes first: a negative one (to the left of every other), and within a
/// run of equal negative deviations the leftmost.
fn signed_ranks_of_sorted(dev: &[f64]) -> Vec<f64> {
    debug_assert!(dev.windows(2).all(|w| w[0] <= w[1]));
    let k = dev.len();
    let first_other = dev.partition_point(|d| *d < 0.0);
    let mut out = vec![0.0; k];
    let (mut neg_end, mut other) = (first_other, first_other);
    let mut rank = 0.0;
    while neg_end > 0 || other < k {
        let take_negative = neg_end > 0 && (other == k || -dev[neg_end - 1] <= dev[other]);
        if take_negative {
            // The run of equal negative deviations ending at neg_end − 1, leftmost first.
            let value = dev[neg_end - 1];
            let mut start = neg_end - 1;
            while start > 0 && dev[start - 1] == value {
                start -= 1;
            }
            for slot in &mut out[start..neg_end] {
                rank += 1.0;
                *slot = -rank;
            }
            neg_end = start;
        } else {
            rank += 1.0;
            out[other] = if dev[other] > 0.0 { rank } else { 0.0 };
            other += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R: `d <- sort(c(-3, -1, -1, 0, 1, 2, 3, -2)); sign(d) * rank(abs(d), ties.method = "first")`
    /// gives `-7 -5 -2 -3 0 4 6 8`.
    #[test]
    fn signed_ranks_equal_r_rank_first() {
        let dev = [-3.0, -2.0, -1.0, -1.0, 0.0, 1.0, 2.0, 3.0];
        assert_eq!(
            signed_ranks_of_sorted(&dev),
            vec![-7.0, -5.0, -2.0, -3.0, 0.0, 4.0, 6.0, 8.0]
        );
    }

    /// The merge equals the definition (a stable sort of the sizes, which keeps the order of
    /// appearance among equal sizes) on sorted deviations with many ties and zeros.
    #[test]
    fn signed_ranks_merge_equals_the_stable_sort_definition() {
        let mut state = 12345u64;
        for k in [1usize, 2, 3, 7, 50, 301] {
            let mut dev: Vec<f64> = (0..k)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((state >> 33) % 9) as f64 - 4.0
                })
                .collect();
            dev.sort_by(f64::total_cmp);
            let mut order: Vec<usize> = (0..k).collect();
            order.sort_by(|&a, &b| dev[a].abs().total_cmp(&dev[b].abs()));
            let mut want = vec![0.0; k];
            for (r, &i) in order.iter().enumerate() {
                want[i] = dev[i].signum() * if dev[i] == 0.0 { 0.0 } else { (r + 1) as f64 };
            }
            assert_eq!(signed_ranks_of_sorted(&dev), want, "k = {k}");
        }
    }
}
