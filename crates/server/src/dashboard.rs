//! The dashboard: a single page (`/`) with its assets embedded in the binary (`/assets/…`) and the relations
//! chart rendered by the server (`/chart/relations.svg`). The page reads everything else from the JSON API.
//!
//! Static files come only from [`ASSETS`], looked up by exact name, so no request can reach the file system.
//! Every answer here carries a Content-Security-Policy that allows scripts, styles, images and requests from
//! this server only: the page works with no network and loads nothing from elsewhere.

use crate::params::{Params, parse_actor};
use crate::{ApiError, AppState};
use attache_relations::{Direction, Granularity, RelationsQuery};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// What the page may load: only from this server; no inline scripts, no frames, no plugins.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// One embedded file: its name under `/assets/`, its content type and its bytes.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const INDEX_HTML: &str = include_str!("../assets/index.html");

/// Every file the dashboard serves besides the page itself.
const ASSETS: &[Asset] = &[
    Asset { name: "app.js", content_type: "text/javascript; charset=utf-8", body: include_str!("../assets/app.js") },
    Asset { name: "style.css", content_type: "text/css; charset=utf-8", body: include_str!("../assets/style.css") },
    Asset { name: "icon.svg", content_type: "image/svg+xml", body: include_str!("../assets/icon.svg") },
];

/// Chart sizes accepted, in pixels (the page asks for its own width).
const WIDTH: (u64, u64) = (320, 2400);
const HEIGHT: (u64, u64) = (240, 1600);

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*name}", get(asset))
        .route("/chart/relations.svg", get(relations_chart))
        .layer(axum::middleware::map_response(protect))
}

/// Headers every dashboard answer carries.
async fn protect(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The assets change only with the binary; a browser revalidates them on each load, which costs nothing on
/// loopback and never shows a stale page after an upgrade.
fn embedded(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// The page keeps its state in the URL's fragment (`#pair=CHN-USA&by=month`), which never reaches the server.
async fn index() -> Response {
    embedded("text/html; charset=utf-8", INDEX_HTML)
}

async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    ASSETS
        .iter()
        .find(|asset| asset.name == name)
        .map(|asset| embedded(asset.content_type, asset.body))
        .ok_or_else(|| ApiError::not_found(format!("no such asset: /assets/{name}")))
}

/// `GET /chart/relations.svg?a=CHN&b=USA&by=month&from=&to=&direction=&width=&height=`: the relations chart of
/// a pair as SVG (attache-chart), with one `rect.period-hit` per period for the page to click.
async fn relations_chart(State(state): State<AppState>, params: Params) -> Result<Response, ApiError> {
    params.allow(&["a", "b", "by", "from", "to", "direction", "width", "height"])?;
    let actor = |name: &str| {
        params.parsed(name, parse_actor)?.ok_or_else(|| ApiError::bad_parameter(name, "required (an actor code)"))
    };
    let query = RelationsQuery {
        a: actor("a")?,
        b: actor("b")?,
        by: match params.choice("by", &["day", "week", "month", "quarter"])? {
            Some("day") => Granularity::Day,
            Some("week") => Granularity::Week,
            Some("quarter") => Granularity::Quarter,
            _ => Granularity::Month,
        },
        from: params.date("from")?,
        to: params.date("to")?,
        direction: match params.choice("direction", &["both", "ab", "ba"])? {
            Some("ab") => Direction::Ab,
            Some("ba") => Direction::Ba,
            _ => Direction::Both,
        },
    };
    // A reversed range or too many periods is the caller's mistake: say so before touching the database.
    query.resolve().map_err(|error| ApiError::bad_parameter("from", error))?;
    let size = (
        params.number("width", WIDTH.0, WIDTH.1)?.unwrap_or(u64::from(attache_chart::DEFAULT_SIZE.0)) as u32,
        params.number("height", HEIGHT.0, HEIGHT.1)?.unwrap_or(u64::from(attache_chart::DEFAULT_SIZE.1)) as u32,
    );
    let svg = state.query(move |store| Ok(attache_chart::relations_svg(&store.relations(&query)?, size))).await?;
    let svg = svg.map_err(|error| ApiError::internal(&error.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], svg)
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_names_are_unique_plain_file_names() {
        for (i, asset) in ASSETS.iter().enumerate() {
            assert!(
                asset.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'),
                "{} is not a plain file name",
                asset.name
            );
            assert!(ASSETS[..i].iter().all(|earlier| earlier.name != asset.name), "{} twice", asset.name);
        }
    }

    #[test]
    fn the_page_loads_only_embedded_assets() {
        for reference in INDEX_HTML.split(['"', '\'']).filter(|part| part.starts_with("/assets/")) {
            let name = &reference["/assets/".len()..];
            assert!(ASSETS.iter().any(|asset| asset.name == name), "index.html refers to missing {reference}");
        }
        assert!(
            !INDEX_HTML.contains("http://") && !INDEX_HTML.contains("https://"),
            "the page must not load from elsewhere"
        );
    }
}
