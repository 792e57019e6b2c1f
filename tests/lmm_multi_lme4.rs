//! Models with several grouping factors compared with lme4 1.1.31 (R 4.2.2): lme4's
//! Penicillin (crossed: plate × sample), Pastes (nested: cask within batch) and a synthetic
//! data set of patients with correlated intercepts and slopes within sites
//! (`tests/data/make_lmm_multi_data.R`, whose printout is `reference_multi_output.txt`).
//!
//! lme4 was run with minqa's bobyqa and `rhoend = 1e-12`, so its values are the optimum.
//! Tolerances as for one factor: criterion within 1e-6, fixed effects 1e-5 relative,
//! standard deviations, standard errors, conditional modes and fitted values 1e-4.

use crate::common::assert_close as close;
use std::path::Path;
use trialstats::lmm::{LmmFit, compare_csv, fit_csv};

struct Reference {
    file: &'static str,
    formula: &'static str,
    reml: bool,
    criterion: f64,
    theta: &'static [f64],
    fixed: &'static [(&'static str, f64, f64)],
    sigma: f64,
    /// (group, term, sd), in lme4's order (most levels first).
    sd: &'static [(&'static str, &'static str, f64)],
    corr: &'static [f64],
    log_lik_aic_bic: [f64; 3],
    n_obs: usize,
    groups: &'static [(&'static str, usize)],
    /// (group, level, modes of its terms).
    ranef: &'static [(&'static str, &'static str, &'static [f64])],
    fitted_first_last: [f64; 2],
}

fn data(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

impl Reference {
    fn check(&self) -> LmmFit {
        let m = fit_csv(&data(self.file), self.formula, self.reml)
            .expect("the reference model fits")
            .with_ranef();
        assert!(m.converged, "{}: not converged", self.formula);
        let d = m.criterion - self.criterion;
        assert!(
            d.abs() <= 1e-6,
            "{}: criterion {:.17} vs lme4 {:.17} (difference {d:.3e})",
            self.formula,
            m.criterion,
            self.criterion
        );
        assert_eq!(m.theta.len(), self.theta.len());
        for (k, (got, want)) in m.theta.iter().zip(self.theta).enumerate() {
            assert!(
                (got - want).abs() <= 1e-4 * want.abs().max(0.1),
                "theta[{k}]: {got} vs {want}"
            );
        }
        assert_eq!(m.n_obs, self.n_obs);
        let groups: Vec<(&str, usize)> = m
            .grouping_factors
            .iter()
            .map(|g| (g.group.as_str(), g.levels))
            .collect();
        assert_eq!(groups, self.groups);
        assert_eq!(m.fixed.len(), self.fixed.len());
        for (f, (name, est, se)) in m.fixed.iter().zip(self.fixed) {
            assert_eq!(f.term, *name);
            close(&format!("estimate {name}"), f.estimate, *est, 1e-5);
            close(&format!("se {name}"), f.se, *se, 1e-4);
        }
        close("sigma", m.sigma, self.sigma, 1e-4);
        assert_eq!(m.random.len(), self.sd.len());
        for (r, (group, term, sd)) in m.random.iter().zip(self.sd) {
            assert_eq!((r.group.as_str(), r.term.as_str()), (*group, *term));
            close(&format!("sd {group} {term}"), r.sd, *sd, 1e-4);
        }
        assert_eq!(m.correlations.len(), self.corr.len());
        for (c, want) in m.correlations.iter().zip(self.corr) {
            let got = c.corr.expect("defined");
            assert!((got - want).abs() <= 1e-4, "corr {got} vs lme4 {want}");
        }
        let [ll, aic, bic] = self.log_lik_aic_bic;
        assert!((m.log_likelihood - ll).abs() <= 5e-7);
        assert!((m.aic - aic).abs() <= 1e-6);
        assert!((m.bic - bic).abs() <= 1e-6);
        for (group, level, want) in self.ranef {
            let terms: Vec<&str> = m
                .random
                .iter()
                .filter(|r| r.group == *group)
                .map(|r| r.term.as_str())
                .collect();
            for (term, w) in terms.iter().zip(want.iter()) {
                let sd = self
                    .sd
                    .iter()
                    .find(|s| s.0 == *group && s.1 == *term)
                    .unwrap()
                    .2;
                let got = m.mode_of(group, level, term).expect("level exists");
                assert!(
                    (got - w).abs() <= 1e-4 * sd,
                    "ranef {group} {level} {term}: {got} vs lme4 {w}"
                );
            }
        }
        close("first fitted", m.fitted[0], self.fitted_first_last[0], 1e-4);
        close(
            "last fitted",
            *m.fitted.last().unwrap(),
            self.fitted_first_last[1],
            1e-4,
        );
        m
    }
}

#[test]
fn penicillin_crossed_reml() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_multi_data.R), options(digits = 17):
    //   tight <- lmerControl(optimizer = "bobyqa",
    //                        optCtrl = list(rhobeg = 0.2, rhoend = 1e-12, maxfun = 1e5))
    //   pe <- read.csv("penicillin.csv", colClasses = c("numeric", "factor", "factor"))
    //   m <- lmer(diameter ~ 1 + (1 | plate) + (1 | sample), pe, control = tight)
    //   REMLcrit(m); getME(m, "theta"); fixef(m); sqrt(diag(vcov(m))); sigma(m)
    //   as.data.frame(VarCorr(m))$sdcor; logLik(m); AIC(m); BIC(m); ngrps(m)
    //   ranef(m)$plate[c("a", "x"), ]; ranef(m)$sample[c("A", "F"), ]; fitted(m)[c(1, 144)]
    // (lme4's default optimiser stops at 330.86058899960437, 8.5e-9 above.)
    Reference {
        file: "penicillin.csv",
        formula: "diameter ~ 1 + (1 | plate) + (1 | sample)",
        reml: true,
        criterion: 330.86058899108565,
        theta: &[1.5396775319942178, 3.5124152600498588],
        fixed: &[("(Intercept)", 22.972222222229334, 0.80857340092843755)],
        sigma: 0.54992314111899321,
        sd: &[
            ("plate", "(Intercept)", 0.84670430470459934),
            ("sample", "(Intercept)", 1.9315584327209037),
        ],
        corr: &[],
        log_lik_aic_bic: [-165.43029449554282, 338.86058899108565, 350.73984218938966],
        n_obs: 144,
        groups: &[("plate", 24), ("sample", 6)],
        ranef: &[
            ("plate", "a", &[0.80454704160693513]),
            ("plate", "x", &[-1.2197971275981139]),
            ("sample", "A", &[2.1870579675757895]),
            ("sample", "F", &[-3.0037441706742638]),
        ],
        fitted_first_last: [25.963827231412058, 18.748680923956957],
    }
    .check();
}

#[test]
fn penicillin_crossed_ml() {
    // As penicillin_crossed_reml, with REML = FALSE: deviance(m) ...
    Reference {
        file: "penicillin.csv",
        formula: "diameter ~ 1 + (1 | plate) + (1 | sample)",
        reml: false,
        criterion: 332.18834866850057,
        theta: &[1.5375935363929973, 3.2197539800766539],
        fixed: &[("(Intercept)", 22.972222222229917, 0.7445958324288251)],
        sigma: 0.54993219508095714,
        sd: &[
            ("plate", "(Intercept)", 0.84557218861089256),
            ("sample", "(Intercept)", 1.7706463738842027),
        ],
        corr: &[],
        log_lik_aic_bic: [-166.09417433425028, 340.18834866850057, 352.06760186680458],
        n_obs: 144,
        groups: &[("plate", 24), ("sample", 6)],
        ranef: &[
            ("plate", "a", &[0.80440371230608576]),
            ("plate", "x", &[-1.2195798218836855]),
            ("sample", "A", &[2.1856597645928217]),
            ("sample", "F", &[-3.0018238539207864]),
        ],
        fitted_first_last: [25.962285699128824, 18.750818546425442],
    }
    .check();
}

#[test]
fn pastes_nested_reml() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_multi_data.R), `tight` as above:
    //   pa <- read.csv("pastes.csv", colClasses = c("numeric", "factor", "factor", "factor"))
    //   m <- lmer(strength ~ 1 + (1 | batch/cask), pa, control = tight)
    //   (lme4 expands batch/cask into (1 | batch) + (1 | cask:batch))
    //   ranef(m)$`cask:batch`[c("a:A", "c:J"), ]; ranef(m)$batch[c("A", "J"), ]
    Reference {
        file: "pastes.csv",
        formula: "strength ~ 1 + (1 | batch/cask)",
        reml: true,
        criterion: 246.990745853486,
        theta: &[3.5269018423145297, 1.5634604990278786],
        fixed: &[("(Intercept)", 60.053333333335111, 0.67687009725407066)],
        sigma: 0.82340754434535657,
        sd: &[
            ("cask:batch", "(Intercept)", 2.9040775851273208),
            ("batch", "(Intercept)", 1.2873651701855113),
        ],
        corr: &[],
        log_lik_aic_bic: [-123.495372926743, 254.990745853486, 263.3681241023744],
        n_obs: 60,
        groups: &[("cask:batch", 30), ("batch", 10)],
        ranef: &[
            ("cask:batch", "a:A", &[1.7746868696422291]),
            ("cask:batch", "c:J", &[-1.7031213094807771]),
            ("batch", "A", &[0.80064441447048407]),
            ("batch", "J", &[-0.53175329334652988]),
        ],
        fitted_first_last: [62.628664617447825, 57.818458730507807],
    }
    .check();
}

#[test]
fn pastes_nested_ml() {
    // As pastes_nested_reml, with REML = FALSE.
    Reference {
        file: "pastes.csv",
        formula: "strength ~ 1 + (1 | batch/cask)",
        reml: false,
        criterion: 247.99446586242496,
        theta: &[3.5269018263335807, 1.3299120306445784],
        fixed: &[("(Intercept)", 60.053333333333462, 0.64213532731271905)],
        sigma: 0.82340755243497565,
        sd: &[
            ("cask:batch", "(Intercept)", 2.9040776004997793),
            ("batch", "(Intercept)", 1.0950596101068806),
        ],
        corr: &[],
        log_lik_aic_bic: [-123.99723293121248, 255.99446586242496, 264.37184411131335],
        n_obs: 60,
        groups: &[("cask:batch", 30), ("batch", 10)],
        ranef: &[
            ("cask:batch", "a:A", &[1.9255868801356608]),
            ("cask:batch", "c:J", &[-1.8033425512043881]),
            ("batch", "A", &[0.64367882057656445]),
            ("batch", "J", &[-0.42750355402752888]),
        ],
        fitted_first_last: [62.622599034045685, 57.822487228101544],
    }
    .check();
}

#[test]
fn sites_correlated_slopes_reml() {
    // R 4.2.2, lme4 1.1.31 (tests/data/make_lmm_multi_data.R, set.seed(2026)), `tight`:
    //   sy <- read.csv("sites_slopes.csv", colClasses = c("factor", "factor", "numeric", "numeric"))
    //   m <- lmer(alsfrs ~ month + (month | patient) + (1 | site), sy, control = tight)
    //   ranef(m)$patient[c("P01", "P60"), ]; ranef(m)$site[c("S1", "S8"), ]
    // (lme4's default optimiser stops at 1388.3294800314186, 1.3e-7 above.)
    Reference {
        file: "sites_slopes.csv",
        formula: "alsfrs ~ month + (month | patient) + (1 | site)",
        reml: true,
        criterion: 1388.3294799033345,
        theta: &[
            2.2040544952295744,
            -0.090212907916341178,
            0.18650276196408247,
            1.0775447531572679,
        ],
        fixed: &[
            ("(Intercept)", 41.447579345637187, 0.74068401675991113),
            ("month", -0.57066412219760232, 0.048203408602826195),
        ],
        sigma: 1.4859711296697491,
        sd: &[
            ("patient", "(Intercept)", 3.2751613481299793),
            ("patient", "month", 0.3078566725371889),
            ("site", "(Intercept)", 1.6012003941188164),
        ],
        corr: &[-0.43544216723464046],
        log_lik_aic_bic: [-694.16473995166723, 1402.3294799033345, 1428.4628688416187],
        n_obs: 309,
        groups: &[("patient", 60), ("site", 8)],
        ranef: &[
            (
                "patient",
                "P01",
                &[-0.76525767441923687, 0.46366919509414428],
            ),
            ("patient", "P60", &[-2.379573084721927, 0.20134424553402902]),
            ("site", "S1", &[-0.43888105929712629]),
            ("site", "S8", &[1.5249265942985886]),
        ],
        fitted_first_last: [40.13644568481736, 36.53041421191454],
    }
    .check();
}

#[test]
fn sites_correlated_slopes_ml() {
    // As sites_correlated_slopes_reml, with REML = FALSE.
    Reference {
        file: "sites_slopes.csv",
        formula: "alsfrs ~ month + (month | patient) + (1 | site)",
        reml: false,
        criterion: 1385.1412399734022,
        theta: &[
            2.1969063808803115,
            -0.088050046029458817,
            0.18501191520215426,
            0.97467675175665658,
        ],
        fixed: &[
            ("(Intercept)", 41.442718310329319, 0.69871769094195268),
            ("month", -0.57049660186013829, 0.047809912440710707),
        ],
        sigma: 1.4856344527884009,
        sd: &[
            ("patient", "(Intercept)", 3.2637998089864677),
            ("patient", "month", 0.3044000078043963),
            ("site", "(Intercept)", 1.4480133627415765),
        ],
        corr: &[-0.42973120432712197],
        log_lik_aic_bic: [-692.5706199867011, 1399.1412399734022, 1425.2746289116865],
        n_obs: 309,
        groups: &[("patient", 60), ("site", 8)],
        ranef: &[
            (
                "patient",
                "P01",
                &[-0.78715251874249881, 0.46033049270227933],
            ),
            (
                "patient",
                "P60",
                &[-2.2490685053060795, 0.20088908359251756],
            ),
            ("site", "S1", &[-0.39634039574709745]),
            ("site", "S8", &[1.3961916990409897]),
        ],
        fitted_first_last: [40.149059286681869, 36.524158803120407],
    }
    .check();
}

#[test]
fn nested_against_one_factor_matches_anova() {
    // R 4.2.2, lme4 1.1.31 (make_lmm_multi_data.R), `tight` as above:
    //   anova(lmer(strength ~ 1 + (1 | batch), pa, REML = FALSE, control = tight),
    //         lmer(strength ~ 1 + (1 | batch/cask), pa, REML = FALSE, control = tight))
    //   deviance 302.59913073992197, 247.99446586242496; Df 1, Pr(>Chisq) 1.4739e-13
    //   (Chisq, printed rounded as 54.60466, is the difference of the deviances)
    let t = compare_csv(
        &data("pastes.csv"),
        "strength ~ 1 + (1 | batch/cask)",
        "strength ~ 1 + (1 | batch)",
    )
    .expect("both models fit");
    assert_eq!(t.models[0].formula, "strength ~ 1 + (1 | batch)");
    assert_eq!((t.models[0].n_parameters, t.models[1].n_parameters), (3, 4));
    assert!((t.models[0].deviance - 302.59913073992197).abs() < 1e-6);
    assert!((t.models[1].deviance - 247.99446586242496).abs() < 1e-6);
    assert!((t.chisq - (302.59913073992197 - 247.99446586242496)).abs() < 2e-6);
    assert_eq!(t.df, 1);
    close("p", t.p_value, 1.4739e-13, 1e-4);
    // A model whose random terms are not in the other's is refused.
    let e = compare_csv(
        &data("pastes.csv"),
        "strength ~ 1 + (1 | batch)",
        "strength ~ 1 + (1 | sample)",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("not nested"), "{e}");
}
