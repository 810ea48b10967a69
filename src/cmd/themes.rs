//! `attache themes`: theme counts across the stored articles, or one theme's evidence phrases.

use crate::Global;
use crate::cmd::filters::{PublishedRange, require_article, say_if_empty};
use crate::output::{Cell, Format, Rows};
use attache_store::{Store, ThemeCount, ThemeFilter};
use std::process::ExitCode;

/// Count themes across articles (articles, sentences, mentions, mean article tone); with --theme, list the
/// phrases that were evidence for one theme.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// List this theme's evidence phrases instead (e.g. TAIWAN, any case).
    #[arg(long, value_name = "THEME")]
    theme: Option<String>,
    #[command(flatten)]
    published: PublishedRange,
    /// Only the article with this id.
    #[arg(long, value_name = "ID")]
    article: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    require_article(&store, args.article.as_deref(), &global.db)?;
    let filter = ThemeFilter { from: args.published.from, to: args.published.to, article: args.article };
    let mut out = std::io::stdout().lock();
    let rows = match &args.theme {
        Some(theme) => {
            let mut rows = Rows::new(&["phrase", "mentions", "articles", "first", "last"]);
            for phrase in store.theme_phrases(theme, &filter)? {
                rows.push(vec![
                    Cell::from(phrase.phrase),
                    Cell::from(phrase.mentions),
                    Cell::from(phrase.articles),
                    Cell::from(phrase.first),
                    Cell::from(phrase.last),
                ]);
            }
            rows
        }
        None => counts(&store.theme_counts(&filter)?, true),
    };
    rows.print(args.format, &mut out)?;
    say_if_empty(rows.len(), args.format, if args.theme.is_some() { "phrase of that theme" } else { "theme" });
    Ok(ExitCode::SUCCESS)
}

/// Theme count rows (`attache show`, for one article, leaves out articles and tone).
pub fn counts(themes: &[ThemeCount], across_articles: bool) -> Rows {
    let columns: &[&'static str] = if across_articles {
        &["theme", "articles", "sentences", "mentions", "tone"]
    } else {
        &["theme", "sentences", "mentions"]
    };
    let mut rows = Rows::new(columns);
    for theme in themes {
        let mut row = vec![Cell::from(theme.theme.as_str())];
        if across_articles {
            row.push(Cell::from(theme.articles));
        }
        row.extend([Cell::from(theme.sentences), Cell::from(theme.mentions)]);
        if across_articles {
            row.push(Cell::from(theme.tone));
        }
        rows.push(row);
    }
    rows
}
