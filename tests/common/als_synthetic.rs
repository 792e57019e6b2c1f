//! The synthetic pre/post slope data set shipped in `data/synthetic/`: ALSFRS-R scores of five
//! simulated patients whose decline slows from 0.47 to 0.25 points a month after treatment,
//! generated deterministically (ChaCha8 with a fixed seed, Box–Muller normals).
//!
//! From document 001 (Okayama University press release on the Muse cell phase 2 trial,
//! `data/als-muse-phase2.toml`): 5 patients; mean decline 0.47 points/month before and 0.25
//! after treatment; follow-up to 12 months after the start of treatment.
//! Invented for the simulation: 6 monthly visits before treatment (months 0–5, treatment
//! starting at month 6) and monthly visits to month 18; baseline score 38 with patient SD 3;
//! patient SD 0.10 of the slope before treatment; residual SD 0.8; scores rounded to whole
//! points (the ALSFRS-R scale) and kept within 0–48.
//!
//! The model that maps a reported change of slope is
//! `alsfrs ~ month + month_after + (month | patient)`, where `month_after = max(0, month − 6)`
//! counts months since treatment start: the `month` coefficient is the slope before
//! treatment, `month_after` the change of slope, and their sum the slope after.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Seed of the shipped data set.
pub const SEED: u64 = 20_231_128;
/// Month of the first treatment (invented).
pub const TREATMENT_MONTH: u32 = 6;
/// Last visit month (invented: 12 months after treatment start, as the document's follow-up).
pub const LAST_MONTH: u32 = 18;
/// Slope before treatment, points/month (document 001: decline of 0.47).
pub const SLOPE_BEFORE: f64 = -0.47;
/// Slope after treatment, points/month (document 001: decline of 0.25).
pub const SLOPE_AFTER: f64 = -0.25;

/// One row of the data set.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub patient: String,
    pub month: u32,
    pub month_after: u32,
    pub alsfrs: f64,
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller (Box & Muller 1958); 1 − u keeps the logarithm finite.
    let u: f64 = rng.random();
    let v: f64 = rng.random();
    (-2.0 * (1.0 - u).ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// Generate the data set (5 patients × 19 monthly visits).
pub fn generate(seed: u64) -> Vec<Visit> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::new();
    for p in 1..=5 {
        let baseline = 38.0 + 3.0 * normal(&mut rng);
        let slope = SLOPE_BEFORE + 0.10 * normal(&mut rng);
        let change = SLOPE_AFTER - SLOPE_BEFORE;
        for month in 0..=LAST_MONTH {
            let after = month.saturating_sub(TREATMENT_MONTH);
            let mean = baseline + slope * month as f64 + change * after as f64;
            let score = (mean + 0.8 * normal(&mut rng)).round().clamp(0.0, 48.0);
            out.push(Visit {
                patient: format!("S{p}"),
                month,
                month_after: after,
                alsfrs: score,
            });
        }
    }
    out
}

/// The data set as CSV text (header `patient,month,month_after,alsfrs`).
pub fn to_csv(visits: &[Visit]) -> String {
    let mut s = String::from("patient,month,month_after,alsfrs\n");
    for v in visits {
        s.push_str(&format!(
            "{},{},{},{}\n",
            v.patient, v.month, v.month_after, v.alsfrs
        ));
    }
    s
}
