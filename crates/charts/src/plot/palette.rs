//! Colours: the Okabe–Ito palette, which stays distinguishable for the common forms of
//! colour-vision deficiency (Okabe & Ito 2008, "Color Universal Design"; recommended by
//! Wong 2011, Nature Methods 8:441), plus the greys used for grids, gaps and shading.

use plotters::style::RGBColor;

/// Okabe–Ito black: data points, the main series.
pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Okabe–Ito orange.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito sky blue.
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito bluish green.
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito yellow (too light for thin lines on white; used for fills only).
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
/// Okabe–Ito blue.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito reddish purple.
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// White background.
pub const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Grey for secondary text (gap labels, notes).
pub const DARK_GREY: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grey for reference lines and observed per-subject data.
pub const MID_GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Grey for grid lines.
pub const LIGHT_GREY: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);

/// Series colours in the order they are handed out; yellow is left out because thin lines
/// and small markers in it vanish on white.
pub const SERIES: [RGBColor; 6] = [
    BLUE,
    VERMILLION,
    BLUISH_GREEN,
    REDDISH_PURPLE,
    ORANGE,
    SKY_BLUE,
];

/// The colour of series number `index` (cycling through [`SERIES`]).
pub fn series(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// Shades for the funnel plot's significance contours, lightest (p between 0.10 and 0.05)
/// to darkest (p below 0.01).
pub const CONTOUR_SHADES: [RGBColor; 3] = [
    RGBColor(0xEC, 0xEC, 0xEC),
    RGBColor(0xD6, 0xD6, 0xD6),
    RGBColor(0xBE, 0xBE, 0xBE),
];

/// `colour` at strength `alpha` over white, as a solid colour (for bands and their legend
/// marks, so both look the same in SVG and PNG).
pub fn tint(colour: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * alpha.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(colour.0), mix(colour.1), mix(colour.2))
}
