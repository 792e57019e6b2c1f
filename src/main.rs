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
            // The library names a request's fields in its own terms (`rate_ratio`); here they
            // are the options that set them.
            let e = e.naming_fields(&cli::option_of_field);
            eprintln!("trialstats: error: {e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}
