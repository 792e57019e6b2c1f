//! Sensitivity chart: an effect estimate and its confidence interval against the assumed
//! pre/post correlation r (for example 0 to 0.9), with the line of no effect and the first
//! r at which the interval excludes it marked.

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, padded, require_drawable,
    require_drawable_interval, tick_number, vertical_marker, vertical_marker_at,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::VPos;

/// The estimate and interval at one assumed correlation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityPoint {
    pub r: f64,
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// Where, along r, the interval stops containing the null value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SignificanceOnset {
    /// The interval excludes the null value at every r on the grid.
    Everywhere,
    /// The interval contains the null value at every r up to 1.
    Nowhere,
    /// The interval excludes the null value from this r on (the exact threshold, or the
    /// first r on the grid).
    From(f64),
    /// The interval excludes the null value only from this r on, which lies beyond the
    /// largest r of the grid (so the chart shows no significant r).
    BeyondGrid(f64),
}

/// The r a result uses, with where it comes from, in one word ("implied").
#[derive(Debug, Clone, PartialEq)]
pub struct MarkedR {
    pub r: f64,
    pub source: String,
}

/// An effect and its interval as functions of r.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityChart {
    pub title: String,
    /// The effect's name on the y axis ("SMCR (Hedges' g)").
    pub effect_label: String,
    /// The value of no effect (0 for differences, 1 for ratios).
    pub null_value: f64,
    /// Confidence level of the intervals, for the legend.
    pub level: ConfidenceLevel,
    pub points: Vec<SensitivityPoint>,
    /// The exact r from which the change is significant, when it is known in closed form
    /// (`prepost::significance_threshold`); marked instead of the first r on the grid.
    pub threshold: Option<SignificanceOnset>,
    /// The r the headline result uses, marked on the chart with where it comes from
    /// ("implied", "reported", "chosen", "assumed"), so the chart shows which point of the
    /// sweep the report's p and interval are.
    pub marked_r: Option<MarkedR>,
    /// What was assumed to draw the chart, printed under it ("± read as the SD").
    pub assumptions: Vec<String>,
    /// The values (and the null value) are logarithms of a ratio (log ratio of means): the
    /// y axis is then the log scale, its ticks and the null value shown as ratios (exp), so
    /// a halving and a doubling lie equally far from 1.
    pub exponentiate: bool,
}

/// Largest |log ratio| drawn: ratios from 1e-15 to 1e15, as the forest plot allows.
const LOG_RATIO_LIMIT: f64 = 34.538776394910684; // ln(1e15)

impl SensitivityChart {
    /// Refuse an empty grid, non-finite values, r outside [−1, 1], reversed intervals.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("sensitivity chart '{}'", self.title);
        require_nonempty(&self.points, here, "points")?;
        require_drawable(self.null_value, here, "the null value")?;
        for (i, p) in self.points.iter().enumerate() {
            let at = || format!("{}, point {}", here(), i + 1);
            require_drawable(p.r, at, "r")?;
            if !(-1.0..=1.0).contains(&p.r) {
                return Err(Error::input(
                    at(),
                    format!("r is {}; allowed: −1 to 1", p.r),
                ));
            }
            require_drawable(p.estimate, at, "the estimate")?;
            require_drawable_interval(p.ci_lower, p.ci_upper, at, "confidence interval")?;
            if self.exponentiate {
                for v in [p.estimate, p.ci_lower, p.ci_upper] {
                    if v.abs() > LOG_RATIO_LIMIT {
                        return Err(Error::input(
                            at(),
                            format!(
                                "a value is {v}; on the log scale ({{field:exp}}) values are log ratios, shown as exp(value), and must lie between -{LOG_RATIO_LIMIT:.1} and {LOG_RATIO_LIMIT:.1} (ratios from 1e-15 to 1e15)"
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The points sorted by r.
    fn sorted(&self) -> Vec<SensitivityPoint> {
        let mut pts = self.points.clone();
        pts.sort_by(|a, b| a.r.total_cmp(&b.r));
        pts
    }

    /// Where significance starts: the exact threshold when given (placed against the grid:
    /// at or below its first r it is everywhere on the chart, above its last r it is beyond
    /// it), else the first r on the grid (in increasing r) at which the interval excludes the
    /// null value.
    pub fn onset(&self) -> SignificanceOnset {
        let pts = self.sorted();
        if let Some(t) = self.threshold {
            let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
                return t;
            };
            return match t {
                SignificanceOnset::From(r) if r <= first.r => SignificanceOnset::Everywhere,
                SignificanceOnset::From(r) if r > last.r => SignificanceOnset::BeyondGrid(r),
                other => other,
            };
        }
        let excludes =
            |p: &SensitivityPoint| p.ci_lower > self.null_value || p.ci_upper < self.null_value;
        if pts.iter().all(excludes) {
            SignificanceOnset::Everywhere
        } else {
            match pts.iter().find(|p| excludes(p)) {
                Some(p) => SignificanceOnset::From(p.r),
                None => SignificanceOnset::Nowhere,
            }
        }
    }

    /// The title, where significance starts (with `null`, the null value as printed) as
    /// the subtitle, the legend and the assumptions as notes.
    fn frame(&self, null: &str) -> Frame<'_> {
        let onset_text = match self.onset() {
            SignificanceOnset::Everywhere => format!("the interval excludes {null} at every r"),
            SignificanceOnset::Nowhere => format!("the interval includes {null} at every r"),
            SignificanceOnset::BeyondGrid(r) => format!(
                "the interval excludes {null} only from r = {} on, beyond the r shown",
                crate::output::human_number((r * 1000.0).round() / 1000.0)
            ),
            SignificanceOnset::From(r) if self.threshold.is_some() => {
                format!(
                    "the interval excludes {null} from r = {} on",
                    crate::output::human_number((r * 1000.0).round() / 1000.0)
                )
            }
            SignificanceOnset::From(r) => {
                format!(
                    "the interval excludes {null} from r = {} on (first r on the grid)",
                    tick_number(r)
                )
            }
        };
        let level = format!("{} CI", self.level.label());
        Frame {
            title: &self.title,
            subtitle: vec![onset_text],
            legend: vec![
                LegendEntry::new(LegendMark::Line(palette::BLUE), "estimate"),
                LegendEntry::new(
                    LegendMark::Square(palette::tint(palette::SKY_BLUE, 0.35)),
                    level,
                ),
                LegendEntry::new(
                    LegendMark::DashedLine(palette::DARK_GREY),
                    format!("no effect ({null})"),
                ),
            ],
            notes: self.assumptions.clone(),
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let pts = self.sorted();
        let null = if self.exponentiate {
            tick_number(self.null_value.exp())
        } else {
            tick_number(self.null_value)
        };
        let frame = self.frame(&null);
        let plot_area = frame.draw(area, style)?;
        let (rlo, rhi) = extent(
            pts.iter()
                .map(|p| p.r)
                .chain(self.marked_r.iter().map(|m| m.r)),
        )
        .unwrap_or((0.0, 0.9));
        let (ylo, yhi) = extent(
            pts.iter()
                .flat_map(|p| [p.ci_lower, p.ci_upper])
                .chain(std::iter::once(self.null_value)),
        )
        .unwrap_or((0.0, 1.0));
        let x = padded(rlo, rhi, 0.03);
        let y = padded(ylo, yhi, 0.08);
        let mut axes = Axes::new(
            x.clone(),
            y.clone(),
            "assumed pre/post correlation r",
            &self.effect_label,
        );
        if self.exponentiate {
            // Ticks at round ratios (0.5, 1, 2, …), not at exp of round logarithms.
            axes.y_log_base = Some(std::f64::consts::E);
        }
        let mut chart = axes.draw(&plot_area, style)?;
        draw_band(&mut chart, &pts, style)?;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x.start, self.null_value), (x.end, self.null_value)],
                style.px(6.0),
                style.px(4.0),
                palette::DARK_GREY.stroke_width(style.line(1.5)),
            ))
            .map_err(drawing)?;
        chart
            .draw_series(LineSeries::new(
                pts.iter().map(|p| (p.r, p.estimate)),
                palette::BLUE.stroke_width(style.line(2.5)),
            ))
            .map_err(drawing)?;
        chart
            .draw_series(
                pts.iter()
                    .map(|p| Circle::new((p.r, p.estimate), style.px(3.5), palette::BLUE.filled())),
            )
            .map_err(drawing)?;
        // Where significance starts: a vertical line and its label at the top of the plot.
        if let SignificanceOnset::From(r) = self.onset() {
            let label = format!(
                "significant from r = {}",
                crate::output::human_number((r * 1000.0).round() / 1000.0)
            );
            vertical_marker(
                &mut chart,
                &plot_area,
                style,
                (r, &y),
                palette::VERMILLION,
                &label,
            )?;
        }
        // The r of the headline result (`report`'s paired test at that r), labelled at the foot of the plot so that it never
        // covers the label of the significance line at its head.
        if let Some(m) = &self.marked_r {
            let label = format!(
                "{} r = {} (headline result)",
                m.source,
                crate::output::human_number((m.r * 100.0).round() / 100.0)
            );
            vertical_marker_at(
                &mut chart,
                &plot_area,
                style,
                (m.r, &y),
                palette::BLACK,
                &label,
                VPos::Bottom,
            )?;
        }
        Ok(())
    }
}

/// Draws the interval at each r: a band between the bounds (a whisker for a single r),
/// edged by the bounds' lines.
fn draw_band<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    pts: &[SensitivityPoint],
    style: &Style,
) -> Result<()> {
    let band: Vec<(f64, f64)> = pts
        .iter()
        .map(|p| (p.r, p.ci_upper))
        .chain(pts.iter().rev().map(|p| (p.r, p.ci_lower)))
        .collect();
    if let [only] = pts {
        // One r: the interval as a whisker.
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(only.r, only.ci_lower), (only.r, only.ci_upper)],
                palette::SKY_BLUE.stroke_width(style.line(3.0)),
            )))
            .map_err(drawing)?;
    }
    if pts.len() > 1 {
        chart
            .draw_series(std::iter::once(Polygon::new(
                band,
                palette::tint(palette::SKY_BLUE, 0.35).filled(),
            )))
            .map_err(drawing)?;
    }
    for bound in [
        |p: &SensitivityPoint| p.ci_lower,
        |p: &SensitivityPoint| p.ci_upper,
    ] {
        chart
            .draw_series(LineSeries::new(
                pts.iter().map(|p| (p.r, bound(p))),
                palette::SKY_BLUE.stroke_width(style.line(1.0)),
            ))
            .map_err(drawing)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(bounds: &[(f64, f64, f64)]) -> SensitivityChart {
        SensitivityChart {
            threshold: None,
            marked_r: None,
            assumptions: Vec::new(),
            exponentiate: false,
            title: "t".into(),
            effect_label: "g".into(),
            null_value: 0.0,
            level: ConfidenceLevel::NINETY_FIVE,
            points: bounds
                .iter()
                .map(|&(r, lo, hi)| SensitivityPoint {
                    r,
                    estimate: (lo + hi) / 2.0,
                    ci_lower: lo,
                    ci_upper: hi,
                })
                .collect(),
        }
    }

    #[test]
    fn onset_is_the_first_r_whose_interval_excludes_the_null() {
        // Given out of order on purpose: the grid is sorted by r first.
        let c = chart(&[
            (0.5, 0.1, 0.9),
            (0.0, -0.2, 1.2),
            (0.3, 0.01, 1.0),
            (0.1, -0.1, 1.1),
        ]);
        assert_eq!(c.onset(), SignificanceOnset::From(0.3));
        assert_eq!(
            chart(&[(0.0, 0.1, 0.2)]).onset(),
            SignificanceOnset::Everywhere
        );
        assert_eq!(
            chart(&[(0.0, -0.1, 0.2), (0.9, -0.01, 0.3)]).onset(),
            SignificanceOnset::Nowhere
        );
    }

    #[test]
    fn an_exact_threshold_is_placed_against_the_grid() {
        let mut c = chart(&[(0.0, -0.2, 1.2), (0.5, -0.1, 0.9), (0.9, -0.05, 0.8)]);
        c.threshold = Some(SignificanceOnset::From(0.95));
        assert_eq!(c.onset(), SignificanceOnset::BeyondGrid(0.95));
        c.threshold = Some(SignificanceOnset::From(-0.4));
        assert_eq!(c.onset(), SignificanceOnset::Everywhere);
        c.threshold = Some(SignificanceOnset::From(0.7));
        assert_eq!(c.onset(), SignificanceOnset::From(0.7));
    }

    #[test]
    fn r_outside_minus_one_to_one_is_refused() {
        let e = chart(&[(1.5, 0.1, 0.2)])
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("point 1") && e.contains("−1 to 1"), "{e}");
    }
}
