//! `attache show`: one stored article, its metadata and numbered sentences.

use crate::Global;
use anyhow::bail;
use attache_store::{Store, StoredArticle};
use std::io::Write;
use std::process::ExitCode;

/// Show one stored article: its metadata, then its sentences, numbered.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's id (as `attache articles` lists it).
    id: String,
    /// Print the article as one JSON object instead.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    let Some(article) = store.article(&args.id)? else {
        bail!("no article with id `{}` in {}", args.id, global.db.display());
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &article)?;
        writeln!(out)?;
    } else {
        print_article(&article, &mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_article(article: &StoredArticle, out: &mut impl Write) -> std::io::Result<()> {
    let field = |out: &mut dyn Write, name: &str, value: Option<&str>| -> std::io::Result<()> {
        match value {
            Some(value) => writeln!(out, "{name:<11} {value}"),
            None => Ok(()),
        }
    };
    field(out, "id", Some(&article.id))?;
    field(out, "input id", article.input_id.as_deref())?;
    field(out, "title", article.title.as_deref())?;
    field(out, "published", article.published.as_deref())?;
    field(out, "source", article.source.as_deref())?;
    field(out, "url", article.url.as_deref())?;
    let origin = article.origin_path.as_ref().map(|path| {
        let record = article.origin_record.map(|r| format!(" (record {r})")).unwrap_or_default();
        let format = article.origin_format.as_ref().map(|f| format!(" [{f}]")).unwrap_or_default();
        format!("{path}{record}{format}")
    });
    field(out, "origin", origin.as_deref())?;
    field(out, "ingested", Some(&article.ingested_at))?;
    field(out, "hash", Some(&article.content_hash))?;
    let annotations = format!(
        "{} sentences, {} events, {} quotes, {} entities, {} themes, {} signals",
        article.sentences.len(),
        article.events,
        article.quotes,
        article.entities,
        article.themes,
        article.signals
    );
    field(out, "contents", Some(&annotations))?;
    writeln!(out)?;
    let width = article.sentences.len().saturating_sub(1).to_string().len();
    let mut paragraph = article.sentences.first().map(|s| s.paragraph);
    for sentence in &article.sentences {
        if Some(sentence.paragraph) != paragraph {
            writeln!(out)?;
            paragraph = Some(sentence.paragraph);
        }
        writeln!(out, "{:>width$}  {}", sentence.idx, sentence.text)?;
    }
    Ok(())
}
