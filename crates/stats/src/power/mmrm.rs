//! Sample size and power for the treatment difference at the last visit of a mixed model
//! for repeated measures (MMRM, unstructured mean per visit and arm) with monotone dropout:
//! Lu, Luo & Chen (2008, Int J Biostat 4(1), formula (3)), as R's longpower `power.mmrm`
//! (any correlation) and `power.mmrm.ar1` (AR(1)).
//!
//! With K visits, R the K × K correlation of a patient's outcomes and rⱼ the retention at
//! visit j (the proportion of the patients randomised still observed there; r_{K+1} = 0), a
//! patient's information about the K visit means is, averaged over the dropout patterns,
//!
//!   I = Σⱼ (rⱼ − rⱼ₊₁) · [R₁..ⱼ⁻¹ padded with zeros to K × K],
//!
//! and φ = (I⁻¹)_KK is the variance inflation at the last visit (φ = 1/r_K when visits are
//! independent, 1 without dropout). With σₐ, σ_b the SD at the last visit, nₐ = f·N in arm a
//! and n_b = (1 − f)·N in arm b, the difference at the last visit has variance
//! σₐ²φₐ/nₐ + σ_b²φ_b/n_b, so N = (z_crit + z_power)²(σₐ²φₐ/f + σ_b²φ_b/(1 − f))/δ².
//! longpower writes the same with λ = nₐ/n_b and one σ; when the arms' SDs differ it uses
//! their mean (σₐ + σ_b)/2 for both, where this module keeps each arm's own variance.
//!
//! The correlation is given as compound symmetry (`cs:ρ`), AR(1) over the visit index
//! (`ar1:ρ`, ρ^|i−j|, longpower's `times = 1:K`), a K × K matrix from a CSV file (a header
//! naming the visits, then K rows), or from a fitted `trialstats mmrm --format json` (its
//! estimated correlation, and the SD of its last visit).

use super::{
    Allocation, Goal, SampleSize, Sides, Solution, Test, TwoArmVariances, require_positive,
};
use crate::csv_file::CsvFile;
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, human_number};
use nalgebra::DMatrix;
use serde::Serialize;
use std::path::Path;

/// A correlation structure, as written on the command line.
#[derive(Debug, Clone, PartialEq)]
pub enum CorrelationSpec {
    /// Every pair of visits correlates at ρ.
    CompoundSymmetry(f64),
    /// Visits i and j correlate at ρ^|i−j|.
    Ar1(f64),
    /// A K × K matrix.
    Matrix(Vec<Vec<f64>>),
}

impl CorrelationSpec {
    /// Read `cs:R`, `ar1:R` or a CSV file's name (named `field` in errors).
    ///
    /// ```
    /// use trialstats_stats::power::mmrm::CorrelationSpec;
    /// // AR(1) at 0.6: visits i and j correlate at 0.6^|i − j|, so 0.36 two visits apart.
    /// let m = CorrelationSpec::parse("ar1:0.6", "correlation")?.matrix(3, "correlation")?;
    /// assert_eq!(m[0][0], 1.0);
    /// assert!((m[0][2] - 0.36).abs() < 1e-15);
    /// # Ok::<(), trialstats_stats::Error>(())
    /// ```
    pub fn parse(text: &str, field: &'static str) -> Result<CorrelationSpec> {
        let rho = |v: &str| -> Result<f64> {
            v.trim()
                .parse::<f64>()
                .ok()
                .filter(|r| r.is_finite())
                .ok_or_else(|| Error::field(field, format!("'{text}': '{v}' is not a number")))
        };
        if let Some(v) = text.strip_prefix("cs:") {
            return Ok(CorrelationSpec::CompoundSymmetry(rho(v)?));
        }
        if let Some(v) = text.strip_prefix("ar1:") {
            return Ok(CorrelationSpec::Ar1(rho(v)?));
        }
        if text.ends_with(".csv") {
            return read_matrix(Path::new(text), field).map(CorrelationSpec::Matrix);
        }
        Err(Error::field(
            field,
            format!(
                "'{text}'; allowed: cs:R (compound symmetry), ar1:R (AR(1)) or FILE.csv (a K × K matrix under a header naming the visits)"
            ),
        ))
    }

    /// The K × K matrix for `k` visits, checked: symmetric, unit diagonal, positive definite.
    pub fn matrix(&self, k: usize, field: &'static str) -> Result<Vec<Vec<f64>>> {
        let m: Vec<Vec<f64>> = match self {
            CorrelationSpec::CompoundSymmetry(r) => (0..k)
                .map(|i| (0..k).map(|j| if i == j { 1.0 } else { *r }).collect())
                .collect(),
            CorrelationSpec::Ar1(r) => (0..k)
                .map(|i| {
                    (0..k)
                        .map(|j| r.powi((i as i32 - j as i32).abs()))
                        .collect()
                })
                .collect(),
            CorrelationSpec::Matrix(m) => m.clone(),
        };
        check_correlation(&m, k, field)?;
        Ok(m)
    }

    /// "cs:0.25", "ar1:0.6" or "matrix".
    pub fn describe(&self) -> String {
        match self {
            CorrelationSpec::CompoundSymmetry(r) => format!("cs:{}", human_number(*r)),
            CorrelationSpec::Ar1(r) => format!("ar1:{}", human_number(*r)),
            CorrelationSpec::Matrix(m) => format!("{} x {} matrix", m.len(), m.len()),
        }
    }
}

/// A K × K matrix from a CSV file: a header naming the K visits, then K rows of K numbers.
pub fn read_matrix(path: &Path, field: &'static str) -> Result<Vec<Vec<f64>>> {
    let csv = CsvFile::read(path)?;
    let k = csv.header().len();
    let mut rows: Vec<Vec<f64>> = Vec::new();
    csv.for_each_row(|row| {
        let mut values = Vec::with_capacity(k);
        for c in 0..k {
            values.push(row.required_number(c)?);
        }
        rows.push(values);
        Ok(())
    })?;
    if rows.len() != k {
        return Err(Error::field(
            field,
            format!(
                "{}: {} rows under a header of {k} visits; a correlation matrix is square (one row per visit)",
                path.display(),
                rows.len()
            ),
        ));
    }
    Ok(rows)
}

/// Refuse a matrix that is not a K × K correlation matrix, naming `field`.
#[allow(clippy::needless_range_loop)] // (i, j) and (j, i) are read together
pub fn check_correlation(m: &[Vec<f64>], k: usize, field: &'static str) -> Result<()> {
    if m.len() != k || m.iter().any(|row| row.len() != k) {
        return Err(Error::field(
            field,
            format!(
                "a {} x {} matrix for {k} visits; give one row and one column per visit",
                m.len(),
                m.first().map_or(0, |r| r.len())
            ),
        ));
    }
    for i in 0..k {
        if (m[i][i] - 1.0).abs() > 1e-8 {
            return Err(Error::field(
                field,
                format!(
                    "diagonal element {} is {}; a correlation matrix has 1 on its diagonal",
                    i + 1,
                    human_number(m[i][i])
                ),
            ));
        }
        for j in 0..i {
            let (a, b) = (m[i][j], m[j][i]);
            if !(a.is_finite() && (a - b).abs() <= 1e-8 && a.abs() <= 1.0) {
                return Err(Error::field(
                    field,
                    format!(
                        "elements ({}, {}) = {} and ({}, {}) = {}: a correlation matrix is symmetric with entries in [−1, 1]",
                        i + 1,
                        j + 1,
                        human_number(a),
                        j + 1,
                        i + 1,
                        human_number(b)
                    ),
                ));
            }
        }
    }
    let dm = DMatrix::from_fn(k, k, |i, j| m[i][j]);
    if dm.cholesky().is_none() {
        return Err(Error::field(
            field,
            "the correlation matrix is not positive definite (no outcomes can correlate so); e.g. cs:R needs R > −1/(K − 1), ar1:R needs |R| < 1",
        ));
    }
    Ok(())
}

/// φ, the variance inflation at the last visit for correlation `r` and retention
/// `retention` (Lu, Luo & Chen 2008; see the module doc).
///
/// ```
/// use trialstats_stats::power::mmrm::{phi, CorrelationSpec};
/// // longpower's power.mmrm.ar1 example (Lu, Luo & Chen 2008, Table 5): rho = 0.6,
/// // ra = c(100, 76, 63, 52)/100 and rb = c(100, 87, 81, 78)/100 give phi1 = 1.75227635858878
/// // and phi2 = 1.24695119599175 (tests/power_mmrm.rs).
/// let r = CorrelationSpec::Ar1(0.6).matrix(4, "correlation")?;
/// assert!((phi(&r, &[1.0, 0.76, 0.63, 0.52])? - 1.75227635858878).abs() < 1e-12);
/// assert!((phi(&r, &[1.0, 0.87, 0.81, 0.78])? - 1.24695119599175).abs() < 1e-12);
/// // Everyone at every visit: no inflation.
/// assert!((phi(&r, &[1.0, 1.0, 1.0, 1.0])? - 1.0).abs() < 1e-12);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn phi(r: &[Vec<f64>], retention: &[f64]) -> Result<f64> {
    let k = r.len();
    let mut info = DMatrix::<f64>::zeros(k, k);
    for j in 1..=k {
        let next = if j < k { retention[j] } else { 0.0 };
        let weight = retention[j - 1] - next;
        if weight == 0.0 {
            continue;
        }
        let sub = DMatrix::from_fn(j, j, |a, b| r[a][b]);
        let inv = sub.cholesky().map(|c| c.inverse()).ok_or_else(|| {
            Error::numerical("a leading block of the correlation is singular".into())
        })?;
        for a in 0..j {
            for b in 0..j {
                info[(a, b)] += weight * inv[(a, b)];
            }
        }
    }
    let cov = info.cholesky().map(|c| c.inverse()).ok_or_else(|| {
        Error::numerical(
            "no patient reaches the last visit: the difference there is not estimable".into(),
        )
    })?;
    Ok(cov[(k - 1, k - 1)])
}

/// The assumptions of a two-arm MMRM trial.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MmrmDesign {
    /// The difference between the arms' means at the last visit, > 0.
    pub delta: f64,
    /// SD of the outcome at the last visit, arm a.
    pub sd: f64,
    /// Arm b's SD, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sd_b: Option<f64>,
    /// The correlation of a patient's outcomes over the K visits (arm a's and arm b's).
    pub correlation: Vec<Vec<f64>>,
    /// Arm b's correlation, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation_b: Option<Vec<Vec<f64>>>,
    /// Retention at each visit, arm a.
    pub retention: Vec<f64>,
    /// Arm b's retention, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_b: Option<Vec<f64>>,
}

impl MmrmDesign {
    /// Refuse what has no answer, naming the field.
    pub fn validate(&self) -> Result<()> {
        if !(self.delta.is_finite() && self.delta > 0.0 && self.delta < 1e100) {
            return Err(Error::field(
                "delta",
                format!(
                    "{}: the difference at the last visit must be greater than 0 (its size; the direction does not change n)",
                    human_number(self.delta)
                ),
            ));
        }
        require_positive("sd", self.sd, "the SD at the last visit")?;
        if let Some(s) = self.sd_b {
            require_positive("sd_b", s, "arm b's SD at the last visit")?;
        }
        let k = self.correlation.len();
        if !(1..=1000).contains(&k) {
            return Err(Error::field(
                "visits",
                format!("{k} visits; allowed: 1 to 1000"),
            ));
        }
        check_correlation(&self.correlation, k, "correlation")?;
        if let Some(m) = &self.correlation_b {
            check_correlation(m, k, "correlation_b")?;
        }
        super::slope::check_retention("retention", &self.retention, k)?;
        if let Some(r) = &self.retention_b {
            super::slope::check_retention("retention_b", r, k)?;
        }
        Ok(())
    }

    /// φ of arm a and of arm b.
    pub fn phis(&self) -> Result<(f64, f64)> {
        let pa = phi(&self.correlation, &self.retention)?;
        let pb = phi(
            self.correlation_b.as_ref().unwrap_or(&self.correlation),
            self.retention_b.as_ref().unwrap_or(&self.retention),
        )?;
        Ok((pa, pb))
    }
}

/// The closed-form answer, with everything it assumed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MmrmPower {
    pub method: String,
    #[serde(flatten)]
    pub design: MmrmDesign,
    /// φ of arm a (variance inflation at the last visit).
    pub phi_a: f64,
    /// φ of arm b.
    pub phi_b: f64,
    pub alpha: f64,
    pub sides: Sides,
    #[serde(flatten)]
    pub solution: Solution,
    /// Power against n in all, around the answer.
    pub power_curve: Vec<CurvePoint>,
    /// Which inputs are reported and which assumed, one line each.
    pub provenance: Vec<String>,
}

/// One point of a power curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CurvePoint {
    pub n_total: u64,
    pub power: f64,
}

/// The method line of an MMRM result.
pub const MMRM_METHOD: &str = "MMRM, difference at the last visit (Lu, Luo & Chen 2008, formula (3); as longpower power.mmrm)";

/// The n, power or detectable difference of `design` (see [`super::slope::slope_power`]).
///
/// ```
/// use trialstats_numerics::level::ConfidenceLevel;
/// use trialstats_stats::power::mmrm::{mmrm_power, CorrelationSpec, MmrmDesign};
/// use trialstats_stats::power::{Allocation, Goal, Sides, Test};
/// // longpower's own example (R/power_mmrm.R): Ra compound symmetry 0.25 over 4 visits,
/// // ra = c(1, 0.90, 0.80, 0.70); power.mmrm(Ra = Ra, ra = ra, sigmaa = 1, delta = 0.5,
/// // power = 0.80) gives n1 = n2 = 86.9917503890357 (tests/power_mmrm.rs).
/// let design = MmrmDesign {
///     delta: 0.5,
///     sd: 1.0,
///     sd_b: None,
///     correlation: CorrelationSpec::CompoundSymmetry(0.25).matrix(4, "correlation")?,
///     correlation_b: None,
///     retention: vec![1.0, 0.9, 0.8, 0.7],
///     retention_b: None,
/// };
/// let test = Test::normal(ConfidenceLevel::NINETY_FIVE, Sides::TwoSided);
/// let r = mmrm_power(&design, test, Allocation::EQUAL, Goal::Power(0.80))?;
/// assert!((r.solution.n_total_exact.unwrap() - 2.0 * 86.9917503890357).abs() < 1e-6);
/// assert_eq!((r.solution.n_a, r.solution.n_b), (87, 87)); // whole patients per arm
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn mmrm_power(
    design: &MmrmDesign,
    test: Test,
    allocation: Allocation,
    goal: Goal,
) -> Result<MmrmPower> {
    design.validate()?;
    let (pa, pb) = design.phis()?;
    let variances = TwoArmVariances {
        va: design.sd * design.sd * pa,
        vb: design.sd_b.unwrap_or(design.sd).powi(2) * pb,
    };
    let solution = variances.solve(goal, design.delta, test, allocation)?;
    let mut design = design.clone();
    design.delta = solution.effect;
    // The power at fractions and multiples of the answer's n, for the curve: each point is
    // what `--solve power --n-total N` gives, with N split into whole arms by the allocation
    // as the answer's own n is, so the point at the answer's n has the answer's power (139 + 70
    // at 2:1, not 139.33 + 69.67).
    let total = solution.n_total() as f64;
    let mut power_curve = Vec::new();
    for m in [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0] {
        let n = (total * m).round().max(4.0);
        let point = variances.solve(
            Goal::N(SampleSize::Total(n)),
            solution.effect,
            test,
            allocation,
        )?;
        power_curve.push(CurvePoint {
            n_total: point.n_total(),
            power: point.power,
        });
    }
    power_curve.dedup_by_key(|p| p.n_total);
    Ok(MmrmPower {
        method: MMRM_METHOD.to_string(),
        design,
        phi_a: pa,
        phi_b: pb,
        alpha: test.level.alpha(),
        sides: test.sides,
        solution,
        power_curve,
        provenance: Vec::new(),
    })
}

/// The correlation and last-visit SD estimated by a fitted `trialstats mmrm --format json`
/// (its `correlation` and `covariance` matrices), named `field` in errors.
pub fn from_fitted_mmrm(
    path: &Path,
    field: &'static str,
) -> Result<(Vec<Vec<f64>>, f64, Vec<String>)> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |message: &str| Error::field(field, format!("{}: {message}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        bad(&format!(
            "not JSON ({e}); give the output of `trialstats mmrm {{field:format}} json`"
        ))
    })?;
    let matrix = |key: &str| -> Result<Vec<Vec<f64>>> {
        let rows = json.get(key).and_then(|v| v.as_array()).ok_or_else(|| {
            bad(&format!(
                "no '{key}' matrix; give the output of `trialstats mmrm {{field:format}} json`"
            ))
        })?;
        rows.iter()
            .map(|row| {
                row.as_array()
                    .ok_or_else(|| bad(&format!("'{key}' is not a matrix")))?
                    .iter()
                    .map(|v| {
                        v.as_f64()
                            .ok_or_else(|| bad(&format!("'{key}' holds a non-number")))
                    })
                    .collect()
            })
            .collect()
    };
    let correlation = matrix("correlation")?;
    let covariance = matrix("covariance")?;
    let k = correlation.len();
    if k == 0 || covariance.len() != k || covariance[k - 1].len() != k {
        return Err(bad("the fitted correlation and covariance do not match"));
    }
    let visits = json
        .get("visits")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    Ok((correlation, covariance[k - 1][k - 1].sqrt(), visits))
}

fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| human_number(*v))
        .collect::<Vec<_>>()
        .join(",")
}

impl Tabular for MmrmPower {
    fn preamble(&self) -> Option<String> {
        let d = &self.design;
        let mut s = format!(
            "Power for the difference at the last visit: {}\nalpha = {} ({}); {} visits; retention {}",
            self.method,
            human_number(self.alpha),
            self.sides.describe(),
            d.correlation.len(),
            list(&d.retention)
        );
        if let Some(r) = &d.retention_b {
            s.push_str(&format!(" (arm a), {} (arm b)", list(r)));
        }
        s.push('\n');
        super::preamble_with(s, &self.provenance)
    }

    fn table(&self) -> Table {
        let d = &self.design;
        let mut rows: Vec<Vec<Cell>> = vec![
            vec![
                "delta (difference at the last visit)".into(),
                d.delta.into(),
            ],
            vec!["sd (last visit)".into(), d.sd.into()],
        ];
        if let Some(s) = d.sd_b {
            rows.push(vec!["sd, arm b".into(), s.into()]);
        }
        rows.push(vec!["phi_a".into(), self.phi_a.into()]);
        rows.push(vec!["phi_b".into(), self.phi_b.into()]);
        rows.extend(self.solution.rows(d.delta, "n"));
        Table {
            header: vec!["quantity".into(), "value".into()],
            rows,
        }
    }

    fn epilogue(&self) -> Option<String> {
        let points: Vec<String> = self
            .power_curve
            .iter()
            .map(|p| format!("n {}: {}", p.n_total, human_number(p.power)))
            .collect();
        Some(format!("Power curve (n in all): {}", points.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phi_without_dropout_is_one_and_with_independence_the_inverse_retention() {
        let r = CorrelationSpec::CompoundSymmetry(0.0)
            .matrix(4, "correlation")
            .unwrap();
        assert!((phi(&r, &[1.0, 1.0, 1.0, 1.0]).unwrap() - 1.0).abs() < 1e-14);
        assert!((phi(&r, &[1.0, 0.9, 0.8, 0.7]).unwrap() - 1.0 / 0.7).abs() < 1e-14);
    }

    #[test]
    fn bad_correlations_are_refused_by_option() {
        let e = CorrelationSpec::CompoundSymmetry(-0.5)
            .matrix(4, "correlation")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("correlation") && e.contains("positive definite"),
            "{e}"
        );
        let e = CorrelationSpec::parse("xyz:1", "correlation")
            .unwrap_err()
            .to_string();
        assert!(e.contains("correlation"), "{e}");
    }
}
