//! The confirmatory trial a study's result would call for: the design that fits what the
//! study measured, its n at the README's plan ("Planning the confirmatory trials"), and the
//! n across the effect and across the allocation.
//!
//! - A study with a before/after slope (a longitudinal score, the ALS Muse study): an MMRM of
//!   the difference at month 12, δ = the slope difference × 12 ([`super::slopes::planned_slope_effect`]).
//! - A study with an event rate per year (relapses, the NMO tocilizumab study): a log-rank
//!   trial with the study's rate before treatment as the control hazard
//!   ([`super::measures::planned_rate_effect`]) and the hazard ratio of a published trial
//!   from the data folder's trials file ([`crate::power::hazard_ratio::planned_hazard_ratio`]).
//!
//! Everything not reported (SD, correlation, retention, accrual, dropout, allocation) is
//! assumed, and each provenance line says so. The statistics are [`crate::power`]'s; this
//! module only chooses the design and the assumptions.

use crate::csv_file::CsvFile;
use crate::error::Result;
use crate::level::ConfidenceLevel;
use crate::output::human_number as h;
use crate::power::mmrm::{mmrm_power, CorrelationSpec, MmrmDesign};
use crate::power::survival::{survival_power, Enrolment, EventsMethod, SurvivalDesign};
use crate::power::sweep::{sweep_mmrm, sweep_survival, SweepAxis, SweepResult};
use crate::power::{Allocation, Goal, Sides, Test};
use crate::study::Study;
use serde::Serialize;
use std::path::Path;

/// The trials file, in the data folder, that gives a relapse trial's hazard ratio.
pub const HAZARD_RATIO_FILE: &str = "nmosd-nma.csv";
/// The trial of that file whose hazard ratio a relapse trial is planned on (SAkuraStar:
/// satralizumab vs placebo, HR 0.45, 95% CI 0.23–0.89).
pub const HAZARD_RATIO_TRIAL: &str = "SAkuraStar";

/// Assumed, for an MMRM of a 0–48 score at month 12 (README "Planning the confirmatory
/// trials"): the SD at month 12, a larger SD drawn alongside, AR(1) correlation over four
/// quarterly visits to month 12, and retention at each.
pub const ASSUMED_SD: f64 = 6.0;
pub const ASSUMED_SD_LARGER: f64 = 8.0;
pub const ASSUMED_CORRELATION: &str = "ar1:0.8";
pub const ASSUMED_RETENTION: [f64; 4] = [1.0, 0.93, 0.87, 0.8];
/// Months from the study's monthly slope to the trial's last visit.
pub const MONTHS: f64 = 12.0;
/// Assumed for the relapse trial: accrual and follow-up after it (years), dropout per year.
pub const ASSUMED_ACCRUAL: f64 = 2.0;
pub const ASSUMED_FOLLOW_UP: f64 = 1.0;
pub const ASSUMED_DROPOUT: f64 = 0.1;
/// Assumed for both: 2:1 treatment to control (as SAkuraStar), power 80 %, two-sided 5 %.
pub const ASSUMED_ALLOCATION: &str = "2:1";
pub const POWER: f64 = 0.8;

/// A study's confirmatory trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfirmatoryTrial {
    /// "MMRM" or "time to event".
    pub design: String,
    pub method: String,
    /// The effect planned on, in the design's terms (points at month 12, or the HR).
    pub effect: f64,
    pub effect_name: String,
    pub n_total: u64,
    /// Treatment, control.
    pub n_treatment: u64,
    pub n_control: u64,
    /// Events needed (time to event only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<u64>,
    /// The same design at a larger SD (MMRM only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n_total_larger_sd: Option<u64>,
    /// Where every number comes from: reported, computed or assumed.
    pub provenance: Vec<String>,
    /// n against the effect (and, for the MMRM, the SD).
    pub effect_sweep: SweepResult,
    /// n against the allocation A:1.
    pub allocation_sweep: SweepResult,
}

fn axis(name: &str, values: Vec<f64>) -> SweepAxis {
    SweepAxis {
        name: name.to_string(),
        values,
    }
}

/// From `from` to `to` by `step`, as the sweep's own ranges.
fn range(name: &str, from: f64, to: f64, step: f64) -> Result<SweepAxis> {
    format!("{name}={from}:{to}:{step}").parse()
}

/// The confirmatory trial of `study`: an MMRM when it has a before/after slope, a log-rank
/// trial when it has an event rate per year and `data_dir` holds [`HAZARD_RATIO_FILE`];
/// `None` when neither.
pub fn confirmatory_trial(study: &Study, data_dir: &Path) -> Result<Option<ConfirmatoryTrial>> {
    let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
    let allocation: Allocation = ASSUMED_ALLOCATION.parse()?;
    let goal = Goal::Power(POWER);
    let test_line = format!(
        "power {} %, alpha 0.05 two-sided, allocation {ASSUMED_ALLOCATION} treatment to control: assumed (chosen for the plan)",
        h(POWER * 100.0)
    );
    if let Ok(effect) = super::slopes::planned_slope_effect(study) {
        let k = ASSUMED_RETENTION.len();
        let correlation = CorrelationSpec::parse(ASSUMED_CORRELATION, "--correlation")?
            .matrix(k, "--correlation")?;
        let design = MmrmDesign {
            delta: effect.delta * MONTHS,
            sd: ASSUMED_SD,
            sd_b: None,
            correlation,
            correlation_b: None,
            retention: ASSUMED_RETENTION.to_vec(),
            retention_b: None,
        };
        let r = mmrm_power(&design, test, allocation, goal)?;
        let larger = mmrm_power(
            &MmrmDesign {
                sd: ASSUMED_SD_LARGER,
                ..design.clone()
            },
            test,
            allocation,
            goal,
        )?;
        let retention: Vec<String> = ASSUMED_RETENTION.iter().map(|v| h(*v)).collect();
        let provenance = vec![
            effect.provenance(),
            format!(
                "delta at month 12 = {} × {} = {} points: computed (the monthly slope difference over {} months, as if it held for a year)",
                h(effect.delta),
                h(MONTHS),
                h(design.delta),
                h(MONTHS)
            ),
            format!(
                "SD at month 12 = {} points: assumed (not reported); {} at SD {} (assumed, about what the edaravone phase 3's SE implies)",
                h(ASSUMED_SD),
                larger.solution.n_total(),
                h(ASSUMED_SD_LARGER)
            ),
            format!(
                "correlation over {k} quarterly visits to month 12 = {}: assumed (not reported)",
                CorrelationSpec::parse(ASSUMED_CORRELATION, "--correlation")?.describe()
            ),
            format!(
                "retention at the visits = {}: assumed (20 % lost by month 12; not reported)",
                retention.join(", ")
            ),
            test_line,
        ];
        let effect_sweep = sweep_mmrm(
            &design,
            test,
            allocation,
            goal,
            &[
                range("delta", 1.5, 5.0, 0.25)?,
                axis("sd", vec![ASSUMED_SD, ASSUMED_SD_LARGER]),
            ],
        )?;
        let allocation_sweep = sweep_mmrm(
            &design,
            test,
            allocation,
            goal,
            &[range("allocation", 1.0, 3.0, 0.25)?],
        )?;
        return Ok(Some(ConfirmatoryTrial {
            design: "MMRM".into(),
            method: r.method,
            effect: design.delta,
            effect_name: "difference at month 12 (points)".into(),
            n_total: r.solution.n_total(),
            n_treatment: r.solution.n_a,
            n_control: r.solution.n_b,
            events: None,
            n_total_larger_sd: Some(larger.solution.n_total()),
            provenance,
            effect_sweep,
            allocation_sweep,
        }));
    }
    let file = data_dir.join(HAZARD_RATIO_FILE);
    let Ok(rates) = super::measures::planned_rate_effect(study, None) else {
        return Ok(None);
    };
    if !file.is_file() {
        return Ok(None);
    }
    let trials = CsvFile::read(&file)?;
    let hr = crate::power::hazard_ratio::planned_hazard_ratio(
        &trials,
        &[HAZARD_RATIO_TRIAL.to_string()],
        "--study",
    )?;
    let design = SurvivalDesign {
        hazard_ratio: hr.hr,
        events_method: EventsMethod::Schoenfeld,
        enrolment: Some(Enrolment {
            accrual: ASSUMED_ACCRUAL,
            follow_up: ASSUMED_FOLLOW_UP,
            rate_control: rates.rate_control,
            dropout_rate: ASSUMED_DROPOUT,
        }),
    };
    let r = survival_power(&design, test, allocation, goal)?;
    let mut provenance = vec![format!(
        "control hazard = {} relapses a year: reported ({}, measures.{}: the rate before treatment, {})",
        rates.control,
        rates.study,
        rates.measure_id,
        rates
            .n
            .map_or_else(|| "n not reported".to_string(), |n| format!("n = {n}"))
    )];
    provenance.extend(hr.provenance().into_iter().map(|l| {
        format!("hazard ratio, from {HAZARD_RATIO_FILE} (a published trial's, assumed to carry over): {l}")
    }));
    provenance.push(format!(
        "accrual {} years, follow-up {} year after it, dropout {} a year: assumed (exponential times; not reported)",
        h(ASSUMED_ACCRUAL),
        h(ASSUMED_FOLLOW_UP),
        h(ASSUMED_DROPOUT)
    ));
    provenance.push(test_line);
    let effect_sweep = sweep_survival(
        &design,
        test,
        allocation,
        goal,
        &[range("hr", 0.3, 0.8, 0.05)?],
    )?;
    let allocation_sweep = sweep_survival(
        &design,
        test,
        allocation,
        goal,
        &[range("allocation", 1.0, 3.0, 0.25)?],
    )?;
    Ok(Some(ConfirmatoryTrial {
        design: "time to event".into(),
        method: r.method,
        effect: design.hazard_ratio,
        effect_name: "hazard ratio".into(),
        n_total: r.solution.n_total(),
        n_treatment: r.solution.n_a,
        n_control: r.solution.n_b,
        events: Some(r.events),
        n_total_larger_sd: None,
        provenance,
        effect_sweep,
        allocation_sweep,
    }))
}
