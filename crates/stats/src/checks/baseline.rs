//! Carlisle's check of a trial's baseline table: are the arms as alike as randomisation makes
//! them, or more alike (or more different) than chance allows? (Carlisle & Loadsman 2017,
//! *Anaesthesia* 72:17; Carlisle 2017, *Anaesthesia* 72:944, on 5,087 trials; the Monte
//! Carlo form of R's simdistr, Sousa-Pinto et al.)
//!
//! For each baseline variable (one row per arm: n, mean or proportion as printed, SD for a
//! continuous variable):
//!
//! * `anova_p`: the one-way ANOVA of the arms' means from their summaries (F with k − 1 and
//!   N − k df: SSB = Σ nᵢ(m̄ᵢ − m̄)², SSW = Σ (nᵢ − 1)sᵢ²); for a binary variable Pearson's χ²
//!   of the k × 2 table of counts round(nᵢ·pᵢ) (no continuity correction, as R's
//!   `chisq.test(correct = FALSE)`). Small: the arms differ more than chance makes likely.
//! * `similar_p`: the probability that arms randomised from one population, their means
//!   rounded as printed, spread as little as or less than the printed ones (Σ (m̄ᵢ − m̄)², m̄
//!   the n-weighted mean), by simulation as simdistr's `sim_distr`: the population mean drawn
//!   from N(m̄, s/√(N/k)) (s² = Σ nᵢsᵢ²/N), each arm's mean from N(μ, s/√nᵢ) and rounded to its
//!   decimals; for a binary variable the population proportion from Binomial(N, p̄)/N and each
//!   arm's from Binomial(nᵢ, p)/nᵢ, rounded. The mid-p: (#(< printed) + #(≤ printed)) / 2m.
//!   Small: the arms are more alike than chance makes likely.
//!
//! Per trial, each kind of p combined by Stouffer's method, 1 − Φ(Σ Φ⁻¹(1 − pᵢ)/√k) (a p of
//! 0 or 1 is taken as 1/(2m) from the end, or 1e-16 for the ANOVA, so the sum stays finite).
//!
//! Each variable's simulations use their own random stream (ChaCha8 seeded by the seed and the
//! variable's place), so a seed gives the same answer whatever the threads or the order.

use crate::csv_file::{CsvFile, Row};
use crate::dist::{pchisq_upper, pf_upper, pnorm_upper, qnorm};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use crate::reported::ReportedNumber;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution, Normal};
use rayon::prelude::*;
use serde::Serialize;

/// What the method can and cannot say, printed with every result.
pub const LIMITS: &str = "Limits: the method assumes independent, normally distributed (or binary) variables and simple randomisation; correlated baseline variables (height and weight), stratified or minimised randomisation and skewed variables move the p-values, so a small p is a reason to look at the table, not a verdict.";

/// The columns of a baseline table, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineColumns {
    pub trial: String,
    pub variable: String,
    pub arm: String,
    pub n: String,
    pub mean: String,
    pub sd: String,
    /// The decimals each mean was rounded to; when the file has no such column, the decimals
    /// of the mean as written.
    pub decimals: String,
}

impl Default for BaselineColumns {
    fn default() -> Self {
        BaselineColumns {
            trial: "trial".into(),
            variable: "variable".into(),
            arm: "arm".into(),
            n: "n".into(),
            mean: "mean".into(),
            sd: "sd".into(),
            decimals: "decimals".into(),
        }
    }
}

/// One arm's row of a baseline variable.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineArm {
    /// Where it came from (`FILE:LINE`).
    pub location: String,
    pub arm: String,
    pub n: u64,
    /// The mean (or proportion) as printed.
    pub mean: ReportedNumber,
    /// The SD; `None` for a binary variable.
    pub sd: Option<f64>,
    /// The decimals the mean was rounded to.
    pub decimals: u32,
}

/// Whether a variable is a mean with an SD or a proportion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VariableKind {
    Continuous,
    Binary,
}

/// One baseline variable of one trial, with its arms.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineVariable {
    pub trial: String,
    pub variable: String,
    pub kind: VariableKind,
    pub arms: Vec<BaselineArm>,
}

/// A baseline table: the variables of one or more trials, in the file's order.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineTable {
    pub variables: Vec<BaselineVariable>,
}

impl BaselineTable {
    /// Read `file` with `columns`, refusing what the method cannot take, naming the row and
    /// column: a variable with one arm, n below 2, a negative SD, a proportion outside [0, 1],
    /// a mean whose printed decimals differ from the decimals column, a variable whose arms mix
    /// SDs and no SDs.
    ///
    /// ```
    /// use trialstats_numerics::csv_file::CsvFile;
    /// use trialstats_stats::checks::baseline::{BaselineColumns, BaselineTable};
    /// let csv = CsvFile::from_text(
    ///     "t.csv",
    ///     "trial,variable,arm,n,mean,sd\nA,age,1,20,54.1,9.0\nA,age,2,20,53.8,8.7\n",
    /// )?;
    /// let table = BaselineTable::from_csv(&csv, &BaselineColumns::default())?;
    /// assert_eq!(table.variables[0].arms[1].decimals, 1); // as written
    /// let bad = CsvFile::from_text("t.csv", "trial,variable,arm,n,mean,sd\nA,age,1,20,54.1,9.0\n")?;
    /// let e = BaselineTable::from_csv(&bad, &BaselineColumns::default()).unwrap_err();
    /// assert!(e.to_string().contains("one arm"));
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn from_csv(file: &CsvFile, columns: &BaselineColumns) -> Result<BaselineTable> {
        let col = |name: &str, option: &str| file.require(name, option);
        let trial = col(&columns.trial, "{field:trial}")?;
        let variable = col(&columns.variable, "{field:variable}")?;
        let arm = col(&columns.arm, "{field:arm}")?;
        let n = col(&columns.n, "{field:n}")?;
        let mean = col(&columns.mean, "{field:mean}")?;
        let sd = col(&columns.sd, "{field:sd}")?;
        let decimals = file.find(&columns.decimals);
        let mut variables: Vec<BaselineVariable> = Vec::new();
        file.for_each_row(|row| {
            let (t, v, a) = (
                row.text(trial)?.to_string(),
                row.text(variable)?.to_string(),
                row.text(arm)?.to_string(),
            );
            for (c, text) in [(trial, &t), (variable, &v), (arm, &a)] {
                if text.is_empty() {
                    return Err(Error::input(row.location(c), "the cell is empty; it names the row").into());
                }
            }
            let parsed = read_arm(row, a, [n, mean, sd], decimals)?;
            let kind = if parsed.sd.is_some() {
                VariableKind::Continuous
            } else {
                VariableKind::Binary
            };
            match variables
                .iter_mut()
                .find(|x| x.trial == t && x.variable == v)
            {
                Some(x) => {
                    if x.kind != kind {
                        return Err(Error::input(
                            row.location(sd),
                            format!(
                                "{t}, {v}: some arms have an SD and some not; give every arm's SD (a mean) or none (a proportion)"
                            ),
                        ).into());
                    }
                    if x.arms.iter().any(|p| p.arm == parsed.arm) {
                        return Err(Error::input(
                            row.location(arm),
                            format!("{t}, {v}: arm '{}' is given twice", parsed.arm),
                        ).into());
                    }
                    x.arms.push(parsed);
                }
                None => variables.push(BaselineVariable {
                    trial: t,
                    variable: v,
                    kind,
                    arms: vec![parsed],
                }),
            }
            Ok(())
        })?;
        if variables.is_empty() {
            return Err(Error::input(
                file.name(),
                "no rows; one row per arm and variable is needed",
            ));
        }
        for v in &variables {
            if v.arms.len() < 2 {
                return Err(Error::input(
                    v.arms[0].location.clone(),
                    format!(
                        "{}, {}: one arm only; the check compares two or more arms of a variable",
                        v.trial, v.variable
                    ),
                ));
            }
        }
        Ok(BaselineTable { variables })
    }
}

/// One arm's row, validated.
fn read_arm(
    row: &Row,
    arm: String,
    [n, mean, sd]: [usize; 3],
    decimals: Option<usize>,
) -> Result<BaselineArm> {
    let count = row.required_number(n)?;
    if count.fract() != 0.0 || count < 2.0 {
        return Err(Error::input(
            row.location(n),
            format!(
                "{}: n must be a whole number of at least 2",
                human_number(count)
            ),
        ));
    }
    let printed = ReportedNumber::parse(row.text(mean)?, &row.location(mean))?;
    let spread = row.number(sd)?;
    if let Some(s) = spread {
        if s < 0.0 {
            return Err(Error::input(
                row.location(sd),
                format!("{}: an SD cannot be negative", human_number(s)),
            ));
        }
    } else if !(0.0..=1.0).contains(&printed.value) {
        return Err(Error::input(
            row.location(mean),
            format!(
                "{}: with no SD the mean is a proportion, from 0 to 1 (write 0.45, not 45 %); give the SD if it is a mean",
                printed.text
            ),
        ));
    }
    let decimals = match decimals {
        None => printed.decimals,
        Some(c) => {
            let d = row.required_number(c)?;
            if d.fract() != 0.0 || !(0.0..=10.0).contains(&d) {
                return Err(Error::input(
                    row.location(c),
                    format!(
                        "{}: decimals must be a whole number from 0 to 10",
                        human_number(d)
                    ),
                ));
            }
            let d = d as u32;
            if d != printed.decimals {
                return Err(Error::input(
                    row.location(mean),
                    format!(
                        "'{}' has {} decimal(s) but the decimals column says {d}; write the mean as printed (with its trailing zeros, e.g. {:.*})",
                        printed.text, printed.decimals, d as usize, printed.value
                    ),
                ));
            }
            d
        }
    };
    Ok(BaselineArm {
        location: row.line_location(),
        arm,
        n: count as u64,
        mean: printed,
        sd: spread,
        decimals,
    })
}

/// How many simulations and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineSettings {
    pub simulations: usize,
    pub seed: u64,
}

impl Default for BaselineSettings {
    fn default() -> Self {
        BaselineSettings {
            simulations: 10_000,
            seed: 1,
        }
    }
}

/// One variable's p-values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariableResult {
    pub trial: String,
    pub variable: String,
    pub kind: VariableKind,
    pub arms: usize,
    pub n: u64,
    /// "F(2, 57)" or "chi2(2)".
    pub test: String,
    pub statistic: f64,
    pub anova_p: f64,
    pub similar_p: f64,
}

/// One trial's combined p-values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrialResult {
    pub trial: String,
    pub variables: usize,
    /// Stouffer's combination of the variables' `anova_p`.
    pub stouffer_p: f64,
    /// Stouffer's combination of the variables' `similar_p`.
    pub similar_p: f64,
}

/// The check of a baseline table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineCheck {
    pub simulations: usize,
    pub seed: u64,
    pub variables: Vec<VariableResult>,
    pub trials: Vec<TrialResult>,
    pub limits: String,
}

/// Check every variable of `table` and combine them per trial.
///
/// ```
/// use trialstats_numerics::csv_file::CsvFile;
/// use trialstats_stats::checks::baseline::*;
/// // Two arms of 15 with means 166.2 and 164.9, SDs 11.0 and 10.5 (Saitoh 1995A, height):
/// // SSB = 15·0.65² + 15·0.65² = 12.675, SSW = 14·(11² + 10.5²), F = 0.1096216216216;
/// // R: pf(0.10962162162161875, 1, 28, lower.tail = FALSE)
/// // = 0.74304047948529139.
/// let csv = CsvFile::from_text(
///     "t.csv",
///     "trial,variable,arm,n,mean,sd\nS,height,1,15,166.2,11.0\nS,height,2,15,164.9,10.5\n",
/// )?;
/// let table = BaselineTable::from_csv(&csv, &BaselineColumns::default())?;
/// let check = check_baseline(&table, BaselineSettings { simulations: 2000, seed: 1 })?;
/// assert!((check.variables[0].anova_p - 0.74304047948529139).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn check_baseline(table: &BaselineTable, settings: BaselineSettings) -> Result<BaselineCheck> {
    if settings.simulations < 100 {
        return Err(Error::field(
            "simulations",
            format!(
                "{}: at least 100 (10,000 or more for p-values of 0.001)",
                settings.simulations
            ),
        ));
    }
    let variables: Vec<VariableResult> = table
        .variables
        .par_iter()
        .enumerate()
        .map(|(i, v)| check_variable(v, settings, i as u64))
        .collect::<Result<_>>()?;
    let mut trials: Vec<TrialResult> = Vec::new();
    for v in &table.variables {
        if trials.iter().any(|t| t.trial == v.trial) {
            continue;
        }
        let of_trial: Vec<&VariableResult> =
            variables.iter().filter(|r| r.trial == v.trial).collect();
        let floor = 0.5 / settings.simulations as f64;
        trials.push(TrialResult {
            trial: v.trial.clone(),
            variables: of_trial.len(),
            stouffer_p: stouffer(of_trial.iter().map(|r| r.anova_p), 1e-16),
            similar_p: stouffer(of_trial.iter().map(|r| r.similar_p), floor),
        });
    }
    Ok(BaselineCheck {
        simulations: settings.simulations,
        seed: settings.seed,
        variables,
        trials,
        limits: LIMITS.to_string(),
    })
}

impl BaselineCheck {
    /// The trials whose combined `stouffer_p` or `similar_p` is below `threshold`.
    pub fn flagged(&self, threshold: f64) -> Vec<&TrialResult> {
        self.trials
            .iter()
            .filter(|t| t.stouffer_p < threshold || t.similar_p < threshold)
            .collect()
    }
}

/// Stouffer's combination 1 − Φ(Σ Φ⁻¹(1 − pᵢ)/√k), each p kept `floor` away from 0 and 1.
///
/// ```
/// use trialstats_stats::checks::baseline::stouffer;
/// // R: 1 - pnorm(sum(qnorm(1 - c(0.02, 0.3, 0.5))) / sqrt(3)) = 0.0683101651606323
/// let p = stouffer([0.02, 0.3, 0.5].into_iter(), 1e-16);
/// assert!((p - 0.0683101651606323).abs() < 1e-13);
/// ```
pub fn stouffer(ps: impl Iterator<Item = f64>, floor: f64) -> f64 {
    let (mut sum, mut k) = (0.0, 0.0);
    for p in ps {
        sum += -qnorm(p.clamp(floor, 1.0 - floor));
        k += 1.0;
    }
    pnorm_upper(sum / f64::sqrt(k))
}

fn check_variable(
    v: &BaselineVariable,
    settings: BaselineSettings,
    place: u64,
) -> Result<VariableResult> {
    let k = v.arms.len();
    let n_total: u64 = v.arms.iter().map(|a| a.n).sum();
    let big_n = n_total as f64;
    let means: Vec<f64> = v.arms.iter().map(|a| a.mean.value).collect();
    let ns: Vec<f64> = v.arms.iter().map(|a| a.n as f64).collect();
    let grand = means.iter().zip(&ns).map(|(m, n)| m * n).sum::<f64>() / big_n;
    let (test, statistic, anova_p) = match v.kind {
        VariableKind::Continuous => {
            let ssb: f64 = means
                .iter()
                .zip(&ns)
                .map(|(m, n)| n * (m - grand).powi(2))
                .sum();
            let ssw: f64 = v
                .arms
                .iter()
                .map(|a| (a.n as f64 - 1.0) * a.sd.unwrap_or(0.0).powi(2))
                .sum();
            let (df1, df2) = ((k - 1) as f64, big_n - k as f64);
            if ssw <= 0.0 {
                return Err(Error::input(
                    v.arms[0].location.clone(),
                    format!(
                        "{}, {}: every SD is 0; the ANOVA needs spread within the arms",
                        v.trial, v.variable
                    ),
                ));
            }
            let f = (ssb / df1) / (ssw / df2);
            (format!("F({}, {})", df1, df2), f, pf_upper(f, df1, df2))
        }
        VariableKind::Binary => {
            let counts: Vec<f64> = v
                .arms
                .iter()
                .map(|a| (a.n as f64 * a.mean.value).round())
                .collect();
            let events: f64 = counts.iter().sum();
            let chi2: f64 = if events == 0.0 || events == big_n {
                0.0
            } else {
                counts
                    .iter()
                    .zip(&ns)
                    .map(|(x, n)| {
                        let e1 = n * events / big_n;
                        let e0 = n - e1;
                        (x - e1).powi(2) / e1 + ((n - x) - e0).powi(2) / e0
                    })
                    .sum()
            };
            let df = (k - 1) as f64;
            (format!("chi2({df})"), chi2, pchisq_upper(chi2, df))
        }
    };
    let printed_spread = spread(&means, &ns);
    let similar_p = simulate(v, &ns, grand, printed_spread, settings, place)?;
    Ok(VariableResult {
        trial: v.trial.clone(),
        variable: v.variable.clone(),
        kind: v.kind,
        arms: k,
        n: n_total,
        test,
        statistic,
        anova_p,
        similar_p,
    })
}

/// Σ (m̄ᵢ − m̄)² with m̄ the n-weighted mean (simdistr's spread).
fn spread(means: &[f64], ns: &[f64]) -> f64 {
    let total: f64 = ns.iter().sum();
    let grand = means.iter().zip(ns).map(|(m, n)| m * n).sum::<f64>() / total;
    means.iter().map(|m| (m - grand).powi(2)).sum()
}

/// The mid-p of the printed spread among `settings.simulations` simulated tables.
fn simulate(
    v: &BaselineVariable,
    ns: &[f64],
    grand: f64,
    printed: f64,
    settings: BaselineSettings,
    place: u64,
) -> Result<f64> {
    let mut rng =
        ChaCha8Rng::seed_from_u64(settings.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ place);
    let total: f64 = ns.iter().sum();
    let bad = |what: &str| {
        Error::numerical(format!(
            "{}, {}: cannot simulate {what}",
            v.trial, v.variable
        ))
    };
    let mut draws = vec![0.0; ns.len()];
    let (mut below, mut at_or_below) = (0usize, 0usize);
    match v.kind {
        VariableKind::Continuous => {
            let sd = (v
                .arms
                .iter()
                .map(|a| a.n as f64 * a.sd.unwrap_or(0.0).powi(2))
                .sum::<f64>()
                / total)
                .sqrt();
            let per_arm = total / ns.len() as f64;
            let population =
                Normal::new(grand, sd / per_arm.sqrt()).map_err(|_| bad("the population mean"))?;
            for _ in 0..settings.simulations {
                let mu = population.sample(&mut rng);
                for ((d, a), n) in draws.iter_mut().zip(&v.arms).zip(ns) {
                    let arm_mean =
                        Normal::new(mu, sd / n.sqrt()).map_err(|_| bad("an arm's mean"))?;
                    *d = round_decimals(arm_mean.sample(&mut rng), a.decimals);
                }
                let s = spread(&draws, ns);
                below += usize::from(s < printed);
                at_or_below += usize::from(s <= printed);
            }
        }
        VariableKind::Binary => {
            let big_n = total as u64;
            let population = Binomial::new(big_n, grand.clamp(0.0, 1.0))
                .map_err(|_| bad("the population proportion"))?;
            for _ in 0..settings.simulations {
                let p = population.sample(&mut rng) as f64 / total;
                for (d, a) in draws.iter_mut().zip(&v.arms) {
                    let arm = Binomial::new(a.n, p).map_err(|_| bad("an arm's count"))?;
                    *d = round_fraction(arm.sample(&mut rng), a.n, a.decimals);
                }
                let s = spread(&draws, ns);
                below += usize::from(s < printed);
                at_or_below += usize::from(s <= printed);
            }
        }
    }
    Ok((below + at_or_below) as f64 / (2 * settings.simulations) as f64)
}

/// x rounded to `decimals` places (a continuous draw: ties have probability 0).
fn round_decimals(x: f64, decimals: u32) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (x * f).round() / f
}

/// The proportion k/n rounded to `decimals` places exactly, a tie to the even digit (as R's
/// `round` on a tie it can represent: round(0.125, 2) = 0.12).
fn round_fraction(k: u64, n: u64, decimals: u32) -> f64 {
    let scale = 10u128.pow(decimals);
    let numerator = k as u128 * scale;
    let (q, r) = (numerator / n as u128, numerator % n as u128);
    let twice = 2 * r;
    let q = if twice > n as u128 || (twice == n as u128 && q % 2 == 1) {
        q + 1
    } else {
        q
    };
    q as f64 / scale as f64
}

impl Tabular for BaselineCheck {
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "Carlisle's check of baseline tables (Carlisle & Loadsman 2017): {} variable(s) of {} trial(s); similar_p by {} simulations (seed {}), as R's simdistr.\nanova_p small: arms more different than chance; similar_p small: arms more alike than chance.\n{}\n",
            self.variables.len(),
            self.trials.len(),
            self.simulations,
            self.seed,
            self.limits
        ))
    }

    fn table(&self) -> Table {
        Table {
            header: [
                "trial",
                "variable",
                "kind",
                "arms",
                "n",
                "test",
                "statistic",
                "anova_p",
                "similar_p",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            rows: self
                .variables
                .iter()
                .map(|v| {
                    vec![
                        v.trial.clone().into(),
                        v.variable.clone().into(),
                        match v.kind {
                            VariableKind::Continuous => "continuous",
                            VariableKind::Binary => "binary",
                        }
                        .into(),
                        Cell::Integer(v.arms as i64),
                        Cell::Integer(v.n as i64),
                        v.test.clone().into(),
                        v.statistic.into(),
                        v.anova_p.into(),
                        v.similar_p.into(),
                    ]
                })
                .collect(),
        }
    }

    fn epilogue(&self) -> Option<String> {
        let header: Vec<String> = ["trial", "variables", "stouffer_p", "similar_p"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let rows: Vec<Vec<Cell>> = self
            .trials
            .iter()
            .map(|t| {
                vec![
                    t.trial.clone().into(),
                    Cell::Integer(t.variables as i64),
                    t.stouffer_p.into(),
                    t.similar_p.into(),
                ]
            })
            .collect();
        Some(format!(
            "\nPer trial (Stouffer's combination):\n{}",
            crate::output::table::align(&header, &rows)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportions_round_half_to_even_as_r() {
        // R: round(c(1/8, 3/8, 1/3, 2/3), 2) = 0.12 0.38 0.33 0.67
        assert_eq!(round_fraction(1, 8, 2), 0.12);
        assert_eq!(round_fraction(3, 8, 2), 0.38);
        assert_eq!(round_fraction(1, 3, 2), 0.33);
        assert_eq!(round_fraction(2, 3, 2), 0.67);
        assert_eq!(round_fraction(7, 15, 2), 0.47);
    }
}
