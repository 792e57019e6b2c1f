//! Look and layout shared by every chart: font sizes in points and margins converted at the
//! canvas's resolution, text measuring and wrapping, the frame (title, subtitle, legend,
//! notes) around a plot, and the axes.

pub use super::font::{FONT_FAMILY, register_font};
use super::font::{advance_width, em_px, em_to_plotters};
use super::palette;
use super::{Canvas, drawing};
use crate::error::{Error, Result};
use plotters::chart::{ChartBuilder, ChartContext};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// The smallest text any chart draws, in pixels per em at 96 dpi (8.25 pt): panel cells and
/// crowded columns shrink their text to this and no further.
pub const MIN_TEXT_PX: f64 = 11.0;

/// Sizes for one canvas: every length and font size is a base value in pixels at 96 dpi
/// (1 px = 0.75 pt) times `scale` = dpi / 96. The image size does not change the text: a
/// larger image gives the layout more room.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Pixels per 96-dpi pixel: the canvas's dpi / 96.
    pub scale: f64,
    /// Multiplier on font sizes (below 1 in the cells of a panel), never taking text under
    /// [`MIN_TEXT_PX`].
    pub text_factor: f64,
}

impl Style {
    /// The style for `canvas`.
    pub fn for_canvas(canvas: Canvas) -> Style {
        Style {
            scale: canvas.dpi / Canvas::DEFAULT_DPI,
            text_factor: 1.0,
        }
    }

    /// The same style with text `factor` times smaller or larger (for the cells of a panel),
    /// never under [`MIN_TEXT_PX`].
    pub fn shrunk(self, factor: f64) -> Style {
        Style {
            text_factor: self.text_factor * factor,
            ..self
        }
    }

    /// A length in pixels: `base` pixels at 96 dpi.
    pub fn px(&self, base: f64) -> i32 {
        (base * self.scale).round().max(1.0) as i32
    }

    /// A line width in pixels: `base` at 96 dpi, never below 1.
    pub fn line(&self, base: f64) -> u32 {
        (base * self.scale).round().max(1.0) as u32
    }

    /// Text of `base` pixels per em at 96 dpi (times the text factor, at least
    /// [`MIN_TEXT_PX`]).
    fn text(&self, base: f64) -> TextStyle<'static> {
        let em = (base * self.text_factor).max(MIN_TEXT_PX) * self.scale;
        TextStyle::from((FONT_FAMILY, em_to_plotters(em)).into_font()).color(&palette::BLACK)
    }

    /// Chart title.
    pub fn title(&self) -> TextStyle<'static> {
        self.text(18.0)
    }
    /// Subtitle (sample size, bar kind).
    pub fn subtitle(&self) -> TextStyle<'static> {
        self.text(13.5).color(&palette::DARK_GREY)
    }
    /// Axis descriptions.
    pub fn axis(&self) -> TextStyle<'static> {
        self.text(14.0)
    }
    /// Tick labels, category labels, column text.
    pub fn tick(&self) -> TextStyle<'static> {
        self.text(13.0)
    }
    /// Legend entries.
    pub fn legend(&self) -> TextStyle<'static> {
        self.text(13.0)
    }
    /// Annotations inside the plot (value labels, gap labels).
    pub fn note(&self) -> TextStyle<'static> {
        self.text(12.0).color(&palette::DARK_GREY)
    }
}

/// Width in pixels of `text` in `style` (the font's advance widths and kerning), rounded up.
pub fn text_width(text: &str, style: &TextStyle) -> i32 {
    advance_width(text, em_px(style)).ceil() as i32
}

/// Height in pixels of one line of text in `style` (1.25 em).
pub fn line_height(style: &TextStyle) -> i32 {
    (em_px(style) * 1.25).ceil() as i32
}

/// `text` cut to at most `max_width` pixels, ending in "…" when cut.
pub fn fit_text(text: &str, style: &TextStyle, max_width: i32) -> String {
    if text_width(text, style) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let candidate: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if text_width(&candidate, style) <= max_width {
            return candidate;
        }
    }
    String::new()
}

/// `text` wrapped at spaces into at most `max_lines` lines of at most `max_width` pixels;
/// the last line is cut with "…" if the text does not fit.
pub fn wrap_text(text: &str, style: &TextStyle, max_width: i32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // Words break at ordinary spaces only: a no-break space (U+00A0) keeps "p < 0.001" whole.
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || text_width(&candidate, style) <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        let rest = lines[max_lines.max(1) - 1..].join(" ");
        lines.truncate(max_lines.max(1) - 1);
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|l| fit_text(&l, style, max_width))
        .collect()
}

/// Draw `text` at `pos` (pixels relative to `area`) anchored by `h` and `v`.
pub fn put_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    pos: (i32, i32),
    style: &TextStyle,
    h: HPos,
    v: VPos,
) -> Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    area.draw(&Text::new(text.to_string(), pos, style.pos(Pos::new(h, v))))
        .map_err(drawing)
}

/// Draw `lines` one under another, the first at `pos` (anchored by `h` and `v`), each a
/// line height below the last: wrapped labels, stacked captions.
pub fn put_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[String],
    pos: (i32, i32),
    style: &TextStyle,
    h: HPos,
    v: VPos,
) -> Result<()> {
    let lh = line_height(style);
    for (j, line) in lines.iter().enumerate() {
        put_text(area, line, (pos.0, pos.1 + j as i32 * lh), style, h, v)?;
    }
    Ok(())
}

/// The top line's y for `count` lines of `style` centred on `y`.
pub fn centred_top(y: i32, count: usize, style: &TextStyle) -> i32 {
    y - line_height(style) * (count.max(1) as i32 - 1) / 2
}

/// How a legend entry is drawn next to its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendMark {
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    DashedLine(RGBColor),
    /// A point with a vertical error bar through it.
    PointWithBar(RGBColor),
    /// A filled circle.
    Point(RGBColor),
    /// An open circle (an imputed, not an observed, point).
    HollowPoint(RGBColor),
    /// A filled square.
    Square(RGBColor),
    /// A filled diamond.
    Diamond(RGBColor),
    /// A short vertical dashed line (a marker at a point in time).
    VerticalDashed(RGBColor),
    /// Three squares side by side, light to dark (the significance contours of a funnel
    /// plot, one entry for the three).
    Shades([RGBColor; 3]),
}

/// One legend entry: a mark and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub mark: LegendMark,
    pub label: String,
}

impl LegendEntry {
    pub fn new(mark: LegendMark, label: impl Into<String>) -> Self {
        LegendEntry {
            mark,
            label: label.into(),
        }
    }
}

/// The smallest height of a plot under its frame, in pixels at 96 dpi: when the title, legend
/// and notes leave less, the image is drawn taller (see [`take_shortfall`]).
pub const MIN_PLOT_PX: f64 = 190.0;

thread_local! {
    static SHORTFALL: std::cell::Cell<i32> = const { std::cell::Cell::new(0) };
}

/// Record that a frame's plot fell `pixels` short of [`MIN_PLOT_PX`] (ignored when ≤ 0).
fn note_shortfall(pixels: i32) {
    SHORTFALL.with(|s| s.set(s.get().max(pixels)));
}

/// Record that a plot of `have` pixels high needs `needed` (a grid of small charts, each
/// needing its height): the image is drawn taller by the difference (see [`take_shortfall`]).
pub fn need_plot_height(needed: i32, have: i32) {
    note_shortfall(needed - have);
}

/// The largest shortfall recorded on this thread since the last call, cleared: the renderer
/// draws a chart, and if its text left a plot too little height, draws it again that much
/// taller, so a small image grows rather than squeezing the data into a sliver.
pub fn take_shortfall() -> i32 {
    SHORTFALL.with(|s| s.replace(0))
}

/// Draw once on scratch paper the size of `area` and return what `draw` reports (how many
/// labels found a place, say), leaving the recorded shortfall as it was before. Charts that
/// place labels greedily use it to learn, before drawing for real, whether a note must say
/// that some labels were left off.
pub fn dry_run<DB: DrawingBackend, T>(
    area: &DrawingArea<DB, Shift>,
    draw: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<T>,
) -> Result<T> {
    let earlier = take_shortfall();
    let mut scratch = String::new();
    let outcome = {
        let paper = SVGBackend::with_string(&mut scratch, area.dim_in_pixel()).into_drawing_area();
        draw(&paper)
    };
    take_shortfall();
    need_plot_height(earlier, 0);
    outcome
}

/// The text around a plot: title and subtitle above, legend and notes below.
#[derive(Debug, Clone, Default)]
pub struct Frame<'a> {
    pub title: &'a str,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    pub legend: Vec<LegendEntry>,
    /// Footnotes under the legend.
    pub notes: Vec<String>,
}

impl Frame<'_> {
    /// Fill `area` white, draw the title, subtitle, legend and notes, and return the area left
    /// for the plot. The legend sits under the plot, so it never covers data.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<DrawingArea<DB, Shift>> {
        area.fill(&palette::WHITE).map_err(drawing)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let pad = style.px(10.0);
        let inner = (w - 2 * pad).max(10);

        let title_style = style.title();
        let title_lines = wrap_text(self.title, &title_style, inner, 3);
        let sub_style = style.subtitle();
        let sub_lines: Vec<String> = self
            .subtitle
            .iter()
            .flat_map(|s| wrap_text(s, &sub_style, inner, 2))
            .filter(|s| !s.is_empty())
            .collect();
        let mut y = pad;
        for line in title_lines.iter().filter(|l| !l.is_empty()) {
            put_text(
                area,
                line,
                (w / 2, y),
                &title_style,
                HPos::Center,
                VPos::Top,
            )?;
            y += line_height(&title_style);
        }
        for line in &sub_lines {
            put_text(area, line, (w / 2, y), &sub_style, HPos::Center, VPos::Top)?;
            y += line_height(&sub_style);
        }
        let top = y + style.px(4.0);

        let legend_rows = self.legend_rows(style, inner);
        let legend_style = style.legend();
        let note_style = style.note();
        let note_lines: Vec<String> = self
            .notes
            .iter()
            .flat_map(|s| wrap_text(s, &note_style, inner, 3))
            .collect();
        let bottom_h = legend_rows.len() as i32 * (line_height(&legend_style) + style.px(3.0))
            + note_lines.len() as i32 * line_height(&note_style)
            + if legend_rows.is_empty() && note_lines.is_empty() {
                0
            } else {
                pad + style.px(6.0)
            };
        let mut y = h - bottom_h + style.px(6.0);
        for row in &legend_rows {
            let row_w: i32 = row.iter().map(|(_, wid)| *wid).sum();
            let mut x = (w - row_w) / 2;
            let mid = y + line_height(&legend_style) / 2;
            for (entry, wid) in row {
                draw_legend_mark(area, style, entry.mark, (x, mid))?;
                put_text(
                    area,
                    &entry.label,
                    (x + style.px(30.0), mid),
                    &legend_style,
                    HPos::Left,
                    VPos::Center,
                )?;
                x += wid;
            }
            y += line_height(&legend_style) + style.px(3.0);
        }
        for line in &note_lines {
            put_text(area, line, (w / 2, y), &note_style, HPos::Center, VPos::Top)?;
            y += line_height(&note_style);
        }
        let plot_h = (h - bottom_h - top).max(10);
        note_shortfall(style.px(MIN_PLOT_PX) - plot_h);
        let (_, rest) = area.split_vertically(top);
        let (plot, _) = rest.split_vertically(plot_h);
        Ok(plot)
    }

    /// Legend entries packed into rows no wider than `max_width`, each with its width.
    fn legend_rows(&self, style: &Style, max_width: i32) -> Vec<Vec<(LegendEntry, i32)>> {
        let legend_style = style.legend();
        let mut rows: Vec<Vec<(LegendEntry, i32)>> = Vec::new();
        let mut row_w = 0;
        for entry in &self.legend {
            let label = fit_text(&entry.label, &legend_style, max_width - style.px(50.0));
            let wid = style.px(30.0) + text_width(&label, &legend_style) + style.px(22.0);
            if rows.is_empty() || row_w + wid > max_width {
                rows.push(Vec::new());
                row_w = 0;
            }
            row_w += wid;
            if let Some(row) = rows.last_mut() {
                row.push((LegendEntry::new(entry.mark, label), wid));
            }
        }
        rows
    }
}

/// Draw a legend mark whose left edge is at `at.0`, centred vertically on `at.1`.
fn draw_legend_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    mark: LegendMark,
    at: (i32, i32),
) -> Result<()> {
    let (x, y) = at;
    let len = style.px(24.0);
    let r = style.px(4.0);
    let cx = x + len / 2;
    let result = match mark {
        LegendMark::Line(c) => area.draw(&PathElement::new(
            vec![(x, y), (x + len, y)],
            c.stroke_width(style.line(2.5)),
        )),
        LegendMark::DashedLine(c) => {
            let d = len / 5;
            area.draw(&PathElement::new(
                vec![(x, y), (x + 2 * d, y)],
                c.stroke_width(style.line(2.0)),
            ))
            .and_then(|_| {
                area.draw(&PathElement::new(
                    vec![(x + 3 * d, y), (x + len, y)],
                    c.stroke_width(style.line(2.0)),
                ))
            })
        }
        LegendMark::PointWithBar(c) => area
            .draw(&PathElement::new(
                vec![(cx, y - 2 * r), (cx, y + 2 * r)],
                c.stroke_width(style.line(1.5)),
            ))
            .and_then(|_| area.draw(&Circle::new((cx, y), r, c.filled()))),
        LegendMark::Point(c) => area.draw(&Circle::new((cx, y), r, c.filled())),
        LegendMark::HollowPoint(c) => {
            area.draw(&Circle::new((cx, y), r, c.stroke_width(style.line(1.5))))
        }
        LegendMark::Square(c) => area.draw(&Rectangle::new(
            [(cx - 2 * r, y - r - r / 2), (cx + 2 * r, y + r + r / 2)],
            c.filled(),
        )),
        LegendMark::VerticalDashed(c) => {
            let h = 2 * r + 2;
            let seg = (h / 3).max(1);
            area.draw(&PathElement::new(
                vec![(cx, y - h), (cx, y - h + seg)],
                c.stroke_width(style.line(2.0)),
            ))
            .and_then(|_| {
                area.draw(&PathElement::new(
                    vec![(cx, y - seg / 2), (cx, y + seg / 2)],
                    c.stroke_width(style.line(2.0)),
                ))
            })
            .and_then(|_| {
                area.draw(&PathElement::new(
                    vec![(cx, y + h - seg), (cx, y + h)],
                    c.stroke_width(style.line(2.0)),
                ))
            })
        }
        LegendMark::Shades(colours) => {
            let side = len / 3;
            colours.iter().enumerate().try_for_each(|(i, c)| {
                let x0 = x + i as i32 * side;
                area.draw(&Rectangle::new(
                    [(x0, y - r - r / 2), (x0 + side, y + r + r / 2)],
                    c.filled(),
                ))
            })
        }
        LegendMark::Diamond(c) => area.draw(&Polygon::new(
            vec![(x, y), (cx, y - r - 1), (x + len, y), (cx, y + r + 1)],
            c.filled(),
        )),
    };
    result.map_err(drawing)
}

/// A plot with numeric axes.
pub type Plane<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What the axes of a [`Plane`] show.
pub struct Axes<'a> {
    pub x: Range<f64>,
    pub y: Range<f64>,
    /// x-axis description (with unit); empty for none.
    pub x_desc: &'a str,
    /// y-axis description (with unit); empty for none.
    pub y_desc: &'a str,
    /// Whether plotters draws numeric x tick labels (false when the chart labels
    /// categories itself).
    pub x_ticks: bool,
    /// Whether plotters draws numeric y tick labels.
    pub y_ticks: bool,
    /// Extra rows of text below the x axis reserved for category labels.
    pub x_label_lines: i32,
    /// Formatting of y tick labels (e.g. the funnel plot shows −y).
    pub y_format: fn(f64) -> String,
    /// Formatting of x tick labels.
    pub x_format: fn(f64) -> String,
    /// The y values are logarithms in this base (e for a log ratio, 10 for log10 p): the
    /// ticks are then put at round ratios ([`log_ticks`]: 0.1, 0.2, 0.5, 1, 2, 5, … or
    /// 0.25, 0.5, 1, 2, 4) and labelled with the ratio as a printed number, and
    /// `y_format` is not used.
    pub y_log_base: Option<f64>,
    /// The x values are logarithms in this base (a forest plot of ratios): ticks at round
    /// ratios as for `y_log_base`, and `x_format` is not used.
    pub x_log_base: Option<f64>,
    /// Pixels kept free right of the plot (besides the usual margin): a column for labels
    /// at the lines' ends.
    pub extra_right: i32,
}

impl<'a> Axes<'a> {
    /// Numeric axes with the usual tick labels.
    pub fn new(x: Range<f64>, y: Range<f64>, x_desc: &'a str, y_desc: &'a str) -> Self {
        Axes {
            x,
            y,
            x_desc,
            y_desc,
            x_ticks: true,
            y_ticks: true,
            x_label_lines: 0,
            y_format: tick_number,
            x_format: tick_number,
            y_log_base: None,
            x_log_base: None,
            extra_right: 0,
        }
    }

    /// The y-axis description in at most two lines that fit along a plot of `plot_height`
    /// pixels (wrapped at spaces; cut with "…" only when two lines cannot hold it).
    fn y_desc_lines(&self, style: &Style, plot_height: i32) -> Vec<String> {
        desc_lines(self.y_desc, &style.axis(), plot_height)
    }

    /// The x-axis description in at most two lines across a plot of `plot_width` pixels.
    fn x_desc_lines(&self, style: &Style, plot_width: i32) -> Vec<String> {
        desc_lines(self.x_desc, &style.axis(), plot_width)
    }

    /// The y ticks as (value on the axis, label): at round ratios on a log axis, else
    /// `None` (plotters picks them).
    fn y_log_ticks(&self, count: usize) -> Option<Vec<(f64, String)>> {
        Some(log_axis_ticks(&self.y, self.y_log_base?, count))
    }

    /// The x ticks of a log x axis, as [`Axes::y_log_ticks`].
    fn x_log_ticks(&self, count: usize) -> Option<Vec<(f64, String)>> {
        Some(log_axis_ticks(&self.x, self.x_log_base?, count))
    }

    /// Width in pixels of the y label area these axes need with `desc_lines` lines of
    /// description.
    fn y_area_width(&self, style: &Style, desc_lines: usize) -> i32 {
        let tick = style.tick();
        let widest = if let (true, Some(ticks)) = (self.y_ticks, self.y_log_ticks(7)) {
            ticks
                .iter()
                .map(|(_, label)| text_width(label, &tick))
                .max()
                .unwrap_or(0)
        } else if self.y_ticks {
            let samples = [
                self.y.start,
                self.y.end,
                (self.y.start + self.y.end) / 2.0,
                self.y.start + (self.y.end - self.y.start) * 0.1,
            ];
            samples
                .iter()
                .map(|v| text_width(&(self.y_format)(nice_round(*v, &self.y)), &tick))
                .max()
                .unwrap_or(0)
                .max(text_width("0.00", &tick))
        } else {
            0
        };
        let desc = if desc_lines == 0 {
            0
        } else {
            desc_lines as i32 * line_height(&style.axis()) + style.px(6.0)
        };
        if widest == 0 && desc == 0 {
            // No ticks and no description (a forest plot's rows): no y axis at all, so
            // text beside the plot (the heterogeneity line) is not crossed by it.
            0
        } else {
            widest + desc + style.px(12.0)
        }
    }

    /// Height in pixels of the x label area these axes need with `desc_lines` lines of
    /// description.
    pub(super) fn x_area_height(&self, style: &Style, desc_lines: usize) -> i32 {
        let tick = line_height(&style.tick());
        let ticks = if self.x_ticks { tick } else { 0 } + self.x_label_lines * tick;
        let desc = if desc_lines == 0 {
            0
        } else {
            desc_lines as i32 * line_height(&style.axis()) + style.px(2.0)
        };
        ticks + desc + style.px(6.0)
    }

    /// Width in pixels of the plot these axes leave in `area` (between the y label area and
    /// the right margin): what a chart labelling its own categories divides among them.
    pub fn plot_width<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> i32 {
        let (aw, ah) = area.dim_in_pixel();
        let layout = self.layout(style, aw as i32, ah as i32);
        aw as i32 - layout.y_area - style.px(6.0) - style.px(24.0) - self.extra_right
    }

    /// Where the axes' text goes in an area of `aw` × `ah` pixels.
    fn layout(&self, style: &Style, aw: i32, ah: i32) -> AxesLayout {
        // Axis descriptions longer than their axis wrap onto a second line; only what two
        // lines cannot hold is cut. The lengths are measured against the axes with one line
        // of description each (a second line takes a little from the other axis).
        let margins_h = style.px(8.0) + style.px(2.0);
        let margins_w = style.px(24.0) + style.px(6.0) + self.extra_right;
        let along = self.y_desc_lines(
            style,
            ah - self.x_area_height(style, usize::from(!self.x_desc.is_empty())) - margins_h,
        );
        // A description two lines along a short axis cannot hold is set across the top of
        // the plot instead, where the image's width gives it room (up to three lines).
        let axis_style = style.axis();
        let (y_desc, y_desc_above) = if is_cut(self.y_desc, &along) {
            let above = wrap_text(
                self.y_desc,
                &axis_style,
                aw - 2 * style.px(6.0) - self.extra_right,
                3,
            );
            (Vec::new(), above)
        } else {
            (along, Vec::new())
        };
        let lh = line_height(&axis_style);
        let above_h = y_desc_above.len() as i32 * lh;
        let x_desc = self.x_desc_lines(
            style,
            aw - self.y_area_width(style, y_desc.len()) - margins_w,
        );
        let y_area = self.y_area_width(style, y_desc.len());
        let x_area = self.x_area_height(style, x_desc.len());
        let plot_w = aw - y_area - style.px(30.0) - self.extra_right;
        let plot_h = ah - x_area - style.px(8.0) - above_h;
        AxesLayout {
            y_desc,
            y_desc_above,
            x_desc,
            y_area,
            x_area,
            above_h,
            plot_w,
            plot_h,
        }
    }

    /// Build the plane in `area` and draw the grid, axes and tick labels.
    pub fn draw<'b, DB: DrawingBackend>(
        &self,
        area: &'b DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Plane<'b, DB>> {
        check_axis_range(&self.x, "x")?;
        check_axis_range(&self.y, "y")?;
        let (aw, ah) = area.dim_in_pixel();
        let ah = ah as i32;
        let AxesLayout {
            y_desc,
            y_desc_above,
            x_desc,
            y_area,
            x_area,
            above_h,
            plot_w,
            plot_h,
        } = self.layout(style, aw as i32, ah);
        // As many ticks as their labels leave room for: about one per 70 pixels across
        // (one per 40 up), from 5 to 10 (3 to 7 up); plotters keeps the round values among
        // them, which may be fewer.
        let x_labels = (plot_w / style.px(70.0)).clamp(5, 10) as usize;
        let y_labels = (plot_h / style.px(40.0)).clamp(3, 7) as usize;
        let log_ticks = if self.y_ticks {
            self.y_log_ticks(y_labels)
        } else {
            None
        };
        let x_log_ticks = if self.x_ticks {
            self.x_log_ticks(x_labels)
        } else {
            None
        };
        let mut chart = ChartBuilder::on(area)
            .margin_top(style.px(8.0) + above_h)
            .margin_right(style.px(24.0) + self.extra_right)
            .margin_left(style.px(6.0))
            .x_label_area_size(x_area)
            .y_label_area_size(y_area)
            .build_cartesian_2d(self.x.clone(), self.y.clone())
            .map_err(drawing)?;
        let x_format = self.x_format;
        let y_format = self.y_format;
        let x_fmt = move |v: &f64| {
            if self.x_ticks {
                x_format(*v)
            } else {
                String::new()
            }
        };
        let y_fmt = move |v: &f64| {
            if self.y_ticks {
                y_format(*v)
            } else {
                String::new()
            }
        };
        let mut mesh = chart.configure_mesh();
        mesh.label_style(style.tick())
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .x_labels(if self.x_ticks && x_log_ticks.is_none() {
                x_labels
            } else {
                0
            })
            .y_labels(if self.y_ticks && log_ticks.is_none() {
                y_labels
            } else {
                0
            })
            .max_light_lines(1)
            .bold_line_style(palette::LIGHT_GREY.stroke_width(style.line(1.0)))
            .light_line_style(palette::WHITE.stroke_width(1))
            .axis_style(palette::DARK_GREY.stroke_width(style.line(1.0)))
            .set_all_tick_mark_size(style.px(4.0));
        if !self.x_ticks || x_log_ticks.is_some() {
            mesh.disable_x_mesh();
        }
        if !self.y_ticks || log_ticks.is_some() {
            mesh.disable_y_mesh();
        }
        mesh.draw().map_err(drawing)?;
        if let Some(ticks) = &log_ticks {
            draw_ticks(&mut chart, area, style, ticks, Direction::Y)?;
        }
        if let Some(ticks) = &x_log_ticks {
            draw_ticks(&mut chart, area, style, ticks, Direction::X)?;
        }
        draw_descriptions(
            area,
            (&y_desc, &y_desc_above, &x_desc),
            plot_rect(&chart, area),
            style,
        )?;
        Ok(chart)
    }
}

/// Draws the axes' descriptions, here rather than by plotters so that they can take two
/// lines: the y one turned to read upwards along the left edge (or across the top), the x one
/// centred under the plot (`(left, top, right, bottom)`) at the bottom edge.
fn draw_descriptions<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (y_desc, y_desc_above, x_desc): (&[String], &[String], &[String]),
    (left, top, right, bottom): (i32, i32, i32, i32),
    style: &Style,
) -> Result<()> {
    let ah = area.dim_in_pixel().1 as i32;
    let axis_style = style.axis();
    let lh = line_height(&axis_style);
    if !y_desc_above.is_empty() {
        // The description above took the plot's height: ask for the image to be drawn
        // taller if too little is left.
        need_plot_height(style.px(MIN_PLOT_PX * 0.6), bottom - top);
    }
    put_lines(
        area,
        y_desc_above,
        (style.px(6.0), style.px(4.0)),
        &axis_style,
        HPos::Left,
        VPos::Top,
    )?;
    let turned = axis_style.transform(FontTransform::Rotate270);
    for (j, line) in y_desc.iter().enumerate() {
        put_text(
            area,
            line,
            (style.px(6.0) + j as i32 * lh, (top + bottom) / 2),
            &turned,
            HPos::Center,
            VPos::Top,
        )?;
    }
    for (j, line) in x_desc.iter().enumerate() {
        let from_bottom = (x_desc.len() - 1 - j) as i32 * lh;
        put_text(
            area,
            line,
            ((left + right) / 2, ah - style.px(2.0) - from_bottom),
            &axis_style,
            HPos::Center,
            VPos::Bottom,
        )?;
    }
    Ok(())
}

/// Where [`Axes`] put their text in a given area.
struct AxesLayout {
    /// The y description's lines along the axis (empty when set above the plot).
    y_desc: Vec<String>,
    /// The y description's lines across the top of the plot.
    y_desc_above: Vec<String>,
    x_desc: Vec<String>,
    /// Width of the y label area (ticks and description).
    y_area: i32,
    /// Height of the x label area.
    x_area: i32,
    /// Height taken above the plot by `y_desc_above`.
    above_h: i32,
    /// About the plot's width and height, for choosing how many ticks.
    plot_w: i32,
    plot_h: i32,
}

/// Whether `lines` (from [`wrap_text`]) lost words of `text` to a "…".
fn is_cut(text: &str, lines: &[String]) -> bool {
    let words = |t: &str| {
        t.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    !text.is_empty() && words(&lines.join(" ")) != words(text)
}

/// `text` as at most two lines of at most `length` pixels each: an axis description.
fn desc_lines(text: &str, style: &TextStyle, length: i32) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    wrap_text(text, style, length.max(10), 2)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect()
}

/// Which axis [`draw_ticks`] draws.
#[derive(Clone, Copy, PartialEq)]
enum Direction {
    X,
    Y,
}

/// Ticks at round ratios on a log axis over `range` (logarithms in `base`): (value on the
/// axis, the ratio as printed).
fn log_axis_ticks(range: &Range<f64>, base: f64, count: usize) -> Vec<(f64, String)> {
    let ln_base = base.ln();
    let lo = (range.start * ln_base).exp();
    let hi = (range.end * ln_base).exp();
    log_ticks(lo, hi, count)
        .into_iter()
        .map(|ratio| (ratio.ln() / ln_base, ratio_label(ratio)))
        .collect()
}

/// Grid lines, tick marks and labels at the given values of one axis (a log axis's round
/// ratios), drawn as plotters draws its own.
fn draw_ticks<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    ticks: &[(f64, String)],
    direction: Direction,
) -> Result<()> {
    let (xr, yr) = (chart.x_range(), chart.y_range());
    let along = if direction == Direction::Y { &yr } else { &xr };
    let inside: Vec<&(f64, String)> = ticks
        .iter()
        .filter(|(v, _)| *v >= along.start.min(along.end) && *v <= along.end.max(along.start))
        .collect();
    let grid = palette::LIGHT_GREY.stroke_width(style.line(1.0));
    chart
        .draw_series(inside.iter().map(|(v, _)| {
            let ends = match direction {
                Direction::Y => vec![(xr.start, *v), (xr.end, *v)],
                Direction::X => vec![(*v, yr.start), (*v, yr.end)],
            };
            PathElement::new(ends, grid)
        }))
        .map_err(drawing)?;
    let (left, _, _, bottom) = plot_rect(chart, area);
    let mark = style.px(4.0);
    let tick_style = style.tick();
    let axis_line = palette::DARK_GREY.stroke_width(style.line(1.0));
    for (v, label) in inside {
        let (path, at, h, vpos) = match direction {
            Direction::Y => {
                let (_, py) = pixel_in(chart, area, (xr.start, *v));
                (
                    vec![(left - mark, py), (left, py)],
                    (left - mark - style.px(4.0), py),
                    HPos::Right,
                    VPos::Center,
                )
            }
            Direction::X => {
                let (px, _) = pixel_in(chart, area, (*v, yr.start));
                (
                    vec![(px, bottom), (px, bottom + mark)],
                    (px, bottom + mark + style.px(2.0)),
                    HPos::Center,
                    VPos::Top,
                )
            }
        };
        area.draw(&PathElement::new(path, axis_line))
            .map_err(drawing)?;
        put_text(area, label, at, &tick_style, h, vpos)?;
    }
    Ok(())
}

/// Round ratios from `lo` to `hi` (both above 0) for the ticks of a log axis, at most
/// `max_count` of them (and at least two where the range allows): the densest of these
/// sequences that fits, tried from sparse to dense: every n-th power of ten; 1, 2, 5 × 10^k;
/// powers of two (0.25, 0.5, 1, 2, 4; for ranges of up to two decades); 1, 1.5, 2, 3, 5, 7
/// × 10^k; 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k. A range too narrow for any of them
/// (under a factor of about 1.5) gets evenly spaced round values, as a linear axis would.
pub fn log_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if !(lo > 0.0 && hi.is_finite()) {
        return Vec::new();
    }
    let max_count = max_count.max(2);
    let inside = |v: f64| v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9);
    let first_decade = lo.log10().floor() as i32 - 1;
    let last_decade = hi.log10().ceil() as i32 + 1;
    let mantissas = |ms: &[f64]| -> Vec<f64> {
        (first_decade..=last_decade)
            .flat_map(|d| ms.iter().map(move |m| round_ratio(m * 10f64.powi(d))))
            .filter(|v| inside(*v))
            .collect()
    };
    let mut candidates: Vec<Vec<f64>> = Vec::new();
    for every in [10, 5, 3, 2, 1] {
        candidates.push(
            (first_decade..=last_decade)
                .filter(|d| d.rem_euclid(every) == 0)
                .map(|d| round_ratio(10f64.powi(d)))
                .filter(|v| inside(*v))
                .collect(),
        );
    }
    candidates.push(mantissas(&[1.0, 2.0, 5.0]));
    if hi / lo <= 100.0 {
        let (a, b) = (lo.log2().floor() as i32, hi.log2().ceil() as i32);
        candidates.push(
            (a..=b)
                .map(|k| round_ratio(2f64.powi(k)))
                .filter(|v| inside(*v))
                .collect(),
        );
    }
    candidates.push(mantissas(&[1.0, 1.5, 2.0, 3.0, 5.0, 7.0]));
    candidates.push(mantissas(&[
        1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0,
    ]));
    // The densest that fits; of equally dense ones, the earlier (1, 2, 5 before 2^k).
    let best = candidates
        .into_iter()
        .rev()
        .filter(|c| c.len() >= 2 && c.len() <= max_count)
        .max_by_key(|c| c.len());
    match best {
        Some(ticks) => ticks,
        None => linear_ticks(lo, hi, max_count),
    }
}

/// Evenly spaced round values from `lo` to `hi` (steps of 1, 2 or 5 × 10^k), at most
/// `max_count`: the ticks of a log axis too narrow for round ratios.
fn linear_ticks(lo: f64, hi: f64, max_count: usize) -> Vec<f64> {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 {
        return vec![round_ratio(lo)];
    }
    let raw = span / max_count.max(2) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| ((span / s).floor() as usize) < max_count)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|k| round_ratio(k as f64 * step))
        .collect()
}

/// `v` rounded to 12 significant digits, so that 0.1 × 3 prints as "0.3".
fn round_ratio(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let digits = 11 - v.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits.clamp(-300, 300));
    (v * factor).round() / factor
}

/// A ratio as a printed number: "0.25", "2", "1000", "0.001" (never in exponent form).
pub fn ratio_label(v: f64) -> String {
    format!("{}", round_ratio(v))
}

/// The largest magnitude a chart draws (values from −1e15 to 1e15). Tick labels and
/// annotations write numbers out in full, which stops being readable beyond this, and the
/// axis arithmetic (extent, padding, tick steps, bins) must stay far from the largest double
/// (about 1.8e308), where it overflows.
pub const MAX_CHART_VALUE: f64 = 1e15;

/// Refuse a value a chart cannot draw: not finite, or beyond ±[`MAX_CHART_VALUE`].
pub(crate) fn require_drawable(
    value: f64,
    location: impl Fn() -> String,
    what: &str,
) -> Result<()> {
    super::require_finite(value, &location, what)?;
    if value.abs() > MAX_CHART_VALUE {
        return Err(Error::input(
            location(),
            format!(
                "{what} is {}; a chart draws values from -{MAX_CHART_VALUE:e} to {MAX_CHART_VALUE:e} (rescale the data, e.g. to other units)",
                crate::output::human_number(value)
            ),
        ));
    }
    Ok(())
}

/// Refuse an interval a chart cannot draw: either end not drawable ([`require_drawable`]),
/// or the lower end above the upper end.
pub(crate) fn require_drawable_interval(
    lower: f64,
    upper: f64,
    location: impl Fn() -> String,
    what: &str,
) -> Result<()> {
    super::require_interval(lower, upper, &location, what)?;
    require_drawable(lower, &location, &format!("the lower end of the {what}"))?;
    require_drawable(upper, &location, &format!("the upper end of the {what}"))
}

/// Refuse an axis range that plotters cannot lay out: ends not finite, a span that is not a
/// positive finite number, or ends far beyond the drawable values. Charts validate their
/// values first, so this only guards against a range computed wrongly from them.
fn check_axis_range(range: &Range<f64>, axis: &str) -> Result<()> {
    let (lo, hi) = (range.start, range.end);
    let span = hi - lo;
    if lo.is_finite()
        && hi.is_finite()
        && span.is_finite()
        && span >= 0.0
        && lo.abs().max(hi.abs()) <= 100.0 * MAX_CHART_VALUE
    {
        Ok(())
    } else {
        Err(Error::numerical(format!(
            "the {axis} axis would run from {lo} to {hi}, which cannot be drawn; a chart draws values from -{MAX_CHART_VALUE:e} to {MAX_CHART_VALUE:e}"
        )))
    }
}

/// A tick label: the value with as few decimals as show it (at most 6), "−0" shown as "0".
pub fn tick_number(v: f64) -> String {
    let mut s = format!("{v:.6}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".into();
    }
    s.replace('-', "−")
}

/// `v` rounded to the precision ticks on `range` would be shown with (for measuring).
fn nice_round(v: f64, range: &Range<f64>) -> f64 {
    let span = (range.end - range.start).abs().max(f64::MIN_POSITIVE);
    let step = 10f64.powf((span / 7.0).log10().floor());
    (v / step).round() * step
}

/// A number in a chart annotation: `digits` decimals, with a true minus sign.
pub fn annotation_number(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    s.replace('-', "−")
}

/// `v` with `digits` significant digits (trailing zeros kept, so numbers of one kind line
/// up: "0.313", "12.0", "1520"), with a true minus sign; for computed numbers on charts.
pub fn significant(v: f64, digits: u32) -> String {
    if v == 0.0 || !v.is_finite() {
        return annotation_number(v, digits.saturating_sub(1) as usize);
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).clamp(0, 12) as usize;
    // Rounding can carry into a new digit (0.9996 to 3 digits is "1.00", not "1.000").
    let rounded: f64 = format!("{v:.decimals$}").parse().unwrap_or(v);
    let magnitude = rounded.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).clamp(0, 12) as usize;
    annotation_number(v, decimals)
}

/// A p-value as charts print it: "p < 0.001" below 0.001, else two significant digits
/// ("p = 0.042", "p = 0.31"); joined by no-break spaces so a line never breaks inside it.
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p\u{a0}<\u{a0}0.001".into()
    } else {
        format!("p\u{a0}=\u{a0}{}", significant(p, 2))
    }
}

/// The pixel position of data point `p` of `chart`, relative to `area` (which must contain
/// the chart), for placing text outside the plotting rectangle.
pub fn pixel_in<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    p: (f64, f64),
) -> (i32, i32) {
    let (x, y) = chart.backend_coord(&p);
    let (bx, by) = area.get_base_pixel();
    (x - bx, y - by)
}

/// The plotting rectangle of `chart` in pixels relative to `area`: (left, top, right, bottom).
pub fn plot_rect<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
) -> (i32, i32, i32, i32) {
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let (bx, by) = area.get_base_pixel();
    (xr.start - bx, yr.start - by, xr.end - bx, yr.end - by)
}

/// A range spanning `lo..hi` with `fraction` of its width added on each side; a range of
/// zero width becomes one unit wide.
pub fn padded(lo: f64, hi: f64, fraction: f64) -> Range<f64> {
    if !(lo.is_finite() && hi.is_finite()) {
        return 0.0..1.0;
    }
    if hi - lo <= f64::EPSILON * lo.abs().max(1.0) {
        let half = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        return (lo - half)..(hi + half);
    }
    let pad = (hi - lo) * fraction;
    (lo - pad)..(hi + pad)
}

/// The smallest and largest of `values` (ignoring non-finite ones); `None` if there are none.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A dashed vertical line at `at.0` across the y range `at.1`, labelled at the top of the
/// plot on its right (or its left, where the right has no room): where significance
/// starts, where treatment starts.
pub fn vertical_marker<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    at: (f64, &Range<f64>),
    colour: RGBColor,
    label: &str,
) -> Result<()> {
    vertical_marker_at(chart, area, style, at, colour, label, VPos::Top)
}

/// As [`vertical_marker`], with the label at the head (`VPos::Top`) or the foot (otherwise)
/// of the plot, so that two markers close together keep their labels apart.
pub fn vertical_marker_at<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    at: (f64, &Range<f64>),
    colour: RGBColor,
    label: &str,
    place: VPos,
) -> Result<()> {
    let (x, y) = at;
    chart
        .draw_series(DashedLineSeries::new(
            vec![(x, y.start), (x, y.end)],
            style.px(5.0),
            style.px(4.0),
            colour.stroke_width(style.line(1.5)),
        ))
        .map_err(drawing)?;
    let (px, _) = pixel_in(chart, area, (x, y.end));
    let (left, top, right, bottom) = plot_rect(chart, area);
    let note = style.note().color(&colour);
    let wide = text_width(label, &note);
    let (py, v) = match place {
        VPos::Top => (top + style.px(4.0), VPos::Top),
        _ => (bottom - style.px(4.0), VPos::Bottom),
    };
    let (pos, h) = if px + wide + style.px(8.0) < right {
        ((px + style.px(4.0), py), HPos::Left)
    } else {
        (((px - style.px(4.0)).max(left + wide), py), HPos::Right)
    };
    put_text(area, label, pos, &note, h, v)
}

pub use crate::output::count_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_follows_the_dpi_not_the_image_size() {
        let canvas = |w, h, dpi| Canvas {
            size: super::super::Size {
                width: w,
                height: h,
            },
            dpi,
            svg_text: super::super::SvgText::default(),
        };
        let small = Style::for_canvas(canvas(400, 300, 96.0));
        let large = Style::for_canvas(canvas(1600, 1200, 96.0));
        let print = Style::for_canvas(canvas(1600, 1200, 192.0));
        assert!(register_font().is_ok());
        assert_eq!(
            text_width("EDSS", &small.title()),
            text_width("EDSS", &large.title())
        );
        assert_eq!(print.px(10.0), 2 * large.px(10.0));
        // A panel cell's shrunk text stops at the minimum size.
        assert!(em_px(&small.shrunk(0.1).note()) >= MIN_TEXT_PX);
    }

    #[test]
    fn long_text_is_wrapped_and_cut_to_fit() {
        register_font().unwrap();
        let s = Style::for_canvas(Canvas::default()).tick();
        let lines = wrap_text(
            "a very long label that will never fit in a narrow column at all",
            &s,
            80,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, &s) <= 80));
        assert!(lines[1].ends_with('…'));
    }

    #[test]
    fn log_axes_have_ticks_at_round_ratios() {
        // Four decades with room for 7: the powers of ten (1, 2, 5 would make 9).
        assert_eq!(log_ticks(0.05, 20.0, 7), [0.1, 1.0, 10.0]);
        // 1, 2, 5 and the powers of two both give 5: the first wins.
        assert_eq!(log_ticks(0.2, 5.0, 5), [0.2, 0.5, 1.0, 2.0, 5.0]);
        assert_eq!(log_ticks(0.24, 4.5, 5), [0.25, 0.5, 1.0, 2.0, 4.0]);
        assert_eq!(log_ticks(0.3, 3.5, 7), [0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0]);
        // p-values over six decades with room for 4: every other power of ten.
        assert_eq!(log_ticks(1e-6, 1.0, 4), [1e-6, 1e-4, 1e-2, 1.0]);
        // Too narrow for round ratios: round steps.
        assert_eq!(log_ticks(0.95, 1.1, 5), [0.95, 1.0, 1.05, 1.1]);
        assert_eq!(ratio_label(0.1 * 3.0), "0.3");
        assert_eq!(ratio_label(1e-6), "0.000001");
        assert_eq!(ratio_label(1000.0), "1000");
        assert!(log_ticks(0.0, 1.0, 5).is_empty());
    }

    #[test]
    fn a_log_x_axis_is_ticked_at_round_ratios() {
        register_font().unwrap();
        let style = Style::for_canvas(Canvas::default());
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 600)).into_drawing_area();
            let mut axes = Axes::new(0.3f64.ln()..3.5f64.ln(), 0.0..1.0, "risk ratio", "");
            axes.x_log_base = Some(std::f64::consts::E);
            axes.draw(&area, &style).unwrap();
        }
        // Every label printed is a round ratio, among them 0.5, 1 and 2.
        let labels: Vec<String> = svg
            .split("text-anchor=\"middle\"")
            .skip(1)
            .filter_map(|t| {
                Some(
                    t.split_once('>')?
                        .1
                        .split("</text>")
                        .next()?
                        .trim()
                        .to_string(),
                )
            })
            .filter(|t| t.parse::<f64>().is_ok())
            .collect();
        for want in ["0.5", "1", "2"] {
            assert!(labels.iter().any(|l| l == want), "{labels:?}");
        }
        assert!(!labels.iter().any(|l| l.len() > 4), "{labels:?}");
    }

    #[test]
    fn axis_descriptions_wrap_before_they_are_cut() {
        register_font().unwrap();
        let s = Style::for_canvas(Canvas::default()).axis();
        let text = "mean change, after − before (annualised relapse rate)";
        let lines = desc_lines(text, &s, text_width(text, &s) * 2 / 3);
        assert_eq!(lines.len(), 2);
        assert!(!is_cut(text, &lines), "{lines:?}");
        let lines = desc_lines(text, &s, text_width(text, &s) / 3);
        assert!(is_cut(text, &lines), "{lines:?}");
        assert!(desc_lines("", &s, 100).is_empty());
    }

    #[test]
    fn tick_numbers_are_short_and_use_a_true_minus() {
        assert_eq!(tick_number(0.30000000000000004), "0.3");
        assert_eq!(tick_number(-2.0), "−2");
        assert_eq!(tick_number(-0.0), "0");
        assert_eq!(annotation_number(-0.001, 2), "0.00");
        assert_eq!(significant(38.9876, 3), "39.0");
        assert_eq!(significant(0.31347, 3), "0.313");
        assert_eq!(significant(0.99961, 3), "1.00");
        assert_eq!(significant(-2.6412, 3), "−2.64");
        assert_eq!(significant(1523.4, 3), "1523");
        assert_eq!(p_text(0.0004), "p\u{a0}<\u{a0}0.001");
        assert_eq!(p_text(0.04213), "p\u{a0}=\u{a0}0.042");
    }
}
