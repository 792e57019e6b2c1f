//! Labelled scatter chart: one named point per item (a study in a Baujat plot), each marked
//! and labelled with its name, on two numeric axes starting at 0.

use super::palette;
use super::style::{
    extent, fit_text, line_height, padded, require_drawable, text_width, Axes, Frame, Style,
};
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
        // plot so that they stay inside it; cut to a third of the plot's width. Points close
        // together would print their labels over one another, so each label (the highest
        // points first) takes the first place beside its point, on either side and up to two
        // lines up or down, that no label placed before it covers.
        let text = style.note();
        let max_width = (plot_area.dim_in_pixel().0 / 3) as i32;
        let gap = style.px(6.0);
        let lh = line_height(&text);
        let mut order: Vec<&LabelledPoint> = self.points.iter().collect();
        order.sort_by(|a, b| b.y.total_cmp(&a.y));
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let inside = |r: (i32, i32, i32, i32)| {
            r.0 >= xs.start && r.2 <= xs.end && r.1 >= ys.start && r.3 <= ys.end
        };
        for p in order {
            let right_side = p.x > x.start + (x.end - x.start) * 2.0 / 3.0;
            let label = fit_text(&p.label, &text, max_width);
            let width = text_width(&label, &text);
            let (px, py) = chart.backend_coord(&(p.x, p.y));
            let sides = if right_side {
                [(HPos::Right, -gap), (HPos::Left, gap)]
            } else {
                [(HPos::Left, gap), (HPos::Right, -gap)]
            };
            let rect = |h: HPos, dx: i32, dy: i32| {
                let x0 = if matches!(h, HPos::Left) {
                    px + dx
                } else {
                    px + dx - width
                };
                let yc = py + dy;
                (x0, yc - lh / 2, x0 + width, yc + lh / 2)
            };
            let overlaps = |a: (i32, i32, i32, i32), b: &(i32, i32, i32, i32)| {
                a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
            };
            let candidates = [0, lh, -lh, 2 * lh, -2 * lh]
                .into_iter()
                .flat_map(|dy| sides.map(|(h, dx)| (h, dx, dy)));
            let (h, dx, dy) = candidates
                .clone()
                .find(|&(h, dx, dy)| {
                    let r = rect(h, dx, dy);
                    inside(r) && !placed.iter().any(|b| overlaps(r, b))
                })
                .unwrap_or((sides[0].0, sides[0].1, 0));
            placed.push(rect(h, dx, dy));
            // A label moved up or down is tied to its point by a thin line.
            let leader = if dy == 0 {
                vec![]
            } else {
                vec![(0, 0), (dx, dy)]
            };
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((p.x, p.y))
                        + PathElement::new(leader, palette::DARK_GREY.mix(0.5).stroke_width(1))
                        + Text::new(label, (dx, dy), text.pos(Pos::new(h, VPos::Center))),
                ))
                .map_err(drawing)?;
        }
        Ok(())
    }
}
