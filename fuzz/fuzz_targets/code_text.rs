//! Fuzzes the event coder with attache's default dictionaries: any text, as a whole article (text stage then
//! coder stage), codes without panicking, and every event's spans lie inside the article and match their text.
#![no_main]

use attache_coder::CoderStage;
use attache_doc::{Article, Doc, Span, Stage};
use std::sync::OnceLock;

fn stage() -> &'static CoderStage {
    static STAGE: OnceLock<CoderStage> = OnceLock::new();
    STAGE.get_or_init(|| CoderStage::default_english().expect("default dictionaries"))
}

fn slice(text: &str, span: Span) -> String {
    text.chars().skip(span.start as usize).take(span.len() as usize).collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut doc =
        Doc::new(Article { text: text.to_string(), published: Some("2026-02-05".into()), ..Default::default() });
    attache_text::TextStage.annotate(&mut doc);
    stage().annotate(&mut doc);
    let chars = text.chars().count() as u32;
    for e in &doc.events {
        for (span, claimed) in
            [(e.source.span, &e.source.text), (e.target.span, &e.target.text), (e.verb, &e.verb_text)]
        {
            assert!(span.start <= span.end && span.end <= chars);
            assert_eq!(&slice(text, span), claimed);
        }
        let _ = attache_coder::explain::render_event(e);
    }
});
