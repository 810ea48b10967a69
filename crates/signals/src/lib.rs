//! # attache-signals — conditions and warnings about future actions
//!
//! Purpose: find the statements that set a condition or a warning about what an actor might do next — "arms
//! sales to Taiwan would signal deterioration", "tariff reductions would be necessary to demonstrate good
//! faith", "if the EU confiscates the assets, Moscow is likely to seize European business" — and record for each
//! who set it (the quote's speaker), which way it points (improvement or deterioration), and its actions: the
//! words, the actor expected to act, the target, and the CAMEO codes that would count as the action happening.
//! [`SignalStage`] fills `doc.signals`; the store then tracks each action against later events
//! (`docs/signals.md`).
//!
//! Key design decision: **a data-driven cue lexicon and action table over the text stage's words, with actors
//! resolved by the coder's own dictionaries.** Cues (`data/cues.toml`) are short word patterns grouped in
//! families that say where the actions are (the cue's subject, the words after it, or both parts of an
//! if-sentence) and how the direction is read (a polarity term, the family itself, or the actions' CAMEO roots).
//! Actions are phrases from a team-written table (`data/actions.toml`) mapped to CAMEO codes, each mapping
//! explained. Actor phrases go through `attache_coder::Coder::sentence_actors`, so "Washington", "the EU" and
//! "the Russian central bank" get exactly the codes the coder gives them. Everything is a pure function of the
//! document and the compiled lexicons; a cue without a table action sets no signal, so precision comes first.
//!
//! This crate does no IO.

mod extract;
mod lexicon;
mod pattern;
mod words;

pub use lexicon::{ACTIONS_TOML, CUES_TOML, Lexicon, LexiconError, LexiconErrors};

use attache_coder::Coder;
use attache_doc::{Doc, Stage};
use std::sync::Arc;

/// The signals stage: fills `doc.signals` (replacing what was there). Runs after the text, coder and quotes
/// stages: it reads sentences and tokens, the quotes' speakers (setters) and the coder's non-fact events
/// (evidence) and main country pair.
pub struct SignalStage {
    lexicon: Lexicon,
    coder: Arc<Coder>,
}

impl SignalStage {
    pub fn new(lexicon: Lexicon, coder: Arc<Coder>) -> SignalStage {
        SignalStage { lexicon, coder }
    }

    /// The embedded lexicons with attache's default dictionaries (both checked by tests).
    pub fn default_english() -> Result<SignalStage, attache_dict::DictErrors> {
        Ok(SignalStage::new(Lexicon::default_english(), Arc::new(Coder::default_english()?)))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

impl std::fmt::Debug for SignalStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignalStage").field("families", &self.lexicon.family_names()).finish()
    }
}

impl Stage for SignalStage {
    fn name(&self) -> &'static str {
        "signals"
    }

    fn annotate(&self, doc: &mut Doc) {
        let reader = extract::Reader { lexicon: &self.lexicon, coder: &self.coder };
        doc.signals = reader.signals(doc);
    }
}
