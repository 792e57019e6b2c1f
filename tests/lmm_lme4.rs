//! Fits compared with lme4 1.1.31 (R 4.2.2) on sleepstudy (Belenky et al. 2003) and two data
//! sets generated in R with fixed seeds (`tests/data/make_lmm_data.R`, whose printout is kept in
//! `tests/data/reference_output.txt`). The reference values below are lme4's, printed with
//! `options(digits = 17)`; the R call is next to each.
//!
//! Tolerances are the issue's: criterion within 1e-6 (and never above lme4's by more), fixed
//! effects 1e-5 relative, random-effect SDs 1e-4 relative. Standard errors, correlations,
//! conditional modes and fitted values depend on θ as the SDs do and are held to 1e-4.

// The reference values are kept exactly as R printed them (17 significant digits).
#![allow(clippy::excessive_precision)]

use crate::common::assert_close as close;
use std::path::Path;
use trialstats::lmm::{LmmFit, fit_csv};

struct Tolerance {
    criterion: f64,
    fixed: f64,
    sd: f64,
}

const TOLERANCE: Tolerance = Tolerance {
    criterion: 1e-6,
    fixed: 1e-5,
    sd: 1e-4,
};

struct Reference {
    file: &'static str,
    formula: &'static str,
    reml: bool,
    criterion: f64,
    fixed: &'static [(&'static str, f64, f64)],
    sigma: f64,
    sd: &'static [f64],
    corr: &'static [f64],
    log_lik_aic_bic: [f64; 3],
    n_obs: usize,
    n_groups: usize,
    ranef: [(&'static str, &'static [f64]); 2],
    fitted_first_last: [f64; 2],
}

impl Reference {
    fn fit(&self) -> LmmFit {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(self.file);
        fit_csv(&path, self.formula, self.reml).expect("the reference model fits")
    }

    fn check(&self, tol: Tolerance) {
        let m = self.fit().with_ranef();
        assert!(m.converged, "{}: not converged", self.formula);
        let d = m.criterion - self.criterion;
        assert!(
            d.abs() <= tol.criterion,
            "{}: criterion {:.17} vs lme4 {:.17} (difference {d:.3e})",
            self.formula,
            m.criterion,
            self.criterion
        );
        assert_eq!(m.n_obs, self.n_obs);
        assert_eq!(m.n_groups, self.n_groups);
        assert_eq!(m.fixed.len(), self.fixed.len());
        for (f, (name, est, se)) in m.fixed.iter().zip(self.fixed) {
            assert_eq!(f.term, *name);
            close(&format!("estimate {name}"), f.estimate, *est, tol.fixed);
            close(&format!("se {name}"), f.se, *se, tol.sd);
        }
        close("sigma", m.sigma, self.sigma, tol.sd);
        assert_eq!(m.random.len(), self.sd.len());
        for (r, sd) in m.random.iter().zip(self.sd) {
            close(&format!("sd {}", r.term), r.sd, *sd, tol.sd);
        }
        assert_eq!(m.correlations.len(), self.corr.len());
        for (c, want) in m.correlations.iter().zip(self.corr) {
            assert!(
                (c.corr.unwrap() - want).abs() <= tol.sd,
                "corr {} vs lme4 {want}",
                c.corr.unwrap()
            );
        }
        let [ll, aic, bic] = self.log_lik_aic_bic;
        assert!((m.log_likelihood - ll).abs() <= tol.criterion / 2.0 + 1e-9);
        assert!((m.aic - aic).abs() <= tol.criterion + 1e-9);
        assert!((m.bic - bic).abs() <= tol.criterion + 1e-9);
        // Conditional modes: relative to the SD of that random effect.
        for (level, want) in self.ranef {
            for (k, w) in want.iter().enumerate() {
                let got = m.mode(level, &m.random[k].term).expect("level exists");
                let scale = self.sd[k];
                assert!(
                    (got - w).abs() <= tol.sd * scale,
                    "ranef {level} {}: {got} vs lme4 {w}",
                    m.random[k].term
                );
            }
        }
        close(
            "first fitted value",
            m.fitted[0],
            self.fitted_first_last[0],
            tol.sd,
        );
        close(
            "last fitted value",
            *m.fitted.last().expect("rows"),
            self.fitted_first_last[1],
            tol.sd,
        );
    }
}

#[test]
fn sleep_reml_slope() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ Days + (Days | Subject), ss)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "sleepstudy.csv",
        formula: "Reaction ~ Days + (Days | Subject)",
        reml: true,
        criterion: 1743.6282719599519,
        fixed: &[
            ("(Intercept)", 251.40510484848497, 6.8245966949549057),
            ("Days", 10.467285959595987, 1.5457896439059811),
        ],
        sigma: 25.59179572167535,
        sd: &[24.740657994984062, 5.9221376588980812],
        corr: &[0.065551238238128209],
        log_lik_aic_bic: [-871.81413597997596, 1755.6282719599519, 1774.7860130652932],
        n_obs: 180,
        n_groups: 18,
        ranef: [
            ("308", &[2.2585509499011551, 9.1989757655658995]),
            ("372", &[12.314592107711457, 1.2840220765325676]),
        ],
        fitted_first_last: [253.66365579838612, 369.48146928135338],
    }
    .check(TOLERANCE);
}

#[test]
fn sleep_ml_slope() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ Days + (Days | Subject), ss, REML = FALSE)
    //   deviance(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "sleepstudy.csv",
        formula: "Reaction ~ Days + (Days | Subject)",
        reml: false,
        criterion: 1751.9393444889909,
        fixed: &[
            ("(Intercept)", 251.40510484848565, 6.6321227421902904),
            ("Days", 10.467285959595767, 1.5022302138320407),
        ],
        sigma: 25.591907036486965,
        sd: &[23.779759589457989, 5.7167985139282873],
        corr: &[0.081321093426634475],
        log_lik_aic_bic: [-875.96967224449543, 1763.9393444889909, 1783.0970855943322],
        n_obs: 180,
        n_groups: 18,
        ranef: [
            ("308", &[2.8157890196665147, 9.0755067775509666]),
            ("372", &[12.118728516637887, 1.3107214637743279]),
        ],
        fitted_first_last: [254.22089386815216, 369.52590017545435],
    }
    .check(TOLERANCE);
}

#[test]
fn sleep_reml_intercept() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ Days + (1 | Subject), ss)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "sleepstudy.csv",
        formula: "Reaction ~ Days + (1 | Subject)",
        reml: true,
        criterion: 1786.4650853949211,
        fixed: &[
            ("(Intercept)", 251.4051048484844, 9.74671626920939),
            ("Days", 10.467285959595962, 0.80422142894524018),
        ],
        sigma: 30.991233898644094,
        sd: &[37.12382676676863],
        corr: &[],
        log_lik_aic_bic: [-893.23254269746053, 1794.4650853949211, 1807.2369127984819],
        n_obs: 180,
        n_groups: 18,
        ranef: [
            ("308", &[40.783709839630674]),
            ("372", &[18.115746722770808]),
        ],
        fitted_first_last: [292.18881468811509, 363.72642520761883],
    }
    .check(TOLERANCE);
}

#[test]
fn sleep_ml_intercept() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ Days + (1 | Subject), ss, REML = FALSE)
    //   deviance(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "sleepstudy.csv",
        formula: "Reaction ~ Days + (1 | Subject)",
        reml: false,
        criterion: 1794.0786430052258,
        fixed: &[
            ("(Intercept)", 251.40510484848443, 9.5061851928869405),
            ("Days", 10.467285959595975, 0.80173542165949496),
        ],
        sigma: 30.895433873311099,
        sd: &[36.012081937762325],
        corr: &[],
        log_lik_aic_bic: [-897.03932150261289, 1802.0786430052258, 1814.8504704087866],
        n_obs: 180,
        n_groups: 18,
        ranef: [
            ("308", &[40.635096585402628]),
            ("372", &[18.049734089691839]),
        ],
        fitted_first_last: [292.04020143388703, 363.66041257454003],
    }
    .check(TOLERANCE);
}

#[test]
fn sleep_reml_uncorrelated() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ Days + (Days || Subject), ss)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "sleepstudy.csv",
        formula: "Reaction ~ Days + (Days || Subject)",
        reml: true,
        criterion: 1743.669293581481,
        fixed: &[
            ("(Intercept)", 251.40510484848289, 6.8853808172372117),
            ("Days", 10.467285959596026, 1.5595690980685653),
        ],
        sigma: 25.565279201569599,
        sd: &[25.051328324776115, 5.9881866737229679],
        corr: &[],
        log_lik_aic_bic: [-871.83464679074052, 1753.669293581481, 1769.6340778359322],
        n_obs: 180,
        n_groups: 18,
        ranef: [
            ("308", &[1.5126647686793393, 9.3234970398909471]),
            ("372", &[12.421754747561758, 1.2584036772536216]),
        ],
        fitted_first_last: [252.91776961716224, 369.35806632769152],
    }
    .check(TOLERANCE);
}

#[test]
fn sleep_reml_slope_only() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ 1 + Days + (0 + Days | Subject), ss)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "sleepstudy.csv",
        formula: "Reaction ~ 1 + Days + (0 + Days | Subject)",
        reml: true,
        criterion: 1766.5250274855698,
        fixed: &[
            ("(Intercept)", 251.40510484848451, 4.0199706971287297),
            ("Days", 10.467285959596223, 1.8695580974753947),
        ],
        sigma: 29.017746622328907,
        sd: &[7.2600299594661122],
        corr: &[],
        log_lik_aic_bic: [-883.2625137427849, 1774.5250274855698, 1787.2968548891306],
        n_obs: 180,
        n_groups: 18,
        ranef: [
            ("308", &[9.6194057965538153]),
            ("372", &[3.1250421831576354]),
        ],
        fitted_first_last: [251.40510484848451, 373.73605813326924],
    }
    .check(TOLERANCE);
}

#[test]
fn trial_reml_interaction() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   tr <- read.csv("trial_arms.csv")
    //   m <- lmer(alsfrs ~ month * arm + (month | patient), tr)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "trial_arms.csv",
        formula: "alsfrs ~ month * arm + (month | patient)",
        reml: true,
        criterion: 1592.3494662793364,
        fixed: &[
            ("(Intercept)", 39.708369729531405, 1.0983500712041647),
            ("month", -0.43886022288029514, 0.0811860167883562),
            ("armlow", -0.302394783337257, 1.6235128438081496),
            ("armplacebo", 1.0822154156294645, 1.5632593946769584),
            ("month:armlow", -0.16631206703834617, 0.11973582386382327),
            (
                "month:armplacebo",
                -0.41874092928052792,
                0.11565301402630121,
            ),
        ],
        sigma: 1.4526945822515016,
        sd: &[4.8628490511892286, 0.31692258566191417],
        corr: &[-0.39584261971581614],
        log_lik_aic_bic: [-796.17473313966821, 1612.3494662793364, 1651.0706441740906],
        n_obs: 355,
        n_groups: 60,
        ranef: [
            ("P001", &[2.7766884172834079, -0.055198694616977684]),
            ("P060", &[-3.3108103734922572, -0.060635040908633128]),
        ],
        fitted_first_last: [41.496940311820268, 26.460940454835139],
    }
    .check(TOLERANCE);
}

#[test]
fn visits_reml_no_intercept() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   vi <- read.csv("visits.csv"); vi$id <- factor(vi$id)
    //   m <- lmer(score ~ 0 + site + sex:week + (1 | id), vi)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "visits.csv",
        formula: "score ~ 0 + site + sex:week + (1 | id)",
        reml: true,
        criterion: 694.92237568464873,
        fixed: &[
            ("siteeast", 9.3929530851765701, 0.70337038881846348),
            ("sitenorth", 12.249521264475911, 0.71785601466961058),
            ("sitesouth", 12.447430344049296, 0.72670470836602508),
            ("sexF:week", 0.13430865841335937, 0.023799546960399084),
            ("sexM:week", 0.24814304885469618, 0.021120394870852394),
        ],
        sigma: 1.220633182215511,
        sd: &[2.4753537812916782],
        corr: &[],
        log_lik_aic_bic: [-347.46118784232436, 708.92237568464873, 731.19486053669334],
        n_obs: 178,
        n_groups: 40,
        ranef: [
            ("1", &[-2.6545104350247355]),
            ("40", &[-0.02049282682889093]),
        ],
        fitted_first_last: [9.9272285674379219, 17.389798494314327],
    }
    .check(TOLERANCE);
}

#[test]
fn visits_ml_uncorrelated() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   vi <- read.csv("visits.csv"); vi$id <- factor(vi$id)
    //   m <- lmer(score ~ week + sex + site + (week || id), vi, REML = FALSE)
    //   deviance(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "visits.csv",
        formula: "score ~ week + sex + site + (week || id)",
        reml: false,
        criterion: 672.09534685871824,
        fixed: &[
            ("(Intercept)", 8.6287648343710988, 0.7911976931268826),
            ("week", 0.19241879480117327, 0.022845527805807536),
            ("sexM", 1.7356193869201597, 0.72673591919639979),
            ("sitenorth", 2.5433416893956382, 0.84606675317202196),
            ("sitesouth", 2.841346018845361, 0.87756594086301565),
        ],
        sigma: 1.0634439647963247,
        sd: &[2.019652559757978, 0.1026307356519138],
        corr: &[],
        log_lik_aic_bic: [-336.04767342935912, 688.09534685871824, 713.5496152610549],
        n_obs: 178,
        n_groups: 40,
        ranef: [
            ("1", &[-1.5692136244075863, -0.079483709320632048]),
            ("40", &[-0.13056590495309425, -0.0072153029806986168]),
        ],
        fitted_first_last: [10.013832314289413, 16.779234171593021],
    }
    .check(TOLERANCE);
}

#[test]
fn trial_ml_interaction_tight() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   tr <- read.csv("trial_arms.csv")
    //   m <- lmer(alsfrs ~ month * arm + (month | patient), tr, REML = FALSE,
    //              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
    //   (the default optimiser warns "failed to converge" and stops at 1588.410213291525)
    //   deviance(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "trial_arms.csv",
        formula: "alsfrs ~ month * arm + (month | patient)",
        reml: false,
        criterion: 1588.4102100272994,
        fixed: &[
            ("(Intercept)", 39.711154963967545, 1.0695989299059896),
            ("month", -0.43888660330638063, 0.078969482218784762),
            ("armlow", -0.30524265698226349, 1.5812649609618326),
            ("armplacebo", 1.0691293653641787, 1.5226405429125813),
            ("month:armlow", -0.16552614681109457, 0.11648067735638477),
            (
                "month:armplacebo",
                -0.41713497767818936,
                0.11251804529361047,
            ),
        ],
        sigma: 1.4528497518758738,
        sd: &[4.727759450563326, 0.30550313760352515],
        corr: &[-0.391957054147684],
        log_lik_aic_bic: [-794.2051050136497, 1608.4102100272994, 1647.1313879220536],
        n_obs: 355,
        n_groups: 60,
        ranef: [
            ("P001", &[2.7658503426609711, -0.054218217715526533]),
            ("P060", &[-3.3041408320418184, -0.061133019446893686]),
        ],
        fitted_first_last: [41.490795664584702, 26.470288292112343],
    }
    .check(TOLERANCE);
}

#[test]
fn visits_reml_slope_tight() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R), options(digits = 17):
    //   vi <- read.csv("visits.csv"); vi$id <- factor(vi$id)
    //   m <- lmer(score ~ week * sex + (1 + week | id), vi,
    //              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
    //   (the default optimiser stops at 678.73948792721444, week 0.13649176662997403)
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "visits.csv",
        formula: "score ~ week * sex + (1 + week | id)",
        reml: true,
        criterion: 678.73948775754434,
        fixed: &[
            ("(Intercept)", 10.960904894824594, 0.57701720883104857),
            ("week", 0.13649319890797118, 0.02981605477997756),
            ("sexM", 0.80316054039966567, 0.75797182803567564),
            ("week:sexM", 0.090676825834810557, 0.039641218384565101),
        ],
        sigma: 1.0868890995099818,
        sd: &[2.1531605502112852, 0.081611425103579563],
        corr: &[0.91725245499373065],
        log_lik_aic_bic: [-339.36974387877217, 694.73948775754434, 720.19375615988099],
        n_obs: 178,
        n_groups: 40,
        ranef: [
            ("1", &[-1.0304317399542686, -0.039100717963299628]),
            ("40", &[0.63465935013552655, 0.015361097384814393]),
        ],
        fitted_first_last: [10.027865635814997, 17.249347227911709],
    }
    .check(TOLERANCE);
}

#[test]
fn likelihood_ratio_test_matches_anova() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R):
    //   tr <- read.csv("trial_arms.csv")
    //   m0 <- lmer(alsfrs ~ month + arm + (month | patient), tr)
    //   m1 <- lmer(alsfrs ~ month * arm + (month | patient), tr)
    //   a <- anova(m0, m1)   # refits both by ML
    //   a$deviance: 1601.1423566912144, 1588.4102100273044
    //   a$Chisq[2], a$Df[2], a[["Pr(>Chisq)"]][2]: 12.732146663910044, 2, 0.0017188955234318291
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/trial_arms.csv");
    let t = trialstats::lmm::compare_csv(
        &path,
        "alsfrs ~ month * arm + (month | patient)",
        "alsfrs ~ month + arm + (month | patient)",
    )
    .expect("both models fit");
    assert_eq!(
        t.models[0].formula,
        "alsfrs ~ month + arm + (month | patient)"
    );
    assert_eq!(
        (t.models[0].n_parameters, t.models[1].n_parameters),
        (8, 10)
    );
    assert!((t.models[0].deviance - 1601.1423566912144).abs() < 1e-6);
    assert!((t.models[1].deviance - 1588.4102100273044).abs() < 1e-6);
    assert!((t.chisq - 12.732146663910044).abs() < 2e-6);
    assert_eq!(t.df, 2);
    close("p", t.p_value, 0.0017188955234318291, 1e-6);
}

#[test]
fn singular_fit_is_flagged_with_the_variance_on_the_boundary() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R, section 5), options(digits = 17):
    //   sg <- read.csv("singular.csv"); m <- lmer(score ~ visit + (1 | patient), sg)
    //   isSingular(m) TRUE; getME(m, "theta") 0; REMLcrit(m) 123.55499339030372
    //   fixef(m) 19.766916666666649 0.4448333333333418; sqrt(diag(vcov(m))) 0.2052919249666722 0.10973314964237008
    //   sigma(m) 0.84998932218357148
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/singular.csv");
    let m = fit_csv(&path, "score ~ visit + (1 | patient)", true).expect("fits");
    assert!(m.singular && m.converged);
    assert_eq!(m.theta, [0.0]);
    assert_eq!(m.random[0].sd, 0.0);
    assert!(
        (m.criterion - 123.55499339030372).abs() < 1e-6,
        "{}",
        m.criterion
    );
    close("intercept", m.fixed[0].estimate, 19.766916666666649, 1e-5);
    close("visit", m.fixed[1].estimate, 0.4448333333333418, 1e-5);
    close("se intercept", m.fixed[0].se, 0.2052919249666722, 1e-4);
    close("se visit", m.fixed[1].se, 0.10973314964237008, 1e-4);
    close("sigma", m.sigma, 0.84998932218357148, 1e-4);
    assert_eq!(m.mode("Q01", "(Intercept)"), Some(0.0));
}

#[test]
fn quadratic_reml_three_correlated_effects() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R, section 6), options(digits = 17):
    //   qd <- read.csv("quadratic.csv")
    //   m <- lmer(y ~ t + t2 + (t + t2 | id), qd,
    //             control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
    //   REMLcrit(m); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); nobs(m); ngrps(m)
    //   ranef(m)[[1]][c(1, nrow(ranef(m)[[1]])), ]; fitted(m)[c(1, nobs(m))]
    Reference {
        file: "quadratic.csv",
        formula: "y ~ t + t2 + (t + t2 | id)",
        reml: true,
        criterion: 899.26823229137312,
        fixed: &[
            ("(Intercept)", 30.122169791666124, 0.2936232744972912),
            ("t", 1.055427232142172, 0.10272778325700366),
            ("t2", -0.11500461309517633, 0.011989988012348745),
        ],
        sigma: 0.51924208687001838,
        sd: &[
            1.8048849498448249,
            0.58057180665279884,
            0.064386000930891682,
        ],
        corr: &[
            0.037216845597174975,
            -0.049037337342944534,
            0.20519403385338122,
        ],
        log_lik_aic_bic: [-449.63411614568656, 919.26823229137312, 956.95144224931084],
        n_obs: 320,
        n_groups: 40,
        ranef: [
            (
                "R01",
                &[
                    -2.3236199298602083,
                    0.035110752003791788,
                    0.0040806849093201585,
                ],
            ),
            (
                "R40",
                &[
                    -1.6165885688601025,
                    -0.35819404417126843,
                    -0.015325414115018331,
                ],
            ),
        ],
        fitted_first_last: [27.798549861805917, 27.000042205302812],
    }
    .check(TOLERANCE);
}

#[test]
fn optimiser_trap_reaches_the_lower_optimum() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_data.R, section 7), options(digits = 17):
    //   ot <- read.csv("optimiser_trap.csv")
    //   deviance(lmer(y ~ x + (x | g), ot, REML = FALSE))  # default nloptwrap: 899.62409295642647
    //   m <- lmer(y ~ x + (x | g), ot, REML = FALSE,
    //             control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5)))
    //   deviance(m); fixef(m); sqrt(diag(vcov(m))); sigma(m); as.data.frame(VarCorr(m))$sdcor
    //   (singular: theta = 0.068132864557184619, 0.23700908331147591, 0; correlation 1)
    let reference = Reference {
        file: "optimiser_trap.csv",
        formula: "y ~ x + (x | g)",
        reml: false,
        criterion: 899.36730802821819,
        fixed: &[
            ("(Intercept)", 5.102176327119734, 0.14426461578357522),
            ("x", 0.38032720940552783, 0.04271939247765031),
        ],
        sigma: 1.0539114676162833,
        sd: &[0.071806007278363893, 0.24978659083118754],
        corr: &[1.0],
        log_lik_aic_bic: [-449.68365401410909, 911.36730802821819, 932.80023222128477],
        n_obs: 263,
        n_groups: 60,
        ranef: [
            ("G01", &[-0.020643963550635809, -0.071812728099009113]),
            ("G60", &[-0.13955604775474312, -0.48546397049199586]),
        ],
        fitted_first_last: [6.4852732535137587, 3.9217663446089581],
    };
    reference.check(TOLERANCE);
    let m = reference.fit();
    assert!(m.singular);
    assert!(m.criterion < 899.62409295642647 - 0.25);
}

#[test]
fn numeric_column_as_factor_is_named_and_coded_as_r_does() {
    // R 4.2.2, lme4 1.1.31, options(digits = 17):
    //   ss <- read.csv("sleepstudy.csv"); ss$Subject <- factor(ss$Subject)
    //   m <- lmer(Reaction ~ factor(Days) + (1 | Subject), ss)
    //   names(fixef(m)): "(Intercept)" "factor(Days)1" ... "factor(Days)9"
    //   REMLcrit(m); fixef(m)[c(1, 2, 10)]; sigma(m)
    //   1729.4925602367023 256.65180555555554 7.8439499999994187 94.199416666666053 31.425920617245538
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sleepstudy.csv");
    let m = fit_csv(&path, "Reaction ~ factor(Days) + (1 | Subject)", true).expect("fits");
    let names: Vec<&str> = m.fixed.iter().map(|f| f.term.as_str()).collect();
    assert_eq!(
        names[..3],
        ["(Intercept)", "factor(Days)1", "factor(Days)2"]
    );
    assert_eq!(names.len(), 10);
    assert_eq!(names[9], "factor(Days)9");
    assert!(
        (m.criterion - 1729.4925602367023).abs() < 1e-6,
        "{}",
        m.criterion
    );
    close("intercept", m.fixed[0].estimate, 256.65180555555554, 1e-5);
    close(
        "factor(Days)1",
        m.fixed[1].estimate,
        7.8439499999994187,
        1e-5,
    );
    close(
        "factor(Days)9",
        m.fixed[9].estimate,
        94.199416666666053,
        1e-5,
    );
    close("sigma", m.sigma, 31.425920617245538, 1e-4);
}
