//! The chart gallery: many named charts written into one folder (the report's `plots/`),
//! each as SVG and PNG, with an index a person can open: `index.md` (rendered by code hosts)
//! and `index.html` (any browser), each chart with its caption (what was assumed) and links
//! to both files.
//!
//! [`write_gallery`] replaces the index (the report draws every chart); [`add_to_gallery`]
//! keeps the entries of charts already in the folder (`plot study X -o DIR` adds one study's
//! charts to a gallery of several).

use super::{Canvas, Chart, render};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One chart of a gallery and the name its files take (made safe for a file name).
#[derive(Debug, Clone, PartialEq)]
pub struct GalleryItem {
    /// Human-readable name ("NMO: EDSS"); the files are named from it.
    pub name: String,
    pub chart: Chart,
    /// What the chart shows and what was assumed to draw it, for the index.
    pub caption: String,
}

impl GalleryItem {
    /// An item without a caption.
    pub fn new(name: impl Into<String>, chart: impl Into<Chart>) -> Self {
        GalleryItem {
            name: name.into(),
            chart: chart.into(),
            caption: String::new(),
        }
    }
}

/// One entry of a gallery's index.
#[derive(Debug, Clone, PartialEq)]
struct IndexEntry {
    name: String,
    stem: String,
    caption: String,
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

/// Write every item into `dir` (created if missing) as `<stem>.svg` and `<stem>.png` on
/// `canvas`, plus `index.md` and `index.html` listing exactly these charts; return the paths
/// written. Stems that collide get `-2`, `-3`, … Every file is written atomically.
pub fn write_gallery(
    dir: &Path,
    items: &[GalleryItem],
    canvas: impl Into<Canvas>,
) -> Result<Vec<PathBuf>> {
    write(dir, items, canvas.into(), false)
}

/// As [`write_gallery`], but the index keeps the entries of other charts already listed in
/// `dir/index.md` whose files are still there (a chart of the same name is replaced in place).
pub fn add_to_gallery(
    dir: &Path,
    items: &[GalleryItem],
    canvas: impl Into<Canvas>,
) -> Result<Vec<PathBuf>> {
    write(dir, items, canvas.into(), true)
}

fn write(dir: &Path, items: &[GalleryItem], canvas: Canvas, keep: bool) -> Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::input(
            dir.display().to_string(),
            "is a file, not a folder; the charts need a folder (give another name, or remove the file)",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    let mut entries: Vec<IndexEntry> = Vec::new();
    for item in items {
        let base = file_stem(&item.name);
        let mut stem = base.clone();
        let mut k = 1;
        while entries.iter().any(|e| e.stem == stem) {
            k += 1;
            stem = format!("{base}-{k}");
        }
        for ext in ["svg", "png"] {
            let path = dir.join(format!("{stem}.{ext}"));
            render(&item.chart, &path, canvas)?;
            written.push(path);
        }
        entries.push(IndexEntry {
            name: item.name.clone(),
            stem,
            caption: item.caption.clone(),
        });
    }
    if keep {
        let old = std::fs::read_to_string(dir.join("index.md")).unwrap_or_default();
        let mut merged: Vec<IndexEntry> = Vec::new();
        for e in read_index(&old) {
            if let Some(new) = entries.iter().find(|n| n.stem == e.stem) {
                merged.push(new.clone());
            } else if dir.join(format!("{}.png", e.stem)).is_file() {
                merged.push(e);
            }
        }
        for e in &entries {
            if !merged.iter().any(|m| m.stem == e.stem) {
                merged.push(e.clone());
            }
        }
        entries = merged;
    }
    for (file, text) in [
        ("index.md", markdown_index(&entries)),
        ("index.html", html_index(&entries)),
    ] {
        let path = dir.join(file);
        trialstats_numerics::whole_file::write(&path, text.as_bytes(), "chart index", None)?;
        written.push(path);
    }
    Ok(written)
}

fn markdown_index(entries: &[IndexEntry]) -> String {
    let mut md = String::from("# Charts\n\n");
    for e in entries {
        md.push_str(&format!("## {}\n\n", e.name));
        if !e.caption.is_empty() {
            md.push_str(&format!("{}\n\n", e.caption));
        }
        md.push_str(&format!(
            "![{}]({stem}.png)\n\n[SVG]({stem}.svg) · [PNG]({stem}.png)\n\n",
            e.name.replace(['[', ']'], ""),
            stem = e.stem
        ));
    }
    md
}

/// The entries of an `index.md` written by [`markdown_index`] (others are skipped).
fn read_index(md: &str) -> Vec<IndexEntry> {
    md.split("\n## ")
        .skip(1)
        .filter_map(|section| {
            let mut lines = section.lines();
            let name = lines.next()?.trim().to_string();
            let mut caption = Vec::new();
            for line in lines {
                if let Some(image) = line.strip_prefix("![") {
                    let stem = image.split("](").nth(1)?.strip_suffix(".png)")?;
                    return Some(IndexEntry {
                        name,
                        stem: stem.to_string(),
                        caption: caption.join(" "),
                    });
                }
                if !line.trim().is_empty() {
                    caption.push(line.trim().to_string());
                }
            }
            None
        })
        .collect()
}

fn html_index(entries: &[IndexEntry]) -> String {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Charts</title>\n<style>\nbody { font-family: 'DejaVu Sans', 'Bitstream Vera Sans', sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }\nfigure { margin: 0 0 3rem; }\nimg { max-width: 100%; height: auto; border: 1px solid #ddd; }\nfigcaption { margin-top: 0.5rem; line-height: 1.4; }\n</style>\n</head>\n<body>\n<h1>Charts</h1>\n",
    );
    html.push_str("<ul>\n");
    for e in entries {
        html.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            escape(&e.stem),
            escape(&e.name)
        ));
    }
    html.push_str("</ul>\n");
    for e in entries {
        let stem = escape(&e.stem);
        html.push_str(&format!(
            "<figure id=\"{stem}\">\n<h2>{name}</h2>\n<a href=\"{stem}.svg\"><img src=\"{stem}.png\" alt=\"{name}\"></a>\n<figcaption>{caption} <a href=\"{stem}.svg\">SVG</a> · <a href=\"{stem}.png\">PNG</a></figcaption>\n</figure>\n",
            name = escape(&e.name),
            caption = escape(&e.caption),
        ));
    }
    html.push_str("</body>\n</html>\n");
    html
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

    #[test]
    fn the_markdown_index_reads_back() {
        let entries = vec![
            IndexEntry {
                name: "a panel".into(),
                stem: "a-panel".into(),
                caption: "what was assumed".into(),
            },
            IndexEntry {
                name: "b forest".into(),
                stem: "b-forest".into(),
                caption: String::new(),
            },
        ];
        assert_eq!(read_index(&markdown_index(&entries)), entries);
        let html = html_index(&entries);
        assert!(html.contains("<a href=\"a-panel.svg\">SVG</a>"));
        assert!(html.contains("what was assumed"));
    }
}
