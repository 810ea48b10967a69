//! `attache export` end to end: the examples/ corpus ingested once, then exported in every format and read back —
//! GDELT records field by field, CSV with the csv crate, JSON Lines with serde_json, Parquet with DuckDB — and
//! compared with the store's own listings and with the schema documented in docs/exports.md.

mod common;

use common::{attache, examples_db, stderr, stdout};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::Command;

/// Runs a command that must succeed and returns its standard output.
fn run(args: &[&str]) -> String {
    let output = attache(examples_db(), args);
    assert!(output.status.success(), "attache {args:?} failed: {}", stderr(&output));
    stdout(&output)
}

const KINDS: [&str; 4] = ["events", "quotes", "entities", "signals"];

/// The GDELT export as lines of fields, keyed by column name.
fn gdelt_records(extra: &[&str]) -> Vec<BTreeMap<&'static str, String>> {
    let mut args = vec!["export", "--format", "gdelt"];
    args.extend(extra);
    let text = run(&args);
    assert!(text.is_empty() || text.ends_with('\n'), "the last record must end its line");
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 61, "line {} has {} fields: {line:?}", n + 1, fields.len());
            attache_export::GDELT_COLUMNS.iter().copied().zip(fields.into_iter().map(str::to_string)).collect()
        })
        .collect()
}

#[test]
fn gdelt_records_have_61_fields_and_codes_keep_their_leading_zeros() {
    let records = gdelt_records(&[]);
    assert!(records.len() > 20, "the examples hold dozens of fact events, got {}", records.len());
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    for record in &records {
        let code = &record["EventCode"];
        assert!(digits(code, 2..=4), "EventCode {code:?}");
        assert!(digits(&record["EventRootCode"], 2..=2), "{record:?}");
        assert!(code.starts_with(&record["EventRootCode"]), "{record:?}");
        assert!(code.starts_with(&record["EventBaseCode"]) && digits(&record["EventBaseCode"], 2..=3));
        assert!(digits(&record["Day"], 8..=8) && record["Day"].starts_with(&record["MonthYear"]));
        assert!(record["MonthYear"].starts_with(&record["Year"]));
        assert!(digits(&record["DATEADDED"], 14..=14), "{record:?}");
        assert!(["1", "2", "3", "4"].contains(&record["QuadClass"].as_str()));
        assert!(record["NumMentions"].parse::<u64>().unwrap() >= record["NumArticles"].parse::<u64>().unwrap());
        for geo in ["Actor1Geo_Type", "ActionGeo_FullName", "ActionGeo_Lat"] {
            assert_eq!(record[geo], "", "attache does not geocode");
        }
    }
    let codes: HashSet<&str> = records.iter().map(|r| r["EventCode"].as_str()).collect();
    assert!(codes.contains("041"), "E01's telephone call codes 041: {codes:?}");
    assert!(records.iter().any(|r| r["EventRootCode"] == "04"), "root 04 keeps its zero");
    // Actor codes split as GDELT does: CHNGOV → country CHN, type GOV.
    let chinese_government = records.iter().find(|r| r["Actor1Code"] == "CHNGOV").expect("a CHNGOV actor");
    assert_eq!(chinese_government["Actor1CountryCode"], "CHN");
    assert_eq!(chinese_government["Actor1Type1Code"], "GOV");
}

#[test]
fn the_geneva_signing_in_three_outlets_is_one_record_per_direction_with_three_articles() {
    let records = gdelt_records(&["--pair", "CHN-USA"]);
    for (from, to) in [("CHN", "USA"), ("USA", "CHN")] {
        let signing: Vec<_> = records
            .iter()
            .filter(|r| {
                r["EventCode"] == "057"
                    && r["Day"] == "20260210"
                    && r["Actor1CountryCode"] == from
                    && r["Actor2CountryCode"] == to
            })
            .collect();
        assert_eq!(signing.len(), 1, "{from}→{to} 057 on 2026-02-10: {signing:?}");
        assert_eq!(signing[0]["NumArticles"], "3", "{:?}", signing[0]);
        assert_eq!(signing[0]["NumSources"], "3", "{:?}", signing[0]);
        assert!(signing[0]["SOURCEURL"].starts_with("https://"), "{:?}", signing[0]);
    }
}

#[test]
fn gdelt_holds_one_record_per_deduplicated_fact_event() {
    let records = gdelt_records(&[]);
    let ids: HashSet<&str> = records.iter().map(|r| r["GlobalEventID"].as_str()).collect();
    assert_eq!(ids.len(), records.len(), "GlobalEventIDs are unique");
    let mentions = jsonl_rows(&["--what", "events"]);
    let fact_groups: HashSet<String> = mentions
        .iter()
        .filter(|m| m["mode"] == "fact" && !m["group_id"].is_null())
        .map(|m| m["group_id"].to_string())
        .collect();
    let exported: HashSet<String> = ids.iter().map(|id| id.to_string()).collect();
    assert_eq!(exported, fact_groups);
    assert!(mentions.iter().any(|m| m["mode"] != "fact"), "the examples hold non-fact events, left out of gdelt");
}

fn jsonl_rows(extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "--format", "jsonl"];
    args.extend(extra);
    run(&args)
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let row: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}: {line}", n + 1));
            assert!(row.is_object(), "line {} is not an object", n + 1);
            row
        })
        .collect()
}

fn csv_table(what: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let text = run(&["export", "--format", "csv", "--what", what]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().collect::<Result<Vec<_>, _>>().unwrap_or_else(|e| panic!("{what}.csv: {e}"));
    (header, rows)
}

/// The documented columns of one export: (name, Parquet type, DuckDB type) from the table under the heading
/// `### <what>` in docs/exports.md.
fn documented_columns(what: &str) -> Vec<(String, String, String)> {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/exports.md")).unwrap();
    let heading = format!("### `{what}` columns");
    let start = docs.find(&heading).unwrap_or_else(|| panic!("no `{heading}` in docs/exports.md"));
    docs[start..]
        .lines()
        .skip(1)
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let name = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_string(), cells[1].to_string(), cells[2].to_string()))
        })
        .collect()
}

/// How many rows the store's own listings give for each kind (signals: one row per action, or one).
fn store_count(what: &str) -> usize {
    let listing = |args: &[&str]| -> Vec<Value> {
        let mut args = args.to_vec();
        args.extend(["--limit", "0", "--format", "json"]);
        serde_json::from_str::<Value>(&run(&args)).unwrap().as_array().unwrap().clone()
    };
    match what {
        "events" => listing(&["events"]).len(),
        "quotes" => listing(&["quotes"]).len(),
        "entities" => listing(&["people"]).len(),
        "signals" => listing(&["signals"]).iter().map(|s| s["actions"].as_array().unwrap().len().max(1)).sum(),
        _ => unreachable!(),
    }
}

#[test]
fn csv_and_jsonl_have_the_documented_columns_and_the_stores_row_counts() {
    for what in KINDS {
        let documented: Vec<String> = documented_columns(what).into_iter().map(|(name, ..)| name).collect();
        assert!(!documented.is_empty(), "docs/exports.md documents the {what} columns");
        let (header, rows) = csv_table(what);
        assert_eq!(header, documented, "{what}.csv header");
        assert!(rows.iter().all(|row| row.len() == header.len()));
        let lines = jsonl_rows(&["--what", what]);
        for row in &lines {
            let mut keys: Vec<&String> = row.as_object().unwrap().keys().collect();
            let mut expected: Vec<&String> = documented.iter().collect();
            keys.sort();
            expected.sort();
            assert_eq!(keys, expected, "{what}.jsonl keys");
        }
        // Keys come in column order: the documented names appear one after the other on every line.
        for line in run(&["export", "--format", "jsonl", "--what", what]).lines() {
            let mut at = 0;
            for name in &documented {
                let key = format!("\"{name}\":");
                let found = line[at..].find(&key).unwrap_or_else(|| panic!("{what}: `{name}` out of order in {line}"));
                at += found + key.len();
            }
        }
        let expected = store_count(what);
        assert!(expected > 0, "the examples hold {what}");
        assert_eq!(rows.len(), expected, "{what}.csv rows");
        assert_eq!(lines.len(), expected, "{what}.jsonl rows");
    }
}

#[test]
fn event_rows_carry_their_evidence_and_group() {
    let rows = jsonl_rows(&["--what", "events", "--pair", "CHN-USA", "--code", "057", "--from", "2026-02-10"]);
    let geneva: Vec<&Value> = rows.iter().filter(|r| r["date"] == "2026-02-10").collect();
    assert!(geneva.len() >= 6, "each of three articles reports the signing: {geneva:?}");
    let articles: HashSet<&str> = geneva.iter().map(|r| r["article"].as_str().unwrap()).collect();
    assert_eq!(articles.len(), 3);
    for row in geneva {
        assert_eq!(row["group_articles"], 3, "{row}");
        let sentence = row["sentence"].as_str().unwrap();
        let (start, end) = (row["sentence_start"].as_u64().unwrap(), row["sentence_end"].as_u64().unwrap());
        assert_eq!(sentence.chars().count() as u64, end - start);
        let verb = row["verb_text"].as_str().unwrap();
        assert!(sentence.contains(verb), "the verb {verb:?} is in its sentence {sentence:?}");
        assert!(row["event_id"].as_str().unwrap().starts_with(row["article"].as_str().unwrap()));
    }
    // Filters are those of `attache events`: every row is between China and the US.
    for row in &rows {
        let pair = [row["source_code"].as_str().unwrap(), row["target_code"].as_str().unwrap()];
        assert!(pair.iter().any(|c| c.starts_with("CHN")) && pair.iter().any(|c| c.starts_with("USA")), "{row}");
    }
}

/// Python with the duckdb module, or `None` with a skip reason printed (a failure under CI or REQUIRE_SHARED=1).
fn duckdb_python() -> Option<()> {
    let found = Command::new("python3").args(["-c", "import duckdb"]).output();
    let reason = match found {
        Ok(output) if output.status.success() => return Some(()),
        Ok(output) => format!("the duckdb Python module is missing: {}", String::from_utf8_lossy(&output.stderr)),
        Err(error) => format!("python3 cannot run: {error}"),
    };
    let required = std::env::var_os("CI").is_some_and(|v| !v.is_empty())
        || std::env::var("REQUIRE_SHARED").is_ok_and(|v| v == "1");
    assert!(!required, "the Parquet test needs DuckDB under CI / REQUIRE_SHARED=1: {reason}");
    eprintln!("skipping the DuckDB check: {reason}");
    None
}

#[test]
fn duckdb_reads_the_parquet_exports_with_the_documented_rows_and_types() {
    if duckdb_python().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for what in KINDS {
        let path = dir.path().join(format!("{what}.parquet"));
        let output =
            attache(examples_db(), &["export", "--format", "parquet", "--what", what, "-o", path.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stderr(&output).contains(&format!("rows written to {}", path.display())), "{}", stderr(&output));
        assert!(!dir.path().join(format!("{what}.parquet.partial")).exists(), "the partial file is renamed");
        let script = "import duckdb, json, sys\n\
            c = duckdb.connect()\n\
            path = sys.argv[1]\n\
            rows = c.execute('SELECT count(*) FROM read_parquet(?)', [path]).fetchall()[0][0]\n\
            columns = [[r[0], r[1]] for r in c.execute('DESCRIBE SELECT * FROM read_parquet(?)', [path]).fetchall()]\n\
            print(json.dumps({'rows': rows, 'columns': columns}))";
        let output = Command::new("python3").args(["-c", script, path.to_str().unwrap()]).output().unwrap();
        assert!(output.status.success(), "DuckDB failed on {what}: {}", stderr(&output));
        let answer: Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(answer["rows"].as_u64().unwrap() as usize, store_count(what), "{what}.parquet rows");
        let described: Vec<(String, String)> = answer["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_str().unwrap().to_string(), c[1].as_str().unwrap().to_string()))
            .collect();
        let documented: Vec<(String, String)> =
            documented_columns(what).into_iter().map(|(name, _, duckdb)| (name, duckdb)).collect();
        assert_eq!(described, documented, "{what}.parquet columns and DuckDB types");
    }
}

#[test]
fn bad_requests_fail_with_clear_messages() {
    let db = examples_db();
    let refused = |args: &[&str], expected: &str| {
        let output = attache(db, args);
        assert!(!output.status.success(), "attache {args:?} should fail");
        let message = stderr(&output);
        assert!(message.contains(expected), "attache {args:?}: {message:?} lacks {expected:?}");
        assert!(stdout(&output).is_empty(), "nothing is written on failure");
    };
    refused(&["export", "--format", "xml"], "xml");
    refused(&["export", "--format", "csv", "-o", "/nonexistent-attache-dir/out.csv"], "cannot write the export to");
    let dir = tempfile::tempdir().unwrap();
    refused(&["export", "--format", "csv", "-o", dir.path().to_str().unwrap()], "is a directory");
    refused(&["export", "--format", "gdelt", "--what", "quotes"], "events only");
    refused(&["export", "--format", "gdelt", "--mode", "negated"], "fact events only");
    refused(&["export", "--format", "csv", "--what", "quotes", "--code", "041"], "--code applies to --what events");
    refused(&["export", "--format", "csv", "--what", "events", "--speaker", "Wang"], "--speaker applies");
    refused(&["export", "--format", "csv", "--article", "no-such-article"], "no-such-article");
    let missing = dir.path().join("missing.db");
    let output = attache(&missing, &["export", "--format", "csv"]);
    assert!(!output.status.success() && stderr(&output).contains("no database"), "{}", stderr(&output));
}

#[test]
fn filters_select_quotes_entities_and_signals() {
    let quotes = jsonl_rows(&["--what", "quotes", "--speaker", "Bessent"]);
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| q["speaker"].as_str().unwrap().contains("Bessent")));
    let people = jsonl_rows(&["--what", "entities", "--entity-kind", "person", "--actor", "USA"]);
    assert!(!people.is_empty());
    assert!(people.iter().all(|p| p["kind"] == "person" && p["code"].as_str().unwrap().starts_with("USA")));
    let met = jsonl_rows(&["--what", "signals", "--met"]);
    assert!(!met.is_empty() && met.iter().all(|s| s["status"] == "met"));
    let limited = jsonl_rows(&["--what", "events", "--limit", "5"]);
    assert_eq!(limited.len(), 5);
    assert_eq!(gdelt_records(&["--limit", "3"]).len(), 3);
}
