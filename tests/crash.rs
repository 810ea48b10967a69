//! `kill -9` during an ingest leaves a consistent database, and rerunning the ingest ends exactly where a clean
//! run ends.

mod common;

use common::{ATTACHE, attache, jsonl_record, stderr, stored_articles, summary};
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 12_000;
const FILES: usize = 4;
/// Small batches so that commits happen often and the kill lands between and inside them.
const BATCH: &str = "300";

/// Writes `ARTICLES` invented articles (2–7 sentences each, about a third of them coding as events) as JSON
/// Lines over `FILES` files.
fn write_corpus(dir: &Path) {
    const WORDS: [&str; 24] = [
        "harbour",
        "council",
        "envoy",
        "treaty",
        "border",
        "grain",
        "ferry",
        "summit",
        "tariff",
        "river",
        "valley",
        "ministers",
        "delegates",
        "agreed",
        "rejected",
        "discussed",
        "signed",
        "reviewed",
        "quietly",
        "again",
        "northern",
        "coastal",
        "new",
        "joint",
    ];
    const COUNTRIES: [(&str, &str); 4] =
        [("Ghana", "Portugal"), ("Chile", "Peru"), ("Egypt", "Kenya"), ("Japan", "Chile")];
    const VERBS: [&str; 3] = ["praised", "criticized", "accused"];
    let mut state = 0x5eed_u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let per_file = ARTICLES / FILES;
    for f in 0..FILES {
        let file = fs::File::create(dir.join(format!("part-{f}.jsonl"))).unwrap();
        let mut out = BufWriter::new(file);
        for i in 0..per_file {
            let n = f * per_file + i;
            let mut text = String::new();
            for s in 0..2 + next(6) {
                if s > 0 {
                    text.push(' ');
                }
                if next(3) == 0 {
                    // A sentence the coder turns into events, so event rows are part of each article too.
                    let pair = COUNTRIES[next(COUNTRIES.len())];
                    text.push_str(&format!("{} {} {}.", pair.0, VERBS[next(VERBS.len())], pair.1));
                    continue;
                }
                text.push_str("The");
                for _ in 0..6 + next(10) {
                    text.push(' ');
                    text.push_str(WORDS[next(WORDS.len())]);
                }
                text.push('.');
            }
            let day = 1 + n % 28;
            let record = jsonl_record(&format!("k{n}"), &format!("Report {n}"), &text, &format!("2026-01-{day:02}"));
            writeln!(out, "{record}").unwrap();
        }
    }
}

fn articles_committed(db: &Path) -> i64 {
    // Opening may race with the writer creating the schema; treat that as "nothing yet".
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
        .unwrap_or(0)
}

/// Starts an ingest and SIGKILLs it once at least `at_least` articles are committed. Returns how many were
/// committed when it was killed.
fn ingest_and_kill(db: &Path, corpus: &Path, at_least: i64) -> i64 {
    let mut child = Command::new(ATTACHE)
        .env_remove("ATTACHE_DB")
        .arg("--db")
        .arg(db)
        .args(["ingest", corpus.to_str().unwrap(), "--threads", "2", "--batch-articles", BATCH])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest finished ({status}) before it could be killed; the corpus is too small for this machine");
        }
        let committed = if db.exists() { articles_committed(db) } else { 0 };
        if committed >= at_least {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return committed;
        }
        assert!(Instant::now() < deadline, "no commit seen in time");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The database is intact: SQLite's check, the full-text index's own check, and every article has every
/// sentence and event a complete run gives it.
fn assert_consistent(db: &Path, complete: &[(String, String, i64, i64)]) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')", [])
        .expect("FTS index consistent");
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM sentences WHERE article NOT IN (SELECT pk FROM articles)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orphans, 0);
    drop(conn);
    for (id, hash, sentences, events) in stored_articles(db) {
        let expected = complete.binary_search_by(|(i, ..)| i.cmp(&id)).map(|at| &complete[at]);
        let (_, expected_hash, expected_sentences, expected_events) =
            expected.unwrap_or_else(|_| panic!("unexpected article {id}"));
        assert_eq!(&hash, expected_hash, "{id}");
        assert_eq!(sentences, *expected_sentences, "article {id} has all its sentences or none");
        assert_eq!(events, *expected_events, "article {id} has all its events or none");
    }
}

#[test]
fn kill_9_mid_ingest_then_rerun_equals_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    write_corpus(&corpus);

    let clean_db = dir.path().join("clean.db");
    let clean = attache(&clean_db, &["ingest", corpus.to_str().unwrap(), "--threads", "2"]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    assert_eq!(summary(&clean).new, ARTICLES as u64);
    let complete = stored_articles(&clean_db);
    assert_eq!(complete.len(), ARTICLES);
    let events: i64 = complete.iter().map(|(.., events)| events).sum();
    assert!(events > ARTICLES as i64 / 2, "the corpus codes events ({events}), so their rows are checked too");

    let crashed_db = dir.path().join("crashed.db");
    let first_kill = ingest_and_kill(&crashed_db, &corpus, 1);
    assert_consistent(&crashed_db, &complete);
    let stored = stored_articles(&crashed_db).len();
    assert!(stored >= first_kill as usize && stored < ARTICLES, "killed mid-way: {stored} of {ARTICLES} stored");

    // A second kill, during the rerun that skips what the first run stored.
    let second_kill = ingest_and_kill(&crashed_db, &corpus, stored as i64 + 1);
    assert_consistent(&crashed_db, &complete);
    let stored_after_second = stored_articles(&crashed_db).len();
    assert!(stored_after_second >= second_kill as usize);

    let rerun = attache(&crashed_db, &["ingest", corpus.to_str().unwrap(), "--threads", "2"]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    let counts = summary(&rerun);
    assert_eq!(counts.skipped as usize, stored_after_second, "what was committed is recognised and skipped");
    assert_eq!(counts.new as usize, ARTICLES - stored_after_second);
    assert_eq!(stored_articles(&crashed_db), complete, "same articles, hashes and sentence counts as a clean run");
    assert_consistent(&crashed_db, &complete);
}
