//! The commands: one file per command, each an `Args` struct (clap) and a `run` function
//! that calls the library and prints. Nothing statistical happens here.

mod args;
mod check;
mod convert;
mod draft;
mod effect;
mod glmm;
mod list;
mod lmm;
mod meta;
mod meta_tables;
mod mmrm;
mod nma;
mod plot;
mod power;
mod prepost;
mod report;
mod serve;
mod show;
mod verify;

use clap::{Parser, Subcommand};
use std::io::Write;
use trialstats::{Outcome, Result};

/// Effect sizes, before/after charts, consistency checks and mixed-effects models for the
/// summary numbers that clinical trials report.
#[derive(Debug, Parser)]
#[command(name = "trialstats", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Shown after the `--help` of each command that checks something.
pub(crate) const EXIT_LINE: &str = "Exit codes: 0 success; 1 a check or verification found a problem; 2 bad input or usage (the message names the file and line, the option, or the CSV cell).";

/// Shown after the `--help` of each command that checks nothing.
pub(crate) const EXIT_LINE_NO_CHECKS: &str = "Exit codes: 0 success; 2 bad input or usage (the message names the file and line, the option, or the CSV cell).";

/// Shown after `trialstats --help`: what the exit code means, and where to start.
const EXIT_CODES: &str = "\
Exit codes: 0 success; 1 a check or verification found a problem (an inconsistent number, a
failed expectation, a claim no r supports, an lmm optimum not confirmed); 2 bad input or usage
(the message names the file and line, the option, or the CSV cell, and what is allowed).

Examples:
  trialstats report                      every study in data/, charts into plots/
  trialstats check grim --mean 5.19 --n 28
  trialstats prepost --n 7 --before 5.1,1.7 --after 4.1,1.6 --claim significant
  trialstats convert median --n 20 --q1 4 --median 6 --q3 10
  trialstats effect SMCR --n 7 --before 2.9,1.1 --after 0.4,0.8 --r 0.5
  trialstats meta studies.csv --yi yi --vi vi --mods year
  trialstats nma contrasts.csv --reference placebo --exp
  trialstats lmm visits.csv --formula 'score ~ month + (month | patient)'
  trialstats mmrm visits.csv --formula 'chg ~ base + arm * visit + us(visit | patient)' --contrast arm
  trialstats power slope --from-study als-muse-phase2 --sd-slope 0.3 --sd-residual 1.5 --months 12 --every 1
  trialstats draft abstract.txt -o data/my-trial.toml
  trialstats glmm relapses.csv --family poisson --formula 'relapses ~ period + offset(log(years)) + (1 | patient)'";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: every study in the data folder, every measure, with effect sizes, the
    /// correlation sweep, checks and verification; writes the chart gallery.
    Report(report::Args),
    /// List the studies in the data folder.
    List(list::Args),
    /// Show every number of one study with its provenance.
    Show(show::Args),
    /// Recompute the derived numbers the studies pin as expectations; exit 1 on a mismatch.
    Verify(verify::Args),
    /// Compute an effect size (metafor escalc codes) from summary numbers or a CSV file.
    Effect(effect::Args),
    /// Check whether reported numbers can be true (GRIM, GRIMMER, DEBIT, percent vs count,
    /// bounds, SD or SEM, SPRITE; over the data folder also each claim of significance).
    Check(check::Args),
    /// Paired test of a before/after change at an assumed pre/post correlation, the r sweep,
    /// and the smallest r at which the change is significant.
    Prepost(prepost::Args),
    /// Convert what papers report instead of mean ± SD: a median with quartiles or range, the
    /// CI, p or t of a change, the SDs before, after and of a change.
    Convert(convert::Args),
    /// Draw a chart.
    Plot(plot::Args),
    /// Fixed-, random- and mixed-effects meta-analysis (metafor's rma).
    Meta(meta::Args),
    /// Network meta-analysis: several treatments compared through a connected network of
    /// trials (R's netmeta).
    Nma(Box<nma::Args>),
    /// Linear mixed model of longitudinal scores (lme4's lmer).
    Lmm(lmm::Args),
    /// Mixed model for repeated measures: unstructured covariance over visits (R's mmrm).
    Mmrm(mmrm::Args),
    /// Patients per arm (or power) for a confirmatory trial: slopes by a mixed model, event
    /// rates by negative binomial regression; simulation and sweeps of the unreported values.
    Power(Box<power::Args>),
    /// Generalised linear mixed model of counts or proportions (lme4's glmer, glmmTMB).
    Glmm(glmm::Args),
    /// Draft a study file from a document's text: every number with its sentence, classified
    /// (mean ± spread, median, count, percent, n, p, CI, rate, test, date), for review.
    Draft(draft::Args),
    /// A local web page: paste a report, see what it says, check it, chart it (listens on
    /// 127.0.0.1; nothing leaves the machine).
    Serve(serve::Args),
}

/// Run one command.
pub fn dispatch(command: Command) -> Result<Outcome> {
    match command {
        Command::Report(a) => report::run(a),
        Command::List(a) => list::run(a),
        Command::Show(a) => show::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Effect(a) => effect::run(a),
        Command::Check(a) => check::run(a),
        Command::Prepost(a) => prepost::run(a),
        Command::Convert(a) => convert::run(a),
        Command::Plot(a) => plot::run(a),
        Command::Meta(a) => meta::run(a),
        Command::Nma(a) => nma::run(*a),
        Command::Lmm(a) => lmm::run(a),
        Command::Mmrm(a) => mmrm::run(a),
        Command::Power(a) => power::run(*a),
        Command::Glmm(a) => glmm::run(a),
        Command::Draft(a) => draft::run(a),
        Command::Serve(a) => serve::run(a),
    }
}

/// Print to standard output; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) {
    // The library names the options a text suggests as request fields (`{field:rounding}`);
    // the command line prints them as its options.
    let text = options_named(text);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Load the studies for `verify` or `check`. When they do not load and JUnit was asked for, a
/// JUnit document with one failing test case carrying the error is printed first, so CI shows
/// the error instead of an empty file; the error still exits 2.
pub fn load_for(
    studies: &args::Studies,
    format: trialstats::output::CheckFormat,
    suite: &str,
) -> trialstats::Result<Vec<trialstats::study::Study>> {
    studies.load().map(|(s, _)| s).inspect_err(|e| {
        if format.0 == trialstats::output::Format::Junit {
            print(&trialstats::output::junit_input_error(suite, e));
        }
    })
}

/// `text` with each request field it names written as the command-line option.
pub fn options_named(text: &str) -> String {
    if text.contains("{field:") {
        trialstats::error::fields_named_with(text, &option_of_field)
    } else {
        text.to_string()
    }
}

/// The command-line option that sets a request's field, for an error the library reports in
/// its own terms ([`trialstats::Error::Field`]): `rate_ratio` is `--rate-ratio`.
pub fn option_of_field(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
}
