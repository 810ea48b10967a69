//! The coder on any text: no panic, and every event it codes is well-formed — spans inside the article and
//! matching the text they claim, CAMEO fields consistent with the code, dates real — and the suite parsers
//! take any input. 256 cases per property by default; `PROPTEST_CASES=…` for a longer run.

use attache_coder::{Carry, Coder, CoderStage, eval};
use attache_doc::{Article, Doc, Event, Span, Stage};
use proptest::prelude::*;
use std::sync::OnceLock;

fn stage() -> &'static CoderStage {
    static STAGE: OnceLock<CoderStage> = OnceLock::new();
    STAGE.get_or_init(|| CoderStage::default_english().expect("default dictionaries"))
}

/// News words the default dictionaries know, and words that steer the parse.
const WORDS: &[&str] = &[
    "China",
    "Chinese",
    "the",
    "United",
    "States",
    "US",
    "U.S.",
    "Russia",
    "Ukraine",
    "President",
    "Xi",
    "Jinping",
    "Donald",
    "Trump",
    "Foreign",
    "Ministry",
    "minister",
    "police",
    "rebels",
    "army",
    "government",
    "and",
    "or",
    "but",
    "not",
    "did",
    "will",
    "would",
    "could",
    "if",
    "may",
    "said",
    "told",
    "accused",
    "met",
    "meet",
    "held",
    "talks",
    "phone",
    "call",
    "urged",
    "called",
    "on",
    "for",
    "visit",
    "visited",
    "sanctions",
    "imposed",
    "arms",
    "sales",
    "to",
    "of",
    "with",
    "by",
    "was",
    "were",
    "attacked",
    "killed",
    "protest",
    "signed",
    "agreement",
    "praised",
    "criticised",
    "threatened",
    "warned",
    "aid",
    "he",
    "she",
    "they",
    "it",
    "its",
    "their",
    "Wednesday",
    "yesterday",
    "last",
    "week",
    "March",
    "3",
    "2026",
    "Feb.",
    "4",
    "on",
    ",",
    ",",
    ".",
    "\"",
    "'s",
    "-",
    "—",
    "(",
    ")",
    ";",
    ":",
    "é",
    "\u{2019}",
    "\n\n",
    "Taiwan",
    "Beijing",
    "Washington",
    "NATO",
    "UN",
    "world",
    "cup",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    }
}

fn slice(text: &str, span: Span) -> String {
    text.chars().skip(span.start as usize).take((span.end - span.start) as usize).collect()
}

fn check_event(text: &str, e: &Event, sentences: usize) -> Result<(), TestCaseError> {
    let chars = text.chars().count() as u32;
    let mut spans = vec![(e.source.span, &e.source.text), (e.target.span, &e.target.text), (e.verb, &e.verb_text)];
    if let Some(r) = &e.reporter {
        spans.push((r.span, &r.text));
    }
    for (span, claimed) in spans {
        prop_assert!(span.start <= span.end && span.end <= chars, "{span:?} in {chars} characters");
        prop_assert_eq!(&slice(text, span), claimed);
    }
    if let Some(span) = e.date_span {
        prop_assert!(span.start <= span.end && span.end <= chars);
    }
    prop_assert!((e.sentence as usize) < sentences);
    prop_assert!(!e.code.is_empty() && e.code.chars().all(|c| c.is_ascii_digit()), "code {}", e.code);
    prop_assert_eq!(&e.root, &e.code[..2]);
    prop_assert!((1..=4).contains(&e.quad_class), "quad class {}", e.quad_class);
    prop_assert!((-10.0..=10.0).contains(&e.goldstein));
    prop_assert!(!e.source.code.is_empty() && !e.target.code.is_empty());
    if let Some(date) = &e.date {
        prop_assert!(date.parse::<jiff::civil::Date>().is_ok(), "date {date}");
    }
    prop_assert!(!e.evidence.verb_entry.is_empty() && !e.evidence.rule.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_codes_without_panic(text in "\\PC{0,300}") {
        let coder = stage().coder();
        let _ = coder.code_text(&text, None, &mut Carry::default());
    }

    #[test]
    fn news_salad_gives_well_formed_events(
        words in prop::collection::vec(prop::sample::select(WORDS), 1..80),
        day in 1u8..=28,
    ) {
        let text = words.join(" ");
        let mut doc = Doc::new(Article {
            text: text.clone(),
            published: Some(format!("2026-02-{day:02}")),
            ..Default::default()
        });
        attache_text::TextStage::default().annotate(&mut doc);
        stage().annotate(&mut doc);
        for e in &doc.events {
            check_event(&text, e, doc.sentences.len())?;
            let explained = attache_coder::explain::render_event(e);
            prop_assert!(explained.contains(&e.code));
        }
    }

    #[test]
    fn suite_parsers_take_any_input(text in "\\PC{0,400}", pieces in prop::collection::vec(
        prop::sample::select(&["<Sentence", "<Text>", "</Text>", "<Parse>", "<EventCoding", "sourcecode=\"A\"",
            "<Environment>", "<Include>", "<Config", "/>", ">", "\n", "950101 ", "DEMO-01\n", "/*", "*/", "{ A / B / 1 }",
            "-{", "\\n", "OPTION: SET: CODE ALL", "####", "FINAL-01", "&amp;", "&", "\""][..]), 0..60)) {
        let salad = pieces.concat();
        for input in [&text, &salad] {
            let _ = eval::tabari::parse_records(input);
            let _ = eval::petrarch::parse(input);
        }
    }
}

#[test]
fn default_dictionaries_load() {
    Coder::default_english().expect("default dictionaries");
}

/// The checks above see real events: a sentence that codes.
#[test]
fn the_checks_see_events() {
    let text = "Chinese President Xi Jinping and US President Donald Trump held a phone call on Wednesday.";
    let mut doc = Doc::new(Article { text: text.into(), published: Some("2026-02-05".into()), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    stage().annotate(&mut doc);
    assert!(!doc.events.is_empty());
    for e in &doc.events {
        check_event(text, e, doc.sentences.len()).unwrap();
    }
}
