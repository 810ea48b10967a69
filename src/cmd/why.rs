//! `attache why EVENT_ID…`: why an event was coded — its sentence with the actors, verb and date marked, the
//! dictionary entries, the pattern and the rule that fired.

use crate::Global;
use crate::cmd::filters::ColorWhen;
use anyhow::{Context, bail};
use attache_coder::explain::{SentenceContext, render_event_in};
use attache_store::{Store, StoredEvent};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Show why events were coded: the sentence with source, target, verb and date marked, the dictionary entries,
/// the pattern and the rule that fired.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Event ids as `attache events` lists them: ARTICLE_ID:IDX.
    #[arg(required = true, value_name = "EVENT_ID")]
    ids: Vec<String>,
    /// Colour the marked words (auto: on a terminal, unless NO_COLOR is set); otherwise brackets mark them.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    /// Print each event as a JSON object instead (the `attache code` event, plus article and sentence).
    #[arg(long)]
    json: bool,
}

/// Splits `ARTICLE_ID:IDX` at its last colon (article ids may contain colons, e.g. Atom `tag:` ids).
pub fn parse_event_id(id: &str) -> Option<(&str, u32)> {
    let (article, idx) = id.rsplit_once(':')?;
    let idx = idx.parse().ok().filter(|_| idx.bytes().all(|b| b.is_ascii_digit()))?;
    (!article.is_empty()).then_some((article, idx))
}

/// The stored event an id names, or an error that says what exists instead.
pub fn find_event(store: &Store, id: &str, db: &Path) -> anyhow::Result<StoredEvent> {
    let Some((article, idx)) = parse_event_id(id) else {
        bail!("`{id}` is not an event id: write ARTICLE_ID:IDX as `attache events` lists them (e.g. cw-101:0)");
    };
    if let Some(event) = store.event(article, idx)? {
        return Ok(event);
    }
    if !store.has_article(article)? {
        bail!("no event `{id}`: no article with id `{article}` in {}", db.display());
    }
    match store.event_count(article)? {
        0 => bail!("no event `{id}`: article `{article}` has no events"),
        1 => bail!("no event `{id}`: article `{article}` has one event, `{article}:0`"),
        n => bail!("no event `{id}`: article `{article}` has {n} events, `{article}:0` to `{article}:{}`", n - 1),
    }
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&global.db)?;
    // All ids are checked before anything is printed: a typo fails fast and clearly.
    let events: Vec<StoredEvent> =
        args.ids.iter().map(|id| find_event(&store, id, &global.db)).collect::<anyhow::Result<_>>()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let values: Vec<serde_json::Value> = events
            .iter()
            .map(|stored| {
                let mut value = serde_json::to_value(stored).context("encoding an event")?;
                if let Some(object) = value.as_object_mut() {
                    object.insert("id".into(), stored.id().into());
                }
                Ok(value)
            })
            .collect::<anyhow::Result<_>>()?;
        serde_json::to_writer_pretty(&mut out, &values)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let marking = args.color.marking();
    for (n, stored) in events.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        write!(out, "{}", explain(stored, marking))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A line naming the event and its article (publication date, title), then the coder's rendering of the event
/// in its sentence.
pub fn explain(stored: &StoredEvent, marking: attache_coder::explain::Marking) -> String {
    let mut header = stored.id();
    for part in [&stored.published, &stored.title].into_iter().flatten() {
        header.push_str(" · ");
        header.push_str(part);
    }
    let context = SentenceContext { text: &stored.sentence_text, start: stored.sentence_start, marking };
    format!("{header}\n{}", render_event_in(&stored.event, context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_split_at_the_last_colon() {
        assert_eq!(parse_event_id("cw-101:3"), Some(("cw-101", 3)));
        assert_eq!(parse_event_id("tag:example.org,2026:story:12"), Some(("tag:example.org,2026:story", 12)));
        assert_eq!(parse_event_id("cw-101"), None);
        assert_eq!(parse_event_id(":3"), None);
        assert_eq!(parse_event_id("cw-101:+3"), None);
        assert_eq!(parse_event_id("cw-101:"), None);
        assert_eq!(parse_event_id("cw-101:99999999999"), None);
    }
}
