//! `trialstats nma`: read a network's contrasts from a CSV file (`trialstats::nma::input`),
//! fit it with `trialstats::nma::analyse`, print it.

use std::path::PathBuf;
use trialstats::csv_file::CsvFile;
use trialstats::level::ConfidenceLevel;
use trialstats::nma::input::{read_contrasts, ContrastColumns};
use trialstats::nma::{analyse, Network, NmaOptions, SmallValues, Tau2Method};
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE_NO_CHECKS)]
pub struct Args {
    /// CSV file with a header row: one row per pairwise comparison (a multi-arm study gives
    /// every pair of its arms).
    pub file: PathBuf,
    /// Column of study labels.
    #[arg(long, default_value = "studlab")]
    pub study: String,
    /// Column of the first treatment of each comparison.
    #[arg(long, default_value = "treat1")]
    pub treat1: String,
    /// Column of the second treatment.
    #[arg(long, default_value = "treat2")]
    pub treat2: String,
    /// Column of the estimate of treat1 vs treat2 (log scale for ratios).
    #[arg(long, default_value = "TE")]
    pub te: String,
    /// Column of its standard error.
    #[arg(long, default_value = "seTE")]
    pub se: String,
    /// The reference treatment of the printed effects [default: placebo if there is one,
    /// else the first treatment in sorted order].
    #[arg(long)]
    pub reference: Option<String>,
    /// Confidence level of every interval.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    pub level: ConfidenceLevel,
    /// Also print exp() of the estimates and limits (for log ratios).
    #[arg(long)]
    pub exp: bool,
    /// Whether small estimates are good (e.g. a hazard ratio of relapse) or bad, for the
    /// P-scores: good or bad.
    #[arg(long, default_value = "good")]
    pub small_values: String,
    /// Estimator of tau^2: DL (netmeta's generalised DerSimonian-Laird) or REML (rma.mv with
    /// rho = 1/2).
    #[arg(long, default_value = "DL")]
    pub method: String,
    /// Also print the league tables (always printed for up to 8 treatments; always in JSON).
    #[arg(long)]
    pub league: bool,
    /// Output format: table (text) or json.
    #[arg(long, default_value = "table")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    let json = match args.format.to_ascii_lowercase().as_str() {
        "table" | "text" => false,
        "json" => true,
        other => {
            return Err(Error::input(
                "--format",
                format!("unknown format '{other}'; allowed: table (text) or json"),
            ))
        }
    };
    let small_values: SmallValues = args.small_values.parse()?;
    let method: Tau2Method = args.method.parse()?;
    let file = CsvFile::read(&args.file)?;
    let columns = ContrastColumns {
        study: args.study,
        treat1: args.treat1,
        treat2: args.treat2,
        te: args.te,
        se: args.se,
    };
    let contrasts = read_contrasts(&file, &columns)?;
    let network = Network::from_contrasts(file.name(), &contrasts)?;
    let options = NmaOptions {
        reference: args.reference,
        level: args.level,
        small_values,
        method,
        exp: args.exp,
        scale: if args.exp {
            "log".into()
        } else {
            "given".into()
        },
    };
    let result = analyse(&network, &options)?;
    if json {
        let text = serde_json::to_string_pretty(&result)
            .map_err(|e| Error::input("--format json", e.to_string()))?;
        super::print(&format!("{text}\n"));
    } else {
        let league = args.league || result.treatments.len() <= 8;
        super::print(&trialstats::nma::report::text(&result, league));
    }
    Ok(Outcome::Ok)
}
