//! # attache-store — the embedded SQLite store
//!
//! Purpose: keep annotated documents ([`attache_doc::Doc`]) in one SQLite file — articles, sentences and every
//! stage's annotations — and answer the CLI's queries (list, show, counts, full-text search).
//!
//! Key design decision: **an article is the unit of atomicity, a batch is the unit of durability.** Each article
//! is written inside its own savepoint (all its rows or none), many articles share one transaction (by count,
//! bytes and age), and the content hash is a unique key. So a crash or `kill -9` at any moment leaves a
//! consistent database (WAL), and rerunning the same ingest stores exactly what a clean run stores: articles
//! already there are recognised by hash and skipped. Sentences and annotations keep character spans into the
//! article's text instead of copies of it; `docs/store.md` documents every table and column.

mod export_rows;
mod grouping;
mod listing;
pub mod parse;
mod query;
mod relations;
mod schema;
mod signals;
mod write;

pub use export_rows::{EventMention, GroupCounts, GroupedEvent};
pub use grouping::{EventGroup, GroupingSummary, MAX_WINDOW_DAYS};
pub use listing::{
    EntityFilter, EntitySummary, EventFilter, QuoteFilter, StoredEvent, StoredQuote, ThemeCount, ThemeFilter,
    ThemePhrase, quote_kind_name,
};
pub use query::{ArticleFilter, ArticleSummary, Counts, StoredArticle, StoredSentence};
pub use schema::{SCHEMA_VERSION, migrate_to, version as schema_version};
pub use signals::{Meeting, SignalFilter, SignalStatus, TrackedAction, TrackedSignal};
pub use write::{BatchPolicy, WriteOutcome, Writer};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Everything that can go wrong in the store, each naming what it was doing.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("no database at {0} (create one with `attache ingest`)")]
    Missing(PathBuf),
    #[error("database schema version {found} is newer than this attache knows ({known}); upgrade attache")]
    NewerSchema { found: u32, known: u32 },
    #[error("schema migration to version {version} failed: {source}")]
    Migration { version: u32, source: rusqlite::Error },
    #[error("cannot switch {path} to WAL journal mode (SQLite answered `{mode}`)")]
    JournalMode { path: PathBuf, mode: String },
    #[error("no free id for article `{0}`: every disambiguated candidate is taken")]
    NoFreeId(String),
    #[error("sentence ids must number the sentences in order: position {position} has id {id}")]
    SentenceOrder { position: usize, id: u32 },
    #[error("cannot encode a list column as JSON: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("invalid full-text query: {0}")]
    Search(String),
    #[error("{0}")]
    Query(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// True for errors about one document (bad values, a key clash): the writer rolled that document back and
    /// can go on. Anything else — disk full, I/O error, a database locked too long — should stop an ingest.
    pub fn concerns_one_article(&self) -> bool {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) => matches!(
                failure.code,
                rusqlite::ErrorCode::ConstraintViolation
                    | rusqlite::ErrorCode::TooBig
                    | rusqlite::ErrorCode::TypeMismatch
            ),
            StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(_)) => true,
            StoreError::Encode(_) | StoreError::NoFreeId(_) | StoreError::SentenceOrder { .. } => true,
            _ => false,
        }
    }
}

/// How long a connection waits for another process's write lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open attache database.
pub struct Store {
    conn: Connection,
    /// The database file, for a writer's background checkpointer; `None` in memory.
    path: Option<PathBuf>,
}

impl Store {
    /// Opens the database at `path`, creating it if needed, and migrates it to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_at(path, SCHEMA_VERSION)
    }

    /// Opens an existing database (never creates one), migrating it if it is older than this build.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Store::prepare(conn, path, SCHEMA_VERSION)
    }

    /// Opens an existing database for reading only (`attache serve`): never creates, migrates or writes it.
    /// The file must already have this build's schema, since a read-only connection cannot migrate it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
            .map_err(open_err)?;
        conn.set_prepared_statement_cache_capacity(64);
        let found = schema::version(&conn)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found, known: SCHEMA_VERSION });
        }
        if found < SCHEMA_VERSION {
            return Err(StoreError::Query(format!(
                "database {} has schema version {found}, older than this attache's {SCHEMA_VERSION}; \
                 run `attache stats` on it once to migrate it",
                path.display()
            )));
        }
        Ok(Store { conn, path: Some(path.to_path_buf()) })
    }

    /// Opens (creating) a database migrated only up to `version`: for tests of the migrations.
    #[doc(hidden)]
    pub fn open_at(path: &Path, version: u32) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Store::prepare(conn, path, version)
    }

    /// A private in-memory database (tests, `attache code --check`-style uses).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        Store::prepare(conn, Path::new(":memory:"), SCHEMA_VERSION)
    }

    fn prepare(mut conn: Connection, path: &Path, version: u32) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // 16 KiB pages for a new database (an existing one keeps its own; WAL fixes it): an article is a few KiB,
        // and with 4 KiB pages the kernel's work of writing every page twice (WAL, then the database) was a
        // quarter of a text-only ingest's CPU time.
        conn.execute_batch("PRAGMA page_size = 16384").map_err(open_err)?;
        // WAL: readers never block the writer and a killed writer leaves the last committed state. NORMAL sync
        // is durable against process crashes; a power cut can lose the last commits but never consistency.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::JournalMode { path: path.to_path_buf(), mode });
        }
        // Savepoint and statement journals in memory: on disk they rewrote every page an article touched.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; \
             PRAGMA temp_store = MEMORY;",
        )
        .map_err(open_err)?;
        conn.set_prepared_statement_cache_capacity(64);
        schema::migrate_to(&mut conn, version)?;
        let path = (path != Path::new(":memory:")).then(|| path.to_path_buf());
        Ok(Store { conn, path })
    }

    /// The underlying connection, for queries this crate does not offer yet.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Starts a batched writer; see [`Writer`].
    pub fn writer(&mut self, policy: BatchPolicy) -> Result<Writer<'_>, StoreError> {
        Writer::new(&mut self.conn, self.path.as_deref(), policy)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it answers `ok`, else the problems it lists.
    pub fn integrity_check(&self) -> Result<Result<(), Vec<String>>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
        Ok(if rows.len() == 1 && rows[0] == "ok" { Ok(()) } else { Err(rows) })
    }
}
