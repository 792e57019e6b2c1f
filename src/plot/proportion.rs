//! Proportion chart: proportions (events of total) with exact confidence intervals on a
//! 0–100% axis, one row each ("5 of 7 relapse-free"; the sub-cohorts of a registry), drawn
//! with the forest plot's row layout.

use super::forest::{ForestChart, ForestRow};
use super::require_nonempty;
use super::style::Style;
use crate::dist::qbeta;
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

/// Exact (Clopper–Pearson) confidence interval for `events` of `total` at `level`, as R's
/// `binom.test(events, total, conf.level = level)$conf.int`: the lower end is the
/// α/2 quantile of Beta(x, n − x + 1) and the upper end the 1 − α/2 quantile of
/// Beta(x + 1, n − x) (Clopper & Pearson 1934, Biometrika 26:404), with 0 and 1 at x = 0
/// and x = n.
pub fn clopper_pearson(events: u64, total: u64, level: f64) -> (f64, f64) {
    let (x, n) = (events as f64, total as f64);
    let alpha = 1.0 - level;
    let lower = if events == 0 {
        0.0
    } else {
        qbeta(alpha / 2.0, x, n - x + 1.0)
    };
    let upper = if events >= total {
        1.0
    } else {
        qbeta(1.0 - alpha / 2.0, x + 1.0, n - x)
    };
    (lower, upper)
}

impl ProportionChart {
    /// Refuse no items, a total of 0, more events than the total, a level outside (0, 1).
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
                let (lo, hi) = clopper_pearson(it.events, it.total, self.level);
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
        self.as_forest().draw(area, style)
    }
}

// The reference values are R's sprintf("%.17g") printout, kept verbatim.
#[cfg(test)]
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    #[test]
    fn clopper_pearson_matches_r_binom_test() {
        // R 4.2.2: sprintf("%.17g", binom.test(5, 7)$conf.int)
        let (lo, hi) = clopper_pearson(5, 7, 0.95);
        close(lo, 0.29042086373734272);
        close(hi, 0.96330743382391448);
        // binom.test(812, 2080)$conf.int
        let (lo, hi) = clopper_pearson(812, 2080, 0.95);
        close(lo, 0.369346358118122);
        close(hi, 0.41173232929975268);
        // binom.test(97, 2080)$conf.int
        let (lo, hi) = clopper_pearson(97, 2080, 0.95);
        close(lo, 0.037977544543583271);
        close(hi, 0.05659619575266106);
        // binom.test(5, 7, conf.level = 0.9)$conf.int
        let (lo, hi) = clopper_pearson(5, 7, 0.90);
        close(lo, 0.341261436155336);
        close(hi, 0.9466244995297628);
    }

    #[test]
    fn clopper_pearson_ends_at_zero_and_all_events() {
        // binom.test(0, 10)$conf.int = 0, 0.30849710781876083
        let (lo, hi) = clopper_pearson(0, 10, 0.95);
        assert_eq!(lo, 0.0);
        close(hi, 0.30849710781876083);
        // binom.test(10, 10)$conf.int = 0.69150289218123917, 1
        let (lo, hi) = clopper_pearson(10, 10, 0.95);
        close(lo, 0.69150289218123917);
        assert_eq!(hi, 1.0);
    }

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
