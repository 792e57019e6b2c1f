//! Egger's regression test for funnel-plot asymmetry (Egger et al. 1997, *BMJ* 315:629), in
//! the meta-regression form metafor's `regtest(model = "rma", predictor = "sei")` uses
//! (Sterne & Egger 2005): the model is refitted with the standard error `√vᵢ` as an extra
//! moderator, by the same τ² method and test; the test is that moderator's coefficient. For
//! an intercept-only model the intercept of that fit is the "limit estimate" (the effect as
//! the standard error goes to 0).

use crate::error::Result;
use crate::meta::fitting::model::{FittedModel, TestedCoefficients, TestedEstimate};
use crate::meta::fitting::moderators::ModelMatrix;
use crate::meta::fitting::spec::MetaOptions;
use serde::Serialize;

/// Egger's test: the funnel line is `yᵢ = intercept + slope · √vᵢ` (intercept-only models).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Egger {
    /// z (or t under Knapp–Hartung) of the standard-error coefficient.
    pub statistic: f64,
    /// Its two-sided p-value.
    pub p: f64,
    /// t degrees of freedom under Knapp–Hartung.
    pub df: Option<usize>,
    /// Coefficient of `√vᵢ` (the asymmetry slope).
    pub slope: f64,
    /// Limit estimate as `√vᵢ → 0` (the intercept; only for intercept-only models).
    pub limit_estimate: Option<f64>,
    /// Its confidence interval.
    pub limit_ci: Option<[f64; 2]>,
}

/// Run the test; fails when the studies are too few for one more coefficient.
pub fn egger_test(
    design: &ModelMatrix,
    y: &[f64],
    v: &[f64],
    options: &MetaOptions,
) -> Result<Egger> {
    let sei: Vec<f64> = v.iter().map(|x| x.sqrt()).collect();
    let extended = design.with_column("sei", &sei);
    let m = TestedCoefficients::new(
        &extended,
        y,
        v,
        options.method,
        options.test,
        options.level.value(),
    )?;
    let j = extended.p - 1;
    let (limit_estimate, limit_ci) = if design.is_intercept_only() {
        let b0 = m.tested(0);
        (Some(b0.estimate), Some([b0.ci_lower, b0.ci_upper]))
    } else {
        (None, None)
    };
    let slope = m.tested(j);
    Ok(Egger {
        statistic: slope.statistic,
        p: slope.p,
        df: m.ddf,
        slope: m.beta[j],
        limit_estimate,
        limit_ci,
    })
}

/// PET-PEESE (Stanley & Doucouliagos 2014, *Res Synth Methods* 5:60): the limit estimate of
/// the regression on the standard error (PET, Egger's regression) and on the sampling
/// variance (PEESE), both fitted as metafor's `regtest(res, predictor = "sei" / "vi")` (the
/// model's τ² method and test); the conditional estimate is PEESE's when PET's limit estimate
/// differs from 0 at the two-sided 5% level, else PET's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PetPeese {
    /// The limit estimates (each the intercept when its moderator goes to 0).
    pub pet: TestedEstimate,
    pub peese: TestedEstimate,
    /// `"PET"` or `"PEESE"`.
    pub chosen: &'static str,
    /// The conditional estimate.
    pub estimate: f64,
}

/// The limit estimate of the intercept-only model's regression on `predictor`.
fn limit_estimate(
    y: &[f64],
    v: &[f64],
    name: &str,
    predictor: &[f64],
    options: &MetaOptions,
) -> Result<TestedEstimate> {
    let design = ModelMatrix::intercept_only(y.len(), crate::meta::fitting::moderators::INTERCEPT)
        .with_column(name, predictor);
    let m = FittedModel::new(
        &design,
        y,
        v,
        options.method,
        options.test,
        options.level.value(),
    )?;
    Ok(m.tested(0))
}

/// PET and PEESE for the studies `y`, `v` (intercept-only models; k ≥ 3).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::bias::egger::pet_peese;
/// use trialstats_stats::meta::MetaOptions;
/// // The BCG trials (tests/data/bcg.csv). R: res <- rma(yi, vi, data = dat);
/// // regtest(res, predictor = "sei")$est gives -0.51043187410303659 (PET) and
/// // regtest(res, predictor = "vi")$est -0.655359443948621 (PEESE; metafor 3.8-1,
/// // tests/data/meta_review_cases.rs).
/// let pp = pet_peese(&bcg.yi, &bcg.vi, &MetaOptions::default())?;
/// assert!((pp.pet.estimate - -0.51043187410303659).abs() < 1e-8);
/// assert!((pp.peese.estimate - -0.655359443948621).abs() < 1e-8);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn pet_peese(y: &[f64], v: &[f64], options: &MetaOptions) -> Result<PetPeese> {
    let sei: Vec<f64> = v.iter().map(|x| x.sqrt()).collect();
    let pet = limit_estimate(y, v, "sei", &sei, options)?;
    let peese = limit_estimate(y, v, "vi", v, options)?;
    let use_peese = pet.p < 0.05;
    Ok(PetPeese {
        pet,
        peese,
        chosen: if use_peese { "PEESE" } else { "PET" },
        estimate: if use_peese {
            peese.estimate
        } else {
            pet.estimate
        },
    })
}
