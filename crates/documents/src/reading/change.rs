//! Evidence from a printed test of one group measured twice, when the pre/post correlation r
//! is not reported.
//!
//! The paired test of a change rests on the SD of the within-patient change,
//!
//! ```text
//! SD_change² = SD_b² + SD_a² − 2·r·SD_b·SD_a      (Cochrane Handbook §6.5.2.8)
//! ```
//!
//! which, as r runs over [−1, 1], runs from |SD_b − SD_a| to SD_b + SD_a. What the document
//! prints about the change (its SD or SE, a CI, t, p, or only a claim of significance) pins
//! SD_change to an interval: SE·√n, the CI half-width over t(n − 1)·√n, |change|·√n / t,
//! |change|·√n / t(1 − p/2, n − 1). A reading of the `±` is **compatible** when some r in
//! [−1, 1] gives an SD_change inside that interval, allowing for the rounding of every
//! printed number, and **excluded** when none does. It can never reproduce a value exactly:
//! r is free.

use super::{Evidence, Fit, PrintedTest, Reading, ReadingFit};
use crate::dist;
use crate::output::human_number as h;
use crate::reported::ReportedNumber;
use serde::Serialize;

/// One group's printed mean ± spread before and after, and its n.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeforeAfter {
    pub before: (ReportedNumber, ReportedNumber),
    pub after: (ReportedNumber, ReportedNumber),
    pub n: u64,
}

/// What the document prints about the change, each as printed.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PrintedChange {
    /// The mean change as printed; else after − before.
    pub mean: Option<ReportedNumber>,
    /// The SD of the change, already as an n − 1 SD (value and its rounding interval).
    pub sd: Option<(f64, (f64, f64))>,
    pub se: Option<ReportedNumber>,
    /// Its CI, t, p or claim.
    pub test: PrintedTest,
}

impl PrintedChange {
    /// Whether anything is printed that pins the SD of the change.
    pub fn is_empty(&self) -> bool {
        self.sd.is_none() && self.se.is_none() && self.test.is_empty()
    }

    /// In words: `p = 0.03 of the change`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(m) = &self.mean {
            parts.push(format!("mean change {}", m.text));
        }
        if let Some((sd, _)) = self.sd {
            parts.push(format!("SD {}", h(sd)));
        }
        if let Some(se) = &self.se {
            parts.push(format!("SE {}", se.text));
        }
        parts.extend(self.test.words());
        parts.join(", ")
    }
}

/// [lo, hi] with hi possibly infinite.
type Interval = (f64, f64);

fn intersect(a: Interval, b: Interval) -> Interval {
    (a.0.max(b.0), a.1.min(b.1))
}

fn half(x: &ReportedNumber) -> Interval {
    (x.value - x.half_unit(), x.value + x.half_unit())
}

/// The interval of SD_change that the printed items allow, given |mean change| in `d`.
fn pinned(printed: &PrintedChange, d: Interval, n: f64) -> Interval {
    let root_n = n.sqrt();
    let df = n - 1.0;
    let mut out: Interval = (0.0, f64::INFINITY);
    if let Some((_, range)) = printed.sd {
        out = intersect(out, range);
    }
    if let Some(se) = &printed.se {
        let (lo, hi) = half(se);
        out = intersect(out, (lo.max(0.0) * root_n, hi * root_n));
    }
    if let Some((lo, hi, level)) = &printed.test.ci {
        let crit = level.t_crit(df);
        let w_lo = ((hi.value - hi.half_unit()) - (lo.value + lo.half_unit())).max(0.0) / 2.0;
        let w_hi = ((hi.value + hi.half_unit()) - (lo.value - lo.half_unit())) / 2.0;
        out = intersect(out, (w_lo / crit * root_n, w_hi / crit * root_n));
    }
    if let Some(t) = &printed.test.t {
        let (lo, hi) = half(t);
        let (lo, hi) = (lo.abs().min(hi.abs()), lo.abs().max(hi.abs()));
        let upper = if lo > 0.0 {
            d.1 * root_n / lo
        } else {
            f64::INFINITY
        };
        out = intersect(out, (d.0 * root_n / hi, upper));
    }
    // A p (or a claim) pins |t| ≥ or ≤ a critical value: SD_change = |d|·√n / |t|.
    let q = |p: f64| dist::qt(1.0 - p / 2.0, df);
    let by_p = |(p_lo, p_hi): Interval| -> Interval {
        // Larger p, smaller |t|, larger SD_change.
        let t_hi = if p_lo > 0.0 { q(p_lo) } else { f64::INFINITY };
        let t_lo = if p_hi < 1.0 { q(p_hi) } else { 0.0 };
        let lo = if t_hi.is_finite() {
            d.0 * root_n / t_hi
        } else {
            0.0
        };
        let hi = if t_lo > 0.0 {
            d.1 * root_n / t_lo
        } else {
            f64::INFINITY
        };
        (lo, hi)
    };
    if let Some(p) = &printed.test.p {
        out = intersect(out, by_p(p.interval()));
    }
    if let Some((significant, alpha)) = printed.test.claim {
        out = intersect(
            out,
            by_p(if significant {
                (0.0, alpha)
            } else {
                (alpha, 1.0)
            }),
        );
    }
    out
}

/// The size of the change, |after − before|, over the rounding of what is printed: the
/// printed mean change, else the difference of the printed means (from 0 when it may be 0).
fn change_size(group: &BeforeAfter, printed: &PrintedChange) -> Interval {
    let d = match &printed.mean {
        Some(m) => half(m),
        None => {
            let (b, a) = (&group.before.0, &group.after.0);
            (
                (a.value - a.half_unit()) - (b.value + b.half_unit()),
                (a.value + a.half_unit()) - (b.value - b.half_unit()),
            )
        }
    };
    if d.0 <= 0.0 && d.1 >= 0.0 {
        (0.0, d.0.abs().max(d.1.abs()))
    } else {
        (d.0.abs().min(d.1.abs()), d.0.abs().max(d.1.abs()))
    }
}

/// The SDs of the change that some r in [−1, 1] gives under `reading`, over the rounding of
/// the printed spreads.
fn possible_change_sd(group: &BeforeAfter, reading: Reading, n: f64) -> Interval {
    let sd = |x: &ReportedNumber| {
        let (lo, hi) = half(x);
        (reading.to_sd(lo.max(0.0), n), reading.to_sd(hi, n))
    };
    let (b, a) = (sd(&group.before.1), sd(&group.after.1));
    // |SD_b − SD_a| at r = 1 (0 when the intervals overlap) to SD_b + SD_a at r = −1.
    let closest = if b.1 < a.0 {
        a.0 - b.1
    } else if a.1 < b.0 {
        b.0 - a.1
    } else {
        0.0
    };
    (closest, b.1 + a.1)
}

/// The r at which the SD of the change is each end of `iv`, within [−1, 1], given the SDs
/// before (`bs`) and after (`as_`), in words.
fn r_words(bs: f64, as_: f64, iv: Interval) -> String {
    let r_at = |sdc: f64| crate::prepost::implied_r(bs, as_, sdc);
    let clip = |r: f64| r.clamp(-1.0, 1.0);
    let hi_r = r_at(iv.0).map_or(1.0, clip);
    let lo_r = if iv.1.is_finite() {
        r_at(iv.1).map_or(-1.0, clip)
    } else {
        -1.0
    };
    if (hi_r - lo_r).abs() < 1e-12 {
        format!("r = {}", h(lo_r))
    } else {
        format!("r from {} to {}", h(lo_r), h(hi_r))
    }
}

/// Evidence from what the document prints about the change of `group`, under the SD and SEM
/// readings. `None` when nothing is printed that pins the SD of the change.
///
/// ```
/// use trialstats_documents::reading::change::{evidence, BeforeAfter, PrintedChange};
/// use trialstats_documents::reading::{candidates, decide, PrintedTest, Verdict};
/// use trialstats_documents::study::{ReportedNumber, SpreadKind};
/// use trialstats_numerics::reported::ReportedP;
/// let n = |s: &str| ReportedNumber::parse(s, "x").unwrap();
/// // Daussin et al. 2007: VO2max "from 26.3 ± 1.6 to 35.2 ± 3.8", P < 0.01, 10 subjects. By
/// // hand: as SDs p is 3e-7 to 0.0007 over every pre/post r in [−1, 1], as SEMs 0.002 to
/// // 0.14; both fit "< 0.01" for some r, so the ± stays undecided.
/// let group = BeforeAfter { before: (n("26.3"), n("1.6")), after: (n("35.2"), n("3.8")), n: 10 };
/// let printed = PrintedChange {
///     test: PrintedTest { p: Some(ReportedP::parse("< 0.01", "p")?), ..Default::default() },
///     ..Default::default()
/// };
/// let found = evidence(&group, &printed).into_iter().collect();
/// let reading = decide(SpreadKind::NotReported, &candidates(false), found);
/// assert_eq!(reading.verdict, Verdict::Undecided);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn evidence(group: &BeforeAfter, printed: &PrintedChange) -> Option<Evidence> {
    if printed.is_empty() {
        return None;
    }
    let n = group.n as f64;
    let d_abs = change_size(group, printed);
    let needed = pinned(printed, d_abs, n);
    let mut fits = Vec::new();
    for reading in [Reading::Sd, Reading::Sem] {
        let possible = possible_change_sd(group, reading, n);
        let meet = intersect(possible, needed);
        let slack = 1e-9 * possible.1.max(1e-300);
        let fits_some_r = meet.0 <= meet.1 + slack;
        let (bs, as_) = (
            reading.to_sd(group.before.1.value, n),
            reading.to_sd(group.after.1.value, n),
        );
        let needed_words = format!(
            "needs an SD of the change of {} to {}",
            h(needed.0),
            if needed.1.is_finite() {
                h(needed.1)
            } else {
                "∞".to_string()
            }
        );
        let detail = if needed.0 > needed.1 {
            format!(
                "as {}: the printed numbers about the change disagree with each other",
                reading.with_article()
            )
        } else if fits_some_r {
            format!(
                "SDs {} and {}; the printed {} {needed_words}: r in [-1, 1] gives {} to {}, so it fits at {} (at the printed SDs)",
                h(bs),
                h(as_),
                printed.describe(),
                h(possible.0),
                h(possible.1),
                r_words(bs, as_, needed)
            )
        } else {
            format!(
                "SDs {} and {}; the printed {} {needed_words}, but no r in [-1, 1] gives that: the SD of the change can only be {} to {}",
                h(bs),
                h(as_),
                printed.describe(),
                h(possible.0),
                h(possible.1)
            )
        };
        let short = if fits_some_r && needed.0 <= needed.1 {
            format!(
                "the printed {} fits at {}",
                printed.describe(),
                r_words(bs, as_, needed)
            )
        } else if needed.1 < possible.0 {
            format!(
                "the printed {} needs an SD of the change of at most {}, less than any r allows ({} at least)",
                printed.describe(),
                h(needed.1),
                h(possible.0)
            )
        } else {
            format!(
                "the printed {} needs an SD of the change of at least {}, more than any r allows ({} at most)",
                printed.describe(),
                h(needed.0),
                h(possible.1)
            )
        };
        fits.push(ReadingFit {
            reading,
            fit: if fits_some_r && needed.0 <= needed.1 {
                Fit::Compatible
            } else {
                Fit::Excluded
            },
            detail,
            short,
            recomputed: None,
        });
    }
    Some(Evidence {
        p_only: printed.sd.is_none() && printed.se.is_none() && printed.test.p_only(),
        source: format!(
            "the printed {} of the change from {} ± {} to {} ± {} (n = {}), r not reported",
            printed.describe(),
            group.before.0.text,
            group.before.1.text,
            group.after.0.text,
            group.after.1.text,
            group.n
        ),
        readings: fits,
    })
}
