//! How a meta-analysis is shown: [`Tabular`] for the fit (one long table of every estimate,
//! so that the CSV holds the same numbers as the text table) and for the leave-one-out and
//! influence tables, the subgroups, the cumulative analysis and the publication-bias results.

use crate::meta::bias::egger::PetPeese;
use crate::meta::bias::failsafe::FailSafeN;
use crate::meta::bias::ranktest::RankTest;
use crate::meta::bias::selmodel::SelectionModel;
use crate::meta::bias::trimfill::TrimFill;
use crate::meta::fitting::linear::{Prediction, WaldTest};
use crate::meta::fitting::model::{Coefficient, TESTED_COLUMNS, TestedEstimate};
use crate::meta::fitting::multilevel::MultilevelFit;
use crate::meta::fitting::multilevel_ranef::MultilevelRandomEffects;
use crate::meta::fitting::per_study::StudyPrediction;
use crate::meta::input::Omitted;
use crate::meta::rma::{MetaFit, StudyResult};
use crate::meta::subsets::influence::{Influence, LeaveOneOut};
use crate::meta::subsets::subgroup::SubgroupTest;
use crate::meta::subsets::subset::SubsetSummary;
use crate::output::{Cell, Table, Tabular, human_number as h};
use serde::Serialize;

impl MetaFit {
    fn statistic_name(&self) -> &'static str {
        if self.df.is_some() { "t" } else { "z" }
    }
}

/// The cells of a row with one number, the first.
fn only(x: f64) -> [Option<f64>; 6] {
    [Some(x), None, None, None, None, None]
}

/// One row of the summary table: a term and up to six numbers (absent ones shown as "-").
fn row(term: &str, cells: [Option<f64>; 6]) -> Vec<Cell> {
    let mut r = vec![Cell::from(term)];
    r.extend(cells.into_iter().map(Cell::from));
    r
}

/// One row of the summary table: a term and its estimate, SE, test and interval.
fn tested_row(term: &str, tested: &TestedEstimate) -> Vec<Cell> {
    row(term, tested.cells().map(Some))
}

/// The header of the summary tables and one row per coefficient.
fn coefficient_rows(
    coefficients: &[crate::meta::fitting::model::Coefficient],
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let header = std::iter::once("term")
        .chain(TESTED_COLUMNS)
        .map(str::to_string)
        .collect();
    let rows = coefficients
        .iter()
        .map(|c| tested_row(&c.name, c))
        .collect();
    (header, rows)
}

/// A header: `first`, the [`TESTED_COLUMNS`], then `rest`.
fn tested_header<'a>(first: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
    first
        .iter()
        .copied()
        .chain(TESTED_COLUMNS)
        .chain(rest.iter().copied())
        .collect()
}

impl Tabular for MetaFit {
    fn table(&self) -> Table {
        let (header, mut rows) = coefficient_rows(&self.coefficients);
        let ci = |i: usize| self.tau2_ci.map(|c| c[i]);
        let test = |x: f64, p: f64| [Some(x), None, Some(x), Some(p), None, None];
        let interval =
            |x: f64, lo: Option<f64>, hi: Option<f64>| [Some(x), None, None, None, lo, hi];
        rows.push(row(
            "tau^2",
            [Some(self.tau2), self.tau2_se, None, None, ci(0), ci(1)],
        ));
        rows.push(row(
            "tau",
            interval(self.tau, ci(0).map(f64::sqrt), ci(1).map(f64::sqrt)),
        ));
        let at = |c: Option<[f64; 2]>, i: usize| c.map(|c| c[i]);
        rows.push(row(
            "I^2 (%)",
            interval(self.i2, at(self.i2_ci, 0), at(self.i2_ci, 1)),
        ));
        rows.push(row(
            "H^2",
            interval(self.h2, at(self.h2_ci, 0), at(self.h2_ci, 1)),
        ));
        rows.push(row(
            &format!("Q (df = {})", self.q_df),
            test(self.q, self.q_p),
        ));
        if self.p > 1 {
            let name = match self.df {
                Some(d) => format!("QM F(df1 = {}, df2 = {d})", self.qm_df),
                None => format!("QM (df = {})", self.qm_df),
            };
            rows.push(row(&name, test(self.qm, self.qm_p)));
        }
        if let Some(r2) = self.r2 {
            rows.push(row("R^2 (%)", only(r2)));
        }
        if self.pi_lower.is_some() {
            rows.push(row(
                "prediction interval",
                interval(self.estimate, self.pi_lower, self.pi_upper),
            ));
        }
        if let Some(e) = &self.egger {
            rows.push(row(
                "Egger test (sei slope)",
                [
                    Some(e.slope),
                    None,
                    Some(e.statistic),
                    Some(e.p),
                    None,
                    None,
                ],
            ));
            if let Some(b) = e.limit_estimate {
                let ci = e
                    .limit_ci
                    .map_or([None, None], |c| [Some(c[0]), Some(c[1])]);
                rows.push(row("limit estimate (sei -> 0)", interval(b, ci[0], ci[1])));
            }
        }
        Table { header, rows }
    }

    fn preamble(&self) -> Option<String> {
        let kind = match (self.method, self.p > 1) {
            ("FE", false) => "Fixed-effect model",
            ("FE", true) => "Fixed-effects model with moderators",
            (_, false) => "Random-effects model",
            (_, true) => "Mixed-effects model",
        };
        let mut s = format!(
            "{kind} (k = {}; tau^2 estimator: {}; tests: {}; level {}%)\n",
            self.k,
            self.method,
            self.test,
            h(self.level.percent())
        );
        s.push_str(&format!(
            "estimate = {}, SE = {}, {} = {}, p = {}, CI [{}, {}]\n",
            h(self.estimate),
            h(self.se),
            self.statistic_name(),
            h(self.statistic),
            h(self.p_value),
            h(self.ci_lower),
            h(self.ci_upper)
        ));
        s.push_str(&format!(
            "tau^2 = {}, tau = {}, I^2 = {}%, H^2 = {}; Q({}) = {}, p = {}",
            h(self.tau2),
            h(self.tau),
            h(self.i2),
            h(self.h2),
            self.q_df,
            h(self.q),
            h(self.q_p)
        ));
        for (e, what) in [
            (
                &self.exponentiated,
                "exp (ratio scale, as predict(transf = exp))",
            ),
            (
                &self.as_correlation,
                "tanh (correlation scale, as predict(transf = transf.ztor))",
            ),
        ] {
            let Some(e) = e else { continue };
            s.push_str(&format!(
                "\n{what}: estimate = {}, CI [{}, {}]{}",
                h(e.estimate),
                h(e.ci_lower),
                h(e.ci_upper),
                match (e.pi_lower, e.pi_upper) {
                    (Some(lo), Some(hi)) => format!(", prediction interval [{}, {}]", h(lo), h(hi)),
                    _ => String::new(),
                }
            ));
        }
        let f = &self.fit_statistics;
        s.push_str(&format!(
            "\nfit ({}, {} parameters): log-likelihood = {}, deviance = {}, AIC = {}, BIC = {}, AICc = {}",
            f.likelihood,
            f.parameters,
            h(f.criteria.log_likelihood),
            h(f.criteria.deviance),
            h(f.criteria.aic),
            h(f.criteria.bic),
            h(f.criteria.aicc)
        ));
        Some(s)
    }

    fn epilogue(&self) -> Option<String> {
        let mut notes = Vec::new();
        if self.p > 1 {
            notes.push(
                "With moderators: estimate is the intercept; Q is the residual QE; I^2 and H^2 \
                 are residual; R^2 is the share of tau^2 explained."
                    .to_string(),
            );
        }
        if self.egger.is_none() {
            notes.push("Egger's test needs more studies than this model has.".to_string());
        }
        if self.tau2_ci.is_none() && self.method != "FE" {
            notes.push("No Q-profile interval for tau^2: too few studies.".to_string());
        }
        for w in &self.warnings {
            notes.push(format!("Warning: {w}."));
        }
        if let Some(b) = &self.bayes {
            notes.push(format!("\n{}", b.text().trim_end()));
        }
        (!notes.is_empty()).then(|| notes.join("\n"))
    }
}

/// A table of one label column followed by number columns, one row per item.
fn labelled_table<R>(
    header: &[&str],
    items: &[R],
    cells: impl Fn(&R) -> (&str, Vec<f64>),
) -> Table {
    let rows = items
        .iter()
        .map(|item| {
            let (label, numbers) = cells(item);
            let mut row = vec![Cell::from(label)];
            row.extend(numbers.into_iter().map(Cell::from));
            row
        })
        .collect();
    Table {
        header: header.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

impl Tabular for LeaveOneOut {
    fn table(&self) -> Table {
        let header = tested_header(&["left out"], &["Q", "Q_p", "tau2", "I2", "H2"]);
        labelled_table(&header, &self.0, |r| {
            let mut numbers = r.cells().to_vec();
            numbers.extend([r.q, r.q_p, r.tau2, r.i2, r.h2]);
            (&r.label, numbers)
        })
    }
    fn preamble(&self) -> Option<String> {
        Some("Leave-one-out analysis".to_string())
    }
}

impl Tabular for Influence {
    fn table(&self) -> Table {
        let p = self.0.first().map_or(0, |r| r.dfbetas.len());
        let dfbetas: Vec<String> = (1..=p).map(|j| format!("dfbetas_{j}")).collect();
        let mut header = vec![
            "study",
            "rstudent",
            "dffits",
            "cooks_distance",
            "cov_ratio",
            "tau2_deleted",
            "q_deleted",
            "hat",
            "weight_percent",
        ];
        header.extend(dfbetas.iter().map(String::as_str));
        labelled_table(&header, &self.0, |r| {
            let mut numbers = vec![
                r.rstudent,
                r.dffits,
                r.cooks_distance,
                r.cov_ratio,
                r.tau2_deleted,
                r.q_deleted,
                r.hat,
                r.weight_percent,
            ];
            numbers.extend(&r.dfbetas);
            (&r.label, numbers)
        })
    }
    fn preamble(&self) -> Option<String> {
        Some("Influence diagnostics (case deletion)".to_string())
    }
}

/// The fitted values, BLUPs, random effects and standardised residuals (`--blup`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct PerStudy(pub Vec<StudyPrediction>);

impl Tabular for PerStudy {
    fn table(&self) -> Table {
        let header = [
            "study",
            "fitted",
            "blup",
            "blup_se",
            "blup_pi_lower",
            "blup_pi_upper",
            "ranef",
            "ranef_se",
            "ranef_pi_lower",
            "ranef_pi_upper",
            "residual",
            "residual_se",
            "rstandard",
            "hat",
        ];
        labelled_table(&header, &self.0, |r| {
            let (b, u) = (&r.blup, &r.random_effect);
            let numbers = vec![
                r.fitted,
                b.pred,
                b.se,
                b.pi_lower,
                b.pi_upper,
                u.pred,
                u.se,
                u.pi_lower,
                u.pi_upper,
                r.residual,
                r.residual_se,
                r.rstandard,
                r.hat,
            ];
            (&r.label, numbers)
        })
    }
    fn preamble(&self) -> Option<String> {
        Some(
            "Per study: fitted value, BLUP of the true effect and of the random effect (SE, \
             prediction interval), standardised residual, hat value"
                .to_string(),
        )
    }
}

impl Tabular for WaldTest {
    fn table(&self) -> Table {
        let name = match self.df2 {
            Some(d) => format!("QM F(df1 = {}, df2 = {})", self.df1, h(d)),
            None => format!("QM (df = {})", self.df1),
        };
        Table {
            header: ["test", "statistic", "p"].map(String::from).to_vec(),
            rows: vec![vec![
                Cell::from(name.as_str()),
                Cell::from(self.statistic),
                Cell::from(self.p),
            ]],
        }
    }
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "Test of the coefficients {} (all 0)",
            self.coefficients.join(", ")
        ))
    }
}

/// Predictions at new moderator values (`--newmods`), with the moderators' names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Predictions {
    pub names: Vec<String>,
    pub rows: Vec<Prediction>,
}

impl Predictions {
    /// The predictions of a fit with `coefficients` (the intercept first), named by its
    /// moderators: every coefficient after the intercept.
    pub fn of_fit(coefficients: &[Coefficient], rows: &[Prediction]) -> Predictions {
        Predictions {
            names: coefficients
                .iter()
                .skip(1)
                .map(|c| c.name.clone())
                .collect(),
            rows: rows.to_vec(),
        }
    }
}

impl Tabular for Predictions {
    fn table(&self) -> Table {
        let mut header: Vec<String> = self.names.clone();
        header.extend(
            ["pred", "se", "ci_lower", "ci_upper", "pi_lower", "pi_upper"].map(String::from),
        );
        let rows = self
            .rows
            .iter()
            .map(|r| {
                r.newmods
                    .iter()
                    .chain([r.pred, r.se, r.ci_lower, r.ci_upper, r.pi_lower, r.pi_upper].iter())
                    .map(|x| Cell::from(*x))
                    .collect()
            })
            .collect();
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some("Predicted effects at the given moderator values".to_string())
    }
}

impl Tabular for MultilevelRandomEffects {
    fn table(&self) -> Table {
        let header = ["level", "label", "pred", "se", "pi_lower", "pi_upper"]
            .map(String::from)
            .to_vec();
        let rows = [("cluster", &self.cluster), ("effect", &self.effect)]
            .into_iter()
            .flat_map(|(level, effects)| {
                effects.iter().map(move |r| {
                    let p = &r.predicted;
                    vec![
                        Cell::from(level),
                        Cell::from(r.label.as_str()),
                        Cell::from(p.pred),
                        Cell::from(p.se),
                        Cell::from(p.pi_lower),
                        Cell::from(p.pi_upper),
                    ]
                })
            })
            .collect();
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some("Predicted random effects (BLUPs) of the clusters and of the effects".to_string())
    }
}

/// A square matrix with named rows and columns: the hat matrix (`--hat-matrix`, one row per
/// study) or the coefficients' covariance (`--vcov`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledMatrix {
    pub title: String,
    pub labels: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

impl Tabular for LabelledMatrix {
    fn table(&self) -> Table {
        let header: Vec<&str> = std::iter::once("")
            .chain(self.labels.iter().map(String::as_str))
            .collect();
        let items: Vec<(&String, &Vec<f64>)> = self.labels.iter().zip(&self.rows).collect();
        labelled_table(&header, &items, |(l, r)| (l.as_str(), r.to_vec()))
    }
    fn preamble(&self) -> Option<String> {
        Some(self.title.clone())
    }
}

/// The per-study table (what a forest plot shows).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Studies(pub Vec<StudyResult>);

impl Tabular for Studies {
    fn table(&self) -> Table {
        let header = [
            "study",
            "yi",
            "vi",
            "sei",
            "ci_lower",
            "ci_upper",
            "weight_percent",
        ];
        labelled_table(&header, &self.0, |r| {
            let numbers = vec![r.yi, r.vi, r.sei, r.ci_lower, r.ci_upper, r.weight_percent];
            (&r.label, numbers)
        })
    }
    fn preamble(&self) -> Option<String> {
        Some("Studies".to_string())
    }
}

/// The subgroup fits and the test for their differences, as a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubgroupTable {
    pub subgroups: Vec<SubsetSummary>,
    pub subgroup_test: SubgroupTest,
}

/// The header and numbers of a table of [`SubsetSummary`] rows.
fn summary_table(first: &str, rows: &[SubsetSummary]) -> Table {
    let header = tested_header(&[first, "k"], &["tau2", "Q", "Q_p", "I2"]);
    let mut table = labelled_table(&header, rows, |r| {
        let mut numbers = r.cells().to_vec();
        numbers.extend([r.tau2, r.q, r.q_p, r.i2]);
        (&r.label, numbers)
    });
    for (row, r) in table.rows.iter_mut().zip(rows) {
        row.insert(1, Cell::from(r.k));
    }
    table
}

impl Tabular for SubgroupTable {
    fn table(&self) -> Table {
        summary_table("subgroup", &self.subgroups)
    }
    fn preamble(&self) -> Option<String> {
        Some("Subgroups (a separate model, with its own tau^2, in each)".to_string())
    }
    fn epilogue(&self) -> Option<String> {
        let t = &self.subgroup_test;
        Some(format!(
            "Test for subgroup differences: Q_between({}) = {}, p = {}",
            t.df,
            h(t.q),
            h(t.p)
        ))
    }
}

/// The cumulative meta-analysis as a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CumulativeTable(pub Vec<SubsetSummary>);

impl Tabular for CumulativeTable {
    fn table(&self) -> Table {
        summary_table("adding", &self.0)
    }
    fn preamble(&self) -> Option<String> {
        Some("Cumulative meta-analysis".to_string())
    }
}

/// The publication-bias results of a fit, as one table of terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicationBias {
    pub trimfill: Option<TrimFill>,
    pub fsn: Option<FailSafeN>,
    pub ranktest: Option<RankTest>,
    pub pet_peese: Option<PetPeese>,
    pub selmodel: Option<SelectionModel>,
}

impl PublicationBias {
    /// The results `fit` holds (`None` when it holds none).
    pub fn of(fit: &MetaFit) -> Option<Self> {
        let b = PublicationBias {
            trimfill: fit.trimfill.clone(),
            fsn: fit.fsn,
            ranktest: fit.ranktest,
            pet_peese: fit.pet_peese,
            selmodel: fit.selmodel.clone(),
        };
        let any = b.trimfill.is_some()
            || b.fsn.is_some()
            || b.ranktest.is_some()
            || b.pet_peese.is_some()
            || b.selmodel.is_some();
        any.then_some(b)
    }
}

impl Tabular for PublicationBias {
    fn table(&self) -> Table {
        let (header, mut rows) = coefficient_rows(&[]);
        if let Some(t) = &self.trimfill {
            trimfill_rows(t, &mut rows);
        }
        if let Some(f) = &self.fsn {
            fail_safe_rows(f, &mut rows);
        }
        if let Some(r) = &self.ranktest {
            rows.push(row(
                "rank correlation test (Kendall tau)",
                [Some(r.tau), None, None, Some(r.p), None, None],
            ));
        }
        if let Some(pp) = &self.pet_peese {
            for (name, l) in [("PET (sei)", pp.pet), ("PEESE (vi)", pp.peese)] {
                rows.push(tested_row(&format!("{name} limit estimate"), &l));
            }
            rows.push(row(
                &format!("PET-PEESE estimate ({})", pp.chosen),
                only(pp.estimate),
            ));
        }
        if let Some(s) = &self.selmodel {
            selection_model_rows(s, &mut rows);
        }
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some("Publication bias and small-study effects".to_string())
    }
}

/// The rows of trim and fill's `t`: the missing studies, the estimate with them, τ².
fn trimfill_rows(t: &TrimFill, rows: &mut Vec<Vec<Cell>>) {
    rows.push(row(
        &format!(
            "trim and fill ({:?}): missing studies on the {}",
            t.estimator,
            match t.side {
                crate::meta::bias::trimfill::Side::Left => "left",
                crate::meta::bias::trimfill::Side::Right => "right",
            }
        ),
        [Some(t.k0 as f64), Some(t.se_k0), None, None, None, None],
    ));
    rows.push(tested_row("trim and fill: estimate with filled studies", t));
    rows.push(row("trim and fill: tau^2", only(t.tau2)));
}

/// The rows of the fail-safe numbers `f` (each method's, and the general ones' estimate and
/// τ² with the added studies).
fn fail_safe_rows(f: &FailSafeN, rows: &mut Vec<Vec<Cell>>) {
    rows.push(row("fail-safe N (Rosenthal)", only(f.rosenthal)));
    rows.push(row(
        "fail-safe N (Orwin, target half the mean)",
        [f.orwin, None, None, None, None, None],
    ));
    rows.push(row("fail-safe N (Rosenberg)", only(f.rosenberg)));
    rows.push(row(
        "fail-safe N (Rosenthal, Fisher's method)",
        [f.fisher, None, None, None, None, None],
    ));
    for g in [&f.general, &f.general_target].into_iter().flatten() {
        let label = format!(
            "fail-safe N (General, {}{}{})",
            g.method,
            if g.exact { ", exact" } else { "" },
            g.target
                .map(|t| format!(", target {}", h(t)))
                .unwrap_or_default()
        );
        rows.push(row(&label, only(g.n)));
        rows.push(row(
            "fail-safe N (General): estimate and p with them",
            [Some(g.estimate), None, None, Some(g.p_value), None, None],
        ));
        rows.push(row("fail-safe N (General): tau^2 with them", only(g.tau2)));
    }
    if let Some(o) = &f.orwin_target {
        for (what, n) in [("unweighted", o.unweighted), ("weighted", o.weighted)] {
            rows.push(row(
                &format!("fail-safe N (Orwin, target {}, {what})", h(o.target)),
                [n, None, None, None, None, None],
            ));
        }
    }
}

/// The rows of the selection model `s`: its coefficients (and omnibus test), τ² and its
/// test, each δ (tested, fixed or estimated), the log-likelihood and the test of selection.
fn selection_model_rows(s: &SelectionModel, rows: &mut Vec<Vec<Cell>>) {
    let name = match &s.prec {
        Some(c) => format!(
            "selection model ({}, on {}{})",
            s.kind,
            c.measure,
            if c.scaled { ", scaled" } else { "" }
        ),
        None => format!("selection model ({})", s.kind),
    };
    if s.coefficients.len() > 1 {
        // A meta-regression: each coefficient, then their omnibus test.
        for c in &s.coefficients {
            rows.push(tested_row(&format!("{name}: {}", c.name), c));
        }
        if let (Some(qm), Some(df), Some(p)) = (s.qm, s.qm_df, s.qm_p) {
            rows.push(row(
                &format!("{name}: QM (df = {df}) of {}", s.qm_coefficients.join(", ")),
                [Some(qm), None, Some(qm), Some(p), None, None],
            ));
        }
    } else {
        rows.push(tested_row(&format!("{name}: estimate"), s));
    }
    rows.push(row(
        &format!("{name}: tau^2"),
        [
            Some(s.tau2),
            s.tau2_se,
            None,
            None,
            s.tau2_ci.map(|c| c[0]),
            s.tau2_ci.map(|c| c[1]),
        ],
    ));
    if let (Some(x), Some(p)) = (s.tau2_lrt, s.tau2_lrt_p) {
        rows.push(row(
            &format!("{name}: LRT of tau^2 = 0 (df = 1)"),
            [Some(x), None, Some(x), Some(p), None, None],
        ));
    }
    for (j, d) in s.delta.iter().enumerate() {
        // the step function's δ are per interval of p-values
        let what = match (s.kind, s.steps.get(j)) {
            ("stepfun", Some(hi)) => format!(
                "delta for {} < p <= {} (k = {})",
                h(if j == 0 { 0.0 } else { s.steps[j - 1] }),
                h(*hi),
                s.k_per_interval[j]
            ),
            _ => format!("delta {}", j + 1),
        };
        let test = s.delta_tests.iter().find(|t| t.parameter == j + 1);
        let label = match (test, s.delta_fixed[j]) {
            (Some(t), _) => format!("{name}: {what}, z and p of delta = {}", h(t.null)),
            (None, true) => format!("{name}: {what} (fixed)"),
            (None, false) => format!("{name}: {what}"),
        };
        let cells = match test {
            Some(t) => [
                Some(t.delta),
                Some(t.se),
                Some(t.z),
                Some(t.p),
                Some(t.ci_lower),
                Some(t.ci_upper),
            ],
            None => only(*d),
        };
        rows.push(row(&label, cells));
    }
    for c in &s.profile_ci {
        rows.push(row(
            &format!("{name}: {}, profile-likelihood CI", c.parameter),
            [
                Some(c.estimate),
                None,
                None,
                None,
                Some(c.ci_lower),
                Some(c.ci_upper),
            ],
        ));
    }
    rows.push(row(
        &format!("{name}: log-likelihood (ML)"),
        only(s.log_likelihood),
    ));
    rows.push(row(
        &format!("{name}: LRT (df = {})", s.lrt_df),
        [Some(s.lrt), None, Some(s.lrt), s.lrt_p, None, None],
    ));
}

impl Tabular for MultilevelFit {
    fn table(&self) -> Table {
        let (header, mut rows) = coefficient_rows(&self.coefficients);
        let test = |x: f64, p: f64| [Some(x), None, Some(x), Some(p), None, None];
        let inner = self.id_column.as_deref().unwrap_or("effect");
        for (j, name) in [
            format!("sigma^2 between ({})", self.cluster_column),
            format!("sigma^2 within ({}/{inner})", self.cluster_column),
        ]
        .iter()
        .enumerate()
        {
            let [lo, hi] = self.sigma2_ci[j];
            rows.push(row(name, [Some(self.sigma2[j]), None, None, None, lo, hi]));
        }
        rows.push(row(
            &format!("I^2 between ({}) (%)", self.cluster_column),
            only(self.i2[0]),
        ));
        rows.push(row("I^2 within (%)", only(self.i2[1])));
        rows.push(row("I^2 total (%)", only(self.i2_total)));
        rows.push(row(
            &format!("Q (df = {})", self.q_df),
            test(self.q, self.q_p),
        ));
        let qm_name = match self.df {
            Some(d) => format!("QM F(df1 = {}, df2 = {d})", self.qm_df),
            None => format!("QM (df = {})", self.qm_df),
        };
        rows.push(row(&qm_name, test(self.qm, self.qm_p)));
        rows.push(row("log-likelihood", only(self.log_likelihood)));
        rows.push(row("deviance", only(self.deviance)));
        rows.push(row("AIC", only(self.aic)));
        rows.push(row("BIC", only(self.bic)));
        rows.push(row("AICc", only(self.aicc)));
        let t = &self.two_level_test;
        rows.push(row(
            "two-level log-likelihood",
            only(t.log_likelihood_two_level),
        ));
        rows.push(row("LRT vs two-level (df = 1)", test(t.lrt, t.p)));
        if let Some(r) = &self.robust {
            for c in &r.coefficients {
                rows.push(tested_row(
                    &format!("{} ({} robust, df = {})", c.name, r.vcov_type, h(c.df)),
                    c,
                ));
            }
            if let Some(t) = &r.omnibus {
                rows.push(row(
                    &format!(
                        "QM {} robust F(df1 = {}, df2 = {})",
                        r.vcov_type,
                        t.df1,
                        h(t.df2)
                    ),
                    [None, None, Some(t.statistic), Some(t.p), None, None],
                ));
            }
        }
        if let Some(pi) = self.pi_lower.zip(self.pi_upper) {
            rows.push(row(
                "prediction interval",
                [None, None, None, None, Some(pi.0), Some(pi.1)],
            ));
        }
        Table { header, rows }
    }

    fn preamble(&self) -> Option<String> {
        let inner = self.id_column.as_deref().unwrap_or("effect");
        let mut s = format!(
            "Three-level model (k = {} effects in {} clusters; random = ~ 1 | {}/{inner}; {}; tests: {}; level {}%)\n",
            self.k,
            self.clusters,
            self.cluster_column,
            self.method,
            self.test,
            h(self.level.percent())
        );
        s.push_str(&format!(
            "estimate = {}, SE = {}, CI [{}, {}]\n",
            h(self.estimate),
            h(self.se),
            h(self.ci_lower),
            h(self.ci_upper)
        ));
        s.push_str(&format!(
            "sigma^2 = {} (between clusters), {} (within); log-likelihood = {}",
            h(self.sigma2[0]),
            h(self.sigma2[1]),
            h(self.log_likelihood)
        ));
        Some(s)
    }
}

impl Tabular for crate::meta::fitting::robust::RobustTests {
    fn table(&self) -> Table {
        let header = [
            "term", "estimate", "se", "t", "df", "p", "ci_lower", "ci_upper",
        ];
        let mut table = labelled_table(&header, &self.coefficients, |c| {
            let numbers = vec![
                c.estimate,
                c.se,
                c.statistic,
                c.df,
                c.p,
                c.ci_lower,
                c.ci_upper,
            ];
            (&c.name, numbers)
        });
        if let Some(t) = &self.omnibus {
            let mut row = vec![Cell::from(
                format!("QM F(df1 = {}, df2 = {})", t.df1, h(t.df2)).as_str(),
            )];
            row.extend(
                [None, None, Some(t.statistic), None, Some(t.p), None, None].map(Cell::from),
            );
            table.rows.push(row);
        }
        table
    }
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "Cluster-robust tests ({}, {}; {} clusters of {})",
            self.vcov_type,
            if self.vcov_type == "CR2" {
                "Satterthwaite df, HTZ test"
            } else {
                "t on clusters - p df"
            },
            self.clusters,
            self.cluster_column
        ))
    }
}

impl Tabular for crate::meta::fitting::contrast::Contrasts {
    fn table(&self) -> Table {
        let mut header: Vec<String> = ["hypothesis", "estimate", "se", "statistic", "df", "p"]
            .map(String::from)
            .to_vec();
        header.extend(["p_adjusted", "ci_lower", "ci_upper"].map(String::from));
        let mut rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let t = &r.tested;
                let mut row = vec![Cell::from(r.hypothesis.as_str())];
                row.extend(
                    [
                        Some(t.estimate),
                        Some(t.se),
                        Some(t.statistic),
                        r.df,
                        Some(t.p),
                        Some(r.p_adjusted),
                        Some(t.ci_lower),
                        Some(t.ci_upper),
                    ]
                    .map(Cell::from),
                );
                row
            })
            .collect();
        if let Some(t) = &self.omnibus {
            let name = match t.df2 {
                Some(d) => format!("all rows: F(df1 = {}, df2 = {})", t.df1, h(d)),
                None => format!("all rows: QM (df = {})", t.df1),
            };
            let mut row = vec![Cell::from(name.as_str())];
            row.extend(
                [
                    None,
                    None,
                    Some(t.statistic),
                    None,
                    Some(t.p),
                    None,
                    None,
                    None,
                ]
                .map(Cell::from),
            );
            rows.push(row);
        }
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "Tests of linear combinations of the coefficients (p adjusted: {})",
            self.adjust
        ))
    }
}

impl Tabular for Omitted {
    fn table(&self) -> Table {
        Table {
            header: ["line", "study", "missing"].map(String::from).to_vec(),
            rows: self
                .0
                .iter()
                .map(|r| {
                    vec![
                        Cell::Integer(r.line as i64),
                        Cell::from(r.label.as_str()),
                        Cell::from(r.missing.join(", ")),
                    ]
                })
                .collect(),
        }
    }
    fn preamble(&self) -> Option<String> {
        Some(format!(
            "Left out for missing values: {} (as metafor's na.action = na.omit; {{field:na}} fail refuses them)",
            crate::output::count_of(self.0.len(), "row", "rows")
        ))
    }
}

/// A result and the rows its file left out for missing values: in JSON the result's own
/// fields and `omitted` (when rows were left out); in a table, the result alone (the caller
/// prints the [`Omitted`] table after it).
#[derive(Debug, Serialize)]
pub struct WithOmitted<'a, T: Serialize> {
    #[serde(flatten)]
    pub result: &'a T,
    #[serde(skip_serializing_if = "is_none_omitted")]
    pub omitted: &'a Omitted,
}

fn is_none_omitted(omitted: &&Omitted) -> bool {
    omitted.0.is_empty()
}

impl<T: Serialize + Tabular> Tabular for WithOmitted<'_, T> {
    fn table(&self) -> Table {
        self.result.table()
    }
    fn preamble(&self) -> Option<String> {
        self.result.preamble()
    }
    fn epilogue(&self) -> Option<String> {
        self.result.epilogue()
    }
    fn test_cases(&self) -> Option<Vec<crate::output::TestCase>> {
        self.result.test_cases()
    }
}
