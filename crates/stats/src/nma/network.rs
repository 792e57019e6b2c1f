//! The network: treatments, studies and their pairwise contrasts, checked, and each study's
//! contrasts as the block of a contrast-based model.
//!
//! A study with k arms gives all k(k−1)/2 pairwise contrasts, as netmeta takes them. Its
//! block holds the k−1 basic contrasts (every arm against the study's first treatment in
//! the network's order) with the covariance the pairwise variances imply:
//! `Cov(y_0j, y_0l) = (V_0j + V_0l − V_jl) / 2` (Krahn, König & Binder 2013, *BMC Med Res
//! Methodol* 13:35). On the contrasts this is the same quadratic form as netmeta's reduced
//! weights (Rücker 2012; the Gutman–Xiao pseudoinverse of `multiarm()`), since for
//! contrasts `x` with `Σx = 0`, `x'(C R C)x = x'R x` whatever the centring `C`; so the fits
//! agree for any variances that give a positive definite block. Random effects add τ² to
//! every pairwise variance, i.e. `τ²` on the block's diagonal and `τ²/2` off it (`rma.mv`'s
//! `rho = 1/2`).

use crate::error::{Error, Result};
use crate::meta::fitting::block_gls::{BlockGls, GlsBlock};
use nalgebra::DMatrix;
use std::collections::BTreeMap;

/// The largest difference netmeta allows (`tol.multiarm = 0.001`) between a multi-arm
/// study's contrast and the one its other contrasts imply.
pub const MULTIARM_TOLERANCE: f64 = 0.001;

/// One pairwise comparison as given: `te` estimates treatment `t1` minus `t2`.
#[derive(Debug, Clone)]
pub struct Contrast {
    pub study: String,
    pub t1: String,
    pub t2: String,
    pub te: f64,
    pub se: f64,
    /// Where it came from, for messages: the file and the line of its row.
    pub file: String,
    pub line: usize,
    /// How its SE was obtained, when not given directly (ratio input).
    pub se_method: Option<String>,
    /// Participants in the arms of `t1` and `t2`, when known (arms input).
    pub n1: Option<f64>,
    pub n2: Option<f64>,
}

/// One study: its treatments (indices into the network's, in the network's order) and the
/// contrast between every pair, oriented as `treatments[i]` minus `treatments[j]`.
#[derive(Debug, Clone)]
pub struct Study {
    pub label: String,
    pub arms: Vec<usize>,
    /// `te[i][j]`, `var[i][j]` for arms `i`, `j` of this study (`te[j][i] = −te[i][j]`).
    pub te: Vec<Vec<f64>>,
    pub var: Vec<Vec<f64>>,
    /// Participants per arm, when known (arms input).
    pub n: Option<Vec<f64>>,
}

/// A connected network of at least two studies.
#[derive(Debug, Clone)]
pub struct Network {
    /// Sorted (byte order), as netmeta sorts them.
    pub treatments: Vec<String>,
    pub studies: Vec<Study>,
    /// Notes about the input that do not stop the analysis.
    pub notes: Vec<String>,
}

impl Network {
    /// Build the network from pairwise contrasts, checking each study and the whole.
    pub fn from_contrasts(name: &str, contrasts: &[Contrast]) -> Result<Network> {
        let mut treatments: Vec<String> = contrasts
            .iter()
            .flat_map(|c| [c.t1.clone(), c.t2.clone()])
            .collect();
        treatments.sort();
        treatments.dedup();
        let index: BTreeMap<&str, usize> = treatments
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i))
            .collect();
        // Studies in order of first appearance.
        let mut order: Vec<&str> = Vec::new();
        let mut rows: BTreeMap<&str, Vec<&Contrast>> = BTreeMap::new();
        for c in contrasts {
            let e = rows.entry(c.study.as_str()).or_default();
            if e.is_empty() {
                order.push(c.study.as_str());
            }
            e.push(c);
        }
        let mut notes = Vec::new();
        let mut studies = Vec::with_capacity(order.len());
        let mut errors = Vec::new();
        for label in order {
            match study_from_rows(label, &rows[label], &index, &mut notes) {
                Ok(s) => studies.push(s),
                Err(e) => errors.push(e),
            }
        }
        if let Some(e) = Error::all(errors) {
            return Err(e);
        }
        if studies.len() < 2 {
            return Err(Error::input(
                name,
                format!(
                    "{} study only; a network meta-analysis needs at least two",
                    studies.len()
                ),
            ));
        }
        let network = Network {
            treatments,
            studies,
            notes,
        };
        network.check_connected(name)?;
        Ok(network)
    }

    /// Refuse a disconnected network, naming each subnetwork's treatments.
    fn check_connected(&self, name: &str) -> Result<()> {
        let n = self.treatments.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        for s in &self.studies {
            for &a in &s.arms[1..] {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, s.arms[0]));
                parent[ra] = rb;
            }
        }
        let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for i in 0..n {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(&self.treatments[i]);
        }
        if groups.len() > 1 {
            let list: Vec<String> = groups
                .values()
                .enumerate()
                .map(|(i, g)| format!("subnetwork {}: {}", i + 1, g.join(", ")))
                .collect();
            return Err(Error::input(
                name,
                format!(
                    "the network is not connected: no chain of trials links its {} subnetworks ({}); analyse each subnetwork on its own, or add a trial that links them",
                    groups.len(),
                    list.join("; ")
                ),
            ));
        }
        Ok(())
    }

    /// The number of pairwise contrasts (netmeta's `m`).
    pub fn comparisons(&self) -> usize {
        self.studies
            .iter()
            .map(|s| s.arms.len() * (s.arms.len() - 1) / 2)
            .sum()
    }

    /// The contrast-based model with treatment `reference` fixed at 0: one coefficient per
    /// other treatment, one block per study.
    pub fn model(&self, reference: usize) -> BlockGls {
        let column = |t: usize| -> Option<usize> {
            match t.cmp(&reference) {
                std::cmp::Ordering::Less => Some(t),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(t - 1),
            }
        };
        let blocks = self
            .studies
            .iter()
            .map(|s| {
                let k = s.arms.len();
                let base = s.arms[0];
                let mut rows = Vec::with_capacity(k - 1);
                let mut y = Vec::with_capacity(k - 1);
                for j in 1..k {
                    let mut row = Vec::with_capacity(2);
                    if let Some(c) = column(s.arms[j]) {
                        row.push((c, 1.0));
                    }
                    if let Some(c) = column(base) {
                        row.push((c, -1.0));
                    }
                    rows.push(row);
                    y.push(s.te[j][0]);
                }
                GlsBlock {
                    rows,
                    y,
                    sampling: basic_covariance(s),
                    structure: DMatrix::from_fn(
                        k - 1,
                        k - 1,
                        |a, b| if a == b { 1.0 } else { 0.5 },
                    ),
                }
            })
            .collect();
        BlockGls {
            p: self.treatments.len() - 1,
            blocks,
        }
    }
}

/// The covariance of a study's basic contrasts (arm j against arm 0).
pub fn basic_covariance(s: &Study) -> DMatrix<f64> {
    let k = s.arms.len();
    DMatrix::from_fn(k - 1, k - 1, |a, b| {
        let (j, l) = (a + 1, b + 1);
        if j == l {
            s.var[j][0]
        } else {
            (s.var[j][0] + s.var[l][0] - s.var[j][l]) / 2.0
        }
    })
}

/// The study `label` from its contrast rows: its arms (as indices into `index`), the
/// contrasts and variances between them and the arm sizes; an error when a pair is given
/// twice or missing, or when a multi-arm study's contrasts or SEs do not fit together.
fn study_from_rows(
    label: &str,
    rows: &[&Contrast],
    index: &BTreeMap<&str, usize>,
    notes: &mut Vec<String>,
) -> Result<Study> {
    let mut arms: Vec<usize> = rows
        .iter()
        .flat_map(|c| [index[c.t1.as_str()], index[c.t2.as_str()]])
        .collect();
    arms.sort_unstable();
    arms.dedup();
    let k = arms.len();
    let (te, var) = contrast_matrices(label, rows, &arms, index)?;
    let expected = k * (k - 1) / 2;
    if rows.len() != expected {
        let names: Vec<String> = arms.iter().map(|&a| name_of(index, a)).collect();
        let mut missing = Vec::new();
        for i in 0..k {
            for j in i + 1..k {
                if te[i][j].is_nan() {
                    missing.push(format!("{}:{}", names[i], names[j]));
                }
            }
        }
        return Err(Error::input(
            places(rows),
            format!(
                "study '{label}' has {k} treatments ({}) but {} of their {expected} pairwise contrasts; a multi-arm study must give every pair (missing: {})",
                names.join(", "),
                rows.len(),
                missing.join(", ")
            ),
        ));
    }
    let mut arm_n = vec![None; k];
    for c in rows {
        if let (Some(a), Some(b)) = (c.n1, c.n2) {
            arm_n[arm_position(&arms, index, &c.t1)] = Some(a);
            arm_n[arm_position(&arms, index, &c.t2)] = Some(b);
        }
    }
    let n: Option<Vec<f64>> = arm_n.into_iter().collect();
    let study = Study {
        label: label.to_string(),
        arms,
        te,
        var,
        n,
    };
    if k > 2 {
        check_multiarm(&study, rows, index)?;
        if k == 3 {
            note_negative_arm_variances(&study, index, notes);
        }
    }
    Ok(study)
}

/// The file and lines of a study's contrast rows, for errors.
fn places(rows: &[&Contrast]) -> String {
    let lines: Vec<String> = rows.iter().map(|c| c.line.to_string()).collect();
    format!("{}: lines {}", rows[0].file, lines.join(", "))
}

/// The position among a study's sorted `arms` of treatment `t`.
fn arm_position(arms: &[usize], index: &BTreeMap<&str, usize>, t: &str) -> usize {
    arms.binary_search(&index[t]).unwrap()
}

/// A square matrix as rows, indexed by a study's arms.
type Square = Vec<Vec<f64>>;

/// A study's contrasts `te[i][j]` and their variances `var[i][j]` between its arms `i`, `j`
/// (NaN for pairs not given); an error when a pair is given twice.
fn contrast_matrices(
    label: &str,
    rows: &[&Contrast],
    arms: &[usize],
    index: &BTreeMap<&str, usize>,
) -> Result<(Square, Square)> {
    let k = arms.len();
    let mut te = vec![vec![f64::NAN; k]; k];
    let mut var = vec![vec![f64::NAN; k]; k];
    for c in rows {
        let (i, j) = (
            arm_position(arms, index, &c.t1),
            arm_position(arms, index, &c.t2),
        );
        if !te[i][j].is_nan() {
            return Err(Error::input(
                format!("{}:{}", c.file, c.line),
                format!(
                    "study '{label}' compares {} with {} twice; give each pair of a study's treatments once",
                    c.t1, c.t2
                ),
            ));
        }
        te[i][j] = c.te;
        te[j][i] = -c.te;
        var[i][j] = c.se * c.se;
        var[j][i] = c.se * c.se;
        te[i][i] = 0.0;
        te[j][j] = 0.0;
    }
    Ok((te, var))
}

/// An error when the contrasts of a multi-arm study do not fit together (to
/// [`MULTIARM_TOLERANCE`]) or its SEs give no positive-definite covariance.
fn check_multiarm(study: &Study, rows: &[&Contrast], index: &BTreeMap<&str, usize>) -> Result<()> {
    let (label, arms, te) = (&study.label, &study.arms, &study.te);
    let k = arms.len();
    // The contrasts of one study must fit together: te[i][j] = θ_i − θ_j. The least-squares
    // θ of a complete graph is the row mean (Σθ = 0), as netmeta's chkmultiarm projects.
    let theta: Vec<f64> = (0..k)
        .map(|i| te[i].iter().sum::<f64>() / k as f64)
        .collect();
    for i in 0..k {
        for j in i + 1..k {
            let implied = theta[i] - theta[j];
            if (te[i][j] - implied).abs() > MULTIARM_TOLERANCE {
                let names: Vec<String> = arms.iter().map(|&a| name_of(index, a)).collect();
                let via = (0..k).find(|&m| m != i && m != j).unwrap();
                return Err(Error::input(
                    places(rows),
                    format!(
                        "the contrasts of multi-arm study '{label}' do not fit together: {a}:{b} is {} but {a}:{c} + {c}:{b} = {}; within one study every contrast must equal the difference of the arms' effects (to {MULTIARM_TOLERANCE}, as netmeta's tol.multiarm); check the signs and which arm is treat1",
                        te[i][j],
                        te[i][via] + te[via][j],
                        a = names[i],
                        b = names[j],
                        c = names[via]
                    ),
                ));
            }
        }
    }
    let cov = basic_covariance(study);
    if cov.clone().cholesky().is_none() {
        let names: Vec<String> = arms.iter().map(|&a| name_of(index, a)).collect();
        return Err(Error::input(
            places(rows),
            format!(
                "the standard errors of multi-arm study '{label}' ({}) do not fit together: no arm variances give these contrast variances (the covariance of its contrasts is not positive definite; netmeta would give a negative variance and no result). For three arms each squared SE must be at most the sum of the other two; check that the SEs are of the contrasts, not of the arms",
                names.join(", ")
            ),
        ));
    }
    Ok(())
}

/// A note for each arm of a three-arm study to which its contrast SEs imply a negative
/// variance (the study is still used as given).
fn note_negative_arm_variances(
    study: &Study,
    index: &BTreeMap<&str, usize>,
    notes: &mut Vec<String>,
) {
    let (label, arms, var) = (&study.label, &study.arms, &study.var);
    let v = |a: usize, b: usize| var[a][b];
    let arm_var = [
        (v(0, 1) + v(0, 2) - v(1, 2)) / 2.0,
        (v(0, 1) + v(1, 2) - v(0, 2)) / 2.0,
        (v(0, 2) + v(1, 2) - v(0, 1)) / 2.0,
    ];
    for (a, av) in arm_var.iter().enumerate() {
        if *av < 0.0 {
            notes.push(format!(
                "study '{label}': the contrast SEs imply a negative variance ({av:.4}) for arm {}; the contrasts' covariance is still valid, so the study is used as given",
                name_of(index, arms[a])
            ));
        }
    }
}

fn name_of(index: &BTreeMap<&str, usize>, t: usize) -> String {
    index
        .iter()
        .find(|&(_, &i)| i == t)
        .map(|(n, _)| n.to_string())
        .unwrap_or_default()
}
