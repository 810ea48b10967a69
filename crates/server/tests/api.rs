//! The HTTP API over a database built from examples/ (ingested in-process, as `attache ingest examples/`
//! would), driven through the router with `tower::ServiceExt::oneshot`: every endpoint's data, the figures
//! against the store's own queries, the error answers and the OpenAPI document.

use attache_pipeline::Pipeline;
use attache_readers::{InputSource, ReadOptions, collect_inputs, read_source};
use attache_relations::{Granularity, RelationsQuery};
use attache_server::{AppState, api_paths, router};
use attache_store::{BatchPolicy, SignalFilter, Store};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;
use tower::ServiceExt;

/// Every article of examples/, annotated and stored once for all tests.
fn examples_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("examples.db");
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let (sources, errors) = collect_inputs(&[examples.to_string_lossy().into_owned()]);
        assert!(errors.is_empty(), "{errors:?}");
        let mut store = Store::open(&db).unwrap();
        ingest(&mut store, &sources, &ReadOptions::default());
        store.refresh_search_index().unwrap();
        (dir, db)
    })
    .1
}

/// Reads, annotates and stores `sources` as `attache ingest` does.
fn ingest(store: &mut Store, sources: &[InputSource], options: &ReadOptions) {
    let pipeline = Pipeline::default_english();
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    for source in sources {
        for article in read_source(source, options) {
            writer.write(&pipeline.annotate(article.unwrap())).unwrap();
        }
    }
    writer.finish().unwrap();
}

fn state() -> AppState {
    AppState::open(examples_db(), 2, Duration::from_secs(30)).unwrap()
}

async fn request(method: Method, uri: &str, body: Body) -> (StatusCode, Value) {
    request_to(state(), method, uri, body).await
}

async fn request_to(state: AppState, method: Method, uri: &str, body: Body) -> (StatusCode, Value) {
    let request = Request::builder().method(method).uri(uri).body(body).unwrap();
    let response = router(state).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 26).await.unwrap();
    let value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {bytes:?}"));
    (status, value)
}

/// GETs `uri`, which must answer 200, and returns its JSON.
async fn get(uri: &str) -> Value {
    let (status, value) = request(Method::GET, uri, Body::empty()).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {value}");
    value
}

/// GETs `uri`, which must fail with `status`; returns the error message.
async fn get_error(uri: &str, status: StatusCode) -> String {
    let (got, value) = request(Method::GET, uri, Body::empty()).await;
    assert_eq!(got, status, "{uri}: {value}");
    assert_eq!(value["error"]["status"], status.as_u16(), "{value}");
    value["error"]["message"].as_str().expect("an error message").to_string()
}

fn open_store() -> Store {
    Store::open_read_only(examples_db()).unwrap()
}

#[tokio::test]
async fn relations_by_month_are_the_store_figures() {
    let series = get("/api/relations?a=CHN&b=USA&by=month").await;
    let periods: Vec<&str> =
        series["periods"].as_array().unwrap().iter().map(|p| p["period"].as_str().unwrap()).collect();
    assert_eq!(periods, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    let query = RelationsQuery {
        a: "CHN".into(),
        b: "USA".into(),
        by: Granularity::Month,
        from: None,
        to: None,
        direction: Default::default(),
    };
    let expected = serde_json::to_value(open_store().relations(&query).unwrap()).unwrap();
    assert_eq!(series, expected);
    assert!(series["total"]["events"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn the_geneva_signing_is_one_happening_reported_by_three_articles() {
    let groups = get("/api/event-groups?limit=1000").await;
    let signing: Vec<&Value> = groups["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["date"] == "2026-02-10" && g["code"] == "057" && g["mode"] == "fact")
        .filter(|g| {
            let mut pair = [g["source"].as_str().unwrap(), g["target"].as_str().unwrap()];
            pair.sort();
            pair == ["CHN", "USA"]
        })
        .collect();
    // A reciprocal signing is coded in both directions: one de-duplicated event each way, each in 3 articles.
    assert_eq!(signing.len(), 2, "{groups}");
    for group in signing {
        assert_eq!(group["num_articles"], 3, "{group}");
        assert_eq!(group["num_sources"], 3, "{group}");
    }
    // The relations day counts it once among the day's de-duplicated events, with its three articles.
    let day = get("/api/relations?a=CHN&b=USA&by=day&from=2026-02-10&to=2026-02-10").await;
    let period = &day["periods"][0];
    assert_eq!(period["period"], "2026-02-10", "{day}");
    assert!(period["articles"].as_u64().unwrap() >= 3, "{period}");
    // The events listing shows the signing once per reporting article.
    let events = get("/api/events?pair=CHN-USA&code=057&from=2026-02-10&to=2026-02-10&mode=fact").await;
    let articles: std::collections::BTreeSet<&str> =
        events["events"].as_array().unwrap().iter().map(|e| e["article"].as_str().unwrap()).collect();
    assert_eq!(articles.len(), 3, "{events}");
}

#[tokio::test]
async fn events_are_paged_with_their_total() {
    let all = get("/api/events?pair=CHN-USA&limit=1000").await;
    let total = all["total"].as_u64().unwrap();
    let events = all["events"].as_array().unwrap();
    assert_eq!(events.len() as u64, total);
    assert!(total >= 4, "{all}");
    let first = get("/api/events?pair=CHN-USA&limit=2").await;
    let second = get("/api/events?pair=CHN-USA&limit=2&offset=2").await;
    assert_eq!(first["total"], total);
    assert_eq!(first["events"][0]["id"], events[0]["id"]);
    assert_eq!(second["events"][0]["id"], events[2]["id"]);
    assert_eq!(second["offset"], 2);
    // Filters narrow: every event of root 04 has code 04…
    let consults = get("/api/events?pair=CHN-USA&root=04").await;
    for event in consults["events"].as_array().unwrap() {
        assert!(event["event"]["code"].as_str().unwrap().starts_with("04"), "{event}");
    }
    assert!(consults["total"].as_u64().unwrap() < total);
}

#[tokio::test]
async fn an_event_and_its_evidence() {
    let page = get("/api/events?pair=CHN-USA&mode=fact&limit=1").await;
    let listed = &page["events"][0];
    let id = listed["id"].as_str().unwrap();
    let event = get(&format!("/api/events/{id}")).await;
    assert_eq!(&event, listed);
    let evidence = get(&format!("/api/events/{id}/evidence")).await;
    assert_eq!(evidence["id"], id);
    let sentence = evidence["sentence"]["text"].as_str().unwrap();
    assert_eq!(sentence, listed["sentence_text"]);
    let segments = evidence["segments"].as_array().unwrap();
    let joined: String = segments.iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(joined, sentence);
    let part = |name: &str| segments.iter().find(|s| s["part"] == name).map(|s| s["text"].clone());
    assert_eq!(part("source"), Some(listed["event"]["source"]["text"].clone()), "{evidence}");
    assert_eq!(part("target"), Some(listed["event"]["target"]["text"].clone()), "{evidence}");
    assert_eq!(part("verb"), Some(listed["event"]["verb_text"].clone()), "{evidence}");
    assert!(!evidence["rule"].as_str().unwrap().is_empty());
    assert!(!evidence["dictionary"].as_str().unwrap().is_empty());
    assert!(evidence["explanation"].as_str().unwrap().contains(listed["event"]["code"].as_str().unwrap()));
}

#[tokio::test]
async fn articles_search_show_and_sentences() {
    let found = get("/api/articles?q=Geneva").await;
    let articles = found["articles"].as_array().unwrap();
    assert!(!articles.is_empty());
    let id = articles[0]["id"].as_str().unwrap();
    let article = get(&format!("/api/articles/{}", urlencode(id))).await;
    assert_eq!(article["id"], id);
    assert!(article["text"].as_str().unwrap().contains("Geneva"));
    let sentences = get(&format!("/api/articles/{}/sentences", urlencode(id))).await;
    assert_eq!(sentences["sentences"], article["sentences"]);
    let one = get(&format!("/api/articles/{}/sentences/0", urlencode(id))).await;
    assert_eq!(one["sentence"], article["sentences"][0]);
    let everything = get("/api/articles?limit=1000").await;
    assert_eq!(everything["articles"].as_array().unwrap().len() as u64, get("/api/stats").await["counts"]["articles"]);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn quotes_people_themes_dyads_and_signals() {
    let quotes = get("/api/quotes?limit=1000").await;
    let quotes = quotes["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    let id = quotes[0]["id"].as_str().unwrap();
    let quote = get(&format!("/api/quotes/{}", urlencode(id))).await;
    let segments = quote["evidence"]["segments"].as_array().unwrap();
    let quoted: Vec<&Value> = segments.iter().filter(|s| s["part"] == "quote").collect();
    assert_eq!(quoted.len(), 1, "{quote}");
    assert_eq!(quoted[0]["text"], quote["quote"]["text"]);

    let people = get("/api/people?kind=person").await;
    assert!(people["people"].as_array().unwrap().iter().all(|p| p["kind"] == "person"));
    let themes = get("/api/themes").await;
    let first_theme = themes["themes"][0]["theme"].as_str().unwrap();
    let phrases = get(&format!("/api/themes/{first_theme}/phrases")).await;
    assert!(!phrases["phrases"].as_array().unwrap().is_empty());
    let dyads = get("/api/dyads?limit=5").await;
    assert!(!dyads["dyads"].as_array().unwrap().is_empty());
    let signals = get("/api/signals").await;
    let expected = open_store().signal_board(&SignalFilter { limit: Some(100), ..SignalFilter::default() }).unwrap();
    assert_eq!(signals["signals"], serde_json::to_value(expected).unwrap());
    let open = get("/api/signals?status=open").await;
    assert!(open["signals"].as_array().unwrap().iter().all(|s| s["status"] == "open"), "{open}");
}

#[tokio::test]
async fn bad_parameters_are_400_and_name_the_parameter() {
    assert!(get_error("/api/events?from=2026-13-01", StatusCode::BAD_REQUEST).await.contains("`from`"));
    assert!(get_error("/api/relations?a=CHN&b=USA&to=yesterday", StatusCode::BAD_REQUEST).await.contains("`to`"));
    assert!(get_error("/api/relations?a=CHN", StatusCode::BAD_REQUEST).await.contains("`b`"));
    assert!(get_error("/api/events?limit=5000", StatusCode::BAD_REQUEST).await.contains("`limit`"));
    assert!(get_error("/api/events?limit=0", StatusCode::BAD_REQUEST).await.contains("`limit`"));
    assert!(get_error("/api/events?colour=red", StatusCode::BAD_REQUEST).await.contains("`colour`"));
    assert!(get_error("/api/events?quad=9", StatusCode::BAD_REQUEST).await.contains("`quad`"));
    assert!(get_error("/api/events?limit=1&limit=2", StatusCode::BAD_REQUEST).await.contains("`limit`"));
    assert!(get_error("/api/relations?a=CHN&b=USA&by=decade", StatusCode::BAD_REQUEST).await.contains("`by`"));
    let long = format!("/api/events?actor={}", "A".repeat(5000));
    get_error(&long, StatusCode::URI_TOO_LONG).await;
}

#[tokio::test]
async fn unknown_things_are_404() {
    assert!(get_error("/api/articles/no-such-article", StatusCode::NOT_FOUND).await.contains("no-such-article"));
    get_error("/api/events/no-such-article:0", StatusCode::NOT_FOUND).await;
    get_error("/api/events/not-an-id", StatusCode::NOT_FOUND).await;
    get_error("/api/quotes/no-such-article:3", StatusCode::NOT_FOUND).await;
    get_error("/api/events?article=no-such-article", StatusCode::NOT_FOUND).await;
    get_error("/api/nothing-here", StatusCode::NOT_FOUND).await;
    for traversal in [
        "/api/../Cargo.toml",
        "/api/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
    ] {
        get_error(traversal, StatusCode::NOT_FOUND).await;
    }
}

#[tokio::test]
async fn only_get_is_allowed_and_bodies_are_bounded() {
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        let (status, value) = request(method, "/api/events", Body::empty()).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{value}");
        assert_eq!(value["error"]["status"], 405);
    }
    let big = Request::builder()
        .method(Method::GET)
        .uri("/api/stats")
        .header("content-length", "1000000")
        .body(Body::from(vec![b'x'; 1_000_000]))
        .unwrap();
    let response = router(state()).oneshot(big).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn openapi_lists_exactly_the_routes() {
    let document = get("/api/openapi.json").await;
    assert_eq!(document["openapi"].as_str().unwrap().chars().next(), Some('3'));
    let documented: std::collections::BTreeSet<String> =
        document["paths"].as_object().unwrap().keys().cloned().collect();
    let routed: std::collections::BTreeSet<String> = api_paths().into_iter().map(String::from).collect();
    assert_eq!(documented, routed);
    // Each documented path answers something other than "no such route" (ids filled in with dummies).
    for path in &documented {
        let uri = path.replace("{id}", "x:0").replace("{idx}", "0").replace("{theme}", "X");
        let (status, value) = request(Method::GET, &uri, Body::empty()).await;
        let no_route = status == StatusCode::NOT_FOUND
            && value["error"]["message"].as_str().unwrap().starts_with("no such resource");
        assert!(!no_route, "{uri}: {value}");
    }
}

#[tokio::test]
async fn a_slow_query_is_stopped_and_its_connection_reused() {
    let state = AppState::open(examples_db(), 1, Duration::from_millis(200)).unwrap();
    let endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
    let started = std::time::Instant::now();
    let error = state
        .query(move |store| Ok(store.connection().query_row(endless, [], |row| row.get::<_, i64>(0))?))
        .await
        .unwrap_err();
    assert_eq!(error.status, StatusCode::GATEWAY_TIMEOUT);
    // With one connection, the next query only runs if SQLite really stopped the first.
    let counts = state.query(|store| store.counts()).await.unwrap();
    assert!(counts.articles > 0);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn cached_relations_follow_a_new_ingest() {
    // A private copy of the examples database, so that writing to it disturbs no other test.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let source = Store::open_existing(examples_db()).unwrap();
    source.connection().execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
    let mut writable = Store::open_existing(&copy).unwrap();
    let state = AppState::open(&copy, 1, Duration::from_secs(30)).unwrap();
    let uri = "/api/relations?a=CHN&b=USA&by=month&from=2026-03-01&to=2026-03-31";
    let events = |series: &Value| series["total"]["events"].as_u64().unwrap();
    let before = request_to(state.clone(), Method::GET, uri, Body::empty()).await.1;
    assert_eq!(request_to(state.clone(), Method::GET, uri, Body::empty()).await.1, before);

    let article = dir.path().join("new.txt");
    std::fs::write(
        &article,
        "Geneva wire\n\nChina and the United States signed a trade agreement in Geneva on Monday.\n",
    )
    .unwrap();
    let options = ReadOptions { published: Some("2026-03-03".into()), source: Some("Test Wire".into()) };
    ingest(&mut writable, &[InputSource::File(article)], &options);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let after = request_to(state, Method::GET, uri, Body::empty()).await.1;
    assert!(events(&after) > events(&before), "before {before}\nafter {after}");
    let expected = serde_json::to_value(
        writable
            .relations(&RelationsQuery {
                a: "CHN".into(),
                b: "USA".into(),
                by: Granularity::Month,
                from: Some("2026-03-01".into()),
                to: Some("2026-03-31".into()),
                direction: Default::default(),
            })
            .unwrap(),
    )
    .unwrap();
    assert_eq!(after, expected);
}
