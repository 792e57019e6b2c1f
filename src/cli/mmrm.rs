//! `trialstats mmrm`: fit a mixed model for repeated measures (R's mmrm, SAS PROC MIXED with
//! REPEATED) to a CSV file. Exit 1 when the optimum could not be confirmed (the output says
//! so), 2 on bad input.

use std::path::PathBuf;
use trialstats::level::ConfidenceLevel;
use trialstats::lmm::emmeans::parse_at;
use trialstats::lmm::inference::Ddf;
use trialstats::mmrm::{MmrmOptions, fit_csv_with_references};
use trialstats::output::{Format, render};
use trialstats::{Error, Outcome, Result};

const GRAMMAR: &str = "\
Formulas (as R's mmrm):
  response ~ fixed terms + us(visit | subject)
  fixed terms   as in lmm: numeric columns as they are, text columns and factor(x)
                categorical; a * b = a + b + a:b
  covariance    us (unstructured: every variance and covariance of the visits),
                cs (compound symmetry), csh (heterogeneous cs), ar1 (first-order
                autoregressive), ar1h (heterogeneous ar1), toep (Toeplitz), toeph
                (heterogeneous Toeplitz), ad (antedependence), adh (heterogeneous
                antedependence, SAS ANTE(1)), diag (independent visits, one variance
                each); the visit column is categorical whatever it holds, its levels
                in order and equally spaced for ar1
  us(visit | arm / subject), or --group arm: one covariance per arm
Each subject uses the visits it has: rows with a missing value (empty or NA) in a used
column are dropped; no imputation. One row per subject and visit.
Exit codes: 0 fitted; 1 the optimum could not be confirmed (the output says so); 2 bad input.
Example: trialstats mmrm tests/data/fev_data.csv \\
           --formula 'FEV1 ~ RACE + SEX + ARMCD * AVISIT + us(AVISIT | USUBJID)' --contrast ARMCD";

#[derive(Debug, clap::Args)]
#[command(after_help = GRAMMAR)]
pub struct Args {
    /// CSV file with a header row, one row per subject and visit.
    pub file: PathBuf,
    /// The reference level of a categorical variable, VAR=LEVEL (repeatable; e.g.
    /// arm=placebo): every other level is compared with it (R's relevel). Default: the first
    /// level in sorted order.
    #[arg(long, value_name = "VAR=LEVEL")]
    pub reference: Vec<String>,
    /// Model formula, e.g. 'chg ~ base + arm * visit + us(visit | subject)'.
    #[arg(long)]
    pub formula: String,
    /// A separate covariance for each level of this column (the arm), as mmrm's
    /// us(visit | arm / subject) and SAS's GROUP=.
    #[arg(long, value_name = "COLUMN")]
    pub group: Option<String>,
    /// Fit by maximum likelihood (default: REML).
    #[arg(long)]
    pub ml: bool,
    /// Denominator df of the fixed effects' t tests: satterthwaite (mmrm's and SAS's
    /// default), kenward-roger (REML only; also adjusts the SEs) or none.
    #[arg(long, default_value = "satterthwaite")]
    pub ddf: Ddf,
    /// Level of the confidence intervals, as a fraction.
    #[arg(long, default_value = "0.95")]
    pub level: ConfidenceLevel,
    /// Least-squares means of this categorical variable (the arm) and their pairwise
    /// differences, at every visit unless --at names the visit.
    #[arg(long, value_name = "VARIABLE")]
    pub contrast: Option<String>,
    /// With --contrast: the value(s) of another variable, VAR=V or VAR=V1,V2, e.g.
    /// --at AVISIT=VIS4 for the last visit only.
    #[arg(long, value_name = "VAR=V", requires = "contrast")]
    pub at: Vec<String>,
    /// Output format: table, json or csv (fixed effects).
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Draw the least-squares means per arm over visits, with their CIs and the subjects
    /// per visit, to this file (.png or .svg); needs --contrast ARM.
    #[arg(long, value_name = "FILE", requires = "contrast")]
    pub chart: Option<PathBuf>,
    /// Size, resolution, title and axis labels of the --chart.
    #[command(flatten)]
    pub chart_options: super::args::ChartOptions,
}

pub fn run(args: Args) -> Result<Outcome> {
    let format: Format = args.format.parse()?;
    let at = args
        .at
        .iter()
        .map(|a| parse_at(a))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if args.ddf == Ddf::None && args.contrast.is_some() {
        return Err(Error::input(
            "--ddf",
            "--contrast needs denominator df: use --ddf satterthwaite or kenward-roger",
        ));
    }
    let options = MmrmOptions {
        reml: !args.ml,
        ddf: args.ddf,
        level: args.level,
    };
    let references = trialstats::lmm::ReferenceLevels::parse(&args.reference)?;
    let mut model = fit_csv_with_references(
        &args.file,
        &args.formula,
        args.group.as_deref(),
        options,
        &references,
    )?;
    if let Some(variable) = &args.contrast {
        model = model.with_contrast(variable, &at)?;
    }
    if let Some(path) = &args.chart {
        let mut chart = trialstats::charts::mmrm_charts::ls_means_chart(&model)?;
        if let Some(title) = &args.chart_options.title {
            chart.title = title.clone();
        }
        if let Some(ylab) = &args.chart_options.ylab {
            chart.y_label = ylab.clone();
        }
        trialstats::plot::render(&chart.into(), path, args.chart_options.canvas()?)?;
    }
    super::print(&render(format, &model.fit)?);
    Ok(if model.fit.converged {
        Outcome::Ok
    } else {
        Outcome::ProblemFound
    })
}
