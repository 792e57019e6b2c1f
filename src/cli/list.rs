//! `trialstats list`: the studies in the data folder, one line each.

use std::path::PathBuf;
use trialstats::output::{self, Format};
use trialstats::study::{self, StudyList, StudySummary};
use trialstats::{Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE_NO_CHECKS)]
pub struct Args {
    /// Folder holding the study files (`*.toml`).
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    let format: Format = args.format.parse()?;
    let studies = study::load_dir(&args.data)?;
    let list = StudyList(studies.iter().map(StudySummary::from).collect());
    super::print(&output::render(format, &list)?);
    Ok(Outcome::Ok)
}
