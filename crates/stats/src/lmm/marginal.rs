//! The marginal covariance of the response, `Σ(φ) = Σᵣ φᵣ Gᵣ`, linear in the variance
//! components φ, and the sums over rows that small-sample inference on the fixed effects needs
//! (Kenward & Roger 1997, *Biometrics* 53:983–997, §2; Satterthwaite 1946). Linear algebra
//! only: what a component means in a model (a random-effect variance or covariance, the
//! residual variance) is said by the caller ([`super::inference`]).
//!
//! A component is either the residual (`G = I`) or a grouped one: rows `i` and `j` in the same
//! level of a grouping covary by `z_a(i) z_b(j) + z_b(i) z_a(j)` (`a ≠ b`, a covariance) or
//! `z_a(i) z_a(j)` (`a = b`, a variance) per unit of φᵣ; that is `Z Eₐᵦ Zᵀ` with `Eₐᵦ` the
//! symmetric unit matrix, as pbkrtest's `get_SigmaG` builds it.
//!
//! Rows linked by any grouping (the same patient, or a site shared by two patients) fall in
//! one *block*; Σ is block diagonal over blocks (the connected components of the groupings),
//! so every sum below is a sum over blocks of small dense products, with `Σ_b⁻¹` formed per
//! block. With one grouping factor a block is a group (a patient's visits). A block may have
//! at most [`MAX_BLOCK_ROWS`] rows: crossed factors that link every row form one block, and
//! its dense algebra grows with the cube of its size.
//!
//! With `P = Σ⁻¹ − Σ⁻¹XΦXᵀΣ⁻¹`, `Φ = (XᵀΣ⁻¹X)⁻¹` and `e = y − Xβ̂`, the sums are
//!
//! ```text
//! XᵀΣ⁻¹X                                  (Φ⁻¹)
//! pᵣ   = XᵀΣ⁻¹GᵣΣ⁻¹X                       (−∂Φ⁻¹/∂φᵣ; pbkrtest's P is −pᵣ)
//! qᵣₛ  = XᵀΣ⁻¹GᵣΣ⁻¹GₛΣ⁻¹X                  (pbkrtest's Q)
//! kᵣₛ  = tr(Σ⁻¹GᵣΣ⁻¹Gₛ)                    (pbkrtest's Ktrace)
//! aᵣₛ  = (GᵣΣ⁻¹e)ᵀ Σ⁻¹ (GₛΣ⁻¹e),  bᵣ = XᵀΣ⁻¹GᵣΣ⁻¹e
//! ```
//!
//! from which `tr(PGᵣPGₛ) = kᵣₛ − 2 tr(Φqᵣₛ) + tr(ΦpᵣΦpₛ)` and
//! `yᵀPGᵣPGₛPy = aᵣₛ − bᵣᵀΦbₛ` (`Py = Σ⁻¹e` at the GLS estimate β̂).
//!
//! Blocks that share a *design* (the same rows of Z for every grouping, in the same order,
//! and the same pattern of shared levels: patients seen at the same times) share `Σ_b`, its
//! inverse `W` and every `WGᵣW` and `WGᵣWGₛW`; those are formed once per design, and what
//! the sums need of each block reduces to the cross-products `C[a, b] = Σ_blocks z_a z_bᵀ` of
//! its rows `z = (xᵀ, e)ᵀ`, as an MMRM groups subjects by visit pattern
//! ([`crate::mmrm`]; Jennrich & Schluchter 1986, *Biometrics* 42:805). A sum over the
//! design's blocks of `X_bᵀ M X_b` is then `Σ_ab M[a, b] Cxx[a, b]`.
//!
//! A block of its own design (patients each seen at their own times), or of a design whose
//! dense algebra would be costly (sites of hundreds of rows), whose random effects have fewer
//! columns than it has rows is summed in **low rank**: with `Z̃` the block's
//! random-effect columns (each grouping's `q` columns per level present), every grouped
//! `Gᵣ = Σ w z̃_c z̃_dᵀ` is a sum of outer products of columns of `Z̃`, so with
//! `V = [Z̃ X e]` every sum above is a product of entries of the three small matrices
//! `VᵀΣ⁻¹V`, `VᵀΣ⁻²V`, `VᵀΣ⁻³V` (the last two for the residual's `G = I`) and `tr(Σ⁻²)`.
//! Those three come from the block's cross-products `VᵀV` by Woodbury's identity
//! (`marginal/low_rank.rs`: `Σ⁻¹ = ρ⁻¹(I − Z̃ K Z̃ᵀ)`, `K = (ρI + D Z̃ᵀZ̃)⁻¹ D`), without
//! forming or inverting the `m × m` Σ: one pass over the block's rows and algebra of
//! `(r + p + 1)`-wide matrices (`r` the columns of `Z̃`) replace `k` dense `m × m` solves and
//! `k²` dense traces per block. The same numbers to rounding (the unit tests check every path against the whole-Σ
//! formulas): everything Kenward–Roger needs of a block lives in the span of its `Z̃` and `X`.
//!
//! Which path each design takes, and its cost in floating-point operations, is estimated from
//! its sizes before anything is summed (`plan`): [`marginal_sums_within`] declines a design
//! set above a budget, so that a caller can take another way (Satterthwaite's df from
//! derivatives of the deviance).
//!
//! The blocks are summed in parallel in fixed chunks whose sums are added in order, so the
//! result does not depend on the number of threads.

use crate::error::{Error, Result};
use crate::model_matrix::ModelMatrix;
use nalgebra::{DMatrix, DVector};
use rayon::prelude::*;
use std::collections::HashMap;

mod low_rank;
mod one_factor;
use low_rank::LowRank;

/// The most rows one block of Σ may have (its dense inverse and products cost rows³).
pub const MAX_BLOCK_ROWS: usize = 2000;

/// One variance component's `Gᵣ`.
#[derive(Debug, Clone, Copy)]
pub enum Component<'a> {
    /// `G = I`.
    Residual,
    /// Rows in the same level of `group_of_row` covary through columns `a` and `b` of the
    /// row-major `n × q` matrix `z`.
    Grouped {
        group_of_row: &'a [u32],
        z: &'a [f64],
        q: usize,
        a: usize,
        b: usize,
    },
}

impl Component<'_> {
    /// `Gᵣ[i, j]` for rows `i`, `j`.
    #[inline]
    fn entry(&self, i: usize, j: usize) -> f64 {
        match *self {
            Component::Residual => {
                if i == j {
                    1.0
                } else {
                    0.0
                }
            }
            Component::Grouped {
                group_of_row,
                z,
                q,
                a,
                b,
            } => {
                if group_of_row[i] != group_of_row[j] {
                    return 0.0;
                }
                let (zi, zj) = (&z[i * q..(i + 1) * q], &z[j * q..(j + 1) * q]);
                if a == b {
                    zi[a] * zj[a]
                } else {
                    zi[a] * zj[b] + zi[b] * zj[a]
                }
            }
        }
    }
}

/// The sums of the module doc over every block, at one φ.
#[derive(Debug, Clone)]
pub struct MarginalSums {
    /// `XᵀΣ⁻¹X` (p × p).
    pub xtsx: DMatrix<f64>,
    /// `pᵣ`, one p × p matrix per component.
    pub p: Vec<DMatrix<f64>>,
    /// `qᵣₛ`, row-major over (r, s), every pair.
    pub q: Vec<DMatrix<f64>>,
    /// `kᵣₛ` (k × k).
    pub k: DMatrix<f64>,
    /// `aᵣₛ` (k × k).
    pub a: DMatrix<f64>,
    /// `bᵣ`, one p-vector per component.
    pub b: Vec<DVector<f64>>,
    /// The second-derivative terms of a Σ not linear in its parameters (an MMRM's `ar1`,
    /// `csh`, …), one per non-zero `Hᵣₛ = ∂²Σ/∂φᵣ∂φₛ` (r ≤ s); empty when Σ is linear.
    pub second: Vec<SecondOrder>,
}

/// What a non-zero `Hᵣₛ = ∂²Σ/∂φᵣ∂φₛ` adds: Kenward–Roger's `Rᵣₛ = XᵀΣ⁻¹HᵣₛΣ⁻¹X` and the
/// term of the Hessian of `−2ℓ`.
#[derive(Debug, Clone)]
pub struct SecondOrder {
    pub r: usize,
    pub s: usize,
    /// `Rᵣₛ`.
    pub p: DMatrix<f64>,
    /// `tr(Σ⁻¹Hᵣₛ) − eᵀΣ⁻¹HᵣₛΣ⁻¹e`, the term of the Hessian of `−2ℓ_ML`.
    pub hessian_ml: f64,
}

impl SecondOrder {
    /// The term of the Hessian of `−2ℓ` (REML: `tr(PHᵣₛ) − yᵀPHᵣₛPy`, which subtracts
    /// `tr(ΦRᵣₛ)` from the ML term), at `Φ = (XᵀΣ⁻¹X)⁻¹`.
    pub fn hessian(&self, phi: &DMatrix<f64>, reml: bool) -> f64 {
        if reml {
            self.hessian_ml - (phi * &self.p).trace()
        } else {
            self.hessian_ml
        }
    }
}

impl MarginalSums {
    fn zero(p: usize, k: usize) -> Self {
        MarginalSums {
            xtsx: DMatrix::zeros(p, p),
            p: vec![DMatrix::zeros(p, p); k],
            q: vec![DMatrix::zeros(p, p); k * k],
            k: DMatrix::zeros(k, k),
            a: DMatrix::zeros(k, k),
            b: vec![DVector::zeros(p); k],
            second: Vec::new(),
        }
    }

    fn add(mut self, o: MarginalSums) -> Self {
        self.xtsx += o.xtsx;
        self.k += o.k;
        self.a += o.a;
        for (x, y) in self.p.iter_mut().zip(o.p) {
            *x += y;
        }
        for (x, y) in self.q.iter_mut().zip(o.q) {
            *x += y;
        }
        for (x, y) in self.b.iter_mut().zip(o.b) {
            *x += y;
        }
        self
    }

    /// `qᵣₛ`.
    pub fn q(&self, r: usize, s: usize) -> &DMatrix<f64> {
        &self.q[r * self.p.len() + s]
    }
}

/// The blocks of rows: the connected components of the groupings (rows that share a level of
/// any grouping are in one block), each a list of rows in increasing order; a row in no
/// grouping is a block of its own.
pub fn blocks(n: usize, groupings: &[&[u32]]) -> Vec<Vec<usize>> {
    // One grouping: its levels are the blocks.
    if let [only] = groupings {
        let levels = only.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        return rows_by_label(only.iter().map(|&c| c as usize), levels);
    }
    // Union–find over rows, joining each row to the first row seen at its level.
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for g in groupings {
        let levels = g.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut first = vec![usize::MAX; levels];
        for (i, &c) in g.iter().enumerate() {
            let f = &mut first[c as usize];
            if *f == usize::MAX {
                *f = i;
            } else {
                let (ri, rf) = (find(&mut parent, i), find(&mut parent, *f));
                if ri != rf {
                    parent[ri.max(rf)] = ri.min(rf);
                }
            }
        }
    }
    let roots: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    rows_by_label(roots.iter().copied(), n)
}

/// The rows (0, 1, … in order) grouped by their `labels` (each below `n_labels`), groups in
/// order of first appearance, each allocated once at its size.
fn rows_by_label(labels: impl Iterator<Item = usize> + Clone, n_labels: usize) -> Vec<Vec<usize>> {
    let mut index = vec![usize::MAX; n_labels];
    let mut sizes: Vec<usize> = Vec::new();
    for l in labels.clone() {
        if index[l] == usize::MAX {
            index[l] = sizes.len();
            sizes.push(0);
        }
        sizes[index[l]] += 1;
    }
    let mut out: Vec<Vec<usize>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
    for (i, l) in labels.enumerate() {
        out[index[l]].push(i);
    }
    out
}

/// The sums of the module doc for design `x`, residual `e = y − Xβ̂`, components with values
/// `phi`, over `blocks` (from [`blocks`]). `Err` names the option when a block is larger than
/// [`MAX_BLOCK_ROWS`]; a Σ that is not positive definite is a numerical error.
pub fn marginal_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
) -> Result<MarginalSums> {
    let sums = marginal_sums_within(x, e, components, phi, blocks, f64::INFINITY)?;
    sums.ok_or_else(|| Error::numerical("the marginal sums were not taken".into()))
}

/// [`marginal_sums`], or `None` (nothing computed) when they would take more than `budget`
/// floating-point operations, as estimated from the sizes of the blocks' designs (rows,
/// random-effect columns, components) for the path each would take: a caller with another
/// way to its answer (Satterthwaite's df from derivatives of the deviance) takes it instead.
pub fn marginal_sums_within(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
    budget: f64,
) -> Result<Option<MarginalSums>> {
    if let Some(big) = blocks.iter().find(|b| b.len() > MAX_BLOCK_ROWS) {
        return Err(Error::field(
            "ddf",
            format!(
                "the grouping factors link {} rows into one block of the marginal covariance; small-sample degrees of freedom are computed from dense blocks of at most {MAX_BLOCK_ROWS} rows: use {{field:ddf}} none",
                big.len()
            ),
        ));
    }
    // One grouping factor: a pass over the rows, far below any budget.
    if let Some(sums) = one_factor::sums(x, e, components, phi, blocks) {
        return sums.map(Some);
    }
    let plan = plan(x.p, components, blocks);
    if plan.cost() > budget {
        return Ok(None);
    }
    planned_sums(x, e, components, phi, blocks, &plan).map(Some)
}

/// [`marginal_sums`] for any components, by [`plan`]'s paths (the unit tests check it where
/// [`one_factor`] serves).
#[cfg(test)]
fn general_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
) -> Result<MarginalSums> {
    planned_sums(
        x,
        e,
        components,
        phi,
        blocks,
        &plan(x.p, components, blocks),
    )
}

/// How the sums of one design are taken ([`plan`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// Once for all its blocks, through their cross-products ([`design_sums`]).
    Shared,
    /// Block by block in low rank ([`LowRank`]).
    LowRank,
    /// Block by block densely ([`block_sums`]).
    Dense,
}

/// The blocks' designs, the path of each and its estimated cost.
struct Plan {
    designs: Designs,
    paths: Vec<Path>,
    /// Floating-point operations per design, estimated (see [`plan`]).
    costs: Vec<f64>,
}

impl Plan {
    /// The estimated floating-point operations of every design's sums.
    fn cost(&self) -> f64 {
        self.costs.iter().sum()
    }

    /// Consecutive runs of designs summed together in parallel: at most
    /// [`DESIGNS_PER_CHUNK`] each, and a run closed once its cost reaches [`CHUNK_COST`] (so
    /// that a few large blocks, a trial's sites, spread over the threads). The runs depend on
    /// the data only, so the sums do not depend on the number of threads.
    fn chunks(&self) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let (mut start, mut cost) = (0, 0.0);
        for (d, c) in self.costs.iter().enumerate() {
            cost += c;
            if d + 1 - start == DESIGNS_PER_CHUNK || cost >= CHUNK_COST {
                out.push(start..d + 1);
                (start, cost) = (d + 1, 0.0);
            }
        }
        if start < self.costs.len() {
            out.push(start..self.costs.len());
        }
        out
    }
}

/// Designs per parallel chunk of [`marginal_sums`].
const DESIGNS_PER_CHUNK: usize = 512;

/// The estimated floating-point operations at which a chunk of designs is closed.
const CHUNK_COST: f64 = 1e8;

/// A design shared by several blocks is summed once ([`Path::Shared`]) when its dense algebra
/// costs at most this many operations (blocks of up to about 60 rows), or when low rank does
/// not apply; above it, block by block in low rank, whose cost grows with the random-effect
/// columns of a block rather than the cube of its rows (a site of 2,000 rows: 200 patients'
/// intercepts and the site's).
const SHARED_DENSE_COST: f64 = 1e7;

/// The widest design summed once through its cross-products: `(m(p + 1))²` entries of them.
const SHARED_WIDTH_SQUARED: usize = 1 << 22;

/// The designs of `blocks` under `components` (with `p` fixed effects) and how each is
/// summed: a design of several blocks once through their cross-products when that is cheap
/// or low rank does not apply (and the cross-products fit in memory); else each block in low
/// rank when its random-effect columns are fewer than its rows, else densely. Each path's
/// cost is estimated from the sizes: for `m` rows, `k` components, `r` columns of `Z̃`,
///
/// ```text
/// dense      (2k + ⅓) m³ + k² m² + 3k m² p                (Cholesky, k solves, k² traces)
/// shared     (2k² + 2k + 2) m³ + (k² + 2k) m² p² + b (m(p + 1))²   (b blocks)
/// low rank   9 r³ + m (nz + p + 1)(r + p + 1) + (t + 1)² (p² + 2)
/// ```
///
/// per block (`nz` the non-zeros of a row of `Z̃`, `t` the components' terms in `Z̃`).
fn plan(p: usize, components: &[Component], blocks: &[Vec<usize>]) -> Plan {
    let groupings = groupings(components);
    let designs = shared_designs(&groupings, blocks);
    let (k, pf) = (components.len() as f64, p as f64);
    let nz: usize = groupings.iter().map(|g| g.2).sum();
    let (mut scratch, mut levels) = (Vec::new(), Vec::with_capacity(groupings.len()));
    let (mut paths, mut costs) = (Vec::new(), Vec::new());
    for d in 0..designs.len() {
        let members = designs.members(d);
        let rows = &blocks[members[0]];
        let (m, b) = (rows.len(), members.len() as f64);
        levels.clear();
        for &(group_of_row, _, _) in &groupings {
            scratch.clear();
            scratch.extend(rows.iter().map(|&r| group_of_row[r]));
            scratch.sort_unstable();
            scratch.dedup();
            levels.push(scratch.len());
        }
        let r: usize = groupings.iter().zip(&levels).map(|(g, l)| g.2 * l).sum();
        let terms = component_terms(components, &groupings, &levels);
        let mf = m as f64;
        let width = m * (p + 1);
        let shared = (2.0 * k * k + 2.0 * k + 2.0) * mf.powi(3)
            + (k * k + 2.0 * k) * mf * mf * pf * pf
            + b * (width as f64).powi(2);
        let (path, cost) = if members.len() > 1
            && width * width <= SHARED_WIDTH_SQUARED
            && (shared <= SHARED_DENSE_COST || r >= m)
        {
            (Path::Shared, shared)
        } else if r < m {
            let (rf, w) = (r as f64, (r + p + 1) as f64);
            let one = 9.0 * rf.powi(3)
                + mf * (nz + p + 1) as f64 * w
                + ((terms + 1) as f64).powi(2) * (pf * pf + 2.0);
            (Path::LowRank, b * one)
        } else {
            let one = (2.0 * k + 1.0 / 3.0) * mf.powi(3) + k * k * mf * mf + 3.0 * k * mf * mf * pf;
            (Path::Dense, b * one)
        };
        paths.push(path);
        costs.push(cost);
    }
    Plan {
        designs,
        paths,
        costs,
    }
}

/// The terms in `Z̃` of every grouped component (its grouping's `levels` in the block, two
/// terms per level for a covariance), as [`LowRank::stack`] lists them.
fn component_terms(components: &[Component], groupings: &[Grouping], levels: &[usize]) -> usize {
    components
        .iter()
        .map(|c| match *c {
            Component::Residual => 0,
            Component::Grouped {
                group_of_row,
                z,
                a,
                b,
                ..
            } => {
                let of = groupings
                    .iter()
                    .position(|g| std::ptr::eq(g.0, group_of_row) && std::ptr::eq(g.1, z));
                let per_level = if a == b { 1 } else { 2 };
                of.map_or(0, |gi| levels[gi] * per_level)
            }
        })
        .sum()
}

/// The sums over `blocks` by the paths of `plan`.
fn planned_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
    plan: &Plan,
) -> Result<MarginalSums> {
    let (p, k) = (x.p, components.len());
    let groupings = groupings(components);
    let designs = &plan.designs;
    // Fixed chunks of designs, added in order: the sums do not depend on the number of threads.
    let parts: Vec<MarginalSums> = plan
        .chunks()
        .into_par_iter()
        .map(|chunk| {
            let mut acc = MarginalSums::zero(p, k);
            let mut low_rank = LowRank::new();
            for d in chunk {
                let members = designs.members(d);
                match plan.paths[d] {
                    Path::Shared => {
                        acc = acc.add(design_sums(x, e, components, phi, blocks, members)?);
                    }
                    Path::LowRank => {
                        for &bi in members {
                            let rows = &blocks[bi];
                            // The plan counted the same columns as `stack`.
                            if low_rank.stack(&groupings, components, rows) {
                                low_rank.add_block(x, e, phi, rows, &mut acc)?;
                            } else {
                                acc = acc.add(block_sums(x, e, components, phi, rows)?);
                            }
                        }
                    }
                    Path::Dense => {
                        for &bi in members {
                            acc = acc.add(block_sums(x, e, components, phi, &blocks[bi])?);
                        }
                    }
                }
            }
            Ok(acc)
        })
        .collect::<Result<_>>()?;
    Ok(parts
        .into_iter()
        .fold(MarginalSums::zero(p, k), MarginalSums::add))
}

/// One grouping factor of the components: its level per row, its row-major `n × q` Z.
type Grouping<'a> = (&'a [u32], &'a [f64], usize);

/// The groupings of `components`, each once (the components of one random term share its
/// rows and Z).
fn groupings<'a>(components: &[Component<'a>]) -> Vec<Grouping<'a>> {
    let mut out: Vec<Grouping> = Vec::new();
    for c in components {
        if let Component::Grouped {
            group_of_row, z, q, ..
        } = *c
        {
            if !out
                .iter()
                .any(|(g, zz, _)| std::ptr::eq(*g, group_of_row) && std::ptr::eq(*zz, z))
            {
                out.push((group_of_row, z, q));
            }
        }
    }
    out
}

/// Blocks grouped by design (see [`shared_designs`]).
#[derive(Debug, PartialEq)]
struct Designs {
    /// Block indices, design after design, each design's blocks in increasing order.
    order: Vec<usize>,
    /// Design `d` is `order[starts[d]..starts[d + 1]]`.
    starts: Vec<usize>,
}

impl Designs {
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The blocks of design `d`.
    fn members(&self, d: usize) -> &[usize] {
        &self.order[self.starts[d]..self.starts[d + 1]]
    }
}

/// Calls `each` on the words that identify the design of the block of `rows`: its size and, for
/// every grouping, each row's level (as the block's first row at it) and Z values.
fn design_key(groupings: &[Grouping], rows: &[usize], mut each: impl FnMut(u64)) {
    each(rows.len() as u64);
    let mut first_at: HashMap<u32, usize> = HashMap::new();
    for &(group_of_row, z, q) in groupings {
        first_at.clear();
        for (i, &r) in rows.iter().enumerate() {
            // The level as the block's first row at it.
            let first = *first_at.entry(group_of_row[r]).or_insert(i);
            each(first as u64);
            z[r * q..(r + 1) * q].iter().for_each(|v| each(v.to_bits()));
        }
    }
}

/// The blocks grouped by design (see the module doc), designs in order of first appearance.
/// Two blocks share a design when they have as many rows and, for every grouping (from
/// [`groupings`]), the same Z values row by row and the same rows in one level, so that every
/// `Gᵣ` (and so `Σ_b`) is the same matrix for both. Blocks are sorted by a hash of their key
/// ([`design_key`]) and those with equal hashes compared word by word, so that no key is
/// stored per block.
fn shared_designs(groupings: &[Grouping], blocks: &[Vec<usize>]) -> Designs {
    let mut hashed: Vec<(u64, usize)> = blocks
        .iter()
        .enumerate()
        .map(|(bi, rows)| {
            // FxHash's word step (rustc's hasher): rotate, xor, multiply.
            let mut h = 0u64;
            design_key(groupings, rows, |w| {
                h = (h.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
            });
            (h, bi)
        })
        .collect();
    hashed.sort_unstable();
    // Within a run of equal hashes, each block joins the first earlier block with its key.
    let mut design_of = vec![usize::MAX; blocks.len()];
    let (mut key_a, mut key_b) = (Vec::new(), Vec::new());
    for run in hashed.chunk_by(|a, b| a.0 == b.0) {
        for (i, &(_, bi)) in run.iter().enumerate() {
            design_of[bi] = bi;
            if i == 0 {
                continue;
            }
            key_a.clear();
            design_key(groupings, &blocks[bi], |w| key_a.push(w));
            for &(_, earlier) in &run[..i] {
                if design_of[earlier] != earlier {
                    continue;
                }
                key_b.clear();
                design_key(groupings, &blocks[earlier], |w| key_b.push(w));
                if key_a == key_b {
                    design_of[bi] = earlier;
                    break;
                }
            }
        }
    }
    // Designs numbered by their first block; blocks listed design by design.
    let mut number = vec![usize::MAX; blocks.len()];
    let mut count = Vec::new();
    for &first in &design_of {
        if number[first] == usize::MAX {
            number[first] = count.len();
            count.push(0);
        }
        count[number[first]] += 1;
    }
    let mut starts = Vec::with_capacity(count.len() + 1);
    starts.push(0);
    for c in &count {
        starts.push(starts.last().unwrap_or(&0) + c);
    }
    let mut next = starts.clone();
    let mut order = vec![0; blocks.len()];
    for bi in 0..blocks.len() {
        let d = number[design_of[bi]];
        order[next[d]] = bi;
        next[d] += 1;
    }
    Designs { order, starts }
}

/// The sums over the blocks `members` (indices into `blocks`), which share one design: `W`,
/// `WGᵣW` and `WGᵣWGₛW` from the first, the data through the cross-products of the module
/// doc ([`plan`] sends here only designs whose cross-products fit in memory).
fn design_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    blocks: &[Vec<usize>],
    members: &[usize],
) -> Result<MarginalSums> {
    let (p, k) = (x.p, components.len());
    let first = &blocks[members[0]];
    let m = first.len();
    let width = m * (p + 1);
    let g: Vec<DMatrix<f64>> = components
        .iter()
        .map(|c| DMatrix::from_fn(m, m, |i, j| c.entry(first[i], first[j])))
        .collect();
    let mut sigma = DMatrix::zeros(m, m);
    for (gr, f) in g.iter().zip(phi) {
        sigma += gr * *f;
    }
    let w = sigma
        .cholesky()
        .ok_or_else(|| {
            Error::singular(
                "marginal covariance",
                "the marginal covariance of a block is not positive definite".into(),
            )
        })?
        .inverse();
    // One row per block: its rows' (x, e) side by side; VᵀV holds every C[a, b].
    let v = DMatrix::from_fn(members.len(), width, |bi, col| {
        let row = blocks[members[bi]][col / (p + 1)];
        let j = col % (p + 1);
        if j < p { x.row(row)[j] } else { e[row] }
    });
    let c = v.tr_mul(&v);
    // Σ_ab M[a, b] C[a, b] restricted to (x, x) and to (x, e).
    let xx = |mm: &DMatrix<f64>| {
        DMatrix::from_fn(p, p, |i, j| {
            let mut s = 0.0;
            for a in 0..m {
                for b in 0..m {
                    s += mm[(a, b)] * c[(a * (p + 1) + i, b * (p + 1) + j)];
                }
            }
            s
        })
    };
    let xe = |mm: &DMatrix<f64>| {
        DVector::from_fn(p, |i, _| {
            let mut s = 0.0;
            for a in 0..m {
                for b in 0..m {
                    s += mm[(a, b)] * c[(a * (p + 1) + i, b * (p + 1) + p)];
                }
            }
            s
        })
    };
    let ee = |mm: &DMatrix<f64>| {
        let mut s = 0.0;
        for a in 0..m {
            for b in 0..m {
                s += mm[(a, b)] * c[(a * (p + 1) + p, b * (p + 1) + p)];
            }
        }
        s
    };
    let n_blocks = members.len() as f64;
    let mut out = MarginalSums::zero(p, k);
    out.xtsx = xx(&w);
    // A_r = W G_r W; W G_r W G_s W = A_r G_s W.
    let wg: Vec<DMatrix<f64>> = g.iter().map(|gr| &w * gr).collect();
    let a: Vec<DMatrix<f64>> = wg.iter().map(|wgr| wgr * &w).collect();
    for r in 0..k {
        out.p[r] = xx(&a[r]);
        out.b[r] = xe(&a[r]);
        for s in 0..k {
            let b = &a[r] * &g[s] * &w;
            out.q[r * k + s] = xx(&b);
            out.a[(r, s)] = ee(&b);
            // tr(W G_r W G_s), the same for every block of the design.
            out.k[(r, s)] = n_blocks * wg[r].component_mul(&wg[s].transpose()).sum();
        }
    }
    Ok(out)
}

fn block_sums(
    x: &ModelMatrix,
    e: &[f64],
    components: &[Component],
    phi: &[f64],
    rows: &[usize],
) -> Result<MarginalSums> {
    let (p, k, m) = (x.p, components.len(), rows.len());
    let g: Vec<DMatrix<f64>> = components
        .iter()
        .map(|c| DMatrix::from_fn(m, m, |i, j| c.entry(rows[i], rows[j])))
        .collect();
    let mut sigma = DMatrix::zeros(m, m);
    for (gr, f) in g.iter().zip(phi) {
        sigma += gr * *f;
    }
    let chol = sigma.cholesky().ok_or_else(|| {
        Error::singular(
            "marginal covariance",
            "the marginal covariance of a block is not positive definite".into(),
        )
    })?;
    let xb = DMatrix::from_fn(m, p, |i, j| x.row(rows[i])[j]);
    let eb = DVector::from_fn(m, |i, _| e[rows[i]]);
    let sx = chol.solve(&xb);
    let w = chol.solve(&eb);
    let mut out = MarginalSums::zero(p, k);
    out.xtsx = xb.transpose() * &sx;
    // H_r = Σ⁻¹G_r, O_r = G_rΣ⁻¹X, S_r = Σ⁻¹O_r, u_r = G_r w, v_r = Σ⁻¹u_r.
    let h: Vec<DMatrix<f64>> = g.iter().map(|gr| chol.solve(gr)).collect();
    let o: Vec<DMatrix<f64>> = g.iter().map(|gr| gr * &sx).collect();
    let s: Vec<DMatrix<f64>> = o.iter().map(|or| chol.solve(or)).collect();
    let u: Vec<DVector<f64>> = g.iter().map(|gr| gr * &w).collect();
    let v: Vec<DVector<f64>> = u.iter().map(|ur| chol.solve(ur)).collect();
    for r in 0..k {
        out.p[r] = sx.transpose() * &o[r];
        out.b[r] = sx.transpose() * &u[r];
        for c in 0..k {
            out.q[r * k + c] = o[r].transpose() * &s[c];
            // tr(H_r H_s) = Σᵢⱼ H_r[i, j] H_s[j, i]
            out.k[(r, c)] = h[r].component_mul(&h[c].transpose()).sum();
            out.a[(r, c)] = u[r].dot(&v[c]);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_join_rows_linked_by_any_grouping() {
        // Patients 0..3 at sites: rows of patients 0 and 2 share site 1, so they form one
        // block; patient 1 (site 0) another; row 6 is alone in both groupings.
        let patient = [0, 0, 1, 1, 2, 2, 3];
        let site = [1, 1, 0, 0, 1, 1, 2];
        assert_eq!(
            blocks(7, &[&patient, &site]),
            vec![vec![0, 1, 4, 5], vec![2, 3], vec![6]]
        );
        assert_eq!(blocks(3, &[]), vec![vec![0], vec![1], vec![2]]);
    }

    /// The sums of `marginal_sums` against the products formed with the whole n × n Σ, to
    /// 1e-12.
    fn check_components_against_dense(
        comps: &[Component],
        groupings: &[&[u32]],
        x: &ModelMatrix,
        e: &[f64],
        phi: &[f64],
    ) {
        check_components_against_dense_to(comps, groupings, x, e, phi, 1.0);
    }

    /// [`check_components_against_dense`] to `1e-12 · scale`.
    fn check_components_against_dense_to(
        comps: &[Component],
        groupings: &[&[u32]],
        x: &ModelMatrix,
        e: &[f64],
        phi: &[f64],
        scale: f64,
    ) {
        let n = e.len();
        let bl = blocks(n, groupings);
        // The general path too, where the one-factor path serves.
        let general = general_sums(x, e, comps, phi, &bl).unwrap();
        check_sums_against_dense(&general, comps, x, e, phi, scale);
        let sums = marginal_sums(x, e, comps, phi, &bl).unwrap();
        check_sums_against_dense(&sums, comps, x, e, phi, scale);
    }

    /// `sums` against the products formed with the whole n × n Σ, to `1e-12 · scale`.
    fn check_sums_against_dense(
        sums: &MarginalSums,
        comps: &[Component],
        x: &ModelMatrix,
        e: &[f64],
        phi: &[f64],
        scale: f64,
    ) {
        let n = e.len();
        let g: Vec<DMatrix<f64>> = comps
            .iter()
            .map(|c| DMatrix::from_fn(n, n, |i, j| c.entry(i, j)))
            .collect();
        let sigma = g
            .iter()
            .zip(phi)
            .fold(DMatrix::zeros(n, n), |s, (g, f)| s + g * *f);
        let si = sigma.try_inverse().unwrap();
        let xm = DMatrix::from_fn(n, x.p, |i, j| x.row(i)[j]);
        let ev = DVector::from_column_slice(e);
        let tol = 1e-12 * scale;
        let close = |a: &DMatrix<f64>, b: &DMatrix<f64>| (a - b).abs().max() < tol;
        assert!(close(&sums.xtsx, &(xm.transpose() * &si * &xm)));
        for r in 0..comps.len() {
            let want_p = xm.transpose() * &si * &g[r] * &si * &xm;
            assert!(close(&sums.p[r], &want_p));
            let want_b = xm.transpose() * &si * &g[r] * &si * &ev;
            assert!((&sums.b[r] - want_b).abs().max() < tol);
            for s in 0..comps.len() {
                let want_q = xm.transpose() * &si * &g[r] * &si * &g[s] * &si * &xm;
                assert!(close(sums.q(r, s), &want_q));
                let want_k = (&si * &g[r] * &si * &g[s]).trace();
                assert!((sums.k[(r, s)] - want_k).abs() < tol);
                let want_a = (ev.transpose() * &si * &g[r] * &si * &g[s] * &si * &ev)[(0, 0)];
                assert!((sums.a[(r, s)] - want_a).abs() < tol);
            }
        }
    }

    /// [`check_components_against_dense`] for a random intercept and slope on `t` (q = 2) per
    /// level of `group`.
    fn check_against_dense(group: &[u32], t: &[f64], x: &ModelMatrix, e: &[f64], phi: &[f64; 4]) {
        let z: Vec<f64> = t.iter().flat_map(|&v| [1.0, v]).collect();
        let grouped = |a, b| Component::Grouped {
            group_of_row: group,
            z: &z,
            q: 2,
            a,
            b,
        };
        let comps = [
            grouped(0, 0),
            grouped(1, 0),
            grouped(1, 1),
            Component::Residual,
        ];
        check_components_against_dense(&comps, &[group], x, e, phi);
    }

    #[test]
    fn sums_match_the_dense_formulas() {
        // Two groups of different sizes: each block its own design; the first (3 rows, 2
        // random-effect columns) summed in low rank, the second (2 rows) densely.
        let t = [0.0, 1.0, 2.0, 0.5, 3.0];
        let x = ModelMatrix::from_columns(
            5,
            vec![
                ("(Intercept)".into(), vec![1.0; 5]),
                ("t".into(), t.to_vec()),
            ],
        );
        let e = [0.3, -0.2, 0.5, -0.1, 0.4];
        check_against_dense(&[0, 0, 0, 1, 1], &t, &x, &e, &[2.0, 0.3, 0.5, 1.2]);
        // A slope variance at its bound (D singular): Woodbury's K needs no inverse of D.
        check_against_dense(&[0, 0, 0, 1, 1], &t, &x, &e, &[2.0, 0.0, 0.0, 1.2]);
    }

    #[test]
    fn sums_do_not_depend_on_the_number_of_threads() {
        // 3,000 groups of 4 rows at times of their own (every block in low rank, several
        // chunks): the sums are the same to the last bit on 1 and 3 threads.
        let n = 12_000;
        let group: Vec<u32> = (0..n as u32).map(|i| i / 4).collect();
        let t: Vec<f64> = (0..n)
            .map(|i| (i % 4) as f64 + 0.001 * (i % 97) as f64)
            .collect();
        let e: Vec<f64> = (0..n)
            .map(|i| ((i * 37 % 101) as f64 - 50.0) / 30.0)
            .collect();
        let z: Vec<f64> = t.iter().flat_map(|&v| [1.0, v]).collect();
        let x = ModelMatrix::from_columns(
            n,
            vec![
                ("(Intercept)".into(), vec![1.0; n]),
                ("t".into(), t.clone()),
            ],
        );
        let grouped = |a, b| Component::Grouped {
            group_of_row: &group,
            z: &z,
            q: 2,
            a,
            b,
        };
        let comps = [
            grouped(0, 0),
            grouped(1, 0),
            grouped(1, 1),
            Component::Residual,
        ];
        let bl = blocks(n, &[&group]);
        let phi = [2.0, 0.3, 0.5, 1.2];
        assert!(one_factor::sums(&x, &e, &comps, &phi, &bl).is_some());
        for path in [marginal_sums, general_sums] {
            let on = |threads| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                pool.install(|| path(&x, &e, &comps, &phi, &bl).unwrap())
            };
            let (one, three) = (on(1), on(3));
            let bits = |m: &DMatrix<f64>| m.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&one.xtsx), bits(&three.xtsx));
            assert_eq!(bits(&one.k), bits(&three.k));
            assert_eq!(bits(&one.a), bits(&three.a));
            for (a, b) in one.q.iter().zip(&three.q) {
                assert_eq!(bits(a), bits(b));
            }
        }
    }

    #[test]
    fn blocks_sharing_a_design_match_the_dense_formulas() {
        // Groups 0, 1 and 3 are seen at times 0, 1, 2 (one design, summed through the
        // cross-products); group 2 at 0, 1.5, 2 (its own); X has an arm column that differs
        // between groups of one design.
        let group = [0u32, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        let t = [0.0, 1.0, 2.0, 0.0, 1.0, 2.0, 0.0, 1.5, 2.0, 0.0, 1.0, 2.0];
        let arm = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0];
        assert_eq!(
            shared_designs(
                &groupings(&[Component::Grouped {
                    group_of_row: &group,
                    z: &t.iter().flat_map(|&v| [1.0, v]).collect::<Vec<_>>(),
                    q: 2,
                    a: 0,
                    b: 0
                }]),
                &blocks(12, &[&group])
            ),
            Designs {
                order: vec![0, 1, 3, 2],
                starts: vec![0, 3, 4]
            }
        );
        let x = ModelMatrix::from_columns(
            12,
            vec![
                ("(Intercept)".into(), vec![1.0; 12]),
                ("t".into(), t.to_vec()),
                ("arm".into(), arm.to_vec()),
            ],
        );
        let e = [
            0.3, -0.2, 0.5, -0.1, 0.4, 0.2, -0.6, 0.1, 0.0, 0.7, -0.3, 0.25,
        ];
        check_against_dense(&group, &t, &x, &e, &[2.0, 0.3, 0.5, 1.2]);
    }

    #[test]
    fn nested_groupings_match_the_dense_formulas_in_low_rank_and_dense() {
        // Patients (random intercept and slope) within sites (random intercept): site 0 has
        // three patients seen three times (9 rows, Z̃ of 1 + 3 × 2 = 7 columns: low rank with
        // several levels of one grouping in a block); site 1 two patients seen twice (4 rows,
        // 1 + 2 × 2 = 5 columns: dense). Times differ, so every block is its own design.
        let site = [0u32, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
        let patient = [0u32, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4];
        let t = [
            0.0, 1.0, 2.1, 0.2, 1.1, 2.0, 0.0, 0.9, 1.8, 0.0, 1.3, 0.1, 2.2,
        ];
        let zp: Vec<f64> = t.iter().flat_map(|&v| [1.0, v]).collect();
        let zs = vec![1.0; 13];
        let pat = |a, b| Component::Grouped {
            group_of_row: &patient,
            z: &zp,
            q: 2,
            a,
            b,
        };
        let comps = [
            pat(0, 0),
            pat(1, 0),
            pat(1, 1),
            Component::Grouped {
                group_of_row: &site,
                z: &zs,
                q: 1,
                a: 0,
                b: 0,
            },
            Component::Residual,
        ];
        let groups = groupings(&comps);
        let bl = blocks(13, &[&patient, &site]);
        assert_eq!(bl.len(), 2);
        let mut stacked = LowRank::new();
        assert!(stacked.stack(&groups, &comps, &bl[0]), "site 0 in low rank");
        assert_eq!(stacked.width, 7);
        assert!(!stacked.stack(&groups, &comps, &bl[1]));
        let x = ModelMatrix::from_columns(
            13,
            vec![
                ("(Intercept)".into(), vec![1.0; 13]),
                ("t".into(), t.to_vec()),
            ],
        );
        let e = [
            0.3, -0.2, 0.5, -0.1, 0.4, 0.2, -0.6, 0.1, 0.0, 0.7, -0.3, 0.25, -0.45,
        ];
        check_components_against_dense(
            &comps,
            &[&patient, &site],
            &x,
            &e,
            &[2.0, 0.3, 0.5, 0.8, 1.2],
        );
    }

    #[test]
    fn sites_sharing_a_design_are_summed_in_low_rank_and_match_the_dense_formulas() {
        // Two sites of 4 patients seen at the same 21 times (84 rows each, one design): their
        // dense algebra (about 1.6e7 operations) is above what a shared design is summed
        // with, so each site is summed in low rank (5 random-effect columns), and the budget
        // of `marginal_sums_within` is checked against the plan's estimate.
        let (per_patient, patients) = (21usize, 8usize);
        let n = per_patient * patients;
        let patient: Vec<u32> = (0..n as u32).map(|i| i / per_patient as u32).collect();
        let site: Vec<u32> = patient.iter().map(|&p| p / 4).collect();
        let t: Vec<f64> = (0..n).map(|i| (i % per_patient) as f64 / 4.0).collect();
        let ones = vec![1.0; n];
        let e: Vec<f64> = (0..n)
            .map(|i| ((i * 37 % 101) as f64 - 50.0) / 30.0)
            .collect();
        let intercept = |group: &'static str| Component::Grouped {
            group_of_row: if group == "patient" { &patient } else { &site },
            z: &ones,
            q: 1,
            a: 0,
            b: 0,
        };
        let comps = [intercept("patient"), intercept("site"), Component::Residual];
        let x = ModelMatrix::from_columns(
            n,
            vec![
                ("(Intercept)".into(), ones.clone()),
                ("t".into(), t.clone()),
            ],
        );
        let bl = blocks(n, &[&patient, &site]);
        assert_eq!(bl.len(), 2);
        let planned = plan(x.p, &comps, &bl);
        assert_eq!(planned.designs.len(), 1, "one design");
        assert_eq!(planned.paths, vec![Path::LowRank]);
        let phi = [2.0, 0.8, 1.2];
        // Woodbury's identities subtract terms of the size of the cross-products [X e]ᵀ[X e]
        // (here up to about 1,400, Σt²): the sums agree to rounding relative to those.
        let v = DMatrix::from_fn(n, 3, |i, j| [1.0, t[i], e[i]][j]);
        let scale = v.tr_mul(&v).abs().max().max(1.0);
        check_components_against_dense_to(&comps, &[&patient, &site], &x, &e, &phi, scale);
        let cost = planned.cost();
        let within = |budget| marginal_sums_within(&x, &e, &comps, &phi, &bl, budget).unwrap();
        assert!(within(cost * 0.99).is_none());
        assert!(within(cost).is_some());
    }
}
