//! The profiled deviance and REML criterion of a linear mixed model with one grouping
//! factor, as functions of θ alone (Bates et al. 2015, J. Stat. Softw. 67(1), §3.4–3.5,
//! eqs. 34 and 41).
//!
//! With one grouping factor, `Λθᵀ Zᵀ Z Λθ + I` is block diagonal with one `q × q` block per
//! group, so its Cholesky factor `L` is too, and the blocked factorisation of §3.5
//! (eqs. 18–20) needs only per-group cross-products `ZᵢᵀZᵢ`, `ZᵢᵀXᵢ`, `Zᵢᵀyᵢ` and the global
//! `XᵀX`, `Xᵀy`, `yᵀy`. Those are accumulated once from the rows ([`CrossProducts::new`]);
//! each evaluation then costs O(groups · q² · p), whatever the number of rows:
//!
//! ```text
//! Lᵢ Lᵢᵀ   = Tᵀ ZᵢᵀZᵢ T + I                 cuᵢ = Lᵢ⁻¹ Tᵀ Zᵢᵀyᵢ
//! RZXᵢ     = Lᵢ⁻¹ Tᵀ ZᵢᵀXᵢ
//! RX RXᵀ   = XᵀX − Σ RZXᵢᵀ RZXᵢ             cβ  = RX⁻¹ (Xᵀy − Σ RZXᵢᵀ cuᵢ)
//! r²(θ)    = yᵀy − Σ |cuᵢ|² − |cβ|²          (penalised residual sum of squares)
//! ML:   −2ℓ(θ)   = log|L|² + n (1 + log(2π r²/n))
//! REML: −2ℓR(θ)  = log|L|² + log|RX|² + (n−p)(1 + log(2π r²/(n−p)))
//! ```

use super::dense::{backward_solve_transpose, cholesky, forward_solve, inverse_from_cholesky};
use super::design::{check_full_rank, FixedDesign};
use super::random::RandomEffects;
use crate::error::Result;
use rayon::prelude::*;

/// Cross-products of the data, accumulated once.
#[derive(Debug, Clone)]
pub struct CrossProducts {
    /// Random effects per group.
    pub q: usize,
    /// Fixed-effect columns.
    pub p: usize,
    /// Observations.
    pub n: usize,
    /// Per group: `ZᵢᵀZᵢ` (q·q), `ZᵢᵀXᵢ` (q·p, row-major), `Zᵢᵀyᵢ` (q), packed with stride
    /// [`CrossProducts::stride`].
    pub per_group: Vec<f64>,
    pub n_groups: usize,
    /// `XᵀX` (p·p, row-major).
    pub xtx: Vec<f64>,
    /// `Xᵀy`.
    pub xty: Vec<f64>,
    /// `yᵀy`.
    pub yty: f64,
    /// `β_ols`, subtracted from y before the cross-products; added back to β̂.
    pub beta_shift: Vec<f64>,
}

impl CrossProducts {
    /// Accumulate the cross-products; refuses a rank-deficient X (naming the column).
    ///
    /// The response is first replaced by its ordinary-least-squares residual `y − X β_ols`
    /// (kept in [`CrossProducts::beta_shift`]): β is unconstrained, so this changes β̂ by
    /// exactly `β_ols` and leaves r²(θ) unchanged, but `yᵀy` shrinks from the raw sum of
    /// squares to the residual one, which avoids the cancellation in `yᵀy − Σ|cuᵢ|² − |cβ|²`
    /// that would otherwise make the criterion noisy with a million rows.
    pub fn new(y: &[f64], x: &FixedDesign, re: &RandomEffects) -> Result<CrossProducts> {
        let (n, p, q) = (y.len(), x.p, re.q());
        let mut xtx = vec![0.0; p * p];
        let mut xty = vec![0.0; p];
        for (i, &yi) in y.iter().enumerate() {
            let xi = x.row(i);
            for a in 0..p {
                for b in 0..=a {
                    xtx[a * p + b] += xi[a] * xi[b];
                }
                xty[a] += xi[a] * yi;
            }
        }
        for a in 0..p {
            for b in 0..a {
                xtx[b * p + a] = xtx[a * p + b];
            }
        }
        check_full_rank(&xtx, &x.names)?;
        let mut l = xtx.clone();
        let beta_shift = match cholesky(&mut l, p) {
            Some(()) => {
                let mut b = xty.clone();
                forward_solve(&l, p, &mut b);
                backward_solve_transpose(&l, p, &mut b);
                b
            }
            None => vec![0.0; p],
        };
        let n_groups = re.levels.len();
        let stride = q * q + q * p + q;
        let mut per_group = vec![0.0; n_groups * stride];
        let mut xty = vec![0.0; p];
        let mut yty = 0.0;
        for (i, &yraw) in y.iter().enumerate() {
            let xi = x.row(i);
            let yi = yraw - xi.iter().zip(&beta_shift).map(|(a, b)| a * b).sum::<f64>();
            let zi = &re.z[i * q..(i + 1) * q];
            let g = re.group_of_row[i] as usize;
            let block = &mut per_group[g * stride..(g + 1) * stride];
            let (ztz, rest) = block.split_at_mut(q * q);
            let (ztx, zty) = rest.split_at_mut(q * p);
            for a in 0..q {
                let za = zi[a];
                for b in 0..q {
                    ztz[a * q + b] += za * zi[b];
                }
                for b in 0..p {
                    ztx[a * p + b] += za * xi[b];
                }
                zty[a] += za * yi;
            }
            for a in 0..p {
                xty[a] += xi[a] * yi;
            }
            yty += yi * yi;
        }
        Ok(CrossProducts {
            q,
            p,
            n,
            per_group,
            n_groups,
            xtx,
            xty,
            yty,
            beta_shift,
        })
    }

    /// Length of one group's packed cross-products.
    pub fn stride(&self) -> usize {
        self.q * self.q + self.q * self.p + self.q
    }
}

/// Sums over groups that one evaluation needs.
#[derive(Debug, Clone)]
struct GroupSums {
    /// Σ RZXᵢᵀ RZXᵢ (p·p).
    rzx_sq: Vec<f64>,
    /// Σ RZXᵢᵀ cuᵢ (p).
    rzx_cu: Vec<f64>,
    /// Σ |cuᵢ|².
    cu_sq: f64,
    /// Σ log|Lᵢ|² = log|L|².
    logdet_l: f64,
}

impl GroupSums {
    fn zero(p: usize) -> Self {
        GroupSums {
            rzx_sq: vec![0.0; p * p],
            rzx_cu: vec![0.0; p],
            cu_sq: 0.0,
            logdet_l: 0.0,
        }
    }
    fn add(mut self, o: GroupSums) -> Self {
        self.rzx_sq
            .iter_mut()
            .zip(&o.rzx_sq)
            .for_each(|(a, b)| *a += b);
        self.rzx_cu
            .iter_mut()
            .zip(&o.rzx_cu)
            .for_each(|(a, b)| *a += b);
        self.cu_sq += o.cu_sq;
        self.logdet_l += o.logdet_l;
        self
    }
}

/// Per-group results of one group's factorisation, in scratch buffers.
struct GroupFactor {
    /// Lᵢ (q·q row-major, lower).
    l: Vec<f64>,
    /// RZXᵢ (q·p).
    rzx: Vec<f64>,
    /// cuᵢ (q).
    cu: Vec<f64>,
    work: Vec<f64>,
}

impl GroupFactor {
    fn new(q: usize, p: usize) -> Self {
        GroupFactor {
            l: vec![0.0; q * q],
            rzx: vec![0.0; q * p],
            cu: vec![0.0; q],
            work: vec![0.0; q * q],
        }
    }

    /// Factorise group `block` for `t`; returns log|Lᵢ|².
    fn factor(&mut self, block: &[f64], t: &[f64], q: usize, p: usize) -> f64 {
        let (ztz, rest) = block.split_at(q * q);
        let (ztx, zty) = rest.split_at(q * p);
        // work = ZᵢᵀZᵢ T
        for a in 0..q {
            for b in 0..q {
                let mut s = 0.0;
                for k in b..q {
                    s += ztz[a * q + k] * t[k * q + b];
                }
                self.work[a * q + b] = s;
            }
        }
        // l = Tᵀ work + I (lower triangle only)
        for a in 0..q {
            for b in 0..=a {
                let mut s = 0.0;
                for k in a..q {
                    s += t[k * q + a] * self.work[k * q + b];
                }
                self.l[a * q + b] = s + if a == b { 1.0 } else { 0.0 };
            }
        }
        // Cholesky in place: the block is Tᵀ ZᵢᵀZᵢ T + I, positive definite.
        let _ = cholesky(&mut self.l, q); // ok: every pivot is ≥ 1
        let logdet: f64 = (0..q).map(|j| 2.0 * self.l[j * q + j].ln()).sum();
        // rzx = Tᵀ ZᵢᵀXᵢ, cu = Tᵀ Zᵢᵀyᵢ, then forward-solve with L.
        for a in 0..q {
            for b in 0..p {
                let mut s = 0.0;
                for k in a..q {
                    s += t[k * q + a] * ztx[k * p + b];
                }
                self.rzx[a * p + b] = s;
            }
            let mut s = 0.0;
            for k in a..q {
                s += t[k * q + a] * zty[k];
            }
            self.cu[a] = s;
        }
        for a in 0..q {
            let d = self.l[a * q + a];
            for k in 0..a {
                let lak = self.l[a * q + k];
                for b in 0..p {
                    self.rzx[a * p + b] -= lak * self.rzx[k * p + b];
                }
                self.cu[a] -= lak * self.cu[k];
            }
            for b in 0..p {
                self.rzx[a * p + b] /= d;
            }
            self.cu[a] /= d;
        }
        logdet
    }
}

/// The criterion's value and the pieces a fit reports.
#[derive(Debug, Clone)]
pub struct Solution {
    /// −2 log-likelihood (ML) or the REML criterion.
    pub criterion: f64,
    /// Fixed effects β̂(θ).
    pub beta: Vec<f64>,
    /// Penalised residual sum of squares r²(θ).
    pub pwrss: f64,
    /// log|L|².
    pub logdet_l: f64,
    /// log|RX|².
    pub logdet_rx: f64,
    /// RX (p·p lower, row-major): RX RXᵀ = XᵀX − Σ RZXᵢᵀRZXᵢ.
    pub rx: Vec<f64>,
}

/// The profiled criterion for fixed data.
pub struct ProfiledCriterion<'a> {
    pub data: &'a CrossProducts,
    pub random: &'a RandomEffects,
    /// REML (true) or ML.
    pub reml: bool,
}

/// Groups per parallel chunk: small problems stay on one thread.
const CHUNK: usize = 4096;

impl ProfiledCriterion<'_> {
    fn group_sums(&self, t: &[f64]) -> GroupSums {
        let (q, p) = (self.data.q, self.data.p);
        let stride = self.data.stride();
        let run = |blocks: &[f64]| {
            let mut f = GroupFactor::new(q, p);
            let mut sums = GroupSums::zero(p);
            for block in blocks.chunks_exact(stride) {
                sums.logdet_l += f.factor(block, t, q, p);
                for a in 0..p {
                    for b in 0..=a {
                        let mut s = 0.0;
                        for k in 0..q {
                            s += f.rzx[k * p + a] * f.rzx[k * p + b];
                        }
                        sums.rzx_sq[a * p + b] += s;
                    }
                    let mut s = 0.0;
                    for k in 0..q {
                        s += f.rzx[k * p + a] * f.cu[k];
                    }
                    sums.rzx_cu[a] += s;
                }
                sums.cu_sq += f.cu.iter().map(|c| c * c).sum::<f64>();
            }
            sums
        };
        let data = &self.data.per_group;
        if self.data.n_groups <= 2 * CHUNK {
            run(data)
        } else {
            data.par_chunks(CHUNK * stride)
                .map(run)
                .reduce(|| GroupSums::zero(p), GroupSums::add)
        }
    }

    /// Evaluate at `theta`; `None` when the fixed-effect system is not positive definite.
    pub fn solve(&self, theta: &[f64]) -> Option<Solution> {
        let (q, p) = (self.data.q, self.data.p);
        let mut t = vec![0.0; q * q];
        self.random.fill_t(theta, &mut t);
        let sums = self.group_sums(&t);
        let mut rx = self.data.xtx.clone();
        for a in 0..p {
            for b in 0..=a {
                rx[a * p + b] -= sums.rzx_sq[a * p + b];
                rx[b * p + a] = rx[a * p + b];
            }
        }
        cholesky(&mut rx, p)?;
        let mut cb: Vec<f64> = (0..p).map(|a| self.data.xty[a] - sums.rzx_cu[a]).collect();
        forward_solve(&rx, p, &mut cb);
        let cb_sq: f64 = cb.iter().map(|c| c * c).sum();
        let mut beta = cb;
        backward_solve_transpose(&rx, p, &mut beta);
        let fitted_beta: Vec<f64> = beta
            .iter()
            .zip(&self.data.beta_shift)
            .map(|(a, b)| a + b)
            .collect();
        let pwrss = self.data.yty - sums.cu_sq - cb_sq;
        let logdet_rx: f64 = (0..p).map(|j| 2.0 * rx[j * p + j].ln()).sum();
        let n = self.data.n as f64;
        let criterion = if self.reml {
            let df = n - p as f64;
            sums.logdet_l + logdet_rx + df * (1.0 + (2.0 * std::f64::consts::PI * pwrss / df).ln())
        } else {
            sums.logdet_l + n * (1.0 + (2.0 * std::f64::consts::PI * pwrss / n).ln())
        };
        Some(Solution {
            criterion,
            beta: fitted_beta,
            pwrss,
            logdet_l: sums.logdet_l,
            logdet_rx,
            rx,
        })
    }

    /// The criterion at `theta` (+∞ where it is not defined).
    pub fn value(&self, theta: &[f64]) -> f64 {
        match self.solve(theta) {
            Some(s) if s.criterion.is_finite() && s.pwrss > 0.0 => s.criterion,
            _ => f64::INFINITY,
        }
    }

    /// The criterion and its gradient with respect to θ at `theta` (`None` where the
    /// criterion is not defined).
    ///
    /// With `Mᵢ = Tᵀ AᵢT + I` (`Aᵢ = ZᵢᵀZᵢ`, `Cᵢ = ZᵢᵀXᵢ`, `dᵢ = Zᵢᵀyᵢ`), `Pᵢ = Mᵢ⁻¹Tᵀ`, the
    /// modes `uᵢ = Pᵢ(dᵢ − Cᵢβ̂)` and `wᵢ = dᵢ − Cᵢβ̂ − AᵢT uᵢ` (Zᵢᵀ times the residual), and
    /// θₖ the entry `(r, c)` of `T`:
    ///
    /// ```text
    /// ∂ log|L|²  / ∂θₖ = Σᵢ 2 (Aᵢ Pᵢᵀ)_{rc}                     (Jacobi's formula)
    /// ∂ r²       / ∂θₖ = −2 Σᵢ (wᵢ)_r (uᵢ)_c                     (envelope theorem: β̂, û optimal)
    /// ∂ log|RX|² / ∂θₖ = Σᵢ −2 (Pᵢ Gᵢ)_{cr} + 2 (AᵢT Pᵢ Gᵢ Pᵢᵀ)_{rc},  Gᵢ = Cᵢ (RX RXᵀ)⁻¹ Cᵢᵀ
    /// ```
    ///
    /// and the criterion's derivative is `∂log|L|² [+ ∂log|RX|²] + ν ∂r²/r²` with ν = n (ML)
    /// or n − p (REML). Costs about two evaluations, against 2·length(θ) for differences.
    pub fn value_and_gradient(&self, theta: &[f64]) -> Option<(f64, Vec<f64>)> {
        let sol = self.solve(theta)?;
        if !sol.criterion.is_finite() || sol.pwrss <= 0.0 {
            return None;
        }
        let (q, p) = (self.data.q, self.data.p);
        let mut t = vec![0.0; q * q];
        self.random.fill_t(theta, &mut t);
        let positions = self.random.theta_positions();
        let k_len = positions.len();
        let beta: Vec<f64> = sol
            .beta
            .iter()
            .zip(&self.data.beta_shift)
            .map(|(a, b)| a - b)
            .collect();
        let q_inv = if self.reml {
            Some(inverse_from_cholesky(&sol.rx, p))
        } else {
            None
        };
        let stride = self.data.stride();
        let reml = self.reml;
        // Per-chunk sums: [∂log|L|² (k), ∂r² (k), ∂log|RX|² (k)].
        let run = |blocks: &[f64]| {
            let mut f = GroupFactor::new(q, p);
            let mut acc = vec![0.0; 3 * k_len];
            let mut pm = vec![0.0; q * q];
            let mut col = vec![0.0; q];
            let mut resid = vec![0.0; q];
            let mut u = vec![0.0; q];
            let mut w = vec![0.0; q];
            let mut at = vec![0.0; q * q];
            let mut g = vec![0.0; q * q];
            let mut cq = vec![0.0; q * p];
            let mut pg = vec![0.0; q * q];
            for block in blocks.chunks_exact(stride) {
                f.factor(block, &t, q, p);
                let (a, rest) = block.split_at(q * q);
                let (c, d) = rest.split_at(q * p);
                // P = M⁻¹ Tᵀ, column by column (column j of Tᵀ is row j of T).
                for j in 0..q {
                    col.copy_from_slice(&t[j * q..(j + 1) * q]);
                    forward_solve(&f.l, q, &mut col);
                    backward_solve_transpose(&f.l, q, &mut col);
                    for i in 0..q {
                        pm[i * q + j] = col[i];
                    }
                }
                for i in 0..q {
                    resid[i] = d[i] - (0..p).map(|b| c[i * p + b] * beta[b]).sum::<f64>();
                }
                for i in 0..q {
                    u[i] = (0..q).map(|j| pm[i * q + j] * resid[j]).sum();
                }
                for i in 0..q {
                    for j in 0..q {
                        at[i * q + j] = (0..q).map(|k| a[i * q + k] * t[k * q + j]).sum();
                    }
                }
                for i in 0..q {
                    w[i] = resid[i] - (0..q).map(|j| at[i * q + j] * u[j]).sum::<f64>();
                }
                if let Some(qi) = &q_inv {
                    // G = C Q⁻¹ Cᵀ, then PG = P G.
                    for i in 0..q {
                        for b in 0..p {
                            cq[i * p + b] = (0..p).map(|e| c[i * p + e] * qi[e * p + b]).sum();
                        }
                    }
                    for i in 0..q {
                        for j in 0..q {
                            g[i * q + j] = (0..p).map(|b| cq[i * p + b] * c[j * p + b]).sum();
                        }
                    }
                    for i in 0..q {
                        for j in 0..q {
                            pg[i * q + j] = (0..q).map(|k| pm[i * q + k] * g[k * q + j]).sum();
                        }
                    }
                }
                for (k, &(r, cc)) in positions.iter().enumerate() {
                    // (A Pᵀ)_{r,c}
                    acc[k] += 2.0 * (0..q).map(|j| a[r * q + j] * pm[cc * q + j]).sum::<f64>();
                    acc[k_len + k] -= 2.0 * w[r] * u[cc];
                    if reml {
                        // (AT P G Pᵀ)_{r,c} = Σ_a (AT)_{r,a} (PG Pᵀ)_{a,c}
                        let mut s = 0.0;
                        for i in 0..q {
                            let pgpt: f64 = (0..q).map(|j| pg[i * q + j] * pm[cc * q + j]).sum();
                            s += at[r * q + i] * pgpt;
                        }
                        acc[2 * k_len + k] += -2.0 * pg[cc * q + r] + 2.0 * s;
                    }
                }
            }
            acc
        };
        let data = &self.data.per_group;
        let acc = if self.data.n_groups <= 2 * CHUNK {
            run(data)
        } else {
            data.par_chunks(CHUNK * stride).map(run).reduce(
                || vec![0.0; 3 * k_len],
                |mut x, y| {
                    x.iter_mut().zip(&y).for_each(|(a, b)| *a += b);
                    x
                },
            )
        };
        let n = self.data.n as f64;
        let nu = if reml { n - p as f64 } else { n };
        let grad = (0..k_len)
            .map(|k| acc[k] + acc[2 * k_len + k] + nu * acc[k_len + k] / sol.pwrss)
            .collect();
        Some((sol.criterion, grad))
    }

    /// Spherical conditional modes `uᵢ = Lᵢ⁻ᵀ (cuᵢ − RZXᵢ β)` mapped to the random effects
    /// `bᵢ = T uᵢ`, one `q`-vector per group (group-major).
    pub fn conditional_modes(&self, theta: &[f64], beta: &[f64]) -> Vec<f64> {
        let (q, p) = (self.data.q, self.data.p);
        let mut t = vec![0.0; q * q];
        self.random.fill_t(theta, &mut t);
        let mut f = GroupFactor::new(q, p);
        let mut out = vec![0.0; self.data.n_groups * q];
        let mut u = vec![0.0; q];
        for (g, block) in self
            .data
            .per_group
            .chunks_exact(self.data.stride())
            .enumerate()
        {
            f.factor(block, &t, q, p);
            for (a, ua) in u.iter_mut().enumerate() {
                *ua = f.cu[a]
                    - (0..p)
                        .map(|b| f.rzx[a * p + b] * (beta[b] - self.data.beta_shift[b]))
                        .sum::<f64>();
            }
            backward_solve_transpose(&f.l, q, &mut u);
            for a in 0..q {
                out[g * q + a] = (0..=a).map(|k| t[a * q + k] * u[k]).sum();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lmm::formula::Formula;
    use crate::lmm::frame::{Frame, RawColumn};

    /// A small unbalanced data set with a categorical-free design (values arbitrary).
    fn frame() -> Frame {
        let g: Vec<String> = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3]
            .iter()
            .map(|i| format!("g{i}"))
            .collect();
        let x = vec![0.0, 1.0, 2.0, 0.0, 3.0, 0.0, 1.0, 2.0, 4.0, 1.0, 2.0, 5.0];
        let y = vec![1.0, 2.5, 2.9, 0.2, 1.1, 3.0, 4.2, 4.1, 6.3, 0.5, 1.9, 2.2];
        Frame::from_columns(
            "t",
            vec![
                ("y".into(), RawColumn::Numbers(y)),
                ("x".into(), RawColumn::Numbers(x)),
                ("g".into(), RawColumn::Text(g)),
            ],
        )
        .unwrap()
    }

    #[test]
    fn analytic_gradient_agrees_with_central_differences() {
        let fr = frame();
        for formula in ["y ~ x + (x | g)", "y ~ x + (x || g)", "y ~ 1 + (1 | g)"] {
            let f = Formula::parse(formula).unwrap();
            let x = FixedDesign::build(&f, &fr).unwrap();
            let re = RandomEffects::build(&f, &fr).unwrap();
            let y = match fr.column("y") {
                Some(crate::lmm::frame::Column::Numeric(v)) => v.clone(),
                _ => unreachable!(),
            };
            let data = CrossProducts::new(&y, &x, &re).unwrap();
            for reml in [true, false] {
                let c = ProfiledCriterion {
                    data: &data,
                    random: &re,
                    reml,
                };
                let theta: Vec<f64> = [0.8, -0.3, 0.5][..re.n_theta()].to_vec();
                let (_, g) = c.value_and_gradient(&theta).unwrap();
                for k in 0..theta.len() {
                    let h = 1e-6;
                    let mut a = theta.clone();
                    a[k] += h;
                    let mut b = theta.clone();
                    b[k] -= h;
                    let fd = (c.value(&a) - c.value(&b)) / (2.0 * h);
                    assert!(
                        (g[k] - fd).abs() < 1e-6 * fd.abs().max(1.0),
                        "{formula} reml={reml} k={k}: {} vs {fd}",
                        g[k]
                    );
                }
            }
        }
    }
}
