//! The network estimates of one model (common effect, or random effects at a given τ²):
//! every treatment's effect against the first and their full covariance, from which every
//! pairwise estimate (netmeta's `TE.common`/`TE.random` matrices) follows.

use super::network::Network;
use crate::error::Result;
use crate::meta::fitting::block_gls::BlockFit;
use nalgebra::DMatrix;

/// Effects `θ` (treatment 0 fixed at 0) with their n×n covariance, at τ².
#[derive(Debug, Clone)]
pub struct NetworkEstimates {
    pub tau2: f64,
    pub theta: Vec<f64>,
    pub cov: DMatrix<f64>,
    /// The generalised Q at this τ² (Cochran's Q of the network when τ² = 0).
    pub q: f64,
}

impl NetworkEstimates {
    /// Fit the network at `tau2`.
    pub fn fit(network: &Network, tau2: f64) -> Result<NetworkEstimates> {
        let fit = network.model(0).fit(tau2)?;
        Ok(Self::from_block_fit(network.treatments.len(), &fit))
    }

    /// The estimates from a fit of [`Network::model`] with reference 0.
    pub fn from_block_fit(n: usize, fit: &BlockFit) -> NetworkEstimates {
        let mut theta = vec![0.0; n];
        theta[1..].copy_from_slice(fit.beta.as_slice());
        let mut cov = DMatrix::<f64>::zeros(n, n);
        cov.view_mut((1, 1), (n - 1, n - 1)).copy_from(&fit.cov);
        NetworkEstimates {
            tau2: fit.tau2,
            theta,
            cov,
            q: fit.q,
        }
    }

    /// Treatment `i` against treatment `j`: estimate and SE.
    pub fn contrast(&self, i: usize, j: usize) -> (f64, f64) {
        let v = self.cov[(i, i)] + self.cov[(j, j)] - 2.0 * self.cov[(i, j)];
        (self.theta[i] - self.theta[j], v.max(0.0).sqrt())
    }
}
