//! `trialstats::nma` against netmeta's formulas (written out in R) and metafor's `rma.mv`,
//! on three networks: Senn et al. 2013 (diabetes, 10 treatments, one three-arm trial),
//! Hasselblad 1998 smoking cessation (4 treatments, two three-arm trials, odds ratios with
//! 0.5 added to studies with a zero cell) and Franchini et al. 2012 (Parkinson's, one
//! three-arm trial). The data are netmeta's example data sets (tests/data/nma/README.md).
//! Every value agrees to 1e-6 (absolute, on the analysis scale) or better.

use crate::common::assert_within;
use crate::common::nma_reference_values as values;

use trialstats::csv_file::CsvFile;
use trialstats::level::ConfidenceLevel;
use trialstats::nma::input::{ContrastColumns, read_contrasts};
use trialstats::nma::{Network, NmaOptions, NmaResult, SmallValues, Tau2Method, analyse};
use values::{FRANCHINI2012, Reference, SENN2013, SMOKINGCESSATION};

const TOL: f64 = 1e-6;

fn network(r: &Reference) -> Network {
    let path = format!("{}/tests/data/nma/{}", env!("CARGO_MANIFEST_DIR"), r.file);
    let file = CsvFile::read(std::path::Path::new(&path)).unwrap();
    let contrasts = read_contrasts(&file, &ContrastColumns::default()).unwrap();
    Network::from_contrasts(r.file, &contrasts).unwrap()
}

fn run(r: &Reference, small: SmallValues, method: Tau2Method) -> NmaResult {
    let options = NmaOptions {
        reference: Some(r.reference.to_string()),
        level: ConfidenceLevel::new(0.95).unwrap(),
        small_values: small,
        method,
        exp: false,
        scale: "given".into(),
    };
    analyse(&network(r), &options).unwrap()
}

fn check(r: &Reference) {
    let good = run(r, SmallValues::Good, Tau2Method::DerSimonianLaird);
    let bad = run(r, SmallValues::Bad, Tau2Method::DerSimonianLaird);
    assert_eq!(good.treatments, r.order);
    let h = &good.heterogeneity;
    assert_within("reference", "Q", h.q, r.q_df[0], TOL);
    assert_eq!(h.df as f64, r.q_df[1]);
    assert_within(
        "reference",
        "tau2 (generalised DL)",
        good.random.tau2.unwrap(),
        r.tau2_dl,
        TOL,
    );
    assert_within("reference", "I2", h.i2.unwrap(), r.i2[0], TOL);
    assert_within("reference", "I2 lower", h.i2_lower.unwrap(), r.i2[1], TOL);
    assert_within("reference", "I2 upper", h.i2_upper.unwrap(), r.i2[2], TOL);
    assert_within(
        "reference",
        "Q within designs",
        h.q_within,
        r.q_within[0],
        TOL,
    );
    assert_eq!(h.df_within as f64, r.q_within[1]);
    assert_within(
        "reference",
        "Q between designs",
        h.q_between,
        r.q_between[0],
        TOL,
    );
    assert_eq!(h.df_between as f64, r.q_between[1]);
    // decomp.design's random-effects part: tau.within² and Q.inc.random on df_between.
    assert_within(
        "reference",
        "tau2 within designs",
        h.tau2_within,
        r.q_between_random[0],
        TOL,
    );
    assert_within(
        "reference",
        "Q between designs, random effects",
        h.q_between_random,
        r.q_between_random[1],
        TOL,
    );
    assert_eq!(h.df_between as f64, r.q_between_random[2]);
    for (model, te, se, pg, pb, league, splits, bad_model) in [
        (
            &good.common,
            r.common_te,
            r.common_se,
            r.common_pscore_good,
            r.common_pscore_bad,
            r.common_league_first_second,
            r.common_netsplit,
            &bad.common,
        ),
        (
            &good.random,
            r.random_te,
            r.random_se,
            r.random_pscore_good,
            r.random_pscore_bad,
            r.random_league_first_second,
            r.random_netsplit,
            &bad.random,
        ),
    ] {
        for (i, e) in model.effects.iter().enumerate() {
            assert_within(
                "reference",
                &format!("{} vs reference", e.treatment),
                e.estimate,
                te[i],
                TOL,
            );
            assert_within(
                "reference",
                &format!("SE {} vs reference", e.treatment),
                e.se,
                se[i],
                TOL,
            );
            assert_within(
                "reference",
                &format!("P-score {} (small good)", e.treatment),
                model.p_scores[&e.treatment],
                pg[i],
                TOL,
            );
            assert_within(
                "reference",
                &format!("P-score {} (small bad)", e.treatment),
                bad_model.p_scores[&e.treatment],
                pb[i],
                TOL,
            );
        }
        let cell = model
            .league
            .iter()
            .find(|c| c.first == r.order[0] && c.second == r.order[1])
            .unwrap();
        assert_within(
            "reference",
            "league first vs second",
            cell.estimate,
            league.0,
            TOL,
        );
        assert_within("reference", "league SE", cell.se, league.1, TOL);
        assert_eq!(model.netsplit.len(), splits.len());
        for (s, (name, v)) in model.netsplit.iter().zip(splits) {
            assert_eq!(&s.comparison, name);
            assert_within("reference", &format!("{name} direct"), s.direct, v[0], TOL);
            assert_within(
                "reference",
                &format!("{name} se direct"),
                s.se_direct,
                v[1],
                TOL,
            );
            assert_within(
                "reference",
                &format!("{name} proportion direct"),
                s.proportion_direct,
                v[6],
                TOL,
            );
            if v[2].is_nan() {
                assert!(s.indirect.is_none(), "{name}: only direct evidence");
                continue;
            }
            assert_within(
                "reference",
                &format!("{name} indirect"),
                s.indirect.unwrap(),
                v[2],
                TOL,
            );
            assert_within(
                "reference",
                &format!("{name} se indirect"),
                s.se_indirect.unwrap(),
                v[3],
                TOL,
            );
            assert_within(
                "reference",
                &format!("{name} difference"),
                s.difference.unwrap(),
                v[4],
                TOL,
            );
            assert_within("reference", &format!("{name} p"), s.p.unwrap(), v[5], TOL);
        }
    }
    // metafor's common-effect rma.mv on the basic contrasts gives the same estimates and Q.
    let non_ref: Vec<_> = good
        .common
        .effects
        .iter()
        .filter(|e| e.treatment != r.reference)
        .collect();
    for (i, e) in non_ref.iter().enumerate() {
        assert_within(
            "reference",
            "rma.mv FE beta",
            e.estimate,
            r.rma_fe_beta[i],
            TOL,
        );
        assert_within("reference", "rma.mv FE se", e.se, r.rma_fe_se[i], TOL);
    }
    assert_within("reference", "rma.mv QE", h.q, r.rma_fe_qe, TOL);
}

#[test]
fn senn2013_matches_netmeta_formulas_and_rma_mv() {
    check(&SENN2013);
}

#[test]
fn smoking_cessation_multi_arm_matches_netmeta_formulas_and_rma_mv() {
    check(&SMOKINGCESSATION);
}

#[test]
fn franchini2012_multi_arm_matches_netmeta_formulas_and_rma_mv() {
    check(&FRANCHINI2012);
}

/// REML τ² as rma.mv(yi, V, mods, random = ~ comp | study, rho = 1/2): τ², the estimates,
/// their SEs and the restricted log-likelihood.
#[test]
fn reml_matches_rma_mv_with_rho_one_half() {
    for r in [&SENN2013, &SMOKINGCESSATION, &FRANCHINI2012] {
        let res = run(r, SmallValues::Good, Tau2Method::Reml);
        let tau2 = res.random.tau2.unwrap();
        assert_within(
            "reference",
            &format!("{} REML tau2", r.file),
            tau2,
            r.rma_reml_tau2,
            TOL,
        );
        let non_ref: Vec<_> = res
            .random
            .effects
            .iter()
            .filter(|e| e.treatment != r.reference)
            .collect();
        for (i, e) in non_ref.iter().enumerate() {
            assert_within(
                "reference",
                "REML beta",
                e.estimate,
                r.rma_reml_beta[i],
                TOL,
            );
            assert_within("reference", "REML se", e.se, r.rma_reml_se[i], TOL);
        }
        let ll = network(r).model(0).reml_log_likelihood(tau2).unwrap();
        assert_within("reference", "REML logLik", ll, r.rma_reml_loglik, TOL);
    }
}
