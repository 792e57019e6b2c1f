//! `lmm --residual` with df: Satterthwaite's denominator df and nlme's containment df for the
//! fixed effects, the type III F tests (`--anova`) and the estimated marginal means of the arm
//! with their difference (`--contrast arm --at …`), against
//! `benches/lmm_residual_df_reference.R` (R 4.2.2, nlme 3.1.162, numDeriv 2016.8-1.1,
//! lmerTest 3.1-3, emmeans 1.8.4.1) on the data of tests/lmm_residual.rs.
//!
//! Satterthwaite's references are computed in that script independently of trialstats: V(θ) built
//! from the data for nlme's fitted D, ρ and σ, Var(β̂) = (XᵀV⁻¹X)⁻¹, the REML (or ML) deviance
//! as an R function of (D's entries, ρ, σ), numDeriv's Richardson Hessian and Jacobian, df =
//! 2(lᵀCl)² / (gᵀAg) with A = 2H⁻¹ (Kuznetsova et al. 2017, eqs. 5–7); F tests rotated as
//! lmerTest's `contestMD` on lmerTest's own type III hypotheses. trialstats differentiates in
//! another parametrisation, (θ, φ, σ), so agreement also checks that the df do not depend on it.
//! Containment: `summary(m)$tTable[, "DF"]`, `anova(m)$denDF` and emmeans' df for lme.
//! The p-values are `2 pt(-|t|, df)` and `pf(F, q, df, lower.tail = FALSE)` with t and F from
//! `m$varFix` (for an ML fit nlme's summary prints SEs scaled by √(N/(N − p)); these are not).
//!
//! Tolerances (the issue's): df 1e-4 relative (containment df exactly), p 1e-6 absolute (and
//! 1e-3 relative), F 1e-6 relative. Measured: df within 2.9e-6 relative, p within 2.1e-8
//! absolute (1e-6 relative where p > 1e-3), F within 2.2e-7 relative.

use std::path::PathBuf;
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::anova::anova;
use trialstats::lmm::emmeans::emmeans;
use trialstats::lmm::inference::Ddf;
use trialstats::lmm::residual::fit_correlated_csv_with_frame;
use trialstats::lmm::{FittedModel, Formula, ReferenceLevels};

/// One model and what R gives for it.
struct Case<'a> {
    file: &'a str,
    formula: &'a str,
    residual: &'a str,
    reml: bool,
    /// `--at` of the marginal means of `arm`.
    at: &'a [(&'a str, &'a str)],
    satterthwaite: Expected<'a>,
    containment: Expected<'a>,
}

/// One method's numbers: (df, p) per fixed effect; (term, F, num_df, den_df, p) per anova row;
/// the df of the two arms' means; (df, p) of their difference.
struct Expected<'a> {
    fixed: &'a [(f64, f64)],
    anova: &'a [(&'a str, f64, f64, f64, f64)],
    means_df: [f64; 2],
    difference: (f64, f64),
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let err = (got - want).abs() / want.abs();
    assert!(
        err <= tol,
        "{what}: got {got:.12e}, R {want:.12e} (relative {err:.1e})"
    );
}

/// A p-value within 1e-6 of R's, and within 1e-3 relative so that a tiny p is right too (its
/// relative error grows with |t|: a t of 47 on the intercept reaches 7e-4 for p near 1e-182
/// from estimates that agree to 1e-7).
fn close_p(what: &str, got: f64, want: f64) {
    let err = (got - want).abs();
    assert!(
        err <= 1e-6 && err <= 1e-3 * want,
        "{what}: got {got:.12e}, R {want:.12e} (difference {err:.1e})"
    );
}

fn check(case: &Case) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(case.file);
    let structure = case.residual.parse().unwrap();
    let (fit, frame) = fit_correlated_csv_with_frame(
        &path,
        case.formula,
        &structure,
        case.reml,
        &ReferenceLevels::default(),
    )
    .expect("fits");
    let formula = Formula::parse(case.formula).unwrap();
    let level = ConfidenceLevel::NINETY_FIVE;
    let at: Vec<(String, Vec<String>)> = case
        .at
        .iter()
        .map(|(v, x)| (v.to_string(), vec![x.to_string()]))
        .collect();
    for (method, want) in [
        (Ddf::Satterthwaite, &case.satterthwaite),
        (Ddf::Containment, &case.containment),
    ] {
        let df_tol = if method == Ddf::Containment {
            0.0
        } else {
            1e-4
        };
        let (fitted, inference) = fit
            .clone()
            .with_ddf(&formula, &frame, method, level)
            .unwrap();
        let inference = inference.unwrap();
        assert_eq!(fitted.fixed.len(), want.fixed.len());
        for (f, (df, p)) in fitted.fixed.iter().zip(want.fixed) {
            close(
                &format!("{method:?} {} df", f.term),
                f.df.unwrap(),
                *df,
                df_tol,
            );
            close_p(&format!("{method:?} {} p", f.term), f.p.unwrap(), *p);
        }
        let rows = anova(&formula, &frame, &inference).unwrap();
        assert_eq!(rows.len(), want.anova.len());
        for (r, (term, f, num_df, den_df, p)) in rows.iter().zip(want.anova) {
            assert_eq!((r.term.as_str(), r.num_df), (*term, *num_df));
            close(&format!("{method:?} anova {term} F"), r.f, *f, 1e-6);
            close(
                &format!("{method:?} anova {term} den_df"),
                r.den_df,
                *den_df,
                df_tol,
            );
            close_p(&format!("{method:?} anova {term} p"), r.p, *p);
        }
        let (means, differences) =
            emmeans(&formula, &frame, &inference, "arm", &at, level).unwrap();
        for (m, df) in means.iter().zip(want.means_df) {
            close(&format!("{method:?} mean {} df", m.level), m.df, df, df_tol);
        }
        let d = &differences[0];
        assert_eq!(d.contrast, "drug - placebo");
        close(
            &format!("{method:?} difference df"),
            d.df,
            want.difference.0,
            df_tol,
        );
        close_p(&format!("{method:?} difference p"), d.p, want.difference.1);
    }
}

#[test]
fn random_intercept_with_ar1_reml() {
    // lme(score ~ visit * arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
    //     data = d_ar1, method = "REML", control = ctrl); at visit = 3
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ visit * arm + (1 | id)",
        residual: "ar1(visit | id)",
        reml: true,
        at: &[("visit", "3")],
        satterthwaite: Expected {
            fixed: &[
                (95.6767731926825, 4.97335105856064e-68),
                (90.7187671206894, 3.43595356425846e-15),
                (95.7813472467694, 0.531453582593726),
                (93.8699417789702, 0.000780001828489817),
            ],
            anova: &[
                (
                    "visit",
                    92.4890901461578,
                    1.0,
                    93.8699417813492,
                    1.21285722905171e-15,
                ),
                (
                    "arm",
                    0.39447040320364,
                    1.0,
                    95.7813472467693,
                    0.531453582593706,
                ),
                (
                    "visit:arm",
                    12.06231786798742,
                    1.0,
                    93.86994177897019,
                    0.00078000182848983,
                ),
            ],
            means_df: [79.2946302826168, 80.8231433390471],
            difference: (80.0594684012702, 0.369624827700178),
        },
        containment: Expected {
            fixed: &[
                (359.0, 7.4327675643903e-156),
                (359.0, 3.97418934431727e-19),
                (78.0, 0.531793544673393),
                (359.0, 0.000577346734492966),
            ],
            anova: &[
                ("visit", 92.4890901461578, 1.0, 359.0, 1.24190406753962e-19),
                ("arm", 0.39447040320364, 1.0, 78.0, 0.531793544673373),
                (
                    "visit:arm",
                    12.0623178679874,
                    1.0,
                    359.0,
                    0.000577346734492977,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.369696075823476),
        },
    });
}

#[test]
fn random_intercept_with_ar1_ml() {
    // the same with method = "ML"
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ visit * arm + (1 | id)",
        residual: "ar1(visit | id)",
        reml: false,
        at: &[("visit", "3")],
        satterthwaite: Expected {
            fixed: &[
                (98.2403162994434, 8.58642467060749e-70),
                (93.4622819455583, 1.567738350025e-15),
                (98.3512314652745, 0.52886222967402),
                (96.6723615934894, 0.000694900958176343),
            ],
            anova: &[
                (
                    "visit",
                    94.6936790818741,
                    1.0,
                    96.6723615878755,
                    5.27050157853922e-16,
                ),
                (
                    "arm",
                    0.399406585191236,
                    1.0,
                    98.35123146527445,
                    0.528862229674,
                ),
                (
                    "visit:arm",
                    12.2816840077426,
                    1.0,
                    96.6723615934894,
                    0.000694900958176355,
                ),
            ],
            means_df: [81.3424356847756, 82.9157508076181],
            difference: (82.1296588021204, 0.362631779472535),
        },
        containment: Expected {
            fixed: &[
                (359.0, 1.41024130032457e-157),
                (359.0, 1.74945483947545e-19),
                (78.0, 0.52924394091705),
                (359.0, 0.000515287770314017),
            ],
            anova: &[
                ("visit", 94.6936790818741, 1.0, 359.0, 5.1334268060578e-20),
                ("arm", 0.399406585191236, 1.0, 78.0, 0.52924394091703),
                (
                    "visit:arm",
                    12.2816840077426,
                    1.0,
                    359.0,
                    0.000515287770314028,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.362773245145426),
        },
    });
}

#[test]
fn random_intercept_and_slope_with_ar1() {
    // lme(score ~ visit * arm, random = ~ visit | id, correlation = corAR1(form = ~ visit |
    //     id), data = d_ar1, method = "REML", control = ctrl)
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ visit * arm + (visit | id)",
        residual: "ar1(visit | id)",
        reml: true,
        at: &[("visit", "3")],
        satterthwaite: Expected {
            fixed: &[
                (77.9133717024125, 3.22838153923837e-61),
                (71.4378176780772, 2.13768365302593e-13),
                (78.0297643232742, 0.530050727021816),
                (75.1052556081697, 0.00133284941112014),
            ],
            anova: &[
                (
                    "visit",
                    83.7406586686792,
                    1.0,
                    75.1052555945014,
                    7.59762968135966e-14,
                ),
                (
                    "arm",
                    0.397838589769428,
                    1.0,
                    78.02976432327412,
                    0.530050727021795,
                ),
                (
                    "visit:arm",
                    11.113649317417773,
                    1.0,
                    75.1052556081697,
                    0.00133284941112016,
                ),
            ],
            means_df: [77.6132532040435, 78.8545943926563],
            difference: (78.2350731887984, 0.356281489369166),
        },
        containment: Expected {
            fixed: &[
                (359.0, 7.1861464898479e-165),
                (359.0, 1.24203071128584e-17),
                (78.0, 0.530051428725268),
                (359.0, 0.000946245686925438),
            ],
            anova: &[
                ("visit", 83.7406586686792, 1.0, 359.0, 4.32831071749229e-18),
                ("arm", 0.397838589769428, 1.0, 78.0, 0.530051428725246),
                (
                    "visit:arm",
                    11.1136493174178,
                    1.0,
                    359.0,
                    0.000946245686925454,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.356290064644308),
        },
    });
}

#[test]
fn random_intercept_with_car1() {
    // lme(score ~ month * arm, random = ~ 1 | id, correlation = corCAR1(form = ~ month | id),
    //     data = d_car1, method = "REML", control = ctrl); at month = 9
    check(&Case {
        file: "visits_car1.csv",
        formula: "score ~ month * arm + (1 | id)",
        residual: "car1(month | id)",
        reml: true,
        at: &[("month", "9")],
        satterthwaite: Expected {
            fixed: &[
                (96.0417524806068, 3.68870321577819e-68),
                (91.3004879250386, 4.21265510272738e-15),
                (95.8651705809689, 0.523550510552557),
                (93.4373420147505, 0.000698184304669765),
            ],
            anova: &[
                (
                    "month",
                    91.6407856039514,
                    1.0,
                    93.4373420059818,
                    1.57002790934548e-15,
                ),
                (
                    "arm",
                    0.409894186835631,
                    1.0,
                    95.86517058096892,
                    0.523550510552556,
                ),
                (
                    "month:arm",
                    12.299982515744,
                    1.0,
                    93.4373420147505,
                    0.000698184304669765,
                ),
            ],
            means_df: [79.2778339503124, 80.7188760036564],
            difference: (79.9987601223603, 0.369767922242914),
        },
        containment: Expected {
            fixed: &[
                (359.0, 1.07309477252091e-155),
                (359.0, 6.00224804453466e-19),
                (78.0, 0.523899512497337),
                (359.0, 0.000510427345711087),
            ],
            anova: &[
                ("month", 91.6407856039514, 1.0, 359.0, 1.74682250057324e-19),
                ("arm", 0.409894186835631, 1.0, 78.0, 0.523899512497336),
                (
                    "month:arm",
                    12.299982515744,
                    1.0,
                    359.0,
                    0.000510427345711087,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.369837100348873),
        },
    });
}

#[test]
fn random_slope_with_compound_symmetry_reml() {
    // lme(score ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~
    //     visit | id), data = d_cs, method = "REML", control = ctrl), Satterthwaite at the
    //     optimum one Newton step from where nlme stops (its gradient there is about 1e-3)
    check(&Case {
        file: "visits_cs.csv",
        formula: "score ~ visit * arm + (0 + visit | id)",
        residual: "cs(visit | id)",
        reml: true,
        at: &[("visit", "3")],
        satterthwaite: Expected {
            fixed: &[
                (83.1157433887916, 1.82095951527126e-70),
                (82.2936855127808, 3.75858536737535e-11),
                (82.9614063418712, 0.516120342631585),
                (81.0545400845267, 0.00362077946644656),
            ],
            anova: &[
                (
                    "visit",
                    62.225018438437,
                    1.0,
                    81.0545400839667,
                    1.24172834618458e-11,
                ),
                (
                    "arm",
                    0.425272994802205,
                    1.0,
                    82.96140634187121,
                    0.516120342631587,
                ),
                (
                    "visit:arm",
                    8.980287936820284,
                    1.0,
                    81.05454008452668,
                    0.00362077946644656,
                ),
            ],
            means_df: [107.016707575928, 105.727857148859],
            difference: (106.372994674793, 0.0125676431582156),
        },
        containment: Expected {
            fixed: &[
                (358.0, 6.36195057869032e-190),
                (358.0, 2.20383058378925e-13),
                (78.0, 0.51623474307645),
                (358.0, 0.00291943048471961),
            ],
            anova: &[
                ("visit", 62.225018438437, 1.0, 358.0, 3.75465445237607e-14),
                ("arm", 0.425272994802205, 1.0, 78.0, 0.516234743076452),
                (
                    "visit:arm",
                    8.98028793682028,
                    1.0,
                    358.0,
                    0.00291943048471962,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.013110801900555),
        },
    });
}

#[test]
fn random_slope_with_compound_symmetry_ml() {
    // the same with method = "ML"
    check(&Case {
        file: "visits_cs.csv",
        formula: "score ~ visit * arm + (0 + visit | id)",
        residual: "cs(visit | id)",
        reml: false,
        at: &[("visit", "3")],
        satterthwaite: Expected {
            fixed: &[
                (85.4975274029097, 2.26180181719629e-72),
                (84.6378401256883, 2.14343208983687e-11),
                (85.3366065563992, 0.510798536916655),
                (83.3716157386541, 0.0032230985430608),
            ],
            anova: &[
                (
                    "visit",
                    63.7160511217813,
                    1.0,
                    83.3716157416862,
                    6.87696323141582e-12,
                ),
                (
                    "arm",
                    0.43608132372124,
                    1.0,
                    85.33660655639927,
                    0.510798536916658,
                ),
                (
                    "visit:arm",
                    9.201669835620576,
                    1.0,
                    83.3716157386541,
                    0.0032230985430608,
                ),
            ],
            means_df: [109.296655234489, 107.9617130429],
            difference: (108.629947786897, 0.0113377093050281),
        },
        containment: Expected {
            fixed: &[
                (358.0, 1.16962527472933e-191),
                (358.0, 1.19976084639081e-13),
                (78.0, 0.510965435625063),
                (358.0, 0.00259446704638344),
            ],
            anova: &[
                ("visit", 63.7160511217813, 1.0, 358.0, 1.97244833387719e-14),
                ("arm", 0.43608132372124, 1.0, 78.0, 0.510965435625066),
                (
                    "visit:arm",
                    9.20166983562058,
                    1.0,
                    358.0,
                    0.00259446704638344,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.0118833715273073),
        },
    });
}

#[test]
fn compound_symmetry_with_a_negative_correlation() {
    // lme(rating ~ visit * arm, random = ~ 0 + visit | id, correlation = corCompSymm(form = ~
    //     visit | id), data = d_cs, method = "REML", control = ctrl)
    check(&Case {
        file: "visits_cs.csv",
        formula: "rating ~ visit * arm + (0 + visit | id)",
        residual: "cs(visit | id)",
        reml: true,
        at: &[("visit", "3")],
        satterthwaite: Expected {
            fixed: &[
                (164.832947024698, 6.19305941809793e-179),
                (152.766346680791, 1.30821796552785e-12),
                (162.469536984366, 0.813182439526992),
                (151.589240370507, 0.000343162716833418),
            ],
            anova: &[
                (
                    "visit",
                    54.5725919939624,
                    1.0,
                    151.58924037233,
                    9.34048534779594e-12,
                ),
                (
                    "arm",
                    0.0560301085892756,
                    1.0,
                    162.46953698436698,
                    0.8131824395269833,
                ),
                (
                    "visit:arm",
                    13.4221158896099,
                    1.0,
                    151.589240370507,
                    0.000343162716833418,
                ),
            ],
            means_df: [82.6149728038885, 80.0074338552402],
            difference: (81.3209762040034, 2.36606352473589e-05),
        },
        containment: Expected {
            fixed: &[
                (358.0, 0.0),
                (358.0, 1.06786085416135e-13),
                (78.0, 0.813504799277311),
                (358.0, 0.000286250189718692),
            ],
            anova: &[
                ("visit", 54.5725919939624, 1.0, 358.0, 1.06382212144339e-12),
                ("arm", 0.0560301085892756, 1.0, 78.0, 0.8135047992773023),
                (
                    "visit:arm",
                    13.4221158896099,
                    1.0,
                    358.0,
                    0.000286250189718691,
                ),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 2.47060700986025e-05),
        },
    });
}

#[test]
fn a_term_of_five_rows() {
    // lme(score ~ fvisit + arm, random = ~ 1 | id, correlation = corAR1(form = ~ visit | id),
    //     data = d_ar1, method = "REML", control = ctrl) with fvisit = factor(visit): the F
    //     test of fvisit has 5 rows; the means average over the visits
    check(&Case {
        file: "visits_ar1.csv",
        formula: "score ~ factor(visit) + arm + (1 | id)",
        residual: "ar1(visit | id)",
        reml: true,
        at: &[],
        satterthwaite: Expected {
            fixed: &[
                (89.4620355430528, 4.94020864281968e-65),
                (336.6420437136627, 0.0112074077776357),
                (310.8728180827966, 1.84774325265408e-06),
                (198.897221542561, 2.32096098145736e-11),
                (134.616572973853, 2.03032881863755e-13),
                (96.1029776466878, 1.36585697126017e-14),
                (78.2118910875909, 0.604874740588598),
            ],
            anova: &[
                (
                    "visit",
                    17.6988826381124,
                    5.0,
                    204.229349007035,
                    1.47404431006224e-14,
                ),
                (
                    "arm",
                    0.269886986284746,
                    1.0,
                    78.21189108759081,
                    0.604874740588622,
                ),
            ],
            means_df: [78.4147117355522, 79.1049653755209],
            difference: (78.2118910875909, 0.604874740588598),
        },
        containment: Expected {
            fixed: &[
                (356.0, 2.31292726633508e-155),
                (356.0, 0.0111831704868655),
                (356.0, 1.74644545011338e-06),
                (356.0, 7.37205166792957e-12),
                (356.0, 5.58312629006127e-15),
                (356.0, 7.33959835703802e-18),
                (78.0, 0.604878717945758),
            ],
            anova: &[
                ("visit", 17.6988826381124, 5.0, 356.0, 1.14176979220899e-15),
                ("arm", 0.269886986284746, 1.0, 78.0, 0.604878717945782),
            ],
            means_df: [79.0, 78.0],
            difference: (78.0, 0.604878717945758),
        },
    });
}
