//! Power sweep chart: patients per arm (or power) against one swept nuisance parameter,
//! one line per value of a second swept parameter, with the fixed inputs in the subtitle.

use super::drawing;
use super::palette;
use super::style::{Axes, Frame, LegendEntry, LegendMark, Style, extent, padded, require_drawable};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One line of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerSweepSeries {
    /// The second parameter's value ("dropout = 0.2"); empty for a one-parameter sweep.
    pub label: String,
    /// (swept value, n per arm or power).
    pub points: Vec<(f64, f64)>,
}

/// A sample-size or power sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerSweepChart {
    pub title: String,
    /// What was held fixed.
    pub subtitle: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<PowerSweepSeries>,
}

impl PowerSweepChart {
    /// Refuse a chart with nothing to draw and non-finite coordinates.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("power chart '{}'", self.title);
        if self.series.iter().all(|s| s.points.is_empty()) {
            return Err(Error::input(here(), "there is nothing to draw"));
        }
        // One colour per line: beyond the palette's six, lines could not be told apart.
        if self.series.len() > palette::SERIES.len() {
            return Err(Error::field(
                "sweep",
                format!(
                    "the second swept parameter has {} values, one line each; a chart shows at most {} (give fewer values, or leave out {{field:plot}})",
                    self.series.len(),
                    palette::SERIES.len()
                ),
            ));
        }
        for s in &self.series {
            for (x, y) in &s.points {
                require_drawable(*x, here, "a swept value")?;
                require_drawable(*y, here, "a value")?;
            }
        }
        Ok(())
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let legend = self
            .series
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.label.is_empty())
            .map(|(i, s)| LegendEntry::new(LegendMark::Line(palette::series(i)), s.label.clone()))
            .collect();
        let frame = Frame {
            title: &self.title,
            subtitle: vec![self.subtitle.clone()],
            legend,
            notes: Vec::new(),
        };
        let plot_area = frame.draw(area, style)?;
        let all = || self.series.iter().flat_map(|s| s.points.iter());
        let (xlo, xhi) = extent(all().map(|p| p.0)).unwrap_or((0.0, 1.0));
        let (ylo, yhi) =
            extent(all().map(|p| p.1).chain(std::iter::once(0.0))).unwrap_or((0.0, 1.0));
        let axes = Axes::new(
            padded(xlo, xhi, 0.04),
            padded(ylo, yhi, 0.06),
            &self.x_label,
            &self.y_label,
        );
        let mut chart = axes.draw(&plot_area, style)?;
        for (i, s) in self.series.iter().enumerate() {
            let c = if self.series.len() == 1 {
                palette::BLUE
            } else {
                palette::series(i)
            };
            let mut pts = s.points.clone();
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            chart
                .draw_series(LineSeries::new(
                    pts.clone(),
                    c.stroke_width(style.line(2.5)),
                ))
                .map_err(drawing)?;
            chart
                .draw_series(
                    pts.iter()
                        .map(|p| Circle::new(*p, style.px(3.5), c.filled())),
                )
                .map_err(drawing)?;
        }
        Ok(())
    }
}
