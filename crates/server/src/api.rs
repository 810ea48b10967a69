//! The `/api/…` routes: each parses its parameters strictly, runs one store query through
//! [`AppState::query`] and answers JSON. Every route is listed once in [`api_routes`], which both builds the
//! router and is checked against the OpenAPI document.

use crate::params::Params;
use crate::{ApiError, AppState, MAX_BODY_BYTES};
use axum::Json;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};

/// The longest query string accepted (414 beyond it).
pub const MAX_QUERY_BYTES: usize = 2048;

/// Every API route: its path (axum syntax) and its handler.
pub(crate) fn api_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![("/api/openapi.json", get(crate::openapi::document)), ("/api/stats", get(stats))]
}

pub(crate) fn routes() -> Router<AppState> {
    api_routes().into_iter().fold(Router::new(), |router, (path, handler)| router.route(path, handler))
}

/// Unknown paths, including any path-traversal attempt: nothing is served outside the routes.
pub(crate) async fn not_found(request: Request) -> ApiError {
    ApiError::not_found(format!("no such resource: {}", request.uri().path()))
}

pub(crate) async fn method_not_allowed(request: Request) -> Response {
    let error = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} is not allowed: this server only reads (use GET)", request.method()),
    );
    ([(header::ALLOW, "GET, HEAD")], error).into_response()
}

/// Refuses over-long query strings (414) and announced bodies above [`MAX_BODY_BYTES`] (413) before routing.
pub(crate) async fn guard(request: Request, next: Next) -> Response {
    if request.uri().query().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        let message = format!("the query string is longer than {MAX_QUERY_BYTES} bytes");
        return ApiError::new(StatusCode::URI_TOO_LONG, message).into_response();
    }
    let announced = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        let message = format!("request bodies are limited to {MAX_BODY_BYTES} bytes (and no endpoint reads one)");
        return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
    }
    next.run(request).await
}

/// `GET /api/stats`: row counts of the main tables.
async fn stats(State(state): State<AppState>, params: Params) -> Result<Response, ApiError> {
    params.allow(&[])?;
    let counts = state.query(|store| store.counts()).await?;
    Ok(Json(counts).into_response())
}
