//! `lmm --ddf containment` without `--residual`: nlme's containment ("inner-outer") df for
//! models with random effects only, one grouping factor or nested ones, with the type III F
//! tests (`--anova`) and the estimated marginal means and their differences (`--contrast`),
//! against `benches/lmm_containment_reference.R` (R 4.2.2, nlme 3.1.162 at lmeControl(tolerance
//! = 1e-12, msTol = 1e-14), lme4 1.1.31, lmerTest 3.1-3, emmeans 1.8.4.1). Every number below
//! is copied from that script's printout; the R call is written beside each case.
//!
//! What R gives: the estimates and `sqrt(diag(m$varFix))` (lme4's vcov; an ML fit's SEs are
//! not nlme summary's √(N/(N − p)) scaled ones), `summary(m)$tTable[, "DF"]` and
//! p = 2 pt(−|t|, DF); per term, lmerTest's type III hypothesis tested by the Wald F on nlme's
//! β̂ and varFix with `anova(m, type = "marginal", adjustSigma = FALSE)`'s denDF (where the
//! hypothesis is the term's own coefficients, nlme's marginal F itself); emmeans' means and
//! pairwise differences (`sigmaAdjust = FALSE`) with its containment df for lme.
//!
//! Tolerances: the df exactly; estimates and SEs 1e-6 relative (lme4's and nlme's optima at
//! tight tolerances); F 1e-6 relative; p within 1e-6 absolute and 1e-3 relative (a tiny p's
//! relative error grows with |t|).

use std::path::PathBuf;
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::anova::anova;
use trialstats::lmm::emmeans::emmeans;
use trialstats::lmm::inference::Ddf;
use trialstats::lmm::{FittedModel, Formula, fit_csv_with_frame};

/// One model and what R gives for it.
struct Case<'a> {
    file: &'a str,
    formula: &'a str,
    reml: bool,
    /// (estimate, SE, DF, p) per fixed effect, in X's column order.
    fixed: &'a [(f64, f64, f64, f64)],
    /// (term, F, num_df, den_df, p) per type III row.
    anova: &'a [(&'a str, f64, f64, f64, f64)],
    /// `--contrast VARIABLE` with its `--at`, if any.
    contrast: Option<(&'a str, &'a [(&'a str, &'a str)])>,
    /// (estimate, SE, df) per mean, in level order.
    means: &'a [(f64, f64, f64)],
    /// (estimate, SE, df, p) per pairwise difference, in emmeans' order.
    differences: &'a [(f64, f64, f64, f64)],
}

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let err = (got - want).abs() / want.abs();
    assert!(
        err <= tol,
        "{what}: got {got:.12e}, R {want:.12e} (relative {err:.1e})"
    );
}

fn exactly(what: &str, got: f64, want: f64) {
    assert_eq!(got, want, "{what}: got {got}, R {want}");
}

fn close_p(what: &str, got: f64, want: f64) {
    let err = (got - want).abs();
    assert!(
        err <= 1e-6 && err <= 1e-3 * want,
        "{what}: got {got:.12e}, R {want:.12e} (difference {err:.1e})"
    );
}

fn check(case: &Case) {
    let (fit, frame) = fit_csv_with_frame(&data(case.file), case.formula, case.reml).unwrap();
    let formula = Formula::parse(case.formula).unwrap();
    let level = ConfidenceLevel::NINETY_FIVE;
    let (fit, inference) = fit
        .with_ddf(&formula, &frame, Ddf::Containment, level)
        .unwrap();
    let inference = inference.unwrap();
    assert_eq!(fit.ddf, Some(Ddf::Containment));
    assert_eq!(fit.fixed.len(), case.fixed.len());
    for (f, &(estimate, se, df, p)) in fit.fixed.iter().zip(case.fixed) {
        close(&format!("{} estimate", f.term), f.estimate, estimate, 1e-6);
        close(&format!("{} se", f.term), f.se, se, 1e-6);
        exactly(&format!("{} df", f.term), f.df.unwrap(), df);
        close_p(&format!("{} p", f.term), f.p.unwrap(), p);
        // The interval is the estimate ± t(0.975, df) · SE on those df.
        let half = f.ci_upper.unwrap() - f.estimate;
        close(
            &format!("{} CI", f.term),
            half,
            level.t_crit(df) * f.se,
            1e-12,
        );
    }
    let rows = anova(&formula, &frame, &inference).unwrap();
    assert_eq!(rows.len(), case.anova.len());
    for (r, &(term, f, num_df, den_df, p)) in rows.iter().zip(case.anova) {
        assert_eq!((r.term.as_str(), r.num_df), (term, num_df));
        close(&format!("anova {term} F"), r.f, f, 1e-6);
        exactly(&format!("anova {term} den_df"), r.den_df, den_df);
        close_p(&format!("anova {term} p"), r.p, p);
    }
    let Some((variable, at)) = case.contrast else {
        return;
    };
    let at: Vec<(String, Vec<String>)> = at
        .iter()
        .map(|(v, x)| (v.to_string(), vec![x.to_string()]))
        .collect();
    let (means, differences) = emmeans(&formula, &frame, &inference, variable, &at, level).unwrap();
    assert_eq!(means.len(), case.means.len());
    for (m, &(estimate, se, df)) in means.iter().zip(case.means) {
        close(
            &format!("mean {} estimate", m.level),
            m.estimate,
            estimate,
            1e-6,
        );
        close(&format!("mean {} se", m.level), m.se, se, 1e-6);
        exactly(&format!("mean {} df", m.level), m.df, df);
    }
    assert_eq!(differences.len(), case.differences.len());
    for (d, &(estimate, se, df, p)) in differences.iter().zip(case.differences) {
        let what = &d.contrast;
        close(&format!("{what} estimate"), d.estimate, estimate, 1e-6);
        close(&format!("{what} se"), d.se, se, 1e-6);
        exactly(&format!("{what} df"), d.df, df);
        close_p(&format!("{what} p"), d.p, p);
    }
}

#[test]
fn random_intercept_reml() {
    // m <- lme(score ~ visit * arm, random = ~ 1 | id, data = d_ar1, method = "REML",
    //          control = ctrl); emmeans(m, "arm", at = list(visit = 3), sigmaAdjust = FALSE).
    // 441 rows of 80 patients: visit varies within a patient (359 = 441 - 80 - 2), the arm
    // does not (78 = 80 - 1 - 1); the drug mean uses the intercept (emmeans: 80 - 1).
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ visit * arm + (1 | id)",
        reml: true,
        fixed: &[
            (
                30.725252151084561,
                0.6288330376385060,
                359.0,
                1.08757550141278e-160,
            ),
            (
                -0.863245160279171,
                0.0625873381622772,
                359.0,
                5.06560247739892e-35,
            ),
            (
                -0.392190723626105,
                0.8896584882108216,
                78.0,
                6.60553411106775e-01,
            ),
            (
                0.407815949297894,
                0.0912552576020380,
                359.0,
                1.05513141368751e-05,
            ),
        ],
        anova: &[
            (
                "visit",
                2.08813869127407e+02,
                1.0,
                359.0,
                1.25529719413629e-37,
            ),
            ("arm", 0.194333638050500, 1.0, 78.0, 0.660553411106752),
            (
                "visit:arm",
                1.99715891116940e+01,
                1.0,
                359.0,
                1.05513141368754e-05,
            ),
        ],
        contrast: Some(("arm", &[("visit", "3")])),
        means: &[
            (28.135516670247, 0.613159707586858, 79.0),
            (28.9667737945146, 0.614623079805555, 78.0),
        ],
        differences: &[(
            -0.831257124267576,
            0.868174151445243,
            78.0,
            0.341284731653938,
        )],
    });
}

#[test]
fn random_intercept_ml() {
    // As random_intercept_reml with method = "ML" (SEs from m$varFix, unscaled).
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ visit * arm + (1 | id)",
        reml: false,
        fixed: &[
            (
                30.725283917175545,
                0.6212420317709064,
                359.0,
                2.43787837657390e-162,
            ),
            (
                -0.863286579027490,
                0.0624126859074911,
                359.0,
                3.54857927600180e-35,
            ),
            (
                -0.392127742482940,
                0.8789254603791559,
                78.0,
                6.56728951729004e-01,
            ),
            (
                0.407770038504748,
                0.0910001199811759,
                359.0,
                1.00036883568283e-05,
            ),
        ],
        anova: &[
            (
                "visit",
                2.10027422032733e+02,
                1.0,
                359.0,
                8.54144079164127e-38,
            ),
            ("arm", 0.199044897037871, 1.0, 78.0, 0.656728951728981),
            (
                "visit:arm",
                2.00792133607832e+01,
                1.0,
                359.0,
                1.00036883568286e-05,
            ),
        ],
        contrast: Some(("arm", &[("visit", "3")])),
        means: &[
            (28.1354241800931, 0.605460571410986, 79.0),
            (28.9666065531244, 0.606933977876334, 78.0),
        ],
        differences: &[(
            -0.831182373031304,
            0.85729304035091,
            78.0,
            0.335271261034302,
        )],
    });
}

#[test]
fn random_intercept_and_slope() {
    // m <- lme(score ~ visit * arm, random = ~ visit | id, data = d_ar1, method = "REML",
    //          control = ctrl): the random slope does not enter the containment df.
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ visit * arm + (visit | id)",
        reml: true,
        fixed: &[
            (
                30.721542956772904,
                0.6162377897799469,
                359.0,
                2.00643462698566e-163,
            ),
            (
                -0.857008112701089,
                0.0977616044181545,
                359.0,
                7.48654510892520e-17,
            ),
            (
                -0.424533273553121,
                0.8719065436994216,
                78.0,
                6.27693060512206e-01,
            ),
            (
                0.436771545481816,
                0.1403350893971352,
                359.0,
                2.00489241707922e-03,
            ),
        ],
        anova: &[
            (
                "visit",
                8.28353389269225e+01,
                1.0,
                359.0,
                6.27695485941383e-18,
            ),
            ("arm", 0.237073818518610, 1.0, 78.0, 0.627693060512183),
            (
                "visit:arm",
                9.68670611064650e+00,
                1.0,
                359.0,
                2.00489241707925e-03,
            ),
        ],
        contrast: Some(("arm", &[("visit", "3")])),
        means: &[
            (28.1505186186696, 0.626192578811396, 79.0),
            (29.036299981562, 0.627869764335867, 78.0),
        ],
        differences: &[(
            -0.885781362892327,
            0.886756779915239,
            78.0,
            0.320931956440891,
        )],
    });
}

#[test]
fn a_term_of_five_columns() {
    // m <- lme(score ~ fvisit + arm, random = ~ 1 | id, data = d_ar1, method = "REML",
    //          control = ctrl) with fvisit = factor(visit): the five visit columns all take
    // their df from the residual stratum (356 = 441 - 80 - 5), and so does the term.
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ factor(visit) + arm + (1 | id)",
        reml: true,
        fixed: &[
            (
                30.220748783659481,
                0.632466779113019,
                356.0,
                6.23152271373259e-157,
            ),
            (
                -0.496499999999995,
                0.254130320116621,
                356.0,
                5.15169196043981e-02,
            ),
            (
                -1.234099999999994,
                0.254130320116621,
                356.0,
                1.79551123408148e-06,
            ),
            (
                -2.120622259378091,
                0.260814324209659,
                356.0,
                7.15511168808431e-15,
            ),
            (
                -2.688417915285575,
                0.272059695131929,
                356.0,
                1.64880746735355e-20,
            ),
            (
                -3.196117343278278,
                0.276245895209870,
                356.0,
                1.69666126563673e-26,
            ),
            (
                0.529727432681033,
                0.864701327854175,
                78.0,
                5.41914116864042e-01,
            ),
        ],
        anova: &[
            (
                "visit",
                4.13772441756853e+01,
                5.0,
                356.0,
                1.56312851145749e-33,
            ),
            ("arm", 0.375294911815260, 1.0, 78.0, 0.541914116864065),
        ],
        contrast: Some(("arm", &[])),
        means: &[
            (28.5981225306692, 0.611177347857138, 79.0),
            (29.1278499633502, 0.6119170980006, 78.0),
        ],
        differences: &[(
            -0.529727432681033,
            0.864701327854175,
            78.0,
            0.541914116864042,
        )],
    });
}

#[test]
fn bodyweight_three_diets_between_rats() {
    // nlme's BodyWeight (Pinheiro & Bates 2000, §5.3), Diet a factor:
    // m <- lme(weight ~ Time * Diet, random = ~ Time | Rat, data = bw, method = "REML",
    //          control = ctrl); emmeans(m, "Diet", at = list(Time = 36), sigmaAdjust = FALSE).
    // 176 rows of 16 rats: Diet is a between-rat factor (13 = 16 - 1 - 2), Time and Time:Diet
    // vary within a rat (157 = 176 - 16 - 3).
    check(&Case {
        file: "bodyweight.csv",
        formula: "weight ~ Time * factor(Diet) + (Time | Rat)",
        reml: true,
        fixed: &[
            (
                251.651651561476314,
                13.0940248471739196,
                157.0,
                4.32804166126862e-43,
            ),
            (
                0.359639113343526,
                0.0911397412431773,
                157.0,
                1.19560531858470e-04,
            ),
            (
                200.665486459925745,
                22.6795163108745292,
                13.0,
                7.30006748569562e-07,
            ),
            (
                252.071677768071794,
                22.6795163108745257,
                13.0,
                5.21136708821938e-08,
            ),
            (
                0.605839157021185,
                0.1578586624218637,
                157.0,
                1.79516493726849e-04,
            ),
            (
                0.298337519108976,
                0.1578586624218636,
                157.0,
                6.06141019855878e-02,
            ),
        ],
        anova: &[
            (
                "Time",
                9.46893251539089e+01,
                1.0,
                157.0,
                8.34447121472277e-18,
            ),
            (
                "Diet",
                7.66447423043203e+01,
                2.0,
                13.0,
                6.38279171559752e-08,
            ),
            (
                "Time:Diet",
                7.57430732545715e+00,
                2.0,
                157.0,
                7.23928114597761e-04,
            ),
        ],
        contrast: Some(("Diet", &[("Time", "36")])),
        means: &[
            (264.598659641843, 12.979805720186, 15.0),
            (487.074355754532, 18.356217286455, 13.0),
            (527.410488097838, 18.356217286455, 13.0),
        ],
        differences: &[
            (
                -222.475696112688,
                22.4816829797354,
                13.0,
                2.0313256121801e-07,
            ),
            (
                -262.811828455995,
                22.4816829797353,
                13.0,
                2.85850529086921e-08,
            ),
            (-40.3361323433065, 25.9596114403721, 13.0, 0.144230355899419),
        ],
    });
}

#[test]
fn ovary_every_covariate_within_mares() {
    // nlme's Ovary (Pinheiro & Bates 2000's fm1Ovar.lme; tests/data/ovary.csv holds sin(2πt)
    // and cos(2πt) as columns): m <- lme(follicles ~ sin2pt + cos2pt, random = ~ 1 | Mare,
    // data = ov, method = "REML", control = ctrl). 308 rows of 11 mares: 295 = 308 - 11 - 2.
    check(&Case {
        file: "ovary.csv",
        formula: "follicles ~ sin2pt + cos2pt + (1 | Mare)",
        reml: true,
        fixed: &[
            (
                12.182244375960565,
                0.939000925424716,
                295.0,
                9.24717014652909e-31,
            ),
            (
                -3.339611673576111,
                0.289401281427920,
                295.0,
                1.13017836382475e-25,
            ),
            (
                -0.862421609932177,
                0.271598668102206,
                295.0,
                1.65490928099347e-03,
            ),
        ],
        anova: &[
            (
                "sin2pt",
                1.33165290657348e+02,
                1.0,
                295.0,
                1.13017836382475e-25,
            ),
            (
                "cos2pt",
                1.00828658416671e+01,
                1.0,
                295.0,
                1.65490928099347e-03,
            ),
        ],
        contrast: None,
        means: &[],
        differences: &[],
    });
}

#[test]
fn patients_nested_in_sites() {
    // vi <- na.omit(read.csv("visits.csv")) with id, site, sex factors;
    // m <- lme(score ~ sex + week, random = ~ 1 | site/id, data = vi, method = "REML",
    //          control = ctrl); emmeans(m, "sex", sigmaAdjust = FALSE).
    // 178 rows, 40 patients in 3 sites: sex is constant within a patient but not within a
    // site (36 = 40 - 3 - 1), week varies within a patient (137 = 178 - 40 - 1), the
    // intercept the largest; emmeans counts the intercept's as the sites less one (2).
    check(&Case {
        file: "visits.csv",
        formula: "score ~ sex + week + (1 | site/id)",
        reml: true,
        fixed: &[
            (
                10.097845967388530,
                1.1734101654326115,
                137.0,
                1.58044745049575e-14,
            ),
            (
                2.173702251575556,
                0.8307726870999024,
                36.0,
                1.29043719410048e-02,
            ),
            (
                0.198843850944982,
                0.0166544984732776,
                137.0,
                5.74347462511795e-23,
            ),
        ],
        anova: &[
            ("sex", 6.8459810148416311, 1.0, 36.0, 0.0129043719410044),
            (
                "week",
                1.42548027664301e+02,
                1.0,
                137.0,
                5.74347462511800e-23,
            ),
        ],
        contrast: Some(("sex", &[])),
        means: &[
            (11.8997287290416, 1.16294376140472, 2.0),
            (14.0734309806172, 1.11868471494775, 2.0),
        ],
        differences: &[(
            -2.17370225157556,
            0.830772687099902,
            36.0,
            0.0129043719410048,
        )],
    });
}

#[test]
fn patients_with_slopes_nested_in_sites() {
    // sy <- read.csv("sites_slopes.csv") with site, patient factors (each patient in one
    // site, so lme4's (month | patient) + (1 | site) is nested):
    // m <- lme(alsfrs ~ month, random = list(site = ~ 1, patient = ~ month), data = sy,
    //          method = "REML", control = ctrl). 309 rows, 60 patients, 8 sites: 248 =
    // 309 - 60 - 1.
    check(&Case {
        file: "sites_slopes.csv",
        formula: "alsfrs ~ month + (month | patient) + (1 | site)",
        reml: true,
        fixed: &[
            (
                41.447579335726111,
                0.7406839456927301,
                248.0,
                1.14099794385679e-142,
            ),
            (
                -0.570664121293215,
                0.0482034091496646,
                248.0,
                6.27989303089734e-26,
            ),
        ],
        anova: &[(
            "month",
            1.40154042283106e+02,
            1.0,
            248.0,
            6.27989303089734e-26,
        )],
        contrast: None,
        means: &[],
        differences: &[],
    });
}

#[test]
fn crossed_factors_are_refused_naming_the_option() {
    // lme4's Penicillin: plates crossed with samples, which nlme's lme cannot fit, so there
    // are no containment df to give.
    let text = "diameter ~ 1 + (1 | plate) + (1 | sample)";
    let (fit, frame) = fit_csv_with_frame(&data("penicillin.csv"), text, true).unwrap();
    let formula = Formula::parse(text).unwrap();
    let err = fit
        .with_ddf(
            &formula,
            &frame,
            Ddf::Containment,
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("ddf"), "{err}");
    assert!(err.contains("crossed"), "{err}");
    assert!(err.contains("satterthwaite"), "{err}");
}
