//! Query-string parameters: parsed strictly, so a typo or a bad value is a 400 that names the parameter
//! instead of a silently ignored filter.

use crate::ApiError;
pub use attache_store::parse::{
    parse_actor, parse_actor_key_pair, parse_date, parse_event_code, parse_pair, parse_root,
};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;

/// The largest page a listing returns; `limit` above it is refused (400).
pub const MAX_LIMIT: u64 = 1000;
/// The page size when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 100;

/// A request's query-string parameters, each name at most once.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Params, ApiError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|error| ApiError::new(axum::http::StatusCode::BAD_REQUEST, format!("query string: {error}")))?;
        for (n, (name, _)) in pairs.iter().enumerate() {
            if pairs[..n].iter().any(|(earlier, _)| earlier == name) {
                return Err(ApiError::bad_parameter(name, "given more than once"));
            }
        }
        Ok(Params { pairs })
    }
}

impl Params {
    /// Refuses parameters the endpoint does not know (400 naming the first one and listing the known ones).
    pub fn allow(&self, known: &[&str]) -> Result<(), ApiError> {
        match self.pairs.iter().find(|(name, _)| !known.contains(&name.as_str())) {
            Some((name, _)) if known.is_empty() => {
                Err(ApiError::bad_parameter(name, "this endpoint takes no parameters"))
            }
            Some((name, _)) => {
                Err(ApiError::bad_parameter(name, format!("unknown parameter (known: {})", known.join(", "))))
            }
            None => Ok(()),
        }
    }

    /// The raw value, `None` when absent or empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
    }

    pub fn string(&self, name: &str) -> Option<String> {
        self.text(name).map(|v| v.trim().to_string())
    }

    /// Parses the value with `parse` (whose error says what is wrong), naming the parameter on failure.
    pub fn parsed<T>(&self, name: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<Option<T>, ApiError> {
        self.text(name).map(|v| parse(v.trim()).map_err(|problem| ApiError::bad_parameter(name, problem))).transpose()
    }

    /// A `YYYY-MM-DD` calendar date.
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.parsed(name, parse_date)
    }

    /// A whole number in `min..=max`.
    pub fn number(&self, name: &str, min: u64, max: u64) -> Result<Option<u64>, ApiError> {
        self.parsed(name, |v| match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(format!("`{v}` is not a whole number from {min} to {max}")),
        })
    }

    /// One of `choices`.
    pub fn choice(&self, name: &str, choices: &[&'static str]) -> Result<Option<&'static str>, ApiError> {
        self.parsed(name, |v| {
            choices
                .iter()
                .copied()
                .find(|c| *c == v)
                .ok_or_else(|| format!("`{v}` is not one of {}", choices.join(", ")))
        })
    }

    /// `limit` (default [`DEFAULT_LIMIT`], 1 to [`MAX_LIMIT`]) and `offset`.
    pub fn page(&self) -> Result<Page, ApiError> {
        let limit = self.number("limit", 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
        let offset = self.number("offset", 0, i64::MAX as u64)?.unwrap_or(0);
        Ok(Page { limit, offset })
    }
}

/// One page of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: u64,
    pub offset: u64,
}
