//! What the embedded fonts draw outside a viewer: the chart's SVG rasterised to PNG by resvg,
//! written with its resolution (the PNG `pHYs` chunk) so that print software places it at the
//! stated DPI; and the same SVG written again with its text as the glyphs' outlines
//! ([`svg_text_to_paths`]), so that it needs no font on the viewer's machine. Both read the
//! SVG with one set of fonts, the embedded ones (`options`), so the two files show the same
//! glyphs at the same places.
//!
//! Why not plotters' bitmap backend: its text drawing (through ab_glyph) drops each glyph's
//! left side bearing and truncates advances to whole pixels, so PNG labels read "0. 39",
//! "Annua lised" and decimal points shift; its thick lines are unantialiased polygons that
//! show dips. Rasterising the SVG gives one layout for both formats, shaped text (resvg lays
//! text out with HarfBuzz's rules through rustybuzz) and antialiased geometry.

use super::font::{CJK_FONT_BYTES, FONT_BYTES, FONT_FAMILY};
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::sync::OnceLock;

static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();

/// Parsing options with the embedded fonts as the only fonts (DejaVu Sans the default
/// family; the Japanese font where a character has no DejaVu glyph, by resvg's fallback).
fn options() -> &'static usvg::Options<'static> {
    OPTIONS.get_or_init(|| {
        let mut options = usvg::Options {
            font_family: FONT_FAMILY.to_string(),
            ..usvg::Options::default()
        };
        let fonts = options.fontdb_mut();
        fonts.load_font_data(FONT_BYTES.to_vec());
        fonts.load_font_data(CJK_FONT_BYTES.to_vec());
        fonts.set_sans_serif_family(FONT_FAMILY);
        options
    })
}

/// `svg` written again with every `<text>` replaced by the outlines (`<path>`) of the glyphs
/// the embedded fonts draw it with, laid out as for the PNG: a self-contained SVG that shows
/// the same on a machine with no DejaVu Sans and no Japanese font. The size and `viewBox` are
/// kept; the text is no longer selectable or searchable.
pub fn svg_text_to_paths(svg: &str) -> Result<String> {
    let tree = usvg::Tree::from_str(svg, options()).map_err(super::drawing)?;
    let write = usvg::WriteOptions {
        coordinates_precision: 3,
        transforms_precision: 5,
        indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    };
    Ok(tree.to_string(&write))
}

/// The PNG bytes of `svg` (`width` × `height` pixels) with `dpi` recorded in the file.
pub fn svg_to_png(svg: &str, width: u32, height: u32, dpi: f64) -> Result<Vec<u8>> {
    let tree = usvg::Tree::from_str(svg, options()).map_err(super::drawing)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| super::drawing(format!("an image of {width}×{height} pixels")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let rgba: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        // pHYs is in pixels per metre.
        let per_metre = (dpi / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header().map_err(png_error)?;
        writer.write_image_data(&rgba).map_err(png_error)?;
    }
    Ok(bytes)
}

fn png_error(e: png::EncodingError) -> Error {
    Error::Encode {
        format: "PNG",
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::font::{FONT_FAMILY, finish_svg_text};

    /// The glyphs resvg lays `svg`'s text out with that no embedded font has (drawn as
    /// empty boxes).
    fn missing_glyphs(svg: &str) -> usize {
        fn count(group: &usvg::Group) -> usize {
            group
                .children()
                .iter()
                .map(|node| match node {
                    usvg::Node::Group(g) => count(g),
                    usvg::Node::Text(t) => t
                        .layouted()
                        .iter()
                        .flat_map(|span| &span.positioned_glyphs)
                        .filter(|g| g.id.0 == 0)
                        .count(),
                    _ => 0,
                })
                .sum()
        }
        let tree = usvg::Tree::from_str(svg, options()).expect("the SVG parses");
        count(tree.root())
    }

    #[test]
    fn japanese_words_beside_a_latin_ligature_are_drawn() {
        // The sixty-first trial's title: DejaVu Sans shapes `fi` as one glyph, which made
        // resvg's fallback give up on the whole line.
        for text in [
            "p02c_ja_claimfirst: review: 体重は各群とも有意に減少し — SMD by",
            "office 体重 flow 群",
            "体重",
        ] {
            let svg = format!(
                "<svg width=\"900\" height=\"40\" xmlns=\"http://www.w3.org/2000/svg\"><text x=\"5\" y=\"30\" font-family=\"{FONT_FAMILY}\" font-size=\"18\">{text}</text></svg>"
            );
            assert_eq!(missing_glyphs(&finish_svg_text(&svg)), 0, "{text}");
        }
        // Without the spans the fallback fails on the ligature, as the trial saw.
        let raw = format!(
            "<svg width=\"900\" height=\"40\" xmlns=\"http://www.w3.org/2000/svg\"><text x=\"5\" y=\"30\" font-family=\"{FONT_FAMILY}\" font-size=\"18\">claimfirst 体重</text></svg>"
        );
        assert!(missing_glyphs(&raw) > 0);
    }
}
