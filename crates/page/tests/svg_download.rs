//! A chart's SVG download carries its own glyphs: drawn from a Japanese press release's
//! drafted study, it holds no `<text>`, only paths, keeps the inline chart's size, and drawn
//! with no font at all it shows what the PNG download shows.

use resvg::{tiny_skia, usvg};
use trialstats_page::analyse::{ChartFile, PageAnalysis, analyse_document, chart_file};

/// The NMO tocilizumab press release (Japanese), one of the page's examples.
const PRESS_RELEASE: &str = include_str!("../../../tests/data/seeds/002_f6b3e19b5df4114a.txt");

fn is_japanese(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The press release analysed, and the number of its first chart with Japanese text.
fn japanese_chart() -> (PageAnalysis, usize) {
    let a = analyse_document("002.txt", PRESS_RELEASE.as_bytes()).unwrap();
    let index = a
        .charts
        .iter()
        .position(|c| c.svg.contains("<text") && c.svg.chars().any(is_japanese))
        .expect("a chart with a Japanese label");
    (a, index)
}

/// `svg` drawn on white with no font available, `scale` times its size.
fn draw_without_fonts(svg: &str, scale: f32) -> tiny_skia::Pixmap {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size().scale_by(scale).unwrap();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    pixmap.fill(tiny_skia::Color::WHITE);
    let transform = tiny_skia::Transform::from_scale(scale, scale);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
}

/// The share of pixels of `a` and `b` (the same size) whose colours differ by more than
/// `tolerance` in a channel.
fn differing(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap, tolerance: u8) -> f64 {
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let count = a
        .pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| {
            let (p, q) = (p.demultiply(), q.demultiply());
            [
                p.red().abs_diff(q.red()),
                p.green().abs_diff(q.green()),
                p.blue().abs_diff(q.blue()),
            ]
            .into_iter()
            .any(|d| d > tolerance)
        })
        .count();
    count as f64 / a.pixels().len() as f64
}

#[test]
fn a_downloaded_svg_is_text_free_and_keeps_the_chart_size() {
    let (a, index) = japanese_chart();
    let svg = String::from_utf8(chart_file(&a.study_toml, index, ChartFile::Svg).unwrap()).unwrap();
    assert!(!svg.contains("<text"), "{svg:.400}");
    assert!(svg.contains("<path"), "{svg:.400}");
    assert!(
        !svg.chars().any(is_japanese),
        "the Japanese label is left as text"
    );
    assert!(!svg.contains("font-family"), "{svg:.400}");
    let options = usvg::Options::default();
    let downloaded = usvg::Tree::from_str(&svg, &options).unwrap();
    let inline = usvg::Tree::from_str(&a.charts[index].svg, &options).unwrap();
    assert_eq!(downloaded.size(), inline.size());
}

#[test]
fn a_downloaded_svg_drawn_without_fonts_shows_what_the_png_shows() {
    let (a, index) = japanese_chart();
    let svg = String::from_utf8(chart_file(&a.study_toml, index, ChartFile::Svg).unwrap()).unwrap();
    let png = chart_file(&a.study_toml, index, ChartFile::Png).unwrap();
    let png = tiny_skia::Pixmap::decode_png(&png).unwrap();
    let drawn = draw_without_fonts(&svg, 1.0);
    // The same glyphs at the same places: only antialiasing at the outlines' rounded
    // coordinates may differ.
    let share = differing(&drawn, &png, 24);
    assert!(share < 0.001, "{share} of the pixels differ from the PNG");
    // The inline SVG, which names its fonts, loses its text on a machine without them.
    let inline = draw_without_fonts(&a.charts[index].svg, 1.0);
    assert!(differing(&inline, &png, 24) > 0.01);
    // To be looked at: the downloaded SVG drawn small and large with no font, and the PNG.
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    drawn.save_png(out.join("svg-download-1x.png")).unwrap();
    let small = draw_without_fonts(&svg, 0.5);
    small.save_png(out.join("svg-download-0.5x.png")).unwrap();
    let large = draw_without_fonts(&svg, 3.0);
    large.save_png(out.join("svg-download-3x.png")).unwrap();
    // The first panel's Japanese title, close up.
    let title = tiny_skia::IntRect::from_xywh(300, 150, 900, 360).unwrap();
    let close_up = large.clone_rect(title).unwrap();
    close_up
        .save_png(out.join("svg-download-3x-title.png"))
        .unwrap();
    png.save_png(out.join("png-download.png")).unwrap();
    assert!(large.width() == 3 * drawn.width() && small.width() * 2 == drawn.width());
}
