//! Sample size and power for a difference in mean slopes between two arms, analysed by a
//! linear mixed model with a random intercept and a random slope per patient
//! (`y ~ time * arm + (time | patient)`), tested on the arm × time interaction.
//!
//! The closed form (Diggle et al. 2002, Analysis of Longitudinal Data, 2nd ed., §2.4;
//! Edland 2009, Alzheimer Dis Assoc Disord 23:321; generalised to dropout by Zhao & Edland,
//! as R's longpower `edland.linear.power`): a patient whose last visit is visit k has the
//! covariance Vₖ = Xₖ D Xₖᵀ + σ²I over visits 1..k, with Xₖ = [1, t] and D the covariance of
//! (intercept, slope). The information one arm's patients carry about (intercept, slope) is
//! Σₖ pₖ XₖᵀVₖ⁻¹Xₖ, with pₖ the proportion whose last visit is k; the variance of one arm's
//! slope estimate per patient is the (slope, slope) element of its inverse, v, and per arm
//!
//!   n = (z₁₋α/₂ + z_power)² · 2v / δ².
//!
//! Without dropout v = σ²_slope + σ²/Σ(t − t̄)², free of the intercept SD.
//!
//! XₖᵀVₖ⁻¹Xₖ is computed as (D + σ²(XₖᵀXₖ)⁻¹)⁻¹ (the Woodbury identity), so only 2 × 2
//! matrices are formed. As longpower, a patient seen only at baseline adds nothing (its sum
//! starts at the second visit): the fitted model gets a little information about the slope
//! from such patients through the intercept, so the formula errs on the side of more patients.
//!
//! Dropout (`--dropout P`) is monotone: P is the proportion of the patients randomised who
//! miss the last visit, and the losses are spread evenly over the visit intervals: after each
//! of the K intervals between the K + 1 visits, P/K of the patients randomised leave, so a
//! proportion P/K has its last visit at each of visits 0 .. K − 1 and 1 − P completes. The
//! simulation ([`super::simulate`]) draws each patient's last visit from the same pattern.
//!
//! Retention (`--retention r₀,r₁,...,r_K`, one per visit, and `--retention-b` for the other
//! arm) gives the pattern directly: rₖ is the proportion of the patients randomised still
//! seen at visit k, non-increasing, so pₖ = rₖ − rₖ₊₁ have their last visit at k and p_K =
//! r_K complete. `--dropout P` is the shorthand rₖ = 1 − P·k/K. With retention differing
//! between the arms, each arm has its own v (vₐ, v_b) and Var = vₐ/nₐ + v_b/n_b.

use super::{
    Allocation, Goal, Sides, Solution, Test, TwoArmVariances, require_non_negative,
    require_positive,
};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use serde::Serialize;

/// The assumptions of a two-arm slope trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlopeDesign {
    /// The difference in mean slopes between the arms (points per time unit), > 0.
    pub delta: f64,
    /// SD of the patients' individual slopes around their arm's mean slope.
    pub sd_slope: f64,
    /// Residual SD of a visit's score around the patient's own line.
    pub sd_residual: f64,
    /// SD of the patients' intercepts (matters only with dropout).
    pub sd_intercept: f64,
    /// Correlation of a patient's intercept and slope (matters only with dropout).
    pub corr_intercept_slope: f64,
    /// The visit times, from baseline (e.g. 0, 1, ..., 12 months).
    pub visits: Vec<f64>,
    /// Proportion of patients who miss the last visit (monotone dropout), in [0, 1).
    pub dropout: f64,
    /// Retention per visit in arm a (replaces `dropout` when given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<Vec<f64>>,
    /// Retention per visit in arm b (arm a's when not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_b: Option<Vec<f64>>,
}

impl SlopeDesign {
    /// Refuse what has no answer, naming the field: δ ≤ 0, SDs ≤ 0 (the intercept SD may
    /// be 0), a correlation outside (−1, 1), fewer than two visits or visits out of order,
    /// dropout outside [0, 1).
    pub fn validate(&self) -> Result<()> {
        if !(self.delta.is_finite() && self.delta > 0.0) {
            return Err(Error::field(
                "delta",
                format!(
                    "{}: the difference in mean slopes must be greater than 0 (give its size; the direction does not change n)",
                    self.delta
                ),
            ));
        }
        require_positive("sd_slope", self.sd_slope, "the SD of individual slopes")?;
        require_positive("sd_residual", self.sd_residual, "the residual SD")?;
        require_non_negative("sd_intercept", self.sd_intercept, "the SD of intercepts")?;
        let r = self.corr_intercept_slope;
        if !(r.is_finite() && r > -1.0 && r < 1.0) {
            return Err(Error::field(
                "corr_intercept_slope",
                format!("{r}: a correlation must lie strictly between −1 and 1"),
            ));
        }
        check_visits(&self.visits)?;
        for (field, r) in [
            ("retention", &self.retention),
            ("retention_b", &self.retention_b),
        ] {
            if let Some(r) = r {
                check_retention(field, r, self.visits.len())?;
            }
        }
        if !(self.dropout.is_finite() && (0.0..1.0).contains(&self.dropout)) {
            return Err(Error::field(
                "dropout",
                format!(
                    "{}: the proportion lost by the last visit must be at least 0 and less than 1",
                    self.dropout
                ),
            ));
        }
        for (field, v) in [
            ("delta", self.delta),
            ("sd_slope", self.sd_slope),
            ("sd_residual", self.sd_residual),
            ("sd_intercept", self.sd_intercept),
        ] {
            if v > 1e100 || (v != 0.0 && v < 1e-100) {
                return Err(Error::field(
                    field,
                    format!(
                        "{} is out of range; allowed: 1e-100 to 1e100 (its square must stay a normal double)",
                        human_number(v)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The proportion of arm a's patients whose last visit is each visit (from the retention,
    /// or [`dropout_pattern`]).
    pub fn pattern(&self) -> Vec<f64> {
        match &self.retention {
            Some(r) => pattern_of_retention(r),
            None => dropout_pattern(self.visits.len(), self.dropout),
        }
    }

    /// The same for arm b.
    pub fn pattern_b(&self) -> Vec<f64> {
        match &self.retention_b {
            Some(r) => pattern_of_retention(r),
            None => self.pattern(),
        }
    }

    /// Whether both arms lose patients alike.
    pub fn same_pattern(&self) -> bool {
        self.retention_b.is_none()
    }

    /// The variance of arm a's slope estimate, per patient (v above: Var = v / n).
    pub fn slope_variance(&self) -> Result<f64> {
        self.slope_variance_with(&self.pattern())
    }

    /// The variances per patient of arm a's and arm b's slope estimates.
    pub fn slope_variances(&self) -> Result<(f64, f64)> {
        let va = self.slope_variance()?;
        let vb = if self.same_pattern() {
            va
        } else {
            self.slope_variance_with(&self.pattern_b())?
        };
        Ok((va, vb))
    }

    fn slope_variance_with(&self, pattern: &[f64]) -> Result<f64> {
        slope_variance(
            &self.visits,
            pattern,
            [
                self.sd_intercept * self.sd_intercept,
                self.corr_intercept_slope * self.sd_intercept * self.sd_slope,
                self.sd_slope * self.sd_slope,
            ],
            self.sd_residual * self.sd_residual,
        )
    }
}

/// Retention per visit: one value per visit, each in (0, 1], never rising; named `field`.
pub fn check_retention(field: &'static str, r: &[f64], n_visits: usize) -> Result<()> {
    if r.len() != n_visits {
        return Err(Error::field(
            field,
            format!(
                "{} values for {n_visits} visits; give one retention per visit (e.g. 1,0.9,0.8,0.7)",
                r.len()
            ),
        ));
    }
    if let Some(bad) = r
        .iter()
        .find(|v| !(v.is_finite() && **v > 0.0 && **v <= 1.0))
    {
        return Err(Error::field(
            field,
            format!(
                "{}: a retention is the proportion still seen at a visit; allowed: greater than 0 and at most 1",
                human_number(*bad)
            ),
        ));
    }
    if let Some((k, w)) = r.windows(2).enumerate().find(|(_, w)| w[1] > w[0]) {
        return Err(Error::field(
            field,
            format!(
                "retention rises from {} at visit {} to {} at visit {}; dropout is monotone, so retention may only stay or fall",
                human_number(w[0]),
                k + 1,
                human_number(w[1]),
                k + 2
            ),
        ));
    }
    Ok(())
}

/// The proportion whose last visit is each visit, from the retention per visit:
/// pₖ = rₖ − rₖ₊₁, and the last visit's retention for the last.
pub fn pattern_of_retention(r: &[f64]) -> Vec<f64> {
    let mut p: Vec<f64> = r.windows(2).map(|w| w[0] - w[1]).collect();
    p.extend(r.last());
    p
}

/// Visits: at least two, finite, strictly increasing; named `--visits`.
pub fn check_visits(visits: &[f64]) -> Result<()> {
    if visits.len() < 2 {
        return Err(Error::field(
            "visits",
            format!(
                "{} visit(s); a slope needs at least two visits (e.g. 0,3,6,9,12)",
                visits.len()
            ),
        ));
    }
    if visits.len() > 10_000 {
        return Err(Error::field(
            "visits",
            format!("{} visits; allowed: at most 10000", visits.len()),
        ));
    }
    if let Some(bad) = visits.iter().find(|t| !t.is_finite() || t.abs() > 1e6) {
        return Err(Error::field(
            "visits",
            format!("the visit time {bad} is not a finite number within ±1e6"),
        ));
    }
    if let Some(w) = visits.windows(2).find(|w| w[1] <= w[0]) {
        return Err(Error::field(
            "visits",
            format!(
                "visit times must increase: {} is followed by {}",
                human_number(w[0]),
                human_number(w[1])
            ),
        ));
    }
    Ok(())
}

/// Visits every `every` time units from 0 to `months` (0, K, 2K, ..., M), named
/// `--months`/`--every`; M must be a whole multiple of K.
///
/// ```
/// use trialstats_stats::power::slope::regular_visits;
/// // Every 3 months over a year: 0, 3, 6, 9, 12. A year is not a whole number of 5-month steps.
/// assert_eq!(regular_visits(12.0, 3.0)?, [0.0, 3.0, 6.0, 9.0, 12.0]);
/// assert!(regular_visits(12.0, 5.0).is_err());
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn regular_visits(months: f64, every: f64) -> Result<Vec<f64>> {
    require_positive("months", months, "the trial length")?;
    require_positive("every", every, "the interval between visits")?;
    let steps = months / every;
    let k = steps.round();
    if (steps - k).abs() > 1e-9 * steps.max(1.0) || k < 1.0 {
        return Err(Error::field(
            "every",
            format!(
                "{} does not divide the trial length {} into whole intervals",
                human_number(every),
                human_number(months)
            ),
        ));
    }
    if k > 10_000.0 {
        return Err(Error::field(
            "every",
            format!("{k} intervals; allowed: at most 10000"),
        ));
    }
    Ok((0..=k as usize).map(|j| j as f64 * every).collect())
}

/// The proportion of patients whose last visit is each of `n_visits` visits under monotone
/// dropout `dropout` spread evenly over the K = n_visits − 1 intervals: `dropout / K` for
/// visits 0 .. K − 1, `1 − dropout` for the last (longpower's `p`).
pub fn dropout_pattern(n_visits: usize, dropout: f64) -> Vec<f64> {
    let k = n_visits.saturating_sub(1).max(1) as f64;
    let mut p = vec![dropout / k; n_visits];
    if let Some(last) = p.last_mut() {
        *last = 1.0 - dropout;
    }
    p
}

/// The variance per patient of one arm's slope estimate: the (slope, slope) element of
/// (Σₖ pₖ XₖᵀVₖ⁻¹Xₖ)⁻¹ over the patterns k ≥ 2 visits (see the module doc). `d` is the
/// random-effect covariance as [var intercept, cov, var slope]; `sigma2` the residual
/// variance.
pub fn slope_variance(visits: &[f64], pattern: &[f64], d: [f64; 3], sigma2: f64) -> Result<f64> {
    let mut info = [0.0f64; 3]; // symmetric 2 × 2: [a, b, c] = [[a, b], [b, c]]
    let (mut s0, mut s1, mut s2) = (0.0f64, 0.0f64, 0.0f64);
    // XᵀX is accumulated in centred form (times less the first visit) for accuracy, then
    // shifted back: the information about (intercept, slope) at the original origin.
    let origin = visits[0];
    for (k, &t) in visits.iter().enumerate() {
        let u = t - origin;
        s0 += 1.0;
        s1 += u;
        s2 += u * u;
        if k == 0 || pattern[k] == 0.0 {
            continue;
        }
        // (XᵀX)⁻¹ in the shifted time u, then mapped to t by the transform x(t) = A x(u),
        // A = [[1, −origin], [0, 1]] on the coefficients: (intercept_t, slope) =
        // (intercept_u − origin·slope, slope), so Cov_t = A Cov_u Aᵀ.
        let det = s0 * s2 - s1 * s1;
        let inv_u = [s2 / det, -s1 / det, s0 / det];
        let inv_t = congruence(inv_u, -origin);
        let m = [
            d[0] + sigma2 * inv_t[0],
            d[1] + sigma2 * inv_t[1],
            d[2] + sigma2 * inv_t[2],
        ];
        let mi = invert(m).ok_or_else(|| {
            Error::singular(
                "per-pattern covariance",
                "the per-pattern covariance is not positive definite".into(),
            )
        })?;
        for (a, b) in info.iter_mut().zip(mi) {
            *a += pattern[k] * b;
        }
    }
    let cov = invert(info).ok_or_else(|| {
        Error::numerical("no patient has two visits: the slope is not estimable".into())
    })?;
    Ok(cov[2])
}

/// A m Aᵀ for A = [[1, shift], [0, 1]] and symmetric m = [a, b, c].
fn congruence(m: [f64; 3], shift: f64) -> [f64; 3] {
    let [a, b, c] = m;
    [a + 2.0 * shift * b + shift * shift * c, b + shift * c, c]
}

/// The inverse of the symmetric 2 × 2 matrix [a, b, c]; `None` unless positive definite.
fn invert(m: [f64; 3]) -> Option<[f64; 3]> {
    let [a, b, c] = m;
    let det = a * c - b * b;
    (a > 0.0 && det > 0.0 && det.is_finite()).then(|| [c / det, -b / det, a / det])
}

/// The closed-form answer, with everything it assumed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlopePower {
    pub method: String,
    #[serde(flatten)]
    pub design: SlopeDesign,
    /// The proportion of arm a's patients whose last visit is each visit.
    pub last_visit_proportions: Vec<f64>,
    /// The same for arm b, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_visit_proportions_b: Option<Vec<f64>>,
    /// Significance level α.
    pub alpha: f64,
    pub sides: Sides,
    #[serde(flatten)]
    pub solution: Solution,
    /// Variance of arm a's slope estimate per patient (Var = v / n).
    pub slope_variance: f64,
    /// Arm b's, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slope_variance_b: Option<f64>,
    /// Simulated power at `n_per_arm` (with `--simulate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulated_power: Option<f64>,
    /// Its Monte Carlo standard error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulated_se: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulation: Option<super::SimulatedPower>,
    /// Which inputs are reported and which assumed, one line each.
    pub provenance: Vec<String>,
}

/// The method line of a slope result.
pub const SLOPE_METHOD: &str = "random-slope LMM, Wald z test of arm x time (Diggle et al. 2002 §2.4; Edland 2009; as longpower edland.linear.power)";

/// The n (for [`Goal::Power`]), the power (for [`Goal::N`]) or the detectable difference
/// (for [`Goal::Delta`], searched from `design.delta`) of `design`, with `allocation`
/// patients in arm a to arm b.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::power::slope::slope_power;
/// use trialstats_stats::power::{Allocation, Goal, Sides, SlopeDesign, Test};
/// // longpower's own test (tests/testthat/tests.R, "lmmpower (edland)"): lmmpower(delta=1.5,
/// // t=seq(0,1.5,0.25), sig2.i=55, sig2.s=24, sig2.e=10, cov.s.i=0.8*sqrt(55)*sqrt(24),
/// // power=0.80, method='edland')$n[1] = 207.310093300903 per arm.
/// let design = SlopeDesign {
///     delta: 1.5,
///     sd_intercept: 55f64.sqrt(),
///     sd_slope: 24f64.sqrt(),
///     sd_residual: 10f64.sqrt(),
///     corr_intercept_slope: 0.8,
///     visits: (0..7).map(|j| j as f64 * 0.25).collect(),
///     dropout: 0.0,
///     retention: None,
///     retention_b: None,
/// };
/// let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
/// let r = slope_power(&design, test, Allocation::EQUAL, Goal::Power(0.80))?;
/// assert!((r.solution.n_per_arm_exact().unwrap() - 207.310093300903).abs() < 1e-9);
/// assert_eq!(r.solution.n_a, 208); // whole patients
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn slope_power(
    design: &SlopeDesign,
    test: Test,
    allocation: Allocation,
    goal: Goal,
) -> Result<SlopePower> {
    design.validate()?;
    let (va, vb) = design.slope_variances()?;
    let solution = TwoArmVariances { va, vb }.solve(goal, design.delta, test, allocation)?;
    let mut design = design.clone();
    design.delta = solution.effect;
    Ok(SlopePower {
        method: SLOPE_METHOD.to_string(),
        last_visit_proportions: design.pattern(),
        last_visit_proportions_b: (!design.same_pattern()).then(|| design.pattern_b()),
        design,
        alpha: test.level.alpha(),
        sides: test.sides,
        solution,
        slope_variance: va,
        slope_variance_b: (va != vb).then_some(vb),
        simulated_power: None,
        simulated_se: None,
        simulation: None,
        provenance: Vec::new(),
    })
}

impl SlopePower {
    /// Attach a simulation's result.
    pub fn with_simulation(mut self, sim: super::SimulatedPower) -> SlopePower {
        self.simulated_power = Some(sim.power);
        self.simulated_se = Some(sim.se);
        self.simulation = Some(sim);
        self
    }

    /// How patients leave, for the preamble.
    fn dropout_line(&self) -> String {
        let d = &self.design;
        match (&d.retention, &d.retention_b) {
            (Some(a), Some(b)) => format!("retention arm a {}, arm b {}", list(a), list(b)),
            (Some(a), None) => format!("retention {}", list(a)),
            (None, Some(b)) => format!(
                "dropout {} by the last visit in arm a (spread evenly), retention arm b {}",
                human_number(d.dropout),
                list(b)
            ),
            (None, None) => format!(
                "dropout {} by the last visit (monotone, spread evenly over the intervals)",
                human_number(d.dropout)
            ),
        }
    }
}

fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| human_number(*v))
        .collect::<Vec<_>>()
        .join(",")
}

impl Tabular for SlopePower {
    fn preamble(&self) -> Option<String> {
        let s = format!(
            "Power for a difference in mean slopes: {}\nalpha = {} ({}); visits {}; {}\n",
            self.method,
            human_number(self.alpha),
            self.sides.describe(),
            list(&self.design.visits),
            self.dropout_line()
        );
        super::preamble_with(s, &self.provenance)
    }

    fn table(&self) -> Table {
        let d = &self.design;
        let mut rows: Vec<Vec<Cell>> = vec![
            vec!["delta (difference in mean slopes)".into(), d.delta.into()],
            vec!["sd_slope".into(), d.sd_slope.into()],
            vec!["sd_residual".into(), d.sd_residual.into()],
            vec!["sd_intercept".into(), d.sd_intercept.into()],
            vec!["corr_intercept_slope".into(), d.corr_intercept_slope.into()],
            vec![
                "slope_variance per patient".into(),
                self.slope_variance.into(),
            ],
        ];
        if let Some(vb) = self.slope_variance_b {
            rows.push(vec!["slope_variance per patient, arm b".into(), vb.into()]);
        }
        rows.extend(self.solution.rows(d.delta, "n"));
        rows.extend(super::simulation_rows(
            self.simulated_power,
            self.simulated_se,
        ));
        Table {
            header: vec!["quantity".into(), "value".into()],
            rows,
        }
    }

    fn epilogue(&self) -> Option<String> {
        self.simulation.as_ref().map(|s| s.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design(visits: Vec<f64>) -> SlopeDesign {
        SlopeDesign {
            delta: 1.5,
            sd_slope: 24f64.sqrt(),
            sd_residual: 10f64.sqrt(),
            sd_intercept: 0.0,
            corr_intercept_slope: 0.0,
            visits,
            dropout: 0.0,
            retention: None,
            retention_b: None,
        }
    }

    #[test]
    fn pattern_spreads_dropout_evenly_over_the_intervals() {
        let p = dropout_pattern(5, 0.2);
        assert_eq!(p, vec![0.05, 0.05, 0.05, 0.05, 0.8]);
        assert_eq!(dropout_pattern(3, 0.0), vec![0.0, 0.0, 1.0]);
    }

    #[test]
    fn without_dropout_the_variance_is_the_textbook_one() {
        // v = σ²_slope + σ²/Σ(t − t̄)²; t = 0, 0.25, ..., 1.5: Σ(t − t̄)² = 1.75.
        let d = design((0..7).map(|j| j as f64 * 0.25).collect());
        let v = d.slope_variance().unwrap();
        assert!((v - (24.0 + 10.0 / 1.75)).abs() < 1e-10, "{v}");
    }

    #[test]
    fn regular_visits_and_their_refusals() {
        assert_eq!(
            regular_visits(12.0, 3.0).unwrap(),
            vec![0.0, 3.0, 6.0, 9.0, 12.0]
        );
        let e = regular_visits(12.0, 5.0).unwrap_err().to_string();
        assert!(e.contains("every"), "{e}");
        let e = check_visits(&[0.0]).unwrap_err().to_string();
        assert!(e.contains("visits") && e.contains("at least two"), "{e}");
        let e = check_visits(&[0.0, 2.0, 1.0]).unwrap_err().to_string();
        assert!(e.contains("must increase"), "{e}");
    }
}
