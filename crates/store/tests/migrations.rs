//! Schema migrations: from an empty file, from every earlier version, refusal of newer schemas, atomicity.

use attache_store::{ArticleFilter, SCHEMA_VERSION, Store, StoreError, schema_version};
use rusqlite::Connection;
use std::path::Path;

/// Every schema object (type, name, SQL) in a database, sorted: two databases with equal lists have equal
/// schemas.
fn schema_of(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

/// Inserts one article and its sentences with plain SQL, as a database at schema version 1 or later allows.
fn insert_v1_article(path: &Path, id: &str, text: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute(
        "INSERT INTO articles (id, content_hash, title, text, char_count, ingested_at) \
         VALUES (?1, ?2, 'Old title', ?3, ?4, '2026-01-01T00:00:00Z')",
        rusqlite::params![id, format!("hash-{id}"), text, text.chars().count() as i64],
    )
    .unwrap();
    let pk = conn.last_insert_rowid();
    // From version 8 on, sentences are one JSON array per article and `sentences` is a view over it.
    let has_span_table: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sentence_spans'", [], |r| {
            r.get(0)
        })
        .unwrap();
    if has_span_table == 1 {
        conn.execute("INSERT INTO sentence_spans (article, spans) VALUES (?1, '[[0,5,0]]')", [pk]).unwrap();
    } else {
        conn.execute(
            "INSERT INTO sentences (article, idx, char_start, char_end, paragraph) VALUES (?1, 0, 0, 5, 0)",
            [pk],
        )
        .unwrap();
    }
}

#[test]
fn empty_file_migrates_to_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(schema_version(store.connection()).unwrap(), SCHEMA_VERSION);
    let names: Vec<String> = schema_of(&path).into_iter().map(|(_, name, _)| name).collect();
    for table in [
        "articles",
        "sentences",
        "events",
        "quotes",
        "entities",
        "entity_mentions",
        "themes",
        "tones",
        "signals",
        "signal_actions",
        "articles_fts",
        "sentence_texts",
        "theme_summaries",
    ] {
        assert!(names.iter().any(|n| n == table), "missing {table} in {names:?}");
    }
    let journal: String = store.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = store.connection().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(foreign_keys, 1);
}

#[test]
fn every_earlier_version_migrates_to_the_same_schema_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    let expected = schema_of(&fresh);

    for start in 0..SCHEMA_VERSION {
        let path = dir.path().join(format!("from-v{start}.db"));
        let old = Store::open_at(&path, start).unwrap();
        assert_eq!(schema_version(old.connection()).unwrap(), start);
        drop(old);
        if start >= 1 {
            insert_v1_article(&path, "old-1", "Alpha. Bravo charlie.");
        }

        let store = Store::open(&path).unwrap();
        assert_eq!(schema_version(store.connection()).unwrap(), SCHEMA_VERSION, "from v{start}");
        assert_eq!(schema_of(&path), expected, "schema after migrating from v{start} differs from a fresh one");
        if start >= 1 {
            let article = store.article("old-1").unwrap().expect("article kept");
            assert_eq!(article.sentences.len(), 1);
            assert_eq!(article.sentences[0].text, "Alpha");
            // The full-text index was built for rows that predate it.
            let filter = ArticleFilter { search: Some("bravo".into()), ..Default::default() };
            let found = store.list_articles(&filter).unwrap();
            assert_eq!(found.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["old-1"], "from v{start}");
        }
    }
}

#[test]
fn reopening_a_current_database_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    drop(Store::open(&path).unwrap());
    let before = schema_of(&path);
    drop(Store::open(&path).unwrap());
    drop(Store::open_existing(&path).unwrap());
    assert_eq!(schema_of(&path), before);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, known }) => {
            assert_eq!((found, known), (SCHEMA_VERSION + 5, SCHEMA_VERSION));
        }
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer schema was accepted"),
    }
}

#[test]
fn a_failing_migration_leaves_the_previous_version_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blocked.db");
    drop(Store::open_at(&path, 1).unwrap());
    // A table in the way of migration 2 makes it fail half-way through its script.
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE entities (x)").unwrap();
    match Store::open(&path) {
        Err(StoreError::Migration { version: 2, .. }) => {}
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("migration should have failed"),
    }
    let conn = Connection::open(&path).unwrap();
    assert_eq!(schema_version(&conn).unwrap(), 1);
    let events: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'events'", [], |r| r.get(0)).unwrap();
    assert_eq!(events, 0, "the part of migration 2 before the failure was rolled back");
}

#[test]
fn open_existing_never_creates_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.db");
    assert!(matches!(Store::open_existing(&path), Err(StoreError::Missing(_))));
    assert!(!path.exists());
}
