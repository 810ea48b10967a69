//! # attache-pipeline — the stages in order
//!
//! Purpose: compose attache's pure stages into the one function the CLI, the store and the tests call:
//! `Article → Doc`. Key design decision: the pipeline is a plain ordered list of [`Stage`] trait objects built
//! once (dictionaries compiled up front) and shared read-only across threads, so annotating is a pure,
//! parallel-safe function of (article, resources).

use attache_coder::{Coder, CoderStage};
use attache_doc::{Article, Doc, Stage};
use attache_quotes::{ActorLookup, QuoteStage};
use attache_signals::SignalStage;
use attache_themes::ThemeStage;
use std::sync::Arc;

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The default English pipeline with attache's embedded dictionaries.
    pub fn default_english() -> Pipeline {
        // The embedded dictionaries are checked by attache-coder's tests, so this cannot fail in a release.
        let coder = Arc::new(Coder::default_english().expect("attache's embedded dictionaries compile"));
        let lookup: Arc<dyn ActorLookup> = Arc::new(DictionaryLookup(Arc::clone(&coder)));
        let signals = SignalStage::new(attache_signals::Lexicon::default_english(), Arc::clone(&coder));
        Pipeline {
            stages: vec![
                Box::new(attache_text::TextStage),
                Box::new(CoderStage::shared(coder)),
                Box::new(QuoteStage::new(Some(lookup))),
                Box::new(ThemeStage::default()),
                // After the coder (events, actors) and quotes (setters).
                Box::new(signals),
            ],
        }
    }

    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { stages }
    }

    /// Keeps only the stages named in `names`, in pipeline order (for running part of the pipeline, e.g. the text
    /// stage alone in a benchmark). Unknown names are an error that lists the known ones.
    pub fn retain_stages(&mut self, names: &[&str]) -> Result<(), String> {
        let known = self.stage_names();
        if let Some(unknown) = names.iter().find(|name| !known.contains(name)) {
            return Err(format!("unknown stage `{unknown}` (stages: {})", known.join(", ")));
        }
        self.stages.retain(|stage| names.contains(&stage.name()));
        Ok(())
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    pub fn annotate(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        for stage in &self.stages {
            stage.annotate(&mut doc);
        }
        doc
    }
}

/// Speakers' and entities' actor codes come from the coder's own dictionaries (dated roles included), so a
/// quote's speaker and an event's source agree on who someone is.
struct DictionaryLookup(Arc<Coder>);

impl ActorLookup for DictionaryLookup {
    fn actor_code(&self, phrase: &str, date: Option<&str>) -> Option<String> {
        let date = date.and_then(|d| d.parse::<jiff::civil::Date>().ok());
        self.0.actor_code(phrase, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_stages_keeps_the_named_ones_and_refuses_unknown_names() {
        let mut pipeline = Pipeline::default_english();
        assert!(pipeline.stage_names().len() > 1);
        let error = pipeline.retain_stages(&["text", "nonsense"]).unwrap_err();
        assert!(error.contains("unknown stage `nonsense`") && error.contains("text"), "{error}");
        pipeline.retain_stages(&["text"]).unwrap();
        assert_eq!(pipeline.stage_names(), ["text"]);
        let doc = pipeline.annotate(Article { text: "One. Two.".into(), ..Default::default() });
        assert_eq!(doc.sentences.len(), 2);
    }
}
