//! A fixed-design answer carried to a group-sequential design: the maximum sample size (or
//! number of events) is the fixed one times the design's inflation factor, the expected ones
//! the fixed one times the design's expected-n ratios, and look k comes at t_k times the
//! maximum (rpact's `getSampleSizeMeans`/`getSampleSizeRates` with the normal approximation
//! and `getSampleSizeSurvival`: `maxNumberOfSubjects = nFixed · inflationFactor`,
//! `maxNumberOfEvents = eventsFixed · inflationFactor`, `expectedEventsH1 = eventsFixed ·
//! averageSampleNumber1`). The maximum is rounded up per arm (patients) or in all (events),
//! and the unrounded value is kept beside it.

use super::SequentialDesign;
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;

/// Patients of a group-sequential design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatientsMax {
    /// The maximum in all: the arms' maxima rounded up.
    pub n_max: u64,
    /// The maximum before rounding: the fixed design's n (unrounded) times the inflation
    /// factor.
    pub n_max_exact: f64,
    /// Arm a's and arm b's maxima, each rounded up.
    pub n_max_per_arm: [u64; 2],
    /// Patients in all at each look (unrounded): t_k · n_max_exact.
    pub n_at_looks: Vec<f64>,
    /// Expected patients in all under H0, θ/2 and H1 (not for a time-to-event design, whose
    /// patients by a look depend on accrual, not on information).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_n_h0: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_n_h01: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_n_h1: Option<f64>,
}

/// Events of a group-sequential time-to-event design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventsMax {
    /// The maximum number of events, rounded up.
    pub events_max: u64,
    /// Before rounding: the fixed design's events times the inflation factor.
    pub events_max_exact: f64,
    /// Events at each look (unrounded): t_k · events_max_exact.
    pub events_at_looks: Vec<f64>,
    /// Expected events under H0, θ/2 and H1.
    pub events_expected_h0: f64,
    pub events_expected_h01: f64,
    pub events_expected_h1: f64,
}

/// The group-sequential design of a sample-size answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequentialSize {
    pub design: SequentialDesign,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub patients: Option<PatientsMax>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub events: Option<EventsMax>,
}

impl SequentialSize {
    /// Carry `fixed_patients` (in all, unrounded; `fraction_a` of them in arm a) and, for a
    /// time-to-event design, `fixed_events` (unrounded) to `design`. With events the patients
    /// get a maximum only: how many are enrolled by an interim look depends on accrual.
    ///
    /// ```
    /// use trialstats_stats::power::sequential::{design, Efficacy, SequentialSpec};
    /// use trialstats_stats::power::sequential::sample_size::SequentialSize;
    /// use trialstats_stats::power::sequential::spending::Spending;
    /// // rpact: getSampleSizeSurvival(getDesignGroupSequential(kMax = 3, typeOfDesign =
    /// //   "asOF"), hazardRatio = 0.5, ...) has eventsFixed 65.345659258870896,
    /// //   maxNumberOfEvents 66.181744727961771, expectedEventsH1 56.561175320248559.
    /// let d = design(&SequentialSpec {
    ///     efficacy: Efficacy::Spending(Spending::OBrienFleming),
    ///     ..SequentialSpec::default()
    /// })?;
    /// let s = SequentialSize::new(d, None, 0.5, Some(65.345659258870896));
    /// let events = s.events.unwrap();
    /// assert!((events.events_max_exact - 66.181744727961771).abs() < 1e-5);
    /// assert_eq!(events.events_max, 67);
    /// assert!((events.events_expected_h1 - 56.561175320248559).abs() < 1e-5);
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn new(
        design: SequentialDesign,
        fixed_patients: Option<f64>,
        fraction_a: f64,
        fixed_events: Option<f64>,
    ) -> SequentialSize {
        let f = design.inflation_factor;
        let at_looks = |max: f64| design.timing.iter().map(|t| t * max).collect::<Vec<f64>>();
        let ratios = [
            design.expected_n_h0,
            design.expected_n_h01,
            design.expected_n_h1,
        ];
        let expected = fixed_events.is_none();
        let patients = fixed_patients.map(|n| {
            let max = n * f;
            let per_arm = [
                round_up(max * fraction_a),
                round_up(max * (1.0 - fraction_a)),
            ];
            PatientsMax {
                n_max: per_arm[0] + per_arm[1],
                n_max_exact: max,
                n_max_per_arm: per_arm,
                n_at_looks: at_looks(max),
                expected_n_h0: expected.then(|| n * ratios[0]),
                expected_n_h01: expected.then(|| n * ratios[1]),
                expected_n_h1: expected.then(|| n * ratios[2]),
            }
        });
        let events = fixed_events.map(|e| {
            let max = e * f;
            EventsMax {
                events_max: round_up(max),
                events_max_exact: max,
                events_at_looks: at_looks(max),
                events_expected_h0: e * ratios[0],
                events_expected_h01: e * ratios[1],
                events_expected_h1: e * ratios[2],
            }
        });
        SequentialSize {
            design,
            patients,
            events,
        }
    }

    /// The rows the answer's table gains.
    pub fn rows(&self) -> Vec<Vec<Cell>> {
        let d = &self.design;
        let mut rows: Vec<Vec<Cell>> = vec![vec![
            "group-sequential inflation factor".into(),
            d.inflation_factor.into(),
        ]];
        if let Some(p) = &self.patients {
            rows.push(vec!["maximum n (unrounded)".into(), p.n_max_exact.into()]);
            rows.push(vec![
                "maximum n per arm (a, b)".into(),
                format!("{}, {}", p.n_max_per_arm[0], p.n_max_per_arm[1]).into(),
            ]);
            rows.push(vec!["maximum n".into(), Cell::Integer(p.n_max as i64)]);
            rows.push(vec!["n at the looks".into(), list(&p.n_at_looks).into()]);
            let expected = [
                ("expected n under H0", p.expected_n_h0),
                ("expected n under θ/2", p.expected_n_h01),
                ("expected n under H1", p.expected_n_h1),
            ];
            for (what, value) in expected {
                if let Some(v) = value {
                    rows.push(vec![what.into(), v.into()]);
                }
            }
        }
        if let Some(e) = &self.events {
            rows.push(vec![
                "maximum events (unrounded)".into(),
                e.events_max_exact.into(),
            ]);
            rows.push(vec![
                "maximum events".into(),
                Cell::Integer(e.events_max as i64),
            ]);
            rows.push(vec![
                "events at the looks".into(),
                list(&e.events_at_looks).into(),
            ]);
            rows.push(vec![
                "expected events under H0".into(),
                e.events_expected_h0.into(),
            ]);
            rows.push(vec![
                "expected events under θ/2".into(),
                e.events_expected_h01.into(),
            ]);
            rows.push(vec![
                "expected events under H1".into(),
                e.events_expected_h1.into(),
            ]);
        }
        rows
    }
}

/// Rounded up, with a last-digit allowance so that 63.000000000001 stays 63.
fn round_up(x: f64) -> u64 {
    (x - 1e-9).ceil().max(1.0) as u64
}

fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.1}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fixed-design answer with its group-sequential design beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithSequential<T> {
    #[serde(flatten)]
    pub fixed: T,
    pub sequential: SequentialSize,
}

impl<T: Tabular> Tabular for WithSequential<T> {
    fn preamble(&self) -> Option<String> {
        let mut s = self.fixed.preamble().unwrap_or_default();
        let d = &self.sequential.design;
        s.push_str(&format!(
            "Group-sequential: {} look(s) at information {} ({}{}); the fixed design's answer times the inflation factor\n",
            d.looks,
            d.timing
                .iter()
                .map(|t| human_number(*t))
                .collect::<Vec<_>>()
                .join(", "),
            d.design,
            d.futility
                .as_ref()
                .map(|f| format!(
                    ", futility {f} {}",
                    if d.binding_futility {
                        "binding"
                    } else {
                        "non-binding"
                    }
                ))
                .unwrap_or_default(),
        ));
        Some(s)
    }

    fn table(&self) -> Table {
        let mut table = self.fixed.table();
        table.rows.extend(self.sequential.rows());
        table
    }

    fn epilogue(&self) -> Option<String> {
        let bounds = self.sequential.design.table();
        Some(format!(
            "\nBoundaries by look:\n{}",
            crate::output::table::align(&bounds.header, &bounds.rows)
        ))
    }
}
