//! The marginal posterior of τ, `p(τ | y) ∝ p(τ) · p(y | τ)`, by adaptive Gauss–Kronrod
//! quadrature (the 7/15-point pair, Piessens et al. 1983, *QUADPACK*) over a variable
//! `u ∈ [0, 1]` with `τ = s·u/(1 − u)` (or `τ = max·u` under a bounded prior), so that the
//! whole half-line, heavy tails included, is one finite interval.
//!
//! Given τ the model is conjugate (Gelman et al. 2013, *Bayesian Data Analysis*, 3rd ed.,
//! §5.4; Röver 2020, *J Stat Softw* 93(6), §2): with weights `wᵢ = 1/(vᵢ + τ²)`,
//! `μ | τ, y ~ N(μ̂(τ), V(τ))`, `V = 1/(Σ wᵢ + 1/σ₀²)`, `μ̂ = V (Σ wᵢ yᵢ + m₀/σ₀²)` (for the
//! improper uniform prior on μ drop the `σ₀` terms), and the likelihood of τ with μ integrated
//! out is
//! `p(y | τ) = (2π)^(−k/2) σ₀⁻¹ V^½ Πᵢ (vᵢ + τ²)^(−½) exp(−½ [Σ wᵢ (yᵢ − μ̂)² + (m₀ − μ̂)²/σ₀²])`
//! (under the uniform prior the same without `σ₀`, up to a constant). One evaluation is one pass
//! over the studies.
//!
//! The first subintervals come from the peak of the integrand in `u` and the points where it
//! has fallen by e, e¹⁰ and e⁴⁰ on each side; then the subinterval with the largest
//! Kronrod–Gauss difference (over the normalising constant, E\[τ\], E\[τ²\] where they exist and
//! E[μ̂(τ)]) is halved until the summed differences are below [`TOLERANCE`] relative, or
//! [`MAX_INTERVALS`] are used. That summed difference is the error bound reported
//! ([`TauPosterior::error_bound`]); it is far larger than the true error of the 15-point rule
//! on smooth integrands.
//!
//! The quadrature works with the log-likelihood measured from its value at a reference τ₀ (the
//! peak), summed term by term as differences (`Centre`): `ln p(y | τ)` itself is a sum over
//! the studies as large as k (about −23,000 at k = 10,000), whose last bits of rounding change
//! from one τ to the next. When the posterior of τ is concentrated (many equal effects: a
//! spike at 0, or a narrow one at a positive τ) that rounding, 1e-10 to 1e-8 of the integrand,
//! is larger than the [`TOLERANCE`] asked of the Kronrod–Gauss differences, which then never
//! fall below it: the quadrature split its subintervals to [`MAX_INTERVALS`] (9,000 nodes) and
//! every mixture after it cost 60 times as much (13–23 s at k = 10,000,
//! `benches/meta_bayes_concentrated.sh`). The differences
//! `ln(vᵢ + τ²) − ln(vᵢ + τ₀²) = ln1p((τ² − τ₀²)/(vᵢ + τ₀²))` and
//! `wᵢ − wᵢ⁰ = −(τ² − τ₀²) wᵢ wᵢ⁰` carry no such cancellation, and each sum over the studies
//! is compensated (`Sum`): near the mass the sums are about as large as the log density's
//! change from the peak (of order √k for a spike of width 1/√k), so their rounding is about
//! 1e-14 of the integrand at k = 10,000 instead of 1e-9.

use super::prior::{MuPrior, TauPrior};
use crate::error::{Error, Result};
use crate::optimize::fmax;
use crate::root;

/// Relative accuracy asked of the quadrature.
pub const TOLERANCE: f64 = 1e-11;
/// Most subintervals the quadrature uses.
pub const MAX_INTERVALS: usize = 600;

/// Kronrod nodes on [−1, 1] (the non-negative half; `XGK[7] = 0`).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
/// Kronrod weights for [`XGK`].
const WGK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_18,
    0.140_653_259_715_525_92,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_83,
];
/// Gauss weights for the nodes `XGK[1], XGK[3], XGK[5], XGK[7]`.
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// The 15 Kronrod abscissae of [a, b] in increasing order, with their weights and whether the
/// node is also a Gauss node (its Gauss weight, else 0).
fn kronrod_nodes(a: f64, b: f64) -> [(f64, f64, f64); 15] {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let mut out = [(0.0, 0.0, 0.0); 15];
    for j in 0..7 {
        let g = if j % 2 == 1 { WG[j / 2] } else { 0.0 };
        out[j] = (c - h * XGK[j], h * WGK[j], h * g);
        out[14 - j] = (c + h * XGK[j], h * WGK[j], h * g);
    }
    out[7] = (c, h * WGK[7], h * WG[3]);
    out
}

/// μ given τ: its conditional mean and variance, and `ln p(y | τ)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conditional {
    pub mean: f64,
    pub var: f64,
    pub log_likelihood: f64,
}

/// The studies and the priors: everything the posterior depends on.
#[derive(Debug, Clone, Copy)]
pub struct Model<'a> {
    pub y: &'a [f64],
    pub v: &'a [f64],
    pub mu_prior: MuPrior,
    pub tau_prior: &'a TauPrior,
}

/// `ln √(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

impl Model<'_> {
    /// μ | τ, y and the likelihood of τ (exact, normalised, under a normal prior on μ; up to a
    /// constant under the uniform one).
    pub fn conditional(&self, tau: f64) -> Conditional {
        let t2 = tau * tau;
        let (mut sw, mut swy, mut slog) = (0.0, 0.0, 0.0);
        for (&y, &v) in self.y.iter().zip(self.v) {
            let d = v + t2;
            sw += 1.0 / d;
            swy += y / d;
            slog += d.ln();
        }
        let k = self.y.len() as f64;
        let (precision, numerator) = precision_and_numerator(self.mu_prior, sw, swy);
        let mean = numerator / precision;
        let var = 1.0 / precision;
        let mut rss: f64 = self
            .y
            .iter()
            .zip(self.v)
            .map(|(&y, &v)| (y - mean) * (y - mean) / (v + t2))
            .sum();
        let mut constant = -(k - 1.0) * LN_SQRT_2PI;
        if let MuPrior::Normal { mean: m0, sd } = self.mu_prior {
            rss += (m0 - mean) * (m0 - mean) / (sd * sd);
            constant = -k * LN_SQRT_2PI - sd.ln();
        }
        Conditional {
            mean,
            var,
            log_likelihood: constant - 0.5 * slog + 0.5 * var.ln() - 0.5 * rss,
        }
    }

    /// `ln p(τ) + ln p(y | τ)`.
    pub fn log_joint(&self, tau: f64) -> f64 {
        let prior = self.tau_prior.log_density(tau);
        if prior == f64::NEG_INFINITY {
            return prior;
        }
        prior + self.conditional(tau).log_likelihood
    }
}

/// The precision of μ | τ and its numerator (the precision times the mean) from `Σ wᵢ` and
/// `Σ wᵢ yᵢ`, with the prior on μ.
fn precision_and_numerator(prior: MuPrior, sw: f64, swy: f64) -> (f64, f64) {
    match prior {
        MuPrior::Uniform => (sw, swy),
        MuPrior::Normal { mean, sd } => (sw + 1.0 / (sd * sd), swy + mean / (sd * sd)),
    }
}

/// A compensated sum (Neumaier 1974, *ZAMM* 54:39, the improved Kahan summation; Higham
/// 2002, *Accuracy and Stability of Numerical Algorithms*, §4.3): its error is about one
/// rounding of the result, not one per term.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    sum: f64,
    carry: f64,
}

impl Sum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.carry += (self.sum - t) + x;
        } else {
            self.carry += (x - t) + self.sum;
        }
        self.sum = t;
    }

    fn value(self) -> f64 {
        self.sum + self.carry
    }
}

/// The likelihood of τ measured from a reference τ₀, `ln p(y | τ) − ln p(y | τ₀)`, evaluated as
/// sums of per-study differences so that it keeps its digits when it is small (see the module
/// doc). With `wᵢ = 1/(vᵢ + τ²)`, `P = Σ wᵢ (+ 1/σ₀²)` the precision of μ | τ and `μ̂` its mean
/// (Röver 2020, §2), and `Q_τ(μ) = Σ wᵢ (yᵢ − μ)² (+ (m₀ − μ)²/σ₀²)`, whose minimum is the
/// residual sum of squares: `Q_τ(c) = rss(τ) + P (μ̂ − c)²` for any c, so with `c = μ̂(τ₀)`
/// `rss(τ) − rss(τ₀) = Σ (wᵢ − wᵢ⁰)(yᵢ − c)² − P (μ̂ − c)²`, and
/// `ln p(y | τ) − ln p(y | τ₀) = −½ Σ ln1p((τ² − τ₀²) wᵢ⁰) − ½ ln(P/P₀) − ½ [rss(τ) − rss(τ₀)]`.
#[derive(Debug, Clone)]
struct Centre {
    /// τ₀².
    t0sq: f64,
    /// `wᵢ⁰ = 1/(vᵢ + τ₀²)`.
    w0: Vec<f64>,
    /// `(yᵢ − μ̂(τ₀))²`.
    r0sq: Vec<f64>,
    /// μ̂(τ₀).
    mean0: f64,
    /// ln P(τ₀).
    log_precision0: f64,
    /// `ln p(y | τ₀)` (as [`Model::conditional`]; only the log evidence uses it).
    offset: f64,
}

impl Centre {
    /// The reference at `tau0` (one pass over the studies).
    fn new(model: &Model<'_>, tau0: f64) -> Self {
        let t0sq = tau0 * tau0;
        let w0: Vec<f64> = model.v.iter().map(|&v| 1.0 / (v + t0sq)).collect();
        let (mut sw, mut swy) = (Sum::default(), Sum::default());
        for (&y, &w) in model.y.iter().zip(&w0) {
            sw.add(w);
            swy.add(w * y);
        }
        let (precision, numerator) =
            precision_and_numerator(model.mu_prior, sw.value(), swy.value());
        let mean0 = numerator / precision;
        let r0sq = model.y.iter().map(|&y| (y - mean0) * (y - mean0)).collect();
        Centre {
            t0sq,
            w0,
            r0sq,
            mean0,
            log_precision0: precision.ln(),
            offset: model.conditional(tau0).log_likelihood,
        }
    }

    /// μ | τ (mean and variance) and `ln p(y | τ) − ln p(y | τ₀)` (one pass over the studies).
    fn conditional(&self, model: &Model<'_>, tau: f64) -> Conditional {
        let t2 = tau * tau;
        let dt = t2 - self.t0sq;
        let (mut sw, mut swy, mut slog, mut drss) = (
            Sum::default(),
            Sum::default(),
            Sum::default(),
            Sum::default(),
        );
        for (((&y, &v), &w0), &r0sq) in model.y.iter().zip(model.v).zip(&self.w0).zip(&self.r0sq) {
            let w = 1.0 / (v + t2);
            sw.add(w);
            swy.add(w * y);
            slog.add((dt * w0).ln_1p());
            drss.add(-dt * w * w0 * r0sq);
        }
        let (precision, numerator) =
            precision_and_numerator(model.mu_prior, sw.value(), swy.value());
        let mean = numerator / precision;
        let shift = mean - self.mean0;
        let rss = drss.value() - precision * shift * shift;
        Conditional {
            mean,
            var: 1.0 / precision,
            log_likelihood: -0.5 * slog.value()
                - 0.5 * (precision.ln() - self.log_precision0)
                - 0.5 * rss,
        }
    }

    /// `ln p(τ) + ln p(y | τ) − ln p(y | τ₀)`.
    fn log_joint(&self, model: &Model<'_>, tau: f64) -> f64 {
        let prior = model.tau_prior.log_density(tau);
        if prior == f64::NEG_INFINITY {
            return prior;
        }
        prior + self.conditional(model, tau).log_likelihood
    }
}

/// The map from `u ∈ [0, 1]` to τ.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Map {
    /// `τ = s·u/(1 − u)`.
    Rational(f64),
    /// `τ = max·u`.
    Bounded(f64),
}

impl Map {
    /// `τ = max·u` under a bounded prior, else `τ = s·u/(1 − u)` with s a typical standard
    /// error (the root of the harmonic mean of the variances), so that half the u axis is
    /// τ below s.
    fn for_model(model: &Model<'_>) -> Self {
        match model.tau_prior.upper_bound() {
            Some(m) => Map::Bounded(m),
            None => {
                let k = model.v.len() as f64;
                let s = (k / model.v.iter().map(|v| 1.0 / v).sum::<f64>()).sqrt();
                Map::Rational(if s.is_finite() && s > 0.0 { s } else { 1.0 })
            }
        }
    }

    fn tau(self, u: f64) -> f64 {
        match self {
            Map::Rational(s) => s * u / (1.0 - u),
            Map::Bounded(m) => m * u,
        }
    }
    fn ln_jacobian(self, u: f64) -> f64 {
        match self {
            Map::Rational(s) => s.ln() - 2.0 * (1.0 - u).ln(),
            Map::Bounded(m) => m.ln(),
        }
    }
    fn u(self, tau: f64) -> f64 {
        match self {
            Map::Rational(s) => tau / (s + tau),
            Map::Bounded(m) => (tau / m).clamp(0.0, 1.0),
        }
    }
}

/// The log integrand in u, `log_joint(τ(u)) + ln dτ/du` (at u = 1, τ = ∞: 0).
fn log_integrand(map: Map, u: f64, log_joint: impl Fn(f64) -> f64) -> f64 {
    if u <= 0.0 {
        return log_joint(0.0) + map.ln_jacobian(0.0);
    }
    if u >= 1.0 {
        return f64::NEG_INFINITY;
    }
    log_joint(map.tau(u)) + map.ln_jacobian(u)
}

/// The peak of the log integrand `log_u` in u and its value: a grid, then Brent's search
/// between the neighbours of the best grid point.
fn find_peak(log_u: &dyn Fn(f64) -> f64) -> Result<(f64, f64)> {
    const GRID: usize = 64;
    let mut best = (f64::NEG_INFINITY, 0.5);
    for i in 0..GRID {
        let u = (i as f64 + 0.5) / GRID as f64;
        let l = log_u(u);
        if l > best.0 {
            best = (l, u);
        }
    }
    if !best.0.is_finite() {
        return Err(Error::numerical(
            "the posterior of tau is zero (or not finite) everywhere on the search grid".into(),
        ));
    }
    let step = 1.0 / GRID as f64;
    let (lo, hi) = ((best.1 - step).max(0.0), (best.1 + step).min(1.0));
    let (peak_u, peak) = fmax(log_u, lo, hi, 1e-15);
    Ok((peak_u, peak.max(best.0)))
}

/// The first subintervals' ends: 0, 1, the peak `peak_u` and the points on each side where
/// `log_u` has fallen from `peak` by 1, 10 and 40, sorted.
fn break_points(log_u: &dyn Fn(f64) -> f64, peak_u: f64, peak: f64) -> Result<Vec<f64>> {
    let mut breaks = vec![0.0, peak_u, 1.0];
    for drop in [1.0, 10.0, 40.0] {
        let target = peak - drop;
        let g = |u: f64| -> crate::error::RefusalResult<f64> { Ok(log_u(u) - target) };
        let f_left = g(0.0)?;
        if f_left < 0.0 && peak_u > 0.0 {
            if let Ok(u) = root::brent_to(g, 0.0, peak_u, f_left, peak - target, 1e-6, "tau") {
                breaks.push(u);
            }
        }
        let edge = 1.0 - 1e-12;
        let f_right = g(edge)?;
        if f_right < 0.0 && peak_u < edge {
            if let Ok(u) = root::brent_to(g, peak_u, edge, peak - target, f_right, 1e-6, "tau") {
                breaks.push(u);
            }
        }
    }
    breaks.sort_by(|a, b| a.total_cmp(b));
    breaks.dedup_by(|a, b| (*a - *b).abs() < 1e-14);
    Ok(breaks)
}

/// One quadrature node: τ, its share of the posterior mass, and μ | τ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    pub tau: f64,
    /// Quadrature weight times the posterior density (normalised: the weights sum to 1).
    pub weight: f64,
    pub mu_mean: f64,
    pub mu_var: f64,
}

#[derive(Debug, Clone)]
struct Interval {
    a: f64,
    b: f64,
    /// Kronrod estimates of each tracked integral (unnormalised, relative to `exp(peak)`).
    kronrod: [f64; 4],
    /// |Kronrod − Gauss| of each.
    difference: [f64; 4],
    nodes: [Node; 15],
}

/// The posterior of τ as quadrature nodes over subintervals of `u`.
#[derive(Debug, Clone)]
pub struct TauPosterior<'a> {
    model: Model<'a>,
    /// The reference the integrand is measured from (τ₀ at its peak).
    centre: Centre,
    map: Map,
    intervals: Vec<Interval>,
    /// The log integrand's largest value found, less `ln p(y | τ₀)` (the unit of the
    /// unnormalised integrals).
    peak: f64,
    /// `∫ p(τ) p(y|τ) dτ / exp(peak)`.
    total: f64,
    error: f64,
    /// Which moments of τ exist (its first, its second).
    moments: [bool; 2],
}

impl<'a> TauPosterior<'a> {
    /// Integrate. `moments` says whether E\[τ\] and E\[τ²\] exist (they are then tracked too).
    pub fn new(model: Model<'a>, moments: [bool; 2]) -> Result<Self> {
        let map = Map::for_model(&model);
        let plain = |u: f64| log_integrand(map, u, |t| model.log_joint(t));
        let (peak_u, plain_peak) = find_peak(&plain)?;
        // From here on the integrand is measured from the likelihood at the peak.
        let centre = Centre::new(&model, map.tau(peak_u));
        let log_u = |u: f64| log_integrand(map, u, |t| centre.log_joint(&model, t));
        let peak = log_u(peak_u).max(plain_peak - centre.offset);
        let breaks = break_points(&log_u, peak_u, peak)?;
        let mut post = TauPosterior {
            model,
            centre,
            map,
            intervals: Vec::new(),
            peak,
            total: 0.0,
            error: 0.0,
            moments,
        };
        for w in breaks.windows(2) {
            let interval = post.interval(w[0], w[1]);
            post.intervals.push(interval);
        }
        post.refine();
        if !(post.total > 0.0 && post.total.is_finite()) {
            return Err(Error::numerical(
                "the posterior of tau could not be normalised".into(),
            ));
        }
        let total = post.total;
        for interval in &mut post.intervals {
            for node in &mut interval.nodes {
                node.weight /= total;
            }
        }
        Ok(post)
    }

    /// The integrand (relative to `exp(peak)`) and μ | τ at u.
    fn node(&self, u: f64, weight: f64) -> Node {
        let tau = self.map.tau(u);
        let prior = self.model.tau_prior.log_density(tau);
        let c = self.centre.conditional(&self.model, tau);
        let log = prior + c.log_likelihood + self.map.ln_jacobian(u) - self.peak;
        Node {
            tau,
            weight: if log == f64::NEG_INFINITY {
                0.0
            } else {
                weight * log.exp()
            },
            mu_mean: c.mean,
            mu_var: c.var,
        }
    }

    fn interval(&self, a: f64, b: f64) -> Interval {
        let mut nodes = [Node {
            tau: 0.0,
            weight: 0.0,
            mu_mean: 0.0,
            mu_var: 0.0,
        }; 15];
        let mut kronrod = [0.0; 4];
        let mut gauss = [0.0; 4];
        for (j, (u, wk, wg)) in kronrod_nodes(a, b).into_iter().enumerate() {
            let n = self.node(u, 1.0);
            let values = [
                n.weight,
                n.weight * n.tau,
                n.weight * n.tau * n.tau,
                n.weight * n.mu_mean,
            ];
            for f in 0..4 {
                kronrod[f] += wk * values[f];
                gauss[f] += wg * values[f];
            }
            nodes[j] = Node {
                weight: wk * n.weight,
                ..n
            };
        }
        let mut difference = [0.0; 4];
        for f in 0..4 {
            difference[f] = (kronrod[f] - gauss[f]).abs();
        }
        Interval {
            a,
            b,
            kronrod,
            difference,
            nodes,
        }
    }

    /// Which integrals count towards the error: the constant, E[μ̂], and the moments of τ that
    /// exist.
    fn tracked(&self) -> [bool; 4] {
        [true, self.moments[0], self.moments[1], true]
    }

    fn refine(&mut self) {
        let tracked = self.tracked();
        loop {
            let mut scale = [0.0f64; 4];
            let mut diff = [0.0f64; 4];
            for iv in &self.intervals {
                for f in 0..4 {
                    scale[f] += iv.kronrod[f].abs();
                    diff[f] += iv.difference[f];
                }
            }
            // The μ̂ integral can be near 0: measure it against the constant times its size.
            let relative = |iv: &Interval, f: usize| {
                if !tracked[f] || scale[f] == 0.0 {
                    0.0
                } else {
                    iv.difference[f] / scale[f]
                }
            };
            let error = (0..4)
                .filter(|&f| tracked[f] && scale[f] > 0.0)
                .map(|f| diff[f] / scale[f])
                .fold(0.0, f64::max);
            self.total = self.intervals.iter().map(|iv| iv.kronrod[0]).sum();
            self.error = error;
            if error <= TOLERANCE || self.intervals.len() >= MAX_INTERVALS {
                return;
            }
            let (worst, _) = self
                .intervals
                .iter()
                .enumerate()
                .map(|(i, iv)| (i, (0..4).map(|f| relative(iv, f)).fold(0.0, f64::max)))
                .fold((0, -1.0), |acc, x| if x.1 > acc.1 { x } else { acc });
            let iv = self.intervals.swap_remove(worst);
            let mid = 0.5 * (iv.a + iv.b);
            if mid <= iv.a || mid >= iv.b {
                return;
            }
            let left = self.interval(iv.a, mid);
            let right = self.interval(mid, iv.b);
            self.intervals.push(left);
            self.intervals.push(right);
        }
    }

    /// The relative error bound of the quadrature (summed Kronrod–Gauss differences).
    pub fn error_bound(&self) -> f64 {
        self.error
    }

    /// `ln ∫ p(τ) p(y | τ) dτ` (the log marginal likelihood when both priors are proper).
    pub fn log_evidence(&self) -> f64 {
        self.centre.offset + self.peak + self.total.ln()
    }

    /// The quadrature nodes with their normalised weights (those of weight 0 left out).
    pub fn nodes(&self) -> Vec<Node> {
        self.intervals
            .iter()
            .flat_map(|iv| iv.nodes.iter().copied())
            .filter(|n| n.weight > 0.0)
            .collect()
    }

    /// The posterior density of τ at `tau`.
    pub fn density(&self, tau: f64) -> f64 {
        if tau < 0.0 {
            return 0.0;
        }
        let log = self.centre.log_joint(&self.model, tau) - self.peak;
        if log == f64::NEG_INFINITY {
            0.0
        } else {
            log.exp() / self.total
        }
    }

    /// P(τ ≤ tau).
    pub fn cdf(&self, tau: f64) -> f64 {
        if tau <= 0.0 {
            return 0.0;
        }
        self.cdf_u(self.map.u(tau))
    }

    /// P(τ ≤ τ(u)): the whole subintervals below u, and the 15-point Kronrod rule over
    /// the part of the one u falls in (none at a subinterval's end).
    fn cdf_u(&self, u: f64) -> f64 {
        let mut sum = 0.0;
        for iv in &self.intervals {
            if iv.b <= u {
                sum += iv.kronrod[0];
            } else if iv.a < u {
                sum += kronrod_nodes(iv.a, u)
                    .into_iter()
                    .map(|(x, wk, _)| self.node(x, wk).weight)
                    .sum::<f64>();
            }
        }
        (sum / self.total).min(1.0)
    }

    /// Where the p-quantile lies: the subinterval `[lo, hi]` of u whose mass takes the
    /// cumulative mass past p, and a start inside it where the nodes' cumulative mass (each
    /// node's counted up to its middle), interpolated linearly, reaches p.
    fn quantile_start(&self, p: f64) -> (f64, f64, f64) {
        let mut ordered: Vec<&Interval> = self.intervals.iter().collect();
        ordered.sort_by(|a, b| a.a.total_cmp(&b.a));
        let mut cum = 0.0;
        for iv in ordered {
            let mass = iv.kronrod[0] / self.total;
            if cum + mass < p {
                cum += mass;
                continue;
            }
            // (u, cumulative mass) at each node, then at the subinterval's end.
            let nodes = iv.nodes.iter().scan(cum, |c, n| {
                let middle = *c + 0.5 * n.weight;
                *c += n.weight;
                Some((self.map.u(n.tau), middle))
            });
            let mut last = (iv.a, cum);
            for (u, m) in nodes.chain(std::iter::once((iv.b, cum + mass))) {
                if m >= p && m > last.1 {
                    let start = last.0 + (u - last.0) * (p - last.1) / (m - last.1);
                    return (iv.a, iv.b, start.clamp(iv.a, iv.b));
                }
                last = (u, m);
            }
            return (iv.a, iv.b, 0.5 * (iv.a + iv.b));
        }
        (0.0, 1.0, 0.5)
    }

    /// The p-quantile of τ: Newton's method on the distribution function in u, from
    /// `TauPosterior::quantile_start`, inside a bracket started from the subintervals'
    /// cumulative mass.
    pub fn quantile(&self, p: f64) -> Result<f64> {
        let (mut lo, mut hi, start) = self.quantile_start(p);
        let cdf_u = |u: f64| {
            if u >= 1.0 { 1.0 - p } else { self.cdf_u(u) - p }
        };
        // The subintervals' cumulative mass only starts the bracket: widen it where the
        // distribution function says the quantile lies outside (at a subinterval's end it
        // costs no evaluation).
        if cdf_u(lo) > 0.0 {
            lo = 0.0;
        }
        if cdf_u(hi) < 0.0 {
            hi = 1.0;
        }
        let (mut a, mut b) = (lo, hi);
        let mut u = if start > a && start < b {
            start
        } else {
            0.5 * (a + b)
        };
        for _ in 0..100 {
            let g = cdf_u(u);
            if g == 0.0 {
                break;
            }
            if g < 0.0 {
                a = u;
            } else {
                b = u;
            }
            // The density in u: p(τ|y) dτ/du.
            let tau = self.map.tau(u);
            let d = self.density(tau) * self.map.ln_jacobian(u).exp();
            let step = g / d;
            // The quadrature's distribution function is accurate to about 1e-11, so a step
            // below 1e-13 of u is noise: u is the answer (a step below u's last bit would
            // otherwise land on the bracket's end and be taken for one that leaves it).
            if step.abs() <= 1e-13 * u.max(1e-300) {
                break;
            }
            let mut next = u - step;
            if !(next > a && next < b && next.is_finite()) {
                next = 0.5 * (a + b);
            }
            u = next;
            if b - a <= 1e-13 * u {
                break;
            }
        }
        Ok(self.map.tau(u))
    }

    /// The mode of τ's posterior density (0 when the density is largest there).
    pub fn mode(&self) -> f64 {
        let f = |t: f64| self.centre.log_joint(&self.model, t);
        // Bracket: around the node of the largest density.
        let nodes = {
            let mut n: Vec<f64> = self
                .intervals
                .iter()
                .flat_map(|iv| iv.nodes.iter().map(|n| n.tau))
                .collect();
            n.push(0.0);
            if let Some(m) = self.model.tau_prior.upper_bound() {
                n.push(m);
            }
            n.sort_by(|a, b| a.total_cmp(b));
            n
        };
        let values: Vec<f64> = nodes.iter().map(|&t| f(t)).collect();
        let best = (0..nodes.len())
            .max_by(|&i, &j| values[i].total_cmp(&values[j]))
            .unwrap_or(0);
        let lo = nodes[best.saturating_sub(1)];
        let hi = nodes[(best + 1).min(nodes.len() - 1)];
        let (x, fx) = fmax(&f, lo, hi, 1e-15);
        // A maximum at the lower end of the support is the end itself (the log density is
        // flat to rounding next to 0, so "as high as" is taken to 1e-12, relative when the
        // log density is above 1 in size).
        if f(0.0) >= fx - 1e-12 * fx.abs().max(1.0) {
            0.0
        } else {
            x
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `k` studies with equal effects 0.3 and variances from a fixed sequence in [0.01, 0.2]
    /// (or all `equal`).
    fn equal_effects(k: usize, equal: Option<f64>) -> (Vec<f64>, Vec<f64>) {
        let mut state: u64 = 20_261_123;
        let v = (0..k)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let u = (state >> 11) as f64 / (1u64 << 53) as f64;
                equal.unwrap_or(0.01 + 0.19 * u)
            })
            .collect();
        (vec![0.3; k], v)
    }

    #[test]
    fn the_centred_likelihood_is_the_likelihood_less_its_value_at_the_centre() {
        let y = [0.1, -0.4, 0.35, 0.9, 0.2];
        let v = [0.04, 0.09, 0.02, 0.3, 0.05];
        let tau_prior: TauPrior = "half-normal:0.5".parse().unwrap();
        for mu_prior in [MuPrior::Uniform, MuPrior::Normal { mean: 0.2, sd: 0.7 }] {
            let model = Model {
                y: &y,
                v: &v,
                mu_prior,
                tau_prior: &tau_prior,
            };
            for tau0 in [0.0, 0.15, 2.0] {
                let centre = Centre::new(&model, tau0);
                for tau in [0.0, 1e-4, 0.05, 0.15, 0.6, 30.0, 1e6] {
                    let plain = model.conditional(tau);
                    let centred = centre.conditional(&model, tau);
                    let what = format!("{mu_prior:?}, tau0 = {tau0}, tau = {tau}");
                    let change = plain.log_likelihood - centre.offset;
                    assert!(
                        (centred.log_likelihood - change).abs() <= 1e-12 * (1.0 + change.abs()),
                        "{what}: {} against {change}",
                        centred.log_likelihood
                    );
                    assert!((centred.mean - plain.mean).abs() <= 1e-14, "{what}: mean");
                    assert!(
                        (centred.var / plain.var - 1.0).abs() <= 1e-14,
                        "{what}: var"
                    );
                }
            }
        }
    }

    #[test]
    fn a_spike_of_tau_at_zero_from_10000_equal_effects_takes_few_nodes() {
        // Before the likelihood was centred, its rounding (about 1e-9 of the integrand here)
        // kept the Kronrod–Gauss differences above the tolerance: the quadrature split to
        // MAX_INTERVALS (8,981 nodes, error bound 1.4e-10 with equal variances).
        let tau_prior: TauPrior = "half-normal:0.5".parse().unwrap();
        for equal in [None, Some(0.1)] {
            let (y, v) = equal_effects(10_000, equal);
            let model = Model {
                y: &y,
                v: &v,
                mu_prior: MuPrior::Uniform,
                tau_prior: &tau_prior,
            };
            let post = TauPosterior::new(model, [true, true]).unwrap();
            assert!(
                post.error_bound() <= TOLERANCE,
                "{equal:?}: {}",
                post.error_bound()
            );
            assert!(
                post.nodes().len() < 300,
                "{equal:?}: {} nodes",
                post.nodes().len()
            );
            // The posterior is nearly half-normal with SD 1/√(Σ 1/vᵢ): its median is about
            // 0.674 of that.
            let sd = 1.0 / v.iter().map(|v| 1.0 / v).sum::<f64>().sqrt();
            let median = post.quantile(0.5).unwrap();
            assert!(
                (median / sd - 0.674).abs() < 0.01,
                "{equal:?}: median {median}"
            );
        }
    }
}
