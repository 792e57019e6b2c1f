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
            other => Err(crate::error::Error::input(
                "--small-values",
                format!(
                    "'{other}' is not allowed; allowed: good (a smaller estimate is better, e.g. a hazard ratio of relapse) or bad"
                ),
            )),
        }
    }
}

/// The P-score of every treatment, in the network's order.
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
