//! What `trialstats lmm` reports: the fit ([`super::fit`](mod@super::fit), or with correlated
//! residuals [`super::residual`]) with, when asked, the type III anova ([`super::anova`]) and
//! estimated marginal means with their pairwise differences ([`super::emmeans`]). JSON keeps
//! the fit's keys and adds `anova`, `emmeans`, `contrasts`.

use super::anova::{AnovaRow, anova_table};
use super::emmeans::{Contrast, Emmean, contrasts_table, emmeans_table};
use super::fit::LmmFit;
use super::fitted_model::FittedModel;
use crate::output::table::align;
use crate::output::{Table, Tabular};
use serde::Serialize;

/// A fit (an lme4-style [`LmmFit`] or a [`CorrelatedFit`](super::residual::CorrelatedFit)) and
/// the tests asked of it.
#[derive(Debug, Clone, Serialize)]
pub struct LmmSummary<F = LmmFit> {
    #[serde(flatten)]
    pub fit: F,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anova: Option<Vec<AnovaRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emmeans: Option<Vec<Emmean>>,
    /// Where the other variables sit on the means' reference grid, in words
    /// ([`super::emmeans::held_variables`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emmeans_held: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contrasts: Option<Vec<Contrast>>,
}

impl<F> LmmSummary<F> {
    /// The fit alone.
    pub fn new(fit: F) -> Self {
        LmmSummary {
            fit,
            anova: None,
            emmeans: None,
            emmeans_held: None,
            contrasts: None,
        }
    }
}

fn block(title: String, t: Table) -> String {
    format!("{title}\n\n{}", align(&t.header, &t.rows).trim_end())
}

impl<F: Tabular + FittedModel> Tabular for LmmSummary<F> {
    fn preamble(&self) -> Option<String> {
        self.fit.preamble()
    }

    fn table(&self) -> Table {
        self.fit.table()
    }

    fn epilogue(&self) -> Option<String> {
        let method = self.fit.ddf().map_or("", |d| d.label());
        let level = self.fit.level().map(|l| l.label()).unwrap_or_default();
        let mut parts: Vec<String> = self.fit.epilogue().into_iter().collect();
        if let Some(rows) = &self.anova {
            parts.push(block(
                format!("type III analysis of variance ({method} df):"),
                anova_table(rows),
            ));
        }
        if let Some(rows) = &self.emmeans {
            let variable = rows.first().map_or("", |r| r.variable.as_str());
            let held = match self.emmeans_held.as_deref() {
                Some(h) if !h.is_empty() => format!("\nother variables: {h}"),
                _ => String::new(),
            };
            parts.push(block(
                format!("estimated marginal means of {variable} ({method} df; {level} CI):{held}"),
                emmeans_table(rows),
            ));
        }
        if let Some(rows) = &self.contrasts {
            parts.push(block(
                format!(
                    "pairwise differences ({method} df; {level} CI; not adjusted for multiplicity):"
                ),
                contrasts_table(rows),
            ));
        }
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }
}
