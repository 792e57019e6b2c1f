//! `trialstats` command-line front end: parses arguments with clap and hands each command to
//! the library. Exit codes: 0 success, 1 a check or verification found a problem, 2 bad
//! input or usage.

mod cli;

use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    let code = match cli::dispatch(args.command) {
        Ok(outcome) => outcome.exit_code(),
        Err(e) => {
            eprintln!("trialstats: error: {e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}
