//! The per-pattern algebra of [`super`] for two random effects per group (a random intercept
//! and slope, `(month | patient)` or `(month || patient)`), in closed form.
//!
//! The parent module factors `Mᵢ = Tᵀ AᵢT + I = Lᵢ Lᵢᵀ` and forms `V = Lᵢ⁻¹Tᵀ`,
//! `RZXᵢ = V Cᵢ` and `cuᵢ = V dᵢ` (Bates et al. 2015, §3.5, eqs. 18–20; `Aᵢ = ZᵢᵀZᵢ`,
//! `Cᵢ = ZᵢᵀXᵢ`, `dᵢ = Zᵢᵀyᵢ`). What one evaluation sums of them depends on `V` only through
//!
//! ```text
//! K = VᵀV = T Mᵢ⁻¹ Tᵀ,       Mᵢ⁻¹ = adj(Mᵢ) / det(Mᵢ)          (2 × 2)
//! Σ RZXᵢᵀRZXᵢ = Σ Cᵢᵀ K Cᵢ    Σ RZXᵢᵀcuᵢ = Σ Cᵢᵀ K dᵢ    Σ |cuᵢ|² = tr(K Σ dᵢdᵢᵀ)
//! log|Lᵢ|² = log det(Mᵢ) = log(m₀₀m₁₁ − m₁₀²)
//! ```
//!
//! so a group costs one division and no square root, where the factorisation costs two
//! square roots and five divisions in a chain. The gradient's `Pᵢ = Mᵢ⁻¹Tᵀ` is the same
//! adjugate times `Tᵀ`. The logarithms of the determinants are taken once per call, of their
//! product (its binary exponent carried aside, so that it cannot overflow). With the columns
//! of X a compile-time constant (up to four, the common models) the sums stay in registers.
//! Both give the general loops' numbers to rounding (the unit tests compare them).

use super::{CrossProducts, GradientInputs, GroupSums, Pattern};

/// Stride of one packed pattern for q = 2 (see [`super::CrossProducts::stride`]).
#[inline(always)]
fn stride(p: usize) -> usize {
    2 * 2 * 2 + 2 * p + 2 + 1
}

/// `Mᵢ = Tᵀ(AᵢT) + I` as `[m₀₀, m₁₀, m₁₁]`, and `AᵢT` (row-major), for `a = Aᵢ` (row-major,
/// symmetric) and `t = T = [[t₀₀, 0], [t₁₀, t₁₁]]` (row-major).
#[inline(always)]
fn m_and_at(a: &[f64], t: &[f64]) -> ([f64; 3], [f64; 4]) {
    let (t00, t10, t11) = (t[0], t[2], t[3]);
    let at = [
        a[0] * t00 + a[1] * t10,
        a[1] * t11,
        a[2] * t00 + a[3] * t10,
        a[3] * t11,
    ];
    let m = [
        t00 * at[0] + t10 * at[2] + 1.0,
        t11 * at[2],
        t11 * at[3] + 1.0,
    ];
    (m, at)
}

/// `det(Mᵢ)`.
#[inline(always)]
fn det(m: &[f64; 3]) -> f64 {
    m[0] * m[2] - m[1] * m[1]
}

/// `K = T Mᵢ⁻¹ Tᵀ` as `[k₀₀, k₁₀, k₁₁]` (symmetric), from `T`, `Mᵢ` and `1/det(Mᵢ)`.
#[inline(always)]
fn k_matrix(t: &[f64], m: &[f64; 3], inv_det: f64) -> [f64; 3] {
    let (t00, t10, t11) = (t[0], t[2], t[3]);
    // adj(M) Tᵀ, row-major: adj(M) = [[m₁₁, −m₁₀], [−m₁₀, m₀₀]], Tᵀ = [[t₀₀, t₁₀], [0, t₁₁]].
    let a00 = m[2] * t00;
    let a01 = m[2] * t10 - m[1] * t11;
    let a11 = m[0] * t11 - m[1] * t10;
    // T (adj(M) Tᵀ): row 0 of T is (t₀₀, 0), row 1 is (t₁₀, t₁₁); column 0 of adj(M)Tᵀ is
    // (a₀₀, −m₁₀t₀₀).
    let a10 = -m[1] * t00;
    [
        t00 * a00 * inv_det,
        (t10 * a00 + t11 * a10) * inv_det,
        (t10 * a01 + t11 * a11) * inv_det,
    ]
}

/// `Pᵢ = Mᵢ⁻¹Tᵀ = adj(Mᵢ) Tᵀ / det(Mᵢ)` (row-major).
#[inline(always)]
fn p_matrix(t: &[f64], m: &[f64; 3], inv_det: f64) -> [f64; 4] {
    let (t00, t10, t11) = (t[0], t[2], t[3]);
    [
        m[2] * t00 * inv_det,
        (m[2] * t10 - m[1] * t11) * inv_det,
        -m[1] * t00 * inv_det,
        (m[0] * t11 - m[1] * t10) * inv_det,
    ]
}

/// A product of many positive numbers kept as a mantissa in [1, 2) and a binary exponent, so
/// that its logarithm is one `ln` however many factors (each `log det(Mᵢ)` separately would be
/// one `ln` per group per evaluation).
struct LogProduct {
    mantissa: f64,
    exponent: i64,
}

impl LogProduct {
    fn new() -> Self {
        LogProduct {
            mantissa: 1.0,
            exponent: 0,
        }
    }

    /// Multiply by `x`, a positive normal number below 1e300.
    #[inline(always)]
    fn mul(&mut self, x: f64) {
        const EXPONENT: u64 = 0x7ff << 52;
        let bits = (self.mantissa * x).to_bits();
        self.exponent += ((bits & EXPONENT) >> 52) as i64 - 1023;
        self.mantissa = f64::from_bits((bits & !EXPONENT) | (1023 << 52));
    }

    fn ln(&self) -> f64 {
        self.mantissa.ln() + self.exponent as f64 * std::f64::consts::LN_2
    }
}

/// [`super::sums_of_patterns`] for q = 2, `P` columns of X: over the packed patterns in
/// `blocks`, `Σ RZXᵢᵀRZXᵢ`, `Σ RZXᵢᵀcuᵢ`, `Σ |cuᵢ|²` and `log|L|²`.
#[inline(always)]
fn sums_with<const P: usize>(blocks: &[f64], t: &[f64]) -> GroupSums {
    let mut rzx_sq = [[0.0; P]; P];
    let mut rzx_cu = [0.0; P];
    let (mut cu_sq, mut logdet) = (0.0, 0.0);
    let mut product = LogProduct::new();
    for block in blocks.chunks_exact(stride(P)) {
        let pat = Pattern::unpack(block, 2, P);
        let (m, _) = m_and_at(pat.ztz, t);
        let d = det(&m);
        if pat.count == 1.0 && d.is_normal() && d > 0.0 && d < 1e300 {
            product.mul(d);
        } else {
            logdet += pat.count * d.ln();
        }
        let [k00, k10, k11] = k_matrix(t, &m, 1.0 / d);
        let (c0, c1) = pat.ztx.split_at(P);
        // K C, then Cᵀ K C (lower triangle) and Cᵀ K Σdᵢ.
        let kc0: [f64; P] = std::array::from_fn(|j| k00 * c0[j] + k10 * c1[j]);
        let kc1: [f64; P] = std::array::from_fn(|j| k10 * c0[j] + k11 * c1[j]);
        for a in 0..P {
            for b in 0..=a {
                rzx_sq[a][b] += pat.count * (c0[a] * kc0[b] + c1[a] * kc1[b]);
            }
        }
        let (s0, s1) = (pat.sum_d[0], pat.sum_d[1]);
        let (ks0, ks1) = (k00 * s0 + k10 * s1, k10 * s0 + k11 * s1);
        for a in 0..P {
            rzx_cu[a] += c0[a] * ks0 + c1[a] * ks1;
        }
        let dd = pat.sum_dd;
        cu_sq += k00 * dd[0] + 2.0 * k10 * dd[2] + k11 * dd[3];
    }
    let mut sums = GroupSums::zero(P);
    for (a, row) in rzx_sq.iter().enumerate() {
        sums.rzx_sq[a * P..=a * P + a].copy_from_slice(&row[..=a]);
    }
    sums.rzx_cu.copy_from_slice(&rzx_cu);
    sums.cu_sq = cu_sq;
    sums.logdet_l = logdet + product.ln();
    sums
}

/// [`super::sums_of_patterns`] for q = 2: the closed form for up to four columns of X, the
/// general loops beyond.
pub(super) fn sums_of_patterns(blocks: &[f64], t: &[f64], p: usize) -> GroupSums {
    match p {
        1 => sums_with::<1>(blocks, t),
        2 => sums_with::<2>(blocks, t),
        3 => sums_with::<3>(blocks, t),
        4 => sums_with::<4>(blocks, t),
        _ => super::sums_of_patterns(blocks, t, 2, p),
    }
}

/// The row-major 2 × 2 product `a b`.
#[inline(always)]
fn mul(a: &[f64; 4], b: &[f64; 4]) -> [f64; 4] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
    ]
}

/// The row-major 2 × 2 product `a bᵀ`.
#[inline(always)]
fn mul_t(a: &[f64; 4], b: &[f64; 4]) -> [f64; 4] {
    [
        a[0] * b[0] + a[1] * b[1],
        a[0] * b[2] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[1],
        a[2] * b[2] + a[3] * b[3],
    ]
}

/// `Cᵢ Q⁻¹ Cᵢᵀ` (2 × 2, row-major) for `c = Cᵢ` (2 × P, row-major), `q_inv = Q⁻¹` (P × P).
#[inline(always)]
fn c_qinv_ct<const P: usize>(c: &[f64], q_inv: &[f64]) -> [f64; 4] {
    let cq: [[f64; P]; 2] = std::array::from_fn(|i| {
        std::array::from_fn(|j| (0..P).map(|x| c[i * P + x] * q_inv[x * P + j]).sum())
    });
    std::array::from_fn(|k| (0..P).map(|x| cq[k / 2][x] * c[(k % 2) * P + x]).sum())
}

/// [`super::gradient_sums`] for q = 2, `P` columns of X: the derivatives of the parent's
/// [`super::ProfiledCriterion::value_and_gradient`] for every entry `(r, c)` of T, row-major:
/// `[∂log|L|², ∂r², ∂log|RX|²]`, 4 each.
#[inline(always)]
fn gradient_with<const P: usize>(blocks: &[f64], inputs: &GradientInputs) -> [f64; 12] {
    let (t, beta) = (inputs.t, inputs.beta);
    let mut acc = [0.0; 12];
    for block in blocks.chunks_exact(stride(P)) {
        let pat = Pattern::unpack(block, 2, P);
        let (a, c, n) = (pat.ztz, pat.ztx, pat.count);
        let (m, at) = m_and_at(a, t);
        let pm = p_matrix(t, &m, 1.0 / det(&m));
        let mb: [f64; 2] = std::array::from_fn(|i| (0..P).map(|b| c[i * P + b] * beta[b]).sum());
        // E = Σ (dᵢ − Cβ)(dᵢ − Cβ)ᵀ = Σddᵀ − s mᵀ − m sᵀ + count m mᵀ
        let (s, dd) = (pat.sum_d, pat.sum_dd);
        let e: [f64; 4] = std::array::from_fn(|k| {
            let (i, j) = (k / 2, k % 2);
            dd[k] - s[i] * mb[j] - mb[i] * s[j] + n * mb[i] * mb[j]
        });
        // B = I − AT P, then Σ wᵢuᵢᵀ = B E Pᵀ.
        let atp = mul(&at, &pm);
        let b = [1.0 - atp[0], -atp[1], -atp[2], 1.0 - atp[3]];
        let wu = mul_t(&mul(&b, &e), &pm);
        let apt = mul_t(&[a[0], a[1], a[2], a[3]], &pm);
        for k in 0..4 {
            acc[k] += n * 2.0 * apt[k];
            acc[4 + k] -= 2.0 * wu[k];
        }
        if let Some(qi) = inputs.q_inv {
            // G = C Q⁻¹ Cᵀ, PG = P G; the term −2 (PG)_{cr} + 2 (AT PG Pᵀ)_{rc}.
            let pg = mul(&pm, &c_qinv_ct::<P>(c, qi));
            let x = mul_t(&mul(&at, &pg), &pm);
            let pg_t = [pg[0], pg[2], pg[1], pg[3]];
            for k in 0..4 {
                acc[8 + k] += n * (-2.0 * pg_t[k] + 2.0 * x[k]);
            }
        }
    }
    acc
}

/// [`super::gradient_sums`] for q = 2: `[∂log|L|², ∂r², ∂log|RX|²]`, each of length θ; the
/// closed form for up to four columns of X, the general loops beyond.
pub(super) fn gradient_sums(blocks: &[f64], inputs: &GradientInputs, p: usize) -> Vec<f64> {
    let acc = match p {
        1 => gradient_with::<1>(blocks, inputs),
        2 => gradient_with::<2>(blocks, inputs),
        3 => gradient_with::<3>(blocks, inputs),
        4 => gradient_with::<4>(blocks, inputs),
        _ => return super::gradient_sums(blocks, inputs, 2, p),
    };
    let k_len = inputs.positions.len();
    let mut out = vec![0.0; 3 * k_len];
    for (k, &(r, c)) in inputs.positions.iter().enumerate() {
        for part in 0..3 {
            out[part * k_len + k] = acc[4 * part + 2 * r + c];
        }
    }
    out
}

/// [`super::ProfiledCriterion::conditional_modes`] for q = 2: `bᵢ = T uᵢ` with
/// `uᵢ = Mᵢ⁻¹Tᵀ(dᵢ − Cᵢβ)`, that is `bᵢ = K (dᵢ − Cᵢβ)` with `K = T Mᵢ⁻¹ Tᵀ` of the group's
/// pattern, for `beta` in the shifted coordinates of `data`.
pub(super) fn conditional_modes(data: &CrossProducts, t: &[f64], beta: &[f64]) -> Vec<f64> {
    let p = data.p;
    // Per pattern: K (k₀₀, k₁₀, k₁₁) and m = Cβ.
    let per_pattern: Vec<[f64; 5]> = data
        .patterns
        .chunks_exact(stride(p))
        .map(|block| {
            let pat = Pattern::unpack(block, 2, p);
            let (m, _) = m_and_at(pat.ztz, t);
            let [k00, k10, k11] = k_matrix(t, &m, 1.0 / det(&m));
            let (c0, c1) = pat.ztx.split_at(p);
            let dot = |c: &[f64]| c.iter().zip(beta).map(|(a, b)| a * b).sum::<f64>();
            [k00, k10, k11, dot(c0), dot(c1)]
        })
        .collect();
    let mut out = vec![0.0; data.n_groups * 2];
    for (g, b) in out.chunks_exact_mut(2).enumerate() {
        let [k00, k10, k11, m0, m1] = per_pattern[data.group_pattern[g] as usize];
        let (e0, e1) = (data.group_zty[2 * g] - m0, data.group_zty[2 * g + 1] - m1);
        b[0] = k00 * e0 + k10 * e1;
        b[1] = k10 * e0 + k11 * e1;
    }
    out
}
