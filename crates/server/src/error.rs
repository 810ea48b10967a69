//! API errors: JSON `{"error": {"status": 404, "message": "…"}}` with the matching HTTP status.

use attache_store::StoreError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// An error answer: an HTTP status and a message saying what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    /// 400, for a parameter that is missing, unknown or malformed; the message names it.
    pub fn bad_parameter(name: &str, problem: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, format!("parameter `{name}`: {problem}"))
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unavailable(message: &str) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    pub fn timeout(limit: Duration) -> ApiError {
        ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            format!(
                "the query took longer than {} ms and was stopped; narrow it (dates, actors, limit)",
                limit.as_millis()
            ),
        )
    }

    pub fn internal(message: &str) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// The store's errors: a bad search expression is the caller's (400), an interrupted query a timeout (504),
    /// anything else the server's (500).
    pub fn from_store(error: StoreError) -> ApiError {
        match &error {
            StoreError::Search(_) => ApiError::bad_parameter("q", &error),
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                ApiError::new(StatusCode::GATEWAY_TIMEOUT, "the query took too long and was stopped")
            }
            _ => ApiError::internal(&error.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "status": self.status.as_u16(), "message": self.message } });
        (self.status, Json(body)).into_response()
    }
}
