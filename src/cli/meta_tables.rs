//! `trialstats meta mh` and `trialstats meta peto`: fixed-effect models of the studies' 2×2
//! tables (`trialstats::meta::models`), metafor's `rma.mh` and `rma.peto`.

use std::path::PathBuf;
use trialstats::effect::MeasureCode;
use trialstats::level::ConfidenceLevel;
use trialstats::meta::models::{Tables, mantel_haenszel, peto};
use trialstats::output::{Format, render};
use trialstats::{Outcome, Result};

/// The tables and what to print.
#[derive(Debug, clap::Args)]
pub struct TablesArgs {
    /// CSV file with a header row, one study per row: columns ai, bi, ci, di (events and
    /// non-events of group 1, then group 2) or ai, n1i, ci, n2i (events and group sizes).
    pub file: PathBuf,
    /// Column of study labels (default: a column named study, label, author, trial or id,
    /// else the row number).
    #[arg(long)]
    pub label: Option<String>,
    /// Confidence level of the intervals.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    pub level: ConfidenceLevel,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
}

/// `meta mh`.
#[derive(Debug, clap::Args)]
pub struct MantelHaenszelArgs {
    #[command(flatten)]
    pub tables: TablesArgs,
    /// The effect to pool: OR, RR or RD.
    #[arg(long, default_value = "OR")]
    pub measure: String,
    /// Leave out the continuity correction of the Cochran-Mantel-Haenszel test (metafor's
    /// correct = FALSE).
    #[arg(long)]
    pub no_correct: bool,
}

pub fn run_mh(args: MantelHaenszelArgs) -> Result<Outcome> {
    let format: Format = args.tables.format.parse()?;
    let code: MeasureCode = args.measure.parse()?;
    let tables = Tables::read_csv(&args.tables.file, args.tables.label.as_deref())?;
    let fit = mantel_haenszel::fit(&tables, code, args.tables.level, !args.no_correct)?;
    print(format, &fit)
}

pub fn run_peto(args: TablesArgs) -> Result<Outcome> {
    let format: Format = args.format.parse()?;
    let tables = Tables::read_csv(&args.file, args.label.as_deref())?;
    let fit = peto::fit(&tables, args.level)?;
    print(format, &fit)
}

fn print<T: trialstats::output::Tabular + serde::Serialize>(
    format: Format,
    value: &T,
) -> Result<Outcome> {
    let mut out = render(format, value)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    super::print(&out);
    Ok(Outcome::Ok)
}

/// `meta glmm`.
#[derive(Debug, clap::Args)]
pub struct GlmmArgs {
    #[command(flatten)]
    pub tables: TablesArgs,
    /// The effect to pool: OR (the only one for now).
    #[arg(long, default_value = "OR")]
    pub measure: String,
    /// The model, as metafor names it: UM.FS (unconditional, fixed study effects) or CM.EL
    /// (conditional on the margins, exact noncentral hypergeometric likelihood).
    #[arg(long, default_value = "UM.FS")]
    pub model: String,
    /// ML (random effects, tau^2 by maximum likelihood) or EE (fixed effect, tau^2 = 0).
    #[arg(long, default_value = "ML")]
    pub method: String,
    /// Moderator columns, comma-separated (rma.glmm's mods); a non-numeric
    /// column is categorical (treatment coding, first level in sorted order as reference).
    #[arg(long, value_delimiter = ',')]
    pub mods: Vec<String>,
}

pub fn run_glmm(args: GlmmArgs) -> Result<Outcome> {
    use trialstats::Error;
    use trialstats::meta::models::binomial_normal::{self, Estimation};
    let format: Format = args.tables.format.parse()?;
    if args.measure != "OR" {
        return Err(Error::input(
            "--measure",
            format!(
                "meta glmm pools the odds ratio (OR), not '{}'",
                args.measure
            ),
        ));
    }
    if args.model != "UM.FS" && args.model != "CM.EL" {
        return Err(Error::input(
            "--model",
            format!(
                "'{}' is not available; UM.FS (unconditional, fixed study effects) or CM.EL (conditional, exact likelihood)",
                args.model
            ),
        ));
    }
    let estimation = match args.method.as_str() {
        "ML" => Estimation::RandomEffects,
        "EE" | "FE" => Estimation::FixedEffect,
        other => {
            return Err(Error::input(
                "--method",
                format!("'{other}' is not a method of meta glmm; ML or EE"),
            ));
        }
    };
    let mods: Vec<String> = args.mods.into_iter().filter(|m| !m.is_empty()).collect();
    let file = trialstats::csv_file::CsvFile::read(&args.tables.file)?;
    let tables = Tables::read(&file, args.tables.label.as_deref())?;
    let moderators = Tables::moderators(&file, &mods)?;
    let fit = if args.model == "CM.EL" {
        trialstats::meta::models::conditional_binomial_normal::fit_with_moderators(
            &tables,
            &moderators,
            estimation,
            args.tables.level,
        )?
    } else {
        binomial_normal::fit_with_moderators(&tables, &moderators, estimation, args.tables.level)?
    };
    print(format, &fit)
}
