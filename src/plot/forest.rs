//! Forest plot: one row per effect (a measure or a study) with its point estimate and
//! confidence interval, the labels in a column on the left and the numbers (and weights) in
//! columns on the right; optionally a pooled summary diamond with its prediction interval,
//! as a meta-analysis reports it.

use super::palette;
use super::style::{
    annotation_number, centred_top, extent, fit_text, line_height, padded, pixel_in, put_lines,
    put_text, require_drawable, require_drawable_interval, text_width, wrap_text, Axes, Frame,
    LegendEntry, LegendMark, Style, MAX_CHART_VALUE,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One effect: label, estimate and confidence interval, optional weight in percent.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    pub label: String,
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Weight in percent (sets the square's area).
    pub weight: Option<f64>,
    /// Text for the numbers column instead of "estimate [lower, upper]".
    pub detail: Option<String>,
}

impl ForestRow {
    /// A row with no weight and the default numbers text.
    pub fn new(label: impl Into<String>, estimate: f64, ci_lower: f64, ci_upper: f64) -> Self {
        ForestRow {
            label: label.into(),
            estimate,
            ci_lower,
            ci_upper,
            weight: None,
            detail: None,
        }
    }
}

/// The pooled result of a meta-analysis: diamond and optional prediction interval.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestSummary {
    pub label: String,
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Prediction interval (lower, upper), for random-effects models.
    pub prediction: Option<(f64, f64)>,
    /// The heterogeneity line printed under the diamond ("τ² = 0.31, I² = 92%, Q(12) =
    /// 152.2, p < 0.001"); `None` for none.
    pub heterogeneity: Option<String>,
}

/// A forest plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestChart {
    pub title: String,
    /// The effect's name on the x axis ("standardised mean change").
    pub effect_label: String,
    /// Heading of the label column ("study").
    pub label_header: String,
    /// Heading of the numbers column ("estimate [95% CI]").
    pub value_header: String,
    /// Value of no effect, drawn as a vertical line (0 for differences); `None` for none.
    pub null_value: Option<f64>,
    /// Decimals in the numbers column.
    pub digits: usize,
    /// Fixed x range; `None` fits the intervals.
    pub x_range: Option<(f64, f64)>,
    /// The estimates are logarithms (log risk ratio, log odds ratio): the x axis is drawn on
    /// the log scale but labelled with exp(value), and the numbers column shows exp(value).
    pub exponentiate: bool,
    pub rows: Vec<ForestRow>,
    pub summary: Option<ForestSummary>,
}

impl ForestChart {
    /// A forest plot with the usual headers, a null line at 0 and 2 decimals.
    pub fn new(
        title: impl Into<String>,
        effect_label: impl Into<String>,
        rows: Vec<ForestRow>,
    ) -> Self {
        ForestChart {
            title: title.into(),
            effect_label: effect_label.into(),
            label_header: String::new(),
            value_header: "estimate [95% CI]".into(),
            null_value: Some(0.0),
            digits: 2,
            x_range: None,
            exponentiate: false,
            rows,
            summary: None,
        }
    }

    /// Refuse no rows, non-finite numbers, reversed intervals, negative weights.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("forest plot '{}'", self.title);
        require_nonempty(&self.rows, here, "rows")?;
        for (i, r) in self.rows.iter().enumerate() {
            let at = || format!("{}, row {} ('{}')", here(), i + 1, r.label);
            require_drawable(r.estimate, at, "the estimate")?;
            require_drawable_interval(r.ci_lower, r.ci_upper, at, "confidence interval")?;
            if let Some(w) = r.weight {
                require_drawable(w, at, "the weight")?;
                if w < 0.0 {
                    return Err(Error::input(
                        at(),
                        format!("the weight is {w}; it cannot be negative"),
                    ));
                }
            }
        }
        if let Some(s) = &self.summary {
            let at = || format!("{}, summary", here());
            require_drawable(s.estimate, at, "the pooled estimate")?;
            require_drawable_interval(s.ci_lower, s.ci_upper, at, "confidence interval")?;
            if let Some((lo, hi)) = s.prediction {
                require_drawable_interval(lo, hi, at, "prediction interval")?;
            }
        }
        if let Some(v) = self.null_value {
            require_drawable(v, here, "the null value")?;
        }
        if let Some((lo, hi)) = self.x_range {
            require_drawable_interval(lo, hi, here, "x range")?;
        }
        if self.exponentiate {
            self.require_exponentiable()?;
        }
        Ok(())
    }

    /// On the log scale every number is shown as exp(value): refuse values whose exp is
    /// beyond what a chart draws (|value| > ln 1e15 ≈ 34.5), which would overflow to "inf"
    /// from ln 1.8e308 ≈ 709.8 on.
    fn require_exponentiable(&self) -> Result<()> {
        let limit = MAX_CHART_VALUE.ln();
        let check = |v: f64, at: &dyn Fn() -> String, what: &str| {
            if v.abs() <= limit {
                Ok(())
            } else {
                Err(Error::input(
                    at(),
                    format!(
                        "{what} is {}; on the log scale (--exp) values are shown as exp(value) and must lie between -{limit:.1} and {limit:.1} (ratios from 1e-15 to 1e15)",
                        crate::output::human_number(v)
                    ),
                ))
            }
        };
        let here = || format!("forest plot '{}'", self.title);
        for (i, r) in self.rows.iter().enumerate() {
            let at = || format!("{}, row {} ('{}')", here(), i + 1, r.label);
            check(r.estimate, &at, "the estimate")?;
            check(r.ci_lower, &at, "the lower end of the confidence interval")?;
            check(r.ci_upper, &at, "the upper end of the confidence interval")?;
        }
        if let Some(s) = &self.summary {
            let at = || format!("{}, summary", here());
            check(s.estimate, &at, "the pooled estimate")?;
            check(s.ci_lower, &at, "the lower end of the confidence interval")?;
            check(s.ci_upper, &at, "the upper end of the confidence interval")?;
            if let Some((lo, hi)) = s.prediction {
                check(lo, &at, "the lower end of the prediction interval")?;
                check(hi, &at, "the upper end of the prediction interval")?;
            }
        }
        if let Some(v) = self.null_value {
            check(v, &here, "the null value")?;
        }
        if let Some((lo, hi)) = self.x_range {
            check(lo, &here, "the lower end of the x range")?;
            check(hi, &here, "the upper end of the x range")?;
        }
        Ok(())
    }

    /// The numbers of one row: estimate, lower and upper end, as printed (exp(value) on the
    /// log scale).
    fn numbers(&self, estimate: f64, lo: f64, hi: f64) -> [String; 3] {
        let d = self.digits;
        let show = |v: f64| annotation_number(if self.exponentiate { v.exp() } else { v }, d);
        [show(estimate), show(lo), show(hi)]
    }

    /// The text of the numbers column for `row` (its own `detail`, or "est [lo, hi]").
    fn row_numbers(&self, row: &ForestRow) -> RowNumbers {
        match &row.detail {
            Some(text) => RowNumbers::Text(text.clone()),
            None => RowNumbers::Interval(self.numbers(row.estimate, row.ci_lower, row.ci_upper)),
        }
    }

    /// Column widths and lines per row at image width `width`.
    fn layout(&self, width: i32, style: &Style) -> Layout {
        let tick = style.tick();
        let pad = style.px(10.0);
        let mut numbers: Vec<RowNumbers> = self.rows.iter().map(|r| self.row_numbers(r)).collect();
        if let Some(s) = &self.summary {
            numbers.push(RowNumbers::Interval(
                self.numbers(s.estimate, s.ci_lower, s.ci_upper),
            ));
        }
        let widest = |part: usize| {
            numbers
                .iter()
                .filter_map(|n| match n {
                    RowNumbers::Interval(p) => Some(text_width(&p[part], &tick)),
                    RowNumbers::Text(_) => None,
                })
                .max()
                .unwrap_or(0)
        };
        let columns = IntervalColumns {
            estimate: widest(0),
            gap: text_width(" [", &tick),
            lower: widest(1),
            comma: text_width(", ", &tick),
            upper: widest(2),
            close: text_width("]", &tick),
        };
        let number_w = numbers
            .iter()
            .filter_map(|n| match n {
                RowNumbers::Text(t) => Some(text_width(t, &tick)),
                RowNumbers::Interval(_) => None,
            })
            .chain([columns.total(), text_width(&self.value_header, &tick)])
            .max()
            .unwrap_or(0);
        let longest_label = self
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .chain(self.summary.as_ref().map(|s| s.label.as_str()))
            .chain(std::iter::once(self.label_header.as_str()))
            .map(|l| text_width(l, &tick))
            .max()
            .unwrap_or(0);
        let min_plot = (width * 30 / 100).max(style.px(120.0));
        let has_weight = self.rows.iter().any(|r| r.weight.is_some());
        // On a narrow image the weight column gives its room to the labels when they would
        // need more than two lines otherwise (the squares' areas still show the weights).
        let weight_fits = {
            let weight_w = text_width("weight", &tick).max(text_width("100.0%", &tick)) + pad;
            let room = width - number_w - weight_w - 4 * pad - min_plot;
            longest_label <= 2 * room
        };
        let has_weight = has_weight && weight_fits;
        let weight_w = if has_weight {
            text_width("weight", &tick).max(text_width("100.0%", &tick)) + pad
        } else {
            0
        };
        let right_w = number_w + weight_w + 2 * pad;
        // The label column takes what the labels need, leaving the plot at least 30% of the
        // width; labels longer than that wrap (up to 3 lines) before anything is cut.
        let room = (width - right_w - min_plot - 2 * pad).max(style.px(60.0));
        let label_w = longest_label.min(room);
        let lines_per_row = self
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .chain(self.summary.as_ref().map(|s| s.label.as_str()))
            .map(|l| wrap_text(l, &tick, label_w, 3).len())
            .max()
            .unwrap_or(1)
            .max(1);
        Layout {
            pad,
            label_w,
            columns,
            number_w,
            weight_w,
            right_w,
            lines_per_row,
        }
    }

    /// Rows in the plot's y units: the header, the studies, and under a half-row gap the
    /// summary and its heterogeneity line.
    fn row_count(&self) -> f64 {
        let summary = match &self.summary {
            Some(s) if s.heterogeneity.is_some() => 3.0,
            Some(_) => 1.5,
            None => 0.0,
        };
        self.rows.len() as f64 + summary + 1.5
    }

    /// The height the chart needs at `size`'s width: every row gets its lines of text, so
    /// the image grows with the number of rows (see [`super::Chart::needed_height`]).
    pub(crate) fn needed_height(&self, size: super::Size, style: &Style) -> u32 {
        let layout = self.layout(size.width as i32, style);
        let row = line_height(&style.tick()) * layout.lines_per_row as i32 + style.px(4.0);
        let title_lines = wrap_text(&self.title, &style.title(), size.width as i32, 2).len() as i32;
        let frame = title_lines * line_height(&style.title())
            + 2 * line_height(&style.legend())
            + 2 * line_height(&style.tick())
            + line_height(&style.axis())
            + style.px(60.0);
        (self.row_count() * f64::from(row)).ceil() as u32 + frame.max(0) as u32
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let mut legend = Vec::new();
        if let Some(s) = &self.summary {
            legend.push(LegendEntry::new(
                LegendMark::Diamond(palette::VERMILLION),
                s.label.clone(),
            ));
            if s.prediction.is_some() {
                legend.push(LegendEntry::new(
                    LegendMark::Line(palette::DARK_GREY),
                    "prediction interval",
                ));
            }
        }
        let frame = Frame {
            title: &self.title,
            subtitle: Vec::new(),
            legend,
            notes: Vec::new(),
        };
        let plot_area = frame.draw(area, style)?;
        let (w, _) = plot_area.dim_in_pixel();
        let w = w as i32;
        let Layout {
            pad,
            label_w,
            columns,
            number_w,
            weight_w,
            right_w,
            ..
        } = self.layout(w, style);

        // Rows from the top; the summary and the heterogeneity line below a half-row gap.
        let k = self.rows.len();
        let rows = self.row_count();
        let y = 0.0..rows;
        let header_y = rows - 0.75;
        let row_y = |i: usize| rows - 1.75 - i as f64;
        let summary_y = row_y(k) - 0.5;
        let heterogeneity_y = summary_y - 1.0;
        let null_bottom = if self
            .summary
            .as_ref()
            .is_some_and(|s| s.heterogeneity.is_some())
        {
            heterogeneity_y + 0.5
        } else {
            y.start
        };

        let tick = style.tick();
        let header = style.tick().color(&palette::DARK_GREY);
        let left_w = label_w + 2 * pad;
        let (left, rest) = plot_area.split_horizontally(left_w);
        let (middle, right) = rest.split_horizontally((w - left_w - right_w).max(50));

        let (xlo, xhi) = match self.x_range {
            Some(r) => r,
            None => {
                let e = extent(
                    self.rows
                        .iter()
                        .flat_map(|r| [r.ci_lower, r.ci_upper])
                        .chain(self.summary.iter().flat_map(|s| {
                            [s.ci_lower, s.ci_upper]
                                .into_iter()
                                .chain(s.prediction.into_iter().flat_map(|(a, b)| [a, b]))
                        }))
                        .chain(self.null_value),
                )
                .unwrap_or((0.0, 1.0));
                let r = padded(e.0, e.1, 0.05);
                (r.start, r.end)
            }
        };
        // The effect's name is written under the axis by this chart, centred on the plot but
        // free to use the whole width (wrapped to two lines), so a long name such as "SMCR:
        // (after − before) / SD before, Hedges-corrected" is not cut to the plot's width.
        let axis_style = style.axis();
        let desc_lines = wrap_text(&self.effect_label, &axis_style, w - 2 * pad, 2);
        let mut axes = Axes::new(xlo..xhi, y.clone(), "", "");
        axes.x_label_lines = desc_lines.len() as i32 + 1;
        axes.y_ticks = false;
        // On the log scale, ticks at round ratios (…, 0.5, 1, 2, …) where there are enough.
        let ratio_ticks = if self.exponentiate {
            ratio_ticks(xlo.exp(), xhi.exp())
        } else {
            Vec::new()
        };
        if self.exponentiate {
            axes.x_format = exp_tick;
            if ratio_ticks.len() >= 2 {
                axes.x_ticks = false;
                axes.x_label_lines += 1;
            }
        }
        let mut chart = axes.draw(&middle, style)?;
        {
            let (plot_left, _, plot_right, plot_bottom) =
                super::style::plot_rect(&chart, &plot_area);
            let half = desc_lines
                .iter()
                .map(|l| text_width(l, &axis_style))
                .max()
                .unwrap_or(0)
                / 2;
            let centre =
                ((plot_left + plot_right) / 2).clamp(pad + half, (w - pad - half).max(pad + half));
            put_lines(
                &plot_area,
                &desc_lines,
                (
                    centre,
                    plot_bottom + line_height(&style.tick()) + style.px(8.0),
                ),
                &axis_style,
                HPos::Center,
                VPos::Top,
            )?;
        }
        if ratio_ticks.len() >= 2 {
            let (left, top, right, bottom) = super::style::plot_rect(&chart, &middle);
            middle
                .draw(&PathElement::new(
                    vec![(left, bottom), (right, bottom)],
                    palette::DARK_GREY.stroke_width(style.line(1.0)),
                ))
                .map_err(drawing)?;
            // Ticks whose labels would touch their neighbour's are left out (the null, 1,
            // first, then outwards).
            let gap = style.px(8.0);
            let mut kept: Vec<(i32, i32)> = Vec::new();
            let mut by_priority = ratio_ticks.clone();
            by_priority.sort_by(|a, b| a.ln().abs().total_cmp(&b.ln().abs()));
            let mut shown = Vec::new();
            for t in by_priority {
                let (px, _) = pixel_in(&chart, &middle, (t.ln(), y.start));
                let half = text_width(&super::style::tick_number(t), &style.tick()) / 2;
                if kept.iter().all(|(x, h)| (px - x).abs() >= half + h + gap) {
                    kept.push((px, half));
                    shown.push(t);
                }
            }
            for t in &shown {
                let (px, _) = pixel_in(&chart, &middle, (t.ln(), y.start));
                middle
                    .draw(&PathElement::new(
                        vec![(px, top), (px, bottom)],
                        palette::LIGHT_GREY.stroke_width(style.line(1.0)),
                    ))
                    .map_err(drawing)?;
                middle
                    .draw(&PathElement::new(
                        vec![(px, bottom), (px, bottom + style.px(4.0))],
                        palette::DARK_GREY.stroke_width(style.line(1.0)),
                    ))
                    .map_err(drawing)?;
                put_text(
                    &middle,
                    &super::style::tick_number(*t),
                    (px, bottom + style.px(6.0)),
                    &style.tick(),
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }

        if let Some(v) = self.null_value {
            if v >= xlo && v <= xhi {
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(v, null_bottom), (v, header_y - 0.4)],
                        style.px(5.0),
                        style.px(4.0),
                        palette::DARK_GREY.stroke_width(style.line(1.0)),
                    ))
                    .map_err(drawing)?;
            }
        }
        let max_w = self
            .rows
            .iter()
            .filter_map(|r| r.weight)
            .fold(0.0, f64::max);
        let row_px = {
            let (_, a) = pixel_in(&chart, &middle, (xlo, 1.0));
            let (_, b) = pixel_in(&chart, &middle, (xlo, 2.0));
            (a - b).abs()
        };
        let base_side = (f64::from(row_px) * 0.7).min(f64::from(style.px(14.0)));
        let clamp = |v: f64| v.clamp(xlo, xhi);
        for (i, r) in self.rows.iter().enumerate() {
            let yi = row_y(i);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(clamp(r.ci_lower), yi), (clamp(r.ci_upper), yi)],
                    palette::BLACK.stroke_width(style.line(1.5)),
                )))
                .map_err(drawing)?;
            let side = match (r.weight, max_w > 0.0) {
                (Some(wt), true) => base_side * (wt / max_w).sqrt(),
                _ => base_side * 0.6,
            }
            .max(f64::from(style.px(3.0)));
            if r.estimate >= xlo && r.estimate <= xhi {
                let (px, py) = pixel_in(&chart, &middle, (r.estimate, yi));
                let half = (side / 2.0).round() as i32;
                middle
                    .draw(&Rectangle::new(
                        [(px - half, py - half), (px + half, py + half)],
                        palette::BLUE.filled(),
                    ))
                    .map_err(drawing)?;
            }
        }
        if let Some(s) = &self.summary {
            if let Some((lo, hi)) = s.prediction {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(clamp(lo), summary_y), (clamp(hi), summary_y)],
                        palette::DARK_GREY.stroke_width(style.line(2.0)),
                    )))
                    .map_err(drawing)?;
            }
            // The diamond's height is fixed in pixels, whatever the row height.
            let half = style.px(7.0);
            let at = |v: f64| pixel_in(&chart, &middle, (clamp(v), summary_y));
            let ((x0, cy), (xm, _), (x1, _)) = (at(s.ci_lower), at(s.estimate), at(s.ci_upper));
            middle
                .draw(&Polygon::new(
                    vec![(x0, cy), (xm, cy - half), (x1, cy), (xm, cy + half)],
                    palette::VERMILLION.filled(),
                ))
                .map_err(drawing)?;
        }

        // Text columns, aligned with the rows.
        let y_of = |area: &DrawingArea<DB, Shift>, yv: f64| pixel_in(&chart, area, (xlo, yv)).1;
        let cell = |area: &DrawingArea<DB, Shift>,
                    yv: f64,
                    text: &str,
                    x: i32,
                    style: &TextStyle,
                    hpos: HPos| {
            put_text(area, text, (x, y_of(area, yv)), style, hpos, VPos::Center)
        };
        let label = |yv: f64, text: &str| -> Result<()> {
            let lines = wrap_text(text, &tick, label_w, 3);
            let top = centred_top(y_of(&left, yv), lines.len(), &tick);
            put_lines(&left, &lines, (pad, top), &tick, HPos::Left, VPos::Center)
        };
        let numbers_end = pad + number_w;
        let interval = |yv: f64, numbers: &RowNumbers| -> Result<()> {
            match numbers {
                RowNumbers::Text(t) => cell(&right, yv, t, numbers_end, &tick, HPos::Right),
                RowNumbers::Interval([e, lo, hi]) => {
                    // Right-aligned in sub-columns, so the brackets and commas line up.
                    let c = columns;
                    let x0 = numbers_end - c.total();
                    let lo_end = x0 + c.estimate + c.gap + c.lower;
                    let hi_end = lo_end + c.comma + c.upper;
                    cell(&right, yv, e, x0 + c.estimate, &tick, HPos::Right)?;
                    cell(&right, yv, "[", x0 + c.estimate + c.gap, &tick, HPos::Right)?;
                    cell(&right, yv, lo, lo_end, &tick, HPos::Right)?;
                    cell(&right, yv, ",", lo_end, &tick, HPos::Left)?;
                    cell(&right, yv, hi, hi_end, &tick, HPos::Right)?;
                    cell(&right, yv, "]", hi_end, &tick, HPos::Left)
                }
            }
        };
        cell(
            &left,
            header_y,
            &fit_text(&self.label_header, &header, label_w),
            pad,
            &header,
            HPos::Left,
        )?;
        cell(
            &right,
            header_y,
            &self.value_header,
            numbers_end,
            &header,
            HPos::Right,
        )?;
        let show_weight = weight_w > 0;
        if show_weight {
            cell(
                &right,
                header_y,
                "weight",
                right_w - pad,
                &header,
                HPos::Right,
            )?;
        }
        for (i, r) in self.rows.iter().enumerate() {
            let yi = row_y(i);
            label(yi, &r.label)?;
            interval(yi, &self.row_numbers(r))?;
            if let (Some(wt), true) = (r.weight, show_weight) {
                cell(
                    &right,
                    yi,
                    &format!("{wt:.1}%"),
                    right_w - pad,
                    &tick,
                    HPos::Right,
                )?;
            }
        }
        if let Some(s) = &self.summary {
            label(summary_y, &s.label)?;
            interval(
                summary_y,
                &RowNumbers::Interval(self.numbers(s.estimate, s.ci_lower, s.ci_upper)),
            )?;
            if let Some(text) = &s.heterogeneity {
                // Under the diamond, from the label column across the plot.
                let note = style.note();
                let lines = wrap_text(text, &note, w - 2 * pad, 2);
                let top = centred_top(y_of(&plot_area, heterogeneity_y), lines.len(), &note);
                put_lines(
                    &plot_area,
                    &lines,
                    (pad, top),
                    &note,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
        }
        Ok(())
    }
}

/// What the numbers column shows for one row.
enum RowNumbers {
    /// Estimate, lower and upper end, drawn as "est [lo, hi]" aligned on the brackets.
    Interval([String; 3]),
    /// A row's own text, right-aligned.
    Text(String),
}

/// Widths of the parts of "est [lo, hi]" (the widest of each over all rows).
#[derive(Debug, Clone, Copy)]
struct IntervalColumns {
    estimate: i32,
    gap: i32,
    lower: i32,
    comma: i32,
    upper: i32,
    close: i32,
}

impl IntervalColumns {
    fn total(&self) -> i32 {
        self.estimate + self.gap + self.lower + self.comma + self.upper + self.close
    }
}

/// Column widths of a forest plot at one image width.
struct Layout {
    pad: i32,
    label_w: i32,
    columns: IntervalColumns,
    number_w: i32,
    weight_w: i32,
    right_w: i32,
    lines_per_row: usize,
}

/// Round ratios (1, 2, 5 times powers of ten) between `lo` and `hi`; only the powers of ten
/// when there would be more than 9.
fn ratio_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let all: Vec<f64> = (-6..=6)
        .flat_map(|k| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(k)))
        .filter(|t| *t >= lo && *t <= hi)
        .collect();
    if all.len() > 9 {
        all.into_iter()
            .filter(|t| (t.log10() - t.log10().round()).abs() < 1e-9)
            .collect()
    } else {
        all
    }
}

/// A tick of a log-scale axis labelled with exp(v), to 3 significant digits.
pub(super) fn exp_tick(v: f64) -> String {
    let x = v.exp();
    let decimals = (2 - x.abs().log10().floor() as i32).clamp(0, 6) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_scale_rows_show_exponentiated_numbers() {
        let mut f = ForestChart::new("t", "risk ratio", vec![]);
        f.exponentiate = true;
        // exp(ln 2) = 2, exp(ln 0.5) = 0.5, exp(ln 4) = 4
        let text = f.numbers(2f64.ln(), 0.5f64.ln(), 4f64.ln());
        assert_eq!(text, ["2.00", "0.50", "4.00"]);
        assert_eq!(exp_tick(0.0), "1");
        assert_eq!(exp_tick(2f64.ln()), "2");
        assert_eq!(exp_tick(-1.0), "0.368");
        assert_eq!(ratio_ticks(0.3, 3.0), vec![0.5, 1.0, 2.0]);
        assert_eq!(ratio_ticks(0.001, 1000.0).len(), 7);
    }
}
