//! `trialstats report`: the main job over every study in the data folder.

use super::args;
use std::path::PathBuf;
use trialstats::analysis::AnalysisOptions;
use trialstats::level::ConfidenceLevel;
use trialstats::output::{Format, render};
use trialstats::report;
use trialstats::{Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE)]
pub struct Args {
    #[command(flatten)]
    studies: args::Studies,
    /// Pre/post correlation for measures that do not report one [default: 0.5, stated as
    /// assumed in the output].
    #[arg(long, allow_hyphen_values = true)]
    r: Option<f64>,
    /// Significance level of the paired tests; every interval, in the text and the charts,
    /// is at 1 − alpha.
    #[arg(long, default_value_t = 0.05, allow_hyphen_values = true)]
    alpha: f64,
    /// Values of r for the sweep, comma-separated.
    #[arg(
        long,
        default_value = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9",
        allow_hyphen_values = true
    )]
    grid: String,
    /// Folder for the chart gallery (SVG and PNG of every chart, plus index.md).
    #[arg(long, short = 'o', value_name = "DIR", default_value = "plots")]
    plots: PathBuf,
    /// Do not draw the charts.
    #[arg(long)]
    no_plots: bool,
    /// The most charts to draw (in the report's order; the rest are listed as not drawn).
    #[arg(long, value_name = "N", default_value_t = trialstats::charts::report_charts::DEFAULT_MAX_CHARTS as i64, allow_negative_numbers = true, value_parser = super::args::whole_number)]
    max_charts: i64,
    #[command(flatten)]
    chart: args::ChartOptions,
    /// Output format: table (readable report), json (everything) or csv (one row per measure).
    #[arg(long, default_value = "table")]
    format: Format,
}

pub fn run(a: Args) -> Result<Outcome> {
    let options = AnalysisOptions {
        r: a.r,
        level: ConfidenceLevel::from_alpha(a.alpha)?,
        r_grid: trialstats::number_list::numbers("--grid", &a.grid)?,
        ..AnalysisOptions::default()
    };
    options.validate()?;
    a.chart.refuse_labels("report")?;
    let max_charts = usize::try_from(a.max_charts)
        .ok()
        .filter(|&m| m >= 1)
        .ok_or_else(|| {
            trialstats::Error::input(
                "--max-charts",
                format!(
                    "'{}' is no number of charts; give a whole number of 1 or more (or --no-plots for none)",
                    a.max_charts
                ),
            )
        })?;
    let canvas = a.chart.canvas()?;
    let (studies, data) = a.studies.load()?;
    let mut report = report::build(&studies, &options)?;
    report::add_confirmatory_trials(&mut report, &data)?;
    if !a.no_plots {
        trialstats::charts::report_charts::write_gallery(
            &mut report,
            &a.plots,
            &data,
            canvas,
            max_charts,
        )?;
    }
    let text = match a.format {
        Format::Csv => {
            let table = report::measure_table(&report);
            render(Format::Csv, &trialstats::output::TableOnly(table))?
        }
        f => render(f, &report)?,
    };
    super::print(&text);
    Ok(report.outcome())
}
