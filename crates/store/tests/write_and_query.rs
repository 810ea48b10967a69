//! Writing documents (idempotence, id conflicts, atomicity, batching) and reading them back.

use attache_doc::{
    ActionRole, ActorRef, Article, Direction, Doc, Entity, EntityKind, Event, EventEvidence, Mention, Mode, Origin,
    Quote, QuoteKind, Sentence, Setter, Signal, SignalAction, Span, Speaker, ThemeMention, Tone,
};
use attache_store::{ArticleFilter, BatchPolicy, Store, WriteOutcome};
use proptest::prelude::*;
use rusqlite::Connection;
use std::time::Duration;

/// A document with one sentence per `.`-terminated piece of `text`.
fn doc(id: &str, title: &str, text: &str, published: Option<&str>, source: Option<&str>) -> Doc {
    let mut doc = Doc::new(Article {
        id: id.into(),
        title: Some(title.into()),
        text: text.into(),
        published: published.map(Into::into),
        source: source.map(Into::into),
        origin: Some(Origin { path: "in.jsonl".into(), format: "jsonl".into(), record: Some(3) }),
        ..Default::default()
    });
    let mut start = 0usize;
    let mut id = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            let piece = &text[start..=i];
            let lead = piece.len() - piece.trim_start().len();
            let span = doc.span(start + lead, i + 1);
            doc.sentences.push(Sentence {
                id,
                start: span.start,
                end: span.end,
                paragraph: 0,
                text: doc.slice(span).to_string(),
                tone: None,
            });
            id += 1;
            start = i + 1;
        }
    }
    doc
}

fn actor(code: &str, country: &str, sectors: &[&str], span: Span, text: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: Some(country.into()),
        sectors: sectors.iter().map(|s| s.to_string()).collect(),
        span,
        text: text.into(),
        entry: None,
    }
}

fn sentence_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM sentences", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_same_content_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let first = doc("x1", "Talks", "China and the US held talks. They agreed.", Some("2026-02-05"), None);
    // Same story, rewrapped and under another id: still the same content.
    let again = doc("other-id", "Talks", "China and the US held  talks.\nThey agreed.\n", None, None);
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    assert_eq!(writer.write(&first).unwrap(), WriteOutcome::Stored { id: "x1".into() });
    assert_eq!(writer.write(&first).unwrap(), WriteOutcome::Duplicate { existing_id: "x1".into() });
    assert_eq!(writer.write(&again).unwrap(), WriteOutcome::Duplicate { existing_id: "x1".into() });
    writer.finish().unwrap();
    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.sentences), (1, 2));
}

#[test]
fn a_taken_id_with_new_content_gets_a_deterministic_new_id() {
    let mut store = Store::open_in_memory().unwrap();
    let original = doc("story", "A", "First version.", None, None);
    let different = doc("story", "A", "Entirely different text.", None, None);
    let expected_id = format!("story~{}", &different.content_hash[..8]);
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&original).unwrap();
    assert_eq!(
        writer.write(&different).unwrap(),
        WriteOutcome::Renamed { requested: "story".into(), id: expected_id.clone() }
    );
    // Rerunning the same input recognises both by content.
    assert_eq!(writer.write(&different).unwrap(), WriteOutcome::Duplicate { existing_id: expected_id.clone() });
    writer.finish().unwrap();
    let stored = store.article(&expected_id).unwrap().unwrap();
    assert_eq!(stored.input_id.as_deref(), Some("story"));
    assert_eq!(stored.text, "Entirely different text.");
    assert_eq!(store.article("story").unwrap().unwrap().text, "First version.");
}

#[test]
fn a_failing_article_leaves_no_rows_and_the_batch_goes_on() {
    let mut store = Store::open_in_memory().unwrap();
    let good = doc("good", "G", "One. Two.", None, None);
    let mut bad = doc("bad", "B", "Three. Four.", None, None);
    bad.sentences[1].id = 0; // two sentences numbered 0: the second insert violates the key
    let later = doc("later", "L", "Five.", None, None);
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&good).unwrap();
    assert!(writer.write(&bad).is_err());
    writer.write(&later).unwrap();
    writer.finish().unwrap();
    assert!(store.article("bad").unwrap().is_none());
    assert_eq!(sentence_count(store.connection()), 3, "no sentence of the failed article remains");
    let ids: Vec<String> = store.list_articles(&ArticleFilter::default()).unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(ids, ["good", "later"]);
}

#[test]
fn a_sentences_only_article_that_fails_after_its_row_is_undone() {
    // Articles with only sentences are written without a savepoint; a failure after the article row went in
    // must still leave nothing of it (no row, no sentences, no search-queue entry) and let the batch go on.
    let mut store = Store::open_in_memory().unwrap();
    store
        .connection()
        .execute_batch(
            "CREATE TRIGGER refuse_spans BEFORE INSERT ON sentence_spans \
             WHEN (SELECT id FROM articles WHERE pk = new.article) = 'bad' BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    let good = doc("good", "G", "One. Two.", None, None);
    let bad = doc("bad", "B", "Three. Four.", None, None);
    let later = doc("later", "L", "Five.", None, None);
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&good).unwrap();
    let error = writer.write(&bad).unwrap_err();
    assert!(error.concerns_one_article(), "{error}");
    writer.write(&later).unwrap();
    writer.finish().unwrap();
    let conn = store.connection();
    assert!(store.article("bad").unwrap().is_none());
    assert_eq!(sentence_count(conn), 3, "no sentence of the failed article remains");
    let queued: i64 = conn.query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0)).unwrap();
    assert_eq!(queued, 2, "only the stored articles wait for the search index");
    let filter = ArticleFilter { search: Some("five".into()), ..Default::default() };
    let found: Vec<String> = store.list_articles(&filter).unwrap().into_iter().map(|a| a.id).collect();
    assert_eq!(found, ["later"]);
}

#[test]
fn batches_commit_by_count_and_on_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.db");
    let mut store = Store::open(&path).unwrap();
    let observer = Connection::open(&path).unwrap();
    let visible = |c: &Connection| -> i64 { c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap() };
    let policy = BatchPolicy {
        max_articles: 3,
        max_bytes: usize::MAX,
        max_age: Duration::from_secs(3600),
        ..BatchPolicy::default()
    };
    let mut writer = store.writer(policy).unwrap();
    for i in 0..2 {
        writer.write(&doc(&format!("d{i}"), "T", &format!("Text number {i}."), None, None)).unwrap();
    }
    assert_eq!(visible(&observer), 0, "an open batch is invisible to readers");
    writer.write(&doc("d2", "T", "Text number 2.", None, None)).unwrap();
    assert_eq!(visible(&observer), 3, "the third article filled the batch and committed it");
    writer.write(&doc("d3", "T", "Text number 3.", None, None)).unwrap();
    assert_eq!(visible(&observer), 3);
    writer.finish().unwrap();
    assert_eq!(visible(&observer), 4);
}

#[test]
fn batches_commit_by_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bytes.db");
    let mut store = Store::open(&path).unwrap();
    let observer = Connection::open(&path).unwrap();
    let policy = BatchPolicy {
        max_articles: usize::MAX,
        max_bytes: 1_000,
        max_age: Duration::from_secs(3600),
        ..BatchPolicy::default()
    };
    let mut writer = store.writer(policy).unwrap();
    writer.write(&doc("small", "T", "Short.", None, None)).unwrap();
    let visible = |c: &Connection| -> i64 { c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap() };
    assert_eq!(visible(&observer), 0);
    writer.write(&doc("big", "T", &"Long sentence here. ".repeat(60), None, None)).unwrap();
    assert_eq!(visible(&observer), 2);
    drop(writer); // dropping commits too
    assert_eq!(visible(&observer), 2);
}

#[test]
fn every_annotation_kind_is_stored_in_its_table() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Xi called Biden on Wednesday. “We oppose it,” Xi said.";
    let mut d = doc("full", "Call", text, Some("2026-02-05T09:00:00+08:00"), Some("wire"));
    d.events.push(Event {
        id: 0,
        sentence: 0,
        source: actor("CHNGOV", "CHN", &["GOV"], Span::new(0, 2), "Xi"),
        target: actor("USAGOV", "USA", &["GOV"], Span::new(10, 15), "Biden"),
        code: "041".into(),
        root: "04".into(),
        name: "Discuss by telephone".into(),
        goldstein: 1.0,
        quad_class: 1,
        plover: Some("CONSULT".into()),
        mode: Mode::Fact,
        date: Some("2026-02-04".into()),
        date_span: Some(Span::new(16, 28)),
        verb: Span::new(3, 9),
        verb_text: "called".into(),
        reporter: None,
        evidence: EventEvidence {
            dictionary: "test".into(),
            verb_entry: "CALL".into(),
            pattern: "* CALL +".into(),
            rule: "active-svo".into(),
        },
    });
    d.entities.push(Entity {
        id: 0,
        kind: EntityKind::Person,
        name: "Xi".into(),
        mentions: vec![
            Mention { start: 0, end: 2, text: "Xi".into() },
            Mention { start: 45, end: 47, text: "Xi".into() },
        ],
        code: Some("CHNGOV".into()),
        role: Some("president".into()),
        affiliation: None,
    });
    d.quotes.push(Quote {
        id: 0,
        kind: QuoteKind::Direct,
        start: 31,
        end: 42,
        text: "We oppose it".into(),
        sentences: [1, 1],
        cue: Some(Mention { start: 48, end: 52, text: "said".into() }),
        speaker: Some(Speaker {
            entity: Some(0),
            name: "Xi".into(),
            mention: Mention { start: 45, end: 47, text: "Xi".into() },
            resolution: "name".into(),
            role: None,
            affiliation: None,
            code: Some("CHNGOV".into()),
        }),
    });
    d.themes.push(ThemeMention { theme: "DIPLOMACY".into(), sentence: 0, start: 3, end: 9, text: "called".into() });
    d.themes.push(ThemeMention { theme: "DIPLOMACY".into(), sentence: 1, start: 48, end: 52, text: "said".into() });
    d.tone = Some(Tone { tone: -1.5, positive: 1.0, negative: 2.5, polarity: 3.5, word_count: 10 });
    d.signals.push(Signal {
        id: 0,
        sentence: 1,
        setter: Some(Setter { name: "Xi".into(), entity: Some(0), code: Some("CHNGOV".into()), quote: Some(0) }),
        direction: Direction::Deterioration,
        mode: Mode::Hypothetical,
        actor: Some("USA".into()),
        target: Some("CHN".into()),
        family: "signal-verb".into(),
        cue: Mention { start: 31, end: 40, text: "We oppose".into() },
        actions: vec![
            SignalAction {
                start: 40,
                end: 42,
                text: "it".into(),
                role: ActionRole::Expected,
                entries: vec!["arms-sale".into()],
                codes: vec!["16".into(), "17".into()],
                actor: Some("USA".into()),
                actor_from: Some("context".into()),
                target: Some("CHN".into()),
                target_from: Some("implied".into()),
                mutual: false,
                events: vec![0],
            },
            SignalAction {
                start: 3,
                end: 9,
                text: "called".into(),
                role: ActionRole::Unless,
                entries: Vec::new(),
                codes: vec!["04".into()],
                actor: None,
                actor_from: None,
                target: None,
                target_from: None,
                mutual: true,
                events: Vec::new(),
            },
        ],
    });
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&d).unwrap();
    writer.finish().unwrap();

    let conn = store.connection();
    let event: (String, String, String, String, f64, i64, String, Option<String>) = conn
        .query_row(
            "SELECT source_code, source_sectors, target_country, code, goldstein, quad_class, mode, date FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )
        .unwrap();
    assert_eq!(
        event,
        (
            "CHNGOV".into(),
            r#"["GOV"]"#.into(),
            "USA".into(),
            "041".into(),
            1.0,
            1,
            "fact".into(),
            Some("2026-02-04".into())
        )
    );
    let reporter: Option<String> = conn.query_row("SELECT reporter_code FROM events", [], |r| r.get(0)).unwrap();
    assert_eq!(reporter, None);
    let quote: (String, String, String, i64) = conn
        .query_row("SELECT kind, text, speaker_name, speaker_entity FROM quotes", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(quote, ("direct".into(), "We oppose it".into(), "Xi".into(), 0));
    let mentions: i64 = conn.query_row("SELECT count(*) FROM entity_mentions", [], |r| r.get(0)).unwrap();
    assert_eq!(mentions, 2);
    let kind: String = conn.query_row("SELECT kind FROM entities", [], |r| r.get(0)).unwrap();
    assert_eq!(kind, "person");
    let theme: String = conn.query_row("SELECT theme FROM themes WHERE idx = 0", [], |r| r.get(0)).unwrap();
    assert_eq!(theme, "DIPLOMACY");
    let summary: (String, i64, i64, i64) = conn
        .query_row("SELECT theme, mentions, sentences, first_sentence FROM theme_summaries", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(summary, ("DIPLOMACY".into(), 2, 2, 0));
    let tone: f64 = conn.query_row("SELECT tone FROM tones", [], |r| r.get(0)).unwrap();
    assert_eq!(tone, -1.5);
    let signal: (String, String, String, String, i64) = conn
        .query_row("SELECT setter_name, direction, mode, cue_text, setter_quote FROM signals", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!(signal, ("Xi".into(), "deterioration".into(), "hypothetical".into(), "We oppose".into(), 0));
    let mut stmt = conn.prepare("SELECT role, codes, events, mutual, actor FROM signal_actions ORDER BY idx").unwrap();
    let actions: Vec<(String, String, String, bool, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        actions,
        [
            ("expected".into(), r#"["16","17"]"#.into(), "[0]".into(), false, Some("USA".into())),
            ("unless".into(), r#"["04"]"#.into(), "[]".into(), true, None),
        ]
    );
    let published_date: String = conn.query_row("SELECT published_date FROM articles", [], |r| r.get(0)).unwrap();
    assert_eq!(published_date, "2026-02-05");

    let stored = store.article("full").unwrap().unwrap();
    assert_eq!((stored.events, stored.quotes, stored.entities, stored.themes, stored.signals), (1, 1, 1, 2, 1));
    assert_eq!(stored.origin_record, Some(3));
    assert_eq!(stored.origin_format.as_deref(), Some("jsonl"));
}

#[test]
fn sentence_text_is_derived_by_character_offsets() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Beijing’s “red line” stays. Café talks résumé.";
    let d = doc("u", "Ünïcode", text, None, None);
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&d).unwrap();
    writer.finish().unwrap();
    let stored = store.article("u").unwrap().unwrap();
    let texts: Vec<&str> = stored.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Beijing’s “red line” stays.", "Café talks résumé."]);
    // The SQL view derives the same text with SQLite's character-based substr().
    let mut stmt = store.connection().prepare("SELECT text FROM sentence_texts ORDER BY idx").unwrap();
    let from_view: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(from_view, texts);
}

#[test]
fn listing_filters_by_date_source_and_words() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        doc("a", "Taiwan arms sale", "The US approved an arms sale.", Some("2026-01-10"), Some("Wire")),
        doc("b", "Trade talks", "Officials discussed tariffs.", Some("2026-02-05T08:00:00Z"), Some("Daily")),
        doc("c", "Summit", "Leaders met and discussed trade.", Some("2026-03-01"), Some("wire")),
        doc("d", "Undated", "Résumé of talks.", None, None),
    ];
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    for d in &docs {
        writer.write(d).unwrap();
    }
    writer.finish().unwrap();
    let ids = |filter: ArticleFilter| -> Vec<String> {
        store.list_articles(&filter).unwrap().into_iter().map(|a| a.id).collect()
    };
    assert_eq!(ids(ArticleFilter::default()), ["c", "b", "a", "d"], "newest first, undated last");
    assert_eq!(
        ids(ArticleFilter { from: Some("2026-02-01".into()), to: Some("2026-02-05".into()), ..Default::default() }),
        ["b"],
        "date bounds are inclusive and compare the date part"
    );
    assert_eq!(ids(ArticleFilter { source: Some("WIRE".into()), ..Default::default() }), ["c", "a"]);
    assert_eq!(ids(ArticleFilter { search: Some("discussed".into()), ..Default::default() }).len(), 2);
    assert_eq!(ids(ArticleFilter { search: Some("discussed leaders".into()), ..Default::default() }), ["c"]);
    assert_eq!(ids(ArticleFilter { search: Some("resume".into()), ..Default::default() }), ["d"], "accents folded");
    assert_eq!(ids(ArticleFilter { search: Some("taiwan".into()), ..Default::default() }), ["a"], "titles too");
    assert_eq!(ids(ArticleFilter { limit: Some(2), ..Default::default() }), ["c", "b"]);
    let summary = &store.list_articles(&ArticleFilter { limit: Some(1), ..Default::default() }).unwrap()[0];
    assert_eq!((summary.sentences, summary.chars), (1, 32));
    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.sentences), (4, 4));
}

#[test]
fn the_search_index_follows_inserts_and_deletes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    for (id, text) in [("p1", "Pelicans nest here."), ("p2", "Pelicans fly south."), ("p3", "Gulls stay.")] {
        writer.write(&doc(id, "Birds", text, None, None)).unwrap();
    }
    writer.finish().unwrap();
    assert_eq!(store.search_index_pending().unwrap(), 3, "ingest leaves indexing to the first search");
    let search = |store: &Store, words: &str| -> Vec<String> {
        let filter = ArticleFilter { search: Some(words.into()), ..Default::default() };
        store.list_articles(&filter).unwrap().into_iter().map(|a| a.id).collect()
    };
    assert_eq!(search(&store, "pelicans").len(), 2);
    assert_eq!(store.search_index_pending().unwrap(), 0);
    let conn = store.connection();
    // Delete one indexed article, add one and delete it before it is indexed: the index stays exact.
    conn.execute("DELETE FROM articles WHERE id = 'p1'", []).unwrap();
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&doc("p4", "Birds", "Pelicans return.", None, None)).unwrap();
    writer.write(&doc("p5", "Birds", "Pelicans again.", None, None)).unwrap();
    writer.finish().unwrap();
    store.connection().execute("DELETE FROM articles WHERE id = 'p5'", []).unwrap();
    store.connection().execute("UPDATE articles SET text = 'Gulls and pelicans.' WHERE id = 'p3'", []).unwrap();
    let mut found = search(&store, "pelicans");
    found.sort();
    assert_eq!(found, ["p2", "p3", "p4"]);
    assert!(search(&store, "gulls").iter().all(|id| id == "p3"));
    store.connection().execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')", []).unwrap();
}

#[test]
fn integrity_check_passes_on_a_written_database() {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    writer.write(&doc("a", "T", "One. Two.", None, None)).unwrap();
    writer.finish().unwrap();
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Whatever a user types as search words, the query is valid FTS5: it lists (possibly nothing) or says there
    /// was no word, never a syntax error.
    #[test]
    fn any_search_text_is_a_valid_query(words in "\\PC{0,30}") {
        let mut store = Store::open_in_memory().unwrap();
        let mut writer = store.writer(BatchPolicy::default()).unwrap();
        writer.write(&doc("a", "T", "Some text. More \"quoted\" text AND OR NOT.", None, None)).unwrap();
        writer.finish().unwrap();
        let result = store.list_articles(&ArticleFilter { search: Some(words.clone()), ..Default::default() });
        match result {
            Ok(found) => prop_assert!(found.len() <= 1),
            Err(error) => prop_assert!(words.split_whitespace().next().is_none(), "{error} for {words:?}"),
        }
    }
}

/// Size of the database's write-ahead log file (0 when there is none).
fn wal_size(db: &std::path::Path) -> u64 {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    std::fs::metadata(std::path::PathBuf::from(name)).map(|m| m.len()).unwrap_or(0)
}

/// A few KiB of distinct text per article, so every batch adds pages to the log.
fn long_doc(i: usize) -> Doc {
    let text = (0..40).map(|s| format!("Article {i} sentence {s} says something new. ")).collect::<String>();
    doc(&format!("w{i}"), "T", &text, None, None)
}

#[test]
fn the_write_ahead_log_stays_bounded_on_a_long_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wal.db");
    let mut store = Store::open(&path).unwrap();
    let limit = 512 << 10;
    let policy = BatchPolicy { max_articles: 25, max_wal_bytes: limit, ..BatchPolicy::default() };
    let mut writer = store.writer(policy).unwrap();
    let mut largest = 0;
    let articles = 3_000;
    for i in 0..articles {
        writer.write(&long_doc(i)).unwrap();
        largest = largest.max(wal_size(&path));
    }
    writer.finish().unwrap();
    // About 6 MB of text went through the log (without the bound it grew to ~40 MB); it may pass the limit by at
    // most a batch before it is truncated.
    assert!(largest < limit + (1 << 20), "the WAL grew to {largest} bytes (limit {limit})");
    let stored: i64 = store.connection().query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, articles as i64);
    assert_eq!(store.integrity_check().unwrap(), Ok(()));
}

#[test]
fn a_reader_holding_an_old_snapshot_delays_truncation_without_stalling_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reader.db");
    let mut store = Store::open(&path).unwrap();
    let limit = 256 << 10;
    let policy = BatchPolicy { max_articles: 25, max_wal_bytes: limit, ..BatchPolicy::default() };
    let reader = Connection::open(&path).unwrap();
    let mut writer = store.writer(policy).unwrap();
    for i in 0..50 {
        writer.write(&long_doc(i)).unwrap();
    }
    writer.commit().unwrap();
    // The reader pins the snapshot of 50 articles: no checkpoint can copy past it.
    reader.execute_batch("BEGIN").unwrap();
    let seen = |c: &Connection| -> i64 { c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap() };
    assert_eq!(seen(&reader), 50);
    let started = std::time::Instant::now();
    for i in 50..300 {
        writer.write(&long_doc(i)).unwrap();
    }
    writer.commit().unwrap();
    // Each failed truncation waits about a second, and the next waits until the log has doubled: a few waits
    // (the log grows from 256 KiB to about 2.5 MB), not one per commit (10 here).
    assert!(started.elapsed() < Duration::from_secs(8), "the writer stalled for {:?}", started.elapsed());
    assert_eq!(seen(&reader), 50, "the reader's snapshot is intact");
    assert!(wal_size(&path) > limit, "the pinned log could not be truncated");
    reader.execute_batch("COMMIT").unwrap();
    // With the reader gone, the next commit past the (moved) limit truncates it again.
    for i in 300..1_200 {
        writer.write(&long_doc(i)).unwrap();
    }
    writer.finish().unwrap();
    assert!(wal_size(&path) < 1 << 20, "the WAL is bounded again: {} bytes", wal_size(&path));
    assert_eq!(seen(&reader), 1_200);
}
