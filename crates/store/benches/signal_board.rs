//! The signal board is computed at query time: how long it takes over a large store.
//!
//! Setup: 20,000 articles with 25 fact events each (500,000 events over 20 countries, weighted so that a few
//! countries — as in real news — are in most events, and 40 CAMEO codes) and 2,000 signals of two actions each.
//! Run: `cargo bench -p attache-store --bench signal_board`. Measured on the 2-core build machine: all 2,000
//! signals 385 ms (about 0.2 ms a signal); the first 100 CHN–USA signals 43 ms. With one query per action that
//! ranged over the code and sorted its matches (before `events_by_source_code` and seeks per stored code), all
//! 2,000 took 21.8 s.

use attache_doc::{
    ActionRole, ActorRef, Article, Direction, Doc, Event, EventEvidence, Mention, Mode, Sentence, Signal, SignalAction,
    Span,
};
use attache_store::{BatchPolicy, SignalFilter, Store};
use criterion::{Criterion, criterion_group, criterion_main};

const ARTICLES: usize = 20_000;
const EVENTS_PER_ARTICLE: usize = 25;
const SIGNAL_EVERY: usize = 10;
const COUNTRIES: [&str; 20] = [
    "USA", "USA", "USA", "CHN", "CHN", "RUS", "RUS", "UKR", "IND", "PAK", "GBR", "FRA", "DEU", "JPN", "KOR", "ISR",
    "IRN", "TUR", "BRA", "ZAF",
];
const CODES: [&str; 40] = [
    "010", "020", "030", "036", "040", "041", "042", "043", "046", "051", "057", "061", "072", "073", "081", "0841",
    "085", "0871", "100", "111", "112", "114", "120", "130", "138", "141", "150", "154", "163", "164", "171", "1711",
    "173", "174", "181", "190", "193", "195", "043", "040",
];

/// A small deterministic generator (xorshift), so every run builds the same store.
struct Random(u64);

impl Random {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn actor(code: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: Some(code[..3].into()),
        sectors: Vec::new(),
        span: Span::new(0, 4),
        text: "Some".into(),
        entry: None,
    }
}

/// Day `day` (0–899) of a calendar of 28-day months from 2024-01-01: valid dates, in order.
fn date(day: usize) -> String {
    format!("{}-{:02}-{:02}", 2024 + day / 336, 1 + (day % 336) / 28, 1 + day % 28)
}

fn build(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    let text = "Some words that hold every span.";
    for i in 0..ARTICLES {
        let day = i * 900 / ARTICLES;
        let mut doc = Doc::new(Article {
            id: format!("a{i}"),
            title: Some(format!("Article {i}")),
            text: text.into(),
            published: Some(date(day)),
            ..Default::default()
        });
        doc.sentences.push(Sentence { id: 0, start: 0, end: 32, paragraph: 0, text: text.into(), tone: None });
        for e in 0..EVENTS_PER_ARTICLE {
            let source = COUNTRIES[random.next(COUNTRIES.len())];
            let target = COUNTRIES[random.next(COUNTRIES.len())];
            let code = CODES[random.next(CODES.len())];
            doc.events.push(Event {
                id: e as u32,
                sentence: 0,
                source: actor(&format!("{source}GOV")),
                target: actor(target),
                code: code.into(),
                root: code[..2].into(),
                name: String::new(),
                goldstein: 0.0,
                quad_class: 1,
                plover: None,
                mode: Mode::Fact,
                date: Some(date(day)),
                date_span: None,
                verb: Span::new(5, 10),
                verb_text: "words".into(),
                reporter: None,
                evidence: EventEvidence::default(),
            });
        }
        if i % SIGNAL_EVERY == 0 {
            let actions = (0..2)
                .map(|_| {
                    let code = CODES[random.next(CODES.len())];
                    SignalAction {
                        start: 0,
                        end: 4,
                        text: "Some".into(),
                        role: ActionRole::Expected,
                        entries: Vec::new(),
                        codes: vec![code.into()],
                        actor: Some(COUNTRIES[random.next(COUNTRIES.len())].into()),
                        actor_from: Some("stated".into()),
                        target: Some(COUNTRIES[random.next(COUNTRIES.len())].into()),
                        target_from: Some(if random.next(2) == 0 { "stated" } else { "implied" }.into()),
                        mutual: random.next(4) == 0,
                        events: Vec::new(),
                    }
                })
                .collect::<Vec<_>>();
            doc.signals.push(Signal {
                id: 0,
                sentence: 0,
                setter: Some(attache_doc::Setter {
                    name: format!("Expert {}", i % 97),
                    entity: None,
                    code: None,
                    quote: None,
                }),
                direction: Direction::Improvement,
                mode: Mode::Hypothetical,
                actor: actions[0].actor.clone(),
                target: actions[0].target.clone(),
                family: "signal-verb".into(),
                cue: Mention { start: 5, end: 10, text: "words".into() },
                actions,
            });
        }
        writer.write(&doc).unwrap();
        writer.commit_if_due().unwrap();
    }
    writer.finish().unwrap();
    store
}

fn board(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = build(&dir.path().join("bench.db"));
    let mut group = c.benchmark_group("signal_board");
    group.sample_size(10);
    group.bench_function("all 2000 signals", |b| {
        b.iter(|| {
            let board = store.signal_board(&SignalFilter::default()).unwrap();
            assert_eq!(board.len(), ARTICLES / SIGNAL_EVERY);
        })
    });
    group.bench_function("pair CHN-USA, first 100", |b| {
        let filter = SignalFilter { pair: Some(("CHN".into(), "USA".into())), limit: Some(100), ..Default::default() };
        b.iter(|| store.signal_board(&filter).unwrap())
    });
    group.finish();
}

criterion_group!(benches, board);
criterion_main!(benches);
