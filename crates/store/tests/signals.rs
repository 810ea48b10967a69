//! Signal tracking: which later stored events meet a signal's actions (definition in docs/signals.md).

use attache_doc::{
    ActionRole, ActorRef, Article, Direction, Doc, Event, EventEvidence, Mention, Mode, Sentence, Setter, Signal,
    SignalAction, Span,
};
use attache_store::{BatchPolicy, SignalFilter, SignalStatus, Store, TrackedSignal};

fn article(id: &str, published: &str) -> Doc {
    let text = "Officials spoke about what comes next.";
    let mut doc = Doc::new(Article {
        id: id.into(),
        title: Some(id.into()),
        text: text.into(),
        published: Some(published.into()),
        ..Default::default()
    });
    doc.sentences.push(Sentence { id: 0, start: 0, end: 38, paragraph: 0, text: text.into(), tone: None });
    doc
}

fn actor(code: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: Some(code[..3].into()),
        sectors: Vec::new(),
        span: Span::new(0, 9),
        text: "Officials".into(),
        entry: None,
    }
}

fn event(doc: &mut Doc, source: &str, target: &str, code: &str, mode: Mode, date: &str) {
    let id = doc.events.len() as u32;
    doc.events.push(Event {
        id,
        sentence: 0,
        source: actor(source),
        target: actor(target),
        code: code.into(),
        root: code[..2].into(),
        name: String::new(),
        goldstein: 0.0,
        quad_class: 1,
        plover: None,
        mode,
        date: Some(date.into()),
        date_span: None,
        verb: Span::new(10, 15),
        verb_text: "spoke".into(),
        reporter: None,
        evidence: EventEvidence::default(),
    });
}

struct Act<'a> {
    codes: &'a [&'a str],
    actor: &'a str,
    target: Option<(&'a str, &'a str)>,
    mutual: bool,
    role: ActionRole,
}

fn act<'a>(codes: &'a [&'a str], actor: &'a str, target: Option<(&'a str, &'a str)>) -> Act<'a> {
    Act { codes, actor, target, mutual: false, role: ActionRole::Expected }
}

fn signal(doc: &mut Doc, setter: &str, direction: Direction, actions: &[Act]) {
    let id = doc.signals.len() as u32;
    let actions: Vec<SignalAction> = actions
        .iter()
        .map(|a| SignalAction {
            start: 0,
            end: 9,
            text: "Officials".into(),
            role: a.role,
            entries: Vec::new(),
            codes: a.codes.iter().map(|c| c.to_string()).collect(),
            actor: Some(a.actor.into()),
            actor_from: Some("stated".into()),
            target: a.target.map(|(t, _)| t.into()),
            target_from: a.target.map(|(_, from)| from.into()),
            mutual: a.mutual,
            events: Vec::new(),
        })
        .collect();
    doc.signals.push(Signal {
        id,
        sentence: 0,
        setter: Some(Setter { name: setter.into(), entity: None, code: None, quote: None }),
        direction,
        mode: Mode::Hypothetical,
        actor: actions[0].actor.clone(),
        target: actions[0].target.clone(),
        family: "signal-verb".into(),
        cue: Mention { start: 10, end: 15, text: "spoke".into() },
        actions,
    });
}

fn store(docs: &[Doc]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut writer = store.writer(BatchPolicy::default()).unwrap();
    for doc in docs {
        writer.write(doc).unwrap();
    }
    writer.finish().unwrap();
    store
}

fn board(store: &Store, filter: SignalFilter) -> Vec<TrackedSignal> {
    store.signal_board(&filter).unwrap()
}

fn by_setter<'b>(board: &'b [TrackedSignal], setter: &str) -> &'b TrackedSignal {
    board.iter().find(|s| s.setter.as_deref() == Some(setter)).unwrap_or_else(|| panic!("no signal by {setter}"))
}

#[test]
fn a_later_fact_event_with_actor_and_code_meets_the_signal() {
    let mut set = article("set", "2026-01-10");
    signal(&mut set, "Ann", Direction::Deterioration, &[act(&["163"], "USA", Some(("CHN", "implied")))]);
    let mut before = article("before", "2026-01-05");
    event(&mut before, "USAGOV", "CHN", "163", Mode::Fact, "2026-01-05");
    let mut same_day = article("same-day", "2026-01-10");
    event(&mut same_day, "USAGOV", "CHN", "163", Mode::Fact, "2026-01-10");
    let mut hypothetical = article("hypothetical", "2026-02-01");
    event(&mut hypothetical, "USAGOV", "CHN", "163", Mode::Hypothetical, "2026-02-01");
    let mut other_code = article("other-code", "2026-02-02");
    event(&mut other_code, "USAGOV", "CHN", "164", Mode::Fact, "2026-02-02");
    let mut wrong_actor = article("wrong-actor", "2026-02-03");
    event(&mut wrong_actor, "CHNGOV", "USA", "163", Mode::Fact, "2026-02-03");
    let mut meets = article("meets", "2026-03-01");
    event(&mut meets, "USAGOV", "RUS", "111", Mode::Fact, "2026-03-01");
    // The implied target (CHN) is not required: sanctions on anyone by the US do the action.
    event(&mut meets, "USAGOV", "USABUS", "163", Mode::Fact, "2026-03-01");
    let mut later = article("later", "2026-04-01");
    event(&mut later, "USA", "CHN", "163", Mode::Fact, "2026-04-01");
    let store = store(&[set, before, same_day, hypothetical, other_code, wrong_actor, meets, later]);

    let board = board(&store, SignalFilter::default());
    assert_eq!(board.len(), 1);
    let ann = &board[0];
    assert_eq!(ann.status, SignalStatus::Met);
    let met = ann.met_by.as_ref().unwrap();
    assert_eq!((met.article.as_str(), met.event, met.date.as_str()), ("meets", 1, "2026-03-01"));
    assert_eq!((met.code.as_str(), met.source.as_str(), met.target.as_str()), ("163", "USAGOV", "USABUS"));
    assert_eq!(ann.actions[0].met_by.as_ref(), Some(met));
}

#[test]
fn stated_targets_mutual_actions_and_code_prefixes() {
    let mut set = article("set", "2026-01-10");
    signal(&mut set, "Stated", Direction::Deterioration, &[act(&["072"], "USA", Some(("TWN", "stated")))]);
    let mut mutual = act(&["057"], "CHN", Some(("USA", "implied")));
    mutual.mutual = true;
    signal(&mut set, "Mutual", Direction::Improvement, &[mutual]);
    signal(&mut set, "Prefix", Direction::Improvement, &[act(&["087"], "IND", None)]);
    signal(&mut set, "Exact", Direction::Improvement, &[act(&["0871"], "PAK", None)]);
    let mut unless = act(&["190"], "RUS", None);
    unless.role = ActionRole::Unless;
    signal(&mut set, "Unless", Direction::Deterioration, &[unless, act(&["163"], "IGOEUREEC", None)]);

    let mut later = article("later", "2026-02-01");
    event(&mut later, "USAGOV", "CHN", "072", Mode::Fact, "2026-02-01");
    event(&mut later, "USAGOV", "CHNGOV", "057", Mode::Fact, "2026-02-01");
    event(&mut later, "INDMIL", "PAKMIL", "0871", Mode::Fact, "2026-02-01");
    event(&mut later, "PAKMIL", "INDMIL", "087", Mode::Fact, "2026-02-01");
    event(&mut later, "RUSMIL", "UKR", "190", Mode::Fact, "2026-02-01");
    event(&mut later, "IGOUNO", "RUS", "163", Mode::Fact, "2026-02-01");
    let store = store(&[set, later]);
    let board = board(&store, SignalFilter::default());

    assert_eq!(by_setter(&board, "Stated").status, SignalStatus::Open, "a sale to China is not a sale to Taiwan");
    let mutual = by_setter(&board, "Mutual");
    assert_eq!(mutual.status, SignalStatus::Met, "USA→CHN does a mutual CHN↔USA action");
    assert_eq!(mutual.met_by.as_ref().unwrap().source, "USAGOV");
    assert_eq!(by_setter(&board, "Prefix").met_by.as_ref().unwrap().code, "0871", "087 covers 0871");
    assert_eq!(by_setter(&board, "Exact").status, SignalStatus::Open, "0871 is not met by the broader 087");
    let unless = by_setter(&board, "Unless");
    assert!(!unless.actions[0].tracked, "an unless-action is not tracked");
    assert_eq!(unless.status, SignalStatus::Open, "the UN is not the EU: organisations compare whole");

    let mut taiwan = article("taiwan", "2026-03-01");
    event(&mut taiwan, "USAGOV", "TWNGOV", "072", Mode::Fact, "2026-03-01");
    let mut eu = article("eu", "2026-03-02");
    event(&mut eu, "IGOEUREEC", "RUS", "163", Mode::Fact, "2026-03-02");
    let mut writer_store = store;
    let mut writer = writer_store.writer(BatchPolicy::default()).unwrap();
    writer.write(&taiwan).unwrap();
    writer.write(&eu).unwrap();
    writer.finish().unwrap();
    // Computed at query time: the board follows what is stored.
    let board = self::board(&writer_store, SignalFilter::default());
    assert_eq!(by_setter(&board, "Stated").met_by.as_ref().unwrap().article, "taiwan");
    assert_eq!(by_setter(&board, "Unless").met_by.as_ref().unwrap().article, "eu");
}

#[test]
fn filters_pair_status_setter_horizon_and_limit() {
    let mut set = article("set", "2026-01-10");
    signal(&mut set, "Gary Hufbauer", Direction::Deterioration, &[act(&["163"], "USA", Some(("CHN", "implied")))]);
    signal(&mut set, "Anjali Mehra", Direction::Improvement, &[act(&["041"], "IND", Some(("PAK", "implied")))]);
    let mut late = article("late", "2026-04-20");
    event(&mut late, "USAGOV", "CHN", "163", Mode::Fact, "2026-04-20");
    let store = store(&[set, late]);

    let pair = |a: &str, b: &str| SignalFilter { pair: Some((a.into(), b.into())), ..Default::default() };
    let names = |board: Vec<TrackedSignal>| board.into_iter().filter_map(|s| s.setter).collect::<Vec<_>>();
    assert_eq!(names(board(&store, pair("USA", "CHN"))), ["Gary Hufbauer"]);
    assert_eq!(names(board(&store, pair("PAK", "IND"))), ["Anjali Mehra"]);
    assert!(board(&store, pair("RUS", "UKR")).is_empty());
    let status = |s| SignalFilter { status: Some(s), ..Default::default() };
    assert_eq!(names(board(&store, status(SignalStatus::Met))), ["Gary Hufbauer"]);
    assert_eq!(names(board(&store, status(SignalStatus::Open))), ["Anjali Mehra"]);
    let setter = SignalFilter { setter: Some("hufb".into()), ..Default::default() };
    assert_eq!(names(board(&store, setter)), ["Gary Hufbauer"]);
    // 100 days after 2026-01-10 is 2026-04-20: inside; 99 days is not.
    let horizon =
        |days| SignalFilter { horizon_days: Some(days), status: Some(SignalStatus::Met), ..Default::default() };
    assert_eq!(board(&store, horizon(100)).len(), 1);
    assert!(board(&store, horizon(99)).is_empty());
    assert_eq!(board(&store, SignalFilter { limit: Some(1), ..Default::default() }).len(), 1);
}

#[test]
fn signals_of_undated_articles_are_never_met() {
    let mut set = article("set", "2026-01-10");
    set.article.published = None;
    signal(&mut set, "Undated", Direction::Improvement, &[act(&["057"], "CHN", None)]);
    let mut later = article("later", "2026-02-01");
    event(&mut later, "CHN", "USA", "057", Mode::Fact, "2026-02-01");
    let store = store(&[set, later]);
    let board = board(&store, SignalFilter::default());
    assert_eq!(board[0].status, SignalStatus::Open);
    assert!(!board[0].actions[0].tracked);
}
