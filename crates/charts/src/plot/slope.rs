//! Slope chart for per-month declines: the pre-treatment and the post-treatment decline
//! drawn as straight lines from a common start, with the gap they open after a number of
//! months labelled as (difference per month) × months.

use super::drawing;
use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, padded, pixel_in, put_text,
    require_drawable,
};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use crate::output::human_number;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// An observed score at a month, shown as a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObservedPoint {
    pub month: f64,
    pub value: f64,
}

/// Two per-month declines from a common start.
#[derive(Debug, Clone, PartialEq)]
pub struct SlopeChart {
    pub title: String,
    /// The score's unit ("ALSFRS-R points").
    pub unit: String,
    /// Decline per month before treatment (positive = the score falls; 0.47 for ALSFRS-R).
    pub before_per_month: f64,
    /// Decline per month after treatment (0.25).
    pub after_per_month: f64,
    /// Where the gap is measured and the lines end (12).
    pub months: f64,
    /// The common starting score; `None` draws change from the start (0).
    pub start: Option<f64>,
    pub before_label: String,
    pub after_label: String,
    /// Observed scores, if any.
    pub observed: Vec<ObservedPoint>,
    /// Number of patients, when reported.
    pub n: Option<u64>,
    /// The gap's confidence interval (in the gap's units, at `months`), when the slopes'
    /// spreads were reported; `None` prints "no uncertainty reported" beside the gap.
    pub gap_interval: Option<(f64, f64)>,
    /// The confidence level of `gap_interval` (the run's `--level`), named beside it.
    pub level: ConfidenceLevel,
}

impl SlopeChart {
    /// A chart with the usual labels ("before treatment", "after treatment").
    pub fn new(
        title: impl Into<String>,
        unit: impl Into<String>,
        before: f64,
        after: f64,
        months: f64,
    ) -> Self {
        SlopeChart {
            title: title.into(),
            unit: unit.into(),
            before_per_month: before,
            after_per_month: after,
            months,
            start: None,
            before_label: "before treatment".into(),
            after_label: "after treatment".into(),
            observed: Vec::new(),
            n: None,
            gap_interval: None,
            level: ConfidenceLevel::NINETY_FIVE,
        }
    }

    /// Refuse non-finite slopes or start, and a non-positive number of months.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("slope chart '{}'", self.title);
        require_drawable(self.before_per_month, here, "the decline before treatment")?;
        require_drawable(self.after_per_month, here, "the decline after treatment")?;
        require_drawable(self.months, here, "the number of months")?;
        if self.months <= 0.0 {
            return Err(Error::input(
                here(),
                format!(
                    "the number of months is {}; it must be above 0",
                    self.months
                ),
            ));
        }
        if let Some(s) = self.start {
            require_drawable(s, here, "the starting score")?;
        }
        // the lines end at start − decline × months, which must be drawable too
        let start = self.start.unwrap_or(0.0);
        for (decline, what) in [
            (
                self.before_per_month,
                "the end of the before-treatment line",
            ),
            (self.after_per_month, "the end of the after-treatment line"),
        ] {
            require_drawable(start - decline * self.months, here, what)?;
        }
        for (i, p) in self.observed.iter().enumerate() {
            let at = || format!("{}, observed point {}", here(), i + 1);
            require_drawable(p.month, at, "the month")?;
            require_drawable(p.value, at, "the value")?;
        }
        Ok(())
    }

    /// The gap between the two lines at `months`: (before − after) × months.
    pub fn gap(&self) -> f64 {
        (self.before_per_month - self.after_per_month) * self.months
    }

    /// What the chart says about the gap's uncertainty: its interval, or that none was
    /// reported (a gap is never printed bare).
    pub fn uncertainty(&self) -> String {
        match self.gap_interval {
            Some((lo, hi)) => format!(
                "{} CI {} to {}",
                self.level.label(),
                human_number(lo).replace('-', "−"),
                human_number(hi).replace('-', "−")
            ),
            None => "no uncertainty reported".into(),
        }
    }

    /// The gap's label, e.g. "0.22 × 12 = 2.64 ALSFRS-R points".
    pub fn gap_label(&self) -> String {
        let diff = self.before_per_month - self.after_per_month;
        let unit = if self.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", self.unit)
        };
        format!(
            "{} × {} = {}{unit}",
            human_number(diff).replace('-', "−"),
            human_number(self.months),
            human_number(self.gap()).replace('-', "−")
        )
    }

    /// The title, n and the gap as the subtitle, the legend (each period's rate) and the
    /// notes (what the lines are; a gap without an interval).
    fn frame(&self) -> Frame<'_> {
        let m = self.months;
        let per_month = |v: f64| format!("{}/month", human_number(-v).replace('-', "−"));
        let n = self
            .n
            .map_or("n not reported".to_string(), |n| format!("n = {n}"));
        let start_text = match self.start {
            Some(s) => format!("a common start of {}", human_number(s)),
            None => "a common start (change from 0)".into(),
        };
        Frame {
            title: &self.title,
            subtitle: vec![format!(
                "{n} · gap at {} months: {} ({})",
                human_number(m),
                self.gap_label(),
                self.uncertainty()
            )],
            legend: vec![
                LegendEntry::new(
                    LegendMark::Line(palette::VERMILLION),
                    format!(
                        "{}: {}",
                        self.before_label,
                        per_month(self.before_per_month)
                    ),
                ),
                LegendEntry::new(
                    LegendMark::Line(palette::BLUE),
                    format!("{}: {}", self.after_label, per_month(self.after_per_month)),
                ),
            ]
            .into_iter()
            .chain(
                (!self.observed.is_empty())
                    .then(|| LegendEntry::new(LegendMark::Point(palette::BLACK), "observed")),
            )
            .collect(),
            notes: [format!(
                "Lines: the reported rates drawn from {start_text}, not observed scores."
            )]
            .into_iter()
            .chain(self.gap_interval.is_none().then(|| {
                "No SD or SEM of the slopes was reported, so the gap has no interval.".to_string()
            }))
            .collect(),
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let start = self.start.unwrap_or(0.0);
        let m = self.months;
        let before_end = start - self.before_per_month * m;
        let after_end = start - self.after_per_month * m;
        let frame = self.frame();
        let plot_area = frame.draw(area, style)?;
        let (xlo, xhi) = extent(
            [0.0, m]
                .into_iter()
                .chain(self.observed.iter().map(|p| p.month)),
        )
        .unwrap_or((0.0, m));
        let (ylo, yhi) = extent(
            [start, before_end, after_end]
                .into_iter()
                .chain(self.observed.iter().map(|p| p.value)),
        )
        .unwrap_or((0.0, 1.0));
        let x = xlo..(xhi + (xhi - xlo) * 0.04);
        let y = padded(ylo, yhi, 0.1);
        let y = y.start - (y.end - y.start) * 0.08..y.end;
        let y_desc = match (self.start, self.unit.is_empty()) {
            (Some(_), false) => self.unit.clone(),
            (Some(_), true) => "score".into(),
            (None, false) => format!("change from start ({})", self.unit),
            (None, true) => "change from start".into(),
        };
        let axes = Axes::new(x, y, "months", &y_desc);
        let mut chart = axes.draw(&plot_area, style)?;
        for (end, colour) in [
            (before_end, palette::VERMILLION),
            (after_end, palette::BLUE),
        ] {
            chart
                .draw_series(LineSeries::new(
                    vec![(0.0, start), (m, end)],
                    colour.stroke_width(style.line(3.0)),
                ))
                .map_err(drawing)?;
        }
        chart
            .draw_series(
                self.observed.iter().map(|p| {
                    Circle::new((p.month, p.value), style.px(4.0), palette::BLACK.filled())
                }),
            )
            .map_err(drawing)?;
        self.draw_gap(&chart, &plot_area, (before_end, after_end), style)
    }

    /// Draws the gap: a bracket between the line ends at `months`, labelled under its
    /// lower end where the label fits above the x axis.
    fn draw_gap<DB: DrawingBackend>(
        &self,
        chart: &Plane<DB>,
        plot_area: &DrawingArea<DB, Shift>,
        (before_end, after_end): (f64, f64),
        style: &Style,
    ) -> Result<()> {
        let m = self.months;
        let (gx, gy1) = pixel_in(chart, plot_area, (m, before_end));
        let (_, gy2) = pixel_in(chart, plot_area, (m, after_end));
        let tick = style.px(5.0);
        let grey = palette::BLACK.stroke_width(style.line(1.5));
        for elem in [
            vec![(gx, gy1), (gx, gy2)],
            vec![(gx - tick, gy1), (gx + tick, gy1)],
            vec![(gx - tick, gy2), (gx + tick, gy2)],
        ] {
            plot_area
                .draw(&PathElement::new(elem, grey))
                .map_err(drawing)?;
        }
        // The label goes under the lower line end, where no line runs. On a short image it
        // would run into the x axis (and above the ends the lines run): it is left out
        // there, since the subtitle gives the same gap and its uncertainty.
        let label = format!("gap: {} ({})", self.gap_label(), self.uncertainty());
        // Wrapped to the room left of the bracket, so it never runs off the plot.
        let (left, _, _, bottom) = super::style::plot_rect(chart, plot_area);
        let text_style = style.axis();
        let lines =
            super::style::wrap_text(&label, &text_style, gx + tick - left - style.px(4.0), 3);
        let lh = super::style::line_height(&text_style);
        let block = lines.len() as i32 * lh;
        let gap_px = style.px(8.0);
        let below = gy1.max(gy2) + gap_px;
        if below + block <= bottom - style.px(2.0) {
            for (j, line) in lines.iter().enumerate() {
                put_text(
                    plot_area,
                    line,
                    (gx + tick, below + j as i32 * lh),
                    &text_style,
                    HPos::Right,
                    VPos::Top,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_is_difference_of_declines_times_months() {
        // The worked example: (0.47 − 0.25) × 12 = 2.64 points.
        let c = SlopeChart::new("t", "points", 0.47, 0.25, 12.0);
        assert!((c.gap() - 2.64).abs() < 1e-12);
        assert_eq!(c.gap_label(), "0.22 × 12 = 2.64 points");
    }

    #[test]
    fn the_gap_interval_names_the_runs_level() {
        let mut c = SlopeChart::new("t", "points", 0.47, 0.25, 12.0);
        c.gap_interval = Some((1.5, 3.5));
        assert_eq!(c.uncertainty(), "95% CI 1.5 to 3.5");
        c.level = ConfidenceLevel::new(0.9).unwrap();
        assert_eq!(c.uncertainty(), "90% CI 1.5 to 3.5");
        c.gap_interval = None;
        assert_eq!(c.uncertainty(), "no uncertainty reported");
    }

    #[test]
    fn zero_months_is_refused() {
        let c = SlopeChart::new("t", "points", 0.47, 0.25, 0.0);
        assert!(c.validate().unwrap_err().to_string().contains("above 0"));
    }
}
