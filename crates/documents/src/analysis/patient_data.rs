//! Patient-level data behind a trial ([`crate::study::PatientData`]): the MMRM of
//! [`crate::mmrm`] fitted to the CSV file the study names, by REML at the run's level, and
//! every arm against the control at every visit, the last visit (the usual primary
//! estimand of a confirmatory trial) named. Invented data keep their `synthetic` mark here,
//! so that the text and the charts say it.

use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::lmm::emmeans::Contrast;
use crate::mmrm::{MmrmFit, MmrmOptions, fit_csv};
use crate::study::{PatientData, Study};
use serde::Serialize;

/// The subjects observed in one arm at each visit (in the order of the fit's visits).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmVisitCounts {
    pub arm: String,
    pub subjects: Vec<usize>,
}

/// The MMRM of one `[[patient_data]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatientDataAnalysis {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// The file as the study names it.
    pub file: String,
    /// Invented data: every result is said to be a demonstration.
    pub synthetic: bool,
    /// The arm column and its control level.
    pub arm: String,
    pub control: String,
    /// The model as `trialstats mmrm` writes it (fixed part and covariance term).
    pub formula: String,
    /// The fit, with the least-squares means of every arm at every visit and their pairwise
    /// differences (`high − low` in level order, as `trialstats mmrm --contrast`).
    pub fit: MmrmFit,
    /// Every arm against the control at every visit, as `arm − control`.
    pub vs_control: Vec<Contrast>,
    /// The last visit: the rows of `vs_control` at it are the primary comparison.
    pub last_visit: String,
    /// Subjects observed per arm and visit.
    pub subjects_per_visit: Vec<ArmVisitCounts>,
}

impl PatientDataAnalysis {
    /// The comparisons with the control at the last visit.
    pub fn at_last_visit(&self) -> Vec<&Contrast> {
        let at = format!("{}={}", self.fit.visit, self.last_visit);
        self.vs_control.iter().filter(|c| c.at == at).collect()
    }
}

/// Fit every `[[patient_data]]` entry of `study`. A problem with the data (a column the file
/// does not have, a control that is not a level of the arm column, too few visits for the
/// covariance) is refused with the study file and the entry named, then the data's own
/// message.
pub fn analyse_patient_data(
    study: &Study,
    level: ConfidenceLevel,
) -> Result<Vec<PatientDataAnalysis>> {
    study
        .patient_data
        .iter()
        .map(|d| {
            analyse_one(d, level).map_err(|e| {
                // The fit names its command-line options (`--formula`, `--contrast`); here
                // they are the entry's fields.
                let why = match e {
                    Error::Refused(crate::error::Refusal::Input { location, message }) => {
                        match location.strip_prefix("--").or_else(|| {
                            location
                                .strip_prefix("{field:")
                                .map(|f| f.trim_end_matches('}'))
                        }) {
                            Some(option) => {
                                format!("{}: {message}", field_of(&option.replace('_', "-")))
                            }
                            None => format!("{location}: {message}"),
                        }
                    }
                    other => other.to_string(),
                };
                Error::input(
                    format!("{}: patient_data[{}]", study.path.display(), d.id),
                    why,
                )
            })
        })
        .collect()
}

/// The field of a `[[patient_data]]` entry that plays the part of a `trialstats mmrm` option.
fn field_of(option: &str) -> &str {
    match option {
        "contrast" | "at" => "arm",
        "group" => "group",
        "ddf" => "ddf",
        _ => "formula",
    }
}

fn analyse_one(d: &PatientData, level: ConfidenceLevel) -> Result<PatientDataAnalysis> {
    let formula = d.mmrm_formula();
    let options = MmrmOptions {
        reml: true,
        ddf: d.ddf,
        level,
    };
    let model = fit_csv(&d.path, &formula, options)?.with_contrast(&d.arm, &[])?;
    let counts = model.subjects_per_visit(&d.arm)?;
    let levels: Vec<&str> = counts.iter().map(|(l, _)| l.as_str()).collect();
    if !levels.contains(&d.control.as_str()) {
        return Err(Error::input(
            "control",
            format!(
                "'{}' is not a level of the arm column '{}'; its levels: {}",
                d.control,
                d.arm,
                levels.join(", ")
            ),
        ));
    }
    let fit = model.fit;
    let pairs = fit.contrasts.clone().unwrap_or_default();
    let mut vs_control = Vec::new();
    for c in pairs {
        for arm in levels.iter().filter(|l| **l != d.control) {
            if c.contrast == format!("{arm} - {}", d.control) {
                vs_control.push(c.clone());
            } else if c.contrast == format!("{} - {arm}", d.control) {
                // Turned round: arm − control = −(control − arm), the same SE, df and p.
                vs_control.push(Contrast {
                    contrast: format!("{arm} - {}", d.control),
                    estimate: -c.estimate,
                    t: -c.t,
                    ci_lower: -c.ci_upper,
                    ci_upper: -c.ci_lower,
                    ..c.clone()
                });
            }
        }
    }
    let last_visit = fit.visits.last().cloned().unwrap_or_default();
    Ok(PatientDataAnalysis {
        id: d.id.clone(),
        label: d.label.clone(),
        unit: d.unit.clone(),
        file: d.file.clone(),
        synthetic: d.synthetic,
        arm: d.arm.clone(),
        control: d.control.clone(),
        formula,
        fit,
        vs_control,
        last_visit,
        subjects_per_visit: counts
            .into_iter()
            .map(|(arm, subjects)| ArmVisitCounts { arm, subjects })
            .collect(),
    })
}
