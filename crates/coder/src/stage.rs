//! The coder as a pipeline stage: fills `doc.events` from `doc.sentences` and `doc.tokens`.

use crate::dates;
use crate::engine::{CodedEvent, Outcome, Side};
use crate::words::{self, Word};
use crate::{Carry, Coder};
use attache_dict::{DictErrors, cameo};
use attache_doc::{ActorRef, Doc, Event, EventEvidence, Mode, Span, Stage};
use jiff::civil::Date;
use std::sync::Arc;

/// Codes each sentence of a document into CAMEO events with evidence.
///
/// The coder is held in an `Arc` so later stages (speaker codes, signals) resolve actors with the very same
/// compiled dictionaries instead of loading a second copy.
pub struct CoderStage {
    coder: Arc<Coder>,
}

impl CoderStage {
    pub fn new(coder: Coder) -> CoderStage {
        CoderStage { coder: Arc::new(coder) }
    }

    /// A stage over a coder other stages share.
    pub fn shared(coder: Arc<Coder>) -> CoderStage {
        CoderStage { coder }
    }

    /// attache's embedded English dictionaries (checked by tests, so this does not fail in practice).
    pub fn default_english() -> Result<CoderStage, DictErrors> {
        Ok(CoderStage::new(Coder::default_english()?))
    }

    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// The shared handle to the coder, for stages that resolve actor phrases.
    pub fn coder_arc(&self) -> Arc<Coder> {
        Arc::clone(&self.coder)
    }
}

/// Country (first three letters) and sector codes (the rest, in threes) of a CAMEO actor code.
pub fn split_code(code: &str) -> (Option<String>, Vec<String>) {
    if code.len() < 3 || !code.is_ascii() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return (None, Vec::new());
    }
    let country = code[..3].to_string();
    let sectors = code.as_bytes()[3..].chunks(3).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    (Some(country), sectors)
}

fn byte_range(words: &[Word], range: (usize, usize)) -> Option<(usize, usize)> {
    let (f, l) = range;
    Some((words.get(f)?.start as usize, words.get(l)?.end as usize))
}

fn actor_ref(coder: &Coder, doc: &Doc, words: &[Word], side: &Side, fallback: Span) -> ActorRef {
    let (country, sectors) = split_code(&side.code);
    let span = side.words.and_then(|r| byte_range(words, r)).map_or(fallback, |(s, e)| doc.span(s, e));
    let lex = coder.lexicon();
    let entry = match (side.actor, side.agent) {
        (Some(a), Some(g)) => Some(format!("{} + {}", lex.actor(a).id, lex.agent(g).id)),
        (Some(a), None) => Some(lex.actor(a).id.to_string()),
        (None, Some(g)) => Some(lex.agent(g).id.to_string()),
        (None, None) => None,
    };
    ActorRef { code: side.code.clone(), country, sectors, span, text: doc.slice(span).to_string(), entry }
}

impl CoderStage {
    fn event(
        &self,
        doc: &Doc,
        words: &[Word],
        sentence: u32,
        e: &CodedEvent,
        date: Option<(Date, Option<Span>)>,
    ) -> Event {
        let sentence_span =
            doc.sentences.get(sentence as usize).map_or(Span::default(), |s| Span::new(s.start, s.start));
        let verb_span = byte_range(words, e.verb_words).map_or(sentence_span, |(s, en)| doc.span(s, en));
        let lex = self.coder.lexicon();
        let verb = lex.verb(e.verb);
        let info = cameo::lookup(&e.code);
        let pattern = e.pattern.and_then(|p| verb.patterns.get(p as usize));
        Event {
            id: 0,
            sentence,
            source: actor_ref(&self.coder, doc, words, &e.source, sentence_span),
            target: actor_ref(&self.coder, doc, words, &e.target, sentence_span),
            code: e.code.clone(),
            root: e.code.get(..2).unwrap_or(&e.code).to_string(),
            name: info.map_or(String::new(), |c| c.name.to_string()),
            goldstein: info.map_or(0.0, |c| c.goldstein),
            quad_class: cameo::quad_class(&e.code).unwrap_or(0),
            plover: cameo::plover(&e.code).map(str::to_string),
            mode: e.mode,
            date: date.map(|(d, _)| d.to_string()),
            date_span: date.and_then(|(_, s)| s),
            verb: verb_span,
            verb_text: doc.slice(verb_span).to_string(),
            reporter: e.reporter.as_ref().map(|r| actor_ref(&self.coder, doc, words, r, sentence_span)),
            evidence: EventEvidence {
                dictionary: pattern.map_or(&verb.origin, |p| &p.origin).to_string(),
                verb_entry: verb.id.to_string(),
                pattern: pattern.map_or(String::new(), |p| p.written.to_string()),
                rule: e.rule.as_str().to_string(),
            },
        }
    }
}

impl Stage for CoderStage {
    fn name(&self) -> &'static str {
        "coder"
    }

    fn annotate(&self, doc: &mut Doc) {
        let published: Option<Date> = doc.published_date().and_then(|d| d.parse().ok());
        let mut carry = Carry::default();
        let mut events = Vec::new();
        let engine = self.coder.engine();
        let mut previous_paragraph = None;
        let story_context = self.coder.options().story_context;
        for sentence in &doc.sentences {
            // Pronouns reach back only within a paragraph (the story's context stays).
            if previous_paragraph != Some(sentence.paragraph) {
                carry.new_paragraph();
                previous_paragraph = Some(sentence.paragraph);
            }
            let mut tokens = doc.sentence_tokens(sentence.id);
            if story_context && sentence.id == 0 {
                tokens = &tokens[words::dateline_len(tokens)..];
            }
            let sw = words::from_tokens(doc.text(), tokens);
            if sw.words.is_empty() {
                continue;
            }
            let coded = engine.code_sentence(&sw.words, sw.terminal, published, &mut carry);
            if let Outcome::Discarded { story: true, .. } = coded.outcome {
                events.clear();
                break;
            }
            let exprs = if self.coder.options().resolve_dates { dates::find(&sw.words) } else { Vec::new() };
            for e in &coded.events {
                let date = published.map(|p| {
                    // A fact has happened: expressions that point after publication ("agreed to meet next month")
                    // date something else.
                    let candidates: Vec<dates::DateExpr> = exprs
                        .iter()
                        .filter(|x| e.mode != Mode::Fact || dates::resolve(x.kind, p, false).is_none_or(|d| d <= p))
                        .cloned()
                        .collect();
                    match dates::nearest_in(&sw.words, &candidates, e.verb_words.0)
                        .and_then(|x| dates::resolve(x.kind, p, e.mode == Mode::Future).map(|d| (d, x)))
                    {
                        Some((d, x)) => {
                            let span = byte_range(&sw.words, (x.first, x.last)).map(|(s, en)| doc.span(s, en));
                            (d, span)
                        }
                        None => (p, None),
                    }
                });
                let event = self.event(doc, &sw.words, sentence.id, e, date);
                // Two verbs of one phrase ("struck … targeting") may code the same event: keep the first.
                let repeated = events.iter().rev().take_while(|x: &&Event| x.sentence == sentence.id).any(|x| {
                    x.source.code == event.source.code
                        && x.target.code == event.target.code
                        && x.code == event.code
                        && x.mode == event.mode
                });
                if !repeated {
                    events.push(event);
                }
            }
        }
        for (i, e) in events.iter_mut().enumerate() {
            e.id = i as u32;
        }
        doc.events = events;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split() {
        assert_eq!(split_code("CHNGOV"), (Some("CHN".into()), vec!["GOV".into()]));
        assert_eq!(split_code("USAGOVMIL"), (Some("USA".into()), vec!["GOV".into(), "MIL".into()]));
        assert_eq!(split_code("---GOV").0, None);
        assert_eq!(split_code("IGOUNO"), (Some("IGO".into()), vec!["UNO".into()]));
    }
}
