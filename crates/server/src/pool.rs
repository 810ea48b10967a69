//! The pool of read-only connections and [`AppState::query`], which runs store queries off the runtime with a
//! time limit that really stops SQLite.

use crate::ApiError;
use attache_store::{Store, StoreError};
use axum::body::Bytes;
use rusqlite::InterruptHandle;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::{OnceCell, Semaphore};

/// What every handler shares: the database behind a small pool of read-only connections.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    idle: Mutex<Vec<Pooled>>,
    /// One permit per connection: waiting for a permit is waiting for a free connection.
    permits: Arc<Semaphore>,
    timeout: Duration,
    next_ticket: AtomicU64,
    cache: Mutex<Cache>,
    /// A connection of its own for `PRAGMA data_version`, which changes when anyone else commits.
    probe: Mutex<Store>,
}

/// Answers already computed, as JSON bytes, valid while the database's `data_version` stays the same.
struct Cache {
    version: i64,
    checked: Option<Instant>,
    /// One cell per query: filled once, by the first request that misses; the others wait for it.
    entries: HashMap<String, Arc<OnceCell<Bytes>>>,
}

/// How long a cached answer is trusted before the database is asked whether anything changed.
const FRESHNESS: Duration = Duration::from_millis(500);
/// Cached answers kept at most; when full, the cache starts over (simple, and bounds memory).
const CACHE_ENTRIES: usize = 512;

struct Pooled {
    store: Store,
    /// Which query runs on this connection (0: none), so a late timeout never interrupts the next query.
    running: Arc<Running>,
}

struct Running {
    ticket: Mutex<u64>,
    interrupt: InterruptHandle,
}

impl AppState {
    /// Opens `connections` read-only connections to the database at `path`.
    pub fn open(path: &Path, connections: usize, timeout: Duration) -> Result<AppState, StoreError> {
        let stores = (0..connections.max(1)).map(|_| Store::open_read_only(path)).collect::<Result<Vec<_>, _>>()?;
        Ok(AppState::from_stores(stores, Store::open_read_only(path)?, timeout))
    }

    /// A state over already open stores; `probe` is one more connection to the same database, used only to
    /// learn whether it changed.
    pub fn from_stores(stores: Vec<Store>, probe: Store, timeout: Duration) -> AppState {
        let idle: Vec<Pooled> = stores
            .into_iter()
            .map(|store| {
                let interrupt = store.connection().get_interrupt_handle();
                Pooled { store, running: Arc::new(Running { ticket: Mutex::new(0), interrupt }) }
            })
            .collect();
        let permits = Arc::new(Semaphore::new(idle.len()));
        let cache = Mutex::new(Cache { version: 0, checked: None, entries: HashMap::new() });
        let inner = Inner {
            idle: Mutex::new(idle),
            permits,
            timeout,
            next_ticket: AtomicU64::new(1),
            cache,
            probe: Mutex::new(probe),
        };
        AppState { inner: Arc::new(inner) }
    }

    /// The time limit of one query.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Runs `work` on a pooled read-only connection on a blocking thread, bounded by the time limit.
    ///
    /// Waiting for a free connection counts against the limit (503 when none frees up in time); when the query
    /// itself overruns, SQLite is interrupted so the thread stops, and the answer is 504.
    pub async fn query<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
        T: Send + 'static,
    {
        let deadline = tokio::time::Instant::now() + self.inner.timeout;
        let permit = match tokio::time::timeout_at(deadline, self.inner.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_closed)) => return Err(ApiError::unavailable("the database pool is closed")),
            Err(_elapsed) => return Err(ApiError::unavailable("every database connection stayed busy; try again")),
        };
        let pooled = self.inner.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let Some(pooled) = pooled else {
            return Err(ApiError::internal("a connection permit without an idle connection"));
        };
        let ticket = self.inner.next_ticket.fetch_add(1, Ordering::Relaxed);
        let running = pooled.running.clone();
        *running.ticket.lock().unwrap_or_else(PoisonError::into_inner) = ticket;
        let inner = self.inner.clone();
        let task = tokio::task::spawn_blocking(move || {
            let result = work(&pooled.store);
            *pooled.running.ticket.lock().unwrap_or_else(PoisonError::into_inner) = 0;
            inner.idle.lock().unwrap_or_else(PoisonError::into_inner).push(pooled);
            drop(permit);
            result
        });
        match tokio::time::timeout_at(deadline, task).await {
            Ok(Ok(result)) => result.map_err(ApiError::from_store),
            Ok(Err(join)) => Err(ApiError::internal(&format!("the query failed: {join}"))),
            Err(_elapsed) => {
                // Interrupt only if this query still runs there; the lock keeps the connection from being
                // handed on meanwhile. SQLite ignores an interrupt when no statement is running.
                let current = running.ticket.lock().unwrap_or_else(PoisonError::into_inner);
                if *current == ticket {
                    running.interrupt.interrupt();
                }
                Err(ApiError::timeout(self.inner.timeout))
            }
        }
    }

    /// Like [`AppState::query`], but remembers the answer's JSON under `key` until the database changes (an
    /// ingest commits), so a repeated query costs a lookup. Within [`FRESHNESS`] of the last check an answer may
    /// miss a commit that just happened. `key` must identify the query completely. Requests that miss at the
    /// same time wait for one computation instead of all running the same query.
    pub async fn cached_json<T, F>(&self, key: String, work: F) -> Result<Bytes, ApiError>
    where
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
        T: Serialize + Send + 'static,
    {
        let cell = {
            let mut cache = self.inner.cache.lock().unwrap_or_else(PoisonError::into_inner);
            if cache.checked.is_none_or(|at| at.elapsed() > FRESHNESS) {
                let now = self.data_version()?;
                if now != cache.version {
                    cache.entries.clear();
                    cache.version = now;
                }
                cache.checked = Some(Instant::now());
            }
            if cache.entries.len() >= CACHE_ENTRIES && !cache.entries.contains_key(&key) {
                cache.entries.clear();
            }
            cache.entries.entry(key).or_default().clone()
        };
        let bytes = cell
            .get_or_try_init(|| async {
                let value = self.query(work).await?;
                serde_json::to_vec(&value)
                    .map(Bytes::from)
                    .map_err(|error| ApiError::internal(&format!("encoding the answer: {error}")))
            })
            .await?;
        Ok(bytes.clone())
    }

    /// SQLite's `data_version` on the probe connection: it changes whenever another connection commits.
    fn data_version(&self) -> Result<i64, ApiError> {
        let probe = self.inner.probe.lock().unwrap_or_else(PoisonError::into_inner);
        probe
            .connection()
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .map_err(|error| ApiError::from_store(error.into()))
    }
}
