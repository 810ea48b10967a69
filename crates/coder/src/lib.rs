//! # attache-coder — CAMEO event coding
//!
//! Purpose: code every sentence into events — source and target actors, CAMEO event code, Goldstein score,
//! QuadClass, PLOVER type, date, mode (fact, negated, hypothetical, future) — from compiled dictionaries, and
//! keep the evidence for each event (the words of source, target and verb, the dictionary entries and the
//! pattern that fired, the rule). [`CoderStage`] fills `doc.events`; [`eval`] scores the coder on TABARI's and
//! PETRARCH's own suites with their own dictionaries.
//!
//! Key design decision: **a shallow parser in the spirit of TABARI over a compiled token trie** — no
//! treebank parse. Words are classified from the dictionaries in one left-to-right pass, compounds, agents,
//! pronouns and clauses are found by a few robust rules, and verb patterns (TABARI's and PETRARCH's syntax,
//! including synonym sets, alternatives and designated actors) are matched with backtracking within the
//! clause. All of it is a pure function of (words, compiled dictionaries, options), so it is fast, parallel
//! and explainable.

pub mod actors;
pub mod attribution;
pub mod dates;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod modality;
pub mod parse;
pub mod stage;
pub mod words;

pub use engine::{Coded, CodedEvent, Engine, Outcome, Rule, Side};
pub use parse::Carry;
pub use stage::CoderStage;

use attache_dict::{DictErrors, Dictionary, Lexicon, Options};
use jiff::civil::Date;

/// Compiled dictionaries plus options: everything needed to code text.
pub struct Coder {
    lexicon: Lexicon,
    options: Options,
}

impl Coder {
    pub fn new(dictionary: Dictionary, options: Options) -> Coder {
        Coder { lexicon: Lexicon::compile(dictionary), options }
    }

    /// attache's embedded English dictionaries with attache's options.
    pub fn default_english() -> Result<Coder, DictErrors> {
        Ok(Coder::new(attache_dict::defaults::dictionary()?, Options::attache()))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
    pub fn options(&self) -> &Options {
        &self.options
    }
    pub fn options_mut(&mut self) -> &mut Options {
        &mut self.options
    }

    pub fn engine(&self) -> Engine<'_> {
        Engine { lex: &self.lexicon, opts: &self.options }
    }

    /// Codes a text as one sentence (a TABARI or PETRARCH record).
    pub fn code_text(&self, text: &str, date: Option<Date>, carry: &mut Carry) -> (Coded, words::SentenceWords) {
        let sentence = words::from_text(text);
        let coded = self.engine().code_sentence(&sentence.words, sentence.terminal, date, carry);
        (coded, sentence)
    }
}
