//! Sample size for a time-to-event trial analysed by the log-rank test (or a Cox model):
//! the number of events, and the number of patients that gives those events under
//! exponential event and dropout times with uniform accrual.
//!
//! Events, with a fraction f of the patients on treatment (arm a) and hazard ratio θ
//! (treatment over control):
//!
//! - Schoenfeld (1983, Biometrics 39:499), the default: D = (z_crit + z_power)² /
//!   (f(1 − f)(log θ)²);
//! - Freedman (1982, Stat Med 1:121): the log-rank O − E has mean D·f(1 − f)(θ − 1)/(fθ + 1
//!   − f) and variance D·f(1 − f) under the null, so D = (z_crit + z_power)²(fθ + 1 − f)² /
//!   (f(1 − f)(1 − θ)²) ((1 + θ)²/(1 − θ)² · 4/4 at 1:1).
//!
//! Patients (Lachin & Foulkes 1986, Biometrics 42:507, §2; as gsDesign's `nSurv` with
//! `method = "Schoenfeld"` or `"Freedman"`): with accrual uniform over A, a further
//! follow-up F after the last patient enters, event hazard λ and dropout hazard η (both
//! exponential), a patient has an event with probability
//!
//!   P(λ) = λ/(λ + η) · [1 − (e^{−(λ+η)F} − e^{−(λ+η)(A+F)}) / ((λ + η)A)]
//!
//! (1 − e^{−(λ+η)F} times λ/(λ + η) when A = 0), and N = D / (f P(θλ) + (1 − f) P(λ)). The
//! expected events of an arm of n patients by calendar time t are
//! (n/A)(λ/κ)[m − (e^{−κ(t−m)} − e^{−κt})/κ] with κ = λ + η and m = min(t, A).

use super::{
    Allocation, Goal, Precision, Sides, Solution, Test, require_non_negative, require_positive,
};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;

/// How the events are counted.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::power::survival::{EventsMethod, SurvivalDesign, survival_power};
/// use trialstats_stats::power::{Allocation, Goal, Sides, Test};
/// // Freedman (1982) for HR 0.5, 80 % power, 1:1. R: z <- qnorm(0.975) + qnorm(0.8);
/// // z^2 * (1 + 0.5)^2 / (1 - 0.5)^2 = 70.6399176091418 events (tests/power_survival.rs).
/// let design = SurvivalDesign { hazard_ratio: 0.5, events_method: EventsMethod::Freedman, enrolment: None };
/// let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
/// let r = survival_power(&design, test, Allocation::EQUAL, Goal::Power(0.8))?;
/// assert!((r.events_exact - 70.6399176091418).abs() < 1e-9);
/// assert_eq!(r.events, 71);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum EventsMethod {
    #[default]
    Schoenfeld,
    Freedman,
}

impl std::str::FromStr for EventsMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "schoenfeld" => Ok(EventsMethod::Schoenfeld),
            "freedman" => Ok(EventsMethod::Freedman),
            _ => Err(Error::field(
                "method",
                format!("'{s}'; allowed: schoenfeld (the default), freedman"),
            )),
        }
    }
}

/// Accrual, follow-up and hazards: what turns events into patients.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Enrolment {
    /// Accrual duration A (patients enter uniformly over it).
    pub accrual: f64,
    /// Follow-up F after the last patient enters (the study ends at A + F).
    pub follow_up: f64,
    /// The control arm's event hazard λ (per time unit; ln 2 / median).
    pub rate_control: f64,
    /// Dropout hazard η, both arms.
    pub dropout_rate: f64,
}

impl Enrolment {
    /// Refuse what has no answer, naming the field.
    pub fn validate(&self) -> Result<()> {
        require_non_negative("accrual", self.accrual, "the accrual duration")?;
        if !(self.follow_up.is_finite() && self.follow_up >= 0.0) {
            return Err(Error::field(
                "follow_up",
                format!(
                    "{}: the follow-up after the last patient enters must be at least 0",
                    human_number(self.follow_up)
                ),
            ));
        }
        if self.accrual + self.follow_up <= 0.0 {
            return Err(Error::field(
                "follow_up",
                "the accrual and the follow-up are both 0: no patient is followed",
            ));
        }
        require_positive("rate_control", self.rate_control, "the control event rate")?;
        require_non_negative("dropout_rate", self.dropout_rate, "the dropout hazard")?;
        for (field, v) in [
            ("accrual", self.accrual),
            ("follow_up", self.follow_up),
            ("rate_control", self.rate_control),
            ("dropout_rate", self.dropout_rate),
        ] {
            if v > 1e6 || (v != 0.0 && v < 1e-9) {
                return Err(Error::field(
                    field,
                    format!("{} is out of range; allowed: 1e-9 to 1e6", human_number(v)),
                ));
            }
        }
        Ok(())
    }

    /// The probability that a patient with event hazard `rate` has an event by the end.
    pub fn p_event(&self, rate: f64) -> f64 {
        let k = rate + self.dropout_rate;
        let (a, f) = (self.accrual, self.follow_up);
        let share = rate / k;
        if a == 0.0 {
            return share * -(-k * f).exp_m1();
        }
        // (e^{−kF} − e^{−k(A+F)})/(kA) = e^{−kF}(1 − e^{−kA})/(kA)
        share * (1.0 - (-k * f).exp() * -(-k * a).exp_m1() / (k * a))
    }

    /// Expected events by calendar time `t` among `n` patients with event hazard `rate`.
    pub fn events_by(&self, n: f64, rate: f64, t: f64) -> f64 {
        let k = rate + self.dropout_rate;
        if self.accrual == 0.0 {
            return n * rate / k * -(-k * t).exp_m1();
        }
        let m = t.min(self.accrual);
        let integral = m - ((-k * (t - m)).exp() - (-k * t).exp()) / k;
        n / self.accrual * rate / k * integral
    }
}

/// The assumptions of a two-arm time-to-event trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalDesign {
    /// Treatment hazard over control hazard (θ ≠ 1).
    pub hazard_ratio: f64,
    pub events_method: EventsMethod,
    /// Accrual and hazards, when patients are wanted.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub enrolment: Option<Enrolment>,
}

impl SurvivalDesign {
    /// Refuse what has no answer, naming the field.
    pub fn validate(&self) -> Result<()> {
        require_positive("hr", self.hazard_ratio, "the hazard ratio")?;
        if self.hazard_ratio == 1.0 {
            return Err(Error::field(
                "hr",
                "1 is no effect; give the hazard ratio the trial should detect (e.g. 0.5)",
            ));
        }
        if !(1e-6..=1e6).contains(&self.hazard_ratio) {
            return Err(Error::field("hr", "out of range; allowed: 1e-6 to 1e6"));
        }
        if let Some(e) = &self.enrolment {
            e.validate()?;
        }
        Ok(())
    }

    /// √D × the SE of the test's statistic scale, per event, at |log θ| = `e` with fraction
    /// `f` on treatment (see the module doc).
    fn per_event(&self, e: f64, f: f64) -> f64 {
        let base = 1.0 / (f * (1.0 - f));
        match self.events_method {
            EventsMethod::Schoenfeld => base.sqrt(),
            EventsMethod::Freedman => {
                let theta = self.theta(e);
                // effect |log θ| against the standardised O − E mean √(f(1−f))|1 − θ|/(fθ + 1 − f)
                e * (f * theta + 1.0 - f) * base.sqrt() / (1.0 - theta).abs()
            }
        }
    }

    /// θ at |log θ| = `e`, on the side of 1 of the design's ratio.
    fn theta(&self, e: f64) -> f64 {
        if self.hazard_ratio < 1.0 {
            (-e).exp()
        } else {
            e.exp()
        }
    }

    /// The expected proportion of patients with an event (`None` without enrolment).
    pub fn p_event(&self, e: f64, f: f64) -> Option<f64> {
        self.enrolment.map(|en| {
            f * en.p_event(en.rate_control * self.theta(e))
                + (1.0 - f) * en.p_event(en.rate_control)
        })
    }
}

/// One point of the expected events by calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EventsAt {
    pub time: f64,
    pub treatment: f64,
    pub control: f64,
    pub total: f64,
}

/// The answer for a time-to-event trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurvivalPower {
    pub method: String,
    #[serde(flatten)]
    pub design: SurvivalDesign,
    pub alpha: f64,
    pub sides: Sides,
    /// Events needed (rounded up), or expected with the patients given.
    pub events: u64,
    /// Before rounding.
    pub events_exact: f64,
    /// The proportion of patients with an event by the end (with enrolment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p_event: Option<f64>,
    /// Patients (with enrolment) or events (without) per arm and power.
    #[serde(flatten)]
    pub solution: Solution,
    /// What `solution` counts: "patients" or "events".
    pub counts: String,
    /// Expected events by calendar time (with enrolment).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events_by_time: Vec<EventsAt>,
    pub provenance: Vec<String>,
}

/// The n, power or detectable hazard ratio of `design` (see [`super::slope::slope_power`]):
/// in events without enrolment, in patients with it.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::power::survival::{EventsMethod, SurvivalDesign, survival_power};
/// use trialstats_stats::power::{Allocation, Goal, Sides, Test};
/// // Schoenfeld (1983): events = (z_0.975 + z_0.8)² / (½·½·ln(0.5)²); R: z <- qnorm(0.975) +
/// // qnorm(0.8); z^2 / (0.25 * log(0.5)^2) = 65.3456592588709, so 66 events.
/// let design = SurvivalDesign {
///     hazard_ratio: 0.5,
///     events_method: EventsMethod::Schoenfeld,
///     enrolment: None,
/// };
/// let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
/// let r = survival_power(&design, test, Allocation::EQUAL, Goal::Power(0.8))?;
/// assert!((r.events_exact - 65.3456592588709).abs() < 1e-9);
/// assert_eq!(r.events, 66);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn survival_power(
    design: &SurvivalDesign,
    test: Test,
    allocation: Allocation,
    goal: Goal,
) -> Result<SurvivalPower> {
    design.validate()?;
    let unit = |e: f64, f: f64| {
        let s = design.per_event(e, f) / design.p_event(e, f).unwrap_or(1.0).sqrt();
        Ok((s, s))
    };
    let counts = if design.enrolment.is_some() {
        "patients"
    } else {
        "events"
    };
    let precision = Precision {
        unit_se: &unit,
        df_lost: None,
        unit: counts,
    };
    let solution = Solution::solve(
        goal,
        design.hazard_ratio.ln().abs(),
        &precision,
        test,
        allocation,
    )?;
    let mut design = design.clone();
    design.hazard_ratio = design.theta(solution.effect);
    let f = allocation.fraction_a();
    let p = design.p_event(solution.effect, f);
    // events: the exact n's when solving for n, else the arms as given
    let n_exact = solution.n_total_exact.unwrap_or(solution.n_total() as f64);
    let events_exact = n_exact * p.unwrap_or(1.0);
    let mut events_by_time = Vec::new();
    if let Some(en) = design.enrolment {
        let end = en.accrual + en.follow_up;
        let (na, nb) = (solution.n_a as f64, solution.n_b as f64);
        for i in 0..=40 {
            let t = end * i as f64 / 40.0;
            let treatment = en.events_by(na, en.rate_control * design.hazard_ratio, t);
            let control = en.events_by(nb, en.rate_control, t);
            events_by_time.push(EventsAt {
                time: t,
                treatment,
                control,
                total: treatment + control,
            });
        }
    }
    Ok(SurvivalPower {
        method: format!(
            "log-rank test, events by {} ({}){}",
            match design.events_method {
                EventsMethod::Schoenfeld => "Schoenfeld",
                EventsMethod::Freedman => "Freedman",
            },
            match design.events_method {
                EventsMethod::Schoenfeld => "1983",
                EventsMethod::Freedman => "1982",
            },
            if design.enrolment.is_some() {
                "; patients under exponential times, uniform accrual and exponential dropout (Lachin & Foulkes 1986, as gsDesign nSurv)"
            } else {
                ""
            }
        ),
        design,
        alpha: test.level.alpha(),
        sides: test.sides,
        events: (events_exact - 1e-9).ceil().max(1.0) as u64,
        events_exact,
        p_event: p,
        solution,
        counts: counts.to_string(),
        events_by_time,
        provenance: Vec::new(),
    })
}

impl Tabular for SurvivalPower {
    fn preamble(&self) -> Option<String> {
        let s = format!(
            "Power for a hazard ratio: {}\nalpha = {} ({})\n",
            self.method,
            human_number(self.alpha),
            self.sides.describe()
        );
        super::preamble_with(s, &self.provenance)
    }

    fn table(&self) -> Table {
        let d = &self.design;
        let mut rows: Vec<Vec<Cell>> = vec![vec!["hazard ratio".into(), d.hazard_ratio.into()]];
        if let Some(en) = d.enrolment {
            rows.push(vec!["control hazard".into(), en.rate_control.into()]);
            rows.push(vec![
                "control median".into(),
                (std::f64::consts::LN_2 / en.rate_control).into(),
            ]);
            rows.push(vec!["dropout hazard".into(), en.dropout_rate.into()]);
            rows.push(vec!["accrual".into(), en.accrual.into()]);
            rows.push(vec!["follow-up after accrual".into(), en.follow_up.into()]);
        }
        rows.push(vec!["events (unrounded)".into(), self.events_exact.into()]);
        rows.push(vec!["events".into(), Cell::Integer(self.events as i64)]);
        if let Some(p) = self.p_event {
            rows.push(vec!["P(event) per patient".into(), p.into()]);
        }
        let unit = if self.counts == "patients" {
            "n"
        } else {
            "events"
        };
        rows.extend(self.solution.rows(d.hazard_ratio, unit));
        Table {
            header: vec!["quantity".into(), "value".into()],
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_event_is_the_end_of_the_events_curve() {
        let en = Enrolment {
            accrual: 12.0,
            follow_up: 30.0,
            rate_control: std::f64::consts::LN_2 / 10.0,
            dropout_rate: 0.01,
        };
        let lambda = en.rate_control;
        assert!((en.events_by(100.0, lambda, 42.0) - 100.0 * en.p_event(lambda)).abs() < 1e-10);
        assert_eq!(en.events_by(100.0, lambda, 0.0), 0.0);
    }
}
