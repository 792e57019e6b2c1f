//! SPRITE, sample parameter reconstruction via iterative techniques (Heathers, Anaya, van der
//! Zee & Brown 2018, "Recovering data from summary statistics: Sample Parameter
//! Reconstruction via Iterative TEchniques (SPRITE)", PeerJ Preprints 6:e26968): samples of
//! `n` values on a scale's grid, inside its bounds, whose mean and SD round to the reported
//! ones.
//!
//! Everything is in whole grid steps: a sample has sum `T` (a GRIM-possible sum) and sum of
//! squares `Q` (a GRIMMER-possible sum of squares for that `T`), so "the SD rounds to the
//! reported one" is the exact condition `Q ∈ [Q_lo, Q_hi]`.
//!
//! Two searches:
//! - **Exhaustive** (first, within a budget): a depth-first search over how many values sit
//!   at each level of the scale, pruned by the smallest and largest sum of squares the
//!   remaining values can still reach. When it finishes, the result is *complete*: every
//!   possible sample (as a multiset) is known, and "none" is a proof of inconsistency.
//! - **Random** (when the space is too large to list): the SPRITE idea — start from random
//!   values with the right sum, then repeatedly move one value up a step and another down a
//!   step (the sum stays put) so that the SD moves toward the target, until it is reached.
//!   Distinct samples are collected until enough are found. Reproducible under a seed
//!   (ChaCha8).

use super::exact::{
    IntRange, Rounding, max_sum_of_squares, max_sum_of_squares_i64, min_sum_of_squares,
    min_sum_of_squares_i64, mul,
};
use super::grim::grim;
use super::grimmer::{spread_of, sums_of_squares};
use super::{Grid, Status, fixed};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular};
use crate::reported::ReportedNumber;
use crate::reported::Scale;
use crate::reported::SpreadKind;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::HashSet;

/// Node budget of the exhaustive search before it gives way to the random one.
pub const EXHAUSTIVE_NODE_BUDGET: u64 = 2_000_000;
/// Most levels (distinct values within reach) for the exhaustive search, whose recursion
/// goes one level deeper per scale value.
pub const EXHAUSTIVE_MAX_LEVELS: usize = 1_000;
/// Most samples the exhaustive search lists before it gives way to the random one.
pub const EXHAUSTIVE_SAMPLE_CAP: usize = 10_000;
/// Total steps (value moves) the random search may take over all attempts; it stops with
/// what it has found when they run out (keeps hard cases, near the largest possible SD,
/// from running for minutes).
pub const RANDOM_STEP_BUDGET: u64 = 2_000_000;
/// Most values (samples × n) one search may return: memory and time stay bounded.
pub const MAX_VALUES: usize = 10_000_000;
/// Most possible samples kept whole in [`Sprite::every_sample`].
pub const EVERY_SAMPLE_KEPT: usize = 64;
/// Most levels (distinct values) a scale may have.
const MAX_LEVELS: i128 = 100_000;
/// Most `(sum, sum of squares)` targets considered.
const MAX_TARGETS: i128 = 10_000;

/// What to reconstruct.
#[derive(Debug, Clone)]
pub struct SpriteRequest {
    pub mean: ReportedNumber,
    /// The spread as printed: an SD, or (with `kind` SEM) the standard error of the mean, in
    /// which case the samples are those whose SD/√n rounds to it.
    pub sd: ReportedNumber,
    /// What `sd` is: [`SpreadKind::Sd`] or [`SpreadKind::Sem`].
    pub kind: SpreadKind,
    pub n: u64,
    /// Bounds and grid; the minimum and the grid are required, an open maximum is allowed
    /// (the SD then bounds the values).
    pub scale: Scale,
    /// How many distinct samples to return.
    pub samples: usize,
    /// Seed of the random search (and of the choice among exhaustive results).
    pub seed: u64,
    /// Whether to fall back to the random search when the exhaustive one runs out of budget
    /// (otherwise the result is then empty and not complete).
    pub random_fallback: bool,
    pub rounding: Rounding,
}

/// How often each scale value occurs, summed over the samples described.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueCount {
    pub value: f64,
    pub count: u64,
}

/// Per-value counts over a set of samples: the data of a histogram of reconstructions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpriteHistogram {
    /// How many samples the counts are summed over.
    pub samples: u64,
    /// One entry per scale value from the lowest to the highest that occurs.
    pub bins: Vec<ValueCount>,
}

/// The reconstruction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sprite {
    /// The three-valued answer ([`Status::answer`]): `true` the numbers can be true together,
    /// `false` they cannot, `null` the check cannot say (not applicable).
    pub consistent: Option<bool>,
    pub status: Status,
    pub detail: String,
    /// True when the exhaustive search finished: `samples` are then drawn from the full list
    /// of `total_samples` possible samples (all of them when there are few).
    pub complete: bool,
    /// The number of possible samples, when the search was complete.
    pub total_samples: Option<u64>,
    /// Samples, each sorted ascending, in scale units.
    pub samples: Vec<Vec<f64>>,
    /// Every possible sample, when the search was complete and found at most
    /// [`EVERY_SAMPLE_KEPT`] (for a chart of all of them); `None` otherwise.
    #[serde(skip)]
    pub every_sample: Option<Vec<Vec<f64>>>,
    /// Per-value counts: over every possible sample when complete, else over `samples`.
    pub histogram: SpriteHistogram,
    pub mean: String,
    pub sd: String,
    pub n: u64,
    pub seed: u64,
}

/// A sum `t` and the sums of squares `qa..=qb` (same parity as `t`) that reproduce the summary.
#[derive(Debug, Clone, Copy)]
struct Target<T = i128> {
    t: T,
    qa: T,
    qb: T,
}

/// Reconstruct samples for `req`.
///
/// ```
/// use trialstats_numerics::reported::{ReportedNumber, SpreadKind};
/// use trialstats_stats::checks::input::scale;
/// use trialstats_stats::checks::sprite::{sprite, SpriteRequest};
/// use trialstats_stats::checks::Rounding;
/// // Four integers from 1 to 7 with mean 2.50 and SD 1.29: the sum is 10, and an SD in
/// // [1.285, 1.295) needs squared deviations summing to 3·SD² in [4.95, 5.03], so 5, a sum of
/// // squares of 30. Of the ways to write 10 as four such integers only 1 + 2 + 3 + 4 gives 30.
/// let request = SpriteRequest {
///     mean: ReportedNumber::parse("2.50", "mean")?,
///     sd: ReportedNumber::parse("1.29", "sd")?,
///     kind: SpreadKind::Sd,
///     n: 4,
///     scale: scale(Some("1"), Some("7"), Some("1"), 1)?,
///     samples: 5,
///     seed: 1,
///     random_fallback: false,
///     rounding: Rounding::UpOrDown,
/// };
/// let s = sprite(&request)?;
/// assert_eq!((s.complete, s.total_samples), (true, Some(1)));
/// assert_eq!(s.samples, vec![vec![1.0, 2.0, 3.0, 4.0]]);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn sprite(req: &SpriteRequest) -> Result<Sprite> {
    #[cfg(debug_assertions)]
    crate::counters::count(crate::counters::Work::SpriteSearch);
    let (grid, lo, hi) = checked_scale(req)?;
    let n = req.n as i128;
    let targets = targets(req, grid, lo, hi)?;
    let mut out = Sprite {
        consistent: Some(false),
        status: Status::Inconsistent,
        detail: String::new(),
        complete: true,
        total_samples: Some(0),
        samples: Vec::new(),
        every_sample: None,
        histogram: SpriteHistogram {
            samples: 0,
            bins: Vec::new(),
        },
        mean: req.mean.text.clone(),
        sd: req.sd.text.clone(),
        n: req.n,
        seed: req.seed,
    };
    if targets.is_empty() {
        out.detail = format!(
            "no sample of {} values exists: no whole-step sum and sum of squares inside the scale give mean {} and SD {}",
            req.n, req.mean.text, req.sd.text
        );
        return Ok(out);
    }
    let (low, high) = levels_within_reach(&targets, n, lo, hi)?;
    let levels = (high - low + 1) as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(req.seed);

    let exhaustive = if levels <= EXHAUSTIVE_MAX_LEVELS {
        enumerate(&targets, n, low, high)
    } else {
        None
    };
    let histograms: Vec<Vec<u32>> = match exhaustive {
        Some(all) => {
            out.total_samples = Some(all.len() as u64);
            out.histogram = histogram(&all, low, grid);
            if all.len() <= EVERY_SAMPLE_KEPT {
                out.every_sample = Some(all.iter().map(|h| values_of(h, low, grid)).collect());
            }
            choose_samples(all, req.samples, &mut rng)
        }
        None => {
            out.complete = false;
            out.total_samples = None;
            let found = if req.random_fallback {
                random_search(&targets, req.n, low, levels, req.samples, &mut rng)
            } else {
                Vec::new()
            };
            out.histogram = histogram(&found, low, grid);
            found
        }
    };
    out.samples = histograms.iter().map(|h| values_of(h, low, grid)).collect();
    let example = histograms
        .first()
        .map(|h| example_summary(req, h, low, grid));
    (out.status, out.detail) = verdict(req, &out, example);
    out.consistent = out.status.answer();
    Ok(out)
}

/// The scale's grid and its bounds in grid steps (minimum, optional maximum), after checking
/// that the request has a step, a minimum, n ≥ 2 and a bounded number of values to return.
fn checked_scale(req: &SpriteRequest) -> Result<(Grid, i128, Option<i128>)> {
    let grid = req
        .scale
        .grid("{field:step}")?
        .ok_or_else(|| Error::usage("SPRITE needs the scale's step".into()))?;
    let (lo, hi) = req.scale.bounds_in_steps(Some(grid))?;
    let lo = lo.ok_or_else(|| Error::field("min", "SPRITE needs the scale minimum"))?;
    if req.n < 2 {
        return Err(Error::field(
            "n",
            "SPRITE needs n ≥ 2 (an SD needs two values)",
        ));
    }
    if req.samples == 0 {
        return Err(Error::field("samples", "ask for at least 1 sample"));
    }
    if (req.samples as u128) * (req.n as u128) > MAX_VALUES as u128 {
        return Err(Error::field(
            "samples",
            format!(
                "{} samples of {} values would be more than {MAX_VALUES} values to hold; ask for fewer samples",
                req.samples, req.n
            ),
        ));
    }
    Ok((grid, lo, hi))
}

/// The lowest and highest scale levels (in grid steps) any target's sample can reach, inside
/// the scale's bounds; an error when there are more than [`MAX_LEVELS`] of them.
fn levels_within_reach(
    targets: &[Target],
    n: i128,
    lo: i128,
    hi: Option<i128>,
) -> Result<(i128, i128)> {
    // Values cannot stray further from the mean than the SD allows:
    // (u − T/n)² ≤ (n − 1)/n · (Q − T²/n).
    let reach = |t: &Target| {
        let nf = n as f64;
        let tf = t.t as f64;
        let spread = ((nf - 1.0) / nf * (t.qb as f64 - tf * tf / nf))
            .max(0.0)
            .sqrt();
        (
            (tf / nf - spread).floor() as i128 - 1,
            (tf / nf + spread).ceil() as i128 + 1,
        )
    };
    let low = targets
        .iter()
        .map(|t| reach(t).0)
        .min()
        .unwrap_or(lo)
        .max(lo);
    let mut high = targets.iter().map(|t| reach(t).1).max().unwrap_or(lo);
    if let Some(h) = hi {
        high = high.min(h);
    }
    if high - low + 1 > MAX_LEVELS {
        return Err(Error::field(
            "step",
            format!("the scale has more than {MAX_LEVELS} values within reach; use a coarser step"),
        ));
    }
    Ok((low, high))
}

/// All the exhaustive search's samples when there are at most `samples`, else `samples` of
/// them picked by a seeded partial Fisher–Yates shuffle, sorted.
fn choose_samples(all: Vec<Vec<u32>>, samples: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<u32>> {
    if all.len() <= samples {
        all
    } else {
        let mut all = all;
        // A seeded partial Fisher–Yates shuffle picks `samples` of them.
        for i in 0..samples {
            let j = rng.random_range(i..all.len());
            all.swap(i, j);
        }
        all.truncate(samples);
        all.sort();
        all
    }
}

/// The text " (e.g. mean …, SD …)" giving one sample's own mean and spread, three decimals
/// beyond the reported ones.
fn example_summary(req: &SpriteRequest, counts: &[u32], low: i128, grid: Grid) -> String {
    let (t, q) = sums(counts, low);
    format!(
        " (e.g. mean {}, {} {})",
        fixed(
            grid.value_of(t) / req.n as f64,
            req.mean.decimals as usize + 3
        ),
        if req.kind == SpreadKind::Sem {
            "SEM"
        } else {
            "SD"
        },
        fixed(
            spread_of(t, q, req.n, req.kind, grid),
            req.sd.decimals as usize + 3
        )
    )
}

/// The status and detail sentence of a search whose samples and completeness are in `out`.
fn verdict(req: &SpriteRequest, out: &Sprite, example: Option<String>) -> (Status, String) {
    let what = match req.kind {
        SpreadKind::Sem => format!("{} ± {} (SEM), n = {}", req.mean.text, req.sd.text, req.n),
        _ => format!("{} ± {}, n = {}", req.mean.text, req.sd.text, req.n),
    };
    match (out.complete, out.total_samples) {
        (true, Some(0)) => (
            Status::Inconsistent,
            format!("no sample exists for {what} within the scale (exhaustive search)"),
        ),
        (true, Some(total)) => (
            Status::Consistent,
            format!(
                "exactly {total} possible sample{} for {what} (exhaustive search); {} shown{}",
                if total == 1 { "" } else { "s" },
                out.samples.len(),
                example.unwrap_or_default()
            ),
        ),
        _ if !req.random_fallback => (
            Status::NotApplicable,
            format!("too many possible samples for {what} to list them all"),
        ),
        _ if out.samples.is_empty() => (
            Status::Warning,
            format!(
                "no sample found for {what}; the random search is not exhaustive, so this is not a proof"
            ),
        ),
        _ => (
            Status::Consistent,
            format!(
                "{} distinct sample{} found for {what} by random search (too many possibilities for the exhaustive search, so not necessarily all){}",
                out.samples.len(),
                if out.samples.len() == 1 { "" } else { "s" },
                example.unwrap_or_default()
            ),
        ),
    }
}

/// The `(T, Q range)` pairs that reproduce mean and SD inside the scale.
fn targets(req: &SpriteRequest, grid: Grid, lo: i128, hi: Option<i128>) -> Result<Vec<Target>> {
    let n = req.n as i128;
    let sums = grim(&req.mean, req.n, grid, req.rounding)?.sums_in_steps;
    let inside = sums.intersect(&IntRange {
        first: mul(lo, n)?,
        last: match hi {
            Some(h) => mul(h, n)?,
            None => i128::MAX,
        },
    });
    if inside.len() > MAX_TARGETS {
        return Err(Error::field(
            "n",
            format!(
                "{} sums of {} values on this step round to the mean {}: too many to reconstruct samples (a coarser step or a smaller n is needed)",
                inside.len(),
                req.n,
                req.mean.text
            ),
        ));
    }
    let mut out = Vec::new();
    for t in inside.first..=inside.last {
        let q = sums_of_squares(
            t,
            req.n,
            &req.sd,
            super::definite(req.kind)?,
            grid,
            req.rounding,
        )?;
        let q_min = min_sum_of_squares(n, t, lo, hi.unwrap_or(i128::MAX / 4));
        let q_max = match hi {
            Some(h) => max_sum_of_squares(n, t, lo, h),
            None => Some(q.last),
        };
        let (Some(q_min), Some(q_max)) = (q_min, q_max) else {
            continue;
        };
        let mut qa = q.first.max(q_min);
        let mut qb = q.last.min(q_max);
        if (qa - t).rem_euclid(2) != 0 {
            qa += 1;
        }
        if (qb - t).rem_euclid(2) != 0 {
            qb -= 1;
        }
        if qa <= qb {
            out.push(Target { t, qa, qb });
        }
    }
    Ok(out)
}

/// Every sample (as counts per level `low..=high`), or `None` when the budget runs out.
fn enumerate(targets: &[Target], n: i128, low: i128, high: i128) -> Option<Vec<Vec<u32>>> {
    let levels = (high - low + 1) as usize;
    if fits_in_i64(targets, n, low, high) {
        let targets: Vec<Target<i64>> = targets.iter().map(Target::narrow).collect();
        Exhaustive::<i64>::run(&targets, n as i64, (low as i64, high as i64), levels)
    } else {
        Exhaustive::<i128>::run(targets, n, (low, high), levels)
    }
}

/// Whether every number the search of `targets` can meet (sums, sums of squares and the
/// products that bound them, at most about `4 n m²` with `m` the largest level in absolute
/// value) fits in an `i64` with room to spare: then the search counts in `i64`, the same
/// arithmetic, whose division the processor does (128-bit division is done in software, and
/// was most of the time of a `check` of many time points).
fn fits_in_i64(targets: &[Target], n: i128, low: i128, high: i128) -> bool {
    const ROOM: i128 = 1 << 60;
    let m = low.abs().max(high.abs()) + 1;
    let bound = m
        .checked_mul(m)
        .and_then(|m2| m2.checked_mul(n))
        .and_then(|b| b.checked_mul(4));
    bound.is_some_and(|b| b < ROOM)
        && targets
            .iter()
            .all(|t| t.t.abs() < ROOM && t.qa.abs() < ROOM && t.qb.abs() < ROOM)
}

/// The whole numbers the exhaustive search counts in: `i64` where everything fits
/// ([`fits_in_i64`]), `i128` otherwise.
trait Whole:
    Copy
    + Ord
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    fn of_index(i: usize) -> Self;
    /// `self as u32`.
    fn count(self) -> u32;
    /// [`min_sum_of_squares`] in this type.
    fn min_squares(r: Self, s: Self, lo: Self, hi: Self) -> Option<Self>;
    /// [`max_sum_of_squares`] in this type.
    fn max_squares(r: Self, s: Self, lo: Self, hi: Self) -> Option<Self>;
}

impl Whole for i128 {
    const ZERO: Self = 0;
    const ONE: Self = 1;
    fn of_index(i: usize) -> Self {
        i as i128
    }
    fn count(self) -> u32 {
        self as u32
    }
    fn min_squares(r: Self, s: Self, lo: Self, hi: Self) -> Option<Self> {
        min_sum_of_squares(r, s, lo, hi)
    }
    fn max_squares(r: Self, s: Self, lo: Self, hi: Self) -> Option<Self> {
        max_sum_of_squares(r, s, lo, hi)
    }
}

/// The `i64` sums of squares take the same steps as the `i128` ones, so they give the same
/// results wherever nothing overflows, which [`fits_in_i64`] ensures.
impl Whole for i64 {
    const ZERO: Self = 0;
    const ONE: Self = 1;
    fn of_index(i: usize) -> Self {
        i as i64
    }
    fn count(self) -> u32 {
        self as u32
    }
    fn min_squares(r: Self, s: Self, lo: Self, hi: Self) -> Option<Self> {
        min_sum_of_squares_i64(r, s, lo, hi)
    }
    fn max_squares(r: Self, s: Self, lo: Self, hi: Self) -> Option<Self> {
        max_sum_of_squares_i64(r, s, lo, hi)
    }
}

impl Target {
    /// The target in `i64` (it fits: [`fits_in_i64`]).
    fn narrow(&self) -> Target<i64> {
        Target {
            t: self.t as i64,
            qa: self.qa as i64,
            qb: self.qb as i64,
        }
    }
}

struct Exhaustive<T> {
    low: T,
    high: T,
    counts: Vec<u32>,
    /// The samples found, one after the other (`counts.len()` numbers each): one allocation,
    /// where a vector per sample cost as much as the search itself when it stops at the cap.
    found: Vec<u32>,
    found_count: usize,
    nodes: u64,
}

impl<T: Whole> Exhaustive<T> {
    /// Every sample of every target on the `levels` levels `low..=high`, or `None` when the
    /// budget runs out.
    fn run(
        targets: &[Target<T>],
        n: T,
        (low, high): (T, T),
        levels: usize,
    ) -> Option<Vec<Vec<u32>>> {
        let mut search = Exhaustive {
            low,
            high,
            counts: vec![0; levels],
            found: Vec::new(),
            found_count: 0,
            nodes: 0,
        };
        for t in targets {
            if !search.descend(0, n, t.t, T::ZERO, t) {
                return None;
            }
        }
        let found = &search.found;
        Some(
            (0..search.found_count)
                .map(|i| found[i * levels..(i + 1) * levels].to_vec())
                .collect(),
        )
    }

    /// Place `left` values summing to `sum` at levels `low + index ..= high`, with `q` the sum
    /// of squares so far. Returns false when the budget ran out.
    fn descend(&mut self, index: usize, left: T, sum: T, q: T, target: &Target<T>) -> bool {
        self.nodes += 1;
        if self.nodes > EXHAUSTIVE_NODE_BUDGET || self.found_count > EXHAUSTIVE_SAMPLE_CAP {
            return false;
        }
        let v = self.low + T::of_index(index);
        if left == T::ZERO {
            if sum == T::ZERO && q >= target.qa && q <= target.qb {
                self.found.extend_from_slice(&self.counts);
                self.found_count += 1;
            }
            return true;
        }
        if v > self.high {
            return true;
        }
        let mut c = T::ZERO;
        while c <= left {
            // Every count tried costs budget (n can be large).
            self.nodes += 1;
            if self.nodes > EXHAUSTIVE_NODE_BUDGET {
                return false;
            }
            let rest = left - c;
            let rest_sum = sum - c * v;
            let q_here = q + c * v * v;
            // Feasibility of the rest on levels v+1 ..= high (or nothing left).
            let feasible = if rest == T::ZERO {
                rest_sum == T::ZERO && q_here >= target.qa && q_here <= target.qb
            } else if v + T::ONE > self.high {
                false
            } else {
                match (
                    T::min_squares(rest, rest_sum, v + T::ONE, self.high),
                    T::max_squares(rest, rest_sum, v + T::ONE, self.high),
                ) {
                    (Some(a), Some(b)) => q_here + a <= target.qb && q_here + b >= target.qa,
                    _ => false,
                }
            };
            if rest_sum < T::ZERO && v >= T::ZERO {
                break;
            }
            if feasible {
                self.counts[index] = c.count();
                let ok = self.descend(index + 1, rest, rest_sum, q_here, target);
                self.counts[index] = 0;
                if !ok {
                    return false;
                }
            }
            c = c + T::ONE;
        }
        true
    }
}

/// SPRITE's random search for `wanted` distinct samples. Stops early when the step budget
/// runs out or when many samples in a row are ones already found (the space is then nearly
/// exhausted).
fn random_search(
    targets: &[Target],
    n: u64,
    low: i128,
    levels: usize,
    wanted: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<Vec<u32>> {
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    let mut out = Vec::new();
    let attempts = wanted.saturating_mul(20).saturating_add(1000);
    let mut budget = RANDOM_STEP_BUDGET;
    let mut repeats = 0;
    for _ in 0..attempts {
        if budget == 0 || repeats > MAX_REPEATS_IN_A_ROW {
            break;
        }
        let target = targets[rng.random_range(0..targets.len())];
        if let Some(h) = one_sample(&target, n as usize, low, levels, rng, &mut budget) {
            if seen.insert(h.clone()) {
                out.push(h);
                repeats = 0;
                if out.len() == wanted {
                    break;
                }
            } else {
                repeats += 1;
            }
        }
    }
    out.sort();
    out
}

/// The random search stops after this many samples in a row that were already found.
const MAX_REPEATS_IN_A_ROW: usize = 2_000;

/// One random sample with sum `target.t` and sum of squares in `target.qa..=target.qb`,
/// as counts per level; the values are kept as a list of levels so that a random value is
/// drawn in constant time.
fn one_sample(
    target: &Target,
    n: usize,
    low: i128,
    levels: usize,
    rng: &mut ChaCha8Rng,
    budget: &mut u64,
) -> Option<Vec<u32>> {
    let top = levels - 1;
    // Start from uniform values around the target mean whose spread matches the target SD
    // (a uniform on [m − c, m + c] has SD c/√3), so that few moves are needed.
    let nf = n as f64;
    let mean_level = target.t as f64 / nf - low as f64;
    let sd_steps = ((target.qa as f64 - (target.t as f64).powi(2) / nf) / (nf - 1.0))
        .max(0.0)
        .sqrt();
    let half_width = 3f64.sqrt() * sd_steps;
    let from = (mean_level - half_width).floor().clamp(0.0, top as f64) as usize;
    let to = (mean_level + half_width).ceil().clamp(0.0, top as f64) as usize;
    let mut values: Vec<usize> = (0..n)
        .map(|_| rng.random_range(from..=to.max(from)))
        .collect();
    let level_value = |l: usize| low + l as i128;
    let mut sum: i128 = values.iter().map(|&l| level_value(l)).sum();
    // Bring the sum to the target: move random values up (or down) as far as needed.
    let mut guard = 0;
    while sum != target.t {
        guard += 1;
        if guard > 100 * n + 1000 || *budget == 0 {
            return None;
        }
        *budget -= 1;
        let up = sum < target.t;
        let i = rng.random_range(0..n);
        let room = if up { top - values[i] } else { values[i] } as i128;
        if room == 0 {
            continue;
        }
        let step = rng.random_range(1..=room.min((target.t - sum).abs())) as usize;
        if up {
            values[i] += step;
            sum += step as i128;
        } else {
            values[i] -= step;
            sum -= step as i128;
        }
    }
    let mut q: i128 = values
        .iter()
        .map(|&l| level_value(l) * level_value(l))
        .sum();
    // Move one value up a step and another down a step until the SD is on target.
    let mut iterations = 0;
    while q < target.qa || q > target.qb {
        iterations += 1;
        if iterations > 200 * n + 10 * levels || *budget == 0 {
            return None;
        }
        *budget -= 1;
        let increase = q < target.qa;
        let room = if increase {
            target.qb - q
        } else {
            q - target.qa
        };
        let (i, j) = pair(&values, top, increase, room, rng, budget)?;
        // Move both values by k steps rather than one when that stays on course: on fine
        // grids one-step moves would take far too long.
        let (a, b) = (values[i], values[j]);
        let k_max = if increase {
            (top - a).min(b)
        } else {
            (b - a) / 2
        };
        let k = rng.random_range(1..=k_max.max(1));
        let delta = change_by(a, b, k, low);
        let on_course = if increase {
            delta > 0 && delta <= room
        } else {
            delta < 0 && -delta <= room
        };
        let k = if on_course { k } else { 1 };
        q += change_by(a, b, k, low);
        values[i] += k;
        values[j] -= k;
    }
    let mut counts = vec![0u32; levels];
    for l in values {
        counts[l] += 1;
    }
    Some(counts)
}

/// Change in the sum of squares when a value at level `i` moves up `k` steps and one at `j`
/// moves down `k` steps: `(a + k)² − a² + (b − k)² − b² = 2k(a − b) + 2k²`.
fn change_by(i: usize, j: usize, k: usize, low: i128) -> i128 {
    let a = low + i as i128;
    let b = low + j as i128;
    let k = k as i128;
    2 * k * (a - b) + 2 * k * k
}

/// Two different values `(i, j)` (indices into `values`): `i` goes up a step and `j` down,
/// changing the sum of squares in the wanted direction by at most `room`. Random first;
/// then the gentlest such move, found by scanning the occupied levels.
fn pair(
    values: &[usize],
    top: usize,
    increase: bool,
    room: i128,
    rng: &mut ChaCha8Rng,
    budget: &mut u64,
) -> Option<(usize, usize)> {
    let moves = |a: usize, b: usize| -> bool {
        if a >= top || b == 0 {
            return false;
        }
        let d = 2 * (a as i128 - b as i128) + 2;
        if increase {
            d > 0 && d <= room
        } else {
            d < 0 && -d <= room
        }
    };
    let n = values.len();
    for _ in 0..30 {
        let i = rng.random_range(0..n);
        let j = rng.random_range(0..n);
        if i != j && moves(values[i], values[j]) {
            return Some((i, j));
        }
    }
    let mut counts = vec![0u32; top + 1];
    for &l in values {
        counts[l] += 1;
    }
    let occupied: Vec<usize> = (0..=top).filter(|&l| counts[l] > 0).collect();
    *budget = budget.saturating_sub((occupied.len() * occupied.len() + n) as u64 / 64);
    let mut best: Option<(i128, usize, usize)> = None;
    for &a in &occupied {
        for &b in &occupied {
            if moves(a, b) && (a != b || counts[a] >= 2) {
                let d = (2 * (a as i128 - b as i128) + 2).abs();
                if best.is_none_or(|(x, _, _)| d < x) {
                    best = Some((d, a, b));
                }
            }
        }
    }
    let (_, a, b) = best?;
    let i = values.iter().position(|&l| l == a)?;
    let j = values
        .iter()
        .enumerate()
        .position(|(k, &l)| l == b && k != i)?;
    Some((i, j))
}

/// Sum and sum of squares (in steps) of a sample given as counts per level.
fn sums(counts: &[u32], low: i128) -> (i128, i128) {
    counts.iter().enumerate().fold((0, 0), |(s, q), (l, c)| {
        let v = low + l as i128;
        let c = *c as i128;
        (s + c * v, q + c * v * v)
    })
}

/// A sample as sorted values in scale units.
fn values_of(counts: &[u32], low: i128, grid: Grid) -> Vec<f64> {
    let mut out = Vec::new();
    for (l, c) in counts.iter().enumerate() {
        for _ in 0..*c {
            out.push(grid.value_of(low + l as i128));
        }
    }
    out
}

/// Per-value counts summed over samples, from the lowest to the highest value present.
fn histogram(samples: &[Vec<u32>], low: i128, grid: Grid) -> SpriteHistogram {
    let Some(first) = samples.first() else {
        return SpriteHistogram {
            samples: 0,
            bins: Vec::new(),
        };
    };
    let mut totals = vec![0u64; first.len()];
    for s in samples {
        for (t, c) in totals.iter_mut().zip(s) {
            *t += *c as u64;
        }
    }
    let from = totals.iter().position(|c| *c > 0).unwrap_or(0);
    let to = totals.iter().rposition(|c| *c > 0).unwrap_or(0);
    SpriteHistogram {
        samples: samples.len() as u64,
        bins: (from..=to)
            .map(|l| ValueCount {
                value: grid.value_of(low + l as i128),
                count: totals[l],
            })
            .collect(),
    }
}

impl Tabular for Sprite {
    fn table(&self) -> Table {
        let decimals = 4;
        Table {
            header: vec!["sample".into(), "values".into()],
            rows: self
                .samples
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let text: Vec<String> = s
                        .iter()
                        .map(|v| {
                            let t = fixed(*v, decimals);
                            let t = t.trim_end_matches('0').trim_end_matches('.');
                            t.to_string()
                        })
                        .collect();
                    vec![Cell::Integer(i as i64 + 1), Cell::Text(text.join(" "))]
                })
                .collect(),
        }
    }
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "SPRITE: {}\nstatus: {}",
            self.detail,
            self.status.as_str()
        ))
    }
    fn epilogue(&self) -> Option<String> {
        let bins: Vec<String> = self
            .histogram
            .bins
            .iter()
            .map(|b| format!("{}: {}", crate::output::human_number(b.value), b.count))
            .collect();
        Some(format!(
            "value counts over {} sample{}: {}",
            self.histogram.samples,
            if self.histogram.samples == 1 { "" } else { "s" },
            bins.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rv;
    fn request(
        mean: &str,
        sd: &str,
        n: u64,
        min: &str,
        max: Option<&str>,
        step: &str,
    ) -> SpriteRequest {
        SpriteRequest {
            kind: SpreadKind::Sd,
            mean: rv(mean),
            sd: rv(sd),
            n,
            scale: Scale::new(Some(rv(min)), max.map(rv), Some(rv(step))).unwrap(),
            samples: 100,
            seed: 1,
            random_fallback: true,
            rounding: Rounding::UpOrDown,
        }
    }

    #[test]
    fn nmo_relapses_have_one_possible_sample() {
        // 0.4 ± 0.8 relapses, n = 7, integers ≥ 0: T = 3 and Q = 5 (see grimmer.rs). Seven
        // non-negative integers with sum 3 and squares summing to 5: {2,1,0,0,0,0,0} only
        // ({1,1,1} gives 3, {3} gives 9). So 5 of 7 relapse-free.
        let s = sprite(&request("0.4", "0.8", 7, "0", None, "1")).unwrap();
        assert!(s.complete);
        assert_eq!(s.total_samples, Some(1));
        assert_eq!(s.samples, vec![vec![0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0]]);
        let zeros = s.histogram.bins.iter().find(|b| b.value == 0.0).unwrap();
        assert_eq!(zeros.count, 5);
    }

    #[test]
    fn nmo_pain_after_treatment_has_one_possible_sample() {
        // Pain NRS 0.9 ± 1.2, n = 7 on 0..10: T = 6 and Q = 14 (see grimmer.rs). Seven
        // non-negative integers summing to 6 with squares summing to 14: the multisets of
        // positive parts of 6 give {6}: 36, {5,1}: 26, {4,2}: 20, {4,1,1}: 18, {3,3}: 18,
        // {3,2,1}: 14, {3,1,1,1}: 12, {2,2,2}: 12, {2,2,1,1}: 10, {2,1,1,1,1}: 8,
        // {1,1,1,1,1,1}: 6 — only {3,2,1}. So four of seven patients reported no pain.
        let s = sprite(&request("0.9", "1.2", 7, "0", Some("10"), "1")).unwrap();
        assert_eq!(s.total_samples, Some(1));
        assert_eq!(s.samples, vec![vec![0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0]]);
    }

    #[test]
    fn small_cases_are_complete_and_verifiable() {
        // Pain 3.0 ± 1.5, n = 7 on 0..10: T = 21, Q = 77 only. Every listed sample must
        // reproduce both (checked here by recomputing mean and SD in floating point and
        // rounding as R would: round(mean, 1) == 3.0, round(sd, 1) == 1.5).
        let s = sprite(&request("3.0", "1.5", 7, "0", Some("10"), "1")).unwrap();
        assert!(s.complete && s.status.possible());
        let total = s.total_samples.unwrap();
        assert!(total > 0);
        for x in &s.samples {
            let m = x.iter().sum::<f64>() / 7.0;
            let v = x.iter().map(|y| (y - m) * (y - m)).sum::<f64>() / 6.0;
            assert!(
                (m - 3.0).abs() <= 0.05 + 1e-12 && (v.sqrt() - 1.5).abs() <= 0.05 + 1e-12,
                "{x:?}"
            );
        }
    }

    #[test]
    fn exhaustive_count_matches_brute_force() {
        // Independent reference: every multiset of 5 integers in 1..=5 (126 of them), keep
        // those whose mean rounds to 3.0 and SD to 1.2 (|x − r| ≤ 0.05).
        let mut count = 0;
        let mut x = [1i32; 5];
        loop {
            let m = x.iter().sum::<i32>() as f64 / 5.0;
            let v = x.iter().map(|y| (*y as f64 - m).powi(2)).sum::<f64>() / 4.0;
            if (m - 3.0).abs() <= 0.05 + 1e-12 && (v.sqrt() - 1.2).abs() <= 0.05 + 1e-12 {
                count += 1;
            }
            // next non-decreasing sequence
            let mut i = 4;
            loop {
                if x[i] < 5 {
                    x[i] += 1;
                    let val = x[i];
                    for y in x.iter_mut().skip(i + 1) {
                        *y = val;
                    }
                    break;
                }
                if i == 0 {
                    i = usize::MAX;
                    break;
                }
                i -= 1;
            }
            if i == usize::MAX {
                break;
            }
        }
        let s = sprite(&request("3.0", "1.2", 5, "1", Some("5"), "1")).unwrap();
        assert!(s.complete);
        assert_eq!(s.total_samples, Some(count));
    }

    /// The search in `i64` and in `i128` (the code of the search before it had a choice of
    /// type) list the same samples in the same order, or both run out of budget: complete
    /// searches, ones that stop at the sample cap, ones that stop at the node budget.
    #[test]
    fn i64_and_i128_searches_agree() {
        let cases = [
            ("3.0", "1.2", 5, "1", "5", "1"),
            ("2.50", "1.29", 4, "1", "7", "1"),
            ("0.4", "0.8", 7, "0", "10", "1"),
            ("4.35", "2.11", 20, "0", "10", "0.5"),
            ("30.0", "4.0", 12, "0", "60", "1"),
            ("-2.3", "3.1", 9, "-10", "10", "1"),
            ("150.5", "20.3", 40, "0", "300", "1"),
        ];
        let (mut complete, mut stopped) = (0, 0);
        for (mean, sd, n, min, max, step) in cases {
            let req = request(mean, sd, n, min, Some(max), step);
            let (grid, lo, hi) = checked_scale(&req).unwrap();
            let targets = targets(&req, grid, lo, hi).unwrap();
            let (low, high) = levels_within_reach(&targets, n as i128, lo, hi).unwrap();
            assert!(fits_in_i64(&targets, n as i128, low, high));
            let levels = (high - low + 1) as usize;
            let narrow: Vec<Target<i64>> = targets.iter().map(Target::narrow).collect();
            let small =
                Exhaustive::<i64>::run(&narrow, n as i64, (low as i64, high as i64), levels);
            let wide = Exhaustive::<i128>::run(&targets, n as i128, (low, high), levels);
            assert_eq!(small, wide, "{mean} ± {sd}, n = {n}");
            if wide.is_some() {
                complete += 1;
            } else {
                stopped += 1;
            }
        }
        assert!(
            complete >= 3 && stopped >= 2,
            "{complete} complete, {stopped} stopped"
        );
    }

    #[test]
    fn impossible_summary_has_no_sample() {
        // 0.4 ± 0.6, n = 7: fails GRIMMER test 1 (see grimmer.rs), so nothing exists.
        let s = sprite(&request("0.4", "0.6", 7, "0", Some("10"), "1")).unwrap();
        assert_eq!(s.status, Status::Inconsistent);
        assert!(s.samples.is_empty());
        // 4.0 ± 4.0 with n = 7 on 1..7: T = 28 = {7,7,7,4,1,1,1} at most, Q_max = 166,
        // largest SD √((166 − 28²/7)/6) = 3.0.
        let s = sprite(&request("4.0", "4.0", 7, "1", Some("7"), "1")).unwrap();
        assert_eq!(s.status, Status::Inconsistent);
    }

    #[test]
    fn random_search_is_reproducible_and_exact() {
        // n = 100 on 1..7: far too many samples to list, so the random search runs.
        let mut req = request("4.12", "1.83", 100, "1", Some("7"), "1");
        req.samples = 200;
        req.seed = 42;
        let a = sprite(&req).unwrap();
        let b = sprite(&req).unwrap();
        assert!(!a.complete);
        assert_eq!(a.samples.len(), 200);
        assert_eq!(a.samples, b.samples);
        req.seed = 43;
        assert_ne!(sprite(&req).unwrap().samples, a.samples);
        for x in &a.samples {
            let m = x.iter().sum::<f64>() / 100.0;
            let v = x.iter().map(|y| (y - m) * (y - m)).sum::<f64>() / 99.0;
            assert!((m - 4.12).abs() <= 0.005 + 1e-12, "mean {m}");
            assert!((v.sqrt() - 1.83).abs() <= 0.005 + 1e-12, "sd {}", v.sqrt());
            assert!(x.iter().all(|y| (1.0..=7.0).contains(y)));
        }
    }
}
