//! Clipping shapes to the plotting rectangle: plotters draws a shape that leaves the axes'
//! ranges over the margins, so lines and shaded regions are cut to the ranges first.

use std::ops::Range;

/// The part of the segment `a`–`b` inside the rectangle `x` × `y` (Liang–Barsky clipping,
/// Liang & Barsky 1984, ACM Transactions on Graphics 3:1); `None` if it misses the rectangle.
pub fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    x: &Range<f64>,
    y: &Range<f64>,
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    let checks = [
        (-dx, a.0 - x.start),
        (dx, x.end - a.0),
        (-dy, a.1 - y.start),
        (dy, y.end - a.1),
    ];
    for (p, q) in checks {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// The polygon `points` cut to the rectangle `x` × `y` (Sutherland–Hodgman clipping,
/// Sutherland & Hodgman 1974, Communications of the ACM 17:32); empty if nothing is inside.
pub fn clip_polygon(points: &[(f64, f64)], x: &Range<f64>, y: &Range<f64>) -> Vec<(f64, f64)> {
    type Inside = fn(&(f64, f64), f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, x.start, true),
        (|p, v| p.0 <= v, x.end, true),
        (|p, v| p.1 >= v, y.start, false),
        (|p, v| p.1 <= v, y.end, false),
    ];
    let mut out: Vec<(f64, f64)> = points.to_vec();
    for (inside, v, vertical) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        for (i, cur) in input.iter().enumerate() {
            let prev = input[(i + input.len() - 1) % input.len()];
            let cross = |p: (f64, f64), q: (f64, f64)| {
                if vertical {
                    let t = (v - p.0) / (q.0 - p.0);
                    (v, p.1 + t * (q.1 - p.1))
                } else {
                    let t = (v - p.1) / (q.1 - p.1);
                    (p.0 + t * (q.0 - p.0), v)
                }
            };
            match (inside(cur, v), inside(&prev, v)) {
                (true, true) => out.push(*cur),
                (true, false) => {
                    out.push(cross(prev, *cur));
                    out.push(*cur);
                }
                (false, true) => out.push(cross(prev, *cur)),
                (false, false) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_crossing_the_box_is_cut_at_its_edges() {
        let c = clip_segment((-1.0, 0.5), (2.0, 0.5), &(0.0..1.0), &(0.0..1.0));
        assert_eq!(c, Some(((0.0, 0.5), (1.0, 0.5))));
        assert_eq!(
            clip_segment((-1.0, 2.0), (-0.5, 3.0), &(0.0..1.0), &(0.0..1.0)),
            None
        );
    }

    #[test]
    fn triangle_is_cut_to_the_box() {
        // A triangle with apex inside and base far below the box: cut to a quadrilateral.
        let tri = [(0.5, 1.0), (-2.0, -2.0), (3.0, -2.0)];
        let p = clip_polygon(&tri, &(0.0..1.0), &(0.0..1.0));
        assert!(p.len() >= 3);
        for (x, y) in &p {
            assert!((0.0..=1.0).contains(x) && (0.0..=1.0).contains(y));
        }
        assert!(clip_polygon(&tri, &(5.0..6.0), &(5.0..6.0)).is_empty());
    }
}
