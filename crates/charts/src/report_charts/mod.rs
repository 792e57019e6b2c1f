//! The report's charts: which charts a report draws ([`gallery`]) and writing them into a
//! folder with its index ([`write_gallery`], [`add_to_gallery`]), recording in the
//! [`Report`] the files written and the charts left out (among them those past the gallery's
//! limit, [`DEFAULT_MAX_CHARTS`]: a drafted 600-page text gave 9,000 charts and a gigabyte of
//! files).
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`write_gallery`], [`add_to_gallery`]: the folder, never the data folder |
//! | [`gallery`] | which charts the report draws, built from the analyses |

pub mod gallery;

use crate::error::Result;
use crate::report::Report;

/// The most charts a report's gallery draws unless its caller says otherwise: every chart of
/// a few dozen studies, while a text drafted whole from a long document (thousands of
/// measures) is not turned into thousands of files. The charts past it are listed as not
/// drawn, with how many.
pub const DEFAULT_MAX_CHARTS: usize = 500;

/// Draw the report's charts into `dir` (SVG and PNG each, plus `index.md` and `index.html`) and record the
/// files in the report: at most `max_charts` of them, in the report's order, the rest
/// recorded as not drawn. Refuses a `dir` that is the data folder or inside it: the data is
/// never written.
pub fn write_gallery(
    report: &mut Report,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    canvas: impl Into<crate::plot::Canvas>,
    max_charts: usize,
) -> Result<()> {
    gallery_into(report, dir, data_dir, canvas.into(), (false, max_charts))
}

/// As [`write_gallery`], but the folder's index keeps the charts already listed there (for
/// drawing one study's charts into a gallery of several).
pub fn add_to_gallery(
    report: &mut Report,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    canvas: impl Into<crate::plot::Canvas>,
) -> Result<()> {
    gallery_into(report, dir, data_dir, canvas.into(), (true, usize::MAX))
}

fn gallery_into(
    report: &mut Report,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    canvas: crate::plot::Canvas,
    (keep_others, max_charts): (bool, usize),
) -> Result<()> {
    let resolved = |p: &std::path::Path| {
        // A folder that does not exist yet is compared through its nearest existing parent.
        let mut base = p.to_path_buf();
        let mut rest = Vec::new();
        while !base.exists() {
            match (base.file_name().map(|f| f.to_os_string()), base.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    base = if parent.as_os_str().is_empty() {
                        std::path::PathBuf::from(".")
                    } else {
                        parent.to_path_buf()
                    };
                }
                _ => break,
            }
        }
        let mut full = base.canonicalize().unwrap_or(base);
        for part in rest.into_iter().rev() {
            full.push(part);
        }
        full
    };
    if resolved(dir).starts_with(resolved(data_dir)) {
        return Err(crate::error::Error::input(
            "chart folder",
            format!(
                "'{}' is inside the data folder '{}'; charts are never written into the data",
                dir.display(),
                data_dir.display()
            ),
        ));
    }
    let (mut items, mut not_drawn) = gallery::gallery_items(&report.studies)?;
    if items.len() > max_charts {
        let left = items.len() - max_charts;
        items.truncate(max_charts);
        not_drawn.push(crate::report::NotDrawn {
            name: format!("{left} more chart(s)"),
            reason: format!(
                "the gallery draws at most {max_charts} charts, the first in the report's order"
            ),
        });
    }
    let written = if keep_others {
        crate::plot::gallery::add_to_gallery(dir, &items, canvas)?
    } else {
        crate::plot::write_gallery(dir, &items, canvas)?
    };
    report.charts = written.iter().map(|p| p.display().to_string()).collect();
    report.charts_not_drawn = not_drawn;
    Ok(())
}
