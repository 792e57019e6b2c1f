//! The analyses a systematic review adds to the fitted model, on request: subgroups, the
//! cumulative meta-analysis, and the publication-bias methods (trim and fill, fail-safe N,
//! the rank correlation test, PET-PEESE, the selection models). Each is its own
//! module; this one only checks that the model allows it and stores the result in the fit.

use super::rma::MetaFit;
use crate::error::{Error, Result};
use crate::meta::bias::trimfill::{Estimator, Side};
use crate::meta::bias::{egger, failsafe, ranktest, selmodel, trimfill};
use crate::meta::fitting::spec::{MetaData, MetaOptions, Test};
use crate::meta::fitting::{multilevel, robust};
use crate::meta::subsets::{cumulative, subgroup};

/// What to add to the fit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewRequest {
    /// `--subgroup COL`: the column's name and its value for each study.
    pub subgroup: Option<(String, Vec<String>)>,
    /// `--cumulative COL`: the column's name and its value for each study.
    pub cumulative: Option<(String, Vec<String>)>,
    /// `--trimfill [L0|R0]`, with the side (`None`: chosen as metafor does).
    pub trimfill: Option<(Estimator, Option<Side>)>,
    /// `--fsn`.
    pub fsn: bool,
    /// `--fsn-target`: the target effect of Orwin's and of the General method's N.
    pub fsn_target: Option<f64>,
    /// `--fsn-exact`: the General method refits the model with the missing studies added.
    pub fsn_exact: bool,
    /// `--ranktest`.
    pub ranktest: bool,
    /// `--pet-peese`.
    pub pet_peese: bool,
    /// `--selmodel`: the selection function and its options.
    pub selmodel: Option<selmodel::Selection>,
    /// `--robust COL`: the column's name and its value for each study.
    pub robust: Option<(String, Vec<String>)>,
    /// `--robust-type`: CR0, CR1 or CR2 (the default).
    pub robust_type: robust::RobustType,
}

/// Refuse an analysis of an intercept-only model when the fit has moderators.
fn intercept_only(fit: &MetaFit, option: &str) -> Result<()> {
    if fit.p > 1 {
        return Err(Error::input(
            option,
            "this analysis is for models without moderators (as metafor's); drop {field:mods}",
        ));
    }
    Ok(())
}

/// Refuse a regression on the standard errors when they are all equal (its design would not
/// be of full rank).
fn distinct_variances(v: &[f64], option: &str) -> Result<()> {
    if v.iter().all(|x| *x == v[0]) {
        return Err(Error::input(
            option,
            "every study has the same sampling variance, so the regression on the standard \
             errors that this analysis needs cannot be fitted",
        ));
    }
    Ok(())
}

fn at_least(k: usize, n: usize, option: &str) -> Result<()> {
    if k < n {
        return Err(Error::input(
            option,
            format!("{k} studies: this analysis needs at least {n}"),
        ));
    }
    Ok(())
}

/// Compute what `request` asks for and store it in `fit`.
pub fn add_review(
    fit: &mut MetaFit,
    data: &MetaData,
    options: &MetaOptions,
    request: &ReviewRequest,
) -> Result<()> {
    let (y, v) = (&data.yi[..], &data.vi[..]);
    let k = y.len();
    if let Some((column, groups)) = &request.subgroup {
        intercept_only(fit, "{field:subgroup}")?;
        let s = subgroup::subgroups(column, groups, y, v, options)?;
        fit.subgroups = Some(s.fits);
        fit.subgroup_test = Some(s.test);
    }
    if let Some((_, keys)) = &request.cumulative {
        intercept_only(fit, "{field:cumulative}")?;
        fit.cumulative = Some(cumulative::cumulative(keys, &data.labels, y, v, options)?);
    }
    if let Some((estimator, side)) = request.trimfill {
        intercept_only(fit, "{field:trimfill}")?;
        if side.is_none() {
            distinct_variances(v, "{field:trimfill}")?;
        }
        fit.trimfill = Some(trimfill::trimfill(y, v, options, estimator, side)?);
    }
    if request.fsn {
        at_least(k, 2, "{field:fsn}")?;
        let mut fsn = failsafe::fail_safe_n(y, v, 0.05, request.fsn_target)?;
        // The General method's approximation is metafor's for z tests (other tests make it
        // refit with simulated studies).
        if options.test == Test::Z {
            let exact = request.fsn_exact;
            fsn.general = Some(failsafe::general_with(
                y,
                v,
                0.05,
                options.method,
                exact,
                None,
            )?);
            if let Some(t) = request.fsn_target {
                fsn.general_target = Some(failsafe::general_with(
                    y,
                    v,
                    0.05,
                    options.method,
                    exact,
                    Some(t),
                )?);
            }
        }
        fit.fsn = Some(fsn);
    }
    if request.ranktest {
        at_least(k, 3, "{field:ranktest}")?;
        fit.ranktest = Some(ranktest::rank_test(y, v));
    }
    if request.pet_peese {
        intercept_only(fit, "{field:pet_peese}")?;
        at_least(k, 3, "{field:pet_peese}")?;
        distinct_variances(v, "{field:pet_peese}")?;
        fit.pet_peese = Some(egger::pet_peese(y, v, options)?);
    }
    if let Some(selection) = &request.selmodel {
        let design = data.design()?;
        let mut model = selmodel::fit(&design, y, v, selection, options)?;
        if selection.profile_ci {
            model.profile_ci =
                selmodel::profile::profile_intervals(&design, y, v, selection, options, &model)?;
        }
        fit.selmodel = Some(model);
    }
    if let Some((column, values)) = &request.robust {
        if options.test != Test::Z {
            return Err(Error::field(
                "robust",
                "cluster-robust tests replace the model's own; use them with {field:test} z",
            ));
        }
        let members = multilevel::robust_members(values, None)?;
        let design = data.design()?;
        let tau2 = fit.tau2;
        let theta = |i: usize, j: usize| if i == j { v[i] + tau2 } else { 0.0 };
        let beta: Vec<f64> = fit.coefficients.iter().map(|c| c.estimate).collect();
        fit.robust = Some(robust::robust_tests(
            request.robust_type,
            &design,
            y,
            &beta,
            &theta,
            &members,
            column,
            options.level.value(),
        )?);
    }
    Ok(())
}
