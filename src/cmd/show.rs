//! `attache show`: one stored article: its metadata, numbered sentences, then its events, quotes, entities,
//! themes and tone.

use crate::Global;
use crate::cmd::{events, people, quotes, themes};
use crate::output::{Format, Rows};
use anyhow::bail;
use attache_doc::Tone;
use attache_store::{
    EntityFilter, EntitySummary, EventFilter, QuoteFilter, Store, StoredArticle, StoredEvent, StoredQuote, ThemeCount,
    ThemeFilter,
};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// Show one stored article: its metadata, its sentences (numbered), then its events, quotes, entities, themes
/// and tone.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article's id (as `attache articles` lists it).
    id: String,
    /// Print the article as one JSON object instead (with an `annotations` object).
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    let Some(article) = store.article(&args.id)? else {
        bail!("no article with id `{}` in {}", args.id, global.db.display());
    };
    let annotations = Annotations::read(&store, &article.id)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut value = serde_json::to_value(&article)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("annotations".into(), serde_json::to_value(&annotations)?);
        }
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
    } else {
        print_article(&article, &mut out)?;
        annotations.print(&mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Everything the annotation stages stored for one article.
#[derive(Serialize)]
struct Annotations {
    events: Vec<StoredEvent>,
    quotes: Vec<StoredQuote>,
    entities: Vec<EntitySummary>,
    themes: Vec<ThemeCount>,
    tone: Option<Tone>,
}

impl Annotations {
    fn read(store: &Store, id: &str) -> anyhow::Result<Annotations> {
        let article = Some(id.to_string());
        Ok(Annotations {
            events: store.events(&EventFilter { article: article.clone(), ..EventFilter::default() })?,
            quotes: store.quotes(&QuoteFilter { article: article.clone(), ..QuoteFilter::default() })?,
            entities: store.entities(&EntityFilter { article: article.clone(), ..EntityFilter::default() })?,
            themes: store.theme_counts(&ThemeFilter { article, ..ThemeFilter::default() })?,
            tone: store.article_tone(id)?,
        })
    }

    fn print(&self, out: &mut impl Write) -> std::io::Result<()> {
        let section = |out: &mut dyn Write, title: &str, rows: Rows| -> std::io::Result<()> {
            writeln!(out)?;
            writeln!(out, "{title} ({})", rows.len())?;
            if rows.len() > 0 {
                let mut table = Vec::new();
                rows.print(Format::Table, &mut table)?;
                out.write_all(&table)?;
            }
            Ok(())
        };
        section(out, "events", events::rows(&self.events, false))?;
        section(out, "quotes", quotes::rows(&self.quotes, false))?;
        section(out, "entities", people::rows(&self.entities, false))?;
        section(out, "themes", themes::counts(&self.themes, false))?;
        writeln!(out)?;
        match &self.tone {
            Some(t) => writeln!(
                out,
                "tone {:+.2} (positive {:.2}, negative {:.2}, polarity {:.2}; {} words)",
                t.tone, t.positive, t.negative, t.polarity, t.word_count
            ),
            None => writeln!(out, "tone: not measured (the tone stage did not run)"),
        }
    }
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
