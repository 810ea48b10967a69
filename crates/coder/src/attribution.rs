//! Reported speech: "X said (that) Y did Z" codes Y → Z and keeps X as the event's reporter; so do
//! "…, X said." and "according to X, …".

use crate::engine::{CodedEvent, Side};
use crate::parse::Parse;
use crate::words::Word;
use attache_dict::{Entry, Lexicon};

/// Sets `reporter` on events whose verb sits inside a statement attributed to an actor.
pub fn attach_reporters(_lex: &Lexicon, words: &[Word], p: &Parse, events: &mut [CodedEvent]) {
    let speech: Vec<(usize, usize)> = p
        .heads(|entry| matches!(entry, Entry::Attribution(..)))
        .map(|(_, k)| (p.phrases[k].first(), p.phrases[k].last()))
        .collect();
    if speech.is_empty() {
        return;
    }
    let speaker_near = |at: usize, after: bool| -> Option<Side> {
        let occ = if after {
            p.occurrences.iter().find(|o| o.first > at && o.first <= at + 4)
        } else {
            p.occurrences.iter().rev().find(|o| o.last < at && at - o.last <= 4)
        }?;
        occ.members.first().map(Side::from_member)
    };
    for event in events.iter_mut() {
        let (vf, vl) = event.verb_words;
        // "X said (that) … <verb>": the nearest speech verb before the event verb.
        let before = speech.iter().rev().find(|&&(_, last)| last < vf);
        // "<verb> …, X said" / "…, said X": a speech verb after the event verb.
        let after = speech.iter().find(|&&(first, _)| first > vl);
        let according = |first: usize| first > 0 && words[first].text == "ACCORDING";
        let reporter = match (before, after) {
            (Some(&(first, last)), _) if according(first) => speaker_near(last, true),
            (Some(&(first, _)), _) => speaker_near(first, false),
            (None, Some(&(first, last))) => speaker_near(first, false)
                .filter(|s| s.words.is_some_and(|(f, _)| f > vl))
                .or_else(|| speaker_near(last, true)),
            _ => None,
        };
        if let Some(r) = reporter {
            // A speaker is not their own reporter when the event is theirs directly ("X said it met Y" keeps
            // X as reporter: the meeting is X's claim).
            event.reporter = Some(r);
        }
    }
}
