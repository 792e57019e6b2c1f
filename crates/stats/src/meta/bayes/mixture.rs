//! Summaries of a finite mixture of normal distributions `Σⱼ ωⱼ N(mⱼ, sⱼ²)`: what the
//! marginal posteriors of μ, of a new study's θ and of each study's θᵢ are once the
//! integral over τ is replaced by its quadrature nodes (weights ωⱼ summing to 1).
//! Distribution function, density and its slope, quantiles (Newton's method inside a
//! sign-change bracket), the mode (the root of the density's slope, Brent), the equal-tailed
//! and the shortest interval (for a unimodal density, the interval whose ends have equal
//! density: Box and Tiao 1973, §2.8).

use crate::dist::qnorm;
use statrs::function::erf::erfc;

/// Φ(x) through statrs' `erfc` (Boost's rational approximations): within about 1e-10
/// relative of the exact value (`crate::dist::pnorm` is exact to a few ulps but computes an
/// incomplete gamma function, some 30 times slower). The mixtures evaluate it
/// (nodes × studies × Newton steps) times for the shrinkage estimates, and the summaries
/// they feed are checked to 1e-6.
fn pnorm(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// 1 − Φ(x) without cancellation (as [`pnorm`]).
fn pnorm_upper(x: f64) -> f64 {
    0.5 * erfc(x / std::f64::consts::SQRT_2)
}
use crate::error::{Error, Result};
use crate::root;

/// `1/√(2π)`.
const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// One component: weight, mean and SD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Component {
    pub weight: f64,
    pub mean: f64,
    pub sd: f64,
}

/// A normal mixture (weights summing to 1).
#[derive(Debug, Clone)]
pub struct Mixture {
    pub components: Vec<Component>,
}

impl Mixture {
    /// The mean `Σ ω m`.
    pub fn mean(&self) -> f64 {
        self.components.iter().map(|c| c.weight * c.mean).sum()
    }

    /// The SD `√(Σ ω (s² + (m − mean)²))`.
    pub fn sd(&self) -> f64 {
        let mean = self.mean();
        self.components
            .iter()
            .map(|c| c.weight * (c.sd * c.sd + (c.mean - mean).powi(2)))
            .sum::<f64>()
            .sqrt()
    }

    /// P(X ≤ x).
    pub fn cdf(&self, x: f64) -> f64 {
        self.components
            .iter()
            .map(|c| c.weight * pnorm((x - c.mean) / c.sd))
            .sum()
    }

    /// P(X > x), accurate in the upper tail.
    pub fn sf(&self, x: f64) -> f64 {
        self.components
            .iter()
            .map(|c| c.weight * pnorm_upper((x - c.mean) / c.sd))
            .sum()
    }

    /// The density at x.
    pub fn pdf(&self, x: f64) -> f64 {
        self.components
            .iter()
            .map(|c| {
                let z = (x - c.mean) / c.sd;
                c.weight * INV_SQRT_2PI * (-0.5 * z * z).exp() / c.sd
            })
            .sum()
    }

    /// The slope of the density at x.
    fn pdf_slope(&self, x: f64) -> f64 {
        self.components
            .iter()
            .map(|c| {
                let z = (x - c.mean) / c.sd;
                -c.weight * INV_SQRT_2PI * (-0.5 * z * z).exp() * z / (c.sd * c.sd)
            })
            .sum()
    }

    /// At `x` in one pass: the tail probability (P(X ≤ x), or P(X > x) when `upper`), the
    /// density and its slope (one `erfc` and one `exp` per component).
    fn tail_density_slope(&self, x: f64, upper: bool) -> [f64; 3] {
        let mut out = [0.0; 3];
        for c in &self.components {
            let z = (x - c.mean) / c.sd;
            let tail = if upper { pnorm_upper(z) } else { pnorm(z) };
            let d = c.weight * INV_SQRT_2PI * (-0.5 * z * z).exp() / c.sd;
            out[0] += c.weight * tail;
            out[1] += d;
            out[2] -= d * z / c.sd;
        }
        out
    }

    /// An interval that holds every component's mean ± 40 SD (all the mass there is).
    fn span(&self) -> (f64, f64) {
        self.components
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
                (lo.min(c.mean - 40.0 * c.sd), hi.max(c.mean + 40.0 * c.sd))
            })
    }

    /// The p-quantile (0 < p < 1): Newton's method from the normal approximation, each step
    /// kept inside a bracket that every evaluation narrows (a bisection when a step leaves it).
    pub fn quantile(&self, p: f64) -> Result<f64> {
        let (mut lo, mut hi) = self.span();
        let sd = self.sd();
        let mut x = self.mean() + sd * qnorm(p);
        if !(x > lo && x < hi) {
            x = 0.5 * (lo + hi);
        }
        for _ in 0..200 {
            // Whichever tail is smaller is computed directly, so tail quantiles keep their digits.
            let g = if p < 0.5 {
                self.cdf(x) - p
            } else {
                (1.0 - p) - self.sf(x)
            };
            if g == 0.0 {
                return Ok(x);
            }
            if g < 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let step = g / self.pdf(x);
            // Converged when the step is below 1e-9 of the scale: Φ's own error (1e-10
            // relative, above) makes smaller steps noise. Tested before the bracket: a step
            // below x's last bit lands on x, which is the bracket's end, and was taken for one
            // that leaves the bracket (a median at a symmetric mixture's centre then cost some
            // 20 bisections from the far end).
            if step.abs() <= 1e-9 * (x.abs() + sd) {
                return Ok(x - step);
            }
            let mut next = x - step;
            if !(next > lo && next < hi && next.is_finite()) {
                next = 0.5 * (lo + hi);
            }
            if hi - lo <= 1e-9 * (x.abs() + sd) {
                return Ok(next);
            }
            x = next;
        }
        Err(Error::not_converged(
            "posterior mixture quantile",
            format!("the {p}-quantile of a posterior mixture was not found in 200 steps"),
        ))
    }

    /// The mode: the root of the density's slope between the 0.1% and 99.9% quantiles (the
    /// mixtures here are unimodal).
    pub fn mode(&self) -> Result<f64> {
        let (a, b) = (self.quantile(0.001)?, self.quantile(0.999)?);
        let (fa, fb) = (self.pdf_slope(a), self.pdf_slope(b));
        if fa <= 0.0 {
            return Ok(a);
        }
        if fb >= 0.0 {
            return Ok(b);
        }
        Ok(root::brent(
            |x| Ok(self.pdf_slope(x)),
            a,
            b,
            fa,
            fb,
            "posterior mode",
        )?)
    }

    /// The equal-tailed interval holding `level` of the mass.
    pub fn equal_tailed(&self, level: f64) -> Result<[f64; 2]> {
        let a = 0.5 * (1.0 - level);
        Ok([self.quantile(a)?, self.quantile(1.0 - a)?])
    }

    /// The shortest interval holding `level` of the mass.
    pub fn shortest(&self, level: f64) -> Result<[f64; 2]> {
        shortest_interval(level, |p| self.quantile(p), |x| Ok(self.pdf(x)), None, None)
    }

    /// The shortest interval holding `level` of the mass, by Newton's method on the two
    /// conditions that define it, `F(b) − F(a) = level` and `f(a) = f(b)` (Box and Tiao
    /// 1973, §2.8), started from `start` (the equal-tailed interval, close to it for the
    /// near-normal posteriors of the shrinkage estimates). A few passes over the components
    /// instead of the dozens [`Mixture::shortest`] makes; when a step would leave the
    /// density's shape (the ends cross, or the residual does not fall) it falls back to that.
    pub fn shortest_from(&self, level: f64, start: [f64; 2]) -> Result<[f64; 2]> {
        // Residuals (F(b) − F(a) − level, f(b) − f(a)) and the densities and slopes at both
        // ends; the smaller tail of each end computed directly, so the mass keeps its digits.
        let eval = |a: f64, b: f64| {
            let [lower, fa, sa] = self.tail_density_slope(a, false);
            let [upper, fb, sb] = self.tail_density_slope(b, true);
            ([1.0 - lower - upper - level, fb - fa], [fa, sa, fb, sb])
        };
        // Small enough: Φ here is good to about 1e-10 relative (see `pnorm`), so the mass
        // cannot be pinned much closer than 1e-9; the ends then sit within about 1e-9 of the
        // scale (and 1e-7 of it for the equal densities), far inside the 1e-6 asked.
        let small = |r: [f64; 2], fa: f64| r[0].abs() <= 1e-9 && r[1].abs() <= 1e-7 * fa;
        let size = |r: [f64; 2], fa: f64| r[0].abs() + r[1].abs() / fa.max(f64::MIN_POSITIVE);
        let [mut a, mut b] = start;
        let (mut r, mut d) = eval(a, b);
        for _ in 0..50 {
            if small(r, d[0]) {
                return Ok([a, b]);
            }
            let [fa, sa, fb, sb] = d;
            // The Jacobian of the residuals in (a, b) is [[−f(a), f(b)], [−f′(a), f′(b)]].
            let det = (-fa) * sb - fb * (-sa);
            if det == 0.0 || !det.is_finite() {
                break;
            }
            let da = (r[0] * sb - fb * r[1]) / det;
            let db = ((-fa) * r[1] - (-sa) * r[0]) / det;
            let (mut na, mut nb) = (a - da, b - db);
            let (mut nr, mut nd) = eval(na, nb);
            let mut halvings = 0;
            while !(nb > na && size(nr, fa) < size(r, fa)) && halvings < 10 {
                na = 0.5 * (na + a);
                nb = 0.5 * (nb + b);
                (nr, nd) = eval(na, nb);
                halvings += 1;
            }
            if !(nb > na && size(nr, fa) < size(r, fa)) {
                // No step lowers the residual: at its noise floor, or lost.
                break;
            }
            (a, b, r, d) = (na, nb, nr, nd);
        }
        if small(r, d[0]) {
            return Ok([a, b]);
        }
        self.shortest(level)
    }
}

/// The shortest interval holding `level` of a unimodal distribution, given its quantile
/// function and density: the lower tail probability p in [0, 1 − level] where the density at
/// both ends is equal. `density_at_lower_end`/`density_at_upper_end` are the densities at the
/// support's ends when they are finite points (τ ≥ 0, or a bounded prior), else `None` (0).
pub fn shortest_interval(
    level: f64,
    quantile: impl Fn(f64) -> Result<f64>,
    density: impl Fn(f64) -> Result<f64>,
    density_at_lower_end: Option<(f64, f64)>,
    density_at_upper_end: Option<(f64, f64)>,
) -> Result<[f64; 2]> {
    let g = |p: f64| -> crate::error::RefusalResult<f64> {
        Ok(density(quantile(p)?)? - density(quantile(p + level)?)?)
    };
    let top = 1.0 - level;
    // At p = 0 the lower end is the support's lower end; at p = 1 − level the upper end is the
    // support's upper end.
    let g0 = match density_at_lower_end {
        Some((x, d)) => {
            let upper = quantile(level)?;
            let value = d - density(upper)?;
            if value >= 0.0 {
                return Ok([x, upper]);
            }
            value
        }
        None => -density(quantile(level)?)?,
    };
    let g1 = match density_at_upper_end {
        Some((x, d)) => {
            let lower = quantile(top)?;
            let value = density(lower)? - d;
            if value <= 0.0 {
                return Ok([lower, x]);
            }
            value
        }
        None => density(quantile(top)?)?,
    };
    let p = root::brent_to(g, 0.0, top, g0, g1, 1e-12, "shortest interval")?;
    Ok([quantile(p)?, quantile(p + level)?])
}
