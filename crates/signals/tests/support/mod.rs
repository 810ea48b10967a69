//! The stages the signals stage runs after, as the default pipeline builds them (one shared coder, speakers'
//! codes from its dictionaries), built once per test binary.
#![allow(dead_code)] // each test binary uses its own subset

use attache_coder::{Coder, CoderStage};
use attache_doc::{Article, Doc, Stage};
use attache_quotes::{ActorLookup, QuoteStage};
use attache_signals::{Lexicon, SignalStage};
use std::sync::{Arc, OnceLock};

struct Dictionaries(Arc<Coder>);

impl ActorLookup for Dictionaries {
    fn actor_code(&self, phrase: &str, date: Option<&str>) -> Option<String> {
        self.0.actor_code(phrase, date.and_then(|d| d.parse().ok()))
    }
}

/// Text, coder, quotes and signals stages.
pub fn stages() -> &'static [Box<dyn Stage>] {
    static STAGES: OnceLock<Vec<Box<dyn Stage>>> = OnceLock::new();
    STAGES.get_or_init(|| {
        let coder = Arc::new(Coder::default_english().unwrap());
        vec![
            Box::new(attache_text::TextStage::default()),
            Box::new(CoderStage::shared(Arc::clone(&coder))),
            Box::new(QuoteStage::new(Some(Arc::new(Dictionaries(Arc::clone(&coder)))))),
            Box::new(SignalStage::new(Lexicon::default_english(), coder)),
        ]
    })
}

/// `text` published on `published`, through every stage.
pub fn annotate(text: &str, published: &str) -> Doc {
    let mut doc = Doc::new(Article { text: text.into(), published: Some(published.into()), ..Default::default() });
    for stage in stages() {
        stage.annotate(&mut doc);
    }
    doc
}
