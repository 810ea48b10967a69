//! Whatever the text, the stage never panics and what it writes holds together: spans inside the text and the
//! signal's sentence, copies equal to their spans, real CAMEO codes, valid indexes, the same result twice.

mod support;

use attache_doc::{Doc, Mode, Span};
use proptest::prelude::*;

fn annotate(text: &str) -> Doc {
    support::annotate(text, "2026-03-02")
}

fn check(doc: &Doc) -> Result<(), TestCaseError> {
    let chars = doc.text().chars().count() as u32;
    for (i, signal) in doc.signals.iter().enumerate() {
        prop_assert_eq!(signal.id as usize, i);
        let sentence = &doc.sentences[signal.sentence as usize];
        let cue = Span::new(signal.cue.start, signal.cue.end);
        prop_assert!(cue.end <= chars && !cue.is_empty());
        prop_assert!(sentence.span().contains(cue));
        prop_assert_eq!(doc.slice(cue), signal.cue.text.as_str());
        prop_assert!(!signal.actions.is_empty());
        prop_assert!(signal.actions.iter().any(|a| a.role.is_tracked()));
        prop_assert!(matches!(signal.mode, Mode::Hypothetical | Mode::Future));
        for action in &signal.actions {
            let span = Span::new(action.start, action.end);
            prop_assert!(!span.is_empty() && sentence.span().contains(span));
            prop_assert_eq!(doc.slice(span), action.text.as_str());
            prop_assert!(!action.codes.is_empty() && !action.entries.is_empty());
            for code in &action.codes {
                prop_assert!(attache_dict::cameo::lookup(code).is_some(), "{}", code);
            }
            for &event in &action.events {
                let event = &doc.events[event as usize];
                prop_assert!(event.mode != Mode::Fact && event.sentence == signal.sentence);
            }
            if action.mutual {
                prop_assert!(action.actor.is_some() && action.target.is_some());
            }
        }
        if let Some(setter) = &signal.setter {
            let quote = &doc.quotes[setter.quote.unwrap() as usize];
            prop_assert!(quote.start <= cue.start && cue.end <= quote.end);
            if let Some(entity) = setter.entity {
                prop_assert!((entity as usize) < doc.entities.len());
            }
        }
    }
    Ok(())
}

/// Words that make cues, actions and actors likely, with punctuation and quotation marks between them.
fn newsy_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "If",
        "if",
        "unless",
        "would",
        "will",
        "should",
        "must",
        "not",
        "signal",
        "mark",
        "be",
        "seen",
        "as",
        "a",
        "the",
        "that",
        "necessary",
        "to",
        "demonstrate",
        "good",
        "faith",
        "red",
        "line",
        "test",
        "whether",
        "follow",
        "deterioration",
        "thaw",
        "escalation",
        "positive",
        "sign",
        "arms",
        "sales",
        "Taiwan",
        "tariff",
        "cuts",
        "export",
        "controls",
        "sanctions",
        "on",
        "Russia",
        "China",
        "Washington",
        "Beijing",
        "Moscow",
        "the EU",
        "ceasefire",
        "halt",
        "strikes",
        "sign",
        "agreement",
        "two",
        "sides",
        "said",
        "warned",
        "Hufbauer",
        "\"",
        "“",
        "”",
        ",",
        ".",
        "—",
        "-",
        "one-China",
        "policy",
        "troops",
        "withdraw",
        "drills",
        "around",
        "by",
        "é",
        "中国",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn newsy_word_salad_keeps_every_invariant(text in newsy_text()) {
        let doc = annotate(&text);
        check(&doc)?;
        prop_assert_eq!(&annotate(&text).signals, &doc.signals, "deterministic");
    }

    #[test]
    fn any_text_keeps_every_invariant(text in "\\PC{0,300}") {
        check(&annotate(&text))?;
    }
}
