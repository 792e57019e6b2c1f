//! The confidence intervals of `glmm --by`'s fitted values (the average prediction at random
//! effects 0 of each level), compared with R. The R calls are in
//! `benches/glmm_fitted_ci_reference.R` (glmmTMB 1.1.5, TMB 1.9.2, ordinal 2022.11-16, R 4.2.2),
//! whose printout is `tests/data/glmm_fitted_ci_reference_output.txt`; the models and data
//! are those of tests/glmm_observed_fitted.rs.
//!
//! R's interval: the delta method on the link scale of the level's average, from the
//! covariance of (beta, betazi) that `TMB::sdreport(m$obj, par.fixed = par)$cov.fixed` gives
//! at the polished optimum (for clmm, the inverse of numDeriv's Hessian of its Laplace
//! objective); where a level's rows share x'beta this is exactly
//! `predict(m, re.form = NA, se.fit = TRUE, type = "link")` with g^-1(fit -/+ 1.96 se.fit),
//! and the script checks that `predict()`'s se.fit equals sqrt(x' V x) row by row (to 2.2e-16;
//! under zero inflation its `type = "response"` se.fit equals the response-scale delta
//! method, to 2.2e-16). Asserted: fitted within 1e-6 relative, the SE on the link scale and
//! the interval's ends within 1e-5 relative.
//!
//! Measured (largest relative differences over the levels of each model): fitted 4.9e-9
//! (an ordinal category; glmmTMB's families 3.3e-10), the SE on the link scale 3.6e-7 (gamma
//! by arm and week; clmm 1.8e-7), the interval's ends 6.6e-8. The SEs are those of the
//! fixed effects' covariance from finite differences of the analytic gradient, which the
//! other glmm tests find within 2.8e-6 of sdreport's.

#![allow(clippy::excessive_precision)]

use crate::common::{assert_close, json_of, outcome_of, subcommand, test_data};
use crate::glmm_observed_fitted::fit_converged;
use trialstats::glmm::{Family, ObservedFittedRequest, ObservedVsFitted};
use trialstats::level::ConfidenceLevel;

/// One row of R's printout: level, time, category, fitted, SE on the link scale, interval.
type Row = (
    &'static str,
    Option<f64>,
    Option<&'static str>,
    f64,
    f64,
    [f64; 2],
);

/// A model, what to summarise it by, R's rows, and the tolerance on the SE and interval.
struct Case {
    file: &'static str,
    formula: &'static str,
    family: Family,
    ziformula: Option<&'static str>,
    by: &'static str,
    time: Option<&'static str>,
    rows: &'static [Row],
    se_tolerance: f64,
}

impl Case {
    fn summary(&self) -> ObservedVsFitted {
        let (fit, frame) = fit_converged(self.file, self.formula, self.family, self.ziformula);
        let request = ObservedFittedRequest {
            by: Some(self.by),
            time: self.time,
            level: ConfidenceLevel::NINETY_FIVE,
        };
        fit.summarise_observed_vs_fitted(&frame, &request).unwrap()
    }

    /// Checks every row against R; returns the largest relative differences of the fitted
    /// value, the SE and the interval's ends (printed with `--nocapture`).
    fn check(&self) -> [f64; 3] {
        let summary = self.summary();
        assert_eq!(summary.rows.len(), self.rows.len(), "{}", self.formula);
        let mut worst = [0.0f64; 3];
        let rel = |a: f64, b: f64| (a - b).abs() / b.abs();
        for &(level, time, category, fitted, se, [lower, upper]) in self.rows {
            let what = format!("{} {level} {time:?} {category:?}", self.formula);
            let got = summary
                .rows
                .iter()
                .find(|r| r.level == level && r.time == time && r.category.as_deref() == category)
                .unwrap_or_else(|| panic!("{what}: no such row"));
            let ci = got
                .fitted_ci
                .unwrap_or_else(|| panic!("{what}: no fitted CI"));
            let got_se = got.fitted_se_link.unwrap();
            assert_close(&format!("{what}: fitted"), got.fitted, fitted, 1e-6);
            assert_close(&format!("{what}: se"), got_se, se, self.se_tolerance);
            assert_close(&format!("{what}: lower"), ci[0], lower, self.se_tolerance);
            assert_close(&format!("{what}: upper"), ci[1], upper, self.se_tolerance);
            worst[0] = worst[0].max(rel(got.fitted, fitted));
            worst[1] = worst[1].max(rel(got_se, se));
            worst[2] = worst[2].max(rel(ci[0], lower)).max(rel(ci[1], upper));
        }
        eprintln!(
            "{} by {}: largest relative differences fitted {:.1e}, se {:.1e}, ends {:.1e}",
            self.formula, self.by, worst[0], worst[1], worst[2]
        );
        worst
    }
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn poisson_intervals_match_the_delta_method_of_glmmtmb() {
    // glmmTMB(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil):
    // lbase, lage and V4 vary within a level, so the interval is the delta method of the
    // average carried to its log.
    Case {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + V4 + (1 | subject)",
        family: Family::Poisson,
        ziformula: None,
        by: "trt",
        time: None,
        rows: &[
            ("placebo", None, None, 7.580151052322007, 0.12151300192360344, [5.9737329680795863, 9.6185568191693136]),
            ("progabide", None, None, 6.3679898040454423, 0.12817357794222112, [4.9533704847574933, 8.1866063257757737]),
        ],
        se_tolerance: 1e-5,
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn negative_binomial_intervals_with_an_offset_are_glmmtmbs_predict() {
    // glmmTMB(relapses ~ arm + offset(log(years)) + (1 | patient), family = nbinom2): the
    // rows of an arm differ by their offsets only, so R's se is predict(se.fit = TRUE,
    // type = "link")'s own and the interval exp(log(fitted) -/+ 1.96 se).
    Case {
        file: "relapses_negbin.csv",
        formula: "relapses ~ arm + offset(log(years)) + (1 | patient)",
        family: Family::NegativeBinomial,
        ziformula: None,
        by: "arm",
        time: None,
        rows: &[
            ("active", None, None, 0.68012966616913462, 0.12556198281255576, [0.53175693795470735, 0.86990188521571987]),
            ("placebo", None, None, 1.0297961979908778, 0.10800822740043196, [0.8333251981149602, 1.2725886746198813]),
        ],
        se_tolerance: 1e-5,
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn zero_inflated_intervals_include_the_zero_inflation_coefficients() {
    // glmmTMB(lesions ~ arm + scan + (1 | patient), ziformula = ~ arm, family = poisson and
    // nbinom2): the mean (1 - pi) mu, its gradient in beta and betazi, their joint covariance;
    // the interval on the log scale of the mean.
    let base = Case {
        file: "lesions_zi.csv",
        formula: "lesions ~ arm + scan + (1 | patient)",
        family: Family::Poisson,
        ziformula: Some("~ arm"),
        by: "arm",
        time: None,
        rows: &[
            ("active", None, None, 0.55521771133574471, 0.14292634043871591, [0.41956977028548853, 0.73472096612477089]),
            ("placebo", None, None, 1.4319409213041547, 0.10503717007695682, [1.1655134752769674, 1.7592716391529755]),
        ],
        se_tolerance: 1e-5,
    };
    base.check();
    Case {
        time: Some("scan"),
        rows: &[
            ("active", Some(1.0), None, 0.60992293147545829, 0.15225405391126579, [0.45255990683638903, 0.82200384240865909]),
            ("active", Some(2.0), None, 0.57189691570366075, 0.14364860054849291, [0.43156264273033468, 0.75786467550141934]),
            ("active", Some(3.0), None, 0.53624165499099685, 0.14484829672699762, [0.40370623142686435, 0.71228802075000153]),
            ("active", Some(4.0), None, 0.50280934317275716, 0.15562654917439447, [0.37062420599464591, 0.68213902786876179]),
            ("placebo", Some(1.0), None, 1.5730290777654263, 0.11866380513475498, [1.2466080776539361, 1.9849225461079176]),
            ("placebo", Some(2.0), None, 1.4749576240886417, 0.10642822934819601, [1.1972577860368794, 1.8170689873385366]),
            ("placebo", Some(3.0), None, 1.383000494782733, 0.10707624607433397, [1.1211891067305744, 1.7059480484489853]),
            ("placebo", Some(4.0), None, 1.2967764885795363, 0.12040000856559958, [1.0241898198766322, 1.6419117127479661]),
        ],
        ..base
    }
    .check();
    Case {
        family: Family::NegativeBinomial,
        rows: &[
            ("active", None, None, 0.59851970084782458, 0.14443050842095356, [0.45096099344254603, 0.79436101461535513]),
            ("placebo", None, None, 1.5227442105977531, 0.1074067284976308, [1.2336790336200691, 1.8795406809378183]),
        ],
        ..base
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn binomial_and_betabinomial_intervals_are_on_the_logit_scale() {
    // glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial):
    // one x'beta per period, so predict(se.fit = TRUE, type = "link")'s interval.
    let cbpp = Case {
        file: "cbpp.csv",
        formula: "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
        family: Family::Binomial,
        ziformula: None,
        by: "period",
        time: None,
        rows: &[
            ("1", None, None, 0.19804914160013345, 0.23247199437267244, [0.13538416550039695, 0.28031585526296826]),
            ("2", None, None, 0.08387195301503729, 0.31021395622067227, [0.047476810584244369, 0.14395074837258579]),
            ("3", None, None, 0.073972931744708231, 0.33027517634780734, [0.040135470029178201, 0.13240302795568165]),
            ("4", None, None, 0.048390740400773812, 0.4300719150837678, [0.021420125440196947, 0.10565424165905525]),
        ],
        se_tolerance: 1e-5,
    };
    cbpp.check();
    // glmmTMB(cbind(migraine, days - migraine) ~ arm + month + (1 | patient),
    // family = betabinomial): the average weighted by the days.
    Case {
        file: "migraine_betabinom.csv",
        formula: "cbind(migraine, days - migraine) ~ arm + month + (1 | patient)",
        family: Family::BetaBinomial,
        by: "arm",
        rows: &[
            ("active", None, None, 0.14591936206155895, 0.10454421986923323, [0.12218770408116814, 0.17335002349184878]),
            ("placebo", None, None, 0.2327485172050438, 0.09634934632844662, [0.2007365395353726, 0.26815279013173776]),
        ],
        ..cbpp
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn gamma_and_beta_intervals_match_glmmtmb() {
    // glmmTMB(crp ~ arm * week + (1 | patient), family = Gamma(link = "log")), by arm and by
    // arm and week (one x'beta a cell: predict()'s own interval).
    let crp = Case {
        file: "crp_gamma.csv",
        formula: "crp ~ arm * week + (1 | patient)",
        family: Family::Gamma,
        ziformula: None,
        by: "arm",
        time: None,
        rows: &[
            ("active", None, None, 6.6690946689797812, 0.080520613691531795, [5.6954443365654832, 7.8091929400955822]),
            ("placebo", None, None, 7.2385425110084913, 0.07984596507380258, [6.1899354568705824, 8.4647890190065063]),
        ],
        se_tolerance: 1e-5,
    };
    crp.check();
    Case {
        time: Some("week"),
        rows: &[
            ("active", Some(0.0), None, 9.2357480839899146, 0.094156870055290415, [7.6793702221260833, 11.107557026636984]),
            ("active", Some(4.0), None, 7.2572094822941304, 0.081614686230439673, [6.1844219438396992, 8.5160892882416448]),
            ("active", Some(8.0), None, 5.7025255551521328, 0.081678519891389106, [4.8589491937814442, 6.6925576725068847]),
            ("active", Some(12.0), None, 4.4808955544829328, 0.09432278085422223, [3.7245784349727993, 5.3907912857073557]),
            ("placebo", Some(0.0), None, 7.8522603986715831, 0.094967729825345029, [6.5186552787019343, 9.4586982640419688]),
            ("placebo", Some(4.0), None, 7.428042610679463, 0.081664473644799576, [6.3293842263596956, 8.7174067891599289]),
            ("placebo", Some(8.0), None, 7.0267431573466679, 0.081552338622113321, [5.9887557788270334, 8.244637320807378]),
            ("placebo", Some(12.0), None, 6.6471238773362087, 0.094678206284977404, [5.5213278672685062, 8.0024691347503403]),
        ],
        ..crp
    }
    .check();
    // glmmTMB(score ~ arm + visit + (1 | patient), family = beta_family()).
    Case {
        file: "symptom_free_beta.csv",
        formula: "score ~ arm + visit + (1 | patient)",
        family: Family::Beta,
        rows: &[
            ("active", None, None, 0.69739842505380789, 0.10529840359112459, [0.65216260069679832, 0.7391048035687281]),
            ("placebo", None, None, 0.55631013441663013, 0.10297823425273009, [0.50609132029648685, 0.60540404784351398]),
        ],
        ..crp
    }
    .check();
}

#[test]
#[rustfmt::skip] // R's rows, one a line
fn ordinal_category_intervals_use_thresholds_and_fixed_effects() {
    // clmm(mrs ~ arm + age + (1 | site)): each category's mean probability, its gradient in
    // the thresholds and beta, the covariance from numDeriv's Hessian of clmm's objective.
    Case {
        file: "mrs_ordinal.csv",
        formula: "mrs ~ arm + age + (1 | site)",
        family: Family::Ordinal,
        ziformula: None,
        by: "arm",
        time: None,
        rows: &[
            ("placebo", None, Some("0"), 0.1112843571446826, 0.098521590300860523, [0.093571407784541469, 0.13186256262089685]),
            ("placebo", None, Some("1"), 0.18482704865556832, 0.075439726382782082, [0.16357860168364285, 0.20814874202398193]),
            ("placebo", None, Some("2"), 0.18994930311391103, 0.060123723919032944, [0.17247600804710952, 0.20874625382658762]),
            ("placebo", None, Some("3"), 0.18503276651235581, 0.060841373243161349, [0.16772155191046656, 0.20369344595607702]),
            ("placebo", None, Some("4"), 0.16522813279502824, 0.075200035618938954, [0.14588830336466846, 0.18657173009573674]),
            ("placebo", None, Some("5"), 0.099156014732131939, 0.097731083005245023, [0.0833110534568271, 0.11762784089429633]),
            ("placebo", None, Some("6"), 0.064522377046322077, 0.11713213836697689, [0.051974908147980656, 0.079843862731113963]),
            ("active", None, Some("0"), 0.14049256005570798, 0.096122661655923855, [0.11924472611323418, 0.16481797775792889]),
            ("active", None, Some("1"), 0.21379598203830755, 0.071601295922845559, [0.19115385699149554, 0.23832981231800321]),
            ("active", None, Some("2"), 0.19818907258646923, 0.058256210141953438, [0.18066753607413483, 0.21695991635499287]),
            ("active", None, Some("3"), 0.17498631939191725, 0.06317805187570523, [0.15782262450773443, 0.19358755074376621]),
            ("active", None, Some("4"), 0.14275101057337336, 0.07869813558809137, [0.12489483592427428, 0.16268548422679405]),
            ("active", None, Some("5"), 0.07996225767735031, 0.1004297564663716, [0.066626773076754978, 0.095693217246327372]),
            ("active", None, Some("6"), 0.049822797676874322, 0.11947011610882756, [0.039836004602409054, 0.062151194688958744]),
        ],
        se_tolerance: 1e-5,
    }
    .check();
}

const RELAPSES: [&str; 4] = [
    "--family",
    "negbin",
    "--formula",
    "relapses ~ arm + offset(log(years)) + (1 | patient)",
];

#[test]
fn json_and_table_carry_the_fitted_interval_at_the_commands_level() {
    let mut command = subcommand("glmm");
    command
        .arg(test_data("relapses_negbin.csv"))
        .args(RELAPSES)
        .args(["--level", "0.9", "--format", "json"]);
    let v = json_of(&mut command);
    let active = &v["observed_vs_fitted"][0];
    assert_eq!(active["level"], "active");
    // R, as negative_binomial_intervals_with_an_offset_are_glmmtmbs_predict, at qnorm(0.95).
    let (fitted, se): (f64, f64) = (0.68012966616913462, 0.12556198281255576);
    let z = 1.6448536269514722;
    assert_close("se", &active["fitted_se_link"], se, 1e-5);
    let lower = (fitted.ln() - z * se).exp();
    let upper = (fitted.ln() + z * se).exp();
    assert_close("lower", &active["fitted_ci"][0], lower, 1e-6);
    assert_close("upper", &active["fitted_ci"][1], upper, 1e-6);
    let mut command = subcommand("glmm");
    command
        .arg(test_data("relapses_negbin.csv"))
        .args(RELAPSES)
        .args(["--by", "arm"]);
    let (code, out, stderr) = outcome_of(&mut command);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        out.contains("fitted_lower_95") && out.contains("fitted_upper_95"),
        "{out}"
    );
    assert!(
        out.contains("95% interval by the delta method on the log scale"),
        "{out}"
    );
    assert!(
        out.contains("0.5317569") && out.contains("1.272588"),
        "{out}"
    );
}
