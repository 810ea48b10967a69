//! The versioned schema: forward-only migrations, one transaction each, tracked in `PRAGMA user_version`.
//!
//! Never edit a migration that has shipped: add a new one at the end. `docs/store.md` documents every table and
//! column as the latest migration leaves them.

use crate::StoreError;
use rusqlite::Connection;

/// Migration `i` (0-based) takes a database from schema version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    V1_ARTICLES_SENTENCES,
    V2_ANNOTATIONS,
    V3_FULL_TEXT,
    V4_THEME_SUMMARIES,
    V5_LAZY_SEARCH_INDEX,
    V6_SIGNAL_ACTIONS,
    V7_EVENTS_BY_SOURCE_CODE,
    V8_SENTENCE_SPANS,
    crate::grouping::EVENT_GROUPS_MIGRATION,
    crate::grouping::EVENT_VOLUME_MIGRATION,
    V11_WRITER_QUEUES_SEARCH,
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Articles and their sentences: what the text stage produces.
const V1_ARTICLES_SENTENCES: &str = r#"
CREATE TABLE articles (
    pk             INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    input_id       TEXT,
    content_hash   TEXT NOT NULL UNIQUE,
    url            TEXT,
    source         TEXT,
    title          TEXT,
    published      TEXT,
    published_date TEXT,
    text           TEXT NOT NULL,
    char_count     INTEGER NOT NULL,
    origin_path    TEXT,
    origin_format  TEXT,
    origin_record  INTEGER,
    ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_by_date ON articles (published_date);
CREATE INDEX articles_by_source ON articles (source, published_date);

CREATE TABLE sentences (
    article    INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    tone       REAL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

-- SQLite's substr() counts characters of TEXT values, exactly like attache's spans.
CREATE VIEW sentence_texts AS
SELECT s.article, s.idx, s.char_start, s.char_end, s.paragraph, s.tone,
       substr(a.text, s.char_start + 1, s.char_end - s.char_start) AS text
FROM sentences s JOIN articles a ON a.pk = s.article;
"#;

/// Tables for the annotation stages after the text stage, one row per element of the `Doc` arrays.
const V2_ANNOTATIONS: &str = r#"
CREATE TABLE events (
    article             INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx                 INTEGER NOT NULL,
    sentence            INTEGER NOT NULL,
    source_code         TEXT NOT NULL,
    source_country      TEXT,
    source_sectors      TEXT NOT NULL,
    source_start        INTEGER NOT NULL,
    source_end          INTEGER NOT NULL,
    source_text         TEXT NOT NULL,
    source_entry        TEXT,
    target_code         TEXT NOT NULL,
    target_country      TEXT,
    target_sectors      TEXT NOT NULL,
    target_start        INTEGER NOT NULL,
    target_end          INTEGER NOT NULL,
    target_text         TEXT NOT NULL,
    target_entry        TEXT,
    code                TEXT NOT NULL,
    root                TEXT NOT NULL,
    name                TEXT NOT NULL,
    goldstein           REAL NOT NULL,
    quad_class          INTEGER NOT NULL,
    plover              TEXT,
    mode                TEXT NOT NULL,
    date                TEXT,
    date_start          INTEGER,
    date_end            INTEGER,
    verb_start          INTEGER NOT NULL,
    verb_end            INTEGER NOT NULL,
    verb_text           TEXT NOT NULL,
    reporter_code       TEXT,
    reporter_country    TEXT,
    reporter_sectors    TEXT,
    reporter_start      INTEGER,
    reporter_end        INTEGER,
    reporter_text       TEXT,
    reporter_entry      TEXT,
    evidence_dictionary TEXT NOT NULL,
    evidence_verb_entry TEXT NOT NULL,
    evidence_pattern    TEXT NOT NULL,
    evidence_rule       TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX events_by_pair ON events (source_country, target_country, date);
CREATE INDEX events_by_date ON events (date);
CREATE INDEX events_by_code ON events (code, date);
CREATE INDEX events_by_root ON events (root, date);

CREATE TABLE entities (
    article     INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT,
    role        TEXT,
    affiliation TEXT,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX entities_by_name ON entities (name);

CREATE TABLE entity_mentions (
    article    INTEGER NOT NULL,
    entity     INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article, entity, idx),
    FOREIGN KEY (article, entity) REFERENCES entities (article, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE quotes (
    article             INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx                 INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    char_start          INTEGER NOT NULL,
    char_end            INTEGER NOT NULL,
    text                TEXT NOT NULL,
    first_sentence      INTEGER NOT NULL,
    last_sentence       INTEGER NOT NULL,
    cue_start           INTEGER,
    cue_end             INTEGER,
    cue_text            TEXT,
    speaker_entity      INTEGER,
    speaker_name        TEXT,
    speaker_start       INTEGER,
    speaker_end         INTEGER,
    speaker_text        TEXT,
    speaker_resolution  TEXT,
    speaker_role        TEXT,
    speaker_affiliation TEXT,
    speaker_code        TEXT,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX quotes_by_speaker ON quotes (speaker_name);

CREATE TABLE themes (
    article    INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    theme      TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX themes_by_theme ON themes (theme);

CREATE TABLE tones (
    article    INTEGER PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    tone       REAL NOT NULL,
    positive   REAL NOT NULL,
    negative   REAL NOT NULL,
    polarity   REAL NOT NULL,
    word_count INTEGER NOT NULL
);

CREATE TABLE signals (
    article      INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    sentence     INTEGER NOT NULL,
    setter       TEXT,
    direction    TEXT NOT NULL,
    actor        TEXT,
    target       TEXT,
    action       TEXT NOT NULL,
    action_start INTEGER NOT NULL,
    action_end   INTEGER NOT NULL,
    cameo        TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
"#;

/// Full-text search over titles and texts: an external-content FTS5 index kept in step by triggers, filled for
/// the articles a database already holds.
const V3_FULL_TEXT: &str = r#"
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'pk',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"#;

/// `Doc::theme_summary` is derived from the theme mentions, so the store derives it too rather than keep a copy.
const V4_THEME_SUMMARIES: &str = r#"
CREATE VIEW theme_summaries AS
SELECT article, theme, count(*) AS mentions, count(DISTINCT sentence) AS sentences, min(sentence) AS first_sentence
FROM themes GROUP BY article, theme;
"#;

/// The full-text index is filled on demand instead of by an insert trigger: FTS5 indexes ~10 MB of text per
/// CPU-second, several times the cost of everything else an ingest does. New articles are queued in
/// `search_pending`; [`crate::Store::refresh_search_index`] indexes the queue before a search. Deletes and updates
/// keep the index right for articles already in it (an FTS5 `delete` of a row never indexed would corrupt it).
const V5_LAZY_SEARCH_INDEX: &str = r#"
DROP TRIGGER articles_fts_after_insert;
DROP TRIGGER articles_fts_after_delete;
DROP TRIGGER articles_fts_after_update;
CREATE TABLE search_pending (article INTEGER PRIMARY KEY);
CREATE TRIGGER search_pending_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_pending (article) VALUES (new.pk);
END;
CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        SELECT 'delete', old.pk, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE article = old.pk);
    DELETE FROM search_pending WHERE article = old.pk;
END;
CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        SELECT 'delete', old.pk, old.title, old.text
        WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE article = old.pk);
    INSERT OR IGNORE INTO search_pending (article) VALUES (new.pk);
END;
"#;

/// Signals became a cue with a list of actions (`attache_doc::SignalAction`), each tracked on its own. No stage
/// wrote the version-2 `signals` table, so it is replaced rather than converted.
const V6_SIGNAL_ACTIONS: &str = r#"
DROP TABLE signals;
CREATE TABLE signals (
    article       INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    sentence      INTEGER NOT NULL,
    setter_name   TEXT,
    setter_entity INTEGER,
    setter_code   TEXT,
    setter_quote  INTEGER,
    direction     TEXT NOT NULL,
    mode          TEXT NOT NULL,
    actor         TEXT,
    target        TEXT,
    family        TEXT NOT NULL,
    cue_start     INTEGER NOT NULL,
    cue_end       INTEGER NOT NULL,
    cue_text      TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE TABLE signal_actions (
    article     INTEGER NOT NULL,
    signal      INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    role        TEXT NOT NULL,
    entries     TEXT NOT NULL,
    codes       TEXT NOT NULL,
    actor       TEXT,
    actor_from  TEXT,
    target      TEXT,
    target_from TEXT,
    mutual      INTEGER NOT NULL,
    events      TEXT NOT NULL,
    PRIMARY KEY (article, signal, idx),
    FOREIGN KEY (article, signal) REFERENCES signals (article, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX signal_actions_by_actor ON signal_actions (actor, target);
"#;

/// Signal tracking looks up "the first fact event from this country with a code in this range after this day"
/// (`crates/store/src/signals.rs`); without a target, `events_by_pair` could only narrow it to the country.
const V7_EVENTS_BY_SOURCE_CODE: &str = r#"
CREATE INDEX events_by_source_code ON events (source_country, code, date);
"#;

/// Sentences move from one row each into one JSON array per article (`sentence_spans`): inserting ~35 rows per
/// article was half of an ingest's store time. `sentences` becomes a view with the old columns, so queries read
/// it as before. Element `i` of `spans` is sentence `i`: `[char_start, char_end, paragraph]`, plus the tone when
/// there is one.
const V8_SENTENCE_SPANS: &str = r#"
CREATE TABLE sentence_spans (
    article INTEGER PRIMARY KEY REFERENCES articles (pk) ON DELETE CASCADE,
    spans   TEXT NOT NULL
);
INSERT INTO sentence_spans (article, spans)
SELECT article,
       json_group_array(CASE WHEN tone IS NULL THEN json_array(char_start, char_end, paragraph)
                             ELSE json_array(char_start, char_end, paragraph, tone) END ORDER BY idx)
FROM sentences GROUP BY article;
DROP VIEW sentence_texts;
DROP TABLE sentences;
CREATE VIEW sentences AS
SELECT s.article AS article, j.key AS idx, j.value ->> 0 AS char_start, j.value ->> 1 AS char_end,
       j.value ->> 2 AS paragraph, j.value ->> 3 AS tone
FROM sentence_spans s, json_each(s.spans) j;
CREATE VIEW sentence_texts AS
SELECT s.article, s.idx, s.char_start, s.char_end, s.paragraph, s.tone,
       substr(a.text, s.char_start + 1, s.char_end - s.char_start) AS text
FROM sentences s JOIN articles a ON a.pk = s.article;
"#;

/// The writer queues new articles for the full-text index itself (`crates/store/src/write.rs`) instead of an
/// insert trigger: a table with a trigger makes SQLite open a statement journal for every insert, which copied
/// each page the article's row and index entries touched — a fifth of the store's CPU time in a text-only
/// ingest. Rows inserted by other means must be queued the same way (`docs/store.md`).
const V11_WRITER_QUEUES_SEARCH: &str = r#"
DROP TRIGGER search_pending_after_insert;
"#;

/// The schema version a database is at (0 for a new, empty file).
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Applies the migrations a database lacks, up to `target`, each in its own transaction.
///
/// A database newer than this build is refused rather than guessed at.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let target = target.min(SCHEMA_VERSION);
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, known: SCHEMA_VERSION });
    }
    for next in found + 1..=target {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated between our read and our write lock.
        let now = version(&tx)?;
        if now >= next {
            continue;
        }
        tx.execute_batch(MIGRATIONS[(next - 1) as usize])
            .map_err(|source| StoreError::Migration { version: next, source })?;
        tx.pragma_update(None, "user_version", next)?;
        tx.commit()?;
    }
    Ok(())
}
