//! P-scores (Rücker & Schwarzer 2015, *BMC Med Res Methodol* 15:58; netmeta's `netrank`):
//! for each treatment, the mean over the others of the one-sided certainty that it is
//! better, `Φ(∓(θ_i − θ_j)/se_ij)`, which is netmeta's `w·p/2 + (1−w)(1−p/2)` with `p` the
//! two-sided p of the comparison.

use super::model::NetworkEstimates;
use crate::dist::pnorm;

/// Which direction of the outcome is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallValues {
    Good,
    Bad,
}

impl std::str::FromStr for SmallValues {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> crate::error::Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "good" | "desirable" => Ok(SmallValues::Good),
            "bad" | "undesirable" => Ok(SmallValues::Bad),
            other => Err(crate::error::Error::field(
                "small_values",
                format!(
                    "'{other}' is not allowed; allowed: good (a smaller estimate is better, e.g. a hazard ratio of relapse) or bad"
                ),
            )),
        }
    }
}

/// The P-score of every treatment, in the network's order.
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
/// // netmeta's P-scores written out in R (benches/nma_reference.R): with smaller values good,
/// // Pramipexole 0.986668543612469 and Placebo 0.0892393396364058 (tests/common/nma_reference_values.rs).
/// assert!((r.common.p_scores["Pramipexole"] - 0.986668543612469).abs() < 1e-6);
/// assert!((r.common.p_scores["Placebo"] - 0.0892393396364058).abs() < 1e-6);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn p_scores(est: &NetworkEstimates, small: SmallValues) -> Vec<f64> {
    let n = est.theta.len();
    (0..n)
        .map(|i| {
            let sum: f64 = (0..n)
                .filter(|&j| j != i)
                .map(|j| {
                    let (d, se) = est.contrast(i, j);
                    let z = if se > 0.0 { d / se } else { 0.0 };
                    match small {
                        SmallValues::Good => pnorm(-z),
                        SmallValues::Bad => pnorm(z),
                    }
                })
                .sum();
            sum / (n - 1) as f64
        })
        .collect()
}
