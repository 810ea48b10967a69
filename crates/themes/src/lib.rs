//! # attache-themes — issues/themes and tone
//!
//! Purpose: the stage that says what an article is *about* and how it *sounds*. Themes (`TAIWAN`, `ARMS_SALES`,
//! `TARIFFS_TRADE`, …) come from a documented taxonomy of phrase rules (`data/themes.toml`, format in
//! `docs/themes.md`); each mention is a span of its sentence with the evidence phrase, and the article gets a
//! per-theme summary. Tone follows GDELT: weighted positive and negative words per 100 words, tone = positive −
//! negative, polarity = positive + negative, per sentence and per article, from attache's own lexicon
//! (`data/tone.toml`, method in `docs/tone.md`) with negation and degree words.
//!
//! Key design decision: **one automaton for everything**. Every theme phrase, guard phrase, tone entry and
//! modifier is compiled into a single Aho-Corasick automaton over normalised word keys (`" arms sales to taiwan "`:
//! a space before every word, so matches start on word boundaries), so a sentence is scanned once and the cost per sentence does not grow with the
//! taxonomy or the lexicon; guards, negation and case checks then run over the few candidates found. Rules and
//! text pass through the same word scanner, so a phrase always matches the text it was written for.
//!
//! Users extend or replace the shipped files with their own of the same shape; a malformed file is an error
//! naming the file, line and column. This crate does no IO: callers read files and pass their text.

mod engine;
mod error;
mod lexicon;
mod phrase;
mod stage;
mod taxonomy;
mod words;

pub use error::{BuildError, LoadError};
pub use lexicon::{
    BUILTIN_LEXICON, BUILTIN_LEXICON_ORIGIN, LEXICON_VERSION, Lexicon, MAX_WEIGHT, ToneEntry, ToneSettings,
};
pub use phrase::{MAX_PHRASE_WORDS, MIN_PREFIX_CHARS, Phrase};
pub use stage::{Analysis, ThemeHit, ThemeStage, ToneHit, summarize};
pub use taxonomy::{BUILTIN_TAXONOMY, BUILTIN_TAXONOMY_ORIGIN, Rule, TAXONOMY_VERSION, Taxonomy, Theme};
