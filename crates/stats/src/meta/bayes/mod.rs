//! Bayesian random-effects meta-analysis of the normal–normal model
//! `yᵢ ~ N(θᵢ, vᵢ)`, `θᵢ ~ N(μ, τ²)`, with a prior on τ and a normal or improper uniform
//! prior on μ: the exact marginal posteriors by one-dimensional integration over τ, no MCMC
//! (the approach of Röver 2020, *J Stat Softw* 93(6), "Bayesian random-effects
//! meta-analysis using the bayesmeta R package", with adaptive Gauss–Kronrod quadrature in
//! place of its DIRECT grid). Recommended for two to five studies, where τ cannot be
//! estimated from the data (Friede et al. 2017, *Res Synth Methods* 8:79 and *Biom J*
//! 59:658; Röver et al. 2021, *Res Synth Methods* 12:448).
//!
//! Given τ everything is normal (see [`posterior`]): `μ | τ, y ~ N(μ̂(τ), V(τ))`; a new
//! study's effect `θ_new | τ, y ~ N(μ̂, V + τ²)`; a study's own effect (its shrinkage
//! estimate, Gelman et al. 2013 §5.4) `θᵢ | τ, y ~ N(yᵢ − bᵢ(yᵢ − μ̂), vᵢ(1 − bᵢ) + bᵢ² V)`
//! with `bᵢ = vᵢ/(vᵢ + τ²)`. Their marginal posteriors are therefore normal mixtures over the
//! quadrature nodes of τ ([`mixture`]). Bayes factors (Kass & Raftery 1995) are ratios of
//! marginal likelihoods: for τ = 0, `p(y | τ = 0) / p(y)`; for μ = 0, by the Savage–Dickey
//! density ratio `p(μ = 0 | y) / p(μ = 0)` (the priors are independent); both need proper
//! priors.
//!
//! Whether the posterior is proper, and which moments of τ exist, follows from the tails: the
//! likelihood of τ falls as `τ^−(k−1)` under the uniform prior on μ (`τ^−k` under a normal
//! one), the prior as `τ^−α` ([`TauPrior::tail_power`]); with `a` the sum, the posterior is
//! proper when `a > 1`, has a mean of τ when `a > 2` and a variance (and so do μ under the
//! uniform prior and the prediction) when `a > 3`. Improper posteriors are refused; moments
//! that do not exist are reported as absent.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`fit`], [`BayesOptions`], [`BayesFit`] and its summaries |
//! | [`prior`] | [`TauPrior`], [`MuPrior`]: parsing, log densities, tails |
//! | [`turner`] | the Turner et al. (2015) Table IV presets |
//! | [`posterior`] | μ given τ, the likelihood of τ (measured from its peak, so that a spiked posterior keeps its digits), and the quadrature of τ's posterior (its distribution function, quantiles, mode) |
//! | [`report`] | the text block of the output |
//! | [`densities`] | the marginal and joint posterior densities on grids, for the charts |
//! | [`mixture`] | normal mixtures: distribution function, quantiles, mode, equal-tailed and shortest intervals |
//!
//! Cost: one pass over the studies per quadrature node of τ (a few hundred), then one pass
//! over the nodes per evaluation of a mixture; the shrinkage estimates cost k times that.

pub mod densities;
pub mod mixture;
pub mod posterior;
pub mod prior;
pub mod report;
pub mod turner;

pub use prior::{MuPrior, TauPrior};

use crate::error::{Error, Result};
use mixture::{Component, Mixture};
use posterior::{Model, Node, TauPosterior};
use rayon::prelude::*;
use serde::Serialize;

/// What to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct BayesOptions {
    pub tau_prior: TauPrior,
    pub mu_prior: MuPrior,
    /// Probability content of every interval (the run's level).
    pub level: f64,
    /// A clinically relevant effect: P(μ beyond it) is reported.
    pub threshold: Option<f64>,
}

/// A marginal posterior: its centre, spread and intervals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Posterior mean (`None` when it does not exist).
    pub mean: Option<f64>,
    pub median: f64,
    pub mode: f64,
    /// Posterior SD (`None` when it does not exist).
    pub sd: Option<f64>,
    /// Equal-tailed interval.
    pub lower: f64,
    pub upper: f64,
    /// Shortest interval (the highest-density interval of a unimodal posterior).
    pub shortest_lower: f64,
    pub shortest_upper: f64,
}

/// The posterior of μ with its tail probabilities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MuSummary {
    #[serde(flatten)]
    pub summary: Summary,
    /// P(μ < 0 | y).
    pub p_negative: f64,
    /// P(μ > 0 | y).
    pub p_positive: f64,
    /// The `--threshold`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// P(μ beyond the threshold): P(μ < t) for t < 0, P(μ > t) for t ≥ 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_beyond_threshold: Option<f64>,
}

impl std::ops::Deref for MuSummary {
    type Target = Summary;
    fn deref(&self) -> &Summary {
        &self.summary
    }
}

/// One study's shrinkage estimate: the posterior of its own effect θᵢ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shrinkage {
    pub label: String,
    /// The observed estimate and its standard error.
    pub yi: f64,
    pub sei: f64,
    pub mean: f64,
    pub median: f64,
    pub sd: f64,
    /// Equal-tailed interval.
    pub lower: f64,
    pub upper: f64,
    /// Shortest interval.
    pub shortest_lower: f64,
    pub shortest_upper: f64,
}

/// Bayes factors (`None` unless both priors are proper).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BayesFactors {
    /// `p(y | τ = 0) / p(y)`: above 1 favours homogeneity.
    pub tau_0: Option<f64>,
    /// `p(y | μ = 0) / p(y)`: above 1 favours no effect.
    pub mu_0: Option<f64>,
    /// `ln p(y)`, the log marginal likelihood.
    pub log_marginal_likelihood: Option<f64>,
}

/// How the integral over τ was done.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quadrature {
    /// Gauss–Kronrod nodes used (of weight > 0).
    pub nodes: usize,
    /// Relative error bound (summed Kronrod–Gauss differences).
    pub error_bound: f64,
}

/// The fitted Bayesian model: what `meta --bayes` prints under `bayes`.
#[derive(Debug, Clone, Serialize)]
pub struct BayesFit {
    pub tau_prior: TauPrior,
    pub tau_prior_text: String,
    pub mu_prior: MuPrior,
    pub mu_prior_text: String,
    pub level: f64,
    pub k: usize,
    pub mu: MuSummary,
    pub tau: Summary,
    /// A new study's true effect θ_new.
    pub prediction: Summary,
    pub shrinkage: Vec<Shrinkage>,
    pub bayes_factors: BayesFactors,
    pub quadrature: Quadrature,
    /// What the reader should know (moments that do not exist, improper priors).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The power of the posterior's tail in τ (see the module doc).
fn tail_power(k: usize, options: &BayesOptions) -> f64 {
    let likelihood = match options.mu_prior {
        MuPrior::Uniform => k as f64 - 1.0,
        MuPrior::Normal { .. } => k as f64,
    };
    likelihood + options.tau_prior.tail_power()
}

/// The posterior of τ and its quadrature nodes, those of negligible weight (below 1e-14 of
/// the largest) dropped and the rest normalised to sum to 1.
fn integrate(model: Model<'_>, moments: [bool; 2]) -> Result<(TauPosterior<'_>, Vec<Node>)> {
    let post = TauPosterior::new(model, moments)?;
    let mut nodes = post.nodes();
    let biggest = nodes.iter().map(|n| n.weight).fold(0.0, f64::max);
    nodes.retain(|n| n.weight > 1e-14 * biggest);
    let total: f64 = nodes.iter().map(|n| n.weight).sum();
    nodes.iter_mut().for_each(|n| n.weight /= total);
    Ok((post, nodes))
}

/// The marginal posterior of μ: the mixture over the nodes of `μ | τ, y`.
fn mu_mixture(nodes: &[Node]) -> Mixture {
    Mixture {
        components: nodes
            .iter()
            .map(|n| Component {
                weight: n.weight,
                mean: n.mu_mean,
                sd: n.mu_var.sqrt(),
            })
            .collect(),
    }
}

/// A mixture's summary; `sd_exists` says whether its variance is finite.
fn summarise(m: &Mixture, level: f64, sd_exists: bool) -> Result<Summary> {
    let [lower, upper] = m.equal_tailed(level)?;
    let [shortest_lower, shortest_upper] = m.shortest(level)?;
    Ok(Summary {
        mean: Some(m.mean()),
        median: m.quantile(0.5)?,
        mode: m.mode()?,
        sd: sd_exists.then(|| m.sd()),
        lower,
        upper,
        shortest_lower,
        shortest_upper,
    })
}

/// Fit the model to estimates `y` with sampling variances `v` (labels for the shrinkage rows).
pub fn fit(labels: &[String], y: &[f64], v: &[f64], options: &BayesOptions) -> Result<BayesFit> {
    let k = y.len();
    if k == 0 || v.len() != k {
        return Err(Error::input("data", "no studies to pool"));
    }
    if !(options.level > 0.0 && options.level < 1.0) {
        return Err(Error::field("level", "must be between 0 and 1"));
    }
    let a = tail_power(k, options);
    if a <= 1.0 {
        return Err(Error::field(
            "tau_prior",
            format!(
                "the posterior is improper: with {} and {} on mu, {k} {} cannot make it \
                 integrate (the posterior of tau falls no faster than 1/tau); give a proper \
                 prior on tau (for log ratios, half-normal:0.5 is a common weakly informative \
                 choice) or a normal prior on mu",
                options.tau_prior.describe(),
                options.mu_prior.describe(),
                if k == 1 { "study" } else { "studies" }
            ),
        ));
    }
    let mean_exists = a > 2.0;
    let var_exists = a > 3.0;
    let model = Model {
        y,
        v,
        mu_prior: options.mu_prior,
        tau_prior: &options.tau_prior,
    };
    let (post, nodes) = integrate(model, [mean_exists, var_exists])?;
    let level = options.level;
    let tau = tau_summary(&post, &nodes, options, [mean_exists, var_exists])?;

    // μ and the prediction.
    let mu_mix = mu_mixture(&nodes);
    let mu_sd_exists = var_exists || matches!(options.mu_prior, MuPrior::Normal { .. });
    let mu_summary = summarise(&mu_mix, level, mu_sd_exists)?;
    let p_negative = mu_mix.cdf(0.0);
    let p_positive = mu_mix.sf(0.0);
    let p_beyond_threshold = options
        .threshold
        .map(|t| if t < 0.0 { mu_mix.cdf(t) } else { mu_mix.sf(t) });
    let mu = MuSummary {
        summary: mu_summary,
        p_negative,
        p_positive,
        threshold: options.threshold,
        p_beyond_threshold,
    };
    let pred_mix = Mixture {
        components: nodes
            .iter()
            .map(|n| Component {
                weight: n.weight,
                mean: n.mu_mean,
                sd: (n.mu_var + n.tau * n.tau).sqrt(),
            })
            .collect(),
    };
    let prediction = summarise(&pred_mix, level, var_exists)?;
    let shrinkage = shrinkage(labels, y, v, &nodes, level)?;
    let proper =
        options.tau_prior.is_proper() && matches!(options.mu_prior, MuPrior::Normal { .. });
    let bayes_factors = bayes_factors(&post, &model, &mu_mix, options, proper);
    let notes = notes(options, proper, [mean_exists, var_exists], mu_sd_exists);
    Ok(BayesFit {
        tau_prior_text: options.tau_prior.describe(),
        tau_prior: options.tau_prior.clone(),
        mu_prior: options.mu_prior,
        mu_prior_text: options.mu_prior.describe(),
        level,
        k,
        mu,
        tau,
        prediction,
        shrinkage,
        bayes_factors,
        quadrature: Quadrature {
            nodes: nodes.len(),
            error_bound: post.error_bound(),
        },
        notes,
    })
}

/// The summary of τ's posterior `post` (quadrature `nodes`), its mean and SD only where
/// `moments` says they exist.
fn tau_summary(
    post: &TauPosterior<'_>,
    nodes: &[Node],
    options: &BayesOptions,
    moments: [bool; 2],
) -> Result<Summary> {
    let [mean_exists, var_exists] = moments;
    let level = options.level;
    let tau_mean = nodes.iter().map(|n| n.weight * n.tau).sum::<f64>();
    let tau_sd = (nodes
        .iter()
        .map(|n| n.weight * (n.tau - tau_mean).powi(2))
        .sum::<f64>())
    .sqrt();
    let half = 0.5 * (1.0 - level);
    let upper_end = options
        .tau_prior
        .upper_bound()
        .map(|m| (m, post.density(m)));
    let [tau_sl, tau_su] = mixture::shortest_interval(
        level,
        |p| post.quantile(p),
        |t| Ok(post.density(t)),
        Some((0.0, post.density(0.0))),
        upper_end,
    )?;
    Ok(Summary {
        mean: mean_exists.then_some(tau_mean),
        median: post.quantile(0.5)?,
        mode: post.mode(),
        sd: var_exists.then_some(tau_sd),
        lower: post.quantile(half)?,
        upper: post.quantile(1.0 - half)?,
        shortest_lower: tau_sl,
        shortest_upper: tau_su,
    })
}

/// Each study's own effect: the posterior of its true effect, a mixture over the `nodes`.
fn shrinkage(
    labels: &[String],
    y: &[f64],
    v: &[f64],
    nodes: &[Node],
    level: f64,
) -> Result<Vec<Shrinkage>> {
    (0..y.len())
        .into_par_iter()
        .map(|i| {
            let (yi, vi) = (y[i], v[i]);
            let m = Mixture {
                components: nodes
                    .iter()
                    .map(|n| {
                        let b = vi / (vi + n.tau * n.tau);
                        Component {
                            weight: n.weight,
                            mean: yi - b * (yi - n.mu_mean),
                            sd: (vi * (1.0 - b) + b * b * n.mu_var).sqrt(),
                        }
                    })
                    .collect(),
            };
            let [lower, upper] = m.equal_tailed(level)?;
            let [shortest_lower, shortest_upper] = m.shortest_from(level, [lower, upper])?;
            Ok(Shrinkage {
                label: labels
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| (i + 1).to_string()),
                yi,
                sei: vi.sqrt(),
                mean: m.mean(),
                median: m.quantile(0.5)?,
                sd: m.sd(),
                lower,
                upper,
                shortest_lower,
                shortest_upper,
            })
        })
        .collect::<Result<Vec<_>>>()
}

/// The Bayes factors of τ = 0 and μ = 0 (from μ's posterior mixture `mu_mix`), only where
/// both priors are `proper`.
fn bayes_factors(
    post: &TauPosterior<'_>,
    model: &Model<'_>,
    mu_mix: &Mixture,
    options: &BayesOptions,
    proper: bool,
) -> BayesFactors {
    if proper {
        let log_evidence = post.log_evidence();
        let at_zero = model.conditional(0.0).log_likelihood;
        let mu_0 = options
            .mu_prior
            .density(0.0)
            .map(|prior| mu_mix.pdf(0.0) / prior);
        BayesFactors {
            tau_0: options
                .tau_prior
                .upper_bound()
                .is_none_or(|m| m > 0.0)
                .then(|| (at_zero - log_evidence).exp()),
            mu_0,
            log_marginal_likelihood: Some(log_evidence),
        }
    } else {
        BayesFactors {
            tau_0: None,
            mu_0: None,
            log_marginal_likelihood: None,
        }
    }
}

/// The fit's notes: no Bayes factors without `proper` priors, and which of τ's posterior
/// `moments` (mean, variance) do not exist.
fn notes(
    options: &BayesOptions,
    proper: bool,
    moments: [bool; 2],
    mu_sd_exists: bool,
) -> Vec<String> {
    let [mean_exists, var_exists] = moments;
    let mut notes = Vec::new();
    if !proper {
        notes.push(format!(
            "Bayes factors need proper priors on both mu and tau; here the prior on {} is improper.",
            if options.tau_prior.is_proper() { "mu" } else { "tau" }
        ));
    }
    if !mean_exists {
        notes.push("The posterior mean of tau does not exist (its tail is too heavy).".into());
    }
    if !var_exists {
        notes.push(format!(
            "The posterior SD of tau{} does not exist (its tail is too heavy); the medians and intervals are unaffected.",
            if mu_sd_exists { " and of the prediction" } else { ", of mu and of the prediction" }
        ));
    }
    notes
}
