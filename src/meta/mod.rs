//! Fixed-, random- and mixed-effects meta-analysis of summary results, as metafor's `rma.uni`
//! (Viechtbauer 2010, *J Stat Softw* 36(3)).
//!
//! The model is `yᵢ = xᵢ'β + uᵢ + εᵢ`, `uᵢ ~ N(0, τ²)`, `εᵢ ~ N(0, vᵢ)` with known `vᵢ`.
//! [`fit`] estimates τ² ([`tau2`]), then β by weighted least squares with weights
//! `1/(vᵢ + τ̂²)` ([`gls`]), with Wald-type z tests or the Knapp & Hartung (2003) t and F
//! tests, heterogeneity statistics and the Q-profile interval for τ² ([`heterogeneity`]),
//! the prediction interval, R², Egger's regression test ([`egger`]) and, on request,
//! leave-one-out and case-deletion diagnostics ([`influence`]).
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`fit`], [`MetaData`], [`MetaOptions`], [`MetaFit`], [`Method`], [`Test`] |
//! | [`input`] | the studies from a CSV file: estimates and variances, or raw columns through `escalc`; labels; moderators |
//! | [`moderators`] | the moderators and the model matrix (treatment coding) |
//! | [`tau2`] | the τ² estimators (DL, HE, HS, SJ, ML, REML, EB, PM) |
//! | [`likelihood`] | the (restricted) log-likelihood and its derivatives in τ² |
//! | [`root`] | bracketed root finding for PM, EB and the Q-profile bounds |
//! | [`gls`] | weighted least squares for β given τ² |
//! | [`model`] | one fitted model: τ², β, their variances, heterogeneity |
//! | [`heterogeneity`] | Q, I², H², and the Q-profile interval for τ² |
//! | [`egger`] | Egger's regression test |
//! | [`influence`] | leave-one-out and case-deletion diagnostics |
//! | [`report`] | the fit as tables and text |
//! | [`chart`] | the fit as forest and funnel charts |
//!
//! Cost is O(k·p²) time and O(k·p) memory per evaluation: no k×k matrix is formed.
//!
//! Agreement with metafor (3.8-1; see `tests/meta_metafor.rs`): every number to 1e-8
//! relative when metafor is run to tight tolerances. Where metafor's defaults stop early
//! this module returns the exact value instead: the Paule–Mandel root and the Q-profile
//! bounds (metafor's `uniroot` tolerance 1.2e-4 leaves them ~1e-4 off), ML/REML/EB (Fisher
//! scoring stopped at a change below 1e-5: ~1e-7 off); a Q-profile upper bound beyond
//! metafor's search limit `max(100, 10 τ̂²)`, which metafor prints as "> 100", is found
//! rather than clamped; and a likelihood maximum on the boundary is exactly τ² = 0 (metafor
//! can stop up to about 1e-5 above it when its iterations start from a positive Hedges
//! estimate).

pub mod chart;
pub mod egger;
pub mod gls;
pub mod heterogeneity;
pub mod influence;
pub mod input;
pub mod likelihood;
pub mod model;
pub mod moderators;
pub mod report;
pub mod root;
pub mod tau2;

pub use egger::Egger;
pub use influence::{Influence, InfluenceRow, LeaveOneOut, LeaveOneOutRow};
pub use model::FittedModel;
pub use moderators::{Design, Moderator, ModeratorValues};
pub use report::Studies;

use crate::dist::z_crit;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use serde::Serialize;

/// Estimator of τ² (metafor's `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Fixed (common) effect: τ² = 0.
    FE,
    /// DerSimonian–Laird.
    DL,
    /// Hedges (unit weights).
    HE,
    /// Hunter–Schmidt.
    HS,
    /// Sidik–Jonkman.
    SJ,
    /// Maximum likelihood.
    ML,
    /// Restricted maximum likelihood (the default).
    #[default]
    REML,
    /// Empirical Bayes (Morris).
    EB,
    /// Paule–Mandel.
    PM,
}

impl Method {
    /// The metafor code.
    pub fn name(self) -> &'static str {
        match self {
            Method::FE => "FE",
            Method::DL => "DL",
            Method::HE => "HE",
            Method::HS => "HS",
            Method::SJ => "SJ",
            Method::ML => "ML",
            Method::REML => "REML",
            Method::EB => "EB",
            Method::PM => "PM",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_uppercase().as_str() {
            "FE" | "EE" | "CE" => Method::FE,
            "DL" => Method::DL,
            "HE" => Method::HE,
            "HS" => Method::HS,
            "SJ" => Method::SJ,
            "ML" => Method::ML,
            "REML" => Method::REML,
            "EB" => Method::EB,
            "PM" => Method::PM,
            other => {
                return Err(Error::input(
                    "--method",
                    format!(
                        "unknown method '{other}'; allowed: FE, DL, HE, HS, SJ, ML, REML, EB, PM"
                    ),
                ))
            }
        })
    }
}

/// How the coefficients are tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Test {
    /// Wald-type z tests and χ² omnibus test.
    #[default]
    Z,
    /// Knapp & Hartung (2003): t tests with k − p df and an F omnibus test.
    Knha,
}

impl std::str::FromStr for Test {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "z" => Ok(Test::Z),
            "knha" | "hksj" => Ok(Test::Knha),
            other => Err(Error::input(
                "--test",
                format!("unknown test '{other}'; allowed: z, knha"),
            )),
        }
    }
}

/// The studies to pool: one label, estimate and sampling variance each, and optional
/// moderators.
#[derive(Debug, Clone, Default)]
pub struct MetaData {
    /// Study labels (for tables and charts).
    pub labels: Vec<String>,
    /// Effect estimates.
    pub yi: Vec<f64>,
    /// Sampling variances (all > 0).
    pub vi: Vec<f64>,
    /// Moderators (`None`: intercept-only model).
    pub mods: Option<Vec<Moderator>>,
}

impl MetaData {
    /// Studies from `(label, yi, vi)` triples, without moderators.
    pub fn from_triples(rows: Vec<(String, f64, f64)>) -> Self {
        let mut d = MetaData::default();
        for (l, y, v) in rows {
            d.labels.push(l);
            d.yi.push(y);
            d.vi.push(v);
        }
        d
    }
}

/// What to fit and report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetaOptions {
    /// τ² estimator.
    pub method: Method,
    /// z or Knapp–Hartung tests.
    pub test: Test,
    /// Confidence level of every interval.
    pub level: ConfidenceLevel,
    /// Compute the leave-one-out table (intercept-only models).
    pub leave_one_out: bool,
    /// Compute the case-deletion diagnostics.
    pub influence: bool,
}

impl Default for MetaOptions {
    fn default() -> Self {
        MetaOptions {
            method: Method::REML,
            test: Test::Z,
            level: ConfidenceLevel::NINETY_FIVE,
            leave_one_out: false,
            influence: false,
        }
    }
}

/// One coefficient of the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    /// `intrcpt`, a moderator name, or moderator name + level.
    pub name: String,
    pub estimate: f64,
    pub se: f64,
    /// z or t statistic.
    pub statistic: f64,
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// One study as it enters the pooled analysis (what a forest or funnel chart needs).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyResult {
    pub label: String,
    pub yi: f64,
    pub vi: f64,
    /// `√vᵢ`.
    pub sei: f64,
    /// Normal-theory interval `yᵢ ± z √vᵢ` at the model's level.
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Weight in the pooled estimate, percent (`wᵢ / Σw · 100`, `wᵢ = 1/(vᵢ + τ̂²)`).
    pub weight_percent: f64,
}

/// The fitted meta-analysis: everything `trialstats meta` prints.
#[derive(Debug, Clone, Serialize)]
pub struct MetaFit {
    /// τ² estimator used.
    pub method: &'static str,
    /// `z` or `knha`.
    pub test: &'static str,
    pub level: ConfidenceLevel,
    /// Number of studies.
    pub k: usize,
    /// Number of coefficients.
    pub p: usize,
    /// Pooled estimate (the intercept with moderators).
    pub estimate: f64,
    pub se: f64,
    /// z or t statistic of the estimate.
    pub statistic: f64,
    pub p_value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// t degrees of freedom under Knapp–Hartung.
    pub df: Option<usize>,
    pub tau2: f64,
    /// SE of τ² (metafor's `se.tau2`; absent for FE and k = 1).
    pub tau2_se: Option<f64>,
    /// Q-profile interval for τ² (absent for FE, k = 1 or k = p).
    pub tau2_ci: Option<[f64; 2]>,
    pub tau: f64,
    /// I² in percent.
    pub i2: f64,
    pub h2: f64,
    /// Q (residual QE with moderators).
    pub q: f64,
    pub q_df: usize,
    pub q_p: f64,
    /// Prediction interval for a new study's true effect (intercept-only models).
    pub pi_lower: Option<f64>,
    pub pi_upper: Option<f64>,
    /// All coefficients, the intercept first.
    pub coefficients: Vec<Coefficient>,
    /// Omnibus test of the moderators (χ², or F under Knapp–Hartung); for an intercept-only
    /// model, the test of the intercept.
    pub qm: f64,
    pub qm_df: usize,
    pub qm_p: f64,
    /// Percentage of heterogeneity accounted for by the moderators (models with moderators).
    pub r2: Option<f64>,
    /// Per-study inputs, intervals and weights (left out of JSON when emptied by the caller).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub studies: Vec<StudyResult>,
    /// Egger's regression test (absent when there are too few studies).
    pub egger: Option<Egger>,
    /// Leave-one-out table, when requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leave_one_out: Option<LeaveOneOut>,
    /// Case-deletion diagnostics, when requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub influence: Option<Influence>,
    /// Covariance matrix of the coefficients (p×p, row-major).
    pub vcov: Vec<Vec<f64>>,
}

/// Check the studies: finite estimates, finite positive variances, matching lengths.
pub fn validate(data: &MetaData) -> Result<()> {
    let k = data.yi.len();
    if k == 0 {
        return Err(Error::input("data", "no studies to pool"));
    }
    if data.vi.len() != k || data.labels.len() != k {
        return Err(Error::input(
            "data",
            format!(
                "{} estimates, {} variances and {} labels: each study needs all three",
                k,
                data.vi.len(),
                data.labels.len()
            ),
        ));
    }
    for i in 0..k {
        let at = || format!("study {} ({})", i + 1, data.labels[i]);
        if !data.yi[i].is_finite() {
            return Err(Error::input(at(), "the estimate is not a finite number"));
        }
        if !(data.vi[i].is_finite() && data.vi[i] > 0.0) {
            return Err(Error::input(
                at(),
                format!(
                    "the sampling variance {} is not allowed; it must be a finite number > 0",
                    data.vi[i]
                ),
            ));
        }
    }
    Ok(())
}

/// Fit the meta-analysis (metafor: `rma(yi, vi, mods = ..., method = ..., test = ...)`).
pub fn fit(data: &MetaData, options: &MetaOptions) -> Result<MetaFit> {
    validate(data)?;
    let level = options.level.value();
    let k = data.yi.len();
    let design = match &data.mods {
        Some(m) if !m.is_empty() => Design::with_moderators(k, m)?,
        _ => Design::intercept_only(k),
    };
    if k < design.p {
        return Err(Error::input(
            "--mods",
            format!(
                "{k} studies but the model has {} coefficients ({}); fewer studies than \
                 coefficients cannot be fitted",
                design.p,
                design.names.join(", ")
            ),
        ));
    }
    let (y, v) = (&data.yi[..], &data.vi[..]);
    let model = FittedModel::new(&design, y, v, options.method, options.test, level)?;
    let random = options.method != Method::FE;
    let tau2 = model.tau2.tau2;
    let het = model.heterogeneity;
    let tau2_for_i2 = random.then_some(tau2);
    let tau2_ci = if random && k > design.p {
        Some(heterogeneity::q_profile_interval(&design, y, v, level)?)
    } else {
        None
    };
    let coefficients: Vec<Coefficient> = (0..design.p)
        .map(|j| {
            let [lo, hi] = model.ci(j);
            Coefficient {
                name: design.names[j].clone(),
                estimate: model.fit.beta[j],
                se: model.se(j),
                statistic: model.statistic(j),
                p: model.p_value(j),
                ci_lower: lo,
                ci_upper: hi,
            }
        })
        .collect();
    let (pi_lower, pi_upper) = if design.is_intercept_only() {
        let half = model.crit * (model.vb[(0, 0)] + tau2).sqrt();
        let b = model.fit.beta[0];
        (Some(b - half), Some(b + half))
    } else {
        (None, None)
    };
    let r2 = if design.is_intercept_only() {
        None
    } else {
        Some(r_squared(&design, y, v, options.method, &model)?)
    };
    let z = z_crit(level);
    let sum_w = model.fit.sum_weights();
    let studies = (0..k)
        .map(|i| {
            let se = v[i].sqrt();
            StudyResult {
                label: data.labels[i].clone(),
                yi: y[i],
                vi: v[i],
                sei: se,
                ci_lower: y[i] - z * se,
                ci_upper: y[i] + z * se,
                weight_percent: 100.0 * model.fit.weights[i] / sum_w,
            }
        })
        .collect();
    let egger = egger::egger_test(&design, y, v, options).ok();
    let leave_one_out = if options.leave_one_out {
        Some(influence::leave_one_out(&design, data, options)?)
    } else {
        None
    };
    let influence = if options.influence {
        Some(influence::influence(&design, data, options, &model)?)
    } else {
        None
    };
    let first = &coefficients[0];
    Ok(MetaFit {
        method: options.method.name(),
        test: match options.test {
            Test::Z => "z",
            Test::Knha => "knha",
        },
        level: options.level,
        k,
        p: design.p,
        estimate: first.estimate,
        se: first.se,
        statistic: first.statistic,
        p_value: first.p,
        ci_lower: first.ci_lower,
        ci_upper: first.ci_upper,
        df: model.ddf,
        tau2,
        tau2_se: model.tau2.se,
        tau2_ci,
        tau: tau2.sqrt(),
        i2: het.i2(tau2_for_i2),
        h2: het.h2(tau2_for_i2),
        q: het.q,
        q_df: het.q_df,
        q_p: het.q_p,
        pi_lower,
        pi_upper,
        qm: model.qm,
        qm_df: model.qm_df,
        qm_p: model.qm_p,
        r2,
        studies,
        egger,
        leave_one_out,
        influence,
        vcov: (0..design.p)
            .map(|a| (0..design.p).map(|b| model.vb[(a, b)]).collect())
            .collect(),
        coefficients,
    })
}

/// R² as metafor computes it: for random/mixed-effects models the proportional reduction in
/// τ² relative to the intercept-only model fitted with the same method (Raudenbush 2009,
/// eq. 16.40), truncated at 0; for fixed-effect models the adjusted R² of the weighted
/// regression of `y` on the moderators (weights `1/vᵢ`).
fn r_squared(
    design: &Design,
    y: &[f64],
    v: &[f64],
    method: Method,
    model: &FittedModel,
) -> Result<f64> {
    let k = design.k as f64;
    let intercept_only = Design::intercept_only(design.k);
    if method == Method::FE {
        let mean = y.iter().sum::<f64>() / k;
        if y.iter().all(|x| *x == mean) {
            return Ok(0.0);
        }
        let total = gls::WeightedFit::inverse_variance(&intercept_only, y, v, 0.0)?.rss();
        let r2 = 1.0 - model.heterogeneity.q / total;
        let adjusted = 1.0 - (1.0 - r2) * (k - 1.0) / (k - design.p as f64);
        return Ok((100.0 * adjusted).max(0.0));
    }
    let tau2_re = tau2::estimate(method, &intercept_only, y, v)?.tau2;
    if tau2_re == 0.0 {
        return Ok(0.0);
    }
    Ok((100.0 * (tau2_re - model.tau2.tau2) / tau2_re).max(0.0))
}
