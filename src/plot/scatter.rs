//! Labelled scatter chart: one named point per item (a study in a Baujat plot), each marked
//! and labelled with its name, on two numeric axes starting at 0.

use super::palette;
use super::style::{extent, fit_text, padded, require_drawable, Axes, Frame, Style};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One named point.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
}

/// Named points on two axes that start at 0 (both quantities are squares).
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterChart {
    pub title: String,
    pub subtitle: Vec<String>,
    pub x_label: String,
    pub y_label: String,
    pub points: Vec<LabelledPoint>,
}

impl ScatterChart {
    /// Refuse no points and values that are not finite or are negative.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("scatter chart '{}'", self.title);
        require_nonempty(&self.points, here, "points")?;
        for p in &self.points {
            let at = || format!("{}, '{}'", here(), p.label);
            require_drawable(p.x, at, "x")?;
            require_drawable(p.y, at, "y")?;
            if p.x < 0.0 || p.y < 0.0 {
                return Err(Error::input(
                    at(),
                    format!("({}, {}); both must be 0 or more", p.x, p.y),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let frame = Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend: Vec::new(),
            notes: Vec::new(),
        };
        let plot_area = frame.draw(area, style)?;
        let (_, xhi) = extent(self.points.iter().map(|p| p.x).chain([0.0])).unwrap_or((0.0, 1.0));
        let (_, yhi) = extent(self.points.iter().map(|p| p.y).chain([0.0])).unwrap_or((0.0, 1.0));
        let x = padded(0.0, xhi.max(f64::MIN_POSITIVE), 0.06);
        let y = padded(0.0, yhi.max(f64::MIN_POSITIVE), 0.06);
        let x = 0.0_f64.min(x.start)..x.end;
        let y = 0.0_f64.min(y.start)..y.end;
        let axes = Axes::new(x.clone(), y.clone(), &self.x_label, &self.y_label);
        let mut chart = axes.draw(&plot_area, style)?;
        chart
            .draw_series(
                self.points.iter().map(|p| {
                    Circle::new((p.x, p.y), style.px(4.0), palette::BLUE.mix(0.8).filled())
                }),
            )
            .map_err(drawing)?;
        // Labels beside their points: to the right, or to the left in the right third of the
        // plot so that they stay inside it; cut to a third of the plot's width.
        let text = style.note();
        let max_width = (plot_area.dim_in_pixel().0 / 3) as i32;
        let gap = style.px(6.0);
        for p in &self.points {
            let right_side = p.x > x.start + (x.end - x.start) * 2.0 / 3.0;
            let (h, dx) = if right_side {
                (HPos::Right, -gap)
            } else {
                (HPos::Left, gap)
            };
            let label = fit_text(&p.label, &text, max_width);
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((p.x, p.y))
                        + Text::new(label, (dx, 0), text.pos(Pos::new(h, VPos::Center))),
                ))
                .map_err(drawing)?;
        }
        Ok(())
    }
}
