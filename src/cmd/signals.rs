//! `attache signals`: the signal board — conditions experts set, and whether a later event has met them.

use crate::Global;
use crate::output::{Cell, Format, Rows};
use attache_doc::actor_key;
use attache_store::parse::parse_actor_key_pair;
use attache_store::{Meeting, SignalFilter, SignalStatus, Store, TrackedAction, TrackedSignal};
use std::io::Write;
use std::process::ExitCode;

/// Show the signal board: each stored signal (a condition or warning someone set), its actions, and the first
/// later event that met it. Tracking is computed from the events stored now (docs/signals.md).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only signals with an action between these two actors, either order: CHN-USA, IND-PAK, IGOEUREEC-RUS.
    #[arg(long, value_name = "A-B", value_parser = parse_actor_key_pair)]
    pair: Option<(String, String)>,
    /// Only signals no later event has met.
    #[arg(long, conflicts_with = "met")]
    open: bool,
    /// Only signals a later event has met.
    #[arg(long)]
    met: bool,
    /// Only signals whose setter's name contains this (any case).
    #[arg(long, value_name = "NAME")]
    setter: Option<String>,
    /// Only events at most this many days after the signal was set count.
    #[arg(long, value_name = "DAYS")]
    horizon: Option<u32>,
    /// At most this many signals; 0 lists all.
    #[arg(long, value_name = "N", default_value_t = 100)]
    limit: u64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    let status = match (args.open, args.met) {
        (true, _) => Some(SignalStatus::Open),
        (_, true) => Some(SignalStatus::Met),
        _ => None,
    };
    let filter = SignalFilter {
        pair: args.pair,
        status,
        setter: args.setter,
        horizon_days: args.horizon,
        limit: (args.limit > 0).then_some(args.limit),
    };
    let board = store.signal_board(&filter)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Table => table(&board).print(Format::Table, &mut out)?,
        Format::Csv => records(&board).print(Format::Csv, &mut out)?,
        // Nested: each signal with its actions and the event that met each (docs/signals.md).
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &board)?;
            writeln!(out)?;
        }
    }
    if board.is_empty() && args.format == Format::Table {
        eprintln!("no signal matches");
    }
    Ok(ExitCode::SUCCESS)
}

/// `USA→CHN`, `CHN↔USA` (mutual), `USA→?` (no target), by actor key.
fn expects(action: &TrackedAction) -> String {
    let key = |code: &Option<String>| code.as_deref().map(|c| actor_key(c).unwrap_or(c).to_string());
    let actor = key(&action.actor).unwrap_or_else(|| "?".into());
    let target = key(&action.target).unwrap_or_else(|| "?".into());
    let arrow = if action.mutual { "↔" } else { "→" };
    let implied = if action.target_from.as_deref() == Some("implied") && !action.mutual { "?" } else { "" };
    format!("{actor}{arrow}{target}{implied}")
}

fn actions(signal: &TrackedSignal) -> String {
    let list: Vec<String> = signal
        .actions
        .iter()
        .map(|a| {
            let role = if a.role == "expected" { String::new() } else { format!("{}: ", a.role) };
            format!("{role}{} [{}] {}", a.text, a.codes.join(","), expects(a))
        })
        .collect();
    list.join("; ")
}

fn event(meeting: &Meeting) -> String {
    format!("{}#{} {} {}→{}", meeting.article, meeting.event, meeting.code, meeting.source, meeting.target)
}

/// The board for people: one line per signal.
fn table(board: &[TrackedSignal]) -> Rows {
    let mut rows = Rows::new(&["signal", "date", "setter", "direction", "actions", "status", "met_on", "met_by"]);
    for s in board {
        rows.push(vec![
            Cell::from(format!("{}#{}", s.article, s.idx)),
            Cell::from(s.date.clone()),
            Cell::from(s.setter.clone()),
            Cell::from(s.direction.as_str()),
            Cell::from(actions(s)),
            Cell::from(s.status.as_str()),
            Cell::from(s.met_by.as_ref().map(|m| m.date.clone())),
            Cell::from(s.met_by.as_ref().map(event)),
        ]);
    }
    rows
}

/// The board as CSV: every field in its own column, the actions as JSON text.
fn records(board: &[TrackedSignal]) -> Rows {
    let mut rows = Rows::new(&[
        "article",
        "signal",
        "date",
        "source",
        "sentence",
        "setter",
        "setter_code",
        "direction",
        "mode",
        "family",
        "cue",
        "actions",
        "status",
        "met_on",
        "met_article",
        "met_event",
        "met_code",
        "met_source",
        "met_target",
    ]);
    for s in board {
        let met = s.met_by.as_ref();
        rows.push(vec![
            Cell::from(s.article.clone()),
            Cell::from(u64::from(s.idx)),
            Cell::from(s.date.clone()),
            Cell::from(s.source.clone()),
            Cell::from(u64::from(s.sentence)),
            Cell::from(s.setter.clone()),
            Cell::from(s.setter_code.clone()),
            Cell::from(s.direction.as_str()),
            Cell::from(s.mode.as_str()),
            Cell::from(s.family.as_str()),
            Cell::from(s.cue.as_str()),
            Cell::from(serde_json::to_string(&s.actions).unwrap_or_default()),
            Cell::from(s.status.as_str()),
            Cell::from(met.map(|m| m.date.clone())),
            Cell::from(met.map(|m| m.article.clone())),
            met.map_or(Cell::Null, |m| Cell::from(u64::from(m.event))),
            Cell::from(met.map(|m| m.code.clone())),
            Cell::from(met.map(|m| m.source.clone())),
            Cell::from(met.map(|m| m.target.clone())),
        ]);
    }
    rows
}
