//! The project's first acceptance article (a China–US head-of-state call): every quoted phrase found and
//! attributed, each expert with the affiliation the article gives, the American economist's reported
//! statements as indirect quotes of his, and actor codes from a dictionary seam.

use attache_doc::{Article, Doc, EntityKind, Quote, QuoteKind, Stage};
use attache_quotes::{ActorLookup, QuoteStage};
use std::sync::Arc;

/// A stand-in for attache-dict: a handful of names with codes, dated like the real dictionaries.
struct FakeDictionary;

impl ActorLookup for FakeDictionary {
    fn actor_code(&self, phrase: &str, date: Option<&str>) -> Option<String> {
        let code = match phrase {
            "Xi Jinping" => "CHNGOV",
            // In office from 2025-01-20: the lookup must be given the article's date.
            "Donald Trump" if date.is_some_and(|d| d >= "2025-01-20") => "USAGOV",
            "Peking University" | "Renmin University" => "CHNEDU",
            "State Council Taiwan Affairs Office" | "Chinese Foreign Ministry" => "CHNGOV",
            "Peterson Institute for International Economics" => "USAEDU",
            _ => return None,
        };
        Some(code.to_string())
    }

    fn entity_kind(&self, phrase: &str) -> Option<EntityKind> {
        (phrase == "Xi Jinping").then_some(EntityKind::Person)
    }
}

fn annotated() -> Option<Doc> {
    let path = attache_testkit::shared_path("corpus/sino-us-call/article.txt")?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let article = Article { text, published: Some("2026-02-05".into()), ..Default::default() };
    let mut doc = Doc::new(article);
    attache_text::TextStage::default().annotate(&mut doc);
    QuoteStage::new(Some(Arc::new(FakeDictionary))).annotate(&mut doc);
    Some(doc)
}

fn quote_containing<'d>(doc: &'d Doc, phrase: &str) -> &'d Quote {
    doc.quotes.iter().find(|q| q.text.contains(phrase)).unwrap_or_else(|| {
        panic!("no quote contains {phrase:?}; quotes: {:#?}", doc.quotes.iter().map(|q| &q.text).collect::<Vec<_>>())
    })
}

fn assert_speaker(quote: &Quote, name: &str) {
    let speaker = quote.speaker.as_ref().unwrap_or_else(|| panic!("no speaker for {:?}", quote.text));
    assert_eq!(speaker.name, name, "speaker of {:?}", quote.text);
}

#[test]
fn every_quoted_phrase_is_found_and_attributed() {
    let Some(doc) = annotated() else { return };
    let expected = [
        ("steer the giant ship", "Xi Jinping"),
        ("it is always right to do a good thing", "Xi Jinping"),
        ("the most important in the world", "Donald Trump"),
        ("a long and thorough call", "Donald Trump"),
        ("many positive results", "Donald Trump"),
        ("made clear the great significance", "Diao Daming"),
        ("hard-won opportunities", "Jia Qingguo"),
        ("the first red line that cannot be crossed", "Chen Binhua"),
        ("responsible role", "Su Xiaohui"),
    ];
    for (phrase, speaker) in expected {
        let quote = quote_containing(&doc, phrase);
        assert_ne!(quote.kind, QuoteKind::Indirect, "{phrase:?} is in quotation marks");
        assert_speaker(quote, speaker);
        assert!(quote.cue.is_some(), "{phrase:?} has a cue");
        assert_eq!(doc.slice(attache_doc::Span::new(quote.start, quote.end)), quote.text);
    }
    // Every quotation-marked span in the article is one of those nine.
    let quoted = doc.quotes.iter().filter(|q| q.kind != QuoteKind::Indirect).count();
    assert_eq!(quoted, expected.len(), "{:#?}", doc.quotes);
}

#[test]
fn experts_carry_their_affiliations_and_roles() {
    let Some(doc) = annotated() else { return };
    let affiliations = [
        ("made clear the great significance", "Renmin University"),
        ("hard-won opportunities", "Peking University"),
        ("the first red line", "State Council Taiwan Affairs Office"),
        ("responsible role", "China Institute of International Studies"),
    ];
    for (phrase, affiliation) in affiliations {
        let speaker = quote_containing(&doc, phrase).speaker.clone().expect("speaker");
        assert_eq!(speaker.affiliation.as_deref(), Some(affiliation), "affiliation of {}", speaker.name);
    }
    let chen = quote_containing(&doc, "the first red line").speaker.clone().expect("speaker");
    assert_eq!(chen.role.as_deref(), Some("spokesman"));
    let jia = quote_containing(&doc, "hard-won").speaker.clone().expect("speaker");
    assert_eq!(jia.role.as_deref(), Some("Professor"));
    assert_eq!(jia.code.as_deref(), Some("CHNEDU"), "an academic takes the code of the university he speaks for");
    let xi = quote_containing(&doc, "steer the giant ship").speaker.clone().expect("speaker");
    assert_eq!((xi.role.as_deref(), xi.affiliation.as_deref()), (Some("President"), Some("China")));
    assert_eq!(xi.code.as_deref(), Some("CHNGOV"));
    let trump = quote_containing(&doc, "thorough call").speaker.clone().expect("speaker");
    assert_eq!(trump.code.as_deref(), Some("USAGOV"), "the lookup is asked with the publication date");
    // "He emphasized …": a pronoun resolved to the preceding person.
    let pronoun = quote_containing(&doc, "always right").speaker.clone().expect("speaker");
    assert_eq!((pronoun.resolution.as_str(), pronoun.mention.text.as_str()), ("pronoun", "He"));
}

#[test]
fn the_economists_reported_statements_are_indirect_quotes_of_his() {
    let Some(doc) = annotated() else { return };
    let hufbauer: Vec<&Quote> =
        doc.quotes.iter().filter(|q| q.speaker.as_ref().is_some_and(|s| s.name == "Gary Hufbauer")).collect();
    let cues: Vec<&str> = hufbauer.iter().filter_map(|q| q.cue.as_ref()).map(|c| c.text.as_str()).collect();
    assert_eq!(cues, ["suggested", "warned"], "{hufbauer:#?}");
    assert!(hufbauer.iter().all(|q| q.kind == QuoteKind::Indirect));
    assert!(hufbauer[0].text.contains("would be necessary to demonstrate good faith"));
    assert!(hufbauer[1].text.contains("would signal deterioration"));
    assert_eq!(
        hufbauer[0].speaker.as_ref().and_then(|s| s.affiliation.as_deref()),
        Some("Peterson Institute for International Economics")
    );
}

#[test]
fn entities_of_the_article() {
    let Some(doc) = annotated() else { return };
    let find = |name: &str| doc.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name}"));
    let xi = find("Xi Jinping");
    assert_eq!(xi.kind, EntityKind::Person);
    assert!(xi.mentions.len() >= 3, "full name and “President Xi” mentions: {:?}", xi.mentions);
    assert_eq!(find("Taiwan").kind, EntityKind::Place);
    assert_eq!(find("State Council Taiwan Affairs Office").kind, EntityKind::Organization);
    assert_eq!(find("State Council Taiwan Affairs Office").code.as_deref(), Some("CHNGOV"));
    assert_eq!(find("United States").kind, EntityKind::Place);
    for (id, entity) in doc.entities.iter().enumerate() {
        assert_eq!(entity.id as usize, id);
        for mention in &entity.mentions {
            assert_eq!(doc.slice(mention.span()), mention.text);
        }
    }
}
