//! The analysis of a study's reported numbers, computed once per study and read by everything
//! that shows it: the `report` text and its chart gallery, `check` over the data folder and
//! `meta --data`.
//!
//! For each study, [`analyse_study`] computes: every before/after measure's paired analysis at
//! the stated r with its r sweep, significance threshold and claim, and its effect sizes
//! (MC, SMCR, SMCC); every per-arm measure and count of a trial, each arm against the control
//! (MD, SMD, ROM and the change-score forms; RR, OR, RD; IRR, IRD); every before/after slope's difference, ratio and percent slowing; every
//! count out of a denominator as a proportion with Wilson and Clopper–Pearson intervals; the
//! MMRM of every patient-level data file the study names (each arm against the control at
//! every visit); the
//! consistency checks of every reported number (GRIM, GRIMMER, DEBIT, bounds, SD-or-SEM,
//! SPRITE, percent vs count, claimed significance, printed test results), keeping each SPRITE search for the
//! charts; and the pinned expectations. What a document does not report (what ± means, the
//! pre/post correlation, an SD of a slope) is said next to the number that needed it.
//!
//! Every result of one run is at the run's [`AnalysisOptions`]: one confidence level, one r,
//! one r grid, one rounding rule.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`AnalysisOptions`], [`StudyAnalysis`], [`analyse_study`], [`analyse_studies`] |
//! | [`measures`] | the paired before/after analysis of a measure ([`MeasureAnalysis`]); the event rates a confirmatory trial powers for |
//! | [`medians`] | time points reported as a median, quartiles and/or range, converted to a mean and SD with the method named ([`Conversion`]) |
//! | [`slopes`] | before/after slopes ([`SlopeAnalysis`]); the effect a confirmatory trial powers for |
//! | [`proportions`] | counts out of a denominator ([`ProportionAnalysis`]) |
//! | [`arms`] | a trial's arms: each arm against the control ([`ArmItemAnalysis`]) |
//! | [`as_printed`] | each comparison of two arms the document prints, beside the same comparison recomputed from the arms, and whether they agree ([`PrintedAgainstArms`]) |
//! | [`patient_data`] | patient-level data a study names: the MMRM, each arm against the control at every visit ([`PatientDataAnalysis`]) |
//! | [`consistency`] | which reported numbers are checked, and the findings |
//! | [`spread_readings`] | what each measure's ± means, decided from the study's own numbers ([`MeasureReading`]); the study as the rest of the analysis reads it |
//! | [`confirmatory`] | the confirmatory trial a study calls for: its design, n, assumptions and sweeps ([`ConfirmatoryTrial`]) |
//! | [`pooling`] | measures that two or more studies report, pooled by `meta --data` and the gallery |
//!
//! This layer sits above the statistics (`effect`, `prepost`, `checks`, `meta`, `mmrm`, `verify`)
//! and the data (`study`), and below what presents it (`report`, the command line).

pub mod arms;
pub mod as_printed;
pub mod confirmatory;
pub mod consistency;
pub mod measures;
pub mod medians;
pub mod patient_data;
pub mod pooling;
pub mod proportions;
pub mod slopes;
pub mod spread_readings;

pub use arms::{ArmBasis, ArmComparison, ArmItemAnalysis};
pub use as_printed::PrintedAgainstArms;
pub use confirmatory::ConfirmatoryTrial;
pub use consistency::Reconstruction;
pub use measures::{ImpliedCorrelation, MeasureAnalysis, TimePointSummary};
pub use medians::Conversion;
pub use patient_data::PatientDataAnalysis;
pub use pooling::{PoolableSet, poolable_sets, poolable_sets_with};
pub use proportions::ProportionAnalysis;
pub use slopes::SlopeAnalysis;
pub use spread_readings::MeasureReading;

use crate::checks::{CheckReport, Finding, Rounding};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::study::Study;
use crate::verify::{self, Verification, VerifyReport};
use serde::Serialize;

/// Choices an analysis run makes that the user may change.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisOptions {
    /// The pre/post correlation for measures that do not report one; `None` uses
    /// [`crate::prepost::ASSUMED_R`] and says it is assumed.
    pub r: Option<f64>,
    /// The confidence level of every interval; the paired tests are at α = 1 − level.
    pub level: ConfidenceLevel,
    /// The r values of the sweep.
    pub r_grid: Vec<f64>,
    /// How the authors may have rounded ties (for the consistency checks).
    pub rounding: Rounding,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            r: None,
            level: ConfidenceLevel::NINETY_FIVE,
            r_grid: crate::prepost::default_r_grid(),
            rounding: Rounding::UpOrDown,
        }
    }
}

impl AnalysisOptions {
    /// Refuse an r outside [−1, 1] (naming `--r`) and a grid that is empty or has a value
    /// outside [−1, 1] (naming `--grid`).
    pub fn validate(&self) -> Result<()> {
        if let Some(r) = self.r {
            crate::prepost::check_r(r)?;
        }
        if self.r_grid.is_empty() {
            return Err(Error::field(
                "grid",
                "the r grid is empty; give at least one correlation",
            ));
        }
        Ok(crate::prepost::check_grid(&self.r_grid)?)
    }
}

/// Everything computed from one study, once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyAnalysis {
    pub id: String,
    pub title: String,
    pub source_file: String,
    pub design: String,
    pub measures: Vec<MeasureAnalysis>,
    pub slopes: Vec<SlopeAnalysis>,
    pub proportions: Vec<ProportionAnalysis>,
    /// Every per-arm measure and count of a trial, each arm against the control.
    pub arms: Vec<ArmItemAnalysis>,
    /// The MMRM of each patient-level data file the study names.
    pub patient_data: Vec<PatientDataAnalysis>,
    /// What each measure's ± means, with the evidence: every other result reads ± this way.
    pub spread_readings: Vec<MeasureReading>,
    /// Each comparison of two arms the document prints, beside the one recomputed from the
    /// arms with ± read as decided, and whether they agree.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub printed_comparisons: Vec<PrintedAgainstArms>,
    /// Fields the study file still marks for review (a drafted file: what a person must
    /// decide), as `path: value`; the report says so at its top.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub review_marks: Vec<String>,
    /// The confirmatory trial the study calls for (filled by the report, which knows the data
    /// folder: [`confirmatory::confirmatory_trial`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmatory_trial: Option<ConfirmatoryTrial>,
    /// Why the study's confirmatory trial is left out, when its design cannot be solved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmatory_trial_left_out: Option<String>,
    /// Every consistency finding on the study's numbers.
    #[serde(skip)]
    pub findings: Vec<Finding>,
    /// The SPRITE search of each reported mean ± SD that has one.
    #[serde(skip)]
    pub reconstructions: Vec<Reconstruction>,
    /// The pinned expectations, recomputed.
    #[serde(skip)]
    pub verifications: Vec<Verification>,
    /// The study analysed (for charts that draw the reported numbers themselves), with each
    /// measure's `dispersion` as its spread reading decided.
    #[serde(skip)]
    pub study: Study,
    /// The options of the run.
    #[serde(skip)]
    pub options: AnalysisOptions,
}

/// Analyse one study.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::analysis::{analyse_study, AnalysisOptions};
/// use trialstats_documents::study::load_file;
/// // The press release's EDSS: 5.1 ± 1.7 before, 4.1 ± 1.6 after, 7 patients, ± unlabelled
/// // and read as the SD. At the assumed r = 0.5 the SD of the change is
/// // √(1.7² + 1.6² − 1.7·1.6) = 1.6522711641858305, t = −1.0/(1.6523/√7) = −1.6012815380508716
/// // on 6 df, p = 0.16043342397196245 (R: 2 * pt(-1.6012815380508716, 6)).
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let a = analyse_study(&study, &AnalysisOptions::default())?;
/// let edss = a.measures.iter().find(|m| m.id == "edss").unwrap();
/// let test = &edss.analysis.as_ref().unwrap().at_assumed_r;
/// assert!((test.mean_change + 1.0).abs() < 1e-12 && test.r == 0.5 && test.df == 6.0);
/// assert!((test.t + 1.6012815380508716).abs() < 1e-12);
/// assert!((test.p - 0.16043342397196245).abs() < 1e-12);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn analyse_study(study: &Study, options: &AnalysisOptions) -> Result<StudyAnalysis> {
    options.validate()?;
    // What ± means is decided first, from the document's own numbers; everything after reads
    // the study with each measure's ± as decided.
    let mut spread_readings = spread_readings::read_spreads(study, options)?;
    let resolved = spread_readings::resolve(study, &spread_readings);
    let study = &resolved;
    let mut measures = study
        .measures
        .iter()
        .map(|m| measures::analyse_measure(study, m, options))
        .collect::<Result<Vec<_>>>()?;
    let (mut findings, reconstructions) = consistency::check_reported_numbers(study, options)?;
    findings.extend(consistency::significance_findings(study, &measures));
    let mut arms = arms::analyse_arms(study, options);
    spread_readings::note_alternatives(study, &mut spread_readings, &measures, &arms, options)?;
    for mr in &spread_readings {
        let words = match (&mr.alternative, mr.reading.verdict) {
            // Undecided without a changed conclusion: today's words (read as SD, with what it
            // would be as an SEM).
            (None, crate::reading::Verdict::Undecided) => continue,
            (Some(alt), crate::reading::Verdict::Undecided) => {
                let now = measures
                    .iter()
                    .find(|m| m.id == mr.measure)
                    .map(|m| m.spread_reading.clone())
                    .or_else(|| {
                        arms.iter()
                            .find(|a| a.id == mr.measure)
                            .and_then(|a| a.spread_reading.clone())
                    })
                    .unwrap_or_default();
                format!("{now}; {alt}")
            }
            _ => mr.describe(),
        };
        if let Some(m) = measures.iter_mut().find(|m| m.id == mr.measure) {
            m.spread_reading = words.clone();
        }
        if let Some(a) = arms.iter_mut().find(|a| a.id == mr.measure) {
            a.spread_reading = Some(words);
        }
    }
    spread_readings::withhold_contradicted(&spread_readings, &mut measures, &mut arms);
    findings.extend(spread_readings::findings(study, &spread_readings));
    findings.extend(consistency::implied_r_findings(study, &measures, &arms));
    findings.extend(consistency::converted_findings(study));
    findings.extend(consistency::reported_test_findings(study, options));
    Ok(StudyAnalysis {
        id: study.id.clone(),
        title: study.title.clone(),
        source_file: study.source_file.clone(),
        design: study.design.clone(),
        measures,
        slopes: slopes::analyse_slopes(study, options.level),
        proportions: proportions::analyse_proportions(study, options.level)?,
        arms,
        patient_data: patient_data::analyse_patient_data(study, options.level)?,
        printed_comparisons: as_printed::printed_against_arms(
            study,
            &spread_readings,
            options.level,
        ),
        spread_readings,
        review_marks: study.review_marks(),
        confirmatory_trial: None,
        confirmatory_trial_left_out: None,
        findings,
        reconstructions,
        verifications: verify::verify_study(study)?,
        study: study.clone(),
        options: options.clone(),
    })
}

/// Analyse every study, in order.
pub fn analyse_studies(studies: &[Study], options: &AnalysisOptions) -> Result<Vec<StudyAnalysis>> {
    studies.iter().map(|s| analyse_study(s, options)).collect()
}

/// Every consistency finding of `analyses`, as one report.
pub fn check_report(analyses: &[StudyAnalysis], rounding: Rounding) -> CheckReport {
    let mut report = CheckReport::new(rounding);
    for a in analyses {
        report.extend(a.findings.iter().cloned());
    }
    report
}

/// Every recomputed expectation of `analyses`, as one report.
pub fn verify_report(analyses: &[StudyAnalysis]) -> VerifyReport {
    VerifyReport {
        verifications: analyses
            .iter()
            .flat_map(|a| a.verifications.iter().cloned())
            .collect(),
    }
}
