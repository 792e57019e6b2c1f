//! The priors: on τ (half-normal, half-Cauchy, half-t, exponential, uniform, log-normal, and
//! the Turner et al. 2015 presets) and on μ (improper uniform or normal), parsed from the
//! command line's `NAME:PARAMETERS` and evaluated as normalised log densities.

use super::turner;
use crate::error::{Error, Result};
use serde::Serialize;
use statrs::function::gamma::ln_gamma;
use std::f64::consts::PI;

/// `ln √(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// A prior on the heterogeneity τ (the between-study SD, τ ≥ 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum TauPrior {
    /// Half-normal with scale `scale` (the SD of the normal folded at 0).
    HalfNormal { scale: f64 },
    /// Half-Cauchy with scale `scale` (its median).
    HalfCauchy { scale: f64 },
    /// Half-Student-t with scale `scale` and `df` degrees of freedom.
    HalfT { scale: f64, df: f64 },
    /// Exponential with rate `rate` (mean 1/rate).
    Exponential { rate: f64 },
    /// Uniform on [0, max]; with `max` absent, the improper uniform on [0, ∞).
    Uniform { max: Option<f64> },
    /// Log-normal: ln τ ~ N(mu, sigma²).
    LogNormal {
        mu: f64,
        sigma: f64,
        /// The Turner et al. (2015) preset it comes from, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        preset: Option<String>,
    },
}

/// What `--tau-prior` accepts, for error messages.
pub const TAU_PRIOR_FORMS: &str = "half-normal:S, half-cauchy:S, half-t:S,DF, exponential:RATE, \
uniform:MAX, uniform (improper), log-normal:MU,SIGMA (of ln tau), turner:OUTCOME,COMPARISON \
or turner:any (Turner et al. 2015, Table IV)";

/// The numbers after a prior's name (`half-t:0.5,3`), one per name in `form` after its colon.
fn numbers(option: &str, text: &str, form: &str) -> Result<Vec<f64>> {
    let names: Vec<&str> = form
        .split_once(':')
        .map_or("", |(_, n)| n)
        .split(',')
        .collect();
    Ok(crate::number_list::named_numbers_in(
        option, text, &names, form,
    )?)
}

fn positive(option: &str, what: &str, x: f64) -> Result<f64> {
    if x > 0.0 {
        Ok(x)
    } else {
        Err(Error::input(
            option,
            format!("the {what} must be > 0, not {x}"),
        ))
    }
}

impl std::str::FromStr for TauPrior {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        const OPT: &str = "{field:tau_prior}";
        let (name, rest) = match s.split_once(':') {
            Some((n, r)) => (n.trim().to_ascii_lowercase(), r.trim()),
            None => (s.trim().to_ascii_lowercase(), ""),
        };
        Ok(match name.as_str() {
            "half-normal" | "halfnormal" => {
                let p = numbers(OPT, rest, "half-normal:S")?;
                TauPrior::HalfNormal {
                    scale: positive(OPT, "half-normal scale", p[0])?,
                }
            }
            "half-cauchy" | "halfcauchy" => {
                let p = numbers(OPT, rest, "half-cauchy:S")?;
                TauPrior::HalfCauchy {
                    scale: positive(OPT, "half-Cauchy scale", p[0])?,
                }
            }
            "half-t" | "halft" => {
                let p = numbers(OPT, rest, "half-t:S,DF")?;
                TauPrior::HalfT {
                    scale: positive(OPT, "half-t scale", p[0])?,
                    df: positive(OPT, "half-t degrees of freedom", p[1])?,
                }
            }
            "exponential" => {
                let p = numbers(OPT, rest, "exponential:RATE")?;
                TauPrior::Exponential {
                    rate: positive(OPT, "exponential rate", p[0])?,
                }
            }
            "uniform" if rest.is_empty() => TauPrior::Uniform { max: None },
            "uniform" => {
                let p = numbers(OPT, rest, "uniform:MAX")?;
                TauPrior::Uniform {
                    max: Some(positive(OPT, "uniform upper bound", p[0])?),
                }
            }
            "log-normal" | "lognormal" => {
                let p = numbers(OPT, rest, "log-normal:MU,SIGMA")?;
                TauPrior::LogNormal {
                    mu: p[0],
                    sigma: positive(OPT, "log-normal sigma", p[1])?,
                    preset: None,
                }
            }
            "turner" => {
                // Turner et al. tabulate ln τ² ~ N(m, s²), so ln τ ~ N(m/2, (s/2)²).
                let ((m, s), label) = turner::preset(rest)?;
                TauPrior::LogNormal {
                    mu: 0.5 * m,
                    sigma: 0.5 * s,
                    preset: Some(label),
                }
            }
            other => {
                return Err(Error::input(
                    OPT,
                    format!("unknown prior '{other}'; allowed: {TAU_PRIOR_FORMS}"),
                ));
            }
        })
    }
}

impl TauPrior {
    /// The log density at `tau ≥ 0` (normalised; 0 for the improper uniform).
    pub fn log_density(&self, tau: f64) -> f64 {
        match *self {
            TauPrior::HalfNormal { scale } => {
                let z = tau / scale;
                std::f64::consts::LN_2 - LN_SQRT_2PI - scale.ln() - 0.5 * z * z
            }
            TauPrior::HalfCauchy { scale } => {
                let z = tau / scale;
                (2.0 / (PI * scale)).ln() - z.mul_add(z, 1.0).ln()
            }
            TauPrior::HalfT { scale, df } => {
                let z = tau / scale;
                std::f64::consts::LN_2 + ln_gamma(0.5 * (df + 1.0))
                    - ln_gamma(0.5 * df)
                    - 0.5 * (df * PI).ln()
                    - scale.ln()
                    - 0.5 * (df + 1.0) * (z * z / df).ln_1p()
            }
            TauPrior::Exponential { rate } => rate.ln() - rate * tau,
            TauPrior::Uniform { max: None } => 0.0,
            TauPrior::Uniform { max: Some(m) } => {
                if tau <= m {
                    -m.ln()
                } else {
                    f64::NEG_INFINITY
                }
            }
            TauPrior::LogNormal { mu, sigma, .. } => {
                if tau <= 0.0 {
                    return f64::NEG_INFINITY;
                }
                let l = tau.ln();
                let z = (l - mu) / sigma;
                -l - sigma.ln() - LN_SQRT_2PI - 0.5 * z * z
            }
        }
    }

    /// Whether the density integrates to 1.
    pub fn is_proper(&self) -> bool {
        !matches!(self, TauPrior::Uniform { max: None })
    }

    /// The largest τ the prior allows (`None`: unbounded).
    pub fn upper_bound(&self) -> Option<f64> {
        match *self {
            TauPrior::Uniform { max } => max,
            _ => None,
        }
    }

    /// The power α of the density's tail `p(τ) ~ τ^(−α)` as τ → ∞ (`INFINITY` for a tail that
    /// falls faster than any power or a bounded prior).
    pub fn tail_power(&self) -> f64 {
        match *self {
            TauPrior::HalfCauchy { .. } => 2.0,
            TauPrior::HalfT { df, .. } => df + 1.0,
            TauPrior::Uniform { max: None } => 0.0,
            _ => f64::INFINITY,
        }
    }

    /// A typical size of τ under the prior (to place the integration's first points).
    pub fn typical_scale(&self) -> Option<f64> {
        match *self {
            TauPrior::HalfNormal { scale }
            | TauPrior::HalfCauchy { scale }
            | TauPrior::HalfT { scale, .. } => Some(scale),
            TauPrior::Exponential { rate } => Some(1.0 / rate),
            TauPrior::Uniform { max } => max.map(|m| 0.5 * m),
            TauPrior::LogNormal { mu, .. } => Some(mu.exp()),
        }
    }

    /// How the prior is written on the command line (and in the output).
    pub fn describe(&self) -> String {
        match self {
            TauPrior::HalfNormal { scale } => format!("half-normal(scale = {scale})"),
            TauPrior::HalfCauchy { scale } => format!("half-Cauchy(scale = {scale})"),
            TauPrior::HalfT { scale, df } => format!("half-t(scale = {scale}, df = {df})"),
            TauPrior::Exponential { rate } => format!("exponential(rate = {rate})"),
            TauPrior::Uniform { max: Some(m) } => format!("uniform(0, {m})"),
            TauPrior::Uniform { max: None } => "uniform(0, inf) (improper)".to_string(),
            TauPrior::LogNormal { mu, sigma, preset } => match preset {
                Some(p) => format!(
                    "log-normal(mu = {mu}, sigma = {sigma}) for tau, i.e. log-normal({}, {}) \
                     for tau^2: Turner et al. 2015, Table IV, {p}",
                    2.0 * mu,
                    2.0 * sigma
                ),
                None => format!("log-normal(mu = {mu}, sigma = {sigma})"),
            },
        }
    }
}

/// A prior on the overall effect μ.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum MuPrior {
    /// The improper uniform prior on the real line.
    #[default]
    Uniform,
    /// Normal with mean `mean` and SD `sd`.
    Normal { mean: f64, sd: f64 },
}

impl std::str::FromStr for MuPrior {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        const OPT: &str = "{field:mu_prior}";
        let (name, rest) = match s.split_once(':') {
            Some((n, r)) => (n.trim().to_ascii_lowercase(), r.trim()),
            None => (s.trim().to_ascii_lowercase(), ""),
        };
        match name.as_str() {
            "uniform" | "flat" if rest.is_empty() => Ok(MuPrior::Uniform),
            "normal" => {
                let p = numbers(OPT, rest, "normal:MEAN,SD")?;
                Ok(MuPrior::Normal {
                    mean: p[0],
                    sd: positive(OPT, "normal SD", p[1])?,
                })
            }
            other => Err(Error::input(
                OPT,
                format!(
                    "unknown prior '{other}'; allowed: normal:MEAN,SD or uniform (improper, the default)"
                ),
            )),
        }
    }
}

impl MuPrior {
    /// How the prior is written in the output.
    pub fn describe(&self) -> String {
        match self {
            MuPrior::Uniform => "uniform on the real line (improper)".to_string(),
            MuPrior::Normal { mean, sd } => format!("normal(mean = {mean}, sd = {sd})"),
        }
    }

    /// The density at `mu` (`None` for the improper prior).
    pub fn density(&self, mu: f64) -> Option<f64> {
        match *self {
            MuPrior::Uniform => None,
            MuPrior::Normal { mean, sd } => {
                let z = (mu - mean) / sd;
                Some((-0.5 * z * z - LN_SQRT_2PI).exp() / sd)
            }
        }
    }
}
