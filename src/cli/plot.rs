//! `trialstats plot KIND …`: draw one chart from numbers given inline or in a CSV file, and
//! write it as SVG or PNG (by the output's extension).

use std::path::PathBuf;
use trialstats::analysis::AnalysisOptions;
use trialstats::level::ConfidenceLevel;
use trialstats::plot::input::{Record, pair, records};
use trialstats::plot::{
    self, BeforeAfterChart, Chart, EggerLine, ForestChart, ForestRow, ForestSummary, FunnelChart,
    FunnelStudy, HistogramChart, HistogramLayout, HistogramSample, ObservedPoint, PanelChart,
    ProportionChart, SensitivityChart, SensitivityPoint, SlopeChart, SubjectTrajectory,
    TimePointValue, TrajectoryChart,
};
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE_NO_CHECKS)]
pub struct Args {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(Debug, clap::Subcommand)]
enum Kind {
    /// Mean ± SD/SEM of one measure at each time point.
    BeforeAfter(BeforeAfterArgs),
    /// Several before/after measures of one study side by side.
    Panel(PanelArgs),
    /// Pre- and post-treatment per-month declines from a common start.
    Slope(SlopeArgs),
    /// Effect and CI against the assumed pre/post correlation r.
    Sensitivity(SensitivityArgs),
    /// One row per effect: estimate and CI; optional pooled diamond.
    Forest(ForestArgs),
    /// Estimates against standard errors, with pseudo-CI and significance contours.
    Funnel(FunnelArgs),
    /// Proportions with exact (Clopper–Pearson) CIs.
    Proportion(ProportionArgs),
    /// Histogram of (reconstructed) samples.
    Histogram(HistogramArgs),
    /// Per-subject observed and fitted trajectories with the population line.
    Trajectory(TrajectoryArgs),
    /// Per-patient before/after lines from a CSV of id,time,value, with the mean ± SD of the
    /// patients measured beside each time point.
    Paired(PairedArgs),
    /// Every chart of one study in the data folder, as `trialstats report` draws them.
    Study(StudyArgs),
}

#[derive(Debug, clap::Args)]
struct PairedArgs {
    /// CSV with columns id,time,value (one row per patient and time point; time points are
    /// drawn in the order they first appear).
    #[arg(long, value_name = "FILE")]
    input: PathBuf,
    /// The measure and unit on the y axis (--ylab overrides it).
    #[arg(long, default_value = "value")]
    y_label: String,
    #[command(flatten)]
    out: OutputArgs,
}

/// Patients' values from `id,time,value` rows, grouped by patient and time point.
fn paired(a: &PairedArgs) -> Result<Chart> {
    let rows = records("--input", &[], Some(&a.input), &["id", "time", "value"], 3)?;
    require_rows(&rows, "rows in --input")?;
    let mut times: Vec<String> = Vec::new();
    let mut patients: Vec<plot::PatientValues> = Vec::new();
    let mut cells: Vec<(usize, usize, f64, String)> = Vec::new();
    for r in &rows {
        let time = r.text(1).to_string();
        let t = match times.iter().position(|x| *x == time) {
            Some(t) => t,
            None => {
                times.push(time);
                times.len() - 1
            }
        };
        let id = r.text(0).to_string();
        let p = match patients.iter().position(|x| x.id == id) {
            Some(p) => p,
            None => {
                patients.push(plot::PatientValues {
                    id,
                    values: Vec::new(),
                });
                patients.len() - 1
            }
        };
        if let Some(v) = r.optional(2, "the value")? {
            if cells.iter().any(|c| c.0 == p && c.1 == t) {
                return Err(Error::input(
                    &r.location,
                    format!(
                        "patient '{}' has a second value at time '{}'; give one per patient and time",
                        r.text(0),
                        r.text(1)
                    ),
                ));
            }
            cells.push((p, t, v, r.location.clone()));
        }
    }
    for p in &mut patients {
        p.values = vec![None; times.len()];
    }
    for (p, t, v, _) in cells {
        patients[p].values[t] = Some(v);
    }
    Ok(plot::PairedChart {
        title: title(&a.out, "Before and after, per patient"),
        y_label: a.out.chart.ylab_or(&a.y_label),
        times,
        patients,
    }
    .into())
}

#[derive(Debug, clap::Args)]
struct StudyArgs {
    /// Study id (`trialstats list` shows them), or the path of its TOML file
    /// (`data/nmo-tocilizumab.toml`: the id is the file's stem, --data its folder).
    study: String,
    /// Folder of study files.
    #[arg(long, value_name = "DIR", default_value = "data")]
    data: PathBuf,
    /// Folder the charts are written to (SVG and PNG each); its index.md and index.html keep
    /// the charts of other studies already there.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "plots"
    )]
    output: PathBuf,
    /// Pre/post correlation for measures that do not report one [default: 0.5, assumed].
    #[arg(long, allow_hyphen_values = true)]
    r: Option<f64>,
    #[command(flatten)]
    chart: super::args::ChartOptions,
}

/// The charts of one study, drawn from the data as the report draws them.
fn study_charts(mut a: StudyArgs) -> Result<Outcome> {
    a.chart.refuse_labels("plot study")?;
    // A path to a study file names the study and its folder.
    let as_path = std::path::Path::new(&a.study);
    if as_path.extension().is_some_and(|e| e == "toml") && as_path.is_file() {
        if let Some(stem) = as_path.file_stem().and_then(|s| s.to_str()) {
            a.data = match as_path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
                _ => PathBuf::from("."),
            };
            a.study = stem.to_string();
        }
    }
    let canvas = a.chart.canvas()?;
    let studies: Vec<_> = trialstats::study::load_dir(&a.data)?
        .into_iter()
        .filter(|s| s.id == a.study)
        .collect();
    if studies.is_empty() {
        let known = trialstats::study::study_ids(&a.data)?;
        return Err(Error::input(
            "STUDY",
            format!(
                "no study '{}' in {}; known: {}",
                a.study,
                a.data.display(),
                known.join(", ")
            ),
        ));
    }
    let options = AnalysisOptions {
        r: a.r,
        ..AnalysisOptions::default()
    };
    let mut report = trialstats::report::build(&studies, &options)?;
    // Adds to the folder's gallery: the index keeps the charts of other studies.
    trialstats::charts::report_charts::add_to_gallery(&mut report, &a.output, &a.data, canvas)?;
    for c in &report.charts {
        super::print(&format!("wrote {c}\n"));
    }
    Ok(Outcome::Ok)
}

/// Where the image goes and how big it is.
#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// Output file; .svg or .png picks the format.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    #[command(flatten)]
    chart: super::args::ChartOptions,
}

#[derive(Debug, clap::Args)]
struct BeforeAfterArgs {
    /// The measure's name, e.g. EDSS.
    #[arg(long)]
    label: String,
    /// Unit on the y axis, e.g. points.
    #[arg(long, default_value = "")]
    unit: String,
    /// Number of patients.
    #[arg(long)]
    n: Option<u64>,
    /// The measure's scale "MIN,MAX"; either end may be left empty ("0," for rates).
    #[arg(long, value_name = "MIN,MAX")]
    scale: Option<String>,
    /// What the ± means: sd, sem or not-reported.
    #[arg(long, default_value = "not-reported")]
    bars: String,
    /// A time point "LABEL,MEAN[,SPREAD]"; MEAN or SPREAD may be NA. Repeat per time point.
    #[arg(long = "point", value_name = "LABEL,MEAN,SPREAD", required = true)]
    points: Vec<String>,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct PanelArgs {
    /// CSV with columns measure,unit,scale_min,scale_max,bars,n,time,mean,spread.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// One row "MEASURE,UNIT,SCALE_MIN,SCALE_MAX,BARS,N,TIME,MEAN,SPREAD" (as the CSV).
    #[arg(long = "row", value_name = "ROW")]
    rows: Vec<String>,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct SlopeArgs {
    /// Decline per month before treatment (positive = the score falls).
    #[arg(long, allow_hyphen_values = true)]
    before: f64,
    /// Decline per month after treatment.
    #[arg(long, allow_hyphen_values = true)]
    after: f64,
    /// Months at which the gap is measured.
    #[arg(long, default_value_t = 12.0, allow_negative_numbers = true)]
    months: f64,
    /// The score's unit.
    #[arg(long, default_value = "points")]
    unit: String,
    /// Common starting score (default: plot change from start).
    #[arg(long, allow_hyphen_values = true)]
    start: Option<f64>,
    /// An observed score "MONTH,VALUE"; repeatable.
    #[arg(long = "observed", value_name = "MONTH,VALUE")]
    observed: Vec<String>,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct SensitivityArgs {
    /// CSV with columns r,estimate,ci_lower,ci_upper.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// One point "R,ESTIMATE,CI_LOWER,CI_UPPER"; repeatable.
    #[arg(long = "point", value_name = "R,EST,LO,HI", allow_hyphen_values = true)]
    points: Vec<String>,
    /// The effect's name on the y axis.
    #[arg(long, default_value = "effect")]
    effect_label: String,
    /// Value of no effect (with --exp, on the log scale: 0 is a ratio of 1).
    #[arg(long = "null", default_value_t = 0.0, allow_hyphen_values = true)]
    null_value: f64,
    /// Confidence level of the intervals.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    level: ConfidenceLevel,
    /// The numbers are log ratios (log ratio of means): draw the y axis on the log scale,
    /// labelled with exp().
    #[arg(long)]
    exp: bool,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct ForestArgs {
    /// CSV with columns label,estimate,ci_lower,ci_upper[,weight].
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// One row "LABEL,ESTIMATE,CI_LOWER,CI_UPPER[,WEIGHT%]"; repeatable.
    #[arg(long = "row", value_name = "ROW", allow_hyphen_values = true)]
    rows: Vec<String>,
    /// Pooled result "LABEL,ESTIMATE,CI_LOWER,CI_UPPER".
    #[arg(long, allow_hyphen_values = true)]
    summary: Option<String>,
    /// Prediction interval of the pooled result "LOWER,UPPER".
    #[arg(long, allow_hyphen_values = true)]
    prediction: Option<String>,
    /// Heterogeneity text printed under the diamond, e.g. "τ² = 0.31, I² = 92%, Q(12) = 152.2,
    /// p < 0.001" (`trialstats meta --forest` writes it from the fit).
    #[arg(long, requires = "summary")]
    heterogeneity: Option<String>,
    /// The effect's name on the x axis (--xlab overrides it).
    #[arg(long, default_value = "effect")]
    effect_label: String,
    /// Value of no effect.
    #[arg(long = "null", default_value_t = 0.0, allow_hyphen_values = true)]
    null_value: f64,
    /// The numbers are logarithms (log RR, log OR): label the axis and the numbers with exp().
    #[arg(long)]
    exp: bool,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct FunnelArgs {
    /// CSV with columns label,estimate,se.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// One study "LABEL,ESTIMATE,SE"; repeatable.
    #[arg(
        long = "study",
        value_name = "LABEL,EST,SE",
        allow_hyphen_values = true
    )]
    studies: Vec<String>,
    /// Pooled estimate (draws the pooled line and the pseudo 95% CI funnel).
    #[arg(long, allow_hyphen_values = true)]
    pooled: Option<f64>,
    /// Shade where a study would be significant at p < 0.10, 0.05, 0.01.
    #[arg(long)]
    contours: bool,
    /// Level of the pseudo-confidence funnel around the pooled estimate.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    level: ConfidenceLevel,
    /// Egger line "INTERCEPT,SLOPE": estimate = intercept + slope × SE.
    #[arg(long, allow_hyphen_values = true)]
    egger: Option<String>,
    /// The effect's name on the x axis.
    #[arg(long, default_value = "effect")]
    effect_label: String,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct ProportionArgs {
    /// One proportion "LABEL,EVENTS,TOTAL"; repeatable.
    #[arg(long = "item", value_name = "LABEL,EVENTS,TOTAL")]
    items: Vec<String>,
    /// CSV with columns label,events,total.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// Confidence level.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    level: ConfidenceLevel,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct HistogramArgs {
    /// One sample "LABEL:V1,V2,…"; repeatable.
    #[arg(
        long = "sample",
        value_name = "LABEL:VALUES",
        required = true,
        allow_hyphen_values = true
    )]
    samples: Vec<String>,
    /// overlay (bars side by side) or grid (one chart per sample).
    #[arg(long, default_value = "overlay")]
    layout: String,
    /// Bin width (default 1 for whole numbers, else Sturges' rule).
    #[arg(long)]
    bin_width: Option<f64>,
    /// The value's name and unit on the x axis.
    #[arg(long, default_value = "value")]
    value_label: String,
    /// The measure's scale "MIN,MAX" (either end may be empty): the x axis spans it.
    #[arg(long, value_name = "MIN,MAX", allow_hyphen_values = true)]
    scale: Option<String>,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct TrajectoryArgs {
    /// CSV with columns subject,time,value[,fitted].
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// One observation "SUBJECT,TIME,VALUE[,FITTED]"; repeatable.
    #[arg(
        long = "obs",
        value_name = "SUBJECT,TIME,VALUE",
        allow_hyphen_values = true
    )]
    observations: Vec<String>,
    /// Population line "INTERCEPT,SLOPE" (value = intercept + slope × time).
    #[arg(long, allow_hyphen_values = true)]
    population: Option<String>,
    /// Time at which treatment starts.
    #[arg(long, allow_hyphen_values = true)]
    treatment_start: Option<f64>,
    /// Time axis description.
    #[arg(long, default_value = "months")]
    x_label: String,
    /// Score axis description.
    #[arg(long, default_value = "score")]
    y_label: String,
    #[command(flatten)]
    out: OutputArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let input = match &args.kind {
        Kind::Panel(a) => a.csv.clone(),
        Kind::Sensitivity(a) => a.csv.clone(),
        Kind::Forest(a) => a.input.clone(),
        Kind::Funnel(a) => a.input.clone(),
        Kind::Proportion(a) => a.input.clone(),
        Kind::Trajectory(a) => a.input.clone(),
        Kind::Paired(a) => Some(a.input.clone()),
        _ => None,
    };
    let (chart, out) = match args.kind {
        Kind::Study(a) => return study_charts(a),
        Kind::BeforeAfter(a) => (before_after(&a)?, a.out),
        Kind::Panel(a) => (panel(&a)?, a.out),
        Kind::Slope(a) => (slope(&a)?, a.out),
        Kind::Sensitivity(a) => (sensitivity(&a)?, a.out),
        Kind::Forest(a) => (forest(&a)?, a.out),
        Kind::Funnel(a) => (funnel(&a)?, a.out),
        Kind::Proportion(a) => (proportion(&a)?, a.out),
        Kind::Histogram(a) => (histogram(&a)?, a.out),
        Kind::Trajectory(a) => (trajectory(&a)?, a.out),
        Kind::Paired(a) => (paired(&a)?, a.out),
    };
    let canvas = out.chart.canvas()?;
    plot::ImageFormat::from_path(&out.output).map_err(|_| {
        Error::input(
            "--output",
            format!(
                "'{}' must end in .svg or .png (the extension picks the format)",
                out.output.display()
            ),
        )
    })?;
    if let Some(input) = &input {
        super::args::refuse_overwrite("--output", &out.output, &[input])?;
    }
    plot::render(&chart, &out.output, canvas)?;
    super::print(&format!(
        "wrote {} ({}×{}, {} dpi)\n",
        out.output.display(),
        canvas.size.width,
        canvas.size.height,
        canvas.dpi
    ));
    Ok(Outcome::Ok)
}

fn title(out: &OutputArgs, default: &str) -> String {
    out.chart.title_or(default)
}

/// Field `i` of `r` as printed ("3.0"), when it is a number (not empty or NA).
fn printed(r: &Record, i: usize) -> Option<String> {
    let text = r.fields.get(i)?.trim();
    text.parse::<f64>()
        .is_ok_and(f64::is_finite)
        .then(|| text.to_string())
}

fn require_rows(rows: &[Record], what: &str) -> Result<()> {
    if rows.is_empty() {
        Err(Error::usage(format!("no {what} given; see --help")))
    } else {
        Ok(())
    }
}

fn scale(value: Option<&str>) -> Result<(Option<f64>, Option<f64>)> {
    let Some(v) = value else {
        return Ok((None, None));
    };
    let rec = Record {
        location: format!("--scale '{v}'"),
        fields: v.split(',').map(str::to_string).collect(),
    };
    if rec.fields.len() != 2 {
        return Err(Error::input(
            "--scale",
            format!("'{v}' must be MIN,MAX (either may be empty)"),
        ));
    }
    Ok((
        rec.optional(0, "the scale minimum")?,
        rec.optional(1, "the scale maximum")?,
    ))
}

fn before_after(a: &BeforeAfterArgs) -> Result<Chart> {
    let rows = records("--point", &a.points, None, &["label", "mean", "spread"], 2)?;
    let points = rows
        .iter()
        .map(|r| {
            Ok(TimePointValue {
                label: r.text(0).to_string(),
                mean: r.optional(1, "the mean")?,
                spread: r.optional(2, "the spread")?,
                mean_text: printed(r, 1),
                spread_text: printed(r, 2),
                n: a.n,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(BeforeAfterChart {
        title: title(&a.out, &a.label),
        measure_label: a.label.clone(),
        unit: a.unit.clone(),
        n: a.n,
        bar_kind: a
            .bars
            .parse()
            .map_err(|e| Error::from(e).placed_at("--bars"))?,
        scale: scale(a.scale.as_deref())?,
        points,
    }
    .into())
}

fn panel(a: &PanelArgs) -> Result<Chart> {
    const COLUMNS: [&str; 9] = [
        "measure",
        "unit",
        "scale_min",
        "scale_max",
        "bars",
        "n",
        "time",
        "mean",
        "spread",
    ];
    let rows = records("--row", &a.rows, a.csv.as_deref(), &COLUMNS, 8)?;
    require_rows(&rows, "rows (--csv or --row)")?;
    let mut measures: Vec<BeforeAfterChart> = Vec::new();
    for r in &rows {
        let name = r.text(0);
        // Each row keeps its own n: a measure's n may differ between time points.
        let point = TimePointValue {
            label: r.text(6).to_string(),
            mean: r.optional(7, "the mean")?,
            spread: r.optional(8, "the spread")?,
            mean_text: printed(r, 7),
            spread_text: printed(r, 8),
            n: match r.text(5) {
                "" | "NA" | "na" => None,
                _ => Some(r.count(5, "n")?),
            },
        };
        if let Some(m) = measures.iter_mut().find(|m| m.measure_label == name) {
            m.points.push(point);
            continue;
        }
        let bar_kind = r
            .text(4)
            .parse::<trialstats::reported::SpreadKind>()
            .map_err(|_| {
                Error::input(
                    &r.location,
                    format!("bars '{}' is not one of sd, sem, not-reported", r.text(4)),
                )
            })?;
        let n = match r.text(5) {
            "" | "NA" | "na" => None,
            _ => Some(r.count(5, "n")?),
        };
        measures.push(BeforeAfterChart {
            title: name.to_string(),
            measure_label: name.to_string(),
            unit: r.text(1).to_string(),
            n,
            bar_kind,
            scale: (r.optional(2, "scale_min")?, r.optional(3, "scale_max")?),
            points: vec![point],
        });
    }
    Ok(PanelChart {
        title: title(&a.out, "Before and after"),
        subtitle: Vec::new(),
        measures,
    }
    .into())
}

fn slope(a: &SlopeArgs) -> Result<Chart> {
    let mut chart = SlopeChart::new(
        title(&a.out, "Decline per month before and after treatment"),
        &a.unit,
        a.before,
        a.after,
        a.months,
    );
    chart.start = a.start;
    chart.observed = a
        .observed
        .iter()
        .map(|v| pair("--observed", v).map(|(month, value)| ObservedPoint { month, value }))
        .collect::<std::result::Result<_, _>>()?;
    Ok(chart.into())
}

fn sensitivity(a: &SensitivityArgs) -> Result<Chart> {
    let rows = records(
        "--point",
        &a.points,
        a.csv.as_deref(),
        &["r", "estimate", "ci_lower", "ci_upper"],
        4,
    )?;
    require_rows(&rows, "points (--csv or --point)")?;
    let points = rows
        .iter()
        .map(|r| {
            Ok(SensitivityPoint {
                r: r.number(0, "r")?,
                estimate: r.number(1, "the estimate")?,
                ci_lower: r.number(2, "ci_lower")?,
                ci_upper: r.number(3, "ci_upper")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(SensitivityChart {
        threshold: None,
        marked_r: None,
        title: title(&a.out, "Effect against the assumed pre/post correlation"),
        effect_label: a.effect_label.clone(),
        null_value: a.null_value,
        level: a.level,
        points,
        assumptions: Vec::new(),
        exponentiate: a.exp,
    }
    .into())
}

fn forest(a: &ForestArgs) -> Result<Chart> {
    let columns = ["label", "estimate", "ci_lower", "ci_upper", "weight"];
    let rows = records("--row", &a.rows, a.input.as_deref(), &columns, 4)?;
    require_rows(&rows, "rows (--input or --row)")?;
    let rows = rows
        .iter()
        .map(|r| {
            let mut row = ForestRow::new(
                r.text(0),
                r.number(1, "the estimate")?,
                r.number(2, "ci_lower")?,
                r.number(3, "ci_upper")?,
            );
            row.weight = r.optional(4, "the weight")?;
            Ok(row)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut chart = ForestChart::new(
        title(&a.out, "Effects"),
        a.out.chart.xlab_or(&a.effect_label),
        rows,
    );
    chart.null_value = Some(a.null_value);
    chart.exponentiate = a.exp;
    if let Some(s) = &a.summary {
        let rec = records("--summary", std::slice::from_ref(s), None, &columns[..4], 4)?;
        let r = &rec[0];
        chart.summary = Some(ForestSummary {
            label: r.text(0).to_string(),
            estimate: r.number(1, "the estimate")?,
            ci_lower: r.number(2, "ci_lower")?,
            ci_upper: r.number(3, "ci_upper")?,
            prediction: a
                .prediction
                .as_deref()
                .map(|p| pair("--prediction", p))
                .transpose()?,
            heterogeneity: a.heterogeneity.clone(),
        });
    } else if a.prediction.is_some() {
        return Err(Error::input(
            "--prediction",
            "a prediction interval needs --summary",
        ));
    }
    Ok(chart.into())
}

fn funnel(a: &FunnelArgs) -> Result<Chart> {
    let rows = records(
        "--study",
        &a.studies,
        a.input.as_deref(),
        &["label", "estimate", "se"],
        3,
    )?;
    require_rows(&rows, "studies (--input or --study)")?;
    let studies = rows
        .iter()
        .map(|r| {
            Ok(FunnelStudy {
                label: r.text(0).to_string(),
                estimate: r.number(1, "the estimate")?,
                standard_error: r.number(2, "the standard error")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let egger = a
        .egger
        .as_deref()
        .map(|e| pair("--egger", e).map(|(intercept, slope)| EggerLine { intercept, slope }))
        .transpose()?;
    Ok(FunnelChart {
        level: a.level,
        title: title(&a.out, "Funnel plot"),
        effect_label: a.out.chart.xlab_or(&a.effect_label),
        studies,
        pooled: a.pooled,
        contours: a.contours,
        egger,
        filled: None,
    }
    .into())
}

fn proportion(a: &ProportionArgs) -> Result<Chart> {
    let rows = records(
        "--item",
        &a.items,
        a.input.as_deref(),
        &["label", "events", "total"],
        3,
    )?;
    require_rows(&rows, "proportions (--item or --input)")?;
    let counts = rows
        .iter()
        .map(|r| {
            Ok((
                r.text(0).to_string(),
                r.count(1, "events")?,
                r.count(2, "total")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ProportionChart::exact(title(&a.out, "Proportions"), a.level, counts).into())
}

fn histogram(a: &HistogramArgs) -> Result<Chart> {
    let layout = match a.layout.to_ascii_lowercase().as_str() {
        "overlay" => HistogramLayout::Overlay,
        "grid" => HistogramLayout::Grid,
        other => {
            return Err(Error::input(
                "--layout",
                format!("unknown layout '{other}'; allowed: overlay, grid"),
            ));
        }
    };
    let samples = a
        .samples
        .iter()
        .map(|s| {
            let (label, values) = s.rsplit_once(':').unwrap_or(("", s.as_str()));
            let rec = Record {
                location: format!("--sample '{s}'"),
                fields: values.split(',').map(str::to_string).collect(),
            };
            let values = (0..rec.fields.len())
                .map(|i| rec.number(i, &format!("value {}", i + 1)))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            Ok(HistogramSample {
                label: label.to_string(),
                values,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(HistogramChart {
        title: title(&a.out, "Histogram"),
        value_label: a.value_label.clone(),
        samples,
        layout,
        bin_width: a.bin_width,
        scale: scale(a.scale.as_deref())?,
    }
    .into())
}

fn trajectory(a: &TrajectoryArgs) -> Result<Chart> {
    let rows = records(
        "--obs",
        &a.observations,
        a.input.as_deref(),
        &["subject", "time", "value", "fitted"],
        3,
    )?;
    let mut subjects: Vec<SubjectTrajectory> = Vec::new();
    for r in &rows {
        let t = r.number(1, "the time")?;
        let value = r.optional(2, "the value")?;
        let fitted = r.optional(3, "the fitted value")?;
        let id = r.text(0);
        let idx = match subjects.iter().position(|s| s.subject == id) {
            Some(i) => i,
            None => {
                subjects.push(SubjectTrajectory {
                    subject: id.to_string(),
                    observed: Vec::new(),
                    fitted: Vec::new(),
                });
                subjects.len() - 1
            }
        };
        if let Some(v) = value {
            subjects[idx].observed.push((t, v));
        }
        if let Some(f) = fitted {
            subjects[idx].fitted.push((t, f));
        }
    }
    let population = match a.population.as_deref() {
        Some(p) => {
            let (intercept, slope) = pair("--population", p)?;
            let times = subjects.iter().flat_map(|s| s.observed.iter().map(|o| o.0));
            let (lo, hi) = times.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), t| {
                (lo.min(t), hi.max(t))
            });
            let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
            vec![(lo, intercept + slope * lo), (hi, intercept + slope * hi)]
        }
        None => Vec::new(),
    };
    Ok(TrajectoryChart {
        title: title(&a.out, "Trajectories"),
        x_label: a.out.chart.xlab_or(&a.x_label),
        y_label: a.out.chart.ylab_or(&a.y_label),
        subjects,
        population,
        treatment_start: a.treatment_start,
    }
    .into())
}
