//! `attache articles`: list stored articles.

use crate::Global;
use crate::cmd::filters::PublishedRange;
use crate::output::{Cell, Format, Rows};
use attache_store::{ArticleFilter, Store};
use std::process::ExitCode;

/// List stored articles, newest first (or by relevance with --search).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    published: PublishedRange,
    /// Only articles from this source (exact name, any case).
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Only articles whose title or text contains all these words (case and accents ignored).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// At most this many articles; 0 lists all.
    #[arg(long, value_name = "N", default_value_t = 100)]
    limit: u64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    if args.search.is_some() {
        let pending = store.search_index_pending()?;
        if pending >= 10_000 {
            eprintln!("indexing {pending} new articles for search (once; later searches are fast)…");
        }
    }
    let filter = ArticleFilter {
        from: args.published.from,
        to: args.published.to,
        source: args.source,
        search: args.search,
        limit: (args.limit > 0).then_some(args.limit),
    };
    let articles = store.list_articles(&filter)?;
    let mut rows = Rows::new(&["id", "published", "source", "title", "sentences", "url"]);
    for article in articles {
        rows.push(vec![
            Cell::from(article.id),
            Cell::from(article.published),
            Cell::from(article.source),
            Cell::from(article.title),
            Cell::from(article.sentences),
            Cell::from(article.url),
        ]);
    }
    rows.print(args.format, &mut std::io::stdout().lock())?;
    if rows.len() == 0 && args.format == Format::Table {
        eprintln!("no article matches");
    }
    Ok(ExitCode::SUCCESS)
}
