//! The random- and mixed-effects model of `rma.uni` as `trialstats meta` reports it: [`fit`]
//! puts together the fitted model ([`crate::meta::fitting`]), the Q-profile interval, the
//! prediction interval, R², Egger's test and, on request, the leave-one-out and case-deletion
//! diagnostics into one [`MetaFit`], after refusing data double precision cannot fit.

use crate::dist::z_crit;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::meta::bayes;
use crate::meta::bias::egger::{self, Egger, PetPeese};
use crate::meta::bias::failsafe::FailSafeN;
use crate::meta::bias::ranktest::RankTest;
use crate::meta::bias::selmodel::SelectionModel;
use crate::meta::bias::trimfill::TrimFill;
use crate::meta::fitting::contrast::{self, Contrasts, PAdjust};
use crate::meta::fitting::fitstats::ShownStatistics;
use crate::meta::fitting::linear::{self, Inference, Prediction, WaldTest};
use crate::meta::fitting::model::{self, Coefficient, FittedModel, Weighting};
use crate::meta::fitting::per_study::{self, StudyPrediction};
use crate::meta::fitting::spec::{
    MAX_REFITS, MetaData, MetaOptions, Method, Tau2Interval, Test, validate,
};
use crate::meta::fitting::{gls, heterogeneity, likelihood, moderators, robust, tau2};
use crate::meta::subsets::influence::{self, BaujatPoint, Influence, LeaveOneOut};
use crate::meta::subsets::subgroup::SubgroupTest;
use crate::meta::subsets::subset::SubsetSummary;
use crate::model_matrix::ModelMatrix;
use serde::Serialize;

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
    /// Confidence interval for τ² (absent for FE, k = 1 or k = p): Q-profile, or as
    /// `tau2_ci_type` says.
    pub tau2_ci: Option<[f64; 2]>,
    /// `QP`, `PL` or `Wald` (metafor's `confint` types).
    pub tau2_ci_type: &'static str,
    /// I² (percent) and H² at the bounds of `tau2_ci` (metafor's `confint`).
    pub i2_ci: Option<[f64; 2]>,
    pub h2_ci: Option<[f64; 2]>,
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
    /// Log-likelihood, deviance, AIC, BIC and AICc, under REML for a REML fit and ML otherwise
    /// (metafor's `fitstats(res)`).
    pub fit_statistics: ShownStatistics,
    /// The same under the other likelihood (metafor's `fitstats(res, REML = ...)`).
    pub fit_statistics_other: ShownStatistics,
    /// Fitted values, BLUPs, random effects, standardised residuals and hat values
    /// (`--blup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_study: Option<Vec<StudyPrediction>>,
    /// The hat matrix (`--hat-matrix`), k×k, row-major.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hat_matrix: Option<Vec<Vec<f64>>>,
    /// The Wald test of some coefficients (`--btt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub btt: Option<WaldTest>,
    /// Predictions at new moderator values (`--newmods`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predictions: Option<Vec<Prediction>>,
    /// Tests of linear combinations of the coefficients (`--contrast`, `--pairwise`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contrasts: Option<Contrasts>,
    /// Covariance matrix of the coefficients (p×p, row-major).
    pub vcov: Vec<Vec<f64>>,
    /// One model per subgroup (`--subgroup`); in JSON each names its subgroup `level`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "subgroups_json"
    )]
    pub subgroups: Option<Vec<SubsetSummary>>,
    /// The test for subgroup differences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subgroup_test: Option<SubgroupTest>,
    /// The cumulative meta-analysis (`--cumulative`), one row per study in that order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cumulative: Option<Vec<SubsetSummary>>,
    /// Trim and fill (`--trimfill`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trimfill: Option<TrimFill>,
    /// Fail-safe N (`--fsn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fsn: Option<FailSafeN>,
    /// Begg and Mazumdar's rank correlation test (`--ranktest`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranktest: Option<RankTest>,
    /// PET-PEESE (`--pet-peese`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pet_peese: Option<PetPeese>,
    /// The selection model (`--selmodel`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selmodel: Option<SelectionModel>,
    /// Cluster-robust CR2 tests (`--robust`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robust: Option<robust::RobustTests>,
    /// What the reader must know about the intervals: a Knapp–Hartung interval narrower than
    /// the standard random-effects or the fixed-effect one, τ² = 0 from fewer than 5 studies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The Bayesian model (`--bayes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bayes: Option<bayes::BayesFit>,
    /// The estimate and its intervals back on the ratio scale (`--exp`, for log ratios), as
    /// metafor's `predict(res, transf = exp)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exponentiated: Option<BackTransformed>,
    /// A pooled Fisher z (ZCOR) back on the correlation scale (`--ztor`), as metafor's
    /// `predict(res, transf = transf.ztor)`: tanh of the estimate and of each interval's ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_correlation: Option<BackTransformed>,
}

/// A pooled estimate back on its natural scale by a monotone increasing transformation: `exp`
/// of a log ratio (metafor's `predict(res, transf = exp)`) or tanh of a Fisher z
/// (`transf = transf.ztor`), of the estimate and of each interval's ends (the SE has no
/// back-transform, so none is given).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackTransformed {
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// The prediction interval, where the fit has one.
    pub pi_lower: Option<f64>,
    pub pi_upper: Option<f64>,
}

impl MetaFit {
    /// Put the estimate and its intervals back on the ratio scale (see [`BackTransformed`]).
    pub fn exponentiate(&mut self) {
        self.exponentiated = Some(self.back_transformed(f64::exp));
    }

    /// Put a pooled Fisher z (ZCOR) and its intervals back on the correlation scale (see
    /// [`MetaFit::as_correlation`]).
    pub fn z_to_correlation(&mut self) {
        self.as_correlation = Some(self.back_transformed(crate::effect::correlation::z_to_r));
    }

    fn back_transformed(&self, f: fn(f64) -> f64) -> BackTransformed {
        BackTransformed {
            estimate: f(self.estimate),
            ci_lower: f(self.ci_lower),
            ci_upper: f(self.ci_upper),
            pi_lower: self.pi_lower.map(f),
            pi_upper: self.pi_upper.map(f),
        }
    }
}

/// Fewer studies than this, with τ̂² = 0, get a note that τ² was not really estimable.
pub const FEW_STUDIES: usize = 5;

/// The warnings of a fit about its intervals (see [`MetaFit::warnings`]): `re_half` is the
/// half-width of the standard random-effects interval of the first coefficient (z and the
/// model's τ², without the Knapp–Hartung scale), `fe_half` that of the fixed-effect interval
/// (intercept-only models).
fn interval_warnings(
    fit_half: f64,
    re_half: f64,
    fe_half: Option<f64>,
    test: Test,
    method: Method,
    k: usize,
    tau2: f64,
) -> Vec<String> {
    let mut out = Vec::new();
    if test == Test::Knha {
        if fit_half < re_half {
            out.push(format!(
                "the Knapp-Hartung interval is narrower than the standard random-effects one \
                 (half-width {} against {}): its scale factor is below 1, which happens when the \
                 studies agree more than their variances say; the ad hoc correction (metafor's test = \"adhoc\") keeps it at least as wide",
                crate::output::human_number(fit_half),
                crate::output::human_number(re_half)
            ));
        }
        if let Some(fe) = fe_half {
            if fit_half < fe {
                out.push(format!(
                    "the Knapp-Hartung interval is narrower than the fixed-effect one (half-width \
                     {} against {}); the ad hoc correction (metafor's test = \"adhoc\") keeps it at least as wide as the random-effects one",
                    crate::output::human_number(fit_half),
                    crate::output::human_number(fe)
                ));
            }
        }
    }
    if method != Method::FE && tau2 == 0.0 && k < FEW_STUDIES {
        out.push(format!(
            "tau^2 is estimated as 0 from {k} studies: so few studies cannot tell how much the true \
             effects differ, and the random-effects interval has become the fixed-effect one; \
             consider a Bayesian fit with a weakly informative prior on tau, or the ad hoc correction (metafor's test = \"adhoc\")"
        ));
    }
    out
}

/// The subgroup fits as the JSON contract names them: `level` for the subgroup's label.
fn subgroups_json<S: serde::Serializer>(
    subgroups: &Option<Vec<SubsetSummary>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::{Error as _, SerializeSeq};
    let rows = subgroups.as_deref().unwrap_or(&[]);
    let mut seq = s.serialize_seq(Some(rows.len()))?;
    for row in rows {
        let mut value = serde_json::to_value(row).map_err(S::Error::custom)?;
        if let Some(object) = value.as_object_mut() {
            if let Some(label) = object.remove("label") {
                object.insert("level".to_string(), label);
            }
        }
        seq.serialize_element(&value)?;
    }
    seq.end()
}

impl MetaFit {
    fn coefficient_names(&self) -> Vec<String> {
        self.coefficients.iter().map(|c| c.name.clone()).collect()
    }

    fn beta(&self) -> Vec<f64> {
        self.coefficients.iter().map(|c| c.estimate).collect()
    }

    /// How linear combinations are tested: by the cluster-robust covariance after `--robust`,
    /// else by the model's.
    fn inference<'a>(&'a self, names: &'a [String], beta: &'a [f64]) -> Inference<'a> {
        match &self.robust {
            Some(r) => Inference::Robust(&r.sandwich),
            None => Inference::Model(linear::Coefficients {
                names,
                beta,
                vcov: &self.vcov,
                df: self.df,
            }),
        }
    }

    /// The Wald test of the coefficients named or numbered by `spec` (metafor's `btt`).
    pub fn wald_test(&self, spec: &str) -> Result<WaldTest> {
        let (names, beta) = (self.coefficient_names(), self.beta());
        let btt = linear::parse_btt(spec, &names)?;
        linear::wald_test_with(&names, self.inference(&names, &beta), &btt)
    }

    /// Predictions at the moderator values `rows` (each comma-separated, metafor's `newmods`).
    pub fn predict(&self, rows: &[String]) -> Result<Vec<Prediction>> {
        let (names, beta) = (self.coefficient_names(), self.beta());
        let values = rows
            .iter()
            .map(|r| linear::parse_newmods(r, &names))
            .collect::<Result<Vec<_>>>()?;
        Ok(linear::predict_with(
            &beta,
            self.inference(&names, &beta),
            self.tau2,
            self.level.value(),
            &values,
        ))
    }

    /// The pooled estimate as a prediction (metafor's `predict(res)` without `newmods`): under
    /// `--robust` with the robust SE, df and intervals.
    pub fn predict_intercept(&self) -> Result<Prediction> {
        let (names, beta) = (self.coefficient_names(), self.beta());
        if beta.len() != 1 {
            return Err(Error::field(
                "newmods",
                "the model has moderators: give the values to predict at",
            ));
        }
        Ok(linear::predict_with(
            &beta,
            self.inference(&names, &beta),
            self.tau2,
            self.level.value(),
            &[Vec::new()],
        )
        .remove(0))
    }

    /// Tests of the linear combinations `rows` (each comma-separated weights, metafor's
    /// `anova(X = )`) and of the pairwise differences of the coefficients `pairwise` (as
    /// `--btt`; metafor's `pairmat`), with p-values adjusted by `adjust`.
    pub fn contrasts(
        &self,
        rows: &[String],
        pairwise: Option<&str>,
        adjust: PAdjust,
    ) -> Result<Contrasts> {
        let (names, beta) = (self.coefficient_names(), self.beta());
        let mut weights = rows
            .iter()
            .map(|r| contrast::parse_contrast(r, &names))
            .collect::<Result<Vec<_>>>()?;
        if let Some(spec) = pairwise {
            weights.extend(contrast::pairwise(spec, &names)?);
        }
        contrast::contrasts(
            &names,
            &beta,
            self.inference(&names, &beta),
            &weights,
            self.level.value(),
            adjust,
        )
    }

    /// The Baujat points of this fit (fitted to `data` with `o`; intercept-only models).
    pub fn baujat(&self, data: &MetaData, o: &MetaOptions) -> Result<Vec<BaujatPoint>> {
        influence::baujat(self.coefficients.len(), self.estimate, self.tau2, data, o)
    }
}

/// Fit the meta-analysis (metafor: `rma(yi, vi, mods = ..., method = ..., test = ...)`).
///
/// ```
/// use trialstats_stats::meta::{fit, MetaData, MetaOptions, Method};
/// // The BCG vaccine trials' log risk ratios, as metafor computes them:
/// // dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
/// let yi = [-0.88931133392020545, -1.5853886572014306, -1.3480731482996933,
///     -1.4415511900213054, -0.21754732221129558, -0.78611558581886398, -1.6208982235983918,
///     0.011952333523840508, -0.4694176487381494, -1.3713448034727844, -0.33935882833839059,
///     0.44591340057137874, -0.017313948216879815];
/// let vi = [0.32558476500396133, 0.19458112139814385, 0.41536796536796539,
///     0.020010031902247573, 0.051210172169630863, 0.0069056184559087574, 0.22301724757231517,
///     0.0039615792978177295, 0.056434210463248966, 0.07302479361302891, 0.01241221397155972,
///     0.53250584520015276, 0.071404659683986293];
/// let data = MetaData::from_triples(
///     yi.iter().zip(vi).enumerate().map(|(i, (&y, v))| ((i + 1).to_string(), y, v)).collect(),
/// );
/// // R: rma(yi, vi, data=dat, method="DL") gives -0.71411722207322692 (SE 0.1787420895354031),
/// // tau^2 0.30876026286237618 (metafor 3.8.1).
/// let dl = fit(&data, &MetaOptions { method: Method::DL, ..MetaOptions::default() })?;
/// assert!((dl.estimate - -0.71411722207322692).abs() < 1e-9);
/// assert!((dl.se - 0.1787420895354031).abs() < 1e-9);
/// assert!((dl.tau2 - 0.30876026286237618).abs() < 1e-9);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
///
/// The fit carries Egger's regression test of funnel asymmetry:
///
/// ```
/// use trialstats_stats::meta::{fit, MetaData, MetaOptions};
/// // The BCG vaccine trials' log risk ratios, as metafor computes them:
/// // dat <- escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
/// let yi = [-0.88931133392020545, -1.5853886572014306, -1.3480731482996933,
///     -1.4415511900213054, -0.21754732221129558, -0.78611558581886398, -1.6208982235983918,
///     0.011952333523840508, -0.4694176487381494, -1.3713448034727844, -0.33935882833839059,
///     0.44591340057137874, -0.017313948216879815];
/// let vi = [0.32558476500396133, 0.19458112139814385, 0.41536796536796539,
///     0.020010031902247573, 0.051210172169630863, 0.0069056184559087574, 0.22301724757231517,
///     0.0039615792978177295, 0.056434210463248966, 0.07302479361302891, 0.01241221397155972,
///     0.53250584520015276, 0.071404659683986293];
/// let data = MetaData::from_triples(
///     yi.iter().zip(vi).enumerate().map(|(i, (&y, v))| ((i + 1).to_string(), y, v)).collect(),
/// );
/// // R: regtest(rma(yi, vi, data=dat)) gives z = -0.80332919309080397, p = 0.421784488855319.
/// let egger = fit(&data, &MetaOptions::default())?.egger.unwrap();
/// assert!((egger.statistic - -0.80332919309080397).abs() < 1e-6);
/// assert!((egger.p - 0.421784488855319).abs() < 1e-6);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn fit(data: &MetaData, options: &MetaOptions) -> Result<MetaFit> {
    fit_weighted(data, options, Weighting::InverseVariance)
}

/// [`fit`] with the coefficients estimated with the user's weights or unweighted (metafor's
/// `rma(weights = )` and `weighted = FALSE`; see [`Weighting`]). The per-study diagnostics
/// (leave-one-out, influence, BLUPs, the hat matrix) and the profile-likelihood interval of
/// τ² are those of inverse-variance weights only, and are refused with other weights; Egger's
/// test is left out.
pub fn fit_weighted(
    data: &MetaData,
    options: &MetaOptions,
    weighting: Weighting,
) -> Result<MetaFit> {
    validate(data)?;
    let weighted = weighting != Weighting::InverseVariance;
    check_weighting(data, options, weighting)?;
    let level = options.level.value();
    check_magnitudes(data)?;
    let k = data.yi.len();
    let design = data.design()?;
    if k < design.p {
        return Err(Error::field(
            "mods",
            format!(
                "{k} studies but the model has {} coefficients ({}); fewer studies than \
                 coefficients cannot be fitted",
                design.p,
                design.names.join(", ")
            ),
        ));
    }
    let (y, v) = (&data.yi[..], &data.vi[..]);
    let model = FittedModel::weighted(
        &design,
        y,
        v,
        options.method,
        options.test,
        level,
        weighting,
    )?;
    let tau2 = model.tau2.tau2;
    let tau2_ci = tau2_interval(&design, y, v, options, &model, weighting)?;
    let coefficients: Vec<Coefficient> = (0..design.p)
        .map(|j| Coefficient {
            name: design.names[j].clone(),
            tested: model.tested(j),
        })
        .collect();
    let (pi_lower, pi_upper) = if design.is_intercept_only() {
        let half = model.crit * (model.vb[(0, 0)] + tau2).sqrt();
        let b = model.fit.beta[0];
        (Some(b - half), Some(b + half))
    } else {
        (None, None)
    };
    // R² compares τ² with the intercept-only model's estimate: a fixed τ² has none.
    let r2 = if design.is_intercept_only() || options.method.is_fixed() {
        None
    } else {
        Some(r_squared(&design, y, v, options.method, &model, weighting)?)
    };
    let parts = FitParts {
        k,
        tau2_ci,
        coefficients,
        pi: [pi_lower, pi_upper],
        r2,
        studies: study_results(data, level, &model),
        egger: egger_if_finite(&design, data, options, weighted),
        diagnostics: Diagnostics::compute(&design, data, options, &model)?,
        warnings: fit_warnings(&design, v, options, &model, weighted),
    };
    let fit = assemble(&design, options, &model, parts);
    check_finite(&fit, data)?;
    Ok(fit)
}

/// Checks the options against the weighting: the user's weights must fit the data, other
/// weights refuse the diagnostics of inverse-variance weights, and GENQ needs the user's.
fn check_weighting(data: &MetaData, options: &MetaOptions, weighting: Weighting) -> Result<()> {
    let weighted = weighting != Weighting::InverseVariance;
    if let Weighting::User(a) = weighting {
        check_weights(data, a)?;
    }
    if weighted {
        let refused = [
            (options.leave_one_out, "{field:leave_one_out}"),
            (options.influence, "{field:influence}"),
            (options.per_study, "{field:blup}"),
            (options.hat_matrix, "{field:hat_matrix}"),
            (
                options.tau2_interval == Tau2Interval::ProfileLikelihood,
                "{field:tau2_ci} PL",
            ),
        ];
        if let Some((_, option)) = refused.iter().find(|(asked, _)| *asked) {
            return Err(Error::input(
                *option,
                "is computed for inverse-variance weights only; leave out {field:weights}/{field:unweighted}, or this option",
            ));
        }
    } else if options.method == Method::GENQ {
        return Err(Error::field(
            "method",
            "GENQ estimates tau^2 with the user's weights; give them with {field:weights} COL",
        ));
    }
    Ok(())
}

/// The fit's interval of τ² (`--tau2-ci`): none for a fixed-effect model, a fixed τ², or no
/// more studies than coefficients; the generalised Q one for a GENQ fit only (as metafor).
fn tau2_interval(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
    model: &FittedModel,
    weighting: Weighting,
) -> Result<Option<[f64; 2]>> {
    let genq_weights = match (options.method, weighting) {
        (Method::GENQ, Weighting::User(a)) => Some(a),
        _ => None,
    };
    if options.tau2_interval == Tau2Interval::GeneralisedQ && genq_weights.is_none() {
        return Err(Error::field(
            "tau2_ci",
            "the generalised Q interval (GENQ) is for a model fitted with {field:method} GENQ",
        ));
    }
    let level = options.level.value();
    let tau2 = model.tau2.tau2;
    let random = options.method != Method::FE;
    Ok(
        if random && !options.method.is_fixed() && y.len() > design.p {
            // On the centred and scaled design the model uses (the same column space, so the
            // same Q profile and likelihood, computed without the cancellation of uncentred
            // moderators).
            let standardised = model::Standardised::new(design);
            let work = standardised.as_ref().map_or(design, |s| &s.design);
            Some(match options.tau2_interval {
                Tau2Interval::QProfile => heterogeneity::q_profile_interval(work, y, v, level)?,
                Tau2Interval::ProfileLikelihood => likelihood::profile_interval(
                    work,
                    y,
                    v,
                    options.method == Method::REML,
                    tau2,
                    level,
                )?,
                Tau2Interval::Wald => {
                    let half = z_crit(level) * model.tau2.se.unwrap_or(f64::NAN);
                    [(tau2 - half).max(0.0), tau2 + half]
                }
                Tau2Interval::GeneralisedQ => heterogeneity::generalised_q_interval(
                    work,
                    y,
                    v,
                    genq_weights.unwrap_or_default(),
                    level,
                )?,
            })
        } else {
            None
        },
    )
}

/// Each study's own estimate with its Wald interval at `level` and its share of the model's
/// weight.
fn study_results(data: &MetaData, level: f64, model: &FittedModel) -> Vec<StudyResult> {
    let (y, v) = (&data.yi[..], &data.vi[..]);
    let z = z_crit(level);
    let sum_w = model.fit.sum_weights();
    (0..y.len())
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
        .collect()
}

/// Egger's test of the fit; as when it cannot be fitted, it is left out when its arithmetic
/// fails (and with other weights, `weighted`, which metafor's regtest would carry into its
/// regression).
fn egger_if_finite(
    design: &ModelMatrix,
    data: &MetaData,
    options: &MetaOptions,
    weighted: bool,
) -> Option<Egger> {
    let (y, v) = (&data.yi[..], &data.vi[..]);
    egger::egger_test(design, y, v, options).ok().filter(|e| {
        !weighted && {
            let finite = |x: f64| x.is_finite();
            finite(e.slope)
                && !e.statistic.is_nan()
                && finite(e.p)
                && e.limit_estimate.is_none_or(finite)
                && e.limit_ci.is_none_or(|[a, b]| finite(a) && finite(b))
        }
    })
}

/// The per-study diagnostics the options ask for.
struct Diagnostics {
    leave_one_out: Option<LeaveOneOut>,
    influence: Option<Influence>,
    per_study: Option<Vec<StudyPrediction>>,
    hat_matrix: Option<Vec<Vec<f64>>>,
}

impl Diagnostics {
    /// The leave-one-out fits, influence, BLUPs and hat matrix the options ask for (the refits
    /// refused beyond [`MAX_REFITS`] studies).
    fn compute(
        design: &ModelMatrix,
        data: &MetaData,
        options: &MetaOptions,
        model: &FittedModel,
    ) -> Result<Self> {
        let k = data.yi.len();
        if (options.leave_one_out || options.influence) && k > MAX_REFITS {
            return Err(Error::input(
                if options.leave_one_out {
                    "{field:leave_one_out}"
                } else {
                    "{field:influence}"
                },
                format!(
                    "{k} studies: the diagnostics refit the model once per study (work growing with k²); they are computed for up to {MAX_REFITS} studies"
                ),
            ));
        }
        let leave_one_out = if options.leave_one_out {
            Some(influence::leave_one_out(design, data, options)?)
        } else {
            None
        };
        let influence = if options.influence {
            Some(influence::influence(design, data, options, model)?)
        } else {
            None
        };
        let random = options.method != Method::FE;
        let (y, v) = (&data.yi[..], &data.vi[..]);
        let per_study = options
            .per_study
            .then(|| per_study::per_study(design, &data.labels, y, v, model, random));
        let hat_matrix = if options.hat_matrix {
            Some(per_study::hat_matrix(design, model)?)
        } else {
            None
        };
        Ok(Diagnostics {
            leave_one_out,
            influence,
            per_study,
            hat_matrix,
        })
    }
}

/// The warnings on the fit's interval ([`interval_warnings`]).
fn fit_warnings(
    design: &ModelMatrix,
    v: &[f64],
    options: &MetaOptions,
    model: &FittedModel,
    weighted: bool,
) -> Vec<String> {
    let z = z_crit(options.level.value());
    // The standard random-effects interval: with other weights, their sandwich
    // covariance before the Knapp–Hartung factor.
    let re_half = if weighted && model.s2w > 0.0 {
        z * (model.vb[(0, 0)] / model.s2w).sqrt()
    } else {
        z * model.fit.a_inv[(0, 0)].sqrt()
    };
    let fe_half = design
        .is_intercept_only()
        .then(|| z / v.iter().map(|x| 1.0 / x).sum::<f64>().sqrt());
    interval_warnings(
        model.crit * model.se(0),
        re_half,
        fe_half,
        options.test,
        options.method,
        v.len(),
        model.tau2.tau2,
    )
}

/// What [`fit_weighted`] computes besides the model, for [`assemble`].
struct FitParts {
    /// Number of studies.
    k: usize,
    tau2_ci: Option<[f64; 2]>,
    coefficients: Vec<Coefficient>,
    /// The prediction interval `[lower, upper]` (intercept-only models).
    pi: [Option<f64>; 2],
    r2: Option<f64>,
    studies: Vec<StudyResult>,
    egger: Option<Egger>,
    diagnostics: Diagnostics,
    warnings: Vec<String>,
}

/// The [`MetaFit`] of `model` on `design` and its `parts`, the analyses run on it afterwards
/// (subgroups, bias tests, …) left empty.
fn assemble(
    design: &ModelMatrix,
    options: &MetaOptions,
    model: &FittedModel,
    parts: FitParts,
) -> MetaFit {
    let tau2 = model.tau2.tau2;
    let het = model.heterogeneity;
    let tau2_for_i2 = (options.method != Method::FE).then_some(tau2);
    let tau2_ci = parts.tau2_ci;
    let first = &parts.coefficients[0];
    let diagnostics = parts.diagnostics;
    MetaFit {
        method: options.method.name(),
        test: options.test.name(),
        level: options.level,
        k: parts.k,
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
        tau2_ci_type: options.tau2_interval.name(),
        i2_ci: tau2_ci.map(|c| c.map(|t| het.i2(Some(t)))),
        h2_ci: tau2_ci.map(|c| c.map(|t| het.h2(Some(t)))),
        tau: tau2.sqrt(),
        i2: het.i2(tau2_for_i2),
        h2: het.h2(tau2_for_i2),
        q: het.q,
        q_df: het.q_df,
        q_p: het.q_p,
        pi_lower: parts.pi[0],
        pi_upper: parts.pi[1],
        qm: model.qm,
        qm_df: model.qm_df,
        qm_p: model.qm_p,
        r2: parts.r2,
        studies: parts.studies,
        egger: parts.egger,
        leave_one_out: diagnostics.leave_one_out,
        influence: diagnostics.influence,
        per_study: diagnostics.per_study,
        hat_matrix: diagnostics.hat_matrix,
        btt: None,
        predictions: None,
        contrasts: None,
        fit_statistics: model.fit_statistics.shown(options.method),
        fit_statistics_other: model.fit_statistics.shown(
            if options.method == Method::REML || options.method.is_fixed() {
                Method::ML
            } else {
                Method::REML
            },
        ),
        vcov: (0..design.p)
            .map(|a| (0..design.p).map(|b| model.vb[(a, b)]).collect())
            .collect(),
        coefficients: parts.coefficients,
        subgroups: None,
        subgroup_test: None,
        cumulative: None,
        trimfill: None,
        fsn: None,
        ranktest: None,
        pet_peese: None,
        selmodel: None,
        robust: None,
        warnings: parts.warnings,
        bayes: None,
        exponentiated: None,
        as_correlation: None,
    }
}

/// Least share of the total inverse-variance weight `Σ 1/vᵢ` that the studies other than the
/// most precise one must carry. When one weight dwarfs the rest, the leverage of that study
/// is within `share` of 1 and `(X'WX)⁻¹` is ill-conditioned by about `1/share`; the traces
/// behind τ², I², H², the SE of τ² and the Q-profile are computed without cancelling that
/// study's weight ([`gls::stable_traces`], exact to rounding for intercept-only models), but
/// with moderators they still lose about `ε / share` relative accuracy: at 1e-8, a few parts
/// in 1e9 (checked against exact rational arithmetic).
const MIN_OTHERS_WEIGHT_SHARE: f64 = 1e-8;

/// Largest magnitude of an estimate, and of a sampling variance or its reciprocal, that the
/// fit accepts: with these, no sum of squares, cross-product or trace (up to `Σ wᵢ³`, with
/// `wᵢ = 1/vᵢ`) can overflow for any number of studies a computer holds.
const MAX_MAGNITUDE: f64 = 1e50;

/// Smallest sampling variance the fit accepts (`1 / MAX_MAGNITUDE`).
const MIN_VARIANCE: f64 = 1e-50;

/// Refuse data that double precision cannot fit to 8 digits: an estimate or a sampling
/// variance beyond [`MAX_MAGNITUDE`] (or a variance below its reciprocal), and one study's
/// sampling variance so much smaller than every other that the others carry less than
/// [`MIN_OTHERS_WEIGHT_SHARE`] of the weight (metafor warns, from a variance ratio of 1e7,
/// that it "may not be able to obtain stable results", and prints numbers that are off by
/// orders of magnitude).
fn check_magnitudes(data: &MetaData) -> Result<()> {
    let (y, v) = (&data.yi, &data.vi);
    let at = |i: usize| format!("study {} ({})", i + 1, data.labels[i]);
    let show = crate::output::human_number;
    for i in 0..v.len() {
        if y[i].abs() > MAX_MAGNITUDE {
            return Err(Error::input(
                at(i),
                format!(
                    "the estimate {} is too large in magnitude to compute with (at most {:e}); \
                     rescale the estimates (other units)",
                    show(y[i]),
                    MAX_MAGNITUDE
                ),
            ));
        }
        if !(MIN_VARIANCE..=MAX_MAGNITUDE).contains(&v[i]) {
            return Err(Error::input(
                at(i),
                format!(
                    "the sampling variance {} is outside the range {:e} to {:e} that can be \
                     computed with; rescale the estimates and variances (other units)",
                    show(v[i]),
                    MIN_VARIANCE,
                    MAX_MAGNITUDE
                ),
            ));
        }
    }
    if v.len() < 2 {
        return Ok(());
    }
    let argmin = (0..v.len()).fold(0, |m, i| if v[i] < v[m] { i } else { m });
    let argmax = (0..v.len()).fold(0, |m, i| if v[i] > v[m] { i } else { m });
    let heaviest = 1.0 / v[argmin];
    let others: f64 = (0..v.len())
        .filter(|&i| i != argmin)
        .map(|i| 1.0 / v[i])
        .sum();
    let share = others / (heaviest + others);
    if share >= MIN_OTHERS_WEIGHT_SHARE {
        return Ok(());
    }
    Err(Error::input(
        at(argmin),
        format!(
            "the sampling variance {} is {:.1e} times smaller than the largest ({}, {}), so \
             the other studies carry only {:.1e} of the total weight 1/vi; below {:.0e} the \
             heterogeneity statistics and tau^2 cannot be computed reliably in double \
             precision (metafor warns that its results may not be stable). Check this \
             variance (a standard error, or a variance in other units?)",
            show(v[argmin]),
            v[argmax] / v[argmin],
            show(v[argmax]),
            at(argmax),
            share,
            MIN_OTHERS_WEIGHT_SHARE
        ),
    ))
}

/// The user's weights: one per study, finite and ≥ 0, not all 0 (metafor refuses negative
/// and infinite weights).
fn check_weights(data: &MetaData, a: &[f64]) -> Result<()> {
    if a.len() != data.yi.len() {
        return Err(Error::field(
            "weights",
            format!(
                "{} weights for {} studies; give one per study",
                a.len(),
                data.yi.len()
            ),
        ));
    }
    if let Some(i) = a.iter().position(|w| !w.is_finite() || *w < 0.0) {
        return Err(Error::input(
            format!("study {} ({})", i + 1, data.labels[i]),
            format!(
                "the weight {} is not allowed; weights are finite numbers >= 0",
                a[i]
            ),
        ));
    }
    if a.iter().all(|w| *w == 0.0) {
        return Err(Error::field(
            "weights",
            "every weight is 0; at least one must be > 0",
        ));
    }
    Ok(())
}

/// Every number of the fit must be finite; the one exception is metafor's: under
/// Knapp–Hartung with residuals that are exactly 0 (for example identical studies) every
/// standard error is 0, and a non-zero coefficient has t = ±∞ with p = 0 (and F = ∞). A
/// number that is not finite otherwise means the arithmetic overflowed or cancelled, and the
/// fit is refused with the reason rather than printed.
fn check_finite(fit: &MetaFit, data: &MetaData) -> Result<()> {
    let numbers = named_numbers(fit, data)?;
    // One entry per study: named only when one fails (k can be in the millions).
    if let Some(st) = fit.studies.iter().find(|s| !s.weight_percent.is_finite()) {
        return Err(overflow(
            data,
            &format!("weight of study {}", st.label),
            st.weight_percent,
        ));
    }
    if fit.qm.is_nan() {
        return Err(overflow(data, "omnibus test statistic", fit.qm));
    }
    if let Some(l) = &fit.leave_one_out {
        check_leave_one_out_finite(l, data)?;
    }
    match numbers.into_iter().find(|(_, x)| !x.is_finite()) {
        Some((what, x)) => Err(overflow(data, &what, x)),
        None => Ok(()),
    }
}

/// The error for the fit's `what`, `value`, not finite: the data's magnitudes are too extreme.
fn overflow(data: &MetaData, what: &str, value: f64) -> Error {
    let range = |x: &[f64]| {
        let lo = x.iter().fold(f64::INFINITY, |m, v| m.min(*v));
        let hi = x.iter().fold(f64::NEG_INFINITY, |m, v| m.max(*v));
        format!("{lo:e} to {hi:e}")
    };
    Error::numerical(format!(
        "the {what} is {value}, not a finite number: the estimates ({}) or the sampling \
         variances ({}) are too extreme in magnitude for double-precision arithmetic; \
         rescale them (other units)",
        range(&data.yi),
        range(&data.vi)
    ))
}

/// The error for the Knapp–Hartung t statistic 0/0 of the coefficient `name`.
fn zero_over_zero(name: &str) -> Error {
    Error::numerical(format!(
        "Knapp-Hartung test: the model fits every estimate exactly (residual Q = 0), so \
         the standard errors are 0, and the coefficient {name} is 0 too: its t statistic \
         0/0 is undefined; use {{field:test}} z"
    ))
}

/// The fit's numbers that must be finite, each with its name (the heterogeneity, intervals,
/// coefficients and covariance); an error already for a coefficient's test statistic that is
/// 0/0 or not finite with a non-zero SE.
fn named_numbers(fit: &MetaFit, data: &MetaData) -> Result<Vec<(String, f64)>> {
    let mut numbers: Vec<(String, f64)> = vec![
        ("tau^2".into(), fit.tau2),
        ("tau".into(), fit.tau),
        ("I^2".into(), fit.i2),
        ("H^2".into(), fit.h2),
        ("Q statistic".into(), fit.q),
        ("p-value of Q".into(), fit.q_p),
        ("p-value of the omnibus test".into(), fit.qm_p),
    ];
    let mut optional = |name: &str, x: Option<f64>| {
        if let Some(x) = x {
            numbers.push((name.to_string(), x));
        }
    };
    optional("SE of tau^2", fit.tau2_se);
    optional(
        "lower bound of the tau^2 interval",
        fit.tau2_ci.map(|c| c[0]),
    );
    optional(
        "upper bound of the tau^2 interval",
        fit.tau2_ci.map(|c| c[1]),
    );
    optional("lower bound of the prediction interval", fit.pi_lower);
    optional("upper bound of the prediction interval", fit.pi_upper);
    optional("R^2", fit.r2);
    for c in &fit.coefficients {
        numbers.push((format!("coefficient {}", c.name), c.estimate));
        numbers.push((format!("SE of {}", c.name), c.se));
        numbers.push((format!("lower CI bound of {}", c.name), c.ci_lower));
        numbers.push((format!("upper CI bound of {}", c.name), c.ci_upper));
        if c.statistic.is_nan() && c.se == 0.0 {
            return Err(zero_over_zero(&c.name));
        }
        if !(c.statistic.is_finite() || c.se == 0.0) {
            return Err(overflow(
                data,
                &format!("test statistic of {}", c.name),
                c.statistic,
            ));
        }
        numbers.push((format!("p-value of {}", c.name), c.p));
    }
    for row in &fit.vcov {
        for x in row {
            numbers.push(("covariance of the coefficients".into(), *x));
        }
    }
    Ok(numbers)
}

/// Every leave-one-out fit's numbers must be finite (a 0/0 Knapp–Hartung statistic refused
/// as in [`check_finite`]).
fn check_leave_one_out_finite(l: &LeaveOneOut, data: &MetaData) -> Result<()> {
    for r in &l.0 {
        if r.statistic.is_nan() && r.se == 0.0 {
            return Err(zero_over_zero(&format!(
                "intrcpt (without study {})",
                r.label
            )));
        }
        for (what, x) in [
            ("estimate", r.estimate),
            ("SE", r.se),
            ("p-value", r.p),
            ("lower CI bound", r.ci_lower),
            ("upper CI bound", r.ci_upper),
            ("Q", r.q),
            ("tau^2", r.tau2),
            ("I^2", r.i2),
            ("H^2", r.h2),
        ] {
            if !x.is_finite() {
                return Err(overflow(
                    data,
                    &format!("{what} without study {}", r.label),
                    x,
                ));
            }
        }
    }
    Ok(())
}

/// R² as metafor computes it: for random/mixed-effects models the proportional reduction in
/// τ² relative to the intercept-only model fitted with the same method (Raudenbush 2009,
/// eq. 16.40), truncated at 0; for fixed-effect models the adjusted R² of the weighted
/// regression of `y` on the moderators (weights `1/vᵢ`).
fn r_squared(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    method: Method,
    model: &FittedModel,
    weighting: Weighting,
) -> Result<f64> {
    let k = design.n as f64;
    let intercept_only = ModelMatrix::intercept_only(design.n, moderators::INTERCEPT);
    if method == Method::FE {
        let mean = y.iter().sum::<f64>() / k;
        if y.iter().all(|x| *x == mean) {
            return Ok(0.0);
        }
        // The adjusted R² of the weighted regression (metafor: lm(yi ~ X, weights = ...)).
        let (total, residual) = match weighting.weights(design.n) {
            None => (
                gls::WeightedFit::inverse_variance(&intercept_only, y, v, 0.0)?.rss(),
                model.heterogeneity.q,
            ),
            Some(a) => (
                gls::WeightedFit::new(&intercept_only, y, a.clone())?.rss(),
                gls::WeightedFit::new(design, y, a)?.rss(),
            ),
        };
        let r2 = 1.0 - residual / total;
        let adjusted = 1.0 - (1.0 - r2) * (k - 1.0) / (k - design.p as f64);
        return Ok((100.0 * adjusted).max(0.0));
    }
    let tau2_re = match (method, weighting) {
        (Method::GENQ, Weighting::User(a)) => tau2::generalised_q(&intercept_only, y, v, a)?.tau2,
        _ => tau2::point(method, &intercept_only, y, v)?,
    };
    if tau2_re == 0.0 {
        return Ok(0.0);
    }
    Ok((100.0 * (tau2_re - model.tau2.tau2) / tau2_re).max(0.0))
}
