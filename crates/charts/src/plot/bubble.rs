//! Bubble plot of a meta-regression on one numeric moderator (as metafor's `regplot`): each
//! study's estimate against the moderator, its marker's area proportional to its weight, the
//! fitted regression line and its confidence band.

use super::palette;
use super::style::{Axes, Frame, LegendEntry, LegendMark, Style, extent, padded, require_drawable};
use super::{drawing, require_nonempty};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One study: moderator value, estimate, weight (in %).
#[derive(Debug, Clone, PartialEq)]
pub struct Bubble {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub weight: f64,
}

/// The fitted line at one moderator value, with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FittedPoint {
    pub x: f64,
    pub fitted: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// A bubble plot.
#[derive(Debug, Clone, PartialEq)]
pub struct BubbleChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// The band's confidence level, for the legend ("95% CI").
    pub level_label: String,
    pub bubbles: Vec<Bubble>,
    /// The regression line along the moderator's range, in increasing x.
    pub line: Vec<FittedPoint>,
}

impl BubbleChart {
    /// Refuse no studies and values that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("bubble plot '{}'", self.title);
        require_nonempty(&self.bubbles, here, "studies")?;
        for b in &self.bubbles {
            let at = || format!("{}, '{}'", here(), b.label);
            for (v, what) in [
                (b.x, "the moderator"),
                (b.y, "the estimate"),
                (b.weight, "the weight"),
            ] {
                require_drawable(v, at, what)?;
            }
        }
        for p in &self.line {
            for v in [p.x, p.fitted, p.ci_lower, p.ci_upper] {
                require_drawable(v, here, "the regression line")?;
            }
        }
        Ok(())
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let legend = vec![
            LegendEntry::new(LegendMark::Point(palette::BLACK), "study (area ∝ weight)"),
            LegendEntry::new(LegendMark::Line(palette::BLUE), "meta-regression"),
            LegendEntry::new(
                LegendMark::Square(palette::SKY_BLUE),
                self.level_label.clone(),
            ),
        ];
        let frame = Frame {
            title: &self.title,
            subtitle: vec![super::style::count_of(
                self.bubbles.len(),
                "study",
                "studies",
            )],
            legend,
            notes: Vec::new(),
        };
        let plot_area = frame.draw(area, style)?;
        let (xlo, xhi) = extent(self.bubbles.iter().map(|b| b.x)).unwrap_or((0.0, 1.0));
        let ys = self
            .bubbles
            .iter()
            .map(|b| b.y)
            .chain(self.line.iter().flat_map(|p| [p.ci_lower, p.ci_upper]));
        let (ylo, yhi) = extent(ys).unwrap_or((0.0, 1.0));
        let x = padded(xlo, xhi, 0.06);
        let y = padded(ylo, yhi, 0.06);
        let axes = Axes::new(x, y, &self.x_label, &self.y_label);
        let mut chart = axes.draw(&plot_area, style)?;
        if self.line.len() >= 2 {
            let band: Vec<(f64, f64)> = self
                .line
                .iter()
                .map(|p| (p.x, p.ci_upper))
                .chain(self.line.iter().rev().map(|p| (p.x, p.ci_lower)))
                .collect();
            chart
                .draw_series(std::iter::once(Polygon::new(
                    band,
                    palette::SKY_BLUE.mix(0.35).filled(),
                )))
                .map_err(drawing)?;
            chart
                .draw_series(LineSeries::new(
                    self.line.iter().map(|p| (p.x, p.fitted)),
                    palette::BLUE.stroke_width(style.line(2.0)),
                ))
                .map_err(drawing)?;
        }
        // Area proportional to weight: the heaviest study gets a radius of 14 px at 96 dpi.
        let max_weight = self.bubbles.iter().map(|b| b.weight).fold(0.0, f64::max);
        let radius = |w: f64| {
            let share = if max_weight > 0.0 {
                w / max_weight
            } else {
                1.0
            };
            ((14.0 * share.sqrt()).max(2.0) * style.px(1.0) as f64).round() as i32
        };
        chart
            .draw_series(self.bubbles.iter().map(|b| {
                Circle::new(
                    (b.x, b.y),
                    radius(b.weight),
                    palette::BLACK.mix(0.35).filled(),
                )
            }))
            .map_err(drawing)?;
        chart
            .draw_series(self.bubbles.iter().map(|b| {
                Circle::new(
                    (b.x, b.y),
                    radius(b.weight),
                    palette::BLACK.stroke_width(style.line(1.0)),
                )
            }))
            .map_err(drawing)?;
        Ok(())
    }
}
