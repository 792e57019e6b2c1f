//! Every check on every reported summary: the plain input types ([`ReportedSummary`],
//! [`ReportedPercent`]) that the study loader fills, the per-summary dispatch
//! ([`check_summary`], [`check_percent`]) and the combined [`CheckReport`].
//!
//! Which checks run on a mean ± spread:
//! - GRIM when the scale has a step; DEBIT instead of GRIMMER when the scale is 0/1;
//!   GRIMMER when it has a step; bounds when it has a minimum or maximum; SD-or-SEM when it
//!   has both; SPRITE's exhaustive search when it has a step and a minimum (it settles small
//!   samples completely and is reported as not applicable when there are too many samples).
//! - A spread whose kind the document does not state is checked both as an SD and as an SEM;
//!   a check is inconsistent only if both readings are, and the detail says which fit.
//!
//! The SPRITE search of a summary runs once: [`check_summary_with_sprite`] keeps it, so that
//! the report draws its histogram from the same search as the finding.

use super::bounds::bounds;
use super::debit::debit;
use super::grim::grim;
use super::grimmer::grimmer;
use super::percent::percent_count;
use super::sprite::{Sprite, SpriteRequest, sprite};
use super::{CheckName, Finding, Grid, Rounding, Status, Verdict};
use crate::error::{Outcome, Result};
use crate::output::{Table, Tabular};
use crate::reported::{ReportedNumber, Scale, SpreadKind};
use serde::Serialize;

/// Samples SPRITE lists in a finding (all of them when there are at most this many).
pub const SPRITE_LISTED: usize = 5;

/// One reported mean ± spread, numbers kept as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedSummary {
    pub study: String,
    pub measure: String,
    /// Time point or arm (e.g. "baseline", "12 months").
    pub timepoint: Option<String>,
    /// The mean as printed, e.g. `3.0`.
    pub mean: ReportedNumber,
    /// The spread as printed, if any.
    pub spread: Option<ReportedNumber>,
    /// What the spread is; a spread of unreported kind is checked both as an SD and an SEM.
    pub spread_kind: SpreadKind,
    pub n: u64,
    /// The scale: bounds (either may be open), the step of one item (`None` for a
    /// continuous measure) and the number of items averaged into the score.
    pub scale: Scale,
}

/// One reported percentage, with its denominator and count when the document gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedPercent {
    pub study: String,
    pub measure: String,
    pub timepoint: Option<String>,
    /// The percentage as printed, e.g. `"85.7"`.
    pub percent_text: String,
    pub n: Option<u64>,
    pub count: Option<u64>,
    /// The numbers of people the document prints elsewhere (its groups' and its sample's
    /// n's): where the percentage names no denominator, the check says which of them give
    /// it, rather than that none was reported. They decide nothing: a share may be of a
    /// subset (those with data, those who responded).
    pub printed_ns: Vec<u64>,
}

/// Every finding of a set of checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub rounding: Rounding,
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// An empty report.
    pub fn new(rounding: Rounding) -> Self {
        CheckReport {
            rounding,
            findings: Vec::new(),
        }
    }

    /// Add findings (e.g. the `significance` findings of the `prepost` module).
    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        self.findings.extend(findings);
    }

    /// [`Outcome::ProblemFound`] if any finding is inconsistent.
    pub fn outcome(&self) -> Outcome {
        if self
            .findings
            .iter()
            .any(|f| f.status == Status::Inconsistent)
        {
            Outcome::ProblemFound
        } else {
            Outcome::Ok
        }
    }

    fn count(&self, status: Status) -> usize {
        self.findings.iter().filter(|f| f.status == status).count()
    }
}

impl Tabular for CheckReport {
    fn table(&self) -> Table {
        Table {
            header: ["study", "measure", "timepoint", "check", "status", "detail"]
                .map(String::from)
                .to_vec(),
            rows: self
                .findings
                .iter()
                .map(|f| {
                    vec![
                        f.study.as_str().into(),
                        f.measure.as_str().into(),
                        f.timepoint.clone().unwrap_or_default().into(),
                        f.check.as_str().into(),
                        f.status.as_str().into(),
                        f.detail.as_str().into(),
                    ]
                })
                .collect(),
        }
    }
    fn test_cases(&self) -> Option<Vec<crate::output::TestCase>> {
        Some(
            self.findings
                .iter()
                .map(|f| crate::output::TestCase {
                    suite: f.study.clone(),
                    name: match &f.timepoint {
                        Some(t) => format!("{} / {t} / {}", f.measure, f.check.as_str()),
                        None => format!("{} / {}", f.measure, f.check.as_str()),
                    },
                    failure: (f.status == Status::Inconsistent).then(|| "inconsistent".to_string()),
                    skipped: f.status == Status::NotApplicable,
                    detail: f.detail.clone(),
                })
                .collect(),
        )
    }
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "{}: {} consistent, {} inconsistent, {}, {} not applicable",
            crate::output::count_of(self.findings.len(), "finding", "findings"),
            self.count(Status::Consistent),
            self.count(Status::Inconsistent),
            crate::output::count_of(self.count(Status::Warning), "warning", "warnings"),
            self.count(Status::NotApplicable),
        ))
    }
    fn epilogue(&self) -> Option<String> {
        Some(format!(
            "Numbers are read as written (decimals from the text). Rounding: {} ({{field:rounding}} {}).",
            self.rounding.describe(),
            self.rounding
        ))
    }
}

/// Run every check on every summary.
pub fn check_all(summaries: &[ReportedSummary], rounding: Rounding) -> Result<CheckReport> {
    let mut report = CheckReport::new(rounding);
    for s in summaries {
        report.extend(check_summary(s, rounding)?);
    }
    Ok(report)
}

/// Check one percentage against its denominator and count.
///
/// ```
/// use trialstats_stats::checks::{check_percent, ReportedPercent, Rounding, Status};
/// // "6 of 7 (85.7%)" holds: 6/7 = 85.714 %. "5 of 7 (80%)" does not: 5/7 = 71.4 %.
/// let p = |text: &str, count| ReportedPercent {
///     study: "demo".into(),
///     measure: "responders".into(),
///     timepoint: None,
///     percent_text: text.into(),
///     n: Some(7),
///     count: Some(count),
///     printed_ns: Vec::new(),
/// };
/// assert_eq!(check_percent(&p("85.7", 6), Rounding::UpOrDown)?[0].status, Status::Consistent);
/// assert_eq!(check_percent(&p("80", 5), Rounding::UpOrDown)?[0].status, Status::Inconsistent);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn check_percent(p: &ReportedPercent, rounding: Rounding) -> Result<Vec<Finding>> {
    let at = location(&p.study, &p.measure, &p.timepoint);
    let percent = ReportedNumber::parse(&p.percent_text, &format!("{at}: percent"))?;
    let max_n = p.n.map_or(100, |n| (2 * n).max(100));
    let c = percent_count(&percent, p.n, p.count, max_n, rounding)?;
    let mut detail = c.detail;
    if p.n.is_none() && !p.printed_ns.is_empty() && c.status == Status::NotApplicable {
        detail = of_printed_ns(&percent, &p.printed_ns, rounding)?;
    }
    if percent.scaled < 0 || percent.scaled > 100 * percent.scale() {
        detail.push_str(
            "; if the number is a change (a reduction, an increase), give it unit = \"percent \
             change\" (data/README.md)",
        );
    }
    Ok(vec![Finding {
        study: p.study.clone(),
        measure: p.measure.clone(),
        timepoint: p.timepoint.clone(),
        check: CheckName::PercentCount,
        status: c.status,
        detail,
    }])
}

/// What the n's a document prints say of a percentage printed without its whole: which of
/// them give it (with the count), which do not. Distinct n's, in the document's order.
fn of_printed_ns(percent: &ReportedNumber, printed: &[u64], rounding: Rounding) -> Result<String> {
    let mut ns: Vec<u64> = Vec::new();
    for &n in printed {
        if n > 0 && !ns.contains(&n) {
            ns.push(n);
        }
    }
    let mut give = Vec::new();
    let mut do_not = Vec::new();
    // With d decimals, n ≥ 100·10^d gives every percentage (steps of 100/n are finer than
    // the printed ones): such n's say nothing and are named apart.
    let fine = |n: u64| n as f64 >= 100.0 * 10f64.powi(percent.decimals as i32);
    let any: Vec<String> = ns
        .iter()
        .filter(|&&n| fine(n))
        .map(u64::to_string)
        .collect();
    ns.retain(|&n| !fine(n));
    for &n in &ns {
        let counts = super::percent::counts_for(percent, n, rounding)?;
        if counts.first <= counts.last {
            let ks: Vec<String> = (counts.first..=counts.last)
                .map(|k| format!("{k}/{n}"))
                .collect();
            give.push(format!("{n} gives it ({})", ks.join(" or ")));
        } else {
            do_not.push(n.to_string());
        }
    }
    let and = |v: &[String]| match v {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    let mut detail = if give.is_empty() && ns.is_empty() {
        "no denominator printed with it".to_string()
    } else if give.is_empty() {
        format!(
            "no denominator printed with it; no n the document prints ({}) gives it: its whole is \
             another number (a subset, those with data?)",
            ns.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        )
    } else {
        let mut detail = format!(
            "no denominator printed with it; of the n's the document prints, {}",
            and(&give)
        );
        if !do_not.is_empty() {
            let verb = if do_not.len() == 1 { "does" } else { "do" };
            detail.push_str(&format!("; {} {verb} not", and(&do_not)));
        }
        detail
    };
    if !any.is_empty() {
        let verb = if any.len() == 1 { "gives" } else { "give" };
        detail.push_str(&format!(
            "; {} {verb} any percentage printed with {} decimal{}",
            and(&any),
            percent.decimals,
            if percent.decimals == 1 { "" } else { "s" }
        ));
    }
    Ok(detail)
}

/// Where a summary comes from, for error messages.
fn location(study: &str, measure: &str, timepoint: &Option<String>) -> String {
    match timepoint {
        Some(t) => format!("study {study}, measure {measure}, {t}"),
        None => format!("study {study}, measure {measure}"),
    }
}

/// Every check of one summary: the findings, and the SPRITE search when it ran (its samples
/// serve the charts, so the search runs once).
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryChecks {
    pub findings: Vec<Finding>,
    pub sprite: Option<Sprite>,
}

/// Run every applicable check on one summary.
///
/// ```
/// use trialstats_numerics::reported::{ReportedNumber, SpreadKind};
/// use trialstats_stats::checks::input::scale;
/// use trialstats_stats::checks::{check_summary, CheckName, ReportedSummary, Rounding, Status};
/// // 5.19 ± 1.50 from 28 patients on a 1-to-7 scale: GRIM fails (145/28 = 5.18, 146/28 = 5.21),
/// // so the summary cannot be right whatever the SD.
/// let s = ReportedSummary {
///     study: "demo".into(),
///     measure: "pain".into(),
///     timepoint: None,
///     mean: ReportedNumber::parse("5.19", "mean")?,
///     spread: Some(ReportedNumber::parse("1.50", "sd")?),
///     spread_kind: SpreadKind::Sd,
///     n: 28,
///     scale: scale(Some("1"), Some("7"), Some("1"), 1)?,
/// };
/// let findings = check_summary(&s, Rounding::UpOrDown)?;
/// let grim = findings.iter().find(|f| f.check == CheckName::Grim).unwrap();
/// assert_eq!(grim.status, Status::Inconsistent);
/// # Ok::<(), trialstats_stats::Error>(())
/// ```
pub fn check_summary(s: &ReportedSummary, rounding: Rounding) -> Result<Vec<Finding>> {
    Ok(check_summary_with_sprite(s, rounding)?.findings)
}

/// Run every applicable check on one summary, keeping the SPRITE search.
pub fn check_summary_with_sprite(s: &ReportedSummary, rounding: Rounding) -> Result<SummaryChecks> {
    let at = location(&s.study, &s.measure, &s.timepoint);
    let (mean, spread, scale) = (&s.mean, s.spread.as_ref(), &s.scale);
    let grid: Option<Grid> = scale.grid(&format!("{at}: step"))?;
    let binary = grid == Some(Grid::INTEGER)
        && scale.min.as_ref().and_then(|v| v.as_integer()) == Some(0)
        && scale.max.as_ref().and_then(|v| v.as_integer()) == Some(1);
    let mut out = Vec::new();
    let mut push = |check: CheckName, v: Verdict| {
        out.push(Finding {
            study: s.study.clone(),
            measure: s.measure.clone(),
            timepoint: s.timepoint.clone(),
            check,
            status: v.status,
            detail: v.detail,
        })
    };

    // GRIM
    match grid {
        Some(grid) => {
            let g = grim(mean, s.n, grid, rounding)?;
            push(CheckName::Grim, Verdict::new(g.status, g.detail));
        }
        None => push(
            CheckName::Grim,
            Verdict::new(
                Status::NotApplicable,
                "continuous measure (no step): GRIM needs a scale step",
            ),
        ),
    }

    let Some(spread) = spread else {
        if scale.min.is_some() || scale.max.is_some() {
            let b = bounds(mean, None, SpreadKind::Sd, s.n, scale, rounding)?;
            push(CheckName::Bounds, Verdict::new(b.status, b.detail));
        }
        return Ok(SummaryChecks {
            findings: out,
            sprite: None,
        });
    };

    // GRIMMER, or DEBIT on a 0/1 scale.
    let (check, verdict) = spread_granularity(s, spread, grid, binary, rounding)?;
    push(check, verdict);

    // Bounds and SD-or-SEM.
    if scale.min.is_some() || scale.max.is_some() {
        let (bound, kind) = bounds_and_kind(s, spread, rounding)?;
        push(CheckName::Bounds, bound);
        if let Some(v) = kind {
            push(CheckName::SdOrSem, v);
        }
    }

    // SPRITE, exhaustive only: settles small samples completely.
    let mut search = None;
    if grid.is_some() && scale.min.is_some() && s.n >= 2 {
        let (v, sp) = sprite_check(s, spread, rounding);
        search = sp;
        push(CheckName::Sprite, v);
    }
    Ok(SummaryChecks {
        findings: out,
        sprite: search,
    })
}

/// The check of the spread's granularity and its verdict: DEBIT on a 0/1 scale, GRIMMER on
/// any other scale with a step, GRIMMER not applicable on a continuous measure.
fn spread_granularity(
    s: &ReportedSummary,
    spread: &ReportedNumber,
    grid: Option<Grid>,
    binary: bool,
    rounding: Rounding,
) -> Result<(CheckName, Verdict)> {
    let mean = &s.mean;
    let readings = s.spread_kind.readings();
    Ok(if binary {
        let mut verdicts = Vec::new();
        for &r in readings {
            verdicts.push((
                r,
                if r == SpreadKind::Sd {
                    let d = debit(mean, spread, s.n, rounding)?;
                    Verdict::new(d.status, d.detail)
                } else {
                    Verdict::new(Status::NotApplicable, "DEBIT tests an SD")
                },
            ));
        }
        (CheckName::Debit, combine(s.spread_kind, verdicts))
    } else if let Some(grid) = grid {
        let mut verdicts = Vec::new();
        for &r in readings {
            let g = grimmer(mean, spread, r, s.n, grid, rounding)?;
            verdicts.push((r, Verdict::new(g.status, g.detail)));
        }
        (CheckName::Grimmer, combine(s.spread_kind, verdicts))
    } else {
        (
            CheckName::Grimmer,
            Verdict::new(
                Status::NotApplicable,
                "continuous measure (no step): GRIMMER needs a scale step",
            ),
        )
    })
}

/// The bounds verdict over the spread's readings, and the SD-or-SEM verdict when the kind is
/// stated and the bounds check gave one.
fn bounds_and_kind(
    s: &ReportedSummary,
    spread: &ReportedNumber,
    rounding: Rounding,
) -> Result<(Verdict, Option<Verdict>)> {
    let mut bound_verdicts = Vec::new();
    let mut kind_verdicts = Vec::new();
    for &r in s.spread_kind.readings() {
        let b = bounds(&s.mean, Some(spread), r, s.n, &s.scale, rounding)?;
        if let Some(v) = b.sd_or_sem {
            kind_verdicts.push((r, v));
        }
        bound_verdicts.push((r, Verdict::new(b.status, b.detail)));
    }
    let bound = combine(s.spread_kind, bound_verdicts);
    let kind = if s.spread_kind != SpreadKind::NotReported {
        kind_verdicts.pop().map(|(_, v)| v)
    } else {
        None
    };
    Ok((bound, kind))
}

/// The exhaustive SPRITE search's verdict (listing the samples when there are few), and the
/// search itself when it ran; a search that cannot run is a not-applicable verdict.
fn sprite_check(
    s: &ReportedSummary,
    spread: &ReportedNumber,
    rounding: Rounding,
) -> (Verdict, Option<Sprite>) {
    // SPRITE reads a stated (or decided) SEM as an SEM, and an unstated spread as an SD.
    let req = SpriteRequest {
        kind: match s.spread_kind {
            SpreadKind::Sem => SpreadKind::Sem,
            SpreadKind::Sd | SpreadKind::NotReported => SpreadKind::Sd,
        },
        mean: s.mean.clone(),
        sd: spread.clone(),
        n: s.n,
        scale: s.scale.clone(),
        samples: SPRITE_LISTED,
        seed: 1,
        random_fallback: false,
        rounding,
    };
    match sprite(&req) {
        Ok(sp) => {
            let mut detail = sp.detail.clone();
            if sp.complete
                && !sp.samples.is_empty()
                && sp.total_samples.unwrap_or(0) <= SPRITE_LISTED as u64
            {
                let listed: Vec<String> = sp
                    .samples
                    .iter()
                    .map(|x| {
                        let v: Vec<String> =
                            x.iter().map(|y| crate::output::human_number(*y)).collect();
                        format!("{{{}}}", v.join(", "))
                    })
                    .collect();
                detail = format!("{detail}: {}", listed.join(" "));
            }
            let status = match (sp.status, s.spread_kind) {
                // Under an unstated kind, "no sample as an SD" is not a verdict on the data.
                (Status::Inconsistent, SpreadKind::NotReported) => Status::Warning,
                (st, _) => st,
            };
            if s.spread_kind == SpreadKind::NotReported {
                detail = format!("spread read as an SD: {detail}");
            }
            (Verdict::new(status, detail), Some(sp))
        }
        Err(e) => (
            Verdict::new(Status::NotApplicable, format!("not reconstructed: {e}")),
            None,
        ),
    }
}

/// One verdict from the readings of a spread: for an unstated kind the data are consistent
/// if either reading is, and the detail names both.
fn combine(kind: SpreadKind, verdicts: Vec<(SpreadKind, Verdict)>) -> Verdict {
    if kind != SpreadKind::NotReported || verdicts.len() < 2 {
        return verdicts
            .into_iter()
            .next()
            .map(|(_, v)| v)
            .unwrap_or_else(|| Verdict::new(Status::NotApplicable, "no spread"));
    }
    let rank = |s: Status| match s {
        Status::Consistent => 3,
        Status::Warning => 2,
        Status::NotApplicable => 1,
        Status::Inconsistent => 0,
    };
    // ok: verdicts has at least two entries here.
    let best = verdicts
        .iter()
        .map(|(_, v)| v.status)
        .max_by_key(|s| rank(*s))
        .unwrap_or(Status::NotApplicable);
    let parts: Vec<String> = verdicts
        .iter()
        .map(|(r, v)| {
            format!(
                "as {} {}: {}",
                r.with_article(),
                v.status.as_str(),
                v.detail
            )
        })
        .collect();
    Verdict::new(
        best,
        format!(
            "spread not labelled SD or SEM, both readings checked — {}",
            parts.join("; ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::checks::rv;

    fn summary(
        measure: &str,
        mean: &str,
        sd: &str,
        min: &str,
        max: Option<&str>,
        step: &str,
    ) -> ReportedSummary {
        ReportedSummary {
            study: "nmo".into(),
            measure: measure.into(),
            timepoint: None,
            mean: rv(mean),
            spread: Some(rv(sd)),
            spread_kind: SpreadKind::Sd,
            n: 7,
            scale: Scale::new(Some(rv(min)), max.map(rv), Some(rv(step))).unwrap(),
        }
    }
    fn status(f: &[Finding], c: CheckName) -> Status {
        f.iter().find(|x| x.check == c).map(|x| x.status).unwrap()
    }

    #[test]
    fn nmo_summaries_all_add_up() {
        // Worked by hand in grim.rs / grimmer.rs / bounds.rs / sprite.rs.
        let all = [
            summary("relapse rate", "0.4", "0.8", "0", None, "1"),
            summary("EDSS", "5.1", "1.7", "0", Some("10"), "0.5"),
            summary("EDSS", "4.1", "1.6", "0", Some("10"), "0.5"),
            summary("pain", "3.0", "1.5", "0", Some("10"), "1"),
            summary("pain", "0.9", "1.2", "0", Some("10"), "1"),
            summary("fatigue", "6.1", "2.0", "0", Some("10"), "1"),
            summary("fatigue", "3.0", "1.4", "0", Some("10"), "1"),
        ];
        let report = check_all(&all, Rounding::UpOrDown).unwrap();
        assert_eq!(report.outcome(), Outcome::Ok, "{:#?}", report.findings);
        let relapse = check_summary(&all[0], Rounding::UpOrDown).unwrap();
        for c in [
            CheckName::Grim,
            CheckName::Grimmer,
            CheckName::Bounds,
            CheckName::Sprite,
        ] {
            assert_eq!(status(&relapse, c), Status::Consistent, "{c:?}");
        }
        let sprite = relapse
            .iter()
            .find(|f| f.check == CheckName::Sprite)
            .unwrap();
        assert!(
            sprite.detail.contains("exactly 1 possible sample"),
            "{}",
            sprite.detail
        );
        assert!(
            sprite.detail.contains("{0, 0, 0, 0, 0, 1, 2}"),
            "{}",
            sprite.detail
        );
    }

    #[test]
    fn impossible_summary_is_reported_with_location() {
        let mut s = summary("pain", "3.1", "1.5", "0", Some("10"), "1");
        s.mean = rv("3.10"); // 22/7 = 3.1429: impossible at two decimals.
        let f = check_summary(&s, Rounding::UpOrDown).unwrap();
        assert_eq!(status(&f, CheckName::Grim), Status::Inconsistent);
        s.scale.step = Some(rv("0"));
        let e = check_summary(&s, Rounding::UpOrDown)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("study nmo, measure pain: step:"), "{e}");
    }

    #[test]
    fn unstated_spread_is_checked_both_ways() {
        // 3.0 ± 0.60, n = 7 (T = 21, odd): as an SD, Q ∈ 6·[0.595², 0.605²] + 63 = [65.12, 65.20]:
        // no integer; as an SEM (SD² = 7·SEM²), Q ∈ 42·[0.595², 0.605²] + 63 = [77.87, 78.37]:
        // 78, even. Both readings fail: inconsistent.
        let mut s = summary("pain", "3.0", "0.60", "0", Some("10"), "1");
        s.spread_kind = SpreadKind::NotReported;
        let f = check_summary(&s, Rounding::UpOrDown).unwrap();
        assert_eq!(status(&f, CheckName::Grimmer), Status::Inconsistent);
        // 3.0 ± 0.58 unstated: the SD reading works (Q ∈ 6·[0.575², 0.585²] + 63 = [64.98, 65.05]
        // → 65, odd ✓) and the SEM reading works
        // (Q ∈ 42·[0.575², 0.585²] + 63 = [76.89, 77.37] → 77), so consistent.
        s.spread = Some(rv("0.58"));
        let f = check_summary(&s, Rounding::UpOrDown).unwrap();
        let g = f.iter().find(|x| x.check == CheckName::Grimmer).unwrap();
        assert_eq!(g.status, Status::Consistent);
        assert!(
            g.detail.contains("as an SD") && g.detail.contains("as an SEM"),
            "{}",
            g.detail
        );
    }

    #[test]
    fn binary_scale_uses_debit() {
        // 0.71 ± 0.49 on 0/1 with n = 7: 5/7, SD 0.488 (see debit.rs).
        let s = summary("relapse-free", "0.71", "0.49", "0", Some("1"), "1");
        let f = check_summary(&s, Rounding::UpOrDown).unwrap();
        assert_eq!(status(&f, CheckName::Debit), Status::Consistent);
        assert!(f.iter().all(|x| x.check != CheckName::Grimmer));
    }

    #[test]
    fn percent_findings() {
        let p = ReportedPercent {
            study: "nmo".into(),
            measure: "relapse-free".into(),
            timepoint: None,
            percent_text: "85.7".into(),
            n: Some(7),
            count: Some(6),
            printed_ns: Vec::new(),
        };
        let f = check_percent(&p, Rounding::UpOrDown).unwrap();
        assert_eq!(f[0].status, Status::Consistent);
    }

    #[test]
    fn a_percentage_without_its_denominator_is_tried_on_the_ns_the_document_prints() {
        // KAKEN report: `患者(n=96)` … `SGLT2阻害薬服用患者(n=369)`, later `達成率は34.7%` with
        // no whole: 128/369 = 34.688 % rounds to 34.7; 33/96 = 34.375 and 34/96 = 35.417 do
        // not. 44.1 % with only n = 70 printed: 31/70 = 44.29, 30/70 = 42.86, none rounds
        // to it.
        let p = |text: &str, printed_ns: Vec<u64>| ReportedPercent {
            study: "s".into(),
            measure: "m".into(),
            timepoint: None,
            percent_text: text.into(),
            n: None,
            count: None,
            printed_ns,
        };
        let f = check_percent(&p("34.7", vec![96, 369, 96]), Rounding::UpOrDown).unwrap();
        assert_eq!(f[0].status, Status::NotApplicable);
        assert!(
            f[0].detail.starts_with("no denominator printed with it; of the n's the document prints, 369 gives it (128/369)"),
            "{}",
            f[0].detail
        );
        assert!(f[0].detail.ends_with("; 96 does not"), "{}", f[0].detail);
        // 2576 ≥ 1000 gives every percentage with one decimal, so it says nothing.
        let f = check_percent(&p("34.7", vec![2576, 96]), Rounding::UpOrDown).unwrap();
        assert!(
            f[0].detail.ends_with("no n the document prints (96) gives it: its whole is another number (a subset, those with data?); 2576 gives any percentage printed with 1 decimal"),
            "{}",
            f[0].detail
        );
        let f = check_percent(&p("44.1", vec![70]), Rounding::UpOrDown).unwrap();
        assert_eq!(f[0].status, Status::NotApplicable);
        assert!(
            f[0].detail.starts_with("no denominator printed with it; no n the document prints (70) gives it: its whole is another number (a subset, those with data?)"),
            "{}",
            f[0].detail
        );
    }
}
