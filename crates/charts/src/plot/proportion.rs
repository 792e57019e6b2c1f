//! Proportion chart: proportions (events of total) with their confidence intervals on a
//! 0–100% axis, one row each ("5 of 7 relapse-free"; the sub-cohorts of a registry), drawn
//! with the forest plot's row layout. The intervals come with the items (the report passes
//! the ones its analysis computed); [`ProportionChart::exact`] computes Clopper–Pearson
//! intervals for counts given on their own.

use super::forest::{ForestChart, ForestRow};
use super::require_nonempty;
use super::style::Style;
use crate::effect::proportion::{EXACT_MAX_N, clopper_pearson_interval};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One proportion: `events` of `total`, with its confidence interval (as fractions).
#[derive(Debug, Clone, PartialEq)]
pub struct ProportionItem {
    pub label: String,
    pub events: u64,
    pub total: u64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// The count is a lower bound ("at least 70"): the proportion is at least events/total,
    /// only the interval's lower end holds, and the line runs on to 100%.
    pub at_least: bool,
}

/// Proportions with confidence intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct ProportionChart {
    pub title: String,
    /// The level of the intervals.
    pub level: ConfidenceLevel,
    /// How the intervals were computed, for the axis ("exact" for Clopper–Pearson).
    pub interval: String,
    pub items: Vec<ProportionItem>,
}

impl ProportionChart {
    /// Proportions of `(label, events, total)` with exact (Clopper–Pearson) intervals at
    /// `level`, as `binom.test` gives them.
    pub fn exact(
        title: impl Into<String>,
        level: ConfidenceLevel,
        counts: Vec<(String, u64, u64)>,
    ) -> ProportionChart {
        let items = counts
            .into_iter()
            .map(|(label, events, total)| {
                let (ci_lower, ci_upper) =
                    clopper_pearson_interval(events as f64, total as f64, level);
                ProportionItem {
                    label,
                    events,
                    total,
                    ci_lower,
                    ci_upper,
                    at_least: false,
                }
            })
            .collect();
        ProportionChart {
            title: title.into(),
            level,
            interval: "exact".into(),
            items,
        }
    }

    /// Refuse no items, a total of 0 or above [`EXACT_MAX_N`], more events than the total,
    /// an interval that is not within 0–1.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("proportion chart '{}'", self.title);
        require_nonempty(&self.items, here, "proportions")?;
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
            let at = || format!("{}, item {} ('{}')", here(), i + 1, it.label);
            super::require_interval(it.ci_lower, it.ci_upper, at, "confidence interval")?;
            if it.ci_lower < 0.0 || it.ci_upper > 1.0 {
                return Err(Error::input(
                    at(),
                    "the confidence interval of a proportion must lie within 0 and 1",
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
                let (lo, hi) = (it.ci_lower, it.ci_upper);
                if it.at_least {
                    // Only a lower bound is known: never drawn or printed as exact.
                    let mut row = ForestRow::new(it.label.clone(), 100.0 * p, 100.0 * lo, 100.0);
                    row.detail = Some(format!(
                        "≥ {}/{} = ≥ {}% [≥ {}]",
                        it.events,
                        it.total,
                        pct(p),
                        pct(lo)
                    ));
                    return row;
                }
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
        let level = self.level.label();
        let mut forest = ForestChart::new(
            self.title.clone(),
            format!("percent, with {} {level} CI", self.interval),
            rows,
        );
        forest.value_header = format!("events/total = % [{level} CI]");
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
    fn a_lower_bound_is_never_shown_as_exact() {
        // JaCALS: "at least 70" of 2080.
        let mut chart = ProportionChart::exact(
            "t",
            ConfidenceLevel::NINETY_FIVE,
            vec![("iPS lines".into(), 70, 2080)],
        );
        chart.items[0].at_least = true;
        let row = &chart.as_forest().rows[0];
        assert_eq!(row.detail.as_deref(), Some("≥ 70/2080 = ≥ 3.4% [≥ 2.6]"));
        assert_eq!(row.ci_upper, 100.0);
    }

    #[test]
    fn more_events_than_total_is_refused() {
        let chart =
            ProportionChart::exact("t", ConfidenceLevel::NINETY_FIVE, vec![("x".into(), 8, 7)]);
        let e = chart.validate().unwrap_err().to_string();
        assert!(
            e.contains("item 1 ('x')") && e.contains("cannot exceed"),
            "{e}"
        );
    }
}
