//! `trialstats report`: the main job over every study in the data folder.

use std::path::PathBuf;
use trialstats::output::{render, Format};
use trialstats::report::{self, ReportOptions};
use trialstats::{study, Outcome, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of study files.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Pre/post correlation for measures that do not report one [default: 0.5, stated as
    /// assumed in the output].
    #[arg(long, allow_hyphen_values = true)]
    r: Option<f64>,
    /// Significance level of the paired tests; intervals are at 1 − alpha.
    #[arg(long, default_value_t = 0.05)]
    alpha: f64,
    /// Folder for the chart gallery (SVG and PNG of every chart, plus index.md).
    #[arg(long, default_value = "plots")]
    plots: PathBuf,
    /// Do not draw the charts.
    #[arg(long)]
    no_plots: bool,
    /// Chart width in pixels.
    #[arg(long, default_value_t = 800)]
    width: u32,
    /// Chart height in pixels.
    #[arg(long, default_value_t = 600)]
    height: u32,
    /// Output format: table (readable report), json (everything) or csv (one row per measure).
    #[arg(long, default_value = "table")]
    format: Format,
}

pub fn run(a: Args) -> Result<Outcome> {
    let studies = study::load_dir(&a.data)?;
    let options = ReportOptions {
        r: a.r,
        alpha: a.alpha,
        ..ReportOptions::default()
    };
    let mut report = report::build(&studies, &options)?;
    if !a.no_plots {
        report::write_gallery(
            &studies,
            &mut report,
            &options,
            &a.plots,
            &a.data,
            trialstats::plot::Size::new(a.width, a.height)?,
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
