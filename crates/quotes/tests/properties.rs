//! No panic on any input, and the output's invariants: quote spans inside the text and equal to their
//! `text`, speaker mentions valid, entity ids equal to their index, speaker entities existing — with the text
//! stage's tokens, with whitespace tokens, and with no tokens at all.

use attache_doc::{Article, Doc, Span, Stage, Token, TokenKind};
use attache_quotes::{ActorLookup, QuoteStage};
use proptest::prelude::*;
use std::sync::Arc;

struct EveryNameIsKnown;

impl ActorLookup for EveryNameIsKnown {
    fn actor_code(&self, phrase: &str, _date: Option<&str>) -> Option<String> {
        (!phrase.is_empty()).then(|| "XXXGOV".to_string())
    }
}

fn check(doc: &Doc) -> Result<(), TestCaseError> {
    let char_len = doc.text().chars().count() as u32;
    for (id, entity) in doc.entities.iter().enumerate() {
        prop_assert_eq!(entity.id as usize, id);
        prop_assert!(!entity.mentions.is_empty());
        for mention in &entity.mentions {
            prop_assert!(mention.start <= mention.end && mention.end <= char_len);
            prop_assert_eq!(doc.slice(mention.span()), mention.text.as_str());
        }
    }
    for (id, quote) in doc.quotes.iter().enumerate() {
        prop_assert_eq!(quote.id as usize, id);
        prop_assert!(quote.start <= quote.end && quote.end <= char_len);
        prop_assert_eq!(doc.slice(Span::new(quote.start, quote.end)), quote.text.as_str());
        prop_assert!(quote.sentences[0] <= quote.sentences[1]);
        if let Some(cue) = &quote.cue {
            prop_assert_eq!(doc.slice(cue.span()), cue.text.as_str());
        }
        if let Some(speaker) = &quote.speaker {
            prop_assert!(speaker.mention.end <= char_len);
            prop_assert_eq!(doc.slice(speaker.mention.span()), speaker.mention.text.as_str());
            if let Some(entity) = speaker.entity {
                prop_assert!((entity as usize) < doc.entities.len());
                prop_assert_eq!(&doc.entities[entity as usize].name, &speaker.name);
            }
        }
    }
    Ok(())
}

fn run_all_ways(text: &str) -> Result<(), TestCaseError> {
    let stage = QuoteStage::new(Some(Arc::new(EveryNameIsKnown)));
    // With the text stage.
    let mut doc =
        Doc::new(Article { text: text.to_string(), published: Some("2026-02-05".into()), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    stage.annotate(&mut doc);
    check(&doc)?;
    // Running twice gives the same result (the stage replaces its own output).
    let (quotes, entities) = (doc.quotes.clone(), doc.entities.clone());
    stage.annotate(&mut doc);
    prop_assert_eq!(&doc.quotes, &quotes);
    prop_assert_eq!(&doc.entities, &entities);
    // With whitespace tokens, as the placeholder text stage gave.
    let mut doc = Doc::new(Article { text: text.to_string(), ..Default::default() });
    for (start, word) in text.split_whitespace().scan(0usize, |offset, word| {
        let start = *offset + text[*offset..].find(word).unwrap_or(0);
        *offset = start + word.len();
        Some((start, word))
    }) {
        doc.tokens.push(Token {
            start: start as u32,
            end: (start + word.len()) as u32,
            sentence: 0,
            kind: TokenKind::Word,
            norm: word.into(),
            flags: Default::default(),
        });
    }
    stage.annotate(&mut doc);
    check(&doc)?;
    // With no tokens at all.
    let mut doc = Doc::new(Article { text: text.to_string(), ..Default::default() });
    stage.annotate(&mut doc);
    check(&doc)
}

/// Fragments news text is made of, quotation marks of every family included, to build text that exercises
/// the rules far more often than random characters do.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(" said ".to_string()),
        Just(" told reporters that ".to_string()),
        Just("According to ".to_string()),
        Just(" he said. ".to_string()),
        Just("Professor Jia Qingguo of Peking University".to_string()),
        Just("the spokesman".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just("\n\n".to_string()),
        Just("China’s".to_string()),
        Just("Sino-US".to_string()),
        Just(" they ".to_string()),
        Just("U.S.".to_string()),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        "\\PC{1,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text(text in "\\PC{0,200}") {
        run_all_ways(&text)?;
    }

    #[test]
    fn news_like_text_with_unbalanced_marks(text in newsy()) {
        run_all_ways(&text)?;
    }
}

#[test]
fn edge_cases() {
    for text in [
        "",
        " ",
        "\"",
        "“",
        "”",
        "\"\"",
        "“”",
        "He said \"",
        "“Unclosed quote that runs on\n\nand a new paragraph without a mark.",
        "\"a\" \"b\" \"c\" \"d",
        "’s ’s ’s",
        "said said said said",
        "According to",
        "According to X,",
        // A comma as the text's last atom once sent the clause search past the end.
        "According to  he said. \", ",
        "According to Smith,",
        "Smith said,",
        "Mr. Dr. Prof.",
        "\n\n\n\n",
        "„“‚‘«»‹›「」『』",
        "Ünïcödé “quøtes” said Ærø Øster. 中国外交部发言人说“这是好事”。",
    ] {
        run_all_ways(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}
