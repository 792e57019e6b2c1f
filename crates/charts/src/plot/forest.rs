//! Forest plot: one row per effect (a measure or a study) with its point estimate and
//! confidence interval, the labels in a column on the left and the numbers (and weights) in
//! columns on the right; optionally a pooled summary diamond with its prediction interval
//! and heterogeneity line, as a meta-analysis reports it, and subgroups (each with its
//! heading, its own diamond and heterogeneity line, and a closing line such as the test for
//! subgroup differences: metafor's `forest()` with one `addpoly()` per subgroup).
//!
//! Rows take the height their text needs (the image grows with them) and at most
//! 1.5 times that: a chart of few rows on a large image is drawn at that height,
//! centred. Labels wrap rather than being cut; on a narrow image the numbers column goes
//! onto two lines and the weight column gives way before a label needs more than two.

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, MAX_CHART_VALUE, MIN_PLOT_PX, Plane, Style,
    annotation_number, centred_top, extent, fit_text, line_height, log_ticks, padded, pixel_in,
    put_lines, put_text, require_drawable, require_drawable_interval, text_width, wrap_text,
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
    /// A second interval drawn under the row's own, with its numbers under the row's: the
    /// study's shrinkage estimate in a Bayesian meta-analysis (bayesmeta's `forestplot()`).
    pub shrunk: Option<ShrunkInterval>,
}

/// A study's shrinkage estimate: the posterior median and interval of its own true effect θᵢ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShrunkInterval {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
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
            shrunk: None,
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

/// A subgroup of a forest plot's rows: drawn under its heading, followed by its own model's
/// diamond and heterogeneity line.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestSubgroup {
    /// The heading over its rows ("alloc = random").
    pub heading: String,
    /// How many rows are in it: the chart's rows come in subgroup order, this subgroup's
    /// after the previous subgroup's.
    pub rows: usize,
    /// The subgroup's own model (its diamond, numbers and heterogeneity line).
    pub summary: ForestSummary,
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
    /// The pooled model over all rows.
    pub summary: Option<ForestSummary>,
    /// Subgroups of the rows, in the rows' order; empty for none.
    pub subgroups: Vec<ForestSubgroup>,
    /// The last lines, under everything (the test for subgroup differences, warnings about
    /// the intervals), paragraphs separated by `\n`; `None` for none.
    pub footer: Option<String>,
    /// A column of text right of the numbers, one value per row (a network meta-analysis's
    /// P-scores), drawn where the weight column would be; `None` for none (the weights,
    /// when the rows have them).
    pub column: Option<ForestColumn>,
}

/// A column of text beside the numbers: its heading and one value per row.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestColumn {
    pub header: String,
    /// One per row, in the rows' order.
    pub values: Vec<String>,
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
            subgroups: Vec::new(),
            footer: None,
            column: None,
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
            if let Some(s) = &r.shrunk {
                require_drawable(s.estimate, at, "the shrinkage estimate")?;
                require_drawable_interval(s.lower, s.upper, at, "shrinkage interval")?;
            }
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
        for s in self.summaries() {
            let at = || format!("{}, summary '{}'", here(), s.label);
            require_drawable(s.estimate, at, "the pooled estimate")?;
            require_drawable_interval(s.ci_lower, s.ci_upper, at, "confidence interval")?;
            if let Some((lo, hi)) = s.prediction {
                require_drawable_interval(lo, hi, at, "prediction interval")?;
            }
        }
        let grouped: usize = self.subgroups.iter().map(|g| g.rows).sum();
        if !self.subgroups.is_empty() && grouped != self.rows.len() {
            return Err(Error::input(
                here(),
                format!(
                    "the subgroups hold {grouped} rows but the chart has {}; every row belongs to one subgroup",
                    self.rows.len()
                ),
            ));
        }
        if let Some(c) = &self.column {
            if c.values.len() != self.rows.len() {
                return Err(Error::input(
                    here(),
                    format!(
                        "the column '{}' has {} values but the chart has {} rows; give one per row",
                        c.header,
                        c.values.len(),
                        self.rows.len()
                    ),
                ));
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
                        "{what} is {}; on the log scale ({{field:exp}}) values are shown as exp(value) and must lie between -{limit:.1} and {limit:.1} (ratios from 1e-15 to 1e15)",
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
            if let Some(s) = &r.shrunk {
                check(s.estimate, &at, "the shrinkage estimate")?;
                check(s.lower, &at, "the lower end of the shrinkage interval")?;
                check(s.upper, &at, "the upper end of the shrinkage interval")?;
            }
        }
        for s in self.summaries() {
            let at = || format!("{}, summary '{}'", here(), s.label);
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

    /// The numbers of a row's shrinkage estimate, if it has one.
    fn shrunk_numbers(&self, row: &ForestRow) -> Option<RowNumbers> {
        row.shrunk
            .map(|s| RowNumbers::Interval(self.numbers(s.estimate, s.lower, s.upper)))
    }

    /// Whether any row has a shrinkage estimate (each row then has two lines of numbers).
    fn has_shrinkage(&self) -> bool {
        self.rows.iter().any(|r| r.shrunk.is_some())
    }

    /// The numbers column of a summary (a subgroup's or the pooled model's diamond).
    fn summary_numbers(&self, s: &ForestSummary) -> RowNumbers {
        RowNumbers::Interval(self.numbers(s.estimate, s.ci_lower, s.ci_upper))
    }

    /// Every summary: the subgroups' in order, then the pooled one.
    fn summaries(&self) -> impl Iterator<Item = &ForestSummary> {
        self.subgroups
            .iter()
            .map(|g| &g.summary)
            .chain(self.summary.as_ref())
    }

    /// The texts of the label column, each with whether it is indented (the rows and
    /// summaries of a subgroup sit under its heading).
    fn labels(&self) -> Vec<(&str, bool)> {
        let grouped = !self.subgroups.is_empty();
        self.rows
            .iter()
            .map(|r| (r.label.as_str(), grouped))
            .chain(
                self.subgroups
                    .iter()
                    .map(|g| (g.summary.label.as_str(), true)),
            )
            .chain(self.summary.iter().map(|s| (s.label.as_str(), false)))
            .chain(std::iter::once((self.label_header.as_str(), false)))
            .collect()
    }

    /// Column widths at image width `width`. The plot keeps at least a quarter of the width;
    /// the labels take what they need of the rest and wrap (never cut while a line remains,
    /// up to [`MAX_LABEL_LINES`]). When labels would otherwise wrap, the numbers column may
    /// go onto two lines ("est" over "[lo, hi]"), and the weight column gives its room up
    /// when labels would need more than two lines with it (the squares' areas still show
    /// the weights): of these layouts, the one with the fewest lines per row.
    fn layout(&self, width: i32, style: &Style) -> Layout {
        let tick = style.tick();
        let pad = style.px(10.0);
        let indent = if self.subgroups.is_empty() {
            0
        } else {
            style.px(12.0)
        };
        let mut numbers: Vec<RowNumbers> = self.rows.iter().map(|r| self.row_numbers(r)).collect();
        numbers.extend(self.rows.iter().filter_map(|r| self.shrunk_numbers(r)));
        numbers.extend(self.summaries().map(|s| self.summary_numbers(s)));
        let columns = interval_columns(&numbers, &tick);
        let (one_line, two_lines) = self.number_widths(&numbers, columns, &tick);
        let weight_column = self.weight_column_width(&tick) + pad;
        let has_weight = self.column.is_some() || self.rows.iter().any(|r| r.weight.is_some());
        let min_plot = (width / 4).max(style.px(100.0));
        let labels = self.labels();
        let longest = labels
            .iter()
            .map(|(t, indented)| text_width(t, &tick) + if *indented { indent } else { 0 })
            .max()
            .unwrap_or(0);
        let candidate = |stacked: bool, weight: bool| {
            let number_w = if stacked { two_lines } else { one_line };
            let weight_w = if weight { weight_column } else { 0 };
            let right_w = number_w + weight_w + 2 * pad;
            let room = (width - right_w - min_plot - 2 * pad).max(style.px(60.0));
            let layout = Layout {
                pad,
                indent,
                label_w: longest.min(room),
                columns,
                number_w,
                stacked,
                weight_w,
                right_w,
            };
            let lines = labels
                .iter()
                .map(|(t, indented)| layout.label_lines(t, *indented, &tick).len())
                .max()
                .unwrap_or(1)
                .max(if stacked { 2 } else { 1 });
            (lines, layout)
        };
        let fewest = |choices: &[(bool, bool)]| {
            choices
                .iter()
                .filter(|(stacked, _)| !stacked || two_lines < one_line)
                .map(|&(stacked, weight)| candidate(stacked, weight))
                .reduce(|best, next| if next.0 < best.0 { next } else { best })
        };
        let with_weight = if has_weight {
            fewest(&[(false, true), (true, true)])
        } else {
            None
        };
        let (lines, mut layout) = match with_weight {
            Some(w) if w.0 <= 2 || self.column.is_some() => w,
            _ => {
                let without = fewest(&[(false, false), (true, false)]);
                match (with_weight, without) {
                    (Some(w), Some(wo)) if w.0 <= wo.0 => w,
                    (_, Some(wo)) => wo,
                    (Some(w), None) => w,
                    (None, None) => candidate(false, false),
                }
            }
        };
        // Labels that wrap get the narrowest column that keeps them to those lines: the
        // rest goes to the plot.
        if lines > 1 {
            layout.label_w = narrowest_label_width(&layout, lines, &labels, &tick, style);
        }
        layout
    }

    /// The widest numbers text on one line and stacked on two ("est" over "[lo, hi]"),
    /// with the value header.
    fn number_widths(
        &self,
        numbers: &[RowNumbers],
        columns: IntervalColumns,
        tick: &TextStyle,
    ) -> (i32, i32) {
        let widest_line =
            |lines: &[String]| lines.iter().map(|l| text_width(l, tick)).max().unwrap_or(0);
        let texts = numbers.iter().filter_map(|n| match n {
            RowNumbers::Text(t) => Some(t.as_str()),
            RowNumbers::Interval(_) => None,
        });
        let (mut one_line, mut two_lines) = (columns.total(), columns.stacked());
        for t in texts.chain(std::iter::once(self.value_header.as_str())) {
            one_line = one_line.max(text_width(t, tick));
            two_lines = two_lines.max(widest_line(&stacked_text(t)));
        }
        (one_line, two_lines)
    }

    /// The width of the last column: the chart's own column, or the weights.
    fn weight_column_width(&self, tick: &TextStyle) -> i32 {
        match &self.column {
            Some(c) => c
                .values
                .iter()
                .chain(std::iter::once(&c.header))
                .map(|t| text_width(t, tick))
                .max()
                .unwrap_or(0),
            None => text_width("weight", tick).max(text_width("100.0%", tick)),
        }
    }

    /// The chart's lines from the top (header, subgroup headings, rows, summaries,
    /// heterogeneity lines, footer), each at its natural height: its lines of text and a
    /// small gap. Returns them and their total height.
    fn place(&self, layout: &Layout, width: i32, style: &Style) -> (Vec<Placed<'_>>, i32) {
        let tick = style.tick();
        let note = style.note();
        let lh = line_height(&tick);
        let gap = style.px(4.0);
        let text_w = width - 2 * layout.pad;
        let number_lines = if layout.stacked { 2 } else { 1 };
        // A row with a shrinkage estimate has its numbers under the row's own.
        let row_number_lines = number_lines * if self.has_shrinkage() { 2 } else { 1 };
        let mut lines: Vec<Line> = vec![Line::Header];
        if self.subgroups.is_empty() {
            lines.extend(
                self.rows
                    .iter()
                    .map(|r| Line::Row(r, layout.label_lines(&r.label, false, &tick))),
            );
        } else {
            let mut next = 0;
            for g in &self.subgroups {
                lines.push(Line::Heading(wrap_text(&g.heading, &tick, text_w, 2)));
                let end = (next + g.rows).min(self.rows.len());
                lines.extend(
                    self.rows[next..end]
                        .iter()
                        .map(|r| Line::Row(r, layout.label_lines(&r.label, true, &tick))),
                );
                next = end;
                lines.push(Line::Summary {
                    summary: &g.summary,
                    label: layout.label_lines(&g.summary.label, true, &tick),
                    overall: false,
                });
                if let Some(h) = &g.summary.heterogeneity {
                    lines.push(Line::Note(wrap_text(h, &note, text_w, 3)));
                }
                lines.push(Line::Gap);
            }
        }
        if let Some(s) = &self.summary {
            if self.subgroups.is_empty() {
                lines.push(Line::Gap);
            }
            lines.push(Line::Summary {
                summary: s,
                label: layout.label_lines(&s.label, false, &tick),
                overall: true,
            });
        }
        // The overall heterogeneity line and the footer are footnotes of the whole chart:
        // they go under the x axis and its label (`frame`), not among the rows.
        let mut top = 0;
        let placed = lines
            .into_iter()
            .map(|line| {
                let height = match &line {
                    Line::Header => number_lines * lh + gap,
                    Line::Heading(t) => t.len() as i32 * lh + gap,
                    Line::Row(_, label) => (label.len() as i32).max(row_number_lines) * lh + gap,
                    Line::Summary { label, .. } => {
                        (label.len() as i32).max(number_lines) * lh + gap
                    }
                    Line::Note(t) => t.len() as i32 * line_height(&note) + gap,
                    Line::Gap => lh / 2,
                };
                let p = Placed { line, top, height };
                top += height;
                p
            })
            .collect();
        (placed, top + gap)
    }

    /// The x range drawn: the fixed one, or the intervals (and the null value) padded.
    fn x_range(&self) -> (f64, f64) {
        if let Some(r) = self.x_range {
            return r;
        }
        let e = extent(
            self.rows
                .iter()
                .flat_map(|r| {
                    [r.ci_lower, r.ci_upper]
                        .into_iter()
                        .chain(r.shrunk.into_iter().flat_map(|s| [s.lower, s.upper]))
                })
                .chain(self.summaries().flat_map(|s| {
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

    /// The x axis at image width `width`: the effect's name wrapped under it (free to use
    /// the whole width, two lines, so a long name such as "SMCR: (after − before) / SD
    /// before, Hedges-corrected" is not cut to the plot's width), and on the log scale the
    /// round ratios to tick at.
    fn x_axis(&self, width: i32, style: &Style) -> XAxis {
        let (lo, hi) = self.x_range();
        let pad = style.px(10.0);
        let description = wrap_text(&self.effect_label, &style.axis(), width - 2 * pad, 2);
        let ratio_ticks = if self.exponentiate {
            // Round ratios chosen as every log axis chooses them (style::log_ticks).
            log_ticks(lo.exp(), hi.exp(), MAX_RATIO_TICKS)
        } else {
            Vec::new()
        };
        XAxis {
            lo,
            hi,
            description,
            ratio_ticks,
        }
    }

    /// The axes of the plot, its rows spanning `y`.
    fn axes(&self, x_axis: &XAxis, y: std::ops::Range<f64>) -> Axes<'static> {
        let mut axes = Axes::new(x_axis.lo..x_axis.hi, y, "", "");
        axes.x_label_lines = x_axis.description.len() as i32 + 1;
        axes.y_ticks = false;
        if self.exponentiate {
            axes.x_format = exp_tick;
        }
        if self.own_ticks(x_axis) {
            axes.x_ticks = false;
            axes.x_label_lines += 1;
        }
        axes
    }

    /// Whether the chart draws its x ticks itself: at round values whose labels do not
    /// touch, on a linear axis; at round ratios on the log scale when there are two or more.
    fn own_ticks(&self, x_axis: &XAxis) -> bool {
        !self.exponentiate || x_axis.ratio_ticks.len() >= 2
    }

    /// Height of the plot area that is not rows: the axes' top margin and labels.
    fn axes_height(&self, x_axis: &XAxis, style: &Style) -> i32 {
        style.px(8.0) + self.axes(x_axis, 0.0..1.0).x_area_height(style, 0)
    }

    /// The title and legend around the plot.
    fn frame(&self) -> Frame<'_> {
        let mut legend = Vec::new();
        if self.has_shrinkage() {
            legend.push(LegendEntry::new(
                LegendMark::Square(palette::BLUE),
                "observed estimate",
            ));
            legend.push(LegendEntry::new(
                LegendMark::Point(SHRINKAGE_COLOUR),
                "shrinkage estimate",
            ));
        }
        if !self.subgroups.is_empty() {
            legend.push(LegendEntry::new(
                LegendMark::Diamond(SUBGROUP_COLOUR),
                "subgroup estimate",
            ));
        }
        if let Some(s) = &self.summary {
            legend.push(LegendEntry::new(
                LegendMark::Diamond(palette::VERMILLION),
                s.label.clone(),
            ));
        }
        if self.summaries().any(|s| s.prediction.is_some()) {
            legend.push(LegendEntry::new(
                LegendMark::Line(palette::DARK_GREY),
                "prediction interval",
            ));
        }
        // Footnotes under the axis label: the overall heterogeneity line, then one note per
        // paragraph of the footer (a warning about the intervals is one paragraph).
        let notes = self
            .summary
            .iter()
            .filter_map(|s| s.heterogeneity.clone())
            .chain(
                self.footer
                    .iter()
                    .flat_map(|f| f.split('\n').map(str::to_string)),
            )
            .collect();
        Frame {
            title: &self.title,
            subtitle: Vec::new(),
            legend,
            notes,
        }
    }

    /// The height the chart needs at `size`'s width: every line gets its text, so the image
    /// grows with the number of rows (see [`super::Chart::needed_height`]).
    pub(crate) fn needed_height(&self, size: super::Size, style: &Style) -> u32 {
        let width = size.width as i32;
        let layout = self.layout(width, style);
        let (_, natural) = self.place(&layout, width, style);
        let rest = frame_height(&self.frame(), size.width, style)
            + self.axes_height(&self.x_axis(width, style), style);
        (natural + rest).max(0) as u32
    }

    /// The tallest image the chart uses at `size`'s width: its rows at most MAX_STRETCH
    /// times their natural spacing apart (see [`super::Chart::useful_height`]).
    pub(crate) fn tallest_height(&self, size: super::Size, style: &Style) -> u32 {
        let width = size.width as i32;
        let layout = self.layout(width, style);
        let (_, natural) = self.place(&layout, width, style);
        let axes_h = self.axes_height(&self.x_axis(width, style), style);
        let frame = frame_height(&self.frame(), size.width, style);
        (frame + Self::plot_height_cap(natural, axes_h, style)).max(0) as u32
    }

    /// The plot's height with its lines `natural` pixels high stretched MAX_STRETCH times,
    /// and never under the smallest plot height of a frame.
    fn plot_height_cap(natural: i32, axes_h: i32, style: &Style) -> i32 {
        (axes_h + (f64::from(natural) * MAX_STRETCH).ceil() as i32).max(style.px(MIN_PLOT_PX))
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let (aw, ah) = area.dim_in_pixel();
        let w = aw as i32;
        let layout = self.layout(w, style);
        let (placed, natural) = self.place(&layout, w, style);
        let x_axis = self.x_axis(w, style);
        let axes_h = self.axes_height(&x_axis, style);
        let frame = self.frame();
        // Rows are drawn at most MAX_STRETCH times their natural spacing: a chart of few rows
        // on a taller area is drawn at the height that allows, centred, rather than spreading
        // three rows over the page.
        let tallest =
            frame_height(&frame, aw, style) + Self::plot_height_cap(natural, axes_h, style);
        let centred;
        let area = if ah as i32 > tallest {
            area.fill(&palette::WHITE).map_err(drawing)?;
            let (_, below) = area.split_vertically((ah as i32 - tallest) / 2);
            centred = below.split_vertically(tallest).0;
            &centred
        } else {
            area
        };
        let plot_area = frame.draw(area, style)?;
        let (_, plot_h) = plot_area.dim_in_pixel();

        // The y axis counts natural pixels from the bottom; when the plot is taller than
        // MAX_STRETCH times the lines need (a small chart kept at the smallest plot height),
        // the lines sit in its middle.
        let inner = f64::from((plot_h as i32 - axes_h).max(1));
        let span = f64::from(natural).max(inner / MAX_STRETCH);
        let offset = (span - f64::from(natural)) / 2.0;

        let tick = style.tick();
        let lh = line_height(&tick);
        let left_w = layout.label_w + 2 * layout.pad;
        let (left, rest) = plot_area.split_horizontally(left_w);
        let (middle, right) = rest.split_horizontally((w - left_w - layout.right_w).max(50));
        let (xlo, xhi) = (x_axis.lo, x_axis.hi);

        let mut chart = self.axes(&x_axis, 0.0..span).draw(&middle, style)?;
        let max_weight = self
            .rows
            .iter()
            .filter_map(|r| r.weight)
            .fold(0.0, f64::max);
        let row_px = {
            let (_, a) = pixel_in(&chart, &middle, (xlo, 0.0));
            let (_, b) = pixel_in(&chart, &middle, (xlo, f64::from(lh + style.px(4.0))));
            (a - b).abs()
        };
        let view = RowsView {
            plot_area: &plot_area,
            left: &left,
            middle: &middle,
            right: &right,
            layout,
            x_range: (xlo, xhi),
            span,
            offset,
            lh,
            shrinkage: self.has_shrinkage(),
            max_weight,
            base_side: (f64::from(row_px) * 0.7).min(f64::from(style.px(14.0))),
            style,
        };
        view.draw_axis_description(&chart, &x_axis.description, w)?;
        if self.own_ticks(&x_axis) {
            let ticks = self.own_tick_labels(&chart, &middle, &x_axis, style);
            draw_ticks(&chart, &middle, &ticks, style)?;
        }
        self.draw_null_line(&mut chart, &view, &placed)?;
        for p in &placed {
            match &p.line {
                Line::Row(r, label) => view.draw_row_marks(&mut chart, p, r, label)?,
                Line::Summary {
                    summary: s,
                    overall,
                    ..
                } => view.draw_summary_marks(&mut chart, p, s, *overall)?,
                _ => {}
            }
        }
        // Text columns, aligned with the lines.
        let text = TextColumns {
            chart: &chart,
            view: &view,
        };
        self.draw_text_columns(&text, &placed)
    }

    /// The x ticks the chart draws itself (position, label), in order of priority: round
    /// ratios from the null, 1, outwards on the log scale, else round values.
    fn own_tick_labels<DB: DrawingBackend>(
        &self,
        chart: &Plane<DB>,
        middle: &DrawingArea<DB, Shift>,
        x_axis: &XAxis,
        style: &Style,
    ) -> Vec<(f64, String)> {
        if self.exponentiate {
            // The null, 1, first, then outwards.
            let mut by_priority = x_axis.ratio_ticks.clone();
            by_priority.sort_by(|a, b| a.ln().abs().total_cmp(&b.ln().abs()));
            by_priority
                .into_iter()
                .map(|t| (t.ln(), super::style::tick_number(t)))
                .collect()
        } else {
            linear_ticks(chart, middle, (x_axis.lo, x_axis.hi), style)
        }
    }

    /// Draws the dashed null line through the rows and diamonds, not across headings and
    /// heterogeneity lines, when the null value is on the axis.
    fn draw_null_line<DB: DrawingBackend>(
        &self,
        chart: &mut Plane<DB>,
        view: &RowsView<DB>,
        placed: &[Placed],
    ) -> Result<()> {
        let (xlo, xhi) = view.x_range;
        let style = view.style;
        if let Some(v) = self.null_value {
            if v >= xlo && v <= xhi {
                // Through the rows and diamonds, not across headings and heterogeneity lines.
                for (first, last) in drawn_runs(placed) {
                    chart
                        .draw_series(DashedLineSeries::new(
                            vec![
                                (v, view.y_at(f64::from(last.top + last.height))),
                                (v, view.y_at(f64::from(first.top))),
                            ],
                            style.px(5.0),
                            style.px(4.0),
                            palette::DARK_GREY.stroke_width(style.line(1.0)),
                        ))
                        .map_err(drawing)?;
                }
            }
        }
        Ok(())
    }

    /// Draws the text columns line by line: the headers, subgroup headings, each row's
    /// label, numbers and weight (or own column), the summaries and the notes.
    fn draw_text_columns<DB: DrawingBackend>(
        &self,
        text: &TextColumns<DB>,
        placed: &[Placed],
    ) -> Result<()> {
        let view = text.view;
        let style = view.style;
        let Layout {
            pad,
            indent,
            label_w,
            number_w,
            weight_w,
            right_w,
            stacked,
            ..
        } = view.layout;
        let (left, right, plot_area) = (view.left, view.right, view.plot_area);
        let tick = style.tick();
        let header = style.tick().color(&palette::DARK_GREY);
        let numbers_end = pad + number_w;
        let show_weight = weight_w > 0;
        for p in placed {
            let yv = view.centre(p);
            match &p.line {
                Line::Header => {
                    let y = text.y_of(left, yv);
                    cell(
                        left,
                        y,
                        &fit_text(&self.label_header, &header, label_w),
                        pad,
                        &header,
                        HPos::Left,
                    )?;
                    let value = if stacked {
                        stacked_text(&self.value_header)
                    } else {
                        vec![self.value_header.clone()]
                    };
                    text.block(right, yv, &value, numbers_end, &header, HPos::Right)?;
                    if show_weight {
                        let heading = self.column.as_ref().map_or("weight", |c| &c.header);
                        cell(right, y, heading, right_w - pad, &header, HPos::Right)?;
                    }
                }
                Line::Heading(lines) => text.block(plot_area, yv, lines, pad, &tick, HPos::Left)?,
                Line::Row(r, label) => {
                    let [yl, yo, ys] = view.parts(p, label);
                    let x = pad + if self.subgroups.is_empty() { 0 } else { indent };
                    text.block(left, yl, label, x, &tick, HPos::Left)?;
                    text.numbers(yo, &self.row_numbers(r), &tick)?;
                    if let Some(n) = self.shrunk_numbers(r) {
                        text.numbers(ys, &n, &tick.color(&SHRINKAGE_COLOUR))?;
                    }
                    let own = self.column.as_ref().and_then(|c| {
                        let i = self.rows.iter().position(|x| std::ptr::eq(x, *r))?;
                        c.values.get(i)
                    });
                    if let (Some(own), true) = (own, show_weight) {
                        let y = text.y_of(right, yo);
                        cell(right, y, own, right_w - pad, &tick, HPos::Right)?;
                    } else if let (Some(wt), true) = (r.weight, show_weight) {
                        let y = text.y_of(right, yo);
                        cell(
                            right,
                            y,
                            &format!("{wt:.1}%"),
                            right_w - pad,
                            &tick,
                            HPos::Right,
                        )?;
                    }
                }
                Line::Summary {
                    summary,
                    label,
                    overall,
                } => {
                    let x = pad + if *overall { 0 } else { indent };
                    text.block(left, yv, label, x, &tick, HPos::Left)?;
                    text.numbers(yv, &self.summary_numbers(summary), &tick)?;
                }
                // Heterogeneity and the footer run from the label column across the plot.
                Line::Note(lines) => {
                    text.block(plot_area, yv, lines, pad, &style.note(), HPos::Left)?;
                }
                Line::Gap => {}
            }
        }
        Ok(())
    }
}

/// The drawn plot's areas (labels, plot, numbers), its layout and its y scale (natural
/// pixels from the bottom), with what sizes the rows' squares.
struct RowsView<'v, DB: DrawingBackend> {
    plot_area: &'v DrawingArea<DB, Shift>,
    left: &'v DrawingArea<DB, Shift>,
    middle: &'v DrawingArea<DB, Shift>,
    right: &'v DrawingArea<DB, Shift>,
    layout: Layout,
    x_range: (f64, f64),
    span: f64,
    offset: f64,
    lh: i32,
    shrinkage: bool,
    /// The largest row weight (0 when none has one).
    max_weight: f64,
    /// The side of the square of the largest weight.
    base_side: f64,
    style: &'v Style,
}

impl<DB: DrawingBackend> RowsView<'_, DB> {
    /// The y value of a point `from_top` natural pixels below the top of the rows.
    fn y_at(&self, from_top: f64) -> f64 {
        self.span - self.offset - from_top
    }

    /// The y value of a line's middle.
    fn centre(&self, p: &Placed) -> f64 {
        self.y_at(f64::from(p.top) + f64::from(p.height) / 2.0)
    }

    /// The y values of a row's label, own interval and shrinkage estimate (see
    /// [`row_centres`]).
    fn parts(&self, p: &Placed, label: &[String]) -> [f64; 3] {
        let number_lines = if self.layout.stacked { 2 } else { 1 };
        let [label, own, shrunk] =
            row_centres(p, label.len(), number_lines, self.shrinkage, self.lh);
        [self.y_at(label), self.y_at(own), self.y_at(shrunk)]
    }

    /// Draws the effect's name under the axis, centred under the plot but kept on the image.
    fn draw_axis_description(
        &self,
        chart: &Plane<DB>,
        description: &[String],
        w: i32,
    ) -> Result<()> {
        let (style, pad) = (self.style, self.layout.pad);
        let axis_style = style.axis();
        let (plot_left, _, plot_right, plot_bottom) =
            super::style::plot_rect(chart, self.plot_area);
        let half = description
            .iter()
            .map(|l| text_width(l, &axis_style))
            .max()
            .unwrap_or(0)
            / 2;
        let centre =
            ((plot_left + plot_right) / 2).clamp(pad + half, (w - pad - half).max(pad + half));
        put_lines(
            self.plot_area,
            description,
            (centre, plot_bottom + self.lh + style.px(8.0)),
            &axis_style,
            HPos::Center,
            VPos::Top,
        )
    }

    /// Draws a row's shrinkage interval and point (if any), its interval and its square,
    /// sized by its weight.
    fn draw_row_marks(
        &self,
        chart: &mut Plane<DB>,
        p: &Placed,
        r: &ForestRow,
        label: &[String],
    ) -> Result<()> {
        let (style, middle) = (self.style, self.middle);
        let (xlo, xhi) = self.x_range;
        let clamp = |v: f64| v.clamp(xlo, xhi);
        let [_, yi, ys] = self.parts(p, label);
        if let Some(s) = &r.shrunk {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(clamp(s.lower), ys), (clamp(s.upper), ys)],
                    SHRINKAGE_COLOUR.stroke_width(style.line(1.5)),
                )))
                .map_err(drawing)?;
            if s.estimate >= xlo && s.estimate <= xhi {
                let (px, py) = pixel_in(chart, middle, (s.estimate, ys));
                middle
                    .draw(&Circle::new(
                        (px, py),
                        style.px(3.5),
                        SHRINKAGE_COLOUR.filled(),
                    ))
                    .map_err(drawing)?;
            }
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(clamp(r.ci_lower), yi), (clamp(r.ci_upper), yi)],
                palette::BLACK.stroke_width(style.line(1.5)),
            )))
            .map_err(drawing)?;
        let side = match (r.weight, self.max_weight > 0.0) {
            (Some(wt), true) => self.base_side * (wt / self.max_weight).sqrt(),
            _ => self.base_side * 0.6,
        }
        .max(f64::from(style.px(3.0)));
        if r.estimate >= xlo && r.estimate <= xhi {
            let (px, py) = pixel_in(chart, middle, (r.estimate, yi));
            let half = (side / 2.0).round() as i32;
            middle
                .draw(&Rectangle::new(
                    [(px - half, py - half), (px + half, py + half)],
                    palette::BLUE.filled(),
                ))
                .map_err(drawing)?;
        }
        Ok(())
    }

    /// Draws a summary's prediction interval (if any) and its diamond.
    fn draw_summary_marks(
        &self,
        chart: &mut Plane<DB>,
        p: &Placed,
        s: &ForestSummary,
        overall: bool,
    ) -> Result<()> {
        let (style, middle) = (self.style, self.middle);
        let (xlo, xhi) = self.x_range;
        let clamp = |v: f64| v.clamp(xlo, xhi);
        let yi = self.centre(p);
        if let Some((lo, hi)) = s.prediction {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(clamp(lo), yi), (clamp(hi), yi)],
                    palette::DARK_GREY.stroke_width(style.line(2.0)),
                )))
                .map_err(drawing)?;
        }
        // The diamond's height is fixed in pixels, whatever the row height.
        let half = style.px(7.0);
        let at = |v: f64| pixel_in(chart, middle, (clamp(v), yi));
        let ((x0, cy), (xm, _), (x1, _)) = (at(s.ci_lower), at(s.estimate), at(s.ci_upper));
        let colour = if overall {
            palette::VERMILLION
        } else {
            SUBGROUP_COLOUR
        };
        middle
            .draw(&Polygon::new(
                vec![(x0, cy), (xm, cy - half), (x1, cy), (xm, cy + half)],
                colour.filled(),
            ))
            .map_err(drawing)
    }
}

/// The drawn plane with the rows' view: what places text beside the lines.
struct TextColumns<'v, 'c, DB: DrawingBackend> {
    chart: &'v Plane<'c, DB>,
    view: &'v RowsView<'v, DB>,
}

impl<DB: DrawingBackend> TextColumns<'_, '_, DB> {
    /// The pixel row in `area` of the y value `yv`.
    fn y_of(&self, area: &DrawingArea<DB, Shift>, yv: f64) -> i32 {
        pixel_in(self.chart, area, (self.view.x_range.0, yv)).1
    }

    /// Draws `lines` centred as a block on the y value `yv`.
    fn block(
        &self,
        area: &DrawingArea<DB, Shift>,
        yv: f64,
        lines: &[String],
        x: i32,
        style: &TextStyle,
        hpos: HPos,
    ) -> Result<()> {
        let top = centred_top(self.y_of(area, yv), lines.len(), style);
        put_lines(area, lines, (x, top), style, hpos, VPos::Center)
    }

    /// Draws a line's numbers in the numbers column: "est [lo, hi]" aligned on the brackets,
    /// on one line or two, or the row's own text.
    fn numbers(&self, yv: f64, numbers: &RowNumbers, tick: &TextStyle) -> Result<()> {
        let right = self.view.right;
        let Layout {
            pad,
            number_w,
            stacked,
            columns: c,
            ..
        } = self.view.layout;
        let numbers_end = pad + number_w;
        let lh = self.view.lh;
        let tick = tick.clone();
        let y = self.y_of(right, yv);
        match (numbers, stacked) {
            (RowNumbers::Text(t), false) => cell(right, y, t, numbers_end, &tick, HPos::Right),
            (RowNumbers::Text(t), true) => {
                self.block(right, yv, &stacked_text(t), numbers_end, &tick, HPos::Right)
            }
            (RowNumbers::Interval([e, lo, hi]), false) => {
                // Right-aligned in sub-columns, so the brackets and commas line up.
                let x0 = numbers_end - c.total();
                let lo_end = x0 + c.estimate + c.gap + c.lower;
                let hi_end = lo_end + c.comma + c.upper;
                cell(right, y, e, x0 + c.estimate, &tick, HPos::Right)?;
                cell(right, y, "[", x0 + c.estimate + c.gap, &tick, HPos::Right)?;
                cell(right, y, lo, lo_end, &tick, HPos::Right)?;
                cell(right, y, ",", lo_end, &tick, HPos::Left)?;
                cell(right, y, hi, hi_end, &tick, HPos::Right)?;
                cell(right, y, "]", hi_end, &tick, HPos::Left)
            }
            (RowNumbers::Interval([e, lo, hi]), true) => {
                // The estimate over "[lo, hi]", its last digit over the lower end's.
                let top = centred_top(y, 2, &tick);
                let x0 = numbers_end - c.bracketed();
                let lo_end = x0 + c.open + c.lower;
                let hi_end = lo_end + c.comma + c.upper;
                let y2 = top + lh;
                cell(right, top, e, lo_end, &tick, HPos::Right)?;
                cell(right, y2, "[", x0 + c.open, &tick, HPos::Right)?;
                cell(right, y2, lo, lo_end, &tick, HPos::Right)?;
                cell(right, y2, ",", lo_end, &tick, HPos::Left)?;
                cell(right, y2, hi, hi_end, &tick, HPos::Right)?;
                cell(right, y2, "]", hi_end, &tick, HPos::Left)
            }
        }
    }
}

/// Draws one line of text vertically centred on pixel row `y`.
fn cell<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    y: i32,
    text: &str,
    x: i32,
    style: &TextStyle,
    hpos: HPos,
) -> Result<()> {
    put_text(area, text, (x, y), style, hpos, VPos::Center)
}

/// The x ticks `ticks` (position, label), in order of priority: each left out when its
/// label would touch one kept before it; with their grid lines and the axis line.
fn draw_ticks<DB: DrawingBackend>(
    chart: &super::style::Plane<DB>,
    middle: &DrawingArea<DB, Shift>,
    ticks: &[(f64, String)],
    style: &Style,
) -> Result<()> {
    let (left, top, right, bottom) = super::style::plot_rect(chart, middle);
    middle
        .draw(&PathElement::new(
            vec![(left, bottom), (right, bottom)],
            palette::DARK_GREY.stroke_width(style.line(1.0)),
        ))
        .map_err(drawing)?;
    let gap = style.px(8.0);
    let mut kept: Vec<(i32, i32)> = Vec::new();
    let x_of = |v: f64| pixel_in(chart, middle, (v, 0.0)).0;
    let mut shown = Vec::new();
    for (v, label) in ticks {
        let px = x_of(*v);
        let half = text_width(label, &style.tick()) / 2;
        if kept.iter().all(|(x, h)| (px - x).abs() >= half + h + gap) {
            kept.push((px, half));
            shown.push((px, label));
        }
    }
    for (px, label) in shown {
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
            middle,
            label,
            (px, bottom + style.px(6.0)),
            &style.tick(),
            HPos::Center,
            VPos::Top,
        )?;
    }
    Ok(())
}

/// Ticks at round values (1, 2 or 5 times a power of ten apart) on the linear x axis from
/// `lo` to `hi`: the finest step whose labels do not touch at the plot's width, about one
/// tick per 70 px at most (as the other charts' axes).
fn linear_ticks<DB: DrawingBackend>(
    chart: &super::style::Plane<DB>,
    middle: &DrawingArea<DB, Shift>,
    (lo, hi): (f64, f64),
    style: &Style,
) -> Vec<(f64, String)> {
    let gap = style.px(8.0);
    let least = style.px(70.0);
    let tick = style.tick();
    let x_of = |v: f64| pixel_in(chart, middle, (v, 0.0)).0;
    let mut power = 10f64.powf(((hi - lo) / 10.0).log10().floor());
    let mut fallback = Vec::new();
    for _ in 0..6 {
        for m in [1.0, 2.0, 5.0] {
            let step = power * m;
            let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
            if last - first > 40 {
                continue;
            }
            let ticks: Vec<(f64, String)> = (first..=last)
                .map(|i| {
                    let v = i as f64 * step;
                    (v, super::style::tick_number(v))
                })
                .collect();
            let apart = ticks.windows(2).all(|p| {
                let half = |t: &(f64, String)| text_width(&t.1, &tick) / 2;
                x_of(p[1].0) - x_of(p[0].0) >= (half(&p[0]) + half(&p[1]) + gap).max(least)
            });
            if apart && ticks.len() >= 2 {
                return ticks;
            }
            if ticks.len() == 1 {
                fallback = ticks;
            }
        }
        power *= 10.0;
    }
    fallback
}

/// The first and last line of each run of rows and diamonds (gaps inside a run belong to
/// it; headings, heterogeneity lines and the header end it).
fn drawn_runs<'p, 'a>(placed: &'p [Placed<'a>]) -> Vec<(&'p Placed<'a>, &'p Placed<'a>)> {
    let mut runs = Vec::new();
    let mut run: Option<(&Placed, &Placed)> = None;
    for p in placed {
        match p.line {
            Line::Row(..) | Line::Summary { .. } => {
                run = Some(match run {
                    Some((first, _)) => (first, p),
                    None => (p, p),
                });
            }
            Line::Gap => {}
            _ => runs.extend(run.take()),
        }
    }
    runs.extend(run);
    runs
}

/// The height a frame's title and legend take at image width `width`. The frame lays itself
/// out as it draws, so it is drawn once on a scratch canvas taller than any chart and the
/// plot area it leaves is measured.
pub(crate) fn frame_height(frame: &Frame, width: u32, style: &Style) -> i32 {
    const SCRATCH: u32 = 2 * super::Size::MAX;
    let mut scratch = String::new();
    let area = SVGBackend::with_string(&mut scratch, (width, SCRATCH)).into_drawing_area();
    // Bound to a name so the drawing area's borrow of `scratch` ends before it does.
    #[allow(clippy::let_and_return)]
    let height = match frame.draw(&area, style) {
        Ok(plot) => SCRATCH as i32 - plot.dim_in_pixel().1 as i32,
        // Drawing into memory does not fail but through a font problem, which the real
        // drawing reports.
        Err(_) => 0,
    };
    height
}

/// `text` on two lines for a narrow numbers column: split before its interval ("5/7 =
/// The widths of the interval numbers' parts: the widest estimate, lower and upper bound,
/// and the brackets and separators between them.
fn interval_columns(numbers: &[RowNumbers], tick: &TextStyle) -> IntervalColumns {
    let widest = |part: usize| {
        numbers
            .iter()
            .filter_map(|n| match n {
                RowNumbers::Interval(p) => Some(text_width(&p[part], tick)),
                RowNumbers::Text(_) => None,
            })
            .max()
            .unwrap_or(0)
    };
    IntervalColumns {
        estimate: widest(0),
        gap: text_width(" [", tick),
        open: text_width("[", tick),
        lower: widest(1),
        comma: text_width(", ", tick),
        upper: widest(2),
        close: text_width("]", tick),
    }
}

/// The narrowest label column (at least 40 pt, at most `layout`'s) that keeps every label
/// to `lines` lines without cutting a word.
fn narrowest_label_width(
    layout: &Layout,
    lines: usize,
    labels: &[(&str, bool)],
    tick: &TextStyle,
    style: &Style,
) -> i32 {
    let fits = |label_w: i32| {
        let narrower = Layout { label_w, ..*layout };
        labels.iter().all(|(t, indented)| {
            let wrapped = narrower.label_lines(t, *indented, tick);
            wrapped.len() <= lines && uncut(&wrapped, t)
        })
    };
    let (mut lo, mut hi) = (style.px(40.0).min(layout.label_w), layout.label_w);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// 71.4%" over "[29.0, 96.3]"), else at the middle space; one line when it has no space.
fn stacked_text(text: &str) -> Vec<String> {
    let at = text.rfind(" [").or_else(|| {
        let middle = text.len() / 2;
        text.match_indices(' ')
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(middle))
    });
    match at {
        Some(i) if i > 0 => vec![text[..i].to_string(), text[i + 1..].to_string()],
        _ => vec![text.to_string()],
    }
}

/// Whether `lines` hold every word of `text` (nothing cut with "…").
fn uncut(lines: &[String], text: &str) -> bool {
    let words = |t: &str| {
        t.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    words(&lines.join(" ")) == words(text)
}

/// Where a row's parts sit, in natural pixels from the top of the rows: the centres of its
/// label, of its own interval and numbers, and of its shrinkage estimate's. Without shrinkage
/// estimates all three are the row's middle; with them the row's lines of text are centred in
/// it, the label from the first line down, the row's own numbers on the first line(s)
/// (`number_lines` each) and the shrinkage estimate's under them.
fn row_centres(
    p: &Placed,
    label_lines: usize,
    number_lines: i32,
    shrinkage: bool,
    lh: i32,
) -> [f64; 3] {
    let middle = f64::from(p.top) + f64::from(p.height) / 2.0;
    if !shrinkage {
        return [middle; 3];
    }
    let lines = (label_lines as i32).max(2 * number_lines);
    let first = f64::from(p.top) + f64::from(p.height - lines * lh) / 2.0;
    let lh = f64::from(lh);
    [
        first + label_lines as f64 * lh / 2.0,
        first + f64::from(number_lines) * lh / 2.0,
        first + 1.5 * f64::from(number_lines) * lh,
    ]
}

/// The colour of a shrinkage estimate's interval, point and numbers.
const SHRINKAGE_COLOUR: RGBColor = palette::BLUISH_GREEN;

/// The colour of a subgroup's diamond (the pooled one is vermillion).
const SUBGROUP_COLOUR: RGBColor = palette::BLUISH_GREEN;

/// A label wraps onto at most this many lines; only a longer one is cut.
const MAX_LABEL_LINES: usize = 6;

/// Lines are drawn at most this many times their natural spacing apart (a row's text and
/// 4 px, about 21 px for one line at 96 dpi: at most about 32 px, 24 pt).
const MAX_STRETCH: f64 = 1.5;

/// One line of the chart, top to bottom.
enum Line<'a> {
    /// The column headings.
    Header,
    /// A subgroup's heading, wrapped.
    Heading(Vec<String>),
    /// A row and its wrapped label.
    Row(&'a ForestRow, Vec<String>),
    /// A diamond: a subgroup's model or the pooled one.
    Summary {
        summary: &'a ForestSummary,
        label: Vec<String>,
        overall: bool,
    },
    /// A heterogeneity line or the footer, wrapped, across the chart.
    Note(Vec<String>),
    /// Half a line of space.
    Gap,
}

/// A line with its top and height in natural pixels from the top of the rows.
struct Placed<'a> {
    line: Line<'a>,
    top: i32,
    height: i32,
}

/// The x axis of a forest plot.
struct XAxis {
    lo: f64,
    hi: f64,
    /// The effect's name, wrapped, under the axis.
    description: Vec<String>,
    /// Round ratios on the log scale (ticks are these when there are two or more).
    ratio_ticks: Vec<f64>,
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
    open: i32,
    lower: i32,
    comma: i32,
    upper: i32,
    close: i32,
}

impl IntervalColumns {
    /// "est [lo, hi]" on one line.
    fn total(&self) -> i32 {
        self.estimate + self.gap + self.lower + self.comma + self.upper + self.close
    }

    /// "[lo, hi]".
    fn bracketed(&self) -> i32 {
        self.open + self.lower + self.comma + self.upper + self.close
    }

    /// The estimate over "[lo, hi]", its right end over the lower end's.
    fn stacked(&self) -> i32 {
        self.bracketed()
            .max(self.estimate + self.comma + self.upper + self.close)
    }
}

/// Column widths of a forest plot at one image width.
#[derive(Debug, Clone, Copy)]
struct Layout {
    pad: i32,
    /// Indent of the rows and diamonds under a subgroup's heading.
    indent: i32,
    label_w: i32,
    columns: IntervalColumns,
    number_w: i32,
    /// The numbers column on two lines.
    stacked: bool,
    weight_w: i32,
    right_w: i32,
}

impl Layout {
    /// A label wrapped to the label column.
    fn label_lines(&self, text: &str, indented: bool, tick: &TextStyle) -> Vec<String> {
        let indent = if indented { self.indent } else { 0 };
        wrap_text(text, tick, self.label_w - indent, MAX_LABEL_LINES)
    }
}

/// At most this many round ratios on a forest's log axis (labels that would touch are
/// dropped when drawn).
const MAX_RATIO_TICKS: usize = 9;

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
    }

    #[test]
    fn numbers_go_onto_two_lines_before_their_interval() {
        assert_eq!(
            stacked_text("5/7 = 71.4% [29.0, 96.3]"),
            ["5/7 = 71.4%", "[29.0, 96.3]"]
        );
        assert_eq!(stacked_text("estimate [95% CI]"), ["estimate", "[95% CI]"]);
        assert_eq!(stacked_text("weight"), ["weight"]);
    }

    #[test]
    fn subgroups_must_hold_every_row() {
        let summary = ForestSummary {
            label: "RE model for subgroup".into(),
            estimate: 0.1,
            ci_lower: 0.0,
            ci_upper: 0.2,
            prediction: None,
            heterogeneity: None,
        };
        let mut f = ForestChart::new("t", "x", vec![ForestRow::new("a", 0.1, 0.0, 0.2); 3]);
        f.subgroups = vec![ForestSubgroup {
            heading: "g = 1".into(),
            rows: 2,
            summary,
        }];
        let e = f.validate().unwrap_err().to_string();
        assert!(
            e.contains("the subgroups hold 2 rows but the chart has 3"),
            "{e}"
        );
        f.subgroups[0].rows = 3;
        assert!(f.validate().is_ok());
    }
}
