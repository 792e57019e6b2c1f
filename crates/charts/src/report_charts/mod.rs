//! The report's charts: which charts a report draws ([`gallery`]) and writing them into a
//! folder with its index ([`write_gallery`], [`add_to_gallery`]), recording in the
//! [`Report`] the files written and the charts left out.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | [`write_gallery`], [`add_to_gallery`]: the folder, never the data folder |
//! | [`gallery`] | which charts the report draws, built from the analyses |

pub mod gallery;

use crate::error::Result;
use crate::report::Report;

/// Draw the report's charts into `dir` (SVG and PNG each, plus `index.md` and `index.html`) and record the
/// files in the report. Refuses a `dir` that is the data folder or inside it: the data is
/// never written.
pub fn write_gallery(
    report: &mut Report,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    canvas: impl Into<crate::plot::Canvas>,
) -> Result<()> {
    gallery_into(report, dir, data_dir, canvas.into(), false)
}

/// As [`write_gallery`], but the folder's index keeps the charts already listed there (for
/// drawing one study's charts into a gallery of several).
pub fn add_to_gallery(
    report: &mut Report,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    canvas: impl Into<crate::plot::Canvas>,
) -> Result<()> {
    gallery_into(report, dir, data_dir, canvas.into(), true)
}

fn gallery_into(
    report: &mut Report,
    dir: &std::path::Path,
    data_dir: &std::path::Path,
    canvas: crate::plot::Canvas,
    keep_others: bool,
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
    let (items, not_drawn) = gallery::gallery_items(&report.studies)?;
    let written = if keep_others {
        crate::plot::gallery::add_to_gallery(dir, &items, canvas)?
    } else {
        crate::plot::write_gallery(dir, &items, canvas)?
    };
    report.charts = written.iter().map(|p| p.display().to_string()).collect();
    report.charts_not_drawn = not_drawn;
    Ok(())
}
