//! Proportion chart: proportions (events of total) with exact confidence intervals on a
//! 0–100% axis, one row each ("5 of 7 relapse-free"; the sub-cohorts of a registry), drawn
//! with the forest plot's row layout.

use super::forest::{ForestChart, ForestRow};
use super::require_nonempty;
use super::style::Style;
use crate::effect::proportion::{clopper_pearson_interval, EXACT_MAX_N};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One proportion: `events` of `total`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProportionItem {
    pub label: String,
    pub events: u64,
    pub total: u64,
}

/// Proportions with exact (Clopper–Pearson) confidence intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct ProportionChart {
    pub title: String,
    /// Confidence level (0.95).
    pub level: f64,
    pub items: Vec<ProportionItem>,
}

impl ProportionChart {
    /// Refuse no items, a total of 0 or above [`EXACT_MAX_N`], more events than the total, a
    /// level outside (0, 1).
    pub fn validate(&self) -> Result<()> {
        let here = || format!("proportion chart '{}'", self.title);
        require_nonempty(&self.items, here, "proportions")?;
        if !(self.level > 0.0 && self.level < 1.0) {
            return Err(Error::input(
                here(),
                format!(
                    "the confidence level is {}; allowed: strictly between 0 and 1",
                    self.level
                ),
            ));
        }
        for (i, it) in self.items.iter().enumerate() {
            let at = format!("{}, item {} ('{}')", here(), i + 1, it.label);
            if it.total == 0 {
                return Err(Error::input(at, "the total is 0; it must be at least 1"));
            }
            if it.total as f64 > EXACT_MAX_N {
                return Err(Error::input(
                    at,
                    format!(
                        "the total is {}; exact intervals are computed for totals up to {EXACT_MAX_N:e}",
                        it.total
                    ),
                ));
            }
            if it.events > it.total {
                return Err(Error::input(
                    at,
                    format!(
                        "{} events of {}: events cannot exceed the total",
                        it.events, it.total
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The chart as a forest plot on a 0–100% axis.
    pub fn as_forest(&self) -> ForestChart {
        let pct = |v: f64| format!("{:.1}", 100.0 * v);
        let rows = self
            .items
            .iter()
            .map(|it| {
                let p = it.events as f64 / it.total as f64;
                let (lo, hi) =
                    clopper_pearson_interval(it.events as f64, it.total as f64, self.level);
                let mut row = ForestRow::new(it.label.clone(), 100.0 * p, 100.0 * lo, 100.0 * hi);
                row.detail = Some(format!(
                    "{}/{} = {}% [{}, {}]",
                    it.events,
                    it.total,
                    pct(p),
                    pct(lo),
                    pct(hi)
                ));
                row
            })
            .collect();
        let level = super::style::tick_number(100.0 * self.level);
        let mut forest = ForestChart::new(
            self.title.clone(),
            format!("percent, with exact {level}% CI"),
            rows,
        );
        forest.value_header = format!("events/total = % [{level}% CI]");
        forest.null_value = None;
        forest.x_range = Some((0.0, 100.0));
        forest.digits = 1;
        forest
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let forest = self.as_forest();
        forest.validate()?;
        forest.draw(area, style)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_events_than_total_is_refused() {
        let chart = ProportionChart {
            title: "t".into(),
            level: 0.95,
            items: vec![ProportionItem {
                label: "x".into(),
                events: 8,
                total: 7,
            }],
        };
        let e = chart.validate().unwrap_err().to_string();
        assert!(
            e.contains("item 1 ('x')") && e.contains("cannot exceed"),
            "{e}"
        );
    }
}
