//! `trialstats meta glmm --mods`: the binomial–normal meta-regression of 2×2 tables (metafor's
//! `rma.glmm(measure = "OR", mods = ~ ..., model = "UM.FS")`) against R 4.2.2, metafor 3.8-1
//! and lme4. Every number comes from `Rscript benches/meta_glmm_mods_reference.R` (its output:
//! tests/data/meta_glmm_mods_reference_output.txt), with the R call next to it.
//!
//! The data sets: dat.bcg (tests/data/bcg_raw.csv) with the numeric `ablat`, the categorical
//! `alloc` (three levels: alternate, random, systematic) and both; dat.nielweise2007
//! (tests/data/tables/nielweise2007_year.csv, metadat's with its `year`) with `year`: rare
//! events, zero cells, one table with no events at all (left out), and a moderator of size
//! 2000 next to the intercept.
//!
//! What the references are, and why:
//! - With τ² = 0 at the ML optimum (dat.bcg ~ ablat and ~ ablat + alloc: metafor's ML fit gives
//!   τ² = 3.2e-14 and 0, every glmer optimiser 0), the ML model is the GLM, the fixed-effect
//!   model, whose estimates and covariance glm gives exactly once it is run to convergence
//!   (`glmCtrl = list(epsilon = 1e-14)`; at glm's default 1e-8 its vcov is off by 1e-6). These
//!   agree to 1e-8 (β) and 3e-8 (SEs, QM).
//! - With τ² > 0, lme4's own deviance function (`glmer(devFunOnly = TRUE)`, nAGQ = 7), its
//!   optimum refined from the best of three glmer optimisers by Newton steps on numDeriv's
//!   gradient and Hessian, and the SEs from that Hessian. metafor's printed SEs come from lme4's
//!   vcov (a Hessian by differences of step 1e-4 on a deviance whose inner iterations stop at
//!   tolPwrss = 1e-7) and are 5e-4 from these. On Nielweise ~ year the refined optimum is
//!   sharp and we agree to 1e-8; dat.bcg ~ alloc is so flat that glmer's optimisers stop 3e-5
//!   apart in β and the refinement's gradient stays at 1e-5 (the deviance's noise): there we
//!   agree to 1e-5 (β; 2e-6 absolute) and 5e-6 (SEs). In all four models lme4's deviance at
//!   our estimates (study intercepts profiled in R) is at or below its value at R's refined
//!   optimum (25.013852348877791 vs 25.013852348907474, 37.021284092217932 vs
//!   37.021284092238496, 24.129042504600637 vs 24.129042504622170, 24.275884503278444 vs
//!   24.275884503278469): ours is the better optimum.
//! - The log-likelihood is the marginal one with the binomial coefficients (as `meta glmm`
//!   without moderators): lme4's logLik plus the arms' saturated log-likelihood.
//! - `--model CM.EL` (metafor's `model = "CM.EL"`): see [`conditional_model_with_moderators`];
//!   β, SEs, τ², QM to 1e-7 or better (5e-7 for the SEs where τ² = 0.003), log-likelihoods to
//!   1e-12.

use crate::common::assert_close as close;
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use trialstats::csv_file::CsvFile;
use trialstats::level::ConfidenceLevel;
use trialstats::meta::models::Tables;
use trialstats::meta::models::binomial_normal::{
    BinomialNormalFit, Estimation, fit_with_moderators,
};

const BCG: &str = "tests/data/bcg_raw.csv";
const NIELWEISE: &str = "tests/data/tables/nielweise2007_year.csv";

fn fit(path: &str, mods: &[&str], estimation: Estimation) -> BinomialNormalFit {
    let file = CsvFile::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let tables = Tables::read(&file, None).unwrap();
    let names: Vec<String> = mods.iter().map(|m| m.to_string()).collect();
    let moderators = Tables::moderators(&file, &names).unwrap();
    fit_with_moderators(
        &tables,
        &moderators,
        estimation,
        ConfidenceLevel::new(0.95).unwrap(),
    )
    .unwrap()
}

/// The reference of one model: coefficient names, β, SEs, τ², QM and its p-value.
struct Want<'a> {
    names: &'a [&'a str],
    beta: &'a [f64],
    se: &'a [f64],
    tau2: f64,
    qm: f64,
    qm_p: f64,
}

/// Compare every coefficient (estimate, SE, z, p, CI from the SE) and the moderator test.
fn check(f: &BinomialNormalFit, want: &Want, rel_beta: f64, rel_se: f64) {
    let names: Vec<&str> = f.coefficients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, want.names);
    for (j, c) in f.coefficients.iter().enumerate() {
        let t = &c.tested;
        close(
            &format!("beta {}", c.name),
            t.estimate,
            want.beta[j],
            rel_beta,
        );
        close(&format!("se {}", c.name), t.se, want.se[j], rel_se);
        close(
            &format!("z {}", c.name),
            t.statistic,
            want.beta[j] / want.se[j],
            rel_beta + rel_se,
        );
        let half = 1.959963984540054 * want.se[j];
        for (got, w) in [
            (t.ci_lower, want.beta[j] - half),
            (t.ci_upper, want.beta[j] + half),
        ] {
            assert!(
                (got - w).abs() <= rel_beta * want.beta[j].abs() + rel_se * half,
                "ci {}: {got} vs {w}",
                c.name
            );
        }
    }
    assert_eq!(f.pooled, f.coefficients[0].tested);
    assert!(f.ratio.is_none(), "no pooled OR with moderators");
    if want.tau2 == 0.0 {
        assert_eq!(f.tau2, 0.0);
    } else {
        close("tau2", f.tau2, want.tau2, rel_beta);
    }
    assert_eq!(f.qm_df, Some(want.names.len() - 1));
    close("QM", f.qm.unwrap(), want.qm, rel_se);
    // the p-value moves with QM: d log p / d QM is about 1/2 for a large QM
    close("QMp", f.qm_p.unwrap(), want.qm_p, rel_se * want.qm.max(1.0));
}

#[test]
fn numeric_moderator_at_tau2_zero_is_the_glm() {
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ ablat, data = bcg, model = "UM.FS", method = "ML", control = list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-10, maxfun = 1e5))))
    // gives tau2 = 3.1889140430837337e-14 (glmer with Nelder_Mead and nloptwrap: 0), so the ML
    // model is the fixed-effect one:
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ ablat, data = bcg, model = "UM.FS", method = "EE", control = list(glmCtrl = list(epsilon = 1e-14, maxit = 1000)))
    let want = Want {
        names: &["intrcpt", "ablat"],
        beta: &[0.398859044978594035, -0.033329144159816124],
        se: &[0.082214418636978426, 0.002785363302905386],
        tau2: 0.0,
        qm: 143.18074725407251,
        qm_p: 5.3667523713347055e-33,
    };
    let ml = fit(BCG, &["ablat"], Estimation::RandomEffects);
    check(&ml, &want, 1e-8, 3e-8);
    let ee = fit(BCG, &["ablat"], Estimation::FixedEffect);
    check(&ee, &want, 1e-8, 3e-8);
    assert!(ml.warnings.is_empty(), "{:?}", ml.warnings);
    // rma.glmm(..., mods = ~ ablat, data = bcg, model = "UM.FS", method = "EE", control = list(glmerCtrl = ...)):
    // QE.Wld, QEp.Wld, QE.LRT, QEp.LRT on k - p = 11 df; logLik (the glm's)
    for f in [&ml, &ee] {
        assert_eq!((f.k, f.qe_df), (13, 11));
        close("QE.Wld", f.qe_wald.unwrap(), 25.095417669800852, 1e-9);
        close(
            "QEp.Wld",
            f.qe_wald_p.unwrap(),
            8.8279205152821047e-03,
            1e-8,
        );
        close("QE.LRT", f.qe_lrt, 25.013852348909126, 1e-9);
        close("QEp.LRT", f.qe_lrt_p, 9.0742105261268999e-03, 1e-8);
        close("logLik", f.log_likelihood, -81.677870523188773, 1e-10);
    }
    // metafor's ML fit itself (lme4's estimates and vcov): beta, se, QM
    for (got, want, rel) in [
        (
            ml.coefficients[0].tested.estimate,
            0.398859053407103814,
            1e-7,
        ),
        (
            ml.coefficients[1].tested.estimate,
            -0.033329144011684471,
            1e-7,
        ),
        (ml.coefficients[0].tested.se, 0.0822143361588675292, 2e-6),
        (ml.coefficients[1].tested.se, 0.0027853591303467016, 2e-6),
        (ml.qm.unwrap(), 143.18117496049831, 4e-6),
    ] {
        close("metafor ML", got, want, rel);
    }
}

#[test]
fn numeric_and_categorical_moderators_at_tau2_zero() {
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ ablat + alloc, data = bcg, model = "UM.FS", method = "ML", control = list(glmerCtrl = list(optimizer = "bobyqa", optCtrl = list(rhobeg = 2e-4, rhoend = 1e-10, maxfun = 1e5))))
    // gives tau2 = 0, so the reference is the fixed-effect model:
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ ablat + alloc, data = bcg, model = "UM.FS", method = "EE", control = list(glmCtrl = list(epsilon = 1e-14, maxit = 1000)))
    let want = Want {
        names: &["intrcpt", "ablat", "allocrandom", "allocsystematic"],
        beta: &[
            0.505284034903743406,
            -0.034485347333634862,
            -0.087091803291020925,
            -0.131359908327112057,
        ],
        se: &[
            0.1532811906516737821,
            0.0031648233613154981,
            0.1207218863968847200,
            0.1415406111544093570,
        ],
        tau2: 0.0,
        qm: 143.29013323975457,
        qm_p: 7.3788874023298414e-31,
    };
    let ml = fit(BCG, &["ablat", "alloc"], Estimation::RandomEffects);
    check(&ml, &want, 2e-8, 3e-8);
    let ee = fit(BCG, &["ablat", "alloc"], Estimation::FixedEffect);
    check(&ee, &want, 2e-8, 3e-8);
    // rma.glmm(..., method = "EE", control = list(glmerCtrl = ...)): QE.Wld, QE.LRT on 9 df, logLik
    for f in [&ml, &ee] {
        assert_eq!(f.qe_df, 9);
        close("QE.Wld", f.qe_wald.unwrap(), 24.328112919294245, 1e-9);
        close(
            "QEp.Wld",
            f.qe_wald_p.unwrap(),
            3.8116285821686341e-03,
            1e-8,
        );
        close("QE.LRT", f.qe_lrt, 24.129042504650897, 1e-9);
        close("QEp.LRT", f.qe_lrt_p, 4.1018923158526281e-03, 1e-8);
        close("logLik", f.log_likelihood, -81.235465601059659, 1e-10);
    }
}

#[test]
fn categorical_moderator_with_tau2() {
    // dat.bcg ~ alloc, ML. The reference: lme4's deviance of
    // glmer(cbind(xi, mi) ~ -1 + X.fit + study + (group - 1 | study), nAGQ = 7) (the model
    // rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ alloc, data = bcg, model = "UM.FS", method = "ML") fits),
    // at its optimum refined by Newton steps with numDeriv from glmer's best (nloptwrap), and
    // the SEs and QM from numDeriv's Hessian there ("precise:" in the reference output).
    let want = Want {
        names: &["intrcpt", "allocrandom", "allocsystematic"],
        beta: &[
            -0.61455630913753045,
            -0.35611742033141180,
            0.16635334655928261,
        ],
        se: &[
            0.38916039063831681,
            0.45958956111763549,
            0.49548209607537158,
        ],
        tau2: 0.27289703225856227,
        qm: 1.88430981753864168,
        qm_p: 0.38978697432536058,
    };
    let f = fit(BCG, &["alloc"], Estimation::RandomEffects);
    // The likelihood is flat: glmer's optimisers stop 3e-5 apart in β and R's refined optimum
    // is fixed to about 2e-6 (absolute); lme4's deviance at our estimates is 2e-11 below its
    // value there. So β to 1e-5 relative (8e-6 on allocsystematic, 0.166), SEs to 5e-6.
    check(&f, &want, 1e-5, 5e-6);
    close("tau2", f.tau2, want.tau2, 1e-6);
    // logLik of that fit with the binomial coefficients (lme4's -deviance/2 plus the arms'
    // saturated log-likelihood), at R's refined optimum
    close("logLik", f.log_likelihood, -87.68158639485345418, 1e-11);
    // rma.glmm(..., mods = ~ alloc, ..., method = "ML", control = list(glmerCtrl = ...)): QE.Wld, QE.LRT on 10 df
    assert_eq!(f.qe_df, 10);
    close("QE.Wld", f.qe_wald.unwrap(), 137.07283974529690, 1e-9);
    close("QE.LRT", f.qe_lrt, 154.74694735067746, 1e-9);
    close("QEp.LRT", f.qe_lrt_p, 3.9266646447692470e-28, 1e-7);
    // metafor's fit itself: beta, se (lme4's vcov), tau2, QM
    let metafor_beta = [
        -0.61455771028470485,
        -0.35611878744656844,
        0.16634035480336687,
    ];
    let metafor_se = [
        0.38897796821075381,
        0.45936646909809681,
        0.49532000547557442,
    ];
    for (j, c) in f.coefficients.iter().enumerate() {
        assert!(
            (c.tested.estimate - metafor_beta[j]).abs() < 2e-5,
            "{}",
            c.name
        );
        close("metafor se", c.tested.se, metafor_se[j], 6e-4);
    }
    close("metafor tau2", f.tau2, 2.7289630483214661e-01, 1e-5);
    close("metafor QM", f.qm.unwrap(), 1.8847570549105699, 6e-4);
    // The fixed-effect model: rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ alloc, data = bcg, model = "UM.FS", method = "EE", control = list(glmCtrl = list(epsilon = 1e-14, maxit = 1000)))
    let ee = fit(BCG, &["alloc"], Estimation::FixedEffect);
    check(
        &ee,
        &Want {
            names: &["intrcpt", "allocrandom", "allocsystematic"],
            beta: &[
                -0.84900172668520579,
                0.49281251610745730,
                0.40511982089348375,
            ],
            se: &[
                0.091555489475078994,
                0.105901995985817440,
                0.130663816353659118,
            ],
            tau2: 0.0,
            qm: 21.780051260125660,
            qm_p: 1.8643264497352972e-05,
        },
        1e-8,
        3e-8,
    );
    // rma.glmm(..., method = "EE", control = list(glmerCtrl = ...)): logLik (the glm's)
    close("logLik EE", ee.log_likelihood, -146.54441802407294, 1e-10);
}

#[test]
fn rare_events_with_a_year_moderator() {
    // dat.nielweise2007 ~ year, ML: lme4's refined optimum as for dat.bcg ~ alloc (the model of
    // rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, mods = ~ year, data = niel, model = "UM.FS", method = "ML")).
    let want = Want {
        names: &["intrcpt", "year"],
        beta: &[-298.44193152083255427, 0.14854398848982575],
        se: &[164.818419912926174220, 0.082363715793479925],
        tau2: 0.154425838503648216,
        qm: 3.252657228602415351,
        qm_p: 0.071307768861234633,
    };
    let f = fit(NIELWEISE, &["year"], Estimation::RandomEffects);
    check(&f, &want, 1e-8, 1e-8);
    assert_eq!((f.k, f.k_dropped, f.qe_df), (17, 1, 15));
    close("logLik", f.log_likelihood, -53.769680162150805813, 1e-12);
    // rma.glmm(..., mods = ~ year, data = niel, model = "UM.FS", method = "ML", control = list(glmerCtrl = ...)): QE.LRT
    close("QE.LRT", f.qe_lrt, 24.635261937576984792, 1e-9);
    close("QEp.LRT", f.qe_lrt_p, 0.055061387297065383, 1e-8);
    // zero cells: the saturated model's Wald test is not reported (metafor's 10.2333 is where
    // glm's iterations stopped on an infinite estimate)
    assert!(f.qe_wald.is_none());
    // metafor's own: beta to 1.2e-7 (its bobyqa stop), se (lme4's vcov) to 1e-6
    for (j, (b, se)) in [
        (-298.44196613203172319, 164.81825795569548632),
        (0.14854400572441628, 0.08236363485114373),
    ]
    .into_iter()
    .enumerate()
    {
        close("metafor beta", f.coefficients[j].tested.estimate, b, 2e-7);
        close("metafor se", f.coefficients[j].tested.se, se, 2e-6);
    }
    // rma.glmm(..., mods = ~ year, data = niel, model = "UM.FS", method = "EE", control = list(glmCtrl = list(epsilon = 1e-14, maxit = 1000)))
    let ee = fit(NIELWEISE, &["year"], Estimation::FixedEffect);
    check(
        &ee,
        &Want {
            names: &["intrcpt", "year"],
            beta: &[-302.43224596653760727, 0.15053173351827029],
            se: &[150.78715014459669419, 0.07534567902444092],
            tau2: 0.0,
            qm: 3.991530238280903919,
            qm_p: 0.045729515540696708,
        },
        1e-8,
        1e-8,
    );
    close(
        "logLik EE",
        ee.log_likelihood,
        -53.949368879553361467,
        1e-11,
    );
}

fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("trialstats")
        .unwrap()
        .args(["meta", "glmm"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn moderators_from_the_command_line() {
    let out = run(&[BCG, "--mods", "alloc", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let coefficients = j["coefficients"].as_array().unwrap();
    let names: Vec<&str> = coefficients
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["intrcpt", "allocrandom", "allocsystematic"]);
    // the refined lme4 optimum of categorical_moderator_with_tau2
    close(
        "beta",
        coefficients[2]["estimate"].as_f64().unwrap(),
        0.16635334655928261,
        1e-5,
    );
    close(
        "se",
        coefficients[2]["se"].as_f64().unwrap(),
        0.49548209607537158,
        5e-6,
    );
    assert_eq!(j["qm_df"], 2);
    close("QM", j["qm"].as_f64().unwrap(), 1.88430981753864168, 5e-6);
    assert!(j.get("ratio").is_none());
    // the table: every coefficient, QM and the residual heterogeneity
    let out = run(&[BCG, "--mods", "ablat,alloc"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for s in [
        "Mixed-effects",
        "allocsystematic",
        "ablat",
        "QM(df = 3)",
        "residual heterogeneity (9 df)",
    ] {
        assert!(text.contains(s), "{s} not in\n{text}");
    }
    // without --mods, the intercept-only output keeps its pooled OR
    let out = run(&[BCG, "--format", "json"]);
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(j["ratio"]["estimate"].is_f64());
    assert!(j.get("qm").is_none());
}

fn bad(args: &[&str], says: &[&str]) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    for s in says {
        assert!(err.contains(s), "{args:?}: '{s}' not in {err}");
    }
}

#[test]
fn bad_moderators_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bcg = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(BCG)).unwrap();
    let with = |name: &str, column: &dyn Fn(usize) -> String| -> String {
        let mut out = String::new();
        for (i, line) in bcg.lines().enumerate() {
            let cell = if i == 0 {
                "\"m\"".to_string()
            } else {
                column(i)
            };
            out.push_str(&format!("{line},{cell}\n"));
        }
        let path = dir.path().join(name);
        std::fs::write(&path, out).unwrap();
        path.to_str().unwrap().to_string()
    };
    // an unknown column, named
    bad(&[BCG, "--mods", "latitude"], &["latitude", "--mods"]);
    // a constant moderator: the model matrix is not of full rank
    let constant = with("constant.csv", &|_| "5".to_string());
    bad(&[&constant, "--mods", "m"], &["not of full rank"]);
    // a moderator equal to a combination of others (m = 2 * ablat)
    let ablat: Vec<String> = bcg
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').nth(1).unwrap().to_string())
        .collect();
    let twice = with("twice.csv", &|i| {
        (2.0 * ablat[i - 1].parse::<f64>().unwrap()).to_string()
    });
    bad(&[&twice, "--mods", "ablat,m"], &["not of full rank"]);
    // a categorical moderator with one level
    let one = with("one.csv", &|_| "x".to_string());
    bad(&[&one, "--mods", "m"], &["one level only"]);
    // a missing value: its line and column
    let missing = with("missing.csv", &|i| {
        if i == 4 { "NA".into() } else { "1".into() }
    });
    bad(&[&missing, "--mods", "m"], &[":5: column m", "missing"]);
    // more coefficients than the studies allow (13 studies, 13 levels)
    let each = with("each.csv", &|i| format!("s{i}"));
    bad(&[&each, "--mods", "m"], &["coefficients", "13 studies"]);
    // the conditional model checks its model matrix the same way
    bad(
        &[&constant, "--model", "CM.EL", "--mods", "m"],
        &["not of full rank"],
    );
    bad(
        &[BCG, "--model", "CM.EL", "--mods", "latitude"],
        &["latitude"],
    );
}

fn fit_conditional(path: &str, mods: &[&str], estimation: Estimation) -> BinomialNormalFit {
    let file = CsvFile::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let tables = Tables::read(&file, None).unwrap();
    let names: Vec<String> = mods.iter().map(|m| m.to_string()).collect();
    let moderators = Tables::moderators(&file, &names).unwrap();
    trialstats::meta::models::conditional_binomial_normal::fit_with_moderators(
        &tables,
        &moderators,
        estimation,
        ConfidenceLevel::new(0.95).unwrap(),
    )
    .unwrap()
}

/// `--model CM.EL --mods`. The references (`Rscript benches/meta_glmm_mods_cmel_reference.R`,
/// output in tests/data/meta_glmm_mods_cmel_reference_output.txt, "precise"): the conditional
/// likelihood written out in R from its definition (noncentral hypergeometric probabilities
/// from lchoose, integrated against the normal by integrate at rel.tol 1e-12), maximised by
/// optim and refined by Newton steps on numDeriv's derivatives, SEs and QM from numDeriv's
/// Hessian; and metafor's own rma.glmm(..., model = "CM.EL", control = list(dnchgcalc =
/// "dnoncenhypergeom", optCtrl = list(reltol = 1e-12))), whose integrals (rel.tol 1.2e-4) and
/// numerical Hessian leave its SEs 3e-3 from the precise ones.
#[test]
fn conditional_model_with_moderators() {
    // dat.bcg ~ alloc. rma.glmm(measure = "OR", ai = ai, bi = bi, ci = ci, di = di, mods = ~ alloc, data = bcg, model = "CM.EL", method = "ML", ...): precise
    let names = ["intrcpt", "allocrandom", "allocsystematic"];
    let ml = fit_conditional(BCG, &["alloc"], Estimation::RandomEffects);
    check(
        &ml,
        &Want {
            names: &names,
            beta: &[
                -0.61564682043348073,
                -0.36996676981075788,
                0.16555446115610764,
            ],
            se: &[
                0.39918427541630597,
                0.47145567370482011,
                0.50811864725660705,
            ],
            tau2: 0.28840819437634346,
            qm: 1.88920343174455008,
            qm_p: 0.38883440663787527,
        },
        1e-7,
        1e-7,
    );
    close("logLik", ml.log_likelihood, -47.41343922590354509, 1e-12);
    // metafor's own fit: beta, se, tau2, logLik, QE.LRT (k - p = 10 df)
    let metafor_beta = [
        -0.61564700543040485,
        -0.36996664959428133,
        0.16555473565161330,
    ];
    let metafor_se = [
        0.40051490582749494,
        0.47283455710267241,
        0.51006620618896803,
    ];
    for (j, c) in ml.coefficients.iter().enumerate() {
        close("metafor beta", c.tested.estimate, metafor_beta[j], 2e-6);
        close("metafor se", c.tested.se, metafor_se[j], 4e-3);
    }
    close("metafor tau2", ml.tau2, 2.8840831969890418e-01, 1e-6);
    close(
        "metafor logLik",
        ml.log_likelihood,
        -47.413439232035330,
        1e-9,
    );
    assert_eq!(ml.qe_df, 10);
    close("QE.LRT", ml.qe_lrt, 154.68050498440510, 1e-9);
    close("QEp.LRT", ml.qe_lrt_p, 4.0524292481986856e-28, 1e-7);
    // rma.glmm(..., mods = ~ alloc, data = bcg, model = "CM.EL", method = "EE", ...): precise
    let ee = fit_conditional(BCG, &["alloc"], Estimation::FixedEffect);
    check(
        &ee,
        &Want {
            names: &names,
            beta: &[
                -0.84874561799043469,
                0.49259650271679845,
                0.40489257670867557,
            ],
            se: &[
                0.09154157143630183,
                0.10588847090798616,
                0.13065208130206726,
            ],
            tau2: 0.0,
            qm: 21.766283109006952,
            qm_p: 1.8772048911047100e-05,
        },
        2e-8,
        3e-8,
    );
    close("logLik EE", ee.log_likelihood, -106.92022762118557, 1e-12);

    // dat.bcg ~ ablat, ML: metafor stops with "Cannot fit ML model" (nlminb); precise, from the
    // fixed-effect fit and tau = 0.1. tau^2 is small (0.0031), where the Hessian in tau is
    // hardest to difference on both sides: SEs and QM to 5e-7.
    let ml = fit_conditional(BCG, &["ablat"], Estimation::RandomEffects);
    check(
        &ml,
        &Want {
            names: &["intrcpt", "ablat"],
            beta: &[0.379264161560849633, -0.033013438783504878],
            se: &[0.1286362381460454118, 0.0034477602297240885],
            tau2: 3.1185764121001674e-03,
            qm: 91.686926962300717,
            qm_p: 1.0153344442449498e-21,
        },
        1e-7,
        5e-7,
    );
    close("logLik", ml.log_likelihood, -42.062517224226433, 1e-12);
    // rma.glmm(..., mods = ~ ablat, data = bcg, model = "CM.EL", method = "EE", ...): precise;
    // QE.LRT is metafor's
    let ee = fit_conditional(BCG, &["ablat"], Estimation::FixedEffect);
    check(
        &ee,
        &Want {
            names: &["intrcpt", "ablat"],
            beta: &[0.398706856436468526, -0.033318136478474321],
            se: &[0.0822120761571018127, 0.0027850936599629768],
            tau2: 0.0,
            qm: 143.11389324435507,
            qm_p: 5.5504572870831184e-33,
        },
        1e-8,
        1e-8,
    );
    close("logLik EE", ee.log_likelihood, -42.082417662575409, 1e-12);
    close("QE.LRT", ee.qe_lrt, 25.004885069904503, 1e-9);

    // dat.nielweise2007 ~ year. rma.glmm(measure = "OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, mods = ~ year, data = niel, model = "CM.EL", method = "ML", ...): precise
    let ml = fit_conditional(NIELWEISE, &["year"], Estimation::RandomEffects);
    check(
        &ml,
        &Want {
            names: &["intrcpt", "year"],
            beta: &[-316.82279665040653072, 0.15769199782408133],
            se: &[194.678989054064516040, 0.097288346246994881],
            tau2: 0.45978591864203627,
            qm: 2.62722742207308935,
            qm_p: 0.10504500155267177,
        },
        1e-8,
        1e-8,
    );
    close("logLik", ml.log_likelihood, -23.68257544572692197, 1e-12);
    assert_eq!((ml.k, ml.k_dropped, ml.qe_df), (17, 1, 15));
    close("QE.LRT", ml.qe_lrt, 24.529222109210316205, 1e-9);
    // metafor's own beta (the same optimum) and se
    close(
        "metafor beta",
        ml.coefficients[1].tested.estimate,
        0.15769199850205562,
        1e-8,
    );
    close(
        "metafor se",
        ml.coefficients[1].tested.se,
        0.097285534189156947,
        4e-5,
    );
    // rma.glmm(..., mods = ~ year, data = niel, model = "CM.EL", method = "EE", ...): precise
    let ee = fit_conditional(NIELWEISE, &["year"], Estimation::FixedEffect);
    check(
        &ee,
        &Want {
            names: &["intrcpt", "year"],
            beta: &[-301.13680503930464738, 0.14988684666918478],
            se: &[150.516679383949110616, 0.075210508895592512],
            tau2: 0.0,
            qm: 3.97164105587467064,
            qm_p: 0.04627265537409727,
        },
        1e-8,
        1e-8,
    );
    close("logLik EE", ee.log_likelihood, -24.63443750277213340, 1e-12);
}

/// Without moderators, `--model CM.EL`'s SE comes from the same extrapolated Hessian:
/// dat.nielweise2007, ML, against the precise reference of
/// benches/meta_glmm_mods_cmel_reference.R (its last section; metafor's own SE, 0.350961, is
/// checked at 5e-4 in tests/meta_tables.rs).
#[test]
fn conditional_model_without_moderators_has_a_precise_se() {
    let f = fit_conditional(
        "tests/data/tables/nielweise2007.csv",
        &[],
        Estimation::RandomEffects,
    );
    // niel ~ 1 CM.EL ML precise: beta, se, tau2, logLik
    close("beta", f.pooled.estimate, -1.35315812528784418, 1e-8);
    close("se", f.pooled.se, 0.35104032913542627, 1e-8);
    close("tau2", f.tau2, 0.69345780429036474, 1e-8);
    close("logLik", f.log_likelihood, -24.94445663338636265, 1e-12);
    assert!(f.qm.is_none() && f.ratio.is_some());
}
