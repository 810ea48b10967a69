//! Reading signals out of one document: cues, the regions their actions are in, the actions, and who is
//! expected to act (method: `docs/signals.md`).

use crate::lexicon::{DirectionRule, Lexicon, Place};
use crate::pattern::{Hit, NoPolarity, PolarityTerms};
use crate::words::{Kind, Word, sentence_words};
use attache_coder::Coder;
use attache_doc::{ActionRole, Direction, Doc, Event, Mention, Mode, Setter, Signal, SignalAction, Span, actor_key};
use jiff::civil::Date;
use std::cmp::Reverse;
use std::collections::HashMap;

/// Most words a cue's subject may have (a clause longer than this is cut at its end nearest the cue).
const MAX_SUBJECT: usize = 40;
/// Most words after a cue that hold its actions.
const MAX_AFTER: usize = 30;
/// How far after a cue its polarity term may be ("would signal that the truce is deteriorating").
const POLARITY_REACH: usize = 8;

/// Words after which the words before a cue are no longer its subject ("warned that …", "said …").
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "suggested",
    "suggests",
    "warned",
    "warns",
    "argued",
    "argues",
    "noted",
    "notes",
    "added",
    "adds",
    "believes",
    "believed",
    "thinks",
    "thought",
    "told",
    "stressed",
    "insisted",
    "cautioned",
    "predicted",
    "wrote",
    "explained",
    "observed",
    "stated",
    "according",
    "urged",
    "hoped",
    "hopes",
    "expects",
    "expected",
];
const CLAUSE_OPENERS: &[&str] =
    &["that", "whether", "because", "while", "although", "though", "since", "when", "where", "but", "unless", "if"];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "any", "some", "such", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "every", "each", "no", "either", "neither",
];
const PREPOSITIONS: &[&str] = &[
    "with", "by", "to", "of", "for", "from", "in", "on", "at", "into", "onto", "over", "under", "about", "against",
    "between", "through", "after", "before", "than", "around", "toward", "towards", "via", "without", "within", "near",
    "off", "across", "upon", "among", "amid",
];
/// Prepositions after which an actor is the action's target ("arms sales to Taiwan", "drills around Taiwan").
const TARGET_PREPOSITIONS: &[&str] =
    &["to", "on", "against", "around", "toward", "towards", "into", "over", "with", "for", "near", "off", "across"];
const CONJUNCTIONS: &[&str] = &[
    "and",
    "or",
    "but",
    "nor",
    "as",
    "including",
    "particularly",
    "especially",
    "notably",
    "like",
    "plus",
    "rather",
    "instead",
];
const AUXILIARIES: &[&str] = &[
    "would", "will", "could", "should", "must", "might", "may", "can", "shall", "is", "are", "was", "were", "be",
    "been", "being", "has", "have", "had", "do", "does", "did", "not", "never",
];
const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "what"];
/// Words a consequence needs to look ahead ("Moscow is likely to seize", "relations will suffer").
const LOOK_AHEAD: &[&str] = &[
    "will",
    "would",
    "could",
    "might",
    "may",
    "likely",
    "expected",
    "bound",
    "set",
    "risk",
    "risks",
    "threaten",
    "threatens",
    "can",
    "shall",
    "going",
];
/// Words before "if" that make it a question or a comparison, not a condition.
const NOT_CONDITIONAL_AFTER: &[&str] = &["asked", "ask", "asks", "wondered", "wonder", "know", "see", "unclear", "as"];
/// Words that may stand before a sentence-initial "if" ("But if …").
const BEFORE_LEADING_IF: &[&str] = &["and", "but", "so", "yet", "even", "only", "then", "now"];
/// A subject made only of these refers back ("…, that would signal a thaw").
const REFERRING: &[&str] =
    &["that", "this", "it", "which", "such", "a", "move", "step", "doing", "so", "these", "those", "they", "either"];
const NEGATIONS: &[&str] = &["not", "never", "no"];

fn is_word(word: &Word, list: &[&str]) -> bool {
    word.kind == Kind::Word && list.contains(&&*word.lower)
}

/// A noun phrase does not extend left over these.
fn stops_left(word: &Word) -> bool {
    word.is_separator()
        || [DETERMINERS, PREPOSITIONS, CONJUNCTIONS, AUXILIARIES, RELATIVES, CLAUSE_OPENERS, REPORTING]
            .iter()
            .any(|list| is_word(word, list))
}

/// An action phrase does not extend right over these.
fn stops_right(word: &Word) -> bool {
    word.is_separator()
        || [CONJUNCTIONS, AUXILIARIES, RELATIVES, CLAUSE_OPENERS, REPORTING].iter().any(|list| is_word(word, list))
}

/// The resources one document is read with.
pub(crate) struct Reader<'a> {
    pub lexicon: &'a Lexicon,
    pub coder: &'a Coder,
}

/// An actor the dictionaries found, over words `[start, end)` of the sentence.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    code: String,
    compound: bool,
}

/// A cue found in a sentence.
#[derive(Debug, Clone, Copy)]
struct Cue {
    family: usize,
    place: Place,
    hit: Hit,
}

/// An action phrase before its actors are resolved.
#[derive(Debug, Clone)]
struct Draft {
    /// Extent `[start, end)` in words.
    start: usize,
    end: usize,
    /// The first pattern match that made it an action.
    head: (usize, usize),
    verb: bool,
    /// Where the subject of a verb may start.
    subject_start: usize,
    /// Words `[from, to)` before the region's first action: actors there ("tangible US actions—including …")
    /// are the context of every action of the region.
    context: (usize, usize),
    entries: Vec<usize>,
    role: ActionRole,
}

/// What the words before a cue say about who acts.
#[derive(Debug, Clone)]
enum Subject {
    None,
    Actor(String),
    Both,
}

/// One sentence being read.
struct Sentence<'s> {
    id: u32,
    words: Vec<Word>,
    actors: Vec<Found>,
    events: Vec<&'s Event>,
}

impl Reader<'_> {
    /// All signals of a document, in text order.
    pub fn signals(&self, doc: &Doc) -> Vec<Signal> {
        let date: Option<Date> = doc.published_date().and_then(|d| d.parse().ok());
        let pair = main_pair(&doc.events);
        let mut signals: Vec<Signal> = Vec::new();
        for sentence in &doc.sentences {
            let words = sentence_words(doc, sentence.id);
            let cues = self.cues(&words);
            if cues.is_empty() {
                continue;
            }
            let tokens = doc.sentence_tokens(sentence.id);
            let coder_words = attache_coder::words::from_tokens(doc.text(), tokens).words;
            let actors = self
                .coder
                .sentence_actors(&coder_words, date)
                .into_iter()
                .filter(|a| actor_key(&a.code).is_some())
                .filter_map(|a| {
                    let start = words.iter().position(|w| w.start >= a.start && w.end <= a.end)?;
                    let end = words.iter().rposition(|w| w.start >= a.start && w.end <= a.end)? + 1;
                    Some(Found { start, end, code: a.code, compound: a.compound })
                })
                .collect();
            let events = doc.events.iter().filter(|e| e.sentence == sentence.id).collect();
            let s = Sentence { id: sentence.id, words, actors, events };
            self.read_sentence(doc, &s, &cues, pair.as_ref(), date, &mut signals);
        }
        for (i, signal) in signals.iter_mut().enumerate() {
            signal.id = i as u32;
        }
        signals
    }

    /// The cues of a sentence: the most specific first (most named words, then longest), never overlapping, in
    /// text order.
    fn cues(&self, words: &[Word]) -> Vec<Cue> {
        let lex = self.lexicon;
        let mut found = Vec::new();
        for at in 0..words.len() {
            for (_, cue) in lex.cues.candidates(&words[at]) {
                if let Some(hit) = cue.pattern.match_at(words, at, words.len(), lex) {
                    let family = &lex.families[cue.family];
                    // "would not signal", "would not be seen as": a denied cue sets no condition.
                    let negated = words[hit.start..hit.end].iter().any(|w| is_word(w, NEGATIONS));
                    if negated && family.id != "prohibition" {
                        continue;
                    }
                    found.push(Cue { family: cue.family, place: cue.place, hit });
                }
            }
        }
        found.sort_by_key(|c| (c.hit.specificity(), c.hit.start, c.family));
        let mut chosen: Vec<Cue> = Vec::new();
        for cue in found {
            if chosen.iter().all(|c| c.hit.end <= cue.hit.start || cue.hit.end <= c.hit.start) {
                chosen.push(cue);
            }
        }
        chosen.sort_by_key(|c| c.hit.start);
        chosen
    }

    #[allow(clippy::too_many_arguments)]
    fn read_sentence(
        &self,
        doc: &Doc,
        s: &Sentence,
        cues: &[Cue],
        pair: Option<&(String, String)>,
        date: Option<Date>,
        signals: &mut Vec<Signal>,
    ) {
        let words = &s.words;
        // If-clauses that another cue took as its subject ("if …, that would signal …").
        let mut used_ifs: Vec<usize> = Vec::new();
        let ordered = cues
            .iter()
            .filter(|c| c.place != Place::Conditional)
            .chain(cues.iter().filter(|c| c.place == Place::Conditional));
        for cue in ordered {
            let family = &self.lexicon.families[cue.family];
            let mut subject = Subject::None;
            let mut drafts = match cue.place {
                Place::Subject => {
                    let region = subject_region(words, cue.hit.start);
                    let region = if referring(&words[region.0..region.1]) {
                        match leading_if_before(words, region.0) {
                            Some((at, condition)) => {
                                used_ifs.push(at);
                                condition
                            }
                            None => continue,
                        }
                    } else {
                        region
                    };
                    self.drafts(words, region, ActionRole::Expected)
                }
                Place::After => {
                    let before = subject_region(words, cue.hit.start);
                    subject = self.subject(s, before);
                    if family.needs_actor_subject && matches!(subject, Subject::None) {
                        continue;
                    }
                    self.drafts(words, after_region(words, cue.hit.end), ActionRole::Expected)
                }
                Place::Conditional => {
                    if used_ifs.contains(&cue.hit.start) {
                        continue;
                    }
                    let Some(parts) = conditional(words, cue.hit.start) else { continue };
                    let role =
                        if words[cue.hit.start].is("unless") { ActionRole::Unless } else { ActionRole::Condition };
                    let mut drafts = self.drafts(words, parts.condition, role);
                    drafts.extend(self.drafts(words, parts.consequence, ActionRole::Consequence));
                    drafts.sort_by_key(|d| d.start);
                    drafts
                }
            };
            // An action the article reports as done (a fact event's verb among the action's own words), or that
            // refers back ("these sanctions"), is no condition.
            // Actions after a modal or inside an if-clause cannot have happened, whatever mode the coder read.
            let subject_place = cue.place == Place::Subject;
            drafts.retain(|d| {
                let span = doc.span(words[d.head.0].start as usize, words[d.head.1 - 1].end as usize);
                let happened = subject_place && s.events.iter().any(|e| e.mode == Mode::Fact && span.contains(e.verb));
                let refers_back = d.start > 0 && is_word(&words[d.start - 1], &["this", "these", "those"]);
                !happened && !refers_back
            });
            if !drafts.iter().any(|d| d.role.is_tracked()) {
                continue;
            }
            let Some(direction) = self.direction(s, cue, &drafts) else { continue };
            let cue_span = doc.span(words[cue.hit.start].start as usize, words[cue.hit.end - 1].end as usize);
            let setter = self.setter(doc, cue_span, date);
            let carried = setter.as_ref().and_then(|setter| {
                signals
                    .iter()
                    .rev()
                    .filter(|p| p.setter.as_ref().is_some_and(|q| q.name == setter.name))
                    .find_map(|p| p.actions.iter().find_map(|a| a.actor.clone()))
            });
            let actions: Vec<SignalAction> =
                drafts.iter().map(|d| self.action(doc, s, d, &subject, carried.as_deref(), pair)).collect();
            // Two cues on the same actions (a sentence that says it twice) make one signal.
            let repeated = signals
                .iter()
                .rev()
                .take_while(|p| p.sentence == s.id)
                .any(|p| p.actions.iter().map(|a| (a.start, a.end)).eq(actions.iter().map(|a| (a.start, a.end))));
            if repeated {
                continue;
            }
            let first = actions.iter().find(|a| a.role.is_tracked());
            signals.push(Signal {
                id: 0,
                sentence: s.id,
                setter,
                direction,
                mode: family.mode,
                actor: first.and_then(|a| a.actor.clone()),
                target: first.and_then(|a| a.target.clone()),
                family: family.id.clone(),
                cue: Mention { start: cue_span.start, end: cue_span.end, text: doc.slice(cue_span).to_string() },
                actions,
            });
        }
        signals.sort_by_key(|signal| (signal.sentence, signal.cue.start));
    }

    /// What the words before an obligation say about who is to act.
    fn subject(&self, s: &Sentence, (from, to): (usize, usize)) -> Subject {
        if (from..to).any(|i| self.lexicon.mutual_at(&s.words, i, to).is_some()) {
            return Subject::Both;
        }
        match s.actors.iter().rev().find(|a| a.start >= from && a.end <= to) {
            Some(actor) => Subject::Actor(actor.code.clone()),
            None => Subject::None,
        }
    }

    /// The action phrases in words `[from, to)`: table matches (the most specific first, never overlapping) grown
    /// to their phrase, and merged where phrases overlap.
    fn drafts(&self, words: &[Word], (from, to): (usize, usize), role: ActionRole) -> Vec<Draft> {
        let lex = self.lexicon;
        let mut hits: Vec<(Hit, usize, bool)> = Vec::new();
        for at in from..to {
            for (_, action) in lex.action_patterns.candidates(&words[at]) {
                if let Some(hit) = action.pattern.match_at(words, at, to, &NoPolarity) {
                    hits.push((hit, action.entry, action.verb));
                }
            }
        }
        // The same words may read as a noun or a verb phrase ("halt to strikes"): after a determiner or a modifier
        // it is a noun ("an agreed halt"), else a verb ("Russia should halt strikes").
        let noun_place = |at: usize| at > from && (is_word(&words[at - 1], DETERMINERS) || !stops_left(&words[at - 1]));
        hits.sort_by_key(|(hit, entry, verb)| (hit.specificity(), hit.start, *verb == noun_place(hit.start), *entry));
        let mut chosen: Vec<(Hit, usize, bool)> = Vec::new();
        for hit in hits {
            let free = chosen.iter().all(|(c, _, _)| c.end <= hit.0.start || hit.0.end <= c.start);
            if free {
                chosen.push(hit);
            }
        }
        chosen.sort_by_key(|(hit, _, _)| hit.start);
        let mut drafts: Vec<Draft> = Vec::new();
        for (hit, entry, verb) in chosen {
            let mut start = hit.start;
            if !verb {
                while start > from && !stops_left(&words[start - 1]) {
                    start -= 1;
                }
            }
            let mut end = hit.end;
            while end < to && !stops_right(&words[end]) {
                end += 1;
            }
            if let Some(last) = drafts.last_mut()
                && start < last.end
            {
                last.end = last.end.max(end);
                if !last.entries.contains(&entry) {
                    last.entries.push(entry);
                }
                continue;
            }
            let subject_start = drafts.last().map_or(from, |d| d.end);
            let context = drafts.first().map_or((from, hit.start), |d| d.context);
            drafts.push(Draft {
                start,
                end,
                head: (hit.start, hit.end),
                verb,
                subject_start,
                context,
                entries: vec![entry],
                role,
            });
        }
        drafts
    }

    /// The direction a cue gives its actions.
    fn direction(&self, s: &Sentence, cue: &Cue, drafts: &[Draft]) -> Option<Direction> {
        let family = &self.lexicon.families[cue.family];
        let by_codes = |role: Option<ActionRole>| {
            drafts
                .iter()
                .filter(|d| d.role.is_tracked() && role.is_none_or(|r| d.role == r))
                .flat_map(|d| d.entries.iter())
                .flat_map(|&e| self.lexicon.actions[e].codes.iter())
                .find_map(|code| attache_dict::cameo::quad_class(code))
                .map(|quad| if quad <= 2 { Direction::Improvement } else { Direction::Deterioration })
        };
        match family.direction {
            DirectionRule::Fixed(direction) => Some(direction),
            DirectionRule::Object { fallback } => {
                let end = (cue.hit.end..s.words.len())
                    .find(|&i| s.words[i].is_separator())
                    .unwrap_or(s.words.len())
                    .min(cue.hit.end + POLARITY_REACH);
                self.polarity(&s.words, cue.hit.start, end).or(fallback)
            }
            DirectionRule::Action if cue.place == Place::Conditional => {
                let consequence = conditional(&s.words, cue.hit.start).map(|p| p.consequence);
                consequence
                    .and_then(|(from, to)| self.polarity(&s.words, from, to))
                    .or_else(|| by_codes(Some(ActionRole::Consequence)))
                    .or_else(|| by_codes(None))
            }
            DirectionRule::Action => by_codes(None),
        }
    }

    /// The first polarity term in words `[from, to)` that is not denied ("not a setback").
    fn polarity(&self, words: &[Word], from: usize, to: usize) -> Option<Direction> {
        (from..to).find_map(|i| {
            let denied = i > 0 && is_word(&words[i - 1], NEGATIONS);
            let hit = self.lexicon.term_at(words, i, to).filter(|_| !denied)?;
            Some(if hit.improvement { Direction::Improvement } else { Direction::Deterioration })
        })
    }

    /// The setter: the speaker of the quote the cue is in.
    fn setter(&self, doc: &Doc, cue: Span, date: Option<Date>) -> Option<Setter> {
        let quote =
            doc.quotes.iter().filter(|q| q.start <= cue.start && cue.end <= q.end).min_by_key(|q| q.end - q.start)?;
        let speaker = quote.speaker.as_ref()?;
        let entity = speaker.entity.and_then(|e| doc.entities.get(e as usize));
        let code = speaker
            .code
            .clone()
            .or_else(|| entity.and_then(|e| e.code.clone()))
            .or_else(|| self.coder.actor_code(&speaker.name, date))
            .or_else(|| {
                let affiliation = speaker.affiliation.as_deref().or(entity.and_then(|e| e.affiliation.as_deref()))?;
                self.coder.actor_code(affiliation, date)
            });
        Some(Setter { name: speaker.name.clone(), entity: speaker.entity, code, quote: Some(quote.id) })
    }

    /// Resolves an action's actor and target.
    #[allow(clippy::too_many_arguments)]
    fn action(
        &self,
        doc: &Doc,
        s: &Sentence,
        d: &Draft,
        subject: &Subject,
        carried: Option<&str>,
        pair: Option<&(String, String)>,
    ) -> SignalAction {
        let words = &s.words;
        let span = doc.span(words[d.start].start as usize, words[d.end - 1].end as usize);
        let table_mutual = d.entries.iter().any(|&e| self.lexicon.actions[e].mutual);
        let mut codes: Vec<String> = Vec::new();
        for &e in &d.entries {
            for code in &self.lexicon.actions[e].codes {
                if !codes.contains(code) {
                    codes.push(code.clone());
                }
            }
        }
        let events: Vec<&Event> =
            s.events.iter().copied().filter(|e| e.mode != Mode::Fact && span.contains(e.verb)).collect();

        // Who the action's own words name: before a noun's head, or as a verb's subject.
        let stated_from = if d.verb { d.subject_start } else { d.start };
        let stated: Vec<&Found> = s.actors.iter().filter(|a| a.start >= stated_from && a.end <= d.head.0).collect();
        let both_sides = (stated_from..d.head.0).any(|i| self.lexicon.mutual_at(words, i, d.head.0).is_some());

        let mut actor: Option<(String, &str)> = None;
        let mut target: Option<(String, &str)> = None;
        let mut mutual = false;
        let both = |actor: &mut Option<(String, &str)>, target: &mut Option<(String, &str)>, mutual: &mut bool| {
            if let Some((a, b)) = pair {
                *actor = Some((a.clone(), "pair"));
                *target = Some((b.clone(), "implied"));
                *mutual = true;
            }
        };
        // 1. The action's own words: before a noun's head, or a verb's subject.
        match stated.as_slice() {
            _ if both_sides => both(&mut actor, &mut target, &mut mutual),
            [a, b] if table_mutual && a.compound && b.compound && actor_key(&a.code) != actor_key(&b.code) => {
                actor = Some((a.code.clone(), "stated"));
                target = Some((b.code.clone(), "stated"));
                mutual = true;
            }
            [.., last] => actor = Some((last.code.clone(), "stated")),
            // "tariff cuts by Washington", "an invasion by Russia": the agent after the head.
            [] => {
                actor = s
                    .actors
                    .iter()
                    .filter(|a| a.start > d.head.0 && a.end <= d.end)
                    .find(|a| {
                        let preposition = (d.head.0 + 1..a.start).rev().find(|&i| is_word(&words[i], PREPOSITIONS));
                        preposition.is_some_and(|i| words[i].is("by"))
                    })
                    .map(|a| (a.code.clone(), "stated"));
            }
        }
        // 2. The target: an actor after the head, behind a target preposition (or a verb's direct object).
        if target.is_none() {
            let acting = actor.as_ref().and_then(|(code, _)| actor_key(code));
            target = s
                .actors
                .iter()
                .filter(|a| a.start > d.head.0 && a.end <= d.end && actor_key(&a.code) != acting)
                .find(|a| {
                    let preposition = (d.head.0 + 1..a.start).rev().find(|&i| is_word(&words[i], PREPOSITIONS));
                    match preposition {
                        Some(i) => is_word(&words[i], TARGET_PREPOSITIONS),
                        None => d.verb,
                    }
                })
                .map(|a| (a.code.clone(), "stated"));
        }
        // 3. The subject of an obligation ("Washington should …", "the two sides must …").
        if actor.is_none() {
            match subject {
                Subject::Actor(code) => actor = Some((code.clone(), "stated")),
                Subject::Both => both(&mut actor, &mut target, &mut mutual),
                Subject::None => {}
            }
        }
        // 4. The clause's other words; 5. both sides of a mutual action; 6. the setter's previous signal;
        // 7. the coder's reading of the same words.
        if actor.is_none() {
            let (from, to) = d.context;
            actor = s.actors.iter().rev().find(|a| a.start >= from && a.end <= to).map(|a| (a.code.clone(), "context"));
        }
        if actor.is_none() && table_mutual {
            both(&mut actor, &mut target, &mut mutual);
        }
        if actor.is_none() {
            actor = carried.map(|code| (code.to_string(), "carried")).or_else(|| {
                events.iter().find(|e| actor_key(&e.source.code).is_some()).map(|e| (e.source.code.clone(), "event"))
            });
        }
        // 8. An implied target: the other side of the article's main pair.
        if target.is_none()
            && let (Some((code, _)), Some((a, b))) = (&actor, pair)
        {
            let key = actor_key(code);
            target = if key == Some(a.as_str()) {
                Some((b.clone(), "implied"))
            } else if key == Some(b.as_str()) {
                Some((a.clone(), "implied"))
            } else {
                None
            };
        }
        let (actor, actor_from) = actor.map_or((None, None), |(c, f)| (Some(c), Some(f.to_string())));
        let (target, target_from) = target.map_or((None, None), |(c, f)| (Some(c), Some(f.to_string())));
        SignalAction {
            start: span.start,
            end: span.end,
            text: doc.slice(span).to_string(),
            role: d.role,
            entries: d.entries.iter().map(|&e| self.lexicon.actions[e].id.clone()).collect(),
            codes,
            actor,
            actor_from,
            target,
            target_from,
            mutual,
            events: events.iter().map(|e| e.id).collect(),
        }
    }
}

/// The two actors (by [`actor_key`]) that the document's events relate most often, in the order of their first
/// event; ties go to the pair seen first.
pub(crate) fn main_pair(events: &[Event]) -> Option<(String, String)> {
    let mut counts: HashMap<(String, String), (usize, usize)> = HashMap::new();
    for (i, event) in events.iter().enumerate() {
        let (Some(a), Some(b)) = (actor_key(&event.source.code), actor_key(&event.target.code)) else { continue };
        if a == b {
            continue;
        }
        let key = if a < b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) };
        let entry = counts.entry(key).or_insert((0, i));
        entry.0 += 1;
    }
    let ((a, b), (_, first)) = counts.into_iter().max_by_key(|(_, (count, first))| (*count, Reverse(*first)))?;
    // Keep the direction of the first event between them.
    let source = actor_key(&events[first].source.code).unwrap_or_default();
    Some(if source == b { (b, a) } else { (a, b) })
}

/// The words before a cue that are its subject: back to the start of the clause (a comma, colon, quotation
/// mark, "that", "whether", a reporting verb), at most [`MAX_SUBJECT`] words. A "that" right before the cue is the
/// subject itself ("…, that would signal").
fn subject_region(words: &[Word], cue_start: usize) -> (usize, usize) {
    let mut from = cue_start;
    while from > 0 && cue_start - from < MAX_SUBJECT {
        let word = &words[from - 1];
        if matches!(word.kind, Kind::Comma | Kind::Colon | Kind::OpenQuote | Kind::CloseQuote | Kind::Stop) {
            break;
        }
        if is_word(word, CLAUSE_OPENERS) || is_word(word, REPORTING) {
            if from == cue_start && is_word(word, &["that", "which"]) {
                from -= 1;
            }
            break;
        }
        from -= 1;
    }
    (from, cue_start)
}

/// The words after a cue that hold its actions: to the end of the clause, at most [`MAX_AFTER`] words.
fn after_region(words: &[Word], cue_end: usize) -> (usize, usize) {
    let mut from = cue_end;
    // `should "manage differences …"`: the quoted words are the action.
    while from < words.len() && words[from].kind == Kind::OpenQuote {
        from += 1;
    }
    let mut to = from;
    while to < words.len() && to - from < MAX_AFTER {
        let word = &words[to];
        if word.is_separator() || is_word(word, CLAUSE_OPENERS) || is_word(word, &["rather", "instead"]) {
            break;
        }
        to += 1;
    }
    (from, to)
}

/// Whether a subject only refers back ("that", "this", "such a move").
fn referring(subject: &[Word]) -> bool {
    let mut content = subject.iter().filter(|w| w.kind == Kind::Word).peekable();
    content.peek().is_some() && content.all(|w| is_word(w, REFERRING))
}

/// The two parts of a conditional sentence, in words.
struct Conditional {
    condition: (usize, usize),
    consequence: (usize, usize),
}

/// Reads the conditional whose "if"/"unless" is word `at`: a leading if-clause ("If A does B, C will D") or a
/// trailing one ("C will D if A does B"). `None` when it is not a condition or the consequence does not look
/// ahead.
fn conditional(words: &[Word], at: usize) -> Option<Conditional> {
    if at > 0 && is_word(&words[at - 1], NOT_CONDITIONAL_AFTER) {
        return None;
    }
    let mut clause = at;
    while clause > 0 {
        let word = &words[clause - 1];
        if word.is_separator() || is_word(word, REPORTING) || is_word(word, &["that"]) {
            break;
        }
        clause -= 1;
    }
    let clause_end = |from: usize| (from..words.len()).find(|&i| words[i].is_separator()).unwrap_or(words.len());
    let leading = words[clause..at].iter().all(|w| is_word(w, BEFORE_LEADING_IF));
    let parts = if leading {
        let end = clause_end(at + 1);
        if !words.get(end).is_some_and(|w| matches!(w.kind, Kind::Comma | Kind::Dash)) {
            return None;
        }
        Conditional { condition: (at + 1, end), consequence: (end + 1, clause_end(end + 1)) }
    } else {
        Conditional { condition: (at + 1, clause_end(at + 1)), consequence: (clause, at) }
    };
    let (from, to) = parts.consequence;
    let looks_ahead = words[from..to.max(from)].iter().any(|w| is_word(w, LOOK_AHEAD) || &*w.lower == "'ll");
    (looks_ahead && parts.condition.0 < parts.condition.1).then_some(parts)
}

/// The condition of a leading if-clause that ends before word `before` (for a cue whose subject refers back
/// to it): the "if" word's index and the condition's words.
fn leading_if_before(words: &[Word], before: usize) -> Option<(usize, (usize, usize))> {
    (0..before).rev().filter(|&i| is_word(&words[i], &["if", "unless"])).find_map(|i| {
        if i > 0 && is_word(&words[i - 1], NOT_CONDITIONAL_AFTER) {
            return None;
        }
        let end = (i + 1..before).find(|&j| words[j].is_separator())?;
        (end > i + 1).then_some((i, (i + 1, end)))
    })
}
