//! `trialstats nma`: read a network's contrasts from a CSV file (`trialstats::nma::input`),
//! fit it with `trialstats::nma::analyse`, print it.

use std::path::PathBuf;
use trialstats::csv_file::CsvFile;
use trialstats::effect::MeasureCode;
use trialstats::level::ConfidenceLevel;
use trialstats::nma::input::{
    ArmColumns, ContrastColumns, RatioColumns, read_arms, read_contrasts, read_ratios,
};
use trialstats::nma::{Contrast, Network, NmaOptions, NmaResult, SmallValues, Tau2Method, analyse};
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
#[command(after_help = super::EXIT_LINE_NO_CHECKS)]
pub struct Args {
    /// CSV file with a header row: one row per pairwise comparison (a multi-arm study gives
    /// every pair of its arms); with --arms one row per arm; with --ratio one row per
    /// comparison with the ratio as printed.
    pub file: PathBuf,
    /// Column of study labels [default: studlab, else study].
    #[arg(long)]
    pub study: Option<String>,
    /// Arm input: one row per arm (--study, --treatment, --n, and --events or --mean/--sd),
    /// every pair of a study's arms compared by --measure.
    #[arg(long, conflicts_with = "ratio", requires = "measure")]
    pub arms: bool,
    /// With --arms: the column of treatments.
    #[arg(long, default_value = "treatment")]
    pub treatment: String,
    /// With --arms: OR, RR, RD (events and n) or MD, SMD, ROM (mean, SD and n), as metafor's
    /// escalc.
    #[arg(long)]
    pub measure: Option<String>,
    /// With --arms: the column of events per arm [default: events]. With --ratio: the column of the total
    /// number of events (with --p: a log-rank p).
    #[arg(long)]
    pub events: Option<String>,
    /// With --arms: the column of participants per arm.
    #[arg(long, default_value = "n")]
    pub n: String,
    /// With --arms: the column of means [default: mean].
    #[arg(long)]
    pub mean: Option<String>,
    /// With --arms: the column of SDs [default: sd].
    #[arg(long)]
    pub sd: Option<String>,
    /// With --arms and OR, RR or RD: added to every cell of a study with a zero cell (netmeta's
    /// incr).
    #[arg(long, default_value_t = 0.5)]
    pub incr: f64,
    /// Ratio input: one row per comparison with a hazard, odds, rate or risk ratio as printed
    /// (--estimate with --ci-lower/--ci-upper or --p; or --o-minus-e with --variance);
    /// analysed as log ratios.
    #[arg(long)]
    pub ratio: bool,
    /// With --ratio: the column of ratios (treat1 vs treat2).
    #[arg(long)]
    pub estimate: Option<String>,
    /// With --ratio: the column of lower confidence limits.
    #[arg(long)]
    pub ci_lower: Option<String>,
    /// With --ratio: the column of upper confidence limits.
    #[arg(long)]
    pub ci_upper: Option<String>,
    /// With --ratio: the level of the printed intervals.
    #[arg(long, default_value = "0.95", allow_hyphen_values = true)]
    pub ci_level: ConfidenceLevel,
    /// With --ratio: the column of two-sided p-values (used when no CI is given).
    #[arg(long)]
    pub p: Option<String>,
    /// With --ratio: the column of observed minus expected events (log-rank O − E).
    #[arg(long)]
    pub o_minus_e: Option<String>,
    /// With --ratio: the column of the log-rank variance V.
    #[arg(long)]
    pub variance: Option<String>,
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
    /// Contrasts or ratios: the column of participants in treat1's arm (with --n2: the
    /// network graph's nodes are sized by participants).
    #[arg(long, conflicts_with = "arms")]
    pub n1: Option<String>,
    /// Contrasts or ratios: the column of participants in treat2's arm.
    #[arg(long, conflicts_with = "arms")]
    pub n2: Option<String>,
    /// What the estimates are, for the report and the charts' axes: e.g. "hazard ratio"
    /// with --ratio [default: ratio], "log odds ratio" for contrasts [default: estimate].
    /// With --arms the measure names them.
    #[arg(long, conflicts_with = "arms")]
    pub effect_name: Option<String>,
    /// The reference treatment of the printed effects [default: placebo (a name starting with plac) if there is one,
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
    /// Draw every treatment against the reference with its P-score (random-effects model;
    /// --common for the common-effect one) to this file (.png or .svg).
    #[arg(long, value_name = "FILE")]
    pub forest: Option<PathBuf>,
    /// Draw the node-split forest (direct, indirect, network per comparison) to this file.
    #[arg(long, value_name = "FILE")]
    pub split_forest: Option<PathBuf>,
    /// Draw the network graph (line width: studies; node area: participants, when --arms or
    /// --n1/--n2 give them) to this file.
    #[arg(long, value_name = "FILE")]
    pub network_graph: Option<PathBuf>,
    /// Draw the league table (network estimates below the diagonal, direct ones above, every
    /// cell row vs column) to this file.
    #[arg(long, value_name = "FILE")]
    pub league_chart: Option<PathBuf>,
    /// Draw the charts from the common-effect model instead of the random-effects one.
    #[arg(long)]
    pub common: bool,
    /// Size, resolution, title and axis label of the charts.
    #[command(flatten)]
    pub chart: super::args::ChartOptions,
    /// Output format: table (text) or json.
    #[arg(long, default_value = "table")]
    pub format: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    let json = is_json(&args.format)?;
    let small_values: SmallValues = args.small_values.parse()?;
    let method: Tau2Method = args.method.parse()?;
    let file = CsvFile::read(&args.file)?;
    let study = args.study.clone().unwrap_or_else(|| {
        ["studlab", "study"]
            .into_iter()
            .find(|c| file.find(c).is_some())
            .unwrap_or("studlab")
            .to_string()
    });
    let columns = ContrastColumns {
        study: study.clone(),
        treat1: args.treat1,
        treat2: args.treat2,
        te: args.te,
        se: args.se,
        n1: args.n1,
        n2: args.n2,
    };
    let mut notes = Vec::new();
    let (contrasts, scale, exp) = if args.arms {
        let code = args.measure.as_deref().unwrap_or_default();
        let measure: MeasureCode = code.parse()?;
        let arm_columns = ArmColumns {
            study,
            treatment: args.treatment,
            events: Some(args.events.unwrap_or_else(|| "events".into())),
            n: args.n,
            mean: Some(args.mean.unwrap_or_else(|| "mean".into())),
            sd: Some(args.sd.unwrap_or_else(|| "sd".into())),
        };
        let contrasts = read_arms(&file, &arm_columns, measure, args.incr, &mut notes)?;
        let (scale, ratio) = arm_scale(measure);
        (contrasts, scale, ratio || args.exp)
    } else if args.ratio {
        let ratio_columns = RatioColumns {
            estimate: args.estimate,
            ci_lower: args.ci_lower,
            ci_upper: args.ci_upper,
            p: args.p,
            o_minus_e: args.o_minus_e,
            variance: args.variance,
            events: args.events,
        };
        let contrasts = read_ratios(&file, &columns, &ratio_columns, args.ci_level)?;
        se_method_notes(&contrasts, &mut notes);
        let name = args.effect_name.as_deref().unwrap_or("ratio");
        (contrasts, format!("log {name}"), true)
    } else {
        (
            read_contrasts(&file, &columns)?,
            args.effect_name
                .clone()
                .unwrap_or_else(|| "estimate".to_string()),
            args.exp,
        )
    };
    let mut network = Network::from_contrasts(file.name(), &contrasts)?;
    notes.append(&mut network.notes);
    network.notes = notes;
    let options = NmaOptions {
        reference: args.reference,
        level: args.level,
        small_values,
        method,
        exp,
        scale,
    };
    let result = analyse(&network, &options)?;
    // The charts' axes name the scale: "hazard ratio vs placebo (log scale)".
    let shown = shown_scale(&result);
    let log_scale = if result.exp { " (log scale)" } else { "" };
    let charts: [(&Option<PathBuf>, &str); 4] = [
        (&args.forest, "--forest"),
        (&args.split_forest, "--split-forest"),
        (&args.network_graph, "--network-graph"),
        (&args.league_chart, "--league-chart"),
    ];
    write_charts(
        &charts,
        &args.file,
        !args.common,
        &args.chart,
        &result,
        (&shown, log_scale),
    )?;
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

/// Draws each chart given a file (--forest, --split-forest, --network-graph,
/// --league-chart), refusing the input file and a file named twice.
fn write_charts(
    charts: &[(&Option<PathBuf>, &str)],
    input: &std::path::Path,
    random: bool,
    chart_options: &super::args::ChartOptions,
    result: &NmaResult,
    (shown, log_scale): (&str, &str),
) -> Result<()> {
    for (k, (path, option)) in charts.iter().enumerate() {
        let Some(path) = path else { continue };
        super::args::refuse_overwrite(option, path, &[input])?;
        if let Some((_, other)) = charts[..k].iter().find(|(p, _)| p.as_ref() == Some(path)) {
            return Err(Error::input(
                *option,
                format!(
                    "'{}' is also the {other} file; give the charts different names",
                    path.display()
                ),
            ));
        }
        let chart = nma_chart(option, result, random, chart_options, (shown, log_scale));
        trialstats::plot::render(&chart, path, chart_options.canvas()?)?;
    }
    Ok(())
}

/// Whether `--format` asks for JSON (else the text tables).
fn is_json(format: &str) -> Result<bool> {
    Ok(match format.to_ascii_lowercase().as_str() {
        "table" | "text" => false,
        "json" => true,
        other => {
            return Err(Error::input(
                "--format",
                format!("unknown format '{other}'; allowed: table (text) or json"),
            ));
        }
    })
}

/// The scale of the contrasts computed with `measure` ("log odds ratio", "mean
/// difference") and whether it is a ratio's (shown exponentiated).
fn arm_scale(measure: MeasureCode) -> (String, bool) {
    let ratio = matches!(
        measure,
        MeasureCode::OR | MeasureCode::RR | MeasureCode::ROM
    );
    let name = match measure {
        MeasureCode::OR => "odds ratio",
        MeasureCode::RR => "risk ratio",
        MeasureCode::RD => "risk difference",
        MeasureCode::MD => "mean difference",
        MeasureCode::SMD => "standardised mean difference (Hedges' g)",
        _ => "ratio of means",
    };
    let scale = if ratio {
        format!("log {name}")
    } else {
        name.to_string()
    };
    (scale, ratio)
}

/// Notes counting the contrasts by how their standard error was found.
fn se_method_notes(contrasts: &[Contrast], notes: &mut Vec<String>) {
    let mut methods: std::collections::BTreeMap<String, usize> = Default::default();
    for c in contrasts {
        *methods
            .entry(c.se_method.clone().unwrap_or_default())
            .or_default() += 1;
    }
    for (m, k) in methods {
        notes.push(format!("{m}: {k} of {} contrasts", contrasts.len()));
    }
}

/// The scale as the charts' axes name it: the ratio itself when shown exponentiated
/// ("hazard ratio"), else the scale.
fn shown_scale(result: &NmaResult) -> String {
    if result.exp {
        match result.scale.strip_prefix("log ") {
            Some(ratio) => ratio.to_string(),
            None => format!("exp({})", result.scale),
        }
    } else {
        result.scale.clone()
    }
}

/// The chart that `option` draws (--forest, --split-forest, --network-graph or the league
/// table), of the random-effects model when `random`, its axis on the scale `shown`.
fn nma_chart(
    option: &str,
    result: &NmaResult,
    random: bool,
    chart: &super::args::ChartOptions,
    (shown, log_scale): (&str, &str),
) -> trialstats::plot::Chart {
    match option {
        "--forest" => trialstats::charts::nma_charts::forest_chart(
            result,
            random,
            &chart.title_or("Network meta-analysis"),
            &chart.xlab_or(format!("{shown} vs {}{log_scale}", result.reference)),
        )
        .into(),
        "--split-forest" => trialstats::charts::nma_charts::split_forest_chart(
            result,
            random,
            &chart.title_or("Node splitting: direct and indirect evidence"),
            &chart.xlab_or(format!("{shown}{log_scale}")),
        )
        .into(),
        "--network-graph" => trialstats::charts::nma_charts::network_chart(
            result,
            &chart.title_or("Network of treatments compared"),
        )
        .into(),
        _ => trialstats::charts::nma_charts::league_chart(
            result,
            random,
            &chart.title_or("League table"),
            shown,
        )
        .into(),
    }
}
