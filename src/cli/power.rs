//! `trialstats power slope` and `trialstats power rate`: patients per arm for a confirmatory
//! two-arm trial, or the power of a given n, by closed form; `--simulate` checks the slope
//! and rate formulas by simulated trials fitted by our mixed model and our negative binomial
//! regression; `--sweep` varies the nuisance
//! values a document does not report.

use super::args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use trialstats::analysis::measures::planned_rate_effect;
use trialstats::analysis::slopes::planned_slope_effect;
use trialstats::level::ConfidenceLevel;
use trialstats::nma::SmallValues;
use trialstats::output::Tabular;
use trialstats::output::{Format, render};
use trialstats::power::mmrm::{CorrelationSpec, MmrmDesign, from_fitted_mmrm, mmrm_power};
use trialstats::power::rate::rate_power;
use trialstats::power::sequential::sample_size::{SequentialSize, WithSequential};
use trialstats::power::sequential::{self, BoundaryScale, Efficacy, Futility, SequentialSpec};
use trialstats::power::slope::{check_visits, regular_visits, slope_power};
use trialstats::power::solve::Solution;
use trialstats::power::sweep::{sweep_rate, sweep_slope};
use trialstats::power::{
    Allocation, Goal, RateDesign, SampleSize, Sides, SimulatedPower, SimulationSettings,
    SlopeDesign, SmallSample, SweepAxis, Test, VarianceMethod, simulate_rate_trials,
    simulate_slope_trials,
};
use trialstats::{Error, Outcome, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: PowerCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PowerCommand {
    /// A difference in mean slopes analysed by a random-slope mixed model (Diggle et al.
    /// 2002 §2.4; Edland 2009; as R's longpower edland.linear.power).
    Slope(SlopeArgs),
    /// A ratio of event rates analysed by negative binomial regression (Zhu & Lakkis 2014;
    /// Poisson when the dispersion is 0).
    Rate(RateArgs),
    /// The difference at the last visit analysed by a mixed model for repeated measures,
    /// with dropout (Lu, Luo & Chen 2008; as R's longpower power.mmrm).
    Mmrm(MmrmArgs),
    /// A hazard ratio analysed by the log-rank test: events (Schoenfeld 1983 or Freedman
    /// 1982), and patients from accrual, follow-up and hazards (Lachin & Foulkes 1986).
    Survival(SurvivalArgs),
    /// A group-sequential design: efficacy (and futility) boundaries by look, spent α, power
    /// per look, inflation factor and expected sample sizes (as rpact's
    /// getDesignGroupSequential and getDesignCharacteristics).
    Sequential(SequentialArgs),
}

/// Options both endpoints share.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// Two-sided significance level (one-sided with --one-sided).
    #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
    alpha: f64,
    /// A one-sided test at --alpha.
    #[arg(long)]
    one_sided: bool,
    /// The power wanted [default: 0.8].
    #[arg(long, allow_negative_numbers = true)]
    power: Option<f64>,
    /// Patients per arm (1:1): compute the power (or, with --solve delta, the difference).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "n_total")]
    n: Option<f64>,
    /// Patients in both arms, split by --allocation.
    #[arg(long, allow_negative_numbers = true)]
    n_total: Option<f64>,
    /// What to solve for: n (default; at --power), power (at --n or --n-total) or delta (the
    /// difference detectable at --n or --n-total with --power). With --n and no --solve,
    /// the power.
    #[arg(long, value_name = "n|power|delta")]
    solve: Option<String>,
    /// Patients in arm a to arm b, A:B (e.g. 2:1, treatment to control) [default: 1:1].
    #[arg(long, value_name = "A:B", allow_hyphen_values = true)]
    allocation: Option<String>,
    /// t quantiles with df = N − 2 (the noncentral t, as R's power.t.test) instead of normal
    /// ones: `--small-sample t`.
    #[arg(long, value_name = "t|z")]
    small_sample: Option<String>,
    /// Sweep a nuisance parameter, NAME=FROM:TO:STEP or NAME=V1,V2,...; give it twice to
    /// sweep two (the second makes one line each on the chart).
    #[arg(long, allow_hyphen_values = true)]
    sweep: Vec<String>,
    /// Draw the sweep (survival: the expected events by calendar time) to this file (.png
    /// or .svg).
    #[arg(long)]
    plot: Option<PathBuf>,
    /// Size, resolution and labels of the --plot chart.
    #[command(flatten)]
    chart: args::ChartOptions,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    format: String,
    /// A group-sequential design: the fixed answer times its inflation factor.
    #[command(flatten)]
    sequential: SequentialOptions,
}

impl Common {
    /// Print `result`; with --looks, --timing or --design, beside the group-sequential design
    /// those ask for, whose maximum is the fixed design's unrounded n (`fixed_patients`) or
    /// events (`fixed_events`) times its inflation factor.
    fn print_with_sequential<T: Tabular + serde::Serialize>(
        &self,
        format: Format,
        result: T,
        solution: &Solution,
        fixed_patients: Option<f64>,
        fixed_events: Option<f64>,
    ) -> Result<()> {
        if !self.sequential.given() {
            super::print(&render(format, &result)?);
            return Ok(());
        }
        let Some(power) = solution.target_power.filter(|_| solution.solved_for == "n") else {
            return Err(Error::input(
                "--looks",
                "a group-sequential design carries the fixed design's n to its maximum: solve for n (leave out --n, --n-total and --solve)",
            ));
        };
        let sides = if self.one_sided { 1 } else { 2 };
        let spec = self.sequential.spec(self.alpha, sides, 1.0 - power)?;
        let size = SequentialSize::new(
            sequential::design(&spec)?,
            fixed_patients,
            solution.allocation.fraction_a(),
            fixed_events,
        );
        super::print(&render(
            format,
            &WithSequential {
                fixed: result,
                sequential: size,
            },
        )?);
        Ok(())
    }

    /// Refuse the group-sequential options where they have no meaning (`what`: a sweep, a
    /// simulation).
    fn refuse_sequential(&self, what: &str) -> Result<()> {
        if self.sequential.given() {
            return Err(Error::input(
                "--looks",
                format!("the group-sequential options do not combine with {what}; leave one out"),
            ));
        }
        Ok(())
    }

    fn level(&self) -> Result<ConfidenceLevel> {
        Ok(ConfidenceLevel::from_alpha(self.alpha)?)
    }
    fn sides(&self) -> Sides {
        if self.one_sided {
            Sides::OneSided
        } else {
            Sides::TwoSided
        }
    }
    fn test(&self) -> Result<Test> {
        Ok(Test {
            level: self.level()?,
            sides: self.sides(),
            small_sample: match &self.small_sample {
                Some(s) => s.parse()?,
                None => SmallSample::Normal,
            },
        })
    }
    fn allocation(&self) -> Result<Allocation> {
        match &self.allocation {
            Some(a) => Ok(a.parse()?),
            None => Ok(Allocation::EQUAL),
        }
    }
    fn goal(&self) -> Result<Goal> {
        let size = match (self.n, self.n_total) {
            (Some(n), _) => Some(SampleSize::PerArm(n)),
            (None, Some(n)) => Some(SampleSize::Total(n)),
            (None, None) => None,
        };
        let solve = match (&self.solve, size) {
            (Some(s), _) => s.as_str(),
            (None, Some(_)) => "power",
            (None, None) => "n",
        };
        let need_n = |what: &str| {
            size.ok_or_else(|| {
                Error::input(
                    "--solve",
                    format!("{what} needs the patients: give --n (per arm) or --n-total"),
                )
            })
        };
        let goal = match solve {
            "n" => {
                if size.is_some() {
                    return Err(Error::input(
                        "--solve",
                        "n is what --n / --n-total give; leave them out or solve for power or delta",
                    ));
                }
                Goal::Power(self.power.unwrap_or(0.8))
            }
            "power" => {
                if self.power.is_some() {
                    return Err(Error::input(
                        "--power",
                        "the power is being solved for; leave --power out (or --solve n or delta)",
                    ));
                }
                Goal::N(need_n("--solve power")?)
            }
            "delta" => Goal::Delta {
                power: self.power.unwrap_or(0.8),
                n: need_n("--solve delta")?,
            },
            other => {
                return Err(Error::input(
                    "--solve",
                    format!("'{other}'; allowed: n, power, delta"),
                ));
            }
        };
        Ok(goal.validate()?)
    }
    fn axes(&self) -> Result<Vec<SweepAxis>> {
        if self.plot.is_some() && self.sweep.is_empty() {
            return Err(Error::input("--plot", "draws a sweep; give --sweep"));
        }
        Ok(self
            .sweep
            .iter()
            .map(|s| s.parse())
            .collect::<std::result::Result<_, _>>()?)
    }
}

/// Simulation options both endpoints share.
#[derive(Debug, clap::Args)]
pub struct Simulation {
    /// Also simulate this many trials, each fitted by our own model (slopes: the mixed
    /// model by REML; rates: negative binomial regression, Poisson when the dispersion is 0).
    #[arg(long, value_parser = args::whole_number, allow_negative_numbers = true)]
    simulate: Option<i64>,
    /// Seed of the simulation (the result is the same for a seed whatever the threads).
    #[arg(
        long,
        default_value = "1",
        value_parser = args::whole_number,
        requires = "simulate",
        allow_negative_numbers = true
    )]
    seed: i64,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

impl Simulation {
    /// Run `simulate` (one of the `simulate_*_trials`) with the trials and seed asked for, at
    /// `n_per_arm`, behind a progress bar; `None` without `--simulate`.
    fn run<E: Into<Error>>(
        &self,
        n_per_arm: u64,
        simulate: impl FnOnce(
            SimulationSettings,
            &(dyn Fn() + Sync),
        ) -> std::result::Result<SimulatedPower, E>,
    ) -> Result<Option<SimulatedPower>> {
        let Some(r) = self.simulate else {
            return Ok(None);
        };
        let replicates = u64::try_from(r).map_err(|_| {
            Error::input("--simulate", format!("{r} trials; allowed: 1 to 1000000"))
        })?;
        let seed = u64::try_from(self.seed)
            .map_err(|_| Error::input("--seed", format!("{}: allowed: 0 or more", self.seed)))?;
        let bar = progress_bar(replicates, self.quiet);
        let sim = simulate(
            SimulationSettings {
                replicates,
                seed,
                n_per_arm,
            },
            &|| bar.inc(1),
        );
        bar.finish_and_clear();
        Ok(Some(sim.map_err(Into::into)?))
    }

    /// Refuse `--simulate` with `--sweep`.
    fn refuse_with_sweep(&self) -> Result<()> {
        if self.simulate.is_some() {
            return Err(Error::usage(
                "--simulate checks one design; give it without --sweep".into(),
            ));
        }
        Ok(())
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = SLOPE_HELP)]
pub struct SlopeArgs {
    /// Difference in mean slopes between the arms (points per time unit, > 0; not needed
    /// with --solve delta).
    #[arg(long, allow_negative_numbers = true)]
    delta: Option<f64>,
    /// Take the difference from a study's before/after slopes (e.g. als-muse-phase2).
    #[arg(long, conflicts_with = "delta", value_name = "STUDY")]
    from_study: Option<String>,
    /// Folder holding the study files, for --from-study.
    #[arg(long, value_name = "DIR", default_value = "data")]
    data: PathBuf,
    /// SD of the patients' individual slopes (may be left out when swept).
    #[arg(long, allow_negative_numbers = true)]
    sd_slope: Option<f64>,
    /// Residual SD of a visit around the patient's own line (may be left out when swept).
    #[arg(long, allow_negative_numbers = true)]
    sd_residual: Option<f64>,
    /// SD of the patients' intercepts (matters only with dropout).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    sd_intercept: f64,
    /// Correlation of intercept and slope (matters only with dropout).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    corr_intercept_slope: f64,
    /// Visit times, comma-separated (e.g. 0,1,2,...,12).
    #[arg(long, allow_hyphen_values = true, conflicts_with_all = ["months", "every"], required_unless_present = "months")]
    visits: Option<String>,
    /// Trial length, with --every: visits at 0, K, 2K, ..., M.
    #[arg(long, requires = "every", allow_negative_numbers = true)]
    months: Option<f64>,
    /// Interval between visits, with --months.
    #[arg(long, requires = "months", allow_negative_numbers = true)]
    every: Option<f64>,
    /// Proportion of patients who miss the last visit (monotone dropout, spread evenly over
    /// the visit intervals): shorthand for --retention 1,...,1 − P.
    #[arg(
        long,
        default_value_t = 0.0,
        allow_negative_numbers = true,
        conflicts_with = "retention"
    )]
    dropout: f64,
    /// Retention at each visit (proportion still seen; one per visit, never rising), arm a.
    #[arg(long, value_name = "R0,R1,...")]
    retention: Option<String>,
    /// Retention at each visit in arm b (default: arm a's).
    #[arg(long, value_name = "R0,R1,...")]
    retention_b: Option<String>,
    #[command(flatten)]
    simulation: Simulation,
    #[command(flatten)]
    common: Common,
}

const SLOPE_HELP: &str = "\
Dropout (--dropout P) is monotone: P of the patients randomised miss the last visit, lost
evenly over the visit intervals (P/K after each of the K intervals). As longpower, a patient
seen only at baseline adds nothing to the formula; the simulation draws the same pattern.
Sweepable: delta, sd-slope, sd-residual, sd-intercept, corr-intercept-slope, dropout, and
power (or n with --n).
Exit codes: 0 success; 2 bad input or usage (the message names the option).
Example: trialstats power slope --from-study als-muse-phase2 --sd-slope 0.3 --sd-residual 1.5 \\
           --months 12 --every 1 --dropout 0.2 --sweep sd-slope=0.1:0.6:0.1";

#[derive(Debug, clap::Args)]
#[command(after_help = RATE_HELP)]
pub struct RateArgs {
    /// Events per patient per year in the control arm.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "from_study"
    )]
    rate_control: Option<f64>,
    /// Treatment rate over control rate (e.g. 0.7; with --solve delta, only its side of 1,
    /// default below 1).
    #[arg(long, allow_negative_numbers = true)]
    rate_ratio: Option<f64>,
    /// Take both rates from a study's before/after rate measure (e.g. nmo-tocilizumab).
    #[arg(long, conflicts_with_all = ["rate_control", "rate_ratio"], value_name = "STUDY")]
    from_study: Option<String>,
    /// The measure of --from-study (default: its first measure per year).
    #[arg(long, requires = "from_study", value_name = "ID")]
    measure: Option<String>,
    /// Folder holding the study files, for --from-study.
    #[arg(long, value_name = "DIR", default_value = "data")]
    data: PathBuf,
    /// Mean follow-up per patient, in years (with --accrual: the last patient's).
    #[arg(long, allow_negative_numbers = true)]
    years: f64,
    /// Staggered follow-up: patients enter uniformly over this many years and are followed
    /// to a common end, so follow-up runs from --years (the last in) to --years + accrual.
    #[arg(long, allow_negative_numbers = true)]
    accrual: Option<f64>,
    /// Negative binomial dispersion k (variance λt + k(λt)²); 0 is Poisson. The control
    /// arm's, and the treatment arm's unless --dispersion-treatment.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    dispersion: f64,
    /// The treatment arm's dispersion, when it differs from the control's.
    #[arg(long, allow_negative_numbers = true)]
    dispersion_treatment: Option<f64>,
    /// Variance under the null: control-rate (1), true-rates (2) or pooled (3), Zhu &
    /// Lakkis's methods as numbered in R's MKpower, or restricted-ml (4, Zhu 2017).
    #[arg(long, default_value = "pooled")]
    variance: String,
    /// Non-inferiority margin for the rate ratio (one-sided test, Zhu 2017): with fewer events
    /// better (the default, e.g. relapses) a ratio above 1, e.g. 1.25: the treatment's rate is
    /// shown to be less than 1.25 times the control's.
    #[arg(long, allow_negative_numbers = true)]
    margin: Option<f64>,
    /// Which way --margin points: good (fewer events are better; the margin is above 1) or
    /// bad (more events are better; the margin is below 1) [default: good].
    #[arg(long, requires = "margin", value_name = "good|bad")]
    small_values: Option<String>,
    #[command(flatten)]
    simulation: Simulation,
    #[command(flatten)]
    common: Common,
}

const RATE_HELP: &str = "\
--from-study STUDY takes the control rate and the rate ratio from a study's before/after rate
measure (the rate before treatment as control); the follow-up and dispersion stay assumed.
--margin M plans a non-inferiority trial (Zhu 2017): H0 RR >= M against H1 RR < M (M > 1, fewer
events better), at one-sided alpha/2 (the two-sided CI's upper bound below M; --one-sided for
alpha itself); --rate-ratio is then the true ratio assumed (1 is allowed).
Sweepable: rate-control, rate-ratio, years, dispersion, and power (or n with --n).
--simulate R draws R trials of n per arm (counts negative binomial, mean rate x years,
variance mu + k mu^2, i.e. theta = 1/k; Poisson when k = 0), fits each by negative binomial
(or Poisson) regression events ~ arm + offset(log(years)) and counts Wald z rejections.
Exit codes: 0 success; 2 bad input or usage (the message names the option).
Example: trialstats power rate --rate-control 2.9 --rate-ratio 0.7 --years 2 --dispersion 0.8";

#[derive(Debug, clap::Args)]
#[command(after_help = MMRM_HELP)]
pub struct MmrmArgs {
    /// Difference between the arms' means at the last visit (> 0; not needed with --solve
    /// delta).
    #[arg(long, allow_negative_numbers = true)]
    delta: Option<f64>,
    /// SD of the outcome at the last visit (arm a; arm b's too unless --sd-b).
    #[arg(long, allow_negative_numbers = true)]
    sd: Option<f64>,
    /// Arm b's SD at the last visit, when it differs.
    #[arg(long, allow_negative_numbers = true)]
    sd_b: Option<f64>,
    /// Number of visits K in the model (default: from --retention or the matrix).
    #[arg(long, value_parser = args::whole_number)]
    visits: Option<i64>,
    /// Correlation of a patient's outcomes: cs:R (compound symmetry), ar1:R (R^|i−j|) or
    /// FILE.csv (a K × K matrix under a header naming the visits).
    #[arg(long, allow_hyphen_values = true)]
    correlation: Option<String>,
    /// Retention at each visit, arm a (proportion still observed; never rising; default: 1
    /// at every visit).
    #[arg(long, value_name = "R1,R2,...")]
    retention: Option<String>,
    /// Retention at each visit, arm b (default: arm a's).
    #[arg(long, value_name = "R1,R2,...")]
    retention_b: Option<String>,
    /// Take the correlation and the last visit's SD from a fitted model: the output of
    /// `trialstats mmrm --format json`.
    #[arg(long, value_name = "FIT.json", conflicts_with = "correlation")]
    from_mmrm: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

const MMRM_HELP: &str = "\
The MMRM compares the arms' means at the last of K visits; patients drop out monotonely, with
--retention the proportion of the patients randomised still observed at each visit. phi (the
variance inflation at the last visit) is Lu, Luo & Chen's (2008): 1 without dropout, 1/r_K when
visits are independent. Arm a is the first of --allocation A:B.
Exit codes: 0 success; 2 bad input or usage (the message names the option).
Example: trialstats power mmrm --delta 0.5 --sd 1 --correlation cs:0.25 --retention 1,0.9,0.8,0.7";

#[derive(Debug, clap::Args)]
#[command(after_help = SURVIVAL_HELP)]
pub struct SurvivalArgs {
    /// Hazard ratio, treatment over control (≠ 1; with --solve delta only its side of 1,
    /// default below 1).
    #[arg(long, allow_negative_numbers = true)]
    hr: Option<f64>,
    /// Take the hazard ratio from a CSV of trials (studlab, hr, ci_lower, ci_upper with a 95 %
    /// CI; treat1, treat2, quote, url when present), as data/nmosd-nma.csv.
    #[arg(
        long,
        value_name = "FILE.csv",
        conflicts_with = "hr",
        requires = "study"
    )]
    hr_from: Option<PathBuf>,
    /// The trial of --hr-from (its studlab), or several separated by commas to pool their
    /// HRs (random effects, REML).
    #[arg(long, value_name = "LABEL[,LABEL...]", requires = "hr_from")]
    study: Option<String>,
    /// Events by schoenfeld (default) or freedman.
    #[arg(long, default_value = "schoenfeld")]
    method: String,
    /// Median time to event in the control arm (hazard ln 2 / M).
    #[arg(long, allow_negative_numbers = true, conflicts_with = "rate_control")]
    median_control: Option<f64>,
    /// Event hazard in the control arm (per time unit).
    #[arg(long, allow_negative_numbers = true)]
    rate_control: Option<f64>,
    /// Accrual duration (patients enter uniformly).
    #[arg(long, allow_negative_numbers = true)]
    accrual: Option<f64>,
    /// Follow-up after the last patient enters.
    #[arg(long, allow_negative_numbers = true)]
    follow_up: Option<f64>,
    /// Dropout hazard (per time unit, both arms; exponential).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    dropout_rate: f64,
    #[command(flatten)]
    common: Common,
}

const SURVIVAL_HELP: &str = "\
Without accrual and hazards the answer is in events (n counts events). With --median-control
M (or --rate-control L), --accrual A and --follow-up F (and --dropout-rate D) it is in patients:
events / P(event), under exponential event and dropout times and uniform accrual (Lachin &
Foulkes 1986, as gsDesign nSurv). Arm a of --allocation A:B is the treatment.
--hr-from FILE.csv --study LABEL takes a trial's reported HR (several labels: pooled) and says
where it came from, with the row's quote and URL.
Exit codes: 0 success; 2 bad input or usage (the message names the option).
Example: trialstats power survival --hr 0.5 --median-control 10 --accrual 12 --follow-up 30";

/// The looks and boundaries of a group-sequential design.
#[derive(Debug, clap::Args)]
pub struct SequentialOptions {
    /// Number of looks at the data, the last the final analysis [default: 3].
    #[arg(long, allow_negative_numbers = true)]
    looks: Option<i64>,
    /// Information fractions of the looks, increasing, the last 1 [default: equally spaced].
    #[arg(long, value_name = "t1,...,tK")]
    timing: Option<String>,
    /// Efficacy boundary, as rpact's typeOfDesign: OF, P (classical O'Brien–Fleming, Pocock),
    /// asOF, asP, asKD, asHSD (α-spending) [default: OF].
    #[arg(long, value_name = "OF|P|asOF|asP|asKD|asHSD")]
    design: Option<String>,
    /// γ of asKD (above 0) or asHSD (−10 to 5).
    #[arg(long, allow_negative_numbers = true)]
    gamma: Option<f64>,
    /// Futility bounds by β-spending, as rpact's typeBetaSpending: bsOF, bsP, bsKD, bsHSD
    /// (α-spending designs; two-sided: stop when |Z| is below it).
    #[arg(long, value_name = "bsOF|bsP|bsKD|bsHSD")]
    futility: Option<String>,
    /// γ of bsKD or bsHSD.
    #[arg(long, allow_negative_numbers = true, requires = "futility")]
    futility_gamma: Option<f64>,
    /// The futility bounds are binding (the efficacy bounds count on stopping at them).
    #[arg(long, requires = "futility")]
    binding: bool,
}

impl SequentialOptions {
    /// Whether any option asks for a group-sequential design.
    fn given(&self) -> bool {
        self.looks.is_some() || self.timing.is_some() || self.design.is_some()
    }

    /// The design these options ask for at `alpha` (both sides together), `sides` and `beta`.
    fn spec(&self, alpha: f64, sides: u8, beta: f64) -> Result<SequentialSpec> {
        let timing = sequential::timing(self.looks, list_option("--timing", &self.timing)?)?;
        Ok(SequentialSpec {
            timing,
            alpha,
            sides,
            beta,
            efficacy: Efficacy::parse(self.design.as_deref().unwrap_or("OF"), self.gamma)?,
            futility: self
                .futility
                .as_deref()
                .map(|f| Futility::parse(f, self.futility_gamma, self.binding))
                .transpose()?,
        })
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = SEQUENTIAL_HELP)]
pub struct SequentialArgs {
    #[command(flatten)]
    design: SequentialOptions,
    /// Type I error, both sides together when --sides 2.
    #[arg(long, default_value_t = 0.025, allow_negative_numbers = true)]
    alpha: f64,
    /// 1 (one-sided; default) or 2 (two-sided, symmetric bounds).
    #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
    sides: i64,
    /// Type II error: the power is 1 − β.
    #[arg(long, default_value_t = 0.2, allow_negative_numbers = true)]
    beta: f64,
    /// Draw the boundaries by information fraction to this file (.png or .svg).
    #[arg(long)]
    plot: Option<PathBuf>,
    /// The chart's scale: z (the test statistic) or effect (the estimate that crosses each
    /// bound, as a fraction of the effect the trial is powered for).
    #[arg(long, default_value = "z", value_name = "z|effect", requires = "plot")]
    scale: String,
    /// Size, resolution and labels of the --plot chart.
    #[command(flatten)]
    chart: args::ChartOptions,
    /// Output format: table, json or csv.
    #[arg(long, default_value = "table")]
    format: String,
}

const SEQUENTIAL_HELP: &str = "\
Defaults as rpact's getDesignGroupSequential: 3 equally spaced looks, one-sided alpha 0.025,
beta 0.2, O'Brien-Fleming (OF). Crossing probabilities by recursive numerical integration
(Armitage, McPherson & Rowe 1969; Jennison & Turnbull 2000, ch. 19). The inflation factor is
the maximum sample size over the fixed design's; expected n under H0, theta/2 and H1 are
fractions of the fixed design's n (futility bounds obeyed). The sample-size commands (power
slope, rate, mmrm, survival) take the same --looks, --timing, --design, --futility options.
Exit codes: 0 success; 2 bad input or usage (the message names the option).
Example: trialstats power sequential --looks 3 --design asOF --futility bsOF";

fn run_sequential(a: SequentialArgs) -> Result<Outcome> {
    let format: Format = a.format.parse()?;
    let sides = u8::try_from(a.sides)
        .ok()
        .filter(|s| matches!(s, 1 | 2))
        .ok_or_else(|| Error::input("--sides", format!("{}; allowed: 1 or 2", a.sides)))?;
    let spec = a.design.spec(a.alpha, sides, a.beta)?;
    let result = sequential::design(&spec)?;
    if let Some(path) = &a.plot {
        let scale: BoundaryScale = a.scale.parse()?;
        let chart = &a.chart;
        trialstats::plot::render(
            &trialstats::charts::power_charts::boundaries_chart(
                &result,
                scale,
                &chart.title_or("Group-sequential boundaries"),
            )
            .into(),
            path,
            chart.canvas()?,
        )?;
    }
    super::print(&render(format, &result)?);
    Ok(Outcome::Ok)
}

pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        PowerCommand::Slope(a) => run_slope(a),
        PowerCommand::Rate(a) => run_rate(a),
        PowerCommand::Mmrm(a) => run_mmrm(a),
        PowerCommand::Survival(a) => run_survival(a),
        PowerCommand::Sequential(a) => run_sequential(a),
    }
}

fn run_survival(a: SurvivalArgs) -> Result<Outcome> {
    use trialstats::power::hazard_ratio::planned_hazard_ratio;
    use trialstats::power::survival::{Enrolment, SurvivalDesign, survival_power};
    let format: Format = a.common.format.parse()?;
    let (test, allocation, goal) = (a.common.test()?, a.common.allocation()?, a.common.goal()?);
    if !a.common.sweep.is_empty() {
        return Err(Error::input("--sweep", "power survival does not sweep"));
    }
    let rate = match (a.median_control, a.rate_control) {
        (Some(m), _) => {
            trialstats::power::require_positive("median_control", m, "the control median")?;
            Some(std::f64::consts::LN_2 / m)
        }
        (None, r) => r,
    };
    let enrolment = match (rate, a.accrual, a.follow_up) {
        (None, None, None) => None,
        (Some(rate_control), Some(accrual), Some(follow_up)) => Some(Enrolment {
            accrual,
            follow_up,
            rate_control,
            dropout_rate: a.dropout_rate,
        }),
        (None, _, _) => {
            return Err(Error::input(
                "median_control",
                "patients need the control arm's median (or --rate-control) with --accrual and --follow-up",
            ));
        }
        (_, None, _) => {
            return Err(Error::input(
                "--accrual",
                "missing; give the accrual duration",
            ));
        }
        (_, _, None) => {
            return Err(Error::input(
                "--follow-up",
                "missing; give the follow-up after accrual",
            ));
        }
    };
    let (hr, provenance) = match (&a.hr_from, &a.study) {
        (Some(path), Some(labels)) => {
            let file = trialstats::csv_file::CsvFile::read(path)?;
            let labels: Vec<String> = labels
                .split(',')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            let planned = planned_hazard_ratio(&file, &labels, "study")?;
            let mut provenance = planned.provenance();
            if enrolment.is_some() {
                provenance.push(
                    "control hazard, accrual, follow-up, dropout: given on the command line (assumed)"
                        .to_string(),
                );
            }
            (Some(planned.hr), provenance)
        }
        _ => (
            a.hr,
            vec!["every input given on the command line (assumed)".to_string()],
        ),
    };
    let design = SurvivalDesign {
        hazard_ratio: effect_or_start(hr, goal, 0.7, "--hr")?,
        events_method: a.method.parse()?,
        enrolment,
    };
    let mut result = survival_power(&design, test, allocation, goal)?;
    result.provenance = provenance;
    if let Some(path) = &a.common.plot {
        if result.events_by_time.is_empty() {
            return Err(Error::input(
                "--plot",
                "the events by calendar time need --median-control, --accrual and --follow-up",
            ));
        }
        let chart = &a.common.chart;
        trialstats::plot::render(
            &trialstats::charts::power_charts::survival_chart(
                &result,
                &chart.title_or("Expected events by calendar time"),
            )
            .into(),
            path,
            chart.canvas()?,
        )?;
    }
    let (patients, events) = if result.counts == "patients" {
        (result.solution.n_total_exact, Some(result.events_exact))
    } else {
        (None, Some(result.events_exact))
    };
    let solution = result.solution;
    a.common
        .print_with_sequential(format, result, &solution, patients, events)?;
    Ok(Outcome::Ok)
}

/// The effect of a design: given, or (solving for it) a starting value for the search.
fn effect_or_start(given: Option<f64>, goal: Goal, start: f64, option: &str) -> Result<f64> {
    match (given, goal) {
        (Some(d), _) => Ok(d),
        (None, Goal::Delta { .. }) => Ok(start),
        (None, _) => Err(Error::input(
            option,
            "missing; give it, or --solve delta with --n (or --n-total) for the detectable one",
        )),
    }
}

/// A list option's values, if given.
fn list_option(option: &str, text: &Option<String>) -> Result<Option<Vec<f64>>> {
    Ok(text
        .as_ref()
        .map(|t| trialstats::number_list::numbers(option, t))
        .transpose()?)
}

fn run_mmrm(a: MmrmArgs) -> Result<Outcome> {
    let format: Format = a.common.format.parse()?;
    let (test, allocation, goal) = (a.common.test()?, a.common.allocation()?, a.common.goal()?);
    if !a.common.sweep.is_empty() || a.common.plot.is_some() {
        return Err(Error::input(
            "--sweep",
            "power mmrm does not sweep or draw; use --solve delta, or --n-total for the power (the power curve is printed)",
        ));
    }
    let retention = list_option("--retention", &a.retention)?;
    let retention_b = list_option("--retention-b", &a.retention_b)?;
    let mut provenance = Vec::new();
    let (fitted, fitted_sd) = match &a.from_mmrm {
        Some(path) => {
            let (r, sd, visits) = from_fitted_mmrm(path, "from_mmrm")?;
            provenance.push(format!(
                "correlation and SD at the last visit ({}) estimated by the fitted MMRM in {} (visits {})",
                trialstats::output::human_number(sd),
                path.display(),
                if visits.is_empty() { "unnamed".to_string() } else { visits.join(", ") }
            ));
            (Some(r), Some(sd))
        }
        None => (None, None),
    };
    let spec = match (&a.correlation, &fitted) {
        (Some(text), _) => Some(CorrelationSpec::parse(text, "correlation")?),
        (None, Some(m)) => Some(CorrelationSpec::Matrix(m.clone())),
        (None, None) => None,
    };
    // K: --visits, else the retention's length, else the matrix's.
    let k = match (a.visits, &retention, &spec) {
        (Some(k), _, _) => usize::try_from(k)
            .ok()
            .filter(|k| (1..=1000).contains(k))
            .ok_or_else(|| Error::input("--visits", format!("{k}; allowed: 1 to 1000")))?,
        (None, Some(r), _) => r.len(),
        (None, None, Some(CorrelationSpec::Matrix(m))) => m.len(),
        _ => {
            return Err(Error::input(
                "--visits",
                "give the number of visits (or --retention, one value per visit, or a correlation matrix)",
            ));
        }
    };
    let spec = spec.ok_or_else(|| {
        Error::input(
            "--correlation",
            "missing; give cs:R, ar1:R or FILE.csv (or --from-mmrm FIT.json)",
        )
    })?;
    let sd = a.sd.or(fitted_sd).ok_or_else(|| {
        Error::input(
            "--sd",
            "missing; give the SD at the last visit (or --from-mmrm FIT.json)",
        )
    })?;
    let design = MmrmDesign {
        delta: effect_or_start(a.delta, goal, sd / 2.0, "--delta")?,
        sd,
        sd_b: a.sd_b,
        correlation: spec.matrix(k, "correlation")?,
        correlation_b: None,
        retention: retention.unwrap_or_else(|| vec![1.0; k]),
        retention_b,
    };
    if a.from_mmrm.is_none() {
        provenance.push(format!(
            "every input given on the command line (assumed); correlation {}",
            spec.describe()
        ));
    }
    let mut result = mmrm_power(&design, test, allocation, goal)?;
    result.provenance = provenance;
    let solution = result.solution;
    a.common
        .print_with_sequential(format, result, &solution, solution.n_total_exact, None)?;
    Ok(Outcome::Ok)
}

fn run_slope(a: SlopeArgs) -> Result<Outcome> {
    let format: Format = a.common.format.parse()?;
    let (test, allocation, goal, axes) = (
        a.common.test()?,
        a.common.allocation()?,
        a.common.goal()?,
        a.common.axes()?,
    );
    let (level, sides) = (test.level, test.sides);
    let visits = match (&a.visits, a.months, a.every) {
        (Some(list), _, _) => {
            let v = trialstats::number_list::numbers("--visits", list)?;
            check_visits(&v)?;
            v
        }
        (None, Some(m), Some(k)) => regular_visits(m, k)?,
        _ => {
            return Err(Error::input(
                "--visits",
                "give the visit times (--visits 0,3,6,9,12) or --months M --every K",
            ));
        }
    };
    let mut provenance = Vec::new();
    let delta = match (&a.from_study, a.delta) {
        (Some(id), _) => {
            let study = args::study_by_id(&a.data, id, "--from-study")?;
            let effect = planned_slope_effect(&study)?;
            provenance.push(effect.provenance());
            provenance.push(
                "sd-slope, sd-residual, sd-intercept, corr-intercept-slope, dropout, visits: assumed (not reported)"
                    .to_string(),
            );
            effect.delta
        }
        (None, d) => {
            provenance.push("every input given on the command line (assumed)".to_string());
            // a start for the search when solving for delta: a slope-SD-sized difference
            effect_or_start(d, goal, a.sd_slope.unwrap_or(1.0), "--delta")?
        }
    };
    // A value left out but swept starts at the sweep's first value (the sweep sets it).
    let given_or_swept = |value: Option<f64>, name: &str| -> Result<f64> {
        value
            .or_else(|| axes.iter().find(|x| x.name == name).map(|x| x.values[0]))
            .ok_or_else(|| Error::input(format!("--{name}"), "missing; give a value or sweep it"))
    };
    let design = SlopeDesign {
        delta,
        sd_slope: given_or_swept(a.sd_slope, "sd-slope")?,
        sd_residual: given_or_swept(a.sd_residual, "sd-residual")?,
        sd_intercept: a.sd_intercept,
        corr_intercept_slope: a.corr_intercept_slope,
        visits,
        dropout: a.dropout,
        retention: list_option("--retention", &a.retention)?,
        retention_b: list_option("--retention-b", &a.retention_b)?,
    };
    design.validate()?;
    if !axes.is_empty() {
        a.simulation.refuse_with_sweep()?;
        a.common.refuse_sequential("--sweep")?;
        let mut result = sweep_slope(&design, test, allocation, goal, &axes)?;
        result.provenance = provenance;
        if let Some(path) = &a.common.plot {
            let title = match &a.from_study {
                Some(id) => format!("Patients per arm to confirm {id}'s slopes"),
                None => "Patients per arm for a difference in mean slopes".to_string(),
            };
            let chart = &a.common.chart;
            trialstats::plot::render(
                &trialstats::charts::power_charts::sweep_chart(&result, &chart.title_or(title))
                    .into(),
                path,
                chart.canvas()?,
            )?;
        }
        super::print(&render(format, &result)?);
        return Ok(Outcome::Ok);
    }
    let mut result = slope_power(&design, test, allocation, goal)?;
    result.provenance = provenance;
    if a.simulation.simulate.is_some() {
        a.common.refuse_sequential("--simulate")?;
        refuse_simulation(!allocation.is_equal(), "--allocation")?;
        refuse_simulation(design.retention_b.is_some(), "--retention-b")?;
    }
    if let Some(sim) = a
        .simulation
        .run(result.solution.n_a, |settings, progress| {
            simulate_slope_trials(&design, level, sides, settings, progress)
        })?
    {
        result = result.with_simulation(sim);
    }
    let solution = result.solution;
    a.common
        .print_with_sequential(format, result, &solution, solution.n_total_exact, None)?;
    Ok(Outcome::Ok)
}

/// Refuse `--simulate` with an option the simulation does not draw yet (naming it).
fn refuse_simulation(given: bool, option: &str) -> Result<()> {
    if given {
        return Err(Error::input(
            option,
            "--simulate draws 1:1 trials with the same dropout and dispersion in both arms and one follow-up for all; leave one of them out",
        ));
    }
    Ok(())
}

/// A progress bar on standard error when it is a terminal and not `--quiet`; hidden
/// otherwise.
fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("simulating {bar:40} {pos}/{len} trials ({eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Refuse a margin on the wrong side of 1 for `--small-values` (good: fewer events are
/// better, so the margin lies above 1; bad: below 1), naming `--margin`.
fn check_margin_direction(margin: Option<f64>, small_values: Option<&str>) -> Result<()> {
    let Some(m) = margin else { return Ok(()) };
    let small: SmallValues = small_values.unwrap_or("good").parse()?;
    let wrong_side = match small {
        SmallValues::Good => m < 1.0,
        SmallValues::Bad => m > 1.0,
    };
    if wrong_side && m > 0.0 {
        let (given, want, other) = match small {
            SmallValues::Good => (
                "good (fewer events are better, the default)",
                "above 1 (e.g. 1.25: the treatment's rate less than 1.25 times the control's)",
                "bad",
            ),
            SmallValues::Bad => ("bad (more events are better)", "below 1 (e.g. 0.8)", "good"),
        };
        return Err(Error::input(
            "--margin",
            format!(
                "{}: with --small-values {given} the non-inferiority margin lies {want}; for the other direction give --small-values {other}",
                trialstats::output::human_number(m)
            ),
        ));
    }
    Ok(())
}

fn run_rate(a: RateArgs) -> Result<Outcome> {
    let format: Format = a.common.format.parse()?;
    let method: VarianceMethod = a.variance.parse()?;
    let (test, allocation, goal, axes) = (
        a.common.test()?,
        a.common.allocation()?,
        a.common.goal()?,
        a.common.axes()?,
    );
    let (level, sides) = (test.level, test.sides);
    let (rate_control, rate_ratio, provenance) = match (&a.from_study, a.rate_control, a.rate_ratio)
    {
        (Some(id), _, _) => {
            let study = args::study_by_id(&a.data, id, "--from-study")?;
            let effect = planned_rate_effect(&study, a.measure.as_deref())?;
            let provenance = vec![
                effect.provenance(),
                "years, dispersion: assumed (not reported)".to_string(),
            ];
            (effect.rate_control, effect.rate_ratio, provenance)
        }
        (None, Some(c), r) => (
            c,
            // with a margin, no difference is the natural start (and lies on its good side)
            effect_or_start(
                r,
                goal,
                if a.margin.is_some() { 1.0 } else { 0.7 },
                "--rate-ratio",
            )?,
            vec!["every input given on the command line (assumed)".to_string()],
        ),
        _ => {
            return Err(Error::input(
                "--rate-control",
                "give --rate-control and --rate-ratio, or --from-study",
            ));
        }
    };
    let design = RateDesign {
        rate_control,
        rate_ratio,
        years: a.years,
        dispersion: a.dispersion,
        dispersion_treatment: a.dispersion_treatment,
        accrual: a.accrual,
        margin: a.margin,
    };
    check_margin_direction(a.margin, a.small_values.as_deref())?;
    design.validate()?;
    if !axes.is_empty() {
        a.simulation.refuse_with_sweep()?;
        a.common.refuse_sequential("--sweep")?;
        let mut result = sweep_rate(&design, method, test, allocation, goal, &axes)?;
        result.provenance = provenance;
        if let Some(path) = &a.common.plot {
            let chart = &a.common.chart;
            trialstats::plot::render(
                &trialstats::charts::power_charts::sweep_chart(
                    &result,
                    &chart.title_or("Patients per arm for a ratio of event rates"),
                )
                .into(),
                path,
                chart.canvas()?,
            )?;
        }
        super::print(&render(format, &result)?);
        return Ok(Outcome::Ok);
    }
    let mut result = rate_power(&design, method, test, allocation, goal)?;
    result.provenance = provenance;
    if a.simulation.simulate.is_some() {
        a.common.refuse_sequential("--simulate")?;
        refuse_simulation(!allocation.is_equal(), "--allocation")?;
        refuse_simulation(
            design.dispersion_treatment.is_some(),
            "--dispersion-treatment",
        )?;
        refuse_simulation(design.accrual.is_some(), "--accrual")?;
        if design.margin.is_some() {
            return Err(Error::input(
                "--margin",
                "--simulate counts rejections of RR = 1, not of the margin; leave --simulate out",
            ));
        }
    }
    if let Some(sim) = a
        .simulation
        .run(result.solution.n_a, |settings, progress| {
            simulate_rate_trials(&design, level, sides, settings, progress)
        })?
    {
        result = result.with_simulation(sim);
    }
    let solution = result.solution;
    a.common
        .print_with_sequential(format, result, &solution, solution.n_total_exact, None)?;
    Ok(Outcome::Ok)
}
