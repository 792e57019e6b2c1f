//! The main job: every study in a data folder, every measure, as one readable report.
//!
//! The numbers come from [`crate::analysis`], computed once per study; this module only
//! presents them: the report as text ([`Report`] is also the JSON) and one CSV row per measure
//! ([`measure_table`]). What a document does not report (what ± means, the pre/post
//! correlation, an SD of a slope) is said next to the number that needed it. The report's
//! charts are drawn by `trialstats-charts` (its `report_charts`), which records the files it
//! wrote in [`Report::charts`] and the charts it left out in [`Report::charts_not_drawn`].

use crate::analysis::{self, AnalysisOptions, StudyAnalysis};
use crate::checks::{CheckReport, Status};
use crate::error::{Outcome, Result};
use crate::output::{Cell, Digits, Table, Tabular};
use crate::study::Study;
use crate::verify::VerifyReport;
use serde::Serialize;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub studies: Vec<StudyAnalysis>,
    /// Every consistency check on every reported number (GRIM, GRIMMER, bounds, SPRITE,
    /// percent vs count, claimed significance).
    pub checks: CheckReport,
    pub verification: VerifyReport,
    /// Files of the chart gallery written with the report (empty when none were asked for).
    pub charts: Vec<String>,
    /// Charts of the gallery left out, each with the reason (too many time points or
    /// measures to draw readably).
    pub charts_not_drawn: Vec<NotDrawn>,
}

/// A chart of the gallery that was not drawn, and why: `name` as the chart would have been
/// named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotDrawn {
    pub name: String,
    pub reason: String,
}

impl Report {
    /// [`Outcome::ProblemFound`] when a pinned expectation fails, a check finds reported
    /// numbers that cannot all be true, or the optimum of a patient-level MMRM could not be
    /// confirmed.
    pub fn outcome(&self) -> Outcome {
        let unconfirmed = self
            .studies
            .iter()
            .flat_map(|s| &s.patient_data)
            .any(|d| !d.fit.converged);
        let fits = if unconfirmed {
            Outcome::ProblemFound
        } else {
            Outcome::Ok
        };
        self.verification
            .outcome()
            .and(self.checks.outcome())
            .and(fits)
    }
}

/// Analyse `studies` and build the report.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::{analysis::AnalysisOptions, report::build, study::load_dir};
/// // The main job on the shipped data: every study analysed once, and every number the
/// // documents derive from their own numbers (71.4 % of 7 patients, 6 + 1 = 7, ...) holds.
/// let studies = load_dir(Path::new("data"))?;
/// let report = build(&studies, &AnalysisOptions::default())?;
/// assert_eq!(report.studies.len(), studies.len());
/// assert!(report.verification.all_hold());
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn build(studies: &[Study], options: &AnalysisOptions) -> Result<Report> {
    let analyses = analysis::analyse_studies(studies, options)?;
    Ok(Report {
        checks: analysis::check_report(&analyses, options.rounding),
        verification: analysis::verify_report(&analyses),
        studies: analyses,
        charts: Vec::new(),
        charts_not_drawn: Vec::new(),
    })
}

/// Plan each study's confirmatory trial ([`analysis::confirmatory::confirmatory_trial`]),
/// reading the trials file of `data_dir`.
/// A design that cannot be solved leaves the study's section out with its reason.
pub fn add_confirmatory_trials(report: &mut Report, data_dir: &std::path::Path) -> Result<()> {
    use analysis::confirmatory::{Plan, confirmatory_trial};
    for a in &mut report.studies {
        match confirmatory_trial(&a.study, data_dir)? {
            Some(Plan::Trial(t)) => a.confirmatory_trial = Some(*t),
            Some(Plan::LeftOut(why)) => a.confirmatory_trial_left_out = Some(why),
            None => {}
        }
    }
    Ok(())
}

/// The study's confirmatory trial as text: the design, the n, and where every number comes
/// from.
fn confirmatory_text(s: &StudyAnalysis, d: Digits) -> String {
    let Some(c) = &s.confirmatory_trial else {
        return s
            .confirmatory_trial_left_out
            .as_ref()
            .map_or_else(String::new, |why| {
                format!("\nconfirmatory trial: left out ({why})\n")
            });
    };
    let mut t = format!("\nconfirmatory trial ({}): {}\n", c.design, c.method);
    t.push_str(&format!(
        "  {} = {}: {} patients ({} treatment + {} control)",
        c.effect_name,
        d.number(c.effect),
        c.n_total,
        c.n_treatment,
        c.n_control
    ));
    if let Some(e) = c.events {
        t.push_str(&format!(", {e} events"));
    }
    t.push('\n');
    for line in &c.provenance {
        t.push_str(&format!("  - {line}\n"));
    }
    t.push_str(&sequential_text(&c.sequential));
    t.push_str(
        "  charts: n against the effect and n against the allocation A:1, everything else as above\n",
    );
    if let Some(r) = &c.relapse_counts {
        t.push_str(&format!(
            "  or by relapse counts per patient: {}\n    rate ratio = {}: {} patients ({} treatment + {} control)\n",
            r.method,
            d.number(r.rate_ratio),
            r.n_total,
            r.n_treatment,
            r.n_control
        ));
        for line in &r.provenance {
            t.push_str(&format!("    - {line}\n"));
        }
    }
    t
}

/// The confirmatory trial with interim looks, in one or two lines.
fn sequential_text(s: &crate::power::sequential::sample_size::SequentialSize) -> String {
    let d = &s.design;
    let interim = d.looks - 1;
    let mut t = format!(
        "  with {interim} interim look{} (at information {}, then 1; Lan–DeMets O'Brien–Fleming-type α-spending, bounds z {}):",
        if interim == 1 { "" } else { "s" },
        d.timing[..interim]
            .iter()
            .map(|x| format!("{x:.2}"))
            .collect::<Vec<_>>()
            .join(", "),
        d.critical_values
            .iter()
            .map(|z| format!("{z:.3}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(p) = &s.patients {
        t.push_str(&format!(
            " at most {} patients ({} + {}; inflation factor {:.4})",
            p.n_max, p.n_max_per_arm[0], p.n_max_per_arm[1], d.inflation_factor
        ));
        if let (Some(h1), Some(h0)) = (p.expected_n_h1, p.expected_n_h0) {
            t.push_str(&format!(
                ", {h1:.1} expected if the effect is as planned, {h0:.1} if there is none"
            ));
        }
    }
    if let Some(e) = &s.events {
        t.push_str(&format!(
            "; at most {} events, {:.1} expected if the effect is as planned, {:.1} if there is none",
            e.events_max, e.events_expected_h1, e.events_expected_h0
        ));
    }
    t.push('\n');
    t
}

fn ci(lo: Option<f64>, hi: Option<f64>, d: Digits) -> String {
    match (lo, hi) {
        (Some(l), Some(u)) => format!("[{}, {}]", d.number(l), d.number(u)),
        _ => "not estimable".to_string(),
    }
}

/// The SD of a change derived from what was reported, and the r it implies (said to be
/// impossible, and not used, outside [−1, 1]).
fn implied_text(i: &crate::analysis::ImpliedCorrelation, d: Digits) -> String {
    format!(
        "SD {} from {} ({}); implied r = {}{}",
        d.number(i.sd_change),
        i.from,
        i.derivation,
        d.number(i.r),
        if i.is_possible() {
            String::new()
        } else {
            format!(
                ", outside [-1, 1] even within rounding ([{}, {}]): these numbers cannot all be true, r not used",
                d.number(i.range.0),
                d.number(i.range.1)
            )
        }
    )
}

/// An effect's notes in parentheses, or nothing.
fn notes(e: &crate::effect::EffectSize) -> String {
    if e.notes.is_empty() {
        String::new()
    } else {
        format!("  ({})", e.notes.join("; "))
    }
}

/// The test results the study prints (`[[tests]]`), each with its check (statcheck-style:
/// the p its statistic allows within the rounding against the printed p).
fn tests_text(s: &StudyAnalysis, d: Digits) -> String {
    let mut t = String::new();
    let checks: Vec<&crate::checks::Finding> = s
        .findings
        .iter()
        .filter(|f| f.check == crate::checks::CheckName::ReportedTest)
        .collect();
    if checks.is_empty() {
        return t;
    }
    t.push_str(&format!(
        "\nReported test results (checked at α = {})\n",
        d.number(s.options.level.alpha())
    ));
    for f in checks {
        // The detail starts with the text and the verdict.
        t.push_str(&format!("  [{}] {}\n", f.measure, f.detail));
    }
    t
}

/// The time points converted from a median, one line each, with the checks not run on them.
fn conversions_text(conversions: &[crate::analysis::Conversion], indent: &str) -> String {
    let mut t = String::new();
    for c in conversions {
        t.push_str(&format!("{indent}{}: {}\n", c.timepoint, c.text));
    }
    if !conversions.is_empty() {
        t.push_str(&format!(
            "{indent}(converted, not reported: {})\n",
            crate::analysis::medians::NOT_CHECKED
        ));
    }
    t
}

/// One study of the report as readable text.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::analysis::{analyse_study, AnalysisOptions};
/// use trialstats_documents::{report::study_text, study::load_file};
/// // The study's heading names it, its source file and its design, as the data file says.
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let text = study_text(&analyse_study(&study, &AnalysisOptions::default())?);
/// assert!(text.contains("nmo-tocilizumab — Tocilizumab (anti-IL-6 receptor antibody)"));
/// assert!(text.contains("source: 002_f6b3e19b5df4114a.txt"));
/// assert!(text.contains("design: single-arm, before/after"));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn study_text(a: &StudyAnalysis) -> String {
    study_text_in(a, Digits::Check)
}

/// [`study_text`] with its numbers printed to `digits`: the commands' text keeps 8
/// significant digits ([`Digits::Check`]), the page 3 ([`Digits::Reader`]: `MD 0.65 [-1.69,
/// 2.99]`, `p < 0.001`).
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::analysis::{analyse_study, AnalysisOptions};
/// use trialstats_documents::{report::study_text_in, study::load_file};
/// use trialstats_numerics::output::Digits;
/// let study = load_file(Path::new("data/als-edaravone-phase3.toml"))?;
/// let analysed = analyse_study(&study, &AnalysisOptions::default())?;
/// assert!(study_text_in(&analysed, Digits::Check).contains("MD   0.65 [-1.6922185, 2.9922185]"));
/// assert!(study_text_in(&analysed, Digits::Reader).contains("MD   0.65 [-1.69, 2.99]"));
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn study_text_in(a: &StudyAnalysis, d: Digits) -> String {
    {
        let s = a;
        let mut t = String::new();
        let rule = "=".repeat(78);
        t.push_str(&format!("{rule}\n{} — {}\n", s.id, s.title));
        t.push_str(&format!(
            "source: {}   design: {}\n{rule}\n",
            s.source_file, s.design
        ));
        t.push_str(&review_marks_text(s));
        if s.measures.is_empty()
            && s.slopes.is_empty()
            && s.proportions.is_empty()
            && s.arms.is_empty()
            && s.patient_data.is_empty()
        {
            t.push_str("No before/after measures, slopes, proportions or arms to analyse: the study file lists the numbers it holds.\n");
        }
        for m in &s.measures {
            t.push_str(&measure_text(m, d));
        }
        for sl in &s.slopes {
            t.push_str(&format!(
                "\n[{}] {}: {} → {} {}\n",
                sl.id, sl.label, sl.before, sl.after, sl.unit
            ));
            if let Some(why) = &sl.not_analysed {
                t.push_str(&format!("  {why}\n"));
            }
            for e in &sl.effects {
                t.push_str(&format!(
                    "  {:<48} {}  CI {}{}\n",
                    e.measure.description(),
                    d.number(e.estimate),
                    ci(e.ci_lower, e.ci_upper, d),
                    notes(e)
                ));
            }
        }
        if !s.proportions.is_empty() {
            t.push_str(&format!(
                "\nProportions ({} % intervals)\n",
                d.number(s.options.level.percent())
            ));
            for p in &s.proportions {
                t.push_str(&format!(
                    "  {:<34} {}/{} = {}  Wilson [{}, {}]  exact [{}, {}]{}\n",
                    p.id,
                    d.number(p.events),
                    d.number(p.n),
                    d.percent(p.proportion),
                    d.percent(p.wilson.0),
                    d.percent(p.wilson.1),
                    d.percent(p.clopper_pearson.0),
                    d.percent(p.clopper_pearson.1),
                    if p.bound == "exact" {
                        String::new()
                    } else {
                        format!("  (count is {}: a bound)", p.bound)
                    }
                ));
            }
        }
        t.push_str(&arms_text(s, d));
        t.push_str(&patient_data_text(s, d));
        t.push_str(&tests_text(s, d));
        t.push_str(&confirmatory_text(s, d));
        // The sentences the analysis wrote (an r sweep's bound, a verdict's p) in these
        // digits too: with `Digits::Check` they stay as written.
        d.sentence(&t)
    }
}

/// The warning that a drafted file still holds fields marked 'review' (how many, and how
/// many are about its structure); empty when none is.
fn review_marks_text(s: &StudyAnalysis) -> String {
    let mut t = String::new();
    if !s.review_marks.is_empty() {
        let structural = s
            .review_marks
            .iter()
            .filter(|r| {
                let (path, value) = r.split_once(": ").unwrap_or((r, ""));
                path.ends_with(".when")
                    || value.contains("which arm")
                    || value.contains("control")
                    || value.contains("time point")
            })
            .count();
        t.push_str(&format!(
        "REVIEW: this file still holds {} field(s) marked 'review' (a drafted file: a person decides them; the report's JSON lists them as review_marks){}. Nothing below pairs time points that are not confirmed.\n",
        s.review_marks.len(),
        if structural > 0 { format!(", {structural} of them about its structure (arms, time points)") } else { String::new() }
    ));
    }
    t
}

/// Where a paired test becomes significant, its r printed to `d`.
fn threshold_text(t: &crate::prepost::SignificanceThreshold, d: Digits) -> String {
    match t {
        crate::prepost::SignificanceThreshold::From(r) => format!("r ≥ {}", d.number(*r)),
        other => other.to_string(),
    }
}

/// One before/after measure: its numbers as reported, how ± was read, the conversions, the
/// paired test at the assumed r with its effect sizes and r sweep, or why it is not analysed.
fn measure_text(m: &analysis::MeasureAnalysis, d: Digits) -> String {
    let mut t = String::new();
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
        .map(|v| match &v.median {
            Some(median) => format!("{} {median}", v.label),
            None => format!("{} {} ± {}", v.label, v.mean, v.spread),
        })
        .collect();
    t.push_str(&format!("  reported: {}\n", tps.join("; ")));
    if !m.spread_reading.is_empty() {
        t.push_str(&format!("  {}\n", m.spread_reading));
    }
    t.push_str(&conversions_text(&m.conversions, "  "));
    if let Some(i) = &m.implied {
        t.push_str(&format!("  change: {}\n", implied_text(i, d)));
    }
    if let Some(a) = &m.analysis {
        let p = &a.at_assumed_r;
        t.push_str(&format!(
            "  paired test at r = {} ({}): change {} {}, {}% CI {}, t({}) = {}, {}\n",
            d.number(a.assumed_r),
            a.r_source,
            d.number(p.mean_change),
            m.unit,
            d.number(p.level.percent()),
            ci(Some(p.ci_lower), Some(p.ci_upper), d),
            d.number(p.df),
            d.number(p.t),
            d.p(p.p),
        ));
        if !m.effects.is_empty() {
            t.push_str(&format!(
                "  effect sizes at r = {} (metafor escalc, normal-theory {}% CIs):\n",
                d.number(a.assumed_r),
                d.number(p.level.percent())
            ));
        }
        for e in &m.effects {
            t.push_str(&format!(
                "    {:<5} {} {}\n",
                e.measure.as_str(),
                d.number(e.estimate),
                ci(e.ci_lower, e.ci_upper, d)
            ));
        }
        let sweep: Vec<String> = a
            .sweep
            .iter()
            .map(|x| format!("r={}: {}", d.number(x.r), d.p(x.p).replacen(" = ", "=", 1)))
            .collect();
        t.push_str(&format!("  r sweep: {}\n", sweep.join(", ")));
        t.push_str(&format!(
            "  significant (α = {}): {}\n  {}\n",
            d.number(a.alpha),
            threshold_text(&a.threshold, d),
            a.claim.detail
        ));
    }
    if let Some(why) = &m.not_analysed {
        t.push_str(&format!("  not analysed: {why}\n"));
    }
    t
}

/// The between-arm comparisons of a trial: each arm's numbers as reported, how ± was read,
/// and each arm against the control with the basis (values, change scores at which r,
/// reported changes, counts, rates) named.
fn arms_text(s: &StudyAnalysis, d: Digits) -> String {
    let mut t = String::new();
    if s.arms.is_empty() {
        return t;
    }
    let arm_labels: Vec<String> = s
        .study
        .arms
        .iter()
        .map(|a| {
            format!(
                "{}{} = {} (n = {})",
                a.id,
                match (a.control, a.control_for_review) {
                    (true, true) => " [reference for review: the text names no control]",
                    (true, false) => " [control]",
                    _ => "",
                },
                a.label,
                a.n
            )
        })
        .collect();
    t.push_str(&format!("\nArms: {}\n", arm_labels.join("; ")));
    for item in &s.arms {
        t.push_str(&format!("\n[{}] {} ({})\n", item.id, item.label, item.unit));
        for line in &item.reported {
            t.push_str(&format!("  reported: {line}\n"));
        }
        if let Some(reading) = &item.spread_reading {
            t.push_str(&format!("  {reading}\n"));
        }
        for (arm, i) in &item.implied {
            t.push_str(&format!("  change of {arm}: {}\n", implied_text(i, d)));
        }
        for c in &item.comparisons {
            let how = match c.basis {
                crate::analysis::ArmBasis::Printed { .. } => "",
                _ => "metafor escalc, ",
            };
            t.push_str(&format!(
                "  {} vs {} ({}; {how}normal-theory {}% CIs):\n",
                c.arm,
                c.control,
                c.basis.describe(),
                d.number(s.options.level.percent())
            ));
            t.push_str(&conversions_text(&c.conversions, "    "));
            for e in &c.effects {
                // A ratio's estimate is metafor's log (escalc's `RR` is log RR): named so, and
                // the ratio itself after it, as a clinician reads it (usertrial71 d05 read `RR
                // 0.117` as a risk ratio of 0.12).
                let measure = e.measure.as_str();
                let (name, ratio) = match e.ratio_text_in(d) {
                    Some(r) => (format!("log {measure}"), format!("  = {measure} {r}")),
                    None => (measure.to_string(), String::new()),
                };
                t.push_str(&format!(
                    "    {name:<4} {} {}{ratio}{}\n",
                    d.number(e.estimate),
                    ci(e.ci_lower, e.ci_upper, d),
                    notes(e)
                ));
            }
            for why in &c.not_computed {
                t.push_str(&format!("    {why}\n"));
            }
        }
        if let Some(why) = &item.not_analysed {
            t.push_str(&format!("  not analysed: {why}\n"));
        }
    }
    t
}

/// The MMRM of each patient-level data file: the model, each arm against the control at the
/// last visit (the primary comparison) in full, then at every visit in a line each.
fn patient_data_text(s: &StudyAnalysis, digits: Digits) -> String {
    let mut t = String::new();
    for d in &s.patient_data {
        let f = &d.fit;
        t.push_str(&format!(
            "\n[{}] {} ({}): MMRM on patient-level data\n",
            d.id, d.label, d.unit
        ));
        if d.synthetic {
            t.push_str("  SYNTHETIC DATA: invented patients, made to show the analysis; not results of a trial\n");
        }
        let per_visit: Vec<String> = f
            .visits
            .iter()
            .zip(&f.n_per_visit)
            .map(|(v, n)| format!("{v} {n}"))
            .collect();
        t.push_str(&format!(
            "  file: {} ({} rows used, {} patients; per visit: {}{})\n",
            d.file,
            f.n_obs,
            f.n_subjects,
            per_visit.join(", "),
            if f.n_dropped > 0 {
                format!("; {} rows with missing values dropped", f.n_dropped)
            } else {
                String::new()
            }
        ));
        t.push_str(&format!(
            "  model: {} ({} covariance, {}, {} df; as R's mmrm){}\n",
            d.formula,
            f.covariance_structure.label(),
            f.method,
            f.ddf.map_or("", |x| x.label()),
            if f.converged {
                String::new()
            } else {
                format!(
                    "\n  WARNING: the optimum could not be confirmed after {} iterations; the estimates may not be the REML estimates",
                    f.iterations
                )
            }
        ));
        let level = digits.number(s.options.level.percent());
        let at = format!("{}={}", f.visit, d.last_visit);
        if let Some(means) = &f.emmeans {
            let last: Vec<String> = means
                .iter()
                .filter(|m| m.at == at)
                .map(|m| {
                    format!(
                        "{} {} {}",
                        m.level,
                        digits.number(m.estimate),
                        ci(Some(m.ci_lower), Some(m.ci_upper), digits)
                    )
                })
                .collect();
            t.push_str(&format!(
                "  least-squares means at {} ({level}% CI): {}\n",
                d.last_visit,
                last.join("; ")
            ));
        }
        for c in d.at_last_visit() {
            t.push_str(&format!(
                "  {} at {} (the last visit): {} {}, SE {}, t({}) = {}, {}, {level}% CI {}\n",
                c.contrast,
                d.last_visit,
                digits.number(c.estimate),
                d.unit,
                digits.number(c.se),
                digits.number(c.df),
                digits.number(c.t),
                digits.p(c.p),
                ci(Some(c.ci_lower), Some(c.ci_upper), digits)
            ));
        }
        t.push_str(&format!(
            "  every {} against {} at each visit (not adjusted for multiplicity):\n",
            d.arm, d.control
        ));
        for c in &d.vs_control {
            let visit = c.at.strip_prefix(&format!("{}=", f.visit)).unwrap_or(&c.at);
            t.push_str(&format!(
                "    {visit:<12} {}  {} {}  {}\n",
                c.contrast,
                digits.number(c.estimate),
                ci(Some(c.ci_lower), Some(c.ci_upper), digits),
                digits.p(c.p)
            ));
        }
    }
    t
}

impl Tabular for Report {
    fn preamble(&self) -> Option<String> {
        let mut t = String::new();
        for s in &self.studies {
            t.push_str(&study_text(s));
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
            // Each chart is written as SVG and PNG, beside the gallery's index files: the
            // charts are counted by their PNGs, the files listed.
            let drawn = self.charts.iter().filter(|c| c.ends_with(".png")).count();
            t.push_str(&match drawn {
                0 => format!(
                    "\n\nno chart drawn; {} files written:\n",
                    self.charts.len()
                ),
                1 => format!(
                    "\n\n1 chart written ({} files: SVG, PNG and the gallery's index):\n",
                    self.charts.len()
                ),
                k => format!(
                    "\n\n{k} charts written ({} files: each as SVG and PNG, and the gallery's index):\n",
                    self.charts.len()
                ),
            });
            for c in &self.charts {
                t.push_str(&format!("  {c}\n"));
            }
        }
        if !self.charts_not_drawn.is_empty() {
            t.push_str(&format!(
                "\n{} charts not drawn:\n",
                self.charts_not_drawn.len()
            ));
            for c in &self.charts_not_drawn {
                t.push_str(&format!("  {}: {}\n", c.name, c.reason));
            }
        }
        Some(t)
    }
}

impl Report {
    /// The consistency checks in a few lines: counts, then every finding that is not
    /// consistent or not applicable (the full list: `trialstats check`).
    pub fn checks_summary(&self) -> String {
        let mut t = format!(
            "Consistency checks (GRIM, GRIMMER, bounds, SPRITE, percent vs count, claimed significance): {}\n",
            self.checks.preamble().unwrap_or_default()
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
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::{analysis::AnalysisOptions, report::{build, measure_table}};
/// use trialstats_documents::study::load_file;
/// use trialstats_numerics::output::Cell;
/// // The press release's EDSS row: 5.1 → 4.1 is a change of −1.0; at r = 0.5 the paired
/// // p = 0.16043342397196245 (R: 2 * pt(-1 / (sqrt(1.7^2 + 1.6^2 - 1.7 * 1.6) / sqrt(7)), 6)).
/// let study = load_file(Path::new("data/nmo-tocilizumab.toml"))?;
/// let table = measure_table(&build(&[study], &AnalysisOptions::default())?);
/// assert_eq!(table.header[..4], ["study", "measure", "r", "mean_change"]);
/// let edss = table.rows.iter().find(|r| r[1] == Cell::from("edss")).unwrap();
/// let Cell::Number(p) = edss[6] else { panic!("p is a number") };
/// assert!((p - 0.16043342397196245).abs() < 1e-12);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
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
