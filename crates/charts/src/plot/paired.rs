//! Paired before/after chart from patient-level values: one thin line per patient across the
//! time points (so who improved and who worsened shows), and beside each time point the mean
//! ± SD of the patients measured there, computed from the values (sample SD, n − 1).

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, padded, pixel_in, plot_rect,
    put_lines, put_text, require_drawable, significant, text_width, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One patient's values, one per time point (`None` where not measured).
#[derive(Debug, Clone, PartialEq)]
pub struct PatientValues {
    pub id: String,
    pub values: Vec<Option<f64>>,
}

/// The paired chart: time points in order, and every patient's values at them.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedChart {
    pub title: String,
    /// The measure and its unit for the y axis ("EDSS (points)").
    pub y_label: String,
    pub times: Vec<String>,
    pub patients: Vec<PatientValues>,
}

/// Mean, sample SD and n of the values at one time point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub mean: f64,
    /// `None` for a single value.
    pub sd: Option<f64>,
    pub n: usize,
}

impl PairedChart {
    /// Refuse no time points, no patients, a patient with the wrong number of values, values
    /// that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("paired chart '{}'", self.title);
        require_nonempty(&self.times, here, "time points")?;
        require_nonempty(&self.patients, here, "patients")?;
        for p in &self.patients {
            let at = || format!("{}, patient '{}'", here(), p.id);
            if p.values.len() != self.times.len() {
                return Err(Error::input(
                    at(),
                    format!(
                        "has {} values for {} time points",
                        p.values.len(),
                        self.times.len()
                    ),
                ));
            }
            for v in p.values.iter().flatten() {
                require_drawable(*v, at, "a value")?;
            }
        }
        Ok(())
    }

    /// Mean ± SD and n at time point `t` (`None` when nobody was measured then).
    pub fn summary(&self, t: usize) -> Option<Summary> {
        let values: Vec<f64> = self
            .patients
            .iter()
            .filter_map(|p| p.values.get(t).copied().flatten())
            .collect();
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let sd = (n > 1).then(|| {
            (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        });
        Some(Summary { mean, sd, n })
    }

    /// The title, the count of patients and the legend.
    fn frame(&self) -> Frame<'_> {
        Frame {
            title: &self.title,
            subtitle: vec![super::style::count_of(
                self.patients.len(),
                "patient",
                "patients",
            )],
            legend: vec![
                LegendEntry::new(LegendMark::Line(palette::MID_GREY), "one patient"),
                LegendEntry::new(
                    LegendMark::PointWithBar(palette::VERMILLION),
                    "mean ± SD of the patients measured",
                ),
            ],
            notes: Vec::new(),
        }
    }

    /// Draws each patient: translucent lines joining consecutive measured time points, and
    /// a point at each.
    fn draw_patients<DB: DrawingBackend>(
        &self,
        chart: &mut Plane<DB>,
        style: &Style,
    ) -> Result<()> {
        let line = palette::MID_GREY.mix(0.6).stroke_width(style.line(1.0));
        for p in &self.patients {
            for (t, pair) in p.values.windows(2).enumerate() {
                if let (Some(a), Some(b)) = (pair[0], pair[1]) {
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            vec![(t as f64, a), (t as f64 + 1.0, b)],
                            line,
                        )))
                        .map_err(drawing)?;
                }
            }
            for (t, v) in p.values.iter().enumerate() {
                if let Some(v) = v {
                    chart
                        .draw_series(std::iter::once(Circle::new(
                            (t as f64, *v),
                            style.px(2.5),
                            palette::MID_GREY.mix(0.8).filled(),
                        )))
                        .map_err(drawing)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let frame = self.frame();
        let plot_area = frame.draw(area, style)?;
        let k = self.times.len();
        let summaries: Vec<Option<Summary>> = (0..k).map(|t| self.summary(t)).collect();
        let (ylo, yhi) = extent(
            self.patients
                .iter()
                .flat_map(|p| p.values.iter().flatten().copied())
                .chain(summaries.iter().flatten().flat_map(|s| {
                    let sd = s.sd.unwrap_or(0.0);
                    [s.mean - sd, s.mean + sd]
                })),
        )
        .unwrap_or((0.0, 1.0));
        let y = padded(ylo, yhi, 0.08);
        let mut axes = Axes::new(-0.5..(k as f64 - 0.5), y.clone(), "", &self.y_label);
        axes.x_ticks = false;
        axes.x_label_lines = 3;
        let mut chart = axes.draw(&plot_area, style)?;
        self.draw_patients(&mut chart, style)?;
        // Summaries beside each time point (offset right), with their numbers.
        let (left, _, right, bottom) = plot_rect(&chart, &plot_area);
        let col_w = (right - left) / k as i32;
        let offset = 0.18;
        let tick = style.tick();
        let colour = palette::VERMILLION;
        for (t, s) in summaries.iter().enumerate() {
            let Some(s) = s else { continue };
            let x = t as f64 + offset;
            if let Some(sd) = s.sd {
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(x, s.mean - sd), (x, s.mean + sd)],
                        colour.stroke_width(style.line(2.0)),
                    )))
                    .map_err(drawing)?;
            }
            let (px, py) = pixel_in(&chart, &plot_area, (x, s.mean));
            plot_area
                .draw(&Circle::new((px, py), style.px(5.0), colour.filled()))
                .map_err(drawing)?;
            let text = match s.sd {
                Some(sd) => format!("{} ± {}", significant(s.mean, 3), significant(sd, 2)),
                None => significant(s.mean, 3),
            };
            if text_width(&text, &tick) < col_w / 2 - style.px(14.0) {
                put_text(
                    &plot_area,
                    &text,
                    (px + style.px(8.0), py),
                    &tick,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
        }
        // Time labels with the n measured at each.
        for (t, label) in self.times.iter().enumerate() {
            let (cx, _) = pixel_in(&chart, &plot_area, (t as f64, y.start));
            let mut lines = wrap_text(label, &tick, col_w - style.px(6.0), 2);
            lines.push(format!("n = {}", summaries[t].map_or(0, |s| s.n)));
            put_lines(
                &plot_area,
                &lines,
                (cx, bottom + style.px(6.0)),
                &tick,
                HPos::Center,
                VPos::Top,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_use_the_patients_measured() {
        let chart = PairedChart {
            title: "t".into(),
            y_label: "y".into(),
            times: vec!["before".into(), "after".into()],
            patients: vec![
                PatientValues {
                    id: "a".into(),
                    values: vec![Some(4.0), Some(3.0)],
                },
                PatientValues {
                    id: "b".into(),
                    values: vec![Some(6.0), None],
                },
            ],
        };
        // before: mean 5, SD sqrt(((4-5)^2 + (6-5)^2) / 1) = sqrt(2); after: 3 alone.
        let before = chart.summary(0).unwrap();
        assert_eq!((before.mean, before.n), (5.0, 2));
        assert!((before.sd.unwrap() - 2f64.sqrt()).abs() < 1e-15);
        assert_eq!(chart.summary(1).unwrap().sd, None);
    }
}
