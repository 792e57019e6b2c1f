//! Study panel: every before/after measure of one study side by side (for example relapse
//! rate, EDSS, pain and fatigue), each cell on its own measure's scale.

use super::before_after::{BeforeAfterChart, bar_legend};
use super::palette;
use super::require_nonempty;
use super::style::{Frame, LegendEntry, LegendMark, Style};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Smallest width and height of a cell, in pixels at 96 dpi.
pub const CELL_MIN: f64 = 260.0;

/// The before/after charts of one study, drawn as a grid of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelChart {
    pub title: String,
    /// Lines under the title (design, n).
    pub subtitle: Vec<String>,
    pub measures: Vec<BeforeAfterChart>,
}

impl PanelChart {
    /// Refuse an empty panel and any cell that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        require_nonempty(
            &self.measures,
            || format!("panel '{}'", self.title),
            "measures",
        )?;
        self.measures.iter().try_for_each(|m| m.validate())
    }

    /// Rows and columns of the grid at image width `width`: as many columns as leave each
    /// cell [`CELL_MIN`] pixels (at 96 dpi) wide, then balanced (4 cells in 3 columns are
    /// drawn 2 × 2).
    pub fn grid(&self, width: u32, style: &Style) -> (usize, usize) {
        let k = self.measures.len().max(1);
        let fit = (width as i32 / style.px(CELL_MIN)).max(1) as usize;
        let rows = k.div_ceil(fit.min(k));
        (rows, k.div_ceil(rows))
    }

    /// The height the grid needs at `size`'s width: each row of cells at least [`CELL_MIN`]
    /// pixels (at 96 dpi) high, so a narrow image stacks the cells and grows taller rather than
    /// squeezing them.
    pub(crate) fn needed_height(&self, size: super::Size, style: &Style) -> u32 {
        let (rows, _) = self.grid(size.width, style);
        (rows as i32 * style.px(CELL_MIN) + style.px(150.0)) as u32
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        // One legend for the whole panel: each kind of bar once.
        let mut legend: Vec<LegendEntry> = Vec::new();
        for m in &self.measures {
            let entry = LegendEntry::new(
                LegendMark::PointWithBar(palette::BLUE),
                bar_legend(m.bar_kind),
            );
            if !legend.contains(&entry) {
                legend.push(entry);
            }
        }
        let frame = Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend,
            notes: self
                .measures
                .iter()
                .flat_map(|m| {
                    m.notes()
                        .into_iter()
                        .map(move |n| format!("{}: {n}", m.measure_label))
                })
                .collect(),
        };
        let inner = frame.draw(area, style)?;
        let (rows, cols) = self.grid(inner.dim_in_pixel().0, style);
        // Cell titles and labels a little smaller than the panel's own title.
        let cell_style = style.shrunk(0.85);
        let cells = inner.split_evenly((rows, cols));
        let label_lines = self
            .measures
            .iter()
            .zip(cells.iter())
            .map(|(measure, cell)| measure.cell_label_lines(cell, &cell_style))
            .max()
            .unwrap_or(1);
        for (measure, cell) in self.measures.iter().zip(cells.iter()) {
            measure.draw_cell(cell, &cell_style, label_lines)?;
        }
        Ok(())
    }
}
