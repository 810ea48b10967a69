//! Helpers shared by the CLI tests: run the real binary against a temporary database.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::Path;
use std::process::{Command, Output};

pub const ATTACHE: &str = env!("CARGO_BIN_EXE_attache");

/// Runs `attache --db DB ARGS…` and returns its output; never inherits ATTACHE_DB from the caller.
pub fn attache(db: &Path, args: &[&str]) -> Output {
    Command::new(ATTACHE).env_remove("ATTACHE_DB").arg("--db").arg(db).args(args).output().expect("run attache")
}

/// A database holding every article of examples/, built once per test binary and shared by the tests that only
/// read it.
pub fn examples_db() -> &'static Path {
    static DB: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> = std::sync::OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("examples.db");
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let output = attache(&db, &["ingest", examples.to_str().unwrap()]);
        assert!(output.status.success(), "ingest failed: {}", stderr(&output));
        (dir, db)
    })
    .1
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The counts in an ingest summary line `…: N new, N skipped (already stored), N failed; N sentences stored; …`.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub new: u64,
    pub skipped: u64,
    pub failed: u64,
    pub sentences: u64,
}

pub fn summary(output: &Output) -> Summary {
    let text = stdout(output);
    let line = text.lines().find(|l| l.contains(" new, ")).unwrap_or_else(|| panic!("no summary in {text:?}"));
    let number_before = |label: &str| -> u64 {
        let end = line.find(label).unwrap_or_else(|| panic!("no `{label}` in {line:?}"));
        let start = line[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
        line[start..end].parse().unwrap_or_else(|_| panic!("no number before `{label}` in {line:?}"))
    };
    Summary {
        new: number_before(" new"),
        skipped: number_before(" skipped"),
        failed: number_before(" failed"),
        sentences: number_before(" sentences"),
    }
}

/// Ids, content hashes, sentence and event counts of every stored article, sorted by id.
pub fn stored_articles(db: &Path) -> Vec<(String, String, i64, i64)> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut stmt = conn
        .prepare(
            "SELECT a.id, a.content_hash, (SELECT count(*) FROM sentences s WHERE s.article = a.pk), \
             (SELECT count(*) FROM events e WHERE e.article = a.pk) FROM articles a ORDER BY a.id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

/// A JSON Lines record with our own invented text.
pub fn jsonl_record(id: &str, title: &str, text: &str, published: &str) -> String {
    serde_json::json!({ "id": id, "title": title, "text": text, "published": published, "source": "Test Wire" })
        .to_string()
}
