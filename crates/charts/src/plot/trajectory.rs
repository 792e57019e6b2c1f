//! Trajectory chart for mixed models: each subject's observed scores (thin lines and points),
//! each subject's fitted line, the fitted population line, and an optional vertical marker
//! where treatment starts.

use super::drawing;
use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Style, extent, padded, require_drawable, vertical_marker,
};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One subject: observed (time, score) pairs and, if fitted, the subject's fitted curve.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectTrajectory {
    pub subject: String,
    pub observed: Vec<(f64, f64)>,
    pub fitted: Vec<(f64, f64)>,
}

/// Observed and fitted trajectories.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryChart {
    pub title: String,
    /// Time axis description with unit ("months").
    pub x_label: String,
    /// Score axis description with unit.
    pub y_label: String,
    pub subjects: Vec<SubjectTrajectory>,
    /// Fitted population (fixed-effects) curve.
    pub population: Vec<(f64, f64)>,
    /// Time at which treatment starts.
    pub treatment_start: Option<f64>,
}

/// Subjects beyond this many are drawn in grey rather than in their own colours.
const COLOURED_SUBJECTS: usize = 6;

impl TrajectoryChart {
    /// Refuse a chart with nothing to draw and non-finite coordinates.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("trajectory chart '{}'", self.title);
        if self
            .subjects
            .iter()
            .all(|s| s.observed.is_empty() && s.fitted.is_empty())
            && self.population.is_empty()
        {
            return Err(Error::input(
                here(),
                "there is nothing to draw; give observed scores or a fitted line",
            ));
        }
        for s in &self.subjects {
            for (t, y) in s.observed.iter().chain(&s.fitted) {
                let at = || format!("{}, subject '{}'", here(), s.subject);
                require_drawable(*t, at, "a time")?;
                require_drawable(*y, at, "a score")?;
            }
        }
        for (t, y) in &self.population {
            require_drawable(*t, || format!("{}, population line", here()), "a time")?;
            require_drawable(*y, || format!("{}, population line", here()), "a score")?;
        }
        if let Some(t) = self.treatment_start {
            require_drawable(t, here, "the treatment start")?;
        }
        Ok(())
    }

    /// The title, the count of subjects and the legend: each subject (when `coloured`) or
    /// one entry for all, the fitted lines, the population line and the treatment start.
    fn frame(&self, coloured: bool) -> Frame<'_> {
        let mut legend = Vec::new();
        if coloured {
            for (i, s) in self.subjects.iter().enumerate() {
                legend.push(LegendEntry::new(
                    LegendMark::Point(subject_colour(coloured, i)),
                    format!("subject {}", s.subject),
                ));
            }
        } else {
            legend.push(LegendEntry::new(
                LegendMark::Point(palette::MID_GREY),
                "observed (one line per subject)",
            ));
        }
        if self.subjects.iter().any(|s| !s.fitted.is_empty()) {
            // The mark is drawn as the lines are: dashed in the subject's colour (grey when
            // there are too many subjects to colour).
            let (c, text) = if coloured {
                (
                    subject_colour(coloured, 0),
                    "fitted, per subject (dashed, in its colour)",
                )
            } else {
                (palette::MID_GREY, "fitted, per subject (dashed)")
            };
            legend.push(LegendEntry::new(LegendMark::DashedLine(c), text));
        }
        if !self.population.is_empty() {
            legend.push(LegendEntry::new(
                LegendMark::Line(palette::BLACK),
                "fitted, population",
            ));
        }
        if self.treatment_start.is_some() {
            legend.push(LegendEntry::new(
                LegendMark::VerticalDashed(palette::BLACK),
                "treatment start",
            ));
        }
        Frame {
            title: &self.title,
            subtitle: vec![super::style::count_of(
                self.subjects.len(),
                "subject",
                "subjects",
            )],
            legend,
            notes: Vec::new(),
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let coloured = self.subjects.len() <= COLOURED_SUBJECTS;
        let colour = |i: usize| subject_colour(coloured, i);
        let frame = self.frame(coloured);
        let plot_area = frame.draw(area, style)?;
        let points = || {
            self.subjects
                .iter()
                .flat_map(|s| s.observed.iter().chain(&s.fitted))
                .chain(&self.population)
        };
        let (xlo, xhi) =
            extent(points().map(|p| p.0).chain(self.treatment_start)).unwrap_or((0.0, 1.0));
        let (ylo, yhi) = extent(points().map(|p| p.1)).unwrap_or((0.0, 1.0));
        let axes = Axes::new(
            padded(xlo, xhi, 0.04),
            padded(ylo, yhi, 0.08),
            &self.x_label,
            &self.y_label,
        );
        let mut chart = axes.draw(&plot_area, style)?;
        let thin = style.line(1.0);
        for (i, s) in self.subjects.iter().enumerate() {
            let c = colour(i);
            let mut obs = s.observed.clone();
            obs.sort_by(|a, b| a.0.total_cmp(&b.0));
            chart
                .draw_series(LineSeries::new(obs.clone(), c.stroke_width(thin)))
                .map_err(drawing)?;
            chart
                .draw_series(
                    obs.iter()
                        .map(|p| Circle::new(*p, style.px(3.0), c.filled())),
                )
                .map_err(drawing)?;
            if !s.fitted.is_empty() {
                let mut fit = s.fitted.clone();
                fit.sort_by(|a, b| a.0.total_cmp(&b.0));
                let (fc, width) = if coloured {
                    (c, style.line(1.5))
                } else {
                    (palette::MID_GREY, thin)
                };
                chart
                    .draw_series(DashedLineSeries::new(
                        fit,
                        style.px(5.0),
                        style.px(4.0),
                        fc.stroke_width(width),
                    ))
                    .map_err(drawing)?;
            }
        }
        if !self.population.is_empty() {
            let mut pop = self.population.clone();
            pop.sort_by(|a, b| a.0.total_cmp(&b.0));
            chart
                .draw_series(LineSeries::new(
                    pop,
                    palette::BLACK.stroke_width(style.line(3.5)),
                ))
                .map_err(drawing)?;
        }
        if let Some(t) = self.treatment_start {
            let y = padded(ylo, yhi, 0.08);
            vertical_marker(
                &mut chart,
                &plot_area,
                style,
                (t, &y),
                palette::BLACK,
                "treatment start",
            )?;
        }
        Ok(())
    }
}

/// Subject `i`'s colour: its own when the subjects are `coloured`, else grey.
fn subject_colour(coloured: bool, i: usize) -> RGBColor {
    if coloured {
        palette::series(i)
    } else {
        palette::MID_GREY
    }
}
