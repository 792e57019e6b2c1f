//! Group-sequential designs for the confirmatory trial: the boundaries of a trial that looks at
//! its data K times and stops early for efficacy (or futility), the power at each look, and how
//! much larger (inflation factor) and how much smaller on average (expected sample size) it is
//! than the trial with one final analysis. Names and defaults as rpact's
//! `getDesignGroupSequential` and `getDesignCharacteristics` (Wassmer & Brannath 2016, *Group
//! Sequential and Confirmatory Adaptive Designs in Clinical Trials*); the crossing probabilities
//! by recursive numerical integration ([`recursion`]; Jennison & Turnbull 2000, ch. 19).
//!
//! The efficacy boundary is one of
//! * `OF`, `P`: the classical O'Brien & Fleming (1979) and Pocock (1977) shapes c·t_k^(Δ − ½)
//!   with Δ = 0 and ½ (Wang & Tsiatis 1987), c chosen so that the whole α is spent;
//! * `asOF`, `asP`, `asKD`, `asHSD`: α-spending (Lan & DeMets 1983): at look k the bound c_k
//!   spends α(t_k) − α(t_{k−1}) given the looks before ([`spending`]).
//!
//! Optionally (α-spending designs) a futility bound from β-spending (`bsOF`, `bsP`,
//! `bsKD`, `bsHSD`; Pampallona, Tsiatis & Kim 2001): at look k the bound a_k spends
//! β(t_k) − β(t_{k−1}) of stopping for futility under the alternative, and the drift θ (the
//! mean of the final Z under H1) is the one at which the last futility bound meets the last
//! efficacy bound. Non-binding futility (the default) leaves the efficacy bounds as without
//! futility (α is kept whether or not the trial stops when it may); binding futility computes
//! the efficacy bounds with the futility bounds in place, so they are lower. A two-sided design
//! stops for futility when |Z_k| < a_k, with rpact's rules for it (`with_futility_two_sided`;
//! rpact calls its two-sided β-spending experimental). With futility the drift is then solved
//! again for the power over the final bounds, as rpact's `getDesignCharacteristics` does.
//!
//! Without futility, θ gives the power 1 − β over the looks (crossings of the upper bound only,
//! as rpact's default `twoSidedPower = FALSE`). The inflation factor is θ² over the fixed
//! design's (z_{1−α/s} + z_{1−β})²; the expected sample sizes are fractions of the fixed
//! design's n: the inflation factor times Σ t_k·P(stopping at look k), under H0 (θ = 0), under
//! θ/2 and under H1 (with the futility bounds, binding or not, obeyed).
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`SequentialSpec`] (validated), [`design`], [`SequentialDesign`] and its table |
//! | [`spending`] | the α- and β-spending functions |
//! | `boundaries.rs` | solving the efficacy and futility bounds and the drift |
//! | [`recursion`] | the crossing probabilities at each look under a drift |
//! | [`sample_size`] | a fixed design's n or events carried to the design's maximum and expected |

mod boundaries;
pub mod recursion;
pub mod sample_size;
pub mod spending;

use crate::dist::{pnorm_upper, qnorm};
use crate::error::{Error, Refusal, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use boundaries::{drift_for_power, efficacy_bounds, with_futility, with_futility_two_sided};
use recursion::{Continuation, Exit, Recursion};
use serde::Serialize;
use spending::Spending;

/// The most looks a design may have (rpact's `kMax` ≤ 20).
pub const MAX_LOOKS: usize = 20;

/// How closely boundaries and the drift are solved (relative; rpact's `tolerance` is 1e-8
/// absolute).
const TOLERANCE: f64 = 1e-13;

/// The lowest efficacy bound searched (z).
const LOWEST_BOUND: f64 = -12.0;

/// The efficacy boundary: a classical shape or an α-spending function.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Efficacy {
    /// O'Brien & Fleming (1979): c/√t_k.
    OBrienFleming,
    /// Pocock (1977): c at every look.
    Pocock,
    /// α-spending (Lan & DeMets 1983).
    Spending(Spending),
}

impl Efficacy {
    /// Read rpact's `typeOfDesign`: `OF`, `P`, `asOF`, `asP`, `asKD`, `asHSD` (`gamma` for the
    /// last two).
    pub fn parse(name: &str, gamma: Option<f64>) -> Result<Efficacy> {
        match name {
            "OF" | "P" => {
                if gamma.is_some() {
                    return Err(Error::field(
                        "gamma",
                        format!("the {name} design has no parameter; γ is for asKD and asHSD"),
                    ));
                }
                Ok(if name == "OF" {
                    Efficacy::OBrienFleming
                } else {
                    Efficacy::Pocock
                })
            }
            _ => match name.strip_prefix("as") {
                Some(family) if !family.is_empty() => Ok(Efficacy::Spending(
                    Spending::from_name(family, gamma, "design", "gamma")
                        .map_err(|e| unknown_design(e, name))?,
                )),
                _ => Err(Error::field(
                    "design",
                    format!("unknown design '{name}'; allowed: OF, P, asOF, asP, asKD, asHSD"),
                )),
            },
        }
    }

    /// rpact's name of the design.
    pub fn name(&self) -> String {
        match self {
            Efficacy::OBrienFleming => "OF".to_string(),
            Efficacy::Pocock => "P".to_string(),
            Efficacy::Spending(s) => format!("as{}", s.name()),
        }
    }

    /// In words, for the table's title.
    pub fn describe(&self) -> String {
        match self {
            Efficacy::OBrienFleming => "O'Brien–Fleming (1979) boundaries".to_string(),
            Efficacy::Pocock => "Pocock (1977) boundaries".to_string(),
            Efficacy::Spending(s) => format!("α-spending, {}", describe_spending(s)),
        }
    }
}

/// An unknown family after `as` reads as an unknown design.
fn unknown_design(e: Error, name: &str) -> Error {
    match e {
        Error::Refused(Refusal::Field {
            field: "design", ..
        }) => Error::field(
            "design",
            format!("unknown design '{name}'; allowed: OF, P, asOF, asP, asKD, asHSD"),
        ),
        other => other,
    }
}

fn describe_spending(s: &Spending) -> String {
    match s {
        Spending::OBrienFleming => "Lan–DeMets O'Brien–Fleming type".to_string(),
        Spending::Pocock => "Lan–DeMets Pocock type".to_string(),
        Spending::KimDeMets { gamma } => format!("Kim–DeMets t^γ, γ = {}", human_number(*gamma)),
        Spending::HwangShihDeCani { gamma } => {
            format!("Hwang–Shih–DeCani, γ = {}", human_number(*gamma))
        }
    }
}

/// A futility boundary by β-spending.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Futility {
    pub spending: Spending,
    /// Binding: the efficacy bounds count on the trial stopping at a futility bound.
    pub binding: bool,
}

impl Futility {
    /// Read rpact's `typeBetaSpending`: `bsOF`, `bsP`, `bsKD`, `bsHSD` (`gamma` for the last
    /// two).
    pub fn parse(name: &str, gamma: Option<f64>, binding: bool) -> Result<Futility> {
        let unknown = || {
            Error::field(
                "futility",
                format!("unknown futility spending '{name}'; allowed: bsOF, bsP, bsKD, bsHSD"),
            )
        };
        let family = name.strip_prefix("bs").ok_or_else(unknown)?;
        let spending = Spending::from_name(family, gamma, "futility", "futility_gamma").map_err(
            |e| match e {
                Error::Refused(Refusal::Field {
                    field: "futility", ..
                }) => unknown(),
                other => other,
            },
        )?;
        Ok(Futility { spending, binding })
    }
}

/// What a group-sequential design is asked to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequentialSpec {
    /// The information fractions of the looks: increasing, the last 1.
    pub timing: Vec<f64>,
    /// The whole type I error (both sides together when two-sided).
    pub alpha: f64,
    /// 1 or 2.
    pub sides: u8,
    /// The type II error: power 1 − β.
    pub beta: f64,
    pub efficacy: Efficacy,
    pub futility: Option<Futility>,
}

impl Default for SequentialSpec {
    /// rpact's defaults: 3 equally spaced looks, one-sided α = 0.025, β = 0.2, `OF`.
    fn default() -> Self {
        SequentialSpec {
            timing: equally_spaced(3),
            alpha: 0.025,
            sides: 1,
            beta: 0.2,
            efficacy: Efficacy::OBrienFleming,
            futility: None,
        }
    }
}

/// `looks` equally spaced information fractions k/K.
pub fn equally_spaced(looks: usize) -> Vec<f64> {
    (1..=looks).map(|k| k as f64 / looks as f64).collect()
}

/// The looks' information fractions from `--looks K` and `--timing t1,…,tK` (either, or both
/// when they agree; 3 equally spaced looks when neither is given, as rpact).
///
/// ```
/// use trialstats_stats::power::sequential::timing;
/// assert_eq!(timing(Some(4), None)?, [0.25, 0.5, 0.75, 1.0]);
/// assert_eq!(timing(None, Some(vec![0.3, 1.0]))?, [0.3, 1.0]);
/// assert!(timing(Some(3), Some(vec![0.5, 1.0])).unwrap_err().to_string().contains("timing"));
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn timing(looks: Option<i64>, timing: Option<Vec<f64>>) -> Result<Vec<f64>> {
    let looks = match looks {
        Some(k) if !(1..=MAX_LOOKS as i64).contains(&k) => {
            return Err(Error::field(
                "looks",
                format!("{k}; allowed: 1 to {MAX_LOOKS}"),
            ));
        }
        other => other.map(|k| k as usize),
    };
    match (looks, timing) {
        (Some(k), Some(t)) if t.len() != k => Err(Error::field(
            "timing",
            format!(
                "{} information fractions for {k} looks; give one per look, the last 1",
                t.len()
            ),
        )),
        (_, Some(t)) => Ok(t),
        (Some(k), None) => Ok(equally_spaced(k)),
        (None, None) => Ok(equally_spaced(3)),
    }
}

impl SequentialSpec {
    /// Refuse what has no design, naming the field.
    pub fn validate(&self) -> Result<()> {
        let k = self.timing.len();
        if k == 0 || k > MAX_LOOKS {
            return Err(Error::field(
                "looks",
                format!("{k} looks; allowed: 1 to {MAX_LOOKS}"),
            ));
        }
        let mut before = 0.0;
        for (i, &t) in self.timing.iter().enumerate() {
            if !(t.is_finite() && t > before && t <= 1.0) {
                return Err(Error::field(
                    "timing",
                    format!(
                        "look {}: {}: the information fractions must increase strictly from above 0 to 1",
                        i + 1,
                        human_number(t)
                    ),
                ));
            }
            before = t;
        }
        if before != 1.0 {
            return Err(Error::field(
                "timing",
                format!(
                    "the last information fraction is {}; it must be 1 (the final analysis)",
                    human_number(before)
                ),
            ));
        }
        if !(self.alpha > 0.0 && self.alpha <= 0.5) {
            return Err(Error::field(
                "alpha",
                format!(
                    "{}: α must be above 0 and at most 0.5",
                    human_number(self.alpha)
                ),
            ));
        }
        if !(self.beta > 0.0 && self.beta < 1.0 - self.alpha / f64::from(self.sides)) {
            return Err(Error::field(
                "beta",
                format!(
                    "{}: β must be above 0 and below 1 − α{} (power above the level)",
                    human_number(self.beta),
                    if self.sides == 2 { "/2" } else { "" }
                ),
            ));
        }
        if !matches!(self.sides, 1 | 2) {
            return Err(Error::field(
                "sides",
                format!("{}; allowed: 1 or 2", self.sides),
            ));
        }
        if let Efficacy::Spending(s) = &self.efficacy {
            s.validate("gamma")?;
        }
        if let Some(f) = &self.futility {
            f.spending.validate("futility_gamma")?;
            if !matches!(self.efficacy, Efficacy::Spending(_)) {
                return Err(Error::field(
                    "futility",
                    "β-spending futility bounds go with an α-spending design (asOF, asP, asKD, asHSD), as in rpact",
                ));
            }
            if k < 2 {
                return Err(Error::field(
                    "futility",
                    "a futility bound needs an interim look ({field:looks} 2 or more)",
                ));
            }
        }
        Ok(())
    }

    fn looks(&self) -> usize {
        self.timing.len()
    }

    /// The z of the fixed design, z_{1−α/s} + z_{1−β}: its drift.
    pub fn fixed_drift(&self) -> f64 {
        -qnorm(self.alpha / f64::from(self.sides)) - qnorm(self.beta)
    }

    /// Where the trial goes on at look k under efficacy bound `upper` and futility `lower`.
    fn region(&self, lower: Option<f64>, upper: f64) -> Continuation {
        if self.sides == 2 {
            Continuation::two_sided(upper, lower.unwrap_or(0.0))
        } else {
            Continuation::new(lower.unwrap_or(f64::NEG_INFINITY), upper)
        }
    }
}

/// A group-sequential design with its operating characteristics (rpact's
/// `getDesignGroupSequential` and `getDesignCharacteristics`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SequentialDesign {
    /// rpact's `typeOfDesign`.
    pub design: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gamma: Option<f64>,
    /// rpact's `typeBetaSpending`, with futility.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub futility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub futility_gamma: Option<f64>,
    pub binding_futility: bool,
    pub looks: usize,
    pub timing: Vec<f64>,
    pub alpha: f64,
    pub sides: u8,
    pub beta: f64,
    /// The efficacy bound of each look on the z scale (±z when two-sided).
    pub critical_values: Vec<f64>,
    /// The type I error spent by each look (cumulative, under H0; with the futility bounds
    /// only when binding).
    pub alpha_spent: Vec<f64>,
    /// The nominal one-sided p of each efficacy bound, 1 − Φ(c_k).
    pub stage_levels: Vec<f64>,
    /// The futility bound of each interim look on the z scale (the last look's is its
    /// efficacy bound).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub futility_bounds: Vec<f64>,
    /// The type II error spent by each look (cumulative futility stopping under H1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub beta_spent: Vec<f64>,
    /// The mean of the final Z under H1 (rpact's shift is its square).
    pub drift: f64,
    /// drift²: the maximum information in units of 1/δ² (rpact's `shift`).
    pub shift: f64,
    /// (z_{1−α/s} + z_{1−β})²: the fixed design's (rpact's `nFixed`).
    pub fixed_shift: f64,
    /// The fixed design's critical value z_{1−α/s}.
    pub fixed_critical_value: f64,
    /// The maximum sample size over the fixed design's.
    pub inflation_factor: f64,
    /// P(rejecting H0 at look k) under H1.
    pub rejection_probabilities: Vec<f64>,
    /// P(having rejected by look k) under H1.
    pub power: Vec<f64>,
    /// P(stopping for futility at interim look k) under H1.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub futility_probabilities: Vec<f64>,
    /// The expected sample size over the fixed design's, under H0, θ/2 and H1.
    pub expected_n_h0: f64,
    pub expected_n_h01: f64,
    pub expected_n_h1: f64,
}

/// The boundaries of `spec` and its characteristics.
///
/// ```
/// use trialstats_stats::power::sequential::{design, Efficacy, SequentialSpec};
/// use trialstats_stats::power::sequential::spending::Spending;
/// // rpact: getDesignGroupSequential(kMax = 3, alpha = 0.025, beta = 0.2,
/// //   typeOfDesign = "asOF") gives criticalValues 3.71030287, 2.51142748, 1.99304748 and
/// //   getDesignCharacteristics(...)$inflationFactor 1.0127948.
/// let spec = SequentialSpec {
///     efficacy: Efficacy::Spending(Spending::OBrienFleming),
///     ..SequentialSpec::default()
/// };
/// let d = design(&spec)?;
/// let rpact = [3.71030287, 2.51142748, 1.99304748];
/// for (c, r) in d.critical_values.iter().zip(rpact) {
///     assert!((c - r).abs() < 1e-7);
/// }
/// assert!((d.inflation_factor - 1.0127948).abs() < 1e-6);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn design(spec: &SequentialSpec) -> Result<SequentialDesign> {
    spec.validate()?;
    let (critical_values, futility_bounds, drift) = match spec.futility {
        None => {
            let critical = efficacy_bounds(spec, None)?;
            let drift = drift_for_power(spec, &critical, &[])?;
            (critical, Vec::new(), drift)
        }
        Some(futility) if spec.sides == 2 => {
            let (critical, lower) = with_futility_two_sided(spec, futility)?;
            let drift = drift_for_power(spec, &critical, &lower)?;
            (critical, lower, drift)
        }
        Some(futility) => with_futility(spec, futility)?,
    };
    Ok(characteristics(
        spec,
        critical_values,
        futility_bounds,
        drift,
    ))
}

/// The spent α, power, stopping probabilities and expected sample sizes of the bounds.
fn characteristics(
    spec: &SequentialSpec,
    critical_values: Vec<f64>,
    futility_bounds: Vec<f64>,
    drift: f64,
) -> SequentialDesign {
    let looks = spec.looks();
    let regions = |with_futility: bool| -> Vec<Continuation> {
        critical_values
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                let lower = if with_futility {
                    futility_bounds.get(k).copied()
                } else {
                    None
                };
                spec.region(lower, c)
            })
            .collect()
    };
    let binding = spec.futility.is_some_and(|f| f.binding);
    let under = |d: f64, with_futility: bool| {
        Recursion {
            timing: &spec.timing,
            drift: d,
        }
        .exits(&regions(with_futility))
    };
    let alpha_spent = alpha_spent(&under(0.0, binding), spec.sides, looks);
    let fixed_shift = spec.fixed_drift().powi(2);
    let shift = drift * drift;
    let inflation_factor = shift / fixed_shift;
    let expected = |d: f64| -> f64 {
        let exits = under(d, true);
        let mut reached = 1.0;
        let mut sum = 0.0;
        for (k, e) in exits.iter().enumerate().take(looks - 1) {
            let stop = e.above + e.below + e.inside;
            sum += spec.timing[k] * stop;
            reached -= stop;
        }
        inflation_factor * (sum + reached)
    };
    let h1 = under(drift, true);
    let rejection_probabilities: Vec<f64> = h1.iter().map(|e| e.above).collect();
    let power = running_sum(&rejection_probabilities);
    let futility_probabilities: Vec<f64> = if spec.futility.is_some() {
        h1.iter()
            .take(looks - 1)
            .map(|e| if spec.sides == 2 { e.inside } else { e.below })
            .collect()
    } else {
        Vec::new()
    };
    let beta_spent = running_sum(&futility_probabilities);
    let (expected_n_h0, expected_n_h01, expected_n_h1) =
        (expected(0.0), expected(drift / 2.0), expected(drift));
    let stage_levels = critical_values.iter().map(|&c| pnorm_upper(c)).collect();
    SequentialDesign {
        design: spec.efficacy.name(),
        gamma: match spec.efficacy {
            Efficacy::Spending(s) => s.gamma(),
            _ => None,
        },
        futility: spec.futility.map(|f| format!("bs{}", f.spending.name())),
        futility_gamma: spec.futility.and_then(|f| f.spending.gamma()),
        binding_futility: binding,
        looks,
        timing: spec.timing.clone(),
        alpha: spec.alpha,
        sides: spec.sides,
        beta: spec.beta,
        stage_levels,
        critical_values,
        alpha_spent,
        futility_bounds,
        beta_spent,
        drift,
        shift,
        fixed_shift,
        fixed_critical_value: -qnorm(spec.alpha / f64::from(spec.sides)),
        inflation_factor,
        rejection_probabilities,
        power,
        futility_probabilities,
        expected_n_h0,
        expected_n_h01,
        expected_n_h1,
    }
}

/// The α spent by each look: the running sum of the probabilities of crossing the upper
/// bound (and, two-sided, the lower) under H0.
fn alpha_spent(h0: &[Exit], sides: u8, looks: usize) -> Vec<f64> {
    let mut alpha_spent = Vec::with_capacity(looks);
    let mut total = 0.0;
    for e in h0 {
        total += e.above + if sides == 2 { e.below } else { 0.0 };
        alpha_spent.push(total);
    }
    alpha_spent
}

/// The running sums of `p`, first to last.
fn running_sum(p: &[f64]) -> Vec<f64> {
    p.iter()
        .scan(0.0, |s, p| {
            *s += p;
            Some(*s)
        })
        .collect()
}

/// The scale a design's bounds are shown on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundaryScale {
    /// The test statistic.
    Z,
    /// The estimate that crosses the bound, as a fraction of the effect the trial is
    /// powered for.
    Effect,
}

impl std::str::FromStr for BoundaryScale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "z" => Ok(BoundaryScale::Z),
            "effect" => Ok(BoundaryScale::Effect),
            other => Err(Error::field(
                "scale",
                format!("'{other}'; allowed: z, effect"),
            )),
        }
    }
}

impl SequentialDesign {
    /// The bound `z` of look `k` (0-based) on `scale`: z itself, or the estimate that
    /// crosses it over the effect the trial is powered for, z/(θ·√t_k) (the estimate at
    /// look k is N(δ, δ²/(θ²·t_k)) under H1, so its z is θ√t_k times the fraction).
    ///
    /// ```
    /// use trialstats_stats::power::sequential::{design, BoundaryScale, SequentialSpec};
    /// let d = design(&SequentialSpec::default())?;
    /// let k = d.looks - 1;
    /// let z = d.critical_values[k];
    /// let effect = d.on_scale(BoundaryScale::Effect, k, z);
    /// assert!((effect - z / d.drift).abs() < 1e-15);
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn on_scale(&self, scale: BoundaryScale, k: usize, z: f64) -> f64 {
        match scale {
            BoundaryScale::Z => z,
            BoundaryScale::Effect => z / (self.drift * self.timing[k].sqrt()),
        }
    }

    /// The title lines of the table.
    fn title(&self, spec_line: &str) -> String {
        format!(
            "Group-sequential design: {spec_line}\n{} look(s), α = {} ({}), power {} (β = {})\n",
            self.looks,
            human_number(self.alpha),
            if self.sides == 2 {
                "two-sided"
            } else {
                "one-sided"
            },
            human_number(1.0 - self.beta),
            human_number(self.beta),
        )
    }
}

impl Tabular for SequentialDesign {
    fn preamble(&self) -> Option<String> {
        let efficacy = Efficacy::parse(&self.design, self.gamma)
            .map(|e| e.describe())
            .unwrap_or_else(|_| self.design.clone());
        let mut line = format!("{} ({})", efficacy, self.design);
        if let Some(f) = &self.futility {
            line.push_str(&format!(
                "; futility by β-spending {f}{}, {}",
                self.futility_gamma
                    .map(|g| format!(" (γ = {})", human_number(g)))
                    .unwrap_or_default(),
                if self.binding_futility {
                    "binding"
                } else {
                    "non-binding"
                }
            ));
        }
        let mut s = self.title(&line);
        s.push_str(&format!(
            "inflation factor {} (maximum n over the fixed design's); expected n over the fixed design's: {} under H0, {} under θ/2, {} under H1\n",
            human_number(self.inflation_factor),
            human_number(self.expected_n_h0),
            human_number(self.expected_n_h01),
            human_number(self.expected_n_h1),
        ));
        Some(s)
    }

    fn table(&self) -> Table {
        let with_futility = !self.futility_bounds.is_empty();
        let mut header: Vec<String> = vec![
            "look".into(),
            "information".into(),
            "efficacy z".into(),
            "nominal p".into(),
            "alpha spent".into(),
        ];
        if with_futility {
            header.push("futility z".into());
        }
        header.push("P(reject) H1".into());
        header.push("power".into());
        if with_futility {
            header.push("P(futility) H1".into());
        }
        let rows = (0..self.looks)
            .map(|k| {
                let mut row: Vec<Cell> = vec![
                    Cell::Integer(k as i64 + 1),
                    self.timing[k].into(),
                    self.critical_values[k].into(),
                    self.stage_levels[k].into(),
                    self.alpha_spent[k].into(),
                ];
                if with_futility {
                    row.push(
                        self.futility_bounds
                            .get(k)
                            .map_or(Cell::Missing, |&a| a.into()),
                    );
                }
                row.push(self.rejection_probabilities[k].into());
                row.push(self.power[k].into());
                if with_futility {
                    row.push(
                        self.futility_probabilities
                            .get(k)
                            .map_or(Cell::Missing, |&p| p.into()),
                    );
                }
                row
            })
            .collect();
        Table { header, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_specs_name_their_option() {
        let bad = |spec: SequentialSpec, field: &'static str| {
            let e = design(&spec).unwrap_err().to_string();
            assert!(e.contains(field), "{e}");
        };
        bad(
            SequentialSpec {
                timing: vec![],
                ..SequentialSpec::default()
            },
            "looks",
        );
        bad(
            SequentialSpec {
                timing: vec![0.5, 0.4, 1.0],
                ..SequentialSpec::default()
            },
            "timing",
        );
        bad(
            SequentialSpec {
                timing: vec![0.5, 0.9],
                ..SequentialSpec::default()
            },
            "timing",
        );
        bad(
            SequentialSpec {
                alpha: 0.6,
                ..SequentialSpec::default()
            },
            "alpha",
        );
        bad(
            SequentialSpec {
                efficacy: Efficacy::Spending(Spending::KimDeMets { gamma: -1.0 }),
                ..SequentialSpec::default()
            },
            "gamma",
        );
        bad(
            SequentialSpec {
                futility: Some(Futility {
                    spending: Spending::OBrienFleming,
                    binding: false,
                }),
                ..SequentialSpec::default()
            },
            "futility",
        );
    }

    /// One look is the fixed design: z_{1−α}, drift z_{1−α} + z_{1−β}, inflation factor 1.
    #[test]
    fn one_look_is_the_fixed_design() {
        let spec = SequentialSpec {
            timing: vec![1.0],
            efficacy: Efficacy::Spending(Spending::OBrienFleming),
            ..SequentialSpec::default()
        };
        let d = design(&spec).unwrap();
        // R: qnorm(0.975) = 1.959963984540054
        assert!((d.critical_values[0] - 1.959963984540054).abs() < 1e-12);
        assert!((d.inflation_factor - 1.0).abs() < 1e-10);
        assert!((d.expected_n_h1 - 1.0).abs() < 1e-10);
    }
}
