//! `attache serve`: the read-only HTTP JSON API and the dashboard over the database (docs/api.md).

use crate::Global;
use attache_server::{ServeConfig, serve_until_ctrl_c};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the database read-only over HTTP: the JSON API under /api/ (described at /api/openapi.json) and the
/// dashboard at /. Stops on Ctrl-C after finishing the requests in flight.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on. Loopback by default: anything else exposes the data to the network.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Read-only database connections, i.e. queries answered at the same time [default: cores, 2 to 8].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    connections: Option<u16>,
    /// Longest time one query may run before it is stopped (answer 504), in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    timeout_ms: u64,
    /// Do not add articles ingested since the last search to the full-text index at start (the one write the
    /// server otherwise makes); search then misses them.
    #[arg(long)]
    no_index: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, which is not a loopback address: anyone who can reach it can read the database",
            args.addr
        );
    }
    let mut config = ServeConfig::new(global.db.clone(), args.addr);
    if let Some(n) = args.connections {
        config.connections = n as usize;
    }
    config.query_timeout = Duration::from_millis(args.timeout_ms);
    config.refresh_search_index = !args.no_index;
    let db = global.db.display().to_string();
    serve_until_ctrl_c(config, |bound| {
        println!("attache serve: {db} at http://{bound}/ (API: http://{bound}/api/openapi.json); Ctrl-C stops");
    })?;
    Ok(ExitCode::SUCCESS)
}
