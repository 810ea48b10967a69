//! The dashboard end to end in headless Chromium: `attache serve` in-process over a database built from
//! examples/, Debian's `chromium` driven through `chromedriver` with fantoccini. The page loads, CHN–USA by
//! month shows one clickable period per month (2026-01 … 2026-06), clicking 2026-02 lists its events, clicking an
//! event shows its sentence with source, target and verb highlighted and the rule that fired, and the quotes panel,
//! the signals board and the article search show entries. Screenshots land in
//! `$CARGO_TARGET_TMPDIR/browser-test/` (paths printed).
//!
//! Without chromium or chromedriver the test prints why and passes, unless `CI` or `REQUIRE_SHARED=1` is set:
//! then a missing browser is a failure. The dashboard's routes themselves (content types, CSP, 404s, the chart
//! endpoint's periods and errors) are checked without a browser, through the router.

use attache_doc::Mode;
use attache_pipeline::Pipeline;
use attache_readers::{ReadOptions, collect_inputs, read_source};
use attache_relations::{Direction, Granularity, RelationsQuery};
use attache_store::{BatchPolicy, EventFilter, SignalFilter, Store};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long the page may take for any one step (the first query of a cold database included).
const STEP: Duration = Duration::from_secs(30);

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The browser and its driver, or why the test cannot run here.
fn browser_binaries() -> Option<(PathBuf, PathBuf)> {
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from(CHROMIUM), PathBuf::from);
    let driver = std::env::var_os("CHROMEDRIVER").map_or_else(|| PathBuf::from(CHROMEDRIVER), PathBuf::from);
    let missing: Vec<String> =
        [&chromium, &driver].iter().filter(|p| !p.is_file()).map(|p| p.display().to_string()).collect();
    if missing.is_empty() {
        return Some((chromium, driver));
    }
    let reason =
        format!("browser test skipped: {} not found (apt-get install chromium chromium-driver)", missing.join(" and "));
    let required = std::env::var_os("CI").is_some() || std::env::var("REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(!required, "{reason}; CI or REQUIRE_SHARED=1 requires the browser test to run");
    eprintln!("{reason}");
    None
}

/// A database of examples/, built once for all tests of this file.
fn examples_db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, db) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("examples.db");
        build_examples_db(&db);
        (dir, db)
    });
    db
}

/// Every article of examples/, annotated and stored as `attache ingest examples/` does.
fn build_examples_db(db: &Path) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let (sources, errors) = collect_inputs(&[examples.display().to_string()]);
    assert!(errors.is_empty(), "reading examples/: {errors:?}");
    let pipeline = Pipeline::default_english();
    let mut store = Store::open(db).expect("a new database");
    let mut writer = store.writer(BatchPolicy::default()).expect("a writer");
    for article in sources.iter().flat_map(|source| read_source(source, &ReadOptions::default())) {
        writer.write(&pipeline.annotate(article.expect("an example article"))).expect("stored");
    }
    writer.finish().expect("committed");
    store.refresh_search_index().expect("search index");
}

/// A chromedriver process, killed when dropped (also when an assertion fails).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_chromedriver(binary: &Path) -> (Driver, u16) {
    // Ask the OS for a free port, then hand it to chromedriver (which has no "port 0").
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let child = Command::new(binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, port)
}

fn capabilities(chromium: &Path, profile: &Path) -> serde_json::Map<String, Value> {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,2000",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium.display().to_string(), "args": args },
    });
    capabilities.as_object().cloned().expect("an object")
}

fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-test");
    std::fs::create_dir_all(&dir).expect("screenshot directory");
    dir
}

async fn save_screenshot(client: &Client, name: &str) -> TestResult {
    let path = screenshot_dir().join(name);
    std::fs::write(&path, client.screenshot().await?)?;
    println!("screenshot: {}", path.display());
    Ok(())
}

/// Waits until `css` matches at least one element, then returns them all.
async fn wait_all(client: &Client, css: &str) -> TestResult<Vec<Element>> {
    client
        .wait()
        .at_most(STEP)
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("waiting for `{css}`: {e}"))?;
    Ok(client.find_all(Locator::Css(css)).await?)
}

async fn texts(elements: &[Element]) -> TestResult<Vec<String>> {
    let mut out = Vec::new();
    for element in elements {
        out.push(element.text().await?);
    }
    Ok(out)
}

async fn attributes(elements: &[Element], name: &str) -> TestResult<Vec<String>> {
    let mut out = Vec::new();
    for element in elements {
        out.push(element.attr(name).await?.unwrap_or_default());
    }
    Ok(out)
}

/// The page must not have reported an error in its status line.
async fn assert_no_page_error(client: &Client, step: &str) -> TestResult {
    let status = client.find(Locator::Css("#status")).await?;
    let class = status.attr("class").await?.unwrap_or_default();
    assert!(!class.contains("error"), "{step}: the page reports an error: {}", status.text().await?);
    Ok(())
}

async fn walk_through(client: &Client, base: &str) -> TestResult {
    client.goto(base).await?;
    assert_eq!(client.title().await?, "attache · relations dashboard");

    // The pair list comes from /api/dyads, the most active pair first; the page shows it at once.
    let pairs = attributes(&wait_all(client, "#pair option[value='CHN-USA']").await?, "value").await?;
    assert_eq!(pairs, ["CHN-USA"]);
    wait_all(client, "#chart rect.period-hit").await?;

    // Choose week first, then the pair and month, so both controls really drive the chart.
    client.find(Locator::Css("#by")).await?.select_by_value("week").await?;
    let weeks = wait_all(client, "#chart[data-by='week'] rect.period-hit").await?;
    client.find(Locator::Css("#pair")).await?.select_by_value("CHN-USA").await?;
    client.find(Locator::Css("#by")).await?.select_by_value("month").await?;
    let hits = wait_all(client, "#chart[data-pair='CHN-USA'][data-by='month'] rect.period-hit").await?;
    let months = attributes(&hits, "data-period").await?;
    assert_eq!(months, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    assert!(weeks.len() > months.len(), "{} weeks for six months", weeks.len());
    assert_no_page_error(client, "chart").await?;

    // Quotes over the whole range by the pair's speakers, and the pair's signals.
    let quotes = wait_all(client, "#quote-list li.quote").await?;
    let speakers = texts(&wait_all(client, "#quote-list li.quote .speaker").await?).await?;
    assert!(speakers.iter().all(|s| !s.trim().is_empty()), "every quote names its speaker: {speakers:?}");
    let signals = wait_all(client, "#signals li.signal").await?;
    let met = client.find_all(Locator::Css("#signals-met li.signal")).await?;
    assert!(!met.is_empty(), "CHN–USA has met signals in examples/");
    println!("CHN–USA: {} quotes, {} signals ({} met)", quotes.len(), signals.len(), met.len());
    save_screenshot(client, "1-chart.png").await?;

    // Click February: its events are listed, all dated in February.
    let february = client.find(Locator::Css("#chart rect.period-hit[data-period='2026-02']")).await?;
    assert_eq!(february.attr("data-start").await?.as_deref(), Some("2026-02-01"));
    assert_eq!(february.attr("data-end").await?.as_deref(), Some("2026-02-28"));
    february.click().await?;
    let events = wait_all(client, "#event-list[data-period='2026-02'] li.event").await?;
    let dates = texts(&client.find_all(Locator::Css("#event-list li.event .date")).await?).await?;
    assert_eq!(dates.len(), events.len());
    assert!(dates.iter().all(|d| d.starts_with("2026-02")), "events outside February: {dates:?}");
    let selected = client.find_all(Locator::Css("#chart rect.period-hit.selected")).await?;
    assert_eq!(attributes(&selected, "data-period").await?, ["2026-02"]);
    // Exactly the stored fact reports of the pair in February, in the store's order.
    let filter = EventFilter {
        pair: Some(("CHN".into(), "USA".into())),
        from: Some("2026-02-01".into()),
        to: Some("2026-02-28".into()),
        mode: Some(Mode::Fact),
        ..EventFilter::default()
    };
    let stored: Vec<String> = Store::open_read_only(examples_db())?.events(&filter)?.iter().map(|e| e.id()).collect();
    assert_eq!(attributes(&events, "data-id").await?, stored, "the February list is the store's");

    // Click the first event: its sentence with the actors and the verb marked, and the rule that fired.
    let first_id = events[0].attr("data-id").await?.expect("events carry their id");
    events[0].find(Locator::Css("button")).await?.click().await?;
    wait_all(client, &format!("#detail-body[data-event='{first_id}'] .sentence")).await?;
    let sentence = client.find(Locator::Css("#detail-body .sentence")).await?.text().await?;
    for part in ["source", "target", "verb"] {
        let marks = texts(&wait_all(client, &format!("#detail-body .sentence mark.{part}")).await?).await?;
        assert!(marks.iter().all(|m| !m.trim().is_empty() && sentence.contains(m.as_str())), "{part}: {marks:?}");
    }
    let evidence = client.find(Locator::Css("#detail-body table.evidence")).await?.text().await?;
    for row in ["rule", "pattern", "dictionary", "source", "target", "verb"] {
        assert!(evidence.contains(row), "the evidence table lacks `{row}`: {evidence}");
    }
    assert_no_page_error(client, "evidence").await?;
    save_screenshot(client, "2-event-evidence.png").await?;

    // A met signal links to the event that met it: a click shows that event's evidence.
    let met_by = client.find(Locator::Css("#signals-met li.signal button.met-by")).await?;
    let event = met_by.attr("data-event").await?.expect("the met-by button names its event");
    met_by.click().await?;
    wait_all(client, &format!("#detail-body[data-event='{event}'] .sentence mark.verb")).await?;
    let board = Store::open_read_only(examples_db())?
        .signal_board(&SignalFilter { pair: Some(("CHN".into(), "USA".into())), ..SignalFilter::default() })?;
    let meetings: Vec<String> =
        board.iter().filter_map(|s| s.met_by.as_ref()).map(|m| format!("{}:{}", m.article, m.event)).collect();
    assert!(meetings.contains(&event), "{event} is not one of the board's meetings {meetings:?}");

    // Search the articles, then list the events of the first hit.
    let search = client.find(Locator::Css("#q")).await?;
    search.send_keys("tariffs").await?;
    client.find(Locator::Css("#search button[type='submit']")).await?.click().await?;
    let found = wait_all(client, "#search-results li.article").await?;
    let article = found[0].attr("data-id").await?.expect("articles carry their id");
    found[0].find(Locator::Css("button")).await?.click().await?;
    wait_all(client, &format!("#event-list[data-period='article:{article}'] li.event")).await?;
    assert_no_page_error(client, "search").await?;
    save_screenshot(client, "3-search.png").await?;

    // Nothing was loaded from anywhere but this server.
    let resources =
        client.execute("return performance.getEntriesByType('resource').map(r => r.name);", Vec::new()).await?;
    let foreign: Vec<&Value> = resources
        .as_array()
        .into_iter()
        .flatten()
        .filter(|url| !url.as_str().unwrap_or("").starts_with(base))
        .collect();
    assert!(foreign.is_empty(), "the page loaded from elsewhere: {foreign:?}");
    Ok(())
}

#[test]
fn dashboard_in_headless_chromium() {
    let Some((chromium, chromedriver)) = browser_binaries() else { return };
    let work = tempfile::tempdir().expect("a temporary directory");
    let db = examples_db().to_path_buf();
    let profile = work.path().join("chromium-profile");
    std::fs::create_dir_all(&profile).expect("a profile directory");

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let (addr_tx, addr_rx) = std::sync::mpsc::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let config = attache_server::ServeConfig::new(db.clone(), "127.0.0.1:0".parse().expect("an address"));
    let server = runtime.spawn(attache_server::serve(
        config,
        move |addr| addr_tx.send(addr).expect("the test waits for the address"),
        async move {
            let _ = stop_rx.await;
        },
    ));
    let addr = addr_rx.recv_timeout(Duration::from_secs(30)).expect("the server started");
    let (driver, port) = start_chromedriver(&chromedriver);

    let outcome = runtime.block_on(async {
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities(&chromium, &profile))
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("starting a Chromium session through chromedriver: {e}"))?;
        let outcome = walk_through(&client, &format!("http://{addr}/")).await;
        if outcome.is_err() {
            let _ = save_screenshot(&client, "failure.png").await;
        }
        let _ = client.close().await;
        outcome
    });
    drop(driver);
    let _ = stop_tx.send(());
    runtime.block_on(server).expect("server task").expect("server ran");
    if let Err(error) = outcome {
        panic!("{error}");
    }
}

/// One request through the router: status, content type, CSP and body.
async fn fetch(method: &str, uri: &str) -> (u16, String, Option<String>, String) {
    use tower::ServiceExt;
    let state = attache_server::AppState::open(examples_db(), 2, Duration::from_secs(30)).expect("state");
    let request =
        axum::http::Request::builder().method(method).uri(uri).body(axum::body::Body::empty()).expect("request");
    let response = attache_server::router(state).oneshot(request).await.expect("an answer");
    let header =
        |name: axum::http::HeaderName| response.headers().get(name).map(|v| v.to_str().unwrap_or("").to_string());
    let content_type = header(axum::http::header::CONTENT_TYPE).unwrap_or_default();
    let csp = header(axum::http::header::CONTENT_SECURITY_POLICY);
    let status = response.status().as_u16();
    let body = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
    (status, content_type, csp, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn page_and_assets_come_from_the_embedded_set_with_a_csp() {
    for (uri, wanted) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/style.css", "text/css"),
        ("/assets/icon.svg", "image/svg+xml"),
    ] {
        let (status, content_type, csp, body) = fetch("GET", uri).await;
        assert_eq!(status, 200, "{uri}: {body}");
        assert!(content_type.starts_with(wanted), "{uri}: {content_type}");
        let csp = csp.unwrap_or_else(|| panic!("{uri} has no Content-Security-Policy"));
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert!(!body.is_empty());
    }
    let (_, _, _, page) = fetch("GET", "/").await;
    assert!(page.contains("/assets/app.js") && page.contains("id=\"chart\""));
    for uri in ["/assets/nothing.js", "/assets/../Cargo.toml", "/assets/%2e%2e/Cargo.toml", "/assets/", "/index.html"] {
        let (status, content_type, _, body) = fetch("GET", uri).await;
        assert_eq!(status, 404, "{uri}: {body}");
        assert!(content_type.starts_with("application/json"), "{uri}: errors are the API's JSON");
        assert!(!body.contains("[package]"), "{uri} leaked a file");
    }
    let (status, _, _, _) = fetch("POST", "/").await;
    assert_eq!(status, 405, "the dashboard only reads");
}

/// The `data-period` values of the chart's hit rectangles, in document order.
fn periods_of(svg: &str) -> Vec<&str> {
    svg.split("<rect class=\"period-hit\" data-period=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

#[tokio::test]
async fn chart_endpoint_draws_one_hit_per_period_of_the_store_series() {
    let (status, content_type, csp, svg) = fetch("GET", "/chart/relations.svg?a=CHN&b=USA&by=month").await;
    assert_eq!(status, 200, "{svg}");
    assert!(content_type.starts_with("image/svg+xml"), "{content_type}");
    assert!(csp.is_some());
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(periods_of(&svg), ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    assert!(svg.contains("data-period=\"2026-02\" data-start=\"2026-02-01\" data-end=\"2026-02-28\""));

    // The same periods as the store's own query, for other lengths, ranges and directions too.
    let store = Store::open_read_only(examples_db()).expect("store");
    for (by, granularity, from, to, direction, arg) in [
        ("week", Granularity::Week, None, None, Direction::Both, "both"),
        ("quarter", Granularity::Quarter, None, None, Direction::Ab, "ab"),
        ("day", Granularity::Day, Some("2026-02-01"), Some("2026-02-20"), Direction::Ba, "ba"),
    ] {
        let query = RelationsQuery {
            a: "USA".into(),
            b: "CHN".into(),
            by: granularity,
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            direction,
        };
        let series = store.relations(&query).expect("series");
        let range: String =
            [("from", from), ("to", to)].iter().filter_map(|(n, v)| v.map(|v| format!("&{n}={v}"))).collect();
        let uri = format!("/chart/relations.svg?a=USA&b=CHN&by={by}&direction={arg}{range}&width=800&height=500");
        let (status, _, _, svg) = fetch("GET", &uri).await;
        assert_eq!(status, 200, "{uri}: {svg}");
        let labels: Vec<&str> = series.periods.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(periods_of(&svg), labels, "{uri}");
        assert!(svg.contains("width=\"800\""), "{uri}: the size asked for");
    }

    // A pair without events: a valid chart saying so, with nothing to click.
    let (status, _, _, svg) = fetch("GET", "/chart/relations.svg?a=CHN&b=BRA").await;
    assert_eq!(status, 200, "{svg}");
    assert!(periods_of(&svg).is_empty() && svg.contains("no fact event between CHN and BRA"));
}

#[tokio::test]
async fn chart_endpoint_names_the_parameter_that_is_wrong() {
    for (uri, parameter) in [
        ("/chart/relations.svg?a=CHN", "`b`"),
        ("/chart/relations.svg?a=CHN&b=USA&by=year", "`by`"),
        ("/chart/relations.svg?a=CH-N&b=USA", "`a`"),
        ("/chart/relations.svg?a=CHN&b=USA&from=2026-02-30", "`from`"),
        ("/chart/relations.svg?a=CHN&b=USA&from=2026-03-01&to=2026-02-01", "`from`"),
        ("/chart/relations.svg?a=CHN&b=USA&by=day&from=1900-01-01&to=2026-01-01", "`from`"),
        ("/chart/relations.svg?a=CHN&b=USA&width=10", "`width`"),
        ("/chart/relations.svg?a=CHN&b=USA&colour=red", "`colour`"),
    ] {
        let (status, content_type, _, body) = fetch("GET", uri).await;
        assert_eq!(status, 400, "{uri}: {body}");
        assert!(content_type.starts_with("application/json"), "{uri}");
        let error: Value = serde_json::from_str(&body).expect("a JSON error");
        let message = error["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(parameter), "{uri}: {message}");
    }
}
