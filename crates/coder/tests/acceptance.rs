//! The first acceptance article (a China–US head-of-state phone call, published 2026-02-05), coded end to end
//! with the text stage and attache's default dictionaries.

use attache_coder::CoderStage;
use attache_doc::{Article, Doc, Mode, Stage};

fn coded_article() -> Option<Doc> {
    let path = attache_testkit::shared_path("corpus/sino-us-call/article.txt")?;
    let text = std::fs::read_to_string(path).unwrap();
    let mut doc = Doc::new(Article { text, published: Some("2026-02-05".into()), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    CoderStage::default_english().unwrap().annotate(&mut doc);
    Some(doc)
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

#[test]
fn phone_call_is_041_between_governments_on_wednesday() {
    let Some(doc) = coded_article() else { return };
    let calls: Vec<_> = doc.events.iter().filter(|e| e.code == "041").collect();
    let pair = |a: &str, b: &str| calls.iter().any(|e| e.source.code == a && e.target.code == b);
    assert!(pair("CHNGOV", "USAGOV") && pair("USAGOV", "CHNGOV"), "calls: {calls:#?}");
    for e in &calls {
        assert_eq!(e.date.as_deref(), Some("2026-02-04"), "the call was on the Wednesday before publication");
        assert_eq!(e.mode, Mode::Fact);
        assert_eq!(e.plover.as_deref(), Some("CONSULT"));
        assert_eq!(e.quad_class, 1);
        assert!(e.date_span.is_some_and(|s| doc.slice(s).contains("Wednesday")));
        assert!(!e.evidence.pattern.is_empty(), "a phone-call pattern fired");
        assert!(doc.slice(e.verb).contains("conducted"));
    }
}

#[test]
fn china_presses_the_us_over_taiwan_and_arms_sales() {
    let Some(doc) = coded_article() else { return };
    let pressing: Vec<_> = doc
        .events
        .iter()
        .filter(|e| matches!(e.root.as_str(), "02" | "10"))
        .filter(|e| country(&e.source.code) == "CHN" && country(&e.target.code) == "USA" && e.mode == Mode::Fact)
        .collect();
    assert!(!pressing.is_empty(), "events: {:#?}", doc.events);
    // One of them is Xi's appeal about US arms sales to Taiwan, found through "He".
    let sentence = doc.sentences.iter().find(|s| s.text.contains("arms sales to Taiwan, urging")).unwrap();
    assert!(pressing.iter().any(|e| e.sentence == sentence.id && e.source.text == "He"));
}

#[test]
fn hypothetical_arms_sales_and_export_controls_are_not_facts() {
    let Some(doc) = coded_article() else { return };
    let warning = doc.sentences.iter().find(|s| s.text.contains("export controls")).unwrap();
    for e in &doc.events {
        let about_sales = matches!(e.code.as_str(), "072" | "163" | "1312");
        assert!(!(e.mode == Mode::Fact && (about_sales || e.sentence == warning.id)), "coded as a fact: {e:#?}");
    }
}
