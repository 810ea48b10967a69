//! `attache dedup`: how coded events are grouped into de-duplicated events, and regrouping with another window.

use crate::Global;
use crate::output::{Cell, Format, Rows};
use attache_store::{MAX_WINDOW_DAYS, Store};
use std::io::Write;
use std::process::ExitCode;

/// Show how the stored events are de-duplicated (one event reported by several articles counts once, with
/// NumMentions, NumArticles, NumSources) and list the most reported events; with --window, regroup every event
/// with a new date window first (definitions: docs/relations.md).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Regroup with this window: reports whose dates differ by at most DAYS are one event (0 = same day).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=MAX_WINDOW_DAYS as i64))]
    window: Option<u32>,
    /// List this many of the most reported events.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: u64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_existing(&global.db)?;
    let summary = match args.window {
        Some(days) => store.regroup_events(days)?,
        None => store.grouping_summary()?,
    };
    let events = store.most_reported_events(args.top)?;
    let mut out = std::io::stdout().lock();
    if args.format == Format::Json {
        let value = serde_json::json!({ "summary": summary, "most_reported": events });
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = Rows::new(&[
        "id",
        "date",
        "source",
        "target",
        "code",
        "mode",
        "mentions",
        "articles",
        "sources",
        "reported_as",
    ]);
    for e in &events {
        rows.push(vec![
            Cell::Int(e.id),
            Cell::from(e.date.as_str()),
            Cell::from(e.source.as_str()),
            Cell::from(e.target.as_str()),
            Cell::from(e.code.as_str()),
            Cell::from(e.mode.as_str()),
            Cell::from(e.num_mentions),
            Cell::from(e.num_articles),
            Cell::from(e.num_sources),
            Cell::from(format!("{} → {}", e.source_codes.join("/"), e.target_codes.join("/"))),
        ]);
    }
    if args.format == Format::Table {
        writeln!(
            out,
            "{} coded events ({} dated) grouped into {} de-duplicated events with a window of {} day(s); {} \
             reported by more than one article (at most {})",
            summary.events,
            summary.dated_events,
            summary.groups,
            summary.window_days,
            summary.multi_article_groups,
            summary.max_articles
        )?;
        if args.window.is_some() {
            writeln!(out, "regrouped: later ingests use the new window too")?;
        }
        writeln!(out)?;
    }
    rows.print(args.format, &mut out)?;
    Ok(ExitCode::SUCCESS)
}
