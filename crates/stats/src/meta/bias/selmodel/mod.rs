//! Selection models for publication bias (metafor's `selmodel`): the random-effects (or
//! fixed-effect) model fitted by maximum likelihood together with a selection function
//! `w(p; δ)`, the relative probability that a study with p-value p is published. Each study's
//! density is the normal one weighted by w and renormalised,
//!
//! `log L = Σᵢ [log w(pᵢ; δ) + log φ(yᵢ; μᵢ, vᵢ + τ²) − log Aᵢ]`,
//! `Aᵢ = ∫ w(p(y); δ) φ(y; μᵢ, vᵢ + τ²) dy`, `μᵢ = xᵢᵀβ`
//!
//! (Vevea & Hedges 1995, eq. 5, which has moderators from the start; Citkowicz & Vevea 2017;
//! metafor's `.selmodel.ll.cont` and `.selmodel.ll.stepfun`). A study's p-value is that of
//! its own `yᵢ/√vᵢ`, whatever the moderators; they move only the mean `μᵢ` of its density and
//! so of its normaliser. β (the intercept alone, μ, or the coefficients of a meta-regression),
//! τ² (0 for a fixed-effect model, or the user's fixed value) and the free δ are estimated
//! together; the standard errors come from the inverse of the
//! Hessian on the parameters' own scale (metafor's default `htransf = FALSE`, so the Wald
//! intervals of δ and τ² are `estimate ± z·SE`, cut to the parameter space and to the search
//! limits `[delta.min, delta.max]`, as metafor ≥ 4 prints them), each free δ is tested against
//! its no-selection value by z, and the likelihood-ratio test compares the maximum with the ML
//! log-likelihood of the model without selection, on as many df as there are free δ. With
//! moderators, the coefficients but the intercept are tested together by the Wald statistic
//! `QM = β₂ᵀ V₂₂⁻¹ β₂` on the covariance block of the same inverse Hessian (metafor's `QM`
//! with its default `btt`).
//!
//! The search is the bounded quasi-Newton one of [`crate::optimize::quasi_newton`] with the analytic
//! gradient (derivatives of the normalising constants under the integral sign), finished by
//! the Newton steps of [`crate::meta::fitting::newton`]; the Hessian is taken by central
//! differences of that gradient. δ stays inside `[delta.min, delta.max]` (metafor's defaults per
//! function, or the user's); with `decreasing` the step function's δ are kept
//! `1 ≥ δ₂ ≥ … ≥ δ_N` by searching over their log-decrements (metafor ≥ 4.2's `decreasing`).
//!
//! | file | owns |
//! |---|---|
//! | [`function`] | the [`SelectionFunction`] trait, [`Alternative`] (which p-value) |
//! | [`integral`] | the normalising constant of a continuous function, by quadrature |
//! | [`stepfun`] | the step function (closed-form normaliser) |
//! | [`beta`] | the beta function |
//! | [`decay`] | the one-parameter functions falling above a threshold, over a [`decay::Shape`] |
//! | [`halfnorm`], [`negexp`], [`logistic`], [`power`] | their shapes |
//! | [`profile`] | the profile-likelihood intervals of τ² and δ |
//! | [`truncated`] | the truncated-distribution model (selection on the estimate's side of a threshold; closed-form normaliser) |

pub mod beta;
pub mod decay;
pub mod function;
pub mod halfnorm;
pub mod integral;
pub mod logistic;
pub mod negexp;
pub mod power;
pub mod profile;
pub mod stepfun;
pub mod truncated;

pub use function::{Alternative, SelectionFunction};
use function::{At, Study};

use crate::dist::{p_two_sided_z, z_crit};
use crate::error::{Error, Result};
use crate::likelihood_ratio::LikelihoodRatio;
use crate::meta::fitting::linear;
use crate::meta::fitting::model::{
    Coefficient, FittedModel, TestedEstimate, reads_through_to_tested,
};
use crate::meta::fitting::moderators::ModelMatrix;
use crate::meta::fitting::newton::{hessian, polish};
use crate::meta::fitting::spec::{MetaOptions, Method, Test};
use crate::optimize::quasi_newton::minimize_with;
use decay::Decay;
use serde::Serialize;

/// metafor's selection function `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    StepFunction,
    Beta,
    HalfNormal,
    NegativeExponential,
    Logistic,
    Power,
    Truncated,
}

impl Kind {
    const ALL: [(Kind, &'static str); 7] = [
        (Kind::StepFunction, "stepfun"),
        (Kind::Beta, "beta"),
        (Kind::HalfNormal, "halfnorm"),
        (Kind::NegativeExponential, "negexp"),
        (Kind::Logistic, "logistic"),
        (Kind::Power, "power"),
        (Kind::Truncated, "trunc"),
    ];

    /// metafor's name.
    pub fn name(self) -> &'static str {
        Kind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, n)| n)
    }
}

/// What `--selmodel` and its options ask for.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub kind: Kind,
    /// The cut points (the step function; increasing, ending with 1), or `[α, 1]` for a
    /// decaying function with threshold α, or `[c]` for the truncated model's threshold on
    /// the estimates' scale; empty for none (the truncated model's c = 0).
    pub steps: Vec<f64>,
    /// metafor's `delta`: a fixed value for some δ (`None`: estimated). Empty: all estimated.
    pub delta: Vec<Option<f64>>,
    /// metafor's `control = list(delta.min = , delta.max = )`: one value for every δ or one
    /// per δ. `None`: the function's defaults.
    pub delta_min: Option<Vec<f64>>,
    pub delta_max: Option<Vec<f64>>,
    /// The step function's δ kept non-increasing (metafor's `decreasing = TRUE`).
    pub decreasing: bool,
    pub alternative: Alternative,
    /// Selection depending on precision (metafor's `prec`); `None`: the same for every study.
    pub prec: Option<Precision>,
    /// Also the profile-likelihood intervals of τ² and each estimated δ (metafor's
    /// `confint()` of the fit).
    pub profile_ci: bool,
}

/// metafor's `prec`: the measure of a study's precision its selection may depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrecisionMeasure {
    /// `sei`: the standard error √vᵢ.
    StandardError,
    /// `vi`: the sampling variance.
    Variance,
    /// `ninv`: 1/nᵢ.
    InverseN,
    /// `sqrtninv`: 1/√nᵢ.
    InverseSqrtN,
}

impl PrecisionMeasure {
    const ALL: [(PrecisionMeasure, &'static str); 4] = [
        (PrecisionMeasure::StandardError, "sei"),
        (PrecisionMeasure::Variance, "vi"),
        (PrecisionMeasure::InverseN, "ninv"),
        (PrecisionMeasure::InverseSqrtN, "sqrtninv"),
    ];

    /// metafor's name.
    pub fn name(self) -> &'static str {
        PrecisionMeasure::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, n)| n)
    }

    /// Whether the measure is one of the sample sizes.
    pub fn needs_sample_sizes(self) -> bool {
        matches!(
            self,
            PrecisionMeasure::InverseN | PrecisionMeasure::InverseSqrtN
        )
    }
}

impl std::str::FromStr for PrecisionMeasure {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        PrecisionMeasure::ALL
            .iter()
            .find(|(_, n)| *n == s.trim())
            .map(|(k, _)| *k)
            .ok_or_else(|| {
                Error::field(
                    "selmodel_prec",
                    format!("'{s}' is not one of sei, vi, ninv, sqrtninv"),
                )
            })
    }
}

/// Selection depending on precision (metafor's `selmodel(prec = , scaleprec = )`).
#[derive(Debug, Clone, PartialEq)]
pub struct Precision {
    pub measure: PrecisionMeasure,
    /// Each study's measure divided by the largest (metafor's `scaleprec = TRUE`, its
    /// default).
    pub scaled: bool,
    /// Each study's sample size, for `ninv` and `sqrtninv`.
    pub sample_sizes: Option<Vec<f64>>,
}

/// The precision a fitted selection model depended on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrecisionUsed {
    /// metafor's `prec`.
    pub measure: &'static str,
    /// metafor's `scaleprec`.
    pub scaled: bool,
}

/// Parse cut points such as `0.025` or `0.025,0.5` (each in (0, 1], sorted, duplicates
/// dropped); 1 is appended, as metafor does.
pub fn parse_steps(text: &str) -> Result<Vec<f64>> {
    parse_steps_for(text, "{field:selmodel}")
}

fn parse_steps_for(text: &str, option: &str) -> Result<Vec<f64>> {
    let mut steps = crate::number_list::numbers_expecting(
        option,
        text,
        "p-value cut points such as 0.025,0.5",
    )?;
    if let Some(x) = steps.iter().find(|x| !(**x > 0.0 && **x <= 1.0)) {
        return Err(Error::input(
            option,
            format!("the cut point {x} is not allowed; cut points are p-values in (0, 1]"),
        ));
    }
    steps.sort_by(f64::total_cmp);
    steps.dedup();
    if steps.last() != Some(&1.0) {
        steps.push(1.0);
    }
    if steps.len() < 2 {
        return Err(Error::input(
            option,
            "give at least one cut point below 1 (for example 0.025)",
        ));
    }
    Ok(steps)
}

impl Selection {
    /// The step function with cut points `steps` (ending with 1), every δ but the first
    /// estimated, one-sided "greater" p-values.
    pub fn step_function(steps: Vec<f64>) -> Self {
        Selection {
            kind: Kind::StepFunction,
            steps,
            delta: Vec::new(),
            delta_min: None,
            delta_max: None,
            decreasing: false,
            alternative: Alternative::Greater,
            prec: None,
            profile_ci: false,
        }
    }

    /// `--selmodel VALUE`: a function's name (`beta`, `halfnorm`, `negexp`, `logistic`,
    /// `power`, `stepfun`, `trunc`) or the step function's cut points.
    pub fn parse(value: &str) -> Result<Self> {
        let value = value.trim();
        if let Some((kind, _)) = Kind::ALL.iter().find(|(_, n)| *n == value) {
            return Ok(Selection {
                kind: *kind,
                steps: Vec::new(),
                ..Selection::step_function(Vec::new())
            });
        }
        if value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Err(Error::field(
                "selmodel",
                format!(
                    "'{value}' is not a selection function; give one of stepfun, beta, \
                     halfnorm, negexp, logistic, power, trunc, or the step function's cut \
                     points (e.g. 0.025,0.5)"
                ),
            ));
        }
        Ok(Selection::step_function(parse_steps(value)?))
    }

    /// `--selmodel-steps`: the step function's cut points, or a decaying function's
    /// threshold α (one value in [0, 1)), or the truncated model's threshold c (one value on
    /// the estimates' scale); beta takes none.
    pub fn with_steps(mut self, text: &str) -> Result<Self> {
        const OPTION: &str = "{field:selmodel_steps}";
        match self.kind {
            Kind::StepFunction => self.steps = parse_steps_for(text, OPTION)?,
            Kind::Truncated => match crate::number_list::numbers(OPTION, text)?[..] {
                [c] if c.is_finite() => self.steps = vec![c],
                _ => {
                    return Err(Error::input(
                        OPTION,
                        "the truncated model takes one threshold, on the scale of the \
                         estimates",
                    ));
                }
            },
            Kind::Beta => {
                return Err(Error::input(
                    OPTION,
                    "the beta selection function takes no cut points",
                ));
            }
            _ => {
                let values = crate::number_list::numbers(OPTION, text)?;
                match values[..] {
                    [a] if (0.0..1.0).contains(&a) => {
                        self.steps = if a > 0.0 { vec![a, 1.0] } else { Vec::new() }
                    }
                    _ => {
                        return Err(Error::input(
                            OPTION,
                            format!(
                                "the {} selection function takes one threshold α in [0, 1), \
                                 the p-value below which nothing is selected against",
                                self.kind.name()
                            ),
                        ));
                    }
                }
            }
        }
        Ok(self)
    }

    /// `--selmodel-delta`: fixed values, `NA` for those to estimate (e.g. `1,NA,0.5`).
    pub fn with_delta(mut self, text: &str) -> Result<Self> {
        self.delta = crate::number_list::numbers_or_na("{field:selmodel_delta}", text)?;
        Ok(self)
    }

    /// `--selmodel-delta-min` / `--selmodel-delta-max`.
    pub fn with_limit(mut self, text: &str, upper: bool) -> Result<Self> {
        let option = if upper {
            "{field:selmodel_delta_max}"
        } else {
            "{field:selmodel_delta_min}"
        };
        let values = crate::number_list::numbers(option, text)?;
        if upper {
            self.delta_max = Some(values);
        } else {
            self.delta_min = Some(values);
        }
        Ok(self)
    }

    /// The cut points or threshold the fit used (the truncated model's default c = 0 made
    /// explicit).
    fn fitted_steps(&self) -> Vec<f64> {
        match self.kind {
            Kind::Truncated => vec![self.steps.first().copied().unwrap_or(0.0)],
            _ => self.steps.clone(),
        }
    }

    fn function(&self) -> Box<dyn SelectionFunction> {
        let alpha = self.steps.first().copied().unwrap_or(0.0);
        match self.kind {
            Kind::StepFunction => Box::new(stepfun::StepFunction {
                steps: self.steps.clone(),
            }),
            Kind::Beta => Box::new(beta::Beta),
            Kind::HalfNormal => Box::new(Decay::<halfnorm::HalfNormal>::new(alpha)),
            Kind::NegativeExponential => Box::new(Decay::<negexp::NegativeExponential>::new(alpha)),
            Kind::Logistic => Box::new(Decay::<logistic::Logistic>::new(alpha)),
            Kind::Power => Box::new(Decay::<power::Power>::new(alpha)),
            Kind::Truncated => Box::new(truncated::Truncated {
                threshold: alpha,
                alternative: self.alternative,
            }),
        }
    }
}

/// The fitted selection model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionModel {
    /// metafor's `type`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub alternative: Alternative,
    /// The cut points (ending with 1), or `[α, 1]`, or the truncated model's threshold `[c]`;
    /// empty for none.
    pub steps: Vec<f64>,
    /// Number of studies with a p-value in each interval of `steps` (empty for the truncated
    /// model).
    pub k_per_interval: Vec<usize>,
    /// The pooled estimate (the intercept, with moderators), tested by z.
    #[serde(flatten)]
    pub tested: TestedEstimate,
    /// Every coefficient, tested by z (the intercept alone, `intrcpt`, without moderators).
    pub coefficients: Vec<Coefficient>,
    /// The covariance of the coefficients (the inverse Hessian's block; metafor's `vb`),
    /// row-major.
    pub vcov: Vec<Vec<f64>>,
    /// With moderators: the Wald test of every coefficient but the intercept, or of those
    /// `--btt` names (metafor's `QM`, `QMdf`, `QMp` with its `btt`), and the coefficients it
    /// tests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qm_df: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qm_p: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub qm_coefficients: Vec<String>,
    pub tau2: f64,
    /// SE of τ² from the inverse Hessian (absent for a fixed-effect model, a fixed τ², or τ²
    /// below metafor's `tau2tol`, min(vᵢ/10, 10⁻⁴)) and its Wald interval, truncated at 0
    /// (metafor's `se.tau2`, `ci.lb.tau2`).
    pub tau2_se: Option<f64>,
    pub tau2_ci: Option<[f64; 2]>,
    /// The selection parameters δ₁ … δ_m (for the step function δ₁ = 1).
    pub delta: Vec<f64>,
    /// Which δ were fixed (by the user, or δ₁ of the step function).
    pub delta_fixed: Vec<bool>,
    /// Each estimated δ (with an SE) tested against its no-selection value by z, with its
    /// Wald interval (metafor's `se.delta`, `zval.delta`, `pval.delta`, `ci.lb.delta`).
    pub delta_tests: Vec<DeltaTest>,
    /// The step function's δ kept non-increasing.
    pub decreasing: bool,
    /// The precision the selection depended on (metafor's `prec`, `scaleprec`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prec: Option<PrecisionUsed>,
    /// Maximised log-likelihood.
    pub log_likelihood: f64,
    /// Likelihood-ratio test of no selection against the model without selection, on as many
    /// df as there are estimated δ (no p-value when every δ is fixed).
    pub lrt: f64,
    pub lrt_df: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lrt_p: Option<f64>,
    /// The test for (residual) heterogeneity within the selection model: the
    /// likelihood-ratio statistic against the same selection model with τ² = 0, on 1 df
    /// (metafor's `LRT.tau2`, `LRTp.tau2`); absent when τ² is not estimated, or when the model
    /// with τ² = 0 cannot be fitted (metafor leaves it NA then too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tau2_lrt: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tau2_lrt_p: Option<f64>,
    /// The profile-likelihood intervals of τ² and each estimated δ, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub profile_ci: Vec<profile::ProfileInterval>,
}

reads_through_to_tested!(SelectionModel);

/// One estimated selection parameter with its SE, z test against no selection, and interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeltaTest {
    /// Which δ (1-based, as metafor's `delta.1`, `delta.2`, …).
    pub parameter: usize,
    pub delta: f64,
    /// The value tested against (metafor's `H0.delta`: 1 for the step and beta functions, 0
    /// for the decaying ones).
    pub null: f64,
    pub se: f64,
    pub z: f64,
    pub p: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// One value for every δ, or one per δ.
fn expand<T: Clone>(values: &[T], m: usize, option: &str) -> Result<Vec<T>> {
    match values.len() {
        1 => Ok(vec![values[0].clone(); m]),
        n if n == m => Ok(values.to_vec()),
        n => Err(Error::input(
            option,
            if m == 1 {
                format!("{n} values given; this selection function has 1 parameter: give 1 value")
            } else {
                format!(
                    "{n} values given; this selection function has {m} parameters: give 1 or {m}"
                )
            },
        )),
    }
}

struct Likelihood<'a> {
    /// The design: `μᵢ = xᵢᵀβ`.
    x: &'a ModelMatrix,
    y: &'a [f64],
    v: &'a [f64],
    /// Each study's p-value, kept inside [p_min, 1 − p_min].
    p: Vec<f64>,
    /// Each study's precision factor (metafor's `preci`; 1 without `prec`).
    precision: Vec<f64>,
    f: &'a dyn SelectionFunction,
    alternative: Alternative,
}

impl Likelihood<'_> {
    /// Log-likelihood and its gradient in (β₁ … β_p, τ², δ₁ … δ_m).
    fn eval(&self, par: &[f64]) -> (f64, Vec<f64>) {
        let p = self.x.p;
        let (beta, tau2) = (&par[..p], par[p].max(0.0));
        let delta = &par[p + 1..];
        let m = delta.len();
        let mut ll = 0.0;
        let mut g = vec![0.0; p + 1 + m];
        let mut gw = vec![0.0; m];
        for i in 0..self.y.len() {
            let xi = self.x.row(i);
            let mu: f64 = xi.iter().zip(beta).map(|(a, b)| a * b).sum();
            let s2 = self.v[i] + tau2;
            let r = self.y[i] - mu;
            let at = At {
                p: self.p[i],
                y: self.y[i],
                precision: self.precision[i],
            };
            ll += self.f.log_weight(at, delta, &mut gw)
                - 0.5 * ((2.0 * std::f64::consts::PI).ln() + s2.ln() + r * r / s2);
            let study = Study {
                v: self.v[i],
                precision: self.precision[i],
            };
            let alternative = self.alternative;
            let a = self
                .f
                .closed_form_normaliser(study, mu, tau2, delta, alternative)
                .unwrap_or_else(|| {
                    integral::normaliser(self.f, study, mu, tau2, delta, alternative)
                });
            ll -= a.value.ln();
            // ∂/∂μᵢ, carried to β by the chain rule ∂μᵢ/∂β = xᵢ.
            let d_mu = r / s2 - a.d_mu / a.value;
            for (gj, xij) in g[..p].iter_mut().zip(xi) {
                *gj += d_mu * xij;
            }
            g[p] += -0.5 / s2 + 0.5 * r * r / (s2 * s2) - a.d_tau2 / a.value;
            for j in 0..m {
                g[p + 1 + j] += gw[j] - a.d_delta[j] / a.value;
            }
        }
        (ll, g)
    }
}

/// Fit the selection model `selection` to the model of `y`, `v` with design `design` (the
/// intercept alone, or a meta-regression's moderators): a fixed-effect one when the options'
/// method is FE, one with τ² held when it is fixed, else a random-effects one by ML (as
/// metafor, which refits a model of another method by ML first: its estimates start the
/// search and its log-likelihood is the test's null).
pub fn fit(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    selection: &Selection,
    options: &MetaOptions,
) -> Result<SelectionModel> {
    let k = y.len();
    let np = design.p;
    let fixed_tau2 = match options.method {
        Method::FE => Some(0.0),
        Method::Fixed(t) => Some(t.get()),
        _ => None,
    };
    let (beta0, tau2_0) = fit_without_selection(design, y, v, options)?;
    let f = selection.function();
    let m = f.parameters();
    let name = f.name();
    let fixed = fixed_deltas(selection, f.as_ref())?;
    let (lower_limits, upper_limits) = delta_limits(selection, f.as_ref())?;

    let p = p_values(selection, f.as_ref(), y, v);
    let precision = precision_factors(selection, f.as_ref(), v)?;
    let k_per_interval = studies_per_interval(selection, &p, &fixed, m)?;
    let free_delta: Vec<usize> = (0..m).filter(|&j| fixed[j].is_none()).collect();
    let parameters = np + usize::from(fixed_tau2.is_none()) + free_delta.len();
    if k < parameters {
        return Err(Error::field(
            "selmodel",
            format!(
                "{k} studies are too few for the {parameters} parameters of this selection model"
            ),
        ));
    }
    let lik = Likelihood {
        x: design,
        y,
        v,
        p,
        precision,
        f: f.as_ref(),
        alternative: selection.alternative,
    };
    let search = Search {
        np,
        fixed_tau2,
        fixed: &fixed,
        free_delta: &free_delta,
        lower_limits: &lower_limits,
        upper_limits: &upper_limits,
        floor: f.floor(),
        decreasing: selection.decreasing,
    };
    let (par, ll) = search.maximise(&lik, &beta0, tau2_0, &f.start())?;
    let estimates = Estimates::at_maximum(&search, &lik, &par, selection, options)?;
    let ll0 = null_log_likelihood(design, y, v, &beta0, tau2_0);
    let selection_test = LikelihoodRatio::from_log_likelihoods(ll0, ll, free_delta.len());
    let tau2_lrt = if fixed_tau2.is_none() {
        heterogeneity_test(design, y, v, selection, options, ll)
    } else {
        None
    };
    let mut model = SelectionModel {
        kind: name,
        alternative: selection.alternative,
        steps: selection.fitted_steps(),
        k_per_interval,
        tested: estimates.coefficients[0].tested,
        coefficients: estimates.coefficients,
        vcov: estimates.vcov,
        qm: None,
        qm_df: None,
        qm_p: None,
        qm_coefficients: Vec::new(),
        tau2: par[np],
        tau2_se: estimates.tau2_se,
        tau2_ci: estimates.tau2_ci,
        delta: par[np + 1..].to_vec(),
        delta_fixed: fixed.iter().map(Option::is_some).collect(),
        delta_tests: estimates.delta_tests,
        decreasing: selection.decreasing,
        prec: selection.prec.as_ref().map(|c| PrecisionUsed {
            measure: c.measure.name(),
            scaled: c.scaled,
        }),
        log_likelihood: ll,
        lrt: selection_test.statistic,
        lrt_df: selection_test.df,
        lrt_p: selection_test.p_value,
        tau2_lrt: tau2_lrt.map(|t| t.statistic),
        tau2_lrt_p: tau2_lrt.and_then(|t| t.p_value),
        profile_ci: Vec::new(),
    };
    // QM over the coefficients but the intercept (metafor's default btt = 2:p).
    if np > 1 {
        model.test_coefficients(&(1..np).collect::<Vec<_>>())?;
    }
    Ok(model)
}

/// The estimates `(β, τ²)` of the model without selection: the options' fixed-effect or
/// fixed-τ² model, else the random-effects one by ML.
fn fit_without_selection(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
) -> Result<(Vec<f64>, f64)> {
    let null_method = match options.method {
        Method::FE | Method::Fixed(_) => options.method,
        _ => Method::ML,
    };
    let null_model = FittedModel::new(design, y, v, null_method, Test::Z, options.level.value())?;
    let beta0: Vec<f64> = null_model.fit.beta.iter().copied().collect();
    Ok((beta0, null_model.tau2.tau2))
}

/// Each study's p-value of the selection's alternative, kept inside `[p_min, 1 − p_min]`.
fn p_values(selection: &Selection, f: &dyn SelectionFunction, y: &[f64], v: &[f64]) -> Vec<f64> {
    let p_min = f.p_min();
    y.iter()
        .zip(v)
        .map(|(yi, vi)| function::clamp_p(selection.alternative.p_value(*yi, vi.sqrt()), p_min))
        .collect()
}

/// Each study's precision factor (metafor's `preci`): 1 without `prec`, else the measure,
/// divided by its largest value when scaled; refused for a function that does not depend on
/// precision, and for `ninv`, `sqrtninv` without positive sample sizes.
fn precision_factors(
    selection: &Selection,
    f: &dyn SelectionFunction,
    v: &[f64],
) -> Result<Vec<f64>> {
    let Some(prec) = &selection.prec else {
        return Ok(vec![1.0; v.len()]);
    };
    if !f.takes_precision() {
        return Err(Error::field(
            "selmodel_prec",
            format!(
                "the {} selection function does not depend on precision (metafor ignores \
                 prec for it); give it with stepfun, halfnorm, negexp, logistic or power",
                f.name()
            ),
        ));
    }
    let measure = prec.measure;
    let mut c: Vec<f64> = if measure.needs_sample_sizes() {
        let Some(n) = &prec.sample_sizes else {
            return Err(Error::field(
                "selmodel_ni",
                format!(
                    "selection on {} needs each study's sample size",
                    measure.name()
                ),
            ));
        };
        if let Some(bad) = n.iter().find(|n| !(n.is_finite() && **n > 0.0)) {
            return Err(Error::field(
                "selmodel_ni",
                format!("the sample size {bad} is not a positive number"),
            ));
        }
        n.iter()
            .map(|n| match measure {
                PrecisionMeasure::InverseN => 1.0 / n,
                _ => 1.0 / n.sqrt(),
            })
            .collect()
    } else {
        v.iter()
            .map(|v| match measure {
                PrecisionMeasure::StandardError => v.sqrt(),
                _ => *v,
            })
            .collect()
    };
    if prec.scaled {
        let largest = c.iter().fold(0.0_f64, |a, b| a.max(*b));
        c.iter_mut().for_each(|x| *x /= largest);
    }
    Ok(c)
}

/// The likelihood-ratio test of τ² = 0 against the maximum `ll`: metafor refits the selection
/// model with τ² = 0 (the fixed-effect one) for its test of heterogeneity; so do we, and leave
/// the test out (`None`) where that fit fails, as metafor does.
fn heterogeneity_test(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    selection: &Selection,
    options: &MetaOptions,
    ll: f64,
) -> Option<LikelihoodRatio> {
    let fixed_effect = MetaOptions {
        method: Method::FE,
        ..*options
    };
    fit(design, y, v, selection, &fixed_effect)
        .ok()
        .map(|m| LikelihoodRatio::from_log_likelihoods(m.log_likelihood, ll, 1))
}

/// The δ the selection fixes (the step function's first is 1 unless given), `None` for those
/// estimated, checked against `decreasing` and the function's parameter space (and a step
/// function checked to have its cut points, the truncated model a one-sided alternative).
fn fixed_deltas(selection: &Selection, f: &dyn SelectionFunction) -> Result<Vec<Option<f64>>> {
    if selection.kind == Kind::Truncated && selection.alternative == Alternative::TwoSided {
        return Err(Error::field(
            "selmodel_alternative",
            "the truncated model keeps the estimates on one side of its threshold: give \
             greater or less (as metafor)",
        ));
    }
    if selection.kind == Kind::StepFunction && selection.steps.len() < 2 {
        return Err(Error::field(
            "selmodel_steps",
            "the step function needs its cut points (for example {field:selmodel_steps} 0.025,0.5)",
        ));
    }
    let m = f.parameters();
    let space = f.space();
    let name = f.name();
    let mut fixed: Vec<Option<f64>> = if selection.delta.is_empty() {
        vec![None; m]
    } else {
        expand(&selection.delta, m, "{field:selmodel_delta}")?
    };
    if selection.kind == Kind::StepFunction && (fixed[0].is_none() || selection.decreasing) {
        fixed[0] = Some(1.0);
    }
    if selection.decreasing {
        if selection.kind != Kind::StepFunction {
            return Err(Error::field(
                "selmodel_decreasing",
                format!("is for the step function, not {name}"),
            ));
        }
        if fixed[1..].iter().any(Option::is_some) {
            return Err(Error::field(
                "selmodel_decreasing",
                "cannot be combined with fixed values of δ beyond the first",
            ));
        }
    }
    for (j, d) in fixed.iter().enumerate() {
        if let Some(d) = d {
            let [lb, ub] = space[j];
            // The beta function's δ must be positive; the others' may be 0.
            let below = if selection.kind == Kind::Beta {
                *d <= lb
            } else {
                *d < lb
            };
            if below || *d > ub {
                return Err(Error::field(
                    "selmodel_delta",
                    format!(
                        "δ{} = {d} is outside the {name} function's parameter space \
                         ({}{lb}, {ub})",
                        j + 1,
                        if selection.kind == Kind::Beta {
                            ""
                        } else {
                            "["
                        }
                    ),
                ));
            }
        }
    }
    Ok(fixed)
}

/// The search limits `(delta.min, delta.max)` of each δ (the function's defaults or the
/// user's), checked to lie inside its parameter space in order.
fn delta_limits(selection: &Selection, f: &dyn SelectionFunction) -> Result<(Vec<f64>, Vec<f64>)> {
    let m = f.parameters();
    let space = f.space();
    let name = f.name();
    let defaults = f.limits();
    let lower_limits = match &selection.delta_min {
        Some(x) => expand(x, m, "{field:selmodel_delta_min}")?,
        None => defaults.iter().map(|l| l[0]).collect(),
    };
    let upper_limits = match &selection.delta_max {
        Some(x) => expand(x, m, "{field:selmodel_delta_max}")?,
        None => defaults.iter().map(|l| l[1]).collect(),
    };
    for j in 0..m {
        let [lb, ub] = space[j];
        let (lo, hi) = (lower_limits[j], upper_limits[j]);
        if lo < lb || hi > ub || hi < lo || (selection.kind == Kind::Beta && lo <= lb) {
            return Err(Error::input(
                if hi < lo || hi > ub {
                    "{field:selmodel_delta_max}"
                } else {
                    "{field:selmodel_delta_min}"
                },
                format!(
                    "the limits [{lo}, {hi}] of δ{} are not inside the {name} function's \
                     parameter space [{lb}, {ub}], or the lower exceeds the upper",
                    j + 1
                ),
            ));
        }
    }
    Ok((lower_limits, upper_limits))
}

/// The number of studies whose p-value `p` falls in each interval of the cut points; an error
/// when a step function's estimated δ has an empty interval.
fn studies_per_interval(
    selection: &Selection,
    p: &[f64],
    fixed: &[Option<f64>],
    m: usize,
) -> Result<Vec<usize>> {
    if selection.kind == Kind::Truncated {
        return Ok(Vec::new());
    }
    let mut k_per_interval = vec![0; selection.steps.len()];
    for pi in p {
        if let Some(j) = selection.steps.iter().position(|s| pi <= s) {
            k_per_interval[j] += 1;
        }
    }
    if selection.kind == Kind::StepFunction {
        if let Some(j) = (0..m).find(|&j| k_per_interval[j] == 0 && fixed[j].is_none()) {
            let lo = if j == 0 { 0.0 } else { selection.steps[j - 1] };
            return Err(Error::field(
                "selmodel",
                format!(
                    "no study has a one-sided p-value in ({lo}, {}]; the selection probability \
                     of an empty interval cannot be estimated: choose other cut points or fix \
                     its δ",
                    selection.steps[j]
                ),
            ));
        }
    }
    Ok(k_per_interval)
}

/// The ML log-likelihood of the model without selection, at its estimates `beta0`, `tau2_0`.
fn null_log_likelihood(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    beta0: &[f64],
    tau2_0: f64,
) -> f64 {
    (0..y.len())
        .map(|i| {
            let s2 = v[i] + tau2_0;
            let mu: f64 = design.row(i).iter().zip(beta0).map(|(a, b)| a * b).sum();
            -0.5 * ((2.0 * std::f64::consts::PI).ln() + s2.ln() + (y[i] - mu).powi(2) / s2)
        })
        .sum()
}

/// The search space of the likelihood's maximisation.
///
/// The search runs over x = (β, [τ²], free δ), each δ mapped into its limits by
/// δ = lo + (hi − lo)/(1 + e^(−θ)) (metafor's `.mapfun`), or with `decreasing` over the
/// log-decrements uⱼ = log δⱼ₋₁ − log δⱼ ≥ 0. In `par` (the likelihood's order) τ² is at
/// `np` and δⱼ at `dp + j`.
struct Search<'a> {
    /// Number of coefficients β.
    np: usize,
    /// τ² when it is not estimated.
    fixed_tau2: Option<f64>,
    /// The fixed δ, `None` for those estimated.
    fixed: &'a [Option<f64>],
    /// The positions of the estimated δ.
    free_delta: &'a [usize],
    lower_limits: &'a [f64],
    upper_limits: &'a [f64],
    /// The selection function's least δ.
    floor: f64,
    /// The step function's δ kept non-increasing.
    decreasing: bool,
}

impl Search<'_> {
    /// Whether τ² is estimated.
    fn tau2_free(&self) -> bool {
        self.fixed_tau2.is_none()
    }

    /// The position of δ₁ in `par`.
    fn dp(&self) -> usize {
        self.np + 1
    }

    /// The least value δⱼ may take in the search.
    fn floor_of(&self, j: usize) -> f64 {
        self.lower_limits[j].max(self.floor)
    }

    /// The likelihood's parameters `par` = (β, τ², δ) at the search point `x`.
    fn to_par(&self, x: &[f64]) -> Vec<f64> {
        let np = self.np;
        let offset = np + usize::from(self.tau2_free());
        let mut par = x[..np].to_vec();
        par.push(self.fixed_tau2.unwrap_or_else(|| x[np]));
        let mut delta: Vec<f64> = self.fixed.iter().map(|d| d.unwrap_or(0.0)).collect();
        if self.decreasing {
            let mut log_delta = 0.0;
            for (a, &j) in self.free_delta.iter().enumerate() {
                log_delta -= x[offset + a];
                delta[j] = log_delta.exp();
            }
        } else {
            for (a, &j) in self.free_delta.iter().enumerate() {
                let (lo, hi) = (self.floor_of(j), self.upper_limits[j]);
                delta[j] = lo + (hi - lo) / (1.0 + (-x[offset + a]).exp());
            }
        }
        par.extend(delta);
        par
    }

    /// The gradient `g` on the likelihood's parameters at `par`, carried to the search's.
    fn to_search_gradient(&self, par: &[f64], g: &[f64]) -> Vec<f64> {
        let (np, dp) = (self.np, self.dp());
        let mut out = g[..np].to_vec();
        if self.tau2_free() {
            out.push(g[np]);
        }
        if self.decreasing {
            // δⱼ = exp(−Σ_{l ≤ j} u_l): ∂/∂u_l = −Σ_{j ≥ l} δⱼ ∂/∂δⱼ
            let mut tail = 0.0;
            let mut rev = Vec::with_capacity(self.free_delta.len());
            for &j in self.free_delta.iter().rev() {
                tail += par[dp + j] * g[dp + j];
                rev.push(-tail);
            }
            out.extend(rev.into_iter().rev());
        } else {
            for &j in self.free_delta {
                let (lo, hi, d) = (self.floor_of(j), self.upper_limits[j], par[dp + j]);
                out.push(g[dp + j] * (d - lo) * (hi - d) / (hi - lo));
            }
        }
        out
    }

    /// The search's starting point (the model without selection's `beta0`, `tau2_0`, and the
    /// function's `start` δ strictly inside the limits) and its lower bounds.
    fn start(&self, beta0: &[f64], tau2_0: f64, start: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let mut x0 = beta0.to_vec();
        let mut lower = vec![f64::NEG_INFINITY; self.np];
        if self.tau2_free() {
            x0.push(tau2_0);
            lower.push(0.0);
        }
        for &j in self.free_delta {
            if self.decreasing {
                x0.push(0.1);
                lower.push(0.0);
            } else {
                let (lo, hi) = (self.floor_of(j), self.upper_limits[j]);
                if hi > lo {
                    // strictly inside the limits
                    let u = ((start[j] - lo) / (hi - lo)).clamp(0.05, 0.95);
                    x0.push((u / (1.0 - u)).ln());
                } else {
                    x0.push(0.0);
                }
                lower.push(f64::NEG_INFINITY);
            }
        }
        (x0, lower)
    }

    /// Whether δⱼ in `par` keeps the order `decreasing` asks for.
    fn ordered(&self, par: &[f64], j: usize) -> bool {
        let dp = self.dp();
        !self.decreasing || par[dp + j] < par[dp + j - 1]
    }

    /// The maximum of the likelihood `lik` and its parameters `(par, log-likelihood)`: the
    /// quasi-Newton search from the model without selection's estimates, finished by Newton
    /// steps on the parameters inside their limits, kept only if they stay inside (and, with
    /// `decreasing`, in order).
    fn maximise(
        &self,
        lik: &Likelihood<'_>,
        beta0: &[f64],
        tau2_0: f64,
        start: &[f64],
    ) -> Result<(Vec<f64>, f64)> {
        let objective = |x: &[f64]| -> f64 {
            let (ll, _) = lik.eval(&self.to_par(x));
            if ll.is_finite() { -ll } else { f64::INFINITY }
        };
        let gradient = |x: &[f64]| -> Option<Vec<f64>> {
            let par = self.to_par(x);
            let (ll, g) = lik.eval(&par);
            (ll.is_finite() && g.iter().all(|d| d.is_finite())).then(|| {
                self.to_search_gradient(&par, &g)
                    .into_iter()
                    .map(|d| -d)
                    .collect()
            })
        };
        let (x0, lower) = self.start(beta0, tau2_0, start);
        let opt = minimize_with(&objective, Some(&gradient), &x0, &lower);
        if !opt.value.is_finite() {
            return Err(Error::not_converged(
                "selection model likelihood",
                "the selection model's likelihood could not be maximised".into(),
            ));
        }
        let searched = self.to_par(&opt.x);

        let (np, dp) = (self.np, self.dp());
        let inside = |j: usize, par: &[f64]| {
            let d = par[dp + j];
            let tol = 1e-9 * d.abs().max(1e-3);
            d > self.floor_of(j) + tol && d < self.upper_limits[j] - tol
        };
        let mut idx: Vec<usize> = (0..np).collect();
        if self.tau2_free() && searched[np] > 0.0 {
            idx.push(np);
        }
        idx.extend(
            self.free_delta
                .iter()
                .filter(|&&j| inside(j, &searched) && self.ordered(&searched, j))
                .map(|j| dp + j),
        );
        let eval = |par: &[f64]| lik.eval(par);
        let mut bounds = vec![f64::NEG_INFINITY; np];
        bounds.push(0.0);
        bounds.extend((0..self.fixed.len()).map(|j| self.floor_of(j)));
        let (polished, polished_ll) = polish(&eval, &searched, &idx, &bounds);
        let feasible = self.free_delta.iter().all(|&j| {
            polished[dp + j] <= self.upper_limits[j] && (j == 0 || self.ordered(&polished, j))
        });
        Ok(if feasible && polished_ll >= -opt.value {
            (polished, polished_ll)
        } else {
            (searched, -opt.value)
        })
    }
}

/// The Wald inference at the maximum: coefficients, their covariance, τ²'s SE and interval,
/// and the tests of the estimated δ.
struct Estimates {
    coefficients: Vec<Coefficient>,
    vcov: Vec<Vec<f64>>,
    tau2_se: Option<f64>,
    tau2_ci: Option<[f64; 2]>,
    delta_tests: Vec<DeltaTest>,
}

impl Estimates {
    /// The estimates' SEs from the inverse Hessian of `lik` at `par`, as metafor takes it: τ²
    /// left out below its `tau2tol` (and when fixed), a step function's δ below its
    /// `deltatol` 10⁻⁴ left out.
    fn at_maximum(
        search: &Search<'_>,
        lik: &Likelihood<'_>,
        par: &[f64],
        selection: &Selection,
        options: &MetaOptions,
    ) -> Result<Self> {
        let (np, dp) = (search.np, search.dp());
        let tau2_hat = par[np];
        let tau2_tol = lik.v.iter().fold(1e-4_f64, |a, vi| a.min(vi / 10.0));
        let mut hes: Vec<usize> = (0..np).collect();
        if search.tau2_free() && tau2_hat >= tau2_tol {
            hes.push(np);
        }
        hes.extend(
            search
                .free_delta
                .iter()
                .filter(|&&j| !(selection.kind == Kind::StepFunction && par[dp + j] < 1e-4))
                .map(|j| dp + j),
        );
        let eval = |par: &[f64]| lik.eval(par);
        let inverse = (-hessian(&eval, par, &hes))
            .try_inverse()
            .filter(|inv| (0..np).all(|j| inv[(j, j)].is_finite() && inv[(j, j)] > 0.0))
            .ok_or_else(|| {
                Error::singular(
                    "information matrix",
                    "the selection model's information matrix is singular at the maximum".into(),
                )
            })?;
        let z = z_crit(options.level.value());
        let coefficients: Vec<Coefficient> = (0..np)
            .map(|j| Coefficient {
                name: lik.x.names[j].clone(),
                tested: TestedEstimate::new(par[j], inverse[(j, j)].sqrt(), None, z),
            })
            .collect();
        let vcov: Vec<Vec<f64>> = (0..np)
            .map(|a| (0..np).map(|b| inverse[(a, b)]).collect())
            .collect();
        let se_of = |parameter: usize| {
            hes.iter()
                .position(|&j| j == parameter)
                .map(|a| inverse[(a, a)].max(0.0).sqrt())
        };
        let tau2_se = se_of(np);
        let tau2_ci = tau2_se.map(|s| [(tau2_hat - z * s).max(0.0), tau2_hat + z * s]);
        let null = lik.f.no_selection();
        let space = lik.f.space();
        let delta_tests = search
            .free_delta
            .iter()
            .filter_map(|&j| {
                let s = se_of(dp + j)?;
                let d = par[dp + j];
                let statistic = (d - null[j]) / s;
                let low = space[j][0].max(search.lower_limits[j]);
                let high = space[j][1].min(search.upper_limits[j]);
                Some(DeltaTest {
                    parameter: j + 1,
                    delta: d,
                    null: null[j],
                    se: s,
                    z: statistic,
                    p: p_two_sided_z(statistic),
                    ci_lower: (d - z * s).max(low),
                    ci_upper: (d + z * s).min(high),
                })
            })
            .collect();
        Ok(Estimates {
            coefficients,
            vcov,
            tau2_se,
            tau2_ci,
            delta_tests,
        })
    }
}

impl SelectionModel {
    /// Test the coefficients named or numbered by `spec` (`--btt`: positions from 1 = the
    /// intercept, or names; metafor's `btt`, which `selmodel` carries over from the model)
    /// instead of the default, by the Wald test on the selection model's covariance.
    pub fn set_btt(&mut self, spec: &str) -> Result<()> {
        let names: Vec<String> = self.coefficients.iter().map(|c| c.name.clone()).collect();
        let btt = linear::parse_btt(spec, &names)?;
        self.test_coefficients(&btt)
    }

    fn test_coefficients(&mut self, btt: &[usize]) -> Result<()> {
        let names: Vec<String> = self.coefficients.iter().map(|c| c.name.clone()).collect();
        let beta: Vec<f64> = self.coefficients.iter().map(|c| c.estimate).collect();
        let inference = linear::Inference::Model(linear::Coefficients {
            names: &names,
            beta: &beta,
            vcov: &self.vcov,
            df: None,
        });
        let test = linear::wald_test_with(&names, inference, btt)?;
        self.qm = Some(test.statistic);
        self.qm_df = Some(test.df1);
        self.qm_p = Some(test.p);
        self.qm_coefficients = test.coefficients;
        Ok(())
    }
}
