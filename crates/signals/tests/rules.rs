//! Each cue family on sentences of our own, and what is not a signal.

mod support;

use attache_doc::{ActionRole, Direction, Doc, Mode, Signal};

fn annotate(text: &str) -> Doc {
    support::annotate(text, "2026-03-02")
}

fn signals(text: &str) -> Vec<Signal> {
    annotate(text).signals
}

/// The one signal of `text`.
fn one(text: &str) -> Signal {
    let found = signals(text);
    assert_eq!(found.len(), 1, "{text:?}: {found:#?}");
    found.into_iter().next().unwrap()
}

fn none(text: &str) {
    let found = signals(text);
    assert!(found.is_empty(), "{text:?} sets no signal: {found:#?}");
}

fn country(code: &Option<String>) -> Option<&str> {
    code.as_deref().and_then(|c| c.get(..3))
}

#[test]
fn signal_verbs_take_their_direction_from_the_object() {
    let s = one("Fresh US sanctions on Iran would signal escalation.");
    assert_eq!((s.family.as_str(), s.direction, s.mode), ("signal-verb", Direction::Deterioration, Mode::Hypothetical));
    assert_eq!(s.cue.text, "would signal");
    let a = &s.actions[0];
    assert_eq!(a.codes, ["163"]);
    assert_eq!((country(&a.actor), country(&a.target)), (Some("USA"), Some("IRN")));
    assert_eq!(a.target_from.as_deref(), Some("stated"));

    let s = one("A Chinese purchase of American soybeans could mark a real thaw.");
    assert_eq!(s.direction, Direction::Improvement);
    assert_eq!(s.actions[0].entries, ["purchases"]);
    assert_eq!(country(&s.actions[0].actor), Some("CHN"));
}

#[test]
fn signs_judgements_and_receptions() {
    let s = one("Reopening the border crossing would be a positive sign.");
    assert_eq!((s.family.as_str(), s.direction), ("sign", Direction::Improvement));
    assert_eq!(s.actions[0].codes, ["081"]);
    assert!(s.actions[0].text.starts_with("Reopening the border crossing"), "{:?}", s.actions[0].text);

    let s = one("A ceasefire in Gaza would be a breakthrough.");
    assert_eq!((s.family.as_str(), s.direction), ("judgement", Direction::Improvement));
    assert_eq!(s.actions[0].entries, ["ceasefire"]);

    let s = one("Any deployment of troops to the border would be seen as a provocation.");
    assert_eq!((s.family.as_str(), s.direction), ("seen-as", Direction::Deterioration));
    assert_eq!(s.actions[0].codes, ["154", "152"]);
}

#[test]
fn good_faith_and_bad_faith() {
    let s = one("The release of political prisoners would be needed to show goodwill.");
    assert_eq!((s.family.as_str(), s.direction), ("good-faith", Direction::Improvement));
    assert_eq!(s.actions[0].entries, ["prisoner-release"]);
    assert_eq!(s.actions[0].role, ActionRole::Expected);

    let s = one("Expelling the ambassador would show bad faith.");
    assert_eq!((s.family.as_str(), s.direction), ("good-faith", Direction::Deterioration));
    assert_eq!(s.actions[0].entries, ["diplomatic-downgrade"]);
}

#[test]
fn requirements_obligations_and_prohibitions() {
    let s = one("Sanctions relief must follow the prisoner release.");
    assert_eq!((s.family.as_str(), s.direction, s.mode), ("must-follow", Direction::Improvement, Mode::Future));
    assert_eq!(s.actions[0].entries, ["sanctions-relief"]);

    let s = one("Washington should cut tariffs on Chinese goods.");
    assert_eq!((s.family.as_str(), s.direction, s.mode), ("obligation", Direction::Improvement, Mode::Future));
    let a = &s.actions[0];
    assert_eq!(a.text, "cut tariffs on Chinese goods");
    assert_eq!((country(&a.actor), a.actor_from.as_deref()), (Some("USA"), Some("stated")));
    assert_eq!(country(&a.target), Some("CHN"));

    // The direction of an obligation is what the action would do to relations.
    let s = one("Tokyo must impose new sanctions on Pyongyang.");
    assert_eq!((s.family.as_str(), s.direction), ("obligation", Direction::Deterioration));

    let s = one("Washington must not sell arms to Taiwan.");
    assert_eq!((s.family.as_str(), s.direction), ("prohibition", Direction::Deterioration));
    let a = &s.actions[0];
    assert_eq!(a.codes, ["072"]);
    assert_eq!((country(&a.actor), country(&a.target)), (Some("USA"), Some("TWN")));

    // Without an actor as subject there is nobody to hold to it.
    none("Talks should resume soon.");
    none("Mutual respect rather than rivalry should define the relationship.");
}

#[test]
fn red_lines_need_an_action() {
    let s = one("Arms sales to Taiwan are a red line for Beijing.");
    assert_eq!((s.family.as_str(), s.direction), ("red-line", Direction::Deterioration));
    assert!(s.actions[0].text.contains("Arms sales to Taiwan"));
    assert_eq!(country(&s.actions[0].target), Some("TWN"));
    none("The Taiwan question is a red line that must not be crossed.");
}

#[test]
fn tests_before_and_after_the_cue() {
    let s = one("The real test will be whether Moscow withdraws its troops.");
    assert_eq!((s.family.as_str(), s.direction), ("test", Direction::Improvement));
    let a = &s.actions[0];
    assert_eq!(a.entries, ["troop-withdrawal"]);
    assert_eq!(country(&a.actor), Some("RUS"));

    let s = one("A prisoner exchange would be the first test of the new talks.");
    assert_eq!(s.actions[0].entries, ["prisoner-exchange"]);
}

#[test]
fn conditionals_keep_both_parts() {
    let s = one("Moscow will seize European assets if the EU confiscates Russian reserves.");
    assert_eq!((s.family.as_str(), s.direction), ("conditional", Direction::Deterioration));
    let roles: Vec<ActionRole> = s.actions.iter().map(|a| a.role).collect();
    assert_eq!(roles, [ActionRole::Consequence, ActionRole::Condition]);
    assert_eq!(country(&s.actions[0].actor), Some("RUS"));
    assert_eq!(s.actions[1].actor.as_deref(), Some("IGOEUREEC"));
    assert_eq!(country(&s.actions[1].target), Some("RUS"));

    // A polarity term in the consequence says which way, whatever the condition's code.
    let s = one("If Washington sells more weapons to Taiwan, relations will deteriorate.");
    assert_eq!(s.direction, Direction::Deterioration);
    assert_eq!(s.actions[0].codes, ["072"]);
    assert_eq!(s.actions[0].role, ActionRole::Condition);

    let s = one("Unless Russia withdraws its troops, the EU will impose new sanctions.");
    assert_eq!(s.direction, Direction::Deterioration);
    let roles: Vec<ActionRole> = s.actions.iter().map(|a| a.role).collect();
    assert_eq!(roles, [ActionRole::Unless, ActionRole::Consequence]);
    assert!(!s.actions[0].role.is_tracked());
    assert_eq!(s.actor.as_deref(), Some("IGOEUREEC"), "the signal's actor is its first tracked action's");

    // A subject that refers back takes the if-clause ("…, that would signal").
    let s = one("If the two sides sign a trade deal, that would signal a thaw.");
    assert_eq!(s.family, "signal-verb");
    assert_eq!(s.actions.len(), 1);
    assert_eq!(s.actions[0].text, "sign a trade deal");
}

#[test]
fn what_is_not_a_signal() {
    // A plain past-tense report, even with the cue's words.
    none("The United States imposed new sanctions on Iran on Monday, a move that signalled deterioration.");
    none("This is exactly the escalation analysts warned about.");
    // "Would" in reported speech that sets no condition.
    none("The minister said the delegation would sign the agreement in March.");
    none("Officials warned that Moscow would retaliate against European companies.");
    // A denied cue.
    none("New sanctions would not signal a deterioration.");
    // Words that refer back to something that already exists.
    none("These sanctions would be seen as a provocation.");
    // A cue with no action the table knows, or nothing to refer back to.
    none("Closer cultural ties would signal a thaw.");
    none("That would signal a thaw.");
    // Questions and comparisons are not conditions; a consequence must look ahead.
    none("Reporters asked if Washington would lift sanctions.");
    none("If the talks failed last year, it was because nobody wanted a deal.");
}

#[test]
fn setters_come_from_quotes_and_carry_their_actor() {
    let text = "Professor Lin Hao of Fudan University commented on the talks. \
                \"Tariff cuts by Washington would signal goodwill,\" Lin said. \
                \"New export controls would signal a setback.\"";
    let doc = annotate(text);
    assert_eq!(doc.signals.len(), 2, "{:#?}", doc.signals);
    for s in &doc.signals {
        let setter = s.setter.as_ref().expect("setter");
        assert_eq!(setter.name, "Lin Hao");
        assert_eq!(setter.code.as_deref(), Some("CHNEDU"), "{setter:?}");
    }
    let second = &doc.signals[1].actions[0];
    assert_eq!((country(&second.actor), second.actor_from.as_deref()), (Some("USA"), Some("carried")));
}

#[test]
fn the_main_pair_implies_targets_and_mutual_actors() {
    let text = "China and the United States held talks in Geneva on Monday. \
                Washington should cut tariffs. \
                A ceasefire would be a breakthrough.";
    let doc = annotate(text);
    assert_eq!(doc.signals.len(), 2, "{:#?}", doc.signals);
    let tariffs = &doc.signals[0].actions[0];
    assert_eq!((country(&tariffs.target), tariffs.target_from.as_deref()), (Some("CHN"), Some("implied")));
    let ceasefire = &doc.signals[1].actions[0];
    assert!(ceasefire.mutual);
    let mut pair = [country(&ceasefire.actor), country(&ceasefire.target)];
    pair.sort();
    assert_eq!(pair, [Some("CHN"), Some("USA")]);
    assert_eq!(ceasefire.actor_from.as_deref(), Some("pair"));
}
