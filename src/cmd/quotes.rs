//! `attache quotes`: list stored quotes with their speakers.

use crate::Global;
use crate::cmd::filters::{Listing, PublishedRange, require_article};
use crate::output::{Cell, Rows};
use attache_doc::QuoteKind;
use attache_store::{QuoteFilter, Store, StoredQuote, quote_kind_name};
use std::process::ExitCode;

/// List stored quotes with who said them, by publication date.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Quotes by this speaker: the full name, or any of its words (a surname), any case.
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only quotes from the article with this id.
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    /// Only quotes whose sentences carry this theme (e.g. TAIWAN; `attache themes` lists them).
    #[arg(long, value_name = "THEME")]
    about: Option<String>,
    /// Only quotes of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    #[command(flatten)]
    published: PublishedRange,
    #[command(flatten)]
    listing: Listing,
}

/// `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// Whole sentences or clauses in quotation marks.
    Direct,
    /// A few quoted words inside the reporter's sentence.
    Partial,
    /// Reported speech ("X said that …").
    Indirect,
}

impl From<KindArg> for QuoteKind {
    fn from(kind: KindArg) -> QuoteKind {
        match kind {
            KindArg::Direct => QuoteKind::Direct,
            KindArg::Partial => QuoteKind::Partial,
            KindArg::Indirect => QuoteKind::Indirect,
        }
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    require_article(&store, args.article.as_deref(), &global.db)?;
    let filter = QuoteFilter {
        speaker: args.speaker,
        article: args.article,
        about: args.about,
        kind: args.kind.map(QuoteKind::from),
        from: args.published.from,
        to: args.published.to,
        limit: args.listing.limit(),
        offset: args.listing.offset,
    };
    let quotes = store.quotes(&filter)?;
    args.listing.print(&rows(&quotes, true), "quote")
}

/// The quotes listing's rows (`attache show` leaves out the article and date columns).
pub fn rows(quotes: &[StoredQuote], with_article: bool) -> Rows {
    let mut columns = vec!["date", "speaker", "role", "affiliation", "code", "kind", "quote", "article"];
    if !with_article {
        columns.retain(|c| !matches!(*c, "date" | "article"));
    }
    let mut rows = Rows::new(&columns);
    rows.narrow("role", 20);
    rows.narrow("affiliation", 28);
    rows.narrow("article", 24);
    for stored in quotes {
        let speaker = stored.quote.speaker.as_ref();
        let mut row = Vec::with_capacity(columns.len());
        if with_article {
            // The publication day: quotes carry no date of their own.
            row.push(Cell::from(stored.published.as_deref().map(|p| p.chars().take(10).collect::<String>())));
        }
        row.extend([
            Cell::from(speaker.map(|s| s.name.clone())),
            Cell::from(speaker.and_then(|s| s.role.clone())),
            Cell::from(speaker.and_then(|s| s.affiliation.clone())),
            Cell::from(speaker.and_then(|s| s.code.clone())),
            Cell::from(quote_kind_name(stored.quote.kind)),
            Cell::from(stored.quote.text.as_str()),
        ]);
        if with_article {
            row.push(Cell::from(stored.article.as_str()));
        }
        rows.push(row);
    }
    rows
}
