//! The OpenAPI 3 description of the API, written by hand in `openapi.json` next to this file and served as is.

use axum::http::header;
use axum::response::IntoResponse;

/// The document's text (a test checks it lists exactly the router's API routes).
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// `GET /api/openapi.json`.
pub(crate) async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
