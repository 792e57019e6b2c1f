//! `glmm --by`, `--time` and `--plot`: the observed response in each level of a factor beside
//! the model's fitted one, compared with R. The R calls are in
//! `benches/glmm_observed_fitted_reference.R` (glmmTMB 1.1.5, ordinal 2022.11-16, R 4.2.2),
//! whose printout is `tests/data/glmm_observed_fitted_reference_output.txt`; each model is one
//! the other glmm tests check, on their data.
//!
//! The fitted value of a level is glmmTMB's `predict(m, re.form = NA, type = "response")`
//! averaged over the level's rows (weighted by the trials for successes out of trials), at
//! glmmTMB's optimum polished by Newton steps (as the other glmm tests' references are; at
//! nlminb's own optimum `predict()` differs from it by up to 5e-5 on epil, and the script prints
//! that difference); for clmm, `plogis(theta_j - x'beta) - plogis(theta_{j-1} - x'beta)`
//! averaged, at its polished optimum. Asserted: fitted within 1e-6 relative (met with room:
//! the largest difference is 4.9e-9, an ordinal category; 3.3e-10 for glmmTMB's families);
//! the observed value and its interval (R's `t.test(y)$conf.int` with the lower end truncated
//! at 0, or `binom.test(successes, trials)$conf.int`) within 1e-12 relative (met to 4e-15).

#![allow(clippy::excessive_precision)]

use crate::common::{assert_close, json_of, outcome_of, png_rgb, subcommand, test_data};
use trialstats::glmm::{
    Family, GlmmFit, GlmmOptions, ObservedFittedRequest, ObservedVsFitted, SideModels,
    fit_csv_with_frame,
};
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::{Frame, ReferenceLevels};

/// `formula` fitted to `file` (tests/data) with `family` and an optional `ziformula`, by the
/// Laplace approximation, asserted converged without warnings: the fit and its frame, for a
/// summary by level (this file's and tests/glmm_fitted_ci.rs's cases).
pub(crate) fn fit_converged(
    file: &str,
    formula: &str,
    family: Family,
    ziformula: Option<&str>,
) -> (GlmmFit, Frame) {
    let side = SideModels {
        ziformula,
        ..SideModels::default()
    };
    let options = GlmmOptions { family, nagq: 1 };
    let (fit, frame) = fit_csv_with_frame(
        &test_data(file),
        formula,
        side,
        options,
        &ReferenceLevels::default(),
    )
    .expect("the model fits");
    assert!(
        fit.converged && fit.warnings.is_empty(),
        "{:?}",
        fit.warnings
    );
    (fit, frame)
}

/// One row of R's printout: level, time, category, n, observed, interval, fitted.
type Row = (
    &'static str,
    Option<f64>,
    Option<&'static str>,
    usize,
    f64,
    [f64; 2],
    f64,
);

/// A model and its summary by level in R.
struct Case {
    file: &'static str,
    formula: &'static str,
    family: Family,
    ziformula: Option<&'static str>,
    by: Option<&'static str>,
    time: Option<&'static str>,
    rows: &'static [Row],
}

impl Case {
    fn summary(&self) -> ObservedVsFitted {
        let (fit, frame) = fit_converged(self.file, self.formula, self.family, self.ziformula);
        let request = ObservedFittedRequest {
            by: self.by,
            time: self.time,
            level: ConfidenceLevel::NINETY_FIVE,
        };
        let fit = fit.with_observed_vs_fitted(&frame, &request).unwrap();
        fit.observed_vs_fitted.unwrap()
    }

    fn check(&self) -> ObservedVsFitted {
        let summary = self.summary();
        assert_eq!(summary.rows.len(), self.rows.len(), "{}", self.formula);
        for &(level, time, category, n, observed, [lower, upper], fitted) in self.rows {
            let what = format!("{} {level} {time:?} {category:?}", self.formula);
            let got = summary
                .rows
                .iter()
                .find(|r| r.level == level && r.time == time && r.category.as_deref() == category)
                .unwrap_or_else(|| panic!("{what}: no such row"));
            assert_eq!(got.n, n, "{what}");
            assert_close(&format!("{what}: fitted"), got.fitted, fitted, 1e-6);
            assert_close(&format!("{what}: observed"), got.observed, observed, 1e-12);
            let ci = got.observed_ci.unwrap_or_else(|| panic!("{what}: no CI"));
            assert_close(&format!("{what}: lower"), ci[0], lower, 1e-12);
            assert_close(&format!("{what}: upper"), ci[1], upper, 1e-12);
        }
        summary
    }
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn poisson_by_treatment_matches_glmmtmb_predict() {
    // glmmTMB(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil):
    // by trt, the default (the formula's first categorical fixed effect).
    let summary = Case {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + V4 + (1 | subject)",
        family: Family::Poisson,
        ziformula: None,
        by: None,
        time: None,
        rows: &[
            ("placebo", None, None, 112, 8.5803571428571423, [6.6387808762135627, 10.521933409500722], 7.580151052322007),
            ("progabide", None, None, 124, 7.959677419354839, [5.4835343309796345, 10.435820507730043], 6.3679898040454423),
        ],
    }
    .check();
    assert_eq!(summary.variable, "trt");
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn negative_binomial_with_an_offset_matches_glmmtmb_predict() {
    // glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), family = nbinom2): the
    // prediction includes the offset (the expected count over each row's follow-up).
    Case {
        file: "relapses_negbin.csv",
        formula: "relapses ~ arm + offset(log(years)) + (1 | patient)",
        family: Family::NegativeBinomial,
        ziformula: None,
        by: Some("arm"),
        time: None,
        rows: &[
            ("active", None, None, 240, 0.76249999999999996, [0.59085795619951831, 0.9341420438004816], 0.68012966616913462),
            ("placebo", None, None, 240, 1.1125, [0.92458218775855683, 1.3004178122414431], 1.0297961979908778),
        ],
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn zero_inflated_counts_match_glmmtmb_predict() {
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = poisson):
    // (1 - pi) mu, by arm and by arm and scan.
    let base = Case {
        file: "lesions_zi.csv",
        formula: "lesions ~ arm + scan + (1 | patient)",
        family: Family::Poisson,
        ziformula: Some("~ arm"),
        by: Some("arm"),
        time: None,
        rows: &[
            ("active", None, None, 300, 0.71333333333333337, [0.54486798499184785, 0.88179868167481867], 0.55521771133574482),
            ("placebo", None, None, 300, 1.8266666666666667, [1.5120265340193237, 2.1413067993140094], 1.4319409213041547),
        ],
    };
    base.check();
    let summary = Case {
        time: Some("scan"),
        rows: &[
            ("active", Some(1.0), None, 75, 0.90666666666666662, [0.49201790713192212, 1.3213154262014111], 0.60992293147545829),
            ("active", Some(2.0), None, 75, 0.66666666666666663, [0.37777520008551579, 0.95555813324781746], 0.57189691570366075),
            ("active", Some(3.0), None, 75, 0.59999999999999998, [0.2574821235280586, 0.9425178764719413], 0.53624165499099685),
            ("active", Some(4.0), None, 75, 0.68000000000000005, [0.37233785405882786, 0.9876621459411723], 0.50280934317275716),
            ("placebo", Some(1.0), None, 75, 1.76, [1.2293196647497435, 2.2906803352502561], 1.5730290777654263),
            ("placebo", Some(2.0), None, 75, 1.9199999999999999, [1.1045624841657411, 2.7354375158342585], 1.4749576240886417),
            ("placebo", Some(3.0), None, 75, 1.9733333333333334, [1.2925154597385322, 2.6541512069281343], 1.383000494782733),
            ("placebo", Some(4.0), None, 75, 1.6533333333333333, [1.1771416389240854, 2.1295250277425812], 1.2967764885795363),
        ],
        ..base
    }
    .check();
    assert_eq!(summary.time.as_deref(), Some("scan"));
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = nbinom2).
    Case {
        family: Family::NegativeBinomial,
        rows: &[
            ("active", None, None, 300, 0.71333333333333337, [0.54486798499184785, 0.88179868167481867], 0.59851970084782458),
            ("placebo", None, None, 300, 1.8266666666666667, [1.5120265340193237, 2.1413067993140094], 1.5227442105977531),
        ],
        ..base
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn binomial_proportions_match_glmmtmb_predict_weighted_by_trials() {
    // glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial,
    // data = cbpp): sum(incidence) / sum(size) with binom.test's interval; the predictions
    // weighted by size.
    let summary = Case {
        file: "cbpp.csv",
        formula: "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
        family: Family::Binomial,
        ziformula: None,
        by: Some("period"),
        time: None,
        rows: &[
            ("1", None, None, 15, 0.21942446043165467, [0.17220001779677493, 0.27273928716060181], 0.19804914160013345),
            ("2", None, None, 14, 0.080188679245283015, [0.047405967765063221, 0.12528612164652697], 0.08387195301503729),
            ("3", None, None, 14, 0.071065989847715741, [0.039394732310477208, 0.11636266723373112], 0.073972931744708231),
            ("4", None, None, 13, 0.045161290322580643, [0.018347314113470816, 0.090833948193398961], 0.048390740400773812),
        ],
    }
    .check();
    let trials: Vec<Option<f64>> = summary.rows.iter().map(|r| r.trials).collect();
    assert_eq!(trials, [Some(278.0), Some(212.0), Some(197.0), Some(155.0)]);
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn betabinomial_proportions_match_glmmtmb_predict() {
    // glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient),
    // family = betabinomial).
    let summary = Case {
        file: "migraine_betabinom.csv",
        formula: "cbind(migraine, days - migraine) ~ arm + month + (1 | patient)",
        family: Family::BetaBinomial,
        ziformula: None,
        by: Some("arm"),
        time: None,
        rows: &[
            ("active", None, None, 300, 0.17281879194630873, [0.16412102871069159, 0.18178410364153219], 0.14591936206155895),
            ("placebo", None, None, 300, 0.24269412747008071, [0.23281830503059336, 0.25277910191718034], 0.2327485172050438),
        ],
    }
    .check();
    assert_eq!(summary.rows[0].trials, Some(7152.0));
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn gamma_means_by_arm_and_week_match_glmmtmb_predict() {
    // glmmTMB(crp ~ arm * week + (1 | patient), family = Gamma(link = "log")).
    let base = Case {
        file: "crp_gamma.csv",
        formula: "crp ~ arm * week + (1 | patient)",
        family: Family::Gamma,
        ziformula: None,
        by: Some("arm"),
        time: None,
        rows: &[
            ("active", None, None, 240, 7.8930363124999996, [6.9641817385731608, 8.8218908864268375], 6.6690946689797812),
            ("placebo", None, None, 240, 8.025842458333333, [7.2740038928947515, 8.7776810237719136], 7.2385425110084913),
        ],
    };
    base.check();
    Case {
        time: Some("week"),
        rows: &[
            ("active", Some(0.0), None, 60, 11.540986500000001, [9.1875466552902303, 13.894426344709769], 9.2357480839899146),
            ("active", Some(4.0), None, 60, 7.9153751666666663, [5.8947655988680729, 9.9359847344652596], 7.2572094822941304),
            ("active", Some(8.0), None, 60, 6.3587389999999999, [5.0184394067512841, 7.6990385932487149], 5.7025255551521328),
            ("active", Some(12.0), None, 60, 5.7570445833333332, [4.4789207131894484, 7.0351684534772163], 4.4808955544829328),
            ("placebo", Some(0.0), None, 60, 8.8636804999999992, [7.228178321539354, 10.499182678460643], 7.8522603986715822),
            ("placebo", Some(4.0), None, 60, 8.5080285, [6.7898556991317376, 10.226201300868262], 7.428042610679463),
            ("placebo", Some(8.0), None, 60, 7.7004558333333328, [6.2792388876597229, 9.121672779006941], 7.0267431573466679),
            ("placebo", Some(12.0), None, 60, 7.0312049999999999, [5.7406130306611365, 8.3217969693388625], 6.6471238773362087),
        ],
        ..base
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn beta_means_match_glmmtmb_predict() {
    // glmmTMB(score ~ arm + visit + (1 | patient), family = beta_family()).
    Case {
        file: "symptom_free_beta.csv",
        formula: "score ~ arm + visit + (1 | patient)",
        family: Family::Beta,
        ziformula: None,
        by: Some("arm"),
        time: None,
        rows: &[
            ("active", None, None, 150, 0.68007335533333335, [0.64489487235835696, 0.71525183830830963], 0.69739842505380789),
            ("placebo", None, None, 150, 0.55358383799999999, [0.52164221124157051, 0.58552546475842937], 0.55631013441663013),
        ],
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn ordinal_category_shares_match_clmms_fixed_effects_and_thresholds() {
    // clmm(mrs ~ arm + age + (1 | site)): each category's observed share (binom.test's
    // interval) and mean fitted probability at random effect 0.
    let summary = Case {
        file: "mrs_ordinal.csv",
        formula: "mrs ~ arm + age + (1 | site)",
        family: Family::Ordinal,
        ziformula: None,
        by: Some("arm"),
        time: None,
        rows: &[
            ("placebo", None, Some("0"), 999, 0.11811811811811812, [0.09875228985244168, 0.13976576151577791], 0.1112843571446826),
            ("placebo", None, Some("1"), 999, 0.18818818818818819, [0.16439740822546076, 0.21383197040200463], 0.18482704865556832),
            ("placebo", None, Some("2"), 999, 0.18018018018018017, [0.15681703923199569, 0.20544475087645608], 0.18994930311391103),
            ("placebo", None, Some("3"), 999, 0.18018018018018017, [0.15681703923199569, 0.20544475087645608], 0.18503276651235581),
            ("placebo", None, Some("4"), 999, 0.15915915915915915, [0.13700440636444619, 0.18334302404077962], 0.16522813279502824),
            ("placebo", None, Some("5"), 999, 0.1011011011011011, [0.083103998542129645, 0.12148692599050015], 0.099156014732131939),
            ("placebo", None, Some("6"), 999, 0.073073073073073078, [0.057711781584562395, 0.09100429580963354], 0.064522377046322077),
            ("active", None, Some("0"), 1001, 0.14485514485514486, [0.12362214064354486, 0.16820043646646221], 0.14049256005570798),
            ("active", None, Some("1"), 1001, 0.2087912087912088, [0.18399922164596616, 0.23530854302203885], 0.21379598203830755),
            ("active", None, Some("2"), 1001, 0.19880119880119881, [0.17449304243562272, 0.22489471260282334], 0.19818907258646923),
            ("active", None, Some("3"), 1001, 0.17182817182817184, [0.14895205689866498, 0.1966523951490009], 0.17498631939191725),
            ("active", None, Some("4"), 1001, 0.14585414585414586, [0.12455601040524403, 0.16925845505120896], 0.14275101057337336),
            ("active", None, Some("5"), 1001, 0.08191808191808192, [0.065679637567627597, 0.10066323846951064], 0.07996225767735031),
            ("active", None, Some("6"), 1001, 0.047952047952047952, [0.035564488695314554, 0.063077541583258734], 0.049822797676874322),
        ],
    }
    .check();
    assert_eq!(summary.categories, ["0", "1", "2", "3", "4", "5", "6"]);
}

/// `trialstats glmm` on `file` with `args`.
fn glmm(file: &str, args: &[&str]) -> assert_cmd::Command {
    let mut command = subcommand("glmm");
    command.arg(test_data(file)).args(args);
    command
}

const RELAPSES: [&str; 4] = [
    "--family",
    "negbin",
    "--formula",
    "relapses ~ arm + offset(log(years)) + (1 | patient)",
];

#[test]
fn json_carries_the_summary_by_the_first_factor_without_being_asked() {
    let v = json_of(&mut glmm(
        "relapses_negbin.csv",
        &[&RELAPSES[..], &["--format", "json"]].concat(),
    ));
    assert_eq!(v["observed_vs_fitted_by"], "arm");
    let rows = v["observed_vs_fitted"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["level"], "active");
    assert_eq!(rows[0]["n"], 240);
    // R, as negative_binomial_with_an_offset_matches_glmmtmb_predict.
    assert_close("fitted", &rows[0]["fitted"], 0.68012966616913462, 1e-6);
    assert_close(
        "lower",
        &rows[1]["observed_ci"][0],
        0.92458218775855683,
        1e-12,
    );
    assert!(rows[0].get("time").is_none() && rows[0].get("category").is_none());
    // Without a categorical fixed effect there is nothing to summarise by, and no such keys.
    let v = json_of(&mut glmm(
        "epil.csv",
        &[
            "--family",
            "poisson",
            "--formula",
            "y ~ lbase + (1 | subject)",
            "--format",
            "json",
        ],
    ));
    assert!(v.get("observed_vs_fitted").is_none(), "{v}");
}

#[test]
fn the_table_shows_the_summary_only_when_asked() {
    let (code, plain, _) = outcome_of(&mut glmm("relapses_negbin.csv", &RELAPSES));
    assert_eq!(code, 0);
    assert!(!plain.contains("observed vs fitted"), "{plain}");
    let (code, out, stderr) = outcome_of(&mut glmm(
        "crp_gamma.csv",
        &[
            "--family",
            "gamma",
            "--formula",
            "crp ~ arm * week + (1 | patient)",
            "--by",
            "arm",
            "--time",
            "week",
            "--level",
            "0.9",
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        out.contains("observed vs fitted by arm: mean crp, 90% t interval"),
        "{out}"
    );
    assert!(out.contains("lower_90") && out.contains("week"), "{out}");
}

#[test]
fn plot_draws_png_and_svg_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("relapses.png");
    let png_arg = png.display().to_string();
    let args = [
        &RELAPSES[..],
        &["--plot", &png_arg, "--width", "480", "--height", "320"],
    ]
    .concat();
    let (code, _, stderr) = outcome_of(&mut glmm("relapses_negbin.csv", &args));
    assert_eq!(code, 0, "{stderr}");
    let (width, _, pixels) = png_rgb(&png);
    assert_eq!(width, 480);
    // The observed points (Okabe-Ito blue) and the fitted diamonds (vermillion) are drawn.
    assert!(pixels.contains(&[0x00, 0x72, 0xB2]) && pixels.contains(&[0xD5, 0x5E, 0x00]));
    let svg = dir.path().join("mrs.svg");
    let (code, _, stderr) = outcome_of(&mut glmm(
        "mrs_ordinal.csv",
        &[
            "--family",
            "ordinal",
            "--formula",
            "mrs ~ arm + age + (1 | site)",
            "--plot",
            &svg.display().to_string(),
            "--title",
            "mRS at day 90",
            "--editable-svg",
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("mRS at day 90") && text.contains("fitted"),
        "{text}"
    );
}

#[test]
fn bad_by_time_and_plot_exit_2_naming_the_option_and_what_is_allowed() {
    let refused = |file: &str, args: &[&str]| {
        let (code, _, stderr) = outcome_of(&mut glmm(file, args));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("NaN"),
            "{stderr}"
        );
        stderr
    };
    let e = refused(
        "relapses_negbin.csv",
        &[&RELAPSES[..], &["--by", "years"]].concat(),
    );
    assert!(
        e.contains("--by") && e.contains("'years'") && e.contains("allowed: arm"),
        "{e}"
    );
    let e = refused(
        "relapses_negbin.csv",
        &[&RELAPSES[..], &["--by", "period"]].concat(),
    );
    assert!(
        e.contains("--by") && e.contains("is not a fixed effect") && e.contains("allowed: arm"),
        "{e}"
    );
    let e = refused(
        "relapses_negbin.csv",
        &[&RELAPSES[..], &["--time", "arm"]].concat(),
    );
    assert!(
        e.contains("--time") && e.contains("numeric fixed effect"),
        "{e}"
    );
    // --plot of a model without a categorical fixed effect.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("none.png");
    let e = refused(
        "epil.csv",
        &[
            "--family",
            "poisson",
            "--formula",
            "y ~ lbase + (1 | subject)",
            "--plot",
            &out.display().to_string(),
        ],
    );
    assert!(
        e.contains("--by") && e.contains("no categorical fixed effect"),
        "{e}"
    );
    assert!(!out.exists());
    // A file the chart cannot be written as, refused before the fit.
    let text = dir.path().join("chart.txt");
    let e = refused(
        "relapses_negbin.csv",
        &[&RELAPSES[..], &["--plot", &text.display().to_string()]].concat(),
    );
    assert!(e.contains("chart.txt") && e.contains(".svg or .png"), "{e}");
    let e = refused(
        "mrs_ordinal.csv",
        &[
            "--family",
            "ordinal",
            "--formula",
            "mrs ~ arm + age + (1 | site)",
            "--time",
            "age",
        ],
    );
    assert!(e.contains("--time") && e.contains("ordinal"), "{e}");
    let e = refused(
        "mrs_ordinal.csv",
        &[
            "--family",
            "ordinal",
            "--formula",
            "mrs ~ arm + age + (1 | site)",
            "--by",
            "arm",
            "--time",
            "age",
        ],
    );
    assert!(e.contains("--time"), "{e}");
}
