//! `power survival` against Schoenfeld's (1983) and Freedman's (1982) event counts written
//! out in R 4.2.2 (options(digits = 15)), gsDesign's published East 6.5 benchmark for the
//! expected events and power of an accruing trial (gsDesign tests/testthat/
//! test-independent-test-nSurv.R), and the Lachin & Foulkes (1986) patient count written out.

use crate::common::assert_within;
use trialstats::level::ConfidenceLevel;
use trialstats::power::survival::{Enrolment, EventsMethod, SurvivalDesign, survival_power};
use trialstats::power::{Allocation, Goal, SampleSize, Sides, SmallSample, Test};

fn events_only(hr: f64, method: EventsMethod) -> SurvivalDesign {
    SurvivalDesign {
        hazard_ratio: hr,
        events_method: method,
        enrolment: None,
    }
}

#[test]
fn schoenfeld_and_freedman_event_counts() {
    // R: z <- qnorm(0.975) + qnorm(0.8); Schoenfeld z^2 / (f (1 − f) log(0.5)^2):
    // 65.3456592588709 (1:1), 73.5138666662297 (2:1, f = 2/3);
    // Freedman z^2 (f θ + 1 − f)^2 / (f (1 − f)(1 − θ)^2): 70.6399176091418 (1:1, i.e.
    // z^2 (1 + θ)^2/(1 − θ)^2), 62.7910378747927 (2:1; gsDesign's ratio (hr + 1/ratio)^2 /
    // (hr − 1)^2 form).
    let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
    for (method, alloc, want) in [
        (
            EventsMethod::Schoenfeld,
            Allocation::EQUAL,
            65.3456592588709,
        ),
        (
            EventsMethod::Schoenfeld,
            Allocation { a: 2.0, b: 1.0 },
            73.5138666662297,
        ),
        (EventsMethod::Freedman, Allocation::EQUAL, 70.6399176091418),
        (
            EventsMethod::Freedman,
            Allocation { a: 2.0, b: 1.0 },
            62.7910378747927,
        ),
    ] {
        let r = survival_power(&events_only(0.5, method), test, alloc, Goal::Power(0.8)).unwrap();
        assert_within(
            "R",
            &format!("events, {method:?} {alloc:?}"),
            r.events_exact,
            want,
            1e-9,
        );
        assert_eq!(r.events, want.ceil() as u64);
        assert_eq!(r.counts, "events");
    }
    // the detectable HR at those events gives back the power
    let r = survival_power(
        &events_only(0.7, EventsMethod::Freedman),
        test,
        Allocation::EQUAL,
        Goal::Delta {
            power: 0.8,
            n: SampleSize::Total(70.6399176091418),
        },
    )
    .unwrap();
    assert!(r.design.hazard_ratio < 1.0);
    assert_within(
        "R",
        "power at the detectable HR",
        r.solution.power,
        0.8,
        1e-9,
    );
}

#[test]
fn east_benchmark_expected_events_and_power() {
    // gsDesign tests/testthat/test-independent-test-nSurv.R ("the benchmark values have been
    // obtained by creating an equivalent design in East 6.5"): nSurv(lambdaC = log(2)/10,
    // hr = .5, gamma = 4, T = 42, minfup = 30, beta = NULL, method = "Schoenfeld"):
    // d = 39.02121789, power = 0.58120457 (one-sided alpha 0.025): 48 patients entering over
    // 12 months, followed 30 more.
    let d = SurvivalDesign {
        hazard_ratio: 0.5,
        events_method: EventsMethod::Schoenfeld,
        enrolment: Some(Enrolment {
            accrual: 12.0,
            follow_up: 30.0,
            rate_control: std::f64::consts::LN_2 / 10.0,
            dropout_rate: 0.0,
        }),
    };
    let test = Test::normal(ConfidenceLevel::from_alpha(0.025).unwrap(), Sides::OneSided);
    let r = survival_power(
        &d,
        test,
        Allocation::EQUAL,
        Goal::N(SampleSize::Total(48.0)),
    )
    .unwrap();
    assert_within("East", "expected events", r.events_exact, 39.02121789, 1e-6);
    assert_within("East", "power", r.solution.power, 0.58120457, 1e-6);
    // the expected events by calendar time end at those events
    assert_within(
        "East",
        "events by calendar time, last",
        r.events_by_time.last().unwrap().total,
        39.02121789,
        1e-6,
    );
    // there is no t version of the log-rank test
    let t = Test {
        small_sample: SmallSample::T,
        ..test
    };
    let e = survival_power(&d, t, Allocation::EQUAL, Goal::Power(0.8))
        .unwrap_err()
        .to_string();
    // The library names the request's field; the command line names its option.
    assert!(e.contains("small_sample"), "{e}");
}

#[test]
fn lachin_foulkes_patients_with_dropout_and_two_to_one() {
    // Written out in R (tests' comment, not a package): median 6 (λ = log(2)/6), HR 0.6,
    // accrual 24, follow-up 12, dropout hazard 0.01, 2:1, one-sided α 0.025, power 0.9:
    // D = (qnorm(0.975) + qnorm(0.9))^2 / (f (1 − f) log(0.6)^2) = 181.202165891163;
    // P(event) = λ/(λ+η) [1 − (e^{−(λ+η)F} − e^{−(λ+η)(A+F)}) / ((λ+η)A)] averaged 2:1 =
    // 0.767374117950112; N = D / P = 236.132756699181.
    let d = SurvivalDesign {
        hazard_ratio: 0.6,
        events_method: EventsMethod::Schoenfeld,
        enrolment: Some(Enrolment {
            accrual: 24.0,
            follow_up: 12.0,
            rate_control: std::f64::consts::LN_2 / 6.0,
            dropout_rate: 0.01,
        }),
    };
    let test = Test::normal(ConfidenceLevel::from_alpha(0.025).unwrap(), Sides::OneSided);
    let r = survival_power(&d, test, Allocation { a: 2.0, b: 1.0 }, Goal::Power(0.9)).unwrap();
    assert_within(
        "R",
        "total n",
        r.solution.n_total_exact.unwrap(),
        236.132756699181,
        1e-8,
    );
    assert_within("R", "events", r.events_exact, 181.202165891163, 1e-8);
    assert_within(
        "R",
        "P(event)",
        r.p_event.unwrap(),
        0.767374117950112,
        1e-12,
    );
    assert_eq!((r.solution.n_a, r.solution.n_b), (158, 79));
}
