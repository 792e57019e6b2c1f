//! Adaptive quadrature for the back-transformed moments of the skewed-data methods
//! ([`super::skewed`]): adaptive Simpson (Lyness 1969) with a bounded depth, started from 64
//! panels so that a narrow peak is not missed.

/// ∫ₐᵇ f by adaptive Simpson quadrature to a relative error of about `rel` (of ∫|f|; at
/// most 50 halvings deep and 2²⁰ panels).
pub fn integrate(f: &dyn Fn(f64) -> f64, a: f64, b: f64, rel: f64) -> f64 {
    #[allow(clippy::too_many_arguments)]
    fn simpson(
        f: &dyn Fn(f64) -> f64,
        a: f64,
        fa: f64,
        b: f64,
        fb: f64,
        m: f64,
        fm: f64,
        whole: f64,
        tol: f64,
        depth: u32,
        budget: &mut u32,
    ) -> f64 {
        let (lm, rm) = ((a + m) / 2.0, (m + b) / 2.0);
        let (flm, frm) = (f(lm), f(rm));
        let left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
        let right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
        let delta = left + right - whole;
        // done when within tolerance, or when the difference is rounding noise
        if depth == 0
            || *budget == 0
            || delta.abs() <= 15.0 * tol
            || delta.abs() <= 8.0 * f64::EPSILON * (left.abs() + right.abs())
        {
            return left + right + delta / 15.0;
        }
        *budget -= 1;
        simpson(f, a, fa, m, fm, lm, flm, left, tol / 2.0, depth - 1, budget)
            + simpson(
                f,
                m,
                fm,
                b,
                fb,
                rm,
                frm,
                right,
                tol / 2.0,
                depth - 1,
                budget,
            )
    }
    if b <= a {
        return 0.0;
    }
    // start from 64 panels so a narrow peak is not missed; the absolute tolerance is `rel`
    // times the coarse estimate of ∫|f|
    let pieces = 64;
    let width = (b - a) / pieces as f64;
    let panels: Vec<[f64; 6]> = (0..pieces)
        .map(|i| {
            let lo = a + width * i as f64;
            let hi = if i + 1 == pieces { b } else { lo + width };
            let mid = (lo + hi) / 2.0;
            let (flo, fmid, fhi) = (f(lo), f(mid), f(hi));
            [lo, flo, hi, fhi, mid, fmid]
        })
        .collect();
    let whole = |p: &[f64; 6]| (p[2] - p[0]) / 6.0 * (p[1] + 4.0 * p[5] + p[3]);
    let size: f64 = panels
        .iter()
        .map(|p| (p[2] - p[0]) / 6.0 * (p[1].abs() + 4.0 * p[5].abs() + p[3].abs()))
        .sum();
    let tol = (rel * size).max(f64::MIN_POSITIVE);
    let mut budget = 1u32 << 20;
    panels
        .iter()
        .map(|p| {
            simpson(
                f,
                p[0],
                p[1],
                p[2],
                p[3],
                p[4],
                p[5],
                whole(p),
                tol / pieces as f64,
                50,
                &mut budget,
            )
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ∫₀^π sin = 2; ∫ φ over ±8 = 1 − 2Φ(−8) (R: 1 - 2*pnorm(-8) = 0.99999999999999878).
    #[test]
    fn integrate_is_accurate() {
        let v = integrate(&|x: f64| x.sin(), 0.0, std::f64::consts::PI, 1e-13);
        assert!((v - 2.0).abs() < 1e-12, "{v}");
        let phi = |x: f64| (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let v = integrate(&phi, -8.0, 8.0, 1e-14);
        assert!((v - 0.99999999999999878).abs() < 1e-14, "{v}");
    }
}
