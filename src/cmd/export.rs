//! `attache export`: stored events, quotes, entities or signals as GDELT 2.0 records, CSV, JSON Lines or Parquet.
//!
//! The store streams rows into an `attache-export` writer; a file is written under a temporary name and renamed
//! when complete, so a failed export never leaves a truncated file behind.

use crate::Global;
use crate::cmd::filters::{EventFilterArgs, ModeArg, require_article};
use crate::cmd::{people, quotes};
use anyhow::{Context, bail};
use attache_doc::{QuoteKind, actor_key};
use attache_export::{GdeltWriter, Record, TableFormat, TableWriter, signal_rows};
use attache_store::{EntityFilter, QuoteFilter, SignalFilter, SignalStatus, Store};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Export stored data for other tools: GDELT 2.0 event records, CSV, JSON Lines or Parquet (docs/exports.md).
///
/// `--format gdelt` writes one line per de-duplicated fact event (other modes have no place in GDELT's
/// format: export them with csv, jsonl or parquet, which carry a mode column). Filters are those of
/// `attache events`, `quotes`, `people` and `signals`; each applies to the kinds of rows that have it.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// What to export.
    #[arg(long, value_enum, default_value_t = What::Events)]
    what: What,
    /// Write to FILE; `-` writes to standard output (Parquet only when it is not a terminal).
    #[arg(short = 'o', long, value_name = "FILE", default_value = "-")]
    output: String,
    #[command(flatten)]
    events: EventFilterArgs,
    /// Quotes: by this speaker (the full name or any of its words, any case).
    #[arg(long, value_name = "NAME", help_heading = "Quote filters")]
    speaker: Option<String>,
    /// Quotes: whose sentences carry this theme (e.g. TAIWAN).
    #[arg(long, value_name = "THEME", help_heading = "Quote filters")]
    about: Option<String>,
    /// Quotes: only of this kind.
    #[arg(long, value_enum, help_heading = "Quote filters")]
    quote_kind: Option<quotes::KindArg>,
    /// Entities: only of this kind (--actor selects by code prefix).
    #[arg(long, value_enum, help_heading = "Entity filters")]
    entity_kind: Option<people::KindArg>,
    /// Entities: whose name contains NAME (any case).
    #[arg(long, value_name = "NAME", help_heading = "Entity filters")]
    search: Option<String>,
    /// Signals: only those no later event has met.
    #[arg(long, conflicts_with = "met", help_heading = "Signal filters")]
    open: bool,
    /// Signals: only those a later event has met.
    #[arg(long, help_heading = "Signal filters")]
    met: bool,
    /// Signals: whose setter's name contains NAME (any case).
    #[arg(long, value_name = "NAME", help_heading = "Signal filters")]
    setter: Option<String>,
    /// Signals: only events at most this many days after the signal was set meet it.
    #[arg(long, value_name = "DAYS", help_heading = "Signal filters")]
    horizon: Option<u32>,
    /// At most this many rows (de-duplicated events for gdelt; signals, not rows, for signals); 0 exports all.
    #[arg(long, value_name = "N", default_value_t = 0)]
    limit: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// GDELT 2.0 Event records: 61 tab-separated columns, no header, one de-duplicated fact event per line.
    Gdelt,
    /// CSV with a header row.
    Csv,
    /// JSON Lines: one object per row.
    Jsonl,
    /// Apache Parquet (Snappy).
    Parquet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum What {
    /// Coded events, one row per mention, with their evidence and de-duplicated event.
    Events,
    /// Quotes with their speakers.
    Quotes,
    /// People, organisations and places aggregated across articles.
    Entities,
    /// Signals, one row per action, with their tracking.
    Signals,
}

impl What {
    fn name(self) -> &'static str {
        match self {
            What::Events => "events",
            What::Quotes => "quotes",
            What::Entities => "entities",
            What::Signals => "signals",
        }
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    check_filters(&args)?;
    let store = Store::open_existing(&global.db)?;
    require_article(&store, args.events.article.as_deref(), &global.db)?;
    let sink = Sink::open(&args.output, args.format == ExportFormat::Parquet)?;
    let partial = sink.partial().map(Path::to_path_buf);
    let written = export(&store, &args, sink).and_then(|(rows, sink)| Ok((rows, sink.finish()?)));
    let (rows, target) = match written {
        Ok(done) => done,
        Err(error) => {
            if let Some(partial) = partial {
                let _ = std::fs::remove_file(partial);
            }
            // `attache export … | head`: a closed pipe is the reader's choice, not an error.
            let closed_pipe = error.chain().any(|cause| cause.downcast_ref().is_some_and(crate::cmd::is_broken_pipe));
            return if closed_pipe { Ok(ExitCode::SUCCESS) } else { Err(error) };
        }
    };
    if let Some(path) = target {
        eprintln!("{rows} {} rows written to {}", args.what.name(), path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Streams the selected rows into the format's writer; returns the rows written and the output.
fn export(store: &Store, args: &Args, sink: Sink) -> anyhow::Result<(u64, Sink)> {
    let limit = (args.limit > 0).then_some(args.limit);
    Ok(match args.format {
        ExportFormat::Gdelt => {
            let mut filter = args.events.filter(None, 0);
            filter.mode = Some(attache_doc::Mode::Fact);
            let mut writer = GdeltWriter::new(sink);
            let mut left = limit.unwrap_or(u64::MAX);
            store.for_each_grouped_event(&filter, |event| -> anyhow::Result<()> {
                if left > 0 {
                    left -= 1;
                    writer.write(&event)?;
                }
                Ok(())
            })?;
            writer.finish()?
        }
        ExportFormat::Csv => export_table(store, args, TableFormat::Csv, limit, sink)?,
        ExportFormat::Jsonl => export_table(store, args, TableFormat::Jsonl, limit, sink)?,
        ExportFormat::Parquet => export_table(store, args, TableFormat::Parquet, limit, sink)?,
    })
}

/// Refuses filters that do not apply to what is exported, rather than silently ignoring them.
fn check_filters(args: &Args) -> anyhow::Result<()> {
    let e = &args.events;
    let event_only = [
        ("--source", e.source.is_some()),
        ("--target", e.target.is_some()),
        ("--directed", e.directed),
        ("--code", e.code.is_some()),
        ("--root", e.root.is_some()),
        ("--quad", e.quad.is_some()),
        ("--mode", e.mode != ModeArg::All),
    ];
    let mut given: Vec<(&str, &[What])> = Vec::new();
    for (flag, set) in event_only {
        if set {
            given.push((flag, &[What::Events]));
        }
    }
    let optional = [
        ("--actor", e.actor.is_some(), &[What::Events, What::Entities][..]),
        ("--pair", e.pair.is_some(), &[What::Events, What::Signals][..]),
        ("--article", e.article.is_some(), &[What::Events, What::Quotes, What::Entities, What::Signals][..]),
        ("--speaker", args.speaker.is_some(), &[What::Quotes][..]),
        ("--about", args.about.is_some(), &[What::Quotes][..]),
        ("--quote-kind", args.quote_kind.is_some(), &[What::Quotes][..]),
        ("--entity-kind", args.entity_kind.is_some(), &[What::Entities][..]),
        ("--search", args.search.is_some(), &[What::Entities][..]),
        ("--open", args.open, &[What::Signals][..]),
        ("--met", args.met, &[What::Signals][..]),
        ("--setter", args.setter.is_some(), &[What::Signals][..]),
        ("--horizon", args.horizon.is_some(), &[What::Signals][..]),
    ];
    given.extend(optional.into_iter().filter(|(_, set, _)| *set).map(|(flag, _, whats)| (flag, whats)));
    for (flag, whats) in given {
        if !whats.contains(&args.what) {
            let names: Vec<&str> = whats.iter().map(|w| w.name()).collect();
            bail!("{flag} applies to --what {} only, not to --what {}", names.join(" or "), args.what.name());
        }
    }
    if args.format == ExportFormat::Gdelt {
        if args.what != What::Events {
            bail!("--format gdelt writes events only; export {} as csv, jsonl or parquet", args.what.name());
        }
        if !matches!(e.mode, ModeArg::All | ModeArg::Fact) {
            bail!("--format gdelt writes fact events only; export other modes as csv, jsonl or parquet");
        }
    }
    if args.what == What::Signals
        && let Some((a, b)) = &e.pair
        && (actor_key(a) != Some(a.as_str()) || actor_key(b) != Some(b.as_str()))
    {
        bail!(
            "--pair with --what signals takes two actor keys (countries such as CHN, or organisations such as IGOEUREEC)"
        );
    }
    Ok(())
}

/// Streams the rows of `args.what` into a tabular writer and returns the rows written and the output.
fn export_table(
    store: &Store,
    args: &Args,
    format: TableFormat,
    limit: Option<u64>,
    sink: Sink,
) -> anyhow::Result<(u64, Sink)> {
    let e = &args.events;
    Ok(match args.what {
        What::Events => {
            let mut writer = TableWriter::new(format, sink)?;
            store.for_each_event_mention(&e.filter(limit, 0), |row| -> anyhow::Result<()> {
                writer.write(&row)?;
                Ok(())
            })?;
            writer.finish()?
        }
        What::Quotes => {
            let filter = QuoteFilter {
                speaker: args.speaker.clone(),
                article: e.article.clone(),
                about: args.about.clone(),
                kind: args.quote_kind.map(QuoteKind::from),
                from: e.from.clone(),
                to: e.to.clone(),
                limit,
                offset: 0,
            };
            write_all(format, sink, &store.quotes(&filter)?)?
        }
        What::Entities => {
            let filter = EntityFilter {
                kind: args.entity_kind.map(|k| k.name().to_string()),
                article: e.article.clone(),
                code: e.actor.clone(),
                search: args.search.clone(),
                from: e.from.clone(),
                to: e.to.clone(),
                limit,
                offset: 0,
            };
            write_all(format, sink, &store.entities(&filter)?)?
        }
        What::Signals => {
            let status = match (args.open, args.met) {
                (true, _) => Some(SignalStatus::Open),
                (_, true) => Some(SignalStatus::Met),
                _ => None,
            };
            let filter = SignalFilter {
                pair: e.pair.clone(),
                status,
                setter: args.setter.clone(),
                horizon_days: args.horizon,
                limit: None,
            };
            let day = |signal: &attache_store::TrackedSignal| signal.date.clone().unwrap_or_default();
            let mut board = store.signal_board(&filter)?;
            board.retain(|signal| {
                e.article.as_ref().is_none_or(|id| &signal.article == id)
                    && e.from.as_ref().is_none_or(|from| signal.date.is_some() && &day(signal) >= from)
                    && e.to.as_ref().is_none_or(|to| signal.date.is_some() && &day(signal) <= to)
            });
            board.truncate(usize::try_from(limit.unwrap_or(u64::MAX)).unwrap_or(usize::MAX));
            let rows: Vec<_> = board.iter().flat_map(signal_rows).collect();
            write_all(format, sink, &rows)?
        }
    })
}

/// Writes rows already in memory (quotes, entities and signals are read whole by their store queries).
fn write_all<R: Record>(format: TableFormat, sink: Sink, rows: &[R]) -> anyhow::Result<(u64, Sink)> {
    let mut writer = TableWriter::new(format, sink)?;
    for row in rows {
        writer.write(row)?;
    }
    Ok(writer.finish()?)
}

/// Where the export goes: standard output, or a file written under a temporary name until it is complete.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File { out: BufWriter<File>, partial: PathBuf, path: PathBuf },
}

impl Sink {
    fn open(output: &str, binary: bool) -> anyhow::Result<Sink> {
        if output == "-" {
            if binary && std::io::stdout().is_terminal() {
                bail!("Parquet is binary: write it to a file with -o FILE, or redirect standard output");
            }
            return Ok(Sink::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout())));
        }
        let path = PathBuf::from(output);
        if path.is_dir() {
            bail!("cannot write the export to {}: it is a directory", path.display());
        }
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = File::create(&partial).with_context(|| format!("cannot write the export to {}", path.display()))?;
        Ok(Sink::File { out: BufWriter::with_capacity(1 << 16, file), partial, path })
    }

    /// Flushes, and for a file moves it to its name; returns the file's path.
    fn finish(self) -> anyhow::Result<Option<PathBuf>> {
        match self {
            Sink::Stdout(mut out) => {
                out.flush()?;
                Ok(None)
            }
            Sink::File { out, partial, path } => {
                let file = out.into_inner().map_err(|error| error.into_error())?;
                file.sync_all().with_context(|| format!("cannot write {}", partial.display()))?;
                std::fs::rename(&partial, &path)
                    .with_context(|| format!("cannot move {} to {}", partial.display(), path.display()))?;
                Ok(Some(path))
            }
        }
    }

    fn partial(&self) -> Option<&Path> {
        match self {
            Sink::File { partial, .. } => Some(partial),
            Sink::Stdout(_) => None,
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File { out, .. } => out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { out, .. } => out.flush(),
        }
    }
}
