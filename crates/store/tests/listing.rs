//! The listing queries read back exactly what was written, and their filters select the right rows.

use attache_doc::{
    ActorRef, Article, Doc, Entity, EntityKind, Event, EventEvidence, Mention, Mode, Quote, QuoteKind, Sentence, Span,
    Speaker, ThemeMention, Tone,
};
use attache_store::{BatchPolicy, EntityFilter, EventFilter, QuoteFilter, Store, ThemeFilter};
use proptest::prelude::*;

/// An article of invented sentences, split at each `.`.
fn article(id: &str, published: &str, text: &str) -> Doc {
    let mut doc = Doc::new(Article {
        id: id.into(),
        text: text.into(),
        published: Some(published.into()),
        title: Some(format!("Story {id}")),
        ..Default::default()
    });
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            let lead = text[start..=i].len() - text[start..=i].trim_start().len();
            let span = doc.span(start + lead, i + 1);
            let text = doc.slice(span).to_string();
            let id = doc.sentences.len() as u32;
            doc.sentences.push(Sentence { id, start: span.start, end: span.end, paragraph: 0, text, tone: None });
            start = i + 1;
        }
    }
    doc
}

/// The character span of the first `words` in the document.
fn find(doc: &Doc, words: &str) -> Span {
    let byte = doc.article.text.find(words).unwrap_or_else(|| panic!("no `{words}`"));
    doc.span(byte, byte + words.len())
}

fn actor(doc: &Doc, code: &str, words: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: Some(code[..3].into()),
        sectors: if code.len() > 3 { vec![code[3..].into()] } else { Vec::new() },
        span: find(doc, words),
        text: words.into(),
        entry: Some(format!("{words} entry")),
    }
}

#[allow(clippy::too_many_arguments)]
fn event(doc: &mut Doc, sentence: u32, source: (&str, &str), target: (&str, &str), code: &str, verb: &str, mode: Mode) {
    let event = Event {
        id: doc.events.len() as u32,
        sentence,
        source: actor(doc, source.0, source.1),
        target: actor(doc, target.0, target.1),
        code: code.into(),
        root: code[..2].into(),
        name: format!("name of {code}"),
        goldstein: 2.8,
        quad_class: 1,
        plover: Some("CONSULT".into()),
        mode,
        date: doc.article.published.clone(),
        date_span: None,
        verb: find(doc, verb),
        verb_text: verb.into(),
        reporter: None,
        evidence: EventEvidence {
            dictionary: "verbs.toml:1".into(),
            verb_entry: verb.to_uppercase(),
            pattern: "* +".into(),
            rule: "active-svo".into(),
        },
    };
    doc.events.push(event);
}

fn quote(doc: &mut Doc, kind: QuoteKind, words: &str, sentence: u32, speaker: Option<(&str, &str)>) {
    let span = find(doc, words);
    let speaker = speaker.map(|(name, role)| Speaker {
        entity: Some(0),
        name: name.into(),
        mention: Mention { start: 0, end: 3, text: "She".into() },
        resolution: "name".into(),
        role: Some(role.into()),
        affiliation: Some("Harbour University".into()),
        code: Some("NOREDU".into()),
    });
    let id = doc.quotes.len() as u32;
    doc.quotes.push(Quote {
        id,
        kind,
        start: span.start,
        end: span.end,
        text: words.into(),
        sentences: [sentence, sentence],
        cue: Some(Mention { start: 0, end: 4, text: "said".into() }),
        speaker,
    });
}

fn theme(doc: &mut Doc, theme: &str, sentence: u32, words: &str) {
    let span = find(doc, words);
    doc.themes.push(ThemeMention {
        theme: theme.into(),
        sentence,
        start: span.start,
        end: span.end,
        text: words.into(),
    });
}

fn entity(doc: &mut Doc, kind: EntityKind, name: &str, code: Option<&str>, role: Option<&str>) {
    let span = find(doc, name);
    let id = doc.entities.len() as u32;
    doc.entities.push(Entity {
        id,
        kind,
        name: name.into(),
        mentions: vec![Mention { start: span.start, end: span.end, text: name.into() }],
        code: code.map(Into::into),
        role: role.map(Into::into),
        affiliation: None,
    });
}

fn tone(value: f32) -> Option<Tone> {
    Some(Tone { tone: value, positive: 3.0, negative: 3.0 - value, polarity: 6.0, word_count: 40 })
}

/// Two invented articles about Norway, Sweden and Finland.
fn corpus() -> (Store, Vec<Doc>) {
    let mut a = article(
        "nordic-1",
        "2026-03-02",
        "Norway met Sweden in Oslo. Finland did not meet Norway. \"Fish prices matter,\" said Ingrid Vik of Harbour \
         University. Vik said 50% of the quota went unused.",
    );
    event(&mut a, 0, ("NORGOV", "Norway"), ("SWEGOV", "Sweden"), "040", "met", Mode::Fact);
    event(&mut a, 1, ("FIN", "Finland"), ("NORGOV", "Norway"), "040", "did not meet", Mode::Negated);
    quote(&mut a, QuoteKind::Direct, "Fish prices matter,", 2, Some(("Ingrid Vik", "Professor")));
    quote(&mut a, QuoteKind::Indirect, "50% of the quota went unused", 3, Some(("Ingrid Vik", "Professor")));
    theme(&mut a, "FISHERIES", 2, "Fish");
    theme(&mut a, "FISHERIES", 3, "quota");
    entity(&mut a, EntityKind::Person, "Ingrid Vik", Some("NOREDU"), Some("Professor"));
    entity(&mut a, EntityKind::Place, "Norway", Some("NOR"), None);
    a.tone = tone(1.0);

    let mut b = article(
        "nordic-2",
        "2026-04-10",
        "Prices of fish fell. Sweden accused Norway of overfishing. Ingrid Vik called it unfair. Others said nothing.",
    );
    event(&mut b, 1, ("SWE", "Sweden"), ("NOR", "Norway"), "112", "accused", Mode::Fact);
    b.events[0].quad_class = 3;
    b.events[0].goldstein = -2.0;
    b.events[0].reporter = Some(actor(&b, "NORGOV", "Norway"));
    b.events[0].date_span = Some(find(&b, "Sweden"));
    quote(&mut b, QuoteKind::Partial, "called it unfair", 2, Some(("Ingrid Vik", "Dean")));
    quote(&mut b, QuoteKind::Indirect, "nothing", 3, None);
    theme(&mut b, "FISHERIES", 0, "fish");
    theme(&mut b, "FISHERIES", 1, "overfishing");
    entity(&mut b, EntityKind::Person, "Ingrid Vik", Some("NOREDU"), Some("Professor"));
    entity(&mut b, EntityKind::Place, "Sweden", Some("SWE"), None);
    b.tone = tone(-3.0);

    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    for doc in [&a, &b] {
        writer.write(doc).unwrap();
    }
    writer.finish().unwrap();
    (store, vec![a, b])
}

fn event_ids(store: &Store, filter: EventFilter) -> Vec<String> {
    store.events(&filter).unwrap().iter().map(|e| e.id()).collect()
}

#[test]
fn events_read_back_as_written_with_their_sentence() {
    let (store, docs) = corpus();
    let events = store.events(&EventFilter::default()).unwrap();
    let written: Vec<&Event> = docs.iter().flat_map(|d| &d.events).collect();
    let read: Vec<&Event> = events.iter().map(|e| &e.event).collect();
    assert_eq!(read, written);
    assert_eq!(events[0].sentence_text, "Norway met Sweden in Oslo.");
    assert_eq!(events[1].sentence_start, docs[0].sentences[1].start);
    assert_eq!(events[2].title.as_deref(), Some("Story nordic-2"));
    let one = store.event("nordic-2", 0).unwrap().unwrap();
    assert_eq!(one, events[2]);
    assert_eq!(one.id(), "nordic-2:0");
    assert!(store.event("nordic-2", 1).unwrap().is_none());
    assert!(store.event("nordic-9", 0).unwrap().is_none());
    assert_eq!(store.event_count("nordic-1").unwrap(), 2);
}

#[test]
fn event_filters() {
    let (store, _) = corpus();
    let ids = |filter| event_ids(&store, filter);
    let pair =
        |a: &str, b: &str, directed| EventFilter { pair: Some((a.into(), b.into())), directed, ..Default::default() };
    assert_eq!(ids(EventFilter { actor: Some("NOR".into()), ..Default::default() }).len(), 3);
    assert_eq!(ids(EventFilter { actor: Some("NORGOV".into()), ..Default::default() }), ["nordic-1:0", "nordic-1:1"]);
    assert_eq!(ids(EventFilter { source: Some("SWE".into()), ..Default::default() }), ["nordic-2:0"]);
    assert_eq!(ids(EventFilter { target: Some("SWEGOV".into()), ..Default::default() }), ["nordic-1:0"]);
    assert_eq!(ids(pair("SWE", "NOR", false)), ["nordic-1:0", "nordic-2:0"]);
    assert_eq!(ids(pair("SWE", "NOR", true)), ["nordic-2:0"]);
    assert_eq!(ids(pair("FIN", "SWE", false)), Vec::<String>::new());
    assert_eq!(ids(EventFilter { code: Some("112".into()), ..Default::default() }), ["nordic-2:0"]);
    assert_eq!(ids(EventFilter { root: Some("04".into()), ..Default::default() }).len(), 2);
    assert_eq!(ids(EventFilter { quad: Some(3), ..Default::default() }), ["nordic-2:0"]);
    assert_eq!(ids(EventFilter { mode: Some(Mode::Negated), ..Default::default() }), ["nordic-1:1"]);
    assert_eq!(ids(EventFilter { from: Some("2026-04-01".into()), ..Default::default() }), ["nordic-2:0"]);
    assert_eq!(ids(EventFilter { to: Some("2026-03-02".into()), ..Default::default() }).len(), 2);
    assert_eq!(ids(EventFilter { article: Some("nordic-2".into()), ..Default::default() }), ["nordic-2:0"]);
    assert_eq!(ids(EventFilter { limit: Some(1), offset: 1, ..Default::default() }), ["nordic-1:1"]);
    // Prefixes are literal: SQL pattern characters match nothing.
    assert!(ids(EventFilter { actor: Some("N%".into()), ..Default::default() }).is_empty());
}

#[test]
fn quotes_read_back_and_filter() {
    let (store, docs) = corpus();
    let all = store.quotes(&QuoteFilter::default()).unwrap();
    let written: Vec<&Quote> = docs.iter().flat_map(|d| &d.quotes).collect();
    assert_eq!(all.iter().map(|q| &q.quote).collect::<Vec<_>>(), written);
    let texts = |filter: QuoteFilter| -> Vec<String> {
        store.quotes(&filter).unwrap().into_iter().map(|q| q.quote.text).collect()
    };
    let by = |name: &str| QuoteFilter { speaker: Some(name.into()), ..Default::default() };
    assert_eq!(texts(by("vik")).len(), 3);
    assert_eq!(texts(by("INGRID")).len(), 3);
    assert_eq!(texts(by(" Ingrid   Vik ")).len(), 3);
    assert!(texts(by("Vi")).is_empty());
    assert!(texts(by("%")).is_empty());
    assert!(texts(by("Ingrid_Vik")).is_empty());
    let about = QuoteFilter { about: Some("fisheries".into()), ..Default::default() };
    assert_eq!(texts(about), ["Fish prices matter,", "50% of the quota went unused"]);
    let partial = QuoteFilter { kind: Some(QuoteKind::Partial), ..Default::default() };
    assert_eq!(texts(partial), ["called it unfair"]);
    let april = QuoteFilter { from: Some("2026-04-01".into()), ..Default::default() };
    assert_eq!(texts(april), ["called it unfair", "nothing"]);
    let first = QuoteFilter { article: Some("nordic-1".into()), limit: Some(1), offset: 1, ..Default::default() };
    assert_eq!(texts(first), ["50% of the quota went unused"]);
}

#[test]
fn entities_aggregate_across_articles() {
    let (store, _) = corpus();
    let all = store.entities(&EntityFilter::default()).unwrap();
    let vik = &all[0];
    assert_eq!((vik.name.as_str(), vik.kind.as_str()), ("Ingrid Vik", "person"));
    assert_eq!((vik.articles, vik.mentions), (2, 2));
    assert_eq!((vik.first.as_deref(), vik.last.as_deref()), (Some("2026-03-02"), Some("2026-04-10")));
    assert_eq!(vik.code.as_deref(), Some("NOREDU"));
    assert_eq!(vik.role.as_deref(), Some("Professor"));
    assert_eq!(all.len(), 3);
    let names = |filter: EntityFilter| -> Vec<String> {
        store.entities(&filter).unwrap().into_iter().map(|e| e.name).collect()
    };
    assert_eq!(names(EntityFilter { kind: Some("place".into()), ..Default::default() }), ["Norway", "Sweden"]);
    assert_eq!(names(EntityFilter { code: Some("SW".into()), ..Default::default() }), ["Sweden"]);
    assert_eq!(names(EntityFilter { search: Some("vik".into()), ..Default::default() }), ["Ingrid Vik"]);
    assert!(names(EntityFilter { search: Some("_".into()), ..Default::default() }).is_empty());
    let one = EntityFilter { article: Some("nordic-2".into()), ..Default::default() };
    assert_eq!(store.entities(&one).unwrap()[0].articles, 1);
    assert_eq!(names(EntityFilter { limit: Some(1), offset: 2, ..Default::default() }), ["Sweden"]);
}

#[test]
fn themes_count_with_mean_tone_and_phrases() {
    let (store, _) = corpus();
    let counts = store.theme_counts(&ThemeFilter::default()).unwrap();
    assert_eq!(counts.len(), 1);
    let fisheries = &counts[0];
    assert_eq!((fisheries.articles, fisheries.sentences, fisheries.mentions), (2, 4, 4));
    assert_eq!(fisheries.tone, Some(-1.0));
    let march = ThemeFilter { to: Some("2026-03-31".into()), ..Default::default() };
    assert_eq!(store.theme_counts(&march).unwrap()[0].tone, Some(1.0));
    let phrases = store.theme_phrases("Fisheries", &ThemeFilter::default()).unwrap();
    let listed: Vec<(&str, u64, u64)> = phrases.iter().map(|p| (p.phrase.as_str(), p.mentions, p.articles)).collect();
    // "Fish" and "fish" are one phrase.
    assert_eq!(listed, [("Fish", 2, 2), ("overfishing", 1, 1), ("quota", 1, 1)]);
    assert!(store.theme_phrases("NOTHING", &ThemeFilter::default()).unwrap().is_empty());
    assert_eq!(store.article_tone("nordic-2").unwrap().map(|t| t.tone), Some(-3.0));
    assert!(store.article_tone("nordic-9").unwrap().is_none());
}

proptest! {
    /// Whatever a person types as a code, name or theme, the queries answer, and what they return matches it
    /// literally (no SQL pattern character widens a match).
    #[test]
    fn any_typed_filter_is_answered_literally(text in "\\PC{0,12}") {
        let (store, _) = corpus();
        let some = Some(text.clone());
        let events = store.events(&EventFilter { actor: some.clone(), ..Default::default() }).unwrap();
        for e in &events {
            prop_assert!(e.event.source.code.starts_with(&text) || e.event.target.code.starts_with(&text));
        }
        let pair = Some((text.clone(), "NOR".to_string()));
        let answered = store.events(&EventFilter { pair, ..Default::default() });
        prop_assert!(answered.is_ok());
        let quotes = store.quotes(&QuoteFilter { speaker: some.clone(), ..Default::default() }).unwrap();
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        // Blank names filter nothing.
        for q in quotes.iter().filter(|_| !words.is_empty()) {
            let name = format!(" {} ", q.quote.speaker.as_ref().map_or("", |s| s.name.as_str()).to_lowercase());
            prop_assert!(name.contains(&format!(" {words} ")), "{} for {:?}", name, text);
        }
        let answered = store.quotes(&QuoteFilter { about: some.clone(), ..Default::default() });
        prop_assert!(answered.is_ok());
        let entities = store.entities(&EntityFilter { search: some.clone(), ..Default::default() }).unwrap();
        for e in &entities {
            prop_assert!(e.name.to_lowercase().contains(&text.to_lowercase()));
        }
        let answered = store.entities(&EntityFilter { code: some.clone(), ..Default::default() });
        prop_assert!(answered.is_ok());
        let answered = store.theme_phrases(&text, &ThemeFilter { article: some, ..Default::default() });
        prop_assert!(answered.is_ok());
    }
}
