//! The whole analysis as `trialstats nma` reports it: common-effect and random-effects
//! models, τ², heterogeneity and its design decomposition, node splits, P-scores and the
//! league table, every estimate against the reference and between every pair.

use super::heterogeneity::{Heterogeneity, decompose};
use super::model::NetworkEstimates;
use super::network::Network;
use super::rank::{SmallValues, p_scores};
use super::split::{Split, node_split};
use crate::dist::p_two_sided_z;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use serde::Serialize;
use std::collections::BTreeMap;

/// How τ² is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tau2Method {
    /// netmeta's generalised DerSimonian–Laird (Jackson, White & Riley 2012).
    DerSimonianLaird,
    /// REML, as `rma.mv(..., random = ~ contrast | study, rho = 1/2)`.
    Reml,
}

impl std::str::FromStr for Tau2Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_uppercase().as_str() {
            "DL" => Ok(Tau2Method::DerSimonianLaird),
            "REML" => Ok(Tau2Method::Reml),
            other => Err(Error::field(
                "method",
                format!(
                    "'{other}' is not a τ² method here; allowed: DL (netmeta's generalised DerSimonian-Laird, the default) or REML (rma.mv with rho = 1/2)"
                ),
            )),
        }
    }
}

impl Tau2Method {
    pub fn code(self) -> &'static str {
        match self {
            Tau2Method::DerSimonianLaird => "DL",
            Tau2Method::Reml => "REML",
        }
    }
}

/// What the analysis is asked for.
#[derive(Debug, Clone)]
pub struct NmaOptions {
    /// The reference treatment; default: placebo (a name starting with `plac`, any case) if there is one, else
    /// the first in sorted order.
    pub reference: Option<String>,
    pub level: ConfidenceLevel,
    pub small_values: SmallValues,
    pub method: Tau2Method,
    /// Also give `exp` of the estimates and limits (ratios analysed on the log scale).
    pub exp: bool,
    /// What the estimates are, for the printout (e.g. "log hazard ratio").
    pub scale: String,
}

/// One treatment against the reference.
#[derive(Debug, Clone, Serialize)]
pub struct Effect {
    pub treatment: String,
    pub estimate: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub z: f64,
    pub p: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp_estimate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp_ci_lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp_ci_upper: Option<f64>,
}

/// One cell of the league table: `first` against `second`.
#[derive(Debug, Clone, Serialize)]
pub struct LeagueCell {
    pub first: String,
    pub second: String,
    pub estimate: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub p: f64,
}

/// One model's results.
#[derive(Debug, Clone, Serialize)]
pub struct ModelResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tau2: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tau: Option<f64>,
    /// Every treatment against the reference (the reference itself with estimate 0).
    pub effects: Vec<Effect>,
    /// Every ordered pair of different treatments.
    pub league: Vec<LeagueCell>,
    pub p_scores: BTreeMap<String, f64>,
    pub netsplit: Vec<Split>,
}

/// Everything `trialstats nma` reports.
#[derive(Debug, Clone, Serialize)]
pub struct NmaResult {
    pub treatments: Vec<String>,
    pub reference: String,
    pub studies: usize,
    pub comparisons: usize,
    pub designs: usize,
    pub multi_arm_studies: usize,
    pub level: f64,
    pub scale: String,
    pub small_values: &'static str,
    pub tau2_method: &'static str,
    pub common: ModelResult,
    pub random: ModelResult,
    pub heterogeneity: Heterogeneity,
    /// The random-effects node split (the common-effect one is `common.netsplit`).
    pub netsplit: Vec<Split>,
    pub notes: Vec<String>,
    #[serde(skip)]
    pub exp: bool,
    /// Participants per treatment, where the input gave them (the network graph's node size).
    #[serde(skip)]
    pub participants: Vec<Option<f64>>,
    /// Studies per pair of treatments (i < j), for the network graph.
    #[serde(skip)]
    pub edges: Vec<(usize, usize, usize)>,
}

impl NmaResult {
    /// The index of a treatment.
    pub fn index_of(&self, t: &str) -> usize {
        self.treatments.iter().position(|x| x == t).unwrap_or(0)
    }
}

fn reference_index(network: &Network, wanted: &Option<String>) -> Result<usize> {
    match wanted {
        Some(r) => network
            .treatments
            .iter()
            .position(|t| t == r)
            .ok_or_else(|| {
                Error::field(
                    "reference",
                    format!(
                        "'{r}' is not a treatment of this network; its treatments are: {}",
                        network.treatments.join(", ")
                    ),
                )
            }),
        None => Ok(network
            .treatments
            .iter()
            .position(|t| t.to_ascii_lowercase().starts_with("plac"))
            .unwrap_or(0)),
    }
}

fn model_result(
    network: &Network,
    est: &NetworkEstimates,
    reference: usize,
    options: &NmaOptions,
    random: bool,
) -> ModelResult {
    let z = options.level.z_crit();
    let names = &network.treatments;
    let n = names.len();
    let effects = (0..n)
        .map(|i| {
            let (d, se) = est.contrast(i, reference);
            let (lo, hi) = (d - z * se, d + z * se);
            let zz = if se > 0.0 { d / se } else { f64::NAN };
            Effect {
                treatment: names[i].clone(),
                estimate: d,
                se,
                ci_lower: lo,
                ci_upper: hi,
                z: zz,
                p: if se > 0.0 {
                    p_two_sided_z(zz)
                } else {
                    f64::NAN
                },
                exp_estimate: options.exp.then(|| d.exp()),
                exp_ci_lower: options.exp.then(|| lo.exp()),
                exp_ci_upper: options.exp.then(|| hi.exp()),
            }
        })
        .collect();
    let mut league = Vec::with_capacity(n * (n - 1));
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let (d, se) = est.contrast(i, j);
            league.push(LeagueCell {
                first: names[i].clone(),
                second: names[j].clone(),
                estimate: d,
                se,
                ci_lower: d - z * se,
                ci_upper: d + z * se,
                p: p_two_sided_z(d / se),
            });
        }
    }
    let p_scores = names
        .iter()
        .cloned()
        .zip(p_scores(est, options.small_values))
        .collect();
    ModelResult {
        tau2: random.then_some(est.tau2),
        tau: random.then(|| est.tau2.sqrt()),
        effects,
        league,
        p_scores,
        netsplit: node_split(network, est),
    }
}

/// Fit both models and everything derived from them.
pub fn analyse(network: &Network, options: &NmaOptions) -> Result<NmaResult> {
    let reference = reference_index(network, &options.reference)?;
    let model = network.model(0);
    let (tau2_dl, fit0) = model.tau2_moments()?;
    let common = NetworkEstimates::from_block_fit(network.treatments.len(), &fit0);
    let tau2 = match options.method {
        Tau2Method::DerSimonianLaird => tau2_dl,
        Tau2Method::Reml => model.tau2_reml()?,
    };
    let random = NetworkEstimates::fit(network, tau2)?;
    let df = network
        .studies
        .iter()
        .map(|s| s.arms.len() - 1)
        .sum::<usize>()
        - (network.treatments.len() - 1);
    let heterogeneity = decompose(network, common.q, df, options.level)?;
    let common_result = model_result(network, &common, reference, options, false);
    let random_result = model_result(network, &random, reference, options, true);
    let n = network.treatments.len();
    let mut participants: Vec<Option<f64>> = vec![None; n];
    let mut edge_count = vec![0usize; n * n];
    // Node sizes only when every study gave its arms' sizes: a partial sum would understate.
    let all_known = network.studies.iter().all(|s| s.n.is_some());
    for s in &network.studies {
        for (a, &t) in s.arms.iter().enumerate() {
            if let (Some(ns), true) = (&s.n, all_known) {
                *participants[t].get_or_insert(0.0) += ns[a];
            }
            for &u in &s.arms[a + 1..] {
                edge_count[t * n + u] += 1;
            }
        }
    }
    let edges = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| edge_count[i * n + j] > 0)
        .map(|(i, j)| (i, j, edge_count[i * n + j]))
        .collect();
    Ok(NmaResult {
        treatments: network.treatments.clone(),
        reference: network.treatments[reference].clone(),
        studies: network.studies.len(),
        comparisons: network.comparisons(),
        designs: heterogeneity.designs.len(),
        multi_arm_studies: network.studies.iter().filter(|s| s.arms.len() > 2).count(),
        level: options.level.value(),
        scale: options.scale.clone(),
        small_values: match options.small_values {
            SmallValues::Good => "good",
            SmallValues::Bad => "bad",
        },
        tau2_method: options.method.code(),
        netsplit: random_result.netsplit.clone(),
        common: common_result,
        random: random_result,
        heterogeneity,
        notes: network.notes.clone(),
        exp: options.exp,
        participants,
        edges,
    })
}
