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
