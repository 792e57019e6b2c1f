//! The covariance structures of the visits, in SAS PROC MIXED's parametrisation (variances and
//! correlations, as `REPEATED / TYPE=`), with `Σ(θ)` and its first and second derivatives in
//! θ. The linear structures (`us`, `cs`, `toep`, `diag`) are `Σ = Σᵣ θᵣ Bᵣ` with fixed
//! symmetric `Bᵣ`, so their second derivatives vanish; the others are
//! `Σ[a, b] = σ_a σ_b c_ab(ρ)` with `σ_a² = θ` of the visit's variance and a correlation `c`,
//! whose second derivatives enter the observed information and Kenward–Roger's `R` terms
//! (Kenward & Roger 1997, eq. 3). SAS's parametrisation matters for Kenward–Roger (its `R`
//! terms depend on it) and for nothing else reported.
//!
//! | structure | SAS | θ | `Σ[a, b]` |
//! |---|---|---|---|
//! | `us` unstructured | UN | every entry of the lower triangle, UN(1,1), UN(2,1), UN(2,2), … | `θ(a, b)` |
//! | `cs` compound symmetry | CS | the within-subject variance and the covariance | `θ₂ + θ₁·[a = b]` |
//! | `toep` Toeplitz | TOEP | the variance and one covariance per lag | `θ_|a−b|` |
//! | `diag` independent, heterogeneous | UN(1) | one variance per visit | `θ_a·[a = b]` |
//! | `ar1` autoregressive | AR(1) | σ², ρ | `σ² ρ^|a−b|` |
//! | `ar1h` heterogeneous AR(1) | ARH(1) | σ₁² … σ_V², ρ | `σ_a σ_b ρ^|a−b|` |
//! | `csh` heterogeneous compound symmetry | CSH | σ₁² … σ_V², ρ | `σ_a σ_b (ρ + (1 − ρ)[a = b])` |
//! | `toeph` heterogeneous Toeplitz | TOEPH | σ₁² … σ_V², ρ₁ … ρ_{V−1} | `σ_a σ_b ρ_|a−b|` (ρ₀ = 1) |
//! | `ad` antedependence | — | σ², ρ₁ … ρ_{V−1} | `σ² Π_{k=a}^{b−1} ρ_k` (a ≤ b) |
//! | `adh` heterogeneous antedependence | ANTE(1) | σ₁² … σ_V², ρ₁ … ρ_{V−1} | `σ_a σ_b Π_{k=a}^{b−1} ρ_k` (a ≤ b) |
//!
//! In `ad` and `adh` (Gabriel 1962; SAS's ANTE(1); mmrm's `ad`, `adh`) `ρ_k` is the
//! correlation of visits k and k + 1, and visits further apart correlate by the product of the
//! steps between them. SAS has no homogeneous ANTE; mmrm's `ad` is `adh` with one variance.
//!
//! Visits are equally spaced in the order of their levels (`ar1`'s lag is the difference of
//! level positions, as mmrm and SAS's `REPEATED visit`). With `--group`, each group of
//! subjects has its own θ ([`CovarianceModel`]).

use nalgebra::DMatrix;
use serde::Serialize;

/// A covariance structure over the visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Structure {
    Us,
    Cs,
    Toep,
    Diag,
    Ar1,
    Ar1h,
    Csh,
    Toeph,
    Ad,
    Adh,
}

/// The structures mmrm names that are not fitted here.
pub const NOT_SUPPORTED: [&str; 3] = ["sp_exp", "sp_gau", "sp_pow"];

/// The names accepted, for messages.
pub const ALLOWED: &str = "us, cs, csh, ar1, ar1h, toep, toeph, ad, adh, diag";

/// `∂²Σ/∂θᵣ∂θₛ` (r ≤ s) where it is not zero.
#[derive(Debug, Clone)]
pub struct SecondDerivative {
    pub r: usize,
    pub s: usize,
    pub matrix: DMatrix<f64>,
}

/// The names of antedependence's correlations, one per step between adjacent visits.
fn steps(visits: &[String]) -> impl Iterator<Item = String> + '_ {
    visits
        .windows(2)
        .map(|w| format!("rho({}, {})", w[0], w[1]))
}

impl Structure {
    /// The structure written as mmrm writes it (`us`, `cs`, `ar1`, …).
    pub fn from_name(name: &str) -> Option<Structure> {
        match name {
            "us" => Some(Structure::Us),
            "cs" => Some(Structure::Cs),
            "toep" => Some(Structure::Toep),
            "diag" => Some(Structure::Diag),
            "ar1" => Some(Structure::Ar1),
            "ar1h" => Some(Structure::Ar1h),
            "csh" => Some(Structure::Csh),
            "toeph" => Some(Structure::Toeph),
            "ad" => Some(Structure::Ad),
            "adh" => Some(Structure::Adh),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Structure::Us => "us",
            Structure::Cs => "cs",
            Structure::Toep => "toep",
            Structure::Diag => "diag",
            Structure::Ar1 => "ar1",
            Structure::Ar1h => "ar1h",
            Structure::Csh => "csh",
            Structure::Toeph => "toeph",
            Structure::Ad => "ad",
            Structure::Adh => "adh",
        }
    }

    /// The name printed in summaries.
    pub fn label(self) -> &'static str {
        match self {
            Structure::Us => "unstructured",
            Structure::Cs => "compound symmetry",
            Structure::Toep => "Toeplitz",
            Structure::Diag => "diagonal (heterogeneous variances)",
            Structure::Ar1 => "first-order autoregressive",
            Structure::Ar1h => "heterogeneous first-order autoregressive",
            Structure::Csh => "heterogeneous compound symmetry",
            Structure::Toeph => "heterogeneous Toeplitz",
            Structure::Ad => "antedependence",
            Structure::Adh => "heterogeneous antedependence",
        }
    }

    /// Whether Σ is linear in θ (no second derivatives).
    pub fn is_linear(self) -> bool {
        matches!(
            self,
            Structure::Us | Structure::Cs | Structure::Toep | Structure::Diag
        )
    }

    /// The number of parameters over `v` visits.
    pub fn n_parameters(self, v: usize) -> usize {
        match self {
            Structure::Us => v * (v + 1) / 2,
            Structure::Cs | Structure::Ar1 => 2,
            Structure::Toep | Structure::Diag | Structure::Ad => v,
            Structure::Ar1h | Structure::Csh => v + 1,
            Structure::Toeph | Structure::Adh => 2 * v - 1,
        }
    }

    /// The matrices `Bᵣ` of a linear structure for `v` visits, in the order of
    /// [`Structure::parameter_names`] (empty for the others).
    pub fn basis(self, v: usize) -> Vec<DMatrix<f64>> {
        let unit = |a: usize, b: usize| {
            let mut m = DMatrix::zeros(v, v);
            m[(a, b)] = 1.0;
            m[(b, a)] = 1.0;
            m
        };
        match self {
            Structure::Us => (0..v)
                .flat_map(|a| (0..=a).map(move |b| (a, b)))
                .map(|(a, b)| unit(a, b))
                .collect(),
            Structure::Cs => vec![DMatrix::identity(v, v), DMatrix::from_element(v, v, 1.0)],
            Structure::Toep => (0..v)
                .map(|lag| DMatrix::from_fn(v, v, |a, b| f64::from(a.abs_diff(b) == lag)))
                .collect(),
            Structure::Diag => (0..v).map(|a| unit(a, a)).collect(),
            _ => Vec::new(),
        }
    }

    /// The parameters' names, given the visit levels.
    pub fn parameter_names(self, visits: &[String]) -> Vec<String> {
        let v = visits.len();
        let variances = || visits.iter().map(|l| format!("var({l})"));
        match self {
            Structure::Us => (0..v)
                .flat_map(|a| (0..=a).map(move |b| (a, b)))
                .map(|(a, b)| {
                    if a == b {
                        format!("var({})", visits[a])
                    } else {
                        format!("cov({}, {})", visits[a], visits[b])
                    }
                })
                .collect(),
            Structure::Cs => vec!["residual variance".into(), "covariance".into()],
            Structure::Toep => (0..v)
                .map(|lag| {
                    if lag == 0 {
                        "variance".to_string()
                    } else {
                        format!("covariance at lag {lag}")
                    }
                })
                .collect(),
            Structure::Diag => variances().collect(),
            Structure::Ar1 => vec!["variance".into(), "rho".into()],
            Structure::Ar1h | Structure::Csh => {
                variances().chain(std::iter::once("rho".into())).collect()
            }
            Structure::Toeph => variances()
                .chain((1..v).map(|lag| format!("rho at lag {lag}")))
                .collect(),
            Structure::Ad => std::iter::once("variance".to_string())
                .chain(steps(visits))
                .collect(),
            Structure::Adh => variances().chain(steps(visits)).collect(),
        }
    }

    /// Starting values: independent visits with the given variances per visit.
    pub fn start(self, variances: &[f64]) -> Vec<f64> {
        let v = variances.len();
        let mean = variances.iter().sum::<f64>() / v as f64;
        match self {
            Structure::Us => (0..v)
                .flat_map(|a| (0..=a).map(move |b| (a, b)))
                .map(|(a, b)| if a == b { variances[a] } else { 0.0 })
                .collect(),
            Structure::Cs => vec![mean, 0.0],
            Structure::Toep => (0..v)
                .map(|lag| if lag == 0 { mean } else { 0.0 })
                .collect(),
            Structure::Diag => variances.to_vec(),
            Structure::Ar1 => vec![mean, 0.0],
            Structure::Ar1h | Structure::Csh => variances.iter().copied().chain([0.0]).collect(),
            Structure::Toeph | Structure::Adh => variances
                .iter()
                .copied()
                .chain(std::iter::repeat_n(0.0, v - 1))
                .collect(),
            Structure::Ad => std::iter::once(mean)
                .chain(std::iter::repeat_n(0.0, v - 1))
                .collect(),
        }
    }

    /// For a product structure: the variance parameter of visit `a`, and the first correlation
    /// parameter.
    fn variance_index(self, a: usize) -> usize {
        match self {
            Structure::Ar1 | Structure::Ad => 0,
            _ => a,
        }
    }

    fn first_correlation(self, v: usize) -> usize {
        match self {
            Structure::Ar1 | Structure::Ad => 1,
            _ => v,
        }
    }

    /// The correlation `c_ab` of a product structure between visits `a ≠ b`, with its
    /// gradient `(k, ∂)` and Hessian `(r, s, ∂²)` (both orders of `r ≠ s`) over the
    /// correlation parameters.
    #[allow(clippy::type_complexity)]
    fn correlation(
        self,
        theta: &[f64],
        v: usize,
        a: usize,
        b: usize,
    ) -> (f64, Vec<(usize, f64)>, Vec<(usize, usize, f64)>) {
        let j = self.first_correlation(v);
        let d = a.abs_diff(b);
        match self {
            Structure::Ar1 | Structure::Ar1h => {
                let rho = theta[j];
                let di = d as i32;
                let second = if d >= 2 {
                    vec![(j, j, (di * (di - 1)) as f64 * rho.powi(di - 2))]
                } else {
                    Vec::new()
                };
                (
                    rho.powi(di),
                    vec![(j, di as f64 * rho.powi(di - 1))],
                    second,
                )
            }
            Structure::Csh => (theta[j], vec![(j, 1.0)], Vec::new()),
            Structure::Toeph => (theta[j + d - 1], vec![(j + d - 1, 1.0)], Vec::new()),
            Structure::Ad | Structure::Adh => {
                // Π ρ_k over the steps between the visits; each derivative drops its factors
                // (products, not divisions, so that a ρ of 0 is no special case).
                let steps: Vec<usize> = (a.min(b)..a.max(b)).map(|k| j + k).collect();
                let product = |skip: &[usize]| -> f64 {
                    steps
                        .iter()
                        .filter(|k| !skip.contains(k))
                        .map(|&k| theta[k])
                        .product()
                };
                let grad = steps.iter().map(|&r| (r, product(&[r]))).collect();
                let mut hess = Vec::new();
                for &r in &steps {
                    for &q in &steps {
                        if r != q {
                            hess.push((r, q, product(&[r, q])));
                        }
                    }
                }
                (product(&[]), grad, hess)
            }
            _ => unreachable!("linear structures have no correlation function"),
        }
    }

    /// `Σ(θ)` over `v` visits.
    pub fn sigma(self, v: usize, theta: &[f64]) -> DMatrix<f64> {
        if self.is_linear() {
            return self
                .basis(v)
                .iter()
                .zip(theta)
                .fold(DMatrix::zeros(v, v), |s, (b, t)| s + b * *t);
        }
        DMatrix::from_fn(v, v, |a, b| {
            let s = (theta[self.variance_index(a)] * theta[self.variance_index(b)]).sqrt();
            if a == b {
                s
            } else {
                s * self.correlation(theta, v, a, b).0
            }
        })
    }

    /// `∂Σ/∂θᵣ` for every r.
    pub fn jacobian(self, v: usize, theta: &[f64]) -> Vec<DMatrix<f64>> {
        if self.is_linear() {
            return self.basis(v);
        }
        let mut out = vec![DMatrix::zeros(v, v); self.n_parameters(v)];
        for a in 0..v {
            for b in 0..v {
                let (s, ds, _) = self.scale(theta, a, b);
                let (c, dc, _) = if a == b {
                    (1.0, Vec::new(), Vec::new())
                } else {
                    self.correlation(theta, v, a, b)
                };
                for (k, g) in ds {
                    out[k][(a, b)] += g * c;
                }
                for (j, g) in dc {
                    out[j][(a, b)] += s * g;
                }
            }
        }
        out
    }

    /// `∂²Σ/∂θᵣ∂θₛ` (r ≤ s) where not zero (none for a linear structure).
    pub fn second(self, v: usize, theta: &[f64]) -> Vec<SecondDerivative> {
        if self.is_linear() {
            return Vec::new();
        }
        let k = self.n_parameters(v);
        let mut h = vec![DMatrix::<f64>::zeros(v, v); k * k];
        for a in 0..v {
            for b in 0..v {
                let (s, ds, dds) = self.scale(theta, a, b);
                let (c, dc, ddc) = if a == b {
                    (1.0, Vec::new(), Vec::new())
                } else {
                    self.correlation(theta, v, a, b)
                };
                for (r, q, x) in dds {
                    h[r * k + q][(a, b)] += x * c;
                }
                for &(j, gc) in &dc {
                    for &(r, g) in &ds {
                        h[r * k + j][(a, b)] += g * gc;
                        h[j * k + r][(a, b)] += g * gc;
                    }
                }
                for (r, q, x) in ddc {
                    h[r * k + q][(a, b)] += s * x;
                }
            }
        }
        let mut out = Vec::new();
        for r in 0..k {
            for s in r..k {
                let m = &h[r * k + s];
                if m.iter().any(|&x| x != 0.0) {
                    out.push(SecondDerivative {
                        r,
                        s,
                        matrix: m.clone(),
                    });
                }
            }
        }
        out
    }

    /// `σ_a σ_b = Π θ_k^{e_k}` (`e` = ½ for each of the two visits' variance parameters),
    /// with its gradient `(k, ∂)` and Hessian `(r, s, ∂²)` over the variance parameters.
    #[allow(clippy::type_complexity)]
    fn scale(
        self,
        theta: &[f64],
        a: usize,
        b: usize,
    ) -> (f64, Vec<(usize, f64)>, Vec<(usize, usize, f64)>) {
        let (ia, ib) = (self.variance_index(a), self.variance_index(b));
        let s = (theta[ia] * theta[ib]).sqrt();
        let mut exps: Vec<(usize, f64)> = vec![(ia, 0.5)];
        if ib == ia {
            exps[0].1 = 1.0;
        } else {
            exps.push((ib, 0.5));
        }
        let grad = exps.iter().map(|&(k, e)| (k, e * s / theta[k])).collect();
        let mut hess = Vec::new();
        for &(r, er) in &exps {
            for &(q, eq) in &exps {
                let x = if r == q {
                    er * (er - 1.0) * s / (theta[r] * theta[r])
                } else {
                    er * eq * s / (theta[r] * theta[q])
                };
                if x != 0.0 {
                    hess.push((r, q, x));
                }
            }
        }
        (s, grad, hess)
    }
}

/// The covariance of a model: one structure over `visits`, with its own parameters for each of
/// `groups` groups of subjects (mmrm's `us(visit | group / subject)`, SAS's `GROUP=`); θ is
/// the groups' parameters one group after the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CovarianceModel {
    pub structure: Structure,
    pub visits: usize,
    pub groups: usize,
}

/// `∂Σ_g/∂θᵣ` of the one group `g` whose Σ depends on parameter r.
#[derive(Debug, Clone)]
pub struct Derivative {
    pub group: usize,
    pub matrix: DMatrix<f64>,
}

impl CovarianceModel {
    /// Parameters of one group.
    pub fn per_group(&self) -> usize {
        self.structure.n_parameters(self.visits)
    }

    pub fn n_parameters(&self) -> usize {
        self.groups * self.per_group()
    }

    /// Σ of group `g`.
    pub fn sigma(&self, theta: &[f64], g: usize) -> DMatrix<f64> {
        let k = self.per_group();
        self.structure
            .sigma(self.visits, &theta[g * k..(g + 1) * k])
    }

    /// `∂Σ/∂θᵣ` for every r, with the group it belongs to.
    pub fn jacobian(&self, theta: &[f64]) -> Vec<Derivative> {
        let k = self.per_group();
        (0..self.groups)
            .flat_map(|g| {
                self.structure
                    .jacobian(self.visits, &theta[g * k..(g + 1) * k])
                    .into_iter()
                    .map(move |matrix| Derivative { group: g, matrix })
            })
            .collect()
    }

    /// `∂²Σ/∂θᵣ∂θₛ` (r ≤ s, indices into the whole θ) where not zero, with the group.
    pub fn second(&self, theta: &[f64]) -> Vec<(usize, SecondDerivative)> {
        let k = self.per_group();
        (0..self.groups)
            .flat_map(|g| {
                self.structure
                    .second(self.visits, &theta[g * k..(g + 1) * k])
                    .into_iter()
                    .map(move |d| {
                        (
                            g,
                            SecondDerivative {
                                r: d.r + g * k,
                                s: d.s + g * k,
                                matrix: d.matrix,
                            },
                        )
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_give_the_structures() {
        // us over 3 visits: Σ[a, b] is the parameter of (max, min), SAS's UN order.
        let s = Structure::Us.sigma(3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(
            s,
            DMatrix::from_row_slice(3, 3, &[1., 2., 4., 2., 3., 5., 4., 5., 6.])
        );
        let s = Structure::Cs.sigma(3, &[2.0, 0.5]);
        assert_eq!(s[(0, 0)], 2.5);
        assert_eq!(s[(2, 1)], 0.5);
        let s = Structure::Toep.sigma(3, &[3.0, 1.0, 0.5]);
        assert_eq!(s[(0, 2)], 0.5);
        assert_eq!(s[(1, 2)], 1.0);
        let names = Structure::Us.parameter_names(&["v1".into(), "v2".into()]);
        assert_eq!(names, vec!["var(v1)", "cov(v2, v1)", "var(v2)"]);
        // ar1: σ² ρ^|a−b|; ar1h: σ_a σ_b ρ^|a−b|; csh: σ_a σ_b ρ; toeph: σ_a σ_b ρ_|a−b|.
        let s = Structure::Ar1.sigma(3, &[2.0, 0.5]);
        assert_eq!((s[(0, 0)], s[(0, 1)], s[(2, 0)]), (2.0, 1.0, 0.5));
        let s = Structure::Ar1h.sigma(3, &[4.0, 9.0, 16.0, 0.5]);
        assert_eq!((s[(1, 1)], s[(0, 1)], s[(2, 0)]), (9.0, 3.0, 2.0));
        let s = Structure::Csh.sigma(3, &[4.0, 9.0, 16.0, 0.5]);
        assert_eq!((s[(2, 2)], s[(0, 2)]), (16.0, 4.0));
        let s = Structure::Toeph.sigma(3, &[4.0, 9.0, 16.0, 0.5, 0.25]);
        assert_eq!((s[(1, 2)], s[(0, 2)]), (6.0, 2.0));
        // ad: σ² ρ₁ρ₂ between visits 1 and 3; adh: σ_a σ_b times the same product.
        let s = Structure::Ad.sigma(3, &[2.0, 0.5, 0.25]);
        assert_eq!(
            (s[(1, 1)], s[(0, 1)], s[(2, 1)], s[(0, 2)]),
            (2.0, 1.0, 0.5, 0.25)
        );
        let s = Structure::Adh.sigma(3, &[4.0, 9.0, 16.0, 0.5, 0.25]);
        assert_eq!((s[(0, 1)], s[(1, 2)], s[(2, 0)]), (3.0, 3.0, 1.0));
        let names = Structure::Adh.parameter_names(&["v1".into(), "v2".into(), "v3".into()]);
        assert_eq!(names[3..], ["rho(v1, v2)", "rho(v2, v3)"]);
    }

    /// The analytic first and second derivatives equal central differences of Σ(θ).
    #[test]
    #[allow(clippy::needless_range_loop)]
    fn derivatives_equal_differences() {
        let v = 4;
        for (st, theta) in [
            (Structure::Ar1, vec![2.0, 0.6]),
            (Structure::Ar1h, vec![1.5, 2.0, 3.0, 4.0, -0.4]),
            (Structure::Csh, vec![1.5, 2.0, 3.0, 4.0, 0.3]),
            (Structure::Toeph, vec![1.5, 2.0, 3.0, 4.0, 0.5, 0.3, 0.1]),
            (Structure::Ad, vec![2.5, 0.7, -0.4, 0.3]),
            (Structure::Adh, vec![1.5, 2.0, 3.0, 4.0, 0.7, 0.0, 0.3]),
            (Structure::Us, (1..=10).map(f64::from).collect()),
        ] {
            let k = theta.len();
            let jac = st.jacobian(v, &theta);
            let sec = st.second(v, &theta);
            let h = 1e-5;
            let at = |r: usize, d: f64| {
                let mut t = theta.clone();
                t[r] += d;
                t
            };
            for r in 0..k {
                let fd = (st.sigma(v, &at(r, h)) - st.sigma(v, &at(r, -h))) / (2.0 * h);
                assert!((&fd - &jac[r]).amax() < 1e-8, "{st:?} jacobian {r}");
                let fd_jac: Vec<DMatrix<f64>> = {
                    let up = st.jacobian(v, &at(r, h));
                    let down = st.jacobian(v, &at(r, -h));
                    up.iter()
                        .zip(&down)
                        .map(|(a, b)| (a - b) / (2.0 * h))
                        .collect()
                };
                for s in 0..k {
                    let analytic = sec
                        .iter()
                        .find(|d| (d.r, d.s) == (r.min(s), r.max(s)))
                        .map_or(DMatrix::zeros(v, v), |d| d.matrix.clone());
                    assert!(
                        (&fd_jac[s] - &analytic).amax() < 1e-7,
                        "{st:?} second ({r}, {s})"
                    );
                }
            }
        }
    }
}
