//! Group-sequential boundaries: the efficacy (and futility) bound of each look against the
//! information fraction, each efficacy point labelled with its nominal p, and the fixed
//! design's bound as a dashed reference. Labels that would cover one another are left out
//! (from the second of two that collide), and a note says the table has them all.

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Style, dry_run, extent, padded, require_drawable,
    text_width,
};
use super::{drawing, require_nonempty};
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What a line of bounds is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundaryKind {
    /// Stop and reject H0 beyond it.
    Efficacy,
    /// Stop for futility below it.
    Futility,
}

/// One bound at one look, with the text written beside it (the nominal p).
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryPoint {
    /// Information fraction.
    pub x: f64,
    pub y: f64,
    pub note: Option<String>,
}

/// The bounds of one kind across the looks.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryLine {
    pub label: String,
    pub kind: BoundaryKind,
    pub points: Vec<BoundaryPoint>,
}

/// A group-sequential design's boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryChart {
    pub title: String,
    pub subtitle: Vec<String>,
    pub x_label: String,
    pub y_label: String,
    pub lines: Vec<BoundaryLine>,
    /// A horizontal reference (the fixed design's critical value) and its legend text.
    pub reference: Option<(f64, String)>,
}

impl BoundaryChart {
    /// Refuse no bounds and values that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("boundary chart '{}'", self.title);
        require_nonempty(&self.lines, here, "boundaries")?;
        for line in &self.lines {
            for p in &line.points {
                require_drawable(p.x, here, "an information fraction")?;
                require_drawable(p.y, here, "a bound")?;
            }
        }
        if let Some((y, _)) = self.reference {
            require_drawable(y, here, "the reference bound")?;
        }
        Ok(())
    }

    fn colour(kind: BoundaryKind) -> RGBColor {
        match kind {
            BoundaryKind::Efficacy => palette::VERMILLION,
            BoundaryKind::Futility => palette::BLUE,
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        // A dry run, with the note's line kept free, tells whether every nominal p finds
        // room; if not, the chart is drawn with the note.
        let all_shown = dry_run(area, |paper| self.draw_with_note(paper, style, true))?;
        self.draw_with_note(area, style, !all_shown)?;
        Ok(())
    }

    /// The title, the legend (each kind of line once, the reference line) and, when `note`,
    /// the note that some nominal p are left out.
    fn frame(&self, note: bool) -> Frame<'_> {
        let mut legend: Vec<LegendEntry> = Vec::new();
        for line in &self.lines {
            if !legend.iter().any(|e| e.label == line.label) {
                legend.push(LegendEntry::new(
                    LegendMark::Line(Self::colour(line.kind)),
                    line.label.clone(),
                ));
            }
        }
        if let Some((_, text)) = &self.reference {
            legend.push(LegendEntry::new(
                LegendMark::DashedLine(palette::DARK_GREY),
                text.clone(),
            ));
        }
        let notes = note.then(|| {
            "Some looks' nominal p are left out at this size; the table lists them all.".to_string()
        });
        Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend,
            notes: notes.into_iter().collect(),
        }
    }

    /// Draw the chart (with the note that some nominal p are left out when `note`) and
    /// return whether every nominal p was written.
    fn draw_with_note<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
        note: bool,
    ) -> Result<bool> {
        let frame = self.frame(note);
        let plot_area = frame.draw(area, style)?;
        let xs = self.lines.iter().flat_map(|l| l.points.iter().map(|p| p.x));
        let ys = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| p.y))
            .chain(self.reference.iter().map(|r| r.0));
        let (_, xhi) = extent(xs.chain(std::iter::once(0.0))).unwrap_or((0.0, 1.0));
        let (ylo, yhi) = extent(ys).unwrap_or((0.0, 1.0));
        // Room above the highest point for its label.
        let axes = Axes::new(
            padded(0.0, xhi, 0.04),
            padded(ylo.min(0.0), yhi, 0.12),
            &self.x_label,
            &self.y_label,
        );
        let mut chart = axes.draw(&plot_area, style)?;
        if let Some((y, _)) = self.reference {
            let x = &axes.x;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x.start, y), (x.end, y)],
                    style.px(6.0),
                    style.px(4.0),
                    palette::DARK_GREY.stroke_width(style.line(1.5)),
                ))
                .map_err(drawing)?;
        }
        for line in &self.lines {
            let colour = Self::colour(line.kind);
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().map(|p| (p.x, p.y)),
                    colour.stroke_width(style.line(2.5)),
                ))
                .map_err(drawing)?;
            chart
                .draw_series(
                    line.points
                        .iter()
                        .map(|p| Circle::new((p.x, p.y), style.px(4.0), colour.filled())),
                )
                .map_err(drawing)?;
        }
        let text = style.note();
        let gap = style.px(9.0);
        let shown_notes = self.shown_notes(&chart, style);
        let all_shown = self.lines.iter().zip(&shown_notes).all(|(l, shown)| {
            l.points
                .iter()
                .zip(shown)
                .all(|(p, s)| *s || p.note.is_none())
        });
        for (line, shown) in self.lines.iter().zip(shown_notes) {
            // Efficacy notes above their point, futility notes below.
            let (v, dy) = match line.kind {
                BoundaryKind::Efficacy => (VPos::Bottom, -gap),
                BoundaryKind::Futility => (VPos::Top, gap),
            };
            let last = line.points.len().saturating_sub(1);
            for (i, (p, show)) in line.points.iter().zip(shown).enumerate() {
                let (Some(note), true) = (&p.note, show) else {
                    continue;
                };
                // Above and to the right of the point, clear of the line coming in from the
                // left; the last look's centred, away from the plot's right edge.
                let (h, dx) = if i == last {
                    (HPos::Center, 0)
                } else {
                    (HPos::Left, gap / 2)
                };
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at((p.x, p.y))
                            + Text::new(note.clone(), (dx, dy), text.pos(Pos::new(h, v))),
                    ))
                    .map_err(drawing)?;
            }
        }
        Ok(all_shown)
    }

    /// Which notes of each line are written: left to right, a note is left out when it
    /// would overlap the last one written on its line.
    fn shown_notes<DB: DrawingBackend>(
        &self,
        chart: &ChartContext<
            DB,
            Cartesian2d<
                plotters::coord::types::RangedCoordf64,
                plotters::coord::types::RangedCoordf64,
            >,
        >,
        style: &Style,
    ) -> Vec<Vec<bool>> {
        let text = style.note();
        let pad = style.px(6.0);
        let gap = style.px(9.0);
        self.lines
            .iter()
            .map(|line| {
                let mut right_of_last = i32::MIN;
                let last = line.points.len().saturating_sub(1);
                line.points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let Some(note) = &p.note else {
                            return false;
                        };
                        let (px, _) = chart.backend_coord(&(p.x, p.y));
                        let width = text_width(note, &text);
                        // As drawn: left-aligned just right of the point, the last centred.
                        let left = if i == last {
                            px - width / 2
                        } else {
                            px + gap / 2
                        };
                        if left < right_of_last + pad {
                            return false;
                        }
                        right_of_last = left + width;
                        true
                    })
                    .collect()
            })
            .collect()
    }
}
