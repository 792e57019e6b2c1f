//! Numeric edge cases from the reliability issue, at the library level: each gives a correct
//! finite answer (checked against R) or a refusal that names the input and says what is
//! allowed — never a hang, a panic, or NaN/Inf in a result.
//!
//! Reference values are R 4.2.2 (metafor 3.8.1) printed with sprintf("%.17g", ...); the call
//! is in the comment above each.

use crate::common::assert_close;
use trialstats::effect::convert::{se_from_ci, se_from_p};
use trialstats::effect::{
    CiMethod, GroupSummary, MeasureCode, PersonTime, PrePostSummary, Proportion, incidence_rate,
    pre_post, proportion, two_group,
};
use trialstats::lmm::frame::RawColumn;
use trialstats::lmm::{Formula, Frame, fit};
use trialstats::plot::{
    BeforeAfterChart, Chart, ForestChart, ForestRow, HistogramChart, HistogramLayout,
    HistogramSample, ProportionChart, Size, TimePointValue, render_svg,
};
use trialstats::prepost::{paired_summary, paired_t_test};

fn err_text<T: std::fmt::Debug, E: std::fmt::Display>(r: Result<T, E>) -> String {
    r.expect_err("expected a refusal").to_string()
}

// ----- exact intervals with huge counts (statrs' quantiles hung or gave Inf) -----

#[test]
fn exact_proportion_interval_for_n_ten_million_matches_binom_test() {
    // R: binom.test(5, 1e7)$conf.int (statrs' qbeta looped for ever here)
    let e = proportion(
        MeasureCode::PR,
        &Proportion {
            events: 5.0,
            n: 1e7,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
        CiMethod::Exact,
    )
    .unwrap();
    assert_close(
        "ci lower",
        e.ci_lower.unwrap(),
        1.623486583030331e-07,
        1e-12,
    );
    assert_close(
        "ci upper",
        e.ci_upper.unwrap(),
        1.1668328188907439e-06,
        1e-12,
    );
    // binom.test(5, 1e7, conf.level = 0.99)$conf.int
    let e = proportion(
        MeasureCode::PR,
        &Proportion {
            events: 5.0,
            n: 1e7,
        },
        trialstats::level::ConfidenceLevel::new(0.99).unwrap(),
        CiMethod::Exact,
    )
    .unwrap();
    assert_close(
        "ci lower",
        e.ci_lower.unwrap(),
        1.0779283981415338e-07,
        1e-12,
    );
    assert_close(
        "ci upper",
        e.ci_upper.unwrap(),
        1.414975293767951e-06,
        1e-12,
    );
}

#[test]
fn exact_proportion_interval_with_a_billion_events_matches_r() {
    // The Clopper-Pearson limits binom.test(1e9, 2e9) computes (binom.test itself runs out
    // of memory on its p-value): qbeta(0.025, 1e9, 1e9 + 1), qbeta(0.975, 1e9 + 1, 1e9)
    let e = proportion(
        MeasureCode::PR,
        &Proportion {
            events: 1e9,
            n: 2e9,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
        CiMethod::Exact,
    )
    .unwrap();
    assert_close("ci lower", e.ci_lower.unwrap(), 0.49997808668649885, 1e-14);
    assert_close("ci upper", e.ci_upper.unwrap(), 0.5000219133135011, 1e-14);
}

#[test]
fn exact_proportion_interval_beyond_its_limit_is_refused_with_the_limit() {
    let msg = err_text(proportion(
        MeasureCode::PR,
        &Proportion {
            events: 5.0,
            n: 1e13,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
        CiMethod::Exact,
    ));
    assert!(
        msg.starts_with("n:") && msg.contains("1e12") && msg.contains("wilson"),
        "{msg}"
    );
}

#[test]
fn exact_poisson_interval_for_a_trillion_events_matches_poisson_test() {
    // R: poisson.test(1e12, 1)$conf.int (statrs gave Inf/NaN)
    let e = incidence_rate(
        &PersonTime {
            events: 1e12,
            time: 1.0,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
        CiMethod::Exact,
    )
    .unwrap();
    assert_close("ci lower", e.ci_lower.unwrap(), 999998040036.96265, 1e-14);
    assert_close("ci upper", e.ci_upper.unwrap(), 1000001959965.9316, 1e-14);
    // poisson.test(1e12, 1e6)$conf.int
    let e = incidence_rate(
        &PersonTime {
            events: 1e12,
            time: 1e6,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
        CiMethod::Exact,
    )
    .unwrap();
    assert_close("ci lower", e.ci_lower.unwrap(), 999998.0400369626, 1e-14);
    assert_close("ci upper", e.ci_upper.unwrap(), 1000001.9599659316, 1e-14);
}

#[test]
fn rates_that_overflow_are_refused_naming_the_input() {
    let msg = err_text(incidence_rate(
        &PersonTime {
            events: 1e300,
            time: 1e-10,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
        CiMethod::Wald,
    ));
    assert!(
        msg.starts_with("events:") && msg.contains("1.8e308"),
        "{msg}"
    );
}

// ----- the paired test -----

#[test]
fn paired_test_with_a_hundred_million_patients_matches_r() {
    // t quantile with 1e8 − 1 df (statrs hung). R:
    //   d <- -1; se <- sqrt((1.7^2 + 1.6^2 - 1.7*1.6)/1e8)
    //   d + c(-1, 1) * qt(0.975, 1e8 - 1) * se
    let s = paired_summary("test", 1e8, (5.1, 1.7), (4.1, 1.6)).unwrap();
    let t = paired_t_test(&s, 0.5, trialstats::level::ConfidenceLevel::NINETY_FIVE).unwrap();
    assert_close("ci lower", t.ci_lower, -1.0003238392013694, 1e-13);
    assert_close("ci upper", t.ci_upper, -0.99967616079863053, 1e-13);
    assert_eq!(t.p, 0.0); // 2*pt(-6052.3, 1e8 - 1) underflows in R too
    assert!(t.t.is_finite());
}

#[test]
fn a_change_without_spread_is_not_a_test_result() {
    // no spread and no change: t = 0/0
    let msg = err_text(paired_summary("edss", 7.0, (5.0, 0.0), (5.0, 0.0)));
    assert!(
        msg.starts_with("edss:") && msg.contains("both 0") && msg.contains("undefined"),
        "{msg}"
    );
    // no spread, a change: t = −1/0 used to print "t = -Inf, p = 0, significant always"
    let msg = err_text(paired_summary("edss", 7.0, (5.0, 0.0), (4.0, 0.0)));
    assert!(
        msg.contains("both 0") && msg.contains("at least one SD"),
        "{msg}"
    );
    // equal SDs at r = 1: SD of the change 0 at that r only
    let s = paired_summary("edss", 7.0, (5.0, 1.0), (4.0, 1.0)).unwrap();
    let msg = err_text(paired_t_test(
        &s,
        1.0,
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    ));
    assert!(msg.starts_with("r:") && msg.contains("below 1"), "{msg}");
    // one SD 0 is a proper test (the SD of the change is the other SD)
    let s = paired_summary("edss", 7.0, (5.0, 0.0), (4.0, 1.0)).unwrap();
    assert!(
        paired_t_test(&s, 0.5, trialstats::level::ConfidenceLevel::NINETY_FIVE)
            .unwrap()
            .t
            .is_finite()
    );
}

#[test]
fn a_change_that_overflows_is_refused() {
    let msg = err_text(paired_summary("edss", 7.0, (1e308, 1.0), (-1e308, 1.0)));
    assert!(
        msg.starts_with("edss:") && msg.contains("overflows") && msg.contains("rescale"),
        "{msg}"
    );
    let msg = err_text(paired_summary("edss", 7.0, (1.0, 1e200), (2.0, 1.0)));
    assert!(msg.contains("before SD") && msg.contains("1e150"), "{msg}");
}

// ----- effect sizes near the largest double -----

#[test]
fn a_mean_difference_that_overflows_is_refused_naming_the_group() {
    let g1 = GroupSummary {
        mean: 1e308,
        sd: 1e308,
        n: 10.0,
    };
    let g2 = GroupSummary {
        mean: -1e308,
        sd: 1e308,
        n: 10.0,
    };
    let msg = err_text(two_group(
        MeasureCode::MD,
        &g1,
        &g2,
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    ));
    assert!(
        msg.starts_with("group1.mean:") && msg.contains("1.8e308"),
        "{msg}"
    );
    // an SD whose square overflows: the variance is refused, not reported as NA
    let g1 = GroupSummary {
        mean: 1.0,
        sd: 1e200,
        n: 10.0,
    };
    let g2 = GroupSummary {
        mean: 0.0,
        sd: 1.0,
        n: 10.0,
    };
    let msg = err_text(two_group(
        MeasureCode::MD,
        &g1,
        &g2,
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    ));
    assert!(
        msg.starts_with("group1.sd:") && msg.contains("variance"),
        "{msg}"
    );
}

#[test]
fn standardised_effects_of_huge_scales_are_computed_not_zeroed() {
    // SMD is unchanged by rescaling both groups, so means ±1e300 with SDs 1e200 give
    // R: escalc("SMD", m1i = 1e100, sd1i = 1, n1i = 10, m2i = -1e100, sd2i = 1, n2i = 10)
    // (the pooled SD used to overflow to Inf and make g = 0)
    let g1 = GroupSummary {
        mean: 1e300,
        sd: 1e200,
        n: 10.0,
    };
    let g2 = GroupSummary {
        mean: -1e300,
        sd: 1e200,
        n: 10.0,
    };
    let e = two_group(
        MeasureCode::SMD,
        &g1,
        &g2,
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap();
    assert_close("estimate", e.estimate, 1.9152928540474401e+100, 1e-13);
    assert_close(
        "variance",
        e.variance.unwrap(),
        9.1708667919129715e+198,
        1e-13,
    );
    // and ordinary values are as before:
    // escalc("SMD", m1i = 5, sd1i = 2, n1i = 10, m2i = 3, sd2i = 1, n2i = 12)
    let e = two_group(
        MeasureCode::SMD,
        &GroupSummary {
            mean: 5.0,
            sd: 2.0,
            n: 10.0,
        },
        &GroupSummary {
            mean: 3.0,
            sd: 1.0,
            n: 12.0,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap();
    assert_close("estimate", e.estimate, 1.2550068481587877, 1e-13);
    assert_close("variance", e.variance.unwrap(), 0.21912974671800278, 1e-13);
    // SMCC likewise: escalc("SMCC", m1i = -1, sd1i = 1, m2i = 1, sd2i = 1, ni = 10, ri = 0.5)
    let s = PrePostSummary::new(10.0, (1e200, 1e200), (-1e200, 1e200), Some(0.5));
    let e = pre_post(
        MeasureCode::SMCC,
        &s,
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap();
    assert_close("estimate", e.estimate, -1.8277497835851051, 1e-13);
    assert_close("variance", e.variance.unwrap(), 0.26703346356976998, 1e-13);
}

#[test]
fn log_ratios_of_means_far_apart_are_finite() {
    // ln(1e-300/1e300): the ratio underflows to 0, and was refused as "not the same sign".
    // R: log(1e-300) - log(1e300); the variance depends only on the CVs (0.1 each):
    // escalc("ROM", m1i = 1, sd1i = 0.1, n1i = 10, m2i = 1, sd2i = 0.1, n2i = 10)$vi
    // (metafor itself gives NA at 1e±300: its squares underflow)
    let e = two_group(
        MeasureCode::ROM,
        &GroupSummary {
            mean: 1e-300,
            sd: 1e-301,
            n: 10.0,
        },
        &GroupSummary {
            mean: 1e300,
            sd: 1e299,
            n: 10.0,
        },
        trialstats::level::ConfidenceLevel::NINETY_FIVE,
    )
    .unwrap();
    assert_close("estimate", e.estimate, -1381.5510557964274, 1e-14);
    assert_close(
        "variance",
        e.variance.unwrap(),
        0.0020000000000000005,
        1e-13,
    );
}

#[test]
fn conversions_near_the_limits_are_finite_and_right() {
    // a tiny p used to give z = qnorm(1 − p/2) = qnorm(1) = Inf and SE = 0.
    // R: 1/qnorm(5e-301, lower.tail = FALSE); 1/qt(5e-301, 9, lower.tail = FALSE)
    assert_close(
        "se from p = 1e-300",
        se_from_p(1.0, 1e-300, None).unwrap(),
        0.026979056892481437,
        1e-13,
    );
    // R's qt is off by 2e-11 this far out: pt(1/1.7980101119562587e-34, 9, lower.tail =
    // FALSE)/5e-301 - 1 = 1.77e-10, while at our 1.7980101119208822e-34 it is -8.9e-14.
    assert_close(
        "se from p = 1e-300, t",
        se_from_p(1.0, 1e-300, Some(10.0)).unwrap(),
        1.7980101119562587e-34,
        1e-10,
    );
    // limits ±1e308: the width overflowed. R: 1e308/qnorm(0.975)
    assert_close(
        "se from a CI of ±1e308",
        se_from_ci(
            -1e308,
            1e308,
            trialstats::level::ConfidenceLevel::NINETY_FIVE,
            None,
            false,
        )
        .unwrap(),
        5.1021345692465406e+307,
        1e-14,
    );
}

// ----- charts -----

fn point(label: &str, mean: f64, spread: f64) -> TimePointValue {
    TimePointValue::new(label, Some(mean), Some(spread))
}

fn svg(chart: Chart) -> trialstats::Result<String> {
    Ok(render_svg(&chart, Size::DEFAULT)?)
}

#[test]
fn charts_refuse_values_beyond_their_stated_range() {
    let before_after = BeforeAfterChart {
        title: "X".into(),
        measure_label: "X".into(),
        unit: String::new(),
        n: None,
        bar_kind: trialstats::reported::SpreadKind::NotReported,
        scale: (None, None),
        points: vec![point("a", 1e308, 1e308), point("b", -1e308, 1e308)],
    };
    let msg = err_text(svg(before_after.into()));
    assert!(
        msg.contains("time point 1 ('a')") && msg.contains("1e15"),
        "{msg}"
    );

    let histogram = HistogramChart {
        title: "H".into(),
        value_label: "v".into(),
        samples: vec![HistogramSample {
            label: "A".into(),
            values: vec![-1e308, 1e308],
        }],
        layout: HistogramLayout::Overlay,
        bin_width: None,
        scale: (None, None),
    };
    let msg = err_text(svg(histogram.into()));
    assert!(
        msg.contains("sample 1 ('A'), value 1") && msg.contains("1e15"),
        "{msg}"
    );
}

#[test]
fn charts_draw_values_up_to_the_limit() {
    let before_after = BeforeAfterChart {
        title: "X".into(),
        measure_label: "X".into(),
        unit: String::new(),
        n: None,
        bar_kind: trialstats::reported::SpreadKind::NotReported,
        scale: (None, None),
        points: vec![point("a", 1e15, 0.0), point("b", -1e15, 0.0)],
    };
    assert!(svg(before_after.into()).unwrap().contains("<svg"));
    let histogram = HistogramChart {
        title: "H".into(),
        value_label: "v".into(),
        samples: vec![HistogramSample {
            label: "A".into(),
            values: vec![-1e15, 0.0, 1e15],
        }],
        layout: HistogramLayout::Overlay,
        bin_width: None,
        scale: (None, None),
    };
    assert!(svg(histogram.into()).unwrap().contains("<svg"));
}

#[test]
fn a_log_scale_forest_refuses_values_whose_exp_overflows() {
    let mut forest = ForestChart::new("F", "ratio", vec![ForestRow::new("A", 800.0, 700.0, 900.0)]);
    forest.exponentiate = true;
    let msg = err_text(svg(forest.clone().into()));
    assert!(
        msg.contains("row 1 ('A')") && msg.contains("34.5") && msg.contains("1e15"),
        "{msg}"
    );
    // within the limit the labels are numbers, never "inf"
    forest.rows = vec![ForestRow::new("A", 30.0, 29.0, 31.0)];
    let text = svg(forest.into()).unwrap();
    assert!(
        !text.contains("inf") && !text.contains("NaN"),
        "inf in the chart"
    );
}

#[test]
fn proportion_chart_with_a_hundred_million_draws_and_beyond_its_limit_is_refused() {
    let chart = |total: u64| {
        ProportionChart::exact(
            "P",
            trialstats::level::ConfidenceLevel::NINETY_FIVE,
            vec![("A".into(), 5, total)],
        )
    };
    // statrs' qbeta hung here; binom.test(5, 1e8)$conf.int = 1.6234864094096168e-08,
    // 1.1668331690281105e-07, i.e. 0.0% [0.0, 0.0] at one decimal
    let text = svg(chart(100_000_000).into()).unwrap();
    assert!(
        text.contains("5/100000000 = 0.0% [0.0, 0.0]"),
        "numbers missing"
    );
    let msg = err_text(svg(chart(10_000_000_000_000).into()));
    assert!(
        msg.contains("item 1 ('A')") && msg.contains("1e12"),
        "{msg}"
    );
}

// ----- mixed models -----

fn frame(y: Vec<f64>) -> Frame {
    let n = y.len();
    Frame::from_columns(
        "data.csv",
        vec![
            ("y".into(), RawColumn::Numbers(y)),
            (
                "x".into(),
                RawColumn::Numbers((1..=n).map(|i| i as f64).collect()),
            ),
            (
                "g".into(),
                RawColumn::Text(["a", "a", "b", "b", "c", "c"].map(String::from).to_vec()),
            ),
        ],
    )
    .unwrap()
}

#[test]
fn a_constant_response_is_refused_naming_the_column() {
    let f = Formula::parse("y ~ x + (1|g)").unwrap();
    let msg = err_text(fit(&f, &frame(vec![1.0; 6]), true));
    assert!(
        msg.starts_with("data.csv, column y:") && msg.contains("constant"),
        "{msg}"
    );
}

#[test]
fn values_too_large_for_the_model_are_refused_naming_the_column_and_the_limit() {
    let f = Formula::parse("y ~ x + (1|g)").unwrap();
    let y = vec![1e308, -1e308, 1e308, 2.0, 1.0, 3e307];
    let msg = err_text(fit(&f, &frame(y), true));
    assert!(
        msg.starts_with("data.csv, column y:") && msg.contains("1e100") && msg.contains("rescale"),
        "{msg}"
    );
    // 1e90 is within the limit and fits
    let y = vec![1.1e90, 2.3e90, 2.9e90, 4.2e90, 5.1e90, 5.8e90];
    let m = fit(&f, &frame(y), true).unwrap();
    assert!(m.sigma.is_finite() && m.fixed.iter().all(|e| e.estimate.is_finite()));
}
