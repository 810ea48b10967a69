//! Batched, idempotent writes of annotated documents.

use crate::StoreError;
use attache_doc::{ActorRef, Doc, Sentence, Span};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// When the writer commits its open transaction: whichever limit is reached first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchPolicy {
    /// Articles stored since the last commit. Each commit writes every page it changed, and an article's
    /// entries in the indexes on its id and content hash (random keys) land on pages all over those indexes, so
    /// a commit rewrote most of their pages: 10,000 articles a commit instead of 2,000 cut a text-only ingest's
    /// writes by about a fifth (the `max_bytes` and `max_age` limits still bound a batch).
    pub max_articles: usize,
    /// Approximate bytes written since the last commit (texts plus a per-row estimate).
    pub max_bytes: usize,
    /// Time since the batch's first write, so a slow stream still becomes visible (and durable) steadily.
    pub max_age: Duration,
    /// Size of the write-ahead log past which the writer itself copies it into the database and truncates it
    /// after a commit. The background checkpointer alone cannot bound it: SQLite rewinds the log only when a
    /// write begins after a checkpoint has copied every frame, and a writer that commits without pause rarely
    /// finds that moment, so on a long ingest the log grew by the size of everything written.
    pub max_wal_bytes: u64,
}

impl Default for BatchPolicy {
    fn default() -> Self {
        BatchPolicy {
            max_articles: 10_000,
            max_bytes: 64 << 20,
            max_age: Duration::from_secs(2),
            max_wal_bytes: 256 << 20,
        }
    }
}

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Stored under its own id.
    Stored { id: String },
    /// Its id already belonged to different content, so it was stored under `id` (the requested id is kept in
    /// the `input_id` column).
    Renamed { requested: String, id: String },
    /// The same content (same content hash) is already stored, under `existing_id`; nothing was written.
    Duplicate { existing_id: String },
}

/// How long a truncating checkpoint waits for readers and the background checkpointer before giving up.
const TRUNCATE_WAIT: Duration = Duration::from_secs(1);

/// Rows of one article beyond the text count this much towards [`BatchPolicy::max_bytes`].
const ROW_BYTES_ESTIMATE: usize = 48;

/// A batched writer over one connection. Each [`Writer::write`] is atomic — inside a savepoint, or, for an
/// article with nothing but its sentences, undone by deleting its row if a later insert fails; commits happen
/// per [`BatchPolicy`], on [`Writer::commit`], on [`Writer::finish`], and on drop.
pub struct Writer<'c> {
    conn: &'c mut Connection,
    policy: BatchPolicy,
    ingested_at: String,
    in_transaction: bool,
    pending_articles: usize,
    pending_bytes: usize,
    batch_started: Instant,
    checkpointer: Option<Checkpointer>,
    /// The log size that triggers the next truncating checkpoint (see [`BatchPolicy::max_wal_bytes`]); moved up
    /// while readers keep truncation from finishing.
    wal_limit: u64,
    /// Reused buffer for the `sentence_spans.spans` JSON of each article.
    spans: Vec<u8>,
}

const INSERT_ARTICLE: &str = "INSERT INTO articles (id, input_id, content_hash, url, source, title, published, \
     published_date, text, char_count, origin_path, origin_format, origin_record, ingested_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING";
const INSERT_SENTENCE_SPANS: &str = "INSERT INTO sentence_spans (article, spans) VALUES (?1, ?2)";
/// New articles wait here for the full-text index (schema version 11 dropped the trigger that queued them).
const QUEUE_FOR_SEARCH: &str = "INSERT INTO search_pending (article) VALUES (?1)";
const INSERT_EVENT: &str = "INSERT INTO events (article, idx, sentence, \
     source_code, source_country, source_sectors, source_start, source_end, source_text, source_entry, \
     target_code, target_country, target_sectors, target_start, target_end, target_text, target_entry, \
     code, root, name, goldstein, quad_class, plover, mode, date, date_start, date_end, \
     verb_start, verb_end, verb_text, \
     reporter_code, reporter_country, reporter_sectors, reporter_start, reporter_end, reporter_text, reporter_entry, \
     evidence_dictionary, evidence_verb_entry, evidence_pattern, evidence_rule) VALUES \
     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, \
     ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41)";
const INSERT_ENTITY: &str = "INSERT INTO entities (article, idx, kind, name, code, role, affiliation) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const INSERT_ENTITY_MENTION: &str = "INSERT INTO entity_mentions (article, entity, idx, char_start, char_end, text) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const INSERT_QUOTE: &str = "INSERT INTO quotes (article, idx, kind, char_start, char_end, text, first_sentence, \
     last_sentence, cue_start, cue_end, cue_text, speaker_entity, speaker_name, speaker_start, speaker_end, \
     speaker_text, speaker_resolution, speaker_role, speaker_affiliation, speaker_code) VALUES \
     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
const INSERT_THEME: &str = "INSERT INTO themes (article, idx, theme, sentence, char_start, char_end, text) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const INSERT_TONE: &str = "INSERT INTO tones (article, tone, positive, negative, polarity, word_count) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const INSERT_SIGNAL: &str = "INSERT INTO signals (article, idx, sentence, setter_name, setter_entity, setter_code, \
     setter_quote, direction, mode, actor, target, family, cue_start, cue_end, cue_text) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
const INSERT_SIGNAL_ACTION: &str = "INSERT INTO signal_actions (article, signal, idx, char_start, char_end, text, \
     role, entries, codes, actor, actor_from, target, target_from, mutual, events) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

impl<'c> Writer<'c> {
    pub(crate) fn new(
        conn: &'c mut Connection,
        path: Option<&Path>,
        policy: BatchPolicy,
    ) -> Result<Writer<'c>, StoreError> {
        // One timestamp per ingest run, from SQLite's clock so this crate needs no time library.
        let ingested_at: String = conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| r.get(0))?;
        let checkpointer = match path {
            Some(path) => Checkpointer::start(path),
            None => None,
        };
        if checkpointer.is_some() {
            // Copying the WAL into the database is the checkpointer's job now, beside the writer.
            conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        }
        Ok(Writer {
            conn,
            checkpointer,
            wal_limit: policy.max_wal_bytes,
            policy,
            ingested_at,
            in_transaction: false,
            pending_articles: 0,
            pending_bytes: 0,
            batch_started: Instant::now(),
            spans: Vec::new(),
        })
    }

    /// Stores one document with all its rows, or nothing if it fails (the error says why; the batch goes on).
    pub fn write(&mut self, doc: &Doc) -> Result<WriteOutcome, StoreError> {
        if !self.in_transaction {
            self.conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
            self.in_transaction = true;
            self.batch_started = Instant::now();
        }
        // A savepoint journals every page the article touches — for an article of two rows (a text-only ingest),
        // more work than the inserts. Those are undone by hand instead: see `write_rows`.
        let savepoint = !only_sentences(doc);
        if savepoint {
            self.conn.prepare_cached("SAVEPOINT article")?.execute([])?;
        }
        match self.write_rows(doc, savepoint) {
            Ok((outcome, bytes)) => {
                if savepoint {
                    self.conn.prepare_cached("RELEASE article")?.execute([])?;
                }
                if !matches!(outcome, WriteOutcome::Duplicate { .. }) {
                    self.pending_articles += 1;
                    self.pending_bytes += bytes;
                }
                self.commit_if_due()?;
                Ok(outcome)
            }
            Err(error) if savepoint => {
                self.conn.prepare_cached("ROLLBACK TO article")?.execute([])?;
                self.conn.prepare_cached("RELEASE article")?.execute([])?;
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// Commits if the batch has reached any [`BatchPolicy`] limit.
    pub fn commit_if_due(&mut self) -> Result<(), StoreError> {
        let due = self.pending_articles >= self.policy.max_articles
            || self.pending_bytes >= self.policy.max_bytes
            || self.batch_started.elapsed() >= self.policy.max_age;
        if self.in_transaction && due { self.commit() } else { Ok(()) }
    }

    /// Commits everything written so far.
    pub fn commit(&mut self) -> Result<(), StoreError> {
        if self.in_transaction {
            self.conn.prepare_cached("COMMIT")?.execute([])?;
            self.in_transaction = false;
            self.pending_articles = 0;
            self.pending_bytes = 0;
            if !self.bound_wal()?
                && let Some(checkpointer) = &self.checkpointer
            {
                checkpointer.wake();
            }
        }
        Ok(())
    }

    /// Copies the whole log into the database and truncates it when it has grown past the limit; `true` when
    /// it did. Readers holding an old snapshot can keep that from finishing (SQLite answers "busy" after
    /// [`TRUNCATE_WAIT`]); the next attempt then waits until the log has doubled (or grown by the limit), so a
    /// long-lived reader costs a few short waits, not one per commit, and the log stays within twice its size
    /// when the reader let go.
    fn bound_wal(&mut self) -> Result<bool, StoreError> {
        let Some(checkpointer) = &self.checkpointer else { return Ok(false) };
        let size = std::fs::metadata(&checkpointer.wal).map(|m| m.len()).unwrap_or(0);
        if size <= self.wal_limit {
            return Ok(false);
        }
        // SQLite refuses a checkpoint at once, without waiting, while another one runs: take turns with ours.
        let _turn = checkpointer.turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.conn.busy_timeout(TRUNCATE_WAIT)?;
        let busy = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get::<_, i64>(0));
        self.conn.busy_timeout(crate::BUSY_TIMEOUT)?;
        let truncated = busy? == 0;
        self.wal_limit = if truncated {
            self.policy.max_wal_bytes
        } else {
            size.saturating_mul(2).max(size + self.policy.max_wal_bytes)
        };
        Ok(truncated)
    }

    /// Commits and ends the writer.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.commit()
    }

    /// Writes the article's rows. Without a `savepoint` (an article with only sentences), a failure after the
    /// article row was inserted is undone by deleting that row, which takes its sentences and queue entry along.
    fn write_rows(&mut self, doc: &Doc, savepoint: bool) -> Result<(WriteOutcome, usize), StoreError> {
        // The one check of our own comes before anything is written.
        if !doc.sentences.is_empty() {
            encode_sentence_spans(&doc.sentences, &mut self.spans)?;
        }
        let Some((pk, outcome)) = insert_article(self.conn, doc, &self.ingested_at)? else {
            let existing_id: String =
                self.conn
                    .query_row("SELECT id FROM articles WHERE content_hash = ?1", [&doc.content_hash], |r| r.get(0))?;
            return Ok((WriteOutcome::Duplicate { existing_id }, 0));
        };
        match self.write_children(doc, pk) {
            Ok(rows) => Ok((outcome, doc.article.text.len() + rows * ROW_BYTES_ESTIMATE)),
            Err(error) if savepoint => Err(error),
            Err(error) => {
                self.undo_article(pk)?;
                Err(error)
            }
        }
    }

    /// Deletes a half-written article (its other rows go with it: `ON DELETE CASCADE` and the delete trigger).
    /// If that fails too, or SQLite already rolled the transaction back (disk full, I/O error), the open batch is
    /// given up and the error is one that stops an ingest: nothing partial is ever committed.
    fn undo_article(&mut self, pk: i64) -> Result<(), StoreError> {
        let deleted = if self.conn.is_autocommit() {
            Err(StoreError::Query("SQLite rolled the open batch back after a failed write".into()))
        } else {
            self.conn
                .prepare_cached("DELETE FROM articles WHERE pk = ?1")
                .and_then(|mut delete| delete.execute([pk]))
                .map(|_| ())
                .map_err(|error| StoreError::Query(format!("cannot undo a failed article: {error}")))
        };
        if deleted.is_err() {
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            self.in_transaction = false;
            self.pending_articles = 0;
            self.pending_bytes = 0;
        }
        deleted
    }

    /// Inserts every row of an article but the article's own; returns how many.
    fn write_children(&mut self, doc: &Doc, pk: i64) -> Result<usize, StoreError> {
        let conn: &Connection = self.conn;
        conn.prepare_cached(QUEUE_FOR_SEARCH)?.execute([pk])?;
        let mut rows = 1usize;
        if !doc.sentences.is_empty() {
            // Encoded by `write_rows`: JSON numbers and punctuation, ASCII (checked at ASCII speed; the lossy
            // conversion walked it in chunks).
            let spans = std::str::from_utf8(&self.spans)
                .map_err(|error| StoreError::Query(format!("sentence spans are not UTF-8: {error}")))?;
            conn.prepare_cached(INSERT_SENTENCE_SPANS)?.execute(params![pk, spans])?;
            rows += 1;
        }
        if !doc.events.is_empty() {
            let mut insert = conn.prepare_cached(INSERT_EVENT)?;
            for e in &doc.events {
                let source = ActorColumns::of(Some(&e.source))?;
                let target = ActorColumns::of(Some(&e.target))?;
                let reporter = ActorColumns::of(e.reporter.as_ref())?;
                let (date_start, date_end) = span_columns(e.date_span);
                insert.execute(params![
                    pk,
                    e.id,
                    e.sentence,
                    source.code,
                    source.country,
                    source.sectors,
                    source.start,
                    source.end,
                    source.text,
                    source.entry,
                    target.code,
                    target.country,
                    target.sectors,
                    target.start,
                    target.end,
                    target.text,
                    target.entry,
                    e.code,
                    e.root,
                    e.name,
                    e.goldstein,
                    e.quad_class,
                    e.plover,
                    e.mode.as_str(),
                    e.date,
                    date_start,
                    date_end,
                    e.verb.start,
                    e.verb.end,
                    e.verb_text,
                    reporter.code,
                    reporter.country,
                    reporter.sectors,
                    reporter.start,
                    reporter.end,
                    reporter.text,
                    reporter.entry,
                    e.evidence.dictionary,
                    e.evidence.verb_entry,
                    e.evidence.pattern,
                    e.evidence.rule,
                ])?;
            }
            rows += doc.events.len();
        }
        if !doc.entities.is_empty() {
            let mut insert = conn.prepare_cached(INSERT_ENTITY)?;
            let mut insert_mention = conn.prepare_cached(INSERT_ENTITY_MENTION)?;
            for entity in &doc.entities {
                let kind = enum_name(&entity.kind)?;
                insert.execute(params![
                    pk,
                    entity.id,
                    kind,
                    entity.name,
                    entity.code,
                    entity.role,
                    entity.affiliation
                ])?;
                for (i, m) in entity.mentions.iter().enumerate() {
                    insert_mention.execute(params![pk, entity.id, i as i64, m.start, m.end, m.text])?;
                }
                rows += 1 + entity.mentions.len();
            }
        }
        if !doc.quotes.is_empty() {
            let mut insert = conn.prepare_cached(INSERT_QUOTE)?;
            for q in &doc.quotes {
                let kind = enum_name(&q.kind)?;
                let cue = q.cue.as_ref();
                let speaker = q.speaker.as_ref();
                insert.execute(params![
                    pk,
                    q.id,
                    kind,
                    q.start,
                    q.end,
                    q.text,
                    q.sentences[0],
                    q.sentences[1],
                    cue.map(|c| c.start),
                    cue.map(|c| c.end),
                    cue.map(|c| c.text.as_str()),
                    speaker.and_then(|s| s.entity),
                    speaker.map(|s| s.name.as_str()),
                    speaker.map(|s| s.mention.start),
                    speaker.map(|s| s.mention.end),
                    speaker.map(|s| s.mention.text.as_str()),
                    speaker.map(|s| s.resolution.as_str()),
                    speaker.and_then(|s| s.role.as_deref()),
                    speaker.and_then(|s| s.affiliation.as_deref()),
                    speaker.and_then(|s| s.code.as_deref()),
                ])?;
            }
            rows += doc.quotes.len();
        }
        if !doc.themes.is_empty() {
            let mut insert = conn.prepare_cached(INSERT_THEME)?;
            for (i, t) in doc.themes.iter().enumerate() {
                insert.execute(params![pk, i as i64, t.theme, t.sentence, t.start, t.end, t.text])?;
            }
            rows += doc.themes.len();
        }
        if let Some(tone) = &doc.tone {
            conn.prepare_cached(INSERT_TONE)?.execute(params![
                pk,
                tone.tone,
                tone.positive,
                tone.negative,
                tone.polarity,
                tone.word_count
            ])?;
            rows += 1;
        }
        if !doc.signals.is_empty() {
            let mut insert = conn.prepare_cached(INSERT_SIGNAL)?;
            let mut insert_action = conn.prepare_cached(INSERT_SIGNAL_ACTION)?;
            for s in &doc.signals {
                let setter = s.setter.as_ref();
                insert.execute(params![
                    pk,
                    s.id,
                    s.sentence,
                    setter.map(|setter| setter.name.as_str()),
                    setter.and_then(|setter| setter.entity),
                    setter.and_then(|setter| setter.code.as_deref()),
                    setter.and_then(|setter| setter.quote),
                    s.direction.as_str(),
                    s.mode.as_str(),
                    s.actor,
                    s.target,
                    s.family,
                    s.cue.start,
                    s.cue.end,
                    s.cue.text,
                ])?;
                for (i, action) in s.actions.iter().enumerate() {
                    insert_action.execute(params![
                        pk,
                        s.id,
                        i as i64,
                        action.start,
                        action.end,
                        action.text,
                        action.role.as_str(),
                        serde_json::to_string(&action.entries)?,
                        serde_json::to_string(&action.codes)?,
                        action.actor,
                        action.actor_from,
                        action.target,
                        action.target_from,
                        action.mutual,
                        serde_json::to_string(&action.events)?,
                    ])?;
                }
                rows += 1 + s.actions.len();
            }
        }
        Ok(rows)
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        // Every write is complete or undone (see `write`), so what is pending is safe to keep.
        if self.in_transaction {
            let _ = self.conn.execute_batch("COMMIT");
        }
        if let Some(checkpointer) = self.checkpointer.take() {
            checkpointer.stop();
            let _ = self.conn.pragma_update(None, "wal_autocheckpoint", 1000);
        }
    }
}

/// Copies committed WAL frames into the database file on its own thread and connection (SQLite's PASSIVE
/// checkpoint never blocks the writer), so the writer thread does half the disk writes of an ingest instead of
/// all of them. Best effort: if it fails, the WAL grows until the last connection closes and checkpoints it.
struct Checkpointer {
    wake: Sender<bool>,
    thread: JoinHandle<()>,
    /// Held while a checkpoint runs, by the thread or by the writer (see `Writer::bound_wal`).
    turn: Arc<Mutex<()>>,
    /// The database's write-ahead log file, whose size `Writer::bound_wal` watches.
    wal: PathBuf,
}

impl Checkpointer {
    /// `None` when a second connection or thread cannot be had; the writer then checkpoints as SQLite does.
    fn start(path: &Path) -> Option<Checkpointer> {
        let conn = Connection::open(path).ok()?;
        conn.busy_timeout(crate::BUSY_TIMEOUT).ok()?;
        let (wake, signals) = channel::<bool>();
        let turn = Arc::new(Mutex::new(()));
        let thread_turn = Arc::clone(&turn);
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || {
                let checkpoint = || {
                    let _turn = thread_turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                };
                while let Ok(more) = signals.recv() {
                    // Coalesce commits that queued up while the last checkpoint ran.
                    let stop = !more || signals.try_iter().any(|more| !more);
                    let _ = checkpoint();
                    if stop {
                        return;
                    }
                }
            })
            .ok()?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        Some(Checkpointer { wake, thread, turn, wal: PathBuf::from(wal) })
    }

    fn wake(&self) {
        let _ = self.wake.send(true);
    }

    fn stop(self) {
        let _ = self.wake.send(false);
        let _ = self.thread.join();
    }
}

/// Inserts the article row. `None` when the same content is already stored. When the article's id is taken by
/// different content, stores it under a deterministic new id (`<id>~<first 8 hex of its hash>`), so a rerun of
/// the same input reaches the same ids.
fn insert_article(conn: &Connection, doc: &Doc, ingested_at: &str) -> Result<Option<(i64, WriteOutcome)>, StoreError> {
    let article = &doc.article;
    let hash = &doc.content_hash;
    let origin = article.origin.as_ref();
    // The document's character index answers without another pass over the text.
    let char_count = i64::from(doc.span(article.text.len(), article.text.len()).end);
    let origin_record = origin.and_then(|o| o.record).map(|r| i64::try_from(r).unwrap_or(i64::MAX));
    let mut insert = conn.prepare_cached(INSERT_ARTICLE)?;
    let mut attempt = 0u32;
    loop {
        let (id, input_id) = match attempt {
            0 => (article.id.clone(), None),
            1 => (format!("{}~{}", article.id, &hash[..8.min(hash.len())]), Some(article.id.as_str())),
            n => (format!("{}~{}-{n}", article.id, &hash[..8.min(hash.len())]), Some(article.id.as_str())),
        };
        let inserted = insert.execute(params![
            id,
            input_id,
            hash,
            article.url,
            article.source,
            article.title,
            article.published,
            article.published_date(),
            article.text,
            char_count,
            origin.map(|o| o.path.as_str()),
            origin.map(|o| o.format.as_str()),
            origin_record,
            ingested_at,
        ])?;
        if inserted == 1 {
            let outcome = match input_id {
                None => WriteOutcome::Stored { id },
                Some(requested) => WriteOutcome::Renamed { requested: requested.to_string(), id },
            };
            return Ok(Some((conn.last_insert_rowid(), outcome)));
        }
        let same_content: Option<i64> =
            conn.query_row("SELECT pk FROM articles WHERE content_hash = ?1", [hash], |r| r.get(0)).optional()?;
        if same_content.is_some() {
            return Ok(None);
        }
        attempt += 1;
        if attempt > 1_000 {
            // Only reachable if a thousand candidate ids are all taken; refuse rather than loop on.
            return Err(StoreError::NoFreeId(article.id.clone()));
        }
    }
}

/// True when a document has no rows but its article and sentences (what the text stage alone produces).
fn only_sentences(doc: &Doc) -> bool {
    doc.events.is_empty()
        && doc.entities.is_empty()
        && doc.quotes.is_empty()
        && doc.themes.is_empty()
        && doc.tone.is_none()
        && doc.signals.is_empty()
}

/// An optional actor flattened into its columns.
struct ActorColumns<'a> {
    code: Option<&'a str>,
    country: Option<&'a str>,
    sectors: Option<String>,
    start: Option<u32>,
    end: Option<u32>,
    text: Option<&'a str>,
    entry: Option<&'a str>,
}

impl<'a> ActorColumns<'a> {
    fn of(actor: Option<&'a ActorRef>) -> Result<ActorColumns<'a>, StoreError> {
        Ok(ActorColumns {
            code: actor.map(|a| a.code.as_str()),
            country: actor.and_then(|a| a.country.as_deref()),
            sectors: actor.map(|a| serde_json::to_string(&a.sectors)).transpose()?,
            start: actor.map(|a| a.span.start),
            end: actor.map(|a| a.span.end),
            text: actor.map(|a| a.text.as_str()),
            entry: actor.and_then(|a| a.entry.as_deref()),
        })
    }
}

/// Writes a document's sentences as the JSON array `sentence_spans.spans` holds (`docs/store.md`): element `i` is
/// sentence `i` as `[char_start, char_end, paragraph]`, with the tone appended when there is one. Sentence ids
/// must be `0, 1, 2, …` (as the text stage numbers them): the position is the id.
fn encode_sentence_spans(sentences: &[Sentence], out: &mut Vec<u8>) -> Result<(), StoreError> {
    out.clear();
    out.push(b'[');
    for (position, sentence) in sentences.iter().enumerate() {
        if sentence.id as usize != position {
            return Err(StoreError::SentenceOrder { position, id: sentence.id });
        }
        if position > 0 {
            out.push(b',');
        }
        out.push(b'[');
        serde_json::to_writer(&mut *out, &sentence.start)?;
        out.push(b',');
        serde_json::to_writer(&mut *out, &sentence.end)?;
        out.push(b',');
        serde_json::to_writer(&mut *out, &sentence.paragraph)?;
        if let Some(tone) = sentence.tone {
            out.push(b',');
            // Non-finite values become null (SQL NULL), as SQLite stores a NaN bound as a REAL.
            serde_json::to_writer(&mut *out, &f64::from(tone))?;
        }
        out.push(b']');
    }
    out.push(b']');
    Ok(())
}

fn span_columns(span: Option<Span>) -> (Option<u32>, Option<u32>) {
    (span.map(|s| s.start), span.map(|s| s.end))
}

/// The serde name of a unit enum variant (`"direct"`, `"person"`), so the database spells values as the JSON does.
fn enum_name<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(name) => Ok(name),
        other => Ok(other.to_string()),
    }
}
