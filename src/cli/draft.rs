//! `trialstats draft`: a study file drafted from a document's text (or its items as JSON).

use std::path::PathBuf;
use trialstats::draft::{self, DraftedItems, Sentences, study_file};
use trialstats::study;
use trialstats::whole_file;
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  trialstats draft abstract.txt -o data/my-trial.toml     (then: trialstats show my-trial)
  trialstats draft abstract.txt --format json             (the items: kind, quote, line, numbers as printed)

Exit codes: 0 success; 2 bad input or usage (a file that is not UTF-8, empty or binary, named).")]
pub struct Args {
    /// The document: a UTF-8 plain text (Japanese or English).
    #[arg(value_name = "DOC.txt")]
    pub file: PathBuf,
    /// The study id ([a-z0-9_-]+) [default: the stem of -o, else the document's name made lower case].
    #[arg(long)]
    pub id: Option<String>,
    /// Write the draft to this file (written whole or not at all; never over the document): a
    /// study file FILE.toml, or with --format json or table the items in that format.
    #[arg(short, long, value_name = "FILE.toml")]
    pub output: Option<PathBuf>,
    /// toml (the drafted study file), json (the items) or table (one line per item).
    #[arg(long, default_value = "toml")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let text = draft::text_of(bytes, &name)?;
    let doc = Sentences::new(&text);
    match args.format.as_str() {
        "json" | "table" => {
            let format = args.format.parse()?;
            let out = trialstats::output::render(format, &DraftedItems::read(&name, &doc))?;
            match &args.output {
                None => super::print(&out),
                Some(file) => {
                    whole_file::write(file, out.as_bytes(), "drafted items", Some(&args.file))?
                }
            }
            return Ok(Outcome::Ok);
        }
        "toml" => {}
        other => {
            return Err(Error::input(
                "--format",
                format!("'{other}' is not a format of draft; use toml, json or table"),
            ));
        }
    }
    let id = study_id(&args)?;
    let source_file = args
        .file
        .file_name()
        .map_or(name.clone(), |s| s.to_string_lossy().to_string());
    let items = draft::read_document(&doc);
    let toml = study_file::draft_study(&doc, &items, &study_file::DraftOptions { id, source_file });
    match &args.output {
        None => super::print(&toml),
        Some(out) => whole_file::write(out, toml.as_bytes(), "study file", Some(&args.file))?,
    }
    Ok(Outcome::Ok)
}

/// The drafted study's id, from `--id`, the stem of `-o` or the document's name; an `-o` that
/// names no study file (not `*.toml`, a stem that is no id, or another id than `--id`) is bad
/// input.
fn study_id(args: &Args) -> Result<String> {
    // One rule (trialstats::study::valid_study_id): the id is the stem of -o, which must
    // itself be a valid id, so that the file loads; without -o it is made from the
    // document's name.
    // A study file is read by its extension (`report --data`, `check` take `*.toml`): a draft
    // written under another name would be found by nothing.
    if let Some(out) = args
        .output
        .as_ref()
        .filter(|o| o.extension().is_none_or(|e| e != "toml"))
    {
        let stem = out
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        return Err(Error::input(
            "--output",
            format!(
                "{} is no study file's name: a study file ends in .toml (report and check read \
                 data/*.toml); name it {}.toml, or use --format json or table for the items",
                out.display(),
                study::study_id_from_name(&stem)
            ),
        ));
    }
    let out_stem = args.output.as_ref().and_then(|out| {
        out.extension()
            .is_some_and(|e| e == "toml")
            .then(|| out.file_stem().map(|s| s.to_string_lossy().to_string()))
            .flatten()
    });
    if let (Some(out), Some(stem)) = (&args.output, &out_stem) {
        if !study::valid_study_id(stem) {
            return Err(Error::input(
                "--output",
                format!(
                    "{} cannot hold a study: a study's id is its file stem, and ids hold {}; \
                     name the file {}.toml",
                    out.display(),
                    study::STUDY_ID_RULE,
                    study::study_id_from_name(stem)
                ),
            ));
        }
    }
    let id = match (&args.id, &out_stem) {
        (Some(id), _) => id.clone(),
        (None, Some(stem)) => stem.clone(),
        (None, None) => {
            let stem_of = |p: &PathBuf| {
                p.file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default()
            };
            study::study_id_from_name(
                &args
                    .output
                    .as_ref()
                    .map_or_else(|| stem_of(&args.file), stem_of),
            )
        }
    };
    if !study::valid_study_id(&id) {
        return Err(Error::input(
            "--id",
            format!("'{id}' is not a study id: use {}", study::STUDY_ID_RULE),
        ));
    }
    if let (Some(out), Some(stem)) = (&args.output, &out_stem) {
        if stem != &id {
            return Err(Error::input(
                "--id",
                format!(
                    "'{id}' differs from the file name {}: a study's id is its file stem",
                    out.display()
                ),
            ));
        }
    }
    Ok(id)
}
