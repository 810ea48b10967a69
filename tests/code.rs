//! `attache code`: JSON Lines that follow docs/code-json.md, in input order.

mod common;

use common::{ATTACHE, stderr, stdout};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/code")
}

fn code(args: &[&str]) -> std::process::Output {
    Command::new(ATTACHE).arg("code").args(args).output().expect("run attache code")
}

/// The keys a section of docs/code-json.md documents: every `` `name` `` in the first cell of its table rows.
fn documented_keys(heading: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/code-json.md")).unwrap();
    let mut lines = doc.lines().skip_while(|line| *line != heading);
    assert!(lines.next().is_some(), "docs/code-json.md has a `{heading}` section");
    lines
        .take_while(|line| !line.starts_with('#'))
        .filter(|line| line.starts_with("| `"))
        .flat_map(|line| {
            let first_cell = line.split('|').nth(1).unwrap_or("");
            first_cell.split('`').skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

/// Every key of `value` (an object, or each object of an array) is documented under `heading`.
fn assert_documented(value: &Value, heading: &str) {
    let documented = documented_keys(heading);
    let objects: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    };
    for object in objects {
        for key in object.as_object().expect("an object").keys() {
            assert!(documented.contains(key), "key `{key}` is not documented under `{heading}` in docs/code-json.md");
        }
    }
}

/// Checks every key at every level the document describes.
fn assert_all_keys_documented(value: &Value) {
    assert_documented(value, "## Top level");
    assert_documented(&value["origin"], "## Origin");
    assert_documented(&value["sentences"], "## Sentence");
    assert_documented(&value["events"], "## Event");
    for event in value["events"].as_array().unwrap() {
        for actor in ["source", "target", "reporter"] {
            assert_documented(&event[actor], "### ActorRef");
        }
        assert_documented(&event["evidence"], "### EventEvidence");
    }
    assert_documented(&value["quotes"], "## Quote");
    for quote in value["quotes"].as_array().unwrap() {
        assert_documented(&quote["speaker"], "### Speaker");
    }
    assert_documented(&value["entities"], "## Entity");
    assert_documented(&value["themes"], "## ThemeMention");
    assert_documented(&value["theme_summary"], "## ThemeSummary");
    assert_documented(&value["tone"], "## Tone");
    assert_documented(&value["signals"], "## Signal");
}

fn char_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

/// Checks one object against the documented contract.
fn check_doc(value: &Value) {
    assert!(value.is_object(), "each line is a JSON object");
    assert_all_keys_documented(value);
    assert_eq!(value["schema"], attache_doc::SCHEMA);
    let id = value["id"].as_str().expect("id is a string");
    assert!(!id.is_empty());
    let hash = value["content_hash"].as_str().unwrap();
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{hash}");
    let text = value["text"].as_str().unwrap();
    let char_count = text.chars().count() as u64;
    for array in ["sentences", "events", "quotes", "entities", "themes", "signals"] {
        assert!(value[array].is_array(), "`{array}` is always an array");
    }
    let origin = &value["origin"];
    assert!(origin["path"].is_string() && origin["format"].is_string(), "origin names path and format: {origin}");

    let sentences = value["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty(), "every fixture article has sentences");
    let mut previous_end = 0;
    let mut previous_paragraph = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        assert_eq!(sentence["id"].as_u64(), Some(i as u64), "sentence ids count from 0");
        let (start, end) = (sentence["start"].as_u64().unwrap(), sentence["end"].as_u64().unwrap());
        assert!(previous_end <= start && start < end && end <= char_count, "sentence span {start}..{end} in order");
        assert_eq!(sentence["text"].as_str().unwrap(), char_slice(text, start, end), "text = characters [start, end)");
        let paragraph = sentence["paragraph"].as_u64().unwrap();
        assert!(paragraph >= previous_paragraph, "paragraph numbers never decrease");
        previous_end = end;
        previous_paragraph = paragraph;
    }
}

/// The serde types read what they wrote, unchanged (compared as text: numbers such as `goldstein` are `f32`).
fn check_round_trip(line: &str) {
    let doc: attache_doc::Doc = serde_json::from_str(line).expect("deserialises into attache_doc::Doc");
    assert_eq!(serde_json::to_string(&doc).unwrap(), line);
}

#[test]
fn code_prints_documented_json_lines_in_input_order() {
    let output = code(&[fixtures().to_str().unwrap(), "--threads", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(documented_keys("## Top level").len() >= 15, "the schema doc lists the top-level keys");
    assert!(documented_keys("## Sentence").contains(&"end".to_string()), "cells naming several keys are read whole");
    let text = stdout(&output);
    let lines: Vec<Value> = text.lines().map(|line| serde_json::from_str(line).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), 4);
    text.lines().for_each(check_round_trip);
    for value in &lines {
        check_doc(value);
    }
    let titles: Vec<&str> = lines.iter().map(|v| v["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Envoys hold talks on river dispute",
            "Café owners protest new tariff",
            "Rail link opens",
            "Neighbours trade praise and blame"
        ]
    );
    let events: usize = lines.iter().map(|v| v["events"].as_array().unwrap().len()).sum();
    assert!(events > 0, "the fixture codes events, so their keys are checked against the document too");
    assert_eq!(lines[0]["published"], "2026-02-04");
    assert_eq!(lines[0]["source"], "Valley Courier");
    assert_eq!(lines[0]["origin"]["format"], "txt");
    assert!(lines[0]["origin"].get("record").is_none(), "one-article files have no record number");
    assert_eq!(lines[1]["id"], "cw-101");
    assert_eq!(lines[1]["origin"]["record"], 1);
    assert_eq!(lines[2]["origin"]["record"], 2);
    // Character offsets: "Café" is 4 characters (5 bytes), so the second word starts at character 5.
    let first = &lines[1]["sentences"][0];
    assert_eq!(first["start"], 0);
    assert!(first["text"].as_str().unwrap().starts_with("Café owners"));
    let second_paragraph = lines[1]["sentences"].as_array().unwrap().last().unwrap();
    assert_eq!(second_paragraph["text"], "No date for the review was given.");
    assert_eq!(second_paragraph["paragraph"], 1);
}

#[test]
fn code_reads_standard_input_and_applies_fallbacks() {
    let mut child = Command::new(ATTACHE)
        .args(["code", "-", "--published", "2026-02-05", "--source", "Desk"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"text\": \"A ferry sank near the island. All passengers were rescued.\"}\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let value: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(value["published"], "2026-02-05");
    assert_eq!(value["source"], "Desk");
    assert_eq!(value["origin"]["path"], "-");
    assert!(value["id"].as_str().unwrap().starts_with('a'), "an id is derived from the content hash");
    assert_eq!(value["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn code_reports_bad_inputs_and_still_prints_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"text\": \"A valid line about a bridge.\"}\nnot json\n").unwrap();
    let output = code(&[fixtures().join("01-briefing.txt").to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bad.jsonl:2: "), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn pretty_output_is_a_stream_of_the_same_objects() {
    let plain = code(&[fixtures().to_str().unwrap()]);
    let pretty = code(&[fixtures().to_str().unwrap(), "--pretty"]);
    assert!(pretty.status.success());
    let from_plain: Vec<Value> = stdout(&plain).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let from_pretty: Vec<Value> =
        serde_json::Deserializer::from_str(&stdout(&pretty)).into_iter().collect::<Result<_, _>>().unwrap();
    assert_eq!(from_plain, from_pretty);
    assert!(stdout(&pretty).lines().count() > from_pretty.len() * 5);
}
