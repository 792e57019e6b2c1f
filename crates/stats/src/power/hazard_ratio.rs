//! The hazard ratio a time-to-event trial is planned on, taken from published trials rather
//! than typed in: one trial's reported HR with its 95 % CI, or several trials' HRs pooled by a
//! random-effects meta-analysis ([`crate::meta::fit`], REML as metafor's `rma`), each log HR's
//! SE from its CI on the log scale (Cochrane Handbook §6.3.2,
//! [`crate::effect::convert::se_from_ci`]).
//!
//! The trials come from a CSV file with one row per trial, as `data/nmosd-nma.csv` (the input
//! of `trialstats nma`): `studlab`, `hr`, `ci_lower`, `ci_upper` (95 %), and when present
//! `treat1`, `treat2` (the HR is treat1 over treat2), `quote` and `url`, which the
//! provenance of the plan repeats so that the number can be checked at its source.

use crate::csv_file::CsvFile;
use crate::effect::convert::se_from_ci;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::human_number;
use serde::Serialize;

/// One trial's reported hazard ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrialHazardRatio {
    pub study: String,
    /// The arm whose hazard is the numerator, and the comparator (when the file names them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treat1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treat2: Option<String>,
    pub hr: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// The SE of ln HR from the 95 % CI.
    pub se_log_hr: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `FILE:LINE` of its row.
    pub place: String,
}

/// The hazard ratio to plan on and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedHazardRatio {
    pub hr: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// How the HR was obtained: "reported" (one trial) or the pooling method.
    pub source: String,
    pub trials: Vec<TrialHazardRatio>,
}

impl PlannedHazardRatio {
    /// One line saying where the HR comes from, with each trial's quote and URL.
    pub fn provenance(&self) -> Vec<String> {
        let ci = |lo: f64, hi: f64| format!("95% CI {} to {}", human_number(lo), human_number(hi));
        let trial = |t: &TrialHazardRatio| {
            let comparison = match (&t.treat1, &t.treat2) {
                (Some(a), Some(b)) => format!(", {a} vs {b}"),
                _ => String::new(),
            };
            let mut s = format!(
                "{}{comparison}: HR {} ({}), {}",
                t.study,
                human_number(t.hr),
                ci(t.ci_lower, t.ci_upper),
                t.place
            );
            if let Some(q) = &t.quote {
                s.push_str(&format!(": \"{q}\""));
            }
            if let Some(u) = &t.url {
                s.push_str(&format!(" {u}"));
            }
            s
        };
        let mut lines = vec![format!(
            "hazard ratio {} ({}): {}",
            human_number(self.hr),
            ci(self.ci_lower, self.ci_upper),
            self.source
        )];
        // No indent of its own: the CLI's preamble and the report's list indent every line.
        lines.extend(self.trials.iter().map(trial));
        lines
    }
}

/// The HR of the trials `studies` (labels in the `studlab` column) in `file`: the one trial's
/// as reported, or several pooled. Errors name `field` (the field that gave the labels)
/// or the cell.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_numerics::csv_file::CsvFile;
/// use trialstats_stats::power::hazard_ratio::planned_hazard_ratio;
/// // data/nmosd-nma.csv: SAkuraSky HR 0.38 (0.16–0.88) and SAkuraStar 0.45 (0.23–0.89), pooled.
/// // R, metafor 3.8-1: y <- log(c(0.38, 0.45)); se <- (log(c(0.88, 0.89)) - log(c(0.16, 0.23))) /
/// // (2 * qnorm(0.975)); exp(rma(y, sei = se, method = "REML", control = list(threshold =
/// // 1e-12))$b) = 0.421532413254050 (tests/power_hazard_ratio.rs).
/// let file = CsvFile::read(Path::new("data/nmosd-nma.csv"))?;
/// let one = planned_hazard_ratio(&file, &["SAkuraStar".into()], "study")?;
/// assert_eq!(one.hr, 0.45); // as reported
/// let pooled = planned_hazard_ratio(&file, &["SAkuraSky".into(), "SAkuraStar".into()], "study")?;
/// assert!((pooled.hr - 0.421532413254050).abs() < 1e-10);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn planned_hazard_ratio(
    file: &CsvFile,
    studies: &[String],
    field: &'static str,
) -> Result<PlannedHazardRatio> {
    if studies.is_empty() {
        return Err(Error::field(
            field,
            "no study named; give the label (studlab) of one trial, or several separated by commas to pool them",
        ));
    }
    let trials = read_trials(file, studies, field)?;
    if trials.len() == 1 {
        let t = &trials[0];
        return Ok(PlannedHazardRatio {
            hr: t.hr,
            ci_lower: t.ci_lower,
            ci_upper: t.ci_upper,
            source: format!("reported ({}, {})", t.study, file.name()),
            trials,
        });
    }
    let pair = |t: &TrialHazardRatio| (t.treat1.clone(), t.treat2.clone());
    if let Some(other) = trials.iter().find(|t| pair(t) != pair(&trials[0])) {
        return Err(Error::field(
            field,
            format!(
                "'{}' and '{}' compare different treatments; pooling needs the same comparison (use trialstats nma for a network)",
                trials[0].study, other.study
            ),
        ));
    }
    let data = crate::meta::MetaData::from_triples(
        trials
            .iter()
            .map(|t| (t.study.clone(), t.hr.ln(), t.se_log_hr * t.se_log_hr))
            .collect(),
    );
    let fit = crate::meta::fit(&data, &crate::meta::MetaOptions::default())?;
    Ok(PlannedHazardRatio {
        hr: fit.estimate.exp(),
        ci_lower: fit.ci_lower.exp(),
        ci_upper: fit.ci_upper.exp(),
        source: format!(
            "pooled from {} trials in {} (random effects, REML as metafor rma; tau^2 = {})",
            trials.len(),
            file.name(),
            human_number(fit.tau2)
        ),
        trials,
    })
}

/// The columns of the trials file: the required ones, and the optional ones when present.
struct HrColumns {
    study: usize,
    hr: usize,
    lo: usize,
    hi: usize,
    treat1: Option<usize>,
    treat2: Option<usize>,
    quote: Option<usize>,
    url: Option<usize>,
}

/// The trials `studies` from `file`, in the order named; an error naming `field` when one is
/// not in the file, or at the cell when a row is repeated or its HR and CI cannot be right.
fn read_trials(
    file: &CsvFile,
    studies: &[String],
    field: &'static str,
) -> Result<Vec<TrialHazardRatio>> {
    let optional = |name: &str| file.find(name);
    let cols = HrColumns {
        study: file.require("studlab", field)?,
        hr: file.require("hr", field)?,
        lo: file.require("ci_lower", field)?,
        hi: file.require("ci_upper", field)?,
        treat1: optional("treat1"),
        treat2: optional("treat2"),
        quote: optional("quote"),
        url: optional("url"),
    };
    let mut found: Vec<Option<TrialHazardRatio>> = vec![None; studies.len()];
    let mut labels = Vec::new();
    file.for_each_row(|row| {
        let label = row.text(cols.study)?.to_string();
        let Some(k) = studies.iter().position(|s| *s == label) else {
            labels.push(label);
            return Ok(());
        };
        if found[k].is_some() {
            return Err(Error::input(
                row.location(cols.study),
                format!("the study '{label}' has a second row; one row per trial is allowed"),
            )
            .into());
        }
        found[k] = Some(trial_from_row(row, &cols, label)?);
        Ok(())
    })?;
    let mut trials = Vec::new();
    for (name, t) in studies.iter().zip(found) {
        match t {
            Some(t) => trials.push(t),
            None => {
                return Err(Error::field(
                    field,
                    format!(
                        "no study '{name}' in {}; its studies are: {}",
                        file.name(),
                        labels.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(trials)
}

/// The trial `label` of `row`: its HR and 95 % CI, checked, and the SE of ln HR from the CI.
fn trial_from_row(
    row: &crate::csv_file::Row,
    cols: &HrColumns,
    label: String,
) -> Result<TrialHazardRatio> {
    let text = |c: Option<usize>| -> Result<Option<String>> {
        match c {
            Some(c) if !row.is_missing(c) => Ok(Some(row.text(c)?.to_string())),
            _ => Ok(None),
        }
    };
    let hr = row.required_number(cols.hr)?;
    let (lo, hi) = (row.required_number(cols.lo)?, row.required_number(cols.hi)?);
    if !(hr > 0.0 && hr.is_finite()) {
        return Err(Error::input(
            row.location(cols.hr),
            format!(
                "{hr} is not a hazard ratio; allowed: a number greater than 0 (the ratio, not its logarithm)"
            ),
        ));
    }
    if !(lo > 0.0 && lo <= hr && hr <= hi) {
        return Err(Error::input(
            row.location(cols.lo),
            format!(
                "the interval [{lo}, {hi}] does not hold its HR {hr} above 0; check the columns and the transcription"
            ),
        ));
    }
    let se = se_from_ci(lo, hi, ConfidenceLevel::NINETY_FIVE, None, true)
        .map_err(|e| Error::input(row.location(cols.hi), e.to_string()))?;
    Ok(TrialHazardRatio {
        study: label,
        treat1: text(cols.treat1)?,
        treat2: text(cols.treat2)?,
        hr,
        ci_lower: lo,
        ci_upper: hi,
        se_log_hr: se,
        quote: text(cols.quote)?,
        url: text(cols.url)?,
        place: row.line_location(),
    })
}
