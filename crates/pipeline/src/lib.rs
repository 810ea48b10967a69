//! # attache-pipeline — the stages in order
//!
//! Purpose: compose attache's pure stages into the one function the CLI, the store and the tests call:
//! `Article → Doc`. Key design decision: the pipeline is a plain ordered list of [`Stage`] trait objects built
//! once (dictionaries compiled up front) and shared read-only across threads, so annotating is a pure,
//! parallel-safe function of (article, resources).

use attache_doc::{Article, Doc, Stage};

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// The default English pipeline with attache's embedded dictionaries.
    pub fn default_english() -> Pipeline {
        // The embedded dictionaries are checked by attache-coder's tests, so this cannot fail in a release.
        let coder = attache_coder::CoderStage::default_english().expect("attache's embedded dictionaries compile");
        Pipeline { stages: vec![Box::new(attache_text::TextStage), Box::new(coder)] }
    }

    pub fn from_stages(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { stages }
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
