//! Forest plot: one row per effect (a measure or a study) with its point estimate and
//! confidence interval, the labels in a column on the left and the numbers (and weights) in
//! columns on the right; optionally a pooled summary diamond with its prediction interval,
//! as a meta-analysis reports it.

use super::palette;
use super::style::{
    annotation_number, extent, fit_text, line_height, padded, pixel_in, put_text, require_drawable,
    require_drawable_interval, text_width, Axes, Frame, LegendEntry, LegendMark, Style,
    MAX_CHART_VALUE,
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

    fn numbers(&self, estimate: f64, lo: f64, hi: f64) -> String {
        let d = self.digits;
        let (estimate, lo, hi) = if self.exponentiate {
            (estimate.exp(), lo.exp(), hi.exp())
        } else {
            (estimate, lo, hi)
        };
        format!(
            "{} [{}, {}]",
            annotation_number(estimate, d),
            annotation_number(lo, d),
            annotation_number(hi, d)
        )
    }

    /// The height the chart needs: a line of text per row (see [`super::Chart::needed_height`]).
    pub(crate) fn needed_height(&self, _size: super::Size, style: &Style) -> u32 {
        let rows = self.rows.len() as f64 + if self.summary.is_some() { 4.0 } else { 1.5 };
        let row = f64::from(line_height(&style.tick()) + style.px(4.0));
        (rows * row + f64::from(style.px(170.0))).ceil() as u32
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
        let (w, h) = plot_area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);

        // Rows from the top; the summary below a blank row.
        let k = self.rows.len();
        let extra = if self.summary.is_some() { 1.5 } else { 0.0 };
        let row_y = |i: usize| (k - i) as f64 + extra;
        let summary_y = 0.8;
        let y = 0.0..(k as f64 + extra + 1.2);
        let header_y = k as f64 + extra + 0.85;

        // Text size: shrink when rows are tighter than a line of text.
        let approx_row_px = f64::from(h - style.px(60.0)) / (y.end - y.start);
        let fit = (approx_row_px / f64::from(line_height(&style.tick())) * 0.9).min(1.0);
        let text_style = style.shrunk(fit.max(0.3));
        let tick = text_style.tick();
        let header = text_style.tick().color(&palette::DARK_GREY);

        // Column widths.
        let pad = style.px(10.0);
        let labels = self
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .chain(self.summary.as_ref().map(|s| s.label.as_str()));
        let label_w = labels
            .chain(std::iter::once(self.label_header.as_str()))
            .map(|l| text_width(l, &tick))
            .max()
            .unwrap_or(0)
            .min(w * 30 / 100);
        let numbers: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                r.detail
                    .clone()
                    .unwrap_or_else(|| self.numbers(r.estimate, r.ci_lower, r.ci_upper))
            })
            .collect();
        let summary_numbers = self
            .summary
            .as_ref()
            .map(|s| self.numbers(s.estimate, s.ci_lower, s.ci_upper));
        let number_w = numbers
            .iter()
            .chain(summary_numbers.iter())
            .chain(std::iter::once(&self.value_header))
            .map(|t| text_width(t, &tick))
            .max()
            .unwrap_or(0)
            .min(w * 30 / 100);
        let has_weight = self.rows.iter().any(|r| r.weight.is_some());
        let weight_w = if has_weight {
            text_width("weight", &tick).max(text_width("100.0%", &tick)) + pad
        } else {
            0
        };
        let left_w = label_w + 2 * pad;
        let right_w = number_w + weight_w + 2 * pad;
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
        let mut axes = Axes::new(xlo..xhi, y.clone(), &self.effect_label, "");
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
                axes.x_label_lines = 1;
            }
        }
        let mut chart = axes.draw(&middle, style)?;
        if ratio_ticks.len() >= 2 {
            let (left, top, right, bottom) = super::style::plot_rect(&chart, &middle);
            middle
                .draw(&PathElement::new(
                    vec![(left, bottom), (right, bottom)],
                    palette::DARK_GREY.stroke_width(style.line(1.0)),
                ))
                .map_err(drawing)?;
            for t in &ratio_ticks {
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
                        vec![(v, y.start), (v, header_y - 0.4)],
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
        let base_side = f64::from(row_px)
            .mul_add(0.6, 0.0)
            .min(f64::from(style.px(16.0)));
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
            let half = 0.3;
            chart
                .draw_series(std::iter::once(Polygon::new(
                    vec![
                        (clamp(s.ci_lower), summary_y),
                        (clamp(s.estimate), summary_y + half),
                        (clamp(s.ci_upper), summary_y),
                        (clamp(s.estimate), summary_y - half),
                    ],
                    palette::VERMILLION.filled(),
                )))
                .map_err(drawing)?;
        }

        // Text columns, aligned with the rows.
        let row_text = |area: &DrawingArea<DB, Shift>,
                        yv: f64,
                        text: &str,
                        x: i32,
                        style: &TextStyle,
                        hpos: HPos,
                        max: i32| {
            let (_, py) = pixel_in(&chart, area, (xlo, yv));
            put_text(
                area,
                &fit_text(text, style, max),
                (x, py),
                style,
                hpos,
                VPos::Center,
            )
        };
        row_text(
            &left,
            header_y,
            &self.label_header,
            pad,
            &header,
            HPos::Left,
            label_w,
        )?;
        row_text(
            &right,
            header_y,
            &self.value_header,
            pad + number_w,
            &header,
            HPos::Right,
            number_w,
        )?;
        if has_weight {
            row_text(
                &right,
                header_y,
                "weight",
                right_w - pad,
                &header,
                HPos::Right,
                weight_w,
            )?;
        }
        for (i, r) in self.rows.iter().enumerate() {
            let yi = row_y(i);
            row_text(&left, yi, &r.label, pad, &tick, HPos::Left, label_w)?;
            row_text(
                &right,
                yi,
                &numbers[i],
                pad + number_w,
                &tick,
                HPos::Right,
                number_w,
            )?;
            if let Some(wt) = r.weight {
                row_text(
                    &right,
                    yi,
                    &format!("{wt:.1}%"),
                    right_w - pad,
                    &tick,
                    HPos::Right,
                    weight_w,
                )?;
            }
        }
        if let (Some(s), Some(text)) = (&self.summary, &summary_numbers) {
            row_text(&left, summary_y, &s.label, pad, &tick, HPos::Left, label_w)?;
            row_text(
                &right,
                summary_y,
                text,
                pad + number_w,
                &tick,
                HPos::Right,
                number_w,
            )?;
        }
        Ok(())
    }
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
fn exp_tick(v: f64) -> String {
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
        assert_eq!(text, "2.00 [0.50, 4.00]");
        assert_eq!(exp_tick(0.0), "1");
        assert_eq!(exp_tick(2f64.ln()), "2");
        assert_eq!(exp_tick(-1.0), "0.368");
        assert_eq!(ratio_ticks(0.3, 3.0), vec![0.5, 1.0, 2.0]);
        assert_eq!(ratio_ticks(0.001, 1000.0).len(), 7);
    }
}
