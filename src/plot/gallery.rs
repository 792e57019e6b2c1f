//! The chart gallery: many named charts written into one folder (the report's `plots/`),
//! each as SVG and PNG, with a Markdown index listing them in order.

use super::{render, Canvas, Chart};
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One chart of a gallery and the name its files take (made safe for a file name).
#[derive(Debug, Clone, PartialEq)]
pub struct GalleryItem {
    /// Human-readable name ("NMO: EDSS"); the files are named from it.
    pub name: String,
    pub chart: Chart,
}

/// `name` as a file stem: lower case letters, digits and '-', nothing else; never empty.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        "chart".into()
    } else {
        stem
    }
}

/// Write every item into `dir` (created if missing) as `<stem>.svg` and `<stem>.png` at
/// `size`, plus `index.md` linking them; return the paths written. Stems that collide get
/// `-2`, `-3`, … Every file is written atomically.
pub fn write_gallery(
    dir: &Path,
    items: &[GalleryItem],
    canvas: impl Into<Canvas>,
) -> Result<Vec<PathBuf>> {
    let canvas = canvas.into();
    if dir.exists() && !dir.is_dir() {
        return Err(Error::input(
            dir.display().to_string(),
            "is a file, not a folder; the charts need a folder (give another name, or remove the file)",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut index = String::from("# Charts\n\n");
    for item in items {
        let base = file_stem(&item.name);
        let mut stem = base.clone();
        let mut k = 1;
        while used.contains(&stem) {
            k += 1;
            stem = format!("{base}-{k}");
        }
        used.push(stem.clone());
        for ext in ["svg", "png"] {
            let path = dir.join(format!("{stem}.{ext}"));
            render(&item.chart, &path, canvas)?;
            written.push(path);
        }
        index.push_str(&format!(
            "## {}\n\n![{}]({stem}.png)\n\n[SVG]({stem}.svg)\n\n",
            item.name,
            item.name.replace(['[', ']'], "")
        ));
    }
    let index_path = dir.join("index.md");
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(index.as_bytes())
        .map_err(|e| Error::io(&index_path, e))?;
    super::readable_by_all(tmp.path()).map_err(|e| Error::io(&index_path, e))?;
    tmp.persist(&index_path)
        .map_err(|e| Error::io(&index_path, e.error))?;
    written.push(index_path);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_file_names() {
        assert_eq!(file_stem("NMO: EDSS (0–10)"), "nmo-edss-0-10");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("—"), "chart");
    }
}
