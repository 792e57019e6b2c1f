//! `trialstats verify`: recompute the derived numbers the studies pin; exit 1 on a mismatch.

use trialstats::output::{CheckFormat, render};
use trialstats::{Outcome, Result, verify};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE)]
pub struct Args {
    #[command(flatten)]
    studies: super::args::Studies,
    /// Output format: table, json, csv, or junit (one test case per expectation).
    #[arg(long, default_value = "table")]
    format: CheckFormat,
}

pub fn run(a: Args) -> Result<Outcome> {
    let studies = super::load_for(&a.studies, a.format, "verify")?;
    let report = verify::verify_all(&studies)?;
    super::print(&render(a.format.0, &report)?);
    Ok(report.outcome())
}
