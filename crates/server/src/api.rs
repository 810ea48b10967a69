//! The `/api/…` routes: each parses its parameters strictly, runs store queries through [`AppState::query`]
//! and answers JSON. Every route is listed once in [`api_routes`], which both builds the router and is checked
//! against the OpenAPI document.

use crate::evidence::{event_evidence, quote_evidence};
use crate::params::{Params, parse_actor, parse_actor_key_pair, parse_event_code, parse_pair, parse_root};
use crate::{ApiError, AppState, MAX_BODY_BYTES};
use attache_doc::{Mode, QuoteKind};
use attache_relations::{ActorSpec, Direction, DyadsQuery, Granularity, Rank, RelationsQuery};
use attache_store::{
    ArticleFilter, EntityFilter, EventFilter, QuoteFilter, SignalFilter, SignalStatus, Store, StoreError, StoredEvent,
    StoredQuote, ThemeFilter,
};
use axum::Json;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use serde::Serialize;
use serde_json::{Value, json};

/// The longest query string accepted (414 beyond it).
pub const MAX_QUERY_BYTES: usize = 2048;

/// Every API route: its path (axum syntax) and its handler.
pub(crate) fn api_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/openapi.json", get(crate::openapi::document)),
        ("/api/stats", get(stats)),
        ("/api/articles", get(articles)),
        ("/api/articles/{id}", get(article)),
        ("/api/articles/{id}/sentences", get(sentences)),
        ("/api/articles/{id}/sentences/{idx}", get(sentence)),
        ("/api/events", get(events)),
        ("/api/events/{id}", get(event)),
        ("/api/event-groups", get(event_groups)),
        ("/api/events/{id}/evidence", get(evidence)),
        ("/api/quotes", get(quotes)),
        ("/api/quotes/{id}", get(quote)),
        ("/api/people", get(people)),
        ("/api/themes", get(themes)),
        ("/api/themes/{theme}/phrases", get(theme_phrases)),
        ("/api/relations", get(relations)),
        ("/api/dyads", get(dyads)),
        ("/api/signals", get(signals)),
    ]
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

type Answer = Result<Json<Value>, ApiError>;

fn to_json(value: impl Serialize) -> Answer {
    serde_json::to_value(value).map(Json).map_err(|error| ApiError::internal(&format!("encoding the answer: {error}")))
}

/// `GET /api/stats`: row counts of the main tables and how events group into happenings.
async fn stats(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&[])?;
    let (counts, grouping) = state.query(|store| Ok((store.counts()?, store.grouping_summary()?))).await?;
    to_json(json!({ "counts": counts, "grouping": grouping }))
}

/// `GET /api/articles`: newest first, filtered by dates, source and full-text words (`q`).
async fn articles(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["q", "from", "to", "source", "limit"])?;
    let page = params.page()?;
    let filter = ArticleFilter {
        from: params.date("from")?,
        to: params.date("to")?,
        source: params.string("source"),
        search: params.string("q"),
        limit: Some(page.limit),
    };
    let articles = state.query(move |store| store.list_articles(&filter)).await?;
    to_json(json!({ "limit": page.limit, "articles": articles }))
}

fn no_article(id: &str) -> ApiError {
    ApiError::not_found(format!("no article with id `{id}`"))
}

/// `GET /api/articles/{id}`: the article with its text, sentences, annotation counts and tone.
async fn article(State(state): State<AppState>, Path(id): Path<String>, params: Params) -> Answer {
    params.allow(&[])?;
    let lookup = id.clone();
    let found = state
        .query(move |store| {
            let Some(article) = store.article(&lookup)? else { return Ok(None) };
            Ok(Some((article, store.article_tone(&lookup)?)))
        })
        .await?;
    let (article, tone) = found.ok_or_else(|| no_article(&id))?;
    let mut value = to_json(article)?.0;
    value["tone"] = serde_json::to_value(tone).unwrap_or(Value::Null);
    Ok(Json(value))
}

/// `GET /api/articles/{id}/sentences`.
async fn sentences(State(state): State<AppState>, Path(id): Path<String>, params: Params) -> Answer {
    params.allow(&[])?;
    let lookup = id.clone();
    let article = state.query(move |store| store.article(&lookup)).await?.ok_or_else(|| no_article(&id))?;
    to_json(json!({ "article": article.id, "sentences": article.sentences }))
}

/// `GET /api/articles/{id}/sentences/{idx}`: one sentence with the events coded from it.
async fn sentence(State(state): State<AppState>, Path((id, idx)): Path<(String, String)>, params: Params) -> Answer {
    params.allow(&[])?;
    let idx: u32 = idx.parse().map_err(|_| ApiError::not_found(format!("no sentence `{idx}`: not a number")))?;
    let lookup = id.clone();
    let found = state
        .query(move |store| {
            let Some(article) = store.article(&lookup)? else { return Ok(None) };
            let filter = EventFilter { article: Some(lookup.clone()), ..EventFilter::default() };
            let events: Vec<StoredEvent> =
                store.events(&filter)?.into_iter().filter(|e| e.event.sentence == idx).collect();
            Ok(Some((article, events)))
        })
        .await?;
    let (article, events) = found.ok_or_else(|| no_article(&id))?;
    let count = article.sentences.len();
    let Some(sentence) = article.sentences.into_iter().find(|s| s.idx == idx) else {
        return Err(ApiError::not_found(format!("no sentence {idx} in article `{id}` ({count} sentences)")));
    };
    let events: Vec<Value> = events.iter().map(event_json).collect();
    to_json(json!({ "article": article.id, "sentence": sentence, "events": events }))
}

/// An event as the API shows it: the store's event with its id (`ARTICLE:IDX`) first.
pub(crate) fn event_json(stored: &StoredEvent) -> Value {
    let mut value = serde_json::to_value(stored).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("id".into(), stored.id().into());
    }
    value
}

fn parse_mode(text: &str) -> Result<Option<Mode>, String> {
    let modes = [Mode::Fact, Mode::Negated, Mode::Hypothetical, Mode::Future];
    match modes.into_iter().find(|mode| mode.as_str() == text) {
        Some(mode) => Ok(Some(mode)),
        None if text == "all" => Ok(None),
        None => Err(format!("`{text}` is not one of fact, negated, hypothetical, future, all")),
    }
}

/// `GET /api/events`: the filters of `attache events`, paginated, with the total that match.
async fn events(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&[
        "actor", "source", "target", "pair", "directed", "code", "root", "quad", "from", "to", "mode", "article",
        "limit", "offset",
    ])?;
    let page = params.page()?;
    let pair = params.parsed("pair", parse_pair)?;
    let directed = params.parsed("directed", parse_bool)?.unwrap_or(false);
    if directed && pair.is_none() {
        return Err(ApiError::bad_parameter("directed", "needs `pair`"));
    }
    let mut filter = EventFilter {
        actor: params.parsed("actor", parse_actor)?,
        source: params.parsed("source", parse_actor)?,
        target: params.parsed("target", parse_actor)?,
        pair,
        directed,
        code: params.parsed("code", parse_event_code)?,
        root: params.parsed("root", parse_root)?,
        quad: params.number("quad", 1, 4)?.map(|q| q as u8),
        from: params.date("from")?,
        to: params.date("to")?,
        mode: params.parsed("mode", parse_mode)?.flatten(),
        article: params.string("article"),
        limit: None,
        offset: 0,
    };
    let found = state
        .query(move |store| {
            if let Some(id) = &filter.article
                && !store.has_article(id)?
            {
                return Ok(None);
            }
            let total = store.event_total(&filter)?;
            filter.limit = Some(page.limit);
            filter.offset = page.offset;
            Ok(Some((total, store.events(&filter)?)))
        })
        .await?;
    let Some((total, events)) = found else {
        return Err(no_article(params.text("article").unwrap_or_default()));
    };
    let events: Vec<Value> = events.iter().map(event_json).collect();
    to_json(json!({ "total": total, "limit": page.limit, "offset": page.offset, "events": events }))
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(format!("`{text}` is not true or false")),
    }
}

/// `ARTICLE_ID:IDX`, split at the last colon (article ids may hold colons); a malformed id names nothing (404).
fn split_id<'a>(id: &'a str, what: &str) -> Result<(&'a str, u32), ApiError> {
    let malformed = || ApiError::not_found(format!("no {what} `{id}`: ids are ARTICLE_ID:IDX, e.g. cw-101:0"));
    let (article, idx) = id.rsplit_once(':').ok_or_else(malformed)?;
    if article.is_empty() || idx.is_empty() || !idx.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    Ok((article, idx.parse().map_err(|_| malformed())?))
}

/// The stored event an id names, or a 404 saying what exists instead.
async fn find_event(state: &AppState, id: &str) -> Result<StoredEvent, ApiError> {
    let (article, idx) = split_id(id, "event")?;
    let article = article.to_string();
    let (event, exists, count) = state
        .query(move |store| {
            let event = store.event(&article, idx)?;
            if event.is_some() {
                return Ok((event, true, 0));
            }
            Ok((None, store.has_article(&article)?, store.event_count(&article)?))
        })
        .await?;
    match event {
        Some(event) => Ok(event),
        None if !exists => Err(ApiError::not_found(format!("no event `{id}`: no article with that id"))),
        None => Err(ApiError::not_found(format!("no event `{id}`: its article has {count} events"))),
    }
}

/// `GET /api/event-groups`: the de-duplicated events reported by the most articles, with NumMentions,
/// NumArticles and NumSources (`attache dedup`).
async fn event_groups(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["limit"])?;
    let page = params.page()?;
    let groups = state.query(move |store| store.most_reported_events(page.limit)).await?;
    to_json(json!({ "limit": page.limit, "groups": groups }))
}

/// `GET /api/events/{id}`.
async fn event(State(state): State<AppState>, Path(id): Path<String>, params: Params) -> Answer {
    params.allow(&[])?;
    Ok(Json(event_json(&find_event(&state, &id).await?)))
}

/// `GET /api/events/{id}/evidence`: what `attache why` shows — the sentence cut into marked segments, the
/// actors' dictionary entries, the pattern and the rule, and the coder's own explanation text.
async fn evidence(State(state): State<AppState>, Path(id): Path<String>, params: Params) -> Answer {
    params.allow(&[])?;
    let stored = find_event(&state, &id).await?;
    Ok(Json(event_evidence(&stored)))
}

fn parse_quote_kind(text: &str) -> Result<QuoteKind, String> {
    match text {
        "direct" => Ok(QuoteKind::Direct),
        "partial" => Ok(QuoteKind::Partial),
        "indirect" => Ok(QuoteKind::Indirect),
        _ => Err(format!("`{text}` is not one of direct, partial, indirect")),
    }
}

/// A quote as the API shows it: the store's quote with its id first.
fn quote_json(stored: &StoredQuote) -> Value {
    let mut value = serde_json::to_value(stored).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("id".into(), stored.id().into());
    }
    value
}

/// `GET /api/quotes`: the filters of `attache quotes`, paginated.
async fn quotes(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["speaker", "article", "about", "kind", "from", "to", "limit", "offset"])?;
    let page = params.page()?;
    let filter = QuoteFilter {
        speaker: params.string("speaker"),
        article: params.string("article"),
        about: params.string("about"),
        kind: params.parsed("kind", parse_quote_kind)?,
        from: params.date("from")?,
        to: params.date("to")?,
        limit: Some(page.limit),
        offset: page.offset,
    };
    let quotes = state.query(move |store| store.quotes(&filter)).await?;
    let quotes: Vec<Value> = quotes.iter().map(quote_json).collect();
    to_json(json!({ "limit": page.limit, "offset": page.offset, "quotes": quotes }))
}

/// `GET /api/quotes/{id}`: the quote with its evidence — the sentences it spans, the quoted words, cue and
/// speaker mention marked.
async fn quote(State(state): State<AppState>, Path(id): Path<String>, params: Params) -> Answer {
    params.allow(&[])?;
    let (article, idx) = split_id(&id, "quote")?;
    let article = article.to_string();
    let found = state
        .query(move |store| {
            let filter = QuoteFilter { article: Some(article.clone()), ..QuoteFilter::default() };
            let Some(quote) = store.quotes(&filter)?.into_iter().find(|q| q.quote.id == idx) else {
                return Ok(None);
            };
            let stored = store.article(&article)?.ok_or_else(|| StoreError::Query("article vanished".into()))?;
            Ok(Some((quote, stored)))
        })
        .await?;
    let (quote, article) = found.ok_or_else(|| ApiError::not_found(format!("no quote `{id}`")))?;
    let mut value = quote_json(&quote);
    value["evidence"] = quote_evidence(&quote, &article);
    Ok(Json(value))
}

/// `GET /api/people`: people, organisations and places across articles (`attache people`).
async fn people(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["kind", "article", "code", "q", "from", "to", "limit", "offset"])?;
    let page = params.page()?;
    let filter = EntityFilter {
        kind: params.choice("kind", &["person", "organization", "place"])?.map(str::to_string),
        article: params.string("article"),
        code: params.parsed("code", parse_actor)?,
        search: params.string("q"),
        from: params.date("from")?,
        to: params.date("to")?,
        limit: Some(page.limit),
        offset: page.offset,
    };
    let people = state.query(move |store| store.entities(&filter)).await?;
    to_json(json!({ "limit": page.limit, "offset": page.offset, "people": people }))
}

fn theme_filter(params: &Params) -> Result<ThemeFilter, ApiError> {
    Ok(ThemeFilter { from: params.date("from")?, to: params.date("to")?, article: params.string("article") })
}

/// `GET /api/themes`: theme counts over articles (`attache themes`).
async fn themes(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["from", "to", "article"])?;
    let filter = theme_filter(&params)?;
    let themes = state.query(move |store| store.theme_counts(&filter)).await?;
    to_json(json!({ "themes": themes }))
}

/// `GET /api/themes/{theme}/phrases`: the evidence phrases of one theme (`attache themes --theme`).
async fn theme_phrases(State(state): State<AppState>, Path(theme): Path<String>, params: Params) -> Answer {
    params.allow(&["from", "to", "article"])?;
    let filter = theme_filter(&params)?;
    let lookup = theme.clone();
    let phrases = state.query(move |store| store.theme_phrases(&lookup, &filter)).await?;
    to_json(json!({ "theme": theme.to_ascii_uppercase(), "phrases": phrases }))
}

fn parse_granularity(text: &str) -> Result<Granularity, String> {
    [Granularity::Day, Granularity::Week, Granularity::Month, Granularity::Quarter]
        .into_iter()
        .find(|g| g.as_str() == text)
        .ok_or_else(|| format!("`{text}` is not one of day, week, month, quarter"))
}

/// `GET /api/relations`: the relations index of a pair by period — the figures of `attache relations`. Answers
/// are cached until the database changes: the dashboard and the load test ask the same series again and again.
async fn relations(State(state): State<AppState>, params: Params) -> Result<Response, ApiError> {
    params.allow(&["a", "b", "by", "from", "to", "direction"])?;
    let actor = |name: &str| -> Result<String, ApiError> {
        let spec = params.parsed(name, ActorSpec::parse)?;
        spec.map(|s| s.code).ok_or_else(|| ApiError::bad_parameter(name, "required (an actor code, e.g. CHN)"))
    };
    let direction = match params.choice("direction", &["both", "ab", "ba"])? {
        Some("ab") => Direction::Ab,
        Some("ba") => Direction::Ba,
        _ => Direction::Both,
    };
    let query = RelationsQuery {
        a: actor("a")?,
        b: actor("b")?,
        by: params.parsed("by", parse_granularity)?.unwrap_or(Granularity::Month),
        from: params.date("from")?,
        to: params.date("to")?,
        direction,
    };
    // Range and period-count problems are the caller's: checked here so they answer 400, not 500.
    query.resolve().map_err(|error| ApiError::bad_parameter("from", error))?;
    let key = format!(
        "relations {} {} {} {:?} {:?} {}",
        query.a,
        query.b,
        query.by.as_str(),
        query.from,
        query.to,
        query.direction.as_str()
    );
    let body = state.cached_json(key, move |store| store.relations(&query)).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/dyads`: pairs ranked by activity or by change (`attache dyads`).
async fn dyads(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["from", "to", "by", "limit", "rank", "min_events"])?;
    let query = DyadsQuery {
        from: params.date("from")?,
        to: params.date("to")?,
        by: params.parsed("by", parse_granularity)?.unwrap_or(Granularity::Month),
        limit: params.number("limit", 1, crate::params::MAX_LIMIT)?.unwrap_or(20) as usize,
        rank: match params.choice("rank", &["active", "changed"])? {
            Some("changed") => Rank::Changed,
            _ => Rank::Active,
        },
        min_events: params.number("min_events", 0, u32::MAX as u64)?.unwrap_or(3),
    };
    let dyads = state.query(move |store| store.dyads(&query)).await?;
    to_json(dyads)
}

/// `GET /api/signals`: the signal board (`attache signals`), open or met, with the events that met them.
async fn signals(State(state): State<AppState>, params: Params) -> Answer {
    params.allow(&["pair", "status", "setter", "horizon", "limit"])?;
    let page = params.page()?;
    let filter = SignalFilter {
        pair: params.parsed("pair", parse_actor_key_pair)?,
        status: match params.choice("status", &["open", "met"])? {
            Some("open") => Some(SignalStatus::Open),
            Some(_) => Some(SignalStatus::Met),
            None => None,
        },
        setter: params.string("setter"),
        horizon_days: params.number("horizon", 0, 36_500)?.map(|d| d as u32),
        limit: Some(page.limit),
    };
    let signals = state.query(move |store: &Store| store.signal_board(&filter)).await?;
    to_json(json!({ "limit": page.limit, "signals": signals }))
}
