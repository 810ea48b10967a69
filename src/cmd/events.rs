//! `attache events`: list stored events, filtered by actors, codes, dates, mode and article.

use crate::Global;
use crate::cmd::filters::{Listing, parse_actor, parse_event_code, parse_pair, parse_root, require_article};
use crate::cmd::parse_date;
use crate::output::{Cell, Rows};
use attache_doc::Mode;
use attache_store::{EventFilter, Store, StoredEvent};
use std::process::ExitCode;

/// List stored events in date order, with the sentence each was coded from.
///
/// Event ids (`ARTICLE_ID:IDX`) are what `attache why` takes.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source or target actor code starts with CODE (CHN matches CHN, CHNGOV, CHNMIL…).
    #[arg(long, value_name = "CODE", value_parser = parse_actor)]
    actor: Option<String>,
    /// Source actor code starts with CODE.
    #[arg(long, value_name = "CODE", value_parser = parse_actor)]
    source: Option<String>,
    /// Target actor code starts with CODE.
    #[arg(long, value_name = "CODE", value_parser = parse_actor)]
    target: Option<String>,
    /// Events between two actors, either direction (codes are prefixes): CHN-USA.
    #[arg(long, value_name = "A-B", value_parser = parse_pair)]
    pair: Option<(String, String)>,
    /// With --pair: only A → B.
    #[arg(long, requires = "pair")]
    directed: bool,
    /// Exact CAMEO event code (041).
    #[arg(long, value_name = "CODE", value_parser = parse_event_code)]
    code: Option<String>,
    /// CAMEO root, the first two digits (04).
    #[arg(long, value_name = "ROOT", value_parser = parse_root)]
    root: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// Only events dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<String>,
    /// Only events dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<String>,
    /// Only events of this mode.
    #[arg(long, value_enum, default_value_t = ModeArg::All)]
    mode: ModeArg,
    /// Only events of the article with this id.
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    #[command(flatten)]
    listing: Listing,
}

/// `--mode`: one of the event modes, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ModeArg {
    Fact,
    Negated,
    Hypothetical,
    Future,
    All,
}

impl ModeArg {
    fn mode(self) -> Option<Mode> {
        match self {
            ModeArg::Fact => Some(Mode::Fact),
            ModeArg::Negated => Some(Mode::Negated),
            ModeArg::Hypothetical => Some(Mode::Hypothetical),
            ModeArg::Future => Some(Mode::Future),
            ModeArg::All => None,
        }
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    require_article(&store, args.article.as_deref(), &global.db)?;
    let filter = EventFilter {
        actor: args.actor,
        source: args.source,
        target: args.target,
        pair: args.pair,
        directed: args.directed,
        code: args.code,
        root: args.root,
        quad: args.quad,
        from: args.from,
        to: args.to,
        mode: args.mode.mode(),
        article: args.article,
        limit: args.listing.limit(),
        offset: args.listing.offset,
    };
    let events = store.events(&filter)?;
    args.listing.print(&rows(&events, true), "event")
}

/// The events listing's rows (`attache show` leaves out the article column).
pub fn rows(events: &[StoredEvent], with_article: bool) -> Rows {
    let mut columns =
        vec!["id", "date", "source", "target", "code", "name", "goldstein", "quad", "mode", "article", "sentence"];
    if !with_article {
        columns.retain(|c| *c != "article");
    }
    let mut rows = Rows::new(&columns);
    rows.narrow("name", 28);
    rows.narrow("article", 24);
    for stored in events {
        let e = &stored.event;
        let mut row = vec![
            Cell::from(stored.id()),
            Cell::from(e.date.clone()),
            Cell::from(e.source.code.as_str()),
            Cell::from(e.target.code.as_str()),
            Cell::from(e.code.as_str()),
            Cell::from(e.name.as_str()),
            Cell::Float(f64::from(e.goldstein), 1),
            Cell::from(u64::from(e.quad_class)),
            Cell::from(e.mode.as_str()),
        ];
        if with_article {
            row.push(Cell::from(stored.article.as_str()));
        }
        row.push(Cell::from(stored.sentence_text.as_str()));
        rows.push(row);
    }
    rows
}
