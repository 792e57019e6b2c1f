//! The library refuses what it cannot compute, naming the input field, and never panics.

use proptest::prelude::*;
use trialstats::Error;
use trialstats::effect::{
    CiMethod, GroupSummary, MeasureCode, PersonTime, PrePostSummary, Proportion, Slope,
    SlopeChange, TwoByTwo, binary, incidence_rate, pre_post, proportion, rate_comparison,
    slope_change, two_group,
};
use trialstats::error::Refusal;
use trialstats::level::ConfidenceLevel;

fn location(e: impl Into<Error>) -> String {
    match e.into() {
        Error::Refused(Refusal::Input { location, .. }) => location,
        Error::Refused(Refusal::Field { field, .. }) => field.to_string(),
        other => panic!("expected an input error, got {other}"),
    }
}

fn g(mean: f64, sd: f64, n: f64) -> GroupSummary {
    GroupSummary { mean, sd, n }
}

fn pp(n: f64, before: (f64, f64), after: (f64, f64), r: Option<f64>) -> PrePostSummary {
    PrePostSummary::new(n, before, after, r)
}

#[test]
fn refusals_name_the_field() {
    let e = two_group(
        MeasureCode::ROM,
        &g(-1.0, 1.0, 5.0),
        &g(2.0, 1.0, 5.0),
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "group2.mean");
    let e = two_group(
        MeasureCode::SMD,
        &g(1.0, 1.0, 1.0),
        &g(2.0, 1.0, 2.0),
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "group2.n");
    let e = two_group(
        MeasureCode::SMDH,
        &g(1.0, 1.0, 1.0),
        &g(2.0, 1.0, 5.0),
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "group1.n");
    // r = 1 with equal SDs: the SD of the change is 0, SMCC is undefined
    let e = pre_post(
        MeasureCode::SMCC,
        &pp(10.0, (1.0, 2.0), (2.0, 2.0), Some(1.0)),
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "r");
    let e = pre_post(
        MeasureCode::ROMC,
        &pp(10.0, (0.0, 2.0), (2.0, 2.0), Some(0.5)),
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "before.mean");
    let e = pre_post(
        MeasureCode::SMCR,
        &pp(10.0, (f64::NAN, 2.0), (2.0, 2.0), None),
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "before.mean");
    let e = binary(
        MeasureCode::RR,
        &TwoByTwo {
            events1: -1.0,
            n1: 5.0,
            events2: 1.0,
            n2: 5.0,
        },
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "events1");
    // A level is checked where it is made, once: the effect functions take a checked one.
    // The library names its field; the command line maps it to `--level`.
    assert_eq!(location(ConfidenceLevel::new(1.5).unwrap_err()), "level");
    let e = incidence_rate(
        &PersonTime {
            events: 1.0,
            time: 0.0,
        },
        ConfidenceLevel::NINETY_FIVE,
        CiMethod::Exact,
    );
    assert_eq!(location(e.unwrap_err()), "time");
    let e = incidence_rate(
        &PersonTime {
            events: 1.0,
            time: 2.0,
        },
        ConfidenceLevel::NINETY_FIVE,
        CiMethod::Wilson,
    );
    assert_eq!(location(e.unwrap_err()), "ci");
    let e = slope_change(
        &SlopeChange {
            before: Slope {
                value: 0.0,
                se: None,
            },
            after: Slope {
                value: 0.25,
                se: None,
            },
        },
        ConfidenceLevel::NINETY_FIVE,
    );
    assert_eq!(location(e.unwrap_err()), "slope-before");
}

#[test]
fn a_code_of_another_family_is_a_usage_error() {
    let e = two_group(
        MeasureCode::SMCR,
        &g(1.0, 1.0, 5.0),
        &g(2.0, 1.0, 5.0),
        ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            trialstats::error::StatisticsError::Refused(Refusal::Usage(_))
        ),
        "{e}"
    );
    assert!(
        e.to_string().contains("MD, SMD, SMDH, SMD1, SMD1H, ROM"),
        "{e}"
    );
    let e = rate_comparison(
        MeasureCode::IR,
        &PersonTime {
            events: 1.0,
            time: 1.0,
        },
        &PersonTime {
            events: 1.0,
            time: 1.0,
        },
        ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap_err();
    assert!(e.to_string().contains("IRR, IRD"), "{e}");
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -5.0f64..50.0,
        Just(0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-1.0),
        Just(1.0),
    ]
}

proptest! {
    // Whatever numbers arrive, every family returns Ok or Err and never panics; an Ok result
    // has a finite estimate.
    #[test]
    fn no_input_makes_the_library_panic(
        a in any_f64(), b in any_f64(), c in any_f64(), d in any_f64(),
        e in any_f64(), f in any_f64(), r in any_f64(), level in 0.5f64..0.999,
    ) {
        let mut results = Vec::new();
        for code in [MeasureCode::MD, MeasureCode::SMD, MeasureCode::SMDH, MeasureCode::ROM] {
            results.push(two_group(code, &g(a, b, c), &g(d, e, f), ConfidenceLevel::new(level).unwrap()));
        }
        for code in [MeasureCode::MC, MeasureCode::SMCC, MeasureCode::SMCR, MeasureCode::SMCRH, MeasureCode::ROMC] {
            results.push(pre_post(code, &pp(a, (b, c), (d, e), Some(r)), ConfidenceLevel::new(level).unwrap()));
        }
        for code in [MeasureCode::RR, MeasureCode::OR, MeasureCode::RD] {
            results.push(binary(code, &TwoByTwo { events1: a, n1: b, events2: c, n2: d }, ConfidenceLevel::new(level).unwrap()));
        }
        for code in [MeasureCode::PR, MeasureCode::PLO] {
            for ci in [CiMethod::Wald, CiMethod::Wilson, CiMethod::Exact] {
                results.push(proportion(code, &Proportion { events: a, n: b }, ConfidenceLevel::new(level).unwrap(), ci));
            }
        }
        results.push(incidence_rate(&PersonTime { events: a, time: b }, ConfidenceLevel::new(level).unwrap(), CiMethod::Exact));
        for code in [MeasureCode::IRR, MeasureCode::IRD] {
            results.push(rate_comparison(code, &PersonTime { events: a, time: b }, &PersonTime { events: c, time: d }, ConfidenceLevel::new(level).unwrap()));
        }
        for result in results.into_iter().flatten() {
            prop_assert!(result.estimate.is_finite(), "{result:?}");
        }
        let _ = slope_change(&SlopeChange { before: Slope { value: a, se: Some(b) }, after: Slope { value: c, se: Some(d) } }, ConfidenceLevel::new(level).unwrap());
    }
}
