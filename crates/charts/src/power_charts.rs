//! The charts of `power`: a sweep of the sample size (or power) across nuisance parameters, and
//! the expected events of a survival design by calendar time, and a group-sequential design's
//! boundaries.

use crate::plot::{
    BoundaryChart, BoundaryKind, BoundaryLine, BoundaryPoint, PowerSweepChart, PowerSweepSeries,
};
use trialstats_numerics::output::human_number;
use trialstats_stats::power::SweepResult;
use trialstats_stats::power::sequential::{BoundaryScale, SequentialDesign};
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

/// A group-sequential design's bounds by information fraction on `scale`: the efficacy bound
/// of each look with its nominal one-sided p, the futility bounds, the lower efficacy bound of
/// a two-sided design, and (on the z scale) the fixed design's critical value.
pub fn boundaries_chart(
    design: &SequentialDesign,
    scale: BoundaryScale,
    title: &str,
) -> BoundaryChart {
    let line =
        |label: &str, kind: BoundaryKind, bounds: &[f64], sign: f64, notes: bool| BoundaryLine {
            label: label.to_string(),
            kind,
            points: bounds
                .iter()
                .enumerate()
                .map(|(k, &z)| BoundaryPoint {
                    x: design.timing[k],
                    y: design.on_scale(scale, k, sign * z),
                    note: notes.then(|| format!("p {}", p_text(design.stage_levels[k]))),
                })
                .collect(),
        };
    let mut lines = vec![line(
        if design.sides == 2 {
            "efficacy (reject H0 beyond ±)"
        } else {
            "efficacy (reject H0 above)"
        },
        BoundaryKind::Efficacy,
        &design.critical_values,
        1.0,
        true,
    )];
    if design.sides == 2 {
        lines.push(line(
            "efficacy (reject H0 beyond ±)",
            BoundaryKind::Efficacy,
            &design.critical_values,
            -1.0,
            false,
        ));
    }
    if !design.futility_bounds.is_empty() {
        let mut futility = design.futility_bounds.clone();
        // The last look's futility bound is its efficacy bound.
        futility.push(design.critical_values[design.looks - 1]);
        lines.push(line(
            if design.binding_futility {
                "futility (stop below; binding)"
            } else {
                "futility (stop below; non-binding)"
            },
            BoundaryKind::Futility,
            &futility,
            1.0,
            false,
        ));
    }
    let fixed_z = design.fixed_critical_value;
    let mut subtitle = vec![format!(
        "{} look(s), {} α = {}, power {}; {}{}",
        design.looks,
        if design.sides == 2 {
            "two-sided"
        } else {
            "one-sided"
        },
        human_number(design.alpha),
        human_number(1.0 - design.beta),
        design.design,
        design
            .futility
            .as_ref()
            .map(|f| format!(" with futility {f}"))
            .unwrap_or_default(),
    )];
    subtitle.push(format!(
        "maximum n = {:.3} × the fixed design's; expected n under H1 = {:.3} ×, under H0 = {:.3} ×",
        design.inflation_factor, design.expected_n_h1, design.expected_n_h0
    ));
    BoundaryChart {
        title: title.to_string(),
        subtitle,
        x_label: "information fraction".into(),
        y_label: match scale {
            BoundaryScale::Z => "z statistic".into(),
            BoundaryScale::Effect => "estimate / planned effect".into(),
        },
        lines,
        reference: (scale == BoundaryScale::Z)
            .then(|| (fixed_z, format!("fixed design (z = {fixed_z:.2})"))),
    }
}

/// A nominal p as a reader compares it with a printed p: 2 significant digits, and "< 0.0001"
/// below that.
fn p_text(p: f64) -> String {
    if p < 1e-4 {
        "< 0.0001".to_string()
    } else {
        let decimals = (1.0 - p.log10().floor()).max(0.0) as usize;
        format!("{p:.decimals$}")
    }
}
