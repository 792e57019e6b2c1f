//! The Turner et al. (2015) empirical priors for τ²: log-normal distributions by outcome type
//! and type of comparison, fitted to the meta-analyses of binary outcomes (log odds ratios) in
//! the Cochrane Database of Systematic Reviews. Source: R.M. Turner, D. Jackson, Y. Wei,
//! S.G. Thompson, J.P.T. Higgins, "Predictive distributions for between-study heterogeneity
//! and simple methods for their application in Bayesian meta-analysis", *Statistics in
//! Medicine* 34(6):984–998, 2015, doi 10.1002/sim.6381, **Table IV** (mean and SD of ln τ²);
//! the marginal setting ("any" outcome, log-normal(−2.56, 1.74²)) is given on p. 993.
//!
//! A log-normal prior for τ² with parameters (m, s) is log-normal (m/2, s/2) for τ.

use crate::error::{Error, Result};

/// The comparison types of Table IV, in its column order: (name, description).
pub const COMPARISONS: [(&str, &str); 5] = [
    ("pharma-vs-placebo", "pharmacological vs placebo / control"),
    ("pharma-vs-pharma", "pharmacological vs pharmacological"),
    (
        "nonpharma-vs-placebo",
        "non-pharmacological vs placebo / control",
    ),
    (
        "nonpharma-vs-pharma",
        "non-pharmacological vs pharmacological",
    ),
    (
        "nonpharma-vs-nonpharma",
        "non-pharmacological vs non-pharmacological",
    ),
];

/// One outcome type of Table IV: its name, its description, and the (mean, SD) of ln τ² for
/// each comparison type.
pub type OutcomeRow = (&'static str, &'static str, [(f64, f64); 5]);

/// Table IV: per outcome type (name, description), the (mean, SD) of ln τ² for each
/// comparison type in the order of [`COMPARISONS`].
pub const TABLE_IV: [OutcomeRow; 16] = [
    (
        "all-cause-mortality",
        "all-cause mortality",
        [
            (-3.95, 1.34),
            (-4.18, 1.41),
            (-4.17, 1.55),
            (-2.92, 1.02),
            (-3.50, 1.26),
        ],
    ),
    (
        "obstetric",
        "obstetric outcomes",
        [
            (-3.52, 1.74),
            (-3.75, 1.79),
            (-3.74, 1.91),
            (-2.49, 1.50),
            (-3.08, 1.68),
        ],
    ),
    (
        "cause-specific-mortality",
        "cause-specific mortality / major morbidity event / composite (mortality or morbidity)",
        [
            (-3.71, 1.74),
            (-3.95, 1.79),
            (-3.93, 1.91),
            (-2.68, 1.51),
            (-3.27, 1.68),
        ],
    ),
    (
        "resource-use",
        "resource use / hospital stay / process",
        [
            (-2.34, 1.74),
            (-2.58, 1.79),
            (-2.56, 1.91),
            (-1.31, 1.50),
            (-1.90, 1.68),
        ],
    ),
    (
        "surgical",
        "surgical / device related success / failure",
        [
            (-2.14, 1.74),
            (-2.37, 1.79),
            (-2.36, 1.91),
            (-1.11, 1.50),
            (-1.69, 1.68),
        ],
    ),
    (
        "withdrawals",
        "withdrawals / drop-outs",
        [
            (-2.99, 1.74),
            (-3.23, 1.79),
            (-3.21, 1.91),
            (-1.96, 1.51),
            (-2.55, 1.68),
        ],
    ),
    (
        "internal",
        "internal / structure-related outcomes",
        [
            (-2.71, 1.74),
            (-2.94, 1.79),
            (-2.93, 1.92),
            (-1.67, 1.51),
            (-2.26, 1.68),
        ],
    ),
    (
        "general-physical-health",
        "general physical health indicators",
        [
            (-2.29, 1.53),
            (-2.53, 1.58),
            (-2.51, 1.72),
            (-1.26, 1.25),
            (-1.85, 1.46),
        ],
    ),
    (
        "adverse-events",
        "adverse events",
        [
            (-1.87, 1.52),
            (-2.10, 1.58),
            (-2.10, 1.71),
            (-0.84, 1.24),
            (-1.43, 1.45),
        ],
    ),
    (
        "infection",
        "infection / onset of new disease",
        [
            (-2.49, 1.52),
            (-2.73, 1.58),
            (-2.71, 1.71),
            (-1.46, 1.24),
            (-2.05, 1.45),
        ],
    ),
    (
        "signs-symptoms",
        "signs / symptoms reflecting continuation / end of condition",
        [
            (-2.06, 1.51),
            (-2.29, 1.58),
            (-2.28, 1.71),
            (-1.03, 1.24),
            (-1.61, 1.45),
        ],
    ),
    (
        "pain",
        "pain",
        [
            (-1.83, 1.52),
            (-2.06, 1.58),
            (-2.05, 1.71),
            (-0.80, 1.25),
            (-1.38, 1.45),
        ],
    ),
    (
        "quality-of-life",
        "quality of life / functioning (dichotomised)",
        [
            (-2.54, 1.54),
            (-2.78, 1.60),
            (-2.77, 1.73),
            (-1.51, 1.27),
            (-2.10, 1.47),
        ],
    ),
    (
        "mental-health",
        "mental health indicators",
        [
            (-2.12, 1.53),
            (-2.35, 1.60),
            (-2.34, 1.72),
            (-1.09, 1.27),
            (-1.67, 1.47),
        ],
    ),
    (
        "biological-markers",
        "biological markers (dichotomised)",
        [
            (-1.77, 1.52),
            (-2.00, 1.58),
            (-1.99, 1.71),
            (-0.74, 1.24),
            (-1.33, 1.45),
        ],
    ),
    (
        "subjective",
        "subjective outcomes (various)",
        [
            (-2.70, 1.52),
            (-2.93, 1.58),
            (-2.92, 1.71),
            (-1.67, 1.25),
            (-2.26, 1.45),
        ],
    ),
];

/// The marginal setting (any outcome, any comparison): ln τ² ~ N(−2.56, 1.74²).
pub const MARGINAL: (f64, f64) = (-2.56, 1.74);

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The log-normal prior for `OUTCOME,COMPARISON` (or `any`): the mean and SD of ln τ², and
/// the setting in words. The table knows nothing of prior types; `prior` builds the prior on
/// τ from these numbers.
pub fn preset(spec: &str) -> Result<((f64, f64), String)> {
    const OPT: &str = "{field:tau_prior}";
    let spec = spec.trim().to_ascii_lowercase();
    let (ln_tau2, label) = if spec == "any" {
        (
            MARGINAL,
            "marginal setting (any outcome, any comparison)".to_string(),
        )
    } else {
        let Some((outcome, comparison)) = spec.split_once(',') else {
            return Err(Error::input(
                OPT,
                format!(
                    "turner takes OUTCOME,COMPARISON (or any); outcomes: {}; comparisons: {}",
                    names(TABLE_IV.iter().map(|r| r.0)),
                    names(COMPARISONS.iter().map(|c| c.0))
                ),
            ));
        };
        let (outcome, comparison) = (outcome.trim(), comparison.trim());
        let row = TABLE_IV.iter().find(|r| r.0 == outcome).ok_or_else(|| {
            Error::input(
                OPT,
                format!(
                    "unknown Turner et al. outcome type '{outcome}'; allowed: {}",
                    names(TABLE_IV.iter().map(|r| r.0))
                ),
            )
        })?;
        let column = COMPARISONS
            .iter()
            .position(|c| c.0 == comparison)
            .ok_or_else(|| {
                Error::input(
                    OPT,
                    format!(
                        "unknown Turner et al. comparison type '{comparison}'; allowed: {}",
                        names(COMPARISONS.iter().map(|c| c.0))
                    ),
                )
            })?;
        (
            row.2[column],
            format!("{}, {}", row.1, COMPARISONS[column].1),
        )
    };
    Ok((ln_tau2, label))
}
