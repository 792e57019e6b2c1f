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
//!   Beside it, the same trial analysed by its relapse counts per patient (negative binomial
//!   regression, [`crate::power::rate`]) at the same rate and the same planned effect, the
//!   follow-up staggered as the log-rank trial's accrual and follow-up make it.
//!
//! Everything not reported (SD, correlation, retention, accrual, dropout, dispersion,
//! allocation) is assumed, and each provenance line says so. The statistics are
//! [`crate::power`]'s; this module only chooses the design and the assumptions. A design
//! that cannot be solved (an effect too small to study) is left out with its reason
//! ([`Plan::LeftOut`]) rather than failing the report.

use crate::csv_file::CsvFile;
use crate::error::Error;
use crate::error::Result;
use crate::level::ConfidenceLevel;
use crate::output::human_number as h;
use crate::power::mmrm::{CorrelationSpec, MmrmDesign, mmrm_power};
use crate::power::rate::{RateDesign, VarianceMethod, rate_power};
use crate::power::sequential::sample_size::SequentialSize;
use crate::power::sequential::spending::Spending;
use crate::power::sequential::{self, Efficacy, SequentialSpec, equally_spaced};
use crate::power::survival::{Enrolment, EventsMethod, SurvivalDesign, survival_power};
use crate::power::sweep::{SweepAxis, SweepResult, sweep_mmrm, sweep_survival};
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
/// Assumed for the relapse counts: the negative binomial dispersion k (variance μ + kμ²).
pub const ASSUMED_DISPERSION: f64 = 0.5;
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
    /// The relapse trial analysed by counts per patient instead (time to event only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relapse_counts: Option<RelapseCounts>,
    /// The same trial with two interim looks ([`SEQUENTIAL_LOOKS`] equally spaced, Lan–DeMets
    /// O'Brien–Fleming-type α-spending, the usual choice): its maximum and expected n.
    pub sequential: SequentialSize,
}

/// Looks of the group-sequential alternative (two interim analyses and the final one).
pub const SEQUENTIAL_LOOKS: usize = 3;

/// The plan's fixed answer carried to a [`SEQUENTIAL_LOOKS`]-look asOF design at the plan's
/// two-sided 5 % and power ([`crate::power::sequential`]).
fn sequential_alternative(
    n_total_exact: Option<f64>,
    allocation: Allocation,
    events_exact: Option<f64>,
) -> Result<SequentialSize> {
    let spec = SequentialSpec {
        timing: equally_spaced(SEQUENTIAL_LOOKS),
        alpha: 0.05,
        sides: 2,
        beta: 1.0 - POWER,
        efficacy: Efficacy::Spending(Spending::OBrienFleming),
        futility: None,
    };
    Ok(SequentialSize::new(
        sequential::design(&spec)?,
        n_total_exact,
        allocation.fraction_a(),
        events_exact,
    ))
}

/// The relapse trial analysed by each patient's relapse count (negative binomial regression
/// with the log follow-up as offset) instead of the time to the first relapse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelapseCounts {
    pub method: String,
    pub rate_ratio: f64,
    pub n_total: u64,
    /// Treatment, control.
    pub n_treatment: u64,
    pub n_control: u64,
    /// The same with Poisson counts (k = 0).
    pub n_total_poisson: u64,
    /// Where every number comes from: reported, computed or assumed.
    pub provenance: Vec<String>,
}

/// What a study's confirmatory trial section shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    Trial(Box<ConfirmatoryTrial>),
    /// The design that fits the study cannot be solved: one line saying why.
    LeftOut(String),
}

/// A design's solving error as the reason its section is left out.
fn left_out(design: &str, e: Error) -> Plan {
    Plan::LeftOut(format!("the {design} design cannot be solved: {e}"))
}
fn axis(name: &str, values: Vec<f64>) -> SweepAxis {
    SweepAxis {
        name: name.to_string(),
        values,
    }
}

/// From `from` to `to` by `step`, as the sweep's own ranges.
fn range(name: &str, from: f64, to: f64, step: f64) -> Result<SweepAxis> {
    Ok(format!("{name}={from}:{to}:{step}").parse::<SweepAxis>()?)
}

/// The test, allocation and goal every plan shares, and the line that says they are assumed.
fn shared() -> Result<(Test, Allocation, Goal, String)> {
    Ok((
        Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided),
        ASSUMED_ALLOCATION.parse()?,
        Goal::Power(POWER),
        format!(
            "power {} %, alpha 0.05 two-sided, allocation {ASSUMED_ALLOCATION} treatment to control: assumed (chosen for the plan)",
            h(POWER * 100.0)
        ),
    ))
}

/// The confirmatory trial of `study`: an MMRM when it has a before/after slope, a log-rank
/// trial (and relapse counts beside it) when it has an event rate per year and `data_dir`
/// holds [`HAZARD_RATIO_FILE`]; `None` when neither. An unreadable trials file is an error;
/// a design that cannot be solved is [`Plan::LeftOut`].
pub fn confirmatory_trial(study: &Study, data_dir: &Path) -> Result<Option<Plan>> {
    if let Ok(effect) = super::slopes::planned_slope_effect(study) {
        return Ok(Some(mmrm_plan(&effect).map_or_else(
            |e| left_out("MMRM", e),
            |t| Plan::Trial(Box::new(t)),
        )));
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
        "study",
    )?;
    Ok(Some(relapse_plan(&rates, &hr).map_or_else(
        |e| left_out("time-to-event", e),
        |t| Plan::Trial(Box::new(t)),
    )))
}

/// The MMRM at month 12 for a study's slope difference.
fn mmrm_plan(effect: &super::slopes::PlannedSlopeEffect) -> Result<ConfirmatoryTrial> {
    let (test, allocation, goal, test_line) = shared()?;
    {
        let k = ASSUMED_RETENTION.len();
        let correlation =
            CorrelationSpec::parse(ASSUMED_CORRELATION, "correlation")?.matrix(k, "correlation")?;
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
                CorrelationSpec::parse(ASSUMED_CORRELATION, "correlation")?.describe()
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
        Ok(ConfirmatoryTrial {
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
            relapse_counts: None,
            sequential: sequential_alternative(r.solution.n_total_exact, allocation, None)?,
        })
    }
}

/// The log-rank trial for a study's relapse rate at the planned hazard ratio, with the
/// relapse-count design beside it.
fn relapse_plan(
    rates: &super::measures::PlannedRateEffect,
    hr: &crate::power::hazard_ratio::PlannedHazardRatio,
) -> Result<ConfirmatoryTrial> {
    let (test, allocation, goal, test_line) = shared()?;
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
    let reported_rate = format!(
        "{} relapses a year: reported ({}, measures.{}: the rate before treatment, {})",
        rates.control,
        rates.study,
        rates.measure_id,
        rates
            .n
            .map_or_else(|| "n not reported".to_string(), |n| format!("n = {n}"))
    );
    let mut provenance = vec![format!("control hazard = {reported_rate}")];
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
    let relapse_counts = match relapse_counts(rates.rate_control, hr.hr, &reported_rate) {
        Ok(c) => Some(c),
        Err(e) => {
            provenance.push(format!(
                "relapse counts per patient: left out, the design cannot be solved: {e}"
            ));
            None
        }
    };
    Ok(ConfirmatoryTrial {
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
        relapse_counts,
        sequential: sequential_alternative(
            r.solution.n_total_exact,
            allocation,
            Some(r.events_exact),
        )?,
    })
}

/// The relapse trial analysed by counts per patient: the control rate as reported, the rate
/// ratio at the planned hazard ratio (equal when hazards are constant), follow-up staggered
/// as the log-rank trial's (uniform from the follow-up after accrual to accrual plus it).
fn relapse_counts(
    rate_control: f64,
    hazard_ratio: f64,
    reported_rate: &str,
) -> Result<RelapseCounts> {
    let (test, allocation, goal, test_line) = shared()?;
    let design = RateDesign {
        rate_control,
        rate_ratio: hazard_ratio,
        years: ASSUMED_FOLLOW_UP,
        dispersion: ASSUMED_DISPERSION,
        dispersion_treatment: None,
        accrual: Some(ASSUMED_ACCRUAL),
        margin: None,
    };
    let method = VarianceMethod::default();
    let r = rate_power(&design, method, test, allocation, goal)?;
    let poisson = rate_power(
        &RateDesign {
            dispersion: 0.0,
            ..design.clone()
        },
        method,
        test,
        allocation,
        goal,
    )?;
    Ok(RelapseCounts {
        method: r.method,
        rate_ratio: hazard_ratio,
        n_total: r.solution.n_total(),
        n_treatment: r.solution.n_a,
        n_control: r.solution.n_b,
        n_total_poisson: poisson.solution.n_total(),
        provenance: vec![
            format!("control rate = {reported_rate}"),
            format!(
                "rate ratio = {}: the hazard ratio above, assumed to hold for the relapse rate (equal when each arm's hazard is constant)",
                h(hazard_ratio)
            ),
            format!(
                "follow-up from {} to {} years (uniform: accrual {} years, then {} year, all to a common end, as the log-rank design's): assumed; no dropout (the log-rank design's {} a year is not modelled for counts): assumed",
                h(ASSUMED_FOLLOW_UP),
                h(ASSUMED_FOLLOW_UP + ASSUMED_ACCRUAL),
                h(ASSUMED_ACCRUAL),
                h(ASSUMED_FOLLOW_UP),
                h(ASSUMED_DROPOUT)
            ),
            format!(
                "dispersion k = {}: assumed (not reported); {} patients if the counts are Poisson (k = 0)",
                h(ASSUMED_DISPERSION),
                poisson.solution.n_total()
            ),
            test_line,
        ],
    })
}
