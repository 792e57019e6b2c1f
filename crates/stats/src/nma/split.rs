//! Node splitting by back-calculation (netmeta's `netsplit`, method "Back-calculation";
//! König, Krahn & Binder 2013, *Stat Med* 32:5414). For each pair with direct evidence:
//!
//! * direct: the inverse-variance pool of the pair's contrasts, multi-arm ones included as
//!   given, each with variance `se² + τ²` (netmeta's `TE.direct`);
//! * proportion of direct evidence `P = se_network² / se_direct²` (netmeta's `netmeasures`);
//! * indirect: `(θ_network − P·θ_direct)/(1 − P)`, SE `se_network/√(1 − P)`;
//! * difference direct − indirect with SE `√(se_direct² + se_indirect²)` and its z test.
//!
//! A pair with only direct evidence (P = 1) has no indirect estimate.

use super::model::NetworkEstimates;
use super::network::Network;
use crate::dist::p_two_sided_z;
use serde::Serialize;

/// The node split of one comparison (`first` minus `second`, on the analysis scale).
#[derive(Debug, Clone, Serialize)]
pub struct Split {
    /// `first:second`.
    pub comparison: String,
    pub first: String,
    pub second: String,
    /// Studies that compare the two directly.
    pub studies: usize,
    pub proportion_direct: f64,
    pub network: f64,
    pub se_network: f64,
    pub direct: f64,
    pub se_direct: f64,
    pub indirect: Option<f64>,
    pub se_indirect: Option<f64>,
    pub difference: Option<f64>,
    pub se_difference: Option<f64>,
    pub z: Option<f64>,
    pub p: Option<f64>,
}

/// Every comparison with direct evidence, pairs in the network's order.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use std::path::Path;
/// # use trialstats_numerics::csv_file::CsvFile;
/// # use trialstats_numerics::level::ConfidenceLevel;
/// # use trialstats_stats::nma::input::{read_contrasts, ContrastColumns};
/// # use trialstats_stats::nma::{analyse, Network, NmaOptions, SmallValues, Tau2Method};
/// // r: nma's module example, Franchini et al. (2012) (tests/data/nma/franchini2012.csv).
/// # let file = CsvFile::read(Path::new("tests/data/nma/franchini2012.csv"))?;
/// # let network = Network::from_contrasts("franchini2012", &read_contrasts(&file, &ContrastColumns::default())?)?;
/// # let options = NmaOptions {
/// #     reference: Some("Placebo".into()),
/// #     level: ConfidenceLevel::NINETY_FIVE,
/// #     small_values: SmallValues::Good,
/// #     method: Tau2Method::DerSimonianLaird,
/// #     exp: false,
/// #     scale: "given".into(),
/// # };
/// # let r = analyse(&network, &options)?;
/// // netsplit written out in R (benches/nma_reference.R): Bromocriptine:Placebo direct -0.9
/// // (SE 0.6949880912962), indirect -0.184748322237368 (SE 0.660141120540295), difference
/// // -0.715251677762632 (tests/common/nma_reference_values.rs).
/// let s = r.common.netsplit.iter().find(|s| s.comparison == "Bromocriptine:Placebo").unwrap();
/// assert!((s.direct - -0.9).abs() < 1e-6);
/// assert!((s.se_direct - 0.6949880912962).abs() < 1e-6);
/// assert!((s.indirect.unwrap() - -0.184748322237368).abs() < 1e-6);
/// assert!((s.difference.unwrap() - -0.715251677762632).abs() < 1e-6);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn node_split(network: &Network, est: &NetworkEstimates) -> Vec<Split> {
    let n = network.treatments.len();
    // Σw and Σw·te per pair (i < j), oriented i minus j.
    let mut sw = vec![0.0; n * n];
    let mut swy = vec![0.0; n * n];
    let mut count = vec![0usize; n * n];
    for s in &network.studies {
        for a in 0..s.arms.len() {
            for b in a + 1..s.arms.len() {
                let (i, j) = (s.arms[a], s.arms[b]);
                let w = 1.0 / (s.var[a][b] + est.tau2);
                sw[i * n + j] += w;
                swy[i * n + j] += w * s.te[a][b];
                count[i * n + j] += 1;
            }
        }
    }
    let mut out = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let k = i * n + j;
            if count[k] == 0 {
                continue;
            }
            let direct = swy[k] / sw[k];
            let se_direct = (1.0 / sw[k]).sqrt();
            let (network_est, se_network) = est.contrast(i, j);
            let prop = se_network * se_network / (se_direct * se_direct);
            let only_direct = (prop - 1.0).abs() < f64::EPSILON.sqrt() || prop > 1.0;
            let (indirect, se_indirect) = if only_direct {
                (None, None)
            } else {
                (
                    Some((network_est - prop * direct) / (1.0 - prop)),
                    Some(se_network / (1.0 - prop).sqrt()),
                )
            };
            let difference = indirect.map(|ind| direct - ind);
            let se_difference = se_indirect.map(|s| (se_direct * se_direct + s * s).sqrt());
            let z = difference.zip(se_difference).map(|(d, s)| d / s);
            out.push(Split {
                comparison: format!("{}:{}", network.treatments[i], network.treatments[j]),
                first: network.treatments[i].clone(),
                second: network.treatments[j].clone(),
                studies: count[k],
                proportion_direct: prop.min(1.0),
                network: network_est,
                se_network,
                direct,
                se_direct,
                indirect,
                se_indirect,
                difference,
                se_difference,
                z,
                p: z.map(p_two_sided_z),
            });
        }
    }
    out
}
