//! Model-checking charts: the normal QQ plot of residuals (R's `qqnorm` with `qqline`) and
//! the caterpillar plot of random effects (each group's conditional mode, sorted, one panel
//! per random-effect term).

use super::palette;
use super::style::{
    Axes, Frame, LegendEntry, LegendMark, Style, extent, padded, pixel_in, put_text,
    require_drawable, text_width,
};
use super::{drawing, require_nonempty};
use crate::dist::qnorm;
use crate::error::Result;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Sample values against standard normal quantiles, with the line through the quartiles.
#[derive(Debug, Clone, PartialEq)]
pub struct QqChart {
    pub title: String,
    /// What the values are ("residual (alsfrs)").
    pub value_label: String,
    pub values: Vec<f64>,
}

/// R's `ppoints(n)`: (i − a) / (n + 1 − 2a), a = 3/8 for n ≤ 10, else 1/2 (Blom 1958).
pub fn ppoints(n: usize) -> Vec<f64> {
    let a = if n <= 10 { 3.0 / 8.0 } else { 0.5 };
    (1..=n)
        .map(|i| (i as f64 - a) / (n as f64 + 1.0 - 2.0 * a))
        .collect()
}

/// The `p` quantile of sorted values, R's default (type 7) definition.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

impl QqChart {
    /// Refuse fewer than two values and values that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("QQ plot '{}'", self.title);
        require_nonempty(&self.values, here, "values")?;
        for v in &self.values {
            require_drawable(*v, here, "a value")?;
        }
        Ok(())
    }

    /// (theoretical quantile, sample value) pairs, as `qqnorm` plots them.
    pub fn points(&self) -> Vec<(f64, f64)> {
        let mut sorted = self.values.clone();
        sorted.sort_by(f64::total_cmp);
        ppoints(sorted.len())
            .into_iter()
            .map(qnorm)
            .zip(sorted)
            .collect()
    }

    /// R's `qqline`: intercept and slope of the line through the first and third quartiles.
    pub fn line(&self) -> (f64, f64) {
        let mut sorted = self.values.clone();
        sorted.sort_by(f64::total_cmp);
        let (y1, y3) = (
            quantile_sorted(&sorted, 0.25),
            quantile_sorted(&sorted, 0.75),
        );
        let (x1, x3) = (qnorm(0.25), qnorm(0.75));
        let slope = (y3 - y1) / (x3 - x1);
        (y1 - slope * x1, slope)
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let frame = Frame {
            title: &self.title,
            subtitle: vec![super::style::count_of(self.values.len(), "value", "values")],
            legend: vec![
                LegendEntry::new(LegendMark::Point(palette::BLUE), "residual"),
                LegendEntry::new(
                    LegendMark::Line(palette::VERMILLION),
                    "line through the quartiles (qqline)",
                ),
            ],
            notes: vec![
                "Points on the line: residuals as a normal distribution would give them.".into(),
            ],
        };
        let plot_area = frame.draw(area, style)?;
        let points = self.points();
        let (xlo, xhi) = extent(points.iter().map(|p| p.0)).unwrap_or((-1.0, 1.0));
        let (ylo, yhi) = extent(points.iter().map(|p| p.1)).unwrap_or((-1.0, 1.0));
        let (x, y) = (padded(xlo, xhi, 0.05), padded(ylo, yhi, 0.05));
        let axes = Axes::new(
            x.clone(),
            y.clone(),
            "standard normal quantile",
            &self.value_label,
        );
        let mut chart = axes.draw(&plot_area, style)?;
        let (a, b) = self.line();
        if let Some((p, q)) = super::geometry::clip_segment(
            (x.start, a + b * x.start),
            (x.end, a + b * x.end),
            &x,
            &y,
        ) {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![p, q],
                    palette::VERMILLION.stroke_width(style.line(2.0)),
                )))
                .map_err(drawing)?;
        }
        let marker = palette::BLUE.mix(0.7).filled();
        chart
            .draw_series(
                points
                    .iter()
                    .map(|p| Circle::new(*p, style.px(3.0), marker)),
            )
            .map_err(drawing)?;
        Ok(())
    }
}

/// Each group's conditional mode of one random-effect term.
#[derive(Debug, Clone, PartialEq)]
pub struct RandomEffectTerm {
    /// The term ("(Intercept)", "month").
    pub term: String,
    /// (group level, conditional mode).
    pub modes: Vec<(String, f64)>,
}

/// Caterpillar plot: per term, the groups' conditional modes sorted, with a line at 0.
#[derive(Debug, Clone, PartialEq)]
pub struct CaterpillarChart {
    pub title: String,
    /// The grouping column ("patient").
    pub group: String,
    pub terms: Vec<RandomEffectTerm>,
}

impl CaterpillarChart {
    /// Refuse no terms, a term without groups, modes that cannot be drawn.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("caterpillar plot '{}'", self.title);
        require_nonempty(&self.terms, here, "random-effect terms")?;
        for t in &self.terms {
            let at = || format!("{}, term '{}'", here(), t.term);
            require_nonempty(&t.modes, at, "groups")?;
            for (_, m) in &t.modes {
                require_drawable(*m, at, "a conditional mode")?;
            }
        }
        Ok(())
    }

    /// Height needed: every group gets a line of text.
    pub(crate) fn needed_height(&self, style: &Style) -> u32 {
        let rows = self.terms.iter().map(|t| t.modes.len()).max().unwrap_or(0) as i32;
        (rows * (super::style::line_height(&style.tick()) + style.px(2.0)) + style.px(170.0)).max(0)
            as u32
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let frame = Frame {
            title: &self.title,
            subtitle: vec![format!(
                "conditional modes by {}, sorted; 0 is the population value",
                self.group
            )],
            legend: Vec::new(),
            notes: vec![
                "Points only: conditional variances (the intervals of lme4's dotplot) are not computed.".into(),
            ],
        };
        let plot_area = frame.draw(area, style)?;
        let cells = plot_area.split_evenly((1, self.terms.len().max(1)));
        let tick = style.tick();
        for (term, cell) in self.terms.iter().zip(cells.iter()) {
            let mut modes = term.modes.clone();
            modes.sort_by(|a, b| a.1.total_cmp(&b.1));
            let label_w = modes
                .iter()
                .map(|(l, _)| text_width(l, &tick))
                .max()
                .unwrap_or(0)
                .min(cell.dim_in_pixel().0 as i32 / 3)
                + style.px(8.0);
            let (labels, plot) = cell.split_horizontally(label_w);
            let k = modes.len();
            let (lo, hi) = extent(modes.iter().map(|m| m.1).chain([0.0])).unwrap_or((-1.0, 1.0));
            let mut axes = Axes::new(padded(lo, hi, 0.08), 0.0..(k as f64 + 1.0), &term.term, "");
            axes.y_ticks = false;
            let mut chart = axes.draw(&plot, style)?;
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(0.0, 0.0), (0.0, k as f64 + 1.0)],
                    style.px(5.0),
                    style.px(4.0),
                    palette::DARK_GREY.stroke_width(style.line(1.0)),
                ))
                .map_err(drawing)?;
            for (i, (level, mode)) in modes.iter().enumerate() {
                let yi = i as f64 + 1.0;
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (*mode, yi),
                        style.px(3.5),
                        palette::BLUE.filled(),
                    )))
                    .map_err(drawing)?;
                let (_, py) = pixel_in(&chart, &labels, (*mode, yi));
                let text = super::style::fit_text(level, &tick, label_w - style.px(8.0));
                put_text(
                    &labels,
                    &text,
                    (label_w - style.px(4.0), py),
                    &tick,
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R 4.2.2: `print(ppoints(5), digits = 17)` = 0.11904761904761904 0.30952380952380953
    /// 0.5 0.69047619047619047 0.88095238095238093; `y <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5);
    /// q <- quantile(y, c(.25, .75))` = 2.5, 5 and qqline's slope
    /// `diff(q) / diff(qnorm(c(.25, .75)))` = 1.8532527731320025.
    #[test]
    fn qq_points_and_line_follow_r() {
        let p = ppoints(5);
        assert!((p[0] - 0.119_047_619_047_619_04).abs() < 1e-16);
        assert!((p[3] - 0.690_476_190_476_190_47).abs() < 1e-16);
        let chart = QqChart {
            title: "t".into(),
            value_label: "y".into(),
            values: vec![3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0, 5.0],
        };
        let (_, slope) = chart.line();
        assert!((slope - 1.853_252_773_132_002_5).abs() < 1e-14);
        // n = 11 > 10: a = 1/2, the first point at qnorm(0.5 / 11).
        let first = chart.points()[0];
        assert!((first.0 - qnorm(0.5 / 11.0)).abs() < 1e-15 && first.1 == 1.0);
    }
}
