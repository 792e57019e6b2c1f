//! How `trialstats mmrm` prints a fit: the model, likelihood and information criteria, the
//! covariance and correlation matrices over visits, the fixed effects, and the least-squares
//! means and their differences when asked. JSON is [`super::fit::MmrmFit`] as it is.

use super::fit::MmrmFit;
use crate::lmm::emmeans::{contrasts_table, emmeans_table};
use crate::output::table::align;
use crate::output::{Cell, Table, Tabular, human_number};

fn matrix_text(visits: &[String], m: &[Vec<f64>]) -> String {
    let mut header = vec![String::new()];
    header.extend(visits.iter().cloned());
    let rows: Vec<Vec<Cell>> = visits
        .iter()
        .zip(m)
        .map(|(v, row)| {
            let mut r = vec![Cell::from(v.as_str())];
            r.extend(row.iter().map(|&x| Cell::from(x)));
            r
        })
        .collect();
    align(&header, &rows).trim_end().to_string()
}

impl Tabular for MmrmFit {
    fn preamble(&self) -> Option<String> {
        let crit = if self.method == "REML" {
            "-2 REML log-likelihood"
        } else {
            "-2 log-likelihood"
        };
        let per_visit: Vec<String> = self
            .visits
            .iter()
            .zip(&self.n_per_visit)
            .map(|(v, n)| format!("{v} {n}"))
            .collect();
        let mut s = format!(
            "MMRM fit by {} (as R's mmrm; {} covariance over {} by {}{})\nformula: {}\n\n{crit}: {}   log-likelihood: {}   AIC: {}   BIC: {}\nobservations: {}   subjects: {}   per visit: {}",
            self.method,
            self.covariance_structure.label(),
            self.visit,
            self.subject,
            self.group
                .as_ref()
                .map(|g| format!(", one per level of {g}"))
                .unwrap_or_default(),
            self.formula,
            human_number(self.criterion),
            human_number(self.log_likelihood),
            human_number(self.aic),
            human_number(self.bic),
            self.n_obs,
            self.n_subjects,
            per_visit.join(", "),
        );
        if !self.reference_levels.is_empty() {
            s.push_str(&format!(
                "\nreference levels: {}",
                crate::lmm::ReferenceLevels(self.reference_levels.clone()).describe()
            ));
        }
        if self.n_dropped > 0 {
            s.push_str(&format!(
                "\n{} row(s) with missing values dropped (each subject keeps the visits it has)",
                self.n_dropped
            ));
        }
        if !self.converged {
            s.push_str(&format!(
                "\nWARNING: the optimum could not be confirmed after {} iterations (the estimates below may not be the REML/ML estimates)",
                self.iterations
            ));
        }
        match (&self.groups, &self.group) {
            (Some(groups), Some(column)) => {
                for g in groups {
                    s.push_str(&format!(
                        "\n\ncovariance over visits, {column} = {} ({} subjects):\n{}\n\ncorrelation, {column} = {}:\n{}",
                        g.group,
                        g.n_subjects,
                        matrix_text(&self.visits, &g.covariance),
                        g.group,
                        matrix_text(&self.visits, &g.correlation),
                    ));
                }
            }
            _ => s.push_str(&format!(
                "\n\ncovariance over visits:\n{}\n\ncorrelation:\n{}",
                matrix_text(&self.visits, &self.covariance),
                matrix_text(&self.visits, &self.correlation),
            )),
        }
        s.push_str(&format!(
            "\n\nfixed effects{}:",
            match (self.ddf, self.level) {
                (Some(d), Some(l)) => format!(" ({} df; {} CI)", d.label(), l.label()),
                _ => String::new(),
            }
        ));
        Some(s)
    }

    fn table(&self) -> Table {
        crate::lmm::fit::fixed_effects_table(&self.fixed)
    }

    fn epilogue(&self) -> Option<String> {
        let method = self.ddf.map_or("", |d| d.label());
        let level = self.level.map(|l| l.label()).unwrap_or_default();
        let block = |title: String, t: Table| {
            format!("{title}\n\n{}", align(&t.header, &t.rows).trim_end())
        };
        let mut parts = Vec::new();
        if let Some(rows) = &self.emmeans {
            let variable = rows.first().map_or("", |r| r.variable.as_str());
            parts.push(block(
                format!("least-squares means of {variable} ({method} df; {level} CI):"),
                emmeans_table(rows),
            ));
        }
        if let Some(rows) = &self.contrasts {
            parts.push(block(
                format!("differences ({method} df; {level} CI; not adjusted for multiplicity):"),
                contrasts_table(rows),
            ));
        }
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }
}
