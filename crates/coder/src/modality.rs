//! Whether a coded statement reports a fact: negation, modality (conditional, hypothetical) and future or
//! intention, read from the words before the verb in its clause.
//!
//! Key decision: only what the sentence says counts. "did not meet" is negated; "would signal", "could",
//! "if …" are hypothetical; "will visit", "plans to", "is poised to", and a verb that is the infinitive
//! complement of another ("agreed to meet") are future. Only facts enter the relations index.

use crate::parse::{Class, Parse};
use crate::words::Word;
use attache_doc::Mode;

/// How many words before the verb can carry its mode ("would not be able to meet").
const WINDOW: usize = 6;

fn negation(text: &str) -> bool {
    matches!(
        text,
        "NOT"
            | "NEVER"
            | "NO"
            | "NEITHER"
            | "NOR"
            | "CANNOT"
            | "REFRAINED"
            | "REFRAIN"
            | "REFRAINS"
            | "REFRAINING"
            | "FAILED"
            | "FAILS"
    ) || text.ends_with("N'T")
}

/// Verbs whose "that"-clause states what should happen, not what did ("demanded that Germany send").
fn demand(text: &str) -> bool {
    ["DEMAND", "INSIST", "URG", "ASK", "REQUEST", "PROPOS", "SUGGEST", "RECOMMEND"].iter().any(|s| text.starts_with(s))
}

fn hypothetical(text: &str) -> bool {
    matches!(
        text,
        "WOULD" | "COULD" | "MIGHT" | "MAY" | "SHOULD" | "IF" | "UNLESS" | "WHETHER" | "WOULD'VE" | "COULD'VE"
    ) || text.ends_with("'D")
}

fn future(text: &str) -> bool {
    matches!(text, "WILL" | "SHALL" | "GONNA") || text.ends_with("'LL")
}

/// Verbs and phrases of intention that put the verb after them in the future ("plans to visit").
fn intention(text: &str) -> bool {
    matches!(
        text,
        "PLAN"
            | "PLANS"
            | "PLANNED"
            | "PLANNING"
            | "INTEND"
            | "INTENDS"
            | "INTENDED"
            | "INTENDING"
            | "EXPECTED"
            | "SET"
            | "DUE"
            | "SCHEDULED"
            | "POISED"
            | "PREPARES"
            | "PREPARE"
            | "PREPARING"
            | "AIM"
            | "AIMS"
            | "AIMING"
            | "HOPES"
            | "HOPE"
            | "HOPING"
            | "WANTS"
            | "WANT"
            | "SEEKS"
            | "SEEK"
            | "SEEKING"
            | "OFFERED"
            | "OFFERS"
            | "PROMISED"
            | "PROMISES"
            | "PLEDGED"
            | "PLEDGES"
            | "VOWED"
            | "VOWS"
            | "THREATENED"
            | "THREATENS"
            | "READY"
            | "WILLING"
            | "GOING"
            | "ABOUT"
            | "AGREED"
            | "AGREES"
            | "DECIDED"
            | "DECIDES"
    )
}

/// The mode of the verb at words `[vf, vl]` whose clause starts at `clause_start`.
pub fn mode_of(words: &[Word], p: &Parse, clause_start: usize, vf: usize, _vl: usize) -> Mode {
    // Mode words do not reach across a comma ("…arms sales to Taiwan, urging restraint").
    let after_comma =
        (clause_start..vf).rev().find(|&i| p.class[i] == Class::Comma && !p.deleted[i]).map_or(clause_start, |c| c + 1);
    let lo = after_comma.max(vf.saturating_sub(WINDOW));
    // At most WINDOW words: kept on the stack (this runs for every verb).
    let mut kept = [""; WINDOW];
    let mut len = 0;
    for i in (lo..vf).filter(|&i| !p.deleted[i]) {
        kept[len] = words[i].text.as_str();
        len += 1;
    }
    let window = &kept[..len];
    // A conditional anywhere earlier in the clause ("if Washington approves new arms sales, …").
    let conditional = (clause_start..vf).any(|i| matches!(words[i].text.as_str(), "IF" | "UNLESS" | "WHETHER"));
    if window.iter().any(|t| negation(t)) {
        return Mode::Negated;
    }
    if conditional || window.iter().any(|t| hypothetical(t)) {
        return Mode::Hypothetical;
    }
    if window.iter().any(|t| future(t)) {
        return Mode::Future;
    }
    // "demanded that the German government send": what is demanded has not happened.
    if let Some(that) = window.iter().position(|t| *t == "THAT")
        && window[..that].iter().any(|t| demand(t))
    {
        return Mode::Future;
    }
    // An infinitive: "to" right before the verb (an adverb may sit between).
    let to_before = window.last() == Some(&"TO")
        || window.len() >= 2 && window[window.len() - 2] == "TO" && window[window.len() - 1].ends_with("LY");
    if to_before {
        let governed_by_intention = window.iter().any(|t| intention(t));
        if governed_by_intention || window.len() >= 2 {
            return Mode::Future;
        }
    }
    Mode::Fact
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::from_text;

    fn mode(text: &str, verb: &str) -> Mode {
        let sw = from_text(text);
        let n = sw.words.len();
        let p = Parse {
            n,
            class: vec![Class::Plain; n],
            deleted: vec![false; n],
            protected: vec![false; n],
            ..Default::default()
        };
        let vf = sw.words.iter().position(|w| w.text == verb).unwrap();
        mode_of(&sw.words, &p, 0, vf, vf)
    }

    #[test]
    fn modes() {
        assert_eq!(mode("China did not meet Japan", "MEET"), Mode::Negated);
        assert_eq!(mode("China didn't meet Japan", "MEET"), Mode::Negated);
        assert_eq!(mode("Sales to Taiwan would signal deterioration", "SIGNAL"), Mode::Hypothetical);
        assert_eq!(mode("If Beijing attacks, Washington will respond", "ATTACKS"), Mode::Hypothetical);
        assert_eq!(mode("China will host the summit", "HOST"), Mode::Future);
        assert_eq!(mode("China is poised to host the summit", "HOST"), Mode::Future);
        assert_eq!(mode("China hosted the summit", "HOSTED"), Mode::Fact);
        assert_eq!(mode("They demanded that Germany send arms", "SEND"), Mode::Future);
        assert_eq!(mode("Beijing has refrained from attacking Taiwan", "ATTACKING"), Mode::Negated);
    }
}
