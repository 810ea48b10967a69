//! Actor phrases resolved to CAMEO actor codes without coding events: the seam later stages (signals) use to
//! read "the US", "Washington", "the Russian central bank" or "Peterson Institute" with exactly the dictionaries,
//! dated roles, agents and compounds the coder itself uses.

use crate::Coder;
use crate::parse::{Carry, Parser};
use crate::words::{self, Word};
use attache_dict::TokenWords;
use attache_dict::lexicon::Scratch;
use jiff::civil::Date;

/// One actor the dictionaries recognise in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceActor {
    /// Full CAMEO actor code (`USA`, `CHNGOV`, `IGOEUREEC`, `RUSGOVBUS`).
    pub code: String,
    /// Byte span of the actor's words (agent words included) in the text the words came from.
    pub start: u32,
    pub end: u32,
    /// Index of the first and last word of the actor in the sentence's words.
    pub first_word: usize,
    pub last_word: usize,
    /// Found through a person's name or role.
    pub person: bool,
    /// Part of a compound ("China and the United States"): one entry per member, same words.
    pub compound: bool,
}

impl Coder {
    /// Every actor occurrence the coder's shallow parse finds in one sentence, in text order (compound members
    /// one by one). Pronouns are not resolved (no previous sentence is known here).
    pub fn sentence_actors(&self, words: &[Word], date: Option<Date>) -> Vec<SentenceActor> {
        let mut ids = TokenWords::default();
        let mut scratch = Scratch::default();
        for w in words {
            self.lexicon().add_token(&w.text, &w.original, &mut ids, &mut scratch);
        }
        ids.index();
        let parser = Parser { lex: self.lexicon(), opts: self.options() };
        let parse = parser.parse(words, &ids, date, true, &Carry::default());
        let mut found = Vec::new();
        for occurrence in parse.occurrences.iter().filter(|o| !o.pronoun) {
            for member in &occurrence.members {
                let (Some(first), Some(last)) = (words.get(member.first), words.get(member.last)) else { continue };
                found.push(SentenceActor {
                    code: member.code.to_string(),
                    start: first.start,
                    end: last.end,
                    first_word: member.first,
                    last_word: member.last,
                    person: member.person,
                    compound: occurrence.compound,
                });
            }
        }
        found.sort_by_key(|a| (a.start, a.end));
        found
    }

    /// The actor code of a whole phrase ("Peterson Institute for International Economics" → `USAEDU`), when one
    /// actor covers all its words; `None` when the dictionaries do not know it or it names several actors.
    pub fn actor_code(&self, phrase: &str, date: Option<Date>) -> Option<String> {
        let sentence = words::from_text(phrase);
        let actors = self.sentence_actors(&sentence.words, date);
        let [actor] = actors.as_slice() else { return None };
        let content = |w: &Word| !matches!(w.text.as_str(), "THE" | "A" | "AN" | "OF");
        let first = sentence.words.iter().position(content)?;
        let last = sentence.words.iter().rposition(content)?;
        (actor.first_word <= first && actor.last_word >= last).then(|| actor.code.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_resolve_through_the_default_dictionaries() {
        let coder = Coder::default_english().unwrap();
        let date: Option<Date> = "2026-02-05".parse().ok();
        assert_eq!(coder.actor_code("Peterson Institute for International Economics", date).as_deref(), Some("USAEDU"));
        assert_eq!(coder.actor_code("Taiwan", date).as_deref(), Some("TWN"));
        assert_eq!(coder.actor_code("the weather", date), None);
        let sentence = words::from_text("Any new U.S. export controls on chips for Beijing would hurt.");
        let codes: Vec<String> = coder.sentence_actors(&sentence.words, date).into_iter().map(|a| a.code).collect();
        assert_eq!(codes.first().map(|c| &c[..3]), Some("USA"), "{codes:?}");
        assert!(codes.iter().any(|c| c.starts_with("CHN")), "{codes:?}");
    }
}
