//! Root finding with a bounded number of evaluations: Newton's method (or Fisher scoring)
//! safeguarded by a sign-change bracket, for the τ² searches (the maximum-likelihood scores,
//! the generalised Q statistic of Paule–Mandel, empirical Bayes and the Q-profile interval);
//! and Brent's bracketed method (Brent 1973, *Algorithms for Minimization without
//! Derivatives*, ch. 4: inverse quadratic / secant steps inside a shrinking sign-change
//! bracket, bisection when they would not shrink it fast enough) where no derivative is at
//! hand; and [`r_uniroot_up`], R's `uniroot` step for step, where an answer must be the root
//! R's iterations land on. Every search ends after at most [`MAX_EVALUATIONS`] evaluations, with an error that
//! names the quantity when it cannot find the root.

use crate::error::{Error, Result};

/// Most function evaluations one search may use.
pub const MAX_EVALUATIONS: usize = 200;

/// A root of `f` in `[lo, hi]`, where `f(lo)` and `f(hi)` have opposite signs (or one is 0).
/// `what` names the quantity for the error message when the search fails.
///
/// ```
/// use trialstats_numerics::root::brent;
/// // The root of x² − 2 on [1, 2] is √2.
/// let root = brent(|x| Ok(x * x - 2.0), 1.0, 2.0, -1.0, 2.0, "x")?;
/// assert!((root - std::f64::consts::SQRT_2).abs() < 1e-15);
/// # Ok::<(), trialstats_numerics::Error>(())
/// ```
pub fn brent(
    f: impl FnMut(f64) -> Result<f64>,
    lo: f64,
    hi: f64,
    f_lo: f64,
    f_hi: f64,
    what: &str,
) -> Result<f64> {
    brent_to(f, lo, hi, f_lo, f_hi, 2.0 * f64::EPSILON, what)
}

/// [`brent`] stopping when the bracket is within `rel_tol · |x|` of the root (`2ε`: machine
/// precision), for searches whose result needs fewer digits than the evaluations cost.
pub fn brent_to(
    mut f: impl FnMut(f64) -> Result<f64>,
    lo: f64,
    hi: f64,
    f_lo: f64,
    f_hi: f64,
    rel_tol: f64,
    what: &str,
) -> Result<f64> {
    let (mut a, mut b, mut fa, mut fb) = (lo, hi, f_lo, f_hi);
    if fa == 0.0 {
        return Ok(a);
    }
    if fb == 0.0 {
        return Ok(b);
    }
    if fa.signum() == fb.signum() {
        return Err(Error::Numerical(format!(
            "{what}: no sign change between {lo} and {hi}; the search cannot start"
        )));
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..MAX_EVALUATIONS {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol = rel_tol * b.abs() + 1e-300;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Ok(b);
        }
        if e.abs() >= tol && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = f(b)?;
    }
    Err(Error::Numerical(format!(
        "{what}: the root search did not converge in {MAX_EVALUATIONS} steps"
    )))
}

/// Most Newton steps [`safeguarded_newton`] takes before it has the right end of its bracket
/// (steps from the left of the root of a convex decreasing function never overshoot it, but
/// they can be slow, for example doubling `x + scale` each time); after that it bisects.
const UNBRACKETED_STEPS: usize = 60;

/// A root of a function that is positive to the left of it and negative to the right (a
/// log-likelihood's score at a maximum, or `Q(τ²) − target` for the decreasing generalised
/// Q statistic), on `[lo, ∞)`, by Newton's method safeguarded with a sign-change bracket
/// (Press et al., *Numerical Recipes*, 3rd ed., §9.4 `rtsafe`).
///
/// `f(x)` returns the value and two slopes for the step, both expected to be negative: the
/// one used once the function has been positive somewhere (the derivative, for Newton's
/// step), and the one used while every value so far has been negative (for a score, minus
/// the expected information: Fisher scoring's step, which keeps to metafor's path when the
/// likelihood has more than one maximum). The search starts at `start` (`≥ lo`). The
/// bracket's left end is `lo`, where the function is evaluated only when needed; if it is not
/// positive there and a step heads to or below it, `lo` is returned (a root on the boundary,
/// which is how estimators truncated at 0 end). The right end is found when needed by evaluating
/// at `upper()` (a point beyond the root, such as an analytic bound), doubled while the
/// function is still positive there. A Newton step that would leave the bracket, or (once
/// both ends are known) that is longer than half the step before the last, or the
/// `UNBRACKETED_STEPS`-th step without a right end, is replaced by a bisection
/// (geometric, on `x + scale`, while the bracket spans orders of magnitude). Every evaluation
/// shrinks the bracket, so the search ends within [`MAX_EVALUATIONS`] evaluations at machine precision (`|Δx| ≤ 4 ε x`),
/// even when rounding makes the function's sign unreliable next to the root.
pub fn safeguarded_newton(
    mut f: impl FnMut(f64) -> Result<(f64, f64, f64)>,
    lo: f64,
    start: f64,
    scale: f64,
    mut upper: impl FnMut() -> Result<f64>,
    what: &str,
) -> Result<f64> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let mut eval = Evaluator::new(&mut f, what);
    // Known bracket ends: f(a) > 0, f(b) < 0 (b = ∞ until found).
    let mut a: Option<f64> = None;
    let mut b: Option<f64> = None;
    let mut x = start.max(lo);
    let (mut fx, mut dfx, mut cautious) = eval.at(x)?;
    let mut step_old = f64::INFINITY;
    let mut step = f64::INFINITY;
    let mut unbracketed = 0;
    let mut lo_value: Option<f64> = None;
    loop {
        if fx == 0.0 {
            return Ok(x);
        }
        if fx > 0.0 {
            a = Some(x);
        } else {
            b = Some(x);
        }
        // A proposed Newton step and whether it is acceptable.
        let slope = if a.is_some() { dfx } else { cautious };
        let newton = x - fx / slope;
        let left = a.unwrap_or(lo);
        let right = b.unwrap_or(f64::INFINITY);
        let inside = newton.is_finite() && slope < 0.0 && newton > left && newton < right;
        // Without a right end, Newton steps from the left of the root of a convex decreasing
        // function approach it monotonically; they are allowed a fixed number of times. With
        // both ends known, a step must be at most half the one before the last (`rtsafe`).
        let fast = match b {
            Some(_) => (newton - x).abs() <= 0.5 * step_old.abs(),
            None => unbracketed < UNBRACKETED_STEPS,
        };
        // A left end is needed to bisect. If the function is not positive at `lo`, there is
        // none: a step heading to or below `lo` ends the search there (a root on the
        // boundary), and a slow step inside is taken as it is.
        let mut slow_but_unbracketed = false;
        if !(inside && fast) && a.is_none() {
            if x == lo {
                return Ok(lo);
            }
            let f_lo = match lo_value {
                Some(v) => v,
                None => eval.at(lo)?.0,
            };
            lo_value = Some(f_lo);
            if f_lo > 0.0 {
                a = Some(lo);
            } else if inside {
                slow_but_unbracketed = true;
            } else {
                return Ok(lo);
            }
        }
        let next = if (inside && fast) || slow_but_unbracketed {
            if b.is_none() {
                unbracketed += 1;
            }
            newton
        } else {
            // Bisect; first make sure the right end is known.
            if b.is_none() {
                match find_right_end(&mut eval, upper()?.max(2.0 * x + scale), &mut a)? {
                    RightEnd::Found(hi) => b = Some(hi),
                    RightEnd::Root(hi) => return Ok(hi),
                }
            }
            bisection_point(a.unwrap_or(lo), b.unwrap_or(f64::INFINITY), scale)
        };
        step_old = step;
        step = next - x;
        let (l, r) = (a.unwrap_or(lo), b.unwrap_or(f64::INFINITY));
        if step.abs() <= 4.0 * f64::EPSILON * next.abs()
            || (r - l) <= 4.0 * f64::EPSILON * r.abs() && r.is_finite()
        {
            return Ok(next);
        }
        if eval.count >= MAX_EVALUATIONS {
            return Err(Error::Numerical(format!(
                "{what}: no convergence in {MAX_EVALUATIONS} evaluations (the root lies in \
                 [{l}, {r}])"
            )));
        }
        x = next;
        (fx, dfx, cautious) = eval.at(x)?;
    }
}

/// The function of [`safeguarded_newton`] with its evaluations counted.
struct Evaluator<'a, F> {
    f: &'a mut F,
    /// Evaluations so far.
    count: usize,
    /// What is searched for, for the errors.
    what: &'a str,
}

impl<'a, F: FnMut(f64) -> Result<(f64, f64, f64)>> Evaluator<'a, F> {
    /// `f` not yet evaluated; `what` names the search in the errors.
    fn new(f: &'a mut F, what: &'a str) -> Self {
        Evaluator { f, count: 0, what }
    }

    /// The function's value and two slopes at `x`; an error where the value is not a number.
    fn at(&mut self, x: f64) -> Result<(f64, f64, f64)> {
        self.count += 1;
        let (fx, dfx, cautious) = (self.f)(x)?;
        if fx.is_nan() {
            let what = self.what;
            return Err(Error::Numerical(format!(
                "{what}: the function cannot be evaluated at {x} (not a number)"
            )));
        }
        Ok((fx, dfx, cautious))
    }
}

/// How the search for the right end of [`safeguarded_newton`]'s bracket ended.
enum RightEnd {
    /// A point where the function is negative.
    Found(f64),
    /// A point where it is 0: a root.
    Root(f64),
}

/// The right end of the bracket: the first of `hi`, 2·hi, 4·hi, … where the function is not
/// positive (each point where it is positive becomes the left end `a`); an error when the
/// evaluations run out or the points overflow first.
fn find_right_end<F: FnMut(f64) -> Result<(f64, f64, f64)>>(
    eval: &mut Evaluator<'_, F>,
    mut hi: f64,
    a: &mut Option<f64>,
) -> Result<RightEnd> {
    loop {
        if eval.count >= MAX_EVALUATIONS || !hi.is_finite() {
            let what = eval.what;
            return Err(Error::Numerical(format!(
                "{what}: no sign change up to {hi}; the search cannot bracket a root"
            )));
        }
        let (f_hi, _, _) = eval.at(hi)?;
        if f_hi < 0.0 {
            return Ok(RightEnd::Found(hi));
        }
        if f_hi == 0.0 {
            return Ok(RightEnd::Root(hi));
        }
        *a = Some(hi);
        hi *= 2.0;
    }
}

/// The bisection point of the bracket `[l, r]`: geometric on `x + scale` while it spans
/// orders of magnitude, else the midpoint.
fn bisection_point(l: f64, r: f64, scale: f64) -> f64 {
    if r + scale > 4.0 * (l + scale) {
        ((l + scale).sqrt() * (r + scale).sqrt() - scale)
            .max(l)
            .min(r)
    } else {
        0.5 * (l + r)
    }
}

/// R's default `uniroot` tolerance, `.Machine$double.eps^0.25`.
pub fn r_uniroot_tolerance() -> f64 {
    f64::EPSILON.powf(0.25)
}

/// R's `uniroot(f, c(lower, upper), extendInt = "upX", tol, maxiter)`, step for step: the
/// interval's upper end is moved up (by 1% of its size, doubling) until `f` is ≥ 0 there, then
/// Brent's zeroin as R's C code runs it (an absolute tolerance `tol`; a secant or inverse
/// quadratic step when it falls inside the bracket and is shorter than half the previous step,
/// bisection otherwise; the best point `b` is returned once the bracket's half-width is below
/// `2ε|b| + tol/2`). A search whose answer depends on which root R's iterations land on (a
/// step function crossing its target more than once, as metafor's fail-safe numbers) needs
/// R's exact path, which a faster or more accurate method would not follow. `None` when the
/// search fails (no sign change within `maxiter` extensions, or no convergence).
pub fn r_uniroot_up(
    mut f: impl FnMut(f64) -> f64,
    lower: f64,
    mut upper: f64,
    tol: f64,
    maxiter: usize,
) -> Option<f64> {
    let f_lower = f(lower);
    let mut f_upper = f(upper);
    if f_lower > 0.0 {
        // "upX" assumes f increasing: a positive value at the lower end has no root above it.
        return None;
    }
    let mut delta = 0.01 * upper.abs().max(1e-4);
    let mut extensions = 0;
    while f_upper < 0.0 {
        extensions += 1;
        if extensions > maxiter || !upper.is_finite() {
            return None;
        }
        upper += delta;
        f_upper = f(upper);
        delta *= 2.0;
    }
    zeroin(&mut f, lower, upper, f_lower, f_upper, tol, maxiter)
}

/// Brent's zeroin with R's conventions (see [`r_uniroot_up`]).
fn zeroin(
    f: &mut impl FnMut(f64) -> f64,
    lower: f64,
    upper: f64,
    f_lower: f64,
    f_upper: f64,
    tol: f64,
    maxiter: usize,
) -> Option<f64> {
    let (mut a, mut b, mut fa, mut fb) = (lower, upper, f_lower, f_upper);
    if fa == 0.0 {
        return Some(a);
    }
    if fb == 0.0 {
        return Some(b);
    }
    let (mut c, mut fc) = (a, fa);
    for _ in 0..=maxiter {
        let previous = b - a;
        if fc.abs() < fb.abs() {
            // Keep b the best approximation, c on the other side of the root.
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol_here = 2.0 * f64::EPSILON * b.abs() + tol / 2.0;
        let half = (c - b) / 2.0;
        if half.abs() <= tol_here || fb == 0.0 {
            return Some(b);
        }
        let mut step = half;
        if previous.abs() >= tol_here && fa.abs() > fb.abs() {
            let to_c = c - b;
            let (mut p, mut q);
            if a == c {
                // Two distinct points: the secant.
                let s = fb / fa;
                p = to_c * s;
                q = 1.0 - s;
            } else {
                // Three: inverse quadratic interpolation.
                let (qa, r, s) = (fa / fc, fb / fc, fb / fa);
                p = s * (to_c * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if p < 0.75 * to_c * q - (tol_here * q).abs() / 2.0 && p < (previous * q / 2.0).abs() {
                step = p / q;
            }
        }
        if step.abs() < tol_here {
            step = if step > 0.0 { tol_here } else { -tol_here };
        }
        a = b;
        fa = fb;
        b += step;
        fb = f(b);
        if (fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0) {
            c = a;
            fc = fa;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_square_root_of_two_to_machine_precision() {
        // sqrt(2) = 1.4142135623730951 (IEEE double nearest).
        let f = |x: f64| Ok(x * x - 2.0);
        let r = brent(f, 0.0, 2.0, -2.0, 2.0, "test").unwrap();
        assert!((r - std::f64::consts::SQRT_2).abs() < 1e-15);
    }

    #[test]
    fn newton_finds_root_of_convex_decreasing_function() {
        // 1/(1 + x) - 0.25 = 0 at x = 3.
        let f = |x: f64| {
            let d = -1.0 / ((1.0 + x) * (1.0 + x));
            Ok((1.0 / (1.0 + x) - 0.25, d, d))
        };
        let r = safeguarded_newton(f, 0.0, 0.0, 1.0, || Ok(10.0), "test").unwrap();
        assert!((r - 3.0).abs() < 1e-14, "{r}");
    }

    #[test]
    fn refuses_a_bracket_without_sign_change() {
        let f = |x: f64| Ok(x * x + 1.0);
        assert!(brent(f, 0.0, 1.0, 1.0, 2.0, "test").is_err());
    }

    /// Wraps `f` to count its evaluations.
    fn counted<'a>(
        f: impl Fn(f64) -> (f64, f64) + 'a,
        count: &'a std::cell::Cell<usize>,
    ) -> impl FnMut(f64) -> Result<(f64, f64, f64)> + 'a {
        move |x| {
            count.set(count.get() + 1);
            let (v, d) = f(x);
            Ok((v, d, d))
        }
    }

    #[test]
    fn newton_steps_that_overshoot_are_replaced_by_bisection() {
        // atan(2 − x): Newton's method from 0 lands at 5.5, then far below 0, and diverges.
        let n = std::cell::Cell::new(0);
        let f = counted(
            |x| ((2.0 - x).atan(), -1.0 / (1.0 + (2.0 - x) * (2.0 - x))),
            &n,
        );
        let r = safeguarded_newton(f, 0.0, 0.0, 1.0, || Ok(100.0), "test").unwrap();
        assert!((r - 2.0).abs() < 1e-14, "{r}");
        assert!(n.get() <= 60, "{} evaluations", n.get());
    }

    #[test]
    fn slow_newton_steps_are_replaced_by_bisection() {
        // 1/(x + 1e-80) − 1 = 0 at x ≈ 1: Newton's steps from 0 only double x + 1e-80, which
        // would take 266 of them.
        let n = std::cell::Cell::new(0);
        let f = counted(
            |x| (1.0 / (x + 1e-80) - 1.0, -1.0 / ((x + 1e-80) * (x + 1e-80))),
            &n,
        );
        let r = safeguarded_newton(f, 0.0, 0.0, 1e-80, || Ok(10.0), "test").unwrap();
        assert!((r - 1.0).abs() < 1e-14, "{r}");
        assert!(n.get() <= MAX_EVALUATIONS, "{} evaluations", n.get());
    }

    #[test]
    fn a_function_whose_sign_is_noise_near_the_root_ends_at_rounding_level() {
        // 1 − x plus ±1e-12 of deterministic "rounding noise": the search must stop, near 1.
        let n = std::cell::Cell::new(0);
        let f = counted(|x| (1.0 - x + 1e-12 * (1e9 * x).sin(), -1.0), &n);
        let r = safeguarded_newton(f, 0.0, 0.5, 1.0, || Ok(4.0), "test").unwrap();
        assert!((r - 1.0).abs() < 1e-11, "{r}");
        assert!(n.get() <= MAX_EVALUATIONS, "{} evaluations", n.get());
    }

    #[test]
    fn a_function_without_a_root_is_a_clear_error_in_bounded_work() {
        let n = std::cell::Cell::new(0);
        let f = counted(|x| (1.0 + x * x, 2.0 * x), &n);
        let e = safeguarded_newton(f, 0.0, 1.0, 1.0, || Ok(10.0), "the test quantity");
        match e {
            Err(Error::Numerical(m)) => {
                assert!(m.starts_with("the test quantity: no sign change"), "{m}")
            }
            other => panic!("{other:?}"),
        }
        assert!(n.get() <= MAX_EVALUATIONS + 1, "{} evaluations", n.get());
    }

    #[test]
    fn a_function_negative_from_the_boundary_on_has_its_root_there() {
        let f = |x: f64| Ok((-1.0 - x, -1.0, -1.0));
        assert_eq!(
            safeguarded_newton(f, 0.0, 3.0, 1.0, || Ok(10.0), "test").unwrap(),
            0.0
        );
    }
}
