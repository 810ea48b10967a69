//! The relations index over a million de-duplicated events: `cargo bench -p attache-store --bench relations`.
//!
//! The first run generates the database (`attache_relations::synthetic`: 60 countries, Zipf-like pair activity,
//! five years 2021–2025, 32 CAMEO codes, four modes, each happening reported by 1–20 articles) through the real
//! ingest path — the store's writer, so the grouping triggers do the de-duplication — and keeps it under cargo's
//! target tmp dir (`ATTACHE_RELATIONS_BENCH_DB` to choose the file, `ATTACHE_RELATIONS_BENCH_EVENTS` the number
//! of de-duplicated events, default 1,000,000). It prints the generation time and the file size.
//!
//! Then it times, for the busiest pair (CHN–USA) and a mid-ranked pair (IND–PAK), one year by month:
//! - `warm`: the same open store, its page cache filled by earlier runs;
//! - `cold`: a new connection each time, after asking the OS to drop the file from its page cache
//!   (`posix_fadvise(DONTNEED)`), so the query reads from disk;
//! - a sector-narrowed query (CHNGOV–USA) and the `dyads` ranking of one year.
//!
//! And the ingest-side cost of the grouping: writing the same 5,000 synthetic articles
//! (`ATTACHE_RELATIONS_BENCH_INGEST_ARTICLES` to choose) with and without the grouping trigger.

use attache_relations::synthetic::{Synthetic, SyntheticConfig};
use attache_relations::{Direction, DyadsQuery, Granularity, Rank, RelationsQuery};
use attache_store::{BatchPolicy, Store};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn events_wanted() -> u64 {
    std::env::var("ATTACHE_RELATIONS_BENCH_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000)
}

fn config(happenings: u64, days: u32) -> SyntheticConfig {
    SyntheticConfig { seed: 2026, start: jiff::civil::date(2021, 1, 1), days, happenings, countries: 60 }
}

fn bench_db() -> PathBuf {
    match std::env::var("ATTACHE_RELATIONS_BENCH_DB") {
        Ok(path) => PathBuf::from(path),
        Err(_) => Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("relations-{}.db", events_wanted())),
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Builds the database once; a half-built file is never reused (it is built under another name, then renamed).
fn prepare_db() -> PathBuf {
    let path = bench_db();
    if path.exists() {
        return path;
    }
    let building = path.with_extension("building");
    for stale in [building.clone(), building.with_extension("building-wal"), building.with_extension("building-shm")] {
        let _ = std::fs::remove_file(stale);
    }
    let happenings = events_wanted();
    println!("generating {happenings} de-duplicated events into {} …", path.display());
    let started = Instant::now();
    let mut store = Store::open(&building).expect("create bench db");
    let (mut articles, mut events) = (0u64, 0u64);
    let docs = Synthetic::new(config(happenings, 5 * 365));
    // The writer keeps the WAL bounded itself (BatchPolicy::max_wal_bytes), so one writer takes the whole stream.
    let mut writer = store.writer(BatchPolicy::default()).expect("writer");
    for doc in docs {
        events += doc.events.len() as u64;
        articles += 1;
        writer.write(&doc).expect("write synthetic article");
    }
    writer.finish().expect("commit");
    let summary = store.grouping_summary().expect("summary");
    drop(store);
    std::fs::rename(&building, &path).expect("rename bench db");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "generated {articles} articles, {events} coded events, {} de-duplicated events in {seconds:.0} s \
         ({:.0} coded events/s); file {:.0} MB",
        summary.groups,
        events as f64 / seconds,
        file_size(&path) as f64 / 1e6
    );
    path
}

/// Asks the OS to forget the file's cached pages, so the next read comes from disk.
fn evict_from_page_cache(path: &Path) {
    use std::os::fd::AsRawFd;
    for file in [path.to_path_buf(), path.with_extension("db-wal")] {
        if let Ok(handle) = std::fs::File::open(&file) {
            // SAFETY: a valid open descriptor; fadvise only changes caching advice.
            unsafe { libc::posix_fadvise(handle.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        }
    }
}

fn year_by_month(a: &str, b: &str) -> RelationsQuery {
    RelationsQuery {
        a: a.into(),
        b: b.into(),
        by: Granularity::Month,
        from: Some("2024-01-01".into()),
        to: Some("2024-12-31".into()),
        direction: Direction::Both,
    }
}

fn queries(c: &mut Criterion) {
    let path = prepare_db();
    let store = Store::open_existing(&path).expect("open bench db");
    let summary = store.grouping_summary().expect("summary");
    println!(
        "db {}: {:.0} MB, {} coded events, {} de-duplicated events",
        path.display(),
        file_size(&path) as f64 / 1e6,
        summary.events,
        summary.groups
    );
    for (a, b) in [("CHN", "USA"), ("IND", "PAK")] {
        let series = store.relations(&year_by_month(a, b)).expect("relations");
        println!("{a}–{b} 2024: {} fact events in {} months", series.total.events, series.periods.len());
    }

    let mut group = c.benchmark_group("relations_year_by_month");
    group.sample_size(30).measurement_time(Duration::from_secs(8));
    for (a, b) in [("CHN", "USA"), ("IND", "PAK"), ("CHNGOV", "USA")] {
        let query = year_by_month(a, b);
        group.bench_function(format!("warm {a}-{b}"), |bench| {
            bench.iter(|| store.relations(&query).expect("relations"))
        });
    }
    for (a, b) in [("CHN", "USA"), ("IND", "PAK")] {
        let query = year_by_month(a, b);
        group.bench_function(format!("cold {a}-{b}"), |bench| {
            bench.iter_batched(
                || {
                    evict_from_page_cache(&path);
                    Store::open_existing(&path).expect("open")
                },
                |cold| cold.relations(&query).expect("relations"),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("dyads_year");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    let dyads = DyadsQuery {
        from: Some("2024-01-01".into()),
        to: Some("2024-12-31".into()),
        by: Granularity::Month,
        limit: 20,
        rank: Rank::Active,
        min_events: 3,
    };
    group.bench_function("warm active", |bench| bench.iter(|| store.dyads(&dyads).expect("dyads")));
    group.finish();
}

/// Writing the same articles with and without the grouping trigger: what de-duplication costs an ingest.
fn ingest_cost(c: &mut Criterion) {
    let articles = std::env::var("ATTACHE_RELATIONS_BENCH_INGEST_ARTICLES").ok().and_then(|v| v.parse().ok());
    let docs: Vec<_> = Synthetic::new(config(12_000, 365)).take(articles.unwrap_or(5_000)).collect();
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    println!("ingest cost: {} articles, {events} coded events per run", docs.len());
    let mut group = c.benchmark_group(format!("ingest_{}_articles", docs.len()));
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for grouped in [true, false] {
        group.bench_function(if grouped { "with grouping" } else { "without grouping" }, |bench| {
            bench.iter_batched(
                || {
                    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
                    let store = Store::open(&dir.path().join("ingest.db")).expect("db");
                    if !grouped {
                        store.connection().execute_batch("DROP TRIGGER events_group_after_insert").expect("drop");
                    }
                    (dir, store)
                },
                |(dir, mut store)| {
                    let mut writer = store.writer(BatchPolicy::default()).expect("writer");
                    for doc in &docs {
                        writer.write(doc).expect("write");
                    }
                    writer.finish().expect("commit");
                    (dir, store)
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, queries, ingest_cost);
criterion_main!(benches);
