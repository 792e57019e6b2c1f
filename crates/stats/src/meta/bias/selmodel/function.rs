//! The trait every selection function implements, and the direction of the one-sided p-values
//! they are functions of (metafor's `alternative`).

use crate::dist::{pnorm, pnorm_upper, qnorm};

/// Which p-value of each study the selection acts on (metafor's `alternative`): one-sided
/// `1 − Φ(yᵢ/√vᵢ)` ("greater", the default), `Φ(yᵢ/√vᵢ)` ("less"), or two-sided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alternative {
    #[default]
    Greater,
    Less,
    TwoSided,
}

impl std::str::FromStr for Alternative {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> crate::error::Result<Self> {
        match s {
            "greater" => Ok(Alternative::Greater),
            "less" => Ok(Alternative::Less),
            "two.sided" | "two-sided" | "two_sided" => Ok(Alternative::TwoSided),
            _ => Err(crate::error::Error::field(
                "selmodel_alternative",
                format!("'{s}' is not one of greater, less, two.sided"),
            )),
        }
    }
}

impl Alternative {
    /// metafor's name.
    pub fn name(self) -> &'static str {
        match self {
            Alternative::Greater => "greater",
            Alternative::Less => "less",
            Alternative::TwoSided => "two.sided",
        }
    }

    /// The p-value of an estimate `y` with standard error `sd` (metafor's `.selmodel.pval`).
    pub fn p_value(self, y: f64, sd: f64) -> f64 {
        let z = y / sd;
        match self {
            Alternative::Greater => pnorm_upper(z),
            Alternative::Less => pnorm(z),
            Alternative::TwoSided => 2.0 * pnorm_upper(z.abs()),
        }
    }

    /// The ranges of estimates `[a, b]` (for standard error `sd`) whose p-value lies in
    /// `(lo, hi]`: one range for a one-sided p-value, two (mirrored) for a two-sided one.
    pub fn ranges(self, lo: f64, hi: f64, sd: f64) -> Vec<[f64; 2]> {
        // The estimate at which the upper-tail p-value is c: +∞ at 0, −∞ at 1.
        let upper = |c: f64| {
            if c <= 0.0 {
                f64::INFINITY
            } else if c >= 1.0 {
                f64::NEG_INFINITY
            } else {
                -sd * qnorm(c)
            }
        };
        match self {
            Alternative::Greater => vec![[upper(hi), upper(lo)]],
            Alternative::Less => vec![[-upper(lo), -upper(hi)]],
            Alternative::TwoSided => {
                let (a, b) = (upper(hi / 2.0), upper(lo / 2.0));
                vec![[a, b], [-b, -a]]
            }
        }
    }

    /// The estimates at which the p-value equals `c` (0 < c < 1), where a selection function
    /// with a kink at `c` is not smooth; the two-sided p-value also has one at 0.
    pub fn kinks(self, c: f64, sd: f64) -> Vec<f64> {
        let r = self.ranges(0.0, c, sd);
        match self {
            Alternative::Greater => vec![r[0][0]],
            Alternative::Less => vec![r[0][1]],
            Alternative::TwoSided => vec![r[0][0], r[1][1], 0.0],
        }
    }
}

/// Where a selection function is evaluated: a p-value, the estimate it is the p-value of
/// (the truncated model selects on the estimate itself), and the study's precision factor
/// (metafor's `preci`: 1 unless the selection depends on precision, `prec`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct At {
    pub p: f64,
    pub y: f64,
    pub precision: f64,
}

/// A study as its normalising constant sees it: its sampling variance and precision factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Study {
    pub v: f64,
    pub precision: f64,
}

/// The normalising constant of one study's weighted density, `A = ∫ w(p(y); δ) φ(y; μ, σ²) dy`,
/// with its derivatives in μ, τ² (σ² = vᵢ + τ²) and each δ.
#[derive(Debug, Clone, PartialEq)]
pub struct Normaliser {
    pub value: f64,
    pub d_mu: f64,
    pub d_tau2: f64,
    pub d_delta: Vec<f64>,
}

/// One selection function `w(p; δ)`: the relative probability that a study with p-value p is
/// published, with the parameter space and defaults metafor gives it (`selmodel`'s `delta.lb`,
/// `delta.ub`, `delta.min`, `delta.max`, `delta.init`, `H0.delta`, `pval.min`).
pub trait SelectionFunction: Sync {
    /// metafor's `type`.
    fn name(&self) -> &'static str;
    /// Number of selection parameters δ.
    fn parameters(&self) -> usize;
    /// Starting values of δ (metafor's `delta.init`).
    fn start(&self) -> Vec<f64>;
    /// The parameter space of each δ, `[delta.lb, delta.ub]`: intervals are cut to it.
    fn space(&self) -> Vec<[f64; 2]>;
    /// The default search limits of each δ, `[delta.min, delta.max]` (metafor's numerical
    /// limits; the user may change them).
    fn limits(&self) -> Vec<[f64; 2]>;
    /// The values of δ under which nothing is selected (`H0.delta`), for the z tests.
    fn no_selection(&self) -> Vec<f64>;
    /// p-values are kept inside `[p_min, 1 − p_min]` (`pval.min`), where the function would
    /// otherwise be infinite or zero at 0 or 1.
    fn p_min(&self) -> f64 {
        0.0
    }
    /// The least value of a δ the search may try (above 0 where `log w` is −∞ at 0).
    fn floor(&self) -> f64 {
        0.0
    }
    /// p-values at which `w` is not smooth (its steps), besides `p_min`.
    fn kinks(&self) -> Vec<f64>;
    /// `log w(p; δ)` at `at`, with `∂ log w / ∂δⱼ` written into `gradient`.
    fn log_weight(&self, at: At, delta: &[f64], gradient: &mut [f64]) -> f64;
    /// Whether the function may depend on a study's precision (metafor's `prec`).
    fn takes_precision(&self) -> bool {
        false
    }
    /// The normalising constant of `study` in closed form, where the function has one (the
    /// step function, the truncated model); `None` sends the likelihood to quadrature
    /// (`integral::normaliser`), which needs nothing but [`SelectionFunction::log_weight`].
    fn closed_form_normaliser(
        &self,
        _study: Study,
        _mu: f64,
        _tau2: f64,
        _delta: &[f64],
        _alternative: Alternative,
    ) -> Option<Normaliser> {
        None
    }
}

/// Clamp a p-value to `[p_min, 1 − p_min]`.
pub fn clamp_p(p: f64, p_min: f64) -> f64 {
    p.clamp(p_min, 1.0 - p_min)
}
