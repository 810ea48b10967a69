//! The pool of read-only connections and [`AppState::query`], which runs store queries off the runtime with a
//! time limit that really stops SQLite.

use crate::ApiError;
use attache_store::{Store, StoreError};
use rusqlite::InterruptHandle;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Semaphore;

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
}

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
        Ok(AppState::from_stores(stores, timeout))
    }

    /// A state over already open stores (tests use in-memory or freshly built databases).
    pub fn from_stores(stores: Vec<Store>, timeout: Duration) -> AppState {
        let idle: Vec<Pooled> = stores
            .into_iter()
            .map(|store| {
                let interrupt = store.connection().get_interrupt_handle();
                Pooled { store, running: Arc::new(Running { ticket: Mutex::new(0), interrupt }) }
            })
            .collect();
        let permits = Arc::new(Semaphore::new(idle.len()));
        AppState { inner: Arc::new(Inner { idle: Mutex::new(idle), permits, timeout, next_ticket: AtomicU64::new(1) }) }
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
}
