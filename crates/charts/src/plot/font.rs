//! The one font of every chart (DejaVu Sans, embedded from `assets/fonts/`): registering it
//! with plotters, measuring text with its advance widths and kerning, and finishing the SVG
//! text so that any viewer lays it out as it was measured.
//!
//! Why the SVG is finished here: plotters writes `font-family="…"` and a `font-size` but no
//! width, so a viewer whose sans-serif is not DejaVu Sans (Helvetica, Arial) draws every
//! label wider or narrower than the layout assumed, and a right-aligned column or a label
//! beside a point drifts. Each `<text>` is given the family by name (with DejaVu's metric
//! relatives as fallbacks) and `textLength` = the width measured here with the embedded
//! font, so a viewer with another font stretches or squeezes the glyphs to that width. The
//! PNG is rasterised from this same SVG ([`super::raster`]), so both show one layout.
//!
//! Japanese labels (arms and measures drafted from a Japanese report: `ホルモン補充療法群`) are
//! drawn with a second embedded font, VL PGothic (M+ and Sazanami glyphs, free licences;
//! `assets/fonts/VL-LICENSE.txt`), cut to the kana, the CJK ideographs, full-width forms and
//! CJK punctuation (`assets/fonts/README.md` gives the command): DejaVu Sans has none of
//! them, and without it a Japanese label was a row of empty boxes in the PNG. Each character
//! is measured with the font that draws it: DejaVu Sans where it has the glyph, else VL
//! PGothic.

use crate::error::{Error, Result};
use ab_glyph::{Font, FontRef};
use plotters::style::{FontStyle, TextStyle};
use std::sync::OnceLock;

/// The name plotters looks the font up by, and the first family the SVG names.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// The `font-family` list written into SVGs: DejaVu Sans, then Bitstream Vera Sans (the
/// same glyphs under the older name), then any sans-serif; `textLength` keeps the measured
/// widths whichever the viewer picks.
/// (VL PGothic and the common Japanese system fonts follow for the characters DejaVu Sans
/// lacks.)
pub const SVG_FONT_FAMILIES: &str = "'DejaVu Sans', 'Bitstream Vera Sans', 'VL PGothic', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif";

/// The font families of a run of Japanese characters (the embedded VL PGothic first), set on
/// a `<tspan>` of its own: see [`finish_svg_text`].
const SVG_CJK_FAMILIES: &str =
    "'VL PGothic', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif";

/// The embedded font file.
pub static FONT_BYTES: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");

/// The embedded font of the Japanese characters DejaVu Sans lacks (see the module doc).
pub static CJK_FONT_BYTES: &[u8] =
    include_bytes!("../../../../assets/fonts/VL-PGothic-ja-subset.ttf");

/// plotters' text size is the font's line box, 1.24 em (its SVG backend writes
/// `font-size = size / 1.24`); [`em_to_plotters`] and [`em_px`] convert.
const PLOTTERS_SIZE_PER_EM: f64 = 1.24;

static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
static CJK_FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
static REGISTERED: OnceLock<bool> = OnceLock::new();

fn font() -> Option<&'static FontRef<'static>> {
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
}

fn cjk_font() -> Option<&'static FontRef<'static>> {
    CJK_FONT
        .get_or_init(|| FontRef::try_from_slice(CJK_FONT_BYTES).ok())
        .as_ref()
}

/// The embedded font that draws `c` (DejaVu Sans first), with its glyph.
fn drawing(c: char) -> Option<(&'static FontRef<'static>, ab_glyph::GlyphId)> {
    [font(), cjk_font()]
        .into_iter()
        .flatten()
        .map(|f| (f, f.glyph_id(c)))
        .find(|(_, id)| id.0 != 0)
}

/// Register the embedded font with plotters (once per process); no system font is used.
pub fn register_font() -> Result<()> {
    let ok = *REGISTERED.get_or_init(|| {
        font().is_some()
            && plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(Error::numerical(
            "the embedded font assets/fonts/DejaVuSans.ttf could not be loaded".into(),
        ))
    }
}

/// The plotters text size that gives `em` pixels per em.
pub fn em_to_plotters(em: f64) -> f64 {
    em * PLOTTERS_SIZE_PER_EM
}

/// Pixels per em of a plotters text style (the `font-size` its SVG carries).
pub fn em_px(style: &TextStyle) -> f64 {
    style.font.get_size() / PLOTTERS_SIZE_PER_EM
}

/// Width in pixels of `text` at `em` pixels per em: the sum of the glyphs' advance widths
/// plus the font's kerning between neighbours, unrounded (rounding each advance is what
/// made "Annua lised" in the old bitmap output).
///
/// Each character is measured in the font that draws it (a Japanese one in VL PGothic, whose
/// em is 1000 units); kerning applies between neighbours of one font.
pub fn advance_width(text: &str, em: f64) -> f64 {
    let Some(latin) = font() else {
        return text.chars().count() as f64 * em * 0.6;
    };
    let mut total = 0.0f64;
    let mut previous: Option<(&FontRef<'static>, ab_glyph::GlyphId)> = None;
    for c in text.chars() {
        let (f, id) = drawing(c).unwrap_or((latin, latin.glyph_id(c)));
        let units = f64::from(f.units_per_em().unwrap_or(2048.0));
        let mut advance = f64::from(f.h_advance_unscaled(id));
        if let Some((p_font, p_id)) = previous {
            if std::ptr::eq(p_font, f) {
                advance += f64::from(f.kern_unscaled(p_id, id));
            }
        }
        total += advance * em / units;
        previous = Some((f, id));
    }
    total
}

/// Whether the embedded fonts have a glyph for every character of `text` (so nothing is
/// drawn as an empty box).
pub fn covers(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || drawing(c).is_some())
}

/// Is `c` drawn by the Japanese font, DejaVu Sans having no glyph for it?
fn drawn_by_the_cjk_font(c: char) -> bool {
    drawing(c).is_some_and(|(f, _)| font().is_none_or(|latin| !std::ptr::eq(f, latin)))
}

/// XML text content with each run of characters the Japanese font draws set in a `<tspan>`
/// naming that font first. resvg shapes a span with its first font and falls back glyph by
/// glyph only where the fallback font shapes the span into as many glyphs (usvg 0.45,
/// `text::layout::shape_text`): DejaVu Sans joins `fi` into one ligature glyph, so a title
/// with `claimfirst` and Japanese words in one span drew every Japanese character as an empty
/// box (the sixty-first new-user trial). A span of each font needs no fallback.
fn cjk_runs_in_spans(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 64);
    let mut open = false;
    for c in content.chars() {
        let cjk = drawn_by_the_cjk_font(c);
        if cjk && !open {
            out.push_str(&format!("<tspan font-family=\"{SVG_CJK_FAMILIES}\">"));
            open = true;
        } else if !cjk && open {
            // (A space too: the embedded Japanese font is cut to the Japanese characters.)
            out.push_str("</tspan>");
            open = false;
        }
        out.push(c);
    }
    if open {
        out.push_str("</tspan>");
    }
    out
}

/// Finish plotters' SVG text: name the font family with fallbacks, set each run of Japanese
/// characters in a span of the Japanese font (resvg falls back glyph by glyph only where the
/// fallback font shapes as many glyphs, and DejaVu Sans joins `fi`) and give each `<text>` of
/// one font its measured `textLength` (see the module doc).
pub fn finish_svg_text(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 8);
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let (Some(open_end), Some(close)) = (tail.find('>'), tail.find("</text>")) else {
            out.push_str(tail);
            return out;
        };
        let attributes = &tail["<text ".len()..open_end];
        let content = &tail[open_end + 1..close];
        let size = attribute(attributes, "font-size").and_then(|s| s.parse::<f64>().ok());
        let mut attributes = attributes.replace(
            &format!("font-family=\"{FONT_FAMILY}\""),
            &format!("font-family=\"{SVG_FONT_FAMILIES}\""),
        );
        let spans = cjk_runs_in_spans(content);
        // A `textLength` stretches each span of a text to the whole length in resvg, so a
        // text of two fonts' spans keeps its natural width (the one measured here anyway).
        let one_font = spans.len() == content.len();
        if let Some(em) = size.filter(|_| one_font) {
            // SVG collapses the whitespace around and inside the text (plotters writes the
            // text on its own indented line), so the width is that of the collapsed text.
            let text = unescape(content);
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let width = advance_width(&collapsed, em);
            if width > 0.0 {
                attributes.push_str(&format!(
                    " textLength=\"{width:.2}\" lengthAdjust=\"spacingAndGlyphs\""
                ));
            }
        }
        out.push_str("<text ");
        out.push_str(&attributes);
        out.push('>');
        out.push_str(&spans);
        out.push_str("</text>");
        rest = &tail[close + "</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// The value of `name="…"` among an element's attributes.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = format!(" {attributes}").find(&key)?;
    let from = at + key.len() - 1;
    let value = &attributes[from..];
    value.find('"').map(|end| &value[..end])
}

/// XML text with its five predefined entities replaced by their characters.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_fonts_advances() {
        // DejaVu Sans: '0' advances 1303 units of 2048, '.' 651; at 2048 px per em the
        // widths are those unit counts.
        assert!((advance_width("0", 2048.0) - 1303.0).abs() < 1e-9);
        assert!((advance_width(".", 2048.0) - 651.0).abs() < 1e-9);
        assert!((advance_width("0.39", 2048.0) - (3.0 * 1303.0 + 651.0)).abs() < 1e-9);
        assert!(covers("0.41 [0.13, 1.26] ± τ² I² −"));
    }

    #[test]
    fn japanese_labels_are_drawn_and_measured_with_the_japanese_font() {
        // VL PGothic: 1000 units per em; its ideographs advance a full em (1000).
        assert!(covers("ホルモン補充療法群, change to t1"));
        assert!(covers("本剤120mg投与群（N=115）"));
        let kanji = advance_width("群", 1000.0);
        assert!((kanji - 1000.0).abs() < 1e-9, "{kanji}");
        // Latin stays DejaVu Sans's: '0' 1303 of 2048 units.
        let mixed = advance_width("0群", 2048.0);
        assert!((mixed - (1303.0 + 2048.0)).abs() < 1e-6, "{mixed}");
        // A character neither font has is not covered.
        assert!(!covers("\u{E000}"));
    }

    #[test]
    fn svg_text_gets_family_and_measured_length() {
        let svg = format!(
            "<svg><text x=\"1\" y=\"2\" font-family=\"{FONT_FAMILY}\" font-size=\"20\" fill=\"#000\">\n  a &amp; b\n</text></svg>"
        );
        let done = finish_svg_text(&svg);
        assert!(done.contains(SVG_FONT_FAMILIES), "{done}");
        let expected = advance_width("a & b", 20.0);
        assert!(
            done.contains(&format!("textLength=\"{expected:.2}\"")),
            "{done}"
        );
        assert!(done.ends_with("a &amp; b\n</text></svg>"));
    }
}
