//! The query commands over stored annotations — `events`, `why`, `quotes`, `people`, `themes`, `show` and
//! `code --explain` — end to end through the real binary, against the examples/ corpus ingested once per test
//! binary. Expected values come from the oracle in examples/README.md.

mod common;

use common::{ATTACHE, attache, examples_db, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs a command that must succeed and returns its standard output.
fn run(db: &Path, args: &[&str]) -> String {
    let output = attache(db, args);
    assert!(output.status.success(), "attache {args:?} failed: {}", stderr(&output));
    stdout(&output)
}

/// Runs a listing command with `--format json` and returns its rows.
fn json_rows(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let text = run(db, &args);
    match serde_json::from_str(&text) {
        Ok(Value::Array(rows)) => rows,
        other => panic!("attache {args:?} did not print a JSON array: {other:?}\n{text}"),
    }
}

fn text(row: &Value, key: &str) -> String {
    row[key].as_str().unwrap_or_else(|| panic!("no text `{key}` in {row}")).to_string()
}

fn number(row: &Value, key: &str) -> f64 {
    row[key].as_f64().unwrap_or_else(|| panic!("no number `{key}` in {row}"))
}

/// The id of the example article whose title contains `words`.
fn article_id(words: &str) -> String {
    let articles = json_rows(examples_db(), &["articles", "--limit", "0"]);
    let found: Vec<&Value> =
        articles.iter().filter(|a| a["title"].as_str().is_some_and(|title| title.contains(words))).collect();
    assert_eq!(found.len(), 1, "one article titled with `{words}` expected");
    text(found[0], "id")
}

/// E01: the China–US trade chiefs' video call of 2026-01-14.
fn e01() -> String {
    article_id("trade chiefs hold video call")
}

/// E01's CAMEO 041 China → US event (the oracle's first expected event).
fn e01_call() -> Value {
    let id = e01();
    json_rows(examples_db(), &["events", "--article", &id, "--code", "041", "--source", "CHN"])
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no 041 CHN → USA event in E01"))
}

#[test]
fn pair_and_root_find_the_e01_call() {
    let db = examples_db();
    let rows = json_rows(db, &["events", "--pair", "CHN-USA", "--root", "04"]);
    let e01 = e01();
    let call = rows
        .iter()
        .find(|r| r["article"] == e01.as_str() && r["code"] == "041" && text(r, "source").starts_with("CHN"))
        .unwrap_or_else(|| panic!("the E01 041 call is missing from {rows:#?}"));
    assert!(text(call, "target").starts_with("USA"));
    assert_eq!(call["date"], "2026-01-14");
    assert_eq!(call["mode"], "fact");
    assert_eq!(call["quad"], 1);
    assert_eq!(number(call, "goldstein"), 1.0);
    assert!(text(call, "sentence").contains("held a video call"), "full sentence in JSON: {call}");
    assert_eq!(text(call, "id"), format!("{e01}:{}", text(call, "id").rsplit(':').next().unwrap()));
    for row in &rows {
        assert!(text(row, "code").starts_with("04"), "root filter let through {row}");
        let (source, target) = (text(row, "source"), text(row, "target"));
        let chn_usa = source.starts_with("CHN") && target.starts_with("USA");
        let usa_chn = source.starts_with("USA") && target.starts_with("CHN");
        assert!(chn_usa || usa_chn, "pair filter let through {row}");
    }
    // Both directions are there; --directed keeps one.
    assert!(rows.iter().any(|r| text(r, "source").starts_with("USA")));
    let forward = json_rows(db, &["events", "--pair", "CHN-USA", "--root", "04", "--directed"]);
    let backward = json_rows(db, &["events", "--pair", "usa-chn", "--root", "04", "--directed"]);
    assert!(forward.iter().all(|r| text(r, "source").starts_with("CHN") && text(r, "target").starts_with("USA")));
    assert!(backward.iter().all(|r| text(r, "source").starts_with("USA") && text(r, "target").starts_with("CHN")));
    assert_eq!(forward.len() + backward.len(), rows.len());
}

#[test]
fn each_event_filter_filters() {
    let db = examples_db();
    let all = json_rows(db, &["events", "--limit", "0"]);
    assert!(all.len() > 30, "the examples code dozens of events, got {}", all.len());

    // EU sanctions on Russia (E06): --actor matches either side by prefix.
    let eu = json_rows(db, &["events", "--actor", "IGOEUR", "--limit", "0"]);
    assert!(eu.iter().any(|r| r["code"] == "163" && text(r, "target").starts_with("RUS")), "{eu:#?}");
    assert!(eu.iter().all(|r| text(r, "source").starts_with("IGOEUR") || text(r, "target").starts_with("IGOEUR")));
    assert!(eu.len() < all.len());
    let from_eu = json_rows(db, &["events", "--source", "IGOEUR", "--limit", "0"]);
    assert!(!from_eu.is_empty() && from_eu.iter().all(|r| text(r, "source").starts_with("IGOEUR")));
    let to_rus = json_rows(db, &["events", "--target", "RUS", "--limit", "0"]);
    assert!(!to_rus.is_empty() && to_rus.iter().all(|r| text(r, "target").starts_with("RUS")));

    let signed = json_rows(db, &["events", "--code", "057", "--limit", "0"]);
    // The Geneva agreement (E03–E05) is signed in three articles.
    assert!(signed.iter().filter(|r| r["date"] == "2026-02-10").count() >= 3, "{signed:#?}");
    assert!(signed.iter().all(|r| r["code"] == "057"));

    let material_conflict = json_rows(db, &["events", "--quad", "4", "--limit", "0"]);
    assert!(!material_conflict.is_empty() && material_conflict.iter().all(|r| r["quad"] == 4));

    // E17: the energy truce that was not agreed.
    let negated = json_rows(db, &["events", "--mode", "negated", "--limit", "0"]);
    assert!(negated.iter().any(|r| r["date"] == "2026-06-09"), "{negated:#?}");
    assert!(negated.iter().all(|r| r["mode"] == "negated"));
    let facts = json_rows(db, &["events", "--mode", "fact", "--limit", "0"]);
    assert!(facts.iter().all(|r| r["mode"] == "fact"));
    assert!(facts.len() + negated.len() < all.len() + 1 && facts.len() > negated.len());

    let march = json_rows(db, &["events", "--from", "2026-03-01", "--to", "2026-03-31", "--limit", "0"]);
    assert!(!march.is_empty());
    assert!(march.iter().all(|r| ("2026-03-01"..="2026-03-31").contains(&text(r, "date").as_str())));

    let e01 = e01();
    let of_e01 = json_rows(db, &["events", "--article", &e01]);
    assert!(!of_e01.is_empty() && of_e01.iter().all(|r| r["article"] == e01.as_str()));

    // Date order, then paging.
    let dates: Vec<String> = all.iter().map(|r| text(r, "date")).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "events are not in date order");
    let six = json_rows(db, &["events", "--limit", "6"]);
    let first = json_rows(db, &["events", "--limit", "3"]);
    let second = json_rows(db, &["events", "--limit", "3", "--offset", "3"]);
    assert_eq!([first, second].concat(), six);
}

#[test]
fn event_ids_are_stable_and_open_with_why() {
    let db = examples_db();
    let call = e01_call();
    let id = text(&call, "id");
    let plain = run(db, &["why", &id, "--color", "never"]);
    assert!(plain.starts_with(&format!("{id} · 2026-01-14 · ")), "{plain}");
    assert!(plain.contains("CAMEO 041"), "{plain}");
    // The sentence with its parts marked, then the evidence.
    let marked = plain.lines().find(|l| l.trim_start().starts_with("sentence ")).expect("a sentence line");
    assert!(marked.contains("[source: ") && marked.contains("[target: "), "{marked}");
    assert!(marked.contains("[verb: held]") && marked.contains("a video call"), "{marked}");
    for label in ["  mode:     fact", "  pattern:  - ", "&CALL", "  rule:     ", "  date:     2026-01-14", "← verb "]
    {
        assert!(plain.contains(label), "no `{label}` in\n{plain}");
    }
    // Colour on request: the same words, escape sequences instead of brackets.
    let coloured = run(db, &["why", &id, "--color", "always"]);
    assert!(coloured.contains("\x1b[1;33mheld\x1b[0m") && !coloured.contains("[verb: "), "{coloured}");
    // Not a terminal, so auto means brackets.
    assert_eq!(run(db, &["why", &id]), plain);

    let json: Value = serde_json::from_str(&run(db, &["why", &id, "--json"])).unwrap();
    assert_eq!(json[0]["id"], id.as_str());
    assert_eq!(json[0]["event"]["code"], "041");
    assert_eq!(json[0]["event"]["evidence"]["rule"], call_rule(&plain));
    assert!(json[0]["sentence_text"].as_str().unwrap().contains("held a video call"));

    // Several ids at once, in the order given.
    let other = text(&json_rows(db, &["events", "--code", "057", "--limit", "1"])[0], "id");
    let both = run(db, &["why", &other, &id, "--color", "never"]);
    assert!(both.starts_with(&other) && both.contains(&format!("\n\n{id} · ")));
}

/// The rule name printed after `rule:`.
fn call_rule(explained: &str) -> String {
    let line = explained.lines().find(|l| l.starts_with("  rule:")).unwrap();
    line.trim_start_matches("  rule:").split_whitespace().next().unwrap().to_string()
}

#[test]
fn unknown_ids_fail_clearly_with_exit_code_1() {
    let db = examples_db();
    let e01 = e01();
    let cases: [(&[&str], &str); 6] = [
        (&["why", "no-such-article:0"], "no article with id `no-such-article`"),
        (&["why", &format!("{e01}:999")], "events, `"),
        (&["why", "just-an-article"], "is not an event id"),
        (&["events", "--article", "no-such-article"], "no article with id `no-such-article`"),
        (&["quotes", "--article", "no-such-article"], "no article with id"),
        (&["show", "no-such-article"], "no article with id"),
    ];
    for (args, message) in cases {
        let output = attache(db, args);
        assert_eq!(output.status.code(), Some(1), "attache {args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "attache {args:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "attache {args:?} printed {}", stdout(&output));
    }
    // A bad value on the command line is a usage error (2), named by clap.
    for args in [&["events", "--quad", "5"][..], &["events", "--code", "4x"], &["events", "--pair", "CHN"]] {
        assert_eq!(attache(db, args).status.code(), Some(2), "attache {args:?}");
    }
}

#[test]
fn quotes_filter_by_speaker_theme_kind_and_article() {
    let db = examples_db();
    // Surname, full name, any case; whole words only.
    let okafor = json_rows(db, &["quotes", "--speaker", "okafor"]);
    assert!(okafor.len() >= 2, "{okafor:#?}");
    for row in &okafor {
        assert_eq!(row["speaker"], "Rachel Okafor");
        assert_eq!(row["code"], "USAEDU");
        assert!(text(row, "affiliation").contains("Peterson Institute"));
    }
    assert_eq!(json_rows(db, &["quotes", "--speaker", "Rachel  OKAFOR"]), okafor);
    assert!(json_rows(db, &["quotes", "--speaker", "Okaf"]).is_empty());
    // A family name written first.
    let wang = json_rows(db, &["quotes", "--speaker", "Wang"]);
    assert!(!wang.is_empty() && wang.iter().all(|r| r["speaker"] == "Wang Yi"), "{wang:#?}");

    let direct = json_rows(db, &["quotes", "--kind", "direct", "--limit", "0"]);
    let all = json_rows(db, &["quotes", "--limit", "0"]);
    assert!(!direct.is_empty() && direct.len() < all.len() && direct.iter().all(|r| r["kind"] == "direct"));

    let taiwan = json_rows(db, &["quotes", "--about", "taiwan", "--limit", "0"]);
    let said = |rows: &[Value], words: &str| rows.iter().any(|r| text(r, "quote").contains(words));
    assert!(said(&taiwan, "The Taiwan question is the first red line"), "{taiwan:#?}");
    assert!(!said(&taiwan, "Soybeans are the price of admission"));
    assert!(said(&all, "Soybeans are the price of admission"));

    let e01 = e01();
    let of_e01 = json_rows(db, &["quotes", "--article", &e01, "--limit", "0"]);
    assert!(of_e01.iter().all(|r| r["article"] == e01.as_str()));
    let zhou: Vec<&Value> = of_e01.iter().filter(|r| r["speaker"] == "Zhou Minghui").collect();
    assert_eq!(zhou.len(), 2, "Zhou Minghui's two direct sentences: {of_e01:#?}");
    assert!(zhou.iter().all(|r| r["kind"] == "direct" && r["code"] == "CHNEDU" && r["date"] == "2026-01-14"));

    let spring = json_rows(db, &["quotes", "--from", "2026-03-01", "--to", "2026-05-31", "--limit", "0"]);
    assert!(!spring.is_empty());
    assert!(spring.iter().all(|r| ("2026-03-01"..="2026-05-31").contains(&text(r, "date").as_str())));
}

/// The acceptance article: Gary Hufbauer's two indirect quotes.
#[test]
fn quotes_by_speaker_in_the_acceptance_article() {
    let Some(article) = attache_testkit::shared_path("corpus/sino-us-call/article.txt") else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sino.db");
    run(&db, &["ingest", article.to_str().unwrap(), "--published", "2026-02-05"]);
    let rows = json_rows(&db, &["quotes", "--speaker", "Hufbauer"]);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    for row in &rows {
        assert_eq!(row["speaker"], "Gary Hufbauer");
        assert_eq!(row["kind"], "indirect");
        assert_eq!(row["date"], "2026-02-05");
        assert_eq!(row["code"], "USAEDU");
        assert!(text(row, "affiliation").contains("Peterson Institute"));
    }
    assert_eq!(json_rows(&db, &["quotes", "--speaker", "gary hufbauer", "--kind", "indirect"]), rows);
    assert!(json_rows(&db, &["quotes", "--speaker", "Hufbauer", "--kind", "direct"]).is_empty());
    // The phone call itself, coded from the same article: "on Wednesday", the day before publication.
    let calls = json_rows(&db, &["events", "--pair", "CHN-USA", "--code", "041", "--from", "2026-02-04"]);
    assert!(!calls.is_empty() && calls.iter().all(|r| r["date"] == "2026-02-04"), "{calls:#?}");
}

#[test]
fn people_are_aggregated_across_articles() {
    let db = examples_db();
    let he = json_rows(db, &["people", "--kind", "person", "--search", "lifeng"]);
    assert_eq!(he.len(), 1, "{he:#?}");
    assert_eq!(he[0]["name"], "He Lifeng");
    assert_eq!(he[0]["code"], "CHNGOV");
    assert_eq!(he[0]["first"], "2026-01-14");
    // E01 and the Geneva deal (E03, E05 at least).
    assert!(number(&he[0], "articles") >= 3.0, "{he:#?}");
    assert!(number(&he[0], "mentions") >= number(&he[0], "articles"));

    let edu = json_rows(db, &["people", "--code", "CHNEDU", "--limit", "0"]);
    assert!(edu.iter().any(|r| r["name"] == "Zhou Minghui" && r["affiliation"] == "Renmin University"));
    assert!(edu.iter().all(|r| text(r, "code").starts_with("CHNEDU")));

    let places = json_rows(db, &["people", "--kind", "place", "--limit", "0"]);
    assert!(!places.is_empty() && places.iter().all(|r| r["kind"] == "place"));

    let e01 = e01();
    let of_e01 = json_rows(db, &["people", "--article", &e01, "--limit", "0"]);
    assert!(of_e01.iter().any(|r| r["name"] == "Daniel Harper" && r["role"] == "trade analyst"));
    assert!(of_e01.iter().all(|r| r["articles"] == 1 && r["first"] == "2026-01-14"));

    // Most articles first.
    let all = json_rows(db, &["people", "--limit", "0"]);
    assert!(all.windows(2).all(|w| number(&w[0], "articles") >= number(&w[1], "articles")));
    let page = json_rows(db, &["people", "--limit", "2", "--offset", "1"]);
    assert_eq!(page, all[1..3].to_vec());
}

#[test]
fn themes_count_across_articles_and_list_their_phrases() {
    let db = examples_db();
    let themes = json_rows(db, &["themes"]);
    let trade = themes.iter().find(|r| r["theme"] == "TARIFFS_TRADE").expect("TARIFFS_TRADE");
    // E01, the three Geneva articles, the chip controls, …
    assert!(number(trade, "articles") >= 4.0, "{trade}");
    for row in &themes {
        assert!(number(row, "mentions") >= number(row, "sentences"));
        assert!(number(row, "sentences") >= number(row, "articles"));
        assert!(row["tone"].is_number(), "every example has a tone: {row}");
    }

    let e01 = e01();
    let of_e01 = json_rows(db, &["themes", "--article", &e01]);
    assert!(!of_e01.is_empty() && of_e01.iter().all(|r| r["articles"] == 1));
    let january = json_rows(db, &["themes", "--to", "2026-01-31"]);
    assert!(january.iter().all(|r| number(r, "articles") <= 2.0), "E01 and E02 only: {january:#?}");

    let phrases = json_rows(db, &["themes", "--theme", "tariffs_trade"]);
    assert!(!phrases.is_empty());
    let total: f64 = phrases.iter().map(|r| number(r, "mentions")).sum();
    assert_eq!(total, number(trade, "mentions"), "the phrases add up to the theme's mentions");
    assert!(phrases.iter().any(|r| text(r, "phrase").to_lowercase().contains("tariff")), "{phrases:#?}");
}

#[test]
fn show_prints_the_articles_annotations() {
    let db = examples_db();
    let e01 = e01();
    let shown = run(db, &["show", &e01]);
    let call = text(&e01_call(), "id");
    for part in ["\nevents (", &call, "\nquotes (", "Zhou Minghui", "\nentities (", "\nthemes (", "TARIFFS_TRADE"] {
        assert!(shown.contains(part), "no `{part}` in\n{shown}");
    }
    assert!(shown.lines().any(|l| l.starts_with("tone ") && l.contains("words)")), "{shown}");
    // Annotations come after the numbered sentences.
    assert!(shown.find("\nevents (").unwrap() > shown.find("10  Neither side").unwrap());

    let json: Value = serde_json::from_str(&run(db, &["show", &e01, "--json"])).unwrap();
    let annotations = &json["annotations"];
    assert_eq!(annotations["events"].as_array().unwrap().len() as u64, json["events"].as_u64().unwrap());
    assert_eq!(annotations["quotes"].as_array().unwrap().len() as u64, json["quotes"].as_u64().unwrap());
    assert!(annotations["tone"]["word_count"].as_u64().unwrap() > 100);
}

#[test]
fn code_explain_prints_marked_sentences_instead_of_json() {
    let e01 = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/2026-01-14-meridian-china-us-trade-call.txt");
    let output = Command::new(ATTACHE).args(["code", "--explain"]).arg(&e01).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("article ") && text.contains("events\n"), "{text}");
    assert!(text.contains("CAMEO 041") && text.contains("[verb: held]") && text.contains("  pattern:  "), "{text}");
    assert!(serde_json::from_str::<Value>(text.lines().next().unwrap()).is_err(), "no JSON with --explain");
    let coloured = Command::new(ATTACHE).args(["code", "--explain", "--color", "always"]).arg(&e01).output().unwrap();
    assert!(stdout(&coloured).contains("\x1b[1;33mheld\x1b[0m"));
}

#[test]
fn every_listing_prints_json_csv_and_table_with_the_same_rows() {
    let db = examples_db();
    let e01 = e01();
    let listings: [&[&str]; 6] = [
        &["events", "--limit", "0"],
        &["quotes", "--limit", "0"],
        &["people", "--limit", "0"],
        &["themes"],
        &["themes", "--theme", "DIPLOMACY"],
        &["events", "--article", &e01],
    ];
    for args in listings {
        let json = json_rows(db, args);
        assert!(!json.is_empty(), "attache {args:?} listed nothing");
        let mut csv_args = args.to_vec();
        csv_args.extend(["--format", "csv"]);
        let csv_text = run(db, &csv_args);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let json_keys: Vec<String> = json[0].as_object().unwrap().keys().cloned().collect();
        let mut sorted_header = header.clone();
        sorted_header.sort();
        assert_eq!(sorted_header, json_keys, "attache {args:?}: CSV and JSON columns differ");
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(records.len(), json.len(), "attache {args:?}");
        // Cells agree: text as is, numbers as printed, null as empty.
        for (record, row) in records.iter().zip(&json) {
            for (column, cell) in header.iter().zip(record.iter()) {
                let expected = match &row[column] {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let same = expected == cell || cell.parse::<f64>().ok() == row[column].as_f64();
                assert!(same, "attache {args:?}: column {column}: CSV `{cell}`, JSON {}", row[column]);
            }
        }
        let table = run(db, args);
        assert_eq!(table.lines().count(), json.len() + 2, "attache {args:?}: header, rule and one line per row");
    }
}
