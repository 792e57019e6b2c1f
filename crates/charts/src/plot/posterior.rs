//! Posterior densities of a two-parameter model (a Bayesian random-effects meta-analysis:
//! μ and τ), as bayesmeta's `plot()` draws them: each parameter's marginal posterior with
//! its median and shaded interval and, where given, its prior for comparison; and the joint
//! posterior as shaded highest-density regions with a line through it (the conditional
//! posterior mean of the first parameter given the second).
//!
//! Three cells: side by side on a wide image; on a narrower one the two marginals side by
//! side over the joint density, which takes the full width; on a narrow one stacked.

use super::palette;
use super::panel::CELL_MIN;
use super::style::{Axes, Frame, LegendEntry, LegendMark, Style, extent, padded, require_drawable};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One parameter's marginal posterior.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginalDensity {
    /// The cell's heading ("μ: marginal posterior").
    pub title: String,
    /// The parameter's axis ("μ, log hazard ratio").
    pub x_label: String,
    /// (value, density) in increasing value.
    pub posterior: Vec<(f64, f64)>,
    /// The prior's density at the same values, drawn dashed; `None` for none.
    pub prior: Option<Vec<(f64, f64)>>,
    /// The posterior median, drawn as a vertical line.
    pub median: f64,
    /// The interval shaded under the curve.
    pub interval: (f64, f64),
}

/// The joint posterior of the two parameters on a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct JointDensityPanel {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// Grid points along x and along y (each increasing, at least two).
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// `density[j][i]` at `(x[i], y[j])`.
    pub density: Vec<Vec<f64>>,
    /// Density levels of the shaded regions, lowest (largest region) first, at most three;
    /// with their name for the legend ("99%, 90% and 50% highest-density regions").
    pub levels: Vec<f64>,
    pub levels_label: String,
    /// A line through the density, as (x, y) points, and its legend text.
    pub line: Vec<(f64, f64)>,
    pub line_label: String,
}

/// The marginal and joint posterior densities.
#[derive(Debug, Clone, PartialEq)]
pub struct PosteriorChart {
    pub title: String,
    /// Lines under the title (the priors).
    pub subtitle: Vec<String>,
    pub first: MarginalDensity,
    pub second: MarginalDensity,
    pub joint: JointDensityPanel,
    /// Legend text of the shaded intervals ("95% equal-tailed interval").
    pub interval_label: String,
    /// Footnotes (a prior not drawn because it is improper).
    pub notes: Vec<String>,
}

impl MarginalDensity {
    fn validate(&self, here: &dyn Fn() -> String) -> Result<()> {
        require_nonempty(&self.posterior, here, "posterior density points")?;
        for &(x, d) in self.posterior.iter().chain(self.prior.iter().flatten()) {
            require_drawable(x, here, "a parameter value")?;
            require_drawable(d, here, "a density")?;
            if d < 0.0 {
                return Err(Error::input(
                    here(),
                    format!("a density is {d}; it cannot be negative"),
                ));
            }
        }
        require_drawable(self.median, here, "the median")?;
        super::style::require_drawable_interval(self.interval.0, self.interval.1, here, "interval")
    }

    /// Draw in `cell` (its heading, axes, shaded interval, curves and median).
    fn draw<DB: DrawingBackend>(&self, cell: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        let frame = Frame {
            title: &self.title,
            ..Frame::default()
        };
        let area = frame.draw(cell, style)?;
        let (xlo, xhi) = extent(self.posterior.iter().map(|p| p.0)).unwrap_or((0.0, 1.0));
        let top = extent(
            self.posterior
                .iter()
                .chain(self.prior.iter().flatten())
                .map(|p| p.1),
        )
        .map_or(1.0, |(_, hi)| hi);
        let top = if top > 0.0 { top } else { 1.0 };
        let x = if xhi > xlo {
            xlo..xhi
        } else {
            padded(xlo, xhi, 0.5)
        };
        let mut chart =
            Axes::new(x, 0.0..top * 1.05, &self.x_label, "density").draw(&area, style)?;
        let (lo, hi) = self.interval;
        let inside: Vec<(f64, f64)> = self
            .posterior
            .iter()
            .copied()
            .filter(|p| p.0 >= lo && p.0 <= hi)
            .collect();
        if let (Some(first), Some(last)) = (inside.first(), inside.last()) {
            let mut shape = vec![(first.0, 0.0)];
            shape.extend(inside.iter().copied());
            shape.push((last.0, 0.0));
            chart
                .draw_series(std::iter::once(Polygon::new(
                    shape,
                    INTERVAL_SHADE.filled(),
                )))
                .map_err(drawing)?;
        }
        if let Some(prior) = &self.prior {
            chart
                .draw_series(DashedLineSeries::new(
                    prior.iter().copied(),
                    style.px(6.0),
                    style.px(4.0),
                    palette::DARK_GREY.stroke_width(style.line(1.5)),
                ))
                .map_err(drawing)?;
        }
        chart
            .draw_series(LineSeries::new(
                self.posterior.iter().copied(),
                palette::BLUE.stroke_width(style.line(2.0)),
            ))
            .map_err(drawing)?;
        if self.median >= xlo && self.median <= xhi {
            let height = interpolate(&self.posterior, self.median);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(self.median, 0.0), (self.median, height)],
                    palette::BLUE.stroke_width(style.line(1.5)),
                )))
                .map_err(drawing)?;
        }
        Ok(())
    }
}

/// The curve's value at `x` (linear between its points; 0 outside them).
fn interpolate(curve: &[(f64, f64)], x: f64) -> f64 {
    curve
        .windows(2)
        .find(|w| w[0].0 <= x && x <= w[1].0)
        .map_or(0.0, |w| {
            let span = w[1].0 - w[0].0;
            if span > 0.0 {
                w[0].1 + (w[1].1 - w[0].1) * (x - w[0].0) / span
            } else {
                w[0].1
            }
        })
}

impl JointDensityPanel {
    fn validate(&self, here: &dyn Fn() -> String) -> Result<()> {
        if self.x.len() < 2 || self.y.len() < 2 {
            return Err(Error::input(
                here(),
                "the joint density needs a grid of at least 2 × 2 points",
            ));
        }
        if self.density.len() != self.y.len()
            || self.density.iter().any(|r| r.len() != self.x.len())
        {
            return Err(Error::input(
                here(),
                format!(
                    "the joint density's grid is {} × {} points but its values do not match",
                    self.x.len(),
                    self.y.len()
                ),
            ));
        }
        if self.levels.len() > REGION_SHADES.len() {
            return Err(Error::input(
                here(),
                "at most three density levels are shaded",
            ));
        }
        for &v in self
            .x
            .iter()
            .chain(&self.y)
            .chain(self.density.iter().flatten())
            .chain(&self.levels)
        {
            require_drawable(v, here, "a grid point or density")?;
        }
        for w in [&self.x, &self.y] {
            if w.windows(2).any(|p| p[1] <= p[0]) {
                return Err(Error::input(here(), "the grid points must increase"));
            }
        }
        for &(a, b) in &self.line {
            require_drawable(a, here, "a point of the line")?;
            require_drawable(b, here, "a point of the line")?;
        }
        Ok(())
    }

    /// Draw in `cell`: each grid cell shaded by the darkest region it lies in (runs of equal
    /// shade along a row drawn as one rectangle), then the line.
    fn draw<DB: DrawingBackend>(&self, cell: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        let frame = Frame {
            title: &self.title,
            ..Frame::default()
        };
        let area = frame.draw(cell, style)?;
        let (x0, x1) = (self.x[0], self.x[self.x.len() - 1]);
        let (y0, y1) = (self.y[0], self.y[self.y.len() - 1]);
        let mut chart =
            Axes::new(x0..x1, y0..y1, &self.x_label, &self.y_label).draw(&area, style)?;
        let edges = |p: &[f64]| -> Vec<f64> {
            let mut e = vec![p[0]];
            e.extend(p.windows(2).map(|w| 0.5 * (w[0] + w[1])));
            e.push(p[p.len() - 1]);
            e
        };
        let (xe, ye) = (edges(&self.x), edges(&self.y));
        let shade = |d: f64| self.levels.iter().rposition(|&l| d >= l);
        let mut cells = Vec::new();
        for (j, row) in self.density.iter().enumerate() {
            let mut i = 0;
            while i < row.len() {
                let s = shade(row[i]);
                let start = i;
                while i < row.len() && shade(row[i]) == s {
                    i += 1;
                }
                if let Some(s) = s {
                    let colour = REGION_SHADES[REGION_SHADES.len() - self.levels.len() + s];
                    cells.push(Rectangle::new(
                        [(xe[start], ye[j]), (xe[i], ye[j + 1])],
                        colour.filled(),
                    ));
                }
            }
        }
        chart.draw_series(cells).map_err(drawing)?;
        let line: Vec<(f64, f64)> = self
            .line
            .iter()
            .copied()
            .filter(|p| p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1)
            .collect();
        chart
            .draw_series(DashedLineSeries::new(
                line,
                style.px(6.0),
                style.px(4.0),
                palette::VERMILLION.stroke_width(style.line(2.0)),
            ))
            .map_err(drawing)?;
        Ok(())
    }
}

impl PosteriorChart {
    /// Refuse curves and grids that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("posterior chart '{}'", self.title);
        self.first.validate(&here)?;
        self.second.validate(&here)?;
        self.joint.validate(&here)
    }

    /// Columns of the cells at image width `width`: 3 side by side, 2 (the marginals over the
    /// joint), or 1 (stacked).
    fn columns(width: u32, style: &Style) -> usize {
        ((width as i32 / style.px(CELL_MIN)).max(1) as usize).min(3)
    }

    /// The height the cells need at `size`'s width (each row of cells at least
    /// [`CELL_MIN`] high, as a panel's).
    pub(crate) fn needed_height(&self, size: super::Size, style: &Style) -> u32 {
        let rows = match Self::columns(size.width, style) {
            3 => 1,
            2 => 2,
            _ => 3,
        };
        (rows * style.px(CELL_MIN) + style.px(150.0)) as u32
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let mut legend = vec![
            LegendEntry::new(LegendMark::Line(palette::BLUE), "posterior (line: median)"),
            LegendEntry::new(
                LegendMark::Square(INTERVAL_SHADE),
                self.interval_label.clone(),
            ),
        ];
        if self.first.prior.is_some() || self.second.prior.is_some() {
            legend.push(LegendEntry::new(
                LegendMark::DashedLine(palette::DARK_GREY),
                "prior",
            ));
        }
        if !self.joint.levels.is_empty() {
            let mut shades = REGION_SHADES;
            let n = self.joint.levels.len();
            for s in shades.iter_mut().take(REGION_SHADES.len() - n) {
                *s = REGION_SHADES[REGION_SHADES.len() - n];
            }
            legend.push(LegendEntry::new(
                LegendMark::Shades(shades),
                self.joint.levels_label.clone(),
            ));
        }
        if !self.joint.line.is_empty() {
            legend.push(LegendEntry::new(
                LegendMark::DashedLine(palette::VERMILLION),
                self.joint.line_label.clone(),
            ));
        }
        let frame = Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend,
            notes: self.notes.clone(),
        };
        let inner = frame.draw(area, style)?;
        let cell_style = style.shrunk(0.85);
        let (w, h) = inner.dim_in_pixel();
        match Self::columns(w, style) {
            3 => {
                let cells = inner.split_evenly((1, 3));
                self.first.draw(&cells[0], &cell_style)?;
                self.second.draw(&cells[1], &cell_style)?;
                self.joint.draw(&cells[2], &cell_style)
            }
            2 => {
                let (top, bottom) = inner.split_vertically(h / 2);
                let (left, right) = top.split_horizontally(w / 2);
                self.first.draw(&left, &cell_style)?;
                self.second.draw(&right, &cell_style)?;
                self.joint.draw(&bottom, &cell_style)
            }
            _ => {
                let cells = inner.split_evenly((3, 1));
                self.first.draw(&cells[0], &cell_style)?;
                self.second.draw(&cells[1], &cell_style)?;
                self.joint.draw(&cells[2], &cell_style)
            }
        }
    }
}

/// The shade under a marginal density over its interval.
const INTERVAL_SHADE: RGBColor = RGBColor(0xBF, 0xDC, 0xEC);

/// The joint density's regions, largest (lightest) to smallest (darkest).
const REGION_SHADES: [RGBColor; 3] = [
    RGBColor(0xD4, 0xE6, 0xF1),
    RGBColor(0x8F, 0xBF, 0xDC),
    RGBColor(0x3D, 0x8E, 0xC2),
];
