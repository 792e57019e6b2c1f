//! The synthetic before/after relapse data set shipped in `data/synthetic/`: relapse counts of
//! seven simulated patients with neuromyelitis optica whose annualised relapse rate falls from
//! 2.9 to 0.4 on treatment, generated deterministically (ChaCha8 with a fixed seed, Box–Muller
//! normals, Poisson counts by inversion of the distribution function).
//!
//! From document 002 (NCNP press release on tocilizumab, `data/nmo-tocilizumab.toml`): 7
//! patients; annualised relapse rate 2.9 before and 0.4 during treatment; one year of
//! treatment. Invented for the simulation: the observed time before treatment (1.5, 2, 2.5 or
//! 3 years, drawn per patient), a patient effect on the log rate with SD 0.3 (the same before
//! and during treatment), and Poisson counts given the patient's rate.
//!
//! The model is `relapses ~ period + offset(log(years)) + (1 | patient)`: exp of the
//! `periodtreatment` coefficient is the rate ratio during/before treatment, whose reported
//! value is 0.4 / 2.9 = 0.138.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Seed of the shipped data set.
pub const SEED: u64 = 20_140_315;
/// Annualised relapse rate before treatment (document 002).
pub const RATE_BEFORE: f64 = 2.9;
/// Annualised relapse rate during treatment (document 002).
pub const RATE_DURING: f64 = 0.4;
/// Years of treatment (document 002: one year).
pub const TREATMENT_YEARS: f64 = 1.0;
/// SD of the patient effect on the log rate (invented).
pub const PATIENT_SD: f64 = 0.3;

/// One row: a patient's relapses over one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub patient: String,
    /// `baseline` (before treatment) or `treatment`.
    pub period: &'static str,
    pub years: f64,
    pub relapses: u32,
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller (Box & Muller 1958); 1 − u keeps the logarithm finite.
    let u: f64 = rng.random();
    let v: f64 = rng.random();
    (-2.0 * (1.0 - u).ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// A Poisson draw with mean `mu` by inversion (Devroye 1986, *Non-Uniform Random Variate
/// Generation*, §X.3.2).
fn poisson(rng: &mut ChaCha8Rng, mu: f64) -> u32 {
    let u: f64 = rng.random();
    let (mut k, mut p) = (0u32, (-mu).exp());
    let mut cumulative = p;
    while u > cumulative && k < 1000 {
        k += 1;
        p *= mu / k as f64;
        cumulative += p;
    }
    k
}

/// Generate the data set (7 patients × 2 periods).
pub fn generate(seed: u64) -> Vec<Period> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    for p in 1..=7 {
        let effect = PATIENT_SD * normal(&mut rng);
        let years_before = 1.0 + 0.5 * rng.random_range(1..=4) as f64;
        for (period, years, rate) in [
            ("baseline", years_before, RATE_BEFORE),
            ("treatment", TREATMENT_YEARS, RATE_DURING),
        ] {
            let relapses = poisson(&mut rng, years * rate * effect.exp());
            out.push(Period {
                patient: format!("N{p}"),
                period,
                years,
                relapses,
            });
        }
    }
    out
}

/// The data set as CSV text (header `patient,period,years,relapses`).
pub fn to_csv(rows: &[Period]) -> String {
    let mut s = String::from("patient,period,years,relapses\n");
    for r in rows {
        s.push_str(&format!(
            "{},{},{:.1},{}\n",
            r.patient, r.period, r.years, r.relapses
        ));
    }
    s
}
