//! Histogram of reconstructed samples (for example the samples SPRITE finds that match a
//! reported mean and SD): value against count, several samples side by side in each bin
//! (overlay) or one small chart per sample on shared axes (grid).

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Style, extent, fit_text, line_height, need_plot_height,
    put_lines, put_text, require_drawable, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};

/// One sample of values.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSample {
    pub label: String,
    pub values: Vec<f64>,
}

/// How several samples share the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistogramLayout {
    /// One chart, the samples' bars side by side within each bin.
    Overlay,
    /// One small chart per sample, on the same axes.
    Grid,
}

/// A histogram of one or more samples.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramChart {
    pub title: String,
    /// The measured value's name and unit, for the x axis.
    pub value_label: String,
    pub samples: Vec<HistogramSample>,
    pub layout: HistogramLayout,
    /// Bin width; `None` takes 1 when every value is a whole number (value → count), else
    /// Sturges' rule.
    pub bin_width: Option<f64>,
    /// The measure's scale (bottom, top) where known: the x axis spans it, so a reader
    /// sees where the samples sit on the whole scale (empty bins included), not only the
    /// stretch the values happen to cover.
    pub scale: (Option<f64>, Option<f64>),
}

/// The most bins a histogram draws (whole numbers spread wider than this are binned by
/// Sturges' rule instead of one bin per value).
pub const MAX_BINS: usize = 1000;

/// Counts per bin: bin centres `origin + k × width` for k = 0..counts.len().
#[derive(Debug, Clone, PartialEq)]
pub struct Bins {
    pub origin: f64,
    pub width: f64,
    /// `counts[sample][bin]`
    pub counts: Vec<Vec<u64>>,
}

impl HistogramChart {
    /// Refuse no samples, non-finite values and a bin width that is not positive.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("histogram '{}'", self.title);
        require_nonempty(&self.samples, here, "samples")?;
        for s in [self.scale.0, self.scale.1].into_iter().flatten() {
            require_drawable(s, here, "the scale")?;
        }
        if let (Some(lo), Some(hi)) = self.scale {
            if lo >= hi {
                return Err(Error::input(
                    here(),
                    format!("the scale runs from {lo} to {hi}; its bottom must be below its top"),
                ));
            }
        }
        for (i, s) in self.samples.iter().enumerate() {
            for (j, v) in s.values.iter().enumerate() {
                require_drawable(
                    *v,
                    || {
                        format!(
                            "{}, sample {} ('{}'), value {}",
                            here(),
                            i + 1,
                            s.label,
                            j + 1
                        )
                    },
                    "the value",
                )?;
            }
        }
        if let Some(w) = self.bin_width {
            if !(w.is_finite() && w > 0.0) {
                return Err(Error::input(
                    here(),
                    format!("the bin width is {w}; it must be above 0"),
                ));
            }
            if let Some((lo, hi)) = self.span() {
                if (hi - lo) / w > MAX_BINS as f64 {
                    return Err(Error::input(
                        here(),
                        format!(
                            "a bin width of {w} makes more than {MAX_BINS} bins over {lo} to {hi}; give a wider one"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The stretch the x axis must cover: every value and the scale's known ends.
    fn span(&self) -> Option<(f64, f64)> {
        let all = self.samples.iter().flat_map(|s| s.values.iter().copied());
        let scale = [self.scale.0, self.scale.1].into_iter().flatten();
        extent(all.chain(scale))
    }

    /// Count every sample into shared bins, which run over the scale where it is known.
    pub fn bins(&self) -> Bins {
        let all = self.samples.iter().flat_map(|s| s.values.iter().copied());
        let Some((lo, hi)) = self.span() else {
            return Bins {
                origin: 0.0,
                width: 1.0,
                counts: vec![vec![0]; self.samples.len()],
            };
        };
        let n = all.count();
        let width = self.bin_width.unwrap_or_else(|| {
            if self
                .samples
                .iter()
                .all(|s| s.values.iter().all(|v| v.fract() == 0.0))
                && lo.fract() == 0.0
                && hi.fract() == 0.0
                && hi - lo <= MAX_BINS as f64
            {
                1.0
            } else if hi > lo {
                (hi - lo) / ((n as f64).log2().ceil() + 1.0)
            } else {
                1.0
            }
        });
        // Bins are centred on origin + k·width, so whole-number data get one bar per value.
        let origin = if width == 1.0 && lo.fract() == 0.0 {
            lo
        } else {
            lo + width / 2.0
        };
        let index = |v: f64| ((v - origin) / width + 0.5).floor().max(0.0) as usize;
        let k = index(hi) + 1;
        let counts = self
            .samples
            .iter()
            .map(|s| {
                let mut c = vec![0u64; k];
                for v in &s.values {
                    c[index(*v).min(k - 1)] += 1;
                }
                c
            })
            .collect();
        Bins {
            origin,
            width,
            counts,
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let bins = self.bins();
        let overlay = self.layout == HistogramLayout::Overlay || self.samples.len() == 1;
        let legend = if overlay && self.samples.len() > 1 {
            self.samples
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    LegendEntry::new(LegendMark::Square(palette::series(i)), s.label.clone())
                })
                .collect()
        } else {
            Vec::new()
        };
        let sizes: Vec<String> = self
            .samples
            .iter()
            .map(|s| s.values.len().to_string())
            .collect();
        let mut sizes_dedup = sizes.clone();
        sizes_dedup.dedup();
        let subtitle = match (self.samples.len(), sizes_dedup.len()) {
            (1, _) => format!("n = {}", sizes[0]),
            (k, 1) => format!("{k} samples of n = {}", sizes[0]),
            (k, _) => format!("{k} samples"),
        };
        let frame = Frame {
            title: &self.title,
            subtitle: vec![subtitle],
            legend,
            notes: Vec::new(),
        };
        let plot_area = frame.draw(area, style)?;
        let k = bins.counts.first().map_or(1, |c| c.len());
        // One bar per whole value: label the values, not the bin edges between them.
        let whole_values = bins.width == 1.0 && bins.origin.fract() == 0.0;
        let x = (bins.origin - bins.width * 0.6)..(bins.origin + bins.width * (k as f64 - 0.4));
        let top = bins
            .counts
            .iter()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
            .max(1) as f64
            * 1.1;
        if overlay {
            let mut axes = Axes::new(x, 0.0..top, &self.value_label, "count");
            axes.y_format = count_tick;
            if whole_values {
                axes.x_format = count_tick;
            }
            let mut chart = axes.draw(&plot_area, style)?;
            draw_bars(&mut chart, &bins, (0..self.samples.len()).collect())?;
        } else {
            self.draw_grid(&plot_area, style, &bins, x, top)?;
        }
        Ok(())
    }

    /// One small chart per sample on shared axes: as many columns as cells of a readable
    /// width fit (at least [`GRID_CELL_WIDTH`] pixels at 96 dpi), so a small image gets fewer
    /// columns and more rows, and is drawn taller when the rows need it (each at least
    /// [`GRID_CELL_HEIGHT`]). The axes are described once for the grid ("count" up the left,
    /// the value under it) rather than in every cell, and the cell titles are small.
    fn draw_grid<DB: DrawingBackend>(
        &self,
        plot_area: &DrawingArea<DB, Shift>,
        style: &Style,
        bins: &Bins,
        x: std::ops::Range<f64>,
        top: f64,
    ) -> Result<()> {
        let n = self.samples.len();
        let (pw, ph) = plot_area.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let axis_style = style.axis();
        let lh = line_height(&axis_style);
        let x_desc = wrap_text(&self.value_label, &axis_style, pw - style.px(20.0), 2);
        let bottom_h = x_desc.len() as i32 * lh + style.px(4.0);
        let left_w = lh + style.px(6.0);
        // Of the column counts that keep cells at least the narrowest width, the one whose
        // cells come closest to 4:3 (at the height the rows will get).
        let (gw, gh) = (pw - left_w, ph - bottom_h);
        let cell_h = style.px(GRID_CELL_HEIGHT);
        let shape = |cols: usize| {
            let rows = n.div_ceil(cols) as i32;
            let ratio = f64::from(gw / cols as i32) / f64::from((gh / rows).max(cell_h));
            (ratio / (4.0 / 3.0)).ln().abs()
        };
        let cols = (1..=n)
            .filter(|&c| c == 1 || gw / c as i32 >= style.px(GRID_CELL_WIDTH))
            .min_by(|a, b| shape(*a).total_cmp(&shape(*b)))
            .unwrap_or(1);
        let rows = n.div_ceil(cols);
        // The same rows with the columns evened out (5 samples in 3 + 2, not 4 + 1).
        let cols = n.div_ceil(rows);
        need_plot_height(rows as i32 * style.px(GRID_CELL_HEIGHT) + bottom_h, ph);
        let grid = plot_area.margin(0, bottom_h, left_w, 0);
        let (gw, gh) = grid.dim_in_pixel();
        put_text(
            plot_area,
            "count",
            (style.px(2.0), gh as i32 / 2),
            &axis_style.transform(FontTransform::Rotate270),
            HPos::Center,
            VPos::Top,
        )?;
        put_lines(
            plot_area,
            &x_desc,
            (left_w + gw as i32 / 2, ph - bottom_h + style.px(2.0)),
            &axis_style,
            HPos::Center,
            VPos::Top,
        )?;
        let head = style.note().color(&palette::BLACK);
        for (i, cell) in grid.split_evenly((rows, cols)).iter().enumerate().take(n) {
            let cell = cell.margin(style.px(2.0), style.px(6.0), 0, 0);
            let (cw, _) = cell.dim_in_pixel();
            let label = fit_text(&self.samples[i].label, &head, cw as i32 - style.px(10.0));
            let (title_area, body) = cell.split_vertically(line_height(&head) + style.px(2.0));
            put_text(
                &title_area,
                &label,
                (cw as i32 / 2, style.px(1.0)),
                &head,
                HPos::Center,
                VPos::Top,
            )?;
            let mut axes = Axes::new(x.clone(), 0.0..top, "", "");
            axes.y_format = count_tick;
            if bins.width == 1.0 && bins.origin.fract() == 0.0 {
                axes.x_format = count_tick;
            }
            let mut chart = axes.draw(&body, style)?;
            draw_bars(&mut chart, bins, vec![i])?;
        }
        Ok(())
    }
}

/// The narrowest cell of a histogram grid, in pixels at 96 dpi: room for a few bars and the
/// scale's end ticks.
const GRID_CELL_WIDTH: f64 = 130.0;
/// The lowest cell of a histogram grid, in pixels at 96 dpi (title, bars, ticks).
const GRID_CELL_HEIGHT: f64 = 110.0;

/// Bars of the samples `which`, side by side within each bin.
fn draw_bars<DB: DrawingBackend>(
    chart: &mut super::style::Plane<DB>,
    bins: &Bins,
    which: Vec<usize>,
) -> Result<()> {
    let m = which.len().max(1) as f64;
    let bar = bins.width * 0.85 / m;
    for (j, &s) in which.iter().enumerate() {
        // Colours tell overlaid samples apart; a cell of a grid shows one sample, and its
        // colour would mean nothing, so every cell is drawn in one colour.
        let colour = if which.len() == 1 {
            palette::BLUE
        } else {
            palette::series(s)
        };
        chart
            .draw_series(
                bins.counts[s]
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(b, c)| {
                        let centre = bins.origin + b as f64 * bins.width;
                        let left = centre - bins.width * 0.425 + j as f64 * bar;
                        Rectangle::new([(left, 0.0), (left + bar, *c as f64)], colour.filled())
                    }),
            )
            .map_err(drawing)?;
    }
    Ok(())
}

/// A count tick: whole numbers only (a fractional tick of a count is left blank).
fn count_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(samples: Vec<Vec<f64>>, bin_width: Option<f64>) -> HistogramChart {
        HistogramChart {
            title: "t".into(),
            value_label: "v".into(),
            samples: samples
                .into_iter()
                .enumerate()
                .map(|(i, values)| HistogramSample {
                    label: format!("s{i}"),
                    values,
                })
                .collect(),
            layout: HistogramLayout::Overlay,
            bin_width,
            scale: (None, None),
        }
    }

    #[test]
    fn the_bins_span_the_scale() {
        // ALSFRS-R item-like scale 0..=4: values 2 and 3 only, yet bins for 0, 1 and 4 too.
        let mut c = chart(vec![vec![2.0, 3.0, 3.0]], None);
        c.scale = (Some(0.0), Some(4.0));
        let b = c.bins();
        assert_eq!((b.origin, b.width), (0.0, 1.0));
        assert_eq!(b.counts, vec![vec![0, 0, 1, 2, 0]]);
        // An open top extends only the bottom.
        c.scale = (Some(0.0), None);
        assert_eq!(c.bins().counts, vec![vec![0, 0, 1, 2]]);
        c.scale = (Some(4.0), Some(0.0));
        let e = c.validate().unwrap_err().to_string();
        assert!(e.contains("bottom must be below its top"), "{e}");
    }

    #[test]
    fn whole_numbers_get_one_bin_per_value() {
        let b = chart(vec![vec![1.0, 2.0, 2.0, 5.0], vec![3.0, 3.0]], None).bins();
        assert_eq!(b.origin, 1.0);
        assert_eq!(b.width, 1.0);
        assert_eq!(b.counts, vec![vec![1, 2, 0, 0, 1], vec![0, 0, 2, 0, 0]]);
    }

    #[test]
    fn every_value_is_counted_once() {
        let values: Vec<f64> = (0..37).map(|i| (i as f64 * 0.37).sin() * 3.0).collect();
        let b = chart(vec![values.clone()], Some(0.5)).bins();
        assert_eq!(b.counts[0].iter().sum::<u64>(), values.len() as u64);
    }

    #[test]
    fn wide_whole_numbers_fall_back_to_sturges_and_tiny_widths_are_refused() {
        // Sturges: ceil(log2(3)) + 1 = 3 bins over 0..1e6.
        let b = chart(vec![vec![0.0, 5.0, 1e6]], None).bins();
        assert_eq!(b.width, 1e6 / 3.0);
        assert_eq!(b.counts[0].iter().sum::<u64>(), 3);
        let e = chart(vec![vec![0.0, 1e6]], Some(1.0))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("more than 1000 bins"), "{e}");
    }

    #[test]
    fn count_ticks_are_whole_numbers() {
        assert_eq!(count_tick(2.0), "2");
        assert_eq!(count_tick(2.5), "");
    }
}
