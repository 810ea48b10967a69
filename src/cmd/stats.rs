//! `attache stats`: how much the database holds.

use crate::Global;
use crate::output::{Cell, Format, Rows};
use anyhow::Context;
use attache_store::{Store, schema_version};
use std::process::ExitCode;

/// Count what the database holds: articles, sentences and each kind of annotation.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    let counts = store.counts().context("counting rows")?;
    let mut rows = Rows::new(&["what", "count"]);
    for (what, count) in [
        ("articles", counts.articles),
        ("sentences", counts.sentences),
        ("events", counts.events),
        ("quotes", counts.quotes),
        ("entities", counts.entities),
        ("themes", counts.themes),
        ("signals", counts.signals),
        ("characters", counts.chars),
        ("schema version", schema_version(store.connection())? as u64),
    ] {
        rows.push(vec![Cell::from(what), Cell::from(count)]);
    }
    rows.print(args.format, &mut std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
