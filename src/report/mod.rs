//! The main job: every study in a data folder, every measure, as one readable report.
//!
//! For each study: every before/after measure (the paired test at the stated r, the
//! standardised effects MC, SMCR and SMCC, the r sweep and the smallest r at which the change
//! is significant, set against the document's claim), every before/after slope (difference,
//! ratio, percent slowing), every count with a denominator (a proportion with Wilson and
//! Clopper–Pearson intervals), and the pinned expectations recomputed. What a document does not
//! report (what ± means, the pre/post correlation, an SD of a slope) is said next to the number
//! that needed it.

pub mod gallery;

use crate::checks::summary::CheckReport;
use crate::checks::{Rounding, Status};
use crate::effect::{self, CiMethod, EffectSize, MeasureCode, PrePostSummary, Proportion};
use crate::error::{Outcome, Result};
use crate::output::{human_number as h, Cell, Table, Tabular};
use crate::prepost::{self, Claim, CorrelationAnalysis};
use crate::study::{Bound, Dispersion, Measure, Reported, Study};
use crate::verify::{self, VerifyReport};
use serde::Serialize;

/// Choices the report makes that the user may change.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The pre/post correlation for measures that do not report one; `None` uses
    /// [`prepost::ASSUMED_R`] and says it is assumed.
    pub r: Option<f64>,
    /// Significance level of the paired tests (CIs are at 1 − alpha).
    pub alpha: f64,
    /// The r values of the sweep.
    pub grid: Vec<f64>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            r: None,
            alpha: 0.05,
            grid: prepost::default_r_grid(),
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub studies: Vec<StudyReport>,
    /// Every consistency check on every reported number (GRIM, GRIMMER, bounds, SPRITE,
    /// percent vs count, claimed significance).
    pub checks: CheckReport,
    pub verification: VerifyReport,
    /// Files of the chart gallery written with the report (empty when none were asked for).
    pub charts: Vec<String>,
}

impl Report {
    /// [`Outcome::ProblemFound`] when a pinned expectation fails or a check finds reported
    /// numbers that cannot all be true.
    pub fn outcome(&self) -> Outcome {
        self.verification.outcome().and(self.checks.outcome())
    }
}

/// One study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyReport {
    pub id: String,
    pub title: String,
    pub source_file: String,
    pub design: String,
    pub measures: Vec<MeasureReport>,
    pub slopes: Vec<SlopeReport>,
    pub proportions: Vec<ProportionReport>,
}

/// A reported mean ± spread at one time point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimePointSummary {
    pub label: String,
    /// As printed, or "not reported".
    pub mean: String,
    pub spread: String,
}

/// One before/after measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureReport {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub n: Option<u32>,
    /// Every time point as reported, in order.
    pub timepoints: Vec<TimePointSummary>,
    /// How the ± was read for the analysis, in words.
    pub spread_reading: String,
    /// The paired analysis of baseline vs the last reported time point; `None` with the reason
    /// in `not_analysed` when the data do not allow it.
    pub analysis: Option<CorrelationAnalysis>,
    /// MC, SMCR and SMCC at the r of the analysis.
    pub effects: Vec<EffectSize>,
    pub not_analysed: Option<String>,
}

/// One before/after slope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlopeReport {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub before: String,
    pub after: String,
    /// Difference, ratio and percent slowing.
    pub effects: Vec<EffectSize>,
}

/// A count out of a denominator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProportionReport {
    pub id: String,
    pub label: String,
    pub events: f64,
    pub n: f64,
    /// "exact", or "at least" when the count is a lower bound (the proportion is then too).
    pub bound: String,
    pub proportion: f64,
    pub wilson: (f64, f64),
    pub clopper_pearson: (f64, f64),
}

/// Build the report of `studies`.
pub fn build(studies: &[Study], options: &ReportOptions) -> Result<Report> {
    prepost::check_alpha(options.alpha)?;
    let mut out = Vec::new();
    for s in studies {
        out.push(StudyReport {
            id: s.id.clone(),
            title: s.title.clone(),
            source_file: s.source_file.clone(),
            design: s.design.clone(),
            measures: s
                .measures
                .iter()
                .map(|m| measure_report(s, m, options))
                .collect::<Result<_>>()?,
            slopes: slope_reports(s, 1.0 - options.alpha)?,
            proportions: proportion_reports(s, 1.0 - options.alpha)?,
        });
    }
    Ok(Report {
        studies: out,
        checks: crate::checks::study_data::check_studies(studies, Rounding::UpOrDown, options)?,
        verification: verify::verify_all(studies)?,
        charts: Vec::new(),
    })
}

/// Draw the report's charts into `dir` (SVG and PNG each, plus `index.md`) and record the
/// files in the report. Refuses a `dir` that is the data folder or inside it: the data is
/// never written.
pub fn write_gallery(
    studies: &[Study],
    report: &mut Report,
    options: &ReportOptions,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    size: crate::plot::Size,
) -> Result<()> {
    let resolved = |p: &std::path::Path| {
        // A folder that does not exist yet is compared through its nearest existing parent.
        let mut base = p.to_path_buf();
        let mut rest = Vec::new();
        while !base.exists() {
            match (base.file_name().map(|f| f.to_os_string()), base.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    base = if parent.as_os_str().is_empty() {
                        std::path::PathBuf::from(".")
                    } else {
                        parent.to_path_buf()
                    };
                }
                _ => break,
            }
        }
        let mut full = base.canonicalize().unwrap_or(base);
        for part in rest.into_iter().rev() {
            full.push(part);
        }
        full
    };
    if resolved(dir).starts_with(resolved(data_dir)) {
        return Err(crate::Error::input(
            "chart folder",
            format!(
                "'{}' is inside the data folder '{}'; charts are never written into the data",
                dir.display(),
                data_dir.display()
            ),
        ));
    }
    let items = gallery::gallery_items(studies, report, options)?;
    let written = crate::plot::write_gallery(dir, &items, size)?;
    report.charts = written.iter().map(|p| p.display().to_string()).collect();
    Ok(())
}

/// The spread of a time point as an SD, with how it was read. SEM is converted (SD = SEM·√n);
/// an unspecified ± is read as SD and the reading says so.
pub fn spread_as_sd(dispersion: Dispersion, spread: f64, n: f64) -> (f64, String) {
    match dispersion {
        Dispersion::Sd => (spread, "± is the SD (as reported)".to_string()),
        Dispersion::Sem => (
            spread * n.sqrt(),
            format!("± is the SEM (as reported); SD = SEM·√n with n = {}", h(n)),
        ),
        Dispersion::NotReported => (
            spread,
            format!(
                "± not specified in the document: read as SD (were it the SEM, every SD would be √{} = {} times larger)",
                h(n),
                h(n.sqrt())
            ),
        ),
    }
}

/// The paired before/after analysis of one measure: baseline against the last reported time
/// point, ± read as [`spread_as_sd`] says, at the reported r, else the r of `o`, else the
/// assumed default. `Ok(Err(reason))` when the data do not allow it.
pub fn paired_analysis(
    s: &Study,
    m: &Measure,
    o: &ReportOptions,
) -> Result<std::result::Result<PairedAnalysis, String>> {
    let (Some(before), Some(after)) = (m.baseline(), m.last_reported()) else {
        return Ok(Err(
            "needs a reported baseline and a later reported mean".into()
        ));
    };
    let n = match (after.n.value(), m.n.value()) {
        (Some(n), _) | (None, Some(n)) => f64::from(*n),
        _ => return Ok(Err("n not reported".into())),
    };
    let (Some(bm), Some(am)) = (before.mean.value(), after.mean.value()) else {
        return Ok(Err("a mean is not reported".into()));
    };
    let (Some(bs), Some(as_)) = (before.spread.value(), after.spread.value()) else {
        return Ok(Err(
            "a spread (SD or SEM) is not reported, so no test or interval".into(),
        ));
    };
    let (bsd, reading) = spread_as_sd(m.dispersion, bs.value, n);
    let (asd, _) = spread_as_sd(m.dispersion, as_.value, n);
    let location = format!("{}: measures[{}]", s.path.display(), m.id);
    let summary = prepost::paired_summary(&location, n, (bm.value, bsd), (am.value, asd))?;
    let (r, r_source) = match (m.correlation.value(), o.r) {
        (Some(r), _) => (*r, "reported".to_string()),
        (None, Some(r)) => (r, "not reported; chosen with --r".to_string()),
        (None, None) => (
            prepost::ASSUMED_R,
            "not reported; assumed (default)".to_string(),
        ),
    };
    let claim = match m.claim.significant.value() {
        Some(true) => Claim::Significant,
        Some(false) => Claim::NotSignificant,
        None => Claim::NotReported,
    };
    let label = format!("{} ({} → {})", m.label, before.id, after.id);
    let analysis = prepost::analyse(&label, &summary, r, &r_source, &o.grid, o.alpha, claim)?;
    Ok(Ok(PairedAnalysis {
        summary: PrePostSummary {
            r: Some(r),
            ..summary
        },
        spread_reading: reading,
        analysis,
    }))
}

/// What [`paired_analysis`] finds for one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedAnalysis {
    /// The summary as analysed (SDs after reading ±), with the r used.
    pub summary: PrePostSummary,
    /// How ± was read, in words.
    pub spread_reading: String,
    pub analysis: CorrelationAnalysis,
}

fn measure_report(s: &Study, m: &Measure, o: &ReportOptions) -> Result<MeasureReport> {
    let timepoints = m
        .timepoints
        .iter()
        .map(|t| TimePointSummary {
            label: t.id.clone(),
            mean: t.mean.to_string(),
            spread: t.spread.to_string(),
        })
        .collect();
    let mut report = MeasureReport {
        id: m.id.clone(),
        label: m.label.clone(),
        unit: m.unit.clone(),
        n: m.n.value().copied(),
        timepoints,
        spread_reading: String::new(),
        analysis: None,
        effects: Vec::new(),
        not_analysed: None,
    };
    let paired = match paired_analysis(s, m, o)? {
        Ok(p) => p,
        Err(why) => {
            report.not_analysed = Some(why);
            return Ok(report);
        }
    };
    report.spread_reading = paired.spread_reading;
    report.analysis = Some(paired.analysis);
    for code in [MeasureCode::MC, MeasureCode::SMCR, MeasureCode::SMCC] {
        // A measure can be outside what a code allows (SMCR with a zero before SD); the
        // others still stand, and the reason is kept.
        match effect::pre_post(code, &paired.summary, 1.0 - o.alpha) {
            Ok(e) => report.effects.push(e),
            Err(e) => {
                let note = format!("{code} not computed: {e}");
                report.not_analysed = Some(match report.not_analysed.take() {
                    Some(prev) => format!("{prev}; {note}"),
                    None => note,
                });
            }
        }
    }
    Ok(report)
}

fn slope_reports(s: &Study, level: f64) -> Result<Vec<SlopeReport>> {
    let mut out = Vec::new();
    for sl in &s.slopes {
        let (Some(b), Some(a)) = (sl.before.value.value(), sl.after.value.value()) else {
            continue;
        };
        let n = sl.n.value().map(|n| f64::from(*n));
        let se = |spread: &Reported<crate::study::ReportedNumber>| -> Option<f64> {
            let v = spread.value()?.value;
            match sl.dispersion {
                Dispersion::Sem => Some(v),
                _ => n.map(|n| v / n.sqrt()),
            }
        };
        let change = effect::SlopeChange {
            before: effect::Slope {
                value: b.value,
                se: se(&sl.before.spread),
            },
            after: effect::Slope {
                value: a.value,
                se: se(&sl.after.spread),
            },
        };
        out.push(SlopeReport {
            id: sl.id.clone(),
            label: sl.label.clone(),
            unit: sl.unit.clone(),
            before: b.text.clone(),
            after: a.text.clone(),
            effects: effect::slope_change(&change, level)?,
        });
    }
    Ok(out)
}

fn proportion_reports(s: &Study, level: f64) -> Result<Vec<ProportionReport>> {
    let mut out = Vec::new();
    for f in &s.facts {
        let Some(of) = f.of.as_deref().and_then(|id| s.fact(id)) else {
            continue;
        };
        let (Some(x), Some(n)) = (f.value.value(), of.value.value()) else {
            continue;
        };
        // Only whole counts out of whole denominators are proportions of people.
        if x.decimals > 0 || n.decimals > 0 || !matches!(of.bound, Bound::Exact) {
            continue;
        }
        let input = Proportion {
            events: x.value,
            n: n.value,
        };
        let pr = |ci| effect::proportion(MeasureCode::PR, &input, level, ci);
        let (wilson, exact) = (pr(CiMethod::Wilson)?, pr(CiMethod::Exact)?);
        let interval = |e: &EffectSize| {
            (
                e.ci_lower.unwrap_or(f64::NAN),
                e.ci_upper.unwrap_or(f64::NAN),
            )
        };
        out.push(ProportionReport {
            id: f.id.clone(),
            label: f.label.clone(),
            events: x.value,
            n: n.value,
            bound: f.bound.as_str().to_string(),
            proportion: x.value / n.value,
            wilson: interval(&wilson),
            clopper_pearson: interval(&exact),
        });
    }
    Ok(out)
}

fn ci(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(l), Some(u)) => format!("[{}, {}]", h(l), h(u)),
        _ => "not estimable".to_string(),
    }
}

fn pct(x: f64) -> String {
    format!("{} %", h(100.0 * x))
}

impl StudyReport {
    /// The study as readable text.
    pub fn text(&self) -> String {
        let mut t = String::new();
        let rule = "=".repeat(78);
        t.push_str(&format!("{rule}\n{} — {}\n", self.id, self.title));
        t.push_str(&format!(
            "source: {}   design: {}\n{rule}\n",
            self.source_file, self.design
        ));
        if self.measures.is_empty() && self.slopes.is_empty() && self.proportions.is_empty() {
            t.push_str("No before/after measures, slopes or proportions: see `trialstats show` for its numbers.\n");
        }
        for m in &self.measures {
            t.push_str(&format!(
                "\n[{}] {} ({}), n = {}\n",
                m.id,
                m.label,
                m.unit,
                m.n.map_or("not reported".to_string(), |n| n.to_string())
            ));
            let tps: Vec<String> = m
                .timepoints
                .iter()
                .map(|v| format!("{} {} ± {}", v.label, v.mean, v.spread))
                .collect();
            t.push_str(&format!("  reported: {}\n", tps.join("; ")));
            if !m.spread_reading.is_empty() {
                t.push_str(&format!("  {}\n", m.spread_reading));
            }
            if let Some(a) = &m.analysis {
                let p = &a.at_assumed_r;
                t.push_str(&format!(
                    "  paired test at r = {} ({}): change {} {}, {}% CI {}, t({}) = {}, p = {}\n",
                    h(a.assumed_r),
                    a.r_source,
                    h(p.mean_change),
                    m.unit,
                    h(p.level * 100.0),
                    ci(Some(p.ci_lower), Some(p.ci_upper)),
                    h(p.df),
                    h(p.t),
                    h(p.p),
                ));
                if !m.effects.is_empty() {
                    t.push_str(&format!(
                        "  effect sizes at r = {} (metafor escalc, normal-theory {}% CIs):\n",
                        h(a.assumed_r),
                        h(p.level * 100.0)
                    ));
                }
                for e in &m.effects {
                    t.push_str(&format!(
                        "    {:<5} {} {}\n",
                        e.measure.as_str(),
                        h(e.estimate),
                        ci(e.ci_lower, e.ci_upper)
                    ));
                }
                let sweep: Vec<String> = a
                    .sweep
                    .iter()
                    .map(|x| format!("r={}: p={}", h(x.r), h(x.p)))
                    .collect();
                t.push_str(&format!("  r sweep: {}\n", sweep.join(", ")));
                t.push_str(&format!(
                    "  significant (α = {}): {}\n  {}\n",
                    h(a.alpha),
                    a.threshold,
                    a.claim.detail
                ));
            }
            if let Some(why) = &m.not_analysed {
                t.push_str(&format!("  not analysed: {why}\n"));
            }
        }
        for s in &self.slopes {
            t.push_str(&format!(
                "\n[{}] {}: {} → {} {}\n",
                s.id, s.label, s.before, s.after, s.unit
            ));
            for e in &s.effects {
                t.push_str(&format!(
                    "  {:<48} {}  CI {}{}\n",
                    e.measure.description(),
                    h(e.estimate),
                    ci(e.ci_lower, e.ci_upper),
                    if e.notes.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", e.notes.join("; "))
                    }
                ));
            }
        }
        if !self.proportions.is_empty() {
            t.push_str("\nProportions (95 % intervals unless --alpha says otherwise)\n");
            for p in &self.proportions {
                t.push_str(&format!(
                    "  {:<34} {}/{} = {}  Wilson [{}, {}]  exact [{}, {}]{}\n",
                    p.id,
                    h(p.events),
                    h(p.n),
                    pct(p.proportion),
                    pct(p.wilson.0),
                    pct(p.wilson.1),
                    pct(p.clopper_pearson.0),
                    pct(p.clopper_pearson.1),
                    if p.bound == "exact" {
                        String::new()
                    } else {
                        format!("  (count is {}: a bound)", p.bound)
                    }
                ));
            }
        }
        t
    }
}

impl Tabular for Report {
    fn preamble(&self) -> Option<String> {
        let mut t = String::new();
        for s in &self.studies {
            t.push_str(&s.text());
            t.push('\n');
        }
        t.push_str(&self.checks_summary());
        t.push_str("\nVerification of pinned expectations\n");
        Some(t)
    }

    fn table(&self) -> Table {
        self.verification.table()
    }

    fn epilogue(&self) -> Option<String> {
        let mut t = self.verification.epilogue().unwrap_or_default();
        if !self.charts.is_empty() {
            t.push_str(&format!("\n\n{} charts written:\n", self.charts.len()));
            for c in &self.charts {
                t.push_str(&format!("  {c}\n"));
            }
        }
        Some(t)
    }
}

impl Report {
    /// The consistency checks in a few lines: counts, then every finding that is not
    /// consistent or not applicable (the full list: `trialstats check`).
    pub fn checks_summary(&self) -> String {
        let count = |st: Status| {
            self.checks
                .findings
                .iter()
                .filter(|f| f.status == st)
                .count()
        };
        let mut t = format!(
            "Consistency checks (GRIM, GRIMMER, bounds, SPRITE, percent vs count, claimed significance): {} findings, {} consistent, {} inconsistent, {} warnings, {} not applicable\n",
            self.checks.findings.len(),
            count(Status::Consistent),
            count(Status::Inconsistent),
            count(Status::Warning),
            count(Status::NotApplicable),
        );
        for f in &self.checks.findings {
            if matches!(f.status, Status::Inconsistent | Status::Warning) {
                t.push_str(&format!(
                    "  {} {}/{}{}: {}\n",
                    f.status.as_str(),
                    f.study,
                    f.measure,
                    f.timepoint
                        .as_deref()
                        .map(|t| format!(" ({t})"))
                        .unwrap_or_default(),
                    f.detail
                ));
            }
        }
        t.push_str("  (every finding: trialstats check)\n");
        t
    }
}

/// One row per analysed measure, for CSV and quick comparison.
pub fn measure_table(report: &Report) -> Table {
    let mut rows = Vec::new();
    for s in &report.studies {
        for m in &s.measures {
            if let Some(a) = &m.analysis {
                let p = &a.at_assumed_r;
                rows.push(vec![
                    Cell::from(s.id.as_str()),
                    Cell::from(m.id.as_str()),
                    Cell::Number(a.assumed_r),
                    Cell::Number(p.mean_change),
                    Cell::Number(p.ci_lower),
                    Cell::Number(p.ci_upper),
                    Cell::Number(p.p),
                    Cell::from(a.threshold.to_string()),
                ]);
            }
        }
    }
    Table {
        header: [
            "study",
            "measure",
            "r",
            "mean_change",
            "ci_lower",
            "ci_upper",
            "p",
            "significant_when",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}
