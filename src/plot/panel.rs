//! Study panel: every before/after measure of one study side by side (for example relapse
//! rate, EDSS, pain and fatigue), each cell on its own measure's scale.

use super::before_after::BeforeAfterChart;
use super::require_nonempty;
use super::style::{Frame, Style};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;

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

    /// Rows and columns of the grid: one row up to 4 cells, then as square as fits.
    pub fn grid(&self) -> (usize, usize) {
        let k = self.measures.len().max(1);
        if k <= 4 {
            (1, k)
        } else {
            let cols = (k as f64).sqrt().ceil() as usize;
            (k.div_ceil(cols), cols)
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let frame = Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend: Vec::new(),
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
        let (rows, cols) = self.grid();
        let factor = match cols {
            1 => 1.0,
            2 => 0.85,
            _ => 0.72,
        } * if rows > 1 { 0.9 } else { 1.0 };
        let cell_style = style.shrunk(factor);
        let cells = inner.split_evenly((rows, cols));
        for (measure, cell) in self.measures.iter().zip(cells.iter()) {
            measure.draw_cell(cell, &cell_style)?;
        }
        Ok(())
    }
}
