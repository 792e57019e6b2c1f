//! `trialstats effect`: one effect size from summary numbers given as options, many from a
//! CSV file with metafor's column names, the slope change (`SLOPE`) and the Cochrane
//! conversions (`convert`). Library errors name input fields (`before.sd`); this file maps
//! them to the option (`--before`) or to the CSV cell (`FILE, row 3, column sd1i`).

use std::path::PathBuf;
use trialstats::effect::convert::{self, Conversion};
use trialstats::effect::{
    self, CiMethod, EffectSize, EffectSizes, Family, GroupSummary, MeanSd, MeasureCode, PersonTime,
    PrePostSummary, Proportion, Slope, SlopeChange, TwoByTwo,
};
use trialstats::output::{render, Format};
use trialstats::{Error, Outcome, Result};

/// Compute an effect size (metafor escalc codes) from summary numbers or a CSV file; the
/// input forms are listed in [`INPUT_FORMS`] (shown after `--help`).
#[derive(Debug, clap::Args)]
#[command(after_help = INPUT_FORMS)]
pub struct Args {
    // boxed: the options are many, and the command enum should stay small
    #[command(flatten)]
    options: Box<Options>,
}

/// The options of `trialstats effect`.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// Measure code (MD, SMD, SMDH, ROM, MC, SMCC, SMCR, SMCRH, ROMC, RR, OR, RD, PR, PLO, IR,
    /// IRR, IRD), SLOPE for a slope change, or convert.
    pub code: String,
    /// Group 1 as MEAN,SD,N (two-group codes).
    #[arg(long, value_name = "MEAN,SD,N", allow_hyphen_values = true)]
    pub group1: Option<String>,
    /// Group 2 as MEAN,SD,N (two-group codes).
    #[arg(long, value_name = "MEAN,SD,N", allow_hyphen_values = true)]
    pub group2: Option<String>,
    /// Number of people (pre/post, proportion, SLOPE with SDs, convert).
    #[arg(long, allow_negative_numbers = true)]
    pub n: Option<f64>,
    /// Before as MEAN,SD (pre/post codes).
    #[arg(long, value_name = "MEAN,SD", allow_hyphen_values = true)]
    pub before: Option<String>,
    /// After as MEAN,SD (pre/post codes).
    #[arg(long, value_name = "MEAN,SD", allow_hyphen_values = true)]
    pub after: Option<String>,
    /// Pre/post correlation (default 0.5, with a note).
    #[arg(long, allow_negative_numbers = true)]
    pub r: Option<f64>,
    /// Events in group 1 (RR, OR, RD, IRR, IRD).
    #[arg(long, allow_negative_numbers = true)]
    pub events1: Option<f64>,
    /// Size of group 1 (RR, OR, RD).
    #[arg(long, allow_negative_numbers = true)]
    pub n1: Option<f64>,
    /// Events in group 2 (RR, OR, RD, IRR, IRD).
    #[arg(long, allow_negative_numbers = true)]
    pub events2: Option<f64>,
    /// Size of group 2 (RR, OR, RD).
    #[arg(long, allow_negative_numbers = true)]
    pub n2: Option<f64>,
    /// Events (PR, PLO, IR).
    #[arg(long, allow_negative_numbers = true)]
    pub events: Option<f64>,
    /// Person-time (IR).
    #[arg(long, allow_negative_numbers = true)]
    pub time: Option<f64>,
    /// Person-time of group 1 (IRR, IRD).
    #[arg(long, allow_negative_numbers = true)]
    pub time1: Option<f64>,
    /// Person-time of group 2 (IRR, IRD).
    #[arg(long, allow_negative_numbers = true)]
    pub time2: Option<f64>,
    /// Slope before (SLOPE), e.g. 0.47 points/month.
    #[arg(long, allow_negative_numbers = true)]
    pub slope_before: Option<f64>,
    /// Slope after (SLOPE).
    #[arg(long, allow_negative_numbers = true)]
    pub slope_after: Option<f64>,
    /// Standard error of the before slope (SLOPE).
    #[arg(long, allow_negative_numbers = true)]
    pub se_before: Option<f64>,
    /// Standard error of the after slope (SLOPE).
    #[arg(long, allow_negative_numbers = true)]
    pub se_after: Option<f64>,
    /// SD of individual before slopes (SLOPE, with --n).
    #[arg(long, allow_negative_numbers = true)]
    pub sd_before: Option<f64>,
    /// SD of individual after slopes (SLOPE, with --n).
    #[arg(long, allow_negative_numbers = true)]
    pub sd_after: Option<f64>,
    /// Standard error of a mean (convert: SD = SEM·√n).
    #[arg(long, allow_negative_numbers = true)]
    pub sem: Option<f64>,
    /// Lower confidence limit (convert).
    #[arg(long, allow_negative_numbers = true)]
    pub ci_lower: Option<f64>,
    /// Upper confidence limit (convert).
    #[arg(long, allow_negative_numbers = true)]
    pub ci_upper: Option<f64>,
    /// The interval is of a ratio (convert: take it on the log scale).
    #[arg(long)]
    pub ratio: bool,
    /// An estimate (convert, with --t or --p).
    #[arg(long, allow_negative_numbers = true)]
    pub estimate: Option<f64>,
    /// A t or z statistic (convert).
    #[arg(long, allow_negative_numbers = true)]
    pub t: Option<f64>,
    /// A two-sided p-value (convert).
    #[arg(long, allow_negative_numbers = true)]
    pub p: Option<f64>,
    /// CSV file with metafor's column names, one study per row.
    #[arg(long, value_name = "FILE.csv")]
    pub input: Option<PathBuf>,
    /// Confidence level, a fraction.
    #[arg(long, default_value_t = 0.95, allow_negative_numbers = true)]
    pub level: f64,
    /// Confidence interval: wald (default, as metafor), wilson (PR, PLO) or exact
    /// (Clopper–Pearson for PR, PLO; Poisson for IR).
    #[arg(long)]
    pub ci: Option<String>,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    pub format: String,
}

const INPUT_FORMS: &str = "\
Inputs by code:
  MD SMD SMDH ROM          --group1 MEAN,SD,N --group2 MEAN,SD,N      (group1 − group2)
  MC SMCC SMCR SMCRH ROMC  --n N --before MEAN,SD --after MEAN,SD [--r R]
                           (after − before; SMCR, SMCRH divide by the before SD;
                            r = 0.5 assumed, with a note, when --r is missing)
  RR OR RD                 --events1 X --n1 N --events2 X --n2 N      (1/2 added to every cell
                            of a table with a zero cell, as metafor)
  PR PLO                   --events X --n N [--ci wald|wilson|exact]
  IR                       --events X --time T [--ci wald|exact]
  IRR IRD                  --events1 X --time1 T --events2 X --time2 T
  SLOPE                    --slope-before B --slope-after A
                           [--se-before S --se-after S | --sd-before S --sd-after S --n N]
  convert                  --sem S --n N | --ci-lower L --ci-upper U [--n N] [--ratio]
                           | --estimate E --t T | --estimate E --p P [--n N]
  any escalc code          --input FILE.csv with metafor's columns (m1i sd1i n1i m2i sd2i n2i
                           ni ri ai bi ci di xi mi x1i x2i t1i t2i ti; optional slab or study);
                           yi is exactly escalc's (m1i − m2i; SMCR divides by sd1i)";

/// What the positional argument asks for.
enum Mode {
    Measure(MeasureCode),
    Slope,
    Convert,
}

fn parse_mode(code: &str) -> Result<Mode> {
    match code.trim().to_ascii_uppercase().as_str() {
        "SLOPE" => Ok(Mode::Slope),
        "CONVERT" => Ok(Mode::Convert),
        _ => match code.parse::<MeasureCode>() {
            // the three slope measures are computed together
            Ok(c) if c.family() == Family::Slope => Ok(Mode::Slope),
            Ok(c) => Ok(Mode::Measure(c)),
            Err(_) => Err(Error::input(
                "CODE",
                format!(
                    "unknown measure code '{code}'; allowed: {}, SLOPE, convert",
                    escalc_codes().join(", ")
                ),
            )),
        },
    }
}

fn escalc_codes() -> Vec<&'static str> {
    MeasureCode::ALL
        .iter()
        .filter(|c| c.family() != Family::Slope)
        .map(|c| c.as_str())
        .collect()
}

pub fn run(args: Args) -> Result<Outcome> {
    let args = *args.options;
    let format: Format = args.format.parse()?;
    let mode = parse_mode(&args.code)?;
    if args.ci.is_some() && !matches!(mode, Mode::Measure(_)) {
        return Err(Error::input(
            "--ci",
            "not used by SLOPE or convert; --ci is for PR, PLO and IR",
        ));
    }
    let text = match mode {
        Mode::Convert => {
            let c = run_convert(&args)?;
            render(format, &c)?
        }
        Mode::Slope => {
            check_options(
                &args,
                "SLOPE",
                SLOPE_OPTIONS,
                &["--slope-before", "--slope-after"],
            )?;
            let rows = run_slope(&args).map_err(to_option)?;
            render(format, &EffectSizes(rows))?
        }
        Mode::Measure(code) => {
            let ci = parse_ci(&args, code)?;
            if let Some(path) = &args.input {
                let allowed: &[&str] = if code.family() == Family::PrePost {
                    &["--input", "--r"]
                } else {
                    &["--input"]
                };
                check_options(&args, code.as_str(), allowed, &[])?;
                let rows = effect::escalc_csv(path, code, args.level, ci, args.r)?;
                render(format, &EffectSizes(rows))?
            } else {
                let (allowed, required) = options_for(code.family());
                check_options(&args, code.as_str(), allowed, required)?;
                let e = from_options(&args, code, ci).map_err(to_option)?;
                render(format, &e)?
            }
        }
    };
    super::print(&text);
    Ok(Outcome::Ok)
}

// ----- which options each input form takes -----

const SLOPE_OPTIONS: &[&str] = &[
    "--slope-before",
    "--slope-after",
    "--se-before",
    "--se-after",
    "--sd-before",
    "--sd-after",
    "--n",
];

fn options_for(family: Family) -> (&'static [&'static str], &'static [&'static str]) {
    match family {
        Family::TwoGroup => (&["--group1", "--group2"], &["--group1", "--group2"]),
        Family::PrePost => (
            &["--n", "--before", "--after", "--r"],
            &["--n", "--before", "--after"],
        ),
        Family::TwoByTwo => {
            const O: &[&str] = &["--events1", "--n1", "--events2", "--n2"];
            (O, O)
        }
        Family::Proportion => (&["--events", "--n"], &["--events", "--n"]),
        Family::Rate => (&["--events", "--time"], &["--events", "--time"]),
        Family::RateComparison => {
            const O: &[&str] = &["--events1", "--time1", "--events2", "--time2"];
            (O, O)
        }
        Family::Slope => (SLOPE_OPTIONS, &["--slope-before", "--slope-after"]),
    }
}

/// The input options that were given (not --level, --ci, --format).
fn given(args: &Options) -> Vec<&'static str> {
    let present: [(&'static str, bool); 29] = [
        ("--group1", args.group1.is_some()),
        ("--group2", args.group2.is_some()),
        ("--n", args.n.is_some()),
        ("--before", args.before.is_some()),
        ("--after", args.after.is_some()),
        ("--r", args.r.is_some()),
        ("--events1", args.events1.is_some()),
        ("--n1", args.n1.is_some()),
        ("--events2", args.events2.is_some()),
        ("--n2", args.n2.is_some()),
        ("--events", args.events.is_some()),
        ("--time", args.time.is_some()),
        ("--time1", args.time1.is_some()),
        ("--time2", args.time2.is_some()),
        ("--slope-before", args.slope_before.is_some()),
        ("--slope-after", args.slope_after.is_some()),
        ("--se-before", args.se_before.is_some()),
        ("--se-after", args.se_after.is_some()),
        ("--sd-before", args.sd_before.is_some()),
        ("--sd-after", args.sd_after.is_some()),
        ("--sem", args.sem.is_some()),
        ("--ci-lower", args.ci_lower.is_some()),
        ("--ci-upper", args.ci_upper.is_some()),
        ("--ratio", args.ratio),
        ("--estimate", args.estimate.is_some()),
        ("--t", args.t.is_some()),
        ("--p", args.p.is_some()),
        ("--input", args.input.is_some()),
        ("--ci", args.ci.is_some()),
    ];
    present
        .iter()
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect()
}

/// Refuse options the code does not use and report the first missing required one.
fn check_options(args: &Options, what: &str, allowed: &[&str], required: &[&str]) -> Result<()> {
    let given = given(args);
    let usage = if required.is_empty() {
        allowed.join(" ")
    } else {
        required.join(" ")
    };
    for option in &given {
        if *option != "--ci" && !allowed.contains(option) {
            return Err(Error::input(
                *option,
                format!("not used by {what}; {what} takes {}", allowed.join(", ")),
            ));
        }
    }
    for option in required {
        if !given.contains(option) {
            return Err(Error::input(
                *option,
                format!("missing; {what} needs {usage}"),
            ));
        }
    }
    Ok(())
}

fn parse_ci(args: &Options, code: MeasureCode) -> Result<CiMethod> {
    let Some(text) = &args.ci else {
        return Ok(CiMethod::Wald);
    };
    let ci: CiMethod = text.parse().map_err(to_option)?;
    let allowed = match code {
        MeasureCode::PR | MeasureCode::PLO => true,
        MeasureCode::IR => ci != CiMethod::Wilson,
        _ => ci == CiMethod::Wald,
    };
    if !allowed {
        return Err(Error::input(
            "--ci",
            format!(
                "'{text}' is not available for {code}; wilson is for PR and PLO, exact for PR, PLO and IR"
            ),
        ));
    }
    Ok(ci)
}

/// Map a library field location (`before.sd`, `level`) to the option that carried it.
fn to_option(e: Error) -> Error {
    match e {
        Error::Input { location, message } if !location.starts_with("--") => {
            let field = location.split('.').next().unwrap_or(&location);
            let option = if field == "measure" {
                "CODE".to_string()
            } else {
                format!("--{field}")
            };
            Error::Input {
                location: option,
                message,
            }
        }
        other => other,
    }
}

// ----- one study from options -----

fn group(text: &Option<String>, option: &str) -> Result<GroupSummary> {
    let v = super::args::numbers(
        option,
        required(text.as_deref(), option)?,
        &["MEAN", "SD", "N"],
    )?;
    Ok(GroupSummary {
        mean: v[0],
        sd: v[1],
        n: v[2],
    })
}

fn mean_sd(text: &Option<String>, option: &str) -> Result<MeanSd> {
    let v = super::args::numbers(option, required(text.as_deref(), option)?, &["MEAN", "SD"])?;
    Ok(MeanSd {
        mean: v[0],
        sd: v[1],
    })
}

fn required<T: Copy>(value: Option<T>, option: &str) -> Result<T> {
    value.ok_or_else(|| Error::input(option, "missing"))
}

fn from_options(args: &Options, code: MeasureCode, ci: CiMethod) -> Result<EffectSize> {
    let level = args.level;
    let num = |v: Option<f64>, o: &str| required(v, o);
    match code.family() {
        Family::TwoGroup => effect::two_group(
            code,
            &group(&args.group1, "--group1")?,
            &group(&args.group2, "--group2")?,
            level,
        ),
        Family::PrePost => effect::pre_post(
            code,
            &PrePostSummary {
                n: num(args.n, "--n")?,
                before: mean_sd(&args.before, "--before")?,
                after: mean_sd(&args.after, "--after")?,
                r: args.r,
            },
            level,
        ),
        Family::TwoByTwo => effect::binary(
            code,
            &TwoByTwo {
                events1: num(args.events1, "--events1")?,
                n1: num(args.n1, "--n1")?,
                events2: num(args.events2, "--events2")?,
                n2: num(args.n2, "--n2")?,
            },
            level,
        ),
        Family::Proportion => effect::proportion(
            code,
            &Proportion {
                events: num(args.events, "--events")?,
                n: num(args.n, "--n")?,
            },
            level,
            ci,
        ),
        Family::Rate => effect::incidence_rate(
            &PersonTime {
                events: num(args.events, "--events")?,
                time: num(args.time, "--time")?,
            },
            level,
            ci,
        ),
        Family::RateComparison => effect::rate_comparison(
            code,
            &PersonTime {
                events: num(args.events1, "--events1")?,
                time: num(args.time1, "--time1")?,
            },
            &PersonTime {
                events: num(args.events2, "--events2")?,
                time: num(args.time2, "--time2")?,
            },
            level,
        ),
        Family::Slope => Err(Error::Usage(
            "slope measures are computed together: use `trialstats effect SLOPE`".into(),
        )),
    }
}

fn run_slope(args: &Options) -> Result<Vec<EffectSize>> {
    let slope = |value: Option<f64>, se: Option<f64>, sd: Option<f64>, which: &str| {
        let value = required(value, &format!("--slope-{which}"))?;
        match (se, sd) {
            (Some(_), Some(_)) => Err(Error::input(
                format!("--sd-{which}"),
                format!("give either --se-{which} or --sd-{which} with --n, not both"),
            )),
            (Some(se), None) => Ok(Slope {
                value,
                se: Some(se),
            }),
            (None, Some(sd)) => {
                let n = args.n.ok_or_else(|| {
                    Error::input(
                        "--n",
                        format!("missing; --sd-{which} needs --n to give SE = SD/√n"),
                    )
                })?;
                Slope::with_sd(value, sd, n, which)
            }
            (None, None) => Ok(Slope { value, se: None }),
        }
    };
    let change = SlopeChange {
        before: slope(args.slope_before, args.se_before, args.sd_before, "before")?,
        after: slope(args.slope_after, args.se_after, args.sd_after, "after")?,
    };
    // --n is only meaningful with SDs (Slope::with_sd reports it as "n-before"/"n-after")
    effect::slope_change(&change, args.level).map_err(|e| match e {
        Error::Input { location, message } if location.starts_with("n-") => Error::Input {
            location: "n".into(),
            message,
        },
        other => other,
    })
}

fn run_convert(args: &Options) -> Result<Conversion> {
    let g = given(args);
    let has = |o: &str| g.contains(&o);
    let conversion = if has("--sem") {
        check_options(args, "convert --sem", &["--sem", "--n"], &["--sem", "--n"])?;
        Conversion {
            quantity: "sd".into(),
            value: convert::sd_from_sem(required(args.sem, "--sem")?, required(args.n, "--n")?)
                .map_err(to_option)?,
            formula: "SD = SEM × √n (Cochrane Handbook 6.5.2.2)".into(),
        }
    } else if has("--ci-lower") || has("--ci-upper") {
        check_options(
            args,
            "convert --ci-lower --ci-upper",
            &["--ci-lower", "--ci-upper", "--n", "--ratio"],
            &["--ci-lower", "--ci-upper"],
        )?;
        let lower = required(args.ci_lower, "--ci-lower")?;
        let upper = required(args.ci_upper, "--ci-upper")?;
        let se =
            convert::se_from_ci(lower, upper, args.level, args.n, args.ratio).map_err(to_option)?;
        let crit = if args.n.is_some() { "t(n − 1)" } else { "z" };
        let (quantity, formula) = if args.ratio {
            (
                "se_log",
                format!("SE = (ln upper − ln lower) / (2·{crit}) (Cochrane Handbook 6.3.2)"),
            )
        } else {
            (
                "se",
                format!("SE = (upper − lower) / (2·{crit}) (Cochrane Handbook 6.3.1)"),
            )
        };
        Conversion {
            quantity: quantity.into(),
            value: se,
            formula,
        }
    } else if has("--t") {
        check_options(
            args,
            "convert --t",
            &["--estimate", "--t"],
            &["--estimate", "--t"],
        )?;
        Conversion {
            quantity: "se".into(),
            value: convert::se_from_t(
                required(args.estimate, "--estimate")?,
                required(args.t, "--t")?,
            )
            .map_err(to_option)?,
            formula: "SE = |estimate / t| (Cochrane Handbook 6.3.1)".into(),
        }
    } else if has("--p") {
        check_options(
            args,
            "convert --p",
            &["--estimate", "--p", "--n"],
            &["--estimate", "--p"],
        )?;
        let crit = if args.n.is_some() {
            "t(1 − p/2; n − 1)"
        } else {
            "z(1 − p/2)"
        };
        Conversion {
            quantity: "se".into(),
            value: convert::se_from_p(
                required(args.estimate, "--estimate")?,
                required(args.p, "--p")?,
                args.n,
            )
            .map_err(to_option)?,
            formula: format!("SE = |estimate| / {crit} (Cochrane Handbook 6.3.1)"),
        }
    } else {
        return Err(Error::Usage(
            "convert needs one of: --sem S --n N; --ci-lower L --ci-upper U [--n N] [--ratio]; --estimate E --t T; --estimate E --p P [--n N]".into(),
        ));
    };
    Ok(conversion)
}
