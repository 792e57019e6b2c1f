//! The probabilities that a group-sequential test stops at each look: the recursive numerical
//! integration of Armitage, McPherson & Rowe (1969), in the form of Jennison & Turnbull (2000),
//! *Group Sequential Methods with Applications to Clinical Trials*, ch. 19.
//!
//! With information fractions t₁ < … < t_K = 1 and drift θ (the mean of the final Z), the
//! statistics Z_k = S_k/√t_k have independent increments: S_k = S_{k−1} + X_k with
//! X_k ~ N(θ·Δ_k, Δ_k), Δ_k = t_k − t_{k−1}. So, given Z_{k−1} = u,
//! Z_k ~ N(m(u), s²) with m(u) = (√t_{k−1}·u + θ·Δ_k)/√t_k and s² = Δ_k/t_k (J&T 19.2).
//! The trial continues past look k while `lower_k < Z_k < upper_k`; the sub-density of Z_k on
//! that interval (the density of reaching look k + 1 through Z_k = z) is
//! `g_k(z) = ∫ g_{k−1}(u) φ((z − m(u))/s)/s du`, and the probabilities of stopping at look k
//! are `∫ g_{k−1}(u) Φ((lower_k − m(u))/s) du` and `∫ g_{k−1}(u) Φ̄((upper_k − m(u))/s) du`.
//!
//! The integrals are taken by Gauss–Legendre rules (8 nodes) on panels no wider than the
//! smaller of 1 and the kernels' SDs in u (`√(Δ_{k+1}/t_k)`, and `√(Δ_k/t_k)` for the smoothness
//! of g_k), over the continuation interval cut to θ√t_k ± 12 (g_k is below the N(θ√t_k, 1)
//! density, so less than 1e-31 lies beyond). An 8-node rule on a panel one kernel SD wide
//! integrates a Gaussian to about 1e-14; J&T's Simpson grid with r = 16 reaches about 1e-6.
//! rpact uses 91-point Newton–Cotes grids; our answers agree with it to its tolerance (1e-8).

use crate::dist::{pnorm, pnorm_upper};

/// 8-point Gauss–Legendre nodes on [−1, 1] (positive half) and their weights
/// (Abramowitz & Stegun, table 25.4).
const GAUSS_NODES: [f64; 4] = [
    0.183_434_642_495_649_8,
    0.525_532_409_916_329_0,
    0.796_666_477_413_626_7,
    0.960_289_856_497_536_3,
];
const GAUSS_WEIGHTS: [f64; 4] = [
    0.362_683_783_378_362_0,
    0.313_706_645_877_887_3,
    0.222_381_034_453_374_5,
    0.101_228_536_290_376_3,
];

/// How far from the mean θ√t_k the continuation interval is cut (in SDs of Z_k).
const CUT: f64 = 12.0;

/// The continuation region at one look: the trial goes on while `lower < Z < upper` and
/// `|Z| ≥ hole` (either end may be infinite; `hole` is 0 but for a two-sided design's futility
/// bound, which stops the trial when `−hole < Z < hole`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Continuation {
    pub lower: f64,
    pub upper: f64,
    pub hole: f64,
}

impl Continuation {
    /// Go on while `lower < Z < upper`.
    pub fn new(lower: f64, upper: f64) -> Continuation {
        Continuation {
            lower,
            upper,
            hole: 0.0,
        }
    }

    /// Go on while `hole ≤ |Z| < bound` (a two-sided design with futility bound `hole`).
    pub fn two_sided(bound: f64, hole: f64) -> Continuation {
        Continuation {
            lower: -bound,
            upper: bound,
            hole: hole.max(0.0),
        }
    }

    /// The intervals the trial goes on through.
    fn intervals(&self) -> Vec<(f64, f64)> {
        if self.hole > 0.0 {
            vec![
                (self.lower, (-self.hole).min(self.upper)),
                (self.hole.max(self.lower), self.upper),
            ]
        } else {
            vec![(self.lower, self.upper)]
        }
    }
}

/// The probabilities of stopping at one look: below `lower`, above `upper`, and inside the
/// futility hole.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Exit {
    pub below: f64,
    pub above: f64,
    pub inside: f64,
}

/// The sub-density of Z at a look on quadrature nodes: `mass[i]` is the quadrature weight
/// times `g(nodes[i])`, so `Σ mass` is the probability of going on past that look.
#[derive(Debug, Clone, PartialEq)]
pub struct Density {
    /// The information fraction of the look.
    time: f64,
    nodes: Vec<f64>,
    mass: Vec<f64>,
}

/// The trial under one drift θ: each look's time and the recursion between them.
#[derive(Debug, Clone, Copy)]
pub struct Recursion<'a> {
    pub timing: &'a [f64],
    pub drift: f64,
}

impl Recursion<'_> {
    /// The mean of Z at look `k` (0-based): θ·√t_k.
    fn mean(&self, k: usize) -> f64 {
        self.drift * self.timing[k].sqrt()
    }

    /// The probabilities of stopping at look `k` (0-based) outside `region`, given the
    /// density of going on past look k − 1 (`None` at the first look).
    pub fn exit(&self, k: usize, before: Option<&Density>, region: Continuation) -> Exit {
        let (lower, upper, hole) = (region.lower, region.upper, region.hole);
        let tails = |m: f64, s: f64| -> Exit {
            Exit {
                below: if lower > f64::NEG_INFINITY {
                    pnorm((lower - m) / s)
                } else {
                    0.0
                },
                above: if upper < f64::INFINITY {
                    pnorm_upper((upper - m) / s)
                } else {
                    0.0
                },
                inside: if hole > 0.0 {
                    (pnorm((hole - m) / s) - pnorm((-hole - m) / s)).max(0.0)
                } else {
                    0.0
                },
            }
        };
        match before {
            None => tails(self.mean(k), 1.0),
            Some(density) => {
                let (scale, shift, s) = self.step(density.time, self.timing[k]);
                let mut exit = Exit::default();
                for (u, mass) in density.nodes.iter().zip(&density.mass) {
                    let e = tails(scale * u + shift, s);
                    exit.below += mass * e.below;
                    exit.above += mass * e.above;
                    exit.inside += mass * e.inside;
                }
                exit
            }
        }
    }

    /// The density of going on past look `k` (0-based) through `region`, from the density
    /// past look k − 1 (`None` at the first look).
    pub fn advance(&self, k: usize, before: Option<&Density>, region: Continuation) -> Density {
        let t = self.timing[k];
        let mean = self.mean(k);
        let mut width: f64 = 1.0;
        if let Some(d) = before {
            width = width.min(((t - d.time) / t).sqrt());
        }
        if let Some(&next) = self.timing.get(k + 1) {
            width = width.min(((next - t) / t).sqrt());
        }
        let nodes_and_weights: Vec<(f64, f64)> = region
            .intervals()
            .into_iter()
            .flat_map(|(lo, hi)| panels(lo.max(mean - CUT), hi.min(mean + CUT), width))
            .collect();
        let mut nodes = Vec::with_capacity(nodes_and_weights.len());
        let mut mass = Vec::with_capacity(nodes_and_weights.len());
        match before {
            None => {
                for (z, w) in nodes_and_weights {
                    nodes.push(z);
                    mass.push(w * phi(z - mean));
                }
            }
            Some(density) => {
                let (scale, shift, s) = self.step(density.time, t);
                for (z, w) in nodes_and_weights {
                    let g: f64 = density
                        .nodes
                        .iter()
                        .zip(&density.mass)
                        .map(|(u, m)| m * phi((z - scale * u - shift) / s))
                        .sum();
                    nodes.push(z);
                    mass.push(w * g / s);
                }
            }
        }
        Density {
            time: t,
            nodes,
            mass,
        }
    }

    /// The conditional law of Z at time `t` given Z = u at time `t_before`:
    /// N(scale·u + shift, s²), scale = √(t_before/t), shift = θ·(t − t_before)/√t,
    /// s = √((t − t_before)/t).
    fn step(&self, t_before: f64, t: f64) -> (f64, f64, f64) {
        let delta = t - t_before;
        (
            (t_before / t).sqrt(),
            self.drift * delta / t.sqrt(),
            (delta / t).sqrt(),
        )
    }

    /// Every look's exit probabilities through `regions` (one per look; the last look's
    /// region decides only its exits).
    pub fn exits(&self, regions: &[Continuation]) -> Vec<Exit> {
        let mut out = Vec::with_capacity(regions.len());
        let mut density: Option<Density> = None;
        for (k, region) in regions.iter().enumerate() {
            out.push(self.exit(k, density.as_ref(), *region));
            if k + 1 < regions.len() {
                density = Some(self.advance(k, density.as_ref(), *region));
            }
        }
        out
    }
}

/// The standard normal density.
fn phi(x: f64) -> f64 {
    const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
    INV_SQRT_2PI * (-0.5 * x * x).exp()
}

/// Gauss–Legendre nodes and weights over [lo, hi] in equal panels no wider than `width`
/// (none when the interval is empty).
fn panels(lo: f64, hi: f64, width: f64) -> Vec<(f64, f64)> {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return Vec::new();
    }
    let count = ((hi - lo) / width).ceil().max(1.0) as usize;
    let h = (hi - lo) / count as f64;
    let mut out = Vec::with_capacity(8 * count);
    for p in 0..count {
        let centre = lo + (p as f64 + 0.5) * h;
        for (x, w) in GAUSS_NODES.iter().zip(&GAUSS_WEIGHTS) {
            out.push((centre - 0.5 * h * x, 0.5 * h * w));
            out.push((centre + 0.5 * h * x, 0.5 * h * w));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two looks with no boundary at the first: the second look's exits are the bivariate
    /// normal's, i.e. the plain normal tails of Z₂ (the first look does nothing).
    #[test]
    fn an_open_first_look_leaves_the_normal_tails() {
        let timing = [0.4, 1.0];
        let r = Recursion {
            timing: &timing,
            drift: 1.3,
        };
        let regions = [
            Continuation::new(f64::NEG_INFINITY, f64::INFINITY),
            Continuation::new(-0.5, 1.96),
        ];
        let exits = r.exits(&regions);
        assert_eq!(exits[0], Exit::default());
        // Z₂ ~ N(1.3, 1): Φ(−1.8) and Φ̄(0.66) (R: pnorm(-1.8) = 0.035930319112925789,
        // pnorm(0.66, lower.tail = FALSE) = 0.25462691467133614).
        assert!(
            (exits[1].below - 0.035930319112925789).abs() < 1e-13,
            "{:?}",
            exits[1]
        );
        assert!(
            (exits[1].above - 0.25462691467133614).abs() < 1e-13,
            "{:?}",
            exits[1]
        );
    }

    /// A futility hole: stop at look 1 when |Z₁| < ½, then reject when |Z₂| ≥ 2 (t = ½, 1,
    /// no drift). mpmath at 30 digits: P(|Z₁| < ½) = Φ(½) − Φ(−½) = 0.38292492254802621, and
    /// P(|Z₁| ≥ ½, |Z₂| ≥ 2) = ∫_{|u|≥½} φ(u)[Φ((−2 − ρu)/s) + Φ̄((2 − ρu)/s)] du with ρ = √½,
    /// s = √½: 0.043032041041521768.
    #[test]
    fn a_futility_hole_stops_the_middle() {
        let timing = [0.5, 1.0];
        let r = Recursion {
            timing: &timing,
            drift: 0.0,
        };
        let regions = [
            Continuation::two_sided(f64::INFINITY, 0.5),
            Continuation::two_sided(2.0, 0.0),
        ];
        let exits = r.exits(&regions);
        assert!(
            (exits[0].inside - 0.38292492254802621).abs() < 1e-15,
            "{:?}",
            exits[0]
        );
        let rejected = exits[1].below + exits[1].above;
        assert!(
            (rejected - 0.043032041041521768).abs() < 1e-13,
            "{rejected}"
        );
    }

    /// Pocock's two-look two-sided boundary at α = 0.05, c = 2.178 (Pocock 1977, table 1;
    /// Jennison & Turnbull 2000, table 2.1). With corr(Z₁, Z₂) = √½, P(|Z₁| ≥ c or |Z₂| ≥ c)
    /// = 1 − ∫_{−c}^{c} φ(u)[Φ((c − ρu)/√(1−ρ²)) − Φ((−c − ρu)/√(1−ρ²))] du
    /// = 0.050033070839152478 (mpmath quad at 30 digits).
    #[test]
    fn pocock_two_looks_spend_five_percent() {
        let timing = [0.5, 1.0];
        let r = Recursion {
            timing: &timing,
            drift: 0.0,
        };
        let c = 2.178;
        let regions = [Continuation::new(-c, c); 2];
        let total: f64 = r.exits(&regions).iter().map(|e| e.below + e.above).sum();
        assert!((total - 0.050033070839152478).abs() < 1e-13, "{total}");
    }
}
