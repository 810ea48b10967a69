//! # attache — the command-line tool
//!
//! Purpose: one binary that reads news (`attache-readers`), annotates it (`attache-pipeline`), stores it
//! (`attache-store`) and answers queries about it.
//!
//! Key design decision: **each command is one module under `src/cmd/`** with its own clap `Args` and a `run`
//! function; `main` only parses and dispatches. Adding a command is adding a module and one enum variant.
//! Reading and annotating run in parallel but always hand results on in input order ([`flow`]), so output and
//! storage are deterministic whatever the thread count.

mod cmd;
mod flow;
mod output;
mod progress;

use clap::{Parser, Subcommand};

// Articles are allocated on annotating threads and freed on the storing one; mimalloc handles that pattern
// (and the many small per-article vectors) at a fraction of glibc malloc's cost. Built without its transparent
// huge pages (`no_thp`): with them, ingesting the 18 example articles held 70 MB instead of 32 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns news into structured, traceable data about relations between countries.
#[derive(Debug, Parser)]
#[command(name = "attache", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command accepts.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// The database file (SQLite).
    #[arg(long, global = true, env = "ATTACHE_DB", default_value = "attache.db", value_name = "PATH")]
    pub db: PathBuf,
}

#[derive(Debug, Subcommand)]
enum Command {
    Ingest(cmd::ingest::Args),
    Articles(cmd::articles::Args),
    Show(cmd::show::Args),
    Stats(cmd::stats::Args),
    Code(cmd::code::Args),
    Eval(cmd::eval::Args),
    Events(cmd::events::Args),
    Why(cmd::why::Args),
    Quotes(cmd::quotes::Args),
    People(cmd::people::Args),
    Themes(cmd::themes::Args),
    Signals(cmd::signals::Args),
    Relations(cmd::relations::Args),
    Dyads(cmd::dyads::Args),
    Dedup(cmd::dedup::Args),
    Export(cmd::export::Args),
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(args, &cli.global),
        Command::Articles(args) => cmd::articles::run(args, &cli.global),
        Command::Show(args) => cmd::show::run(args, &cli.global),
        Command::Stats(args) => cmd::stats::run(args, &cli.global),
        Command::Code(args) => cmd::code::run(args, &cli.global),
        Command::Eval(args) => cmd::eval::run(args, &cli.global),
        Command::Events(args) => cmd::events::run(args, &cli.global),
        Command::Why(args) => cmd::why::run(args, &cli.global),
        Command::Quotes(args) => cmd::quotes::run(args, &cli.global),
        Command::People(args) => cmd::people::run(args, &cli.global),
        Command::Themes(args) => cmd::themes::run(args, &cli.global),
        Command::Signals(args) => cmd::signals::run(args, &cli.global),
        Command::Relations(args) => cmd::relations::run(args, &cli.global),
        Command::Dyads(args) => cmd::dyads::run(args, &cli.global),
        Command::Dedup(args) => cmd::dedup::run(args, &cli.global),
        Command::Export(args) => cmd::export::run(args, &cli.global),
        Command::Serve(args) => cmd::serve::run(args, &cli.global),
    };
    match result {
        Ok(code) => code,
        // `attache … | head`: a closed pipe is the reader's choice, not an error.
        Err(error) if error.downcast_ref::<std::io::Error>().is_some_and(cmd::is_broken_pipe) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
