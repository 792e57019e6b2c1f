//! Every measure of a study on one chart: the paired test's p-value against the assumed
//! pre/post correlation r (p is free of units, so measures on different scales share the
//! axis), on a log scale, with the significance level as a line.

use super::palette;
use super::style::{Axes, Frame, LegendEntry, LegendMark, Style, extent, require_drawable};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One measure's p-values along r.
#[derive(Debug, Clone, PartialEq)]
pub struct PValueSeries {
    pub label: String,
    /// (r, p) pairs.
    pub points: Vec<(f64, f64)>,
}

/// p against r for several measures.
#[derive(Debug, Clone, PartialEq)]
pub struct PValueChart {
    pub title: String,
    /// The significance level drawn as a line (0.05).
    pub alpha: f64,
    pub series: Vec<PValueSeries>,
    /// What was assumed, printed under the chart.
    pub notes: Vec<String>,
}

/// The smallest p drawn; smaller ones sit on the axis's floor (p < 1e-12 reads the same).
const P_FLOOR: f64 = 1e-12;

impl PValueChart {
    /// Refuse no series, r outside [−1, 1], p outside (0, 1].
    pub fn validate(&self) -> Result<()> {
        let here = || format!("p-value chart '{}'", self.title);
        require_nonempty(&self.series, here, "measures")?;
        for s in &self.series {
            let at = || format!("{}, '{}'", here(), s.label);
            require_nonempty(&s.points, at, "points")?;
            for (r, p) in &s.points {
                require_drawable(*r, at, "r")?;
                require_drawable(*p, at, "p")?;
                if !(-1.0..=1.0).contains(r) || !(0.0..=1.0).contains(p) {
                    return Err(Error::input(
                        at(),
                        format!("r = {r}, p = {p}; r must lie in [-1, 1] and p in [0, 1]"),
                    ));
                }
            }
        }
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(Error::input(here(), "alpha must lie between 0 and 1"));
        }
        Ok(())
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let mut legend: Vec<LegendEntry> = self
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| LegendEntry::new(LegendMark::Line(palette::series(i)), s.label.clone()))
            .collect();
        legend.push(LegendEntry::new(
            LegendMark::DashedLine(palette::DARK_GREY),
            format!("α = {}", crate::output::human_number(self.alpha)),
        ));
        let frame = Frame {
            title: &self.title,
            subtitle: vec!["below the line: significant at that r".into()],
            legend,
            notes: self.notes.clone(),
        };
        let plot_area = frame.draw(area, style)?;
        let log = |p: f64| p.max(P_FLOOR).log10();
        let all = || self.series.iter().flat_map(|s| s.points.iter());
        let (rlo, rhi) = extent(all().map(|p| p.0)).unwrap_or((0.0, 0.9));
        let (plo, _) =
            extent(all().map(|p| log(p.1)).chain([log(self.alpha)])).unwrap_or((-2.0, 0.0));
        let x = rlo..rhi.max(rlo + 0.1);
        let y = (plo.floor() - 0.2)..0.1;
        let mut axes = Axes::new(
            x.clone(),
            y.clone(),
            "assumed pre/post correlation r",
            "p (log scale)",
        );
        // Ticks at round p-values (1, 0.1, 0.01 or 1, 0.5, 0.2, 0.1, 0.05, …), printed as
        // numbers.
        axes.y_log_base = Some(10.0);
        let mut chart = axes.draw(&plot_area, style)?;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x.start, log(self.alpha)), (x.end, log(self.alpha))],
                style.px(6.0),
                style.px(4.0),
                palette::DARK_GREY.stroke_width(style.line(1.5)),
            ))
            .map_err(drawing)?;
        for (i, s) in self.series.iter().enumerate() {
            let colour = palette::series(i);
            let points: Vec<(f64, f64)> = s.points.iter().map(|(r, p)| (*r, log(*p))).collect();
            chart
                .draw_series(LineSeries::new(
                    points.clone(),
                    colour.stroke_width(style.line(2.5)),
                ))
                .map_err(drawing)?;
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|p| Circle::new(*p, style.px(3.0), colour.filled())),
                )
                .map_err(drawing)?;
        }
        Ok(())
    }
}
