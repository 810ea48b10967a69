//! `attache events`: list stored events, filtered by actors, codes, dates, mode and article.

use crate::Global;
use crate::cmd::filters::{EventFilterArgs, Listing, require_article};
use crate::output::{Cell, Rows};
use attache_store::{Store, StoredEvent};
use std::process::ExitCode;

/// List stored events in date order, with the sentence each was coded from.
///
/// Event ids (`ARTICLE_ID:IDX`) are what `attache why` takes.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filter: EventFilterArgs,
    #[command(flatten)]
    listing: Listing,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    require_article(&store, args.filter.article.as_deref(), &global.db)?;
    let filter = args.filter.filter(args.listing.limit(), args.listing.offset);
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
