//! # attache-dict — event-coding dictionaries
//!
//! Purpose: read the dictionaries event coders use — actors (names → CAMEO actor codes with date-bounded
//! roles), agents (role nouns → sector codes), verbs (forms and patterns → CAMEO event codes), synonym sets,
//! nouns/adjectives, time shifts, attribution verbs, discards and issues — from TABARI's files, PETRARCH's
//! files and attache's own TOML, into one [`Dictionary`] model, and compile it into a [`Lexicon`].
//!
//! Key design decision: **one format-independent model, compiled once into a token trie over interned
//! words**. Readers are pure (`&str` + a file label in, model or errors naming file + line + cause out, never
//! a panic); the compiled [`Lexicon`] maps each token to the dictionary words it matches with a few hash
//! lookups and follows phrases in a trie, so coding cost per sentence does not grow with the dictionary.
//! The CAMEO code table and the CAMEO → PLOVER mapping are data in `data/`, written by us and embedded.

pub mod cameo;
pub mod defaults;
mod error;
pub mod lexicon;
pub mod model;
pub mod native;
pub mod options;
pub mod petrarch;
pub mod syntax;
pub mod tabari;

pub use error::{DictError, DictErrors};
pub use lexicon::{CElem, CItem, CPattern, Entry, Lexicon, PhraseMatch, TokenWords, WordId};
pub use model::{
    Actor, ActorCodes, ActorKind, Agent, Code, CodeSet, DateRange, Dictionary, Discard, Elem, EventCode, Issue, Item,
    Link, Match, Origin, Pattern, Phrase, Synset, Verb, VerbMember, Word,
};
pub use options::{CodeBy, Options};

/// A dictionary read from one file, with the lines that were skipped (file + line + cause each).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub dictionary: Dictionary,
    pub warnings: Vec<DictError>,
}

/// Decodes dictionary bytes: UTF-8, or Latin-1 when the file is not valid UTF-8 (older TABARI/Phoenix files
/// contain Latin-1 accents). Nothing is lost either way.
pub fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => std::borrow::Cow::Owned(bytes.iter().map(|&b| b as char).collect()),
    }
}
