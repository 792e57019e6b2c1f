//! Small-sample inference of `trialstats lmm` against lmerTest 3.1.3 (Satterthwaite df, type
//! III anova), pbkrtest 0.5.2 (Kenward–Roger df and adjusted SEs) and emmeans 1.8.4.1, on
//! lme4 1.1.31 fits (R 4.2.2) of data sets in tests/data. The R calls are in
//! `benches/lmm_ddf_reference.R`; its printout, with 17 digits, is
//! `tests/data/lmm_ddf_reference_output.txt`, from which every number below is copied.
//!
//! Tolerances (the issue's): estimates and SEs 1e-6 relative, df 1e-4 absolute, F 1e-6
//! relative; p-values 1e-4 relative, because a p of 1e-40 on 55 df moves by 2e-5 of itself
//! when the df move by 1e-5 (both fits stop at optima equal to about 1e-8, and lmerTest's
//! numerical derivatives agree with the exact ones here to about 1e-7).

use std::path::PathBuf;
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::anova::anova;
use trialstats::lmm::emmeans::emmeans;
use trialstats::lmm::inference::{Ddf, FixedInference};
use trialstats::lmm::{FittedModel, Formula, Frame, LmmFit, fit_csv_with_frame};

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

fn rel(what: &str, got: f64, want: f64, tol: f64) {
    let err = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        err <= tol,
        "{what}: got {got:.12e}, R {want:.12e}, relative error {err:.1e} > {tol:.0e}"
    );
}

fn abs(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:.10}, R {want:.10} (difference {:.1e} > {tol:.0e})",
        (got - want).abs()
    );
}

struct Model {
    fit: LmmFit,
    inference: FixedInference,
    formula: Formula,
    frame: Frame,
}

fn model(file: &str, formula: &str, reml: bool, ddf: Ddf) -> Model {
    let (fit, frame) = fit_csv_with_frame(&data(file), formula, reml).expect("fits");
    let formula = Formula::parse(formula).unwrap();
    let (fit, inference) = fit
        .with_ddf(&formula, &frame, ddf, ConfidenceLevel::NINETY_FIVE)
        .expect("inference");
    Model {
        fit,
        inference: inference.expect("a method was asked"),
        formula,
        frame,
    }
}

/// `(term, estimate, se, df, p)` as `coef(summary(m, ddf = ...))` prints them.
type Coef = (&'static str, f64, f64, f64, f64);

impl Model {
    fn check_fixed(&self, want: &[Coef]) {
        assert_eq!(self.fit.fixed.len(), want.len());
        for (f, &(term, est, se, df, p)) in self.fit.fixed.iter().zip(want) {
            assert_eq!(f.term, term);
            rel(&format!("{term} estimate"), f.estimate, est, 1e-6);
            rel(&format!("{term} se"), f.se, se, 1e-6);
            abs(&format!("{term} df"), f.df.unwrap(), df, 1e-4);
            rel(&format!("{term} p"), f.p.unwrap(), p, 1e-4);
            // estimate ∓ qt(0.975, df) · se, as the R script prints it.
            let half = trialstats::dist::qt(0.975, df) * se;
            rel(
                &format!("{term} ci_lower"),
                f.ci_lower.unwrap(),
                est - half,
                1e-6,
            );
            rel(
                &format!("{term} ci_upper"),
                f.ci_upper.unwrap(),
                est + half,
                1e-6,
            );
        }
    }

    /// `(term, F, NumDF, DenDF, p)` as `anova(m, type = 3, ddf = ...)` prints them.
    fn check_anova(&self, want: &[(&str, f64, f64, f64, f64)]) {
        let rows = anova(&self.formula, &self.frame, &self.inference).unwrap();
        assert_eq!(rows.len(), want.len());
        for (r, &(term, f, num, den, p)) in rows.iter().zip(want) {
            assert_eq!(r.term, term);
            rel(&format!("{term} F"), r.f, f, 1e-6);
            assert_eq!(r.num_df, num);
            abs(&format!("{term} DenDF"), r.den_df, den, 1e-4);
            rel(&format!("{term} p"), r.p, p, 1e-4);
        }
    }

    /// emmeans' `summary(e, infer = TRUE)` `(level, emmean, SE, df)` and
    /// `summary(pairs(e, adjust = "none"), infer = TRUE)` `(contrast, estimate, SE, df, p)`.
    fn check_emmeans(
        &self,
        variable: &str,
        at: &[(&str, &[&str])],
        means: &[(&str, f64, f64, f64)],
        pairs: &[(&str, f64, f64, f64, f64)],
    ) {
        let at: Vec<(String, Vec<String>)> = at
            .iter()
            .map(|(v, vals)| (v.to_string(), vals.iter().map(|s| s.to_string()).collect()))
            .collect();
        let (m, c) = emmeans(
            &self.formula,
            &self.frame,
            &self.inference,
            variable,
            &at,
            ConfidenceLevel::NINETY_FIVE,
        )
        .unwrap();
        assert_eq!(m.len(), means.len());
        for (g, &(level, est, se, df)) in m.iter().zip(means) {
            assert_eq!(g.level, level);
            rel(&format!("emmean {level} {}", g.at), g.estimate, est, 1e-6);
            rel(&format!("emmean SE {level} {}", g.at), g.se, se, 1e-6);
            abs(&format!("emmean df {level} {}", g.at), g.df, df, 1e-4);
            let half = trialstats::dist::qt(0.975, df) * se;
            rel("emmean lower.CL", g.ci_lower, est - half, 1e-6);
        }
        assert_eq!(c.len(), pairs.len());
        for (g, &(name, est, se, df, p)) in c.iter().zip(pairs) {
            assert_eq!(g.contrast, name);
            rel(&format!("{name} {} estimate", g.at), g.estimate, est, 1e-6);
            rel(&format!("{name} {} SE", g.at), g.se, se, 1e-6);
            abs(&format!("{name} {} df", g.at), g.df, df, 1e-4);
            rel(&format!("{name} {} p", g.at), g.p, p, 1e-4);
        }
    }
}

const SLEEP: (&str, &str) = ("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)");
const TRIAL: (&str, &str) = ("trial_arms.csv", "alsfrs ~ month * arm + (month | patient)");
const VISITS: (&str, &str) = ("visits.csv", "score ~ site * sex + week + (1 | id)");

#[test]
fn sleepstudy_satterthwaite_reml_and_ml() {
    // ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    // m <- lmer(Reaction ~ Days + (Days | Subject), ss); coef(summary(m, ddf = "Satterthwaite"))
    let m = model(SLEEP.0, SLEEP.1, true, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            251.405104848484939,
            6.8245563651776529,
            17.000000939649702,
            1.1708851558823648e-17,
        ),
        (
            "Days",
            10.467285959595619,
            1.5457887992631254,
            17.000002783050181,
            3.2637826691113168e-06,
        ),
    ]);
    // anova(m, type = 3)
    m.check_anova(&[(
        "Days",
        45.8530116654007,
        1.0,
        17.000002783050181,
        3.2637826691113168e-06,
    )]);
    // the same with REML = FALSE
    let m = model(SLEEP.0, SLEEP.1, false, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            251.405104848485252,
            6.6322771479874856,
            17.999997449787362,
            1.2667639775830933e-18,
        ),
        (
            "Days",
            10.467285959595868,
            1.5022367662221978,
            18.000000467414910,
            1.6524142296418713e-06,
        ),
    ]);
    m.check_anova(&[(
        "Days",
        48.550242590663146,
        1.0,
        18.00000046741491,
        1.6524142296418713e-06,
    )]);
}

#[test]
fn sleepstudy_kenward_roger() {
    // coef(summary(m, ddf = "Kenward-Roger")); anova(m, type = 3, ddf = "Kenward-Roger")
    let m = model(SLEEP.0, SLEEP.1, true, Ddf::KenwardRoger);
    m.check_fixed(&[
        (
            "(Intercept)",
            251.405104848484939,
            6.8245563651776475,
            16.999999999999897,
            1.1708870598517790e-17,
        ),
        (
            "Days",
            10.467285959595619,
            1.5457887992631241,
            16.999999999999858,
            3.2637854824669164e-06,
        ),
    ]);
    m.check_anova(&[(
        "Days",
        45.853011665400786,
        1.0,
        16.999999999999858,
        3.2637854824669164e-06,
    )]);
}

#[test]
fn three_arm_trial_satterthwaite_anova_and_emmeans() {
    // tr <- read.csv("trial_arms.csv"); m <- lmer(alsfrs ~ month * arm + (month | patient), tr)
    let m = model(TRIAL.0, TRIAL.1, true, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            39.70836746687172081,
            1.098353285931983114,
            55.142405848340154,
            4.3484754059772972e-40,
        ),
        (
            "month",
            -0.43886017664528659,
            0.081187390394417747,
            52.730285339302696,
            1.5879390933586087e-06,
        ),
        (
            "armlow",
            -0.30239320974539458,
            1.623517605766696903,
            55.925835728770487,
            8.5291638381133972e-01,
        ),
        (
            "armplacebo",
            1.08222545061532172,
            1.563264026574651133,
            56.264167165984240,
            4.9160523196769734e-01,
        ),
        (
            "month:armlow",
            -0.16631246503038413,
            0.119737843650349549,
            53.189746262124217,
            1.7062981945190064e-01,
        ),
        (
            "month:armplacebo",
            -0.41874219351804276,
            0.115654956250276900,
            53.608851481156698,
            6.5232314502404389e-04,
        ),
    ]);
    // anova(m, type = 3): month is tested at the average slope (it is contained in month:arm)
    m.check_anova(&[
        (
            "month",
            171.20755046324595128,
            1.0,
            53.599880679075589,
            2.5419388870968261e-18,
        ),
        (
            "arm",
            0.41116431506082357,
            2.0,
            56.374509081072524,
            6.6484964741019881e-01,
        ),
        (
            "month:arm",
            6.62669331088612701,
            2.0,
            53.595061574223813,
            2.6812250228489811e-03,
        ),
    ]);
    // e <- emmeans(m, ~ arm, at = list(month = 9), lmer.df = "satterthwaite")
    // summary(e, infer = TRUE); summary(pairs(e, adjust = "none"), infer = TRUE)
    m.check_emmeans(
        "arm",
        &[("month", &["9"])],
        &[
            (
                "high",
                35.758625877064141,
                1.0154465422195538,
                58.045459908268100,
            ),
            (
                "low",
                33.959420482045289,
                1.0939379446526289,
                57.553832044725638,
            ),
            (
                "placebo",
                33.072171586017078,
                1.0129187239951112,
                57.556499050986325,
            ),
        ],
        &[
            (
                "high - low",
                1.79920539501885179,
                1.4925923444988138,
                57.780727868057078,
                0.232953434385221730,
            ),
            (
                "high - placebo",
                2.68645429104706324,
                1.4342719482460542,
                57.800891015962513,
                0.066122123407222844,
            ),
            (
                "low - placebo",
                0.88724889602821144,
                1.4908737599712132,
                57.555123154904209,
                0.554095969403556099,
            ),
        ],
    );
    // emmeans(m, ~ arm | month, at = list(month = c(3, 9)), lmer.df = "satterthwaite")
    m.check_emmeans(
        "arm",
        &[("month", &["3", "9"])],
        &[
            (
                "high",
                38.391786936935858,
                1.0145534936039295,
                55.872108109898555,
            ),
            (
                "low",
                37.590456332099315,
                1.1011037190418813,
                56.845245934951699,
            ),
            (
                "placebo",
                38.217785806997057,
                1.0221644942726216,
                57.329942892096973,
            ),
            (
                "high",
                35.758625877064141,
                1.0154465422195538,
                58.045459908268100,
            ),
            (
                "low",
                33.959420482045289,
                1.0939379446526289,
                57.553832044725638,
            ),
            (
                "placebo",
                33.072171586017078,
                1.0129187239951112,
                57.556499050986325,
            ),
        ],
        &[
            (
                "high - low",
                0.80133060483654694,
                1.4972468705834054,
                56.395544356793629,
                0.594613916841251200,
            ),
            (
                "high - placebo",
                0.17400112993880645,
                1.4401871561486523,
                56.600184632583066,
                0.904262750071243682,
            ),
            (
                "low - placebo",
                -0.62732947489774049,
                1.5024146077030356,
                57.068995013516748,
                0.677844752180657650,
            ),
            (
                "high - low",
                1.79920539501885179,
                1.4925923444988138,
                57.780727868057078,
                0.232953434385221730,
            ),
            (
                "high - placebo",
                2.68645429104706324,
                1.4342719482460542,
                57.800891015962513,
                0.066122123407222844,
            ),
            (
                "low - placebo",
                0.88724889602821144,
                1.4908737599712132,
                57.555123154904209,
                0.554095969403556099,
            ),
        ],
    );
}

#[test]
fn three_arm_trial_kenward_roger_anova_and_emmeans() {
    let m = model(TRIAL.0, TRIAL.1, true, Ddf::KenwardRoger);
    // coef(summary(m, ddf = "Kenward-Roger")): the SEs are pbkrtest's adjusted ones
    m.check_fixed(&[
        (
            "(Intercept)",
            39.70836746687172081,
            1.098798693319523734,
            55.372219787341805,
            3.4259604602453992e-40,
        ),
        (
            "month",
            -0.43886017664528659,
            0.081347534137517372,
            53.065789357461696,
            1.6249743031889463e-06,
        ),
        (
            "armlow",
            -0.30239320974539458,
            1.624338370870250126,
            56.157399985859627,
            8.5298706320537354e-01,
        ),
        (
            "armplacebo",
            1.08222545061532172,
            1.564254098276757432,
            56.496734440135008,
            4.9186661472202908e-01,
        ),
        (
            "month:armlow",
            -0.16631246503038413,
            0.119982528049513149,
            53.524220622642495,
            1.7145221109931130e-01,
        ),
        (
            "month:armplacebo",
            -0.41874219351804276,
            0.115923407830212488,
            53.945343393725679,
            6.6662628900262676e-04,
        ),
    ]);
    // anova(m, type = 3, ddf = "Kenward-Roger")
    m.check_anova(&[
        (
            "month",
            170.4426064767195612,
            1.0,
            53.935280380505183,
            2.4854744364566294e-18,
        ),
        (
            "arm",
            0.4105551039225474,
            2.0,
            56.608382204818469,
            6.6524092127641143e-01,
        ),
        (
            "month:arm",
            6.5955408632760513,
            2.0,
            53.931130828900010,
            2.7387368512862987e-03,
        ),
    ]);
    // emmeans(m, ~ arm, at = list(month = 9), lmer.df = "kenward-roger")
    m.check_emmeans(
        "arm",
        &[("month", &["9"])],
        &[
            (
                "high",
                35.758625877064141,
                1.0156797780602300,
                57.243467903676489,
            ),
            (
                "low",
                33.959420482045289,
                1.0940847403852183,
                56.758453507985728,
            ),
            (
                "placebo",
                33.072171586017078,
                1.0131026258387470,
                56.762688999671582,
            ),
        ],
        &[
            (
                "high - low",
                1.79920539501885179,
                1.4928586104197104,
                56.982294599235551,
                0.233104270874366498,
            ),
            (
                "high - placebo",
                2.68645429104706324,
                1.4345669527916227,
                57.002992738177078,
                0.066247311115934682,
            ),
            (
                "low - placebo",
                0.88724889602821144,
                1.4911064179411055,
                56.760466376134396,
                0.554190164250014439,
            ),
        ],
    );
}

#[test]
fn three_arm_trial_ml_satterthwaite() {
    // lmer(alsfrs ~ month * arm + (month | patient), tr, REML = FALSE)
    let m = model(TRIAL.0, TRIAL.1, false, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            39.71115496848045012,
            1.069598892583841776,
            57.986299068358086,
            4.0921229173311021e-42,
        ),
        (
            "month",
            -0.43888660332997476,
            0.078969479776475476,
            55.619448132313238,
            8.0115514826371194e-07,
        ),
        (
            "armlow",
            -0.30524266136167805,
            1.581264906298316175,
            58.841807288883729,
            8.4759473696956378e-01,
        ),
        (
            "armplacebo",
            1.06912934314856911,
            1.522640490413984971,
            59.197988268881154,
            4.8533435466819841e-01,
        ),
        (
            "month:armlow",
            -0.16552614548678524,
            0.116480673778296462,
            56.104523022107031,
            1.6083354062204494e-01,
        ),
        (
            "month:armplacebo",
            -0.41713497495900076,
            0.112518041851552494,
            56.530374290768897,
            4.7887198734431716e-04,
        ),
    ]);
    m.check_anova(&[
        (
            "month",
            180.44427492331200824,
            1.0,
            56.526901789961627,
            3.0793608624949729e-19,
        ),
        (
            "arm",
            0.42564793881171725,
            2.0,
            59.322953326261235,
            6.5532578827041044e-01,
        ),
        (
            "month:arm",
            6.94794287596154092,
            2.0,
            56.521499058111942,
            2.0047169271949061e-03,
        ),
    ]);
}

#[test]
fn visits_two_factor_interaction_both_methods() {
    // vi <- read.csv("visits.csv"); vi$id <- factor(vi$id)
    // m <- lmer(score ~ site * sex + week + (1 | id), vi)
    let m = model(VISITS.0, VISITS.1, true, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            7.76408820151227186,
            1.3018568655232219,
            35.594459930329243,
            8.0965944720901440e-07,
        ),
        (
            "sitenorth",
            3.45144463905504928,
            1.7280880351837986,
            34.108356210837961,
            5.3824383314353894e-02,
        ),
        (
            "sitesouth",
            3.42318593917620495,
            1.5809631915238160,
            34.400786530777673,
            3.7392035466220788e-02,
        ),
        (
            "sexM",
            2.51252890410882523,
            1.5264296552944512,
            34.329029776176860,
            1.0888667746407373e-01,
        ),
        (
            "week",
            0.19910624548463668,
            0.0166628642407609,
            139.585885652780632,
            4.1606217338296091e-23,
        ),
        (
            "sitenorth:sexM",
            -0.80003140668556949,
            2.1153909050663877,
            34.044897011047119,
            7.0763333841346476e-01,
        ),
        (
            "sitesouth:sexM",
            0.11776086058027645,
            2.1152483297215028,
            34.041845876142446,
            9.5592829669491586e-01,
        ),
    ]);
    m.check_anova(&[
        (
            "site",
            6.35682082408858484,
            2.0,
            33.971278329590881,
            4.5173353170897866e-03,
        ),
        (
            "sex",
            7.09949699118446897,
            1.0,
            33.949827051977536,
            1.1711573670828493e-02,
        ),
        (
            "week",
            142.78101144174755177,
            1.0,
            139.585885652780661,
            4.1606217338438666e-23,
        ),
        (
            "site:sex",
            0.11531108529369247,
            2.0,
            33.933229923521260,
            8.9143656072755340e-01,
        ),
    ]);
    // emmeans(m, ~ site, lmer.df = "satterthwaite"): sex averaged, week at its mean
    m.check_emmeans(
        "site",
        &[],
        &[
            (
                "east",
                10.824613181469600,
                0.76333643471424895,
                34.351849818352903,
            ),
            (
                "north",
                13.876042117181864,
                0.73264070261637715,
                33.806050340708566,
            ),
            (
                "south",
                14.306679550935943,
                0.73199302835178282,
                33.704941047978430,
            ),
        ],
        &[
            (
                "east - north",
                -3.05142893571226459,
                1.0583543400490516,
                34.128927064010661,
                0.0067684895210599451,
            ),
            (
                "east - south",
                -3.48206636946634296,
                1.0575744781472955,
                34.037796661238083,
                0.0023206371153218076,
            ),
            (
                "north - south",
                -0.43063743375407865,
                1.0356806220742185,
                33.759105466573104,
                0.6801867052775667499,
            ),
        ],
    );
    // emmeans(m, ~ sex | site, at = list(site = "north", week = 10), lmer.df = "satterthwaite")
    m.check_emmeans(
        "sex",
        &[("site", &["north"]), ("week", &["10"])],
        &[
            (
                "F",
                13.206595295413688,
                1.14820767920985278,
                33.652295371166183,
            ),
            (
                "M",
                14.919092792836944,
                0.91081064211318752,
                34.127243357152160,
            ),
        ],
        &[(
            "F - M",
            -1.7124974974232559,
            1.4645231893026256,
            33.739445285554233,
            0.25046928895028964,
        )],
    );
    let m = model(VISITS.0, VISITS.1, true, Ddf::KenwardRoger);
    m.check_fixed(&[
        (
            "(Intercept)",
            7.76408820151227186,
            1.301934793968866799,
            35.592271541965751,
            8.1072734412042385e-07,
        ),
        (
            "sitenorth",
            3.45144463905504928,
            1.728199726297675376,
            34.106236281210244,
            5.3839558745350707e-02,
        ),
        (
            "sitesouth",
            3.42318593917620495,
            1.581075268258918198,
            34.398652973687511,
            3.7405150878537567e-02,
        ),
        (
            "sexM",
            2.51252890410882523,
            1.526519510928758372,
            34.326899540517800,
            1.0890730156791859e-01,
        ),
        (
            "week",
            0.19910624548463668,
            0.016674266522286537,
            139.583894070334622,
            4.3686817637326576e-23,
        ),
        (
            "sitenorth:sexM",
            -0.80003140668556949,
            2.115514710595270742,
            34.042780089443966,
            7.0764977258304063e-01,
        ),
        (
            "sitesouth:sexM",
            0.11776086058027645,
            2.115359553137365012,
            34.039729098440780,
            9.5593063163512548e-01,
        ),
    ]);
    m.check_anova(&[
        (
            "site",
            6.35612307684363476,
            2.0,
            33.969429718318167,
            4.5198199012059740e-03,
        ),
        (
            "sex",
            7.09876096518259558,
            1.0,
            33.947714606229468,
            1.1715806055477798e-02,
        ),
        (
            "week",
            142.58580373732777957,
            1.0,
            139.583894070334622,
            4.3686817637475041e-23,
        ),
        (
            "site:sex",
            0.11529898564461064,
            2.0,
            33.931387720691461,
            8.9144729284453750e-01,
        ),
    ]);
    // emmeans(m, ~ site, lmer.df = "kenward-roger"); summary(pairs(e, adjust = "none"), infer = TRUE)
    // (emmeans 1.8.4.1, pbkrtest 0.5.2): the second data set for KR-adjusted means and contrasts
    m.check_emmeans(
        "site",
        &[],
        &[
            (
                "east",
                10.824613181469600,
                0.76338064539925232,
                34.349718523585231,
            ),
            (
                "north",
                13.876042117181864,
                0.73268475554128976,
                33.803944683136962,
            ),
            (
                "south",
                14.306679550935943,
                0.73202347901726017,
                33.702840150818332,
            ),
        ],
        &[
            (
                "east - north",
                -3.05142893571226459,
                1.0584172369310239,
                34.126806218719608,
                0.0067716382927199828,
            ),
            (
                "east - south",
                -3.48206636946634296,
                1.0576275403494628,
                34.035680075764276,
                0.0023217706754882321,
            ),
            (
                "north - south",
                -0.43063743375407865,
                1.0357333486114388,
                33.757002017932138,
                0.6802022089149912798,
            ),
        ],
    );
}

#[test]
fn uncorrelated_random_slopes_both_methods() {
    // lmer(score ~ week * sex + (week || id), vi)
    let f = "score ~ week * sex + (week || id)";
    let m = model(VISITS.0, f, true, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            10.897411820921785619,
            0.645643515171712701,
            41.347938834748348,
            3.7423770675633542e-20,
        ),
        (
            "week",
            0.145315783555231670,
            0.034518688026294340,
            36.088043690841594,
            1.6215610976992877e-04,
        ),
        (
            "sexM",
            0.820851760458950697,
            0.850005929168263230,
            41.060296556855050,
            3.3984737738128945e-01,
        ),
        (
            "week:sexM",
            0.085722605014489361,
            0.046169343427200013,
            36.345553744645990,
            7.1473604813198130e-02,
        ),
    ]);
    m.check_anova(&[
        (
            "week",
            66.44863631994816444,
            1.0,
            36.345553745807635,
            1.0049554802019741e-09,
        ),
        (
            "sex",
            0.93257884097868049,
            1.0,
            41.060296556855015,
            3.3984737738129089e-01,
        ),
        (
            "week:sex",
            3.44733368943831442,
            1.0,
            36.345553744646011,
            7.1473604813195424e-02,
        ),
    ]);
    let m = model(VISITS.0, f, true, Ddf::KenwardRoger);
    m.check_fixed(&[
        (
            "(Intercept)",
            10.897411820921785619,
            0.646398606301652912,
            42.264344896178279,
            2.2500637394619406e-20,
        ),
        (
            "week",
            0.145315783555231670,
            0.034665694674583178,
            35.214485377371119,
            1.7700078830326323e-04,
        ),
        (
            "sexM",
            0.820851760458950697,
            0.851188528602216943,
            41.945841870308087,
            3.4039281087106477e-01,
        ),
        (
            "week:sexM",
            0.085722605014489361,
            0.046403640936637972,
            35.450623555795573,
            7.3059208854863070e-02,
        ),
    ]);
    m.check_anova(&[
        (
            "week",
            65.77931617844939183,
            1.0,
            35.450623555795573,
            1.3629010471270428e-09,
        ),
        (
            "sex",
            0.92998928287792137,
            1.0,
            41.945841870308087,
            3.4039281087106588e-01,
        ),
        (
            "week:sex",
            3.41260957769434370,
            1.0,
            35.450623555795644,
            7.3059208854860280e-02,
        ),
    ]);
}

#[test]
fn several_grouping_factors_crossed_nested_and_with_slopes() {
    // pe <- read.csv("penicillin.csv", colClasses = c("numeric", "factor", "factor"))
    // m <- lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pe): one block of 144 rows
    let f = "diameter ~ 1 + (1 | plate) + (1 | sample)";
    model("penicillin.csv", f, true, Ddf::Satterthwaite).check_fixed(&[(
        "(Intercept)",
        22.972222222227288,
        0.80857334541669912,
        5.4870933975056539,
        3.6191998120441318e-07,
    )]);
    model("penicillin.csv", f, true, Ddf::KenwardRoger).check_fixed(&[(
        "(Intercept)",
        22.972222222227288,
        0.80857334541654713,
        5.4870923174427624,
        3.6192079611120524e-07,
    )]);
    // pa <- read.csv("pastes.csv", colClasses = rep(c("numeric", "factor"), c(1, 3)))
    // lmer(strength ~ 1 + (1 | batch/cask), pa)
    let f = "strength ~ 1 + (1 | batch/cask)";
    model("pastes.csv", f, true, Ddf::Satterthwaite).check_fixed(&[(
        "(Intercept)",
        60.053333333335019,
        0.6768700485248309,
        9.0000003080135418,
        1.487831835977617e-14,
    )]);
    model("pastes.csv", f, true, Ddf::KenwardRoger).check_fixed(&[(
        "(Intercept)",
        60.053333333335019,
        0.67687004852482657,
        8.999999999999444,
        1.4878331835146258e-14,
    )]);
    // sy <- read.csv("sites_slopes.csv", colClasses = c("factor", "factor", "numeric", "numeric"))
    // lmer(alsfrs ~ month + (month | patient) + (1 | site), sy)
    let f = "alsfrs ~ month + (month | patient) + (1 | site)";
    let m = model("sites_slopes.csv", f, true, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            41.44757935439496066,
            0.740684122707469639,
            9.0113529154130401,
            9.0937822637840217e-13,
        ),
        (
            "month",
            -0.57066412247793652,
            0.048203409220889309,
            61.0318396468069224,
            1.8811699476340203e-17,
        ),
    ]);
    m.check_anova(&[(
        "month",
        140.15404245085722,
        1.0,
        61.031839646806922,
        1.8811699476340203e-17,
    )]);
    let m = model("sites_slopes.csv", f, true, Ddf::KenwardRoger);
    m.check_fixed(&[
        (
            "(Intercept)",
            41.44757935439496066,
            0.743133427168972238,
            8.7358326074514601,
            1.8580582341951106e-12,
        ),
        (
            "month",
            -0.57066412247793652,
            0.048350169232245707,
            55.8579060227148076,
            8.3673259715083241e-17,
        ),
    ]);
    m.check_anova(&[(
        "month",
        139.30449871406537,
        1.0,
        55.857906022714808,
        8.3673259715083241e-17,
    )]);
}

#[test]
fn satterthwaite_covariance_equals_the_fit_and_kr_needs_reml() {
    // Φ from the marginal algebra equals lme4's vcov (σ² (RX RXᵀ)⁻¹) at the optimum: the
    // fit's unadjusted SEs (--ddf none) are √diag(Φ).
    let (fit, frame) = fit_csv_with_frame(&data(TRIAL.0), TRIAL.1, true).unwrap();
    let formula = Formula::parse(TRIAL.1).unwrap();
    let inf = FixedInference::new(&formula, &frame, &fit, Ddf::Satterthwaite).unwrap();
    for (j, f) in fit.fixed.iter().enumerate() {
        rel(&f.term, inf.phi[(j, j)].sqrt(), f.se, 1e-9);
    }
    let (ml, frame) = fit_csv_with_frame(&data(TRIAL.0), TRIAL.1, false).unwrap();
    let e = FixedInference::new(&formula, &frame, &ml, Ddf::KenwardRoger).unwrap_err();
    assert!(e.to_string().contains("REML"), "{e}");
}

#[test]
fn crossed_design_too_large_for_dense_blocks() {
    // 3,000 ratings of random students and lecturers (benches/lmm_multi_bench_data.sh crossed
    // 3000): one block of 3,000 linked rows, beyond the dense blocks of the exact derivatives,
    // so the df come from numerical derivatives of the deviance, as lmerTest takes them.
    // benches/lmm_ddf_large_reference.R (lme4 1.1, lmerTest 3.1, bobyqa rhoend 2e-11):
    // m <- lmer(y ~ service + (1 | s) + (1 | d) + (1 | dept), d); coef(summary(m))
    let f = "y ~ service + (1 | s) + (1 | d) + (1 | dept)";
    let m = model("crossed_ratings_3000.csv", f, true, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            2.98482965535721156,
            0.054328409485660770,
            18.065124852192159,
            1.4668627295263936e-21,
        ),
        (
            "service",
            0.15395853975373847,
            0.048294406238871199,
            2885.688813451943588,
            1.4483441046355323e-03,
        ),
    ]);
    // anova(m, type = 3)
    m.check_anova(&[(
        "service",
        10.16281,
        1.0,
        2885.6888134519436,
        1.4483441046355323e-03,
    )]);
    // the same with REML = FALSE
    let m = model("crossed_ratings_3000.csv", f, false, Ddf::Satterthwaite);
    m.check_fixed(&[
        (
            "(Intercept)",
            2.98477720922569167,
            0.052696423867178280,
            19.893846250361229,
            1.8339251573961499e-23,
        ),
        (
            "service",
            0.15405108976215662,
            0.048284798504065148,
            2886.932614033115442,
            1.4356564859073688e-03,
        ),
    ]);
}

#[test]
fn trial_of_ten_thousand_rows_in_sites() {
    // 1,000 patients (10 visits) in 20 sites of 500 rows, arms A/B: the sites share one design
    // and are summed in low rank (before issue 42, densely: 500³ per site).
    // benches/lmm_ddf_nested_reference.R (lme4 1.1.31, lmerTest 3.1.3, numDeriv 2016.8-1.1):
    // m <- lmer(y ~ month * arm + (1 | site/patient), d, REML = reml) with bobyqa at rhoend
    // 2e-11, then Newton steps on lme4's deviance function (numDeriv's gradient and Hessian in
    // θ) until its gradient is below 1e-6, and the model rebuilt there with optimizer = NULL;
    // -2 * logLik(m); coef(summary(as_lmerModLmerTest(m))).
    //
    // With 20 sites the criterion is flat along the site variance: bobyqa stops where its
    // gradient in θ is still 7.7e-5 (REML) and 1.3e-4 (ML), as the script prints, with the site
    // θ 1.4e-6 and 2.1e-6 (relative) from the optimum and the criterion 3.6e-11 and 1.5e-11
    // above it, at the rounding of a criterion of 4.4e4 (one ulp is 7e-12), which no
    // derivative-free step can see. Polished to a gradient below 1e-6, lme4's fit and ours are
    // at one optimum, and the file's tolerances apply: the criterion within 1e-6 (as in
    // tests/lmm_lme4.rs), estimates and SEs 1e-6 relative, df 1e-4 absolute, p 1e-4 relative.
    let f = "y ~ month * arm + (1 | site/patient)";
    let check = |reml: bool, criterion: f64, want: &[Coef]| {
        let m = model("sites_10000.csv", f, reml, Ddf::Satterthwaite);
        abs("criterion", m.fit.criterion, criterion, 1e-6);
        m.check_fixed(want);
    };
    check(
        true,
        43788.323083511365,
        &[
            (
                "(Intercept)",
                39.81828407323855856,
                0.4972470369583804617,
                22.640791584329218,
                2.7797374972707075e-29,
            ),
            (
                "month",
                -0.52055619393983310,
                0.0086234925493536806,
                8998.000019657885787,
                0.0,
            ),
            (
                "armB",
                0.41403996360082934,
                0.2829408968916524714,
                1056.861784584019233,
                1.4367051166442577e-01,
            ),
            (
                "month:armB",
                -0.18563323636318754,
                0.0121954601183192450,
                8998.000009346176739,
                1.1174581447183054e-51,
            ),
        ],
    );
    // REML = FALSE
    check(
        false,
        43772.586486996086,
        &[
            (
                "(Intercept)",
                39.81828407292245942,
                0.4857059165333770800,
                24.038989538984012,
                6.0719142052924141e-31,
            ),
            (
                "month",
                -0.52055619393988450,
                0.0086225343302686296,
                8999.999966190238410,
                0.0,
            ),
            (
                "armB",
                0.41403996363111112,
                0.2828007527412821909,
                1058.004513608520938,
                1.4347199905562433e-01,
            ),
            (
                "month:armB",
                -0.18563323636309012,
                0.0121941049918934535,
                8999.999988798987033,
                1.0892864344748958e-51,
            ),
        ],
    );
}
