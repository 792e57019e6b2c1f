//! Charts rendered with plotters to SVG and PNG, with the embedded DejaVu Sans font.
//!
//! Every chart kind is a plain input struct in its own file (the lead converts study data
//! into them); [`Chart`] is the enum over the kinds, and [`render`] writes one chart to a file
//! whose extension (`.svg` or `.png`) picks the format. Writes are atomic: the image goes to
//! a temporary file in the same directory, which is then renamed over the target.
//!
//! [`write_gallery`] writes many named charts into one folder (the report's `plots/`), with
//! `index.md` and `index.html`.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`Chart`], [`Size`], [`Canvas`], [`render`], [`render_svg`], [`render_svg_file`], shared input checks |
//! | [`before_after`], [`panel`] | mean ± spread at each time point; several measures side by side |
//! | [`slope`] | declines per month before and after treatment |
//! | [`paired`] | per-patient lines with mean ± SD beside each time point |
//! | [`pvalue`] | every measure's p-value against the assumed r, on one chart |
//! | [`effect_sweep`] | every measure's standardised effect and interval against the assumed r, on one chart |
//! | [`scatter`] | named points on two axes (the Baujat plot) |
//! | [`bubble`] | a meta-regression on one moderator: studies sized by weight, line and band |
//! | [`diagnostic`] | residual QQ plot and random-effects caterpillar plot of a mixed model |
//! | [`sensitivity`] | an effect and its interval against the assumed pre/post r |
//! | [`forest`], [`funnel`] | meta-analysis charts |
//! | [`network`], [`league`] | a network meta-analysis's graph and league table |
//! | [`posterior`] | marginal and joint posterior densities (Bayesian meta-analysis) |
//! | [`proportion`] | proportions with their intervals |
//! | [`histogram`] | (reconstructed) samples |
//! | [`trajectory`] | per-subject and population lines of a mixed model |
//! | [`lsmeans`] | least-squares means per arm over visits with intervals and n (an MMRM) |
//! | [`observed_fitted`] | a generalised mixed model's observed against fitted values by level (over time; category shares) |
//! | [`power`] | patients per arm (or power) across a sweep of nuisance parameters |
//! | [`gallery`] | many named charts into one folder, with an index |
//! | [`input`] | chart rows from inline values or a CSV file |
//! | [`palette`], [`style`], [`geometry`] | Okabe–Ito colours; sizes, frame, legend, axes; clipping |
//! | [`font`], [`raster`] | the embedded font, text measuring, SVG text finishing; SVG → PNG, and SVG with its text as glyph outlines |
//!
//! Sizes: text is set in points for a stated resolution ([`Canvas::dpi`], 96 by default), so
//! a label has the same size in pixels at 400×300 and at 1600×1200 and a larger image gives
//! the data more room, not bigger letters; `--dpi 300` with a large image makes a print
//! figure. Every chart is drawn once as SVG; the PNG is that SVG rasterised.

pub mod before_after;
pub mod boundaries;
pub mod bubble;
pub mod diagnostic;
pub mod effect_sweep;
pub mod font;
pub mod forest;
pub mod funnel;
pub mod gallery;
pub mod geometry;
pub mod histogram;
pub mod input;
pub mod league;
pub mod lsmeans;
pub mod network;
pub mod observed_fitted;
pub mod paired;
pub mod palette;
pub mod panel;
pub mod posterior;
pub mod power;
pub mod proportion;
pub mod pvalue;
pub mod raster;
pub mod scatter;
pub mod sensitivity;
pub mod slope;
pub mod style;
pub mod trajectory;

pub use before_after::{BeforeAfterChart, TimePointValue, bar_legend};
pub use boundaries::{BoundaryChart, BoundaryKind, BoundaryLine, BoundaryPoint};
pub use bubble::{Bubble, BubbleChart, FittedPoint};
pub use diagnostic::{CaterpillarChart, QqChart, RandomEffectTerm};
pub use effect_sweep::{EffectSweepChart, EffectSweepSeries};
pub use forest::{
    ForestChart, ForestColumn, ForestRow, ForestSubgroup, ForestSummary, ShrunkInterval,
};
pub use funnel::{EggerLine, FilledStudies, FunnelChart, FunnelStudy};
pub use gallery::{GalleryItem, write_gallery};
pub use histogram::{HistogramChart, HistogramLayout, HistogramSample};
pub use league::{LeagueChart, LeagueEntry};
pub use lsmeans::{LsMeanArm, LsMeanPoint, LsMeansChart};
pub use network::{NetworkChart, NetworkEdge, NetworkNode};
pub use observed_fitted::{
    LevelSeries, LevelShares, LevelValues, ObservedFittedBody, ObservedFittedChart,
};
pub use paired::{PairedChart, PatientValues};
pub use panel::PanelChart;
pub use posterior::{JointDensityPanel, MarginalDensity, PosteriorChart};
pub use power::{PowerSweepChart, PowerSweepSeries};
pub use proportion::{ProportionChart, ProportionItem};
pub use pvalue::{PValueChart, PValueSeries};
pub use scatter::{LabelledPoint, ScatterChart};
pub use sensitivity::{MarkedR, SensitivityChart, SensitivityPoint, SignificanceOnset};
pub use slope::{ObservedPoint, SlopeChart};
pub use trajectory::{SubjectTrajectory, TrajectoryChart};

use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use style::Style;

/// One chart of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Mean ± SD/SEM of one measure at each time point.
    BeforeAfter(BeforeAfterChart),
    /// All before/after measures of one study side by side.
    Panel(PanelChart),
    /// Pre- and post-treatment per-month declines from a common start.
    Slope(SlopeChart),
    /// Effect and CI against the assumed pre/post correlation r.
    Sensitivity(SensitivityChart),
    /// One row per effect, optional pooled diamond and prediction interval.
    Forest(ForestChart),
    /// Estimates against standard errors.
    Funnel(FunnelChart),
    /// Proportions with exact CIs.
    Proportion(ProportionChart),
    /// Value → count of (reconstructed) samples.
    Histogram(HistogramChart),
    /// Per-subject and population trajectories of a mixed model.
    Trajectory(TrajectoryChart),
    /// Least-squares means per arm over visits (an MMRM).
    LsMeans(LsMeansChart),
    /// Patients per arm (or power) across a sweep.
    PowerSweep(PowerSweepChart),
    /// A group-sequential design's bounds by information fraction.
    Boundaries(BoundaryChart),
    /// Per-patient before/after lines with the mean ± SD at each time point.
    Paired(PairedChart),
    /// Residuals against normal quantiles.
    Qq(QqChart),
    /// Random effects' conditional modes per group, sorted.
    Caterpillar(CaterpillarChart),
    /// Every measure's p-value against the assumed r.
    PValue(PValueChart),
    /// Every measure's standardised effect and interval against the assumed r.
    EffectSweep(EffectSweepChart),
    /// Named points on two axes (the Baujat plot).
    Scatter(ScatterChart),
    /// A meta-regression on one moderator with weighted studies.
    Bubble(BubbleChart),
    /// Marginal and joint posterior densities of two parameters (boxed: it holds three
    /// charts' worth of fields).
    Posterior(Box<PosteriorChart>),
    /// Treatments on a circle joined by their direct comparisons.
    Network(NetworkChart),
    /// Observed against fitted by level (a generalised mixed model).
    ObservedFitted(ObservedFittedChart),
    /// Every pair of treatments' estimate, row vs column.
    League(LeagueChart),
}

macro_rules! chart_from {
    ($($variant:ident($ty:ty)),*) => {
        $(impl From<$ty> for Chart {
            fn from(c: $ty) -> Self {
                Chart::$variant(c)
            }
        })*
    };
}
chart_from!(
    BeforeAfter(BeforeAfterChart),
    Panel(PanelChart),
    Slope(SlopeChart),
    Sensitivity(SensitivityChart),
    Forest(ForestChart),
    Funnel(FunnelChart),
    Proportion(ProportionChart),
    Histogram(HistogramChart),
    Trajectory(TrajectoryChart),
    LsMeans(LsMeansChart),
    PowerSweep(PowerSweepChart),
    Boundaries(BoundaryChart),
    Paired(PairedChart),
    Qq(QqChart),
    Caterpillar(CaterpillarChart),
    PValue(PValueChart),
    EffectSweep(EffectSweepChart),
    Scatter(ScatterChart),
    Bubble(BubbleChart),
    Network(NetworkChart),
    ObservedFitted(ObservedFittedChart),
    League(LeagueChart)
);

impl From<PosteriorChart> for Chart {
    fn from(c: PosteriorChart) -> Self {
        Chart::Posterior(Box::new(c))
    }
}

impl Chart {
    /// Refuse values that cannot be drawn (NaN, infinite, a CI whose lower end is above its
    /// upper end, ...), naming the item.
    pub fn validate(&self) -> Result<()> {
        match self {
            Chart::BeforeAfter(c) => c.validate(),
            Chart::Panel(c) => c.validate(),
            Chart::Slope(c) => c.validate(),
            Chart::Sensitivity(c) => c.validate(),
            Chart::Forest(c) => c.validate(),
            Chart::Funnel(c) => c.validate(),
            Chart::Proportion(c) => c.validate(),
            Chart::Histogram(c) => c.validate(),
            Chart::Trajectory(c) => c.validate(),
            Chart::LsMeans(c) => c.validate(),
            Chart::PowerSweep(c) => c.validate(),
            Chart::Boundaries(c) => c.validate(),
            Chart::Paired(c) => c.validate(),
            Chart::Qq(c) => c.validate(),
            Chart::Caterpillar(c) => c.validate(),
            Chart::PValue(c) => c.validate(),
            Chart::EffectSweep(c) => c.validate(),
            Chart::Scatter(c) => c.validate(),
            Chart::Bubble(c) => c.validate(),
            Chart::Posterior(c) => c.validate(),
            Chart::Network(c) => c.validate(),
            Chart::ObservedFitted(c) => c.validate(),
            Chart::League(c) => c.validate(),
        }
    }

    /// The height in pixels the chart needs at `size`'s width (0 when any height will do):
    /// a forest plot gives every row a line of text.
    pub fn needed_height(&self, size: Size, style: &Style) -> u32 {
        match self {
            Chart::Forest(c) => c.needed_height(size, style),
            Chart::Proportion(c) => c.as_forest().needed_height(size, style),
            Chart::Panel(c) => c.needed_height(size, style),
            Chart::Caterpillar(c) => c.needed_height(style),
            Chart::ObservedFitted(c) => c.needed_height(size, style),
            Chart::Posterior(c) => c.needed_height(size, style),
            _ => 0,
        }
    }

    /// The width in pixels the chart needs (0 when any width will do): a league table gives
    /// every cell room for its numbers, so a small image of many treatments is drawn wider.
    pub fn needed_width(&self, style: &Style) -> u32 {
        match self {
            Chart::League(c) => c.needed_width(style),
            _ => 0,
        }
    }

    /// The tallest image the chart makes use of at `size`'s width (`None`: any height): a
    /// forest plot spaces its rows at most 1.5 times their natural spacing, so a taller image
    /// would only add white space and is drawn this high instead.
    pub fn useful_height(&self, size: Size, style: &Style) -> Option<u32> {
        match self {
            Chart::Forest(c) => Some(c.tallest_height(size, style)),
            Chart::Proportion(c) => Some(c.as_forest().tallest_height(size, style)),
            _ => None,
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, style: &Style) -> Result<()> {
        match self {
            Chart::BeforeAfter(c) => c.draw(area, style),
            Chart::Panel(c) => c.draw(area, style),
            Chart::Slope(c) => c.draw(area, style),
            Chart::Sensitivity(c) => c.draw(area, style),
            Chart::Forest(c) => c.draw(area, style),
            Chart::Funnel(c) => c.draw(area, style),
            Chart::Proportion(c) => c.draw(area, style),
            Chart::Histogram(c) => c.draw(area, style),
            Chart::Trajectory(c) => c.draw(area, style),
            Chart::LsMeans(c) => c.draw(area, style),
            Chart::PowerSweep(c) => c.draw(area, style),
            Chart::Boundaries(c) => c.draw(area, style),
            Chart::Paired(c) => c.draw(area, style),
            Chart::Qq(c) => c.draw(area, style),
            Chart::Caterpillar(c) => c.draw(area, style),
            Chart::PValue(c) => c.draw(area, style),
            Chart::EffectSweep(c) => c.draw(area, style),
            Chart::Scatter(c) => c.draw(area, style),
            Chart::Bubble(c) => c.draw(area, style),
            Chart::Posterior(c) => c.draw(area, style),
            Chart::Network(c) => c.draw(area, style),
            Chart::ObservedFitted(c) => c.draw(area, style),
            Chart::League(c) => c.draw(area, style),
        }
    }
}

/// Image size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// The default size, 800×600.
    pub const DEFAULT: Size = Size {
        width: 800,
        height: 600,
    };
    /// Smallest width or height accepted.
    pub const MIN: u32 = 200;
    /// Largest width or height accepted.
    pub const MAX: u32 = 10_000;

    /// A size, refused unless both sides are within [`Size::MIN`]..=[`Size::MAX`].
    pub fn new(width: u32, height: u32) -> Result<Size> {
        for (name, v) in [("{field:width}", width), ("{field:height}", height)] {
            if !(Self::MIN..=Self::MAX).contains(&v) {
                return Err(Error::input(
                    name,
                    format!(
                        "{v} pixels is out of range; allowed: {} to {}",
                        Self::MIN,
                        Self::MAX
                    ),
                ));
            }
        }
        Ok(Size { width, height })
    }
}

impl Default for Size {
    fn default() -> Self {
        Size::DEFAULT
    }
}

/// How an SVG file of a chart writes its text ([`render`], [`render_svg_file`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SvgText {
    /// As the outlines of the embedded fonts' glyphs (`<path>`: no `<text>`, no font named),
    /// laid out as in the PNG: the file shows the same on any machine, with or without
    /// DejaVu Sans and a Japanese font. Its text can no longer be selected or edited as text.
    #[default]
    Outlined,
    /// As `<text>` naming the embedded fonts (DejaVu Sans, VL PGothic), each with its measured
    /// width (`textLength`): a vector editor can change it; a viewer without those fonts
    /// draws it with others, in the same place.
    Editable,
}

/// What a chart is drawn on: its size in pixels, the resolution its text sizes (in points)
/// are converted at, and how an SVG file writes its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    pub size: Size,
    /// Pixels per inch: text of `p` points is `p × dpi / 72` pixels high.
    pub dpi: f64,
    /// How an SVG file of the chart writes its text (outlines unless asked otherwise); the
    /// SVG of [`render_svg`], for a page that serves the fonts, always keeps its text.
    pub svg_text: SvgText,
}

impl Canvas {
    /// The default resolution, a screen's 96 pixels per inch.
    pub const DEFAULT_DPI: f64 = 96.0;
    /// Smallest resolution accepted: below it the smallest text would fall under 9 pixels.
    pub const MIN_DPI: f64 = 72.0;
    /// Largest resolution accepted.
    pub const MAX_DPI: f64 = 1200.0;

    /// A canvas, refused unless `size` is within range and `dpi` within
    /// [`Canvas::MIN_DPI`]..=[`Canvas::MAX_DPI`].
    pub fn new(size: Size, dpi: f64) -> Result<Canvas> {
        let size = Size::new(size.width, size.height)?;
        if !(dpi.is_finite() && (Self::MIN_DPI..=Self::MAX_DPI).contains(&dpi)) {
            return Err(Error::field(
                "dpi",
                format!(
                    "{dpi} is out of range; allowed: {} to {} pixels per inch",
                    Self::MIN_DPI,
                    Self::MAX_DPI
                ),
            ));
        }
        Ok(Canvas {
            size,
            dpi,
            svg_text: SvgText::default(),
        })
    }

    /// This canvas, with an SVG file's text written as `svg_text` says.
    pub fn with_svg_text(self, svg_text: SvgText) -> Canvas {
        Canvas { svg_text, ..self }
    }
}

impl From<Size> for Canvas {
    fn from(size: Size) -> Canvas {
        Canvas {
            size,
            dpi: Canvas::DEFAULT_DPI,
            svg_text: SvgText::default(),
        }
    }
}

impl Default for Canvas {
    fn default() -> Self {
        Size::DEFAULT.into()
    }
}

/// The image formats, picked by the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

impl ImageFormat {
    /// The format for `path`'s extension (`.svg` or `.png`, any case).
    pub fn from_path(path: &Path) -> Result<ImageFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("svg") => Ok(ImageFormat::Svg),
            Some("png") => Ok(ImageFormat::Png),
            _ => Err(Error::input(
                path.display().to_string(),
                "the file name must end in .svg or .png (the extension picks the format)",
            )),
        }
    }
}

/// Draw `chart` on `canvas` (a [`Size`] alone uses the default resolution) and write it to
/// `path`, as SVG ([`render_svg_file`]: its text as glyph outlines unless the canvas says
/// [`SvgText::Editable`]) or PNG ([`render_png`]) by the extension. A chart whose rows need more height than the
/// canvas has (a forest plot of many studies) is drawn taller, one whose cells need more
/// width (a league table of many treatments) wider; one that cannot use the canvas's height
/// (a forest plot of a few studies) is drawn shorter. The file appears complete or
/// not at all (temporary file in the same directory, then renamed).
pub fn render(chart: &Chart, path: &Path, canvas: impl Into<Canvas>) -> Result<()> {
    let canvas = canvas.into();
    let bytes = match ImageFormat::from_path(path)? {
        ImageFormat::Svg => render_svg_file(chart, canvas)?.into_bytes(),
        ImageFormat::Png => render_png(chart, canvas)?,
    };
    trialstats_numerics::whole_file::write(path, &bytes, "chart", None).map_err(Into::into)
}

/// Draw `chart` on `canvas` and return the PNG file's bytes (as [`render`] writes them).
pub fn render_png(chart: &Chart, canvas: impl Into<Canvas>) -> Result<Vec<u8>> {
    let canvas = canvas.into();
    let canvas = Canvas::new(canvas.size, canvas.dpi)?;
    chart.validate()?;
    font::register_font()?;
    let (svg, size) = draw_svg(chart, canvas)?;
    raster::svg_to_png(&svg, size.width, size.height, canvas.dpi)
}

/// Draw `chart` on `canvas` and return the SVG text, with its text as `<text>` naming the
/// embedded fonts: for a page that serves those fonts (the page's inline charts,
/// `report.html`). A file to write or hand on is [`render_svg_file`]'s.
pub fn render_svg(chart: &Chart, canvas: impl Into<Canvas>) -> Result<String> {
    let canvas = canvas.into();
    let canvas = Canvas::new(canvas.size, canvas.dpi)?;
    chart.validate()?;
    Ok(draw_svg(chart, canvas)?.0)
}

/// Draw `chart` on `canvas` and return the SVG file to write or hand on: the commands'
/// `.svg` files ([`render`]) and the page's SVG download. By default it needs no font:
/// [`render_svg`]'s SVG with its text written as the outlines of the embedded fonts' glyphs,
/// placed as in the PNG ([`raster::svg_text_to_paths`]); larger than [`render_svg`]'s, and its
/// text can no longer be selected or edited. With [`SvgText::Editable`] it is
/// [`render_svg`]'s, its text kept as text.
pub fn render_svg_file(chart: &Chart, canvas: impl Into<Canvas>) -> Result<String> {
    let canvas = canvas.into();
    let svg = render_svg(chart, canvas)?;
    match canvas.svg_text {
        SvgText::Outlined => raster::svg_text_to_paths(&svg),
        SvgText::Editable => Ok(svg),
    }
}

/// The finished SVG of `chart` and the size it was drawn at (taller than asked when the
/// chart needs it).
fn draw_svg(chart: &Chart, canvas: Canvas) -> Result<(String, Size)> {
    font::register_font()?;
    let style = Style::for_canvas(canvas);
    let asked = match chart.useful_height(canvas.size, &style) {
        Some(tallest) => canvas.size.height.min(tallest.max(Size::MIN)),
        None => canvas.size.height,
    };
    let mut size = Size {
        width: canvas
            .size
            .width
            .max(chart.needed_width(&style))
            .min(Size::MAX),
        height: chart
            .needed_height(canvas.size, &style)
            .clamp(asked, Size::MAX),
    };
    style::take_shortfall();
    let mut svg = draw_svg_at(chart, size, &style)?;
    // Text that left the plot too little height: once more, that much taller.
    let shortfall = style::take_shortfall();
    if shortfall > 0 && size.height < Size::MAX {
        size.height = (size.height + shortfall as u32).min(Size::MAX);
        svg = draw_svg_at(chart, size, &style)?;
        style::take_shortfall();
    }
    Ok((font::finish_svg_text(&svg), size))
}

fn draw_svg_at(chart: &Chart, size: Size, style: &Style) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        chart.draw(&root, style)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// A plotters drawing failure as an error (these draw into memory, so they mean a bug or a
/// font problem rather than bad input).
pub(crate) fn drawing<E: std::fmt::Display>(e: E) -> Error {
    Error::Draw(e.to_string())
}

/// Refuse a value that is not a finite number; `what` names it for the message.
pub(crate) fn require_finite(value: f64, location: impl Fn() -> String, what: &str) -> Result<()> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(Error::input(
            location(),
            format!("{what} is {value}; it must be a finite number"),
        ))
    }
}

/// Refuse an interval whose ends are not finite or whose lower end is above its upper end.
pub(crate) fn require_interval(
    lower: f64,
    upper: f64,
    location: impl Fn() -> String,
    what: &str,
) -> Result<()> {
    require_finite(lower, &location, &format!("the lower end of the {what}"))?;
    require_finite(upper, &location, &format!("the upper end of the {what}"))?;
    if lower > upper {
        return Err(Error::input(
            location(),
            format!(
                "the {what} runs from {lower} to {upper}; the lower end must not be above the upper end"
            ),
        ));
    }
    Ok(())
}

/// Refuse an empty list; `what` names its items ("time points").
pub(crate) fn require_nonempty<T>(
    items: &[T],
    location: impl Fn() -> String,
    what: &str,
) -> Result<()> {
    if items.is_empty() {
        Err(Error::input(
            location(),
            format!("there are no {what}; give at least one"),
        ))
    } else {
        Ok(())
    }
}
