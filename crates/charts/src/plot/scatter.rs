//! Labelled scatter chart: one named point per item (a study in a Baujat plot), each marked
//! and labelled with its name, on two numeric axes starting at 0. Labels never cover one
//! another or a point: when a small image has no room for them all, only the most
//! influential points (furthest from the origin) are labelled, and a note under the chart
//! says how many.

use super::palette;
use super::style::{
    Axes, Frame, Style, dry_run, extent, fit_text, line_height, padded, require_drawable,
    text_width,
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
        // A dry run, with the note's line kept free, tells whether every label finds a free
        // place; if not, the chart is drawn with the note saying which points are labelled.
        let labelled = dry_run(area, |paper| {
            self.draw_labelled(paper, style, Some(0), false)
        })?;
        let all_fit = labelled == self.points.len();
        self.draw_labelled(area, style, (!all_fit).then_some(labelled), all_fit)?;
        Ok(())
    }

    /// The title and subtitle, with the note that only the `k` most influential points are
    /// labelled when `note` is `Some(k)`.
    fn frame(&self, note: Option<usize>) -> Frame<'_> {
        Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend: Vec::new(),
            notes: note
                .map(|k| unlabelled_note(k, self.points.len()))
                .into_iter()
                .collect(),
        }
    }

    /// The points in order of influence: furthest from the origin first, each axis scaled
    /// to its largest value (`xhi`, `yhi`).
    fn by_influence(&self, xhi: f64, yhi: f64) -> Vec<&LabelledPoint> {
        let distance = |p: &LabelledPoint| {
            let (sx, sy) = (
                p.x / xhi.max(f64::MIN_POSITIVE),
                p.y / yhi.max(f64::MIN_POSITIVE),
            );
            sx * sx + sy * sy
        };
        let mut order: Vec<&LabelledPoint> = self.points.iter().collect();
        order.sort_by(|a, b| distance(b).total_cmp(&distance(a)));
        order
    }

    /// Draw the chart, with the note that only the `k` most influential points are
    /// labelled when `note` is `Some(k)`, and return how many points were labelled. Labels
    /// go in order of influence (the points furthest from the origin, each axis scaled to
    /// its largest value, first) until one finds no free place; that one and the rest are
    /// left unlabelled, unless `label_all`, when each is drawn at its first place anyway.
    fn draw_labelled<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
        note: Option<usize>,
        label_all: bool,
    ) -> Result<usize> {
        let plot_area = self.frame(note).draw(area, style)?;
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
        // plot so that they stay inside it; cut to half the plot's width. Points close
        // together would print their labels over one another, so each label (the most
        // influential points first) takes the first place beside its point, on either side
        // and up to two lines up or down, that neither a label placed before it nor a point
        // covers.
        let text = style.note();
        let max_width = (plot_area.dim_in_pixel().0 / 2) as i32;
        let gap = style.px(6.0);
        let lh = line_height(&text);
        let radius = style.px(4.0);
        let order = self.by_influence(xhi, yhi);
        let dots: Vec<Rect> = self
            .points
            .iter()
            .map(|p| {
                let (px, py) = chart.backend_coord(&(p.x, p.y));
                (px - radius, py - radius, px + radius, py + radius)
            })
            .collect();
        let mut placed: Vec<Rect> = Vec::new();
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let inside = |r: Rect| r.0 >= xs.start && r.2 <= xs.end && r.1 >= ys.start && r.3 <= ys.end;
        let mut labelled = 0;
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
                let x0 = match h {
                    HPos::Left => px + dx,
                    HPos::Center => px + dx - width / 2,
                    HPos::Right => px + dx - width,
                };
                let yc = py + dy;
                (x0, yc - lh / 2, x0 + width, yc + lh / 2)
            };
            let free = label_places(sides, lh, radius).find(|&(h, dx, dy)| {
                let r = rect(h, dx, dy);
                inside(r)
                    && !placed.iter().any(|b| overlaps(r, b))
                    && !dots.iter().any(|b| overlaps(r, b))
            });
            let (h, dx, dy) = match (free, label_all) {
                (Some(place), _) => place,
                (None, true) => (sides[0].0, sides[0].1, 0),
                (None, false) => break,
            };
            labelled += 1;
            placed.push(rect(h, dx, dy));
            // A label moved up or down beside its point is tied to it by a thin line.
            let leader = if dy == 0 || matches!(h, HPos::Center) {
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
        Ok(labelled)
    }
}

/// A box in pixels: left, top, right, bottom.
type Rect = (i32, i32, i32, i32);

/// Whether two boxes overlap.
fn overlaps(a: Rect, b: &Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The places a label may take, in order (alignment, x and y offset from its point):
/// beside the point on `sides`, then just above or below it, then beside it a line or two
/// up or down.
fn label_places(
    sides: [(HPos, i32); 2],
    lh: i32,
    radius: i32,
) -> impl Iterator<Item = (HPos, i32, i32)> {
    let close = lh / 2 + radius + 1;
    sides
        .into_iter()
        .map(|(h, dx)| (h, dx, 0))
        .chain([(HPos::Center, 0, -close), (HPos::Center, 0, close)])
        .chain(
            [lh, -lh, 2 * lh, -2 * lh]
                .into_iter()
                .flat_map(move |dy| sides.map(|(h, dx)| (h, dx, dy))),
        )
}

/// Under a chart whose labels did not all fit: which points carry one (the number written
/// out, since the dry run found it on the same layout).
pub fn unlabelled_note(labelled: usize, points: usize) -> String {
    format!(
        "At this size only the {labelled} most influential of the {points} points (furthest from the origin) are labelled."
    )
}
