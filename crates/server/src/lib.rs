//! # attache-server — `attache serve`: the HTTP JSON API and the dashboard
//!
//! Purpose: answer, over HTTP on loopback, everything the CLI answers from an attache database — articles,
//! sentences, events and their evidence, quotes, people, themes, relations, dyads, signals, counts — as stable
//! JSON (documented in `docs/api.md`, described by OpenAPI at `/api/openapi.json`), and serve the dashboard.
//!
//! Key design decision: **the server is a thin, read-only shell around the store's own queries.** Every
//! endpoint parses its parameters, then runs one `attache-store` query on a pooled *read-only* SQLite
//! connection through [`AppState::query`], which moves the work off the async runtime, bounds it by a time
//! limit and *interrupts SQLite* when the limit passes, so a slow query stops instead of holding a thread. No
//! SQL lives here; figures are the CLI's figures by construction.
//!
//! Using [`AppState::query`] from a handler (the dashboard's chart endpoint does):
//! ```ignore
//! async fn handler(State(state): State<AppState>) -> Result<Json<Vec<StoredEvent>>, ApiError> {
//!     let filter = EventFilter::default();
//!     Ok(Json(state.query(move |store| store.events(&filter)).await?))
//! }
//! ```
//! The closure gets a `&Store` and returns `Result<T, StoreError>`; store errors become [`ApiError`]s (400 for
//! a bad search query, 504 when the time limit interrupted the query, 503 when every connection stayed busy).

mod api;
mod dashboard;
mod error;
mod evidence;
mod openapi;
mod params;
mod pool;

pub use error::ApiError;
pub use pool::AppState;

use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The largest request body accepted (the API reads none; anything bigger is refused with 413).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// How `attache serve` runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The database, opened read-only.
    pub db: PathBuf,
    /// Where to listen; loopback unless the user asks otherwise.
    pub addr: SocketAddr,
    /// Read-only SQLite connections in the pool (concurrent queries).
    pub connections: usize,
    /// The longest a query may run before it is interrupted (504).
    pub query_timeout: Duration,
    /// Bring the full-text index up to date at start (the one write the server makes); see [`serve`].
    pub refresh_search_index: bool,
}

impl ServeConfig {
    pub fn new(db: PathBuf, addr: SocketAddr) -> ServeConfig {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeConfig {
            db,
            addr,
            connections: cores.clamp(2, 8),
            query_timeout: Duration::from_secs(10),
            refresh_search_index: true,
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] attache_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// The API's route paths (axum syntax, e.g. `/api/events/{id}`), as the router has them: for the test that
/// checks the OpenAPI document lists exactly these.
#[doc(hidden)]
pub fn api_paths() -> Vec<&'static str> {
    api::api_routes().into_iter().map(|(path, _)| path).collect()
}

/// The OpenAPI document served at `/api/openapi.json`.
pub const OPENAPI_JSON: &str = openapi::OPENAPI_JSON;

/// The whole application: the API under `/api/…` and the dashboard, with the request limits applied.
///
/// Neither part may set a fallback: unknown paths answer the API's JSON 404, wrong methods its JSON 405.
pub fn router(state: AppState) -> Router {
    api::routes()
        .merge(dashboard::routes())
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(api::guard))
        .with_state(state)
}

/// Serves `config.db` on `config.addr` until `shutdown` completes, then finishes the requests in flight.
/// Unless `config.refresh_search_index` is off, articles not yet in the full-text index are indexed first.
/// `ready` is told the address actually bound (useful with port 0).
pub async fn serve(
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    if config.refresh_search_index {
        refresh_search_index(&config.db)?;
    }
    let state = AppState::open(&config.db, config.connections, config.query_timeout)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind { addr: config.addr, source })?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// Adds articles ingested since the last search to the full-text index, before the pool opens read-only: the
/// one write the server makes, at start, and the same upkeep `attache articles --search` does. When the file
/// cannot be written, search answers from the index as it is and a warning says so.
fn refresh_search_index(db: &std::path::Path) -> Result<(), ServeError> {
    let pending = attache_store::Store::open_read_only(db)?.search_index_pending()?;
    if pending > 0 {
        let refreshed = attache_store::Store::open_existing(db).and_then(|store| store.refresh_search_index());
        if let Err(error) = refreshed {
            eprintln!("warning: {pending} articles are not in the search index yet ({error}); search misses them");
        }
    }
    Ok(())
}

/// Builds a runtime and serves until Ctrl-C (what `attache serve` runs).
pub fn serve_until_ctrl_c(config: ServeConfig, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(config, ready, async {
        // If the signal cannot be watched, serve until killed rather than stopping at once.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }))
}
