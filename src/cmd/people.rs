//! `attache people`: people, organisations and places aggregated across the stored articles.

use crate::Global;
use crate::cmd::filters::{Listing, PublishedRange, parse_actor, require_article};
use crate::output::{Cell, Rows};
use attache_store::{EntityFilter, EntitySummary, Store};
use std::process::ExitCode;

/// List people, organisations and places across articles: most articles first.
///
/// Entities with the same kind and name are one row; role, affiliation and code are the ones most often given.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entities of this kind.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Only the entities of the article with this id.
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    /// Only entities whose CAMEO code starts with PREFIX (USA, CHNGOV, …).
    #[arg(long, value_name = "PREFIX", value_parser = parse_actor)]
    code: Option<String>,
    /// Only entities whose name contains NAME (any case).
    #[arg(long, value_name = "NAME")]
    search: Option<String>,
    #[command(flatten)]
    published: PublishedRange,
    #[command(flatten)]
    listing: Listing,
}

/// `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Person,
    Organization,
    Place,
}

impl KindArg {
    pub fn name(self) -> &'static str {
        match self {
            KindArg::Person => "person",
            KindArg::Organization => "organization",
            KindArg::Place => "place",
        }
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    require_article(&store, args.article.as_deref(), &global.db)?;
    let filter = EntityFilter {
        kind: args.kind.map(|k| k.name().to_string()),
        article: args.article,
        code: args.code,
        search: args.search,
        from: args.published.from,
        to: args.published.to,
        limit: args.listing.limit(),
        offset: args.listing.offset,
    };
    let people = store.entities(&filter)?;
    args.listing.print(&rows(&people, true), "entity")
}

/// The people listing's rows (`attache show`, for one article, leaves out articles and dates).
pub fn rows(people: &[EntitySummary], across_articles: bool) -> Rows {
    let mut columns = vec!["name", "kind", "code", "role", "affiliation", "mentions", "articles", "first", "last"];
    if !across_articles {
        columns.retain(|c| !matches!(*c, "articles" | "first" | "last"));
    }
    let mut rows = Rows::new(&columns);
    rows.narrow("name", 36);
    rows.narrow("role", 24);
    rows.narrow("affiliation", 36);
    for entity in people {
        let mut row = vec![
            Cell::from(entity.name.as_str()),
            Cell::from(entity.kind.as_str()),
            Cell::from(entity.code.clone()),
            Cell::from(entity.role.clone()),
            Cell::from(entity.affiliation.clone()),
            Cell::from(entity.mentions),
        ];
        if across_articles {
            row.extend([
                Cell::from(entity.articles),
                Cell::from(entity.first.clone()),
                Cell::from(entity.last.clone()),
            ]);
        }
        rows.push(row);
    }
    rows
}
