//! Observed against fitted by level (a generalised mixed model's chart): each level of a
//! factor (the arm) as a row, its observed summary with a confidence interval beside the
//! model's fitted value with its own (whiskers under the observed ones); or, with a time
//! column, one line per level over time (observed points with intervals, fitted values joined,
//! their intervals a translucent band), the time numeric or a categorical one whose levels
//! (visits as `factor(visit)`) are set in order along the axis with the rows at each under
//! its label; or, for ordered categories, each level's observed category shares stacked in a
//! bar above its fitted probabilities (as stroke trials draw the modified Rankin scale). The
//! numbers come computed ([`crate::glmm::observed_fitted`], [`crate::lmm::fitted`]).
//!
//! Labels wrap onto up to four lines in a column on the left (at most two fifths of the
//! width), so long arm names and many levels keep their own room; the image grows taller when
//! the rows need it.

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, line_height, padded, pixel_in,
    plot_rect, put_lines, put_text, require_drawable, require_drawable_interval, text_width,
    wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};

/// One level's observed summary with its interval, beside the fitted value.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelValues {
    pub level: String,
    /// The level's size as printed under its label (`n = 15`, `n = 15, 278 trials`).
    pub size: String,
    pub observed: f64,
    /// The observed value's interval (`None`: none, as for a mean of one row).
    pub interval: Option<(f64, f64)>,
    pub fitted: f64,
    /// The fitted value's interval (`None`: none drawn).
    pub fitted_interval: Option<(f64, f64)>,
}

/// One level over time: its values at each time.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelSeries {
    pub level: String,
    /// (time, values at that time) in increasing time.
    pub points: Vec<(f64, LevelValues)>,
}

/// One level's category shares (fractions, one per category, lowest category first).
#[derive(Debug, Clone, PartialEq)]
pub struct LevelShares {
    pub level: String,
    /// The level's size as printed under its label (`n = 999`).
    pub size: String,
    pub observed: Vec<f64>,
    pub fitted: Vec<f64>,
}

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ObservedFittedBody {
    /// One row per level.
    Levels(Vec<LevelValues>),
    /// One line per level against a numeric time.
    OverTime(Vec<LevelSeries>),
    /// One line per level against the levels of a categorical time (`times`, in order along
    /// the axis): each series' points are at positions 0, 1, … of `times` (a time with no
    /// point of a series is left out of it), each point's size printed under its time.
    OverLevels {
        times: Vec<String>,
        series: Vec<LevelSeries>,
    },
    /// Each level's category shares, observed over fitted, stacked; `categories` lowest first.
    Shares {
        categories: Vec<String>,
        levels: Vec<LevelShares>,
    },
}

/// Observed against fitted by level.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedFittedChart {
    pub title: String,
    /// Lines under the title (what is compared, how the intervals are computed).
    pub subtitle: Vec<String>,
    /// The x axis's description (the response's scale; the time with a time column).
    pub x_label: String,
    /// The y axis's description (the factor; the response's scale with a time column).
    pub y_label: String,
    /// The legend text of the observed values ("observed mean, 95% CI").
    pub observed_label: String,
    /// The legend text of the fitted values.
    pub fitted_label: String,
    /// Footnotes.
    pub notes: Vec<String>,
    pub body: ObservedFittedBody,
}

/// Lines a level's label may take (its n takes one more).
const LABEL_LINES: usize = 4;
/// Lines a categorical time's label may take under the axis.
const TIME_LABEL_LINES: usize = 2;
/// The largest share of the width the label column takes.
const LABEL_SHARE: f64 = 0.4;
/// The height (at 96 dpi, axes included) a chart over time keeps for its plot under the
/// frame: the image grows to give it that much.
const OVER_TIME_PLOT_PX: f64 = 280.0;

impl ObservedFittedChart {
    /// Refuse what cannot be drawn: no levels, values that are not finite, an interval whose
    /// lower end is above its upper end, shares that are not fractions or not one per
    /// category.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("observed and fitted chart '{}'", self.title);
        match &self.body {
            ObservedFittedBody::Levels(levels) => {
                require_nonempty(levels, here, "levels")?;
                levels.iter().try_for_each(|v| v.validate(&here))
            }
            ObservedFittedBody::OverTime(series) => {
                require_nonempty(series, here, "levels")?;
                for s in series {
                    let at = || format!("{}, level '{}'", here(), s.level);
                    require_nonempty(&s.points, at, "times")?;
                    for (t, v) in &s.points {
                        require_drawable(*t, at, "a time")?;
                        v.validate(&here)?;
                    }
                }
                Ok(())
            }
            ObservedFittedBody::OverLevels { times, series } => {
                require_nonempty(times, here, "times")?;
                require_nonempty(series, here, "levels")?;
                for s in series {
                    let at = || format!("{}, level '{}'", here(), s.level);
                    require_nonempty(&s.points, at, "times")?;
                    for (t, v) in &s.points {
                        if t.fract() != 0.0 || !(0.0..times.len() as f64).contains(t) {
                            return Err(Error::input(
                                at(),
                                format!(
                                    "a point at position {t}; give positions 0 to {} of the {} times",
                                    times.len() - 1,
                                    times.len()
                                ),
                            ));
                        }
                        v.validate(&here)?;
                    }
                }
                Ok(())
            }
            ObservedFittedBody::Shares { categories, levels } => {
                require_nonempty(levels, here, "levels")?;
                require_nonempty(categories, here, "categories")?;
                levels
                    .iter()
                    .try_for_each(|l| l.validate(categories.len(), &here))
            }
        }
    }

    /// The height the chart needs at `size`'s width: every level's row gets the lines of its
    /// longest label (and, for shares, room for its two bars), under the frame and above the
    /// axis; a chart over time, a plot of [`OVER_TIME_PLOT_PX`] under its frame (see
    /// [`super::Chart::needed_height`]).
    pub(crate) fn needed_height(&self, size: super::Size, style: &Style) -> u32 {
        let frame = super::forest::frame_height(&self.frame(), size.width, style);
        let Some(labels) = self.label_column(size.width as i32, style) else {
            // Over time: a plot of lines and intervals under however many legend rows the
            // levels' names take.
            return (frame + style.px(OVER_TIME_PLOT_PX)).max(0) as u32;
        };
        let lh = line_height(&style.tick());
        let lines = labels.lines.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let row = lines * lh + style.px(8.0);
        let axis = lh + line_height(&style.axis()) + style.px(24.0);
        (labels.lines.len() as i32 * row + axis + frame).max(0) as u32
    }

    /// The label column of a chart of rows of levels in an area `width` wide (`None` for a
    /// chart over time, which labels its levels in the legend).
    fn label_column(&self, width: i32, style: &Style) -> Option<LabelColumn> {
        let names: Vec<(&str, &str)> = match &self.body {
            ObservedFittedBody::Levels(levels) => levels
                .iter()
                .map(|l| (l.level.as_str(), l.size.as_str()))
                .collect(),
            ObservedFittedBody::Shares { levels, .. } => levels
                .iter()
                .map(|l| (l.level.as_str(), l.size.as_str()))
                .collect(),
            ObservedFittedBody::OverTime(_) | ObservedFittedBody::OverLevels { .. } => {
                return None;
            }
        };
        let desc_w = y_description_width(&self.y_label, style);
        Some(LabelColumn::new(&names, width, desc_w, style))
    }

    /// The title, subtitle, legend and notes.
    fn frame(&self) -> Frame<'_> {
        let legend = match &self.body {
            ObservedFittedBody::Levels(_) => vec![
                LegendEntry::new(
                    LegendMark::PointWithBar(OBSERVED_COLOUR),
                    self.observed_label.clone(),
                ),
                LegendEntry::new(
                    LegendMark::Diamond(FITTED_COLOUR),
                    self.fitted_label.clone(),
                ),
            ],
            ObservedFittedBody::OverTime(series) => self.series_legend(series),
            ObservedFittedBody::OverLevels { series, .. } if series.len() == 1 => {
                // One line: observed and fitted in their own colours, no square to name it.
                vec![
                    LegendEntry::new(
                        LegendMark::PointWithBar(OBSERVED_COLOUR),
                        self.observed_label.clone(),
                    ),
                    LegendEntry::new(
                        LegendMark::DashedLine(FITTED_COLOUR),
                        self.fitted_label.clone(),
                    ),
                ]
            }
            ObservedFittedBody::OverLevels { series, .. } => self.series_legend(series),
            ObservedFittedBody::Shares { categories, .. } => categories
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    LegendEntry::new(
                        LegendMark::Square(share_colour(j, categories.len())),
                        c.clone(),
                    )
                })
                .collect(),
        };
        Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend,
            notes: self.notes.clone(),
        }
    }

    /// The legend of lines over time: a square in each level's colour, then the observed and
    /// fitted marks in grey.
    fn series_legend(&self, series: &[LevelSeries]) -> Vec<LegendEntry> {
        let mut legend: Vec<LegendEntry> = series
            .iter()
            .enumerate()
            .map(|(i, s)| LegendEntry::new(LegendMark::Square(level_colour(i)), s.level.clone()))
            .collect();
        legend.push(LegendEntry::new(
            LegendMark::PointWithBar(palette::DARK_GREY),
            self.observed_label.clone(),
        ));
        legend.push(LegendEntry::new(
            LegendMark::DashedLine(palette::DARK_GREY),
            self.fitted_label.clone(),
        ));
        legend
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let plot_area = self.frame().draw(area, style)?;
        match &self.body {
            ObservedFittedBody::Levels(levels) => self.draw_levels(&plot_area, levels, style),
            ObservedFittedBody::OverTime(series) => self.draw_over_time(&plot_area, series, style),
            ObservedFittedBody::OverLevels { times, series } => {
                self.draw_over_levels(&plot_area, times, series, style)
            }
            ObservedFittedBody::Shares { categories, levels } => {
                self.draw_shares(&plot_area, categories.len(), levels, style)
            }
        }
    }
}

/// The colour of the observed values and their intervals (rows of levels).
const OBSERVED_COLOUR: RGBColor = palette::BLUE;
/// The colour of the fitted values (rows of levels).
const FITTED_COLOUR: RGBColor = palette::VERMILLION;

/// Level `i`'s colour over time: the series colours, then black and grey, then again.
fn level_colour(i: usize) -> RGBColor {
    let n = palette::SERIES.len();
    match i % (n + 2) {
        k if k < n => palette::series(k),
        k if k == n => palette::BLACK,
        _ => palette::MID_GREY,
    }
}

/// Category `j` of `count`'s colour: viridis from light (the lowest category) to dark (van der
/// Walt & Smith 2015, matplotlib's viridis; its five anchors, interpolated), which stays
/// ordered in grey and for the common colour-vision deficiencies.
fn share_colour(j: usize, count: usize) -> RGBColor {
    const ANCHORS: [(f64, f64, f64); 5] = [
        (253.0, 231.0, 37.0),
        (94.0, 201.0, 98.0),
        (33.0, 145.0, 140.0),
        (59.0, 82.0, 139.0),
        (68.0, 1.0, 84.0),
    ];
    let position = if count > 1 {
        j as f64 / (count - 1) as f64
    } else {
        0.5
    };
    let t = position * (ANCHORS.len() - 1) as f64;
    let k = (t.floor() as usize).min(ANCHORS.len() - 2);
    let f = t - k as f64;
    let mix = |a: f64, b: f64| (a + (b - a) * f).round() as u8;
    let (a, b) = (ANCHORS[k], ANCHORS[k + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Black or white, whichever reads on `background` (by its luminance, ITU-R BT.601 weights).
fn text_on(background: RGBColor) -> RGBColor {
    let luminance = 0.299 * f64::from(background.0)
        + 0.587 * f64::from(background.1)
        + 0.114 * f64::from(background.2);
    if luminance > 140.0 {
        palette::BLACK
    } else {
        palette::WHITE
    }
}

impl LevelValues {
    fn validate(&self, chart: &dyn Fn() -> String) -> Result<()> {
        let at = || format!("{}, level '{}'", chart(), self.level);
        require_drawable(self.observed, at, "the observed value")?;
        require_drawable(self.fitted, at, "the fitted value")?;
        if let Some((lower, upper)) = self.interval {
            require_drawable_interval(lower, upper, at, "interval")?;
        }
        if let Some((lower, upper)) = self.fitted_interval {
            require_drawable_interval(lower, upper, at, "fitted interval")?;
        }
        Ok(())
    }

    /// The values on the value axis: observed, fitted and the intervals' ends.
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        [self.observed, self.fitted]
            .into_iter()
            .chain(self.interval.into_iter().flat_map(|(l, u)| [l, u]))
            .chain(self.fitted_interval.into_iter().flat_map(|(l, u)| [l, u]))
    }
}

impl LevelShares {
    fn validate(&self, categories: usize, chart: &dyn Fn() -> String) -> Result<()> {
        let at = || format!("{}, level '{}'", chart(), self.level);
        for (what, shares) in [("observed", &self.observed), ("fitted", &self.fitted)] {
            if shares.len() != categories {
                return Err(Error::input(
                    at(),
                    format!(
                        "{} {what} shares for {categories} categories; give one per category",
                        shares.len()
                    ),
                ));
            }
            for &s in shares {
                require_drawable(s, at, "a share")?;
                if !(-1e-9..=1.0 + 1e-9).contains(&s) {
                    return Err(Error::input(
                        at(),
                        format!("a {what} share is {s}; shares are fractions from 0 to 1"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The label column of rows of levels: each level's label wrapped to the column, with its
/// size.
struct LabelColumn {
    /// The column's width in pixels (with the y description and padding).
    width: i32,
    /// Each level's lines (its name, then its size).
    lines: Vec<Vec<String>>,
}

impl LabelColumn {
    /// Labels of `levels` (name, size) in an area `area_width` wide, beside a y description
    /// `desc_width` pixels wide.
    fn new(levels: &[(&str, &str)], area_width: i32, desc_width: i32, style: &Style) -> Self {
        let tick = style.tick();
        let pad = style.px(8.0);
        let most = ((f64::from(area_width) * LABEL_SHARE) as i32 - desc_width - pad).max(40);
        let natural = levels
            .iter()
            .map(|(l, _)| text_width(l, &tick))
            .max()
            .unwrap_or(0);
        let text_w = natural.min(most);
        let lines: Vec<Vec<String>> = levels
            .iter()
            .map(|(level, size)| {
                let mut lines = wrap_text(level, &tick, text_w, LABEL_LINES);
                lines.push(size.to_string());
                lines
            })
            .collect();
        let n_width = lines
            .iter()
            .filter_map(|l| l.last())
            .map(|l| text_width(l, &style.note()))
            .max()
            .unwrap_or(0);
        LabelColumn {
            width: desc_width + text_w.max(n_width) + 2 * pad,
            lines,
        }
    }

    /// Draws level `i`'s lines right-aligned at `right`, centred on `y`; the size in grey.
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        i: usize,
        (right, y): (i32, i32),
        style: &Style,
    ) -> Result<()> {
        let (tick, note) = (style.tick(), style.note());
        let lines = &self.lines[i];
        let lh = line_height(&tick);
        let top = y - lh * lines.len() as i32 / 2;
        let (name, n) = lines.split_at(lines.len() - 1);
        put_lines(area, name, (right, top), &tick, HPos::Right, VPos::Top)?;
        put_lines(
            area,
            n,
            (right, top + lh * name.len() as i32),
            &note,
            HPos::Right,
            VPos::Top,
        )
    }
}

/// Draws `text` turned to read upwards along the left edge of `area`, centred between `top`
/// and `bottom` (the y description of a chart whose rows are labelled in a column).
fn draw_y_description<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    (top, bottom): (i32, i32),
    style: &Style,
) -> Result<()> {
    let axis = style.axis();
    let line = super::style::fit_text(text, &axis, (bottom - top).max(20));
    let turned = axis.transform(FontTransform::Rotate270);
    put_text(
        area,
        &line,
        (style.px(4.0), (top + bottom) / 2),
        &turned,
        HPos::Center,
        VPos::Top,
    )
}

/// The width the y description takes at the left (none without one).
fn y_description_width(text: &str, style: &Style) -> i32 {
    if text.is_empty() {
        0
    } else {
        line_height(&style.axis()) + style.px(6.0)
    }
}

impl ObservedFittedChart {
    /// One row per level: the observed value with its interval above the fitted diamond.
    fn draw_levels<DB: DrawingBackend>(
        &self,
        plot_area: &DrawingArea<DB, Shift>,
        levels: &[LevelValues],
        style: &Style,
    ) -> Result<()> {
        let (aw, _) = plot_area.dim_in_pixel();
        let Some(labels) = self.label_column(aw as i32, style) else {
            return Ok(());
        };
        let (label_area, plot) = plot_area.split_horizontally(labels.width);
        let k = levels.len();
        let (lo, hi) = extent(levels.iter().flat_map(LevelValues::values)).unwrap_or((0.0, 1.0));
        let rows = 0.5..(k as f64 + 0.5);
        let mut axes = Axes::new(padded(lo, hi, 0.06), rows, &self.x_label, "");
        axes.y_ticks = false;
        let chart = axes.draw(&plot, style)?;
        let (_, top, _, bottom) = plot_rect(&chart, &plot);
        draw_y_description(&label_area, &self.y_label, (top, bottom), style)?;
        let row_h = (bottom - top) / k.max(1) as i32;
        let offset = (row_h / 6).clamp(style.px(3.0), style.px(8.0));
        let right = labels.width - style.px(8.0);
        for (i, level) in levels.iter().enumerate() {
            let y = (k - i) as f64;
            let (_, py) = pixel_in(&chart, &plot, (lo, y));
            labels.draw(&label_area, i, (right, py), style)?;
            draw_observed(&chart, &plot, level, py - offset, style)?;
            if let Some(interval) = level.fitted_interval {
                draw_whisker(&chart, &plot, interval, py + offset, FITTED_COLOUR, style)?;
            }
            let (fx, _) = pixel_in(&chart, &plot, (level.fitted, y));
            draw_diamond(&plot, (fx, py + offset), FITTED_COLOUR, style)?;
        }
        Ok(())
    }

    /// Each level's line over time: observed points with intervals, fitted values dashed.
    fn draw_over_time<DB: DrawingBackend>(
        &self,
        plot_area: &DrawingArea<DB, Shift>,
        series: &[LevelSeries],
        style: &Style,
    ) -> Result<()> {
        let m = series.len();
        let dodge = dodge_step(series);
        let half = dodge * (m as f64 - 1.0) / 2.0;
        let times = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
        let (t0, t1) = extent(times).unwrap_or((0.0, 1.0));
        let values = series
            .iter()
            .flat_map(|s| s.points.iter().flat_map(|(_, v)| v.values()));
        let (lo, hi) = extent(values).unwrap_or((0.0, 1.0));
        let x = padded(t0 - half, t1 + half, 0.06);
        let axes = Axes::new(x, padded(lo, hi, 0.06), &self.x_label, &self.y_label);
        let mut chart = axes.draw(plot_area, style)?;
        draw_lines(
            &mut chart,
            plot_area,
            series,
            Lines::ByLevel { dodge },
            style,
        )
    }

    /// Each level's line against the levels of a categorical time, set in order along the
    /// axis (as [`Self::draw_over_time`]), each time's label under it and, under that, each
    /// line's size there in its colour.
    fn draw_over_levels<DB: DrawingBackend>(
        &self,
        plot_area: &DrawingArea<DB, Shift>,
        times: &[String],
        series: &[LevelSeries],
        style: &Style,
    ) -> Result<()> {
        let (k, m) = (times.len(), series.len());
        // Lines side by side within a time: spread over at most 40% of a column; one line's
        // observed and fitted values a tenth of a column apart.
        let lines = if m > 1 {
            Lines::ByLevel {
                dodge: (0.4 / (m - 1) as f64).min(0.12),
            }
        } else {
            Lines::Apart(0.05)
        };
        let values = series
            .iter()
            .flat_map(|s| s.points.iter().flat_map(|(_, v)| v.values()));
        let (lo, hi) = extent(values).unwrap_or((0.0, 1.0));
        let y = padded(lo, hi, 0.06);
        let mut axes = Axes::new(
            -0.5..(k as f64 - 0.5),
            y.clone(),
            &self.x_label,
            &self.y_label,
        );
        axes.x_ticks = false;
        axes.x_label_lines = TIME_LABEL_LINES as i32 + m as i32;
        let width = axes.plot_width(plot_area, style) / k.max(1) as i32 - style.px(6.0);
        let label_lines = times
            .iter()
            .map(|l| wrap_text(l, &style.tick(), width, TIME_LABEL_LINES).len())
            .max()
            .unwrap_or(1);
        axes.x_label_lines = (label_lines + m) as i32;
        let mut chart = axes.draw(plot_area, style)?;
        draw_lines(&mut chart, plot_area, series, lines, style)?;
        let (_, _, _, bottom) = plot_rect(&chart, plot_area);
        let tick = style.tick();
        let lh = line_height(&tick);
        for (v, label) in times.iter().enumerate() {
            let (cx, _) = pixel_in(&chart, plot_area, (v as f64, y.start));
            let mut row = bottom + style.px(6.0);
            for line in wrap_text(label, &tick, width, label_lines) {
                put_text(plot_area, &line, (cx, row), &tick, HPos::Center, VPos::Top)?;
                row += lh;
            }
            row = bottom + style.px(6.0) + lh * label_lines as i32;
            for (i, s) in series.iter().enumerate() {
                let size = s
                    .points
                    .iter()
                    .find(|(t, _)| *t == v as f64)
                    .map_or("–", |(_, p)| p.size.as_str());
                let text = super::style::fit_text(size, &tick, width);
                // One line's sizes in grey; several lines' each in its line's colour.
                let colour = if m == 1 {
                    palette::DARK_GREY
                } else {
                    level_colour(i)
                };
                let coloured = tick.clone().color(&colour);
                put_text(
                    plot_area,
                    &text,
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

    /// Each level's observed shares stacked in a bar over its fitted shares.
    fn draw_shares<DB: DrawingBackend>(
        &self,
        plot_area: &DrawingArea<DB, Shift>,
        categories: usize,
        levels: &[LevelShares],
        style: &Style,
    ) -> Result<()> {
        let (aw, _) = plot_area.dim_in_pixel();
        let Some(labels) = self.label_column(aw as i32, style) else {
            return Ok(());
        };
        let note = style.note();
        let tags = ["observed", "fitted"];
        let tag_w = tags.iter().map(|t| text_width(t, &note)).max().unwrap_or(0) + style.px(6.0);
        let (label_area, rest) = plot_area.split_horizontally(labels.width);
        let (tag_area, plot) = rest.split_horizontally(tag_w);
        let k = levels.len();
        let mut axes = Axes::new(0.0..100.0, 0.5..(k as f64 + 0.5), &self.x_label, "");
        axes.y_ticks = false;
        let chart = axes.draw(&plot, style)?;
        let (_, top, _, bottom) = plot_rect(&chart, &plot);
        draw_y_description(&label_area, &self.y_label, (top, bottom), style)?;
        let row_h = (bottom - top) / k.max(1) as i32;
        let bar_h = (row_h * 2 / 5).clamp(style.px(6.0), style.px(26.0));
        for (i, level) in levels.iter().enumerate() {
            let (_, py) = pixel_in(&chart, &plot, (0.0, (k - i) as f64));
            labels.draw(&label_area, i, (labels.width - style.px(8.0), py), style)?;
            let bars = [
                (tags[0], &level.observed, py - bar_h - 1),
                (tags[1], &level.fitted, py + 1),
            ];
            for (tag, shares, bar_top) in bars {
                let at = (tag_w - style.px(4.0), bar_top + bar_h / 2);
                put_text(&tag_area, tag, at, &note, HPos::Right, VPos::Center)?;
                draw_stacked_bar(&chart, &plot, shares, (bar_top, bar_h), categories, style)?;
            }
        }
        Ok(())
    }
}

/// How the lines of levels over time are told apart.
#[derive(Debug, Clone, Copy)]
enum Lines {
    /// Each level in its colour, observed and fitted alike, the levels `dodge` apart in time.
    ByLevel { dodge: f64 },
    /// One level: the observed values in the observed colour this far before their time, the
    /// fitted ones in the fitted colour as far after it, so that neither hides the other.
    Apart(f64),
}

/// Draws each series' line: its fitted values dashed between diamonds (over their band, if
/// any), its observed values as points with intervals, placed and coloured as `lines` says
/// (by level, series `i` shifted `i · dodge` from the middle of them all in time).
fn draw_lines<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    plot_area: &DrawingArea<DB, Shift>,
    series: &[LevelSeries],
    lines: Lines,
    style: &Style,
) -> Result<()> {
    for (i, s) in series.iter().enumerate() {
        let (observed_colour, fitted_colour, observed_shift, fitted_shift) = match lines {
            Lines::ByLevel { dodge } => {
                let shift = i as f64 * dodge - dodge * (series.len() as f64 - 1.0) / 2.0;
                (level_colour(i), level_colour(i), shift, shift)
            }
            Lines::Apart(apart) => (OBSERVED_COLOUR, FITTED_COLOUR, -apart, apart),
        };
        let fitted: Vec<(f64, f64)> = s
            .points
            .iter()
            .map(|(t, v)| (*t + fitted_shift, v.fitted))
            .collect();
        draw_fitted_band(chart, plot_area, &s.points, fitted_shift, fitted_colour)?;
        chart
            .draw_series(DashedLineSeries::new(
                fitted.clone(),
                style.px(6.0),
                style.px(4.0),
                fitted_colour.stroke_width(style.line(2.0)),
            ))
            .map_err(drawing)?;
        for (t, v) in &s.points {
            let at = (v, *t + observed_shift);
            draw_observed_at(chart, plot_area, at, observed_colour, style)?;
        }
        for &(t, f) in &fitted {
            let at = pixel_in(chart, plot_area, (t, f));
            draw_diamond(plot_area, at, fitted_colour, style)?;
        }
    }
    Ok(())
}

/// Draws the observed value of `level` at pixel row `py` with its interval and caps.
fn draw_observed<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    level: &LevelValues,
    py: i32,
    style: &Style,
) -> Result<()> {
    if let Some(interval) = level.interval {
        draw_whisker(chart, area, interval, py, OBSERVED_COLOUR, style)?;
    }
    let (ox, _) = pixel_in(chart, area, (level.observed, 0.0));
    area.draw(&Circle::new(
        (ox, py),
        style.px(4.5),
        OBSERVED_COLOUR.filled(),
    ))
    .map_err(drawing)
}

/// Draws the horizontal interval `(lower, upper)` at pixel row `py` with its caps.
fn draw_whisker<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    (lower, upper): (f64, f64),
    py: i32,
    colour: RGBColor,
    style: &Style,
) -> Result<()> {
    let stroke = colour.stroke_width(style.line(1.5));
    let cap = style.px(4.0);
    let (lx, _) = pixel_in(chart, area, (lower, 0.0));
    let (ux, _) = pixel_in(chart, area, (upper, 0.0));
    area.draw(&PathElement::new(vec![(lx, py), (ux, py)], stroke))
        .map_err(drawing)?;
    for x in [lx, ux] {
        area.draw(&PathElement::new(
            vec![(x, py - cap), (x, py + cap)],
            stroke,
        ))
        .map_err(drawing)?;
    }
    Ok(())
}

/// Draws the observed value of `level` at time `t` with its vertical interval and caps.
fn draw_observed_at<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    (level, t): (&LevelValues, f64),
    colour: RGBColor,
    style: &Style,
) -> Result<()> {
    let stroke = colour.stroke_width(style.line(1.5));
    let cap = style.px(4.0);
    let (px, py) = pixel_in(chart, area, (t, level.observed));
    if let Some((lower, upper)) = level.interval {
        let (_, ly) = pixel_in(chart, area, (t, lower));
        let (_, uy) = pixel_in(chart, area, (t, upper));
        area.draw(&PathElement::new(vec![(px, ly), (px, uy)], stroke))
            .map_err(drawing)?;
        for y in [ly, uy] {
            area.draw(&PathElement::new(
                vec![(px - cap, y), (px + cap, y)],
                stroke,
            ))
            .map_err(drawing)?;
        }
    }
    area.draw(&Circle::new((px, py), style.px(4.5), colour.filled()))
        .map_err(drawing)
}

/// Draws the fitted values' intervals of `points` (shifted by `shift` in time) as a
/// translucent band in `colour`, where every point has one.
fn draw_fitted_band<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, LevelValues)],
    shift: f64,
    colour: RGBColor,
) -> Result<()> {
    let ends: Option<Vec<(f64, (f64, f64))>> = points
        .iter()
        .map(|(t, v)| v.fitted_interval.map(|i| (*t + shift, i)))
        .collect();
    let Some(ends) = ends else {
        return Ok(());
    };
    let mut outline: Vec<(i32, i32)> = ends
        .iter()
        .map(|&(t, (lower, _))| pixel_in(chart, area, (t, lower)))
        .collect();
    outline.extend(
        ends.iter()
            .rev()
            .map(|&(t, (_, upper))| pixel_in(chart, area, (t, upper))),
    );
    if ends.len() == 1 {
        // One time: a narrow bar instead of a band.
        let (x, y0) = outline[0];
        let (_, y1) = outline[1];
        outline = vec![(x - 3, y0), (x + 3, y0), (x + 3, y1), (x - 3, y1)];
    }
    area.draw(&Polygon::new(outline, colour.mix(0.18).filled()))
        .map_err(drawing)
}

/// Draws a filled diamond centred on pixel `(x, y)`, outlined in white so that it stays
/// visible over an interval.
fn draw_diamond<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    colour: RGBColor,
    style: &Style,
) -> Result<()> {
    let r = style.px(6.0);
    let corners = vec![(x - r, y), (x, y - r), (x + r, y), (x, y + r)];
    area.draw(&Polygon::new(corners.clone(), colour.filled()))
        .map_err(drawing)?;
    let mut outline = corners;
    outline.push((x - r, y));
    area.draw(&PathElement::new(
        outline,
        palette::WHITE.stroke_width(style.line(1.0)),
    ))
    .map_err(drawing)
}

/// Draws `shares` (fractions) as one bar of stacked segments from 0 to 100 %, at pixel row
/// `top`, `h` high, each segment's percentage written inside it where it fits.
fn draw_stacked_bar<DB: DrawingBackend>(
    chart: &Plane<DB>,
    area: &DrawingArea<DB, Shift>,
    shares: &[f64],
    (top, h): (i32, i32),
    categories: usize,
    style: &Style,
) -> Result<()> {
    let note = style.note();
    let mut from = 0.0;
    for (j, share) in shares.iter().enumerate() {
        let to = (from + 100.0 * share).min(100.0);
        let (x0, _) = pixel_in(chart, area, (from, 0.0));
        let (x1, _) = pixel_in(chart, area, (to, 0.0));
        let colour = share_colour(j, categories);
        area.draw(&Rectangle::new([(x0, top), (x1, top + h)], colour.filled()))
            .map_err(drawing)?;
        let text = format!("{:.0}", 100.0 * share);
        let fits = text_width(&text, &note) + style.px(4.0) <= x1 - x0
            && line_height(&note) <= h + style.px(4.0);
        if fits {
            let ink = text_on(colour);
            let on = note.clone().color(&ink);
            let at = ((x0 + x1) / 2, top + h / 2);
            put_text(area, &text, at, &on, HPos::Center, VPos::Center)?;
        }
        from = to;
    }
    Ok(())
}

/// How far apart the levels of `series` are set at one time, so that their intervals do not
/// hide each other: together they spread over at most two fifths of the closest two times'
/// gap (of the whole range, or 1, with one time).
fn dodge_step(series: &[LevelSeries]) -> f64 {
    let m = series.len();
    let mut times: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let gap = times
        .windows(2)
        .map(|w| w[1] - w[0])
        .reduce(f64::min)
        .unwrap_or(1.0);
    if m > 1 {
        (0.4 * gap / (m - 1) as f64).min(0.12 * gap)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(body: ObservedFittedBody) -> ObservedFittedChart {
        ObservedFittedChart {
            title: "t".into(),
            subtitle: Vec::new(),
            x_label: "x".into(),
            y_label: "y".into(),
            observed_label: "observed".into(),
            fitted_label: "fitted".into(),
            notes: Vec::new(),
            body,
        }
    }

    #[test]
    fn values_that_cannot_be_drawn_are_refused_naming_the_level() {
        let level = LevelValues {
            level: "active".into(),
            size: "n = 3".into(),
            observed: 1.0,
            interval: Some((0.5, 1.5)),
            fitted: f64::NAN,
            fitted_interval: None,
        };
        let e = chart(ObservedFittedBody::Levels(vec![level.clone()]))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("level 'active'") && e.contains("fitted"), "{e}");
        let reversed = LevelValues {
            fitted: 1.0,
            interval: Some((1.5, 0.5)),
            ..level
        };
        let e = chart(ObservedFittedBody::Levels(vec![reversed]))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("lower end"), "{e}");
    }

    #[test]
    fn points_over_levels_must_sit_at_a_level() {
        let point = |t: f64| {
            (
                t,
                LevelValues {
                    level: "all".into(),
                    size: "n = 3".into(),
                    observed: 1.0,
                    interval: Some((0.5, 1.5)),
                    fitted: 1.1,
                    fitted_interval: None,
                },
            )
        };
        let over = |t: f64| ObservedFittedBody::OverLevels {
            times: vec!["baseline".into(), "week 4".into()],
            series: vec![LevelSeries {
                level: "all".into(),
                points: vec![point(0.0), point(t)],
            }],
        };
        assert!(chart(over(1.0)).validate().is_ok());
        for bad in [2.0, 0.5, -1.0] {
            let e = chart(over(bad)).validate().unwrap_err().to_string();
            assert!(e.contains("give positions 0 to 1 of the 2 times"), "{e}");
        }
    }

    #[test]
    fn shares_must_be_one_fraction_per_category() {
        let shares = |observed: Vec<f64>| ObservedFittedBody::Shares {
            categories: vec!["0".into(), "1".into()],
            levels: vec![LevelShares {
                level: "placebo".into(),
                size: "n = 10".into(),
                observed,
                fitted: vec![0.5, 0.5],
            }],
        };
        assert!(chart(shares(vec![0.4, 0.6])).validate().is_ok());
        let e = chart(shares(vec![1.0])).validate().unwrap_err().to_string();
        assert!(e.contains("1 observed shares for 2 categories"), "{e}");
        let e = chart(shares(vec![1.5, -0.5]))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("fractions from 0 to 1"), "{e}");
    }

    #[test]
    fn category_colours_run_from_viridis_yellow_to_its_purple() {
        // matplotlib's viridis at 0 and 1: #FDE725 and #440154.
        assert_eq!(share_colour(0, 7), RGBColor(0xFD, 0xE7, 0x25));
        assert_eq!(share_colour(6, 7), RGBColor(0x44, 0x01, 0x54));
        assert_eq!(text_on(share_colour(0, 7)), palette::BLACK);
        assert_eq!(text_on(share_colour(6, 7)), palette::WHITE);
    }
}
