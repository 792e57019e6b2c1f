//! Before/after chart for one measure: the mean at each time point with its error bar, the
//! bar kind (SD, SEM, or not specified) in the legend, the y axis over the measure's scale,
//! the unit on the axis and n in the subtitle. A time point whose mean is not reported is
//! a labelled gap, never a made-up value.

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, fit_text, line_height, padded,
    pixel_in, plot_rect, put_text, require_drawable, text_width, tick_number, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use crate::reported::SpreadKind;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::ops::Range;

/// The legend text for a point and its bar, by what the ± is.
pub fn bar_legend(kind: SpreadKind) -> &'static str {
    match kind {
        SpreadKind::Sd => "mean ± SD",
        SpreadKind::Sem => "mean ± SEM",
        SpreadKind::NotReported => "mean ± not specified (SD or SEM)",
    }
}

/// One time point: its label and, when reported, the mean and the spread (SD or SEM), with
/// the numbers as printed and the number of patients at that time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimePointValue {
    pub label: String,
    pub mean: Option<f64>,
    pub spread: Option<f64>,
    /// The mean as printed ("3.0"), shown instead of the value's shortest form ("3").
    pub mean_text: Option<String>,
    /// The spread as printed ("2.0").
    pub spread_text: Option<String>,
    /// Patients at this time point, where known.
    pub n: Option<u64>,
}

impl TimePointValue {
    /// A time point with its values and no printed text (numbers shown in shortest form).
    pub fn new(label: impl Into<String>, mean: Option<f64>, spread: Option<f64>) -> Self {
        TimePointValue {
            label: label.into(),
            mean,
            spread,
            ..TimePointValue::default()
        }
    }

    /// The value label: "3.0 ± 1.5" as printed, "3.0 (± not reported)" without a spread.
    pub fn value_text(&self) -> Option<String> {
        let mean = self.mean?;
        let mean = self.mean_text.clone().unwrap_or_else(|| tick_number(mean));
        Some(match (self.spread, &self.spread_text) {
            (_, Some(s)) => format!("{mean} ± {s}"),
            (Some(s), None) => format!("{mean} ± {}", tick_number(s)),
            (None, None) => format!("{mean} (± not reported)"),
        })
    }
}

/// The before/after chart of one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeAfterChart {
    pub title: String,
    /// The measure's name ("EDSS", "pain (NRS)").
    pub measure_label: String,
    /// The unit shown on the y axis ("points"); empty for none.
    pub unit: String,
    /// Number of patients, shown in the subtitle.
    pub n: Option<u64>,
    /// What the bars are (the ± of the data).
    pub bar_kind: SpreadKind,
    /// The measure's scale: (bottom, top) of the y axis where known; (Some(0), None) for
    /// rates. Means outside it still show (the axis grows); bars past it are cut and marked.
    pub scale: (Option<f64>, Option<f64>),
    pub points: Vec<TimePointValue>,
}

impl BeforeAfterChart {
    /// Refuse what cannot be drawn: no time points, a non-finite or negative spread, a
    /// scale whose bottom is not below its top.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("before/after chart '{}'", self.measure_label);
        require_nonempty(&self.points, here, "time points")?;
        if self.n == Some(0) {
            return Err(Error::input(
                here(),
                "n is 0; a before/after chart needs at least one patient",
            ));
        }
        if let (Some(lo), Some(hi)) = self.scale {
            require_drawable(lo, here, "the bottom of the scale")?;
            require_drawable(hi, here, "the top of the scale")?;
            if lo >= hi {
                return Err(Error::input(
                    here(),
                    format!("the scale runs from {lo} to {hi}; its bottom must be below its top"),
                ));
            }
        }
        for s in [self.scale.0, self.scale.1].into_iter().flatten() {
            require_drawable(s, here, "the scale")?;
        }
        for (i, p) in self.points.iter().enumerate() {
            let at = || format!("{}, time point {} ('{}')", here(), i + 1, p.label);
            if let Some(m) = p.mean {
                require_drawable(m, at, "the mean")?;
            }
            if let Some(s) = p.spread {
                require_drawable(s, at, "the spread")?;
                if s < 0.0 {
                    return Err(Error::input(
                        at(),
                        format!("the spread is {s}; an SD or SEM cannot be negative"),
                    ));
                }
            }
        }
        Ok(())
    }

    fn y_desc(&self) -> String {
        if self.unit.trim().is_empty() {
            self.measure_label.clone()
        } else {
            format!("{} ({})", self.measure_label, self.unit)
        }
    }

    /// The y range: the measure's scale where given, grown to include every mean.
    fn y_range(&self) -> Range<f64> {
        let means = self.points.iter().filter_map(|p| p.mean);
        let ends = self.points.iter().filter_map(|p| {
            p.mean.map(|m| {
                let s = p.spread.unwrap_or(0.0);
                [m - s, m + s]
            })
        });
        let data = extent(means.clone().chain(ends.flatten()));
        let means = extent(means);
        let (lo, hi) = match (self.scale, data) {
            ((Some(lo), Some(hi)), _) => (lo, hi),
            ((Some(lo), None), Some((_, dh))) => {
                let top = if dh > lo {
                    dh + (dh - lo) * 0.08
                } else {
                    lo + 1.0
                };
                (lo, top)
            }
            ((None, Some(hi)), Some((dl, _))) => {
                let bottom = if dl < hi {
                    dl - (hi - dl) * 0.08
                } else {
                    hi - 1.0
                };
                (bottom, hi)
            }
            ((Some(lo), None), None) => (lo, lo + 1.0),
            ((None, Some(hi)), None) => (hi - 1.0, hi),
            ((None, None), Some((dl, dh))) if dl >= 0.0 => {
                let r = padded(0.0, dh, 0.08);
                (0.0, if dh > 0.0 { r.end } else { 1.0 })
            }
            ((None, None), Some((dl, dh))) => {
                let r = padded(dl, dh, 0.08);
                (r.start, r.end)
            }
            ((None, None), None) => (0.0, 1.0),
        };
        match means {
            Some((ml, mh)) if ml < lo || mh > hi => {
                let r = padded(lo.min(ml), hi.max(mh), 0.05);
                r.start..r.end
            }
            _ => lo..hi,
        }
    }

    /// Draw as a stand-alone chart.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let legend = vec![LegendEntry::new(
            LegendMark::PointWithBar(palette::BLUE),
            bar_legend(self.bar_kind),
        )];
        let frame = Frame {
            title: &self.title,
            subtitle: vec![self.n_text()],
            legend,
            notes: self.notes(),
        };
        self.draw_with(area, style, frame, 1)
    }

    /// The n of the subtitle: "n = 7", or, where time points differ, "n = 22 to 20 (under
    /// each time point)", or "n under each time point" where some print none (a sample that
    /// narrows after its first count: 35 enrolled, then no n said): one n for the chart
    /// would give the later points patients the document does not say they had.
    pub fn n_text(&self) -> String {
        let ns: Vec<Option<u64>> = self.point_ns();
        match (self.varying_n(), ns.first().copied().flatten()) {
            (true, _) if ns.iter().any(Option::is_none) => "n under each time point".into(),
            (true, _) => format!(
                "n = {} to {} (under each time point)",
                ns.first().copied().flatten().unwrap_or_default(),
                ns.last().copied().flatten().unwrap_or_default()
            ),
            (false, Some(n)) => format!("n = {n}"),
            (false, None) => "n not reported".into(),
        }
    }

    /// Each time point's n: its own, else the measure's.
    fn point_ns(&self) -> Vec<Option<u64>> {
        self.points.iter().map(|p| p.n.or(self.n)).collect()
    }

    /// Whether the time points report different numbers of patients (or some none).
    fn varying_n(&self) -> bool {
        self.point_ns().windows(2).any(|w| w[0] != w[1])
    }

    /// Footnotes: bars cut at the scale's end, an axis extended past the scale.
    pub fn notes(&self) -> Vec<String> {
        let y = self.y_range();
        let cut = self.points.iter().any(|p| match (p.mean, p.spread) {
            (Some(m), Some(s)) => m - s < y.start || m + s > y.end,
            _ => false,
        });
        let mut notes = Vec::new();
        if cut {
            notes.push("▲▼ error bar runs past the end of the scale; drawn cut at the axis".into());
        }
        let without: Vec<&str> = self
            .points
            .iter()
            .filter(|p| p.mean.is_some() && p.spread.is_none())
            .map(|p| p.label.as_str())
            .collect();
        if !without.is_empty() {
            notes.push(format!(
                "no SD or SEM reported at {}: no bar drawn",
                without.join(", ")
            ));
        }
        if let (Some(lo), Some(hi)) = self.scale {
            if y.start < lo || y.end > hi {
                notes.push(format!(
                    "a mean lies outside the scale {}–{}; the axis was extended",
                    tick_number(lo),
                    tick_number(hi)
                ));
            }
        }
        notes
    }

    /// Draw as one cell of a panel, headed by the measure's name, with at least
    /// `label_lines` lines under the axis for the time points; the panel prints the cell's
    /// notes under all cells, so the cells' plots line up.
    pub(crate) fn draw_cell<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
        label_lines: usize,
    ) -> Result<()> {
        let frame = Frame {
            title: &self.measure_label,
            subtitle: vec![self.n_text()],
            ..Frame::default()
        };
        self.draw_with(area, style, frame, label_lines)
    }

    /// Draw in `frame`, with at least `min_label_lines` lines under the axis for the time
    /// points' labels.
    fn draw_with<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
        frame: Frame,
        min_label_lines: usize,
    ) -> Result<()> {
        let y = self.y_range();
        let is_cell = frame.legend.is_empty() && frame.title == self.measure_label;
        let plot_area = frame.draw(area, style)?;
        let k = self.points.len();
        let x = -0.5..(k as f64 - 0.5);
        // A panel cell is headed by the measure's name: its axis needs only the unit.
        let y_desc = if is_cell {
            self.unit.clone()
        } else {
            self.y_desc()
        };
        let mut axes = Axes::new(x, y.clone(), "", &y_desc);
        axes.x_ticks = false;
        let show_n = self.varying_n();
        let label_lines = self.label_lines(&mut axes, &plot_area, style, min_label_lines);
        axes.x_label_lines = label_lines as i32 + i32::from(show_n);
        let mut chart = axes.draw(&plot_area, style)?;
        let (left, _, right, bottom) = plot_rect(&chart, &plot_area);
        let col_w = (right - left) / k as i32;
        let colour = palette::BLUE;
        let line_w = style.line(2.0);

        // Lines join consecutive reported means only: a gap stays a gap.
        for (i, pair) in self.points.windows(2).enumerate() {
            if let (Some(a), Some(b)) = (pair[0].mean, pair[1].mean) {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(i as f64, a), (i as f64 + 1.0, b)],
                        colour.stroke_width(line_w),
                    )))
                    .map_err(drawing)?;
            }
        }

        let cap = SPREAD_CAP;
        let tick = style.tick();
        let r = style.px(5.0);
        for (i, p) in self.points.iter().enumerate() {
            let xi = i as f64;
            let Some(mean) = p.mean else {
                draw_not_reported(&mut chart, &plot_area, xi, &y, col_w, style)?;
                continue;
            };
            if let Some(s) = p.spread {
                draw_spread(&mut chart, &plot_area, (xi, mean, s), &y, col_w, style)?;
            }
            let (px, py) = pixel_in(&chart, &plot_area, (xi, mean));
            plot_area
                .draw(&Circle::new((px, py), r, colour.filled()))
                .map_err(drawing)?;
            // The numbers as printed beside the point, on the side away from the line to the
            // next point (left of the first point, right of the others), where there is room.
            let text = p.value_text().unwrap_or_default();
            let offset = r.max((cap * col_w as f64) as i32) + style.px(5.0);
            let room = col_w / 2 - offset - style.px(3.0);
            let fitting = [
                text,
                p.mean_text.clone().unwrap_or_else(|| tick_number(mean)),
            ]
            .into_iter()
            .find(|t| text_width(t, &tick) <= room);
            if let Some(t) = fitting {
                let (x, h) = if i == 0 && k > 1 {
                    (px - offset, HPos::Right)
                } else {
                    (px + offset, HPos::Left)
                };
                put_text(&plot_area, &t, (x, py), &tick, h, VPos::Center)?;
            }
        }

        self.draw_category_labels(
            &chart,
            &plot_area,
            (y.start, col_w, bottom),
            label_lines,
            show_n,
            style,
        )
    }

    /// Draws the category labels under the axis, wrapped onto the `label_lines` reserved for
    /// them (cut only past three), the n under them when `show_n`.
    fn draw_category_labels<DB: DrawingBackend>(
        &self,
        chart: &Plane<DB>,
        plot_area: &DrawingArea<DB, Shift>,
        (y_start, col_w, bottom): (f64, i32, i32),
        label_lines: usize,
        show_n: bool,
        style: &Style,
    ) -> Result<()> {
        let tick = style.tick();
        let lh = line_height(&tick);
        for (i, p) in self.points.iter().enumerate() {
            let (cx, _) = pixel_in(chart, plot_area, (i as f64, y_start));
            let mut lines = wrap_text(&p.label, &tick, label_width(col_w, style), label_lines);
            if show_n {
                let n =
                    p.n.or(self.n)
                        .map_or("n not reported".into(), |n| format!("n = {n}"));
                lines.push(fit_text(&n, &tick, label_width(col_w, style)));
            }
            for (j, l) in lines.iter().enumerate() {
                put_text(
                    plot_area,
                    l,
                    (cx, bottom + style.px(6.0) + j as i32 * lh),
                    &tick,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }
        Ok(())
    }

    /// Lines under the axis the longest category label needs (at least `min_lines`, at most
    /// [`MAX_LABEL_LINES`]) in a plot drawn by `axes` in `plot_area`. The plot's width
    /// depends a little on the lines reserved (a shorter plot may wrap the y description,
    /// taking width), so the count is grown until the labels fit the width it leaves.
    fn label_lines<DB: DrawingBackend>(
        &self,
        axes: &mut Axes,
        plot_area: &DrawingArea<DB, Shift>,
        style: &Style,
        min_lines: usize,
    ) -> usize {
        let tick = style.tick();
        let show_n = i32::from(self.varying_n());
        let k = self.points.len().max(1) as i32;
        let mut lines = min_lines.clamp(1, MAX_LABEL_LINES);
        loop {
            axes.x_label_lines = lines as i32 + show_n;
            let width = label_width(axes.plot_width(plot_area, style) / k, style);
            let needed = self
                .points
                .iter()
                .map(|p| wrap_text(&p.label, &tick, width, MAX_LABEL_LINES).len())
                .max()
                .unwrap_or(1);
            if needed <= lines {
                return lines;
            }
            lines = needed;
        }
    }

    /// The label lines this chart needs as a panel cell drawn in `cell`: the panel gives
    /// every cell the most any needs, so the cells' plots line up.
    pub(crate) fn cell_label_lines<DB: DrawingBackend>(
        &self,
        cell: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> usize {
        let mut axes = Axes::new(0.0..1.0, self.y_range(), "", &self.unit);
        axes.x_ticks = false;
        self.label_lines(&mut axes, cell, style, 1)
    }
}

/// Draws "not reported" in an empty time point's slot, with dashed stubs above and below.
fn draw_not_reported<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    plot_area: &DrawingArea<DB, Shift>,
    xi: f64,
    y: &Range<f64>,
    col_w: i32,
    style: &Style,
) -> Result<()> {
    let note = style.note();
    let lines = wrap_text("not reported", &note, col_w - style.px(2.0), 2);
    let (cx, cy) = pixel_in(chart, plot_area, (xi, (y.start + y.end) / 2.0));
    let lh = line_height(&note);
    let top = cy - lh * lines.len() as i32 / 2;
    for (j, l) in lines.iter().enumerate() {
        put_text(
            plot_area,
            l,
            (cx, top + j as i32 * lh),
            &note,
            HPos::Center,
            VPos::Top,
        )?;
    }
    // Dashed stubs above and below the label mark the empty slot.
    let span = y.end - y.start;
    for (from, to) in [(y.start, y.start + span * 0.3), (y.end - span * 0.3, y.end)] {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(xi, from), (xi, to)],
                style.px(4.0),
                style.px(4.0),
                palette::MID_GREY.stroke_width(1),
            ))
            .map_err(drawing)?;
    }
    Ok(())
}

/// Draws a mean's ± spread as a whisker with caps, an arrowhead where the axis cuts it.
fn draw_spread<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    plot_area: &DrawingArea<DB, Shift>,
    (xi, mean, s): (f64, f64, f64),
    y: &Range<f64>,
    col_w: i32,
    style: &Style,
) -> Result<()> {
    let (colour, cap) = (palette::BLUE, SPREAD_CAP);
    let (lo, hi) = (mean - s, mean + s);
    let (lo_c, hi_c) = (lo.max(y.start), hi.min(y.end));
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(xi, lo_c), (xi, hi_c)],
            colour.stroke_width(style.line(1.5)),
        )))
        .map_err(drawing)?;
    for (end, was_cut, up) in [(lo_c, lo < y.start, false), (hi_c, hi > y.end, true)] {
        let (px, py) = pixel_in(chart, plot_area, (xi, end));
        if was_cut {
            let a = style.px(6.0);
            let base = if up { py + a } else { py - a };
            plot_area
                .draw(&Polygon::new(
                    vec![(px, py), (px - a / 2 - 1, base), (px + a / 2 + 1, base)],
                    colour.filled(),
                ))
                .map_err(drawing)?;
        } else {
            let half = (cap * col_w as f64) as i32;
            plot_area
                .draw(&PathElement::new(
                    vec![(px - half, py), (px + half, py)],
                    colour.stroke_width(style.line(1.5)),
                ))
                .map_err(drawing)?;
        }
    }
    Ok(())
}

/// The half-width of a whisker's cap, as a share of a column's width.
const SPREAD_CAP: f64 = 0.06;

/// Most lines a time point's label takes under the axis; only what three cannot hold is cut.
const MAX_LABEL_LINES: usize = 3;

/// Width a category label may take in a column `col_w` pixels wide.
fn label_width(col_w: i32, style: &Style) -> i32 {
    col_w - style.px(6.0)
}
