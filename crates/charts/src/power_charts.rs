//! The charts of `power`: a sweep of the sample size (or power) across nuisance parameters, and
//! the expected events of a survival design by calendar time.

use crate::plot::{PowerSweepChart, PowerSweepSeries};
use trialstats_numerics::output::human_number;
use trialstats_stats::power::SweepResult;
use trialstats_stats::power::survival::{EventsAt, SurvivalPower};
use trialstats_stats::power::sweep::{SweepRow, describe_parameter};

/// The sweep as a chart: n per arm (or power) against the first axis, one line per
/// value of the second.
pub fn sweep_chart(sweep: &SweepResult, title: &str) -> PowerSweepChart {
    let y = |r: &SweepRow| sweep.answer(r);
    let mut series: Vec<PowerSweepSeries> = Vec::new();
    for r in &sweep.rows {
        let label = match (sweep.axes.get(1), r.values.get(1)) {
            (Some(name), Some(v)) => format!("{name} = {}", human_number(*v)),
            _ => String::new(),
        };
        match series.iter_mut().find(|s| s.label == label) {
            Some(s) => s.points.push((r.values[0], y(r))),
            None => series.push(PowerSweepSeries {
                label,
                points: vec![(r.values[0], y(r))],
            }),
        }
    }
    PowerSweepChart {
        title: title.to_string(),
        subtitle: sweep.fixed.join("; "),
        x_label: describe_parameter(&sweep.axes[0]),
        y_label: match sweep.solved_for.as_str() {
            "power" => "power".into(),
            "n_total" => "patients in all".into(),
            "delta" => "detectable difference".into(),
            _ => "patients per arm".into(),
        },
        series,
    }
}

/// The expected events by calendar time, per arm and in all, with the events needed.
pub fn survival_chart(power: &SurvivalPower, title: &str) -> PowerSweepChart {
    let line = |label: &str, y: &dyn Fn(&EventsAt) -> f64| PowerSweepSeries {
        label: label.to_string(),
        points: power
            .events_by_time
            .iter()
            .map(|e| (e.time, y(e)))
            .collect(),
    };
    let end = power.events_by_time.last().map_or(1.0, |e| e.time);
    let mut series = vec![
        line("both arms", &|e| e.total),
        line("control", &|e| e.control),
        line("treatment", &|e| e.treatment),
    ];
    if power.solution.solved_for == "n" {
        series.push(PowerSweepSeries {
            label: format!("events needed ({})", power.events),
            points: vec![(0.0, power.events as f64), (end, power.events as f64)],
        });
    }
    let en = power.design.enrolment;
    PowerSweepChart {
        title: title.to_string(),
        subtitle: format!(
            "HR {}; {} patients ({}); accrual {}, follow-up {}; control median {}, dropout hazard {}",
            human_number(power.design.hazard_ratio),
            power.solution.n_total(),
            power.solution.allocation.describe(),
            en.map_or(String::new(), |e| human_number(e.accrual)),
            en.map_or(String::new(), |e| human_number(e.follow_up)),
            en.map_or(String::new(), |e| format!(
                "{:.3}",
                std::f64::consts::LN_2 / e.rate_control
            )),
            en.map_or(String::new(), |e| human_number(e.dropout_rate)),
        ),
        x_label: "calendar time from the first patient in".into(),
        y_label: "expected events".into(),
        series,
    }
}
