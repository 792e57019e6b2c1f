//! Heterogeneity and inconsistency of the network: Cochran's Q of the whole network and its
//! split into Q within designs (heterogeneity) and between designs (inconsistency), Krahn,
//! König & Binder (2013, *BMC Med Res Methodol* 13:35) as netmeta's `decomp.design`; I² with
//! the Higgins & Thompson (2002, *Stat Med* 21:1539) interval, as meta's `isquared`; and
//! netmeta's random-effects between-designs Q (`decomp.design`'s `Q.inc.random`): τ² of the
//! full design-by-treatment interaction model (Higgins et al. 2012, *Res Synth Methods*
//! 3:98), by the moment estimator of Jackson, White & Riley (2012, *Stat Med* 31:3805), added
//! to every contrast's variance before Q is split again.

use super::network::Network;
use crate::dist::pchisq_upper;
use crate::error::Result;
use crate::level::ConfidenceLevel;
use crate::meta::fitting::block_gls::{BlockGls, GlsBlock};
use nalgebra::DMatrix;
use serde::Serialize;
use std::collections::BTreeMap;

/// netmeta's heterogeneity and design decomposition.
#[derive(Debug, Clone, Serialize)]
pub struct Heterogeneity {
    pub q: f64,
    pub df: usize,
    /// `None` when df = 0.
    pub p: Option<f64>,
    pub i2: Option<f64>,
    pub i2_lower: Option<f64>,
    pub i2_upper: Option<f64>,
    pub q_within: f64,
    pub df_within: usize,
    pub p_within: Option<f64>,
    pub q_between: f64,
    pub df_between: usize,
    pub p_between: Option<f64>,
    /// τ² within designs: the moment estimate in the full design-by-treatment interaction
    /// model (every design its own effects), netmeta's `tau.within`; 0 when no design has
    /// two studies.
    pub tau2_within: f64,
    /// Q between designs with `tau2_within` added to every contrast's variance (covariance
    /// τ²/2 between a multi-arm study's contrasts), on `df_between` df: netmeta's
    /// `Q.inc.random`, inconsistency judged under a random-effects model.
    pub q_between_random: f64,
    pub p_between_random: Option<f64>,
    /// Designs (sets of treatments compared in one study) and their studies.
    pub designs: Vec<Design>,
}

/// One design's share of Q within designs.
#[derive(Debug, Clone, Serialize)]
pub struct Design {
    /// Its treatments joined by `:`.
    pub design: String,
    pub studies: usize,
    pub q: f64,
    pub df: usize,
    pub p: Option<f64>,
}

fn p_of(q: f64, df: usize) -> Option<f64> {
    (df > 0).then(|| pchisq_upper(q, df as f64))
}

/// I² and its interval from Q and df: `H = √(Q/df)`, `log H ± z·se` with Higgins &
/// Thompson's SE (their eq. for Q > k and Q ≤ k), each bound floored at H = 1, then
/// `I² = (H² − 1)/H²` (meta's `calcH`/`isquared`).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::nma::heterogeneity::i_squared;
/// // Franchini et al. (2012): Q = 2.28789024087262 on 4 df. Q < df, so I² = 0; meta's
/// // isquared gives the upper bound 0.792035738149886 (benches/nma_reference.R,
/// // tests/common/nma_reference_values.rs).
/// let (i2, lower, upper) = i_squared(2.28789024087262, 4, ConfidenceLevel::NINETY_FIVE).unwrap();
/// assert_eq!((i2, lower), (0.0, 0.0));
/// assert!((upper - 0.792035738149886).abs() < 1e-9);
/// // Q = 20 on 4 df: I² = (20 − 4)/20 = 0.8 by definition.
/// assert!((i_squared(20.0, 4, ConfidenceLevel::NINETY_FIVE).unwrap().0 - 0.8).abs() < 1e-12);
/// ```
pub fn i_squared(q: f64, df: usize, level: ConfidenceLevel) -> Option<(f64, f64, f64)> {
    if df < 1 {
        return None;
    }
    let k = df as f64 + 1.0;
    let h = (q / df as f64).sqrt();
    let se = if q > k {
        0.5 * (q.ln() - (k - 1.0).ln()) / ((2.0 * q).sqrt() - (2.0 * k - 3.0).sqrt())
    } else if k > 2.0 {
        (1.0 / (2.0 * (k - 2.0)) * (1.0 - 1.0 / (3.0 * (k - 2.0).powi(2)))).sqrt()
    } else {
        f64::NAN
    };
    let z = level.z_crit();
    let log_h = h.max(1.0).ln();
    let i2 = |x: f64| (x * x - 1.0) / (x * x);
    // With two studies and Q ≤ 2 there is no SE of log H: the bounds are NA, as in meta
    // (R's max(NA, 1) is NA; f64::max would give 1).
    let bound = |x: f64| {
        if x.is_nan() {
            f64::NAN
        } else {
            x.exp().max(1.0)
        }
    };
    let lower = bound(log_h - z * se);
    let upper = bound(log_h + z * se);
    Some((i2(log_h.exp()), i2(lower), i2(upper)))
}

/// Q within designs: each design's studies against their own common-effect estimate
/// (multivariate for multi-arm designs), summed; Q between designs is the rest of Q. Then the
/// same split under random effects at the design-by-treatment interaction model's τ²
/// (netmeta's `tau.within` and `decomp.tau(x, tau.preset = tau.within)`).
pub fn decompose(
    network: &Network,
    q: f64,
    df: usize,
    level: ConfidenceLevel,
) -> Result<Heterogeneity> {
    let mut by_design: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (i, s) in network.studies.iter().enumerate() {
        by_design.entry(s.arms.clone()).or_default().push(i);
    }
    let mut designs = Vec::new();
    let mut q_within = 0.0;
    let mut df_within = 0;
    // The full design-by-treatment interaction model (every design its own effects) is a sum
    // of the designs' own models, so its moment estimator pools their Q and tr(P K).
    let mut trace_within = 0.0;
    let mut design_models = Vec::new();
    for (arms, members) in &by_design {
        let k = arms.len();
        let name = arms
            .iter()
            .map(|&a| network.treatments[a].as_str())
            .collect::<Vec<_>>()
            .join(":");
        let (dq, ddf) = if members.len() < 2 {
            (0.0, 0)
        } else {
            let model = BlockGls {
                p: k - 1,
                blocks: members
                    .iter()
                    .map(|&m| {
                        let s = &network.studies[m];
                        GlsBlock {
                            rows: (0..k - 1).map(|j| vec![(j, 1.0)]).collect(),
                            y: (1..k).map(|j| s.te[j][0]).collect(),
                            sampling: super::network::basic_covariance(s),
                            // The τ² structure of the network model: 1 on the diagonal, 1/2
                            // between a multi-arm study's contrasts.
                            structure: DMatrix::from_fn(k - 1, k - 1, |a, b| {
                                if a == b { 1.0 } else { 0.5 }
                            }),
                        }
                    })
                    .collect(),
            };
            let (fit, trace) = model.fit_and_trace()?;
            trace_within += trace;
            design_models.push(model);
            (fit.q, (members.len() - 1) * (k - 1))
        };
        q_within += dq;
        df_within += ddf;
        designs.push(Design {
            design: name,
            studies: members.len(),
            q: dq,
            df: ddf,
            p: p_of(dq, ddf),
        });
    }
    let i2 = i_squared(q, df, level);
    let q_between = q - q_within;
    let df_between = df - df_within;
    // netmeta's tau.within: (Q − df) / tr(P K) of the interaction model, 0 when it has no df
    // (trace 0); then decomp.tau at that τ²: Q of the network minus Q within designs.
    let tau2_within = if trace_within > 0.0 {
        ((q_within - df_within as f64) / trace_within).max(0.0)
    } else {
        0.0
    };
    let mut q_within_random = 0.0;
    for model in &design_models {
        q_within_random += model.fit(tau2_within)?.q;
    }
    let q_between_random = network.model(0).fit(tau2_within)?.q - q_within_random;
    Ok(Heterogeneity {
        q,
        df,
        p: p_of(q, df),
        i2: i2.map(|x| x.0),
        i2_lower: i2.map(|x| x.1).filter(|v| !v.is_nan()),
        i2_upper: i2.map(|x| x.2).filter(|v| !v.is_nan()),
        q_within,
        df_within,
        p_within: p_of(q_within, df_within),
        q_between,
        df_between,
        p_between: p_of(q_between, df_between),
        tau2_within,
        q_between_random,
        p_between_random: p_of(q_between_random, df_between),
        designs,
    })
}
