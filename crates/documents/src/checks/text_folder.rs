//! `check text` on a folder of documents, as statcheck's `checkdir`: every plain-text, web page
//! and PDF file in it (and its sub-folders), each scanned as [`TextScan`] does one file.
//!
//! A document that cannot be read (a scanned PDF without text, a damaged file, a text in
//! another encoding) does not stop the run: it is listed with the reason, and the others are
//! checked. Files are taken in path order, so two runs list them the same way.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::reported_test::{CheckRules, TextScan};
use crate::error::{Error, Result};
use crate::output::{Cell, Table, Tabular, TestCase};
use crate::text::{Document, DocumentKind};

/// The file name endings read as documents (any case).
pub const DOCUMENT_EXTENSIONS: [&str; 5] = ["txt", "text", "pdf", "html", "htm"];

/// One document of the folder, scanned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentScan {
    /// What the file was read as.
    pub kind: DocumentKind,
    #[serde(flatten)]
    pub scan: TextScan,
}

/// A document that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotRead {
    pub file: String,
    pub problem: String,
}

/// The counts over every document read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FolderSummary {
    /// Documents found (read or not).
    pub documents: usize,
    pub not_read: usize,
    pub results: usize,
    pub consistent: usize,
    pub inconsistent: usize,
    pub decision_errors: usize,
    pub not_checked: usize,
    pub p_values: usize,
}

/// Every document of a folder, scanned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FolderScan {
    /// The folder, as given.
    pub folder: String,
    pub rules: CheckRules,
    pub summary: FolderSummary,
    pub documents: Vec<DocumentScan>,
    pub not_read: Vec<NotRead>,
}

impl FolderScan {
    /// Scan every document under `dir`. A folder that cannot be listed, or that holds no
    /// document at all, is an input error; a document that cannot be read is listed in
    /// [`FolderScan::not_read`].
    pub fn new(dir: &Path, rules: &CheckRules, all_p_values: bool) -> Result<FolderScan> {
        let files = document_files(dir)?;
        if files.is_empty() {
            return Err(Error::input(
                dir.display().to_string(),
                format!(
                    "no documents in this folder (files ending in .{})",
                    DOCUMENT_EXTENSIONS.join(", .")
                ),
            ));
        }
        let mut documents = Vec::new();
        let mut not_read = Vec::new();
        for file in &files {
            let name = file.display().to_string();
            match Document::read(file) {
                Ok(d) => documents.push(DocumentScan {
                    kind: d.kind,
                    scan: TextScan::new(&name, &d.text, rules, all_p_values),
                }),
                Err(e) => not_read.push(NotRead {
                    file: name,
                    // The file is named beside it; the message alone says why.
                    problem: e.into_message(),
                }),
            }
        }
        let sum = |f: fn(&TextScan) -> usize| documents.iter().map(|d| f(&d.scan)).sum();
        let summary = FolderSummary {
            documents: files.len(),
            not_read: not_read.len(),
            results: sum(|s| s.summary.results),
            consistent: sum(|s| s.summary.consistent),
            inconsistent: sum(|s| s.summary.inconsistent),
            decision_errors: sum(|s| s.summary.decision_errors),
            not_checked: sum(|s| s.summary.not_checked),
            p_values: sum(|s| s.summary.p_values),
        };
        Ok(FolderScan {
            folder: dir.display().to_string(),
            rules: *rules,
            summary,
            documents,
            not_read,
        })
    }

    /// Every result of every document read is consistent, and every document was read.
    pub fn all_hold(&self) -> bool {
        self.not_read.is_empty() && self.documents.iter().all(|d| d.scan.consistent())
    }
}

/// The documents under `dir` (sub-folders included; hidden files and folders skipped), in
/// path order.
///
/// ```
/// # std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap();
/// use std::path::Path;
/// use trialstats_documents::checks::text_folder::document_files;
/// // The test folder holds the manuscript as a web page, a PDF and plain text, and the
/// // Python script that wrote the PDF, which is no document.
/// let files = document_files(Path::new("tests/data/documents"))?;
/// let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_str().unwrap()).collect();
/// assert_eq!(names, ["results.html", "results.pdf", "results.txt"]);
/// # Ok::<(), trialstats_documents::Error>(())
/// ```
pub fn document_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if kind.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.as_str()))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

impl Tabular for FolderScan {
    fn table(&self) -> Table {
        let mut header = vec!["file".to_string()];
        let mut rows = Vec::new();
        for d in &self.documents {
            let t = d.scan.table();
            if header.len() == 1 {
                header.extend(t.header);
            }
            rows.extend(t.rows.into_iter().map(|r| {
                let mut row = vec![Cell::Text(d.scan.file.clone())];
                row.extend(r);
                row
            }));
        }
        if header.len() == 1 {
            // No document was read: the header of an empty scan.
            header.extend(["line", "result", "computed_p", "status", "detail"].map(String::from));
        }
        Table { header, rows }
    }

    fn preamble(&self) -> Option<String> {
        let s = &self.summary;
        let mut text = format!(
            "{}: {} documents ({} read); {} results: {} consistent, {} inconsistent, {} decision errors (α = {}){}; {} p-values",
            self.folder,
            s.documents,
            s.documents - s.not_read,
            s.results,
            s.consistent,
            s.inconsistent,
            s.decision_errors,
            crate::output::human_number(self.rules.alpha),
            match s.not_checked {
                0 => String::new(),
                k => format!("; {k} not checked"),
            },
            s.p_values,
        );
        for d in &self.documents {
            text.push_str(&format!(
                "\n  {} ({}): {} results, {} consistent",
                d.scan.file,
                d.kind.name(),
                d.scan.summary.results,
                d.scan.summary.consistent
            ));
        }
        for n in &self.not_read {
            text.push_str(&format!("\n  {}: not read: {}", n.file, n.problem));
        }
        Some(text)
    }

    fn test_cases(&self) -> Option<Vec<TestCase>> {
        let mut cases: Vec<TestCase> = self
            .documents
            .iter()
            .flat_map(|d| d.scan.test_cases().unwrap_or_default())
            .collect();
        cases.extend(self.not_read.iter().map(|n| TestCase {
            suite: n.file.clone(),
            name: "read the document".into(),
            failure: Some("not read".into()),
            skipped: false,
            detail: n.problem.clone(),
        }));
        Some(cases)
    }
}
