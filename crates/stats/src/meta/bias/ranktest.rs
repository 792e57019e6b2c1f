//! The rank correlation test for funnel-plot asymmetry (Begg & Mazumdar 1994, *Biometrics*
//! 50:1088), as metafor's `ranktest`: Kendall's τ between the standardised deviates
//! `(yᵢ − θ̂) / √(vᵢ − v̄)` (θ̂ the fixed-effect estimate, `v̄ = 1/Σ(1/vᵢ)` its variance) and
//! the variances `vᵢ`, tested as R's `cor.test(method = "kendall", exact = TRUE)`: with no
//! ties, the exact permutation distribution of the number of concordant pairs (computed for
//! up to [`MAX_EXACT`] studies; beyond, the normal approximation, whose p-value differs from
//! the exact one by less than 1e-4 there); with ties, τ-b and the normal approximation with
//! the tie-corrected variance (Kendall 1970, *Rank Correlation Methods*, ch. 4).
//!
//! Counting the pairs takes O(k log k) (Knight 1966, *JASA* 61:436: a sort by one variable,
//! then a merge sort by the other counting exchanges), so the test runs at any k.

use crate::dist::{pnorm, pnorm_upper};
use serde::Serialize;

/// Largest k for the exact distribution (an O(k³) table of inversion counts).
pub const MAX_EXACT: usize = 400;

/// The test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RankTest {
    /// Kendall's τ (τ-b with ties).
    pub tau: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// Whether the p-value is exact.
    pub exact: bool,
}

/// Run the test on estimates `y` and sampling variances `v` (k ≥ 3).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// # use trialstats_stats::meta::input::{read_csv, Columns, Effects};
/// # let effects = Effects::Columns { yi: "yi".into(), variance: "vi".into(), is_se: false };
/// # let columns = Columns { effects, label: None, mods: vec![], level: Default::default(), na: Default::default() };
/// # let bcg = read_csv(std::path::Path::new("tests/data/bcg.csv"), &columns)?;
/// use trialstats_stats::meta::bias::ranktest::rank_test;
/// // The BCG trials (tests/data/bcg.csv). R: ranktest(rma(yi, vi, data = dat)) gives Kendall's
/// // tau 0.02564102564102564 (= 2/78: 40 concordant and 38 discordant of the 78 pairs) and
/// // p 0.95236190796086628 (metafor 3.8-1, tests/data/meta_review_cases.rs).
/// let r = rank_test(&bcg.yi, &bcg.vi);
/// assert!((r.tau - 2.0 / 78.0).abs() < 1e-12);
/// assert!((r.p - 0.95236190796086628).abs() < 1e-10);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn rank_test(y: &[f64], v: &[f64]) -> RankTest {
    let sw: f64 = v.iter().map(|x| 1.0 / x).sum();
    let theta = y.iter().zip(v).map(|(y, v)| y / v).sum::<f64>() / sw;
    let vb = 1.0 / sw;
    let deviates: Vec<f64> = y
        .iter()
        .zip(v)
        .map(|(y, v)| (y - theta) / (v - vb).sqrt())
        .collect();
    kendall(&deviates, v)
}

/// Kendall's τ of `x` and `y` with the p-value of R's `cor.test(exact = TRUE)`.
pub fn kendall(x: &[f64], y: &[f64]) -> RankTest {
    let n = x.len();
    let nf = n as f64;
    let counts = PairCounts::new(x, y);
    let n0 = nf * (nf - 1.0) / 2.0;
    let s = counts.concordant_minus_discordant;
    let ties_x = tie_sizes(x);
    let ties_y = tie_sizes(y);
    let pairs = |t: &[f64]| t.iter().map(|t| t * (t - 1.0) / 2.0).sum::<f64>();
    let tau = s / ((n0 - pairs(&ties_x)) * (n0 - pairs(&ties_y))).sqrt();
    let no_ties = ties_x.is_empty() && ties_y.is_empty();
    if no_ties && n <= MAX_EXACT {
        // q = number of concordant pairs; P(T ≤ q) from the exact distribution.
        let q = ((tau + 1.0) * nf * (nf - 1.0) / 4.0).round();
        let cdf = inversion_cdf(n);
        let at = |c: f64| -> f64 {
            if c < 0.0 {
                0.0
            } else {
                cdf[(c as usize).min(cdf.len() - 1)]
            }
        };
        let p = if q > nf * (nf - 1.0) / 4.0 {
            1.0 - at(q - 1.0)
        } else {
            at(q)
        };
        return RankTest {
            tau,
            p: (2.0 * p).min(1.0),
            exact: true,
        };
    }
    let sum_t = |t: &[f64], f: &dyn Fn(f64) -> f64| t.iter().map(|t| f(*t)).sum::<f64>();
    let v0 = nf * (nf - 1.0) * (2.0 * nf + 5.0);
    let vt = sum_t(&ties_x, &|t| t * (t - 1.0) * (2.0 * t + 5.0));
    let vu = sum_t(&ties_y, &|t| t * (t - 1.0) * (2.0 * t + 5.0));
    let v1 = sum_t(&ties_x, &|t| t * (t - 1.0)) * sum_t(&ties_y, &|t| t * (t - 1.0));
    let v2 = sum_t(&ties_x, &|t| t * (t - 1.0) * (t - 2.0))
        * sum_t(&ties_y, &|t| t * (t - 1.0) * (t - 2.0));
    let var_s = (v0 - vt - vu) / 18.0
        + v1 / (2.0 * nf * (nf - 1.0))
        + v2 / (9.0 * nf * (nf - 1.0) * (nf - 2.0));
    let z = s / var_s.sqrt();
    RankTest {
        tau,
        p: 2.0 * pnorm(z).min(pnorm_upper(z)),
        exact: false,
    }
}

/// Sizes of the groups of tied values (only groups of two or more).
fn tie_sizes(x: &[f64]) -> Vec<f64> {
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let mut out = Vec::new();
    let mut run = 1.0;
    for i in 1..=s.len() {
        if i < s.len() && s[i] == s[i - 1] {
            run += 1.0;
        } else {
            if run > 1.0 {
                out.push(run);
            }
            run = 1.0;
        }
    }
    out
}

/// `P(T ≤ c)` for c = 0 … n(n−1)/2, T the number of inversions of a random permutation of n
/// (the null distribution of the number of concordant pairs): the convolution of uniform
/// distributions on {0, …, i−1}, i = 1 … n, kept as probabilities so that nothing overflows.
fn inversion_cdf(n: usize) -> Vec<f64> {
    let max = n * (n.saturating_sub(1)) / 2;
    let mut dist = vec![0.0; max + 1];
    dist[0] = 1.0;
    let mut top = 0;
    for i in 2..=n {
        // New distribution: average of the old one shifted by 0 … i−1 (a sliding window).
        let new_top = top + i - 1;
        let mut next = vec![0.0; new_top + 1];
        let mut window = 0.0;
        for c in 0..=new_top {
            if c <= top {
                window += dist[c];
            }
            if c >= i && c - i <= top {
                window -= dist[c - i];
            }
            next[c] = window / i as f64;
        }
        dist[..=new_top].copy_from_slice(&next);
        top = new_top;
    }
    let mut acc = 0.0;
    dist.iter()
        .map(|p| {
            acc += p;
            acc.min(1.0)
        })
        .collect()
}

/// `nc − nd` (concordant minus discordant pairs, tied pairs counting in neither) by Knight's
/// algorithm.
struct PairCounts {
    concordant_minus_discordant: f64,
}

impl PairCounts {
    fn new(x: &[f64], y: &[f64]) -> Self {
        let n = x.len();
        let mut idx: Vec<usize> = (0..n).collect();
        idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(y[a].total_cmp(&y[b])));
        let n0 = (n as f64) * (n as f64 - 1.0) / 2.0;
        // Pairs tied in x, and tied in both.
        let (mut tied_x, mut tied_xy) = (0.0, 0.0);
        let mut i = 0;
        while i < n {
            let mut j = i + 1;
            while j < n && x[idx[j]] == x[idx[i]] {
                j += 1;
            }
            let t = (j - i) as f64;
            tied_x += t * (t - 1.0) / 2.0;
            let mut a = i;
            while a < j {
                let mut b = a + 1;
                while b < j && y[idx[b]] == y[idx[a]] {
                    b += 1;
                }
                let u = (b - a) as f64;
                tied_xy += u * (u - 1.0) / 2.0;
                a = b;
            }
            i = j;
        }
        // Sort by y counting exchanges (discordant pairs among those not tied in x).
        let mut ys: Vec<f64> = idx.iter().map(|&i| y[i]).collect();
        let mut buf = vec![0.0; n];
        let swaps = merge_count(&mut ys, &mut buf) as f64;
        let mut tied_y = 0.0;
        let mut i = 0;
        while i < n {
            let mut j = i + 1;
            while j < n && ys[j] == ys[i] {
                j += 1;
            }
            let t = (j - i) as f64;
            tied_y += t * (t - 1.0) / 2.0;
            i = j;
        }
        // Pairs with no tie: n0 − tx − ty + txy; discordant = swaps.
        let untied = n0 - tied_x - tied_y + tied_xy;
        let discordant = swaps;
        let concordant = untied - discordant;
        PairCounts {
            concordant_minus_discordant: concordant - discordant,
        }
    }
}

/// Sort `a` ascending (stable merge sort), returning the number of inversions (pairs i < j
/// with a[i] > a[j]).
fn merge_count(a: &mut [f64], buf: &mut [f64]) -> u64 {
    let n = a.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = {
        let (l, r) = a.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_count(l, bl) + merge_count(r, br)
    };
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if a[j] < a[i] {
            buf[k] = a[j];
            count += (mid - i) as u64;
            j += 1;
        } else {
            buf[k] = a[i];
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        buf[k] = a[i];
        i += 1;
        k += 1;
    }
    while j < n {
        buf[k] = a[j];
        j += 1;
        k += 1;
    }
    a.copy_from_slice(&buf[..n]);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute-force pair count.
    #[test]
    fn knight_matches_pairs() {
        let x = [1.0, 2.0, 2.0, 3.0, 5.0, 4.0, 4.0, 0.5];
        let y = [3.0, 1.0, 1.0, 2.0, 2.0, 7.0, 6.0, 6.0];
        let mut s = 0.0;
        for i in 0..x.len() {
            for j in i + 1..x.len() {
                let d: f64 = (x[i] - x[j]) * (y[i] - y[j]);
                s += d.signum() * (d != 0.0) as i32 as f64;
            }
        }
        assert_eq!(PairCounts::new(&x, &y).concordant_minus_discordant, s);
    }

    /// n = 4: the 24 permutations have 0,1,2,3,4,5,6 inversions 1,3,5,6,5,3,1 times.
    #[test]
    fn inversion_distribution_n4() {
        let cdf = inversion_cdf(4);
        let counts = [1.0, 3.0, 5.0, 6.0, 5.0, 3.0, 1.0];
        let mut acc = 0.0;
        for (c, n) in counts.iter().enumerate() {
            acc += n / 24.0;
            assert!((cdf[c] - acc).abs() < 1e-15);
        }
    }
}
