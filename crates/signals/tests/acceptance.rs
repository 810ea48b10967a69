//! The project's first acceptance article (a China–US head-of-state call, published 2026-02-05): Gary
//! Hufbauer's two signals.
//!
//! Decision (documented in docs/signals.md): a signal is one cue with the actions it is about, so the article
//! holds **two** signals from Hufbauer — one improvement signal with two actions (tariff reductions, affirmed
//! commitment to the one-China policy) and one deterioration signal with two actions (arms sales to Taiwan,
//! expanded export controls) — four actions in all, each with the United States as the actor expected to act.

mod support;

use attache_doc::{ActionRole, Direction, Doc, Mode, Signal, SignalAction};

fn annotated() -> Option<Doc> {
    let path = attache_testkit::shared_path("corpus/sino-us-call/article.txt")?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(support::annotate(&text, "2026-02-05"))
}

fn action<'s>(signal: &'s Signal, words: &str) -> &'s SignalAction {
    signal
        .actions
        .iter()
        .find(|a| a.text.contains(words))
        .unwrap_or_else(|| panic!("no action {words:?} in {:#?}", signal.actions))
}

fn assert_us_action(action: &SignalAction, codes: &[&str], target: Option<&str>) {
    assert_eq!(action.role, ActionRole::Expected);
    assert_eq!(action.codes, codes, "{action:#?}");
    assert_eq!(action.actor.as_deref().and_then(|c| c.get(..3)), Some("USA"), "{action:#?}");
    if let Some(target) = target {
        assert_eq!(action.target.as_deref().and_then(|c| c.get(..3)), Some(target), "{action:#?}");
        assert_eq!(action.target_from.as_deref(), Some("stated"), "{action:#?}");
    }
}

#[test]
fn hufbauer_sets_an_improvement_and_a_deterioration_signal_for_the_us() {
    let Some(doc) = annotated() else { return };
    let hufbauer: Vec<&Signal> =
        doc.signals.iter().filter(|s| s.setter.as_ref().is_some_and(|s| s.name == "Gary Hufbauer")).collect();
    assert_eq!(hufbauer.len(), 2, "{:#?}", doc.signals);
    // No one else in the article sets a trackable condition ("concrete actions … must follow" names none).
    assert_eq!(doc.signals.len(), 2, "{:#?}", doc.signals);

    let (good, bad) = (hufbauer[0], hufbauer[1]);
    assert_eq!(good.direction, Direction::Improvement);
    assert_eq!(good.family, "good-faith");
    assert!(good.cue.text.contains("necessary to demonstrate good faith"), "{:?}", good.cue);
    assert_eq!(good.actions.len(), 2, "{:#?}", good.actions);
    assert_us_action(action(good, "tariff reductions"), &["085"], None);
    let one_china = action(good, "one-China policy");
    assert_us_action(one_china, &["054"], None);
    assert!(one_china.text.starts_with("affirmed commitment"), "{one_china:#?}");

    assert_eq!(bad.direction, Direction::Deterioration);
    assert_eq!(bad.family, "signal-verb");
    assert_eq!(bad.cue.text, "would signal");
    assert_eq!(bad.actions.len(), 2, "{:#?}", bad.actions);
    assert_us_action(action(bad, "arms sales to Taiwan"), &["072"], Some("TWN"));
    assert_us_action(action(bad, "expanded export controls"), &["163"], None);
    // The second sentence names no actor: it is Hufbauer's, carried from his first signal.
    assert_eq!(action(bad, "export controls").actor_from.as_deref(), Some("carried"));

    for signal in [good, bad] {
        assert_eq!(signal.mode, Mode::Hypothetical);
        assert_eq!(signal.actor.as_deref().and_then(|c| c.get(..3)), Some("USA"));
        let setter = signal.setter.as_ref().unwrap();
        assert_eq!(setter.code.as_deref(), Some("USAEDU"), "Peterson Institute: {setter:?}");
        let quote = &doc.quotes[setter.quote.unwrap() as usize];
        assert!(quote.start <= signal.cue.start && signal.cue.end <= quote.end);
        let sentence = &doc.sentences[signal.sentence as usize];
        assert!(sentence.start <= signal.cue.start && signal.cue.end <= sentence.end);
        for action in &signal.actions {
            assert_eq!(doc.slice(attache_doc::Span::new(action.start, action.end)), action.text);
            assert!(sentence.start <= action.start && action.end <= sentence.end);
        }
    }
}

#[test]
fn signals_serialise_as_documented() {
    let Some(doc) = annotated() else { return };
    let json = serde_json::to_value(&doc.signals).unwrap();
    let first = &json[0];
    assert_eq!(first["direction"], "improvement");
    assert_eq!(first["mode"], "hypothetical");
    assert_eq!(first["setter"]["name"], "Gary Hufbauer");
    assert_eq!(first["actions"][0]["role"], "expected");
    let back: Vec<Signal> = serde_json::from_value(json).unwrap();
    assert_eq!(back, doc.signals);
}
