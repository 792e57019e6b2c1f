//! Funnel plot: each study's estimate against its standard error, the axis inverted so that
//! precise studies sit at the top; the pooled estimate with its pseudo-confidence funnel (at
//! the model's level, 95 % by default),
//! optional contour-enhanced shading where a study would be significant at p < 0.10, 0.05
//! and 0.01 (Peters et al. 2008, J Clin Epidemiol 61:991), and an optional Egger regression
//! line (Egger et al. 1997, BMJ 315:629; drawn as metafor's `regtest` with the standard
//! error as predictor: estimate = intercept + slope × SE).

use super::geometry::{clip_polygon, clip_segment};
use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, padded, require_drawable,
    tick_number,
};
use super::{drawing, require_nonempty};
use crate::dist::z_crit;
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;

/// One study: estimate and standard error.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStudy {
    pub label: String,
    pub estimate: f64,
    pub standard_error: f64,
}

/// A regression line of estimate on standard error: estimate = intercept + slope × SE.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EggerLine {
    pub intercept: f64,
    pub slope: f64,
}

/// The studies trim and fill imputed (Duval & Tweedie 2000, Biometrics 56:455) and the
/// estimate from the observed and the filled studies together, drawn as metafor's
/// `funnel(trimfill(...))`: hollow markers and a second vertical line.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledStudies {
    pub studies: Vec<FunnelStudy>,
    pub estimate: f64,
}

/// A funnel plot.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelChart {
    pub title: String,
    /// The effect's name on the x axis.
    pub effect_label: String,
    pub studies: Vec<FunnelStudy>,
    /// Pooled estimate: the vertical line and the centre of the pseudo-CI funnel.
    pub pooled: Option<f64>,
    /// The level of the pseudo-confidence funnel around the pooled estimate (the model's, as
    /// metafor's `funnel`).
    pub level: ConfidenceLevel,
    /// Shade the regions of significance (p < 0.10, 0.05, 0.01) around 0.
    pub contours: bool,
    pub egger: Option<EggerLine>,
    /// Trim and fill's imputed studies and adjusted estimate.
    pub filled: Option<FilledStudies>,
}

impl FunnelChart {
    /// Refuse no studies, non-finite values and standard errors that are not positive.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("funnel plot '{}'", self.title);
        require_nonempty(&self.studies, here, "studies")?;
        for (i, s) in self.studies.iter().enumerate() {
            let at = || format!("{}, study {} ('{}')", here(), i + 1, s.label);
            require_drawable(s.estimate, at, "the estimate")?;
            require_drawable(s.standard_error, at, "the standard error")?;
            if s.standard_error <= 0.0 {
                return Err(Error::input(
                    at(),
                    format!(
                        "the standard error is {}; it must be above 0",
                        s.standard_error
                    ),
                ));
            }
        }
        if let Some(p) = self.pooled {
            require_drawable(p, here, "the pooled estimate")?;
        }
        if let Some(e) = self.egger {
            require_drawable(e.intercept, here, "the Egger intercept")?;
            require_drawable(e.slope, here, "the Egger slope")?;
        }
        if let Some(f) = &self.filled {
            require_drawable(f.estimate, here, "the trim-and-fill estimate")?;
            for (i, s) in f.studies.iter().enumerate() {
                let at = || format!("{}, filled study {}", here(), i + 1);
                require_drawable(s.estimate, at, "the estimate")?;
                require_drawable(s.standard_error, at, "the standard error")?;
                if s.standard_error <= 0.0 {
                    return Err(Error::input(at(), "the standard error must be above 0"));
                }
            }
        }
        Ok(())
    }

    /// The SE at the bottom of the axis (a little below the largest) and the x values the
    /// axis must show: the studies (and filled ones), the funnel's foot and, with contours,
    /// the contours' foot around 0.
    fn extent_values(&self, z95: f64, filled: &[FunnelStudy]) -> (f64, Vec<f64>) {
        let se_max = self
            .studies
            .iter()
            .chain(filled)
            .map(|s| s.standard_error)
            .fold(0.0, f64::max);
        let bottom = se_max * 1.08;
        let mut xs: Vec<f64> = self
            .studies
            .iter()
            .chain(filled)
            .map(|s| s.estimate)
            .collect();
        let p = self.pooled.unwrap_or(0.0);
        xs.extend([p - z95 * bottom, p + z95 * bottom]);
        if let Some(f) = &self.filled {
            xs.push(f.estimate);
        }
        if self.contours {
            xs.extend([-z95 * bottom, z95 * bottom]);
        }
        (bottom, xs)
    }

    /// The title, the count of studies (unless the title says it) and the legend; the
    /// studies' mark is hollow when `many`.
    fn frame(&self, many: bool) -> Frame<'_> {
        // Short entries, the three contours as one, so that the legend takes two rows at
        // 400 px wide and the plot keeps its height.
        // Many studies are drawn hollow (below), and so is their legend mark.
        let study_mark = if many {
            LegendMark::HollowPoint(palette::BLACK)
        } else {
            LegendMark::Point(palette::BLACK)
        };
        let mut legend = vec![LegendEntry::new(study_mark, "study")];
        legend.push(LegendEntry::new(
            LegendMark::Line(palette::BLUE),
            if self.pooled.is_some() {
                "pooled"
            } else {
                "no effect (0)"
            },
        ));
        legend.push(LegendEntry::new(
            LegendMark::DashedLine(palette::BLUE),
            format!("pseudo {} CI", self.level.label()),
        ));
        if self.filled.is_some() {
            legend.push(LegendEntry::new(
                LegendMark::HollowPoint(palette::REDDISH_PURPLE),
                "filled (trim and fill)",
            ));
            legend.push(LegendEntry::new(
                LegendMark::DashedLine(palette::REDDISH_PURPLE),
                "adjusted estimate",
            ));
        }
        if self.egger.is_some() {
            legend.push(LegendEntry::new(
                LegendMark::Line(palette::VERMILLION),
                "Egger",
            ));
        }
        if self.contours {
            legend.push(LegendEntry::new(
                LegendMark::Shades(palette::CONTOUR_SHADES),
                "p < 0.10, 0.05, 0.01",
            ));
        }
        // The number of studies, unless the title already says it (meta's default title
        // ends "…: 13 studies"): a subtitle repeating the title costs a line at 400x300.
        let count = super::style::count_of(self.studies.len(), "study", "studies");
        let subtitle = if self.title.contains(&count) {
            Vec::new()
        } else {
            vec![count]
        };
        Frame {
            title: &self.title,
            subtitle,
            legend,
            notes: Vec::new(),
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        // The half-width of the pseudo-CI funnel per unit SE, at the chart's level.
        let z95 = self.level.z_crit();
        let filled: &[FunnelStudy] = self.filled.as_ref().map_or(&[], |f| &f.studies[..]);
        let (bottom, xs) = self.extent_values(z95, filled);
        let (xlo, xhi) = extent(xs).unwrap_or((-1.0, 1.0));
        let x = padded(xlo, xhi, 0.05);
        // y is −SE, so that SE = 0 is at the top.
        let y: Range<f64> = -bottom..0.0;

        // Without a pooled estimate the funnel is drawn around no effect (0), and says so.
        let centre = self.pooled.unwrap_or(0.0);
        let many = self.studies.len() >= 30;
        let frame = self.frame(many);
        let plot_area = frame.draw(area, style)?;
        let mut axes = Axes::new(x.clone(), y.clone(), &self.effect_label, "standard error");
        axes.y_format = |v| tick_number(-v);
        let mut chart = axes.draw(&plot_area, style)?;

        if self.contours {
            draw_contours(&mut chart, &x, &y, bottom)?;
        }
        let mut segment =
            |a: (f64, f64), b: (f64, f64), colour: RGBColor, dashed: bool| -> Result<()> {
                let Some((p, q)) = clip_segment(a, b, &x, &y) else {
                    return Ok(());
                };
                let line = colour.stroke_width(style.line(1.5));
                if dashed {
                    chart
                        .draw_series(DashedLineSeries::new(
                            vec![p, q],
                            style.px(6.0),
                            style.px(4.0),
                            line,
                        ))
                        .map_err(drawing)?;
                } else {
                    chart
                        .draw_series(LineSeries::new(vec![p, q], line))
                        .map_err(drawing)?;
                }
                Ok(())
            };
        let p = centre;
        segment((p, 0.0), (p, -bottom), palette::BLUE, false)?;
        segment((p, 0.0), (p - z95 * bottom, -bottom), palette::BLUE, true)?;
        segment((p, 0.0), (p + z95 * bottom, -bottom), palette::BLUE, true)?;
        if let Some(e) = self.egger {
            segment(
                (e.intercept, 0.0),
                (e.intercept + e.slope * bottom, -bottom),
                palette::VERMILLION,
                false,
            )?;
        }
        if let Some(f) = &self.filled {
            segment(
                (f.estimate, 0.0),
                (f.estimate, -bottom),
                palette::REDDISH_PURPLE,
                true,
            )?;
        }
        // Many studies overlap: hollow markers from 30 on, translucent ones below.
        let marker = if many {
            palette::BLACK.mix(0.7).stroke_width(style.line(1.0))
        } else {
            palette::BLACK.mix(0.75).filled()
        };
        chart
            .draw_series(
                self.studies
                    .iter()
                    .map(|s| Circle::new((s.estimate, -s.standard_error), style.px(4.0), marker)),
            )
            .map_err(drawing)?;
        // The imputed studies: open circles in another colour, drawn last so none is hidden.
        chart
            .draw_series(filled.iter().map(|s| {
                Circle::new(
                    (s.estimate, -s.standard_error),
                    style.px(4.0),
                    palette::REDDISH_PURPLE.stroke_width(style.line(1.5)),
                )
            }))
            .map_err(drawing)?;
        Ok(())
    }
}

/// Shades the contours (Peters et al. 2008): p < 0.01 outside, then 0.05 and 0.10, white
/// where no study would be significant at 0.10.
fn draw_contours<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    x: &Range<f64>,
    y: &Range<f64>,
    bottom: f64,
) -> Result<()> {
    let rect = vec![
        (x.start, y.start),
        (x.end, y.start),
        (x.end, y.end),
        (x.start, y.end),
    ];
    chart
        .draw_series(std::iter::once(Polygon::new(
            rect,
            palette::CONTOUR_SHADES[2].filled(),
        )))
        .map_err(drawing)?;
    let fills = [
        (z_crit(0.99), palette::CONTOUR_SHADES[1]),
        (z_crit(0.95), palette::CONTOUR_SHADES[0]),
        (z_crit(0.90), palette::WHITE),
    ];
    for (z, colour) in fills {
        let tri = [(0.0, 0.0), (-z * bottom, -bottom), (z * bottom, -bottom)];
        let clipped = clip_polygon(&tri, x, y);
        if clipped.len() >= 3 {
            chart
                .draw_series(std::iter::once(Polygon::new(clipped, colour.filled())))
                .map_err(drawing)?;
        }
    }
    Ok(())
}
