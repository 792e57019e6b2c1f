//! How a meta-analysis is shown: [`Tabular`] for the fit (one long table of every estimate,
//! so that the CSV holds the same numbers as the text table) and for the leave-one-out and
//! influence tables.

use super::{Influence, LeaveOneOut, MetaFit, StudyResult};
use crate::output::{human_number as h, Cell, Table, Tabular};
use serde::Serialize;

impl MetaFit {
    fn statistic_name(&self) -> &'static str {
        if self.df.is_some() {
            "t"
        } else {
            "z"
        }
    }
}

fn row(term: &str, cells: [Cell; 6]) -> Vec<Cell> {
    let mut r = vec![Cell::from(term)];
    r.extend(cells);
    r
}

impl Tabular for MetaFit {
    fn table(&self) -> Table {
        let header = [
            "term",
            "estimate",
            "se",
            "statistic",
            "p",
            "ci_lower",
            "ci_upper",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = Cell::Missing;
        let mut rows: Vec<Vec<Cell>> = self
            .coefficients
            .iter()
            .map(|c| {
                row(
                    &c.name,
                    [
                        c.estimate.into(),
                        c.se.into(),
                        c.statistic.into(),
                        c.p.into(),
                        c.ci_lower.into(),
                        c.ci_upper.into(),
                    ],
                )
            })
            .collect();
        let (ci_lo, ci_hi) = match self.tau2_ci {
            Some([a, b]) => (Cell::Number(a), Cell::Number(b)),
            None => (m.clone(), m.clone()),
        };
        rows.push(row(
            "tau^2",
            [
                self.tau2.into(),
                self.tau2_se.into(),
                m.clone(),
                m.clone(),
                ci_lo,
                ci_hi,
            ],
        ));
        let sqrt_ci = |i: usize| -> Cell { self.tau2_ci.map(|c| c[i].sqrt()).into() };
        rows.push(row(
            "tau",
            [
                self.tau.into(),
                m.clone(),
                m.clone(),
                m.clone(),
                sqrt_ci(0),
                sqrt_ci(1),
            ],
        ));
        rows.push(row(
            "I^2 (%)",
            [
                self.i2.into(),
                m.clone(),
                m.clone(),
                m.clone(),
                m.clone(),
                m.clone(),
            ],
        ));
        rows.push(row(
            "H^2",
            [
                self.h2.into(),
                m.clone(),
                m.clone(),
                m.clone(),
                m.clone(),
                m.clone(),
            ],
        ));
        rows.push(row(
            &format!("Q (df = {})", self.q_df),
            [
                self.q.into(),
                m.clone(),
                self.q.into(),
                self.q_p.into(),
                m.clone(),
                m.clone(),
            ],
        ));
        if self.p > 1 {
            let name = match self.df {
                Some(d) => format!("QM F(df1 = {}, df2 = {d})", self.qm_df),
                None => format!("QM (df = {})", self.qm_df),
            };
            rows.push(row(
                &name,
                [
                    self.qm.into(),
                    m.clone(),
                    self.qm.into(),
                    self.qm_p.into(),
                    m.clone(),
                    m.clone(),
                ],
            ));
        }
        if let Some(r2) = self.r2 {
            rows.push(row(
                "R^2 (%)",
                [
                    r2.into(),
                    m.clone(),
                    m.clone(),
                    m.clone(),
                    m.clone(),
                    m.clone(),
                ],
            ));
        }
        if let (Some(lo), Some(hi)) = (self.pi_lower, self.pi_upper) {
            rows.push(row(
                "prediction interval",
                [
                    self.estimate.into(),
                    m.clone(),
                    m.clone(),
                    m.clone(),
                    lo.into(),
                    hi.into(),
                ],
            ));
        }
        if let Some(e) = &self.egger {
            rows.push(row(
                "Egger test (sei slope)",
                [
                    e.slope.into(),
                    m.clone(),
                    e.statistic.into(),
                    e.p.into(),
                    m.clone(),
                    m.clone(),
                ],
            ));
            if let (Some(b), Some([lo, hi])) = (e.limit_estimate, e.limit_ci) {
                rows.push(row(
                    "limit estimate (sei -> 0)",
                    [
                        b.into(),
                        m.clone(),
                        m.clone(),
                        m.clone(),
                        lo.into(),
                        hi.into(),
                    ],
                ));
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
            h(100.0 * self.level)
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
        (!notes.is_empty()).then(|| notes.join("\n"))
    }
}

impl Tabular for LeaveOneOut {
    fn table(&self) -> Table {
        let header = [
            "left out",
            "estimate",
            "se",
            "statistic",
            "p",
            "ci_lower",
            "ci_upper",
            "Q",
            "Q_p",
            "tau2",
            "I2",
            "H2",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows = self
            .0
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.label.as_str()),
                    r.estimate.into(),
                    r.se.into(),
                    r.statistic.into(),
                    r.p.into(),
                    r.ci_lower.into(),
                    r.ci_upper.into(),
                    r.q.into(),
                    r.q_p.into(),
                    r.tau2.into(),
                    r.i2.into(),
                    r.h2.into(),
                ]
            })
            .collect();
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some("Leave-one-out analysis".to_string())
    }
}

impl Tabular for Influence {
    fn table(&self) -> Table {
        let header = [
            "study",
            "rstudent",
            "dffits",
            "cooks_distance",
            "cov_ratio",
            "tau2_deleted",
            "q_deleted",
            "hat",
            "weight_percent",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows = self
            .0
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.label.as_str()),
                    r.rstudent.into(),
                    r.dffits.into(),
                    r.cooks_distance.into(),
                    r.cov_ratio.into(),
                    r.tau2_deleted.into(),
                    r.q_deleted.into(),
                    r.hat.into(),
                    r.weight_percent.into(),
                ]
            })
            .collect();
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some("Influence diagnostics (case deletion)".to_string())
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
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows = self
            .0
            .iter()
            .map(|r| {
                vec![
                    Cell::from(r.label.as_str()),
                    r.yi.into(),
                    r.vi.into(),
                    r.sei.into(),
                    r.ci_lower.into(),
                    r.ci_upper.into(),
                    r.weight_percent.into(),
                ]
            })
            .collect();
        Table { header, rows }
    }
    fn preamble(&self) -> Option<String> {
        Some("Studies".to_string())
    }
}
