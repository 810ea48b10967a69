//! `attache signals` end to end: ingest `examples/` into a temporary database and check the signal board against
//! the oracle in `examples/README.md` (signals S1–S6: who set them, which way, who is expected to do what, and
//! which later article meets them).

mod common;

use common::{attache, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The examples ingested once per test into a fresh database.
fn board(args: &[&str]) -> (tempfile::TempDir, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("examples.db");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let ingest = attache(&db, &["ingest", examples.to_str().unwrap()]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let mut all = vec!["signals", "--format", "json", "--limit", "0"];
    all.extend_from_slice(args);
    let output = attache(&db, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    (dir, value.as_array().unwrap().clone())
}

/// The board's database path, for running other commands on it.
fn db_of(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("examples.db")
}

/// The signal set on `date` (the article's publication date).
fn set_on<'b>(board: &'b [Value], date: &str) -> &'b Value {
    let found: Vec<&Value> = board.iter().filter(|s| s["date"] == date).collect();
    assert_eq!(found.len(), 1, "one signal set on {date}: {board:#?}");
    found[0]
}

fn key(code: &Value) -> &str {
    let code = code.as_str().unwrap_or("");
    if code.starts_with("IGO") { code.get(..9).unwrap_or(code) } else { code.get(..3).unwrap_or(code) }
}

/// Checks one signal's setter, direction and its (only) tracked action's codes and actors.
#[allow(clippy::too_many_arguments)]
fn check(
    signal: &Value,
    setter: &str,
    setter_code: &str,
    direction: &str,
    words: &str,
    codes: &[&str],
    actor: &str,
    target: &str,
    mutual: bool,
) {
    assert_eq!(signal["setter"], setter, "{signal:#}");
    assert_eq!(signal["setter_code"], setter_code, "{signal:#}");
    assert_eq!(signal["direction"], direction, "{signal:#}");
    let action = signal["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["text"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no action with {words:?}: {signal:#}"));
    let found: Vec<&str> = action["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    for code in codes {
        assert!(found.contains(code), "{code} in {found:?}: {signal:#}");
    }
    assert_eq!(action["mutual"], mutual, "{signal:#}");
    let (a, t) = (key(&action["actor"]), key(&action["target"]));
    if mutual {
        assert!((a, t) == (actor, target) || (t, a) == (actor, target), "{a}↔{t}: {signal:#}");
    } else {
        assert_eq!((a, t), (actor, target), "{signal:#}");
    }
}

#[test]
fn the_examples_hold_the_six_signals_of_the_oracle() {
    let (_dir, board) = board(&[]);
    assert_eq!(board.len(), 6, "exactly S1–S6: {board:#?}");
    let s1 = set_on(&board, "2026-01-14");
    check(s1, "Zhou Minghui", "CHNEDU", "improvement", "sign a written trade agreement", &["057"], "CHN", "USA", true);
    let s2 = set_on(&board, "2026-02-10");
    check(
        s2,
        "Rachel Okafor",
        "USAEDU",
        "deterioration",
        "export controls on advanced chips",
        &["163"],
        "USA",
        "CHN",
        false,
    );
    let s3 = set_on(&board, "2026-01-22");
    check(
        s3,
        "Anjali Mehra",
        "INDEDU",
        "improvement",
        "recommitment to the 2021 ceasefire",
        &["087", "041"],
        "IND",
        "PAK",
        true,
    );
    let s4 = set_on(&board, "2026-05-12");
    assert_eq!(s4["direction"], "deterioration");
    let drills = &s4["actions"][0];
    assert!(drills["text"].as_str().unwrap().contains("military drills around Taiwan"), "{s4:#}");
    assert_eq!((key(&drills["actor"]), key(&drills["target"])), ("CHN", "TWN"));
    assert_eq!(drills["codes"][0], "150");
    let s5 = set_on(&board, "2026-03-05");
    check(
        s5,
        "Olena Marchuk",
        "UKREDU",
        "improvement",
        "halt to strikes on energy infrastructure",
        &["087"],
        "RUS",
        "UKR",
        true,
    );
    let s6 = set_on(&board, "2026-02-24");
    check(
        s6,
        "Michael Brandt",
        "DEUEDU",
        "deterioration",
        "confiscate the Russian central bank's assets",
        &["171"],
        "IGOEUREEC",
        "RUS",
        false,
    );
    check(
        s6,
        "Michael Brandt",
        "DEUEDU",
        "deterioration",
        "seize the remaining European business",
        &["171"],
        "RUS",
        "IGOEUREEC",
        false,
    );
    let roles: Vec<&str> = s6["actions"].as_array().unwrap().iter().map(|a| a["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["condition", "consequence"]);
}

#[test]
fn examples_signals_are_met_or_open_as_the_oracle_says() {
    let (dir, board) = board(&[]);
    // S1: met 2026-02-10 by the Geneva agreement (057 between China and the United States, in three outlets).
    let s1 = set_on(&board, "2026-01-14");
    assert_eq!(s1["status"], "met");
    let met = &s1["met_by"];
    assert_eq!((met["date"].as_str(), met["code"].as_str()), (Some("2026-02-10"), Some("057")));
    let pair = [key(&met["source"]), key(&met["target"])];
    assert!(pair == ["CHN", "USA"] || pair == ["USA", "CHN"], "{met:#}");
    // S2: met 2026-04-08 by the new US export controls (163 by the US government).
    let s2 = set_on(&board, "2026-02-10");
    assert_eq!(s2["status"], "met");
    assert_eq!((s2["met_by"]["date"].as_str(), s2["met_by"]["code"].as_str()), (Some("2026-04-08"), Some("163")));
    assert_eq!(key(&s2["met_by"]["source"]), "USA");
    // S5 stays open: the Istanbul talks did not agree to halt strikes on energy (a negated event is no fact).
    assert_eq!(set_on(&board, "2026-03-05")["status"], "open");
    // S6 stays open: nothing was confiscated.
    assert_eq!(set_on(&board, "2026-02-24")["status"], "open");

    // The filters agree with the board.
    let db = db_of(&dir);
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["signals", "--format", "json"];
        all.extend_from_slice(args);
        let output = attache(&db, &all);
        assert!(output.status.success(), "{}", stderr(&output));
        let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
        value.as_array().unwrap().iter().map(|s| s["date"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&["--pair", "IND-PAK"]), ["2026-01-22"]);
    assert_eq!(ids(&["--pair", "ukr-rus"]), ["2026-03-05"]);
    assert_eq!(ids(&["--setter", "okafor"]), ["2026-02-10"]);
    assert!(ids(&["--met"]).contains(&"2026-01-14".to_string()));
    assert!(ids(&["--open"]).contains(&"2026-02-24".to_string()));
    // S2 was met 57 days after it was set: a 30-day horizon leaves it open.
    let output = attache(&db, &["signals", "--format", "json", "--horizon", "30", "--setter", "Okafor"]);
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value[0]["status"], "open");

    let table = attache(&db, &["signals", "--pair", "CHN-USA"]);
    let text = stdout(&table);
    assert!(text.lines().next().unwrap().starts_with("signal"), "{text}");
    assert!(text.contains("Zhou Minghui") && text.contains("2026-02-10"), "{text}");
    let csv = stdout(&attache(&db, &["signals", "--format", "csv"]));
    assert!(csv.starts_with("article,signal,date,source,sentence,setter,setter_code,direction"), "{csv}");
    assert_eq!(csv.lines().count(), 7, "a header and six signals: {csv}");
    let bad = attache(&db, &["signals", "--pair", "CHINA"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a pair of actors"), "{}", stderr(&bad));
}

/// What the oracle says and the coder cannot do yet. Run with `cargo test --test signals -- --ignored`.
#[test]
#[ignore = "coder gap: E09's hotline call and ceasefire (041/0871 INDMIL↔PAKMIL, 2026-03-11) are not coded; E18's \
            'refrained from large-scale military drills' is coded as a 150 fact"]
fn examples_signals_the_coder_cannot_track_yet() {
    let (_dir, board) = board(&[]);
    // coder gap: S3 is met on 2026-03-11 by E09 (041 and 0871 between the Indian and Pakistani armies); the coder
    // codes no event from that entry yet, so the board shows it open.
    let s3 = set_on(&board, "2026-01-22");
    assert_eq!((s3["status"].as_str(), s3["met_by"]["date"].as_str()), (Some("met"), Some("2026-03-11")));
    // coder gap: S4 stays open (E18: Beijing "had so far refrained from large-scale military drills around
    // Taiwan"); the coder reads that sentence as a 150 fact CHNGOV→TWN, which meets S4.
    assert_eq!(set_on(&board, "2026-05-12")["status"], "open");
    // quotes gap: S4's setter is Eleanor Park of the RAND Corporation (USAEDU); the quotes stage types "Eleanor
    // Park" as a place, so the setter is "Park" with no affiliation or code.
    let s4 = set_on(&board, "2026-05-12");
    assert_eq!((s4["setter"].as_str(), s4["setter_code"].as_str()), (Some("Eleanor Park"), Some("USAEDU")));
}
