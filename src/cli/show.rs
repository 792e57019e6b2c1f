//! `trialstats show`: every number of one study with its provenance.

use std::path::PathBuf;
use trialstats::output::{self, Format};
use trialstats::study::{self, StudyNumbers};
use trialstats::{Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE_NO_CHECKS)]
pub struct Args {
    /// Study id (the file name without `.toml`; `trialstats list` shows them), or the path of
    /// a study file (`FILE.toml`, such as a draft of `trialstats draft`).
    pub study: String,
    /// Folder holding the study files (`*.toml`).
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// Output format: table (readable text), json (the whole study) or csv (one row per number).
    #[arg(long, default_value = "table")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    let format: Format = args.format.parse()?;
    let s = if args.study.ends_with(".toml") {
        study::load_file(std::path::Path::new(&args.study))?
    } else {
        super::args::study_by_id(&args.data, &args.study, "STUDY")?
    };
    let text = match format {
        Format::Table => study::describe(&s),
        _ => output::render(format, &StudyNumbers(&s))?,
    };
    super::print(&text);
    Ok(Outcome::Ok)
}
