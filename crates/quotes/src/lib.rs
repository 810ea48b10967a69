//! # attache-quotes — who said what, and who is mentioned
//!
//! Purpose: fill a document's `quotes` (direct, partial and indirect, each with its cue and its speaker) and
//! its `entities` (people, organisations and places with every mention, role, affiliation and actor code),
//! from the text stage's tokens and sentences. In news about relations between states what officials and
//! experts say is most of the signal; GDELT keeps a quote's words but never its speaker.
//!
//! Key design decision: **rules over the whole article, not a trained model, and every rule bounded in
//! reach.** Quotation marks are paired per paragraph with a stack (so nested and multi-paragraph quotes work
//! and stray marks cannot swallow an article); names are found from capitalisation, titles, organisation and
//! place heads, a gazetteer and the dictionary seam [`ActorLookup`]; a speaker is the subject of the nearest
//! cue in the quote's own quote-aware sentence ("frame"), resolved across the article by documented
//! coreference rules (surnames, titles, pronouns, role descriptions, continuation of a quoted passage). Each
//! search looks a fixed number of atoms or mentions away, so the stage is linear in the text's length. No
//! speaker is ever invented: when the article does not say, the speaker is `None`. `docs/quotes.md` states
//! the rules; the GUM test and the acceptance test measure them.
//!
//! This crate does no IO.

mod atoms;
mod attribution;
mod entities;
mod gazetteer;
mod lexicon;
mod marks;
mod names;
mod roles;

use attache_doc::{Doc, Entity, EntityKind, Mention, Quote, QuoteKind, Speaker, Stage};
use attribution::{Attributor, Resolved};
use std::collections::HashSet;
use std::sync::Arc;

/// The seam to the dictionaries (attache-dict): actor codes and kinds of known names.
///
/// The quotes stage asks it about each entity's name (and, for people, their affiliation) with the article's
/// publication date, because roles change: Donald Trump was `USAGOV` in 2018 and 2026 but not in 2022.
pub trait ActorLookup: Send + Sync {
    /// The CAMEO actor code of a name or phrase on a date (`YYYY-MM-DD`), e.g. `("Xi Jinping", Some("2026-02-05"))`
    /// → `CHNGOV`, `("Peking University", None)` → `CHNEDU`.
    fn actor_code(&self, phrase: &str, date: Option<&str>) -> Option<String>;

    /// What kind of entity a known name is, when the dictionaries say. Names the dictionaries know are
    /// recognised even when capitalisation alone would not type them.
    fn entity_kind(&self, phrase: &str) -> Option<EntityKind> {
        let _ = phrase;
        None
    }
}

/// The quotes stage: fills `doc.quotes` and `doc.entities` (replacing what was there).
#[derive(Clone, Default)]
pub struct QuoteStage {
    lookup: Option<Arc<dyn ActorLookup>>,
}

impl std::fmt::Debug for QuoteStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuoteStage").field("lookup", &self.lookup.is_some()).finish()
    }
}

impl QuoteStage {
    /// A stage that asks `lookup` for actor codes; `None` leaves codes empty.
    pub fn new(lookup: Option<Arc<dyn ActorLookup>>) -> QuoteStage {
        QuoteStage { lookup }
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn annotate(&self, doc: &mut Doc) {
        let (quotes, entities) = analyse(doc, self.lookup.as_deref());
        doc.quotes = quotes;
        doc.entities = entities;
    }
}

fn analyse(doc: &Doc, lookup: Option<&dyn ActorLookup>) -> (Vec<Quote>, Vec<Entity>) {
    let atoms = atoms::atoms(doc);
    if atoms.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let text = doc.text();
    let marks = marks::analyse(text, &atoms);
    let entities = entities::Recogniser::new(text, &atoms, &marks.frame, &marks.frame_starts, lookup).run();
    let attributor = Attributor::new(text, &atoms, &marks, &entities);

    let mut found = attributor.quotes();
    let used: HashSet<usize> = found.iter().filter_map(|(quote, _)| quote.cue.map(|(first, _)| first)).collect();
    found.extend(attributor.indirect(&used));
    let mut found: Vec<attribution::Found> = found
        .into_iter()
        .map(|(mut quote, reference)| {
            quote.speaker = reference.and_then(|r| attributor.resolve(r));
            quote
        })
        .collect();
    found.sort_by_key(|quote| quote.first);

    // A direct quote nobody is named for continues the quoted passage before it: same or next paragraph.
    let mut previous: Option<(Resolved, u32)> = None;
    for quote in &mut found {
        if quote.speaker.is_none()
            && quote.kind == QuoteKind::Direct
            && quote.cue.is_none()
            && let Some((speaker, paragraph)) = &previous
            && atoms[quote.first].paragraph <= paragraph + 1
        {
            quote.speaker = Some(Resolved { resolution: "continuation", ..speaker.clone() });
        }
        if let Some(speaker) = &quote.speaker {
            previous = Some((speaker.clone(), atoms[quote.last].paragraph));
        }
    }

    let date = doc.published_date();
    let mention = |first: usize, last: usize| {
        let span = doc.span(atoms[first].start, atoms[last].end);
        Mention { start: span.start, end: span.end, text: text[atoms[first].start..atoms[last].end].to_string() }
    };
    let output_entities: Vec<Entity> = entities
        .drafts
        .iter()
        .enumerate()
        .map(|(id, draft)| {
            let code = lookup.and_then(|lookup| {
                lookup.actor_code(&draft.name, date).or_else(|| {
                    let affiliation = draft.affiliation.as_deref().filter(|_| draft.kind == EntityKind::Person)?;
                    lookup.actor_code(affiliation, date)
                })
            });
            Entity {
                id: id as u32,
                kind: draft.kind,
                name: draft.name.clone(),
                mentions: draft
                    .mentions
                    .iter()
                    .map(|&m| mention(entities.mentions[m].first, entities.mentions[m].last))
                    .collect(),
                code,
                role: draft.role.clone(),
                affiliation: draft.affiliation.clone(),
            }
        })
        .collect();

    let sentence_of = |char_offset: u32| -> u32 {
        let index = doc.sentences.partition_point(|s| s.end <= char_offset);
        doc.sentences.get(index.min(doc.sentences.len().saturating_sub(1))).map(|s| s.id).unwrap_or(0)
    };
    let output_quotes = found
        .iter()
        .enumerate()
        .map(|(id, quote)| {
            let words = mention(quote.first, quote.last);
            let sentences = [sentence_of(words.start), sentence_of(words.end.saturating_sub(1).max(words.start))];
            let speaker = quote.speaker.as_ref().map(|speaker| {
                let entity = speaker.entity.map(|e| &output_entities[e]);
                Speaker {
                    entity: speaker.entity.map(|e| e as u32),
                    name: speaker.name.clone(),
                    mention: mention(speaker.mention.0, speaker.mention.1),
                    resolution: speaker.resolution.to_string(),
                    role: entity.and_then(|e| e.role.clone()).or_else(|| {
                        (speaker.resolution == "description").then(|| atoms[speaker.mention.1].lower.to_string())
                    }),
                    affiliation: entity.and_then(|e| e.affiliation.clone()),
                    code: entity.and_then(|e| e.code.clone()),
                }
            });
            Quote {
                id: id as u32,
                kind: quote.kind,
                start: words.start,
                end: words.end,
                text: words.text,
                sentences,
                cue: quote.cue.map(|(first, last)| mention(first, last)),
                speaker,
            }
        })
        .collect();
    (output_quotes, output_entities)
}
