//! Simulated power of a two-arm slope trial: R trials drawn under the assumptions of
//! [`super::SlopeDesign`], each fitted by our own mixed model ([`crate::lmm`], REML,
//! `y ~ month * arm + (month | patient)`) and tested by the Wald z test of the
//! `month:arm` coefficient against the same critical value as the closed form. The share of
//! trials that reject is the simulated power, with its Monte Carlo SE √(p(1 − p)/R).
//!
//! One trial: for each arm (0 control, 1 treatment) and patient, an intercept and slope are
//! drawn from the bivariate normal with the design's SDs and correlation, the arm's mean
//! slope is 0 (control) or δ (treatment), each visit adds a normal residual, and the
//! patient's last visit is drawn from the dropout pattern ([`super::dropout_pattern`]):
//! monotone missingness, the rows after it absent.
//!
//! Trials run in parallel (rayon); trial r draws from its own ChaCha8 stream (seed, stream
//! r), so the result for a seed is the same whatever the number of threads. A fit that
//! fails counts as a trial that did not reject, and is counted.

use super::{Sides, SlopeDesign};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::lmm::{self, Formula, Frame};
use crate::model_matrix::Column;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use rayon::prelude::*;
use serde::Serialize;

/// How many trials, of what size, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationSettings {
    pub replicates: u64,
    pub seed: u64,
    pub n_per_arm: u64,
}

/// The most trials one run simulates.
pub const MAX_REPLICATES: u64 = 1_000_000;
/// The most rows (patients × visits, both arms) one simulated trial may have.
pub const MAX_ROWS_PER_TRIAL: u64 = 2_000_000;

/// What the simulation found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulatedPower {
    pub replicates: u64,
    pub seed: u64,
    pub n_per_arm: u64,
    pub model: String,
    /// Trials whose test rejected.
    pub rejections: u64,
    /// Share of trials that rejected.
    pub power: f64,
    /// Monte Carlo standard error of `power`.
    pub se: f64,
    /// Fits that failed (counted as not rejecting).
    pub failed_fits: u64,
    /// Fits whose optimum was not confirmed (their test is used).
    pub unconverged_fits: u64,
}

impl SimulatedPower {
    /// One line for people.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "Simulated: {} trials of 2 x {} patients (seed {}), each fitted by REML ({}): {} rejected, power {} (Monte Carlo SE {}).",
            self.replicates,
            self.n_per_arm,
            self.seed,
            self.model,
            self.rejections,
            crate::output::human_number(self.power),
            crate::output::human_number(self.se)
        );
        if self.failed_fits > 0 || self.unconverged_fits > 0 {
            s.push_str(&format!(
                " {} fit(s) failed (counted as not rejecting), {} not confirmed at their optimum.",
                self.failed_fits, self.unconverged_fits
            ));
        }
        s.push('\n');
        s
    }
}

/// The model each simulated trial is fitted with.
pub const SIMULATION_MODEL: &str = "y ~ month * arm + (month | patient)";

/// Simulate `settings.replicates` trials of `design` and test each at `alpha`; `progress` is
/// called once per finished trial (from any thread).
pub fn simulate_slope_trials(
    design: &SlopeDesign,
    alpha: ConfidenceLevel,
    sides: Sides,
    settings: SimulationSettings,
    progress: &(dyn Fn() + Sync),
) -> Result<SimulatedPower> {
    design.validate()?;
    if !(1..=MAX_REPLICATES).contains(&settings.replicates) {
        return Err(Error::input(
            "--simulate",
            format!(
                "{} trials; allowed: 1 to {MAX_REPLICATES}",
                settings.replicates
            ),
        ));
    }
    let rows = 2 * settings.n_per_arm * design.visits.len() as u64;
    if settings.n_per_arm < 2 || rows > MAX_ROWS_PER_TRIAL {
        return Err(Error::input(
            "--simulate",
            format!(
                "{} patients per arm with {} visits; a simulated trial needs 2 to {} rows (patients x visits, both arms)",
                settings.n_per_arm,
                design.visits.len(),
                MAX_ROWS_PER_TRIAL
            ),
        ));
    }
    let formula = Formula::parse(SIMULATION_MODEL)?;
    let crit = sides.z_crit(alpha);
    let levels: Vec<String> = (1..=2 * settings.n_per_arm)
        .map(|i| i.to_string())
        .collect();
    let outcomes: Vec<Outcome> = (0..settings.replicates)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
            rng.set_stream(r);
            let frame = draw_trial(design, settings.n_per_arm, &levels, &mut rng);
            let outcome = match frame.and_then(|f| lmm::fit(&formula, &f, true)) {
                Err(_) => Outcome::Failed,
                Ok(fit) => {
                    let rejected = fit
                        .fixed
                        .iter()
                        .find(|f| f.term == "month:arm")
                        .is_some_and(|f| match sides {
                            Sides::TwoSided => f.t.abs() > crit,
                            Sides::OneSided => f.t > crit,
                        });
                    Outcome::Fitted {
                        rejected,
                        converged: fit.converged,
                    }
                }
            };
            progress();
            outcome
        })
        .collect();
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count() as u64;
    let rejections = count(&|o| matches!(o, Outcome::Fitted { rejected: true, .. }));
    let failed_fits = count(&|o| matches!(o, Outcome::Failed));
    let unconverged_fits = count(&|o| {
        matches!(
            o,
            Outcome::Fitted {
                converged: false,
                ..
            }
        )
    });
    let r = settings.replicates as f64;
    let power = rejections as f64 / r;
    Ok(SimulatedPower {
        replicates: settings.replicates,
        seed: settings.seed,
        n_per_arm: settings.n_per_arm,
        model: SIMULATION_MODEL.to_string(),
        rejections,
        power,
        se: (power * (1.0 - power) / r).sqrt(),
        failed_fits,
        unconverged_fits,
    })
}

enum Outcome {
    Fitted { rejected: bool, converged: bool },
    Failed,
}

/// One simulated trial as a model frame: columns y, month, arm (0/1), patient.
fn draw_trial(
    design: &SlopeDesign,
    n_per_arm: u64,
    levels: &[String],
    rng: &mut ChaCha8Rng,
) -> Result<Frame> {
    let pattern = design.pattern();
    let visits = &design.visits;
    let capacity = 2 * n_per_arm as usize * visits.len();
    let (mut y, mut month, mut arm, mut patient) = (
        Vec::with_capacity(capacity),
        Vec::with_capacity(capacity),
        Vec::with_capacity(capacity),
        Vec::with_capacity(capacity),
    );
    let r = design.corr_intercept_slope;
    let r_rest = (1.0 - r * r).sqrt();
    for a in 0..2u32 {
        let mean_slope = if a == 1 { design.delta } else { 0.0 };
        for i in 0..n_per_arm as u32 {
            let z1: f64 = rng.sample(StandardNormal);
            let z2: f64 = rng.sample(StandardNormal);
            let b0 = design.sd_intercept * z1;
            let b1 = design.sd_slope * (r * z1 + r_rest * z2);
            let u: f64 = rng.random();
            let last = last_visit(&pattern, u);
            let id = a * n_per_arm as u32 + i;
            for &t in &visits[..=last] {
                let e: f64 = rng.sample(StandardNormal);
                y.push(b0 + (mean_slope + b1) * t + design.sd_residual * e);
                month.push(t);
                arm.push(f64::from(a));
                patient.push(id);
            }
        }
    }
    Frame::from_typed_columns(
        "simulated trial",
        vec![
            ("y".into(), Column::Numeric(y)),
            ("month".into(), Column::Numeric(month)),
            ("arm".into(), Column::Numeric(arm)),
            (
                "patient".into(),
                Column::Categorical {
                    codes: patient,
                    levels: levels.to_vec(),
                },
            ),
        ],
    )
}

/// The visit index whose cumulative share of `pattern` first exceeds `u` in [0, 1).
fn last_visit(pattern: &[f64], u: f64) -> usize {
    let mut cumulative = 0.0;
    for (k, p) in pattern.iter().enumerate() {
        cumulative += p;
        if u < cumulative {
            return k;
        }
    }
    pattern.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_visits_follow_the_pattern() {
        let p = super::super::dropout_pattern(5, 0.2);
        assert_eq!(last_visit(&p, 0.0), 0);
        assert_eq!(last_visit(&p, 0.049), 0);
        assert_eq!(last_visit(&p, 0.05), 1);
        assert_eq!(last_visit(&p, 0.199), 3);
        assert_eq!(last_visit(&p, 0.2), 4);
        assert_eq!(last_visit(&p, 0.999_999), 4);
    }
}
