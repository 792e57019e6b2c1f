//! Least-squares means over visits: one line per arm with its confidence intervals at each
//! visit (an MMRM's estimated means, [`crate::mmrm`]), the arms set side by side within a visit
//! so their intervals do not overlap, and the subjects observed per arm under each visit.

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, fit_text, line_height, padded,
    pixel_in, plot_rect, put_text, require_drawable, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One arm's mean at one visit, with its interval and the subjects observed there.
#[derive(Debug, Clone, PartialEq)]
pub struct LsMeanPoint {
    pub mean: f64,
    pub lower: f64,
    pub upper: f64,
    pub n: usize,
}

/// One arm: a point per visit (`None` where the arm has no mean there).
#[derive(Debug, Clone, PartialEq)]
pub struct LsMeanArm {
    pub arm: String,
    pub points: Vec<Option<LsMeanPoint>>,
}

/// Least-squares means per arm over visits.
#[derive(Debug, Clone, PartialEq)]
pub struct LsMeansChart {
    pub title: String,
    /// Lines under the title (the model, the df method).
    pub subtitle: Vec<String>,
    /// The response, with its unit.
    pub y_label: String,
    /// The visits, in order (the x axis).
    pub visits: Vec<String>,
    pub arms: Vec<LsMeanArm>,
    /// What the bars are ("95% CI").
    pub interval: String,
}

/// Lines a visit's label may take under the axis.
const VISIT_LABEL_LINES: usize = 2;

impl LsMeansChart {
    /// Refuse what cannot be drawn: no visits or arms, a point list not one per visit,
    /// non-finite values, an interval not around its mean.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("least-squares means chart '{}'", self.title);
        require_nonempty(&self.visits, here, "visits")?;
        require_nonempty(&self.arms, here, "arms")?;
        for a in &self.arms {
            let at = || format!("{}, arm '{}'", here(), a.arm);
            if a.points.len() != self.visits.len() {
                return Err(Error::input(
                    at(),
                    format!(
                        "{} points for {} visits; give one per visit (none where missing)",
                        a.points.len(),
                        self.visits.len()
                    ),
                ));
            }
            for p in a.points.iter().flatten() {
                require_drawable(p.mean, at, "a mean")?;
                require_drawable(p.lower, at, "a lower limit")?;
                require_drawable(p.upper, at, "an upper limit")?;
                if !(p.lower <= p.mean && p.mean <= p.upper) {
                    return Err(Error::input(
                        at(),
                        format!(
                            "the interval {}–{} does not contain the mean {}",
                            p.lower, p.upper, p.mean
                        ),
                    ));
                }
            }
        }
        if self
            .arms
            .iter()
            .all(|a| a.points.iter().all(|p| p.is_none()))
        {
            return Err(Error::input(here(), "no arm has a mean at any visit"));
        }
        Ok(())
    }

    /// The title, the subtitle (what is drawn) and the legend (one entry per arm).
    fn frame(&self) -> Frame<'_> {
        let legend: Vec<LegendEntry> = self
            .arms
            .iter()
            .enumerate()
            .map(|(i, a)| {
                LegendEntry::new(LegendMark::PointWithBar(palette::series(i)), a.arm.clone())
            })
            .collect();
        let mut subtitle = self.subtitle.clone();
        subtitle.push(format!(
            "least-squares mean and {} per arm; n under each visit: subjects observed there",
            self.interval
        ));
        Frame {
            title: &self.title,
            subtitle,
            legend,
            notes: Vec::new(),
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let colour = palette::series;
        let frame = self.frame();
        let plot_area = frame.draw(area, style)?;
        let k = self.visits.len();
        let m = self.arms.len();
        let all = self.arms.iter().flat_map(|a| a.points.iter().flatten());
        let (lo, hi) = extent(all.flat_map(|p| [p.lower, p.upper])).unwrap_or((0.0, 1.0));
        let y = padded(lo, hi, 0.06);
        let mut axes = Axes::new(-0.5..(k as f64 - 0.5), y.clone(), "", &self.y_label);
        axes.x_ticks = false;
        // Lines the longest visit label takes in its column (at most VISIT_LABEL_LINES).
        axes.x_label_lines = VISIT_LABEL_LINES as i32 + m as i32;
        let label_width = axes.plot_width(&plot_area, style) / k.max(1) as i32 - style.px(6.0);
        let label_lines = self
            .visits
            .iter()
            .map(|l| wrap_text(l, &style.tick(), label_width, VISIT_LABEL_LINES).len())
            .max()
            .unwrap_or(1);
        axes.x_label_lines = label_lines as i32 + m as i32;
        let mut chart = axes.draw(&plot_area, style)?;
        let (left, _, right, bottom) = plot_rect(&chart, &plot_area);
        let col_w = (right - left) / k.max(1) as i32;
        // Arms side by side within a visit: spread over at most 40% of a column.
        let step = if m > 1 {
            (0.4 / (m - 1) as f64).min(0.12)
        } else {
            0.0
        };
        let x_of =
            |visit: usize, arm: usize| visit as f64 + (arm as f64 - (m - 1) as f64 / 2.0) * step;
        let cap = (col_w as f64 * 0.04).max(3.0) as i32;
        for (i, a) in self.arms.iter().enumerate() {
            let c = colour(i);
            // Lines join consecutive visits with a mean: a gap stays a gap.
            for (v, pair) in a.points.windows(2).enumerate() {
                if let (Some(p), Some(q)) = (&pair[0], &pair[1]) {
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            vec![(x_of(v, i), p.mean), (x_of(v + 1, i), q.mean)],
                            c.stroke_width(style.line(2.0)),
                        )))
                        .map_err(drawing)?;
                }
            }
            for (v, p) in a.points.iter().enumerate() {
                let Some(p) = p else { continue };
                let x = x_of(v, i);
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(x, p.lower), (x, p.upper)],
                        c.stroke_width(style.line(1.5)),
                    )))
                    .map_err(drawing)?;
                for end in [p.lower, p.upper] {
                    let (px, py) = pixel_in(&chart, &plot_area, (x, end));
                    plot_area
                        .draw(&PathElement::new(
                            vec![(px - cap, py), (px + cap, py)],
                            c.stroke_width(style.line(1.5)),
                        ))
                        .map_err(drawing)?;
                }
                let (px, py) = pixel_in(&chart, &plot_area, (x, p.mean));
                plot_area
                    .draw(&Circle::new((px, py), style.px(4.5), c.filled()))
                    .map_err(drawing)?;
            }
        }
        self.draw_visit_labels(
            &chart,
            &plot_area,
            (y.start, col_w, bottom),
            label_lines,
            style,
        )
    }

    /// Draws the visit labels under the axis (wrapped onto `label_lines`), then one n line
    /// per arm in the arm's colour.
    fn draw_visit_labels<DB: DrawingBackend>(
        &self,
        chart: &Plane<DB>,
        plot_area: &DrawingArea<DB, Shift>,
        (y_start, col_w, bottom): (f64, i32, i32),
        label_lines: usize,
        style: &Style,
    ) -> Result<()> {
        let tick = style.tick();
        let lh = line_height(&tick);
        let width = col_w - style.px(6.0);
        for (v, label) in self.visits.iter().enumerate() {
            let (cx, _) = pixel_in(chart, plot_area, (v as f64, y_start));
            let mut row = bottom + style.px(6.0);
            let lines = wrap_text(label, &tick, width, label_lines);
            for l in &lines {
                put_text(plot_area, l, (cx, row), &tick, HPos::Center, VPos::Top)?;
                row += lh;
            }
            row += lh * label_lines.saturating_sub(lines.len()) as i32;
            for (i, a) in self.arms.iter().enumerate() {
                // "n = 28", or "28" where the column is narrow.
                let text = match &a.points[v] {
                    Some(p) => [format!("n = {}", p.n), p.n.to_string()]
                        .into_iter()
                        .find(|t| super::style::text_width(t, &tick) <= width)
                        .unwrap_or_else(|| p.n.to_string()),
                    None => "–".to_string(),
                };
                let arm_colour = palette::series(i);
                let coloured = tick.clone().color(&arm_colour);
                put_text(
                    plot_area,
                    &fit_text(&text, &tick, width),
                    (cx, row),
                    &coloured,
                    HPos::Center,
                    VPos::Top,
                )?;
                row += lh;
            }
        }
        Ok(())
    }
}
