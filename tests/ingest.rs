//! `attache ingest`, `articles`, `show`, `stats` end to end, through the real binary.

mod common;

use common::{ATTACHE, Summary, attache, jsonl_record, stderr, stdout, summary};
use std::fs;
use std::path::Path;
use std::process::Command;

/// A small mixed corpus of our own invented articles: 3 JSON Lines records and 2 text files.
fn write_good_corpus(dir: &Path) {
    let lines = [
        jsonl_record(
            "wire-1",
            "Ministers meet in Lisbon",
            "The ministers of Portugal and Ghana met in Lisbon on Monday. They signed a fisheries accord.",
            "2026-01-12",
        ),
        jsonl_record(
            "wire-2",
            "Border talks resume",
            "Negotiators from Chile and Peru resumed border talks. A second round is planned for March.",
            "2026-02-03",
        ),
        jsonl_record(
            "wire-3",
            "Grain shipment delayed",
            "A grain shipment bound for Egypt was delayed by storms. Officials expect it next week.",
            "2026-02-20",
        ),
    ];
    fs::write(dir.join("wire.jsonl"), lines.join("\n") + "\n").unwrap();
    fs::write(
        dir.join("summit.txt"),
        "Leaders gather for regional summit\npublished: 2026-03-01\nsource: Harbor Daily\n\n\
         Leaders from five coastal states gathered on Sunday. They discussed port fees and shared patrols.\n\n\
         A joint statement is expected on Tuesday.\n",
    )
    .unwrap();
    fs::write(
        dir.join("aid.txt"),
        "Aid convoy reaches valley\n\nAn aid convoy reached the northern valley after a week on the road. \
         Volunteers unloaded medicine and tents.\n",
    )
    .unwrap();
}

#[test]
fn ingesting_twice_stores_nothing_new_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    write_good_corpus(&corpus);
    let db = dir.path().join("news.db");

    let first = attache(&db, &["ingest", corpus.to_str().unwrap(), "--threads", "2"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let counts = summary(&first);
    assert_eq!((counts.new, counts.skipped, counts.failed), (5, 0, 0));
    assert!(counts.sentences >= 10, "each article has at least two sentences: {counts:?}");

    let second = attache(&db, &["ingest", corpus.to_str().unwrap()]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(summary(&second), Summary { new: 0, skipped: 5, failed: 0, sentences: 0 });
    assert!(stdout(&second).contains("nothing new: all 5 articles were already stored"), "{}", stdout(&second));

    let listed = attache(&db, &["articles", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&listed)).unwrap();
    assert_eq!(rows.len(), 5);
    // Newest first; the text file's headers and the JSON fields both reached the store.
    assert_eq!(rows[0]["title"], "Leaders gather for regional summit");
    assert_eq!(rows[0]["source"], "Harbor Daily");
    assert_eq!(rows[0]["published"], "2026-03-01");
    assert_eq!(rows[4]["title"], "Aid convoy reaches valley", "undated last");
    assert_eq!(rows.iter().map(|r| r["sentences"].as_u64().unwrap()).sum::<u64>(), counts.sentences);
}

#[test]
fn bad_inputs_are_named_with_their_reason_and_good_ones_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("mixed");
    fs::create_dir(&corpus).unwrap();
    write_good_corpus(&corpus);
    fs::write(
        corpus.join("page.html"),
        "<!doctype html><html><head><title>Harbour reopens after repairs</title></head><body><article>\
         <h1>Harbour reopens after repairs</h1>\
         <p>The old harbour reopened to fishing boats on Friday after two years of repairs to its sea wall.</p>\
         <p>Local officials said the works cost less than planned, and that ferries would return in the spring.</p>\
         </article></body></html>",
    )
    .unwrap();
    fs::write(corpus.join("empty.txt"), "").unwrap();
    fs::write(corpus.join("binary.txt"), [0x7fu8, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0]).unwrap();
    fs::write(
        corpus.join("truncated.html"),
        "<html><head><title>Cut short</title></head><body><article><p>This page stops in the middle of a tag <a hr",
    )
    .unwrap();
    let invalid = [
        jsonl_record("ok-line", "Valid line", "This line is a valid article about a harbour.", "2026-01-01"),
        r#"{"title": "broken", "text": "no closing quote"#.to_string(),
        r#"["not", "an", "object"]"#.to_string(),
    ];
    fs::write(corpus.join("invalid.jsonl"), invalid.join("\n") + "\n").unwrap();
    fs::write(corpus.join("latin1.txt"), b"Caf\xe9 talks\n\nThe caf\xe9 hosted the envoys on Friday.\n").unwrap();
    let db = dir.path().join("mixed.db");

    let output = attache(&db, &["ingest", corpus.to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "exit code 1 when anything failed; stderr:\n{err}");
    assert!(!err.contains("panicked"), "no panic:\n{err}");
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    for (name, reason) in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("truncated.html", "trunc"),
        ("invalid.jsonl:2", ""),
        ("invalid.jsonl:3", ""),
        ("latin1.txt", "UTF-8"),
    ] {
        let line = error_lines
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no error line names {name}:\n{err}"));
        assert!(line.to_lowercase().contains(&reason.to_lowercase()), "{name}: reason `{reason}` missing in {line}");
        assert!(line.len() > format!("error: {name}: ").len() + 3, "a cause follows the name: {line}");
    }
    let counts = summary(&output);
    assert_eq!(counts.failed, error_lines.len() as u64, "every failure is counted once:\n{err}");
    assert_eq!(counts.new, 7, "5 good articles, the page and the valid JSON line");

    let ids: Vec<String> = common::stored_articles(&db).into_iter().map(|(id, ..)| id).collect();
    for id in ["wire-1", "wire-2", "wire-3", "ok-line"] {
        assert!(ids.contains(&id.to_string()), "{id} stored: {ids:?}");
    }
    let titles = stdout(&attache(&db, &["articles", "--format", "csv"]));
    assert!(titles.contains("Harbour reopens after repairs"), "{titles}");
}

#[test]
fn a_missing_path_fails_but_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    write_good_corpus(dir.path());
    let db = dir.path().join("a.db");
    let missing = dir.path().join("nowhere.txt");
    let output = attache(&db, &["ingest", dir.path().join("aid.txt").to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("nowhere.txt: no such file"), "{}", stderr(&output));
    assert_eq!(summary(&output).new, 1);
}

#[test]
fn an_id_taken_by_other_content_is_kept_under_a_new_id_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ids.db");
    let first = dir.path().join("first.jsonl");
    let second = dir.path().join("second.jsonl");
    fs::write(&first, jsonl_record("same", "One", "The first story about a bridge.", "2026-01-01") + "\n").unwrap();
    fs::write(&second, jsonl_record("same", "Two", "A second, different story about a tunnel.", "2026-01-02") + "\n")
        .unwrap();
    attache(&db, &["ingest", first.to_str().unwrap()]);
    let output = attache(&db, &["ingest", second.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("warning: "), "{}", stderr(&output));
    assert!(stderr(&output).contains("id `same` already names a different article"), "{}", stderr(&output));
    let ids: Vec<String> = common::stored_articles(&db).into_iter().map(|(id, ..)| id).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids[1].starts_with("same~"), "{ids:?}");
    let shown = stdout(&attache(&db, &["show", &ids[1]]));
    assert!(shown.contains("input id    same"), "{shown}");
}

#[test]
fn articles_filters_and_show_prints_numbered_sentences() {
    let dir = tempfile::tempdir().unwrap();
    write_good_corpus(dir.path());
    let db = dir.path().join("q.db");
    assert!(attache(&db, &["ingest", dir.path().to_str().unwrap()]).status.success());

    let ids = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["articles", "--format", "json"];
        full.extend_from_slice(args);
        let output = attache(&db, &full);
        assert!(output.status.success(), "{}", stderr(&output));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).unwrap();
        rows.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&["--from", "2026-02-01", "--to", "2026-02-20"]), ["wire-3", "wire-2"]);
    assert_eq!(ids(&["--source", "test wire", "--limit", "1"]), ["wire-3"]);
    assert_eq!(ids(&["--search", "border"]), ["wire-2"]);
    assert!(ids(&["--search", "nonexistentword"]).is_empty());

    let bad_date = attache(&db, &["articles", "--from", "2026-02-30"]);
    assert_eq!(bad_date.status.code(), Some(2), "clap rejects an impossible date");
    assert!(stderr(&bad_date).contains("2026-02-30"));

    let table = stdout(&attache(&db, &["articles"]));
    assert!(table.lines().next().unwrap().starts_with("id "), "{table}");
    assert_eq!(table.lines().count(), 2 + 5, "header, rule and five rows:\n{table}");

    let shown = attache(&db, &["show", "wire-1"]);
    assert!(shown.status.success());
    let text = stdout(&shown);
    assert!(text.contains("title       Ministers meet in Lisbon"), "{text}");
    assert!(text.contains("0  The ministers of Portugal and Ghana met in Lisbon on Monday."), "{text}");
    assert!(text.contains("1  They signed a fisheries accord."), "{text}");

    let json: serde_json::Value = serde_json::from_str(&stdout(&attache(&db, &["show", "wire-1", "--json"]))).unwrap();
    assert_eq!(json["sentences"][1]["text"], "They signed a fisheries accord.");
    assert_eq!(json["origin_record"], 1);

    let missing = attache(&db, &["show", "no-such-id"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no article with id `no-such-id`"));

    let stats = stdout(&attache(&db, &["stats", "--format", "csv"]));
    assert!(stats.contains("articles,5"), "{stats}");
}

#[test]
fn query_commands_do_not_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("absent.db");
    let output = attache(&db, &["articles"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no database at"), "{}", stderr(&output));
    assert!(!db.exists());
}

#[test]
fn the_database_path_comes_from_attache_db_or_defaults_to_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    write_good_corpus(dir.path());
    let from_env = dir.path().join("env.db");
    let output = Command::new(ATTACHE)
        .env("ATTACHE_DB", &from_env)
        .args(["ingest", dir.path().join("aid.txt").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(from_env.exists());

    let output = Command::new(ATTACHE)
        .env_remove("ATTACHE_DB")
        .current_dir(dir.path())
        .args(["ingest", "summit.txt"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("attache.db").exists());
}

#[test]
fn an_invalid_fallback_date_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    write_good_corpus(dir.path());
    let db = dir.path().join("d.db");
    let output = attache(&db, &["ingest", dir.path().to_str().unwrap(), "--published", "someday"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--published `someday` is not a date"), "{}", stderr(&output));
    assert!(!db.exists());
}

#[test]
fn stages_can_be_chosen_and_unknown_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write_good_corpus(dir.path());
    let db = dir.path().join("s.db");
    let output = attache(&db, &["ingest", dir.path().to_str().unwrap(), "--stages", "text,nonsense"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("unknown stage `nonsense`"), "{}", stderr(&output));
    assert!(!db.exists(), "nothing is created before the arguments are checked");
    let output = attache(&db, &["ingest", dir.path().to_str().unwrap(), "--stages", "text"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(summary(&output).new, 5);
}

#[test]
fn every_command_has_help() {
    for command in
        [&["--help"][..], &["ingest", "--help"], &["articles", "--help"], &["show", "--help"], &["code", "--help"]]
    {
        let output = Command::new(ATTACHE).args(command).output().unwrap();
        assert!(output.status.success(), "{command:?}");
        assert!(stdout(&output).contains("Usage:"), "{command:?}");
    }
}
