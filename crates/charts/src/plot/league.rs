//! League table as a picture (netmeta's `netleague()`): the treatments on the diagonal, and
//! in every other cell one estimate with its interval. Every cell reads "row vs column" (the
//! treatment in the cell's row against the one in its column), in both triangles, so it
//! cannot be read the wrong way round; the triangles may hold different evidence (network
//! estimates below the diagonal, direct ones above), each tinted in its own colour, darker
//! where the interval excludes no effect.
//!
//! Cells are as wide as the image allows; their text shrinks to the smallest size charts
//! use, then an interval goes onto two lines; an image too narrow even for that is drawn
//! wider ([`LeagueChart::needed_width`]), and taller rather than squeezing the rows. Long
//! names on the diagonal wrap, long words broken with a hyphen.

use super::palette;
use super::style::{
    Frame, LegendEntry, LegendMark, MIN_TEXT_PX, Style, fit_text, line_height, need_plot_height,
    put_text, text_width, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One cell: the estimate and its interval as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct LeagueEntry {
    pub estimate: String,
    pub interval: String,
    /// The interval excludes no effect (drawn darker).
    pub excludes_null: bool,
}

/// A league table.
#[derive(Debug, Clone, PartialEq)]
pub struct LeagueChart {
    pub title: String,
    pub subtitle: Vec<String>,
    /// In the order of the rows and columns (the diagonal).
    pub treatments: Vec<String>,
    /// `cells[i][j]`: row `i` vs column `j`; the diagonal is not read; `None` for an empty
    /// cell (no direct evidence above the diagonal).
    pub cells: Vec<Vec<Option<LeagueEntry>>>,
    /// What the cells below the diagonal hold ("network estimate, random effects").
    pub lower: String,
    /// What the cells above it hold.
    pub upper: String,
    pub notes: Vec<String>,
}

const LOWER: RGBColor = palette::BLUE;
const UPPER: RGBColor = palette::ORANGE;
/// At most this many lines for a treatment's name on the diagonal.
const MAX_NAME_LINES: usize = 5;

fn shade(colour: RGBColor, strong: bool) -> RGBColor {
    palette::tint(colour, if strong { 0.45 } else { 0.12 })
}

impl LeagueChart {
    /// Refuse fewer than two treatments and a table that is not square.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("league table '{}'", self.title);
        require_nonempty(&self.treatments, here, "treatments")?;
        let n = self.treatments.len();
        if n < 2 {
            return Err(Error::input(
                here(),
                "one treatment only; a league table needs at least two",
            ));
        }
        if self.cells.len() != n || self.cells.iter().any(|r| r.len() != n) {
            return Err(Error::input(
                here(),
                format!("the cells are not {n} rows of {n}, one per pair of treatments"),
            ));
        }
        Ok(())
    }

    /// The narrowest image whose cells hold their numbers at the smallest text size, each
    /// interval on two lines ("[lo," over "hi]").
    pub fn needed_width(&self, style: &Style) -> u32 {
        let text = style.shrunk(MIN_TEXT_PX / 13.0).tick();
        let widest = self
            .cells
            .iter()
            .flatten()
            .flatten()
            .flat_map(|e| {
                let (lo, hi) = e
                    .interval
                    .split_once(", ")
                    .unwrap_or((e.interval.as_str(), ""));
                [
                    text_width(&e.estimate, &text),
                    text_width(&format!("{lo},"), &text),
                    text_width(hi, &text),
                ]
            })
            .max()
            .unwrap_or(0);
        let cell = widest + 2 * style.px(4.0) + 2;
        (self.treatments.len() as i32 * cell + 2 * style.px(10.0)).max(0) as u32
    }

    /// The title, the legend (the lower and upper triangles' colours) and the notes, with
    /// the note that numbers are cut when `cut`.
    fn frame(&self, cut: bool) -> Frame<'_> {
        let mut notes = self.notes.clone();
        if cut {
            notes.push(
                "Some cells' numbers are cut to fit (…); a wider image shows them whole."
                    .to_string(),
            );
        }
        Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend: vec![
                LegendEntry::new(LegendMark::Square(shade(LOWER, true)), &self.lower),
                LegendEntry::new(LegendMark::Square(shade(UPPER, true)), &self.upper),
            ],
            notes,
        }
    }

    /// Each treatment's name wrapped to `room` (long words broken), for the diagonal.
    fn wrapped_names(&self, name_style: &TextStyle, room: i32) -> Vec<Vec<String>> {
        self.treatments
            .iter()
            .map(|t| {
                wrap_text(
                    &breakable(t, name_style, room),
                    name_style,
                    room,
                    MAX_NAME_LINES,
                )
            })
            .collect()
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        let n = self.treatments.len();
        let (w, _) = area.dim_in_pixel();
        let pad = style.px(10.0);
        let inner = style.px(4.0);
        let cell_w = ((w as i32 - 2 * pad) / n as i32).max(style.px(20.0));
        let room = cell_w - 2 * inner;
        // The text shrinks (to the smallest size charts use) until the widest entry fits.
        let entries = self.cells.iter().flatten().flatten();
        let base = style.tick();
        let factor = text_factor(entries.clone(), &base, room);
        let cell_style = style.shrunk(factor);
        let text = cell_style.tick();
        // An interval too wide for its cell goes onto two lines ("[lo," over "hi]"); only
        // what is still too wide is cut.
        let split = entries
            .clone()
            .any(|e| text_width(&e.interval, &text) > room);
        let lines_of = |e: &LeagueEntry| entry_lines(e, split);
        let cut = entries
            .clone()
            .any(|e| lines_of(e).iter().any(|l| text_width(l, &text) > room));
        let frame = self.frame(cut);
        let plot = frame.draw(area, style)?;
        let (pw, ph) = plot.dim_in_pixel();
        let (pw, ph) = (pw as i32, ph as i32);
        let name_style = cell_style.tick();
        let lh = line_height(&text);
        let names = self.wrapped_names(&name_style, room);
        let lines = names
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(if split { 3 } else { 2 }) as i32;
        let cell_h = lines * lh + 2 * inner;
        let grid_h = n as i32 * cell_h;
        need_plot_height(grid_h + 2 * pad, ph);
        let grid_w = n as i32 * cell_w;
        let x0 = ((pw - grid_w) / 2).max(0);
        let y0 = ((ph - grid_h) / 2).max(0);
        for (i, name) in names.iter().enumerate() {
            for j in 0..n {
                let (x, y) = (x0 + j as i32 * cell_w, y0 + i as i32 * cell_h);
                let cell = [(x, y), (x + cell_w, y + cell_h)];
                let (mx, my) = (x + cell_w / 2, y + cell_h / 2);
                if i == j {
                    plot.draw(&Rectangle::new(cell, palette::LIGHT_GREY.filled()))
                        .map_err(drawing)?;
                    let top = my - (name.len() as i32 - 1) * lh / 2;
                    for (k, line) in name.iter().enumerate() {
                        put_text(
                            &plot,
                            line,
                            (mx, top + k as i32 * lh),
                            &name_style,
                            HPos::Center,
                            VPos::Center,
                        )?;
                    }
                } else {
                    let colour = if i > j { LOWER } else { UPPER };
                    match &self.cells[i][j] {
                        Some(e) => {
                            draw_entry(
                                &plot,
                                cell,
                                shade(colour, e.excludes_null),
                                &lines_of(e),
                                (mx, my),
                                (lh, room),
                                &text,
                            )?;
                        }
                        None => {
                            put_text(
                                &plot,
                                "–",
                                (mx, my),
                                &text.color(&palette::MID_GREY),
                                HPos::Center,
                                VPos::Center,
                            )?;
                        }
                    }
                }
                plot.draw(&Rectangle::new(
                    cell,
                    palette::WHITE.stroke_width(style.line(1.5)),
                ))
                .map_err(drawing)?;
            }
        }
        Ok(())
    }
}

/// The factor the cells' text is shrunk by (down to the smallest size charts use) so that
/// the widest entry fits `room`.
fn text_factor<'e>(
    entries: impl Iterator<Item = &'e LeagueEntry>,
    base: &TextStyle,
    room: i32,
) -> f64 {
    let widest = entries
        .flat_map(|e| [text_width(&e.estimate, base), text_width(&e.interval, base)])
        .max()
        .unwrap_or(0);
    if widest > room {
        (f64::from(room) / f64::from(widest)).max(MIN_TEXT_PX / 13.0)
    } else {
        1.0
    }
}

/// An entry's lines: the estimate over the interval, the interval on two lines ("[lo," over
/// "hi]") when `split`.
fn entry_lines(e: &LeagueEntry, split: bool) -> Vec<String> {
    let mut lines = vec![e.estimate.clone()];
    match e.interval.split_once(", ") {
        Some((lo, hi)) if split => {
            lines.push(format!("{lo},"));
            lines.push(hi.to_string());
        }
        _ => lines.push(e.interval.clone()),
    }
    lines
}

/// Draws a comparison's cell: its shade, and its `lines` centred in it, each cut to `room`.
fn draw_entry<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    cell: [(i32, i32); 2],
    fill: RGBColor,
    lines: &[String],
    (mx, my): (i32, i32),
    (lh, room): (i32, i32),
    text: &TextStyle,
) -> Result<()> {
    plot.draw(&Rectangle::new(cell, fill.filled()))
        .map_err(drawing)?;
    let top = my - (lines.len() as i32 - 1) * lh / 2;
    for (k, t) in lines.iter().enumerate() {
        put_text(
            plot,
            &fit_text(t, text, room),
            (mx, top + k as i32 * lh),
            text,
            HPos::Center,
            VPos::Center,
        )?;
    }
    Ok(())
}

/// `text` with every word wider than `room` broken into pieces that fit, each but the last
/// ending in a hyphen, so that a long name wraps in a narrow cell instead of being cut.
fn breakable(text: &str, style: &plotters::style::TextStyle, room: i32) -> String {
    text.split(' ')
        .map(|word| {
            if text_width(word, style) <= room {
                return word.to_string();
            }
            let mut pieces: Vec<String> = Vec::new();
            let mut piece = String::new();
            for c in word.chars() {
                let longer = format!("{piece}{c}-");
                if !piece.is_empty() && text_width(&longer, style) > room {
                    // A piece ending in the word's own hyphen needs no second one.
                    if !piece.ends_with('-') {
                        piece.push('-');
                    }
                    pieces.push(std::mem::take(&mut piece));
                }
                piece.push(c);
            }
            pieces.push(piece);
            pieces.join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_break_with_one_hyphen() {
        crate::plot::font::register_font().unwrap();
        let style = Style::for_canvas(crate::plot::Canvas::default()).tick();
        let room = text_width("abcdef", &style);
        let broken = breakable("mycophenolate weight-based", &style, room);
        assert!(!broken.contains("--"), "{broken}");
        for piece in broken.split(' ') {
            assert!(text_width(piece, &style) <= room, "{piece} in {broken}");
        }
        // Here no break falls just after the word's own hyphen ("myco- phen- olate weigh- t-bas- ed").
        assert_eq!(broken.replace("- ", ""), "mycophenolate weight-based");
    }

    #[test]
    fn a_table_must_be_square() {
        let c = LeagueChart {
            title: "t".into(),
            subtitle: Vec::new(),
            treatments: vec!["a".into(), "b".into()],
            cells: vec![vec![None, None]],
            lower: String::new(),
            upper: String::new(),
            notes: Vec::new(),
        };
        assert!(c.validate().is_err());
    }
}
