//! Acceptance on the project's first article (read from the shared data at test time, never copied).

use attache_doc::{Article, Doc, Stage};
use attache_themes::ThemeStage;

fn annotate(text: String) -> Doc {
    let mut doc = Doc::new(Article { text, published: Some("2026-02-05".into()), ..Default::default() });
    text_stage().annotate(&mut doc);
    ThemeStage::default().annotate(&mut doc);
    doc
}

fn load_article() -> Option<Doc> {
    let path = attache_testkit::shared_path("corpus/sino-us-call/article.txt")?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(annotate(text))
}

#[test]
fn sino_us_call_has_the_expected_themes() {
    let Some(doc) = load_article() else { return };
    let found: Vec<&str> = doc.theme_summary.iter().map(|s| s.theme.as_str()).collect();
    for theme in [
        "TAIWAN",
        "ARMS_SALES",
        "TARIFFS_TRADE",
        "EXPORT_CONTROLS",
        "ARTIFICIAL_INTELLIGENCE",
        "NUCLEAR_NONPROLIFERATION",
        "SUMMITS",
    ] {
        assert!(found.contains(&theme), "{theme} missing from {found:?}");
    }
    // The summit evidence is APEC and the G20.
    let summits: Vec<&str> = doc.themes.iter().filter(|m| m.theme == "SUMMITS").map(|m| m.text.as_str()).collect();
    assert!(summits.iter().any(|t| t.starts_with("APEC")), "{summits:?}");
    assert!(summits.contains(&"G20"), "{summits:?}");
    // "maritime metaphor" is a figure of speech, not the sea.
    assert!(!found.contains(&"MARITIME"), "{found:?}");
    // Taiwan is the most mentioned issue after diplomacy itself.
    let taiwan = doc.theme_summary.iter().find(|s| s.theme == "TAIWAN").unwrap();
    assert!(taiwan.mentions >= 5 && taiwan.sentences >= 4, "{taiwan:?}");
}

#[test]
fn sino_us_call_mentions_point_at_their_evidence() {
    let Some(doc) = load_article() else { return };
    assert!(!doc.themes.is_empty());
    for mention in &doc.themes {
        let span = attache_doc::Span::new(mention.start, mention.end);
        assert_eq!(doc.slice(span), mention.text, "{mention:?}");
        let sentence = &doc.sentences[mention.sentence as usize];
        assert!(sentence.span().contains(span), "{mention:?} outside sentence {}", sentence.id);
    }
    let arms = doc.themes.iter().find(|m| m.theme == "ARMS_SALES").unwrap();
    assert_eq!(arms.text, "arms sales");
}

#[test]
fn sino_us_call_tone_is_positive_with_negative_warnings() {
    let Some(doc) = load_article() else { return };
    let tone = doc.tone.clone().expect("article tone");
    assert!(tone.tone > 0.0, "{tone:?}");
    assert!(tone.positive > tone.negative && tone.negative > 0.0, "{tone:?}");
    assert!((tone.polarity - (tone.positive + tone.negative)).abs() < 1e-4);
    assert!(tone.word_count > 400, "{tone:?}");
    for cue in ["red line", "deterioration"] {
        let sentence = doc.sentences.iter().find(|s| s.text.contains(cue)).unwrap_or_else(|| panic!("{cue}"));
        let value = sentence.tone.expect("sentence tone");
        assert!(value < 0.0, "sentence with `{cue}` scored {value}: {}", sentence.text);
    }
    assert!(doc.sentences.iter().all(|s| s.tone.is_some()));
    // The headline urges steps to boost ties: positive.
    assert!(doc.sentences[0].tone.unwrap() > 0.0);
}

/// The text stage, built the way any stage is (it is a unit struct today but may gain compiled resources).
#[allow(clippy::default_constructed_unit_structs)]
fn text_stage() -> attache_text::TextStage {
    attache_text::TextStage::default()
}
