//! Solving a design's boundaries: the efficacy bounds (classical shapes, or α-spending look
//! by look), the β-spending futility bounds and the drift at which the last futility bound
//! meets the last efficacy bound (one- and two-sided, binding or not), and the drift that
//! gives the power over fixed bounds. Each bound is the root of one crossing probability
//! ([`super::recursion`]) in its bracket, by Brent's method.

use super::recursion::{Continuation, Density, Recursion};
use super::spending::Spending;
use super::{Efficacy, Futility, LOWEST_BOUND, SequentialSpec, TOLERANCE};
use crate::dist::qnorm;
use crate::error::{Error, Result};
use crate::root;

/// The efficacy bounds of `spec` under H0, with the futility bounds `lower` in place (binding)
/// or none.
pub(super) fn efficacy_bounds(spec: &SequentialSpec, lower: Option<&[f64]>) -> Result<Vec<f64>> {
    match spec.efficacy {
        Efficacy::OBrienFleming => classical_bounds(spec, 0.0, lower),
        Efficacy::Pocock => classical_bounds(spec, 0.5, lower),
        Efficacy::Spending(s) => {
            let h0 = Recursion {
                timing: &spec.timing,
                drift: 0.0,
            };
            let mut bounds = Vec::with_capacity(spec.looks());
            let mut density: Option<Density> = None;
            for k in 0..spec.looks() {
                let c = spending_bound(spec, s, k, &h0, density.as_ref())?;
                bounds.push(c);
                let fut = lower.and_then(|l| l.get(k).copied());
                if k + 1 < spec.looks() {
                    density = Some(h0.advance(k, density.as_ref(), spec.region(fut, c)));
                }
            }
            Ok(bounds)
        }
    }
}

/// The type I error a look may spend under `spending`: α(t_k) − α(t_{k−1}).
fn alpha_increment(spec: &SequentialSpec, spending: Spending, k: usize) -> f64 {
    let before = if k == 0 {
        0.0
    } else {
        spending.spent(spec.timing[k - 1], spec.alpha, spec.sides)
    };
    spending.spent(spec.timing[k], spec.alpha, spec.sides) - before
}

/// The efficacy bound at look `k` that spends its share of α under H0, given the density of
/// going on past look k − 1.
fn spending_bound(
    spec: &SequentialSpec,
    spending: Spending,
    k: usize,
    h0: &Recursion,
    before: Option<&Density>,
) -> Result<f64> {
    let target = alpha_increment(spec, spending, k);
    if before.is_none() {
        // The first look: the normal quantile itself.
        return Ok(-qnorm(target / f64::from(spec.sides)));
    }
    let spent_at = |c: f64| -> f64 {
        let region = spec.region(None, c);
        let exit = h0.exit(k, before, region);
        let lower_tail = if spec.sides == 2 { exit.below } else { 0.0 };
        exit.above + lower_tail
    };
    solve_decreasing(spent_at, target, LOWEST_BOUND, 40.0, || {
        format!(
            "look {}: no efficacy bound spends α = {:e} there",
            k + 1,
            target
        )
    })
}

/// The classical bounds c·t_k^(Δ − ½) with c spending the whole α under H0.
fn classical_bounds(spec: &SequentialSpec, delta: f64, lower: Option<&[f64]>) -> Result<Vec<f64>> {
    let h0 = Recursion {
        timing: &spec.timing,
        drift: 0.0,
    };
    let shape: Vec<f64> = spec.timing.iter().map(|t| t.powf(delta - 0.5)).collect();
    let spent = |c: f64| -> f64 {
        let regions: Vec<Continuation> = shape
            .iter()
            .enumerate()
            .map(|(k, s)| spec.region(lower.and_then(|l| l.get(k).copied()), c * s))
            .collect();
        h0.exits(&regions)
            .iter()
            .map(|e| e.above + if spec.sides == 2 { e.below } else { 0.0 })
            .sum()
    };
    let c = solve_decreasing(spent, spec.alpha, 0.0, 40.0, || {
        "no constant of the boundary spends α".to_string()
    })?;
    Ok(shape.iter().map(|s| c * s).collect())
}

/// The x in [lo, hi] where the decreasing `f` equals `target`.
fn solve_decreasing(
    f: impl Fn(f64) -> f64,
    target: f64,
    lo: f64,
    hi: f64,
    what: impl Fn() -> String,
) -> Result<f64> {
    let (f_lo, f_hi) = (f(lo) - target, f(hi) - target);
    if f_lo < 0.0 || f_hi > 0.0 {
        return Err(Error::numerical(what()));
    }
    Ok(root::brent_to(
        |x| Ok(f(x) - target),
        lo,
        hi,
        f_lo,
        f_hi,
        TOLERANCE,
        &what(),
    )?)
}

/// The drift at which the design rejects H0 (above its upper bounds) with probability 1 − β
/// over its looks, the trial stopping at the futility bounds `futility` where given (rpact's
/// `getDesignCharacteristics` solves the drift this way for every design).
pub(super) fn drift_for_power(
    spec: &SequentialSpec,
    critical: &[f64],
    futility: &[f64],
) -> Result<f64> {
    let regions: Vec<Continuation> = critical
        .iter()
        .enumerate()
        .map(|(k, &c)| spec.region(futility.get(k).copied(), c))
        .collect();
    let power = |drift: f64| -> f64 {
        let r = Recursion {
            timing: &spec.timing,
            drift,
        };
        r.exits(&regions).iter().map(|e| e.above).sum()
    };
    let mut hi = 2.0 * spec.fixed_drift().max(1.0);
    while power(hi) < 1.0 - spec.beta && hi < 100.0 {
        hi *= 2.0;
    }
    solve_increasing(
        power,
        1.0 - spec.beta,
        0.0,
        hi,
        "the drift that gives the power",
    )
}

/// The x in [lo, hi] where the increasing `f` equals `target`.
fn solve_increasing(
    f: impl Fn(f64) -> f64,
    target: f64,
    lo: f64,
    hi: f64,
    what: &str,
) -> Result<f64> {
    solve_decreasing(|x| -f(x), -target, lo, hi, || what.to_string())
}

/// The efficacy bounds, futility bounds and drift of a design with β-spending futility: the
/// drift at which the last futility bound meets the last efficacy bound (rpact's
/// `getDesignGroupSequentialBetaSpendingOneSidedCpp`).
pub(super) fn with_futility(
    spec: &SequentialSpec,
    futility: Futility,
) -> Result<(Vec<f64>, Vec<f64>, f64)> {
    let fixed = if futility.binding {
        None
    } else {
        Some(efficacy_bounds(spec, None)?)
    };
    // The gap between the last futility and efficacy bounds at a drift (increasing in it).
    let gap = |drift: f64| -> Result<(f64, Vec<f64>, Vec<f64>)> {
        let (critical, lower) = bounds_at_drift(spec, futility, drift, fixed.as_deref())?;
        let k = spec.looks() - 1;
        Ok((lower[k] - critical[k], critical, lower))
    };
    let (drift, critical, mut lower) = meeting_drift(spec, gap)?;
    let k = spec.looks() - 1;
    for (i, (a, c)) in lower.iter().zip(&critical).enumerate().take(k) {
        if a > c {
            return Err(Error::field(
                "futility",
                format!(
                    "look {}: the futility bound {a:.4} is above the efficacy bound {c:.4}; spend less β early (another {{field:futility}} or {{field:futility_gamma}})",
                    i + 1
                ),
            ));
        }
    }
    lower.truncate(k);
    Ok((critical, lower, drift))
}

/// The efficacy and futility bounds of a two-sided design with β-spending futility, as
/// rpact 3.3.4's `getDesignGroupSequentialBetaSpendingTwoSidedCpp`: the trial stops for
/// futility at look k when |Z_k| < a_k, each a_k spending its share of β under H1, the drift
/// the one at which the last a meets the last efficacy bound. As rpact:
/// * a look whose futility bound in the one-sided design at α/2 is negative gets none
///   (a = 0);
/// * β is spent from the first look with a positive one-sided bound on, rescaled to spend it
///   all (rpact's `betaAdjustment`, its default);
/// * a bound above its look's efficacy bound is the efficacy bound;
/// * a bound at most 1e-5 is none.
///
/// Returns the efficacy bounds and the interim looks' futility bounds (0: none).
pub(super) fn with_futility_two_sided(
    spec: &SequentialSpec,
    futility: Futility,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let looks = spec.looks();
    let one_sided = SequentialSpec {
        alpha: spec.alpha / 2.0,
        sides: 1,
        ..spec.clone()
    };
    let (_, one_sided_futility, _) = with_futility(&one_sided, futility)?;
    let mut beta: Vec<f64> = spec
        .timing
        .iter()
        .map(|&t| futility.spending.spent(t, spec.beta, 1))
        .collect();
    if let Some(first) = one_sided_futility.iter().position(|&a| a > 0.0) {
        if first > 0 {
            let (from, total) = (beta[first - 1], beta[looks - 1]);
            for (k, b) in beta.iter_mut().enumerate() {
                *b = if k < first {
                    0.0
                } else {
                    (*b - from) / (total - from) * total
                };
            }
        }
    }
    let no_futility: Vec<bool> = (0..looks)
        .map(|k| one_sided_futility.get(k).is_some_and(|&a| a < 0.0))
        .collect();
    let fixed = if futility.binding {
        None
    } else {
        Some(efficacy_bounds(spec, None)?)
    };
    let gap = |drift: f64| -> Result<(f64, Vec<f64>, Vec<f64>)> {
        let (critical, lower) =
            two_sided_bounds_at_drift(spec, &beta, &no_futility, drift, fixed.as_deref())?;
        Ok((lower[looks - 1] - critical[looks - 1], critical, lower))
    };
    let (_, critical, mut lower) = meeting_drift(spec, gap)?;
    lower.truncate(looks - 1);
    for a in &mut lower {
        if *a <= 1e-5 {
            *a = 0.0;
        }
    }
    Ok((critical, lower))
}

/// The drift at which the last futility bound meets the last efficacy bound, with the bounds
/// there: `gap(drift)` is (last futility − last efficacy bound, efficacy bounds, futility
/// bounds), increasing in the drift; bracketed from 0 up by doubling, then Brent's method.
fn meeting_drift(
    spec: &SequentialSpec,
    gap: impl Fn(f64) -> Result<(f64, Vec<f64>, Vec<f64>)>,
) -> Result<(f64, Vec<f64>, Vec<f64>)> {
    let mut hi = 2.0 * spec.fixed_drift().max(1.0);
    while gap(hi)?.0 < 0.0 && hi < 100.0 {
        hi *= 2.0;
    }
    let (g_lo, g_hi) = (gap(0.0)?.0, gap(hi)?.0);
    if g_lo > 0.0 || g_hi < 0.0 {
        return Err(Error::numerical(
            "no drift makes the last futility bound meet the last efficacy bound".to_string(),
        ));
    }
    let drift = root::brent_to(
        |d| Ok(gap(d)?.0),
        0.0,
        hi,
        g_lo,
        g_hi,
        TOLERANCE,
        "the drift at which the futility and efficacy bounds meet",
    )?;
    let (_, critical, lower) = gap(drift)?;
    Ok((drift, critical, lower))
}

/// What the futility searches share at one drift: the recursions under H0 and H1 and the
/// efficacy bound of each look (`fixed` when the futility bounds are non-binding, else the
/// α-spending bound under H0 given the futility bounds so far).
struct LookByLook<'a> {
    spec: &'a SequentialSpec,
    spending: Spending,
    h0: Recursion<'a>,
    h1: Recursion<'a>,
    fixed: Option<&'a [f64]>,
}

impl<'a> LookByLook<'a> {
    fn new(spec: &'a SequentialSpec, drift: f64, fixed: Option<&'a [f64]>) -> Self {
        let spending = match spec.efficacy {
            Efficacy::Spending(s) => s,
            _ => unreachable!("validate() allows futility with α-spending only"),
        };
        LookByLook {
            spec,
            spending,
            h0: Recursion {
                timing: &spec.timing,
                drift: 0.0,
            },
            h1: Recursion {
                timing: &spec.timing,
                drift,
            },
            fixed,
        }
    }

    /// The efficacy bound of look `k`, given the H0 density of going on past look k − 1.
    /// Binding: when the futility bounds of a too large drift leave less than this look's α
    /// to spend under H0, the bound goes to the bottom of its range, which tells the drift
    /// search that the drift is too large.
    fn efficacy(&self, k: usize, d0: Option<&Density>) -> Result<f64> {
        match self.fixed {
            Some(f) => Ok(f[k]),
            None => match spending_bound(self.spec, self.spending, k, &self.h0, d0) {
                Err(Error::Refused(crate::error::Refusal::Numerical(_))) => Ok(LOWEST_BOUND),
                other => other,
            },
        }
    }

    /// Carry the densities under H0 (needed only when the efficacy bounds are not fixed) and
    /// H1 past look `k`, whose efficacy bound is `c` and futility bound `a` (no higher than
    /// `c`: at it the trial always stops).
    fn advance(
        &self,
        k: usize,
        c: f64,
        a: f64,
        d0: &mut Option<Density>,
        d1: &mut Option<Density>,
    ) {
        let region = self.spec.region(Some(a.min(c)), c);
        if self.fixed.is_none() {
            *d0 = Some(self.h0.advance(k, d0.as_ref(), region));
        }
        *d1 = Some(self.h1.advance(k, d1.as_ref(), region));
    }
}

/// The efficacy bounds (`fixed`, or under H0 with the futility holes in place when binding)
/// and the two-sided futility bounds spending the cumulative `beta` under `drift`.
fn two_sided_bounds_at_drift(
    spec: &SequentialSpec,
    beta: &[f64],
    no_futility: &[bool],
    drift: f64,
    fixed: Option<&[f64]>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let looks_by = LookByLook::new(spec, drift, fixed);
    let h1 = &looks_by.h1;
    let looks = spec.looks();
    let (mut critical, mut lower) = (Vec::with_capacity(looks), Vec::with_capacity(looks));
    let (mut d0, mut d1): (Option<Density>, Option<Density>) = (None, None);
    let mut spent = 0.0;
    for k in 0..looks {
        let c = looks_by.efficacy(k, d0.as_ref())?;
        let inside = |a: f64| {
            h1.exit(k, d1.as_ref(), Continuation::two_sided(c, a))
                .inside
        };
        let target = beta[k] - spent;
        let last = k + 1 == looks;
        let a = if no_futility[k] || target <= 0.0 {
            0.0
        } else if last {
            // Unclamped, so that the drift search sees how far the bounds are apart.
            let top = drift * spec.timing[k].sqrt() + 12.0;
            if inside(top) <= target {
                c.max(top) + 12.0
            } else {
                solve_increasing(inside, target, 0.0, top, "a futility bound")?
            }
        } else if inside(c) <= target {
            c
        } else {
            solve_increasing(inside, target, 0.0, c, "a futility bound")?
        };
        spent += inside(a);
        critical.push(c);
        lower.push(a);
        if !last {
            looks_by.advance(k, c, a, &mut d0, &mut d1);
        }
    }
    Ok((critical, lower))
}

/// The efficacy bounds (`fixed`, or under H0 with the futility bounds in place when binding)
/// and the futility bounds spending β under `drift`, look by look.
fn bounds_at_drift(
    spec: &SequentialSpec,
    futility: Futility,
    drift: f64,
    fixed: Option<&[f64]>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let looks_by = LookByLook::new(spec, drift, fixed);
    let h1 = &looks_by.h1;
    let looks = spec.looks();
    let (mut critical, mut lower) = (Vec::with_capacity(looks), Vec::with_capacity(looks));
    let (mut d0, mut d1): (Option<Density>, Option<Density>) = (None, None);
    let mut beta_before = 0.0;
    for k in 0..looks {
        let c = looks_by.efficacy(k, d0.as_ref())?;
        let beta_now = futility.spending.spent(spec.timing[k], spec.beta, 1);
        let target = beta_now - beta_before;
        beta_before = beta_now;
        let mean = drift * spec.timing[k].sqrt();
        let a = match &d1 {
            None => qnorm(target) + mean,
            Some(before) => {
                let stops_below = |a: f64| {
                    h1.exit(k, Some(before), Continuation::new(a, f64::INFINITY))
                        .below
                };
                // The last look may need a bound above its efficacy bound (the drift is then
                // too large); interim looks stop at it (the trial then always stops there).
                let top = if k + 1 == looks { mean + 12.0 } else { c };
                if stops_below(top) <= target {
                    top + if k + 1 == looks { 0.0 } else { 12.0 }
                } else {
                    solve_increasing(stops_below, target, mean - 12.0, top, "a futility bound")?
                }
            }
        };
        critical.push(c);
        lower.push(a);
        if k + 1 < looks {
            looks_by.advance(k, c, a, &mut d0, &mut d1);
        }
    }
    Ok((critical, lower))
}
