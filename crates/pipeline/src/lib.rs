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

pub use attache_text::SentenceText;

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The names of the default English pipeline's stages, in order.
    pub const ENGLISH_STAGES: [&'static str; 5] = ["text", "coder", "quotes", "themes", "signals"];

    /// The default English pipeline with attache's embedded dictionaries.
    pub fn default_english() -> Pipeline {
        Pipeline::english_stages(&Pipeline::ENGLISH_STAGES).expect("every English stage name is known")
    }

    /// The stages of the default English pipeline named in `names`, in pipeline order. Only what they need is
    /// built: the text stage alone never compiles the coder's dictionaries (a tenth of a second per run). Unknown
    /// names are an error that lists the known ones.
    pub fn english_stages(names: &[&str]) -> Result<Pipeline, String> {
        Pipeline::english_stages_with(names, SentenceText::Copied)
    }

    /// [`Pipeline::english_stages`], with the text stage copying sentence texts or not (see [`SentenceText`]).
    pub fn english_stages_with(names: &[&str], sentence_text: SentenceText) -> Result<Pipeline, String> {
        if let Some(unknown) = names.iter().find(|name| !Pipeline::ENGLISH_STAGES.contains(name)) {
            return Err(format!("unknown stage `{unknown}` (stages: {})", Pipeline::ENGLISH_STAGES.join(", ")));
        }
        let wanted = |name: &str| names.contains(&name);
        // The coder's dictionaries also resolve speakers (quotes) and actors (signals).
        let coder = ["coder", "quotes", "signals"].into_iter().any(wanted).then(|| {
            // The embedded dictionaries are checked by attache-coder's tests, so this cannot fail in a release.
            Arc::new(Coder::default_english().expect("attache's embedded dictionaries compile"))
        });
        let mut stages: Vec<Box<dyn Stage>> = Vec::new();
        for name in Pipeline::ENGLISH_STAGES.into_iter().filter(|name| wanted(name)) {
            let stage: Box<dyn Stage> = match (name, &coder) {
                ("text", _) => Box::new(attache_text::TextStage::new(sentence_text)),
                ("coder", Some(coder)) => Box::new(CoderStage::shared(Arc::clone(coder))),
                ("quotes", Some(coder)) => {
                    let lookup: Arc<dyn ActorLookup> = Arc::new(DictionaryLookup(Arc::clone(coder)));
                    Box::new(QuoteStage::new(Some(lookup)))
                }
                ("themes", _) => Box::new(ThemeStage::default()),
                // After the coder (events, actors) and quotes (setters).
                ("signals", Some(coder)) => {
                    Box::new(SignalStage::new(attache_signals::Lexicon::default_english(), Arc::clone(coder)))
                }
                _ => unreachable!("the coder is built for every stage that needs it"),
            };
            stages.push(stage);
        }
        Ok(Pipeline { stages })
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

    #[test]
    fn english_stages_builds_only_the_named_ones_in_pipeline_order() {
        assert_eq!(Pipeline::default_english().stage_names(), Pipeline::ENGLISH_STAGES);
        let pipeline = Pipeline::english_stages(&["signals", "text"]).unwrap();
        assert_eq!(pipeline.stage_names(), ["text", "signals"]);
        let error = Pipeline::english_stages(&["text", "nonsense"]).err().unwrap();
        assert!(error.contains("unknown stage `nonsense`") && error.contains("coder"), "{error}");
        let text_only = Pipeline::english_stages(&["text"]).unwrap();
        let article = Article { text: "China and the US held talks. Both sides spoke.".into(), ..Default::default() };
        let mut full = Pipeline::default_english();
        full.retain_stages(&["text"]).unwrap();
        let (a, b) = (text_only.annotate(article.clone()), full.annotate(article));
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }
}
