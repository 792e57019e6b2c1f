//! Simulated power of a two-arm trial: R trials drawn under the assumptions of a design,
//! each fitted by our own models and tested by the Wald z test of the arm effect against the
//! same critical value as the closed form. The share of trials that reject is the simulated
//! power, with its Monte Carlo SE √(p(1 − p)/R). One driver (`run_trials`) serves both
//! endpoints:
//!
//! - slopes ([`super::SlopeDesign`]): fitted by [`crate::lmm`] (REML,
//!   `y ~ month * arm + (month | patient)`), tested on `month:arm`. For each arm (0 control,
//!   1 treatment) and patient, an intercept and slope are drawn from the bivariate normal
//!   with the design's SDs and correlation, the arm's mean slope is 0 (control) or δ
//!   (treatment), each visit adds a normal residual, and the patient's last visit is drawn
//!   from the dropout pattern ([`super::dropout_pattern`]): monotone missingness, the rows
//!   after it absent;
//! - rates ([`super::RateDesign`]): each patient followed for t years, the count negative
//!   binomial with mean λ_arm·t and variance μ + kμ² (k = 1/θ of glmmTMB's `nbinom2` and
//!   MASS's `glm.nb`; Poisson when k = 0), fitted by [`crate::glmm`] as a plain GLM
//!   `events ~ arm + offset(log(years))` (negative binomial with θ estimated, or Poisson
//!   when k = 0, as the closed form then assumes), tested on `arm` (one-sided: in the
//!   direction of log RR).
//!
//! Trials run in parallel (rayon); trial r draws from its own ChaCha8 stream (seed, stream
//! r), so the result for a seed is the same whatever the number of threads. A fit that
//! fails counts as a trial that did not reject, and is counted.

use super::{RateDesign, Sides, SlopeDesign};
use crate::error::{Error, Result};
use crate::glmm::{self, Family, GlmmOptions};
use crate::level::ConfidenceLevel;
use crate::lmm::{self, Formula, Frame};
use crate::model_matrix::Column;
use crate::output::human_number;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma, Poisson, StandardNormal};
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
    /// How each trial was fitted (REML, Poisson or negative binomial regression).
    pub fitted_by: String,
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
            "Simulated: {} trials of 2 x {} patients (seed {}), each fitted by {} ({}): {} rejected, power {} (Monte Carlo SE {}).",
            self.replicates,
            self.n_per_arm,
            self.seed,
            self.fitted_by,
            self.model,
            self.rejections,
            human_number(self.power),
            human_number(self.se)
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

/// The model each simulated slope trial is fitted with.
pub const SIMULATION_MODEL: &str = "y ~ month * arm + (month | patient)";

/// The model each simulated rate trial is fitted with (negative binomial, or Poisson when
/// the dispersion is 0).
pub const RATE_SIMULATION_MODEL: &str = "events ~ arm + offset(log(years))";

/// What one simulated trial gave.
enum Outcome {
    Fitted { rejected: bool, converged: bool },
    Failed,
}

impl Outcome {
    /// The outcome of a fit whose arm effect has Wald statistic `z` (`None`: the term is
    /// missing), tested against `crit`; a two-sided test rejects in either direction.
    fn tested(z: Option<f64>, converged: bool, sides: Sides, crit: f64) -> Outcome {
        let rejected = z.is_some_and(|z| match sides {
            Sides::TwoSided => z.abs() > crit,
            Sides::OneSided => z > crit,
        });
        Outcome::Fitted {
            rejected,
            converged,
        }
    }
}

/// Refuse a number of trials outside 1 to [`MAX_REPLICATES`] and a trial of `rows` rows
/// outside 2 to [`MAX_ROWS_PER_TRIAL`] (`visits`: a slope trial's visits per patient, said in
/// the message).
fn check_size(settings: SimulationSettings, rows: u64, visits: Option<usize>) -> Result<()> {
    if !(1..=MAX_REPLICATES).contains(&settings.replicates) {
        return Err(Error::field(
            "simulate",
            format!(
                "{} trials; allowed: 1 to {MAX_REPLICATES}",
                settings.replicates
            ),
        ));
    }
    if settings.n_per_arm < 2 || rows > MAX_ROWS_PER_TRIAL {
        let (shape, rows_are) = match visits {
            Some(v) => (format!(" with {v} visits"), "patients x visits, both arms"),
            None => (String::new(), "patients, both arms"),
        };
        return Err(Error::field(
            "simulate",
            format!(
                "{} patients per arm{shape}; a simulated trial needs 2 to {MAX_ROWS_PER_TRIAL} rows ({rows_are})",
                settings.n_per_arm,
            ),
        ));
    }
    Ok(())
}

/// The driver both endpoints share: run `settings.replicates` trials in parallel, trial r
/// drawing from ChaCha8 stream r of the seed (so the result does not depend on the threads),
/// call `progress` after each, and count what they gave.
fn run_trials(
    settings: SimulationSettings,
    model: &str,
    fitted_by: &str,
    progress: &(dyn Fn() + Sync),
    trial: impl Fn(&mut ChaCha8Rng) -> Outcome + Sync,
) -> SimulatedPower {
    let outcomes: Vec<Outcome> = (0..settings.replicates)
        .into_par_iter()
        .map(|r| {
            let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
            rng.set_stream(r);
            let outcome = trial(&mut rng);
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
    SimulatedPower {
        replicates: settings.replicates,
        seed: settings.seed,
        n_per_arm: settings.n_per_arm,
        model: model.to_string(),
        fitted_by: fitted_by.to_string(),
        rejections,
        power,
        se: (power * (1.0 - power) / r).sqrt(),
        failed_fits,
        unconverged_fits,
    }
}

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
    let rows = 2 * settings.n_per_arm * design.visits.len() as u64;
    check_size(settings, rows, Some(design.visits.len()))?;
    let formula = Formula::parse(SIMULATION_MODEL)?;
    let crit = sides.z_crit(alpha);
    let levels: Vec<String> = (1..=2 * settings.n_per_arm)
        .map(|i| i.to_string())
        .collect();
    Ok(run_trials(
        settings,
        SIMULATION_MODEL,
        "REML",
        progress,
        |rng| {
            let frame = draw_trial(design, settings.n_per_arm, &levels, rng);
            match frame.and_then(|f| lmm::fit(&formula, &f, true)) {
                Err(_) => Outcome::Failed,
                Ok(fit) => {
                    let z = fit
                        .fixed
                        .iter()
                        .find(|f| f.term == "month:arm")
                        .map(|f| f.t);
                    Outcome::tested(z, fit.converged, sides, crit)
                }
            }
        },
    ))
}

/// The largest mean count per patient a rate trial is simulated with (the Poisson sampler's
/// range is far beyond it; a count this large is no longer a rate trial).
pub const MAX_MEAN_COUNT: f64 = 1e9;

/// Simulate `settings.replicates` rate trials of `design`, fit each by negative binomial
/// regression (Poisson when the dispersion is 0, as the closed form then assumes) and test
/// the arm coefficient at `alpha`; `progress` is called once per finished trial.
pub fn simulate_rate_trials(
    design: &RateDesign,
    alpha: ConfidenceLevel,
    sides: Sides,
    settings: SimulationSettings,
    progress: &(dyn Fn() + Sync),
) -> Result<SimulatedPower> {
    design.validate()?;
    check_size(settings, 2 * settings.n_per_arm, None)?;
    let largest = design.rate_control * design.rate_ratio.max(1.0) * design.years;
    if largest > MAX_MEAN_COUNT {
        return Err(Error::field(
            "simulate",
            format!(
                "a mean of {} events per patient; simulated trials allow up to 1e9 (rate x years)",
                human_number(largest)
            ),
        ));
    }
    let formula = Formula::parse(RATE_SIMULATION_MODEL)?;
    let (family, fitted_by) = if design.dispersion == 0.0 {
        (Family::Poisson, "Poisson regression")
    } else {
        (Family::NegativeBinomial, "negative binomial regression")
    };
    let options = GlmmOptions { family, nagq: 1 };
    let crit = sides.z_crit(alpha);
    Ok(run_trials(
        settings,
        RATE_SIMULATION_MODEL,
        fitted_by,
        progress,
        |rng| {
            let frame = draw_rate_trial(design, settings.n_per_arm, rng);
            match frame.and_then(|f| glmm::fit(&formula, &f, options)) {
                Err(_) => Outcome::Failed,
                Ok(fit) => {
                    // A one-sided test rejects in the direction of the effect: towards
                    // fewer events when RR < 1, so z is read with the sign of log RR.
                    let direction = design.rate_ratio.ln().signum();
                    let z = fit.fixed_effect("arm").map(|f| direction * f.z);
                    Outcome::tested(z, fit.converged, sides, crit)
                }
            }
        },
    ))
}

/// One simulated rate trial as a model frame: columns events, arm (0/1), years. A patient's
/// count is Poisson with mean λ_arm·t, its mean first drawn from the gamma distribution with
/// shape 1/k and scale kλ_arm·t when k > 0: the gamma–Poisson mixture is the negative
/// binomial with mean μ = λt and variance μ + kμ² (θ = 1/k in nbinom2's terms).
fn draw_rate_trial(design: &RateDesign, n_per_arm: u64, rng: &mut ChaCha8Rng) -> Result<Frame> {
    let n = 2 * n_per_arm as usize;
    let (mut events, mut arm) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let k = design.dispersion;
    for a in 0..2u32 {
        let rate = design.rate_control * if a == 1 { design.rate_ratio } else { 1.0 };
        let mu = rate * design.years;
        let gamma = if k > 0.0 {
            Some(Gamma::new(1.0 / k, k * mu).map_err(|e| Error::numerical(e.to_string()))?)
        } else {
            None
        };
        for _ in 0..n_per_arm {
            let mean = match &gamma {
                Some(g) => g.sample(rng),
                None => mu,
            };
            // A gamma draw may underflow to 0: that patient has no events.
            let count = if mean > 0.0 {
                Poisson::new(mean)
                    .map_err(|e| Error::numerical(e.to_string()))?
                    .sample(rng)
            } else {
                0.0
            };
            events.push(count);
            arm.push(f64::from(a));
        }
    }
    Frame::from_typed_columns(
        "simulated rate trial",
        vec![
            ("events".into(), Column::Numeric(events)),
            ("arm".into(), Column::Numeric(arm)),
            ("years".into(), Column::Numeric(vec![design.years; n])),
        ],
    )
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
