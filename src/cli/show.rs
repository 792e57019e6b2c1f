//! `trialstats show`.

use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<Outcome> {
    Err(Error::Usage("'show' is not implemented yet".into()))
}
