//! `mmrm` against independent references on mmrm's `fev_data` (tests/data/fev_data.csv):
//! nlme::gls for the fits (estimates, SEs, −2ℓ, the covariance matrix; R calls and printout in
//! benches/mmrm_reference.R and tests/data/mmrm_reference_output.txt), emmeans for the
//! least-squares means, and SAS PROC MIXED's numbers as the openpharma/mmrm test suite holds
//! them (tests/testthat/test-kenwardroger.R, test-satterthwaite.R, design/SAS/*.txt) for the
//! Satterthwaite and Kenward–Roger df.

use crate::common::assert_close_or_within;
use std::path::PathBuf;
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::inference::Ddf;
use trialstats::mmrm::{Mmrm, MmrmOptions, fit_csv};

fn fev(formula: &str, reml: bool, ddf: Ddf) -> Mmrm {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/fev_data.csv");
    let options = MmrmOptions {
        reml,
        ddf,
        level: ConfidenceLevel::default(),
    };
    fit_csv(&path, formula, options).expect("fitted")
}

// Every number agrees with its reference to a relative tolerance, or for a reference below 1 in
// magnitude to the same tolerance absolute (`assert_close_or_within(…, rel, rel)`).

/// Estimates and SEs of nlme::gls; −2ℓ; the covariance matrix (row by row). Covariances are
/// compared relative to the largest variance: gls stops within ~1e-10 of the optimum in −2ℓ,
/// where a small covariance moves ~5e-6 without changing −2ℓ at that precision.
fn check_against_gls(m: &Mmrm, crit: f64, beta: &[f64], se: &[f64], cov: &[f64]) {
    assert!(m.fit.converged);
    // gls (opt = "optim") stops within ~1e-10 of the optimum in −2ℓ; its estimates within
    // ~1e-7 relative.
    assert_close_or_within("-2logLik", m.fit.criterion, crit, 1e-11, 1e-11);
    for (j, f) in m.fit.fixed.iter().enumerate() {
        assert_close_or_within(
            &format!("{} estimate", f.term),
            f.estimate,
            beta[j],
            1e-6,
            1e-6,
        );
        assert_close_or_within(&format!("{} se", f.term), f.se, se[j], 1e-6, 1e-6);
    }
    let v = m.fit.visits.len();
    let scale = cov.iter().fold(0.0f64, |s, c| s.max(c.abs()));
    for a in 0..v {
        for b in 0..v {
            let err = (m.fit.covariance[a][b] - cov[a * v + b]).abs() / scale;
            assert!(
                err < 1e-6,
                "cov[{a},{b}]: {} vs {} ({err:e})",
                m.fit.covariance[a][b],
                cov[a * v + b]
            );
        }
    }
}

const FULL: &str = "FEV1 ~ RACE + SEX + ARMCD * AVISIT + us(AVISIT | USUBJID)";

#[test]
fn unstructured_reml_equals_gls() {
    // gls(FEV1 ~ RACE + SEX + ARMCD * AVISIT, correlation = corSymm(form = ~ vis | USUBJID),
    //     weights = varIdent(form = ~ 1 | AVISIT), method = "REML", na.action = na.omit)
    let m = fev(FULL, true, Ddf::None);
    check_against_gls(
        &m,
        3386.44987116239,
        &[
            31.1034335198977487,
            1.5305950861172624,
            5.6435677320610260,
            -0.3260267325176630,
            3.7744141912449329,
            4.8396038328504956,
            10.3421671641672859,
            15.0537861877787105,
            -0.0420899205766218,
            -0.6938069437655718,
            0.6241226693554798,
        ],
        &[
            0.855656248874970,
            0.624459294872548,
            0.665589591358040,
            0.531935722323928,
            1.074160845117026,
            0.801726639574086,
            0.822687923593138,
            1.312884238760497,
            1.129332082242214,
            1.187637553386568,
            1.850960560564468,
        ],
        &[
            40.55444360156930,
            14.39596887954730,
            4.976043791113530,
            13.377869916493999,
            14.39596887954730,
            26.57142169357350,
            2.783614071737260,
            7.477324779449860,
            4.97604379111353,
            2.78361407173726,
            14.897956128131399,
            0.903558727331295,
            13.37786991649400,
            7.47732477944986,
            0.903558727331295,
            95.556540265487300,
        ],
    );
    // SAS PROC MIXED (mmrm design/SAS/sas_log_reml.txt): -2 Res Log Like 3386.44987722 at
    // its last iteration, AIC 3406.4 (10 covariance parameters).
    assert_close_or_within("AIC", m.fit.aic, 3386.44987116239 + 20.0, 1e-12, 1e-12);
    assert_eq!((m.fit.n_obs, m.fit.n_subjects), (537, 197));
}

#[test]
fn unstructured_ml_equals_gls() {
    // As above, method = "ML". gls's ML standard errors are (XᵀΣ⁻¹X)⁻¹ scaled by N/(N − p)
    // (its σ² is re-estimated with the REML divisor); SAS and mmrm report the unscaled ones,
    // so the gls SEs below are multiplied by sqrt((537 − 11)/537).
    let m = fev(FULL, false, Ddf::None);
    let unscale = ((537.0 - 11.0) / 537.0f64).sqrt();
    let gls_se = [
        0.855194487957396,
        0.620987581487001,
        0.661654314120333,
        0.528932118208131,
        1.075182739684583,
        0.803091728655912,
        0.824131480206312,
        1.316241110215442,
        1.131277909439494,
        1.189620936004541,
        1.855776524338435,
    ];
    let se: Vec<f64> = gls_se.iter().map(|s| s * unscale).collect();
    check_against_gls(
        &m,
        3397.5721965602,
        &[
            31.1021909234551615,
            1.5361154496981668,
            5.6435985494665113,
            -0.3273691361660542,
            3.7750358939813951,
            4.8375910657234718,
            10.3458434675300808,
            15.0480130403986827,
            -0.0392043735365114,
            -0.6922106362021427,
            0.6250294923462838,
        ],
        &se,
        &[
            39.77632507744670,
            14.04338723673480,
            4.724050660460080,
            12.985596736837699,
            14.04338723673480,
            26.00048154657840,
            2.541290442156030,
            7.213924077121800,
            4.72405066046008,
            2.54129044215603,
            14.463301139415901,
            0.662072529365985,
            12.98559673683770,
            7.21392407712180,
            0.662072529365985,
            93.926421894085394,
        ],
    );
}

#[test]
fn compound_symmetry_equals_gls() {
    // gls(FEV1 ~ RACE + SEX + ARMCD * AVISIT, correlation = corCompSymm(form = ~ vis | USUBJID),
    //     method = "REML")
    let m = fev(
        "FEV1 ~ RACE + SEX + ARMCD * AVISIT + cs(AVISIT | USUBJID)",
        true,
        Ddf::None,
    );
    let (var, cov) = (44.47261390953100, 7.51119555252632);
    let mut want = [cov; 16];
    for a in 0..4 {
        want[a * 5] = var;
    }
    check_against_gls(
        &m,
        3522.04294891894,
        &[
            31.550132980312224,
            0.574500145742517,
            5.486916419347654,
            -0.333135253704443,
            3.437676450350540,
            4.845528882125610,
            10.245450093284729,
            15.078338653898690,
            0.249167449151065,
            -0.621575104184076,
            0.780116826555064,
        ],
        &[
            0.948844313431270,
            0.781956675228118,
            0.851779687059656,
            0.669824961583681,
            1.150718832339883,
            1.064133631257508,
            1.058542183111206,
            1.076658339607101,
            1.502915713143038,
            1.544553579952231,
            1.522018853346487,
        ],
        &want,
    );
}

#[test]
fn intercept_only_unstructured_equals_gls_and_sas() {
    // gls(FEV1 ~ 1, corSymm + varIdent, REML): -2logLik 3700.94647928773.
    let m = fev("FEV1 ~ us(AVISIT | USUBJID)", true, Ddf::Satterthwaite);
    assert_close_or_within("-2logLik", m.fit.criterion, 3700.94647928773, 1e-11, 1e-11);
    let f = &m.fit.fixed[0];
    assert_close_or_within("intercept", f.estimate, 42.832985807658922, 1e-6, 1e-6);
    assert_close_or_within("se", f.se, 0.350925209353681, 1e-6, 1e-6);
    // SAS (mmrm design/SAS/sas_log_simple_reml.txt, test-satterthwaite.R h_df_1d_sat):
    // estimate 42.8338, SE 0.3509, DF 171, t 122.07. SAS stopped at -2 Res Log Like
    // 3700.94648570, 6e-6 above the optimum, which moves its estimate in the 4th decimal.
    assert_close_or_within("SAS estimate", f.estimate, 42.8338, 1e-4, 1e-4);
    assert_close_or_within("SAS se", f.se, 0.3509, 1e-3, 1e-3);
    assert_eq!(f.df.unwrap().round(), 171.0);
}

#[test]
fn satterthwaite_df_equal_sas() {
    // SAS PROC MIXED, DDFM=SATTERTHWAITE (mmrm design/SAS/sas_log_reml.txt, Solution for Fixed
    // Effects; SAS's reference levels are the last ones, so its coefficients are other
    // contrasts, but the df of the same contrast agree): race 169 / 157, sex 166.
    let m = fev(FULL, true, Ddf::Satterthwaite);
    let df = |term: &str| {
        m.fit
            .fixed
            .iter()
            .find(|f| f.term == term)
            .and_then(|f| f.df)
            .unwrap()
    };
    // RACE Black vs Asian (SAS: Black vs... Asian is SAS's reference): 169; White vs Asian 157;
    // SEX Male vs Female (SAS: Female vs Male, the same contrast negated) 166.
    assert_eq!(df("RACEBlack or African American").round(), 169.0);
    assert_eq!(df("RACEWhite").round(), 157.0);
    assert_eq!(df("SEXMale").round(), 166.0);
    // Least-squares means and differences at each visit (SAS "Least Squares Means" and
    // "Differences of Least Squares Means", same table): the arm difference at VIS1..VIS4
    // has SE 1.0741 / 0.8588 / 0.6896 / 1.6805 and DF 146 / 145 / 131 / 133.
    let m = m.with_contrast("ARMCD", &[]).unwrap();
    let c = m.fit.contrasts.as_ref().unwrap();
    assert_eq!(c.len(), 4);
    let sas = [
        (1.0741, 146.0),
        (0.8588, 145.0),
        (0.6896, 131.0),
        (1.6805, 133.0),
    ];
    // emmeans(gls fit, ~ ARMCD | AVISIT), pairs: TRT - PBO estimates and SEs.
    let emm = [
        (3.77441419124, 1.074160845117),
        (3.73232427067, 0.858855425979),
        (3.08060724748, 0.689626146033),
        (4.39853686060, 1.680550422592),
    ];
    for (k, row) in c.iter().enumerate() {
        assert_eq!(row.at, format!("AVISIT=VIS{}", k + 1));
        assert_eq!(row.contrast, "PBO - TRT");
        assert_close_or_within("difference", -row.estimate, emm[k].0, 1e-6, 1e-6);
        assert_close_or_within("difference se", row.se, emm[k].1, 1e-6, 1e-6);
        assert_close_or_within("SAS se", row.se, sas[k].0, 1e-4, 1e-4);
        assert_eq!(row.df.round(), sas[k].1, "df at VIS{}: {}", k + 1, row.df);
    }
    // The least-squares means (emmeans): PBO and TRT at VIS4.
    let means = m.fit.emmeans.as_ref().unwrap();
    let vis4: Vec<_> = means.iter().filter(|e| e.at == "AVISIT=VIS4").collect();
    assert_close_or_within("PBO VIS4", vis4[0].estimate, 48.3855939475, 1e-6, 1e-6);
    assert_close_or_within("PBO VIS4 se", vis4[0].se, 1.188653774032, 1e-6, 1e-6);
    assert_close_or_within("TRT VIS4", vis4[1].estimate, 52.7841308081, 1e-6, 1e-6);
    assert_close_or_within("TRT VIS4 se", vis4[1].se, 1.187762501286, 1e-6, 1e-6);
    // SAS: PBO VIS4 DF 134, TRT VIS4 DF 133.
    assert_eq!(vis4[0].df.round(), 134.0);
    assert_eq!(vis4[1].df.round(), 133.0);
}

#[test]
fn kenward_roger_equals_sas() {
    // mmrm test-kenwardroger.R, "kr linear give similar results as SAS for ...": the ARMCD
    // contrast of FEV1 ~ ARMCD + <cov>(AVISIT | USUBJID), method = "Kenward-Roger",
    // vcov = "Kenward-Roger-Linear" (SAS's UN, CS and TOEP are linear in their parameters;
    // SAS's and mmrm's W is the inverse observed information). mmrm holds its own fits to
    // these at 1e-3 (us, toep) and 1e-4 (cs); SAS and mmrm stop their optimisers earlier than
    // this one (SAS's -2 Res Log Like of FEV1 ~ 1 is 6e-6 above the optimum gls and we reach),
    // and the df move with the covariance estimate, so they are held at the same tolerances.
    for (structure, se, df, tol) in [
        ("us", 0.66124382270307, 160.733266403768, 1e-3),
        ("cs", 0.7964696053595, 177.038485931223, 1e-4),
        ("toep", 0.87839805519623, 160.027408337368, 1e-3),
    ] {
        let m = fev(
            &format!("FEV1 ~ ARMCD + {structure}(AVISIT | USUBJID)"),
            true,
            Ddf::KenwardRoger,
        );
        let f = &m.fit.fixed[1];
        assert_eq!(f.term, "ARMCDTRT");
        assert_close_or_within(&format!("{structure} KR se"), f.se, se, tol, tol);
        assert_close_or_within(
            &format!("{structure} KR df"),
            f.df.unwrap() / df,
            1.0,
            tol,
            tol,
        );
    }
}

#[test]
fn unstructured_two_arms_equal_gls() {
    // gls(FEV1 ~ ARMCD, corSymm + varIdent, REML).
    let m = fev("FEV1 ~ ARMCD + us(AVISIT | USUBJID)", true, Ddf::None);
    assert_close_or_within("-2logLik", m.fit.criterion, 3667.96275614373, 1e-11, 1e-11);
    assert_close_or_within("b0", m.fit.fixed[0].estimate, 41.00509593754265, 1e-6, 1e-6);
    assert_close_or_within("b1", m.fit.fixed[1].estimate, 3.81974970667678, 1e-6, 1e-6);
    assert_close_or_within("se1", m.fit.fixed[1].se, 0.638906293911132, 1e-6, 1e-6);
    assert_close_or_within(
        "cov41",
        m.fit.covariance[3][0],
        -47.01101691346170,
        1e-6,
        1e-6,
    );
}
