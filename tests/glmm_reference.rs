//! Fits compared with lme4 1.1.31 (`glmer`) and glmmTMB 1.1.5 (R 4.2.2) on public data sets:
//! MASS's epil (Poisson), lme4's cbpp (binomial, `cbind`), lme4's grouseticks (Poisson) and
//! glmmTMB's Owls (negative binomial with an offset), plus plain GLMs against `glm` and
//! glmmTMB; and several grouping factors (grouseticks crossed and nested, Poisson and negative
//! binomial; cbpp with an observation-level effect, and with a correlated slope on one factor). The data and every reference value come from `benches/glmm_reference.R`, whose
//! printout is `tests/data/glmm_reference_output.txt`; the R call is next to each value.
//!
//! What is asserted:
//! - the log-likelihood is at least the best of lme4's and glmmTMB's (minus 1e-7) and no more
//!   than 1e-3 above it (the same objective, optimised at least as well). Where lme4 or
//!   `glmer.nb` stop short, the comment says by how much;
//! - fixed effects within 1e-4 of their SE of the reference that reached the optimum, standard
//!   errors (from the Hessian of the deviance, as glmmTMB's) and random-effect SDs within
//!   1e-4 relative;
//! - with `nAGQ > 1`, lme4 prints a log-likelihood without the saturated model's log-likelihood
//!   (its quadrature deviance is built from deviance residuals); ours is the full one, so the
//!   test adds that constant (printed by the same script) to lme4's value.

#![allow(clippy::excessive_precision)]

use std::path::Path;
use trialstats::glmm::{Family, GlmmFit, GlmmOptions, fit_csv};

struct Reference {
    file: &'static str,
    formula: &'static str,
    family: Family,
    nagq: usize,
    /// The best reference log-likelihood (comparable to ours).
    log_likelihood: f64,
    /// (term, estimate, se)
    fixed: &'static [(&'static str, f64, f64)],
    sd: &'static [f64],
    corr: &'static [f64],
    theta: Option<f64>,
    n_obs: usize,
}

fn fit(r: &Reference) -> GlmmFit {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(r.file);
    fit_csv(
        &path,
        r.formula,
        GlmmOptions {
            family: r.family,
            nagq: r.nagq,
        },
    )
    .expect("the reference model fits")
}

fn relative(what: &str, got: f64, want: f64, rel: f64) {
    let err = (got - want).abs() / want.abs();
    assert!(
        err <= rel,
        "{what}: got {got:.17}, reference {want:.17}, relative error {err:.2e} > {rel:.0e}"
    );
}

impl Reference {
    fn check(&self) -> GlmmFit {
        let m = fit(self);
        assert!(
            m.converged,
            "{}: not converged: {:?}",
            self.formula, m.warnings
        );
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let d = m.log_likelihood - self.log_likelihood;
        assert!(
            (-1e-7..=1e-3).contains(&d),
            "{}: log-likelihood {:.17} vs reference {:.17} (difference {d:.3e})",
            self.formula,
            m.log_likelihood,
            self.log_likelihood
        );
        assert_eq!(m.n_obs, self.n_obs);
        assert_eq!(m.fixed.len(), self.fixed.len());
        for (f, (name, est, se)) in m.fixed.iter().zip(self.fixed) {
            assert_eq!(f.term, *name);
            assert!(
                (f.estimate - est).abs() <= 1e-4 * se,
                "estimate {name}: {:.17} vs {est:.17} (SE {se})",
                f.estimate
            );
            relative(&format!("se {name}"), f.se, *se, 1e-4);
        }
        assert_eq!(m.random.len(), self.sd.len());
        for (r, sd) in m.random.iter().zip(self.sd) {
            relative(&format!("sd {}", r.term), r.sd, *sd, 1e-4);
        }
        assert_eq!(m.correlations.len(), self.corr.len());
        for (c, want) in m.correlations.iter().zip(self.corr) {
            let got = c.corr.expect("defined");
            assert!((got - want).abs() <= 1e-4, "corr {got} vs {want}");
        }
        match (m.theta, self.theta) {
            (Some(got), Some(want)) => relative("theta", got, want, 1e-4),
            (None, None) => {}
            other => panic!("theta: {other:?}"),
        }
        let k = m.n_parameters as f64;
        assert!((m.aic - (-2.0 * m.log_likelihood + 2.0 * k)).abs() < 1e-9);
        assert!((m.deviance + 2.0 * m.log_likelihood).abs() < 1e-9);
        m
    }
}

#[test]
fn epil_poisson_laplace() {
    // R: epil <- read.csv("epil.csv"); epil$subject <- factor(epil$subject)
    //   glmmTMB(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil,
    //           control = glmmTMBControl(optCtrl = list(iter.max = 1e5, eval.max = 1e5, rel.tol = 1e-15, x.tol = 0)))
    //   logLik -665.47442607144001; fixef(m)$cond; sqrt(diag(vcov(m)$cond)); sd 0.50113691284216955
    // lme4: glmer(..., family = poisson, control = glmerControl(optimizer = "bobyqa",
    //   optCtrl = list(rhoend = 1e-12, maxfun = 1e6))) stops at -665.47479046318256, 3.6e-4 lower.
    let m = Reference {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + V4 + (1 | subject)",
        family: Family::Poisson,
        nagq: 1,
        log_likelihood: -665.47442607144001,
        fixed: &[
            ("(Intercept)", 1.8328293350142291, 0.10528658883509497),
            ("lbase", 0.88347251729894982, 0.13086213999290336),
            ("trtprogabide", -0.33421100678734833, 0.14765237884706162),
            ("lage", 0.48092184029501939, 0.34633731750611718),
            ("V4", -0.15976849808266846, 0.054583688833689331),
            (
                "lbase:trtprogabide",
                0.3389274402945936,
                0.20278749500478632,
            ),
        ],
        sd: &[0.50113691284216955],
        corr: &[],
        theta: None,
        n_obs: 236,
    }
    .check();
    assert_eq!(m.n_groups, 59);
    assert!(
        m.log_likelihood > -665.47479046318256 + 3e-4,
        "better than lme4"
    );
}

#[test]
fn epil_poisson_quadrature() {
    // R: glmer(y ~ lbase * trt + lage + V4 + (1 | subject), family = poisson, data = epil,
    //          control = tight, nAGQ = 9): logLik -282.45424401283537, which leaves out the
    //   saturated log-likelihood sum(dpois(epil$y, epil$y, log = TRUE)) = -382.95233883465988.
    //   SEs: sqrt(diag(vcov(m, use.hessian = TRUE))).
    Reference {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + V4 + (1 | subject)",
        family: Family::Poisson,
        nagq: 9,
        log_likelihood: -282.45424401283537 + -382.95233883465988,
        fixed: &[
            ("(Intercept)", 1.8327643407531207, 0.10550215957818754),
            ("lbase", 0.88340533106655117, 0.13113723604916744),
            ("trtprogabide", -0.33425582733341741, 0.14794705104360636),
            ("lage", 0.48056769707546637, 0.34703667808609046),
            ("V4", -0.15976960636318019, 0.054583706526305821),
            (
                "lbase:trtprogabide",
                0.33878409127885845,
                0.2031943094628883,
            ),
        ],
        sd: &[0.50238737271157496],
        corr: &[],
        theta: None,
        n_obs: 236,
    }
    .check();
}

#[test]
fn epil_poisson_correlated_slopes() {
    // R: glmmTMB(y ~ lbase * trt + lage + period + (period | subject), family = poisson,
    //            data = epil, control = tmbtight): logLik -655.40967186710873
    //   VarCorr: sd 0.61757984031709123 0.14723528906336575, corr -0.58849802705316501
    // lme4 (glmer, tight bobyqa) stops at -655.41047594948418, 8.0e-4 lower.
    let m = Reference {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + period + (period | subject)",
        family: Family::Poisson,
        nagq: 1,
        log_likelihood: -655.40967186710873,
        fixed: &[
            ("(Intercept)", 1.9125016171536047, 0.13183926650379116),
            ("lbase", 0.88394599333531099, 0.13075506837168496),
            ("trtprogabide", -0.33010057409176513, 0.14734072817635163),
            ("lage", 0.47324087069632609, 0.35256996554069231),
            ("period", -0.053819064418667788, 0.033072285794704795),
            (
                "lbase:trtprogabide",
                0.33882332795716702,
                0.20367571718639532,
            ),
        ],
        sd: &[0.61757984031709123, 0.14723528906336575],
        corr: &[-0.58849802705316501],
        theta: None,
        n_obs: 236,
    }
    .check();
    assert!(
        m.log_likelihood > -655.41047594948418 + 7e-4,
        "better than lme4"
    );
}

#[test]
fn cbpp_binomial_laplace_and_quadrature() {
    // R: cbpp <- read.csv("cbpp.csv"); herd and period as factors;
    //   glmmTMB(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial,
    //           data = cbpp, control = tmbtight): logLik -92.026281864761643, sd 0.64226167223459096
    // lme4 (glmer, tight bobyqa) stops at -92.026566387435466, 2.8e-4 lower.
    let m = Reference {
        file: "cbpp.csv",
        formula: "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
        family: Family::Binomial,
        nagq: 1,
        log_likelihood: -92.026281864761643,
        fixed: &[
            ("(Intercept)", -1.3985324664139871, 0.23247205065655088),
            ("factor(period)2", -0.99233229286026625, 0.30664249497139889),
            ("factor(period)3", -1.1286712975139559, 0.32663780848146895),
            ("factor(period)4", -1.5803136870928018, 0.42743659668434403),
        ],
        sd: &[0.64226167223459096],
        corr: &[],
        theta: None,
        n_obs: 56,
    }
    .check();
    assert!(
        m.log_likelihood > -92.026566387435466 + 2.5e-4,
        "better than lme4"
    );
    // R: glmer(..., nAGQ = 25): logLik -50.005015268374983 without the saturated
    //   log-likelihood sum(dbinom(incidence, size, incidence / size, log = TRUE)) = -41.97835376893557.
    Reference {
        file: "cbpp.csv",
        formula: "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
        family: Family::Binomial,
        nagq: 25,
        log_likelihood: -50.005015268374983 + -41.97835376893557,
        fixed: &[
            ("(Intercept)", -1.3992304526066668, 0.23351154118786785),
            ("factor(period)2", -0.99140367706599064, 0.30676789436007884),
            ("factor(period)3", -1.1278194564984332, 0.32676829722949657),
            ("factor(period)4", -1.5794707540562674, 0.42759432586925361),
        ],
        sd: &[0.64751847504352156],
        corr: &[],
        theta: None,
        n_obs: 56,
    }
    .check();
}

#[test]
fn grouseticks_poisson_laplace_and_quadrature() {
    // R: gt <- read.csv("grouseticks.csv"); BROOD and YEAR as factors; cHEIGHT = HEIGHT - 462
    //   glmmTMB(TICKS ~ YEAR + cHEIGHT + (1 | BROOD), family = poisson, data = gt,
    //           control = tmbtight): logLik -989.03774052652079 (lme4: -989.03774606160448)
    Reference {
        file: "grouseticks.csv",
        formula: "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD)",
        family: Family::Poisson,
        nagq: 1,
        log_likelihood: -989.03774052652079,
        fixed: &[
            ("(Intercept)", 0.51492759000113408, 0.18660043820185179),
            ("factor(YEAR)96", 1.1358939816339926, 0.24238987075879209),
            ("factor(YEAR)97", -1.0011345004910588, 0.26969286166023781),
            ("cHEIGHT", -0.023866320684416114, 0.0030107215543201111),
        ],
        sd: &[0.94969542743445312],
        corr: &[],
        theta: None,
        n_obs: 403,
    }
    .check();
    // R: glmer(..., nAGQ = 7): logLik -523.45107918105657 without the saturated
    //   log-likelihood sum(dpois(TICKS, TICKS, log = TRUE)) = -465.49933997347023.
    Reference {
        file: "grouseticks.csv",
        formula: "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD)",
        family: Family::Poisson,
        nagq: 7,
        log_likelihood: -523.45107918105657 + -465.49933997347023,
        fixed: &[
            ("(Intercept)", 0.51556825157401365, 0.18720822291082939),
            ("factor(YEAR)96", 1.1350311579343506, 0.24330429901627773),
            ("factor(YEAR)97", -1.0006139677698009, 0.27072279514970549),
            ("cHEIGHT", -0.023844656063718297, 0.0030215532219508654),
        ],
        sd: &[0.95422325720002366],
        corr: &[],
        theta: None,
        n_obs: 403,
    }
    .check();
}

#[test]
fn owls_negative_binomial_reaches_glmmtmb_where_glmer_nb_stops_short() {
    // R: ow <- read.csv("owls.csv")
    //   f <- SiblingNegotiation ~ FoodTreatment * SexParent + offset(log(BroodSize)) + (1 | Nest)
    //   glmmTMB(f, family = nbinom2, data = ow, control = tmbtight): logLik -1741.8049578122436,
    //   sd 0.3522712132596435, sigma (theta) 0.8419938792084547.
    // glmer.nb(f, data = ow) stops with convergence warnings; glmmTMB's log-likelihood at its
    // estimates (same Laplace, exact Hessian) is -1741.8272132493228: 0.022 below the optimum.
    let m = Reference {
        file: "owls.csv",
        formula:
            "SiblingNegotiation ~ FoodTreatment * SexParent + offset(log(BroodSize)) + (1 | Nest)",
        family: Family::NegativeBinomial,
        nagq: 1,
        log_likelihood: -1741.8049578122436,
        fixed: &[
            ("(Intercept)", 0.70835333011350476, 0.13474800403772111),
            (
                "FoodTreatmentSatiated",
                -0.76769149078796806,
                0.16565403517847965,
            ),
            ("SexParentMale", -0.025863159591752474, 0.14606838959564161),
            (
                "FoodTreatmentSatiated:SexParentMale",
                0.15773300002550769,
                0.20561041947425129,
            ),
        ],
        sd: &[0.3522712132596435],
        corr: &[],
        theta: Some(0.8419938792084547),
        n_obs: 599,
    }
    .check();
    assert!(m.log_likelihood > -1741.8272132493228 + 0.02);
}

#[test]
fn plain_glms_match_glm_and_glmmtmb() {
    // R: glm(y ~ lbase * trt + lage + V4, family = poisson, data = epil):
    //   logLik -817.48837912630938; coef(g); sqrt(diag(vcov(g)))
    Reference {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + V4",
        family: Family::Poisson,
        nagq: 1,
        log_likelihood: -817.48837912630938,
        fixed: &[
            ("(Intercept)", 1.8979147538402357, 0.04259951625541912),
            ("lbase", 0.94862224412460672, 0.043596708868406296),
            ("trtprogabide", -0.3458752258274419, 0.060997074221486779),
            ("lage", 0.88759532203497638, 0.11649659523674069),
            ("V4", -0.15976960057673076, 0.0545837021003336),
            (
                "lbase:trtprogabide",
                0.5615356394792268,
                0.063518040184291191,
            ),
        ],
        sd: &[],
        corr: &[],
        theta: None,
        n_obs: 236,
    }
    .check();
    // Negative-binomial GLM. R: MASS::glm.nb(y ~ lbase * trt + lage + V4, data = epil,
    //   control = glm.control(epsilon = 1e-14, maxit = 100)): logLik -647.17888643987294,
    //   theta 2.7715831658193957. glm.nb's SEs hold theta fixed; the joint-Hessian SEs (ours)
    //   are glmmTMB's: glmmTMB(y ~ lbase * trt + lage + V4, family = nbinom2, data = epil,
    //   control = tmbtight): logLik -647.17888644801792 (8e-9 below glm.nb's optimum).
    Reference {
        file: "epil.csv",
        formula: "y ~ lbase * trt + lage + V4",
        family: Family::NegativeBinomial,
        nagq: 1,
        log_likelihood: -647.17888643987294,
        fixed: &[
            ("(Intercept)", 1.9238662123861663, 0.075928235199105992),
            ("lbase", 0.89992187670388379, 0.085882511692053659),
            ("trtprogabide", -0.28568049764261261, 0.10062771861541704),
            ("lage", 0.55663397260589076, 0.23872376240095075),
            ("V4", -0.14985501698097495, 0.11340406440774943),
            (
                "lbase:trtprogabide",
                0.35428471101486242,
                0.13211196831675534,
            ),
        ],
        sd: &[],
        corr: &[],
        theta: Some(2.7715831658193957),
        n_obs: 236,
    }
    .check();
}

#[test]
fn negative_binomial_without_overdispersion_is_the_poisson_fit() {
    // Counts less dispersed than Poisson: the negative binomial's optimum is its Poisson limit
    // (θ = ∞), whose log-likelihood must equal the Poisson fit's, not fall below it.
    use trialstats::glmm::fit;
    use trialstats::lmm::formula::Formula;
    use trialstats::lmm::frame::{Frame, RawColumn};
    let n = 40;
    let y: Vec<f64> = (0..n).map(|i| (2 + i % 2 + (i / 10) % 2) as f64).collect();
    let x: Vec<f64> = (0..n).map(|i| (i % 4) as f64).collect();
    let g: Vec<String> = (0..n).map(|i| format!("g{}", i / 4)).collect();
    let frame = Frame::from_columns(
        "underdispersed",
        vec![
            ("y".into(), RawColumn::Numbers(y)),
            ("x".into(), RawColumn::Numbers(x)),
            ("g".into(), RawColumn::Text(g)),
        ],
    )
    .unwrap();
    let formula = Formula::parse("y ~ x + (1 | g)").unwrap();
    let options = |family| GlmmOptions { family, nagq: 1 };
    let poisson = fit(&formula, &frame, options(Family::Poisson)).unwrap();
    let nb = fit(&formula, &frame, options(Family::NegativeBinomial)).unwrap();
    assert!(nb.converged, "{:?}", nb.warnings);
    assert_eq!(nb.theta, Some(f64::INFINITY));
    assert!((nb.log_likelihood - poisson.log_likelihood).abs() < 1e-8);
    assert!((nb.fixed[1].estimate - poisson.fixed[1].estimate).abs() < 1e-6);
}

#[test]
fn a_zero_one_response_is_binomial_without_cbind() {
    // R: cbpp expanded to one row per animal (benches/glmm_reference.R, cbpp_bernoulli.csv):
    //   glmmTMB(case ~ period + (1 | herd), family = binomial, data = bern, control = tmbtight):
    //   logLik -277.50194154902437 (the cbind fit's −92.026 plus Σ log C(size, incidence) less).
    Reference {
        file: "cbpp_bernoulli.csv",
        formula: "case ~ factor(period) + (1 | herd)",
        family: Family::Binomial,
        nagq: 1,
        log_likelihood: -277.50194154902437,
        fixed: &[
            ("(Intercept)", -1.3985300224121853, 0.23247169674997967),
            ("factor(period)2", -0.99233430839190861, 0.3066424853565039),
            ("factor(period)3", -1.1286748223155121, 0.32663795784531863),
            ("factor(period)4", -1.580312740029381, 0.42743618095981084),
        ],
        sd: &[0.64226055835609774],
        corr: &[],
        theta: None,
        n_obs: 842,
    }
    .check();
}

// ---- Several grouping factors (benches/glmm_reference.R, section "Several grouping factors").
// R: gt <- read.csv("grouseticks.csv"), INDEX, BROOD, YEAR, LOCATION made factors; cHEIGHT is
// HEIGHT − 462 (a whole number near the mean 462.2; lme4's ?grouseticks centres at the mean),
// tight = glmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e6)),
// tightNM = glmerControl(optimizer = "Nelder_Mead", optCtrl = list(FtolAbs = 1e-14,
// FtolRel = 1e-14, XtolRel = 1e-12, maxfun = 1e6)), tmbtight as above.

/// The grouping factor of each random-effect SD, in order (lme4's: most levels first).
fn groups(m: &GlmmFit) -> Vec<&str> {
    m.random.iter().map(|r| r.group.as_str()).collect()
}

#[test]
fn grouseticks_three_crossed_factors() {
    // R: f <- TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)
    //   glmmTMB(f, family = poisson, data = gt, control = tmbtight): logLik -890.27133008796056,
    //   sd INDEX 0.54150871537503098, BROOD 0.75003428477724454, LOCATION 0.52871934414470056.
    //   glmer(f, family = poisson, data = gt, control = tight): -890.27135349062314 (2.3e-5
    //   lower); with tightNM: -890.27135542583915 and "Model failed to converge".
    let m = Reference {
        file: "grouseticks.csv",
        formula: "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | INDEX) + (1 | LOCATION)",
        family: Family::Poisson,
        nagq: 1,
        log_likelihood: -890.27133008796056,
        fixed: &[
            ("(Intercept)", 0.37849987860759576, 0.19636570654489857),
            ("factor(YEAR)96", 1.1804140513479808, 0.23812761237556254),
            ("factor(YEAR)97", -0.97869199892450109, 0.26278858309129355),
            ("cHEIGHT", -0.023760651804506917, 0.0034385012770429733),
        ],
        sd: &[
            0.54150871537503098,
            0.75003428477724454,
            0.52871934414470056,
        ],
        corr: &[],
        theta: None,
        n_obs: 403,
    }
    .check();
    assert_eq!(groups(&m), ["INDEX", "BROOD", "LOCATION"]);
    let levels: Vec<usize> = m.grouping_factors.iter().map(|g| g.levels).collect();
    assert_eq!(levels, [403, 118, 63]);
    assert!(m.log_likelihood > -890.27135349062314 + 2e-5);
    assert_eq!(m.n_parameters, 7);
    assert!(!m.singular);
    // --ranef: one mode per level of every factor; the modes of an observation-level effect
    // are shrunk residuals (mean near 0).
    let m = m.with_ranef();
    let ranef = m.ranef.as_ref().unwrap();
    assert_eq!(ranef.len(), 403 + 118 + 63);
    let index_mean: f64 = ranef
        .iter()
        .filter(|g| g.group == "INDEX")
        .map(|g| g.values[0])
        .sum::<f64>()
        / 403.0;
    assert!(index_mean.abs() < 0.05, "{index_mean}");
    assert!(m.mode_of("LOCATION", "32", "(Intercept)").is_some());
}

#[test]
fn grouseticks_nested_broods_within_locations() {
    // R: f <- TICKS ~ YEAR + cHEIGHT + (1 | LOCATION/BROOD)
    //   glmmTMB(f, family = poisson, data = gt, control = tmbtight): logLik -987.9381538460367,
    //   sd BROOD:LOCATION 0.7696565889738366, LOCATION 0.57414568340597394.
    //   glmer(f, family = poisson, data = gt, control = tight): -987.93815693296483.
    let m = Reference {
        file: "grouseticks.csv",
        formula: "TICKS ~ factor(YEAR) + cHEIGHT + (1 | LOCATION/BROOD)",
        family: Family::Poisson,
        nagq: 1,
        log_likelihood: -987.9381538460367,
        fixed: &[
            ("(Intercept)", 0.47253088396827325, 0.19201859848199829),
            ("factor(YEAR)96", 1.1655805767407685, 0.22979065557968559),
            ("factor(YEAR)97", -0.97793113915624175, 0.25482627831633387),
            ("cHEIGHT", -0.023546065444882507, 0.0034652245079549011),
        ],
        sd: &[0.7696565889738366, 0.57414568340597394],
        corr: &[],
        theta: None,
        n_obs: 403,
    }
    .check();
    assert_eq!(groups(&m), ["BROOD:LOCATION", "LOCATION"]);
}

#[test]
fn grouseticks_negative_binomial_two_factors_as_glmmtmb() {
    // R: f <- TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION)
    //   glmmTMB(f, family = nbinom2, data = gt, control = tmbtight): logLik -888.90842589170541,
    //   sd BROOD 0.6979677691715056, LOCATION 0.59336396022211813, sigma 3.2930033261674141.
    // glmer.nb(f, data = gt) prints -888.8407001803115 with θ 3.3033945600037042: a different
    // objective, not a better optimum (lme4's Laplace uses the expected information in the log
    // determinant, glmmTMB's and ours the observed one; they differ for the non-canonical NB2
    // link).
    Reference {
        file: "grouseticks.csv",
        formula: "TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | LOCATION)",
        family: Family::NegativeBinomial,
        nagq: 1,
        log_likelihood: -888.90842589170541,
        fixed: &[
            ("(Intercept)", 0.52941315776026121, 0.19474226339545861),
            ("factor(YEAR)96", 1.1671683062642089, 0.23289410318654019),
            ("factor(YEAR)97", -0.98825145730560138, 0.25710513355957682),
            ("cHEIGHT", -0.023678345306747485, 0.0035084498503524545),
        ],
        sd: &[0.6979677691715056, 0.59336396022211813],
        corr: &[],
        theta: Some(3.2930033261674141),
        n_obs: 403,
    }
    .check();
}

#[test]
fn cbpp_herd_and_observation_level_overdispersion() {
    // R: cb <- read.csv("cbpp_obs.csv") (cbpp with obs = row number, pnum = period as a number)
    //   f <- cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | obs)
    //   glmmTMB(f, family = binomial, data = cb, control = tmbtight): logLik -87.319155541468518,
    //   sd obs 0.89107846133780111, herd 0.1839471194258146.
    //   glmer(f, family = binomial, data = cb, control = tight): -87.319163573508504 (8e-6 lower).
    let m = Reference {
        file: "cbpp_obs.csv",
        formula: "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs)",
        family: Family::Binomial,
        nagq: 1,
        log_likelihood: -87.319155541468518,
        fixed: &[
            ("(Intercept)", -1.5002918362317201, 0.29671321471886203),
            ("factor(period)2", -1.2265088895853682, 0.48031239803920367),
            ("factor(period)3", -1.3288404776520635, 0.49392128433389382),
            ("factor(period)4", -1.8662649465559826, 0.59361171973906968),
        ],
        sd: &[0.89107846133780111, 0.1839471194258146],
        corr: &[],
        theta: None,
        n_obs: 56,
    }
    .check();
    assert_eq!(groups(&m), ["obs", "herd"]);
}

#[test]
fn cbpp_correlated_slope_on_one_factor_and_intercept_on_another() {
    // R: f <- cbind(incidence, size - incidence) ~ pnum + (pnum | herd) + (1 | obs)
    //   glmmTMB(f, family = binomial, data = cb, control = tmbtight): logLik -88.234676732758643,
    //   fixef -1.0468394745205054 -0.63098794038947892, se 0.42249637398905454
    //   0.1858283815193611, sd herd 0.20205300768341858 0.025676303582365331, corr
    //   -0.99997879666904144, sd obs 0.9354400085646819 ("singular convergence").
    //   glmer(f, ..., control = tight): -88.234687109838219, theta 0.93542336878946819
    //   0.20210552851651334 -0.025684980303752818 0 (correlation -1); tightNM: -88.234687112631946.
    // The optimum is on the boundary (correlation −1): our log-likelihood must reach glmmTMB's;
    // the SEs are compared loosely, as each program treats the boundary parameter differently
    // (ours and lme4's hold it at the bound, glmmTMB's Hessian includes it: lme4's
    // use.hessian SEs are 0.42248374893781426 0.18581590663348035).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cbpp_obs.csv");
    let m = fit_csv(
        &path,
        "cbind(incidence, size - incidence) ~ pnum + (pnum | herd) + (1 | obs)",
        GlmmOptions {
            family: Family::Binomial,
            nagq: 1,
        },
    )
    .unwrap();
    assert!(m.converged, "{:?}", m.warnings);
    let d = m.log_likelihood - -88.234676732758643;
    assert!((-1e-7..1e-4).contains(&d), "{}", m.log_likelihood);
    for (f, (est, se)) in m.fixed.iter().zip([
        (-1.0468394745205054, 0.42249637398905454),
        (-0.63098794038947892, 0.1858283815193611),
    ]) {
        assert!((f.estimate - est).abs() <= 1e-4 * se, "{f:?}");
        relative("se", f.se, se, 1e-3);
    }
    assert_eq!(groups(&m), ["obs", "herd", "herd"]);
    for (r, sd) in m.random.iter().zip([
        0.9354400085646819,
        0.20205300768341858,
        0.025676303582365331,
    ]) {
        relative("sd", r.sd, sd, 1e-3);
    }
    assert!(m.correlations[0].corr.unwrap() < -0.9999);
}

#[test]
fn adaptive_quadrature_is_refused_with_several_factors() {
    // lme4: glmer(f, nAGQ = 7) stops with "nAGQ > 1 is only available for models with a
    // single, scalar random-effects term".
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/grouseticks.csv");
    let e = fit_csv(
        &path,
        "TICKS ~ cHEIGHT + (1 | BROOD) + (1 | LOCATION)",
        GlmmOptions {
            family: Family::Poisson,
            nagq: 7,
        },
    )
    .unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("2 grouping factors"), "{e}");
}
