//! The attribution and recognition rules of docs/quotes.md, one invented example each.

use attache_doc::{Article, Doc, EntityKind, Quote, QuoteKind, Stage};
use attache_quotes::QuoteStage;

fn annotate(text: &str) -> Doc {
    let mut doc = Doc::new(Article { text: text.into(), ..Default::default() });
    attache_text::TextStage::default().annotate(&mut doc);
    QuoteStage::default().annotate(&mut doc);
    doc
}

fn only(doc: &Doc) -> &Quote {
    assert_eq!(doc.quotes.len(), 1, "{:#?}", doc.quotes);
    &doc.quotes[0]
}

fn speaker(quote: &Quote) -> Option<&str> {
    quote.speaker.as_ref().map(|s| s.name.as_str())
}

#[test]
fn direct_quote_with_attribution_after_it() {
    let doc = annotate("\"We will not give up the talks,\" said Minister Anna Berg.");
    let quote = only(&doc);
    assert_eq!(quote.kind, QuoteKind::Direct);
    assert_eq!(quote.text, "We will not give up the talks,");
    assert_eq!(speaker(quote), Some("Anna Berg"));
    assert_eq!(quote.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
}

#[test]
fn inverted_and_pronoun_attribution() {
    let doc = annotate("Anna Berg arrived in Oslo on Monday. “The door is open,” she said.");
    let quote = only(&doc);
    assert_eq!(speaker(quote), Some("Anna Berg"));
    assert_eq!(quote.speaker.as_ref().map(|s| s.resolution.as_str()), Some("pronoun"));
}

#[test]
fn pronouns_respect_gender_from_titles() {
    let doc = annotate("Mr Tomas Halvorsen met Ms Petra Lind in Rome. “It went well,” he said.");
    assert_eq!(speaker(only(&doc)), Some("Tomas Halvorsen"));
}

#[test]
fn colon_introduces_a_direct_quote() {
    let doc = annotate("The envoy Karl Moser told reporters: “There will be a second round.”");
    let quote = only(&doc);
    assert_eq!(quote.kind, QuoteKind::Direct);
    assert_eq!(speaker(quote), Some("Karl Moser"));
}

#[test]
fn guillemets_and_low_nine_marks() {
    let doc = annotate("Karl Moser said «nothing has been decided» and Anna Berg called it „a fair offer“ today.");
    let texts: Vec<&str> = doc.quotes.iter().map(|q| q.text.as_str()).collect();
    assert!(texts.contains(&"nothing has been decided"), "{texts:?}");
}

#[test]
fn quote_spanning_paragraphs() {
    let text = "Karl Moser spoke after the vote.\n\n“The first thing to say is that we lost.\n\n“The second is that we will be back,” he said.";
    let doc = annotate(text);
    let quote = only(&doc);
    assert!(quote.text.starts_with("The first thing") && quote.text.ends_with("we will be back,"), "{:?}", quote.text);
    assert_eq!(speaker(quote), Some("Karl Moser"));
}

#[test]
fn a_paragraph_of_quotation_continues_its_speaker() {
    let text = "“We expect an answer soon,” said Professor Lena Ortiz of Valdemar University.\n\n“If it does not come, we will go to court.”";
    let doc = annotate(text);
    assert_eq!(doc.quotes.len(), 2, "{:#?}", doc.quotes);
    assert_eq!(speaker(&doc.quotes[1]), Some("Lena Ortiz"));
    assert_eq!(doc.quotes[1].speaker.as_ref().map(|s| s.resolution.as_str()), Some("continuation"));
}

#[test]
fn partial_quote_and_its_subject() {
    let doc = annotate("Karl Moser described the meeting as “a frank exchange” on Tuesday.");
    let quote = only(&doc);
    assert_eq!(quote.kind, QuoteKind::Partial);
    assert_eq!(speaker(quote), Some("Karl Moser"));
}

#[test]
fn nested_quotes_stay_inside_the_outer_quote() {
    let doc = annotate("“He told me ‘never again’ and left,” said Anna Berg.");
    let quote = only(&doc);
    assert_eq!(quote.text, "He told me ‘never again’ and left,");
    assert_eq!(speaker(quote), Some("Anna Berg"));
}

#[test]
fn scare_quotes_get_no_speaker() {
    let doc = annotate("The so-called “reform” package passed on Tuesday. Prices rose.");
    assert!(doc.quotes.iter().all(|q| q.speaker.is_none()), "{:#?}", doc.quotes);
    assert!(doc.quotes.is_empty(), "a one-word scare quote is not a quote: {:#?}", doc.quotes);
}

#[test]
fn no_speaker_is_invented() {
    let doc = annotate("“The harbour is closed until further notice.”");
    let quote = only(&doc);
    assert_eq!(quote.kind, QuoteKind::Direct);
    assert!(quote.speaker.is_none());
}

#[test]
fn indirect_speech_forms() {
    let cases = [
        (
            "Karl Moser said that the ceasefire would hold until spring.",
            "the ceasefire would hold until spring",
            "Karl Moser",
        ),
        (
            "Karl Moser said the ceasefire would hold until spring.",
            "the ceasefire would hold until spring",
            "Karl Moser",
        ),
        ("Anna Berg told reporters that the border would reopen soon.", "the border would reopen soon", "Anna Berg"),
        (
            "Anna Berg warned that sanctions could follow within weeks.",
            "sanctions could follow within weeks",
            "Anna Berg",
        ),
        (
            "Anna Berg suggested that both sides should return to the table.",
            "both sides should return to the table",
            "Anna Berg",
        ),
        ("According to Karl Moser, the talks will resume next week.", "the talks will resume next week", "Karl Moser"),
        ("The talks will resume next week, according to Karl Moser.", "The talks will resume next week", "Karl Moser"),
        ("The talks will resume next week, Karl Moser said.", "The talks will resume next week", "Karl Moser"),
    ];
    for (text, reported, who) in cases {
        let doc = annotate(text);
        let quote = only(&doc);
        assert_eq!(quote.kind, QuoteKind::Indirect, "{text}");
        assert_eq!(quote.text, reported, "{text}");
        assert_eq!(speaker(quote), Some(who), "{text}");
    }
}

#[test]
fn surnames_and_titles_link_to_the_full_name() {
    let doc = annotate(
        "Professor Lena Ortiz of Valdemar University studied the deal. Ortiz said the terms were fair. \
         Professor Ortiz added that more work was needed.",
    );
    assert_eq!(doc.quotes.len(), 2, "{:#?}", doc.quotes);
    for quote in &doc.quotes {
        let speaker = quote.speaker.as_ref().expect("speaker");
        assert_eq!(speaker.name, "Lena Ortiz");
        assert_eq!(speaker.affiliation.as_deref(), Some("Valdemar University"));
        assert_eq!(speaker.entity, doc.quotes[0].speaker.as_ref().and_then(|s| s.entity));
    }
    assert_eq!(doc.quotes[0].speaker.as_ref().map(|s| s.resolution.as_str()), Some("surname"));
    assert_eq!(doc.quotes[1].speaker.as_ref().map(|s| s.resolution.as_str()), Some("title"));
}

#[test]
fn role_descriptions_resolve_to_the_role_holder() {
    let doc = annotate(
        "Ivo Brandt, spokesman for the Nordmark Foreign Ministry, met the press on Friday. \
         The spokesman said the embassy would stay open.",
    );
    let quote = only(&doc);
    let speaker = quote.speaker.as_ref().expect("speaker");
    assert_eq!(speaker.name, "Ivo Brandt");
    assert_eq!(speaker.resolution, "role");
    assert_eq!(speaker.role.as_deref(), Some("spokesman"));
    assert_eq!(speaker.affiliation.as_deref(), Some("Nordmark Foreign Ministry"));
}

#[test]
fn unresolved_descriptions_are_kept_as_written() {
    let doc = annotate("Local officials said the bridge had been closed since March.");
    let quote = only(&doc);
    let speaker = quote.speaker.as_ref().expect("speaker");
    assert_eq!(
        (speaker.name.as_str(), speaker.entity, speaker.resolution.as_str()),
        ("Local officials", None, "description")
    );
}

#[test]
fn entities_are_typed_by_titles_heads_and_gazetteer() {
    let doc = annotate(
        "Senator Maria Lopez of the Andean Development Bank flew from Lima to Geneva. \
         In Geneva, Lopez met officials of the World Trade Organization.",
    );
    let kind_of = |name: &str| doc.entities.iter().find(|e| e.name == name).map(|e| e.kind);
    assert_eq!(kind_of("Maria Lopez"), Some(EntityKind::Person));
    assert_eq!(kind_of("Andean Development Bank"), Some(EntityKind::Organization));
    assert_eq!(kind_of("World Trade Organization"), Some(EntityKind::Organization));
    assert_eq!(kind_of("Lima"), Some(EntityKind::Place));
    let geneva = doc.entities.iter().find(|e| e.name == "Geneva").expect("Geneva");
    assert_eq!(geneva.mentions.len(), 2);
    let lopez = doc.entities.iter().find(|e| e.name == "Maria Lopez").expect("Lopez");
    assert_eq!(lopez.mentions.len(), 2, "the surname alone is a mention of her");
    assert_eq!(lopez.role.as_deref(), Some("Senator"));
    assert!(doc.entities.iter().all(|e| e.name != "In"), "sentence openers are not names");
}

#[test]
fn works_without_the_text_stage() {
    // No tokens and no sentences: the stage cuts the text itself.
    let mut doc = Doc::new(Article { text: "“It is over,” said Anna Berg.".into(), ..Default::default() });
    QuoteStage::default().annotate(&mut doc);
    assert_eq!(speaker(only(&doc)), Some("Anna Berg"));
}
