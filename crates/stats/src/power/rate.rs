//! Sample size and power for a ratio of two event rates (relapses per year) analysed by
//! negative binomial regression with the log follow-up time as offset, tested by the Wald
//! test of the arm coefficient (Zhu & Lakkis 2014, Stat Med 33:376; Poisson when the
//! dispersion k is 0). Counts have mean λt and variance λt + k(λt)².
//!
//! With equal arms (n per arm), control rate λ₀, treatment rate λ₁ = RR·λ₀ and mean follow-up
//! t, the variance of log(RR̂) is V/n with, under the alternative,
//!
//!   V₁ = (1/λ₀ + 1/λ₁)/t + 2k,
//!
//! and n = (z₁₋α/₂ √V₀ + z_power √V₁)² / (log RR)², where V₀, the variance under the null
//! (both rates equal), is estimated in one of three ways (Zhu & Lakkis's three methods, in
//! the order and numbering of R's MKpower `power.nb.test`, which implements them):
//!
//! 1. [`VarianceMethod::ControlRate`]: both rates at the control rate, V₀ = 2/(λ₀t) + 2k;
//! 2. [`VarianceMethod::TrueRates`]: V₀ = V₁;
//! 3. [`VarianceMethod::Pooled`] (the default, as MKpower's): both rates at the rate with
//!    the marginal total fixed, λ̄ = (λ₀ + λ₁)/2, V₀ = 2/(λ̄t) + 2k (statsmodels' `ftotal`).
//!
//! With an allocation A:B (arm a the treatment, arm b the control) and a dispersion per arm,
//! each arm contributes its own term, Var = (1/(λ₁t) + k₁)/nₐ + (1/(λ₀t) + k₀)/n_b under the
//! alternative (Zhu & Lakkis eq. 6 with allocation), and the pooled rate is weighted by the
//! allocation, λ̄ = f λ₁ + (1 − f) λ₀ (the fixed marginal total).
//!
//! **Staggered follow-up** (`accrual`): patients enter uniformly over an accrual period A and
//! are all followed to a common end, so a patient's follow-up t is uniform on [T, T + A] with
//! T the last patient's. A patient then contributes, on average, the Fisher information
//! E[λt/(1 + kλt)] on log λ (the negative binomial's information with exposure t; the
//! approach of gscounts and of Zhu & Lakkis's variable-exposure extension), so each arm's term
//! 1/(λt) + k becomes 1/E[λt/(1 + kλt)], which is the same when A = 0. Over the uniform t, with
//! u = kλ,
//!
//!   E[λt/(1 + kλt)] = (1/k)(1 − ln((1 + u(T + A))/(1 + uT))/(uA)),
//!
//! and λ(T + A/2) when k = 0.
//!
//! **Non-inferiority** (`margin` M ≠ 1; Zhu 2017, Stat Biopharm Res 9:107): the one-sided
//! test of H₀: RR ≥ M against H₁: RR < M when M > 1 (higher rates are worse, as relapses:
//! the treatment may raise the rate by less than the factor M), or of H₀: RR ≤ M against
//! H₁: RR > M when M < 1 (higher rates are better). The effect is |log RR − log M| and the
//! variance under the null is taken at rates whose ratio is M (the same formulas with 1
//! replaced by M): method 1 at (Mλ₀, λ₀); method 3 with the marginal total fixed,
//! λ̃₀ = (f λ₁ + (1 − f) λ₀)/(f M + 1 − f); and [`VarianceMethod::RestrictedMl`], Zhu's
//! restricted maximum likelihood: the λ̃₀ that maximises the likelihood of the expected
//! counts with λ̃₁ = Mλ̃₀ and each arm's dispersion held fixed, the root of the score
//!
//!   (1 − f)(λ₀ − λ̃₀) I(λ̃₀, k₀)/λ̃₀ + f (λ₁ − Mλ̃₀) I(Mλ̃₀, k₁)/(Mλ̃₀) = 0,
//!
//! with I(λ, k) a patient's information on log λ (λt/(1 + kλt), or its mean over staggered
//! follow-up). With fixed follow-up this is Zhu's quadratic; it is solved here by Brent's
//! method between λ₀ and λ₁/M, where the two terms change sign. For Poisson counts it equals
//! method 3; at M = 1 with one dispersion it equals method 3 too.

use super::{
    Allocation, Goal, Precision, Sides, Solution, Test, require_non_negative, require_positive,
};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use crate::root::brent;
use serde::Serialize;

/// How the variance under the null is estimated (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum VarianceMethod {
    /// Method 1: both rates at the control rate.
    ControlRate,
    /// Method 2: the variance under the alternative.
    TrueRates,
    /// Method 3: both rates at the pooled rate (fixed marginal total).
    #[default]
    Pooled,
    /// Zhu (2017)'s restricted maximum likelihood: the rates with the null's ratio that
    /// maximise the likelihood of the expected counts (module doc).
    RestrictedMl,
}

impl VarianceMethod {
    pub const ALL: [VarianceMethod; 4] = [
        VarianceMethod::ControlRate,
        VarianceMethod::TrueRates,
        VarianceMethod::Pooled,
        VarianceMethod::RestrictedMl,
    ];

    /// The method's name as written (`control-rate`, `true-rates`, `pooled`).
    pub fn name(self) -> &'static str {
        match self {
            VarianceMethod::ControlRate => "control-rate",
            VarianceMethod::TrueRates => "true-rates",
            VarianceMethod::Pooled => "pooled",
            VarianceMethod::RestrictedMl => "restricted-ml",
        }
    }

    /// Zhu & Lakkis's method number, as MKpower numbers them (4: restricted maximum
    /// likelihood, Zhu 2017's method 3, which MKpower does not have).
    pub fn number(self) -> u8 {
        match self {
            VarianceMethod::ControlRate => 1,
            VarianceMethod::TrueRates => 2,
            VarianceMethod::Pooled => 3,
            VarianceMethod::RestrictedMl => 4,
        }
    }
}

impl std::str::FromStr for VarianceMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        VarianceMethod::ALL
            .into_iter()
            .find(|m| m.name() == s || m.number().to_string() == s)
            .ok_or_else(|| {
                Error::field(
                    "variance",
                    format!("unknown method '{s}'; allowed: control-rate (1), true-rates (2), pooled (3), restricted-ml (4)"),
                )
            })
    }
}

/// The assumptions of a two-arm rate trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateDesign {
    /// Events per patient per time unit in the control arm (λ₀).
    pub rate_control: f64,
    /// Treatment rate over control rate (RR ≠ 1).
    pub rate_ratio: f64,
    /// Mean follow-up per patient (time units of the rate).
    pub years: f64,
    /// Negative binomial dispersion k (variance λt + k(λt)²); 0 is Poisson. Arm b's (the
    /// control's), and arm a's unless `dispersion_treatment` is given.
    pub dispersion: f64,
    /// The treatment arm's dispersion, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispersion_treatment: Option<f64>,
    /// Staggered follow-up: patients enter uniformly over this accrual period and are
    /// followed to a common end, so follow-up runs from `years` (the last patient in) to
    /// `years` + `accrual` (the first). `None`: everyone is followed for `years`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accrual: Option<f64>,
    /// Non-inferiority margin M for the rate ratio (module doc): above 1 when higher rates
    /// are worse (shown when RR < M), below 1 when they are better. `None`: the test of
    /// RR = 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

impl RateDesign {
    /// Refuse what has no answer, naming the field.
    pub fn validate(&self) -> Result<()> {
        require_positive("rate_control", self.rate_control, "the control event rate")?;
        require_positive("rate_ratio", self.rate_ratio, "the rate ratio")?;
        match self.margin {
            None if self.rate_ratio == 1.0 => {
                return Err(Error::field(
                    "rate_ratio",
                    "1 is no effect; give the ratio the trial should detect (e.g. 0.7)",
                ));
            }
            None => {}
            Some(m) => {
                if !(m.is_finite() && m > 0.0) || m == 1.0 || !(1e-6..=1e6).contains(&m) {
                    return Err(Error::field(
                        "margin",
                        format!(
                            "{}: the non-inferiority margin is a rate ratio other than 1, from 1e-6 to 1e6 (above 1 when higher rates are worse, e.g. 1.25; below 1 when they are better){}",
                            human_number(m),
                            if m == 1.0 {
                                "; for the test of no difference leave {field:margin} out"
                            } else {
                                ""
                            }
                        ),
                    ));
                }
                let shown_below = m > 1.0;
                if (shown_below && self.rate_ratio >= m) || (!shown_below && self.rate_ratio <= m) {
                    return Err(Error::field(
                        "rate_ratio",
                        format!(
                            "{}: the true rate ratio must lie {} the margin {} for non-inferiority to be shown (e.g. 1, no difference)",
                            human_number(self.rate_ratio),
                            if shown_below { "below" } else { "above" },
                            human_number(m)
                        ),
                    ));
                }
            }
        }
        require_positive("years", self.years, "the mean follow-up")?;
        require_non_negative("dispersion", self.dispersion, "the dispersion k")?;
        if let Some(k) = self.dispersion_treatment {
            require_non_negative("dispersion_treatment", k, "the dispersion k")?;
        }
        if let Some(a) = self.accrual {
            require_non_negative("accrual", a, "the accrual period")?;
            if a > 1e12 {
                return Err(Error::field("accrual", "out of range; allowed: 0 to 1e12"));
            }
        }
        for (field, v) in [
            ("rate_control", self.rate_control),
            ("rate_ratio", self.rate_ratio),
            ("years", self.years),
            ("dispersion", self.dispersion),
        ] {
            if !(1e-12..=1e12).contains(&v) && v != 0.0 {
                return Err(Error::field(
                    field,
                    format!(
                        "{} is out of range; allowed: 1e-12 to 1e12",
                        human_number(v)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The treatment arm's dispersion.
    pub fn dispersion_a(&self) -> f64 {
        self.dispersion_treatment.unwrap_or(self.dispersion)
    }

    /// The rate ratio of the null hypothesis: the margin, or 1.
    pub fn null_ratio(&self) -> f64 {
        self.margin.unwrap_or(1.0)
    }

    /// The per-patient variances of the log rate of (treatment, control) at rate ratio
    /// `ratio`: under the null by `method` (rates whose ratio is [`Self::null_ratio`]) with a
    /// fraction `f` of the patients on treatment, and under the alternative.
    pub fn arm_variances(
        &self,
        ratio: f64,
        method: VarianceMethod,
        f: f64,
    ) -> Result<[(f64, f64); 2]> {
        let l0 = self.rate_control;
        let l1 = l0 * ratio;
        let m = self.null_ratio();
        let (ka, kb) = (self.dispersion_a(), self.dispersion);
        let v = |rate: f64, k: f64| self.patient_variance(rate, k);
        let alt = (v(l1, ka), v(l0, kb));
        let at_control = |x: f64| (v(m * x, ka), v(x, kb));
        let null = match method {
            VarianceMethod::ControlRate => at_control(l0),
            VarianceMethod::TrueRates => alt,
            VarianceMethod::Pooled => at_control((f * l1 + (1.0 - f) * l0) / (f * m + 1.0 - f)),
            VarianceMethod::RestrictedMl => at_control(self.restricted_control_rate(l1, f)?),
        };
        Ok([null, alt])
    }

    /// The restricted maximum likelihood control rate λ̃₀ (the treatment's is M λ̃₀) when
    /// the arms' true rates are λ₀ and `l1` with a fraction `f` on treatment: the root of
    /// the score in the module doc, which lies between λ₀ and λ₁/M.
    pub fn restricted_control_rate(&self, l1: f64, f: f64) -> Result<f64> {
        let (l0, m) = (self.rate_control, self.null_ratio());
        let (ka, kb) = (self.dispersion_a(), self.dispersion);
        // I(λ, k)/λ = 1/(λ · variance term): the information per unit of λ.
        let per_rate = |rate: f64, k: f64| 1.0 / (rate * self.patient_variance(rate, k));
        let score = |x: f64| {
            Ok((1.0 - f) * (l0 - x) * per_rate(x, kb) + f * (l1 - m * x) * per_rate(m * x, ka))
        };
        let (lo, hi) = (l0.min(l1 / m), l0.max(l1 / m));
        if lo == hi {
            return Ok(lo);
        }
        Ok(brent(
            score,
            lo,
            hi,
            score(lo)?,
            score(hi)?,
            "the restricted maximum likelihood rate",
        )?)
    }

    /// One patient's variance term of log λ̂ at rate `rate` and dispersion `k`: 1/(λt) + k
    /// with fixed follow-up, 1/E[λt/(1 + kλt)] with staggered follow-up (module doc).
    pub fn patient_variance(&self, rate: f64, k: f64) -> f64 {
        let t = self.years;
        match self.accrual {
            Some(a) if a > 0.0 => {
                let u = k * rate;
                let information = if u * (t + a) < 1e-5 {
                    // λE[t] − kλ²E[t²] (+ O((kλt)²) relative): the closed form below loses
                    // digits to cancellation as k → 0.
                    let mean_t = t + a / 2.0;
                    let mean_t2 = (t * t + t * a + a * a / 3.0).max(0.0);
                    rate * mean_t - u * rate * mean_t2
                } else {
                    let x = u * a / (1.0 + u * t);
                    (1.0 - x.ln_1p() / (u * a)) / k
                };
                1.0 / information
            }
            _ => 1.0 / (rate * t) + k,
        }
    }

    /// V₁, the variance of log(RR̂) per patient per arm under the alternative (1:1).
    pub fn variance_alternative(&self) -> Result<f64> {
        let [_, (a, b)] = self.arm_variances(self.rate_ratio, VarianceMethod::TrueRates, 0.5)?;
        Ok(a + b)
    }

    /// V₀, the variance under the null by `method` (1:1).
    pub fn variance_null(&self, method: VarianceMethod) -> Result<f64> {
        let [(a, b), _] = self.arm_variances(self.rate_ratio, method, 0.5)?;
        Ok(a + b)
    }
}

/// The closed-form answer for a rate trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatePower {
    pub method: String,
    pub variance_method: VarianceMethod,
    #[serde(flatten)]
    pub design: RateDesign,
    pub rate_treatment: f64,
    pub alpha: f64,
    pub sides: Sides,
    #[serde(flatten)]
    pub solution: Solution,
    pub variance_null: f64,
    pub variance_alternative: f64,
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

/// The method line of a rate result.
pub const RATE_METHOD: &str =
    "negative binomial regression, Wald z test of log rate ratio (Zhu & Lakkis 2014)";

/// The n (for [`Goal::Power`]), the power (for [`Goal::N`]) or the detectable rate ratio
/// (for [`Goal::Delta`], on the side of 1 of `design.rate_ratio`) of `design`, with
/// `allocation` treatment to control.
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::power::rate::rate_power;
/// use trialstats_stats::power::{
///     Allocation, Goal, RateDesign, SampleSize, Sides, Test, VarianceMethod,
/// };
/// // Relapses at 2.9 a year on control, a rate ratio of 0.7 over 2 years, negative binomial
/// // dispersion 0.8, 100 patients per arm: statsmodels 0.15's power_negbin_ratio_2indep
/// // gives power 0.708973408788775 (method_var "alt"; benches/power_rate_reference.py).
/// let design = RateDesign {
///     rate_control: 2.9,
///     rate_ratio: 0.7,
///     years: 2.0,
///     dispersion: 0.8,
///     dispersion_treatment: None,
///     accrual: None,
///     margin: None,
/// };
/// let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
/// let goal = Goal::N(SampleSize::PerArm(100.0));
/// let r = rate_power(&design, VarianceMethod::TrueRates, test, Allocation::EQUAL, goal)?;
/// assert!((r.solution.power - 0.708973408788775).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn rate_power(
    design: &RateDesign,
    method: VarianceMethod,
    test: Test,
    allocation: Allocation,
    goal: Goal,
) -> Result<RatePower> {
    design.validate()?;
    // The effect is |log RR − log M| (M = 1 without a margin), on the side of M the design's
    // ratio lies.
    let null_ratio = design.null_ratio();
    let sign = if design.rate_ratio < null_ratio {
        -1.0
    } else {
        1.0
    };
    let unit = |e: f64, f: f64| {
        let [(a0, b0), (a1, b1)] =
            design.arm_variances(null_ratio * (sign * e).exp(), method, f)?;
        Ok((
            (a0 / f + b0 / (1.0 - f)).sqrt(),
            (a1 / f + b1 / (1.0 - f)).sqrt(),
        ))
    };
    let precision = Precision {
        unit_se: &unit,
        df_lost: Some(2.0),
        unit: "patients",
    };
    let solution = Solution::solve(
        goal,
        (design.rate_ratio.ln() - null_ratio.ln()).abs(),
        &precision,
        test,
        allocation,
    )
    .map_err(|e| match e {
        crate::Error::Refused(crate::error::Refusal::Numerical(m)) => {
            crate::Error::numerical(format!(
                "{m} (the rate ratio is too close to {})",
                human_number(null_ratio)
            ))
        }
        other => other,
    })?;
    let mut design = design.clone();
    design.rate_ratio = null_ratio * (sign * solution.effect).exp();
    Ok(RatePower {
        method: format!(
            "{RATE_METHOD}, variance under H0 by method {} ({}){}",
            method.number(),
            method.name(),
            if design.margin.is_some() {
                "; non-inferiority margin (Zhu 2017)"
            } else {
                ""
            }
        ),
        variance_method: method,
        rate_treatment: design.rate_control * design.rate_ratio,
        variance_null: design.variance_null(method)?,
        variance_alternative: design.variance_alternative()?,
        design,
        alpha: test.level.alpha(),
        sides: test.sides,
        solution,
        simulated_power: None,
        simulated_se: None,
        simulation: None,
        provenance: Vec::new(),
    })
}

/// What a non-inferiority test at margin `m` shows, and at which one-sided level (a
/// two-sided α is the one-sided test at α/2: the two-sided CI's bound beyond the margin).
pub fn non_inferiority_line(m: f64, alpha: f64, sides: Sides) -> String {
    let (bound, side, worse) = if m > 1.0 {
        ("upper", "below", "higher")
    } else {
        ("lower", "above", "lower")
    };
    let one_sided = match sides {
        Sides::TwoSided => alpha / 2.0,
        Sides::OneSided => alpha,
    };
    format!(
        "non-inferiority: shown when the rate ratio's {bound} confidence bound lies {side} the margin {} ({worse} rates are worse); one-sided at {}",
        human_number(m),
        human_number(one_sided)
    )
}

impl RatePower {
    /// Attach a simulation's result.
    pub fn with_simulation(mut self, sim: super::SimulatedPower) -> RatePower {
        self.simulated_power = Some(sim.power);
        self.simulated_se = Some(sim.se);
        self.simulation = Some(sim);
        self
    }
}

impl Tabular for RatePower {
    fn preamble(&self) -> Option<String> {
        let s = format!(
            "Power for a ratio of event rates: {}\nalpha = {} ({}); counts {}\n",
            self.method,
            human_number(self.alpha),
            self.sides.describe(),
            if self.design.dispersion == 0.0 {
                "Poisson (k = 0)".to_string()
            } else {
                format!(
                    "negative binomial, variance λt + k(λt)², k = {}",
                    human_number(self.design.dispersion)
                )
            }
        );
        let s = match self.design.margin {
            Some(m) => format!("{s}{}\n", non_inferiority_line(m, self.alpha, self.sides)),
            None => s,
        };
        super::preamble_with(s, &self.provenance)
    }

    fn table(&self) -> Table {
        let d = &self.design;
        let mut rows: Vec<Vec<Cell>> = vec![
            vec![
                "rate control (per patient-year)".into(),
                d.rate_control.into(),
            ],
            vec!["rate treatment".into(), self.rate_treatment.into()],
            vec!["rate ratio".into(), d.rate_ratio.into()],
            vec![
                if d.accrual.is_some() {
                    "follow-up of the last patient in".into()
                } else {
                    "mean follow-up".into()
                },
                d.years.into(),
            ],
            vec!["dispersion k".into(), d.dispersion.into()],
        ];
        if let Some(m) = d.margin {
            rows.push(vec!["non-inferiority margin".into(), m.into()]);
        }
        rows.extend([
            vec!["V0 (null)".into(), self.variance_null.into()],
            vec!["V1 (alternative)".into(), self.variance_alternative.into()],
        ]);
        if let Some(k) = d.dispersion_treatment {
            rows.push(vec!["dispersion k, treatment".into(), k.into()]);
        }
        if let Some(a) = d.accrual {
            rows.push(vec![
                "accrual (follow-up staggered to a common end)".into(),
                a.into(),
            ]);
        }
        rows.extend(self.solution.rows(d.rate_ratio, "n"));
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
