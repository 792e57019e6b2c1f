//! Every measure of a study on one chart: its standardised effect (free of units, so
//! measures on different scales share the axis) with its interval against the assumed
//! pre/post correlation r, one line and band per measure in the Okabe–Ito colours, each
//! labelled at its line's end rather than in a legend (the eye need not travel).

use super::palette;
use super::sensitivity::SensitivityPoint;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Plane, Style, extent, line_height, need_plot_height,
    padded, pixel_in, plot_rect, put_lines, require_drawable, require_drawable_interval,
    text_width, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use crate::level::ConfidenceLevel;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One measure's effect and interval along r.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectSweepSeries {
    pub label: String,
    pub points: Vec<SensitivityPoint>,
}

/// Several measures' effects against r.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectSweepChart {
    pub title: String,
    /// The effect's name on the y axis ("SMCC: (after − before) / SD of the change").
    pub effect_label: String,
    /// The value of no effect, drawn as a dashed line.
    pub null_value: f64,
    /// Confidence level of the bands.
    pub level: ConfidenceLevel,
    pub series: Vec<EffectSweepSeries>,
    /// What was assumed, printed under the chart.
    pub notes: Vec<String>,
}

impl EffectSweepChart {
    /// Refuse no measures, a measure without points, r outside [−1, 1], values that cannot
    /// be drawn and reversed intervals.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("effect sweep chart '{}'", self.title);
        require_nonempty(&self.series, here, "measures")?;
        require_drawable(self.null_value, here, "the null value")?;
        for s in &self.series {
            let at = || format!("{}, '{}'", here(), s.label);
            require_nonempty(&s.points, at, "points")?;
            for p in &s.points {
                require_drawable(p.r, at, "r")?;
                if !(-1.0..=1.0).contains(&p.r) {
                    return Err(Error::input(
                        at(),
                        format!("r is {}; allowed: −1 to 1", p.r),
                    ));
                }
                require_drawable(p.estimate, at, "the estimate")?;
                require_drawable_interval(p.ci_lower, p.ci_upper, at, "confidence interval")?;
            }
        }
        Ok(())
    }

    /// The title, the subtitle, the legend (the band, the null line) and the notes.
    fn frame(&self) -> Frame<'_> {
        let null = super::style::tick_number(self.null_value);
        Frame {
            title: &self.title,
            subtitle: vec![format!(
                "one line per measure, each with its {} CI as a band",
                self.level.label()
            )],
            legend: vec![
                LegendEntry::new(
                    LegendMark::Square(palette::tint(palette::MID_GREY, 0.3)),
                    format!("{} CI", self.level.label()),
                ),
                LegendEntry::new(
                    LegendMark::DashedLine(palette::DARK_GREY),
                    format!("no effect ({null})"),
                ),
            ],
            notes: self.notes.clone(),
        }
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let frame = self.frame();
        let plot_area = frame.draw(area, style)?;
        let sorted: Vec<Vec<SensitivityPoint>> = self
            .series
            .iter()
            .map(|s| {
                let mut pts = s.points.clone();
                pts.sort_by(|a, b| a.r.total_cmp(&b.r));
                pts
            })
            .collect();
        let all = || sorted.iter().flatten();
        let (rlo, rhi) = extent(all().map(|p| p.r)).unwrap_or((0.0, 0.9));
        let (ylo, yhi) = extent(
            all()
                .flat_map(|p| [p.ci_lower, p.ci_upper])
                .chain([self.null_value]),
        )
        .unwrap_or((0.0, 1.0));
        let x = padded(rlo, rhi, 0.03);
        let y = padded(ylo, yhi, 0.06);

        // The labels at the lines' ends take a column right of the plot: as wide as the
        // widest label, but at most 30 % of the image, where a longer one wraps (up to three
        // lines).
        let text = style.tick();
        let (aw, _) = plot_area.dim_in_pixel();
        let gap = style.px(6.0);
        let widest = self
            .series
            .iter()
            .map(|s| text_width(&s.label, &text))
            .max()
            .unwrap_or(0);
        let column = widest.min(aw as i32 * 3 / 10);
        let labels: Vec<Vec<String>> = self
            .series
            .iter()
            .map(|s| wrap_text(&s.label, &text, column, 3))
            .collect();
        let mut axes = Axes::new(
            x.clone(),
            y.clone(),
            "assumed pre/post correlation r",
            &self.effect_label,
        );
        axes.extra_right = column + gap;
        let mut chart = axes.draw(&plot_area, style)?;

        draw_bands(&mut chart, &sorted, style)?;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(x.start, self.null_value), (x.end, self.null_value)],
                style.px(6.0),
                style.px(4.0),
                palette::DARK_GREY.stroke_width(style.line(1.5)),
            ))
            .map_err(drawing)?;
        for (i, pts) in sorted.iter().enumerate() {
            let colour = palette::series(i);
            chart
                .draw_series(LineSeries::new(
                    pts.iter().map(|p| (p.r, p.estimate)),
                    colour.stroke_width(style.line(2.5)),
                ))
                .map_err(drawing)?;
            chart
                .draw_series(
                    pts.iter()
                        .map(|p| Circle::new((p.r, p.estimate), style.px(3.0), colour.filled())),
                )
                .map_err(drawing)?;
        }

        draw_end_labels(&chart, &plot_area, &sorted, &labels, gap, style)
    }
}

/// Draws each measure's interval along r in its colour: a band, or a whisker for a single r.
fn draw_bands<DB: DrawingBackend>(
    chart: &mut Plane<DB>,
    sorted: &[Vec<SensitivityPoint>],
    style: &Style,
) -> Result<()> {
    for (i, pts) in sorted.iter().enumerate() {
        let colour = palette::series(i);
        if pts.len() > 1 {
            let band: Vec<(f64, f64)> = pts
                .iter()
                .map(|p| (p.r, p.ci_upper))
                .chain(pts.iter().rev().map(|p| (p.r, p.ci_lower)))
                .collect();
            chart
                .draw_series(std::iter::once(Polygon::new(
                    band,
                    colour.mix(0.13).filled(),
                )))
                .map_err(drawing)?;
        } else if let [only] = pts.as_slice() {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(only.r, only.ci_lower), (only.r, only.ci_upper)],
                    colour.mix(0.4).stroke_width(style.line(3.0)),
                )))
                .map_err(drawing)?;
        }
    }
    Ok(())
}

/// Draws each label beside its line's last point, moved up or down just enough that no two
/// overlap, and tied to its point by a thin line when moved.
fn draw_end_labels<DB: DrawingBackend>(
    chart: &Plane<DB>,
    plot_area: &DrawingArea<DB, Shift>,
    sorted: &[Vec<SensitivityPoint>],
    labels: &[Vec<String>],
    gap: i32,
    style: &Style,
) -> Result<()> {
    let text = style.tick();
    let (_, top, right, bottom) = plot_rect(chart, plot_area);
    let lh = line_height(&text);
    let ends: Vec<(i32, i32)> = sorted
        .iter()
        .map(|pts| {
            pts.last().map_or((right, top), |p| {
                pixel_in(chart, plot_area, (p.r, p.estimate))
            })
        })
        .collect();
    let heights: Vec<i32> = labels.iter().map(|l| l.len() as i32 * lh).collect();
    // Labels that need more height than the plot has: the image is drawn taller.
    need_plot_height(heights.iter().sum::<i32>() + lh, bottom - top);
    let centres = spread_apart(
        &ends.iter().map(|e| e.1).collect::<Vec<_>>(),
        &heights,
        (top, bottom),
    );
    for (i, lines) in labels.iter().enumerate() {
        let colour = palette::series(i);
        let label_x = right + gap;
        let (ex, ey) = ends[i];
        if (centres[i] - ey).abs() > lh / 3 {
            plot_area
                .draw(&PathElement::new(
                    vec![(ex, ey), (label_x - style.px(2.0), centres[i])],
                    colour.mix(0.6).stroke_width(1),
                ))
                .map_err(drawing)?;
        }
        put_lines(
            plot_area,
            lines,
            (label_x, centres[i] - heights[i] / 2 + lh / 2),
            &text.color(&colour),
            HPos::Left,
            VPos::Center,
        )?;
    }
    Ok(())
}

/// Centres for labels of `heights` wanted at `wanted` (pixel rows), moved as little as
/// possible so that none overlaps the next, inside `bounds` (top, bottom) where they fit.
pub(crate) fn spread_apart(wanted: &[i32], heights: &[i32], bounds: (i32, i32)) -> Vec<i32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i]);
    let mut centre = vec![0; wanted.len()];
    // Top down: each at least half its height and half the previous one's below that one.
    let mut floor = bounds.0;
    for &i in &order {
        let c = wanted[i].max(floor + heights[i] / 2);
        centre[i] = c;
        floor = c + heights[i] - heights[i] / 2;
    }
    // Bottom up: pushed back above the bottom, as far as the ones above allow.
    let mut ceiling = bounds.1;
    for &i in order.iter().rev() {
        let c = centre[i].min(ceiling - (heights[i] - heights[i] / 2));
        centre[i] = c;
        ceiling = c - heights[i] / 2;
    }
    centre
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_spread_apart_only_as_far_as_needed() {
        // Far apart: left where they are.
        assert_eq!(spread_apart(&[10, 100], &[20, 20], (0, 200)), [10, 100]);
        // Two at one place: one moved down a label's height.
        assert_eq!(spread_apart(&[50, 50], &[20, 20], (0, 200)), [50, 70]);
        // At the bottom: the pair moves up to stay inside.
        assert_eq!(spread_apart(&[195, 195], &[20, 20], (0, 200)), [170, 190]);
        // Given out of order.
        assert_eq!(spread_apart(&[60, 55], &[20, 20], (0, 200)), [75, 55]);
    }

    #[test]
    fn a_measure_without_points_or_with_r_out_of_range_is_refused() {
        let chart = |points: Vec<SensitivityPoint>| EffectSweepChart {
            title: "t".into(),
            effect_label: "SMCC".into(),
            null_value: 0.0,
            level: ConfidenceLevel::NINETY_FIVE,
            series: vec![EffectSweepSeries {
                label: "EDSS".into(),
                points,
            }],
            notes: Vec::new(),
        };
        let e = chart(Vec::new()).validate().unwrap_err().to_string();
        assert!(e.contains("'EDSS'") && e.contains("no points"), "{e}");
        let p = SensitivityPoint {
            r: 1.5,
            estimate: 0.1,
            ci_lower: 0.0,
            ci_upper: 0.2,
        };
        let e = chart(vec![p]).validate().unwrap_err().to_string();
        assert!(e.contains("−1 to 1"), "{e}");
    }
}
