//! Leave-one-out analysis and case-deletion diagnostics (Viechtbauer & Cheung 2010,
//! *Res Synth Methods* 1:112–125), as metafor's `leave1out` and `influence`: each study is
//! removed in turn and the model refitted by the same method. k refits, so O(k²·p²).

use crate::error::{Error, Refusal, Result};
use crate::meta::fitting::gls::{cross_product, invert_spd, quadratic_form};
use crate::meta::fitting::model::{FittedModel, TestedEstimate, reads_through_to_tested};
use crate::meta::fitting::moderators::ModelMatrix;
use crate::meta::fitting::spec::{MetaData, MetaOptions, Method};
use serde::Serialize;

/// One row of the leave-one-out table: the intercept-only model without study `label`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaveOneOutRow {
    pub label: String,
    #[serde(flatten)]
    pub tested: TestedEstimate,
    pub q: f64,
    pub q_p: f64,
    pub tau2: f64,
    pub i2: f64,
    pub h2: f64,
}

reads_through_to_tested!(LeaveOneOutRow);

/// The leave-one-out table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct LeaveOneOut(pub Vec<LeaveOneOutRow>);

/// Case-deletion diagnostics of one study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InfluenceRow {
    pub label: String,
    /// Externally studentised residual (deleted residual over its SE).
    pub rstudent: f64,
    /// DFFITS.
    pub dffits: f64,
    /// Cook's distance `(β̂ − β̂₍₋ᵢ₎)' Var(β̂)⁻¹ (β̂ − β̂₍₋ᵢ₎)`.
    pub cooks_distance: f64,
    /// Covariance ratio `det Var(β̂₍₋ᵢ₎) / det Var(β̂)`.
    pub cov_ratio: f64,
    /// τ² without the study.
    pub tau2_deleted: f64,
    /// QE without the study.
    pub q_deleted: f64,
    /// Hat value (leverage).
    pub hat: f64,
    /// DFBETAS, one per coefficient: `(β̂ − β̂₍₋ᵢ₎) / √(s²_w₍₋ᵢ₎ diag((X'W₍₋ᵢ₎X)⁻¹))`, with the
    /// weights `1/(vⱼ + τ̂²₍₋ᵢ₎)` of all k studies at the τ² estimated without study i (as
    /// metafor's `influence(res)$dfbs`).
    pub dfbetas: Vec<f64>,
    /// Weight in percent.
    pub weight_percent: f64,
}

/// The diagnostics table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Influence(pub Vec<InfluenceRow>);

fn without(v: &[f64], i: usize) -> Vec<f64> {
    let mut out = v.to_vec();
    out.remove(i);
    out
}

/// Leave-one-out estimates (intercept-only models, as metafor).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::{fit, MetaOptions};
/// // The BCG trials (tests/data/bcg.csv). R: leave1out(rma(yi, vi, data = dat)) gives, without
/// // Aronson 1948, -0.70708378469926159 (SE 0.18996101452887812), tau^2 0.33615670180367124
/// // (metafor 3.8-1, tests/meta_diagnostics.rs).
/// let res = fit(&bcg, &MetaOptions { leave_one_out: true, ..MetaOptions::default() })?;
/// let without_first = &res.leave_one_out.unwrap().0[0];
/// assert_eq!(without_first.label, "Aronson 1948");
/// assert!((without_first.estimate - -0.70708378469926159).abs() < 1e-8);
/// assert!((without_first.se - 0.18996101452887812).abs() < 1e-8);
/// assert!((without_first.tau2 - 0.33615670180367124).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn leave_one_out(
    design: &ModelMatrix,
    data: &MetaData,
    o: &MetaOptions,
) -> Result<LeaveOneOut> {
    if !design.is_intercept_only() {
        return Err(Error::field(
            "leave_one_out",
            "the leave-one-out table is for models without moderators; use {field:influence} instead",
        ));
    }
    if design.n < 2 {
        return Err(Error::field("leave_one_out", "needs at least 2 studies"));
    }
    let reduced =
        ModelMatrix::intercept_only(design.n - 1, crate::meta::fitting::moderators::INTERCEPT);
    let mut rows = Vec::with_capacity(design.n);
    for i in 0..design.n {
        let y = without(&data.yi, i);
        let v = without(&data.vi, i);
        let m = FittedModel::new(&reduced, &y, &v, o.method, o.test, o.level.value())?;
        let het = m.heterogeneity;
        let t = (o.method != Method::FE).then_some(m.tau2.tau2);
        rows.push(LeaveOneOutRow {
            label: data.labels[i].clone(),
            tested: m.tested(0),
            q: het.q,
            q_p: het.q_p,
            tau2: m.tau2.tau2,
            i2: het.i2(t),
            h2: het.h2(t),
        });
    }
    Ok(LeaveOneOut(rows))
}

/// Studentised deleted residuals, DFFITS, Cook's distances, covariance ratios, τ² and QE
/// after deletion, hat values and weights (metafor `influence.rma.uni`).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::{fit, MetaOptions};
/// // The BCG trials (tests/data/bcg.csv). R: influence(rma(yi, vi, data = dat))$inf gives, for
/// // Aronson 1948, rstudent -0.21814248573607822, Cook's distance 0.0017165413416167629, hat
/// // 0.050594827343666576 and weight 5.0594827343666582 % (metafor 3.8-1, tests/meta_diagnostics.rs).
/// let res = fit(&bcg, &MetaOptions { influence: true, ..MetaOptions::default() })?;
/// let first = &res.influence.unwrap().0[0];
/// assert!((first.rstudent - -0.21814248573607822).abs() < 1e-8);
/// assert!((first.cooks_distance - 0.0017165413416167629).abs() < 1e-10);
/// assert!((first.hat - 0.050594827343666576).abs() < 1e-9);
/// assert!((first.weight_percent - 5.0594827343666582).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn influence(
    design: &ModelMatrix,
    data: &MetaData,
    o: &MetaOptions,
    full: &FittedModel,
) -> Result<Influence> {
    if full.s2w == 0.0 {
        return Err(Error::numerical(
            "influence diagnostics: under Knapp-Hartung the model fits every estimate exactly \
             (residual Q = 0), so the coefficients' covariance is 0 and Cook's distances and \
             covariance ratios are undefined; use {field:test} z"
                .to_string(),
        ));
    }
    let vb_inv = invert_spd(full.vb.clone())?;
    let det_full = full.vb.determinant();
    let hat = full.fit.hat_values(design);
    let sum_w = full.fit.sum_weights();
    let mut rows = Vec::with_capacity(design.n);
    for (i, &hat_i) in hat.iter().enumerate() {
        let reduced = design.without_row(i);
        let y = without(&data.yi, i);
        let v = without(&data.vi, i);
        // As metafor, a study whose removal leaves a model that cannot be fitted (too few
        // studies, a moderator level that disappears) gets missing diagnostics.
        let m = match FittedModel::new(&reduced, &y, &v, o.method, o.test, o.level.value()) {
            Ok(m) => m,
            Err(_) => {
                rows.push(InfluenceRow {
                    label: data.labels[i].clone(),
                    rstudent: f64::NAN,
                    dffits: f64::NAN,
                    cooks_distance: f64::NAN,
                    cov_ratio: f64::NAN,
                    tau2_deleted: f64::NAN,
                    q_deleted: f64::NAN,
                    hat: hat_i,
                    weight_percent: 100.0 * full.fit.weights[i] / sum_w,
                    dfbetas: vec![f64::NAN; design.p],
                });
                continue;
            }
        };
        let xi = design.row(i);
        let dot =
            |b: &nalgebra::DVector<f64>| xi.iter().zip(b.iter()).map(|(a, b)| a * b).sum::<f64>();
        let pred_deleted = dot(&m.fit.beta);
        let pred_full = dot(&full.fit.beta);
        let var_pred_deleted = quadratic_form(&m.vb, xi);
        let tau2_del = m.tau2.tau2;
        let vi = data.vi[i];
        let resid = data.yi[i] - pred_deleted;
        let se_resid = (vi * m.s2w + var_pred_deleted + tau2_del * m.s2w).sqrt();
        let dfb = &full.fit.beta - &m.fit.beta;
        let vb_deleted_weights =
            invert_spd(cross_product(design, |j| 1.0 / (data.vi[j] + tau2_del)));
        let dfbetas = match vb_deleted_weights {
            Ok(a) => (0..design.p)
                .map(|j| dfb[j] / (m.s2w * a[(j, j)]).sqrt())
                .collect(),
            Err(_) => vec![f64::NAN; design.p],
        };
        rows.push(InfluenceRow {
            label: data.labels[i].clone(),
            rstudent: resid / se_resid,
            dffits: (pred_full - pred_deleted) / (m.s2w * hat_i * (tau2_del + vi)).sqrt(),
            cooks_distance: (dfb.transpose() * &vb_inv * &dfb)[(0, 0)],
            cov_ratio: m.vb.determinant() / det_full,
            tau2_deleted: tau2_del,
            q_deleted: m.heterogeneity.q,
            hat: hat_i,
            weight_percent: 100.0 * full.fit.weights[i] / sum_w,
            dfbetas,
        });
    }
    Ok(Influence(rows))
}

/// One study's point in the Baujat plot (Baujat et al. 2002, Stat Med 21:2641), as
/// metafor's `baujat()` computes it for a model without moderators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaujatPoint {
    pub label: String,
    /// Contribution to the heterogeneity: the squared Pearson residual (yᵢ − μ̂)² / (τ̂² + vᵢ).
    pub heterogeneity: f64,
    /// Influence on the pooled estimate: (μ̂₍₋ᵢ₎ − μ̂)² / Var(μ̂₍₋ᵢ₎), the model refitted
    /// without the study (its own τ² re-estimated).
    pub influence: f64,
}

/// The Baujat points of a model with `coefficients` coefficients, pooled estimate `estimate`
/// and between-study variance `tau2`, fitted to `data` with `o` (intercept-only models; the
/// fit's own form is `MetaFit::baujat`).
pub fn baujat(
    coefficients: usize,
    estimate: f64,
    tau2: f64,
    data: &MetaData,
    o: &MetaOptions,
) -> Result<Vec<BaujatPoint>> {
    if coefficients > 1 {
        return Err(Error::field(
            "baujat",
            "the Baujat plot is for models without moderators; leave out {field:mods}",
        ));
    }
    let n = data.yi.len();
    if n > crate::meta::fitting::spec::MAX_REFITS {
        return Err(Error::field(
            "baujat",
            format!(
                "{n} studies: the plot refits the model once per study; it is drawn for up to {} studies",
                crate::meta::fitting::spec::MAX_REFITS
            ),
        ));
    }
    let design = ModelMatrix::intercept_only(n, crate::meta::fitting::moderators::INTERCEPT);
    let deleted = leave_one_out(&design, data, o).map_err(|e| match e {
        e @ Error::Refused(Refusal::Input { .. } | Refusal::Field { .. }) => {
            Error::field("baujat", e.into_message())
        }
        other => other,
    })?;
    let tau2 = if o.method == Method::FE { 0.0 } else { tau2 };
    Ok(deleted
        .0
        .into_iter()
        .enumerate()
        .map(|(i, row)| BaujatPoint {
            heterogeneity: (data.yi[i] - estimate).powi(2) / (tau2 + data.vi[i]),
            influence: (row.estimate - estimate).powi(2) / row.se.powi(2),
            label: row.label,
        })
        .collect())
}
