//! Every chart kind renders, for realistic data and for edge cases, to PNG (of the requested
//! size, not blank) and SVG (holding the title and axis labels), without panicking; writes
//! are atomic.

use std::path::Path;
use trialstats::level::ConfidenceLevel;
use trialstats::meta::bayes::{self, BayesOptions, MuPrior};
use trialstats::plot::ShrunkInterval;
use trialstats::plot::{
    self, BeforeAfterChart, Chart, EggerLine, ForestChart, ForestRow, ForestSummary, FunnelChart,
    FunnelStudy, HistogramChart, HistogramLayout, HistogramSample, ObservedPoint, PanelChart,
    ProportionChart, SensitivityChart, SensitivityPoint, Size, SlopeChart, SubjectTrajectory,
    TimePointValue, TrajectoryChart,
};
use trialstats::reported::SpreadKind;

const LONG: &str = "a very long label that goes on and on well past any sensible width for a chart label, multicentre, 2021";

fn tp(label: &str, mean: Option<f64>, spread: Option<f64>) -> TimePointValue {
    TimePointValue::new(label, mean, spread)
}

fn edss(points: Vec<TimePointValue>) -> BeforeAfterChart {
    BeforeAfterChart {
        title: "EDSS before and after".into(),
        measure_label: "EDSS".into(),
        unit: "points".into(),
        n: Some(7),
        bar_kind: SpreadKind::Sd,
        scale: (Some(0.0), Some(10.0)),
        points,
    }
}

fn realistic_before_after() -> BeforeAfterChart {
    edss(vec![
        tp("before", Some(5.1), Some(1.7)),
        tp("1 year", Some(4.1), Some(1.6)),
        tp("2 years", None, None),
    ])
}

fn panel(measures: Vec<BeforeAfterChart>) -> PanelChart {
    PanelChart {
        title: "NMO study".into(),
        subtitle: vec!["open label, n = 7".into()],
        measures,
    }
}

fn nmo_panel() -> PanelChart {
    let mut rate = edss(vec![
        tp("before", Some(1.9), Some(0.8)),
        tp("after", Some(0.3), Some(0.5)),
    ]);
    rate.measure_label = "relapse rate".into();
    rate.unit = "relapses/year".into();
    rate.scale = (Some(0.0), None);
    let mut pain = edss(vec![
        tp("before", Some(6.2), Some(0.9)),
        tp("after", Some(3.8), Some(1.1)),
    ]);
    pain.measure_label = "pain".into();
    pain.unit = "NRS".into();
    pain.bar_kind = SpreadKind::Sem;
    let mut fatigue = edss(vec![
        tp("before", Some(5.5), Some(1.2)),
        tp("after", None, None),
    ]);
    fatigue.measure_label = "fatigue".into();
    fatigue.unit = "FSS".into();
    fatigue.scale = (Some(1.0), Some(7.0));
    fatigue.bar_kind = SpreadKind::NotReported;
    panel(vec![
        rate,
        edss(vec![
            tp("before", Some(5.1), Some(1.7)),
            tp("after", Some(4.1), Some(1.6)),
        ]),
        pain,
        fatigue,
    ])
}

fn sensitivity(points: Vec<(f64, f64, f64, f64)>) -> SensitivityChart {
    SensitivityChart {
        marked_r: None,
        threshold: None,
        title: "SMCR against r".into(),
        effect_label: "SMCR".into(),
        null_value: 0.0,
        level: ConfidenceLevel::NINETY_FIVE,
        points: points
            .into_iter()
            .map(|(r, estimate, ci_lower, ci_upper)| SensitivityPoint {
                r,
                estimate,
                ci_lower,
                ci_upper,
            })
            .collect(),
        assumptions: vec!["± read as the SD".into()],
        exponentiate: false,
    }
}

fn realistic_sensitivity() -> SensitivityChart {
    sensitivity(
        (0..10)
            .map(|i| {
                let r = f64::from(i) / 10.0;
                let se = 0.21 * (2.0 * (1.0 - r)).sqrt();
                (r, 0.5, 0.5 - 1.96 * se, 0.5 + 1.96 * se)
            })
            .collect(),
    )
}

fn forest(rows: Vec<ForestRow>) -> ForestChart {
    ForestChart::new("Effects by measure", "standardised mean change", rows)
}

fn weighted(label: &str, e: f64, lo: f64, hi: f64, w: f64) -> ForestRow {
    let mut r = ForestRow::new(label, e, lo, hi);
    r.weight = Some(w);
    r
}

fn realistic_forest() -> ForestChart {
    let mut f = forest(vec![
        weighted("Smith 2019", 0.35, 0.05, 0.65, 22.1),
        weighted("Jones 2020", 0.61, 0.2, 1.02, 15.3),
        weighted("Lee 2022", 0.55, 0.31, 0.79, 30.5),
        weighted("Kim 2023", 0.44, -0.1, 0.98, 32.1),
    ]);
    f.label_header = "study".into();
    f.summary = Some(ForestSummary {
        label: "RE model".into(),
        estimate: 0.48,
        ci_lower: 0.3,
        ci_upper: 0.66,
        prediction: Some((0.1, 0.86)),
        heterogeneity: Some("Heterogeneity: τ² = 0.0123, I² = 41.2%, Q(3) = 5.10, p = 0.16".into()),
    });
    f
}

/// A forest row with its shrinkage estimate (a Bayesian meta-analysis).
fn shrunk(label: &str, e: f64, lo: f64, hi: f64, shrunk: (f64, f64, f64)) -> ForestRow {
    let mut r = ForestRow::new(label, e, lo, hi);
    r.shrunk = Some(ShrunkInterval {
        estimate: shrunk.0,
        lower: shrunk.1,
        upper: shrunk.2,
    });
    r
}

/// The Bayesian forest: observed intervals with the shrinkage intervals under them.
fn shrinkage_forest(rows: Vec<ForestRow>) -> ForestChart {
    let mut f = forest(rows);
    f.title = "Bayesian random effects".into();
    f.value_header = "estimate [95% interval]".into();
    f.summary = Some(ForestSummary {
        label: "μ, Bayesian RE model".into(),
        estimate: 0.47,
        ci_lower: 0.25,
        ci_upper: 0.7,
        prediction: Some((-0.05, 1.0)),
        heterogeneity: Some("τ: median 0.15 [95% interval 0.01, 0.62]".into()),
    });
    f
}

/// The posterior densities of the satralizumab trials (log hazard ratios; half-normal(0.5)
/// on τ), from the library.
fn satralizumab_posterior(tau_prior: &str, mu_prior: MuPrior) -> plot::PosteriorChart {
    let y = [0.38f64.ln(), 0.45f64.ln()];
    let v = [
        0.434_892_708_663_337_9f64.powi(2),
        0.345_195_668_001_147_7f64.powi(2),
    ];
    let options = BayesOptions {
        tau_prior: tau_prior.parse().unwrap(),
        mu_prior,
        level: 0.95,
        threshold: None,
    };
    let labels = ["SAkuraSky".to_string(), "SAkuraStar".to_string()];
    let fit = bayes::fit(&labels, &y, &v, &options).unwrap();
    let d = bayes::densities::densities(&y, &v, &options, &fit).unwrap();
    trialstats::charts::meta_charts::posterior_chart(
        &fit,
        &d,
        "Satralizumab: posterior",
        "log hazard ratio",
    )
}

fn funnel(studies: Vec<(f64, f64)>) -> FunnelChart {
    FunnelChart {
        level: ConfidenceLevel::NINETY_FIVE,
        title: "Funnel plot".into(),
        effect_label: "log risk ratio".into(),
        studies: studies
            .into_iter()
            .enumerate()
            .map(|(i, (estimate, standard_error))| FunnelStudy {
                label: format!("s{i}"),
                estimate,
                standard_error,
            })
            .collect(),
        pooled: Some(0.3),
        contours: true,
        egger: Some(EggerLine {
            intercept: 0.1,
            slope: 1.1,
        }),
        filled: None,
    }
}

fn proportion(items: Vec<(&str, u64, u64)>) -> ProportionChart {
    ProportionChart::exact(
        "Relapse-free",
        ConfidenceLevel::NINETY_FIVE,
        items
            .into_iter()
            .map(|(l, events, total)| (l.to_string(), events, total))
            .collect(),
    )
}

fn histogram(samples: Vec<Vec<f64>>, layout: HistogramLayout) -> HistogramChart {
    HistogramChart {
        title: "Reconstructed samples".into(),
        value_label: "pain (NRS)".into(),
        samples: samples
            .into_iter()
            .enumerate()
            .map(|(i, values)| HistogramSample {
                label: format!("sample {}", i + 1),
                values,
            })
            .collect(),
        layout,
        bin_width: None,
        scale: (None, None),
    }
}

fn trajectory(subjects: usize) -> TrajectoryChart {
    TrajectoryChart {
        title: "ALSFRS-R trajectories".into(),
        x_label: "months".into(),
        y_label: "ALSFRS-R (points)".into(),
        subjects: (0..subjects)
            .map(|s| {
                let b = 40.0 + s as f64;
                SubjectTrajectory {
                    subject: format!("{}", s + 1),
                    observed: (0..7)
                        .map(|t| {
                            (
                                2.0 * t as f64,
                                b - 0.5 * t as f64 + ((s * 7 + t) % 3) as f64 - 1.0,
                            )
                        })
                        .collect(),
                    fitted: vec![(0.0, b), (12.0, b - 3.0)],
                }
            })
            .collect(),
        population: vec![(0.0, 41.0), (12.0, 38.0)],
        treatment_start: Some(6.0),
    }
}

/// SMCC against r for the four NMO measures (± read as SD, n = 7), from the library.
fn nmo_effect_sweep() -> plot::EffectSweepChart {
    use trialstats::effect::{MeasureCode, PrePostSummary, pre_post};
    let measures = [
        ("annualised relapse rate", (2.9, 1.1), (0.4, 0.8)),
        (
            "EDSS (Expanded Disability Status Scale)",
            (5.1, 1.7),
            (4.1, 1.6),
        ),
        ("pain (numerical rating scale)", (3.0, 1.5), (0.9, 1.2)),
        ("fatigue (numerical rating scale)", (6.1, 2.0), (3.0, 1.4)),
    ];
    plot::EffectSweepChart {
        title: "nmo-tocilizumab: every measure's standardised change against the assumed r".into(),
        effect_label: "SMCC: (after − before) / SD of the change".into(),
        null_value: 0.0,
        level: ConfidenceLevel::NINETY_FIVE,
        series: measures
            .iter()
            .map(|&(label, before, after)| plot::EffectSweepSeries {
                label: label.into(),
                points: (0..10)
                    .map(|i| {
                        let r = f64::from(i) / 10.0;
                        let s = PrePostSummary::new(7.0, before, after, Some(r));
                        let e =
                            pre_post(MeasureCode::SMCC, &s, ConfidenceLevel::NINETY_FIVE).unwrap();
                        SensitivityPoint {
                            r,
                            estimate: e.estimate,
                            ci_lower: e.ci_lower.unwrap(),
                            ci_upper: e.ci_upper.unwrap(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        notes: vec!["The ± was read as the SD; r swept from 0 to 0.9.".into()],
    }
}

/// A Baujat plot's points like those of metafor's BCG data (risk ratios, REML).
const BAUJAT: [(&str, f64, f64); 13] = [
    ("Aronson 1948", 0.05, 0.002),
    ("Ferguson & Simes 1949", 1.49, 0.112),
    ("Rosenthal et al 1960", 0.55, 0.024),
    ("Hart & Sutherland 1977", 1.59, 0.238),
    ("Frimodt-Moller et al 1973", 0.68, 0.067),
    ("Stein & Aronson 1953", 0.02, 0.0),
    ("Vandiviere et al 1973", 1.53, 0.108),
    ("TPT Madras 1980", 1.66, 0.199),
    ("Coetzee & Berjak 1968", 0.16, 0.018),
    ("Rosenthal et al 1961", 1.12, 0.111),
    ("Comstock et al 1974", 0.43, 0.049),
    ("Comstock & Webster 1969", 1.59, 0.062),
    ("Comstock et al 1976", 1.27, 0.115),
];

/// (name, chart, words the SVG must hold: title and axis labels)
fn gallery() -> Vec<(&'static str, Chart, Vec<&'static str>)> {
    let mut slope = SlopeChart::new("ALSFRS-R decline", "ALSFRS-R points", 0.47, 0.25, 12.0);
    slope.observed = vec![
        ObservedPoint {
            month: 0.0,
            value: 0.0,
        },
        ObservedPoint {
            month: 12.0,
            value: -3.1,
        },
    ];
    let mut improving = SlopeChart::new("improvement", "points", -0.2, 0.3, 6.0);
    improving.start = Some(30.0);
    let mut one_value = histogram(vec![vec![3.0]], HistogramLayout::Overlay);
    one_value.bin_width = Some(0.5);
    let mut forest_log = forest(vec![
        weighted("A", 0.4, -0.1, 0.9, 30.0),
        weighted("B", -0.3, -0.9, 0.3, 70.0),
    ]);
    forest_log.exponentiate = true;
    forest_log.effect_label = "risk ratio (log scale)".into();
    let mut forest_negative = forest(vec![ForestRow::new("log ratio", -1.2, -2.5, -0.1)]);
    forest_negative.null_value = Some(0.0);
    vec![
        (
            "before_after",
            realistic_before_after().into(),
            vec![
                "EDSS before and after",
                "EDSS (points)",
                "before",
                "1 year",
                "not reported",
                "mean ± SD",
            ],
        ),
        (
            "before_after_one_point",
            edss(vec![tp("baseline", Some(5.0), Some(1.0))]).into(),
            vec!["baseline"],
        ),
        (
            "before_after_zero_sd",
            edss(vec![
                tp("before", Some(3.0), Some(0.0)),
                tp("after", Some(3.0), Some(0.0)),
            ])
            .into(),
            vec!["3 ± 0"],
        ),
        (
            "before_after_past_scale",
            edss(vec![
                tp("before", Some(8.5), Some(3.0)),
                tp("after", Some(1.0), Some(2.5)),
            ])
            .into(),
            vec!["past the end of the scale"],
        ),
        (
            "before_after_mean_outside_scale",
            edss(vec![tp("before", Some(11.0), Some(1.0))]).into(),
            vec!["outside the scale"],
        ),
        (
            "before_after_negative",
            BeforeAfterChart {
                scale: (None, None),
                unit: "°C".into(),
                ..edss(vec![
                    tp("before", Some(-3.2), Some(1.1)),
                    tp("after", Some(-0.4), Some(0.8)),
                ])
            }
            .into(),
            vec!["EDSS (°C)"],
        ),
        (
            "before_after_long_labels",
            BeforeAfterChart {
                title: LONG.into(),
                measure_label: LONG.into(),
                ..edss(vec![
                    tp(LONG, Some(4.0), Some(1.0)),
                    tp(LONG, Some(3.0), None),
                ])
            }
            .into(),
            vec!["a very long"],
        ),
        (
            "before_after_all_missing",
            BeforeAfterChart {
                bar_kind: SpreadKind::NotReported,
                ..edss(vec![tp("before", None, None), tp("after", None, Some(1.0))])
            }
            .into(),
            vec!["not reported", "not specified"],
        ),
        (
            "panel",
            nmo_panel().into(),
            vec![
                "NMO study",
                "relapse rate",
                "EDSS",
                "points",
                // Each cell is headed by its measure; its axis names the unit only.
                "pain",
                "NRS",
                "fatigue",
                "FSS",
            ],
        ),
        (
            "panel_single",
            panel(vec![realistic_before_after()]).into(),
            vec!["EDSS"],
        ),
        (
            "panel_grid",
            panel((0..6).map(|_| realistic_before_after()).collect()).into(),
            vec!["EDSS"],
        ),
        (
            "slope",
            slope.into(),
            vec![
                "ALSFRS-R decline",
                "months",
                "change from start (ALSFRS-R points)",
                "0.22 × 12 = 2.64 ALSFRS-R points",
            ],
        ),
        (
            "slope_improving",
            improving.into(),
            vec!["improvement", "months"],
        ),
        (
            "sensitivity",
            realistic_sensitivity().into(),
            vec![
                "SMCR against r",
                "assumed pre/post correlation r",
                "SMCR",
                "95% CI",
            ],
        ),
        (
            "sensitivity_ratio",
            SensitivityChart {
                exponentiate: true,
                effect_label: "ratio of means, after / before (log scale)".into(),
                title: "ROMC against r".into(),
                ..sensitivity(
                    (0..10)
                        .map(|i| {
                            let r = f64::from(i) / 10.0;
                            let se = 0.3 * (2.0 * (1.0 - r)).sqrt();
                            (r, -0.6, -0.6 - 1.96 * se, -0.6 + 1.96 * se)
                        })
                        .collect(),
                )
            }
            .into(),
            vec!["ROMC against r", "ratio of means", ">\n0.5\n<", ">\n1\n<"],
        ),
        (
            "sensitivity_long_label",
            SensitivityChart {
                effect_label: "mean change, after − before (annualised relapse rate, relapses per patient-year)".into(),
                ..realistic_sensitivity()
            }
            .into(),
            vec!["patient-year"],
        ),
        (
            "pvalue",
            plot::PValueChart {
                title: "NMO: every measure's p against the assumed r".into(),
                alpha: 0.05,
                series: [("EDSS", 0.30, 0.012), ("annualised relapse rate", 0.004, 1e-6), ("pain (numerical rating scale)", 0.04, 0.0004), ("fatigue", 0.6, 0.2)]
                    .iter()
                    .map(|&(label, p0, p9)| plot::PValueSeries {
                        label: label.into(),
                        points: (0..10)
                            .map(|i| {
                                let r = f64::from(i) / 10.0;
                                (r, (f64::ln(p0) + (f64::ln(p9) - f64::ln(p0)) * r / 0.9).exp())
                            })
                            .collect(),
                    })
                    .collect(),
                notes: vec!["± read as the SD".into()],
            }
            .into(),
            vec!["p (log scale)", ">\n0.01\n<"],
        ),
        (
            "effect_sweep",
            nmo_effect_sweep().into(),
            vec![
                "standardised change against the assumed r",
                "assumed pre/post correlation r",
                "annualised relapse rate",
                "95% CI",
            ],
        ),
        (
            "sensitivity_single",
            sensitivity(vec![(0.5, 0.3, 0.1, 0.5)]).into(),
            vec!["at every r"],
        ),
        (
            "sensitivity_never",
            sensitivity(vec![(0.0, 0.1, -0.5, 0.7), (0.9, 0.1, -0.05, 0.25)]).into(),
            vec!["includes 0 at every r"],
        ),
        (
            "forest",
            realistic_forest().into(),
            vec![
                "Effects by measure",
                "standardised mean change",
                "Smith 2019",
                "RE model",
                "prediction interval",
                "weight",
            ],
        ),
        (
            "paired",
            plot::PairedChart {
                title: "EDSS per patient".into(),
                y_label: "EDSS (points)".into(),
                times: vec!["before".into(), "month 6".into(), "year 1".into()],
                patients: (0..12)
                    .map(|i| plot::PatientValues {
                        id: format!("P{i}"),
                        values: vec![
                            Some(3.0 + f64::from(i % 5)),
                            (i != 4).then_some(2.5 + f64::from(i % 4)),
                            Some(2.0 + f64::from(i % 6) * 0.5),
                        ],
                    })
                    .collect(),
            }
            .into(),
            vec!["EDSS per patient", "month 6", "n = 11"],
        ),
        (
            "qq",
            plot::QqChart {
                title: "Residuals".into(),
                value_label: "residual (ms)".into(),
                values: (0..50)
                    .map(|i| f64::from(i % 7) - 3.0 + f64::from(i) * 0.01)
                    .collect(),
            }
            .into(),
            vec!["Residuals", "residual (ms)", "standard normal quantile"],
        ),
        (
            "caterpillar",
            plot::CaterpillarChart {
                title: "Random effects".into(),
                group: "patient".into(),
                terms: ["(Intercept)", "month"]
                    .iter()
                    .map(|t| plot::RandomEffectTerm {
                        term: t.to_string(),
                        modes: (0..30)
                            .map(|g| (format!("P{g}"), f64::from(g % 9) - 4.0))
                            .collect(),
                    })
                    .collect(),
            }
            .into(),
            vec!["Random effects", "(Intercept)", "month", "P29"],
        ),
        (
            "forest_single_row",
            forest(vec![ForestRow::new("EDSS", 0.6, 0.1, 1.1)]).into(),
            vec!["EDSS", "\n0.60\n", "\n0.10\n", "\n1.10\n"],
        ),
        (
            "forest_negative",
            forest_negative.into(),
            vec!["\n−1.20\n", "\n−2.50\n", "\n−0.10\n"],
        ),
        (
            "forest_long_labels",
            forest(vec![
                ForestRow::new(LONG, 0.2, -0.1, 0.5),
                ForestRow::new("short", 0.3, 0.0, 0.6),
            ])
            .into(),
            // Wrapped over up to three lines, every word kept while there is room.
            vec!["a very long", "multicentre, 2021"],
        ),
        (
            "shrinkage",
            shrinkage_forest(vec![
                shrunk("Smith 2019", 0.35, 0.05, 0.65, (0.4, 0.16, 0.63)),
                shrunk("Jones 2020", 0.61, 0.2, 1.02, (0.53, 0.26, 0.84)),
                shrunk("Lee 2022", 0.55, 0.31, 0.79, (0.52, 0.33, 0.73)),
            ])
            .into(),
            vec!["Smith 2019", "shrinkage estimate", "observed estimate", "0.53"],
        ),
        (
            "shrinkage_many_long_rows",
            shrinkage_forest(
                (0..30)
                    .map(|i| {
                        let e = f64::from(i) / 30.0;
                        let label = if i % 5 == 0 { LONG.to_string() } else { format!("study {i}") };
                        shrunk(&label, e, e - 0.4, e + 0.4, (0.5 * e + 0.2, 0.5 * e, 0.5 * e + 0.4))
                    })
                    .collect(),
            )
            .into(),
            vec!["study 29", "shrinkage estimate"],
        ),
        (
            "shrinkage_two_studies",
            shrinkage_forest(vec![
                shrunk("SAkuraSky", -0.97, -1.82, -0.12, (-0.9, -1.58, -0.24)),
                shrunk("SAkuraStar", -0.8, -1.48, -0.12, (-0.84, -1.42, -0.25)),
            ])
            .into(),
            vec!["SAkuraStar"],
        ),
        (
            "posterior",
            satralizumab_posterior("half-normal:0.5", MuPrior::Uniform).into(),
            vec![
                "Satralizumab: posterior",
                "μ: marginal posterior",
                "τ: marginal posterior and prior",
                "(μ, τ): joint posterior",
                "μ (log hazard ratio)",
                "τ (between-study SD)",
                "half-normal(scale = 0.5)",
                "95% equal-tailed interval",
                "prior",
                "E[μ | τ, data]",
            ],
        ),
        (
            "posterior_improper_tau_prior",
            satralizumab_posterior("uniform", MuPrior::Normal { mean: 0.0, sd: 4.0 }).into(),
            vec!["has no density to draw"],
        ),
        (
            "forest_many_rows",
            forest(
                (0..40)
                    .map(|i| {
                        ForestRow::new(
                            format!("study {i}"),
                            f64::from(i) / 40.0,
                            f64::from(i) / 40.0 - 0.3,
                            f64::from(i) / 40.0 + 0.3,
                        )
                    })
                    .collect(),
            )
            .into(),
            vec!["study 39"],
        ),
        (
            "forest_log_scale",
            forest_log.into(),
            vec![
                "risk ratio (log scale)",
                "\n1.49\n",
                "\n0.90\n",
                "\n2.46\n",
                "\n0.5\n",
            ],
        ),
        (
            "funnel",
            funnel(vec![
                (0.2, 0.1),
                (0.5, 0.2),
                (0.9, 0.35),
                (0.1, 0.05),
                (-0.3, 0.4),
            ])
            .into(),
            vec![
                "Funnel plot",
                "log risk ratio",
                "standard error",
                "Egger",
                "p &lt; 0.10, 0.05, 0.01",
            ],
        ),
        (
            "funnel_trim_and_fill",
            FunnelChart {
                filled: Some(plot::FilledStudies {
                    studies: vec![
                        FunnelStudy {
                            label: "filled 1".into(),
                            estimate: -0.4,
                            standard_error: 0.35,
                        },
                        FunnelStudy {
                            label: "filled 2".into(),
                            estimate: -0.1,
                            standard_error: 0.2,
                        },
                    ],
                    estimate: 0.15,
                }),
                ..funnel(
                    (0..40)
                        .map(|i| {
                            let se = 0.05 + f64::from(i) * 0.01;
                            (0.3 + se * (f64::from(i) * 1.7).sin() * 1.5, se)
                        })
                        .collect(),
                )
            }
            .into(),
            vec!["trim and fill", "Egger"],
        ),
        (
            "baujat",
            plot::ScatterChart {
                title: "Baujat plot: log risk ratio (random effects, REML): 13 studies".into(),
                subtitle: vec!["Q(12) = 152.23".into()],
                x_label: "squared Pearson residual".into(),
                y_label: "influence on the estimate".into(),
                points: BAUJAT
                    .iter()
                    .map(|&(label, x, y)| plot::LabelledPoint {
                        label: label.into(),
                        x,
                        y,
                    })
                    .collect(),
            }
            .into(),
            vec!["influence on the estimate", "Hart &amp; Sutherland 1977"],
        ),
        (
            "funnel_single",
            FunnelChart {
                level: ConfidenceLevel::NINETY_FIVE,
                pooled: None,
                egger: None,
                contours: false,
                ..funnel(vec![(0.2, 0.1)])
            }
            .into(),
            vec!["standard error"],
        ),
        (
            "proportion",
            proportion(vec![
                ("relapse-free", 5, 7),
                ("genomic sub-cohort", 812, 2080),
            ])
            .into(),
            vec![
                "Relapse-free",
                "relapse-free",
                "5/7 = 71.4% [29.0, 96.3]",
                "percent",
            ],
        ),
        (
            "proportion_extremes",
            proportion(vec![("none", 0, 10), ("all", 10, 10)]).into(),
            vec!["0/10 = 0.0% [0.0, 30.8]", "10/10 = 100.0% [69.2, 100.0]"],
        ),
        (
            "histogram",
            histogram(
                vec![
                    vec![1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0],
                    vec![1.0, 1.0, 2.0, 3.0, 5.0, 5.0, 5.0],
                ],
                HistogramLayout::Overlay,
            )
            .into(),
            vec!["Reconstructed samples", "pain (NRS)", "count", "sample 2"],
        ),
        (
            "histogram_grid",
            histogram(
                (0..4).map(|i| vec![1.0, 2.0, f64::from(i), 4.0]).collect(),
                HistogramLayout::Grid,
            )
            .into(),
            vec!["sample 4", "count"],
        ),
        (
            "histogram_sprite_grid",
            HistogramChart {
                title: "SPRITE, nmo-tocilizumab: pain (numerical rating scale) (year 1), 0.9 ± 1.2, n = 7: all 6 possible samples".into(),
                value_label: "pain (numerical rating scale)".into(),
                scale: (Some(0.0), Some(10.0)),
                ..histogram(
                    vec![
                        vec![0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0],
                        vec![0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 3.0],
                        vec![0.0, 0.0, 0.0, 0.0, 2.0, 2.0, 2.0],
                        vec![0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0],
                        vec![0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 4.0],
                        vec![0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 2.0],
                    ],
                    HistogramLayout::Grid,
                )
            }
            .into(),
            vec!["sample 6", "count"],
        ),
        ("histogram_one_value", one_value.into(), vec!["n = 1"]),
        (
            "histogram_fractional",
            histogram(
                vec![(0..50).map(|i| (f64::from(i) * 0.7).sin() * 2.5).collect()],
                HistogramLayout::Overlay,
            )
            .into(),
            vec!["count"],
        ),
        (
            "histogram_empty_sample",
            histogram(vec![vec![]], HistogramLayout::Overlay).into(),
            vec!["n = 0"],
        ),
        (
            "trajectory",
            trajectory(5).into(),
            vec![
                "ALSFRS-R trajectories",
                "months",
                "ALSFRS-R (points)",
                "treatment start",
                "fitted, population",
            ],
        ),
        (
            "trajectory_many_subjects",
            trajectory(30).into(),
            vec!["one line per subject"],
        ),
        (
            "trajectory_population_only",
            TrajectoryChart {
                subjects: vec![],
                treatment_start: None,
                ..trajectory(0)
            }
            .into(),
            vec!["fitted, population"],
        ),
    ]
}

/// Width, height and the share of pixels that are not white.
fn png_facts(path: &Path) -> (u32, u32, f64) {
    let (w, h, pixels) = crate::common::png_rgb(path);
    let ink = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
    (w, h, ink as f64 / f64::from(w * h))
}

#[test]
fn every_chart_renders_to_png_of_the_requested_size_and_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    for (name, chart, _) in gallery() {
        // Every case at the default size; the realistic case of each kind (no '_' in its
        // name) also large and narrow (debug-mode PNG encoding is slow).
        let sizes: &[(u32, u32)] = if name.contains('_') && name != "before_after" {
            &[(800, 600)]
        } else {
            &[(800, 600), (1600, 1200), (300, 900)]
        };
        for &(w, h) in sizes {
            let path = dir.path().join(format!("{name}_{w}x{h}.png"));
            plot::render(
                &chart,
                &path,
                Size {
                    width: w,
                    height: h,
                },
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            let (pw, ph, ink) = png_facts(&path);
            // The requested width; the requested height, or more where the rows or the text
            // need it (a forest of many rows, a panel's grid, a small image's long title).
            // A forest plot (and the proportion chart, drawn as one) of a few rows is drawn
            // shorter instead of spreading them over the height (its rows at most 1.5 times
            // their natural spacing apart; see few_rows_are_not_spread_over_a_tall_image).
            let shorter_allowed = matches!(chart, Chart::Forest(_) | Chart::Proportion(_));
            assert!(
                pw == w && (ph >= h || shorter_allowed),
                "{name}: {pw}×{ph} for {w}×{h}"
            );
            assert!(ink > 0.01, "{name} at {w}×{h} is nearly blank ({ink})");
        }
    }
    // Nothing but the charts is left in the directory: no temporary files.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn every_chart_renders_to_svg_holding_its_title_and_axis_labels() {
    let dir = tempfile::tempdir().unwrap();
    // The text kept as text, to be read here (a file's text is outlines by default).
    let canvas = plot::Canvas::from(Size::DEFAULT).with_svg_text(plot::SvgText::Editable);
    for (name, chart, words) in gallery() {
        let path = dir.path().join(format!("{name}.svg"));
        plot::render(&chart, &path, canvas).unwrap_or_else(|e| panic!("{name}: {e}"));
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"), "{name}");
        assert!(svg.contains("width=\"800\""), "{name}");
        for word in words {
            assert!(svg.contains(word), "{name}: the SVG lacks '{word}'");
        }
    }
}

/// With `TRIALSTATS_GALLERY_DIR` set, write every case at 400×300, 800×600 and 1600×1200 there, for
/// looking at (`TRIALSTATS_GALLERY_DIR=/tmp/gallery cargo test --test main plot_render::gallery`).
#[test]
fn gallery_for_looking_at() {
    let Some(dir) = std::env::var_os("TRIALSTATS_GALLERY_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    // `TRIALSTATS_GALLERY_ONLY=funnel` writes only the cases whose name contains it.
    let only = std::env::var("TRIALSTATS_GALLERY_ONLY").unwrap_or_default();
    for (name, chart, _) in gallery().into_iter().filter(|c| c.0.contains(&only)) {
        for (w, h) in [(400, 300), (800, 600), (1600, 1200)] {
            let path = dir.join(format!("{name}_{w}.png"));
            plot::render(
                &chart,
                &path,
                Size {
                    width: w,
                    height: h,
                },
            )
            .unwrap();
        }
    }
}

#[test]
fn every_chart_survives_tiny_and_extreme_sizes() {
    for (name, chart, _) in gallery() {
        for (w, h) in [(200, 200), (2000, 200), (200, 2000)] {
            plot::render_svg(
                &chart,
                Size {
                    width: w,
                    height: h,
                },
            )
            .unwrap_or_else(|e| panic!("{name} at {w}×{h}: {e}"));
        }
    }
}

#[test]
fn rendering_replaces_an_existing_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.svg");
    std::fs::write(&path, "old").unwrap();
    plot::render(&realistic_forest().into(), &path, Size::DEFAULT).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "a chart is an ordinary file, not owner-only"
        );
    }
}

#[test]
fn bad_requests_are_input_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let chart: Chart = realistic_before_after().into();
    let bad_ext = dir.path().join("chart.jpg");
    let e = plot::render(&chart, &bad_ext, Size::DEFAULT).unwrap_err();
    assert!(
        matches!(
            e,
            trialstats::charts::Error::Refused(trialstats::error::Refusal::Input { .. })
        ) && e.to_string().contains(".svg or .png"),
        "{e}"
    );
    let e = plot::render(
        &chart,
        &dir.path().join("c.png"),
        Size {
            width: 10,
            height: 600,
        },
    )
    .unwrap_err();
    // The library names its field; the command line names it `--width`.
    assert!(e.to_string().starts_with("width:"), "{e}");
    let nan: Chart = edss(vec![tp("before", Some(f64::NAN), None)]).into();
    let e = plot::render(&nan, &dir.path().join("nan.png"), Size::DEFAULT).unwrap_err();
    assert!(
        e.to_string().contains("time point 1 ('before')") && e.to_string().contains("finite"),
        "{e}"
    );
    let reversed: Chart = forest(vec![ForestRow::new("x", 0.5, 0.9, 0.1)]).into();
    let e = plot::render(&reversed, &dir.path().join("r.svg"), Size::DEFAULT).unwrap_err();
    assert!(e.to_string().contains("row 1 ('x')"), "{e}");
    let empty: Chart = panel(vec![]).into();
    assert!(plot::render(&empty, &dir.path().join("e.svg"), Size::DEFAULT).is_err());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing may be written"
    );
    let e = plot::render(
        &chart,
        Path::new("/nonexistent-dir-trialstats/x.png"),
        Size::DEFAULT,
    )
    .unwrap_err()
    .to_string();
    // The message names the missing folder, not a temporary file in it.
    assert!(
        e.contains("the folder '/nonexistent-dir-trialstats' does not exist")
            && !e.contains(".trialstats-chart"),
        "{e}"
    );
}

#[test]
fn svg_can_be_had_as_a_string() {
    let svg = plot::render_svg(
        &realistic_sensitivity().into(),
        Size {
            width: 1600,
            height: 1200,
        },
    )
    .unwrap();
    assert!(svg.contains("width=\"1600\"") && svg.contains("SMCR against r"));
}

#[test]
fn gallery_writes_svg_png_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let plots = dir.path().join("plots");
    let items = vec![
        plot::GalleryItem::new("NMO: EDSS", realistic_before_after()),
        plot::GalleryItem::new("NMO: EDSS", nmo_panel()),
        plot::GalleryItem {
            caption: "declines as reported".into(),
            ..plot::GalleryItem::new(
                "ALS slope",
                SlopeChart::new("ALS", "points", 0.47, 0.25, 12.0),
            )
        },
    ];
    let written = plot::write_gallery(&plots, &items, Size::DEFAULT).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "nmo-edss.svg",
            "nmo-edss.png",
            "nmo-edss-2.svg",
            "nmo-edss-2.png",
            "als-slope.svg",
            "als-slope.png",
            "index.md",
            "index.html"
        ]
    );
    let index = std::fs::read_to_string(plots.join("index.md")).unwrap();
    assert!(index.contains("![NMO: EDSS](nmo-edss-2.png)") && index.contains("## ALS slope"));
    let html = std::fs::read_to_string(plots.join("index.html")).unwrap();
    assert!(html.contains("declines as reported") && html.contains("href=\"als-slope.svg\""));
    assert_eq!(png_facts(&plots.join("als-slope.png")).0, 800);

    // Adding one chart keeps the others in the index (as `plot study X -o DIR` does); a
    // fresh gallery lists only its own charts.
    let one = vec![plot::GalleryItem::new(
        "Other study",
        realistic_before_after(),
    )];
    plot::gallery::add_to_gallery(&plots, &one, Size::DEFAULT).unwrap();
    let index = std::fs::read_to_string(plots.join("index.md")).unwrap();
    for stem in [
        "nmo-edss.png",
        "nmo-edss-2.png",
        "als-slope.png",
        "other-study.png",
    ] {
        assert!(index.contains(stem), "{stem} missing from\n{index}");
    }
    assert!(index.contains("declines as reported"));
    plot::write_gallery(&plots, &one, Size::DEFAULT).unwrap();
    let index = std::fs::read_to_string(plots.join("index.md")).unwrap();
    assert!(!index.contains("als-slope.png"));
}

mod random_inputs {
    //! Arbitrary finite numbers never make a chart panic: it renders or refuses the input.
    use super::*;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            -1e6..1e6f64,
            -1.0..1.0f64,
            Just(0.0),
            1e-12..1e-9f64,
            1e9..1e12f64
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn before_after_renders_or_refuses(
            points in prop::collection::vec((prop::option::of(value()), prop::option::of(0.0..1e6f64)), 1..6),
            lo in prop::option::of(value()),
            hi in prop::option::of(value()),
        ) {
            let chart: Chart = BeforeAfterChart {
                scale: (lo, hi),
                ..edss(points.into_iter().enumerate().map(|(i, (m, s))| tp(&format!("t{i}"), m, s)).collect())
            }
            .into();
            let _ = plot::render_svg(&chart, Size::DEFAULT);
        }

        #[test]
        fn forest_and_funnel_render_or_refuse(
            rows in prop::collection::vec((value(), value(), value(), prop::option::of(0.0..100.0f64)), 1..8),
        ) {
            let forest_rows = rows
                .iter()
                .enumerate()
                .map(|(i, &(a, b, c, w))| {
                    let mut v = [a, b, c];
                    v.sort_by(f64::total_cmp);
                    let mut r = ForestRow::new(format!("r{i}"), v[1], v[0], v[2]);
                    r.weight = w;
                    r
                })
                .collect();
            let _ = plot::render_svg(&forest(forest_rows).into(), Size::DEFAULT);
            let studies = rows.iter().map(|&(a, b, _, _)| (a, b.abs().max(1e-9))).collect();
            let _ = plot::render_svg(&funnel(studies).into(), Size::DEFAULT);
        }

        #[test]
        fn histogram_renders_or_refuses(
            values in prop::collection::vec(value(), 0..40),
            whole in any::<bool>(),
            width in prop::option::of(1e-3..1e3f64),
        ) {
            let values = values.into_iter().map(|v| if whole { v.round() } else { v }).collect();
            let mut chart = histogram(vec![values], HistogramLayout::Overlay);
            chart.bin_width = width;
            let _ = plot::render_svg(&chart.into(), Size::DEFAULT);
        }

        #[test]
        fn sensitivity_and_trajectory_render_or_refuse(
            pts in prop::collection::vec((-1.0..1.0f64, value(), value()), 1..10),
        ) {
            let points = pts.iter().map(|&(r, a, b)| (r, (a + b) / 2.0, a.min(b), a.max(b))).collect();
            let _ = plot::render_svg(&sensitivity(points).into(), Size::DEFAULT);
            let subject = SubjectTrajectory {
                subject: "1".into(),
                observed: pts.iter().map(|&(r, a, _)| (r, a)).collect(),
                fitted: vec![],
            };
            let chart = TrajectoryChart { subjects: vec![subject], population: vec![], treatment_start: Some(0.0), ..trajectory(0) };
            let _ = plot::render_svg(&chart.into(), Size::DEFAULT);
        }
    }
}

mod typesetting {
    //! What can be measured of the layout: text sizes, uncut labels, numbers as printed,
    //! rows that get their room.
    use super::*;
    use trialstats::plot::Canvas;
    use trialstats::plot::style::MIN_TEXT_PX;

    fn size(width: u32, height: u32) -> Size {
        Size { width, height }
    }

    /// Every `font-size` of an SVG.
    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    }

    /// The texts of an SVG (whitespace collapsed) with their y coordinates.
    fn texts(svg: &str) -> Vec<(String, f64)> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|t| {
                let y: f64 = t.split(" y=\"").nth(1)?.split('"').next()?.parse().ok()?;
                let body = t.split_once('>')?.1.split("</text>").next()?;
                let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
                Some((text.replace("&amp;", "&"), y))
            })
            .collect()
    }

    #[test]
    fn no_text_is_below_the_minimum_size_at_400x300() {
        for (name, chart, _) in gallery() {
            let svg = plot::render_svg(&chart, size(400, 300)).unwrap();
            let smallest = font_sizes(&svg).into_iter().fold(f64::INFINITY, f64::min);
            assert!(
                smallest >= MIN_TEXT_PX - 1e-9,
                "{name}: text of {smallest} px at 400×300"
            );
        }
    }

    #[test]
    fn text_follows_the_dpi_not_the_image_size() {
        let chart: Chart = realistic_before_after().into();
        let title = |canvas: Canvas| {
            let svg = plot::render_svg(&chart, canvas).unwrap();
            font_sizes(&svg).into_iter().fold(0.0, f64::max)
        };
        let small = title(size(400, 300).into());
        let large = title(size(1600, 1200).into());
        let print = title(Canvas::new(size(1600, 1200), 192.0).unwrap());
        assert!((small - large).abs() < 1e-9, "{small} vs {large}");
        assert!((print - 2.0 * large).abs() < 1e-9, "{print} vs {large}");
        assert!(Canvas::new(size(800, 600), 20.0).is_err());
    }

    #[test]
    fn svg_names_the_font_and_the_measured_width_of_each_text() {
        let svg = plot::render_svg(&realistic_forest().into(), Size::DEFAULT).unwrap();
        assert!(svg.contains("font-family=\"'DejaVu Sans'"));
        assert!(!svg.contains("font-family=\"sans-serif\""));
        // Every text but plotters' empty axis descriptions carries its measured width.
        assert!(svg.matches("textLength=").count() > 10);
    }

    #[test]
    fn forest_grows_with_its_rows_and_gives_each_a_line() {
        let rows: Vec<ForestRow> = (0..200)
            .map(|i| ForestRow::new(format!("study {i}"), 0.1, -0.2, 0.4))
            .collect();
        let svg = plot::render_svg(&forest(rows).into(), Size::DEFAULT).unwrap();
        let height: f64 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|h| h.split('"').next()?.parse().ok())
            .unwrap();
        let found = texts(&svg);
        let y = |label: &str| found.iter().find(|(t, _)| t == label).map(|(_, y)| *y);
        let (first, second) = (y("study 0").unwrap(), y("study 1").unwrap());
        // 13 px text at 1.25 line height: each row at least a line apart.
        assert!(second - first >= 16.0, "rows {first} and {second}");
        assert!(
            height >= 200.0 * 16.0,
            "a 200-row forest drawn {height} px high"
        );
    }

    /// The SVG's height.
    fn svg_height(svg: &str) -> f64 {
        svg.split("height=\"")
            .nth(1)
            .and_then(|h| h.split('"').next()?.parse().ok())
            .unwrap()
    }

    #[test]
    fn few_rows_are_not_spread_over_a_tall_image() {
        let three: Vec<ForestRow> = (0..3)
            .map(|i| ForestRow::new(format!("study {i}"), 0.1, -0.2, 0.4))
            .collect();
        let proportions: Chart = proportion(vec![("study 0", 5, 7), ("study 1", 8, 20)]).into();
        for chart in [forest(three).into(), proportions] {
            for (w, h) in [(800, 600), (1600, 1200)] {
                let svg = plot::render_svg(&chart, size(w, h)).unwrap();
                let found = texts(&svg);
                let y = |label: &str| found.iter().find(|(t, _)| t == label).unwrap().1;
                // One line of 13 px text is 17 px high, 21 px with its gap: rows at most
                // 1.5 times that apart (24 pt at 96 dpi), whatever the image's height.
                let spacing = y("study 1") - y("study 0");
                assert!(
                    (21.0..=32.0).contains(&spacing),
                    "rows {spacing} px apart at {w}×{h}"
                );
                // The image is drawn shorter rather than left empty.
                let height = svg_height(&svg);
                assert!(height < f64::from(h) * 0.75, "{height} px high at {w}×{h}");
            }
        }
    }

    #[test]
    fn long_time_point_labels_wrap_rather_than_cut_at_400x300() {
        // Labels about twice as wide as their third of a 400 px chart: they take two or
        // three lines under the axis, whole, alone and in a panel.
        let labels = [
            "baseline before the first infusion",
            "one year after the start of tocilizumab",
            "two years after the start of tocilizumab",
        ];
        let chart = edss(
            labels
                .iter()
                .zip([5.1, 4.1, 3.9])
                .map(|(l, m)| tp(l, Some(m), Some(1.2)))
                .collect(),
        );
        let mut pain = chart.clone();
        pain.measure_label = "pain (NRS)".into();
        for (kind, chart) in [
            ("before/after", Chart::from(chart.clone())),
            ("panel", panel(vec![chart, pain]).into()),
        ] {
            let svg = plot::render_svg(&chart, size(400, 300)).unwrap();
            assert!(!svg.contains('…'), "{kind}: a label is cut");
            let found = texts(&svg);
            for label in labels {
                // Wrapped: no line holds the whole label, and every word is there.
                assert!(
                    !found.iter().any(|(t, _)| t == label),
                    "{kind}: '{label}' on one line"
                );
                let all: String = found
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(all.contains(label), "{kind}: '{label}' not whole");
            }
        }
    }

    #[test]
    fn labels_are_not_cut_beside_the_numbers_at_400x300() {
        // 60-character names (a few cut at 400 px before the numbers column could go onto
        // two lines), in a forest plot and in a proportion chart.
        let names: Vec<String> = (0..3)
            .map(|i| format!("Multicentre randomised placebo-controlled trial of cohort {i:02}"))
            .collect();
        assert_eq!(names[0].chars().count(), 60);
        let mut f = realistic_forest();
        for (row, name) in f.rows.iter_mut().zip(&names) {
            row.label = name.clone();
        }
        let counts = names.iter().map(|n| (n.as_str(), 12, 40)).collect();
        for (kind, chart) in [
            ("forest", f.into()),
            ("proportion", proportion(counts).into()),
        ] {
            let chart: Chart = chart;
            let svg = plot::render_svg(&chart, size(400, 300)).unwrap();
            assert!(!svg.contains('…'), "{kind}: a text is cut");
            let all: String = texts(&svg)
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join(" ");
            for name in &names {
                for word in name.split(' ') {
                    assert!(all.contains(word), "{kind}: '{word}' of '{name}' missing");
                }
            }
            // Each label on at most three lines in the forest plot (the label column is not
            // squeezed to a sliver): its last line at most two lines (2 × 17 px) below its
            // first; four in the proportion chart, whose numbers ("12/40 = 30.0%" over
            // "[16.6, 46.5]") are wider.
            let most_lines = if kind == "forest" { 3.0 } else { 4.0 };
            let found = texts(&svg);
            for i in 0..names.len() {
                let last = found
                    .iter()
                    .find(|(t, _)| t.ends_with(&format!("cohort {i:02}")))
                    .unwrap()
                    .1;
                let first = found
                    .iter()
                    .filter(|(t, y)| t.starts_with("Multicentre") && *y <= last)
                    .map(|(_, y)| *y)
                    .fold(f64::NEG_INFINITY, f64::max);
                assert!(
                    last - first <= (most_lines - 1.0) * 17.0,
                    "{kind}: label {i} spans {first} to {last}"
                );
            }
            // The proportion's numbers stay whole (on two lines if need be).
            if kind == "proportion" {
                assert!(all.contains("12/40 = 30.0%"), "{all}");
            }
        }
    }

    #[test]
    fn long_labels_are_never_cut_while_there_is_room() {
        let label = "Multicentre randomised placebo-controlled trial of tocilizumab, Japan 2021";
        let mut f = realistic_forest();
        f.rows[0].label = label.into();
        // Wide: the label column widens to the whole label.
        let svg = plot::render_svg(&f.clone().into(), size(1600, 1200)).unwrap();
        assert!(texts(&svg).iter().any(|(t, _)| t == label));
        assert!(!svg.contains('…'));
        // Default size: wrapped, every word kept.
        let svg = plot::render_svg(&f.into(), Size::DEFAULT).unwrap();
        let all: String = texts(&svg)
            .into_iter()
            .map(|(t, _)| t)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!svg.contains('…'));
        for word in label.split(' ') {
            assert!(all.contains(word), "'{word}' missing");
        }
    }

    /// The case of `gallery()` named `name`.
    fn case(name: &str) -> Chart {
        gallery()
            .into_iter()
            .find(|c| c.0 == name)
            .map(|c| c.1)
            .unwrap()
    }

    #[test]
    fn axis_descriptions_are_wrapped_not_cut() {
        let label =
            "mean change, after − before (annualised relapse rate, relapses per patient-year)";
        for (w, h) in [(400, 300), (800, 600), (1600, 1200)] {
            let svg = plot::render_svg(&case("sensitivity_long_label"), size(w, h)).unwrap();
            let all: String = texts(&svg)
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(!svg.contains('…'), "cut at {w}×{h}");
            assert!(
                all.contains(label) || label.split(' ').all(|word| all.contains(word)),
                "{w}×{h}: {all}"
            );
        }
        // Where one line does not fit along the axis, two do (turned, side by side).
        let svg = plot::render_svg(&case("sensitivity_long_label"), size(800, 600)).unwrap();
        assert_eq!(svg.matches("rotate(270").count(), 2, "{svg}");
    }

    #[test]
    fn log_axes_are_ticked_at_round_ratios() {
        for name in ["sensitivity_ratio", "pvalue"] {
            for (w, h) in [(400, 300), (800, 600), (1600, 1200)] {
                let svg = plot::render_svg(&case(name), size(w, h)).unwrap();
                // Tick labels: texts right-aligned left of the plot that are numbers.
                let ticks: Vec<f64> = svg
                    .split("<text ")
                    .filter(|t| t.contains("text-anchor=\"end\""))
                    .filter_map(|t| {
                        t.split_once('>')?
                            .1
                            .split("</text>")
                            .next()?
                            .trim()
                            .parse()
                            .ok()
                    })
                    .collect();
                assert!(ticks.len() >= 3, "{name} {w}×{h}: {ticks:?}");
                for t in ticks {
                    // 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8 (or 1.2) times a power of ten.
                    let m = t / 10f64.powf(t.log10().floor());
                    let round = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]
                        .iter()
                        .any(|r| (m - r).abs() < 1e-9);
                    assert!(round, "{name} {w}×{h}: tick {t}");
                }
            }
        }
    }

    #[test]
    fn funnel_legend_keeps_to_two_rows_at_400x300() {
        let svg = plot::render_svg(&case("funnel"), size(400, 300)).unwrap();
        let found = texts(&svg);
        let mut rows: Vec<f64> = [
            "study",
            "pooled",
            "pseudo 95% CI",
            "Egger",
            "p &lt; 0.10, 0.05, 0.01",
        ]
        .iter()
        .map(|label| {
            found
                .iter()
                .find(|(t, _)| t == label)
                .unwrap_or_else(|| panic!("no legend entry '{label}'"))
                .1
        })
        .collect();
        rows.dedup();
        assert!(rows.len() <= 2, "legend rows at {rows:?}");
        // The plot keeps the asked-for height: the image is not drawn taller.
        assert!(svg.contains("height=\"300\""));
    }

    #[test]
    fn sprite_grid_takes_fewer_columns_on_a_small_image() {
        // The x of each cell title ("sample k"): one per column.
        let columns = |w: u32, h: u32| {
            let svg = plot::render_svg(&case("histogram_sprite_grid"), size(w, h)).unwrap();
            let mut xs: Vec<String> = svg
                .split("<text ")
                .filter(|t| {
                    t.split_once('>')
                        .is_some_and(|(_, b)| b.trim().starts_with("sample "))
                })
                .filter_map(|t| Some(t.split("x=\"").nth(1)?.split('"').next()?.to_string()))
                .collect();
            xs.sort();
            xs.dedup();
            // The axes are described once for the grid, not in every cell.
            let counts = texts(&svg).iter().filter(|(t, _)| t == "count").count();
            assert_eq!(counts, 1, "{w}×{h}");
            (xs.len(), svg)
        };
        let (small, svg) = columns(400, 300);
        assert_eq!(small, 2);
        // Three rows of two do not fit in 300 pixels: the image is drawn taller.
        let height: f64 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|h| h.split('"').next()?.parse().ok())
            .unwrap();
        assert!(height > 400.0, "{height}");
        assert_eq!(columns(800, 600).0, 3);
        assert_eq!(columns(1600, 1200).0, 3);
    }

    /// The boxes (left, top, right, bottom) of the SVG's texts equal to one of `labels`,
    /// from their anchor, measured width (`textLength`) and font size.
    fn label_boxes(svg: &str, labels: &[&str]) -> Vec<(String, [f64; 4])> {
        svg.split("<text ")
            .skip(1)
            .filter_map(|t| {
                let attr = |name: &str| -> Option<String> {
                    Some(
                        format!(" {t}")
                            .split(&format!(" {name}=\""))
                            .nth(1)?
                            .split('"')
                            .next()?
                            .to_string(),
                    )
                };
                let body = t
                    .split_once('>')?
                    .1
                    .split("</text>")
                    .next()?
                    .trim()
                    .replace("&amp;", "&");
                if !labels.contains(&body.as_str()) {
                    return None;
                }
                let x: f64 = attr("x")?.parse().ok()?;
                let y: f64 = attr("y")?.parse().ok()?;
                let w: f64 = attr("textLength")?.parse().ok()?;
                let size: f64 = attr("font-size")?.parse().ok()?;
                let left = match attr("text-anchor")?.as_str() {
                    "end" => x - w,
                    "middle" => x - w / 2.0,
                    _ => x,
                };
                // Centred on y (plotters' VPos::Center), one em high.
                Some((body, [left, y - size / 2.0, left + w, y + size / 2.0]))
            })
            .collect()
    }

    #[test]
    fn baujat_labels_do_not_overlap_and_say_which_are_left_out() {
        let labels: Vec<&str> = BAUJAT.iter().map(|p| p.0).collect();
        for (w, h) in [(400, 300), (800, 600), (1600, 1200)] {
            let svg = plot::render_svg(&case("baujat"), size(w, h)).unwrap();
            let boxes = label_boxes(&svg, &labels);
            for (i, (a, p)) in boxes.iter().enumerate() {
                for (b, q) in &boxes[i + 1..] {
                    let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
                    assert!(apart, "{w}×{h}: '{a}' {p:?} overlaps '{b}' {q:?}");
                }
            }
            let note = format!("only the {} most influential of the 13 points", boxes.len());
            if boxes.len() < labels.len() {
                assert!(
                    svg.contains(&note),
                    "{w}×{h}: {} labels and no note",
                    boxes.len()
                );
                // The most influential points are the ones labelled.
                assert!(boxes.iter().any(|(l, _)| l == "Hart & Sutherland 1977"));
                assert!(!boxes.iter().any(|(l, _)| l == "Stein & Aronson 1953"));
            } else {
                assert!(!svg.contains("most influential"), "{w}×{h}");
            }
            if w >= 800 {
                assert_eq!(boxes.len(), 13, "{w}×{h}: every point labelled");
            } else {
                assert!(boxes.len() >= 4, "{w}×{h}: {} labels", boxes.len());
            }
        }
    }

    #[test]
    fn effect_sweep_labels_every_line_at_its_end_uncut_and_apart() {
        let labels = [
            "annualised relapse rate",
            "EDSS (Expanded Disability Status Scale)",
            "pain (numerical rating scale)",
            "fatigue (numerical rating scale)",
        ];
        for (w, h) in [(400, 300), (800, 600), (1600, 1200)] {
            let svg = plot::render_svg(&case("effect_sweep"), size(w, h)).unwrap();
            assert!(!svg.contains('…'), "{w}×{h}: a label is cut");
            let found = texts(&svg);
            let all: String = found
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            for word in labels.iter().flat_map(|l| l.split(' ')) {
                assert!(all.contains(word), "{w}×{h}: '{word}' missing");
            }
            // The label lines (in the series' colours, left-aligned right of the plot) do
            // not overlap.
            let lines: Vec<[f64; 4]> = svg
                .split("<text ")
                .skip(1)
                .filter(|t| {
                    ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]
                        .iter()
                        .any(|c| t.contains(&format!("fill=\"{c}\"")))
                })
                .filter_map(|t| {
                    let t = format!(" {t}");
                    let attr = |name: &str| -> Option<f64> {
                        t.split(&format!(" {name}=\""))
                            .nth(1)?
                            .split('"')
                            .next()?
                            .parse()
                            .ok()
                    };
                    let (x, y, len, size) = (
                        attr("x")?,
                        attr("y")?,
                        attr("textLength")?,
                        attr("font-size")?,
                    );
                    Some([x, y - size / 2.0, x + len, y + size / 2.0])
                })
                .collect();
            assert!(lines.len() >= 4, "{w}×{h}: {lines:?}");
            for (i, p) in lines.iter().enumerate() {
                for q in &lines[i + 1..] {
                    let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
                    assert!(apart, "{w}×{h}: {p:?} overlaps {q:?}");
                }
                assert!(p[2] <= f64::from(w), "{w}×{h}: {p:?} runs off the image");
            }
        }
    }

    #[test]
    fn heterogeneity_line_is_under_the_diamond() {
        let svg = plot::render_svg(&realistic_forest().into(), Size::DEFAULT).unwrap();
        let found = texts(&svg);
        // The summary row's label (the legend below the plot repeats it).
        let summary = found
            .iter()
            .filter(|(t, _)| t == "RE model")
            .map(|(_, y)| *y)
            .fold(f64::INFINITY, f64::min);
        let line = found
            .iter()
            .find(|(t, _)| t.starts_with("Heterogeneity: τ²"))
            .unwrap()
            .1;
        assert!(
            line > summary,
            "heterogeneity at {line}, diamond at {summary}"
        );
    }

    #[test]
    fn forest_numbers_line_up_on_their_brackets() {
        let svg = plot::render_svg(&realistic_forest().into(), Size::DEFAULT).unwrap();
        let xs: Vec<&str> = svg
            .split("<text ")
            .filter(|t| {
                t.split_once('>')
                    .is_some_and(|(_, b)| b.trim_start().starts_with('['))
            })
            .filter_map(|t| t.split("x=\"").nth(1)?.split('"').next())
            .collect();
        assert!(xs.len() >= 5, "{xs:?}");
        assert!(xs.iter().all(|x| *x == xs[0]), "brackets at {xs:?}");
    }

    #[test]
    fn values_are_labelled_as_printed() {
        let mut chart = edss(vec![
            TimePointValue {
                mean_text: Some("3.0".into()),
                spread_text: Some("1.5".into()),
                ..tp("before", Some(3.0), Some(1.5))
            },
            TimePointValue {
                mean_text: Some("6.1".into()),
                spread_text: Some("2.0".into()),
                ..tp("after", Some(6.1), Some(2.0))
            },
        ]);
        let svg = plot::render_svg(&chart.clone().into(), Size::DEFAULT).unwrap();
        assert!(
            svg.contains("3.0 ± 1.5") && svg.contains("6.1 ± 2.0"),
            "{svg}"
        );
        // n per time point is shown where it differs.
        chart.points[0].n = Some(22);
        chart.points[1].n = Some(20);
        let svg = plot::render_svg(&chart.into(), Size::DEFAULT).unwrap();
        assert!(svg.contains("n = 22") && svg.contains("n = 20"));
    }

    #[test]
    fn png_records_its_resolution() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.png");
        plot::render(
            &realistic_forest().into(),
            &path,
            Canvas::new(size(800, 600), 300.0).unwrap(),
        )
        .unwrap();
        let decoder = png::Decoder::new(std::fs::File::open(&path).unwrap());
        let reader = decoder.read_info().unwrap();
        let dims = reader.info().pixel_dims.unwrap();
        // 300 pixels per inch = 11811 per metre.
        assert_eq!(dims.xppu, 11811);
    }
}

/// The report's chart of every measure's SMCC against r: the library's SMCC at each r of
/// the sweep, as metafor computes it.
#[test]
fn report_draws_every_measures_smcc_against_r() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let studies: Vec<_> = trialstats::study::load_dir(&data)
        .unwrap()
        .into_iter()
        .filter(|s| s.id == "nmo-tocilizumab")
        .collect();
    let report =
        trialstats::report::build(&studies, &trialstats::analysis::AnalysisOptions::default())
            .unwrap();
    let chart =
        trialstats::charts::report_charts::gallery::smcc_sweep_chart(&report.studies[0]).unwrap();
    assert_eq!(chart.series.len(), 4);
    let at = |label: &str, r: f64| {
        let s = chart
            .series
            .iter()
            .find(|s| s.label.starts_with(label))
            .unwrap_or_else(|| panic!("no series '{label}'"));
        *s.points.iter().find(|p| (p.r - r).abs() < 1e-12).unwrap()
    };
    // metafor 3.8-1 (benches/effect_sweep_reference.R):
    // escalc("SMCC", m1i = 4.1, m2i = 5.1, sd1i = 1.6, sd2i = 1.7, ni = 7, ri = r)
    // and m1i = 0.4, m2i = 2.9, sd1i = 0.8, sd2i = 1.1 (annualised relapse rate), summary()
    let reference = [
        (
            "EDSS",
            0.0,
            -0.37207879278158579,
            -1.1380860333303635,
            0.39392844776719188,
        ),
        (
            "EDSS",
            0.5,
            -0.52571678708405944,
            -1.3160427996524278,
            0.26460922548430899,
        ),
        (
            "EDSS",
            0.9,
            -1.16701996586729151,
            -2.1274788282287362,
            -0.20656110350584655,
        ),
        (
            "Annualised",
            0.0,
            -1.5965676050790687,
            -2.7137996499078971,
            -0.47933556025024027,
        ),
        (
            "Annualised",
            0.5,
            -2.2048919410457031,
            -3.5770215658101541,
            -0.83276231628125208,
        ),
        (
            "Annualised",
            0.9,
            -4.2104872726858797,
            -6.5371200282999506,
            -1.88385451707180840,
        ),
    ];
    for (label, r, yi, lo, hi) in reference {
        let p = at(label, r);
        for (got, want) in [(p.estimate, yi), (p.ci_lower, lo), (p.ci_upper, hi)] {
            assert!(
                (got - want).abs() < 1e-12,
                "{label} at r = {r}: {got} vs {want}"
            );
        }
    }
    // The same r as the p-against-r chart: the analysis's sweep, 0 to 0.9.
    let rs: Vec<f64> = chart.series[0].points.iter().map(|p| p.r).collect();
    assert_eq!(rs.len(), 10);
    assert!(rs[0] == 0.0 && (rs[9] - 0.9).abs() < 1e-12);
    // In the gallery, with its caption, after the p-against-r chart.
    let (items, _) =
        trialstats::charts::report_charts::gallery::gallery_items(&report.studies).unwrap();
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    let p = names
        .iter()
        .position(|n| *n == "nmo-tocilizumab p-vs-r")
        .unwrap();
    assert_eq!(names[p + 1], "nmo-tocilizumab smcc-vs-r");
    let caption = &items[p + 1].caption;
    assert!(
        caption.contains("from 0 to 0.9") && caption.contains("read as the SD"),
        "{caption}"
    );
}

/// A sample that narrows after its first count (35 enrolled; the later time points print no
/// n): the chart gives no one n for all its points, but each point's own, or "n not
/// reported" under it (the thirty-sixth new-user trial's doc 06 had "n = 35" over all three).
#[test]
fn a_before_after_chart_with_an_n_at_its_first_point_only_says_n_under_each_point() {
    let mut chart = edss(vec![
        tp("before", Some(37.2), Some(4.4)),
        tp("after", Some(35.3), Some(4.6)),
        tp("1 year", Some(33.0), Some(3.7)),
    ]);
    chart.n = None;
    chart.points[0].n = Some(35);
    assert_eq!(chart.n_text(), "n under each time point");
    // One n for the measure and none of its own at any point: that n.
    let mut one = edss(vec![
        tp("before", Some(5.1), Some(1.7)),
        tp("after", Some(4.1), Some(1.6)),
    ]);
    assert_eq!(one.n_text(), "n = 7");
    one.points[1].n = Some(6);
    assert_eq!(one.n_text(), "n = 7 to 6 (under each time point)");
}
