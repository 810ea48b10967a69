//! `attache relations`, `dyads` and `dedup` on the ingested examples/, checked against an independent
//! recomputation from the stored events (plain SQL rows and Rust written here, sharing no code with the
//! implementation) and against the trends the examples' oracle (examples/README.md) describes.

mod common;

use common::{attache, examples_db, stderr, stdout};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let output = attache(db, args);
    assert!(output.status.success(), "attache {args:?}: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("attache {args:?}: {e}\n{}", stdout(&output)))
}

/// This test's own reading of an actor code: the party is the code without trailing role blocks.
fn party(code: &str) -> &str {
    const ROLES: [&str; 16] = [
        "GOV", "MIL", "BUS", "EDU", "MED", "OPP", "COP", "JUD", "LEG", "SPY", "REB", "CVL", "ELI", "REF", "LAB", "HLH",
    ];
    let mut end = code.len();
    while end > 3 && ROLES.contains(&&code[end - 3..end]) {
        end -= 3;
    }
    &code[..end]
}

/// A happening as this test groups reports: same parties, code, mode and day.
type Key = (String, String, String, String, String);

#[derive(Debug, Default)]
struct Happening {
    mentions: u64,
    articles: BTreeSet<i64>,
    outlets: BTreeSet<String>,
    goldstein: f64,
    quad_class: i64,
}

/// All dated events grouped by this test's own rule (window 0), with the tone of every article.
fn happenings(db: &Path) -> (BTreeMap<Key, Happening>, BTreeMap<i64, f64>) {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT e.source_code, e.target_code, e.mode, e.code, e.date, e.article, a.source, e.goldstein, \
             e.quad_class FROM events e JOIN articles a ON a.pk = e.article WHERE e.date IS NOT NULL",
        )
        .unwrap();
    let mut grouped: BTreeMap<Key, Happening> = BTreeMap::new();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, f64>(7)?,
                r.get::<_, i64>(8)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (source, target, mode, code, date, article, outlet, goldstein, quad_class) = row.unwrap();
        let key = (party(&source).to_string(), party(&target).to_string(), mode, code, date);
        let happening = grouped.entry(key).or_default();
        happening.mentions += 1;
        happening.articles.insert(article);
        happening.outlets.insert(outlet.map_or(format!("#{article}"), |o| o.trim().to_lowercase()));
        happening.goldstein = goldstein;
        happening.quad_class = quad_class;
    }
    let tones = conn
        .prepare("SELECT article, tone FROM tones")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (grouped, tones)
}

fn close(actual: &serde_json::Value, expected: Option<f64>, what: &str) {
    match (actual.as_f64(), expected) {
        (None, None) => {}
        (Some(a), Some(e)) => assert!((a - e).abs() < 1e-3, "{what}: attache says {a}, recomputed {e}"),
        _ => panic!("{what}: attache says {actual}, recomputed {expected:?}"),
    }
}

/// Student's t, 97.5 % quantile, for the few degrees of freedom the examples need.
fn t975(df: usize) -> f64 {
    [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131][df - 1]
}

#[test]
fn every_monthly_figure_of_china_and_the_us_recomputes_from_the_stored_events() {
    let db = examples_db();
    let series = json(db, &["relations", "CHN", "USA", "--by", "month", "--format", "json"]);
    let (happenings, tones) = happenings(db);
    // The pair's fact events, either direction, by month.
    let mut months: BTreeMap<String, Vec<&Happening>> = BTreeMap::new();
    for ((source, target, mode, _, date), happening) in &happenings {
        let pair = (source.as_str(), target.as_str());
        if mode == "fact" && (pair == ("CHN", "USA") || pair == ("USA", "CHN")) {
            months.entry(date[..7].to_string()).or_default().push(happening);
        }
    }
    let periods = series["periods"].as_array().unwrap();
    let labels: Vec<&str> = periods.iter().map(|p| p["period"].as_str().unwrap()).collect();
    assert_eq!(labels, ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"], "every month, even empty");
    for period in periods {
        let month = period["period"].as_str().unwrap();
        let events = months.get(month).map(Vec::as_slice).unwrap_or_default();
        let what = |figure: &str| format!("{month} {figure}");
        let n = events.len();
        assert_eq!(period["events"].as_u64().unwrap() as usize, n, "{}", what("events"));
        let quad = |q: i64| events.iter().filter(|h| h.quad_class == q).count() as i64;
        for (q, name) in
            [(1, "verbal_cooperation"), (2, "material_cooperation"), (3, "verbal_conflict"), (4, "material_conflict")]
        {
            assert_eq!(period[name].as_i64().unwrap(), quad(q), "{}", what(name));
        }
        let articles: usize = events.iter().map(|h| h.articles.len()).sum();
        let mentions: u64 = events.iter().map(|h| h.mentions).sum();
        assert_eq!(period["articles"].as_u64().unwrap() as usize, articles, "{}", what("articles"));
        assert_eq!(period["mentions"].as_u64().unwrap(), mentions, "{}", what("mentions"));
        let sum: f64 = events.iter().map(|h| h.goldstein).sum();
        close(&period["goldstein_sum"], Some(sum), &what("goldstein_sum"));
        let mean = (n > 0).then(|| sum / n as f64);
        close(&period["goldstein_mean"], mean, &what("goldstein_mean"));
        let band = mean.filter(|_| n >= 2).map(|mean| {
            let variance = events.iter().map(|h| (h.goldstein - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
            let half = t975(n - 1) * (variance / n as f64).sqrt();
            (mean - half, mean + half)
        });
        close(&period["goldstein_low"], band.map(|b| b.0), &what("goldstein_low"));
        close(&period["goldstein_high"], band.map(|b| b.1), &what("goldstein_high"));
        let (cooperation, conflict) = (quad(1) + quad(2), quad(3) + quad(4));
        assert_eq!(period["net_cooperation"].as_i64().unwrap(), cooperation - conflict, "{}", what("net"));
        let share = |plus: i64, minus: i64| (plus + minus > 0).then(|| (plus - minus) as f64 / (plus + minus) as f64);
        close(&period["cooperation_share"], share(cooperation, conflict), &what("cooperation_share"));
        let (verbal, material) = (share(quad(1), quad(3)), share(quad(2), quad(4)));
        close(&period["verbal_share"], verbal, &what("verbal_share"));
        close(&period["material_share"], material, &what("material_share"));
        close(&period["rhetoric_action_gap"], verbal.zip(material).map(|(v, m)| v - m), &what("gap"));
        let toned: Vec<f64> =
            events.iter().flat_map(|h| h.articles.iter().filter_map(|a| tones.get(a).copied())).collect();
        assert_eq!(period["tone_articles"].as_u64().unwrap() as usize, toned.len(), "{}", what("tone_articles"));
        let tone = (!toned.is_empty()).then(|| toned.iter().sum::<f64>() / toned.len() as f64);
        close(&period["tone_mean"], tone, &what("tone_mean"));
        // The volume-normalised figures: per 1,000 fact events of every pair stored in the month.
        let all = happenings.keys().filter(|(_, _, mode, _, date)| mode == "fact" && date.starts_with(month)).count();
        assert_eq!(period["all_events"].as_u64(), Some(all as u64), "{}", what("all_events"));
        let per_1000 = |x: f64| (all > 0).then(|| 1000.0 * x / all as f64);
        close(&period["events_per_1000"], per_1000(n as f64), &what("events_per_1000"));
        close(&period["goldstein_per_1000"], per_1000(sum), &what("goldstein_per_1000"));
    }
    let all_facts = happenings.keys().filter(|(_, _, mode, _, _)| mode == "fact").count();
    let pair_facts: usize = months.values().map(Vec::len).sum();
    assert!(all_facts > pair_facts, "other pairs' events are in the volume: {all_facts} vs {pair_facts}");
    let total = &series["total"];
    assert_eq!(total["events"].as_u64(), Some(pair_facts as u64));
    let in_range = happenings
        .keys()
        .filter(|(_, _, mode, _, date)| {
            mode == "fact"
                && series["from"].as_str().unwrap() <= date.as_str()
                && date.as_str() <= series["to"].as_str().unwrap()
        })
        .count();
    assert_eq!(total["all_events"].as_u64(), Some(in_range as u64), "total volume over the pair's range");
}

#[test]
fn every_granularity_and_direction_adds_up_to_the_same_events() {
    let db = examples_db();
    let (happenings, _) = happenings(db);
    let count = |source: &str, target: &str| {
        happenings.keys().filter(|(s, t, mode, _, _)| mode == "fact" && s == source && t == target).count() as u64
    };
    let (ab, ba) = (count("CHN", "USA"), count("USA", "CHN"));
    assert!(ab > 0 && ba > 0, "the examples have CHN–USA events both ways: {ab}, {ba}");
    for by in ["day", "week", "month", "quarter"] {
        for (direction, expected) in [("both", ab + ba), ("ab", ab), ("ba", ba)] {
            let series =
                json(db, &["relations", "CHN", "USA", "--by", by, "--direction", direction, "--format", "json"]);
            let periods = series["periods"].as_array().unwrap();
            let summed: u64 = periods.iter().map(|p| p["events"].as_u64().unwrap()).sum();
            assert_eq!((summed, series["total"]["events"].as_u64().unwrap()), (expected, expected), "{by} {direction}");
            let first = &periods[0]["start"];
            assert_eq!(first, &series["from"], "{by} {direction}: the first period starts at the range");
        }
    }
    let weeks = json(db, &["relations", "CHN", "USA", "--by", "week", "--format", "json"]);
    assert!(weeks["periods"].as_array().unwrap().iter().any(|p| p["period"] == "2026-W07"), "the signing's ISO week");
}

#[test]
fn china_and_the_us_warm_cool_and_recover_as_the_oracle_says() {
    let series = json(examples_db(), &["relations", "CHN", "USA", "--by", "month", "--format", "json"]);
    let mean = |month: &str| -> Option<f64> {
        let period = series["periods"].as_array().unwrap().iter().find(|p| p["period"] == month).unwrap();
        period["goldstein_mean"].as_f64()
    };
    let (january, february, june) = (mean("2026-01").unwrap(), mean("2026-02").unwrap(), mean("2026-06").unwrap());
    assert!(february > january && january > 0.0, "warming in January–February: {january} → {february}");
    // April (export controls) and May (sanctions, suspended talks): below zero, below February.
    let spring: Vec<f64> = ["2026-04", "2026-05"].into_iter().filter_map(mean).collect();
    assert!(!spring.is_empty(), "no CHN–USA fact event in April or May");
    assert!(spring.iter().all(|&m| m < 0.0 && m < february), "cooling in April–May: {spring:?}");
    assert!(june > spring[spring.len() - 1], "June turns up again: {spring:?} → {june}");
    assert_eq!(mean("2026-03"), None, "no CHN–USA event in March");
}

#[test]
fn the_geneva_signing_in_three_outlets_is_one_event_per_direction() {
    let db = examples_db();
    let conn = Connection::open(db).unwrap();
    let (happenings, _) = happenings(db);
    let outlets = ["global briefing network", "harbour daily", "meridian wire"];
    for (source, target, code) in
        [("CHN", "USA", "057"), ("USA", "CHN", "057"), ("CHN", "USA", "085"), ("USA", "CHN", "085")]
    {
        let stored: Option<(i64, i64, i64)> = conn
            .query_row(
                "SELECT num_mentions, num_articles, num_sources FROM event_groups WHERE source = ?1 AND target = ?2 \
                 AND code = ?3 AND mode = 'fact' AND date = '2026-02-10'",
                [source, target, code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok();
        let key = (source.into(), target.into(), "fact".into(), code.into(), "2026-02-10".into());
        let coded_by: Vec<&str> = happenings
            .get(&key)
            .map(|h| outlets.iter().copied().filter(|o| h.outlets.contains(*o)).collect())
            .unwrap_or_default();
        match happenings.get(&key) {
            Some(h) => assert_eq!(
                stored,
                Some((h.mentions as i64, h.articles.len() as i64, h.outlets.len() as i64)),
                "{source}→{target} {code}: NumMentions, NumArticles, NumSources"
            ),
            None => assert_eq!(stored, None),
        }
        if code == "057" {
            assert_eq!(coded_by, outlets, "{source}→{target} 057 must be coded in all three outlets");
            assert_eq!(stored.map(|s| (s.1, s.2)), Some((3, 3)), "{source}→{target} 057: NumArticles = 3");
        } else if coded_by.len() < 3 {
            eprintln!("note: {source}→{target} {code} on 2026-02-10 is coded only by {coded_by:?} (oracle: all three)");
        }
    }
}

#[test]
fn every_group_counts_what_an_independent_grouping_counts() {
    let db = examples_db();
    let (happenings, _) = happenings(db);
    let conn = Connection::open(db).unwrap();
    let stored: BTreeMap<Key, (u64, usize, usize)> = conn
        .prepare("SELECT source, target, mode, code, date, num_mentions, num_articles, num_sources FROM event_groups")
        .unwrap()
        .query_map([], |r| {
            Ok((
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                (r.get::<_, i64>(5)? as u64, r.get::<_, i64>(6)? as usize, r.get::<_, i64>(7)? as usize),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let recounted: BTreeMap<Key, (u64, usize, usize)> =
        happenings.iter().map(|(k, h)| (k.clone(), (h.mentions, h.articles.len(), h.outlets.len()))).collect();
    assert_eq!(stored, recounted);
}

#[test]
fn the_cli_prints_what_the_library_returns_and_reingesting_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("twice.db");
    assert!(attache(&db, &["ingest", examples().to_str().unwrap()]).status.success());
    let args = ["relations", "chn", "usagov", "--by", "week", "--direction", "ab", "--format", "json"];
    let first = json(&db, &args);
    let query = attache_relations::RelationsQuery {
        a: "chn".into(),
        b: "usagov".into(),
        by: attache_relations::Granularity::Week,
        from: None,
        to: None,
        direction: attache_relations::Direction::Ab,
    };
    let library = attache_store::Store::open_existing(&db).unwrap().relations(&query).unwrap();
    assert_eq!(first, serde_json::to_value(&library).unwrap());
    let groups = |db: &Path| -> Vec<(String, i64, i64)> {
        let conn = Connection::open(db).unwrap();
        let mut stmt =
            conn.prepare("SELECT source || target || code || mode || date, num_mentions, num_articles FROM event_groups ORDER BY 1").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let before = groups(&db);
    let again = attache(&db, &["ingest", examples().to_str().unwrap()]);
    assert!(stdout(&again).contains("18 skipped"), "{}", stdout(&again));
    assert_eq!(groups(&db), before);
    assert_eq!(json(&db, &args), first);

    // Regrouping with a window and back to 0 restores the same groups.
    let widened = json(&db, &["dedup", "--window", "3", "--format", "json"]);
    assert_eq!(widened["summary"]["window_days"], 3);
    let restored = json(&db, &["dedup", "--window", "0", "--format", "json"]);
    assert_eq!(restored["summary"]["window_days"], 0);
    assert_eq!(groups(&db), before);
    assert_eq!(restored["most_reported"][0]["num_articles"], 3);
}

#[test]
fn table_csv_and_charts() {
    let db = examples_db();
    let table = attache(db, &["relations", "CHN", "USA"]);
    let text = stdout(&table);
    assert!(text.starts_with("CHN ↔ USA · de-duplicated fact events by month"), "{text}");
    let spark = text.lines().find(|l| l.starts_with("index (Goldstein mean")).expect("a sparkline");
    assert_eq!(spark.rsplit(": ").next().unwrap().chars().count(), 6, "one character per month: {spark}");
    assert!(spark.contains('·'), "March has no event: {spark}");
    let csv = stdout(&attache(db, &["relations", "CHN", "USA", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 7);
    assert!(csv.starts_with("period,start,end,events,verbal_cooperation,"));

    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("chn-usa.png");
    let svg = dir.path().join("chn-usa.svg");
    for path in [&png, &svg] {
        let drawn = attache(db, &["relations", "CHN", "USA", "--plot", path.to_str().unwrap()]);
        assert!(drawn.status.success(), "{}", stderr(&drawn));
    }
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000, "a chart with text, not an empty image");
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.contains("<svg") && svg_text.contains("2026-02") && svg_text.contains("material conflict"));
    let refused = attache(db, &["relations", "CHN", "USA", "--plot", "chart.gif"]);
    assert!(!refused.status.success() && stderr(&refused).contains(".svg or .png"));
    let bad_actor = attache(db, &["relations", "CHN", "GOV"]);
    assert!(!bad_actor.status.success() && stderr(&bad_actor).contains("sector without a country"));
    let reversed = attache(db, &["relations", "CHN", "USA", "--from", "2026-05-01", "--to", "2026-04-01"]);
    assert!(!reversed.status.success() && stderr(&reversed).contains("after --to"));
}

#[test]
fn dyads_rank_the_busiest_and_the_most_changed_pairs() {
    let db = examples_db();
    let active = json(db, &["dyads", "--format", "json"]);
    let first = &active["dyads"][0];
    assert_eq!((first["a"].as_str(), first["b"].as_str()), (Some("CHN"), Some("USA")), "{active:#}");
    let trend: u64 = first["trend"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(trend, first["figures"]["events"].as_u64().unwrap());
    for dyad in active["dyads"].as_array().unwrap() {
        assert!(dyad["a"].as_str() < dyad["b"].as_str());
    }
    let changed = json(db, &["dyads", "--rank", "changed", "--min-events", "1", "--format", "json"]);
    assert_eq!(changed["first_half"][0], changed["from"]);
    let rows = changed["dyads"].as_array().unwrap();
    assert!(!rows.is_empty());
    let moves: Vec<f64> = rows.iter().map(|d| d["change"]["goldstein_change"].as_f64().unwrap().abs()).collect();
    assert!(moves.windows(2).all(|w| w[0] >= w[1]), "ranked by the size of the change: {moves:?}");
}
