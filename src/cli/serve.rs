//! `trialstats serve`: the local web page (the `trialstats-page` crate).

use trialstats::{Error, Outcome, Result};
use trialstats_page::{ServeConfig, serve};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The first line printed is `listening on http://127.0.0.1:PORT/`; open it in a browser.
The page and its JSON API (POST /api/analyse, docs/page.md) answer requests to that address only.
Ctrl-C stops it.
Example: trialstats serve --port 0        (a free port)"
)]
pub struct Args {
    /// Port to listen on (0: a free one).
    #[arg(long, default_value_t = 8321, allow_negative_numbers = true)]
    pub port: i64,
    /// Address to listen on (the loopback address by default: only this machine can reach it).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
}

pub fn run(args: Args) -> Result<Outcome> {
    let port = u16::try_from(args.port)
        .map_err(|_| Error::input("--port", format!("{}; allowed: 0 to 65535", args.port)))?;
    let host = args.host.parse().map_err(|_| {
        Error::input(
            "--host",
            format!("'{}' is not an IP address (e.g. 127.0.0.1)", args.host),
        )
    })?;
    serve(ServeConfig { host, port })?;
    Ok(Outcome::Ok)
}
