//! `trialstats prepost`: the paired test of a before/after change from mean ± SD, at an assumed
//! pre/post correlation, with the r sweep and the smallest r at which it is significant.

use trialstats::level::ConfidenceLevel;
use trialstats::output::{Format, render};
use trialstats::prepost::{self, Claim};
use trialstats::{Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE)]
pub struct Args {
    /// Number of patients measured before and after.
    #[arg(long, allow_negative_numbers = true)]
    n: f64,
    /// Mean and SD before treatment, as MEAN,SD.
    #[arg(long, allow_hyphen_values = true)]
    before: String,
    /// Mean and SD after treatment, as MEAN,SD.
    #[arg(long, allow_hyphen_values = true)]
    after: String,
    /// Pre/post correlation for the headline result [default: 0.5, stated in the output].
    #[arg(long, allow_hyphen_values = true)]
    r: Option<f64>,
    /// Values of r for the sweep, comma-separated.
    #[arg(
        long,
        default_value = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9",
        allow_hyphen_values = true
    )]
    grid: String,
    /// Two-sided significance level (the CIs are at 1 − alpha).
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    alpha: f64,
    /// What the document claims: significant, not-significant or not-reported.
    #[arg(long, default_value = "not-reported", value_parser = ["significant", "not-significant", "not-reported"])]
    claim: String,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    format: Format,
}

pub fn run(a: Args) -> Result<Outcome> {
    let b = trialstats::number_list::named_numbers("--before", &a.before, &["MEAN", "SD"])?;
    let af = trialstats::number_list::named_numbers("--after", &a.after, &["MEAN", "SD"])?;
    let summary =
        prepost::paired_summary("--n/--before/--after", a.n, (b[0], b[1]), (af[0], af[1]))?;
    let grid = trialstats::number_list::numbers("--grid", &a.grid)?;
    let claim = match a.claim.as_str() {
        "significant" => Claim::Significant,
        "not-significant" => Claim::NotSignificant,
        _ => Claim::NotReported,
    };
    let analysis = prepost::analyse(
        "change",
        &summary,
        prepost::pick_r(None, a.r),
        &grid,
        ConfidenceLevel::from_alpha(a.alpha)?,
        claim,
    )?;
    super::print(&render(a.format, &analysis)?);
    Ok(match analysis.claim.can_hold {
        Some(false) => Outcome::ProblemFound,
        _ => Outcome::Ok,
    })
}
