//! The binomial–normal model of 2×2 tables for rare events (metafor's `rma.glmm(measure =
//! "OR", model = "UM.FS")`; Stijnen, Hamza & Özdemir 2010): the events of arm j of study i are
//! binomial with logit pᵢⱼ = αᵢ + (β + uᵢ) xᵢⱼ, a fixed intercept αᵢ per study, xᵢⱼ = +½ for
//! group 1 and −½ for group 2, uᵢ ~ N(0, τ²) (the `(group − 1 | study)` term of metafor's
//! `glmer` call), and β the pooled log odds ratio. The likelihood is metafor's
//! `glmer(cbind(xi, mi) ~ 0 + treated + study + (0 + group | study), nAGQ = 7)`: each study's
//! term is integrated by the project's GLMM ([`crate::glmm`]) with adaptive Gauss–Hermite
//! quadrature of 7 nodes; the fixed-effect model (τ² = 0, metafor's `method = "EE"`) is the
//! same GLM without uᵢ.
//!
//! Fitting: the k intercepts αᵢ make the model k + 2 parameters, but αᵢ enters study i's
//! term only. So for given (β, τ) each αᵢ is found on its own (a one-dimensional convex
//! minimum, a few Newton steps), and only β and τ are optimised, on the deviance profiled
//! over the intercepts ([`crate::optimize::minimize_box`]). The optimum is the joint one, and
//! the Hessian of the profile is the (β, τ) block of the full Hessian's inverse, inverted
//! (Schur complement), so the SE of β is the full model's. The cost is O(k) per evaluation
//! instead of the O(k²) of differencing all k + 2 parameters, and the numbers are those of the
//! joint fit.
//!
//! No continuity correction is needed: a study with no events in one arm contributes through
//! the likelihood. A study with no events (or only events) in both arms carries no information
//! about β and is left out (metafor's `drop00 = TRUE`).
//!
//! Heterogeneity, as metafor: the likelihood-ratio test of the fixed-effect model against the
//! saturated one (each study its own log OR; `QE.LRT`, k − 1 df), and, when no cell is 0, the
//! Wald test of the saturated model's k log odds ratios being equal (`QE.Wld`: each study's
//! estimate is ln(ad/bc) with variance 1/a + 1/b + 1/c + 1/d, so this is Cochran's Q with
//! those variances). With a zero cell the saturated estimate is infinite and `glm`'s Wald
//! statistic is an artefact of where its iterations stopped; it is not reported.

use super::{RatioScale, Tables};
use crate::dist::pchisq_upper;
use crate::effect::MeasureCode;
use crate::error::{Error, Result};
use crate::glmm::fit::covariance;
use crate::glmm::laplace::{Modes, Problem};
use crate::glmm::quadrature::Rule;
use crate::glmm::Family;
use crate::level::ConfidenceLevel;
use crate::meta::fitting::model::{TestedEstimate, TESTED_COLUMNS};
use crate::optimize::minimize_box;
use crate::output::{human_number, Cell, Table, Tabular};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;

/// Quadrature nodes per study, metafor's default `nAGQ = 7`.
pub const NAGQ: usize = 7;

/// Which model: random effects (ML) or fixed effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Estimation {
    /// τ² estimated by maximum likelihood (metafor's `method = "ML"`).
    RandomEffects,
    /// τ² = 0 (`method = "EE"`).
    FixedEffect,
}

impl Estimation {
    /// metafor's name of the method: "ML" or "EE".
    pub fn metafor_name(self) -> &'static str {
        match self {
            Estimation::RandomEffects => "ML",
            Estimation::FixedEffect => "EE",
        }
    }
}

/// The fitted model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BinomialNormalFit {
    /// "UM.FS" or "CM.EL" (the conditional model of
    /// [`super::conditional_binomial_normal`]).
    pub model: &'static str,
    /// "ML" or "EE".
    pub method: &'static str,
    pub level: f64,
    /// Studies in the model (those with events and non-events), and those left out.
    pub k: usize,
    pub k_dropped: usize,
    /// The pooled log odds ratio β with its z test and Wald interval.
    #[serde(flatten)]
    pub pooled: TestedEstimate,
    pub ratio: RatioScale,
    /// τ² (0 for the fixed-effect model).
    pub tau2: f64,
    /// The marginal log-likelihood of the fitted GLMM (lme4's `logLik`; for the fixed-effect
    /// model, the GLM's).
    pub log_likelihood: f64,
    /// Likelihood-ratio and Wald tests of heterogeneity on `qe_df` df.
    pub qe_lrt: f64,
    pub qe_lrt_p: f64,
    pub qe_wald: Option<f64>,
    pub qe_wald_p: Option<f64>,
    pub qe_df: usize,
    /// Warnings of the GLMM fit (separation, an unconfirmed optimum).
    pub warnings: Vec<String>,
}

/// One study's two groups as a GLMM problem of its own: rows group 1 and group 2, fixed
/// effects (αᵢ, β) with design rows (1, 1) and (1, 0) (the `study` and `treated` columns of
/// metafor's `glmer` call), random slope ±½ (its `group`). Its deviance at (αᵢ, β, τ) is the
/// study's share of the model's deviance, by [`crate::glmm`]'s adaptive quadrature.
struct Study {
    problem: Problem,
    /// The intercept that minimised the study's deviance at the last (β, τ) asked for: the
    /// next search starts there.
    alpha: f64,
    modes: Modes,
}

impl Study {
    fn new([a, b, c, d]: [f64; 4], rule: Option<&Rule>) -> Study {
        let problem = Problem::one_group(
            Family::Binomial,
            vec![a, c],
            vec![a + b, c + d],
            vec![1.0, 1.0, 1.0, 0.0],
            2,
            vec![0.5, -0.5],
            1,
            rule.cloned(),
        );
        Study {
            problem,
            // group 2's log odds, pulled off 0 and 1
            alpha: ((c + 0.5) / (d + 0.5)).ln(),
            modes: Modes::default(),
        }
    }

    fn deviance(&mut self, alpha: f64, beta: f64, tau: f64) -> f64 {
        let d = self
            .problem
            .deviance(&[alpha, beta], &[tau], 0.0, &mut self.modes);
        if d.is_finite() {
            d
        } else {
            f64::INFINITY
        }
    }

    /// The study's deviance minimised over its intercept αᵢ at (β, τ). The minimum is
    /// one-dimensional (αᵢ enters no other study's term) and the deviance is convex in αᵢ
    /// (the integral of a log-concave integrand is log-concave), so Newton steps on central
    /// differences, halved while they do not descend, from the last call's αᵢ, converge in a
    /// few steps. The iterations stop once a step promises less than 1e-14 of the deviance:
    /// the value returned is then exact to rounding, as the deviance is flat to second order
    /// in αᵢ there (which is also why the profile's derivatives in β and τ are the full
    /// model's: envelope theorem).
    fn profile(&mut self, beta: f64, tau: f64) -> f64 {
        const H: f64 = 1e-4;
        let mut alpha = self.alpha;
        let mut d0 = self.deviance(alpha, beta, tau);
        for _ in 0..100 {
            let up = self.deviance(alpha + H, beta, tau);
            let down = self.deviance(alpha - H, beta, tau);
            let slope = (up - down) / (2.0 * H);
            let curvature = (up - 2.0 * d0 + down) / (H * H);
            if !(slope.is_finite() && d0.is_finite()) {
                break;
            }
            let mut step = if curvature > 0.0 {
                -slope / curvature
            } else {
                -slope.signum()
            };
            if curvature > 0.0 && 0.5 * curvature * step * step <= 1e-14 * d0.abs().max(1.0) {
                alpha += step;
                break;
            }
            let mut moved = false;
            for _ in 0..60 {
                let d = self.deviance(alpha + step, beta, tau);
                if d < d0 {
                    alpha += step;
                    d0 = d;
                    moved = true;
                    break;
                }
                step *= 0.5;
            }
            if !moved {
                break;
            }
        }
        self.alpha = alpha;
        d0
    }
}

/// The model's deviance (−2 log-likelihood) at (β, τ), profiled over the study intercepts.
/// Studies are solved in parallel when there are many; their terms are summed in study
/// order, so the value does not depend on the number of threads.
fn profile_deviance(studies: &RefCell<Vec<Study>>, beta: f64, tau: f64) -> f64 {
    let mut studies = studies.borrow_mut();
    let terms: Vec<f64> = if studies.len() >= 64 {
        studies
            .par_iter_mut()
            .map(|s| s.profile(beta, tau))
            .collect()
    } else {
        studies.iter_mut().map(|s| s.profile(beta, tau)).collect()
    };
    terms.iter().sum()
}

/// β, its SE, τ and the deviance of the model fitted to `studies`: τ = 0 for the
/// fixed-effect model (the GLM), else maximum likelihood with τ ≥ 0. The SE is from the
/// finite-difference Hessian of the profiled deviance over β and τ (τ held fixed at 0), as
/// the Hessian of the deviance over every parameter would give it (its inverse's (β, τ)
/// block is the inverse of the profile's Hessian), and as lme4's `vcov(use.hessian = TRUE)`
/// takes it; `None` when that Hessian is not positive definite.
struct Optimum {
    beta: f64,
    se: Option<f64>,
    tau: f64,
    deviance: f64,
    converged: bool,
}

fn optimise(studies: &RefCell<Vec<Study>>, beta0: f64, random: bool) -> Optimum {
    let (lower, upper) = ([beta0 - 20.0, 0.0], [beta0 + 20.0, 20.0]);
    let m = if random { 2 } else { 1 };
    let f = |v: &[f64]| profile_deviance(studies, v[0], if random { v[1] } else { 0.0 });
    let scale = f(&[beta0, 0.0][..m]);
    let opt = minimize_box(&f, &[beta0, 0.3][..m], &lower[..m], &upper[..m], scale);
    let (beta, tau) = (opt.x[0], if random { opt.x[1] } else { 0.0 });
    let free: Vec<usize> = if random && tau > 1e-8 {
        vec![0, 1]
    } else {
        vec![0]
    };
    let cov = covariance(&f, &|_: &[f64]| None, &opt.x, &free);
    let deviance = f(&opt.x); // also leaves each study's intercept at the optimum
    Optimum {
        beta,
        se: cov.map(|c| c[0].sqrt()),
        tau,
        deviance,
        converged: opt.converged,
    }
}

/// The log-likelihood of the saturated model (each arm's own proportion; 0 · log 0 = 0), with
/// the binomial coefficients, as the GLM's log-likelihood includes them.
fn saturated_log_likelihood(cells: &[[f64; 4]]) -> f64 {
    let term = |x: f64, n: f64| if x > 0.0 { x * (x / n).ln() } else { 0.0 };
    let log_choose = |x: f64, n: f64| Family::Binomial.constant(x, n);
    cells
        .iter()
        .map(|&[a, b, c, d]| {
            let (n1, n2) = (a + b, c + d);
            term(a, n1)
                + term(b, n1)
                + term(c, n2)
                + term(d, n2)
                + log_choose(a, n1)
                + log_choose(c, n2)
        })
        .sum()
}

/// Fit the model to `tables`.
pub fn fit(
    tables: &Tables,
    estimation: Estimation,
    level: ConfidenceLevel,
) -> Result<BinomialNormalFit> {
    let cells: Vec<[f64; 4]> = tables
        .cells
        .iter()
        .copied()
        .filter(|[a, b, c, d]| !((*a == 0.0 && *c == 0.0) || (*b == 0.0 && *d == 0.0)))
        .collect();
    let k = cells.len();
    if k < 2 {
        return Err(Error::input(
            "the tables",
            format!(
                "{k} {} events and non-events; the binomial-normal model needs at least 2 (studies with no events, or only events, in both groups are left out)",
                if k == 1 { "study has" } else { "studies have" }
            ),
        ));
    }
    // The fixed-effect model (the GLM) first: its log-likelihood is the heterogeneity test's,
    // and its β starts the random-effects fit. β starts at the inverse-variance pooled log OR.
    let (sw, swy) = tables
        .study_effects(MeasureCode::OR)?
        .iter()
        .fold((0.0, 0.0), |(sw, swy), (y, v)| (sw + 1.0 / v, swy + y / v));
    let glm_studies = RefCell::new(cells.iter().map(|&c| Study::new(c, None)).collect());
    let glm = optimise(&glm_studies, swy / sw, false);
    let glm_log_likelihood = -0.5 * glm.deviance;
    let fit = match estimation {
        Estimation::FixedEffect => glm,
        Estimation::RandomEffects => {
            let rule = Rule::new(NAGQ);
            let studies: Vec<Study> = glm_studies
                .borrow()
                .iter()
                .zip(&cells)
                .map(|(g, &c)| Study {
                    alpha: g.alpha,
                    ..Study::new(c, Some(&rule))
                })
                .collect();
            optimise(&RefCell::new(studies), glm.beta, true)
        }
    };
    let mut warnings = Vec::new();
    if !fit.converged {
        warnings.push("the optimum of the likelihood could not be confirmed".to_string());
    }
    let se = fit.se.unwrap_or(f64::NAN);
    if !(se.is_finite() && se > 0.0) {
        return Err(Error::input(
            "the tables",
            format!(
                "the pooled log odds ratio has no standard error (the likelihood is flat or the optimum was not confirmed){}",
                if warnings.is_empty() { String::new() } else { format!(": {}", warnings.join("; ")) }
            ),
        ));
    }
    let pooled = TestedEstimate::new(fit.beta, se, None, level.z_crit());
    let tau2 = fit.tau * fit.tau;
    let qe_df = k - 1;
    let qe_lrt = (2.0 * (saturated_log_likelihood(&cells) - glm_log_likelihood)).max(0.0);
    let qe_wald = cells.iter().all(|c| c.iter().all(|&x| x > 0.0)).then(|| {
        let (mut sw, mut swy, mut swy2) = (0.0, 0.0, 0.0);
        for &[a, b, c, d] in &cells {
            let y = (a * d / (b * c)).ln();
            let w = 1.0 / (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d);
            sw += w;
            swy += w * y;
            swy2 += w * y * y;
        }
        (swy2 - swy * swy / sw).max(0.0)
    });
    Ok(BinomialNormalFit {
        model: "UM.FS",
        method: estimation.metafor_name(),
        level: level.value(),
        k,
        k_dropped: tables.cells.len() - k,
        ratio: RatioScale::of(&pooled),
        pooled,
        tau2,
        log_likelihood: -0.5 * fit.deviance,
        qe_lrt,
        qe_lrt_p: pchisq_upper(qe_lrt, qe_df as f64),
        qe_wald,
        qe_wald_p: qe_wald.map(|q| pchisq_upper(q, qe_df as f64)),
        qe_df,
        warnings,
    })
}

impl Tabular for BinomialNormalFit {
    fn preamble(&self) -> Option<String> {
        let mut s = format!(
            "{} binomial-normal model (log odds ratio, {}; {} studies",
            if self.method == "ML" {
                "Random-effects"
            } else {
                "Fixed-effect"
            },
            if self.model == "CM.EL" {
                "conditional model, exact likelihood, CM.EL"
            } else {
                "unconditional model with fixed study effects, UM.FS"
            },
            self.k
        );
        if self.k_dropped > 0 {
            s.push_str(&format!(
                "; {} left out: no events, or only events, in both groups",
                self.k_dropped
            ));
        }
        s.push(')');
        if self.method == "ML" {
            s.push_str(&format!(
                "\ntau^2 = {} (ML, adaptive Gauss-Hermite quadrature with {} nodes)",
                human_number(self.tau2),
                if self.model == "CM.EL" { 21 } else { NAGQ }
            ));
        }
        for w in &self.warnings {
            s.push_str(&format!("\nwarning: {w}"));
        }
        Some(s)
    }

    fn table(&self) -> Table {
        let mut header = vec!["coefficient".to_string()];
        header.extend(TESTED_COLUMNS.iter().map(|s| s.to_string()));
        let mut row = vec![Cell::from("intercept")];
        row.extend(self.pooled.cells().map(Cell::from));
        Table {
            header,
            rows: vec![row],
        }
    }

    fn epilogue(&self) -> Option<String> {
        let mut lines = vec![format!(
            "OR: {} ({}% CI {} to {})",
            human_number(self.ratio.estimate),
            human_number(100.0 * self.level),
            human_number(self.ratio.ci_lower),
            human_number(self.ratio.ci_upper)
        )];
        let mut het = format!(
            "Tests for heterogeneity ({} df): LRT = {}, p = {}",
            self.qe_df,
            human_number(self.qe_lrt),
            human_number(self.qe_lrt_p)
        );
        if let (Some(q), Some(p)) = (self.qe_wald, self.qe_wald_p) {
            het.push_str(&format!(
                "; Wald = {}, p = {}",
                human_number(q),
                human_number(p)
            ));
        }
        lines.push(het);
        lines.push(format!(
            "log-likelihood {}",
            human_number(self.log_likelihood)
        ));
        Some(lines.join("\n"))
    }
}
