//! Network graph of a network meta-analysis (netmeta's `netgraph()`): one node per
//! treatment on a circle, one line per pair of treatments compared directly, its width
//! proportional to the number of studies comparing them (the number printed on it where
//! there is room), and the node's area proportional to the participants randomised to the
//! treatment when they are known.
//!
//! The circle shrinks to leave room for the labels outside it; long labels wrap onto up to
//! three lines, and a small image grows taller rather than squeezing the circle.

use super::palette;
use super::style::{Frame, Style, require_drawable};
use super::style::{
    dry_run, fit_text, line_height, need_plot_height, put_text, text_width, wrap_text,
};
use super::{drawing, require_nonempty};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One treatment.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkNode {
    pub label: String,
    /// Participants randomised to it (the node's area); `None` when not known.
    pub participants: Option<f64>,
}

/// A pair of treatments compared directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkEdge {
    /// Indices into the chart's nodes.
    pub from: usize,
    pub to: usize,
    /// Studies comparing them (the line's width).
    pub studies: usize,
}

/// A network graph.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkChart {
    pub title: String,
    pub subtitle: Vec<String>,
    /// In the order they are placed round the circle, clockwise from the top.
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
    /// Footnotes (what the widths and areas mean is added by the chart).
    pub notes: Vec<String>,
}

/// At most this many lines per label.
const MAX_LABEL_LINES: usize = 3;

impl NetworkChart {
    /// Refuse fewer than two nodes, edges to nodes that do not exist or from a node to
    /// itself, edges of no studies, and participants that are not finite or are negative.
    pub fn validate(&self) -> Result<()> {
        let here = || format!("network graph '{}'", self.title);
        require_nonempty(&self.nodes, here, "treatments")?;
        if self.nodes.len() < 2 {
            return Err(Error::input(
                here(),
                "one treatment only; a network graph needs at least two",
            ));
        }
        for n in &self.nodes {
            if let Some(p) = n.participants {
                let at = || format!("{}, '{}'", here(), n.label);
                require_drawable(p, at, "the number of participants")?;
                if p < 0.0 {
                    return Err(Error::input(
                        at(),
                        format!("{p} participants; the number cannot be negative"),
                    ));
                }
            }
        }
        for (k, e) in self.edges.iter().enumerate() {
            let at = || format!("{}, edge {}", here(), k + 1);
            if e.from >= self.nodes.len() || e.to >= self.nodes.len() || e.from == e.to {
                return Err(Error::input(
                    at(),
                    format!(
                        "joins treatments {} and {}; an edge joins two different treatments of the {}",
                        e.from + 1,
                        e.to + 1,
                        self.nodes.len()
                    ),
                ));
            }
            if e.studies == 0 {
                return Err(Error::input(
                    at(),
                    "has no studies; an edge stands for at least one",
                ));
            }
        }
        Ok(())
    }

    /// Whether every node's participants are known (then the areas show them).
    fn sized(&self) -> bool {
        self.nodes.iter().all(|n| n.participants.is_some())
    }

    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<()> {
        // A dry run, with the note's line taken, tells how many numbers of studies find no
        // free place; the chart is then drawn with the note saying so (or without it when all
        // found one).
        let left_off = dry_run(area, |paper| {
            self.draw_noting(paper, style, self.edges.len())
        })?;
        self.draw_noting(area, style, left_off)?;
        Ok(())
    }

    /// Draw the chart, with a note that `left_off` lines' numbers were left off (when more
    /// than 0), and return how many were left off.
    fn draw_noting<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
        left_off: usize,
    ) -> Result<usize> {
        let max_studies = self.edges.iter().map(|e| e.studies).max().unwrap_or(1);
        let min_studies = self.edges.iter().map(|e| e.studies).min().unwrap_or(1);
        let sized = self.sized();
        let frame = Frame {
            title: &self.title,
            subtitle: self.subtitle.clone(),
            legend: Vec::new(),
            notes: self.notes_under(left_off, (min_studies, max_studies), sized),
        };
        let plot = frame.draw(area, style)?;
        let (w, h) = plot.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let text = style.tick();
        let lh = line_height(&text);
        let pad = style.px(10.0);
        let gap = style.px(6.0);
        let node_max = style.px(if sized { 22.0 } else { 8.0 });
        let node_min = style.px(4.0);

        // Labels take at most a fifth of the width each side; the circle gets the rest.
        let label_w = (w / 5).max(style.px(90.0));
        let labels = self.node_labels(&text, label_w, sized);
        let widest = labels
            .iter()
            .flatten()
            .map(|l| text_width(l, &text))
            .max()
            .unwrap_or(0);
        let tallest = labels.iter().map(|l| l.len() as i32).max().unwrap_or(1) * lh;
        let node_r = self.node_radii(sized, node_max, node_min);

        // A circle as large as the width allows (and the height, if the labels fit); when
        // labels of neighbouring nodes would overlap, the circle is stretched into a taller
        // ellipse, and the image grows to hold it.
        let ring = Ring {
            n: self.nodes.len(),
            centre: (w / 2, h / 2),
            rx: (w / 2 - pad - widest - gap - node_max).max(style.px(20.0)),
            gap,
            lh,
            node_r: &node_r,
            labels: &labels,
            text: &text,
        };
        let room_y = (h / 2 - pad - tallest - gap - node_max).max(style.px(20.0));
        let mut ry = ring.rx.min(room_y);
        let tallest_ry = 4 * ring.rx.max(room_y);
        while ring.crowded(ry) && ry < tallest_ry {
            ry += (ry / 10).max(style.px(4.0));
        }
        need_plot_height(2 * (ry + pad + tallest + gap + node_max), h);
        let centre: Vec<(i32, i32)> = (0..ring.n).map(|i| ring.centre_at(i, ry)).collect();
        let placed = ring.place_labels(ry);

        // Lines, the widest last so that thin ones do not cross over them.
        let width_of = |studies: usize| {
            let widest_line = style.line(9.0).max(2) as f64;
            let thinnest = style.line(1.5) as f64;
            (thinnest + (widest_line - thinnest) * studies as f64 / max_studies as f64).round()
                as u32
        };
        let mut edges = self.edges.clone();
        edges.sort_by_key(|e| e.studies);
        for e in &edges {
            plot.draw(&PathElement::new(
                vec![centre[e.from], centre[e.to]],
                palette::DARK_GREY.stroke_width(width_of(e.studies)),
            ))
            .map_err(drawing)?;
        }

        // The number of studies on each line, where it covers no other number, node or label.
        let taken: Vec<Rect> = centre
            .iter()
            .zip(&node_r)
            .map(|(&(x, y), &r)| (x - r, y - r, x + r, y + r))
            .chain(placed.iter().map(|p| p.3))
            .collect();
        let unlabelled = if min_studies != max_studies || max_studies > 1 {
            draw_study_counts(&plot, &edges, &centre, taken, style)?
        } else {
            0
        };

        draw_nodes(&plot, &centre, &node_r, style)?;
        draw_node_labels(&plot, &labels, &placed, sized, label_w, style)?;
        Ok(unlabelled)
    }

    /// The notes under the chart: what a line's width (and a node's area, when `sized`)
    /// shows, the chart's own notes, and how many numbers of studies were left off.
    fn notes_under(
        &self,
        left_off: usize,
        (min_studies, max_studies): (usize, usize),
        sized: bool,
    ) -> Vec<String> {
        let mut notes = vec![if min_studies == max_studies {
            format!(
                "Each line: {} comparing the two treatments directly.",
                studies_text(max_studies)
            )
        } else {
            format!(
                "Line width: the number of studies comparing the two treatments directly ({min_studies} to {max_studies}, printed on the line)."
            )
        }];
        if sized {
            notes.push(
                "Node area: participants randomised to the treatment (n under its name)."
                    .to_string(),
            );
        }
        notes.extend(self.notes.iter().cloned());
        if left_off > 0 {
            let k = left_off;
            notes.push(format!(
                "{k} of the {} lines' numbers of studies are left off where they would cover others.",
                self.edges.len()
            ));
        }
        notes
    }

    /// Each node's label wrapped to `label_w`, with "n = …" under it when `sized`.
    fn node_labels(&self, text: &TextStyle, label_w: i32, sized: bool) -> Vec<Vec<String>> {
        self.nodes
            .iter()
            .map(|n| {
                let mut lines = wrap_text(&n.label, text, label_w, MAX_LABEL_LINES);
                if sized {
                    if let Some(p) = n.participants {
                        lines.push(format!("n = {}", crate::output::human_number(p)));
                    }
                }
                lines
            })
            .collect()
    }

    /// Each node's radius: area ∝ participants when known (at least `node_min`), else
    /// `node_max`.
    fn node_radii(&self, sized: bool, node_max: i32, node_min: i32) -> Vec<i32> {
        // Nodes: area ∝ participants when known.
        let most = self
            .nodes
            .iter()
            .filter_map(|n| n.participants)
            .fold(0.0, f64::max);
        self.nodes
            .iter()
            .map(|node| match (sized, node.participants) {
                (true, Some(p)) if most > 0.0 => {
                    ((f64::from(node_max) * (p / most).sqrt()).round() as i32).max(node_min)
                }
                _ => node_max,
            })
            .collect()
    }
}

/// A label's anchor, horizontal alignment, top and box.
type PlacedLabel = ((i32, i32), HPos, i32, Rect);

/// The nodes on an ellipse around `centre` (`rx` wide, its height chosen later), with their
/// radii and labels.
struct Ring<'a> {
    n: usize,
    centre: (i32, i32),
    rx: i32,
    gap: i32,
    lh: i32,
    node_r: &'a [i32],
    labels: &'a [Vec<String>],
    text: &'a TextStyle<'a>,
}

impl Ring<'_> {
    /// Node `i`'s angle, clockwise from the top.
    fn angle(&self, i: usize) -> f64 {
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / self.n as f64
    }

    /// Node `i`'s centre on the ellipse `ry` high.
    fn centre_at(&self, i: usize, ry: i32) -> (i32, i32) {
        let a = self.angle(i);
        let (cx, cy) = self.centre;
        (
            cx + (f64::from(self.rx) * a.cos()).round() as i32,
            cy + (f64::from(ry) * a.sin()).round() as i32,
        )
    }

    /// Each label's anchor, horizontal alignment, top and box, outside its node on the
    /// line from the centre, on the side facing the node.
    fn place_labels(&self, ry: i32) -> Vec<PlacedLabel> {
        let lh = self.lh;
        (0..self.n)
            .map(|i| {
                let a = self.angle(i);
                let (dx, dy) = (a.cos(), a.sin());
                let (nx, ny) = self.centre_at(i, ry);
                let reach = f64::from(self.node_r[i] + self.gap);
                let (x, y) = (
                    nx + (reach * dx).round() as i32,
                    ny + (reach * dy).round() as i32,
                );
                let h_pos = if dx > 0.3 {
                    HPos::Left
                } else if dx < -0.3 {
                    HPos::Right
                } else {
                    HPos::Center
                };
                let block = self.labels[i].len() as i32 * lh;
                let top = if dy > 0.3 {
                    y
                } else if dy < -0.3 {
                    y - block
                } else {
                    y - block / 2
                };
                let lw = self.labels[i]
                    .iter()
                    .map(|l| text_width(l, self.text))
                    .max()
                    .unwrap_or(0);
                let x0 = match h_pos {
                    HPos::Left => x,
                    HPos::Right => x - lw,
                    HPos::Center => x - lw / 2,
                };
                ((x, y), h_pos, top, (x0, top, x0 + lw, top + block))
            })
            .collect()
    }

    /// Whether two labels overlap on the ellipse `ry` high.
    fn crowded(&self, ry: i32) -> bool {
        let boxes: Vec<Rect> = self.place_labels(ry).into_iter().map(|p| p.3).collect();
        boxes
            .iter()
            .enumerate()
            .any(|(k, a)| boxes[k + 1..].iter().any(|b| overlaps(a, b)))
    }
}

/// Draws the nodes: filled circles with a black outline.
fn draw_nodes<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    centre: &[(i32, i32)],
    node_r: &[i32],
    style: &Style,
) -> Result<()> {
    for (i, &(x, y)) in centre.iter().enumerate() {
        let r = node_r[i];
        plot.draw(&Circle::new((x, y), r, palette::BLUE.filled()))
            .map_err(drawing)?;
        plot.draw(&Circle::new(
            (x, y),
            r,
            palette::BLACK.stroke_width(style.line(1.0)),
        ))
        .map_err(drawing)?;
    }
    Ok(())
}

/// Draws each node's label where it was placed, "n = …" (when `sized`) in the small text.
fn draw_node_labels<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    labels: &[Vec<String>],
    placed: &[PlacedLabel],
    sized: bool,
    label_w: i32,
    style: &Style,
) -> Result<()> {
    let text = style.tick();
    let small = style.note();
    let lh = line_height(&text);
    for (lines, &((x, _), h_pos, top, _)) in labels.iter().zip(placed) {
        let name_lines = lines.len() - usize::from(sized);
        for (j, line) in lines.iter().enumerate() {
            let st = if j < name_lines { &text } else { &small };
            put_text(
                plot,
                &fit_text(line, st, label_w),
                (x, top + j as i32 * lh + lh / 2),
                st,
                h_pos,
                VPos::Center,
            )?;
        }
    }
    Ok(())
}

/// Draws the number of studies on each line (the widest first), where it covers nothing in
/// `taken`; returns how many found no place.
fn draw_study_counts<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    edges: &[NetworkEdge],
    centre: &[(i32, i32)],
    mut taken: Vec<Rect>,
    style: &Style,
) -> Result<usize> {
    let small = style.note();
    let mut unlabelled = 0;
    for e in edges.iter().rev() {
        let label = e.studies.to_string();
        let tw = text_width(&label, &small) + style.px(6.0);
        let th = line_height(&small);
        let (a, b) = (centre[e.from], centre[e.to]);
        // The middle of the line, else a third of the way along from either end.
        let spot = [0.5, 0.35, 0.65].into_iter().find_map(|t| {
            let x = a.0 + ((b.0 - a.0) as f64 * t).round() as i32;
            let y = a.1 + ((b.1 - a.1) as f64 * t).round() as i32;
            let rect = (x - tw / 2, y - th / 2, x + tw / 2, y + th / 2);
            (!taken.iter().any(|r| overlaps(&rect, r))).then_some((x, y, rect))
        });
        match spot {
            Some((x, y, rect)) => {
                taken.push(rect);
                plot.draw(&Rectangle::new(
                    [(rect.0, rect.1), (rect.2, rect.3)],
                    palette::WHITE.filled(),
                ))
                .map_err(drawing)?;
                put_text(plot, &label, (x, y), &small, HPos::Center, VPos::Center)?;
            }
            None => unlabelled += 1,
        }
    }
    Ok(unlabelled)
}

fn studies_text(k: usize) -> String {
    if k == 1 {
        "1 study".into()
    } else {
        format!("{k} studies")
    }
}

/// A box in pixels: left, top, right, bottom.
type Rect = (i32, i32, i32, i32);

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(edges: Vec<NetworkEdge>) -> NetworkChart {
        NetworkChart {
            title: "t".into(),
            subtitle: Vec::new(),
            nodes: ["a", "b"]
                .map(|l| NetworkNode {
                    label: l.into(),
                    participants: None,
                })
                .to_vec(),
            edges,
            notes: Vec::new(),
        }
    }

    #[test]
    fn edges_must_join_two_treatments_with_studies() {
        let ok = NetworkEdge {
            from: 0,
            to: 1,
            studies: 2,
        };
        assert!(chart(vec![ok]).validate().is_ok());
        for bad in [
            NetworkEdge { to: 0, ..ok },
            NetworkEdge { to: 2, ..ok },
            NetworkEdge { studies: 0, ..ok },
        ] {
            let e = chart(vec![bad]).validate().unwrap_err().to_string();
            assert!(e.contains("edge 1"), "{e}");
        }
        let mut c = chart(vec![ok]);
        c.nodes[0].participants = Some(-1.0);
        assert!(c.validate().is_err());
    }
}
