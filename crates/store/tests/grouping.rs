//! De-duplication of events across articles and the relations index, through the store's public API.

use attache_doc::{ActorRef, Article, Doc, Entity, EntityKind, Event, EventEvidence, Mode, Span, Tone};
use attache_relations::synthetic::{Synthetic, SyntheticConfig};
use attache_relations::{Direction, DyadsQuery, Granularity, Rank, RelationsQuery, principal as rust_principal};
use attache_store::{BatchPolicy, Store, WriteOutcome};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One coded event: source, target, CAMEO code, Goldstein, QuadClass, mode, date.
type Coded<'a> = (&'a str, &'a str, &'a str, f32, u8, Mode, &'a str);

fn actor(code: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: code.get(..3).map(Into::into),
        sectors: Vec::new(),
        span: Span::new(0, 1),
        text: code.into(),
        entry: None,
    }
}

fn doc(id: &str, source: Option<&str>, tone: Option<f32>, events: &[Coded]) -> Doc {
    let mut doc = Doc::new(Article {
        id: id.into(),
        source: source.map(Into::into),
        title: Some(format!("Report {id}")),
        published: events.first().map(|e| e.6.to_string()),
        text: format!("Text of report {id}."),
        ..Article::default()
    });
    for (i, &(source, target, code, goldstein, quad_class, mode, date)) in events.iter().enumerate() {
        doc.events.push(Event {
            id: i as u32,
            sentence: 0,
            source: actor(source),
            target: actor(target),
            code: code.into(),
            root: code[..2].into(),
            name: format!("CAMEO {code}"),
            goldstein,
            quad_class,
            plover: None,
            mode,
            date: Some(date.into()),
            date_span: None,
            verb: Span::new(0, 1),
            verb_text: "v".into(),
            reporter: None,
            evidence: EventEvidence::default(),
        });
    }
    doc.tone = tone.map(|tone| Tone { tone, positive: 0.0, negative: 0.0, polarity: 0.0, word_count: 10 });
    doc
}

fn write_all(store: &mut Store, docs: &[Doc]) -> Vec<WriteOutcome> {
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    let outcomes = docs.iter().map(|d| writer.write(d).unwrap()).collect();
    writer.finish().unwrap();
    outcomes
}

/// Every group with its counters, keyed by (source, target, mode, code, date), in a stable form.
type GroupRow = (i64, i64, i64, String, String, i64, String);

fn groups(conn: &Connection) -> BTreeMap<(String, String, String, String, String), GroupRow> {
    let mut stmt = conn
        .prepare(
            "SELECT source, target, mode, code, date, num_mentions, num_articles, num_sources, source_codes, \
             target_codes, tone_articles, printf('%.4f', tone_sum) FROM event_groups",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

const F: Mode = Mode::Fact;

/// The Geneva signing in three outlets (one mentions it twice, one codes "Washington" as USAGOV), plus a
/// future intent to sign that must stay apart, and the same code a week later.
fn geneva() -> Vec<Doc> {
    vec![
        doc(
            "wire",
            Some("Meridian Wire"),
            Some(2.0),
            &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10"), ("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")],
        ),
        doc("daily", Some("Harbour Daily"), Some(4.0), &[("CHNGOV", "USAGOV", "057", 8.0, 1, F, "2026-02-10")]),
        doc(
            "briefing",
            Some("Global Briefing"),
            None,
            &[
                ("CHN", "USA", "057", 8.0, 1, F, "2026-02-10"),
                ("CHN", "USA", "057", 8.0, 1, Mode::Future, "2026-02-10"),
                ("CHN", "USA", "057", 8.0, 1, F, "2026-02-17"),
            ],
        ),
    ]
}

fn key(source: &str, target: &str, mode: &str, code: &str, date: &str) -> (String, String, String, String, String) {
    (source.into(), target.into(), mode.into(), code.into(), date.into())
}

#[test]
fn one_event_reported_by_three_outlets_is_one_group_with_gdelt_counts() {
    let mut store = Store::open_in_memory().unwrap();
    write_all(&mut store, &geneva());
    let groups = groups(store.connection());
    assert_eq!(groups.len(), 3, "{groups:#?}");
    let signing = &groups[&key("CHN", "USA", "fact", "057", "2026-02-10")];
    // NumMentions 4 (two in one article), NumArticles 3, NumSources 3; both spellings of each side kept; the
    // tones of the two toned articles summed once each.
    assert_eq!(*signing, (4, 3, 3, " CHN CHNGOV ".into(), " USA USAGOV ".into(), 2, "6.0000".into()));
    assert_eq!(groups[&key("CHN", "USA", "future", "057", "2026-02-10")].1, 1, "facts and intents never merge");
    assert_eq!(groups[&key("CHN", "USA", "fact", "057", "2026-02-17")].1, 1, "a week later is another event");
    let summary = store.grouping_summary().unwrap();
    assert_eq!((summary.events, summary.groups, summary.multi_article_groups, summary.max_articles), (6, 3, 1, 3));
}

#[test]
fn reingesting_and_separate_runs_never_double_count() {
    let mut once = Store::open_in_memory().unwrap();
    write_all(&mut once, &geneva());
    let mut split = Store::open_in_memory().unwrap();
    let docs = geneva();
    // Three ingest runs, the second repeating the first article.
    write_all(&mut split, &docs[..1]);
    let outcomes = write_all(&mut split, &docs[..2]);
    assert!(matches!(outcomes[0], WriteOutcome::Duplicate { .. }));
    write_all(&mut split, &docs);
    assert_eq!(groups(split.connection()), groups(once.connection()));
}

#[test]
fn a_window_merges_neighbouring_days_and_regrouping_is_reversible() {
    let mut store = Store::open_in_memory().unwrap();
    write_all(&mut store, &geneva());
    let before = groups(store.connection());
    let summary = store.regroup_events(7).unwrap();
    assert_eq!((summary.window_days, summary.groups), (7, 2));
    let merged = groups(store.connection());
    assert_eq!(merged[&key("CHN", "USA", "fact", "057", "2026-02-10")].1, 3);
    assert_eq!(merged[&key("CHN", "USA", "fact", "057", "2026-02-10")].0, 5, "the 17th joined the 10th");
    // New articles group with the stored window too.
    write_all(&mut store, &[doc("late", Some("Late Post"), None, &[("USA", "CHN", "057", 8.0, 1, F, "2026-02-12")])]);
    assert_eq!(store.grouping_summary().unwrap().groups, 3, "USA→CHN is its own direction");
    store.regroup_events(0).unwrap();
    let mut back = groups(store.connection());
    back.remove(&key("USA", "CHN", "fact", "057", "2026-02-12")).unwrap();
    assert_eq!(back, before);
    assert!(store.regroup_events(400).is_err());
}

#[test]
fn names_of_one_source_count_once_and_undated_events_stay_ungrouped() {
    let mut store = Store::open_in_memory().unwrap();
    let mut undated = doc("u", None, None, &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")]);
    undated.events[0].date = None;
    write_all(
        &mut store,
        &[
            doc("a", Some("Meridian Wire"), None, &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")]),
            doc("b", Some(" meridian wire"), None, &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")]),
            doc("c", None, None, &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")]),
            doc("d", None, None, &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")]),
            undated,
        ],
    );
    let groups = groups(store.connection());
    let signing = &groups[&key("CHN", "USA", "fact", "057", "2026-02-10")];
    assert_eq!((signing.0, signing.1, signing.2), (4, 4, 3), "one Meridian Wire, two unnamed sources");
    let summary = store.grouping_summary().unwrap();
    assert_eq!((summary.events, summary.dated_events), (5, 4));
}

#[test]
fn a_failed_article_leaves_no_mention_and_deleting_an_article_recounts() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = geneva();
    write_all(&mut store, &docs[..2]);
    let before = groups(store.connection());
    // Duplicate entity ids fail after the events were inserted: the savepoint must take the groups back too.
    let mut broken = doc("broken", Some("X"), None, &[("CHN", "USA", "057", 8.0, 1, F, "2026-02-10")]);
    let entity = Entity {
        id: 0,
        kind: EntityKind::Person,
        name: "N".into(),
        code: None,
        role: None,
        affiliation: None,
        mentions: Vec::new(),
    };
    broken.entities = vec![entity.clone(), entity];
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    assert!(writer.write(&broken).is_err());
    writer.finish().unwrap();
    assert_eq!(groups(store.connection()), before);

    write_all(&mut store, &docs[2..]);
    store.connection().execute("DELETE FROM articles WHERE id = 'wire'", []).unwrap();
    let after = groups(store.connection());
    let signing = &after[&key("CHN", "USA", "fact", "057", "2026-02-10")];
    assert_eq!(*signing, (2, 2, 2, " CHNGOV CHN ".into(), " USAGOV USA ".into(), 1, "4.0000".into()));
    assert_volume_counts_groups(store.connection());
    store.connection().execute("DELETE FROM articles WHERE id IN ('daily', 'briefing')", []).unwrap();
    assert!(groups(store.connection()).is_empty(), "groups without mentions are removed");
    assert_volume_counts_groups(store.connection());
}

fn synthetic(happenings: u64, seed: u64) -> Vec<Doc> {
    let start = jiff::civil::date(2024, 1, 1);
    Synthetic::new(SyntheticConfig { seed, start, days: 120, happenings, countries: 12 }).collect()
}

/// A group's key: source and target principals, mode, CAMEO code, date.
type GroupKey = (String, String, String, String, String);
/// An `events` row as the recount reads it: codes, mode, CAMEO code, date, article pk, outlet.
type EventRow = (String, String, String, String, String, i64, Option<String>);

/// Groups recomputed from the `events` table by a plain scan (window 0), sharing no code with the triggers.
fn recount(conn: &Connection) -> BTreeMap<GroupKey, (i64, i64, i64)> {
    let mut stmt = conn
        .prepare("SELECT e.source_code, e.target_code, e.mode, e.code, e.date, e.article, a.source FROM events e JOIN articles a ON a.pk = e.article")
        .unwrap();
    let rows: Vec<EventRow> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut grouped: BTreeMap<_, (i64, std::collections::BTreeSet<i64>, std::collections::BTreeSet<String>)> =
        BTreeMap::new();
    for (source, target, mode, code, date, article, outlet) in rows {
        let k = (rust_principal(&source).to_string(), rust_principal(&target).to_string(), mode, code, date);
        let entry = grouped.entry(k).or_default();
        entry.0 += 1;
        entry.1.insert(article);
        entry.2.insert(outlet.map_or(format!("#{article}"), |o| o.trim().to_lowercase()));
    }
    grouped.into_iter().map(|(k, (m, a, s))| (k, (m, a.len() as i64, s.len() as i64))).collect()
}

#[test]
fn incremental_grouping_equals_regrouping_and_an_independent_count() {
    let docs = synthetic(3_000, 11);
    let mut store = Store::open_in_memory().unwrap();
    // Several ingest runs with small batches.
    let mut writer = store.writer(BatchPolicy { max_articles: 50, ..BatchPolicy::default() }).unwrap();
    for doc in &docs[..docs.len() / 2] {
        writer.write(doc).unwrap();
    }
    writer.finish().unwrap();
    write_all(&mut store, &docs[docs.len() / 3..]);
    let incremental = groups(store.connection());
    let independent = recount(store.connection());
    let counters: BTreeMap<_, _> = incremental.iter().map(|(k, v)| (k.clone(), (v.0, v.1, v.2))).collect();
    assert_eq!(counters, independent);
    assert!(counters.values().any(|c| c.1 >= 5), "some happenings have many articles");
    assert_volume_counts_groups(store.connection());
    store.regroup_events(0).unwrap();
    assert_eq!(groups(store.connection()), incremental);
    assert_volume_counts_groups(store.connection());

    // With a window the grouping depends on ingest order; regrouping replays that order.
    let mut windowed = Store::open_in_memory().unwrap();
    windowed.regroup_events(2).unwrap();
    write_all(&mut windowed, &docs);
    let live = groups(windowed.connection());
    assert!(live.len() < incremental.len());
    windowed.regroup_events(2).unwrap();
    assert_eq!(groups(windowed.connection()), live);
    assert_volume_counts_groups(windowed.connection());
}

/// The daily volume table the triggers keep is a count of the groups per mode and day, with no empty rows.
fn assert_volume_counts_groups(conn: &Connection) {
    let rows = |sql: &str| -> Vec<(String, String, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let kept = rows("SELECT mode, date, events FROM event_daily_volume ORDER BY mode, date");
    let counted = rows("SELECT mode, date, count(*) FROM event_groups GROUP BY mode, date ORDER BY mode, date");
    assert_eq!(kept, counted);
}

#[test]
fn relations_count_fact_events_by_direction_and_sector() {
    let mut store = Store::open_in_memory().unwrap();
    write_all(&mut store, &geneva());
    write_all(
        &mut store,
        &[
            doc(
                "spring",
                Some("Meridian Wire"),
                Some(-3.0),
                &[
                    ("USAGOV", "CHN", "163", -8.0, 4, F, "2026-04-08"),
                    ("CHNGOV", "USA", "111", -2.0, 3, F, "2026-04-08"),
                    ("CHNMIL", "USA", "130", -4.4, 3, F, "2026-04-09"),
                ],
            ),
            doc("other", Some("Harbour Daily"), None, &[("IND", "PAK", "190", -10.0, 4, F, "2026-03-01")]),
        ],
    );
    let query = |a: &str, b: &str, direction| RelationsQuery {
        a: a.into(),
        b: b.into(),
        by: Granularity::Month,
        from: None,
        to: None,
        direction,
    };
    let both = store.relations(&query("CHN", "USA", Direction::Both)).unwrap();
    let labels: Vec<&str> = both.periods.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(labels, ["2026-02", "2026-03", "2026-04"]);
    let events: Vec<u64> = both.periods.iter().map(|p| p.figures.events).collect();
    assert_eq!(events, [2, 0, 3], "the future intent does not count; March has no event");
    assert_eq!(both.periods[0].figures.goldstein_mean, Some(8.0));
    assert_eq!(both.periods[0].figures.articles, 4);
    assert_eq!(both.periods[2].figures.goldstein_sum, -14.4);
    assert_eq!(both.periods[2].figures.tone_mean, Some(-3.0));
    // The volume: fact events of every pair per month (February's two signings, March's IND–PAK fire, April's
    // three), which the volume-normalised figures divide by.
    let volume: Vec<Option<u64>> = both.periods.iter().map(|p| p.figures.all_events).collect();
    assert_eq!(volume, [Some(2), Some(1), Some(3)]);
    let normalised: Vec<Option<f64>> = both.periods.iter().map(|p| p.figures.goldstein_per_1000).collect();
    assert_eq!(normalised, [Some(8000.0), Some(0.0), Some(-4800.0)]);
    assert_eq!((both.total.all_events, both.total.events_per_1000), (Some(6), Some(833.3333)));
    let ba = store.relations(&query("CHN", "USA", Direction::Ba)).unwrap();
    assert_eq!(ba.total.events, 1);
    let government = store.relations(&query("CHNGOV", "USA", Direction::Ab)).unwrap();
    assert_eq!(
        government.total.events, 2,
        "the signing (one outlet wrote CHNGOV) and the criticism, not the MIL threat"
    );
    let reversed = store.relations(&query("USA", "CHNGOV", Direction::Ba)).unwrap();
    assert_eq!(reversed.total, government.total);
    assert!(store.relations(&query("CHN", "OPP", Direction::Both)).is_err());

    let active = store.dyads(&DyadsQuery { by: Granularity::Month, ..DyadsQuery::default() }).unwrap();
    let pairs: Vec<(&str, &str, u64)> =
        active.dyads.iter().map(|d| (d.a.as_str(), d.b.as_str(), d.figures.events)).collect();
    assert_eq!(pairs, [("CHN", "USA", 5), ("IND", "PAK", 1)]);
    assert_eq!(active.periods, ["2026-02", "2026-03", "2026-04"]);
    assert_eq!(active.dyads[0].trend, [2, 0, 3]);
    assert_eq!(
        (active.dyads[1].figures.all_events, active.dyads[1].figures.events_per_1000),
        (Some(6), Some(166.6667))
    );
    let changed = store
        .dyads(&DyadsQuery { rank: Rank::Changed, min_events: 1, by: Granularity::Month, ..DyadsQuery::default() })
        .unwrap();
    assert_eq!(changed.dyads.len(), 1);
    assert_eq!(changed.dyads[0].change.as_ref().unwrap().goldstein_change, -4.8 - 8.0);
}
