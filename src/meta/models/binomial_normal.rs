//! The binomial–normal model of 2×2 tables for rare events (metafor's `rma.glmm(measure =
//! "OR", model = "UM.FS")`; Stijnen, Hamza & Özdemir 2010): the events of arm j of study i are
//! binomial with logit pᵢⱼ = αᵢ + (β + uᵢ) xᵢⱼ, a fixed intercept αᵢ per study, xᵢⱼ = +½ for
//! group 1 and −½ for group 2, uᵢ ~ N(0, τ²) (the `(group − 1 | study)` term of metafor's
//! `glmer` call), and β the pooled log odds ratio. Fitted by the project's GLMM
//! ([`crate::glmm`]) with adaptive Gauss–Hermite quadrature of 7 nodes per study (metafor's
//! `nAGQ = 7`), as `glmer(cbind(xi, mi) ~ 0 + treated + study + (0 + group | study))`; the
//! fixed-effect model (τ² = 0, metafor's `method = "EE"`) is the same GLM without uᵢ.
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
use crate::error::{Error, Result};
use crate::glmm::{self, Family, GlmmOptions};
use crate::level::ConfidenceLevel;
use crate::lmm::formula::Formula;
use crate::lmm::frame::{Column, Frame};
use crate::meta::fitting::model::{TestedEstimate, TESTED_COLUMNS};
use crate::output::{human_number, Cell, Table, Tabular};
use serde::Serialize;

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

/// The long format of the tables: two rows per study (group 1, then group 2).
fn frame(cells: &[[f64; 4]]) -> Result<Frame> {
    let k = cells.len();
    let mut events = Vec::with_capacity(2 * k);
    let mut non_events = Vec::with_capacity(2 * k);
    let mut treated = Vec::with_capacity(2 * k);
    let mut group = Vec::with_capacity(2 * k);
    let mut study = Vec::with_capacity(2 * k);
    for (i, &[a, b, c, d]) in cells.iter().enumerate() {
        events.extend([a, c]);
        non_events.extend([b, d]);
        treated.extend([1.0, 0.0]);
        group.extend([0.5, -0.5]);
        study.extend([i as u32, i as u32]);
    }
    Frame::from_typed_columns(
        "the tables in long format",
        vec![
            ("xi".into(), Column::Numeric(events)),
            ("mi".into(), Column::Numeric(non_events)),
            ("treated".into(), Column::Numeric(treated)),
            ("group".into(), Column::Numeric(group)),
            (
                "study".into(),
                Column::Categorical {
                    codes: study,
                    levels: (1..=k).map(|i| format!("s{i:07}")).collect(),
                },
            ),
        ],
    )
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
    let data = frame(&cells)?;
    let fixed = Formula::parse("cbind(xi, mi) ~ 0 + treated + study")?;
    let glm = glmm::fit(
        &fixed,
        &data,
        GlmmOptions {
            family: Family::Binomial,
            nagq: 1,
        },
    )?;
    let fit = match estimation {
        Estimation::FixedEffect => glm.clone(),
        Estimation::RandomEffects => {
            let formula =
                Formula::parse("cbind(xi, mi) ~ 0 + treated + study + (0 + group | study)")?;
            glmm::fit(
                &formula,
                &data,
                GlmmOptions {
                    family: Family::Binomial,
                    nagq: NAGQ,
                },
            )?
        }
    };
    let beta = fit
        .fixed_effect("treated")
        .ok_or_else(|| Error::input("the tables", "the GLMM has no treatment coefficient"))?;
    if !(beta.se.is_finite() && beta.se > 0.0) {
        return Err(Error::input(
            "the tables",
            format!(
                "the pooled log odds ratio has no standard error (the likelihood is flat or the optimum was not confirmed){}",
                if fit.warnings.is_empty() { String::new() } else { format!(": {}", fit.warnings.join("; ")) }
            ),
        ));
    }
    let pooled = TestedEstimate::new(beta.estimate, beta.se, None, level.z_crit());
    let tau2 = fit.random.first().map_or(0.0, |r| r.sd * r.sd);
    let qe_df = k - 1;
    let qe_lrt = (2.0 * (saturated_log_likelihood(&cells) - glm.log_likelihood)).max(0.0);
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
        log_likelihood: fit.log_likelihood,
        qe_lrt,
        qe_lrt_p: pchisq_upper(qe_lrt, qe_df as f64),
        qe_wald,
        qe_wald_p: qe_wald.map(|q| pchisq_upper(q, qe_df as f64)),
        qe_df,
        warnings: fit.warnings,
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
